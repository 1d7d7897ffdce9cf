/*
 * agg: counting normalised records into cells — per unit (and "All"),
 * per characteristic, per analysis group: how many records, and for each
 * outcome its numerator (the outcome happened and its stage did) and its
 * denominator (the stage happened, or every record for a first stage).
 * Memory grows with units × groups, never with rows (pay values excepted:
 * pay gaps need every value for medians and quartiles).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/strindex.h"
#include "core/xalloc.h"
#include "monitor/internal.h"

#define AGG_MAX_UNITS 100000
#define AGG_MAX_GRADES 1000

const char *agg_group_name(enum mon_char c, const struct mon_category *cat)
{
	if (cat->kind == MK_NOT_STATED)
		return "Not stated";
	if (cat->kind == MK_MISSING)
		return "Missing";
	if (c == MC_ETHNICITY && cat->group && *cat->group)
		return cat->group;
	return cat->label;
}

struct agg *agg_new(const struct dataset *ds)
{
	struct agg *a = xcalloc(1, sizeof *a);
	a->ds = ds;
	a->cap_units = 8;
	a->units = xcalloc(a->cap_units, sizeof *a->units);
	a->cells = xcalloc(a->cap_units * MC_COUNT * AGG_MAX_GROUPS, sizeof *a->cells);
	a->units[0] = xstrdup("All");
	a->n_units = 1;
	return a;
}

void agg_free(struct agg *a)
{
	size_t i, c;
	if (!a)
		return;
	for (i = 0; i < a->n_units; i++)
		free(a->units[i]);
	free(a->units);
	for (c = 0; c < MC_COUNT; c++) {
		for (i = 0; i < a->n_groups[c]; i++)
			free(a->groups[c][i]);
		free(a->groups[c]);
	}
	for (i = 0; i < a->n_grades; i++)
		free(a->grades[i]);
	free(a->grades);
	free(a->grade_n);
	free(a->cells);
	free(a->pay);
	strindex_free(&a->unit_index);
	free(a->hist);
	free(a);
}

struct agg_cell *agg_cell_at(const struct agg *a, size_t u, enum mon_char c, size_t g)
{
	return &a->cells[(u * MC_COUNT + (size_t)c) * AGG_MAX_GROUPS + g];
}

/* The index of unit `name` (len bytes, or 0: strlen), registered when
 * new. Looked up by hash: a scan of the names was ~8% of analyze on 10M
 * rows with 8 units (perf: strcmp, unit_index). */
static int unit_index_n(struct agg *a, const char *name, size_t len, struct err *e)
{
	size_t at, i;
	if (!name || !*name)
		return 0;
	if (!len)
		len = strlen(name);
	if ((i = strindex_find(&a->unit_index, a->units, name, len, &at)) != 0)
		return (int)i;
	if (a->n_units >= AGG_MAX_UNITS)
		return err_set(e, ERR_DATA, "more than %d units; check the unit column",
			       AGG_MAX_UNITS);
	if (a->n_units == a->cap_units) {
		size_t old = a->cap_units;
		a->cap_units *= 2;
		a->units = xrealloc(a->units, a->cap_units * sizeof *a->units);
		a->cells = xrealloc(a->cells, a->cap_units * MC_COUNT * AGG_MAX_GROUPS *
						      sizeof *a->cells);
		memset(a->cells + old * MC_COUNT * AGG_MAX_GROUPS, 0,
		       (a->cap_units - old) * MC_COUNT * AGG_MAX_GROUPS * sizeof *a->cells);
	}
	i = a->n_units++;
	a->units[i] = xstrndup(name, len);
	strindex_add(&a->unit_index, a->units, a->n_units, at);
	return (int)i;
}

static int unit_index(struct agg *a, const char *name, struct err *e)
{
	return unit_index_n(a, name, 0, e);
}

