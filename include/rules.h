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

#endif
