/*
 * monitor/measure.c: the measures of equality objectives (monitor.h;
 * docs/objectives.md) — one number computed from the stored data of every
 * imported period of a dataset, for the whole organisation ("All"):
 *
 *   share         a group's head count over everyone whose characteristic
 *                 is recorded (Not stated and Missing counted beside it);
 *   rate          a group's rate of an outcome (its stage's denominator);
 *   ratio         that rate relative to the Diversity Report's reference
 *                 group: the report is built and its comparison read, so
 *                 the relative rate and its interval are the report's own;
 *   completeness  everyone recorded over everyone;
 *   pay gap       the mean or median hourly pay gap of the report's rules
 *                 (stats_compute_paygap), of sex (women against men) or
 *                 ethnicity (every group but White together, or one group,
 *                 against White).
 *
 * Shares, rates and completeness have Wilson's 95% interval; the mean pay
 * gap a normal approximation (stats_paygap_mean_interval). A where keeps
 * only the rows whose unit, grade or characteristic is one of its values
 * before anything is counted (mon_import_load_where). Nothing here writes.
 *
 * Working a measure out reads every stored row of every period (about a
 * second for three periods of 300,000 rows and a ratio or a pay gap), and
 * the web pages show the same measures on every view: the values are kept
 * in memory (the memo below), each entry used only while the dataset's
 * imports are exactly those it was worked out from.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/internal.h"
#include "monitor/monitor.h"
#include "monitor/stats.h"

#define LIST_MAX 20 /* values a message lists, at most */

/* One imported period of the dataset, as stored. */
struct period_def {
	char period[24];
	int64_t id;	   /* its import */
	char *kind;	   /* "rows" or "counts" (owned) */
	struct dataset ds; /* its definition */
};

/* What check found, for values to use. */
struct resolved {
	struct period_def *defs; /* every period, oldest first */
	size_t n_defs;
	enum mon_char ch;
	char group[MON_GROUP_NAME_MAX];	 /* spelt as the data names it; "" none */
	char outcome[DS_NAME_MAX];	 /* spelt as the dataset names it; "" none */
	struct mon_where where;		 /* column -3: none */
};
#define WHERE_NONE (-3)

static void resolved_free(struct resolved *r)
{
	for (size_t i = 0; i < r->n_defs; i++)
		free(r->defs[i].kind);
	free(r->defs);
	free(r->where.matched);
	memset(r, 0, sizeof *r);
}

/* The command line's word for the characteristic and group of m. */
static const char *char_option(const struct monitor_measure *m)
{
	switch (m->kind) {
	case MONITOR_SHARE: return "--share";
	case MONITOR_RATE:
	case MONITOR_RATIO: return "--of";
	case MONITOR_COMPLETENESS: return "--completeness";
	case MONITOR_PAY_GAP: break;
	}
	return "--pay-gap";
}

static const char *outcome_option(const struct monitor_measure *m)
{
	return m->kind == MONITOR_RATIO ? "--ratio" : "--rate";
}

/* Every imported period of m->dataset with its import and definition. */
static int load_defs(store_t *db, const char *dataset, struct resolved *r, struct err *e)
{
	char (*periods)[24] = NULL;
	size_t n = 0, i;
	int rc;
	if ((rc = monitor_periods(db, dataset, &periods, &n, e)) < 0)
		return rc;
	r->defs = xcalloc(n ? n : 1, sizeof *r->defs);
	for (i = 0; i < n; i++) {
		struct period_def *d = &r->defs[i];
		snprintf(d->period, sizeof d->period, "%s", periods[i]);
		if ((rc = mon_import_find(db, dataset, d->period, &d->id, &d->kind, &d->ds, e)) < 0)
			break;
		r->n_defs++;
	}
	free(periods);
	return rc < 0 ? rc : 0;
}

