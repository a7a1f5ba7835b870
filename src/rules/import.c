/* import.c — reads a YAML or JSON file of visits for `homevisit import`.
 * Only the shape is checked here, with positions; the visit module checks the
 * answers against the rulebook exactly as the wizard does. */
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "rules_int.h"
#include "ydoc.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct yfield file_fields[] = {
	{"visits", YF_SEQ, true},
};

static const struct yfield visit_fields[] = {
	{"case_ref", YF_TEXT, true},  {"practitioner", YF_TEXT, true}, {"agency", YF_STR, false},
	{"address", YF_STR, false},   {"children", YF_STR, false},     {"purpose", YF_STR, false},
	{"planned_at", YF_TEXT, false}, {"kind", YF_TEXT, false},      {"status", YF_TEXT, false},
	{"answers", YF_MAP, false},
};
enum { V_CASE, V_PRACT, V_AGENCY, V_ADDRESS, V_CHILDREN, V_PURPOSE, V_PLANNED, V_KIND, V_STATUS,
       V_ANSWERS };

static const struct yfield reasoned_fields[] = {
	{"value", YF_ANY, true},
	{"reason", YF_STR, false},
};

static const struct yfield person_fields[] = {
	{"name", YF_TEXT, true},     {"relationship", YF_STR, false},
	{"present", YF_TEXT, false}, {"risk", YF_TEXT, false},
};

struct reader {
	struct ydoc *doc;
	struct hv_error *err;
	struct arena *a;
};

static const char *str(struct reader *r, const struct ynode *n)
{
	return n ? arena_strndup(r->a, n->str, n->len) : NULL;
}

static bool one_line(struct reader *r, const struct ynode *n, const char *what)
{
	if (n != NULL && strpbrk(n->str, "\t\n\r") != NULL) {
		ydoc_error(r->doc, n, r->err, "%s cannot hold a tab or a line break", what);
		return false;
	}
	return true;
}

/* A list of people as the canonical "name\trelationship\tpresent\trisk" lines. */
static const char *people_value(struct reader *r, const struct ynode *seq)
{
	struct strbuf sb;
	const char *out;
	size_t i;

	sb_init(&sb);
	for (i = 0; i < seq->n; i++) {
		const struct ynode *f[N(person_fields)];

		if (!ydoc_check_map(r->doc, seq->items[i], person_fields, N(person_fields), f,
				    "a person", r->err))
			continue;
		if (!one_line(r, f[0], "a name") || !one_line(r, f[1], "a relationship"))
			continue;
		if (sb.len > 0)
			sb_addc(&sb, '\n');
		sb_addf(&sb, "%s\t%s\t%s\t%s", f[0]->str, f[1] ? f[1]->str : "",
			f[2] ? f[2]->str : "unknown", f[3] ? f[3]->str : "unknown");
	}
	out = arena_strdup(r->a, sb.s ? sb.s : "");
	sb_free(&sb);
	return out;
}

/* A scalar, a list of option ids (multi) or a list of people. */
static bool answer_value(struct reader *r, const struct ynode *n, const char **out)
{
	size_t i;

	*out = NULL;
	if (n->kind == Y_SCALAR) {
		*out = str(r, n);
		return true;
	}
	if (n->kind == Y_MAP) {
		ydoc_error(r->doc, n, r->err,
			   "an answer is text, a list, or {value: ..., reason: ...}; not this mapping");
		return false;
	}
	if (n->n > 0 && n->items[0]->kind == Y_MAP) {
		*out = people_value(r, n);
		return true;
	}
	{
		struct strbuf sb;

		sb_init(&sb);
		for (i = 0; i < n->n; i++) {
			if (!ydoc_expect(r->doc, n->items[i], YF_ID, "an option", r->err)) {
				sb_free(&sb);
				return false;
			}
			if (i > 0)
				sb_addc(&sb, ',');
			sb_adds(&sb, n->items[i]->str);
		}
		*out = arena_strdup(r->a, sb.s ? sb.s : "");
		sb_free(&sb);
	}
	return true;
}

static void read_answers(struct reader *r, const struct ynode *map, struct rules_import_visit *v)
{
	size_t i;

	v->nanswers = 0;
	v->answers = arena_alloc(r->a, sizeof(*v->answers) * (map->n ? map->n : 1));
	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->pairs[i].key, *val = map->pairs[i].val;
		struct rules_import_answer *a = &v->answers[v->nanswers];

		a->question = str(r, k);
		a->line = val->line;
		a->col = val->col;
		a->qline = k->line;
		a->qcol = k->col;
		if (val->kind == Y_MAP) {
			const struct ynode *f[N(reasoned_fields)];

			if (!ydoc_check_map(r->doc, val, reasoned_fields, N(reasoned_fields), f,
					    "an answer with a reason", r->err))
				continue;
			if (!answer_value(r, f[0], &a->value))
				continue;
			a->reason = str(r, f[1]);
			a->line = f[0]->line;
			a->col = f[0]->col;
		} else if (!answer_value(r, val, &a->value)) {
			continue;
		}
		v->nanswers++;
	}
}

