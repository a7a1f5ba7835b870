/* cmd-rules.c — `homevisit rules check [FILE]` and `homevisit rules show [FILE]`.
 * For an administrator adapting the rule file: check it, then read it whole. */
#include <string.h>

#include "cli.h"
#include "report.h"

/* Both commands take at most one argument, the file; no options. */
static int file_argument(const struct cmd_entry *cmd, struct cli *cli, int argc, char **argv,
			 const char **path)
{
	int i;

	*path = NULL;
	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage(cmd, "unknown option '%s'", argv[i]);
		if (*path != NULL)
			return cli_usage(cmd, "too many arguments");
		*path = argv[i];
	}
	if (*path == NULL)
		*path = cli_rules_path(cli);
	return HV_OK;
}

static int cmd_rules_check(struct cli *cli, int argc, char **argv)
{
	struct core_rulebook *rb;
	const char *path;
	int rc = file_argument(&cmd_rules_check_entry, cli, argc, argv, &path);

	if (rc != HV_OK)
		return rc;
	rc = cli_load_rules(path, &rb);
	if (rc != HV_OK)
		return rc;
	report_rulebook_summary(stdout, rb);
	core_rulebook_free(rb);
	return HV_OK;
}

static int cmd_rules_show(struct cli *cli, int argc, char **argv)
{
	struct core_rulebook *rb;
	const char *path;
	int rc = file_argument(&cmd_rules_show_entry, cli, argc, argv, &path);

	if (rc != HV_OK)
		return rc;
	rc = cli_load_rules(path, &rb);
	if (rc != HV_OK)
		return rc;
	report_rulebook(stdout, rb);
	core_rulebook_free(rb);
	return fflush(stdout) == 0 ? HV_OK : HV_EIO;
}

const struct cmd_entry cmd_rules_check_entry = {
	"rules check", "[FILE]", "check a rule file and print a one-line summary", cmd_rules_check,
};

const struct cmd_entry cmd_rules_show_entry = {
	"rules show", "[FILE]", "print the whole rule file as readable text", cmd_rules_show,
};
