/* wizard.c — the questions of one stage, one at a time, with the guidance
 * beside each. Every confirmed answer is saved at once; back is never blocked. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"
#include "widget.h"

struct wizard {
	const struct tui_opts *opts;
	struct visit *vs;
	enum core_stage stage;
	const char *title;
	int cur;            /* the current question (index in the rulebook), -1 if none */
	struct qwidget w;
	bool guidance;
	int gscroll, glines;
	char msg[320];
	bool warn;
	char **pending;     /* typed text that could not be saved yet, by question */
	enum wizard_end end;
	bool done;
	struct tui_screen screen;
	/* training: the scenario's story and what the trainee has uncovered */
	const struct core_scenario *sc;
	bool *known;        /* per fact */
	int sscroll;
	/* an answer whose save failed (disk full, I/O error), until it is saved */
	int failed_q, failed_status;
	char *failed_msg;
};

static const char *const wizard_keys[] = {
	"Enter           confirm the answer (it is saved at once) and go on",
	"Tab             go to the next question     Shift-Tab  go back",
	"Up/Down, j/k    move among the options      Space      tick (several answers)",
	"y / n / u       answer yes, no or unknown",
	"a / e / d       add, edit, remove a person (in a list of people)",
	"g or F2         hide or show the guidance   PgUp/PgDn  scroll the guidance",
	"o or F3         overview of every section, each a jump away",
	"F4              the visit details",
	"F10             finish: what is missing, then the summary",
	"! or F9         (outcome) an emergency: go to the emergency questions",
	"Ctrl-E          (long text) open your editor ($VISUAL or $EDITOR)",
	"Ctrl-U, Ctrl-W  (text) delete to the start, delete a word",
	"q or Esc        leave (the draft is kept; resume from the menu)",
	"? or F1         these keys",
	NULL,
};

static const struct core_rulebook *rb_of(const struct wizard *z)
{
	return z->vs->rb;
}

static bool in_stage(const struct wizard *z, int qi)
{
	const struct core_rulebook *rb = rb_of(z);

	return qi >= 0 && (size_t)qi < rb->nquestions && z->vs->ev.shown[qi] &&
	       rb->sections[rb->questions[qi].section].stage == z->stage;
}

static int next_shown(const struct wizard *z, int from)
{
	int i;

	for (i = from + 1; (size_t)i < rb_of(z)->nquestions; i++)
		if (in_stage(z, i))
			return i;
	return -1;
}

static int prev_shown(const struct wizard *z, int from)
{
	int i;

	for (i = from - 1; i >= 0; i--)
		if (in_stage(z, i))
			return i;
	return -1;
}

static void say(struct wizard *z, bool warn, const char *fmt, ...) HV_PRINTF(3, 4);
static void say(struct wizard *z, bool warn, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(z->msg, sizeof(z->msg), fmt, ap);
	va_end(ap);
	z->warn = warn;
}

static void save_error(struct wizard *z, struct hv_error *err)
{
	char *text = hv_error_text(err);

	say(z, true, "NOT SAVED: %s", text);
	free(text);
	hv_error_clear(err);
}

/* Keeps typed text that could not be saved, so it is not lost while moving. */
static void keep_pending(struct wizard *z)
{
	const char *p;

	if (z->cur < 0)
		return;
	p = qwidget_pending(&z->w);
	free(z->pending[z->cur]);
	z->pending[z->cur] = p ? xstrdup(p) : NULL;
}

static void open_question(struct wizard *z, int qi)
{
	struct hv_error err;
	const struct core_answer *a;

	if (z->cur >= 0) {
		keep_pending(z);
		qwidget_free(&z->w);
	}
	z->cur = qi;
	z->gscroll = 0;
	if (qi < 0)
		return;
	a = &z->vs->answers[qi];
	qwidget_init(&z->w, &rb_of(z)->questions[qi], a->value, a->reason, &z->screen);
	if (z->pending[qi] != NULL) {
		edit_set(&z->w.text, z->pending[qi]);
	} else if (a->value == NULL && rb_of(z)->questions[qi].prefill >= 0) {
		/* Start from the plan's answer; it is saved once confirmed. */
		int from = rb_of(z)->questions[qi].prefill;

		if (z->vs->ev.shown[from] && z->vs->answers[from].value != NULL) {
			qwidget_prefill(&z->w, z->vs->answers[from].value);
			say(z, false, "Started from the plan's answer: Tab keeps it as it is, or change it.");
		}
	}
	hv_error_init(&err);
	if (visit_set_resume(z->vs, rb_of(z)->questions[qi].id, &err) != HV_OK) {
		/* Only the place to resume from is lost: every answer stands. */
		char *text = hv_error_text(&err);

		say(z, true, "Your answers are saved, but not this place in them: %s", text);
		free(text);
	}
	hv_error_clear(&err);
}

