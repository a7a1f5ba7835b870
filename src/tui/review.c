/* review.c — the manager's screen: every record, newest first, filtered and
 * searched as they type, a page at a time from the database; open one whole,
 * sign it off, mark actions done, export what is shown, see what is due. */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "screens.h"
#include "widget.h"

#define WINDOW_ROWS 100 /* rows held at once: a window onto the list, never all of it */
#define COUNT_CAP 10000  /* count this far on each keystroke; to the end only when needed */

struct row {
	int64_t id;
	char planned[17], status[12];
	char *case_ref, *practitioner, *escalation;
	int open, overdue;
	bool reviewed, emergency;
};

struct review {
	const struct tui_opts *opts;
	struct store_filter f;
	char *from, *to;          /* owned copies for the filter */
	char *practitioner, *status_text;
	struct edit search;
	bool searching;
	int64_t total, sel, top;  /* selection and first row shown, over the whole list */
	bool exact;               /* total is counted to the end, not "over COUNT_CAP" */
	struct row rows[WINDOW_ROWS];
	int64_t win_off;          /* list position of rows[0] */
	int nrows;
	bool stale;               /* the filter changed: count and window again */
	int64_t past_back;        /* practitioners past their expected-back time (0, 1, 2: more) */
	char *past_back_line;
	char msg[300];
	bool warn;
	struct tui_screen screen;
};

static const char *const review_keys[] = {
	"Up/Down, j/k     move             PgUp/PgDn, Home/End  a page, the top, the end",
	"Enter            open the record whole: s sign off, x mark an action done",
	"/                search case reference or practitioner as you type (Esc clears)",
	"f                filters: status, practitioner, dates, escalation, ...",
	"u o a E b        unreviewed, overdue actions, failed access, emergency, past back",
	"c                clear every filter and the search",
	"e                export what is shown (CSV, JSON or Markdown) to a private file",
	"d                what is due today and overdue, by practitioner",
	"q or Esc         back",
	NULL,
};

static int list_rows(void)
{
	return LINES - 7;
}

static void free_rows(struct review *r)
{
	int i;

	for (i = 0; i < r->nrows; i++) {
		free(r->rows[i].case_ref);
		free(r->rows[i].practitioner);
		free(r->rows[i].escalation);
	}
	r->nrows = 0;
}

static const char *level_label(const struct review *r, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < r->opts->rb->nlevels; i++)
		if (strcmp(r->opts->rb->levels[i].id, id) == 0)
			return r->opts->rb->levels[i].id;
	return id && id[0] ? id : "none";
}

static int take_row(const struct store_visit *v, void *ctx)
{
	struct review *r = ctx;
	struct row *w = &r->rows[r->nrows++];

	w->id = v->id;
	snprintf(w->planned, sizeof(w->planned), "%s", v->planned_at ? v->planned_at : "");
	snprintf(w->status, sizeof(w->status), "%s", v->status);
	w->case_ref = xstrdup(v->case_ref);
	w->practitioner = xstrdup(v->practitioner);
	w->escalation = xstrdup(level_label(r, v->escalation));
	w->open = v->open_actions;
	w->overdue = v->overdue_actions;
	w->reviewed = v->reviewed;
	w->emergency = v->emergency;
	return r->nrows >= WINDOW_ROWS;
}

static void show_error(struct review *r, struct hv_error *err)
{
	char *text = hv_error_text(err);

	snprintf(r->msg, sizeof(r->msg), "%s", text);
	r->warn = true;
	free(text);
	hv_error_clear(err);
}

static int take_back(const struct store_visit *v, void *ctx)
{
	struct review *r = ctx;

	if (r->past_back++ > 0)
		return 1; /* a second one: "and others" is all the line says */
	free(r->past_back_line);
	r->past_back_line = xasprintf("%s was expected back by %s from case %s (record %lld): no "
				      "outcome is recorded yet",
				      v->practitioner, v->expected_back_at, v->case_ref,
				      (long long)v->id);
	return 0;
}

