/*
 * The report model of analysis.c: the four-fifths rule as the Uniform
 * Guidelines state it (every recorded group against the best rate among
 * groups big enough to serve), zero cells reported in their observed
 * direction, and references chosen per characteristic. Expected values of
 * the four-fifths cases come from tests/stats/gen_expected.py (exact
 * fractions).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "monitor/internal.h"
#include "monitor/stats.h"
#include "stats_expected.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static struct dataset ds;

/* A report of one unit ("All") from (group, num, den) counts of outcome
 * `name` of preset `preset`; extra groups of sex may follow. */
static void report_of(const char *preset, const char *name, const struct mon_settings *set,
		      const char *const *groups, const long long *num, const long long *den,
		      size_t n, struct mon_report *r, int *outcome)
{
	struct err e;
	struct agg *a;
	err_clear(&e);
	cr_assert_eq(dataset_preset(preset, &ds, &e), 0, "%s", e.msg);
	*outcome = dataset_outcome_index(&ds, name);
	cr_assert(*outcome >= 0);
	a = agg_new(&ds);
	for (size_t i = 0; i < n; i++) {
		int kind = !strcmp(groups[i], "Not stated") ? MK_NOT_STATED
			   : !strcmp(groups[i], "Missing")  ? MK_MISSING
							    : MK_RECORDED;
		cr_assert_eq(agg_add_counts(a, "", MC_ETHNICITY, groups[i], kind, *outcome, num[i],
					    den[i], &e),
			     0, "%s", e.msg);
	}
	cr_assert_eq(mon_report_build(a, set, ds.name, "2011Q3", NULL, 0, r, &e), 0, "%s", e.msg);
	agg_free(a);
}

static const struct mon_impact *impact_of(const struct mon_report *r, const char *group, int o)
{
	for (size_t i = 0; i < r->n_impact; i++)
		if (!strcmp(r->impact[i].group, group) && r->impact[i].outcome == o &&
		    !strcmp(r->impact[i].unit, "All"))
			return &r->impact[i];
	return NULL;
}

static const struct mon_comparison *cmp_of(const struct mon_report *r, const char *group, int o)
{
	for (size_t i = 0; i < r->n_cmp; i++)
		if (!strcmp(r->cmp[i].group, group) && r->cmp[i].outcome == o &&
		    !strcmp(r->cmp[i].unit, "All"))
			return &r->cmp[i];
	return NULL;
}

Test(analysis, four_fifths_against_the_oracle)
{
	for (size_t k = 0; k < N_OF(exp_impacts); k++) {
		const struct exp_impact *x = &exp_impacts[k];
		const char *g[6];
		long long num[6], den[6];
		struct mon_settings set;
		struct mon_report r;
		int o;
		mon_settings_default(&set);
		for (size_t i = 0; i < x->n; i++) {
			g[i] = x->g[i].group;
			num[i] = x->g[i].num;
			den[i] = x->g[i].den;
		}
		report_of(x->favourable ? "applicants" : "service-users",
			  x->favourable ? "shortlisted" : "breached", &set, g, num, den, x->n, &r,
			  &o);
		cr_assert_eq(r.n_impact, x->n, "%s: %zu entries", x->why, r.n_impact);
		for (size_t i = 0; i < x->n; i++) {
			const struct exp_impact_group *w = &x->g[i];
			const struct mon_impact *m = impact_of(&r, w->group, o);
			const struct mon_comparison *c = cmp_of(&r, w->group, o);
			cr_assert_not_null(m, "%s: %s not assessed", x->why, w->group);
			cr_assert_eq(m->favourable, x->favourable);
			if (w->compared_with)
				cr_assert_str_eq(m->compared_with, w->compared_with, "%s: %s", x->why,
						 w->group);
			else
				cr_assert_null(m->compared_with, "%s", x->why);
			if (isnan(w->impact_ratio))
				cr_assert(isnan(m->impact_ratio), "%s: %s ratio %g", x->why,
					  w->group, m->impact_ratio);
			else
				cr_assert(fabs(m->impact_ratio - w->impact_ratio) <=
						  1e-12 * fabs(w->impact_ratio),
					  "%s: %s ratio %.17g, want %.17g", x->why, w->group,
					  m->impact_ratio, w->impact_ratio);
			cr_assert_eq(m->adverse, w->adverse, "%s: %s adverse", x->why, w->group);
			cr_assert_eq(m->too_few, w->too_few, "%s: %s too few", x->why, w->group);
			/* comparisons[] carry the same ratio (the reference has none) */
			if (c) {
				cr_assert(isnan(w->impact_ratio) ? isnan(c->impact_ratio)
								 : c->impact_ratio == m->impact_ratio,
					  "%s: %s", x->why, w->group);
				cr_assert_eq(c->adverse, m->adverse);
			}
		}
		mon_report_free(&r);
	}
}

