/* history.c — a record's actions, reviews and events gathered into arrays,
 * for the screens and reports that show a record whole. */
#include <stdlib.h>
#include <string.h>

#include "visit.h"

struct gather {
	struct visit_history *h;
	size_t cap_actions, cap_reviews, cap_events;
};

static const char *keep(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static int take_action(const struct store_action *in, void *ctx)
{
	struct gather *g = ctx;
	struct visit_history *h = g->h;
	struct store_action *a;

	if (h->nactions == g->cap_actions) {
		g->cap_actions = g->cap_actions ? g->cap_actions * 2 : 16;
		h->actions = xreallocarray(h->actions, g->cap_actions, sizeof(*h->actions));
	}
	a = &h->actions[h->nactions++];
	*a = *in;
	a->action = keep(h->arena, in->action);
	a->text = keep(h->arena, in->text);
	a->owner = keep(h->arena, in->owner);
	a->urgency = keep(h->arena, in->urgency);
	a->escalation = keep(h->arena, in->escalation);
	a->due_at = keep(h->arena, in->due_at);
	a->status = keep(h->arena, in->status);
	a->done_at = keep(h->arena, in->done_at);
	a->done_by = keep(h->arena, in->done_by);
	a->note = keep(h->arena, in->note);
	a->created_at = keep(h->arena, in->created_at);
	a->case_ref = keep(h->arena, in->case_ref);
	a->practitioner = keep(h->arena, in->practitioner);
	return 0;
}

static int take_review(const struct store_review *in, void *ctx)
{
	struct gather *g = ctx;
	struct visit_history *h = g->h;
	struct store_review *r;

	if (h->nreviews == g->cap_reviews) {
		g->cap_reviews = g->cap_reviews ? g->cap_reviews * 2 : 4;
		h->reviews = xreallocarray(h->reviews, g->cap_reviews, sizeof(*h->reviews));
	}
	r = &h->reviews[h->nreviews++];
	r->at = keep(h->arena, in->at);
	r->reviewer = keep(h->arena, in->reviewer);
	r->decision = keep(h->arena, in->decision);
	r->comment = keep(h->arena, in->comment);
	return 0;
}

static int take_event(const struct store_event *in, void *ctx)
{
	struct gather *g = ctx;
	struct visit_history *h = g->h;
	struct store_event *e;

	if (h->nevents == g->cap_events) {
		g->cap_events = g->cap_events ? g->cap_events * 2 : 16;
		h->events = xreallocarray(h->events, g->cap_events, sizeof(*h->events));
	}
	e = &h->events[h->nevents++];
	*e = *in;
	e->at = keep(h->arena, in->at);
	e->who = keep(h->arena, in->who);
	e->kind = keep(h->arena, in->kind);
	e->question = keep(h->arena, in->question);
	e->old_value = keep(h->arena, in->old_value);
	e->new_value = keep(h->arena, in->new_value);
	e->reason = keep(h->arena, in->reason);
	e->detail = keep(h->arena, in->detail);
	return 0;
}

int visit_history_load(const struct visit *vs, struct visit_history *h, struct hv_error *err)
{
	struct gather g = {h, 0, 0, 0};
	int rc;

	memset(h, 0, sizeof(*h));
	h->arena = arena_new();
	if ((rc = store_actions_list(vs->st, vs->v.id, take_action, &g, err)) != HV_OK ||
	    (rc = store_reviews_list(vs->st, vs->v.id, take_review, &g, err)) != HV_OK ||
	    (rc = store_events_list(vs->st, vs->v.id, take_event, &g, err)) != HV_OK) {
		visit_history_free(h);
		return rc;
	}
	return HV_OK;
}

void visit_history_free(struct visit_history *h)
{
	free(h->actions);
	free(h->reviews);
	free(h->events);
	arena_free(h->arena);
	memset(h, 0, sizeof(*h));
}
