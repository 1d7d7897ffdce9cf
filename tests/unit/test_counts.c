/*
 * test_counts: aggregate count tables (src/monitor/counts.c) and what the
 * report makes of their suppressed and rounded counts (agg.c, analysis.c;
 * the rules in docs/methods.md, "Suppressed and rounded counts").
 *
 * Reading: every suppression marker, the status column, bad cells named
 * by file, line and column. The report: a comparison that needs a count
 * the table suppressed is not available (no rate, relative rate or p),
 * never tested, flagged or adverse, whether the count is the group's, the
 * reference's, or inside a total (All, everyone else, overall, the
 * highest rate); completeness with an unknown count. Rounding: a
 * comparison is not flagged when the rounding could bring its relative
 * rate inside the band, checked against tests/stats/gen_counts.py, which
 * tries every true count.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "monitor/internal.h"
#include "monitor/stats.h"
#include "counts_expected.h"

static void collect(void *ctx, const struct mon_problem *p)
{
	buf_printf(ctx, "%s\n", p->text);
}

/* Read text as a count table named t.csv; problems into *problems. */
static int read_text(const char *text, int eth_system, int64_t rounded, struct mon_counts *out,
		     struct mon_counts_job *j, struct buf *problems, struct err *e)
{
	memset(j, 0, sizeof *j);
	j->data = text;
	j->len = strlen(text);
	j->name = "t.csv";
	j->eth_system = eth_system;
	j->rounded = rounded;
	j->on_problem = collect;
	j->ctx = problems;
	err_clear(e);
	return mon_counts_read(j, out, e);
}

/* The report of period of a table read from text, with reference ref. */
struct built {
	struct mon_counts counts;
	struct mon_counts_job job;
	struct dataset ds;
	struct agg *agg;
	struct mon_report rep;
};

static void build(struct built *b, const char *text, const char *period, enum mon_ref ref,
		  int64_t rounded)
{
	struct buf problems = BUF_INIT;
	struct mon_settings set;
	struct err e;

	memset(b, 0, sizeof *b);
	stats_init();
	cr_assert_eq(read_text(text, ETH_AUTO, rounded, &b->counts, &b->job, &problems, &e), 0,
		     "%s %s", e.msg, buf_str(&problems));
	buf_free(&problems);
	cr_assert_eq(mon_counts_agg(&b->counts, period, "counts", &b->job, &b->ds, &b->agg, &e), 0,
		     "%s", e.msg);
	mon_settings_default(&set);
	set.reference = ref;
	cr_assert_eq(mon_report_build(b->agg, &set, "counts", period, NULL, 0, &b->rep, &e), 0,
		     "%s", e.msg);
}

static void unbuild(struct built *b)
{
	mon_report_free(&b->rep);
	agg_free(b->agg);
	mon_counts_free(&b->counts);
}

static const struct mon_comparison *find(struct built *b, const char *unit, enum mon_char ch,
				   const char *group)
{
	const struct mon_comparison *x = mon_report_find(&b->rep, unit, ch, group, 0);
	cr_assert_not_null(x, "no comparison %s %s", unit, group);
	return x;
}

static void assert_not_available(const struct mon_comparison *x, unsigned bits)
{
	cr_assert_eq(x->unknown, bits, "%s %s: unknown %u, want %u", x->unit, x->group,
		     x->unknown, bits);
	cr_assert(isnan(x->rr) && isnan(x->rr_low) && isnan(x->rr_high), "%s %s", x->unit,
		  x->group);
	cr_assert(isnan(x->p) && isnan(x->p_adj));
	cr_assert(isnan(x->impact_ratio));
	cr_assert_eq(x->tested, 0);
	cr_assert_eq(x->flag, 0);
	cr_assert_eq(x->adverse, 0);
	cr_assert_eq(x->test, 0);
	if (bits & (MON_UNK_NUM | MON_UNK_DEN))
		cr_assert(isnan(x->rate));
	if (bits & (MON_UNK_REF_NUM | MON_UNK_REF_DEN))
		cr_assert(isnan(x->ref_rate));
}

/* ---- reading ------------------------------------------------------------*/

