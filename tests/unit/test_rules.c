/* test_rules.c — the rule loader: the bundled rulebook loads whole and sourced,
 * and every malformed file under tests/data/rules/bad is refused with its exact message. */
#include "testutil.h"

#include <dirent.h>

#include "rules.h"

#define BAD_DIR "tests/data/rules/bad"

static struct core_rulebook *load_ok(const char *path)
{
	struct core_rulebook *rb = NULL;
	struct hv_error err;
	int rc;

	hv_error_init(&err);
	rc = rules_load(path, &rb, &err);
	if (rc != HV_OK) {
		char *text = hv_error_text(&err);

		print_error("%s\n", text);
		free(text);
	}
	assert_int_equal(rc, HV_OK);
	assert_non_null(rb);
	hv_error_clear(&err);
	return rb;
}

static void bundled_rulebook_loads(void **state)
{
	struct core_rulebook *rb = load_ok(BUNDLED_RULES);

	(void)state;
	assert_string_equal(rb->id, "ddscp-home-visit");
	assert_true(rb->nquestions >= 100);
	assert_true(rb->nactions >= 20);
	assert_true(rb->nprocedures >= 1);
	core_rulebook_free(rb);
}

static void bundled_rulebook_keeps_its_text(void **state)
{
	struct core_rulebook *rb = load_ok(BUNDLED_RULES);
	size_t len;
	char *text = tu_read(BUNDLED_RULES, &len);

	(void)state;
	assert_non_null(text);
	assert_int_equal(rb->text_len, len);
	assert_memory_equal(rb->text, text, len);
	free(text);
	core_rulebook_free(rb);
}

static void assert_sourced(const char *what, const char *id, const struct core_source *src)
{
	if (src->doc == NULL || src->page < 1) {
		print_error("%s '%s' has no source reference\n", what, id);
		fail();
	}
}

static void every_question_and_action_names_its_source(void **state)
{
	struct core_rulebook *rb = load_ok(BUNDLED_RULES);
	size_t i;

	(void)state;
	for (i = 0; i < rb->nquestions; i++) {
		assert_sourced("question", rb->questions[i].id, &rb->questions[i].src);
		assert_true(strlen(rb->questions[i].guidance) > 0);
	}
	for (i = 0; i < rb->nsections; i++)
		assert_sourced("section", rb->sections[i].id, &rb->sections[i].src);
	for (i = 0; i < rb->nactions; i++) {
		assert_sourced("action", rb->actions[i].id, &rb->actions[i].src);
		assert_true(strlen(rb->actions[i].guidance) > 0);
		assert_true(rb->actions[i].owner >= 0);
	}
	for (i = 0; i < rb->nrisks; i++)
		assert_sourced("risk", rb->risks[i].id, &rb->risks[i].src);
	core_rulebook_free(rb);
}

/* Every page of the DDSCP guidance that holds questions, and the Darlington
 * procedure, is cited by at least one question. */
static void bundled_rulebook_cites_every_page_with_guidance(void **state)
{
	static const struct {
		const char *doc;
		int page;
	} pages[] = {{"ddscp", 1}, {"ddscp", 2}, {"ddscp", 3}, {"ddscp", 4}, {"ddscp", 7},
		     {"darlington", 1}};
	struct core_rulebook *rb = load_ok(BUNDLED_RULES);
	size_t i, p;

	(void)state;
	for (p = 0; p < sizeof(pages) / sizeof(pages[0]); p++) {
		bool found = false;

		for (i = 0; i < rb->nquestions && !found; i++)
			found = strcmp(rb->questions[i].src.doc, pages[p].doc) == 0 &&
				rb->questions[i].src.page == pages[p].page;
		for (i = 0; i < rb->nsections && !found; i++)
			found = strcmp(rb->sections[i].src.doc, pages[p].doc) == 0 &&
				rb->sections[i].src.page == pages[p].page;
		if (!found)
			print_error("nothing cites %s page %d\n", pages[p].doc, pages[p].page);
		assert_true(found);
	}
	core_rulebook_free(rb);
}

