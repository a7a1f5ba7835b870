/* core.h — the rulebook model and the engine that evaluates answers against it.
 * Pure logic: no I/O, no ncurses, no SQLite. The rules module builds the model. */
#ifndef HV_CORE_H
#define HV_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum core_qtype {
	CORE_Q_YESNO,
	CORE_Q_CHOICE,
	CORE_Q_MULTI,
	CORE_Q_TEXT,
	CORE_Q_LONGTEXT,
	CORE_Q_DATE,
	CORE_Q_TIME,
	CORE_Q_DATETIME,
	CORE_Q_PEOPLE,
	CORE_Q_NTYPES
};

/* Ordered from least to most pressing. */
enum core_urgency {
	CORE_URG_NONE = 0,
	CORE_URG_ROUTINE,
	CORE_URG_SAME_DAY,
	CORE_URG_BEFORE_VISIT,
	CORE_URG_IMMEDIATE,
	CORE_URG_EMERGENCY,
	CORE_URG_N
};

enum core_stage { CORE_STAGE_PLAN, CORE_STAGE_OUTCOME };

/* Record fields that a question's answer can fill (the rule file's `record:`). */
enum core_record {
	CORE_REC_NONE = 0,
	CORE_REC_EXPECTED_BACK,
	CORE_REC_WELFARE_CHECK,
	CORE_REC_COMPLETE_BY,
	CORE_REC_ACCESS,
	CORE_REC_NEXT_CONTACT,
	CORE_REC_EMERGENCY_CALL,
	CORE_REC_VISITED_AT,
	CORE_REC_N
};

/* The pseudo-question index of the visit's kind (announced/unannounced). */
#define CORE_Q_VISIT_KIND (-2)

struct core_source {
	const char *doc; /* a source id */
	int page;
};

struct core_doc {
	const char *id, *title, *edition;
	int pages;
};

/* A role that can own an action, or a rung of the escalation ladder. */
struct core_label {
	const char *id, *label;
};

struct core_option {
	const char *id, *label;
};

enum core_cond_kind {
	CORE_C_ALL,
	CORE_C_ANY,
	CORE_C_NOT,
	CORE_C_EQUALS,   /* values[0] */
	CORE_C_ONE_OF,   /* values[] */
	CORE_C_INCLUDES, /* values[0] */
	CORE_C_ANSWERED,
	CORE_C_PERSON,   /* present, risk */
};

struct core_cond {
	enum core_cond_kind kind;
	int question;           /* index, or CORE_Q_VISIT_KIND */
	const char **values;
	size_t nvalues;
	const char *present;    /* person: "yes"/"no"/"unknown" or NULL for any */
	const char *risk;
	struct core_cond *kids; /* all/any: nkids; not: 1 */
	size_t nkids;
};

struct core_question {
	const char *id;
	enum core_qtype type;
	const char *text, *guidance, *hint;
	struct core_source src;
	bool required;
	const struct core_cond *when;   /* NULL: always (within its section) */
	const struct core_option *options;
	size_t noptions;
	const char *const *reason_if;   /* values that must come with a reason */
	size_t nreason_if;
	enum core_record record;
	int prefill;                    /* earlier question whose answer starts this one, or -1 */
	int section;                    /* index into rb->sections */
};

/* A section of questions. The steps of procedures are sections too, placed
 * after the top-level ones, with procedure >= 0 and step numbered from 1. */
struct core_section {
	const char *id, *title, *guidance;
	struct core_source src;
	enum core_stage stage;
	const struct core_cond *when;
	size_t first, count;   /* its questions: rb->questions[first..first+count) */
	int procedure;         /* -1 for a top-level section */
	int step;              /* 1-based step number within its procedure */
	bool summary;          /* its answers are repeated in the plan's summary */
};

struct core_procedure {
	const char *id, *title, *guidance;
	struct core_source src;
	enum core_stage stage;
	const struct core_cond *when;
	size_t first, count;   /* its steps: rb->sections[first..first+count) */
};

enum core_due_kind { CORE_DUE_BEFORE_VISIT, CORE_DUE_IMMEDIATELY, CORE_DUE_SAME_DAY, CORE_DUE_OFFSET };
enum core_from_kind { CORE_FROM_PLANNED, CORE_FROM_OUTCOME, CORE_FROM_QUESTION };

struct core_due {
	enum core_due_kind kind;
	long offset;            /* seconds, for CORE_DUE_OFFSET */
	enum core_from_kind from;
	int question;           /* for CORE_FROM_QUESTION */
};

