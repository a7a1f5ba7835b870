/* test_engine.c — the engine's general behaviour, on the small test rulebook:
 * what is shown, what is missing, what fires, when it is due, how far it escalates. */
#include "testutil.h"

#include "rules.h"

static struct core_rulebook *rb;
static struct core_answer *answers;

static int setup(void **state)
{
	struct hv_error err;

	(void)state;
	hv_error_init(&err);
	if (rules_load(MINIMAL_RULES, &rb, &err) != HV_OK) {
		hv_error_print(&err, stderr);
		hv_error_clear(&err);
		return -1;
	}
	answers = xcalloc(rb->nquestions, sizeof(*answers));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(answers);
	core_rulebook_free(rb);
	return 0;
}

/* Clears all answers before each test. */
static int clear(void **state)
{
	(void)state;
	memset(answers, 0, rb->nquestions * sizeof(*answers));
	return 0;
}

static void answer(const char *id, const char *value)
{
	int i = core_question_index(rb, id);

	assert_true(i >= 0);
	answers[i].value = value;
}

static bool shown(const struct core_eval *ev, const char *id)
{
	return ev->shown[core_question_index(rb, id)];
}

static const struct core_fired *fired(const struct core_eval *ev, const char *id)
{
	size_t i;

	for (i = 0; i < ev->nfired; i++)
		if (strcmp(rb->actions[ev->fired[i].action].id, id) == 0)
			return &ev->fired[i];
	return NULL;
}

static time_t at(const char *canon)
{
	time_t t;

	assert_true(core_time_from_text(canon, CORE_Q_DATETIME, 0, &t));
	return t;
}

static const struct core_visit visit = {"announced", 0, 0};

static void answering_reveals_the_questions_that_depend_on_it(void **state)
{
	struct core_eval ev;

	(void)state;
	core_evaluate(rb, &visit, answers, &ev);
	assert_false(shown(&ev, "plan.back"));
	assert_false(shown(&ev, "plan.cupboards"));
	core_eval_free(&ev);

	answer("plan.alone", "yes");
	answer("plan.concerns", "domestic-abuse,neglect");
	core_evaluate(rb, &visit, answers, &ev);
	assert_true(shown(&ev, "plan.back"));
	core_eval_free(&ev);

	answer("plan.concerns", "neglect");
	core_evaluate(rb, &visit, answers, &ev);
	assert_true(shown(&ev, "plan.cupboards"));
	core_eval_free(&ev);
}

static void required_questions_that_are_shown_and_unanswered_are_missing(void **state)
{
	struct core_eval ev;

	(void)state;
	core_evaluate(rb, &visit, answers, &ev);
	/* plan.alone and out.access; the failed-access step is not shown yet. */
	assert_int_equal(ev.nmissing, 2);
	assert_int_equal(ev.missing[0], core_question_index(rb, "plan.alone"));
	assert_int_equal(ev.missing[1], core_question_index(rb, "out.access"));
	core_eval_free(&ev);

	answer("plan.alone", "yes");
	answer("out.access", "no");
	core_evaluate(rb, &visit, answers, &ev);
	assert_int_equal(ev.nmissing, 3); /* plan.back, fa.level, fa.next */
	core_eval_free(&ev);
}

static void answers_to_hidden_questions_never_count(void **state)
{
	struct core_eval ev;

	(void)state;
	/* A lone visit, then changed to joint: the return time no longer applies. */
	answer("plan.alone", "no");
	answer("plan.back", "2026-11-24 16:00");
	answer("fa.level", "grave-concern"); /* the procedure is not being followed */
	core_evaluate(rb, &visit, answers, &ev);
	assert_false(shown(&ev, "plan.back"));
	assert_null(fired(&ev, "act.checkin"));
	assert_null(fired(&ev, "act.police"));
	assert_int_equal(ev.escalation, 0);
	assert_int_equal(ev.urgency, CORE_URG_NONE);
	core_eval_free(&ev);
}

static void a_procedure_is_followed_only_when_its_condition_holds(void **state)
{
	struct core_eval ev;
	size_t step = rb->ntop_sections;

	(void)state;
	answer("out.access", "yes");
	core_evaluate(rb, &visit, answers, &ev);
	assert_false(ev.section_shown[step]);
	assert_false(shown(&ev, "fa.level"));
	core_eval_free(&ev);
	answer("out.access", "no");
	core_evaluate(rb, &visit, answers, &ev);
	assert_true(ev.section_shown[step]);
	assert_true(shown(&ev, "fa.level"));
	core_eval_free(&ev);
}

static void the_escalation_level_is_the_highest_rung_reached(void **state)
{
	struct core_eval ev;

	(void)state;
	answer("out.access", "no");
	answer("fa.level", "significant-harm");
	core_evaluate(rb, &visit, answers, &ev);
	assert_string_equal(rb->levels[ev.escalation].id, "team-manager");
	assert_int_equal(ev.urgency, CORE_URG_IMMEDIATE);
	core_eval_free(&ev);

	answer("fa.level", "grave-concern");
	core_evaluate(rb, &visit, answers, &ev);
	assert_non_null(fired(&ev, "act.tm"));
	assert_non_null(fired(&ev, "act.police"));
	assert_string_equal(rb->levels[ev.escalation].id, "police");
	core_eval_free(&ev);
}

