/* test_faults.c — what happens to records when things go wrong underneath:
 * the program killed (SIGKILL) at random points while answers are being saved
 * and while outcomes are being completed, the disk full, and writes failing
 * with I/O errors. Afterwards the database passes integrity_check, nothing
 * that had been confirmed is lost, what each record's answers derive is
 * stored with them (no half-saved answer), and a failed save is reported as
 * a message and a status with the draft left as it was. */
#include "testutil.h"

#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "rules.h"
#include "store.h"
#include "visit.h"
#include "../../src/store/store_int.h"
#include "../../src/visit/visit_int.h"

#define WHO "alice"
#define ROUNDS 12

static struct core_rulebook *rb; /* the minimal rulebook */

struct fx {
	char dir[64];
	char db[128];
};

static int fx_setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof(*fx));

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/hv-faults-XXXXXX"); /* mkdtemp's template */
	if (mkdtemp(fx->dir) == NULL) {
		free(fx);
		return -1;
	}
	snprintf(fx->db, sizeof(fx->db), "%s/visits.db", fx->dir);
	*state = fx;
	return 0;
}

static int rm_entry(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(path);
}

static int fx_teardown(void **state)
{
	struct fx *fx = *state;

	nftw(fx->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(fx);
	return 0;
}

static void fresh(struct fx *fx)
{
	char *p;

	remove(fx->db);
	p = xasprintf("%s-wal", fx->db);
	remove(p);
	free(p);
	p = xasprintf("%s-shm", fx->db);
	remove(p);
	free(p);
}

static void must_(int rc, struct hv_error *e, const char *what, const char *file, int line)
{
	if (rc != HV_OK) {
		char *text = hv_error_text(e);

		print_error("%s:%d: %s returned %d: %s\n", file, line, what, rc, text);
		free(text);
		_fail(file, line);
	}
}
#define MUST(call, e) must_((call), (e), #call, __FILE__, __LINE__)

static struct store_visit details(const char *case_ref)
{
	struct store_visit d;

	memset(&d, 0, sizeof(d));
	d.case_ref = (char *)case_ref;
	d.practitioner = (char *)WHO;
	d.agency = (char *)"Children's Services";
	d.address = (char *)"1 High Street";
	d.children = (char *)"Sam (6)";
	d.purpose = (char *)"statutory visit";
	d.planned_at = (char *)"2026-11-24 10:00";
	d.kind = (char *)"announced";
	return d;
}

/* A distinct "expected back" time for step i (the answer being saved). */
static void back_value(int i, char out[32])
{
	snprintf(out, 32, "2026-11-%02d %02d:%02d", 24 + (i / 1440) % 5, (i / 60) % 24, i % 60);
}

/* ---- what a database must hold after any fault ---- */

static void assert_integrity(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *s;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "ok");
	sqlite3_finalize(s);
	sqlite3_close(db);
}

static int join_open_action(const struct store_action *a, void *ctx)
{
	struct strbuf *sb = ctx;

	if (strcmp(a->status, "open") == 0)
		sb_addf(sb, "%s@%s;", a->action, a->due_at ? a->due_at : "-");
	return 0;
}

/* The record's stored open actions are exactly what its stored answers
 * derive: an answer was never saved without what it changed. */
static void assert_derived_in_step(struct store *st, int64_t id)
{
	struct hv_error e;
	struct visit *vs = NULL;
	struct visit_derived dv;
	struct strbuf want, got;
	size_t i;

	hv_error_init(&e);
	MUST(visit_open(st, rb, id, WHO, &vs, &e), &e);
	visit_derive(vs, &dv);
	sb_init(&want);
	for (i = 0; i < vs->ev.nfired; i++)
		sb_addf(&want, "%s@%s;", dv.fired[i].action, dv.fired[i].due_at ? dv.fired[i].due_at : "-");
	visit_derived_free(&dv);
	sb_init(&got);
	MUST(store_actions_list(st, id, join_open_action, &got, &e), &e);
	if (strcmp(want.s ? want.s : "", got.s ? got.s : "") != 0)
		print_error("record %lld: answers derive '%s' but the stored actions are '%s'\n",
			    (long long)id, want.s, got.s);
	assert_string_equal(want.s ? want.s : "", got.s ? got.s : "");
	sb_free(&want);
	sb_free(&got);
	visit_free(vs);
	hv_error_clear(&e);
}

