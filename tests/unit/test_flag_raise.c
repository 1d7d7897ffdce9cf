/*
 * test_flag_raise: flags other rooms raise in monitoring's explain-or-act
 * loop (src/monitor/flag_raise.c, monitor_flag_raise) on a real database
 * made by the store's migrations: one flag per (source, ref, period) with
 * its mon_flag_external row and its event, the earlier period's flag as
 * its previous one, its finding in words, bad input refused, and
 * re-importing the period deleting the still-open flag with its external
 * row (foreign keys on), after which raising again works.
 *
 * flag_raise/fixture raises one flag on the database $PARITY_FLAG_RAISE_DB
 * names (when set), for the end-to-end tests of the flags commands and
 * pages (tests/cli/cases_flag_raise.sh, tests/http/flag_raise.sh): there
 * is no command that raises such a flag by itself.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "monitor/internal.h"
#include "monitor/monitor.h"
#include "store/store.h"

static const char *const counts =
	"unit,period,characteristic,group,outcome,numerator,denominator\n"
	"All,2024Q1,ethnicity,White,promoted,20,100\n"
	"All,2024Q1,ethnicity,Black,promoted,5,100\n"
	"All,2024Q2,ethnicity,White,promoted,22,100\n"
	"All,2024Q2,ethnicity,Black,promoted,6,100\n";

static store_t *open_with_counts(void)
{
	store_t *db = NULL;
	struct err e = {0};
	struct buf problems = BUF_INIT;
	cr_assert_eq(store_open(":memory:", &db, &e), 0, "%s", e.msg);
	cr_assert_eq(monitor_counts_import_mem(db, "staff", "staff counts", "cli:t", counts,
					       strlen(counts), &problems, NULL, &e),
		     0, "%s %s", e.msg, buf_str(&problems));
	buf_free(&problems);
	return db;
}

static int64_t q_int(store_t *db, const char *sql, int64_t id)
{
	struct err e = {0};
	int64_t v = -1;
	cr_assert_eq(store_query_int(db, &v, &e, sql, "i", id), 0, "%s", e.msg);
	return v;
}

static struct monitor_flag_raise raise_of(const char *period, const char *finding)
{
	struct monitor_flag_raise f = {
		.source = "objective",
		.ref = "measure 4",
		.dataset = "staff",
		.period = period,
		.characteristic = "ethnicity",
		.group = "Black",
		.finding = finding,
		.href = "/objectives/3",
		.value = 5.0,
		.numerator = 5,
		.denominator = 100,
		.author = "parity objective check",
	};
	return f;
}

static int raise_in_tx(store_t *db, const struct monitor_flag_raise *f, int64_t *id, int *raised,
		       struct err *e)
{
	int rc;
	cr_assert_eq(store_begin(db, e), 0, "%s", e->msg);
	rc = monitor_flag_raise(db, f, id, raised, e);
	if (rc == 0)
		cr_assert_eq(store_commit(db, e), 0, "%s", e->msg);
	else
		store_rollback(db);
	return rc;
}

Test(flag_raise, raise_once_a_period)
{
	store_t *db = open_with_counts();
	struct err e = {0};
	struct monitor_flag_raise f = raise_of("2024Q1", "Objective 3 is off track: 5.0%");
	struct buf b = BUF_INIT;
	int64_t id = 0, again = 0, id2 = 0;
	int raised = -1;
	store_stmt_t *st;

	cr_assert_eq(raise_in_tx(db, &f, &id, &raised, &e), 0, "%s", e.msg);
	cr_assert_eq(raised, 1);
	cr_assert_gt(id, 0);
	cr_assert_eq(store_prepare(db, &st, &e,
				   "SELECT dataset, unit, characteristic, grp, reference, outcome,"
				   " period, rr, numerator, denominator, state, previous_id IS NULL,"
				   " rr_low IS NULL AND rr_high IS NULL AND p_adj IS NULL"
				   " FROM mon_flag WHERE id = ?",
				   "i", id),
		     0, "%s", e.msg);
	cr_assert_eq(store_step(st, &e), 1);
	cr_assert_str_eq(store_col_text(st, 0), "staff");
	cr_assert_str_eq(store_col_text(st, 1), "All");
	cr_assert_str_eq(store_col_text(st, 2), "ethnicity");
	cr_assert_str_eq(store_col_text(st, 3), "Black");
	cr_assert_str_eq(store_col_text(st, 4), "the target");
	cr_assert_str_eq(store_col_text(st, 5), "objective measure 4");
	cr_assert_str_eq(store_col_text(st, 6), "2024Q1");
	cr_assert_float_eq(store_col_double(st, 7), 5.0, 1e-12);
	cr_assert_eq(store_col_int(st, 8), 5);
	cr_assert_eq(store_col_int(st, 9), 100);
	cr_assert_str_eq(store_col_text(st, 10), "open");
	cr_assert_eq(store_col_int(st, 11), 1, "no earlier period: no previous flag");
	cr_assert_eq(store_col_int(st, 12), 1, "no interval, no p");
	store_done(st);
	cr_assert_eq(q_int(db,
			   "SELECT COUNT(*) FROM mon_flag_external WHERE flag_id = ? AND"
			   " source = 'objective' AND ref = 'measure 4' AND href = '/objectives/3'"
			   " AND finding = 'Objective 3 is off track: 5.0%'",
			   id),
		     1);
	cr_assert_eq(q_int(db,
			   "SELECT COUNT(*) FROM mon_flag_event WHERE flag_id = ? AND kind = 'raised'"
			   " AND author = 'parity objective check' AND note IS NULL",
			   id),
		     1);

	/* the same (source, ref, period) again: the same flag, nothing new */
	f.finding = "Objective 3 is off track: said again";
	cr_assert_eq(raise_in_tx(db, &f, &again, &raised, &e), 0, "%s", e.msg);
	cr_assert_eq(raised, 0);
	cr_assert_eq(again, id);
	cr_assert_eq(q_int(db,
			   "SELECT COUNT(*) FROM mon_flag WHERE id >= ? AND"
			   " outcome = 'objective measure 4'",
			   id),
		     1);

	/* the next period: a new flag whose previous one is the first */
	f = raise_of("2024Q2", "Objective 3 is off track: 6.0%");
	cr_assert_eq(raise_in_tx(db, &f, &id2, &raised, &e), 0, "%s", e.msg);
	cr_assert_eq(raised, 1);
	cr_assert_neq(id2, id);
	cr_assert_eq(q_int(db, "SELECT previous_id FROM mon_flag WHERE id = ?", id2), id);
	cr_assert_eq(q_int(db,
			   "SELECT COUNT(*) FROM mon_flag_event WHERE flag_id = ? AND"
			   " kind = 'reopened'",
			   id2),
		     1, "a finding that recurs is reopened, as the report's flags are");

	/* its finding in words, as a plan action made from it says it */
	cr_assert_eq(mon_flag_finding(db, id2, &b, &e), 0, "%s", e.msg);
	cr_assert_str_eq(buf_str(&b), "staff 2024Q2: Objective 3 is off track: 6.0%");
	buf_reset(&b);
	cr_assert_eq(mon_flag_finding(db, id, &b, &e), 0, "%s", e.msg);
	cr_assert_str_eq(buf_str(&b), "staff 2024Q1: Objective 3 is off track: 5.0%");
	buf_free(&b);
	store_close(db);
}

