/* ydoc.h — a small YAML document tree with positions, and table-driven checks.
 * Private to the rules module: libyaml in, checked nodes out, errors positioned. */
#ifndef HV_YDOC_H
#define HV_YDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hv_error.h"
#include "util.h"

#define YDOC_MAX_DEPTH 32
#define YDOC_MAX_BYTES (8u * 1024u * 1024u)

enum ynode_kind { Y_SCALAR, Y_MAP, Y_SEQ };

struct ynode;

struct ypair {
	struct ynode *key, *val;
};

/* 32 bytes: a rule file of 10,000 questions has some 330,000 nodes, and the
 * memory they take is a good part of what loading it costs. pairs and items
 * share their place: read the one the node's kind says (a scalar has neither,
 * and its n is 0). */
struct ynode {
	/* scalar */
	const char *str;
	union {
		struct ypair *pairs;  /* map */
		struct ynode **items; /* seq */
	};
	uint32_t len;         /* of str; a file is at most YDOC_MAX_BYTES */
	uint32_t n;           /* pairs or items */
	int line;             /* 1-based */
	unsigned kind : 2;    /* enum ynode_kind */
	unsigned plain : 1;   /* written without quotes (so `null`, `true` mean something) */
	unsigned col : 29;    /* 1-based */
};

struct ydoc {
	const char *file;     /* name used in messages */
	char *text;           /* the whole input, NUL-terminated */
	size_t len;
	struct ynode *root;   /* NULL if empty or refused */
	struct arena *arena;  /* owns the nodes */
};

/* Reads and parses a file. On failure returns an hv_status and fills err;
 * doc->text is kept whenever the file could be read. */
int ydoc_load_file(struct ydoc *doc, const char *path, struct hv_error *err);
/* Parses text already in memory (copied). name is used in messages. */
int ydoc_load_text(struct ydoc *doc, const char *name, const char *text, size_t len,
		   struct hv_error *err);
void ydoc_free(struct ydoc *doc);

/* ---- table-driven checks ---- */

enum yfield_type {
	YF_TEXT,      /* a non-empty scalar */
	YF_STR,       /* any scalar, empty allowed */
	YF_ID,        /* an identifier: [a-z0-9._-], starting with a letter or digit */
	YF_INT,       /* a plain decimal integer */
	YF_BOOL,      /* plain true or false */
	YF_MAP,
	YF_SEQ,
	YF_ANY,       /* checked by the caller */
	YF_ID_OR_SEQ, /* an identifier, or a list (checked by the caller) */
};

struct yfield {
	const char *key;
	enum yfield_type type;
	bool required;
};

/* Checks a mapping against a table: reports unknown keys (with the nearest
 * known one), missing required keys and wrong types, each positioned. out[i]
 * is set to the value node of fields[i] if present and of the right type,
 * else NULL. what names the mapping in messages ("a question"). Returns false
 * if anything was reported. */
bool ydoc_check_map(const struct ydoc *doc, const struct ynode *map, const struct yfield *fields,
		    size_t nfields, const struct ynode **out, const char *what, struct hv_error *err);

/* Reports err at a node's position. */
void ydoc_error(const struct ydoc *doc, const struct ynode *at, struct hv_error *err,
		const char *fmt, ...) HV_PRINTF(4, 5);

bool ydoc_is_id(const char *s);
bool ydoc_scalar_is(const struct ynode *n, const char *s);
const struct ynode *ydoc_map_get(const struct ynode *map, const char *key);
/* Checks that a node is of a type; reports and returns false if not. */
bool ydoc_expect(const struct ydoc *doc, const struct ynode *n, enum yfield_type type,
		 const char *what, struct hv_error *err);

#endif
