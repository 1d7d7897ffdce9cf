/*
 * publish/sdc.c: the domain-free core of statistical disclosure control —
 * the problem's cells and equations, secondary suppression by Gaussian
 * elimination and the exact disclosure check (sdc.h). sdc_audit, the
 * GLPK bounds, lives in audit.c.
 *
 * THE FORMULATION. Let v be the vector of every cell's value; the
 * equations say A v = 0. Published cells are known. What an attacker can
 * work out exactly is every linear function of v lying in
 *
 *     K = rowspace(A) + span{ e_j : j published }
 *
 * (e_j the unit vector of cell j): cell p is disclosed exactly when
 * e_p is in K. We keep a basis of K in echelon form. Published cells are
 * known constants, so they are simply struck out of the equations; the
 * basis starts as the equations over the unknown cells, each row reduced
 * by the rows before it and given a pivot (a cell where it is 1 and every
 * later row is 0). Reducing a vector by the basis, row after row in the
 * order they were added, leaves its "residual": zero on every pivot and,
 * since K holds no nonzero vector that is zero on every pivot, the same
 * whatever pivots or equation order were used. e_p is in K exactly when
 * the residual r_p of e_p is zero.
 *
 * SECONDARY SUPPRESSION. As in Langsrud's method (Statistics Norway's
 * GaussSuppression, see docs/publication.md) candidates are taken one
 * at a time, the one to publish most (highest rank, then highest index)
 * first, so that the cells the caller prefers to suppress are decided
 * last. Publishing candidate c adds e_c to K, that is its residual r_c;
 * a primary p becomes disclosed exactly when r_p is a multiple of r_c
 * (then r_p - f r_c, its new residual, is zero). So: r_c = 0 means c is
 * already known (publish it, nothing changes); a primary residual
 * parallel to r_c means c must stay suppressed (SDC_SECONDARY, K
 * unchanged); otherwise c is published, r_c joins the basis and every
 * primary residual is reduced by it. Each decision is exact and depends
 * only on the spaces, never on the order of the equations or on pivots,
 * so the pattern is a function of the cells, equations, statuses and
 * ranks alone. The result is maximal: a candidate left suppressed could
 * not be published even now (K only grew after it was refused, and
 * disclosure only grows with K).
 *
 * This is the model-matrix method seen from the other side: the residual
 * of a cell, written over the non-pivot ("free") cells, is its column of
 * the model matrix; pivots go preferably to the equation's total, so the
 * free cells are inner cells, as in the model matrix of a table.
 *
 * SPEED. Vectors are sparse (a dense accumulator with a list of touched
 * cells, and a heap of the basis rows to apply in the order they were
 * added). The problem falls apart into independent blocks (connected
 * components of the equations over the unknown cells); a candidate is
 * compared with, and a new basis row applied to, the primaries of its own
 * component only.
 *
 * EXACTNESS. Arithmetic is modulo the prime P = 2^61 - 1 (a Mersenne
 * prime: a product reduces with a shift and an add). Coefficients are
 * small integers (+1, -1, or the caller's int8). Every zero test the
 * elimination makes is, up to a factor that is a unit mod P, a minor (a
 * determinant of a square submatrix) of the integer matrix stacking A and
 * unit vectors; an answer differs from the one over the rationals only if
 * some NONZERO such minor is a multiple of P, so at least 2^61 (2.3e18)
 * in size. The matrices of tables with totals are near totally unimodular
 * (the two-way table's is: every minor is 0 or ±1) and the minors of
 * linked tables and of sums over periods stay tiny; a 0/±1 minor cannot
 * reach 2^61 below order 27 (Hadamard: k^(k/2)). Even a huge minor would
 * have to be an exact multiple of P, about one chance in 2.3e18 per test:
 * with well under 10^9 tests per run, a wrong answer has a probability
 * below 10^-9 per run. (Floating point is never used.)
 */