/* Loads the window of rows around the selection (and the count, if stale). */
static void load(struct review *r)
{
	struct hv_error err;
	int64_t off;

	hv_error_init(&err);
	r->f.search = r->search.len > 0 ? r->search.buf : NULL;
	if (r->stale) {
		if (store_visits_count_upto(r->opts->st, &r->f, COUNT_CAP, &r->total, &err) != HV_OK)
			show_error(r, &err);
		r->exact = r->total <= COUNT_CAP;
		/* one, or more than one, is all the line above the list says */
		r->past_back = 0;
		if (store_visits_past_back(r->opts->st, 2, take_back, r, &err) != HV_OK)
			show_error(r, &err);
		if (r->sel >= r->total)
			r->sel = r->total > 0 ? r->total - 1 : 0;
		r->win_off = -1;
		r->stale = false;
	}
	/* The rows held cover what is on the screen; otherwise fetch a window
	 * around it (the list is never read whole). */
	if (r->win_off >= 0 && r->top >= r->win_off &&
	    (r->top + list_rows() <= r->win_off + r->nrows || r->win_off + r->nrows >= r->total))
		return;
	off = r->top > WINDOW_ROWS / 4 ? r->top - WINDOW_ROWS / 4 : 0;
	free_rows(r);
	r->win_off = off;
	if (store_visits_list(r->opts->st, &r->f, off, WINDOW_ROWS, take_row, r, &err) != HV_OK)
		show_error(r, &err);
}

static void filter_text(const struct review *r, struct strbuf *sb)
{
	const struct store_filter *f = &r->f;

	if (f->status)
		sb_addf(sb, " status=%s", f->status);
	if (f->practitioner)
		sb_addf(sb, " practitioner=%s", f->practitioner);
	if (f->from)
		sb_addf(sb, " from=%s", f->from);
	if (f->to)
		sb_addf(sb, " to=%s", f->to);
	if (f->min_escalation > 0)
		sb_addf(sb, " escalation>=%s", r->opts->rb->levels[f->min_escalation].id);
	if (f->failed_access)
		sb_adds(sb, " failed-access");
	if (f->emergency)
		sb_adds(sb, " emergency");
	if (f->unreviewed)
		sb_adds(sb, " unreviewed");
	if (f->overdue)
		sb_adds(sb, " overdue");
	if (f->past_back)
		sb_adds(sb, " past-back");
	if (r->search.len > 0)
		sb_addf(sb, " search=\"%s\"", r->search.buf);
}

/* One line of the table, each cell cut or padded to its width. */
static void row_text(struct strbuf *sb, const char *planned, const char *case_ref,
		     const char *practitioner, const char *status, const char *escalation,
		     const char *open, const char *late, const char *reviewed)
{
	sb_clear(sb);
	tui_cell(sb, planned, 16);
	tui_cell(sb, case_ref, 14);
	tui_cell(sb, practitioner, 20);
	tui_cell(sb, status, 10);
	tui_cell(sb, escalation, 15);
	tui_cell(sb, open, 4);
	tui_cell(sb, late, 4);
	sb_adds(sb, reviewed);
}

