/* test_store.c — the SQLite store: a new database is private and says whose it
 * is; every database it must not touch is refused and left byte for byte as it
 * was; history cannot be changed even from outside the program; answers,
 * actions, reviews, lists and exports keep everything that was saved. */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "rules.h"
#include "store.h"
#include "../../src/store/schema.h"

#define WHO "tester"
#define NOBODY 65534

static struct core_rulebook *rb;      /* the minimal rulebook */
static struct hv_error err;           /* reset by every check below */

/* ---- a fresh folder for every test ---- */

struct fx {
	char dir[64];
	char db[128];
};

static int fx_setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof(*fx));

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/hv-store-XXXXXX");
	if (mkdtemp(fx->dir) == NULL) {
		free(fx);
		return -1;
	}
	snprintf(fx->db, sizeof(fx->db), "%s/visits.db", fx->dir);
	hv_error_init(&err);
	store_set_busy_ms(STORE_BUSY_MS);
	*state = fx;
	return 0;
}

static int rm_entry(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (type == FTW_DP || type == FTW_D)
		chmod(path, 0700); /* in case a test took write permission away */
	return remove(path);
}

static int fx_teardown(void **state)
{
	struct fx *fx = *state;

	chmod(fx->dir, 0700);
	nftw(fx->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	hv_error_clear(&err);
	free(fx);
	return 0;
}

static char *fx_path(const struct fx *fx, const char *name)
{
	return xasprintf("%s/%s", fx->dir, name);
}

static bool file_exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

static bool sidecar_exists(const char *db, const char *suffix)
{
	char *p = xasprintf("%s%s", db, suffix);
	bool r = file_exists(p);

	free(p);
	return r;
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* ---- checking the store's answers ---- */

static void must_(int rc, const char *what, const char *file, int line)
{
	if (rc != HV_OK) {
		char *text = hv_error_text(&err);

		print_error("%s:%d: %s returned %d: %s\n", file, line, what, rc, text);
		free(text);
	}
	hv_error_clear(&err);
	_assert_int_equal(rc, HV_OK, file, line);
}
/* A call that must succeed (its messages are shown if it does not). */
#define MUST(call) must_((call), #call, __FILE__, __LINE__)

static char *expect_(int want, int rc, const char *what, const char *file, int line)
{
	char *text = hv_error_text(&err);

	if (rc != want)
		print_error("%s:%d: %s returned %d, not %d: %s\n", file, line, what, rc, want, text);
	_assert_int_equal(rc, want, file, line);
	_assert_int_equal(err.status, want, file, line);
	hv_error_clear(&err);
	return text;
}
/* A call that must fail with status want; gives its messages (caller frees). */
#define EXPECT(want, call) expect_((want), (call), #call, __FILE__, __LINE__)

static void assert_contains(const char *text, const char *part)
{
	if (text == NULL || strstr(text, part) == NULL) {
		print_error("expected \"%s\" in \"%s\"\n", part, text ? text : "(null)");
		fail();
	}
}

static struct store *open_ok(const char *path, int flags)
{
	struct store *st = NULL;

	MUST(store_open(path, flags, &st, &err));
	assert_non_null(st);
	return st;
}

/* ---- a raw SQLite connection, as another program (or a manager's shell) ---- */

static sqlite3 *raw_open(const char *path)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
			 SQLITE_OK);
	sqlite3_busy_timeout(db, 2000);
	return db;
}

static void raw_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		print_error("%s: %s\n", sql, msg);
		sqlite3_free(msg);
		fail();
	}
}

static int64_t raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		print_error("%s: %s\n", sql, sqlite3_errmsg(db));
		fail();
	}
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static char *raw_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	char *v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_text(s, 0) ? xstrdup((const char *)sqlite3_column_text(s, 0)) : NULL;
	sqlite3_finalize(s);
	return v;
}

/* Every row of every table, as one string: what "nothing changed" means. */
static char *raw_dump(sqlite3 *db)
{
	static const char *const tables[] = {"rulebooks", "visits", "answers",
					     "actions",   "events", "reviews", "attempts"};
	struct strbuf sb;
	size_t t;

	sb_init(&sb);
	for (t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		char *sql = xasprintf("SELECT rowid, * FROM %s ORDER BY rowid", tables[t]);
		sqlite3_stmt *s;

		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
		free(sql);
		sb_addf(&sb, "[%s]\n", tables[t]);
		while (sqlite3_step(s) == SQLITE_ROW) {
			int i;

			for (i = 0; i < sqlite3_column_count(s); i++) {
				const char *v = (const char *)sqlite3_column_text(s, i);

				sb_addf(&sb, "%s|", v ? v : "<NULL>");
			}
			sb_addc(&sb, '\n');
		}
		sqlite3_finalize(s);
	}
	return sb_take(&sb);
}

/* Another program tries sql: it is refused (by the trigger that says why) and
 * nothing in the database changes. */
static void assert_refused(sqlite3 *db, const char *sql, const char *why)
{
	char *before = raw_dump(db), *after;
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_CONSTRAINT || strstr(sqlite3_errmsg(db), why) == NULL) {
		print_error("%s\n  was not refused with \"%s\": rc %d, %s\n", sql, why, rc,
			    sqlite3_errmsg(db));
		free(before);
		fail();
	}
	after = raw_dump(db);
	if (strcmp(before, after) != 0) {
		print_error("%s\n  was refused but changed the database\n", sql);
		free(before);
		free(after);
		fail();
	}
	free(before);
	free(after);
}

/* ---- building records through the store ---- */

static char rb_hash[65];

static struct store *new_store(const struct fx *fx)
{
	struct store *st = open_ok(fx->db, STORE_CREATE);

	MUST(store_rulebook_put(st, rb, rb_hash, &err));
	return st;
}

static int64_t add_visit(struct store *st, const char *case_ref, const char *practitioner,
			 const char *planned_at)
{
	struct store_visit v;

	memset(&v, 0, sizeof(v));
	v.case_ref = (char *)case_ref;
	v.practitioner = (char *)practitioner;
	v.planned_at = (char *)planned_at;
	v.kind = (char *)"announced";
	v.rulebook_hash = rb_hash;
	MUST(store_visit_create(st, &v, WHO, &err));
	assert_true(v.id > 0);
	return v.id;
}

/* Moves a draft on to status, through every step before it. */
static void move_to(struct store *st, int64_t id, const char *status)
{
	if (strcmp(status, "draft") == 0)
		return;
	MUST(store_visit_set_status(st, id, "planned", NULL, WHO, &err));
	if (strcmp(status, "planned") == 0)
		return;
	if (strcmp(status, "reviewed") == 0) {
		MUST(store_visit_set_status(st, id, "visited", "2026-01-01 10:00", WHO, &err));
		MUST(store_review_add(st, id, "agreed", "fine", "manager", &err));
		return;
	}
	MUST(store_visit_set_status(st, id, status, "2026-01-01 10:00", WHO, &err));
}

static void save_answer(struct store *st, int64_t visit, const char *question, const char *value,
			const char *reason, const char *correction)
{
	struct store_save sv;

	memset(&sv, 0, sizeof(sv));
	sv.question = question;
	sv.value = value;
	sv.reason = reason;
	sv.correction = correction;
	MUST(store_answer_save(st, visit, &sv, WHO, &err));
}

static struct store_derived plain = {"none", 0, "none", false, NULL, NULL, NULL};

/* Saves what "the engine" derived: these actions fire now. */
static void save_fired(struct store *st, int64_t visit, const struct store_derived *d,
		       const struct store_action_in *fired, size_t nfired)
{
	struct store_save sv;

	memset(&sv, 0, sizeof(sv));
	sv.derived = d ? d : &plain;
	sv.fired = fired;
	sv.nfired = nfired;
	MUST(store_answer_save(st, visit, &sv, WHO, &err));
}

static struct store_action_in act(const char *id, const char *due)
{
	struct store_action_in a = {id, "Do it.", "practitioner", "routine", NULL, due};

	return a;
}

/* ---- reading back: rows gathered as text ---- */

#define MAXROWS 64

struct rows {
	size_t n;
	char *row[MAXROWS]; /* "field|field|..." */
	int64_t id[MAXROWS];
};

static void rows_free(struct rows *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->row[i]);
	r->n = 0;
}

static const char *nul(const char *s)
{
	return s ? s : "NULL";
}

static void rows_add(struct rows *r, int64_t id, char *text)
{
	assert_true(r->n < MAXROWS);
	r->id[r->n] = id;
	r->row[r->n++] = text;
}

static int answer_row(const struct store_answer *a, void *ctx)
{
	rows_add(ctx, 0,
		 xasprintf("%s=%s|%s|%s", a->question, nul(a->value), nul(a->reason), nul(a->answered_by)));
	assert_non_null(a->answered_at);
	return 0;
}

static int event_row(const struct store_event *e, void *ctx)
{
	rows_add(ctx, e->id,
		 xasprintf("%s|%s|%s|%s|%s|%s|%s", e->kind, nul(e->question), nul(e->old_value),
			   nul(e->new_value), nul(e->reason), nul(e->detail), nul(e->who)));
	return 0;
}

static int action_row(const struct store_action *a, void *ctx)
{
	/* when it was settled is kept with it (UTC, "YYYY-MM-DDTHH:MM:SSZ") */
	if (strcmp(a->status, "open") == 0)
		assert_null(a->done_at);
	else
		assert_true(a->done_at != NULL && strlen(a->done_at) == 20 && a->done_at[19] == 'Z');
	rows_add(ctx, a->id,
		 xasprintf("%s|%s|%s|%s|%s|%s|%s|%s", a->case_ref, a->action, a->text, nul(a->due_at),
			   a->status, nul(a->done_by), nul(a->note), a->overdue ? "overdue" : "-"));
	assert_non_null(a->created_at);
	return 0;
}

static int review_row(const struct store_review *r, void *ctx)
{
	rows_add(ctx, 0, xasprintf("%s|%s|%s", r->reviewer, r->decision, r->comment));
	assert_non_null(r->at);
	return 0;
}

static void history(struct store *st, int64_t visit, struct rows *r)
{
	memset(r, 0, sizeof(*r));
	MUST(store_answers_history(st, visit, answer_row, r, &err));
}

static void current(struct store *st, int64_t visit, struct rows *r)
{
	memset(r, 0, sizeof(*r));
	MUST(store_answers_current(st, visit, answer_row, r, &err));
}

static void events(struct store *st, int64_t visit, struct rows *r)
{
	memset(r, 0, sizeof(*r));
	MUST(store_events_list(st, visit, event_row, r, &err));
}

static void actions(struct store *st, int64_t visit, struct rows *r)
{
	memset(r, 0, sizeof(*r));
	MUST(store_actions_list(st, visit, action_row, r, &err));
}

static size_t count_kind(const struct rows *r, const char *prefix)
{
	size_t i, n = 0;

	for (i = 0; i < r->n; i++)
		if (strncmp(r->row[i], prefix, strlen(prefix)) == 0)
			n++;
	return n;
}

static void assert_rows(const struct rows *r, const char *const *want, size_t n)
{
	size_t i;

	if (r->n != n) {
		print_error("%zu rows, expected %zu:\n", r->n, n);
		for (i = 0; i < r->n; i++)
			print_error("  %s\n", r->row[i]);
		fail();
	}
	for (i = 0; i < n; i++)
		assert_string_equal(r->row[i], want[i]);
}

static char *visit_status(struct store *st, int64_t id)
{
	struct store_visit v;
	char *s;

	MUST(store_visit_get(st, id, &v, &err));
	s = xstrdup(v.status);
	store_visit_free(&v);
	return s;
}

static void assert_status(struct store *st, int64_t id, const char *want)
{
	char *s = visit_status(st, id);

	assert_string_equal(s, want);
	free(s);
}

/* ================= opening a database ================= */

