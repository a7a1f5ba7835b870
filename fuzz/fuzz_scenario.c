/* fuzz_scenario.c — libFuzzer harness for the scenario loader: the bundled
 * rulebook is loaded once, then every input goes through rules_scenario_load_text(),
 * and a scenario that loads is played and scored. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "rules.h"

#ifndef HV_SRCDIR
#define HV_SRCDIR "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct core_rulebook *rb;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct hv_error err;

	(void)argc;
	(void)argv;
	hv_error_init(&err);
	if (rules_load(HV_SRCDIR "/data/rules/home-visit.yaml", &rb, &err) != HV_OK) {
		hv_error_print(&err, stderr);
		abort();
	}
	hv_error_clear(&err);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct core_scenario *sc = NULL;
	struct hv_error err;
	char *text;
	int rc;

	hv_error_init(&err);
	rc = rules_scenario_load_text("fuzz.yaml", (const char *)data, size, rb, &sc, &err);
	if (rc == HV_OK ? sc == NULL || err.n != 0 : sc != NULL || err.n == 0 || err.status != rc)
		abort();
	if (sc != NULL) {
		/* A scenario that loads is played and scored, as a training run would. */
		struct core_score score;

		core_scenario_run(rb, sc, sc->skip, sc->nskip, 1795510800, &score);
		core_score_free(&score);
	}
	text = hv_error_text(&err);
	free(text);
	core_scenario_free(sc);
	hv_error_clear(&err);
	return 0;
}