static void review_draw(void *p)
{
	struct review *r = p;
	struct strbuf sb;
	char line[512], title[128], open[16], late[16];
	int rows = list_rows(), i, y = 4;

	load(r);
	if (r->exact)
		snprintf(title, sizeof(title), "Review records: %lld record%s", (long long)r->total,
			 r->total == 1 ? "" : "s");
	else
		snprintf(title, sizeof(title), "Review records: more than %d records", COUNT_CAP);
	tui_frame(title, r->searching ? "type to search   Enter keep   Esc clear"
				      : "Enter open  / search  f filter  c clear  e export  d due  ? keys  q back");
	if (r->past_back > 0 && r->past_back_line != NULL) {
		attrset(tui_attr_warn());
		snprintf(line, sizeof(line), "%s%s", r->past_back_line,
			 r->past_back > 1 ? " (and more: b shows them)" : "");
		tui_put(1, 1, COLS - 2, line);
		attrset(A_NORMAL);
	}
	sb_init(&sb);
	filter_text(r, &sb);
	attrset(A_BOLD);
	snprintf(line, sizeof(line), "Filter:%s", sb.len ? sb.s : " none (every record but drafts)");
	tui_put(2, 1, COLS - 2, line);
	attrset(A_NORMAL);
	attrset(tui_attr_dim());
	row_text(&sb, "Planned", "Case", "Practitioner", "Status", "Escalation", "Open", "Late",
		 "Reviewed");
	tui_put(3, 1, COLS - 2, sb.s);
	attrset(A_NORMAL);
	if (r->sel < r->top)
		r->top = r->sel;
	if (r->sel >= r->top + rows)
		r->top = r->sel - rows + 1;
	load(r);
	for (i = 0; i < rows && r->top + i < r->total; i++, y++) {
		int64_t at = r->top + i - r->win_off;
		const struct row *w;

		if (at < 0 || at >= r->nrows)
			continue;
		w = &r->rows[at];
		snprintf(open, sizeof(open), "%4d", w->open);
		snprintf(late, sizeof(late), "%4d", w->overdue);
		row_text(&sb, w->planned, w->case_ref, w->practitioner, w->status, w->escalation, open,
			 late, w->emergency ? (w->reviewed ? "yes  EMERGENCY" : "no   EMERGENCY")
					    : (w->reviewed ? "yes" : "no"));
		if (r->top + i == r->sel)
			attrset(tui_attr_select());
		else if (w->emergency || w->overdue > 0)
			attrset(tui_attr_warn());
		move(y, 0);
		hline(' ', COLS);
		tui_put(y, 1, COLS - 2, sb.s);
		attrset(A_NORMAL);
	}
	sb_free(&sb);
	if (r->total == 0) {
		attrset(tui_attr_dim());
		tui_put(5, 2, COLS - 4, "No records match. Press c to clear the filter.");
		attrset(A_NORMAL);
	}
	if (r->searching) {
		tui_put(LINES - 2, 1, 9, "Search:");
		widget_edit_draw(&r->search, LINES - 2, 10, COLS - 12, 1, true);
	} else if (r->msg[0]) {
		attrset(r->warn ? tui_attr_warn() : tui_attr_dim());
		tui_put(LINES - 2, 1, COLS - 2, r->msg);
		attrset(A_NORMAL);
	}
}

static void set_owned(char **slot, const char **field, const char *value)
{
	free(*slot);
	*slot = value && value[0] ? xstrdup(value) : NULL;
	*field = *slot;
}

static void clear_filter(struct review *r)
{
	free(r->from);
	free(r->to);
	free(r->practitioner);
	free(r->status_text);
	r->from = r->to = r->practitioner = r->status_text = NULL;
	memset(&r->f, 0, sizeof(r->f));
	edit_set(&r->search, "");
	r->stale = true;
	r->sel = r->top = 0;
}

