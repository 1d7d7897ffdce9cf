/*
 * test_stats: the statistics of the Diversity Report (src/monitor/stats.c,
 * methods in docs/methods.md).
 *
 * Most expected values come from tests/unit/stats_expected.h, written by
 * tests/stats/gen_expected.py with SciPy/NumPy and exact fractions, so they
 * are independent of the C code. Hand-worked examples are spelt out in the
 * comments beside their tests.
 *
 * Tolerances (relative): Fisher p-values 1e-12 at every size, down to
 * 4e-26 (the reference is a 60-digit decimal sum; the C code is within
 * 2e-14 of it); z-test p-values 1e-9 (SciPy's chi-square and our normal
 * tail differ in the last digits); z, relative rates and intervals 1e-12;
 * Holm/BH 1e-12; pay figures 1e-12, pay gaps 1e-9 percentage points
 * absolute.
 */
#include <criterion/criterion.h>
#include <gsl/gsl_sf_log.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/stats.h"
#include "stats_expected.h"

#define N_OF(x) (sizeof(x) / sizeof((x)[0]))

/* got ≈ want within rel × |want|; NaN only matches NaN; 0 within 1e-15. */
static void check_rel(double got, double want, double rel, const char *what, const char *why)
{
	if (isnan(want)) {
		cr_assert(isnan(got), "%s (%s): got %.17g, want NaN", what, why, got);
		return;
	}
	double tol = want == 0 ? 1e-15 : rel * fabs(want);
	cr_assert(fabs(got - want) <= tol, "%s (%s): got %.17g, want %.17g (rel %.3g)", what, why,
		  got, want, want == 0 ? fabs(got) : fabs(got - want) / fabs(want));
}

static struct stats_table table_of(const struct exp_table *x)
{
	return (struct stats_table){x->a, x->n1, x->c, x->n2};
}

Test(stats, init_turns_off_gsl_abort)
{
	stats_init();
	/* log(−1) is a domain error; GSL's default handler would abort here */
	double r = gsl_sf_log(-1.0);
	cr_assert(isnan(r));
}

Test(stats, settings_defaults)
{
	struct stats_settings s;
	memset(&s, 0xff, sizeof s);
	stats_settings_init(&s);
	cr_assert_eq(s.alpha, 0.05);
	cr_assert_eq(s.band_low, 0.8);
	cr_assert_eq(s.band_high, 1.25);
	cr_assert_eq(s.min_denominator, 30);
	cr_assert_eq(s.confidence, 0.95);
	cr_assert_eq(s.adjust, STATS_ADJUST_HOLM);
}

Test(stats, rate)
{
	cr_assert_eq(stats_rate(3, 4), 0.75);
	cr_assert_eq(stats_rate(0, 7), 0.0);
	cr_assert(isnan(stats_rate(0, 0)));
	cr_assert(isnan(stats_rate(5, 0)));
	cr_assert(isnan(stats_rate(NAN, 4)));
}

/* Tea tasting, by hand: margins 4, 4 and 4 of 8. P(x) = C(4,x) C(4,4−x) / 70
 * = 1, 16, 36, 16, 1 (/70) for x = 0..4. Observed x = 3 has 16/70; the
 * tables no more likely are x = 0, 1, 3, 4: p = 34/70 = 0.4857142857. */
Test(stats, fisher_tea_tasting_by_hand)
{
	struct stats_table t = {3, 4, 1, 4};
	double p = -1;
	cr_assert_eq(stats_test_fisher(&t, &p, NULL), 0);
	check_rel(p, 34.0 / 70.0, 1e-12, "fisher", "tea tasting");
}

Test(stats, fisher_table)
{
	for (size_t i = 0; i < N_OF(exp_tables); i++) {
		const struct exp_table *x = &exp_tables[i];
		struct stats_table t = table_of(x);
		double p = -1;
		cr_assert_eq(stats_test_fisher(&t, &p, NULL), 0, "%s", x->why);
		check_rel(p, x->fisher_p, 1e-12, "fisher p", x->why);
		/* the test does not care which group is which */
		struct stats_table s = {x->c, x->n2, x->a, x->n1};
		double q = -1;
		cr_assert_eq(stats_test_fisher(&s, &q, NULL), 0);
		check_rel(q, x->fisher_p, 1e-12, "fisher p swapped", x->why);
	}
}

Test(stats, fisher_sweep)
{
	for (size_t i = 0; i < N_OF(exp_fisher_sweep); i++) {
		const struct exp_fisher *x = &exp_fisher_sweep[i];
		struct stats_table t = {x->a, x->n1, x->c, x->n2};
		double p = -1;
		char why[96];
		snprintf(why, sizeof why, "sweep %zu: %lld/%lld vs %lld/%lld", i, x->a, x->n1, x->c,
			 x->n2);
		cr_assert_eq(stats_test_fisher(&t, &p, NULL), 0, "%s", why);
		check_rel(p, x->p, 1e-12, "fisher p", why);
	}
}

