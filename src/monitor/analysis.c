/*
 * analysis: from counted records (agg) to the Diversity Report model —
 * every comparison of a group against its reference for each unit,
 * characteristic and outcome; p-values adjusted across the whole report;
 * the four-fifths rule and its mirror; the flag rule; completeness; pay
 * gaps; representation. The formulas live in stats.c; the choices (which
 * groups, which reference, which family of tests) live here and are
 * described in docs/methods.md.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/internal.h"
#include "monitor/stats.h"

/* Canonical order, so every path (CSV, stored rows, counts) prints the
 * same report: characteristic, outcome, unit ("All" first, then by name),
 * group in the codebook's display order, which for ethnicity depends on
 * the dataset's system (us-omb has groups of its own). qsort gives the
 * comparators no context, so mon_report_build sets the system here for
 * its thread before it compares and sorts. */
static _Thread_local enum eth_system rank_sys;

static int group_rank(enum mon_char c, const char *g)
{
	struct mon_group_list gl;
	size_t i;
	mon_groups_sys(c, rank_sys, &gl);
	for (i = 0; i < gl.n_groups; i++)
		if (strcmp(gl.groups[i], g) == 0)
			return (int)i;
	/* a group the dataset defines: after the usual groups, before Not
	 * stated and Missing (then by name) */
	return (int)gl.n_recorded;
}

static int unit_cmp(const char *a, const char *b)
{
	int aa = strcmp(a, "All") == 0, bb = strcmp(b, "All") == 0;
	if (aa != bb)
		return bb - aa;
	return strcmp(a, b);
}

void mon_settings_default(struct mon_settings *s)
{
	memset(s, 0, sizeof *s);
	s->alpha = STATS_ALPHA;
	s->band_low = 0.8;
	s->band_high = STATS_MIRROR_RR;
	s->four_fifths = STATS_FOUR_FIFTHS;
	s->min_den = STATS_MIN_DENOMINATOR;
	s->confidence = STATS_CONFIDENCE;
	s->adjust = ADJ_HOLM;
	s->reference = REF_DEFAULT;
	s->per = 100;
	s->completeness_target = 0.90;
}

enum mon_ref mon_settings_ref(const struct mon_settings *s, enum mon_char c, const char **group)
{
	const struct mon_char_ref *cr = &s->char_ref[c];
	*group = NULL;
	if (!cr->set)
		return s->reference;
	if (cr->mode == REF_GROUP)
		*group = cr->group;
	return cr->mode;
}

static int ref_mode_of(const char *text, enum mon_ref *out)
{
	static const struct {
		const char *name;
		enum mon_ref mode;
	} modes[] = {{"default", REF_DEFAULT}, {"highest", REF_HIGHEST}, {"rest", REF_REST},
		     {"overall", REF_OVERALL}};
	for (size_t i = 0; i < sizeof modes / sizeof *modes; i++)
		if (str_eq_ci(text, modes[i].name)) {
			*out = modes[i].mode;
			return 1;
		}
	return 0;
}

/* The group of c named `text` (any case), as the codebook or the
 * dataset's own groups spell it; NULL when there is none. */
static const char *known_group(const struct dataset *ds, enum mon_char c, const char *text)
{
	struct mon_group_list gl;
	mon_groups_sys(c, ds ? (enum eth_system)ds->eth_system : ETH_CJ18, &gl);
	for (size_t i = 0; i < gl.n_recorded; i++)
		if (str_eq_ci(gl.groups[i], text))
			return gl.groups[i];
	if (ds)
		for (int i = 0; i < ds->n_groups; i++)
			if (ds->groups[i].ch == (int)c && str_eq_ci(ds->groups[i].name, text))
				return ds->groups[i].name;
	return NULL;
}

void mon_settings_set_ref(struct mon_settings *s, enum mon_char c, const char *text)
{
	struct mon_char_ref *cr = &s->char_ref[c];
	enum mon_ref mode;

	cr->set = 1;
	cr->group[0] = '\0';
	if (ref_mode_of(text, &mode)) {
		cr->mode = mode;
		return;
	}
	cr->mode = REF_GROUP;
	snprintf(cr->group, sizeof cr->group, "%s", text);
}

int mon_settings_parse_ref(struct mon_settings *s, const char *arg, struct err *e)
{
	const char *eq = strchr(arg, '=');
	enum mon_char c;
	char name[64], val[MON_GROUP_NAME_MAX];
	enum mon_ref mode;

	if (!eq) {
		if (!ref_mode_of(arg, &mode))
			return err_set(e, ERR_USAGE,
				       "--reference must be default, highest, rest or overall, or "
				       "CHARACTERISTIC=GROUP (e.g. ethnicity=White), not '%s'",
				       arg);
		s->reference = mode;
		return 0;
	}
	snprintf(name, sizeof name, "%.*s", (int)(eq - arg), arg);
	str_trim(name);
	if (mon_char_from_name(name, &c) < 0)
		return err_set(e, ERR_USAGE,
			       "--reference %s: '%s' is not a characteristic (ethnicity, sex, age, "
			       "disability, religion, sexual_orientation, gender_reassignment, "
			       "marital_status, pregnancy_maternity)",
			       arg, name);
	snprintf(val, sizeof val, "%s", eq + 1);
	str_trim(val);
	if (!*val)
		return err_set(e, ERR_USAGE, "--reference %s: name a group after '=' (e.g. %s=%s)",
			       arg, name, c == MC_ETHNICITY ? "White" : "rest");
	mon_settings_set_ref(s, c, val);
	return 0;
}

