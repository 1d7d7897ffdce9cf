/*
 * assess/pool.c: reorganisation and redundancy impact (issue 19;
 * docs/assess.md, "Reorganisation and redundancy"). parity eia pool reads
 * a selection pool — a staff extract with at_risk, selected and
 * redeployed — counts it by protected characteristic and group (no
 * person's row is kept), and analyses it as monitoring would
 * (docs/methods.md): the four-fifths rule on the favourable outcomes
 * (retention of those at risk, redeployment of those selected) against
 * the highest rate of a group large enough to set it, each recorded group
 * against everyone else recorded by monitor_compare, Holm's adjustment
 * across all comparisons. The analysis is kept (eia_pool, migration 030)
 * and one piece of evidence per characteristic is added to the
 * assessment in words that never give a count from 1 to 9 or a rate made
 * from one, since an assessment may be published.
 */
#include "assess/pool.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/dates.h"
#include "core/sheet.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/monitor.h"
#include "store/store.h"

#define FOUR_FIFTHS 0.8
#define RATIO_TOL 1e-12 /* as monitoring: a ratio equal to 0.8 up to rounding is 0.8 */

/* ---- reading the extract ------------------------------------------------
 * CSV through core/csv (lines and columns as the reader counts them),
 * spreadsheets through core/sheet (rows and cell names). */

struct rows {
	const char *name;	 /* the file's name in messages */
	struct csv_reader *csv;	 /* a CSV file, or ... */
	struct sheet_book *book; /* ... a spreadsheet */
	struct sheet_row row;	 /* the spreadsheet's current row */
	char **header;		 /* the header's names, trimmed (NULL: blank) */
	size_t n_header;
};

static size_t rows_n(const struct rows *r)
{
	return r->csv ? csv_n_fields(r->csv) : r->row.n_cells;
}

/* Cell i of the current row; NULL when blank or beyond the row. */
static const char *rows_cell(const struct rows *r, size_t i)
{
	if (r->csv)
		return csv_field(r->csv, i);
	return i < r->row.n_cells ? r->row.cells[i] : NULL;
}

static long rows_line(const struct rows *r)
{
	return r->csv ? csv_record_line(r->csv) : r->row.row;
}

/* "pool.csv:5:12 (column 'selected')" or "pool.xlsx, sheet Pool, cell D5
 * (column 'selected')" for cell col of the current row, into out. */
static void rows_where(const struct rows *r, size_t col, char *out, size_t n)
{
	const char *h = col < r->n_header && r->header[col] ? r->header[col] : "";
	if (r->csv) {
		long line = csv_field_line(r->csv, col), c = csv_field_col(r->csv, col);
		if (!line)
			line = csv_record_line(r->csv);
		if (c)
			snprintf(out, n, "%s:%ld:%ld (column '%s')", r->name, line, c, h);
		else
			snprintf(out, n, "%s:%ld (column '%s')", r->name, line, h);
	} else {
		char ref[24];
		sheet_cell_ref(r->row.row, col, ref);
		snprintf(out, n, "%s, sheet %s, cell %s (column '%s')", r->name,
			 sheet_selected(r->book), ref, h);
	}
}

/* "pool.csv, line 5" or "pool.xlsx, sheet Pool, row 5". */
static void rows_line_where(const struct rows *r, char *out, size_t n)
{
	if (r->csv)
		snprintf(out, n, "%s, line %ld", r->name, rows_line(r));
	else
		snprintf(out, n, "%s, sheet %s, row %ld", r->name, sheet_selected(r->book),
			 rows_line(r));
}

static int rows_next(struct rows *r, struct err *e)
{
	if (r->csv)
		return csv_next(r->csv, e);
	return sheet_next(r->book, &r->row, e);
}

/* Open data as a spreadsheet or CSV and read its header. */
static int rows_open(struct rows *r, const char *data, size_t len, const char *name,
		     const char *sheet, struct err *e)
{
	enum sheet_format f = sheet_sniff(data, len, name);
	size_t i;
	int rc;
	memset(r, 0, sizeof *r);
	r->name = name;
	if (f == SHEET_XLSX || f == SHEET_ODS || f == SHEET_XLS) {
		if ((rc = sheet_open_mem(data, len, name, f, &r->book, e)) < 0 ||
		    (rc = sheet_select(r->book, sheet, e)) < 0)
			return rc;
		if ((rc = sheet_next(r->book, &r->row, e)) < 0)
			return rc;
		if (rc == 0)
			return err_set(e, ERR_DATA, "%s, sheet %s: the sheet is empty; %s", name,
				       sheet_selected(r->book),
				       sheet_count(r->book) > 1 ? "choose the sheet that holds the "
								  "pool (--sheet NAME)"
								: "check the file");
		r->n_header = r->row.n_cells;
		r->header = xcalloc(r->n_header ? r->n_header : 1, sizeof *r->header);
		for (i = 0; i < r->n_header; i++)
			r->header[i] = r->row.cells[i] ? str_trim_dup(r->row.cells[i]) : NULL;
		return 0;
	}
	if (sheet)
		return err_set(e, ERR_USAGE, "--sheet is for spreadsheets (.xlsx, .ods, .xls); "
				       "%s is read as CSV: leave out --sheet", name);
	csv_open_mem(data, len, name, &r->csv, e);
	if ((rc = csv_read_header(r->csv, e)) < 0)
		return rc;
	r->n_header = csv_n_header(r->csv);
	r->header = xcalloc(r->n_header ? r->n_header : 1, sizeof *r->header);
	for (i = 0; i < r->n_header; i++)
		r->header[i] = xstrdup(csv_header_name(r->csv, i));
	return 0;
}

