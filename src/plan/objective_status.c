/*
 * plan/objective_status.c: whether a measure is meeting its target — met,
 * on track, at risk, off track or no data — from its values over time.
 * docs/objectives.md says every rule in plain English; this file is those
 * rules and nothing else (no database, no allocation).
 *
 * The trend is a straight line through the values, each weighted by how
 * precise it is (1 / its variance, read from its 95% interval), so that a
 * period with few people moves the line less than one with many. The
 * line's own uncertainty comes from those variances, widened when the
 * values scatter about the line more than their intervals explain (real
 * change from period to period, not only sampling). Without intervals
 * (a median pay gap) the line is ordinary least squares and its
 * uncertainty the scatter alone.
 */
#include <math.h>
#include <stddef.h>

#include "plan/objective.h"

#define Z95 1.959963984540054 /* the normal quantile of a 95% interval */

const char *objective_status_name(enum objective_status s)
{
	switch (s) {
	case OBJ_MET:
		return "met";
	case OBJ_ON_TRACK:
		return "on-track";
	case OBJ_AT_RISK:
		return "at-risk";
	case OBJ_OFF_TRACK:
		return "off-track";
	case OBJ_NO_DATA:
		break;
	}
	return "no-data";
}

const char *objective_status_words(enum objective_status s)
{
	switch (s) {
	case OBJ_MET:
		return "Met";
	case OBJ_ON_TRACK:
		return "On track";
	case OBJ_AT_RISK:
		return "At risk";
	case OBJ_OFF_TRACK:
		return "Off track";
	case OBJ_NO_DATA:
		break;
	}
	return "No data yet";
}

static int meets(double v, double target, int at_least)
{
	return at_least ? v >= target : v <= target;
}

/* The standard error a 95% interval implies, or NaN without one. */
static double se_of(const struct objective_point *p)
{
	double w;
	if (!isfinite(p->low) || !isfinite(p->high))
		return NAN;
	w = (p->high - p->low) / (2 * Z95);
	return w > 0 ? w : NAN;
}

enum objective_status objective_status_of(const struct objective_point *v, size_t n,
					  double target, int at_least, struct date by,
					  struct date today,
					  struct objective_projection *out)
{
	struct objective_projection pr = {0, NAN, NAN, NAN, NAN, 0};
	double sw = 0, swt = 0, swy = 0, tbar, ybar, sxx = 0, sxy = 0, b = 0, a, var_a, var_b;
	double t_by = (double)date_to_days(by), rss = 0, se_pred;
	size_t i, last = 0;
	int weighted = 1;

	for (i = 0; i < n; i++)
		if (isfinite(v[i].value)) {
			pr.n_used++;
			last = i;
			if (isnan(se_of(&v[i])))
				weighted = 0;
		}
	pr.past_deadline = date_cmp(today, by) > 0;
	if (out)
		*out = pr;
	if (pr.n_used == 0)
		return OBJ_NO_DATA;
	if (meets(v[last].value, target, at_least))
		return OBJ_MET;
	/* One value: a flat line at it, as uncertain as the value itself. */
	if (pr.n_used == 1) {
		pr.value = v[last].value;
		pr.low = isfinite(v[last].low) ? v[last].low : pr.value;
		pr.high = isfinite(v[last].high) ? v[last].high : pr.value;
	} else {
		/* weighted means of time and value, then the centred sums */
		for (i = 0; i < n; i++) {
			double w, se;
			if (!isfinite(v[i].value))
				continue;
			se = se_of(&v[i]);
			w = weighted ? 1 / (se * se) : 1;
			sw += w;
			swt += w * v[i].t;
			swy += w * v[i].value;
		}
		tbar = swt / sw;
		ybar = swy / sw;
		for (i = 0; i < n; i++) {
			double w, se, dt;
			if (!isfinite(v[i].value))
				continue;
			se = se_of(&v[i]);
			w = weighted ? 1 / (se * se) : 1;
			dt = v[i].t - tbar;
			sxx += w * dt * dt;
			sxy += w * dt * (v[i].value - ybar);
		}
		b = sxx > 0 ? sxy / sxx : 0; /* values all of one day: flat */
		a = ybar;
		for (i = 0; i < n; i++) {
			double w, se, r;
			if (!isfinite(v[i].value))
				continue;
			se = se_of(&v[i]);
			w = weighted ? 1 / (se * se) : 1;
			r = v[i].value - (a + b * (v[i].t - tbar));
			rss += w * r * r;
		}
		if (weighted) {
			/* known variances, widened by the scatter beyond them */
			double phi = 1;
			if (pr.n_used > 2 && rss / (double)(pr.n_used - 2) > 1)
				phi = rss / (double)(pr.n_used - 2);
			var_a = phi / sw;
			var_b = sxx > 0 ? phi / sxx : 0;
		} else if (pr.n_used > 2) {
			double s2 = rss / (double)(pr.n_used - 2);
			var_a = s2 / sw;
			var_b = sxx > 0 ? s2 / sxx : 0;
		} else {
			var_a = var_b = 0; /* two values without intervals: no spread known */
		}
		pr.slope = b * 365.25;
		pr.value = a + b * (t_by - tbar);
		se_pred = sqrt(var_a + (t_by - tbar) * (t_by - tbar) * var_b);
		pr.low = pr.value - Z95 * se_pred;
		pr.high = pr.value + Z95 * se_pred;
	}
	if (out)
		*out = pr;
	/* The deadline has passed and the latest value misses the target. */
	if (pr.past_deadline)
		return OBJ_OFF_TRACK;
	if (meets(pr.value, target, at_least))
		return OBJ_ON_TRACK;
	if (at_least ? pr.high >= target : pr.low <= target)
		return OBJ_AT_RISK;
	return OBJ_OFF_TRACK;
}