/* Sections of this stage that are shown: how many, and which one holds qi. */
static void section_position(const struct wizard *z, int qi, int *n, int *of)
{
	const struct core_rulebook *rb = rb_of(z);
	size_t s;

	*n = 0;
	*of = 0;
	for (s = 0; s < rb->nsections; s++) {
		if (rb->sections[s].stage != z->stage || !z->vs->ev.section_shown[s])
			continue;
		(*of)++;
		if (qi >= 0 && (size_t)rb->questions[qi].section == s)
			*n = *of;
	}
}

static size_t missing_count(const struct wizard *z)
{
	int *list;
	size_t n = visit_missing(z->vs, z->stage, &list);

	free(list);
	return n;
}

static void draw_guidance(struct wizard *z, int y, int x, int h, int w)
{
	const struct core_question *q = &rb_of(z)->questions[z->cur];
	const struct core_section *sec = &rb_of(z)->sections[q->section];
	const struct core_doc *doc = core_doc_find(rb_of(z), q->src.doc);
	char title[160];
	struct strbuf sb;

	snprintf(title, sizeof(title), "Guidance: %s, page %d", q->src.doc, q->src.page);
	tui_box(y, x, h, w, title);
	sb_init(&sb);
	sb_adds(&sb, q->guidance);
	if (sec->guidance != NULL && q->id == rb_of(z)->questions[sec->first].id) {
		sb_adds(&sb, "\n\n");
		sb_adds(&sb, sec->guidance);
	}
	if (doc != NULL)
		sb_addf(&sb, "\n\nSource: %s%s%s, page %d.", doc->title, doc->edition ? ", " : "",
			doc->edition ? doc->edition : "", q->src.page);
	z->glines = tui_put_wrapped(0, 0, w - 4, 0, 0, sb.s);
	if (z->gscroll > z->glines - (h - 2))
		z->gscroll = z->glines - (h - 2) > 0 ? z->glines - (h - 2) : 0;
	tui_put_wrapped(y + 1, x + 2, w - 4, z->gscroll, h - 2, sb.s);
	if (z->glines > h - 2) {
		attrset(tui_attr_dim());
		tui_put(y + h - 1, x + w - 22, 20, z->gscroll + h - 2 < z->glines ? " PgDn for more " : " PgUp to go back ");
		attrset(A_NORMAL);
	}
	sb_free(&sb);
}

/* The scenario's story and the facts known so far (training only). */
static void draw_scenario(struct wizard *z, int y, int x, int h, int w)
{
	struct strbuf sb;
	size_t i;
	int lines;

	tui_box(y, x, h, w, "TRAINING: the scenario");
	sb_init(&sb);
	sb_adds(&sb, z->sc->narrative);
	for (i = 0; i < z->sc->nfacts; i++)
		if (z->known[i])
			sb_addf(&sb, "\n\n* %s", z->sc->facts[i].text);
	lines = tui_put_wrapped(0, 0, w - 4, 0, 0, sb.s);
	if (z->sscroll > lines - (h - 2))
		z->sscroll = lines - (h - 2) > 0 ? lines - (h - 2) : 0;
	tui_put_wrapped(y + 1, x + 2, w - 4, z->sscroll, h - 2, sb.s);
	sb_free(&sb);
}

/* Facts the answers now reveal: they are added to the story, and announced. */
static void reveal_facts(struct wizard *z, bool announce)
{
	size_t i;

	if (z->sc == NULL)
		return;
	for (i = 0; i < z->sc->nfacts; i++) {
		bool now = core_fact_known(rb_of(z), &z->sc->facts[i], &z->vs->cv, z->vs->answers,
					   z->vs->ev.shown);

		if (now && !z->known[i] && announce)
			say(z, false, "New in the scenario: %s", z->sc->facts[i].text);
		z->known[i] = z->known[i] || now;
	}
}

