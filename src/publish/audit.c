/*
 * publish/audit.c: what an attacker can deduce about each suppressed cell
 * of a disclosure-control problem (publish/sdc.h), by linear programming
 * with GLPK — sdc_audit.
 *
 * The attacker knows the equations, every published cell (as the whole
 * numbers lo..hi it can be: one value, or the values that round to what
 * was shown), that counts are whole and 0 or more, and that a cell is at
 * most its at_most cell. For each primary and secondary cell we minimise
 * and maximise it under those constraints.
 *
 * Speed:
 * - A published cell shown as one value is a constant: it is moved to the
 *   right-hand side of its equations. What is left splits into connected
 *   components (cells joined by an equation or an at_most link), and each
 *   suppressed cell is bounded inside its own component only.
 * - A component's LP is built once; its cells are minimised and maximised
 *   in turn by changing the objective, the simplex starting from the basis
 *   the previous solve left (a warm start).
 * - Screening: one solve pushes every target down, one pushes up those
 *   that a single equation bounds; every vertex seen is remembered per
 *   column, and a target already seen at its own lower bound (0) or at
 *   that upper bound needs no solve for that end.
 * - A cell in no equation and no link needs no LP: its bounds are its own.
 * KNOWN LIMIT: when the suppressed cells of a year and its quarters form
 * one component of thousands of cells (bench/audit_bench.c makes one of
 * about 5,000), each solve takes tens of milliseconds and the whole audit
 * minutes, not the 2 s.
 *
 * Whole numbers: the LP relaxation's bounds are rounded inward (ceiling
 * of the minimum, floor of the maximum, with a small tolerance). They can
 * still be wider than what whole numbers allow when the constraint matrix
 * is not totally unimodular (linked tables, periods), and "pinned to one
 * value" should be decided on whole numbers. So where the rounded interval
 * is narrow (SDC_AUDIT_NARROW wide at most, which includes a pinned cell)
 * and no whole-number point has been seen at an end, that end is settled
 * by integer programming (glp_intopt, a feasibility search with the cell
 * fixed at each candidate value in turn). An LP optimum at a whole-number
 * point is already the integer optimum, so most cells need none. Branch
 * and bound can take exponential time, so it is tried only in components
 * of at most SDC_AUDIT_MIP_COLS columns and for SDC_AUDIT_MIP_MS each;
 * otherwise the LP's rounded bound stands (which can only understate what
 * an attacker knows on whole numbers; the scipy attacker of the tests
 * does the same, confirming with integer programming only what LP pins).
 * Wide intervals keep the rounded LP bounds: a wide interval is not a
 * disclosure either way.
 *
 * Cells still SDC_CANDIDATE (before sdc_secondary has run) are treated as
 * unknown to the attacker, like hidden cells; they are not bounded.
 *
 * GLPK's terminal output is switched off for the duration: library code
 * never prints.
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "publish/sdc.h"
#include "publish/uf.h"

/* Intervals this wide or narrower are confirmed on whole numbers. */
#ifndef SDC_AUDIT_NARROW
#define SDC_AUDIT_NARROW 2
#endif
/* Whole-number checks are made in components of at most this many
 * columns, each given at most this long (ms); see the top of the file. */
#ifndef SDC_AUDIT_MIP_COLS
#define SDC_AUDIT_MIP_COLS 1500
#endif
#define SDC_AUDIT_MIP_MS 1000

/* Everything one sdc_audit call works with. */
struct audit {
	const struct sdc *p;
	int32_t *parent;   /* union-find over cells (variables only) */
	uint8_t *var;	   /* 1: the cell is a variable, 0: a constant */
	double *lb, *ub;   /* a variable's own bounds (ub < 0: none) */
	int64_t *lo, *hi;  /* the answer per cell (targets only) */
	int *col;	   /* a variable's column in its component's LP */
	/* links between two variables: cell at_most[k] >= cell link_cell[k] */
	int32_t *link_cell;
	size_t n_links;
	/* per equation: the constant part moved right, and whether it has
	 * variables */
	int64_t *rhs;
	uint8_t *eq_var;
};

static int is_target(const struct sdc_cell *c)
{
	return c->status == SDC_PRIMARY || c->status == SDC_SECONDARY;
}

