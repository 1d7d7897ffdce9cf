/*
 * Tests of the aggregator (src/monitor/agg.c): agg_tally, the fast way
 * analyze counts records (a histogram folded into cells at the end),
 * gives exactly what agg_add gives record by record: the same units,
 * groups and grades in the same order, and the same counts in every
 * cell. Covered: records with and without memo hints, units past the
 * histogram's limit (counted directly), datasets with more outcomes than
 * the histogram takes, records without a unit, and a fold in the middle
 * of the records. agg_tally_count, which the stored blocks are counted
 * with, gives what agg_count gives.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "monitor/internal.h"

/* A small deterministic generator (xorshift), so that failures repeat. */
static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A category of characteristic c: recorded, Not stated or Missing. */
static const struct mon_category *pick(enum mon_char c, const struct dataset *ds, uint64_t *s)
{
	size_t n = mon_category_count(c, (enum eth_system)ds->eth_system), k = next(s) % (n + 2);
	if (k == n)
		return mon_special(c, MK_NOT_STATED);
	if (k == n + 1)
		return mon_special(c, MK_MISSING);
	return mon_category_at(c, (enum eth_system)ds->eth_system, k);
}

/* Outcome bits that respect the stages (an outcome only after its stage). */
static uint32_t outcomes(const struct dataset *ds, uint64_t *s)
{
	uint32_t bits = 0;
	int o;
	for (o = 0; o < ds->n_outcomes; o++) {
		int st = ds->outcomes[o].stage;
		if ((st < 0 || (bits >> st & 1u)) && next(s) % 3 == 0)
			bits |= 1u << o;
	}
	return bits;
}

static void assert_same(const struct agg *a, const struct agg *b)
{
	size_t u, c, g;
	int o;
	cr_assert_eq(a->rows, b->rows);
	cr_assert_eq(a->n_units, b->n_units);
	for (u = 0; u < a->n_units; u++)
		cr_assert_str_eq(a->units[u], b->units[u], "unit %zu", u);
	cr_assert_eq(a->n_grades, b->n_grades);
	for (c = 0; c < MC_COUNT; c++) {
		cr_assert_eq(a->n_groups[c], b->n_groups[c], "char %zu: %zu vs %zu groups", c,
			     a->n_groups[c], b->n_groups[c]);
		for (g = 0; g < a->n_groups[c]; g++)
			cr_assert_str_eq(a->groups[c][g], b->groups[c][g]);
	}
	for (u = 0; u < a->n_units; u++)
		for (c = 0; c < MC_COUNT; c++)
			for (g = 0; g < a->n_groups[c]; g++) {
				const struct agg_cell *x = agg_cell_at(a, u, (enum mon_char)c, g);
				const struct agg_cell *y = agg_cell_at(b, u, (enum mon_char)c, g);
				cr_assert_eq(x->n, y->n, "unit %zu char %zu group %zu", u, c, g);
				for (o = 0; o < DS_MAX_OUTCOMES; o++) {
					cr_assert_eq(x->num[o], y->num[o]);
					cr_assert_eq(x->den[o], y->den[o]);
				}
			}
	if (a->grade_n)
		cr_assert_eq(memcmp(a->grade_n, b->grade_n,
				    a->n_grades * MC_COUNT * AGG_MAX_GROUPS * sizeof *a->grade_n),
			     0);
}

/* Count n random records of ds over n_units units both ways; hints as
 * a reader's memo would give them when `hints`. */
