/*
 * store: SQLite open/migrate/transaction helpers and the prepare/bind/step
 * wrappers every domain uses (see store.h). Migrations are the files of
 * src/store/migrations/, compiled into the binary by tools/bin2c as the
 * `migrations` array; each runs once, in order, inside a transaction, and
 * the version reached is kept in the schema_version table.
 *
 * Keys (the pseudonymisation key; later the casework key) are kept in a
 * key file beside the database, never in it (docs/backup.md): a copy of
 * the database alone must not be enough to reverse its pseudonyms. The
 * database keeps a check value of each key so that a missing or foreign
 * key file is refused instead of silently replaced.
 */
#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct embedded_file {
	const char *name;
	const char *data;
	size_t len;
};
extern const struct embedded_file migrations[];

const char *store_default_path(const char *flag_value)
{
	const char *env;
	if (flag_value && *flag_value)
		return flag_value;
	env = getenv("PARITY_DB");
	if (env && *env)
		return env;
	return "parity.db";
}

/* How long a statement waits for another connection's write lock (an
 * import, the web server) before it fails as busy. */
#define STORE_BUSY_MS 5000

/* The database file of db for messages, into out: relative to the current
 * folder when it is inside it (as it was most likely typed), else as
 * SQLite holds it (absolute); "the in-memory database" when there is no
 * file. Returns out or that literal. */
static const char *db_name(store_t *db, char *out, size_t n)
{
	const char *f = db ? sqlite3_db_filename(db, "main") : NULL;
	char cwd[PATH_MAX];
	size_t k;
	if (!f || !*f)
		return "the in-memory database";
	if (getcwd(cwd, sizeof cwd) && (k = strlen(cwd)) > 1 && strncmp(f, cwd, k) == 0 &&
	    f[k] == '/' && f[k + 1])
		f += k + 1;
	snprintf(out, n, "%s", f);
	return out;
}

/* 1 when the file at path may be written but the folder holding it may
 * not, so SQLite cannot make the -wal and -shm files beside it. */
static int only_folder_read_only(const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	if (access(path, W_OK) != 0)
		return 0;
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else
		snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
	return access(dir, W_OK) != 0;
}

/* A message naming the file and saying what to do, for the SQLite
 * failures (code rc, primary or extended) a user can act on: a read-only
 * file or folder, a full disk, a lock held too long, a damaged file, a
 * failing disk. Returns ERR_DB with e set, or 0 when rc is none of them.
 * at_open: the failure came while opening, before any change was tried. */
static int known_failure(store_t *db, int rc, struct err *e, int at_open)
{
	const char *path = db ? sqlite3_db_filename(db, "main") : NULL;
	const char *done = at_open ? "" : "; nothing was changed";
	char buf[PATH_MAX];
	const char *name = db_name(db, buf, sizeof buf);
	int os = db ? sqlite3_system_errno(db) : 0;

	if ((rc & 0xff) == SQLITE_IOERR && (os == ENOSPC || os == EDQUOT))
		rc = SQLITE_FULL; /* the WAL or its index could not grow */
	switch (rc & 0xff) {
	case SQLITE_READONLY:
		if (path && *path && only_folder_read_only(path))
			return err_set(e, ERR_DB,
				       "%s is in a folder parity cannot write to: SQLite keeps "
				       "%s-wal and %s-shm beside the database. Check the folder's "
				       "permissions, or copy the database somewhere writable%s",
				       name, name, name, done);
		return err_set(e, ERR_DB,
			       "%s is read-only: check its permissions, or copy it somewhere "
			       "writable%s", name, done);
	case SQLITE_FULL:
		return err_set(e, ERR_DB,
			       "disk full writing %s: free space and run again%s", name, done);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(e, ERR_DB,
			       "%s is busy: another program kept it locked for more than %d "
			       "seconds; run again%s", name, STORE_BUSY_MS / 1000, done);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return err_set(e, ERR_DB,
			       "%s is damaged or is not a parity database (%s): restore it "
			       "from a backup, or choose another file with --db FILE",
			       name, sqlite3_errstr(rc & 0xff));
	case SQLITE_IOERR:
		return err_set(e, ERR_DB,
			       "cannot read or write %s (disk I/O error%s%s): check the disk "
			       "it is on%s", name, os ? ": " : "", os ? strerror(os) : "", done);
	}
	return 0;
}