static double tol(double v)
{
	return 1e-6 + 1e-9 * fabs(v);
}

static int64_t round_up(double v)
{
	double r = ceil(v - tol(v));
	return r <= 0 ? 0 : r >= 9.0e18 ? INT64_MAX : (int64_t)r;
}

static int64_t round_down(double v)
{
	double r = floor(v + tol(v));
	return r >= 9.0e18 ? INT64_MAX : r <= 0 ? 0 : (int64_t)r;
}

/* Solve the LP from its current basis (a fresh one if that is unusable).
 * 0 optimal, 1 unbounded, ERR_DATA infeasible, ERR_INTERNAL. */
static int lp_solve(glp_prob *lp, int32_t first, struct err *e)
{
	glp_smcp parm;
	int rc, st;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_OFF;
	rc = glp_simplex(lp, &parm);
	if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
		glp_std_basis(lp);
		rc = glp_simplex(lp, &parm);
	}
	if (rc != 0)
		return err_set(e, ERR_INTERNAL,
			       "the disclosure audit's linear program failed (GLPK "
			       "code %d, around cell %d)", rc, (int)first);
	st = glp_get_status(lp);
	if (st == GLP_OPT)
		return 0;
	if (st == GLP_UNBND)
		return 1;
	if (st == GLP_NOFEAS)
		return err_set(e, ERR_DATA,
			       "the published figures contradict the tables' totals "
			       "(around cell %d): no counts fit them all; an earlier "
			       "release no longer matches the data", (int)first);
	return err_set(e, ERR_INTERNAL,
		       "the disclosure audit's linear program ended unsolved (GLPK "
		       "status %d, around cell %d)", st, (int)first);
}

/* Whether some whole-number point of the LP has column j equal to v:
 * branch and bound with no objective, which stops at the first such point
 * (GLPK's presolver and feasibility pump find most at once). 1 yes (the
 * point is the LP's MIP solution), 0 no, 2 undecided in the time allowed,
 * ERR_INTERNAL. The
 * LP's own basis and objective are left as they were. */
static int mip_feasible(glp_prob *lp, int j, double v, int32_t first, struct err *e)
{
	glp_iocp parm;
	int rc, st, type = glp_get_col_type(lp, j);
	double lb = glp_get_col_lb(lp, j), ub = glp_get_col_ub(lp, j);
	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_ON;
	parm.fp_heur = GLP_ON;
	parm.tm_lim = SDC_AUDIT_MIP_MS;
	glp_set_col_bnds(lp, j, GLP_FX, v, v);
	rc = glp_intopt(lp, &parm);
	st = glp_mip_status(lp);
	glp_set_col_bnds(lp, j, type, lb, ub);
	if (rc == 0 && (st == GLP_OPT || st == GLP_FEAS))
		return 1;
	if ((rc == 0 && st == GLP_NOFEAS) || rc == GLP_ENOPFS || rc == GLP_ENODFS)
		return 0;
	if (rc == GLP_ETMLIM)
		return 2;
	return err_set(e, ERR_INTERNAL,
		       "the disclosure audit could not settle a suppressed count on "
		       "whole numbers (GLPK code %d, status %d, around cell %d)", rc,
		       st, (int)first);
}

/* What the LP's solves have shown about each column: the least and
 * greatest value seen at a vertex, and whether that vertex was a
 * whole-number point. */
struct seen {
	double *lo, *hi;
	uint8_t *lo_whole, *hi_whole;
};

static void seen_record(struct seen *sn, glp_prob *lp, int n, int mip)
{
	int whole = 1;
	for (int j = 1; j <= n && !mip; j++) {
		double v = glp_get_col_prim(lp, j);
		if (fabs(v - floor(v + 0.5)) > tol(v))
			whole = 0;
	}
	for (int j = 1; j <= n; j++) {
		double v = mip ? glp_mip_col_val(lp, j) : glp_get_col_prim(lp, j);
		int k = j - 1;
		if (v < sn->lo[k] - tol(v) || (v <= sn->lo[k] + tol(v) && whole && !sn->lo_whole[k])) {
			sn->lo[k] = v;
			sn->lo_whole[k] = (uint8_t)whole;
		}
		if (v > sn->hi[k] + tol(v) || (v >= sn->hi[k] - tol(v) && whole && !sn->hi_whole[k])) {
			sn->hi[k] = v;
			sn->hi_whole[k] = (uint8_t)whole;
		}
	}
}

