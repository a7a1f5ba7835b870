/* engine.c — which questions are shown, what is missing, which actions and
 * risks fire, and how far a record escalates. One forward pass over the rulebook. */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "util.h"

static bool blank(const char *s)
{
	if (s == NULL)
		return true;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == '\0';
}

/* The answer to question qi as the engine sees it: NULL if unanswered or not shown. */
static const char *value_of(const struct core_answer *answers, const bool *shown, int qi)
{
	if (qi < 0 || !shown[qi] || answers == NULL || blank(answers[qi].value))
		return NULL;
	return answers[qi].value;
}

static bool person_matches(const char *value, const char *present, const char *risk)
{
	struct core_person *people;
	size_t n = core_people_parse(value, &people), i;
	bool hit = false;

	for (i = 0; i < n && !hit; i++)
		hit = (present == NULL || strcmp(people[i].present, present) == 0) &&
		      (risk == NULL || strcmp(people[i].risk, risk) == 0);
	core_people_free(people, n);
	return hit;
}

bool core_cond_eval(const struct core_rulebook *rb, const struct core_cond *c,
		    const struct core_visit *visit, const struct core_answer *answers,
		    const bool *shown)
{
	const char *v;
	size_t i;

	(void)rb;
	if (c == NULL)
		return true;
	switch (c->kind) {
	case CORE_C_ALL:
		for (i = 0; i < c->nkids; i++)
			if (!core_cond_eval(rb, &c->kids[i], visit, answers, shown))
				return false;
		return true;
	case CORE_C_ANY:
		for (i = 0; i < c->nkids; i++)
			if (core_cond_eval(rb, &c->kids[i], visit, answers, shown))
				return true;
		return false;
	case CORE_C_NOT:
		return !core_cond_eval(rb, c->kids, visit, answers, shown);
	default:
		break;
	}
	if (c->question == CORE_Q_VISIT_KIND)
		v = visit != NULL && !blank(visit->kind) ? visit->kind : NULL;
	else
		v = value_of(answers, shown, c->question);
	if (v == NULL)
		return false;
	switch (c->kind) {
	case CORE_C_ANSWERED:
		return true;
	case CORE_C_EQUALS:
		return strcmp(v, c->values[0]) == 0;
	case CORE_C_ONE_OF:
		for (i = 0; i < c->nvalues; i++)
			if (strcmp(v, c->values[i]) == 0)
				return true;
		return false;
	case CORE_C_INCLUDES:
		return core_multi_has(v, c->values[0]);
	case CORE_C_PERSON:
		return person_matches(v, c->present, c->risk);
	default:
		return false;
	}
}

bool core_answer_needs_reason(const struct core_question *q, const char *value)
{
	size_t i;

	if (value == NULL)
		return false;
	for (i = 0; i < q->nreason_if; i++)
		if (strcmp(q->reason_if[i], value) == 0)
			return true;
	return false;
}

bool core_answer_complete(const struct core_question *q, const struct core_answer *a)
{
	if (a == NULL || blank(a->value))
		return false;
	if (core_answer_needs_reason(q, a->value) && blank(a->reason))
		return false;
	return true;
}

