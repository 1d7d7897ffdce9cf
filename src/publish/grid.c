/*
 * publish/grid.c: safe publication of one two-way table of counts that
 * another room publishes on its own (the directories' adjustments by unit
 * and type) — the same disclosure control as the public equality tables
 * (docs/publication.md): small counts withheld, then as many more as
 * needed so that none can be worked out from what is shown (Gaussian
 * elimination, sdc_secondary), then checked by linear programming
 * (sdc_pinned) with more withheld around any cell still pinned.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "publish/publish.h"
#include "publish/sdc.h"

#define GRID_ROUNDS 40

/* Rank: inner cells before totals, small before large, zeros last (a
 * zero hides nothing). */
static uint64_t grid_rank(int64_t v, int level)
{
	uint64_t cap = ((uint64_t)1 << 56) - 1;
	return ((uint64_t)(v == 0 ? 3 : level) << 56) | ((uint64_t)v < cap ? (uint64_t)v : cap);
}

/* The cheapest published cell sharing an equation with cell c, or -1. */
static int64_t neighbour(const struct sdc *p, size_t c)
{
	int64_t best = -1;
	size_t q, t;
	for (q = 0; q < p->n_eq; q++) {
		int has = 0;
		for (t = p->eq_start[q]; t < p->eq_start[q + 1]; t++)
			has |= (size_t)p->eq_cell[t] == c;
		if (!has)
			continue;
		for (t = p->eq_start[q]; t < p->eq_start[q + 1]; t++) {
			size_t y = (size_t)p->eq_cell[t];
			if (y == c || p->cells[y].status != SDC_PUBLISHED)
				continue;
			if (best < 0 || p->cells[y].rank < p->cells[best].rank)
				best = (int64_t)y;
		}
	}
	return best;
}

int publish_protect_grid(size_t n_rows, size_t n_cols, const int64_t *counts, int threshold,
			 uint8_t *shown, struct err *e)
{
	size_t n_cells = n_rows * n_cols + n_rows + n_cols + 1, i, r, c, n_sec, n_pinned;
	int32_t *parts = xcalloc(n_rows + n_cols + 1, sizeof *parts);
	uint8_t *check = xcalloc(n_cells, 1), *pin = xcalloc(n_cells, 1);
	int64_t *row_tot = xcalloc(n_rows + 1, sizeof *row_tot);
	int64_t *col_tot = xcalloc(n_cols + 1, sizeof *col_tot), all = 0;
	struct sdc p;
	int rc = 0, round;

	if (threshold < 1)
		threshold = 1;
	if (!n_rows || !n_cols) { /* nothing but a grand total of none */
		memset(shown, 1, n_cells);
		goto out;
	}
	for (r = 0; r < n_rows; r++)
		for (c = 0; c < n_cols; c++) {
			int64_t v = counts[r * n_cols + c];
			row_tot[r] += v;
			col_tot[c] += v;
			all += v;
		}
	/* cells in the order shown[] lays them out */
	sdc_init(&p);
	for (r = 0; r < n_rows; r++)
		for (c = 0; c < n_cols; c++)
			sdc_add_cell(&p, counts[r * n_cols + c], grid_rank(counts[r * n_cols + c], 0));
	for (r = 0; r < n_rows; r++)
		sdc_add_cell(&p, row_tot[r], grid_rank(row_tot[r], 1));
	for (c = 0; c < n_cols; c++)
		sdc_add_cell(&p, col_tot[c], grid_rank(col_tot[c], 1));
	sdc_add_cell(&p, all, grid_rank(all, 2));
	for (r = 0; r < n_rows; r++) {
		for (c = 0; c < n_cols; c++)
			parts[c] = (int32_t)(r * n_cols + c);
		sdc_add_sum(&p, (int32_t)(n_rows * n_cols + r), parts, n_cols);
	}
	for (c = 0; c < n_cols; c++) {
		for (r = 0; r < n_rows; r++)
			parts[r] = (int32_t)(r * n_cols + c);
		sdc_add_sum(&p, (int32_t)(n_rows * n_cols + n_rows + c), parts, n_rows);
	}
	for (r = 0; r < n_rows; r++)
		parts[r] = (int32_t)(n_rows * n_cols + r);
	sdc_add_sum(&p, (int32_t)(n_cells - 1), parts, n_rows);
	for (i = 0; i < n_cells; i++)
		if (p.cells[i].value >= 1 && p.cells[i].value < threshold)
			p.cells[i].status = SDC_PRIMARY;

	if ((rc = sdc_secondary(&p, &n_sec, e)) < 0)
		goto done;
	for (i = 0; i < n_cells; i++)
		check[i] = p.cells[i].status == SDC_PRIMARY;
	for (round = 0;; round++) {
		if ((rc = sdc_pinned(&p, check, pin, &n_pinned, e)) < 0)
			goto done;
		if (!n_pinned)
			break;
		if (round == GRID_ROUNDS) {
			rc = err_set(e, ERR_DATA, "%zu withheld counts could still be worked out "
				     "exactly after %d rounds of further suppression; raise the "
				     "threshold", n_pinned, GRID_ROUNDS);
			goto done;
		}
		for (i = 0; i < n_cells; i++) {
			int64_t y;
			check[i] = pin[i];
			if (!pin[i])
				continue;
			if ((y = neighbour(&p, i)) < 0) {
				rc = err_set(e, ERR_DATA, "a withheld count can be worked out exactly "
					     "and nothing near it is left to withhold; raise the "
					     "threshold");
				goto done;
			}
			p.cells[y].status = SDC_SECONDARY;
		}
	}
	for (i = 0; i < n_cells; i++)
		shown[i] = p.cells[i].status == SDC_PUBLISHED;
	rc = 0;
done:
	sdc_free(&p);
out:
	free(parts);
	free(check);
	free(pin);
	free(row_tot);
	free(col_tot);
	return rc;
}