static int db_fail(store_t *db, struct err *e, const char *what)
{
	if (known_failure(db, sqlite3_extended_errcode(db), e, 0))
		return ERR_DB;
	return err_set(e, ERR_DB, "database error while %s: %s", what,
		       sqlite3_errmsg(db));
}

static int exec_plain(store_t *db, const char *sql, struct err *e,
		      const char *what)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		if (!known_failure(db, sqlite3_extended_errcode(db), e, 0))
			err_set(e, ERR_DB, "database error while %s: %s", what,
				msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return ERR_DB;
	}
	return 0;
}

int store_schema_version(store_t *db)
{
	int64_t v = 0;
	struct err e;
	err_clear(&e);
	if (store_query_int(db, &v, &e, "SELECT MAX(version) FROM schema_version", "") < 0)
		return -1;
	return (int)v;
}

/* ---- keys beside the database ------------------------------------------ */

#define KEYS_MAX 8		/* keys in one key file */
#define KEY_NAME_MAX 32		/* bytes of a key's name, NUL included */
#define KEY_BYTES_MAX 64	/* bytes of one key */
#define KEY_FILE_MAX 65536	/* bytes of a key file */

/* The keys of a key file, in the order they are written. */
struct keyfile {
	int n; /* keys held */
	struct {
		char name[KEY_NAME_MAX];	  /* "pseudonym" */
		unsigned char key[KEY_BYTES_MAX]; /* its bytes */
		size_t len;			  /* how many */
	} k[KEYS_MAX];
};

/* path relative to the current folder when it is inside it, into out. */
static const char *short_name(const char *path, char *out, size_t n)
{
	char cwd[PATH_MAX];
	size_t k;
	if (path[0] == '/' && getcwd(cwd, sizeof cwd) && (k = strlen(cwd)) > 1 &&
	    strncmp(path, cwd, k) == 0 && path[k] == '/' && path[k + 1])
		path += k + 1;
	snprintf(out, n, "%s", path);
	return out;
}

/* Into out: $PARITY_KEY_FILE, else the database's file with ".key" added.
 * Returns 1, or 0 (out empty) for a database without a file (in memory)
 * when $PARITY_KEY_FILE is not set, or ERR_DB when the path is too long. */
static int key_path(store_t *db, char *out, size_t n, struct err *e)
{
	const char *env = getenv("PARITY_KEY_FILE"), *f;
	out[0] = '\0';
	if (env && *env) {
		if (snprintf(out, n, "%s", env) >= (int)n)
			return err_set(e, ERR_DB, "PARITY_KEY_FILE is too long");
		return 1;
	}
	f = sqlite3_db_filename(db, "main");
	if (!f || !*f)
		return 0;
	if (snprintf(out, n, "%s.key", f) >= (int)n)
		return err_set(e, ERR_DB, "the path of %s is too long for its key file", f);
	return 1;
}

int store_key_file(store_t *db, char *out, size_t n, struct err *e)
{
	int rc = key_path(db, out, n, e);
	if (rc == 0)
		return err_set(e, ERR_DB, "an in-memory database has no key file");
	return rc < 0 ? rc : 0;
}

/* Read the key file at path into kf (empty when there is no such file,
 * *exists 0). Lines: "NAME HEX", blank lines and "# ..." comments. */
