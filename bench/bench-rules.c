/* bench-rules.c — loading a rule file, timed: rules_load_text() on the bytes
 * already in memory and rules_load() from the file, beside a bare libyaml
 * event scan of the same bytes (parse every event, delete it: the least any
 * YAML loader can do). usage: bench-rules FILE [RUNS [fresh|reuse]]. Prints
 * "name value" lines: medians in ms, of the time this thread spent on a CPU
 * (user and system: page faults count, other programs on the machine do not),
 * and of the wall clock.
 *
 * fresh (the default) fixes malloc's thresholds at glibc's defaults, so that
 * each load gets its memory from the system as the program's one load at
 * start-up does; reuse leaves malloc to itself, and a load then mostly reuses
 * the memory the one before it freed (how much depends on what ran before). */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "rules.h"
#include "util.h"

#define MAX_RUNS 201

static double clock_ms(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

/* A stopwatch on both clocks. */
struct watch {
	double cpu, wall;
};

static void start(struct watch *w)
{
	w->cpu = clock_ms(CLOCK_THREAD_CPUTIME_ID);
	w->wall = clock_ms(CLOCK_MONOTONIC);
}

static void stop(const struct watch *w, double *cpu, double *wall)
{
	*cpu = clock_ms(CLOCK_THREAD_CPUTIME_ID) - w->cpu;
	*wall = clock_ms(CLOCK_MONOTONIC) - w->wall;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *t, int n)
{
	qsort(t, (size_t)n, sizeof(double), cmp);
	return t[n / 2];
}

static char *slurp(const char *path, size_t *len)
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
	*len = sb.len;
	return sb_take(&sb);
}

/* The limit: libyaml's parser over the bytes, every event deleted unused. */
static long yaml_scan(const char *text, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	long events = 0;
	int done = 0;

	if (!yaml_parser_initialize(&p))
		exit(70);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			fprintf(stderr, "YAML error: %s\n", p.problem ? p.problem : "?");
			exit(65);
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		events++;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return events;
}

int main(int argc, char **argv)
{
	double scan[MAX_RUNS], text[MAX_RUNS], file[MAX_RUNS];
	double wscan[MAX_RUNS], wtext[MAX_RUNS], wfile[MAX_RUNS];
	struct watch w;
	struct core_rulebook *rb;
	struct hv_error err;
	int runs = 21, i;
	size_t len;
	char *buf;
	long events = 0;

	if (argc < 2 || (argc > 3 && strcmp(argv[3], "fresh") != 0 && strcmp(argv[3], "reuse") != 0)) {
		fprintf(stderr, "usage: %s FILE [RUNS [fresh|reuse]]\n", argv[0]);
		return 64;
	}
	if (argc > 2 && atoi(argv[2]) > 0)
		runs = atoi(argv[2]) < MAX_RUNS ? atoi(argv[2]) : MAX_RUNS;
	if (argc <= 3 || strcmp(argv[3], "fresh") == 0) {
		/* glibc's defaults, fixed: left to itself, malloc moves them after
		 * the first big free, and keeps freed memory for the next load */
		mallopt(M_MMAP_THRESHOLD, 128 * 1024);
		mallopt(M_TRIM_THRESHOLD, 128 * 1024);
	}
	buf = slurp(argv[1], &len);
	/* warm up: page in the libraries and the allocator */
	hv_error_init(&err);
	if (rules_load_text(argv[1], buf, len, &rb, &err) != HV_OK) {
		hv_error_print(&err, stderr);
		return 65;
	}
	printf("questions %zu\nactions %zu\n", rb->nquestions, rb->nactions);
	core_rulebook_free(rb);
	yaml_scan(buf, len);
	/* interleaved, so that drift in the machine's speed falls on both alike */
	for (i = 0; i < runs; i++) {
		start(&w);
		events = yaml_scan(buf, len);
		stop(&w, &scan[i], &wscan[i]);

		hv_error_init(&err);
		start(&w);
		if (rules_load_text(argv[1], buf, len, &rb, &err) != HV_OK) {
			hv_error_print(&err, stderr);
			return 65;
		}
		core_rulebook_free(rb);
		stop(&w, &text[i], &wtext[i]);

		hv_error_init(&err);
		start(&w);
		if (rules_load(argv[1], &rb, &err) != HV_OK) {
			hv_error_print(&err, stderr);
			return 65;
		}
		core_rulebook_free(rb);
		stop(&w, &file[i], &wfile[i]);
	}
	printf("libyaml %s\nbytes %zu\nevents %ld\nruns %d\n", yaml_get_version_string(), len, events,
	       runs);
	printf("yaml_scan_ms %.3f\n", median(scan, runs));
	printf("load_text_ms %.3f\n", median(text, runs));
	printf("load_file_ms %.3f\n", median(file, runs));
	printf("wall_yaml_scan_ms %.3f\n", median(wscan, runs));
	printf("wall_load_text_ms %.3f\n", median(wtext, runs));
	printf("wall_load_file_ms %.3f\n", median(wfile, runs));
	free(buf);
	return 0;
}
