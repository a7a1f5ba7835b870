/* idmap.h — string ids to non-negative indices (keys are borrowed, not copied).
 * Internal to core and rules. */
#ifndef HV_IDMAP_H
#define HV_IDMAP_H

#include <stddef.h>

struct core_idmap;

struct core_idmap *idmap_new(size_t expected);
void idmap_free(struct core_idmap *m);
/* Adds key; returns -1, or the existing value if key was already there (and
 * leaves it unchanged). */
int idmap_put(struct core_idmap *m, const char *key, int value);
int idmap_get(const struct core_idmap *m, const char *key); /* -1 if absent */

#endif
