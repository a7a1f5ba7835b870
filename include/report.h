/* report.h — renders rulebooks and records as text to a FILE *.
 * Reads the core model only; never opens files or the database itself. */
#ifndef HV_REPORT_H
#define HV_REPORT_H

#include <stdio.h>

#include "core.h"

/* One line: "PATH: ok: ID VERSION: N sections, N questions, ...". */
void report_rulebook_summary(FILE *fp, const struct core_rulebook *rb);

/* The whole rulebook as readable text: sections and steps in asking order,
 * each question with its type, options, condition and source, then the
 * actions and risks with their conditions. */
void report_rulebook(FILE *fp, const struct core_rulebook *rb);

/* A condition as one line of text, e.g. "why.expected is yes and not ...". */
void report_cond(FILE *fp, const struct core_rulebook *rb, const struct core_cond *c);

#endif
