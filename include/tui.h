/* tui.h — the ncurses screens: the main menu and, through it, every screen.
 * Only this module draws; it reads the model through core and store. */
#ifndef HV_TUI_H
#define HV_TUI_H

#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

#include "core.h"
#include "store.h"

struct core_scenario;

struct tui_opts {
	const struct core_rulebook *rb; /* the rule file in use for new records */
	struct store *st;               /* the records */
	/* Training, opened only when asked for (the command line provides them):
	 * the training database, and the scenarios (invalid ones reported and
	 * left out). */
	struct store *(*open_training)(void *ctx);
	struct core_scenario **(*load_scenarios)(void *ctx, size_t *n);
	void *ctx;
	const char *scenario;           /* `homevisit train SCENARIO`: an id or a file */
};

/* Runs the main menu until the user quits. Returns an exit status: HV_OK, or
 * HV_EUNAVAILABLE with a message on stderr when the terminal cannot be used. */
int tui_menu_run(const struct tui_opts *opts);
/* `homevisit plan`: a new plan or a draft to resume, then the wizard. */
int tui_plan_run(const struct tui_opts *opts);
/* `homevisit outcome [ID]`: a planned visit's outcome (id 0: pick one). */
int tui_outcome_run(const struct tui_opts *opts, int64_t id);
/* `homevisit review`: the manager's list of records. */
int tui_review_run(const struct tui_opts *opts);
/* `homevisit train [SCENARIO]`: a mock visit, scored, with a debrief. */
int tui_train_run(const struct tui_opts *opts);

/* ---- the framework the screens share (tui/tui.c) ---- */

#define TUI_MIN_COLS 60
#define TUI_MIN_ROWS 16

/* A key as the screens see it: a character, or a KEY_* code (is_code). */
struct tui_key {
	wint_t ch;
	bool is_code;
};

enum tui_result { TUI_CONTINUE, TUI_LEAVE, TUI_QUIT };

/* A screen: it keeps its state in its own struct, so that a resize or any
 * other redraw just calls draw again. */
struct tui_screen {
	const char *title;
	void (*draw)(void *state);
	enum tui_result (*key)(void *state, struct tui_key k);
	const char *const *keys_help; /* "key  what it does" lines, NULL-terminated */
	void *state;
	bool (*typing)(void *state);  /* optional: true while letters are typed into a field */
};

/* Starts curses; on failure writes why to stderr and returns false. */
bool tui_start(void);
void tui_stop(void);
/* Whether curses is running (screens started from the menu share it). */
bool tui_active(void);
/* Runs one screen until it leaves or quits. */
enum tui_result tui_run(struct tui_screen *s);
/* True if the terminal is at least the minimum size. */
bool tui_big_enough(void);
/* Colour pairs (all A_NORMAL under NO_COLOR). */
int tui_attr_title(void);
int tui_attr_select(void);
int tui_attr_dim(void);
int tui_attr_warn(void);
/* Draws the title bar and the key hint line; both stay one line. */
void tui_frame(const char *title, const char *hints);
/* Remembers that a screen was left with an answer that could not be saved
 * (status: why, e.g. HV_EIO); tui_end_status, after tui_stop, says so on
 * standard error and returns the status (HV_OK if every answer was saved). */
void tui_note_unsaved(int status, const char *msg);
int tui_end_status(void);
/* Writes UTF-8 text at (y, x), cut to at most width columns. Returns columns used. */
int tui_put(int y, int x, int width, const char *utf8);
/* Appends text cut or padded to exactly width display columns (UTF-8 aware),
 * then a space: a table cell. */
struct strbuf;
void tui_cell(struct strbuf *sb, const char *text, int width);
/* Shows a screen listing a screen's keys until a key is pressed. */
void tui_show_keys(const struct tui_screen *s);
/* The next key (handling signals and resizes; a resize returns KEY_RESIZE). */
struct tui_key tui_getkey(void);
/* Draws the "enlarge the terminal" line; true if the terminal is too small. */
bool tui_too_small(void);
/* Draws a boxed panel (y, x, h, w) with a title, cleared inside. */
void tui_box(int y, int x, int h, int w, const char *title);
/* Writes UTF-8 text wrapped to width from row y, skipping the first skip
 * lines and stopping after max lines. Returns the number of lines it holds. */
int tui_put_wrapped(int y, int x, int width, int skip, int max, const char *text);

/* ---- dialogs, drawn over the screen `under` (tui/dialog.c) ---- */

/* Asks a question with lettered answers ("d", "Discard them"...); returns the
 * letter chosen, or 0 on Esc. */
int tui_ask(const struct tui_screen *under, const char *title, const char *text,
	    const char *const *choices);
/* Asks for a line of text; returns false on Esc. *out is allocated. */
bool tui_ask_line(const struct tui_screen *under, const char *title, const char *prompt,
		  const char *initial, char **out);
/* Shows a message until a key is pressed. */
void tui_tell(const struct tui_screen *under, const char *title, const char *text);
/* Picks one of n lines (Enter), or none (Esc: returns false). */
bool tui_pick(const struct tui_screen *under, const char *title, const char *const *items,
	      size_t n, size_t *sel);

#endif