struct core_action {
	const char *id, *text, *guidance;
	int owner;              /* index into rb->roles */
	enum core_urgency urgency;
	struct core_due due;
	int escalation;         /* index into rb->levels, or -1 */
	struct core_source src;
	const struct core_cond *when;
};

struct core_risk {
	const char *id, *text;
	struct core_source src;
	const struct core_cond *when;
};

struct core_idmap;

struct core_rulebook {
	const char *id, *title, *version;
	const char *path;             /* the file it was loaded from */
	char *text;                   /* the file's whole text, as read */
	size_t text_len;
	struct core_doc *docs;        size_t ndocs;
	struct core_label *roles;     size_t nroles;
	struct core_label *levels;    size_t nlevels; /* escalation, lowest first */
	struct core_section *sections; size_t nsections;
	size_t ntop_sections;         /* sections[0..ntop) are top-level */
	struct core_procedure *procedures; size_t nprocedures;
	struct core_question *questions; size_t nquestions;
	struct core_action *actions;  size_t nactions;
	struct core_risk *risks;      size_t nrisks;
	int record_q[CORE_REC_N];     /* question filling each record field, or -1 */
	struct core_idmap *qmap;
	struct arena *arena;          /* owns everything above */
};

/* ---- names ---- */

const char *core_qtype_name(enum core_qtype t);
int core_qtype_parse(const char *s);          /* -1 if unknown */
const char *core_urgency_name(enum core_urgency u);   /* "same-day" */
const char *core_urgency_label(enum core_urgency u);  /* "Same day" */
int core_urgency_parse(const char *s);
const char *core_record_name(enum core_record r);
int core_record_parse(const char *s);
const char *core_stage_name(enum core_stage s);

/* ---- lookups ---- */

int core_question_index(const struct core_rulebook *rb, const char *id); /* -1 if none */
const struct core_question *core_question_find(const struct core_rulebook *rb, const char *id);
const struct core_option *core_option_find(const struct core_question *q, const char *id);
const struct core_doc *core_doc_find(const struct core_rulebook *rb, const char *id);
void core_rulebook_free(struct core_rulebook *rb);

/* ---- answers ---- */

/* One answer in canonical form (see docs/rules.md); value NULL = unanswered. */
struct core_answer {
	const char *value;
	const char *reason;
};

/* What the engine needs to know of the visit itself. Times are local
 * wall-clock times as time_t (0 = not known). */
struct core_visit {
	const char *kind;   /* "announced", "unannounced" or NULL */
	time_t planned;
	time_t outcome;
};

struct core_fired {
	int action;
	time_t due;
};

struct core_eval {
	bool *shown;                   /* per question */
	bool *section_shown;           /* per section (procedure steps included) */
	int *missing; size_t nmissing; /* required, shown, not complete */
	struct core_fired *fired; size_t nfired;
	int *risks; size_t nrisks;
	int escalation;                /* highest rung reached; 0 = the first */
	enum core_urgency urgency;     /* highest urgency that fired */
};

/* Evaluates answers (indexed like rb->questions) against the rulebook. Answers
 * to questions that are not shown are ignored throughout. */
void core_evaluate(const struct core_rulebook *rb, const struct core_visit *visit,
		   const struct core_answer *answers, struct core_eval *out);
void core_eval_free(struct core_eval *ev);

/* True if the answer is complete: has a value and, where the value needs one,
 * a reason. */
bool core_answer_complete(const struct core_question *q, const struct core_answer *a);
bool core_answer_needs_reason(const struct core_question *q, const char *value);

enum core_section_state { CORE_SEC_NA, CORE_SEC_EMPTY, CORE_SEC_MISSING, CORE_SEC_DONE };
enum core_section_state core_section_state(const struct core_rulebook *rb,
					   const struct core_eval *ev,
					   const struct core_answer *answers, size_t section);

/* Evaluates one condition (exported for tests and for the TUI's previews). */
bool core_cond_eval(const struct core_rulebook *rb, const struct core_cond *c,
		    const struct core_visit *visit, const struct core_answer *answers,
		    const bool *shown);

/* ---- values ---- */

/* Checks a canonical value against its question; on failure writes a
 * sentence to msg and returns false. */
bool core_value_check(const struct core_question *q, const char *value, char *msg, size_t msglen);

