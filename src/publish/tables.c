/*
 * publish/tables.c: the tables of a release and their protection.
 *
 * A release of a dataset for a period adds up the imported periods inside
 * it (its "covers": a quarter is itself, a year its quarters). Every
 * imported period that contains no other is an atom. The protection works
 * on one problem for the draft and every stored release tied to it (that
 * shares an atom with it, and so on): each atom's tables are unknowns
 * (sdc.h cells) tied by their totals, a release of several atoms is their
 * sum, and a stored release's cells are fixed as they were published. So
 * a year is checked against its quarters, a quarter against the year, and
 * the next quarter against both (docs/publication.md).
 *
 * Cells that are the same number share one unknown: the All group of a
 * unit is the same in every characteristic's table, and a stage's
 * denominator is the earlier stage's numerator (a denominator of everyone
 * is the group's head count, the same for every such outcome).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/period.h"
#include "core/xalloc.h"
#include "monitor/monitor.h"
#include "publish/internal.h"
#include "publish/sdc.h"

void pub_rules_default(struct pub_rules *r)
{
	r->threshold = PUB_THRESHOLD;
	r->rounding = 0;
	r->all_or_none = PUB_AON_ALL;
	r->small_group = PUB_SMALL_GROUP;
}

const char *pub_aon_name(int aon)
{
	return aon == PUB_AON_OFF ? "off" : aon == PUB_AON_BOTH ? "both" : "all";
}

int pub_aon_parse(const char *s, int *out, struct err *e)
{
	if (!strcmp(s, "off"))
		*out = PUB_AON_OFF;
	else if (!strcmp(s, "all"))
		*out = PUB_AON_ALL;
	else if (!strcmp(s, "both"))
		*out = PUB_AON_BOTH;
	else
		return err_set(e, ERR_USAGE, "the all-or-none rule is off, all (n of n) or both "
			       "(n of n and 0 of n); got '%s'", s);
	return 0;
}

void pub_tables_free(struct pub_tables *t)
{
	size_t i, k;
	for (i = 0; i < t->n_units; i++)
		free(t->units[i]);
	free(t->units);
	for (k = 0; k < PUB_MAX_CHARS; k++) {
		for (i = 0; i < t->n_groups[k]; i++)
			free(t->groups[k][i]);
		free(t->groups[k]);
	}
	free(t->covers);
	free(t->cells);
	free(t->reason);
	memset(t, 0, sizeof *t);
}

const struct pub_cell *pub_cell_find(const struct pub_tables *t, size_t unit, size_t ch,
				     size_t group, size_t outcome, int measure)
{
	/* cells are in order: ch, outcome, unit, group (All last), measure */
	size_t per_unit, per_outcome, at, k;
	if (ch >= t->n_chars || unit >= t->n_units || outcome >= t->n_outcomes)
		return NULL;
	if (group == PUB_ALL)
		group = t->n_groups[ch];
	else if (group >= t->n_groups[ch])
		return NULL;
	at = 0;
	for (k = 0; k < ch; k++)
		at += t->n_outcomes * t->n_units * (t->n_groups[k] + 1) * 2;
	per_unit = (t->n_groups[ch] + 1) * 2;
	per_outcome = t->n_units * per_unit;
	at += outcome * per_outcome + unit * per_unit + group * 2 + (size_t)measure;
	return at < t->n_cells ? &t->cells[at] : NULL;
}

int pub_rate(const struct pub_tables *t, size_t unit, size_t ch, size_t group, size_t outcome,
	     double *rate)
{
	const struct pub_cell *n = pub_cell_find(t, unit, ch, group, outcome, PUB_NUMERATOR);
	const struct pub_cell *d = pub_cell_find(t, unit, ch, group, outcome, PUB_DENOMINATOR);
	if (!n || !d || n->status != PUB_PUBLISHED || d->status != PUB_PUBLISHED || d->value <= 0)
		return 0;
	*rate = (double)n->value / (double)d->value;
	return 1;
}

/* ---- the problem ---------------------------------------------------------*/

/* A release in the problem: the draft (stored NULL) or a stored one. */
struct rel {
	struct pub_tables *stored; /* NULL: the draft */
	size_t *atoms;		   /* indices into the problem's atoms */
	size_t n_atoms;
	size_t *pieces;		   /* the pieces it adds up (struct build) */
	size_t n_pieces;
	int32_t *var;		   /* its own unknowns when it adds up several atoms */
};

/* Quantities of a group: its head count N (the denominator of outcomes of
 * everyone), each outcome's numerator, and each outcome's denominator
 * when it is not one of those. */
struct build {
	store_t *db;
	const char *dataset;
	struct monitor_counts mc;   /* the atoms' counts, on one layout */
	size_t n_atoms;
	struct period *atom_p;
	/* Pieces: the tables the unknowns are made of. An atom tied to two
	 * releases, or released alone, is a piece of its own; the atoms that
	 * only one release of several adds up, and nothing else shows, are
	 * one piece together (the attacker learns nothing of them one by one,
	 * so they need not be unknowns one by one). */
	size_t n_pieces;
	size_t *piece_start, *piece_atom; /* atoms of piece i: piece_atom[piece_start[i]..[i+1]) */
	size_t n_q;		    /* quantities */
	int den_q[PUB_MAX_OUTCOMES]; /* quantity of each outcome's denominator */
	int n_source;		    /* outcome whose denominator N is (-1: none) */
	size_t slots;		    /* per unit: chars × stride + 1 (All group) */
	int32_t *atom_var;	    /* [atom][unit][slot][q] */
	struct rel *rels;	    /* rels[0] is the draft */
	size_t n_rels;
	struct sdc p;
};

static size_t slot_of(const struct build *b, size_t k, size_t g)
{
	return g == PUB_ALL ? b->slots - 1 : k * MONITOR_GROUP_STRIDE + g;
}

static size_t var_at(const struct build *b, size_t pc, size_t u, size_t slot, size_t q)
{
	return ((pc * b->mc.n_units + u) * b->slots + slot) * b->n_q + q;
}

/* The true count of quantity q of atom a, unit u, characteristic k, group
 * g (PUB_ALL: the All group, from characteristic 0's groups). */
static int64_t atom_value(const struct build *b, size_t a, size_t u, size_t k, size_t g,
			  size_t q)
{
	const struct monitor_counts *c = &b->mc;
	int64_t s = 0;
	size_t gg;
	if (g == PUB_ALL) {
		for (gg = 0; gg < c->n_groups[0]; gg++)
			s += atom_value(b, a, u, 0, gg, q);
		return s;
	}
	if (q == 0)
		return b->n_source >= 0 ? c->den[monitor_counts_at(c, a, u, k, g, (size_t)b->n_source)]
					: 0;
	if (q <= c->n_outcomes)
		return c->num[monitor_counts_at(c, a, u, k, g, q - 1)];
	return c->den[monitor_counts_at(c, a, u, k, g, q - 1 - c->n_outcomes)];
}

