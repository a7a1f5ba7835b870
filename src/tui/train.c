/* train.c — `homevisit train` and the menu's "Training": pick a scenario, name
 * the trainee, walk the real screens with the story beside them, then the
 * score and the debrief. Attempts go to the training database only. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report.h"
#include "screens.h"

struct training {
	const struct tui_opts *opts;
	struct store *st;                /* the training database */
	struct core_scenario **list;
	size_t n;
};

static void tell_error(const char *title, struct hv_error *err)
{
	char *text = hv_error_text(err);

	tui_tell(NULL, title, text);
	free(text);
	hv_error_clear(err);
}

static const struct core_scenario *choose(struct training *t)
{
	const char **items;
	size_t i, sel = 0;
	bool ok;

	if (t->opts->scenario != NULL) {
		for (i = 0; i < t->n; i++)
			if (strcmp(t->list[i]->id, t->opts->scenario) == 0 ||
			    strcmp(t->list[i]->path, t->opts->scenario) == 0)
				return t->list[i];
		tui_tell(NULL, "No such scenario",
			 "That scenario is not among those found; 'homevisit scenario check' lists "
			 "them and any problems.");
		return NULL;
	}
	items = xcalloc(t->n, sizeof(char *));
	for (i = 0; i < t->n; i++)
		items[i] = xasprintf("%s  (%s; %s)", t->list[i]->title,
				     t->list[i]->stage == CORE_STAGE_PLAN ? "planning" : "outcome",
				     t->list[i]->id);
	ok = tui_pick(NULL, "TRAINING: choose a scenario", items, t->n, &sel);
	for (i = 0; i < t->n; i++)
		free((char *)items[i]);
	free(items);
	return ok ? t->list[sel] : NULL;
}

/* The story, the goals and what is asked, before the trainee starts. */
static bool introduce(const struct core_scenario *sc)
{
	struct tui_view v;
	struct strbuf sb;
	size_t i;
	bool go = false;

	sb_init(&sb);
	sb_addf(&sb, "%s\n\n%s\n\nGoals:\n", sc->title, sc->narrative);
	for (i = 0; i < sc->ngoals; i++)
		sb_addf(&sb, "  - %s\n", sc->goals[i]);
	sb_addf(&sb, "\n%s\n\nPress Enter to start, Esc to go back.",
		sc->stage == CORE_STAGE_PLAN
			? "You plan this visit: answer the questions as you would for a real one."
			: "The visit is planned. Record what happened: answer as you would for a real "
			  "visit. What you learn as you go appears beside the questions.");
	memset(&v, 0, sizeof(v));
	v.title = "TRAINING: the scenario";
	v.hints = "Enter start   Esc back";
	v.text = sb.s;
	for (;;) {
		struct tui_key k;

		/* A small loop of its own: Enter starts, Esc goes back. */
		erase();
		if (!tui_too_small()) {
			tui_frame(v.title, v.hints);
			tui_put_wrapped(2, 2, COLS - 4, 0, LINES - 4, v.text);
		}
		refresh();
		k = tui_getkey();
		if ((!k.is_code && (k.ch == '\r' || k.ch == '\n')) || (k.is_code && k.ch == KEY_ENTER)) {
			go = true;
			break;
		}
		if (!k.is_code && (k.ch == 27 || k.ch == 'q'))
			break;
	}
	sb_free(&sb);
	return go;
}

/* The attempt's record: the scenario's visit and its answers, in the
 * training database; for an outcome scenario the plan is confirmed. */
static struct visit *set_up(struct training *t, const struct core_scenario *sc, const char *trainee,
			    struct hv_error *err)
{
	const struct core_rulebook *rb = t->opts->rb;
	struct store_visit d;
	struct visit *vs = NULL;
	char planned[17] = "";
	size_t i;

	memset(&d, 0, sizeof(d));
	d.case_ref = (char *)sc->case_ref;
	d.practitioner = (char *)trainee;
	d.agency = (char *)sc->agency;
	d.address = (char *)sc->address;
	d.children = (char *)sc->children;
	d.purpose = (char *)sc->purpose;
	d.kind = (char *)sc->kind;
	if (core_datetime_parse(sc->planned_at, time(NULL), planned, NULL, 0))
		d.planned_at = planned;
	if (visit_create(t->st, rb, &d, trainee, &vs, err) != HV_OK)
		return NULL;
	vs->training = true;
	for (i = 0; i < sc->nanswers; i++) {
		char buf[17];
		const struct core_preset *p = &sc->answers[i];
		const char *value = core_preset_value(&rb->questions[p->question], p, time(NULL), buf);

		if (visit_answer(vs, rb->questions[p->question].id, value, p->reason, NULL, err) !=
		    HV_OK) {
			visit_free(vs);
			return NULL;
		}
	}
	if (sc->stage == CORE_STAGE_OUTCOME && visit_finish_plan(vs, err) != HV_OK) {
		visit_free(vs);
		return NULL;
	}
	return vs;
}