static void a_new_database_is_private_and_says_whose_it_is(void **state)
{
	struct fx *fx = *state;
	struct store *st = open_ok(fx->db, STORE_CREATE);
	struct stat sb;
	sqlite3 *db;
	char *mode;

	assert_int_equal(stat(fx->db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
	assert_string_equal(store_path(st), fx->db);

	db = raw_open(fx->db);
	assert_int_equal(raw_int(db, "PRAGMA application_id"), STORE_APPLICATION_ID);
	assert_int_equal(raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	mode = raw_text(db, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	/* the history triggers are in place */
	assert_true(raw_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'") >= 10);
	sqlite3_close(db);

	/* WAL's companion files are as private as the database */
	{
		char *wal = xasprintf("%s-wal", fx->db);

		if (stat(wal, &sb) == 0)
			assert_int_equal(sb.st_mode & 0777, 0600);
		free(wal);
	}
	store_close(st);
}

static void the_connection_enforces_references_between_records(void **state)
{
	struct fx *fx = *state;
	struct store *st = new_store(fx);
	struct store_save sv;
	struct rows r;
	char *text;

	/* foreign_keys = ON: an answer for a record that does not exist is refused */
	memset(&sv, 0, sizeof(sv));
	sv.question = "plan.alone";
	sv.value = "yes";
	text = EXPECT(HV_EDATA, store_answer_save(st, 999, &sv, WHO, &err));
	assert_contains(text, fx->db);
	free(text);
	history(st, 999, &r);
	assert_int_equal(r.n, 0);
	store_close(st);
}

static void an_empty_existing_file_is_made_into_a_database(void **state)
{
	struct fx *fx = *state;
	struct store *st;
	sqlite3 *db;

	write_file(fx->db, "", 0);
	st = open_ok(fx->db, 0);
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
	store_close(st);
	db = raw_open(fx->db);
	assert_int_equal(raw_int(db, "PRAGMA application_id"), STORE_APPLICATION_ID);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'visits'"), 1);
	sqlite3_close(db);
}

static void opening_again_keeps_everything_and_changes_nothing(void **state)
{
	struct fx *fx = *state;
	struct store *st = new_store(fx), *again, *third;
	int64_t n = 0;
	sqlite3 *db;
	char *before, *after;

	add_visit(st, "C-1", "alice", "2026-01-01 10:00");
	store_close(st);
	db = raw_open(fx->db);
	before = raw_dump(db);
	sqlite3_close(db);

	again = open_ok(fx->db, STORE_CREATE);
	third = open_ok(fx->db, 0); /* two connections at once */
	assert_int_equal(store_schema_version(again), STORE_SCHEMA_VERSION);
	MUST(store_visits_count(third, &(struct store_filter){.drafts_too = true}, &n, &err));
	assert_int_equal(n, 1);
	store_close(third);
	store_close(again);

	db = raw_open(fx->db);
	after = raw_dump(db);
	assert_string_equal(before, after);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'visits'"), 1);
	sqlite3_close(db);
	free(before);
	free(after);
}

/* ---- databases that must be refused, untouched ---- */

static void make_garbage_short(const char *path)
{
	write_file(path, "hello, this is not a database\n", 30);
}

static void make_garbage_long(const char *path)
{
	char buf[8192];
	size_t i;
	uint32_t x = 2463534242u;

	for (i = 0; i < sizeof(buf); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (char)x;
	}
	write_file(path, buf, sizeof(buf));
}

static void make_truncated_header(const char *path)
{
	/* starts like SQLite, then nothing sensible */
	char buf[4096];

	memset(buf, 0xff, sizeof(buf));
	memcpy(buf, "SQLite format 3", 16);
	write_file(path, buf, sizeof(buf));
}

static void make_other_program(const char *path)
{
	sqlite3 *db = raw_open(path);

	raw_exec(db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
		     "INSERT INTO notes (body) VALUES ('shopping list')");
	sqlite3_close(db);
}

static void make_other_program_with_id(const char *path)
{
	sqlite3 *db = raw_open(path);

	raw_exec(db, "PRAGMA application_id = 1234; CREATE TABLE t (x);");
	sqlite3_close(db);
}

static void make_other_program_empty_but_versioned(const char *path)
{
	sqlite3 *db = raw_open(path);

	raw_exec(db, "PRAGMA user_version = 7");
	sqlite3_close(db);
}

static void make_newer(const char *path)
{
	struct store *st = open_ok(path, STORE_CREATE);
	sqlite3 *db;

	store_close(st);
	db = raw_open(path);
	raw_exec(db, "PRAGMA user_version = 99");
	sqlite3_close(db);
}

struct bad_db {
	const char *name;
	void (*make)(const char *path);
	int flags;
	int status;
	const char *says;
	bool wal_mode; /* the file is a WAL database (reading it uses -wal/-shm) */
};

static const struct bad_db bad_dbs[] = {
	{"short garbage", make_garbage_short, 0, HV_EDATA, "not a SQLite file", false},
	{"long garbage", make_garbage_long, STORE_CREATE, HV_EDATA, "not a SQLite file", false},
	{"garbage, reading", make_garbage_long, STORE_READONLY, HV_EDATA, "not a SQLite file", false},
	{"a SQLite header and then junk", make_truncated_header, 0, HV_EDATA, "", false},
	{"another program's (application_id 0)", make_other_program, STORE_CREATE, HV_EDATA,
	 "another program (application_id 0)", false},
	{"another program's, reading", make_other_program, STORE_READONLY, HV_EDATA,
	 "another program", false},
	{"another program's (application_id 1234)", make_other_program_with_id, 0, HV_EDATA,
	 "application_id 1234", false},
	{"another program's empty file with a user_version", make_other_program_empty_but_versioned,
	 STORE_CREATE, HV_EDATA, "another program", false},
	{"a newer homevisit's", make_newer, STORE_CREATE, HV_EDATA, "schema version 99", true},
	{"a newer homevisit's, reading", make_newer, STORE_READONLY, HV_EDATA, "schema version 99",
	 true},
};

static void a_database_that_is_not_ours_is_refused_and_left_byte_for_byte_untouched(void **state)
{
	struct fx *fx = *state;
	size_t i;

	for (i = 0; i < sizeof(bad_dbs) / sizeof(bad_dbs[0]); i++) {
		const struct bad_db *b = &bad_dbs[i];
		char *path = xasprintf("%s/bad-%zu.db", fx->dir, i), *before, *after, *text;
		size_t nbefore, nafter;
		struct store *st = (struct store *)1;
		int rc;

		b->make(path);
		assert_false(sidecar_exists(path, "-wal"));
		before = tu_read(path, &nbefore);
		assert_non_null(before);
		rc = store_open(path, b->flags, &st, &err);
		text = hv_error_text(&err);
		if (rc != b->status || err.status != b->status) {
			print_error("%s: status %d, expected %d: %s\n", b->name, rc, b->status, text);
			fail();
		}
		assert_null(st);
		assert_contains(text, path);
		assert_contains(text, b->says);
		hv_error_clear(&err);
		after = tu_read(path, &nafter);
		assert_non_null(after);
		if (nbefore != nafter || memcmp(before, after, nbefore) != 0) {
			print_error("%s: the file was changed\n", b->name);
			fail();
		}
		/* Not switched to WAL: no journal beside it. (Reading one that is
		 * already WAL may leave an empty -wal: nothing was written to it.) */
		if (!b->wal_mode && (sidecar_exists(path, "-wal") || sidecar_exists(path, "-shm") ||
				     sidecar_exists(path, "-journal"))) {
			print_error("%s: a journal was left beside it (-wal %d, -shm %d, -journal %d)\n",
				    b->name, sidecar_exists(path, "-wal"), sidecar_exists(path, "-shm"),
				    sidecar_exists(path, "-journal"));
			fail();
		}
		if (b->wal_mode) {
			char *wal = xasprintf("%s-wal", path);
			struct stat sb;

			if (stat(wal, &sb) == 0)
				assert_int_equal(sb.st_size, 0);
			free(wal);
		}
		free(before);
		free(after);
		free(text);
		free(path);
	}
}

static void a_missing_folder_is_named_and_nothing_is_created(void **state)
{
	struct fx *fx = *state;
	char *dir = fx_path(fx, "no-such-folder"), *path = xasprintf("%s/visits.db", dir), *text;
	char *says = xasprintf("the folder %s does not exist", dir);
	struct store *st = NULL;

	text = EXPECT(HV_ENOINPUT, store_open(path, STORE_CREATE, &st, &err));
	assert_null(st);
	assert_contains(text, path);
	assert_contains(text, says);
	assert_false(file_exists(dir));
	free(text);
	free(says);
	free(path);
	free(dir);
}

static void a_missing_file_is_created_only_when_asked(void **state)
{
	struct fx *fx = *state;
	struct store *st = NULL;
	char *text;

	text = EXPECT(HV_ENOINPUT, store_open(fx->db, 0, &st, &err));
	assert_null(st);
	assert_contains(text, fx->db);
	free(text);
	assert_false(file_exists(fx->db));

	text = EXPECT(HV_ENOINPUT, store_open(fx->db, STORE_READONLY, &st, &err));
	assert_contains(text, fx->db);
	free(text);
	assert_false(file_exists(fx->db));

	/* an empty file is not a database to read */
	write_file(fx->db, "", 0);
	text = EXPECT(HV_ENOINPUT, store_open(fx->db, STORE_READONLY, &st, &err));
	assert_contains(text, fx->db);
	free(text);
	assert_false(sidecar_exists(fx->db, "-wal"));
	{
		size_t n = 1;
		char *data = tu_read(fx->db, &n);

		assert_int_equal(n, 0);
		free(data);
	}
}

static void a_folder_given_as_the_database_is_refused(void **state)
{
	struct fx *fx = *state;
	struct store *st = NULL;
	char *text;
	int flags[] = {0, STORE_CREATE, STORE_READONLY};
	size_t i;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		text = EXPECT(HV_ENOINPUT, store_open(fx->dir, flags[i], &st, &err));
		assert_null(st);
		assert_contains(text, fx->dir);
		assert_contains(text, "folder");
		free(text);
	}
}

/* ---- a read-only file (as an ordinary user: root may write anything) ---- */

/* In a child, as nobody when run as root: the status of store_open, or 100 if
 * its message does not name the file, or 101 if a read fails after opening. */
static int open_as_nobody(const char *path, int flags)
{
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct store *st = NULL;
		struct hv_error e;
		int rc;

		if (getuid() == 0 && (setgid(NOBODY) != 0 || setuid(NOBODY) != 0))
			_exit(120);
		hv_error_init(&e);
		rc = store_open(path, flags, &st, &e);
		if (rc != HV_OK) {
			char *text = hv_error_text(&e);

			if (strstr(text, path) == NULL)
				rc = 100;
			free(text);
		} else {
			int64_t n = -1;

			if (store_visits_count(st, NULL, &n, &e) != HV_OK || n != 1)
				rc = 101;
			store_close(st);
		}
		hv_error_clear(&e);
		_exit(rc);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void make_one_record(const struct fx *fx)
{
	struct store *st = new_store(fx);
	int64_t id = add_visit(st, "C-1", "alice", "2026-01-01 10:00");

	move_to(st, id, "planned");
	store_close(st);
}

/* The file's bytes, to compare later. */
static bool same_bytes(const char *path, const char *before, size_t nbefore)
{
	size_t n = 0;
	char *now = tu_read(path, &n);
	bool same = now != NULL && n == nbefore && memcmp(now, before, n) == 0;

	free(now);
	return same;
}

static void a_read_only_file_is_refused_for_saving_but_can_be_read(void **state)
{
	struct fx *fx = *state;
	char *before;
	size_t nbefore;
	int rw, create, ro;
	bool untouched, no_wal, still_untouched;

	make_one_record(fx);
	/* the folder is the user's own; the file is not writable */
	if (getuid() == 0) {
		assert_int_equal(chown(fx->dir, NOBODY, NOBODY), 0);
		assert_int_equal(chown(fx->db, NOBODY, NOBODY), 0);
	}
	assert_int_equal(chmod(fx->dir, 0755), 0);
	assert_int_equal(chmod(fx->db, 0444), 0);
	before = tu_read(fx->db, &nbefore);

	rw = open_as_nobody(fx->db, 0);
	create = open_as_nobody(fx->db, STORE_CREATE);
	untouched = same_bytes(fx->db, before, nbefore);
	no_wal = !sidecar_exists(fx->db, "-wal");
	ro = open_as_nobody(fx->db, STORE_READONLY);
	still_untouched = same_bytes(fx->db, before, nbefore);
	free(before);

	assert_int_equal(rw, HV_ECANTCREAT);
	assert_int_equal(create, HV_ECANTCREAT);
	assert_true(untouched);
	assert_true(no_wal);
	assert_int_equal(ro, HV_OK);
	assert_true(still_untouched);
}

static void a_read_only_file_in_a_read_only_folder_can_still_be_read(void **state)
{
	struct fx *fx = *state;
	char *before;
	size_t nbefore;
	int rw, ro;
	bool untouched;

	make_one_record(fx);
	/* neither the file nor its folder can be written (a read-only share, or
	 * a colleague's records) */
	assert_int_equal(chmod(fx->db, 0444), 0);
	assert_int_equal(chmod(fx->dir, 0555), 0);
	before = tu_read(fx->db, &nbefore);
	rw = open_as_nobody(fx->db, 0);
	ro = open_as_nobody(fx->db, STORE_READONLY);
	untouched = same_bytes(fx->db, before, nbefore);
	free(before);

	assert_int_equal(rw, HV_ECANTCREAT);
	assert_true(untouched);
	assert_int_equal(ro, HV_OK);
}

static void a_writable_file_in_a_read_only_folder_is_refused_for_saving_untouched(void **state)
{
	struct fx *fx = *state;
	char *before;
	size_t nbefore;
	int rw;
	bool untouched;

	/* SQLite cannot make its -wal file beside it */
	make_one_record(fx);
	assert_int_equal(chmod(fx->db, 0666), 0);
	assert_int_equal(chmod(fx->dir, 0555), 0);
	before = tu_read(fx->db, &nbefore);
	rw = open_as_nobody(fx->db, 0);
	untouched = same_bytes(fx->db, before, nbefore);
	free(before);

	assert_int_equal(rw, HV_ECANTCREAT);
	assert_true(untouched);
	assert_false(sidecar_exists(fx->db, "-wal"));
}

/* ---- locks ---- */

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void a_save_while_another_program_writes_waits_then_says_busy_and_saves_nothing(void **state)
{
	struct fx *fx = *state;
	struct store *st;
	struct store_save sv;
	struct timespec t0;
	struct rows r;
	sqlite3 *db;
	int64_t id;
	char *text;
	double waited;

	store_set_busy_ms(200);
	st = new_store(fx);
	id = add_visit(st, "C-1", "alice", "2026-01-01 10:00");

	db = raw_open(fx->db);
	raw_exec(db, "BEGIN IMMEDIATE; INSERT INTO events (visit_id, at, who, kind) "
		     "VALUES (1, '2026-01-01T00:00:00Z', 'other', 'note')");
	memset(&sv, 0, sizeof(sv));
	sv.question = "plan.alone";
	sv.value = "yes";
	clock_gettime(CLOCK_MONOTONIC, &t0);
	text = EXPECT(HV_EBUSY, store_answer_save(st, id, &sv, WHO, &err));
	waited = seconds_since(&t0);
	assert_contains(text, fx->db);
	assert_contains(text, "locked");
	free(text);
	assert_true(waited >= 0.15);
	assert_true(waited < 3.0);
	/* the other program can still finish, or not; either way nothing of ours is there */
	raw_exec(db, "ROLLBACK");
	history(st, id, &r);
	assert_int_equal(r.n, 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM answers"), 0);

	/* once the lock is gone the same save goes through */
	MUST(store_answer_save(st, id, &sv, WHO, &err));
	history(st, id, &r);
	assert_int_equal(r.n, 1);
	rows_free(&r);
	sqlite3_close(db);
	store_close(st);
	store_set_busy_ms(STORE_BUSY_MS);
}

static void opening_while_another_program_writes_is_fine(void **state)
{
	struct fx *fx = *state;
	struct store *st = new_store(fx), *second;
	sqlite3 *db;
	int64_t n;

	store_set_busy_ms(200);
	add_visit(st, "C-1", "alice", "2026-01-01 10:00");
	store_close(st);
	db = raw_open(fx->db);
	raw_exec(db, "BEGIN IMMEDIATE; INSERT INTO events (visit_id, at, who, kind) "
		     "VALUES (1, '2026-01-01T00:00:00Z', 'other', 'note')");
	second = open_ok(fx->db, 0);
	MUST(store_visits_count(second, &(struct store_filter){.drafts_too = true}, &n, &err));
	assert_int_equal(n, 1);
	store_close(second);
	raw_exec(db, "ROLLBACK");
	sqlite3_close(db);
	store_set_busy_ms(STORE_BUSY_MS);
}

static void a_database_held_exclusively_by_another_program_is_refused_as_busy(void **state)
{
	struct fx *fx = *state;
	struct store *st = new_store(fx);
	struct timespec t0;
	sqlite3 *db;
	char *before, *after, *text;
	size_t nbefore, nafter;
	int flags[] = {0, STORE_READONLY};
	size_t i;

	add_visit(st, "C-1", "alice", "2026-01-01 10:00");
	store_close(st);
	before = tu_read(fx->db, &nbefore);

	db = raw_open(fx->db);
	raw_exec(db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT");
	store_set_busy_ms(200);
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		st = (struct store *)1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		text = EXPECT(HV_EBUSY, store_open(fx->db, flags[i], &st, &err));
		assert_true(seconds_since(&t0) < 3.0);
		assert_null(st);
		assert_contains(text, fx->db);
		free(text);
	}
	after = tu_read(fx->db, &nafter);
	assert_int_equal(nbefore, nafter);
	assert_memory_equal(before, after, nbefore);
	sqlite3_close(db);
	store_set_busy_ms(STORE_BUSY_MS);

	/* released: it opens again */
	st = open_ok(fx->db, 0);
	store_close(st);
	free(before);
	free(after);
}

/* ================= the schema's guards, tried from outside ================= */

/* Records 1..5: draft, planned, visited, no_access, reviewed, each with an
 * answer; record 2 has an open action (1) and a done one (2). */
static struct store *make_world(const struct fx *fx)
{
	static const char *const statuses[] = {"draft", "planned", "visited", "no_access",
					       "reviewed"};
	struct store *st = new_store(fx);
	struct store_action_in fired[2] = {act("act.checkin", "2026-01-01 09:00"),
					   act("act.risky", NULL)};
	size_t i;

	for (i = 0; i < 5; i++) {
		char ref[16];
		int64_t id;

		snprintf(ref, sizeof(ref), "C-%zu", i + 1);
		id = add_visit(st, ref, "alice", "2026-01-01 10:00");
		assert_int_equal(id, (int64_t)i + 1);
		save_answer(st, id, "plan.alone", "yes", NULL, NULL);
		if (id == 2) {
			save_fired(st, id, NULL, fired, 2);
			MUST(store_action_done(st, 2, "done", WHO, &err));
		}
		move_to(st, id, statuses[i]);
	}
	return st;
}

static void history_is_append_only_even_for_another_program(void **state)
{
	static const struct {
		const char *sql, *why;
	} refused[] = {
		{"UPDATE events SET reason = 'edited' WHERE visit_id = 3", "events are append-only"},
		{"UPDATE events SET kind = 'created'", "events are append-only"},
		{"DELETE FROM events WHERE visit_id = 3", "events are append-only"},
		{"DELETE FROM events", "events are append-only"},
		{"UPDATE answers SET value = 'no' WHERE visit_id = 1", "answers are append-only"},
		{"UPDATE answers SET answered_by = 'someone else'", "answers are append-only"},
		{"DELETE FROM answers WHERE visit_id = 1", "answers are append-only"},
		{"UPDATE reviews SET comment = 'edited'", "reviews are append-only"},
		{"UPDATE reviews SET decision = 'escalate'", "reviews are append-only"},
		{"DELETE FROM reviews", "reviews are append-only"},
		{"UPDATE rulebooks SET yaml = 'changed'", "a stored rulebook is never changed"},
		{"UPDATE rulebooks SET title = 'changed'", "a stored rulebook is never changed"},
		{"DELETE FROM rulebooks", "a stored rulebook is never changed"},
		{"DELETE FROM visits WHERE id = 1", "visit records are never deleted"},
		{"DELETE FROM visits WHERE id = 3", "visit records are never deleted"},
		{"DELETE FROM actions WHERE id = 1", "actions are never deleted"},
		{"DELETE FROM actions", "actions are never deleted"},
	};
	struct fx *fx = *state;
	struct store *st = make_world(fx);
	sqlite3 *db = raw_open(fx->db);
	size_t i;

	assert_true(raw_int(db, "SELECT count(*) FROM events WHERE visit_id = 3") > 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM reviews"), 1);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_refused(db, refused[i].sql, refused[i].why);
	sqlite3_close(db);
	store_close(st);
}

static void history_cannot_be_replaced_by_an_insert_over_an_existing_row(void **state)
{
	/* INSERT OR REPLACE deletes the old row without running DELETE triggers
	 * (unless recursive_triggers is on): the guards must still hold. */
	static const struct {
		const char *sql, *why;
	} refused[] = {
		{"INSERT OR REPLACE INTO events (id, visit_id, at, who, kind) "
		 "VALUES (1, 1, '2026-01-01T00:00:00Z', 'x', 'created')",
		 "events are append-only"},
		{"INSERT OR REPLACE INTO answers (id, visit_id, question, value, answered_at, answered_by) "
		 "VALUES (1, 1, 'plan.alone', 'no', '2026-01-01T00:00:00Z', 'x')",
		 "answers are append-only"},
		{"REPLACE INTO reviews (id, visit_id, decision, comment, reviewer, at) "
		 "VALUES (1, 5, 'escalate', 'x', 'x', '2026-01-01T00:00:00Z')",
		 "reviews are append-only"},
		{"INSERT OR REPLACE INTO visits (id, case_ref, practitioner, kind, status, rulebook_hash, "
		 "created_at, updated_at) SELECT 3, 'OTHER', 'x', 'announced', 'draft', hash, 'x', 'x' "
		 "FROM rulebooks",
		 "visit records are never deleted"},
		{"INSERT OR REPLACE INTO actions (id, visit_id, action, text, owner, urgency, created_at) "
		 "VALUES (2, 2, 'act.risky', 'x', 'x', 'routine', 'x')",
		 "actions are never deleted"},
		/* over the open action 1, by the one-open-action-per-kind index */
		{"INSERT OR REPLACE INTO actions (visit_id, action, text, owner, urgency, created_at) "
		 "VALUES (2, 'act.checkin', 'x', 'x', 'routine', 'x')",
		 "actions are never deleted"},
		/* renumbered over another row */
		{"UPDATE OR REPLACE visits SET id = 3 WHERE id = 1", "visit records are never deleted"},
		{"UPDATE OR REPLACE actions SET id = 2, status = 'done' WHERE id = 1",
		 "an action is only ever marked done or withdrawn, once"},
		{"INSERT OR REPLACE INTO rulebooks (hash, id, version, title, yaml, added_at) "
		 "SELECT hash, id, version, title, 'changed', added_at FROM rulebooks",
		 "a stored rulebook is never changed"},
	};
	struct fx *fx = *state;
	struct store *st = make_world(fx);
	sqlite3 *db = raw_open(fx->db);
	size_t i;

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_refused(db, refused[i].sql, refused[i].why);
	sqlite3_close(db);

	/* and the store's own way of keeping a rulebook twice still works */
	MUST(store_rulebook_put(st, rb, rb_hash, &err));
	store_close(st);
}

static void a_record_keeps_its_details_once_it_has_left_draft(void **state)
{
	static const char *const frozen[] = {
		"UPDATE visits SET case_ref = 'X-9' WHERE id = %d",
		"UPDATE visits SET practitioner = 'mallory' WHERE id = %d",
		"UPDATE visits SET address = 'elsewhere' WHERE id = %d",
		"UPDATE visits SET planned_at = '2030-01-01 10:00' WHERE id = %d",
		"UPDATE visits SET kind = 'unannounced' WHERE id = %d",
		"UPDATE visits SET created_at = 'x' WHERE id = %d",
		"UPDATE visits SET rulebook_hash = 'another' WHERE id = %d",
	};
	struct fx *fx = *state;
	struct store *st = make_world(fx);
	struct store_visit v;
	sqlite3 *db = raw_open(fx->db);
	size_t i;
	int id;
	char *text;

	/* a draft's details may change */
	raw_exec(db, "UPDATE visits SET case_ref = 'C-1b' WHERE id = 1");
	assert_int_equal(raw_int(db, "SELECT count(*) FROM visits WHERE case_ref = 'C-1b'"), 1);
	for (id = 2; id <= 5; id++)
		for (i = 0; i < sizeof(frozen) / sizeof(frozen[0]); i++) {
			char *sql = xasprintf(frozen[i], id);

			assert_refused(db, sql, "has left draft is never changed in place");
			free(sql);
		}
	/* ... unless a correction with its reason is recorded just before */
	raw_exec(db, "INSERT INTO events (visit_id, at, who, kind, question, reason) "
		     "VALUES (3, 'x', 'manager', 'correction', 'visit.case_ref', '   ')");
	assert_refused(db, "UPDATE visits SET case_ref = 'X-9' WHERE id = 3",
		       "has left draft is never changed in place");
	raw_exec(db, "INSERT INTO events (visit_id, at, who, kind, question, reason) "
		     "VALUES (3, 'x', 'manager', 'correction', 'visit.case_ref', 'typo in the reference')");
	raw_exec(db, "UPDATE visits SET case_ref = 'C-3b' WHERE id = 3");
	assert_int_equal(raw_int(db, "SELECT count(*) FROM visits WHERE case_ref = 'C-3b'"), 1);
	sqlite3_close(db);

	/* the store refuses the same thing with a message */
	MUST(store_visit_get(st, 2, &v, &err));
	free(v.address);
	v.address = xstrdup("somewhere else");
	text = EXPECT(HV_EDATA, store_visit_update_details(st, &v, WHO, &err));
	assert_contains(text, fx->db);
	free(text);
	store_visit_free(&v);
	MUST(store_visit_get(st, 2, &v, &err));
	assert_string_equal(v.address, "");
	store_visit_free(&v);

	/* and takes a draft's */
	MUST(store_visit_get(st, 1, &v, &err));
	free(v.address);
	v.address = xstrdup("1 High Street");
	MUST(store_visit_update_details(st, &v, WHO, &err));
	store_visit_free(&v);
	MUST(store_visit_get(st, 1, &v, &err));
	assert_string_equal(v.address, "1 High Street");
	store_visit_free(&v);
	store_close(st);
}

static void a_status_only_moves_forward_one_step_at_a_time(void **state)
{
	static const struct {
		int id;
		const char *to;
		bool ok;
	} moves[] = {
		{1, "visited", false},   /* draft skips planned */
		{1, "no_access", false},
		{1, "reviewed", false},
		{2, "draft", false},     /* planned back to draft */
		{2, "reviewed", false},  /* planned skips the outcome */
		{3, "planned", false},   /* visited back */
		{3, "draft", false},
		{3, "no_access", false}, /* sideways */
		{4, "visited", false},
		{4, "planned", false},
		{5, "visited", false},   /* reviewed back */
		{5, "no_access", false},
		{5, "draft", false},
		{1, "planned", true},
		{2, "no_access", true},
		{3, "reviewed", true},
	};
	struct fx *fx = *state;
	struct store *st = make_world(fx);
	sqlite3 *db = raw_open(fx->db);
	size_t i;

	for (i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		char *sql = xasprintf("UPDATE visits SET status = '%s' WHERE id = %d", moves[i].to,
				      moves[i].id);

		if (moves[i].ok) {
			raw_exec(db, sql);
		} else {
			char *text;

			assert_refused(db, sql, "status only moves forward");
			/* and through the store */
			text = EXPECT(HV_EDATA, store_visit_set_status(st, moves[i].id, moves[i].to,
								       NULL, WHO, &err));
			free(text);
		}
		free(sql);
	}
	assert_status(st, 1, "planned");
	assert_status(st, 2, "no_access");
	assert_status(st, 3, "reviewed");
	/* a recorded outcome is never changed in place */
	assert_refused(db, "UPDATE visits SET outcome = 'visited' WHERE id = 4",
		       "a recorded outcome is never changed in place");
	assert_refused(db, "UPDATE visits SET outcome_at = '2030-01-01 00:00' WHERE id = 4",
		       "a recorded outcome is never changed in place");
	sqlite3_close(db);
	store_close(st);
}

static void a_finished_record_takes_a_new_answer_only_after_a_correction_with_a_reason(void **state)
{
	static const char *const insert =
		"INSERT INTO answers (visit_id, question, value, answered_at, answered_by) "
		"VALUES (%d, 'plan.alone', 'no', 'x', 'x')";
	static const char *const correction =
		"INSERT INTO events (visit_id, at, who, kind, question, reason) "
		"VALUES (%d, 'x', 'x', 'correction', '%s', '%s')";
	struct fx *fx = *state;
	struct store *st = make_world(fx);
	sqlite3 *db = raw_open(fx->db);
	int id;

	/* draft and planned records take answers freely */
	for (id = 1; id <= 2; id++) {
		char *sql = xasprintf(insert, id);

		raw_exec(db, sql);
		free(sql);
	}
	for (id = 3; id <= 5; id++) {
		char *sql = xasprintf(insert, id), *ev;

		/* no correction */
		assert_refused(db, sql, "a finished record is corrected only with a reason");
		/* a correction without a reason */
		ev = xasprintf(correction, id, "plan.alone", "  ");
		raw_exec(db, ev);
		free(ev);
		assert_refused(db, sql, "a finished record is corrected only with a reason");
		/* a correction of another question */
		ev = xasprintf(correction, id, "out.access", "wrong box");
		raw_exec(db, ev);
		free(ev);
		assert_refused(db, sql, "a finished record is corrected only with a reason");
		/* a correction, but something else happened since */
		ev = xasprintf(correction, id, "plan.alone", "wrong box");
		raw_exec(db, ev);
		free(ev);
		ev = xasprintf("INSERT INTO events (visit_id, at, who, kind) VALUES (%d, 'x', 'x', 'note')",
			       id);
		raw_exec(db, ev);
		free(ev);
		assert_refused(db, sql, "a finished record is corrected only with a reason");
		/* a correction of this question, with a reason, just before */
		ev = xasprintf(correction, id, "plan.alone", "wrong box");
		raw_exec(db, ev);
		free(ev);
		raw_exec(db, sql);
		free(sql);
	}
	assert_int_equal(raw_int(db, "SELECT count(*) FROM answers WHERE value = 'no'"), 5);
	sqlite3_close(db);
	store_close(st);
}

static void an_action_is_marked_done_or_withdrawn_once_and_nothing_else_changes(void **state)
{
	static const char *const why = "an action is only ever marked done or withdrawn, once";
	static const char *const refused[] = {
		"UPDATE actions SET text = 'something easier' WHERE id = 1",
		"UPDATE actions SET due_at = '2030-01-01 00:00' WHERE id = 1",
		"UPDATE actions SET owner = 'police' WHERE id = 1",
		"UPDATE actions SET urgency = 'immediate', status = 'done' WHERE id = 1",
		"UPDATE actions SET visit_id = 3 WHERE id = 1",
		"UPDATE actions SET created_at = 'x' WHERE id = 1",
		"UPDATE actions SET status = 'open' WHERE id = 1",
		"UPDATE actions SET status = 'open' WHERE id = 2",      /* done back to open */
		"UPDATE actions SET status = 'withdrawn' WHERE id = 2", /* a second time */
		"UPDATE actions SET note = 'edited' WHERE id = 2",
		"UPDATE actions SET done_by = 'someone else', status = 'done' WHERE id = 2",
	};
	struct fx *fx = *state;
	struct store *st = make_world(fx);
	sqlite3 *db = raw_open(fx->db);
	size_t i;

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_refused(db, refused[i], why);
	raw_exec(db, "UPDATE actions SET status = 'withdrawn', note = 'no longer needed' WHERE id = 1");
	assert_refused(db, "UPDATE actions SET status = 'done' WHERE id = 1", why);
	assert_refused(db, "UPDATE actions SET status = 'withdrawn', note = 'x' WHERE id = 1", why);
	sqlite3_close(db);
	store_close(st);
}

/* ================= rulebooks ================= */

static void a_rulebook_is_kept_once_and_given_back_byte_for_byte(void **state)
{
	struct fx *fx = *state;
	struct store *st = open_ok(fx->db, STORE_CREATE);
	struct core_rulebook *other = NULL;
	char hash[65], hash2[65], hash3[65], want[65];
	char *text = NULL, *changed;
	size_t len = 0;
	sqlite3 *db;

	MUST(store_rulebook_put(st, rb, hash, &err));
	MUST(store_rulebook_put(st, rb, hash2, &err));
	store_rulebook_hash(rb, want);
	assert_string_equal(hash, want);
	assert_string_equal(hash2, want);
	assert_int_equal(strlen(hash), 64);

	db = raw_open(fx->db);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM rulebooks"), 1);

	MUST(store_rulebook_text(st, hash, &text, &len, &err));
	assert_int_equal(len, rb->text_len);
	assert_memory_equal(text, rb->text, len);
	assert_int_equal(text[len], '\0');
	free(text);

	/* a changed text is another rulebook, kept beside the first */
	changed = xasprintf("%.*s\n# edited\n", (int)rb->text_len, rb->text);
	MUST(rules_load_text("changed", changed, strlen(changed), &other, &err));
	MUST(store_rulebook_put(st, other, hash3, &err));
	assert_string_not_equal(hash3, hash);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM rulebooks"), 2);
	MUST(store_rulebook_text(st, hash3, &text, &len, &err));
	assert_int_equal(len, strlen(changed));
	assert_memory_equal(text, changed, len);
	free(text);
	MUST(store_rulebook_text(st, hash, &text, &len, &err));
	assert_memory_equal(text, rb->text, rb->text_len);
	free(text);

	/* one that was never kept */
	text = EXPECT(HV_EDATA, store_rulebook_text(st, "0000", &text, &len, &err));
	free(text);

	sqlite3_close(db);
	core_rulebook_free(other);
	free(changed);
	store_close(st);
}

/* ================= answers ================= */

static void every_answer_is_kept_and_only_the_latest_is_current(void **state)
{
	static const char *const all[] = {
		"plan.alone=yes|NULL|tester",
		"plan.alone=no|NULL|tester",
		"plan.cupboards=no|the family refused|tester",
		"plan.concerns=neglect|NULL|tester",
		"plan.concerns=NULL|NULL|tester",
		"plan.cupboards=yes|NULL|tester",
	};
	static const char *const now[] = {
		"plan.alone=no|NULL|tester",
		"plan.cupboards=yes|NULL|tester",
	};
	struct fx *fx = *state;
	struct store *st = new_store(fx), *other;
	int64_t id = add_visit(st, "C-1", "alice", "2026-01-01 10:00");
	int64_t id2 = add_visit(st, "C-2", "alice", "2026-01-01 10:00");
	struct rows r;

	save_answer(st, id, "plan.alone", "yes", NULL, NULL);
	save_answer(st, id, "plan.alone", "no", NULL, NULL);
	save_answer(st, id, "plan.cupboards", "no", "the family refused", NULL);
	save_answer(st, id, "plan.concerns", "neglect", NULL, NULL);
	save_answer(st, id, "plan.concerns", NULL, "a reason with no value is dropped", NULL);
	save_answer(st, id, "plan.cupboards", "yes", NULL, NULL);
	save_answer(st, id2, "plan.alone", "yes", NULL, NULL);

	/* read back by another connection: it was all committed */
	other = open_ok(fx->db, STORE_READONLY);
	history(other, id, &r);
	assert_rows(&r, all, 6);
	rows_free(&r);
	current(other, id, &r);
	assert_rows(&r, now, 2);
	rows_free(&r);
	current(other, id2, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.row[0], "plan.alone=yes|NULL|tester");
	rows_free(&r);
	store_close(other);
	store_close(st);
}

static void a_correction_to_a_finished_record_is_recorded_with_old_and_new_values_and_reason(
	void **state)
{
	struct fx *fx = *state;
	struct store *st = new_store(fx);
	int64_t id = add_visit(st, "C-1", "alice", "2026-01-01 10:00");
	struct store_save sv;
	struct rows r;
	char *text;

	save_answer(st, id, "out.access", "yes", NULL, NULL);
	move_to(st, id, "visited");

	/* without a reason: refused, nothing kept */
	memset(&sv, 0, sizeof(sv));
	sv.question = "out.access";
	sv.value = "no";
	text = EXPECT(HV_EDATA, store_answer_save(st, id, &sv, WHO, &err));
	assert_contains(text, "corrected only with a reason");
	free(text);
	sv.correction = "";
	text = EXPECT(HV_EDATA, store_answer_save(st, id, &sv, WHO, &err));
	free(text);
	history(st, id, &r);
	assert_int_equal(r.n, 1);
	rows_free(&r);
	events(st, id, &r);
	assert_int_equal(count_kind(&r, "correction"), 0);
	rows_free(&r);

	/* with one */
	save_answer(st, id, "out.access", "no", NULL, "ticked the wrong box");
	save_answer(st, id, "plan.concerns", "neglect", NULL, "added after the visit");
	save_answer(st, id, "plan.concerns", NULL, NULL, "added to the wrong record");
	events(st, id, &r);
	assert_int_equal(count_kind(&r, "correction"), 3);
	assert_string_equal(r.row[r.n - 3],
			    "correction|out.access|yes|no|ticked the wrong box|NULL|tester");
	assert_string_equal(r.row[r.n - 2],
			    "correction|plan.concerns|NULL|neglect|added after the visit|NULL|tester");
	assert_string_equal(r.row[r.n - 1],
			    "correction|plan.concerns|neglect|NULL|added to the wrong record|NULL|tester");
	rows_free(&r);
	history(st, id, &r);
	assert_int_equal(r.n, 4);
	rows_free(&r);
	current(st, id, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.row[0], "out.access=no|NULL|tester");
	rows_free(&r);
	store_close(st);
}

static void calls_inside_a_transaction_are_all_kept_or_all_dropped(void **state)
{
	struct fx *fx = *state;
	struct store *st = new_store(fx);
	struct store_save sv;
	int64_t n = -1, id;
	struct rows r;
	char *text;

	MUST(store_begin(st, &err));
	id = add_visit(st, "C-1", "alice", "2026-01-01 10:00");
	save_answer(st, id, "plan.alone", "yes", NULL, NULL);
	store_rollback(st);
	MUST(store_visits_count(st, &(struct store_filter){.drafts_too = true}, &n, &err));
	assert_int_equal(n, 0);
	history(st, id, &r);
	assert_int_equal(r.n, 0);

	MUST(store_begin(st, &err));
	id = add_visit(st, "C-1", "alice", "2026-01-01 10:00");
	save_answer(st, id, "plan.alone", "yes", NULL, NULL);
	/* a failing call inside is undone alone, the rest stays */
	memset(&sv, 0, sizeof(sv));
	sv.question = "plan.alone";
	sv.value = "no";
	text = EXPECT(HV_EDATA, store_answer_save(st, 999, &sv, WHO, &err));
	free(text);
	MUST(store_commit(st, &err));
	MUST(store_visits_count(st, &(struct store_filter){.drafts_too = true}, &n, &err));
	assert_int_equal(n, 1);
	history(st, id, &r);
	assert_int_equal(r.n, 1);
	rows_free(&r);
	store_close(st);
}

/* ================= actions ================= */

static void fired_actions_are_kept_in_step_with_the_answers(void **state)
{
	struct fx *fx = *state;
	struct store *st = new_store(fx);
	int64_t id = add_visit(st, "C-1", "alice", "2026-01-01 10:00");
	struct store_action_in a1 = act("act.checkin", "2020-01-01 09:00");
	struct store_action_in b = act("act.risky", NULL);
	struct store_action_in a2 = act("act.checkin", "2020-01-01 09:30");
	struct store_action_in a3 = a2;
	struct store_action_in fired[2];
	struct rows r, ev;
	int64_t risky;
	char *text;

	a3.text = "Arrange a check-in, now with the team.";
	fired[0] = a1;
	fired[1] = b;
	save_fired(st, id, NULL, fired, 2);
	actions(st, id, &r);
	{
		static const char *const want[] = {
			"C-1|act.checkin|Do it.|2020-01-01 09:00|open|NULL|NULL|overdue",
			"C-1|act.risky|Do it.|NULL|open|NULL|NULL|-",
		};
		assert_rows(&r, want, 2);
	}
	risky = r.id[1];
	rows_free(&r);

	/* the same again: nothing new */
	save_fired(st, id, NULL, fired, 2);
	save_fired(st, id, NULL, fired, 2);
	actions(st, id, &r);
	assert_int_equal(r.n, 2);
	rows_free(&r);

	/* a changed due time: the old one withdrawn, a new one added */
	fired[0] = a2;
	save_fired(st, id, NULL, fired, 2);
	actions(st, id, &r);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.row[0], "C-1|act.checkin|Do it.|2020-01-01 09:00|withdrawn|tester|"
				      "replaced: its text or due time changed|-");
	assert_string_equal(r.row[2], "C-1|act.checkin|Do it.|2020-01-01 09:30|open|NULL|NULL|overdue");
	rows_free(&r);

	/* a changed text likewise */
	fired[0] = a3;
	save_fired(st, id, NULL, fired, 2);
	actions(st, id, &r);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.row[2], "C-1|act.checkin|Do it.|2020-01-01 09:30|withdrawn|tester|"
				      "replaced: its text or due time changed|-");
	assert_string_equal(r.row[3], "C-1|act.checkin|Arrange a check-in, now with the team.|"
				      "2020-01-01 09:30|open|NULL|NULL|overdue");
	rows_free(&r);

	/* no longer fires: withdrawn */
	save_fired(st, id, NULL, &b, 1);
	actions(st, id, &r);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.row[3], "C-1|act.checkin|Arrange a check-in, now with the team.|"
				      "2020-01-01 09:30|withdrawn|tester|"
				      "no longer applies after a changed answer|-");
	assert_string_equal(r.row[1], "C-1|act.risky|Do it.|NULL|open|NULL|NULL|-");
	rows_free(&r);

	/* done: who, when and the note are kept, and it is done only once */
	MUST(store_action_done(st, risky, "rang the team manager", "bob", &err));
	text = EXPECT(HV_EDATA, store_action_done(st, risky, "again", "bob", &err));
	assert_contains(text, "already done");
	free(text);
	text = EXPECT(HV_ENOINPUT, store_action_done(st, 9999, "x", "bob", &err));
	free(text);
	/* a withdrawn one cannot be done either */
	actions(st, id, &r);
	text = EXPECT(HV_EDATA, store_action_done(st, r.id[0], "x", "bob", &err));
	free(text);
	assert_string_equal(r.row[1], "C-1|act.risky|Do it.|NULL|done|bob|rang the team manager|-");
	rows_free(&r);

	/* a done action firing again is not added again */
	save_fired(st, id, NULL, &b, 1);
	save_fired(st, id, NULL, fired, 2);
	actions(st, id, &r);
	assert_int_equal(r.n, 5); /* only act.checkin came back */
	assert_string_equal(r.row[4], "C-1|act.checkin|Arrange a check-in, now with the team.|"
				      "2020-01-01 09:30|open|NULL|NULL|overdue");
	assert_int_equal(count_kind(&r, "C-1|act.risky"), 1);
	rows_free(&r);

	/* saving an answer without derived fields leaves the actions alone */
	save_answer(st, id, "plan.alone", "no", NULL, NULL);
	actions(st, id, &r);
	assert_int_equal(r.n, 5);
	rows_free(&r);

	/* all of it is in the history */
	events(st, id, &ev);
	assert_int_equal(count_kind(&ev, "action_withdrawn"), 3);
	assert_int_equal(count_kind(&ev, "action_done|NULL|NULL|NULL|rang the team manager|act.risky|bob"),
			 1);
	rows_free(&ev);
	store_close(st);
}

/* ================= reviews ================= */

static void only_a_record_with_its_outcome_can_be_signed_off(void **state)
{
	static const struct {
		const char *status;
		int rc;
	} cases[] = {
		{"draft", HV_EDATA},
		{"planned", HV_EDATA},
		{"visited", HV_OK},
		{"no_access", HV_OK},
	};
	struct fx *fx = *state;
	struct store *st = new_store(fx);
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t id = add_visit(st, "C-1", "alice", "2026-01-01 10:00");
		struct rows r, ev;
		char *text;

		move_to(st, id, cases[i].status);
		memset(&r, 0, sizeof(r));
		if (cases[i].rc != HV_OK) {
			text = EXPECT(cases[i].rc,
				      store_review_add(st, id, "agreed", "ok", "manager", &err));
			assert_contains(text, cases[i].status);
			assert_contains(text, fx->db);
			free(text);
			assert_status(st, id, cases[i].status);
			MUST(store_reviews_list(st, id, review_row, &r, &err));
			assert_int_equal(r.n, 0);
			events(st, id, &ev);
			assert_int_equal(count_kind(&ev, "review"), 0);
			rows_free(&ev);
			continue;
		}
		/* a decision the schema does not know is refused whole */
		text = EXPECT(HV_EDATA, store_review_add(st, id, "maybe", "x", "manager", &err));
		free(text);
		assert_status(st, id, cases[i].status);

		MUST(store_review_add(st, id, "needs_action", "see the police again", "manager", &err));
		assert_status(st, id, "reviewed");
		/* a later review is added beside it */
		MUST(store_review_add(st, id, "agreed", "", "director", &err));
		MUST(store_reviews_list(st, id, review_row, &r, &err));
		{
			static const char *const want[] = {
				"manager|needs_action|see the police again",
				"director|agreed|",
			};
			assert_rows(&r, want, 2);
		}
		rows_free(&r);
		events(st, id, &ev);
		assert_int_equal(count_kind(&ev, "review|NULL|NULL|needs_action|see the police again|NULL|manager"), 1);
		assert_int_equal(count_kind(&ev, "review|"), 2);
		{
			char *want = xasprintf("status|NULL|%s|reviewed|", cases[i].status);

			assert_int_equal(count_kind(&ev, want), 1);
			free(want);
		}
		rows_free(&ev);
	}
	store_close(st);
}

/* ================= lists ================= */

/* The manager's view: eight records.
 *   1 C-100   alice  2026-01-10 09:00  draft, an overdue action
 *   2 C-200   alice  2026-01-11 23:59  planned, action due 2026-01-11 09:00
 *   3 C-300   bob    2026-01-12 00:00  visited, police (rank 2), emergency, action due 01-20
 *   4 C-400   bob    2026-01-13 23:59  no_access, team-manager (rank 1), action due 02-01
 *   5 C-500   carol  2026-01-14 00:00  reviewed after no access
 *   6 50%_off dave   2026-01-15 08:00  planned, a done action
 *   7 C_9     dave   2026-01-16 08:00  planned
 *   8 501     erin   2026-01-17 08:00  planned
 */
static struct store *make_caseload(const struct fx *fx)
{
	struct store *st = new_store(fx);
	struct store_derived police = {"police", 2, "emergency", true, NULL, NULL, NULL};
	struct store_derived tm = {"team-manager", 1, "immediate", false, NULL, NULL, NULL};
	struct store_action_in a;
	struct store_action_in two[2];
	struct rows r;

	assert_int_equal(add_visit(st, "C-100", "alice", "2026-01-10 09:00"), 1);
	assert_int_equal(add_visit(st, "C-200", "alice", "2026-01-11 23:59"), 2);
	assert_int_equal(add_visit(st, "C-300", "bob", "2026-01-12 00:00"), 3);
	assert_int_equal(add_visit(st, "C-400", "bob", "2026-01-13 23:59"), 4);
	assert_int_equal(add_visit(st, "C-500", "carol", "2026-01-14 00:00"), 5);
	assert_int_equal(add_visit(st, "50%_off", "dave", "2026-01-15 08:00"), 6);
	assert_int_equal(add_visit(st, "C_9", "dave", "2026-01-16 08:00"), 7);
	assert_int_equal(add_visit(st, "501", "erin", "2026-01-17 08:00"), 8);

	a = act("act.checkin", "2026-01-01 00:00");
	save_fired(st, 1, NULL, &a, 1);
	a = act("act.checkin", "2026-01-11 09:00");
	two[0] = a;
	two[1] = act("act.risky", NULL);
	save_fired(st, 2, NULL, two, 2);
	two[0] = act("act.next", "2026-01-20 10:00");
	two[1] = act("act.police", NULL);
	save_fired(st, 3, &police, two, 2);
	a = act("act.tm", "2026-02-01 00:00");
	save_fired(st, 4, &tm, &a, 1);
	a = act("act.risky", "2026-01-19 00:00");
	save_fired(st, 6, NULL, &a, 1);
	actions(st, 6, &r);
	MUST(store_action_done(st, r.id[0], NULL, WHO, &err));
	rows_free(&r);

	move_to(st, 2, "planned");
	move_to(st, 3, "visited");
	move_to(st, 4, "no_access");
	MUST(store_visit_set_status(st, 5, "planned", NULL, WHO, &err));
	MUST(store_visit_set_status(st, 5, "no_access", "2026-01-14 00:30", WHO, &err));
	MUST(store_review_add(st, 5, "escalate", "", "manager", &err));
	move_to(st, 6, "planned");
	move_to(st, 7, "planned");
	move_to(st, 8, "planned");
	return st;
}

struct listed {
	struct strbuf refs;
	int stop_after; /* 0: never */
	int seen;
};

static int list_ref(const struct store_visit *v, void *ctx)
{
	struct listed *l = ctx;

	if (l->refs.len > 0)
		sb_addc(&l->refs, ',');
	sb_adds(&l->refs, v->case_ref);
	l->seen++;
	return l->stop_after > 0 && l->seen >= l->stop_after;
}

static char *list_refs(struct store *st, const struct store_filter *f, int64_t offset,
		       int64_t limit)
{
	struct listed l;

	memset(&l, 0, sizeof(l));
	sb_init(&l.refs);
	MUST(store_visits_list(st, f, offset, limit, list_ref, &l, &err));
	return sb_take(&l.refs);
}

#define NOW "2026-01-12 12:00"

static void every_filter_picks_exactly_its_records_newest_planned_first(void **state)
{
	static const struct {
		struct store_filter f;
		const char *want;
	} cases[] = {
		{{.now = NOW}, "501,C_9,50%_off,C-500,C-400,C-300,C-200"},
		{{.now = NOW, .drafts_too = true}, "501,C_9,50%_off,C-500,C-400,C-300,C-200,C-100"},
		{{.now = NOW, .status = "draft"}, "C-100"},
		{{.now = NOW, .status = "planned"}, "501,C_9,50%_off,C-200"},
		{{.now = NOW, .status = "visited"}, "C-300"},
		{{.now = NOW, .status = "no_access"}, "C-400"},
		{{.now = NOW, .status = "reviewed"}, "C-500"},
		{{.now = NOW, .practitioner = "bob"}, "C-400,C-300"},
		{{.now = NOW, .practitioner = "bo"}, ""},
		{{.now = NOW, .practitioner = "alice"}, "C-200"},
		{{.now = NOW, .practitioner = "alice", .drafts_too = true}, "C-200,C-100"},
		{{.now = NOW, .case_ref = "C-300"}, "C-300"},
		{{.now = NOW, .case_ref = "C-30"}, ""},
		{{.now = NOW, .case_ref = "C-100"}, ""},
		{{.now = NOW, .case_ref = "C-100", .drafts_too = true}, "C-100"},
		{{.now = NOW, .from = "2026-01-12", .to = "2026-01-13"}, "C-400,C-300"},
		{{.now = NOW, .from = "2026-01-14"}, "501,C_9,50%_off,C-500"},
		{{.now = NOW, .to = "2026-01-11"}, "C-200"},
		{{.now = NOW, .from = "2026-01-11", .to = "2026-01-11"}, "C-200"},
		{{.now = NOW, .from = "2026-02-01"}, ""},
		{{.now = NOW, .min_escalation = 1}, "C-400,C-300"},
		{{.now = NOW, .min_escalation = 2}, "C-300"},
		{{.now = NOW, .min_escalation = 3}, ""},
		{{.now = NOW, .unreviewed = true}, "C-400,C-300"},
		{{.now = NOW, .overdue = true}, "C-200"},
		{{.now = NOW, .overdue = true, .drafts_too = true}, "C-200,C-100"},
		{{.now = "2026-01-25 00:00", .overdue = true}, "C-300,C-200"},
		{{.now = "2026-03-01 00:00", .overdue = true}, "C-400,C-300,C-200"},
		{{.now = "2025-12-31 00:00", .overdue = true}, ""},
		{{.now = NOW, .failed_access = true}, "C-500,C-400"},
		{{.now = NOW, .emergency = true}, "C-300"},
		{{.now = NOW, .search = ""}, "501,C_9,50%_off,C-500,C-400,C-300,C-200"},
		{{.now = NOW, .search = "C-"}, "C-500,C-400,C-300,C-200"},
		{{.now = NOW, .search = "C_"}, "C_9"},
		{{.now = NOW, .search = "50%"}, "50%_off"},
		{{.now = NOW, .search = "50%_"}, "50%_off"},
		{{.now = NOW, .search = "%"}, ""},
		{{.now = NOW, .search = "_"}, ""},
		{{.now = NOW, .search = "50"}, "501,50%_off"},
		{{.now = NOW, .search = "bo"}, "C-400,C-300"},
		{{.now = NOW, .search = "lice"}, ""},
		{{.now = NOW, .search = "C-1"}, ""},
		{{.now = NOW, .search = "C-1", .drafts_too = true}, "C-100"},
		{{.now = NOW, .status = "planned", .search = "50"}, "501,50%_off"},
		{{.now = NOW, .practitioner = "bob", .min_escalation = 2, .emergency = true}, "C-300"},
	};
	struct fx *fx = *state;
	struct store *st = make_caseload(fx);
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = list_refs(st, &cases[i].f, 0, -1);
		int64_t n = -1, want_n = 0;
		const char *p;

		if (strcmp(got, cases[i].want) != 0) {
			print_error("case %zu: listed \"%s\", expected \"%s\"\n", i, got, cases[i].want);
			fail();
		}
		MUST(store_visits_count(st, &cases[i].f, &n, &err));
		if (cases[i].want[0] != '\0')
			for (want_n = 1, p = cases[i].want; *p; p++)
				want_n += *p == ',';
		if (n != want_n) {
			print_error("case %zu: counted %lld, expected %lld\n", i, (long long)n,
				    (long long)want_n);
			fail();
		}
		free(got);
	}
	store_close(st);
}

/* What a listed row said about one record (the list frees its strings). */
struct seen {
	const char *want;
	bool found;
	int64_t id;
	char status[16], escalation[32], urgency[16], rb_id[32], rb_version[8], rb_hash[65];
	int rank, open, overdue;
	bool emergency, reviewed;
};

static int keep_visit(const struct store_visit *v, void *ctx)
{
	struct seen *s = ctx;

	if (strcmp(v->case_ref, s->want) != 0)
		return 0;
	s->found = true;
	s->id = v->id;
	snprintf(s->status, sizeof(s->status), "%s", v->status);
	snprintf(s->escalation, sizeof(s->escalation), "%s", v->escalation);
	snprintf(s->urgency, sizeof(s->urgency), "%s", v->urgency);
	snprintf(s->rb_id, sizeof(s->rb_id), "%s", v->rulebook_id);
	snprintf(s->rb_version, sizeof(s->rb_version), "%s", v->rulebook_version);
	snprintf(s->rb_hash, sizeof(s->rb_hash), "%s", v->rulebook_hash);
	s->rank = v->escalation_rank;
	s->open = v->open_actions;
	s->overdue = v->overdue_actions;
	s->emergency = v->emergency;
	s->reviewed = v->reviewed;
	return 1;
}

static struct seen find_listed(struct store *st, const struct store_filter *f, const char *ref)
{
	struct seen s;

	memset(&s, 0, sizeof(s));
	s.want = ref;
	MUST(store_visits_list(st, f, 0, -1, keep_visit, &s, &err));
	assert_true(s.found);
	return s;
}

static void listed_rows_carry_what_the_manager_needs(void **state)
{
	struct fx *fx = *state;
	struct store *st = make_caseload(fx);
	struct store_filter f = {.now = NOW, .drafts_too = true};
	struct seen s;

	s = find_listed(st, &f, "C-200");
	assert_int_equal(s.id, 2);
	assert_string_equal(s.status, "planned");
	assert_int_equal(s.open, 2);
	assert_int_equal(s.overdue, 1);
	assert_false(s.reviewed);
	assert_false(s.emergency);
	assert_string_equal(s.escalation, "none");
	assert_string_equal(s.rb_id, "test-minimal");
	assert_string_equal(s.rb_version, "1");
	assert_string_equal(s.rb_hash, rb_hash);

	s = find_listed(st, &f, "C-300");
	assert_string_equal(s.escalation, "police");
	assert_int_equal(s.rank, 2);
	assert_string_equal(s.urgency, "emergency");
	assert_true(s.emergency);
	assert_int_equal(s.open, 2);
	assert_int_equal(s.overdue, 0);
	f.now = "2026-01-21 00:00";
	s = find_listed(st, &f, "C-300");
	assert_int_equal(s.overdue, 1);

	s = find_listed(st, &f, "C-500");
	assert_string_equal(s.status, "reviewed");
	assert_true(s.reviewed);
	s = find_listed(st, &f, "50%_off");
	assert_int_equal(s.open, 0); /* its one action is done */
	store_close(st);
}

static void pages_are_disjoint_and_together_make_the_whole_list(void **state)
{
	struct fx *fx = *state;
	struct store *st = make_caseload(fx);
	struct store_filter f = {.now = NOW, .drafts_too = true};
	char *whole = list_refs(st, &f, 0, -1), *page;
	struct strbuf joined;
	int64_t size, offset;

	for (size = 1; size <= 9; size++) {
		sb_init(&joined);
		for (offset = 0; offset < 8; offset += size) {
			page = list_refs(st, &f, offset, size);
			assert_true(page[0] != '\0');
			if (joined.len > 0)
				sb_addc(&joined, ',');
			sb_adds(&joined, page);
			free(page);
		}
		assert_string_equal(joined.s, whole);
		sb_free(&joined);
		page = list_refs(st, &f, offset, size);
		assert_string_equal(page, "");
		free(page);
	}
	page = list_refs(st, &f, 0, 0);
	assert_string_equal(page, "");
	free(page);
	page = list_refs(st, &f, 6, -1);
	assert_string_equal(page, "C-200,C-100");
	free(page);
	free(whole);
	store_close(st);
}

static void the_walk_stops_when_the_callback_says_so(void **state)
{
	struct fx *fx = *state;
	struct store *st = make_caseload(fx);
	struct listed l;
	char *again;

	memset(&l, 0, sizeof(l));
	sb_init(&l.refs);
	l.stop_after = 2;
	MUST(store_visits_list(st, NULL, 0, -1, list_ref, &l, &err));
	assert_int_equal(l.seen, 2);
	assert_string_equal(l.refs.s, "501,C_9");
	sb_free(&l.refs);
	/* and the statement is ready for the next walk */
	again = list_refs(st, NULL, 0, 3);
	assert_string_equal(again, "501,C_9,50%_off");
	free(again);
	store_close(st);
}

static void due_actions_come_soonest_first(void **state)
{
	struct fx *fx = *state;
	struct store *st = make_caseload(fx);
	struct rows r;

	memset(&r, 0, sizeof(r));
	MUST(store_due_list(st, false, NOW, action_row, &r, &err));
	{
		/* not the draft's, not the done one, not one without a due time */
		static const char *const want[] = {
			"C-200|act.checkin|Do it.|2026-01-11 09:00|open|NULL|NULL|overdue",
			"C-300|act.next|Do it.|2026-01-20 10:00|open|NULL|NULL|-",
			"C-400|act.tm|Do it.|2026-02-01 00:00|open|NULL|NULL|-",
		};
		assert_rows(&r, want, 3);
	}
	rows_free(&r);
	MUST(store_due_list(st, true, NOW, action_row, &r, &err));
	assert_int_equal(r.n, 1);
	assert_string_equal(r.row[0], "C-200|act.checkin|Do it.|2026-01-11 09:00|open|NULL|NULL|overdue");
	rows_free(&r);
	MUST(store_due_list(st, true, "2026-01-25 00:00", action_row, &r, &err));
	assert_int_equal(r.n, 2);
	assert_string_equal(r.row[1], "C-300|act.next|Do it.|2026-01-20 10:00|open|NULL|NULL|overdue");
	rows_free(&r);
	MUST(store_due_list(st, true, "2025-01-01 00:00", action_row, &r, &err));
	assert_int_equal(r.n, 0);
	/* no now: the clock's */
	{
		struct rows r2;
		char clock[17];
		size_t i;

		store_now_local(clock);
		MUST(store_due_list(st, true, clock, action_row, &r, &err));
		memset(&r2, 0, sizeof(r2));
		MUST(store_due_list(st, true, NULL, action_row, &r2, &err));
		assert_int_equal(r.n, r2.n);
		for (i = 0; i < r.n; i++)
			assert_string_equal(r.row[i], r2.row[i]);
		rows_free(&r2);
	}
	rows_free(&r);
	store_close(st);
}

/* ================= JSON ================= */

static char *capture_visit_json(struct store *st, int64_t id, const struct core_rulebook *book)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	MUST(store_visit_json(st, id, book, fp, &err));
	fclose(fp);
	return buf;
}

static char *capture_export(struct store *st, const struct store_filter *f)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	MUST(store_export_json(st, f, fp, &err));
	fclose(fp);
	return buf;
}

