/* dialog.c — small modal dialogs drawn over the current screen: a question
 * with lettered answers, a line of text, a message, a pick list. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "tui.h"
#include "widget.h"

/* Redraws the screen underneath, then a centred box of h rows; returns its top. */
static int dialog_frame(const struct tui_screen *under, int h, int w, const char *title, int *x)
{
	erase();
	if (under != NULL)
		under->draw(under->state);
	if (h > LINES - 2)
		h = LINES - 2;
	*x = (COLS - w) / 2;
	tui_box((LINES - h) / 2, *x, h, w, title);
	return (LINES - h) / 2;
}

static int dialog_width(void)
{
	int w = COLS - 8;

	return w > 76 ? 76 : w;
}

int tui_ask(const struct tui_screen *under, const char *title, const char *text,
	    const char *const *choices)
{
	int nchoices = 0, i;

	while (choices[nchoices] != NULL)
		nchoices++;
	for (;;) {
		int w = dialog_width(), x, y, lines, h;
		struct tui_key k;

		if (!tui_too_small()) {
			lines = tui_put_wrapped(0, 0, w - 4, 0, 0, text);
			h = lines + nchoices + 4;
			y = dialog_frame(under, h, w, title, &x);
			tui_put_wrapped(y + 1, x + 2, w - 4, 0, LINES - 6 - nchoices, text);
			for (i = 0; i < nchoices; i++) {
				attron(A_BOLD);
				mvaddch(y + h - 1 - nchoices + i - 1, x + 3, (chtype)choices[i][0]);
				attroff(A_BOLD);
				tui_put(y + h - 1 - nchoices + i - 1, x + 6, w - 8, choices[i] + 1);
			}
		}
		refresh();
		k = tui_getkey();
		if (k.is_code)
			continue;
		if (k.ch == 27)
			return 0;
		for (i = 0; i < nchoices; i++)
			if ((wint_t)choices[i][0] == k.ch)
				return choices[i][0];
	}
}

void tui_tell(const struct tui_screen *under, const char *title, const char *text)
{
	for (;;) {
		int w = dialog_width(), x, y, lines;
		struct tui_key k;

		if (!tui_too_small()) {
			lines = tui_put_wrapped(0, 0, w - 4, 0, 0, text);
			y = dialog_frame(under, lines + 4, w, title, &x);
			tui_put_wrapped(y + 1, x + 2, w - 4, 0, LINES - 6, text);
			attrset(tui_attr_dim());
			tui_put(y + lines + 2, x + 2, w - 4, "Press any key to go on.");
			attrset(A_NORMAL);
		}
		refresh();
		k = tui_getkey();
		if (!(k.is_code && k.ch == KEY_RESIZE))
			return;
	}
}

bool tui_ask_line(const struct tui_screen *under, const char *title, const char *prompt,
		  const char *initial, char **out)
{
	struct edit e;
	bool done = false, ok = false;

	edit_init(&e, initial, false, 1000);
	while (!done) {
		int w = dialog_width(), x, y, lines;
		struct tui_key k;

		if (!tui_too_small()) {
			lines = tui_put_wrapped(0, 0, w - 4, 0, 0, prompt);
			y = dialog_frame(under, lines + 5, w, title, &x);
			tui_put_wrapped(y + 1, x + 2, w - 4, 0, LINES - 7, prompt);
			widget_edit_draw(&e, y + lines + 2, x + 2, w - 4, 1, true);
		}
		refresh();
		k = tui_getkey();
		switch (widget_edit_key(&e, k)) {
		case WIDGET_DONE:
		case WIDGET_NEXT:
			ok = done = true;
			break;
		case WIDGET_CANCEL:
			done = true;
			break;
		default:
			break;
		}
	}
	curs_set(0);
	*out = ok ? xstrdup(e.buf) : NULL;
	edit_free(&e);
	return ok;
}

bool tui_pick(const struct tui_screen *under, const char *title, const char *const *items,
	      size_t n, size_t *sel)
{
	size_t top = 0;

	if (n == 0)
		return false;
	if (*sel >= n)
		*sel = 0;
	for (;;) {
		int w = COLS - 4, x, y, h = (int)n + 4, rows;
		size_t i;
		struct tui_key k;

		if (!tui_too_small()) {
			if (h > LINES - 2)
				h = LINES - 2;
			rows = h - 4;
			if (*sel < top)
				top = *sel;
			if (*sel >= top + (size_t)rows)
				top = *sel - (size_t)rows + 1;
			y = dialog_frame(under, h, w, title, &x);
			for (i = top; i < n && i < top + (size_t)rows; i++) {
				if (i == *sel)
					attrset(tui_attr_select());
				move(y + 1 + (int)(i - top), x + 1);
				hline(' ', w - 2);
				tui_put(y + 1 + (int)(i - top), x + 2, w - 4, items[i]);
				attrset(A_NORMAL);
			}
			attrset(tui_attr_dim());
			tui_put(y + h - 2, x + 2, w - 4, "Enter choose   Esc back");
			attrset(A_NORMAL);
		}
		refresh();
		k = tui_getkey();
		if (k.is_code) {
			if (k.ch == KEY_UP && *sel > 0)
				(*sel)--;
			else if (k.ch == KEY_DOWN && *sel + 1 < n)
				(*sel)++;
			else if (k.ch == KEY_ENTER)
				return true;
			continue;
		}
		if (k.ch == 'k' && *sel > 0)
			(*sel)--;
		else if (k.ch == 'j' && *sel + 1 < n)
			(*sel)++;
		else if (k.ch == '\r' || k.ch == '\n')
			return true;
		else if (k.ch == 27 || k.ch == 'q')
			return false;
	}
}
