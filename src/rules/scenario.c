/* scenario.c — training scenarios: a narrative, the visit preset, facts
 * revealed as the trainee answers, and what the guidance expects; checked
 * against the rulebook they are written for, every error with its position. */
#include <stdlib.h>
#include <string.h>

#include "../core/idmap.h"
#include "rules.h"
#include "rules_int.h"
#include "ydoc.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct yfield top_fields[] = {
	{"scenario", YF_MAP, true}, {"visit", YF_MAP, true},   {"answers", YF_MAP, false},
	{"facts", YF_SEQ, false},   {"expect", YF_MAP, true},  {"debrief", YF_SEQ, true},
	{"check", YF_MAP, true},
};
enum { T_SCENARIO, T_VISIT, T_ANSWERS, T_FACTS, T_EXPECT, T_DEBRIEF, T_CHECK };

static const struct yfield meta_fields[] = {
	{"id", YF_ID, true},       {"title", YF_TEXT, true}, {"rulebook", YF_ID, true},
	{"stage", YF_ID, true},    {"goals", YF_SEQ, true},  {"narrative", YF_TEXT, true},
};

static const struct yfield visit_fields[] = {
	{"case_ref", YF_TEXT, true},  {"planned_at", YF_TEXT, true}, {"kind", YF_TEXT, false},
	{"agency", YF_STR, false},    {"address", YF_STR, false},    {"children", YF_STR, false},
	{"purpose", YF_STR, false},
};

static const struct yfield fact_fields[] = {
	{"id", YF_ID, true},
	{"text", YF_TEXT, true},
	{"when", YF_ANY, false},
};

static const struct yfield expect_fields[] = {
	{"actions", YF_SEQ, true},
	{"wrong", YF_SEQ, false},
	{"escalation", YF_ID, true},
};

static const struct yfield note_fields[] = {
	{"about", YF_ID, false},
	{"text", YF_TEXT, true},
	{"source", YF_MAP, true},
};

static const struct yfield check_fields[] = {
	{"correct", YF_MAP, true},
	{"skip", YF_MAP, true},
};

static const struct yfield skip_fields[] = {
	{"answers", YF_MAP, true},
	{"misses", YF_SEQ, true},
	{"wrong", YF_SEQ, false},
};

