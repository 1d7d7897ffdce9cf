/*
 * test_measure: the measures of equality objectives (src/monitor/measure.c)
 * on a real database in a temporary directory, filled through the import
 * the command line uses (mon_import_csv, staged; monitor_counts_import_mem
 * for count tables). The extracts are tests/fixtures/objectives/ (written
 * by its make.py, whose table of people gives every count below):
 *
 *   staff 2011Q1   White 40 (8 promoted), Black 16 (2), Asian 10 (3),
 *                  Mixed 4 (0), Not stated 5, Missing 3: 70 recorded of 78;
 *                  by grade PO and SPO: White 36, Black 16, Asian 8,
 *                  Mixed 4, Not stated 5, Missing 3.
 *   staff 2011Q2   White 38 (9), Black 18 (5), Asian 10 (2), Mixed 4 (1),
 *                  Not stated 4, Missing 2: 70 of 76.
 *   staff 2011Q3   White 36 (10), Black 20 (6), Asian 12 (3), Mixed 3 (0),
 *                  Not stated 3, Missing 1: 71 of 75. ACO: White 4 (1),
 *                  Black 2 (1), Asian 2 (0).
 *   service-users 2011Q1  Black 10 referred, 6 started, 3 completed; White
 *                  20, 15, 12; Not stated 2, 1, 0.
 *
 * Values worked out from those counts here; the intervals that are not a
 * line of arithmetic (Wilson, the score interval, the pay gap's) are those
 * of tests/cli/objective_stats.py, which reads the extracts itself.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "monitor/internal.h"
#include "monitor/monitor.h"
#include "store/store.h"

#define FIX "tests/fixtures/objectives/"
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define TOL 1e-9

static char dir[64], path[96];
static store_t *db;

static void import_rows(const char *preset, const char *period, const char *file)
{
	struct dataset ds;
	struct mon_import_job j;
	struct err e = {0};
	cr_assert_eq(dataset_preset(preset, &ds, &e), 0, "%s", e.msg);
	memset(&j, 0, sizeof j);
	j.ds = &ds;
	j.period = period;
	j.path = file;
	j.source = file;
	j.author = "cli:test";
	j.staged = 1;
	cr_assert_eq(mon_import_csv(db, &j, &e), 0, "%s: %s", file, e.msg);
	mon_tally_free(j.tally);
}

/* Two quarters of a count table; Black's appointments of 2011Q2 were
 * suppressed in it. */
static const char counts[] = "unit,period,characteristic,group,outcome,numerator,denominator\n"
			     "All,2011Q1,ethnicity,White,appointed,20,100\n"
			     "All,2011Q1,ethnicity,Black,appointed,5,40\n"
			     "All,2011Q1,ethnicity,Not stated,appointed,1,10\n"
			     "All,2011Q2,ethnicity,White,appointed,22,100\n"
			     "All,2011Q2,ethnicity,Black,appointed,*,45\n"
			     "All,2011Q2,ethnicity,Not stated,appointed,2,8\n";