static int keyfile_read(const char *path, struct keyfile *kf, int *exists, struct err *e)
{
	char *data = NULL, *line, *next, shown[PATH_MAX];
	struct stat st;
	ssize_t got;
	size_t len = 0;
	int fd, lineno = 0, rc = 0;

	memset(kf, 0, sizeof *kf);
	*exists = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int en = errno;
		if (en == ENOENT)
			return 0;
		return err_set(e, ERR_IO, "cannot read the key file %s: %s",
			       short_name(path, shown, sizeof shown), strerror(en));
	}
	*exists = 1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > KEY_FILE_MAX) {
		close(fd);
		return err_set(e, ERR_IO, "%s is not a parity key file (not a small plain file)",
			       short_name(path, shown, sizeof shown));
	}
	data = sodium_malloc(KEY_FILE_MAX + 1);
	if (!data) {
		close(fd);
		return err_set(e, ERR_IO, "out of memory reading a key file");
	}
	while (len < KEY_FILE_MAX && (got = read(fd, data + len, KEY_FILE_MAX - len)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int en = errno;
			rc = err_set(e, ERR_IO, "cannot read the key file %s: %s",
				     short_name(path, shown, sizeof shown), strerror(en));
			goto done;
		}
		len += (size_t)got;
	}
	data[len] = '\0';
	if (memchr(data, '\0', len)) {
		rc = err_set(e, ERR_DATA,
			     "%s is not a parity key file (it holds a NUL byte); restore it from your "
			     "backup (docs/backup.md)", short_name(path, shown, sizeof shown));
		goto done;
	}
	for (line = data; line && *line; line = next) {
		char *sp, *end;
		size_t hexlen, klen = 0;
		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		end = line + strlen(line);
		while (end > line && (end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (!*line || *line == '#')
			continue;
		sp = strchr(line, ' ');
		hexlen = sp ? strlen(sp + 1) : 0;
		/* names are lower-case letters, digits and '-' */
		if (!sp || sp == line || (size_t)(sp - line) >= KEY_NAME_MAX || kf->n >= KEYS_MAX ||
		    strspn(line, "abcdefghijklmnopqrstuvwxyz0123456789-") != (size_t)(sp - line) ||
		    hexlen == 0 || hexlen % 2 || hexlen / 2 > KEY_BYTES_MAX ||
		    sodium_hex2bin(kf->k[kf->n].key, KEY_BYTES_MAX, sp + 1, hexlen, NULL, &klen,
				   NULL) != 0 ||
		    klen != hexlen / 2) {
			rc = err_set(e, ERR_DATA,
				     "%s:%d: the key file is damaged (each line is a key's name and "
				     "its bytes in hex); restore it from your backup (docs/backup.md)",
				     short_name(path, shown, sizeof shown), lineno);
			goto done;
		}
		snprintf(kf->k[kf->n].name, KEY_NAME_MAX, "%.*s", (int)(sp - line), line);
		kf->k[kf->n].len = klen;
		kf->n++;
	}
done:
	sodium_free(data);
	close(fd);
	if (rc < 0)
		sodium_memzero(kf, sizeof *kf);
	return rc;
}

/* Write kf to path in one step: a new file (mode 0600) beside it, flushed
 * to disk, renamed over it, and the folder flushed, so that a crash leaves
 * the old file or the new one, never half of one. */
static int keyfile_write(const char *path, const char *db_file, const struct keyfile *kf,
			 struct err *e)
{
	char tmp[PATH_MAX], dir[PATH_MAX], shown[PATH_MAX], *text;
	const char *slash = strrchr(path, '/');
	size_t len = 0, cap = 4096;
	int fd, i, rc = 0, dfd;

	if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp)
		return err_set(e, ERR_IO, "the key file's path is too long");
	fd = mkstemp(tmp);
	if (fd < 0) {
		int en = errno;
		return err_set(e, ERR_IO,
			       "cannot write the key file %s: %s; check that its folder is "
			       "writable, or set PARITY_KEY_FILE", short_name(path, shown, sizeof shown),
			       strerror(en));
	}
	text = sodium_malloc(cap);
	if (!text) {
		close(fd);
		unlink(tmp);
		return err_set(e, ERR_IO, "out of memory writing a key file");
	}
	len = (size_t)snprintf(text, cap,
			       "# parity keys for %s. Keep this file apart from the database and back\n"
			       "# up both: without it new imports cannot match earlier ones (docs/backup.md).\n",
			       db_file && *db_file && !strpbrk(db_file, "\r\n") ? db_file
										    : "a database");
	for (i = 0; i < kf->n && len < cap; i++) {
		len += (size_t)snprintf(text + len, cap - len, "%s ", kf->k[i].name);
		if (len + kf->k[i].len * 2 + 2 < cap) {
			sodium_bin2hex(text + len, cap - len, kf->k[i].key, kf->k[i].len);
			len += kf->k[i].len * 2;
			text[len++] = '\n';
		}
	}
	errno = 0;
	if (len >= cap || fchmod(fd, 0600) < 0 || write(fd, text, len) != (ssize_t)len ||
	    fsync(fd) < 0) {
		int en = errno ? errno : ENOSPC; /* a short write sets none */
		rc = err_set(e, ERR_IO, "cannot write the key file %s: %s",
			     short_name(path, shown, sizeof shown),
			     len >= cap ? "too many keys" : strerror(en));
		close(fd);
		unlink(tmp);
		goto done;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		int en = errno;
		rc = err_set(e, ERR_IO, "cannot write the key file %s: %s",
			     short_name(path, shown, sizeof shown), strerror(en));
		unlink(tmp);
		goto done;
	}
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else
		snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
done:
	sodium_memzero(text, cap);
	sodium_free(text);
	return rc;
}

