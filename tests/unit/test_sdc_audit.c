/*
 * test_sdc_audit: the GLPK audit of publish/sdc.h (src/publish/audit.c) —
 * hand-made tables whose intervals are known by hand: a 2×2 table with
 * its margins published and its four inner cells suppressed (each cell
 * lies in [max(0, r + c - N), min(r, c)]); a cell pinned by
 * non-negativity; the at_most link narrowing an interval; hidden cells
 * (a period never released) widening one; a rounded total; a cell that
 * only whole numbers pin; published figures that contradict the totals
 * (ERR_DATA). Also the builder functions of src/publish/sdc_build.c.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>

#include "publish/sdc.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static int32_t cell(struct sdc *p, int64_t value, enum sdc_status st)
{
	int32_t i = sdc_add_cell(p, value, 0);
	p->cells[i].status = (uint8_t)st;
	return i;
}

/* The bound of cell c in the audit's answer (which must list it). */
static struct sdc_bound bound_of(const struct sdc_bound *b, size_t n, int32_t c)
{
	for (size_t i = 0; i < n; i++)
		if (b[i].cell == (size_t)c)
			return b[i];
	cr_assert_fail("cell %d is not in the audit", (int)c);
	struct sdc_bound none = {0, 0, 0};
	return none;
}

static void expect(const struct sdc_bound *b, size_t n, int32_t c, int64_t lo, int64_t hi)
{
	struct sdc_bound x = bound_of(b, n, c);
	cr_expect_eq(x.lo, lo, "cell %d: lo %lld, wanted %lld", (int)c, (long long)x.lo, (long long)lo);
	cr_expect_eq(x.hi, hi, "cell %d: hi %lld, wanted %lld", (int)c, (long long)x.hi, (long long)hi);
}

static int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }
static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

Test(sdc_build, cells_and_equations)
{
	struct sdc p;
	sdc_init(&p);
	cr_assert_eq(p.n_eq, 0);
	cr_assert_eq(p.eq_start[0], 0);
	int32_t parts[200];
	for (int i = 0; i < 200; i++)
		parts[i] = sdc_add_cell(&p, i, (uint64_t)i);
	int32_t t = sdc_add_cell(&p, 19900, 7);
	cr_assert_eq(t, 200);
	cr_assert_eq(p.cells[t].status, SDC_CANDIDATE);
	cr_assert_eq(p.cells[t].at_most, -1);
	cr_assert_eq(p.cells[t].lo, 19900);
	cr_assert_eq(p.cells[t].hi, 19900);
	cr_assert_eq(p.cells[t].rank, 7);
	cr_assert_eq(p.cells[t].fixed, 0);
	for (int q = 0; q < 100; q++)
		sdc_add_sum(&p, t, parts, 200);
	sdc_add_sum(&p, parts[0], parts + 1, 1);
	cr_assert_eq(p.n_eq, 101);
	cr_assert_eq(p.n_terms, 100 * 201 + 2);
	cr_assert_eq(p.eq_start[100], 100 * 201);
	cr_assert_eq(p.eq_start[101], 100 * 201 + 2);
	cr_assert_eq(p.eq_cell[200], t);
	cr_assert_eq(p.eq_coef[200], -1);
	cr_assert_eq(p.eq_coef[199], 1);
	cr_assert_eq(p.eq_cell[100 * 201], 1);
	cr_assert_eq(p.eq_cell[100 * 201 + 1], 0);
	sdc_free(&p);
	sdc_free(NULL);
}

/* A 2×2 table with every margin published and the inner cells
 * suppressed: a in [max(0, r1 + c1 - N), min(r1, c1)], and so on. */
