/* visits.c — records: details, answers (one transaction each), actions,
 * status, reviews and the event history. Nothing here is ever deleted. */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static const char *nz(const char *s)
{
	return s ? s : "";
}

void store_visit_free(struct store_visit *v)
{
	char **fields[] = {&v->case_ref,     &v->practitioner,    &v->agency,        &v->address,
			   &v->children,     &v->purpose,         &v->planned_at,    &v->kind,
			   &v->status,       &v->rulebook_hash,   &v->rulebook_id,   &v->rulebook_version,
			   &v->created_at,   &v->updated_at,      &v->escalation,    &v->urgency,
			   &v->expected_back_at, &v->welfare_check, &v->next_contact_at,
			   &v->outcome_at,   &v->resume_at};
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		free(*fields[i]);
		*fields[i] = NULL;
	}
}

void store_read_visit(sqlite3_stmt *s, struct store_visit *v)
{
	memset(v, 0, sizeof(*v));
	v->id = sqlite3_column_int64(s, 0);
	v->case_ref = store_col_dup(s, 1);
	v->practitioner = store_col_dup(s, 2);
	v->agency = store_col_dup(s, 3);
	v->address = store_col_dup(s, 4);
	v->children = store_col_dup(s, 5);
	v->purpose = store_col_dup(s, 6);
	v->planned_at = store_col_dup(s, 7);
	v->kind = store_col_dup(s, 8);
	v->status = store_col_dup(s, 9);
	v->rulebook_hash = store_col_dup(s, 10);
	v->rulebook_id = store_col_dup(s, 11);
	v->rulebook_version = store_col_dup(s, 12);
	v->created_at = store_col_dup(s, 13);
	v->updated_at = store_col_dup(s, 14);
	v->escalation = store_col_dup(s, 15);
	v->escalation_rank = sqlite3_column_int(s, 16);
	v->urgency = store_col_dup(s, 17);
	v->emergency = sqlite3_column_int(s, 18) != 0;
	v->expected_back_at = store_col_dup(s, 19);
	v->welfare_check = store_col_dup(s, 20);
	v->next_contact_at = store_col_dup(s, 21);
	v->outcome_at = store_col_dup(s, 22);
	v->resume_at = store_col_dup(s, 23);
	v->open_actions = sqlite3_column_int(s, 24);
	v->overdue_actions = sqlite3_column_int(s, 25);
	v->reviewed = sqlite3_column_int(s, 26) != 0;
}

static int add_event(struct store *st, int64_t visit, const char *who, const char *kind,
		     const char *question, const char *old_value, const char *new_value,
		     const char *reason, const char *detail, struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_EVENT_INSERT, err);
	char now[21];

	if (s == NULL)
		return err->status;
	store_now_utc(now);
	sqlite3_bind_int64(s, 1, visit);
	store_bind_text(s, 2, now);
	store_bind_text(s, 3, who);
	store_bind_text(s, 4, kind);
	store_bind_text(s, 5, question);
	store_bind_text(s, 6, old_value);
	store_bind_text(s, 7, new_value);
	store_bind_text(s, 8, reason);
	store_bind_text(s, 9, detail);
	return store_exec_stmt(st, s, err, "recording the history");
}

int store_visit_create(struct store *st, struct store_visit *v, const char *who,
		       struct hv_error *err)
{
	sqlite3_stmt *s;
	char now[21];
	int rc;

	if ((rc = store_tx_begin(st, err)) != HV_OK)
		return rc;
	if ((s = store_stmt(st, S_VISIT_INSERT, err)) == NULL) {
		store_tx_rollback(st);
		return err->status;
	}
	store_now_utc(now);
	store_bind_text(s, 1, v->case_ref);
	store_bind_text(s, 2, v->practitioner);
	store_bind_text(s, 3, nz(v->agency));
	store_bind_text(s, 4, nz(v->address));
	store_bind_text(s, 5, nz(v->children));
	store_bind_text(s, 6, nz(v->purpose));
	store_bind_text(s, 7, v->planned_at);
	store_bind_text(s, 8, v->kind ? v->kind : "announced");
	store_bind_text(s, 9, v->rulebook_hash);
	store_bind_text(s, 10, now);
	if ((rc = store_exec_stmt(st, s, err, "starting the record")) != HV_OK) {
		store_tx_rollback(st);
		return rc;
	}
	v->id = sqlite3_last_insert_rowid(st->db);
	if ((rc = add_event(st, v->id, who, "created", NULL, NULL, NULL, NULL, NULL, err)) != HV_OK) {
		store_tx_rollback(st);
		return rc;
	}
	return store_tx_commit(st, err);
}