Test(counts, every_suppression_marker_is_an_unknown_count)
{
	static const char text[] =
		"unit,period,characteristic,group,outcome,numerator,denominator\n"
		"A,2013,sex,Female,completed,*,10\n"
		"A,2013,sex,Male,completed,**,10\n"
		"B,2013,sex,Female,completed,<5,10\n"
		"B,2013,sex,Male,completed,< 10,10\n"
		"C,2013,sex,Female,completed,c,C\n"
		"C,2013,sex,Male,completed,[c],10\n"
		"D,2013,sex,Female,completed,x,X\n"
		"D,2013,sex,Male,completed,[X],10\n"
		"E,2013,sex,Female,completed,..,10\n"
		"E,2013,sex,Male,completed, 7 ,\" 1,234 \"\n";
	struct mon_counts c;
	struct mon_counts_job j;
	struct buf problems = BUF_INIT;
	struct err e;
	size_t i;

	cr_assert_eq(read_text(text, ETH_AUTO, 0, &c, &j, &problems, &e), 0, "%s %s", e.msg,
		     buf_str(&problems));
	cr_assert_eq(c.n_rows, 10);
	for (i = 0; i < 9; i++) {
		cr_assert(c.rows[i].unknown & MON_UNK_NUM, "row %zu", i);
		cr_assert_eq(c.rows[i].num, 0);
	}
	cr_assert_eq(c.rows[4].unknown, MON_UNK_NUM | MON_UNK_DEN);
	cr_assert_eq(c.rows[6].unknown, MON_UNK_NUM | MON_UNK_DEN);
	cr_assert_eq(c.rows[0].den, 10);
	cr_assert_eq(c.rows[9].unknown, 0u);
	cr_assert_eq(c.rows[9].num, 7);
	cr_assert_eq(c.rows[9].den, 1234);
	cr_assert_eq(c.suppressed, 11);
	cr_assert_eq(c.n_periods, 1);
	mon_counts_free(&c);
	buf_free(&problems);
}

Test(counts, a_status_marks_the_row_suppressed_and_its_cells_are_not_read)
{
	static const char text[] =
		"unit,period,characteristic,group,outcome,numerator,denominator,status\n"
		"A,2013,sex,Female,completed,12,40,\n"
		"A,2013,sex,Male,completed,,,suppressed\n"
		"A,2013,sex,Not stated,completed,abc,-3,c\n";
	struct mon_counts c;
	struct mon_counts_job j;
	struct buf problems = BUF_INIT;
	struct err e;

	cr_assert_eq(read_text(text, ETH_AUTO, 0, &c, &j, &problems, &e), 0, "%s %s", e.msg,
		     buf_str(&problems));
	cr_assert_eq(c.rows[0].unknown, 0u);
	cr_assert_eq(c.rows[1].unknown, MON_UNK_NUM | MON_UNK_DEN);
	cr_assert_eq(c.rows[2].unknown, MON_UNK_NUM | MON_UNK_DEN);
	cr_assert_eq(c.rows[2].kind, MK_NOT_STATED);
	cr_assert_eq(c.suppressed, 4);
	mon_counts_free(&c);
	buf_free(&problems);
}

Test(counts, bad_cells_are_named_by_file_line_and_column)
{
	static const char text[] =
		"unit,period,characteristic,group,outcome,numerator,denominator\n"
		"North,2013,ethnicity,White,completed,300,600\n"
		"North,2013,ethnicity,Black,completed,abc,200\n"
		"North,2013,ethnicity,Asian,completed,4,-3\n"
		"North,2013,ethnicity,Other,completed,-,30\n"
		"North,2013,ethnicity,Mixed,completed,2.5,30\n"
		"North,2013,ethnicity,Mixed,completed,,30\n"
		"North,2013,ethnicity,Mixed,completed,\"12,34\",30\n"
		"North,2013,ethnicity,Mixed,completed,99999999999,30\n"
		"North,2013,ethnicity,Mixed,completed,<,30\n";
	static const char *const want[] = {
		"t.csv:3:38: column 'numerator': 'abc' is not a count",
		"t.csv:4:40: column 'denominator': '-3' is not a count",
		"t.csv:5:38: column 'numerator': '-' is not a count: some tables print it for nil",
		"t.csv:6:38: column 'numerator': '2.5' is not a count",
		"t.csv:7:38: column 'numerator': the numerator is empty",
		"t.csv:8:38: column 'numerator': '12,34' is not a count",
		"t.csv:9:38: column 'numerator': '99999999999' is too large",
		"t.csv:10:38: column 'numerator': '<' is not a count",
	};
	struct mon_counts c;
	struct mon_counts_job j;
	struct buf problems = BUF_INIT;
	struct err e;
	size_t i;

	cr_assert_eq(read_text(text, ETH_AUTO, 0, &c, &j, &problems, &e), ERR_DATA);
	cr_assert_eq(j.n_errors, 8, "%s", buf_str(&problems));
	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		cr_assert(strstr(buf_str(&problems), want[i]), "lacks '%s' in:\n%s", want[i],
			  buf_str(&problems));
	cr_assert(strstr(e.msg, "t.csv: 8 errors; nothing was imported"), "%s", e.msg);
	mon_counts_free(&c);
	buf_free(&problems);
}

