/* widget.c — drawing the answer widgets and turning keys into answers.
 * Each widget states a value; a value the guidance questions asks for a reason. */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "widget.h"

static const char *const yesno_ids[] = {"yes", "no", "unknown"};
static const char *const yesno_labels[] = {"Yes", "No", "Unknown"};

/* ---- the text field ---- */

static void draw_line(const char *s, size_t len, size_t cur, bool has_cur, int y, int x, int w,
		      bool focused)
{
	size_t start = 0;
	char *part;

	/* Scroll so that the cursor stays in view. */
	if (has_cur)
		while (edit_width(s + start, cur - start) >= w) {
			start += utf8_seqlen(s + start, len - start);
		}
	move(y, x);
	if (focused)
		attron(A_UNDERLINE);
	hline(' ', w);
	part = xstrndup(s + start, len - start);
	tui_put(y, x, w, part);
	free(part);
	if (focused)
		attroff(A_UNDERLINE);
	if (has_cur && focused)
		move(y, x + edit_width(s + start, cur - start));
}

void widget_edit_draw(const struct edit *e, int y, int x, int w, int h, bool focused)
{
	size_t line = 0, start = 0, i, first, row;
	int cy = -1, cx = 0;

	if (w < 2)
		return;
	if (!e->multiline || h <= 1) {
		draw_line(e->buf, e->len, e->cur, true, y, x, w, focused);
		if (focused)
			curs_set(1);
		return;
	}
	/* Which line holds the cursor, to scroll it into view. */
	for (i = 0; i < e->cur; i++)
		if (e->buf[i] == '\n')
			line++;
	first = line >= (size_t)h ? line - (size_t)h + 1 : 0;
	for (i = 0, row = 0; row < first + (size_t)h; row++) {
		size_t end = start;

		while (end < e->len && e->buf[end] != '\n')
			end++;
		if (row >= first) {
			bool here = e->cur >= start && e->cur <= end && row == line;

			draw_line(e->buf + start, end - start, here ? e->cur - start : 0, here,
				  y + (int)(row - first), x, w, focused);
			if (here && focused) {
				getyx(stdscr, cy, cx);
			}
		}
		if (end >= e->len) {
			for (row++; row < first + (size_t)h; row++)
				draw_line("", 0, 0, false, y + (int)(row - first), x, w, focused);
			break;
		}
		start = end + 1;
	}
	if (focused && cy >= 0) {
		move(cy, cx);
		curs_set(1);
	}
}

enum widget_result widget_edit_key(struct edit *e, struct tui_key k)
{
	if (k.is_code) {
		switch (k.ch) {
		case KEY_LEFT:
			edit_left(e);
			return WIDGET_NONE;
		case KEY_RIGHT:
			edit_right(e);
			return WIDGET_NONE;
		case KEY_HOME:
			edit_home(e);
			return WIDGET_NONE;
		case KEY_END:
			edit_end(e);
			return WIDGET_NONE;
		case KEY_BACKSPACE:
			edit_backspace(e);
			return WIDGET_NONE;
		case KEY_DC:
			edit_delete(e);
			return WIDGET_NONE;
		case KEY_UP:
			if (!e->multiline)
				return WIDGET_UNHANDLED;
			edit_up(e);
			return WIDGET_NONE;
		case KEY_DOWN:
			if (!e->multiline)
				return WIDGET_UNHANDLED;
			edit_down(e);
			return WIDGET_NONE;
		case KEY_ENTER:
			if (e->multiline) {
				edit_insert(e, "\n", 1);
				return WIDGET_NONE;
			}
			return WIDGET_DONE;
		case KEY_BTAB:
			return WIDGET_PREV;
		default:
			return WIDGET_UNHANDLED;
		}
	}
	switch (k.ch) {
	case '\r':
	case '\n':
		if (e->multiline) {
			edit_insert(e, "\n", 1);
			return WIDGET_NONE;
		}
		return WIDGET_DONE;
	case '\t':
		return WIDGET_NEXT;
	case 27:
		return WIDGET_CANCEL;
	case 127:
	case 8:
		edit_backspace(e);
		return WIDGET_NONE;
	case 1: /* Ctrl-A */
		edit_home(e);
		return WIDGET_NONE;
	case 5: /* Ctrl-E */
		if (e->multiline)
			return WIDGET_EXTERNAL;
		edit_end(e);
		return WIDGET_NONE;
	case 21: /* Ctrl-U */
		edit_kill_to_start(e);
		return WIDGET_NONE;
	case 23: /* Ctrl-W */
		edit_kill_word(e);
		return WIDGET_NONE;
	default:
		if (k.ch < 0x20)
			return WIDGET_UNHANDLED;
		edit_insert_wc(e, (unsigned long)k.ch);
		return WIDGET_NONE;
	}
}

