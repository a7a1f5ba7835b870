/* hv_error.h — errors as values: a status code and positioned messages.
 * Library modules fill a struct hv_error and return; only cli and tui print. */
#ifndef HV_ERROR_H
#define HV_ERROR_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

/* Status codes. The non-zero ones are the <sysexits.h> values, so that the
 * command line can exit with the status a library call returned. */
enum hv_status {
	HV_OK = 0,
	HV_FOUND = 1,        /* a check ran and found something */
	HV_EUSAGE = 64,      /* the command was used wrongly */
	HV_EDATA = 65,       /* input data was malformed */
	HV_ENOINPUT = 66,    /* an input file could not be opened */
	HV_EUNAVAILABLE = 69,/* the terminal cannot be used */
	HV_ESOFTWARE = 70,   /* an internal error */
	HV_ECANTCREAT = 73,  /* an output file could not be created */
	HV_EIO = 74,         /* an input/output error */
	HV_EBUSY = 75,       /* the database stayed locked: try again */
};

/* One message, with the place it is about (line and col are 1-based; 0 when
 * the message is about the whole file). */
struct hv_diag {
	char *file;
	int line, col;
	char *msg;
};

#define HV_ERROR_MAX 50 /* messages kept; later ones are counted, not kept */

struct hv_error {
	int status;          /* an enum hv_status */
	size_t n, cap;
	struct hv_diag *diags;
	size_t dropped;      /* messages past HV_ERROR_MAX */
};

void hv_error_init(struct hv_error *e);
void hv_error_clear(struct hv_error *e);
/* Adds a message; sets e->status to status if it is still HV_OK. */
void hv_error_add(struct hv_error *e, int status, const char *file, int line, int col,
		  const char *fmt, ...) HV_PRINTF(6, 7);
void hv_error_addv(struct hv_error *e, int status, const char *file, int line, int col,
		   const char *fmt, va_list ap) HV_PRINTF(6, 0);
/* Writes each message as "FILE:LINE:COL: message" (or "FILE: message"). */
void hv_error_print(const struct hv_error *e, FILE *fp);
/* The messages as one string, lines joined by '\n' (caller frees). */
char *hv_error_text(const struct hv_error *e);
/* True when no more messages will be kept (the loader stops early). */
int hv_error_full(const struct hv_error *e);

#endif
