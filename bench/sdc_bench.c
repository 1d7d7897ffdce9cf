/*
 * bench/sdc_bench: how long secondary suppression (src/publish/sdc.c)
 * takes on a problem the size of a year's publication. Synthetic and
 * seeded, so every run builds the same problem: UNITS units x CHARS
 * characteristics (each with 5 to 9 groups, 7 on average, plus All) x
 * OUTCOMES outcomes x 2 measures (numerator, denominator) x 5 periods
 * (four quarters and their year). In each period, each characteristic's
 * table is units x groups with margins; a unit's All-group cell, and the
 * grand total, are one cell shared by every characteristic's table; each
 * year cell is the sum of its four quarters' cells. Counts are small
 * often (a third under 10); counts from 1 to 9 are primary.
 *
 * The quarters are released one after another (each fixed before the
 * next; later periods hidden), then the year (the case the 2 s
 * limit is about); then the year alone, with its quarters never released
 * (hidden). Prints the CPU time of each step. Not a test: figures.
 *
 *   make build/bench/sdc_bench && build/bench/sdc_bench
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xalloc.h"
#include "publish/sdc.h"

enum { UNITS = 20, CHARS = 9, OUTCOMES = 4, MEASURES = 2, PERIODS = 5, MAXG = 10 };

static uint64_t rng = 20261203;
static uint32_t rnd(void)
{
	rng = rng * 6364136223846793005u + 1442695040888963407u;
	return (uint32_t)(rng >> 33);
}

/* CPU time of this process: the machine is shared, so wall time varies
 * with the other jobs; CPU time much less. */
static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Cells of one period of one (outcome, measure) block. */
struct per {
	int32_t in[CHARS][UNITS][MAXG], row[UNITS], col[CHARS][MAXG], all;
};

static int n_groups[CHARS];
static int period_of_cell[1 << 20];

/* Rank as the caller sets it: inner cells before totals, small counts
 * before large. */
static uint64_t rank_of(int level, int64_t v)
{
	return ((uint64_t)level << 40) + (uint64_t)v;
}

static void build_block(struct sdc *p, int64_t val[4][CHARS][UNITS][MAXG])
{
	static struct per P[PERIODS];
	for (int t = 0; t < PERIODS; t++) {
		struct per *c = &P[t];
		int64_t rs[UNITS] = {0}, g = 0;
		for (int k = 0; k < CHARS; k++) {
			int64_t cs[MAXG] = {0};
			for (int u = 0; u < UNITS; u++)
				for (int j = 0; j < n_groups[k]; j++) {
					int64_t v = 0;
					if (t < 4)
						v = val[t][k][u][j];
					else
						for (int q = 0; q < 4; q++)
							v += val[q][k][u][j];
					c->in[k][u][j] = sdc_add_cell(p, v, rank_of(0, v));
					period_of_cell[c->in[k][u][j]] = t;
					cs[j] += v;
					if (k == 0) {
						rs[u] += v;
						g += v;
					}
				}
			for (int j = 0; j < n_groups[k]; j++) {
				c->col[k][j] = sdc_add_cell(p, cs[j], rank_of(1, cs[j]));
				period_of_cell[c->col[k][j]] = t;
			}
		}
		for (int u = 0; u < UNITS; u++) {
			c->row[u] = sdc_add_cell(p, rs[u], rank_of(1, rs[u]));
			period_of_cell[c->row[u]] = t;
		}
		c->all = sdc_add_cell(p, g, rank_of(2, g));
		period_of_cell[c->all] = t;
		for (int k = 0; k < CHARS; k++) {
			int32_t parts[UNITS];
			for (int u = 0; u < UNITS; u++)
				sdc_add_sum(p, c->row[u], c->in[k][u], (size_t)n_groups[k]);
			for (int j = 0; j < n_groups[k]; j++) {
				for (int u = 0; u < UNITS; u++)
					parts[u] = c->in[k][u][j];
				sdc_add_sum(p, c->col[k][j], parts, UNITS);
			}
			sdc_add_sum(p, c->all, c->col[k], (size_t)n_groups[k]);
		}
		sdc_add_sum(p, c->all, c->row, UNITS);
	}
	/* year = sum of quarters, cell by cell */
	int32_t q4[4];
#define YEAR_SUM(field)                              \
	do {                                         \
		for (int q = 0; q < 4; q++)          \
			q4[q] = P[q].field;          \
		sdc_add_sum(p, P[4].field, q4, 4);   \
	} while (0)
	for (int k = 0; k < CHARS; k++) {
		for (int u = 0; u < UNITS; u++)
			for (int j = 0; j < n_groups[k]; j++)
				YEAR_SUM(in[k][u][j]);
		for (int j = 0; j < n_groups[k]; j++)
			YEAR_SUM(col[k][j]);
	}
	for (int u = 0; u < UNITS; u++)
		YEAR_SUM(row[u]);
	YEAR_SUM(all);
#undef YEAR_SUM
}

