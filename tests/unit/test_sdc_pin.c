/*
 * test_sdc_pin: sdc_pinned (src/publish/pin.c), the release's check that
 * no primary cell can be pinned to one whole number: hand-made cases
 * (a row whose other cells are published; a 2x2 table fully suppressed; a
 * numerator pinned by its denominator and a published zero beside it;
 * linked tables), and on random small linked tables the same answer as
 * the full audit (sdc_audit: a cell is pinned when its interval is one
 * value).
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>

#include "publish/sdc.h"

static int32_t cell(struct sdc *p, int64_t value, enum sdc_status st)
{
	int32_t i = sdc_add_cell(p, value, 0);
	p->cells[i].status = (uint8_t)st;
	return i;
}

static size_t pinned_of(const struct sdc *p, uint8_t *pin)
{
	uint8_t *check = calloc(p->n_cells + 1, 1);
	size_t n = 0, i;
	struct err e;
	err_clear(&e);
	for (i = 0; i < p->n_cells; i++)
		check[i] = p->cells[i].status == SDC_PRIMARY || p->cells[i].status == SDC_SECONDARY;
	cr_assert_eq(sdc_pinned(p, check, pin, &n, &e), 0, "sdc_pinned: %s", e.msg);
	free(check);
	return n;
}

/* a + b = t with b and t published: a is t - b, pinned */
Test(sdc_pin, row_with_one_cell_suppressed)
{
	struct sdc p;
	uint8_t pin[3];
	sdc_init(&p);
	int32_t a = cell(&p, 3, SDC_PRIMARY), b = cell(&p, 12, SDC_PUBLISHED),
		t = cell(&p, 15, SDC_PUBLISHED);
	int32_t parts[] = {a, b};
	sdc_add_sum(&p, t, parts, 2);
	cr_assert_eq(pinned_of(&p, pin), 1);
	cr_assert(pin[a]);
	sdc_free(&p);
}

/* a 2x2 table, inner cells suppressed, margins published: each inner cell
 * moves by one with the others (a rectangle), so none is pinned */
Test(sdc_pin, two_by_two)
{
	struct sdc p;
	uint8_t pin[8];
	sdc_init(&p);
	int32_t x11 = cell(&p, 3, SDC_PRIMARY), x12 = cell(&p, 20, SDC_SECONDARY);
	int32_t x21 = cell(&p, 30, SDC_SECONDARY), x22 = cell(&p, 4, SDC_PRIMARY);
	int32_t r1 = cell(&p, 23, SDC_PUBLISHED), r2 = cell(&p, 34, SDC_PUBLISHED);
	int32_t c1 = cell(&p, 33, SDC_PUBLISHED), c2 = cell(&p, 24, SDC_PUBLISHED);
	int32_t a[] = {x11, x12}, b[] = {x21, x22}, c[] = {x11, x21}, d[] = {x12, x22};
	sdc_add_sum(&p, r1, a, 2);
	sdc_add_sum(&p, r2, b, 2);
	sdc_add_sum(&p, c1, c, 2);
	sdc_add_sum(&p, c2, d, 2);
	cr_assert_eq(pinned_of(&p, pin), 0);
	/* the same table with a zero in the corner it would have to borrow
	 * from: x12 = 0 means the rectangle can only move one way; x11 = 3
	 * can still grow, so still not pinned */
	p.cells[x12].value = 0;
	p.cells[r1].value = p.cells[r1].lo = p.cells[r1].hi = 3;
	p.cells[x21].value = 30;
	p.cells[c2].value = p.cells[c2].lo = p.cells[c2].hi = 4;
	cr_assert_eq(pinned_of(&p, pin), 0);
	sdc_free(&p);
}

/* n + z = t, t published 5, z suppressed but at most its denominator,
 * which is published 0: z is 0, so n is 5 */
Test(sdc_pin, pinned_through_at_most)
{
	struct sdc p;
	uint8_t pin[4];
	sdc_init(&p);
	int32_t n = cell(&p, 5, SDC_PRIMARY), z = cell(&p, 0, SDC_SECONDARY);
	int32_t t = cell(&p, 5, SDC_PUBLISHED), zd = cell(&p, 0, SDC_PUBLISHED);
	int32_t parts[] = {n, z};
	sdc_add_sum(&p, t, parts, 2);
	p.cells[z].at_most = zd;
	cr_assert_eq(pinned_of(&p, pin), 2);
	cr_assert(pin[n] && pin[z]);
	/* z's denominator suppressed too (unknown, at least 0): free again */
	p.cells[zd].status = SDC_SECONDARY;
	cr_assert_eq(pinned_of(&p, pin), 0);
	sdc_free(&p);
}