/* The settings a report of dataset ds uses: the dataset's own reference
 * lines where the user chose none, and every named reference group
 * checked against c's groups (and spelt as they are). */
static int resolve_refs(struct mon_settings *s, const struct dataset *ds, struct err *e)
{
	for (int c = 0; c < MC_COUNT && c < DS_MAX_CHARS; c++) {
		struct mon_char_ref *cr = &s->char_ref[c];
		const char *g;
		if (!cr->set && ds && ds->reference[c][0])
			mon_settings_set_ref(s, (enum mon_char)c, ds->reference[c]);
		if (!cr->set || cr->mode != REF_GROUP)
			continue;
		if ((g = known_group(ds, (enum mon_char)c, cr->group)) != NULL) {
			snprintf(cr->group, sizeof cr->group, "%s", g);
			continue;
		}
		{
			struct mon_group_list gl;
			struct buf names = BUF_INIT;
			mon_groups_sys((enum mon_char)c,
				       ds ? (enum eth_system)ds->eth_system : ETH_CJ18, &gl);
			for (size_t i = 0; i < gl.n_recorded; i++)
				buf_printf(&names, "%s%s", i ? ", " : "", gl.groups[i]);
			if (ds)
				for (int i = 0; i < ds->n_groups; i++)
					if (ds->groups[i].ch == c)
						buf_printf(&names, ", %s", ds->groups[i].name);
			err_set(e, ERR_USAGE,
				"reference '%s' for %s is not one of its groups (%s), nor default, "
				"highest, rest or overall",
				cr->group, mon_char_name((enum mon_char)c), buf_str(&names));
			buf_free(&names);
			return ERR_USAGE;
		}
	}
	return 0;
}

const char *mon_settings_ref_words(const struct mon_settings *s, enum mon_char c)
{
	const char *g;
	switch (mon_settings_ref(s, c, &g)) {
	case REF_HIGHEST: return "the group with the highest rate in each unit";
	case REF_REST: return "everyone else";
	case REF_OVERALL: return "everyone together";
	case REF_GROUP: return g;
	case REF_DEFAULT: break;
	}
	return c == MC_ETHNICITY ? "White" : "the largest group";
}

static void to_stats(const struct mon_settings *m, struct stats_settings *s)
{
	stats_settings_init(s);
	s->alpha = m->alpha;
	s->band_low = m->band_low;
	s->band_high = m->band_high;
	s->min_denominator = m->min_den;
	s->confidence = m->confidence;
	s->adjust = m->adjust == ADJ_BH ? STATS_ADJUST_BH : STATS_ADJUST_HOLM;
}

static struct mon_comparison *push_cmp(struct mon_report *r)
{
	r->cmp = xrealloc(r->cmp, (r->n_cmp + 1) * sizeof *r->cmp);
	memset(&r->cmp[r->n_cmp], 0, sizeof *r->cmp);
	r->cmp[r->n_cmp].impact_ix = SIZE_MAX;
	return &r->cmp[r->n_cmp++];
}

/* The largest recorded group of characteristic c over all units. */
static int largest_group(const struct agg *a, enum mon_char c)
{
	size_t g;
	int best = -1;
	int64_t most = -1;
	for (g = 0; g < a->n_groups[c]; g++) {
		const struct agg_cell *cell = agg_cell_at(a, 0, c, g);
		if (a->group_kind[c][g] != MK_RECORDED)
			continue;
		if (cell->n > most) {
			most = cell->n;
			best = (int)g;
		}
	}
	return best;
}

/* The index of c's fixed reference group (REF_DEFAULT or REF_GROUP), -1
 * when it is not in the data; *name gets its name ("" when there is
 * none). */
static int fixed_reference(const struct agg *a, const struct mon_settings *ms, enum mon_char c,
			   const char **name)
{
	const char *g;
	enum mon_ref mode = mon_settings_ref(ms, c, &g);
	int ix;
	if (mode == REF_GROUP) {
		*name = g;
		return agg_group_index(a, c, g);
	}
	ix = -1;
	if (c == MC_ETHNICITY)
		ix = agg_group_index(a, c, "White");
	if (ix < 0)
		ix = largest_group(a, c);
	*name = ix >= 0 ? a->groups[c][ix] : "";
	return ix;
}

/* One comparison's numbers. ref_num/ref_den already chosen. The relative
 * rate is the observed one (stats_rr); a 0/0 group or reference leaves
 * everything not available. */
