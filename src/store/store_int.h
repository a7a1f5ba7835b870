/* store_int.h — what the store's files share: the connection, its prepared
 * statements (each prepared once), transactions and error mapping. */
#ifndef HV_STORE_INT_H
#define HV_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

/* Every statement the store runs; their SQL is in sql.c. */
enum sid {
	S_RULEBOOK_PUT,
	S_RULEBOOK_TEXT,
	S_VISIT_INSERT,
	S_VISIT_UPDATE_DETAILS,
	S_VISIT_GET,
	S_VISITS_PAST_BACK,
	S_VISIT_DERIVED,
	S_VISIT_STATUS,
	S_VISIT_RESUME,
	S_VISIT_NEXT_DUE,
	S_ANSWER_INSERT,
	S_ANSWER_CURRENT_ONE,
	S_ANSWERS_CURRENT,
	S_ANSWERS_HISTORY,
	S_EVENT_INSERT,
	S_EVENTS_LIST,
	S_ACTION_DONE_FIND,
	S_ACTION_INSERT,
	S_ACTION_WITHDRAW,
	S_ACTION_OPEN_ALL,
	S_ACTION_DONE,
	S_ACTION_GET,
	S_ACTIONS_LIST,
	S_DUE_LIST,
	S_OVERDUE_COUNT,
	S_DUE_BY_PRACT,
	S_REVIEW_INSERT,
	S_REVIEWS_LIST,
	S_VISIT_JSON,
	S_ATTEMPT_INSERT,
	S_ATTEMPT_FINISH,
	S_ATTEMPTS_LIST,
	S_QTEXT_CREATE,
	S_QTEXT_CLEAR,
	S_QTEXT_INSERT,
	S_NSTMTS
};

extern const char *const store_sql[S_NSTMTS];

/* The filters, each one piece of a WHERE clause (sql.c). */
enum store_fbit {
	SF_STATUS, SF_NODRAFT, SF_PRACT, SF_CASE, SF_FROM, SF_TO, SF_ESC, SF_UNREVIEWED,
	SF_FAILED, SF_EMERGENCY, SF_OVERDUE, SF_SEARCH, SF_BACK, SF_N
};
/* The statements that take a filter. */
enum store_fkind { SK_LIST, SK_COUNT, SK_COUNT_UPTO, SK_EVENTS, SK_JSON, SK_N };
extern const char *const store_filter_where[SF_N];
extern const char *const store_filter_where_dense[SF_N];
extern const char *const store_filter_head[SK_N];
extern const char *const store_filter_tail[SK_N];

#define STORE_FCACHE 32

struct store {
	sqlite3 *db;
	char *path;
	int txdepth;
	bool readonly;
	sqlite3_stmt *stmts[S_NSTMTS];
	/* filtered statements, prepared once per kind and set of filters */
	struct {
		unsigned key;
		sqlite3_stmt *stmt;
	} fcache[STORE_FCACHE];
	int fnext;
};

/* The prepared statement of a kind for a filter, with its parameters bound.
 * many: the filter matches many rows (a list then walks the records in order). */
sqlite3_stmt *store_filtered(struct store *st, enum store_fkind kind, const struct store_filter *f,
			     const char *now, bool many, struct hv_error *err);

/* The prepared statement for id, reset and with no bindings; NULL on error. */
sqlite3_stmt *store_stmt(struct store *st, enum sid id, struct hv_error *err);
/* Reports the connection's last error for what was being done; returns the status. */
int store_fail(struct store *st, struct hv_error *err, const char *doing);
/* Steps a statement that returns no rows; reports and returns a status. */
int store_exec_stmt(struct store *st, sqlite3_stmt *s, struct hv_error *err, const char *doing);
int store_tx_begin(struct store *st, struct hv_error *err);
int store_tx_commit(struct store *st, struct hv_error *err);
void store_tx_rollback(struct store *st);

/* Binds text or NULL. */
void store_bind_text(sqlite3_stmt *s, int i, const char *v);
/* A column as text ("" never turned into NULL; NULL stays NULL). */
const char *store_col(sqlite3_stmt *s, int i);
char *store_col_dup(sqlite3_stmt *s, int i);

/* Reads a row of VISIT_COLS (see sql.c) into v, copying the strings. */
void store_read_visit(sqlite3_stmt *s, struct store_visit *v);
/* Streams the rows of a VISIT_COLS query to cb until it returns non-zero;
 * doing names the work in an error message. Resets s. */
int store_walk_visits(struct store *st, sqlite3_stmt *s, store_visit_cb cb, void *ctx,
		      const char *doing, struct hv_error *err);
/* Streams the rows of an events query to cb. */
int store_walk_events(struct store *st, sqlite3_stmt *s, store_event_cb cb, void *ctx,
		      struct hv_error *err);

/* Lower case for every script (the hv_fold SQL function); caller frees. */
char *store_fold(const char *text);

#endif
