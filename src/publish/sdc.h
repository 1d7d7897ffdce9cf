/*
 * publish/sdc.h: statistical disclosure control of count tables tied
 * together by linear relations — knows no domain (no units, groups,
 * periods). The caller (publish/tables.c) turns every table of a release,
 * and of every release related to it, into one problem: cells (whole
 * counts) and equations between them (a total is the sum of its parts;
 * a year is the sum of its quarters; a cell shown in two tables is one
 * cell). This file decides which cells to suppress besides the primary
 * ones (secondary suppression by Gaussian elimination, sdc_secondary),
 * checks that no suppressed cell can be worked out exactly (sdc_disclosed)
 * and bounds what an attacker can deduce by linear programming with GLPK
 * (sdc_audit). docs/publication.md explains the method.
 */
#ifndef PARITY_SDC_H
#define PARITY_SDC_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* What a cell is, or becomes. */
enum sdc_status {
	SDC_CANDIDATE = 0, /* IN: not decided; sdc_secondary makes it
			      SDC_PUBLISHED or SDC_SECONDARY */
	SDC_PUBLISHED,	   /* shown: the attacker knows lo..hi */
	SDC_PRIMARY,	   /* suppressed because it is small (IN) */
	SDC_SECONDARY,	   /* suppressed so that no primary can be worked out
			      (a caller may set it IN, not fixed, to force a
			      cell suppressed: sdc_secondary keeps it so) */
	SDC_HIDDEN,	   /* in no release (a period never published, or
			      the inner cells of a period published only as
			      part of a longer one): unknown to the attacker,
			      never published by sdc_secondary */
};

struct sdc_cell {
	int64_t value;	 /* the true count (0 or more) */
	int64_t lo, hi;	 /* SDC_PUBLISHED: what the attacker reads it as:
			    value..value, or for a rounded count the whole
			    numbers that round to what is shown (the caller
			    sets them; sdc_secondary sets lo = hi = value on
			    the cells it publishes) */
	uint64_t rank;	 /* candidates are suppressed in increasing rank
			    (ties: lower index first): the caller puts cells
			    already suppressed in an earlier release first,
			    inner cells before totals, small counts before
			    large */
	int64_t min, max; /* not SDC_PUBLISHED: what the attacker knows of it
			     beforehand (its status says it is small, say): at
			     least min, at most max (max -1: no bound); 0, -1
			     from sdc_add_cell */
	int32_t at_most; /* index of a cell this one cannot exceed (a
			    numerator and its denominator), or -1 */
	uint8_t status;	 /* enum sdc_status */
	uint8_t fixed;	 /* 1: decided in an earlier release: its status
			    stays as it is (SDC_PUBLISHED, SDC_PRIMARY or
			    SDC_SECONDARY) */
};

/* The problem. Equation q says sum over k in [eq_start[q], eq_start[q+1])
 * of eq_coef[k] × cells[eq_cell[k]].value = 0 (for a total: +1 for each
 * part, -1 for the total). Built with sdc_add_* below; the arrays are the
 * problem's own. */
struct sdc {
	struct sdc_cell *cells;
	size_t n_cells, cap_cells;
	size_t *eq_start;	/* n_eq + 1 entries */
	int32_t *eq_cell;
	int8_t *eq_coef;
	size_t n_eq, n_terms, cap_eq, cap_terms;
};

void sdc_init(struct sdc *p);
void sdc_free(struct sdc *p);
/* Add a cell (status SDC_CANDIDATE, at_most -1, lo = hi = value); its
 * index. */
int32_t sdc_add_cell(struct sdc *p, int64_t value, uint64_t rank);
/* Add the equation total = sum of the n parts (cell indices). */
void sdc_add_sum(struct sdc *p, int32_t total, const int32_t *parts, size_t n);

/* Secondary suppression: decide every SDC_CANDIDATE cell, publishing as
 * many as can be published, so that afterwards no SDC_PRIMARY cell is a
 * linear combination of the published cells' values under the equations
 * (sdc_disclosed finds none). Fixed cells keep their status (an earlier
 * release cannot be taken back); SDC_HIDDEN cells stay hidden. The same
 * problem gives the same pattern every time. *n_secondary gets the cells
 * made SDC_SECONDARY. ERR_DATA when even suppressing every candidate
 * leaves a primary cell computable (only fixed cells can do that: an
 * earlier release published too much); e names the cell's index. */
int sdc_secondary(struct sdc *p, size_t *n_secondary, struct err *e);

/* 1 when some suppressed cell (SDC_PRIMARY, or SDC_SECONDARY when
 * secondary_too) is a linear combination of the published cells under
 * the equations, with its index in *which; 0 when none; ERR_INTERNAL
 * (out of memory). Exact arithmetic. */
int sdc_disclosed(const struct sdc *p, int secondary_too, size_t *which, struct err *e);

/* What an attacker holding every published cell can deduce about one
 * suppressed cell. */
struct sdc_bound {
	size_t cell;	/* its index */
	int64_t lo, hi; /* the whole numbers it can be: at least lo, at most
			   hi (hi = INT64_MAX: no upper bound) */
};
/* Which cells marked in check (n_cells entries, 1: check it) an attacker
 * holding every published cell can pin to one whole number, as sdc_audit
 * would find them (linear programming, bounds rounded inward), without
 * working out every interval: pinned[i] = 1 for those (n_cells entries),
 * *n_pinned their number. ERR_DATA as sdc_audit. */
int sdc_pinned(const struct sdc *p, const uint8_t *check, uint8_t *pinned, size_t *n_pinned,
	       struct err *e);

/* For every SDC_PRIMARY and SDC_SECONDARY cell, in index order, the
 * interval an attacker can deduce by linear programming (GLPK) from: the
 * equations; every published cell within its lo..hi; every cell 0 or
 * more, within its min..max and at most its at_most cell; hidden cells
 * unknown. *out is
 * allocated (free it), *n its length. ERR_DATA when the published cells
 * contradict the equations (no solution: an earlier release no longer
 * matches the data). */
int sdc_audit(const struct sdc *p, struct sdc_bound **out, size_t *n, struct err *e);

#endif