static int fill(struct mon_comparison *x, const struct stats_settings *ss,
		const struct mon_settings *ms, struct err *e)
{
	struct stats_table t = {x->num, x->den, x->ref_num, x->ref_den};
	struct stats_comparison sc;

	x->rate = stats_rate((double)x->num, (double)x->den);
	x->ref_rate = stats_rate((double)x->ref_num, (double)x->ref_den);
	x->rr = x->rr_low = x->rr_high = x->p = x->p_adj = NAN;
	x->rr_method = STATS_RR_NONE;
	x->too_few = x->den < ms->min_den || x->ref_den < ms->min_den;
	if (x->den <= 0 || x->ref_den <= 0)
		return 0;
	x->available = 1;
	if (stats_compare(ss, &t, &sc, e) < 0)
		return ERR_DATA;
	x->rr = sc.rr.rr;
	x->rr_low = sc.rr.lo;
	x->rr_high = sc.rr.hi;
	x->rr_method = (int)sc.rr.method;
	if (!x->data_group) {
		x->p = sc.p;
		x->test = sc.test == STATS_TEST_FISHER ? 1 : 2;
		x->tested = 1;
	}
	return 0;
}

/* 1 when den is at least 2% of the pool (50 den >= pool, in integers). */
static int big_enough(int64_t den, int64_t pool, const struct mon_settings *ms)
{
	return den >= ms->min_den && den * 50 >= pool;
}

/* The four-fifths rule for unit u, characteristic c and outcome o: one
 * struct mon_impact for every recorded group with people in the unit;
 * ix[g] gets the entry of group g (SIZE_MAX when none). The best rate is
 * the highest (favourable) or lowest (unfavourable) among groups big
 * enough to serve; on a tie, the first in display order. */
static void impact_unit(const struct agg *a, size_t u, enum mon_char c, int o,
			const struct mon_settings *ms, struct mon_report *r, size_t *ix)
{
	size_t g, ng = a->n_groups[c];
	int64_t pool = 0;
	int best = -1, fav = a->ds->outcomes[o].favourable;
	double best_rate = NAN;

	for (g = 0; g < ng; g++) {
		const struct agg_cell *cell = agg_cell_at(a, u, c, g);
		ix[g] = SIZE_MAX;
		if (a->group_kind[c][g] == MK_RECORDED)
			pool += cell->den[o];
	}
	for (g = 0; g < ng; g++) {
		const struct agg_cell *cell = agg_cell_at(a, u, c, g);
		double rate;
		if (a->group_kind[c][g] != MK_RECORDED || !big_enough(cell->den[o], pool, ms))
			continue;
		rate = (double)cell->num[o] / (double)cell->den[o];
		if (best < 0 || (fav ? rate > best_rate : rate < best_rate) ||
		    (rate == best_rate && group_rank(c, a->groups[c][g]) <
					      group_rank(c, a->groups[c][best]))) {
			best = (int)g;
			best_rate = rate;
		}
	}
	for (g = 0; g < ng; g++) {
		const struct agg_cell *cell = agg_cell_at(a, u, c, g);
		struct mon_impact *x;
		if (a->group_kind[c][g] != MK_RECORDED || (u > 0 && cell->n <= 0))
			continue;
		r->impact = xrealloc(r->impact, (r->n_impact + 1) * sizeof *r->impact);
		ix[g] = r->n_impact;
		x = &r->impact[r->n_impact++];
		memset(x, 0, sizeof *x);
		x->unit = xstrdup(a->units[u]);
		x->ch = c;
		x->group = xstrdup(a->groups[c][g]);
		x->outcome = o;
		x->favourable = fav;
		x->num = cell->num[o];
		x->den = cell->den[o];
		x->rate = stats_rate((double)x->num, (double)x->den);
		x->too_few = !big_enough(x->den, pool, ms);
		x->compared_with = best >= 0 ? xstrdup(a->groups[c][best]) : NULL;
		x->compared_rate = best_rate;
		x->impact_ratio = NAN;
		if (best < 0 || x->den <= 0)
			continue;
		/* favourable: rate / best; unfavourable, the mirror: best / rate */
		x->impact_ratio = fav ? stats_impact_ratio(x->rate, best_rate)
				      : stats_impact_ratio(best_rate, x->rate);
		x->adverse = stats_check_below(x->impact_ratio, ms->four_fifths);
	}
}

/* ---- counts not known, counts rounded (aggregate tables) ----------------
 * A published table may suppress small cells and round the others
 * (import-counts). A comparison that needs a suppressed count is not
 * available: its rates, relative rate and p are left out, and it is never
 * tested, flagged or adverse; a four-fifths table with such a count has
 * no best rate, so no impact ratio. With rounded counts, a comparison whose
 * relative rate could lie inside the band for some true counts within the
 * rounding is never flagged. docs/methods.md says both in words. */

/* MON_UNK_NUM / MON_UNK_DEN of outcome o's counts in cell. */
static unsigned cell_unknown(const struct agg_cell *cell, int o)
{
	return ((cell->unk_num >> o & 1u) ? MON_UNK_NUM : 0u) |
	       ((cell->unk_den >> o & 1u) ? MON_UNK_DEN : 0u);
}