#include "publish/sdc.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* ---- the problem ------------------------------------------------------ */

void sdc_init(struct sdc *p)
{
	memset(p, 0, sizeof *p);
	p->cap_eq = 16;
	p->eq_start = xmalloc((p->cap_eq + 1) * sizeof *p->eq_start);
	p->eq_start[0] = 0;
}

void sdc_free(struct sdc *p)
{
	if (!p)
		return;
	free(p->cells);
	free(p->eq_start);
	free(p->eq_cell);
	free(p->eq_coef);
	memset(p, 0, sizeof *p);
}

int32_t sdc_add_cell(struct sdc *p, int64_t value, uint64_t rank)
{
	if (p->n_cells == p->cap_cells) {
		p->cap_cells = p->cap_cells ? 2 * p->cap_cells : 64;
		p->cells = xrealloc(p->cells, p->cap_cells * sizeof *p->cells);
	}
	struct sdc_cell *c = &p->cells[p->n_cells];
	memset(c, 0, sizeof *c);
	c->value = value;
	c->lo = c->hi = value;
	c->rank = rank;
	c->at_most = -1;
	c->status = SDC_CANDIDATE;
	c->fixed = 0;
	return (int32_t)p->n_cells++;
}

void sdc_add_sum(struct sdc *p, int32_t total, const int32_t *parts, size_t n)
{
	if (!p->eq_start) { /* a zeroed struct that skipped sdc_init */
		p->cap_eq = 16;
		p->eq_start = xmalloc((p->cap_eq + 1) * sizeof *p->eq_start);
		p->eq_start[0] = 0;
	}
	if (p->n_eq == p->cap_eq) {
		p->cap_eq *= 2;
		p->eq_start = xrealloc(p->eq_start, (p->cap_eq + 1) * sizeof *p->eq_start);
	}
	if (p->n_terms + n + 1 > p->cap_terms) {
		while (p->n_terms + n + 1 > p->cap_terms)
			p->cap_terms = p->cap_terms ? 2 * p->cap_terms : 256;
		p->eq_cell = xrealloc(p->eq_cell, p->cap_terms * sizeof *p->eq_cell);
		p->eq_coef = xrealloc(p->eq_coef, p->cap_terms * sizeof *p->eq_coef);
	}
	for (size_t i = 0; i < n; i++) {
		p->eq_cell[p->n_terms] = parts[i];
		p->eq_coef[p->n_terms++] = 1;
	}
	p->eq_cell[p->n_terms] = total;
	p->eq_coef[p->n_terms++] = -1;
	p->eq_start[++p->n_eq] = p->n_terms;
}

/* ---- arithmetic modulo P = 2^61 - 1 ----------------------------------- */

#define FP ((UINT64_C(1) << 61) - 1)

static uint64_t f_add(uint64_t a, uint64_t b)
{
	uint64_t s = a + b;
	return s >= FP ? s - FP : s;
}

static uint64_t f_mul(uint64_t a, uint64_t b)
{
	__extension__ unsigned __int128 z = (unsigned __int128)a * b;
	uint64_t s = (uint64_t)(z & FP) + (uint64_t)(z >> 61);
	s = (s & FP) + (s >> 61);
	return s >= FP ? s - FP : s;
}

static uint64_t f_inv(uint64_t a) /* a != 0: a^(P-2) */
{
	uint64_t r = 1, e = FP - 2;
	while (e) {
		if (e & 1)
			r = f_mul(r, a);
		a = f_mul(a, a);
		e >>= 1;
	}
	return r;
}

static uint64_t f_of(int64_t c)
{
	if (c >= 0)
		return (uint64_t)c % FP;
	uint64_t m = (uint64_t)(-(c + 1)) + 1; /* |c| without overflow */
	m %= FP;
	return m ? FP - m : 0;
}

/* ---- sparse elimination workspace -------------------------------------- */