static void choose_filter(struct review *r)
{
	static const char *const items[] = {
		"Status ...", "Practitioner ...", "Planned from (date) ...", "Planned to (date) ...",
		"Escalation at or above ...", "Failed access (no access) only", "Emergencies only",
		"Not yet signed off", "With overdue actions", "Practitioner past their expected-back time",
	};
	size_t sel = 0, i;
	char *text = NULL, canon[17], msg[160];

	if (!tui_pick(&r->screen, "Filter the records", items, sizeof(items) / sizeof(items[0]), &sel))
		return;
	switch (sel) {
	case 0: {
		static const char *const st[] = {"planned", "visited", "no_access", "reviewed", "draft",
						 "any"};
		size_t s = 0;

		if (tui_pick(&r->screen, "Status", st, 6, &s))
			set_owned(&r->status_text, &r->f.status, s == 5 ? NULL : st[s]);
		break;
	}
	case 1:
		if (tui_ask_line(&r->screen, "Practitioner", "The practitioner's name, exactly:",
				 r->f.practitioner ? r->f.practitioner : "", &text))
			set_owned(&r->practitioner, &r->f.practitioner, text);
		break;
	case 2:
	case 3:
		if (!tui_ask_line(&r->screen, sel == 2 ? "Planned from" : "Planned to",
				  "A date (2026-11-23, 23/11/2026, today), or empty for none:",
				  sel == 2 ? (r->from ? r->from : "") : (r->to ? r->to : ""), &text))
			break;
		if (text[0] != '\0' && !core_date_parse(text, time(NULL), canon, msg, sizeof(msg))) {
			snprintf(r->msg, sizeof(r->msg), "Not a date: %s", msg);
			r->warn = true;
			break;
		}
		if (sel == 2)
			set_owned(&r->from, &r->f.from, text[0] ? canon : NULL);
		else
			set_owned(&r->to, &r->f.to, text[0] ? canon : NULL);
		break;
	case 4: {
		const struct core_rulebook *rb = r->opts->rb;
		const char **levels = xcalloc(rb->nlevels, sizeof(char *));
		size_t s = (size_t)r->f.min_escalation;

		for (i = 0; i < rb->nlevels; i++)
			levels[i] = rb->levels[i].label;
		if (tui_pick(&r->screen, "Escalation at or above", levels, rb->nlevels, &s))
			r->f.min_escalation = (int)s;
		free(levels);
		break;
	}
	case 5:
		r->f.failed_access = !r->f.failed_access;
		break;
	case 6:
		r->f.emergency = !r->f.emergency;
		break;
	case 7:
		r->f.unreviewed = !r->f.unreviewed;
		break;
	case 8:
		r->f.overdue = !r->f.overdue;
		break;
	case 9:
		r->f.past_back = !r->f.past_back;
		break;
	}
	free(text);
	r->stale = true;
	r->sel = r->top = 0;
}

/* ---- one record, whole ---- */

struct record_view {
	const struct tui_opts *opts;
	struct visit *vs;
	struct tui_view view;
	char *text;
};

static const char *const record_keys[] = {
	"Up/Down, PgUp/PgDn  scroll",
	"s                   sign off: agreed, needs action or escalate, with a comment",
	"x                   mark an open action done, with a note",
	"n                   the case note      p  write the record to a file",
	"Esc or q            back to the list",
	NULL,
};

static void reload(struct record_view *rv)
{
	struct hv_error err;
	struct visit *vs;
	int64_t id = rv->vs->v.id;

	hv_error_init(&err);
	if (visit_open(rv->opts->st, rv->opts->rb, id, NULL, &vs, &err) == HV_OK) {
		visit_free(rv->vs);
		rv->vs = vs;
	}
	hv_error_clear(&err);
	free(rv->text);
	rv->text = tui_record_text(rv->vs, false, false);
	rv->view.text = rv->text;
}

static void sign_off(struct record_view *rv)
{
	static const char *const choices[] = {"aAgreed", "nNeeds action", "eEscalate", NULL};
	struct hv_error err;
	char *comment = NULL;
	const char *decision;
	int c = tui_ask(NULL, "Sign off this record",
			"Your decision is added to the record with your name and the time; nothing "
			"already recorded changes.",
			choices);

	if (c == 0)
		return;
	decision = c == 'a' ? "agreed" : c == 'n' ? "needs_action" : "escalate";
	if (!tui_ask_line(NULL, "Sign off: comment", "Your comment (it is kept with the decision):", "",
			  &comment))
		return;
	hv_error_init(&err);
	if (store_review_add(rv->opts->st, rv->vs->v.id, decision, comment, visit_login_name(), &err) !=
	    HV_OK) {
		char *text = hv_error_text(&err);

		snprintf(rv->view.msg, sizeof(rv->view.msg), "Not signed off: %s", text);
		free(text);
	} else {
		snprintf(rv->view.msg, sizeof(rv->view.msg), "Signed off (%s) by %s.", decision,
			 visit_login_name());
		reload(rv);
	}
	hv_error_clear(&err);
	free(comment);
}

