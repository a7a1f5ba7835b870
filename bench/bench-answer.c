/* bench-answer.c — saving one answer, timed: visit_answer() on a draft in a
 * fresh database (the answer checked, the record re-evaluated, and the answer,
 * what it derives, the actions that now fire and the history written in one
 * committed transaction: WAL, synchronous=FULL), beside SQLite alone inserting
 * one row into a table of the answers' shape, in its own transaction with the
 * same settings. usage: bench-answer RULES DIR [ANSWERS [ROUNDS]]. Each round
 * starts from fresh databases in DIR. Prints "name value" lines, ms. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rules.h"
#include "store.h"
#include "visit.h"

#define MAX_N 2000
#define MAX_ROUNDS 21

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *t, int n)
{
	qsort(t, (size_t)n, sizeof(double), cmp);
	return t[n / 2];
}

static void fail(struct hv_error *err)
{
	hv_error_print(err, stderr);
	exit(err->status ? err->status : 1);
}

static void remove_db(const char *path)
{
	char side[4096];

	unlink(path);
	if (snprintf(side, sizeof(side), "%s-wal", path) < (int)sizeof(side))
		unlink(side);
	if (snprintf(side, sizeof(side), "%s-shm", path) < (int)sizeof(side))
		unlink(side);
}

/* The answers a practitioner gives on the first screen of a plan, over and
 * over: each one changes something (shown questions, actions that fire). */
static const char *const script[][2] = {
	{"why.expected", "yes"},   {"why.cooperation", "yes"}, {"why.pattern", "no"},
	{"why.new-info", "yes"},   {"why.expected", "no"},     {"why.cooperation", "no"},
	{"why.pattern", "yes"},    {"why.new-info", "no"},
};

static double round_visit(const struct core_rulebook *rb, const char *path, int n)
{
	struct store_visit d;
	struct hv_error err;
	struct visit *vs;
	struct store *st;
	double t[MAX_N], t0;
	int i;

	remove_db(path);
	hv_error_init(&err);
	if (store_open(path, STORE_CREATE, &st, &err) != HV_OK)
		fail(&err);
	memset(&d, 0, sizeof(d));
	d.case_ref = (char *)"C-BENCH-0001";
	d.practitioner = (char *)"Ann Smith";
	d.agency = (char *)"Children's Services";
	d.address = (char *)"1 High Street";
	d.children = (char *)"Sam (6)";
	d.purpose = (char *)"statutory visit";
	d.planned_at = (char *)"2026-12-01 10:00";
	d.kind = (char *)"announced";
	if (visit_create(st, rb, &d, "bench", &vs, &err) != HV_OK ||
	    visit_answer(vs, "why.purpose", "A statutory visit under the child protection plan.",
			 NULL, NULL, &err) != HV_OK)
		fail(&err);
	for (i = 0; i < n; i++) {
		const char *const *a = script[i % (int)(sizeof(script) / sizeof(script[0]))];

		t0 = now_ms();
		if (visit_answer(vs, a[0], a[1], NULL, NULL, &err) != HV_OK)
			fail(&err);
		t[i] = now_ms() - t0;
	}
	visit_free(vs);
	store_close(st);
	return median(t, n);
}

static void must(sqlite3 *db, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
		exit(70);
	}
}

static double round_sqlite(const char *path, int n)
{
	sqlite3 *db;
	sqlite3_stmt *ins, *begin, *commit;
	double t[MAX_N], t0;
	int i;

	remove_db(path);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		must(db, SQLITE_ERROR, path);
	must(db,
	     sqlite3_exec(db,
			  "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
			  "CREATE TABLE answers (id INTEGER PRIMARY KEY, visit_id INTEGER NOT NULL,"
			  " question TEXT NOT NULL, value TEXT, reason TEXT, answered_at TEXT NOT NULL,"
			  " answered_by TEXT NOT NULL);"
			  "CREATE INDEX answers_visit ON answers(visit_id, question, id);",
			  NULL, NULL, NULL),
	     "creating");
	must(db, sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL), "prepare");
	must(db, sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL), "prepare");
	must(db,
	     sqlite3_prepare_v2(db,
				"INSERT INTO answers (visit_id, question, value, reason, answered_at,"
				" answered_by) VALUES (1, ?, ?, NULL, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
				" 'bench')",
				-1, &ins, NULL),
	     "prepare");
	for (i = 0; i < n; i++) {
		const char *const *a = script[i % (int)(sizeof(script) / sizeof(script[0]))];

		t0 = now_ms();
		must(db, sqlite3_step(begin), "begin");
		sqlite3_reset(begin);
		sqlite3_bind_text(ins, 1, a[0], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, a[1], -1, SQLITE_STATIC);
		must(db, sqlite3_step(ins), "insert");
		sqlite3_reset(ins);
		must(db, sqlite3_step(commit), "commit");
		sqlite3_reset(commit);
		t[i] = now_ms() - t0;
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(begin);
	sqlite3_finalize(commit);
	sqlite3_close(db);
	return median(t, n);
}

int main(int argc, char **argv)
{
	double hv[MAX_ROUNDS], bare[MAX_ROUNDS], ratio[MAX_ROUNDS];
	struct core_rulebook *rb;
	struct hv_error err;
	char a[4096], b[4096];
	int n = 200, rounds = 5, i;

	if (argc < 3) {
		fprintf(stderr, "usage: %s RULES DIR [ANSWERS [ROUNDS]]\n", argv[0]);
		return 64;
	}
	if (argc > 3 && atoi(argv[3]) > 0)
		n = atoi(argv[3]) < MAX_N ? atoi(argv[3]) : MAX_N;
	if (argc > 4 && atoi(argv[4]) > 0)
		rounds = atoi(argv[4]) < MAX_ROUNDS ? atoi(argv[4]) : MAX_ROUNDS;
	hv_error_init(&err);
	if (rules_load(argv[1], &rb, &err) != HV_OK)
		fail(&err);
	snprintf(a, sizeof(a), "%s/answer-visit.db", argv[2]);
	snprintf(b, sizeof(b), "%s/answer-sqlite.db", argv[2]);
	/* rounds alternate, so that a change in the disk's speed falls on both */
	for (i = 0; i < rounds; i++) {
		hv[i] = round_visit(rb, a, n);
		bare[i] = round_sqlite(b, n);
		ratio[i] = hv[i] / bare[i];
		printf("round_%d_ms %.3f %.3f\n", i + 1, hv[i], bare[i]);
	}
	remove_db(a);
	remove_db(b);
	printf("sqlite %s\nanswers %d\nrounds %d\n", sqlite3_libversion(), n, rounds);
	printf("visit_answer_ms %.3f\n", median(hv, rounds));
	printf("sqlite_insert_ms %.3f\n", median(bare, rounds));
	printf("ratio %.2f\n", median(ratio, rounds));
	core_rulebook_free(rb);
	return 0;
}
