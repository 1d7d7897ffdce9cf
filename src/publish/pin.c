/*
 * publish/pin.c: sdc_pinned — can an attacker pin a suppressed cell to one
 * whole number? The question a release must answer for every primary
 * cell, asked as cheaply as it can be answered exactly (sdc_audit, which
 * works out every interval, costs two linear programs a cell).
 *
 * The true counts are one answer that fits everything published. A cell
 * is pinned when no other answer gives it another whole number: when the
 * smallest value linear programming allows is more than its count minus 1
 * and the largest less than its count plus 1. So a cell is settled as
 * soon as some answer that fits is seen with the cell at least one away
 * from its count: that answer is a witness, and one linear program's
 * answer is a witness for many cells at once.
 *
 *  1. Bounds by propagation: each equation bounds each of its cells by
 *     the bounds of the others (a part is at most its total minus the
 *     least the other parts can be, ...), and a cell is at most its
 *     at_most cell, repeated until nothing changes. These bounds are
 *     implied by the constraints, so a cell they close to one value is
 *     pinned, and they make the linear programs smaller.
 *  2. The unknowns fall apart into connected components (joined by an
 *     equation or an at_most link); each is solved alone.
 *  3. In a component, two programs push every unsettled cell down, then
 *     up, together; then each cell still unsettled is asked whether it
 *     can be a whole one below its count, or above, by narrowing its
 *     bounds to there. Every answer met settles the cells it can. A cell
 *     that can be neither is pinned.
 *
 * GLPK's simplex from the previous answer (a warm start) does the
 * solving; its output is switched off. Library code never prints.
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "publish/sdc.h"
#include "publish/uf.h"

#define INF INT64_MAX
#define EPS 1e-6
#define SWEEPS 200

struct pin {
	const struct sdc *p;
	uint8_t *var;	  /* 1: an unknown (else a constant: its lo) */
	int64_t *L, *U;	  /* bounds (U == INF: none) */
	uint8_t *open;	  /* a target not settled yet */
	int32_t *parent;
};

/* One sweep of propagation; 1 when a bound moved, -1 when a cell's
 * bounds cross (the published cells contradict the equations). */
static int sweep(struct pin *s, size_t *bad)
{
	const struct sdc *p = s->p;
	size_t q, t;
	int moved = 0;
	for (q = 0; q < p->n_eq; q++) {
		/* the least and the most the signed sum of the terms can be:
		 * finite parts, and how many terms are unbounded */
		int64_t lo = 0, hi = 0;
		int n_inf_hi = 0, n_inf_lo = 0;
		for (t = p->eq_start[q]; t < p->eq_start[q + 1]; t++) {
			int32_t c = p->eq_cell[t];
			if (p->eq_coef[t] > 0) {
				lo += s->L[c];
				if (s->U[c] == INF)
					n_inf_hi++;
				else
					hi += s->U[c];
			} else {
				hi -= s->L[c];
				if (s->U[c] == INF)
					n_inf_lo++;
				else
					lo -= s->U[c];
			}
		}
		for (t = p->eq_start[q]; t < p->eq_start[q + 1]; t++) {
			int32_t c = p->eq_cell[t];
			int64_t nl, nu;
			if (!s->var[c])
				continue;
			if (p->eq_coef[t] > 0) {
				/* x = -(others); others lie in [lo - L, hi - U] */
				int own_inf = s->U[c] == INF;
				/* upper bound of x: -(least of others) */
				if (n_inf_lo == 0)
					nu = -(lo - s->L[c]);
				else
					nu = INF;
				/* lower bound of x: -(most of others) */
				if (n_inf_hi - own_inf == 0)
					nl = -(hi - (own_inf ? 0 : s->U[c]));
				else
					nl = INT64_MIN;
			} else {
				/* -x + others = 0: x = others; others in [lo + U, hi + L] */
				int own_inf = s->U[c] == INF;
				if (n_inf_hi == 0)
					nu = hi + s->L[c];
				else
					nu = INF;
				if (n_inf_lo - own_inf == 0)
					nl = lo + (own_inf ? 0 : s->U[c]);
				else
					nl = INT64_MIN;
			}
			if (nu != INF && (s->U[c] == INF || nu < s->U[c])) {
				s->U[c] = nu;
				moved = 1;
			}
			if (nl > s->L[c]) {
				s->L[c] = nl;
				moved = 1;
			}
			if (s->U[c] != INF && s->L[c] > s->U[c]) {
				*bad = (size_t)c;
				return -1;
			}
		}
		/* the bounds used above may have moved; the next sweep sees it */
	}
	for (t = 0; t < p->n_cells; t++) {
		const struct sdc_cell *x = &p->cells[t];
		if (x->at_most < 0)
			continue;
		if (s->U[x->at_most] != INF && (s->U[t] == INF || s->U[t] > s->U[x->at_most])) {
			s->U[t] = s->U[x->at_most];
			moved = 1;
		}
		if (s->L[x->at_most] < s->L[t]) {
			s->L[x->at_most] = s->L[t];
			moved = 1;
		}
		if (s->U[t] != INF && s->L[t] > s->U[t]) {
			*bad = t;
			return -1;
		}
	}
	return moved;
}

