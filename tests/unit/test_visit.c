/* test_visit.c — one record at work, on the small test rulebook: every
 * confirmed answer is checked and saved at once, finishing a stage needs its
 * required answers, hidden answers can be found and discarded with their
 * history kept, and a record always reopens with the rulebook it was made with. */
#include "testutil.h"

#include <ftw.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "rules.h"
#include "store.h"
#include "visit.h"

#define WHO "alice"

static struct core_rulebook *rb;      /* the minimal rulebook, from its file */
static struct hv_error err;

/* ---- a fresh folder and database for every test ---- */

struct fx {
	char dir[64];
	char db[128];
	struct store *st;
};

static int fx_setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof(*fx));

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/hv-visit-XXXXXX");
	if (mkdtemp(fx->dir) == NULL) {
		free(fx);
		return -1;
	}
	snprintf(fx->db, sizeof(fx->db), "%s/visits.db", fx->dir);
	hv_error_init(&err);
	store_set_busy_ms(STORE_BUSY_MS);
	if (store_open(fx->db, STORE_CREATE, &fx->st, &err) != HV_OK) {
		hv_error_print(&err, stderr);
		return -1;
	}
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

	store_close(fx->st);
	nftw(fx->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	hv_error_clear(&err);
	free(fx);
	return 0;
}

/* ---- checking calls ---- */

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

static char *expect_(int want, int rc, const char *what, const char *file, int line)
{
	char *text = hv_error_text(&err);

	if (rc != want)
		print_error("%s:%d: %s returned %d, not %d: %s\n", file, line, what, rc, want, text);
	_assert_int_equal(rc, want, file, line);
	hv_error_clear(&err);
	return text;
}
#define EXPECT(want, call) expect_((want), (call), #call, __FILE__, __LINE__)

static void assert_contains(const char *text, const char *part)
{
	if (text == NULL || strstr(text, part) == NULL) {
		print_error("expected \"%s\" in \"%s\"\n", part, text ? text : "(null)");
		fail();
	}
}

static void assert_not_contains(const char *text, const char *part)
{
	if (text != NULL && strstr(text, part) != NULL) {
		print_error("did not expect \"%s\" in \"%s\"\n", part, text);
		fail();
	}
}

/* ---- records ---- */

static struct store_visit details(const char *case_ref, const char *planned_at)
{
	struct store_visit d;

	memset(&d, 0, sizeof(d));
	d.case_ref = (char *)case_ref;
	d.practitioner = (char *)WHO;
	d.agency = (char *)"Children's Services";
	d.address = (char *)"1 High Street";
	d.children = (char *)"Sam (6)";
	d.purpose = (char *)"statutory visit";
	d.planned_at = (char *)planned_at;
	d.kind = (char *)"announced";
	return d;
}

static struct visit *create(struct fx *fx, const struct core_rulebook *book, const char *case_ref)
{
	struct store_visit d = details(case_ref, "2026-11-24 10:00");
	struct visit *vs = NULL;

	MUST(visit_create(fx->st, book, &d, WHO, &vs, &err));
	assert_non_null(vs);
	return vs;
}

static void answer(struct visit *vs, const char *q, const char *value)
{
	MUST(visit_answer(vs, q, value, NULL, NULL, &err));
}

static struct store *second_connection(struct fx *fx)
{
	struct store *st = NULL;

	MUST(store_open(fx->db, 0, &st, &err));
	return st;
}

/* Answer rows as "question=value", oldest first, joined by ';'. */
static int join_answer(const struct store_answer *a, void *ctx)
{
	struct strbuf *sb = ctx;

	if (sb->len > 0)
		sb_addc(sb, ';');
	sb_addf(sb, "%s=%s", a->question, a->value ? a->value : "NULL");
	return 0;
}

static char *history_text(struct store *st, int64_t id)
{
	struct strbuf sb;

	sb_init(&sb);
	MUST(store_answers_history(st, id, join_answer, &sb, &err));
	return sb_take(&sb);
}

static char *current_text(struct store *st, int64_t id)
{
	struct strbuf sb;

	sb_init(&sb);
	MUST(store_answers_current(st, id, join_answer, &sb, &err));
	return sb_take(&sb);
}

