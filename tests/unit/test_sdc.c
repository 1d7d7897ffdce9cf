/*
 * test_sdc: the domain-free core of disclosure control (src/publish/sdc.c)
 * — secondary suppression by Gaussian elimination and the exact
 * disclosure check. Small tables whose answer is known by hand (the
 * rectangle around one small inner cell; a row of zeros; a quarter
 * released, then the year: differencing), the error when an earlier
 * release already gives a cell away, the same pattern whatever the order
 * of the equations, and a randomized property test against a dense,
 * plainly written exact elimination over the integers.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "publish/sdc.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define TOTAL_RANK 1000000u

/* A table of R x C inner cells with row totals, column totals and the
 * grand total. */
struct tab {
	int R, C;
	int32_t in[4][4], row[4], col[4], all;
};

static void add_table(struct sdc *p, struct tab *t, int R, int C, const int64_t v[4][4], unsigned order_seed)
{
	int64_t rs[4] = {0}, cs[4] = {0}, g = 0;
	t->R = R;
	t->C = C;
	for (int r = 0; r < R; r++)
		for (int c = 0; c < C; c++) {
			t->in[r][c] = sdc_add_cell(p, v[r][c], (uint64_t)v[r][c]);
			rs[r] += v[r][c];
			cs[c] += v[r][c];
			g += v[r][c];
		}
	for (int r = 0; r < R; r++)
		t->row[r] = sdc_add_cell(p, rs[r], TOTAL_RANK + (uint64_t)rs[r]);
	for (int c = 0; c < C; c++)
		t->col[c] = sdc_add_cell(p, cs[c], TOTAL_RANK + (uint64_t)cs[c]);
	t->all = sdc_add_cell(p, g, 2 * TOTAL_RANK);
	/* Equations, in an order that depends on order_seed. */
	int n_eq = R + C + 1, idx[16];
	for (int i = 0; i < n_eq; i++)
		idx[i] = i;
	srand(order_seed);
	for (int i = n_eq - 1; order_seed && i > 0; i--) {
		int j = rand() % (i + 1), x = idx[i];
		idx[i] = idx[j];
		idx[j] = x;
	}
	for (int k = 0; k < n_eq; k++) {
		int i = idx[k];
		int32_t parts[4];
		if (i < R) {
			for (int c = 0; c < C; c++)
				parts[c] = t->in[i][c];
			sdc_add_sum(p, t->row[i], parts, (size_t)C);
		} else if (i < R + C) {
			for (int r = 0; r < R; r++)
				parts[r] = t->in[r][i - R];
			sdc_add_sum(p, t->col[i - R], parts, (size_t)R);
		} else {
			sdc_add_sum(p, t->all, t->row, (size_t)R);
		}
	}
}

static void primary_below(struct sdc *p, int64_t threshold)
{
	for (size_t i = 0; i < p->n_cells; i++)
		if (p->cells[i].value > 0 && p->cells[i].value < threshold)
			p->cells[i].status = SDC_PRIMARY;
}

static size_t count_status(const struct sdc *p, int s)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n_cells; i++)
		n += p->cells[i].status == s;
	return n;
}

Test(sdc, rectangle_around_one_small_cell)
{
	static const int64_t v[4][4] = {{2, 20, 50}, {21, 22, 51}, {52, 53, 54}};
	struct sdc p;
	struct tab t;
	struct err e;
	size_t n2 = 99, which;
	sdc_init(&p);
	add_table(&p, &t, 3, 3, v, 0);
	primary_below(&p, 10);
	err_clear(&e);
	cr_assert_eq(sdc_secondary(&p, &n2, &e), 0, "%s", e.msg);
	cr_assert_eq(n2, 3);
	cr_assert_eq(p.cells[t.in[0][0]].status, SDC_PRIMARY);
	cr_assert_eq(p.cells[t.in[0][1]].status, SDC_SECONDARY);
	cr_assert_eq(p.cells[t.in[1][0]].status, SDC_SECONDARY);
	cr_assert_eq(p.cells[t.in[1][1]].status, SDC_SECONDARY);
	cr_assert_eq(count_status(&p, SDC_PUBLISHED), 16 - 4);
	for (size_t i = 0; i < p.n_cells; i++)
		if (p.cells[i].status == SDC_PUBLISHED)
			cr_assert(p.cells[i].lo == p.cells[i].value && p.cells[i].hi == p.cells[i].value);
	cr_assert_eq(sdc_disclosed(&p, 0, &which, &e), 0);
	cr_assert_eq(sdc_disclosed(&p, 1, &which, &e), 0);
	sdc_free(&p);
}

