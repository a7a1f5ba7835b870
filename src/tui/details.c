/* details.c — the visit details form: case reference, practitioner, agency,
 * address, children, planned time, announced or not, purpose. Saved field by field. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"
#include "widget.h"

enum { F_CASE, F_PRACT, F_AGENCY, F_ADDRESS, F_CHILDREN, F_PLANNED, F_KIND, F_PURPOSE, F_GO, NF };

static const char *const labels[NF] = {
	"Case reference *", "Practitioner *", "Agency", "Address", "Child or children",
	"Planned date and time *", "Announced or unannounced", "Purpose of the visit",
	"Continue to the questions",
};

struct details {
	const struct tui_opts *opts;
	struct visit **vs;
	struct edit f[NF];
	bool unannounced;
	int field;
	char msg[320];
	bool warn, done, ok;
	struct tui_screen screen;
};

static const char *const details_keys[] = {
	"Up/Down, Tab    move between the fields (a changed field is saved as you leave it)",
	"Enter           save the field and go to the next",
	"Space, Left/Right  switch announced / unannounced",
	"F10             continue to the questions",
	"Esc             leave (the draft is kept once it has a case reference)",
	"F1              these keys",
	NULL,
};

static char **field_of(struct store_visit *v, int f)
{
	switch (f) {
	case F_CASE:
		return &v->case_ref;
	case F_PRACT:
		return &v->practitioner;
	case F_AGENCY:
		return &v->agency;
	case F_ADDRESS:
		return &v->address;
	case F_CHILDREN:
		return &v->children;
	case F_PLANNED:
		return &v->planned_at;
	case F_PURPOSE:
		return &v->purpose;
	default:
		return NULL;
	}
}

static void details_draw(void *p)
{
	struct details *d = p;
	char title[200];
	int i, y = 3, lw = 27, fw = COLS - lw - 6;

	if (*d->vs != NULL)
		snprintf(title, sizeof(title), "Plan a visit: details (record %lld, draft)",
			 (long long)(*d->vs)->v.id);
	else
		snprintf(title, sizeof(title), "Plan a visit: details (new)");
	tui_frame(title, "Enter save and next  Up/Down move  F10 continue  F1 keys  Esc leave");
	attrset(tui_attr_dim());
	tui_put(1, 2, COLS - 4,
		*d->vs ? "Each field is saved when you leave it." :
			 "Start with the case reference: the draft is saved from then on.");
	attrset(A_NORMAL);
	for (i = 0; i < NF; i++, y += (LINES >= 22 ? 2 : 1)) {
		attrset(i == d->field ? A_BOLD : A_NORMAL);
		if (i == F_GO) {
			if (i == d->field)
				attrset(tui_attr_select());
			tui_put(y, 2, COLS - 4, "[ Continue to the questions ]");
			attrset(A_NORMAL);
			continue;
		}
		tui_put(y, 2, lw, labels[i]);
		attrset(A_NORMAL);
		if (i == F_KIND) {
			if (i == d->field)
				attrset(tui_attr_select());
			tui_put(y, lw + 4, fw, d->unannounced ? "< Unannounced >" : "< Announced >");
			attrset(A_NORMAL);
		} else if (i != d->field) {
			widget_edit_draw(&d->f[i], y, lw + 4, fw, 1, false);
		}
	}
	if (d->msg[0]) {
		attrset(d->warn ? tui_attr_warn() : tui_attr_dim());
		tui_put(LINES - 2, 2, COLS - 4, d->msg);
		attrset(A_NORMAL);
	}
	curs_set(0);
	if (d->field != F_KIND && d->field != F_GO)
		widget_edit_draw(&d->f[d->field], 3 + d->field * (LINES >= 22 ? 2 : 1), lw + 4, fw, 1,
				 true);
}

static bool current_equals(struct details *d, int f)
{
	const char *now = *d->vs ? *field_of(&(*d->vs)->v, f) : NULL;

	return strcmp(d->f[f].buf, now ? now : "") == 0;
}

static void say(struct details *d, bool warn, const char *msg)
{
	snprintf(d->msg, sizeof(d->msg), "%s", msg);
	d->warn = warn;
}

static void set_field(struct store_visit *v, int f, const char *value)
{
	char **slot = field_of(v, f);

	free(*slot);
	*slot = value && value[0] ? xstrdup(value) : NULL;
}

/* Saves every valid field (creating the draft when there is a case reference). */
static void save(struct details *d)
{
	static const struct core_question plain = {.id = "", .type = CORE_Q_TEXT};
	struct store_visit v;
	struct hv_error err;
	char msg[200], canon[17];
	bool planned_ok = true;
	int f, rc;

	memset(&v, 0, sizeof(v));
	for (f = 0; f < F_GO; f++) {
		if (f == F_KIND)
			continue;
		if (f == F_PLANNED && d->f[f].len > 0) {
			if (!core_datetime_parse(d->f[f].buf, time(NULL), canon, msg, sizeof(msg))) {
				char full[260];

				snprintf(full, sizeof(full), "Planned date and time not saved: %s", msg);
				say(d, true, full);
				planned_ok = false;
				continue;
			}
			edit_set(&d->f[f], canon);
		} else if (d->f[f].len > 0 && !core_value_check(&plain, d->f[f].buf, msg, sizeof(msg))) {
			say(d, true, msg);
			continue;
		}
	}
	if (d->f[F_CASE].len == 0 || d->f[F_PRACT].len == 0) {
		if (*d->vs == NULL) {
			say(d, false, "Nothing is saved until there is a case reference and a practitioner.");
			return;
		}
	}
	hv_error_init(&err);
	if (*d->vs == NULL) {
		v.case_ref = d->f[F_CASE].buf;
		v.practitioner = d->f[F_PRACT].buf;
		v.agency = d->f[F_AGENCY].buf;
		v.address = d->f[F_ADDRESS].buf;
		v.children = d->f[F_CHILDREN].buf;
		v.purpose = d->f[F_PURPOSE].buf;
		v.planned_at = d->f[F_PLANNED].len && planned_ok ? d->f[F_PLANNED].buf : NULL;
		v.kind = (char *)(d->unannounced ? "unannounced" : "announced");
		rc = visit_create(d->opts->st, d->opts->rb, &v, NULL, d->vs, &err);
		if (rc == HV_OK && !d->warn)
			say(d, false, "Saved: the draft is kept from now on.");
	} else {
		struct store_visit *cv = &(*d->vs)->v;

		for (f = 0; f < F_GO; f++)
			if (f != F_KIND && !(f == F_PLANNED && !planned_ok) &&
			    !(f <= F_PRACT && d->f[f].len == 0))
				set_field(cv, f, d->f[f].buf);
		free(cv->kind);
		cv->kind = xstrdup(d->unannounced ? "unannounced" : "announced");
		rc = visit_save_details(*d->vs, &err);
		if (rc == HV_OK && !d->warn)
			say(d, false, "Saved.");
	}
	if (rc != HV_OK) {
		char *text = hv_error_text(&err);

		snprintf(d->msg, sizeof(d->msg), "NOT SAVED: %s", text);
		d->warn = true;
		free(text);
	}
	hv_error_clear(&err);
}