/* Bound the target cells of one component: cells[0..n) (in index order),
 * equations eqs[0..n_eqs), links links[0..n_lk) (indices into
 * a->link_cell). */
static int audit_component(struct audit *a, const int32_t *cells, size_t n,
			   const size_t *eqs, size_t n_eqs, const size_t *links,
			   size_t n_lk, struct err *e)
{
	const struct sdc *p = a->p;
	glp_prob *lp = glp_create_prob();
	int *ia = NULL, *ja = NULL;
	double *ar = NULL;
	size_t nz = 0, cap = 0;
	int rc = 0, prev = 0;
	struct seen sn;
	double *triv = xmalloc(n * sizeof *triv); /* upper bound, -1: none */

	sn.lo = xmalloc(n * sizeof *sn.lo);
	sn.hi = xmalloc(n * sizeof *sn.hi);
	sn.lo_whole = xcalloc(n, 1);
	sn.hi_whole = xcalloc(n, 1);
	for (size_t k = 0; k < n; k++) {
		sn.lo[k] = HUGE_VAL;
		sn.hi[k] = -HUGE_VAL;
		triv[k] = a->ub[cells[k]];
	}
	glp_set_obj_dir(lp, GLP_MIN);
	glp_add_cols(lp, (int)n);
	for (size_t k = 0; k < n; k++) {
		int32_t c = cells[k];
		int j = (int)k + 1;
		a->col[c] = j;
		if (a->ub[c] < 0)
			glp_set_col_bnds(lp, j, GLP_LO, a->lb[c], 0.0);
		else if (a->ub[c] == a->lb[c])
			glp_set_col_bnds(lp, j, GLP_FX, a->lb[c], a->lb[c]);
		else
			glp_set_col_bnds(lp, j, GLP_DB, a->lb[c], a->ub[c]);
		glp_set_col_kind(lp, j, GLP_IV);
	}
	if (n_eqs + n_lk)
		glp_add_rows(lp, (int)(n_eqs + n_lk));
	for (size_t r = 0; r < n_eqs; r++) {
		size_t q = eqs[r], row_start = nz;
		size_t len = p->eq_start[q + 1] - p->eq_start[q];
		if (nz + len + 1 > cap) {
			cap = 2 * (nz + len + 1);
			ia = xrealloc(ia, cap * sizeof *ia);
			ja = xrealloc(ja, cap * sizeof *ja);
			ar = xrealloc(ar, cap * sizeof *ar);
		}
		for (size_t k = p->eq_start[q]; k < p->eq_start[q + 1]; k++) {
			int32_t c = p->eq_cell[k];
			size_t m;
			if (!a->var[c] || !p->eq_coef[k])
				continue;
			/* a cell named twice in one equation: one coefficient */
			for (m = row_start + 1; m <= nz; m++)
				if (ja[m] == a->col[c])
					break;
			if (m <= nz) {
				ar[m] += p->eq_coef[k];
				continue;
			}
			nz++;
			ia[nz] = (int)r + 1;
			ja[nz] = a->col[c];
			ar[nz] = p->eq_coef[k];
		}
		glp_set_row_bnds(lp, (int)r + 1, GLP_FX, (double)a->rhs[q], (double)a->rhs[q]);
		/* terms all of one sign: each is at most the total over its
		 * coefficient (the others being 0 or more) */
		int pos = 0, neg = 0;
		for (size_t m = row_start + 1; m <= nz; m++)
			pos += ar[m] > 0, neg += ar[m] < 0;
		if (pos && neg)
			continue;
		for (size_t m = row_start + 1; m <= nz; m++) {
			double cap_m = (double)a->rhs[q] / ar[m];
			if (ar[m] != 0 && cap_m >= 0 && (triv[ja[m] - 1] < 0 || cap_m < triv[ja[m] - 1]))
				triv[ja[m] - 1] = cap_m;
		}
	}
	for (size_t r = 0; r < n_lk; r++) {
		size_t l = links[r];
		int row = (int)(n_eqs + r) + 1;
		int32_t small = a->link_cell[l], big = p->cells[small].at_most;
		if (nz + 3 > cap) {
			cap = 2 * (nz + 3);
			ia = xrealloc(ia, cap * sizeof *ia);
			ja = xrealloc(ja, cap * sizeof *ja);
			ar = xrealloc(ar, cap * sizeof *ar);
		}
		nz++;
		ia[nz] = row, ja[nz] = a->col[small], ar[nz] = 1;
		nz++;
		ia[nz] = row, ja[nz] = a->col[big], ar[nz] = -1;
		glp_set_row_bnds(lp, row, GLP_UP, 0.0, 0.0);
	}
	/* coefficients that cancelled out are left as explicit zeros, which
	 * glp_load_matrix accepts */
	if (nz)
		glp_load_matrix(lp, (int)nz, ia, ja, ar);

	/* Screening: one solve pushing every target down, one pushing those
	 * with an upper bound up. A target seen at its own lower bound, or at
	 * the upper bound a single equation gives it, needs no solve of its
	 * own; nor does one that a later solve happens to push there. */
	for (size_t k = 0; k < n; k++)
		if (is_target(&p->cells[cells[k]]))
			glp_set_obj_coef(lp, (int)k + 1, 1.0);
	glp_set_obj_dir(lp, GLP_MIN);
	if ((rc = lp_solve(lp, cells[0], e)) != 0)
		goto done;
	seen_record(&sn, lp, (int)n, 0);
	for (size_t k = 0; k < n; k++)
		if (is_target(&p->cells[cells[k]]) && triv[k] < 0)
			glp_set_obj_coef(lp, (int)k + 1, 0.0);
	glp_set_obj_dir(lp, GLP_MAX);
	if ((rc = lp_solve(lp, cells[0], e)) < 0)
		goto done;
	if (rc == 0)
		seen_record(&sn, lp, (int)n, 0);
	rc = 0;
	for (size_t k = 0; k < n; k++)
		glp_set_obj_coef(lp, (int)k + 1, 0.0);

	for (size_t k = 0; k < n; k++) {
		int32_t c = cells[k];
		int j = (int)k + 1, unbounded = 0;
		double vmin, vmax = 0;
		int64_t v;
		if (!is_target(&p->cells[c]))
			continue;
		if (prev)
			glp_set_obj_coef(lp, prev, 0.0);
		glp_set_obj_coef(lp, j, 1.0);
		prev = j;

		if (sn.lo[k] <= a->lb[c] + tol(a->lb[c])) {
			vmin = a->lb[c];
		} else {
			glp_set_obj_dir(lp, GLP_MIN);
			if ((rc = lp_solve(lp, cells[0], e)) != 0)
				goto done; /* a count's minimum is never unbounded */
			vmin = glp_get_obj_val(lp);
			seen_record(&sn, lp, (int)n, 0);
		}
		if (triv[k] >= 0 && sn.hi[k] >= triv[k] - tol(triv[k])) {
			vmax = triv[k];
		} else {
			glp_set_obj_dir(lp, GLP_MAX);
			if ((rc = lp_solve(lp, cells[0], e)) < 0)
				goto done;
			unbounded = rc == 1;
			rc = 0;
			if (!unbounded) {
				vmax = glp_get_obj_val(lp);
				seen_record(&sn, lp, (int)n, 0);
			}
		}
		a->lo[c] = round_up(vmin);
		a->hi[c] = unbounded ? INT64_MAX : round_down(vmax);
		if (!unbounded && a->hi[c] - a->lo[c] <= SDC_AUDIT_NARROW && n <= SDC_AUDIT_MIP_COLS) {
			/* narrow: settle each end on whole numbers, unless a
			 * whole-number point already reached it */
			if (!(sn.lo_whole[k] && sn.lo[k] <= (double)a->lo[c] + tol(vmin))) {
				for (v = a->lo[c]; v <= a->hi[c]; v++) {
					if ((rc = mip_feasible(lp, j, (double)v, cells[0], e)) < 0)
						goto done;
					if (rc >= 1)
						break; /* 2: undecided, the LP's bound stands */
				}
				if (rc == 1)
					seen_record(&sn, lp, (int)n, 1);
				rc = 0;
				a->lo[c] = v;
			}
			if (a->lo[c] <= a->hi[c] &&
			    !(sn.hi_whole[k] && sn.hi[k] >= (double)a->hi[c] - tol(vmax))) {
				for (v = a->hi[c]; v > a->lo[c]; v--) {
					if ((rc = mip_feasible(lp, j, (double)v, cells[0], e)) < 0)
						goto done;
					if (rc >= 1)
						break;
				}
				if (rc == 1)
					seen_record(&sn, lp, (int)n, 1);
				rc = 0;
				a->hi[c] = v;
			}
		}
		if (a->lo[c] > a->hi[c]) {
			rc = err_set(e, ERR_DATA,
				     "the published figures contradict the tables' totals "
				     "(cell %d): no whole-number count fits; an earlier "
				     "release no longer matches the data", (int)c);
			goto done;
		}
	}
done:
	glp_delete_prob(lp);
	free(sn.lo);
	free(sn.hi);
	free(sn.lo_whole);
	free(sn.hi_whole);
	free(triv);
	free(ia);
	free(ja);
	free(ar);
	return rc;
}

