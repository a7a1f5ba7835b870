/* test_crash.c — saved means saved: a writer killed with SIGKILL at random
 * moments never loses an answer it reported as saved, nor leaves the database
 * damaged; and readers and writers in separate processes work side by side
 * without either seeing an error. */
#include "testutil.h"

#include <errno.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "rules.h"
#include "store.h"
#include "visit.h"

static struct core_rulebook *rb;
static struct hv_error err;

/* ---- a fresh folder for every test ---- */

struct fx {
	char dir[64];
	char db[128];
};

static int fx_setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof(*fx));

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/hv-crash-XXXXXX");
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
	(void)type;
	(void)ftw;
	return remove(path);
}

static int fx_teardown(void **state)
{
	struct fx *fx = *state;

	nftw(fx->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	hv_error_clear(&err);
	free(fx);
	return 0;
}

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
#define MUST(call) must_((call), #call, __FILE__, __LINE__)

/* A deterministic generator, so that a failing round can be replayed. */
static uint32_t rng = 20261124u;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng % n;
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Reads one 8-byte number; false at the end of the pipe. */
static bool read_num(int fd, int64_t *out)
{
	size_t got = 0;

	while (got < sizeof(*out)) {
		ssize_t n = read(fd, (char *)out + got, sizeof(*out) - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		got += (size_t)n;
	}
	return true;
}

static bool write_num(int fd, int64_t v)
{
	return write(fd, &v, sizeof(v)) == (ssize_t)sizeof(v); /* below PIPE_BUF: whole */
}

static struct store_visit details(const char *case_ref)
{
	struct store_visit d;

	memset(&d, 0, sizeof(d));
	d.case_ref = (char *)case_ref;
	d.practitioner = (char *)"writer";
	d.planned_at = (char *)"2026-11-24 10:00";
	d.kind = (char *)"announced";
	return d;
}

static void person(char *buf, size_t len, int64_t seq)
{
	snprintf(buf, len, "Person %lld\tchild\tyes\tno", (long long)seq);
}

/* ================= killed while saving ================= */

/* The child: opens (creating) the database, starts a record, reports its id,
 * then saves answer after answer, reporting each one once it is saved. It is
 * killed; it never returns. */
HV_NORETURN static void saving_child(const char *path, int fd)
{
	struct store *st = NULL;
	struct visit *vs = NULL;
	struct store_visit d = details("KILL");
	struct hv_error e;
	char value[64];
	int64_t seq;

	hv_error_init(&e);
	if (store_open(path, STORE_CREATE, &st, &e) != HV_OK)
		_exit(10);
	if (visit_create(st, rb, &d, "writer", &vs, &e) != HV_OK)
		_exit(11);
	if (!write_num(fd, vs->v.id))
		_exit(12);
	for (seq = 1;; seq++) {
		person(value, sizeof(value), seq);
		if (visit_answer(vs, "plan.people", value, NULL, NULL, &e) != HV_OK)
			_exit(13);
		if (!write_num(fd, seq))
			_exit(14);
	}
}

struct seen_history {
	const char *want_last, *want_next;
	int64_t rows;
	bool has_last, next_is_last_row;
	char last_value[64];
};

static int note_row(const struct store_answer *a, void *ctx)
{
	struct seen_history *h = ctx;

	h->rows++;
	if (h->want_last != NULL && a->value != NULL && strcmp(a->value, h->want_last) == 0)
		h->has_last = true;
	snprintf(h->last_value, sizeof(h->last_value), "%s", a->value ? a->value : "NULL");
	return 0;
}

#define ROUNDS 40

static void an_answer_reported_saved_survives_the_writer_being_killed(void **state)
{
	struct fx *fx = *state;
	int64_t ids_reported = 0, total_saves = 0, n;
	double t0 = now_s();
	int round;

	for (round = 0; round < ROUNDS; round++) {
		int fds[2], status;
		int64_t id = 0, last = 0, v;
		pid_t pid;
		struct store *st = NULL;

		assert_int_equal(pipe(fds), 0);
		fflush(NULL);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			saving_child(fx->db, fds[1]);
		}
		close(fds[1]);

		if (round % 5 == 0) {
			/* at any moment at all, even while the file is being made */
			usleep(rnd(4000));
		} else if (read_num(fds[0], &id)) {
			/* after a random number of saves, then a little more */
			uint32_t k = 1 + rnd(40);

			while (k-- > 0 && read_num(fds[0], &v))
				last = v;
			if (rnd(2))
				usleep(rnd(3000));
		}
		kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (!WIFSIGNALED(status)) {
			print_error("round %d: the writer stopped by itself with status %d\n", round,
				    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
			fail();
		}
		/* everything it reported before it died */
		if (id == 0 && read_num(fds[0], &v))
			id = v;
		while (read_num(fds[0], &v)) {
			assert_int_equal(v, last + 1);
			last = v;
		}
		close(fds[0]);
		ids_reported += id != 0;
		total_saves += last;

		MUST(store_open(fx->db, STORE_CREATE, &st, &err));
		MUST(store_integrity(st, &err));
		if (id != 0) {
			struct seen_history h;
			char want_last[64], want_next[64];

			memset(&h, 0, sizeof(h));
			person(want_last, sizeof(want_last), last);
			person(want_next, sizeof(want_next), last + 1);
			h.want_last = last > 0 ? want_last : NULL;
			MUST(store_answers_history(st, id, note_row, &h, &err));
			/* every reported save is there; at most one more (saved, not yet reported) */
			if (h.rows != last && h.rows != last + 1) {
				print_error("round %d: %lld answers kept, %lld reported saved\n", round,
					    (long long)h.rows, (long long)last);
				fail();
			}
			if (last > 0)
				assert_true(h.has_last);
			if (h.rows > 0)
				assert_string_equal(h.last_value, h.rows == last ? want_last : want_next);
		}
		store_close(st);
	}

	/* every record a writer reported is there (one more if one was killed
	 * between saving it and saying so) */
	{
		struct store *st = NULL;
		struct store_filter f = {.drafts_too = true};

		MUST(store_open(fx->db, 0, &st, &err));
		MUST(store_visits_count(st, &f, &n, &err));
		assert_true(n >= ids_reported);
		assert_true(n <= ROUNDS);
		MUST(store_integrity(st, &err));
		store_close(st);
	}
	assert_true(ids_reported >= ROUNDS / 2);
	assert_true(total_saves > ROUNDS);
	print_message("# %d kills, %lld records, %lld saves confirmed, %.1f s\n", ROUNDS,
		      (long long)ids_reported, (long long)total_saves, now_s() - t0);
}

/* ================= readers and writers side by side ================= */

#define WRITE_SECONDS 1.5

/* A writer in its own process with its own connection and the default busy
 * timeout: saves answers to record id for WRITE_SECONDS; exits with the
 * status of the first failure, else reports its count and exits 0. */
static pid_t start_writer(const char *path, int64_t id, int fd)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct store *st = NULL;
		struct visit *vs = NULL;
		struct hv_error e;
		double until = now_s() + WRITE_SECONDS;
		int64_t count = 0;
		int rc;
		char value[64];

		hv_error_init(&e);
		if ((rc = store_open(path, 0, &st, &e)) != HV_OK) {
			hv_error_print(&e, stderr);
			hv_error_clear(&e);
			_exit(rc);
		}
		if ((rc = visit_open(st, rb, id, "writer", &vs, &e)) != HV_OK) {
			hv_error_print(&e, stderr);
			hv_error_clear(&e);
			store_close(st);
			_exit(rc);
		}
		while (now_s() < until) {
			count++;
			person(value, sizeof(value), count);
			rc = visit_answer(vs, "plan.people", value, NULL, NULL, &e);
			if (rc == HV_OK && count % 7 == 0)
				rc = visit_answer(vs, "plan.alone", count % 2 ? "yes" : "no", NULL, NULL,
						  &e);
			if (rc != HV_OK) {
				hv_error_print(&e, stderr);
				break;
			}
		}
		hv_error_clear(&e);
		visit_free(vs);
		store_close(st);
		if (rc == HV_OK && !write_num(fd, count))
			rc = 99;
		close(fd);
		_exit(rc);
	}
	return pid;
}

