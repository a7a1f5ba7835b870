/* cmd-menu.c — the commands that open screens: `homevisit menu` (what
 * `homevisit` alone runs), `homevisit plan`, `homevisit outcome [ID]`, `homevisit review` and
 * `homevisit train`.
 * The rule file and the database are opened first, so that a broken rule file
 * or a bad database is reported before any screen. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "rules.h"
#include "tui.h"

struct screens_ctx {
	struct cli *cli;
	const struct core_rulebook *rb;
};

/* The training database, opened when the trainer first asks for it. */
static struct store *open_training(void *ctx)
{
	struct screens_ctx *c = ctx;
	struct store *st = NULL;

	if (cli_open_store(c->cli, STORE_CREATE, true, &st) != HV_OK)
		return NULL;
	return st;
}

/* Every valid scenario; the invalid ones are left out (scenario check says why). */
static struct core_scenario **load_scenarios(void *ctx, size_t *n)
{
	struct screens_ctx *c = ctx;
	struct core_scenario **list;
	char **paths;
	size_t np = cli_scenario_files(&paths), i;

	*n = 0;
	list = xcalloc(np ? np : 1, sizeof(*list));
	for (i = 0; i < np; i++) {
		struct hv_error err;
		struct core_scenario *sc;

		hv_error_init(&err);
		if (rules_scenario_load(paths[i], c->rb, &sc, &err) == HV_OK)
			list[(*n)++] = sc;
		hv_error_clear(&err);
		free(paths[i]);
	}
	free(paths);
	return list;
}

static int64_t outcome_id;

static int run_outcome(const struct tui_opts *opts)
{
	return tui_outcome_run(opts, outcome_id);
}

static const char *train_scenario;

/* `train SCENARIO` names a scenario that loads (by id, or by its file's path),
 * checked before the database or the terminal is touched. */
static int check_train_scenario(struct screens_ctx *ctx)
{
	struct core_scenario **list;
	size_t n, i;
	bool found = false;

	if (train_scenario == NULL)
		return HV_OK;
	list = load_scenarios(ctx, &n);
	for (i = 0; i < n; i++) {
		if (strcmp(list[i]->id, train_scenario) == 0 || strcmp(list[i]->path, train_scenario) == 0)
			found = true;
		core_scenario_free(list[i]);
	}
	free(list);
	if (found)
		return HV_OK;
	fprintf(stderr, "homevisit: no scenario '%s' in %s ('homevisit scenario check' lists them)\n",
		train_scenario, cli_scenario_dir());
	return HV_ENOINPUT;
}

static int run_screens(struct cli *cli, int (*run)(const struct tui_opts *))
{
	struct core_rulebook *rb;
	struct screens_ctx ctx;
	struct tui_opts opts;
	struct store *st;
	int rc;

	if ((rc = cli_load_rules(cli_rules_path(cli), &rb)) != HV_OK)
		return rc;
	ctx.cli = cli;
	ctx.rb = rb;
	if ((rc = check_train_scenario(&ctx)) != HV_OK ||
	    (rc = cli_open_store(cli, STORE_CREATE, cli->training, &st)) != HV_OK) {
		core_rulebook_free(rb);
		return rc;
	}
	memset(&opts, 0, sizeof(opts));
	opts.rb = rb;
	opts.st = st;
	opts.open_training = open_training;
	opts.load_scenarios = load_scenarios;
	opts.ctx = &ctx;
	opts.scenario = train_scenario;
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

struct results {
	size_t n;
};

static int put_attempt(const struct store_attempt *a, void *ctx)
{
	struct results *r = ctx;

	if (r->n++ == 0)
		printf("%-19s  %-20s  %-32s  %-7s  %-10s  %s\n", "started (UTC)", "trainee", "scenario",
		       "score", "escalation", "missed");
	if (a->finished)
		printf("%.10s %.8s  %-20s  %-32s  %2d of %-2d  %-10s  %s%s%s\n", a->started_at,
		       a->started_at + 11, a->trainee, a->scenario, a->score, a->out_of,
		       a->escalation_right ? "right" : "wrong", a->missed && a->missed[0] ? a->missed : "-",
		       a->wrong && a->wrong[0] ? "; wrong: " : "", a->wrong ? a->wrong : "");
	else
		printf("%.10s %.8s  %-20s  %-32s  %-7s\n", a->started_at, a->started_at + 11, a->trainee,
		       a->scenario, "not finished");
	return 0;
}

static int train_results(struct cli *cli, const char *trainee)
{
	struct store *st;
	struct hv_error err;
	struct results r = {0};
	bool is_default;
	char *path = cli_db_path(cli, true, &is_default);
	int rc;

	if (access(path, F_OK) != 0) {
		printf("TRAINING results\nno attempts yet (%s does not exist)\n", path);
		free(path);
		return HV_OK;
	}
	free(path);
	if ((rc = cli_open_store(cli, STORE_READONLY, true, &st)) != HV_OK)
		return rc;
	hv_error_init(&err);
	printf("TRAINING results\n");
	rc = store_attempts_list(st, trainee, put_attempt, &r, &err);
	if (rc != HV_OK)
		hv_error_print(&err, stderr);
	else if (r.n == 0)
		printf("no attempts%s%s\n", trainee ? " by " : "", trainee ? trainee : "");
	store_close(st);
	hv_error_clear(&err);
	return rc;
}

static int cmd_train(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"results", no_argument, NULL, 'r'},
		{"trainee", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0},
	};
	const char *trainee = NULL;
	bool results = false;
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'r')
			results = true;
		else if (c == 't')
			trainee = optarg;
		else if (c == ':')
			return cli_usage(&cmd_train_entry, "option '%s' needs a value", argv[optind - 1]);
		else
			return cli_usage(&cmd_train_entry, "unknown option '%s'", argv[optind - 1]);
	}
	if (results)
		return optind == argc ? train_results(cli, trainee)
				      : cli_usage(&cmd_train_entry, "--results takes no scenario");
	if (trainee != NULL)
		return cli_usage(&cmd_train_entry, "--trainee goes with --results");
	if (argc - optind > 1)
		return cli_usage(&cmd_train_entry, "give at most one scenario");
	train_scenario = optind < argc ? argv[optind] : NULL;
	return run_screens(cli, tui_train_run);
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

const struct cmd_entry cmd_train_entry = {
	"train", "[SCENARIO] | --results [--trainee NAME]",
	"training: a mock visit scored against the guidance, or the results", cmd_train,
};

const struct cmd_entry cmd_outcome_entry = {
	"outcome", "[ID]", "record what happened at a planned visit (or pick one)", cmd_outcome,
};