Test(stats, fisher_edges)
{
	double p = -1;
	struct stats_table empty1 = {0, 0, 3, 10}, empty2 = {2, 5, 0, 0}, bad = {6, 5, 1, 4};
	struct stats_table neg = {-1, 5, 1, 4}, huge = {1, STATS_MAX_COUNT + 1, 1, 4};
	struct err e;

	/* a zero margin leaves one possible table */
	cr_assert_eq(stats_test_fisher(&empty1, &p, NULL), 0);
	cr_assert_eq(p, 1.0);
	p = -1;
	cr_assert_eq(stats_test_fisher(&empty2, &p, NULL), 0);
	cr_assert_eq(p, 1.0);
	err_clear(&e);
	cr_assert_eq(stats_test_fisher(&bad, &p, &e), ERR_DATA);
	cr_assert(strstr(e.msg, "more people with the outcome") != NULL, "%s", e.msg);
	err_clear(&e);
	cr_assert_eq(stats_test_fisher(&neg, &p, &e), ERR_DATA);
	cr_assert(strstr(e.msg, "negative") != NULL, "%s", e.msg);
	cr_assert_eq(stats_test_fisher(&huge, &p, NULL), ERR_DATA);
}

/* At the largest supported margins Fisher's p is close to the z test's
 * (z = 3e-5 / sqrt(0.1 × 0.9 × 2e-9) ≈ 2.236, p ≈ 0.0253). */
Test(stats, fisher_margins_1e9)
{
	struct stats_table t = {100030000, 1000000000, 100000000, 1000000000};
	double pf = -1, pz = -1, z = 0;
	cr_assert_eq(stats_test_fisher(&t, &pf, NULL), 0);
	cr_assert_eq(stats_test_z(&t, &z, &pz, NULL), 0);
	cr_assert(pf > 0 && pf < 1);
	cr_assert(fabs(pf - pz) / pz < 1e-3, "fisher %.10g z %.10g", pf, pz);
	check_rel(pz, 0.025347, 1e-3, "z p", "1e9 margins");
}

/* By hand: 15/50 = 0.3 against 5/50 = 0.1; pooled 0.2;
 * SE = sqrt(0.2 × 0.8 × (1/50 + 1/50)) = sqrt(0.0064) = 0.08; z = 0.2 / 0.08
 * = 2.5; p = 2 × (1 − Φ(2.5)) = 0.0124193306515523. */
Test(stats, z_by_hand)
{
	struct stats_table t = {15, 50, 5, 50};
	double z = 0, p = 0;
	cr_assert_eq(stats_test_z(&t, &z, &p, NULL), 0);
	check_rel(z, 2.5, 1e-14, "z", "hand");
	check_rel(p, 0.0124193306515523, 1e-12, "z p", "hand");
}

Test(stats, z_table)
{
	for (size_t i = 0; i < N_OF(exp_tables); i++) {
		const struct exp_table *x = &exp_tables[i];
		struct stats_table t = table_of(x);
		double z = -99, p = -1;
		cr_assert_eq(stats_test_z(&t, &z, &p, NULL), 0, "%s", x->why);
		check_rel(z, x->z, 1e-12, "z", x->why);
		check_rel(p, x->z_p, 1e-9, "z p", x->why);
	}
}

Test(stats, z_errors)
{
	struct stats_table t = {0, 0, 1, 4};
	double p;
	struct err e;
	err_clear(&e);
	cr_assert_eq(stats_test_z(&t, NULL, &p, &e), ERR_DATA);
	cr_assert(strstr(e.msg, "denominator 0") != NULL, "%s", e.msg);
}

/* By hand: 10/100 against 20/100: RR = 0.5;
 * SE = sqrt(1/10 − 1/100 + 1/20 − 1/100) = sqrt(0.13) = 0.360555;
 * 95%: 0.5 × exp(∓1.959964 × 0.360555) = 0.24664, 1.01362. */
Test(stats, katz_by_hand)
{
	struct stats_table t = {10, 100, 20, 100};
	struct stats_rr r;
	cr_assert_eq(stats_rr_katz(&t, 0.95, &r, NULL), 0);
	check_rel(r.rr, 0.5, 1e-15, "rr", "hand");
	check_rel(r.se_log, sqrt(0.13), 1e-14, "se", "hand");
	check_rel(r.lo, 0.24664, 1e-4, "lo", "hand");
	check_rel(r.hi, 1.01362, 1e-4, "hi", "hand");
	cr_assert_eq(r.method, STATS_RR_KATZ);
}

/* Issue 12: a zero or full cell no longer changes the relative rate. The
 * old 0.5 correction reported 0 of 9 against 1 of 663 as 22.13, 0/40
 * against 0/200 as 4.90, 40/40 against 100/200 as 1.98 and 1/1 against
 * 10/100 as 7.21. Now: the observed 0, not defined, 2 and 10. */
