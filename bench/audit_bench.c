/*
 * audit_bench: how long sdc_audit (src/publish/audit.c) takes on a
 * publication of the size the issue names — a year and its four quarters,
 * 20 units × 9 characteristics (5 to 10 groups each, 7.5 on average) × 4
 * outcomes × numerator and denominator, about 60,000 cells.
 *
 * The counts come from a seeded synthetic population (each person has a
 * group in every characteristic, skewed so that some groups are rare, and
 * for each outcome is in its denominator and perhaps its numerator), so
 * every table adds up, the unit totals are shared by the characteristics'
 * tables and the year is the sum of its quarters. Counts 1 to 9 are
 * primary; as a stand-in for secondary suppression (sdc_secondary), in
 * each table row with exactly one primary cell the smallest other inner
 * cell is suppressed too. That pattern is not safe (some primaries stay
 * pinned, which the output counts); only the time matters here.
 *
 * Build and run (from the top of the tree):
 *   make build/bench/audit_bench && build/bench/audit_bench [SEED [ROUND]]
 * ROUND 5 publishes every shown count rounded to 5 (the attacker reads it
 * as v-2..v+2), which joins far more cells into each linear program.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "publish/sdc.h"

#define N_UNITS 20
#define N_CHARS 9
#define N_OUT 4
#define N_PER 5 /* four quarters, then the year */
#define MAX_GROUPS 10
#ifndef PEOPLE_MIN
#define PEOPLE_MIN 20
#define PEOPLE_SPREAD 400
#endif

static uint64_t rng_state;