int store_visit_update_details(struct store *st, const struct store_visit *v, const char *who,
			       struct hv_error *err)
{
	sqlite3_stmt *s;
	char now[21];
	int rc;

	(void)who;
	if ((rc = store_tx_begin(st, err)) != HV_OK)
		return rc;
	if ((s = store_stmt(st, S_VISIT_UPDATE_DETAILS, err)) == NULL) {
		store_tx_rollback(st);
		return err->status;
	}
	store_now_utc(now);
	sqlite3_bind_int64(s, 1, v->id);
	store_bind_text(s, 2, v->case_ref);
	store_bind_text(s, 3, v->practitioner);
	store_bind_text(s, 4, nz(v->agency));
	store_bind_text(s, 5, nz(v->address));
	store_bind_text(s, 6, nz(v->children));
	store_bind_text(s, 7, nz(v->purpose));
	store_bind_text(s, 8, v->planned_at);
	store_bind_text(s, 9, v->kind ? v->kind : "announced");
	store_bind_text(s, 10, now);
	if ((rc = store_exec_stmt(st, s, err, "saving the visit details")) != HV_OK) {
		store_tx_rollback(st);
		return rc;
	}
	return store_tx_commit(st, err);
}

int store_visits_past_back(struct store *st, int64_t limit, store_visit_cb cb, void *ctx,
			   struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_VISITS_PAST_BACK, err);
	char now[17];

	if (s == NULL)
		return err->status;
	store_now_local(now);
	store_bind_text(s, sqlite3_bind_parameter_index(s, ":now"), now);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":limit"), limit);
	return store_walk_visits(st, s, cb, ctx, "finding practitioners past their expected-back time",
				 err);
}

int store_visit_get(struct store *st, int64_t id, struct store_visit *out, struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_VISIT_GET, err);
	char now[17];
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return err->status;
	store_now_local(now);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":id"), id);
	store_bind_text(s, sqlite3_bind_parameter_index(s, ":now"), now);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_read_visit(s, out);
		sqlite3_reset(s);
		return HV_OK;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		hv_error_add(err, HV_ENOINPUT, st->path, 0, 0, "there is no record %lld",
			     (long long)id);
		return HV_ENOINPUT;
	}
	return store_fail(st, err, "reading a record");
}

/* ---- actions: keeping the stored ones in step with what fires ---- */

struct open_action {
	int64_t id;
	char *action, *text, *due_at;
	bool settled; /* kept, or replaced, by an action that fires now */
};

static int withdraw(struct store *st, int64_t visit, int64_t id, const char *action,
		    const char *note, const char *who, struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_ACTION_WITHDRAW, err);
	char now[21];
	int rc;

	if (s == NULL)
		return err->status;
	store_now_utc(now);
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, now);
	store_bind_text(s, 3, who);
	store_bind_text(s, 4, note);
	if ((rc = store_exec_stmt(st, s, err, "withdrawing an action")) != HV_OK)
		return rc;
	return add_event(st, visit, who, "action_withdrawn", NULL, NULL, NULL, note, action, err);
}

static int insert_action(struct store *st, int64_t visit, const struct store_action_in *a,
			 struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_ACTION_INSERT, err);
	char now[21];

	if (s == NULL)
		return err->status;
	store_now_utc(now);
	sqlite3_bind_int64(s, 1, visit);
	store_bind_text(s, 2, a->action);
	store_bind_text(s, 3, a->text);
	store_bind_text(s, 4, a->owner);
	store_bind_text(s, 5, a->urgency);
	store_bind_text(s, 6, a->escalation);
	store_bind_text(s, 7, a->due_at);
	store_bind_text(s, 8, now);
	return store_exec_stmt(st, s, err, "adding an action");
}

/* Keeps visits.next_due_at, the earliest due time of its open actions, which
 * the overdue filter looks up in an index. */
