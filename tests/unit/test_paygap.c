/*
 * test_paygap: the pay gap figures as the gender pay gap regulations have
 * them (src/monitor/stats.c stats_compute_paygap, and analysis.c's use of
 * it through the report; methods in docs/methods.md, "Pay gap figures").
 *
 * Bonus figures count every relevant employee, the hourly figures and the
 * quartiles only the full-pay relevant employees; people on the same
 * hourly pay whom a quartile edge divides are shared between the quartiles
 * in proportion (regulation 13(2)). Expected values come from
 * tests/unit/paygap_expected.h, written by tests/stats/gen_paygap.py in
 * exact fractions, independently of the C code. Tolerances: figures 1e-12
 * relative, gaps and shares 1e-9 absolute.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "monitor/internal.h"
#include "monitor/stats.h"
#include "paygap_expected.h"

#define N_OF(x) (sizeof(x) / sizeof((x)[0]))

static void near(double got, double want, double rel, double abs_tol, const char *what,
		 const char *why, size_t g)
{
	if (isnan(want)) {
		cr_assert(isnan(got), "%s, group %zu (%s): got %.17g, want NaN", what, g, why, got);
		return;
	}
	cr_assert(fabs(got - want) <= fmax(abs_tol, rel * fabs(want)),
		  "%s, group %zu (%s): got %.17g, want %.17g", what, g, why, got, want);
}

static struct stats_pay_person *people_of(const struct exp_pg_case *c, int reversed)
{
	struct stats_pay_person *p = xcalloc(c->n, sizeof *p);
	for (size_t i = 0; i < c->n; i++) {
		size_t k = reversed ? c->n - 1 - i : i;
		p[i] = (struct stats_pay_person){c->hourly[k], c->bonus[k], c->group[k],
						 c->not_full_pay[k]};
	}
	return p;
}

/* Every workforce of the oracle, figure by figure. */
Test(paygap, oracle)
{
	for (size_t i = 0; i < N_OF(exp_pg_cases); i++) {
		const struct exp_pg_case *c = &exp_pg_cases[i];
		struct stats_pay_person *p = people_of(c, 0);
		struct stats_pay_group g[EXP_PG_MAX_GROUPS];
		size_t bands[4];
		struct err e;
		err_clear(&e);
		cr_assert_eq(stats_compute_paygap(p, c->n, c->n_groups, c->comparator, g, bands, &e),
			     0, "%s: %s", c->why, e.msg);
		for (int k = 0; k < 4; k++)
			cr_assert_eq(bands[k], c->band_size[k], "%s: band %d", c->why, k);
		for (size_t j = 0; j < c->n_groups; j++) {
			const struct exp_pg_group *x = &c->groups[j];
			cr_assert_eq(g[j].n, x->n, "%s: full-pay people of group %zu", c->why, j);
			cr_assert_eq(g[j].n_relevant, x->n_relevant, "%s: group %zu", c->why, j);
			cr_assert_eq(g[j].n_bonus, x->n_bonus, "%s: group %zu", c->why, j);
			near(g[j].mean_hourly, x->mean, 1e-12, 0, "mean", c->why, j);
			near(g[j].median_hourly, x->median, 1e-12, 0, "median", c->why, j);
			near(g[j].mean_bonus, x->bonus_mean, 1e-12, 0, "bonus mean", c->why, j);
			near(g[j].median_bonus, x->bonus_median, 1e-12, 0, "bonus median", c->why, j);
			near(g[j].bonus_percent, x->bonus_percent, 1e-12, 0, "bonus %", c->why, j);
			near(g[j].mean_gap, x->mean_gap, 0, 1e-9, "mean gap", c->why, j);
			near(g[j].median_gap, x->median_gap, 0, 1e-9, "median gap", c->why, j);
			near(g[j].mean_bonus_gap, x->bonus_mean_gap, 0, 1e-9, "bonus mean gap", c->why,
			     j);
			near(g[j].median_bonus_gap, x->bonus_median_gap, 0, 1e-9, "bonus median gap",
			     c->why, j);
			for (int k = 0; k < 4; k++) {
				near(g[j].band_n[k], x->band_n[k], 0, 1e-9, "band people", c->why, j);
				near(g[j].band_percent[k], x->band_percent[k], 0, 1e-9, "band %", c->why,
				     j);
			}
		}
		free(p);
	}
}

/* The quartile shares do not depend on the order of the input (the way
 * the old interleaving of a run of equal pay did, through group order). */