Test(stats, rr_zero_and_full_cells_observed)
{
	static const struct {
		struct stats_table t;
		double rr; /* NAN: not defined */
	} rows[] = {
		{{0, 9, 1, 663}, 0},
		{{0, 40, 0, 200}, NAN},
		{{40, 40, 100, 200}, 2},
		{{1, 1, 10, 100}, 10},
		{{3, 30, 0, 200}, NAN},
	};
	for (size_t i = 0; i < N_OF(rows); i++) {
		struct stats_rr r;
		cr_assert_eq(stats_rr(&rows[i].t, 0.95, &r, NULL), 0);
		if (isnan(rows[i].rr)) {
			cr_assert(isnan(r.rr) && isnan(r.lo) && isnan(r.hi), "row %zu", i);
			cr_assert_eq(r.method, STATS_RR_NONE);
			cr_assert_null(stats_rr_method_name(r.method));
			continue;
		}
		cr_assert_eq(r.rr, rows[i].rr, "row %zu: rr %.17g", i, r.rr);
		cr_assert_eq(r.method, STATS_RR_SCORE, "row %zu", i);
		cr_assert(r.lo <= r.rr && r.rr <= r.hi, "row %zu: %g in [%g, %g]", i, r.rr, r.lo,
			  r.hi);
		cr_assert_str_eq(stats_rr_method_name(r.method), "score");
	}
	/* Katz has no answer with a zero cell: it says so instead of guessing */
	struct stats_table z = {0, 10, 5, 10};
	struct stats_rr r;
	struct err e;
	err_clear(&e);
	cr_assert_eq(stats_rr_katz(&z, 0.95, &r, &e), ERR_DATA);
	cr_assert(strstr(e.msg, "score") != NULL, "%s", e.msg);
	struct stats_table none = {3, 10, 0, 10};
	cr_assert_eq(stats_rr_score(&none, 0.95, &r, &e), ERR_DATA);
}

/* Which interval: Katz only when every cell is at least 5. */
Test(stats, rr_method_rule)
{
	struct stats_table k = {5, 50, 30, 60}, s4 = {4, 50, 30, 60}, f = {46, 50, 30, 60},
			   r4 = {10, 50, 4, 60};
	struct stats_rr r;
	cr_assert_eq(stats_rr(&k, 0.95, &r, NULL), 0);
	cr_assert_eq(r.method, STATS_RR_KATZ);
	cr_assert_str_eq(stats_rr_method_name(r.method), "katz");
	cr_assert_eq(stats_rr(&s4, 0.95, &r, NULL), 0);
	cr_assert_eq(r.method, STATS_RR_SCORE);
	cr_assert_eq(stats_rr(&f, 0.95, &r, NULL), 0);
	cr_assert_eq(r.method, STATS_RR_SCORE);
	cr_assert_eq(stats_rr(&r4, 0.95, &r, NULL), 0);
	cr_assert_eq(r.method, STATS_RR_SCORE);
}

static void check_rr(const struct stats_rr *r, double rr, double lo, double hi, int method,
		     double tol, const char *why)
{
	cr_assert_eq((int)r->method, method, "%s: method %d, want %d", why, (int)r->method,
		     method);
	if (method == 0) {
		cr_assert(isnan(r->rr) && isnan(r->lo) && isnan(r->hi), "%s", why);
		return;
	}
	check_rel(r->rr, rr, 1e-12, "rr", why);
	if (lo == 0)
		cr_assert_eq(r->lo, 0, "%s: lo %.17g", why, r->lo);
	else
		check_rel(r->lo, lo, tol, "lo", why);
	if (isinf(hi))
		cr_assert(isinf(r->hi), "%s: hi %.17g", why, r->hi);
	else
		check_rel(r->hi, hi, tol, "hi", why);
	cr_assert(r->lo <= r->rr && r->rr <= r->hi, "%s: estimate outside its interval", why);
}

/* Against the oracle: Katz in exact fractions, the score interval from
 * statsmodels' score test inverted by brentq. */
Test(stats, rr_table)
{
	for (size_t i = 0; i < N_OF(exp_tables); i++) {
		const struct exp_table *x = &exp_tables[i];
		struct stats_table t = table_of(x);
		struct stats_rr r;
		cr_assert_eq(stats_rr(&t, 0.95, &r, NULL), 0, "%s", x->why);
		check_rr(&r, x->rr, x->lo, x->hi, x->method, x->method == 1 ? 1e-12 : 1e-9,
			 x->why);
	}
	for (size_t i = 0; i < N_OF(exp_katz_levels); i++) {
		const struct exp_katz *x = &exp_katz_levels[i];
		struct stats_table t = {x->a, x->n1, x->c, x->n2};
		struct stats_rr r;
		cr_assert_eq(stats_rr(&t, x->confidence, &r, NULL), 0);
		check_rr(&r, x->rr, x->lo, x->hi, x->method, x->method == 1 ? 1e-12 : 1e-9,
			 "levels");
	}
	for (size_t i = 0; i < N_OF(exp_score_sweep); i++) {
		const struct exp_katz *x = &exp_score_sweep[i];
		struct stats_table t = {x->a, x->n1, x->c, x->n2};
		struct stats_rr r;
		char why[64];
		snprintf(why, sizeof why, "sweep %zu: %lld/%lld vs %lld/%lld", i, x->a, x->n1, x->c,
			 x->n2);
		cr_assert_eq(stats_rr(&t, 0.95, &r, NULL), 0, "%s", why);
		check_rr(&r, x->rr, x->lo, x->hi, x->method, x->method == 1 ? 1e-12 : 1e-9, why);
	}
}

