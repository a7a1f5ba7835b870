/* export.c — the records that match a filter, written as CSV, JSON or a
 * Markdown table (and their history as CSV): for `export` and the review screen. */
#include "report.h"
#include "visit.h"

struct export_ctx {
	FILE *fp;
	bool md;
};

static int put_visit(const struct store_visit *v, void *ctx)
{
	struct export_ctx *x = ctx;

	if (x->md)
		report_md_visit(x->fp, v);
	else
		report_csv_visit(x->fp, v);
	return 0;
}

static int put_event(const struct store_event *e, void *ctx)
{
	report_csv_event(ctx, e);
	return 0;
}

int visit_export(struct store *st, const struct store_filter *f, enum visit_export_format fmt,
		 FILE *fp, FILE *events, struct hv_error *err)
{
	struct export_ctx x = {fp, fmt == VISIT_EXPORT_MARKDOWN};
	int rc;

	if (fmt == VISIT_EXPORT_JSON) {
		rc = store_export_json(st, f, fp, err);
	} else {
		if (x.md)
			report_md_visits_header(fp, "Home visit records");
		else
			report_csv_visits_header(fp);
		rc = store_visits_list(st, f, 0, -1, put_visit, &x, err);
	}
	if (rc == HV_OK && events != NULL) {
		report_csv_events_header(events);
		rc = store_events_all(st, f, put_event, events, err);
	}
	return rc;
}