Test(counts, us_omb_groups_are_read_when_asked_for)
{
	static const char text[] =
		"unit,period,characteristic,group,outcome,numerator,denominator,direction\n"
		",2024,race,White,detained,90,600,unfavourable\n"
		",2024,race,Hispanic,detained,75,420,unfavourable\n"
		",2024,race,AI/AN,detained,11,48,unfavourable\n";
	struct mon_counts c;
	struct mon_counts_job j;
	struct buf problems = BUF_INIT;
	struct err e;

	cr_assert_eq(read_text(text, ETH_USOMB, 0, &c, &j, &problems, &e), 0, "%s %s", e.msg,
		     buf_str(&problems));
	cr_assert_str_eq(c.rows[0].group, "White");
	cr_assert_str_eq(c.rows[1].group, "Hispanic or Latino");
	cr_assert_str_eq(c.rows[2].group, "American Indian or Alaska Native");
	cr_assert_str_eq(c.rows[0].unit, "All");
	mon_counts_free(&c);
	/* the UK reading (auto) does not know them */
	buf_reset(&problems);
	cr_assert_eq(read_text(text, ETH_AUTO, 0, &c, &j, &problems, &e), ERR_DATA);
	cr_assert(strstr(buf_str(&problems), "t.csv:3:12: column 'group': ethnicity: 'Hispanic'"),
		  "%s", buf_str(&problems));
	mon_counts_free(&c);
	buf_free(&problems);
}

/* ---- the report -----------------------------------------------------------*/

/* North: the group's own counts suppressed; South: the reference's; East:
 * all known, a large difference; no All rows, so All adds them up. */
static const char table[] =
	"unit,period,characteristic,group,outcome,numerator,denominator,status\n"
	"North,2013,ethnicity,White,completed,300,600,\n"
	"North,2013,ethnicity,Black,completed,*,200,\n"
	"North,2013,ethnicity,Asian,completed,<5,40,\n"
	"North,2013,ethnicity,Mixed,completed,c,c,\n"
	"North,2013,ethnicity,Other,completed,..,30,\n"
	"South,2013,ethnicity,White,completed,x,500,\n"
	"South,2013,ethnicity,Black,completed,40,200,\n"
	"South,2013,ethnicity,Other,completed,12,60,withheld\n"
	"East,2013,ethnicity,White,completed,300,600,\n"
	"East,2013,ethnicity,Black,completed,40,200,\n"
	"East,2013,ethnicity,Asian,completed,70,150,\n";

Test(counts, a_comparison_that_needs_a_suppressed_count_is_not_available)
{
	struct built b;
	const struct mon_comparison *x;
	size_t i;
	int tested = 0;

	build(&b, table, "2013", REF_DEFAULT, 0);
	/* the group's numerator, denominator, both */
	assert_not_available(find(&b, "North", MC_ETHNICITY, "Black"), MON_UNK_NUM);
	assert_not_available(find(&b, "North", MC_ETHNICITY, "Asian"), MON_UNK_NUM);
	assert_not_available(find(&b, "North", MC_ETHNICITY, "Mixed"), MON_UNK_NUM | MON_UNK_DEN);
	x = find(&b, "North", MC_ETHNICITY, "Black");
	cr_assert_eq(x->num, 0);
	cr_assert_eq(x->den, 200);
	cr_assert_eq(x->ref_num, 300);
	cr_assert_float_eq(x->ref_rate, 0.5, 1e-12);
	/* the reference's numerator: the group's own rate is still shown */
	x = find(&b, "South", MC_ETHNICITY, "Black");
	assert_not_available(x, MON_UNK_REF_NUM);
	cr_assert_float_eq(x->rate, 0.2, 1e-12);
	cr_assert_eq(x->ref_den, 500);
	assert_not_available(find(&b, "South", MC_ETHNICITY, "Other"),
			     MON_UNK_NUM | MON_UNK_DEN | MON_UNK_REF_NUM);
	/* All adds up the units: every total with a suppressed part is unknown */
	assert_not_available(find(&b, "All", MC_ETHNICITY, "Black"), MON_UNK_NUM | MON_UNK_REF_NUM);
	assert_not_available(find(&b, "All", MC_ETHNICITY, "Asian"), MON_UNK_NUM | MON_UNK_REF_NUM);
	/* East is complete: tested and flagged (40/200 against 300/600) */
	x = find(&b, "East", MC_ETHNICITY, "Black");
	cr_assert_eq(x->unknown, 0u);
	cr_assert_float_eq(x->rr, 0.4, 1e-12);
	cr_assert_eq(x->tested, 1);
	cr_assert_eq(x->flag, 1);
	/* only East's two comparisons are in the family adjusted for */
	for (i = 0; i < b.rep.n_cmp; i++)
		tested += b.rep.cmp[i].tested;
	cr_assert_eq(tested, 2);
	cr_assert_eq(b.rep.n_flags, 1);
	unbuild(&b);
}

