/*
 * store: the database room. Opens the SQLite file with the settings every
 * command relies on (WAL, foreign keys, busy timeout), applies the numbered
 * migrations embedded in the binary, and wraps prepare/bind/step so that
 * every statement is a string literal with bound values. Domains keep their
 * SQL portable (standard SQL) so another backend can serve it later.
 */
#ifndef PARITY_STORE_H
#define PARITY_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct sqlite3;
struct sqlite3_stmt;
typedef struct sqlite3 store_t;
typedef struct sqlite3_stmt store_stmt_t;

/* Open (creating if needed) the database at path and migrate it to the
 * latest schema. On success *out is the handle; close with store_close.
 * Errors name the path and what to do. Opening a database made before
 * the migration *_key_file.sql moves its pseudonymisation key out to the
 * key file (see store_key_get) and rewrites the file (VACUUM) so that no
 * copy is left; a key file holding another key is refused, naming both. */
int store_open(const char *path, store_t **out, struct err *e);
void store_close(store_t *db);
/* The database path to use: --db value if given, else $PARITY_DB, else
 * "parity.db". Returns a pointer to one of them (not allocated). */
const char *store_default_path(const char *flag_value);
/* Schema version after migrations (the highest migration number). */
int store_schema_version(store_t *db);

/* Keys kept beside the database, never in it (docs/backup.md).
 *
 * The key file of db, into out (n bytes): $PARITY_KEY_FILE when set, else
 * the database's file with ".key" added ("--db scheme.db" ->
 * "/path/to/scheme.db.key"). ERR_DB for an in-memory database without
 * $PARITY_KEY_FILE, or a path that does not fit. */
int store_key_file(store_t *db, char *out, size_t n, struct err *e);
/* The n-byte key called name (letters and '-', e.g. "pseudonym"; n at most
 * 64) into key. It comes from the key file, which is made on first use
 * (mode 0600, written to a new file, flushed and renamed into place) with
 * a random key when may_create is 1 and the database has never had that
 * key. The database keeps only a check value of each key (migration 009)
 * and refuses, with ERR_DATA naming both files and saying what to do:
 *   - a key file whose key is not the one the database was used with;
 *   - a missing key file (or key) once the database has used one, or when
 *     may_create is 0 (the caller has data made with the key).
 * Making or recording a key takes the write lock: inside the caller's
 * transaction when one is open, else in a short one of its own. A
 * database without a file (":memory:") and no $PARITY_KEY_FILE gets a
 * random key held by the process. Nothing is allocated. */
int store_key_get(store_t *db, const char *name, unsigned char *key, size_t n, int may_create,
		  struct err *e);

/* Transactions: one per command that writes. begin uses BEGIN IMMEDIATE
 * so two writers queue on the busy timeout instead of failing late. */
int store_begin(store_t *db, struct err *e);
int store_commit(store_t *db, struct err *e);
/* Roll back if a transaction is open; safe to call in any state. */
void store_rollback(store_t *db);
/* A command's one transaction: store_open(path) then store_begin (the
 * database closed again when begin fails); and its end: commit when
 * rc >= 0, else roll back, then close — 0, or the first error. */
int store_open_begin(const char *path, store_t **db, struct err *e);
int store_finish(store_t *db, int rc, struct err *e);

/* Prepare `sql` and bind the values described by fmt, one letter each:
 *   t  const char *  text (NULL binds NULL)
 *   i  int64_t       integer (pass as int64_t)
 *   d  double        real
 *   n  (nothing)     NULL
 *   b  const void *, size_t  bytes (a BLOB; NULL binds NULL), not copied:
 *      they must stay unchanged until the statement is stepped
 * On success *out is a statement to step and finalise with store_done. */
int store_prepare(store_t *db, store_stmt_t **out, struct err *e,
		  const char *sql, const char *fmt, ...);
/* Reset a prepared statement and bind new values (same letters as
 * store_prepare), to run it again: bulk inserts reuse one statement. */
int store_rebind(store_stmt_t *st, struct err *e, const char *fmt, ...);
/* Step: returns 1 when a row is ready, 0 when done, negative on error. */
int store_step(store_stmt_t *st, struct err *e);
/* Finalise a statement; NULL is a no-op. */
void store_done(store_stmt_t *st);
/* Prepare, bind, step to completion, finalise. For writes and DDL. */
int store_exec(store_t *db, struct err *e, const char *sql, const char *fmt,
	       ...);
/* As store_exec, but without waiting for another connection's write
 * lock: 1 (and e untouched) when the database is busy and nothing was
 * done, else as store_exec. For a write that may be left to later, such
 * as a session's last-seen time, so that reading a page never waits for
 * an import's writes. Other statements keep waiting up to 5 s. */
int store_exec_if_free(store_t *db, struct err *e, const char *sql, const char *fmt, ...);
/* Run a query expected to return one integer (count, id); *out is 0 when
 * no row. */
int store_query_int(store_t *db, int64_t *out, struct err *e,
		    const char *sql, const char *fmt, ...);
/* Row id of the last insert. */
int64_t store_last_id(store_t *db);
/* Rows changed by the last statement. */
int store_changes(store_t *db);

/* Column accessors for the current row; text is NULL for SQL NULL and is
 * owned by the statement (valid until the next step). */
const char *store_col_text(store_stmt_t *st, int i);
int64_t store_col_int(store_stmt_t *st, int i);
double store_col_double(store_stmt_t *st, int i);
/* Bytes of a BLOB column and their count in *len (NULL and 0 for SQL
 * NULL or an empty blob); owned by the statement like text. */
const void *store_col_blob(store_stmt_t *st, int i, size_t *len);
int store_col_is_null(store_stmt_t *st, int i);

#endif
