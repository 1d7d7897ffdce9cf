/*
 * test_monitor_public: what other rooms use of monitoring
 * (src/monitor/public.c) — groups of values, the Wilson and Newcombe
 * intervals checked against Newcombe's published examples (Statistics in
 * Medicine 1998, 17:857-872 and 873-890), and a count table imported from
 * memory: all of it or, for a bad table, none.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "core/buf.h"
#include "monitor/monitor.h"
#include "store/store.h"

Test(monitor_public, group_of)
{
	const char *g = NULL;
	struct err e = {0};
	cr_assert_eq(monitor_group_of("ethnicity", "B1", &g, &e), 0, "%s", e.msg);
	cr_assert_str_eq(g, "Black");
	cr_assert_eq(monitor_group_of("Ethnicity", "Prefer not to say", &g, &e), 0, "%s", e.msg);
	cr_assert_str_eq(g, "Not stated");
	cr_assert_eq(monitor_group_of("sex", "", &g, &e), 0, "%s", e.msg);
	cr_assert_str_eq(g, "Missing");
	cr_assert_eq(monitor_group_of("ethnicity", "BME", &g, &e), ERR_DATA);
	err_clear(&e);
	cr_assert_eq(monitor_group_of("shoe size", "9", &g, &e), ERR_NOTFOUND);
}

Test(monitor_public, groups_of)
{
	const char *const *groups, *column;
	size_t n, n_rec;
	struct err e = {0};
	cr_assert_eq(monitor_groups_of("race", &groups, &n, &n_rec, &column, &e), 0, "%s", e.msg);
	cr_assert_str_eq(column, "ethnicity");
	cr_assert_eq(n_rec, 5);
	cr_assert_eq(n, 7);
	cr_assert_str_eq(groups[0], "White");
	cr_assert_str_eq(groups[5], "Not stated");
}

/* Newcombe (1998a), table I: 81 of 263, Wilson score 0.2553 to 0.3662;
 * 0 of 10: 0 to 0.2775. */
Test(monitor_public, wilson)
{
	double lo, hi;
	monitor_wilson(81, 263, &lo, &hi);
	cr_assert_float_eq(lo, 0.2553, 5e-5);
	cr_assert_float_eq(hi, 0.3662, 5e-5);
	monitor_wilson(0, 10, &lo, &hi);
	cr_assert_eq(lo, 0);
	cr_assert_float_eq(hi, 0.2775, 5e-5);
}

/* Newcombe (1998b), table II, method 10: 56/70 - 48/80 = 0.2000, 0.0524
 * to 0.3339; 9/10 - 3/10 = 0.6, 0.1705 to 0.8090. */
Test(monitor_public, newcombe)
{
	struct monitor_comparison c;
	struct err e = {0};
	cr_assert_eq(monitor_compare(56, 70, 48, 80, &c, &e), 0, "%s", e.msg);
	cr_assert_float_eq(c.diff, 0.2, 1e-12);
	cr_assert_float_eq(c.diff_lo, 0.0524, 5e-5);
	cr_assert_float_eq(c.diff_hi, 0.3339, 5e-5);
	cr_assert_str_eq(c.test, "z test");
	cr_assert_eq(monitor_compare(9, 10, 3, 10, &c, &e), 0, "%s", e.msg);
	cr_assert_float_eq(c.diff_lo, 0.1705, 5e-5);
	cr_assert_float_eq(c.diff_hi, 0.8090, 5e-5);
	cr_assert_str_eq(c.test, "Fisher's exact test");
	cr_assert_eq(monitor_compare(11, 10, 3, 10, &c, &e), ERR_DATA);
}

Test(monitor_public, import_mem)
{
	store_t *db = NULL;
	struct err e = {0};
	struct buf problems = BUF_INIT;
	int64_t n = -1;
	int raised = -1;
	const char *good = "unit,period,characteristic,group,outcome,numerator,denominator\n"
			   "All,2026,ethnicity,White,promoted,20,100\n"
			   "All,2026,ethnicity,Black,promoted,5,100\n";
	const char *bad = "unit,period,characteristic,group,outcome,numerator,denominator\n"
			  "All,2027,ethnicity,White,promoted,20,100\n"
			  "All,2027,ethnicity,Black,promoted,500,100\n";
	cr_assert_eq(store_open(":memory:", &db, &e), 0, "%s", e.msg);
	cr_assert_eq(monitor_counts_import_mem(db, "mentoring", "mentoring outcomes", "cli:t", good,
					       strlen(good), &problems, &raised, &e),
		     0, "%s %s", e.msg, buf_str(&problems));
	cr_assert_eq(store_query_int(db, &n, &e,
				     "SELECT COUNT(*) FROM mon_import WHERE dataset = 'mentoring'", ""),
		     0);
	cr_assert_eq(n, 1);
	cr_assert_geq(raised, 0);
	cr_assert_lt(monitor_counts_import_mem(db, "mentoring", "mentoring outcomes", "cli:t", bad,
					       strlen(bad), &problems, NULL, &e),
		     0);
	cr_assert(strstr(buf_str(&problems), "mentoring outcomes:3"), "%s", buf_str(&problems));
	cr_assert_eq(store_query_int(db, &n, &e,
				     "SELECT COUNT(*) FROM mon_import WHERE dataset = 'mentoring'", ""),
		     0);
	cr_assert_eq(n, 1, "a bad table changes nothing");
	buf_free(&problems);
	store_close(db);
}
