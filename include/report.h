/* report.h — renders rulebooks and records as text to a FILE *.
 * Reads the core model only; never opens files or the database itself. */
#ifndef HV_REPORT_H
#define HV_REPORT_H

#include <stdio.h>

#include "core.h"
#include "store.h"

/* One line: "PATH: ok: ID VERSION: N sections, N questions, ...". */
void report_rulebook_summary(FILE *fp, const struct core_rulebook *rb);

/* The whole rulebook as readable text: sections and steps in asking order,
 * each question with its type, options, condition and source, then the
 * actions and risks with their conditions. */
void report_rulebook(FILE *fp, const struct core_rulebook *rb);

/* A condition as one line of text, e.g. "why.expected is yes and not ...". */
void report_cond(FILE *fp, const struct core_rulebook *rb, const struct core_cond *c);

/* ---- records ---- */

enum report_format { REPORT_TEXT, REPORT_MARKDOWN };

/* Everything shown of one record; the caller gathers it (see visit.h). */
struct report_record {
	const struct store_visit *v;
	const struct core_rulebook *rb;      /* the rulebook it was made with */
	const struct core_answer *answers;   /* by question index */
	const struct core_eval *ev;
	const struct store_action *actions;
	size_t nactions;
	const struct store_review *reviews;
	size_t nreviews;
	const struct store_event *events;
	size_t nevents;
	bool training;                       /* stamp every page TRAINING */
};

/* The record whole: details, summary (escalation, risks, actions by urgency,
 * lone working, contingency), answers by section with the questions as asked,
 * actions with their state, reviews and history. */
void report_record(FILE *fp, const struct report_record *r, enum report_format fmt);

/* A case note, ready to paste into a case management system: when, what was
 * done and found (the outcome's answers, step by step), the escalation, and
 * the next steps with their owners and dates. */
void report_note(FILE *fp, const struct report_record *r, enum report_format fmt);

/* A training attempt's score and debrief, stamped TRAINING. */
void report_debrief(FILE *fp, const struct core_rulebook *rb, const struct core_scenario *sc,
		    const struct core_score *s, const char *trainee);

/* An answer as a person reads it: option labels, people one per line. */
void report_answer_text(struct strbuf *sb, const struct core_question *q, const char *value);

/* ---- CSV (RFC 4180) ---- */

/* One cell: quoted when it must be, and a cell a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or CR) made inert with a leading '. */
void report_csv_cell(FILE *fp, const char *s, bool last);
void report_csv_visits_header(FILE *fp);
void report_csv_visit(FILE *fp, const struct store_visit *v);
void report_csv_events_header(FILE *fp);
void report_csv_event(FILE *fp, const struct store_event *e);

/* A table of records, for `export --format markdown`. */
void report_md_visits_header(FILE *fp, const char *title);
void report_md_visit(FILE *fp, const struct store_visit *v);

#endif