/* The check value of a key, as hex (33 bytes with the NUL): BLAKE2b with a
 * 16-byte output, keyed by the key, of "parity key check: NAME". It tells
 * whether a key is the one the database was used with, and nothing about
 * the key itself. */
static void key_check(const char *name, const unsigned char *key, size_t n, char hex[33])
{
	unsigned char out[16];
	char text[64];
	int len = snprintf(text, sizeof text, "parity key check: %s", name);
	crypto_generichash(out, sizeof out, (const unsigned char *)text, (size_t)len, key, n);
	sodium_bin2hex(hex, 33, out, sizeof out);
}

/* Record the check value of key name (inside the caller's transaction). */
static int key_check_store(store_t *db, const char *name, const unsigned char *key, size_t n,
			   struct err *e)
{
	char hex[33];
	key_check(name, key, n, hex);
	return store_exec(db, e, "INSERT INTO store_key(name, check_value) VALUES (?, ?)", "tt",
			  name, hex);
}

/* Keys of databases without a file (in memory): held by the process, which
 * the database does not outlive. */
static pthread_mutex_t mem_keys_lock = PTHREAD_MUTEX_INITIALIZER;
static struct keyfile mem_keys;

static int mem_key(const char *name, unsigned char *key, size_t n, struct err *e)
{
	int i;
	pthread_mutex_lock(&mem_keys_lock);
	for (i = 0; i < mem_keys.n && strcmp(mem_keys.k[i].name, name); i++)
		;
	if (i == mem_keys.n && i < KEYS_MAX) {
		snprintf(mem_keys.k[i].name, KEY_NAME_MAX, "%s", name);
		randombytes_buf(mem_keys.k[i].key, n);
		mem_keys.k[i].len = n;
		mem_keys.n++;
	}
	if (i < mem_keys.n)
		memcpy(key, mem_keys.k[i].key, n);
	pthread_mutex_unlock(&mem_keys_lock);
	if (i >= KEYS_MAX)
		return err_set(e, ERR_DB, "too many keys");
	return 0;
}

/* What the key called name protects (which = 0), and what a new key in
 * its place would do (which = 1), for the message of a missing key. */
static const char *key_purpose(const char *name, int which)
{
	if (!strcmp(name, "casework"))
		return which ? "could not open the cases sealed with the lost one"
			     : "encrypted casework";
	if (!strcmp(name, "mail"))
		return which ? "could not unseal the SMTP password sealed with the lost one"
			     : "a sealed SMTP password";
	return which ? "would count the same people again as new ones" : "pseudonymised data";
}

/* One pass of store_key_get. locked: the caller holds the write lock, so
 * a key may be made and recorded; otherwise returns 1 when that is needed. */