/* An earlier period is found in time, not as text: FY2023-24 ends in
 * March 2024, so it is before 2024Q2 and after 2023Q4. */
Test(flag_raise, previous_in_time)
{
	store_t *db = open_with_counts();
	struct err e = {0};
	struct monitor_flag_raise f;
	int64_t a = 0, b = 0, c = 0;
	int raised;
	f = raise_of("2023Q4", "off track in 2023Q4");
	cr_assert_eq(raise_in_tx(db, &f, &a, &raised, &e), 0, "%s", e.msg);
	f = raise_of("FY2023-24", "off track in FY2023-24");
	cr_assert_eq(raise_in_tx(db, &f, &b, &raised, &e), 0, "%s", e.msg);
	f = raise_of("2024Q2", "off track in 2024Q2");
	cr_assert_eq(raise_in_tx(db, &f, &c, &raised, &e), 0, "%s", e.msg);
	cr_assert_eq(q_int(db, "SELECT previous_id FROM mon_flag WHERE id = ?", b), a);
	cr_assert_eq(q_int(db, "SELECT previous_id FROM mon_flag WHERE id = ?", c), b);
	store_close(db);
}

Test(flag_raise, bad_input_refused)
{
	store_t *db = open_with_counts();
	struct err e = {0};
	struct monitor_flag_raise f;
	char long_finding[MON_FLAG_FINDING_MAX + 2];
	int64_t id = -1;
	int raised = -1;

	f = raise_of("2024Q1", "");
	cr_assert_eq(raise_in_tx(db, &f, &id, &raised, &e), ERR_USAGE);
	cr_assert(strstr(e.msg, "finding"), "%s", e.msg);
	cr_assert_eq(id, 0);
	cr_assert_eq(raised, 0);
	err_clear(&e);
	f = raise_of("someday", "x");
	cr_assert_eq(raise_in_tx(db, &f, &id, &raised, &e), ERR_USAGE);
	cr_assert(strstr(e.msg, "'someday'"), "%s", e.msg);
	err_clear(&e);
	f = raise_of("2024Q1", "x");
	f.href = "https://elsewhere.example/";
	cr_assert_eq(raise_in_tx(db, &f, &id, &raised, &e), ERR_USAGE);
	err_clear(&e);
	memset(long_finding, 'x', sizeof long_finding - 1);
	long_finding[sizeof long_finding - 1] = '\0';
	f = raise_of("2024Q1", long_finding);
	cr_assert_eq(raise_in_tx(db, &f, &id, &raised, &e), ERR_USAGE);
	err_clear(&e);
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM mon_flag WHERE id > ? AND outcome LIKE 'objective%'", 0), 0);
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM mon_flag_external WHERE flag_id > ?", 0), 0);
	store_close(db);
}

