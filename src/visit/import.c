/* import.c — `homevisit import`: checks a file of visits against the rulebook
 * exactly as the wizard would, then writes them all in one transaction or none. */
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "visit.h"
#include "visit_int.h"

static const char *const statuses[] = {"draft", "planned", "visited", "no_access"};

static void at(struct hv_error *err, const struct rules_import *imp, int line, int col,
	       const char *fmt, ...) HV_PRINTF(5, 6);
static void at(struct hv_error *err, const struct rules_import *imp, int line, int col,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hv_error_addv(err, HV_EDATA, imp->path, line, col, fmt, ap);
	va_end(ap);
}

/* Multi answers are kept in the rule file's option order; NULL (and the
 * unknown option in msg) if one is not an option. */
static const char *canonical_multi(struct arena *a, const struct core_question *q, const char *v,
				   char *msg, size_t msglen)
{
	struct strbuf sb;
	const char *out, *p = v;
	size_t i;

	while (p != NULL && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		for (i = 0; i < q->noptions; i++)
			if (strlen(q->options[i].id) == len && strncmp(q->options[i].id, p, len) == 0)
				break;
		if (i == q->noptions) {
			snprintf(msg, msglen, "'%.*s' is not an option of this question", (int)len, p);
			return NULL;
		}
		p = comma ? comma + 1 : NULL;
	}
	sb_init(&sb);
	for (i = 0; i < q->noptions; i++)
		if (core_multi_has(v, q->options[i].id)) {
			if (sb.len > 0)
				sb_addc(&sb, ',');
			sb_adds(&sb, q->options[i].id);
		}
	out = arena_strdup(a, sb.s ? sb.s : "");
	sb_free(&sb);
	return out;
}

static bool details_ok(const struct rules_import *imp, const struct rules_import_visit *iv,
		       struct hv_error *err)
{
	static const struct core_question text = {.id = "", .type = CORE_Q_TEXT};
	static const struct core_question when = {.id = "", .type = CORE_Q_DATETIME};
	const char *fields[] = {iv->case_ref, iv->practitioner, iv->agency, iv->address,
				iv->children, iv->purpose};
	const char *names[] = {"case_ref", "practitioner", "agency", "address", "children",
			       "purpose"};
	char msg[200];
	bool ok = true;
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i] != NULL && fields[i][0] != '\0' &&
		    !core_value_check(&text, fields[i], msg, sizeof(msg))) {
			at(err, imp, iv->line, iv->col, "'%s': %s", names[i], msg);
			ok = false;
		}
	if (iv->planned_at != NULL && !core_value_check(&when, iv->planned_at, msg, sizeof(msg))) {
		at(err, imp, iv->field_line[RULES_IMPORT_PLANNED], iv->field_col[RULES_IMPORT_PLANNED],
		   "'planned_at': %s", msg);
		ok = false;
	}
	if (iv->kind != NULL && strcmp(iv->kind, "announced") != 0 &&
	    strcmp(iv->kind, "unannounced") != 0) {
		at(err, imp, iv->field_line[RULES_IMPORT_KIND], iv->field_col[RULES_IMPORT_KIND],
		   "'kind' must be announced or unannounced, not '%s'", iv->kind);
		ok = false;
	}
	if (iv->status != NULL) {
		for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
			if (strcmp(iv->status, statuses[i]) == 0)
				break;
		if (i == sizeof(statuses) / sizeof(statuses[0])) {
			at(err, imp, iv->field_line[RULES_IMPORT_STATUS],
			   iv->field_col[RULES_IMPORT_STATUS],
			   "'status' must be draft, planned, visited or no_access, not '%s'", iv->status);
			ok = false;
		}
	}
	if (iv->planned_at == NULL && iv->status != NULL && strcmp(iv->status, "draft") != 0) {
		at(err, imp, iv->line, iv->col, "a %s visit needs 'planned_at'", iv->status);
		ok = false;
	}
	return ok;
}

/* A transient record, in memory only, for evaluating an imported visit. */
static struct visit *mem_visit(const struct core_rulebook *rb, const struct rules_import_visit *iv)
{
	struct visit *vs = visit_new(NULL, "import");