static int key_get_pass(store_t *db, const char *path, const char *name, unsigned char *key,
			size_t n, int may_create, int locked, struct err *e)
{
	struct keyfile kf;
	store_stmt_t *st = NULL;
	char check[33], want[33] = "", shown[PATH_MAX], dbshown[PATH_MAX];
	const char *dbfile = sqlite3_db_filename(db, "main");
	int exists, i, rc;

	if ((rc = keyfile_read(path, &kf, &exists, e)) < 0)
		return rc;
	if (store_prepare(db, &st, e, "SELECT check_value FROM store_key WHERE name = ?", "t",
			  name) < 0)
		goto fail;
	if ((rc = store_step(st, e)) < 0)
		goto fail;
	if (rc == 1)
		snprintf(want, sizeof want, "%s", store_col_text(st, 0));
	store_done(st);
	st = NULL;
	short_name(path, shown, sizeof shown);
	if (dbfile && *dbfile)
		short_name(dbfile, dbshown, sizeof dbshown);
	else
		snprintf(dbshown, sizeof dbshown, "the in-memory database");
	for (i = 0; i < kf.n && strcmp(kf.k[i].name, name); i++)
		;
	if (i < kf.n) {
		if (kf.k[i].len != n) {
			rc = err_set(e, ERR_DATA, "%s: the %s key has %zu bytes, not %zu; the key "
				     "file is damaged: restore it from your backup (docs/backup.md)",
				     shown, name, kf.k[i].len, n);
			goto fail;
		}
		key_check(name, kf.k[i].key, n, check);
		if (want[0] && strcmp(want, check)) {
			rc = err_set(e, ERR_DATA,
				     "the key file %s does not belong to %s: its %s key is not the "
				     "one the database's data was made with. Use the database's own "
				     "key file (restore it from your backup, or point PARITY_KEY_FILE "
				     "at it; docs/backup.md)", shown, dbshown, name);
			goto fail;
		}
		if (!want[0]) {
			if (!locked) {
				sodium_memzero(&kf, sizeof kf);
				return 1;
			}
			if (key_check_store(db, name, kf.k[i].key, n, e) < 0)
				goto fail;
		}
		memcpy(key, kf.k[i].key, n);
		sodium_memzero(&kf, sizeof kf);
		return 0;
	}
	if (want[0] || !may_create) {
		rc = err_set(e, ERR_DATA,
			     "%s holds %s, but its key file %s %s. Restore the key file from your "
			     "backup (or point PARITY_KEY_FILE at it; docs/backup.md) and run "
			     "again: parity will not make a new key, which %s",
			     dbshown, key_purpose(name, 0), shown,
			     exists ? "has no key for it" : "is missing", key_purpose(name, 1));
		goto fail;
	}
	if (!locked) {
		sodium_memzero(&kf, sizeof kf);
		return 1;
	}
	if (kf.n >= KEYS_MAX) {
		rc = err_set(e, ERR_DATA,
			     "%s holds %d keys, the most a key file may hold, and none for %s: it "
			     "is damaged or not parity's; restore it from your backup "
			     "(docs/backup.md)", shown, KEYS_MAX, name);
		goto fail;
	}
	if (strlen(name) >= KEY_NAME_MAX) {
		rc = err_set(e, ERR_DB, "internal: key name %s is too long", name);
		goto fail;
	}
	snprintf(kf.k[kf.n].name, KEY_NAME_MAX, "%s", name);
	randombytes_buf(kf.k[kf.n].key, n);
	kf.k[kf.n].len = n;
	kf.n++;
	/* the file first: a check value without its key would lock the
	 * database out of its own data */
	if (keyfile_write(path, dbfile, &kf, e) < 0 ||
	    key_check_store(db, name, kf.k[kf.n - 1].key, n, e) < 0)
		goto fail;
	memcpy(key, kf.k[kf.n - 1].key, n);
	sodium_memzero(&kf, sizeof kf);
	return 0;
fail:
	store_done(st);
	sodium_memzero(&kf, sizeof kf);
	return e->code ? e->code : ERR_DB;
}

int store_key_get(store_t *db, const char *name, unsigned char *key, size_t n, int may_create,
		  struct err *e)
{
	char path[PATH_MAX];
	int rc;

	if (sodium_init() < 0)
		return err_set(e, ERR_DB, "libsodium could not start");
	if (n == 0 || n > KEY_BYTES_MAX)
		return err_set(e, ERR_DB, "internal: a key of %zu bytes", n);
	if ((rc = key_path(db, path, sizeof path, e)) < 0)
		return rc;
	if (rc == 0)
		return mem_key(name, key, n, e);
	/* Making a key (or recording one) happens under the write lock, so
	 * that two processes using the database for the first time agree on
	 * one key; reading one needs no lock. */
	rc = key_get_pass(db, path, name, key, n, may_create, !sqlite3_get_autocommit(db), e);
	if (rc != 1)
		return rc;
	if (store_begin(db, e) < 0)
		return ERR_DB;
	if ((rc = key_get_pass(db, path, name, key, n, may_create, 1, e)) < 0 ||
	    (rc = store_commit(db, e)) < 0) {
		store_rollback(db);
		sodium_memzero(key, n);
		return rc;
	}
	return 0;
}

/* Before the migration *_key_file.sql: the pseudonymisation key kept in
 * mon_secret (made by earlier versions) goes to the key file, written and flushed before
 * the migration drops the table; *moved 1 and key its bytes when there was
 * one. A key file that already holds a different key is refused, naming
 * both files: the database's own key made its pseudonyms, and the other
 * belongs to something else. */
