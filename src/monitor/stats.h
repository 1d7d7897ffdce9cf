/*
 * stats: the statistics of the Diversity Report.
 *
 * Everything a report needs to say whether one group is treated
 * differently from another: rates, relative rates (RR) with confidence
 * intervals (Katz, or the Miettinen–Nurminen score interval with zero or
 * small cells), Fisher's exact test and the two-proportion z test
 * (and the rule that chooses between them), Holm and Benjamini-Hochberg
 * adjustment of the p-values of one report, the four-fifths rule and its
 * mirror for unfavourable outcomes, the flag rule with its "too few"
 * guard, and the UK pay gap figures (mean and median hourly pay gap, bonus
 * gaps, proportion paid a bonus, quartile pay bands).
 *
 * Pure functions: no I/O, no globals, nothing returned that the caller
 * must free. Three functions use a temporary work array that they
 * allocate and free before returning (the two p-value adjustments and the
 * pay gap); each says so. Out of memory aborts, as everywhere in parity.
 * Functions that can fail return 0 or a negative ERR_* code and fill the
 * caller's struct err (which may be NULL).
 *
 * GSL provides the normal distribution, sorting, means and medians.
 * GSL's default error handler aborts the process; the program calls
 * stats_init() once at start to turn it off, and every function here
 * checks its arguments so that GSL is never asked anything it would
 * reject. Fisher's test computes hypergeometric probabilities itself, in
 * double precision with Loader's saddle-point form, because GSL's
 * gsl_ran_hypergeometric_pdf goes through differences of log-factorials
 * that lose about eight significant digits at margins of 10^7.
 *
 * The methods and their defaults are described for managers in
 * docs/methods.md; every default lives in struct stats_settings.
 */
#ifndef PARITY_STATS_H
#define PARITY_STATS_H

#include <stddef.h>

#include "core/err.h"

/* Default significance level for the flag rule. */
#define STATS_ALPHA 0.05
/* Default confidence level of relative rate intervals. */
#define STATS_CONFIDENCE 0.95
/* Four-fifths rule: an impact ratio strictly below this is adverse. Also
 * the default lower edge of the flag band. */
#define STATS_FOUR_FIFTHS 0.8
/* Mirror for unfavourable outcomes: an RR strictly above this is adverse.
 * Also the default upper edge of the flag band. */
#define STATS_MIRROR_RR 1.25
/* Default minimum denominator: a group with fewer people is "too few". */
#define STATS_MIN_DENOMINATOR 30
/* Fisher's exact test is used when any expected count is below this. */
#define STATS_MIN_EXPECTED 5
/* Fisher's test counts a table as "as or less likely" than the observed
 * one when its probability is at most observed × (1 + this), as R does. */
#define STATS_FISHER_REL_TOL 1e-7
/* Ratios within this relative distance of a limit (0.8, 1.25, a band
 * edge) count as at the limit, so that rounding in computing rates from
 * counts (about 1e-16) cannot turn 1/3 against 5/12, which is exactly
 * 0.8, into an adverse 0.7999999999999999. */
#define STATS_RATIO_TOL 1e-12
/* Largest count any function accepts (products of two counts must fit in
 * 64 bits). */
#define STATS_MAX_COUNT 1000000000LL

/* How the p-values of one report are adjusted for multiple comparisons. */
enum stats_adjust_method {
	STATS_ADJUST_HOLM = 0, /* Holm step-down (default): family-wise */
	STATS_ADJUST_BH,       /* Benjamini-Hochberg step-up: false discovery rate */
	STATS_ADJUST_NONE,     /* p-values used as they are */
};

/* Which significance test produced a p-value. */
enum stats_test {
	STATS_TEST_NONE = 0, /* no test was run */
	STATS_TEST_FISHER,   /* Fisher's exact test, two-sided */
	STATS_TEST_Z,	     /* two-proportion z test, pooled, two-sided */
};

/* What the flag rule decided for one comparison. */
enum stats_flag {
	STATS_FLAG_NONE = 0, /* enough people, not flagged */
	STATS_FLAG_RAISED,   /* flagged: must be explained or acted on */
	STATS_FLAG_TOO_FEW,  /* a denominator below the minimum: never flagged */
};

/* The settings of one report's statistics; stats_settings_init() gives
 * the defaults. Each is named in the report's method notes. */
