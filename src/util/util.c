/* util.c — xmalloc and friends, the arena, strbuf and UTF-8 validation.
 * Allocation failure is not recoverable here: we print and abort. */
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void hv_fatal(const char *fmt, ...)
{
	va_list ap;

	fputs("homevisit: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		hv_fatal("out of memory (%zu bytes)", n);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		hv_fatal("out of memory (%zu x %zu bytes)", nmemb, size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		hv_fatal("out of memory (%zu bytes)", n);
	return q;
}

void *xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		hv_fatal("allocation overflow (%zu x %zu bytes)", nmemb, size);
	return xrealloc(p, nmemb * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		hv_fatal("bad format string");
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

/* ---- arena ---- */

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	bool mapped;           /* by mmap (a big chunk), not malloc */
	max_align_t data[];
};

struct arena {
	struct arena_chunk *head;
	size_t total;
	size_t held;           /* the chunks' sizes, together */
};

/* Chunks are 64 KiB until the arena holds 1 MiB; then they grow with it (half
 * what it holds, up to 2 MiB) and are mapped. From its second chunk on, a
 * growing arena has each chunk's pages supplied at once (MAP_POPULATE,
 * MADV_POPULATE_WRITE): one system call instead of a page fault for every
 * 4 KiB touched, which was most of what building a large rule file's tree
 * cost. An arena of one chunk is as it was. */
#define ARENA_CHUNK (64 * 1024)
#define ARENA_CHUNK_MAX (2 * 1024 * 1024)
#define ARENA_MAPPED (1024 * 1024)

static struct arena_chunk *chunk_new(struct arena *a, size_t n)
{
	size_t size = ARENA_CHUNK, bytes;
	struct arena_chunk *c = NULL;
	bool mapped = false;

	if (a->held >= ARENA_MAPPED) {
		size = a->held / 2;
		if (size < ARENA_MAPPED)
			size = ARENA_MAPPED;
		if (size > ARENA_CHUNK_MAX)
			size = ARENA_CHUNK_MAX;
	}
	if (size < n)
		size = n;
	bytes = sizeof(*c) + size;
#ifdef MAP_POPULATE
	if (bytes >= ARENA_MAPPED) {
		void *p;

		bytes = (bytes + 4095) & ~(size_t)4095;
		p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (p != MAP_FAILED) {
			c = p;
			mapped = true;
			size = bytes - sizeof(*c);
		}
	}
#endif
	if (c == NULL) {
		c = xmalloc(bytes);
#ifdef MADV_POPULATE_WRITE
		/* a growing arena will use its new chunk: have its pages supplied at once */
		if (a->held >= ARENA_CHUNK) {
			uintptr_t lo = ((uintptr_t)c + 4095) & ~(uintptr_t)4095;
			uintptr_t hi = ((uintptr_t)c + bytes) & ~(uintptr_t)4095;

			if (hi > lo)
				(void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
		}
#endif
	}
	c->used = 0;
	c->size = size;
	c->mapped = mapped;
	c->next = a->head;
	a->head = c;
	a->held += size;
	return c;
}

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		if (c->mapped)
			munmap(c, sizeof(*c) + c->size);
		else
			free(c);
	}
	free(a);
}

/* n bytes at an offset that is a multiple of align (a power of two), not
 * zeroed. A request too big for the chunk's rest starts a new chunk. */
static void *arena_take(struct arena *a, size_t n, size_t align)
{
	struct arena_chunk *c = a->head;
	size_t at = 0;
	void *p;

	if (n > SIZE_MAX / 2)
		hv_fatal("arena allocation too large");
	if (c != NULL)
		at = (c->used + align - 1) & ~(align - 1);
	if (c == NULL || at > c->size || c->size - at < n) {
		c = chunk_new(a, n);
		at = 0;
	}
	p = (char *)c->data + at;
	c->used = at + n;
	a->total += n;
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	void *p = arena_take(a, n ? n : 1, sizeof(max_align_t));

	memset(p, 0, n ? n : 1);
	return p;
}

/* Strings are packed byte by byte, neither aligned nor zeroed first: a rule
 * file's tree is mostly short strings, and every byte an arena touches is a
 * page the kernel must supply. */
char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_take(a, n + 1, 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

size_t arena_used(const struct arena *a)
{
	return a->total;
}

/* ---- strbuf ---- */

void sb_init(struct strbuf *sb)
{
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

void sb_free(struct strbuf *sb)
{
	free(sb->s);
	sb_init(sb);
}

static void sb_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need <= sb->cap)
		return;
	if (sb->cap == 0)
		sb->cap = 64;
	while (sb->cap < need)
		sb->cap *= 2;
	sb->s = xrealloc(sb->s, sb->cap);
}

void sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_addn(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_addn(sb, &c, 1);
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap, ap2;
	int n;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		hv_fatal("bad format string");
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	va_end(ap);
}

void sb_clear(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->s != NULL)
		sb->s[0] = '\0';
}

char *sb_take(struct strbuf *sb)
{
	char *s = sb->s ? sb->s : xstrdup("");

	sb_init(sb);
	return s;
}

/* ---- UTF-8 ---- */

static size_t utf8_check_one(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		cp = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		cp = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

size_t utf8_invalid_at(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len;

	while (i < n) {
		if (u[i] < 0x80) {
			uint64_t w;

			/* ASCII, most of any text: eight bytes at a time */
			while (i + 8 <= n) {
				memcpy(&w, u + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			if (i < n && u[i] < 0x80)
				i++;
			continue;
		}
		len = utf8_check_one(u + i, n - i);
		if (len == 0)
			return i;
		i += len;
	}
	return (size_t)-1;
}

size_t utf8_seqlen(const char *s, size_t n)
{
	size_t len;

	if (n == 0)
		return 0;
	len = utf8_check_one((const unsigned char *)s, n);
	return len ? len : 1;
}