static void rows_close(struct rows *r)
{
	size_t i;
	for (i = 0; i < r->n_header; i++)
		free(r->header[i]);
	free(r->header);
	csv_close(r->csv);
	sheet_close(r->book);
	memset(r, 0, sizeof *r);
}

/* The outcome columns: 0 at_risk, 1 selected, 2 redeployed; -1 other.
 * "At risk", "at-risk" and "AT_RISK" are all at_risk. */
static int flag_column(const char *h)
{
	static const char *const names[] = {"at_risk", "selected", "redeployed"};
	char v[32];
	size_t i, n = 0;
	if (!h)
		return -1;
	for (; *h && n + 1 < sizeof v; h++)
		v[n++] = (*h == ' ' || *h == '-') ? '_' : *h;
	if (*h)
		return -1;
	v[n] = '\0';
	for (i = 0; i < 3; i++)
		if (str_eq_ci(v, names[i]))
			return (int)i;
	return -1;
}

/* yes/no, y/n, true/false, 1/0 (any case, spaces around), blank = no:
 * 0 or 1; -1 for anything else. */
static int yes_no(const char *v)
{
	static const char *const yes[] = {"yes", "y", "true", "1"};
	static const char *const no[] = {"no", "n", "false", "0"};
	char t[8];
	size_t n, i;
	if (!v)
		return 0;
	while (*v == ' ' || *v == '\t')
		v++;
	n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	if (n == 0)
		return 0;
	if (n >= sizeof t)
		return -1;
	memcpy(t, v, n);
	t[n] = '\0';
	for (i = 0; i < 4; i++) {
		if (str_eq_ci(t, yes[i]))
			return 1;
		if (str_eq_ci(t, no[i]))
			return 0;
	}
	return -1;
}

/* Set the columns of the characteristics (all known ones, or those
 * wanted) and of the three outcomes from the header. */
static int map_columns(struct rows *r, const char *const *wanted, size_t n_wanted,
		       struct pool *out, int flag_col[3], struct err *e)
{
	static const char *const flag_names[] = {"at_risk", "selected", "redeployed"};
	const char *want_col[POOL_MAX_CHARS];
	size_t i, k;
	if (n_wanted > POOL_MAX_CHARS)
		return err_set(e, ERR_USAGE, "give --characteristic at most %d times",
			       POOL_MAX_CHARS);
	for (k = 0; k < n_wanted; k++) {
		const char *const *g;
		size_t n, nr;
		if (monitor_groups_of(wanted[k], &g, &n, &nr, &want_col[k], e) < 0) {
			e->code = 0;
			return err_set(e, ERR_NOTFOUND, "--characteristic: '%s' is not a protected "
				       "characteristic monitoring knows (ethnicity, sex, age, "
				       "disability, religion, ...)", wanted[k]);
		}
	}
	flag_col[0] = flag_col[1] = flag_col[2] = -1;
	for (i = 0; i < r->n_header; i++) {
		const char *h = r->header[i], *const *groups, *column;
		size_t n, n_rec;
		struct err ignore;
		int f = flag_column(h);
		if (f >= 0) {
			if (flag_col[f] >= 0)
				return err_set(e, ERR_DATA, "%s: two columns are %s ('%s' and '%s'); "
					       "keep one", r->name, flag_names[f],
					       r->header[flag_col[f]], h);
			flag_col[f] = (int)i;
			continue;
		}
		err_clear(&ignore);
		if (!h || monitor_groups_of(h, &groups, &n, &n_rec, &column, &ignore) < 0)
			continue; /* a column of something else (a name, a grade) */
		if (n_wanted) {
			for (k = 0; k < n_wanted && strcmp(want_col[k], column); k++)
				;
			if (k == n_wanted)
				continue;
		}
		for (k = 0; k < out->n_chars; k++)
			if (!strcmp(out->chars[k].column, column))
				return err_set(e, ERR_DATA, "%s: columns '%s' and '%s' both hold %s; "
					       "keep one", r->name,
					       r->header[out->chars[k].col], h, column);
		if (n > POOL_MAX_GROUPS || out->n_chars == POOL_MAX_CHARS)
			return err_set(e, ERR_INTERNAL, "%s: too many groups or characteristics",
				       r->name);
		out->chars[out->n_chars].column = column;
		out->chars[out->n_chars].col = (int)i;
		out->chars[out->n_chars].groups = groups;
		out->chars[out->n_chars].n_groups = n;
		out->chars[out->n_chars].n_recorded = n_rec;
		out->n_chars++;
	}
	for (i = 0; i < 3; i++)
		if (flag_col[i] < 0)
			return err_set(e, ERR_DATA, "%s: no column '%s'; a selection pool needs "
				       "columns at_risk, selected and redeployed (yes or no for each "
				       "person) beside the protected characteristics", r->name,
				       flag_names[i]);
	for (k = 0; k < n_wanted; k++) {
		for (i = 0; i < out->n_chars && strcmp(out->chars[i].column, want_col[k]); i++)
			;
		if (i == out->n_chars)
			return err_set(e, ERR_DATA, "%s: no column holds %s; add one, or leave out "
				       "--characteristic %s", r->name, want_col[k], wanted[k]);
	}
	if (!out->n_chars)
		return err_set(e, ERR_DATA, "%s: no column of a protected characteristic "
			       "(ethnicity, sex, age, disability, religion, ...); add one, named "
			       "as monitoring names it", r->name);
	return 0;
}