static void compare(const struct dataset *ds, size_t n, size_t n_units, int hints,
		    size_t fold_at)
{
	struct agg *a = agg_new(ds), *b = agg_new(ds);
	int32_t unit_hint[400], cat_hint[MC_COUNT][64];
	uint64_t s = 0x9E3779B97F4A7C15ull;
	struct err e;
	size_t i, c;

	cr_assert(n_units <= 400);
	memset(unit_hint, 0xFF, sizeof unit_hint); /* -1: not set */
	memset(cat_hint, 0xFF, sizeof cat_hint);
	err_clear(&e);
	for (i = 0; i < n; i++) {
		struct mon_record r;
		char unit[32];
		size_t uk = next(&s) % (n_units + 1); /* n_units: no unit */
		memset(&r, 0, sizeof r);
		if (uk < n_units)
			snprintf(unit, sizeof unit, "Unit %zu", uk);
		else
			unit[0] = '\0';
		r.unit = unit;
		r.unit_len = next(&s) % 2 ? strlen(unit) : 0; /* 0: not known */
		r.grade = "";
		if (hints && uk < n_units)
			r.unit_hint = &unit_hint[uk];
		for (c = 0; c < MC_COUNT; c++) {
			if (!ds->char_column[c][0])
				continue;
			r.cat[c] = pick((enum mon_char)c, ds, &s);
			if (hints) {
				/* one hint per category: the memo's slot for its text */
				size_t k, cnt = mon_category_count((enum mon_char)c,
								   (enum eth_system)ds->eth_system);
				for (k = 0; k < cnt && mon_category_at((enum mon_char)c,
								       (enum eth_system)ds->eth_system,
								       k) != r.cat[c];
				     k++)
					;
				if (k == cnt) /* Not stated and Missing: slots of their own */
					k += r.cat[c]->kind == MK_MISSING;
				r.cat_hint[c] = k < 64 ? &cat_hint[c][k] : NULL;
			}
		}
		r.outcomes = outcomes(ds, &s);
		cr_assert_eq(agg_add(a, &r, &e), 0, "%s", e.msg);
		cr_assert_eq(agg_tally(b, &r, &e), 0, "%s", e.msg);
		if (i == fold_at)
			agg_tally_fold(b);
	}
	agg_tally_fold(b);
	assert_same(a, b);
	agg_free(a);
	agg_free(b);
}

Test(agg, tally_counts_what_add_counts)
{
	struct dataset ds;
	struct err e;
	err_clear(&e);
	cr_assert_eq(dataset_preset("service-users", &ds, &e), 0);
	compare(&ds, 20000, 8, 0, (size_t)-1);
	compare(&ds, 20000, 8, 1, 777);
}

Test(agg, tally_counts_units_past_the_histogram_directly)
{
	struct dataset ds;
	struct err e;
	err_clear(&e);
	cr_assert_eq(dataset_preset("service-users", &ds, &e), 0);
	compare(&ds, 30000, 300, 1, 12345); /* the histogram holds 256 units */
}

Test(agg, tally_counts_datasets_with_many_outcomes_directly)
{
	struct dataset ds;
	struct err e;
	int o;
	err_clear(&e);
	cr_assert_eq(dataset_preset("service-users", &ds, &e), 0);
	/* six outcomes: more than the histogram's four */
	for (o = ds.n_outcomes; o < 6; o++) {
		ds.outcomes[o] = ds.outcomes[ds.n_outcomes - 1];
		snprintf(ds.outcomes[o].name, sizeof ds.outcomes[o].name, "extra%d", o);
		ds.outcomes[o].stage = o - 1;
	}
	ds.n_outcomes = 6;
	compare(&ds, 20000, 10, 1, (size_t)-1);
}

Test(agg, tally_count_counts_what_agg_count_counts)
{
	struct dataset ds;
	struct agg *a, *b;
	struct err e;
	uint64_t s = 12345;
	size_t i, c;
	err_clear(&e);
	cr_assert_eq(dataset_preset("service-users", &ds, &e), 0);
	a = agg_new(&ds);
	b = agg_new(&ds);
	for (i = 0; i < 50000; i++) {
		char unit[32];
		int ua, ub, ga, gb;
		c = next(&s) % MC_COUNT;
		if (!ds.char_column[c][0])
			continue;
		snprintf(unit, sizeof unit, "Unit %u", (unsigned)(next(&s) % 300));
		ua = agg_unit(a, unit, &e);
		ub = agg_unit(b, unit, &e);
		cr_assert_eq(ua, ub);
		{
			const struct mon_category *cat = pick((enum mon_char)c, &ds, &s);
			ga = agg_group(a, (enum mon_char)c, cat, &e);
			gb = agg_group(b, (enum mon_char)c, cat, &e);
		}
		cr_assert_eq(ga, gb);
		{
			uint32_t o = outcomes(&ds, &s);
			agg_count(a, (size_t)ua, (enum mon_char)c, (size_t)ga, o, 1);
			agg_tally_count(b, (size_t)ub, (enum mon_char)c, (size_t)gb, o);
		}
	}
	agg_tally_fold(b);
	assert_same(a, b);
	agg_free(a);
	agg_free(b);
}
