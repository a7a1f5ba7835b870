/* store.h — visit records in SQLite. The only module that holds SQL.
 * Every function returns an hv_status and explains a failure in a struct hv_error. */
#ifndef HV_STORE_H
#define HV_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core.h"
#include "hv_error.h"

#define STORE_APPLICATION_ID 0x48564953 /* "HVIS" */
#define STORE_SCHEMA_VERSION 3
#define STORE_BUSY_MS 5000              /* how long to wait for another writer, by default */

enum store_flags {
	STORE_CREATE = 1,   /* create the file if it does not exist (its folder must) */
	STORE_READONLY = 2, /* reading only: a read-only file is fine */
};

struct store;

/* Opens (or creates) a database. Refuses, leaving the file untouched, a file
 * that is not a SQLite database, one that is not ours (application_id), one
 * from a newer homevisit (user_version), a read-only file when writing, and one
 * still locked after STORE_BUSY_MS (HV_EBUSY). */
int store_open(const char *path, int flags, struct store **out, struct hv_error *err);
void store_close(struct store *st);
/* How long later store_open calls wait for a lock (tests use a short one). */
void store_set_busy_ms(int ms);
const char *store_path(const struct store *st);
int store_schema_version(struct store *st);

/* Creates the folder for a database (and its parents) with mode 0700. */
int store_make_dir(const char *path, struct hv_error *err);

/* Explicit transactions around several calls (for example a whole import):
 * the calls inside join it instead of committing on their own. */
int store_begin(struct store *st, struct hv_error *err);
int store_commit(struct store *st, struct hv_error *err);
void store_rollback(struct store *st);

/* ---- rulebooks ---- */

/* The SHA-256 of the rulebook's text, as 64 hex digits, by which records name it. */
void store_rulebook_hash(const struct core_rulebook *rb, char hash[65]);
/* Keeps the rulebook's whole text (once per content hash); fills hash. */
int store_rulebook_put(struct store *st, const struct core_rulebook *rb, char hash[65],
		       struct hv_error *err);
/* The text of a stored rulebook (caller frees). */
int store_rulebook_text(struct store *st, const char *hash, char **text, size_t *len,
			struct hv_error *err);

/* ---- visits ---- */

struct store_visit {
	int64_t id;
	char *case_ref, *practitioner, *agency, *address, *children, *purpose;
	char *planned_at;         /* local "YYYY-MM-DD HH:MM" */
	char *kind;               /* announced | unannounced */
	char *status;             /* draft | planned | visited | no_access | reviewed */
	char *rulebook_hash, *rulebook_id, *rulebook_version;
	char *created_at, *updated_at; /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
	/* worked out by the engine from the answers, kept for the manager's queries */
	char *escalation;         /* rung id of the rulebook's ladder */
	int escalation_rank;      /* its place on the ladder, 0 = lowest */
	char *urgency;            /* highest urgency that fired, or "none" */
	bool emergency;
	char *expected_back_at, *welfare_check, *next_contact_at, *outcome_at;
	char *resume_at;          /* the question the wizard was on */
	/* counted when listed */
	int open_actions, overdue_actions;
	bool reviewed;
};
void store_visit_free(struct store_visit *v);

/* Starts a draft. The details fields of v are used; id is filled in. */
int store_visit_create(struct store *st, struct store_visit *v, const char *who,
		       struct hv_error *err);
/* Changes a draft's details (refused once it has left draft). */
int store_visit_update_details(struct store *st, const struct store_visit *v, const char *who,
			       struct hv_error *err);
/* HV_ENOINPUT if there is no such record. */
int store_visit_get(struct store *st, int64_t id, struct store_visit *out, struct hv_error *err);

/* What the engine worked out, saved with every answer. */
struct store_derived {
	const char *escalation;
	int escalation_rank;
	const char *urgency;
	bool emergency;
	const char *expected_back_at, *welfare_check, *next_contact_at;
};