Test(paygap, quartiles_do_not_depend_on_order)
{
	for (size_t i = 0; i < N_OF(exp_pg_cases); i++) {
		const struct exp_pg_case *c = &exp_pg_cases[i];
		struct stats_pay_person *p = people_of(c, 0), *q = people_of(c, 1);
		struct stats_pay_group a[EXP_PG_MAX_GROUPS], b[EXP_PG_MAX_GROUPS];
		cr_assert_eq(stats_compute_paygap(p, c->n, c->n_groups, c->comparator, a, NULL, NULL),
			     0);
		cr_assert_eq(stats_compute_paygap(q, c->n, c->n_groups, c->comparator, b, NULL, NULL),
			     0);
		for (size_t j = 0; j < c->n_groups; j++)
			for (int k = 0; k < 4; k++)
				cr_assert(a[j].band_percent[k] == b[j].band_percent[k] ||
						  (isnan(a[j].band_percent[k]) &&
						   isnan(b[j].band_percent[k])),
					  "%s: group %zu band %d", c->why, j, k);
		free(p);
		free(q);
	}
}

/* The worked example of docs/methods.md ("Pay quarters"), by hand. Men
 * (group 0) on full pay: 10, 12, 15, 15; women: 9, 10, 10, 12. A woman
 * with no hourly pay known (bonus 200) and a man on reduced pay (6.00 an
 * hour, no bonus) are relevant employees, not full-pay ones.
 *   bonus: men 100 and 500 of 5 people, 40%; women 150, 300 and 200 of 5,
 *   60% (the woman without pay counts; the old code left her out: 2 of 4)
 *   hourly: men's mean 13 (the man on 6.00 left out; the old code put him
 *   in: 11.60), women's 10.25, gap 21.2%
 *   quarters of 2: 9W | 10W 10W 10M | 12M 12W | 15M 15M: the run on 10
 *   (2 women, 1 man) has 1 place in the lowest quarter and 2 in the next,
 *   each taking 2/3 women: lowest 1 + 2/3 women of 2 = 83.3% (the old
 *   interleaving put a whole woman there: 100%), lower middle 4/3 of 2 =
 *   66.7%, upper middle 50%, highest 0%. */
Test(paygap, docs_worked_example)
{
	const struct exp_pg_case *c = &exp_pg_cases[0];
	struct stats_pay_person *p = people_of(c, 0);
	struct stats_pay_group g[2];
	cr_assert_str_eq(c->why, "the worked example of docs/methods.md");
	cr_assert_eq(stats_compute_paygap(p, c->n, 2, 0, g, NULL, NULL), 0);
	cr_assert_eq(g[1].n_relevant, 5);
	cr_assert_eq(g[1].n, 4);
	near(g[1].bonus_percent, 60, 0, 1e-12, "women paid a bonus", "docs", 1);
	near(g[0].bonus_percent, 40, 0, 1e-12, "men paid a bonus", "docs", 0);
	near(g[0].mean_hourly, 13, 0, 1e-12, "men's mean", "docs", 0);
	near(g[1].mean_gap, 275.0 / 13, 0, 1e-12, "mean gap", "docs", 1);
	near(g[1].band_percent[0], 250.0 / 3, 0, 1e-12, "women, lowest quarter", "docs", 1);
	near(g[1].band_percent[1], 200.0 / 3, 0, 1e-12, "women, lower middle", "docs", 1);
	near(g[1].band_percent[2], 50, 0, 1e-12, "women, upper middle", "docs", 1);
	near(g[1].band_percent[3], 0, 0, 1e-12, "women, highest", "docs", 1);
	near(g[0].band_percent[0], 50.0 / 3, 0, 1e-12, "men, lowest quarter", "docs", 0);
	free(p);
}

/* ---- through the report: records counted by agg, gaps by analysis.c ---- */

static const struct mon_category *cat(enum mon_char ch, const char *code)
{
	const struct mon_category *x = NULL;
	struct err e;
	err_clear(&e);
	cr_assert_eq(mon_classify(ch, ETH_CJ18, code, &x, &e), 0, "%s: %s", code, e.msg);
	return x;
}

/* Staff records: sex, then hourly pay (NAN: blank), bonus (NAN: blank),
 * and whether the full_pay column said 0. */
