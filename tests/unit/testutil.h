/* testutil.h — what every cmocka test file needs: cmocka itself and file helpers.
 * Tests run from the source tree (HV_SRCDIR), so paths in messages are stable. */
#ifndef HV_TESTUTIL_H
#define HV_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util.h"

#ifndef HV_SRCDIR
#define HV_SRCDIR "."
#endif

#define BUNDLED_RULES "data/rules/home-visit.yaml"
#define MINIMAL_RULES "tests/data/rules/good/minimal.yaml"

/* Moves to the source tree; call first in main(). */
static inline void tu_chdir_srcdir(void)
{
	if (chdir(HV_SRCDIR) != 0) {
		perror(HV_SRCDIR);
		exit(1);
	}
}

/* The whole file, NUL-terminated (NULL if it cannot be read). */
static inline char *tu_read(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf sb;
	char buf[4096];
	size_t n;

	if (fp == NULL)
		return NULL;
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_addn(&sb, buf, n);
	fclose(fp);
	if (len != NULL)
		*len = sb.len;
	return sb_take(&sb);
}

#endif