int agg_group_index(const struct agg *a, enum mon_char c, const char *name)
{
	size_t i;
	for (i = 0; i < a->n_groups[c]; i++)
		if (strcmp(a->groups[c][i], name) == 0)
			return (int)i;
	return -1;
}

static int group_index(struct agg *a, enum mon_char c, const char *name, int kind,
		       struct err *e)
{
	int g = agg_group_index(a, c, name);
	if (g >= 0)
		return g;
	if (a->n_groups[c] >= AGG_MAX_GROUPS)
		return err_set(e, ERR_DATA, "more than %d groups of %s", AGG_MAX_GROUPS,
			       mon_char_name(c));
	a->groups[c] = xrealloc(a->groups[c], (a->n_groups[c] + 1) * sizeof *a->groups[c]);
	a->groups[c][a->n_groups[c]] = xstrdup(name);
	a->group_kind[c][a->n_groups[c]] = kind;
	return (int)a->n_groups[c]++;
}

/* group_index through a small table from category to group (categories
 * are static data, so their addresses identify them); one slot holds the
 * key and the group, so a hit reads one cache line. */
static int group_cached(struct agg *a, enum mon_char c, const struct mon_category *cat,
			struct err *e)
{
	size_t h = ((uintptr_t)cat >> 3) * 31u + (size_t)c, k;
	struct agg_cat_slot *x = NULL;
	int g;
	for (k = 0; k < AGG_CAT_CACHE; k++) {
		x = &a->cat_slot[(h + k) & (AGG_CAT_CACHE - 1)];
		if (x->cat == cat && x->ch == (int)c)
			return x->group;
		if (!x->cat)
			break;
	}
	{
		const char *own = dataset_group_of(a->ds, (int)c, cat);
		g = group_index(a, c, own ? own : agg_group_name(c, cat), cat->kind, e);
	}
	if (g >= 0 && k < AGG_CAT_CACHE) {
		x->cat = cat;
		x->ch = (int)c;
		x->group = g;
	}
	return g;
}

static int grade_index(struct agg *a, const char *grade, struct err *e)
{
	size_t i;
	for (i = 0; i < a->n_grades; i++)
		if (strcmp(a->grades[i], grade) == 0)
			return (int)i;
	if (a->n_grades >= AGG_MAX_GRADES)
		return err_set(e, ERR_DATA, "more than %d grades; check the grade column",
			       AGG_MAX_GRADES);
	a->grades = xrealloc(a->grades, (a->n_grades + 1) * sizeof *a->grades);
	a->grades[a->n_grades] = xstrdup(grade);
	a->grade_n = xrealloc(a->grade_n, (a->n_grades + 1) * MC_COUNT * AGG_MAX_GROUPS *
						  sizeof *a->grade_n);
	memset(a->grade_n + a->n_grades * MC_COUNT * AGG_MAX_GROUPS, 0,
	       MC_COUNT * AGG_MAX_GROUPS * sizeof *a->grade_n);
	return (int)a->n_grades++;
}

static void count(struct agg_cell *cell, const struct dataset *ds, uint32_t outcomes,
		  int64_t w)
{
	int o;
	cell->n += w;
	for (o = 0; o < ds->n_outcomes; o++) {
		int st = ds->outcomes[o].stage;
		int in_stage = st < 0 || (outcomes >> st & 1u);
		if (!in_stage)
			continue;
		cell->den[o] += w;
		if (outcomes >> o & 1u)
			cell->num[o] += w;
	}
}

int agg_unit(struct agg *a, const char *name, struct err *e)
{
	return unit_index(a, name, e);
}

int agg_grade(struct agg *a, const char *grade, struct err *e)
{
	return grade && *grade ? grade_index(a, grade, e) : -1;
}

int agg_group(struct agg *a, enum mon_char c, const struct mon_category *cat, struct err *e)
{
	return group_cached(a, c, cat, e);
}

