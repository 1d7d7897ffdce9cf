/*
 * counts: aggregate count tables (`parity data import-counts`) — reading
 * and checking a table of counts by unit, period, characteristic, group
 * and outcome, and storing each period of it as an import of kind
 * "counts", whose report is built like any other (agg, analysis.c).
 *
 * Published tables hide small cells ("*", "<5", "c", "x", "..", or a
 * status column) and may round the others. A hidden count is not known:
 * it is kept apart from 0 all the way (agg_cell.unk_num / unk_den, the
 * mon_count.unknown column, mon_comparison.unknown), totals that would
 * include it are not known either, and a comparison that needs it is
 * reported as not available, never guessed. Counts declared rounded
 * (--rounded N) are stored with their rounding, so that the report says
 * its intervals and p-values are approximate and flags nothing the
 * rounding could explain (analysis.c). The rules in plain English are in
 * docs/datasets.md ("Aggregate counts") and docs/methods.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/period.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/internal.h"

#define COUNT_MAX 2000000000LL /* largest count a cell may hold */

enum { COL_UNIT, COL_PERIOD, COL_CHAR, COL_GROUP, COL_OUTCOME, COL_NUM, COL_DEN, COL_DIR,
       COL_STATUS, N_COLS };

static const char *const col_names[N_COLS] = {"unit", "period", "characteristic", "group",
					      "outcome", "numerator", "denominator",
					      "direction", "status"};

/* What a count cell holds. */
enum cell_kind {
	CELL_COUNT,	 /* a whole number of 0 or more */
	CELL_SUPPRESSED, /* a suppression marker: the count is not known */
	CELL_EMPTY,
	CELL_DASH,	 /* "-": nil in some tables, not available in others */
	CELL_TOO_BIG,
	CELL_BAD,
};

/* 1 when the n bytes at s are a suppression marker: a run of "*", "c",
 * "x", "[c]", "[x]" (any case), "..", or "<" and a whole number. */
static int is_marker(const char *s, size_t n)
{
	size_t i;
	if (n == 0)
		return 0;
	for (i = 0; i < n && s[i] == '*'; i++)
		;
	if (i == n)
		return 1;
	if (n == 1 && (s[0] == 'c' || s[0] == 'C' || s[0] == 'x' || s[0] == 'X'))
		return 1;
	if (n == 3 && s[0] == '[' && s[2] == ']' &&
	    (s[1] == 'c' || s[1] == 'C' || s[1] == 'x' || s[1] == 'X'))
		return 1;
	if (n == 2 && s[0] == '.' && s[1] == '.')
		return 1;
	if (s[0] == '<') {
		for (i = 1; i < n && s[i] == ' '; i++)
			;
		if (i == n || n - i > 9)
			return 0;
		for (; i < n; i++)
			if (s[i] < '0' || s[i] > '9')
				return 0;
		return 1;
	}
	return 0;
}

/* Read a count cell: spaces around it are ignored; commas may separate
 * thousands ("1,234"). *v is set for CELL_COUNT. */
static enum cell_kind read_cell(const char *s, int64_t *v)
{
	size_t n, i, digits = 0, group = 0, commas = 0;
	int64_t x = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return CELL_EMPTY;
	if (is_marker(s, n))
		return CELL_SUPPRESSED;
	if ((n == 1 && s[0] == '-') || (n == 3 && !memcmp(s, "\xe2\x80\x93", 3)))
		return CELL_DASH;
	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (++digits > 10)
				return CELL_TOO_BIG;
			x = x * 10 + (s[i] - '0');
			group++;
		} else if (s[i] == ',') {
			if (commas == 0 ? (group < 1 || group > 3) : group != 3)
				return CELL_BAD;
			commas++;
			group = 0;
		} else {
			return CELL_BAD;
		}
	}
	if (commas && group != 3)
		return CELL_BAD;
	if (x > COUNT_MAX)
		return CELL_TOO_BIG;
	*v = x;
	return CELL_COUNT;
}

/* ---- reading -------------------------------------------------------------*/

struct reading {
	struct mon_counts_job *j;
	struct csv_reader *r;
	const char *file;
	int ix[N_COLS]; /* column of each name, -1 when absent */
};

static const char *field(const struct reading *x, int k)
{
	int i = x->ix[k];
	if (i < 0 || (size_t)i >= csv_n_fields(x->r))
		return "";
	return csv_field(x->r, (size_t)i);
}

/* Report a problem with column k of the current row (its cell's line and
 * column, or the row's line and column 1 when the row is short). */
