/* visit.h — one record at work: its rulebook, its current answers, what they
 * derive, and each change saved through the store the moment it is confirmed.
 * The screens, import and the command line all change records through here. */
#ifndef HV_VISIT_H
#define HV_VISIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core.h"
#include "hv_error.h"
#include "store.h"

struct visit {
	struct store *st;
	const struct core_rulebook *rb;  /* the rulebook the record was made with */
	struct core_rulebook *rb_owned;  /* set when that is an older one, from the database */
	struct store_visit v;
	struct core_answer *answers;     /* by question index; the strings are owned */
	struct core_eval ev;
	struct core_visit cv;
	char *who;
	bool training;                   /* a training attempt: every output stamped TRAINING */
};

/* Starts a draft made with rb (kept in the database first). details supplies
 * case_ref, practitioner, agency, address, children, purpose, planned_at, kind. */
int visit_create(struct store *st, const struct core_rulebook *rb,
		 const struct store_visit *details, const char *who, struct visit **out,
		 struct hv_error *err);
/* Opens record id with the rulebook it was made with: current if the hashes
 * match, else the text kept in the database. */
int visit_open(struct store *st, const struct core_rulebook *current, int64_t id, const char *who,
	       struct visit **out, struct hv_error *err);
void visit_free(struct visit *vs);

/* Saves a draft's changed details (vs->v) and re-evaluates. */
int visit_save_details(struct visit *vs, struct hv_error *err);

/* Checks and saves one answer (value NULL clears it), then re-evaluates and
 * saves what it derives. A finished record needs a correction reason. */
int visit_answer(struct visit *vs, const char *question, const char *value, const char *reason,
		 const char *correction, struct hv_error *err);
/* Remembers which question the wizard is on, so a draft resumes there. */
int visit_set_resume(struct visit *vs, const char *question, struct hv_error *err);

/* Questions that hold answers but are not shown now (n returned; caller frees). */
size_t visit_hidden_answers(const struct visit *vs, int **out);
/* Clears those answers (their history stays). */
int visit_discard_hidden(struct visit *vs, struct hv_error *err);

/* Required questions of a stage that are shown and not complete (caller frees). */
size_t visit_missing(const struct visit *vs, enum core_stage stage, int **out);

/* Draft -> planned, once no plan question is missing (else HV_EDATA, with
 * each missing question in err). */
int visit_finish_plan(struct visit *vs, struct hv_error *err);
/* Planned -> visited or no access (by the access question), once nothing
 * required is missing. */
int visit_finish_outcome(struct visit *vs, struct hv_error *err);

/* The current value of a question by id (NULL if unanswered or hidden). */
const char *visit_value(const struct visit *vs, const char *question);

/* ---- a record's history, gathered for showing it whole ---- */

struct visit_history {
	struct store_action *actions;
	size_t nactions;
	struct store_review *reviews;
	size_t nreviews;
	struct store_event *events;
	size_t nevents;
	struct arena *arena; /* owns the strings */
};

int visit_history_load(const struct visit *vs, struct visit_history *h, struct hv_error *err);
void visit_history_free(struct visit_history *h);

/* ---- export ---- */

enum visit_export_format { VISIT_EXPORT_CSV, VISIT_EXPORT_JSON, VISIT_EXPORT_MARKDOWN };

/* Writes the records that match f (CSV per RFC 4180, JSON built by SQLite, or
 * a Markdown table), and their events as CSV to events if it is not NULL.
 * Training records are stamped TRAINING: a first CSV column "stamp", a JSON
 * object {"stamp": "TRAINING", "records": [...]}, the Markdown title. */
int visit_export(struct store *st, const struct store_filter *f, enum visit_export_format fmt,
		 bool training, FILE *fp, FILE *events, struct hv_error *err);

/* ---- import ---- */

struct rules_import;

/* Checks every visit of an import file against rb exactly as the wizard does
 * (values, options, conditions, the required answers for its status), each
 * problem reported at its place in the file. Puts multi answers in order. */
int visit_import_check(const struct core_rulebook *rb, struct rules_import *imp,
		       struct hv_error *err);
/* Writes every visit in one transaction: all of them, or none. */
int visit_import_write(struct store *st, const struct core_rulebook *rb,
		       const struct rules_import *imp, const char *who, int64_t *first,
		       int64_t *last, struct hv_error *err);

/* The login name of whoever runs the program. */
const char *visit_login_name(void);

#endif