/* Settle the open cells of the component whose columns are cols[0..n)
 * that the LP's current answer moves a whole one from their counts. */
static void witness(struct pin *s, glp_prob *lp, const int32_t *cols, size_t n)
{
	size_t j;
	for (j = 0; j < n; j++) {
		int32_t c = cols[j];
		double v;
		if (!s->open[c])
			continue;
		v = glp_get_col_prim(lp, (int)j + 1);
		if (v <= (double)s->p->cells[c].value - 1 + EPS ||
		    v >= (double)s->p->cells[c].value + 1 - EPS)
			s->open[c] = 0;
	}
}

/* Solve; 0 optimal, 1 unbounded, ERR_DATA infeasible, ERR_INTERNAL. */
static int solve(glp_prob *lp, int presolve, struct err *e)
{
	glp_smcp parm;
	int rc, st;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = presolve ? GLP_ON : GLP_OFF;
	rc = glp_simplex(lp, &parm);
	if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
		glp_adv_basis(lp, 0);
		rc = glp_simplex(lp, &parm);
	}
	if (rc != 0)
		return err_set(e, ERR_INTERNAL, "the disclosure check's linear program failed "
			       "(GLPK code %d)", rc);
	st = glp_get_status(lp);
	if (st == GLP_OPT)
		return 0;
	if (st == GLP_UNBND)
		return 1;
	if (st == GLP_NOFEAS)
		return err_set(e, ERR_DATA, "the published figures contradict the tables' totals; "
			       "an earlier release no longer matches the data");
	return err_set(e, ERR_INTERNAL, "the disclosure check's linear program ended unsolved "
		       "(GLPK status %d)", st);
}

/* Whether the LP has a solution at all (its objective is nothing): 1 yes,
 * 0 no, ERR_INTERNAL when GLPK fails. */
static int feasible(glp_prob *lp, struct err *e)
{
	glp_smcp parm;
	int rc, st;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.meth = GLP_DUALP;
	rc = glp_simplex(lp, &parm);
	if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
		glp_adv_basis(lp, 0);
		rc = glp_simplex(lp, &parm);
	}
	if (rc != 0 && rc != GLP_ENOPFS && rc != GLP_ENODFS)
		return err_set(e, ERR_INTERNAL, "the disclosure check's linear program failed "
			       "(GLPK code %d)", rc);
	st = glp_get_status(lp);
	return st == GLP_OPT || st == GLP_FEAS;
}

/* Put column j (cell c) back to its own bounds. */
static void restore_bounds(const struct pin *s, glp_prob *lp, int j, int32_t c)
{
	if (s->U[c] == INF)
		glp_set_col_bnds(lp, j, GLP_LO, (double)s->L[c], 0.0);
	else if (s->U[c] == s->L[c])
		glp_set_col_bnds(lp, j, GLP_FX, (double)s->L[c], (double)s->L[c]);
	else
		glp_set_col_bnds(lp, j, GLP_DB, (double)s->L[c], (double)s->U[c]);
}

/* The linear programs of one component: its unknowns cols[0..n). */
static int component(struct pin *s, const int32_t *cols, size_t n, int32_t *colof,
		     struct err *e)
{
	const struct sdc *p = s->p;
	glp_prob *lp = glp_create_prob();
	int *ia = NULL, *ja = NULL;
	double *ar = NULL;
	size_t nz = 0, cap = 0, j, q, t, rows = 0;
	int rc = 0, pass;

