/*
 * test_publish_grid: publish_protect_grid (src/publish/grid.c), the safe
 * publication of one two-way table with its totals. Checked independently
 * of the method: for small tables every table of whole, non-negative
 * counts that agrees with what is shown is enumerated, and each withheld
 * small count must be able to take at least two values among them.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "publish/publish.h"

#define MAXC 12

/* Enumerate the withheld inner cells (0..limit each); the table is
 * consistent when every shown total matches. Records, for each withheld
 * inner cell, the lowest and highest value in a consistent table. */
static void walk(size_t nr, size_t nc, int64_t *t, const uint8_t *shown, const int64_t *truth,
		 size_t k, int64_t limit, int64_t *lo, int64_t *hi)
{
	size_t n_in = nr * nc, r, c;
	if (k == n_in) {
		int64_t all = 0;
		for (r = 0; r < nr; r++) {
			int64_t s = 0;
			for (c = 0; c < nc; c++)
				s += t[r * nc + c];
			if (shown[n_in + r] && s != truth[n_in + r])
				return;
			all += s;
		}
		for (c = 0; c < nc; c++) {
			int64_t s = 0;
			for (r = 0; r < nr; r++)
				s += t[r * nc + c];
			if (shown[n_in + nr + c] && s != truth[n_in + nr + c])
				return;
		}
		if (shown[n_in + nr + nc] && all != truth[n_in + nr + nc])
			return;
		for (r = 0; r < n_in; r++) {
			if (t[r] < lo[r])
				lo[r] = t[r];
			if (t[r] > hi[r])
				hi[r] = t[r];
		}
		return;
	}
	{
		/* a cell is at most its shown row total, column total and the
		 * grand total; a finished row must match its shown total */
		size_t row = k / nc, col = k % nc;
		int64_t top = limit, v;
		if (shown[n_in + row] && truth[n_in + row] < top)
			top = truth[n_in + row];
		if (shown[n_in + nr + col] && truth[n_in + nr + col] < top)
			top = truth[n_in + nr + col];
		for (v = shown[k] ? truth[k] : 0; v <= (shown[k] ? truth[k] : top); v++) {
			t[k] = v;
			if (col == nc - 1 && shown[n_in + row]) {
				int64_t s = 0;
				for (c = 0; c < nc; c++)
					s += t[row * nc + c];
				if (s != truth[n_in + row])
					continue;
			}
			walk(nr, nc, t, shown, truth, k + 1, limit, lo, hi);
		}
	}
}

/* Protect counts, then check the totals' layout and that no withheld small
 * count is pinned. Returns the number of cells withheld. */
static size_t protect_and_check(size_t nr, size_t nc, const int64_t *counts, int threshold)
{
	size_t n_in = nr * nc, n = n_in + nr + nc + 1, i, r, c, withheld = 0;
	uint8_t shown[MAXC * MAXC + 2 * MAXC + 1];
	int64_t truth[MAXC * MAXC + 2 * MAXC + 1], t[MAXC * MAXC], lo[MAXC * MAXC],
		hi[MAXC * MAXC], all = 0;
	struct err e;
	err_clear(&e);
	memset(truth, 0, sizeof truth);
	for (r = 0; r < nr; r++)
		for (c = 0; c < nc; c++) {
			int64_t v = counts[r * nc + c];
			truth[r * nc + c] = v;
			truth[n_in + r] += v;
			truth[n_in + nr + c] += v;
			all += v;
		}
	truth[n - 1] = all;
	cr_assert_eq(publish_protect_grid(nr, nc, counts, threshold, shown, &e), 0, "%s", e.msg);
	for (i = 0; i < n; i++) {
		if (truth[i] >= 1 && truth[i] < threshold)
			cr_assert_eq(shown[i], 0, "small count %zu (%lld) is shown", i,
				     (long long)truth[i]);
		withheld += !shown[i];
	}
	for (i = 0; i < n_in; i++) {
		lo[i] = INT64_MAX;
		hi[i] = -1;
	}
	walk(nr, nc, t, shown, truth, 0, all, lo, hi);
	for (i = 0; i < n_in; i++)
		if (!shown[i] && truth[i] >= 1 && truth[i] < threshold)
			cr_assert_lt(lo[i], hi[i], "withheld count %zu (%lld) can be worked out", i,
				     (long long)truth[i]);
	return withheld;
}

Test(publish_grid, nothing_small_shows_everything)
{
	int64_t v[] = {12, 30, 25, 40, 11, 19};
	cr_assert_eq(protect_and_check(2, 3, v, 10), 0);
}

Test(publish_grid, one_small_count_takes_others_with_it)
{
	int64_t v[] = {3, 30, 25, 40, 11, 19};
	/* the 3, and at least one more in its row and in its column */
	cr_assert_geq(protect_and_check(2, 3, v, 10), 4);
}

Test(publish_grid, small_row_total_is_protected)
{
	int64_t v[] = {2, 0, 1, 30, 12, 40, 15, 22, 18};
	protect_and_check(3, 3, v, 10);
}

Test(publish_grid, one_column)
{
	/* a column of units: the unit totals equal the cells */
	int64_t v[] = {4, 25, 31};
	protect_and_check(3, 1, v, 10);
}

Test(publish_grid, zeros_are_shown)
{
	int64_t v[] = {0, 30, 0, 40};
	uint8_t shown[4 + 2 + 2 + 1];
	struct err e;
	err_clear(&e);
	cr_assert_eq(publish_protect_grid(2, 2, v, 10, shown, &e), 0);
	cr_assert(shown[0] && shown[2]);
}

Test(publish_grid, same_answer_every_time)
{
	int64_t v[] = {3, 30, 25, 40, 11, 19, 7, 14, 22};
	uint8_t a[9 + 3 + 3 + 1], b[9 + 3 + 3 + 1];
	struct err e;
	err_clear(&e);
	cr_assert_eq(publish_protect_grid(3, 3, v, 10, a, &e), 0);
	cr_assert_eq(publish_protect_grid(3, 3, v, 10, b, &e), 0);
	cr_assert_arr_eq(a, b, sizeof a);
}

Test(publish_grid, empty_table)
{
	uint8_t shown[0 + 0 + 4 + 1];
	struct err e;
	err_clear(&e);
	cr_assert_eq(publish_protect_grid(0, 4, NULL, 10, shown, &e), 0);
	cr_assert(shown[4]);
}

Test(publish_grid, random_small_tables)
{
	unsigned seed = 19;
	for (int k = 0; k < 60; k++) {
		size_t nr = 1 + (size_t)(rand_r(&seed) % 2), nc = 1 + (size_t)(rand_r(&seed) % 3);
		int64_t v[9];
		for (size_t i = 0; i < nr * nc; i++) /* mostly small: the hard case */
			v[i] = rand_r(&seed) % 4 == 0 ? 0 : 1 + rand_r(&seed) % 12;
		protect_and_check(nr, nc, v, 10);
	}
}