size_t rules_read_answers(struct ydoc *doc, struct hv_error *err, struct arena *a,
			  const struct ynode *map, struct rules_import_answer **out)
{
	struct reader r = {doc, err, a};
	struct rules_import_visit v;

	memset(&v, 0, sizeof(v));
	read_answers(&r, map, &v);
	*out = v.answers;
	return v.nanswers;
}

static int import_from_doc(struct ydoc *doc, struct rules_import **out, struct hv_error *err)
{
	struct reader r = {doc, err, NULL};
	const struct ynode *top[N(file_fields)], *visits;
	struct rules_import *imp;
	size_t i;

	if (!ydoc_check_map(doc, doc->root, file_fields, N(file_fields), top, "the import file", err))
		return HV_EDATA;
	visits = top[0];
	imp = xcalloc(1, sizeof(*imp));
	imp->arena = doc->arena;
	doc->arena = NULL;
	r.a = imp->arena;
	imp->path = arena_strdup(r.a, doc->file);
	imp->visits = arena_alloc(r.a, sizeof(*imp->visits) * (visits->n ? visits->n : 1));
	if (visits->n == 0)
		ydoc_error(doc, visits, err, "'visits' is empty");
	for (i = 0; i < visits->n; i++) {
		const struct ynode *f[N(visit_fields)];
		struct rules_import_visit *v = &imp->visits[imp->nvisits];

		if (!ydoc_check_map(doc, visits->items[i], visit_fields, N(visit_fields), f, "a visit",
				    err))
			continue;
		v->line = visits->items[i]->line;
		v->col = visits->items[i]->col;
		v->case_ref = str(&r, f[V_CASE]);
		v->practitioner = str(&r, f[V_PRACT]);
		v->agency = str(&r, f[V_AGENCY]);
		v->address = str(&r, f[V_ADDRESS]);
		v->children = str(&r, f[V_CHILDREN]);
		v->purpose = str(&r, f[V_PURPOSE]);
		v->planned_at = str(&r, f[V_PLANNED]);
		v->kind = str(&r, f[V_KIND]);
		v->status = str(&r, f[V_STATUS]);
		v->field_line[RULES_IMPORT_PLANNED] = f[V_PLANNED] ? f[V_PLANNED]->line : v->line;
		v->field_col[RULES_IMPORT_PLANNED] = f[V_PLANNED] ? f[V_PLANNED]->col : v->col;
		v->field_line[RULES_IMPORT_KIND] = f[V_KIND] ? f[V_KIND]->line : v->line;
		v->field_col[RULES_IMPORT_KIND] = f[V_KIND] ? f[V_KIND]->col : v->col;
		v->field_line[RULES_IMPORT_STATUS] = f[V_STATUS] ? f[V_STATUS]->line : v->line;
		v->field_col[RULES_IMPORT_STATUS] = f[V_STATUS] ? f[V_STATUS]->col : v->col;
		if (f[V_ANSWERS] != NULL)
			read_answers(&r, f[V_ANSWERS], v);
		imp->nvisits++;
		if (hv_error_full(err))
			break;
	}
	if (err->status != HV_OK) {
		rules_import_free(imp);
		return err->status;
	}
	*out = imp;
	return HV_OK;
}

int rules_import_load(const char *path, struct rules_import **out, struct hv_error *err)
{
	struct ydoc doc;
	int rc;

	*out = NULL;
	rc = ydoc_load_file(&doc, path, err);
	if (rc == HV_OK)
		rc = import_from_doc(&doc, out, err);
	ydoc_free(&doc);
	return rc;
}

int rules_import_text(const char *name, const char *text, size_t len, struct rules_import **out,
		      struct hv_error *err)
{
	struct ydoc doc;
	int rc;

	*out = NULL;
	rc = ydoc_load_text(&doc, name, text, len, err);
	if (rc == HV_OK)
		rc = import_from_doc(&doc, out, err);
	ydoc_free(&doc);
	return rc;
}

void rules_import_free(struct rules_import *imp)
{
	if (imp == NULL)
		return;
	arena_free(imp->arena);
	free(imp);
}