	glp_add_cols(lp, (int)n);
	for (j = 0; j < n; j++) {
		int32_t c = cols[j];
		colof[c] = (int32_t)j + 1;
		if (s->U[c] == INF)
			glp_set_col_bnds(lp, (int)j + 1, GLP_LO, (double)s->L[c], 0.0);
		else if (s->U[c] == s->L[c])
			glp_set_col_bnds(lp, (int)j + 1, GLP_FX, (double)s->L[c], (double)s->L[c]);
		else
			glp_set_col_bnds(lp, (int)j + 1, GLP_DB, (double)s->L[c], (double)s->U[c]);
	}
#define PUSH(r, col, v)                                                    \
	do {                                                               \
		if (nz + 2 > cap) {                                        \
			cap = cap ? cap * 2 : 1024;                        \
			ia = xrealloc(ia, cap * sizeof *ia);               \
			ja = xrealloc(ja, cap * sizeof *ja);               \
			ar = xrealloc(ar, cap * sizeof *ar);               \
		}                                                          \
		nz++;                                                      \
		ia[nz] = (r);                                              \
		ja[nz] = (col);                                            \
		ar[nz] = (v);                                              \
	} while (0)
	for (q = 0; q < p->n_eq; q++) {
		int mine = 0;
		int64_t rhs = 0;
		for (t = p->eq_start[q]; t < p->eq_start[q + 1] && !mine; t++)
			mine = s->var[p->eq_cell[t]] && colof[p->eq_cell[t]] > 0;
		if (!mine)
			continue;
		rows++;
		glp_add_rows(lp, 1);
		for (t = p->eq_start[q]; t < p->eq_start[q + 1]; t++) {
			int32_t c = p->eq_cell[t];
			if (s->var[c])
				PUSH((int)rows, colof[c], (double)p->eq_coef[t]);
			else
				rhs -= p->eq_coef[t] * p->cells[c].lo;
		}
		glp_set_row_bnds(lp, (int)rows, GLP_FX, (double)rhs, (double)rhs);
	}
	for (j = 0; j < n; j++) {
		int32_t c = cols[j], a = p->cells[c].at_most;
		if (a < 0 || !s->var[a] || colof[a] <= 0)
			continue;
		rows++;
		glp_add_rows(lp, 1);
		PUSH((int)rows, (int)j + 1, 1.0);
		PUSH((int)rows, colof[a], -1.0);
		glp_set_row_bnds(lp, (int)rows, GLP_UP, 0.0, 0.0);
	}
#undef PUSH
	if (nz)
		glp_load_matrix(lp, (int)nz, ia, ja, ar);
	/* a standard basis to start from: the first solve runs the
	 * presolver and solves from scratch anyway */
	glp_std_basis(lp);
	/* all the open cells down together, then up together */
	for (pass = 0; pass < 2; pass++) {
		int any = 0;
		for (j = 0; j < n; j++) {
			glp_set_obj_coef(lp, (int)j + 1, s->open[cols[j]] ? 1.0 : 0.0);
			any |= s->open[cols[j]];
		}
		if (!any)
			goto done;
		glp_set_obj_dir(lp, pass == 0 ? GLP_MIN : GLP_MAX);
		/* the first answer from scratch: the presolver makes it 2-3 times
		 * faster on a year tied to its quarters; then a warm start */
		if ((rc = solve(lp, pass == 0, e)) < 0)
			goto done;
		if (rc == 0)
			witness(s, lp, cols, n);
		rc = 0;
	}
	for (j = 0; j < n; j++)
		glp_set_obj_coef(lp, (int)j + 1, 0.0);
	/* then each cell still open, alone: can it be a whole one lower, or a
	 * whole one higher, than its count? Asked by narrowing its bounds
	 * (the objective now nothing, the dual simplex restarts from the
	 * last answer in a few steps). */
	for (j = 0; j < n; j++) {
		int32_t c = cols[j];
		int64_t v = p->cells[c].value;
		int side;
		if (!s->open[c])
			continue;
		for (side = 0; side < 2 && s->open[c]; side++) {
			double lo = (double)s->L[c], hi = s->U[c] == INF ? 0 : (double)s->U[c];
			int type;
			if (side == 0) {
				if (s->L[c] > v - 1)
					continue;
				hi = (double)(v - 1);
				type = lo == hi ? GLP_FX : GLP_DB;
			} else {
				if (s->U[c] != INF && s->U[c] < v + 1)
					continue;
				lo = (double)(v + 1);
				type = s->U[c] == INF ? GLP_LO : lo == hi ? GLP_FX : GLP_DB;
			}
			glp_set_col_bnds(lp, (int)j + 1, type, lo, hi);
			rc = feasible(lp, e);
			if (rc == 1)
				witness(s, lp, cols, n);
			restore_bounds(s, lp, (int)j + 1, c);
			if (rc < 0)
				goto done;
			rc = 0;
		}
	}
done:
	for (j = 0; j < n; j++)
		colof[cols[j]] = 0;
	glp_delete_prob(lp);
	free(ia);
	free(ja);
	free(ar);
	return rc;
}

