/*
 * publish/measure.c: an objective's measure from the released tables only
 * (publish.h; the public objectives page, docs/objectives.md). For each
 * release of the measure's dataset (pub_release: the current release of
 * each period, oldest first), the measure is worked out from the cells of
 * the whole organisation (unit All) that the release published — never
 * from the imported data, so the page shows nothing the disclosure
 * control withheld:
 *
 *   share         the group's head count over every recorded group's
 *                 (the sum of the recorded groups' counts, or else the
 *                 All group's count less Not stated and Missing);
 *   rate          the group's numerator over its denominator;
 *   ratio         that rate over the reference group's (White for
 *                 ethnicity, else the recorded group with the largest
 *                 released head count), with the report's interval
 *                 (monitor_compare);
 *   completeness  the recorded groups' head count over everyone's.
 *
 * A group's head count is its denominator of the first outcome of
 * everyone (the release's N, as tables.c lays the tables out). A count
 * the release withheld makes the period's value NaN with numerator and
 * denominator -1; a characteristic or outcome the release does not have
 * is said the same way (nothing published to work from). A group absent
 * from a release's layout had no one in it: its counts are 0.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"
#include "monitor/monitor.h"
#include "publish/internal.h"
#include "publish/publish.h"

#define NONE SIZE_MAX  /* a group absent from the release */
#define ABSENT (-2)    /* a count of such a group: 0 */

/* The characteristic's words, from monitoring. */
struct words {
	const char *column;	       /* "ethnicity" */
	const char *const *groups;     /* the report's groups ... */
	size_t n_groups, n_recorded;   /* ... the first n_recorded recorded */
	const char *group;	       /* the measure's group as the report names it */
};

/* 1 when a group of this name is not a recorded one (Not stated, Missing). */
static int not_recorded(const struct words *w, const char *name)
{
	size_t i;
	for (i = w->n_recorded; i < w->n_groups; i++)
		if (!strcmp(w->groups[i], name))
			return 1;
	return 0;
}

static size_t find_group(const struct pub_tables *t, size_t k, const char *name)
{
	size_t g;
	for (g = 0; name && g < t->n_groups[k]; g++)
		if (!strcmp(t->groups[k][g], name))
			return g;
	for (g = 0; name && g < t->n_groups[k]; g++)
		if (!strcasecmp(t->groups[k][g], name))
			return g;
	return NONE;
}

/* The published value of a cell of unit All into *v: 1 when published, 0
 * when withheld (or not in the tables). A group absent from the release
 * (NONE) counts 0. */
static int shown(const struct pub_tables *t, size_t k, size_t g, size_t o, int measure,
		 int64_t *v)
{
	const struct pub_cell *c;
	*v = -1;
	if (g == NONE) {
		*v = 0;
		return 1;
	}
	c = pub_cell_find(t, 0, k, g, o, measure);
	if (!c || c->status != PUB_PUBLISHED || c->value < 0)
		return 0;
	*v = c->value;
	return 1;
}

/* The head count of group g (PUB_ALL: everyone), 1 when published. */
static int head(const struct pub_tables *t, size_t k, size_t g, int n_source, int64_t *v)
{
	*v = -1;
	if (n_source < 0)
		return 0;
	return shown(t, k, g, (size_t)n_source, PUB_DENOMINATOR, v);
}

/* Everyone recorded (*rec) and not recorded (*nr, -1 when not known) of
 * characteristic k: 1 when *rec is known from published counts. */
static int recorded(const struct pub_tables *t, size_t k, int n_source, const struct words *w,
		    int64_t *rec, int64_t *nr)
{
	int64_t sum_rec = 0, sum_nr = 0, all = -1, v;
	int rec_ok = 1, nr_ok = 1, all_ok;
	size_t g;
	for (g = 0; g < t->n_groups[k]; g++) {
		int ok = head(t, k, g, n_source, &v);
		if (not_recorded(w, t->groups[k][g])) {
			nr_ok &= ok;
			sum_nr += ok ? v : 0;
		} else {
			rec_ok &= ok;
			sum_rec += ok ? v : 0;
		}
	}
	all_ok = head(t, k, PUB_ALL, n_source, &all);
	*rec = rec_ok ? sum_rec : all_ok && nr_ok ? all - sum_nr : -1;
	*nr = nr_ok ? sum_nr : all_ok && rec_ok ? all - sum_rec : -1;
	return *rec >= 0;
}

