/* rules.c — turns a checked YAML tree into a core_rulebook.
 * One descriptor table per mapping; cross-references are checked in a second pass. */
#include "rules.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../core/idmap.h"
#include "rules_int.h"
#include "ydoc.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Names a mapping in messages by its id when it has a readable one. */
static const char *named(struct loader *L, const char *kind, const struct ynode *n)
{
	const struct ynode *id = ydoc_map_get(n, "id");

	if (id != NULL && id->kind == Y_SCALAR && id->len > 0 && id->len < 64)
		snprintf(L->what, sizeof(L->what), "%s '%s'", kind, id->str);
	else
		snprintf(L->what, sizeof(L->what), "a%s %s", strchr("aeiou", kind[0]) ? "n" : "", kind);
	return L->what;
}

static const struct yfield top_fields[] = {
	{"rulebook", YF_MAP, true},   {"sources", YF_SEQ, true},  {"roles", YF_SEQ, true},
	{"escalation", YF_SEQ, true}, {"sections", YF_SEQ, true}, {"procedures", YF_SEQ, false},
	{"actions", YF_SEQ, true},    {"risks", YF_SEQ, false},
};
enum { T_RULEBOOK, T_SOURCES, T_ROLES, T_ESCALATION, T_SECTIONS, T_PROCEDURES, T_ACTIONS, T_RISKS };

static const struct yfield meta_fields[] = {
	{"id", YF_ID, true}, {"title", YF_TEXT, true}, {"version", YF_TEXT, true},
};

static const struct yfield source_fields[] = {
	{"id", YF_ID, true}, {"title", YF_TEXT, true}, {"edition", YF_TEXT, false},
	{"pages", YF_INT, true},
};

static const struct yfield label_fields[] = {
	{"id", YF_ID, true},
	{"label", YF_TEXT, true},
};

static const struct yfield ref_fields[] = {
	{"doc", YF_ID, true},
	{"page", YF_INT, true},
};

static const struct yfield section_fields[] = {
	{"id", YF_ID, true},       {"title", YF_TEXT, true},  {"stage", YF_ID, true},
	{"source", YF_MAP, true},  {"guidance", YF_TEXT, false}, {"when", YF_ANY, false},
	{"questions", YF_SEQ, true}, {"summary", YF_BOOL, false},
};
enum { S_ID, S_TITLE, S_STAGE, S_SOURCE, S_GUIDANCE, S_WHEN, S_QUESTIONS, S_SUMMARY };

static const struct yfield procedure_fields[] = {
	{"id", YF_ID, true},      {"title", YF_TEXT, true},    {"stage", YF_ID, true},
	{"source", YF_MAP, true}, {"guidance", YF_TEXT, false}, {"when", YF_ANY, false},
	{"steps", YF_SEQ, true},
};

static const struct yfield step_fields[] = {
	{"id", YF_ID, true},      {"title", YF_TEXT, true},     {"source", YF_MAP, true},
	{"guidance", YF_TEXT, false}, {"when", YF_ANY, false}, {"questions", YF_SEQ, true},
};
enum { P_ID, P_TITLE, P_SOURCE, P_GUIDANCE, P_WHEN, P_QUESTIONS };

static const struct yfield question_fields[] = {
	{"id", YF_ID, true},          {"type", YF_ID, true},     {"text", YF_TEXT, true},
	{"guidance", YF_TEXT, true},  {"source", YF_MAP, true},  {"required", YF_BOOL, false},
	{"when", YF_ANY, false},      {"options", YF_SEQ, false}, {"reason_if", YF_SEQ, false},
	{"record", YF_ID, false},     {"hint", YF_TEXT, false},    {"prefill", YF_ID, false},
};
enum { Q_ID, Q_TYPE, Q_TEXT, Q_GUIDANCE, Q_SOURCE, Q_REQUIRED, Q_WHEN, Q_OPTIONS, Q_REASON_IF,
       Q_RECORD, Q_HINT, Q_PREFILL };

static const struct yfield action_fields[] = {
	{"id", YF_ID, true},        {"text", YF_TEXT, true},      {"owner", YF_ID, true},
	{"urgency", YF_ID, true},   {"due", YF_TEXT, true},       {"from", YF_TEXT, false},
	{"escalation", YF_ID, false}, {"source", YF_MAP, true},   {"guidance", YF_TEXT, true},
	{"when", YF_ANY, false},
};
enum { A_ID, A_TEXT, A_OWNER, A_URGENCY, A_DUE, A_FROM, A_ESCALATION, A_SOURCE, A_GUIDANCE,
       A_WHEN };

static const struct yfield risk_fields[] = {
	{"id", YF_ID, true},     {"text", YF_TEXT, true}, {"source", YF_MAP, true},
	{"when", YF_ANY, true},
};

/* A copy of a scalar with trailing white space removed (folded blocks end in '\n'). */
static const char *text_of(struct loader *L, const struct ynode *n)
{
	char *s;
	size_t len;

	if (n == NULL)
		return NULL;
	len = n->len;
	while (len > 0 && (n->str[len - 1] == '\n' || n->str[len - 1] == ' ' || n->str[len - 1] == '\t'))
		len--;
	if (len == n->len && L->tree_kept)
		return n->str;
	s = arena_strndup(L->a, n->str, len);
	return s;
}