static int update_next_due(struct store *st, int64_t visit, struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_VISIT_NEXT_DUE, err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, visit);
	return store_exec_stmt(st, s, err, "saving the record");
}

static bool same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* New actions are added; an open one whose text or due time changed is
 * withdrawn and added again; open ones that no longer fire are withdrawn; a
 * done one is never added twice. */
static int sync_actions(struct store *st, int64_t visit, const struct store_action_in *fired,
			size_t nfired, const char *who, struct hv_error *err)
{
	struct open_action *open = NULL;
	size_t nopen = 0, cap = 0, i, j;
	sqlite3_stmt *s;
	int rc = HV_OK, step;

	if ((s = store_stmt(st, S_ACTION_OPEN_ALL, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, visit);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (nopen == cap) {
			cap = cap ? cap * 2 : 16;
			open = xreallocarray(open, cap, sizeof(*open));
		}
		open[nopen].id = sqlite3_column_int64(s, 0);
		open[nopen].action = store_col_dup(s, 1);
		open[nopen].text = store_col_dup(s, 2);
		open[nopen].due_at = store_col_dup(s, 3);
		open[nopen].settled = false;
		nopen++;
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		rc = store_fail(st, err, "reading the actions");

	for (i = 0; rc == HV_OK && i < nfired; i++) {
		const struct store_action_in *a = &fired[i];
		struct open_action *o = NULL;

		for (j = 0; j < nopen && o == NULL; j++)
			if (strcmp(open[j].action, a->action) == 0)
				o = &open[j];
		if (o != NULL) {
			o->settled = true;
			if (same(o->text, a->text) && same(o->due_at, a->due_at))
				continue;
			rc = withdraw(st, visit, o->id, o->action, "replaced: its text or due time changed",
				      who, err);
		} else {
			bool done;

			if ((s = store_stmt(st, S_ACTION_DONE_FIND, err)) == NULL) {
				rc = err->status;
				break;
			}
			sqlite3_bind_int64(s, 1, visit);
			store_bind_text(s, 2, a->action);
			done = sqlite3_step(s) == SQLITE_ROW;
			sqlite3_reset(s);
			if (done)
				continue;
		}
		if (rc == HV_OK)
			rc = insert_action(st, visit, a, err);
	}
	for (j = 0; rc == HV_OK && j < nopen; j++)
		if (!open[j].settled)
			rc = withdraw(st, visit, open[j].id, open[j].action,
				      "no longer applies after a changed answer", who, err);
	if (rc == HV_OK)
		rc = update_next_due(st, visit, err);
	for (j = 0; j < nopen; j++) {
		free(open[j].action);
		free(open[j].text);
		free(open[j].due_at);
	}
	free(open);
	return rc;
}

static int save_derived(struct store *st, int64_t visit, const struct store_derived *d,
			const char *resume_at, const char *outcome_at, struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_VISIT_DERIVED, err);
	char now[21];

	if (s == NULL)
		return err->status;
	store_now_utc(now);
	sqlite3_bind_int64(s, 1, visit);
	store_bind_text(s, 2, nz(d->escalation));
	sqlite3_bind_int(s, 3, d->escalation_rank);
	store_bind_text(s, 4, d->urgency ? d->urgency : "none");
	sqlite3_bind_int(s, 5, d->emergency);
	store_bind_text(s, 6, d->expected_back_at);
	store_bind_text(s, 7, d->welfare_check);
	store_bind_text(s, 8, d->next_contact_at);
	store_bind_text(s, 9, resume_at);
	store_bind_text(s, 10, now);
	store_bind_text(s, 11, outcome_at);
	return store_exec_stmt(st, s, err, "saving the record");
}

static int current_answer(struct store *st, int64_t visit, const char *question, char **value,
			  struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_ANSWER_CURRENT_ONE, err);
	int rc;

	*value = NULL;
	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, visit);
	store_bind_text(s, 2, question);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = store_col_dup(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? HV_OK : store_fail(st, err, "reading an answer");
}

int store_answer_save(struct store *st, int64_t visit, const struct store_save *sv, const char *who,
		      struct hv_error *err)
{
	sqlite3_stmt *s;
	char now[21];
	int rc;