Test(sdc, primary_in_a_row_of_zeros)
{
	static const int64_t v[4][4] = {{3, 0, 0}, {30, 31, 32}, {40, 41, 42}};
	struct sdc p;
	struct tab t;
	struct err e;
	size_t n2, which;
	const char *want[2] = {
		/* with its row total (3) primary too: the zeros can be shown,
		 * the total hides the cell */
		"p P P p\n"
		"S P P S\n"
		"P P P P\n"
		"P P P P\n",
		/* only the inner cell primary: its row total is published, so
		 * a zero must go (the last, lowest index first), with the
		 * rectangle it makes */
		"p S P P\n"
		"S S P P\n"
		"P P P P\n"
		"P P P P\n",
	};
	for (int only_inner = 0; only_inner < 2; only_inner++) {
		char got[64], *o = got;
		sdc_init(&p);
		add_table(&p, &t, 3, 3, v, 0);
		p.cells[t.in[0][0]].status = SDC_PRIMARY;
		if (!only_inner)
			p.cells[t.row[0]].status = SDC_PRIMARY;
		err_clear(&e);
		cr_assert_eq(sdc_secondary(&p, &n2, &e), 0, "%s", e.msg);
		cr_assert_eq(sdc_disclosed(&p, 0, &which, &e), 0, "cell %zu disclosed", which);
		for (int r = 0; r < 4; r++) {
			for (int c = 0; c < 4; c++) {
				int32_t i = r < 3 ? (c < 3 ? t.in[r][c] : t.row[r]) : (c < 3 ? t.col[c] : t.all);
				*o++ = "CPpSH"[p.cells[i].status];
				*o++ = c < 3 ? ' ' : '\n';
			}
		}
		*o = 0;
		cr_assert_str_eq(got, want[only_inner]);
		sdc_free(&p);
	}
}

/* Quarter: a + b = t, four quarters; year: A = sum a, B = sum b, T = A + B
 * = sum t. Quarter 1 published t only (a primary, b secondary). */
struct qy {
	int32_t a[4], b[4], t[4], A, B, T;
};

static void add_quarters_year(struct sdc *p, struct qy *q, const int64_t a[4], const int64_t b[4])
{
	int64_t sa = 0, sb = 0;
	for (int i = 0; i < 4; i++) {
		q->a[i] = sdc_add_cell(p, a[i], (uint64_t)a[i]);
		q->b[i] = sdc_add_cell(p, b[i], (uint64_t)b[i]);
		q->t[i] = sdc_add_cell(p, a[i] + b[i], TOTAL_RANK);
		sdc_add_sum(p, q->t[i], (int32_t[]){q->a[i], q->b[i]}, 2);
		sa += a[i];
		sb += b[i];
	}
	q->A = sdc_add_cell(p, sa, (uint64_t)sa);
	q->B = sdc_add_cell(p, sb, (uint64_t)sb);
	q->T = sdc_add_cell(p, sa + sb, TOTAL_RANK);
	sdc_add_sum(p, q->A, q->a, 4);
	sdc_add_sum(p, q->B, q->b, 4);
	sdc_add_sum(p, q->T, q->t, 4);
	sdc_add_sum(p, q->T, (int32_t[]){q->A, q->B}, 2);
	for (int i = 0; i < 4; i++) {
		p->cells[q->a[i]].fixed = p->cells[q->b[i]].fixed = p->cells[q->t[i]].fixed = 1;
		p->cells[q->a[i]].status = p->cells[q->b[i]].status = p->cells[q->t[i]].status = SDC_PUBLISHED;
	}
}

