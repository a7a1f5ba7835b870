/* fuzz_rules.c — libFuzzer harness for the rule loader: any bytes given to
 * rules_load_text() end in a clean load or a clean refusal, never a crash or a
 * leak; and a rulebook that loads is evaluated, so the engine sees it too. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An answer to every question, each picked by a byte of the input, so that
 * conditions, deadlines and the escalation ladder all get exercised. */
static void evaluate(const struct core_rulebook *rb, const uint8_t *data, size_t size)
{
	static const char *const yesno[] = {"yes", "no", "unknown"};
	struct core_answer *answers = calloc(rb->nquestions + 1, sizeof(*answers));
	struct core_visit visit = {"unannounced", 1795510800, 1795518000};
	struct core_eval ev;
	size_t i;

	if (answers == NULL)
		abort();
	core_evaluate(rb, &visit, answers, &ev);
	core_eval_free(&ev);
	for (i = 0; i < rb->nquestions; i++) {
		const struct core_question *q = &rb->questions[i];
		unsigned pick = size > 0 ? data[i % size] : 0;

		switch (q->type) {
		case CORE_Q_YESNO:
			answers[i].value = yesno[pick % 3];
			break;
		case CORE_Q_CHOICE:
		case CORE_Q_MULTI:
			answers[i].value = q->noptions ? q->options[pick % q->noptions].id : NULL;
			break;
		case CORE_Q_DATE:
			answers[i].value = "2026-11-24";
			break;
		case CORE_Q_TIME:
			answers[i].value = "10:00";
			break;
		case CORE_Q_DATETIME:
			answers[i].value = "2026-11-24 10:00";
			break;
		case CORE_Q_PEOPLE:
			answers[i].value = "Anna\tmother\tyes\tyes";
			break;
		default:
			answers[i].value = pick & 1 ? "x" : NULL;
			break;
		}
		answers[i].reason = pick & 2 ? "because" : NULL;
	}
	core_evaluate(rb, &visit, answers, &ev);
	core_eval_free(&ev);
	free(answers);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct core_rulebook *rb = NULL;
	struct hv_error err;
	char *text;
	int rc;

	hv_error_init(&err);
	rc = rules_load_text("fuzz.yaml", (const char *)data, size, &rb, &err);
	/* The contract of rules.h: a rulebook and no message, or neither rulebook
	 * nor success and at least one message. */
	if (rc == HV_OK ? rb == NULL || err.n != 0 : rb != NULL || err.n == 0 || err.status != rc)
		abort();
	if (rb != NULL)
		evaluate(rb, data, size);
	text = hv_error_text(&err);
	free(text);
	core_rulebook_free(rb);
	hv_error_clear(&err);
	return 0;
}
