/* ydoc.c — builds a positioned node tree from libyaml's event stream.
 * Refuses what a rule file never needs and an attacker might use: aliases,
 * tags, deep nesting, huge files, invalid UTF-8, control characters, duplicate keys. */
#include "ydoc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "../core/idmap.h"

struct frame {
	struct ynode *node;
	struct ypair *pairs;   /* growing, for a map */
	struct ynode **items;  /* growing, for a seq */
	size_t n;
	size_t pcap, icap;     /* the buffers are kept for the next container at this depth */
	struct ynode *key;     /* a map's key waiting for its value */
};

struct builder {
	struct ydoc *doc;
	struct hv_error *err;
	struct frame stack[YDOC_MAX_DEPTH + 1];
	int depth;
	bool fatal;
	struct ynode *slab;    /* the next free node */
	size_t nfree;
};

#define NODE_SLAB 256

/* Line and column (1-based, in characters) of a byte offset. */
static void offset_position(const char *text, size_t off, int *line, int *col)
{
	size_t i;
	int l = 1, c = 1;

	for (i = 0; i < off; i++) {
		if (text[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

void ydoc_error(const struct ydoc *doc, const struct ynode *at, struct hv_error *err,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hv_error_addv(err, HV_EDATA, doc->file, at ? at->line : 0, at ? at->col : 0, fmt, ap);
	va_end(ap);
}

/* Nodes are handed out from slabs: packed (an arena aligns every allocation
 * for any type), and fewer calls. */
static struct ynode *node_new(struct builder *b, enum ynode_kind kind, const yaml_mark_t *m)
{
	struct ynode *n;

	if (b->nfree == 0) {
		b->slab = arena_alloc(b->doc->arena, sizeof(*b->slab) * NODE_SLAB);
		b->nfree = NODE_SLAB;
	}
	n = b->slab++;
	b->nfree--;
	n->kind = kind;
	n->line = (int)m->line + 1;
	n->col = (unsigned)m->column + 1;
	return n;
}

static void build_fail(struct builder *b, const yaml_mark_t *m, const char *msg)
{
	hv_error_add(b->err, HV_EDATA, b->doc->file, (int)m->line + 1, (int)m->column + 1, "%s", msg);
	b->fatal = true;
}

static void frame_push_item(struct frame *f, struct ynode *n)
{
	if (f->n == f->icap) {
		f->icap = f->icap ? f->icap * 2 : 16;
		f->items = xreallocarray(f->items, f->icap, sizeof(*f->items));
	}
	f->items[f->n++] = n;
}

static void frame_push_pair(struct frame *f, struct ynode *k, struct ynode *v)
{
	if (f->n == f->pcap) {
		f->pcap = f->pcap ? f->pcap * 2 : 16;
		f->pairs = xreallocarray(f->pairs, f->pcap, sizeof(*f->pairs));
	}
	f->pairs[f->n].key = k;
	f->pairs[f->n].val = v;
	f->n++;
}

/* Hands a finished node to its parent (or makes it the root). */
static void attach(struct builder *b, struct ynode *n, const yaml_mark_t *m)
{
	struct frame *f;

	if (b->depth == 0) {
		b->doc->root = n;
		return;
	}
	f = &b->stack[b->depth - 1];
	if (f->node->kind == Y_SEQ) {
		frame_push_item(f, n);
	} else if (f->key == NULL) {
		if (n->kind != Y_SCALAR) {
			build_fail(b, m, "a key must be plain text, not a list or a mapping");
			return;
		}
		f->key = n;
	} else {
		frame_push_pair(f, f->key, n);
		f->key = NULL;
	}
}

static void open_container(struct builder *b, enum ynode_kind kind, const yaml_mark_t *m)
{
	struct frame *f;

	if (b->depth >= YDOC_MAX_DEPTH) {
		char msg[96];

		snprintf(msg, sizeof(msg), "nesting deeper than %d levels", YDOC_MAX_DEPTH);
		build_fail(b, m, msg);
		return;
	}
	f = &b->stack[b->depth++];
	f->n = 0;
	f->key = NULL;
	f->node = node_new(b, kind, m);
}

/* Keys are compared pairwise in the small mappings a rule file is made of, and
 * through a hash table in bigger ones: pairwise, a mapping of half a million
 * keys (8 MiB of "k1: x") took an hour. */
#define DUP_PAIRWISE 16

static void check_duplicates(struct builder *b, const struct ynode *map)
{
	struct core_idmap *seen;
	size_t i, j;
	int prev;

	if (map->n > DUP_PAIRWISE) {
		seen = idmap_new(map->n);
		for (i = 0; i < map->n; i++) {
			const struct ynode *k = map->pairs[i].key;

			prev = idmap_put(seen, k->str, (int)i);
			if (prev >= 0 && map->pairs[prev].key->len == k->len)
				ydoc_error(b->doc, k, b->err, "duplicate key '%s' (first at line %d)",
					   k->str, map->pairs[prev].key->line);
		}
		idmap_free(seen);
		return;
	}
	for (i = 1; i < map->n; i++) {
		const struct ynode *k = map->pairs[i].key;

		for (j = 0; j < i; j++) {
			const struct ynode *p = map->pairs[j].key;

			if (p->len == k->len && memcmp(p->str, k->str, k->len) == 0) {
				ydoc_error(b->doc, k, b->err, "duplicate key '%s' (first at line %d)",
					   k->str, p->line);
				break;
			}
		}
	}
}

static void close_container(struct builder *b, const yaml_mark_t *m)
{
	struct frame *f = &b->stack[--b->depth];
	struct ynode *n = f->node;

	n->n = (uint32_t)f->n;
	if (n->kind == Y_MAP) {
		n->pairs = arena_alloc(b->doc->arena, sizeof(*n->pairs) * (f->n ? f->n : 1));
		if (f->n)
			memcpy(n->pairs, f->pairs, sizeof(*n->pairs) * f->n);
		check_duplicates(b, n);
	} else {
		n->items = arena_alloc(b->doc->arena, sizeof(*n->items) * (f->n ? f->n : 1));
		if (f->n)
			memcpy(n->items, f->items, sizeof(*n->items) * f->n);
	}
	attach(b, n, m);
}

static bool has_explicit_tag(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.tag != NULL && !ev->data.scalar.plain_implicit &&
		       !ev->data.scalar.quoted_implicit;
	case YAML_SEQUENCE_START_EVENT:
		return ev->data.sequence_start.tag != NULL && !ev->data.sequence_start.implicit;
	case YAML_MAPPING_START_EVENT:
		return ev->data.mapping_start.tag != NULL && !ev->data.mapping_start.implicit;
	default:
		return false;
	}
}

static bool has_anchor(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.anchor != NULL;
	case YAML_SEQUENCE_START_EVENT:
		return ev->data.sequence_start.anchor != NULL;
	case YAML_MAPPING_START_EVENT:
		return ev->data.mapping_start.anchor != NULL;
	default:
		return false;
	}
}

/* The first control character in a scalar: a C0 control other than tab and a
 * line break, DEL, or a C1 control. A YAML file cannot hold them as written,
 * but escapes ("\0", "\e", "\u009b") write them, and they would cut a string
 * short ("C-1\0x" read as "C-1", a second key equal to the first) or drive the
 * terminal a message is shown on. "\r" stays allowed: JSON from Windows has
 * "\r\n". Returns the code point, or -1 if there is none. */
static long control_char(const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') || s[i] == 0x7F)
			return s[i];
		if (s[i] == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
			return s[i + 1];
	}
	return -1;
}

/* The byte libyaml's mark is at: its index counts characters, not bytes (so
 * text[index] is wrong after the first accent). NULL past the end. */
static const char *mark_byte(const struct ydoc *doc, const yaml_mark_t *m)
{
	size_t i, chars = 0;

	for (i = 0; i < doc->len; i++) {
		if (((unsigned char)doc->text[i] & 0xC0) == 0x80)
			continue;
		if (chars++ == m->index)
			return &doc->text[i];
	}
	return NULL;
}

static void syntax_error(struct builder *b, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "malformed YAML";
	const yaml_mark_t *m = &p->problem_mark;
	const char *at;

	if (p->error == YAML_MEMORY_ERROR)
		hv_fatal("out of memory while reading YAML");
	at = mark_byte(b->doc, m);
	if (at != NULL && *at == '\t') {
		hv_error_add(b->err, HV_EDATA, b->doc->file, (int)m->line + 1, (int)m->column + 1,
			     "YAML syntax error: a tab character; YAML is indented with spaces only");
		b->fatal = true;
		return;
	}
	if (p->context != NULL)
		hv_error_add(b->err, HV_EDATA, b->doc->file, (int)m->line + 1, (int)m->column + 1,
			     "YAML syntax error: %s %s (line %d)", problem, p->context,
			     (int)p->context_mark.line + 1);
	else
		hv_error_add(b->err, HV_EDATA, b->doc->file, (int)m->line + 1, (int)m->column + 1,
			     "YAML syntax error: %s", problem);
	b->fatal = true;
}

static int parse_events(struct ydoc *doc, struct hv_error *err)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct builder b;
	int ndocs = 0, i;
	bool done = false;

	memset(&b, 0, sizeof(b));
	b.doc = doc;
	b.err = err;
	if (!yaml_parser_initialize(&parser))
		hv_fatal("cannot initialise the YAML parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)doc->text, doc->len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

	while (!done && !b.fatal) {
		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(&b, &parser);
			break;
		}
		if (has_anchor(&ev) || ev.type == YAML_ALIAS_EVENT) {
			build_fail(&b, &ev.start_mark, "anchors and aliases (& and *) are not allowed");
		} else if (has_explicit_tag(&ev)) {
			build_fail(&b, &ev.start_mark, "tags (!...) are not allowed");
		} else {
			switch (ev.type) {
			case YAML_STREAM_END_EVENT:
				done = true;
				break;
			case YAML_DOCUMENT_START_EVENT:
				if (++ndocs > 1)
					build_fail(&b, &ev.start_mark,
						   "more than one YAML document in the file");
				break;
			case YAML_SCALAR_EVENT: {
				struct ynode *n = node_new(&b, Y_SCALAR, &ev.start_mark);
				long c = control_char(ev.data.scalar.value, ev.data.scalar.length);

				if (c >= 0)
					hv_error_add(err, HV_EDATA, doc->file, n->line, n->col,
						     "text holds a control character (U+%04lX); only tabs and line breaks are allowed",
						     (unsigned long)c);
				n->str = arena_strndup(doc->arena, (const char *)ev.data.scalar.value,
						       ev.data.scalar.length);
				n->len = (uint32_t)ev.data.scalar.length;
				n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
				attach(&b, n, &ev.start_mark);
				break;
			}
			case YAML_SEQUENCE_START_EVENT:
				open_container(&b, Y_SEQ, &ev.start_mark);
				break;
			case YAML_MAPPING_START_EVENT:
				open_container(&b, Y_MAP, &ev.start_mark);
				break;
			case YAML_SEQUENCE_END_EVENT:
			case YAML_MAPPING_END_EVENT:
				close_container(&b, &ev.start_mark);
				break;
			default:
				break;
			}
		}
		yaml_event_delete(&ev);
	}
	for (i = 0; i <= YDOC_MAX_DEPTH; i++) {
		free(b.stack[i].pairs);
		free(b.stack[i].items);
	}
	yaml_parser_delete(&parser);
	if (b.fatal) {
		doc->root = NULL;
		return HV_EDATA;
	}
	if (ndocs == 0 || doc->root == NULL) {
		hv_error_add(err, HV_EDATA, doc->file, 0, 0, "the file is empty");
		return HV_EDATA;
	}
	return err->status == HV_OK ? HV_OK : HV_EDATA;
}

/* Checks and parses text, which the document takes (NUL-terminated, len bytes). */
static int load_owned(struct ydoc *doc, const char *name, char *text, size_t len,
		      struct hv_error *err)
{
	size_t bad;

	memset(doc, 0, sizeof(*doc));
	doc->file = name;
	doc->arena = arena_new();
	doc->text = text;
	doc->len = len;
	if (len > YDOC_MAX_BYTES) {
		hv_error_add(err, HV_EDATA, name, 0, 0, "the file is larger than %u MiB",
			     YDOC_MAX_BYTES / (1024u * 1024u));
		return HV_EDATA;
	}
	bad = utf8_invalid_at(text, len);
	if (bad != (size_t)-1) {
		int line, col;

		offset_position(text, bad, &line, &col);
		hv_error_add(err, HV_EDATA, name, line, col, "invalid UTF-8 (byte 0x%02X)",
			     (unsigned char)text[bad]);
		return HV_EDATA;
	}
	if (memchr(text, '\0', len) != NULL) {
		int line, col;

		offset_position(text, (size_t)((const char *)memchr(text, '\0', len) - text), &line,
				&col);
		hv_error_add(err, HV_EDATA, name, line, col, "the file holds a NUL byte");
		return HV_EDATA;
	}
	return parse_events(doc, err);
}

/* A buffer for a document's text. A big one has its pages supplied at once
 * (MADV_POPULATE_WRITE): one system call instead of a page fault for every
 * page, which for a file of megabytes costs more than copying it. */
#define PREFAULT_MIN (64 * 1024)

static char *text_buffer(size_t n)
{
	char *p = xmalloc(n);

#ifdef MADV_POPULATE_WRITE
	if (n >= PREFAULT_MIN) {
		long page = sysconf(_SC_PAGESIZE);
		uintptr_t mask = page > 0 ? (uintptr_t)page - 1 : 4095;
		uintptr_t lo = ((uintptr_t)p + mask) & ~mask, hi = ((uintptr_t)p + n) & ~mask;

		if (hi > lo)
			(void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE); /* a hint */
	}
#endif
	return p;
}

int ydoc_load_text(struct ydoc *doc, const char *name, const char *text, size_t len,
		   struct hv_error *err)
{
	char *copy = text_buffer(len + 1);

	memcpy(copy, text, len);
	copy[len] = '\0';
	return load_owned(doc, name, copy, len, err);
}

int ydoc_load_file(struct ydoc *doc, const char *path, struct hv_error *err)
{
	struct stat st;
	size_t len = 0, cap = 65536;
	ssize_t r;
	char *buf;
	int fd;

	memset(doc, 0, sizeof(*doc));
	doc->file = path;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		hv_error_add(err, HV_ENOINPUT, path, 0, 0, "cannot open: %s", strerror(errno));
		return HV_ENOINPUT;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		hv_error_add(err, HV_ENOINPUT, path, 0, 0, "cannot open: it is a directory");
		return HV_ENOINPUT;
	}
	/* Read straight into one buffer of the file's size (a byte more for the
	 * NUL, one to see the end), which the document keeps: no copy is made. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size <= YDOC_MAX_BYTES)
		cap = (size_t)st.st_size + 2;
	buf = text_buffer(cap);
	for (;;) {
		if (cap - len < 2) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		r = read(fd, buf + len, cap - len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			hv_error_add(err, HV_EIO, path, 0, 0, "cannot read: %s", strerror(errno));
			close(fd);
			free(buf);
			return HV_EIO;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len > YDOC_MAX_BYTES)
			break; /* enough to refuse it */
	}
	close(fd);
	buf[len] = '\0';
	return load_owned(doc, path, buf, len, err);
}

