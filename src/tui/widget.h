/* widget.h — the answer widgets: a text field, and one widget per question
 * type (yes/no/unknown, choice, multi, text, long text, dates, people). */
#ifndef HV_TUI_WIDGET_H
#define HV_TUI_WIDGET_H

#include <stdbool.h>
#include <time.h>

#include "core.h"
#include "edit.h"
#include "tui.h"

enum widget_result {
	WIDGET_NONE,      /* handled; nothing to save */
	WIDGET_SAVE,      /* save the value now and stay (a reason is still wanted) */
	WIDGET_DONE,      /* save the value and move on */
	WIDGET_NEXT,      /* Tab: move on */
	WIDGET_PREV,      /* Shift-Tab: move back */
	WIDGET_CANCEL,    /* Esc */
	WIDGET_EXTERNAL,  /* Ctrl-E in long text: open the editor */
	WIDGET_UNHANDLED, /* not a key for this widget */
};

/* A text field: draws with the cursor kept in view. */
void widget_edit_draw(const struct edit *e, int y, int x, int w, int h, bool focused);
enum widget_result widget_edit_key(struct edit *e, struct tui_key k);

struct qwidget {
	const struct core_question *q;
	int cursor;               /* the highlighted option, or person */
	bool *checked;            /* multi: one per option */
	struct edit text;         /* text, long text, date, time, date-time */
	struct edit reason;       /* the reason, for an answer that needs one */
	bool in_reason;           /* the reason field has the keys */
	struct core_person *people;
	size_t npeople;
	char *saved;              /* the value as last saved (NULL: unanswered) */
	char msg[256];            /* why the last Enter did not save */
	const struct tui_screen *under; /* for the person form */
};

void qwidget_init(struct qwidget *w, const struct core_question *q, const char *value,
		  const char *reason, const struct tui_screen *under);
void qwidget_free(struct qwidget *w);
/* Draws the widget from row y; returns the rows it used. */
int qwidget_draw(struct qwidget *w, int y, int x, int width, int height);
/* Handles a key. On WIDGET_SAVE or WIDGET_DONE, *value and *reason are the
 * canonical answer to save (allocated; *reason may be NULL). */
enum widget_result qwidget_key(struct qwidget *w, struct tui_key k, time_t now, char **value,
			       char **reason);
/* Starts the widget from another answer (not saved until confirmed). */
void qwidget_prefill(struct qwidget *w, const char *value);
/* Typed text not yet saved (for Tab away from an edited field); NULL if none. */
const char *qwidget_pending(const struct qwidget *w);
/* Makes what is typed the answer, as Enter would: true with *value set, or
 * false with w->msg saying why not. */
bool qwidget_commit(struct qwidget *w, time_t now, char **value, char **reason);
/* Whether the keys go to a text field (so letters are typed, not commands). */
bool qwidget_typing(const struct qwidget *w);

/* Opens $VISUAL or $EDITOR on a private temporary file holding text; on
 * success replaces the text. The file is overwritten and removed afterwards. */
bool widget_external_edit(struct edit *e, char *msg, size_t msglen);

#endif
