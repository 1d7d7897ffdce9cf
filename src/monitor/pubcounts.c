/*
 * monitor/pubcounts.c: the counts safe publication reads (monitor.h),
 * period by period on one layout, so that the tables of a quarter and of
 * its year line up cell for cell.
 */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "monitor/internal.h"
#include "monitor/monitor.h"

int monitor_periods(store_t *db, const char *dataset, char (**out)[24], size_t *n,
		    struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT i.period FROM mon_import i WHERE i.dataset = ? AND" MON_IMPORT_SHOWN
			  " ORDER BY i.period_key, i.period",
			  "t", dataset) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		snprintf((*out)[(*n)++], 24, "%s", store_col_text(st, 0));
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

void monitor_counts_free(struct monitor_counts *c)
{
	size_t i, k;
	for (i = 0; i < c->n_units; i++)
		free(c->units[i]);
	free(c->units);
	for (k = 0; k < MONITOR_MAX_CHARS; k++) {
		for (i = 0; i < c->n_groups[k]; i++)
			free(c->groups[k][i]);
		free(c->groups[k]);
		free(c->group_kind[k]);
	}
	free(c->periods);
	free(c->num);
	free(c->den);
	memset(c, 0, sizeof *c);
}

/* Units: "All" first, then by name. */
static int unit_order(const void *pa, const void *pb)
{
	const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
	int aa = strcmp(a, "All") == 0, bb = strcmp(b, "All") == 0;
	if (aa != bb)
		return bb - aa;
	return strcmp(a, b);
}

static size_t find_name(char **names, size_t n, const char *name)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return n;
}

/* Rank of group g (kind) of characteristic c in the report's order. */
static size_t group_rank(enum mon_char c, int sys, const char *g, int kind)
{
	struct mon_group_list gl;
	size_t i;
	if (kind == MK_NOT_STATED)
		return 1000;
	if (kind == MK_MISSING)
		return 1001;
	mon_groups_sys(c, (enum eth_system)sys, &gl);
	for (i = 0; i < gl.n_recorded; i++)
		if (strcmp(gl.groups[i], g) == 0)
			return i;
	return gl.n_recorded; /* a group the dataset defines: after the usual ones */
}

struct ranked {
	char *name;
	int kind;
	size_t rank;
};

static int ranked_order(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return strcmp(a->name, b->name);
}

int monitor_counts_load(store_t *db, const char *dataset, const char *const *periods, size_t n,
			struct monitor_counts *out, struct err *e)
{
	struct agg **aggs = xcalloc(n ? n : 1, sizeof *aggs);
	struct dataset *ds = xcalloc(n ? n : 1, sizeof *ds);
	size_t p, u, k, g, o;
	int rc = 0, present[MC_COUNT] = {0};