struct stats_settings {
	double alpha;	       /* flag when adjusted p < alpha; default 0.05 */
	double band_low;       /* flag only when RR < band_low ... (0.8) */
	double band_high;      /* ... or RR > band_high (1.25) */
	long long min_denominator; /* both groups need at least this many
				      people to be flagged (30) */
	double confidence;     /* confidence level of RR intervals (0.95) */
	enum stats_adjust_method adjust; /* p-value adjustment (Holm) */
};

/* One comparison as a 2×2 table: `a` of the `n1` people in the group of
 * interest had the outcome, and `c` of the `n2` people in the reference
 * group. Requires 0 <= a <= n1 and 0 <= c <= n2, all <= STATS_MAX_COUNT. */
struct stats_table {
	long long a;  /* group of interest: people with the outcome */
	long long n1; /* group of interest: people (denominator) */
	long long c;  /* reference group: people with the outcome */
	long long n2; /* reference group: people (denominator) */
};

/* Which interval a relative rate has. */
enum stats_rr_method {
	STATS_RR_NONE = 0, /* no interval: the relative rate is not defined */
	STATS_RR_KATZ,	   /* Katz's log method */
	STATS_RR_SCORE,	   /* Miettinen–Nurminen score interval */
};

/* Katz's interval is used only when every cell of the 2×2 table (a,
 * n1 − a, c, n2 − c) is at least this; otherwise the score interval. */
#define STATS_KATZ_MIN_CELL 5

/* A relative rate with its confidence interval. */
struct stats_rr {
	double rr;	  /* observed (a/n1) / (c/n2): 0 when a = 0, NaN (not
			     defined) when c = 0; never corrected */
	double lo;	  /* lower confidence limit (0 when a = 0); NaN with rr */
	double hi;	  /* upper confidence limit; INFINITY when the data
			     cannot bound it; NaN with rr */
	double se_log;	  /* standard error of ln RR (Katz only, else NaN) */
	enum stats_rr_method method; /* which interval */
};

/* The result of stats_compare(). */
struct stats_comparison {
	double rate1;		/* a / n1 */
	double rate2;		/* c / n2 */
	struct stats_rr rr;	/* relative rate and interval (stats_rr) */
	enum stats_test test;	/* the test that gave p */
	double min_expected;	/* smallest expected count of the table */
	double z;		/* z statistic for the z test, else NaN */
	double p;		/* two-sided p-value, unadjusted */
};

/* One person in a pay gap calculation: a relevant employee (regulation
 * 1), and a full-pay relevant employee unless not_full_pay says not. */
struct stats_pay_person {
	double hourly;	  /* ordinary hourly pay; finite, >= 0 (ignored, and
			     may be NaN, when not_full_pay) */
	double bonus;	  /* bonus pay in the 12-month period; finite, >= 0;
			     0 means not paid a bonus */
	size_t group;	  /* index of the person's group, < n_groups */
	int not_full_pay; /* 1: in the bonus figures only, not the hourly pay
			     figures and quartiles (no hourly pay known, or on
			     reduced pay because of leave); 0: in all */
};

/* The pay gap figures of one group. Percentages run 0..100. A figure that
 * cannot be computed (an empty group, a comparator with no bonuses or a
 * zero mean) is NaN. Gaps are (A − B) / A × 100, A being the comparator's
 * figure and B this group's: positive when this group is paid less. The
 * comparator's own gaps are 0. */
struct stats_pay_group {
	size_t n;		  /* full-pay people in the group (the hourly
				     figures and quartiles) */
	size_t n_relevant;	  /* everyone in the group (the bonus figures) */
	size_t n_bonus;		  /* people paid a bonus (bonus > 0) */
	double mean_hourly;	  /* mean hourly pay */
	double median_hourly;	  /* median hourly pay */
	double mean_bonus;	  /* mean bonus among those paid one */
	double median_bonus;	  /* median bonus among those paid one */
	double mean_gap;	  /* mean hourly pay gap, % */
	double median_gap;	  /* median hourly pay gap, % */
	double mean_bonus_gap;	  /* mean bonus gap, % */
	double median_bonus_gap;  /* median bonus gap, % */
	double bonus_percent;	  /* n_bonus / n_relevant × 100 */
	double band_n[4];	  /* people of this group in the lower, lower
				     middle, upper middle and upper quartile
				     pay bands; a share of a person when people
				     on equal pay straddle a band edge */
	double band_percent[4];	  /* band_n[k] / people in band k × 100 */
};