/* The true count of a piece: its atoms' added up. */
static int64_t piece_value(const struct build *b, size_t pc, size_t u, size_t k, size_t g,
			   size_t q)
{
	int64_t v = 0;
	size_t i;
	for (i = b->piece_start[pc]; i < b->piece_start[pc + 1]; i++)
		v += atom_value(b, b->piece_atom[i], u, k, g, q);
	return v;
}

/* Cut the atoms into pieces, and say which pieces each release adds up. */
static void make_pieces(struct build *b)
{
	size_t *count = xcalloc(b->n_atoms + 1, sizeof *count), a, r, i, n = 0;
	uint8_t *needed = xcalloc(b->n_atoms + 1, 1);
	size_t *piece_of = xcalloc(b->n_atoms + 1, sizeof *piece_of);
	for (r = 0; r < b->n_rels; r++)
		for (i = 0; i < b->rels[r].n_atoms; i++) {
			count[b->rels[r].atoms[i]]++;
			if (b->rels[r].n_atoms == 1)
				needed[b->rels[r].atoms[i]] = 1;
		}
	for (a = 0; a < b->n_atoms; a++)
		if (count[a] != 1)
			needed[a] = 1;
	b->piece_start = xcalloc(b->n_atoms + b->n_rels + 2, sizeof *b->piece_start);
	b->piece_atom = xcalloc(b->n_atoms + 1, sizeof *b->piece_atom);
	b->n_pieces = 0;
	for (a = 0; a < b->n_atoms; a++)
		if (needed[a]) {
			piece_of[a] = b->n_pieces;
			b->piece_atom[n++] = a;
			b->piece_start[++b->n_pieces] = n;
		}
	for (r = 0; r < b->n_rels; r++) {
		struct rel *x = &b->rels[r];
		int rest = 0;
		x->pieces = xcalloc(x->n_atoms + 1, sizeof *x->pieces);
		for (i = 0; i < x->n_atoms; i++)
			if (needed[x->atoms[i]])
				x->pieces[x->n_pieces++] = piece_of[x->atoms[i]];
			else {
				b->piece_atom[n++] = x->atoms[i];
				rest = 1;
			}
		if (rest) {
			x->pieces[x->n_pieces++] = b->n_pieces;
			b->piece_start[++b->n_pieces] = n;
		}
	}
	free(count);
	free(needed);
	free(piece_of);
}

/* Which quantity each outcome's denominator is: N, an earlier stage's
 * numerator, or its own when the counts say otherwise (a count table). */
static void choose_quantities(struct build *b)
{
	const struct monitor_counts *c = &b->mc;
	size_t o, a, u, k, g;
	b->n_source = -1;
	for (o = 0; o < c->n_outcomes; o++)
		if (c->of[o] < 0) {
			b->n_source = (int)o;
			break;
		}
	b->n_q = 1 + c->n_outcomes;
	for (o = 0; o < c->n_outcomes; o++) {
		int same = 1;
		for (a = 0; same && a < b->n_atoms; a++)
			for (u = 0; same && u < c->n_units; u++)
				for (k = 0; same && k < c->n_chars; k++)
					for (g = 0; same && g < c->n_groups[k]; g++) {
						size_t at = monitor_counts_at(c, a, u, k, g, o);
						int64_t want =
							c->of[o] < 0
								? c->den[monitor_counts_at(
									  c, a, u, k, g,
									  (size_t)b->n_source)]
								: c->num[monitor_counts_at(
									  c, a, u, k, g,
									  (size_t)c->of[o])];
						same = c->den[at] == want;
					}
		if (same)
			b->den_q[o] = c->of[o] < 0 ? 0 : 1 + c->of[o];
		else
			b->den_q[o] = (int)(1 + c->n_outcomes + o);
	}
	for (o = 0; o < c->n_outcomes; o++)
		if ((size_t)b->den_q[o] + 1 > b->n_q)
			b->n_q = (size_t)b->den_q[o] + 1;
}

/* Check that the counts add up: every characteristic's groups to the same
 * total, the units to All. */
static int check_additive(const struct build *b, struct err *e)
{
	const struct monitor_counts *c = &b->mc;
	size_t a, u, k, g, q;
	for (a = 0; a < b->n_atoms; a++)
		for (q = 0; q < b->n_q; q++) {
			for (u = 0; u < c->n_units; u++) {
				int64_t t0 = atom_value(b, a, u, 0, PUB_ALL, q);
				for (k = 1; k < c->n_chars; k++) {
					int64_t s = 0;
					for (g = 0; g < c->n_groups[k]; g++)
						s += atom_value(b, a, u, k, g, q);
					if (s != t0)
						return err_set(e, ERR_DATA,
							       "%s %s, %s: the %s groups add up to "
							       "%lld but the %s groups to %lld; tables "
							       "that do not add up cannot be protected "
							       "(import the period again from person-"
							       "level data)",
							       b->dataset, c->periods[a], c->units[u],
							       c->char_name[k], (long long)s,
							       c->char_name[0], (long long)t0);
				}
			}
			if (c->n_units > 1)
				for (k = 0; k < c->n_chars; k++)
					for (g = 0; g < c->n_groups[k]; g++) {
						int64_t s = 0;
						for (u = 1; u < c->n_units; u++)
							s += atom_value(b, a, u, k, g, q);
						if (s != atom_value(b, a, 0, k, g, q))
							return err_set(
								e, ERR_DATA,
								"%s %s: the units' %s %s counts add up "
								"to %lld, not to the organisation's "
								"%lld (records without a unit?); give "
								"every record a unit before publishing",
								b->dataset, c->periods[a], c->char_name[k],
								c->groups[k][g], (long long)s,
								(long long)atom_value(b, a, 0, k, g, q));
					}
		}
	return 0;
}

static void build_free(struct build *b)
{
	size_t r;
	for (r = 0; r < b->n_rels; r++) {
		if (b->rels[r].stored) {
			pub_tables_free(b->rels[r].stored);
			free(b->rels[r].stored);
		}
		free(b->rels[r].atoms);
		free(b->rels[r].pieces);
		free(b->rels[r].var);
	}
	free(b->rels);
	free(b->atom_var);
	free(b->atom_p);
	free(b->piece_start);
	free(b->piece_atom);
	monitor_counts_free(&b->mc);
	sdc_free(&b->p);
}

/* Whether period x lies inside period y. */
static int inside(const struct period *x, const struct period *y)
{
	return date_cmp(x->start, y->start) >= 0 && date_cmp(x->end, y->end) <= 0;
}

static int overlaps(const struct period *x, const struct period *y)
{
	return date_cmp(x->start, y->end) <= 0 && date_cmp(y->start, x->end) <= 0;
}

/* ---- which periods, which releases ---------------------------------------*/

