/*
 * test_store: the database room, src/store/store.h. Each test works in a
 * fresh directory made with mkdtemp and removed afterwards: opening a new
 * file creates and migrates it, reopening is a no-op, the connection runs
 * in WAL mode with foreign keys on, the prepare/bind wrappers bind what
 * their format letters say, transactions commit and roll back, and every
 * failure (bad SQL, missing directory, a file that is not a database)
 * comes back as an error naming what went wrong.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "store/store.h"

static char tmpdir[256]; /* this test's directory, made by setup() */

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/parity-store-XXXXXX",
		 base && *base ? base : "/tmp");
	cr_assert_not_null(mkdtemp(tmpdir), "mkdtemp %s", tmpdir);
}

/* Remove everything under dir (files and subdirectories), then dir. */
static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		char path[512];
		struct stat st;
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static void teardown(void)
{
	if (tmpdir[0])
		remove_tree(tmpdir);
}

TestSuite(store, .init = setup, .fini = teardown);

/* tmpdir/name, in a static buffer per call site's choice of out. */
static void tmp_path(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", tmpdir, name);
}

static store_t *open_ok(const char *path)
{
	store_t *db = NULL;
	struct err e;
	int rc;
	err_clear(&e);
	rc = store_open(path, &db, &e);
	cr_assert_eq(rc, 0, "store_open %s: %s", path, e.msg);
	cr_assert_eq(e.code, 0);
	cr_assert_not_null(db);
	return db;
}

static int64_t query_int(store_t *db, const char *sql)
{
	int64_t v = -1;
	struct err e;
	err_clear(&e);
	cr_assert_eq(store_query_int(db, &v, &e, sql, ""), 0, "%s: %s", sql, e.msg);
	return v;
}

/* Run a one-row PRAGMA query and return its text value (copied). */
static char *pragma_text(store_t *db, const char *sql)
{
	store_stmt_t *st = NULL;
	struct err e;
	char *s;
	err_clear(&e);
	cr_assert_eq(store_prepare(db, &st, &e, sql, ""), 0, "%s", e.msg);
	cr_assert_eq(store_step(st, &e), 1, "%s: %s", sql, e.msg);
	cr_assert_not_null(store_col_text(st, 0));
	s = strdup(store_col_text(st, 0));
	cr_assert_eq(store_step(st, &e), 0, "%s: one row expected", sql);
	store_done(st);
	return s;
}

static int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

Test(store, open_creates_and_migrates)
{
	char path[512];
	store_t *db;

	tmp_path(path, sizeof path, "new.db");
	cr_assert_eq(file_exists(path), 0);
	db = open_ok(path);
	cr_assert_eq(file_exists(path), 1, "the database file was not created");
	cr_assert_geq(store_schema_version(db), 1);
	cr_assert_eq(query_int(db, "SELECT COUNT(*) FROM sqlite_master"
				   " WHERE type = 'table' AND name = 'action'"),
		     1);
	cr_assert_eq(query_int(db, "SELECT COUNT(*) FROM schema_version"
				   " WHERE version = 1 AND name = '001_plan.sql'"),
		     1);
	cr_assert_eq(query_int(db, "SELECT COUNT(*) FROM action"), 0);
	store_close(db);
}

Test(store, second_open_is_idempotent)
{
	char path[512];
	store_t *db;
	int version;
	int64_t n_migrations, n_tables;

	tmp_path(path, sizeof path, "twice.db");
	db = open_ok(path);
	version = store_schema_version(db);
	n_migrations = query_int(db, "SELECT COUNT(*) FROM schema_version");
	n_tables = query_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'");
	store_close(db);

	db = open_ok(path);
	cr_assert_eq(store_schema_version(db), version);
	cr_assert_eq(query_int(db, "SELECT COUNT(*) FROM schema_version"), n_migrations,
		     "migrations must not be recorded twice");
	cr_assert_eq(query_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"),
		     n_tables);
	store_close(db);
}

