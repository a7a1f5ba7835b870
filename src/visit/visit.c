/* visit.c — keeps a record's answers, the engine's verdict on them and the
 * database in step: every confirmed answer is checked, evaluated and saved at once. */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules.h"
#include "visit.h"
#include "visit_int.h"

const char *visit_login_name(void)
{
	static char name[64];
	struct passwd *pw;
	const char *env;

	if (name[0] != '\0')
		return name;
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_name != NULL && pw->pw_name[0] != '\0')
		snprintf(name, sizeof(name), "%s", pw->pw_name);
	else if ((env = getenv("USER")) != NULL && env[0] != '\0')
		snprintf(name, sizeof(name), "%s", env);
	else
		snprintf(name, sizeof(name), "uid-%d", (int)getuid());
	return name;
}

void visit_set_answer_mem(struct visit *vs, int qi, const char *value, const char *reason)
{
	free((char *)vs->answers[qi].value);
	free((char *)vs->answers[qi].reason);
	vs->answers[qi].value = value ? xstrdup(value) : NULL;
	vs->answers[qi].reason = value && reason ? xstrdup(reason) : NULL;
}

static time_t text_time(const char *canon)
{
	time_t t = 0;

	if (canon == NULL || !core_time_from_text(canon, CORE_Q_DATETIME, 0, &t))
		return 0;
	return t;
}

const char *visit_value(const struct visit *vs, const char *question)
{
	int qi = core_question_index(vs->rb, question);

	if (qi < 0 || !vs->ev.shown[qi])
		return NULL;
	return vs->answers[qi].value;
}

static const char *record_value(const struct visit *vs, enum core_record r)
{
	int qi = vs->rb->record_q[r];

	if (qi < 0 || !vs->ev.shown[qi])
		return NULL;
	return vs->answers[qi].value;
}

void visit_refresh(struct visit *vs)
{
	const char *at;

	core_eval_free(&vs->ev);
	vs->cv.kind = vs->v.kind;
	vs->cv.planned = text_time(vs->v.planned_at);
	vs->cv.outcome = text_time(vs->v.outcome_at);
	/* First pass to know what is shown; then the visit time, if given, anchors
	 * the outcome's deadlines. */
	core_evaluate(vs->rb, &vs->cv, vs->answers, &vs->ev);
	at = record_value(vs, CORE_REC_VISITED_AT);
	if (at != NULL && text_time(at) != 0 && text_time(at) != vs->cv.outcome) {
		vs->cv.outcome = text_time(at);
		core_eval_free(&vs->ev);
		core_evaluate(vs->rb, &vs->cv, vs->answers, &vs->ev);
	}
}

/* A time-of-day answer is taken on the planned day. */
static const char *as_datetime(const struct visit *vs, enum core_record r, char out[17])
{
	int qi = vs->rb->record_q[r];
	const char *v = record_value(vs, r);
	time_t t;

	if (v == NULL)
		return NULL;
	if (vs->rb->questions[qi].type == CORE_Q_DATETIME)
		return v;
	if (!core_time_from_text(v, vs->rb->questions[qi].type, vs->cv.planned, &t))
		return NULL;
	core_time_format(t, out);
	return out;
}

void visit_derive(const struct visit *vs, struct visit_derived *dv)
{
	const struct core_rulebook *rb = vs->rb;
	size_t i;

	memset(dv, 0, sizeof(*dv));
	dv->d.escalation = rb->nlevels > 0 ? rb->levels[vs->ev.escalation].id : "";
	dv->d.escalation_rank = vs->ev.escalation;
	dv->d.urgency = core_urgency_name(vs->ev.urgency);
	dv->d.emergency = vs->ev.urgency == CORE_URG_EMERGENCY;
	dv->d.expected_back_at = as_datetime(vs, CORE_REC_EXPECTED_BACK, dv->back);
	dv->d.welfare_check = record_value(vs, CORE_REC_WELFARE_CHECK);
	dv->d.next_contact_at = record_value(vs, CORE_REC_NEXT_CONTACT);
	dv->fired = xcalloc(vs->ev.nfired ? vs->ev.nfired : 1, sizeof(*dv->fired));
	dv->due = xcalloc(vs->ev.nfired ? vs->ev.nfired : 1, sizeof(*dv->due));
	for (i = 0; i < vs->ev.nfired; i++) {
		const struct core_action *a = &rb->actions[vs->ev.fired[i].action];

		core_time_format(vs->ev.fired[i].due, dv->due[i]);
		dv->fired[i].action = a->id;
		dv->fired[i].text = a->text;
		dv->fired[i].owner = a->owner >= 0 ? rb->roles[a->owner].id : "";
		dv->fired[i].urgency = core_urgency_name(a->urgency);
		dv->fired[i].escalation = a->escalation >= 0 ? rb->levels[a->escalation].id : NULL;
		dv->fired[i].due_at = dv->due[i][0] ? dv->due[i] : NULL;
	}
}

