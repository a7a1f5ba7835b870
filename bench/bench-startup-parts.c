/* bench-startup-parts.c — where start-up goes, part by part: in a fresh process
 * (so with SQLite's cache empty, as at start-up), the rule file loaded, the
 * database opened as the screens open it, then what the review list
 * (tui/review.c: load) and the main menu (tui/menu.c: count) ask of it before
 * they can draw. Keep in step with those two. usage: bench-startup-parts RULES
 * DB. Prints "name ms" lines; run it several times for medians. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rules.h"
#include "store.h"

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static int take(const struct store_visit *v, void *ctx)
{
	(void)v;
	return ++*(int *)ctx >= 100;
}

static void fail(struct hv_error *err)
{
	hv_error_print(err, stderr);
	exit(err->status ? err->status : 1);
}

int main(int argc, char **argv)
{
	struct core_rulebook *rb;
	struct store_filter f;
	struct hv_error err;
	struct store *st;
	int64_t n;
	double t0, t;
	int rows = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: %s RULES DB\n", argv[0]);
		return 64;
	}
	hv_error_init(&err);
	t0 = now_ms();
	if (rules_load(argv[1], &rb, &err) != HV_OK)
		fail(&err);
	printf("rules_load %.2f\n", (t = now_ms()) - t0);
	t0 = t;
	if (store_open(argv[2], STORE_CREATE, &st, &err) != HV_OK)
		fail(&err);
	printf("store_open %.2f\n", (t = now_ms()) - t0);

	/* the review list */
	memset(&f, 0, sizeof(f));
	t0 = t;
	if (store_visits_count_upto(st, &f, 10000, &n, &err) != HV_OK)
		fail(&err);
	printf("review_count %.2f\n", (t = now_ms()) - t0);
	t0 = t;
	if (store_visits_past_back(st, 2, take, &rows, &err) != HV_OK)
		fail(&err);
	printf("review_past_back %.2f\n", (t = now_ms()) - t0);
	t0 = t;
	rows = 0;
	if (store_visits_list(st, &f, 0, 100, take, &rows, &err) != HV_OK)
		fail(&err);
	printf("review_rows %.2f\n", (t = now_ms()) - t0);

	/* the main menu */
	t0 = t;
	f.status = "draft";
	if (store_visits_count(st, &f, &n, &err) != HV_OK)
		fail(&err);
	f.status = "planned";
	if (store_visits_count(st, &f, &n, &err) != HV_OK)
		fail(&err);
	printf("menu_counts %.2f\n", (t = now_ms()) - t0);
	t0 = t;
	if (store_overdue_count(st, NULL, 99, &n, &err) != HV_OK)
		fail(&err);
	printf("menu_overdue %.2f\n", (t = now_ms()) - t0);

	t0 = now_ms();
	store_close(st);
	printf("store_close %.2f\n", now_ms() - t0);
	core_rulebook_free(rb);
	return 0;
}