Test(stats, katz_errors)
{
	static const struct {
		struct stats_table t;
		double confidence;
		const char *msg;
	} rows[] = {
		{{0, 0, 3, 10}, 0.95, "compared group has no people"},
		{{1, 10, 0, 0}, 0.95, "reference group has no people"},
		{{11, 10, 3, 10}, 0.95, "more people with the outcome"},
		{{1, 10, 3, -10}, 0.95, "negative"},
		{{1, 10, 3, 10}, 0, "confidence level"},
		{{1, 10, 3, 10}, 1, "confidence level"},
		{{1, 10, 3, 10}, NAN, "confidence level"},
		{{0, 10, 3, 10}, 0.95, "every cell"},
	};
	for (size_t i = 0; i < N_OF(rows); i++) {
		struct stats_rr r;
		struct err e;
		err_clear(&e);
		cr_assert_eq(stats_rr_katz(&rows[i].t, rows[i].confidence, &r, &e), ERR_DATA);
		cr_assert(strstr(e.msg, rows[i].msg) != NULL, "row %zu: %s", i, e.msg);
		if (strcmp(rows[i].msg, "every cell") == 0)
			continue; /* a zero cell is fine for stats_rr */
		err_clear(&e);
		cr_assert_eq(stats_rr(&rows[i].t, rows[i].confidence, &r, &e), ERR_DATA);
		cr_assert(strstr(e.msg, rows[i].msg) != NULL, "row %zu: %s", i, e.msg);
	}
}

Test(stats, compare_table)
{
	for (size_t i = 0; i < N_OF(exp_tables); i++) {
		const struct exp_table *x = &exp_tables[i];
		struct stats_table t = table_of(x);
		struct stats_comparison c;
		cr_assert_eq(stats_compare(NULL, &t, &c, NULL), 0, "%s", x->why);
		cr_assert_eq(c.test, x->fisher_chosen ? STATS_TEST_FISHER : STATS_TEST_Z, "%s: test %s",
			     x->why, stats_test_name(c.test));
		check_rel(c.min_expected, x->min_expected, 1e-12, "min expected", x->why);
		if (x->fisher_chosen) {
			check_rel(c.p, x->fisher_p, 1e-12, "p", x->why);
			cr_assert(isnan(c.z));
		} else {
			check_rel(c.p, x->z_p, 1e-9, "p", x->why);
			check_rel(c.z, x->z, 1e-12, "z", x->why);
		}
		check_rel(c.rr.rr, x->rr, 1e-12, "rr", x->why);
		check_rel(c.rate1, (double)x->a / (double)x->n1, 1e-15, "rate1", x->why);
		check_rel(c.rate2, (double)x->c / (double)x->n2, 1e-15, "rate2", x->why);
	}
}

Test(stats, compare_confidence_from_settings)
{
	struct stats_settings s;
	struct stats_table t = {10, 100, 20, 100};
	struct stats_comparison c;
	stats_settings_init(&s);
	s.confidence = 0.9;
	cr_assert_eq(stats_compare(&s, &t, &c, NULL), 0);
	check_rel(c.rr.lo, exp_katz_levels[1].lo, 1e-12, "lo", "90%");
	check_rel(c.rr.hi, exp_katz_levels[1].hi, 1e-12, "hi", "90%");
	struct stats_table none = {0, 0, 1, 5};
	cr_assert_eq(stats_compare(&s, &none, &c, NULL), ERR_DATA);
}

static void check_adjust(const char *name, const double *got, const double *want, size_t n,
			 const char *why)
{
	for (size_t j = 0; j < n; j++)
		check_rel(got[j], want[j], 1e-12, name, why);
}

Test(stats, adjust_table)
{
	for (size_t i = 0; i < N_OF(exp_adjusts); i++) {
		const struct exp_adjust *x = &exp_adjusts[i];
		double out[8], inplace[8];

		cr_assert_eq(stats_adjust_holm(x->p, x->n, out, NULL), 0);
		check_adjust("holm", out, x->holm, x->n, x->why);
		cr_assert_eq(stats_adjust_bh(x->p, x->n, out, NULL), 0);
		check_adjust("bh", out, x->bh, x->n, x->why);
		cr_assert_eq(stats_adjust_p(STATS_ADJUST_HOLM, x->p, x->n, out, NULL), 0);
		check_adjust("holm via adjust_p", out, x->holm, x->n, x->why);
		cr_assert_eq(stats_adjust_p(STATS_ADJUST_BH, x->p, x->n, out, NULL), 0);
		check_adjust("bh via adjust_p", out, x->bh, x->n, x->why);
		cr_assert_eq(stats_adjust_p(STATS_ADJUST_NONE, x->p, x->n, out, NULL), 0);
		check_adjust("none", out, x->p, x->n, x->why);
		/* out may be p itself */
		memcpy(inplace, x->p, sizeof inplace);
		cr_assert_eq(stats_adjust_holm(inplace, x->n, inplace, NULL), 0);
		check_adjust("holm in place", inplace, x->holm, x->n, x->why);
		memcpy(inplace, x->p, sizeof inplace);
		cr_assert_eq(stats_adjust_bh(inplace, x->n, inplace, NULL), 0);
		check_adjust("bh in place", inplace, x->bh, x->n, x->why);
	}
}

