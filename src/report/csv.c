/* csv.c — records as CSV (RFC 4180) and as a Markdown table, for export.
 * A cell a spreadsheet would run as a formula is written so that it cannot. */
#include <string.h>

#include "report.h"

void report_csv_cell(FILE *fp, const char *s, bool last)
{
	bool quote, inert;
	const char *p;

	if (s == NULL)
		s = "";
	/* Spreadsheets run =, +, -, @ (and tab or CR before them) as formulas. */
	inert = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
		s[0] == '\r';
	quote = inert || strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', fp);
	if (inert)
		fputc('\'', fp);
	for (p = s; *p; p++) {
		if (*p == '"')
			fputc('"', fp);
		fputc(*p, fp);
	}
	if (quote)
		fputc('"', fp);
	fputs(last ? "\r\n" : ",", fp);
}

static void cell_int(FILE *fp, long long v, bool last)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	report_csv_cell(fp, buf, last);
}

void report_csv_visits_header(FILE *fp)
{
	static const char *const cols[] = {
		"id", "case_ref", "practitioner", "agency", "address", "children", "purpose",
		"planned_at", "kind", "status", "escalation", "escalation_rank", "urgency",
		"emergency", "expected_back_at", "welfare_check", "next_contact_at", "outcome_at",
		"open_actions", "overdue_actions", "reviewed", "rulebook_id", "rulebook_version",
		"rulebook_hash", "created_at", "updated_at",
	};
	size_t i, n = sizeof(cols) / sizeof(cols[0]);

	for (i = 0; i < n; i++)
		report_csv_cell(fp, cols[i], i == n - 1);
}

void report_csv_visit(FILE *fp, const struct store_visit *v)
{
	cell_int(fp, (long long)v->id, false);
	report_csv_cell(fp, v->case_ref, false);
	report_csv_cell(fp, v->practitioner, false);
	report_csv_cell(fp, v->agency, false);
	report_csv_cell(fp, v->address, false);
	report_csv_cell(fp, v->children, false);
	report_csv_cell(fp, v->purpose, false);
	report_csv_cell(fp, v->planned_at, false);
	report_csv_cell(fp, v->kind, false);
	report_csv_cell(fp, v->status, false);
	report_csv_cell(fp, v->escalation, false);
	cell_int(fp, v->escalation_rank, false);
	report_csv_cell(fp, v->urgency, false);
	report_csv_cell(fp, v->emergency ? "yes" : "no", false);
	report_csv_cell(fp, v->expected_back_at, false);
	report_csv_cell(fp, v->welfare_check, false);
	report_csv_cell(fp, v->next_contact_at, false);
	report_csv_cell(fp, v->outcome_at, false);
	cell_int(fp, v->open_actions, false);
	cell_int(fp, v->overdue_actions, false);
	report_csv_cell(fp, v->reviewed ? "yes" : "no", false);
	report_csv_cell(fp, v->rulebook_id, false);
	report_csv_cell(fp, v->rulebook_version, false);
	report_csv_cell(fp, v->rulebook_hash, false);
	report_csv_cell(fp, v->created_at, false);
	report_csv_cell(fp, v->updated_at, true);
}

void report_csv_events_header(FILE *fp)
{
	static const char *const cols[] = {"visit_id", "at",        "who",    "kind",  "question",
					   "old_value", "new_value", "reason", "detail"};
	size_t i, n = sizeof(cols) / sizeof(cols[0]);

	for (i = 0; i < n; i++)
		report_csv_cell(fp, cols[i], i == n - 1);
}

void report_csv_event(FILE *fp, const struct store_event *e)
{
	cell_int(fp, (long long)e->visit, false);
	report_csv_cell(fp, e->at, false);
	report_csv_cell(fp, e->who, false);
	report_csv_cell(fp, e->kind, false);
	report_csv_cell(fp, e->question, false);
	report_csv_cell(fp, e->old_value, false);
	report_csv_cell(fp, e->new_value, false);
	report_csv_cell(fp, e->reason, false);
	report_csv_cell(fp, e->detail, true);
}

/* A table cell: pipes escaped, line breaks folded. */
static void md_cell(FILE *fp, const char *s)
{
	fputs("| ", fp);
	for (; s != NULL && *s; s++) {
		if (*s == '|')
			fputs("\\|", fp);
		else if (*s == '\n' || *s == '\r' || *s == '\t')
			fputc(' ', fp);
		else
			fputc(*s, fp);
	}
	fputc(' ', fp);
}

void report_md_visits_header(FILE *fp, const char *title)
{
	fprintf(fp, "# %s\n\n", title);
	fputs("| id | planned | case | practitioner | status | escalation | urgency | open actions | "
	      "overdue | reviewed |\n",
	      fp);
	fputs("| ---: | --- | --- | --- | --- | --- | --- | ---: | ---: | --- |\n", fp);
}

void report_md_visit(FILE *fp, const struct store_visit *v)
{
	char n[32];

	snprintf(n, sizeof(n), "%lld", (long long)v->id);
	md_cell(fp, n);
	md_cell(fp, v->planned_at);
	md_cell(fp, v->case_ref);
	md_cell(fp, v->practitioner);
	md_cell(fp, v->status);
	md_cell(fp, v->escalation);
	md_cell(fp, v->urgency);
	snprintf(n, sizeof(n), "%d", v->open_actions);
	md_cell(fp, n);
	snprintf(n, sizeof(n), "%d", v->overdue_actions);
	md_cell(fp, n);
	md_cell(fp, v->reviewed ? "yes" : "no");
	fputs("|\n", fp);
}