/* ERR_NOTFOUND for a dataset without imported periods, listing those with. */
static int no_dataset(store_t *db, const char *dataset, struct err *e)
{
	char (*names)[64] = NULL;
	size_t n = 0, i;
	struct buf b = BUF_INIT;
	int rc;
	if ((rc = monitor_datasets(db, &names, &n, e)) < 0)
		return rc;
	for (i = 0; i < n && i < LIST_MAX; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
	if (n > LIST_MAX)
		buf_puts(&b, ", ...");
	if (n == 0)
		rc = err_set(e, ERR_NOTFOUND,
			     "--dataset %s: no monitoring data has been imported yet; import the "
			     "dataset's extracts first ('parity data import')",
			     dataset);
	else
		rc = err_set(e, ERR_NOTFOUND,
			     "--dataset %s: nothing of that dataset has been imported; choose one "
			     "of: %s (see 'parity data list')",
			     dataset, buf_str(&b));
	free(names);
	buf_free(&b);
	return rc;
}

/* 1 when some period's definition has a column for characteristic c. */
static int has_char(const struct resolved *r, enum mon_char c)
{
	for (size_t i = 0; i < r->n_defs; i++)
		if (r->defs[i].ds.char_column[c][0])
			return 1;
	return 0;
}

/* The characteristics of the dataset, as "ethnicity, sex, ...", into b. */
static void list_chars(const struct resolved *r, struct buf *b)
{
	int any = 0;
	for (int c = 0; c < MC_COUNT; c++)
		if (has_char(r, (enum mon_char)c)) {
			buf_printf(b, "%s%s", any ? ", " : "", mon_char_name((enum mon_char)c));
			any = 1;
		}
	if (!any)
		buf_puts(b, "none");
}

/* The groups of c as the data may name them: the codebook's (in the
 * ethnicity system of the periods) and the dataset's own, each once, in
 * the report's order; recorded ones only when recorded_only. Calls
 * fn(name, kind, ctx) for each until it returns non-zero. */
static const char *each_group(const struct resolved *r, enum mon_char c, int recorded_only,
			      int (*fn)(const char *name, int kind, void *ctx), void *ctx)
{
	const char *seen[AGG_MAX_GROUPS * 2];
	size_t n_seen = 0;
	for (size_t i = 0; i < r->n_defs; i++) {
		const struct dataset *ds = &r->defs[i].ds;
		struct mon_group_list gl;
		size_t g, k;
		mon_groups_sys(c, (enum eth_system)ds->eth_system, &gl);
		for (g = 0; g < gl.n_groups + (size_t)ds->n_groups; g++) {
			const char *name;
			int kind;
			if (g < gl.n_groups) {
				name = gl.groups[g];
				kind = g < gl.n_recorded ? MK_RECORDED
				       : strcmp(name, "Not stated") == 0 ? MK_NOT_STATED
									 : MK_MISSING;
			} else {
				const struct ds_group *dg = &ds->groups[g - gl.n_groups];
				if (dg->ch != (int)c)
					continue;
				name = dg->name;
				kind = MK_RECORDED;
			}
			if (recorded_only && kind != MK_RECORDED)
				continue;
			for (k = 0; k < n_seen && strcmp(seen[k], name); k++)
				;
			if (k < n_seen)
				continue;
			if (n_seen < sizeof seen / sizeof *seen)
				seen[n_seen++] = name;
			if (fn(name, kind, ctx))
				return name;
		}
	}
	return NULL;
}

struct group_find {
	const char *want;
	int kind;
};

static int group_is(const char *name, int kind, void *ctx)
{
	struct group_find *f = ctx;
	if (!str_eq_ci(name, f->want))
		return 0;
	f->kind = kind;
	return 1;
}

static int group_list(const char *name, int kind, void *ctx)
{
	struct buf *b = ctx;
	(void)kind;
	buf_printf(b, "%s%s", b->len ? ", " : "", name);
	return 0;
}

/* The outcomes of the dataset, each once, into b. */
static void list_outcomes(const struct resolved *r, struct buf *b)
{
	size_t i, j;
	int any = 0;
	for (i = 0; i < r->n_defs; i++)
		for (int o = 0; o < r->defs[i].ds.n_outcomes; o++) {
			const char *name = r->defs[i].ds.outcomes[o].name;
			for (j = 0; j < i && dataset_outcome_index(&r->defs[j].ds, name) < 0; j++)
				;
			if (j < i)
				continue;
			buf_printf(b, "%s%s", any ? ", " : "", name);
			any = 1;
		}
	if (!any)
		buf_puts(b, "none");
}

/* The group the report compares c's groups with when it is a fixed one
 * (the dataset's reference line naming a group, else White for ethnicity),
 * or NULL (the largest group, or a mode: it may change with the data). */
static const char *fixed_reference(const struct dataset *ds, enum mon_char c)
{
	const char *ref = ds->reference[c];
	if (*ref) {
		if (str_eq_ci(ref, "default"))
			return c == MC_ETHNICITY ? "White" : NULL;
		if (str_eq_ci(ref, "highest") || str_eq_ci(ref, "rest") ||
		    str_eq_ci(ref, "overall"))
			return NULL;
		return ref;
	}
	return c == MC_ETHNICITY ? "White" : NULL;
}

/* The where's column in a dataset: its unit or grade column (by its name
 * in the dataset, or "unit" / "grade"), or a characteristic's column (by
 * the dataset's column name, or the characteristic's name when the dataset
 * has it); WHERE_NONE when none. */
static int where_column_of(const struct dataset *ds, const char *name)
{
	enum mon_char c;
	if (ds->unit_column[0] && (str_eq_ci(name, ds->unit_column) || str_eq_ci(name, "unit")))
		return MON_WHERE_UNIT;
	if (ds->grade_column[0] && (str_eq_ci(name, ds->grade_column) || str_eq_ci(name, "grade")))
		return MON_WHERE_GRADE;
	for (int k = 0; k < MC_COUNT; k++)
		if (ds->char_column[k][0] && str_eq_ci(name, ds->char_column[k]))
			return k;
	if (mon_char_from_name(name, &c) == 0 && ds->char_column[c][0])
		return (int)c;
	return WHERE_NONE;
}

/* The columns a where may name, into b. */
static void list_where_columns(const struct resolved *r, struct buf *b)
{
	struct buf seen = BUF_INIT;
	for (size_t i = 0; i < r->n_defs; i++) {
		const struct dataset *ds = &r->defs[i].ds;
		const char *cols[2 + MC_COUNT];
		size_t n = 0;
		cols[n++] = ds->unit_column;
		cols[n++] = ds->grade_column;
		for (int k = 0; k < MC_COUNT; k++)
			cols[n++] = ds->char_column[k];
		for (size_t k = 0; k < n; k++) {
			char key[DS_NAME_MAX + 2];
			if (!cols[k][0])
				continue;
			snprintf(key, sizeof key, "|%s|", cols[k]);
			if (strstr(buf_str(&seen), key))
				continue;
			buf_puts(&seen, key);
			buf_printf(b, "%s%s", b->len ? ", " : "", cols[k]);
		}
	}
	buf_free(&seen);
}

/* The text of m's where for messages: "--where grade=PO,SPO". */
static void where_words(const struct monitor_measure *m, struct buf *b)
{
	buf_printf(b, "--where %s=", m->where_column);
	for (size_t i = 0; i < m->n_where; i++)
		buf_printf(b, "%s%s", i ? "," : "", m->where_values[i]);
}

/* The stored values of the where's column in the imports of r, as
 * mon_dict holds them: a unit or grade, or a category. Each is passed to
 * fn with its import's definition. */
static int each_stored_value(store_t *db, const struct resolved *r,
			     void (*fn)(const struct resolved *r, const struct dataset *ds,
					const char *text, const struct mon_category *cat, void *ctx),
			     void *ctx, struct err *e)
{
	const struct mon_where *w = &r->where;
	const char *kind = w->column == MON_WHERE_UNIT	  ? "unit"
			   : w->column == MON_WHERE_GRADE ? "grade"
							  : mon_char_name((enum mon_char)w->column);
	for (size_t i = 0; i < r->n_defs; i++) {
		store_stmt_t *st;
		int rc;
		if (store_prepare(db, &st, e,
				  "SELECT value FROM mon_dict WHERE import_id = ? AND kind = ? ORDER BY code",
				  "it", r->defs[i].id, kind) < 0)
			return ERR_DB;
		while ((rc = store_step(st, e)) == 1) {
			const char *v = store_col_text(st, 0);
			if (w->column < 0)
				fn(r, &r->defs[i].ds, v, NULL, ctx);
			else {
				const struct mon_category *cat =
					mon_cat_decode((enum mon_char)w->column, v);
				if (cat)
					fn(r, &r->defs[i].ds, NULL, cat, ctx);
			}
		}
		store_done(st);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static void note_match(const struct resolved *r, const struct dataset *ds, const char *text,
		       const struct mon_category *cat, void *ctx)
{
	int m = mon_where_match(&r->where, ds, text, cat);
	(void)ctx;
	if (m >= 0)
		r->where.matched[m] = 1;
}

/* Add s to the list b (", " between) unless it is there (any case). */
static void list_add(struct buf *b, size_t *n, const char *s)
{
	const char *p = buf_str(b);
	size_t len = strlen(s);
	while (*p) {
		const char *end = strstr(p, ", ");
		size_t k = end ? (size_t)(end - p) : strlen(p);
		if (k == len && strncasecmp(p, s, len) == 0)
			return;
		p += k;
		if (*p)
			p += 2;
	}
	(*n)++;
	if (*n <= LIST_MAX)
		buf_printf(b, "%s%s", b->len ? ", " : "", s);
}

struct value_list {
	struct buf groups, codes;
	size_t n_groups, n_codes;
};

static void note_value(const struct resolved *r, const struct dataset *ds, const char *text,
		       const struct mon_category *cat, void *ctx)
{
	struct value_list *l = ctx;
	if (text) {
		list_add(&l->groups, &l->n_groups, text);
		return;
	}
	{
		const char *g = dataset_group_of(ds, r->where.column, cat);
		list_add(&l->groups, &l->n_groups,
			 g ? g : agg_group_name((enum mon_char)r->where.column, cat));
		list_add(&l->codes, &l->n_codes, cat->code);
	}
}

/* ERR_USAGE when a value of the where matched nothing (r->where.matched),
 * listing the values there are. */
static int where_unmatched(store_t *db, const struct monitor_measure *m,
			   const struct resolved *r, struct err *e)
{
	struct value_list l;
	struct buf words = BUF_INIT, missing = BUF_INIT;
	size_t i, n_missing = 0;
	int rc;
	for (i = 0; i < r->where.n_values; i++)
		if (!r->where.matched[i])
			buf_printf(&missing, "%s%s", n_missing++ ? ", " : "", r->where.values[i]);
	if (!n_missing) {
		buf_free(&missing);
		return 0;
	}
	memset(&l, 0, sizeof l);
	if ((rc = each_stored_value(db, r, note_value, &l, e)) == 0) {
		where_words(m, &words);
		if (l.n_groups > LIST_MAX)
			buf_puts(&l.groups, ", ...");
		if (l.n_codes > LIST_MAX)
			buf_puts(&l.codes, ", ...");
		if (r->where.column >= 0)
			rc = err_set(e, ERR_USAGE,
				     "%s: no row of %s has %s %s in any period; its %s groups are "
				     "%s (codes %s)",
				     buf_str(&words), m->dataset, m->where_column, buf_str(&missing),
				     m->where_column, l.n_groups ? buf_str(&l.groups) : "none",
				     l.n_codes ? buf_str(&l.codes) : "none");
		else
			rc = err_set(e, ERR_USAGE,
				     "%s: no row of %s has %s %s in any period; its values are %s",
				     buf_str(&words), m->dataset, m->where_column, buf_str(&missing),
				     l.n_groups ? buf_str(&l.groups) : "none");
	}
	buf_free(&l.groups);
	buf_free(&l.codes);
	buf_free(&words);
	buf_free(&missing);
	return rc;
}

/* The where of m against r's periods: its column in every period, no
 * count table among them, and (with check_values) each value in the
 * stored codes of some period. */
static int resolve_where(store_t *db, const struct monitor_measure *m, struct resolved *r,
			 int check_values, struct err *e)
{
	struct buf words = BUF_INIT, cols = BUF_INIT;
	int col = WHERE_NONE, rc = 0;
	size_t i;

	r->where.column = WHERE_NONE;
	if (!m->where_column)
		return 0;
	where_words(m, &words);
	if (!*m->where_column || m->n_where == 0) {
		rc = err_set(e, ERR_USAGE, "%s: name a column and at least one value, e.g. "
			     "--where grade=SPO,ACO", buf_str(&words));
		goto done;
	}
	for (i = 0; i < m->n_where; i++)
		if (!m->where_values[i] || str_blank(m->where_values[i])) {
			rc = err_set(e, ERR_USAGE, "%s: a value is empty; list values separated by "
				     "commas, e.g. --where grade=SPO,ACO", buf_str(&words));
			goto done;
		}
	for (i = 0; i < r->n_defs; i++) {
		int c = where_column_of(&r->defs[i].ds, m->where_column);
		if (c == WHERE_NONE)
			continue;
		if (col != WHERE_NONE && c != col) {
			rc = err_set(e, ERR_USAGE, "%s: '%s' is a different column in different "
				     "periods of %s; import them again with one dataset config",
				     buf_str(&words), m->where_column, m->dataset);
			goto done;
		}
		col = c;
	}
	if (col == WHERE_NONE) {
		list_where_columns(r, &cols);
		rc = err_set(e, ERR_USAGE,
			     "%s: '%s' is not a column of %s that rows can be chosen by; use one "
			     "of: %s",
			     buf_str(&words), m->where_column, m->dataset,
			     cols.len ? buf_str(&cols) : "none");
		goto done;
	}
	for (i = 0; i < r->n_defs; i++)
		if (strcmp(r->defs[i].kind, "counts") == 0) {
			rc = err_set(e, ERR_DATA,
				     "%s: %s %s was imported as a count table, whose counts cannot "
				     "be split by a column's values; leave out --where, or import "
				     "that period's person-level extract instead",
				     buf_str(&words), m->dataset, r->defs[i].period);
			goto done;
		}
	r->where.column = col;
	r->where.values = m->where_values;
	r->where.n_values = m->n_where;
	r->where.matched = xcalloc(m->n_where, 1);
	if (check_values) {
		if ((rc = each_stored_value(db, r, note_match, NULL, e)) < 0)
			goto done;
		/* imports made before migration 005 have no codes to look at:
		 * monitor_measure_values checks their rows */
		for (i = 0; i < r->n_defs; i++) {
			int64_t any = 1;
			if (store_query_int(db, &any, e,
					    "SELECT EXISTS (SELECT 1 FROM mon_block WHERE import_id = ?)",
					    "i", r->defs[i].id) < 0) {
				rc = ERR_DB;
				goto done;
			}
			if (!any)
				break;
		}
		if (i == r->n_defs)
			rc = where_unmatched(db, m, r, e);
	}
done:
	buf_free(&words);
	buf_free(&cols);
	return rc;
}

/* monitor_measure_check, keeping what it found in *r (free it with
 * resolved_free, also after a failure). */
static int resolve(store_t *db, const struct monitor_measure *m, int check_values,
		   struct resolved *r, struct err *e)
{
	struct buf b = BUF_INIT;
	const char *opt = char_option(m);
	int rc = 0;
	size_t i;

	memset(r, 0, sizeof *r);
	r->where.column = WHERE_NONE;
	if (!m->dataset || !*m->dataset)
		return err_set(e, ERR_USAGE, "a measure needs the dataset it is computed from: "
			       "--dataset NAME (see 'parity data list')");
	if ((rc = load_defs(db, m->dataset, r, e)) < 0)
		return rc;
	if (r->n_defs == 0)
		return no_dataset(db, m->dataset, e);
	/* the characteristic */
	if (!m->characteristic || !*m->characteristic)
		return err_set(e, ERR_USAGE, "%s needs a characteristic, e.g. %s", opt,
			       m->kind == MONITOR_PAY_GAP	 ? "--pay-gap sex"
			       : m->kind == MONITOR_COMPLETENESS ? "--completeness ethnicity"
			       : m->kind == MONITOR_SHARE	 ? "--share ethnicity=Black"
								 : "--of ethnicity=Black");
	if (mon_char_from_name(m->characteristic, &r->ch) < 0)
		return err_set(e, ERR_USAGE,
			       "%s: '%s' is not a characteristic; use ethnicity, sex, age, "
			       "disability, religion, sexual_orientation, gender_reassignment, "
			       "marital_status or pregnancy_maternity",
			       opt, m->characteristic);
	if (m->kind == MONITOR_PAY_GAP && r->ch != MC_SEX && r->ch != MC_ETHNICITY)
		return err_set(e, ERR_USAGE, "--pay-gap takes sex or ethnicity, not '%s'",
			       m->characteristic);
	if (!has_char(r, r->ch)) {
		list_chars(r, &b);
		rc = err_set(e, ERR_USAGE,
			     "%s %s: %s has no %s column; its characteristics are: %s", opt,
			     m->characteristic, m->dataset, mon_char_name(r->ch), buf_str(&b));
		goto done;
	}
	/* the group */
	if (m->kind == MONITOR_COMPLETENESS) {
		if (m->group && *m->group) {
			rc = err_set(e, ERR_USAGE, "--completeness takes a characteristic alone "
				     "(e.g. --completeness %s), not a group", mon_char_name(r->ch));
			goto done;
		}
	} else if (m->kind == MONITOR_PAY_GAP && !(m->group && *m->group)) {
		/* every group but the comparator together */
	} else if (!m->group || !*m->group) {
		rc = err_set(e, ERR_USAGE, "%s needs CHARACTERISTIC=GROUP, e.g. %s %s=%s", opt, opt,
			     mon_char_name(r->ch), r->ch == MC_ETHNICITY ? "Black" : "Female");
		goto done;
	} else {
		struct group_find f = {m->group, -1};
		int recorded_only = m->kind == MONITOR_SHARE || m->kind == MONITOR_PAY_GAP;
		const char *g = each_group(r, r->ch, recorded_only, group_is, &f);
		if (!g) {
			each_group(r, r->ch, recorded_only, group_list, &b);
			rc = err_set(e, ERR_USAGE, "%s %s=%s: '%s' is not a group of %s%s; choose "
				     "one of: %s",
				     opt, mon_char_name(r->ch), m->group, m->group, mon_char_name(r->ch),
				     recorded_only ? " whose answer is recorded" : "", buf_str(&b));
			goto done;
		}
		snprintf(r->group, sizeof r->group, "%s", g);
	}
	/* the outcome */
	if (m->kind == MONITOR_RATE || m->kind == MONITOR_RATIO) {
		const char *oc = m->outcome;
		for (i = 0; oc && *oc && i < r->n_defs; i++) {
			int o = dataset_outcome_index(&r->defs[i].ds, oc);
			if (o >= 0) {
				snprintf(r->outcome, sizeof r->outcome, "%s",
					 r->defs[i].ds.outcomes[o].name);
				break;
			}
		}
		if (!r->outcome[0]) {
			list_outcomes(r, &b);
			if (!oc || !*oc)
				rc = err_set(e, ERR_USAGE, "%s needs an outcome of %s: %s", outcome_option(m),
					     m->dataset, buf_str(&b));
			else
				rc = err_set(e, ERR_USAGE, "%s %s: '%s' is not an outcome of %s; its "
					     "outcomes are: %s",
					     outcome_option(m), oc, oc, m->dataset, buf_str(&b));
			goto done;
		}
	} else if (m->outcome && *m->outcome) {
		rc = err_set(e, ERR_USAGE, "an outcome goes with --rate or --ratio only, not %s",
			     opt);
		goto done;
	}
	/* a ratio of the reference group with itself */
	if (m->kind == MONITOR_RATIO) {
		const char *ref = fixed_reference(&r->defs[r->n_defs - 1].ds, r->ch);
		if (ref && str_eq_ci(ref, r->group)) {
			rc = err_set(e, ERR_USAGE,
				     "--of %s=%s: %s is the group the report compares every other "
				     "group of %s with, so its ratio is always 1; choose another group, "
				     "or measure its --rate",
				     mon_char_name(r->ch), r->group, r->group, mon_char_name(r->ch));
			goto done;
		}
	}
	/* a pay gap needs pay, and a group that is not the comparator */
	if (m->kind == MONITOR_PAY_GAP) {
		const char *comp = r->ch == MC_SEX ? "Male" : "White";
		for (i = 0; i < r->n_defs && !r->defs[i].ds.pay_column[0]; i++)
			;
		if (i == r->n_defs) {
			rc = err_set(e, ERR_USAGE,
				     "--pay-gap: %s has no hourly pay column; pay gaps are measured "
				     "from staff extracts with hourly pay (the staff dataset)",
				     m->dataset);
			goto done;
		}
		if (r->group[0] && str_eq_ci(r->group, comp)) {
			rc = err_set(e, ERR_USAGE,
				     "--pay-gap %s: %s is the group every other is compared with; name "
				     "another group, or none (%s)",
				     mon_char_name(r->ch), comp,
				     r->ch == MC_SEX ? "women against men"
						     : "everyone but White together against White");
			goto done;
		}
	}
	rc = resolve_where(db, m, r, check_values, e);
done:
	buf_free(&b);
	return rc;
}

int monitor_measure_check(store_t *db, const struct monitor_measure *m, struct err *e)
{
	struct resolved r;
	int rc = resolve(db, m, 1, &r, e);
	resolved_free(&r);
	return rc;
}

/* ---- the value of one period ------------------------------------------- */

/* The index of group name of c in a (any case), or -1. */
static int group_in(const struct agg *a, enum mon_char c, const char *name)
{
	for (size_t g = 0; g < a->n_groups[c]; g++)
		if (str_eq_ci(a->groups[c][g], name))
			return (int)g;
	return -1;
}

/* v as not defined: value and interval NaN, counts 0. */
static void not_defined(struct monitor_measure_value *v)
{
	v->value = v->low = v->high = NAN;
	v->numerator = v->denominator = v->ref_numerator = v->ref_denominator = 0;
}

/* k of n as a percentage with Wilson's 95% interval; not defined when n
 * is 0. */
static void percent(struct monitor_measure_value *v, int64_t k, int64_t n)
{
	if (n <= 0) {
		not_defined(v);
		return;
	}
	v->numerator = k;
	v->denominator = n;
	v->value = 100.0 * (double)k / (double)n;
	monitor_wilson(k, n, &v->low, &v->high);
	v->low *= 100;
	v->high *= 100;
}

/* Share of group g (-1: not in the data) of c, and completeness of c, in
 * unit "All". A count suppressed in a source table makes them not
 * defined. */
static void share_or_completeness(const struct agg *a, enum mon_char c, int g, int share,
				  struct monitor_measure_value *v)
{
	int64_t rec = 0, other = 0, num = 0;
	int unknown = 0;
	for (size_t k = 0; k < a->n_groups[c]; k++) {
		const struct agg_cell *x = agg_cell_at(a, 0, c, k);
		unknown |= x->unk_den != 0;
		if (a->group_kind[c][k] == MK_RECORDED)
			rec += x->n;
		else
			other += x->n;
		if ((int)k == g)
			num = x->n;
	}
	if (unknown) {
		not_defined(v);
		return;
	}
	if (share) {
		v->not_recorded = other;
		percent(v, num, rec);
	} else {
		percent(v, rec, rec + other);
	}
}

/* The group's rate of outcome o (-1: not in this period). */
static void rate(const struct agg *a, enum mon_char c, int g, int o,
		 struct monitor_measure_value *v)
{
	const struct agg_cell *x;
	if (o < 0) {
		not_defined(v);
		return;
	}
	if (g < 0) {
		percent(v, 0, 0);
		return;
	}
	x = agg_cell_at(a, 0, c, (size_t)g);
	if (((x->unk_num | x->unk_den) >> o) & 1u) {
		not_defined(v);
		return;
	}
	percent(v, x->num[o], x->den[o]);
}

/* The group's relative rate as the Diversity Report of the period (with
 * its default settings and the dataset's own reference line) gives it:
 * the report is built from a and its comparison of (All, c, group, o)
 * read. Not defined when the report has none (the group is the
 * reference, or nobody of it is in the data), when either denominator is
 * 0 or a count was suppressed; the relative rate NaN, counts kept, when
 * the reference rate is 0. */
static int ratio(const struct agg *a, const char *dataset, const char *period, enum mon_char c,
		 const char *group, int o, struct monitor_measure_value *v, struct err *e)
{
	struct mon_settings set;
	struct mon_report rep;
	const struct mon_comparison *x;
	int rc;
	if (o < 0) {
		not_defined(v);
		return 0;
	}
	mon_settings_default(&set);
	if ((rc = mon_report_build(a, &set, dataset, period, NULL, 0, &rep, e)) < 0) {
		mon_report_free(&rep);
		return rc;
	}
	x = mon_report_find(&rep, "All", c, group, o);
	if (!x || !x->available || x->unknown) {
		not_defined(v);
	} else {
		v->value = x->rr;
		v->low = x->rr_low;
		v->high = x->rr_high;
		v->numerator = x->num;
		v->denominator = x->den;
		v->ref_numerator = x->ref_num;
		v->ref_denominator = x->ref_den;
	}
	if (!x) /* the group is the reference: any other group's comparison names it */
		for (size_t i = 0; i < rep.n_cmp && !x; i++)
			if (rep.cmp[i].ch == c && rep.cmp[i].outcome == o &&
			    strcmp(rep.cmp[i].unit, "All") == 0)
				x = &rep.cmp[i];
	if (x)
		snprintf(v->reference, sizeof v->reference, "%s", x->reference);
	mon_report_free(&rep);
	return 0;
}

/* The pay gap of group g (-1: every recorded group but the comparator
 * together) of c against the comparator, by the Diversity Report's rules
 * (analysis.c, pay_gaps: everyone with pay counts in the bonus figures,
 * the full-pay people with hourly pay in the hourly ones), computed by
 * stats_compute_paygap for the two groups. The median gap has no
 * interval: its sampling distribution has no simple approximation that
 * holds with the small groups of staff data (NaN, docs/objectives.md). */
static int pay_gap(const struct agg *a, enum mon_char c, int g, int median,
		   struct monitor_measure_value *v, struct err *e)
{
	const char *comparator = c == MC_SEX ? "Male" : "White";
	int comp = group_in(a, c, comparator), rc = 0;
	struct stats_pay_person *people;
	struct stats_pay_group groups[2];
	size_t n = 0;

	snprintf(v->reference, sizeof v->reference, "%s", comparator);
	if (comp < 0 || a->n_pay == 0) {
		not_defined(v);
		return 0;
	}
	people = xcalloc(a->n_pay, sizeof *people);
	for (size_t i = 0; i < a->n_pay; i++) {
		const struct agg_pay *q = &a->pay[i];
		int gi = c == MC_SEX ? q->sex : q->eth;
		if (gi < 0 || a->group_kind[c][gi] != MK_RECORDED)
			continue;
		if (gi != comp && g >= 0 && gi != g)
			continue;
		people[n].hourly = q->has_pay ? q->pay : 0;
		people[n].bonus = q->bonus;
		people[n].group = gi == comp ? 0 : 1;
		people[n].not_full_pay = !q->has_pay || q->reduced;
		n++;
	}
	if ((rc = stats_compute_paygap(people, n, 2, 0, groups, NULL, e)) < 0)
		goto done;
	if (groups[0].n == 0 || groups[1].n == 0) {
		not_defined(v);
		goto done;
	}
	v->numerator = (int64_t)groups[1].n;
	v->denominator = (int64_t)groups[0].n;
	v->value = median ? groups[1].median_gap : groups[1].mean_gap;
	v->low = v->high = NAN;
	if (!median)
		stats_paygap_mean_interval(people, n, 0, 1, STATS_CONFIDENCE, &v->low, &v->high);
	if (isnan(v->value))
		not_defined(v);
done:
	free(people);
	return rc;
}

/* The value of m (resolved as r) in period def. */
static int value_of(store_t *db, const struct monitor_measure *m, const struct resolved *r,
		    const struct period_def *def, struct monitor_measure_value *v, struct err *e)
{
	struct agg *a = agg_new(&def->ds);
	int rc, g, o;

	memset(v, 0, sizeof *v);
	snprintf(v->period, sizeof v->period, "%s", def->period);
	rc = mon_import_load_where(db, def->id, def->kind, a,
				   r->where.column == WHERE_NONE ? NULL : &r->where, e);
	if (rc < 0)
		goto done;
	agg_tally_fold(a);
	g = r->group[0] ? group_in(a, r->ch, r->group) : -1;
	o = r->outcome[0] ? dataset_outcome_index(&def->ds, r->outcome) : -1;
	switch (m->kind) {
	case MONITOR_SHARE: share_or_completeness(a, r->ch, g, 1, v); break;
	case MONITOR_COMPLETENESS: share_or_completeness(a, r->ch, -1, 0, v); break;
	case MONITOR_RATE: rate(a, r->ch, g, o, v); break;
	case MONITOR_RATIO:
		if (g < 0)
			not_defined(v);
		else
			rc = ratio(a, m->dataset, def->period, r->ch, a->groups[r->ch][g], o, v, e);
		break;
	case MONITOR_PAY_GAP:
		if (r->group[0] && g < 0) {
			not_defined(v);
			snprintf(v->reference, sizeof v->reference, "%s",
				 r->ch == MC_SEX ? "Male" : "White");
		} else {
			rc = pay_gap(a, r->ch, g, m->median, v, e);
		}
		break;
	}
	if (rc < 0)
		err_prefix(e, "%s %s", m->dataset, def->period);
done:
	agg_free(a);
	return rc;
}

/* ---- values kept between calls -------------------------------------------
 *
 * Keyed by the measure and each period's import (its number, when it was
 * made, its rows and its blocks): an import's data never change, and an
 * import replaced or removed changes the key. Least recently used entries go first. */
#define MEMO_SLOTS 64
static struct memo_entry {
	char *key;
	struct monitor_measure_value *v;
	size_t n;
	uint64_t used;
} memo[MEMO_SLOTS];
static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t memo_clock;

/* The key of m over the periods r found, into b. */
static int memo_key(store_t *db, const struct monitor_measure *m, const struct resolved *r,
		    struct buf *b, struct err *e)
{
	store_stmt_t *st = NULL;
	size_t i;
	int rc = 0;
	buf_printf(b, "%s\x1f%d\x1f%s\x1f%s\x1f%s\x1f%d\x1f%s", m->dataset, (int)m->kind,
		   m->characteristic ? m->characteristic : "", m->group ? m->group : "",
		   m->outcome ? m->outcome : "", m->median, m->where_column ? m->where_column : "");
	for (i = 0; m->where_column && i < m->n_where; i++)
		buf_printf(b, "\x1e%s", m->where_values[i]);
	for (i = 0; i < r->n_defs && rc >= 0; i++) {
		if (!st)
			rc = store_prepare(db, &st, e,
					   "SELECT imported_at, rows, (SELECT COUNT(*) FROM mon_block b"
					   " WHERE b.import_id = i.id) FROM mon_import i WHERE id = ?",
					   "i", r->defs[i].id);
		else
			rc = store_rebind(st, e, "i", r->defs[i].id);
		if (rc >= 0 && (rc = store_step(st, e)) == 1)
			buf_printf(b, "\x1f%lld/%s/%lld/%lld", (long long)r->defs[i].id,
				   store_col_text(st, 0), (long long)store_col_int(st, 1),
				   (long long)store_col_int(st, 2));
	}
	store_done(st);
	return rc < 0 ? ERR_DB : 0;
}

/* A copy of the values kept under key into *out, *n: 1 when found. */
static int memo_get(const char *key, struct monitor_measure_value **out, size_t *n)
{
	size_t i;
	int found = 0;
	pthread_mutex_lock(&memo_lock);
	for (i = 0; i < MEMO_SLOTS && !found; i++)
		if (memo[i].key && !strcmp(memo[i].key, key)) {
			*n = memo[i].n;
			*out = xcalloc(*n ? *n : 1, sizeof **out);
			memcpy(*out, memo[i].v, *n * sizeof **out);
			memo[i].used = ++memo_clock;
			found = 1;
		}
	pthread_mutex_unlock(&memo_lock);
	return found;
}

static void memo_put(const char *key, const struct monitor_measure_value *v, size_t n)
{
	size_t i, slot = 0;
	pthread_mutex_lock(&memo_lock);
	for (i = 0; i < MEMO_SLOTS; i++) {
		if (!memo[i].key) {
			slot = i;
			break;
		}
		if (memo[i].used < memo[slot].used)
			slot = i;
	}
	free(memo[slot].key);
	free(memo[slot].v);
	memo[slot].key = xstrdup(key);
	memo[slot].v = xcalloc(n ? n : 1, sizeof *v);
	memcpy(memo[slot].v, v, n * sizeof *v);
	memo[slot].n = n;
	memo[slot].used = ++memo_clock;
	pthread_mutex_unlock(&memo_lock);
}

int monitor_measure_values(store_t *db, const struct monitor_measure *m,
			   struct monitor_measure_value **out, size_t *n, struct err *e)
{
	struct resolved r;
	struct monitor_measure_value *v = NULL;
	struct buf key = BUF_INIT;
	size_t i;
	int rc;

	memset(&r, 0, sizeof r);
	*out = NULL;
	*n = 0;
	stats_init();
	if ((rc = resolve(db, m, 0, &r, e)) < 0 || (rc = memo_key(db, m, &r, &key, e)) < 0)
		goto done;
	if (memo_get(buf_str(&key), out, n))
		goto done;
	v = xcalloc(r.n_defs ? r.n_defs : 1, sizeof *v);
	for (i = 0; i < r.n_defs; i++)
		if ((rc = value_of(db, m, &r, &r.defs[i], &v[i], e)) < 0)
			goto done;
	if (r.where.column != WHERE_NONE && (rc = where_unmatched(db, m, &r, e)) < 0)
		goto done;
	memo_put(buf_str(&key), v, r.n_defs);
	*out = v;
	*n = r.n_defs;
	v = NULL;
done:
	free(v);
	buf_free(&key);
	resolved_free(&r);
	return rc;
}