Test(sdc, year_after_quarters_no_differencing)
{
	static const int64_t a[4] = {3, 20, 30, 40}, b[4] = {50, 60, 70, 80};
	struct sdc p;
	struct qy q;
	struct err e;
	size_t n2, which;
	sdc_init(&p);
	add_quarters_year(&p, &q, a, b);
	p.cells[q.a[0]].status = SDC_PRIMARY;
	p.cells[q.b[0]].status = SDC_SECONDARY;
	err_clear(&e);
	cr_assert_eq(sdc_secondary(&p, &n2, &e), 0, "%s", e.msg);
	cr_assert_eq(p.cells[q.A].status, SDC_SECONDARY, "the year's A minus quarters 2-4 gives quarter 1's a");
	cr_assert_eq(p.cells[q.B].status, SDC_SECONDARY);
	cr_assert_eq(p.cells[q.T].status, SDC_PUBLISHED);
	cr_assert_eq(n2, 2);
	/* fixed cells untouched */
	cr_assert_eq(p.cells[q.b[0]].status, SDC_SECONDARY);
	cr_assert_eq(p.cells[q.a[1]].status, SDC_PUBLISHED);
	cr_assert_eq(sdc_disclosed(&p, 1, &which, &e), 0);
	/* Publishing A now would give a away. */
	p.cells[q.A].status = SDC_PUBLISHED;
	cr_assert_eq(sdc_disclosed(&p, 0, &which, &e), 1);
	cr_assert_eq(which, (size_t)q.a[0]);
	sdc_free(&p);
}

Test(sdc, forced_secondary_stays)
{
	static const int64_t a[4] = {3, 20, 30, 40}, b[4] = {50, 60, 70, 80};
	struct sdc p;
	struct qy q;
	struct err e;
	size_t n2;
	sdc_init(&p);
	add_quarters_year(&p, &q, a, b);
	p.cells[q.a[0]].status = SDC_PRIMARY;
	p.cells[q.b[0]].status = SDC_SECONDARY;
	p.cells[q.T].status = SDC_SECONDARY; /* forced by the caller */
	err_clear(&e);
	cr_assert_eq(sdc_secondary(&p, &n2, &e), 0, "%s", e.msg);
	cr_assert_eq(p.cells[q.T].status, SDC_SECONDARY);
	cr_assert_eq(p.cells[q.A].status, SDC_SECONDARY);
	cr_assert_eq(p.cells[q.B].status, SDC_SECONDARY);
	sdc_free(&p);
}

Test(sdc, earlier_release_already_discloses)
{
	static const int64_t a[4] = {3, 20, 30, 40}, b[4] = {50, 60, 70, 80};
	struct sdc p;
	struct qy q;
	struct err e;
	size_t n2;
	char want[32];
	sdc_init(&p);
	add_quarters_year(&p, &q, a, b);
	p.cells[q.a[0]].status = SDC_PRIMARY; /* b and t of quarter 1 published */
	err_clear(&e);
	cr_assert_eq(sdc_secondary(&p, &n2, &e), ERR_DATA);
	snprintf(want, sizeof want, "cell %ld", (long)q.a[0]);
	cr_assert(strstr(e.msg, want), "%s", e.msg);
	sdc_free(&p);
}

Test(sdc, disclosed_cases)
{
	struct sdc p;
	struct err e;
	size_t which = 99;
	sdc_init(&p);
	/* t = x + w, s = y + z */
	int32_t x = sdc_add_cell(&p, 2, 0), w = sdc_add_cell(&p, 20, 0), t = sdc_add_cell(&p, 22, 0);
	int32_t y = sdc_add_cell(&p, 5, 0), z = sdc_add_cell(&p, 6, 0), s = sdc_add_cell(&p, 11, 0);
	sdc_add_sum(&p, t, (int32_t[]){x, w}, 2);
	sdc_add_sum(&p, s, (int32_t[]){y, z}, 2);
	for (size_t i = 0; i < p.n_cells; i++)
		p.cells[i].status = SDC_PUBLISHED;
	p.cells[x].status = SDC_PRIMARY;
	cr_assert_eq(sdc_disclosed(&p, 0, &which, &e), 1);
	cr_assert_eq(which, (size_t)x);
	p.cells[w].status = SDC_SECONDARY;
	p.cells[y].status = SDC_SECONDARY;
	cr_assert_eq(sdc_disclosed(&p, 0, &which, &e), 0);
	cr_assert_eq(sdc_disclosed(&p, 1, &which, &e), 1);
	cr_assert_eq(which, (size_t)y);
	p.cells[z].status = SDC_HIDDEN; /* unknown, never published */
	cr_assert_eq(sdc_disclosed(&p, 1, &which, &e), 0);
	/* a cell in no equation */
	int32_t lone = sdc_add_cell(&p, 1, 0);
	p.cells[lone].status = SDC_PRIMARY;
	cr_assert_eq(sdc_disclosed(&p, 1, &which, &e), 0);
	sdc_free(&p);
}

