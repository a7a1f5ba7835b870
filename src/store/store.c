/* store.c — opening a database safely, transactions, errors, rulebooks.
 * A database that is not ours, newer, garbage, read-only or locked is refused untouched. */
#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <locale.h>
#include <stdint.h>
#include <unistd.h>
#include <wctype.h>

#include "schema.h"
#include "store_int.h"

static int busy_ms = STORE_BUSY_MS;

void store_set_busy_ms(int ms)
{
	busy_ms = ms;
}

void store_now_local(char out[17])
{
	time_t t = time(NULL);

	core_time_format(t, out);
}

void store_now_utc(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *store_path(const struct store *st)
{
	return st->path;
}

int store_fail(struct store *st, struct hv_error *err, const char *doing)
{
	int code = sqlite3_extended_errcode(st->db), status, sys;
	const char *msg = sqlite3_errmsg(st->db);

	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		hv_error_add(err, HV_EBUSY, st->path, 0, 0,
			     "%s: the database is locked by another program (waited %.1f s); try again",
			     doing, busy_ms / 1000.0);
		return HV_EBUSY;
	case SQLITE_FULL:
		hv_error_add(err, HV_EIO, st->path, 0, 0,
			     "%s: the disk (or the database's size limit) is full; nothing was saved",
			     doing);
		return HV_EIO;
	case SQLITE_READONLY:
		status = HV_ECANTCREAT;
		break;
	case SQLITE_CONSTRAINT:
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		status = HV_EDATA;
		break;
	case SQLITE_IOERR:
		sys = sqlite3_system_errno(st->db);
		if (sys == ENOSPC || sys == EFBIG || sys == EDQUOT) {
			hv_error_add(err, HV_EIO, st->path, 0, 0,
				     "%s: the disk is full (or the file has reached its size limit): %s; nothing was saved",
				     doing, strerror(sys));
			return HV_EIO;
		}
		if (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
		    code == SQLITE_IOERR_TRUNCATE || code == SQLITE_IOERR_SHMSIZE) {
			hv_error_add(err, HV_EIO, st->path, 0, 0,
				     "%s: the database could not be written (%s%s%s; is the disk full or failing?); nothing was saved",
				     doing, msg, sys != 0 ? ": " : "", sys != 0 ? strerror(sys) : "");
			return HV_EIO;
		}
		hv_error_add(err, HV_EIO, st->path, 0, 0, "%s: %s%s%s", doing, msg,
			     sys != 0 ? ": " : "", sys != 0 ? strerror(sys) : "");
		return HV_EIO;
	case SQLITE_PROTOCOL:
		status = HV_EIO;
		break;
	case SQLITE_CANTOPEN:
		status = HV_ENOINPUT;
		break;
	case SQLITE_NOMEM:
		hv_fatal("out of memory in SQLite");
	default:
		status = HV_ESOFTWARE;
	}
	hv_error_add(err, status, st->path, 0, 0, "%s: %s", doing, msg);
	return status;
}

sqlite3_stmt *store_stmt(struct store *st, enum sid id, struct hv_error *err)
{
	sqlite3_stmt *s = st->stmts[id];

	if (s == NULL) {
		if (sqlite3_prepare_v3(st->db, store_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
				       &st->stmts[id], NULL) != SQLITE_OK) {
			store_fail(st, err, "preparing a query");
			return NULL;
		}
		return st->stmts[id];
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

int store_exec_stmt(struct store *st, sqlite3_stmt *s, struct hv_error *err, const char *doing)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		sqlite3_reset(s);
		return HV_OK;
	}
	rc = store_fail(st, err, doing);
	sqlite3_reset(s);
	return rc;
}

static int exec(struct store *st, const char *sql, struct hv_error *err, const char *doing)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return HV_OK;
	return store_fail(st, err, doing);
}

void store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

const char *store_col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

char *store_col_dup(sqlite3_stmt *s, int i)
{
	const char *v = store_col(s, i);

	return v ? xstrdup(v) : NULL;
}

/* ---- transactions: the outermost is BEGIN IMMEDIATE, inner ones savepoints ---- */

int store_tx_begin(struct store *st, struct hv_error *err)
{
	int rc = exec(st, st->txdepth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT hv", err,
		      "starting to save");

	if (rc == HV_OK)
		st->txdepth++;
	return rc;
}