/* The caller owns the transaction: rolled back, nothing is left. */
Test(flag_raise, caller_rolls_back)
{
	store_t *db = open_with_counts();
	struct err e = {0};
	struct monitor_flag_raise f = raise_of("2024Q1", "off track");
	int64_t id = 0;
	int raised = 0;
	cr_assert_eq(store_begin(db, &e), 0, "%s", e.msg);
	cr_assert_eq(monitor_flag_raise(db, &f, &id, &raised, &e), 0, "%s", e.msg);
	cr_assert_eq(raised, 1);
	store_rollback(db);
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM mon_flag WHERE id > ? AND outcome LIKE 'objective%'", 0), 0);
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM mon_flag_external WHERE flag_id > ?", 0), 0);
	cr_assert_eq(q_int(db,
			   "SELECT COUNT(*) FROM mon_flag_event WHERE flag_id > ? AND"
			   " author = 'parity objective check'",
			   0),
		     0);
	store_close(db);
}

/* Re-importing a period deletes its flags no one has dealt with; the
 * external row goes with its flag (ON DELETE CASCADE, foreign keys on),
 * and the flag can be raised again. A flag someone explained stays. */
Test(flag_raise, reimport_deletes_open_flag)
{
	store_t *db = open_with_counts();
	struct err e = {0};
	struct buf problems = BUF_INIT;
	struct monitor_flag_raise f = raise_of("2024Q2", "off track in 2024Q2");
	const char *q2 = "unit,period,characteristic,group,outcome,numerator,denominator\n"
			 "All,2024Q2,ethnicity,White,promoted,22,100\n"
			 "All,2024Q2,ethnicity,Black,promoted,7,100\n";
	int64_t first = 0, q1 = 0, id = 0, fk = 0;
	int raised = 0;

	cr_assert_eq(store_query_int(db, &fk, &e, "PRAGMA foreign_keys", ""), 0, "%s", e.msg);
	cr_assert_eq(fk, 1, "the store turns foreign keys on");
	f.period = "2024Q1";
	cr_assert_eq(raise_in_tx(db, &f, &q1, &raised, &e), 0, "%s", e.msg);
	f.period = "2024Q2";
	cr_assert_eq(raise_in_tx(db, &f, &first, &raised, &e), 0, "%s", e.msg);
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM mon_flag_external WHERE flag_id = ?", first),
		     1);
	cr_assert_eq(monitor_counts_import_mem(db, "staff", "staff counts", "cli:t", q2,
					       strlen(q2), &problems, NULL, &e),
		     0, "%s %s", e.msg, buf_str(&problems));
	/* (its number may be taken again by a flag of the new report) */
	cr_assert_eq(q_int(db,
			   "SELECT COUNT(*) FROM mon_flag WHERE outcome = 'objective measure 4'"
			   " AND period = '2024Q2' AND id >= ?",
			   0),
		     0, "the open flag of the replaced period is deleted");
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM mon_flag_external WHERE flag_id = ?", first),
		     0, "...with its external row, which no new flag of that number inherits");
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM mon_flag_external WHERE flag_id >= ?", 0), 1);
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM mon_flag WHERE id = ?", q1), 1,
		     "the earlier period's flag stays");
	cr_assert_eq(raise_in_tx(db, &f, &id, &raised, &e), 0, "%s", e.msg);
	cr_assert_eq(raised, 1, "raised again after the re-import");
	cr_assert_eq(q_int(db, "SELECT previous_id FROM mon_flag WHERE id = ?", id), q1);

	/* explained, it survives a re-import (as the report's flags do) */
	cr_assert_eq(store_begin(db, &e), 0, "%s", e.msg);
	cr_assert_eq(mon_flag_set_state(db, id, "explained", "cli:t", "known cause", &e), 0, "%s",
		     e.msg);
	cr_assert_eq(store_commit(db, &e), 0, "%s", e.msg);
	cr_assert_eq(monitor_counts_import_mem(db, "staff", "staff counts", "cli:t", q2,
					       strlen(q2), &problems, NULL, &e),
		     0, "%s %s", e.msg, buf_str(&problems));
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM mon_flag_external WHERE flag_id = ?", id), 1);
	buf_free(&problems);
	store_close(db);
}

