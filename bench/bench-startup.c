/* bench-startup.c — start-up to the first drawn screen, in a pseudo-terminal:
 * the program is started with forkpty() in a terminal of a fixed size, and the
 * clock runs from just before the fork until the terminal has received MARKER,
 * the text that the first screen draws last (its bottom line). Then q is sent,
 * the rest of the output drained and the child reaped (its exit status must be
 * 0); the time from the q to the end is the quit time.
 *
 * usage: bench-startup [-n RUNS] [-s COLSxROWS] [-o RAWFILE] MARKER PROGRAM [ARGS...]
 * Prints "name value" lines: runs, median_ms, min_ms, max_ms, quit_ms (a median).
 * RAWFILE gets what the terminal received on the last run (to check the marker). */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 201
#define OUT_MAX (1024 * 1024)
#define TIMEOUT_MS 10000

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static char out[OUT_MAX];
static size_t outlen;

/* Reads what is there (waiting at most ms); returns false at the end of output. */
static int drain(int fd, int ms)
{
	struct pollfd p = {fd, POLLIN, 0};
	ssize_t r;

	if (poll(&p, 1, ms) <= 0)
		return 1;
	r = read(fd, out + outlen, OUT_MAX - 1 - outlen);
	if (r <= 0)
		return r < 0 && errno == EINTR;
	outlen += (size_t)r;
	if (outlen >= OUT_MAX - 1)
		outlen = 0; /* far more than a screen: keep reading, the marker is long gone */
	out[outlen] = '\0';
	return 1;
}

static double quit_ms; /* of the last run */

/* One run: ms from the fork to the marker, or -1. */
static double run_once(char **argv, const char *marker, unsigned short cols, unsigned short rows)
{
	struct winsize ws = {rows, cols, 0, 0};
	double t0, t1 = -1, deadline;
	size_t mlen = strlen(marker), from = 0;
	int fd, status;
	pid_t pid;

	outlen = 0;
	out[0] = '\0';
	t0 = now_ms();
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		exit(71);
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		unsetenv("NO_COLOR");
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	deadline = t0 + TIMEOUT_MS;
	while (now_ms() < deadline) {
		size_t before = outlen;

		if (!drain(fd, 100))
			break;
		if (outlen < before)
			from = 0;
		if (outlen >= mlen && memmem(out + from, outlen - from, marker, mlen) != NULL) {
			t1 = now_ms();
			break;
		}
		from = outlen >= mlen ? outlen - mlen + 1 : 0;
	}
	/* quit, and wait for the program to end */
	quit_ms = now_ms();
	if (write(fd, "q", 1) != 1)
		perror("write");
	deadline = quit_ms + TIMEOUT_MS;
	while (now_ms() < deadline && drain(fd, 100))
		;
	if (now_ms() >= deadline)
		kill(pid, SIGKILL);
	close(fd);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench-startup: %s did not end cleanly (status %d)\n", argv[0], status);
		return -1;
	}
	quit_ms = now_ms() - quit_ms;
	return t1 < 0 ? -1 : t1 - t0;
}

int main(int argc, char **argv)
{
	double t[MAX_RUNS], q[MAX_RUNS];
	const char *raw = NULL, *marker;
	unsigned cols = 120, rows = 40;
	int runs = 21, i, opt;

	while ((opt = getopt(argc, argv, "+n:s:o:")) != -1) {
		switch (opt) {
		case 'n':
			runs = atoi(optarg);
			break;
		case 's':
			if (sscanf(optarg, "%ux%u", &cols, &rows) != 2)
				runs = 0;
			break;
		case 'o':
			raw = optarg;
			break;
		default:
			runs = 0;
		}
	}
	if (runs < 1 || runs > MAX_RUNS || argc - optind < 2) {
		fprintf(stderr, "usage: %s [-n RUNS] [-s COLSxROWS] [-o RAWFILE] MARKER PROGRAM [ARGS...]\n",
			argv[0]);
		return 64;
	}
	marker = argv[optind];
	/* one run not counted: the program and its libraries come into the page cache */
	if (run_once(argv + optind + 1, marker, (unsigned short)cols, (unsigned short)rows) < 0) {
		fprintf(stderr, "bench-startup: '%s' never appeared; the terminal received:\n", marker);
		fwrite(out, 1, outlen, stderr);
		return 1;
	}
	for (i = 0; i < runs; i++) {
		t[i] = run_once(argv + optind + 1, marker, (unsigned short)cols, (unsigned short)rows);
		q[i] = quit_ms;
		if (t[i] < 0) {
			fprintf(stderr, "bench-startup: '%s' never appeared\n", marker);
			return 1;
		}
	}
	if (raw != NULL) {
		FILE *fp = fopen(raw, "wb");

		if (fp != NULL) {
			fwrite(out, 1, outlen, fp);
			fclose(fp);
		}
	}
	qsort(t, (size_t)runs, sizeof(double), cmp);
	qsort(q, (size_t)runs, sizeof(double), cmp);
	printf("runs %d\nmedian_ms %.2f\nmin_ms %.2f\nmax_ms %.2f\nquit_ms %.2f\n", runs, t[runs / 2],
	       t[0], t[runs - 1], q[runs / 2]);
	return 0;
}
