/* cmd-due.c — `homevisit due [--overdue]`: open follow-ups with their due
 * times, one a line (tab-separated), for a cron job or a morning check. */
#include <getopt.h>

#include "cli.h"

static int put_due(const struct store_action *a, void *ctx)
{
	(void)ctx;
	printf("%s\t%s\t%lld\t%s\t%s\t%s\t%s\n", a->due_at, a->overdue ? "overdue" : "due",
	       (long long)a->visit, a->case_ref, a->practitioner, a->owner, a->text);
	return 0;
}

static int cmd_due(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"overdue", no_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	const struct cmd_entry *cmd = &cmd_due_entry;
	struct store *st = NULL;
	struct hv_error err;
	bool only_overdue = false;
	int c, rc;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'o')
			only_overdue = true;
		else
			return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
	}
	if (optind != argc)
		return cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_open_store(cli, STORE_READONLY, cli->training, &st)) != HV_OK)
		return rc;
	hv_error_init(&err);
	rc = store_due_list(st, only_overdue, NULL, put_due, NULL, &err);
	if (rc != HV_OK)
		hv_error_print(&err, stderr);
	else
		rc = cli_close_output(NULL, stdout);
	store_close(st);
	hv_error_clear(&err);
	return rc;
}

const struct cmd_entry cmd_due_entry = {
	"due", "[--overdue]", "list open follow-ups by due time, one a line", cmd_due,
};