/* cell_unknown over the recorded groups of (u, c) but `skip` (-1: none);
 * their published cells are added to *parts (may be NULL). */
static unsigned recorded_unknown(const struct agg *a, size_t u, enum mon_char c, int o, int skip,
				 double *parts)
{
	size_t g;
	unsigned k = 0;
	for (g = 0; g < a->n_groups[c]; g++) {
		const struct agg_cell *cell = agg_cell_at(a, u, c, g);
		if (a->group_kind[c][g] != MK_RECORDED || (int)g == skip)
			continue;
		k |= cell_unknown(cell, o);
		if (parts)
			*parts += cell->parts[o];
	}
	return k;
}

/* 1 when the rate ratio (num/den) / (rnum/rden) could lie in [lo, hi] for
 * some true counts within sg of the group's printed counts and sr of the
 * reference's. */
static int rr_could_be_inside(double num, double den, double sg, double rnum, double rden,
			      double sr, double lo, double hi)
{
	double g_lo = fmax(num - sg, 0) / (den + sg);
	double g_hi = den - sg > 0 ? fmin((num + sg) / (den - sg), 1) : 1;
	double r_lo = fmax(rnum - sr, 0) / (rden + sr);
	double r_hi = rden - sr > 0 ? fmin((rnum + sr) / (rden - sr), 1) : 1;
	double rr_lo = r_hi > 0 ? g_lo / r_hi : (g_lo > 0 ? INFINITY : 0);
	double rr_hi = r_lo > 0 ? g_hi / r_lo : INFINITY;
	return rr_hi >= lo && rr_lo <= hi;
}

/* The early check of comparison x: group g of (u, c), outcome o, its
 * reference ref as compare_unit chose it (mode: how). Returns 1 when a count x needs
 * is not known: x is then marked not available (x->unknown) with its
 * statistics NaN, and the caller skips them. Returns 0 otherwise, with
 * x->within_rounding set for rounded counts. */
static int counts_check(const struct agg *a, size_t u, enum mon_char c, int o, size_t g,
			int ref, enum mon_ref mode, const struct mon_settings *ms,
			struct mon_comparison *x)
{
	const struct agg_cell *cell = agg_cell_at(a, u, c, g);
	unsigned k = cell_unknown(cell, o), kr = 0;
	double ref_parts = 0, h = (double)a->rounded / 2;

	if (mode == REF_DEFAULT || mode == REF_GROUP) {
		if (ref >= 0) {
			kr = cell_unknown(agg_cell_at(a, u, c, (size_t)ref), o);
			ref_parts = agg_cell_at(a, u, c, (size_t)ref)->parts[o];
		}
	} else if (mode == REF_REST) {
		kr = recorded_unknown(a, u, c, o, x->data_group ? -1 : (int)g, &ref_parts);
	} else { /* overall; and which rate is highest is known only when all are */
		kr = recorded_unknown(a, u, c, o, -1, &ref_parts);
		if (mode == REF_HIGHEST && ref >= 0)
			ref_parts = agg_cell_at(a, u, c, (size_t)ref)->parts[o];
	}
	x->unknown = k | ((kr & MON_UNK_NUM) ? MON_UNK_REF_NUM : 0u) |
		     ((kr & MON_UNK_DEN) ? MON_UNK_REF_DEN : 0u);
	if (x->unknown) {
		if (k & MON_UNK_NUM)
			x->num = 0;
		if (k & MON_UNK_DEN)
			x->den = 0;
		if (kr & MON_UNK_NUM)
			x->ref_num = 0;
		if (kr & MON_UNK_DEN)
			x->ref_den = 0;
		x->rate = k ? NAN : stats_rate((double)x->num, (double)x->den);
		x->ref_rate = kr ? NAN : stats_rate((double)x->ref_num, (double)x->ref_den);
		x->rr = x->rr_low = x->rr_high = x->p = x->p_adj = x->impact_ratio = NAN;
		x->available = 0;
		if (kr && mode == REF_HIGHEST) {
			free(x->reference);
			x->reference = xstrdup("highest-rate group");
		}
		return 1;
	}
	if (a->rounded > 0 && !x->data_group && x->den > 0 && x->ref_den > 0)
		x->within_rounding = rr_could_be_inside(
			(double)x->num, (double)x->den, h * cell->parts[o], (double)x->ref_num,
			(double)x->ref_den, h * ref_parts, ms->band_low, ms->band_high);
	return 0;
}

/* The four-fifths entries impact_unit made for (u, c, o), ix[g] as it
 * set them: a group whose counts were suppressed has no rate; and when any
 * recorded group's were, the best rate is not known, so no group has an
 * impact ratio or adverse impact. */
