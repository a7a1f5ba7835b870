/* main.c — global options, the command table, and exit codes.
 * Only here (and in the TUI) do errors become text and a process status. */
#include <dirent.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "rules.h"

#ifndef HV_VERSION
#define HV_VERSION "0.0.0"
#endif
#ifndef HV_DATADIR
#define HV_DATADIR "/usr/local/share/homevisit"
#endif

static const struct cmd_entry *const cmd_table[] = {
	&cmd_menu_entry,
	&cmd_plan_entry,
	&cmd_outcome_entry,
	&cmd_review_entry,
	&cmd_train_entry,
	&cmd_import_entry,
	&cmd_show_entry,
	&cmd_export_entry,
	&cmd_due_entry,
	&cmd_db_check_entry,
	&cmd_scenario_check_entry,
	&cmd_rules_check_entry,
	&cmd_rules_show_entry,
};
#define NCMDS (sizeof(cmd_table) / sizeof(cmd_table[0]))

static const struct option global_options[] = {
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{"rules", required_argument, NULL, 'r'},
	{"db", required_argument, NULL, 'd'},
	{"training", no_argument, NULL, 't'},
	{NULL, 0, NULL, 0},
};

void cli_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("homevisit: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage(const struct cmd_entry *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("homevisit: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd != NULL)
		fprintf(stderr, "usage: homevisit %s%s%s\n", cmd->name, cmd->usage[0] ? " " : "",
			cmd->usage);
	fputs("Try 'homevisit --help' for more information.\n", stderr);
	return HV_EUSAGE;
}

/* A file of ours beside the program (for running from the source tree). */
static const char *beside_program(const char *rel, char *buf, size_t len)
{
	char exe[4096], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	snprintf(buf, len, "%s/%s", exe, rel);
	return access(buf, R_OK) == 0 ? buf : NULL;
}