/* The atoms of the dataset: imported periods that contain no other. */
static int find_atoms(store_t *db, const char *dataset, char (**names)[24], struct period **pp,
		      size_t *n, struct err *e)
{
	char (*all)[24] = NULL;
	struct period *ap;
	size_t n_all = 0, i, j;
	int rc;
	*names = NULL;
	*pp = NULL;
	*n = 0;
	if ((rc = monitor_periods(db, dataset, &all, &n_all, e)) < 0)
		return rc;
	ap = xcalloc(n_all ? n_all : 1, sizeof *ap);
	for (i = 0; i < n_all; i++)
		if (period_parse(all[i], &ap[i], NULL) < 0) {
			rc = err_set(e, ERR_DATA, "%s %s was imported under a period parity no longer "
				     "reads; import it again as %s", dataset, all[i], PERIOD_FORMS);
			goto done;
		}
	*names = xcalloc(n_all ? n_all : 1, sizeof **names);
	*pp = xcalloc(n_all ? n_all : 1, sizeof **pp);
	for (i = 0; i < n_all; i++) {
		int atom = 1;
		for (j = 0; j < n_all && atom; j++)
			if (j != i && inside(&ap[j], &ap[i]))
				atom = 0;
		if (atom) {
			memcpy((*names)[*n], all[i], 24);
			(*pp)[(*n)++] = ap[i];
		}
	}
done:
	free(all);
	free(ap);
	return rc;
}

static size_t name_index(char (*names)[24], size_t n, const char *name)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return i;
	return n;
}

/* Parse a release's covers (a JSON array of periods). */
static int covers_parse(const char *text, char (**out)[24], size_t *n)
{
	json_t *a = json_loads(text ? text : "", 0, NULL);
	size_t i;
	*out = NULL;
	*n = 0;
	if (!json_is_array(a)) {
		json_decref(a);
		return -1;
	}
	*out = xcalloc(json_array_size(a) + 1, sizeof **out);
	for (i = 0; i < json_array_size(a); i++) {
		const char *s = json_string_value(json_array_get(a, i));
		snprintf((*out)[(*n)++], 24, "%s", s ? s : "");
	}
	json_decref(a);
	return 0;
}

/* ---- building the problem ------------------------------------------------*/

/* Index maps from a stored release's layout to the problem's. */
struct relmap {
	size_t *unit;				/* SIZE_MAX: not in the data */
	size_t ch[PUB_MAX_CHARS];
	size_t *group[PUB_MAX_CHARS];
	size_t outcome[PUB_MAX_OUTCOMES];
};

static size_t find_str(char **names, size_t n, const char *name)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return i;
	return SIZE_MAX;
}

static void relmap_free(struct relmap *m)
{
	size_t k;
	free(m->unit);
	for (k = 0; k < PUB_MAX_CHARS; k++)
		free(m->group[k]);
}

static int relmap_make(const struct build *b, const struct pub_tables *t, struct relmap *m,
		       struct err *e)
{
	const struct monitor_counts *c = &b->mc;
	size_t i, k, g;
	memset(m, 0, sizeof *m);
	m->unit = xcalloc(t->n_units + 1, sizeof *m->unit);
	for (i = 0; i < t->n_units; i++)
		if ((m->unit[i] = find_str(c->units, c->n_units, t->units[i])) == SIZE_MAX)
			return err_set(e, ERR_DATA, "the release of %s %s shows unit '%s', which the "
				       "imported data no longer have; replace that release first",
				       t->dataset, t->period, t->units[i]);
	for (k = 0; k < t->n_chars; k++) {
		m->ch[k] = SIZE_MAX;
		for (i = 0; i < c->n_chars; i++)
			if (!strcmp(c->char_name[i], t->char_name[k]))
				m->ch[k] = i;
		if (m->ch[k] == SIZE_MAX)
			return err_set(e, ERR_DATA, "the release of %s %s shows %s, which the "
				       "imported data no longer have; replace that release first",
				       t->dataset, t->period, t->char_name[k]);
		m->group[k] = xcalloc(t->n_groups[k] + 1, sizeof *m->group[k]);
		for (g = 0; g < t->n_groups[k]; g++)
			if ((m->group[k][g] = find_str(c->groups[m->ch[k]], c->n_groups[m->ch[k]],
						       t->groups[k][g])) == SIZE_MAX)
				return err_set(e, ERR_DATA, "the release of %s %s shows the %s group "
					       "'%s', which the imported data no longer have; "
					       "replace that release first",
					       t->dataset, t->period, t->char_name[k], t->groups[k][g]);
	}
	for (i = 0; i < t->n_outcomes; i++) {
		m->outcome[i] = SIZE_MAX;
		for (g = 0; g < c->n_outcomes; g++)
			if (!strcmp(c->outcome[g], t->outcome[i]))
				m->outcome[i] = g;
		if (m->outcome[i] == SIZE_MAX)
			return err_set(e, ERR_DATA, "the release of %s %s shows the outcome '%s', "
				       "which the imported data no longer have; replace that "
				       "release first", t->dataset, t->period, t->outcome[i]);
	}
	return 0;
}

/* The quantity a cell of outcome o and measure m shows. */
static size_t qty(const struct build *b, size_t o, int m)
{
	return m == PUB_NUMERATOR ? 1 + o : (size_t)b->den_q[o];
}

/* The unknown of release r for (unit, slot, quantity). */
static int32_t rel_var(const struct build *b, const struct rel *r, size_t u, size_t slot,
		       size_t q)
{
	if (r->var)
		return r->var[(u * b->slots + slot) * b->n_q + q];
	return b->atom_var[var_at(b, r->pieces[0], u, slot, q)];
}

/* The unknown of (unit, slot, quantity) in a table set: a piece (ctx
 * points to its index) or a release of several pieces (ctx is the rel). */
typedef int32_t (*var_fn)(const struct build *b, const void *ctx, size_t u, size_t slot,
			  size_t q);

static int32_t piece_var(const struct build *b, const void *ctx, size_t u, size_t slot, size_t q)
{
	return b->atom_var[var_at(b, *(const size_t *)ctx, u, slot, q)];
}

static int32_t release_var(const struct build *b, const void *ctx, size_t u, size_t slot,
			   size_t q)
{
	return rel_var(b, ctx, u, slot, q);
}

/* The sums of a table set, for every quantity used: each unit's groups
 * add up to its All group, in every characteristic; the units add up to
 * the All unit, group by group (parts: room for the units or groups). */
static void add_table_sums(struct build *b, var_fn var, const void *ctx, const int *used,
			   int32_t *parts)
{
	const struct monitor_counts *c = &b->mc;
	size_t q, u, k, g;
	for (q = 0; q < b->n_q; q++) {
		if (!used[q])
			continue;
		for (u = 0; u < c->n_units; u++)
			for (k = 0; k < c->n_chars; k++) {
				for (g = 0; g < c->n_groups[k]; g++)
					parts[g] = var(b, ctx, u, slot_of(b, k, g), q);
				sdc_add_sum(&b->p, var(b, ctx, u, b->slots - 1, q), parts, c->n_groups[k]);
			}
		if (c->n_units > 1)
			for (k = 0; k <= c->n_chars; k++) {
				size_t ng = k == c->n_chars ? 1 : c->n_groups[k];
				for (g = 0; g < ng; g++) {
					size_t s = k == c->n_chars ? b->slots - 1 : slot_of(b, k, g);
					for (u = 1; u < c->n_units; u++)
						parts[u - 1] = var(b, ctx, u, s, q);
					sdc_add_sum(&b->p, var(b, ctx, 0, s, q), parts, c->n_units - 1);
				}
			}
	}
}