/* Properties over a longer vector with ties: adjusted >= raw, <= 1, and
 * ordered as the raw values are (equal raw, equal adjusted). */
Test(stats, adjust_properties)
{
	double p[40], h[40], b[40];
	for (size_t i = 0; i < 40; i++)
		p[i] = i % 7 == 3 ? NAN : (double)((i * 37) % 23) / 40.0 + (i % 5 == 0 ? 0.5 : 0);
	cr_assert_eq(stats_adjust_holm(p, 40, h, NULL), 0);
	cr_assert_eq(stats_adjust_bh(p, 40, b, NULL), 0);
	for (size_t i = 0; i < 40; i++) {
		if (isnan(p[i])) {
			cr_assert(isnan(h[i]) && isnan(b[i]));
			continue;
		}
		cr_assert(h[i] >= p[i] && h[i] <= 1 && b[i] >= p[i] && b[i] <= 1, "i=%zu", i);
		cr_assert(b[i] <= h[i], "BH never exceeds Holm (i=%zu)", i);
		for (size_t j = 0; j < 40; j++) {
			if (isnan(p[j]))
				continue;
			if (p[i] < p[j])
				cr_assert(h[i] <= h[j] && b[i] <= b[j], "i=%zu j=%zu", i, j);
			if (p[i] == p[j])
				cr_assert(h[i] == h[j] && b[i] == b[j], "tie i=%zu j=%zu", i, j);
		}
	}
}

Test(stats, adjust_errors)
{
	double p[3] = {0.01, 1.5, 0.2}, out[3] = {7, 7, 7};
	struct err e;
	err_clear(&e);
	cr_assert_eq(stats_adjust_holm(p, 3, out, &e), ERR_DATA);
	cr_assert(strstr(e.msg, "number 2 of 3") != NULL, "%s", e.msg);
	cr_assert(out[0] == 7 && out[1] == 7 && out[2] == 7, "out untouched on error");
	p[1] = -0.1;
	cr_assert_eq(stats_adjust_bh(p, 3, out, NULL), ERR_DATA);
	p[1] = INFINITY;
	cr_assert_eq(stats_adjust_p(STATS_ADJUST_NONE, p, 3, out, NULL), ERR_DATA);
	cr_assert_eq(stats_adjust_holm(NULL, 0, NULL, NULL), 0);
	cr_assert_eq(stats_adjust_p((enum stats_adjust_method)9, p, 0, out, NULL), ERR_DATA);
}

Test(stats, four_fifths_table)
{
	for (size_t i = 0; i < N_OF(exp_four_fifths); i++) {
		const struct exp_ratio *x = &exp_four_fifths[i];
		double ir = stats_impact_ratio(stats_rate((double)x->a, (double)x->n1),
					       stats_rate((double)x->c, (double)x->n2));
		cr_assert_eq(stats_check_four_fifths(ir), x->adverse, "%s: ratio %.17g", x->why, ir);
	}
}

Test(stats, four_fifths_direct)
{
	cr_assert_eq(stats_check_four_fifths(0.8), 0);
	cr_assert_eq(stats_check_four_fifths(0.7999), 1);
	cr_assert_eq(stats_check_four_fifths(0.0), 1);
	cr_assert_eq(stats_check_four_fifths(1.0), 0);
	cr_assert_eq(stats_check_four_fifths(NAN), 0);
	/* regression: 1/3 against 5/12 is exactly 0.8 but divides to
	 * 0.7999999999999999, which a plain `< 0.8` called adverse */
	cr_assert_eq(stats_check_four_fifths(0.7999999999999999), 0);
	check_rel(stats_impact_ratio(0.3, 0.4), 0.75, 1e-15, "ratio", "0.3/0.4");
	cr_assert(isnan(stats_impact_ratio(0.3, 0)));
	cr_assert(isnan(stats_impact_ratio(NAN, 0.5)));
	cr_assert(isnan(stats_impact_ratio(0.3, NAN)));
}

Test(stats, check_below_above)
{
	cr_assert_eq(stats_check_below(0.7, 0.75), 1);
	cr_assert_eq(stats_check_below(0.75, 0.75), 0);
	cr_assert_eq(stats_check_below(0.75 * (1 - 1e-14), 0.75), 0); /* rounding */
	cr_assert_eq(stats_check_below(0.7499, 0.75), 1);
	cr_assert_eq(stats_check_below(NAN, 0.75), 0);
	cr_assert_eq(stats_check_above(1.5, 1.5), 0);
	cr_assert_eq(stats_check_above(1.5 * (1 + 1e-14), 1.5), 0);
	cr_assert_eq(stats_check_above(1.5001, 1.5), 1);
	cr_assert_eq(stats_check_above(NAN, 1.5), 0);
}