/* Turn off GSL's abort-on-error handler (gsl_set_error_handler_off(),
 * which is process-wide). main() calls this once before anything else;
 * the functions below never rely on it. */
void stats_init(void);

/* Fill *s with the defaults: alpha 0.05, band 0.8..1.25, minimum
 * denominator 30, confidence 0.95, Holm adjustment. */
void stats_settings_init(struct stats_settings *s /* OUT */);

/* num / den; NaN when den == 0 or either argument is NaN. No checks on
 * sign: counts are the caller's business. */
double stats_rate(double num, double den);

/* Relative rate of the group of interest against the reference with a
 * `confidence` (0 < confidence < 1, e.g. 0.95) interval, the estimate
 * always the observed ratio of rates (never corrected, so the direction
 * of a finding is the data's):
 *   c = 0                   rr, lo, hi NaN, method NONE (not defined);
 *   every cell >= 5         Katz (stats_rr_katz);
 *   otherwise (a zero cell,
 *   or any cell below 5)    the score interval (stats_rr_score).
 * The cells are a, n1 − a, c and n2 − c. The interval always holds rr.
 * Fails (ERR_DATA) when n1 or n2 is 0, counts are out of range, or the
 * confidence is not in (0, 1). Never allocates. */
int stats_rr(const struct stats_table *t, double confidence, struct stats_rr *out /* OUT */,
	     struct err *e);

/* Katz's log method:
 *   RR = (a/n1) / (c/n2)
 *   SE = sqrt(1/a − 1/n1 + 1/c − 1/n2)      (standard error of ln RR)
 *   z  = gsl_cdf_ugaussian_Pinv((1 + confidence) / 2)   (1.959964 at 95%)
 *   lo, hi = exp(ln RR ∓ z·SE)
 * Fails (ERR_DATA) when any cell is 0 (the method has no answer then), n1
 * or n2 is 0, counts are out of range, or the confidence is not in
 * (0, 1). Never allocates. */
int stats_rr_katz(const struct stats_table *t, double confidence,
		  struct stats_rr *out /* OUT */, struct err *e);

/* The Miettinen–Nurminen score interval (Koopman's with their small-sample
 * variance factor N/(N − 1)), as statsmodels'
 * confint_proportions_2indep(compare="ratio", method="score") gives it:
 * every ratio r whose score statistic
 *   S(r) = (a/n1 − r c/n2) / sqrt([p̃1(1 − p̃1)/n1 + r² p̃2(1 − p̃2)/n2] N/(N − 1))
 * lies within ±z, where p̃2 is the smaller root of
 *   N r p² − (n1 r + a + n2 + c r) p + (a + c) = 0   and p̃1 = r p̃2
 * (the rates that fit the data best when p1 = r p2). S falls as r rises;
 * each limit is found by bisection on ln r. a = 0 gives lo = 0; a limit
 * beyond 1e12 is INFINITY. Valid with zero and full cells. Fails
 * (ERR_DATA) when c = 0 (no ratio is defined), n1 or n2 is 0, counts are
 * out of range, or the confidence is not in (0, 1). Never allocates. */
int stats_rr_score(const struct stats_table *t, double confidence,
		   struct stats_rr *out /* OUT */, struct err *e);

/* Fisher's exact test, two-sided. With the margins of the table fixed
 * (rows n1, n2; K = a + c people with the outcome; N = n1 + n2), the
 * number x in the top-left cell is hypergeometric:
 *   P(x) = C(n1, x) C(n2, K − x) / C(N, K),  max(0, K − n2) <= x <= min(n1, K).
 * p = the sum of P(x) over every x with P(x) <= P(a) × (1 + 1e-7), capped
 * at 1 (R's fisher.test convention). When a margin is zero there is one
 * possible table and p = 1.
 * How: P is unimodal with mode m = floor((n1 + 1)(K + 1) / (N + 2)); if
 * P(m) itself is within the tolerance p = 1; otherwise the qualifying x
 * form a left tail [lo, xl] and a right tail [xr, hi], each edge found by
 * binary search. Each tail is summed outward from its edge with the ratio
 * P(x ± 1) / P(x) until the rest is provably below 1e-18 of the sum (the
 * distribution is log-concave, so the rest is bounded by a geometric
 * series). Single probabilities use Loader's saddle-point form (Stirling
 * remainders and the deviance term bd0), accurate to about 1e-14 relative
 * at any margin. Cost: O(log N + the width of the tails that matter),
 * at most O(min margin). Fails (ERR_DATA) on counts out of range. Never
 * allocates. */