	if ((rc = store_tx_begin(st, err)) != HV_OK)
		return rc;
	if (sv->question != NULL && sv->correction != NULL) {
		char *old = NULL;

		rc = current_answer(st, visit, sv->question, &old, err);
		if (rc == HV_OK)
			rc = add_event(st, visit, who, "correction", sv->question, old, sv->value,
				       sv->correction, NULL, err);
		free(old);
		if (rc != HV_OK)
			goto fail;
	}
	if (sv->question != NULL) {
		if ((s = store_stmt(st, S_ANSWER_INSERT, err)) == NULL) {
			rc = err->status;
			goto fail;
		}
		store_now_utc(now);
		sqlite3_bind_int64(s, 1, visit);
		store_bind_text(s, 2, sv->question);
		store_bind_text(s, 3, sv->value);
		store_bind_text(s, 4, sv->value ? sv->reason : NULL);
		store_bind_text(s, 5, now);
		store_bind_text(s, 6, who);
		if ((rc = store_exec_stmt(st, s, err, "saving the answer")) != HV_OK)
			goto fail;
	}
	if (sv->derived != NULL) {
		if ((rc = save_derived(st, visit, sv->derived, sv->resume_at, sv->outcome_at, err)) !=
		    HV_OK)
			goto fail;
		if ((rc = sync_actions(st, visit, sv->fired, sv->nfired, who, err)) != HV_OK)
			goto fail;
	}
	return store_tx_commit(st, err);
fail:
	store_tx_rollback(st);
	return rc;
}

int store_visit_set_resume(struct store *st, int64_t visit, const char *question,
			   struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_VISIT_RESUME, err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, visit);
	store_bind_text(s, 2, question);
	return store_exec_stmt(st, s, err, "remembering where you were");
}

int store_visit_set_status(struct store *st, int64_t visit, const char *status,
			   const char *outcome_at, const char *who, struct hv_error *err)
{
	struct store_visit v;
	sqlite3_stmt *s;
	char now[21];
	int rc;

	if ((rc = store_tx_begin(st, err)) != HV_OK)
		return rc;
	if ((rc = store_visit_get(st, visit, &v, err)) != HV_OK)
		goto fail;
	if ((s = store_stmt(st, S_VISIT_STATUS, err)) == NULL) {
		rc = err->status;
		store_visit_free(&v);
		goto fail;
	}
	store_now_utc(now);
	sqlite3_bind_int64(s, 1, visit);
	store_bind_text(s, 2, status);
	store_bind_text(s, 3, now);
	store_bind_text(s, 4, outcome_at);
	rc = store_exec_stmt(st, s, err, "changing the record's status");
	if (rc == HV_OK && strcmp(v.status, status) != 0)
		rc = add_event(st, visit, who, "status", NULL, v.status, status, NULL, NULL, err);
	store_visit_free(&v);
	if (rc != HV_OK)
		goto fail;
	return store_tx_commit(st, err);
fail:
	store_tx_rollback(st);
	return rc;
}

static int walk_answers(struct store *st, enum sid id, int64_t visit, store_answer_cb cb,
			void *ctx, struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, id, err);
	int rc, stop = 0;

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, visit);
	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_answer a = {store_col(s, 0), store_col(s, 1), store_col(s, 2),
					 store_col(s, 3), store_col(s, 4)};

		stop = cb(&a, ctx);
	}
	if (stop == 0 && rc != SQLITE_DONE) {
		rc = store_fail(st, err, "reading the answers");
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	return HV_OK;
}

int store_answers_current(struct store *st, int64_t visit, store_answer_cb cb, void *ctx,
			  struct hv_error *err)
{
	return walk_answers(st, S_ANSWERS_CURRENT, visit, cb, ctx, err);
}

int store_answers_history(struct store *st, int64_t visit, store_answer_cb cb, void *ctx,
			  struct hv_error *err)
{
	return walk_answers(st, S_ANSWERS_HISTORY, visit, cb, ctx, err);
}

/* ---- actions ---- */

static void read_action(sqlite3_stmt *s, struct store_action *a)
{
	a->id = sqlite3_column_int64(s, 0);
	a->visit = sqlite3_column_int64(s, 1);
	a->action = store_col(s, 2);
	a->text = store_col(s, 3);
	a->owner = store_col(s, 4);
	a->urgency = store_col(s, 5);
	a->escalation = store_col(s, 6);
	a->due_at = store_col(s, 7);
	a->status = store_col(s, 8);
	a->done_at = store_col(s, 9);
	a->done_by = store_col(s, 10);
	a->note = store_col(s, 11);
	a->created_at = store_col(s, 12);
	a->case_ref = store_col(s, 13);
	a->practitioner = store_col(s, 14);
	a->overdue = sqlite3_column_int(s, 15) != 0;
}

