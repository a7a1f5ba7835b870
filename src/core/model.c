/* model.c — names of the model's enums, id lookups, and freeing a rulebook.
 * The names here are the spellings the rule file and the database use. */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "idmap.h"
#include "util.h"

static const char *const qtype_names[CORE_Q_NTYPES] = {
	"yesno", "choice", "multi", "text", "longtext", "date", "time", "datetime", "people",
};

static const char *const urgency_names[CORE_URG_N] = {
	"none", "routine", "same-day", "before-visit", "immediate", "emergency",
};

static const char *const urgency_labels[CORE_URG_N] = {
	"None", "Routine", "Same day", "Before the visit", "Immediate", "Emergency (999)",
};

static const char *const record_names[CORE_REC_N] = {
	"none", "expected-back", "welfare-check", "complete-by", "access", "next-contact",
	"emergency-call", "visited-at",
};

static int find_name(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *core_qtype_name(enum core_qtype t)
{
	return (unsigned)t < CORE_Q_NTYPES ? qtype_names[t] : "?";
}

int core_qtype_parse(const char *s)
{
	return find_name(qtype_names, CORE_Q_NTYPES, s);
}

const char *core_urgency_name(enum core_urgency u)
{
	return (unsigned)u < CORE_URG_N ? urgency_names[u] : "?";
}

const char *core_urgency_label(enum core_urgency u)
{
	return (unsigned)u < CORE_URG_N ? urgency_labels[u] : "?";
}

int core_urgency_parse(const char *s)
{
	return find_name(urgency_names, CORE_URG_N, s);
}

const char *core_record_name(enum core_record r)
{
	return (unsigned)r < CORE_REC_N ? record_names[r] : "?";
}

int core_record_parse(const char *s)
{
	return find_name(record_names, CORE_REC_N, s);
}

const char *core_stage_name(enum core_stage s)
{
	return s == CORE_STAGE_OUTCOME ? "outcome" : "plan";
}

int core_question_index(const struct core_rulebook *rb, const char *id)
{
	return idmap_get(rb->qmap, id);
}

const struct core_question *core_question_find(const struct core_rulebook *rb, const char *id)
{
	int i = idmap_get(rb->qmap, id);

	return i < 0 ? NULL : &rb->questions[i];
}

const struct core_option *core_option_find(const struct core_question *q, const char *id)
{
	size_t i;

	for (i = 0; i < q->noptions; i++)
		if (strcmp(q->options[i].id, id) == 0)
			return &q->options[i];
	return NULL;
}

const struct core_doc *core_doc_find(const struct core_rulebook *rb, const char *id)
{
	size_t i;

	for (i = 0; i < rb->ndocs; i++)
		if (strcmp(rb->docs[i].id, id) == 0)
			return &rb->docs[i];
	return NULL;
}

void core_rulebook_free(struct core_rulebook *rb)
{
	if (rb == NULL)
		return;
	idmap_free(rb->qmap);
	arena_free(rb->arena);
	free(rb->text);
	free(rb);
}