int stats_test_fisher(const struct stats_table *t, double *p /* OUT */,
		      struct err *e);

/* Two-proportion z test, two-sided, pooled variance, no continuity
 * correction (the same p as Pearson's chi-square test without Yates's
 * correction on the 2×2 table):
 *   p1 = a/n1, p2 = c/n2, P = (a + c) / (n1 + n2)
 *   z = (p1 − p2) / sqrt(P (1 − P) (1/n1 + 1/n2))
 *   p = 2 × (1 − Φ(|z|))   (computed as 2·gsl_cdf_ugaussian_Q(|z|))
 * When P is 0 or 1 both rates are equal and z = 0, p = 1. z may be NULL.
 * Fails (ERR_DATA) when n1 or n2 is 0 or counts are out of range. Never
 * allocates. */
int stats_test_z(const struct stats_table *t, double *z /* OUT */,
		 double *p /* OUT */, struct err *e);

/* Compare the group of interest with the reference: rates, RR with its
 * interval at s->confidence, and a two-sided p-value. The test is chosen
 * from the four expected counts (row total × column total / N): Fisher's
 * exact test when any is below 5 — decided exactly in integers, so an
 * expected count of exactly 5 uses the z test — otherwise the z test.
 * out->test says which; out->z is NaN for Fisher. s may be NULL for the
 * defaults. Fails (ERR_DATA) when n1 or n2 is 0 or counts are out of
 * range. Never allocates. */
int stats_compare(const struct stats_settings *s, const struct stats_table *t,
		  struct stats_comparison *out /* OUT */, struct err *e);

/* Holm's step-down adjustment of the n p-values of one report. NaN
 * entries are skipped (and stay NaN in out); the m others are sorted
 * ascending p(1) <= ... <= p(m) and
 *   adj(i) = min(1, max over j <= i of (m − j + 1) p(j)),
 * written to out in the original order. Tied p-values get the same
 * adjusted value. out may be the same array as p. Fails (ERR_DATA) when a
 * value is neither NaN nor in [0, 1]; out is then untouched. Allocates a
 * temporary work array of n entries and frees it before returning. */
int stats_adjust_holm(const double *p, size_t n, double *out /* OUT */,
		      struct err *e);

/* Benjamini-Hochberg step-up adjustment (false discovery rate), same
 * conventions as stats_adjust_holm:
 *   adj(i) = min(1, min over j >= i of m p(j) / j). */
int stats_adjust_bh(const double *p, size_t n, double *out /* OUT */,
		    struct err *e);

/* Adjust by `method`: Holm, BH, or NONE (a copy, still validated). */
int stats_adjust_p(enum stats_adjust_method method, const double *p, size_t n,
		   double *out /* OUT */, struct err *e);

/* Impact ratio of the four-fifths rule: rate / highest, where highest is
 * the highest rate of any group compared (for an unfavourable outcome the
 * mirror, lowest / rate, is stats_impact_ratio(lowest, rate)). NaN when
 * the divisor is not > 0 or either is NaN. */
double stats_impact_ratio(double rate, double highest);

/* 1 when x is strictly below `limit`, else 0: x < limit × (1 − 1e-12)
 * (STATS_RATIO_TOL), so a ratio equal to the limit up to rounding is not
 * below it. NaN gives 0. For settings that move the four-fifths limit. */
int stats_check_below(double x, double limit);

/* 1 when x is strictly above `limit`: x > limit × (1 + 1e-12). NaN gives 0. */
int stats_check_above(double x, double limit);

/* Four-fifths rule for favourable outcomes (appointment, promotion): 1
 * when the impact ratio is strictly below 0.8 (adverse impact), else 0.
 * A ratio within STATS_RATIO_TOL of 0.8 is 0.8: not adverse. NaN gives 0. */
int stats_check_four_fifths(double impact_ratio);

/* Its mirror for unfavourable outcomes (breach, disciplinary): 1 when the
 * relative rate is strictly above 1.25, else 0; within STATS_RATIO_TOL of
 * 1.25 counts as 1.25. NaN gives 0. */