	vs->rb = rb;
	vs->answers = xcalloc(rb->nquestions ? rb->nquestions : 1, sizeof(*vs->answers));
	vs->v.kind = xstrdup(iv->kind ? iv->kind : "announced");
	vs->v.planned_at = iv->planned_at ? xstrdup(iv->planned_at) : NULL;
	vs->v.status = xstrdup(iv->status ? iv->status : "planned");
	/* A finished visit's deadlines count from the planned time unless the
	 * file says when it took place. */
	vs->v.outcome_at = iv->planned_at ? xstrdup(iv->planned_at) : NULL;
	return vs;
}

static void check_visit(const struct core_rulebook *rb, struct rules_import *imp,
			struct rules_import_visit *iv, struct hv_error *err)
{
	const char *status = iv->status ? iv->status : "planned";
	struct visit *vs;
	char msg[200];
	size_t i, bad = 0;

	if (!details_ok(imp, iv, err))
		return;
	vs = mem_visit(rb, iv);
	for (i = 0; i < iv->nanswers; i++) {
		struct rules_import_answer *a = &iv->answers[i];
		int qi = core_question_index(rb, a->question);
		const struct core_question *q;

		if (qi < 0) {
			at(err, imp, a->qline, a->qcol, "unknown question '%s' (not in rulebook %s %s)",
			   a->question, rb->id, rb->version);
			bad++;
			continue;
		}
		q = &rb->questions[qi];
		if (q->type == CORE_Q_MULTI) {
			const char *canon = canonical_multi(imp->arena, q, a->value, msg, sizeof(msg));

			if (canon == NULL) {
				at(err, imp, a->line, a->col, "%s: %s", a->question, msg);
				bad++;
				continue;
			}
			a->value = canon;
		}
		if (!core_value_check(q, a->value, msg, sizeof(msg))) {
			at(err, imp, a->line, a->col, "%s: %s", a->question, msg);
			bad++;
			continue;
		}
		visit_set_answer_mem(vs, qi, a->value, a->reason);
	}
	if (bad > 0) {
		/* What depends on the refused answers cannot be judged yet. */
		visit_free(vs);
		return;
	}
	visit_refresh(vs);
	for (i = 0; i < iv->nanswers; i++) {
		const struct rules_import_answer *a = &iv->answers[i];
		int qi = core_question_index(rb, a->question);

		if (qi >= 0 && vs->answers[qi].value != NULL && !vs->ev.shown[qi])
			at(err, imp, a->qline, a->qcol,
			   "'%s' is answered, but with the other answers it is not asked; remove it or check the answers it depends on",
			   a->question);
	}
	if (strcmp(status, "draft") != 0) {
		enum core_stage upto = strcmp(status, "planned") == 0 ? CORE_STAGE_PLAN : CORE_STAGE_OUTCOME;

		for (i = 0; i < vs->ev.nmissing; i++) {
			const struct core_question *q = &rb->questions[vs->ev.missing[i]];

			if (rb->sections[q->section].stage > upto)
				continue;
			if (vs->answers[vs->ev.missing[i]].value != NULL)
				at(err, imp, iv->line, iv->col,
				   "visit '%s': '%s' needs a reason for the answer '%s'", iv->case_ref,
				   q->id, vs->answers[vs->ev.missing[i]].value);
			else
				at(err, imp, iv->line, iv->col,
				   "visit '%s' is %s but the required question '%s' is not answered",
				   iv->case_ref, status, q->id);
		}
	}
	if (strcmp(status, "visited") == 0 || strcmp(status, "no_access") == 0) {
		int qa = rb->record_q[CORE_REC_ACCESS];
		const char *want = strcmp(status, "visited") == 0 ? "yes" : "no";

		if (qa >= 0 && vs->answers[qa].value != NULL && vs->ev.shown[qa] &&
		    strcmp(vs->answers[qa].value, want) != 0)
			at(err, imp, iv->line, iv->col,
			   "visit '%s' is %s, but '%s' is answered '%s'", iv->case_ref, status,
			   rb->questions[qa].id, vs->answers[qa].value);
	}
	visit_free(vs);
}

