/* list.c — the manager's lists and the JSON renderings, streamed row by row
 * so that 100,000 records never sit in memory at once. */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static void bind_named_text(sqlite3_stmt *s, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i > 0)
		store_bind_text(s, i, v);
}

static void bind_named_int(sqlite3_stmt *s, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i > 0)
		sqlite3_bind_int64(s, i, v);
}

/* "abc" -> "abc%" with LIKE's wildcards in the text escaped. */
static char *like_prefix(const char *text)
{
	struct strbuf sb;

	sb_init(&sb);
	for (; *text; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			sb_addc(&sb, '\\');
		sb_addc(&sb, *text);
	}
	sb_addc(&sb, '%');
	return sb_take(&sb);
}

void store_bind_filter(sqlite3_stmt *s, const struct store_filter *f, const char *now)
{
	static const struct store_filter none = {0};
	char *search = NULL;

	if (f == NULL)
		f = &none;
	bind_named_text(s, ":status", f->status);
	bind_named_int(s, ":drafts_too", f->drafts_too);
	bind_named_text(s, ":practitioner", f->practitioner);
	bind_named_text(s, ":case_ref", f->case_ref);
	bind_named_text(s, ":from", f->from);
	bind_named_text(s, ":to", f->to);
	bind_named_int(s, ":min_escalation", f->min_escalation);
	bind_named_int(s, ":unreviewed", f->unreviewed);
	bind_named_int(s, ":failed_access", f->failed_access);
	bind_named_int(s, ":emergency", f->emergency);
	bind_named_int(s, ":overdue", f->overdue);
	bind_named_text(s, ":now", now);
	if (f->search != NULL && f->search[0] != '\0')
		search = like_prefix(f->search);
	bind_named_text(s, ":search", search);
	free(search);
}

static const char *filter_now(const struct store_filter *f, char clock[17])
{
	if (f != NULL && f->now != NULL)
		return f->now;
	store_now_local(clock);
	return clock;
}

int store_visits_list(struct store *st, const struct store_filter *f, int64_t offset,
		      int64_t limit, store_visit_cb cb, void *ctx, struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_VISITS_LIST, err);
	char clock[17];
	int rc, stop = 0;

	if (s == NULL)
		return err->status;
	store_bind_filter(s, f, filter_now(f, clock));
	bind_named_int(s, ":limit", limit);
	bind_named_int(s, ":offset", offset);
	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_visit v;

		store_read_visit(s, &v);
		stop = cb(&v, ctx);
		store_visit_free(&v);
	}
	if (stop == 0 && rc != SQLITE_DONE) {
		rc = store_fail(st, err, "listing the records");
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	return HV_OK;
}

int store_visits_count(struct store *st, const struct store_filter *f, int64_t *n,
		       struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_VISITS_COUNT, err);
	char clock[17];
	int rc;

	*n = 0;
	if (s == NULL)
		return err->status;
	store_bind_filter(s, f, filter_now(f, clock));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? HV_OK : store_fail(st, err, "counting the records");
}

int store_events_all(struct store *st, const struct store_filter *f, store_event_cb cb, void *ctx,
		     struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_EVENTS_ALL, err);
	char clock[17];

	if (s == NULL)
		return err->status;
	store_bind_filter(s, f, filter_now(f, clock));
	return store_walk_events(st, s, cb, ctx, err);
}

/* ---- JSON ---- */

/* Loads the rulebook's question texts into a temporary table, so that a
 * record's JSON names each question as it was asked. */
static int load_question_texts(struct store *st, const struct core_rulebook *rb,
			       struct hv_error *err)
{
	sqlite3_stmt *s;
	size_t i;
	int rc;

	if (sqlite3_exec(st->db, store_sql[S_QTEXT_CREATE], NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, err, "preparing the export");
	if ((s = store_stmt(st, S_QTEXT_CLEAR, err)) == NULL)
		return err->status;
	if ((rc = store_exec_stmt(st, s, err, "preparing the export")) != HV_OK)
		return rc;
	for (i = 0; rb != NULL && i < rb->nquestions; i++) {
		const struct core_question *q = &rb->questions[i];

		if ((s = store_stmt(st, S_QTEXT_INSERT, err)) == NULL)
			return err->status;
		store_bind_text(s, 1, q->id);
		store_bind_text(s, 2, rb->sections[q->section].title);
		store_bind_text(s, 3, q->text);
		sqlite3_bind_int64(s, 4, (int64_t)i);
		if ((rc = store_exec_stmt(st, s, err, "preparing the export")) != HV_OK)
			return rc;
	}
	return HV_OK;
}

int store_visit_json(struct store *st, int64_t visit, const struct core_rulebook *rb, FILE *fp,
		     struct hv_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = load_question_texts(st, rb, err)) != HV_OK)
		return rc;
	if ((s = store_stmt(st, S_VISIT_JSON, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, visit);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		fputs(store_col(s, 0), fp);
		fputc('\n', fp);
		sqlite3_reset(s);
		return HV_OK;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		hv_error_add(err, HV_ENOINPUT, st->path, 0, 0, "there is no record %lld",
			     (long long)visit);
		return HV_ENOINPUT;
	}
	return store_fail(st, err, "reading a record");
}

int store_export_json(struct store *st, const struct store_filter *f, FILE *fp,
		      struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_EXPORT_JSON, err);
	char clock[17];
	int rc, n = 0;

	if (s == NULL)
		return err->status;
	store_bind_filter(s, f, filter_now(f, clock));
	fputs("[", fp);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fputs(n++ ? ",\n" : "\n", fp);
		fputs(store_col(s, 0), fp);
	}
	fputs(n ? "\n]\n" : "]\n", fp);
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, err, "exporting the records");
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	return HV_OK;
}