/* Each atom's unknowns and the equations between them; then each
 * release of several atoms, as their sum. */
static void add_unknowns(struct build *b)
{
	const struct monitor_counts *c = &b->mc;
	size_t a, u, k, g, q, o, r;
	int used[1 + 2 * PUB_MAX_OUTCOMES] = {0};
	int32_t *parts = xcalloc(c->n_units + MONITOR_GROUP_STRIDE + b->n_pieces + 1, sizeof *parts);

	used[0] = b->n_source >= 0;
	for (o = 0; o < c->n_outcomes; o++)
		used[1 + o] = used[b->den_q[o]] = 1;
	b->atom_var = xcalloc(b->n_pieces * c->n_units * b->slots * b->n_q, sizeof *b->atom_var);
	for (a = 0; a < b->n_pieces; a++)
		for (u = 0; u < c->n_units; u++)
			for (k = 0; k <= c->n_chars; k++) {
				size_t ng = k == c->n_chars ? 1 : c->n_groups[k];
				for (g = 0; g < ng; g++)
					for (q = 0; q < b->n_q; q++) {
						size_t s = k == c->n_chars ? b->slots - 1 : slot_of(b, k, g);
						int32_t v = -1;
						if (used[q]) {
							v = sdc_add_cell(&b->p,
									 piece_value(b, a, u, k == c->n_chars ? 0 : k,
										    k == c->n_chars ? PUB_ALL : g, q),
									 0);
							b->p.cells[v].status = SDC_HIDDEN;
						}
						b->atom_var[var_at(b, a, u, s, q)] = v;
					}
		}
	for (a = 0; a < b->n_pieces; a++)
		add_table_sums(b, piece_var, &a, used, parts);
	/* releases of several atoms: their own unknowns, each the sum */
	for (r = 0; r < b->n_rels; r++) {
		struct rel *x = &b->rels[r];
		if (x->n_pieces < 2)
			continue;
		x->var = xcalloc(c->n_units * b->slots * b->n_q, sizeof *x->var);
		for (u = 0; u < c->n_units; u++)
			for (k = 0; k <= c->n_chars; k++) {
				size_t ng = k == c->n_chars ? 1 : c->n_groups[k];
				for (g = 0; g < ng; g++)
					for (q = 0; q < b->n_q; q++) {
						size_t s = k == c->n_chars ? b->slots - 1 : slot_of(b, k, g), i;
						int64_t sum = 0;
						int32_t v = -1;
						if (used[q]) {
							for (i = 0; i < x->n_pieces; i++) {
								parts[i] = b->atom_var[var_at(b, x->pieces[i], u, s, q)];
								sum += b->p.cells[parts[i]].value;
							}
							v = sdc_add_cell(&b->p, sum, 0);
							b->p.cells[v].status = SDC_HIDDEN;
							sdc_add_sum(&b->p, v, parts, x->n_pieces);
						}
						x->var[(u * b->slots + s) * b->n_q + q] = v;
					}
			}
	}
	/* a release of several pieces adds up as a table too (implied by its
	 * pieces, but said, so that the search for cells to suppress around
	 * a pinned one can walk its table, and the bounds use it) */
	for (r = 0; r < b->n_rels; r++)
		if (b->rels[r].var)
			add_table_sums(b, release_var, &b->rels[r], used, parts);
	/* a numerator is at most its denominator */
	for (r = 0; r < b->n_rels + 1; r++) {
		/* r == n_rels: the atoms' own unknowns */
		size_t n_a = r == b->n_rels ? b->n_pieces : 1;
		if (r < b->n_rels && !b->rels[r].var)
			continue;
		for (a = 0; a < n_a; a++)
			for (u = 0; u < c->n_units; u++)
				for (k = 0; k <= c->n_chars; k++) {
					size_t ng = k == c->n_chars ? 1 : c->n_groups[k];
					for (g = 0; g < ng; g++)
						for (o = 0; o < c->n_outcomes; o++) {
							size_t s = k == c->n_chars ? b->slots - 1 : slot_of(b, k, g);
							int32_t nv, dv;
							if (r == b->n_rels) {
								nv = b->atom_var[var_at(b, a, u, s, 1 + o)];
								dv = b->atom_var[var_at(b, a, u, s, (size_t)b->den_q[o])];
							} else {
								nv = rel_var(b, &b->rels[r], u, s, 1 + o);
								dv = rel_var(b, &b->rels[r], u, s, (size_t)b->den_q[o]);
							}
							if (nv >= 0 && dv >= 0 && nv != dv)
								b->p.cells[nv].at_most = dv;
						}
				}
	}
	free(parts);
}

/* The whole numbers a count published as v under rounding R stands for. */
static void rounded_range(int64_t v, int rounding, int64_t *lo, int64_t *hi)
{
	if (rounding <= 1) {
		*lo = *hi = v;
		return;
	}
	*lo = v - rounding / 2;
	if (*lo < 0)
		*lo = 0;
	*hi = v + (rounding - 1) / 2;
}

static int64_t round_to(int64_t v, int rounding)
{
	if (rounding <= 1)
		return v;
	return (v + rounding / 2) / rounding * rounding;
}

/* Fix the unknowns a stored release shows as it was published. */
static int fix_stored(struct build *b, const struct rel *r, struct err *e)
{
	const struct pub_tables *t = r->stored;
	struct relmap m;
	size_t i;
	int rc;
	if ((rc = relmap_make(b, t, &m, e)) < 0)
		goto done;
	for (i = 0; i < t->n_cells; i++) {
		const struct pub_cell *x = &t->cells[i];
		size_t k = m.ch[x->ch];
		size_t g = x->group == PUB_ALL ? PUB_ALL : m.group[x->ch][x->group];
		size_t s = slot_of(b, k, g);
		int32_t v = rel_var(b, r, m.unit[x->unit], s,
				    qty(b, m.outcome[x->outcome], x->measure));
		struct sdc_cell *y;
		if (v < 0)
			continue;
		y = &b->p.cells[v];
		if (x->status == PUB_PUBLISHED) {
			int64_t lo, hi;
			rounded_range(x->value, t->rules.rounding, &lo, &hi);
			if (y->value < lo || y->value > hi) {
				rc = err_set(e, ERR_DATA,
					     "the release of %s %s published %lld for %s, %s %s, %s %s, "
					     "but the imported data now give %lld (imported again since?); "
					     "replace that release first (publish release --replace)",
					     t->dataset, t->period, (long long)x->value, t->units[x->unit],
					     t->char_name[x->ch],
					     x->group == PUB_ALL ? "All" : t->groups[x->ch][x->group],
					     t->outcome[x->outcome],
					     x->measure == PUB_NUMERATOR ? "numerator" : "denominator",
					     (long long)y->value);
				goto done;
			}
			y->status = SDC_PUBLISHED;
			y->lo = lo;
			y->hi = hi;
		} else if (y->status != SDC_PUBLISHED) {
			y->status = x->status == PUB_PRIMARY ? SDC_PRIMARY : SDC_SECONDARY;
		}
		y->fixed = 1;
	}
done:
	relmap_free(&m);
	return rc;
}

