/* test_scenarios.c — the training scenarios: every bundled file loads against
 * the bundled rulebook; a scripted correct run scores full marks and the run
 * that skips the key step misses exactly what the guidance makes it miss; the
 * scenarios between them reach every rung of the escalation ladder; scoring
 * counts wrong actions against the trainee; and every malformed file under
 * tests/data/scenarios/bad is refused with its exact message. */
#include <dirent.h>
#include <time.h>

#include "testutil.h"

#include "core.h"
#include "hv_error.h"
#include "rules.h"

#define SCENARIO_DIR "data/scenarios"
#define BAD_DIR "tests/data/scenarios/bad"

/* What each bundled scenario is for, written here as well as in its file so
 * that a change to a file which weakens its lesson fails a test: the rung the
 * record must reach and the actions the key-step-skipping run must miss. */
static const struct lesson {
	const char *id, *stage, *escalation;
	const char *misses[6];
	const char *wrong[4];
} lessons[] = {
	{"routine-announced", "plan", "none", {"act.see-child-alone"}, {NULL}},
	{"unannounced-risky-adult", "plan", "none", {"act.court-order-copy"}, {NULL}},
	{"entry-refused", "plan", "none", {"act.entry-refused-agency"}, {NULL}},
	{"failed-access-no-concerns", "outcome", "team-manager", {"act.fa-no-contact"}, {NULL}},
	{"failed-access-not-seen-by-school", "outcome", "service-manager",
	 {"act.fa-significant-harm-tm", "act.fa-service-manager"}, {"act.fa-agencies"}},
	{"failed-access-grave", "outcome", "police", {"act.fa-police"}, {NULL}},
	{"child-home-alone", "outcome", "emergency", {"act.emergency-999"}, {NULL}},
	{"parent-under-influence-baby", "outcome", "none", {"act.under-influence"}, {NULL}},
	{"dangerous-address", "outcome", "none",
	 {"act.dangerous-relay", "act.dangerous-assessments"}, {NULL}},
};

static struct core_rulebook *rb;
/* A fixed "now" (a Wednesday at 09:00 local time), so that runs do not depend
 * on the hour the tests run. */
static time_t now;

static int setup(void **state)
{
	struct hv_error err;
	struct tm tm = {0};

	(void)state;
	hv_error_init(&err);
	if (rules_load(BUNDLED_RULES, &rb, &err) != HV_OK) {
		hv_error_print(&err, stderr);
		hv_error_clear(&err);
		return -1;
	}
	hv_error_clear(&err);
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 10;
	tm.tm_mday = 25;
	tm.tm_hour = 9;
	tm.tm_isdst = -1;
	now = mktime(&tm);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	core_rulebook_free(rb);
	return 0;
}

static struct core_scenario *load(const char *path)
{
	struct core_scenario *sc = NULL;
	struct hv_error err;

	hv_error_init(&err);
	if (rules_scenario_load(path, rb, &sc, &err) != HV_OK) {
		char *text = hv_error_text(&err);

		print_error("%s\n", text);
		free(text);
	}
	assert_int_equal(err.status, HV_OK);
	hv_error_clear(&err);
	assert_non_null(sc);
	return sc;
}

static int action_index(const char *id)
{
	size_t i;

	for (i = 0; i < rb->nactions; i++)
		if (strcmp(rb->actions[i].id, id) == 0)
			return (int)i;
	fail_msg("no action '%s' in the bundled rulebook", id);
	return -1;
}

static int level_index(const char *id)
{
	size_t i;

	for (i = 0; i < rb->nlevels; i++)
		if (strcmp(rb->levels[i].id, id) == 0)
			return (int)i;
	fail_msg("no rung '%s' in the bundled rulebook", id);
	return -1;
}

static bool has(const int *set, size_t n, int x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == x)
			return true;
	return false;
}

static const struct lesson *lesson_of(const char *id)
{
	size_t i;

	for (i = 0; i < sizeof(lessons) / sizeof(lessons[0]); i++)
		if (strcmp(lessons[i].id, id) == 0)
			return &lessons[i];
	return NULL;
}

/* ---- one bundled scenario (the state is its file name) ---- */