/* ---- random linked tables -------------------------------------------- */

/* T characteristics' tables of R units x C groups sharing the units'
 * totals and the grand total, for periods 1 and 2 and their sum. (The
 * values of the second characteristic need not add up to the shared
 * totals: values only decide primaries and ranks here.) */
struct linked {
	int T, R, C;
	int32_t in[3][2][3][3], row[3][3], col[3][2][3], all[3]; /* [period] */
};

static uint64_t rng_state;
static uint32_t rnd(void)
{
	rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
	return (uint32_t)(rng_state >> 33);
}

static void build_linked(struct sdc *p, struct linked *L, const int64_t v[2][2][3][3], int shuffle)
{
	/* Cells: for each period, inner, then row, col, all. */
	for (int per = 0; per < 3; per++) {
		int64_t rs[3] = {0}, cs[2][3] = {{0}}, g = 0;
		for (int t = 0; t < L->T; t++)
			for (int r = 0; r < L->R; r++)
				for (int c = 0; c < L->C; c++) {
					int64_t x = per < 2 ? v[per][t][r][c] : v[0][t][r][c] + v[1][t][r][c];
					L->in[per][t][r][c] = sdc_add_cell(p, x, (uint64_t)x);
					cs[t][c] += x;
					if (t == 0) {
						rs[r] += x;
						g += x;
					}
				}
		for (int r = 0; r < L->R; r++)
			L->row[per][r] = sdc_add_cell(p, rs[r], TOTAL_RANK + (uint64_t)rs[r]);
		for (int t = 0; t < L->T; t++)
			for (int c = 0; c < L->C; c++)
				L->col[per][t][c] = sdc_add_cell(p, cs[t][c], TOTAL_RANK + (uint64_t)cs[t][c]);
		L->all[per] = sdc_add_cell(p, g, 2 * TOTAL_RANK);
	}
	/* Equations as (total, parts) lists, then added in some order. */
	int32_t eq[96][8];
	int n_parts[96], n_eq = 0;
	for (int per = 0; per < 3; per++) {
		for (int t = 0; t < L->T; t++) {
			for (int r = 0; r < L->R; r++) {
				eq[n_eq][0] = L->row[per][r];
				for (int c = 0; c < L->C; c++)
					eq[n_eq][1 + c] = L->in[per][t][r][c];
				n_parts[n_eq++] = L->C;
			}
			for (int c = 0; c < L->C; c++) {
				eq[n_eq][0] = L->col[per][t][c];
				for (int r = 0; r < L->R; r++)
					eq[n_eq][1 + r] = L->in[per][t][r][c];
				n_parts[n_eq++] = L->R;
			}
		}
		eq[n_eq][0] = L->all[per];
		for (int r = 0; r < L->R; r++)
			eq[n_eq][1 + r] = L->row[per][r];
		n_parts[n_eq++] = L->R;
	}
	/* period 3 = period 1 + period 2, cell by cell */
	for (int t = 0; t < L->T; t++)
		for (int r = 0; r < L->R; r++)
			for (int c = 0; c < L->C; c++) {
				eq[n_eq][0] = L->in[2][t][r][c];
				eq[n_eq][1] = L->in[0][t][r][c];
				eq[n_eq][2] = L->in[1][t][r][c];
				n_parts[n_eq++] = 2;
			}
	for (int r = 0; r < L->R; r++) {
		eq[n_eq][0] = L->row[2][r];
		eq[n_eq][1] = L->row[0][r];
		eq[n_eq][2] = L->row[1][r];
		n_parts[n_eq++] = 2;
	}
	for (int t = 0; t < L->T; t++)
		for (int c = 0; c < L->C; c++) {
			eq[n_eq][0] = L->col[2][t][c];
			eq[n_eq][1] = L->col[0][t][c];
			eq[n_eq][2] = L->col[1][t][c];
			n_parts[n_eq++] = 2;
		}
	eq[n_eq][0] = L->all[2];
	eq[n_eq][1] = L->all[0];
	eq[n_eq][2] = L->all[1];
	n_parts[n_eq++] = 2;
	cr_assert_leq(n_eq, 96);
	int idx[96];
	for (int i = 0; i < n_eq; i++)
		idx[i] = i;
	if (shuffle)
		for (int i = n_eq - 1; i > 0; i--) {
			int j = (int)(rnd() % (uint32_t)(i + 1)), x = idx[i];
			idx[i] = idx[j];
			idx[j] = x;
		}
	for (int k = 0; k < n_eq; k++) {
		int i = idx[k];
		int32_t parts[8];
		memcpy(parts, &eq[i][1], (size_t)n_parts[i] * sizeof *parts);
		if (shuffle)
			for (int a = n_parts[i] - 1; a > 0; a--) {
				int b = (int)(rnd() % (uint32_t)(a + 1));
				int32_t x = parts[a];
				parts[a] = parts[b];
				parts[b] = x;
			}
		sdc_add_sum(p, eq[i][0], parts, (size_t)n_parts[i]);
	}
}