static uint64_t rng(void)
{
	uint64_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

static double unif(void)
{
	return (double)(rng() >> 11) / 9007199254740992.0;
}

static int n_groups(int c)
{
	return 5 + c % 6;
}

/* Cell indices: shared[p][o][m][u] (the unit's total over groups, the same
 * in every characteristic's table; u = N_UNITS is All) and
 * inner[p][o][m][c][u][g] (g = n_groups(c) is All). */
static int32_t shared[N_PER][N_OUT][2][N_UNITS + 1];
static int32_t inner[N_PER][N_OUT][2][N_CHARS][N_UNITS + 1][MAX_GROUPS + 1];
static int64_t cnt_shared[N_PER][N_OUT][2][N_UNITS + 1];
static int64_t cnt_inner[N_PER][N_OUT][2][N_CHARS][N_UNITS + 1][MAX_GROUPS + 1];

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long seed_arg = 16, round_arg = 0;
	if ((argc > 1 && str_to_int(argv[1], 0, 2000000000L, &seed_arg) < 0) ||
	    (argc > 2 && str_to_int(argv[2], 0, 1000, &round_arg) < 0)) {
		fprintf(stderr, "usage: audit_bench [SEED [ROUND]]: whole numbers (ROUND 0 to 1000)\n");
		return 2;
	}
	uint64_t seed = (uint64_t)seed_arg;
	int round_to = (int)round_arg;
	static const double eligible[N_OUT] = {0.9, 0.6, 0.4, 0.25};
	static const double success[N_OUT] = {0.5, 0.3, 0.15, 0.08};
	struct sdc p;
	struct err e;
	struct sdc_bound *b = NULL;
	size_t n = 0, n_prim = 0, n_sec = 0, pinned = 0, unbounded = 0;
	int32_t parts[N_UNITS + MAX_GROUPS + 4];

	rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
	/* the population, quarter by quarter */
	for (int q = 0; q < 4; q++)
		for (int u = 0; u < N_UNITS; u++) {
			int people = PEOPLE_MIN + (int)(unif() * unif() * PEOPLE_SPREAD);
			for (int i = 0; i < people; i++) {
				int grp[N_CHARS];
				for (int c = 0; c < N_CHARS; c++) {
					int g = 0, G = n_groups(c);
					while (g < G - 1 && unif() < 0.45)
						g++; /* later groups rarer */
					grp[c] = g;
				}
				for (int o = 0; o < N_OUT; o++) {
					if (unif() >= eligible[o])
						continue;
					int win = unif() < success[o];
					for (int m = 0; m < 1 + win; m++) {
						/* m 0: denominator, 1: numerator */
						for (int k = 0; k < 4; k++) {
							/* the quarter and the year; the unit and All */
							int per = k < 2 ? q : 4, uu = k % 2 ? N_UNITS : u;
							cnt_shared[per][o][m][uu]++;
							for (int c = 0; c < N_CHARS; c++) {
								cnt_inner[per][o][m][c][uu][grp[c]]++;
								cnt_inner[per][o][m][c][uu][n_groups(c)]++;
							}
						}
					}
				}
			}
		}

	sdc_init(&p);
	for (int per = 0; per < N_PER; per++)
		for (int o = 0; o < N_OUT; o++)
			for (int m = 0; m < 2; m++) {
				for (int u = 0; u <= N_UNITS; u++)
					shared[per][o][m][u] = sdc_add_cell(&p, cnt_shared[per][o][m][u], 0);
				for (int c = 0; c < N_CHARS; c++)
					for (int u = 0; u <= N_UNITS; u++)
						for (int g = 0; g <= n_groups(c); g++)
							inner[per][o][m][c][u][g] =
								g == n_groups(c) ? shared[per][o][m][u] :
								sdc_add_cell(&p, cnt_inner[per][o][m][c][u][g], 0);
			}
	/* the equations */
	for (int per = 0; per < N_PER; per++)
		for (int o = 0; o < N_OUT; o++)
			for (int m = 0; m < 2; m++) {
				for (int u = 0; u < N_UNITS; u++)
					parts[u] = shared[per][o][m][u];
				sdc_add_sum(&p, shared[per][o][m][N_UNITS], parts, N_UNITS);
				for (int c = 0; c < N_CHARS; c++) {
					int G = n_groups(c);
					for (int u = 0; u <= N_UNITS; u++)
						sdc_add_sum(&p, inner[per][o][m][c][u][G],
							    inner[per][o][m][c][u], (size_t)G);
					for (int g = 0; g < G; g++) {
						for (int u = 0; u < N_UNITS; u++)
							parts[u] = inner[per][o][m][c][u][g];
						sdc_add_sum(&p, inner[per][o][m][c][N_UNITS][g], parts,
							    N_UNITS);
					}
				}
			}
	for (int o = 0; o < N_OUT; o++)
		for (int m = 0; m < 2; m++) {
			for (int u = 0; u <= N_UNITS; u++) {
				for (int q = 0; q < 4; q++)
					parts[q] = shared[q][o][m][u];
				sdc_add_sum(&p, shared[4][o][m][u], parts, 4);
			}
			for (int c = 0; c < N_CHARS; c++)
				for (int u = 0; u <= N_UNITS; u++)
					for (int g = 0; g < n_groups(c); g++) {
						for (int q = 0; q < 4; q++)
							parts[q] = inner[q][o][m][c][u][g];
						sdc_add_sum(&p, inner[4][o][m][c][u][g], parts, 4);
					}
		}
	/* numerators at most their denominators */
	for (int per = 0; per < N_PER; per++)
		for (int o = 0; o < N_OUT; o++) {
			for (int u = 0; u <= N_UNITS; u++)
				p.cells[shared[per][o][1][u]].at_most = shared[per][o][0][u];
			for (int c = 0; c < N_CHARS; c++)
				for (int u = 0; u <= N_UNITS; u++)
					for (int g = 0; g < n_groups(c); g++)
						p.cells[inner[per][o][1][c][u][g]].at_most =
							inner[per][o][0][c][u][g];
		}
	/* primary: 1 to 9; the rest published (rounded when asked) */
	for (size_t i = 0; i < p.n_cells; i++) {
		struct sdc_cell *c = &p.cells[i];
		if (c->value >= 1 && c->value <= 9) {
			c->status = SDC_PRIMARY;
			n_prim++;
		} else {
			c->status = SDC_PUBLISHED;
			if (round_to > 1) {
				int64_t v = (c->value + round_to / 2) / round_to * round_to;
				c->lo = v - round_to / 2 < 0 ? 0 : v - round_to / 2;
				c->hi = v + round_to / 2;
			}
		}
	}
	/* the stand-in secondary suppression */
	for (int per = 0; per < N_PER; per++)
		for (int o = 0; o < N_OUT; o++)
			for (int m = 0; m < 2; m++)
				for (int c = 0; c < N_CHARS; c++)
					for (int u = 0; u <= N_UNITS; u++) {
						int np = 0, best = -1;
						for (int g = 0; g < n_groups(c); g++) {
							struct sdc_cell *x = &p.cells[inner[per][o][m][c][u][g]];
							if (x->status == SDC_PRIMARY)
								np++;
							else if (x->status == SDC_PUBLISHED &&
								 (best < 0 || x->value < p.cells[inner[per][o][m][c][u][best]].value))
								best = g;
						}
						if (np == 1 && best >= 0) {
							p.cells[inner[per][o][m][c][u][best]].status = SDC_SECONDARY;
							n_sec++;
						}
					}

	err_clear(&e);
	double t0 = now();
	int rc = sdc_audit(&p, &b, &n, &e);
	double t1 = now();
	if (rc != 0) {
		fprintf(stderr, "audit_bench: %s\n", e.msg);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (p.cells[b[i].cell].status == SDC_PRIMARY && b[i].lo == b[i].hi)
			pinned++;
		if (b[i].hi == INT64_MAX)
			unbounded++;
	}
	printf("cells %zu, equations %zu, primary %zu, secondary %zu%s\n", p.n_cells,
	       p.n_eq, n_prim, n_sec, round_to > 1 ? ", published counts rounded" : "");
	printf("sdc_audit: %.3f s for %zu suppressed cells (%zu primaries pinned by "
	       "the stand-in pattern, %zu unbounded)\n",
	       t1 - t0, n, pinned, unbounded);
	free(b);
	sdc_free(&p);
	return 0;
}