static void wizard_draw(void *p)
{
	struct wizard *z = p;
	const struct core_rulebook *rb = rb_of(z);
	char line[512], head[256];
	int n, of, qx = 2, qw = COLS - 4, qh = LINES - 5, gx = 0, gy = 0, gw = 0, gh = 0, y;
	bool typing;

	typing = z->cur >= 0 && qwidget_typing(&z->w);
	snprintf(head, sizeof(head), "%s: case %s (record %lld, %s)", z->title, z->vs->v.case_ref,
		 (long long)z->vs->v.id, z->vs->v.status);
	if (z->stage == CORE_STAGE_OUTCOME)
		tui_frame(head, typing ? "Enter confirm  Tab next  S-Tab back  F2 guidance  F3 overview  F9 EMERGENCY  F10 finish  F1 keys  Esc leave"
				       : "Enter confirm  Tab next  S-Tab back  g guidance  o overview  ! EMERGENCY  F10 finish  ? keys  q leave");
	else
		tui_frame(head, typing ? "Enter confirm  Tab next  S-Tab back  F2 guidance  F3 overview  F10 finish  F1 keys  Esc leave"
				       : "Enter confirm  Tab next  S-Tab back  g guidance  o overview  F10 finish  ? keys  q leave");
	if (z->cur < 0) {
		tui_put(3, 2, COLS - 4, "No questions apply at this stage. Press F10 to finish or q to leave.");
		return;
	}
	section_position(z, z->cur, &n, &of);
	snprintf(line, sizeof(line), "Section %d of %d   Required answers left: %zu", n, of,
		 missing_count(z));
	attrset(tui_attr_dim());
	tui_put(1, 2, COLS - 4, line);
	attrset(A_NORMAL);

	if (z->guidance || z->sc != NULL) {
		if (COLS >= 110) {
			gw = COLS * 2 / 5;
			qw = COLS - gw - 5;
			gx = COLS - gw - 1;
			gy = 2;
			gh = LINES - 4;
		} else {
			gh = (LINES - 4) * 2 / 5;
			if (gh < 5)
				gh = 5;
			gy = LINES - 2 - gh;
			gx = 1;
			gw = COLS - 2;
			qh = gy - 3;
		}
	}
	{
		const struct core_question *q = &rb->questions[z->cur];
		const struct core_section *sec = &rb->sections[q->section];

		if (sec->procedure >= 0)
			snprintf(line, sizeof(line), "%s: step %d of %zu, %s",
				 rb->procedures[sec->procedure].title, sec->step,
				 rb->procedures[sec->procedure].count, sec->title);
		else
			snprintf(line, sizeof(line), "%s", sec->title);
		attrset(A_BOLD | tui_attr_dim());
		tui_put(3, qx, qw, line);
		attrset(A_BOLD);
		y = 5 + tui_put_wrapped(5, qx, qw, 0, 4, q->text);
		attrset(A_NORMAL);
		if (q->required) {
			attrset(tui_attr_dim());
			tui_put(y++, qx, qw, "Required.");
			attrset(A_NORMAL);
		}
		if (q->hint != NULL) {
			attrset(tui_attr_dim());
			y += tui_put_wrapped(y, qx, qw, 0, 2, q->hint);
			attrset(A_NORMAL);
		}
		y++;
		if (z->sc != NULL && z->guidance && COLS >= 110) {
			/* Training, wide: the story above the guidance. */
			int sh = gh / 2;

			draw_scenario(z, gy, gx, sh, gw);
			draw_guidance(z, gy + sh, gx, gh - sh, gw);
		} else if (z->sc != NULL && !z->guidance) {
			draw_scenario(z, gy, gx, gh, gw);
		} else if (z->guidance) {
			draw_guidance(z, gy, gx, gh, gw);
		}
		int bottom = qh + 2 < LINES - 2 ? qh + 2 : LINES - 2, rows = 0, cy, cx;
		const char *m = z->w.msg[0] ? z->w.msg : z->msg[0] ? z->msg : NULL;

		/* A message is shown whole (up to four lines), ending on the last
		 * line of the question's area: "NOT SAVED" and why. */
		if (m != NULL) {
			rows = tui_put_wrapped(0, qx, qw, 0, 0, m);
			rows = rows < 1 ? 1 : rows > 4 ? 4 : rows;
		}
		qwidget_draw(&z->w, y, qx, qw, bottom - y - (rows > 1 ? rows - 1 : 0));
		if (m != NULL) {
			/* over the widget, and the cursor back in its field */
			getyx(stdscr, cy, cx);
			attrset(z->w.msg[0] || z->warn ? tui_attr_warn() : tui_attr_dim());
			for (int r = bottom - rows + 1; r <= bottom; r++)
				mvhline(r, qx, ' ', qw);
			tui_put_wrapped(bottom - rows + 1, qx, qw, 0, rows, m);
			attrset(A_NORMAL);
			move(cy, cx);
		}
	}
}