static int row_blank(const struct rows *r)
{
	size_t i, n = rows_n(r);
	for (i = 0; i < n; i++)
		if (rows_cell(r, i) && !str_blank(rows_cell(r, i)))
			return 0;
	return 1;
}

/* Count the current row into out. */
static int count_row(struct rows *r, const int flag_col[3], struct pool *out, struct err *e)
{
	static const char *const flag_names[] = {"at_risk", "selected", "redeployed"};
	char where[600], line[400];
	int f[3];
	size_t i, k;
	if (r->csv && csv_n_fields(r->csv) != r->n_header) {
		rows_line_where(r, line, sizeof line);
		return err_set(e, ERR_DATA, "%s has %zu fields but the header has %zu; give every "
			       "line the header's columns", line, csv_n_fields(r->csv),
			       r->n_header);
	}
	for (i = 0; i < 3; i++)
		if ((f[i] = yes_no(rows_cell(r, (size_t)flag_col[i]))) < 0) {
			rows_where(r, (size_t)flag_col[i], where, sizeof where);
			return err_set(e, ERR_DATA, "%s: '%.40s' is not yes or no; write yes or no "
				       "(y/n, true/false, 1/0), or leave it blank for no", where,
				       rows_cell(r, (size_t)flag_col[i]));
		}
	if (f[1] && !f[0]) {
		rows_line_where(r, line, sizeof line);
		return err_set(e, ERR_DATA, "%s: selected but not at risk; only people at risk "
			       "can be selected: correct %s or %s", line, flag_names[0],
			       flag_names[1]);
	}
	if (f[2] && !f[1]) {
		rows_line_where(r, line, sizeof line);
		return err_set(e, ERR_DATA, "%s: redeployed but not selected; redeployment counts "
			       "among those selected for redundancy: correct %s or %s", line,
			       flag_names[1], flag_names[2]);
	}
	for (k = 0; k < out->n_chars; k++) {
		struct pool_char *c = &out->chars[k];
		const char *v = rows_cell(r, (size_t)c->col), *g;
		struct err ge;
		size_t gi;
		err_clear(&ge);
		if (monitor_group_of(c->column, v ? v : "", &g, &ge) < 0) {
			rows_where(r, (size_t)c->col, where, sizeof where);
			return err_set(e, ERR_DATA, "%s: %s", where, ge.msg);
		}
		for (gi = 0; gi < c->n_groups && strcmp(c->groups[gi], g); gi++)
			;
		if (gi == c->n_groups) {
			rows_where(r, (size_t)c->col, where, sizeof where);
			return err_set(e, ERR_DATA, "%s: '%.40s' gives the group '%s', which the "
				       "analysis of %s does not have; write one of the codes or "
				       "names monitoring takes", where, v, g, c->column);
		}
		c->by[gi].staff++;
		c->by[gi].at_risk += f[0];
		c->by[gi].selected += f[1];
		c->by[gi].redeployed += f[2];
	}
	out->all.staff++;
	out->all.at_risk += f[0];
	out->all.selected += f[1];
	out->all.redeployed += f[2];
	return 0;
}

int pool_read(const char *data, size_t len, const char *name, const char *sheet,
	      const char *const *wanted, size_t n_wanted, struct pool *out, struct err *e)
{
	struct rows r;
	int flag_col[3], rc;
	memset(out, 0, sizeof *out);
	if ((rc = rows_open(&r, data, len, name, sheet, e)) < 0 ||
	    (rc = map_columns(&r, wanted, n_wanted, out, flag_col, e)) < 0)
		goto done;
	while ((rc = rows_next(&r, e)) == 1)
		if (!row_blank(&r) && (rc = count_row(&r, flag_col, out, e)) < 0)
			break;
	if (rc < 0)
		goto done;
	if (!out->all.staff)
		rc = err_set(e, ERR_DATA, "%s: no staff below the header; put one person on each "
			     "line", name);
	else if (!out->all.at_risk)
		rc = err_set(e, ERR_DATA, "%s: nobody is at risk (column at_risk); there is no "
			     "selection to analyse", name);
done:
	rows_close(&r);
	return rc < 0 ? rc : 0;
}

/* ---- the analysis ------------------------------------------------------- */

enum { N_CMP = 3 }; /* at risk of staff, selected of at risk, redeployed of selected */
static const char *const cmp_names[N_CMP] = {"at_risk", "selected", "redeployed"};

