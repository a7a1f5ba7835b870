/* view.c — a scrollable page of text (the summary of a plan, a record), and
 * writing a record to a file the user names. */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edit.h"
#include "report.h"
#include "screens.h"

static const char *const view_keys[] = {
	"Up/Down, j/k     scroll a line      PgUp/PgDn, Space  scroll a page",
	"Home/End         the top, the end",
	"Esc or q         back",
	NULL,
};

static void view_draw(void *p)
{
	struct tui_view *v = p;
	int h = LINES - 3, total, i;

	tui_frame(v->title, v->hints);
	/* Wrap once per text and width: a long page draws as fast as a short one. */
	if (v->wrapped_text != v->text || v->wrapped_width != COLS - 4) {
		free(v->starts);
		free(v->lens);
		v->nlines = edit_wrap(v->text, COLS - 4, &v->starts, &v->lens);
		v->wrapped_text = v->text;
		v->wrapped_width = COLS - 4;
	}
	total = (int)v->nlines;
	if (v->top > total - h)
		v->top = total - h;
	if (v->top < 0)
		v->top = 0;
	for (i = 0; i < h && (size_t)(v->top + i) < v->nlines; i++) {
		char *line = xstrndup(v->text + v->starts[v->top + i], v->lens[v->top + i]);

		tui_put(1 + i, 2, COLS - 4, line);
		free(line);
	}
	if (v->msg[0]) {
		attrset(tui_attr_warn());
		move(LINES - 2, 0);
		clrtoeol();
		tui_put(LINES - 2, 2, COLS - 4, v->msg);
		attrset(A_NORMAL);
	}
}

static enum tui_result view_key(void *p, struct tui_key k)
{
	struct tui_view *v = p;
	int page = LINES - 4;

	v->msg[0] = '\0';
	if (k.is_code) {
		switch (k.ch) {
		case KEY_UP:
			v->top--;
			return TUI_CONTINUE;
		case KEY_DOWN:
			v->top++;
			return TUI_CONTINUE;
		case KEY_PPAGE:
			v->top -= page;
			return TUI_CONTINUE;
		case KEY_NPAGE:
			v->top += page;
			return TUI_CONTINUE;
		case KEY_HOME:
			v->top = 0;
			return TUI_CONTINUE;
		case KEY_END:
			v->top = 1 << 20;
			return TUI_CONTINUE;
		}
	} else {
		switch (k.ch) {
		case 'k':
			v->top--;
			return TUI_CONTINUE;
		case 'j':
			v->top++;
			return TUI_CONTINUE;
		case ' ':
			v->top += page;
			return TUI_CONTINUE;
		}
	}
	if (v->key != NULL) {
		enum tui_result r = v->key(v->ctx, k);

		if (r != TUI_CONTINUE || v->msg[0])
			return r;
	}
	if (!k.is_code && (k.ch == 27 || k.ch == 'q'))
		return TUI_LEAVE;
	return TUI_CONTINUE;
}

enum tui_result tui_view_run(struct tui_view *v)
{
	struct tui_screen s = {v->title, view_draw, view_key, v->keys_help ? v->keys_help : view_keys,
			       v, NULL};
	enum tui_result r = tui_run(&s);

	free(v->starts);
	free(v->lens);
	v->starts = v->lens = NULL;
	v->wrapped_text = NULL;
	return r;
}

char *tui_record_text(struct visit *vs, bool markdown, bool note)
{
	struct visit_history h;
	struct report_record r;
	struct hv_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	hv_error_init(&err);
	memset(&h, 0, sizeof(h));
	if (visit_history_load(vs, &h, &err) != HV_OK) {
		char *text = hv_error_text(&err);

		hv_error_clear(&err);
		buf = xasprintf("The record could not be read: %s", text);
		free(text);
		return buf;
	}
	memset(&r, 0, sizeof(r));
	r.v = &vs->v;
	r.rb = vs->rb;
	r.answers = vs->answers;
	r.ev = &vs->ev;
	r.actions = h.actions;
	r.nactions = h.nactions;
	r.reviews = h.reviews;
	r.nreviews = h.nreviews;
	r.events = h.events;
	r.nevents = h.nevents;
	r.training = vs->training;
	fp = open_memstream(&buf, &len);
	if (fp == NULL)
		hv_fatal("out of memory");
	if (note)
		report_note(fp, &r, markdown ? REPORT_MARKDOWN : REPORT_TEXT);
	else
		report_record(fp, &r, markdown ? REPORT_MARKDOWN : REPORT_TEXT);
	fclose(fp);
	visit_history_free(&h);
	return buf;
}

void tui_print_record(const struct tui_screen *under, struct visit *vs, bool note, char *msg,
		      size_t msglen)
{
	const char *home = getenv("HOME");
	char *initial, *path = NULL, *text;
	size_t n;
	bool md;
	int fd;
	FILE *fp;

	initial = xasprintf("%s/homevisit-%s-%lld.%s", home && home[0] ? home : ".",
			    note ? "note" : "plan", (long long)vs->v.id, note ? "txt" : "md");
	if (!tui_ask_line(under, note ? "Write the case note to a file" : "Write the plan to a file",
			  "It is written as Markdown (or as plain text if the name ends in "
			  ".txt), readable only by you. File name:",
			  initial, &path) ||
	    path[0] == '\0') {
		snprintf(msg, msglen, "Nothing was written.");
		free(initial);
		free(path);
		return;
	}
	free(initial);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 && errno == EEXIST) {
		static const char *const choices[] = {"rReplace it", "kKeep it (write nothing)", NULL};

		if (tui_ask(under, "The file exists", path, choices) == 'r')
			fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);
		else {
			snprintf(msg, msglen, "Nothing was written.");
			free(path);
			return;
		}
	}
	if (fd < 0) {
		snprintf(msg, msglen, "Cannot write %s: %s", path, strerror(errno));
		free(path);
		return;
	}
	n = strlen(path);
	md = !(n > 4 && strcmp(path + n - 4, ".txt") == 0);
	text = tui_record_text(vs, md, note);
	fp = fdopen(fd, "w");
	if (fp == NULL)
		close(fd);
	if (fp == NULL || fputs(text, fp) == EOF || fclose(fp) != 0)
		snprintf(msg, msglen, "Writing %s failed: %s", path, strerror(errno));
	else
		snprintf(msg, msglen, "The %s is written to %s (readable only by you).",
			 note ? "case note" : "plan", path);
	free(text);
	free(path);
}
