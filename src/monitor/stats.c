/*
 * stats: the statistics of the Diversity Report (see stats.h for the
 * contract of every function, docs/methods.md for the methods in plain
 * English).
 *
 * Everything here is arithmetic on caller-supplied numbers. GSL does the
 * normal distribution, sorting, means and medians. The hypergeometric
 * probabilities of Fisher's exact test are computed here (Loader's
 * saddle-point form) because GSL's log-factorial differences are not
 * accurate enough at the margins a large service produces; see
 * hyper_log() below.
 */
#include "monitor/stats.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "core/xalloc.h"

#define LN_2PI 1.8378770664093454836 /* log(2π) */

void stats_init(void)
{
	gsl_set_error_handler_off();
}

void stats_settings_init(struct stats_settings *s)
{
	s->alpha = STATS_ALPHA;
	s->band_low = STATS_FOUR_FIFTHS;
	s->band_high = STATS_MIRROR_RR;
	s->min_denominator = STATS_MIN_DENOMINATOR;
	s->confidence = STATS_CONFIDENCE;
	s->adjust = STATS_ADJUST_HOLM;
}

double stats_rate(double num, double den)
{
	if (den == 0 || isnan(num) || isnan(den))
		return NAN;
	return num / den;
}

/* Check a 2×2 table; with `need_n` both denominators must be positive
 * (relative rates and the z test are undefined otherwise). */
static int check_table(const struct stats_table *t, int need_n, const char *what,
		       struct err *e)
{
	if (t->n1 < 0 || t->n2 < 0 || t->a < 0 || t->c < 0)
		return err_set(e, ERR_DATA, "%s: negative count (a=%lld n1=%lld c=%lld n2=%lld)",
			       what, t->a, t->n1, t->c, t->n2);
	if (t->a > t->n1 || t->c > t->n2)
		return err_set(e, ERR_DATA,
			       "%s: more people with the outcome than in the group "
			       "(a=%lld of n1=%lld, c=%lld of n2=%lld); check the numerator "
			       "and denominator columns",
			       what, t->a, t->n1, t->c, t->n2);
	if (t->n1 > STATS_MAX_COUNT || t->n2 > STATS_MAX_COUNT)
		return err_set(e, ERR_DATA, "%s: counts above %lld are not supported (n1=%lld n2=%lld)",
			       what, STATS_MAX_COUNT, t->n1, t->n2);
	if (need_n && (t->n1 == 0 || t->n2 == 0))
		return err_set(e, ERR_DATA,
			       "%s: undefined because the %s group has no people "
			       "(denominator 0)",
			       what, t->n1 == 0 ? "compared" : "reference");
	return 0;
}

static int check_confidence(double confidence, struct err *e)
{
	if (!(confidence > 0 && confidence < 1))
		return err_set(e, ERR_DATA,
			       "confidence level %g is not between 0 and 1 (use e.g. 0.95)",
			       confidence);
	return 0;
}

/* The observed relative rate: 0 when the group has none, NaN (not
 * defined) when the reference rate is 0. */
static double rr_observed(const struct stats_table *t)
{
	if (t->c == 0)
		return NAN;
	return ((double)t->a / (double)t->n1) / ((double)t->c / (double)t->n2);
}

int stats_rr_katz(const struct stats_table *t, double confidence, struct stats_rr *out,
		  struct err *e)
{
	double a, n1, c, n2, z, se;
	int rc;

	if ((rc = check_table(t, 1, "relative rate", e)) < 0)
		return rc;
	if ((rc = check_confidence(confidence, e)) < 0)
		return rc;
	if (t->a == 0 || t->a == t->n1 || t->c == 0 || t->c == t->n2)
		return err_set(e, ERR_DATA,
			       "relative rate: Katz's interval needs every cell of the table "
			       "above 0 (a=%lld of n1=%lld, c=%lld of n2=%lld); use the score "
			       "interval",
			       t->a, t->n1, t->c, t->n2);
	a = (double)t->a;
	n1 = (double)t->n1;
	c = (double)t->c;
	n2 = (double)t->n2;
	out->rr = rr_observed(t);
	/* 1/a − 1/n1 written as (n1 − a)/(a n1) to avoid cancellation */
	se = sqrt((n1 - a) / (a * n1) + (n2 - c) / (c * n2));
	out->se_log = se;
	z = gsl_cdf_ugaussian_Pinv(0.5 + confidence / 2);
	out->lo = out->rr * exp(-z * se);
	out->hi = out->rr * exp(z * se);
	out->method = STATS_RR_KATZ;
	return 0;
}