static void correct_run_scores_full_marks(void **state)
{
	char path[512];
	struct core_scenario *sc;
	struct core_score s;

	snprintf(path, sizeof(path), "%s/%s", SCENARIO_DIR, (const char *)*state);
	sc = load(path);
	assert_true(sc->nexpect > 0);
	core_scenario_run(rb, sc, NULL, 0, now, &s);
	if (s.missed > 0 || s.wrong > 0 || !s.escalation_right)
		print_error("%s: missed %zu (first %s), wrong %zu, escalation %s (expected %s)\n",
			    sc->id, s.missed, s.missed ? rb->actions[s.missed_actions[0]].id : "-",
			    s.wrong, rb->levels[s.escalation].id, rb->levels[sc->escalation].id);
	assert_int_equal(s.missed, 0);
	assert_int_equal(s.wrong, 0);
	assert_int_equal(s.taken, sc->nexpect);
	assert_true(s.escalation_right);
	assert_int_equal(s.out_of, (int)sc->nexpect + 1);
	assert_int_equal(s.score, s.out_of);
	core_score_free(&s);

	/* and it is a whole record, as the trainee would have to give it */
	{
		struct core_eval ev;
		size_t i;

		core_scenario_play(rb, sc, NULL, 0, now, &ev);
		for (i = 0; i < ev.nmissing; i++)
			if (rb->sections[rb->questions[ev.missing[i]].section].stage <= sc->stage)
				fail_msg("%s: the correct run leaves %s unanswered", sc->id,
					 rb->questions[ev.missing[i]].id);
		for (i = 0; i < sc->ncorrect; i++)
			if (!ev.shown[sc->correct[i].question])
				fail_msg("%s: the correct run answers %s, which is not asked", sc->id,
					 rb->questions[sc->correct[i].question].id);
		core_eval_free(&ev);
	}
	core_scenario_free(sc);
}

static void skip_run_misses_exactly_the_key_step(void **state)
{
	char path[512];
	struct core_scenario *sc;
	const struct lesson *l;
	struct core_score s;
	size_t i, nmiss = 0;

	snprintf(path, sizeof(path), "%s/%s", SCENARIO_DIR, (const char *)*state);
	sc = load(path);
	l = lesson_of(sc->id);
	if (l == NULL)
		fail_msg("scenario '%s' has no lesson in test_scenarios.c: add what it teaches", sc->id);
	assert_string_equal(sc->stage == CORE_STAGE_PLAN ? "plan" : "outcome", l->stage);
	assert_int_equal(sc->escalation, level_index(l->escalation));
	core_scenario_run(rb, sc, sc->skip, sc->nskip, now, &s);
	for (i = 0; i < sizeof(l->misses) / sizeof(l->misses[0]) && l->misses[i] != NULL; i++) {
		if (!has(s.missed_actions, s.missed, action_index(l->misses[i])))
			fail_msg("%s: the skipping run does not miss %s", sc->id, l->misses[i]);
		nmiss++;
	}
	assert_int_equal(s.missed, nmiss);
	nmiss = 0;
	for (i = 0; i < sizeof(l->wrong) / sizeof(l->wrong[0]) && l->wrong[i] != NULL; i++) {
		if (!has(s.wrong_actions, s.wrong, action_index(l->wrong[i])))
			fail_msg("%s: the skipping run does not take %s", sc->id, l->wrong[i]);
		nmiss++;
	}
	assert_int_equal(s.wrong, nmiss);
	/* and exactly what the file itself promises */
	assert_int_equal(s.missed, sc->nskip_misses);
	for (i = 0; i < sc->nskip_misses; i++)
		assert_true(has(s.missed_actions, s.missed, sc->skip_misses[i]));
	assert_int_equal(s.wrong, sc->nskip_wrong);
	for (i = 0; i < sc->nskip_wrong; i++)
		assert_true(has(s.wrong_actions, s.wrong, sc->skip_wrong[i]));
	assert_true(s.score < s.out_of);
	core_score_free(&s);
	core_scenario_free(sc);
}

/* ---- all of them together ---- */

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t names_in(const char *dir_path, char ***out)
{
	size_t n = 0, cap = 16;
	char **names = xcalloc(cap, sizeof(char *));
	struct dirent *de;
	DIR *dir = opendir(dir_path);

	if (dir == NULL) {
		perror(dir_path);
		exit(1);
	}
	while ((de = readdir(dir)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len > 5 && strcmp(de->d_name + len - 5, ".yaml") == 0) {
			if (n == cap) {
				cap *= 2;
				names = xreallocarray(names, cap, sizeof(char *));
			}
			names[n++] = xstrdup(de->d_name);
		}
	}
	closedir(dir);
	qsort(names, n, sizeof(char *), by_name);
	*out = names;
	return n;
}