/* ---- the question widgets ---- */

static int noptions(const struct qwidget *w)
{
	return w->q->type == CORE_Q_YESNO ? 3 : (int)w->q->noptions;
}

static const char *option_id(const struct qwidget *w, int i)
{
	return w->q->type == CORE_Q_YESNO ? yesno_ids[i] : w->q->options[i].id;
}

static const char *option_label(const struct qwidget *w, int i)
{
	return w->q->type == CORE_Q_YESNO ? yesno_labels[i] : w->q->options[i].label;
}

static bool is_text_type(enum core_qtype t)
{
	return t == CORE_Q_TEXT || t == CORE_Q_LONGTEXT || t == CORE_Q_DATE || t == CORE_Q_TIME ||
	       t == CORE_Q_DATETIME;
}

void qwidget_init(struct qwidget *w, const struct core_question *q, const char *value,
		  const char *reason, const struct tui_screen *under)
{
	int i;

	memset(w, 0, sizeof(*w));
	w->q = q;
	w->under = under;
	w->saved = value ? xstrdup(value) : NULL;
	edit_init(&w->text, is_text_type(q->type) && value ? value : "", q->type == CORE_Q_LONGTEXT,
		  q->type == CORE_Q_LONGTEXT ? 20000 : 1000);
	edit_init(&w->reason, reason ? reason : "", false, 1000);
	if (q->type == CORE_Q_MULTI)
		w->checked = xcalloc(q->noptions ? q->noptions : 1, sizeof(bool));
	for (i = 0; i < noptions(w); i++) {
		if (q->type == CORE_Q_MULTI && value != NULL)
			w->checked[i] = core_multi_has(value, option_id(w, i));
		else if ((q->type == CORE_Q_YESNO || q->type == CORE_Q_CHOICE) && value != NULL &&
			 strcmp(value, option_id(w, i)) == 0)
			w->cursor = i;
	}
	if (q->type == CORE_Q_PEOPLE && value != NULL)
		w->npeople = core_people_parse(value, &w->people);
	w->in_reason = value != NULL && core_answer_needs_reason(q, value) &&
		       (reason == NULL || reason[0] == '\0');
}

void qwidget_free(struct qwidget *w)
{
	edit_free(&w->text);
	edit_free(&w->reason);
	free(w->checked);
	core_people_free(w->people, w->npeople);
	free(w->saved);
	memset(w, 0, sizeof(*w));
}

bool qwidget_typing(const struct qwidget *w)
{
	return w->in_reason || is_text_type(w->q->type);
}

void qwidget_prefill(struct qwidget *w, const char *value)
{
	const struct core_question *q = w->q;
	const struct tui_screen *under = w->under;

	qwidget_free(w);
	qwidget_init(w, q, value, NULL, under);
	free(w->saved);
	w->saved = NULL; /* shown, not yet saved */
}

const char *qwidget_pending(const struct qwidget *w)
{
	if (w->q->type == CORE_Q_PEOPLE && w->saved == NULL && w->npeople > 0)
		return "(a list of people not yet saved)";
	if (is_text_type(w->q->type)) {
		const char *saved = w->saved ? w->saved : "";

		if (strcmp(w->text.buf, saved) != 0)
			return w->text.buf;
	}
	return NULL;
}

static char *multi_value(const struct qwidget *w)
{
	struct strbuf sb;
	int i;

	sb_init(&sb);
	for (i = 0; i < noptions(w); i++)
		if (w->checked[i]) {
			if (sb.len > 0)
				sb_addc(&sb, ',');
			sb_adds(&sb, option_id(w, i));
		}
	return sb_take(&sb);
}