static void action_done(struct record_view *rv)
{
	struct visit_history h;
	struct hv_error err;
	const char **items;
	int64_t *ids;
	size_t n = 0, i, sel = 0;
	char *note = NULL;

	hv_error_init(&err);
	if (visit_history_load(rv->vs, &h, &err) != HV_OK) {
		hv_error_clear(&err);
		return;
	}
	items = xcalloc(h.nactions + 1, sizeof(char *));
	ids = xcalloc(h.nactions + 1, sizeof(int64_t));
	for (i = 0; i < h.nactions; i++)
		if (strcmp(h.actions[i].status, "open") == 0) {
			items[n] = xasprintf("%s%s (due %s)", h.actions[i].overdue ? "OVERDUE  " : "",
					     h.actions[i].text, h.actions[i].due_at ? h.actions[i].due_at : "-");
			ids[n++] = h.actions[i].id;
		}
	if (n == 0) {
		snprintf(rv->view.msg, sizeof(rv->view.msg), "This record has no open actions.");
	} else if (tui_pick(NULL, "Mark an action done", items, n, &sel) &&
		   tui_ask_line(NULL, "Done: note", "A note (what was done, by whom):", "", &note)) {
		if (store_action_done(rv->opts->st, ids[sel], note, visit_login_name(), &err) != HV_OK) {
			char *text = hv_error_text(&err);

			snprintf(rv->view.msg, sizeof(rv->view.msg), "Not saved: %s", text);
			free(text);
		} else {
			snprintf(rv->view.msg, sizeof(rv->view.msg), "Marked done.");
			reload(rv);
		}
	}
	for (i = 0; i < n; i++)
		free((char *)items[i]);
	free(items);
	free(ids);
	free(note);
	hv_error_clear(&err);
	visit_history_free(&h);
}

static enum tui_result record_key(void *p, struct tui_key k)
{
	struct record_view *rv = p;

	if (k.is_code)
		return TUI_CONTINUE;
	switch (k.ch) {
	case 's':
		sign_off(rv);
		break;
	case 'x':
		action_done(rv);
		break;
	case 'p':
		tui_print_record(NULL, rv->vs, false, rv->view.msg, sizeof(rv->view.msg));
		break;
	case 'n': {
		struct tui_view note;
		char *text = tui_record_text(rv->vs, false, true);

		memset(&note, 0, sizeof(note));
		note.title = "Case note";
		note.hints = "Esc back";
		note.text = text;
		tui_view_run(&note);
		free(text);
		break;
	}
	default:
		break;
	}
	return TUI_CONTINUE;
}

static void open_record(struct review *r, int64_t id)
{
	struct record_view rv;
	struct hv_error err;
	char title[160];

	memset(&rv, 0, sizeof(rv));
	rv.opts = r->opts;
	hv_error_init(&err);
	if (visit_open(r->opts->st, r->opts->rb, id, NULL, &rv.vs, &err) != HV_OK) {
		show_error(r, &err);
		return;
	}
	snprintf(title, sizeof(title), "Record %lld: case %s", (long long)id, rv.vs->v.case_ref);
	rv.text = tui_record_text(rv.vs, false, false);
	rv.view.title = title;
	rv.view.hints = "s sign off  x action done  n case note  p write to a file  ? keys  Esc back";
	rv.view.text = rv.text;
	rv.view.key = record_key;
	rv.view.ctx = &rv;
	rv.view.keys_help = record_keys;
	tui_view_run(&rv.view);
	free(rv.text);
	visit_free(rv.vs);
	r->stale = true; /* a sign-off changes what the list shows */
}

/* ---- export and the due view ---- */