static void scenarios_reach_every_rung(void **state)
{
	char **names, path[512];
	size_t n = names_in(SCENARIO_DIR, &names), i;
	bool *reached = xcalloc(rb->nlevels, sizeof(bool));

	(void)state;
	assert_true(n >= 9);
	for (i = 0; i < n; i++) {
		struct core_scenario *sc;

		snprintf(path, sizeof(path), "%s/%s", SCENARIO_DIR, names[i]);
		sc = load(path);
		assert_true(sc->escalation >= 0 && (size_t)sc->escalation < rb->nlevels);
		reached[sc->escalation] = true;
		/* the id is the file's name: `homevisit train ID` finds it */
		assert_int_equal(strlen(names[i]), strlen(sc->id) + 5);
		assert_memory_equal(names[i], sc->id, strlen(sc->id));
		core_scenario_free(sc);
		free(names[i]);
	}
	for (i = 0; i < rb->nlevels; i++)
		if (!reached[i])
			fail_msg("no bundled scenario expects the rung '%s'", rb->levels[i].id);
	free(reached);
	free(names);
}

/* Every lesson written above has its file. */
static void every_lesson_has_a_file(void **state)
{
	char path[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(lessons) / sizeof(lessons[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s.yaml", SCENARIO_DIR, lessons[i].id);
		assert_int_equal(access(path, R_OK), 0);
	}
}

/* ---- scoring ---- */

static void score_counts_wrong_actions_and_never_goes_below_zero(void **state)
{
	struct core_scenario sc = {0};
	struct core_fired fired[3];
	struct core_eval ev = {0};
	int expect[2], wrong[2];
	struct core_score s;

	(void)state;
	expect[0] = action_index("act.fa-police");
	expect[1] = action_index("act.fa-record");
	wrong[0] = action_index("act.fa-no-contact");
	wrong[1] = action_index("act.fa-letter");
	sc.expect = expect;
	sc.nexpect = 2;
	sc.wrong = wrong;
	sc.nwrong = 2;
	sc.escalation = level_index("police");

	/* one expected action taken, one wrong one, the rung reached: 1 + 1 - 1 */
	fired[0].action = expect[1];
	fired[1].action = wrong[0];
	ev.fired = fired;
	ev.nfired = 2;
	ev.escalation = level_index("police");
	core_score(rb, &sc, &ev, &s);
	assert_int_equal(s.taken, 1);
	assert_int_equal(s.missed, 1);
	assert_int_equal(s.missed_actions[0], expect[0]);
	assert_int_equal(s.wrong, 1);
	assert_int_equal(s.wrong_actions[0], wrong[0]);
	assert_true(s.escalation_right);
	assert_int_equal(s.score, 1);
	assert_int_equal(s.out_of, 3);
	core_score_free(&s);

	/* nothing expected taken, both wrong ones, the wrong rung: 0, not -2 */
	fired[0].action = wrong[0];
	fired[1].action = wrong[1];
	ev.nfired = 2;
	ev.escalation = level_index("team-manager");
	core_score(rb, &sc, &ev, &s);
	assert_int_equal(s.taken, 0);
	assert_int_equal(s.missed, 2);
	assert_int_equal(s.wrong, 2);
	assert_false(s.escalation_right);
	assert_int_equal(s.escalation, level_index("team-manager"));
	assert_int_equal(s.score, 0);
	core_score_free(&s);

	/* everything right */
	fired[0].action = expect[0];
	fired[1].action = expect[1];
	ev.escalation = level_index("police");
	core_score(rb, &sc, &ev, &s);
	assert_int_equal(s.score, 3);
	assert_int_equal(s.score, s.out_of);
	core_score_free(&s);
}

/* "today 14:00" in a scenario is 14:00 on the day of training. */
static void preset_dates_are_on_the_day_of_training(void **state)
{
	struct core_preset p = {0, "today 14:00", NULL};
	const struct core_question *q = NULL;
	char buf[17];
	size_t i;

	(void)state;
	for (i = 0; i < rb->nquestions; i++)
		if (strcmp(rb->questions[i].id, "fa.next-contact") == 0)
			q = &rb->questions[i];
	assert_non_null(q);
	assert_string_equal(core_preset_value(q, &p, now, buf), "2026-11-25 14:00");
	p.value = "tomorrow 9:00";
	assert_string_equal(core_preset_value(q, &p, now, buf), "2026-11-26 09:00");
}

/* ---- malformed files, with the exact messages expected ---- */

static void rejects_bad_file(void **state)
{
	const char *name = *state;
	char yaml[512], expect[512];
	struct core_scenario *sc = NULL;
	struct hv_error err;
	char *want, *got;
	size_t len = 0;
	int rc;

	snprintf(yaml, sizeof(yaml), "%s/%s.yaml", BAD_DIR, name);
	snprintf(expect, sizeof(expect), "%s/%s.expect", BAD_DIR, name);
	want = tu_read(expect, &len);
	assert_non_null(want);
	while (len > 0 && want[len - 1] == '\n')
		want[--len] = '\0';
	hv_error_init(&err);
	rc = rules_scenario_load(yaml, rb, &sc, &err);
	assert_int_equal(rc, HV_EDATA);
	assert_null(sc);
	got = hv_error_text(&err);
	if (strcmp(got, want) != 0)
		print_error("expected:\n%s\ngot:\n%s\n", want, got);
	assert_string_equal(got, want);
	free(got);
	free(want);
	hv_error_clear(&err);
}

static void missing_scenario_is_noinput(void **state)
{
	struct core_scenario *sc = NULL;
	struct hv_error err;

	(void)state;
	hv_error_init(&err);
	assert_int_equal(rules_scenario_load("tests/data/scenarios/no-such.yaml", rb, &sc, &err),
			 HV_ENOINPUT);
	assert_null(sc);
	hv_error_clear(&err);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(scenarios_reach_every_rung),
		cmocka_unit_test(every_lesson_has_a_file),
		cmocka_unit_test(score_counts_wrong_actions_and_never_goes_below_zero),
		cmocka_unit_test(preset_dates_are_on_the_day_of_training),
		cmocka_unit_test(missing_scenario_is_noinput),
	};
	size_t nfixed = sizeof(fixed) / sizeof(fixed[0]), ngood, nbad, ntests, i, k;
	char **good, **bad, **labels;
	struct CMUnitTest *tests;
	int rc;

	tu_chdir_srcdir();
	ngood = names_in(SCENARIO_DIR, &good);
	nbad = names_in(BAD_DIR, &bad);
	ntests = nfixed + 2 * ngood + nbad;
	tests = xcalloc(ntests, sizeof(*tests));
	labels = xcalloc(2 * ngood + nbad + 1, sizeof(char *));
	memcpy(tests, fixed, sizeof(fixed));
	k = nfixed;
	for (i = 0; i < ngood; i++) {
		size_t len = strlen(good[i]) - 5;

		labels[k - nfixed] = xasprintf("correct_run_scores_full_marks_%.*s", (int)len, good[i]);
		tests[k].name = labels[k - nfixed];
		tests[k].test_func = correct_run_scores_full_marks;
		tests[k].initial_state = good[i];
		k++;
		labels[k - nfixed] = xasprintf("skip_run_misses_the_key_step_%.*s", (int)len, good[i]);
		tests[k].name = labels[k - nfixed];
		tests[k].test_func = skip_run_misses_exactly_the_key_step;
		tests[k].initial_state = good[i];
		k++;
	}
	for (i = 0; i < nbad; i++) {
		bad[i][strlen(bad[i]) - 5] = '\0';
		labels[k - nfixed] = xasprintf("rejects_%s", bad[i]);
		tests[k].name = labels[k - nfixed];
		tests[k].test_func = rejects_bad_file;
		tests[k].initial_state = bad[i];
		k++;
	}
	rc = _cmocka_run_group_tests("scenarios", tests, ntests, setup, teardown);
	for (i = 0; i < 2 * ngood + nbad; i++)
		free(labels[i]);
	for (i = 0; i < ngood; i++)
		free(good[i]);
	for (i = 0; i < nbad; i++)
		free(bad[i]);
	free(good);
	free(bad);
	free(labels);
	free(tests);
	return rc;
}
