/* record.c — one record as plain text or Markdown: the plan a practitioner
 * prints, and the whole record a manager reads, with the questions as asked. */
#include <string.h>

#include "report.h"

struct out {
	FILE *fp;
	bool md;
};

static const char *status_label(const char *s)
{
	static const struct {
		const char *id, *label;
	} labels[] = {{"draft", "Draft (not yet planned)"}, {"planned", "Planned"},
		      {"visited", "Visited"},                {"no_access", "No access (failed visit)"},
		      {"reviewed", "Reviewed"}};
	size_t i;

	for (i = 0; s != NULL && i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].id, s) == 0)
			return labels[i].label;
	return s ? s : "";
}

static const char *role_label(const struct core_rulebook *rb, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < rb->nroles; i++)
		if (strcmp(rb->roles[i].id, id) == 0)
			return rb->roles[i].label;
	return id ? id : "";
}

static void heading(struct out *o, int level, const char *text)
{
	if (o->md) {
		fprintf(o->fp, "\n%.*s %s\n\n", level, "####", text);
		return;
	} else {
		size_t n = strlen(text);

		fprintf(o->fp, "\n%s\n", text);
		while (n-- > 0)
			fputc(level == 1 ? '=' : '-', o->fp);
		fputs("\n\n", o->fp);
	}
}

/* Writes text on an item line, with continuation lines indented. */
static void item_text(struct out *o, const char *indent, const char *text)
{
	const char *p = text;

	while (p != NULL && *p) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);

		fprintf(o->fp, "%.*s", len, p);
		p = nl ? nl + 1 : NULL;
		if (p != NULL && *p)
			fprintf(o->fp, "%s\n%s", o->md ? "  " : "", indent); /* "  ": a Markdown line break */
	}
}

static void field(struct out *o, const char *name, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	if (o->md)
		fprintf(o->fp, "- **%s:** ", name);
	else
		fprintf(o->fp, "  %-22s ", name);
	item_text(o, o->md ? "  " : "                         ", value);
	fputc('\n', o->fp);
}

void report_answer_text(struct strbuf *sb, const struct core_question *q, const char *value)
{
	const struct core_option *opt;
	struct core_person *people;
	size_t n, i;

	if (value == NULL) {
		sb_adds(sb, "(not answered)");
		return;
	}
	switch (q->type) {
	case CORE_Q_YESNO:
		sb_adds(sb, strcmp(value, "yes") == 0  ? "Yes"
			    : strcmp(value, "no") == 0 ? "No"
						       : "Unknown");
		break;
	case CORE_Q_CHOICE:
		opt = core_option_find(q, value);
		sb_adds(sb, opt ? opt->label : value);
		break;
	case CORE_Q_MULTI:
		for (i = 0, n = 0; i < q->noptions; i++)
			if (core_multi_has(value, q->options[i].id)) {
				if (n++ > 0)
					sb_adds(sb, ", ");
				sb_adds(sb, q->options[i].label);
			}
		break;
	case CORE_Q_PEOPLE:
		n = core_people_parse(value, &people);
		for (i = 0; i < n; i++) {
			if (i > 0)
				sb_addc(sb, '\n');
			sb_addf(sb, "%s", people[i].name);
			if (people[i].relationship[0])
				sb_addf(sb, " (%s)", people[i].relationship);
			sb_addf(sb, "; expected present: %s; poses a risk: %s", people[i].present,
				people[i].risk);
		}
		core_people_free(people, n);
		if (n == 0)
			sb_adds(sb, "(nobody listed)");
		break;
	default:
		sb_adds(sb, value);
	}
}

static void details(struct out *o, const struct report_record *r)
{
	const struct store_visit *v = r->v;
	char buf[256];

	snprintf(buf, sizeof(buf), "%s%s", v->planned_at ? v->planned_at : "(no date yet)",
		 v->kind ? (strcmp(v->kind, "unannounced") == 0 ? ", unannounced" : ", announced") : "");
	field(o, "Case reference", v->case_ref);
	field(o, "Practitioner", v->practitioner);
	field(o, "Agency", v->agency);
	field(o, "Address", v->address);
	field(o, "Child or children", v->children);
	field(o, "Planned", buf);
	field(o, "Purpose", v->purpose);
	field(o, "Status", status_label(v->status));
	field(o, "Outcome recorded", v->outcome_at);
	snprintf(buf, sizeof(buf), "%s, version %s (%.12s)", r->rb->id, r->rb->version,
		 v->rulebook_hash ? v->rulebook_hash : "");
	field(o, "Rulebook", buf);
}

static const char *source_text(const struct core_source *s, char *buf, size_t len)
{
	snprintf(buf, len, "%s p.%d", s->doc ? s->doc : "?", s->page);
	return buf;
}