static void setup(void)
{
	struct err e = {0};
	struct buf problems = BUF_INIT;
	snprintf(dir, sizeof dir, "/tmp/parity-measure-XXXXXX");
	cr_assert(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/p.db", dir);
	cr_assert_eq(store_open(path, &db, &e), 0, "%s", e.msg);
	import_rows("staff", "2011Q3", FIX "staff-2011Q3.csv"); /* out of order on purpose */
	import_rows("staff", "2011Q1", FIX "staff-2011Q1.csv");
	import_rows("staff", "2011Q2", FIX "staff-2011Q2.csv");
	import_rows("service-users", "2011Q1", FIX "service-users-2011Q1.csv");
	cr_assert_eq(monitor_counts_import_mem(db, "recruitment", "recruitment.csv", "cli:test",
					       counts, strlen(counts), &problems, NULL, &e),
		     0, "%s %s", e.msg, buf_str(&problems));
	buf_free(&problems);
}

static void teardown(void)
{
	static const char *const side[] = {"", "-wal", "-shm", ".key"};
	char f[128];
	store_close(db);
	for (size_t i = 0; i < N_OF(side); i++) {
		snprintf(f, sizeof f, "%s%s", path, side[i]);
		unlink(f);
	}
	rmdir(dir);
}

TestSuite(measure, .init = setup, .fini = teardown);

/* The values of m, which must pass the check; *n of them (3 for staff). */
static struct monitor_measure_value *values(const struct monitor_measure *m, size_t *n)
{
	struct monitor_measure_value *v = NULL;
	struct err e = {0};
	cr_assert_eq(monitor_measure_check(db, m, &e), 0, "%s", e.msg);
	cr_assert_eq(monitor_measure_values(db, m, &v, n, &e), 0, "%s", e.msg);
	return v;
}

static void expect(const struct monitor_measure_value *v, const char *period, double value,
		   int64_t num, int64_t den)
{
	cr_assert_str_eq(v->period, period);
	cr_assert_eq(v->numerator, num, "%s: numerator %lld, wanted %lld", period,
		     (long long)v->numerator, (long long)num);
	cr_assert_eq(v->denominator, den, "%s: denominator %lld, wanted %lld", period,
		     (long long)v->denominator, (long long)den);
	if (isnan(value))
		cr_assert(isnan(v->value), "%s: value %g, wanted NaN", period, v->value);
	else
		cr_assert_float_eq(v->value, value, TOL, "%s: value %.12g, wanted %.12g", period,
				   v->value, value);
}

static void expect_interval(const struct monitor_measure_value *v, double lo, double hi)
{
	cr_assert_float_eq(v->low, lo, TOL, "%s: low %.12g, wanted %.12g", v->period, v->low, lo);
	cr_assert_float_eq(v->high, hi, TOL, "%s: high %.12g, wanted %.12g", v->period, v->high,
			   hi);
}

/* Wilson's interval in %, as monitor_wilson gives it. */
static void expect_wilson(const struct monitor_measure_value *v)
{
	double lo, hi;
	monitor_wilson(v->numerator, v->denominator, &lo, &hi);
	expect_interval(v, 100 * lo, 100 * hi);
}

Test(measure, share_of_the_recorded_oldest_first)
{
	struct monitor_measure m = {.dataset = "staff", .kind = MONITOR_SHARE,
				    .characteristic = "Ethnicity", .group = "black"};
	size_t n;
	struct monitor_measure_value *v = values(&m, &n);
	cr_assert_eq(n, 3);
	expect(&v[0], "2011Q1", 100.0 * 16 / 70, 16, 70);
	expect(&v[1], "2011Q2", 100.0 * 18 / 70, 18, 70);
	expect(&v[2], "2011Q3", 100.0 * 20 / 71, 20, 71);
	cr_assert_eq(v[0].not_recorded, 8);
	cr_assert_eq(v[1].not_recorded, 6);
	cr_assert_eq(v[2].not_recorded, 4);
	/* objective_stats.py's Wilson interval of 16 of 70 */
	expect_interval(&v[0], 14.588063222572433, 33.950331593984906);
	for (size_t i = 0; i < n; i++) {
		expect_wilson(&v[i]);
		cr_assert_str_eq(v[i].reference, "");
		cr_assert_eq(v[i].ref_numerator, 0);
	}
	free(v);
}

/* A group nobody is in: a share of 0 (defined), a rate not defined. */
Test(measure, empty_group)
{
	struct monitor_measure m = {.dataset = "staff", .kind = MONITOR_SHARE,
				    .characteristic = "ethnicity", .group = "Other"};
	size_t n;
	struct monitor_measure_value *v = values(&m, &n);
	expect(&v[0], "2011Q1", 0, 0, 70);
	expect_wilson(&v[0]);
	free(v);
	m.kind = MONITOR_RATE;
	m.outcome = "promoted";
	v = values(&m, &n);
	cr_assert_eq(n, 3);
	for (size_t i = 0; i < n; i++) {
		expect(&v[i], v[i].period, NAN, 0, 0);
		cr_assert(isnan(v[i].low) && isnan(v[i].high));
	}
	free(v);
}

Test(measure, where_grade)
{
	static const char *const grades[] = {"PO", "spo"};
	struct monitor_measure m = {.dataset = "staff", .kind = MONITOR_SHARE,
				    .characteristic = "ethnicity", .group = "Black",
				    .where_column = "grade", .where_values = grades, .n_where = 2};
	size_t n;
	struct monitor_measure_value *v = values(&m, &n);
	expect(&v[0], "2011Q1", 25.0, 16, 64);
	cr_assert_eq(v[0].not_recorded, 8);
	expect_wilson(&v[0]);
	free(v);
	/* the ACO grade alone: no Black ACO in 2011Q1 and 2011Q2, a rate
	 * ratio of (1/2) / (1/4) in 2011Q3, with the score interval */
	static const char *const aco[] = {"ACO"};
	m.kind = MONITOR_RATIO;
	m.outcome = "promoted";
	m.where_values = aco;
	m.n_where = 1;
	v = values(&m, &n);
	expect(&v[0], "2011Q1", NAN, 0, 0);
	expect(&v[1], "2011Q2", NAN, 0, 0);
	expect(&v[2], "2011Q3", 2.0, 1, 2);
	cr_assert_eq(v[2].ref_numerator, 1);
	cr_assert_eq(v[2].ref_denominator, 4);
	expect_interval(&v[2], 0.2243235751070903, 15.797308825609552);
	free(v);
}

/* Every grade listed counts what no where counts, pay records too. */
Test(measure, where_everything_is_no_where)
{
	static const char *const all[] = {"PO", "SPO", "ACO"};
	static const enum monitor_measure_kind kinds[] = {MONITOR_SHARE, MONITOR_RATIO,
							  MONITOR_COMPLETENESS, MONITOR_PAY_GAP};
	for (size_t k = 0; k < N_OF(kinds); k++) {
		struct monitor_measure m = {.dataset = "staff", .kind = kinds[k],
					    .characteristic = "ethnicity"};
		struct monitor_measure_value *a, *b;
		size_t na, nb;
		if (kinds[k] == MONITOR_SHARE || kinds[k] == MONITOR_RATIO)
			m.group = "Asian";
		if (kinds[k] == MONITOR_RATIO)
			m.outcome = "promoted";
		a = values(&m, &na);
		m.where_column = "grade";
		m.where_values = all;
		m.n_where = N_OF(all);
		b = values(&m, &nb);
		cr_assert_eq(na, nb);
		for (size_t i = 0; i < na; i++) {
			cr_assert_eq(a[i].numerator, b[i].numerator);
			cr_assert_eq(a[i].denominator, b[i].denominator);
			cr_assert_float_eq(a[i].value, b[i].value, TOL);
			cr_assert_float_eq(a[i].low, b[i].low, TOL);
		}
		free(a);
		free(b);
	}
}

/* A characteristic's where, by group or by code, any case; a unit's. */
Test(measure, where_characteristic_and_unit)
{
	static const char *const black[] = {"black"}, *const codes[] = {"b1", "B2", "B9"},
				 *const north[] = {"north"};
	struct monitor_measure m = {.dataset = "staff", .kind = MONITOR_RATE,
				    .characteristic = "sex", .group = "Female",
				    .outcome = "promoted", .where_column = "ethnicity",
				    .where_values = black, .n_where = 1};
	size_t n;
	struct monitor_measure_value *v = values(&m, &n), *w;
	/* Black women of 2011Q1: B1 PO 6 (1 promoted), B1 SPO 4 (0) */
	expect(&v[0], "2011Q1", 10.0, 1, 10);
	m.where_values = codes;
	m.n_where = N_OF(codes);
	w = values(&m, &n);
	for (size_t i = 0; i < n; i++) {
		cr_assert_eq(w[i].numerator, v[i].numerator);
		cr_assert_eq(w[i].denominator, v[i].denominator);
	}
	free(v);
	free(w);
	/* the unit column: the North of 2011Q1 has 40 people, 5 of them Not
	 * stated (and none Missing): completeness 35 of 40 */
	m = (struct monitor_measure){.dataset = "staff", .kind = MONITOR_COMPLETENESS,
				     .characteristic = "ethnicity", .where_column = "unit",
				     .where_values = north, .n_where = 1};
	v = values(&m, &n);
	expect(&v[0], "2011Q1", 100.0 * 35 / 40, 35, 40);
	free(v);
}

Test(measure, rate_and_ratio)
{
	struct monitor_measure m = {.dataset = "staff", .kind = MONITOR_RATE,
				    .characteristic = "ethnicity", .group = "Black",
				    .outcome = "Promoted"};
	size_t n;
	struct monitor_measure_value *v = values(&m, &n);
	expect(&v[0], "2011Q1", 12.5, 2, 16);
	expect(&v[1], "2011Q2", 100.0 * 5 / 18, 5, 18);
	expect(&v[2], "2011Q3", 30.0, 6, 20);
	for (size_t i = 0; i < n; i++)
		expect_wilson(&v[i]);
	free(v);
	m.kind = MONITOR_RATIO;
	v = values(&m, &n);
	/* 2011Q1: a cell below 5, the score interval (objective_stats.py) */
	expect(&v[0], "2011Q1", (2.0 / 16) / (8.0 / 40), 2, 16);
	cr_assert_eq(v[0].ref_numerator, 8);
	cr_assert_eq(v[0].ref_denominator, 40);
	cr_assert_str_eq(v[0].reference, "White");
	expect_interval(&v[0], 0.15570261418276113, 2.2230664659775035);
	/* 2011Q2 and Q3: every cell at least 5, Katz's interval */
	{
		static const int64_t c[2][4] = {{5, 18, 9, 38}, {6, 20, 10, 36}};
		for (int k = 0; k < 2; k++) {
			const struct monitor_measure_value *x = &v[k + 1];
			double a = (double)c[k][0], n1 = (double)c[k][1], r = (double)c[k][2],
			       n2 = (double)c[k][3], rr = (a / n1) / (r / n2);
			double se = sqrt(1 / a - 1 / n1 + 1 / r - 1 / n2);
			expect(x, x->period, rr, c[k][0], c[k][1]);
			cr_assert_eq(x->ref_numerator, c[k][2]);
			cr_assert_eq(x->ref_denominator, c[k][3]);
			expect_interval(x, rr * exp(-1.959963984540054 * se),
					rr * exp(1.959963984540054 * se));
		}
	}
	free(v);
}

/* The group that is the largest (the reference) in a period has no ratio
 * there: Black women outnumber Black men. */
Test(measure, ratio_of_the_reference)
{
	static const char *const black[] = {"Black"};
	struct monitor_measure m = {.dataset = "staff", .kind = MONITOR_RATIO,
				    .characteristic = "sex", .group = "Female",
				    .outcome = "promoted", .where_column = "ethnicity",
				    .where_values = black, .n_where = 1};
	size_t n;
	struct monitor_measure_value *v = values(&m, &n);
	expect(&v[0], "2011Q1", NAN, 0, 0);
	cr_assert_str_eq(v[0].reference, "Female");
	free(v);
	m.group = "male";
	v = values(&m, &n);
	/* Black men of 2011Q1: B2 PO 6 (1); women B1 10 (1) */
	expect(&v[0], "2011Q1", (1.0 / 6) / (1.0 / 10), 1, 6);
	cr_assert_str_eq(v[0].reference, "Female");
	free(v);
}

/* Stages: completed counts over those who started. */
Test(measure, stages)
{
	struct monitor_measure m = {.dataset = "service-users", .kind = MONITOR_RATE,
				    .characteristic = "ethnicity", .group = "Black",
				    .outcome = "completed"};
	size_t n;
	struct monitor_measure_value *v = values(&m, &n);
	cr_assert_eq(n, 1);
	expect(&v[0], "2011Q1", 50.0, 3, 6);
	free(v);
	m.kind = MONITOR_RATIO;
	v = values(&m, &n);
	expect(&v[0], "2011Q1", 0.625, 3, 6);
	cr_assert_eq(v[0].ref_numerator, 12);
	cr_assert_eq(v[0].ref_denominator, 15);
	expect_interval(&v[0], 0.22347332603935155, 1.1983296371887715);
	free(v);
}

Test(measure, completeness)
{
	struct monitor_measure m = {.dataset = "staff", .kind = MONITOR_COMPLETENESS,
				    .characteristic = "ethnicity"};
	size_t n;
	struct monitor_measure_value *v = values(&m, &n);
	expect(&v[0], "2011Q1", 100.0 * 70 / 78, 70, 78);
	expect(&v[1], "2011Q2", 100.0 * 70 / 76, 70, 76);
	expect(&v[2], "2011Q3", 100.0 * 71 / 75, 71, 75);
	for (size_t i = 0; i < n; i++) {
		expect_wilson(&v[i]);
		cr_assert_eq(v[i].not_recorded, 0);
	}
	free(v);
}

/* 2011Q1: women's pay sums to 712.00 over 42, men's on full pay to 721.50
 * over 35 (one man on reduced pay left out); medians 16.00 and 20.50. */
Test(measure, pay_gap_sex)
{
	struct monitor_measure m = {.dataset = "staff", .kind = MONITOR_PAY_GAP,
				    .characteristic = "sex"};
	size_t n;
	struct monitor_measure_value *v = values(&m, &n);
	double a = 721.5 / 35, b = 712.0 / 42;
	expect(&v[0], "2011Q1", (a - b) / a * 100, 42, 35);
	cr_assert_str_eq(v[0].reference, "Male");
	expect_interval(&v[0], 10.340058014023729, 25.187777513811792);
	free(v);
	m.median = 1;
	v = values(&m, &n);
	expect(&v[0], "2011Q1", (20.5 - 16.0) / 20.5 * 100, 42, 35);
	cr_assert(isnan(v[0].low) && isnan(v[0].high), "a median gap has no interval");
	free(v);
}

/* Ethnicity: White on full pay 777.75 over 39, every other recorded group
 * 517.50 over 30; Black of grade PO 178.50 over 12 against White of PO
 * 314.25 over 19. */
Test(measure, pay_gap_ethnicity)
{
	static const char *const po[] = {"PO"};
	struct monitor_measure m = {.dataset = "staff", .kind = MONITOR_PAY_GAP,
				    .characteristic = "ethnicity"};
	size_t n;
	struct monitor_measure_value *v = values(&m, &n);
	double a = 777.75 / 39, b = 517.5 / 30;
	expect(&v[0], "2011Q1", (a - b) / a * 100, 30, 39);
	cr_assert_str_eq(v[0].reference, "White");
	expect_interval(&v[0], 4.413398707710391, 22.58756561244391);
	free(v);
	m.group = "Black";
	m.where_column = "grade";
	m.where_values = po;
	m.n_where = 1;
	v = values(&m, &n);
	a = 314.25 / 19;
	b = 178.5 / 12;
	expect(&v[0], "2011Q1", (a - b) / a * 100, 12, 19);
	expect_interval(&v[0], 7.36410751441931, 12.763179677307036);
	free(v);
}

/* A count table: a share from its counts; a suppressed count leaves the
 * rate not defined. */
Test(measure, count_table)
{
	struct monitor_measure m = {.dataset = "recruitment", .kind = MONITOR_SHARE,
				    .characteristic = "ethnicity", .group = "Black"};
	size_t n;
	struct monitor_measure_value *v = values(&m, &n);
	cr_assert_eq(n, 2);
	expect(&v[0], "2011Q1", 100.0 * 40 / 140, 40, 140);
	cr_assert_eq(v[0].not_recorded, 10);
	expect(&v[1], "2011Q2", 100.0 * 45 / 145, 45, 145);
	free(v);
	m.kind = MONITOR_RATE;
	m.outcome = "appointed";
	v = values(&m, &n);
	expect(&v[0], "2011Q1", 12.5, 5, 40);
	expect(&v[1], "2011Q2", NAN, 0, 0);
	free(v);
}

/* ---- what is refused --------------------------------------------------- */

struct bad {
	const char *name;
	struct monitor_measure m;
	int code;
	const char *says; /* in the message */
};

static const char *const colour[] = {"red"}, *const nothing_there[] = {"XX", "PO"},
		  *const purple[] = {"Purple"}, *const blank[] = {" "};

static const struct bad bad_specs[] = {
	{"no dataset", {.kind = MONITOR_SHARE, .characteristic = "ethnicity", .group = "Black"},
	 ERR_USAGE, "--dataset NAME"},
	{"unknown dataset",
	 {.dataset = "nosuch", .kind = MONITOR_SHARE, .characteristic = "ethnicity",
	  .group = "Black"},
	 ERR_NOTFOUND, "choose one of: recruitment, service-users, staff"},
	{"unknown characteristic",
	 {.dataset = "staff", .kind = MONITOR_SHARE, .characteristic = "colour", .group = "Red"},
	 ERR_USAGE, "--share: 'colour' is not a characteristic"},
	{"characteristic not in the dataset",
	 {.dataset = "service-users", .kind = MONITOR_COMPLETENESS,
	  .characteristic = "marital_status"},
	 ERR_USAGE, "service-users has no marital_status column; its characteristics are: "
		    "ethnicity, sex"},
	{"no group", {.dataset = "staff", .kind = MONITOR_SHARE, .characteristic = "ethnicity"},
	 ERR_USAGE, "--share needs CHARACTERISTIC=GROUP"},
	{"unknown group",
	 {.dataset = "staff", .kind = MONITOR_RATE, .characteristic = "ethnicity",
	  .group = "Purple", .outcome = "promoted"},
	 ERR_USAGE, "--of ethnicity=Purple: 'Purple' is not a group of ethnicity; choose one of: "
		    "White, Mixed, Asian, Black, Other, Not stated, Missing"},
	{"share of Not stated",
	 {.dataset = "staff", .kind = MONITOR_SHARE, .characteristic = "ethnicity",
	  .group = "Not stated"},
	 ERR_USAGE, "not a group of ethnicity whose answer is recorded"},
	{"group for completeness",
	 {.dataset = "staff", .kind = MONITOR_COMPLETENESS, .characteristic = "ethnicity",
	  .group = "Black"},
	 ERR_USAGE, "--completeness takes a characteristic alone"},
	{"no outcome",
	 {.dataset = "staff", .kind = MONITOR_RATE, .characteristic = "ethnicity",
	  .group = "Black"},
	 ERR_USAGE, "--rate needs an outcome of staff: promoted, trained, grievance"},
	{"unknown outcome",
	 {.dataset = "staff", .kind = MONITOR_RATIO, .characteristic = "ethnicity",
	  .group = "Black", .outcome = "flown"},
	 ERR_USAGE, "--ratio flown: 'flown' is not an outcome of staff; its outcomes are: promoted"},
	{"outcome of a share",
	 {.dataset = "staff", .kind = MONITOR_SHARE, .characteristic = "ethnicity",
	  .group = "Black", .outcome = "promoted"},
	 ERR_USAGE, "an outcome goes with --rate or --ratio only"},
	{"ratio of the reference",
	 {.dataset = "staff", .kind = MONITOR_RATIO, .characteristic = "ethnicity",
	  .group = "white", .outcome = "promoted"},
	 ERR_USAGE, "--of ethnicity=White: White is the group the report compares"},
	{"pay gap of age",
	 {.dataset = "staff", .kind = MONITOR_PAY_GAP, .characteristic = "age"},
	 ERR_USAGE, "--pay-gap takes sex or ethnicity"},
	{"pay gap without pay",
	 {.dataset = "service-users", .kind = MONITOR_PAY_GAP, .characteristic = "sex"},
	 ERR_USAGE, "--pay-gap: service-users has no hourly pay column"},
	{"pay gap of the comparator",
	 {.dataset = "staff", .kind = MONITOR_PAY_GAP, .characteristic = "sex", .group = "Male"},
	 ERR_USAGE, "--pay-gap sex: Male is the group every other is compared with"},
	{"pay gap of Missing",
	 {.dataset = "staff", .kind = MONITOR_PAY_GAP, .characteristic = "ethnicity",
	  .group = "Missing"},
	 ERR_USAGE, "'Missing' is not a group of ethnicity whose answer is recorded"},
	{"where column unknown",
	 {.dataset = "staff", .kind = MONITOR_COMPLETENESS, .characteristic = "sex",
	  .where_column = "colour", .where_values = colour, .n_where = 1},
	 ERR_USAGE, "--where colour=red: 'colour' is not a column of staff that rows can be chosen "
		    "by; use one of: unit, grade, ethnicity"},
	{"where without values",
	 {.dataset = "staff", .kind = MONITOR_COMPLETENESS, .characteristic = "sex",
	  .where_column = "grade", .where_values = colour, .n_where = 0},
	 ERR_USAGE, "name a column and at least one value"},
	{"where with a blank value",
	 {.dataset = "staff", .kind = MONITOR_COMPLETENESS, .characteristic = "sex",
	  .where_column = "grade", .where_values = blank, .n_where = 1},
	 ERR_USAGE, "a value is empty"},
	{"where value in no period",
	 {.dataset = "staff", .kind = MONITOR_COMPLETENESS, .characteristic = "sex",
	  .where_column = "grade", .where_values = nothing_there, .n_where = 2},
	 ERR_USAGE, "--where grade=XX,PO: no row of staff has grade XX in any period; its values "
		    "are PO, SPO, ACO"},
	{"where group in no period",
	 {.dataset = "staff", .kind = MONITOR_COMPLETENESS, .characteristic = "sex",
	  .where_column = "ethnicity", .where_values = purple, .n_where = 1},
	 ERR_USAGE, "its ethnicity groups are White, Black, Asian, Mixed, Not stated, Missing "
		    "(codes W1, "},
	{"where on a count table",
	 {.dataset = "recruitment", .kind = MONITOR_COMPLETENESS, .characteristic = "ethnicity",
	  .where_column = "unit", .where_values = colour, .n_where = 1},
	 ERR_DATA, "recruitment 2011Q1 was imported as a count table"},
};

Test(measure, refused)
{
	for (size_t i = 0; i < N_OF(bad_specs); i++) {
		const struct bad *b = &bad_specs[i];
		struct monitor_measure_value *v = (void *)1;
		size_t n = 99;
		struct err e = {0};
		cr_assert_eq(monitor_measure_check(db, &b->m, &e), b->code, "%s: check gave %d: %s",
			     b->name, e.code, e.msg);
		cr_assert(strstr(e.msg, b->says), "%s: '%s' lacks '%s'", b->name, e.msg, b->says);
		err_clear(&e);
		cr_assert_eq(monitor_measure_values(db, &b->m, &v, &n, &e), b->code,
			     "%s: values gave %d: %s", b->name, e.code, e.msg);
		cr_assert(strstr(e.msg, b->says), "%s: '%s' lacks '%s'", b->name, e.msg, b->says);
		cr_assert_null(v);
		cr_assert_eq(n, 0);
	}
}

/* Nothing imported at all: the message says to import first. */
Test(measure, nothing_imported)
{
	store_t *empty = NULL;
	struct err e = {0};
	struct monitor_measure m = {.dataset = "staff", .kind = MONITOR_COMPLETENESS,
				    .characteristic = "sex"};
	cr_assert_eq(store_open(":memory:", &empty, &e), 0, "%s", e.msg);
	cr_assert_eq(monitor_measure_check(empty, &m, &e), ERR_NOTFOUND);
	cr_assert(strstr(e.msg, "no monitoring data has been imported yet"), "%s", e.msg);
	store_close(empty);
}

/* The where's check reads the stored codes; the values' check reads the
 * rows: an import without codes (made before migration 005, one mon_row a
 * person) is counted and filtered through its rows. */
Test(measure, rows_before_migration_005)
{
	static const char *const po[] = {"PO"};
	struct monitor_measure m = {.dataset = "staff", .kind = MONITOR_SHARE,
				    .characteristic = "ethnicity", .group = "Black",
				    .where_column = "grade", .where_values = po, .n_where = 1};
	struct monitor_measure_value *a, *b;
	size_t na, nb;
	struct err e = {0};
	int64_t id = 0;
	a = values(&m, &na);
	/* 2011Q1's rows as an earlier version kept them */
	cr_assert_eq(store_query_int(db, &id, &e,
				     "SELECT id FROM mon_import WHERE dataset = 'staff' AND"
				     " period = '2011Q1'", ""), 0, "%s", e.msg);
	cr_assert_eq(store_exec(db, &e, "DELETE FROM mon_block WHERE import_id = ?", "i", id), 0,
		     "%s", e.msg);
	cr_assert_eq(store_exec(db, &e, "DELETE FROM mon_dict WHERE import_id = ?", "i", id), 0,
		     "%s", e.msg);
	for (int k = 0; k < 6; k++) { /* PO: B1, B1, W1, NS; SPO: W1, W1 */
		char pid[16];
		snprintf(pid, sizeof pid, "p%d", k);
		cr_assert_eq(store_exec(db, &e,
					"INSERT INTO mon_row(import_id, pid, unit, grade, cats,"
					" outcomes) VALUES (?, ?, 'North', ?, ?, 0)",
					"ittt", id, pid, k == 3 || k == 4 ? "SPO" : "PO",
					k < 2 ? "cj18:B1||||||||" : k < 5 ? "cj18:W1||||||||"
									: "NS||||||||"),
			     0, "%s", e.msg);
	}
	b = values(&m, &nb);
	cr_assert_eq(na, nb);
	/* 2011Q1 now: PO rows B1, B1, W1, NS -> 2 Black of 3 recorded */
	expect(&b[0], "2011Q1", 100.0 * 2 / 3, 2, 3);
	cr_assert_eq(b[0].not_recorded, 1);
	expect(&b[1], "2011Q2", a[1].value, a[1].numerator, a[1].denominator);
	free(a);
	free(b);
}

/* Values are kept between calls (the web pages ask again on every view),
 * but never outlive the data they were worked out from: a period imported
 * again gives its new values at once. */
Test(measure, kept_values_follow_a_new_import)
{
	struct monitor_measure m = {.dataset = "staff", .kind = MONITOR_SHARE,
				    .characteristic = "ethnicity", .group = "Black"};
	struct monitor_measure_value *a, *b, *c;
	size_t na, nb, nc, kept = 0;
	char small[128], line[4096];
	FILE *in, *out;

	a = values(&m, &na);
	b = values(&m, &nb); /* from memory: the same */
	cr_assert_eq(na, nb);
	cr_assert_eq(memcmp(a, b, na * sizeof *a), 0);
	/* 2011Q1 again, with only its first 30 people */
	snprintf(small, sizeof small, "%s/small.csv", dir);
	in = fopen(FIX "staff-2011Q1.csv", "r");
	out = fopen(small, "w");
	cr_assert(in && out);
	while (kept < 31 && fgets(line, sizeof line, in)) {
		fputs(line, out);
		kept++;
	}
	fclose(in);
	fclose(out);
	import_rows("staff", "2011Q1", small);
	c = values(&m, &nc);
	cr_assert_eq(nc, 3);
	cr_assert_str_eq(c[0].period, "2011Q1");
	cr_expect_lt(c[0].denominator + c[0].not_recorded, 31, "2011Q1 now counts %lld + %lld",
		     (long long)c[0].denominator, (long long)c[0].not_recorded);
	cr_expect_neq(c[0].denominator, a[0].denominator);
	/* the other periods are as they were */
	cr_expect_eq(c[1].numerator, a[1].numerator);
	cr_expect_eq(c[2].denominator, a[2].denominator);
	free(a);
	free(b);
	free(c);
}
