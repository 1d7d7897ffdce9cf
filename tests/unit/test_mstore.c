/*
 * test_mstore: the monitoring tables of src/monitor/mstore.c where periods
 * meet the database — each import keeps its period's place in time
 * (period_key, migration 006), "periods before" follows it rather than
 * string order, and the SQL that migration 006 runs over imports made
 * before it gives exactly the key of src/core/period.c (or none for text
 * that is not a period). Each test works in a fresh database file.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/period.h"
#include "core/xalloc.h"
#include "monitor/internal.h"
#include "store/store.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The migrations compiled into the binary (build/gen/migrations.c). */
struct embedded_file {
	const char *name;
	const char *data;
	size_t len;
};
extern const struct embedded_file migrations[];

static char path[64];
static store_t *db;

static void setup(void)
{
	struct err e;
	int fd;
	snprintf(path, sizeof path, "/tmp/parity-mstore-XXXXXX");
	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	close(fd);
	unlink(path);
	err_clear(&e);
	cr_assert_eq(store_open(path, &db, &e), 0, "%s", e.msg);
}

static void teardown(void)
{
	char side[80];
	store_close(db);
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

TestSuite(mstore, .init = setup, .fini = teardown);

/* Import dataset d for period p (no rows). */
static void import(const char *p)
{
	struct dataset ds;
	struct err e;
	int64_t id, old;
	err_clear(&e);
	cr_assert_eq(dataset_preset("service-users", &ds, &e), 0);
	cr_assert_eq(mon_import_begin(db, &ds, p, "x.csv", "rows", &id, &old, &e), 0, "%s",
		     e.msg);
}

/* Earlier periods come in time order, newest first; as strings, FY2011-12
 * came after every 2011 period, 2011-07 before 2011Q1, and 2011 (a year)
 * before all its quarters. */
Test(mstore, periods_before_in_time_order)
{
	static const char *const imports[] = {"2011Q3", "FY2011-12", "2011-07", "2011", "2011Q1",
					      "2010Q4", "2011Q4", "2012Q1", "2011-12"};
	static const struct {
		const char *period, *want;
	} rows[] = {
		{"FY2011-12", "2012Q1 2011 2011Q4 2011-12 2011Q3 2011-07 2011Q1 2010Q4"},
		{"2011", "2011Q4 2011-12 2011Q3 2011-07 2011Q1 2010Q4"},
		{"2011Q3", "2011-07 2011Q1 2010Q4"},
		{"2011-07", "2011Q1 2010Q4"},
		{"2010Q4", ""},
	};
	struct err e;
	for (size_t i = 0; i < N_OF(imports); i++)
		import(imports[i]);
	for (size_t i = 0; i < N_OF(rows); i++) {
		char before[MON_MAX_TREND][24];
		struct buf got = BUF_INIT;
		int n = 0;
		err_clear(&e);
		cr_assert_eq(mon_periods_before(db, "service-users", rows[i].period, before,
						MON_MAX_TREND, &n, &e), 0, "%s", e.msg);
		for (int k = 0; k < n; k++)
			buf_printf(&got, "%s%s", k ? " " : "", before[k]);
		cr_assert_str_eq(buf_str(&got), rows[i].want, "before %s", rows[i].period);
		buf_free(&got);
	}
}

/* The UPDATE of migration 006, run over imports as an earlier version
 * stored them (any text; period_key NULL), gives period_parse's key for
 * every period of a documented form and NULL for everything else. */
Test(mstore, migration_006_keys_equal_the_parser)
{
	static const char *const periods[] = {
		"2011", "2011Q1", "2011q4", "2011-01", "2011-12", "2012-02", "FY2011-12",
		"fy1999-00", "Fy2010-11", "1000", "9999Q4", "FY9998-99", "2011-13", "2011-00",
		"2011Q0", "2011Q5", "FY2011-13", "FY9999-00", "0999", "banana", "", "2011 ",
		" 2011", "20a1", "2011-1a", "FY20a1-12", "2011-02-30", "FY2011-2012", "2011-7",
		"Q3 2011", "FY11-12", "2011/12", "FX2011-12",
	};
	const struct embedded_file *m = NULL;
	const char *upd, *end;
	char *sql;
	struct err e;
	store_stmt_t *st;
	int rc, n = 0;

	for (size_t i = 0; migrations[i].name; i++)
		if (strncmp(migrations[i].name, "006", 3) == 0 ||
		    strstr(migrations[i].name, "/006_"))
			m = &migrations[i];
	cr_assert_not_null(m, "migration 006 is built in");
	upd = strstr(m->data, "UPDATE mon_import SET period_key");
	cr_assert_not_null(upd);
	end = strstr(upd, "END;");
	cr_assert_not_null(end);
	sql = xstrndup(upd, (size_t)(end + 3 - upd));
	err_clear(&e);
	for (size_t i = 0; i < N_OF(periods); i++) {
		char name[16];
		snprintf(name, sizeof name, "d%zu", i);
		cr_assert_eq(store_exec(db, &e,
					"INSERT INTO mon_import(dataset, period, kind, definition,"
					" imported_at, rows) VALUES (?, ?, 'rows', '{}', 'now', 0)",
					"tt", name, periods[i]),
			     0, "%s", e.msg);
	}
	cr_assert_eq(store_exec(db, &e, sql, ""), 0, "%s", e.msg);
	free(sql);
	cr_assert_eq(store_prepare(db, &st, &e, "SELECT period, period_key FROM mon_import", ""),
		     0);
	while ((rc = store_step(st, &e)) == 1) {
		const char *p = store_col_text(st, 0);
		struct period want;
		if (period_parse(p, &want, NULL) == 0) {
			cr_assert(!store_col_is_null(st, 1), "'%s': no key", p);
			cr_assert_eq(store_col_int(st, 1), want.key, "'%s': key %lld, want %ld", p,
				     (long long)store_col_int(st, 1), want.key);
		} else {
			cr_assert(store_col_is_null(st, 1), "'%s' is not a period but has key %lld",
				  p, (long long)store_col_int(st, 1));
		}
		n++;
	}
	store_done(st);
	cr_assert_eq(rc, 0);
	cr_assert_eq(n, (int)N_OF(periods));
}

/* An import of a period that is not of a documented form (as an earlier
 * version stored them) has no key: it has no period before it and is
 * before none. */
Test(mstore, period_without_key_has_no_trend)
{
	char before[MON_MAX_TREND][24];
	struct err e;
	int n = -1;
	import("2011Q3");
	err_clear(&e);
	cr_assert_eq(store_exec(db, &e,
				"INSERT INTO mon_import(dataset, period, kind, definition, imported_at,"
				" rows) VALUES ('service-users', 'Autumn', 'rows', '{}', 'now', 0)",
				""),
		     0, "%s", e.msg);
	cr_assert_eq(mon_periods_before(db, "service-users", "Autumn", before, MON_MAX_TREND, &n,
					&e), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(mon_periods_before(db, "service-users", "2011Q3", before, MON_MAX_TREND, &n,
					&e), 0);
	cr_assert_eq(n, 0);
}