Test(stats, mirror_table)
{
	for (size_t i = 0; i < N_OF(exp_mirror); i++) {
		const struct exp_ratio *x = &exp_mirror[i];
		double rr = stats_rate((double)x->a, (double)x->n1) / stats_rate((double)x->c, (double)x->n2);
		cr_assert_eq(stats_check_mirror(rr), x->adverse, "%s: rr %.17g", x->why, rr);
	}
	cr_assert_eq(stats_check_mirror(1.25), 0);
	cr_assert_eq(stats_check_mirror(1.2501), 1);
	cr_assert_eq(stats_check_mirror(NAN), 0);
}

Test(stats, flag_rule)
{
	static const struct {
		long long n1, n2;
		double rr, p;
		enum stats_flag want;
		const char *why;
	} rows[] = {
		{100, 100, 1.5, 0.01, STATS_FLAG_RAISED, "significant and above the band"},
		{100, 100, 0.79, 0.001, STATS_FLAG_RAISED, "significant and below the band"},
		{100, 100, 1.25, 0.001, STATS_FLAG_NONE, "RR exactly 1.25 is inside the band"},
		{100, 100, 0.8, 0.001, STATS_FLAG_NONE, "RR exactly 0.8 is inside the band"},
		{100, 100, 1.2, 1e-9, STATS_FLAG_NONE, "significant but inside the band"},
		{100, 100, 1.5, 0.05, STATS_FLAG_NONE, "p equal to alpha is not below it"},
		{100, 100, 1.5, 0.0499, STATS_FLAG_RAISED, "p just below alpha"},
		{29, 100, 3.0, 1e-9, STATS_FLAG_TOO_FEW, "compared group below 30"},
		{100, 29, 3.0, 1e-9, STATS_FLAG_TOO_FEW, "reference group below 30"},
		{30, 30, 3.0, 1e-6, STATS_FLAG_RAISED, "exactly 30 is enough"},
		{1, 1, NAN, NAN, STATS_FLAG_TOO_FEW, "too few wins over no test"},
		{100, 100, NAN, 0.01, STATS_FLAG_NONE, "no RR"},
		{100, 100, 1.5, NAN, STATS_FLAG_NONE, "no p-value"},
	};
	for (size_t i = 0; i < N_OF(rows); i++)
		cr_assert_eq(stats_decide_flag(NULL, rows[i].n1, rows[i].n2, rows[i].rr, rows[i].p),
			     rows[i].want, "%s", rows[i].why);
}

Test(stats, flag_rule_settings)
{
	struct stats_settings s;
	stats_settings_init(&s);
	s.alpha = 0.1;
	s.min_denominator = 10;
	s.band_low = 0.9;
	s.band_high = 1.1;
	cr_assert_eq(stats_decide_flag(&s, 20, 20, 1.15, 0.08), STATS_FLAG_RAISED);
	cr_assert_eq(stats_decide_flag(&s, 20, 20, 1.05, 0.001), STATS_FLAG_NONE);
	cr_assert_eq(stats_decide_flag(&s, 9, 20, 2.0, 0.001), STATS_FLAG_TOO_FEW);
	/* RR of 25/100 against 20/100 from the Katz function, p tiny: exactly
	 * 1.25 is never flagged by the default band */
	struct stats_table t = {25, 100, 20, 100};
	struct stats_rr r;
	cr_assert_eq(stats_rr_katz(&t, 0.95, &r, NULL), 0);
	cr_assert_eq(stats_decide_flag(NULL, 100, 100, r.rr, 1e-6), STATS_FLAG_NONE);
}

Test(stats, names)
{
	cr_assert_str_eq(stats_adjust_name(STATS_ADJUST_HOLM), "holm");
	cr_assert_str_eq(stats_adjust_name(STATS_ADJUST_BH), "bh");
	cr_assert_str_eq(stats_adjust_name(STATS_ADJUST_NONE), "none");
	cr_assert_str_eq(stats_adjust_name((enum stats_adjust_method)42), "unknown");
	cr_assert_str_eq(stats_test_name(STATS_TEST_FISHER), "fisher");
	cr_assert_str_eq(stats_test_name(STATS_TEST_Z), "z");
	cr_assert_str_eq(stats_test_name(STATS_TEST_NONE), "none");
	cr_assert_str_eq(stats_flag_name(STATS_FLAG_RAISED), "raised");
	cr_assert_str_eq(stats_flag_name(STATS_FLAG_TOO_FEW), "too_few");
	cr_assert_str_eq(stats_flag_name(STATS_FLAG_NONE), "none");
}

/* By hand. Men (comparator, group 0): hourly 10, 12, 14, 20; bonuses 0,
 * 100, 200, 600. Women (group 1): hourly 9, 10, 11; bonuses 40, 0, 200.
 *   mean hourly: men 56/4 = 14, women 30/3 = 10 → gap (14 − 10)/14 = 28.5714%
 *   median hourly: men (12 + 14)/2 = 13, women 10 → gap 3/13 = 23.0769%
 *   bonus among those paid: men 100, 200, 600 → mean 300, median 200;
 *   women 40, 200 → mean 120, median 120 → gaps 60% and 40%
 *   paid a bonus: men 3/4 = 75%, women 2/3 = 66.67%
 *   bands: 7 = 4 × 1 + 3, so sizes 1, 2, 2, 2 (the upper three take one
 *   extra each). Ranked: 9W | 10M 10W | 11W 12M | 14M 20M (the tie at 10,
 *   one man and one woman, falls inside the lower middle band).
 *   Men 0, 1, 1, 2 → 0, 50, 50, 100%; women 1, 1, 1, 0 → 100, 50, 50, 0%. */