/* random linked tables (two tables sharing their row totals, cells
 * suppressed at random): sdc_pinned agrees with sdc_audit cell by cell */
Test(sdc_pin, agrees_with_the_audit)
{
	unsigned seed = 7;
	int rounds, disagreements = 0, pinned_seen = 0;
	for (rounds = 0; rounds < 150; rounds++) {
		struct sdc p;
		struct sdc_bound *bd = NULL;
		size_t nb = 0, i, R = 2 + (size_t)(rand_r(&seed) % 3), C = 2 + (size_t)(rand_r(&seed) % 3);
		int32_t cellid[2][5][5], row[5], col[2][5];
		uint8_t *pin;
		struct err e;
		err_clear(&e);
		sdc_init(&p);
		for (size_t r = 0; r < R; r++)
			row[r] = -1;
		for (int tb = 0; tb < 2; tb++)
			for (size_t r = 0; r < R; r++)
				for (size_t c = 0; c < C; c++) {
					int64_t v = rand_r(&seed) % 4 == 0 ? 0 : rand_r(&seed) % 12;
					int st = rand_r(&seed) % 3 == 0 ? SDC_PRIMARY
						 : rand_r(&seed) % 4 == 0 ? SDC_SECONDARY
									 : SDC_PUBLISHED;
					cellid[tb][r][c] = cell(&p, v, (enum sdc_status)st);
				}
		/* the second table's rows must add to the first's: scale the
		 * last column of table 2 so that they do */
		for (size_t r = 0; r < R; r++) {
			int64_t s1 = 0, s2 = 0;
			for (size_t c = 0; c < C; c++)
				s1 += p.cells[cellid[0][r][c]].value;
			for (size_t c = 0; c + 1 < C; c++)
				s2 += p.cells[cellid[1][r][c]].value;
			if (s2 > s1) {
				/* shrink table 2's row to zeros but the last */
				for (size_t c = 0; c + 1 < C; c++)
					p.cells[cellid[1][r][c]].value = 0;
				s2 = 0;
			}
			p.cells[cellid[1][r][C - 1]].value = s1 - s2;
			row[r] = cell(&p, s1, rand_r(&seed) % 3 == 0 ? SDC_SECONDARY : SDC_PUBLISHED);
		}
		for (int tb = 0; tb < 2; tb++)
			for (size_t c = 0; c < C; c++) {
				int64_t s = 0;
				for (size_t r = 0; r < R; r++)
					s += p.cells[cellid[tb][r][c]].value;
				col[tb][c] = cell(&p, s, rand_r(&seed) % 4 == 0 ? SDC_SECONDARY : SDC_PUBLISHED);
			}
		for (i = 0; i < p.n_cells; i++)
			p.cells[i].lo = p.cells[i].hi = p.cells[i].value;
		for (int tb = 0; tb < 2; tb++) {
			for (size_t r = 0; r < R; r++) {
				int32_t parts[5];
				for (size_t c = 0; c < C; c++)
					parts[c] = cellid[tb][r][c];
				sdc_add_sum(&p, row[r], parts, C);
			}
			for (size_t c = 0; c < C; c++) {
				int32_t parts[5];
				for (size_t r = 0; r < R; r++)
					parts[r] = cellid[tb][r][c];
				sdc_add_sum(&p, col[tb][c], parts, R);
			}
		}
		pin = calloc(p.n_cells + 1, 1);
		pinned_of(&p, pin);
		cr_assert_eq(sdc_audit(&p, &bd, &nb, &e), 0, "audit: %s", e.msg);
		for (i = 0; i < nb; i++) {
			int by_audit = bd[i].lo == bd[i].hi;
			pinned_seen += by_audit;
			if (by_audit != pin[bd[i].cell])
				disagreements++;
		}
		free(pin);
		free(bd);
		sdc_free(&p);
	}
	cr_expect_eq(disagreements, 0, "%d cells judged differently", disagreements);
	cr_expect_gt(pinned_seen, 10, "the random tables pinned only %d cells", pinned_seen);
}