static long long num_of(const struct pool_counts *c, int o)
{
	return o == 0 ? c->at_risk : o == 1 ? c->selected : c->redeployed;
}

static long long den_of(const struct pool_counts *c, int o)
{
	return o == 0 ? c->staff : o == 1 ? c->at_risk : c->selected;
}

/* The four-fifths rule on a favourable outcome: retention (0) or
 * redeployment (1). */
static long long ff_num(const struct pool_counts *c, int o)
{
	return o == 0 ? c->at_risk - c->selected : c->redeployed;
}

static long long ff_den(const struct pool_counts *c, int o)
{
	return o == 0 ? c->at_risk : c->selected;
}

static const char *const ff_names[2] = {"retention", "redeployment"};

/* One group's findings; [2] by retention, redeployment; [N_CMP] by
 * at_risk, selected, redeployed. */
struct group_result {
	double ratio[2];		      /* impact ratio (NaN: none) */
	int adverse[2];			      /* below four-fifths */
	int too_few[2];			      /* too few to set the highest rate */
	int has_cmp[N_CMP];		      /* 1 when compared with the rest */
	struct monitor_comparison cmp[N_CMP]; /* ... and how */
	double p_adj[N_CMP];		      /* its p after Holm (NaN: none) */
	int mirror[N_CMP]; /* with two groups only, the other group (whose
			      comparison this one mirrors, counted once in
			      Holm's family); -1 otherwise */
};

/* One characteristic's findings. */
struct char_result {
	int best[2];			 /* group with the highest rate, -1: none */
	double best_rate[2];		 /* its rate */
	struct group_result g[POOL_MAX_GROUPS]; /* by group, as pool_char.by */
};

