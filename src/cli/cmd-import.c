/* cmd-import.c — `homevisit import FILE`: visits from a YAML or JSON file,
 * checked as the wizard checks them; a bad file is refused whole. */
#include <string.h>

#include "cli.h"
#include "rules.h"
#include "visit.h"

static int cmd_import(struct cli *cli, int argc, char **argv)
{
	const struct cmd_entry *cmd = &cmd_import_entry;
	struct core_rulebook *rb = NULL;
	struct rules_import *imp = NULL;
	struct store *st = NULL;
	struct hv_error err;
	int64_t first, last;
	int rc;

	if (argc != 2 || (argv[1][0] == '-' && argv[1][1] != '\0'))
		return cli_usage(cmd, argc < 2 ? "give the file to import" : "give one file to import");
	hv_error_init(&err);
	if ((rc = cli_load_rules(cli_rules_path(cli), &rb)) != HV_OK)
		return rc;
	rc = rules_import_load(argv[1], &imp, &err);
	if (rc == HV_OK)
		rc = visit_import_check(rb, imp, &err);
	if (rc != HV_OK) {
		hv_error_print(&err, stderr);
		if (rc == HV_EDATA)
			cli_warn("%s: nothing was imported", argv[1]);
		goto out;
	}
	if ((rc = cli_open_store(cli, STORE_CREATE, cli->training, &st)) != HV_OK)
		goto out;
	rc = visit_import_write(st, rb, imp, visit_login_name(), &first, &last, &err);
	if (rc != HV_OK) {
		hv_error_print(&err, stderr);
		cli_warn("%s: nothing was imported", argv[1]);
		goto out;
	}
	printf("imported %zu record%s (%lld to %lld) into %s\n", imp->nvisits,
	       imp->nvisits == 1 ? "" : "s", (long long)first, (long long)last, store_path(st));
out:
	store_close(st);
	rules_import_free(imp);
	core_rulebook_free(rb);
	hv_error_clear(&err);
	return rc;
}

const struct cmd_entry cmd_import_entry = {
	"import", "FILE", "add visits from a YAML or JSON file (all of them, or none)", cmd_import,
};