/* Miettinen–Nurminen score statistic for H0: p1 / p2 = r (r > 0), as
 * stats.h describes: the observed difference p1 − r p2 over its standard
 * error at the restricted maximum-likelihood rates, with the variance
 * multiplied by N / (N − 1). Falls as r rises. */
static double mn_score(const struct stats_table *t, double r)
{
	double x1 = (double)t->a, n1 = (double)t->n1, x2 = (double)t->c, n2 = (double)t->n2;
	double n = n1 + n2, qa = n * r, qb = -(n1 * r + x1 + n2 + x2 * r), qc = x1 + x2;
	double disc = qb * qb - 4 * qa * qc, p2, p1, var, d;

	if (disc < 0)
		disc = 0;
	/* the smaller root of qa p² + qb p + qc, written without cancellation
	 * (qb < 0): 2 qc / (−qb + √disc) */
	p2 = qc > 0 ? 2 * qc / (-qb + sqrt(disc)) : 0;
	p1 = p2 * r;
	var = (p1 * (1 - p1) / n1 + r * r * p2 * (1 - p2) / n2) * (n / (n - 1));
	d = x1 / n1 - r * (x2 / n2);
	if (d == 0)
		return 0;
	if (!(var > 0))
		return d > 0 ? INFINITY : -INFINITY;
	return d / sqrt(var);
}

/* The r where mn_score(r) crosses `level`, between lo and hi (lo < hi,
 * mn_score(lo) > level >= mn_score(hi)), by bisection on ln r to the
 * last bit of a double. */
static double mn_root(const struct stats_table *t, double level, double lo, double hi)
{
	double llo = log(lo), lhi = log(hi);
	for (int i = 0; i < 200; i++) {
		double mid = 0.5 * (llo + lhi);
		if (mid <= llo || mid >= lhi)
			break;
		if (mn_score(t, exp(mid)) > level)
			llo = mid;
		else
			lhi = mid;
	}
	return exp(0.5 * (llo + lhi));
}

#define MN_R_MIN 1e-12 /* the search for a score limit stops here ... */
#define MN_R_MAX 1e12  /* ... and here (reported as 0 and infinity) */

int stats_rr_score(const struct stats_table *t, double confidence, struct stats_rr *out,
		   struct err *e)
{
	double z, rr;
	int rc;

	if ((rc = check_table(t, 1, "relative rate", e)) < 0)
		return rc;
	if ((rc = check_confidence(confidence, e)) < 0)
		return rc;
	if (t->c == 0)
		return err_set(e, ERR_DATA,
			       "relative rate: not defined when the reference group has no one "
			       "with the outcome (c=0 of n2=%lld)",
			       t->n2);
	z = gsl_cdf_ugaussian_Pinv(0.5 + confidence / 2);
	rr = rr_observed(t);
	out->rr = rr;
	out->se_log = NAN;
	out->method = STATS_RR_SCORE;
	/* lower limit: where the score falls to +z, below the estimate */
	if (t->a == 0 || mn_score(t, MN_R_MIN) <= z)
		out->lo = 0;
	else
		out->lo = mn_root(t, z, MN_R_MIN, rr);
	/* upper limit: where it falls to −z, above the estimate */
	if (mn_score(t, MN_R_MAX) > -z)
		out->hi = INFINITY;
	else
		out->hi = mn_root(t, -z, rr > MN_R_MIN ? rr : MN_R_MIN, MN_R_MAX);
	return 0;
}

