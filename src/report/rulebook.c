/* rulebook.c — the rulebook as text, for `homevisit rules show` and `rules check`.
 * An administrator or trainer reads this to review a partnership's rule file. */
#include <string.h>

#include "report.h"

static size_t count_steps(const struct core_rulebook *rb)
{
	return rb->nsections - rb->ntop_sections;
}

void report_rulebook_summary(FILE *fp, const struct core_rulebook *rb)
{
	fprintf(fp,
		"%s: ok: %s version %s: %zu sections, %zu questions, %zu actions, %zu procedure steps, %zu risks\n",
		rb->path, rb->id, rb->version, rb->ntop_sections, rb->nquestions, rb->nactions,
		count_steps(rb), rb->nrisks);
}

static const char *qid(const struct core_rulebook *rb, int q)
{
	return q == CORE_Q_VISIT_KIND ? "visit.kind" : rb->questions[q].id;
}

void report_cond(FILE *fp, const struct core_rulebook *rb, const struct core_cond *c)
{
	size_t i;

	switch (c->kind) {
	case CORE_C_ALL:
	case CORE_C_ANY:
		fputc('(', fp);
		for (i = 0; i < c->nkids; i++) {
			if (i > 0)
				fputs(c->kind == CORE_C_ALL ? " and " : " or ", fp);
			report_cond(fp, rb, &c->kids[i]);
		}
		fputc(')', fp);
		break;
	case CORE_C_NOT:
		fputs("not ", fp);
		report_cond(fp, rb, c->kids);
		break;
	case CORE_C_EQUALS:
		fprintf(fp, "%s is %s", qid(rb, c->question), c->values[0]);
		break;
	case CORE_C_ONE_OF:
		fprintf(fp, "%s is one of ", qid(rb, c->question));
		for (i = 0; i < c->nvalues; i++)
			fprintf(fp, "%s%s", i ? ", " : "", c->values[i]);
		break;
	case CORE_C_INCLUDES:
		fprintf(fp, "%s includes %s", qid(rb, c->question), c->values[0]);
		break;
	case CORE_C_ANSWERED:
		fprintf(fp, "%s is answered", qid(rb, c->question));
		break;
	case CORE_C_PERSON:
		fprintf(fp, "%s lists someone", qid(rb, c->question));
		if (c->present)
			fprintf(fp, " with present %s", c->present);
		if (c->risk)
			fprintf(fp, "%s risk %s", c->present ? " and" : " with", c->risk);
		break;
	}
}

/* Writes text indented, re-flowing nothing: guidance keeps its own lines. */
static void indented(FILE *fp, const char *indent, const char *text)
{
	const char *p = text;

	while (p != NULL && *p != '\0') {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);

		fprintf(fp, "%s%.*s\n", indent, len, p);
		p = nl ? nl + 1 : NULL;
	}
}

static void source(FILE *fp, const struct core_source *s)
{
	fprintf(fp, "[%s p.%d]", s->doc ? s->doc : "?", s->page);
}

static void show_question(FILE *fp, const struct core_rulebook *rb, const struct core_question *q)
{
	size_t i;

	fprintf(fp, "    %s (%s%s) ", q->id, core_qtype_name(q->type), q->required ? ", required" : "");
	source(fp, &q->src);
	fprintf(fp, "\n      %s\n", q->text);
	for (i = 0; i < q->noptions; i++)
		fprintf(fp, "        - %s: %s\n", q->options[i].id, q->options[i].label);
	if (q->when != NULL) {
		fputs("      shown when: ", fp);
		report_cond(fp, rb, q->when);
		fputc('\n', fp);
	}
	if (q->nreason_if > 0) {
		fputs("      a reason is asked for:", fp);
		for (i = 0; i < q->nreason_if; i++)
			fprintf(fp, " %s", q->reason_if[i]);
		fputc('\n', fp);
	}
	if (q->record != CORE_REC_NONE)
		fprintf(fp, "      fills the record's %s\n", core_record_name(q->record));
	if (q->prefill >= 0)
		fprintf(fp, "      starts from the answer to %s\n", rb->questions[q->prefill].id);
	indented(fp, "      | ", q->guidance);
}

