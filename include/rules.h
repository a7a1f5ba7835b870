/* rules.h — loading and validating rule files (libyaml in, core model out).
 * Every problem is reported as FILE:LINE:COL: message in a struct hv_error. */
#ifndef HV_RULES_H
#define HV_RULES_H

#include <stddef.h>

#include "core.h"
#include "hv_error.h"

/* Loads and checks a rule file. On success *out owns the rulebook (free with
 * core_rulebook_free) and HV_OK is returned. Otherwise returns HV_ENOINPUT
 * (cannot open), HV_EIO (cannot read) or HV_EDATA (invalid: every problem
 * found, up to HV_ERROR_MAX, is in err). */
int rules_load(const char *path, struct core_rulebook **out, struct hv_error *err);

/* The same, for a rule file already in memory; name is used in messages. */
int rules_load_text(const char *name, const char *text, size_t len, struct core_rulebook **out,
		    struct hv_error *err);

/* ---- training scenarios (docs/scenarios.md) ---- */

/* Loads a scenario and checks it against rb, the rulebook it is written for:
 * every question, option, action and rung it names must be rb's. Errors are
 * positioned like the rule file's. */
int rules_scenario_load(const char *path, const struct core_rulebook *rb,
			struct core_scenario **out, struct hv_error *err);
/* The same, from text in memory; name is used in messages. */
int rules_scenario_load_text(const char *name, const char *text, size_t len,
			     const struct core_rulebook *rb, struct core_scenario **out,
			     struct hv_error *err);

/* ---- import files (homevisit import): visits with answers by question id ---- */

struct rules_import_answer {
	const char *question;
	const char *value;       /* as given; a list is joined with ',' (multi) or is a
				  * people list in canonical form */
	const char *reason;
	int line, col;           /* of the value */
	int qline, qcol;         /* of the question id */
};

enum { RULES_IMPORT_PLANNED, RULES_IMPORT_KIND, RULES_IMPORT_STATUS, RULES_IMPORT_NFIELDS };

struct rules_import_visit {
	int line, col;
	const char *case_ref, *practitioner, *agency, *address, *children, *purpose;
	const char *planned_at, *kind, *status;
	int field_line[RULES_IMPORT_NFIELDS], field_col[RULES_IMPORT_NFIELDS];
	struct rules_import_answer *answers;
	size_t nanswers;
};

struct rules_import {
	const char *path;
	struct rules_import_visit *visits;
	size_t nvisits;
	struct arena *arena;     /* owns everything above */
};

/* Reads an import file (YAML, or JSON, which is read as YAML). The shape is
 * checked here; the answers are checked against a rulebook by the visit module. */
int rules_import_load(const char *path, struct rules_import **out, struct hv_error *err);
int rules_import_text(const char *name, const char *text, size_t len, struct rules_import **out,
		      struct hv_error *err);
void rules_import_free(struct rules_import *imp);

#endif