static int walk_actions(struct store *st, sqlite3_stmt *s, store_action_cb cb, void *ctx,
			struct hv_error *err)
{
	int rc, stop = 0;

	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_action a;

		read_action(s, &a);
		stop = cb(&a, ctx);
	}
	if (stop == 0 && rc != SQLITE_DONE) {
		rc = store_fail(st, err, "reading the actions");
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	return HV_OK;
}

int store_actions_list(struct store *st, int64_t visit, store_action_cb cb, void *ctx,
		       struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_ACTIONS_LIST, err);
	char now[17];

	if (s == NULL)
		return err->status;
	store_now_local(now);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":visit"), visit);
	store_bind_text(s, sqlite3_bind_parameter_index(s, ":now"), now);
	return walk_actions(st, s, cb, ctx, err);
}

int store_due_list(struct store *st, bool overdue_only, const char *now, store_action_cb cb,
		   void *ctx, struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_DUE_LIST, err);
	char clock[17];

	if (s == NULL)
		return err->status;
	if (now == NULL) {
		store_now_local(clock);
		now = clock;
	}
	sqlite3_bind_int(s, sqlite3_bind_parameter_index(s, ":overdue"), overdue_only);
	store_bind_text(s, sqlite3_bind_parameter_index(s, ":now"), now);
	return walk_actions(st, s, cb, ctx, err);
}

int store_overdue_count(struct store *st, const char *now, int64_t cap, int64_t *n,
			struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_OVERDUE_COUNT, err);
	char clock[17];
	int rc;

	*n = 0;
	if (s == NULL)
		return err->status;
	if (now == NULL) {
		store_now_local(clock);
		now = clock;
	}
	store_bind_text(s, 1, now);
	sqlite3_bind_int64(s, 2, cap + 1);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? HV_OK : store_fail(st, err, "counting the overdue actions");
}

int store_due_by_practitioner(struct store *st, const char *until, const char *now,
			      int64_t limit, store_action_cb cb, void *ctx, struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_DUE_BY_PRACT, err);
	char clock[17];

	if (s == NULL)
		return err->status;
	if (now == NULL) {
		store_now_local(clock);
		now = clock;
	}
	store_bind_text(s, sqlite3_bind_parameter_index(s, ":now"), now);
	store_bind_text(s, sqlite3_bind_parameter_index(s, ":until"), until);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":limit"), limit);
	return walk_actions(st, s, cb, ctx, err);
}

int store_action_done(struct store *st, int64_t action, const char *note, const char *who,
		      struct hv_error *err)
{
	sqlite3_stmt *s;
	char now[21];
	int64_t visit;
	char *status = NULL, *name = NULL;
	int rc, step;

	if ((rc = store_tx_begin(st, err)) != HV_OK)
		return rc;
	if ((s = store_stmt(st, S_ACTION_GET, err)) == NULL) {
		rc = err->status;
		goto fail;
	}
	sqlite3_bind_int64(s, 1, action);
	step = sqlite3_step(s);
	if (step != SQLITE_ROW) {
		sqlite3_reset(s);
		if (step != SQLITE_DONE) {
			rc = store_fail(st, err, "reading an action");
			goto fail;
		}
		hv_error_add(err, HV_ENOINPUT, st->path, 0, 0, "there is no action %lld",
			     (long long)action);
		rc = HV_ENOINPUT;
		goto fail;
	}
	visit = sqlite3_column_int64(s, 0);
	status = store_col_dup(s, 1);
	name = store_col_dup(s, 2);
	sqlite3_reset(s);
	if (strcmp(status, "open") != 0) {
		hv_error_add(err, HV_EDATA, st->path, 0, 0, "action %lld is already %s",
			     (long long)action, status);
		rc = HV_EDATA;
		goto fail;
	}
	if ((s = store_stmt(st, S_ACTION_DONE, err)) == NULL) {
		rc = err->status;
		goto fail;
	}
	store_now_utc(now);
	sqlite3_bind_int64(s, 1, action);
	store_bind_text(s, 2, now);
	store_bind_text(s, 3, who);
	store_bind_text(s, 4, note);
	if ((rc = store_exec_stmt(st, s, err, "marking the action done")) != HV_OK)
		goto fail;
	if ((rc = add_event(st, visit, who, "action_done", NULL, NULL, NULL, note, name, err)) != HV_OK)
		goto fail;
	if ((rc = update_next_due(st, visit, err)) != HV_OK)
		goto fail;
	free(status);
	free(name);
	return store_tx_commit(st, err);
fail:
	free(status);
	free(name);
	store_tx_rollback(st);
	return rc;
}

