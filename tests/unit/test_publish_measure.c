/*
 * test_publish_measure: an objective's measure from released tables only
 * (src/publish/measure.c, publish_measure_values) on a real database made
 * by the store's migrations, with releases made as 'parity publish
 * release' makes them (pub_draft, then pub_release in one transaction):
 * a release that withholds nothing gives the values of the counts
 * themselves (share, rate, ratio with the report's interval,
 * completeness); a release that withholds a count the measure needs gives
 * NaN with counts -1, never a value from the imported data; measures that
 * are never published give nothing.
 *
 * publish_measure/dump writes the values of the measures
 * $PARITY_MEASURE_SPECS names, on the database $PARITY_MEASURE_DB, as
 * JSON lines into $PARITY_MEASURE_OUT, for the end-to-end check against
 * the released tables ('parity publish tables --format json') by an
 * independent computation (tests/cli/cases_publish_measure.sh).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "monitor/monitor.h"
#include "publish/internal.h"
#include "publish/publish.h"
#include "store/store.h"

/* Every count 10 or more, no one group all or none of a small group:
 * nothing is withheld in 2024Q1. In 2024Q2, 3 Black staff were promoted:
 * that count is withheld (and another to protect it). */
static const char *const counts =
	"unit,period,characteristic,group,outcome,numerator,denominator\n"
	"All,2024Q1,ethnicity,White,promoted,40,400\n"
	"All,2024Q1,ethnicity,Black,promoted,15,60\n"
	"All,2024Q1,ethnicity,Asian,promoted,12,50\n"
	"All,2024Q1,ethnicity,Not stated,promoted,11,30\n"
	"All,2024Q2,ethnicity,White,promoted,44,410\n"
	"All,2024Q2,ethnicity,Black,promoted,3,62\n"
	"All,2024Q2,ethnicity,Asian,promoted,13,52\n"
	"All,2024Q2,ethnicity,Not stated,promoted,12,31\n";

static void release(store_t *db, const char *period)
{
	struct pub_rules r;
	struct pub_tables t;
	struct err e = {0};
	int64_t id = 0;
	pub_rules_default(&r);
	cr_assert_eq(store_begin(db, &e), 0, "%s", e.msg);
	cr_assert_eq(pub_draft(db, "staff", period, &r, 0, &t, NULL, NULL, &e), 0, "%s", e.msg);
	cr_assert_eq(pub_release(db, &t, "cli:test", 0, NULL, &id, &e), 0, "%s", e.msg);
	cr_assert_eq(store_commit(db, &e), 0, "%s", e.msg);
	pub_tables_free(&t);
}

static store_t *released_db(int both)
{
	store_t *db = NULL;
	struct err e = {0};
	struct buf problems = BUF_INIT;
	cr_assert_eq(store_open(":memory:", &db, &e), 0, "%s", e.msg);
	cr_assert_eq(monitor_counts_import_mem(db, "staff", "staff counts", "cli:t", counts,
					       strlen(counts), &problems, NULL, &e),
		     0, "%s %s", e.msg, buf_str(&problems));
	buf_free(&problems);
	release(db, "2024Q1");
	if (both)
		release(db, "2024Q2");
	return db;
}

static struct monitor_measure measure(enum monitor_measure_kind kind, const char *group,
				      const char *outcome)
{
	struct monitor_measure m = {0};
	m.dataset = "staff";
	m.kind = kind;
	m.characteristic = "ethnicity";
	m.group = group;
	m.outcome = outcome;
	return m;
}

static void values(store_t *db, const struct monitor_measure *m,
		   struct monitor_measure_value **v, size_t *n)
{
	struct err e = {0};
	cr_assert_eq(publish_measure_values(db, m, v, n, &e), 0, "%s", e.msg);
}

static void wilson_pct(long long k, long long n, double *lo, double *hi)
{
	monitor_wilson(k, n, lo, hi);
	*lo *= 100;
	*hi *= 100;
}