/* Everyone (*all) of characteristic k: the All group's count, or else
 * every group's; 1 when known. */
static int everyone(const struct pub_tables *t, size_t k, int n_source, int64_t *all)
{
	int64_t v, sum = 0;
	size_t g;
	if (head(t, k, PUB_ALL, n_source, all))
		return 1;
	for (g = 0; g < t->n_groups[k]; g++) {
		if (!head(t, k, g, n_source, &v))
			return 0;
		sum += v;
	}
	*all = sum;
	return 1;
}

/* The reference group of a ratio: White for ethnicity, else the recorded
 * group with the largest released head count (the first on a tie). */
static size_t reference_of(const struct pub_tables *t, size_t k, int n_source,
			   const struct words *w)
{
	size_t g, best = NONE;
	int64_t most = -1, v;
	if (!strcmp(w->column, "ethnicity") && (g = find_group(t, k, "White")) != NONE)
		return g;
	for (g = 0; g < t->n_groups[k]; g++)
		if (!not_recorded(w, t->groups[k][g]) && head(t, k, g, n_source, &v) && v > most) {
			most = v;
			best = g;
		}
	return best;
}

/* "100 × k / n" with its Wilson interval into x (n > 0), else NaN. */
static void percent(struct monitor_measure_value *x, int64_t k, int64_t n)
{
	x->numerator = k;
	x->denominator = n;
	x->value = x->low = x->high = NAN;
	if (n <= 0 || k < 0 || k > n)
		return;
	x->value = 100.0 * (double)k / (double)n;
	monitor_wilson(k, n, &x->low, &x->high);
	x->low *= 100.0;
	x->high *= 100.0;
}

/* A count the measure needs was withheld (or is not in the release):
 * no value, no interval, counts -1 (a ratio's reference's too). */
static void withheld(struct monitor_measure_value *x, enum monitor_measure_kind kind)
{
	x->value = x->low = x->high = NAN;
	x->numerator = x->denominator = -1;
	if (kind == MONITOR_RATIO)
		x->ref_numerator = x->ref_denominator = -1;
	if (kind == MONITOR_SHARE)
		x->not_recorded = -1;
}

/* The measure in release t into x (period already set). */
static void value_in(const struct pub_tables *t, const struct monitor_measure *m,
		     const struct words *w, struct monitor_measure_value *x)
{
	size_t k, o = NONE, g = NONE, r;
	int n_source = -1;
	int64_t a, n1, c, n2, rec, nr, all;

	x->value = x->low = x->high = NAN;
	for (k = 0; k < t->n_chars && strcmp(t->char_name[k], w->column); k++)
		;
	for (o = 0; o < t->n_outcomes; o++)
		if (t->of[o] < 0) {
			n_source = (int)o;
			break;
		}
	if (k == t->n_chars)
		goto not_there;
	o = NONE;
	if (m->outcome)
		for (o = 0; o < t->n_outcomes && strcmp(t->outcome[o], m->outcome); o++)
			;
	if (w->group)
		g = find_group(t, k, w->group);
	switch (m->kind) {
	case MONITOR_SHARE: {
		int rec_ok = recorded(t, k, n_source, w, &rec, &nr);
		int group_ok = head(t, k, g, n_source, &a);
		if (!rec_ok || !group_ok) {
			withheld(x, m->kind);
			x->not_recorded = nr; /* beside the share: known or -1 */
			return;
		}
		percent(x, a, rec);
		x->not_recorded = nr;
		return;
	}
	case MONITOR_COMPLETENESS:
		if (!recorded(t, k, n_source, w, &rec, &nr) || !everyone(t, k, n_source, &all))
			goto not_there;
		percent(x, rec, all);
		return;
	case MONITOR_RATE:
		if (o == NONE || o >= t->n_outcomes || !shown(t, k, g, o, PUB_NUMERATOR, &a) ||
		    !shown(t, k, g, o, PUB_DENOMINATOR, &n1))
			goto not_there;
		percent(x, a, n1);
		return;
	case MONITOR_RATIO: {
		struct monitor_comparison cmp;
		struct err ig = {0};
		if (o == NONE || o >= t->n_outcomes)
			goto not_there;
		r = reference_of(t, k, n_source, w);
		if (r != NONE)
			snprintf(x->reference, sizeof x->reference, "%s", t->groups[k][r]);
		if (r == NONE || !shown(t, k, g, o, PUB_NUMERATOR, &a) ||
		    !shown(t, k, g, o, PUB_DENOMINATOR, &n1) ||
		    !shown(t, k, r, o, PUB_NUMERATOR, &c) || !shown(t, k, r, o, PUB_DENOMINATOR, &n2))
			goto not_there;
		x->numerator = a;
		x->denominator = n1;
		x->ref_numerator = c;
		x->ref_denominator = n2;
		/* the group against itself, or nobody counted: not defined */
		if (r == g || monitor_compare(a, n1, c, n2, &cmp, &ig) < 0)
			return;
		x->value = cmp.rr;
		x->low = cmp.rr_lo;
		x->high = cmp.rr_hi;
		return;
	}
	default:
		return;
	}
not_there:
	withheld(x, m->kind);
}