static void err_at(struct loader *L, const struct ynode *n, const char *fmt, ...) HV_PRINTF(3, 4);
static void err_at(struct loader *L, const struct ynode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hv_error_addv(L->err, HV_EDATA, L->doc->file, n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
}

static int action_index(const struct core_rulebook *rb, const char *id)
{
	size_t i;

	for (i = 0; i < rb->nactions; i++)
		if (strcmp(rb->actions[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* A list of action ids into indices. */
static size_t read_actions(struct loader *L, const struct ynode *seq, int **out)
{
	size_t i, n = 0;
	bool *seen = xcalloc(L->rb->nactions ? L->rb->nactions : 1, sizeof(bool));

	*out = arena_alloc(L->a, sizeof(int) * (seq->n ? seq->n : 1));
	for (i = 0; i < seq->n; i++) {
		int a;

		if (!ydoc_expect(L->doc, seq->items[i], YF_ID, "an action", L->err))
			continue;
		a = action_index(L->rb, seq->items[i]->str);
		if (a < 0) {
			err_at(L, seq->items[i], "unknown action '%s' (not in rulebook %s)",
			       seq->items[i]->str, L->rb->id);
			continue;
		}
		if (seen[a]) {
			err_at(L, seq->items[i], "'%s' is listed twice", seq->items[i]->str);
			continue;
		}
		seen[a] = true;
		(*out)[n++] = a;
	}
	free(seen);
	return n;
}

/* A date or time written relative to the day of training ("today 14:00"). */
static bool relative_time(const struct core_question *q, const char *v, char *msg, size_t len)
{
	char buf[17];

	if (q->type == CORE_Q_DATE)
		return core_date_parse(v, 0, buf, msg, len);
	if (q->type == CORE_Q_DATETIME)
		return core_datetime_parse(v, 0, buf, msg, len);
	if (q->type == CORE_Q_TIME)
		return core_time_parse(v, buf, msg, len);
	return false;
}

/* Answers by question id, checked against the rulebook's questions. */
static size_t read_presets(struct loader *L, const struct ynode *map, struct core_preset **out)
{
	struct rules_import_answer *in;
	size_t n = rules_read_answers(L->doc, L->err, L->a, map, &in), i, k = 0;

	*out = arena_alloc(L->a, sizeof(**out) * (n ? n : 1));
	for (i = 0; i < n; i++) {
		int qi = core_question_index(L->rb, in[i].question);
		const struct core_question *q;
		char msg[200];
		const char *value = in[i].value;

		if (qi < 0) {
			hv_error_add(L->err, HV_EDATA, L->doc->file, in[i].qline, in[i].qcol,
				     "unknown question '%s' (not in rulebook %s)", in[i].question,
				     L->rb->id);
			continue;
		}
		q = &L->rb->questions[qi];
		if (q->type == CORE_Q_MULTI) {
			/* Put the options in the rule file's order. */
			struct strbuf sb;
			size_t o;

			sb_init(&sb);
			for (o = 0; o < q->noptions; o++)
				if (core_multi_has(value, q->options[o].id)) {
					if (sb.len)
						sb_addc(&sb, ',');
					sb_adds(&sb, q->options[o].id);
				}
			value = arena_strdup(L->a, sb.s ? sb.s : "");
			sb_free(&sb);
		}
		if ((!core_value_check(q, value, msg, sizeof(msg)) &&
		     !relative_time(q, value, msg, sizeof(msg))) ||
		    (q->type == CORE_Q_MULTI && strlen(value) < strlen(in[i].value))) {
			hv_error_add(L->err, HV_EDATA, L->doc->file, in[i].line, in[i].col, "%s: %s",
				     in[i].question,
				     q->type == CORE_Q_MULTI && value[0] ? "an option is not one of this question's"
									 : msg);
			continue;
		}
		(*out)[k].question = qi;
		(*out)[k].value = value;
		(*out)[k].reason = in[i].reason;
		k++;
	}
	return k;
}

static void read_meta(struct loader *L, struct core_scenario *sc, const struct ynode *n)
{
	const struct ynode *f[N(meta_fields)];
	size_t i;

	ydoc_check_map(L->doc, n, meta_fields, N(meta_fields), f, "'scenario'", L->err);
	sc->id = rules_text_of(L, f[0]);
	sc->title = rules_text_of(L, f[1]);
	sc->rulebook = rules_text_of(L, f[2]);
	sc->narrative = rules_text_of(L, f[5]);
	if (f[2] != NULL && strcmp(f[2]->str, L->rb->id) != 0)
		err_at(L, f[2], "written for rulebook '%s', but the rule file in use is '%s'", f[2]->str,
		       L->rb->id);
	if (f[3] != NULL) {
		if (strcmp(f[3]->str, "plan") == 0)
			sc->stage = CORE_STAGE_PLAN;
		else if (strcmp(f[3]->str, "outcome") == 0)
			sc->stage = CORE_STAGE_OUTCOME;
		else
			err_at(L, f[3], "unknown stage '%s' (expected plan or outcome)", f[3]->str);
	}
	if (f[4] != NULL) {
		if (f[4]->n == 0)
			err_at(L, f[4], "'goals' is empty");
		sc->goals = arena_alloc(L->a, sizeof(char *) * (f[4]->n + 1));
		for (i = 0; i < f[4]->n; i++)
			if (ydoc_expect(L->doc, f[4]->items[i], YF_TEXT, "a goal", L->err))
				sc->goals[sc->ngoals++] = rules_text_of(L, f[4]->items[i]);
	}
}

static void read_visit(struct loader *L, struct core_scenario *sc, const struct ynode *n)
{
	const struct ynode *f[N(visit_fields)];
	char canon[17], msg[160];

	ydoc_check_map(L->doc, n, visit_fields, N(visit_fields), f, "'visit'", L->err);
	sc->case_ref = rules_text_of(L, f[0]);
	sc->planned_at = rules_text_of(L, f[1]);
	sc->kind = f[2] ? rules_text_of(L, f[2]) : "announced";
	sc->agency = rules_text_of(L, f[3]);
	sc->address = rules_text_of(L, f[4]);
	sc->children = rules_text_of(L, f[5]);
	sc->purpose = rules_text_of(L, f[6]);
	/* "today 10:00" is kept as written: the visit happens on the day of training. */
	if (f[1] != NULL && !core_datetime_parse(f[1]->str, 0, canon, msg, sizeof(msg)))
		err_at(L, f[1], "'planned_at': %s", msg);
	if (f[2] != NULL && strcmp(f[2]->str, "announced") != 0 &&
	    strcmp(f[2]->str, "unannounced") != 0)
		err_at(L, f[2], "'kind' must be announced or unannounced, not '%s'", f[2]->str);
}

static void read_facts(struct loader *L, struct core_scenario *sc, const struct ynode *seq)
{
	size_t i;

	sc->facts = arena_alloc(L->a, sizeof(*sc->facts) * (seq->n ? seq->n : 1));
	for (i = 0; i < seq->n; i++) {
		const struct ynode *f[N(fact_fields)];
		struct core_fact *fact = &sc->facts[sc->nfacts];

		if (!ydoc_check_map(L->doc, seq->items[i], fact_fields, N(fact_fields), f, "a fact",
				    L->err))
			continue;
		fact->id = rules_text_of(L, f[0]);
		fact->text = rules_text_of(L, f[1]);
		fact->when = f[2] ? rules_parse_cond(L, f[2], L->rb->nquestions) : NULL;
		sc->nfacts++;
	}
}

static void read_expect(struct loader *L, struct core_scenario *sc, const struct ynode *n)
{
	const struct ynode *f[N(expect_fields)];
	size_t i;

	if (!ydoc_check_map(L->doc, n, expect_fields, N(expect_fields), f, "'expect'", L->err))
		return;
	sc->nexpect = read_actions(L, f[0], &sc->expect);
	if (f[0]->n == 0)
		err_at(L, f[0], "'actions' is empty: a scenario expects something to be done");
	if (f[1] != NULL)
		sc->nwrong = read_actions(L, f[1], &sc->wrong);
	sc->escalation = -1;
	for (i = 0; i < L->rb->nlevels; i++)
		if (strcmp(L->rb->levels[i].id, f[2]->str) == 0)
			sc->escalation = (int)i;
	if (sc->escalation < 0)
		err_at(L, f[2], "unknown escalation level '%s'", f[2]->str);
}

static void read_debrief(struct loader *L, struct core_scenario *sc, const struct ynode *seq)
{
	size_t i;

	if (seq->n == 0)
		err_at(L, seq, "'debrief' is empty");
	sc->notes = arena_alloc(L->a, sizeof(*sc->notes) * (seq->n ? seq->n : 1));
	for (i = 0; i < seq->n; i++) {
		const struct ynode *f[N(note_fields)];
		struct core_note *note = &sc->notes[sc->nnotes];

		if (!ydoc_check_map(L->doc, seq->items[i], note_fields, N(note_fields), f,
				    "a debrief note", L->err))
			continue;
		note->about = -1;
		if (f[0] != NULL) {
			note->about = action_index(L->rb, f[0]->str);
			if (note->about < 0)
				err_at(L, f[0], "unknown action '%s'", f[0]->str);
		}
		note->text = rules_text_of(L, f[1]);
		rules_parse_source(L, f[2], &note->src);
		sc->nnotes++;
	}
}

static void read_check(struct loader *L, struct core_scenario *sc, const struct ynode *n)
{
	const struct ynode *f[N(check_fields)], *g[N(skip_fields)];

	if (!ydoc_check_map(L->doc, n, check_fields, N(check_fields), f, "'check'", L->err))
		return;
	sc->ncorrect = read_presets(L, f[0], &sc->correct);
	if (!ydoc_check_map(L->doc, f[1], skip_fields, N(skip_fields), g, "'skip'", L->err))
		return;
	sc->nskip = read_presets(L, g[0], &sc->skip);
	sc->nskip_misses = read_actions(L, g[1], &sc->skip_misses);
	if (g[2] != NULL)
		sc->nskip_wrong = read_actions(L, g[2], &sc->skip_wrong);
	if (g[1]->n == 0 && (g[2] == NULL || g[2]->n == 0))
		err_at(L, g[1], "a run that skips the key step must miss something");
}

static int scenario_from_doc(struct ydoc *doc, const struct core_rulebook *rb,
			     struct core_scenario **out, struct hv_error *err)
{
	const struct ynode *top[N(top_fields)];
	struct core_scenario *sc = xcalloc(1, sizeof(*sc));
	struct loader L;

	memset(&L, 0, sizeof(L));
	sc->arena = doc->arena;
	doc->arena = NULL;
	L.doc = doc;
	L.err = err;
	L.rb = (struct core_rulebook *)rb;
	L.a = sc->arena;
	sc->path = arena_strdup(L.a, doc->file);
	sc->escalation = -1;
	if (!ydoc_check_map(doc, doc->root, top_fields, N(top_fields), top, "the scenario file",
			    err) &&
	    doc->root->kind != Y_MAP)
		goto out;
	if (top[T_SCENARIO])
		read_meta(&L, sc, top[T_SCENARIO]);
	if (top[T_VISIT])
		read_visit(&L, sc, top[T_VISIT]);
	if (top[T_ANSWERS])
		sc->nanswers = read_presets(&L, top[T_ANSWERS], &sc->answers);
	if (top[T_FACTS])
		read_facts(&L, sc, top[T_FACTS]);
	if (top[T_EXPECT])
		read_expect(&L, sc, top[T_EXPECT]);
	if (top[T_DEBRIEF])
		read_debrief(&L, sc, top[T_DEBRIEF]);
	if (top[T_CHECK])
		read_check(&L, sc, top[T_CHECK]);
out:
	if (err->status != HV_OK) {
		core_scenario_free(sc);
		return err->status;
	}
	*out = sc;
	return HV_OK;
}

int rules_scenario_load(const char *path, const struct core_rulebook *rb,
			struct core_scenario **out, struct hv_error *err)
{
	struct ydoc doc;
	int rc;

	*out = NULL;
	rc = ydoc_load_file(&doc, path, err);
	if (rc == HV_OK)
		rc = scenario_from_doc(&doc, rb, out, err);
	ydoc_free(&doc);
	return rc;
}

int rules_scenario_load_text(const char *name, const char *text, size_t len,
			     const struct core_rulebook *rb, struct core_scenario **out,
			     struct hv_error *err)
{
	struct ydoc doc;
	int rc;

	*out = NULL;
	rc = ydoc_load_text(&doc, name, text, len, err);
	if (rc == HV_OK)
		rc = scenario_from_doc(&doc, rb, out, err);
	ydoc_free(&doc);
	return rc;
}