Test(stats, paygap_by_hand)
{
	const struct stats_pay_person people[] = {
		{11, 200, 1, 0}, {10, 0, 1, 0}, {9, 40, 1, 0}, /* women first: order must not matter */
		{20, 600, 0, 0}, {10, 0, 0, 0}, {14, 200, 0, 0}, {12, 100, 0, 0},
	};
	struct stats_pay_group g[2];
	size_t bands[4];
	cr_assert_eq(stats_compute_paygap(people, 7, 2, 0, g, bands, NULL), 0);
	cr_assert_eq(g[0].n, 4);
	cr_assert_eq(g[1].n, 3);
	check_rel(g[0].mean_hourly, 14, 1e-15, "men mean", "hand");
	check_rel(g[0].median_hourly, 13, 1e-15, "men median", "hand");
	check_rel(g[1].mean_hourly, 10, 1e-15, "women mean", "hand");
	check_rel(g[1].median_hourly, 10, 1e-15, "women median", "hand");
	check_rel(g[1].mean_gap, 400.0 / 14, 1e-14, "mean gap", "hand");
	check_rel(g[1].median_gap, 300.0 / 13, 1e-14, "median gap", "hand");
	check_rel(g[0].mean_gap, 0, 0, "comparator gap", "hand");
	check_rel(g[0].median_gap, 0, 0, "comparator median gap", "hand");
	cr_assert_eq(g[0].n_bonus, 3);
	cr_assert_eq(g[1].n_bonus, 2);
	check_rel(g[0].mean_bonus, 300, 1e-15, "men bonus mean", "hand");
	check_rel(g[0].median_bonus, 200, 1e-15, "men bonus median", "hand");
	check_rel(g[1].mean_bonus, 120, 1e-15, "women bonus mean", "hand");
	check_rel(g[1].median_bonus, 120, 1e-15, "women bonus median", "hand");
	check_rel(g[1].mean_bonus_gap, 60, 1e-14, "bonus mean gap", "hand");
	check_rel(g[1].median_bonus_gap, 40, 1e-14, "bonus median gap", "hand");
	check_rel(g[0].bonus_percent, 75, 1e-15, "men bonus %", "hand");
	check_rel(g[1].bonus_percent, 200.0 / 3, 1e-15, "women bonus %", "hand");
	static const size_t sizes[4] = {1, 2, 2, 2}, men[4] = {0, 1, 1, 2}, women[4] = {1, 1, 1, 0};
	static const double men_pc[4] = {0, 50, 50, 100}, women_pc[4] = {100, 50, 50, 0};
	for (int k = 0; k < 4; k++) {
		cr_assert_eq(bands[k], sizes[k], "band %d", k);
		cr_assert_eq(g[0].band_n[k], men[k], "men band %d", k);
		cr_assert_eq(g[1].band_n[k], women[k], "women band %d", k);
		check_rel(g[0].band_percent[k], men_pc[k], 1e-15, "men band %", "hand");
		check_rel(g[1].band_percent[k], women_pc[k], 1e-15, "women band %", "hand");
	}
}

/* Band sizes for n = 0..9: n/4 each, the remainder one each to the upper,
 * upper middle and lower middle bands in that order. */
Test(stats, paygap_band_sizes)
{
	static const size_t want[10][4] = {
		{0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 1, 1}, {0, 1, 1, 1}, {1, 1, 1, 1},
		{1, 1, 1, 2}, {1, 1, 2, 2}, {1, 2, 2, 2}, {2, 2, 2, 2}, {2, 2, 2, 3},
	};
	struct stats_pay_person people[9];
	for (size_t i = 0; i < 9; i++)
		people[i] = (struct stats_pay_person){10.0 + (double)i, 0, i % 2, 0};
	for (size_t n = 0; n <= 9; n++) {
		struct stats_pay_group g[2];
		size_t bands[4];
		cr_assert_eq(stats_compute_paygap(people, n, 2, 0, g, bands, NULL), 0);
		for (int k = 0; k < 4; k++) {
			cr_assert_eq(bands[k], want[n][k], "n=%zu band %d", n, k);
			cr_assert_eq(g[0].band_n[k] + g[1].band_n[k], want[n][k]);
			if (want[n][k] == 0)
				cr_assert(isnan(g[0].band_percent[k]));
		}
	}
}

/* Regulation 13(2): eight people on the same pay, four in each group,
 * listed all of group 0 first. Every band must hold one of each. */
