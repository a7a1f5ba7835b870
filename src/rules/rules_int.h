/* rules_int.h — the rule loader's state, shared with the scenario loader
 * (internal to the rules module). */
#ifndef HV_RULES_INT_H
#define HV_RULES_INT_H

#include "core.h"
#include "ydoc.h"

struct loader {
	struct ydoc *doc;
	struct hv_error *err;
	struct core_rulebook *rb;
	struct arena *a;
	struct core_idmap *sections;   /* section, step and procedure ids */
	struct core_idmap *actions, *risks;
	struct core_idmap *docs;       /* source ids to rb->docs, while a rule file is read
					* (NULL: look them up in rb) */
	/* the YAML node of each question, section and procedure, for pass two */
	const struct ynode **qnodes;
	const struct ynode **snodes;
	const struct ynode **pnodes;
	const struct ynode **qwhen;    /* each question's 'when', for pass two */
	int *qline;                    /* line of each question's id, for duplicates */
	bool *qbad;                    /* a question whose type or options were refused */
	bool no_questions;             /* 'sections' itself was refused */
	bool tree_kept;                /* a owns the document's nodes too, so a scalar's
					* text can be used where it is, not copied */
	char what[96];                 /* "question 'x'", for messages */
};

/* The same readers the rule loader uses, for files that refer to a rulebook. */
const char *rules_text_of(struct loader *L, const struct ynode *n);
void rules_parse_source(struct loader *L, const struct ynode *n, struct core_source *src);
struct core_cond *rules_parse_cond(struct loader *L, const struct ynode *n, size_t limit);
bool rules_value_valid(const struct core_question *q, const char *v);

/* Answers by question id, as an import file gives them (import.c). */
struct rules_import_answer;
size_t rules_read_answers(struct ydoc *doc, struct hv_error *err, struct arena *a,
			  const struct ynode *map, struct rules_import_answer **out);

#endif
