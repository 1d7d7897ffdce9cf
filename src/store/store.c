/*
 * store: SQLite open/migrate/transaction helpers and the prepare/bind/step
 * wrappers every domain uses (see store.h). Migrations are the files of
 * src/store/migrations/, compiled into the binary by tools/bin2c as the
 * `migrations` array; each runs once, in order, inside a transaction, and
 * the version reached is kept in the schema_version table.
 */
#include "store/store.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
		if (v <= have)
			continue;
		if (store_begin(db, e) < 0)
			return ERR_DB;
		if (exec_plain(db, migrations[i].data, e, migrations[i].name) < 0 ||
		    store_exec(db, e,
			       "INSERT INTO schema_version(version, name, applied_at)"
			       " VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
			       "it", v, migrations[i].name) < 0) {
			store_rollback(db);
			err_prefix(e, "migrating the database to version %lld",
				   (long long)v);
			return ERR_DB;
		}
		if (store_commit(db, e) < 0)
			return ERR_DB;
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