int stats_rr(const struct stats_table *t, double confidence, struct stats_rr *out,
	     struct err *e)
{
	int rc;

	if ((rc = check_table(t, 1, "relative rate", e)) < 0)
		return rc;
	if ((rc = check_confidence(confidence, e)) < 0)
		return rc;
	if (t->c == 0) {
		out->rr = out->lo = out->hi = out->se_log = NAN;
		out->method = STATS_RR_NONE;
		return 0;
	}
	if (t->a < STATS_KATZ_MIN_CELL || t->n1 - t->a < STATS_KATZ_MIN_CELL ||
	    t->c < STATS_KATZ_MIN_CELL || t->n2 - t->c < STATS_KATZ_MIN_CELL)
		return stats_rr_score(t, confidence, out, e);
	return stats_rr_katz(t, confidence, out, e);
}

/* ---- Fisher's exact test --------------------------------------------- */

/* Stirling remainder: ln n! − [(n + ½) ln n − n + ½ ln 2π], for integer
 * n >= 1. Small n from GSL's exact log-factorial (the difference is of
 * order 0.01 and loses nothing that matters); larger n from the
 * asymptotic series 1/12n − 1/360n³ + 1/1260n⁵ − 1/1680n⁷ + 1/1188n⁹,
 * whose next term is below 2e-16 for n > 15. */
static double stirlerr(double n)
{
	double nn;

	if (n <= 15)
		return gsl_sf_lnfact((unsigned)n) - (n + 0.5) * log(n) + n - 0.5 * LN_2PI;
	nn = n * n;
	return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1.0 / (1188 * nn)) / nn) / nn) / nn) / n;
}

/* Deviance term x ln(x/m) + m − x, computed without cancellation when x is
 * close to m (series in v = (x − m)/(x + m)). */
static double bd0(double x, double m)
{
	if (fabs(x - m) < 0.1 * (x + m)) {
		double v = (x - m) / (x + m), s = (x - m) * v, ej = 2 * x * v, v2 = v * v;
		for (int j = 1; j < 1000; j++) {
			double s1;
			ej *= v2;
			s1 = s + ej / (2 * j + 1);
			if (s1 == s)
				return s1;
			s = s1;
		}
		return s;
	}
	return x * log(x / m) + m - x;
}

/* ln of the binomial probability C(n, x) p^x q^(n−x), given np = n·p,
 * nq = n·q and ln p, ln q (Loader's form: every term is small or computed
 * without cancellation, so the result has a small absolute error). */
static double binom_log(double x, double n, double np, double nq, double lnp, double lnq)
{
	double lc, lf;

	if (x == 0)
		return n == 0 ? 0 : n * lnq;
	if (x == n)
		return n * lnp;
	lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, np) - bd0(n - x, nq);
	lf = LN_2PI + log(x) + log1p(-x / n);
	return lc - 0.5 * lf;
}

/* The hypergeometric distribution of the top-left cell. */
struct hyper {
	double n1, n2, k, n;	  /* row totals, column-1 total, grand total */
	long long lo, hi;	  /* support of x */
	double np1, nq1, np2, nq2; /* n1·p, n1·q, n2·p, n2·q with p = K/N */
	double lnp, lnq;	  /* ln p, ln q */
	double l3;		  /* ln P(Binomial(N, p) = K) */
};

static void hyper_init(struct hyper *h, long long n1, long long n2, long long k)
{
	double p, q;

	h->n1 = (double)n1;
	h->n2 = (double)n2;
	h->k = (double)k;
	h->n = (double)(n1 + n2);
	h->lo = k > n2 ? k - n2 : 0;
	h->hi = k < n1 ? k : n1;
	p = h->k / h->n;
	q = (h->n - h->k) / h->n;
	/* take the log of whichever of p, q is larger through log1p of the
	 * smaller, which is known to full relative precision */
	h->lnp = q < p ? log1p(-q) : log(p);
	h->lnq = p < q ? log1p(-p) : log(q);
	h->np1 = h->n1 * h->k / h->n;
	h->nq1 = h->n1 * (h->n - h->k) / h->n;
	h->np2 = h->n2 * h->k / h->n;
	h->nq2 = h->n2 * (h->n - h->k) / h->n;
	h->l3 = binom_log(h->k, h->n, h->k, h->n - h->k, h->lnp, h->lnq);
}