static char *ids(const struct core_rulebook *rb, const int *v, size_t n)
{
	struct strbuf sb;
	size_t i;

	sb_init(&sb);
	for (i = 0; i < n; i++)
		sb_addf(&sb, "%s%s", i ? "," : "", rb->actions[v[i]].id);
	return sb_take(&sb);
}

static void debrief(struct training *t, const struct core_scenario *sc, struct visit *vs,
		    int64_t attempt, const char *trainee)
{
	const struct core_rulebook *rb = t->opts->rb;
	struct core_score s;
	struct hv_error err;
	struct tui_view v;
	char *text = NULL, *missed, *wrong;
	size_t len = 0;
	FILE *fp;

	core_score(rb, sc, &vs->ev, &s);
	missed = ids(rb, s.missed_actions, s.missed);
	wrong = ids(rb, s.wrong_actions, s.wrong);
	hv_error_init(&err);
	if (store_attempt_finish(t->st, attempt, s.score, s.out_of, s.escalation_right, missed, wrong,
				 &err) != HV_OK)
		tell_error("The score could not be saved", &err);
	fp = open_memstream(&text, &len);
	if (fp == NULL)
		hv_fatal("out of memory");
	report_debrief(fp, rb, sc, &s, trainee);
	fclose(fp);
	memset(&v, 0, sizeof(v));
	v.title = "TRAINING: score and debrief";
	v.hints = "Up/Down scroll   Esc done";
	v.text = text;
	tui_view_run(&v);
	free(text);
	free(missed);
	free(wrong);
	core_score_free(&s);
}

static void attempt(struct training *t, const struct core_scenario *sc)
{
	struct hv_error err;
	struct visit *vs;
	char *trainee = NULL, title[160];
	int64_t id = 0;

	if (!tui_ask_line(NULL, "TRAINING: the trainee", "The trainee's name:", "", &trainee) ||
	    trainee[0] == '\0') {
		free(trainee);
		return;
	}
	if (!introduce(sc)) {
		free(trainee);
		return;
	}
	hv_error_init(&err);
	vs = set_up(t, sc, trainee, &err);
	if (vs == NULL || store_attempt_start(t->st, vs->v.id, sc->id, sc->title, trainee, &id, &err) !=
				  HV_OK) {
		tell_error("The attempt could not be started", &err);
		visit_free(vs);
		free(trainee);
		return;
	}
	snprintf(title, sizeof(title), "TRAINING: %s",
		 sc->stage == CORE_STAGE_PLAN ? "Plan a visit" : "Record an outcome");
	if (wizard_run(t->opts, vs, sc->stage, title, sc) == WIZARD_FINISHED)
		debrief(t, sc, vs, id, trainee);
	else
		tui_tell(NULL, "TRAINING: not finished",
			 "The attempt is kept as it is, unscored: 'homevisit train --results' lists it.");
	visit_free(vs);
	free(trainee);
}

int tui_train_run(const struct tui_opts *opts)
{
	bool started = tui_active();
	struct training t;
	size_t i;

	if (!started && !tui_start())
		return HV_EUNAVAILABLE;
	memset(&t, 0, sizeof(t));
	t.opts = opts;
	t.list = opts->load_scenarios ? opts->load_scenarios(opts->ctx, &t.n) : NULL;
	t.st = t.n > 0 && opts->open_training ? opts->open_training(opts->ctx) : NULL;
	if (t.n == 0) {
		tui_tell(NULL, "Training",
			 "No training scenarios were found for the rule file in use "
			 "('homevisit scenario check' says why).");
	} else if (t.st == NULL) {
		tui_tell(NULL, "Training", "The training database cannot be opened.");
	} else {
		const struct core_scenario *sc;

		while ((sc = choose(&t)) != NULL) {
			attempt(&t, sc);
			if (opts->scenario != NULL)
				break;
		}
	}
	for (i = 0; i < t.n; i++)
		core_scenario_free(t.list[i]);
	free(t.list);
	store_close(t.st);
	if (!started) {
		tui_stop();
		return tui_end_status();
	}
	return HV_OK;
}
