/* hv_error.c — collecting positioned error messages.
 * Messages are kept in order; past HV_ERROR_MAX they are only counted. */
#include "hv_error.h"

#include <stdlib.h>

void hv_error_init(struct hv_error *e)
{
	e->status = HV_OK;
	e->n = e->cap = 0;
	e->diags = NULL;
	e->dropped = 0;
}

void hv_error_clear(struct hv_error *e)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		free(e->diags[i].file);
		free(e->diags[i].msg);
	}
	free(e->diags);
	hv_error_init(e);
}

void hv_error_addv(struct hv_error *e, int status, const char *file, int line, int col,
		   const char *fmt, va_list ap)
{
	struct hv_diag *d;

	if (e->status == HV_OK)
		e->status = status;
	if (e->n >= HV_ERROR_MAX) {
		e->dropped++;
		return;
	}
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 8;
		e->diags = xreallocarray(e->diags, e->cap, sizeof(*e->diags));
	}
	d = &e->diags[e->n++];
	d->file = file ? xstrdup(file) : NULL;
	d->line = line;
	d->col = col;
	d->msg = xvasprintf(fmt, ap);
}

void hv_error_add(struct hv_error *e, int status, const char *file, int line, int col,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hv_error_addv(e, status, file, line, col, fmt, ap);
	va_end(ap);
}

static void diag_format(struct strbuf *sb, const struct hv_diag *d)
{
	if (d->file != NULL && d->line > 0)
		sb_addf(sb, "%s:%d:%d: %s", d->file, d->line, d->col, d->msg);
	else if (d->file != NULL)
		sb_addf(sb, "%s: %s", d->file, d->msg);
	else
		sb_adds(sb, d->msg);
}

char *hv_error_text(const struct hv_error *e)
{
	struct strbuf sb;
	size_t i;

	sb_init(&sb);
	for (i = 0; i < e->n; i++) {
		if (i > 0)
			sb_addc(&sb, '\n');
		diag_format(&sb, &e->diags[i]);
	}
	if (e->dropped > 0)
		sb_addf(&sb, "\n... and %zu more error%s not shown", e->dropped,
			e->dropped == 1 ? "" : "s");
	return sb_take(&sb);
}

void hv_error_print(const struct hv_error *e, FILE *fp)
{
	char *text = hv_error_text(e);

	if (text[0] != '\0')
		fprintf(fp, "%s\n", text);
	free(text);
}

int hv_error_full(const struct hv_error *e)
{
	return e->n >= HV_ERROR_MAX;
}
