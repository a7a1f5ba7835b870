/* test_guidance.c — the bundled rulebook against the guidance it encodes: the
 * Darlington ladder, the 999 rules, lone working, concerns arising; and every
 * question can be shown and every action can fire. */
#include "testutil.h"

#include "rules.h"

static struct core_rulebook *rb;

static int setup(void **state)
{
	struct hv_error err;

	(void)state;
	hv_error_init(&err);
	if (rules_load(BUNDLED_RULES, &rb, &err) != HV_OK) {
		hv_error_print(&err, stderr);
		hv_error_clear(&err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	core_rulebook_free(rb);
	return 0;
}

/* ---- a table of cases, each named after the guidance it checks ---- */

struct guidance_case {
	const char *name;
	const char *answers[16][2];   /* question id, value */
	const char *fires[8];         /* actions that must fire */
	const char *not_fires[8];     /* actions that must not */
	const char *escalation;       /* the rung reached, or NULL to skip */
	enum core_urgency urgency;    /* CORE_URG_N to skip */
};

static const struct guidance_case cases[] = {
	{"failed_access_grave_concern_calls_police",
	 {{"outcome.access", "no"}, {"fa.risk-level", "grave-concern"}, {"fa.contact-made", "yes"}},
	 {"act.fa-police", "act.fa-record"},
	 {"act.fa-service-manager"},
	 "police",
	 CORE_URG_IMMEDIATE},
	{"failed_access_significant_harm_means_team_manager_and_considering_the_service_manager",
	 {{"outcome.access", "no"}, {"fa.risk-level", "significant-harm"}, {"fa.contact-made", "yes"}},
	 {"act.fa-significant-harm-tm", "act.fa-service-manager"},
	 {"act.fa-police"},
	 "service-manager",
	 CORE_URG_IMMEDIATE},
	{"failed_access_no_contact_means_team_manager_and_a_case_note_with_a_timescale",
	 {{"outcome.access", "no"}, {"fa.risk-level", "no-concerns"}, {"fa.contact-made", "no"}},
	 {"act.fa-no-contact"},
	 {"act.fa-police", "act.fa-service-manager", "act.fa-significant-harm-tm"},
	 "team-manager",
	 CORE_URG_N},
	{"failed_access_with_no_concerns_and_contact_stays_off_the_ladder",
	 {{"outcome.access", "no"}, {"fa.risk-level", "no-concerns"}, {"fa.contact-made", "yes"}},
	 {"act.fa-record"},
	 {"act.fa-no-contact", "act.fa-police", "act.fa-service-manager"},
	 "none",
	 CORE_URG_N},
	{"failed_access_checks_rear_revisits_the_same_day_and_leaves_a_letter",
	 {{"outcome.access", "no"}, {"fa.revisited", "no"}, {"fa.letter-left", "no"}},
	 {"act.fa-revisit", "act.fa-letter", "act.fa-record"},
	 {NULL},
	 NULL,
	 CORE_URG_N},
	{"failed_access_asks_health_and_education_when_the_child_was_last_seen",
	 {{"outcome.access", "no"}},
	 {"act.fa-agencies"},
	 {NULL},
	 NULL,
	 CORE_URG_N},
	{"failed_access_steps_do_not_count_when_the_child_was_seen",
	 {{"outcome.access", "yes"}, {"fa.risk-level", "grave-concern"}, {"fa.contact-made", "no"}},
	 {NULL},
	 {"act.fa-police", "act.fa-no-contact", "act.fa-record"},
	 NULL,
	 CORE_URG_N},
	{"child_alone_with_no_parent_able_to_attend_calls_999_and_stays",
	 {{"emergency.child-alone", "yes"}, {"emergency.parent-can-attend", "no"}},
	 {"act.emergency-999"},
	 {"act.parent-attend"},
	 "emergency",
	 CORE_URG_EMERGENCY},
	{"child_alone_when_a_parent_can_attend_at_once_is_not_a_999_call",
	 {{"emergency.child-alone", "yes"}, {"emergency.parent-can-attend", "yes"}},
	 {"act.parent-attend"},
	 {"act.emergency-999"},
	 NULL,
	 CORE_URG_N},
	{"risk_to_life_calls_the_police_on_999",
	 {{"emergency.risk-to-life", "yes"}},
	 {"act.risk-to-life-999"},
	 {NULL},
	 "emergency",
	 CORE_URG_EMERGENCY},
	{"a_lone_visit_arranges_someone_to_check_on_the_practitioner",
	 {{"involved.lone", "yes"}, {"involved.expected-back", "2026-12-01 13:00"},
	  {"involved.welfare-check", "Duty manager"}},
	 {"act.lone-arrange", "act.lone-check-in"},
	 {NULL},
	 NULL,
	 CORE_URG_N},
	{"not_safe_to_go_alone_means_a_joint_visit",
	 {{"involved.lone", "yes"}, {"involved.lone-safe", "no"}},
	 {"act.joint-visit"},
	 {NULL},
	 NULL,
	 CORE_URG_N},
	{"concerns_go_to_the_agency_protection_lead",
	 {{"concerns-arise.any", "yes"}, {"concerns-arise.worried", "no"}},
	 {"act.protection-lead"},
	 {"act.referral"},
	 NULL,
	 CORE_URG_N},
	{"no_protection_lead_available_means_advice_from_social_care_or_police",
	 {{"concerns-arise.any", "yes"}, {"concerns-arise.lead", "no-one-available"}},
	 {"act.seek-advice"},
	 {NULL},
	 NULL,
	 CORE_URG_N},
	{"worried_about_safety_means_a_referral_followed_up_in_writing",
	 {{"concerns-arise.any", "yes"}, {"concerns-arise.worried", "yes"}},
	 {"act.protection-lead-now", "act.referral", "act.referral-writing"},
	 {NULL},
	 NULL,
	 CORE_URG_N},
	{"the_family_is_told_unless_that_would_increase_the_risk",
	 {{"concerns-arise.any", "yes"}, {"concerns-arise.family-told", "not-told-risk"}},
	 {NULL},
	 {"act.tell-family"},
	 NULL,
	 CORE_URG_N},
	{"unresolved_concerns_use_the_escalation_policy",
	 {{"concerns-arise.any", "yes"}, {"concerns-arise.resolved", "no"}},
	 {"act.escalation-policy"},
	 {NULL},
	 "team-manager",
	 CORE_URG_N},
	{"a_dangerous_address_is_relayed_and_risk_assessments_updated",
	 {{"concerns-arise.dangerous", "yes"}},
	 {"act.dangerous-relay", "act.dangerous-assessments"},
	 {NULL},
	 NULL,
	 CORE_URG_N},
	{"a_child_not_seen_alone_is_followed_up_with_the_manager",
	 {{"outcome.access", "yes"}, {"seen.alone", "no"}},
	 {"act.not-seen-alone"},
	 {NULL},
	 NULL,
	 CORE_URG_N},
};

static bool fired(const struct core_eval *ev, const char *id)
{
	size_t i;

	for (i = 0; i < ev->nfired; i++)
		if (strcmp(rb->actions[ev->fired[i].action].id, id) == 0)
			return true;
	return false;
}

static void guidance_case(void **state)
{
	const struct guidance_case *c = *state;
	struct core_answer *answers = xcalloc(rb->nquestions, sizeof(*answers));
	struct core_visit visit = {"announced", 0, 0};
	struct core_eval ev;
	size_t i;

	for (i = 0; i < 16 && c->answers[i][0] != NULL; i++) {
		int qi = core_question_index(rb, c->answers[i][0]);

		if (qi < 0)
			print_error("no question %s\n", c->answers[i][0]);
		assert_true(qi >= 0);
		answers[qi].value = c->answers[i][1];
	}
	core_evaluate(rb, &visit, answers, &ev);
	for (i = 0; i < 8 && c->fires[i] != NULL; i++) {
		if (!fired(&ev, c->fires[i]))
			print_error("%s did not fire\n", c->fires[i]);
		assert_true(fired(&ev, c->fires[i]));
	}
	for (i = 0; i < 8 && c->not_fires[i] != NULL; i++) {
		if (fired(&ev, c->not_fires[i]))
			print_error("%s fired\n", c->not_fires[i]);
		assert_false(fired(&ev, c->not_fires[i]));
	}
	if (c->escalation != NULL)
		assert_string_equal(rb->levels[ev.escalation].id, c->escalation);
	if (c->urgency != CORE_URG_N)
		assert_int_equal(ev.urgency, c->urgency);
	core_eval_free(&ev);
	free(answers);
}

static void a_failed_visit_needs_the_next_contact_date_and_time(void **state)
{
	struct core_answer *answers = xcalloc(rb->nquestions, sizeof(*answers));
	struct core_visit visit = {"announced", 0, 0};
	struct core_eval ev;
	int next = core_question_index(rb, "fa.next-contact");
	size_t i;
	bool missing = false;

	(void)state;
	answers[core_question_index(rb, "outcome.access")].value = "no";
	core_evaluate(rb, &visit, answers, &ev);
	for (i = 0; i < ev.nmissing; i++)
		missing = missing || ev.missing[i] == next;
	assert_true(missing);
	assert_int_equal(rb->record_q[CORE_REC_NEXT_CONTACT], next);
	core_eval_free(&ev);
	free(answers);
}

static void the_failed_access_procedure_has_darlingtons_steps_in_order(void **state)
{
	static const char *const steps[] = {"fa.door",     "fa.contact", "fa.manager", "fa.agencies",
					    "fa.address", "fa.revisit", "fa.letter",  "fa.record"};
	const struct core_procedure *p = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < rb->nprocedures; i++)
		if (strcmp(rb->procedures[i].id, "failed-access") == 0)
			p = &rb->procedures[i];
	assert_non_null(p);
	assert_int_equal(p->count, sizeof(steps) / sizeof(steps[0]));
	for (i = 0; i < p->count; i++) {
		assert_string_equal(rb->sections[p->first + i].id, steps[i]);
		assert_int_equal(rb->sections[p->first + i].step, (int)i + 1);
		assert_string_equal(rb->sections[p->first + i].src.doc, "darlington");
	}
}

static void the_escalation_ladder_climbs_from_team_manager_to_the_police(void **state)
{
	static const char *const rungs[] = {"none", "team-manager", "service-manager", "police",
					    "emergency"};
	size_t i;

	(void)state;
	assert_int_equal(rb->nlevels, 5);
	for (i = 0; i < 5; i++)
		assert_string_equal(rb->levels[i].id, rungs[i]);
}

/* ---- every question can be shown, every action can fire ---- */

static unsigned rnd(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 16;
}

/* A value of the question's type. */
static const char *some_value(const struct core_question *q)
{
	switch (q->type) {
	case CORE_Q_YESNO:
		return "yes";
	case CORE_Q_CHOICE:
	case CORE_Q_MULTI:
		return q->options[0].id;
	case CORE_Q_DATE:
		return "2026-12-01";
	case CORE_Q_TIME:
		return "10:00";
	case CORE_Q_DATETIME:
		return "2026-12-01 10:00";
	case CORE_Q_PEOPLE:
		return "Test Person\tmother\tyes\tyes";
	default:
		return "some text";
	}
}

static void satisfy(const struct core_cond *c, char **answers, struct core_visit *visit,
		    unsigned *seed, int depth);

/* Makes question qi shown: its own condition, its section's and its procedure's. */
static void show(int qi, char **answers, struct core_visit *visit, unsigned *seed, int depth)
{
	const struct core_question *q = &rb->questions[qi];
	const struct core_section *s = &rb->sections[q->section];

	if (depth > 40)
		return;
	if (s->procedure >= 0)
		satisfy(rb->procedures[s->procedure].when, answers, visit, seed, depth + 1);
	satisfy(s->when, answers, visit, seed, depth + 1);
	satisfy(q->when, answers, visit, seed, depth + 1);
}

static void set(char **answers, int qi, const char *v)
{
	free(answers[qi]);
	answers[qi] = xstrdup(v);
}

static void satisfy(const struct core_cond *c, char **answers, struct core_visit *visit,
		    unsigned *seed, int depth)
{
	size_t i;

	if (c == NULL || depth > 40)
		return;
	switch (c->kind) {
	case CORE_C_ALL:
		for (i = 0; i < c->nkids; i++)
			satisfy(&c->kids[i], answers, visit, seed, depth + 1);
		return;
	case CORE_C_ANY:
		satisfy(&c->kids[rnd(seed) % c->nkids], answers, visit, seed, depth + 1);
		return;
	case CORE_C_NOT:
		return; /* unanswered usually makes the inner condition false */
	default:
		break;
	}
	if (c->question == CORE_Q_VISIT_KIND) {
		visit->kind = c->values[0];
		return;
	}
	show(c->question, answers, visit, seed, depth + 1);
	switch (c->kind) {
	case CORE_C_EQUALS:
	case CORE_C_INCLUDES:
		set(answers, c->question, c->values[0]);
		break;
	case CORE_C_ONE_OF:
		set(answers, c->question, c->values[rnd(seed) % c->nvalues]);
		break;
	case CORE_C_ANSWERED:
		set(answers, c->question, some_value(&rb->questions[c->question]));
		break;
	case CORE_C_PERSON: {
		char *v = xasprintf("Test Person\tmother\t%s\t%s", c->present ? c->present : "yes",
				    c->risk ? c->risk : "yes");

		free(answers[c->question]);
		answers[c->question] = v;
		break;
	}
	default:
		break;
	}
}

/* Tries random ways through the 'any' conditions until the target holds. */
static bool reachable(const struct core_cond *when, int question, int action)
{
	unsigned seed = 7;
	int attempt;

	for (attempt = 0; attempt < 200; attempt++) {
		char **answers = xcalloc(rb->nquestions, sizeof(char *));
		struct core_answer *a = xcalloc(rb->nquestions, sizeof(*a));
		struct core_visit visit = {"announced", 0, 0};
		struct core_eval ev;
		bool ok;
		size_t i;

		if (question >= 0)
			show(question, answers, &visit, &seed, 0);
		else
			satisfy(when, answers, &visit, &seed, 0);
		for (i = 0; i < rb->nquestions; i++)
			a[i].value = answers[i];
		core_evaluate(rb, &visit, a, &ev);
		if (question >= 0)
			ok = ev.shown[question];
		else
			ok = fired(&ev, rb->actions[action].id);
		core_eval_free(&ev);
		for (i = 0; i < rb->nquestions; i++)
			free(answers[i]);
		free(answers);
		free(a);
		if (ok)
			return true;
	}
	return false;
}

static void every_question_can_be_shown(void **state)
{
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < rb->nquestions; i++)
		if (!reachable(NULL, (int)i, -1)) {
			print_error("question %s can never be shown\n", rb->questions[i].id);
			bad++;
		}
	assert_int_equal(bad, 0);
}

static void every_action_can_fire(void **state)
{
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < rb->nactions; i++)
		if (!reachable(rb->actions[i].when, -1, (int)i)) {
			print_error("action %s can never fire\n", rb->actions[i].id);
			bad++;
		}
	assert_int_equal(bad, 0);
}

int main(void)
{
	size_t n = sizeof(cases) / sizeof(cases[0]), i;
	struct CMUnitTest *tests = xcalloc(n + 5, sizeof(*tests));
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(a_failed_visit_needs_the_next_contact_date_and_time),
		cmocka_unit_test(the_failed_access_procedure_has_darlingtons_steps_in_order),
		cmocka_unit_test(the_escalation_ladder_climbs_from_team_manager_to_the_police),
		cmocka_unit_test(every_question_can_be_shown),
		cmocka_unit_test(every_action_can_fire),
	};
	int rc;

	tu_chdir_srcdir();
	for (i = 0; i < n; i++) {
		tests[i].name = cases[i].name;
		tests[i].test_func = guidance_case;
		tests[i].initial_state = (void *)&cases[i];
	}
	memcpy(tests + n, fixed, sizeof(fixed));
	rc = _cmocka_run_group_tests("guidance", tests, n + 5, setup, teardown);
	free(tests);
	return rc;
}
