/* tui.c — terminal set-up, the draw-then-key loop, signals and the size guard.
 * A signal restores the terminal before the process ends; answers are already saved. */
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

#include "edit.h"
#include "hv_error.h"
#include "tui.h"

enum { PAIR_TITLE = 1, PAIR_SELECT, PAIR_DIM, PAIR_WARN };

static volatile sig_atomic_t got_signal;
static bool started, use_colour;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* After a signal: give the terminal back, then die of the same signal so the
 * caller sees how we ended. */
static void finish_signalled(void)
{
	int sig = got_signal;

	tui_stop();
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(128 + sig);
}

bool tui_start(void)
{
	const char *term = getenv("TERM");
	SCREEN *scr;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "homevisit: the screens need a terminal; for scripts, use the "
				"commands listed by 'homevisit --help'\n");
		return false;
	}
	if (term == NULL || term[0] == '\0' || strcmp(term, "dumb") == 0) {
		fprintf(stderr, "homevisit: the terminal type '%s' cannot show the screens; "
				"set TERM to your terminal (for example xterm-256color)\n",
			term ? term : "");
		return false;
	}
	catch_signals();
	scr = newterm(NULL, stdout, stdin);
	if (scr == NULL) {
		fprintf(stderr, "homevisit: the terminal type '%s' is not known here; "
				"set TERM to your terminal (for example xterm-256color)\n", term);
		return false;
	}
	if (tigetstr("cup") == NULL || tigetstr("cup") == (char *)-1) {
		endwin();
		delscreen(scr);
		fprintf(stderr, "homevisit: the terminal type '%s' cannot move the cursor, so "
				"the screens cannot be shown; set TERM to your terminal\n", term);
		return false;
	}
	started = true;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	curs_set(0);
	use_colour = getenv("NO_COLOR") == NULL && has_colors();
	if (use_colour) {
		start_color();
		use_default_colors();
		init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
		init_pair(PAIR_SELECT, COLOR_BLACK, COLOR_CYAN);
		init_pair(PAIR_DIM, COLOR_BLUE, -1);
		init_pair(PAIR_WARN, COLOR_RED, -1);
	}
	return true;
}

bool tui_active(void)
{
	return started;
}

/* The last answer that could not be saved when its screen was left. */
static int unsaved_status;
static char *unsaved_msg;

void tui_note_unsaved(int status, const char *msg)
{
	unsaved_status = status;
	free(unsaved_msg);
	unsaved_msg = msg != NULL ? xstrdup(msg) : NULL;
}

int tui_end_status(void)
{
	int status = unsaved_status;

	if (status != HV_OK)
		fprintf(stderr, "homevisit: an answer was NOT saved: %s\n",
			unsaved_msg != NULL ? unsaved_msg : "(no message)");
	free(unsaved_msg);
	unsaved_msg = NULL;
	unsaved_status = HV_OK;
	return status;
}

void tui_stop(void)
{
	if (!started)
		return;
	started = false;
	endwin();
}

int tui_attr_title(void)
{
	return use_colour ? (int)COLOR_PAIR(PAIR_TITLE) | A_BOLD : A_REVERSE | A_BOLD;
}

int tui_attr_select(void)
{
	return use_colour ? (int)COLOR_PAIR(PAIR_SELECT) | A_BOLD : A_REVERSE;
}

int tui_attr_dim(void)
{
	return use_colour ? (int)COLOR_PAIR(PAIR_DIM) : A_DIM;
}

int tui_attr_warn(void)
{
	return use_colour ? (int)COLOR_PAIR(PAIR_WARN) | A_BOLD : A_BOLD;
}

bool tui_big_enough(void)
{
	return COLS >= TUI_MIN_COLS && LINES >= TUI_MIN_ROWS;
}

int tui_put(int y, int x, int width, const char *utf8)
{
	wchar_t wc;
	mbstate_t st;
	const char *p = utf8;
	int used = 0;
	size_t n;

	memset(&st, 0, sizeof(st));
	move(y, x);
	while (*p != '\0' && used < width) {
		int w;

		n = mbrtowc(&wc, p, strlen(p), &st);
		if (n == (size_t)-1 || n == (size_t)-2) {
			wc = L'?';
			n = 1;
			memset(&st, 0, sizeof(st));
		}
		w = wcwidth(wc);
		if (w < 0)
			w = 1, wc = L'?';
		if (used + w > width)
			break;
		addnwstr(&wc, 1);
		used += w;
		p += n;
	}
	return used;
}