/* Answers that a change has just hidden: ask before discarding them. */
static void after_change(struct wizard *z, int qi, const int *hidden_before, size_t nbefore,
			 const char *old_value, const char *old_reason)
{
	int *after, *fresh;
	size_t nafter = visit_hidden_answers(z->vs, &after), nfresh = 0, i, j;
	struct strbuf sb;
	struct hv_error err;
	static const char *const choices[] = {
		"dDiscard those answers",
		"kKeep them aside (they do not count; they come back if you change this answer back)",
		"uUndo my change",
		NULL,
	};
	int c;

	fresh = xcalloc(nafter ? nafter : 1, sizeof(int));
	for (i = 0; i < nafter; i++) {
		bool was = false;

		for (j = 0; j < nbefore; j++)
			was = was || hidden_before[j] == after[i];
		if (!was)
			fresh[nfresh++] = after[i];
	}
	free(after);
	if (nfresh == 0) {
		free(fresh);
		return;
	}
	sb_init(&sb);
	sb_adds(&sb, "With this answer, these questions no longer apply, and their answers will not "
		     "count in the plan or the record:\n");
	for (i = 0; i < nfresh; i++)
		sb_addf(&sb, "\n- %s", rb_of(z)->questions[fresh[i]].text);
	c = tui_ask(&z->screen, "Answers that no longer apply", sb.s, choices);
	sb_free(&sb);
	hv_error_init(&err);
	if (c == 'd') {
		for (i = 0; i < nfresh; i++)
			if (visit_answer(z->vs, rb_of(z)->questions[fresh[i]].id, NULL, NULL, NULL, &err) !=
			    HV_OK) {
				save_error(z, &err);
				break;
			}
		if (i == nfresh)
			say(z, false, "Discarded %zu answer%s that no longer apply.", nfresh,
			    nfresh == 1 ? "" : "s");
	} else if (c == 'u' || c == 0) {
		if (visit_answer(z->vs, rb_of(z)->questions[qi].id, old_value, old_reason, NULL, &err) !=
		    HV_OK)
			save_error(z, &err);
		else
			say(z, false, "Your change was undone; the earlier answer is back.");
		if (qi == z->cur) {
			qwidget_free(&z->w);
			qwidget_init(&z->w, &rb_of(z)->questions[qi], z->vs->answers[qi].value,
				     z->vs->answers[qi].reason, &z->screen);
		}
	} else {
		say(z, false, "Kept aside: those answers do not count unless their questions apply again.");
	}
	hv_error_clear(&err);
	free(fresh);
}

/* Saves an answer to the current question; true if saved. */
/* The emergency actions that fire now (a bit per action). */
static bool *emergencies(const struct wizard *z)
{
	bool *on = xcalloc(rb_of(z)->nactions ? rb_of(z)->nactions : 1, sizeof(bool));
	size_t i;

	for (i = 0; i < z->vs->ev.nfired; i++)
		if (rb_of(z)->actions[z->vs->ev.fired[i].action].urgency == CORE_URG_EMERGENCY)
			on[z->vs->ev.fired[i].action] = true;
	return on;
}

/* An answer that makes an emergency action fire: its instruction, full screen,
 * then the question that records the time it was done. */
static void after_emergency(struct wizard *z, const bool *before)
{
	bool *now = emergencies(z);
	size_t i;
	int call = rb_of(z)->record_q[CORE_REC_EMERGENCY_CALL];

	for (i = 0; i < rb_of(z)->nactions; i++)
		if (now[i] && !before[i]) {
			tui_emergency(&rb_of(z)->actions[i]);
			if (call >= 0 && in_stage(z, call) && z->vs->answers[call].value == NULL &&
			    call != z->cur) {
				open_question(z, call);
				say(z, true, "Record when you called: type the time, then Enter.");
			}
			break;
		}
	free(now);
}

