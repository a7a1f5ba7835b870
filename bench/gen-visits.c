/* gen-visits.c — fills a database with realistic visits for the benchmarks,
 * through the same path as `homevisit import` (checked, then written in one
 * transaction per batch). usage: gen-visits RULES SAMPLE DB COUNT [SEED]
 * With DB ending in .yaml, writes the visits there as one import file instead
 * (for timing `homevisit import`); FIRST numbers the case references from there.
 * usage: gen-visits RULES SAMPLE FILE.yaml COUNT [SEED [FIRST]] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rules.h"
#include "store.h"
#include "visit.h"

#define BATCH 500

static const char *const first_names[] = {
	"Ann", "Zoë", "Łukasz", "Priya", "Tom", "Aisha", "Gareth", "Siobhán", "Mohammed", "Ewa",
	"Chloe", "Daniel", "Fatima", "Ravi", "Nia", "Oliver", "Grace", "Kwame", "Ruth", "Sam",
};
static const char *const last_names[] = {
	"Smith", "Ó'Brien", "Nowak", "Patel", "Jones", "Khan", "Evans", "Murphy", "Ali", "Kowalska",
	"Brown", "Taylor", "Hussain", "Sharma", "Williams", "Davies", "Green", "Mensah", "Cohen",
};

static unsigned seed = 1;

static unsigned rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) & 0xFFFFFF;
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf sb;
	char buf[65536];
	size_t n;

	if (fp == NULL) {
		perror(path);
		exit(66);
	}
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_addn(&sb, buf, n);
	fclose(fp);
	return sb_take(&sb);
}

/* Replaces the rest of the line after key (first occurrence) with value. */
static void set_line(struct strbuf *t, const char *key, const char *value)
{
	char *at = strstr(t->s, key), *eol;
	struct strbuf out;

	if (at == NULL)
		return;
	eol = strchr(at, '\n');
	sb_init(&out);
	sb_addn(&out, t->s, (size_t)(at - t->s) + strlen(key));
	sb_adds(&out, value);
	sb_adds(&out, eol ? eol : "");
	sb_free(t);
	*t = out;
}

static void when(char out[32], int day_offset, int minute)
{
	time_t t = time(NULL) + (time_t)day_offset * 86400;
	struct tm tm;

	localtime_r(&t, &tm);
	snprintf(out, 32, "\"%04u-%02u-%02u %02u:%02u\"", (unsigned)(tm.tm_year + 1900) % 10000u,
		 (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u,
		 (unsigned)(8 + minute / 60) % 24u, (unsigned)(minute % 60) % 100u);
}

struct done_ctx {
	int64_t *ids;
	size_t n, cap;
	char cutoff[17];
};

static int old_open(const struct store_action *a, void *ctx)
{
	struct done_ctx *d = ctx;

	if (strcmp(a->status, "open") != 0 || a->due_at == NULL || strcmp(a->due_at, d->cutoff) >= 0)
		return 0;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 256;
		d->ids = xreallocarray(d->ids, d->cap, sizeof(int64_t));
	}
	d->ids[d->n++] = a->id;
	return 0;
}

/* Marks done the open actions of records first..last due more than three
 * weeks ago; most, not all: some are left overdue, as in real teams. */
static int mark_old_done(struct store *st, int64_t first, int64_t last, struct hv_error *err)
{
	struct done_ctx d = {0};
	time_t t = time(NULL) - 21 * 86400;
	int64_t id;
	size_t i;
	int rc;

	core_time_format(t, d.cutoff);
	for (id = first; id <= last; id++)
		if ((rc = store_actions_list(st, id, old_open, &d, err)) != HV_OK)
			return rc;
	if ((rc = store_begin(st, err)) != HV_OK)
		return rc;
	for (i = 0; i < d.n; i++)
		if (rnd() % 50 != 0 && (rc = store_action_done(st, d.ids[i], "done", "bench", err)) != HV_OK) {
			store_rollback(st);
			free(d.ids);
			return rc;
		}
	free(d.ids);
	return store_commit(st, err);
}