static void go_field(struct details *d, int to)
{
	bool changed = d->field < F_GO && d->field != F_KIND && !current_equals(d, d->field);

	d->warn = false;
	d->msg[0] = '\0';
	if (changed)
		save(d);
	d->field = (to + NF) % NF;
}

static bool planned_valid(struct details *d)
{
	char canon[17], msg[200], full[260];

	if (core_datetime_parse(d->f[F_PLANNED].buf, time(NULL), canon, msg, sizeof(msg)))
		return true;
	snprintf(full, sizeof(full), "Planned date and time: %s", msg);
	say(d, true, full);
	return false;
}

static void go_on(struct details *d)
{
	go_field(d, d->field);
	if (*d->vs == NULL || (*d->vs)->v.planned_at == NULL) {
		say(d, true, "Give the case reference, the practitioner and the planned date and time first.");
		return;
	}
	d->ok = d->done = true;
}

static enum tui_result details_key(void *p, struct tui_key k)
{
	struct details *d = p;
	enum widget_result r = WIDGET_UNHANDLED;

	if (k.is_code && k.ch == KEY_F(10)) {
		go_on(d);
		return d->done ? TUI_LEAVE : TUI_CONTINUE;
	}
	if (d->field == F_KIND) {
		if ((!k.is_code && k.ch == ' ') || (k.is_code && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT))) {
			d->unannounced = !d->unannounced;
			save(d);
			return TUI_CONTINUE;
		}
	}
	if (d->field != F_KIND && d->field != F_GO)
		r = widget_edit_key(&d->f[d->field], k);
	if (r == WIDGET_UNHANDLED) {
		if (k.is_code && k.ch == KEY_UP)
			r = WIDGET_PREV;
		else if (k.is_code && k.ch == KEY_DOWN)
			r = WIDGET_NEXT;
		else if (k.is_code && k.ch == KEY_BTAB)
			r = WIDGET_PREV;
		else if (!k.is_code && k.ch == '\t')
			r = WIDGET_NEXT;
		else if ((!k.is_code && (k.ch == '\r' || k.ch == '\n')) || (k.is_code && k.ch == KEY_ENTER))
			r = WIDGET_DONE;
		else if (!k.is_code && (k.ch == 27 || (k.ch == 'q' && (d->field == F_KIND || d->field == F_GO))))
			r = WIDGET_CANCEL;
	}
	switch (r) {
	case WIDGET_NEXT:
		go_field(d, d->field + 1);
		break;
	case WIDGET_PREV:
		go_field(d, d->field - 1);
		break;
	case WIDGET_DONE:
		if (d->field == F_GO) {
			go_on(d);
		} else if (d->field == F_PLANNED && d->f[F_PLANNED].len > 0 && !planned_valid(d)) {
			/* Enter confirms: an impossible date stays to be put right. */
			break;
		} else {
			go_field(d, d->field + 1);
		}
		break;
	case WIDGET_CANCEL:
		go_field(d, d->field);
		d->done = true;
		break;
	default:
		break;
	}
	return d->done ? TUI_LEAVE : TUI_CONTINUE;
}

static bool details_typing(void *p)
{
	struct details *d = p;

	return d->field != F_KIND && d->field != F_GO;
}

bool details_run(const struct tui_opts *opts, struct visit **vs)
{
	struct details d;
	int f;

	memset(&d, 0, sizeof(d));
	d.opts = opts;
	d.vs = vs;
	for (f = 0; f < F_GO; f++) {
		const char *v = NULL;

		if (*vs != NULL && field_of(&(*vs)->v, f) != NULL)
			v = *field_of(&(*vs)->v, f);
		if (*vs == NULL && f == F_PRACT)
			v = visit_login_name();
		edit_init(&d.f[f], v ? v : "", false, 1000);
	}
	edit_init(&d.f[F_GO], "", false, 0);
	d.unannounced = *vs != NULL && (*vs)->v.kind && strcmp((*vs)->v.kind, "unannounced") == 0;
	d.screen.title = "Visit details";
	d.screen.draw = details_draw;
	d.screen.key = details_key;
	d.screen.keys_help = details_keys;
	d.screen.state = &d;
	d.screen.typing = details_typing;
	tui_run(&d.screen);
	for (f = 0; f < NF; f++)
		edit_free(&d.f[f]);
	curs_set(0);
	return d.ok;
}
