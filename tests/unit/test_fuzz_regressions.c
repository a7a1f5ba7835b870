/* test_fuzz_regressions.c — every input under tests/data/fuzz/<harness>/ (what
 * the fuzzers and reviews found, and hostile seeds) goes through that harness's
 * entry point and ends in a clean load or a clean refusal; what loads is
 * evaluated or played as the harness does. make sanitize and make valgrind
 * replay them with memory checking. */
#include "testutil.h"

#include <dirent.h>

#include "core.h"
#include "hv_error.h"
#include "rules.h"

#define FUZZ_DIR "tests/data/fuzz"

enum harness { H_RULES, H_SCENARIO, H_IMPORT, H_N };

static const char *const harness_dirs[H_N] = {"rules", "scenario", "import"};

struct input {
	enum harness h;
	char *path;
	char *label;
};

/* The bundled rulebook, which the scenario harness checks scenarios against. */
static struct core_rulebook *rb;

static int setup(void **state)
{
	struct hv_error err;

	(void)state;
	hv_error_init(&err);
	if (rules_load(BUNDLED_RULES, &rb, &err) != HV_OK) {
		hv_error_print(&err, stderr);
		hv_error_clear(&err);
		return -1;
	}
	hv_error_clear(&err);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	core_rulebook_free(rb);
	return 0;
}

/* The contract of rules.h, as the harnesses check it: a result and no message,
 * or no result, a failing status and at least one message. */
static void assert_clean(const char *path, int rc, const void *out, const struct hv_error *err)
{
	char *text = hv_error_text(err);

	if (rc == HV_OK) {
		if (out == NULL || err->n != 0)
			print_error("%s: loaded, but out=%p and %zu messages:\n%s\n", path, out,
			            err->n, text);
		assert_non_null(out);
		assert_int_equal(err->n, 0);
	} else {
		if (out != NULL || err->n == 0 || err->status != rc)
			print_error("%s: refused with %d, but out=%p, status %d, %zu messages\n",
			            path, rc, out, err->status, err->n);
		assert_null(out);
		assert_int_not_equal(err->status, HV_OK);
		assert_int_equal(err->status, rc);
		assert_true(err->n > 0);
		/* Every message is positioned inside the input or about the whole of it. */
		assert_non_null(err->diags[0].msg);
		assert_true(err->diags[0].line >= 0 && err->diags[0].col >= 0);
	}
	free(text);
}

/* What the harnesses do with a result: a rulebook is evaluated with an answer
 * to every question, a scenario is played and scored. */
static void evaluate(const struct core_rulebook *book)
{
	struct core_answer *answers = xcalloc(book->nquestions + 1, sizeof(*answers));
	struct core_visit visit = {"unannounced", 1795510800, 1795518000};
	struct core_eval ev;
	size_t i;

	for (i = 0; i < book->nquestions; i++) {
		const struct core_question *q = &book->questions[i];

		if (q->type == CORE_Q_YESNO)
			answers[i].value = "yes";
		else if (q->type == CORE_Q_CHOICE || q->type == CORE_Q_MULTI)
			answers[i].value = q->noptions ? q->options[q->noptions - 1].id : NULL;
		else if (q->type == CORE_Q_DATETIME)
			answers[i].value = "2026-11-24 10:00";
		else
			answers[i].value = NULL;
	}
	core_evaluate(book, &visit, answers, &ev);
	core_eval_free(&ev);
	free(answers);
}

static void play(const struct core_scenario *sc)
{
	struct core_score score;

	core_scenario_run(rb, sc, sc->skip, sc->nskip, 1795510800, &score);
	core_score_free(&score);
}

static void replays_cleanly(void **state)
{
	const struct input *in = *state;
	struct hv_error err;
	size_t len = 0;
	char *text = tu_read(in->path, &len);
	int rc;

	assert_non_null(text);
	hv_error_init(&err);
	switch (in->h) {
	case H_RULES: {
		struct core_rulebook *out = NULL;

		rc = rules_load_text(in->path, text, len, &out, &err);
		assert_clean(in->path, rc, out, &err);
		if (out != NULL)
			evaluate(out);
		core_rulebook_free(out);
		break;
	}
	case H_SCENARIO: {
		struct core_scenario *out = NULL;

		rc = rules_scenario_load_text(in->path, text, len, rb, &out, &err);
		assert_clean(in->path, rc, out, &err);
		if (out != NULL)
			play(out);
		core_scenario_free(out);
		break;
	}
	default: {
		struct rules_import *out = NULL;

		rc = rules_import_text(in->path, text, len, &out, &err);
		assert_clean(in->path, rc, out, &err);
		rules_import_free(out);
		break;
	}
	}
	hv_error_clear(&err);
	free(text);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct input *)a)->path, ((const struct input *)b)->path);
}

int main(void)
{
	struct input *inputs = NULL;
	struct CMUnitTest *tests;
	size_t n = 0, cap = 0, i, per[H_N] = {0};
	int h, rc;

	tu_chdir_srcdir();
	for (h = 0; h < H_N; h++) {
		char *dirname = xasprintf("%s/%s", FUZZ_DIR, harness_dirs[h]);
		DIR *dir = opendir(dirname);
		struct dirent *de;

		if (dir == NULL) {
			perror(dirname);
			return 1;
		}
		while ((de = readdir(dir)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 32;
				inputs = xreallocarray(inputs, cap, sizeof(*inputs));
			}
			inputs[n].h = (enum harness)h;
			inputs[n].path = xasprintf("%s/%s", dirname, de->d_name);
			inputs[n].label = xasprintf("%s/%s", harness_dirs[h], de->d_name);
			per[h]++;
			n++;
		}
		closedir(dir);
		free(dirname);
	}
	/* An empty directory would make a harness's regressions pass vacuously. */
	for (h = 0; h < H_N; h++) {
		if (per[h] == 0) {
			fprintf(stderr, "%s/%s holds no regression input\n", FUZZ_DIR,
			        harness_dirs[h]);
			return 1;
		}
	}
	qsort(inputs, n, sizeof(*inputs), by_path);
	tests = xcalloc(n ? n : 1, sizeof(*tests));
	for (i = 0; i < n; i++) {
		tests[i].name = inputs[i].label;
		tests[i].test_func = replays_cleanly;
		tests[i].initial_state = &inputs[i];
	}
	rc = _cmocka_run_group_tests("fuzz_regressions", tests, n, setup, teardown);
	for (i = 0; i < n; i++) {
		free(inputs[i].path);
		free(inputs[i].label);
	}
	free(inputs);
	free(tests);
	return rc;
}
