/*
 * test_objective_status: the status rules of an objective's measure
 * (src/plan/objective_status.c, docs/objectives.md), each at its boundary.
 * The expected projections are worked out by hand here: two values lie on
 * their own line exactly, and with equal intervals the projection's
 * standard error is s * sqrt(1/2 + (d / 182.5)^2 / 2) for a deadline d days
 * after the middle of two values a year apart.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "plan/objective.h"

#define Z 1.959963984540054

static const long T0 = 18000; /* a day in 2019 */

static struct date day(long offset)
{
	return date_from_days(T0 + offset);
}

/* A value v measured offset days after T0 with standard error s (0: no
 * interval). */
static struct objective_point pt(long offset, double v, double s)
{
	struct objective_point p;
	p.t = (double)(T0 + offset);
	p.value = v;
	p.low = s > 0 ? v - Z * s : NAN;
	p.high = s > 0 ? v + Z * s : NAN;
	return p;
}

Test(objective_status, no_values_is_no_data)
{
	struct objective_point v[2] = {pt(0, NAN, 1), pt(365, NAN, 1)};
	struct objective_projection pr;
	cr_expect_eq(objective_status_of(v, 0, 10, 1, day(730), day(400), &pr), OBJ_NO_DATA);
	cr_expect_eq(objective_status_of(v, 2, 10, 1, day(730), day(400), &pr), OBJ_NO_DATA);
	cr_expect_eq(pr.n_used, 0);
	cr_expect_str_eq(objective_status_name(OBJ_NO_DATA), "no-data");
}

Test(objective_status, met_at_the_target_exactly)
{
	struct objective_point v[2] = {pt(0, 8, 1), pt(365, 12, 1)};
	cr_expect_eq(objective_status_of(v, 2, 12, 1, day(730), day(400), NULL), OBJ_MET);
	cr_expect_neq(objective_status_of(v, 2, nextafter(12, 13), 1, day(730), day(400), NULL),
		      OBJ_MET);
	/* at most: the same value meets a target of 12, not one just below */
	cr_expect_eq(objective_status_of(v, 2, 12, 0, day(730), day(400), NULL), OBJ_MET);
	cr_expect_neq(objective_status_of(v, 2, nextafter(12, 11), 0, day(730), day(400), NULL),
		      OBJ_MET);
	cr_expect_str_eq(objective_status_name(OBJ_MET), "met");
}

Test(objective_status, met_counts_the_latest_value_only)
{
	/* the earlier value met it; the latest does not */
	struct objective_point v[2] = {pt(0, 13, 1), pt(365, 9, 1)};
	cr_expect_neq(objective_status_of(v, 2, 12, 1, day(730), day(400), NULL), OBJ_MET);
	/* a missing latest value: the latest there is counts */
	struct objective_point w[3] = {pt(0, 9, 1), pt(365, 13, 1), pt(730, NAN, 1)};
	cr_expect_eq(objective_status_of(w, 3, 12, 1, day(1000), day(800), NULL), OBJ_MET);
}

Test(objective_status, on_track_when_the_trend_reaches_the_target)
{
	/* 10 then 11 a year later: the line reaches 12 a year after that */
	struct objective_point v[2] = {pt(0, 10, 1), pt(365, 11, 1)};
	struct objective_projection pr;
	enum objective_status s = objective_status_of(v, 2, 12, 1, day(730), day(400), &pr);
	cr_expect_float_eq(pr.value, 12, 1e-9);
	cr_expect_float_eq(pr.slope, 1 * 365.25 / 365, 1e-9);
	cr_expect_eq(pr.n_used, 2);
	/* the projection equals the target: on track (12 is "at least 12") */
	cr_expect_eq(s, OBJ_ON_TRACK, "got %s", objective_status_name(s));
	cr_expect_str_eq(objective_status_name(s), "on-track");
}

Test(objective_status, at_risk_and_off_track_at_the_interval_edge)
{
	struct objective_point v[2] = {pt(0, 10, 1), pt(365, 11, 1)};
	struct objective_projection pr;
	/* deadline 730 days after T0: 547.5 days after the middle (182.5) */
	double se = sqrt(0.5 + pow(547.5 / 182.5, 2) / 2), high = 12 + Z * se;
	objective_status_of(v, 2, 20, 1, day(730), day(400), &pr);
	cr_expect_float_eq(pr.high, high, 1e-9);
	cr_expect_float_eq(pr.low, 12 - Z * se, 1e-9);
	cr_expect_eq(objective_status_of(v, 2, 12.001, 1, day(730), day(400), NULL),
		     OBJ_AT_RISK);
	cr_expect_eq(objective_status_of(v, 2, high - 1e-9, 1, day(730), day(400), NULL),
		     OBJ_AT_RISK);
	cr_expect_eq(objective_status_of(v, 2, high + 1e-9, 1, day(730), day(400), NULL),
		     OBJ_OFF_TRACK);
	cr_expect_str_eq(objective_status_name(OBJ_AT_RISK), "at-risk");
	cr_expect_str_eq(objective_status_name(OBJ_OFF_TRACK), "off-track");
}

