/* debrief.c — a training attempt's score and debrief: for each expected action
 * missed and each wrong one taken, what the guidance says and where. */
#include <string.h>

#include "report.h"

static void source(FILE *fp, const struct core_rulebook *rb, const struct core_source *s)
{
	const struct core_doc *d = core_doc_find(rb, s->doc);

	fprintf(fp, "(%s, page %d)", d ? d->title : s->doc, s->page);
}

static void notes_about(FILE *fp, const struct core_rulebook *rb, const struct core_scenario *sc,
			int action)
{
	size_t i;

	for (i = 0; i < sc->nnotes; i++)
		if (sc->notes[i].about == action) {
			fprintf(fp, "    %s ", sc->notes[i].text);
			source(fp, rb, &sc->notes[i].src);
			fputc('\n', fp);
		}
}

static void action(FILE *fp, const struct core_rulebook *rb, const struct core_scenario *sc,
		   int a)
{
	const struct core_action *act = &rb->actions[a];

	fprintf(fp, "  - %s\n    The guidance: %s ", act->text, act->guidance);
	source(fp, rb, &act->src);
	fputc('\n', fp);
	notes_about(fp, rb, sc, a);
}

void report_debrief(FILE *fp, const struct core_rulebook *rb, const struct core_scenario *sc,
		    const struct core_score *s, const char *trainee)
{
	size_t i;
	bool general = false;

	fprintf(fp, "TRAINING: %s\n\nTrainee: %s\nScore: %d of %d\n\n", sc->title, trainee, s->score,
		s->out_of);
	fprintf(fp, "Expected actions taken: %zu of %zu\n", s->taken, s->taken + s->missed);
	fprintf(fp, "Wrong actions taken: %zu\n", s->wrong);
	fprintf(fp, "Escalation: %s (expected: %s): %s\n", rb->levels[s->escalation].label,
		sc->escalation >= 0 ? rb->levels[sc->escalation].label : "?",
		s->escalation_right ? "right" : "NOT RIGHT");
	if (s->missed > 0) {
		fputs("\nMissed: the guidance expected these\n", fp);
		for (i = 0; i < s->missed; i++)
			action(fp, rb, sc, s->missed_actions[i]);
	}
	if (s->wrong > 0) {
		fputs("\nTaken, but wrong here\n", fp);
		for (i = 0; i < s->wrong; i++)
			action(fp, rb, sc, s->wrong_actions[i]);
	}
	if (s->missed == 0 && s->wrong == 0 && s->escalation_right)
		fputs("\nEvery action the guidance expects was taken, and nothing wrong.\n", fp);
	for (i = 0; i < sc->nnotes; i++) {
		if (sc->notes[i].about >= 0)
			continue;
		if (!general)
			fputs("\nFor discussion\n", fp);
		general = true;
		fprintf(fp, "  - %s ", sc->notes[i].text);
		source(fp, rb, &sc->notes[i].src);
		fputc('\n', fp);
	}
	fputs("\nGoals of this scenario\n", fp);
	for (i = 0; i < sc->ngoals; i++)
		fprintf(fp, "  - %s\n", sc->goals[i]);
}