/* Not stated and Missing are shown but never assessed for adverse impact. */
Test(analysis, not_stated_and_missing_never_assessed)
{
	const char *g[] = {"White", "Black", "Not stated", "Missing"};
	long long num[] = {50, 40, 1, 0}, den[] = {100, 100, 100, 100};
	struct mon_settings set;
	struct mon_report r;
	int o;
	mon_settings_default(&set);
	report_of("applicants", "shortlisted", &set, g, num, den, 4, &r, &o);
	cr_assert_null(impact_of(&r, "Not stated", o));
	cr_assert_null(impact_of(&r, "Missing", o));
	cr_assert_eq(r.n_impact, 2);
	const struct mon_comparison *c = cmp_of(&r, "Not stated", o);
	cr_assert_not_null(c, "Not stated is still shown");
	cr_assert_eq(c->adverse, 0);
	cr_assert(isnan(c->impact_ratio));
	mon_report_free(&r);
}

/* Issue 12: 0 of 9 against 1 of 663 was "22.13 times as likely" and
 * adverse impact; 0 of 40 against 0 of 200 was 4.90. Now the observed
 * 0, and nothing at all when neither group has anyone. */
Test(analysis, zero_cells_in_the_observed_direction)
{
	const char *g[] = {"White", "Black", "Asian"};
	long long num[] = {1, 0, 0}, den[] = {663, 9, 40};
	struct mon_settings set;
	struct mon_report r;
	int o;
	mon_settings_default(&set);
	report_of("service-users", "breached", &set, g, num, den, 3, &r, &o);
	const struct mon_comparison *c = cmp_of(&r, "Black", o);
	cr_assert_not_null(c);
	cr_assert_eq(c->rr, 0);
	cr_assert_eq(c->rr_method, STATS_RR_SCORE);
	cr_assert_eq(c->rr_low, 0);
	cr_assert(c->rr_high > 1, "the interval holds 1: %g", c->rr_high);
	cr_assert_eq(c->adverse, 0);
	cr_assert_eq(c->flag, 0);
	mon_report_free(&r);

	long long num2[] = {0, 0, 0}, den2[] = {200, 40, 40};
	report_of("service-users", "breached", &set, g, num2, den2, 3, &r, &o);
	c = cmp_of(&r, "Black", o);
	cr_assert_not_null(c);
	cr_assert(isnan(c->rr), "not defined, was 4.90: %g", c->rr);
	cr_assert_eq(c->rr_method, STATS_RR_NONE);
	cr_assert_eq(c->flag, 0);
	cr_assert_eq(c->adverse, 0);
	cr_assert_eq(r.n_flags, 0);
	mon_report_free(&r);
}

/* None of the reference had the outcome, 30 of 300 of the group did: the
 * relative rate is not defined, but the difference is flagged in the
 * direction the data show. */
Test(analysis, reference_rate_zero_flags_upwards)
{
	const char *g[] = {"White", "Black"};
	long long num[] = {0, 30}, den[] = {500, 300};
	struct mon_settings set;
	struct mon_report r;
	int o;
	mon_settings_default(&set);
	report_of("service-users", "breached", &set, g, num, den, 2, &r, &o);
	const struct mon_comparison *c = cmp_of(&r, "Black", o);
	cr_assert_not_null(c);
	cr_assert(isnan(c->rr));
	cr_assert_eq(c->available, 1);
	cr_assert_eq(c->flag, 1);
	cr_assert(c->p_adj < 0.001);
	mon_report_free(&r);
}