const char *cli_scenario_dir(void)
{
	static char beside[4200];
	const char *here;

	if (access(HV_DATADIR "/scenarios", R_OK) == 0)
		return HV_DATADIR "/scenarios";
	here = beside_program("data/scenarios", beside, sizeof(beside));
	return here ? here : HV_DATADIR "/scenarios";
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t cli_scenario_files(char ***out)
{
	const char *dir = cli_scenario_dir();
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0, cap = 0;

	*out = NULL;
	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xreallocarray(*out, cap, sizeof(char *));
		}
		(*out)[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(*out, n, sizeof(char *), by_name);
	return n;
}

const char *cli_rules_path(const struct cli *cli)
{
	static char beside[4200];
	const char *env = getenv("HOMEVISIT_RULES");

	if (cli->rules_opt != NULL)
		return cli->rules_opt;
	if (env != NULL && env[0] != '\0')
		return env;
	if (access(HV_DATADIR "/home-visit.yaml", R_OK) == 0)
		return HV_DATADIR "/home-visit.yaml";
	/* Not installed: run from the source tree, the rule file is beside it. */
	if (beside_program("data/rules/home-visit.yaml", beside, sizeof(beside)) != NULL)
		return beside;
	return HV_DATADIR "/home-visit.yaml";
}

int cli_load_rules(const char *path, struct core_rulebook **out)
{
	struct hv_error err;
	int rc;

	hv_error_init(&err);
	rc = rules_load(path, out, &err);
	if (rc != HV_OK) {
		hv_error_print(&err, stderr);
		if (rc == HV_ENOINPUT)
			fputs("homevisit: give a rule file with --rules FILE or $HOMEVISIT_RULES\n",
			      stderr);
	}
	hv_error_clear(&err);
	return rc;
}

static void print_help(FILE *fp)
{
	size_t i;

	fputs("homevisit " HV_VERSION " — prepare, record and review children's home visits\n"
	      "\n"
	      "usage: homevisit [OPTIONS] [COMMAND [ARGS]]\n"
	      "\n"
	      "With no command, opens the main menu.\n"
	      "\n"
	      "Commands:\n",
	      fp);
	for (i = 0; i < NCMDS; i++) {
		char left[128];

		snprintf(left, sizeof(left), "%s%s%s", cmd_table[i]->name,
			 cmd_table[i]->usage[0] ? " " : "", cmd_table[i]->usage);
		if (strlen(left) > 26)
			fprintf(fp, "  %s\n  %-26s %s\n", left, "", cmd_table[i]->summary);
		else
			fprintf(fp, "  %-26s %s\n", left, cmd_table[i]->summary);
	}
	fputs("\n"
	      "Options:\n"
	      "  -h, --help                 show this help and exit\n"
	      "  -V, --version              show the version and exit\n"
	      "  -r, --rules FILE           use this rule file\n"
	      "  -d, --db PATH              use this database file\n"
	      "  -t, --training             use the training database (training.db beside\n"
	      "                             the records) instead of the real records\n"
	      "\n"
	      "Training options (train):\n"
	      "  --results                  list the attempts and their scores\n"
	      "  --trainee NAME             only this trainee's attempts\n"
	      "\n"
	      "Export options:\n"
	      "  --format csv|json|markdown (csv by default)\n"
	      "  --output FILE              write to FILE (created private, mode 0600)\n"
	      "  --force                    replace FILE if it exists\n"
	      "  --events FILE              also write the history of events as CSV\n"
	      "Filters (export):\n"
	      "  --status STATUS            draft, planned, visited, no_access or reviewed\n"
	      "  --practitioner NAME        --case REF          --search TEXT (prefix)\n"
	      "  --from DATE  --to DATE     planned between these dates, inclusive\n"
	      "  --escalation LEVEL         at or above this rung of the ladder\n"
	      "  --unreviewed  --overdue  --failed-access  --emergency  --drafts\n"
	      "  --past-back                planned, and the practitioner is past their\n"
	      "                             expected-back time\n"
	      "\n"
	      "Environment:\n"
	      "  HOMEVISIT_RULES            the rule file, when --rules is not given\n"
	      "  HOMEVISIT_DB               the database, when --db is not given\n"
	      "  XDG_DATA_HOME              where the default database lives\n"
	      "  NO_COLOR                   when set, the screens use no colour\n"
	      "\n"
	      "Files:\n"
	      "  " HV_DATADIR "/home-visit.yaml\n"
	      "                             the bundled rule file (data/rules/home-visit.yaml\n"
	      "                             beside the program when it runs from its sources)\n"
	      "  ~/.local/share/homevisit/visits.db\n"
	      "                             the records (training.db beside it: training)\n"
	      "  " HV_DATADIR "/scenarios/\n"
	      "                             the training scenarios (data/scenarios beside\n"
	      "                             the program when it runs from its sources)\n"
	      "\n"
	      "Exit status:\n"
	      "  0   success\n"
	      "  1   a check ran and found problems\n"
	      "  64  the command was used wrongly\n"
	      "  65  input data (a rule file, an import) is invalid\n"
	      "  66  an input file cannot be opened\n"
	      "  69  the terminal cannot be used (too small, unknown, or not a terminal)\n"
	      "  70  internal error\n"
	      "  73  an output file or the database cannot be created or written\n"
	      "  74  input/output error (a full disk: nothing half-saved is left)\n"
	      "  75  the database is locked by another program; try again\n",
	      fp);
}

static const struct cmd_entry *find_command(int argc, char **argv, int *words)
{
	size_t i;

	/* Two-word commands ("rules check") first, then one-word ones. */
	for (i = 0; argc >= 2 && i < NCMDS; i++) {
		const char *name = cmd_table[i]->name, *sp = strchr(name, ' ');

		if (sp != NULL && strncmp(name, argv[0], (size_t)(sp - name)) == 0 &&
		    argv[0][sp - name] == '\0' && strcmp(sp + 1, argv[1]) == 0) {
			*words = 2;
			return cmd_table[i];
		}
	}
	for (i = 0; argc >= 1 && i < NCMDS; i++) {
		if (strcmp(cmd_table[i]->name, argv[0]) == 0) {
			*words = 1;
			return cmd_table[i];
		}
	}
	return NULL;
}

static void private_by_default(void)
{
	struct rlimit rl = {0, 0};

	/* Records are sensitive: nothing we create is readable by others, and a
	 * crash leaves no core file holding what was typed. */
	umask(077);
	setrlimit(RLIMIT_CORE, &rl);
}

int main(int argc, char **argv)
{
	struct cli cli = {0};
	const struct cmd_entry *cmd;
	int c, words = 0, group;

	private_by_default();
	setlocale(LC_ALL, "");
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+hVr:d:t", global_options, NULL)) != -1) {
		switch (c) {
		case 'h':
			print_help(stdout);
			return HV_OK;
		case 'V':
			printf("homevisit %s\n", HV_VERSION);
			return HV_OK;
		case 'r':
			cli.rules_opt = optarg;
			break;
		case 'd':
			cli.db_opt = optarg;
			break;
		case 't':
			cli.training = true;
			break;
		case ':':
			return cli_usage(NULL, "option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_usage(NULL, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cmd_menu_entry.exec(&cli, 0, argv + optind);
	cmd = find_command(argc - optind, argv + optind, &words);
	if (cmd == NULL) {
		/* "homevisit rules" alone: name the sub-commands of the group. */
		size_t i;

		for (i = 0, group = 0; i < NCMDS; i++) {
			size_t len = strlen(argv[optind]);

			if (strncmp(cmd_table[i]->name, argv[optind], len) == 0 &&
			    cmd_table[i]->name[len] == ' ')
				group = 1;
		}
		if (group)
			return cli_usage(NULL, "'%s' needs a sub-command; see 'homevisit --help'",
					 argv[optind]);
		return cli_usage(NULL, "unknown command '%s'", argv[optind]);
	}
	/* argv[0] of the command is its last word; its arguments follow. */
	optind += words - 1;
	return cmd->exec(&cli, argc - optind, argv + optind);
}