static bool save(struct wizard *z, const char *value, const char *reason)
{
	struct hv_error err;
	bool *before_emergency = emergencies(z);
	int *hidden;
	size_t nhidden = visit_hidden_answers(z->vs, &hidden);
	int qi = z->cur;
	char *old_value = z->vs->answers[qi].value ? xstrdup(z->vs->answers[qi].value) : NULL;
	char *old_reason = z->vs->answers[qi].reason ? xstrdup(z->vs->answers[qi].reason) : NULL;
	bool ok;

	hv_error_init(&err);
	ok = visit_answer(z->vs, rb_of(z)->questions[qi].id, value, reason, NULL, &err) == HV_OK;
	if (!ok) {
		if (err.status != HV_EDATA) {
			z->failed_q = qi;
			z->failed_status = err.status;
			free(z->failed_msg);
			z->failed_msg = hv_error_text(&err);
		}
		save_error(z, &err);
	} else {
		if (z->failed_q == qi)
			z->failed_q = -1;
		free(z->pending[qi]);
		z->pending[qi] = NULL;
		say(z, false, "Saved.");
		after_change(z, qi, hidden, nhidden, old_value, old_reason);
		after_emergency(z, before_emergency);
		reveal_facts(z, true);
	}
	hv_error_clear(&err);
	free(before_emergency);
	free(hidden);
	free(old_value);
	free(old_reason);
	return ok;
}

static void move_to(struct wizard *z, int qi, bool forward)
{
	if (qi < 0) {
		say(z, false, forward ? "That was the last question of this stage: press F10 to finish."
				      : "This is the first question.");
		return;
	}
	open_question(z, qi);
}

/* Tab away from a field with typed text: save it if it is a valid answer. */
static void leave_field(struct wizard *z)
{
	char *value, *reason;

	if (z->cur < 0 || qwidget_pending(&z->w) == NULL)
		return;
	if (qwidget_commit(&z->w, time(NULL), &value, &reason)) {
		save(z, value, reason);
		free(value);
		free(reason);
	} else {
		say(z, true, "Not saved (%s); what you typed is kept here until you fix it.", z->w.msg);
		z->w.msg[0] = '\0';
	}
}

static void overview(struct wizard *z)
{
	const struct core_rulebook *rb = rb_of(z);
	const char **items = xcalloc(rb->nsections + 1, sizeof(char *));
	size_t *target = xcalloc(rb->nsections + 1, sizeof(size_t));
	size_t n = 0, s, sel = 0;

	for (s = 0; s < rb->nsections; s++) {
		const struct core_section *sec = &rb->sections[s];
		enum core_section_state st;
		const char *mark;

		if (sec->stage != z->stage)
			continue;
		st = core_section_state(rb, &z->vs->ev, z->vs->answers, s);
		mark = st == CORE_SEC_NA       ? "not applicable  "
		       : st == CORE_SEC_MISSING ? "REQUIRED MISSING"
		       : st == CORE_SEC_DONE    ? "answered        "
						: "not started     ";
		if (sec->procedure >= 0)
			items[n] = xasprintf("%s  %s, step %d: %s", mark, rb->procedures[sec->procedure].title,
					     sec->step, sec->title);
		else
			items[n] = xasprintf("%s  %s", mark, sec->title);
		if (z->cur >= 0 && (size_t)rb->questions[z->cur].section == s)
			sel = n;
		target[n++] = s;
	}
	if (tui_pick(&z->screen, "Overview: Enter jumps to a section", items, n, &sel)) {
		const struct core_section *sec = &rb->sections[target[sel]];
		size_t i;
		int first = -1;

		for (i = sec->first; i < sec->first + sec->count && first < 0; i++)
			if (in_stage(z, (int)i))
				first = (int)i;
		if (first >= 0) {
			keep_pending(z);
			open_question(z, first);
		} else {
			say(z, false, "That section does not apply with the answers given.");
		}
	}
	for (s = 0; s < n; s++)
		free((char *)items[s]);
	free(items);
	free(target);
}