static int count_visit(const struct store_visit *v, void *ctx)
{
	(void)v;
	++*(int64_t *)ctx;
	return 0;
}

static int count_answer(const struct store_answer *a, void *ctx)
{
	(void)a;
	++*(int64_t *)ctx;
	return 0;
}

static int64_t make_record(struct store *st, const char *ref)
{
	struct store_visit d = details(ref);
	struct visit *vs = NULL;
	int64_t id;

	MUST(visit_create(st, rb, &d, "setup", &vs, &err));
	id = vs->v.id;
	visit_free(vs);
	return id;
}

/* Runs nwriters writers, each on its own record, while this process reads. */
static void read_while_writing(struct fx *fx, int nwriters)
{
	struct store *st = NULL;
	struct store_filter f = {.drafts_too = true};
	int64_t ids[2], reads = 0, counts[2] = {0, 0};
	pid_t pids[2];
	int fds[2][2], running, i;
	FILE *devnull = fopen("/dev/null", "w");

	assert_non_null(devnull);
	assert_true(nwriters <= 2);
	MUST(store_open(fx->db, STORE_CREATE, &st, &err));
	for (i = 0; i < nwriters; i++)
		ids[i] = make_record(st, i ? "C-W2" : "C-W1");
	make_record(st, "C-OTHER");

	for (i = 0; i < nwriters; i++) {
		assert_int_equal(pipe(fds[i]), 0);
		pids[i] = start_writer(fx->db, ids[i], fds[i][1]);
		close(fds[i][1]);
	}
	running = nwriters;
	while (running > 0) {
		int64_t nlisted = 0, ncount = 0, nanswers = 0;
		struct visit *vs = NULL;
		int status;

		MUST(store_visits_list(st, &f, 0, -1, count_visit, &nlisted, &err));
		MUST(store_visits_count(st, &f, &ncount, &err));
		assert_int_equal(nlisted, nwriters + 1);
		assert_int_equal(ncount, nwriters + 1);
		MUST(visit_open(st, rb, ids[reads % nwriters], "reader", &vs, &err));
		MUST(store_answers_current(st, vs->v.id, count_answer, &nanswers, &err));
		assert_true(nanswers <= 2);
		visit_free(vs);
		MUST(store_visit_json(st, ids[0], rb, devnull, &err));
		reads++;

		for (i = 0; i < nwriters; i++) {
			pid_t r;

			if (pids[i] == 0)
				continue;
			r = waitpid(pids[i], &status, WNOHANG);
			assert_true(r >= 0);
			if (r == 0)
				continue;
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
				print_error("writer %d failed: status %d\n", i,
					    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
				fail();
			}
			assert_true(read_num(fds[i][0], &counts[i]));
			close(fds[i][0]);
			pids[i] = 0;
			running--;
		}
	}
	fclose(devnull);

	/* each writer's every answer is kept, and the reader kept up */
	for (i = 0; i < nwriters; i++) {
		int64_t rows = 0;

		MUST(store_answers_history(st, ids[i], count_answer, &rows, &err));
		assert_int_equal(rows, counts[i] + counts[i] / 7);
		/* (two writers share the lock unevenly: each only has to get through) */
		assert_true(counts[i] >= (nwriters == 1 ? 10 : 1));
	}
	assert_true(reads >= 10);
	MUST(store_integrity(st, &err));
	print_message("# %d writer(s): %lld and %lld saves; %lld reads\n", nwriters,
		      (long long)counts[0], (long long)(nwriters > 1 ? counts[1] : 0), (long long)reads);
	store_close(st);
}

