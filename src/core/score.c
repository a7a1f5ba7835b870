/* score.c — a training attempt against what its scenario expects: the
 * actions taken, missed and wrongly taken, and whether the escalation is right. */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "util.h"

static bool fired(const struct core_eval *ev, int action)
{
	size_t i;

	for (i = 0; i < ev->nfired; i++)
		if (ev->fired[i].action == action)
			return true;
	return false;
}

void core_score(const struct core_rulebook *rb, const struct core_scenario *sc,
		const struct core_eval *ev, struct core_score *out)
{
	size_t i;

	(void)rb;
	memset(out, 0, sizeof(*out));
	out->missed_actions = xcalloc(sc->nexpect ? sc->nexpect : 1, sizeof(int));
	out->wrong_actions = xcalloc(sc->nwrong ? sc->nwrong : 1, sizeof(int));
	for (i = 0; i < sc->nexpect; i++) {
		if (fired(ev, sc->expect[i]))
			out->taken++;
		else
			out->missed_actions[out->missed++] = sc->expect[i];
	}
	for (i = 0; i < sc->nwrong; i++)
		if (fired(ev, sc->wrong[i]))
			out->wrong_actions[out->wrong++] = sc->wrong[i];
	out->escalation = ev->escalation;
	out->escalation_right = ev->escalation == sc->escalation;
	out->out_of = (int)sc->nexpect + 1;
	out->score = (int)out->taken + (out->escalation_right ? 1 : 0) - (int)out->wrong;
	if (out->score < 0)
		out->score = 0;
}

void core_score_free(struct core_score *s)
{
	free(s->missed_actions);
	free(s->wrong_actions);
	memset(s, 0, sizeof(*s));
}

bool core_fact_known(const struct core_rulebook *rb, const struct core_fact *f,
		     const struct core_visit *visit, const struct core_answer *answers,
		     const bool *shown)
{
	return f->when == NULL || core_cond_eval(rb, f->when, visit, answers, shown);
}

void core_scenario_free(struct core_scenario *sc)
{
	if (sc == NULL)
		return;
	arena_free(sc->arena);
	free(sc);
}

const char *core_preset_value(const struct core_question *q, const struct core_preset *p,
			      time_t now, char buf[17])
{
	char msg[8];

	if (core_value_check(q, p->value, NULL, 0))
		return p->value;
	if (q->type == CORE_Q_DATE && core_date_parse(p->value, now, buf, msg, 0))
		return buf;
	if (q->type == CORE_Q_DATETIME && core_datetime_parse(p->value, now, buf, msg, 0))
		return buf;
	if (q->type == CORE_Q_TIME && core_time_parse(p->value, buf, msg, 0))
		return buf;
	return p->value;
}

void core_scenario_play(const struct core_rulebook *rb, const struct core_scenario *sc,
			const struct core_preset *over, size_t nover, time_t now,
			struct core_eval *ev)
{
	struct core_answer *answers = xcalloc(rb->nquestions ? rb->nquestions : 1, sizeof(*answers));
	char (*bufs)[17] = xcalloc(rb->nquestions ? rb->nquestions : 1, sizeof(*bufs));
	const struct core_preset *lists[3] = {sc->answers, sc->correct, over};
	size_t counts[3] = {sc->nanswers, sc->ncorrect, nover}, i, l;
	struct core_visit visit = {sc->kind, 0, 0};
	char canon[17];

	/* The scenario's answers, the correct run's on top, then the changes. */
	for (l = 0; l < 3; l++)
		for (i = 0; i < counts[l]; i++) {
			const struct core_preset *p = &lists[l][i];

			answers[p->question].value =
				core_preset_value(&rb->questions[p->question], p, now, bufs[p->question]);
			answers[p->question].reason = p->reason;
		}
	if (sc->planned_at != NULL && core_datetime_parse(sc->planned_at, now, canon, NULL, 0))
		core_time_from_text(canon, CORE_Q_DATETIME, 0, &visit.planned);
	if (sc->stage == CORE_STAGE_OUTCOME && visit.planned != 0)
		visit.outcome = visit.planned + 3600;
	core_evaluate(rb, &visit, answers, ev);
	free(answers);
	free(bufs);
}

void core_scenario_run(const struct core_rulebook *rb, const struct core_scenario *sc,
		       const struct core_preset *over, size_t nover, time_t now,
		       struct core_score *out)
{
	struct core_eval ev;

	core_scenario_play(rb, sc, over, nover, now, &ev);
	core_score(rb, sc, &ev, out);
	core_eval_free(&ev);
}