Test(counts, suppressed_counts_hide_the_highest_rate_and_the_impact_ratio)
{
	struct built b;
	const struct mon_comparison *x;
	size_t i, n = 0;

	build(&b, table, "2013", REF_DEFAULT, 0);
	/* completed is favourable: East's impact ratio is worked out ... */
	x = find(&b, "East", MC_ETHNICITY, "Black");
	cr_assert_float_eq(x->impact_ratio, 0.2 / 0.5, 1e-12);
	cr_assert_eq(x->adverse, 1);
	unbuild(&b);
	/* ... North's cannot be: a group whose count is suppressed could
	 * have the highest rate; only the other comparisons stay available */
	build(&b, "unit,period,characteristic,group,outcome,numerator,denominator\n"
		  "North,2013,ethnicity,White,completed,300,600\n"
		  "North,2013,ethnicity,Black,completed,40,200\n"
		  "North,2013,ethnicity,Asian,completed,<5,40\n",
	      "2013", REF_DEFAULT, 0);
	x = find(&b, "North", MC_ETHNICITY, "Black");
	cr_assert_eq(x->unknown, 0u);
	cr_assert_float_eq(x->rr, 0.4, 1e-12);
	cr_assert(isnan(x->impact_ratio));
	cr_assert_eq(x->adverse, 0);
	cr_assert_eq(x->tested, 1);
	/* the four-fifths entries of that table: no best rate, no ratio */
	for (i = 0; i < b.rep.n_impact; i++) {
		const struct mon_impact *m = &b.rep.impact[i];
		cr_assert(m->unknown & MON_UNK_REF_NUM, "%s %s", m->unit, m->group);
		cr_assert_null(m->compared_with);
		cr_assert(isnan(m->impact_ratio) && isnan(m->compared_rate));
		cr_assert_eq(m->adverse, 0);
		n++;
		if (!strcmp(m->group, "Asian")) {
			cr_assert_eq(m->unknown, MON_UNK_NUM | MON_UNK_REF_NUM);
			cr_assert(isnan(m->rate));
			cr_assert_eq(m->num, 0);
		} else {
			cr_assert(isfinite(m->rate));
		}
	}
	cr_assert_eq(n, 6, "White, Black and Asian, in North and All");
	unbuild(&b);
}

Test(counts, totals_of_other_references_with_a_suppressed_part_are_unknown)
{
	static const char t2[] = "unit,period,characteristic,group,outcome,numerator,denominator\n"
				 "All,2013,ethnicity,White,completed,300,600\n"
				 "All,2013,ethnicity,Black,completed,40,200\n"
				 "All,2013,ethnicity,Asian,completed,<5,40\n"
				 "All,2013,ethnicity,Not stated,completed,5,10\n";
	struct built b;
	const struct mon_comparison *x;

	/* White as reference: Black vs White needs nothing suppressed */
	build(&b, t2, "2013", REF_DEFAULT, 0);
	cr_assert_eq(find(&b, "All", MC_ETHNICITY, "Black")->unknown, 0u);
	unbuild(&b);
	/* everyone else: Asian is inside it; for Asian itself it is not */
	build(&b, t2, "2013", REF_REST, 0);
	assert_not_available(find(&b, "All", MC_ETHNICITY, "Black"),
			     MON_UNK_REF_NUM);
	x = find(&b, "All", MC_ETHNICITY, "Asian");
	assert_not_available(x, MON_UNK_NUM);
	cr_assert_eq(x->ref_num, 340);
	cr_assert_eq(x->ref_den, 800);
	assert_not_available(find(&b, "All", MC_ETHNICITY, "Not stated"), MON_UNK_REF_NUM);
	unbuild(&b);
	/* overall and highest: every recorded group is inside */
	build(&b, t2, "2013", REF_OVERALL, 0);
	assert_not_available(find(&b, "All", MC_ETHNICITY, "White"), MON_UNK_REF_NUM);
	unbuild(&b);
	build(&b, t2, "2013", REF_HIGHEST, 0);
	x = find(&b, "All", MC_ETHNICITY, "Black");
	assert_not_available(x, MON_UNK_REF_NUM);
	cr_assert_str_eq(x->reference, "highest-rate group");
	unbuild(&b);
}