/* ---- the draft ----------------------------------------------------------*/

/* Enumerate the draft's cells in the order of struct pub_tables. */
#define FOR_DRAFT_CELLS(b, k, o, u, g, m)                                             \
	for (k = 0; k < (b)->mc.n_chars; k++)                                         \
		for (o = 0; o < (b)->mc.n_outcomes; o++)                              \
			for (u = 0; u < (b)->mc.n_units; u++)                         \
				for (g = 0; g <= (b)->mc.n_groups[k]; g++)            \
					for (m = 0; m < 2; m++)

/* The unknown of the draft's cell. */
static int32_t draft_var(const struct build *b, size_t k, size_t o, size_t u, size_t g, int m)
{
	size_t gg = g == b->mc.n_groups[k] ? PUB_ALL : g;
	return rel_var(b, &b->rels[0], u, slot_of(b, k, gg), qty(b, o, m));
}

/* Words for unknown v: the draft's cell it is, else "a cell of an
 * earlier release". */
static void describe_var(const struct build *b, int32_t v, struct buf *w)
{
	size_t k, o, u, g, m;
	FOR_DRAFT_CELLS(b, k, o, u, g, m)
	{
		if (draft_var(b, k, o, u, g, (int)m) != v)
			continue;
		buf_printf(w, "%s, %s %s, %s %s", b->mc.units[u], b->mc.char_name[k],
			   g == b->mc.n_groups[k] ? "All" : b->mc.groups[k][g], b->mc.outcome[o],
			   m == PUB_NUMERATOR ? "numerator" : "denominator");
		return;
	}
	buf_puts(w, "a cell of an earlier release");
}

/* Primary suppression and the order candidates are suppressed in. */
static void mark_draft(struct build *b, const struct pub_rules *rules, uint8_t *why)
{
	size_t k, o, u, g, m, r, i;
	/* cells suppressed in a stored release of the same unit, group and
	 * measure are suppressed first again */
	uint8_t *before = xcalloc(b->p.n_cells + 1, 1);
	for (r = 1; r < b->n_rels; r++) {
		const struct pub_tables *t = b->rels[r].stored;
		struct relmap mm;
		struct err ig;
		err_clear(&ig);
		if (relmap_make(b, t, &mm, &ig) == 0)
			for (i = 0; i < t->n_cells; i++) {
				const struct pub_cell *x = &t->cells[i];
				size_t kk = mm.ch[x->ch];
				size_t gg = x->group == PUB_ALL ? b->mc.n_groups[kk]
								: mm.group[x->ch][x->group];
				int32_t v;
				if (x->status == PUB_PUBLISHED)
					continue;
				v = draft_var(b, kk, mm.outcome[x->outcome], mm.unit[x->unit], gg,
					      x->measure);
				if (v >= 0)
					before[v] = 1;
			}
		relmap_free(&mm);
	}
	FOR_DRAFT_CELLS(b, k, o, u, g, m)
	{
		int32_t v = draft_var(b, k, o, u, g, (int)m);
		struct sdc_cell *y;
		uint64_t level;
		if (v < 0)
			continue;
		y = &b->p.cells[v];
		if (y->fixed)
			continue;
		if (y->status == SDC_HIDDEN) {
			y->status = SDC_CANDIDATE;
			why[v] = PUB_WHY_NONE;
		}
		/* a zero protects little (nobody can be fewer than no one, and a
		 * numerator of 0 out of 0 is known): suppressed last */
		level = y->value == 0 ? 3 : (uint64_t)((u == 0) + (g == b->mc.n_groups[k]));
		y->rank = ((uint64_t)!before[v] << 60) | (level << 56) |
			  (uint64_t)(y->value < ((int64_t)1 << 56) ? y->value : ((int64_t)1 << 56) - 1);
		if (y->value >= 1 && y->value < rules->threshold) {
			y->status = SDC_PRIMARY;
			why[v] = PUB_WHY_SMALL;
		}
	}
	/* all or none in small groups: the numerator goes */
	if (rules->all_or_none != PUB_AON_OFF)
		FOR_DRAFT_CELLS(b, k, o, u, g, m)
		{
			int32_t nv, dv;
			int64_t n, d;
			if (m != PUB_NUMERATOR)
				continue;
			nv = draft_var(b, k, o, u, g, PUB_NUMERATOR);
			dv = draft_var(b, k, o, u, g, PUB_DENOMINATOR);
			if (nv < 0 || dv < 0 || b->p.cells[nv].fixed ||
			    b->p.cells[nv].status == SDC_PRIMARY)
				continue;
			n = b->p.cells[nv].value;
			d = b->p.cells[dv].value;
			if (d >= 1 && d < rules->small_group &&
			    ((n == d) || (n == 0 && rules->all_or_none == PUB_AON_BOTH))) {
				b->p.cells[nv].status = SDC_PRIMARY;
				why[nv] = PUB_WHY_ALL_OR_NONE;
			}
		}
	free(before);
}

/* Equations each cell is in (for widening the suppression around a
 * pinned cell). */
struct incidence {
	size_t *start; /* n_cells + 1 */
	size_t *eq;
	size_t *below_start; /* cells whose at_most is this one */
	int32_t *below;
};

static void incidence_make(const struct sdc *p, struct incidence *in)
{
	size_t q, t, c;
	in->start = xcalloc(p->n_cells + 1, sizeof *in->start);
	in->eq = xcalloc(p->n_terms + 1, sizeof *in->eq);
	for (t = 0; t < p->n_terms; t++)
		in->start[p->eq_cell[t] + 1]++;
	for (c = 0; c < p->n_cells; c++)
		in->start[c + 1] += in->start[c];
	{
		size_t *fill = xcalloc(p->n_cells + 1, sizeof *fill);
		for (q = 0; q < p->n_eq; q++)
			for (t = p->eq_start[q]; t < p->eq_start[q + 1]; t++) {
				size_t cc = (size_t)p->eq_cell[t];
				in->eq[in->start[cc] + fill[cc]++] = q;
			}
		free(fill);
	}
	in->below_start = xcalloc(p->n_cells + 2, sizeof *in->below_start);
	in->below = xcalloc(p->n_cells + 1, sizeof *in->below);
	for (c = 0; c < p->n_cells; c++)
		if (p->cells[c].at_most >= 0)
			in->below_start[p->cells[c].at_most + 1]++;
	for (c = 0; c < p->n_cells; c++)
		in->below_start[c + 1] += in->below_start[c];
	{
		size_t *fill = xcalloc(p->n_cells + 1, sizeof *fill);
		for (c = 0; c < p->n_cells; c++)
			if (p->cells[c].at_most >= 0) {
				size_t a = (size_t)p->cells[c].at_most;
				in->below[in->below_start[a] + fill[a]++] = (int32_t)c;
			}
		free(fill);
	}
}