int visit_import_check(const struct core_rulebook *rb, struct rules_import *imp,
		       struct hv_error *err)
{
	size_t i;

	for (i = 0; i < imp->nvisits && !hv_error_full(err); i++)
		check_visit(rb, imp, &imp->visits[i], err);
	return err->status == HV_OK ? HV_OK : err->status;
}

static int write_visit(struct store *st, const struct core_rulebook *rb, const char *hash,
		       const struct rules_import_visit *iv, const char *who, int64_t *id,
		       struct hv_error *err)
{
	const char *status = iv->status ? iv->status : "planned";
	struct store_visit d;
	struct visit *vs = mem_visit(rb, iv);
	struct visit_derived dv;
	struct store_save sv;
	size_t i;
	int rc;

	memset(&d, 0, sizeof(d));
	d.case_ref = (char *)iv->case_ref;
	d.practitioner = (char *)iv->practitioner;
	d.agency = (char *)iv->agency;
	d.address = (char *)iv->address;
	d.children = (char *)iv->children;
	d.purpose = (char *)iv->purpose;
	d.planned_at = (char *)iv->planned_at;
	d.kind = vs->v.kind;
	d.rulebook_hash = (char *)hash;
	if ((rc = store_visit_create(st, &d, who, err)) != HV_OK)
		goto out;
	*id = d.id;
	for (i = 0; i < iv->nanswers; i++) {
		const struct rules_import_answer *a = &iv->answers[i];
		int qi = core_question_index(rb, a->question);

		memset(&sv, 0, sizeof(sv));
		sv.question = a->question;
		sv.value = a->value;
		sv.reason = a->reason;
		if ((rc = store_answer_save(st, d.id, &sv, who, err)) != HV_OK)
			goto out;
		visit_set_answer_mem(vs, qi, a->value, a->reason);
	}
	visit_refresh(vs);
	visit_derive(vs, &dv);
	memset(&sv, 0, sizeof(sv));
	sv.derived = &dv.d;
	sv.fired = dv.fired;
	sv.nfired = vs->ev.nfired;
	rc = store_answer_save(st, d.id, &sv, who, err);
	visit_derived_free(&dv);
	if (rc != HV_OK)
		goto out;
	if (strcmp(status, "draft") != 0)
		rc = store_visit_set_status(st, d.id, "planned", NULL, who, err);
	if (rc == HV_OK && (strcmp(status, "visited") == 0 || strcmp(status, "no_access") == 0)) {
		int qv = rb->record_q[CORE_REC_VISITED_AT];
		const char *when = qv >= 0 && vs->ev.shown[qv] && vs->answers[qv].value
					   ? vs->answers[qv].value
					   : iv->planned_at;

		rc = store_visit_set_status(st, d.id, status, when, who, err);
	}
out:
	visit_free(vs);
	return rc;
}

int visit_import_write(struct store *st, const struct core_rulebook *rb,
		       const struct rules_import *imp, const char *who, int64_t *first,
		       int64_t *last, struct hv_error *err)
{
	char hash[65];
	size_t i;
	int rc;

	*first = *last = 0;
	if ((rc = store_begin(st, err)) != HV_OK)
		return rc;
	if ((rc = store_rulebook_put(st, rb, hash, err)) != HV_OK)
		goto fail;
	for (i = 0; i < imp->nvisits; i++) {
		int64_t id = 0;

		if ((rc = write_visit(st, rb, hash, &imp->visits[i], who, &id, err)) != HV_OK)
			goto fail;
		if (i == 0)
			*first = id;
		*last = id;
	}
	if ((rc = store_commit(st, err)) != HV_OK)
		return rc;
	/* Many new records change what the best way to find them is. */
	if (imp->nvisits >= 100 && store_analyze(st, err) != HV_OK)
		hv_error_clear(err); /* only the statistics: the records are saved */
	return HV_OK;
fail:
	store_rollback(st);
	*first = *last = 0;
	return rc;
}