static int collect_values(const struct store_answer *a, void *ctx)
{
	struct strbuf *sb = ctx;

	if (strcmp(a->question, "plan.back") == 0)
		sb_addf(sb, "%s;", a->value ? a->value : "NULL");
	return 0;
}

/* ---- a child that saves until it is killed ---- */

struct note {
	int64_t visit;
	int step; /* confirmed: this step's save returned */
};

static void tell(int fd, int64_t visit, int step)
{
	struct note n = {visit, step};

	if (write(fd, &n, sizeof(n)) != (ssize_t)sizeof(n))
		_exit(3);
}

/* Saves answer after answer to one record, telling the parent of each one
 * confirmed (the moment visit_answer returns: what the screen calls Saved). */
static void save_answers_forever(const char *path, int fd)
{
	struct hv_error e;
	struct store *st;
	struct visit *vs;
	struct store_visit d = details("C-KILL");
	char v[32];
	int i;

	hv_error_init(&e);
	if (store_open(path, STORE_CREATE, &st, &e) != HV_OK ||
	    visit_create(st, rb, &d, WHO, &vs, &e) != HV_OK ||
	    visit_answer(vs, "plan.alone", "yes", NULL, NULL, &e) != HV_OK)
		_exit(2);
	tell(fd, vs->v.id, 0);
	for (i = 1; i < 1000000; i++) {
		back_value(i, v);
		if (visit_answer(vs, "plan.back", v, NULL, NULL, &e) != HV_OK)
			_exit(4);
		tell(fd, vs->v.id, i);
	}
	_exit(0);
}

/* Plans records and completes their outcomes one after another: for each,
 * step 1 the access question, 2 the risk level, 3 the next contact, 4 the
 * outcome saved. */
static void complete_outcomes_forever(const char *path, int fd)
{
	static const char *const level[] = {"no-concerns", "significant-harm", "grave-concern"};
	struct hv_error e;
	struct store *st;
	int k;

	hv_error_init(&e);
	if (store_open(path, STORE_CREATE, &st, &e) != HV_OK)
		_exit(2);
	for (k = 0; k < 100000; k++) {
		struct store_visit d = details("C-OUT");
		struct visit *vs;

		if (visit_create(st, rb, &d, WHO, &vs, &e) != HV_OK ||
		    visit_answer(vs, "plan.alone", "no", NULL, NULL, &e) != HV_OK ||
		    visit_finish_plan(vs, &e) != HV_OK)
			_exit(2);
		tell(fd, vs->v.id, 0);
		if (visit_answer(vs, "out.access", "no", NULL, NULL, &e) != HV_OK)
			_exit(4);
		tell(fd, vs->v.id, 1);
		if (visit_answer(vs, "fa.level", level[k % 3], NULL, NULL, &e) != HV_OK)
			_exit(4);
		tell(fd, vs->v.id, 2);
		if (visit_answer(vs, "fa.next", "2026-11-25 09:00", NULL, NULL, &e) != HV_OK)
			_exit(4);
		tell(fd, vs->v.id, 3);
		if (visit_finish_outcome(vs, &e) != HV_OK)
			_exit(4);
		tell(fd, vs->v.id, 4);
		visit_free(vs);
	}
	_exit(0);
}

/* Runs child(path, fd) and kills it with SIGKILL after `after` confirmations
 * and a further `jitter_us` microseconds, so that the kill lands anywhere in a
 * save. Returns every confirmation received (n set), last one last. */
