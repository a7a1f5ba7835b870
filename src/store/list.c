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

#define MANY_ROWS 2000 /* a search or past-back filter matching more than this walks the list in order */

static unsigned filter_mask(const struct store_filter *f)
{
	unsigned m = 0;

	if (f == NULL)
		return 1u << SF_NODRAFT;
	if (f->status != NULL)
		m |= 1u << SF_STATUS;
	else if (!f->drafts_too)
		m |= 1u << SF_NODRAFT;
	if (f->practitioner != NULL)
		m |= 1u << SF_PRACT;
	if (f->case_ref != NULL)
		m |= 1u << SF_CASE;
	if (f->from != NULL)
		m |= 1u << SF_FROM;
	if (f->to != NULL)
		m |= 1u << SF_TO;
	if (f->min_escalation > 0)
		m |= 1u << SF_ESC;
	if (f->unreviewed)
		m |= 1u << SF_UNREVIEWED;
	if (f->failed_access)
		m |= 1u << SF_FAILED;
	if (f->emergency)
		m |= 1u << SF_EMERGENCY;
	if (f->overdue)
		m |= 1u << SF_OVERDUE;
	if (f->search != NULL && f->search[0] != '\0')
		m |= 1u << SF_SEARCH;
	if (f->past_back)
		m |= 1u << SF_BACK;
	return m;
}

/* The statement's text: its head, the WHERE pieces of the filters in use,
 * its tail. Only fixed pieces go in; every value is a bound parameter. */
static char *filtered_sql(enum store_fkind kind, unsigned mask, bool many)
{
	const char *const *pieces = many ? store_filter_where_dense : store_filter_where;
	struct strbuf sb;
	int b, n = 0;

	sb_init(&sb);
	sb_adds(&sb, store_filter_head[kind]);
	for (b = 0; b < SF_N; b++)
		if (mask & (1u << b)) {
			sb_adds(&sb, n++ ? " AND " : "WHERE ");
			sb_adds(&sb, pieces[b]);
		}
	sb_adds(&sb, store_filter_tail[kind]);
	return sb_take(&sb);
}

sqlite3_stmt *store_filtered(struct store *st, enum store_fkind kind, const struct store_filter *f,
			     const char *now, bool many, struct hv_error *err)
{
	static const struct store_filter none = {0};
	unsigned mask = filter_mask(f), key = (unsigned)kind << 16 | (unsigned)many << 15 | mask;
	sqlite3_stmt *s = NULL;
	int i;

	if (f == NULL)
		f = &none;
	for (i = 0; i < STORE_FCACHE && s == NULL; i++)
		if (st->fcache[i].stmt != NULL && st->fcache[i].key == key)
			s = st->fcache[i].stmt;
	if (s != NULL) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	} else {
		char *sql = filtered_sql(kind, mask, many);
		int slot = st->fnext++ % STORE_FCACHE;

		if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) !=
		    SQLITE_OK) {
			free(sql);
			store_fail(st, err, "preparing a list");
			return NULL;
		}
		free(sql);
		sqlite3_finalize(st->fcache[slot].stmt);
		st->fcache[slot].stmt = s;
		st->fcache[slot].key = key;
	}
	bind_named_text(s, ":status", f->status);
	bind_named_text(s, ":practitioner", f->practitioner);
	bind_named_text(s, ":case_ref", f->case_ref);
	bind_named_text(s, ":from", f->from);
	bind_named_text(s, ":to", f->to);
	bind_named_int(s, ":min_escalation", f->min_escalation);
	bind_named_text(s, ":now", now);
	if (mask & (1u << SF_SEARCH)) {
		/* A prefix of the folded text: the range [lo, hi) in an index. */
		char *lo = store_fold(f->search), *hi = xstrdup(lo);
		size_t n = strlen(hi);

		hi[n - 1] = (char)((unsigned char)hi[n - 1] + 1);
		bind_named_text(s, ":lo", lo);
		bind_named_text(s, ":hi", hi);
		free(lo);
		free(hi);
	}
	return s;
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
	char clock[17];
	sqlite3_stmt *s;
	int64_t matches = 0;
	bool many = true;
	int rc;

	/* Few matches: let the indexes find them and sort them. Many: walk the
	 * records newest first and stop at the page (searches can be either). */
	if (f != NULL && ((f->search != NULL && f->search[0] != '\0') || f->past_back)) {
		if ((rc = store_visits_count_upto(st, f, MANY_ROWS, &matches, err)) != HV_OK)
			return rc;
		many = matches > MANY_ROWS;
	} else if (f != NULL && (f->practitioner || f->case_ref || f->emergency)) {
		many = false;
	}
	s = store_filtered(st, SK_LIST, f, filter_now(f, clock), many, err);
	if (s == NULL)
		return err->status;
	bind_named_int(s, ":limit", limit);
	bind_named_int(s, ":offset", offset);
	return store_walk_visits(st, s, cb, ctx, "listing the records", err);
}

int store_visits_count(struct store *st, const struct store_filter *f, int64_t *n,
		       struct hv_error *err)
{
	char clock[17];
	sqlite3_stmt *s = store_filtered(st, SK_COUNT, f, filter_now(f, clock), false, err);
	int rc;

	*n = 0;
	if (s == NULL)
		return err->status;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? HV_OK : store_fail(st, err, "counting the records");
}

int store_visits_count_upto(struct store *st, const struct store_filter *f, int64_t cap,
			    int64_t *n, struct hv_error *err)
{
	char clock[17];
	sqlite3_stmt *s = store_filtered(st, SK_COUNT_UPTO, f, filter_now(f, clock), false, err);
	int rc;

	*n = 0;
	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":cap"), cap + 1);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? HV_OK : store_fail(st, err, "counting the records");
}

int store_events_all(struct store *st, const struct store_filter *f, store_event_cb cb, void *ctx,
		     struct hv_error *err)
{
	char clock[17];
	sqlite3_stmt *s = store_filtered(st, SK_EVENTS, f, filter_now(f, clock), false, err);

	if (s == NULL)
		return err->status;
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
	char clock[17];
	sqlite3_stmt *s = store_filtered(st, SK_JSON, f, filter_now(f, clock), true, err);
	int rc, n = 0;

	if (s == NULL)
		return err->status;
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
