/* edit.h — the logic of the text widgets, apart from drawing: a UTF-8 line
 * editor, a multi-line editor, and word wrapping. No ncurses here; unit-tested. */
#ifndef HV_TUI_EDIT_H
#define HV_TUI_EDIT_H

#include <stdbool.h>
#include <stddef.h>

/* A line (or, for long text, several lines) of UTF-8 being edited. cur is a
 * byte offset, always on the start of a character. */
struct edit {
	char *buf;
	size_t len, cap, cur;
	bool multiline;    /* Enter inserts a line break */
	size_t max;        /* bytes allowed (0: no limit) */
};

void edit_init(struct edit *e, const char *text, bool multiline, size_t max);
void edit_free(struct edit *e);
void edit_set(struct edit *e, const char *text);
/* Inserts UTF-8 text (control characters other than '\n' in multiline mode are
 * dropped). Returns false if it would pass the limit. */
bool edit_insert(struct edit *e, const char *utf8, size_t n);
bool edit_insert_wc(struct edit *e, unsigned long codepoint);
void edit_left(struct edit *e);
void edit_right(struct edit *e);
void edit_home(struct edit *e);          /* start of the current line */
void edit_end(struct edit *e);           /* end of the current line */
void edit_backspace(struct edit *e);
void edit_delete(struct edit *e);
void edit_kill_to_start(struct edit *e); /* Ctrl-U: the current line up to the cursor */
void edit_kill_word(struct edit *e);     /* Ctrl-W: the word before the cursor */
void edit_up(struct edit *e);            /* multiline: same column, line above */
void edit_down(struct edit *e);

/* Display columns of UTF-8 text (wide characters count 2). */
int edit_width(const char *s, size_t n);

/* Word wrap: splits text into lines of at most width columns (long words are
 * broken). Returns the number of lines; starts[i]/lens[i] are byte ranges of
 * text. The caller frees *starts and *lens. */
size_t edit_wrap(const char *text, int width, size_t **starts, size_t **lens);

#endif