static int move_key_out(store_t *db, unsigned char key[16], int *moved, struct err *e)
{
	struct keyfile kf;
	store_stmt_t *st;
	char path[PATH_MAX], shown[PATH_MAX], dbshown[PATH_MAX];
	const char *dbfile = sqlite3_db_filename(db, "main");
	int64_t has = 0;
	size_t klen = 0;
	int exists, i, rc;

	*moved = 0;
	if (store_query_int(db, &has, e,
			    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'mon_secret'",
			    "") < 0)
		return ERR_DB;
	if (!has)
		return 0;
	if (store_prepare(db, &st, e, "SELECT key FROM mon_secret WHERE id = 1", "") < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1) {
		const char *hex = store_col_text(st, 0);
		if (!hex || strlen(hex) != 32 ||
		    sodium_hex2bin(key, 16, hex, 32, NULL, &klen, NULL) != 0 || klen != 16)
			rc = err_set(e, ERR_DB, "the pseudonymisation key in the database is damaged");
	}
	store_done(st);
	if (rc <= 0)
		return rc;
	if ((rc = key_path(db, path, sizeof path, e)) < 0)
		return rc;
	if (rc == 0) { /* in memory: nothing to keep it for */
		*moved = 1;
		return 0;
	}
	if ((rc = keyfile_read(path, &kf, &exists, e)) < 0)
		return rc;
	for (i = 0; i < kf.n && strcmp(kf.k[i].name, "pseudonym"); i++)
		;
	short_name(path, shown, sizeof shown);
	short_name(dbfile, dbshown, sizeof dbshown);
	if (i < kf.n && (kf.k[i].len != 16 || sodium_memcmp(kf.k[i].key, key, 16) != 0)) {
		sodium_memzero(&kf, sizeof kf);
		return err_set(e, ERR_DATA,
			       "%s still holds its pseudonymisation key, which now moves to the key "
			       "file %s, but %s already holds a different one (from another "
			       "database?). Move %s away (or point PARITY_KEY_FILE elsewhere) and run "
			       "again: parity will then write the database's own key there",
			       dbshown, shown, shown, shown);
	}
	if (i == kf.n) {
		if (kf.n >= KEYS_MAX) {
			sodium_memzero(&kf, sizeof kf);
			return err_set(e, ERR_DATA, "%s holds too many keys", shown);
		}
		snprintf(kf.k[kf.n].name, KEY_NAME_MAX, "pseudonym");
		memcpy(kf.k[kf.n].key, key, 16);
		kf.k[kf.n].len = 16;
		kf.n++;
		rc = keyfile_write(path, dbfile, &kf, e);
	}
	sodium_memzero(&kf, sizeof kf);
	if (rc < 0)
		return rc;
	*moved = 1;
	return 0;
}

/* After the key has left: rewrite the whole file (VACUUM) so that no copy
 * of it stays in a free page, then empty the WAL, whose older frames may
 * hold the page the key was on. Best effort: when another connection keeps
 * the WAL busy it is emptied when the last one closes. */
static void scrub(store_t *db)
{
	sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
	sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
}