void ydoc_free(struct ydoc *doc)
{
	arena_free(doc->arena);
	free(doc->text);
	memset(doc, 0, sizeof(*doc));
}

/* ---- checks ---- */

bool ydoc_is_id(const char *s)
{
	const char *p;

	if (s == NULL || s[0] == '\0' || strlen(s) > 64)
		return false;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return false;
	for (p = s; *p; p++) {
		char c = *p;

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		      c == '_'))
			return false;
	}
	return true;
}

bool ydoc_scalar_is(const struct ynode *n, const char *s)
{
	return n != NULL && n->kind == Y_SCALAR && strcmp(n->str, s) == 0;
}

const struct ynode *ydoc_map_get(const struct ynode *map, const char *key)
{
	size_t i, len;

	if (map == NULL || map->kind != Y_MAP)
		return NULL;
	len = strlen(key);
	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->pairs[i].key;

		if (k->len == len && memcmp(k->str, key, len) == 0)
			return map->pairs[i].val;
	}
	return NULL;
}

static const char *kind_name(const struct ynode *n)
{
	switch (n->kind) {
	case Y_MAP:
		return "a mapping";
	case Y_SEQ:
		return "a list";
	default:
		return "text";
	}
}

static bool is_null(const struct ynode *n)
{
	return n->kind == Y_SCALAR && n->plain &&
	       (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0);
}