/* Events as "kind|question|old|new|reason", joined by '\n'. */
static int join_event(const struct store_event *e, void *ctx)
{
	struct strbuf *sb = ctx;

	sb_addf(sb, "%s|%s|%s|%s|%s\n", e->kind, e->question ? e->question : "NULL",
		e->old_value ? e->old_value : "NULL", e->new_value ? e->new_value : "NULL",
		e->reason ? e->reason : "NULL");
	return 0;
}

static char *events_text(struct store *st, int64_t id)
{
	struct strbuf sb;

	sb_init(&sb);
	MUST(store_events_list(st, id, join_event, &sb, &err));
	return sb_take(&sb);
}

/* Open actions as "action@due", in the order they were added, joined by ';'. */
static int join_open_action(const struct store_action *a, void *ctx)
{
	struct strbuf *sb = ctx;

	if (strcmp(a->status, "open") != 0)
		return 0;
	if (sb->len > 0)
		sb_addc(sb, ';');
	sb_addf(sb, "%s@%s", a->action, a->due_at ? a->due_at : "NULL");
	return 0;
}

static char *open_actions(struct store *st, int64_t id)
{
	struct strbuf sb;

	sb_init(&sb);
	MUST(store_actions_list(st, id, join_open_action, &sb, &err));
	return sb_take(&sb);
}

static void assert_stored_status(struct store *st, int64_t id, const char *want)
{
	struct store_visit v;

	MUST(store_visit_get(st, id, &v, &err));
	assert_string_equal(v.status, want);
	store_visit_free(&v);
}

/* A rulebook from the minimal one's text with one edit (from -> to). */
static struct core_rulebook *edited(const char *from, const char *to)
{
	const char *at = strstr(rb->text, from);
	struct core_rulebook *out = NULL;
	char *text;

	assert_non_null(at);
	text = xasprintf("%.*s%s%s", (int)(at - rb->text), rb->text, to, at + strlen(from));
	MUST(rules_load_text("edited", text, strlen(text), &out, &err));
	free(text);
	return out;
}

/* ================= saving ================= */

static void an_answer_is_saved_the_moment_it_is_given(void **state)
{
	struct fx *fx = *state;
	struct visit *vs = create(fx, rb, "C-1"), *again = NULL;
	struct store *other;
	char *text;

	assert_true(vs->v.id > 0);
	assert_string_equal(vs->v.status, "draft");
	assert_ptr_equal(vs->rb, rb);
	assert_null(vs->rb_owned);
	answer(vs, "plan.alone", "yes");
	answer(vs, "plan.concerns", "neglect,domestic-abuse");
	MUST(visit_set_resume(vs, "plan.cupboards", &err));
	assert_string_equal(visit_value(vs, "plan.alone"), "yes");

	/* another connection, as after a crash or in another program, sees it all */
	other = second_connection(fx);
	MUST(visit_open(other, rb, vs->v.id, "bob", &again, &err));
	assert_string_equal(visit_value(again, "plan.alone"), "yes");
	assert_string_equal(visit_value(again, "plan.concerns"), "neglect,domestic-abuse");
	assert_null(visit_value(again, "plan.back")); /* shown, but not answered */
	assert_string_equal(again->v.resume_at, "plan.cupboards");
	assert_string_equal(again->v.case_ref, "C-1");
	assert_string_equal(again->v.address, "1 High Street");
	assert_string_equal(again->who, "bob");
	text = history_text(other, vs->v.id);
	assert_string_equal(text, "plan.alone=yes;plan.concerns=neglect,domestic-abuse");
	free(text);
	visit_free(again);

	/* a draft's changed details are saved too */
	free(vs->v.address);
	vs->v.address = xstrdup("2 Low Road");
	MUST(visit_save_details(vs, &err));
	MUST(visit_open(other, NULL, vs->v.id, NULL, &again, &err));
	assert_string_equal(again->v.address, "2 Low Road");
	assert_string_equal(again->who, visit_login_name());
	visit_free(again);

	store_close(other);
	visit_free(vs);
}