static struct note *run_and_kill(const char *path, void (*child)(const char *, int), int after,
				 int jitter_us, size_t *n)
{
	int fds[2], status;
	size_t cap = 64;
	struct note *notes = xcalloc(cap, sizeof(*notes));
	pid_t pid;

	*n = 0;
	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		child(path, fds[1]);
	}
	close(fds[1]);
	for (;;) {
		struct note nt;
		ssize_t r;

		if ((int)*n == after) {
			struct timespec ts = {0, (long)jitter_us * 1000L};

			nanosleep(&ts, NULL);
			kill(pid, SIGKILL);
			after = -1;
		}
		r = read(fds[0], &nt, sizeof(nt));
		if (r == 0)
			break;
		if (r < 0 && errno == EINTR)
			continue;
		assert_int_equal(r, sizeof(nt));
		if (*n == cap) {
			cap *= 2;
			notes = xreallocarray(notes, cap, sizeof(*notes));
		}
		notes[(*n)++] = nt;
	}
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
		fail_msg("the saving process ended by itself (status %d) before it was killed", status);
	return notes;
}

static void killed_while_saving_answers_loses_nothing_confirmed(void **state)
{
	struct fx *fx = *state;
	unsigned seed = (unsigned)time(NULL);
	int round;

	for (round = 0; round < ROUNDS; round++) {
		int after = 1 + (int)(rand_r(&seed) % 40), jitter = (int)(rand_r(&seed) % 4000);
		size_t n, i;
		struct note *notes;
		struct hv_error e;
		struct store *st;
		struct strbuf got, want;
		int last;
		char v[32];

		fresh(fx);
		notes = run_and_kill(fx->db, save_answers_forever, after, jitter, &n);
		assert_true(n >= (size_t)after);
		last = notes[n - 1].step;
		assert_integrity(fx->db);

		hv_error_init(&e);
		MUST(store_open(fx->db, 0, &st, &e), &e);
		/* every confirmed answer is in the record's history, in order; at
		 * most one more (saved, but killed before it could say so) */
		sb_init(&got);
		MUST(store_answers_history(st, notes[0].visit, collect_values, &got, &e), &e);
		sb_init(&want);
		for (i = 1; i <= (size_t)last; i++) {
			back_value((int)i, v);
			sb_addf(&want, "%s;", v);
		}
		if (strncmp(got.s ? got.s : "", want.s ? want.s : "", want.len) != 0 ||
		    got.len > want.len + 17) {
			print_error("round %d (kill after %d + %d us): confirmed up to %d\n  want %s\n  got  %s\n",
				    round, after, jitter, last, want.s, got.s);
			fail();
		}
		assert_derived_in_step(st, notes[0].visit);
		store_close(st);
		sb_free(&got);
		sb_free(&want);
		hv_error_clear(&e);
		free(notes);
	}
}

static void killed_while_completing_outcomes_leaves_no_half_record(void **state)
{
	struct fx *fx = *state;
	unsigned seed = (unsigned)time(NULL) ^ 0x5a5a;
	int round;

	for (round = 0; round < ROUNDS; round++) {
		int after = 3 + (int)(rand_r(&seed) % 30), jitter = (int)(rand_r(&seed) % 4000);
		size_t n, i;
		struct note *notes = run_and_kill(fx->db, complete_outcomes_forever, after, jitter, &n);
		struct hv_error e;
		struct store *st;
		int64_t id, last_id = notes[n - 1].visit;

		assert_integrity(fx->db);
		hv_error_init(&e);
		MUST(store_open(fx->db, 0, &st, &e), &e);
		for (id = 1; id <= last_id + 1; id++) {
			struct store_visit v;
			int confirmed = -1;

			for (i = 0; i < n; i++)
				if (notes[i].visit == id)
					confirmed = notes[i].step;
			if (store_visit_get(st, id, &v, &e) != HV_OK) {
				/* only a record whose creation was never confirmed may be absent */
				assert_true(confirmed < 0);
				hv_error_clear(&e);
				hv_error_init(&e);
				continue;
			}
			if (confirmed >= 4)
				assert_string_equal(v.status, "no_access");
			else if (confirmed >= 0)
				assert_true(strcmp(v.status, "planned") == 0 ||
					    (confirmed == 3 && strcmp(v.status, "no_access") == 0));
			if (strcmp(v.status, "no_access") == 0)
				assert_non_null(v.outcome_at);
			store_visit_free(&v);
			if (confirmed >= 0)
				assert_derived_in_step(st, id);
			if (confirmed >= 1) {
				struct visit *vs;

				MUST(visit_open(st, rb, id, WHO, &vs, &e), &e);
				assert_string_equal(visit_value(vs, "out.access"), "no");
				if (confirmed >= 2)
					assert_non_null(visit_value(vs, "fa.level"));
				if (confirmed >= 3)
					assert_string_equal(visit_value(vs, "fa.next"), "2026-11-25 09:00");
				visit_free(vs);
			}
		}
		store_close(st);
		hv_error_clear(&e);
		free(notes);
		fresh(fx);
	}
}