/* ln P(x) = ln C(n1, x) + ln C(n2, K − x) − ln C(N, K), as the ratio of
 * three binomial probabilities with the same p = K/N (the powers of p and
 * q cancel). GSL's gsl_ran_hypergeometric_pdf sums log-factorials of size
 * ~N ln N ≈ 3e8 at N = 2e7, leaving an absolute error near 1e-8 in the
 * log; here every term is O(deviance) and the error stays near 1e-14. */
static double hyper_log(const struct hyper *h, long long x)
{
	double dx = (double)x;
	return binom_log(dx, h->n1, h->np1, h->nq1, h->lnp, h->lnq) +
	       binom_log(h->k - dx, h->n2, h->np2, h->nq2, h->lnp, h->lnq) - h->l3;
}

/* Sum of P(x)/P(x0) from x0 outward (dir −1 down to lo, +1 up to hi).
 * Terms shrink by ratios that themselves shrink (log-concavity), so once
 * t·r/(1 − r) is below 1e-18 of the sum the rest cannot matter. */
static double hyper_tail(const struct hyper *h, long long x0, int dir)
{
	double s = 1, t = 1, r;
	long long x;

	for (x = x0; dir < 0 ? x > h->lo : x < h->hi; x += dir) {
		double dx = (double)x;
		if (dir < 0) /* P(x − 1) / P(x) */
			r = dx * (h->n2 - h->k + dx) / ((h->n1 - dx + 1) * (h->k - dx + 1));
		else /* P(x + 1) / P(x) */
			r = (h->n1 - dx) * (h->k - dx) / ((dx + 1) * (h->n2 - h->k + dx + 1));
		t *= r;
		s += t;
		if (r < 1 && t * r / (1 - r) <= s * 1e-18)
			break;
	}
	return s;
}

int stats_test_fisher(const struct stats_table *t, double *p, struct err *e)
{
	struct hyper h;
	long long k, n, m, lo, hi;
	double thr, sum = 0;
	int rc;

	if ((rc = check_table(t, 0, "Fisher's exact test", e)) < 0)
		return rc;
	k = t->a + t->c;
	n = t->n1 + t->n2;
	if (t->n1 == 0 || t->n2 == 0 || k == 0 || k == n) {
		*p = 1; /* one table has these margins */
		return 0;
	}
	hyper_init(&h, t->n1, t->n2, k);
	m = (t->n1 + 1) * (k + 1) / (n + 2);
	thr = hyper_log(&h, t->a) + log1p(STATS_FISHER_REL_TOL);
	if (hyper_log(&h, m) <= thr) {
		*p = 1;
		return 0;
	}
	/* left tail [h.lo, lo]: P is non-decreasing up to m */
	if (m > h.lo && hyper_log(&h, h.lo) <= thr) {
		lo = h.lo;
		hi = m - 1;
		while (lo < hi) {
			long long mid = lo + (hi - lo + 1) / 2;
			if (hyper_log(&h, mid) <= thr)
				lo = mid;
			else
				hi = mid - 1;
		}
		sum += exp(hyper_log(&h, lo)) * hyper_tail(&h, lo, -1);
	}
	/* right tail [hi, h.hi]: P is decreasing after m */
	if (m < h.hi && hyper_log(&h, h.hi) <= thr) {
		lo = m + 1;
		hi = h.hi;
		while (lo < hi) {
			long long mid = lo + (hi - lo) / 2;
			if (hyper_log(&h, mid) <= thr)
				hi = mid;
			else
				lo = mid + 1;
		}
		sum += exp(hyper_log(&h, hi)) * hyper_tail(&h, hi, +1);
	}
	*p = sum < 1 ? sum : 1;
	return 0;
}