/* ---- reviews and events ---- */

int store_review_add(struct store *st, int64_t visit, const char *decision, const char *comment,
		     const char *who, struct hv_error *err)
{
	struct store_visit v;
	sqlite3_stmt *s;
	char now[21];
	int rc;

	if ((rc = store_tx_begin(st, err)) != HV_OK)
		return rc;
	if ((rc = store_visit_get(st, visit, &v, err)) != HV_OK)
		goto fail;
	if (strcmp(v.status, "visited") != 0 && strcmp(v.status, "no_access") != 0 &&
	    strcmp(v.status, "reviewed") != 0) {
		hv_error_add(err, HV_EDATA, st->path, 0, 0,
			     "record %lld is %s: only a record with its outcome can be signed off",
			     (long long)visit, v.status);
		store_visit_free(&v);
		rc = HV_EDATA;
		goto fail;
	}
	if ((s = store_stmt(st, S_REVIEW_INSERT, err)) == NULL) {
		store_visit_free(&v);
		rc = err->status;
		goto fail;
	}
	store_now_utc(now);
	sqlite3_bind_int64(s, 1, visit);
	store_bind_text(s, 2, decision);
	store_bind_text(s, 3, nz(comment));
	store_bind_text(s, 4, who);
	store_bind_text(s, 5, now);
	rc = store_exec_stmt(st, s, err, "saving the review");
	if (rc == HV_OK)
		rc = add_event(st, visit, who, "review", NULL, NULL, decision, comment, NULL, err);
	if (rc == HV_OK && strcmp(v.status, "reviewed") != 0)
		rc = store_visit_set_status(st, visit, "reviewed", NULL, who, err);
	store_visit_free(&v);
	if (rc != HV_OK)
		goto fail;
	return store_tx_commit(st, err);
fail:
	store_tx_rollback(st);
	return rc;
}

int store_reviews_list(struct store *st, int64_t visit, store_review_cb cb, void *ctx,
		       struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_REVIEWS_LIST, err);
	int rc, stop = 0;

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, visit);
	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_review r = {store_col(s, 0), store_col(s, 1), store_col(s, 2),
					 store_col(s, 3)};

		stop = cb(&r, ctx);
	}
	if (stop == 0 && rc != SQLITE_DONE) {
		rc = store_fail(st, err, "reading the reviews");
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	return HV_OK;
}

int store_walk_visits(struct store *st, sqlite3_stmt *s, store_visit_cb cb, void *ctx,
		      const char *doing, struct hv_error *err)
{
	int rc, stop = 0;

	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_visit v;

		store_read_visit(s, &v);
		stop = cb(&v, ctx);
		store_visit_free(&v);
	}
	if (stop == 0 && rc != SQLITE_DONE) {
		rc = store_fail(st, err, doing);
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	return HV_OK;
}

int store_walk_events(struct store *st, sqlite3_stmt *s, store_event_cb cb, void *ctx,
		      struct hv_error *err)
{
	int rc, stop = 0;

	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_event e = {sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
					store_col(s, 2), store_col(s, 3), store_col(s, 4),
					store_col(s, 5), store_col(s, 6), store_col(s, 7),
					store_col(s, 8), store_col(s, 9)};

		stop = cb(&e, ctx);
	}
	if (stop == 0 && rc != SQLITE_DONE) {
		rc = store_fail(st, err, "reading the history");
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	return HV_OK;
}

int store_events_list(struct store *st, int64_t visit, store_event_cb cb, void *ctx,
		      struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_EVENTS_LIST, err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, visit);
	return store_walk_events(st, s, cb, ctx, err);
}