Test(store, wal_and_foreign_keys)
{
	char path[512];
	store_t *db;
	char *mode;
	struct err e;
	int rc;

	tmp_path(path, sizeof path, "pragma.db");
	db = open_ok(path);
	mode = pragma_text(db, "PRAGMA journal_mode");
	cr_assert_str_eq(mode, "wal");
	free(mode);
	cr_assert_eq(query_int(db, "PRAGMA foreign_keys"), 1);

	/* and they are enforced: an action for a plan that does not exist */
	err_clear(&e);
	rc = store_exec(db, &e,
			"INSERT INTO action(plan_id, area_id, code, letter, text)"
			" VALUES (?, ?, ?, ?, ?)",
			"iittt", (int64_t)99, (int64_t)98, "1a", "a", "text");
	cr_assert_eq(rc, ERR_DB);
	cr_assert_not_null(strstr(e.msg, "FOREIGN KEY"), "%s", e.msg);
	store_close(db);
}

Test(store, prepare_binds_every_letter)
{
	char path[512];
	store_t *db;
	store_stmt_t *st = NULL;
	struct err e;
	const int64_t big = INT64_C(9007199254740993); /* not exact as a double */
	const char *null_text = NULL;

	tmp_path(path, sizeof path, "bind.db");
	db = open_ok(path);
	err_clear(&e);
	cr_assert_eq(store_prepare(db, &st, &e,
				   "SELECT ?1, ?2, ?3, ?4, ?5,"
				   " typeof(?1), typeof(?2), typeof(?3),"
				   " typeof(?4), typeof(?5)",
				   "tidnt", "caf\xC3\xA9 'quoted'", big, 2.5, null_text),
		     0, "%s", e.msg);
	cr_assert_not_null(st);
	cr_assert_eq(store_step(st, &e), 1, "%s", e.msg);
	cr_assert_str_eq(store_col_text(st, 0), "caf\xC3\xA9 'quoted'");
	cr_assert_eq(store_col_int(st, 1), big);
	cr_assert_float_eq(store_col_double(st, 2), 2.5, 1e-12);
	cr_assert_eq(store_col_is_null(st, 3), 1);
	cr_assert_null(store_col_text(st, 3));
	cr_assert_eq(store_col_is_null(st, 4), 1, "NULL text must bind NULL");
	cr_assert_eq(store_col_is_null(st, 0), 0);
	cr_assert_str_eq(store_col_text(st, 5), "text");
	cr_assert_str_eq(store_col_text(st, 6), "integer");
	cr_assert_str_eq(store_col_text(st, 7), "real");
	cr_assert_str_eq(store_col_text(st, 8), "null");
	cr_assert_str_eq(store_col_text(st, 9), "null");
	cr_assert_eq(store_step(st, &e), 0);
	cr_assert_eq(e.code, 0);
	store_done(st);
	store_done(NULL); /* no-op */
	store_close(db);
}

Test(store, bound_values_round_trip_through_a_table)
{
	char path[512];
	store_t *db;
	store_stmt_t *st = NULL;
	struct err e;
	int64_t id, n;

	tmp_path(path, sizeof path, "table.db");
	db = open_ok(path);
	err_clear(&e);
	cr_assert_eq(store_exec(db, &e, "CREATE TABLE t (a TEXT, b INTEGER, c REAL, d TEXT)", ""),
		     0, "%s", e.msg);
	cr_assert_eq(store_exec(db, &e, "INSERT INTO t VALUES (?, ?, ?, ?)", "tidn",
				"x'); DROP TABLE t; --", (int64_t)-7, -0.25),
		     0, "%s", e.msg);
	id = store_last_id(db);
	cr_assert_eq(id, 1);
	cr_assert_eq(store_changes(db), 1);
	cr_assert_eq(store_exec(db, &e, "INSERT INTO t VALUES (?, ?, ?, ?)", "tidt",
				"second", (int64_t)8, 1.0, "d"),
		     0, "%s", e.msg);
	cr_assert_eq(store_last_id(db), 2);

	cr_assert_eq(store_prepare(db, &st, &e, "SELECT a, b, c, d FROM t WHERE rowid = ?",
				   "i", id),
		     0, "%s", e.msg);
	cr_assert_eq(store_step(st, &e), 1, "%s", e.msg);
	cr_assert_str_eq(store_col_text(st, 0), "x'); DROP TABLE t; --");
	cr_assert_eq(store_col_int(st, 1), -7);
	cr_assert_float_eq(store_col_double(st, 2), -0.25, 1e-12);
	cr_assert_eq(store_col_is_null(st, 3), 1);
	store_done(st);

	cr_assert_eq(store_query_int(db, &n, &e, "SELECT COUNT(*) FROM t WHERE b > ?", "i",
				     (int64_t)0),
		     0);
	cr_assert_eq(n, 1);
	n = 55;
	cr_assert_eq(store_query_int(db, &n, &e, "SELECT b FROM t WHERE a = ?", "t", "none"), 0);
	cr_assert_eq(n, 0, "no row gives 0");
	cr_assert_eq(store_exec(db, &e, "UPDATE t SET b = b + 1", ""), 0);
	cr_assert_eq(store_changes(db), 2);
	store_close(db);
}