static void minimal_rulebook_loads(void **state)
{
	struct core_rulebook *rb = load_ok(MINIMAL_RULES);

	(void)state;
	assert_int_equal(rb->ntop_sections, 2);
	assert_int_equal(rb->nsections, 3);
	assert_int_equal(rb->nquestions, 8);
	assert_int_equal(rb->nactions, 5);
	assert_int_equal(rb->nrisks, 1);
	assert_int_equal(rb->nlevels, 4);
	assert_int_equal(rb->record_q[CORE_REC_EXPECTED_BACK], core_question_index(rb, "plan.back"));
	assert_int_equal(rb->record_q[CORE_REC_NEXT_CONTACT], core_question_index(rb, "fa.next"));
	assert_int_equal(rb->sections[2].procedure, 0);
	assert_int_equal(rb->sections[2].step, 1);
	assert_string_equal(rb->questions[0].guidance, "Is it safe to go alone?");
	core_rulebook_free(rb);
}

/* ---- every malformed file, with the exact messages expected ---- */

static void rejects_bad_file(void **state)
{
	const char *name = *state;
	char yaml[512], expect[512];
	struct core_rulebook *rb = NULL;
	struct hv_error err;
	char *want, *got;
	size_t len = 0;
	int rc;

	snprintf(yaml, sizeof(yaml), "%s/%s.yaml", BAD_DIR, name);
	snprintf(expect, sizeof(expect), "%s/%s.expect", BAD_DIR, name);
	want = tu_read(expect, &len);
	assert_non_null(want);
	while (len > 0 && want[len - 1] == '\n')
		want[--len] = '\0';
	hv_error_init(&err);
	rc = rules_load(yaml, &rb, &err);
	assert_int_equal(rc, HV_EDATA);
	assert_null(rb);
	got = hv_error_text(&err);
	if (strcmp(got, want) != 0)
		print_error("expected:\n%s\ngot:\n%s\n", want, got);
	assert_string_equal(got, want);
	free(got);
	free(want);
	hv_error_clear(&err);
}

static void oversized_file_is_refused(void **state)
{
	size_t n = 8u * 1024u * 1024u + 1;
	char *big = xmalloc(n);
	struct core_rulebook *rb;
	struct hv_error err;
	char *text;

	(void)state;
	memset(big, '#', n);
	hv_error_init(&err);
	assert_int_equal(rules_load_text("big.yaml", big, n, &rb, &err), HV_EDATA);
	text = hv_error_text(&err);
	assert_string_equal(text, "big.yaml: the file is larger than 8 MiB");
	free(text);
	free(big);
	hv_error_clear(&err);
}

static void missing_file_is_noinput(void **state)
{
	struct core_rulebook *rb;
	struct hv_error err;
	char *text;

	(void)state;
	hv_error_init(&err);
	assert_int_equal(rules_load("tests/data/no-such-file.yaml", &rb, &err), HV_ENOINPUT);
	text = hv_error_text(&err);
	assert_string_equal(text, "tests/data/no-such-file.yaml: cannot open: No such file or directory");
	free(text);
	hv_error_clear(&err);
}

/* Twenty thousand nested brackets take libyaml seconds if unchecked; the depth
 * check stops at the 33rd. */
static void twenty_thousand_brackets_are_refused_at_the_limit(void **state)
{
	size_t n = 20000, i;
	char *deep = xmalloc(2 * n + 16);
	struct core_rulebook *rb;
	struct hv_error err;
	char *text;

	(void)state;
	memcpy(deep, "x: ", 3);
	for (i = 0; i < n; i++)
		deep[3 + i] = '[';
	for (i = 0; i < n; i++)
		deep[3 + n + i] = ']';
	hv_error_init(&err);
	assert_int_equal(rules_load_text("deep.yaml", deep, 3 + 2 * n, &rb, &err), HV_EDATA);
	text = hv_error_text(&err);
	assert_string_equal(text, "deep.yaml:1:35: nesting deeper than 32 levels");
	free(text);
	free(deep);
	hv_error_clear(&err);
}