/* ---- the disk full ---- */

static int count_answers(const struct store_answer *a, void *ctx)
{
	(void)a;
	++*(int *)ctx;
	return 0;
}

static void a_full_disk_is_reported_and_the_draft_is_kept(void **state)
{
	struct fx *fx = *state;
	struct store_visit d = details("C-FULL");
	struct hv_error e;
	struct store *st;
	struct visit *vs;
	char *text;
	int before = 0, after = 0, i, rc = HV_OK;

	hv_error_init(&e);
	MUST(store_open(fx->db, STORE_CREATE, &st, &e), &e);
	MUST(visit_create(st, rb, &d, WHO, &vs, &e), &e);
	MUST(visit_answer(vs, "plan.alone", "no", NULL, NULL, &e), &e);
	MUST(store_answers_history(st, vs->v.id, count_answers, &before, &e), &e);
	/* the database may not grow past the pages it has now */
	assert_int_equal(sqlite3_exec(st->db,
				      "PRAGMA wal_checkpoint(TRUNCATE);"
				      "PRAGMA max_page_count = 1",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	/* answer after answer, until a save needs a page the disk has not got */
	for (i = 0; i < 20000 && rc == HV_OK; i++)
		rc = visit_answer(vs, "plan.alone", i % 2 ? "no" : "yes", NULL, NULL, &e);
	assert_int_equal(rc, HV_EIO);
	text = hv_error_text(&e);
	if (strstr(text, fx->db) == NULL || strstr(text, "full") == NULL)
		print_error("message: %s\n", text);
	assert_non_null(strstr(text, fx->db));
	assert_non_null(strstr(text, "is full; nothing was saved"));
	free(text);
	hv_error_clear(&e);
	hv_error_init(&e);
	/* the record still reads, with every answer confirmed before the failure */
	MUST(store_answers_history(st, vs->v.id, count_answers, &after, &e), &e);
	assert_true(after >= before);
	store_close(st);
	visit_free(vs);
	assert_integrity(fx->db);

	/* and with room again, the same answer is saved */
	MUST(store_open(fx->db, 0, &st, &e), &e);
	MUST(visit_open(st, rb, 1, WHO, &vs, &e), &e);
	MUST(visit_answer(vs, "plan.alone", "yes", NULL, NULL, &e), &e);
	assert_string_equal(visit_value(vs, "plan.alone"), "yes");
	assert_derived_in_step(st, 1);
	visit_free(vs);
	store_close(st);
	hv_error_clear(&e);
}

/* ---- I/O errors: a VFS over the default one that fails writes on demand ---- */

static sqlite3_vfs *real_vfs;
static sqlite3_vfs faulty_vfs;
static int fail_writes; /* while set, every write and sync to the database fails */

struct faulty_file {
	sqlite3_file base;
	sqlite3_file *real; /* follows this struct in the same allocation */
};

static struct sqlite3_io_methods faulty_io;

#define REAL(f) (((struct faulty_file *)(f))->real)

static int f_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}
static int f_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), buf, amt, off);
}
static int f_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
	if (fail_writes)
		return SQLITE_IOERR_WRITE;
	return REAL(f)->pMethods->xWrite(REAL(f), buf, amt, off);
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int f_sync(sqlite3_file *f, int flags)
{
	if (fail_writes)
		return SQLITE_IOERR_FSYNC;
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}
static int f_lock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xLock(REAL(f), l);
}
static int f_unlock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), l);
}
static int f_check(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int f_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int f_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}
static int f_chars(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}
static int f_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **out)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, extend, out);
}
static int f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}
static void f_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}
static int f_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int faulty_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
		       int *out_flags)
{
	struct faulty_file *ff = (struct faulty_file *)file;
	int rc;

	(void)vfs;
	ff->real = (sqlite3_file *)(ff + 1);
	rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
	ff->base.pMethods = ff->real->pMethods ? &faulty_io : NULL;
	return rc;
}