Test(store, bad_bind_letter_and_count)
{
	char path[512];
	store_t *db;
	store_stmt_t *st = (store_stmt_t *)&st; /* must be reset to NULL */
	struct err e;

	tmp_path(path, sizeof path, "badbind.db");
	db = open_ok(path);
	err_clear(&e);
	cr_assert_eq(store_prepare(db, &st, &e, "SELECT ?", "x", 1), ERR_DB);
	cr_assert_null(st);
	cr_assert_eq(e.code, ERR_DB);
	cr_assert_not_null(strstr(e.msg, "'x'"), "%s", e.msg);

	err_clear(&e);
	cr_assert_eq(store_prepare(db, &st, &e, "SELECT ?", "tt", "a", "b"), ERR_DB);
	cr_assert_null(st);
	cr_assert_not_null(strstr(e.msg, "binding"), "%s", e.msg);
	store_close(db);
}

Test(store, rollback_leaves_table_as_it_was)
{
	char path[512];
	store_t *db;
	struct err e;
	int i;

	tmp_path(path, sizeof path, "rollback.db");
	db = open_ok(path);
	err_clear(&e);
	cr_assert_eq(store_exec(db, &e, "CREATE TABLE t (v INTEGER)", ""), 0, "%s", e.msg);
	cr_assert_eq(store_exec(db, &e, "INSERT INTO t VALUES (?)", "i", (int64_t)1), 0);

	cr_assert_eq(store_begin(db, &e), 0, "%s", e.msg);
	for (i = 0; i < 3; i++)
		cr_assert_eq(store_exec(db, &e, "INSERT INTO t VALUES (?)", "i",
					(int64_t)(10 + i)),
			     0, "%s", e.msg);
	cr_assert_eq(store_exec(db, &e, "DELETE FROM t WHERE v = 1", ""), 0);
	cr_assert_eq(query_int(db, "SELECT COUNT(*) FROM t"), 3, "inside the transaction");
	store_rollback(db);

	cr_assert_eq(query_int(db, "SELECT COUNT(*) FROM t"), 1);
	cr_assert_eq(query_int(db, "SELECT v FROM t"), 1);
	store_rollback(db); /* no transaction open: harmless */
	store_rollback(NULL);
	cr_assert_eq(query_int(db, "SELECT COUNT(*) FROM t"), 1);
	/* a new transaction can start after the rollback */
	cr_assert_eq(store_begin(db, &e), 0, "%s", e.msg);
	cr_assert_eq(store_commit(db, &e), 0, "%s", e.msg);
	cr_assert_eq(e.code, 0);
	store_close(db);
}

