/* screens.h — how the screens reach one another (internal to tui).
 * Each screen keeps its own state; none draws another's. */
#ifndef HV_TUI_SCREENS_H
#define HV_TUI_SCREENS_H

#include "tui.h"
#include "visit.h"

enum wizard_end {
	WIZARD_LEFT,     /* the user left; the draft is kept */
	WIZARD_FINISHED, /* confirmed at the summary */
};

/* Walks the questions of one stage of a record, saving each answer as it is
 * confirmed; in training (sc), with the scenario's story and the facts the
 * answers uncover in a pane. Returns how it ended. */
enum wizard_end wizard_run(const struct tui_opts *opts, struct visit *vs, enum core_stage stage,
			   const char *title, const struct core_scenario *sc);

/* The visit details form. *vs is NULL for a new plan: the draft is created
 * when the case reference is confirmed. Returns false if the user left. */
bool details_run(const struct tui_opts *opts, struct visit **vs);

/* The summary of a plan; confirming marks it planned. Returns true if confirmed. */
bool summary_run(const struct tui_opts *opts, struct visit *vs, const struct tui_screen *under);
/* The outcome's case note; confirming saves the outcome. True if confirmed. */
bool outcome_summary_run(const struct tui_opts *opts, struct visit *vs);
/* A full-screen emergency instruction from the rule file, until Enter. */
void tui_emergency(const struct core_action *a);

/* A scrollable page of text, with extra keys handled by key (which returns
 * TUI_CONTINUE to stay). */
struct tui_view {
	const char *title, *hints;
	const char *text;
	int top;
	enum tui_result (*key)(void *ctx, struct tui_key k);
	void *ctx;
	const char *const *keys_help;
	char msg[256];
	/* the text wrapped once for the current width */
	const char *wrapped_text;
	int wrapped_width;
	size_t nlines, *starts, *lens;
};
enum tui_result tui_view_run(struct tui_view *v);

/* Writes a record's plan (or its case note) to a file the user names
 * (Markdown, or text for .txt), created 0600; reports in msg. */
void tui_print_record(const struct tui_screen *under, struct visit *vs, bool note, char *msg,
		      size_t msglen);

/* The record (or its case note) as text in memory, as `homevisit show ID` gives it. */
char *tui_record_text(struct visit *vs, bool markdown, bool note);

#endif