/* The echelon basis of K and a dense scratch vector. */
struct ws {
	size_t n;	     /* cells */
	uint64_t *acc;	     /* scratch vector, n entries, zero between uses */
	int32_t *touched;    /* cells made nonzero in acc since the last clear */
	size_t n_touched;
	uint8_t *mark;	     /* bit 1: in touched; bit 2: its row is in heap */
	int32_t *piv_row;    /* per cell: the basis row pivoting on it, or -1 */
	int32_t *heap;	     /* min-heap of basis rows to apply to acc */
	size_t n_heap;
	int32_t *row_piv;    /* per basis row: its pivot cell */
	size_t *row_start;   /* per basis row: first entry; n_rows + 1 */
	size_t n_rows, cap_rows;
	int32_t *ecol;	     /* basis entries: cell, value (pivot value 1) */
	uint64_t *eval;
	size_t n_ent, cap_ent;
	int32_t *sort_tmp;   /* n entries, for sort_cells */
	int32_t *out_col;    /* the last residual, sorted by cell */
	uint64_t *out_val;
	size_t n_out;
};

static void ws_init(struct ws *w, size_t n)
{
	memset(w, 0, sizeof *w);
	w->n = n;
	w->acc = xcalloc(n ? n : 1, sizeof *w->acc);
	w->touched = xmalloc((n ? n : 1) * sizeof *w->touched);
	w->mark = xcalloc(n ? n : 1, 1);
	w->piv_row = xmalloc((n ? n : 1) * sizeof *w->piv_row);
	for (size_t i = 0; i < n; i++)
		w->piv_row[i] = -1;
	w->heap = xmalloc((n ? n : 1) * sizeof *w->heap);
	w->sort_tmp = xmalloc((n ? n : 1) * sizeof *w->sort_tmp);
	w->out_col = xmalloc((n ? n : 1) * sizeof *w->out_col);
	w->out_val = xmalloc((n ? n : 1) * sizeof *w->out_val);
	w->cap_rows = 64;
	w->row_piv = xmalloc(w->cap_rows * sizeof *w->row_piv);
	w->row_start = xmalloc((w->cap_rows + 1) * sizeof *w->row_start);
	w->row_start[0] = 0;
}

static void ws_free(struct ws *w)
{
	free(w->acc);
	free(w->touched);
	free(w->mark);
	free(w->piv_row);
	free(w->heap);
	free(w->sort_tmp);
	free(w->out_col);
	free(w->out_val);
	free(w->row_piv);
	free(w->row_start);
	free(w->ecol);
	free(w->eval);
}

static void heap_push(struct ws *w, int32_t r)
{
	size_t i = w->n_heap++;
	while (i > 0) {
		size_t up = (i - 1) / 2;
		if (w->heap[up] <= r)
			break;
		w->heap[i] = w->heap[up];
		i = up;
	}
	w->heap[i] = r;
}

static int32_t heap_pop(struct ws *w)
{
	int32_t top = w->heap[0], last = w->heap[--w->n_heap];
	size_t i = 0, n = w->n_heap;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && w->heap[c + 1] < w->heap[c])
			c++;
		if (w->heap[c] >= last)
			break;
		w->heap[i] = w->heap[c];
		i = c;
	}
	if (n)
		w->heap[i] = last;
	return top;
}

/* acc[cell] += v */
static void acc_add(struct ws *w, int32_t cell, uint64_t v)
{
	uint8_t m = w->mark[cell];
	if (!(m & 1)) {
		m |= 1;
		w->touched[w->n_touched++] = cell;
	}
	w->acc[cell] = f_add(w->acc[cell], v);
	if (!(m & 2) && w->piv_row[cell] >= 0) {
		m |= 2;
		heap_push(w, w->piv_row[cell]);
	}
	w->mark[cell] = m;
}

/* Reduce acc by the basis. Row r is zero on the pivots of rows before it,
 * so applying rows in increasing order never brings back a pivot already
 * cleared; each row enters the heap at most once. */