/* A group with people but no one at the stage (0 of 0) is shown as not
 * available, not dropped. */
Test(analysis, zero_of_zero_is_not_available)
{
	const char *g[] = {"White", "Black", "Mixed"};
	long long num[] = {50, 40, 0}, den[] = {100, 100, 0};
	struct mon_settings set;
	struct mon_report r;
	int o;
	mon_settings_default(&set);
	report_of("applicants", "shortlisted", &set, g, num, den, 3, &r, &o);
	const struct mon_comparison *c = cmp_of(&r, "Mixed", o);
	cr_assert_not_null(c, "the 0/0 group is dropped");
	cr_assert_eq(c->available, 0);
	cr_assert(isnan(c->rate) && isnan(c->rr));
	cr_assert_eq(c->tested, 0);
	mon_report_free(&r);
}

/* --reference per characteristic, and its errors. */
Test(analysis, reference_per_characteristic)
{
	const char *g[] = {"White", "Black", "Asian"};
	long long num[] = {50, 40, 30}, den[] = {100, 100, 100};
	struct mon_settings set;
	struct mon_report r;
	struct err e;
	int o;

	mon_settings_default(&set);
	err_clear(&e);
	cr_assert_eq(mon_settings_parse_ref(&set, "ethnicity=black", &e), 0, "%s", e.msg);
	report_of("applicants", "shortlisted", &set, g, num, den, 3, &r, &o);
	cr_assert_null(cmp_of(&r, "Black", o), "the reference is not compared with itself");
	const struct mon_comparison *c = cmp_of(&r, "White", o);
	cr_assert_not_null(c);
	cr_assert_str_eq(c->reference, "Black");
	cr_assert_float_eq(c->rr, 1.25, 1e-12);
	mon_report_free(&r);

	mon_settings_default(&set);
	cr_assert_eq(mon_settings_parse_ref(&set, "ethnicity = rest", &e), 0, "%s", e.msg);
	report_of("applicants", "shortlisted", &set, g, num, den, 3, &r, &o);
	c = cmp_of(&r, "White", o);
	cr_assert_str_eq(c->reference, "everyone else");
	cr_assert_eq(c->ref_num, 70);
	cr_assert_eq(c->ref_den, 200);
	mon_report_free(&r);

	mon_settings_default(&set);
	cr_assert_eq(mon_settings_parse_ref(&set, "highest", &e), 0);
	cr_assert_eq(set.reference, REF_HIGHEST);
	cr_assert_eq(mon_settings_parse_ref(&set, "biggest", &e), ERR_USAGE);
	cr_assert(strstr(e.msg, "CHARACTERISTIC=GROUP") != NULL, "%s", e.msg);
	err_clear(&e);
	cr_assert_eq(mon_settings_parse_ref(&set, "colour=White", &e), ERR_USAGE);
	cr_assert(strstr(e.msg, "not a characteristic") != NULL, "%s", e.msg);
	cr_assert_eq(mon_settings_parse_ref(&set, "ethnicity=", &e), ERR_USAGE);

	/* an unknown group is refused when the report is built, naming the groups */
	mon_settings_default(&set);
	cr_assert_eq(mon_settings_parse_ref(&set, "ethnicity=Purple", &e), 0);
	{
		struct agg *a;
		cr_assert_eq(dataset_preset("applicants", &ds, &e), 0);
		a = agg_new(&ds);
		cr_assert_eq(agg_add_counts(a, "", MC_ETHNICITY, "White", MK_RECORDED, 0, 5, 10, &e),
			     0);
		err_clear(&e);
		cr_assert_eq(mon_report_build(a, &set, ds.name, "2011Q3", NULL, 0, &r, &e),
			     ERR_USAGE);
		cr_assert(strstr(e.msg, "Purple") && strstr(e.msg, "White"), "%s", e.msg);
		mon_report_free(&r);
		agg_free(a);
	}
}