bool qwidget_commit(struct qwidget *w, time_t now, char **value, char **reason)
{
	char canon[17];

	*value = *reason = NULL;
	w->msg[0] = '\0';
	switch (w->q->type) {
	case CORE_Q_YESNO:
	case CORE_Q_CHOICE:
		*value = xstrdup(option_id(w, w->cursor));
		break;
	case CORE_Q_MULTI:
		*value = multi_value(w);
		if ((*value)[0] == '\0') {
			free(*value);
			*value = NULL;
			snprintf(w->msg, sizeof(w->msg), "Tick at least one with Space, then press Enter.");
			return false;
		}
		break;
	case CORE_Q_TEXT:
	case CORE_Q_LONGTEXT:
		if (!core_value_check(w->q, w->text.buf, w->msg, sizeof(w->msg)))
			return false;
		*value = xstrdup(w->text.buf);
		break;
	case CORE_Q_DATE:
		if (!core_date_parse(w->text.buf, now, canon, w->msg, sizeof(w->msg)))
			return false;
		*value = xstrdup(canon);
		break;
	case CORE_Q_TIME:
		if (!core_time_parse(w->text.buf, canon, w->msg, sizeof(w->msg)))
			return false;
		*value = xstrdup(canon);
		break;
	case CORE_Q_DATETIME:
		if (!core_datetime_parse(w->text.buf, now, canon, w->msg, sizeof(w->msg)))
			return false;
		*value = xstrdup(canon);
		break;
	case CORE_Q_PEOPLE:
		*value = core_people_format(w->people, w->npeople);
		if ((*value)[0] == '\0') {
			free(*value);
			*value = NULL;
			snprintf(w->msg, sizeof(w->msg), "Add someone with 'a' first.");
			return false;
		}
		break;
	default:
		return false;
	}
	if (is_text_type(w->q->type))
		edit_set(&w->text, *value);
	if (core_answer_needs_reason(w->q, *value) && w->reason.len > 0)
		*reason = xstrdup(w->reason.buf);
	free(w->saved);
	w->saved = xstrdup(*value);
	return true;
}

/* ---- people ---- */

struct person_form {
	struct core_person *p;
	struct edit name, relationship;
	int field; /* 0 name, 1 relationship, 2 present, 3 risk */
	const struct tui_screen *under;
	const char *msg;
};

static const char *yn_label(const char *v)
{
	return strcmp(v, "yes") == 0 ? "Yes" : strcmp(v, "no") == 0 ? "No" : "Unknown";
}

static void cycle(char v[8], int dir)
{
	int i = strcmp(v, "yes") == 0 ? 0 : strcmp(v, "no") == 0 ? 1 : 2;

	i = (i + 3 + dir) % 3;
	snprintf(v, 8, "%s", yesno_ids[i]);
}

static void person_draw(struct person_form *f)
{
	static const char *const labels[] = {"Name", "Relationship to the child", "Expected present",
					     "Poses a risk"};
	int w = COLS - 8 > 70 ? 70 : COLS - 8, x = (COLS - w) / 2, y = (LINES - 12) / 2, i;

	erase();
	if (f->under != NULL)
		f->under->draw(f->under->state);
	curs_set(0);
	tui_box(y, x, 12, w, "A person who may be present");
	for (i = 0; i < 4; i++) {
		attrset(i == f->field ? A_BOLD : A_NORMAL);
		tui_put(y + 1 + i * 2, x + 2, 28, labels[i]);
		attrset(A_NORMAL);
	}
	widget_edit_draw(&f->name, y + 1, x + 30, w - 32, 1, false);
	widget_edit_draw(&f->relationship, y + 3, x + 30, w - 32, 1, false);
	for (i = 0; i < 2; i++) {
		char buf[64];

		snprintf(buf, sizeof(buf), "< %s >", yn_label(i == 0 ? f->p->present : f->p->risk));
		if (f->field == 2 + i)
			attrset(tui_attr_select());
		tui_put(y + 5 + i * 2, x + 30, w - 32, buf);
		attrset(A_NORMAL);
	}
	attrset(f->msg ? tui_attr_warn() : tui_attr_dim());
	tui_put(y + 10, x + 2, w - 4,
		f->msg ? f->msg : "Tab next field   Left/Right or y/n/u choose   Enter save   Esc cancel");
	attrset(A_NORMAL);
	if (f->field == 0)
		widget_edit_draw(&f->name, y + 1, x + 30, w - 32, 1, true);
	else if (f->field == 1)
		widget_edit_draw(&f->relationship, y + 3, x + 30, w - 32, 1, true);
}