void report_rulebook(FILE *fp, const struct core_rulebook *rb)
{
	size_t i, j;
	int proc = -1;

	fprintf(fp, "%s\n%s, version %s (%s)\n\nSources:\n", rb->title, rb->id, rb->version, rb->path);
	for (i = 0; i < rb->ndocs; i++)
		fprintf(fp, "  %s: %s%s%s (%d pages)\n", rb->docs[i].id, rb->docs[i].title,
			rb->docs[i].edition ? ", " : "", rb->docs[i].edition ? rb->docs[i].edition : "",
			rb->docs[i].pages);
	fputs("\nRoles:\n", fp);
	for (i = 0; i < rb->nroles; i++)
		fprintf(fp, "  %s: %s\n", rb->roles[i].id, rb->roles[i].label);
	fputs("\nEscalation ladder (lowest first):\n", fp);
	for (i = 0; i < rb->nlevels; i++)
		fprintf(fp, "  %zu. %s: %s\n", i, rb->levels[i].id, rb->levels[i].label);

	for (i = 0; i < rb->nsections; i++) {
		const struct core_section *s = &rb->sections[i];

		if (s->procedure >= 0 && s->procedure != proc) {
			const struct core_procedure *p = &rb->procedures[s->procedure];

			proc = s->procedure;
			fprintf(fp, "\nPROCEDURE %s: %s (%s) ", p->id, p->title, core_stage_name(p->stage));
			source(fp, &p->src);
			fputc('\n', fp);
			if (p->when != NULL) {
				fputs("  followed when: ", fp);
				report_cond(fp, rb, p->when);
				fputc('\n', fp);
			}
			if (p->guidance)
				indented(fp, "  | ", p->guidance);
		}
		if (s->procedure >= 0)
			fprintf(fp, "\n  STEP %d. %s: %s ", s->step, s->id, s->title);
		else
			fprintf(fp, "\nSECTION %s: %s (%s%s) ", s->id, s->title, core_stage_name(s->stage),
				s->summary ? ", in the summary" : "");
		source(fp, &s->src);
		fputc('\n', fp);
		if (s->when != NULL) {
			fputs("  shown when: ", fp);
			report_cond(fp, rb, s->when);
			fputc('\n', fp);
		}
		if (s->guidance)
			indented(fp, "  | ", s->guidance);
		for (j = s->first; j < s->first + s->count; j++)
			show_question(fp, rb, &rb->questions[j]);
	}

	fputs("\nACTIONS\n", fp);
	for (i = 0; i < rb->nactions; i++) {
		const struct core_action *a = &rb->actions[i];

		fprintf(fp, "\n  %s: %s\n    owner %s; urgency %s", a->id, a->text,
			a->owner >= 0 ? rb->roles[a->owner].id : "?", core_urgency_name(a->urgency));
		if (a->escalation >= 0)
			fprintf(fp, "; escalation %s", rb->levels[a->escalation].id);
		fputs(" ", fp);
		source(fp, &a->src);
		fputs("\n    when: ", fp);
		if (a->when)
			report_cond(fp, rb, a->when);
		else
			fputs("always", fp);
		fputc('\n', fp);
		indented(fp, "    | ", a->guidance);
	}
	if (rb->nrisks > 0)
		fputs("\nRISKS\n", fp);
	for (i = 0; i < rb->nrisks; i++) {
		fprintf(fp, "\n  %s: %s ", rb->risks[i].id, rb->risks[i].text);
		source(fp, &rb->risks[i].src);
		fputs("\n    when: ", fp);
		report_cond(fp, rb, rb->risks[i].when);
		fputc('\n', fp);
	}
}