static void changed_details_move_the_deadlines_that_depend_on_them(void **state)
{
	struct fx *fx = *state;
	struct visit *vs = create(fx, rb, "C-1");
	struct store_visit v;
	char *text;

	answer(vs, "plan.alone", "yes");
	text = open_actions(fx->st, vs->v.id);
	assert_string_equal(text, "act.checkin@2026-11-24 10:00");
	free(text);

	free(vs->v.planned_at);
	vs->v.planned_at = xstrdup("2026-11-25 09:00");
	MUST(visit_save_details(vs, &err));
	text = open_actions(fx->st, vs->v.id);
	assert_string_equal(text, "act.checkin@2026-11-25 09:00");
	free(text);
	MUST(store_visit_get(fx->st, vs->v.id, &v, &err));
	assert_string_equal(v.planned_at, "2026-11-25 09:00");
	store_visit_free(&v);

	/* once planned, the details stay as they were */
	answer(vs, "plan.back", "2026-11-25 15:00");
	MUST(visit_finish_plan(vs, &err));
	free(vs->v.planned_at);
	vs->v.planned_at = xstrdup("2026-11-26 09:00");
	text = EXPECT(HV_EDATA, visit_save_details(vs, &err));
	free(text);
	MUST(store_visit_get(fx->st, vs->v.id, &v, &err));
	assert_string_equal(v.planned_at, "2026-11-25 09:00");
	store_visit_free(&v);
	/* and the record in memory is put back as it is kept, so that nothing
	 * later is worked out from details that were never saved */
	assert_string_equal(vs->v.planned_at, "2026-11-25 09:00");
	answer(vs, "plan.concerns", "neglect");
	text = open_actions(fx->st, vs->v.id);
	assert_string_equal(text, "act.checkin@2026-11-25 09:00");
	free(text);
	visit_free(vs);
}

static void a_bad_value_is_refused_and_nothing_is_saved(void **state)
{
	static const struct {
		const char *question, *value, *says;
	} bad[] = {
		{"plan.alone", "maybe", "not yes, no or unknown"},
		{"plan.alone", "", "no answer given"},
		{"plan.alone", "Yes", "not yes, no or unknown"},
		{"plan.back", "tomorrow 9:00", "plan.back"},
		{"plan.back", "2026-02-30 10:00", "plan.back"},
		{"plan.back", "2026-11-24", "plan.back"},
		{"plan.concerns", "neglect,bogus", "plan.concerns"},
		{"fa.level", "grave", "not an option"},
		{"plan.people", "just a name", "person 1 must be"},
		{"plan.people", "Ann\tmother\tyes\tno\nBob\tuncle\tperhaps\tno", "person 2 must be"},
		{"no.such.question", "yes", "there is no question 'no.such.question'"},
	};
	struct fx *fx = *state;
	struct visit *vs = create(fx, rb, "C-1");
	char *before, *after, *ev_before, *ev_after;
	size_t i;

	answer(vs, "plan.alone", "yes");
	answer(vs, "plan.back", "2026-11-24 16:00");
	answer(vs, "plan.people", "Ann\tmother\tyes\tno");
	before = history_text(fx->st, vs->v.id);
	ev_before = events_text(fx->st, vs->v.id);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *text = EXPECT(HV_EDATA, visit_answer(vs, bad[i].question, bad[i].value, NULL,
							   NULL, &err));

		assert_contains(text, bad[i].says);
		free(text);
	}
	/* neither in the database nor in memory */
	after = history_text(fx->st, vs->v.id);
	assert_string_equal(before, after);
	ev_after = events_text(fx->st, vs->v.id);
	assert_string_equal(ev_before, ev_after);
	assert_string_equal(visit_value(vs, "plan.alone"), "yes");
	assert_string_equal(visit_value(vs, "plan.back"), "2026-11-24 16:00");
	assert_string_equal(visit_value(vs, "plan.people"), "Ann\tmother\tyes\tno");
	assert_null(visit_value(vs, "fa.level"));
	free(before);
	free(after);
	free(ev_before);
	free(ev_after);
	visit_free(vs);
}