/* ---- z test and the choice between tests ------------------------------ */

int stats_test_z(const struct stats_table *t, double *z, double *p, struct err *e)
{
	double n1, n2, k, n, pooled, pooled_q, se, zz;
	int rc;

	if ((rc = check_table(t, 1, "z test", e)) < 0)
		return rc;
	n1 = (double)t->n1;
	n2 = (double)t->n2;
	k = (double)(t->a + t->c);
	n = n1 + n2;
	if (k == 0 || k == n) {
		if (z)
			*z = 0;
		*p = 1;
		return 0;
	}
	pooled = k / n;
	pooled_q = (n - k) / n;
	se = sqrt(pooled * pooled_q * (1 / n1 + 1 / n2));
	zz = ((double)t->a / n1 - (double)t->c / n2) / se;
	if (z)
		*z = zz;
	*p = 2 * gsl_cdf_ugaussian_Q(fabs(zz));
	if (*p > 1)
		*p = 1;
	return 0;
}

int stats_compare(const struct stats_settings *s, const struct stats_table *t,
		  struct stats_comparison *out, struct err *e)
{
	struct stats_settings def;
	long long k, n, cells[4], least;
	int rc;

	if (!s) {
		stats_settings_init(&def);
		s = &def;
	}
	if ((rc = stats_rr(t, s->confidence, &out->rr, e)) < 0)
		return rc;
	out->rate1 = stats_rate((double)t->a, (double)t->n1);
	out->rate2 = stats_rate((double)t->c, (double)t->n2);
	k = t->a + t->c;
	n = t->n1 + t->n2;
	/* expected count = row × column / N; compare row × column with 5N in
	 * integers so that an expected count of exactly 5 is not rounded */
	cells[0] = t->n1 * k;
	cells[1] = t->n1 * (n - k);
	cells[2] = t->n2 * k;
	cells[3] = t->n2 * (n - k);
	least = cells[0];
	for (int i = 1; i < 4; i++)
		if (cells[i] < least)
			least = cells[i];
	out->min_expected = (double)least / (double)n;
	if (least < (long long)STATS_MIN_EXPECTED * n) {
		out->test = STATS_TEST_FISHER;
		out->z = NAN;
		return stats_test_fisher(t, &out->p, e);
	}
	out->test = STATS_TEST_Z;
	return stats_test_z(t, &out->z, &out->p, e);
}

/* ---- multiple comparisons -------------------------------------------- */

static int check_pvalues(const double *p, size_t n, struct err *e)
{
	for (size_t i = 0; i < n; i++)
		if (!isnan(p[i]) && !(p[i] >= 0 && p[i] <= 1))
			return err_set(e, ERR_DATA,
				       "p-value %g (number %zu of %zu) is not between 0 and 1",
				       p[i], i + 1, n);
	return 0;
}

/* Gather the non-NaN p-values into v[0..m), remember where each came from
 * in from[], and sort: ord[j] is the index into v of the j-th smallest.
 * Returns m. */
static size_t gather_sorted(const double *p, size_t n, double *v, size_t *from, size_t *ord)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++) {
		if (isnan(p[i]))
			continue;
		v[m] = p[i];
		from[m++] = i;
	}
	if (m > 0)
		gsl_sort_index(ord, v, 1, m);
	return m;
}

/* Holm (holm = 1) or BH (holm = 0). One allocation holds v, from, ord. */
static int adjust(int holm, const double *p, size_t n, double *out, struct err *e)
{
	double *v;
	size_t *from, *ord, m;
	int rc;

	if ((rc = check_pvalues(p, n, e)) < 0)
		return rc;
	if (n == 0)
		return 0;
	v = xmalloc(n * (sizeof *v + 2 * sizeof *from));
	from = (size_t *)(v + n);
	ord = from + n;
	m = gather_sorted(p, n, v, from, ord);
	/* every value is now in v: out may alias p from here on */
	for (size_t i = 0; i < n; i++)
		if (isnan(p[i]))
			out[i] = NAN;
	if (holm) {
		double run = 0;
		for (size_t j = 0; j < m; j++) {
			double adj = (double)(m - j) * v[ord[j]];
			if (adj > 1)
				adj = 1;
			if (adj < run)
				adj = run;
			run = adj;
			out[from[ord[j]]] = adj;
		}
	} else {
		double run = 1;
		for (size_t j = m; j-- > 0;) {
			double adj = (double)m / (double)(j + 1) * v[ord[j]];
			if (adj > run)
				adj = run;
			run = adj;
			out[from[ord[j]]] = adj;
		}
	}
	free(v);
	return 0;
}