void agg_count(struct agg *a, size_t u, enum mon_char c, size_t g, uint32_t outcomes, int64_t w)
{
	count(agg_cell_at(a, 0, c, g), a->ds, outcomes, w);
	if (u > 0)
		count(agg_cell_at(a, u, c, g), a->ds, outcomes, w);
}

void agg_count_grade(struct agg *a, size_t gr, enum mon_char c, size_t g, int64_t w)
{
	a->grade_n[(gr * MC_COUNT + (size_t)c) * AGG_MAX_GROUPS + g] += w;
}

void agg_push_pay(struct agg *a, int sex, int eth, int has_pay, double pay, int has_bonus,
		  double bonus, int reduced)
{
	struct agg_pay *p;
	if (a->n_pay == a->cap_pay) {
		a->cap_pay = a->cap_pay ? a->cap_pay * 2 : 1024;
		a->pay = xrealloc(a->pay, a->cap_pay * sizeof *a->pay);
	}
	p = &a->pay[a->n_pay++];
	p->sex = sex;
	p->eth = eth;
	p->pay = has_pay ? pay : 0;
	p->has_pay = has_pay;
	p->bonus = has_bonus ? bonus : 0;
	p->has_bonus = has_bonus != 0;
	p->reduced = reduced != 0;
}

/* 1 when every record is a relevant employee of the pay gaps, pay or no
 * pay: the dataset has a pay or a bonus column. */
static int pay_dataset(const struct agg *a)
{
	return a->ds && (a->ds->pay_column[0] || a->ds->bonus_column[0]);
}

int agg_add(struct agg *a, const struct mon_record *r, struct err *e)
{
	int u = unit_index(a, r->unit, e), gr = -1, sex = -1, eth = -1;
	size_t c;

	if (u < 0)
		return u;
	if (r->grade && *r->grade && (gr = grade_index(a, r->grade, e)) < 0)
		return gr;
	for (c = 0; c < MC_COUNT; c++) {
		const struct mon_category *cat = r->cat[c];
		int g;
		if (!cat)
			continue;
		g = group_cached(a, (enum mon_char)c, cat, e);
		if (g < 0)
			return g;
		agg_count(a, (size_t)u, (enum mon_char)c, (size_t)g, r->outcomes, 1);
		if (gr >= 0)
			agg_count_grade(a, (size_t)gr, (enum mon_char)c, (size_t)g, 1);
		if (c == MC_SEX)
			sex = g;
		if (c == MC_ETHNICITY)
			eth = g;
	}
	if (r->has_pay || r->has_bonus || pay_dataset(a))
		agg_push_pay(a, sex, eth, r->has_pay, r->pay, r->has_bonus, r->bonus,
			     r->reduced_pay);
	a->rows++;
	return 0;
}

/* ---- tallies ------------------------------------------------------------
 * agg_add counts a record into two units (its own and "All"), each of its
 * characteristics, and every outcome's numerator and denominator: some 50
 * additions a record, with the unit looked up by name. On 10M rows that
 * was a quarter of analyze (perf: count, agg_count, agg_add, group_cached,
 * strcmp). agg_tally adds 1 to one histogram cell per characteristic,
 * (unit, characteristic, group, outcome bits), through agg_tally_count,
 * which the block reader (colstore.c) uses too; agg_tally_fold turns the
 * histogram into cells. Memory:
 * HIST_UNITS units at most (10.3 KiB each with 4 outcomes); records of
 * later units, or of datasets with more than HIST_OUTCOMES outcomes, are
 * counted directly. */
#define HIST_UNITS 256
#define HIST_OUTCOMES 4

static size_t hist_stride(const struct agg *a)
{
	return (size_t)MC_COUNT * agg_hist_block(a);
}