void tui_frame(const char *title, const char *hints)
{
	attrset(tui_attr_title());
	move(0, 0);
	hline(' ', COLS);
	tui_put(0, 1, COLS - 2, title);
	attrset(tui_attr_dim());
	move(LINES - 1, 0);
	clrtoeol();
	tui_put(LINES - 1, 1, COLS - 2, hints);
	attrset(A_NORMAL);
}

bool tui_too_small(void)
{
	char msg[128];

	if (tui_big_enough())
		return false;
	erase();
	snprintf(msg, sizeof(msg), "Terminal too small (%dx%d): enlarge it to at least %dx%d.",
		 COLS, LINES, TUI_MIN_COLS, TUI_MIN_ROWS);
	tui_put(0, 0, COLS, msg);
	return true;
}

struct tui_key tui_getkey(void)
{
	struct tui_key k = {0, false};
	wint_t wch;
	int r;

	for (;;) {
		if (got_signal)
			finish_signalled();
		timeout(250);
		r = get_wch(&wch);
		if (r == ERR)
			continue;
		k.ch = wch;
		k.is_code = r == KEY_CODE_YES;
		return k;
	}
}

void tui_cell(struct strbuf *sb, const char *text, int width)
{
	size_t n = text ? strlen(text) : 0, i = 0;
	int used = 0;

	while (i < n) {
		size_t len = utf8_seqlen(text + i, n - i);
		int w = edit_width(text + i, len);

		if (used + w > width)
			break;
		sb_addn(sb, text + i, len);
		used += w;
		i += len;
	}
	while (used++ < width)
		sb_addc(sb, ' ');
	sb_addc(sb, ' ');
}

void tui_box(int y, int x, int h, int w, const char *title)
{
	int i;

	for (i = 0; i < h; i++) {
		move(y + i, x);
		hline(' ', w);
	}
	attrset(tui_attr_dim());
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
	if (title != NULL && title[0] != '\0') {
		attron(A_BOLD);
		mvaddch(y, x + 1, ' ');
		tui_put(y, x + 2, w - 4, title);
		addch(' ');
		attroff(A_BOLD);
	}
}

int tui_put_wrapped(int y, int x, int width, int skip, int max, const char *text)
{
	size_t *st, *ln, n, i;
	int row = 0;

	if (text == NULL)
		return 0;
	n = edit_wrap(text, width, &st, &ln);
	for (i = (size_t)skip; i < n && row < max; i++, row++) {
		char *line = xstrndup(text + st[i], ln[i]);

		tui_put(y + row, x, width, line);
		free(line);
	}
	free(st);
	free(ln);
	return (int)n;
}

void tui_show_keys(const struct tui_screen *s)
{
	int y = 2, i;

	for (;;) {
		erase();
		if (!tui_too_small()) {
			tui_frame("Keys", "Press any key to go back");
			y = 2;
			for (i = 0; s->keys_help != NULL && s->keys_help[i] != NULL && y < LINES - 1; i++)
				tui_put(y++, 2, COLS - 4, s->keys_help[i]);
		}
		refresh();
		if (tui_getkey().ch != KEY_RESIZE)
			return;
	}
}

enum tui_result tui_run(struct tui_screen *s)
{
	for (;;) {
		struct tui_key k;
		enum tui_result r;

		erase();
		if (!tui_too_small())
			s->draw(s->state);
		refresh();
		k = tui_getkey();
		if (k.is_code && k.ch == KEY_RESIZE)
			continue;
		if (!tui_big_enough())
			continue; /* nothing but the message until it grows */
		if ((k.is_code && k.ch == KEY_F(1)) ||
		    (!k.is_code && k.ch == '?' && (s->typing == NULL || !s->typing(s->state)))) {
			tui_show_keys(s);
			continue;
		}
		r = s->key(s->state, k);
		if (r != TUI_CONTINUE)
			return r;
	}
}
