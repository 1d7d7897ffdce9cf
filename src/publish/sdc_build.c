/*
 * publish/sdc_build.c: building a disclosure-control problem (publish/sdc.h)
 * — cells and the equations between them, held as growing arrays (the
 * equations in compressed-row form). Written alongside the GLPK audit
 * (audit.c) so that it builds and is tested on its own; sdc.c holds
 * the secondary suppression and the disclosure check.
 */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "publish/sdc.h"

void sdc_init(struct sdc *p)
{
	memset(p, 0, sizeof *p);
	p->eq_start = xcalloc(1, sizeof *p->eq_start);
	p->cap_eq = 1;
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
	struct sdc_cell *c;
	if (p->n_cells == p->cap_cells) {
		p->cap_cells = p->cap_cells ? 2 * p->cap_cells : 64;
		p->cells = xrealloc(p->cells, p->cap_cells * sizeof *p->cells);
	}
	c = &p->cells[p->n_cells];
	memset(c, 0, sizeof *c);
	c->value = value;
	c->lo = c->hi = value;
	c->rank = rank;
	c->at_most = -1;
	c->status = SDC_CANDIDATE;
	return (int32_t)p->n_cells++;
}

/* Room for one more equation of n terms. */
static void sdc_grow(struct sdc *p, size_t n)
{
	if (!p->eq_start) { /* a problem zeroed rather than sdc_init'ed */
		p->eq_start = xcalloc(1, sizeof *p->eq_start);
		p->cap_eq = 1;
	}
	if (p->n_eq + 2 > p->cap_eq) {
		p->cap_eq = p->cap_eq < 32 ? 64 : 2 * p->cap_eq;
		p->eq_start = xrealloc(p->eq_start, p->cap_eq * sizeof *p->eq_start);
	}
	if (p->n_terms + n > p->cap_terms) {
		size_t cap = p->cap_terms ? 2 * p->cap_terms : 256;
		while (cap < p->n_terms + n)
			cap *= 2;
		p->cap_terms = cap;
		p->eq_cell = xrealloc(p->eq_cell, cap * sizeof *p->eq_cell);
		p->eq_coef = xrealloc(p->eq_coef, cap * sizeof *p->eq_coef);
	}
}

void sdc_add_sum(struct sdc *p, int32_t total, const int32_t *parts, size_t n)
{
	size_t k = p->n_terms;
	sdc_grow(p, n + 1);
	for (size_t i = 0; i < n; i++) {
		p->eq_cell[k] = parts[i];
		p->eq_coef[k++] = 1;
	}
	p->eq_cell[k] = total;
	p->eq_coef[k++] = -1;
	p->n_terms = k;
	p->eq_start[++p->n_eq] = k;
}