/* Room in the histogram for unit u; 0 when it has none. */
static int hist_room(struct agg *a, size_t u)
{
	size_t n;
	if (u < a->hist_units)
		return 1;
	if (a->ds->n_outcomes > HIST_OUTCOMES || u >= HIST_UNITS)
		return 0;
	a->hist_out = (size_t)1 << a->ds->n_outcomes;
	n = a->hist_units ? a->hist_units : 8;
	while (n <= u)
		n *= 2;
	a->hist = xrealloc(a->hist, n * hist_stride(a) * sizeof *a->hist);
	memset(a->hist + a->hist_units * hist_stride(a), 0,
	       (n - a->hist_units) * hist_stride(a) * sizeof *a->hist);
	a->hist_units = n;
	return 1;
}

void agg_tally_fold(struct agg *a)
{
	size_t u, c, g, o;
	if (!a->hist_n)
		return;
	for (u = 0; u < a->hist_units && u < a->n_units; u++)
		for (c = 0; c < MC_COUNT; c++)
			for (g = 0; g < a->n_groups[c]; g++) {
				uint32_t *h = a->hist + agg_hist_at(a, u, (enum mon_char)c, g);
				for (o = 0; o < a->hist_out; o++)
					if (h[o]) {
						agg_count(a, u, (enum mon_char)c, g, (uint32_t)o,
							  h[o]);
						h[o] = 0;
					}
			}
	a->hist_n = 0;
}

/* Room made in the tally for unit u and for n more counts (folded first
 * when a count could pass UINT32_MAX): 1, or 0 when u is counted straight
 * into cells. */
static int tally_unit(struct agg *a, size_t u, uint64_t n)
{
	if (a->hist_n > UINT32_MAX - n)
		agg_tally_fold(a);
	if (!hist_room(a, u))
		return 0;
	a->hist_n += n;
	return 1;
}

void agg_tally_more(struct agg *a, size_t u, enum mon_char c, size_t g, uint32_t outcomes)
{
	if (tally_unit(a, u, 1))
		a->hist[agg_hist_at(a, u, c, g) + outcomes]++;
	else
		agg_count(a, u, c, g, outcomes, 1);
}

int agg_tally(struct agg *a, const struct mon_record *r, struct err *e)
{
	int u, gr = -1, g[MC_COUNT];
	size_t c;
	uint32_t *h;

	if (r->unit_hint && *r->unit_hint >= 0) {
		u = *r->unit_hint;
	} else {
		if ((u = unit_index_n(a, r->unit, r->unit_len, e)) < 0)
			return u;
		if (r->unit_hint)
			*r->unit_hint = u;
	}
	if (r->grade && *r->grade && (gr = grade_index(a, r->grade, e)) < 0)
		return gr;
	for (c = 0; c < MC_COUNT; c++) {
		int32_t *hint = r->cat_hint[c];
		g[c] = -1;
		if (!r->cat[c])
			continue;
		if (hint && *hint >= 0) {
			g[c] = *hint;
			continue;
		}
		if ((g[c] = group_cached(a, (enum mon_char)c, r->cat[c], e)) < 0)
			return g[c];
		if (hint)
			*hint = g[c];
	}
	if (tally_unit(a, (size_t)u, MC_COUNT)) {
		h = a->hist + r->outcomes;
		for (c = 0; c < MC_COUNT; c++)
			if (g[c] >= 0)
				h[agg_hist_at(a, (size_t)u, (enum mon_char)c, (size_t)g[c])]++;
	} else {
		for (c = 0; c < MC_COUNT; c++)
			if (g[c] >= 0)
				agg_count(a, (size_t)u, (enum mon_char)c, (size_t)g[c], r->outcomes,
					  1);
	}
	for (c = 0; c < MC_COUNT && gr >= 0; c++)
		if (g[c] >= 0)
			agg_count_grade(a, (size_t)gr, (enum mon_char)c, (size_t)g[c], 1);
	if (r->has_pay || r->has_bonus || pay_dataset(a))
		agg_push_pay(a, g[MC_SEX], g[MC_ETHNICITY], r->has_pay, r->pay, r->has_bonus,
			     r->bonus, r->reduced_pay);
	a->rows++;
	return 0;
}

