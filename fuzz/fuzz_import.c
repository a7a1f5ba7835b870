/* fuzz_import.c — libFuzzer harness for the import reader (YAML and JSON):
 * any bytes given to rules_import_text() end in a clean load or a clean refusal. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rules_import *imp = NULL;
	struct hv_error err;
	char *text;
	int rc;

	hv_error_init(&err);
	rc = rules_import_text("fuzz.yaml", (const char *)data, size, &imp, &err);
	if (rc == HV_OK ? imp == NULL || err.n != 0 : imp != NULL || err.n == 0 || err.status != rc)
		abort();
	text = hv_error_text(&err);
	free(text);
	rules_import_free(imp);
	hv_error_clear(&err);
	return 0;
}