Test(sdc_audit, two_by_two_margins)
{
	static const int64_t rows[][4] = {
		{3, 7, 5, 6}, {1, 1, 1, 1}, {0, 9, 4, 2}, {2, 30, 40, 3}, {5, 0, 0, 5},
	};
	for (size_t t = 0; t < N_OF(rows); t++) {
		struct sdc p;
		struct err e;
		struct sdc_bound *b;
		size_t n;
		int64_t a = rows[t][0], bb = rows[t][1], c = rows[t][2], d = rows[t][3];
		int64_t r1 = a + bb, r2 = c + d, c1 = a + c, c2 = bb + d, N = r1 + r2;
		sdc_init(&p);
		int32_t x[4];
		x[0] = cell(&p, a, SDC_PRIMARY);
		x[1] = cell(&p, bb, SDC_SECONDARY);
		x[2] = cell(&p, c, SDC_SECONDARY);
		x[3] = cell(&p, d, SDC_SECONDARY);
		int32_t R1 = cell(&p, r1, SDC_PUBLISHED), R2 = cell(&p, r2, SDC_PUBLISHED);
		int32_t C1 = cell(&p, c1, SDC_PUBLISHED), C2 = cell(&p, c2, SDC_PUBLISHED);
		int32_t NN = cell(&p, N, SDC_PUBLISHED);
		sdc_add_sum(&p, R1, (int32_t[]){x[0], x[1]}, 2);
		sdc_add_sum(&p, R2, (int32_t[]){x[2], x[3]}, 2);
		sdc_add_sum(&p, C1, (int32_t[]){x[0], x[2]}, 2);
		sdc_add_sum(&p, C2, (int32_t[]){x[1], x[3]}, 2);
		sdc_add_sum(&p, NN, (int32_t[]){R1, R2}, 2);
		sdc_add_sum(&p, NN, (int32_t[]){C1, C2}, 2);
		err_clear(&e);
		cr_assert_eq(sdc_audit(&p, &b, &n, &e), 0, "%s", e.msg);
		cr_assert_eq(n, 4);
		for (size_t i = 0; i < 4; i++)
			cr_expect_eq(b[i].cell, (size_t)x[i], "index order");
		expect(b, n, x[0], max64(0, r1 + c1 - N), min64(r1, c1));
		expect(b, n, x[1], max64(0, r1 + c2 - N), min64(r1, c2));
		expect(b, n, x[2], max64(0, r2 + c1 - N), min64(r2, c1));
		expect(b, n, x[3], max64(0, r2 + c2 - N), min64(r2, c2));
		free(b);
		sdc_free(&p);
	}
}

/* x + y = 5 and y + z = 0: y and z can only be 0, so x is 5. */
Test(sdc_audit, pinned_by_non_negativity)
{
	struct sdc p;
	struct err e;
	struct sdc_bound *b;
	size_t n;
	sdc_init(&p);
	int32_t x = cell(&p, 5, SDC_PRIMARY), y = cell(&p, 0, SDC_SECONDARY);
	int32_t z = cell(&p, 0, SDC_SECONDARY);
	int32_t t1 = cell(&p, 5, SDC_PUBLISHED), t2 = cell(&p, 0, SDC_PUBLISHED);
	sdc_add_sum(&p, t1, (int32_t[]){x, y}, 2);
	sdc_add_sum(&p, t2, (int32_t[]){y, z}, 2);
	err_clear(&e);
	cr_assert_eq(sdc_audit(&p, &b, &n, &e), 0, "%s", e.msg);
	expect(b, n, x, 5, 5);
	expect(b, n, y, 0, 0);
	expect(b, n, z, 0, 0);
	free(b);
	sdc_free(&p);
}

/* Two numerators adding up to 8, their denominators 3 and 20: the first
 * is at most 3, so the second at least 5. Without the link, 0..8 each. */
Test(sdc_audit, at_most_narrows)
{
	for (int linked = 0; linked <= 1; linked++) {
		struct sdc p;
		struct err e;
		struct sdc_bound *b;
		size_t n;
		sdc_init(&p);
		int32_t n1 = cell(&p, 2, SDC_PRIMARY), n2 = cell(&p, 6, SDC_SECONDARY);
		int32_t t = cell(&p, 8, SDC_PUBLISHED);
		int32_t d1 = cell(&p, 3, SDC_PUBLISHED), d2 = cell(&p, 20, SDC_PUBLISHED);
		sdc_add_sum(&p, t, (int32_t[]){n1, n2}, 2);
		if (linked) {
			p.cells[n1].at_most = d1;
			p.cells[n2].at_most = d2;
		}
		err_clear(&e);
		cr_assert_eq(sdc_audit(&p, &b, &n, &e), 0, "%s", e.msg);
		expect(b, n, n1, 0, linked ? 3 : 8);
		expect(b, n, n2, linked ? 5 : 0, 8);
		free(b);
		sdc_free(&p);
	}
}

/* The link between two suppressed cells (a numerator and its suppressed
 * denominator): numerator 4 of denominator 6; the denominators add up to
 * 10 with a published 4, the numerators to 5 with a published 1. */
Test(sdc_audit, at_most_between_suppressed_cells)
{
	struct sdc p;
	struct err e;
	struct sdc_bound *b;
	size_t n;
	sdc_init(&p);
	int32_t num = cell(&p, 4, SDC_SECONDARY), den = cell(&p, 6, SDC_PRIMARY);
	int32_t num2 = cell(&p, 1, SDC_PUBLISHED), den2 = cell(&p, 4, SDC_PUBLISHED);
	int32_t nt = cell(&p, 5, SDC_PUBLISHED), dt = cell(&p, 10, SDC_PUBLISHED);
	p.cells[num].at_most = den;
	p.cells[num2].at_most = den2;
	sdc_add_sum(&p, nt, (int32_t[]){num, num2}, 2);
	sdc_add_sum(&p, dt, (int32_t[]){den, den2}, 2);
	err_clear(&e);
	cr_assert_eq(sdc_audit(&p, &b, &n, &e), 0, "%s", e.msg);
	expect(b, n, num, 4, 4);
	expect(b, n, den, 6, 6);
	free(b);
	sdc_free(&p);

	/* the denominator unknown: the numerator pins it from below only */
	sdc_init(&p);
	num = cell(&p, 4, SDC_PUBLISHED);
	den = cell(&p, 6, SDC_PRIMARY);
	p.cells[num].at_most = den;
	err_clear(&e);
	cr_assert_eq(sdc_audit(&p, &b, &n, &e), 0, "%s", e.msg);
	expect(b, n, den, 4, INT64_MAX);
	free(b);
	sdc_free(&p);
}