	memset(out, 0, sizeof *out);
	snprintf(out->dataset, sizeof out->dataset, "%s", dataset);
	out->n_periods = n;
	out->periods = xcalloc(n ? n : 1, sizeof *out->periods);
	for (p = 0; p < n; p++) {
		int64_t id;
		char *kind = NULL;
		snprintf(out->periods[p], sizeof out->periods[p], "%s", periods[p]);
		if ((rc = mon_import_find(db, dataset, periods[p], &id, &kind, &ds[p], e)) < 0)
			goto done;
		aggs[p] = agg_new(&ds[p]);
		rc = mon_import_load(db, id, kind, aggs[p], e);
		free(kind);
		if (rc < 0)
			goto done;
		agg_tally_fold(aggs[p]);
		if (aggs[p]->rounded > out->rounded)
			out->rounded = aggs[p]->rounded;
	}
	if (n == 0)
		goto done;
	/* outcomes: the first period's, and every other period must agree */
	out->n_outcomes = (size_t)ds[0].n_outcomes;
	for (o = 0; o < out->n_outcomes; o++) {
		snprintf(out->outcome[o], sizeof out->outcome[o], "%s", ds[0].outcomes[o].name);
		out->of[o] = ds[0].outcomes[o].stage;
	}
	for (p = 1; p < n; p++) {
		int same = ds[p].n_outcomes == ds[0].n_outcomes;
		for (o = 0; same && o < out->n_outcomes; o++)
			same = !strcmp(ds[p].outcomes[o].name, ds[0].outcomes[o].name) &&
			       ds[p].outcomes[o].stage == ds[0].outcomes[o].stage;
		if (!same) {
			rc = err_set(e, ERR_DATA, "%s %s and %s were imported with different outcomes; "
				     "import them again with the same dataset config before publishing "
				     "them together", dataset, periods[0], periods[p]);
			goto done;
		}
	}
	/* units: every period's, "All" first */
	for (p = 0; p < n; p++)
		for (u = 0; u < aggs[p]->n_units; u++) {
			const char *name = u == 0 ? "All" : aggs[p]->units[u];
			if (find_name(out->units, out->n_units, name) == out->n_units) {
				out->units = xrealloc(out->units, (out->n_units + 1) * sizeof *out->units);
				out->units[out->n_units++] = xstrdup(name);
			}
		}
	qsort(out->units, out->n_units, sizeof *out->units, unit_order);
	/* characteristics and their groups */
	for (p = 0; p < n; p++)
		for (k = 0; k < MC_COUNT; k++)
			if (aggs[p]->n_groups[k])
				present[k] = 1;
	for (k = 0; k < MC_COUNT; k++) {
		struct ranked r[AGG_MAX_GROUPS];
		size_t nr = 0, kk;
		if (!present[k])
			continue;
		for (p = 0; p < n; p++)
			for (g = 0; g < aggs[p]->n_groups[k]; g++) {
				size_t i;
				for (i = 0; i < nr && strcmp(r[i].name, aggs[p]->groups[k][g]); i++)
					;
				if (i < nr)
					continue;
				if (nr == AGG_MAX_GROUPS) {
					rc = err_set(e, ERR_DATA, "more than %d groups of %s",
						     AGG_MAX_GROUPS, mon_char_name((enum mon_char)k));
					goto done;
				}
				r[nr].name = aggs[p]->groups[k][g];
				r[nr].kind = aggs[p]->group_kind[k][g];
				r[nr].rank = group_rank((enum mon_char)k, ds[0].eth_system, r[nr].name,
							r[nr].kind);
				nr++;
			}
		qsort(r, nr, sizeof r[0], ranked_order);
		kk = out->n_chars++;
		out->chars[kk] = (int)k;
		out->char_name[kk] = mon_char_name((enum mon_char)k);
		out->n_groups[kk] = nr;
		out->groups[kk] = xcalloc(nr ? nr : 1, sizeof *out->groups[kk]);
		out->group_kind[kk] = xcalloc(nr ? nr : 1, sizeof *out->group_kind[kk]);
		for (g = 0; g < nr; g++) {
			out->groups[kk][g] = xstrdup(r[g].name);
			out->group_kind[kk][g] = r[g].kind == MK_NOT_STATED ? 1
						 : r[g].kind == MK_MISSING  ? 2
									    : 0;
		}
	}
	{
		size_t cells = n * out->n_units * MONITOR_MAX_CHARS * MONITOR_GROUP_STRIDE *
			       (out->n_outcomes ? out->n_outcomes : 1);
		out->num = xcalloc(cells, sizeof *out->num);
		out->den = xcalloc(cells, sizeof *out->den);
	}
	for (p = 0; p < n; p++) {
		const struct agg *a = aggs[p];
		for (u = 0; u < a->n_units; u++) {
			size_t ou = find_name(out->units, out->n_units, u == 0 ? "All" : a->units[u]);
			for (k = 0; k < out->n_chars; k++) {
				enum mon_char c = (enum mon_char)out->chars[k];
				for (g = 0; g < a->n_groups[c]; g++) {
					const struct agg_cell *x = agg_cell_at(a, u, c, g);
					size_t og = find_name(out->groups[k], out->n_groups[k],
							      a->groups[c][g]);
					if (x->unk_num || x->unk_den) {
						rc = err_set(e, ERR_DATA,
							     "%s %s holds counts that were suppressed in "
							     "the table it was imported from (%s, %s, "
							     "%s); publish only from person-level data or "
							     "complete count tables",
							     dataset, periods[p], u == 0 ? "All" : a->units[u],
							     mon_char_name(c), a->groups[c][g]);
						goto done;
					}
					for (o = 0; o < out->n_outcomes; o++) {
						size_t at = monitor_counts_at(out, p, ou, k, og, o);
						out->num[at] = x->num[o];
						out->den[at] = x->den[o];
					}
				}
			}
		}
	}
done:
	for (p = 0; p < n; p++)
		agg_free(aggs[p]);
	free(aggs);
	free(ds);
	return rc;
}