Test(publish_measure, nothing_withheld)
{
	store_t *db = released_db(0);
	struct monitor_measure m;
	struct monitor_measure_value *v = NULL;
	struct monitor_comparison c;
	struct err e = {0};
	double lo, hi;
	size_t n = 0;

	m = measure(MONITOR_SHARE, "Black", NULL);
	values(db, &m, &v, &n);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].period, "2024Q1");
	cr_assert_eq(v[0].numerator, 60);
	cr_assert_eq(v[0].denominator, 510, "White, Black and Asian: the recorded groups");
	cr_assert_eq(v[0].not_recorded, 30);
	cr_assert_float_eq(v[0].value, 100.0 * 60 / 510, 1e-9);
	wilson_pct(60, 510, &lo, &hi);
	cr_assert_float_eq(v[0].low, lo, 1e-9);
	cr_assert_float_eq(v[0].high, hi, 1e-9);
	free(v);

	/* a code or a category name is the report's group */
	m = measure(MONITOR_SHARE, "B1", NULL);
	values(db, &m, &v, &n);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0].numerator, 60);
	free(v);

	m = measure(MONITOR_RATE, "Black", "promoted");
	values(db, &m, &v, &n);
	cr_assert_eq(v[0].numerator, 15);
	cr_assert_eq(v[0].denominator, 60);
	cr_assert_float_eq(v[0].value, 25.0, 1e-9);
	wilson_pct(15, 60, &lo, &hi);
	cr_assert_float_eq(v[0].low, lo, 1e-9);
	cr_assert_float_eq(v[0].high, hi, 1e-9);
	free(v);

	m = measure(MONITOR_RATIO, "Black", "promoted");
	values(db, &m, &v, &n);
	cr_assert_str_eq(v[0].reference, "White");
	cr_assert_eq(v[0].numerator, 15);
	cr_assert_eq(v[0].denominator, 60);
	cr_assert_eq(v[0].ref_numerator, 40);
	cr_assert_eq(v[0].ref_denominator, 400);
	cr_assert_eq(monitor_compare(15, 60, 40, 400, &c, &e), 0, "%s", e.msg);
	cr_assert_float_eq(v[0].value, 2.5, 1e-9);
	cr_assert_float_eq(v[0].low, c.rr_lo, 1e-12);
	cr_assert_float_eq(v[0].high, c.rr_hi, 1e-12);
	cr_assert(v[0].low < 2.5 && v[0].high > 2.5);
	free(v);

	m = measure(MONITOR_COMPLETENESS, NULL, NULL);
	values(db, &m, &v, &n);
	cr_assert_eq(v[0].numerator, 510);
	cr_assert_eq(v[0].denominator, 540);
	cr_assert_float_eq(v[0].value, 100.0 * 510 / 540, 1e-9);
	free(v);
	store_close(db);
}

/* 2024Q2 withholds the 3 Black staff promoted: the rate and the ratio
 * need it and are NaN with counts -1 (the imported data would give 4.8%);
 * the share needs only head counts, all shown. Oldest first. */
Test(publish_measure, withheld_count_is_nan)
{
	store_t *db = released_db(1);
	struct monitor_measure m;
	struct monitor_measure_value *v = NULL;
	struct pub_tables t;
	struct err e = {0};
	int found = 0;
	size_t n = 0;

	cr_assert_eq(pub_load(db, "staff", "2024Q2", &t, &found, &e), 0, "%s", e.msg);
	cr_assert_eq(found, 1);
	cr_assert_gt(t.n_primary, 0, "the release withholds the small count");
	pub_tables_free(&t);

	m = measure(MONITOR_RATE, "Black", "promoted");
	values(db, &m, &v, &n);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(v[0].period, "2024Q1");
	cr_assert_str_eq(v[1].period, "2024Q2");
	cr_assert_float_eq(v[0].value, 25.0, 1e-9);
	cr_assert(isnan(v[1].value), "a withheld count gives NaN, not %g", v[1].value);
	cr_assert(isnan(v[1].low) && isnan(v[1].high));
	cr_assert_eq(v[1].numerator, -1);
	cr_assert_eq(v[1].denominator, -1);
	free(v);

	m = measure(MONITOR_RATIO, "Black", "promoted");
	values(db, &m, &v, &n);
	cr_assert(isfinite(v[0].value));
	cr_assert(isnan(v[1].value));
	cr_assert_eq(v[1].numerator, -1);
	cr_assert_eq(v[1].ref_numerator, -1);
	free(v);

	m = measure(MONITOR_SHARE, "Black", NULL);
	values(db, &m, &v, &n);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[1].numerator, 62);
	cr_assert_eq(v[1].denominator, 524);
	free(v);
	store_close(db);
}

Test(publish_measure, never_published)
{
	store_t *db = released_db(0);
	struct monitor_measure m;
	struct monitor_measure_value *v = (void *)1;
	const char *const grades[] = {"SPO"};
	size_t n = 9;

	m = measure(MONITOR_PAY_GAP, NULL, NULL);
	m.characteristic = "sex";
	values(db, &m, &v, &n);
	cr_assert_eq(n, 0);
	cr_assert_null(v);
	m = measure(MONITOR_SHARE, "Black", NULL);
	m.where_column = "grade";
	m.where_values = grades;
	m.n_where = 1;
	n = 9;
	values(db, &m, &v, &n);
	cr_assert_eq(n, 0, "a filtered measure is never published");
	m = measure(MONITOR_SHARE, "Black", NULL);
	m.dataset = "applicants";
	values(db, &m, &v, &n);
	cr_assert_eq(n, 0, "nothing released");
	store_close(db);
}