/* Edits one person; false if cancelled. */
static bool person_form_run(const struct tui_screen *under, struct core_person *p)
{
	struct person_form f;
	bool done = false, ok = false;

	memset(&f, 0, sizeof(f));
	f.p = p;
	f.under = under;
	edit_init(&f.name, p->name ? p->name : "", false, 200);
	edit_init(&f.relationship, p->relationship ? p->relationship : "", false, 200);
	while (!done) {
		struct tui_key k;
		enum widget_result r = WIDGET_UNHANDLED;

		if (!tui_too_small())
			person_draw(&f);
		refresh();
		k = tui_getkey();
		f.msg = NULL;
		if (k.is_code && k.ch == KEY_RESIZE)
			continue;
		if (f.field == 0)
			r = widget_edit_key(&f.name, k);
		else if (f.field == 1)
			r = widget_edit_key(&f.relationship, k);
		if (r == WIDGET_UNHANDLED || f.field >= 2) {
			char *v = f.field == 2 ? p->present : p->risk;

			if (k.is_code && (k.ch == KEY_DOWN))
				r = WIDGET_NEXT;
			else if (k.is_code && k.ch == KEY_UP)
				r = WIDGET_PREV;
			else if (f.field >= 2 && k.is_code && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT))
				cycle(v, k.ch == KEY_LEFT ? -1 : 1);
			else if (f.field >= 2 && !k.is_code && (k.ch == 'y' || k.ch == 'n' || k.ch == 'u'))
				snprintf(v, 8, "%s", k.ch == 'y' ? "yes" : k.ch == 'n' ? "no" : "unknown");
			else if (!k.is_code && k.ch == '\t')
				r = WIDGET_NEXT;
			else if (k.is_code && k.ch == KEY_BTAB)
				r = WIDGET_PREV;
			else if ((!k.is_code && (k.ch == '\r' || k.ch == '\n')) ||
				 (k.is_code && k.ch == KEY_ENTER))
				r = WIDGET_DONE;
			else if (!k.is_code && k.ch == 27)
				r = WIDGET_CANCEL;
		}
		switch (r) {
		case WIDGET_NEXT:
			f.field = (f.field + 1) % 4;
			break;
		case WIDGET_PREV:
			f.field = (f.field + 3) % 4;
			break;
		case WIDGET_DONE: {
			struct core_question name = {.id = "name", .type = CORE_Q_TEXT};
			char msg[160];

			if (!core_value_check(&name, f.name.buf, msg, sizeof(msg))) {
				f.msg = "Give the person's name (as much of it as you know).";
				f.field = 0;
				break;
			}
			free(p->name);
			free(p->relationship);
			p->name = xstrdup(f.name.buf);
			p->relationship = xstrdup(f.relationship.buf);
			ok = done = true;
			break;
		}
		case WIDGET_CANCEL:
			done = true;
			break;
		default:
			break;
		}
	}
	curs_set(0);
	edit_free(&f.name);
	edit_free(&f.relationship);
	return ok;
}

static enum widget_result people_key(struct qwidget *w, struct tui_key k, char **value)
{
	struct core_person p;
	size_t i;