static void ws_reduce(struct ws *w)
{
	while (w->n_heap) {
		int32_t r = heap_pop(w);
		uint64_t f = w->acc[w->row_piv[r]];
		if (!f)
			continue;
		uint64_t nf = FP - f;
		for (size_t k = w->row_start[r]; k < w->row_start[r + 1]; k++)
			acc_add(w, w->ecol[k], f_mul(nf, w->eval[k]));
	}
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* Sort a[0..n) (cell indices, 0 or more) in increasing order: insertion
 * sort when short, else a byte-wise radix sort through tmp, as many
 * passes as the largest index has bytes. */
static void sort_cells(int32_t *a, size_t n, int32_t *tmp)
{
	if (n <= 48) {
		for (size_t i = 1; i < n; i++) {
			int32_t x = a[i];
			size_t j = i;
			for (; j > 0 && a[j - 1] > x; j--)
				a[j] = a[j - 1];
			a[j] = x;
		}
		return;
	}
	uint32_t max = 0;
	for (size_t i = 0; i < n; i++)
		if ((uint32_t)a[i] > max)
			max = (uint32_t)a[i];
	int32_t *src = a, *dst = tmp;
	for (int shift = 0; shift < 32 && (max >> shift); shift += 8) {
		size_t count[257] = {0};
		for (size_t i = 0; i < n; i++)
			count[(((uint32_t)src[i] >> shift) & 0xff) + 1]++;
		for (size_t d = 1; d < 256; d++)
			count[d] += count[d - 1];
		for (size_t i = 0; i < n; i++)
			dst[count[((uint32_t)src[i] >> shift) & 0xff]++] = src[i];
		int32_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof *a);
}

/* Move the nonzero entries of acc, sorted by cell, to out_*; clear acc. */
static void ws_collect(struct ws *w)
{
	size_t n = 0;
	sort_cells(w->touched, w->n_touched, w->sort_tmp);
	for (size_t i = 0; i < w->n_touched; i++) {
		int32_t c = w->touched[i];
		if (w->acc[c]) {
			w->out_col[n] = c;
			w->out_val[n++] = w->acc[c];
		}
		w->acc[c] = 0;
		w->mark[c] = 0;
	}
	w->n_touched = 0;
	w->n_out = n;
}

/* Add the residual in out_* (nonzero) to the basis, pivoting on entry k:
 * scaled so that the pivot is 1. */
static void ws_add_row(struct ws *w, size_t k)
{
	uint64_t inv = f_inv(w->out_val[k]);
	if (w->n_rows == w->cap_rows) {
		w->cap_rows *= 2;
		w->row_piv = xrealloc(w->row_piv, w->cap_rows * sizeof *w->row_piv);
		w->row_start = xrealloc(w->row_start, (w->cap_rows + 1) * sizeof *w->row_start);
	}
	if (w->n_ent + w->n_out > w->cap_ent) {
		while (w->n_ent + w->n_out > w->cap_ent)
			w->cap_ent = w->cap_ent ? 2 * w->cap_ent : 1024;
		w->ecol = xrealloc(w->ecol, w->cap_ent * sizeof *w->ecol);
		w->eval = xrealloc(w->eval, w->cap_ent * sizeof *w->eval);
	}
	for (size_t i = 0; i < w->n_out; i++) {
		w->ecol[w->n_ent] = w->out_col[i];
		w->eval[w->n_ent++] = i == k ? 1 : f_mul(w->out_val[i], inv);
	}
	w->row_piv[w->n_rows] = w->out_col[k];
	w->piv_row[w->out_col[k]] = (int32_t)w->n_rows;
	w->row_start[++w->n_rows] = w->n_ent;
}

/* Which entry of out_* to pivot on: the cell most like a total — the
 * equation's own total (want, or -1) when still there, else a cell of
 * this release (neither fixed nor hidden) before others, then the highest
 * rank, then the highest index. Any choice is correct; this one keeps
 * the free cells inner cells and the vectors short. */
static size_t pick_pivot(const struct sdc *p, const struct ws *w, int32_t want)
{
	size_t best = 0;
	for (size_t i = 0; i < w->n_out; i++) {
		int32_t c = w->out_col[i];
		if (c == want)
			return i;
		const struct sdc_cell *a = &p->cells[c], *b = &p->cells[w->out_col[best]];
		int ca = !a->fixed && a->status != SDC_HIDDEN;
		int cb = !b->fixed && b->status != SDC_HIDDEN;
		if (ca != cb ? ca > cb : a->rank != b->rank ? a->rank > b->rank : c > w->out_col[best])
			best = i;
	}
	return best;
}

/* Check the problem's indices and statuses. */
static int check_problem(const struct sdc *p, struct err *e)
{
	if (p->n_cells > (size_t)INT32_MAX - 1)
		return err_set(e, ERR_INTERNAL, "disclosure control: too many cells (%zu)", p->n_cells);
	for (size_t i = 0; i < p->n_cells; i++) {
		const struct sdc_cell *c = &p->cells[i];
		if (c->status > SDC_HIDDEN)
			return err_set(e, ERR_INTERNAL, "disclosure control: cell %zu has an unknown status %u",
				       i, (unsigned)c->status);
		if (c->fixed && c->status == SDC_CANDIDATE)
			return err_set(e, ERR_INTERNAL,
				       "disclosure control: cell %zu is fixed by an earlier release but undecided", i);
	}
	for (size_t k = 0; k < p->n_terms; k++)
		if (p->eq_cell[k] < 0 || (size_t)p->eq_cell[k] >= p->n_cells)
			return err_set(e, ERR_INTERNAL, "disclosure control: an equation names cell %ld, not in the problem",
				       (long)p->eq_cell[k]);
	return 0;
}

/* The equations over the cells not published (published cells are known
 * constants), reduced into the basis. */
static void load_equations(const struct sdc *p, struct ws *w)
{
	for (size_t q = 0; q < p->n_eq; q++) {
		int32_t total = -1;
		int n_neg = 0;
		for (size_t k = p->eq_start[q]; k < p->eq_start[q + 1]; k++) {
			int32_t c = p->eq_cell[k];
			if (p->cells[c].status == SDC_PUBLISHED || !p->eq_coef[k])
				continue;
			if (p->eq_coef[k] < 0) {
				n_neg++;
				total = c;
			}
			acc_add(w, c, f_of(p->eq_coef[k]));
		}
		ws_reduce(w);
		ws_collect(w);
		if (w->n_out)
			ws_add_row(w, pick_pivot(p, w, n_neg == 1 ? total : -1));
	}
}

/* The residual of e_cell, in out_*. */
static void residual_of(struct ws *w, int32_t cell)
{
	acc_add(w, cell, 1);
	ws_reduce(w);
	ws_collect(w);
}

/* ---- secondary suppression -------------------------------------------- */

/* A primary cell and its residual. */
struct prim {
	int32_t cell;
	size_t len, cap;
	int32_t *col;
	uint64_t *val;
};

static int32_t uf_find(int32_t *parent, int32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

/* Residual (sorted col/val, len n) equal to a multiple of out_*? */
static int parallel(const struct prim *r, const struct ws *w)
{
	if (r->len != w->n_out || memcmp(r->col, w->out_col, r->len * sizeof *r->col) != 0)
		return 0;
	uint64_t a = r->val[0], b = w->out_val[0];
	for (size_t i = 1; i < r->len; i++)
		if (f_mul(r->val[i], b) != f_mul(w->out_val[i], a))
			return 0;
	return 1;
}

/* r -= f × (the basis row just added: entries ecol/eval from `from`). */
static void prim_update(struct prim *r, const struct ws *w, size_t from, uint64_t f, int32_t **tcol,
			uint64_t **tval, size_t *tcap)
{
	size_t nb = w->n_ent - from, need = r->len + nb, i = 0, j = 0, n = 0;
	if (need > *tcap) {
		*tcap = need * 2;
		*tcol = xrealloc(*tcol, *tcap * sizeof **tcol);
		*tval = xrealloc(*tval, *tcap * sizeof **tval);
	}
	/* The basis row is in out_* order (sorted by cell). */
	const int32_t *bc = w->ecol + from;
	const uint64_t *bv = w->eval + from;
	uint64_t nf = FP - f;
	while (i < r->len || j < nb) {
		int32_t c;
		uint64_t v;
		if (j >= nb || (i < r->len && r->col[i] < bc[j])) {
			c = r->col[i];
			v = r->val[i++];
		} else if (i >= r->len || bc[j] < r->col[i]) {
			c = bc[j];
			v = f_mul(nf, bv[j++]);
		} else {
			c = r->col[i];
			v = f_add(r->val[i++], f_mul(nf, bv[j++]));
		}
		if (v) {
			(*tcol)[n] = c;
			(*tval)[n++] = v;
		}
	}
	if (n > r->cap) {
		r->cap = n * 2;
		r->col = xrealloc(r->col, r->cap * sizeof *r->col);
		r->val = xrealloc(r->val, r->cap * sizeof *r->val);
	}
	memcpy(r->col, *tcol, n * sizeof *r->col);
	memcpy(r->val, *tval, n * sizeof *r->val);
	r->len = n;
}

struct order {
	uint64_t rank;
	int32_t cell;
};

/* Publish first: highest rank, then highest index. */
static int cmp_order(const void *a, const void *b)
{
	const struct order *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? 1 : -1;
	return (x->cell < y->cell) - (x->cell > y->cell);
}

static int cmp_prim(const void *a, const void *b, void *arg)
{
	const int32_t *comp = arg;
	const struct prim *x = a, *y = b;
	int32_t cx = comp[x->cell], cy = comp[y->cell];
	if (cx != cy)
		return (cx > cy) - (cx < cy);
	return (x->cell > y->cell) - (x->cell < y->cell);
}

int sdc_secondary(struct sdc *p, size_t *n_secondary, struct err *e)
{
	size_t n = p->n_cells, n_prim = 0, n_cand = 0, made = 0, tcap = 0;
	int32_t *comp = NULL, *pstart = NULL, *tcol = NULL;
	uint64_t *tval = NULL;
	struct prim *prims = NULL;
	struct order *cands = NULL;
	struct ws w;
	int rc = check_problem(p, e);
	if (n_secondary)
		*n_secondary = 0;
	if (rc)
		return rc;
	ws_init(&w, n);

	/* Components of the equations over the cells not yet published. */
	comp = xmalloc((n ? n : 1) * sizeof *comp);
	for (size_t i = 0; i < n; i++)
		comp[i] = (int32_t)i;
	for (size_t q = 0; q < p->n_eq; q++) {
		int32_t first = -1;
		for (size_t k = p->eq_start[q]; k < p->eq_start[q + 1]; k++) {
			int32_t c = p->eq_cell[k];
			if (p->cells[c].status == SDC_PUBLISHED)
				continue;
			if (first < 0) {
				first = uf_find(comp, c);
				continue;
			}
			int32_t r = uf_find(comp, c);
			if (r != first) { /* the lower index is the root: deterministic */
				if (r < first) {
					comp[first] = r;
					first = r;
				} else {
					comp[r] = first;
				}
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		comp[i] = uf_find(comp, (int32_t)i);

	load_equations(p, &w);

	/* Primaries, grouped by component, each with its residual. */
	prims = xcalloc(n ? n : 1, sizeof *prims);
	cands = xmalloc((n ? n : 1) * sizeof *cands);
	for (size_t i = 0; i < n; i++) {
		const struct sdc_cell *c = &p->cells[i];
		if (c->status == SDC_PRIMARY)
			prims[n_prim++].cell = (int32_t)i;
		else if (c->status == SDC_CANDIDATE)
			cands[n_cand++] = (struct order){c->rank, (int32_t)i};
	}
	qsort_r(prims, n_prim, sizeof *prims, cmp_prim, comp);
	qsort(cands, n_cand, sizeof *cands, cmp_order);
	pstart = xmalloc((n ? n : 1) * sizeof *pstart); /* per root: first primary, or -1 */
	for (size_t i = 0; i < n; i++)
		pstart[i] = -1;
	for (size_t i = 0; i < n_prim; i++) {
		struct prim *r = &prims[i];
		if (pstart[comp[r->cell]] < 0)
			pstart[comp[r->cell]] = (int32_t)i;
		residual_of(&w, r->cell);
		if (!w.n_out) {
			rc = err_set(e, ERR_DATA,
				     "cell %ld, suppressed as a small count, can be worked out from cells "
				     "already published",
				     (long)r->cell);
			goto done;
		}
		r->len = r->cap = w.n_out;
		r->col = xmalloc(r->len * sizeof *r->col);
		r->val = xmalloc(r->len * sizeof *r->val);
		memcpy(r->col, w.out_col, r->len * sizeof *r->col);
		memcpy(r->val, w.out_val, r->len * sizeof *r->val);
	}

	for (size_t k = 0; k < n_cand; k++) {
		int32_t c = cands[k].cell;
		struct sdc_cell *cell = &p->cells[c];
		residual_of(&w, c);
		int32_t first = pstart[comp[c]];
		size_t lo = first < 0 ? n_prim : (size_t)first;
		size_t hi = lo;
		while (hi < n_prim && comp[prims[hi].cell] == comp[c])
			hi++;
		int refuse = 0;
		if (w.n_out)
			for (size_t i = lo; i < hi && !refuse; i++)
				refuse = parallel(&prims[i], &w);
		if (refuse) {
			cell->status = SDC_SECONDARY;
			made++;
			continue;
		}
		cell->status = SDC_PUBLISHED;
		cell->lo = cell->hi = cell->value;
		if (!w.n_out)
			continue;
		size_t from = w.n_ent;
		ws_add_row(&w, pick_pivot(p, &w, -1));
		int32_t q = w.row_piv[w.n_rows - 1];
		for (size_t i = lo; i < hi; i++) {
			struct prim *r = &prims[i];
			int32_t *hit = bsearch(&q, r->col, r->len, sizeof *r->col, cmp_i32);
			if (hit)
				prim_update(r, &w, from, r->val[hit - r->col], &tcol, &tval, &tcap);
		}
	}
	if (n_secondary)
		*n_secondary = made;
done:
	for (size_t i = 0; i < n_prim; i++) {
		free(prims[i].col);
		free(prims[i].val);
	}
	free(prims);
	free(cands);
	free(pstart);
	free(comp);
	free(tcol);
	free(tval);
	ws_free(&w);
	return rc;
}

/* ---- the disclosure check --------------------------------------------- */

int sdc_disclosed(const struct sdc *p, int secondary_too, size_t *which, struct err *e)
{
	struct ws w;
	int rc = check_problem(p, e), found = 0;
	if (rc)
		return rc;
	ws_init(&w, p->n_cells);
	load_equations(p, &w);
	for (size_t i = 0; i < p->n_cells && !found; i++) {
		uint8_t s = p->cells[i].status;
		if (s != SDC_PRIMARY && !(secondary_too && s == SDC_SECONDARY))
			continue;
		residual_of(&w, (int32_t)i);
		if (!w.n_out) {
			found = 1;
			if (which)
				*which = i;
		}
	}
	ws_free(&w);
	return found;
}