/* Parses what a person types for a date, a time or a date-time (for example
 * "2026-11-23 14:30", "today 14:30", "tomorrow 9:00", "23/11/2026") relative
 * to now, into canonical text (out must hold 17 bytes). */
bool core_date_parse(const char *text, time_t now, char out[17], char *msg, size_t msglen);
bool core_time_parse(const char *text, char out[6], char *msg, size_t msglen);
bool core_datetime_parse(const char *text, time_t now, char out[17], char *msg, size_t msglen);
/* Canonical "YYYY-MM-DD HH:MM" / "YYYY-MM-DD" / "HH:MM" (with base day) to time_t. */
bool core_time_from_text(const char *canon, enum core_qtype type, time_t base, time_t *out);
/* time_t to canonical "YYYY-MM-DD HH:MM" (17 bytes). */
void core_time_format(time_t t, char out[17]);

/* People lists: "name\trelationship\tpresent\trisk" per line. */
struct core_person {
	char *name, *relationship;
	char present[8], risk[8];
};
size_t core_people_parse(const char *value, struct core_person **out);
void core_people_free(struct core_person *p, size_t n);
char *core_people_format(const struct core_person *p, size_t n);

/* Multi-choice values: is option id in the comma-joined list? */
bool core_multi_has(const char *value, const char *id);

/* ---- training scenarios ---- */

/* An answer given in a scenario file, by question index. */
struct core_preset {
	int question;
	const char *value, *reason;
};

struct core_fact {
	const char *id, *text;
	const struct core_cond *when;  /* NULL: known from the start */
};

struct core_note {
	int about;                     /* action index, or -1: always shown */
	const char *text;
	struct core_source src;
};

struct core_scenario {
	const char *id, *title, *rulebook, *narrative, *path;
	enum core_stage stage;         /* what the trainee does */
	const char **goals; size_t ngoals;
	/* the visit's details, as in a record */
	const char *case_ref, *agency, *address, *children, *purpose, *planned_at, *kind;
	struct core_preset *answers; size_t nanswers; /* given before the trainee starts */
	struct core_fact *facts; size_t nfacts;
	int *expect; size_t nexpect;   /* actions the guidance expects */
	int *wrong; size_t nwrong;     /* actions that would be wrong */
	int escalation;                /* the expected rung */
	struct core_note *notes; size_t nnotes;
	/* scripted runs, for the tests */
	struct core_preset *correct; size_t ncorrect;
	struct core_preset *skip; size_t nskip;
	int *skip_misses; size_t nskip_misses;
	int *skip_wrong; size_t nskip_wrong;
	struct arena *arena;
};

struct core_score {
	size_t taken, missed, wrong;
	int *missed_actions;           /* the expected actions that did not fire */
	int *wrong_actions;            /* the wrong ones that did */
	bool escalation_right;
	int escalation;                /* the rung reached */
	int score, out_of;             /* taken + escalation right - wrong (never below 0) */
};

/* Scores an attempt's evaluation against what the scenario expects. */
void core_score(const struct core_rulebook *rb, const struct core_scenario *sc,
		const struct core_eval *ev, struct core_score *out);
void core_score_free(struct core_score *s);
/* Whether a fact is known, given the answers so far. */
bool core_fact_known(const struct core_rulebook *rb, const struct core_fact *f,
		     const struct core_visit *visit, const struct core_answer *answers,
		     const bool *shown);
void core_scenario_free(struct core_scenario *sc);
/* A preset answer as a value on the day of now: scenario dates and times may
 * be written "today 14:00" or "tomorrow 9:00" (buf holds 17 bytes). */
const char *core_preset_value(const struct core_question *q, const struct core_preset *p,
			      time_t now, char buf[17]);
/* Plays a scripted run: the scenario's answers, then its `correct` ones, then
 * `over` on top (NULL for none), for a visit planned per the scenario on the
 * day of now; scores it. */
void core_scenario_run(const struct core_rulebook *rb, const struct core_scenario *sc,
		       const struct core_preset *over, size_t nover, time_t now,
		       struct core_score *out);
/* The same run, evaluated but not scored (caller frees ev). */
void core_scenario_play(const struct core_rulebook *rb, const struct core_scenario *sc,
			const struct core_preset *over, size_t nover, time_t now,
			struct core_eval *ev);

/* Computes the due time of an action for a visit and answers. */
time_t core_action_due(const struct core_rulebook *rb, const struct core_action *a,
		       const struct core_visit *visit, const struct core_answer *answers,
		       const bool *shown);

#endif