static void install_faulty_vfs(void)
{
	static const struct sqlite3_io_methods io = {
		2,	  f_close,   f_read, f_write,	  f_truncate,	 f_sync,      f_size,
		f_lock,	  f_unlock,  f_check, f_control, f_sector,	 f_chars,     f_shm_map,
		f_shm_lock, f_shm_barrier, f_shm_unmap, NULL, NULL,
	};

	real_vfs = sqlite3_vfs_find(NULL);
	faulty_io = io;
	faulty_vfs = *real_vfs;
	faulty_vfs.zName = "hv-faulty";
	faulty_vfs.szOsFile = (int)sizeof(struct faulty_file) + real_vfs->szOsFile;
	faulty_vfs.xOpen = faulty_open;
	assert_int_equal(sqlite3_vfs_register(&faulty_vfs, 1), SQLITE_OK);
}

static void remove_faulty_vfs(void)
{
	sqlite3_vfs_unregister(&faulty_vfs);
	sqlite3_vfs_register(real_vfs, 1);
}

static void an_io_error_is_reported_and_the_draft_is_kept(void **state)
{
	struct fx *fx = *state;
	struct store_visit d = details("C-EIO");
	struct hv_error e;
	struct store *st;
	struct visit *vs;
	char *text, *hist_before;
	struct strbuf sb;
	int rc;

	install_faulty_vfs();
	hv_error_init(&e);
	MUST(store_open(fx->db, STORE_CREATE, &st, &e), &e);
	MUST(visit_create(st, rb, &d, WHO, &vs, &e), &e);
	MUST(visit_answer(vs, "plan.alone", "yes", NULL, NULL, &e), &e);
	MUST(visit_answer(vs, "plan.back", "2026-11-24 12:00", NULL, NULL, &e), &e);
	sb_init(&sb);
	MUST(store_answers_history(st, vs->v.id, collect_values, &sb, &e), &e);
	hist_before = sb_take(&sb);

	fail_writes = 1;
	rc = visit_answer(vs, "plan.back", "2026-11-24 13:00", NULL, NULL, &e);
	fail_writes = 0;
	assert_int_equal(rc, HV_EIO);
	text = hv_error_text(&e);
	assert_non_null(strstr(text, fx->db));
	assert_non_null(strstr(text, "disk I/O error"));
	free(text);
	hv_error_clear(&e);
	hv_error_init(&e);
	/* the answer on screen is still the last one saved */
	assert_string_equal(visit_value(vs, "plan.back"), "2026-11-24 12:00");
	visit_free(vs);
	store_close(st);
	remove_faulty_vfs();

	assert_integrity(fx->db);
	MUST(store_open(fx->db, 0, &st, &e), &e);
	sb_init(&sb);
	MUST(store_answers_history(st, 1, collect_values, &sb, &e), &e);
	assert_string_equal(sb.s, hist_before);
	sb_free(&sb);
	assert_derived_in_step(st, 1);
	/* and the save can be made again */
	MUST(visit_open(st, rb, 1, WHO, &vs, &e), &e);
	MUST(visit_answer(vs, "plan.back", "2026-11-24 13:00", NULL, NULL, &e), &e);
	visit_free(vs);
	store_close(st);
	free(hist_before);
	hv_error_clear(&e);
}

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
	store_set_busy_ms(STORE_BUSY_MS);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	core_rulebook_free(rb);
	return 0;
}

#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(killed_while_saving_answers_loses_nothing_confirmed),
		T(killed_while_completing_outcomes_leaves_no_half_record),
		T(a_full_disk_is_reported_and_the_draft_is_kept),
		T(an_io_error_is_reported_and_the_draft_is_kept),
	};

	tu_chdir_srcdir();
	return cmocka_run_group_tests_name("faults", tests, group_setup, group_teardown);
}
