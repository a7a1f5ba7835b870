/* visit_int.h — what visit.c shares with import.c (internal to the visit module).
 * Both build a record in memory, evaluate it and derive what the store keeps. */
#ifndef HV_VISIT_INT_H
#define HV_VISIT_INT_H

#include "visit.h"

/* What the engine derived, as the store keeps it. */
struct visit_derived {
	struct store_derived d;
	struct store_action_in *fired;
	char (*due)[17];
	char back[17];
};

struct visit *visit_new(struct store *st, const char *who);
/* Sets an answer in memory only. */
void visit_set_answer_mem(struct visit *vs, int qi, const char *value, const char *reason);
/* Re-evaluates the answers (vs->ev) for the visit's details. */
void visit_refresh(struct visit *vs);
void visit_derive(const struct visit *vs, struct visit_derived *dv);
void visit_derived_free(struct visit_derived *dv);

#endif