static void finish(struct wizard *z)
{
	const struct core_rulebook *rb = rb_of(z);
	int *missing;
	size_t n = visit_missing(z->vs, z->stage, &missing), i, sel = 0;

	leave_field(z);
	if (n > 0) {
		const char **items = xcalloc(n, sizeof(char *));

		for (i = 0; i < n; i++)
			items[i] = xasprintf("%s: %s%s", rb->sections[rb->questions[missing[i]].section].title,
					     rb->questions[missing[i]].text,
					     z->vs->answers[missing[i]].value ? " (a reason is needed)" : "");
		if (tui_pick(&z->screen, "Required answers missing: Enter jumps to one", items, n, &sel))
			open_question(z, missing[sel]);
		for (i = 0; i < n; i++)
			free((char *)items[i]);
		free(items);
		free(missing);
		return;
	}
	free(missing);
	if (z->stage == CORE_STAGE_PLAN ? summary_run(z->opts, z->vs, &z->screen)
					: outcome_summary_run(z->opts, z->vs)) {
		z->end = WIZARD_FINISHED;
		z->done = true;
	}
}

/* "Emergency at any point": the section that records the 999 call. */
static void go_emergency(struct wizard *z)
{
	const struct core_rulebook *rb = rb_of(z);
	int call = rb->record_q[CORE_REC_EMERGENCY_CALL];
	const struct core_section *sec;
	size_t i;

	if (z->stage != CORE_STAGE_OUTCOME || call < 0) {
		say(z, false, "The emergency questions are part of recording an outcome.");
		return;
	}
	sec = &rb->sections[rb->questions[call].section];
	for (i = sec->first; i < sec->first + sec->count; i++)
		if (in_stage(z, (int)i)) {
			open_question(z, (int)i);
			say(z, true, "Emergency: answer these, and the rule file's instruction follows.");
			return;
		}
	say(z, false, "The emergency questions do not apply here.");
}

static bool ask_leave(struct wizard *z)
{
	static const char *const choices[] = {"lLeave now (the draft is kept)", "sStay", NULL};

	leave_field(z);
	if (z->failed_q >= 0) {
		static const char *const unsaved[] = {"lLeave now (that answer is lost)", "sStay and try again",
						       NULL};
		char *text = xasprintf("The answer to \"%s\" could NOT be saved: %s\n\nEvery other answer "
				       "you confirmed is saved.",
				       rb_of(z)->questions[z->failed_q].text, z->failed_msg);
		bool leave = tui_ask(&z->screen, "Leave? An answer is not saved", text, unsaved) == 'l';

		free(text);
		return leave;
	}
	return tui_ask(&z->screen, "Leave?",
		       z->stage == CORE_STAGE_PLAN
			       ? "Every answer you confirmed is saved. You can come back to this draft "
				 "from 'Plan a visit' and carry on where you left off."
			       : "Every answer you confirmed is saved. You can come back to this outcome "
				 "from 'Record an outcome' and carry on where you left off.",
		       choices) == 'l';
}

static void external_edit(struct wizard *z)
{
	char msg[200] = "";

	if (widget_external_edit(&z->w.text, msg, sizeof(msg)))
		say(z, false, "Text from the editor; press Tab or Enter to save it.");
	else
		say(z, true, "%s", msg);
	clearok(curscr, TRUE);
}

static enum tui_result wizard_key(void *p, struct tui_key k)
{
	struct wizard *z = p;
	enum widget_result r = WIDGET_UNHANDLED;
	char *value = NULL, *reason = NULL;