int main(int argc, char **argv)
{
	struct core_rulebook *rb;
	struct store *st = NULL;
	struct hv_error err;
	char *sample, *blocks[3] = {0};
	long count, done = 0, first_id = 1;
	size_t dblen;
	FILE *yaml = NULL;
	int i;

	if (argc < 5) {
		fprintf(stderr, "usage: %s RULES SAMPLE DB|FILE.yaml COUNT [SEED [FIRST]]\n", argv[0]);
		return 64;
	}
	count = atol(argv[4]);
	if (argc > 5)
		seed = (unsigned)atol(argv[5]);
	if (argc > 6)
		first_id = atol(argv[6]);
	dblen = strlen(argv[3]);
	if (dblen > 5 && strcmp(argv[3] + dblen - 5, ".yaml") == 0 &&
	    (yaml = fopen(argv[3], "w")) == NULL) {
		perror(argv[3]);
		return 73;
	}
	hv_error_init(&err);
	if (rules_load(argv[1], &rb, &err) != HV_OK) {
		hv_error_print(&err, stderr);
		return 65;
	}
	/* The sample's three visits (planned, no access, visited) are the templates. */
	sample = slurp(argv[2]);
	{
		char *p = strstr(sample, "  - case_ref:");

		for (i = 0; i < 3 && p != NULL; i++) {
			char *next = strstr(p + 1, "  - case_ref:");

			blocks[i] = next ? xstrndup(p, (size_t)(next - p)) : xstrdup(p);
			p = next;
		}
	}
	if (blocks[2] == NULL) {
		fprintf(stderr, "%s: expected three visits\n", argv[2]);
		return 65;
	}
	if (yaml == NULL && store_open(argv[3], STORE_CREATE, &st, &err) != HV_OK) {
		hv_error_print(&err, stderr);
		return err.status;
	}
	while (done < count) {
		struct strbuf file;
		struct rules_import *imp;
		int64_t first, last;
		long n = count - done < BATCH ? count - done : BATCH, k;

		sb_init(&file);
		if (yaml == NULL || done == 0)
			sb_adds(&file, "visits:\n");
		for (k = 0; k < n; k++) {
			long id = first_id + done + k;
			unsigned kind = rnd() % 100;
			int day = (int)(rnd() % 730) - 700; /* two years back, a month ahead */
			int minute = (int)(rnd() % 480);
			char buf[128], t[32];
			struct strbuf v;
			int b = day > 0 ? 0 : kind < 20 ? 1 : 2;

			if (day > 0 || kind >= 95)
				b = 0; /* future visits, and a few past ones, only planned */
			sb_init(&v);
			sb_adds(&v, blocks[b]);
			snprintf(buf, sizeof(buf), "C-%06ld", id);
			set_line(&v, "case_ref: ", buf);
			snprintf(buf, sizeof(buf), "\"%s %s\"", first_names[rnd() % 20], last_names[rnd() % 19]);
			set_line(&v, "practitioner: ", buf);
			when(t, day, minute);
			set_line(&v, "planned_at: ", t);
			set_line(&v, "kind: ", rnd() % 4 == 0 ? "unannounced" : "announced");
			/* a lone worker is expected back two and a half hours after the
			 * visit is planned, and the visit must be done within a week */
			when(t, day, minute + 150);
			set_line(&v, "involved.expected-back: ", t);
			when(t, day + 7, minute);
			set_line(&v, "contingency.complete-by: ", t);
			when(t, day, minute + 5);
			set_line(&v, "outcome.visited-at: ", t);
			when(t, day + 1, minute);
			set_line(&v, "fa.next-contact: ", t);
			set_line(&v, "fa.risk-level: ", (const char *[]){"no-concerns", "significant-harm",
									  "grave-concern"}[rnd() % 3]);
			sb_adds(&file, v.s);
			sb_free(&v);
		}
		if (yaml != NULL) {
			fputs(file.s, yaml);
			sb_free(&file);
			done += n;
			continue;
		}
		if (rules_import_text("generated", file.s, file.len, &imp, &err) != HV_OK ||
		    visit_import_check(rb, imp, &err) != HV_OK ||
		    visit_import_write(st, rb, imp, "bench", &first, &last, &err) != HV_OK) {
			hv_error_print(&err, stderr);
			return err.status;
		}
		/* Older follow-ups have been done, as they would be in a team's records. */
		if (mark_old_done(st, first, last, &err) != HV_OK) {
			hv_error_print(&err, stderr);
			return err.status;
		}
		rules_import_free(imp);
		sb_free(&file);
		done += n;
		if (done % 10000 == 0)
			fprintf(stderr, "%ld visits\n", done);
	}
	if (yaml != NULL && fclose(yaml) != 0) {
		perror(argv[3]);
		return 74;
	}
	if (yaml == NULL)
		store_close(st);
	core_rulebook_free(rb);
	for (i = 0; i < 3; i++)
		free(blocks[i]);
	free(sample);
	printf("%ld visits written to %s\n", done, argv[3]);
	return 0;
}