Test(counts, all_rows_given_in_the_table_are_known_whatever_the_units)
{
	struct built b;
	build(&b, "unit,period,characteristic,group,outcome,numerator,denominator\n"
		  "North,2013,sex,Female,completed,*,200\n"
		  "North,2013,sex,Male,completed,100,220\n"
		  "All,2013,sex,Female,completed,150,600\n"
		  "All,2013,sex,Male,completed,300,640\n",
	      "2013", REF_DEFAULT, 0);
	assert_not_available(find(&b, "North", MC_SEX, "Female"), MON_UNK_NUM);
	cr_assert_eq(find(&b, "All", MC_SEX, "Female")->unknown, 0u);
	cr_assert_eq(find(&b, "All", MC_SEX, "Female")->tested, 1);
	unbuild(&b);
}

Test(counts, completeness_with_a_suppressed_count)
{
	struct built b;
	size_t i;
	int seen = 0;

	build(&b, "unit,period,characteristic,group,outcome,numerator,denominator\n"
		  "North,2013,sex,Female,completed,10,200\n"
		  "North,2013,sex,Male,completed,12,*\n"
		  "South,2013,sex,Female,completed,10,200\n"
		  "South,2013,sex,Male,completed,12,220\n"
		  "South,2013,sex,Not stated,completed,1,<5\n",
	      "2013", REF_DEFAULT, 0);
	for (i = 0; i < b.rep.n_comp; i++) {
		const struct mon_completeness *c = &b.rep.comp[i];
		if (!strcmp(c->unit, "North")) {
			/* only recorded groups, and some known: all recorded */
			cr_assert_eq(c->unknown, 1u << MK_RECORDED);
			cr_assert_float_eq(c->pct, 100.0, 1e-12);
			seen++;
		} else if (!strcmp(c->unit, "South")) {
			cr_assert_eq(c->unknown, 1u << MK_NOT_STATED);
			cr_assert(isnan(c->pct));
			seen++;
		} else {
			cr_assert_eq(c->unknown, (1u << MK_RECORDED) | (1u << MK_NOT_STATED));
			cr_assert(isnan(c->pct));
			seen++;
		}
	}
	cr_assert_eq(seen, 3);
	unbuild(&b);
}

Test(counts, merged_aggregators_keep_unknown_counts_and_parts)
{
	struct dataset ds;
	struct agg *a, *b;
	struct err e;
	struct agg_cell *cell;

	memset(&ds, 0, sizeof ds);
	snprintf(ds.name, sizeof ds.name, "counts");
	snprintf(ds.char_column[MC_SEX], DS_NAME_MAX, "sex");
	ds.n_outcomes = 2;
	snprintf(ds.outcomes[0].name, DS_NAME_MAX, "a");
	snprintf(ds.outcomes[1].name, DS_NAME_MAX, "b");
	ds.outcomes[0].stage = ds.outcomes[1].stage = -1;
	err_clear(&e);
	a = agg_new(&ds);
	b = agg_new(&ds);
	cr_assert_eq(agg_add_counts(a, "U", MC_SEX, "Female", MK_RECORDED, 0, 3, 10, &e), 0);
	cr_assert_eq(agg_add_counts_ex(b, "U", MC_SEX, "Female", MK_RECORDED, 0, 99, 20,
				       MON_UNK_NUM, 2, &e), 0);
	cr_assert_eq(agg_add_counts_ex(b, "U", MC_SEX, "Female", MK_RECORDED, 1, 1, 99,
				       MON_UNK_DEN, 1, &e), 0);
	b->rounded = 10;
	cr_assert_eq(agg_merge(a, b, &e), 0);
	cell = agg_cell_at(a, 1, MC_SEX, 0);
	cr_assert_eq(cell->num[0], 3, "a suppressed count adds nothing");
	cr_assert_eq(cell->den[0], 30);
	cr_assert_eq(cell->unk_num, 1u);
	cr_assert_eq(cell->unk_den, 2u);
	cr_assert_eq(cell->parts[0], 3);
	cr_assert_eq(cell->parts[1], 1);
	cr_assert_eq(a->rounded, 10);
	agg_free(a);
	agg_free(b);
}