int stats_adjust_holm(const double *p, size_t n, double *out, struct err *e)
{
	return adjust(1, p, n, out, e);
}

int stats_adjust_bh(const double *p, size_t n, double *out, struct err *e)
{
	return adjust(0, p, n, out, e);
}

int stats_adjust_p(enum stats_adjust_method method, const double *p, size_t n,
		   double *out, struct err *e)
{
	int rc;

	switch (method) {
	case STATS_ADJUST_HOLM:
		return stats_adjust_holm(p, n, out, e);
	case STATS_ADJUST_BH:
		return stats_adjust_bh(p, n, out, e);
	case STATS_ADJUST_NONE:
		if ((rc = check_pvalues(p, n, e)) < 0)
			return rc;
		if (out != p && n > 0)
			memmove(out, p, n * sizeof *out);
		return 0;
	}
	return err_set(e, ERR_DATA, "unknown p-value adjustment method %d", (int)method);
}

/* ---- four-fifths rule and flags -------------------------------------- */

int stats_check_below(double x, double limit)
{
	return x < limit * (1 - STATS_RATIO_TOL);
}

int stats_check_above(double x, double limit)
{
	return x > limit * (1 + STATS_RATIO_TOL);
}

double stats_impact_ratio(double rate, double highest)
{
	if (isnan(rate) || !(highest > 0))
		return NAN;
	return rate / highest;
}

int stats_check_four_fifths(double impact_ratio)
{
	return stats_check_below(impact_ratio, STATS_FOUR_FIFTHS);
}

int stats_check_mirror(double rr)
{
	return stats_check_above(rr, STATS_MIRROR_RR);
}

enum stats_flag stats_decide_flag(const struct stats_settings *s, long long n1, long long n2,
				  double rr, double p_adjusted)
{
	struct stats_settings def;

	if (!s) {
		stats_settings_init(&def);
		s = &def;
	}
	if (n1 < s->min_denominator || n2 < s->min_denominator)
		return STATS_FLAG_TOO_FEW;
	if (isnan(rr) || isnan(p_adjusted) || !(p_adjusted < s->alpha))
		return STATS_FLAG_NONE;
	if (stats_check_below(rr, s->band_low) || stats_check_above(rr, s->band_high))
		return STATS_FLAG_RAISED;
	return STATS_FLAG_NONE;
}

/* ---- pay gaps --------------------------------------------------------- */

/* One full-pay person in the ranking for quartile pay bands. */
struct ranked {
	double pay;   /* hourly pay */
	size_t group; /* group index */
};

static int cmp_pay(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;
	return (a->pay > b->pay) - (a->pay < b->pay);
}

/* (A − B) / A × 100; NaN when A is not positive or either is NaN. */
static double gap(double a, double b)
{
	if (!(a > 0) || isnan(b))
		return NAN;
	return (a - b) / a * 100;
}

/* Mean and median of the n values in v (sorted in place); NaN when n = 0. */
static void mean_median(double *v, size_t n, double *mean, double *median)
{
	if (n == 0) {
		*mean = *median = NAN;
		return;
	}
	gsl_sort(v, 1, n);
	*mean = gsl_stats_mean(v, 1, n);
	*median = gsl_stats_median_from_sorted_data(v, 1, n);
}

/* Rank the full-pay people, cut into four bands of size[] and count each
 * group's members per band; a run of equal pay that a band edge divides
 * is shared between the bands in proportion (stats_compute_paygap). */