static json_t *num_or_null(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static json_t *rate_json(long long k, long long n)
{
	return n > 0 ? json_real((double)k / (double)n) : json_null();
}

static void ff_char(const struct pool_char *c, long long min_count, struct char_result *cr)
{
	size_t g;
	int o;
	for (o = 0; o < 2; o++) {
		long long pool = 0;
		cr->best[o] = -1;
		cr->best_rate[o] = NAN;
		for (g = 0; g < c->n_recorded; g++)
			pool += ff_den(&c->by[g], o);
		for (g = 0; g < c->n_recorded; g++) {
			long long den = ff_den(&c->by[g], o);
			double rate;
			cr->g[g].ratio[o] = NAN;
			cr->g[g].too_few[o] = !(den >= min_count && den * 50 >= pool);
			if (cr->g[g].too_few[o])
				continue;
			rate = (double)ff_num(&c->by[g], o) / (double)den;
			if (cr->best[o] < 0 || rate > cr->best_rate[o]) {
				cr->best[o] = (int)g;
				cr->best_rate[o] = rate;
			}
		}
		for (g = 0; g < c->n_recorded; g++) {
			long long den = ff_den(&c->by[g], o);
			if (cr->best[o] < 0 || den <= 0 || !(cr->best_rate[o] > 0))
				continue;
			cr->g[g].ratio[o] = (double)ff_num(&c->by[g], o) / (double)den /
					    cr->best_rate[o];
			cr->g[g].adverse[o] = cr->g[g].ratio[o] < FOUR_FIFTHS * (1 - RATIO_TOL);
		}
	}
}

/* Each recorded group against everyone else recorded, per outcome. */
static int compare_char(const struct pool_char *c, struct char_result *cr, struct err *e)
{
	size_t g;
	int o, first, n_cmp;
	for (o = 0; o < N_CMP; o++) {
		long long k = 0, n = 0;
		for (g = 0; g < c->n_recorded; g++) {
			k += num_of(&c->by[g], o);
			n += den_of(&c->by[g], o);
		}
		first = -1;
		n_cmp = 0;
		for (g = 0; g < c->n_recorded; g++) {
			long long a = num_of(&c->by[g], o), n1 = den_of(&c->by[g], o);
			cr->g[g].p_adj[o] = NAN;
			cr->g[g].mirror[o] = -1;
			if (n1 <= 0 || n - n1 <= 0)
				continue;
			if (monitor_compare(a, n1, k - a, n - n1, &cr->g[g].cmp[o], e) < 0)
				return ERR_INTERNAL;
			cr->g[g].has_cmp[o] = 1;
			if (n_cmp++ == 0)
				first = (int)g;
		}
		/* two groups: the second comparison is the first seen from the
		 * other side, so the same test, counted once */
		if (n_cmp == 2)
			for (g = (size_t)first + 1; g < c->n_recorded; g++)
				if (cr->g[g].has_cmp[o])
					cr->g[g].mirror[o] = first;
	}
	return 0;
}

/* A count for evidence: "fewer than 10" for 1 to 9. */
static void say_count(struct buf *b, long long n)
{
	if (n > 0 && n < POOL_SMALL)
		buf_printf(b, "fewer than %d", POOL_SMALL);
	else
		buf_printf(b, "%lld", n);
}

static int small(long long n)
{
	return n > 0 && n < POOL_SMALL;
}

/* 1 when the rates of o (retention, redeployment) for this group may be
 * given: no count behind them (numerator, denominator, the rest) is 1-9. */
static int describable(const struct pool_counts *c, int o)
{
	long long k = ff_num(c, o), n = ff_den(c, o);
	return n > 0 && !small(k) && !small(n) && !small(n - k);
}

static void evidence_text(const struct pool_char *c, const struct char_result *cr,
			  const char *file, long long min_count, struct buf *b)
{
	long long staff = 0, ar = 0, se = 0, re = 0;
	size_t g, i, n_hidden, hid[POOL_MAX_GROUPS];
	int o;
	buf_printf(b, "Redundancy selection pool (%s), by %s: ", file,
		   monitor_char_label(c->column));
	for (g = 0; g < c->n_groups; g++) {
		staff += c->by[g].staff;
		ar += c->by[g].at_risk;
		se += c->by[g].selected;
		re += c->by[g].redeployed;
	}
	say_count(b, staff);
	buf_puts(b, " staff, ");
	say_count(b, ar);
	buf_puts(b, " at risk, ");
	say_count(b, se);
	buf_puts(b, " selected for redundancy, ");
	say_count(b, re);
	buf_puts(b, " of them redeployed.");
	for (o = 0; o < 2; o++) {
		int best = cr->best[o];
		if (best < 0) {
			buf_printf(b, " No group had %lld or more people %s (and 2%% of all %s), so "
				   "the four-fifths rule was not applied to %s.", min_count,
				   o == 0 ? "at risk" : "selected", o == 0 ? "at risk" : "selected",
				   ff_names[o]);
			continue;
		}
		n_hidden = 0;
		for (g = 0; g < c->n_recorded; g++) {
			const struct pool_counts *pc = &c->by[g];
			double gr, br;
			if (ff_den(pc, o) <= 0 || ((int)g == best && describable(pc, o)))
				continue;
			if (!describable(pc, o) || !describable(&c->by[best], o) ||
			    isnan(cr->g[g].ratio[o])) {
				hid[n_hidden++] = g;
				continue;
			}
			/* for retention the rate given is selection's: 1 - retention */
			gr = (double)ff_num(pc, o) / (double)ff_den(pc, o);
			br = cr->best_rate[o];
			if (o == 0) {
				gr = 1 - gr;
				br = 1 - br;
			}
			buf_printf(b, " %s rate for %s staff %.2f against %.2f for %s staff; %s ratio "
				   "%.2f%s", o == 0 ? "Selection" : "Redeployment", c->groups[g], gr,
				   br, c->groups[best], ff_names[o], cr->g[g].ratio[o],
				   cr->g[g].adverse[o] ? ", below four-fifths: adverse impact" : "");
			if (cr->g[g].has_cmp[o + 1] && isfinite(cr->g[g].p_adj[o + 1]) &&
			    cr->g[g].p_adj[o + 1] < 0.001)
				buf_puts(b, " (against all other staff recorded, adjusted p below "
					    "0.001)");
			else if (cr->g[g].has_cmp[o + 1] && isfinite(cr->g[g].p_adj[o + 1]))
				buf_printf(b, " (against all other staff recorded, adjusted p %.3f)",
					   cr->g[g].p_adj[o + 1]);
			buf_putc(b, '.');
		}
		if (n_hidden) {
			buf_printf(b, " %s rates and ratios are not given for ",
				   o == 0 ? "Selection" : "Redeployment");
			for (i = 0; i < n_hidden; i++)
				buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n_hidden ? " and " : ", ",
					   c->groups[hid[i]]);
			buf_printf(b, " staff: a count behind them is below %d (the full analysis, "
				   "kept with the assessment and not published, has them).",
				   POOL_SMALL);
		}
	}
	for (g = c->n_recorded; g < c->n_groups; g++)
		if (c->by[g].staff) {
			buf_printf(b, " %s: ", c->groups[g]);
			say_count(b, c->by[g].at_risk);
			buf_puts(b, " at risk (shown, not compared).");
		}
}