static void due_times_follow_the_visit_and_the_answers(void **state)
{
	struct core_visit v = {"announced", 0, 0};
	struct core_eval ev;
	char out[17];

	(void)state;
	v.planned = at("2026-11-24 10:00");
	answer("plan.alone", "yes");
	core_evaluate(rb, &v, answers, &ev);
	core_time_format(fired(&ev, "act.checkin")->due, out);
	assert_string_equal(out, "2026-11-24 10:00"); /* before the visit */
	core_eval_free(&ev);

	v.outcome = at("2026-11-24 10:40");
	answer("out.access", "no");
	answer("fa.level", "significant-harm");
	answer("fa.next", "2026-11-26 09:30");
	core_evaluate(rb, &v, answers, &ev);
	core_time_format(fired(&ev, "act.tm")->due, out);
	assert_string_equal(out, "2026-11-24 12:40"); /* +2h from the outcome */
	core_time_format(fired(&ev, "act.next")->due, out);
	assert_string_equal(out, "2026-11-26 09:30"); /* at the next contact */
	core_eval_free(&ev);

	v.outcome = 0; /* no outcome yet: measured from the planned time */
	core_evaluate(rb, &v, answers, &ev);
	core_time_format(fired(&ev, "act.tm")->due, out);
	assert_string_equal(out, "2026-11-24 12:00");
	core_eval_free(&ev);
}

static void what_was_due_before_the_visit_no_longer_applies_after_it(void **state)
{
	struct core_visit v = {"announced", 0, 0};
	struct core_eval ev;

	(void)state;
	v.planned = at("2026-11-24 10:00");
	answer("plan.alone", "yes");
	core_evaluate(rb, &v, answers, &ev);
	assert_non_null(fired(&ev, "act.checkin"));
	core_eval_free(&ev);
	v.outcome = at("2026-11-24 10:40");
	core_evaluate(rb, &v, answers, &ev);
	assert_null(fired(&ev, "act.checkin"));
	core_eval_free(&ev);
}

static void same_day_means_the_end_of_that_day(void **state)
{
	struct core_visit v = {"announced", 0, 0};
	struct core_eval ev;
	char out[17];

	(void)state;
	v.planned = at("2026-11-24 10:00");
	answer("plan.people", "Sam\tstepfather\tyes\tyes");
	core_evaluate(rb, &v, answers, &ev);
	assert_non_null(fired(&ev, "act.risky"));
	core_time_format(fired(&ev, "act.risky")->due, out);
	assert_string_equal(out, "2026-11-24 23:59");
	core_eval_free(&ev);
}

static void a_person_condition_looks_at_every_person(void **state)
{
	struct core_eval ev;

	(void)state;
	answer("plan.people", "Ann\tmother\tyes\tno\nBob\tuncle\tunknown\tno");
	core_evaluate(rb, &visit, answers, &ev);
	assert_null(fired(&ev, "act.risky"));
	core_eval_free(&ev);
	answer("plan.people", "Ann\tmother\tyes\tno\nBob\tuncle\tunknown\tyes");
	core_evaluate(rb, &visit, answers, &ev);
	assert_non_null(fired(&ev, "act.risky"));
	core_eval_free(&ev);
}

static void the_visit_kind_can_be_tested_like_an_answer(void **state)
{
	struct core_visit v = {"unannounced", 0, 0};
	struct core_eval ev;

	(void)state;
	core_evaluate(rb, &v, answers, &ev);
	assert_int_equal(ev.nrisks, 1);
	core_eval_free(&ev);
	core_evaluate(rb, &visit, answers, &ev);
	assert_int_equal(ev.nrisks, 0);
	core_eval_free(&ev);
}

static void sections_report_their_state_for_the_overview(void **state)
{
	struct core_eval ev;

	(void)state;
	core_evaluate(rb, &visit, answers, &ev);
	assert_int_equal(core_section_state(rb, &ev, answers, 0), CORE_SEC_MISSING);
	assert_int_equal(core_section_state(rb, &ev, answers, 2), CORE_SEC_NA);
	core_eval_free(&ev);
	answer("plan.alone", "no");
	core_evaluate(rb, &visit, answers, &ev);
	assert_int_equal(core_section_state(rb, &ev, answers, 0), CORE_SEC_DONE);
	core_eval_free(&ev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(answering_reveals_the_questions_that_depend_on_it, clear),
		cmocka_unit_test_setup(required_questions_that_are_shown_and_unanswered_are_missing, clear),
		cmocka_unit_test_setup(answers_to_hidden_questions_never_count, clear),
		cmocka_unit_test_setup(a_procedure_is_followed_only_when_its_condition_holds, clear),
		cmocka_unit_test_setup(the_escalation_level_is_the_highest_rung_reached, clear),
		cmocka_unit_test_setup(due_times_follow_the_visit_and_the_answers, clear),
		cmocka_unit_test_setup(what_was_due_before_the_visit_no_longer_applies_after_it, clear),
		cmocka_unit_test_setup(same_day_means_the_end_of_that_day, clear),
		cmocka_unit_test_setup(a_person_condition_looks_at_every_person, clear),
		cmocka_unit_test_setup(the_visit_kind_can_be_tested_like_an_answer, clear),
		cmocka_unit_test_setup(sections_report_their_state_for_the_overview, clear),
	};

	tu_chdir_srcdir();
	return cmocka_run_group_tests_name("engine", tests, setup, teardown);
}
