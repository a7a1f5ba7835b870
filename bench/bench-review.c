/* bench-review.c — what the review screen asks of the database, timed: the
 * first screen (count and first page), each filter, each search keystroke; and
 * the memory that took. usage: bench-review DB [RUNS]. Prints "name ms" lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "store.h"

#define PAGE 100 /* the rows the screen holds at once (tui/review.c) */

static int runs = 11;

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static int count_row(const struct store_visit *v, void *ctx)
{
	(void)v;
	(*(int *)ctx)++;
	return 0;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* What the screen does on a filter change (tui/review.c): count the matches
 * up to 10,000, read a page. */
static double screen_ms(struct store *st, const struct store_filter *f, int64_t *total)
{
	double t[64], t0;
	struct hv_error err;
	int i, rows;

	hv_error_init(&err);
	for (i = 0; i < runs; i++) {
		t0 = now_ms();
		rows = 0;
		if (store_visits_count_upto(st, f, 10000, total, &err) != HV_OK ||
		    store_visits_list(st, f, 0, PAGE, count_row, &rows, &err) != HV_OK) {
			hv_error_print(&err, stderr);
			exit(1);
		}
		t[i] = now_ms() - t0;
	}
	qsort(t, (size_t)runs, sizeof(double), cmp);
	return t[runs / 2];
}

int main(int argc, char **argv)
{
	static const char *const keystrokes[] = {"C", "C-", "C-0", "C-00", "C-001", "C-0012",
						 "Ł", "Łu", "Łuk", "łukasz", "ann", "zo"};
	struct store_filter f;
	struct hv_error err;
	struct store *st;
	struct rusage ru;
	double first, worst = 0, ms;
	int64_t total;
	size_t i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s DB [RUNS]\n", argv[0]);
		return 64;
	}
	if (argc > 2)
		runs = atoi(argv[2]) > 0 && atoi(argv[2]) < 64 ? atoi(argv[2]) : runs;
	hv_error_init(&err);
	{
		double t0 = now_ms();

		if (store_open(argv[1], STORE_READONLY, &st, &err) != HV_OK) {
			hv_error_print(&err, stderr);
			return err.status;
		}
		memset(&f, 0, sizeof(f));
		runs = 1;
		first = screen_ms(st, &f, &total);
		printf("first_screen_cold_ms %.2f (open %.2f)\n", now_ms() - t0, first);
		runs = argc > 2 && atoi(argv[2]) > 0 && atoi(argv[2]) < 64 ? atoi(argv[2]) : 11;
	}
	printf("records %lld\n", (long long)total);
	printf("first_screen_ms %.2f\n", screen_ms(st, &f, &total));

#define FILTER(name, set)                                                                       \
	do {                                                                                     \
		memset(&f, 0, sizeof(f));                                                        \
		set;                                                                             \
		ms = screen_ms(st, &f, &total);                                                  \
		if (ms > worst)                                                                  \
			worst = ms;                                                              \
		printf("filter_%s_ms %.2f (%lld rows)\n", name, ms, (long long)total);          \
	} while (0)
	FILTER("status_no_access", f.status = "no_access");
	FILTER("unreviewed", f.unreviewed = true);
	FILTER("failed_access", f.failed_access = true);
	FILTER("escalation_police_or_above", f.min_escalation = 3);
	FILTER("emergency", f.emergency = true);
	FILTER("overdue_actions", f.overdue = true);
	FILTER("practitioner", f.practitioner = "Ann Smith");
	FILTER("date_range", (f.from = "2025-06-01", f.to = "2025-06-30"));
	FILTER("past_expected_back", f.past_back = true);
	FILTER("unreviewed_failed_access_last_month", (f.unreviewed = true, f.failed_access = true,
							f.from = "2026-10-24"));
	printf("filter_worst_ms %.2f\n", worst);
	worst = 0;
	for (i = 0; i < sizeof(keystrokes) / sizeof(keystrokes[0]); i++) {
		memset(&f, 0, sizeof(f));
		f.search = keystrokes[i];
		ms = screen_ms(st, &f, &total);
		if (ms > worst)
			worst = ms;
		printf("search_%s_ms %.2f (%lld rows)\n", keystrokes[i], ms, (long long)total);
	}
	printf("search_worst_ms %.2f\n", worst);
	store_close(st);
	getrusage(RUSAGE_SELF, &ru);
	printf("max_rss_kb %ld\n", ru.ru_maxrss);
	return 0;
}