/* Asks SQLite's JSON functions about json: the text of expr(?1). */
static char *json_ask(const char *json, const char *expr)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	char *sql = xasprintf("SELECT %s", expr), *v;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, json, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = xstrdup(sqlite3_column_text(s, 0) ? (const char *)sqlite3_column_text(s, 0) : "NULL");
	sqlite3_finalize(s);
	sqlite3_close(db);
	free(sql);
	return v;
}

static void assert_json(const char *json, const char *expr, const char *want)
{
	char *got = json_ask(json, expr);

	if (strcmp(got, want) != 0) {
		print_error("%s = \"%s\", expected \"%s\"\n", expr, got, want);
		free(got);
		fail();
	}
	free(got);
}

#define AWKWARD "Ann \"Nan\" O\\Brien\tmother\tyes\tno\nZo\xc3\xab\tsister\tno\tno"

static void a_record_as_json_is_valid_and_holds_everything(void **state)
{
	struct fx *fx = *state;
	struct store *st = new_store(fx);
	int64_t id = add_visit(st, "C-1 \"quoted\"", "alice", "2026-01-01 10:00");
	struct store_action_in a = act("act.checkin", "2026-01-01 09:00");
	char *json;

	save_answer(st, id, "plan.people", AWKWARD, NULL, NULL);
	save_answer(st, id, "plan.alone", "no", NULL, NULL);
	save_answer(st, id, "plan.alone", "yes", NULL, NULL);
	save_answer(st, id, "plan.cupboards", "no", "refused", NULL);
	save_fired(st, id, NULL, &a, 1);
	move_to(st, id, "reviewed");

	json = capture_visit_json(st, id, rb);
	assert_json(json, "json_valid(?1)", "1");
	assert_json(json, "json_extract(?1, '$.case_ref')", "C-1 \"quoted\"");
	assert_json(json, "json_extract(?1, '$.status')", "reviewed");
	assert_json(json, "json_extract(?1, '$.rulebook.id')", "test-minimal");
	assert_json(json, "json_extract(?1, '$.rulebook.hash')", rb_hash);
	/* current answers, in the rulebook's order, with the question asked */
	assert_json(json, "json_array_length(?1, '$.answers')", "3");
	assert_json(json, "json_extract(?1, '$.answers[0].question')", "plan.alone");
	assert_json(json, "json_extract(?1, '$.answers[0].value')", "yes");
	assert_json(json, "json_extract(?1, '$.answers[0].text')", "Are you visiting alone?");
	assert_json(json, "json_extract(?1, '$.answers[0].section')", "Planning");
	assert_json(json, "json_extract(?1, '$.answers[1].question')", "plan.cupboards");
	assert_json(json, "json_extract(?1, '$.answers[1].reason')", "refused");
	assert_json(json, "json_extract(?1, '$.answers[2].value')", AWKWARD);
	assert_json(json, "json_extract(?1, '$.answers[2].text')", "Who will be present?");
	assert_json(json, "json_array_length(?1, '$.answer_history')", "4");
	assert_json(json, "json_extract(?1, '$.answer_history[1].value')", "no");
	assert_json(json, "json_array_length(?1, '$.actions')", "1");
	assert_json(json, "json_extract(?1, '$.actions[0].action')", "act.checkin");
	assert_json(json, "json_extract(?1, '$.actions[0].due_at')", "2026-01-01 09:00");
	assert_json(json, "json_array_length(?1, '$.reviews')", "1");
	assert_json(json, "json_extract(?1, '$.reviews[0].decision')", "agreed");
	assert_json(json, "json_extract(?1, '$.events[0].kind')", "created");
	assert_json(json, "json_extract(?1, '$.events[#-1].kind')", "status");
	assert_json(json, "json_extract(?1, '$.events[#-1].new_value')", "reviewed");
	assert_json(json, "json_type(?1, '$.emergency')", "false");
	free(json);

	/* without a rulebook the answers are still all there */
	json = capture_visit_json(st, id, NULL);
	assert_json(json, "json_valid(?1)", "1");
	assert_json(json, "json_array_length(?1, '$.answers')", "3");
	free(json);

	/* a record that does not exist */
	{
		char *buf = NULL, *text;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);

		text = EXPECT(HV_ENOINPUT, store_visit_json(st, 99, rb, fp, &err));
		fclose(fp);
		free(buf);
		free(text);
	}
	store_close(st);
}