/* An action that fires now (due_at local "YYYY-MM-DD HH:MM" or NULL). */
struct store_action_in {
	const char *action, *text, *owner, *urgency, *escalation, *due_at;
};

/* Saves one confirmed answer in its own transaction, with what it changed:
 * the derived fields, the actions that now fire (new ones are added, open ones
 * that no longer fire are withdrawn) and where the wizard stands. A NULL value
 * clears the answer (its history stays). */
struct store_save {
	const char *question, *value, *reason;
	const struct store_derived *derived;
	const struct store_action_in *fired;
	size_t nfired;
	const char *resume_at;
	const char *correction; /* the reason for changing a finished record, else NULL */
	const char *outcome_at; /* when the outcome began to be recorded, kept once set */
};
int store_answer_save(struct store *st, int64_t visit, const struct store_save *s, const char *who,
		      struct hv_error *err);

/* Remembers the question the wizard is on. */
int store_visit_set_resume(struct store *st, int64_t visit, const char *question,
			   struct hv_error *err);

/* Moves a record on: draft -> planned -> visited | no_access -> reviewed.
 * outcome_at is recorded (unless already set) with visited or no_access. */
int store_visit_set_status(struct store *st, int64_t visit, const char *status,
			   const char *outcome_at, const char *who, struct hv_error *err);

struct store_answer {
	const char *question, *value, *reason, *answered_at, *answered_by;
};
typedef int (*store_answer_cb)(const struct store_answer *a, void *ctx);
/* The current answer to each question (the latest row; cleared ones skipped). */
int store_answers_current(struct store *st, int64_t visit, store_answer_cb cb, void *ctx,
			  struct hv_error *err);
/* Every answer row, oldest first. */
int store_answers_history(struct store *st, int64_t visit, store_answer_cb cb, void *ctx,
			  struct hv_error *err);

/* ---- actions ---- */

struct store_action {
	int64_t id, visit;
	const char *action, *text, *owner, *urgency, *escalation, *due_at, *status;
	const char *done_at, *done_by, *note, *created_at;
	const char *case_ref, *practitioner; /* of the visit, for lists */
	bool overdue;
};
typedef int (*store_action_cb)(const struct store_action *a, void *ctx);
int store_actions_list(struct store *st, int64_t visit, store_action_cb cb, void *ctx,
		       struct hv_error *err);
int store_action_done(struct store *st, int64_t action, const char *note, const char *who,
		      struct hv_error *err);
/* Open actions with a due time, soonest first; overdue_only keeps those past now. */
int store_due_list(struct store *st, bool overdue_only, const char *now, store_action_cb cb,
		   void *ctx, struct hv_error *err);
/* Open actions past their due time, counted up to cap + 1. */
int store_overdue_count(struct store *st, const char *now, int64_t cap, int64_t *n,
			struct hv_error *err);
/* Refreshes the query planner's statistics (after a large import). */
int store_analyze(struct store *st, struct hv_error *err);
/* Open actions due by until (local "YYYY-MM-DD HH:MM"), by practitioner then
 * due time, at most limit of them: the manager's morning view. */
int store_due_by_practitioner(struct store *st, const char *until, const char *now,
			      int64_t limit, store_action_cb cb, void *ctx, struct hv_error *err);

/* ---- reviews and history ---- */

int store_review_add(struct store *st, int64_t visit, const char *decision, const char *comment,
		     const char *who, struct hv_error *err);

struct store_review {
	const char *at, *reviewer, *decision, *comment;
};
typedef int (*store_review_cb)(const struct store_review *r, void *ctx);
int store_reviews_list(struct store *st, int64_t visit, store_review_cb cb, void *ctx,
		       struct hv_error *err);

struct store_filter;