/* Dense exact check, written plainly: is e_target in the row space of the
 * equations plus the unit vectors of the published cells (extra: one more
 * cell taken as published, or -1)? Integer rows, kept small by dividing
 * each by the gcd of its entries. */
static int64_t gcd64(int64_t a, int64_t b)
{
	if (a < 0)
		a = -a;
	if (b < 0)
		b = -b;
	while (b) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

struct dense {
	int n, rows;
	int64_t *m; /* rows x n, echelon: row i has its pivot at piv[i] */
	int *piv;
};

static void dense_reduce(const struct dense *d, int64_t *v)
{
	for (int i = 0; i < d->rows; i++) {
		const int64_t *r = d->m + (size_t)i * (size_t)d->n;
		int64_t a = v[d->piv[i]], b = r[d->piv[i]];
		if (!a)
			continue;
		int64_t g = 0;
		for (int k = 0; k < d->n; k++) {
			int64_t x = 0, y = 0, z = 0;
			cr_assert(!__builtin_mul_overflow(v[k], b, &x) && !__builtin_mul_overflow(r[k], a, &y) &&
				  !__builtin_sub_overflow(x, y, &z));
			v[k] = z;
			g = gcd64(g, z);
		}
		if (g > 1)
			for (int k = 0; k < d->n; k++)
				v[k] /= g;
	}
}

static void dense_add(struct dense *d, int64_t *v)
{
	dense_reduce(d, v);
	for (int k = 0; k < d->n; k++)
		if (v[k]) {
			memcpy(d->m + (size_t)d->rows * (size_t)d->n, v, (size_t)d->n * sizeof *v);
			d->piv[d->rows++] = k;
			return;
		}
}

/* The known space: equations + published cells (+ extra). */
static void dense_build(struct dense *d, const struct sdc *p, int32_t extra)
{
	int n = (int)p->n_cells;
	int64_t *v = xcalloc((size_t)n, sizeof *v);
	d->n = n;
	d->rows = 0;
	d->m = xcalloc((size_t)(n + (int)p->n_eq + 1) * (size_t)n, sizeof *d->m);
	d->piv = xcalloc((size_t)(n + (int)p->n_eq + 1), sizeof *d->piv);
	for (size_t q = 0; q < p->n_eq; q++) {
		memset(v, 0, (size_t)n * sizeof *v);
		for (size_t k = p->eq_start[q]; k < p->eq_start[q + 1]; k++)
			v[p->eq_cell[k]] += p->eq_coef[k];
		dense_add(d, v);
	}
	for (int j = 0; j < n; j++)
		if (p->cells[j].status == SDC_PUBLISHED || j == extra) {
			memset(v, 0, (size_t)n * sizeof *v);
			v[j] = 1;
			dense_add(d, v);
		}
	free(v);
}

static int dense_known(const struct dense *d, int32_t target)
{
	int64_t *v = xcalloc((size_t)d->n, sizeof *v);
	v[target] = 1;
	dense_reduce(d, v);
	int zero = 1;
	for (int k = 0; k < d->n; k++)
		zero &= v[k] == 0;
	free(v);
	return zero;
}

static int dense_any_primary_known(const struct sdc *p, int32_t extra)
{
	struct dense d;
	int any = 0;
	dense_build(&d, p, extra);
	for (size_t i = 0; i < p->n_cells && !any; i++)
		if (p->cells[i].status == SDC_PRIMARY)
			any = dense_known(&d, (int32_t)i);
	free(d.m);
	free(d.piv);
	return any;
}

static int cmp_publish_first(const void *a, const void *b, void *arg)
{
	const struct sdc *p = arg;
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	uint64_t rx = p->cells[x].rank, ry = p->cells[y].rank;
	if (rx != ry)
		return rx < ry ? 1 : -1;
	return (x < y) - (x > y);
}

/* The greedy, done the slow way on a copy: each candidate in turn,
 * published unless that makes some primary known. */
static void brute_secondary(struct sdc *p)
{
	int32_t *order = xmalloc(p->n_cells * sizeof *order);
	size_t n = 0;
	for (size_t i = 0; i < p->n_cells; i++)
		if (p->cells[i].status == SDC_CANDIDATE)
			order[n++] = (int32_t)i;
	qsort_r(order, n, sizeof *order, cmp_publish_first, p);
	for (size_t k = 0; k < n; k++)
		p->cells[order[k]].status =
			dense_any_primary_known(p, order[k]) ? SDC_SECONDARY : SDC_PUBLISHED;
	free(order);
}

static void random_values(int64_t v[2][2][3][3])
{
	for (int a = 0; a < 2; a++)
		for (int t = 0; t < 2; t++)
			for (int r = 0; r < 3; r++)
				for (int c = 0; c < 3; c++) {
					uint32_t k = rnd() % 10;
					v[a][t][r][c] = k < 3 ? 0 : k < 6 ? (int64_t)(1 + rnd() % 4) : (int64_t)(5 + rnd() % 30);
				}
}

static void copy_problem(struct sdc *dst, const struct sdc *src)
{
	sdc_init(dst);
	for (size_t i = 0; i < src->n_cells; i++)
		sdc_add_cell(dst, 0, 0);
	memcpy(dst->cells, src->cells, src->n_cells * sizeof *src->cells);
	for (size_t q = 0; q < src->n_eq; q++) {
		size_t s = src->eq_start[q], len = src->eq_start[q + 1] - s;
		sdc_add_sum(dst, src->eq_cell[s + len - 1], src->eq_cell + s, len - 1);
	}
}

static void set_period(struct sdc *p, const struct linked *L, int per, int status)
{
	for (int t = 0; t < L->T; t++)
		for (int r = 0; r < L->R; r++)
			for (int c = 0; c < L->C; c++)
				p->cells[L->in[per][t][r][c]].status = (uint8_t)status;
	for (int r = 0; r < L->R; r++)
		p->cells[L->row[per][r]].status = (uint8_t)status;
	for (int t = 0; t < L->T; t++)
		for (int c = 0; c < L->C; c++)
			p->cells[L->col[per][t][c]].status = (uint8_t)status;
	p->cells[L->all[per]].status = (uint8_t)status;
}

static int in_period(const struct linked *L, int per, size_t cell)
{
	size_t lo = (size_t)L->in[per][0][0][0], hi = (size_t)L->all[per];
	return cell >= lo && cell <= hi;
}

/* Make primaries of the cells of a period still candidates. */
static void primaries_of(struct sdc *p, const struct linked *L, int per)
{
	for (size_t i = 0; i < p->n_cells; i++)
		if (in_period(L, per, i) && p->cells[i].status == SDC_CANDIDATE && p->cells[i].value > 0 &&
		    p->cells[i].value < 5)
			p->cells[i].status = SDC_PRIMARY;
}

static size_t brute_secondaries; /* over the rounds: the test is not idle */

static void check_against_brute(struct sdc *p)
{
	struct sdc q;
	struct err e;
	size_t n2, which;
	copy_problem(&q, p);
	err_clear(&e);
	cr_assert_eq(sdc_secondary(p, &n2, &e), 0, "%s", e.msg);
	brute_secondaries += n2;
	cr_assert_eq(sdc_disclosed(p, 0, &which, &e), 0, "cell %zu disclosed", which);
	cr_assert_eq(dense_any_primary_known(p, -1), 0);
	brute_secondary(&q);
	for (size_t i = 0; i < p->n_cells; i++)
		cr_assert_eq(p->cells[i].status, q.cells[i].status, "cell %zu: %d, brute %d", i, p->cells[i].status,
			     q.cells[i].status);
	sdc_free(&q);
}

Test(sdc, random_linked_tables_against_brute_force, .timeout = 120)
{
	rng_state = 20261203;
	for (int round = 0; round < 60; round++) {
		int64_t v[2][2][3][3];
		struct linked L;
		struct sdc p;
		L.T = 1 + (int)(rnd() % 2);
		L.R = 2 + (int)(rnd() % 2);
		L.C = 2 + (int)(rnd() % 2);
		random_values(v);
		sdc_init(&p);
		build_linked(&p, &L, v, (int)(rnd() % 2));
		/* Release 1: period 1 alone (periods 2 and the sum hidden). */
		set_period(&p, &L, 1, SDC_HIDDEN);
		set_period(&p, &L, 2, SDC_HIDDEN);
		primaries_of(&p, &L, 0);
		check_against_brute(&p);
		/* Release 2: the sum of periods 1 and 2, period 1 fixed,
		 * period 2 never published on its own. */
		for (size_t i = 0; i < p.n_cells; i++)
			if (in_period(&L, 0, i))
				p.cells[i].fixed = 1;
		set_period(&p, &L, 2, SDC_CANDIDATE);
		primaries_of(&p, &L, 2);
		check_against_brute(&p);
		sdc_free(&p);
	}
	cr_assert_gt(brute_secondaries, 100, "only %zu secondary cells in 120 releases", brute_secondaries);
}

Test(sdc, same_pattern_whatever_the_equation_order)
{
	rng_state = 77;
	for (int round = 0; round < 20; round++) {
		int64_t v[2][2][3][3];
		struct linked L1, L2;
		struct sdc a, b;
		struct err e;
		size_t na, nb;
		L1.T = L2.T = 2;
		L1.R = L2.R = 3;
		L1.C = L2.C = 3;
		random_values(v);
		sdc_init(&a);
		sdc_init(&b);
		build_linked(&a, &L1, v, 0);
		build_linked(&b, &L2, v, 1);
		primaries_of(&a, &L1, 0);
		primaries_of(&a, &L1, 1);
		primaries_of(&a, &L1, 2);
		primaries_of(&b, &L2, 0);
		primaries_of(&b, &L2, 1);
		primaries_of(&b, &L2, 2);
		err_clear(&e);
		cr_assert_eq(sdc_secondary(&a, &na, &e), 0, "%s", e.msg);
		cr_assert_eq(sdc_secondary(&b, &nb, &e), 0, "%s", e.msg);
		cr_assert_eq(na, nb);
		for (size_t i = 0; i < a.n_cells; i++)
			cr_assert_eq(a.cells[i].status, b.cells[i].status, "round %d cell %zu", round, i);
		/* and the same problem again gives the same again */
		for (size_t i = 0; i < b.n_cells; i++)
			if (b.cells[i].status != SDC_PRIMARY)
				b.cells[i].status = SDC_CANDIDATE;
		cr_assert_eq(sdc_secondary(&b, &nb, &e), 0, "%s", e.msg);
		for (size_t i = 0; i < a.n_cells; i++)
			cr_assert_eq(a.cells[i].status, b.cells[i].status, "round %d cell %zu", round, i);
		sdc_free(&a);
		sdc_free(&b);
	}
}
