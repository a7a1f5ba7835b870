/* cmd-menu.c — the commands that open screens: `homevisit menu` (what
 * `homevisit` alone runs), `homevisit plan`, `homevisit outcome [ID]` and `homevisit review`.
 * The rule file and the database are opened first, so that a broken rule file
 * or a bad database is reported before any screen. */
#include "cli.h"
#include "tui.h"

static int64_t outcome_id;

static int run_outcome(const struct tui_opts *opts)
{
	return tui_outcome_run(opts, outcome_id);
}

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

static int cmd_outcome(struct cli *cli, int argc, char **argv)
{
	int rc;

	outcome_id = 0;
	if (argc > 2)
		return cli_usage(&cmd_outcome_entry, "give at most one record number");
	if (argc == 2 && (rc = cli_record_id(&cmd_outcome_entry, argv[1], &outcome_id)) != HV_OK)
		return rc;
	return run_screens(cli, run_outcome);
}

static int cmd_review(struct cli *cli, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_usage(&cmd_review_entry, "'review' takes no arguments");
	return run_screens(cli, tui_review_run);
}

const struct cmd_entry cmd_menu_entry = {
	"menu", "", "open the main menu (the default)", cmd_menu,
};

const struct cmd_entry cmd_plan_entry = {
	"plan", "", "plan a visit: a new plan, or a draft to resume", cmd_plan,
};

const struct cmd_entry cmd_review_entry = {
	"review", "", "for managers: find, read, sign off and export records", cmd_review,
};

const struct cmd_entry cmd_outcome_entry = {
	"outcome", "[ID]", "record what happened at a planned visit (or pick one)", cmd_outcome,
};
