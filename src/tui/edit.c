/* edit.c — UTF-8 text editing and word wrapping for the widgets.
 * Byte offsets always sit on character boundaries; widths come from wcwidth. */
#include "edit.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util.h"

void edit_init(struct edit *e, const char *text, bool multiline, size_t max)
{
	memset(e, 0, sizeof(*e));
	e->multiline = multiline;
	e->max = max;
	edit_set(e, text ? text : "");
}

void edit_free(struct edit *e)
{
	free(e->buf);
	memset(e, 0, sizeof(*e));
}

static void reserve(struct edit *e, size_t need)
{
	if (need + 1 <= e->cap)
		return;
	e->cap = e->cap ? e->cap : 64;
	while (e->cap < need + 1)
		e->cap *= 2;
	e->buf = xrealloc(e->buf, e->cap);
}

void edit_set(struct edit *e, const char *text)
{
	size_t n = strlen(text);

	reserve(e, n);
	memcpy(e->buf, text, n + 1);
	e->len = n;
	e->cur = n;
}

static bool is_cont(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

bool edit_insert(struct edit *e, const char *s, size_t n)
{
	size_t i, keep = 0;
	char *clean = xmalloc(n + 1);

	/* Keep valid UTF-8 and no control characters (but '\n' in long text). */
	for (i = 0; i < n;) {
		size_t len = utf8_seqlen(s + i, n - i);
		unsigned char c = (unsigned char)s[i];

		if (len == 1 && c >= 0x80) {
			i++;
			continue;
		}
		if ((c < 0x20 && !(e->multiline && c == '\n')) || c == 0x7F) {
			i++;
			continue;
		}
		if (len > 1 && utf8_invalid_at(s + i, len) != (size_t)-1) {
			i++;
			continue;
		}
		memcpy(clean + keep, s + i, len);
		keep += len;
		i += len;
	}
	if (e->max > 0 && e->len + keep > e->max) {
		free(clean);
		return false;
	}
	reserve(e, e->len + keep);
	memmove(e->buf + e->cur + keep, e->buf + e->cur, e->len - e->cur + 1);
	memcpy(e->buf + e->cur, clean, keep);
	e->len += keep;
	e->cur += keep;
	free(clean);
	return true;
}

bool edit_insert_wc(struct edit *e, unsigned long cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else if (cp <= 0x10FFFF) {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	} else {
		return false;
	}
	return edit_insert(e, b, n);
}

static size_t prev_char(const struct edit *e, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && is_cont(e->buf[at]))
		at--;
	return at;
}

static size_t next_char(const struct edit *e, size_t at)
{
	if (at >= e->len)
		return e->len;
	return at + utf8_seqlen(e->buf + at, e->len - at);
}

void edit_left(struct edit *e)
{
	e->cur = prev_char(e, e->cur);
}

void edit_right(struct edit *e)
{
	e->cur = next_char(e, e->cur);
}

static size_t line_start(const struct edit *e, size_t at)
{
	while (at > 0 && e->buf[at - 1] != '\n')
		at--;
	return at;
}

static size_t line_end(const struct edit *e, size_t at)
{
	while (at < e->len && e->buf[at] != '\n')
		at++;
	return at;
}

void edit_home(struct edit *e)
{
	e->cur = line_start(e, e->cur);
}

void edit_end(struct edit *e)
{
	e->cur = line_end(e, e->cur);
}

static void cut(struct edit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
}

void edit_backspace(struct edit *e)
{
	if (e->cur > 0)
		cut(e, prev_char(e, e->cur), e->cur);
}

void edit_delete(struct edit *e)
{
	if (e->cur < e->len)
		cut(e, e->cur, next_char(e, e->cur));
}

void edit_kill_to_start(struct edit *e)
{
	cut(e, line_start(e, e->cur), e->cur);
}

void edit_kill_word(struct edit *e)
{
	size_t at = e->cur;

	while (at > 0 && (e->buf[at - 1] == ' ' || e->buf[at - 1] == '\t'))
		at--;
	while (at > 0 && e->buf[at - 1] != ' ' && e->buf[at - 1] != '\t' && e->buf[at - 1] != '\n')
		at = prev_char(e, at);
	cut(e, at, e->cur);
}

int edit_width(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		wchar_t wc;
		mbstate_t st;
		size_t len;
		int cw;

		memset(&st, 0, sizeof(st));
		len = mbrtowc(&wc, s + i, n - i, &st);
		if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
			w++;
			i++;
			continue;
		}
		cw = wcwidth(wc);
		w += cw < 0 ? 1 : cw;
		i += len;
	}
	return w;
}

/* The byte offset in line [start, end) that is col columns in. */
static size_t at_column(const struct edit *e, size_t start, size_t end, int col)
{
	size_t at = start;

	while (at < end) {
		size_t next = next_char(e, at);

		if (edit_width(e->buf + start, next - start) > col)
			break;
		at = next;
	}
	return at;
}

void edit_up(struct edit *e)
{
	size_t start = line_start(e, e->cur), pstart;
	int col = edit_width(e->buf + start, e->cur - start);

	if (start == 0)
		return;
	pstart = line_start(e, start - 1);
	e->cur = at_column(e, pstart, start - 1, col);
}

void edit_down(struct edit *e)
{
	size_t start = line_start(e, e->cur), end = line_end(e, e->cur);
	int col = edit_width(e->buf + start, e->cur - start);

	if (end >= e->len)
		return;
	e->cur = at_column(e, end + 1, line_end(e, end + 1), col);
}

size_t edit_wrap(const char *text, int width, size_t **starts, size_t **lens)
{
	size_t n = 0, cap = 16, len = strlen(text), i = 0;

	*starts = xcalloc(cap, sizeof(size_t));
	*lens = xcalloc(cap, sizeof(size_t));
	if (width < 1)
		width = 1;
	while (i <= len) {
		size_t line = i, brk = (size_t)-1, j = i;
		int w = 0;

		/* Take characters while they fit; remember the last space. */
		while (j < len && text[j] != '\n') {
			size_t cl = utf8_seqlen(text + j, len - j);
			int cw = edit_width(text + j, cl);

			if (w + cw > width)
				break;
			if (text[j] == ' ')
				brk = j;
			w += cw;
			j += cl;
		}
		if (n == cap) {
			cap *= 2;
			*starts = xreallocarray(*starts, cap, sizeof(size_t));
			*lens = xreallocarray(*lens, cap, sizeof(size_t));
		}
		if (j < len && text[j] != '\n' && brk != (size_t)-1 && brk > line) {
			(*starts)[n] = line;
			(*lens)[n++] = brk - line;
			i = brk + 1;
		} else {
			(*starts)[n] = line;
			(*lens)[n++] = j - line;
			if (j == len)
				break;
			i = text[j] == '\n' ? j + 1 : j;
			if (j == line && text[j] != '\n') /* one character wider than the line */
				i = j + utf8_seqlen(text + j, len - j);
		}
	}
	return n;
}