bool ydoc_expect(const struct ydoc *doc, const struct ynode *n, enum yfield_type type,
		 const char *what, struct hv_error *err)
{
	const char *p;

	switch (type) {
	case YF_ANY:
		return true;
	case YF_MAP:
		if (n->kind == Y_MAP)
			return true;
		ydoc_error(doc, n, err, "%s must be a mapping, not %s", what, kind_name(n));
		return false;
	case YF_SEQ:
		if (n->kind == Y_SEQ)
			return true;
		ydoc_error(doc, n, err, "%s must be a list, not %s", what, kind_name(n));
		return false;
	case YF_ID_OR_SEQ:
		if (n->kind == Y_SEQ)
			return true;
		/* fall through */
	case YF_TEXT:
	case YF_STR:
	case YF_ID:
	case YF_INT:
	case YF_BOOL:
		break;
	}
	if (n->kind != Y_SCALAR) {
		ydoc_error(doc, n, err, "%s must be %s, not %s", what,
			   type == YF_BOOL ? "true or false" : type == YF_INT ? "a number" : "text",
			   kind_name(n));
		return false;
	}
	switch (type) {
	case YF_STR:
		if (is_null(n) && n->len > 0) {
			ydoc_error(doc, n, err, "%s must be text, not null", what);
			return false;
		}
		return true;
	case YF_TEXT:
		if (is_null(n)) {
			ydoc_error(doc, n, err, "%s is empty", what);
			return false;
		}
		for (p = n->str; *p == ' ' || *p == '\t' || *p == '\n'; p++)
			;
		if (*p == '\0') {
			ydoc_error(doc, n, err, "%s is empty", what);
			return false;
		}
		return true;
	case YF_ID:
	case YF_ID_OR_SEQ:
		if (is_null(n)) {
			ydoc_error(doc, n, err, "%s is empty", what);
			return false;
		}
		if (!ydoc_is_id(n->str)) {
			ydoc_error(doc, n, err,
				   "%s '%s' is not a valid id (lower-case letters, digits, '.', '-', '_'; at most 64)",
				   what, n->str);
			return false;
		}
		return true;
	case YF_INT:
		p = n->str;
		if (n->plain && *p != '\0' && strspn(p, "0123456789") == n->len && n->len <= 9)
			return true;
		ydoc_error(doc, n, err, "%s must be a whole number, not '%s'", what, n->str);
		return false;
	case YF_BOOL:
		if (n->plain && (strcmp(n->str, "true") == 0 || strcmp(n->str, "false") == 0))
			return true;
		ydoc_error(doc, n, err, "%s must be true or false, not '%s'", what, n->str);
		return false;
	default:
		return true;
	}
}