/* One flag on the database the end-to-end tests name (see the top); with
 * none named, on a database of its own, so that it always runs. */
Test(flag_raise, fixture)
{
	const char *path = getenv("PARITY_FLAG_RAISE_DB");
	const char *dataset = getenv("PARITY_FLAG_RAISE_DATASET");
	const char *period = getenv("PARITY_FLAG_RAISE_PERIOD");
	const char *ref = getenv("PARITY_FLAG_RAISE_REF");
	struct monitor_flag_raise f;
	struct buf finding = BUF_INIT;
	store_t *db = NULL;
	struct err e = {0};
	int64_t id = 0;
	int raised = 0;

	if (path && *path)
		cr_assert_eq(store_open(path, &db, &e), 0, "%s", e.msg);
	else
		db = open_with_counts();
	if (!dataset || !*dataset)
		dataset = "staff";
	if (!period || !*period)
		period = "2024Q2";
	if (!ref || !*ref)
		ref = "measure 4";
	/* markup in a finding is text: the pages must escape it */
	buf_printf(&finding, "Objective 3 (More <b>Black</b> staff & managers) is off track: "
			     "the share of Black staff was 6.0%% in %s against a target of at "
			     "least 15%%",
		   period);
	f = raise_of(period, buf_str(&finding));
	f.dataset = dataset;
	f.ref = ref;
	f.value = 6.0;
	f.numerator = 6;
	cr_assert_eq(raise_in_tx(db, &f, &id, &raised, &e), 0, "%s", e.msg);
	printf("flag %lld %s\n", (long long)id, raised ? "raised" : "there already");
	buf_free(&finding);
	store_close(db);
}