static void the_export_is_one_valid_json_array_of_the_matching_records(void **state)
{
	struct fx *fx = *state;
	struct store *st = make_caseload(fx);
	struct store_filter all = {.now = NOW};
	struct store_filter bob = {.now = NOW, .practitioner = "bob"};
	struct store_filter none = {.now = NOW, .practitioner = "nobody"};
	char *json;

	save_answer(st, 2, "plan.alone", "yes", NULL, NULL);
	save_answer(st, 2, "plan.cupboards", "no", "refused", NULL);
	save_answer(st, 2, "plan.people", AWKWARD, NULL, NULL);

	json = capture_export(st, &all);
	assert_json(json, "json_valid(?1)", "1");
	assert_json(json, "json_array_length(?1)", "7");
	assert_json(json, "json_extract(?1, '$[0].case_ref')", "501");
	assert_json(json, "json_extract(?1, '$[6].case_ref')", "C-200");
	assert_json(json, "json_extract(?1, '$[6].answers.\"plan.alone\"')", "yes");
	assert_json(json, "json_extract(?1, '$[6].answers.\"plan.cupboards\".reason')", "refused");
	assert_json(json, "json_extract(?1, '$[6].answers.\"plan.people\"')", AWKWARD);
	assert_json(json, "json_array_length(?1, '$[6].actions')", "2");
	assert_json(json, "json_extract(?1, '$[6].events[0].kind')", "created");
	assert_json(json, "json_extract(?1, '$[3].case_ref')", "C-500");
	assert_json(json, "json_extract(?1, '$[3].reviews[0].decision')", "escalate");
	free(json);

	json = capture_export(st, &bob);
	assert_json(json, "json_valid(?1)", "1");
	assert_json(json, "json_array_length(?1)", "2");
	assert_json(json, "json_extract(?1, '$[1].emergency')", "1");
	assert_json(json, "json_extract(?1, '$[1].escalation')", "police");
	free(json);

	json = capture_export(st, &none);
	assert_json(json, "json_valid(?1)", "1");
	assert_json(json, "json_array_length(?1)", "0");
	free(json);
	store_close(st);
}