/* The releases of dataset, oldest first (*out allocated). */
static int released_periods(store_t *db, const char *dataset, char (**out)[24], size_t *n,
			    struct err *e)
{
	store_stmt_t *st;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT period FROM pub_release WHERE dataset = ?"
			  " ORDER BY CASE WHEN period_key IS NULL THEN 0 ELSE 1 END, period_key,"
			  " period",
			  "t", dataset) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		snprintf((*out)[(*n)++], 24, "%s", store_col_text(st, 0));
	}
	store_done(st);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
		return ERR_DB;
	}
	return 0;
}

int publish_measure_values(struct sqlite3 *db, const struct monitor_measure *m,
			   struct monitor_measure_value **out, size_t *n, struct err *e)
{
	struct words w;
	struct err ig = {0};
	char (*periods)[24] = NULL;
	size_t n_periods = 0, i;
	const char *grp;
	int rc;

	*out = NULL;
	*n = 0;
	if (!m || !m->dataset || m->where_column || m->n_where)
		return 0;
	if (m->kind != MONITOR_SHARE && m->kind != MONITOR_RATE && m->kind != MONITOR_RATIO &&
	    m->kind != MONITOR_COMPLETENESS)
		return 0;
	memset(&w, 0, sizeof w);
	if ((rc = monitor_groups_of(m->characteristic ? m->characteristic : "", &w.groups,
				    &w.n_groups, &w.n_recorded, &w.column, e)) < 0)
		return rc;
	/* the group as the report names it ("B1" and "Black Caribbean" are
	 * "Black"); a name monitoring does not know is looked for as it is */
	w.group = m->group;
	if (m->group && monitor_group_of(w.column, m->group, &grp, &ig) == 0)
		w.group = grp;
	if ((rc = released_periods(db, m->dataset, &periods, &n_periods, e)) < 0)
		return rc;
	if (n_periods)
		*out = xcalloc(n_periods, sizeof **out);
	for (i = 0; i < n_periods; i++) {
		struct pub_tables t;
		struct monitor_measure_value *x = &(*out)[i];
		int found = 0;
		if ((rc = pub_load(db, m->dataset, periods[i], &t, &found, e)) < 0) {
			pub_tables_free(&t);
			break;
		}
		memset(x, 0, sizeof *x);
		snprintf(x->period, sizeof x->period, "%s", periods[i]);
		if (found)
			value_in(&t, m, &w, x);
		else
			withheld(x, m->kind);
		pub_tables_free(&t);
		(*n)++;
	}
	free(periods);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}
