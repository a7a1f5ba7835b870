/* cli.h — the command table and what every command is handed.
 * Adding a command is one cmd-*.c file and one row in the table in main.c. */
#ifndef HV_CLI_H
#define HV_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "core.h"
#include "hv_error.h"
#include "store.h"

struct cli {
	const char *rules_opt;    /* --rules, if given */
	const char *db_opt;       /* --db, if given */
	bool training;            /* --training: the training database, not the records */
};

struct cmd_entry {
	const char *name;         /* "rules check": one or two words */
	const char *usage;        /* the arguments, for --help and usage errors */
	const char *summary;      /* one line for --help */
	int (*exec)(struct cli *cli, int argc, char **argv); /* argv[0] is the command */
};

extern const struct cmd_entry cmd_menu_entry;
extern const struct cmd_entry cmd_plan_entry;
extern const struct cmd_entry cmd_outcome_entry;
extern const struct cmd_entry cmd_review_entry;
extern const struct cmd_entry cmd_train_entry;
extern const struct cmd_entry cmd_scenario_check_entry;
extern const struct cmd_entry cmd_rules_check_entry;
extern const struct cmd_entry cmd_rules_show_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_db_check_entry;
extern const struct cmd_entry cmd_due_entry;

/* The rule file to use: --rules, else $HOMEVISIT_RULES, else the installed one. */
const char *cli_rules_path(const struct cli *cli);
/* Loads the rule file, printing any errors; returns an exit status. */
int cli_load_rules(const char *path, struct core_rulebook **out);
/* The database file: --db, else $HOMEVISIT_DB, else
 * $XDG_DATA_HOME/homevisit/visits.db, else ~/.local/share/homevisit/visits.db.
 * Training records live in training.db in the same folder. Caller frees. */
char *cli_db_path(const struct cli *cli, bool training, bool *is_default);
/* Opens the database (creating it, and for the default place its folder,
 * when writing), printing any error; returns an exit status. */
int cli_open_store(const struct cli *cli, int flags, bool training, struct store **out);
/* Opens an output file created 0600 ("-" or NULL: standard output). It is
 * never overwritten unless force. Prints any error; returns an exit status. */
int cli_open_output(const char *path, bool force, FILE **out);
/* Closes an output file, reporting a failed write; returns an exit status. */
int cli_close_output(const char *path, FILE *fp);
/* A record id from the command line; prints a usage error if it is not one. */
int cli_record_id(const struct cmd_entry *cmd, const char *arg, int64_t *id);
/* The folder of the training scenarios: installed, or data/scenarios beside
 * the program when it runs from its sources. */
const char *cli_scenario_dir(void);
/* The scenario files there, sorted (caller frees each and the array). */
size_t cli_scenario_files(char ***out);
/* Plays a scenario's scripted runs; HV_EDATA with the differences in err. */
struct core_scenario;
int cli_scenario_verify(const struct core_rulebook *rb, const struct core_scenario *sc,
			struct hv_error *err);
/* Prints "homevisit: " and a message to stderr. */
void cli_warn(const char *fmt, ...) HV_PRINTF(1, 2);
/* Prints a usage error for a command and returns HV_EUSAGE. */
int cli_usage(const struct cmd_entry *cmd, const char *fmt, ...) HV_PRINTF(2, 3);

#endif
