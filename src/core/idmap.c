/* idmap.c — string ids to indices, an open-addressing hash table.
 * Used for question lookup (the wizard, import and conditions all go by id). */
#include "idmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct slot {
	const char *key;
	int value;
};

struct core_idmap {
	struct slot *slots;
	size_t cap, n;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ull;
	}
	return h;
}

struct core_idmap *idmap_new(size_t expected)
{
	struct core_idmap *m = xcalloc(1, sizeof(*m));

	m->cap = 16;
	while (m->cap < expected * 2)
		m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	return m;
}

void idmap_free(struct core_idmap *m)
{
	if (m == NULL)
		return;
	free(m->slots);
	free(m);
}

static void grow(struct core_idmap *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap, i;

	m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	m->n = 0;
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			idmap_put(m, old[i].key, old[i].value);
	free(old);
}

int idmap_put(struct core_idmap *m, const char *key, int value)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	for (i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->slots[i].key == NULL) {
			m->slots[i].key = key;
			m->slots[i].value = value;
			m->n++;
			return -1;
		}
		if (strcmp(m->slots[i].key, key) == 0)
			return m->slots[i].value;
	}
}

int idmap_get(const struct core_idmap *m, const char *key)
{
	size_t i;

	if (m == NULL)
		return -1;
	for (i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->slots[i].key == NULL)
			return -1;
		if (strcmp(m->slots[i].key, key) == 0)
			return m->slots[i].value;
	}
}