	z->msg[0] = '\0';
	if (k.is_code && k.ch == KEY_F(10)) {
		finish(z);
		return z->done ? TUI_LEAVE : TUI_CONTINUE;
	}
	if (k.is_code && k.ch == KEY_F(2)) {
		z->guidance = !z->guidance;
		return TUI_CONTINUE;
	}
	if (k.is_code && k.ch == KEY_F(3)) {
		leave_field(z);
		overview(z);
		return TUI_CONTINUE;
	}
	if (k.is_code && k.ch == KEY_F(4)) {
		struct visit *vs = z->vs;

		leave_field(z);
		if (strcmp(vs->v.status, "draft") != 0)
			say(z, false, "The details cannot change once the visit is planned.");
		else
			details_run(z->opts, &vs);
		return TUI_CONTINUE;
	}
	if ((k.is_code && k.ch == KEY_F(9)) ||
	    (!k.is_code && k.ch == '!' && !(z->cur >= 0 && qwidget_typing(&z->w)))) {
		leave_field(z);
		go_emergency(z);
		return TUI_CONTINUE;
	}
	if (k.is_code && (k.ch == KEY_NPAGE || k.ch == KEY_PPAGE)) {
		z->gscroll += k.ch == KEY_NPAGE ? 5 : -5;
		if (z->gscroll < 0)
			z->gscroll = 0;
		return TUI_CONTINUE;
	}
	if (z->cur >= 0)
		r = qwidget_key(&z->w, k, time(NULL), &value, &reason);
	switch (r) {
	case WIDGET_SAVE:
		save(z, value, reason);
		break;
	case WIDGET_DONE: {
		int was = z->cur;

		if (save(z, value, reason) && z->cur == was)
			move_to(z, next_shown(z, z->cur), true);
		break;
	}
	case WIDGET_NEXT:
		leave_field(z);
		move_to(z, next_shown(z, z->cur), true);
		break;
	case WIDGET_PREV:
		leave_field(z);
		move_to(z, prev_shown(z, z->cur), false);
		break;
	case WIDGET_CANCEL:
		if (ask_leave(z)) {
			z->end = WIZARD_LEFT;
			z->done = true;
		}
		break;
	case WIDGET_EXTERNAL:
		external_edit(z);
		break;
	case WIDGET_UNHANDLED:
		if (!k.is_code && (k.ch == 'g' || k.ch == 'G')) {
			z->guidance = !z->guidance;
		} else if (!k.is_code && k.ch == 'o') {
			overview(z);
		} else if ((!k.is_code && (k.ch == 'q' || k.ch == 27)) && ask_leave(z)) {
			z->end = WIZARD_LEFT;
			z->done = true;
		} else if (!k.is_code && k.ch == '\t') {
			move_to(z, next_shown(z, z->cur), true);
		} else if (k.is_code && k.ch == KEY_BTAB) {
			move_to(z, prev_shown(z, z->cur), false);
		} else if (k.is_code && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT)) {
			move_to(z, k.ch == KEY_LEFT ? prev_shown(z, z->cur) : next_shown(z, z->cur),
				k.ch == KEY_RIGHT);
		}
		break;
	default:
		break;
	}
	free(value);
	free(reason);
	return z->done ? TUI_LEAVE : TUI_CONTINUE;
}

static bool wizard_typing(void *p)
{
	struct wizard *z = p;

	return z->cur >= 0 && qwidget_typing(&z->w);
}

enum wizard_end wizard_run(const struct tui_opts *opts, struct visit *vs, enum core_stage stage,
			   const char *title, const struct core_scenario *sc)
{
	struct wizard z;
	int start = -1;
	size_t i;

	memset(&z, 0, sizeof(z));
	z.opts = opts;
	z.vs = vs;
	z.stage = stage;
	z.title = title;
	z.cur = -1;
	z.failed_q = -1;
	z.guidance = true;
	z.pending = xcalloc(vs->rb->nquestions ? vs->rb->nquestions : 1, sizeof(char *));
	z.screen.title = title;
	z.screen.draw = wizard_draw;
	z.screen.key = wizard_key;
	z.screen.keys_help = wizard_keys;
	z.screen.state = &z;
	z.screen.typing = wizard_typing;
	z.sc = sc;
	if (sc != NULL) {
		z.known = xcalloc(sc->nfacts ? sc->nfacts : 1, sizeof(bool));
		z.guidance = false; /* the story first; g shows the guidance */
		reveal_facts(&z, false);
	}
	/* Resume where the draft was left, if that question still applies. */
	if (vs->v.resume_at != NULL) {
		int qi = core_question_index(vs->rb, vs->v.resume_at);

		if (in_stage(&z, qi))
			start = qi;
	}
	if (start < 0)
		start = next_shown(&z, -1);
	open_question(&z, start);
	tui_run(&z.screen);
	if (z.failed_q >= 0)
		tui_note_unsaved(z.failed_status, z.failed_msg);
	free(z.failed_msg);
	if (z.cur >= 0)
		qwidget_free(&z.w);
	for (i = 0; i < vs->rb->nquestions; i++)
		free(z.pending[i]);
	free(z.pending);
	free(z.known);
	curs_set(0);
	return z.end;
}