/* True when ydoc_expect would accept n without a word: the common case, told
 * cheaply. False means "ask ydoc_expect" (which may still accept it). */
static bool type_ok(const struct ynode *n, enum yfield_type type)
{
	switch (type) {
	case YF_ANY:
		return true;
	case YF_MAP:
		return n->kind == Y_MAP;
	case YF_SEQ:
		return n->kind == Y_SEQ;
	default:
		break;
	}
	if (n->kind != Y_SCALAR)
		return type == YF_ID_OR_SEQ && n->kind == Y_SEQ;
	switch (type) {
	case YF_STR:
		return !n->plain;
	case YF_TEXT:
		return n->len > 0 && n->str[0] != ' ' && n->str[0] != '\t' && n->str[0] != '\n' &&
		       !is_null(n);
	case YF_ID:
	case YF_ID_OR_SEQ:
		return !is_null(n) && ydoc_is_id(n->str);
	case YF_INT:
		return n->plain && n->len > 0 && n->len <= 9 && strspn(n->str, "0123456789") == n->len;
	case YF_BOOL:
		return n->plain && (strcmp(n->str, "true") == 0 || strcmp(n->str, "false") == 0);
	default:
		return false;
	}
}

/* Edit distance, for "did you mean" on unknown keys. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[40], prev, tmp;

	if (la >= 40 || lb >= 40)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t best = prev + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

bool ydoc_check_map(const struct ydoc *doc, const struct ynode *map, const struct yfield *fields,
		    size_t nfields, const struct ynode **out, const char *what, struct hv_error *err)
{
	unsigned long long seen = 0; /* the fields present (the first 64), for the required ones */
	bool ok = true;
	size_t i, j;

	for (j = 0; j < nfields; j++)
		out[j] = NULL;
	if (map->kind != Y_MAP) {
		ydoc_error(doc, map, err, "%s must be a mapping, not %s", what, kind_name(map));
		return false;
	}
	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->pairs[i].key, *v = map->pairs[i].val;
		size_t best = 99, bestj = 0;

		for (j = 0; j < nfields; j++)
			if (k->str[0] == fields[j].key[0] && strcmp(k->str, fields[j].key) == 0)
				break;
		if (j < nfields) {
			char label[128];

			if (j < 64)
				seen |= 1ull << j;
			if (type_ok(v, fields[j].type)) {
				out[j] = v;
				continue;
			}
			/* ydoc_expect explains what is wrong (the name is made only for that) */
			snprintf(label, sizeof(label), "'%s'", fields[j].key);
			if (ydoc_expect(doc, v, fields[j].type, label, err))
				out[j] = v;
			else
				ok = false;
			continue;
		}
		for (j = 0; j < nfields; j++) {
			size_t d = edit_distance(k->str, fields[j].key);

			if (d < best) {
				best = d;
				bestj = j;
			}
		}
		if (best <= 2)
			ydoc_error(doc, k, err, "unknown key '%s' in %s (did you mean '%s'?)", k->str,
				   what, fields[bestj].key);
		else
			ydoc_error(doc, k, err, "unknown key '%s' in %s", k->str, what);
		ok = false;
	}
	for (j = 0; j < nfields; j++) {
		if (fields[j].required &&
		    (j < 64 ? !(seen >> j & 1) : ydoc_map_get(map, fields[j].key) == NULL)) {
			ydoc_error(doc, map, err, "%s has no '%s'", what, fields[j].key);
			ok = false;
		}
	}
	return ok;
}