/* ================= checks ================= */

static void a_good_database_passes_the_integrity_check(void **state)
{
	struct fx *fx = *state;
	struct store *st = make_caseload(fx);

	MUST(store_integrity(st, &err));
	store_close(st);
	st = open_ok(fx->db, STORE_READONLY);
	MUST(store_integrity(st, &err));
	store_close(st);
}

static void a_damaged_database_is_reported_by_the_integrity_check(void **state)
{
	struct fx *fx = *state;
	struct store *st = make_caseload(fx);
	sqlite3 *db;
	int64_t page, size;
	FILE *fp;
	char *text;
	int rc;

	store_close(st); /* everything checkpointed into the file */
	db = raw_open(fx->db);
	page = raw_int(db, "SELECT rootpage FROM sqlite_schema WHERE name = 'events_visit'");
	size = raw_int(db, "PRAGMA page_size");
	sqlite3_close(db);
	assert_true(page > 1);
	/* scribble over an index page, as a failing disk might */
	fp = fopen(fx->db, "r+b");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, (long)((page - 1) * size + 8), SEEK_SET), 0);
	assert_int_equal(fwrite("\xff\xff\xff\xff\xff\xff\xff\xff", 1, 8, fp), 8);
	assert_int_equal(fclose(fp), 0);

	st = open_ok(fx->db, STORE_READONLY);
	rc = store_integrity(st, &err);
	text = hv_error_text(&err);
	if (rc != HV_FOUND && rc != HV_EDATA) {
		print_error("integrity check returned %d: %s\n", rc, text);
		fail();
	}
	assert_contains(text, fx->db);
	free(text);
	hv_error_clear(&err);
	store_close(st);
}