/* The answers of the sections the rule file marks for the summary. */
static void summary_sections(struct out *o, const struct report_record *r)
{
	const struct core_rulebook *rb = r->rb;
	struct strbuf sb;
	size_t s, i;

	sb_init(&sb);
	for (s = 0; s < rb->nsections; s++) {
		const struct core_section *sec = &rb->sections[s];
		bool any = false;

		if (!sec->summary || !r->ev->section_shown[s])
			continue;
		for (i = sec->first; i < sec->first + sec->count; i++) {
			if (!r->ev->shown[i] || r->answers[i].value == NULL)
				continue;
			if (!any)
				heading(o, 3, sec->title);
			any = true;
			sb_clear(&sb);
			report_answer_text(&sb, &rb->questions[i], r->answers[i].value);
			if (r->answers[i].reason != NULL && r->answers[i].reason[0])
				sb_addf(&sb, " (%s)", r->answers[i].reason);
			fprintf(o->fp, "- %s ", rb->questions[i].text);
			item_text(o, "  ", sb.s);
			fputc('\n', o->fp);
		}
	}
	sb_free(&sb);
}

static void summary(struct out *o, const struct report_record *r)
{
	const struct core_rulebook *rb = r->rb;
	const struct core_eval *ev = r->ev;
	char src[64], due[17];
	int u;
	size_t i;
	bool any;

	heading(o, 2, "Summary");
	field(o, "Escalation", rb->nlevels ? rb->levels[ev->escalation].label : "none");
	field(o, "Highest urgency", core_urgency_label(ev->urgency));
	if (r->v->expected_back_at || r->v->welfare_check) {
		field(o, "Lone working: back by", r->v->expected_back_at);
		field(o, "Lone working: checked on by", r->v->welfare_check);
	}
	if (rb->record_q[CORE_REC_COMPLETE_BY] >= 0 && ev->shown[rb->record_q[CORE_REC_COMPLETE_BY]])
		field(o, "Complete the visit by", r->answers[rb->record_q[CORE_REC_COMPLETE_BY]].value);
	field(o, "Next contact", r->v->next_contact_at);

	summary_sections(o, r);

	heading(o, 3, "Risks flagged");
	for (i = 0; i < ev->nrisks; i++) {
		const struct core_risk *k = &rb->risks[ev->risks[i]];

		fprintf(o->fp, "- %s (%s)\n", k->text, source_text(&k->src, src, sizeof(src)));
	}
	if (ev->nrisks == 0)
		fputs("- none flagged\n", o->fp);

	heading(o, 3, "Actions, most pressing first");
	any = false;
	for (u = CORE_URG_EMERGENCY; u > CORE_URG_NONE; u--) {
		bool first = true;

		for (i = 0; i < ev->nfired; i++) {
			const struct core_action *a = &rb->actions[ev->fired[i].action];

			if ((int)a->urgency != u)
				continue;
			if (first) {
				fprintf(o->fp, o->md ? "%s**%s**\n\n" : "%s%s:\n", any ? "\n" : "",
					core_urgency_label(a->urgency));
				first = false;
			}
			core_time_format(ev->fired[i].due, due);
			fputs(o->md ? "- [ ] " : "  [ ] ", o->fp);
			item_text(o, o->md ? "  " : "      ", a->text);
			fprintf(o->fp, o->md ? "  \n  who: %s; due: %s; %s\n" : "\n      who: %s; due: %s; %s\n",
				a->owner >= 0 ? rb->roles[a->owner].label : "?", due[0] ? due : "not set",
				source_text(&a->src, src, sizeof(src)));
			any = true;
		}
	}
	if (!any)
		fputs("- no actions derived\n", o->fp);
}

static void answers(struct out *o, const struct report_record *r)
{
	const struct core_rulebook *rb = r->rb;
	struct strbuf sb;
	char src[64], title[256];
	size_t s, i;

	sb_init(&sb);
	fputs(o->md ? "\n## Answers\n" : "\nAnswers\n-------\n", o->fp);
	for (s = 0; s < rb->nsections; s++) {
		const struct core_section *sec = &rb->sections[s];
		bool any = false;

		for (i = sec->first; i < sec->first + sec->count; i++)
			any = any || (r->ev->shown[i] && r->answers[i].value != NULL);
		if (!any)
			continue;
		if (sec->procedure >= 0)
			snprintf(title, sizeof(title), "%s, step %d: %s (%s)",
				 rb->procedures[sec->procedure].title, sec->step, sec->title,
				 source_text(&sec->src, src, sizeof(src)));
		else
			snprintf(title, sizeof(title), "%s (%s)", sec->title,
				 source_text(&sec->src, src, sizeof(src)));
		heading(o, 3, title);
		for (i = sec->first; i < sec->first + sec->count; i++) {
			const struct core_question *q = &rb->questions[i];

			if (!r->ev->shown[i] || r->answers[i].value == NULL)
				continue;
			sb_clear(&sb);
			report_answer_text(&sb, q, r->answers[i].value);
			fprintf(o->fp, o->md ? "- **%s**  \n  " : "- %s\n  ", q->text);
			item_text(o, "  ", sb.s);
			if (r->answers[i].reason != NULL && r->answers[i].reason[0])
				fprintf(o->fp, o->md ? "  \n  *Reason:* %s" : "\n  Reason: %s",
					r->answers[i].reason);
			fputc('\n', o->fp);
		}
	}
	sb_free(&sb);
}