static void pay_bands(const struct stats_pay_person *people, size_t n_people, size_t n_groups,
		      struct stats_pay_group *groups, size_t size[4])
{
	struct ranked *r = xmalloc((n_people ? n_people : 1) * sizeof *r);
	size_t *count = xcalloc(n_groups, sizeof *count); /* in the run, by group */
	size_t *touched = xmalloc(n_groups * sizeof *touched); /* groups in the run */
	size_t edge[5], i, j, n = 0, n_touched;
	int band;

	for (i = 0; i < n_people; i++)
		if (!people[i].not_full_pay)
			r[n++] = (struct ranked){people[i].hourly, people[i].group};
	qsort(r, n, sizeof *r, cmp_pay);
	for (band = 0; band < 4; band++)
		size[band] = n / 4 + (band >= 4 - (int)(n % 4) ? 1 : 0);
	edge[0] = 0;
	for (band = 0; band < 4; band++)
		edge[band + 1] = edge[band] + size[band];
	assert(edge[4] == n);
	for (i = 0; i < n; i = j) {
		/* the run [i, j) of equal pay, and how many of each group it holds */
		n_touched = 0;
		for (j = i; j < n && r[j].pay == r[i].pay; j++)
			if (count[r[j].group]++ == 0)
				touched[n_touched++] = r[j].group;
		for (band = 0; band < 4; band++) {
			size_t lo = i > edge[band] ? i : edge[band];
			size_t hi = j < edge[band + 1] ? j : edge[band + 1];
			if (hi <= lo)
				continue;
			/* the band holds hi - lo of the run's j - i places: as
			 * much of each group (all of it when the run is inside) */
			for (size_t t = 0; t < n_touched; t++) {
				size_t g = touched[t];
				double c = (double)count[g];
				groups[g].band_n[band] +=
					hi - lo == j - i ? c : (double)(hi - lo) * c / (double)(j - i);
			}
		}
		for (size_t t = 0; t < n_touched; t++)
			count[touched[t]] = 0;
	}
	free(touched);
	free(count);
	free(r);
}

int stats_compute_paygap(const struct stats_pay_person *people, size_t n_people,
			 size_t n_groups, size_t comparator, struct stats_pay_group *groups,
			 size_t band_n[4], struct err *e)
{
	size_t size[4];
	double *v;

	if (n_groups == 0)
		return err_set(e, ERR_DATA, "pay gap: no groups to compare");
	if (comparator >= n_groups)
		return err_set(e, ERR_DATA, "pay gap: comparator group %zu is not one of the %zu groups",
			       comparator, n_groups);
	for (size_t i = 0; i < n_people; i++) {
		const struct stats_pay_person *p = &people[i];
		if (!p->not_full_pay && (!isfinite(p->hourly) || p->hourly < 0))
			return err_set(e, ERR_DATA,
				       "pay gap: record %zu has hourly pay %g; it must be a "
				       "number of 0 or more",
				       i + 1, p->hourly);
		if (!isfinite(p->bonus) || p->bonus < 0)
			return err_set(e, ERR_DATA,
				       "pay gap: record %zu has bonus %g; it must be a number "
				       "of 0 or more (0 when no bonus was paid)",
				       i + 1, p->bonus);
		if (p->group >= n_groups)
			return err_set(e, ERR_DATA,
				       "pay gap: record %zu is in group %zu but there are %zu groups",
				       i + 1, p->group, n_groups);
	}

	memset(groups, 0, n_groups * sizeof *groups);
	v = xmalloc((n_people ? n_people : 1) * sizeof *v);
	for (size_t g = 0; g < n_groups; g++) {
		struct stats_pay_group *G = &groups[g];
		size_t k = 0;
		/* hourly pay: the full-pay relevant employees */
		for (size_t i = 0; i < n_people; i++)
			if (people[i].group == g && !people[i].not_full_pay)
				v[k++] = people[i].hourly;
		G->n = k;
		mean_median(v, k, &G->mean_hourly, &G->median_hourly);
		/* bonuses: every relevant employee */
		k = 0;
		for (size_t i = 0; i < n_people; i++)
			if (people[i].group == g) {
				G->n_relevant++;
				if (people[i].bonus > 0)
					v[k++] = people[i].bonus;
			}
		G->n_bonus = k;
		mean_median(v, k, &G->mean_bonus, &G->median_bonus);
		G->bonus_percent =
			G->n_relevant ? (double)G->n_bonus / (double)G->n_relevant * 100 : NAN;
	}
	free(v);

	for (size_t g = 0; g < n_groups; g++) {
		const struct stats_pay_group *A = &groups[comparator];
		struct stats_pay_group *B = &groups[g];
		B->mean_gap = gap(A->mean_hourly, B->mean_hourly);
		B->median_gap = gap(A->median_hourly, B->median_hourly);
		B->mean_bonus_gap = gap(A->mean_bonus, B->mean_bonus);
		B->median_bonus_gap = gap(A->median_bonus, B->median_bonus);
	}

	pay_bands(people, n_people, n_groups, groups, size);
	for (size_t g = 0; g < n_groups; g++)
		for (int b = 0; b < 4; b++)
			groups[g].band_percent[b] =
				size[b] ? groups[g].band_n[b] / (double)size[b] * 100 : NAN;
	if (band_n)
		memcpy(band_n, size, sizeof size);
	return 0;
}