static void impact_unknown(const struct agg *a, size_t u, enum mon_char c, int o,
			   struct mon_report *r, const size_t *ix)
{
	size_t g;
	unsigned any = recorded_unknown(a, u, c, o, -1, NULL);
	if (!any)
		return;
	for (g = 0; g < a->n_groups[c]; g++) {
		struct mon_impact *x;
		if (ix[g] == SIZE_MAX)
			continue;
		x = &r->impact[ix[g]];
		x->unknown = cell_unknown(agg_cell_at(a, u, c, g), o) | MON_UNK_REF_NUM;
		if (x->unknown & MON_UNK_NUM)
			x->num = 0;
		if (x->unknown & MON_UNK_DEN)
			x->den = 0;
		if (x->unknown & (MON_UNK_NUM | MON_UNK_DEN))
			x->rate = NAN;
		free(x->compared_with);
		x->compared_with = NULL;
		x->compared_rate = x->impact_ratio = NAN;
		x->adverse = x->too_few = 0;
	}
}

static int compare_unit(const struct agg *a, size_t u, enum mon_char c, int o,
			const struct stats_settings *ss, const struct mon_settings *ms,
			struct mon_report *r, struct err *e)
{
	size_t g, ng = a->n_groups[c];
	size_t ix[AGG_MAX_GROUPS];
	double highest = NAN;
	int64_t rec_num = 0, rec_den = 0;
	const char *gname, *ref_name = "";
	enum mon_ref mode = mon_settings_ref(ms, c, &gname);
	int ref = -1;
	const struct ds_outcome *oc = &a->ds->outcomes[o];

	if (mode == REF_DEFAULT || mode == REF_GROUP)
		ref = fixed_reference(a, ms, c, &ref_name);
	/* Highest rate and totals among recorded groups. */
	for (g = 0; g < ng; g++) {
		const struct agg_cell *cell = agg_cell_at(a, u, c, g);
		double rate;
		if (a->group_kind[c][g] != MK_RECORDED || cell->den[o] <= 0)
			continue;
		rec_num += cell->num[o];
		rec_den += cell->den[o];
		rate = (double)cell->num[o] / (double)cell->den[o];
		if (!isfinite(highest) || rate > highest) {
			highest = rate;
			if (mode == REF_HIGHEST)
				ref = (int)g;
		}
	}
	if (rec_den == 0 && !recorded_unknown(a, u, c, o, -1, NULL))
		return 0;
	if (mode == REF_HIGHEST)
		ref_name = ref >= 0 ? a->groups[c][ref] : "highest-rate group";
	impact_unit(a, u, c, o, ms, r, ix);
	impact_unknown(a, u, c, o, r, ix);
	for (g = 0; g < ng; g++) {
		const struct agg_cell *cell = agg_cell_at(a, u, c, g);
		struct mon_comparison *x;
		int kind = a->group_kind[c][g];
		if (u > 0 && cell->n <= 0 && cell->den[o] <= 0 && !cell_unknown(cell, o))
			continue; /* nobody of this group in the unit (in "All", a
				     group of the data is shown, not available) */
		if ((mode == REF_DEFAULT || mode == REF_GROUP || mode == REF_HIGHEST) &&
		    (int)g == ref)
			continue;
		x = push_cmp(r);
		x->unit = xstrdup(a->units[u]);
		x->ch = c;
		x->group = xstrdup(a->groups[c][g]);
		x->outcome = o;
		x->favourable = oc->favourable;
		x->num = cell->num[o];
		x->den = cell->den[o];
		x->data_group = kind != MK_RECORDED;
		if (mode == REF_REST) {
			x->reference = xstrdup("everyone else");
			x->ref_num = rec_num - (x->data_group ? 0 : x->num);
			x->ref_den = rec_den - (x->data_group ? 0 : x->den);
		} else if (mode == REF_OVERALL) {
			x->reference = xstrdup("overall");
			x->ref_num = rec_num;
			x->ref_den = rec_den;
		} else {
			x->reference = xstrdup(ref_name);
			if (ref >= 0) {
				const struct agg_cell *rc = agg_cell_at(a, u, c, (size_t)ref);
				x->ref_num = rc->num[o];
				x->ref_den = rc->den[o];
			}
		}
		if (counts_check(a, u, c, o, g, ref, mode, ms, x))
			continue;
		if (fill(x, ss, ms, e) < 0)
			return ERR_DATA;
		x->impact_ratio = NAN;
		if (ix[g] != SIZE_MAX) {
			x->impact_ix = ix[g];
			x->impact_ratio = r->impact[ix[g]].impact_ratio;
			x->adverse = r->impact[ix[g]].adverse;
		}
	}
	return 0;
}