Test(objective_status, at_most_mirrors_at_least)
{
	/* falling: 20 then 18, reaching 16 at the deadline */
	struct objective_point v[2] = {pt(0, 20, 1), pt(365, 18, 1)};
	double se = sqrt(0.5 + pow(547.5 / 182.5, 2) / 2), low = 16 - Z * se;
	cr_expect_eq(objective_status_of(v, 2, 16, 0, day(730), day(400), NULL), OBJ_ON_TRACK);
	cr_expect_eq(objective_status_of(v, 2, 15.999, 0, day(730), day(400), NULL),
		     OBJ_AT_RISK);
	cr_expect_eq(objective_status_of(v, 2, low + 1e-9, 0, day(730), day(400), NULL),
		     OBJ_AT_RISK);
	cr_expect_eq(objective_status_of(v, 2, low - 1e-9, 0, day(730), day(400), NULL),
		     OBJ_OFF_TRACK);
}

Test(objective_status, past_the_deadline_unmet_is_off_track)
{
	struct objective_point v[2] = {pt(0, 10, 1), pt(365, 11, 1)};
	struct objective_projection pr;
	/* the trend would reach it, but the deadline has passed */
	cr_expect_eq(objective_status_of(v, 2, 11.05, 1, day(400), day(401), &pr),
		     OBJ_OFF_TRACK);
	cr_expect_eq(pr.past_deadline, 1);
	/* on the deadline day itself it has not passed */
	cr_expect_eq(objective_status_of(v, 2, 11.05, 1, day(400), day(400), &pr), OBJ_ON_TRACK);
	cr_expect_eq(pr.past_deadline, 0);
	/* met is met, deadline or not */
	cr_expect_eq(objective_status_of(v, 2, 11, 1, day(400), day(900), NULL), OBJ_MET);
}

Test(objective_status, one_value_is_a_flat_line)
{
	struct objective_point v[1] = {pt(0, 10, 1)};
	struct objective_projection pr;
	cr_expect_eq(objective_status_of(v, 1, 10 + Z - 1e-9, 1, day(730), day(100), &pr),
		     OBJ_AT_RISK);
	cr_expect_float_eq(pr.value, 10, 1e-12);
	cr_expect_float_eq(pr.high, 10 + Z, 1e-9);
	cr_expect(isnan(pr.slope));
	cr_expect_eq(objective_status_of(v, 1, 10 + Z + 1e-9, 1, day(730), day(100), NULL),
		     OBJ_OFF_TRACK);
	/* without an interval: anything it misses is off track */
	struct objective_point w[1] = {pt(0, 10, 0)};
	cr_expect_eq(objective_status_of(w, 1, 10.01, 1, day(730), day(100), NULL),
		     OBJ_OFF_TRACK);
}

Test(objective_status, precise_values_weigh_more)
{
	/* a precise 10 and an imprecise 14 a year later: the line stays near
	 * 10 rather than running through the middle */
	struct objective_point v[3] = {pt(0, 10, 0.1), pt(365, 10, 0.1), pt(730, 14, 10)};
	struct objective_projection pr;
	objective_status_of(v, 3, 20, 1, day(1095), day(800), &pr);
	cr_expect_lt(pr.value, 10.5, "projection %g", pr.value);
}

Test(objective_status, scatter_beyond_the_intervals_widens_the_trend)
{
	/* values that jump about far more than their intervals say */
	struct objective_point calm[4] = {pt(0, 10, 1), pt(365, 10.5, 1), pt(730, 11, 1),
					  pt(1095, 11.5, 1)};
	struct objective_point wild[4] = {pt(0, 10, 1), pt(365, 16, 1), pt(730, 5, 1),
					  pt(1095, 11.5, 1)};
	struct objective_projection a, b;
	objective_status_of(calm, 4, 30, 1, day(1460), day(1100), &a);
	objective_status_of(wild, 4, 30, 1, day(1460), day(1100), &b);
	cr_expect_gt(b.high - b.low, 2 * (a.high - a.low), "calm %g, wild %g", a.high - a.low,
		     b.high - b.low);
}

Test(objective_status, without_intervals_the_scatter_alone)
{
	/* a median pay gap: no intervals; three values on a line have no
	 * scatter, so the projection is exact */
	struct objective_point v[3] = {pt(0, 9, 0), pt(365, 8, 0), pt(730, 7, 0)};
	struct objective_projection pr;
	enum objective_status s = objective_status_of(v, 3, 6, 0, day(1095), day(800), &pr);
	cr_expect_float_eq(pr.value, 6, 1e-9);
	cr_expect_float_eq(pr.high, 6, 1e-9);
	cr_expect_eq(s, OBJ_ON_TRACK);
	cr_expect_eq(objective_status_of(v, 3, 5.99, 0, day(1095), day(800), NULL),
		     OBJ_OFF_TRACK);
}

Test(objective_status, words_for_pages)
{
	cr_expect_str_eq(objective_status_words(OBJ_ON_TRACK), "On track");
	cr_expect_str_eq(objective_status_words(OBJ_NO_DATA), "No data yet");
}
