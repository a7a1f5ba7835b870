/* plan.c — `homevisit plan` and the menu's "Plan a visit": a new plan or a
 * draft to resume, then the details, the questions and the summary. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"

struct drafts {
	char **items;
	int64_t *ids;
	size_t n, cap;
};

static void add(struct drafts *d, char *label, int64_t id)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->items = xreallocarray(d->items, d->cap, sizeof(char *));
		d->ids = xreallocarray(d->ids, d->cap, sizeof(int64_t));
	}
	d->items[d->n] = label;
	d->ids[d->n++] = id;
}

static int take_draft(const struct store_visit *v, void *ctx)
{
	/* updated_at is UTC "YYYY-MM-DDTHH:MM:SSZ". */
	add(ctx,
	    xasprintf("Resume record %lld: case %s, %s, last changed %.10s %.5s UTC",
		      (long long)v->id, v->case_ref, v->planned_at ? v->planned_at : "no date yet",
		      v->updated_at, v->updated_at + 11),
	    v->id);
	return 0;
}

/* Details (if the draft lacks them), then the questions; frees the visit. */
static void plan_one(const struct tui_opts *opts, struct visit *vs)
{
	if (vs->v.planned_at != NULL || details_run(opts, &vs))
		wizard_run(opts, vs, CORE_STAGE_PLAN, "Plan a visit", NULL);
	visit_free(vs);
}

static void show_error(const char *title, struct hv_error *err)
{
	char *text = hv_error_text(err);

	tui_tell(NULL, title, text);
	free(text);
	hv_error_clear(err);
}

int tui_plan_run(const struct tui_opts *opts)
{
	bool started = tui_active();
	bool picked;

	if (!started && !tui_start())
		return HV_EUNAVAILABLE;
	do {
		struct drafts d = {0};
		struct store_filter f;
		struct hv_error err;
		struct visit *vs = NULL;
		size_t sel = 0, i;

		memset(&f, 0, sizeof(f));
		f.status = "draft";
		hv_error_init(&err);
		add(&d, xstrdup("Start a new plan"), 0);
		if (store_visits_list(opts->st, &f, 0, 200, take_draft, &d, &err) != HV_OK)
			show_error("The drafts cannot be listed", &err);
		picked = tui_pick(NULL, d.n > 1 ? "Plan a visit: a new plan, or a draft to resume"
						: "Plan a visit",
				  (const char *const *)d.items, d.n, &sel);
		if (picked && d.ids[sel] == 0) {
			if (details_run(opts, &vs) && vs != NULL)
				plan_one(opts, vs);
			else
				visit_free(vs);
		} else if (picked) {
			if (visit_open(opts->st, opts->rb, d.ids[sel], NULL, &vs, &err) != HV_OK)
				show_error("The draft cannot be opened", &err);
			else
				plan_one(opts, vs);
		}
		hv_error_clear(&err);
		for (i = 0; i < d.n; i++)
			free(d.items[i]);
		free(d.items);
		free(d.ids);
	} while (picked);
	if (!started) {
		tui_stop();
		return tui_end_status();
	}
	return HV_OK;
}
