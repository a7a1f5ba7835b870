/* cmd-scenario.c — `homevisit scenario check [FILE...]`: each training scenario
 * checked against the rule file, then its two scripted runs played through the
 * engine: the correct one must score full marks, the other miss exactly what
 * it says. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "rules.h"

static bool same_set(const int *a, size_t na, const int *b, size_t nb)
{
	size_t i, j;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && a[i] != b[j]; j++)
			;
		if (j == nb)
			return false;
	}
	return true;
}

static void list_ids(const struct core_rulebook *rb, const int *v, size_t n, struct strbuf *sb)
{
	size_t i;

	if (n == 0)
		sb_adds(sb, "none");
	for (i = 0; i < n; i++)
		sb_addf(sb, "%s%s", i ? ", " : "", rb->actions[v[i]].id);
}

/* The answers a scenario gives before the trainee starts must be answers the
 * rulebook asks with them; an outcome scenario's must complete the plan. */
static void check_given(const struct core_rulebook *rb, const struct core_scenario *sc,
			struct hv_error *err)
{
	struct core_answer *answers = xcalloc(rb->nquestions ? rb->nquestions : 1, sizeof(*answers));
	char (*bufs)[17] = xcalloc(rb->nquestions ? rb->nquestions : 1, sizeof(*bufs));
	struct core_visit visit = {sc->kind, 0, 0};
	struct core_eval ev;
	size_t i;

	for (i = 0; i < sc->nanswers; i++) {
		const struct core_preset *p = &sc->answers[i];

		answers[p->question].value =
			core_preset_value(&rb->questions[p->question], p, time(NULL), bufs[p->question]);
		answers[p->question].reason = p->reason;
	}
	core_evaluate(rb, &visit, answers, &ev);
	for (i = 0; i < sc->nanswers; i++)
		if (!ev.shown[sc->answers[i].question])
			hv_error_add(err, HV_EDATA, sc->path, 0, 0,
				     "'answers' gives '%s', which is not asked with the other answers",
				     rb->questions[sc->answers[i].question].id);
	for (i = 0; sc->stage == CORE_STAGE_OUTCOME && i < ev.nmissing; i++) {
		const struct core_question *q = &rb->questions[ev.missing[i]];

		if (rb->sections[q->section].stage == CORE_STAGE_PLAN)
			hv_error_add(err, HV_EDATA, sc->path, 0, 0,
				     "an outcome scenario's 'answers' complete the plan, and '%s' is required",
				     q->id);
	}
	core_eval_free(&ev);
	free(answers);
	free(bufs);
}

/* The correct run is a whole record, as the trainee would have to give it:
 * every answer it gives is asked, and nothing its stage requires is missing. */
static void check_correct_complete(const struct core_rulebook *rb, const struct core_scenario *sc,
				   struct hv_error *err)
{
	struct core_eval ev;
	size_t i;

	core_scenario_play(rb, sc, NULL, 0, time(NULL), &ev);
	for (i = 0; i < sc->ncorrect; i++)
		if (!ev.shown[sc->correct[i].question])
			hv_error_add(err, HV_EDATA, sc->path, 0, 0,
				     "'check: correct' answers '%s', which is not asked with its other answers",
				     rb->questions[sc->correct[i].question].id);
	for (i = 0; i < ev.nmissing; i++) {
		const struct core_question *q = &rb->questions[ev.missing[i]];

		if (rb->sections[q->section].stage <= sc->stage)
			hv_error_add(err, HV_EDATA, sc->path, 0, 0,
				     "'check: correct' leaves the required question '%s' unanswered",
				     q->id);
	}
	core_eval_free(&ev);
}

/* Plays the scripted runs; reports what does not come out as the file says. */
int cli_scenario_verify(const struct core_rulebook *rb, const struct core_scenario *sc,
			struct hv_error *err)
{
	struct core_score s;
	struct strbuf a, b;

	check_given(rb, sc, err);
	check_correct_complete(rb, sc, err);
	core_scenario_run(rb, sc, NULL, 0, time(NULL), &s);
	if (s.score != s.out_of) {
		sb_init(&a);
		list_ids(rb, s.missed_actions, s.missed, &a);
		sb_init(&b);
		list_ids(rb, s.wrong_actions, s.wrong, &b);
		hv_error_add(err, HV_EDATA, sc->path, 0, 0,
			     "the correct run scores %d of %d (missed: %s; wrong: %s; escalation %s, expected %s)",
			     s.score, s.out_of, a.s, b.s, rb->levels[s.escalation].id,
			     sc->escalation >= 0 ? rb->levels[sc->escalation].id : "?");
		sb_free(&a);
		sb_free(&b);
	}
	core_score_free(&s);
	core_scenario_run(rb, sc, sc->skip, sc->nskip, time(NULL), &s);
	if (!same_set(s.missed_actions, s.missed, sc->skip_misses, sc->nskip_misses) ||
	    !same_set(s.wrong_actions, s.wrong, sc->skip_wrong, sc->nskip_wrong)) {
		sb_init(&a);
		list_ids(rb, s.missed_actions, s.missed, &a);
		sb_init(&b);
		list_ids(rb, s.wrong_actions, s.wrong, &b);
		hv_error_add(err, HV_EDATA, sc->path, 0, 0,
			     "the run that skips the key step misses %s and takes wrongly %s, not what 'check: skip' says",
			     a.s, b.s);
		sb_free(&a);
		sb_free(&b);
	}
	core_score_free(&s);
	return err->status;
}

static int check_one(const struct core_rulebook *rb, const char *path)
{
	struct core_scenario *sc;
	struct hv_error err;
	int rc;

	hv_error_init(&err);
	rc = rules_scenario_load(path, rb, &sc, &err);
	if (rc == HV_OK) {
		rc = cli_scenario_verify(rb, sc, &err);
		if (rc == HV_OK)
			printf("%s: ok: %s: %zu expected actions, %zu facts, escalation %s\n", path, sc->id,
			       sc->nexpect, sc->nfacts, rb->levels[sc->escalation].id);
		core_scenario_free(sc);
	}
	hv_error_print(&err, stderr);
	hv_error_clear(&err);
	return rc;
}

static int cmd_scenario_check(struct cli *cli, int argc, char **argv)
{
	struct core_rulebook *rb;
	int rc, worst = HV_OK, i;

	for (i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage(&cmd_scenario_check_entry, "unknown option '%s'", argv[i]);
	if ((rc = cli_load_rules(cli_rules_path(cli), &rb)) != HV_OK)
		return rc;
	if (argc > 1) {
		for (i = 1; i < argc; i++)
			if ((rc = check_one(rb, argv[i])) != HV_OK && worst == HV_OK)
				worst = rc;
	} else {
		char **paths;
		size_t n = cli_scenario_files(&paths), k;

		if (n == 0) {
			cli_warn("no scenarios found in %s", cli_scenario_dir());
			worst = HV_ENOINPUT;
		}
		for (k = 0; k < n; k++) {
			if ((rc = check_one(rb, paths[k])) != HV_OK && worst == HV_OK)
				worst = rc;
			free(paths[k]);
		}
		free(paths);
	}
	core_rulebook_free(rb);
	return worst;
}

const struct cmd_entry cmd_scenario_check_entry = {
	"scenario check", "[FILE...]", "check training scenarios and play their scripted runs",
	cmd_scenario_check,
};