static json_t *group_json(const struct pool_char *c, const struct char_result *cr, size_t g,
			  json_t **p_slots)
{
	const struct pool_counts *pc = &c->by[g];
	const struct group_result *gr = &cr->g[g];
	int recorded = g < c->n_recorded, o;
	json_t *o_g = json_pack("{s:s,s:b,s:I,s:I,s:I,s:I,s:I}", "group", c->groups[g], "recorded",
				recorded, "staff", (json_int_t)pc->staff, "at_risk",
				(json_int_t)pc->at_risk, "selected", (json_int_t)pc->selected,
				"redeployed", (json_int_t)pc->redeployed, "retained",
				(json_int_t)(pc->at_risk - pc->selected));
	json_object_set_new(o_g, "at_risk_rate", rate_json(pc->at_risk, pc->staff));
	json_object_set_new(o_g, "selection_rate", rate_json(pc->selected, pc->at_risk));
	json_object_set_new(o_g, "retention_rate",
			    rate_json(pc->at_risk - pc->selected, pc->at_risk));
	json_object_set_new(o_g, "redeployment_rate", rate_json(pc->redeployed, pc->selected));
	if (!recorded)
		return o_g;
	for (o = 0; o < 2; o++)
		json_object_set_new(o_g, ff_names[o],
				    json_pack("{s:o,s:b,s:b}", "impact_ratio",
					      num_or_null(gr->ratio[o]), "adverse_impact",
					      gr->adverse[o], "too_few", gr->too_few[o]));
	{
		json_t *cmp = json_object();
		for (o = 0; o < N_CMP; o++) {
			const struct monitor_comparison *m = &gr->cmp[o];
			json_t *x;
			if (!gr->has_cmp[o]) {
				json_object_set_new(cmp, cmp_names[o], json_null());
				continue;
			}
			x = json_pack("{s:f,s:f,s:f,s:f,s:f,s:o,s:f,s:s}", "rate", m->rate,
				      "rest_rate", m->ref_rate, "difference", m->diff, "ci_low",
				      m->diff_lo, "ci_high", m->diff_hi, "relative_rate",
				      num_or_null(m->rr), "p", m->p, "test", m->test);
			p_slots[o] = x;
			json_object_set_new(cmp, cmp_names[o], x);
		}
		json_object_set_new(o_g, "compared_with_rest", cmp);
	}
	return o_g;
}

json_t *pool_analyse(const struct pool *p, const char *file, long long min_count,
		     struct err *e)
{
	struct char_result *cr = xcalloc(p->n_chars ? p->n_chars : 1, sizeof *cr);
	size_t n_p = 0, k, g, i;
	double ps[POOL_MAX_CHARS * POOL_MAX_GROUPS * N_CMP];
	json_t *root = NULL, *chars;
	int o;

	for (k = 0; k < p->n_chars; k++) {
		ff_char(&p->chars[k], min_count, &cr[k]);
		if (compare_char(&p->chars[k], &cr[k], e) < 0)
			goto fail;
	}
	/* Holm across every comparison of the analysis */
	for (k = 0; k < p->n_chars; k++)
		for (g = 0; g < p->chars[k].n_recorded; g++)
			for (o = 0; o < N_CMP; o++)
				if (cr[k].g[g].has_cmp[o] && cr[k].g[g].mirror[o] < 0)
					ps[n_p++] = cr[k].g[g].cmp[o].p;
	if (n_p && monitor_adjust_holm(ps, n_p, ps, e) < 0)
		goto fail;
	i = 0;
	for (k = 0; k < p->n_chars; k++)
		for (g = 0; g < p->chars[k].n_recorded; g++)
			for (o = 0; o < N_CMP; o++)
				if (cr[k].g[g].has_cmp[o] && cr[k].g[g].mirror[o] < 0)
					cr[k].g[g].p_adj[o] = ps[i++];
	for (k = 0; k < p->n_chars; k++)
		for (g = 0; g < p->chars[k].n_recorded; g++)
			for (o = 0; o < N_CMP; o++)
				if (cr[k].g[g].has_cmp[o] && cr[k].g[g].mirror[o] >= 0)
					cr[k].g[g].p_adj[o] =
						cr[k].g[cr[k].g[g].mirror[o]].p_adj[o];

	root = json_pack("{s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:f,s:s,s:I}", "file", file, "staff",
			 (json_int_t)p->all.staff, "at_risk", (json_int_t)p->all.at_risk,
			 "selected", (json_int_t)p->all.selected, "redeployed",
			 (json_int_t)p->all.redeployed, "retained",
			 (json_int_t)(p->all.at_risk - p->all.selected), "min_count",
			 (json_int_t)min_count, "four_fifths", FOUR_FIFTHS, "adjustment", "holm",
			 "comparisons", (json_int_t)n_p);
	chars = json_array();
	json_object_set_new(root, "characteristics", chars);
	for (k = 0; k < p->n_chars; k++) {
		const struct pool_char *c = &p->chars[k];
		json_t *groups = json_array(), *oc;
		struct buf ev = BUF_INIT;
		oc = json_pack("{s:s,s:s}", "characteristic", c->column, "label",
			       monitor_char_label(c->column));
		for (g = 0; g < c->n_groups; g++) {
			json_t *p_slots[N_CMP] = {NULL, NULL, NULL};
			if (!c->by[g].staff)
				continue; /* a group only when someone is in it */
			json_array_append_new(groups, group_json(c, &cr[k], g, p_slots));
			for (o = 0; o < N_CMP; o++)
				if (p_slots[o])
					json_object_set_new(p_slots[o], "p_adjusted",
							    json_real(cr[k].g[g].p_adj[o]));
		}
		json_object_set_new(oc, "groups", groups);
		for (o = 0; o < 2; o++) {
			char key[32];
			snprintf(key, sizeof key, "%s_highest", ff_names[o]);
			json_object_set_new(oc, key,
					    cr[k].best[o] < 0
						    ? json_null()
						    : json_pack("{s:s,s:f}", "group",
								c->groups[cr[k].best[o]], "rate",
								cr[k].best_rate[o]));
		}
		{
			json_t *adv = json_array();
			for (g = 0; g < c->n_recorded; g++)
				for (o = 0; o < 2; o++)
					if (cr[k].g[g].adverse[o])
						json_array_append_new(
							adv, json_pack("{s:s,s:s,s:f}", "group",
								       c->groups[g], "outcome",
								       ff_names[o], "impact_ratio",
								       cr[k].g[g].ratio[o]));
			json_object_set_new(oc, "adverse_impact", adv);
		}
		evidence_text(c, &cr[k], file, min_count, &ev);
		json_object_set_new(oc, "evidence", json_string(buf_str(&ev)));
		buf_free(&ev);
		json_array_append_new(chars, oc);
	}
	free(cr);
	return root;
fail:
	free(cr);
	json_decref(root);
	return NULL;
}