static void a_save_that_fails_leaves_the_record_as_it_was(void **state)
{
	struct fx *fx = *state;
	struct visit *vs;
	struct store *st = NULL;
	struct store_visit d = details("C-1", "2026-11-24 10:00");
	sqlite3 *db;
	char *text;

	store_set_busy_ms(200);
	MUST(store_open(fx->db, 0, &st, &err));
	MUST(visit_create(st, rb, &d, WHO, &vs, &err));
	answer(vs, "plan.alone", "no");

	/* another program holds the write lock */
	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	text = EXPECT(HV_EBUSY, visit_answer(vs, "plan.alone", "yes", NULL, NULL, &err));
	free(text);
	text = EXPECT(HV_EBUSY, visit_answer(vs, "out.access", "no", NULL, NULL, &err));
	free(text);
	free(vs->v.planned_at);
	vs->v.planned_at = xstrdup("2026-12-01 09:00");
	text = EXPECT(HV_EBUSY, visit_save_details(vs, &err));
	free(text);
	assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	/* in memory as before: the old answer, still shown questions, no outcome time */
	assert_string_equal(visit_value(vs, "plan.alone"), "no");
	assert_false(vs->ev.shown[core_question_index(rb, "plan.back")]);
	assert_null(visit_value(vs, "out.access"));
	assert_null(vs->v.outcome_at);
	assert_string_equal(vs->v.planned_at, "2026-11-24 10:00");
	text = history_text(st, vs->v.id);
	assert_string_equal(text, "plan.alone=no");
	free(text);
	/* and it carries on once the lock is gone */
	answer(vs, "plan.alone", "yes");
	text = history_text(st, vs->v.id);
	assert_string_equal(text, "plan.alone=no;plan.alone=yes");
	free(text);
	visit_free(vs);
	store_close(st);
	store_set_busy_ms(STORE_BUSY_MS);
}

/* ================= finishing a stage ================= */

static void the_plan_is_finished_only_when_its_required_questions_are_answered(void **state)
{
	struct fx *fx = *state;
	struct visit *vs = create(fx, rb, "C-1");
	char *text;
	int *missing;
	size_t n;

	/* nothing answered: plan.alone is missing; out.access is not a plan question */
	n = visit_missing(vs, CORE_STAGE_PLAN, &missing);
	assert_int_equal(n, 1);
	assert_int_equal(missing[0], core_question_index(rb, "plan.alone"));
	free(missing);
	text = EXPECT(HV_EDATA, visit_finish_plan(vs, &err));
	assert_contains(text, "plan.alone");
	assert_contains(text, "Are you visiting alone?");
	assert_not_contains(text, "out.access");
	free(text);
	assert_string_equal(vs->v.status, "draft");
	assert_stored_status(fx->st, vs->v.id, "draft");

	/* alone: the return time is needed as well */
	answer(vs, "plan.alone", "yes");
	text = EXPECT(HV_EDATA, visit_finish_plan(vs, &err));
	assert_contains(text, "plan.back");
	assert_not_contains(text, "plan.alone");
	free(text);
	assert_stored_status(fx->st, vs->v.id, "draft");

	answer(vs, "plan.back", "2026-11-24 16:00");
	MUST(visit_finish_plan(vs, &err));
	assert_string_equal(vs->v.status, "planned");
	assert_stored_status(fx->st, vs->v.id, "planned");
	text = events_text(fx->st, vs->v.id);
	assert_contains(text, "status|NULL|draft|planned|NULL\n");
	free(text);

	/* once only */
	text = EXPECT(HV_EDATA, visit_finish_plan(vs, &err));
	assert_contains(text, "already planned");
	free(text);
	visit_free(vs);
}