static void completeness(const struct agg *a, struct mon_report *r)
{
	size_t u, c, g;
	for (u = 0; u < a->n_units; u++) {
		for (c = 0; c < MC_COUNT; c++) {
			struct mon_completeness *x;
			int64_t k[3] = {0, 0, 0};
			unsigned ku = 0; /* kinds whose count is not known */
			if (!a->ds->char_column[c][0] || a->n_groups[c] == 0)
				continue;
			for (g = 0; g < a->n_groups[c]; g++) {
				int kind = a->group_kind[c][g];
				const struct agg_cell *cell = agg_cell_at(a, u, (enum mon_char)c, g);
				if (kind >= 0 && kind < 3) {
					k[kind] += cell->n;
					if (cell->unk_den)
						ku |= 1u << kind;
				}
			}
			if (k[0] + k[1] + k[2] == 0 && !ku)
				continue;
			r->comp = xrealloc(r->comp, (r->n_comp + 1) * sizeof *r->comp);
			x = &r->comp[r->n_comp++];
			x->unit = xstrdup(a->units[u]);
			x->ch = (enum mon_char)c;
			x->recorded = k[MK_RECORDED];
			x->not_stated = k[MK_NOT_STATED];
			x->missing = k[MK_MISSING];
			x->total = k[0] + k[1] + k[2];
			x->pct = x->total ? 100.0 * (double)x->recorded / (double)x->total : NAN;
			/* Unknown counts make the share unknown, except when only
			 * recorded ones are: then every record is recorded. */
			x->unknown = ku;
			if (ku && !(ku == 1u << MK_RECORDED && x->recorded > 0 &&
				    x->not_stated + x->missing == 0))
				x->pct = NAN;
		}
	}
}

static int pay_gaps(const struct agg *a, enum mon_char by, const char *comparator,
		    struct mon_report *r, struct err *e)
{
	struct stats_pay_person *people;
	struct stats_pay_group *groups;
	size_t n = 0, i, g, ng = a->n_groups[by], k;
	int map[AGG_MAX_GROUPS], back[AGG_MAX_GROUPS], n_rec = 0, comp = -1, rc = 0, any = 0;

	if (a->n_pay == 0 || ng == 0)
		return 0;
	for (g = 0; g < ng; g++) {
		map[g] = -1;
		if (a->group_kind[by][g] != MK_RECORDED)
			continue;
		back[n_rec] = (int)g;
		map[g] = n_rec++;
		if (strcmp(a->groups[by][g], comparator) == 0)
			comp = map[g];
	}
	if (comp < 0 || n_rec < 2)
		return 0;
	/* Every relevant employee counts in the bonus figures; only those
	 * with hourly pay and on full pay in the hourly figures (the
	 * regulations' full-pay relevant employees). Nothing is reported
	 * when no one has pay or a bonus figure. */
	people = xcalloc(a->n_pay, sizeof *people);
	for (i = 0; i < a->n_pay; i++) {
		const struct agg_pay *q = &a->pay[i];
		int gi = by == MC_SEX ? q->sex : q->eth;
		if (gi < 0 || map[gi] < 0)
			continue;
		people[n].hourly = q->has_pay ? q->pay : 0;
		people[n].bonus = q->bonus;
		people[n].group = (size_t)map[gi];
		people[n].not_full_pay = !q->has_pay || q->reduced;
		any |= q->has_pay || q->has_bonus;
		n++;
	}
	groups = xcalloc((size_t)n_rec, sizeof *groups);
	if (any && (rc = stats_compute_paygap(people, n, (size_t)n_rec, (size_t)comp, groups,
					      NULL, e)) == 0) {
		for (i = 0; i < (size_t)n_rec; i++) {
			struct mon_paygap *x;
			if ((int)i == comp || groups[i].n_relevant == 0)
				continue;
			r->pay = xrealloc(r->pay, (r->n_pay + 1) * sizeof *r->pay);
			x = &r->pay[r->n_pay++];
			memset(x, 0, sizeof *x);
			x->by = by;
			x->group = xstrdup(a->groups[by][back[i]]);
			x->comparator = xstrdup(comparator);
			x->n = (int64_t)groups[i].n;
			x->n_ref = (int64_t)groups[comp].n;
			x->n_all = (int64_t)groups[i].n_relevant;
			x->n_all_ref = (int64_t)groups[comp].n_relevant;
			x->mean_gap = groups[i].mean_gap;
			x->median_gap = groups[i].median_gap;
			x->bonus_mean_gap = groups[i].mean_bonus_gap;
			x->bonus_median_gap = groups[i].median_bonus_gap;
			x->bonus_share = groups[i].bonus_percent;
			x->bonus_share_ref = groups[comp].bonus_percent;
			for (k = 0; k < 4; k++)
				x->quartile_share[k] = groups[i].band_percent[k];
		}
	}
	free(people);
	free(groups);
	return rc;
}

static double bench_share(const struct mon_benchmark *b, size_t nb, const char *unit,
			  enum mon_char c, const char *group)
{
	size_t i;
	double any = NAN;
	for (i = 0; i < nb; i++) {
		if (b[i].ch != c || !str_eq_ci(b[i].group, group))
			continue;
		if (str_eq_ci(b[i].unit, unit))
			return b[i].share;
		if (str_eq_ci(b[i].unit, "All") || strcmp(b[i].unit, "*") == 0 || !*b[i].unit)
			any = b[i].share;
	}
	return any;
}

static void push_rep(struct mon_report *r, const char *unit, int by_grade, enum mon_char c,
		     const char *group, int64_t n, int64_t total, double bench)
{
	struct mon_representation *x;
	r->rep = xrealloc(r->rep, (r->n_rep + 1) * sizeof *r->rep);
	x = &r->rep[r->n_rep++];
	x->unit = xstrdup(unit);
	x->by_grade = by_grade;
	x->ch = c;
	x->group = xstrdup(group);
	x->n = n;
	x->total = total;
	x->share = total ? 100.0 * (double)n / (double)total : NAN;
	x->benchmark = isfinite(bench) ? bench * 100 : NAN;
	x->ratio = isfinite(bench) && bench > 0 && isfinite(x->share) ? x->share / (bench * 100)
								       : NAN;
}