static int migrate(store_t *db, struct err *e)
{
	int64_t have = 0;
	size_t i;

	if (exec_plain(db,
		       "CREATE TABLE IF NOT EXISTS schema_version ("
		       " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
		       " applied_at TEXT NOT NULL)",
		       e, "creating schema_version") < 0)
		return ERR_DB;
	if (store_query_int(db, &have, e,
			    "SELECT COALESCE(MAX(version), 0) FROM schema_version",
			    "") < 0)
		return ERR_DB;
	for (i = 0; migrations[i].name; i++) {
		int64_t v = strtol(migrations[i].name, NULL, 10);
		/* the migration that takes the key out of the database (by
		 * name, so that renumbering it keeps this) */
		const char *tail = migrations[i].name + strspn(migrations[i].name, "0123456789");
		int key_move = strcmp(tail, "_key_file.sql") == 0;
		unsigned char key[16];
		int moved = 0;
		if (v <= have)
			continue;
		/* the dropped row's bytes are overwritten, not only unlinked */
		if (key_move && exec_plain(db, "PRAGMA secure_delete = ON", e, "preparing") < 0)
			return ERR_DB;
		if (store_begin(db, e) < 0)
			return ERR_DB;
		/* another process may have applied it while this one waited
		 * for the lock: checked again inside the transaction */
		if (store_query_int(db, &have, e,
				    "SELECT COALESCE(MAX(version), 0) FROM schema_version", "") < 0) {
			store_rollback(db);
			return ERR_DB;
		}
		if (v <= have) {
			store_rollback(db);
			if (key_move)
				sqlite3_exec(db, "PRAGMA secure_delete = OFF", NULL, NULL, NULL);
			continue;
		}
		if ((key_move && move_key_out(db, key, &moved, e) < 0) ||
		    exec_plain(db, migrations[i].data, e, migrations[i].name) < 0 ||
		    (moved && key_check_store(db, "pseudonym", key, sizeof key, e) < 0) ||
		    store_exec(db, e,
			       "INSERT INTO schema_version(version, name, applied_at)"
			       " VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
			       "it", v, migrations[i].name) < 0) {
			sodium_memzero(key, sizeof key);
			store_rollback(db);
			err_prefix(e, "migrating the database to version %lld",
				   (long long)v);
			return ERR_DB;
		}
		sodium_memzero(key, sizeof key);
		if (store_commit(db, e) < 0)
			return ERR_DB;
		if (key_move) {
			sqlite3_exec(db, "PRAGMA secure_delete = OFF", NULL, NULL, NULL);
			if (moved)
				scrub(db);
		}
	}
	return 0;
}

/* SQLite keeps memory statistics behind one process-wide mutex taken on
 * every allocation; parity never reads them, and under the web server's
 * threads that mutex was a third of a page's time (bench/results/
 * web-*-profile.txt). Must run before SQLite initialises. */
static pthread_once_t config_once = PTHREAD_ONCE_INIT;
static void config_sqlite(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* for the key file (sodium_malloc needs it); thread-safe, and
	 * store_key_get checks it again */
	if (sodium_init() < 0)
		abort();
}

int store_open(const char *path, store_t **out, struct err *e)
{
	store_t *db = NULL;
	int rc;

	*out = NULL;
	pthread_once(&config_once, config_sqlite);
	rc = sqlite3_open_v2(path, &db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				     SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_DB,
			"cannot open database %s: %s; check the path and its "
			"permissions, or choose another with --db FILE",
			path, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return ERR_DB;
	}
	sqlite3_busy_timeout(db, STORE_BUSY_MS);
	if (exec_plain(db, "PRAGMA foreign_keys = ON", e, "enabling foreign keys") < 0)
		goto fail;
	{
		char *msg = NULL;
		rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, &msg);
		sqlite3_free(msg);
		/* A read-only file or folder said "not a parity database"
		 * (issue 13, finding 15): say which, and what to do. */
		if (rc != SQLITE_OK &&
		    ((rc = sqlite3_extended_errcode(db)) & 0xff) != SQLITE_NOTADB &&
		    known_failure(db, rc, e, 1))
			goto fail;
		if (rc != SQLITE_OK) {
			err_set(e, ERR_DB,
				"%s is not a parity database (%s); choose another "
				"file with --db FILE",
				path, sqlite3_errmsg(db));
			goto fail;
		}
	}
	if (migrate(db, e) < 0) {
		char buf[PATH_MAX];
		if (!strstr(e->msg, db_name(db, buf, sizeof buf)))
			err_prefix(e, "%s", path);
		goto fail;
	}
	*out = db;
	return 0;
fail:
	sqlite3_close(db);
	return e->code ? e->code : ERR_DB;
}

void store_close(store_t *db)
{
	if (db)
		sqlite3_close(db);
}

int store_begin(store_t *db, struct err *e)
{
	return exec_plain(db, "BEGIN IMMEDIATE", e, "starting a transaction");
}

int store_commit(store_t *db, struct err *e)
{
	return exec_plain(db, "COMMIT", e, "committing");
}