static void the_outcome_is_visited_or_no_access_by_the_access_question(void **state)
{
	static const struct {
		const char *access, *level, *next;
		const char *status;
	} cases[] = {
		{"yes", NULL, NULL, "visited"},
		{"no", "no-concerns", "2026-11-26 09:30", "no_access"},
		{"no", "grave-concern", "2026-11-24 18:00", "no_access"},
	};
	struct fx *fx = *state;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct visit *vs = create(fx, rb, "C-1");
		struct store_visit v;
		char *text;

		/* not before the plan is finished */
		answer(vs, "plan.alone", "no");
		answer(vs, "out.access", cases[i].access);
		text = EXPECT(HV_EDATA, visit_finish_outcome(vs, &err));
		assert_contains(text, "draft");
		free(text);
		MUST(visit_finish_plan(vs, &err));

		if (cases[i].level != NULL) {
			/* the failed-access step must be completed first */
			text = EXPECT(HV_EDATA, visit_finish_outcome(vs, &err));
			assert_contains(text, "fa.level");
			assert_contains(text, "fa.next");
			free(text);
			answer(vs, "fa.level", cases[i].level);
			text = EXPECT(HV_EDATA, visit_finish_outcome(vs, &err));
			assert_not_contains(text, "fa.level");
			assert_contains(text, "fa.next");
			free(text);
			assert_stored_status(fx->st, vs->v.id, "planned");
			answer(vs, "fa.next", cases[i].next);
		}
		MUST(visit_finish_outcome(vs, &err));
		assert_string_equal(vs->v.status, cases[i].status);
		MUST(store_visit_get(fx->st, vs->v.id, &v, &err));
		assert_string_equal(v.status, cases[i].status);
		assert_non_null(v.outcome_at);
		store_visit_free(&v);
		text = events_text(fx->st, vs->v.id);
		{
			char *want = xasprintf("status|NULL|planned|%s|NULL\n", cases[i].status);

			assert_contains(text, want);
			free(want);
		}
		free(text);
		/* and once only */
		text = EXPECT(HV_EDATA, visit_finish_outcome(vs, &err));
		free(text);
		visit_free(vs);
	}
}

static void the_outcome_needs_to_know_whether_the_child_was_seen(void **state)
{
	struct fx *fx = *state;
	struct visit *vs = create(fx, rb, "C-1");
	char *text;

	answer(vs, "plan.alone", "no");
	MUST(visit_finish_plan(vs, &err));
	text = EXPECT(HV_EDATA, visit_finish_outcome(vs, &err));
	assert_contains(text, "out.access");
	free(text);
	answer(vs, "out.access", "unknown");
	text = EXPECT(HV_EDATA, visit_finish_outcome(vs, &err));
	assert_contains(text, "access");
	free(text);
	assert_stored_status(fx->st, vs->v.id, "planned");
	visit_free(vs);
}

static void a_finished_record_takes_a_changed_answer_only_with_a_reason(void **state)
{
	struct fx *fx = *state;
	struct visit *vs = create(fx, rb, "C-1"), *again = NULL;
	char *before, *text;

	answer(vs, "plan.alone", "no");
	MUST(visit_finish_plan(vs, &err));
	answer(vs, "out.access", "yes");
	MUST(visit_finish_outcome(vs, &err));
	before = history_text(fx->st, vs->v.id);

	text = EXPECT(HV_EDATA, visit_answer(vs, "plan.alone", "yes", NULL, NULL, &err));
	assert_contains(text, "reason");
	free(text);
	text = EXPECT(HV_EDATA, visit_answer(vs, "plan.alone", "yes", NULL, "", &err));
	free(text);
	text = EXPECT(HV_EDATA, visit_answer(vs, "plan.concerns", "neglect", NULL, NULL, &err));
	free(text);
	assert_string_equal(visit_value(vs, "plan.alone"), "no");
	text = history_text(fx->st, vs->v.id);
	assert_string_equal(text, before);
	free(text);

	MUST(visit_answer(vs, "plan.alone", "yes", NULL, "she went alone after all", &err));
	assert_string_equal(visit_value(vs, "plan.alone"), "yes");
	text = events_text(fx->st, vs->v.id);
	assert_contains(text, "correction|plan.alone|no|yes|she went alone after all\n");
	free(text);
	MUST(visit_open(fx->st, rb, vs->v.id, NULL, &again, &err));
	assert_string_equal(visit_value(again, "plan.alone"), "yes");
	assert_string_equal(again->v.status, "visited");
	visit_free(again);
	free(before);
	visit_free(vs);
}

/* ================= hidden answers ================= */