int store_tx_commit(struct store *st, struct hv_error *err)
{
	int rc = exec(st, st->txdepth == 1 ? "COMMIT" : "RELEASE hv", err, "saving");

	if (rc == HV_OK)
		st->txdepth--;
	else
		store_tx_rollback(st);
	return rc;
}

void store_tx_rollback(struct store *st)
{
	if (st->txdepth == 0)
		return;
	if (st->txdepth == 1)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	else
		sqlite3_exec(st->db, "ROLLBACK TO hv; RELEASE hv", NULL, NULL, NULL);
	st->txdepth--;
}

int store_begin(struct store *st, struct hv_error *err)
{
	return store_tx_begin(st, err);
}

int store_commit(struct store *st, struct hv_error *err)
{
	return store_tx_commit(st, err);
}

void store_rollback(struct store *st)
{
	store_tx_rollback(st);
}

/* ---- opening ---- */

int store_make_dir(const char *path, struct hv_error *err)
{
	char *dir = xstrdup(path), *p;
	int rc = HV_OK;

	p = strrchr(dir, '/');
	if (p == NULL || p == dir) {
		free(dir);
		return HV_OK;
	}
	*p = '\0';
	for (p = dir + 1; rc == HV_OK; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			hv_error_add(err, HV_ECANTCREAT, dir, 0, 0, "cannot create the folder: %s",
				     strerror(errno));
			rc = HV_ECANTCREAT;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(dir);
	return rc;
}

/* Runs a query for one integer; returns the SQLite result code. */
static int pragma_raw(struct store *st, const char *sql, int *out)
{
	sqlite3_stmt *s;
	int rc;

	*out = 0;
	rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int pragma_int(struct store *st, const char *sql, int *out, struct hv_error *err)
{
	if (pragma_raw(st, sql, out) == SQLITE_OK)
		return HV_OK;
	return store_fail(st, err, "reading the database");
}

static int identify_read(struct store *st, bool *fresh, struct hv_error *err);

/* Reads the header fields that say whose database this is, without writing,
 * in one read transaction: another program may be creating the tables at this
 * very moment, and the three reads must see the same state of the file. */
static int identify(struct store *st, bool *fresh, struct hv_error *err)
{
	int rc;

	if (sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, err, "reading the database");
	rc = identify_read(st, fresh, err);
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static int identify_read(struct store *st, bool *fresh, struct hv_error *err)
{
	int app = 0, version = 0, objects = 0, rc;

	rc = pragma_raw(st, "PRAGMA application_id", &app);
	if ((rc & 0xff) == SQLITE_NOTADB) {
		hv_error_add(err, HV_EDATA, st->path, 0, 0,
			     "not a homevisit database (it is not a SQLite file); it was left untouched");
		return HV_EDATA;
	}
	if (rc != SQLITE_OK)
		return store_fail(st, err, "reading the database");
	if ((rc = pragma_int(st, "PRAGMA user_version", &version, err)) != HV_OK)
		return rc;
	if ((rc = pragma_int(st, "SELECT count(*) FROM sqlite_schema", &objects, err)) != HV_OK)
		return rc;
	*fresh = app == 0 && version == 0 && objects == 0;
	if (*fresh)
		return HV_OK;
	if (app != STORE_APPLICATION_ID) {
		hv_error_add(err, HV_EDATA, st->path, 0, 0,
			     "a SQLite database of another program (application_id %d), not of homevisit; it was left untouched",
			     app);
		return HV_EDATA;
	}
	if (version > STORE_SCHEMA_VERSION) {
		hv_error_add(err, HV_EDATA, st->path, 0, 0,
			     "written by a newer homevisit (schema version %d; this one knows up to %d); it was left untouched",
			     version, STORE_SCHEMA_VERSION);
		return HV_EDATA;
	}
	return HV_OK;
}

static int migrate(struct store *st, struct hv_error *err)
{
	int version, rc, i, j;
	char sql[96];

	if ((rc = pragma_int(st, "PRAGMA user_version", &version, err)) != HV_OK)
		return rc;
	for (i = version; i < schema_nmigrations; i++) {
		if ((rc = store_tx_begin(st, err)) != HV_OK)
			return rc;
		/* Read again inside the transaction: another process may have just done it. */
		if ((rc = pragma_int(st, "PRAGMA user_version", &version, err)) != HV_OK) {
			store_tx_rollback(st);
			return rc;
		}
		if (version > i) {
			store_tx_rollback(st);
			continue;
		}
		snprintf(sql, sizeof(sql), "PRAGMA application_id = %d; PRAGMA user_version = %d",
			 STORE_APPLICATION_ID, i + 1);
		for (j = 0; rc == HV_OK && schema_migrations[i][j] != NULL; j++)
			rc = exec(st, schema_migrations[i][j], err, "creating the tables");
		if (rc == HV_OK)
			rc = exec(st, sql, err, "recording the schema version");
		if (rc != HV_OK) {
			store_tx_rollback(st);
			return rc;
		}
		if ((rc = store_tx_commit(st, err)) != HV_OK)
			return rc;
	}
	return HV_OK;
}

/* Switches a new file to WAL. When another program is switching the same new
 * file at the same moment SQLite gives up at once, without its busy handler
 * (to avoid a deadlock): wait here instead, as long as for any other lock. */
static int set_wal(struct store *st, struct hv_error *err)
{
	int waited = 0;

	for (;;) {
		sqlite3_stmt *s;
		int rc;

		if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s, NULL) != SQLITE_OK)
			return store_fail(st, err, "setting up the database");
		rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc == SQLITE_ROW)
			return HV_OK;
		if ((rc & 0xff) != SQLITE_BUSY || waited >= busy_ms)
			return store_fail(st, err, "setting up the database");
		usleep(10000);
		waited += 10;
	}
}

