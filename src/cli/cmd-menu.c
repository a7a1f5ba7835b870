/* cmd-menu.c — `homevisit menu` (what `homevisit` alone runs) and `homevisit plan`.
 * The rule file and the database are opened first, so that a broken rule file
 * or a bad database is reported before any screen. */
#include "cli.h"
#include "tui.h"

static int run_screens(struct cli *cli, int (*run)(const struct tui_opts *))
{
	struct core_rulebook *rb;
	struct tui_opts opts;
	struct store *st;
	int rc;

	if ((rc = cli_load_rules(cli_rules_path(cli), &rb)) != HV_OK)
		return rc;
	if ((rc = cli_open_store(cli, STORE_CREATE, cli->training, &st)) != HV_OK) {
		core_rulebook_free(rb);
		return rc;
	}
	opts.rb = rb;
	opts.st = st;
	rc = run(&opts);
	store_close(st);
	core_rulebook_free(rb);
	return rc;
}

static int cmd_menu(struct cli *cli, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_usage(&cmd_menu_entry, "'menu' takes no arguments");
	return run_screens(cli, tui_menu_run);
}

static int cmd_plan(struct cli *cli, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_usage(&cmd_plan_entry, "'plan' takes no arguments");
	return run_screens(cli, tui_plan_run);
}

const struct cmd_entry cmd_menu_entry = {
	"menu", "", "open the main menu (the default)", cmd_menu,
};

const struct cmd_entry cmd_plan_entry = {
	"plan", "", "plan a visit: a new plan, or a draft to resume", cmd_plan,
};
