/* cmd-export.c — `homevisit export`: the records that match a filter, as CSV,
 * JSON or Markdown, to a private file; the history as a second CSV on request. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "visit.h"

/* Sets f from one filter option; false if the option is not a filter. */
static int filter_option(const struct cmd_entry *cmd, const struct core_rulebook *rb, int c,
			 const char *arg, struct store_filter *f)
{
	static const char *const statuses[] = {"draft", "planned", "visited", "no_access",
					       "reviewed"};
	char canon[17], msg[160];
	size_t i;

	switch (c) {
	case 's':
		for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
			if (strcmp(arg, statuses[i]) == 0)
				break;
		if (i == sizeof(statuses) / sizeof(statuses[0]))
			return cli_usage(cmd, "unknown status '%s' (draft, planned, visited, no_access or reviewed)", arg);
		f->status = arg;
		return HV_OK;
	case 'p':
		f->practitioner = arg;
		return HV_OK;
	case 'c':
		f->case_ref = arg;
		return HV_OK;
	case 'F':
	case 'T':
		if (!core_date_parse(arg, time(NULL), canon, msg, sizeof(msg)))
			return cli_usage(cmd, "%s: %s", c == 'F' ? "--from" : "--to", msg);
		if (c == 'F')
			f->from = xstrdup(canon);
		else
			f->to = xstrdup(canon);
		return HV_OK;
	case 'e':
		for (i = 0; i < rb->nlevels; i++)
			if (strcmp(rb->levels[i].id, arg) == 0)
				break;
		if (i == rb->nlevels)
			return cli_usage(cmd, "unknown escalation level '%s' (see 'homevisit rules show')", arg);
		f->min_escalation = (int)i;
		return HV_OK;
	case 'u':
		f->unreviewed = true;
		return HV_OK;
	case 'o':
		f->overdue = true;
		return HV_OK;
	case 'a':
		f->failed_access = true;
		return HV_OK;
	case 'E':
		f->emergency = true;
		return HV_OK;
	case 'S':
		f->search = arg;
		return HV_OK;
	case 'D':
		f->drafts_too = true;
		return HV_OK;
	case 'B':
		f->past_back = true;
		return HV_OK;
	}
	return -1;
}

static int cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'O'},
		{"force", no_argument, NULL, 'x'},
		{"events", required_argument, NULL, 'v'},
		{"status", required_argument, NULL, 's'},
		{"practitioner", required_argument, NULL, 'p'},
		{"case", required_argument, NULL, 'c'},
		{"from", required_argument, NULL, 'F'},
		{"to", required_argument, NULL, 'T'},
		{"escalation", required_argument, NULL, 'e'},
		{"unreviewed", no_argument, NULL, 'u'},
		{"overdue", no_argument, NULL, 'o'},
		{"failed-access", no_argument, NULL, 'a'},
		{"emergency", no_argument, NULL, 'E'},
		{"search", required_argument, NULL, 'S'},
		{"drafts", no_argument, NULL, 'D'},
		{"past-back", no_argument, NULL, 'B'},
		{NULL, 0, NULL, 0},
	};
	const struct cmd_entry *cmd = &cmd_export_entry;
	const char *format = "csv", *output = NULL, *events = NULL;
	struct core_rulebook *rb = NULL;
	struct store_filter f;
	struct store *st = NULL;
	FILE *fp = NULL, *efp = NULL;
	struct hv_error err;
	bool force = false;
	int c, rc;

	memset(&f, 0, sizeof(f));
	hv_error_init(&err);
	if ((rc = cli_load_rules(cli_rules_path(cli), &rb)) != HV_OK)
		return rc;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'O':
			output = optarg;
			break;
		case 'x':
			force = true;
			break;
		case 'v':
			events = optarg;
			break;
		case ':':
			rc = cli_usage(cmd, "option '%s' needs a value", argv[optind - 1]);
			goto out;
		case '?':
			rc = cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
			goto out;
		default:
			if ((rc = filter_option(cmd, rb, c, optarg, &f)) != HV_OK)
				goto out;
		}
	}
	if (optind != argc) {
		rc = cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "markdown") != 0) {
		rc = cli_usage(cmd, "unknown format '%s' (csv, json or markdown)", format);
		goto out;
	}
	if (events != NULL && output != NULL && strcmp(events, output) == 0) {
		rc = cli_usage(cmd, "--events needs a file of its own");
		goto out;
	}
	if ((rc = cli_open_store(cli, STORE_READONLY, cli->training, &st)) != HV_OK)
		goto out;
	if ((rc = cli_open_output(output, force, &fp)) != HV_OK)
		goto out;
	if (events != NULL && (rc = cli_open_output(events, force, &efp)) != HV_OK)
		goto out;
	rc = visit_export(st, &f,
			  strcmp(format, "json") == 0       ? VISIT_EXPORT_JSON
			  : strcmp(format, "markdown") == 0 ? VISIT_EXPORT_MARKDOWN
							    : VISIT_EXPORT_CSV,
			  cli->training, fp, efp, &err);
	if (rc != HV_OK)
		hv_error_print(&err, stderr);
out:
	if (fp != NULL && cli_close_output(output, fp) != HV_OK && rc == HV_OK)
		rc = HV_EIO;
	if (efp != NULL && cli_close_output(events, efp) != HV_OK && rc == HV_OK)
		rc = HV_EIO;
	free((char *)f.from);
	free((char *)f.to);
	store_close(st);
	core_rulebook_free(rb);
	hv_error_clear(&err);
	return rc;
}

const struct cmd_entry cmd_export_entry = {
	"export", "[--format csv|json|markdown] [FILTERS] [--output FILE] [--events FILE]",
	"write the records that match the filters", cmd_export,
};