Test(store, commit_persists_across_reopen)
{
	char path[512];
	store_t *db;
	struct err e;

	tmp_path(path, sizeof path, "commit.db");
	db = open_ok(path);
	err_clear(&e);
	cr_assert_eq(store_exec(db, &e, "CREATE TABLE t (v TEXT)", ""), 0, "%s", e.msg);
	cr_assert_eq(store_begin(db, &e), 0, "%s", e.msg);
	cr_assert_eq(store_exec(db, &e, "INSERT INTO t VALUES (?)", "t", "kept"), 0);
	cr_assert_eq(store_exec(db, &e, "INSERT INTO t VALUES (?)", "t", "also"), 0);
	cr_assert_eq(store_commit(db, &e), 0, "%s", e.msg);
	store_rollback(db); /* nothing open any more: must not undo the commit */
	store_close(db);

	db = open_ok(path);
	cr_assert_eq(query_int(db, "SELECT COUNT(*) FROM t"), 2);
	cr_assert_eq(query_int(db, "SELECT COUNT(*) FROM t WHERE v = 'kept'"), 1);
	store_close(db);
}

Test(store, commit_without_transaction_is_an_error)
{
	char path[512];
	store_t *db;
	struct err e;

	tmp_path(path, sizeof path, "nocommit.db");
	db = open_ok(path);
	err_clear(&e);
	cr_assert_eq(store_commit(db, &e), ERR_DB);
	cr_assert_eq(e.code, ERR_DB);
	cr_assert_not_null(strstr(e.msg, "no transaction is active"), "%s", e.msg);
	store_close(db);
}

Test(store, bad_sql_gives_err_db_with_sqlite_message)
{
	char path[512];
	store_t *db;
	store_stmt_t *st = NULL;
	struct err e;
	int64_t v = 5;

	tmp_path(path, sizeof path, "badsql.db");
	db = open_ok(path);

	err_clear(&e);
	cr_assert_eq(store_prepare(db, &st, &e, "SELEC 1", ""), ERR_DB);
	cr_assert_null(st);
	cr_assert_eq(e.code, ERR_DB);
	cr_assert_not_null(strstr(e.msg, "near \"SELEC\": syntax error"), "%s", e.msg);

	err_clear(&e);
	cr_assert_eq(store_exec(db, &e, "DELETE FROM no_such_table", ""), ERR_DB);
	cr_assert_not_null(strstr(e.msg, "no such table: no_such_table"), "%s", e.msg);

	err_clear(&e);
	cr_assert_eq(store_query_int(db, &v, &e, "SELECT nope FROM action", ""), ERR_DB);
	cr_assert_eq(v, 0);
	cr_assert_not_null(strstr(e.msg, "no such column: nope"), "%s", e.msg);

	/* a statement that fails while stepping */
	err_clear(&e);
	cr_assert_eq(store_exec(db, &e, "CREATE TABLE u (v INTEGER NOT NULL)", ""), 0);
	cr_assert_eq(store_exec(db, &e, "INSERT INTO u VALUES (?)", "n"), ERR_DB);
	cr_assert_not_null(strstr(e.msg, "NOT NULL constraint failed: u.v"), "%s", e.msg);
	store_close(db);
}

Test(store, open_in_missing_directory_names_path)
{
	char path[512];
	store_t *db = (store_t *)&db; /* must be reset to NULL */
	struct err e;

	tmp_path(path, sizeof path, "no/such/dir/x.db");
	err_clear(&e);
	cr_assert_eq(store_open(path, &db, &e), ERR_DB);
	cr_assert_null(db);
	cr_assert_eq(e.code, ERR_DB);
	cr_assert_not_null(strstr(e.msg, path), "%s", e.msg);
	cr_assert_not_null(strstr(e.msg, "--db"), "the message says what to do: %s", e.msg);
	cr_assert_eq(file_exists(path), 0);
}

Test(store, open_text_file_names_it_and_leaves_it_alone)
{
	static const char text[] = "# Action plan\n\nThis is a Markdown file, not a database.\n";
	char path[512], back[sizeof text + 16];
	store_t *db = (store_t *)&db;
	struct err e;
	FILE *f;
	size_t n;
	int rc;

	tmp_path(path, sizeof path, "plan.md");
	f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(text, 1, sizeof text - 1, f), sizeof text - 1);
	fclose(f);

	err_clear(&e);
	rc = store_open(path, &db, &e);
	cr_assert_lt(rc, 0);
	cr_assert_eq(rc, e.code);
	cr_assert_eq(e.code, ERR_DB);
	cr_assert_null(db);
	cr_assert_not_null(strstr(e.msg, path), "%s", e.msg);
	cr_assert_not_null(strstr(e.msg, "not a"), "%s", e.msg);

	f = fopen(path, "rb");
	cr_assert_not_null(f);
	n = fread(back, 1, sizeof back, f);
	fclose(f);
	cr_assert_eq(n, sizeof text - 1, "the file was changed");
	cr_assert_eq(memcmp(back, text, n), 0, "the file was changed");
}