/* ---- parity eia pool ---------------------------------------------------- */

static int read_whole(const char *path, char **data, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	if (!f)
		return err_set(e, ERR_IO, "cannot open %s: %s; check the file's name", path,
			       strerror(errno));
	b.max = (size_t)POOL_FILE_BYTES + 1;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > (size_t)POOL_FILE_BYTES) {
			fclose(f);
			buf_free(&b);
			return err_set(e, ERR_DATA, "%s is larger than %d MiB; keep only the columns "
				       "the pool needs", path, POOL_FILE_BYTES >> 20);
		}
		buf_append(&b, chunk, n);
	}
	fclose(f);
	*len = b.len;
	*data = b.len ? buf_take(&b) : NULL;
	buf_free(&b);
	if (!*len)
		return err_set(e, ERR_DATA, "%s is empty; export the selection pool with its "
			       "header row", path);
	return 0;
}

/* Inside the transaction: the assessment exists and is not published (the
 * rule of parity eia evidence). */
static int eia_writable(store_t *db, int64_t id, struct err *e)
{
	store_stmt_t *st;
	int rc, pub = 0;
	if (store_prepare(db, &st, e, "SELECT published_at IS NOT NULL FROM eia WHERE id = ?",
			  "i", id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1)
		pub = (int)store_col_int(st, 0);
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "no impact assessment %lld; see 'parity eia list'",
			       (long long)id);
	if (pub)
		return err_set(e, ERR_DATA, "impact assessment %lld is published: it can no longer "
			       "be changed", (long long)id);
	return 0;
}