void store_rollback(store_t *db)
{
	if (db && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static int bind_all(store_t *db, sqlite3_stmt *st, struct err *e,
		    const char *fmt, va_list ap)
{
	int i, rc = SQLITE_OK;
	for (i = 0; fmt[i]; i++) {
		int col = i + 1;
		switch (fmt[i]) {
		case 't': {
			const char *s = va_arg(ap, const char *);
			rc = s ? sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(st, col);
			break;
		}
		case 'i':
			rc = sqlite3_bind_int64(st, col, va_arg(ap, int64_t));
			break;
		case 'd':
			rc = sqlite3_bind_double(st, col, va_arg(ap, double));
			break;
		case 'n':
			rc = sqlite3_bind_null(st, col);
			break;
		case 'b': {
			/* bytes and their count; NULL binds NULL. SQLITE_STATIC:
			 * the caller keeps them until the statement is stepped. */
			const void *p = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			rc = p ? sqlite3_bind_blob64(st, col, p, n, SQLITE_STATIC)
			       : sqlite3_bind_null(st, col);
			break;
		}
		default:
			return err_set(e, ERR_DB, "internal: bad bind format '%c'",
				       fmt[i]);
		}
		if (rc != SQLITE_OK)
			return db_fail(db, e, "binding a value");
	}
	return 0;
}

static int prepare_v(store_t *db, sqlite3_stmt **out, struct err *e,
		     const char *sql, const char *fmt, va_list ap)
{
	sqlite3_stmt *st = NULL;
	*out = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, e, "preparing a statement");
	if (bind_all(db, st, e, fmt, ap) < 0) {
		sqlite3_finalize(st);
		return ERR_DB;
	}
	*out = st;
	return 0;
}

int store_prepare(store_t *db, store_stmt_t **out, struct err *e,
		  const char *sql, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = prepare_v(db, out, e, sql, fmt, ap);
	va_end(ap);
	return rc;
}

int store_rebind(store_stmt_t *st, struct err *e, const char *fmt, ...)
{
	va_list ap;
	int rc;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	va_start(ap, fmt);
	rc = bind_all(sqlite3_db_handle(st), st, e, fmt, ap);
	va_end(ap);
	return rc;
}

int store_step(store_stmt_t *st, struct err *e)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	if (known_failure(sqlite3_db_handle(st), sqlite3_extended_errcode(sqlite3_db_handle(st)),
			  e, 0))
		return ERR_DB;
	return err_set(e, ERR_DB, "database error: %s",
		       sqlite3_errmsg(sqlite3_db_handle(st)));
}

void store_done(store_stmt_t *st)
{
	if (st)
		sqlite3_finalize(st);
}

int store_exec(store_t *db, struct err *e, const char *sql, const char *fmt,
	       ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = prepare_v(db, &st, e, sql, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1)
		;
	sqlite3_finalize(st);
	return rc;
}

int store_exec_if_free(store_t *db, struct err *e, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = prepare_v(db, &st, e, sql, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return rc;
	sqlite3_busy_timeout(db, 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_busy_timeout(db, STORE_BUSY_MS);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(st);
		return 0;
	}
	if ((rc & 0xff) == SQLITE_BUSY) {
		sqlite3_finalize(st);
		return 1;
	}
	sqlite3_reset(st);
	rc = known_failure(db, sqlite3_extended_errcode(db), e, 0)
		     ? ERR_DB
		     : err_set(e, ERR_DB, "database error: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc;
}

int store_query_int(store_t *db, int64_t *out, struct err *e,
		    const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	*out = 0;
	va_start(ap, fmt);
	rc = prepare_v(db, &st, e, sql, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return rc;
	rc = store_step(st, e);
	if (rc == 1)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc < 0 ? rc : 0;
}

int64_t store_last_id(store_t *db)
{
	return sqlite3_last_insert_rowid(db);
}

int store_changes(store_t *db)
{
	return sqlite3_changes(db);
}

const char *store_col_text(store_stmt_t *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

int64_t store_col_int(store_stmt_t *st, int i)
{
	return sqlite3_column_int64(st, i);
}

double store_col_double(store_stmt_t *st, int i)
{
	return sqlite3_column_double(st, i);
}

const void *store_col_blob(store_stmt_t *st, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(st, i);
	*len = (size_t)sqlite3_column_bytes(st, i);
	return p;
}

int store_col_is_null(store_stmt_t *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL;
}

int store_open_begin(const char *path, store_t **db, struct err *e)
{
	int rc = store_open(path, db, e);
	if (rc < 0)
		return rc;
	if ((rc = store_begin(*db, e)) < 0)
		store_close(*db);
	return rc;
}

int store_finish(store_t *db, int rc, struct err *e)
{
	if (rc >= 0)
		rc = store_commit(db, e);
	if (rc < 0)
		store_rollback(db);
	store_close(db);
	return rc < 0 ? rc : 0;
}