static time_t end_of_day(time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return t;
	tm.tm_hour = 23;
	tm.tm_min = 59;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

time_t core_action_due(const struct core_rulebook *rb, const struct core_action *a,
		       const struct core_visit *visit, const struct core_answer *answers,
		       const bool *shown)
{
	time_t planned = visit ? visit->planned : 0, base = planned;
	const char *v;

	switch (a->due.from) {
	case CORE_FROM_PLANNED:
		break;
	case CORE_FROM_OUTCOME:
		if (visit != NULL && visit->outcome != 0)
			base = visit->outcome;
		break;
	case CORE_FROM_QUESTION:
		v = value_of(answers, shown, a->due.question);
		if (v != NULL) {
			time_t t;

			if (core_time_from_text(v, rb->questions[a->due.question].type, planned, &t))
				base = t;
		}
		break;
	}
	if (a->due.kind == CORE_DUE_BEFORE_VISIT)
		return planned;
	if (base == 0)
		return 0;
	switch (a->due.kind) {
	case CORE_DUE_SAME_DAY:
		return end_of_day(base);
	case CORE_DUE_OFFSET:
		return base + a->due.offset;
	default:
		return base;
	}
}

void core_evaluate(const struct core_rulebook *rb, const struct core_visit *visit,
		   const struct core_answer *answers, struct core_eval *out)
{
	bool *proc_shown;
	size_t s, i;

	memset(out, 0, sizeof(*out));
	out->shown = xcalloc(rb->nquestions ? rb->nquestions : 1, sizeof(bool));
	out->section_shown = xcalloc(rb->nsections ? rb->nsections : 1, sizeof(bool));
	out->missing = xcalloc(rb->nquestions ? rb->nquestions : 1, sizeof(int));
	out->fired = xcalloc(rb->nactions ? rb->nactions : 1, sizeof(*out->fired));
	out->risks = xcalloc(rb->nrisks ? rb->nrisks : 1, sizeof(int));
	proc_shown = xcalloc(rb->nprocedures ? rb->nprocedures : 1, sizeof(bool));

	/* Conditions only look backwards, so one pass in asking order settles
	 * every question before anything that depends on it. */
	for (s = 0; s < rb->nsections; s++) {
		const struct core_section *sec = &rb->sections[s];
		bool on = true;

		if (sec->procedure >= 0) {
			const struct core_procedure *p = &rb->procedures[sec->procedure];

			if (p->first == s)
				proc_shown[sec->procedure] =
					core_cond_eval(rb, p->when, visit, answers, out->shown);
			on = proc_shown[sec->procedure];
		}
		on = on && core_cond_eval(rb, sec->when, visit, answers, out->shown);
		out->section_shown[s] = on;
		for (i = sec->first; i < sec->first + sec->count; i++) {
			const struct core_question *q = &rb->questions[i];

			out->shown[i] = on && core_cond_eval(rb, q->when, visit, answers, out->shown);
			if (out->shown[i] && q->required &&
			    !core_answer_complete(q, answers ? &answers[i] : NULL))
				out->missing[out->nmissing++] = (int)i;
		}
	}
	free(proc_shown);

	for (i = 0; i < rb->nactions; i++) {
		const struct core_action *a = &rb->actions[i];

		/* What was to be done before the visit no longer applies once it
		 * has taken place. */
		if (a->urgency == CORE_URG_BEFORE_VISIT && visit != NULL && visit->outcome != 0)
			continue;
		if (!core_cond_eval(rb, a->when, visit, answers, out->shown))
			continue;
		out->fired[out->nfired].action = (int)i;
		out->fired[out->nfired].due = core_action_due(rb, a, visit, answers, out->shown);
		out->nfired++;
		if (a->escalation > out->escalation)
			out->escalation = a->escalation;
		if (a->urgency > out->urgency)
			out->urgency = a->urgency;
	}
	for (i = 0; i < rb->nrisks; i++)
		if (core_cond_eval(rb, rb->risks[i].when, visit, answers, out->shown))
			out->risks[out->nrisks++] = (int)i;
}

void core_eval_free(struct core_eval *ev)
{
	free(ev->shown);
	free(ev->section_shown);
	free(ev->missing);
	free(ev->fired);
	free(ev->risks);
	memset(ev, 0, sizeof(*ev));
}

enum core_section_state core_section_state(const struct core_rulebook *rb,
					   const struct core_eval *ev,
					   const struct core_answer *answers, size_t section)
{
	const struct core_section *s = &rb->sections[section];
	bool any_shown = false, any_answered = false, missing = false;
	size_t i;

	if (!ev->section_shown[section])
		return CORE_SEC_NA;
	for (i = s->first; i < s->first + s->count; i++) {
		const struct core_question *q = &rb->questions[i];

		if (!ev->shown[i])
			continue;
		any_shown = true;
		if (answers != NULL && !blank(answers[i].value))
			any_answered = true;
		if (q->required && !core_answer_complete(q, answers ? &answers[i] : NULL))
			missing = true;
	}
	if (!any_shown)
		return CORE_SEC_NA;
	if (missing)
		return CORE_SEC_MISSING;
	return any_answered ? CORE_SEC_DONE : CORE_SEC_EMPTY;
}