static bool folder_writable(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	bool ok;

	if (slash == NULL) {
		free(dir);
		return access(".", W_OK) == 0;
	}
	*(slash == dir ? slash + 1 : slash) = '\0';
	ok = access(dir, W_OK) == 0;
	free(dir);
	return ok;
}

/* A file no one can write, with no write-ahead log waiting beside it. */
static bool frozen_file(const char *path, const struct stat *sb)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat ws;
	bool pending = stat(wal, &ws) == 0 && ws.st_size > 0;

	free(wal);
	return (sb->st_mode & 0222) == 0 && !pending;
}

/* "file:PATH?immutable=1", with the characters a URI gives meaning escaped. */
static char *immutable_uri(const char *path)
{
	struct strbuf sb;
	const char *p;

	sb_init(&sb);
	sb_adds(&sb, "file:");
	for (p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			sb_addf(&sb, "%%%02X", (unsigned char)*p);
		else
			sb_addc(&sb, *p);
	}
	sb_adds(&sb, "?immutable=1");
	return sb_take(&sb);
}

/* Lower case by the C.UTF-8 locale's rules whatever the locale of the process,
 * so that folded text written by one program is found by another. */
static locale_t fold_locale(void)
{
	static locale_t loc;
	static bool tried;

	if (!tried) {
		tried = true;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

char *store_fold(const char *in)
{
	size_t n = strlen(in), i = 0;
	locale_t loc = fold_locale();
	struct strbuf sb;

	sb_init(&sb);
	while (i < n) {
		size_t len = utf8_seqlen(in + i, n - i);
		unsigned char c = (unsigned char)in[i];
		uint32_t cp;
		char out[4];
		size_t k;

		if (len == 1) {
			sb_addc(&sb, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
			i++;
			continue;
		}
		cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
		for (k = 1; k < len; k++)
			cp = (cp << 6) | ((unsigned char)in[i + k] & 0x3F);
		if (loc != (locale_t)0)
			cp = (uint32_t)towlower_l((wint_t)cp, loc);
		if (cp < 0x800) {
			out[0] = (char)(0xC0 | (cp >> 6));
			out[1] = (char)(0x80 | (cp & 0x3F));
			k = 2;
		} else if (cp < 0x10000) {
			out[0] = (char)(0xE0 | (cp >> 12));
			out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
			out[2] = (char)(0x80 | (cp & 0x3F));
			k = 3;
		} else {
			out[0] = (char)(0xF0 | (cp >> 18));
			out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
			out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
			out[3] = (char)(0x80 | (cp & 0x3F));
			k = 4;
		}
		sb_addn(&sb, out, k);
		i += len;
	}
	return sb_take(&sb);
}

/* hv_fold(text): lower case for every script, not just ASCII as LIKE does,
 * so that a search for "łukasz" finds "Łukasz". */
static void fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *in = (const char *)sqlite3_value_text(argv[0]);
	char *out;

	(void)argc;
	if (in == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	out = store_fold(in);
	sqlite3_result_text(ctx, out, -1, free);
}

int store_open(const char *path, int flags, struct store **out, struct hv_error *err)
{
	struct store *st;
	struct stat sb;
	bool exists, fresh = false, readonly = (flags & STORE_READONLY) != 0;
	int rc, oflags, tries = 0;
	char *dir, *slash, *uri = NULL;

	*out = NULL;
again:
	exists = stat(path, &sb) == 0;
	if (exists && S_ISDIR(sb.st_mode)) {
		hv_error_add(err, HV_ENOINPUT, path, 0, 0, "is a folder, not a database file");
		return HV_ENOINPUT;
	}
	if (!exists && (readonly || !(flags & STORE_CREATE))) {
		hv_error_add(err, HV_ENOINPUT, path, 0, 0, "no database here");
		return HV_ENOINPUT;
	}
	if (!exists) {
		dir = xstrdup(path);
		slash = strrchr(dir, '/');
		if (slash != NULL) {
			*(slash == dir ? slash + 1 : slash) = '\0';
			if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
				hv_error_add(err, HV_ENOINPUT, path, 0, 0,
					     "the folder %s does not exist", dir);
				free(dir);
				return HV_ENOINPUT;
			}
		}
		free(dir);
	}
	if (exists && !readonly && access(path, W_OK) != 0) {
		hv_error_add(err, HV_ECANTCREAT, path, 0, 0,
			     "the database is read-only, so nothing could be saved; it was left untouched");
		return HV_ECANTCREAT;
	}

	if (!exists) {
		/* Create it private before SQLite sees it; its -wal and -shm files
		 * take the same mode. */
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

		if (fd < 0) {
			/* Another program made it since: open it as an existing file. */
			if (errno == EEXIST && ++tries < 3)
				goto again;
			hv_error_add(err, HV_ECANTCREAT, path, 0, 0, "cannot create the database: %s",
				     strerror(errno));
			return HV_ECANTCREAT;
		}
		close(fd);
	}
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	st->readonly = readonly;
	oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (readonly && !folder_writable(path)) {
		/* SQLite reads a WAL database by making a -shm file beside it. In a
		 * folder we cannot write, that is only possible for a file that
		 * nobody can be writing: then it is read as it stands. */
		if (!frozen_file(path, &sb)) {
			hv_error_add(err, HV_ENOINPUT, path, 0, 0,
				     "cannot be read here: its folder is read-only for you and the file "
				     "may still be written by its owner; copy it to a folder of yours");
			store_close(st);
			return HV_ENOINPUT;
		}
		uri = immutable_uri(path);
		oflags |= SQLITE_OPEN_URI;
	}
	rc = sqlite3_open_v2(uri ? uri : path, &st->db, oflags | SQLITE_OPEN_NOFOLLOW, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		if (st->db == NULL)
			hv_fatal("out of memory opening SQLite");
		rc = store_fail(st, err, "opening the database");
		store_close(st);
		return rc == HV_ESOFTWARE ? HV_ENOINPUT : rc;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, busy_ms);
	sqlite3_create_function(st->db, "hv_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fold,
				NULL, NULL);

	if (exists && (rc = identify(st, &fresh, err)) != HV_OK)
		goto fail;
	if (!exists)
		fresh = true;
	if (readonly && fresh) {
		hv_error_add(err, HV_ENOINPUT, path, 0, 0, "the database is empty");
		rc = HV_ENOINPUT;
		goto fail;
	}
	/* Only now, knowing the file is ours (or new), may anything be written. */
	if (!readonly && (rc = set_wal(st, err)) != HV_OK)
		goto fail;
	rc = exec(st,
		  "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; "
		  "PRAGMA temp_store = MEMORY",
		  err, "setting up the database");
	if (rc != HV_OK)
		goto fail;
	if (!readonly) {
		if ((rc = migrate(st, err)) != HV_OK)
			goto fail;
	} else {
		int version = 0;

		if ((rc = pragma_int(st, "PRAGMA user_version", &version, err)) != HV_OK)
			goto fail;
		if (version < STORE_SCHEMA_VERSION) {
			hv_error_add(err, HV_EDATA, path, 0, 0,
				     "the database needs upgrading; open it once with a command that saves");
			rc = HV_EDATA;
			goto fail;
		}
	}
	*out = st;
	return HV_OK;
fail:
	store_close(st);
	return rc;
}

void store_close(struct store *st)
{
	int i;

	if (st == NULL)
		return;
	while (st->txdepth > 0)
		store_tx_rollback(st);
	for (i = 0; i < S_NSTMTS; i++)
		sqlite3_finalize(st->stmts[i]);
	for (i = 0; i < STORE_FCACHE; i++)
		sqlite3_finalize(st->fcache[i].stmt);
	if (!st->readonly)
		sqlite3_exec(st->db, "PRAGMA analysis_limit = 400; PRAGMA optimize", NULL, NULL, NULL);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

int store_schema_version(struct store *st)
{
	struct hv_error err;
	int v = -1;

	hv_error_init(&err);
	pragma_int(st, "PRAGMA user_version", &v, &err);
	hv_error_clear(&err);
	return v;
}

/* ---- rulebooks ---- */

static void sha256_hex(const char *text, size_t len, char out[65])
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_init(&ctx);
	sha256_update(&ctx, len, (const uint8_t *)text);
	sha256_digest(&ctx, sizeof(digest), digest);
	for (i = 0; i < sizeof(digest); i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

void store_rulebook_hash(const struct core_rulebook *rb, char hash[65])
{
	sha256_hex(rb->text, rb->text_len, hash);
}

int store_rulebook_put(struct store *st, const struct core_rulebook *rb, char hash[65],
		       struct hv_error *err)
{
	sqlite3_stmt *s;
	char now[21];
	int rc;

	sha256_hex(rb->text, rb->text_len, hash);
	if ((s = store_stmt(st, S_RULEBOOK_PUT, err)) == NULL)
		return err->status;
	store_now_utc(now);
	store_bind_text(s, 1, hash);
	store_bind_text(s, 2, rb->id);
	store_bind_text(s, 3, rb->version);
	store_bind_text(s, 4, rb->title);
	sqlite3_bind_text(s, 5, rb->text, (int)rb->text_len, SQLITE_STATIC);
	store_bind_text(s, 6, now);
	if ((rc = store_tx_begin(st, err)) != HV_OK)
		return rc;
	if ((rc = store_exec_stmt(st, s, err, "keeping the rulebook")) != HV_OK) {
		store_tx_rollback(st);
		return rc;
	}
	return store_tx_commit(st, err);
}

int store_rulebook_text(struct store *st, const char *hash, char **text, size_t *len,
			struct hv_error *err)
{
	sqlite3_stmt *s = store_stmt(st, S_RULEBOOK_TEXT, err);
	int rc;

	*text = NULL;
	if (s == NULL)
		return err->status;
	store_bind_text(s, 1, hash);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*len = (size_t)sqlite3_column_bytes(s, 0);
		*text = xstrndup((const char *)sqlite3_column_text(s, 0), *len);
		sqlite3_reset(s);
		return HV_OK;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		hv_error_add(err, HV_EDATA, st->path, 0, 0, "rulebook %.12s is not in the database", hash);
		return HV_EDATA;
	}
	return store_fail(st, err, "reading a rulebook");
}

int store_analyze(struct store *st, struct hv_error *err)
{
	return exec(st, "PRAGMA analysis_limit = 1000; ANALYZE", err, "updating the statistics");
}

int store_integrity(struct store *st, struct hv_error *err)
{
	sqlite3_stmt *s;
	int rc, found = 0;

	if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, err, "checking the database");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *line = store_col(s, 0);

		if (line != NULL && strcmp(line, "ok") != 0) {
			hv_error_add(err, HV_FOUND, st->path, 0, 0, "integrity: %s", line);
			found = 1;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "checking the database");
	return found ? HV_FOUND : HV_OK;
}