/* Sort the pieces into components and bound each; the cells' lo/hi. */
static int audit_all(struct audit *a, struct err *e)
{
	const struct sdc *p = a->p;
	size_t nc = p->n_cells;
	int32_t *comp = xmalloc(nc * sizeof *comp); /* root -> component */
	size_t n_comp = 0, *cstart, *estart, *lstart, *fill;
	int32_t *cells;
	size_t *eqs, *links;
	int rc = 0;

	for (size_t i = 0; i < nc; i++)
		comp[i] = -1;
	/* components in order of their first cell, that hold a target */
	for (size_t i = 0; i < nc; i++) {
		int32_t r;
		if (!a->var[i] || !is_target(&p->cells[i]))
			continue;
		r = uf_find(a->parent, (int32_t)i);
		if (comp[r] < 0)
			comp[r] = (int32_t)n_comp++;
	}
	cstart = xcalloc(n_comp + 1, sizeof *cstart);
	estart = xcalloc(n_comp + 1, sizeof *estart);
	lstart = xcalloc(n_comp + 1, sizeof *lstart);
	fill = xmalloc((n_comp + 1) * sizeof *fill);
	/* count, then place (counting sort keeps index order) */
	for (size_t i = 0; i < nc; i++) {
		int32_t k;
		if (a->var[i] && (k = comp[uf_find(a->parent, (int32_t)i)]) >= 0)
			cstart[k + 1]++;
	}
	/* an equation's component: that of any of its variables */
	size_t *eq_comp = xmalloc((p->n_eq ? p->n_eq : 1) * sizeof *eq_comp);
	for (size_t q = 0; q < p->n_eq; q++) {
		eq_comp[q] = SIZE_MAX;
		if (!a->eq_var[q])
			continue;
		for (size_t k = p->eq_start[q]; k < p->eq_start[q + 1]; k++) {
			int32_t c = p->eq_cell[k];
			if (a->var[c]) {
				int32_t m = comp[uf_find(a->parent, c)];
				if (m >= 0) {
					eq_comp[q] = (size_t)m;
					estart[m + 1]++;
				}
				break;
			}
		}
	}
	for (size_t l = 0; l < a->n_links; l++) {
		int32_t m = comp[uf_find(a->parent, a->link_cell[l])];
		if (m >= 0)
			lstart[m + 1]++;
	}
	for (size_t k = 0; k < n_comp; k++) {
		cstart[k + 1] += cstart[k];
		estart[k + 1] += estart[k];
		lstart[k + 1] += lstart[k];
	}
	cells = xmalloc((cstart[n_comp] ? cstart[n_comp] : 1) * sizeof *cells);
	eqs = xmalloc((estart[n_comp] ? estart[n_comp] : 1) * sizeof *eqs);
	links = xmalloc((lstart[n_comp] ? lstart[n_comp] : 1) * sizeof *links);
	memcpy(fill, cstart, (n_comp + 1) * sizeof *fill);
	for (size_t i = 0; i < nc; i++) {
		int32_t k;
		if (a->var[i] && (k = comp[uf_find(a->parent, (int32_t)i)]) >= 0)
			cells[fill[k]++] = (int32_t)i;
	}
	memcpy(fill, estart, (n_comp + 1) * sizeof *fill);
	for (size_t q = 0; q < p->n_eq; q++)
		if (eq_comp[q] != SIZE_MAX)
			eqs[fill[eq_comp[q]]++] = q;
	memcpy(fill, lstart, (n_comp + 1) * sizeof *fill);
	for (size_t l = 0; l < a->n_links; l++) {
		int32_t m = comp[uf_find(a->parent, a->link_cell[l])];
		if (m >= 0)
			links[fill[m]++] = l;
	}

	for (size_t k = 0; k < n_comp && rc == 0; k++) {
		size_t ne = estart[k + 1] - estart[k], nl = lstart[k + 1] - lstart[k];
		if (ne + nl == 0) {
			/* alone: what the attacker knows is its own bounds */
			for (size_t i = cstart[k]; i < cstart[k + 1]; i++) {
				int32_t c = cells[i];
				a->lo[c] = round_up(a->lb[c]);
				a->hi[c] = a->ub[c] < 0 ? INT64_MAX : round_down(a->ub[c]);
			}
			continue;
		}
		rc = audit_component(a, cells + cstart[k], cstart[k + 1] - cstart[k],
				     eqs + estart[k], ne, links + lstart[k], nl, e);
	}
	free(comp);
	free(cstart);
	free(estart);
	free(lstart);
	free(fill);
	free(eq_comp);
	free(cells);
	free(eqs);
	free(links);
	return rc;
}

