/* export.c — the records that match a filter, written as CSV, JSON or a
 * Markdown table (and their history as CSV): for `export` and the review screen. */
#include "report.h"
#include "visit.h"

struct export_ctx {
	FILE *fp;
	bool md, training;
};

/* Training records carry the stamp in every output: a first CSV column. */
#define STAMP "TRAINING"

static int put_visit(const struct store_visit *v, void *ctx)
{
	struct export_ctx *x = ctx;

	if (x->training && !x->md)
		fputs(STAMP ",", x->fp);
	if (x->md)
		report_md_visit(x->fp, v);
	else
		report_csv_visit(x->fp, v);
	return 0;
}

static int put_event(const struct store_event *e, void *ctx)
{
	struct export_ctx *x = ctx;

	if (x->training)
		fputs(STAMP ",", x->fp);
	report_csv_event(x->fp, e);
	return 0;
}

int visit_export(struct store *st, const struct store_filter *f, enum visit_export_format fmt,
		 bool training, FILE *fp, FILE *events, struct hv_error *err)
{
	struct export_ctx x = {fp, fmt == VISIT_EXPORT_MARKDOWN, training};
	struct export_ctx ex = {events, false, training};
	int rc;

	if (fmt == VISIT_EXPORT_JSON) {
		if (training)
			fputs("{\"stamp\": \"" STAMP "\", \"records\": ", fp);
		rc = store_export_json(st, f, fp, err);
		if (training)
			fputs("}\n", fp);
	} else {
		if (x.md)
			report_md_visits_header(fp, training ? STAMP ": home visit records (not real records)"
							     : "Home visit records");
		else {
			if (training)
				fputs("stamp,", fp);
			report_csv_visits_header(fp);
		}
		rc = store_visits_list(st, f, 0, -1, put_visit, &x, err);
	}
	if (rc == HV_OK && events != NULL) {
		if (training)
			fputs("stamp,", events);
		report_csv_events_header(events);
		rc = store_events_all(st, f, put_event, &ex, err);
	}
	return rc;
}
