/* cmd-db.c — `homevisit db check`: the database's integrity and schema
 * version, then a data-quality report over every record. Exit 1 if it finds any. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "visit.h"

struct check {
	struct store *st;
	const struct core_rulebook *rb;
	char now[17];
	size_t records, problems;
	struct hv_error *err;
	int rc;
};

static void problem(struct check *k, const struct store_visit *v, const char *fmt, ...)
	HV_PRINTF(3, 4);
static void problem(struct check *k, const struct store_visit *v, const char *fmt, ...)
{
	va_list ap;

	printf("record %lld (case %s): ", (long long)v->id, v->case_ref);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	k->problems++;
}

static bool finished(const char *status)
{
	return strcmp(status, "visited") == 0 || strcmp(status, "no_access") == 0 ||
	       strcmp(status, "reviewed") == 0;
}

static int check_visit(const struct store_visit *lv, void *ctx)
{
	struct check *k = ctx;
	struct visit *vs;
	int *list;
	size_t n, i;

	k->records++;
	if ((k->rc = visit_open(k->st, k->rb, lv->id, NULL, &vs, k->err)) != HV_OK)
		return 1;
	if (strcmp(vs->v.status, "draft") != 0) {
		n = visit_missing(vs, CORE_STAGE_PLAN, &list);
		for (i = 0; i < n; i++)
			problem(k, lv, "required plan answer missing: %s (%s)",
				vs->rb->questions[list[i]].text, vs->rb->questions[list[i]].id);
		free(list);
	}
	if (finished(vs->v.status)) {
		n = visit_missing(vs, CORE_STAGE_OUTCOME, &list);
		for (i = 0; i < n; i++)
			problem(k, lv, "required outcome answer missing: %s (%s)",
				vs->rb->questions[list[i]].text, vs->rb->questions[list[i]].id);
		free(list);
	}
	n = visit_hidden_answers(vs, &list);
	for (i = 0; i < n; i++)
		problem(k, lv, "an answer is left on a question its conditions now hide: %s",
			vs->rb->questions[list[i]].id);
	free(list);
	if (lv->escalation_rank > 0 && (strcmp(lv->status, "visited") == 0 ||
					strcmp(lv->status, "no_access") == 0))
		problem(k, lv, "escalated (%s) and not yet signed off by a manager",
			vs->rb->levels[vs->ev.escalation].label);
	if (strcmp(lv->status, "planned") == 0 && lv->expected_back_at != NULL &&
	    strcmp(lv->expected_back_at, k->now) < 0)
		problem(k, lv, "%s was expected back by %s and no outcome is recorded yet",
			lv->practitioner, lv->expected_back_at);
	visit_free(vs);
	return 0;
}

static int overdue(const struct store_action *a, void *ctx)
{
	struct check *k = ctx;

	printf("record %lld (case %s): action overdue since %s (%s): %s\n", (long long)a->visit,
	       a->case_ref, a->due_at, a->owner, a->text);
	k->problems++;
	return 0;
}

static int cmd_db_check(struct cli *cli, int argc, char **argv)
{
	struct store_filter all;
	struct core_rulebook *rb = NULL;
	struct store *st = NULL;
	struct hv_error err;
	struct check k;
	int rc;

	(void)argv;
	if (argc > 1)
		return cli_usage(&cmd_db_check_entry, "'db check' takes no arguments");
	hv_error_init(&err);
	if ((rc = cli_load_rules(cli_rules_path(cli), &rb)) != HV_OK)
		return rc;
	if ((rc = cli_open_store(cli, STORE_READONLY, cli->training, &st)) != HV_OK)
		goto out;
	rc = store_integrity(st, &err);
	if (rc != HV_OK) {
		hv_error_print(&err, stdout);
		rc = rc == HV_FOUND ? HV_FOUND : rc;
		goto out;
	}
	printf("%s: integrity ok; schema version %d\n", store_path(st), store_schema_version(st));
	memset(&k, 0, sizeof(k));
	k.st = st;
	k.rb = rb;
	k.err = &err;
	store_now_local(k.now);
	memset(&all, 0, sizeof(all));
	all.drafts_too = true;
	all.now = k.now;
	rc = store_visits_list(st, &all, 0, -1, check_visit, &k, &err);
	if (rc == HV_OK)
		rc = k.rc;
	if (rc == HV_OK)
		rc = store_due_list(st, true, k.now, overdue, &k, &err);
	if (rc != HV_OK) {
		hv_error_print(&err, stderr);
		goto out;
	}
	printf("%zu record%s checked, %zu problem%s found\n", k.records, k.records == 1 ? "" : "s",
	       k.problems, k.problems == 1 ? "" : "s");
	rc = k.problems > 0 ? HV_FOUND : HV_OK;
out:
	store_close(st);
	core_rulebook_free(rb);
	hv_error_clear(&err);
	return rc;
}

const struct cmd_entry cmd_db_check_entry = {
	"db check", "", "check the database and report incomplete or overdue records",
	cmd_db_check,
};