/* Suppress more cells near pinned cell c: every published candidate of
 * the draft in the nearest ring of equations around c that has any
 * (the equations of c, else of the cells of those, breadth first),
 * widening the ring by one more each round a cell stays pinned. 0 when
 * some were found. */
static int widen(struct sdc *p, const struct incidence *in, size_t c, int extra,
		 uint8_t *forced)
{
	size_t *queue = xcalloc(p->n_cells + 1, sizeof *queue), head = 0, tail = 0;
	uint8_t *seen = xcalloc(p->n_cells + 1, 1);
	int rc = -1, rings_left = extra;
	queue[tail++] = c;
	seen[c] = 1;
	while (head < tail) {
		size_t level_end = tail, best = SIZE_MAX;
		for (; head < level_end; head++) {
			size_t x = queue[head], i, t;
			for (i = in->start[x]; i < in->start[x + 1]; i++) {
				size_t q = in->eq[i];
				for (t = p->eq_start[q]; t < p->eq_start[q + 1]; t++) {
					size_t y = (size_t)p->eq_cell[t];
					const struct sdc_cell *z = &p->cells[y];
					if (seen[y])
						continue;
					seen[y] = 1;
					queue[tail++] = y;
					if (z->status == SDC_PUBLISHED && !z->fixed && !forced[y] &&
					    (best == SIZE_MAX || z->rank < p->cells[best].rank ||
					     (z->rank == p->cells[best].rank && y < best)))
						best = y;
				}
			}
			/* the cell it cannot exceed, and the cells that cannot
			 * exceed it */
			for (i = in->below_start[x]; i <= in->below_start[x + 1]; i++) {
				size_t y;
				if (i == in->below_start[x + 1]) {
					if (p->cells[x].at_most < 0)
						break;
					y = (size_t)p->cells[x].at_most;
				} else {
					y = (size_t)in->below[i];
				}
				if (seen[y])
					continue;
				seen[y] = 1;
				queue[tail++] = y;
				if (p->cells[y].status == SDC_PUBLISHED && !p->cells[y].fixed &&
				    !forced[y] &&
				    (best == SIZE_MAX || p->cells[y].rank < p->cells[best].rank ||
				     (p->cells[y].rank == p->cells[best].rank && y < best)))
					best = y;
			}
		}
		if (best != SIZE_MAX) {
			forced[best] = 1;
			rc = 0;
			if (rings_left-- <= 0)
				break;
		}
	}
	free(queue);
	free(seen);
	return rc;
}

#define PUB_WIDEN_ROUNDS 40

/* Secondary suppression, then the check that no primary cell is pinned
 * by what linear programming can add to sums (whole, non-negative counts,
 * a numerator at most its denominator). Around a cell still pinned one
 * more cell is suppressed (the cheapest near it), and only the cells
 * pinned before are checked again: suppressing more only ever takes
 * knowledge away, so a cell that was not pinned stays so. */
static int protect(struct build *b, const struct pub_rules *rules, struct err *e)
{
	struct sdc *p = &b->p;
	uint8_t *forced = xcalloc(p->n_cells + 1, 1);
	uint8_t *check = xcalloc(p->n_cells + 1, 1), *pin = xcalloc(p->n_cells + 1, 1);
	struct incidence in = {0};
	size_t i, n_sec, round, n_pinned = 0;
	int rc;

	if ((rc = sdc_secondary(p, &n_sec, e)) < 0) {
		size_t which = SIZE_MAX;
		struct err ig;
		err_clear(&ig);
		if (rc == ERR_DATA && sdc_disclosed(p, 0, &which, &ig) == 1) {
			struct buf w = BUF_INIT;
			describe_var(b, (int32_t)which, &w);
			err_clear(e);
			rc = err_set(e, ERR_DATA,
				     "%s is a small count under these rules, but it can be worked out "
				     "from releases already published (a longer period and the other "
				     "periods in it), so suppressing it now would hide nothing; keep "
				     "the rules those releases used, or replace them first",
				     buf_str(&w));
			buf_free(&w);
		}
		goto done;
	}
	/* published counts of the draft are read as rounded */
	for (i = 0; i < p->n_cells; i++) {
		check[i] = p->cells[i].status == SDC_PRIMARY;
		if (!p->cells[i].fixed && p->cells[i].status == SDC_PUBLISHED)
			rounded_range(round_to(p->cells[i].value, rules->rounding), rules->rounding,
				      &p->cells[i].lo, &p->cells[i].hi);
	}
	for (round = 0;; round++) {
		if ((rc = sdc_pinned(p, check, pin, &n_pinned, e)) < 0)
			goto done;
		if (n_pinned == 0)
			break;
		if (round == PUB_WIDEN_ROUNDS) {
			rc = err_set(e, ERR_DATA, "%zu suppressed cells could still be worked out "
				     "exactly after %d rounds of further suppression; raise the "
				     "threshold, or publish a longer period", n_pinned,
				     PUB_WIDEN_ROUNDS);
			goto done;
		}
		if (!in.start)
			incidence_make(p, &in);
		for (i = 0; i < p->n_cells; i++) {
			check[i] = pin[i];
			if (pin[i] && widen(p, &in, i, 0, forced) < 0) {
				rc = err_set(e, ERR_DATA,
					     "a suppressed cell can be worked out exactly from what is "
					     "published, and nothing in this release near it can be "
					     "suppressed to prevent it; replace the earlier releases "
					     "it is tied to with more protection (a higher threshold)");
				goto done;
			}
		}
		for (i = 0; i < p->n_cells; i++)
			if (forced[i] && p->cells[i].status == SDC_PUBLISHED)
				p->cells[i].status = SDC_SECONDARY;
	}
done:
	free(forced);
	free(check);
	free(pin);
	free(in.start);
	free(in.eq);
	free(in.below_start);
	free(in.below);
	return rc;
}

/* The stored releases of the dataset: periods and what they cover. */
struct stored_cover {
	char period[24];
	char (*covers)[24];
	size_t n_covers;
};

static void stored_covers_free(struct stored_cover *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(s[i].covers);
	free(s);
}

static int stored_covers(store_t *db, const char *dataset, struct stored_cover **out, size_t *n,
			 struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT period, covers FROM pub_release WHERE dataset = ?"
			  " ORDER BY period_key, period",
			  "t", dataset) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct stored_cover *x;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		x = &(*out)[(*n)++];
		snprintf(x->period, sizeof x->period, "%s", store_col_text(st, 0));
		if (covers_parse(store_col_text(st, 1), &x->covers, &x->n_covers) < 0) {
			x->covers = NULL;
			x->n_covers = 0;
		}
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