static void problem(struct reading *x, int k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void problem(struct reading *x, int k, const char *fmt, ...)
{
	struct mon_problem p;
	struct buf what = BUF_INIT, text = BUF_INIT;
	int i = x->ix[k];
	int in_row = i >= 0 && (size_t)i < csv_n_fields(x->r);
	va_list ap;

	x->j->n_errors++;
	if (!x->j->on_problem)
		return;
	va_start(ap, fmt);
	buf_vprintf(&what, fmt, ap);
	va_end(ap);
	memset(&p, 0, sizeof p);
	p.file = x->file;
	p.line = in_row ? csv_field_line(x->r, (size_t)i) : csv_record_line(x->r);
	p.col = in_row ? csv_field_col(x->r, (size_t)i) : 1L;
	p.column = col_names[k];
	p.field = in_row ? i : -1;
	p.kind = -1;
	p.value = field(x, k);
	p.what = buf_str(&what);
	buf_printf(&text, "%s:%ld:%ld: column '%s': %s", p.file, p.line, p.col, p.column, p.what);
	p.text = buf_str(&text);
	x->j->on_problem(x->j->ctx, &p);
	buf_free(&what);
	buf_free(&text);
}

/* Read the count in column k (COL_NUM or COL_DEN) into *v; 1 when it is
 * suppressed, 0 when known, -1 after reporting a problem. */
static int count_of(struct reading *x, int k, int64_t *v)
{
	const char *s = field(x, k);
	char q[64];
	int cut = 0, n = str_utf8_prefix(s, 40, &cut);

	*v = 0;
	snprintf(q, sizeof q, "%.*s%s", n, s, cut ? "..." : "");
	switch (read_cell(s, v)) {
	case CELL_COUNT:
		return 0;
	case CELL_SUPPRESSED:
		return 1;
	case CELL_EMPTY:
		problem(x, k, "the %s is empty; write the count, or * when the table suppressed it",
			col_names[k]);
		return -1;
	case CELL_DASH:
		problem(x, k, "'%s' is not a count: some tables print it for nil and others for "
			"not available; write 0, or * when the table suppressed the count", q);
		return -1;
	case CELL_TOO_BIG:
		problem(x, k, "'%s' is too large for a count (at most 2,000,000,000)", q);
		return -1;
	default:
		problem(x, k, "'%s' is not a count: write a whole number of 0 or more, or mark a "
			"suppressed count with *, <5, c, x or ..", q);
		return -1;
	}
}

/* The direction of an outcome: the row's direction column, else the
 * config's outcome of that name, else the known outcome names; -1 when
 * none says. */
static int direction_of(const struct reading *x, const char *outcome, const char *dir)
{
	const struct dataset *cfg = x->j->config;
	int o;
	if (str_eq_ci(dir, "favourable") || str_eq_ci(dir, "favorable"))
		return 1;
	if (str_eq_ci(dir, "unfavourable") || str_eq_ci(dir, "unfavorable"))
		return 0;
	if (!str_blank(dir))
		return -1;
	if (cfg && (o = dataset_outcome_index(cfg, outcome)) >= 0)
		return cfg->outcomes[o].favourable;
	return dataset_default_direction(outcome);
}

/* The name of the group of c that cfg defines as `text` (any case,
 * spaces around ignored), or NULL. */
static const char *defined_group(const struct dataset *cfg, enum mon_char c, const char *text)
{
	char t[DS_GROUP_NAME_MAX + 8];
	if (!cfg)
		return NULL;
	snprintf(t, sizeof t, "%s", text);
	str_trim(t);
	for (int i = 0; i < cfg->n_groups; i++)
		if (cfg->groups[i].ch == (int)c && str_eq_ci(cfg->groups[i].name, t))
			return cfg->groups[i].name;
	return NULL;
}

/* Check the current row; append it to out when it is good. */
static void read_row(struct reading *x, struct mon_counts *out)
{
	struct mon_count_row row;
	const struct mon_category *cat = NULL;
	const char *own = NULL; /* the config's group of the row, if any */
	struct err ce, pe;
	struct period per;
	char *outcome, *period;
	int bad = 0, st, dir;

	memset(&row, 0, sizeof row);
	err_clear(&ce);
	err_clear(&pe);
	if (mon_char_from_name(field(x, COL_CHAR), &row.ch) < 0) {
		problem(x, COL_CHAR, "unknown characteristic '%s' (use ethnicity, sex, age, "
			"disability, religion, sexual_orientation, ...)", field(x, COL_CHAR));
		bad = 1;
	} else if ((own = defined_group(x->j->config, row.ch, field(x, COL_GROUP))) != NULL) {
		cat = NULL; /* a table that prints a group the config defines */
	} else if (mon_classify(row.ch, (enum eth_system)x->j->eth_system, field(x, COL_GROUP),
				&cat, &ce) < 0) {
		problem(x, COL_GROUP, "%s", ce.msg);
		bad = 1;
	} else {
		own = dataset_group_of(x->j->config, (int)row.ch, cat);
	}
	period = str_trim_dup(field(x, COL_PERIOD));
	if (period_parse(period, &per, &pe) < 0) {
		problem(x, COL_PERIOD, "%s", pe.msg);
		bad = 1;
	} else {
		memcpy(period, per.text, strlen(per.text) + 1); /* canonical: as long */
	}
	outcome = str_trim_dup(field(x, COL_OUTCOME));
	if (!*outcome || strlen(outcome) >= DS_NAME_MAX) {
		problem(x, COL_OUTCOME, "give the outcome's name (at most %d characters)",
			DS_NAME_MAX - 1);
		bad = 1;
	} else if ((dir = direction_of(x, outcome, field(x, COL_DIR))) < 0) {
		problem(x, COL_DIR, "say whether '%s' is favourable or unfavourable", outcome);
		bad = 1;
	} else {
		row.favourable = dir;
	}
	if (x->ix[COL_STATUS] >= 0 && !str_blank(field(x, COL_STATUS))) {
		/* a status marks the row's counts suppressed; its cells are not read */
		row.unknown = MON_UNK_NUM | MON_UNK_DEN;
	} else {
		if ((st = count_of(x, COL_NUM, &row.num)) < 0)
			bad = 1;
		else if (st)
			row.unknown |= MON_UNK_NUM;
		if ((st = count_of(x, COL_DEN, &row.den)) < 0)
			bad = 1;
		else if (st)
			row.unknown |= MON_UNK_DEN;
		if (!bad && !row.unknown && row.num > row.den) {
			problem(x, COL_NUM, "the numerator %lld is more than the denominator %lld; "
				"a numerator counts people out of the denominator",
				(long long)row.num, (long long)row.den);
			bad = 1;
		}
	}
	if (bad) {
		free(outcome);
		free(period);
		return;
	}
	row.unit = xstrdup(str_blank(field(x, COL_UNIT)) || str_eq_ci(field(x, COL_UNIT), "all") ||
					   str_eq_ci(field(x, COL_UNIT), "total")
				   ? "All"
				   : field(x, COL_UNIT));
	row.period = period;
	row.outcome = outcome;
	row.group = xstrdup(own ? own : agg_group_name(row.ch, cat));
	row.kind = cat ? (int)cat->kind : MK_RECORDED;
	out->suppressed += !!(row.unknown & MON_UNK_NUM) + !!(row.unknown & MON_UNK_DEN);
	if (x->j->rounded > 0)
		out->off_rounding += (!(row.unknown & MON_UNK_NUM) && row.num % x->j->rounded) +
				     (!(row.unknown & MON_UNK_DEN) && row.den % x->j->rounded);
	out->rows = xrealloc(out->rows, (out->n_rows + 1) * sizeof *out->rows);
	out->rows[out->n_rows++] = row;
}

int mon_counts_read(struct mon_counts_job *j, struct mon_counts *out, struct err *e)
{
	struct reading x;
	size_t i, k;
	int rc, more, max = j->max_errors > 0 ? j->max_errors : 20;

	memset(out, 0, sizeof *out);
	memset(&x, 0, sizeof x);
	j->n_errors = 0;
	x.j = j;
	x.file = j->name ? j->name : j->path ? j->path : "counts.csv";
	rc = j->path ? csv_open_file(j->path, &x.r, e)
		     : csv_open_mem(j->data, j->len, x.file, &x.r, e);
	if (rc < 0)
		return rc;
	if ((rc = csv_read_header(x.r, e)) < 0)
		goto done;
	for (k = 0; k < N_COLS; k++) {
		x.ix[k] = csv_header_index(x.r, col_names[k]);
		if (x.ix[k] < 0 && k != COL_UNIT && k != COL_DIR && k != COL_STATUS) {
			rc = err_set(e, ERR_DATA, "%s: no column '%s'; a counts file has the columns "
				     "unit, period, characteristic, group, outcome, numerator, "
				     "denominator and optionally direction and status", x.file,
				     col_names[k]);
			goto done;
		}
	}
	while ((rc = csv_next(x.r, e)) == 1 && j->n_errors < max)
		read_row(&x, out);
	if (rc < 0)
		goto done;
	more = rc == 1; /* stopped at the limit with rows left unread */
	rc = 0;
	if (j->n_errors) {
		rc = err_set(e, ERR_DATA, "%s: %s%d error%s; nothing was imported — correct the file "
			     "and %s", x.file, more ? "at least " : "",
			     j->n_errors, j->n_errors == 1 ? "" : "s",
			     j->web ? "upload it again" : "run the command again");
		goto done;
	}
	if (out->n_rows == 0) {
		rc = err_set(e, ERR_DATA, "%s has no rows; nothing was imported", x.file);
		goto done;
	}
	for (i = 0; i < out->n_rows; i++) {
		for (k = 0; k < out->n_periods && strcmp(out->periods[k], out->rows[i].period); k++)
			;
		if (k == out->n_periods) {
			out->periods = xrealloc(out->periods, (k + 1) * sizeof *out->periods);
			out->periods[out->n_periods++] = out->rows[i].period;
		}
	}
done:
	csv_close(x.r);
	return rc;
}

void mon_counts_free(struct mon_counts *c)
{
	size_t i;
	for (i = 0; i < c->n_rows; i++) {
		free(c->rows[i].unit);
		free(c->rows[i].period);
		free(c->rows[i].group);
		free(c->rows[i].outcome);
	}
	free(c->rows);
	free(c->periods);
	memset(c, 0, sizeof *c);
}

/* ---- one period as a dataset and its counts -------------------------------*/

int mon_counts_agg(const struct mon_counts *c, const char *period, const char *dataset,
		   const struct mon_counts_job *j, struct dataset *ds, struct agg **agg,
		   struct err *e)
{
	const char *file = j->name ? j->name : j->path ? j->path : "counts.csv";
	struct agg *a;
	size_t i;
	int has_all = 0, rc = 0;

	*agg = NULL;
	memset(ds, 0, sizeof *ds);
	snprintf(ds->name, sizeof ds->name, "%s", dataset);
	snprintf(ds->unit_column, sizeof ds->unit_column, "unit");
	snprintf(ds->id_column, sizeof ds->id_column, "-");
	ds->eth_system = j->eth_system;
	if (j->config) { /* its own groups and references, stored with the import */
		memcpy(ds->groups, j->config->groups, sizeof ds->groups);
		ds->n_groups = j->config->n_groups;
		memcpy(ds->reference, j->config->reference, sizeof ds->reference);
	}
	for (i = 0; i < c->n_rows; i++) {
		const struct mon_count_row *x = &c->rows[i];
		if (strcmp(x->period, period))
			continue;
		snprintf(ds->char_column[x->ch], DS_NAME_MAX, "%s", mon_char_name(x->ch));
		if (dataset_outcome_index(ds, x->outcome) < 0) {
			struct ds_outcome *o;
			int k;
			if (ds->n_outcomes >= DS_MAX_OUTCOMES)
				return err_set(e, ERR_DATA, "%s: period %s has more than %d outcomes; "
					       "split the table", file, period, DS_MAX_OUTCOMES);
			o = &ds->outcomes[ds->n_outcomes++];
			snprintf(o->name, DS_NAME_MAX, "%s", x->outcome);
			snprintf(o->column, DS_NAME_MAX, "%s", x->outcome);
			o->favourable = x->favourable;
			o->stage = -1;
			/* a config's stage, when it is an outcome of the table seen
			 * before (as the stored definition is read back) */
			if (j->config && (k = dataset_outcome_index(j->config, x->outcome)) >= 0 &&
			    j->config->outcomes[k].stage >= 0)
				o->stage = dataset_outcome_index(
					ds, j->config->outcomes[j->config->outcomes[k].stage].name);
			if (o->stage == ds->n_outcomes - 1)
				o->stage = -1;
		}
		has_all |= !strcmp(x->unit, "All");
	}
	a = agg_new(ds);
	a->rounded = j->rounded;
	for (i = 0; i < c->n_rows && rc == 0; i++) {
		const struct mon_count_row *x = &c->rows[i];
		int o = dataset_outcome_index(ds, x->outcome), all = !strcmp(x->unit, "All");
		if (strcmp(x->period, period))
			continue;
		rc = agg_add_counts_ex(a, all ? "" : x->unit, x->ch, x->group, x->kind, o, x->num,
				       x->den, x->unknown, 1, e);
		/* Without "All" rows in the table, the units add up to All. */
		if (rc == 0 && !has_all && !all)
			rc = agg_add_counts_ex(a, "", x->ch, x->group, x->kind, o, x->num, x->den,
					       x->unknown, 1, e);
	}
	if (rc < 0) {
		agg_free(a);
		return rc;
	}
	*agg = a;
	return 0;
}

/* ---- storing ------------------------------------------------------------*/

int mon_counts_store(store_t *db, const struct dataset *ds, struct agg *a, const char *period,
		     const char *source, const char *author, int64_t *old_rows, int *raised,
		     int *recurring, struct err *e)
{
	struct mon_report rep;
	struct mon_settings set;
	int64_t import_id, total = 0;
	size_t u, c, g;
	int o, rc;

	*raised = *recurring = 0;
	memset(&rep, 0, sizeof rep);
	if ((rc = mon_import_begin(db, ds, period, source, "counts", &import_id, old_rows, e)) < 0)
		return rc;
	if (a->rounded > 0 &&
	    store_exec(db, e, "UPDATE mon_import SET rounded = ? WHERE id = ?", "ii", a->rounded,
		       import_id) < 0)
		return ERR_DB;
	for (u = 0; u < a->n_units; u++)
		for (c = 0; c < MC_COUNT; c++)
			for (g = 0; g < a->n_groups[c]; g++)
				for (o = 0; o < ds->n_outcomes; o++) {
					struct agg_cell *cell = agg_cell_at(a, u, (enum mon_char)c, g);
					int64_t unknown = ((cell->unk_num >> o & 1u) ? MON_UNK_NUM : 0) |
							  ((cell->unk_den >> o & 1u) ? MON_UNK_DEN : 0);
					if (cell->den[o] == 0 && cell->num[o] == 0 && !unknown)
						continue;
					if (u == 0 && !(unknown & MON_UNK_DEN))
						total += cell->den[o];
					if (store_exec(db, e,
						       "INSERT INTO mon_count(import_id, unit, characteristic,"
						       " grp, outcome, favourable, numerator, denominator,"
						       " unknown, parts)"
						       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
						       "ittttiiiii", import_id, a->units[u],
						       mon_char_name((enum mon_char)c), a->groups[c][g],
						       ds->outcomes[o].name,
						       (int64_t)ds->outcomes[o].favourable, cell->num[o],
						       cell->den[o], unknown, (int64_t)cell->parts[o]) < 0)
						return ERR_DB;
				}
	if ((rc = mon_import_set_rows(db, import_id, total, e)) < 0)
		return rc;
	mon_settings_default(&set);
	rc = mon_report_build(a, &set, ds->name, period, NULL, 0, &rep, e);
	if (rc == 0)
		rc = mon_flags_record(db, &rep, author, raised, recurring, e);
	mon_report_free(&rep);
	return rc;
}

/* ---- the whole import (the command and the web page) -------------------*/

int mon_counts_import(store_t *db, struct mon_counts_import *ci, struct err *e)
{
	size_t p;
	int rc;

	ci->raised = ci->recurring = 0;
	ci->done = NULL;
	ci->n_done = 0;
	ci->job.web = ci->web;
	if (!ci->have_counts && (rc = mon_counts_read(&ci->job, &ci->counts, e)) < 0)
		return rc;
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	ci->done = xcalloc(ci->counts.n_periods ? ci->counts.n_periods : 1, sizeof *ci->done);
	for (p = 0; p < ci->counts.n_periods && rc == 0; p++) {
		struct mon_counts_period *d = &ci->done[ci->n_done];
		struct dataset ds;
		struct agg *a = NULL;
		int r1 = 0, r2 = 0;
		d->old_rows = -1;
		rc = mon_counts_agg(&ci->counts, ci->counts.periods[p], ci->dataset, &ci->job, &ds,
				    &a, e);
		if (rc == 0)
			rc = mon_counts_store(db, &ds, a, ci->counts.periods[p], ci->source,
					      ci->author, &d->old_rows, &r1, &r2, e);
		if (rc == 0) {
			snprintf(d->period, sizeof d->period, "%s", ci->counts.periods[p]);
			d->n_units = a->n_units > 1 ? a->n_units - 1 : 1; /* All alone: one */
			ci->n_done++;
		}
		ci->raised += r1;
		ci->recurring += r2;
		agg_free(a);
	}
	if (rc == 0 && ci->in_txn)
		rc = ci->in_txn(db, ci, ci->ctx, e);
	if (rc == 0)
		rc = store_commit(db, e);
	if (rc < 0) {
		store_rollback(db);
		ci->n_done = 0;
		ci->raised = ci->recurring = 0;
	}
	return rc;
}

void mon_counts_import_free(struct mon_counts_import *ci)
{
	mon_counts_free(&ci->counts);
	free(ci->done);
	ci->done = NULL;
	ci->n_done = 0;
}