Test(stats, paygap_ties_interleave)
{
	struct stats_pay_person people[8];
	struct stats_pay_group g[2];
	for (size_t i = 0; i < 8; i++)
		people[i] = (struct stats_pay_person){12.5, 0, i < 4 ? 0 : 1, 0};
	cr_assert_eq(stats_compute_paygap(people, 8, 2, 0, g, NULL, NULL), 0);
	for (int k = 0; k < 4; k++) {
		cr_assert_eq(g[0].band_n[k], 1, "band %d", k);
		check_rel(g[1].band_percent[k], 50, 1e-15, "percent", "ties");
	}
	check_rel(g[1].mean_gap, 0, 0, "gap", "ties");
	/* nobody paid a bonus: the bonus figures cannot be computed */
	cr_assert_eq(g[1].n_bonus, 0);
	cr_assert(isnan(g[1].mean_bonus) && isnan(g[1].median_bonus));
	cr_assert(isnan(g[1].mean_bonus_gap) && isnan(g[1].median_bonus_gap));
	check_rel(g[1].bonus_percent, 0, 0, "bonus %", "ties");
}

Test(stats, paygap_generated)
{
	struct stats_pay_person people[EXP_PAY_N];
	struct stats_pay_group g[3];
	size_t bands[4];
	for (size_t i = 0; i < EXP_PAY_N; i++)
		people[i] = (struct stats_pay_person){exp_pay_hourly[i], exp_pay_bonus[i],
						      exp_pay_group[i], 0};
	cr_assert_eq(stats_compute_paygap(people, EXP_PAY_N, 3, 0, g, bands, NULL), 0);
	for (int k = 0; k < 4; k++)
		cr_assert_eq(bands[k], exp_pay_band_size[k]);
	for (size_t j = 0; j < 3; j++) {
		const struct exp_pay_group *x = &exp_pay_groups[j];
		cr_assert_eq(g[j].n, x->n);
		cr_assert_eq(g[j].n_bonus, x->n_bonus);
		check_rel(g[j].mean_hourly, x->mean, 1e-12, "mean", "generated");
		check_rel(g[j].median_hourly, x->median, 1e-12, "median", "generated");
		check_rel(g[j].mean_bonus, x->bonus_mean, 1e-12, "bonus mean", "generated");
		check_rel(g[j].median_bonus, x->bonus_median, 1e-12, "bonus median", "generated");
		check_rel(g[j].bonus_percent, x->bonus_percent, 1e-12, "bonus %", "generated");
		cr_assert(fabs(g[j].mean_gap - x->mean_gap) < 1e-9, "mean gap %zu", j);
		cr_assert(fabs(g[j].median_gap - x->median_gap) < 1e-9, "median gap %zu", j);
		cr_assert(fabs(g[j].mean_bonus_gap - x->bonus_mean_gap) < 1e-9, "bonus gap %zu", j);
		cr_assert(fabs(g[j].median_bonus_gap - x->bonus_median_gap) < 1e-9, "bonus median gap %zu", j);
		for (int k = 0; k < 4; k++) {
			cr_assert_eq(g[j].band_n[k], x->band_n[k], "group %zu band %d", j, k);
			check_rel(g[j].band_percent[k], x->band_percent[k], 1e-12, "band %", "generated");
		}
	}
}

Test(stats, paygap_errors)
{
	struct stats_pay_person ok = {10, 0, 0, 0};
	static const struct {
		struct stats_pay_person p;
		size_t n_groups, comparator;
		const char *msg;
	} rows[] = {
		{{10, 0, 2, 0}, 2, 0, "record 2 is in group 2 but there are 2 groups"},
		{{-1, 0, 1, 0}, 2, 0, "hourly pay -1"},
		{{NAN, 0, 1, 0}, 2, 0, "hourly pay nan"},
		{{10, INFINITY, 1, 0}, 2, 0, "bonus inf"},
		{{10, -5, 1, 0}, 2, 0, "bonus -5"},
		{{10, 0, 1, 0}, 2, 2, "comparator group 2"},
		{{10, 0, 0, 0}, 0, 0, "no groups"},
		{{NAN, -5, 1, 1}, 2, 0, "bonus -5"}, /* not on full pay: pay unread, bonus checked */
	};
	for (size_t i = 0; i < N_OF(rows); i++) {
		struct stats_pay_person people[2] = {ok, rows[i].p};
		struct stats_pay_group g[2];
		struct err e;
		err_clear(&e);
		cr_assert_eq(stats_compute_paygap(people, 2, rows[i].n_groups, rows[i].comparator, g,
						  NULL, &e),
			     ERR_DATA, "row %zu", i);
		cr_assert(strstr(e.msg, rows[i].msg) != NULL, "row %zu: %s", i, e.msg);
	}
}

/* An empty comparator or a comparator paid nothing gives NaN gaps. */
Test(stats, paygap_undefined_gaps)
{
	const struct stats_pay_person people[] = {{0, 0, 0, 0}, {0, 0, 0, 0}, {9, 10, 1, 0}};
	struct stats_pay_group g[3];
	cr_assert_eq(stats_compute_paygap(people, 3, 3, 0, g, NULL, NULL), 0);
	cr_assert(isnan(g[1].mean_gap) && isnan(g[1].median_gap));
	cr_assert(isnan(g[1].mean_bonus_gap));
	cr_assert_eq(g[2].n, 0);
	cr_assert(isnan(g[2].mean_hourly) && isnan(g[2].median_hourly) && isnan(g[2].bonus_percent));
	cr_assert(isnan(g[2].mean_gap));
}