	if (k.is_code) {
		if (k.ch == KEY_UP && w->cursor > 0)
			w->cursor--;
		else if (k.ch == KEY_DOWN && (size_t)w->cursor + 1 < w->npeople)
			w->cursor++;
		else if (k.ch == KEY_DC && w->npeople > 0)
			goto remove;
		else if (k.ch == KEY_ENTER)
			goto edit;
		else
			return WIDGET_UNHANDLED;
		return WIDGET_NONE;
	}
	switch (k.ch) {
	case 'k':
		if (w->cursor > 0)
			w->cursor--;
		return WIDGET_NONE;
	case 'j':
		if ((size_t)w->cursor + 1 < w->npeople)
			w->cursor++;
		return WIDGET_NONE;
	case 'a':
		memset(&p, 0, sizeof(p));
		snprintf(p.present, sizeof(p.present), "yes");
		snprintf(p.risk, sizeof(p.risk), "unknown");
		if (!person_form_run(w->under, &p))
			return WIDGET_NONE;
		w->people = xreallocarray(w->people, w->npeople + 1, sizeof(*w->people));
		w->people[w->npeople++] = p;
		w->cursor = (int)w->npeople - 1;
		break;
	case 'e':
	case '\r':
	case '\n':
	edit:
		if (w->npeople == 0) {
			if (k.ch == '\r' || k.ch == '\n' || k.ch == KEY_ENTER) {
				snprintf(w->msg, sizeof(w->msg),
					 "Add each person with 'a'; Tab moves on when the list is complete.");
				return WIDGET_NONE;
			}
			return WIDGET_NONE;
		}
		p = w->people[w->cursor];
		p.name = xstrdup(p.name);
		p.relationship = xstrdup(p.relationship);
		if (!person_form_run(w->under, &p)) {
			free(p.name);
			free(p.relationship);
			return WIDGET_NONE;
		}
		free(w->people[w->cursor].name);
		free(w->people[w->cursor].relationship);
		w->people[w->cursor] = p;
		break;
	case 'd':
	remove:
		if (w->npeople == 0)
			return WIDGET_NONE;
		free(w->people[w->cursor].name);
		free(w->people[w->cursor].relationship);
		for (i = (size_t)w->cursor; i + 1 < w->npeople; i++)
			w->people[i] = w->people[i + 1];
		w->npeople--;
		if ((size_t)w->cursor >= w->npeople && w->cursor > 0)
			w->cursor--;
		break;
	default:
		return WIDGET_UNHANDLED;
	}
	/* Every change to the list is saved at once (an empty list clears it). */
	*value = w->npeople > 0 ? core_people_format(w->people, w->npeople) : NULL;
	free(w->saved);
	w->saved = *value ? xstrdup(*value) : NULL;
	return WIDGET_SAVE;
}

static enum widget_result options_key(struct qwidget *w, struct tui_key k, time_t now,
				      char **value, char **reason)
{
	int n = noptions(w);

	if (k.is_code) {
		switch (k.ch) {
		case KEY_UP:
			w->cursor = (w->cursor + n - 1) % n;
			return WIDGET_NONE;
		case KEY_DOWN:
			w->cursor = (w->cursor + 1) % n;
			return WIDGET_NONE;
		case KEY_ENTER:
			goto confirm;
		default:
			return WIDGET_UNHANDLED;
		}
	}
	switch (k.ch) {
	case 'k':
		w->cursor = (w->cursor + n - 1) % n;
		return WIDGET_NONE;
	case 'j':
		w->cursor = (w->cursor + 1) % n;
		return WIDGET_NONE;
	case ' ':
		if (w->q->type == CORE_Q_MULTI) {
			w->checked[w->cursor] = !w->checked[w->cursor];
			return WIDGET_NONE;
		}
		goto confirm;
	case '\r':
	case '\n':
		goto confirm;
	default:
		break;
	}
	if (w->q->type == CORE_Q_YESNO && (k.ch == 'y' || k.ch == 'n' || k.ch == 'u')) {
		w->cursor = k.ch == 'y' ? 0 : k.ch == 'n' ? 1 : 2;
		goto confirm;
	}
	if (w->q->type != CORE_Q_YESNO && k.ch >= '1' && k.ch <= '9' && (int)(k.ch - '1') < n) {
		w->cursor = (int)(k.ch - '1');
		if (w->q->type == CORE_Q_MULTI) {
			w->checked[w->cursor] = !w->checked[w->cursor];
			return WIDGET_NONE;
		}
		goto confirm;
	}
	return WIDGET_UNHANDLED;
confirm:
	if (!qwidget_commit(w, now, value, reason))
		return WIDGET_NONE;
	if (core_answer_needs_reason(w->q, *value) && w->reason.len == 0) {
		/* Saved; now the reason. */
		w->in_reason = true;
		return WIDGET_SAVE;
	}
	return WIDGET_DONE;
}