/* Build the problem of (dataset, period): audit = 0 for a draft of it
 * (rels[0] the draft; the stored release of the period itself left out),
 * 1 for the stored release of it (rels[0] that release). */
static int build_problem(struct build *b, store_t *db, const char *dataset,
			 const struct period *pp, int audit, struct err *e)
{
	char (*atoms)[24] = NULL, (*want)[24] = NULL;
	struct period *ap = NULL;
	struct stored_cover *sc = NULL;
	size_t n_atoms = 0, n_sc = 0, n_want = 0, i, j, r;
	uint8_t *in_set = NULL, *rel_in = NULL;
	int rc, grew;

	memset(b, 0, sizeof *b);
	b->db = db;
	b->dataset = dataset;
	sdc_init(&b->p);
	if ((rc = find_atoms(db, dataset, &atoms, &ap, &n_atoms, e)) < 0 ||
	    (rc = stored_covers(db, dataset, &sc, &n_sc, e)) < 0)
		goto done;
	if (n_atoms == 0) {
		rc = err_set(e, ERR_NOTFOUND, "nothing of %s has been imported; see 'parity data "
			     "list'", dataset);
		goto done;
	}
	in_set = xcalloc(n_atoms, 1);
	rel_in = xcalloc(n_sc + 1, 1);
	/* the periods the release covers */
	if (audit) {
		for (i = 0; i < n_sc && strcmp(sc[i].period, pp->text); i++)
			;
		if (i == n_sc) {
			rc = err_set(e, ERR_NOTFOUND, "%s %s has not been released; see 'parity "
				     "publish list'", dataset, pp->text);
			goto done;
		}
		rel_in[i] = 2; /* rels[0] */
		for (j = 0; j < sc[i].n_covers; j++) {
			size_t a = name_index(atoms, n_atoms, sc[i].covers[j]);
			if (a == n_atoms) {
				rc = err_set(e, ERR_DATA, "the release of %s %s added up %s, which is "
					     "no longer imported as it was; replace the release",
					     dataset, pp->text, sc[i].covers[j]);
				goto done;
			}
			in_set[a] = 1;
		}
	} else {
		for (i = 0; i < n_atoms; i++) {
			if (inside(&ap[i], pp))
				in_set[i] = 1;
			else if (overlaps(&ap[i], pp)) {
				rc = err_set(e, ERR_DATA, "%s %s is only partly inside %s; publish "
					     "periods made of whole imported periods (see 'parity data "
					     "list')", dataset, atoms[i], pp->text);
				goto done;
			}
		}
		for (i = 0; i < n_atoms && !in_set[i]; i++)
			;
		if (i == n_atoms) {
			rc = err_set(e, ERR_NOTFOUND, "no imported period of %s lies within %s; see "
				     "'parity data list'", dataset, pp->text);
			goto done;
		}
		for (i = 0; i < n_sc; i++)
			if (!strcmp(sc[i].period, pp->text))
				rel_in[i] = 3; /* the period's own release: left out */
	}
	/* every stored release tied to those periods, and so on */
	do {
		grew = 0;
		for (i = 0; i < n_sc; i++) {
			int tied = 0;
			if (rel_in[i])
				continue;
			for (j = 0; j < sc[i].n_covers && !tied; j++) {
				size_t a = name_index(atoms, n_atoms, sc[i].covers[j]);
				tied = a < n_atoms && in_set[a];
			}
			if (!tied)
				continue;
			rel_in[i] = 1;
			grew = 1;
			for (j = 0; j < sc[i].n_covers; j++) {
				size_t a = name_index(atoms, n_atoms, sc[i].covers[j]);
				if (a == n_atoms) {
					rc = err_set(e, ERR_DATA, "the release of %s %s added up %s, "
						     "which is no longer imported as it was; replace that "
						     "release first", dataset, sc[i].period,
						     sc[i].covers[j]);
					goto done;
				}
				in_set[a] = 1;
			}
		}
	} while (grew);
	/* the atoms in the problem, in time order */
	want = xcalloc(n_atoms, sizeof *want);
	b->atom_p = xcalloc(n_atoms, sizeof *b->atom_p);
	for (i = 0; i < n_atoms; i++)
		if (in_set[i]) {
			memcpy(want[n_want], atoms[i], 24);
			b->atom_p[n_want++] = ap[i];
		}
	b->n_atoms = n_want;
	{
		const char **names = xcalloc(n_want, sizeof *names);
		for (i = 0; i < n_want; i++)
			names[i] = want[i];
		rc = monitor_counts_load(db, dataset, names, n_want, &b->mc, e);
		free(names);
		if (rc < 0)
			goto done;
	}
	b->slots = MONITOR_MAX_CHARS * MONITOR_GROUP_STRIDE + 1;
	choose_quantities(b);
	if ((rc = check_additive(b, e)) < 0)
		goto done;
	/* the releases: rels[0] first */
	b->rels = xcalloc(n_sc + 1, sizeof *b->rels);
	b->n_rels = 1;
	for (i = 0; i < n_sc; i++) {
		struct rel *x;
		int found;
		if (rel_in[i] != 1 && rel_in[i] != 2)
			continue;
		x = rel_in[i] == 2 ? &b->rels[0] : &b->rels[b->n_rels++];
		x->stored = xcalloc(1, sizeof *x->stored);
		if ((rc = pub_load(db, dataset, sc[i].period, x->stored, &found, e)) < 0)
			goto done;
		x->atoms = xcalloc(sc[i].n_covers + 1, sizeof *x->atoms);
		for (j = 0; j < sc[i].n_covers; j++)
			x->atoms[x->n_atoms++] = name_index(want, n_want, sc[i].covers[j]);
	}
	if (!audit) {
		struct rel *x = &b->rels[0];
		x->atoms = xcalloc(n_want, sizeof *x->atoms);
		for (i = 0; i < n_want; i++)
			if (inside(&b->atom_p[i], pp))
				x->atoms[x->n_atoms++] = i;
	}
	make_pieces(b);
	add_unknowns(b);
	for (r = 0; r < b->n_rels; r++)
		if (b->rels[r].stored && (rc = fix_stored(b, &b->rels[r], e)) < 0)
			goto done;
	rc = 0;
done:
	free(atoms);
	free(ap);
	free(want);
	free(in_set);
	free(rel_in);
	stored_covers_free(sc, n_sc);
	return rc;
}