static int64_t small_or_large(void)
{
	uint32_t k = rnd() % 3;
	return k == 0 ? (int64_t)(rnd() % 10) : (int64_t)(10 + rnd() % 120);
}

/* Release period t: its cells candidates (primary when 1..9), earlier
 * periods fixed, later ones hidden (or all others hidden: alone). */
static void release(struct sdc *p, int t, int alone)
{
	for (size_t i = 0; i < p->n_cells; i++) {
		struct sdc_cell *c = &p->cells[i];
		int pt = period_of_cell[i];
		if (pt == t) {
			c->fixed = 0;
			c->status = c->value > 0 && c->value < 10 ? SDC_PRIMARY : SDC_CANDIDATE;
		} else if (pt < t && !alone) {
			c->fixed = 1;
		} else {
			c->fixed = 0;
			c->status = SDC_HIDDEN;
		}
	}
}

static void run(struct sdc *p, const char *label, int t, int alone)
{
	struct err e;
	size_t n2 = 0, which = 0, n_prim = 0, n_cand = 0;
	release(p, t, alone);
	for (size_t i = 0; i < p->n_cells; i++) {
		n_prim += p->cells[i].status == SDC_PRIMARY && !p->cells[i].fixed;
		n_cand += p->cells[i].status == SDC_CANDIDATE;
	}
	err_clear(&e);
	double t0 = now();
	int rc = sdc_secondary(p, &n2, &e);
	double t1 = now();
	int d = rc ? -1 : sdc_disclosed(p, 0, &which, &e);
	double t2 = now();
	printf("%-26s %6zu primary %6zu candidates -> %6zu secondary  sdc_secondary %7.3f s  sdc_disclosed "
	       "%7.3f s%s%s\n",
	       label, n_prim, n_cand, n2, t1 - t0, t2 - t1, rc ? "  ERROR: " : d ? "  DISCLOSED!" : "",
	       rc ? e.msg : "");
}

int main(void)
{
	struct sdc p;
	static int64_t val[4][CHARS][UNITS][MAXG];
	sdc_init(&p);
	for (int k = 0; k < CHARS; k++)
		n_groups[k] = 5 + (int)(rnd() % 5);
	double t0 = now();
	for (int o = 0; o < OUTCOMES; o++) {
		/* denominators, then numerators at most them (a unit's
		 * characteristics need not add up to one shared total: only
		 * ranks and primaries matter here) */
		for (int q = 0; q < 4; q++)
			for (int k = 0; k < CHARS; k++)
				for (int u = 0; u < UNITS; u++)
					for (int j = 0; j < n_groups[k]; j++)
						val[q][k][u][j] = small_or_large();
		build_block(&p, val);
		for (int q = 0; q < 4; q++)
			for (int k = 0; k < CHARS; k++)
				for (int u = 0; u < UNITS; u++)
					for (int j = 0; j < n_groups[k]; j++)
						val[q][k][u][j] = val[q][k][u][j] * (int64_t)(rnd() % 4) / 3;
		build_block(&p, val);
	}
	double t1 = now();
	printf("%zu cells, %zu equations, %zu terms; built in %.3f s\n", p.n_cells, p.n_eq, p.n_terms, t1 - t0);
	run(&p, "quarter 1", 0, 0);
	run(&p, "quarter 2 (after 1)", 1, 0);
	run(&p, "quarter 3 (after 1-2)", 2, 0);
	run(&p, "quarter 4 (after 1-3)", 3, 0);
	run(&p, "year (after 4 quarters)", 4, 0);
	run(&p, "year alone (quarters hid)", 4, 1);
	sdc_free(&p);
	return 0;
}