enum widget_result qwidget_key(struct qwidget *w, struct tui_key k, time_t now, char **value,
			       char **reason)
{
	enum widget_result r;

	*value = *reason = NULL;
	w->msg[0] = '\0';
	if (w->in_reason) {
		r = widget_edit_key(&w->reason, k);
		if (r == WIDGET_DONE || r == WIDGET_NEXT) {
			if (w->reason.len == 0) {
				snprintf(w->msg, sizeof(w->msg),
					 "Say why (or Tab on: the answer stays incomplete until you do).");
				return r == WIDGET_NEXT ? WIDGET_NEXT : WIDGET_NONE;
			}
			w->in_reason = false;
			*value = xstrdup(w->saved);
			*reason = xstrdup(w->reason.buf);
			return WIDGET_DONE;
		}
		if (r == WIDGET_CANCEL) {
			w->in_reason = false; /* back to the options */
			return WIDGET_NONE;
		}
		if (r == WIDGET_UNHANDLED && k.is_code && k.ch == KEY_UP &&
		    (w->q->type == CORE_Q_YESNO || w->q->type == CORE_Q_CHOICE)) {
			w->in_reason = false;
			return WIDGET_NONE;
		}
		return r;
	}
	switch (w->q->type) {
	case CORE_Q_YESNO:
	case CORE_Q_CHOICE:
	case CORE_Q_MULTI:
		r = options_key(w, k, now, value, reason);
		if (r == WIDGET_UNHANDLED && !k.is_code && k.ch == '\t')
			return WIDGET_NEXT;
		if (r == WIDGET_UNHANDLED && k.is_code && k.ch == KEY_BTAB)
			return WIDGET_PREV;
		if (r == WIDGET_UNHANDLED && !k.is_code && k.ch == 27)
			return WIDGET_CANCEL;
		return r;
	case CORE_Q_PEOPLE:
		r = people_key(w, k, value);
		if (r == WIDGET_UNHANDLED && !k.is_code && k.ch == '\t')
			return WIDGET_NEXT;
		if (r == WIDGET_UNHANDLED && k.is_code && k.ch == KEY_BTAB)
			return WIDGET_PREV;
		if (r == WIDGET_UNHANDLED && !k.is_code && k.ch == 27)
			return WIDGET_CANCEL;
		return r;
	default:
		r = widget_edit_key(&w->text, k);
		if (r == WIDGET_DONE) {
			if (!qwidget_commit(w, now, value, reason))
				return WIDGET_NONE;
			return WIDGET_DONE;
		}
		return r;
	}
}

int qwidget_draw(struct qwidget *w, int y, int x, int width, int height)
{
	int row = 0, i, n;

	curs_set(0);
	switch (w->q->type) {
	case CORE_Q_YESNO:
	case CORE_Q_CHOICE:
	case CORE_Q_MULTI:
		n = noptions(w);
		for (i = 0; i < n && row < height - 2; i++, row++) {
			char line[512];
			bool chosen = w->q->type == CORE_Q_MULTI
					      ? w->checked[i]
					      : w->saved != NULL && strcmp(w->saved, option_id(w, i)) == 0;

			if (w->q->type == CORE_Q_MULTI)
				snprintf(line, sizeof(line), "[%c] %s", chosen ? 'x' : ' ', option_label(w, i));
			else if (w->q->type == CORE_Q_YESNO)
				snprintf(line, sizeof(line), "(%c) %c  %s", chosen ? '*' : ' ',
					 yesno_ids[i][0], option_label(w, i));
			else
				snprintf(line, sizeof(line), "(%c) %d  %s", chosen ? '*' : ' ', i + 1,
					 option_label(w, i));
			if (i == w->cursor && !w->in_reason)
				attrset(tui_attr_select());
			move(y + row, x);
			tui_put(y + row, x + 1, width - 2, line);
			attrset(A_NORMAL);
		}
		if (w->saved != NULL && core_answer_needs_reason(w->q, w->saved)) {
			row++;
			attrset(A_BOLD);
			tui_put(y + row, x, width, "Why not? The guidance expects this; say why:");
			attrset(A_NORMAL);
			row++;
			widget_edit_draw(&w->reason, y + row, x, width, 1, w->in_reason);
			row++;
		}
		break;
	case CORE_Q_LONGTEXT:
		n = height - 2 < 3 ? 3 : height - 2;
		widget_edit_draw(&w->text, y, x, width, n > 8 ? 8 : n, true);
		row = n > 8 ? 8 : n;
		break;
	case CORE_Q_PEOPLE:
		if (w->npeople == 0) {
			attrset(tui_attr_dim());
			tui_put(y, x, width, "(nobody yet: press a to add a person)");
			attrset(A_NORMAL);
			row = 1;
		}
		for (i = 0; (size_t)i < w->npeople && row < height - 1; i++, row++) {
			char line[600];

			snprintf(line, sizeof(line), "%-24s %-18s present: %-7s risk: %s",
				 w->people[i].name, w->people[i].relationship, w->people[i].present,
				 w->people[i].risk);
			if (i == w->cursor)
				attrset(tui_attr_select());
			tui_put(y + row, x + 1, width - 2, line);
			attrset(A_NORMAL);
		}
		break;
	default:
		widget_edit_draw(&w->text, y, x, width, 1, true);
		row = 1;
		if (w->q->type == CORE_Q_DATE || w->q->type == CORE_Q_TIME ||
		    w->q->type == CORE_Q_DATETIME) {
			attrset(tui_attr_dim());
			tui_put(y + 1, x, width,
				w->q->type == CORE_Q_DATE   ? "e.g. 2026-11-23, 23/11/2026, today, tomorrow"
				: w->q->type == CORE_Q_TIME ? "e.g. 14:30, 9:00, 2pm"
							    : "e.g. 2026-11-23 14:30, today 14:30, tomorrow 9:00");
			attrset(A_NORMAL);
			row = 2;
		}
	}
	/* The cursor belongs to the field that has the keys. */
	if (w->in_reason || (w->q->type != CORE_Q_YESNO && w->q->type != CORE_Q_CHOICE &&
			     w->q->type != CORE_Q_MULTI && w->q->type != CORE_Q_PEOPLE))
		curs_set(1);
	return row;
}