int pool_attach(store_t *db, int64_t id, const char *file, const char *sheet, json_t *a,
		const char *author, const char *who, const char *address, int64_t *pool_id,
		struct err *e)
{
	char at[21], target[40];
	char *text = json_dumps(a, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_t *c;
	size_t i;
	int rc;
	date_now_iso(at);
	snprintf(target, sizeof target, "eia %lld", (long long)id);
	if ((rc = eia_writable(db, id, e)) >= 0)
		rc = store_exec(db, e,
				"INSERT INTO eia_pool (eia_id, file, sheet, analysis, at, author)"
				" VALUES (?, ?, ?, ?, ?, ?)",
				"ittttt", id, file, sheet, text ? text : "{}", at, author);
	free(text);
	if (rc < 0)
		return rc;
	*pool_id = store_last_id(db);
	json_array_foreach(json_object_get(a, "characteristics"), i, c) {
		const char *column = json_string_value(json_object_get(c, "characteristic"));
		if ((rc = store_exec(db, e,
				     "INSERT INTO eia_evidence (eia_id, characteristic, text, dataset,"
				     " period, at, author) VALUES (?, ?, ?, NULL, NULL, ?, ?)",
				     "ittt" "t", id, column,
				     json_string_value(json_object_get(c, "evidence")), at,
				     author)) < 0 ||
		    (rc = store_exec(db, e,
				     "INSERT INTO audit_log (at, who, address, what, target, before,"
				     " after) VALUES (?, ?, ?, 'eia.evidence', ?, NULL, ?)",
				     "ttttt", at, who, address, target, column)) < 0)
			return rc;
	}
	return 0;
}

static void put_rate(FILE *f, json_t *v, int width)
{
	if (json_is_number(v))
		fprintf(f, " %*.2f", width, json_number_value(v));
	else
		fprintf(f, " %*s", width, "-");
}

static void print_text(FILE *f, json_t *a, int64_t id, int64_t pool_id)
{
	json_t *c, *g;
	size_t i, j;
	fprintf(f, "selection pool %s: %lld staff, %lld at risk, %lld selected, %lld redeployed\n",
		json_string_value(json_object_get(a, "file")),
		(long long)json_integer_value(json_object_get(a, "staff")),
		(long long)json_integer_value(json_object_get(a, "at_risk")),
		(long long)json_integer_value(json_object_get(a, "selected")),
		(long long)json_integer_value(json_object_get(a, "redeployed")));
	json_array_foreach(json_object_get(a, "characteristics"), i, c) {
		json_t *hr = json_object_get(c, "retention_highest"),
		       *hd = json_object_get(c, "redeployment_highest");
		fprintf(f, "\n%s\n%-22s %6s %8s %8s %10s %9s %9s %12s %9s\n",
			json_string_value(json_object_get(c, "label")), "group", "staff", "at risk",
			"selected", "redeployed", "selection", "retention", "redeployment",
			"p (adj.)");
		json_array_foreach(json_object_get(c, "groups"), j, g) {
			json_t *ret = json_object_get(g, "retention"),
			       *red = json_object_get(g, "redeployment"),
			       *cmp = json_object_get(json_object_get(g, "compared_with_rest"),
						      "selected");
			fprintf(f, "%-22s %6lld %8lld %8lld %10lld",
				json_string_value(json_object_get(g, "group")),
				(long long)json_integer_value(json_object_get(g, "staff")),
				(long long)json_integer_value(json_object_get(g, "at_risk")),
				(long long)json_integer_value(json_object_get(g, "selected")),
				(long long)json_integer_value(json_object_get(g, "redeployed")));
			put_rate(f, json_object_get(g, "selection_rate"), 9);
			put_rate(f, json_object_get(ret, "impact_ratio"), 9);
			put_rate(f, json_object_get(red, "impact_ratio"), 12);
			if (cmp && json_is_object(cmp))
				fprintf(f, " %9.3f", json_number_value(json_object_get(cmp, "p_adjusted")));
			else
				fprintf(f, " %9s", "-");
			if (!json_is_true(json_object_get(g, "recorded")))
				fputs("  shown, not compared", f);
			else if (json_is_true(json_object_get(ret, "adverse_impact")) ||
				 json_is_true(json_object_get(red, "adverse_impact")))
				fputs("  adverse impact", f);
			if (json_is_true(json_object_get(ret, "too_few")))
				fputs("  too few", f);
			fputc('\n', f);
		}
		if (json_is_object(hr))
			fprintf(f, "highest retention: %s %.2f", json_string_value(json_object_get(hr, "group")),
				json_number_value(json_object_get(hr, "rate")));
		else
			fputs("highest retention: none (no group large enough)", f);
		if (json_is_object(hd))
			fprintf(f, "; highest redeployment: %s %.2f\n",
				json_string_value(json_object_get(hd, "group")),
				json_number_value(json_object_get(hd, "rate")));
		else
			fputs("; highest redeployment: none (no group large enough)\n", f);
		fputs("(selection: rate of those at risk; retention, redeployment: four-fifths "
		      "impact ratios; p (adj.): selection against everyone else recorded, after "
		      "Holm)\n", f);
		fprintf(f, "evidence: %s\n", json_string_value(json_object_get(c, "evidence")));
	}
	fprintf(f, "\nattached to impact assessment %lld as evidence on %zu characteristic%s "
		"(pool analysis %lld)\n", (long long)id,
		json_array_size(json_object_get(a, "characteristics")),
		json_array_size(json_object_get(a, "characteristics")) == 1 ? "" : "s",
		(long long)pool_id);
}

int pool_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *sheet = NULL, *format = "text", *as = NULL, *min_s = NULL, *pos[2];
	struct cli_multi chars = {{0}, 0};
	struct cli_opt opts[] = {{"characteristic", 0, CLI_MULTI, &chars},
				 {"sheet", 0, CLI_STRING, &sheet},
				 {"min-count", 0, CLI_STRING, &min_s},
				 {"format", 0, CLI_STRING, &format},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	struct pool *p = NULL;
	json_t *a = NULL;
	char *data = NULL;
	size_t len = 0;
	store_t *db;
	int64_t pool_id = 0;
	long id, min_count = POOL_MIN_COUNT;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 2, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 2)
		return err_set(e, ERR_USAGE, "give the assessment's number and the staff extract: "
			       "parity eia pool ID FILE");
	if (str_to_int(pos[0], 1, 1000000000L, &id) < 0)
		return err_set(e, ERR_USAGE, "'%s' is not an assessment number (see 'parity eia "
			       "list')", pos[0]);
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "--format takes text or json, not '%s'", format);
	if (min_s && str_to_int(min_s, 1, 1000000L, &min_count) < 0)
		return err_set(e, ERR_USAGE, "--min-count takes a whole number of people from 1, "
			       "not '%s'", min_s);
	if ((rc = read_whole(pos[1], &data, &len, e)) < 0)
		return rc;
	p = xcalloc(1, sizeof *p);
	if ((rc = pool_read(data, len, pos[1], sheet, chars.values, (size_t)chars.n_values, p,
			    e)) < 0)
		goto out;
	if (!(a = pool_analyse(p, str_file_name(pos[1]), min_count, e))) {
		rc = e->code ? e->code : ERR_INTERNAL;
		goto out;
	}
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		goto out;
	{
		char who[300];
		snprintf(who, sizeof who, "cli:%s", cli_author(as));
		rc = pool_attach(db, id, str_file_name(pos[1]), sheet, a, cli_author(as), who, "",
				 &pool_id, e);
	}
	if ((rc = store_finish(db, rc, e)) < 0)
		goto out;
	if (!strcmp(format, "json")) {
		char *s;
		json_object_set_new(a, "assessment", json_integer(id));
		json_object_set_new(a, "pool", json_integer(pool_id));
		s = json_dumps(a, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
		fprintf(ctx->out, "%s\n", s ? s : "{}");
		free(s);
	} else {
		print_text(ctx->out, a, id, pool_id);
	}
	rc = 0;
out:
	json_decref(a);
	free(p);
	free(data);
	return rc;
}