Test(store, default_path_precedence)
{
	const char *flag = "/srv/flag.db";

	cr_assert_eq(setenv("PARITY_DB", "/srv/env.db", 1), 0);
	cr_assert_eq(store_default_path(flag), flag, "the flag wins");
	cr_assert_str_eq(store_default_path(NULL), "/srv/env.db");
	cr_assert_str_eq(store_default_path(""), "/srv/env.db", "an empty flag is no flag");

	cr_assert_eq(setenv("PARITY_DB", "", 1), 0);
	cr_assert_str_eq(store_default_path(NULL), "parity.db", "an empty variable is unset");

	cr_assert_eq(unsetenv("PARITY_DB"), 0);
	cr_assert_str_eq(store_default_path(NULL), "parity.db");
	cr_assert_str_eq(store_default_path(""), "parity.db");
	cr_assert_eq(store_default_path(flag), flag);
}

Test(store, close_null_is_noop_and_version_of_closed_schema)
{
	char path[512];
	store_t *db;
	struct err e;

	store_close(NULL);
	tmp_path(path, sizeof path, "drop.db");
	db = open_ok(path);
	err_clear(&e);
	cr_assert_eq(store_exec(db, &e, "DROP TABLE schema_version", ""), 0, "%s", e.msg);
	cr_assert_eq(store_schema_version(db), -1, "no schema_version table");
	store_close(db);
}

/* ---- issue 13, finding 15: full-disk and read-only errors name the file --- */

/* A full disk, simulated honestly with SQLite's page limit (which fails
 * with SQLITE_FULL, as a full disk does, and works when the tests run as
 * root): the message names the file and says what to do, and the
 * transaction's writes are gone. Before the fix: "database error: database
 * or disk is full". */
Test(store, full_disk_names_file_and_what_to_do)
{
	char path[512], want[600];
	static char blob[256 * 1024];
	store_t *db;
	struct err e;
	int64_t n = -1, pages = 0;

	tmp_path(path, sizeof path, "full.db");
	db = open_ok(path);
	err_clear(&e);
	cr_assert_eq(store_exec(db, &e, "CREATE TABLE big (b BLOB)", ""), 0, "%s", e.msg);
	cr_assert_eq(store_query_int(db, &pages, &e, "PRAGMA page_count", ""), 0);
	{
		/* room for a few pages more than the schema, far fewer than the
		 * blob's 64 (a fixed 60 failed once the schema grew past it) */
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", (long long)pages + 10);
		cr_assert_eq(sqlite3_exec((sqlite3 *)db, sql, NULL, NULL, NULL), SQLITE_OK);
	}
	cr_assert_eq(store_begin(db, &e), 0);
	cr_assert_eq(store_exec(db, &e, "INSERT INTO big VALUES (?)", "b", blob, sizeof blob),
		     ERR_DB);
	store_rollback(db);
	snprintf(want, sizeof want, "disk full writing %s: free space and run again; nothing was "
		 "changed", path);
	cr_assert_str_eq(e.msg, want);
	err_clear(&e);
	cr_assert_eq(store_query_int(db, &n, &e, "SELECT COUNT(*) FROM big", ""), 0);
	cr_assert_eq(n, 0);
	store_close(db);
}

/* A write refused because the connection may not write (query_only gives
 * SQLITE_READONLY as a read-only file does, and works as root) names the
 * file. Before the fix: "database error: attempt to write a readonly
 * database". The real read-only file and folder are in tests/cli/cases.sh
 * ("read-only"), run as an unprivileged user. */