static void a_record_that_does_not_exist_is_reported_as_missing(void **state)
{
	struct fx *fx = *state;
	struct store *st = new_store(fx);
	struct store_visit v;
	char *text;

	text = EXPECT(HV_ENOINPUT, store_visit_get(st, 42, &v, &err));
	assert_contains(text, "42");
	assert_contains(text, fx->db);
	free(text);
	text = EXPECT(HV_ENOINPUT, store_visit_set_status(st, 42, "planned", NULL, WHO, &err));
	assert_contains(text, fx->db);
	free(text);
	text = EXPECT(HV_ENOINPUT, store_review_add(st, 42, "agreed", "", WHO, &err));
	assert_contains(text, fx->db);
	free(text);
	text = EXPECT(HV_ENOINPUT, store_action_done(st, 42, NULL, WHO, &err));
	assert_contains(text, fx->db);
	free(text);
	store_close(st);
}

/* ================= main ================= */

static int group_setup(void **state)
{
	struct hv_error e;

	(void)state;
	hv_error_init(&e);
	if (rules_load(MINIMAL_RULES, &rb, &e) != HV_OK) {
		hv_error_print(&e, stderr);
		hv_error_clear(&e);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	core_rulebook_free(rb);
	return 0;
}

#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)

/* ---- version 2: a database from before it is brought forward ---- */

static void a_version_1_database_is_migrated_with_its_records_kept(void **state)
{
	struct fx *fx = *state;
	struct store_filter f;
	struct store *st;
	sqlite3 *db = raw_open(fx->db);
	int64_t n;
	size_t i;

	/* A database as version 1 of homevisit left it, with a record in it. */
	raw_exec(db, "BEGIN");
	for (i = 0; schema_migrations[0][i] != NULL; i++)
		raw_exec(db, schema_migrations[0][i]);
	raw_exec(db, "PRAGMA application_id = 1213614419; PRAGMA user_version = 1");
	raw_exec(db, "INSERT INTO rulebooks VALUES ('h', 'r', '1', 'R', 'x: 1', 'now')");
	raw_exec(db, "INSERT INTO visits (case_ref, practitioner, planned_at, kind, status, "
		     "rulebook_hash, created_at, updated_at) VALUES ('C-ŁÓDŹ', 'Łukasz Nowak', "
		     "'2026-01-01 10:00', 'announced', 'draft', 'h', 'now', 'now')");
	raw_exec(db, "UPDATE visits SET status = 'planned'");
	raw_exec(db, "INSERT INTO actions (visit_id, action, text, owner, urgency, due_at, created_at) "
		     "VALUES (1, 'a', 'Do it.', 'practitioner', 'routine', '2026-01-02 10:00', 'now')");
	raw_exec(db, "COMMIT");
	sqlite3_close(db);

	st = open_ok(fx->db, 0);
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
	memset(&f, 0, sizeof(f));
	f.search = "łukasz";
	MUST(store_visits_count(st, &f, &n, &err));
	assert_int_equal(n, 1); /* folded for searching when migrated */
	f.search = "c-łó";
	MUST(store_visits_count(st, &f, &n, &err));
	assert_int_equal(n, 1);
	memset(&f, 0, sizeof(f));
	f.overdue = true;
	f.now = "2026-06-01 00:00";
	MUST(store_visits_count(st, &f, &n, &err));
	assert_int_equal(n, 1); /* its open action's due time is kept beside it */
	store_close(st);
}

/* ---- version 3: training attempts ---- */

struct seen_attempts {
	size_t n;
	char trainees[4][32];
	int score[4];
	bool finished[4];
	char missed[4][64];
};

static int note_attempt(const struct store_attempt *a, void *ctx)
{
	struct seen_attempts *s = ctx;

	if (s->n < 4) {
		snprintf(s->trainees[s->n], sizeof(s->trainees[0]), "%s", a->trainee);
		s->score[s->n] = a->score;
		s->finished[s->n] = a->finished;
		snprintf(s->missed[s->n], sizeof(s->missed[0]), "%s", a->missed ? a->missed : "");
	}
	s->n++;
	return 0;
}

static void attempts_are_scored_once_and_never_deleted(void **state)
{
	struct fx *fx = *state;
	struct store *st = new_store(fx);
	struct seen_attempts seen;
	int64_t v1 = add_visit(st, "TRAIN-1", "Trainee One", "2026-01-01 10:00");
	int64_t v2 = add_visit(st, "TRAIN-2", "Trainee Two", "2026-01-01 10:00");
	int64_t a1, a2;
	sqlite3 *db;
	char *text;

	MUST(store_attempt_start(st, v1, "failed-access-grave", "Grave", "Trainee One", &a1, &err));
	MUST(store_attempt_start(st, v2, "failed-access-grave", "Grave", "Trainee Two", &a2, &err));
	MUST(store_attempt_finish(st, a1, 4, 4, true, "", "", &err));
	MUST(store_attempt_finish(st, a2, 2, 4, false, "act.fa-police", "", &err));
	/* a score is recorded once */
	text = EXPECT(HV_EDATA, store_attempt_finish(st, a2, 4, 4, true, "", "", &err));
	assert_contains(text, "scored once");
	free(text);

	memset(&seen, 0, sizeof(seen));
	MUST(store_attempts_list(st, NULL, note_attempt, &seen, &err));
	assert_int_equal(seen.n, 2);
	memset(&seen, 0, sizeof(seen));
	MUST(store_attempts_list(st, "Trainee Two", note_attempt, &seen, &err));
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.trainees[0], "Trainee Two");
	assert_int_equal(seen.score[0], 2);
	assert_true(seen.finished[0]);
	assert_string_equal(seen.missed[0], "act.fa-police");
	store_close(st);

	/* and the database itself refuses to lose or rewrite one */
	db = raw_open(fx->db);
	assert_refused(db, "DELETE FROM attempts", "never deleted");
	assert_refused(db, "UPDATE attempts SET score = 4 WHERE trainee = 'Trainee Two'", "scored once");
	assert_refused(db, "UPDATE attempts SET trainee = 'Someone' WHERE id = 1", "scored once");
	sqlite3_close(db);
}