static void an_answer_that_no_longer_applies_is_found_and_discarded_with_its_history_kept(
	void **state)
{
	struct fx *fx = *state;
	struct visit *vs = create(fx, rb, "C-1"), *again = NULL;
	int back = core_question_index(rb, "plan.back");
	int *hidden;
	size_t n;
	char *text;

	answer(vs, "plan.alone", "yes");
	answer(vs, "plan.back", "2026-11-24 16:00");
	n = visit_hidden_answers(vs, &hidden);
	assert_int_equal(n, 0);
	free(hidden);

	answer(vs, "plan.alone", "no");
	n = visit_hidden_answers(vs, &hidden);
	assert_int_equal(n, 1);
	assert_int_equal(hidden[0], back);
	free(hidden);
	assert_null(visit_value(vs, "plan.back"));            /* hidden */
	assert_non_null(vs->answers[back].value);             /* but held */

	/* still held after reopening, until discarded */
	MUST(visit_open(fx->st, rb, vs->v.id, NULL, &again, &err));
	n = visit_hidden_answers(again, &hidden);
	assert_int_equal(n, 1);
	free(hidden);
	visit_free(again);

	MUST(visit_discard_hidden(vs, &err));
	n = visit_hidden_answers(vs, &hidden);
	assert_int_equal(n, 0);
	free(hidden);
	assert_null(vs->answers[back].value);
	text = current_text(fx->st, vs->v.id);
	assert_string_equal(text, "plan.alone=no");
	free(text);
	text = history_text(fx->st, vs->v.id);
	assert_string_equal(text, "plan.alone=yes;plan.back=2026-11-24 16:00;plan.alone=no;"
				  "plan.back=NULL");
	free(text);
	MUST(visit_open(fx->st, rb, vs->v.id, NULL, &again, &err));
	n = visit_hidden_answers(again, &hidden);
	assert_int_equal(n, 0);
	free(hidden);
	visit_free(again);

	/* nothing to discard: nothing happens */
	MUST(visit_discard_hidden(vs, &err));
	text = history_text(fx->st, vs->v.id);
	assert_string_equal(text, "plan.alone=yes;plan.back=2026-11-24 16:00;plan.alone=no;"
				  "plan.back=NULL");
	free(text);
	visit_free(vs);
}

static void discarding_on_a_finished_record_is_recorded_as_a_correction(void **state)
{
	struct fx *fx = *state;
	struct visit *vs = create(fx, rb, "C-1");
	int *hidden;
	char *text;

	answer(vs, "plan.alone", "yes");
	answer(vs, "plan.back", "2026-11-24 16:00");
	MUST(visit_finish_plan(vs, &err));
	answer(vs, "out.access", "yes");
	MUST(visit_finish_outcome(vs, &err));
	MUST(visit_answer(vs, "plan.alone", "no", NULL, "a colleague came too", &err));
	assert_int_equal(visit_hidden_answers(vs, &hidden), 1);
	free(hidden);
	MUST(visit_discard_hidden(vs, &err));
	assert_int_equal(visit_hidden_answers(vs, &hidden), 0);
	free(hidden);
	text = events_text(fx->st, vs->v.id);
	assert_contains(text, "correction|plan.back|2026-11-24 16:00|NULL|");
	free(text);
	text = current_text(fx->st, vs->v.id);
	assert_string_equal(text, "out.access=yes;plan.alone=no"); /* by when last saved */
	free(text);
	visit_free(vs);
}

/* ================= rulebooks ================= */

