/* cmd-show.c — `homevisit show ID`: one record whole, as text, Markdown or
 * JSON, with the questions of the rulebook it was made with. */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "visit.h"

/* Shows an open record in a format; shared with the screens' print key. */
static int show_record(struct visit *vs, const char *format, bool training, FILE *fp,
		       struct hv_error *err)
{
	struct visit_history h;
	struct report_record r;
	int rc;

	if (strcmp(format, "json") == 0)
		return store_visit_json(vs->st, vs->v.id, vs->rb, fp, err);
	if ((rc = visit_history_load(vs, &h, err)) != HV_OK)
		return rc;
	memset(&r, 0, sizeof(r));
	r.v = &vs->v;
	r.rb = vs->rb;
	r.answers = vs->answers;
	r.ev = &vs->ev;
	r.actions = h.actions;
	r.nactions = h.nactions;
	r.reviews = h.reviews;
	r.nreviews = h.nreviews;
	r.events = h.events;
	r.nevents = h.nevents;
	r.training = training;
	if (strncmp(format, "note", 4) == 0)
		report_note(fp, &r, strcmp(format, "note-markdown") == 0 ? REPORT_MARKDOWN : REPORT_TEXT);
	else
		report_record(fp, &r, strcmp(format, "markdown") == 0 ? REPORT_MARKDOWN : REPORT_TEXT);
	visit_history_free(&h);
	return HV_OK;
}

static int cmd_show(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	const struct cmd_entry *cmd = &cmd_show_entry;
	const char *format = "text";
	struct core_rulebook *rb = NULL;
	struct store *st = NULL;
	struct visit *vs = NULL;
	struct hv_error err;
	int64_t id;
	int c, rc;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case ':':
			return cli_usage(cmd, "option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "markdown") != 0 &&
	    strcmp(format, "json") != 0 && strcmp(format, "note") != 0 &&
	    strcmp(format, "note-markdown") != 0)
		return cli_usage(cmd, "unknown format '%s' (text, markdown, json, note or note-markdown)",
				 format);
	if (optind != argc - 1)
		return cli_usage(cmd, "give one record number");
	if ((rc = cli_record_id(cmd, argv[optind], &id)) != HV_OK)
		return rc;
	hv_error_init(&err);
	if ((rc = cli_load_rules(cli_rules_path(cli), &rb)) != HV_OK)
		return rc;
	if ((rc = cli_open_store(cli, STORE_READONLY, cli->training, &st)) != HV_OK)
		goto out;
	rc = visit_open(st, rb, id, NULL, &vs, &err);
	if (rc == HV_OK)
		rc = show_record(vs, format, cli->training, stdout, &err);
	if (rc != HV_OK)
		hv_error_print(&err, stderr);
	else
		rc = cli_close_output(NULL, stdout);
out:
	visit_free(vs);
	store_close(st);
	core_rulebook_free(rb);
	hv_error_clear(&err);
	return rc;
}

const struct cmd_entry cmd_show_entry = {
	"show", "ID [--format text|markdown|json|note|note-markdown]",
	"print one record whole, or its case note", cmd_show,
};