static void a_search_finds_names_in_any_script_and_any_case(void **state)
{
	struct fx *fx = *state;
	struct store *st = new_store(fx);
	struct store_filter f;
	static const char *const found[] = {"łukasz", "ŁUKASZ", "Łuk", "zoë", "ZOË Ó", "c-7", "C-70"};
	int64_t n;
	size_t i;

	move_to(st, add_visit(st, "C-700", "Łukasz Nowak", "2026-01-01 10:00"), "planned");
	move_to(st, add_visit(st, "C-701", "Zoë Ó'Brien", "2026-01-02 10:00"), "planned");
	for (i = 0; i < sizeof(found) / sizeof(found[0]); i++) {
		memset(&f, 0, sizeof(f));
		f.search = found[i];
		MUST(store_visits_count(st, &f, &n, &err));
		if (n < 1)
			print_error("nothing found for '%s'\n", found[i]);
		assert_true(n >= 1);
	}
	memset(&f, 0, sizeof(f));
	f.search = "lukasz"; /* no accent folding: Ł is not L */
	MUST(store_visits_count(st, &f, &n, &err));
	assert_int_equal(n, 0);
	store_close(st);
}

static void counting_up_to_a_cap_stops_there(void **state)
{
	struct fx *fx = *state;
	struct store *st = new_store(fx);
	struct store_filter f;
	int64_t n;
	int i;

	for (i = 0; i < 7; i++)
		move_to(st, add_visit(st, "C-1", "alice", "2026-01-01 10:00"), "planned");
	memset(&f, 0, sizeof(f));
	MUST(store_visits_count_upto(st, &f, 5, &n, &err));
	assert_int_equal(n, 6); /* more than 5 */
	MUST(store_visits_count_upto(st, &f, 10, &n, &err));
	assert_int_equal(n, 7);
	store_close(st);
}