struct store_event {
	int64_t id, visit;
	const char *at, *who, *kind, *question, *old_value, *new_value, *reason, *detail;
};
typedef int (*store_event_cb)(const struct store_event *e, void *ctx);
int store_events_list(struct store *st, int64_t visit, store_event_cb cb, void *ctx,
		      struct hv_error *err);
/* The events of every record that matches f, record by record. */
int store_events_all(struct store *st, const struct store_filter *f, store_event_cb cb, void *ctx,
		     struct hv_error *err);

/* ---- lists ---- */

struct store_filter {
	const char *status;        /* one status, or NULL */
	const char *practitioner;  /* exact, or NULL */
	const char *case_ref;      /* exact, or NULL */
	const char *from, *to;     /* planned date range "YYYY-MM-DD", inclusive */
	int min_escalation;        /* escalation rank at or above; 0 = any */
	bool unreviewed, overdue, failed_access, emergency, drafts_too;
	bool past_back;            /* planned, and the practitioner is past their expected-back time */
	const char *search;        /* case reference or practitioner starts with */
	const char *now;           /* local "YYYY-MM-DD HH:MM"; NULL = the clock */
};

typedef int (*store_visit_cb)(const struct store_visit *v, void *ctx);
/* Visits matching f, newest planned first, rows offset..offset+limit (limit
 * < 0: all). Rows are streamed to cb, never all held in memory. A non-zero
 * return from cb stops the walk. */
int store_visits_list(struct store *st, const struct store_filter *f, int64_t offset,
		      int64_t limit, store_visit_cb cb, void *ctx, struct hv_error *err);
int store_visits_count(struct store *st, const struct store_filter *f, int64_t *n,
		       struct hv_error *err);
/* Planned visits whose practitioner is past their expected-back time, the
 * most recently passed first (at most limit): for the warning line. */
int store_visits_past_back(struct store *st, int64_t limit, store_visit_cb cb, void *ctx,
			   struct hv_error *err);
/* Counts at most cap + 1 matches (so *n > cap means "more than cap"): cheap
 * however many records match, for a screen that shows "over 10,000". */
int store_visits_count_upto(struct store *st, const struct store_filter *f, int64_t cap,
			    int64_t *n, struct hv_error *err);

/* ---- training attempts (the training database only) ---- */

int store_attempt_start(struct store *st, int64_t visit, const char *scenario, const char *title,
			const char *trainee, int64_t *id, struct hv_error *err);
/* Records the score, once. missed and wrong are action ids joined by ','. */
int store_attempt_finish(struct store *st, int64_t attempt, int score, int out_of,
			 bool escalation_right, const char *missed, const char *wrong,
			 struct hv_error *err);

struct store_attempt {
	int64_t id, visit;
	const char *scenario, *title, *trainee, *started_at, *finished_at, *missed, *wrong;
	int score, out_of;
	bool finished, escalation_right;
};
typedef int (*store_attempt_cb)(const struct store_attempt *a, void *ctx);
/* Attempts, newest first; trainee NULL for everyone's. */
int store_attempts_list(struct store *st, const char *trainee, store_attempt_cb cb, void *ctx,
			struct hv_error *err);

/* ---- JSON, built by SQLite's JSON functions ---- */

/* One record whole: details, answers (with the question texts of rb, the
 * rulebook it was made with), actions, reviews and events. */
int store_visit_json(struct store *st, int64_t visit, const struct core_rulebook *rb, FILE *fp,
		     struct hv_error *err);
/* Every matching record as a JSON array (with its events). */
int store_export_json(struct store *st, const struct store_filter *f, FILE *fp,
		      struct hv_error *err);

/* ---- checks ---- */

/* PRAGMA integrity_check: HV_OK, or HV_FOUND with each problem in err. */
int store_integrity(struct store *st, struct hv_error *err);

/* The local time now as "YYYY-MM-DD HH:MM" and UTC as "YYYY-MM-DDTHH:MM:SSZ". */
void store_now_local(char out[17]);
void store_now_utc(char out[21]);

#endif