static void export(struct review *r)
{
	static const char *const choices[] = {"cCSV (for a spreadsheet)", "jJSON (everything, with history)",
					      "mMarkdown (a table)", NULL};
	const char *home = getenv("HOME");
	struct hv_error err;
	char *path = NULL, *initial;
	int c = tui_ask(&r->screen, "Export what is shown",
			"The records that match the filter and search now shown are written to a file "
			"readable only by you.",
			choices);
	enum visit_export_format fmt = c == 'j' ? VISIT_EXPORT_JSON : c == 'm' ? VISIT_EXPORT_MARKDOWN
									       : VISIT_EXPORT_CSV;
	FILE *fp;
	int fd;

	if (c == 0)
		return;
	initial = xasprintf("%s/homevisit-export.%s", home && home[0] ? home : ".",
			    c == 'j' ? "json" : c == 'm' ? "md" : "csv");
	if (!tui_ask_line(&r->screen, "Export to", "File name:", initial, &path) || path[0] == '\0') {
		free(initial);
		free(path);
		return;
	}
	free(initial);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		snprintf(r->msg, sizeof(r->msg), "Nothing written: %s: %s", path,
			 errno == EEXIST ? "the file exists already" : strerror(errno));
		r->warn = true;
		free(path);
		return;
	}
	fp = fdopen(fd, "w");
	hv_error_init(&err);
	r->f.search = r->search.len > 0 ? r->search.buf : NULL;
	if (fp == NULL || visit_export(r->opts->st, &r->f, fmt, false, fp, NULL, &err) != HV_OK) {
		show_error(r, &err);
	} else {
		snprintf(r->msg, sizeof(r->msg), "%lld record%s written to %s (readable only by you).",
			 (long long)r->total, r->total == 1 ? "" : "s", path);
		r->warn = false;
	}
	if (fp != NULL && fclose(fp) != 0) {
		snprintf(r->msg, sizeof(r->msg), "Writing %s failed: %s", path, strerror(errno));
		r->warn = true;
	} else if (fp == NULL) {
		close(fd);
	}
	hv_error_clear(&err);
	free(path);
}

#define DUE_MAX 2000 /* lines on the due view; `homevisit due` has them all */

struct due_text {
	struct strbuf sb;
	char who[256];
	size_t n;
};

static int due_line(const struct store_action *a, void *ctx)
{
	struct due_text *d = ctx;

	if (++d->n > DUE_MAX) {
		sb_addf(&d->sb, "\n... and more: 'homevisit due' lists every one.\n");
		return 1;
	}
	if (strcmp(d->who, a->practitioner) != 0) {
		snprintf(d->who, sizeof(d->who), "%s", a->practitioner);
		sb_addf(&d->sb, "\n%s\n", a->practitioner);
	}
	sb_addf(&d->sb, "  %s  %-7s  record %lld, case %s: %s (%s)\n", a->due_at,
		a->overdue ? "OVERDUE" : "today", (long long)a->visit, a->case_ref, a->text, a->owner);
	return 0;
}

static int back_line(const struct store_visit *v, void *ctx)
{
	struct due_text *d = ctx;

	sb_addf(&d->sb, "  %s was expected back by %s from case %s (record %lld); no outcome yet\n",
		v->practitioner, v->expected_back_at, v->case_ref, (long long)v->id);
	return 0;
}

static void due_view(struct review *r)
{
	struct due_text d;
	struct store_filter back;
	struct hv_error err;
	struct tui_view v;
	char until[17];
	size_t before;

	memset(&d, 0, sizeof(d));
	sb_init(&d.sb);
	hv_error_init(&err);
	memset(&back, 0, sizeof(back));
	back.past_back = true;
	sb_adds(&d.sb, "Practitioners past their expected-back time\n");
	before = d.sb.len;
	store_visits_list(r->opts->st, &back, 0, 200, back_line, &d, &err);
	d.n = 0;
	if (d.sb.len == before)
		sb_adds(&d.sb, "  none\n");
	sb_adds(&d.sb, "\nFollow-ups due today and overdue, by practitioner\n");
	store_now_local(until);
	memcpy(until + 11, "23:59", 6);
	before = d.sb.len;
	store_due_by_practitioner(r->opts->st, until, NULL, DUE_MAX + 1, due_line, &d, &err);
	if (d.sb.len == before)
		sb_adds(&d.sb, "  none\n");
	if (err.n > 0)
		show_error(r, &err);
	memset(&v, 0, sizeof(v));
	v.title = "Due today and overdue";
	v.hints = "Up/Down scroll   Esc back";
	v.text = d.sb.s;
	tui_view_run(&v);
	sb_free(&d.sb);
	hv_error_clear(&err);
}

/* ---- keys ---- */

/* The whole count, when moving far down a long list needs it. */
static void count_all(struct review *r)
{
	struct hv_error err;

	if (r->exact)
		return;
	hv_error_init(&err);
	r->f.search = r->search.len > 0 ? r->search.buf : NULL;
	if (store_visits_count(r->opts->st, &r->f, &r->total, &err) != HV_OK)
		show_error(r, &err);
	r->exact = true;
	hv_error_clear(&err);
}