void visit_derived_free(struct visit_derived *dv)
{
	free(dv->fired);
	free(dv->due);
}

static int load_answer(const struct store_answer *a, void *ctx)
{
	struct visit *vs = ctx;
	int qi = core_question_index(vs->rb, a->question);

	if (qi >= 0)
		visit_set_answer_mem(vs, qi, a->value, a->reason);
	return 0;
}

struct visit *visit_new(struct store *st, const char *who)
{
	struct visit *vs = xcalloc(1, sizeof(*vs));

	vs->st = st;
	vs->who = xstrdup(who ? who : visit_login_name());
	return vs;
}

void visit_free(struct visit *vs)
{
	size_t i;

	if (vs == NULL)
		return;
	if (vs->answers != NULL)
		for (i = 0; i < vs->rb->nquestions; i++) {
			free((char *)vs->answers[i].value);
			free((char *)vs->answers[i].reason);
		}
	free(vs->answers);
	core_eval_free(&vs->ev);
	store_visit_free(&vs->v);
	core_rulebook_free(vs->rb_owned);
	free(vs->who);
	free(vs);
}

static int save(struct visit *vs, const char *question, const char *value, const char *reason,
		const char *correction, struct hv_error *err);

int visit_create(struct store *st, const struct core_rulebook *rb,
		 const struct store_visit *details, const char *who, struct visit **out,
		 struct hv_error *err)
{
	struct store_visit v = *details;
	char hash[65];
	int rc;

	*out = NULL;
	if (who == NULL)
		who = visit_login_name();
	if ((rc = store_rulebook_put(st, rb, hash, err)) != HV_OK)
		return rc;
	v.rulebook_hash = hash;
	if ((rc = store_visit_create(st, &v, who, err)) != HV_OK)
		return rc;
	if ((rc = visit_open(st, rb, v.id, who, out, err)) != HV_OK)
		return rc;
	/* What the rulebook derives from no answers yet (the lowest rung...). */
	if ((rc = save(*out, NULL, NULL, NULL, NULL, err)) != HV_OK) {
		visit_free(*out);
		*out = NULL;
	}
	return rc;
}

int visit_open(struct store *st, const struct core_rulebook *current, int64_t id, const char *who,
	       struct visit **out, struct hv_error *err)
{
	struct visit *vs = visit_new(st, who);
	char hash[65] = "";
	int rc;

	*out = NULL;
	if ((rc = store_visit_get(st, id, &vs->v, err)) != HV_OK)
		goto fail;
	if (current != NULL && current->text != NULL)
		store_rulebook_hash(current, hash);
	if (current != NULL && strcmp(hash, vs->v.rulebook_hash) == 0) {
		vs->rb = current;
	} else {
		char *text, name[96];
		size_t len;

		if ((rc = store_rulebook_text(st, vs->v.rulebook_hash, &text, &len, err)) != HV_OK)
			goto fail;
		snprintf(name, sizeof(name), "rulebook %.12s (kept in the database)",
			 vs->v.rulebook_hash);
		rc = rules_load_text(name, text, len, &vs->rb_owned, err);
		free(text);
		if (rc != HV_OK)
			goto fail;
		vs->rb = vs->rb_owned;
	}
	vs->answers = xcalloc(vs->rb->nquestions ? vs->rb->nquestions : 1, sizeof(*vs->answers));
	if ((rc = store_answers_current(st, id, load_answer, vs, err)) != HV_OK)
		goto fail;
	visit_refresh(vs);
	*out = vs;
	return HV_OK;
fail:
	visit_free(vs);
	return rc;
}

static void replace(char **slot, const char *value)
{
	char *copy = value ? xstrdup(value) : NULL;

	free(*slot);
	*slot = copy;
}