static int collect_visit(const struct store_visit *v, void *ctx)
{
	rows_add(ctx, v->id, xstrdup(v->case_ref));
	return 0;
}

static void a_practitioner_past_their_expected_back_time_is_found(void **state)
{
	struct fx *fx = *state;
	struct store *st = new_store(fx);
	struct store_derived back = {"none", 0, "none", false, "2026-01-01 13:00", "Duty manager", NULL};
	struct store_filter f;
	int64_t late, fine, n;

	late = add_visit(st, "C-LATE", "alice", "2026-01-01 10:00");
	save_fired(st, late, &back, NULL, 0);
	move_to(st, late, "planned");
	fine = add_visit(st, "C-DONE", "bob", "2026-01-01 10:00");
	save_fired(st, fine, &back, NULL, 0);
	move_to(st, fine, "visited"); /* an outcome is recorded: no longer out */
	memset(&f, 0, sizeof(f));
	f.past_back = true;
	f.now = "2026-01-01 12:00";
	MUST(store_visits_count(st, &f, &n, &err));
	assert_int_equal(n, 0); /* not yet */
	f.now = "2026-01-01 14:00";
	MUST(store_visits_count(st, &f, &n, &err));
	assert_int_equal(n, 1);

	/* the warning line: the most recently passed first, visited ones never */
	{
		struct store_derived later = back;
		struct rows r;
		int64_t later_id;

		later.expected_back_at = "2026-01-01 15:00";
		later_id = add_visit(st, "C-LATER", "carol", "2026-01-01 11:00");
		save_fired(st, later_id, &later, NULL, 0);
		move_to(st, later_id, "planned");
		memset(&r, 0, sizeof(r));
		MUST(store_visits_past_back(st, 5, collect_visit, &r, &err));
		assert_int_equal(r.n, 2);
		assert_int_equal(r.id[0], later_id);
		assert_int_equal(r.id[1], late);
		rows_free(&r);
		memset(&r, 0, sizeof(r));
		MUST(store_visits_past_back(st, 1, collect_visit, &r, &err));
		assert_int_equal(r.n, 1);
		rows_free(&r);
		/* and the filter lists exactly them, newest planned first */
		memset(&r, 0, sizeof(r));
		f.now = "2026-01-01 16:00";
		MUST(store_visits_list(st, &f, 0, 10, collect_visit, &r, &err));
		assert_int_equal(r.n, 2);
		assert_int_equal(r.id[0], later_id);
		assert_int_equal(r.id[1], late);
		rows_free(&r);
	}
	store_close(st);
}

static int count_action(const struct store_action *a, void *ctx)
{
	(void)a;
	(*(int *)ctx)++;
	return 0;
}

static void overdue_actions_are_counted_and_listed_by_practitioner(void **state)
{
	struct fx *fx = *state;
	struct store *st = new_store(fx);
	struct store_action_in two[] = {act("a1", "2026-01-01 09:00"), act("a2", "2026-01-03 09:00")};
	int64_t v1 = add_visit(st, "C-1", "zed", "2026-01-01 10:00");
	int64_t v2 = add_visit(st, "C-2", "amy", "2026-01-01 10:00");
	int64_t n;
	int listed = 0;

	save_fired(st, v1, NULL, two, 2);
	save_fired(st, v2, NULL, two, 2);
	move_to(st, v1, "planned");
	move_to(st, v2, "planned");
	MUST(store_overdue_count(st, "2026-01-02 00:00", 100, &n, &err));
	assert_int_equal(n, 2);
	MUST(store_overdue_count(st, "2026-01-04 00:00", 3, &n, &err));
	assert_int_equal(n, 4);
	MUST(store_due_by_practitioner(st, "2026-01-02 23:59", "2026-01-02 00:00", 10, count_action,
				       &listed, &err));
	assert_int_equal(listed, 2);
	listed = 0;
	MUST(store_due_by_practitioner(st, "2026-01-09 23:59", "2026-01-02 00:00", 3, count_action,
				       &listed, &err));
	assert_int_equal(listed, 3); /* the limit holds */
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(a_new_database_is_private_and_says_whose_it_is),
		T(the_connection_enforces_references_between_records),
		T(an_empty_existing_file_is_made_into_a_database),
		T(opening_again_keeps_everything_and_changes_nothing),
		T(a_database_that_is_not_ours_is_refused_and_left_byte_for_byte_untouched),
		T(a_missing_folder_is_named_and_nothing_is_created),
		T(a_missing_file_is_created_only_when_asked),
		T(a_folder_given_as_the_database_is_refused),
		T(a_read_only_file_is_refused_for_saving_but_can_be_read),
		T(a_read_only_file_in_a_read_only_folder_can_still_be_read),
		T(a_version_1_database_is_migrated_with_its_records_kept),
		T(a_search_finds_names_in_any_script_and_any_case),
		T(attempts_are_scored_once_and_never_deleted),
		T(counting_up_to_a_cap_stops_there),
		T(a_practitioner_past_their_expected_back_time_is_found),
		T(overdue_actions_are_counted_and_listed_by_practitioner),
		T(a_writable_file_in_a_read_only_folder_is_refused_for_saving_untouched),
		T(a_save_while_another_program_writes_waits_then_says_busy_and_saves_nothing),
		T(opening_while_another_program_writes_is_fine),
		T(a_database_held_exclusively_by_another_program_is_refused_as_busy),
		T(history_is_append_only_even_for_another_program),
		T(history_cannot_be_replaced_by_an_insert_over_an_existing_row),
		T(a_record_keeps_its_details_once_it_has_left_draft),
		T(a_status_only_moves_forward_one_step_at_a_time),
		T(a_finished_record_takes_a_new_answer_only_after_a_correction_with_a_reason),
		T(an_action_is_marked_done_or_withdrawn_once_and_nothing_else_changes),
		T(a_rulebook_is_kept_once_and_given_back_byte_for_byte),
		T(every_answer_is_kept_and_only_the_latest_is_current),
		T(a_correction_to_a_finished_record_is_recorded_with_old_and_new_values_and_reason),
		T(calls_inside_a_transaction_are_all_kept_or_all_dropped),
		T(fired_actions_are_kept_in_step_with_the_answers),
		T(only_a_record_with_its_outcome_can_be_signed_off),
		T(every_filter_picks_exactly_its_records_newest_planned_first),
		T(listed_rows_carry_what_the_manager_needs),
		T(pages_are_disjoint_and_together_make_the_whole_list),
		T(the_walk_stops_when_the_callback_says_so),
		T(due_actions_come_soonest_first),
		T(a_record_as_json_is_valid_and_holds_everything),
		T(the_export_is_one_valid_json_array_of_the_matching_records),
		T(a_good_database_passes_the_integrity_check),
		T(a_damaged_database_is_reported_by_the_integrity_check),
		T(a_record_that_does_not_exist_is_reported_as_missing),
	};

	tu_chdir_srcdir();
	return cmocka_run_group_tests_name("store", tests, group_setup, group_teardown);
}