/* Random damage to a valid file: every result is a clean load or a clean
 * refusal (the sanitizer run makes this a memory-safety check too). */
static void damaged_files_never_crash(void **state)
{
	size_t len, i;
	char *orig = tu_read(MINIMAL_RULES, &len);
	unsigned seed = 12345;
	int refused = 0;

	(void)state;
	assert_non_null(orig);
	for (i = 0; i < 600; i++) {
		char *buf = xmalloc(len + 8);
		size_t n = len, k, edits;
		struct core_rulebook *rb = NULL;
		struct hv_error err;

		memcpy(buf, orig, len);
		seed = seed * 1103515245u + 12345u;
		edits = 1 + (seed >> 16) % 4;
		for (k = 0; k < edits; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % n;
			static const char junk[] = "{}[]:-&*!'\"\t\n #x\xff";

			seed = seed * 1103515245u + 12345u;
			switch ((seed >> 16) % 3) {
			case 0:
				buf[at] = junk[(seed >> 4) % (sizeof(junk) - 1)];
				break;
			case 1:
				n = at; /* truncate */
				break;
			default:
				memmove(buf + at, buf + at + 1, n - at - 1);
				n--;
			}
			if (n == 0)
				break;
		}
		hv_error_init(&err);
		if (rules_load_text("damaged.yaml", buf, n, &rb, &err) != HV_OK) {
			assert_null(rb);
			assert_true(err.n > 0);
			refused++;
		} else {
			assert_non_null(rb);
		}
		core_rulebook_free(rb);
		hv_error_clear(&err);
		free(buf);
	}
	assert_true(refused > 300);
	free(orig);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(bundled_rulebook_loads),
		cmocka_unit_test(bundled_rulebook_keeps_its_text),
		cmocka_unit_test(every_question_and_action_names_its_source),
		cmocka_unit_test(bundled_rulebook_cites_every_page_with_guidance),
		cmocka_unit_test(minimal_rulebook_loads),
		cmocka_unit_test(oversized_file_is_refused),
		cmocka_unit_test(missing_file_is_noinput),
		cmocka_unit_test(twenty_thousand_brackets_are_refused_at_the_limit),
		cmocka_unit_test(damaged_files_never_crash),
	};
	size_t nfixed = sizeof(fixed) / sizeof(fixed[0]), n = 0, cap = 64, i;
	struct CMUnitTest *tests = xcalloc(cap + nfixed, sizeof(*tests));
	char **names = xcalloc(cap, sizeof(char *));
	char **labels;
	struct dirent *de;
	DIR *dir;
	int rc;

	tu_chdir_srcdir();
	dir = opendir(BAD_DIR);
	assert_non_null(dir);
	while ((de = readdir(dir)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len > 5 && strcmp(de->d_name + len - 5, ".yaml") == 0) {
			if (n == cap) {
				cap *= 2;
				names = xreallocarray(names, cap, sizeof(char *));
				tests = xreallocarray(tests, cap + nfixed, sizeof(*tests));
			}
			names[n++] = xstrndup(de->d_name, len - 5);
		}
	}
	closedir(dir);
	qsort(names, n, sizeof(char *), by_name);
	labels = xcalloc(n ? n : 1, sizeof(char *));
	memcpy(tests, fixed, sizeof(fixed));
	for (i = 0; i < n; i++) {
		labels[i] = xasprintf("rejects_%s", names[i]);
		memset(&tests[nfixed + i], 0, sizeof(tests[0]));
		tests[nfixed + i].name = labels[i];
		tests[nfixed + i].test_func = rejects_bad_file;
		tests[nfixed + i].initial_state = names[i];
	}
	rc = _cmocka_run_group_tests("rules", tests, nfixed + n, NULL, NULL);
	for (i = 0; i < n; i++) {
		free(names[i]);
		free(labels[i]);
	}
	free(names);
	free(labels);
	free(tests);
	return rc;
}