/* Constants, variables and their bounds; links; equations' right-hand
 * sides; the union-find. ERR_DATA on a contradiction among constants. */
static int audit_prepare(struct audit *a, struct err *e)
{
	const struct sdc *p = a->p;
	size_t nc = p->n_cells;

	for (size_t i = 0; i < nc; i++) {
		const struct sdc_cell *c = &p->cells[i];
		a->parent[i] = (int32_t)i;
		if (c->status > SDC_HIDDEN)
			return err_set(e, ERR_INTERNAL, "disclosure audit: cell %zu has "
				       "an unknown status %d", i, c->status);
		if (c->at_most >= (int64_t)nc || c->at_most < -1 || c->at_most == (int32_t)i)
			return err_set(e, ERR_INTERNAL, "disclosure audit: cell %zu is "
				       "at most cell %d, which is not another cell", i,
				       (int)c->at_most);
		a->lb[i] = 0;
		a->ub[i] = -1;
		if (c->status == SDC_PUBLISHED) {
			if (c->hi < 0 || c->lo > c->hi)
				return err_set(e, ERR_DATA, "the published figure of cell "
					       "%zu is no possible count (%lld to %lld)", i,
					       (long long)c->lo, (long long)c->hi);
			if (c->lo == c->hi)
				continue; /* a constant */
			a->lb[i] = c->lo > 0 ? (double)c->lo : 0;
			a->ub[i] = (double)c->hi;
		} else {
			/* what the attacker knows of it beforehand */
			if (c->min > 0)
				a->lb[i] = (double)c->min;
			if (c->max >= 0)
				a->ub[i] = (double)c->max;
		}
		a->var[i] = 1;
	}
	for (size_t i = 0; i < nc; i++) {
		int32_t j = p->cells[i].at_most;
		if (j < 0)
			continue;
		if (a->var[i] && a->var[j]) {
			a->link_cell[a->n_links++] = (int32_t)i;
			uf_union(a->parent, (int32_t)i, j);
		} else if (a->var[i]) {
			double v = (double)p->cells[j].lo;
			if (a->ub[i] < 0 || a->ub[i] > v)
				a->ub[i] = v;
			if (a->ub[i] < a->lb[i])
				return err_set(e, ERR_DATA, "the published figures "
					       "contradict each other: cell %zu cannot be at "
					       "most cell %d", i, (int)j);
		} else if (a->var[j]) {
			double v = (double)p->cells[i].lo;
			if (a->lb[j] < v)
				a->lb[j] = v;
			if (a->ub[j] >= 0 && a->ub[j] < a->lb[j])
				return err_set(e, ERR_DATA, "the published figures "
					       "contradict each other: cell %zu cannot be at "
					       "most cell %d", i, (int)j);
		} else if (p->cells[i].lo > p->cells[j].lo) {
			return err_set(e, ERR_DATA, "the published figures contradict "
				       "each other: cell %zu (%lld) is more than cell %d "
				       "(%lld), which it cannot exceed", i,
				       (long long)p->cells[i].lo, (int)j,
				       (long long)p->cells[j].lo);
		}
	}
	for (size_t q = 0; q < p->n_eq; q++) {
		int64_t rhs = 0;
		int32_t first = -1;
		for (size_t k = p->eq_start[q]; k < p->eq_start[q + 1]; k++) {
			int32_t c = p->eq_cell[k];
			if (c < 0 || (size_t)c >= nc)
				return err_set(e, ERR_INTERNAL, "disclosure audit: "
					       "equation %zu names cell %d, which does not "
					       "exist", q, (int)c);
			if (!a->var[c]) {
				rhs -= p->eq_coef[k] * p->cells[c].lo;
			} else if (p->eq_coef[k]) {
				if (first < 0)
					first = c;
				else
					uf_union(a->parent, first, c);
			}
		}
		a->rhs[q] = rhs;
		a->eq_var[q] = first >= 0;
		if (first < 0 && rhs != 0)
			return err_set(e, ERR_DATA, "the published figures contradict "
				       "the tables' totals: equation %zu is off by %lld "
				       "(cells %d...); an earlier release no longer "
				       "matches the data", q, (long long)-rhs,
				       (int)p->eq_cell[p->eq_start[q]]);
	}
	return 0;
}