/* Copy the layout of the problem into t. */
static void layout_copy(const struct build *b, struct pub_tables *t)
{
	const struct monitor_counts *c = &b->mc;
	size_t i, k;
	t->n_units = c->n_units;
	t->units = xcalloc(c->n_units + 1, sizeof *t->units);
	for (i = 0; i < c->n_units; i++)
		t->units[i] = xstrdup(c->units[i]);
	t->n_outcomes = c->n_outcomes;
	for (i = 0; i < c->n_outcomes; i++) {
		snprintf(t->outcome[i], sizeof t->outcome[i], "%s", c->outcome[i]);
		t->of[i] = c->of[i];
	}
	t->n_chars = c->n_chars;
	for (k = 0; k < c->n_chars; k++) {
		snprintf(t->char_name[k], sizeof t->char_name[k], "%s", c->char_name[k]);
		t->n_groups[k] = c->n_groups[k];
		t->groups[k] = xcalloc(c->n_groups[k] + 1, sizeof *t->groups[k]);
		for (i = 0; i < c->n_groups[k]; i++)
			t->groups[k][i] = xstrdup(c->groups[k][i]);
	}
}

/* Bounds of the problem's cells as bounds of t's cells, whose unknowns
 * are var[]. */
static void bounds_for(const struct sdc *p, const struct sdc_bound *sb, size_t n_sb,
		       const struct pub_tables *t, const int32_t *var, struct pub_bound **out,
		       size_t *n_out)
{
	size_t *at = xcalloc(p->n_cells + 1, sizeof *at), i;
	for (i = 0; i < p->n_cells; i++)
		at[i] = SIZE_MAX;
	for (i = 0; i < n_sb; i++)
		at[sb[i].cell] = i;
	*out = xcalloc(t->n_cells + 1, sizeof **out);
	*n_out = 0;
	for (i = 0; i < t->n_cells; i++) {
		struct pub_bound *x;
		if (t->cells[i].status == PUB_PUBLISHED || var[i] < 0 || at[var[i]] == SIZE_MAX)
			continue;
		x = &(*out)[(*n_out)++];
		x->cell = i;
		x->lo = sb[at[var[i]]].lo;
		x->hi = sb[at[var[i]]].hi;
	}
	free(at);
}

int pub_draft(store_t *db, const char *dataset, const char *period, const struct pub_rules *r,
	      int replacing, struct pub_tables *out, struct pub_bound **bounds, size_t *n_bounds,
	      struct err *e)
{
	struct build b;
	struct period pp;
	struct sdc_bound *sb = NULL;
	size_t n_sb = 0, k, o, u, g, m, i;
	uint8_t *why = NULL;
	int32_t *var = NULL;
	int rc;

	(void)replacing; /* the period's own release is always left out of its draft */
	memset(out, 0, sizeof *out);
	if (bounds)
		*bounds = NULL;
	if (n_bounds)
		*n_bounds = 0;
	if (r->threshold < 1 || r->rounding < 0 || r->small_group < 0)
		return err_set(e, ERR_USAGE, "the threshold must be 1 or more and the rounding 0 "
			       "or more");
	if ((rc = period_parse(period, &pp, e)) < 0)
		return ERR_USAGE;
	if ((rc = build_problem(&b, db, dataset, &pp, 0, e)) < 0)
		goto done;
	why = xcalloc(b.p.n_cells + 1, 1);
	mark_draft(&b, r, why);
	if ((rc = protect(&b, r, e)) < 0)
		goto done;
	/* every interval, when asked for (publish audit of a draft) */
	if (bounds && (rc = sdc_audit(&b.p, &sb, &n_sb, e)) < 0)
		goto done;
	snprintf(out->dataset, sizeof out->dataset, "%s", dataset);
	snprintf(out->period, sizeof out->period, "%s", pp.text);
	out->rules = *r;
	out->covers = xcalloc(b.rels[0].n_atoms + 1, sizeof *out->covers);
	for (i = 0; i < b.rels[0].n_atoms; i++)
		memcpy(out->covers[out->n_covers++], b.mc.periods[b.rels[0].atoms[i]], 24);
	layout_copy(&b, out);
	for (k = 0; k < b.mc.n_chars; k++)
		out->n_cells += b.mc.n_outcomes * b.mc.n_units * (b.mc.n_groups[k] + 1) * 2;
	out->cells = xcalloc(out->n_cells + 1, sizeof *out->cells);
	var = xcalloc(out->n_cells + 1, sizeof *var);
	i = 0;
	FOR_DRAFT_CELLS(&b, k, o, u, g, m)
	{
		struct pub_cell *x = &out->cells[i];
		int32_t v = draft_var(&b, k, o, u, g, (int)m);
		const struct sdc_cell *y = v >= 0 ? &b.p.cells[v] : NULL;
		var[i++] = v;
		x->unit = (uint16_t)u;
		x->ch = (uint8_t)k;
		x->group = g == b.mc.n_groups[k] ? PUB_ALL : (uint8_t)g;
		x->outcome = (uint8_t)o;
		x->measure = (uint8_t)m;
		x->value = -1;
		if (!y || y->status == SDC_PUBLISHED) {
			x->status = PUB_PUBLISHED;
			x->value = y ? round_to(y->value, r->rounding) : 0;
		} else if (y->status == SDC_PRIMARY) {
			x->status = PUB_PRIMARY;
			x->why = y->fixed ? PUB_WHY_SMALL : why[v];
			out->n_primary++;
		} else {
			x->status = PUB_SECONDARY;
			out->n_secondary++;
		}
	}
	if (bounds)
		bounds_for(&b.p, sb, n_sb, out, var, bounds, n_bounds);
done:
	free(var);
	free(why);
	free(sb);
	build_free(&b);
	return rc;
}

int pub_audit_release(store_t *db, const char *dataset, const char *period,
		      struct pub_tables *out, struct pub_bound **bounds, size_t *n_bounds,
		      struct err *e)
{
	struct build b;
	struct period pp;
	struct sdc_bound *sb = NULL;
	size_t n_sb = 0, i;
	int32_t *var = NULL;
	struct relmap m;
	int rc;

	memset(out, 0, sizeof *out);
	memset(&m, 0, sizeof m);
	*bounds = NULL;
	*n_bounds = 0;
	if ((rc = period_parse(period, &pp, e)) < 0)
		return ERR_USAGE;
	if ((rc = build_problem(&b, db, dataset, &pp, 1, e)) < 0)
		goto done;
	if ((rc = sdc_audit(&b.p, &sb, &n_sb, e)) < 0)
		goto done;
	{
		const struct pub_tables *t = b.rels[0].stored;
		if ((rc = relmap_make(&b, t, &m, e)) < 0)
			goto done;
		var = xcalloc(t->n_cells + 1, sizeof *var);
		for (i = 0; i < t->n_cells; i++) {
			const struct pub_cell *x = &t->cells[i];
			size_t k = m.ch[x->ch];
			size_t g = x->group == PUB_ALL ? PUB_ALL : m.group[x->ch][x->group];
			var[i] = rel_var(&b, &b.rels[0], m.unit[x->unit], slot_of(&b, k, g),
					 qty(&b, m.outcome[x->outcome], x->measure));
		}
		bounds_for(&b.p, sb, n_sb, t, var, bounds, n_bounds);
	}
	*out = *b.rels[0].stored;
	memset(b.rels[0].stored, 0, sizeof *b.rels[0].stored);
done:
	relmap_free(&m);
	free(var);
	free(sb);
	build_free(&b);
	return rc;
}