static void a_record_reopens_with_the_rulebook_it_was_made_with(void **state)
{
	struct fx *fx = *state;
	/* version 2 asks one more question */
	struct core_rulebook *v2 = edited("  version: \"1\"", "  version: \"2\"");
	struct core_rulebook *v3 = edited(
		"      - id: plan.people\n",
		"      - id: plan.pets\n"
		"        type: yesno\n"
		"        text: Are there dogs in the house?\n"
		"        guidance: Dogs.\n"
		"        source: {doc: doc, page: 2}\n"
		"      - id: plan.people\n");
	struct visit *old = create(fx, rb, "C-OLD"), *newer = create(fx, v3, "C-NEW"), *vs = NULL;
	struct store *other;
	char *text;

	assert_int_equal(v3->nquestions, rb->nquestions + 1);
	answer(old, "plan.alone", "yes");
	answer(newer, "plan.pets", "yes");

	/* opened today, when the rulebook in use is version 2 or 3 */
	other = second_connection(fx);
	MUST(visit_open(other, v2, old->v.id, NULL, &vs, &err));
	assert_ptr_not_equal(vs->rb, v2);
	assert_ptr_equal(vs->rb, vs->rb_owned);
	assert_string_equal(vs->rb->version, "1");
	assert_int_equal(vs->rb->nquestions, rb->nquestions);
	assert_int_equal(vs->rb->text_len, rb->text_len);
	assert_memory_equal(vs->rb->text, rb->text, rb->text_len);
	assert_string_equal(visit_value(vs, "plan.alone"), "yes");
	/* it is answered with its own questions */
	text = EXPECT(HV_EDATA, visit_answer(vs, "plan.pets", "no", NULL, NULL, &err));
	assert_contains(text, "plan.pets");
	free(text);
	answer(vs, "plan.back", "2026-11-24 16:00");
	visit_free(vs);

	MUST(visit_open(other, v3, old->v.id, NULL, &vs, &err));
	assert_int_equal(vs->rb->nquestions, rb->nquestions);
	visit_free(vs);

	/* the newer record, opened with the older rulebook, keeps its own */
	MUST(visit_open(other, rb, newer->v.id, NULL, &vs, &err));
	assert_int_equal(vs->rb->nquestions, v3->nquestions);
	assert_memory_equal(vs->rb->text, v3->text, v3->text_len);
	assert_string_equal(visit_value(vs, "plan.pets"), "yes");
	visit_free(vs);

	/* the same rulebook is used as it is, not reloaded */
	MUST(visit_open(other, rb, old->v.id, NULL, &vs, &err));
	assert_ptr_equal(vs->rb, rb);
	assert_null(vs->rb_owned);
	visit_free(vs);

	/* with no rulebook at hand, the kept one */
	MUST(visit_open(other, NULL, newer->v.id, NULL, &vs, &err));
	assert_int_equal(vs->rb->nquestions, v3->nquestions);
	visit_free(vs);

	text = EXPECT(HV_ENOINPUT, visit_open(other, rb, 999, NULL, &vs, &err));
	assert_null(vs);
	free(text);

	store_close(other);
	visit_free(old);
	visit_free(newer);
	core_rulebook_free(v2);
	core_rulebook_free(v3);
}

/* ================= what the answers derive ================= */

static void what_the_answers_derive_is_stored_with_the_record(void **state)
{
	struct fx *fx = *state;
	struct visit *vs = create(fx, rb, "C-1");
	struct store_visit v;
	char *text;

	MUST(store_visit_get(fx->st, vs->v.id, &v, &err));
	assert_int_equal(v.escalation_rank, 0);
	assert_string_equal(v.urgency, "none");
	assert_null(v.expected_back_at);
	store_visit_free(&v);

	answer(vs, "plan.alone", "yes");
	answer(vs, "plan.back", "2026-11-24 16:00");
	answer(vs, "plan.people", "Sam\tstepfather\tyes\tyes");
	MUST(store_visit_get(fx->st, vs->v.id, &v, &err));
	assert_string_equal(v.expected_back_at, "2026-11-24 16:00");
	assert_string_equal(v.urgency, "before-visit");
	assert_string_equal(v.escalation, "none");
	assert_int_equal(v.escalation_rank, 0);
	assert_false(v.emergency);
	assert_null(v.next_contact_at);
	store_visit_free(&v);
	text = open_actions(fx->st, vs->v.id);
	assert_string_equal(text, "act.checkin@2026-11-24 10:00;act.risky@2026-11-24 23:59");
	free(text);

	MUST(visit_finish_plan(vs, &err));
	answer(vs, "out.access", "no");
	answer(vs, "fa.level", "significant-harm");
	MUST(store_visit_get(fx->st, vs->v.id, &v, &err));
	assert_string_equal(v.escalation, "team-manager");
	assert_int_equal(v.escalation_rank, 1);
	assert_string_equal(v.urgency, "immediate");
	assert_non_null(v.outcome_at); /* the outcome began to be recorded */
	store_visit_free(&v);

	answer(vs, "fa.next", "2026-11-26 09:30");
	answer(vs, "fa.level", "grave-concern");
	MUST(store_visit_get(fx->st, vs->v.id, &v, &err));
	assert_string_equal(v.escalation, "police");
	assert_int_equal(v.escalation_rank, 2);
	assert_string_equal(v.next_contact_at, "2026-11-26 09:30");
	assert_false(v.emergency);
	store_visit_free(&v);
	text = open_actions(fx->st, vs->v.id);
	assert_contains(text, "act.police@");
	assert_contains(text, "act.tm@");
	assert_contains(text, "act.next@2026-11-26 09:30");
	free(text);

	/* and back down when the answers change */
	answer(vs, "fa.level", "no-concerns");
	answer(vs, "plan.alone", "no");
	MUST(store_visit_get(fx->st, vs->v.id, &v, &err));
	assert_string_equal(v.escalation, "none");
	assert_int_equal(v.escalation_rank, 0);
	assert_null(v.expected_back_at); /* the return time no longer applies */
	assert_string_equal(v.urgency, "same-day");
	store_visit_free(&v);
	text = open_actions(fx->st, vs->v.id);
	assert_string_equal(text, "act.risky@2026-11-24 23:59;act.next@2026-11-26 09:30");
	free(text);
	visit_free(vs);
}