/* ---- the external editor ---- */

static const char *private_tmpdir(void)
{
	const char *dirs[] = {getenv("XDG_RUNTIME_DIR"), getenv("TMPDIR"), "/tmp"};
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (dirs[i] != NULL && dirs[i][0] == '/' && stat(dirs[i], &st) == 0 &&
		    S_ISDIR(st.st_mode))
			return dirs[i];
	return "/tmp";
}

bool widget_external_edit(struct edit *e, char *msg, size_t msglen)
{
	const char *editor = getenv("VISUAL");
	char *path;
	struct strbuf sb;
	char buf[4096];
	ssize_t n;
	int fd, status;
	pid_t pid;
	bool ok = false;

	if (editor == NULL || editor[0] == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || editor[0] == '\0')
		editor = "vi";
	path = xasprintf("%s/homevisit-XXXXXX", private_tmpdir());
	fd = mkstemp(path);
	if (fd < 0) {
		snprintf(msg, msglen, "Cannot make a private file for the editor: %s", strerror(errno));
		free(path);
		return false;
	}
	fchmod(fd, 0600);
	if (write(fd, e->buf, e->len) != (ssize_t)e->len) {
		snprintf(msg, msglen, "Cannot write the file for the editor: %s", strerror(errno));
		goto out;
	}
	setenv("HV_EDITOR", editor, 1);
	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", "exec $HV_EDITOR \"$1\"", "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	reset_prog_mode();
	refresh();
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(msg, msglen, "The editor (%s) did not finish cleanly; the text is as it was.",
			 editor);
		goto out;
	}
	sb_init(&sb);
	lseek(fd, 0, SEEK_SET);
	close(fd);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	while (fd >= 0 && (n = read(fd, buf, sizeof(buf))) > 0)
		sb_addn(&sb, buf, (size_t)n);
	while (sb.len > 0 && sb.s[sb.len - 1] == '\n')
		sb.s[--sb.len] = '\0';
	edit_set(e, "");
	ok = edit_insert(e, sb.s ? sb.s : "", sb.len);
	if (!ok)
		snprintf(msg, msglen, "The text is longer than allowed; it was not taken.");
	sb_free(&sb);
out:
	/* Leave nothing of what was typed behind on the disk. */
	if (fd >= 0)
		close(fd);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		struct stat st;

		if (fstat(fd, &st) == 0) {
			memset(buf, 0, sizeof(buf));
			for (off_t left = st.st_size; left > 0; left -= (off_t)sizeof(buf))
				if (write(fd, buf, left < (off_t)sizeof(buf) ? (size_t)left : sizeof(buf)) < 0)
					break;
			fsync(fd);
		}
		close(fd);
	}
	unlink(path);
	free(path);
	return ok;
}
