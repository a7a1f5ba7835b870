/* util.h — allocation that cannot fail, an arena, a growable string, UTF-8 checks.
 * Shared by every module; holds no domain knowledge. */
#ifndef HV_UTIL_H
#define HV_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#if defined(__GNUC__)
#define HV_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define HV_NORETURN __attribute__((noreturn))
#else
#define HV_PRINTF(f, a)
#define HV_NORETURN
#endif

/* Allocation that aborts with a message instead of returning NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) HV_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) HV_PRINTF(1, 0);
HV_NORETURN void hv_fatal(const char *fmt, ...) HV_PRINTF(1, 2);

/* An arena: many small allocations freed together. */
struct arena;
struct arena *arena_new(void);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);  /* zeroed, aligned for any type */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
size_t arena_used(const struct arena *a);

/* A growable, always NUL-terminated string. */
struct strbuf {
	char *s;
	size_t len, cap;
};
void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) HV_PRINTF(2, 3);
void sb_clear(struct strbuf *sb);
char *sb_take(struct strbuf *sb);  /* returns the buffer, leaves sb empty */

/* UTF-8: the byte offset of the first invalid sequence, or (size_t)-1 if all
 * of s[0..n) is valid (no overlongs, no surrogates, nothing above U+10FFFF). */
size_t utf8_invalid_at(const char *s, size_t n);
/* Length in bytes of the sequence starting at s (1 for an invalid byte). */
size_t utf8_seqlen(const char *s, size_t n);

#endif