/* ---- rounding -------------------------------------------------------------*/

/* Black against White, one outcome, counts rounded to the nearest `rounded`. */
static const struct mon_comparison *rounded_case(struct dataset *ds, struct agg **a,
					   struct mon_report *rep, const struct exp_rounding *x,
					   int64_t rounded)
{
	struct mon_settings set;
	struct err e;

	memset(ds, 0, sizeof *ds);
	snprintf(ds->name, sizeof ds->name, "counts");
	snprintf(ds->char_column[MC_ETHNICITY], DS_NAME_MAX, "ethnicity");
	ds->eth_system = ETH_AUTO;
	ds->n_outcomes = 1;
	snprintf(ds->outcomes[0].name, DS_NAME_MAX, "breached");
	ds->outcomes[0].stage = -1;
	err_clear(&e);
	*a = agg_new(ds);
	(*a)->rounded = rounded;
	cr_assert_eq(agg_add_counts_ex(*a, "", MC_ETHNICITY, "White", MK_RECORDED, 0, x->rnum,
				       x->rden, 0, x->ref_parts, &e), 0);
	cr_assert_eq(agg_add_counts_ex(*a, "", MC_ETHNICITY, "Black", MK_RECORDED, 0, x->num,
				       x->den, 0, x->parts, &e), 0);
	mon_settings_default(&set);
	cr_assert_eq(mon_report_build(*a, &set, "counts", "2014", NULL, 0, rep, &e), 0, "%s",
		     e.msg);
	cr_assert_eq(rep->rounded, rounded);
	return mon_report_find(rep, "All", MC_ETHNICITY, "Black", 0);
}

Test(counts, rounding_that_could_bring_the_rate_inside_the_band_is_never_flagged)
{
	size_t i;
	stats_init();
	for (i = 0; i < sizeof exp_rounding / sizeof exp_rounding[0]; i++) {
		const struct exp_rounding *x = &exp_rounding[i];
		struct dataset ds;
		struct agg *a;
		struct mon_report rep;
		const struct mon_comparison *c = rounded_case(&ds, &a, &rep, x, x->rounded);

		cr_assert_not_null(c);
		cr_assert_eq(c->within_rounding, x->within, "case %zu (%s): within %d", i, x->why,
			     c->within_rounding);
		if (x->num > 0)
			cr_assert_float_eq(c->rr, x->rr, 1e-12 * x->rr, "case %zu", i);
		if (x->within)
			cr_assert_eq(c->flag, 0, "case %zu (%s)", i, x->why);
		mon_report_free(&rep);
		agg_free(a);
	}
}

Test(counts, the_same_counts_unrounded_are_flagged)
{
	const struct exp_rounding *x = &exp_rounding[0]; /* 200/700 against 400/2000 */
	struct dataset ds;
	struct agg *a;
	struct mon_report rep;
	const struct mon_comparison *c;

	stats_init();
	cr_assert_eq(x->within, 1);
	c = rounded_case(&ds, &a, &rep, x, 0);
	cr_assert_eq(c->within_rounding, 0);
	cr_assert_eq(c->flag, 1, "exact counts: RR 1.43, p < 0.001, 700 and 2,000 people");
	mon_report_free(&rep);
	agg_free(a);
	c = rounded_case(&ds, &a, &rep, x, 100);
	cr_assert_eq(c->within_rounding, 1);
	cr_assert_eq(c->flag, 0);
	cr_assert_eq(c->tested, 1, "still tested: the p-value is shown, as approximate");
	mon_report_free(&rep);
	agg_free(a);
	/* ten times the counts: the rounding cannot explain it */
	c = rounded_case(&ds, &a, &rep, &exp_rounding[1], 100);
	cr_assert_eq(c->within_rounding, 0);
	cr_assert_eq(c->flag, 1);
	mon_report_free(&rep);
	agg_free(a);
}