static void an_emergency_is_stored_with_the_record(void **state)
{
	struct fx *fx = *state;
	struct core_rulebook *urgent = edited("urgency: immediate\n    due: immediately",
					      "urgency: emergency\n    due: immediately");
	struct visit *vs = create(fx, urgent, "C-1");
	struct store_filter f = {.emergency = true};
	struct store_visit v;
	int64_t n = -1;

	answer(vs, "plan.alone", "no");
	MUST(visit_finish_plan(vs, &err));
	answer(vs, "out.access", "no");
	answer(vs, "fa.level", "grave-concern");
	MUST(store_visit_get(fx->st, vs->v.id, &v, &err));
	assert_true(v.emergency);
	assert_string_equal(v.urgency, "emergency");
	assert_string_equal(v.escalation, "police");
	store_visit_free(&v);
	MUST(store_visits_count(fx->st, &f, &n, &err));
	assert_int_equal(n, 1);

	answer(vs, "fa.level", "significant-harm");
	MUST(store_visit_get(fx->st, vs->v.id, &v, &err));
	assert_false(v.emergency);
	store_visit_free(&v);
	MUST(store_visits_count(fx->st, &f, &n, &err));
	assert_int_equal(n, 0);
	visit_free(vs);
	core_rulebook_free(urgent);
}

static void a_records_history_is_gathered_whole(void **state)
{
	struct fx *fx = *state;
	struct visit *vs = create(fx, rb, "C-1");
	struct visit_history h;
	size_t i, withdrawn = 0;

	answer(vs, "plan.alone", "yes");
	answer(vs, "plan.alone", "no");
	MUST(visit_finish_plan(vs, &err));
	answer(vs, "out.access", "yes");
	MUST(visit_finish_outcome(vs, &err));
	MUST(store_review_add(fx->st, vs->v.id, "agreed", "good visit", "manager", &err));
	MUST(visit_history_load(vs, &h, &err));
	assert_int_equal(h.nactions, 1);
	assert_string_equal(h.actions[0].action, "act.checkin");
	assert_string_equal(h.actions[0].status, "withdrawn");
	assert_int_equal(h.nreviews, 1);
	assert_string_equal(h.reviews[0].comment, "good visit");
	assert_string_equal(h.events[0].kind, "created");
	for (i = 0; i < h.nevents; i++)
		withdrawn += strcmp(h.events[i].kind, "action_withdrawn") == 0;
	assert_int_equal(withdrawn, 1);
	assert_string_equal(h.events[h.nevents - 1].new_value, "reviewed");
	visit_history_free(&h);
	visit_free(vs);
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
		T(an_answer_is_saved_the_moment_it_is_given),
		T(changed_details_move_the_deadlines_that_depend_on_them),
		T(a_bad_value_is_refused_and_nothing_is_saved),
		T(a_save_that_fails_leaves_the_record_as_it_was),
		T(the_plan_is_finished_only_when_its_required_questions_are_answered),
		T(the_outcome_is_visited_or_no_access_by_the_access_question),
		T(the_outcome_needs_to_know_whether_the_child_was_seen),
		T(a_finished_record_takes_a_changed_answer_only_with_a_reason),
		T(an_answer_that_no_longer_applies_is_found_and_discarded_with_its_history_kept),
		T(discarding_on_a_finished_record_is_recorded_as_a_correction),
		T(a_record_reopens_with_the_rulebook_it_was_made_with),
		T(what_the_answers_derive_is_stored_with_the_record),
		T(an_emergency_is_stored_with_the_record),
		T(a_records_history_is_gathered_whole),
	};

	tu_chdir_srcdir();
	return cmocka_run_group_tests_name("visit", tests, group_setup, group_teardown);
}
