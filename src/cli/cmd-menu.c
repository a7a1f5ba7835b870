/* cmd-menu.c — `homevisit menu`, also what `homevisit` alone runs.
 * Loads the rule file first, so a broken one is reported before any screen. */
#include "cli.h"
#include "tui.h"

static int cmd_menu(struct cli *cli, int argc, char **argv)
{
	struct core_rulebook *rb;
	struct tui_opts opts;
	int rc;

	if (argc > 1)
		return cli_usage(&cmd_menu_entry, "'menu' takes no arguments");
	(void)argv;
	rc = cli_load_rules(cli_rules_path(cli), &rb);
	if (rc != HV_OK)
		return rc;
	opts.rb = rb;
	opts.db_path = cli->db_opt;
	rc = tui_menu_run(&opts);
	core_rulebook_free(rb);
	return rc;
}

const struct cmd_entry cmd_menu_entry = {
	"menu", "", "open the main menu (the default)", cmd_menu,
};