/* A year = its two halves. With the second half released, the first
 * half's suppressed cell is the difference; with it hidden (never
 * released), anything from 0 to the year. */
Test(sdc_audit, hidden_cells)
{
	for (int hidden = 0; hidden <= 1; hidden++) {
		struct sdc p;
		struct err e;
		struct sdc_bound *b;
		size_t n;
		sdc_init(&p);
		int32_t h1 = cell(&p, 3, SDC_PRIMARY);
		int32_t h2 = cell(&p, 12, hidden ? SDC_HIDDEN : SDC_PUBLISHED);
		int32_t y = cell(&p, 15, SDC_PUBLISHED);
		sdc_add_sum(&p, y, (int32_t[]){h1, h2}, 2);
		err_clear(&e);
		cr_assert_eq(sdc_audit(&p, &b, &n, &e), 0, "%s", e.msg);
		cr_assert_eq(n, 1, "hidden cells are not bounded");
		expect(b, n, h1, hidden ? 0 : 3, hidden ? 15 : 3);
		free(b);
		sdc_free(&p);
	}
}

/* A cell in no equation: 0 to its at_most cell, or unbounded. */
Test(sdc_audit, alone)
{
	struct sdc p;
	struct err e;
	struct sdc_bound *b;
	size_t n;
	sdc_init(&p);
	int32_t a = cell(&p, 2, SDC_PRIMARY), d = cell(&p, 7, SDC_PUBLISHED);
	int32_t c = cell(&p, 1, SDC_SECONDARY);
	p.cells[a].at_most = d;
	err_clear(&e);
	cr_assert_eq(sdc_audit(&p, &b, &n, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 2);
	expect(b, n, a, 0, 7);
	expect(b, n, c, 0, INT64_MAX);
	free(b);
	sdc_free(&p);
}

/* Rounded to 5: a total shown as 10 is 8..12; with a part of 3 shown
 * exactly, the suppressed part is 5..9. Rounded parts widen it further. */
Test(sdc_audit, rounded_total)
{
	struct sdc p;
	struct err e;
	struct sdc_bound *b;
	size_t n;
	sdc_init(&p);
	int32_t x = cell(&p, 7, SDC_PRIMARY), y = cell(&p, 3, SDC_PUBLISHED);
	int32_t t = cell(&p, 10, SDC_PUBLISHED);
	p.cells[t].lo = 8;
	p.cells[t].hi = 12;
	sdc_add_sum(&p, t, (int32_t[]){x, y}, 2);
	err_clear(&e);
	cr_assert_eq(sdc_audit(&p, &b, &n, &e), 0, "%s", e.msg);
	expect(b, n, x, 5, 9);
	free(b);
	p.cells[y].lo = 1;
	p.cells[y].hi = 5;
	err_clear(&e);
	cr_assert_eq(sdc_audit(&p, &b, &n, &e), 0, "%s", e.msg);
	expect(b, n, x, 3, 11);
	free(b);
	sdc_free(&p);
}

/* x + y = 1, y + z = 1, x + z + t = 1: on whole numbers x = z = 0, y = 1,
 * t = 1, but the LP relaxation lets t be anything in 0..1 (x = y = z =
 * 1/2, t = 0): only integer programming pins t. */
Test(sdc_audit, pinned_only_on_whole_numbers)
{
	struct sdc p;
	struct err e;
	struct sdc_bound *b;
	size_t n;
	sdc_init(&p);
	int32_t x = cell(&p, 0, SDC_SECONDARY), y = cell(&p, 1, SDC_SECONDARY);
	int32_t z = cell(&p, 0, SDC_SECONDARY), t = cell(&p, 1, SDC_PRIMARY);
	int32_t one[3];
	for (int i = 0; i < 3; i++)
		one[i] = cell(&p, 1, SDC_PUBLISHED);
	sdc_add_sum(&p, one[0], (int32_t[]){x, y}, 2);
	sdc_add_sum(&p, one[1], (int32_t[]){y, z}, 2);
	sdc_add_sum(&p, one[2], (int32_t[]){x, z, t}, 3);
	err_clear(&e);
	cr_assert_eq(sdc_audit(&p, &b, &n, &e), 0, "%s", e.msg);
	expect(b, n, t, 1, 1);
	expect(b, n, x, 0, 0);
	expect(b, n, y, 1, 1);
	free(b);
	sdc_free(&p);
}

/* Published figures that no counts can match: ERR_DATA, nothing out. */
Test(sdc_audit, contradiction)
{
	struct sdc p;
	struct err e;
	struct sdc_bound *b;
	size_t n;

	/* all published: 3 + 4 is not 10 */
	sdc_init(&p);
	int32_t a = cell(&p, 3, SDC_PUBLISHED), c = cell(&p, 4, SDC_PUBLISHED);
	int32_t t = cell(&p, 10, SDC_PUBLISHED);
	cell(&p, 1, SDC_PRIMARY);
	sdc_add_sum(&p, t, (int32_t[]){a, c}, 2);
	err_clear(&e);
	cr_assert_eq(sdc_audit(&p, &b, &n, &e), ERR_DATA);
	cr_assert_null(b);
	cr_assert_eq(n, 0);
	cr_assert(strstr(e.msg, "contradict"), "%s", e.msg);
	sdc_free(&p);

	/* margins that disagree about the grand total: the LP has no solution */
	sdc_init(&p);
	int32_t x[4];
	for (int i = 0; i < 4; i++)
		x[i] = cell(&p, 2, SDC_PRIMARY);
	int32_t R1 = cell(&p, 4, SDC_PUBLISHED), R2 = cell(&p, 4, SDC_PUBLISHED);
	int32_t C1 = cell(&p, 4, SDC_PUBLISHED), C2 = cell(&p, 5, SDC_PUBLISHED);
	sdc_add_sum(&p, R1, (int32_t[]){x[0], x[1]}, 2);
	sdc_add_sum(&p, R2, (int32_t[]){x[2], x[3]}, 2);
	sdc_add_sum(&p, C1, (int32_t[]){x[0], x[2]}, 2);
	sdc_add_sum(&p, C2, (int32_t[]){x[1], x[3]}, 2);
	err_clear(&e);
	cr_assert_eq(sdc_audit(&p, &b, &n, &e), ERR_DATA);
	cr_assert(strstr(e.msg, "contradict"), "%s", e.msg);
	sdc_free(&p);

	/* a numerator published above its published denominator */
	sdc_init(&p);
	a = cell(&p, 5, SDC_PUBLISHED);
	c = cell(&p, 4, SDC_PUBLISHED);
	cell(&p, 1, SDC_PRIMARY);
	p.cells[a].at_most = c;
	err_clear(&e);
	cr_assert_eq(sdc_audit(&p, &b, &n, &e), ERR_DATA);
	sdc_free(&p);

	/* x + y = 1, y + z = 1, x + z = 1: only halves fit, no whole numbers */
	sdc_init(&p);
	int32_t u = cell(&p, 0, SDC_PRIMARY), v = cell(&p, 1, SDC_PRIMARY);
	int32_t w = cell(&p, 0, SDC_PRIMARY);
	int32_t one[3];
	for (int i = 0; i < 3; i++)
		one[i] = cell(&p, 1, SDC_PUBLISHED);
	sdc_add_sum(&p, one[0], (int32_t[]){u, v}, 2);
	sdc_add_sum(&p, one[1], (int32_t[]){v, w}, 2);
	sdc_add_sum(&p, one[2], (int32_t[]){u, w}, 2);
	err_clear(&e);
	cr_assert_eq(sdc_audit(&p, &b, &n, &e), ERR_DATA);
	cr_assert(strstr(e.msg, "whole-number"), "%s", e.msg);
	sdc_free(&p);
}

/* Many independent tables in one problem: each is its own component and
 * gets the same answer as alone. */
Test(sdc_audit, many_components)
{
	struct sdc p;
	struct err e;
	struct sdc_bound *b;
	size_t n;
	sdc_init(&p);
	for (int k = 0; k < 300; k++) {
		int32_t x = cell(&p, 2 + k % 5, SDC_PRIMARY), y = cell(&p, 10, SDC_SECONDARY);
		int32_t z = cell(&p, 20, SDC_PUBLISHED);
		int32_t t = cell(&p, 12 + k % 5 + 20, SDC_PUBLISHED);
		sdc_add_sum(&p, t, (int32_t[]){x, y, z}, 3);
	}
	err_clear(&e);
	cr_assert_eq(sdc_audit(&p, &b, &n, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 600);
	for (int k = 0; k < 300; k++) {
		cr_expect_eq(b[2 * k].lo, 0);
		cr_expect_eq(b[2 * k].hi, 12 + k % 5);
		cr_expect_eq(b[2 * k + 1].cell, (size_t)(4 * k + 1));
	}
	free(b);
	sdc_free(&p);
}