Test(store, read_only_write_names_file)
{
	char path[512], want[600];
	store_t *db;
	struct err e;

	tmp_path(path, sizeof path, "ro.db");
	db = open_ok(path);
	cr_assert_eq(sqlite3_exec((sqlite3 *)db, "PRAGMA query_only = 1", NULL, NULL, NULL),
		     SQLITE_OK);
	err_clear(&e);
	cr_assert_eq(store_exec(db, &e, "CREATE TABLE t (x)", ""), ERR_DB);
	snprintf(want, sizeof want, "%s is read-only: check its permissions, or copy it somewhere "
		 "writable; nothing was changed", path);
	cr_assert_str_eq(e.msg, want);
	store_close(db);
}

/* ---- issue 13, finding 4: the pseudonymisation key beside the database ---- */

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(text, 1, strlen(text), f), strlen(text));
	fclose(f);
}

/* Made on first use in DB.key (0600), the same bytes ever after, and only a
 * check value of it in the database. */
Test(store, key_made_beside_database_once)
{
	char path[512], kpath[600], want[600];
	unsigned char k1[16], k2[16];
	struct stat st;
	store_t *db;
	struct err e;

	unsetenv("PARITY_KEY_FILE");
	tmp_path(path, sizeof path, "k.db");
	db = open_ok(path);
	err_clear(&e);
	cr_assert_eq(store_key_file(db, kpath, sizeof kpath, &e), 0, "%s", e.msg);
	snprintf(want, sizeof want, "%s.key", path);
	cr_assert_str_eq(kpath, want);
	cr_assert_eq(store_key_get(db, "pseudonym", k1, sizeof k1, 1, &e), 0, "%s", e.msg);
	cr_assert_eq(stat(kpath, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	cr_assert_eq(store_key_get(db, "pseudonym", k2, sizeof k2, 0, &e), 0, "%s", e.msg);
	cr_assert_eq(memcmp(k1, k2, sizeof k1), 0);
	cr_assert_eq(query_int(db, "SELECT COUNT(*) FROM store_key WHERE name = 'pseudonym'"), 1);
	store_close(db);
	/* another connection (another process) gets the same key */
	db = open_ok(path);
	cr_assert_eq(store_key_get(db, "pseudonym", k2, sizeof k2, 1, &e), 0, "%s", e.msg);
	cr_assert_eq(memcmp(k1, k2, sizeof k1), 0);
	store_close(db);
}

/* Broken key files are refused, naming the file and its line. */
Test(store, key_file_damaged_or_missing)
{
	static const struct {
		const char *text, *says;
	} cases[] = {
		{"pseudonym xyz\n", "k.db.key:1: the key file is damaged"},
		{"# ok\npseudonym 0123\n\nnoname\n", "k.db.key:4: the key file is damaged"},
		{"pseudonym 0123456789abcdef0123456789abcdef0\n", "k.db.key:1: the key file is damaged"},
		{"pseudonym 00112233\n", "the pseudonym key has 4 bytes, not 16"},
		{"pseudonym 0123456789abcdef0123456789abcdef\n\0junk", "it holds a NUL byte"},
		{"Pseudo\xe2nym 0123456789abcdef0123456789abcdef\n", "k.db.key:1: the key file is damaged"},
		{"a 00\nb 00\nc 00\nd 00\ne 00\nf 00\ng 00\nh 00\n",
		 "holds 8 keys, the most a key file may hold, and none for pseudonym"},
	};
	char path[512], kpath[600];
	unsigned char k[16];
	store_t *db;
	struct err e;
	size_t i;

	unsetenv("PARITY_KEY_FILE");
	tmp_path(path, sizeof path, "k.db");
	snprintf(kpath, sizeof kpath, "%s.key", path);
	db = open_ok(path);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		FILE *f = fopen(kpath, "wb");
		size_t n = strlen(cases[i].text);
		if (i == 4)
			n += 5; /* the NUL and what follows */
		cr_assert_not_null(f);
		cr_assert_eq(fwrite(cases[i].text, 1, n, f), n);
		fclose(f);
		err_clear(&e);
		cr_assert_lt(store_key_get(db, "pseudonym", k, sizeof k, 1, &e), 0, "case %zu", i);
		cr_assert_not_null(strstr(e.msg, cases[i].says), "case %zu: %s", i, e.msg);
	}
	/* no key file, and the caller has data made with the key */
	unlink(kpath);
	err_clear(&e);
	cr_assert_eq(store_key_get(db, "pseudonym", k, sizeof k, 0, &e), ERR_DATA);
	cr_assert_not_null(strstr(e.msg, "is missing"), "%s", e.msg);
	cr_assert_neq(access(kpath, F_OK), 0, "no new key was made");
	/* a key recorded in the database: a missing file or a different key is refused */
	err_clear(&e);
	cr_assert_eq(store_key_get(db, "pseudonym", k, sizeof k, 1, &e), 0, "%s", e.msg);
	write_text(kpath, "pseudonym 0123456789abcdef0123456789abcdef\n");
	err_clear(&e);
	cr_assert_eq(store_key_get(db, "pseudonym", k, sizeof k, 1, &e), ERR_DATA);
	cr_assert_not_null(strstr(e.msg, "does not belong to"), "%s", e.msg);
	unlink(kpath);
	err_clear(&e);
	cr_assert_eq(store_key_get(db, "pseudonym", k, sizeof k, 1, &e), ERR_DATA);
	cr_assert_not_null(strstr(e.msg, "is missing"), "%s", e.msg);
	store_close(db);
}

/* PARITY_KEY_FILE chooses the file; other keys in it are kept. */
Test(store, key_file_from_environment_keeps_other_keys)
{
	char path[512], kpath[512], text[512];
	unsigned char k[16];
	store_t *db;
	struct err e;
	FILE *f;
	size_t n;

	tmp_path(path, sizeof path, "e.db");
	tmp_path(kpath, sizeof kpath, "elsewhere.key");
	write_text(kpath, "casework 00112233445566778899aabbccddeeff\n");
	setenv("PARITY_KEY_FILE", kpath, 1);
	db = open_ok(path);
	err_clear(&e);
	cr_assert_eq(store_key_get(db, "pseudonym", k, sizeof k, 1, &e), 0, "%s", e.msg);
	store_close(db);
	unsetenv("PARITY_KEY_FILE");
	f = fopen(kpath, "rb");
	cr_assert_not_null(f);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	cr_assert_not_null(strstr(text, "\ncasework 00112233445566778899aabbccddeeff\n"), "%s", text);
	cr_assert_not_null(strstr(text, "\npseudonym "), "%s", text);
	cr_assert_eq(access(path, F_OK), 0);
	{
		char beside[600];
		snprintf(beside, sizeof beside, "%s.key", path);
		cr_assert_neq(access(beside, F_OK), 0, "nothing beside the database");
	}
}

/* ---- issue 13, finding 8: a write that may wait for later never waits ---- */

Test(store, exec_if_free_does_not_wait_for_the_lock)
{
	char path[512];
	store_t *a, *b;
	struct err e;
	int64_t n = -1;

	tmp_path(path, sizeof path, "busy.db");
	a = open_ok(path);
	b = open_ok(path);
	err_clear(&e);
	cr_assert_eq(store_exec(a, &e, "CREATE TABLE t (x INTEGER)", ""), 0, "%s", e.msg);
	cr_assert_eq(store_begin(a, &e), 0, "%s", e.msg);
	cr_assert_eq(store_exec_if_free(b, &e, "INSERT INTO t VALUES (?)", "i", (int64_t)1), 1);
	cr_assert_eq(e.code, 0, "nothing set: %s", e.msg);
	cr_assert_eq(store_commit(a, &e), 0, "%s", e.msg);
	cr_assert_eq(store_exec_if_free(b, &e, "INSERT INTO t VALUES (?)", "i", (int64_t)2), 0,
		     "%s", e.msg);
	cr_assert_eq(store_query_int(b, &n, &e, "SELECT SUM(x) FROM t", ""), 0);
	cr_assert_eq(n, 2);
	/* other errors are errors */
	cr_assert_eq(store_exec_if_free(b, &e, "INSERT INTO nope VALUES (1)", ""), ERR_DB);
	store_close(a);
	store_close(b);
}