static void a_reader_never_sees_an_error_while_another_process_saves(void **state)
{
	read_while_writing(*state, 1);
}

static void two_writers_at_once_both_save_everything(void **state)
{
	read_while_writing(*state, 2);
}

/* ================= many programs making one new database ================= */

#define OPENERS 8

static void programs_creating_the_same_new_database_at_once_all_succeed(void **state)
{
	struct fx *fx = *state;
	pid_t pids[OPENERS];
	int gate[2], i, round, failures = 0;
	char path[160];

	for (round = 0; round < 10; round++) {
		struct store *st = NULL;
		struct store_filter f = {.drafts_too = true};
		int64_t n = 0;

		snprintf(path, sizeof(path), "%s/new-%d.db", fx->dir, round);
		assert_int_equal(pipe(gate), 0);
		fflush(NULL);
		for (i = 0; i < OPENERS; i++) {
			pids[i] = fork();
			assert_true(pids[i] >= 0);
			if (pids[i] == 0) {
				struct store_visit d = details("C-NEW");
				struct hv_error e;
				struct visit *vs = NULL;
				char c;
				int rc;

				close(gate[1]);
				while (read(gate[0], &c, 1) < 0 && errno == EINTR)
					;
				close(gate[0]);
				hv_error_init(&e);
				rc = store_open(path, STORE_CREATE, &st, &e);
				if (rc == HV_OK)
					rc = visit_create(st, rb, &d, "opener", &vs, &e);
				if (rc != HV_OK)
					hv_error_print(&e, stderr);
				hv_error_clear(&e);
				visit_free(vs);
				store_close(st);
				_exit(rc);
			}
		}
		close(gate[0]);
		close(gate[1]); /* all go at once */
		for (i = 0; i < OPENERS; i++) {
			int status;

			assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
				print_error("round %d, program %d: status %d\n", round, i,
					    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
				failures++;
			}
		}
		MUST(store_open(path, 0, &st, &err));
		MUST(store_visits_count(st, &f, &n, &err));
		MUST(store_integrity(st, &err));
		store_close(st);
		if (n != OPENERS - failures) {
			print_error("round %d: %lld records\n", round, (long long)n);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(an_answer_reported_saved_survives_the_writer_being_killed),
		T(a_reader_never_sees_an_error_while_another_process_saves),
		T(two_writers_at_once_both_save_everything),
		T(programs_creating_the_same_new_database_at_once_all_succeed),
	};

	tu_chdir_srcdir();
	return cmocka_run_group_tests_name("crash", tests, group_setup, group_teardown);
}