int sdc_audit(const struct sdc *p, struct sdc_bound **out, size_t *n, struct err *e)
{
	struct audit a;
	size_t nc = p->n_cells, n_t = 0, i;
	int rc, term;

	*out = NULL;
	*n = 0;
	memset(&a, 0, sizeof a);
	a.p = p;
	a.parent = xmalloc((nc ? nc : 1) * sizeof *a.parent);
	a.var = xcalloc(nc ? nc : 1, sizeof *a.var);
	a.lb = xmalloc((nc ? nc : 1) * sizeof *a.lb);
	a.ub = xmalloc((nc ? nc : 1) * sizeof *a.ub);
	a.lo = xcalloc(nc ? nc : 1, sizeof *a.lo);
	a.hi = xcalloc(nc ? nc : 1, sizeof *a.hi);
	a.col = xcalloc(nc ? nc : 1, sizeof *a.col);
	a.link_cell = xmalloc((nc ? nc : 1) * sizeof *a.link_cell);
	a.rhs = xmalloc((p->n_eq ? p->n_eq : 1) * sizeof *a.rhs);
	a.eq_var = xcalloc(p->n_eq ? p->n_eq : 1, sizeof *a.eq_var);

	term = glp_term_out(GLP_OFF);
	rc = audit_prepare(&a, e);
	if (rc == 0)
		rc = audit_all(&a, e);
	glp_term_out(term);
	/* GLPK keeps an environment per thread, made on first use; a web
	 * server's worker thread would keep its own until it ends, which
	 * LeakSanitizer reports. Every problem of this audit is deleted by
	 * now, so the environment goes too (the next call makes another). */
	glp_free_env();

	if (rc == 0) {
		for (i = 0; i < nc; i++)
			n_t += is_target(&p->cells[i]);
		*out = xmalloc((n_t ? n_t : 1) * sizeof **out);
		for (i = 0; i < nc; i++) {
			if (!is_target(&p->cells[i]))
				continue;
			(*out)[*n].cell = i;
			(*out)[*n].lo = a.lo[i];
			(*out)[*n].hi = a.hi[i];
			(*n)++;
		}
	}
	free(a.parent);
	free(a.var);
	free(a.lb);
	free(a.ub);
	free(a.lo);
	free(a.hi);
	free(a.col);
	free(a.link_cell);
	free(a.rhs);
	free(a.eq_var);
	return rc;
}