/* Representation: each recorded group's share of the staff who stated it,
 * per unit and per grade, against the benchmark where one is given. */
static void representation(const struct agg *a, const struct mon_benchmark *b, size_t nb,
			   struct mon_report *r)
{
	size_t u, c, g, gr;
	if (!a->ds->grade_column[0] && !a->ds->pay_column[0])
		return;
	for (c = 0; c < MC_COUNT; c++) {
		for (u = 0; u < a->n_units; u++) {
			int64_t total = 0;
			for (g = 0; g < a->n_groups[c]; g++)
				if (a->group_kind[c][g] == MK_RECORDED)
					total += agg_cell_at(a, u, (enum mon_char)c, g)->n;
			for (g = 0; g < a->n_groups[c] && total; g++)
				if (a->group_kind[c][g] == MK_RECORDED)
					push_rep(r, a->units[u], 0, (enum mon_char)c,
						 a->groups[c][g],
						 agg_cell_at(a, u, (enum mon_char)c, g)->n, total,
						 bench_share(b, nb, a->units[u], (enum mon_char)c,
							     a->groups[c][g]));
		}
		for (gr = 0; gr < a->n_grades; gr++) {
			int64_t total = 0;
			const int64_t *row = a->grade_n + (gr * MC_COUNT + c) * AGG_MAX_GROUPS;
			for (g = 0; g < a->n_groups[c]; g++)
				if (a->group_kind[c][g] == MK_RECORDED)
					total += row[g];
			for (g = 0; g < a->n_groups[c] && total; g++)
				if (a->group_kind[c][g] == MK_RECORDED)
					push_rep(r, a->grades[gr], 1, (enum mon_char)c,
						 a->groups[c][g], row[g], total,
						 bench_share(b, nb, "All", (enum mon_char)c,
							     a->groups[c][g]));
		}
	}
}

/* The order of findings: characteristic, outcome, unit, group. */
static int finding_order(enum mon_char ca, int oa, const char *ua, const char *ga,
			 enum mon_char cb, int ob, const char *ub, const char *gb)
{
	int d;
	if (ca != cb)
		return (int)ca - (int)cb;
	if (oa != ob)
		return oa - ob;
	if ((d = unit_cmp(ua, ub)) != 0)
		return d;
	if ((d = group_rank(ca, ga) - group_rank(cb, gb)) != 0)
		return d;
	return strcmp(ga, gb);
}

static int cmp_order(const void *pa, const void *pb)
{
	const struct mon_comparison *a = pa, *b = pb;
	return finding_order(a->ch, a->outcome, a->unit, a->group, b->ch, b->outcome, b->unit,
			     b->group);
}

static int impact_order(const void *pa, const void *pb)
{
	const struct mon_impact *a = pa, *b = pb;
	return finding_order(a->ch, a->outcome, a->unit, a->group, b->ch, b->outcome, b->unit,
			     b->group);
}

/* The relative rate the flag rule judges: the observed one, and when the
 * reference group has no one with the outcome but the group has, a rate
 * infinitely above it (the direction the data show). */
static double flag_rr(const struct mon_comparison *x)
{
	if (isnan(x->rr) && x->available && x->num > 0 && x->ref_num == 0)
		return INFINITY;
	return x->rr;
}

static int comp_order(const void *pa, const void *pb)
{
	const struct mon_completeness *a = pa, *b = pb;
	int d = unit_cmp(a->unit, b->unit);
	return d ? d : (int)a->ch - (int)b->ch;
}

static int rep_order(const void *pa, const void *pb)
{
	const struct mon_representation *a = pa, *b = pb;
	int d;
	if (a->by_grade != b->by_grade)
		return a->by_grade - b->by_grade;
	if (a->ch != b->ch)
		return (int)a->ch - (int)b->ch;
	if ((d = unit_cmp(a->unit, b->unit)) != 0)
		return d;
	if ((d = group_rank(a->ch, a->group) - group_rank(b->ch, b->group)) != 0)
		return d;
	return strcmp(a->group, b->group);
}

static int pay_order(const void *pa, const void *pb)
{
	const struct mon_paygap *a = pa, *b = pb;
	if (a->by != b->by)
		return (int)a->by - (int)b->by;
	return group_rank(a->by, a->group) - group_rank(b->by, b->group);
}

int mon_report_build(const struct agg *a, const struct mon_settings *set,
		     const char *dataset, const char *period,
		     const struct mon_benchmark *bench, size_t n_bench,
		     struct mon_report *r, struct err *e)
{
	struct stats_settings ss;
	size_t u, c, i, n_tested = 0;
	int o, rc = 0;
	double *p = NULL, *adj = NULL;

	assert(!a->hist_n); /* agg_tally_fold first */

