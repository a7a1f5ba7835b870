/* summary.c — the plan's summary before it is confirmed: actions by urgency
 * with owners and due times, risks, lone working, contingency; p prints it. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"

struct summary {
	const struct tui_opts *opts;
	struct visit *vs;
	struct tui_view view;
	bool confirmed;
};

static const char *const summary_keys[] = {
	"Up/Down, PgUp/PgDn  scroll",
	"F10 or Enter        confirm: the visit is planned",
	"p                   write the plan to a file (Markdown or text)",
	"Esc or b            back to the questions",
	NULL,
};

static enum tui_result summary_key(void *p, struct tui_key k)
{
	struct summary *s = p;
	struct hv_error err;

	if (!k.is_code && k.ch == 'p') {
		tui_print_record(NULL, s->vs, false, s->view.msg, sizeof(s->view.msg));
		return TUI_CONTINUE;
	}
	if (!k.is_code && (k.ch == 'b' || k.ch == 27))
		return TUI_LEAVE;
	if ((k.is_code && (k.ch == KEY_F(10) || k.ch == KEY_ENTER)) ||
	    (!k.is_code && (k.ch == '\r' || k.ch == '\n'))) {
		hv_error_init(&err);
		if (visit_finish_plan(s->vs, &err) != HV_OK) {
			char *text = hv_error_text(&err);

			snprintf(s->view.msg, sizeof(s->view.msg), "Not confirmed: %s", text);
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

bool summary_run(const struct tui_opts *opts, struct visit *vs, const struct tui_screen *under)
{
	struct summary s;
	char *text = tui_record_text(vs, false, false);
	char title[160];

	(void)under;
	memset(&s, 0, sizeof(s));
	s.opts = opts;
	s.vs = vs;
	snprintf(title, sizeof(title), "%sSummary of the plan: case %s (record %lld)",
		 vs->training ? "TRAINING: " : "", vs->v.case_ref, (long long)vs->v.id);
	s.view.title = title;
	s.view.hints = "F10 confirm the plan   p write it to a file   Esc back to the questions   ? keys";
	s.view.text = text;
	s.view.key = summary_key;
	s.view.ctx = &s;
	s.view.keys_help = summary_keys;
	tui_view_run(&s.view);
	free(text);
	if (s.confirmed && !vs->training) { /* training goes straight to the score */
		char msg[300];

		snprintf(msg, sizeof(msg),
			 "Record %lld is planned. Its actions are saved with their due times; "
			 "'homevisit show %lld --format markdown' prints the plan again.",
			 (long long)vs->v.id, (long long)vs->v.id);
		tui_tell(NULL, "Planned", msg);
	}
	return s.confirmed;
}