/* The record in memory follows what was just saved. */
static void keep_derived(struct store_visit *v, const struct store_derived *d)
{
	replace(&v->escalation, d->escalation);
	v->escalation_rank = d->escalation_rank;
	replace(&v->urgency, d->urgency);
	v->emergency = d->emergency;
	replace(&v->expected_back_at, d->expected_back_at);
	replace(&v->welfare_check, d->welfare_check);
	replace(&v->next_contact_at, d->next_contact_at);
}

static int save(struct visit *vs, const char *question, const char *value, const char *reason,
		const char *correction, struct hv_error *err)
{
	struct visit_derived dv;
	struct store_save sv;
	int rc;

	visit_derive(vs, &dv);
	memset(&sv, 0, sizeof(sv));
	sv.question = question;
	sv.value = value;
	sv.reason = reason;
	sv.derived = &dv.d;
	sv.fired = dv.fired;
	sv.nfired = vs->ev.nfired;
	sv.resume_at = vs->v.resume_at;
	sv.correction = correction;
	sv.outcome_at = vs->v.outcome_at;
	rc = store_answer_save(vs->st, vs->v.id, &sv, vs->who, err);
	if (rc == HV_OK)
		keep_derived(&vs->v, &dv.d);
	visit_derived_free(&dv);
	return rc;
}

static bool finished(const struct visit *vs)
{
	return strcmp(vs->v.status, "visited") == 0 || strcmp(vs->v.status, "no_access") == 0 ||
	       strcmp(vs->v.status, "reviewed") == 0;
}

int visit_answer(struct visit *vs, const char *question, const char *value, const char *reason,
		 const char *correction, struct hv_error *err)
{
	int qi = core_question_index(vs->rb, question);
	const struct core_question *q;
	char msg[200], *old_value, *old_reason, *old_outcome = NULL;
	int rc;

	if (qi < 0) {
		hv_error_add(err, HV_EDATA, NULL, 0, 0, "there is no question '%s' in the rulebook",
			     question);
		return HV_EDATA;
	}
	q = &vs->rb->questions[qi];
	if (value != NULL && !core_value_check(q, value, msg, sizeof(msg))) {
		hv_error_add(err, HV_EDATA, NULL, 0, 0, "%s: %s", question, msg);
		return HV_EDATA;
	}
	if (finished(vs) && (correction == NULL || correction[0] == '\0')) {
		hv_error_add(err, HV_EDATA, NULL, 0, 0,
			     "record %lld is finished: changing an answer needs a reason for the correction",
			     (long long)vs->v.id);
		return HV_EDATA;
	}
	old_value = vs->answers[qi].value ? xstrdup(vs->answers[qi].value) : NULL;
	old_reason = vs->answers[qi].reason ? xstrdup(vs->answers[qi].reason) : NULL;
	visit_set_answer_mem(vs, qi, value, reason);
	/* The outcome's deadlines count from when it began to be recorded. */
	if (vs->rb->sections[q->section].stage == CORE_STAGE_OUTCOME && vs->v.outcome_at == NULL) {
		char now[17];

		store_now_local(now);
		vs->v.outcome_at = xstrdup(now);
		old_outcome = vs->v.outcome_at;
	}
	visit_refresh(vs);
	rc = save(vs, question, value, reason, correction, err);
	if (rc != HV_OK) {
		/* Nothing was saved: put the record back as it was. */
		visit_set_answer_mem(vs, qi, old_value, old_reason);
		if (old_outcome != NULL) {
			free(vs->v.outcome_at);
			vs->v.outcome_at = NULL;
		}
		visit_refresh(vs);
	}
	free(old_value);
	free(old_reason);
	return rc;
}

int visit_set_resume(struct visit *vs, const char *question, struct hv_error *err)
{
	int rc = store_visit_set_resume(vs->st, vs->v.id, question, err);

	if (rc == HV_OK) {
		free(vs->v.resume_at);
		vs->v.resume_at = question ? xstrdup(question) : NULL;
	}
	return rc;
}

int visit_save_details(struct visit *vs, struct hv_error *err)
{
	int rc = store_visit_update_details(vs->st, &vs->v, vs->who, err);

	if (rc != HV_OK) {
		/* Nothing was saved: put the details back as they are kept, so that
		 * nothing later is worked out from details that were never saved. */
		struct store_visit kept;
		struct hv_error ignored;

		hv_error_init(&ignored);
		if (store_visit_get(vs->st, vs->v.id, &kept, &ignored) == HV_OK) {
			store_visit_free(&vs->v);
			vs->v = kept;
			visit_refresh(vs);
		}
		hv_error_clear(&ignored);
		return rc;
	}
	visit_refresh(vs);
	return save(vs, NULL, NULL, NULL, NULL, err);
}