static void add_staff(struct agg *a, const char *sex, double pay, double bonus, int reduced)
{
	struct mon_record r;
	struct err e;
	memset(&r, 0, sizeof r);
	r.unit = "North";
	r.unit_len = 5;
	r.grade = "";
	r.cat[MC_SEX] = cat(MC_SEX, sex);
	r.cat[MC_ETHNICITY] = cat(MC_ETHNICITY, "W1");
	r.has_pay = !isnan(pay);
	r.pay = r.has_pay ? pay : 0;
	r.has_bonus = !isnan(bonus);
	r.bonus = r.has_bonus ? bonus : 0;
	r.reduced_pay = reduced;
	err_clear(&e);
	cr_assert_eq(agg_add(a, &r, &e), 0, "%s", e.msg);
}

static const struct mon_paygap *sex_gap(const struct mon_report *r)
{
	for (size_t i = 0; i < r->n_pay; i++)
		if (r->pay[i].by == MC_SEX && !strcmp(r->pay[i].group, "Female"))
			return &r->pay[i];
	cr_assert_fail("no pay gap of women against men");
	return NULL;
}

/* A woman with a blank hourly pay and a bonus is a relevant employee: she
 * counts in the share paid a bonus (the old code dropped everyone without
 * hourly pay from every figure: women paid a bonus 1 of 2 = 50%, not 2 of
 * 3). A man on reduced pay (full_pay 0) is left out of the hourly gaps and
 * quarters but counts in the bonus figures. */
Test(paygap, report_bonus_counts_everyone_hourly_full_pay_only)
{
	struct dataset ds;
	struct mon_settings set;
	struct mon_report rep;
	struct agg *a;
	const struct mon_paygap *x;
	struct err e;

	err_clear(&e);
	cr_assert_eq(dataset_preset("staff", &ds, &e), 0);
	a = agg_new(&ds);
	add_staff(a, "M", 20, 0, 0);
	add_staff(a, "M", 20, 500, 0);
	add_staff(a, "M", 4, NAN, 1); /* reduced pay: not in the hourly figures */
	add_staff(a, "F", 15, 0, 0);
	add_staff(a, "F", 15, 300, 0);
	add_staff(a, "F", NAN, 200, 0); /* blank hourly pay, paid a bonus */
	mon_settings_default(&set);
	memset(&rep, 0, sizeof rep);
	cr_assert_eq(mon_report_build(a, &set, "staff", "2011", NULL, 0, &rep, &e), 0, "%s",
		     e.msg);
	x = sex_gap(&rep);
	cr_assert_eq(x->n, 2, "women on full pay");
	cr_assert_eq(x->n_ref, 2, "men on full pay");
	cr_assert_eq(x->n_all, 3, "every woman");
	cr_assert_eq(x->n_all_ref, 3, "every man");
	near(x->bonus_share, 200.0 / 3, 0, 1e-12, "women paid a bonus", "report", 1);
	near(x->bonus_share_ref, 100.0 / 3, 0, 1e-12, "men paid a bonus", "report", 0);
	near(x->mean_gap, 25, 0, 1e-12, "mean hourly gap (20 against 15)", "report", 1);
	near(x->median_gap, 25, 0, 1e-12, "median hourly gap", "report", 1);
	near(x->bonus_mean_gap, 50, 0, 1e-12, "mean bonus gap (500 against 250)", "report", 1);
	/* quarters of the four on full pay: 15F 15F | 20M 20M */
	near(x->quartile_share[0], 100, 0, 1e-12, "lowest quarter", "report", 1);
	near(x->quartile_share[3], 0, 0, 1e-12, "highest quarter", "report", 1);
	mon_report_free(&rep);
	agg_free(a);
}

/* Staff data without any pay or bonus figure reports no pay gap, though
 * every record is a relevant employee. */
Test(paygap, report_no_pay_figures_no_pay_gap)
{
	struct dataset ds;
	struct mon_settings set;
	struct mon_report rep;
	struct agg *a;
	struct err e;

	err_clear(&e);
	cr_assert_eq(dataset_preset("staff", &ds, &e), 0);
	a = agg_new(&ds);
	add_staff(a, "M", NAN, NAN, 0);
	add_staff(a, "F", NAN, NAN, 0);
	mon_settings_default(&set);
	memset(&rep, 0, sizeof rep);
	cr_assert_eq(mon_report_build(a, &set, "staff", "2011", NULL, 0, &rep, &e), 0, "%s",
		     e.msg);
	cr_assert_eq(rep.n_pay, 0);
	mon_report_free(&rep);
	agg_free(a);
}
