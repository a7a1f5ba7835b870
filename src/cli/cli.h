/* cli.h — the command table and what every command is handed.
 * Adding a command is one cmd-*.c file and one row in the table in main.c. */
#ifndef HV_CLI_H
#define HV_CLI_H

#include "core.h"
#include "hv_error.h"

struct cli {
	const char *rules_opt;    /* --rules, if given */
	const char *db_opt;       /* --db, if given */
};

struct cmd_entry {
	const char *name;         /* "rules check": one or two words */
	const char *usage;        /* the arguments, for --help and usage errors */
	const char *summary;      /* one line for --help */
	int (*exec)(struct cli *cli, int argc, char **argv); /* argv[0] is the command */
};

extern const struct cmd_entry cmd_menu_entry;
extern const struct cmd_entry cmd_rules_check_entry;
extern const struct cmd_entry cmd_rules_show_entry;

/* The rule file to use: --rules, else $HOMEVISIT_RULES, else the installed one. */
const char *cli_rules_path(const struct cli *cli);
/* Loads the rule file, printing any errors; returns an exit status. */
int cli_load_rules(const char *path, struct core_rulebook **out);
/* Prints "homevisit: " and a message to stderr. */
void cli_warn(const char *fmt, ...) HV_PRINTF(1, 2);
/* Prints a usage error for a command and returns HV_EUSAGE. */
int cli_usage(const struct cmd_entry *cmd, const char *fmt, ...) HV_PRINTF(2, 3);

#endif