int sdc_pinned(const struct sdc *p, const uint8_t *check, uint8_t *pinned, size_t *n_pinned,
	       struct err *e)
{
	struct pin s;
	size_t i, q, t, bad = 0;
	int32_t *order = NULL, *start = NULL, *colof = NULL;
	int rc = 0, moved, k;

	*n_pinned = 0;
	memset(&s, 0, sizeof s);
	s.p = p;
	s.var = xcalloc(p->n_cells + 1, 1);
	s.L = xcalloc(p->n_cells + 1, sizeof *s.L);
	s.U = xcalloc(p->n_cells + 1, sizeof *s.U);
	s.open = xcalloc(p->n_cells + 1, 1);
	s.parent = xcalloc(p->n_cells + 1, sizeof *s.parent);
	for (i = 0; i < p->n_cells; i++) {
		const struct sdc_cell *x = &p->cells[i];
		s.parent[i] = (int32_t)i;
		pinned[i] = 0;
		if (x->status == SDC_PUBLISHED) {
			s.var[i] = x->lo != x->hi;
			s.L[i] = x->lo;
			s.U[i] = x->hi;
		} else {
			s.var[i] = 1;
			s.L[i] = x->min > 0 ? x->min : 0;
			s.U[i] = x->max >= 0 ? x->max : INF;
		}
	}
	glp_term_out(GLP_OFF);
	for (k = 0; k < SWEEPS; k++) {
		if ((moved = sweep(&s, &bad)) < 0) {
			rc = err_set(e, ERR_DATA, "the published figures contradict the tables' totals "
				     "(cell %zu); an earlier release no longer matches the data", bad);
			goto done;
		}
		if (!moved)
			break;
	}
	for (i = 0; i < p->n_cells; i++) {
		if (!check[i])
			continue;
		if (s.U[i] != INF && s.U[i] - s.L[i] < 1) {
			pinned[i] = 1; /* the bounds the constraints imply close on it */
			++*n_pinned;
		} else {
			s.open[i] = 1;
		}
	}
	/* components of the unknowns */
	for (q = 0; q < p->n_eq; q++) {
		int32_t first = -1;
		for (t = p->eq_start[q]; t < p->eq_start[q + 1]; t++) {
			int32_t c = p->eq_cell[t];
			if (!s.var[c])
				continue;
			if (first < 0)
				first = c;
			else
				uf_union(s.parent, first, c);
		}
	}
	for (i = 0; i < p->n_cells; i++) {
		int32_t a = p->cells[i].at_most;
		if (a >= 0 && s.var[i] && s.var[a])
			uf_union(s.parent, (int32_t)i, a);
	}
	/* the unknowns grouped by component (counting sort by root) */
	start = xcalloc(p->n_cells + 2, sizeof *start);
	order = xcalloc(p->n_cells + 1, sizeof *order);
	colof = xcalloc(p->n_cells + 1, sizeof *colof);
	for (i = 0; i < p->n_cells; i++)
		if (s.var[i])
			start[uf_find(s.parent, (int32_t)i) + 1]++;
	for (i = 0; i < p->n_cells; i++)
		start[i + 1] += start[i];
	{
		int32_t *fill = xcalloc(p->n_cells + 1, sizeof *fill);
		for (i = 0; i < p->n_cells; i++)
			if (s.var[i]) {
				int32_t r = uf_find(s.parent, (int32_t)i);
				order[start[r] + fill[r]++] = (int32_t)i;
			}
		free(fill);
	}
	for (i = 0; i < p->n_cells; i++) {
		size_t n = (size_t)(start[i + 1] - start[i]), j;
		int any = 0;
		for (j = 0; j < n && !any; j++)
			any = s.open[order[start[i] + j]];
		if (!any)
			continue;
		if ((rc = component(&s, order + start[i], n, colof, e)) < 0)
			goto done;
	}
	for (i = 0; i < p->n_cells; i++)
		if (check[i] && s.open[i]) {
			pinned[i] = 1;
			++*n_pinned;
		}
done:
	/* GLPK keeps an environment per thread; a server's worker would keep
	 * its own until it ends (LeakSanitizer reports it). Every problem is
	 * deleted by now. */
	glp_free_env();
	free(s.var);
	free(s.L);
	free(s.U);
	free(s.open);
	free(s.parent);
	free(order);
	free(start);
	free(colof);
	return rc;
}