int agg_add_counts(struct agg *a, const char *unit, enum mon_char c, const char *group,
		   int kind, int outcome, int64_t num, int64_t den, struct err *e)
{
	return agg_add_counts_ex(a, unit, c, group, kind, outcome, num, den, 0, 1, e);
}

int agg_add_counts_ex(struct agg *a, const char *unit, enum mon_char c, const char *group,
		      int kind, int outcome, int64_t num, int64_t den, unsigned unknown,
		      uint32_t parts, struct err *e)
{
	int u = unit_index(a, unit, e), g;
	struct agg_cell *cell;
	uint32_t bit;
	assert(outcome >= 0 && outcome < DS_MAX_OUTCOMES);
	bit = 1u << outcome;
	if (u < 0)
		return u;
	if ((g = group_index(a, c, group, kind, e)) < 0)
		return g;
	a->counts_only = 1;
	cell = agg_cell_at(a, (size_t)u, c, (size_t)g);
	if (unknown & MON_UNK_NUM)
		cell->unk_num |= bit;
	else
		cell->num[outcome] += num;
	if (unknown & MON_UNK_DEN)
		cell->unk_den |= bit;
	else
		cell->den[outcome] += den;
	cell->parts[outcome] += parts;
	if (cell->den[outcome] > cell->n)
		cell->n = cell->den[outcome];
	return 0;
}

int agg_merge(struct agg *a, const struct agg *b, struct err *e)
{
	size_t u, c, g, gr;
	int map_g[MC_COUNT][AGG_MAX_GROUPS];
	assert(!b->hist_n); /* agg_tally_fold(b) first */
	agg_tally_fold(a);
	for (c = 0; c < MC_COUNT; c++)
		for (g = 0; g < b->n_groups[c]; g++) {
			int x = group_index(a, (enum mon_char)c, b->groups[c][g],
					    b->group_kind[c][g], e);
			if (x < 0)
				return x;
			map_g[c][g] = x;
		}
	for (u = 0; u < b->n_units; u++) {
		int au = u == 0 ? 0 : unit_index(a, b->units[u], e);
		if (au < 0)
			return au;
		for (c = 0; c < MC_COUNT; c++)
			for (g = 0; g < b->n_groups[c]; g++) {
				const struct agg_cell *y = agg_cell_at(b, u, (enum mon_char)c, g);
				struct agg_cell *x = agg_cell_at(a, (size_t)au, (enum mon_char)c,
								 (size_t)map_g[c][g]);
				int o;
				x->n += y->n;
				x->unk_num |= y->unk_num;
				x->unk_den |= y->unk_den;
				for (o = 0; o < DS_MAX_OUTCOMES; o++) {
					x->num[o] += y->num[o];
					x->den[o] += y->den[o];
					x->parts[o] += y->parts[o];
				}
			}
	}
	for (gr = 0; gr < b->n_grades; gr++) {
		int ag = grade_index(a, b->grades[gr], e);
		if (ag < 0)
			return ag;
		for (c = 0; c < MC_COUNT; c++)
			for (g = 0; g < b->n_groups[c]; g++)
				a->grade_n[((size_t)ag * MC_COUNT + c) * AGG_MAX_GROUPS +
					   (size_t)map_g[c][g]] +=
					b->grade_n[(gr * MC_COUNT + c) * AGG_MAX_GROUPS + g];
	}
	for (u = 0; u < b->n_pay; u++) {
		const struct agg_pay *p = &b->pay[u];
		agg_push_pay(a, p->sex >= 0 ? map_g[MC_SEX][p->sex] : -1,
			     p->eth >= 0 ? map_g[MC_ETHNICITY][p->eth] : -1, p->has_pay, p->pay,
			     p->has_bonus, p->bonus, p->reduced);
	}
	a->rows += b->rows;
	a->counts_only |= b->counts_only;
	if (b->rounded > a->rounded)
		a->rounded = b->rounded;
	return 0;
}