static void err_at(struct loader *L, const struct ynode *n, const char *fmt, ...) HV_PRINTF(3, 4);
static void err_at(struct loader *L, const struct ynode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hv_error_addv(L->err, HV_EDATA, L->doc->file, n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
}

/* Checks a list and each of its items as a mapping; returns false if not a list. */
static bool list_of_maps(struct loader *L, const struct ynode *seq, const char *what, bool nonempty)
{
	if (seq == NULL)
		return false;
	if (nonempty && seq->n == 0) {
		err_at(L, seq, "%s is empty", what);
		return false;
	}
	return true;
}

static void parse_source(struct loader *L, const struct ynode *n, struct core_source *src)
{
	const struct ynode *f[N(ref_fields)];
	const struct core_doc *d;

	src->doc = NULL;
	src->page = 0;
	if (n == NULL || !ydoc_check_map(L->doc, n, ref_fields, N(ref_fields), f, "a source reference",
					 L->err))
		return;
	if (f[0] == NULL || f[1] == NULL)
		return;
	if (L->docs != NULL) {
		int di = idmap_get(L->docs, f[0]->str);

		d = di >= 0 ? &L->rb->docs[di] : NULL;
	} else {
		d = core_doc_find(L->rb, f[0]->str);
	}
	if (d == NULL) {
		err_at(L, f[0], "unknown source document '%s'", f[0]->str);
		return;
	}
	src->doc = d->id;
	src->page = atoi(f[1]->str);
	if (src->page < 1 || src->page > d->pages)
		err_at(L, f[1], "page %s is outside '%s' (pages 1 to %d)", f[1]->str, d->id, d->pages);
}

static void parse_meta(struct loader *L, const struct ynode *n)
{
	const struct ynode *f[N(meta_fields)];

	ydoc_check_map(L->doc, n, meta_fields, N(meta_fields), f, "'rulebook'", L->err);
	L->rb->id = text_of(L, f[0]);
	L->rb->title = text_of(L, f[1]);
	L->rb->version = text_of(L, f[2]);
}

/* Shared by roles and escalation rungs: a list of {id, label}. */
static void parse_labels(struct loader *L, const struct ynode *seq, const char *what,
			 struct core_label **out, size_t *nout)
{
	struct core_idmap *seen;
	size_t i;

	*out = NULL;
	*nout = 0;
	if (!list_of_maps(L, seq, what, true))
		return;
	*out = arena_alloc(L->a, sizeof(**out) * seq->n);
	seen = idmap_new(seq->n);
	for (i = 0; i < seq->n; i++) {
		const struct ynode *f[N(label_fields)];
		int prev;

		if (!ydoc_check_map(L->doc, seq->items[i], label_fields, N(label_fields), f, what,
				    L->err) ||
		    f[0] == NULL)
			continue;
		prev = idmap_put(seen, f[0]->str, f[0]->line);
		if (prev >= 0) {
			err_at(L, f[0], "duplicate id '%s' in %s (first at line %d)", f[0]->str, what,
			       prev);
			continue;
		}
		(*out)[*nout].id = text_of(L, f[0]);
		(*out)[*nout].label = text_of(L, f[1]);
		(*nout)++;
	}
	idmap_free(seen);
}

static void parse_sources(struct loader *L, const struct ynode *seq)
{
	struct core_rulebook *rb = L->rb;
	size_t i;

	if (!list_of_maps(L, seq, "'sources'", true))
		return;
	rb->docs = arena_alloc(L->a, sizeof(*rb->docs) * seq->n);
	L->docs = idmap_new(seq->n);
	for (i = 0; i < seq->n; i++) {
		const struct ynode *f[N(source_fields)];

		if (!ydoc_check_map(L->doc, seq->items[i], source_fields, N(source_fields), f,
				    "a source", L->err) ||
		    f[0] == NULL)
			continue;
		if (idmap_put(L->docs, f[0]->str, (int)rb->ndocs) >= 0) {
			err_at(L, f[0], "duplicate source id '%s'", f[0]->str);
			continue;
		}
		rb->docs[rb->ndocs].id = text_of(L, f[0]);
		rb->docs[rb->ndocs].title = text_of(L, f[1]);
		rb->docs[rb->ndocs].edition = text_of(L, f[2]);
		rb->docs[rb->ndocs].pages = atoi(f[3]->str);
		if (rb->docs[rb->ndocs].pages < 1)
			err_at(L, f[3], "'pages' must be at least 1");
		rb->ndocs++;
	}
}

static int find_label(const struct core_label *v, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* ---- pass one: sections, steps and questions ---- */

static bool parse_stage(struct loader *L, const struct ynode *n, enum core_stage *out)
{
	*out = CORE_STAGE_PLAN;
	if (n == NULL)
		return false;
	if (strcmp(n->str, "plan") == 0)
		return true;
	if (strcmp(n->str, "outcome") == 0) {
		*out = CORE_STAGE_OUTCOME;
		return true;
	}
	err_at(L, n, "unknown stage '%s' (expected plan or outcome)", n->str);
	return false;
}

static void parse_options(struct loader *L, struct core_question *q, const struct ynode *seq)
{
	struct core_option *opts;
	struct core_idmap *seen;
	size_t i;

	if (seq->n == 0) {
		err_at(L, seq, "'options' is empty");
		return;
	}
	opts = arena_alloc(L->a, sizeof(*opts) * seq->n);
	/* Hashed, not compared pairwise: 200,000 options took minutes. */
	seen = idmap_new(seq->n);
	for (i = 0; i < seq->n; i++) {
		const struct ynode *f[N(label_fields)];

		if (!ydoc_check_map(L->doc, seq->items[i], label_fields, N(label_fields), f,
				    "an option", L->err) ||
		    f[0] == NULL)
			continue;
		if (idmap_put(seen, f[0]->str, (int)i) >= 0) {
			err_at(L, f[0], "duplicate option '%s' in question '%s'", f[0]->str, q->id);
			continue;
		}
		opts[q->noptions].id = text_of(L, f[0]);
		opts[q->noptions].label = text_of(L, f[1]);
		q->noptions++;
	}
	idmap_free(seen);
	q->options = opts;
}

static bool value_valid(const struct core_question *q, const char *v)
{
	if (q->type == CORE_Q_YESNO)
		return strcmp(v, "yes") == 0 || strcmp(v, "no") == 0 || strcmp(v, "unknown") == 0;
	return core_option_find(q, v) != NULL;
}

static void options_list(const struct core_question *q, struct strbuf *sb)
{
	size_t i;

	if (q->type == CORE_Q_YESNO) {
		sb_adds(sb, "yes, no, unknown");
		return;
	}
	for (i = 0; i < q->noptions; i++) {
		if (i > 0)
			sb_adds(sb, ", ");
		sb_adds(sb, q->options[i].id);
	}
}

static void bad_value(struct loader *L, const struct ynode *at, const struct core_question *q)
{
	struct strbuf sb;

	sb_init(&sb);
	options_list(q, &sb);
	err_at(L, at, "'%s' is not an answer to '%s' (expected one of: %s)", at->str, q->id, sb.s);
	sb_free(&sb);
}

static void parse_question(struct loader *L, const struct ynode *n, size_t qi, int section)
{
	struct core_rulebook *rb = L->rb;
	struct core_question *q = &rb->questions[qi];
	const struct ynode *f[N(question_fields)];
	int type, rec, prev;
	size_t i;

	q->section = section;
	q->id = "";
	L->qnodes[qi] = n;
	ydoc_check_map(L->doc, n, question_fields, N(question_fields), f, named(L, "question", n),
		       L->err);
	if (f[Q_ID] == NULL && ydoc_map_get(n, "id") != NULL &&
	    ydoc_map_get(n, "id")->kind == Y_SCALAR) {
		/* A malformed id was reported; register it anyway so that
		 * conditions naming it do not report it a second time. */
		q->id = text_of(L, ydoc_map_get(n, "id"));
		idmap_put(rb->qmap, q->id, (int)qi);
		L->qbad[qi] = true;
	}
	if (f[Q_ID] != NULL) {
		q->id = text_of(L, f[Q_ID]);
		prev = idmap_put(rb->qmap, q->id, (int)qi);
		if (prev >= 0)
			err_at(L, f[Q_ID], "duplicate question id '%s' (first at line %d)", q->id,
			       L->qline[prev]);
		L->qline[qi] = f[Q_ID]->line;
	}
	L->qwhen[qi] = f[Q_WHEN];
	q->text = text_of(L, f[Q_TEXT]);
	q->guidance = text_of(L, f[Q_GUIDANCE]);
	q->hint = text_of(L, f[Q_HINT]);
	q->required = f[Q_REQUIRED] != NULL && strcmp(f[Q_REQUIRED]->str, "true") == 0;
	parse_source(L, f[Q_SOURCE], &q->src);
	type = f[Q_TYPE] ? core_qtype_parse(f[Q_TYPE]->str) : -1;
	if (f[Q_TYPE] != NULL && type < 0)
		err_at(L, f[Q_TYPE],
		       "unknown question type '%s' (expected yesno, choice, multi, text, longtext, date, time, datetime or people)",
		       f[Q_TYPE]->str);
	q->type = type < 0 ? CORE_Q_TEXT : (enum core_qtype)type;
	if (type < 0)
		L->qbad[qi] = true;
	if (type == CORE_Q_CHOICE || type == CORE_Q_MULTI) {
		if (f[Q_OPTIONS] == NULL) {
			err_at(L, n, "question '%s' is a %s question but has no 'options'", q->id,
			       f[Q_TYPE]->str);
			L->qbad[qi] = true;
		} else {
			parse_options(L, q, f[Q_OPTIONS]);
			if (q->noptions == 0)
				L->qbad[qi] = true;
		}
	} else if (f[Q_OPTIONS] != NULL && type >= 0) {
		err_at(L, f[Q_OPTIONS], "'options' only applies to choice and multi questions");
	}
	if (f[Q_REASON_IF] != NULL && type >= 0) {
		if (type != CORE_Q_YESNO && type != CORE_Q_CHOICE) {
			err_at(L, f[Q_REASON_IF], "'reason_if' only applies to yesno and choice questions");
		} else {
			const char **rif = arena_alloc(L->a, sizeof(char *) * (f[Q_REASON_IF]->n + 1));

			q->reason_if = rif;
			for (i = 0; i < f[Q_REASON_IF]->n; i++) {
				const struct ynode *v = f[Q_REASON_IF]->items[i];

				if (!ydoc_expect(L->doc, v, YF_TEXT, "a 'reason_if' value", L->err))
					continue;
				if (!value_valid(q, v->str)) {
					bad_value(L, v, q);
					continue;
				}
				rif[q->nreason_if++] = text_of(L, v);
			}
		}
	}
	if (f[Q_RECORD] != NULL) {
		rec = core_record_parse(f[Q_RECORD]->str);
		if (rec <= 0) {
			err_at(L, f[Q_RECORD],
			       "unknown record field '%s' (expected expected-back, welfare-check, complete-by, access, next-contact, emergency-call or visited-at)",
			       f[Q_RECORD]->str);
		} else if (rb->record_q[rec] >= 0) {
			err_at(L, f[Q_RECORD], "record field '%s' is already filled by question '%s'",
			       f[Q_RECORD]->str, rb->questions[rb->record_q[rec]].id);
		} else {
			static const unsigned ok[CORE_REC_N] = {
				[CORE_REC_EXPECTED_BACK] = 1u << CORE_Q_TIME | 1u << CORE_Q_DATETIME,
				[CORE_REC_WELFARE_CHECK] = 1u << CORE_Q_TEXT,
				[CORE_REC_COMPLETE_BY] = 1u << CORE_Q_DATE | 1u << CORE_Q_DATETIME,
				[CORE_REC_ACCESS] = 1u << CORE_Q_YESNO,
				[CORE_REC_NEXT_CONTACT] = 1u << CORE_Q_DATETIME,
				[CORE_REC_EMERGENCY_CALL] = 1u << CORE_Q_TIME | 1u << CORE_Q_DATETIME,
				[CORE_REC_VISITED_AT] = 1u << CORE_Q_DATETIME,
			};

			rb->record_q[rec] = (int)qi;
			q->record = (enum core_record)rec;
			if (type >= 0 && !(ok[rec] & (1u << type)))
				err_at(L, f[Q_RECORD], "record field '%s' cannot be filled by a %s question",
				       f[Q_RECORD]->str, core_qtype_name(q->type));
		}
	}
}

static void register_section_id(struct loader *L, const struct ynode *idn, const char *what)
{
	int prev;

	if (idn == NULL)
		return;
	prev = idmap_put(L->sections, idn->str, idn->line);
	if (prev >= 0)
		err_at(L, idn, "duplicate %s id '%s' (first at line %d)", what, idn->str, prev);
}

/* Fills a section (or a procedure step) and its questions. */
static void parse_section(struct loader *L, const struct ynode *n, size_t si, size_t *qi,
			  int procedure, int step, enum core_stage pstage)
{
	struct core_section *s = &L->rb->sections[si];
	const struct ynode *f[N(section_fields)];
	const struct ynode *questions, *idn;
	size_t i;

	L->snodes[si] = n;
	s->procedure = procedure;
	s->step = step;
	s->first = *qi;
	s->id = "";
	if (procedure < 0) {
		ydoc_check_map(L->doc, n, section_fields, N(section_fields), f, named(L, "section", n),
			       L->err);
		idn = f[S_ID];
		s->title = text_of(L, f[S_TITLE]);
		parse_stage(L, f[S_STAGE], &s->stage);
		parse_source(L, f[S_SOURCE], &s->src);
		s->guidance = text_of(L, f[S_GUIDANCE]);
		s->summary = f[S_SUMMARY] != NULL && strcmp(f[S_SUMMARY]->str, "true") == 0;
		questions = f[S_QUESTIONS];
	} else {
		const struct ynode *g[N(step_fields)];

		ydoc_check_map(L->doc, n, step_fields, N(step_fields), g, named(L, "step", n), L->err);
		idn = g[P_ID];
		s->title = text_of(L, g[P_TITLE]);
		s->stage = pstage;
		parse_source(L, g[P_SOURCE], &s->src);
		s->guidance = text_of(L, g[P_GUIDANCE]);
		questions = g[P_QUESTIONS];
	}
	if (idn != NULL) {
		s->id = text_of(L, idn);
		register_section_id(L, idn, procedure < 0 ? "section" : "step");
	}
	if (questions == NULL)
		return;
	if (questions->n == 0)
		err_at(L, questions, "'questions' is empty");
	for (i = 0; i < questions->n; i++)
		parse_question(L, questions->items[i], (*qi)++, (int)si);
	s->count = *qi - s->first;
}

static size_t count_questions(const struct ynode *sec)
{
	const struct ynode *q = ydoc_map_get(sec, "questions");

	return q != NULL && q->kind == Y_SEQ ? q->n : 0;
}

/* ---- pass two: conditions and actions ---- */

static const struct core_question *cond_question(struct loader *L, const struct ynode *n,
						 size_t limit, int *index)
{
	int qi;

	if (!ydoc_expect(L->doc, n, YF_TEXT, "'question'", L->err))
		return NULL;
	if (strcmp(n->str, "visit.kind") == 0) {
		static const struct core_option kinds[] = {{"announced", "Announced"},
							   {"unannounced", "Unannounced"}};
		static const struct core_question visit_kind = {
			.id = "visit.kind", .type = CORE_Q_CHOICE, .options = kinds, .noptions = 2};

		*index = CORE_Q_VISIT_KIND;
		return &visit_kind;
	}
	qi = idmap_get(L->rb->qmap, n->str);
	if (qi < 0 && L->no_questions)
		return NULL; /* already reported: the sections themselves were refused */
	if (qi < 0) {
		err_at(L, n, "unknown question '%s'", n->str);
		return NULL;
	}
	if (L->qbad != NULL && L->qbad[qi])
		return NULL; /* already reported at the question */
	if ((size_t)qi >= limit) {
		err_at(L, n,
		       "condition refers to '%s', which is not asked before this (a condition may only look at earlier questions)",
		       n->str);
		return NULL;
	}
	*index = qi;
	return &L->rb->questions[qi];
}

static struct core_cond *parse_cond(struct loader *L, const struct ynode *n, size_t limit);

static bool parse_cond_into(struct loader *L, const struct ynode *n, size_t limit,
			    struct core_cond *c)
{
	static const char *const kinds[] = {"all", "any", "not", "equals", "one_of", "includes",
					    "answered", "person"};
	static const struct yfield eq_fields[] = {{"question", YF_TEXT, true}, {"value", YF_TEXT, true}};
	static const struct yfield oneof_fields[] = {{"question", YF_TEXT, true},
						     {"values", YF_SEQ, true}};
	static const struct yfield person_fields[] = {
		{"question", YF_TEXT, true}, {"present", YF_TEXT, false}, {"risk", YF_TEXT, false}};
	const struct ynode *key, *val, *f[3];
	const struct core_question *q;
	size_t k, i;

	if (n->kind != Y_MAP) {
		err_at(L, n, "a condition must be a mapping such as {equals: {question: ID, value: V}}");
		return false;
	}
	if (n->n != 1) {
		err_at(L, n, "a condition must have exactly one key (all, any, not, equals, one_of, includes, answered or person); use 'all' to combine");
		return false;
	}
	key = n->pairs[0].key;
	val = n->pairs[0].val;
	for (k = 0; k < N(kinds); k++)
		if (strcmp(key->str, kinds[k]) == 0)
			break;
	if (k == N(kinds)) {
		err_at(L, key,
		       "unknown condition '%s' (expected all, any, not, equals, one_of, includes, answered or person)",
		       key->str);
		return false;
	}
	c->kind = (enum core_cond_kind)k;
	switch (c->kind) {
	case CORE_C_ALL:
	case CORE_C_ANY:
		if (!ydoc_expect(L->doc, val, YF_SEQ, key->str[1] == 'l' ? "'all'" : "'any'", L->err))
			return false;
		if (val->n == 0) {
			err_at(L, val, "'%s' needs at least one condition", key->str);
			return false;
		}
		c->nkids = val->n;
		c->kids = arena_alloc(L->a, sizeof(*c->kids) * val->n);
		for (i = 0; i < val->n; i++)
			if (!parse_cond_into(L, val->items[i], limit, &c->kids[i]))
				return false;
		return true;
	case CORE_C_NOT:
		c->nkids = 1;
		c->kids = arena_alloc(L->a, sizeof(*c->kids));
		return parse_cond_into(L, val, limit, c->kids);
	case CORE_C_ANSWERED:
		q = cond_question(L, val, limit, &c->question);
		return q != NULL;
	case CORE_C_EQUALS:
	case CORE_C_INCLUDES:
		if (!ydoc_check_map(L->doc, val, eq_fields, N(eq_fields), f, key->str[0] == 'e' ? "'equals'" : "'includes'", L->err))
			return false;
		q = cond_question(L, f[0], limit, &c->question);
		if (q == NULL)
			return false;
		if (c->kind == CORE_C_EQUALS && q->type != CORE_Q_YESNO && q->type != CORE_Q_CHOICE) {
			err_at(L, f[0], "'equals' needs a yesno or choice question, and '%s' is %s (use 'answered'%s)",
			       q->id, core_qtype_name(q->type), q->type == CORE_Q_MULTI ? " or 'includes'" : "");
			return false;
		}
		if (c->kind == CORE_C_INCLUDES && q->type != CORE_Q_MULTI) {
			err_at(L, f[0], "'includes' needs a multi question, and '%s' is %s", q->id,
			       core_qtype_name(q->type));
			return false;
		}
		if (!value_valid(q, f[1]->str)) {
			bad_value(L, f[1], q);
			return false;
		}
		c->values = arena_alloc(L->a, sizeof(char *));
		c->values[0] = text_of(L, f[1]);
		c->nvalues = 1;
		return true;
	case CORE_C_ONE_OF:
		if (!ydoc_check_map(L->doc, val, oneof_fields, N(oneof_fields), f, "'one_of'", L->err))
			return false;
		q = cond_question(L, f[0], limit, &c->question);
		if (q == NULL)
			return false;
		if (q->type != CORE_Q_YESNO && q->type != CORE_Q_CHOICE) {
			err_at(L, f[0], "'one_of' needs a yesno or choice question, and '%s' is %s", q->id,
			       core_qtype_name(q->type));
			return false;
		}
		if (f[1]->n == 0) {
			err_at(L, f[1], "'values' is empty");
			return false;
		}
		c->values = arena_alloc(L->a, sizeof(char *) * f[1]->n);
		for (i = 0; i < f[1]->n; i++) {
			const struct ynode *v = f[1]->items[i];

			if (!ydoc_expect(L->doc, v, YF_TEXT, "a value", L->err))
				return false;
			if (!value_valid(q, v->str)) {
				bad_value(L, v, q);
				return false;
			}
			c->values[c->nvalues++] = text_of(L, v);
		}
		return true;
	case CORE_C_PERSON:
		if (!ydoc_check_map(L->doc, val, person_fields, N(person_fields), f, "'person'", L->err))
			return false;
		q = cond_question(L, f[0], limit, &c->question);
		if (q == NULL)
			return false;
		if (q->type != CORE_Q_PEOPLE) {
			err_at(L, f[0], "'person' needs a people question, and '%s' is %s", q->id,
			       core_qtype_name(q->type));
			return false;
		}
		for (i = 1; i < 3; i++) {
			static const struct core_question yn = {.id = "a person's field", .type = CORE_Q_YESNO};

			if (f[i] != NULL && !value_valid(&yn, f[i]->str)) {
				err_at(L, f[i], "'%s' must be yes, no or unknown, not '%s'",
				       i == 1 ? "present" : "risk", f[i]->str);
				return false;
			}
		}
		c->present = text_of(L, f[1]);
		c->risk = text_of(L, f[2]);
		return true;
	}
	return false;
}

static struct core_cond *parse_cond(struct loader *L, const struct ynode *n, size_t limit)
{
	struct core_cond *c;

	if (n == NULL)
		return NULL;
	c = arena_alloc(L->a, sizeof(*c));
	return parse_cond_into(L, n, limit, c) ? c : NULL;
}

static void parse_due(struct loader *L, const struct ynode *due, const struct ynode *from,
		      struct core_due *d)
{
	const char *s = due->str;

	d->kind = CORE_DUE_IMMEDIATELY;
	d->offset = 0;
	d->from = CORE_FROM_PLANNED;
	d->question = -1;
	if (strcmp(s, "before-visit") == 0) {
		d->kind = CORE_DUE_BEFORE_VISIT;
	} else if (strcmp(s, "immediately") == 0) {
		d->kind = CORE_DUE_IMMEDIATELY;
	} else if (strcmp(s, "same-day") == 0) {
		d->kind = CORE_DUE_SAME_DAY;
	} else if (s[0] == '+' && s[1] >= '1' && s[1] <= '9') {
		char *end;
		long v = strtol(s + 1, &end, 10);
		long unit = *end == 'm' ? 60 : *end == 'h' ? 3600 : *end == 'd' ? 86400 : 0;

		if (unit == 0 || end[1] != '\0' || v > 366L * 24 * 60) {
			err_at(L, due, "'due' '%s' is not a deadline (expected before-visit, immediately, same-day, or +N followed by m, h or d)", s);
			return;
		}
		d->kind = CORE_DUE_OFFSET;
		d->offset = v * unit;
	} else {
		err_at(L, due, "'due' '%s' is not a deadline (expected before-visit, immediately, same-day, or +N followed by m, h or d)", s);
		return;
	}
	if (from == NULL)
		return;
	if (d->kind == CORE_DUE_BEFORE_VISIT) {
		err_at(L, from, "'from' cannot be used with 'due: before-visit'");
		return;
	}
	if (strcmp(from->str, "planned") == 0) {
		d->from = CORE_FROM_PLANNED;
	} else if (strcmp(from->str, "outcome") == 0) {
		d->from = CORE_FROM_OUTCOME;
	} else {
		int qi = idmap_get(L->rb->qmap, from->str);
		enum core_qtype t;

		if (qi < 0) {
			err_at(L, from, "'from' must be planned, outcome or a question id, and there is no question '%s'", from->str);
			return;
		}
		t = L->rb->questions[qi].type;
		if (t != CORE_Q_DATE && t != CORE_Q_TIME && t != CORE_Q_DATETIME) {
			err_at(L, from, "'from' question '%s' is %s; it must be a date, time or datetime question",
			       from->str, core_qtype_name(t));
			return;
		}
		d->from = CORE_FROM_QUESTION;
		d->question = qi;
	}
}

static void parse_actions(struct loader *L, const struct ynode *seq)
{
	struct core_rulebook *rb = L->rb;
	size_t i;

	if (!list_of_maps(L, seq, "'actions'", true))
		return;
	rb->actions = arena_alloc(L->a, sizeof(*rb->actions) * seq->n);
	for (i = 0; i < seq->n; i++) {
		struct core_action *a = &rb->actions[rb->nactions];
		const struct ynode *f[N(action_fields)];
		int prev, u;

		ydoc_check_map(L->doc, seq->items[i], action_fields, N(action_fields), f,
			       named(L, "action", seq->items[i]), L->err);
		if (f[A_ID] == NULL)
			continue;
		prev = idmap_put(L->actions, f[A_ID]->str, f[A_ID]->line);
		if (prev >= 0) {
			err_at(L, f[A_ID], "duplicate action id '%s' (first at line %d)", f[A_ID]->str, prev);
			continue;
		}
		a->id = text_of(L, f[A_ID]);
		a->text = text_of(L, f[A_TEXT]);
		a->guidance = text_of(L, f[A_GUIDANCE]);
		a->owner = -1;
		if (f[A_OWNER] != NULL) {
			a->owner = find_label(rb->roles, rb->nroles, f[A_OWNER]->str);
			if (a->owner < 0)
				err_at(L, f[A_OWNER], "unknown role '%s' (roles are listed under 'roles')",
				       f[A_OWNER]->str);
		}
		if (f[A_URGENCY] != NULL) {
			u = core_urgency_parse(f[A_URGENCY]->str);
			if (u <= 0)
				err_at(L, f[A_URGENCY],
				       "unknown urgency '%s' (expected routine, same-day, before-visit, immediate or emergency)",
				       f[A_URGENCY]->str);
			a->urgency = u > 0 ? (enum core_urgency)u : CORE_URG_ROUTINE;
		}
		if (f[A_DUE] != NULL)
			parse_due(L, f[A_DUE], f[A_FROM], &a->due);
		a->escalation = -1;
		if (f[A_ESCALATION] != NULL) {
			a->escalation = find_label(rb->levels, rb->nlevels,
						   f[A_ESCALATION]->str);
			if (a->escalation < 0)
				err_at(L, f[A_ESCALATION],
				       "unknown escalation level '%s' (levels are listed under 'escalation')",
				       f[A_ESCALATION]->str);
		}
		parse_source(L, f[A_SOURCE], &a->src);
		a->when = parse_cond(L, f[A_WHEN], rb->nquestions);
		rb->nactions++;
		if (hv_error_full(L->err))
			return;
	}
}

static void parse_risks(struct loader *L, const struct ynode *seq)
{
	struct core_rulebook *rb = L->rb;
	size_t i;

	if (seq == NULL)
		return;
	rb->risks = arena_alloc(L->a, sizeof(*rb->risks) * (seq->n ? seq->n : 1));
	for (i = 0; i < seq->n; i++) {
		struct core_risk *r = &rb->risks[rb->nrisks];
		const struct ynode *f[N(risk_fields)];
		int prev;

		ydoc_check_map(L->doc, seq->items[i], risk_fields, N(risk_fields), f,
			       named(L, "risk", seq->items[i]), L->err);
		if (f[0] == NULL)
			continue;
		prev = idmap_put(L->risks, f[0]->str, f[0]->line);
		if (prev >= 0) {
			err_at(L, f[0], "duplicate risk id '%s' (first at line %d)", f[0]->str, prev);
			continue;
		}
		r->id = text_of(L, f[0]);
		r->text = text_of(L, f[1]);
		parse_source(L, f[2], &r->src);
		r->when = parse_cond(L, f[3], rb->nquestions);
		rb->nrisks++;
	}
}

static void parse_body(struct loader *L, const struct ynode *const *top)
{
	struct core_rulebook *rb = L->rb;
	const struct ynode *secs = top[T_SECTIONS], *procs = top[T_PROCEDURES];
	size_t nsec = 0, nq = 0, si = 0, qi = 0, i, j;

	if (secs != NULL)
		for (i = 0; i < secs->n; i++) {
			nsec++;
			nq += count_questions(secs->items[i]);
		}
	if (procs != NULL)
		for (i = 0; i < procs->n; i++) {
			const struct ynode *steps = ydoc_map_get(procs->items[i], "steps");

			if (steps == NULL || steps->kind != Y_SEQ)
				continue;
			for (j = 0; j < steps->n; j++) {
				nsec++;
				nq += count_questions(steps->items[j]);
			}
		}
	rb->sections = arena_alloc(L->a, sizeof(*rb->sections) * (nsec ? nsec : 1));
	rb->questions = arena_alloc(L->a, sizeof(*rb->questions) * (nq ? nq : 1));
	rb->qmap = idmap_new(nq);
	L->qnodes = xcalloc(nq ? nq : 1, sizeof(*L->qnodes));
	L->qwhen = xcalloc(nq ? nq : 1, sizeof(*L->qwhen));
	L->qline = xcalloc(nq ? nq : 1, sizeof(*L->qline));
	L->qbad = xcalloc(nq ? nq : 1, sizeof(*L->qbad));
	L->no_questions = secs == NULL;
	L->snodes = xcalloc(nsec ? nsec : 1, sizeof(*L->snodes));

	if (secs != NULL && secs->n == 0)
		err_at(L, secs, "'sections' is empty");
	if (secs != NULL)
		for (i = 0; i < secs->n; i++)
			parse_section(L, secs->items[i], si++, &qi, -1, 0, CORE_STAGE_PLAN);
	rb->ntop_sections = si;
	if (procs != NULL) {
		rb->procedures = arena_alloc(L->a, sizeof(*rb->procedures) * (procs->n ? procs->n : 1));
		L->pnodes = xcalloc(procs->n ? procs->n : 1, sizeof(*L->pnodes));
		for (i = 0; i < procs->n; i++) {
			struct core_procedure *p = &rb->procedures[i];
			const struct ynode *f[N(procedure_fields)];
			const struct ynode *steps;

			L->pnodes[i] = procs->items[i];
			ydoc_check_map(L->doc, procs->items[i], procedure_fields, N(procedure_fields), f,
				       named(L, "procedure", procs->items[i]), L->err);
			p->id = f[S_ID] ? text_of(L, f[S_ID]) : "";
			register_section_id(L, f[S_ID], "procedure");
			p->title = text_of(L, f[S_TITLE]);
			parse_stage(L, f[S_STAGE], &p->stage);
			parse_source(L, f[S_SOURCE], &p->src);
			p->guidance = text_of(L, f[S_GUIDANCE]);
			p->first = si;
			steps = f[S_QUESTIONS]; /* "steps" sits where sections have "questions" */
			if (steps != NULL && steps->n == 0)
				err_at(L, steps, "'steps' is empty");
			if (steps != NULL)
				for (j = 0; j < steps->n; j++)
					parse_section(L, steps->items[j], si++, &qi, (int)i, (int)j + 1,
						      p->stage);
			p->count = si - p->first;
			rb->nprocedures++;
		}
	}
	rb->nsections = si;
	rb->nquestions = qi;
	if (hv_error_full(L->err))
		return;

	/* Pass two: conditions may look only at questions asked earlier. */
	for (i = 0; i < rb->nsections; i++) {
		struct core_section *s = &rb->sections[i];
		const struct ynode *w = ydoc_map_get(L->snodes[i], "when");

		s->when = parse_cond(L, w, s->first);
	}
	for (i = 0; i < rb->nprocedures; i++) {
		struct core_procedure *p = &rb->procedures[i];
		const struct ynode *w = ydoc_map_get(L->pnodes[i], "when");
		size_t limit = p->count > 0 ? rb->sections[p->first].first : rb->nquestions;

		p->when = parse_cond(L, w, limit);
	}
	for (i = 0; i < rb->nquestions; i++) {
		const struct ynode *w = L->qwhen[i];
		const struct ynode *pf = ydoc_map_get(L->qnodes[i], "prefill");

		rb->questions[i].when = parse_cond(L, w, i);
		rb->questions[i].prefill = -1;
		if (pf != NULL && pf->kind == Y_SCALAR && !L->qbad[i]) {
			int from = idmap_get(rb->qmap, pf->str);

			if (from < 0)
				err_at(L, pf, "'prefill' names unknown question '%s'", pf->str);
			else if ((size_t)from >= i)
				err_at(L, pf, "'prefill' must name an earlier question, and '%s' is not",
				       pf->str);
			else if (rb->questions[from].type != rb->questions[i].type)
				err_at(L, pf, "'prefill' question '%s' is %s, not %s like this one", pf->str,
				       core_qtype_name(rb->questions[from].type),
				       core_qtype_name(rb->questions[i].type));
			else
				rb->questions[i].prefill = from;
		}
		if (hv_error_full(L->err))
			return;
	}
}

/* Builds the rulebook from a parsed document; takes its arena and text. */
static int rules_from_doc(struct ydoc *doc, struct core_rulebook **out, struct hv_error *err)
{
	struct loader L;
	const struct ynode *top[N(top_fields)];
	struct core_rulebook *rb;
	size_t i;

	memset(&L, 0, sizeof(L));
	rb = xcalloc(1, sizeof(*rb));
	for (i = 0; i < CORE_REC_N; i++)
		rb->record_q[i] = -1;
	rb->arena = doc->arena;
	doc->arena = NULL;
	L.doc = doc;
	L.err = err;
	L.rb = rb;
	L.a = rb->arena;
	L.tree_kept = true;
	L.sections = idmap_new(64);
	L.actions = idmap_new(64);
	L.risks = idmap_new(64);
	rb->path = arena_strdup(L.a, doc->file);

	if (doc->root->kind == Y_SCALAR && doc->root->plain && doc->root->len == 0) {
		hv_error_add(err, HV_EDATA, doc->file, 0, 0, "the file holds an empty document");
		goto out;
	}
	if (!ydoc_check_map(doc, doc->root, top_fields, N(top_fields), top, "the rule file", err) &&
	    doc->root->kind != Y_MAP)
		goto out;
	if (top[T_RULEBOOK] != NULL)
		parse_meta(&L, top[T_RULEBOOK]);
	parse_sources(&L, top[T_SOURCES]);
	parse_labels(&L, top[T_ROLES], "a role", &rb->roles, &rb->nroles);
	parse_labels(&L, top[T_ESCALATION], "an escalation level", &rb->levels, &rb->nlevels);
	parse_body(&L, top);
	if (!hv_error_full(err)) {
		parse_actions(&L, top[T_ACTIONS]);
		parse_risks(&L, top[T_RISKS]);
	}
out:
	idmap_free(L.docs);
	idmap_free(L.sections);
	idmap_free(L.actions);
	idmap_free(L.risks);
	free(L.qnodes);
	free(L.qwhen);
	free(L.qline);
	free(L.qbad);
	free(L.snodes);
	free(L.pnodes);
	if (err->status != HV_OK) {
		core_rulebook_free(rb);
		return err->status;
	}
	rb->text = doc->text;
	rb->text_len = doc->len;
	doc->text = NULL;
	*out = rb;
	return HV_OK;
}

int rules_load_text(const char *name, const char *text, size_t len, struct core_rulebook **out,
		    struct hv_error *err)
{
	struct ydoc doc;
	int rc;

	*out = NULL;
	rc = ydoc_load_text(&doc, name, text, len, err);
	if (rc == HV_OK)
		rc = rules_from_doc(&doc, out, err);
	ydoc_free(&doc);
	return rc;
}

int rules_load(const char *path, struct core_rulebook **out, struct hv_error *err)
{
	struct ydoc doc;
	int rc;

	*out = NULL;
	rc = ydoc_load_file(&doc, path, err);
	if (rc == HV_OK)
		rc = rules_from_doc(&doc, out, err);
	ydoc_free(&doc);
	return rc;
}

/* ---- for the scenario loader, which reads conditions and sources the same way ---- */

const char *rules_text_of(struct loader *L, const struct ynode *n)
{
	return text_of(L, n);
}

void rules_parse_source(struct loader *L, const struct ynode *n, struct core_source *src)
{
	parse_source(L, n, src);
}

struct core_cond *rules_parse_cond(struct loader *L, const struct ynode *n, size_t limit)
{
	return parse_cond(L, n, limit);
}

bool rules_value_valid(const struct core_question *q, const char *v)
{
	return value_valid(q, v);
}
