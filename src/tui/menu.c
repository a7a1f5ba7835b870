/* menu.c — the main menu: every job a user has, one key away. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "hv_error.h"
#include "screens.h"
#include "tui.h"

struct menu_entry {
	const char *label, *what;
};

static const struct menu_entry entries[] = {
	{"Plan a visit", "prepare a home visit and leave with a plan"},
	{"Record an outcome", "record what happened, or walk the failed-access procedure"},
	{"Review records", "for managers: find, read, sign off and export records"},
	{"Training", "run a mock scenario with a trainee"},
	{"Quit", "leave homevisit"},
};
#define NENTRIES (sizeof(entries) / sizeof(entries[0]))

struct menu_state {
	const struct tui_opts *opts;
	size_t sel;
	int64_t drafts, planned, overdue;
};

/* What matters on arrival: drafts in progress, follow-ups overdue. */
static void count(struct menu_state *m)
{
	struct store_filter f;
	struct hv_error err;

	memset(&f, 0, sizeof(f));
	f.status = "draft";
	hv_error_init(&err);
	m->drafts = m->planned = m->overdue = 0;
	store_visits_count(m->opts->st, &f, &m->drafts, &err);
	f.status = "planned";
	store_visits_count(m->opts->st, &f, &m->planned, &err);
	store_overdue_count(m->opts->st, NULL, 99, &m->overdue, &err);
	hv_error_clear(&err);
}

static const char *const menu_keys[] = {
	"Up, Down, j, k   move",
	"Enter            open the selected entry",
	"1-5              open an entry by its number",
	"? or F1          show these keys",
	"q                quit",
	NULL,
};

static void menu_draw(void *p)
{
	struct menu_state *m = p;
	char line[256];
	size_t i;
	int y = 3;

	tui_frame("homevisit", "Enter open   q quit   ? keys");
	snprintf(line, sizeof(line), "Rule file: %s, version %s", m->opts->rb->title,
		 m->opts->rb->version);
	attrset(tui_attr_dim());
	tui_put(1, 2, COLS - 4, line);
	attrset(A_NORMAL);
	for (i = 0; i < NENTRIES; i++, y += 2) {
		char extra[64] = "";

		if (i == 0 && m->drafts > 0)
			snprintf(extra, sizeof(extra), " (%lld draft%s in progress)", (long long)m->drafts,
				 m->drafts == 1 ? "" : "s");
		if (i == 1 && m->planned > 0)
			snprintf(extra, sizeof(extra), " (%lld planned)", (long long)m->planned);
		if (i == 2 && m->overdue > 99)
			snprintf(extra, sizeof(extra), " (over 99 follow-ups overdue)");
		else if (i == 2 && m->overdue > 0)
			snprintf(extra, sizeof(extra), " (%lld follow-up%s overdue)", (long long)m->overdue,
				 m->overdue == 1 ? "" : "s");
		snprintf(line, sizeof(line), " %zu. %-20s %s%s", i + 1, entries[i].label,
			 entries[i].what, extra);
		if (i == m->sel)
			attrset(tui_attr_select());
		move(y, 2);
		tui_put(y, 2, COLS - 4, line);
		attrset(A_NORMAL);
	}
}

static enum tui_result menu_open(struct menu_state *m)
{
	if (m->sel == NENTRIES - 1)
		return TUI_QUIT;
	if (m->sel == 0)
		tui_plan_run(m->opts);
	else if (m->sel == 1)
		tui_outcome_run(m->opts, 0);
	else if (m->sel == 2)
		tui_review_run(m->opts);
	else if (m->sel == 3)
		tui_train_run(m->opts);
	count(m);
	return TUI_CONTINUE;
}

static enum tui_result menu_key(void *p, struct tui_key k)
{
	struct menu_state *m = p;

	if (k.is_code) {
		switch (k.ch) {
		case KEY_UP:
			m->sel = m->sel == 0 ? NENTRIES - 1 : m->sel - 1;
			break;
		case KEY_DOWN:
			m->sel = (m->sel + 1) % NENTRIES;
			break;
		case KEY_ENTER:
			return menu_open(m);
		}
		return TUI_CONTINUE;
	}
	switch (k.ch) {
	case 'q':
	case 'Q':
		return TUI_QUIT;
	case 'k':
		m->sel = m->sel == 0 ? NENTRIES - 1 : m->sel - 1;
		break;
	case 'j':
		m->sel = (m->sel + 1) % NENTRIES;
		break;
	case '\r':
	case '\n':
		return menu_open(m);
	default:
		if (k.ch >= '1' && k.ch < '1' + (wint_t)NENTRIES) {
			m->sel = (size_t)(k.ch - '1');
			return menu_open(m);
		}
	}
	return TUI_CONTINUE;
}

int tui_menu_run(const struct tui_opts *opts)
{
	struct menu_state m = {opts, 0, 0, 0, 0};
	struct tui_screen s = {"homevisit", menu_draw, menu_key, menu_keys, &m, NULL};

	if (!tui_start())
		return HV_EUNAVAILABLE;
	/* The menu at once; its counts (which read the records) a moment later. */
	erase();
	if (!tui_too_small())
		menu_draw(&m);
	refresh();
	count(&m);
	tui_run(&s);
	tui_stop();
	return tui_end_status();
}