void stats_paygap_mean_interval(const struct stats_pay_person *people, size_t n_people,
				size_t comparator, size_t group, double confidence, double *lo,
				double *hi)
{
	double n[2] = {0, 0}, mean[2] = {0, 0}, ss[2] = {0, 0}, va, vb, g, se, z;
	size_t i;
	int k;

	*lo = *hi = NAN;
	if (!(confidence > 0 && confidence < 1))
		return;
	/* Welford's running mean and sum of squares, for each of the two */
	for (i = 0; i < n_people; i++) {
		const struct stats_pay_person *p = &people[i];
		double d;
		if (p->not_full_pay || (p->group != comparator && p->group != group))
			continue;
		k = p->group == comparator ? 0 : 1;
		n[k] += 1;
		d = p->hourly - mean[k];
		mean[k] += d / n[k];
		ss[k] += d * (p->hourly - mean[k]);
	}
	if (n[0] < 2 || n[1] < 2 || !(mean[0] > 0))
		return;
	va = ss[0] / (n[0] - 1);
	vb = ss[1] / (n[1] - 1);
	g = (mean[0] - mean[1]) / mean[0] * 100;
	se = 100 / mean[0] * sqrt(vb / n[1] + (mean[1] / mean[0]) * (mean[1] / mean[0]) * va / n[0]);
	z = gsl_cdf_ugaussian_Pinv(0.5 + confidence / 2);
	*lo = g - z * se;
	*hi = g + z * se;
}

/* ---- names ------------------------------------------------------------ */

const char *stats_adjust_name(enum stats_adjust_method m)
{
	switch (m) {
	case STATS_ADJUST_HOLM:
		return "holm";
	case STATS_ADJUST_BH:
		return "bh";
	case STATS_ADJUST_NONE:
		return "none";
	}
	return "unknown";
}

const char *stats_test_name(enum stats_test t)
{
	switch (t) {
	case STATS_TEST_NONE:
		return "none";
	case STATS_TEST_FISHER:
		return "fisher";
	case STATS_TEST_Z:
		return "z";
	}
	return "unknown";
}

const char *stats_flag_name(enum stats_flag f)
{
	switch (f) {
	case STATS_FLAG_NONE:
		return "none";
	case STATS_FLAG_RAISED:
		return "raised";
	case STATS_FLAG_TOO_FEW:
		return "too_few";
	}
	return "unknown";
}

const char *stats_rr_method_name(enum stats_rr_method m)
{
	switch (m) {
	case STATS_RR_KATZ:
		return "katz";
	case STATS_RR_SCORE:
		return "score";
	case STATS_RR_NONE:
		break;
	}
	return NULL;
}