size_t visit_hidden_answers(const struct visit *vs, int **out)
{
	size_t i, n = 0;

	*out = xcalloc(vs->rb->nquestions ? vs->rb->nquestions : 1, sizeof(int));
	for (i = 0; i < vs->rb->nquestions; i++)
		if (!vs->ev.shown[i] && vs->answers[i].value != NULL)
			(*out)[n++] = (int)i;
	return n;
}

int visit_discard_hidden(struct visit *vs, struct hv_error *err)
{
	int *hidden;
	size_t n = visit_hidden_answers(vs, &hidden), i;
	int rc = HV_OK;

	if (n == 0) {
		free(hidden);
		return HV_OK;
	}
	if ((rc = store_begin(vs->st, err)) != HV_OK) {
		free(hidden);
		return rc;
	}
	for (i = 0; i < n && rc == HV_OK; i++)
		rc = visit_answer(vs, vs->rb->questions[hidden[i]].id, NULL, NULL,
				  finished(vs) ? "the question no longer applies" : NULL, err);
	free(hidden);
	if (rc != HV_OK) {
		store_rollback(vs->st);
		return rc;
	}
	return store_commit(vs->st, err);
}

size_t visit_missing(const struct visit *vs, enum core_stage stage, int **out)
{
	size_t i, n = 0;

	*out = xcalloc(vs->ev.nmissing ? vs->ev.nmissing : 1, sizeof(int));
	for (i = 0; i < vs->ev.nmissing; i++) {
		const struct core_question *q = &vs->rb->questions[vs->ev.missing[i]];

		if (vs->rb->sections[q->section].stage == stage)
			(*out)[n++] = vs->ev.missing[i];
	}
	return n;
}

static int report_missing(struct visit *vs, enum core_stage stage, struct hv_error *err)
{
	int *missing;
	size_t n = visit_missing(vs, stage, &missing), i;

	for (i = 0; i < n; i++) {
		const struct core_question *q = &vs->rb->questions[missing[i]];

		hv_error_add(err, HV_EDATA, NULL, 0, 0, "%s: %s (%s)",
			     vs->answers[missing[i]].value ? "a reason is needed" : "required, not answered",
			     q->text, q->id);
	}
	free(missing);
	return n > 0 ? HV_EDATA : HV_OK;
}

int visit_finish_plan(struct visit *vs, struct hv_error *err)
{
	int rc;

	if (strcmp(vs->v.status, "draft") != 0) {
		hv_error_add(err, HV_EDATA, NULL, 0, 0, "record %lld is already %s",
			     (long long)vs->v.id, vs->v.status);
		return HV_EDATA;
	}
	if ((rc = report_missing(vs, CORE_STAGE_PLAN, err)) != HV_OK)
		return rc;
	if ((rc = store_visit_set_status(vs->st, vs->v.id, "planned", NULL, vs->who, err)) != HV_OK)
		return rc;
	free(vs->v.status);
	vs->v.status = xstrdup("planned");
	return HV_OK;
}

int visit_finish_outcome(struct visit *vs, struct hv_error *err)
{
	const char *access = record_value(vs, CORE_REC_ACCESS), *status, *at;
	int rc;

	if (strcmp(vs->v.status, "planned") != 0) {
		hv_error_add(err, HV_EDATA, NULL, 0, 0,
			     "record %lld is %s: an outcome is recorded for a planned visit",
			     (long long)vs->v.id, vs->v.status);
		return HV_EDATA;
	}
	if ((rc = report_missing(vs, CORE_STAGE_OUTCOME, err)) != HV_OK)
		return rc;
	if (access == NULL || strcmp(access, "unknown") == 0) {
		hv_error_add(err, HV_EDATA, NULL, 0, 0,
			     "say whether access was gained and the child seen before saving the outcome");
		return HV_EDATA;
	}
	status = strcmp(access, "yes") == 0 ? "visited" : "no_access";
	at = record_value(vs, CORE_REC_VISITED_AT);
	if (at == NULL)
		at = vs->v.outcome_at;
	if ((rc = store_visit_set_status(vs->st, vs->v.id, status, at, vs->who, err)) != HV_OK)
		return rc;
	free(vs->v.status);
	vs->v.status = xstrdup(status);
	return HV_OK;
}
