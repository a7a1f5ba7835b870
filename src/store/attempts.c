/* attempts.c — training attempts: who tried which scenario, and their score.
 * They live in the training database, beside the attempts' own records. */
#include "store_int.h"

int store_attempt_start(struct store *st, int64_t visit, const char *scenario, const char *title,
			const char *trainee, int64_t *id, struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_ATTEMPT_INSERT, err);
	char now[21];
	int rc;

	if (s == NULL)
		return err->status;
	store_now_utc(now);
	sqlite3_bind_int64(s, 1, visit);
	store_bind_text(s, 2, scenario);
	store_bind_text(s, 3, title);
	store_bind_text(s, 4, trainee);
	store_bind_text(s, 5, now);
	if ((rc = store_exec_stmt(st, s, err, "starting the attempt")) == HV_OK)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

int store_attempt_finish(struct store *st, int64_t attempt, int score, int out_of,
			 bool escalation_right, const char *missed, const char *wrong,
			 struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_ATTEMPT_FINISH, err);
	char now[21];

	if (s == NULL)
		return err->status;
	store_now_utc(now);
	sqlite3_bind_int64(s, 1, attempt);
	store_bind_text(s, 2, now);
	sqlite3_bind_int(s, 3, score);
	sqlite3_bind_int(s, 4, out_of);
	sqlite3_bind_int(s, 5, escalation_right);
	store_bind_text(s, 6, missed);
	store_bind_text(s, 7, wrong);
	return store_exec_stmt(st, s, err, "saving the score");
}

int store_attempts_list(struct store *st, const char *trainee, store_attempt_cb cb, void *ctx,
			struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_ATTEMPTS_LIST, err);
	int rc, stop = 0;

	if (s == NULL)
		return err->status;
	store_bind_text(s, 1, trainee);
	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_attempt a = {
			.id = sqlite3_column_int64(s, 0),
			.visit = sqlite3_column_int64(s, 1),
			.scenario = store_col(s, 2),
			.title = store_col(s, 3),
			.trainee = store_col(s, 4),
			.started_at = store_col(s, 5),
			.finished_at = store_col(s, 6),
			.score = sqlite3_column_int(s, 7),
			.out_of = sqlite3_column_int(s, 8),
			.escalation_right = sqlite3_column_int(s, 9) != 0,
			.missed = store_col(s, 10),
			.wrong = store_col(s, 11),
		};

		a.finished = a.finished_at != NULL;
		stop = cb(&a, ctx);
	}
	if (stop == 0 && rc != SQLITE_DONE) {
		rc = store_fail(st, err, "listing the attempts");
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	return HV_OK;
}