static enum tui_result review_key(void *p, struct tui_key k)
{
	struct review *r = p;
	int page = list_rows();

	r->msg[0] = '\0';
	if (r->searching) {
		enum widget_result w = widget_edit_key(&r->search, k);

		if (w == WIDGET_DONE || w == WIDGET_NEXT || (k.is_code && k.ch == KEY_DOWN))
			r->searching = false;
		else if (w == WIDGET_CANCEL) {
			r->searching = false;
			edit_set(&r->search, "");
		}
		r->stale = true;
		r->sel = r->top = 0;
		return TUI_CONTINUE;
	}
	if (k.is_code) {
		switch (k.ch) {
		case KEY_UP:
			if (r->sel > 0)
				r->sel--;
			break;
		case KEY_DOWN:
			if (r->sel + 1 >= r->total)
				count_all(r);
			if (r->sel + 1 < r->total)
				r->sel++;
			break;
		case KEY_PPAGE:
			r->sel = r->sel > page ? r->sel - page : 0;
			break;
		case KEY_NPAGE:
			if (r->sel + page >= r->total)
				count_all(r);
			r->sel = r->sel + page < r->total ? r->sel + page : (r->total ? r->total - 1 : 0);
			break;
		case KEY_HOME:
			r->sel = 0;
			break;
		case KEY_END:
			count_all(r);
			r->sel = r->total ? r->total - 1 : 0;
			break;
		case KEY_ENTER:
			goto open;
		}
		return TUI_CONTINUE;
	}
	switch (k.ch) {
	case 'k':
		if (r->sel > 0)
			r->sel--;
		break;
	case 'j':
		if (r->sel + 1 >= r->total)
			count_all(r);
		if (r->sel + 1 < r->total)
			r->sel++;
		break;
	case '\r':
	case '\n':
	open:
		load(r);
		if (r->total > 0 && r->sel - r->win_off >= 0 && r->sel - r->win_off < r->nrows)
			open_record(r, r->rows[r->sel - r->win_off].id);
		break;
	case '/':
		r->searching = true;
		break;
	case 'f':
		choose_filter(r);
		break;
	case 'c':
		clear_filter(r);
		snprintf(r->msg, sizeof(r->msg), "Filter and search cleared.");
		r->warn = false;
		break;
	case 'u':
	case 'o':
	case 'a':
	case 'E':
	case 'b':
		if (k.ch == 'u')
			r->f.unreviewed = !r->f.unreviewed;
		else if (k.ch == 'o')
			r->f.overdue = !r->f.overdue;
		else if (k.ch == 'a')
			r->f.failed_access = !r->f.failed_access;
		else if (k.ch == 'E')
			r->f.emergency = !r->f.emergency;
		else
			r->f.past_back = !r->f.past_back;
		r->stale = true;
		r->sel = r->top = 0;
		break;
	case 'e':
		export(r);
		break;
	case 'd':
		due_view(r);
		break;
	case 'q':
	case 27:
		return TUI_LEAVE;
	}
	return TUI_CONTINUE;
}

static bool review_typing(void *p)
{
	return ((struct review *)p)->searching;
}

int tui_review_run(const struct tui_opts *opts)
{
	bool started = tui_active();
	struct review r;

	if (!started && !tui_start())
		return HV_EUNAVAILABLE;
	memset(&r, 0, sizeof(r));
	r.opts = opts;
	r.stale = true;
	r.win_off = -1;
	edit_init(&r.search, "", false, 100);
	r.screen.title = "Review records";
	r.screen.draw = review_draw;
	r.screen.key = review_key;
	r.screen.keys_help = review_keys;
	r.screen.state = &r;
	r.screen.typing = review_typing;
	tui_run(&r.screen);
	free_rows(&r);
	clear_filter(&r);
	edit_free(&r.search);
	free(r.past_back_line);
	if (!started)
		tui_stop();
	return HV_OK;
}
