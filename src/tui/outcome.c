/* outcome.c — `homevisit outcome ID` and the menu's "Record an outcome": a
 * planned visit's outcome, the failed-access procedure when the child was not
 * seen, the emergency instruction when it applies, and the case note. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"

/* ---- the emergency instruction ---- */

void tui_emergency(const struct core_action *a)
{
	for (;;) {
		struct tui_key k;
		int y;

		erase();
		if (!tui_too_small()) {
			attrset(tui_attr_warn() | A_REVERSE);
			for (y = 0; y < 3; y++) {
				move(y, 0);
				hline(' ', COLS);
			}
			tui_put(1, 2, COLS - 4, "EMERGENCY");
			attrset(A_BOLD);
			y = 4 + tui_put_wrapped(4, 2, COLS - 4, 0, LINES / 3, a->text);
			attrset(A_NORMAL);
			tui_put_wrapped(y + 1, 2, COLS - 4, 0, LINES - y - 4, a->guidance);
			attrset(tui_attr_warn());
			tui_put(LINES - 2, 2, COLS - 4,
				"Press Enter when you have done this; then record the time.");
			attrset(A_NORMAL);
		}
		refresh();
		k = tui_getkey();
		if ((!k.is_code && (k.ch == '\r' || k.ch == '\n')) || (k.is_code && k.ch == KEY_ENTER))
			return;
	}
}

/* ---- the outcome's summary: the case note, then confirm ---- */

struct osummary {
	struct visit *vs;
	struct tui_view view;
	bool confirmed;
};

static const char *const osummary_keys[] = {
	"Up/Down, PgUp/PgDn  scroll",
	"F10 or Enter        save the outcome: visited, or no access",
	"p                   write the case note to a file (text or Markdown)",
	"Esc or b            back to the questions",
	NULL,
};

static enum tui_result osummary_key(void *p, struct tui_key k)
{
	struct osummary *s = p;
	struct hv_error err;

	if (!k.is_code && k.ch == 'p') {
		tui_print_record(NULL, s->vs, true, s->view.msg, sizeof(s->view.msg));
		return TUI_CONTINUE;
	}
	if (!k.is_code && (k.ch == 'b' || k.ch == 27))
		return TUI_LEAVE;
	if ((k.is_code && (k.ch == KEY_F(10) || k.ch == KEY_ENTER)) ||
	    (!k.is_code && (k.ch == '\r' || k.ch == '\n'))) {
		hv_error_init(&err);
		if (visit_finish_outcome(s->vs, &err) != HV_OK) {
			char *text = hv_error_text(&err);

			snprintf(s->view.msg, sizeof(s->view.msg), "Not saved: %s", text);
			if (err.status != HV_EDATA)
				tui_note_unsaved(err.status, text);
			free(text);
			hv_error_clear(&err);
			return TUI_CONTINUE;
		}
		hv_error_clear(&err);
		tui_note_unsaved(HV_OK, NULL);
		s->confirmed = true;
		return TUI_LEAVE;
	}
	return TUI_CONTINUE;
}

bool outcome_summary_run(const struct tui_opts *opts, struct visit *vs)
{
	struct osummary s;
	char *text = tui_record_text(vs, false, true);
	char title[160];

	(void)opts;
	memset(&s, 0, sizeof(s));
	s.vs = vs;
	snprintf(title, sizeof(title), "%sThe outcome: case %s (record %lld)",
		 vs->training ? "TRAINING: " : "", vs->v.case_ref, (long long)vs->v.id);
	s.view.title = title;
	s.view.hints = "F10 save the outcome   p write the case note to a file   Esc back   ? keys";
	s.view.text = text;
	s.view.key = osummary_key;
	s.view.ctx = &s;
	s.view.keys_help = osummary_keys;
	tui_view_run(&s.view);
	free(text);
	if (s.confirmed && !vs->training) { /* training goes straight to the score */
		char msg[400];

		snprintf(msg, sizeof(msg),
			 "Record %lld is saved as %s. Its follow-ups are kept with their due times "
			 "('homevisit due' lists them); 'homevisit show %lld --format note' gives the "
			 "case note again.",
			 (long long)vs->v.id,
			 strcmp(vs->v.status, "no_access") == 0 ? "no access (a failed visit)" : "visited",
			 (long long)vs->v.id);
		tui_tell(NULL, "Outcome saved", msg);
	}
	return s.confirmed;
}

/* ---- choosing the visit ---- */

struct planned {
	char **items;
	int64_t *ids;
	size_t n, cap;
};

static int take(const struct store_visit *v, void *ctx)
{
	struct planned *p = ctx;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->items = xreallocarray(p->items, p->cap, sizeof(char *));
		p->ids = xreallocarray(p->ids, p->cap, sizeof(int64_t));
	}
	p->items[p->n] = xasprintf("Record %lld: case %s, planned %s, %s%s", (long long)v->id,
				   v->case_ref, v->planned_at ? v->planned_at : "(no time)",
				   v->practitioner, v->outcome_at ? " (outcome begun)" : "");
	p->ids[p->n++] = v->id;
	return 0;
}

static void outcome_one(const struct tui_opts *opts, int64_t id)
{
	struct hv_error err;
	struct visit *vs;

	hv_error_init(&err);
	if (visit_open(opts->st, opts->rb, id, NULL, &vs, &err) != HV_OK) {
		char *text = hv_error_text(&err);

		tui_tell(NULL, "The record cannot be opened", text);
		free(text);
	} else if (strcmp(vs->v.status, "planned") != 0) {
		char msg[200];

		snprintf(msg, sizeof(msg),
			 strcmp(vs->v.status, "draft") == 0
				 ? "Record %lld is still a draft: finish its plan first (Plan a visit)."
				 : "Record %lld already has its outcome (%s); 'homevisit show %lld' shows it.",
			 (long long)id, vs->v.status, (long long)id);
		tui_tell(NULL, "No outcome to record", msg);
		visit_free(vs);
	} else {
		wizard_run(opts, vs, CORE_STAGE_OUTCOME, "Record an outcome", NULL);
		visit_free(vs);
	}
	hv_error_clear(&err);
}

int tui_outcome_run(const struct tui_opts *opts, int64_t id)
{
	bool started = tui_active(), picked = false;

	if (!started && !tui_start())
		return HV_EUNAVAILABLE;
	if (id > 0) {
		outcome_one(opts, id);
	} else {
		do {
			struct planned p = {0};
			struct store_filter f;
			struct hv_error err;
			size_t sel = 0, i;

			memset(&f, 0, sizeof(f));
			f.status = "planned";
			hv_error_init(&err);
			if (store_visits_list(opts->st, &f, 0, 500, take, &p, &err) != HV_OK) {
				char *text = hv_error_text(&err);

				tui_tell(NULL, "The planned visits cannot be listed", text);
				free(text);
			}
			hv_error_clear(&err);
			if (p.n == 0) {
				tui_tell(NULL, "Record an outcome",
					 "There are no planned visits. Plan a visit first; its outcome is "
					 "recorded here afterwards.");
				picked = false;
			} else {
				picked = tui_pick(NULL, "Record an outcome: which planned visit?",
						  (const char *const *)p.items, p.n, &sel);
				if (picked)
					outcome_one(opts, p.ids[sel]);
			}
			for (i = 0; i < p.n; i++)
				free(p.items[i]);
			free(p.items);
			free(p.ids);
		} while (picked);
	}
	if (!started) {
		tui_stop();
		return tui_end_status();
	}
	return HV_OK;
}