int stats_check_mirror(double rr);

/* The flag rule for one comparison:
 *   TOO_FEW when n1 or n2 < s->min_denominator (never flagged);
 *   RAISED  when p_adjusted < s->alpha and rr is outside
 *           [s->band_low, s->band_high] (band edges within
 *           STATS_RATIO_TOL count as inside);
 *   NONE    otherwise, including when rr or p_adjusted is NaN.
 * s may be NULL for the defaults. */
enum stats_flag stats_decide_flag(const struct stats_settings *s, long long n1,
				  long long n2, double rr, double p_adjusted);

/* UK pay gap figures (the conventions of the Equality Act 2010 (Gender
 * Pay Gap Information) Regulations 2017, applied to any grouping: sex,
 * ethnicity). `people` holds n_people records, each in one of n_groups
 * groups; `comparator` is group A of every gap (men; White). The
 * regulations measure bonuses over every relevant employee and hourly pay
 * over the full-pay relevant employees only: here the people with
 * not_full_pay 0. Per group, into groups[0 .. n_groups − 1]:
 *  - mean and median hourly pay of its full-pay people; mean and median
 *    bonus of everyone in it paid one (a median of an even count is the
 *    mean of the two middle values);
 *  - the four gaps (A − B) / A × 100 against the comparator;
 *  - the percentage of everyone in it paid a bonus (bonus > 0);
 *  - quartile pay bands (regulation 13): the full-pay people are ranked by
 *    hourly pay and cut into four bands, lower first. With n = 4q + r
 *    people each band holds q and the r left over go one each to the
 *    upper, then upper middle, then lower middle band (n = 7 gives 1, 2,
 *    2, 2). People on the same hourly pay whom a band edge divides
 *    (regulation 13(2): each band must hold the groups of that pay in the
 *    same proportion, so far as possible) are shared exactly: a band that
 *    holds k of a run of m people on equal pay counts k × (the group's
 *    people in the run) / m of each group, a share of a person when that
 *    is not whole. So band_n may be fractional, its percentages do not
 *    depend on the order of the input, and each band's mix of the run is
 *    exactly the run's (docs/methods.md, "Pay quarters").
 * band_n (may be NULL) receives the number of people in each band.
 * Fails (ERR_DATA) when n_groups is 0, comparator >= n_groups, or a record
 * has a group out of range, a negative or non-finite bonus, or (full-pay
 * people) a negative or non-finite hourly pay. Allocates temporary work
 * arrays (a few words per person) and frees them before returning. */
int stats_compute_paygap(const struct stats_pay_person *people, size_t n_people,
			 size_t n_groups, size_t comparator,
			 struct stats_pay_group *groups /* OUT: n_groups */,
			 size_t band_n[4] /* OUT, may be NULL */, struct err *e);

/* A `confidence` interval (0 < confidence < 1) for the mean hourly pay
 * gap of group g against comparator a, G = (A − B) / A × 100 with A and B
 * the groups' mean hourly pay over their full-pay people (not_full_pay 0),
 * by the normal approximation with the delta method (an objective's
 * measure: docs/objectives.md):
 *   SE(G) = 100 / A × sqrt(sB² / nB + (B / A)² × sA² / nA)
 *   lo, hi = G ∓ z × SE(G),  z = Φ⁻¹((1 + confidence) / 2)
 * where sA, sB are the sample standard deviations (n − 1) and nA, nB the
 * full-pay people. NaN, NaN when either group has fewer than 2 of them or
 * A is not above 0. Records of other groups are ignored; the same
 * records as stats_compute_paygap (checked by it). Never allocates. */
void stats_paygap_mean_interval(const struct stats_pay_person *people, size_t n_people,
				size_t comparator, size_t group, double confidence,
				double *lo /* OUT */, double *hi /* OUT */);

/* Stable lower-case names for notes, JSON and the database: "holm", "bh",
 * "none"; "none", "fisher", "z"; "none", "raised", "too_few". Static
 * strings, never NULL; an out-of-range value gives "unknown". */
const char *stats_adjust_name(enum stats_adjust_method m);
const char *stats_test_name(enum stats_test t);
const char *stats_flag_name(enum stats_flag f);
/* "katz", "score" (NONE: NULL, as there is no interval). */
const char *stats_rr_method_name(enum stats_rr_method m);

#endif