static void action_states(struct out *o, const struct report_record *r)
{
	size_t i;

	if (r->nactions == 0)
		return;
	heading(o, 2, "Actions and their state");
	for (i = 0; i < r->nactions; i++) {
		const struct store_action *a = &r->actions[i];

		fprintf(o->fp, "- [%s] #%lld ", strcmp(a->status, "done") == 0 ? "x" : " ",
			(long long)a->id);
		item_text(o, "  ", a->text);
		fprintf(o->fp, "%s\n  %s; %s; due %s", o->md ? "  " : "", role_label(r->rb, a->owner),
			a->status,
			a->due_at ? a->due_at : "not set");
		if (a->overdue)
			fputs(" (OVERDUE)", o->fp);
		if (a->done_at)
			fprintf(o->fp, "; %s %s by %s", strcmp(a->status, "done") == 0 ? "done" : "withdrawn",
				a->done_at, a->done_by ? a->done_by : "?");
		if (a->note)
			fprintf(o->fp, "; note: %s", a->note);
		fputc('\n', o->fp);
	}
}

static void reviews(struct out *o, const struct report_record *r)
{
	size_t i;

	if (r->nreviews == 0)
		return;
	heading(o, 2, "Reviews");
	for (i = 0; i < r->nreviews; i++) {
		fprintf(o->fp, "- %s, %s: %s", r->reviews[i].at, r->reviews[i].reviewer,
			r->reviews[i].decision);
		if (r->reviews[i].comment && r->reviews[i].comment[0]) {
			fputs(" — ", o->fp);
			item_text(o, "  ", r->reviews[i].comment);
		}
		fputc('\n', o->fp);
	}
}

static void history(struct out *o, const struct report_record *r)
{
	size_t i;

	if (r->nevents == 0)
		return;
	heading(o, 2, "History");
	for (i = 0; i < r->nevents; i++) {
		const struct store_event *e = &r->events[i];

		fprintf(o->fp, "- %s %s: ", e->at, e->who);
		if (strcmp(e->kind, "review") == 0)
			fprintf(o->fp, "signed off: %s", e->new_value ? e->new_value : "?");
		else if (strcmp(e->kind, "status") == 0)
			fprintf(o->fp, "%s -> %s", status_label(e->old_value), status_label(e->new_value));
		else if (strcmp(e->kind, "correction") == 0)
			fprintf(o->fp, "corrected %s: %s -> %s", e->question ? e->question : "?",
				e->old_value ? e->old_value : "(none)", e->new_value ? e->new_value : "(cleared)");
		else if (strcmp(e->kind, "action_done") == 0)
			fprintf(o->fp, "action done: %s", e->detail ? e->detail : "?");
		else if (strcmp(e->kind, "action_withdrawn") == 0)
			fprintf(o->fp, "action withdrawn: %s", e->detail ? e->detail : "?");
		else if (strcmp(e->kind, "created") == 0)
			fputs("record started", o->fp);
		else
			fputs(e->kind, o->fp);
		if (e->reason && e->reason[0]) {
			fputs(strcmp(e->kind, "review") == 0 ? "; comment: " : "; ", o->fp);
			item_text(o, "  ", e->reason);
		}
		fputc('\n', o->fp);
	}
}

void report_record(FILE *fp, const struct report_record *r, enum report_format fmt)
{
	struct out o = {fp, fmt == REPORT_MARKDOWN};
	char title[256];

	snprintf(title, sizeof(title), "%sHome visit %lld: case %s", r->training ? "TRAINING: " : "",
		 (long long)r->v->id, r->v->case_ref);
	if (o.md)
		fprintf(fp, "# %s\n\n", title);
	else
		heading(&o, 1, title);
	if (r->training)
		fputs("TRAINING RECORD: not a real visit.\n\n", fp);
	details(&o, r);
	summary(&o, r);
	answers(&o, r);
	action_states(&o, r);
	reviews(&o, r);
	history(&o, r);
}