/* A characteristic or outcome the release does not have: NaN and -1
 * (nothing published to work from). */
Test(publish_measure, not_in_the_release)
{
	store_t *db = released_db(0);
	struct monitor_measure m;
	struct monitor_measure_value *v = NULL;
	size_t n = 0;

	m = measure(MONITOR_SHARE, "Female", NULL);
	m.characteristic = "sex";
	values(db, &m, &v, &n);
	cr_assert_eq(n, 1);
	cr_assert(isnan(v[0].value));
	cr_assert_eq(v[0].denominator, -1);
	free(v);
	m = measure(MONITOR_RATE, "Black", "appointed");
	values(db, &m, &v, &n);
	cr_assert(isnan(v[0].value));
	cr_assert_eq(v[0].numerator, -1);
	free(v);
	store_close(db);
}

/* ---- the dump for the end-to-end check ---------------------------------*/

static void put_num(FILE *f, const char *key, double v)
{
	if (isfinite(v))
		fprintf(f, ", \"%s\": %.17g", key, v);
	else
		fprintf(f, ", \"%s\": null", key);
}

/* One spec: "KIND:CHARACTERISTIC:GROUP:OUTCOME" (empty parts NULL). */
static void dump_one(store_t *db, const char *dataset, char *spec, FILE *out)
{
	static const char *const kinds[] = {"share", "rate", "ratio", "completeness"};
	static const enum monitor_measure_kind kk[] = {MONITOR_SHARE, MONITOR_RATE, MONITOR_RATIO,
						       MONITOR_COMPLETENESS};
	char *part[4] = {NULL, NULL, NULL, NULL}, *p = spec;
	struct monitor_measure m = {0};
	struct monitor_measure_value *v = NULL;
	size_t n = 0, i;
	for (i = 0; i < 4; i++) {
		char *colon = strchr(p, ':');
		part[i] = p;
		if (!colon)
			break;
		*colon = '\0';
		p = colon + 1;
	}
	m.dataset = dataset;
	m.kind = MONITOR_PAY_GAP;
	for (i = 0; i < 4; i++)
		if (part[0] && !strcmp(part[0], kinds[i]))
			m.kind = kk[i];
	cr_assert_neq(m.kind, MONITOR_PAY_GAP, "unknown kind in %s", spec);
	m.characteristic = part[1];
	m.group = part[2] && *part[2] ? part[2] : NULL;
	m.outcome = part[3] && *part[3] ? part[3] : NULL;
	values(db, &m, &v, &n);
	for (i = 0; i < n; i++) {
		fprintf(out, "{\"kind\": \"%s\", \"characteristic\": \"%s\", \"group\": \"%s\", "
			     "\"outcome\": \"%s\", \"period\": \"%s\"",
			part[0], m.characteristic, m.group ? m.group : "", m.outcome ? m.outcome : "",
			v[i].period);
		put_num(out, "value", v[i].value);
		put_num(out, "low", v[i].low);
		put_num(out, "high", v[i].high);
		fprintf(out, ", \"numerator\": %lld, \"denominator\": %lld, \"ref_numerator\": %lld, "
			     "\"ref_denominator\": %lld, \"not_recorded\": %lld, \"reference\": \"%s\"}\n",
			(long long)v[i].numerator, (long long)v[i].denominator,
			(long long)v[i].ref_numerator, (long long)v[i].ref_denominator,
			(long long)v[i].not_recorded, v[i].reference);
	}
	free(v);
}

Test(publish_measure, dump)
{
	const char *path = getenv("PARITY_MEASURE_DB"), *specs = getenv("PARITY_MEASURE_SPECS");
	const char *out_path = getenv("PARITY_MEASURE_OUT"), *dataset = getenv("PARITY_MEASURE_DATASET");
	char *all, *spec, *save = NULL;
	store_t *db = NULL;
	struct err e = {0};
	FILE *out;

	if (path && *path) {
		cr_assert_eq(store_open(path, &db, &e), 0, "%s", e.msg);
	} else { /* none named: this file's own releases, so that it always runs */
		db = released_db(1);
		dataset = "staff";
		specs = "share:ethnicity:Black:;rate:ethnicity:Black:promoted";
	}
	out = out_path && *out_path ? fopen(out_path, "w") : fopen("/dev/null", "w");
	cr_assert_not_null(out);
	all = strdup(specs ? specs : "");
	for (spec = strtok_r(all, ";", &save); spec; spec = strtok_r(NULL, ";", &save))
		dump_one(db, dataset && *dataset ? dataset : "staff", spec, out);
	free(all);
	fclose(out);
	store_close(db);
}