	memset(r, 0, sizeof *r);
	r->dataset = xstrdup(dataset);
	r->period = xstrdup(period);
	r->ds = a->ds;
	r->set = *set;
	r->rows = a->rows;
	r->rounded = a->rounded;
	rank_sys = (enum eth_system)a->ds->eth_system;
	if ((rc = resolve_refs(&r->set, a->ds, e)) < 0)
		return rc;
	set = &r->set;
	to_stats(set, &ss);
	for (c = 0; c < MC_COUNT; c++) {
		if (!a->ds->char_column[c][0] && a->n_groups[c] == 0)
			continue;
		for (o = 0; o < a->ds->n_outcomes; o++)
			for (u = 0; u < a->n_units; u++)
				if ((rc = compare_unit(a, u, (enum mon_char)c, o, &ss, set, r, e)) <
				    0)
					return rc;
	}
	if (r->n_cmp)
		qsort(r->cmp, r->n_cmp, sizeof *r->cmp, cmp_order);
	/* Adjust across every tested comparison of the report. */
	p = xcalloc(r->n_cmp + 1, sizeof *p);
	adj = xcalloc(r->n_cmp + 1, sizeof *adj);
	for (i = 0; i < r->n_cmp; i++) {
		p[i] = r->cmp[i].tested ? r->cmp[i].p : NAN;
		n_tested += r->cmp[i].tested;
	}
	if (r->n_cmp && (rc = stats_adjust_p(ss.adjust, p, r->n_cmp, adj, e)) < 0)
		goto done;
	for (i = 0; i < r->n_cmp; i++) {
		struct mon_comparison *x = &r->cmp[i];
		x->p_adj = x->tested ? adj[i] : NAN;
		if (x->tested && !x->within_rounding &&
		    stats_decide_flag(&ss, x->den, x->ref_den, flag_rr(x), x->p_adj) ==
			    STATS_FLAG_RAISED) {
			x->flag = 1;
			r->n_flags++;
			if (x->impact_ix != SIZE_MAX)
				r->impact[x->impact_ix].flag = 1;
		}
	}
	for (i = 0; i < r->n_cmp; i++)
		r->cmp[i].impact_ix = SIZE_MAX; /* the impact list is sorted next */
	if (r->n_impact)
		qsort(r->impact, r->n_impact, sizeof *r->impact, impact_order);
	(void)n_tested;
	completeness(a, r);
	if ((rc = pay_gaps(a, MC_SEX, "Male", r, e)) < 0 ||
	    (rc = pay_gaps(a, MC_ETHNICITY, "White", r, e)) < 0)
		goto done;
	representation(a, bench, n_bench, r);
	if (r->n_comp)
		qsort(r->comp, r->n_comp, sizeof *r->comp, comp_order);
	if (r->n_rep)
		qsort(r->rep, r->n_rep, sizeof *r->rep, rep_order);
	if (r->n_pay)
		qsort(r->pay, r->n_pay, sizeof *r->pay, pay_order);
done:
	free(p);
	free(adj);
	return rc;
}

void mon_report_free(struct mon_report *r)
{
	size_t i;
	for (i = 0; i < r->n_cmp; i++) {
		free(r->cmp[i].unit);
		free(r->cmp[i].group);
		free(r->cmp[i].reference);
	}
	free(r->cmp);
	for (i = 0; i < r->n_impact; i++) {
		free(r->impact[i].unit);
		free(r->impact[i].group);
		free(r->impact[i].compared_with);
	}
	free(r->impact);
	for (i = 0; i < r->n_comp; i++)
		free(r->comp[i].unit);
	free(r->comp);
	for (i = 0; i < r->n_pay; i++) {
		free(r->pay[i].group);
		free(r->pay[i].comparator);
	}
	free(r->pay);
	for (i = 0; i < r->n_rep; i++) {
		free(r->rep[i].unit);
		free(r->rep[i].group);
	}
	free(r->rep);
	for (i = 0; i < r->n_flag_views; i++) {
		struct mon_flag_view *f = &r->flags[i];
		free(f->period);
		free(f->unit);
		free(f->characteristic);
		free(f->group);
		free(f->reference);
		free(f->outcome);
		free(f->state);
		free(f->note);
		free(f->action);
		free(f->prev_period);
		free(f->source);
		free(f->finding);
		free(f->href);
	}
	free(r->flags);
	free(r->dataset);
	free(r->period);
	memset(r, 0, sizeof *r);
}

int mon_report_has_char(const struct mon_report *r, enum mon_char c)
{
	for (size_t i = 0; i < r->n_cmp; i++)
		if (r->cmp[i].ch == c)
			return 1;
	return 0;
}

const struct mon_comparison *mon_report_find(const struct mon_report *r, const char *unit,
					     enum mon_char ch, const char *group, int outcome)
{
	size_t i;
	for (i = 0; i < r->n_cmp; i++) {
		const struct mon_comparison *x = &r->cmp[i];
		if (x->ch == ch && x->outcome == outcome && strcmp(x->unit, unit) == 0 &&
		    strcmp(x->group, group) == 0)
			return x;
	}
	return NULL;
}
