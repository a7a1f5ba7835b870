/* note.c — a case note from a record, ready to paste into a case management
 * system: when, what was tried, who was contacted, the risk, the escalation,
 * and the next steps with their dates. */
#include <string.h>

#include "report.h"

static void line(FILE *fp, bool md, const char *label, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	if (md)
		fprintf(fp, "- **%s:** %s\n", label, value);
	else
		fprintf(fp, "%s: %s\n", label, value);
}

/* One answer as "question: answer (reason)", on as few lines as it needs. */
static void answer_line(FILE *fp, bool md, const struct core_question *q,
			const struct core_answer *a)
{
	struct strbuf sb;
	const char *p;

	sb_init(&sb);
	report_answer_text(&sb, q, a->value);
	fprintf(fp, md ? "- %s%s " : "  - %s%s ", q->text,
		q->text[0] && strchr("?:", q->text[strlen(q->text) - 1]) ? "" : ":");
	for (p = sb.s; *p; p++) {
		if (*p == '\n')
			fputs(md ? "; " : "; ", fp);
		else
			fputc(*p, fp);
	}
	if (a->reason != NULL && a->reason[0])
		fprintf(fp, " (%s)", a->reason);
	fputc('\n', fp);
	sb_free(&sb);
}

void report_note(FILE *fp, const struct report_record *r, enum report_format fmt)
{
	const struct core_rulebook *rb = r->rb;
	const struct store_visit *v = r->v;
	bool md = fmt == REPORT_MARKDOWN;
	char when[96], due[17];
	size_t s, i;
	int u, n;

	if (md)
		fprintf(fp, "## %sCase note: home visit, case %s\n\n", r->training ? "TRAINING: " : "",
			v->case_ref);
	else
		fprintf(fp, "%sCASE NOTE: home visit, case %s\n\n", r->training ? "TRAINING: " : "",
			v->case_ref);
	snprintf(when, sizeof(when), "%s (planned for %s, %s)",
		 v->outcome_at ? v->outcome_at : "not yet recorded",
		 v->planned_at ? v->planned_at : "no time", v->kind ? v->kind : "announced");
	line(fp, md, "Visit", when);
	line(fp, md, "Practitioner", v->practitioner);
	line(fp, md, "Agency", v->agency);
	line(fp, md, "Address", v->address);
	line(fp, md, "Child or children", v->children);
	line(fp, md, "Purpose", v->purpose);
	if (v->status != NULL && strcmp(v->status, "no_access") == 0)
		line(fp, md, "Outcome", "no access: the child was not seen (failed home visit)");
	else if (v->status != NULL && (strcmp(v->status, "visited") == 0 ||
				       strcmp(v->status, "reviewed") == 0))
		line(fp, md, "Outcome", "access gained");
	line(fp, md, "Escalation", rb->nlevels ? rb->levels[r->ev->escalation].label : NULL);
	if (v->emergency)
		line(fp, md, "Emergency", "yes: an emergency (999) action was required");

	/* What was done and found: the answers of the outcome, step by step. */
	fputs(md ? "\n### What was done\n\n" : "\nWhat was done:\n", fp);
	n = 0;
	for (s = 0; s < rb->nsections; s++) {
		const struct core_section *sec = &rb->sections[s];
		bool any = false;

		if (sec->stage != CORE_STAGE_OUTCOME || !r->ev->section_shown[s])
			continue;
		for (i = sec->first; i < sec->first + sec->count; i++)
			any = any || (r->ev->shown[i] && r->answers[i].value != NULL);
		if (!any)
			continue;
		if (sec->procedure >= 0)
			fprintf(fp, md ? "\n**%s, step %d: %s**\n\n" : "%s, step %d: %s\n",
				rb->procedures[sec->procedure].title, sec->step, sec->title);
		else
			fprintf(fp, md ? "\n**%s**\n\n" : "%s\n", sec->title);
		for (i = sec->first; i < sec->first + sec->count; i++)
			if (r->ev->shown[i] && r->answers[i].value != NULL) {
				answer_line(fp, md, &rb->questions[i], &r->answers[i]);
				n++;
			}
	}
	if (n == 0)
		fputs(md ? "- no outcome recorded yet\n" : "  - no outcome recorded yet\n", fp);

	/* Next steps: what the guidance asks for now, most pressing first (what
	 * was to be done before the visit belongs to the plan, not the note). */
	fputs(md ? "\n### Next steps\n\n" : "\nNext steps:\n", fp);
	n = 0;
	for (u = CORE_URG_EMERGENCY; u > CORE_URG_NONE; u--)
		for (i = 0; i < r->ev->nfired; i++) {
			const struct core_action *a = &rb->actions[r->ev->fired[i].action];

			if ((int)a->urgency != u || a->urgency == CORE_URG_BEFORE_VISIT)
				continue;
			core_time_format(r->ev->fired[i].due, due);
			fprintf(fp, md ? "- %s (%s; %s; by %s)\n" : "  - %s (%s; %s; by %s)\n", a->text,
				a->owner >= 0 ? rb->roles[a->owner].label : "?",
				core_urgency_label(a->urgency), due[0] ? due : "no date");
			n++;
		}
	if (n == 0)
		fputs(md ? "- none\n" : "  - none\n", fp);
	fputc('\n', fp);
	line(fp, md, "Next contact", v->next_contact_at);
	snprintf(when, sizeof(when), "homevisit record %lld, rulebook %s %s", (long long)v->id, rb->id,
		 rb->version);
	line(fp, md, "Recorded with", when);
}
