/*
 * report_xlsx: the Diversity Report as an Excel workbook, for readers who
 * filter and sort (libxlsxwriter). Sheets:
 *   Summary         counts of comparisons, flags, adverse impact, low
 *                   completeness; then the method settings as key/value rows
 *   Comparisons     one row per comparison, a column for every field of the
 *                   JSON comparison objects (report_out.c), the period first
 *                   and the trend as text last
 *   Completeness    one row per unit and characteristic
 *   Pay gaps        only when the report has pay gaps
 *   Representation  only when the report has representation rows
 * Numbers are written as numbers with number formats (rates and
 * percentages as 0.0% of a proportion, relative rates 0.00, p-values
 * 0.0000, or the text "< 0.001" below 0.001), flags as TRUE/FALSE, and a
 * value that is not available (NaN) as
 * an empty cell. Data sheets have a bold, frozen header row and an
 * autofilter. Text is written as text cells, never as formulas, so a value
 * starting with "=" cannot run. The workbook is written to PATH.tmp and
 * renamed over PATH only when complete (render/xlsx.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/buf.h"
#include "render/xlsx.h"
#include "monitor/internal.h"
#include "monitor/stats.h"

/* Write report r as a workbook at path (by way of path.tmp, renamed when
 * complete; nothing is left behind on failure). Returns 0, or ERR_IO
 * naming the file. Allocates nothing the caller frees. Declared here and
 * in monitor/cmd.c, its caller, until monitor/internal.h carries it. */

struct xw {
	lxw_workbook *wb;
	lxw_error err;	    /* first error, LXW_NO_ERROR when none */
	lxw_format *head;   /* bold header cells */
	lxw_format *pct;    /* 0.0% */
	lxw_format *ratio;  /* 0.00 */
	lxw_format *p;	    /* 0.0000 */
	lxw_format *title;  /* bold, larger */
};

static void note(struct xw *x, lxw_error rc)
{
	if (rc != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
		x->err = rc;
}

static void put_str(struct xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		    const char *s, lxw_format *f)
{
	if (s && *s)
		note(x, worksheet_write_string(ws, row, col, s, f));
}

/* A number; NaN and infinities leave the cell empty. */
static void put_num(struct xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
		    lxw_format *f)
{
	if (isfinite(v))
		note(x, worksheet_write_number(ws, row, col, v, f));
}

/* A p-value: a number in 0.0000 format, or the text "< 0.001" below
 * 0.001 (the format would show 0.0000). */
static void put_p(struct xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double p)
{
	if (isfinite(p) && p < 0.001)
		put_str(x, ws, row, col, "< 0.001", NULL);
	else
		put_num(x, ws, row, col, p, x->p);
}

/* A percentage held as ×100, written as a proportion in 0.0% format. */
static void put_pct(struct xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v)
{
	put_num(x, ws, row, col, isfinite(v) ? v / 100 : v, x->pct);
}

static void put_int(struct xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, int64_t v)
{
	note(x, worksheet_write_number(ws, row, col, (double)v, NULL));
}

/* A count, or an empty cell when it is not known (suppressed in the source). */
static void put_count(struct xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, int64_t v,
		      unsigned unknown)
{
	if (!unknown)
		put_int(x, ws, row, col, v);
}

static void put_bool(struct xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, int v)
{
	note(x, worksheet_write_boolean(ws, row, col, v != 0, NULL));
}

/* A new sheet with its header row: bold, frozen, widths set. */
static lxw_worksheet *data_sheet(struct xw *x, const char *name, const char *const *cols,
				 size_t n)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	size_t i;
	if (!ws) {
		note(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		size_t w = strlen(cols[i]) + 3;
		note(x, worksheet_write_string(ws, 0, (lxw_col_t)i, cols[i], x->head));
		note(x, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
					     (double)(w < 10 ? 10 : w), NULL));
	}
	worksheet_freeze_panes(ws, 1, 0);
	return ws;
}

static void finish_sheet(struct xw *x, lxw_worksheet *ws, lxw_row_t last_row, size_t n_cols)
{
	note(x, worksheet_autofilter(ws, 0, 0, last_row, (lxw_col_t)(n_cols - 1)));
}

static const char *outcome_name(const struct mon_report *r, int o)
{
	if (r->ds && o >= 0 && o < r->ds->n_outcomes)
		return r->ds->outcomes[o].name;
	return "";
}

static void kv_str(struct xw *x, lxw_worksheet *ws, lxw_row_t *row, const char *k,
		   const char *v)
{
	put_str(x, ws, *row, 0, k, NULL);
	put_str(x, ws, *row, 1, v, NULL);
	(*row)++;
}

static void kv_num(struct xw *x, lxw_worksheet *ws, lxw_row_t *row, const char *k, double v,
		   lxw_format *f)
{
	put_str(x, ws, *row, 0, k, NULL);
	put_num(x, ws, *row, 1, v, f);
	(*row)++;
}

static const char *ref_words(enum mon_ref r)
{
	switch (r) {
	case REF_HIGHEST: return "highest-rate group";
	case REF_REST: return "everyone else";
	case REF_OVERALL: return "overall";
	default: return "White for ethnicity, the largest group otherwise";
	}
}

static void summary_sheet(struct xw *x, const struct mon_report *r)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Summary");
	const struct mon_settings *s = &r->set;
	lxw_row_t row = 0;
	size_t i;
	int tested = 0, flags = 0, adverse = 0, too_few = 0, low = 0, unavailable = 0;

	if (!ws) {
		note(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	for (i = 0; i < r->n_cmp; i++) {
		tested += r->cmp[i].tested;
		flags += r->cmp[i].flag;
		too_few += r->cmp[i].too_few && !r->cmp[i].data_group;
		unavailable += r->cmp[i].unknown != 0;
	}
	for (i = 0; i < r->n_impact; i++)
		adverse += r->impact[i].adverse && !r->impact[i].flag;
	for (i = 0; i < r->n_comp; i++)
		low += isfinite(r->comp[i].pct) && r->comp[i].pct < s->completeness_target * 100;
	note(x, worksheet_set_column(ws, 0, 0, 34, NULL));
	note(x, worksheet_set_column(ws, 1, 1, 70, NULL));
	put_str(x, ws, row++, 0, "Diversity report", x->title);
	kv_str(x, ws, &row, "dataset", r->dataset);
	kv_str(x, ws, &row, "period", r->period);
	kv_num(x, ws, &row, "records", (double)r->rows, NULL);
	kv_str(x, ws, &row, "counting",
	       mon_report_events(r) ? "events: every row is counted, so a person may be counted "
				      "more than once"
				    : "people: one row a person");
	kv_num(x, ws, &row, "comparisons", (double)r->n_cmp, NULL);
	kv_num(x, ws, &row, "comparisons tested", tested, NULL);
	kv_num(x, ws, &row, "flags", flags, NULL);
	kv_num(x, ws, &row, "adverse impact, not flagged", adverse, NULL);
	kv_num(x, ws, &row, "too few to flag", too_few, NULL);
	kv_num(x, ws, &row, "completeness below target", low, NULL);
	if (unavailable)
		kv_num(x, ws, &row, "not available (a count suppressed in the source)", unavailable,
		       NULL);
	row++;
	put_str(x, ws, row++, 0, "Method", x->title);
	kv_str(x, ws, &row, "rate", "numerator / denominator; stage denominators follow the "
				    "process");
	kv_str(x, ws, &row, "reference", ref_words(s->reference));
	for (int c = 0; c < MC_COUNT; c++) {
		char k[64];
		if (!s->char_ref[c].set)
			continue;
		snprintf(k, sizeof k, "reference %s", mon_char_name((enum mon_char)c));
		kv_str(x, ws, &row, k, mon_settings_ref_words(s, (enum mon_char)c));
	}
	kv_str(x, ws, &row, "relative_rate", "the observed ratio of rates; blank (not defined) "
					     "when the reference rate is 0");
	kv_str(x, ws, &row, "relative_rate_ci", "Katz log method when every cell is at least 5, "
						"else the Miettinen-Nurminen score interval");
	kv_num(x, ws, &row, "rate_per", s->per, NULL);
	kv_num(x, ws, &row, "confidence", s->confidence, x->pct);
	kv_str(x, ws, &row, "test", "Fisher's exact (two-sided) when any expected count < 5, "
				    "else two-proportion z test");
	kv_str(x, ws, &row, "adjustment", s->adjust == ADJ_BH ? "benjamini-hochberg" : "holm");
	kv_num(x, ws, &row, "alpha", s->alpha, NULL);
	kv_num(x, ws, &row, "band_low", s->band_low, x->ratio);
	kv_num(x, ws, &row, "band_high", s->band_high, x->ratio);
	kv_num(x, ws, &row, "four_fifths", s->four_fifths, x->ratio);
	kv_num(x, ws, &row, "min_denominator", (double)s->min_den, NULL);
	kv_num(x, ws, &row, "completeness_target", s->completeness_target, x->pct);
	kv_str(x, ws, &row, "not stated and missing",
	       "shown as groups of their own, never dropped; not tested, never flagged");
	if (unavailable)
		kv_str(x, ws, &row, "suppressed counts",
		       "not known: a comparison that needs one is not available, never tested or "
		       "flagged");
	if (r->rounded > 0)
		kv_num(x, ws, &row, "counts rounded to the nearest (intervals and p-values "
		       "approximate; nothing the rounding could explain is flagged)",
		       (double)r->rounded, NULL);
}

static void comparisons_sheet(struct xw *x, const struct mon_report *r)
{
	static const char *const cols[] = {
		"period", "unit", "characteristic", "group", "reference", "outcome", "direction",
		"numerator", "denominator", "rate", "ref_numerator", "ref_denominator",
		"ref_rate", "rr", "rr_low", "rr_high", "p", "p_adj", "test", "impact_ratio",
		"adverse_impact", "too_few", "flag", "trend", "rr_method", "available", "why",
		"within_rounding"};
	const size_t nc = sizeof cols / sizeof cols[0];
	lxw_worksheet *ws = data_sheet(x, "Comparisons", cols, nc);
	struct buf t = BUF_INIT;
	size_t i;
	int k;

	if (!ws)
		return;
	for (i = 0; i < r->n_cmp; i++) {
		const struct mon_comparison *c = &r->cmp[i];
		lxw_row_t row = (lxw_row_t)(i + 1);
		lxw_col_t col = 0;
		put_str(x, ws, row, col++, r->period, NULL);
		put_str(x, ws, row, col++, c->unit, NULL);
		put_str(x, ws, row, col++, mon_char_name(c->ch), NULL);
		put_str(x, ws, row, col++, c->group, NULL);
		put_str(x, ws, row, col++, c->reference, NULL);
		put_str(x, ws, row, col++, outcome_name(r, c->outcome), NULL);
		put_str(x, ws, row, col++, c->favourable ? "favourable" : "unfavourable", NULL);
		put_count(x, ws, row, col++, c->num, c->unknown & MON_UNK_NUM);
		put_count(x, ws, row, col++, c->den, c->unknown & MON_UNK_DEN);
		put_num(x, ws, row, col++, c->rate, x->pct);
		put_count(x, ws, row, col++, c->ref_num, c->unknown & MON_UNK_REF_NUM);
		put_count(x, ws, row, col++, c->ref_den, c->unknown & MON_UNK_REF_DEN);
		put_num(x, ws, row, col++, c->ref_rate, x->pct);
		put_num(x, ws, row, col++, c->rr, x->ratio);
		put_num(x, ws, row, col++, c->rr_low, x->ratio);
		put_num(x, ws, row, col++, c->rr_high, x->ratio);
		put_p(x, ws, row, col++, c->p);
		put_p(x, ws, row, col++, c->p_adj);
		put_str(x, ws, row, col++, c->test == 1 ? "fisher" : c->test == 2 ? "z" : NULL,
			NULL);
		put_num(x, ws, row, col++, c->impact_ratio, x->ratio);
		put_bool(x, ws, row, col++, c->adverse);
		put_bool(x, ws, row, col++, c->too_few);
		put_bool(x, ws, row, col++, c->flag);
		for (k = 0; k < c->n_trend && k < MON_MAX_TREND; k++) {
			buf_printf(&t, "%s%s: ", k ? "; " : "", c->trend_period[k]);
			if (isfinite(c->trend_rr[k]))
				buf_printf(&t, "%.2f", c->trend_rr[k]);
		}
		put_str(x, ws, row, col++, buf_str(&t), NULL);
		buf_reset(&t);
		put_str(x, ws, row, col++,
			stats_rr_method_name((enum stats_rr_method)c->rr_method), NULL);
		put_bool(x, ws, row, col++, c->available);
		put_str(x, ws, row, col++,
			c->unknown ? "suppressed" : c->available ? NULL : "no one at this stage",
			NULL);
		put_bool(x, ws, row, col++, c->within_rounding);
	}
	buf_free(&t);
	finish_sheet(x, ws, (lxw_row_t)r->n_cmp, nc);
}

/* The four-fifths rule, one row per assessed group (the JSON "impact"). */
static void impact_sheet(struct xw *x, const struct mon_report *r)
{
	static const char *const cols[] = {
		"period", "unit", "characteristic", "group", "outcome", "direction", "numerator",
		"denominator", "rate", "compared_with", "compared_rate", "impact_ratio",
		"adverse_impact", "too_few", "flag"};
	const size_t nc = sizeof cols / sizeof cols[0];
	lxw_worksheet *ws = data_sheet(x, "Four-fifths", cols, nc);
	size_t i;

	if (!ws)
		return;
	for (i = 0; i < r->n_impact; i++) {
		const struct mon_impact *m = &r->impact[i];
		lxw_row_t row = (lxw_row_t)(i + 1);
		lxw_col_t col = 0;
		put_str(x, ws, row, col++, r->period, NULL);
		put_str(x, ws, row, col++, m->unit, NULL);
		put_str(x, ws, row, col++, mon_char_name(m->ch), NULL);
		put_str(x, ws, row, col++, m->group, NULL);
		put_str(x, ws, row, col++, outcome_name(r, m->outcome), NULL);
		put_str(x, ws, row, col++, m->favourable ? "favourable" : "unfavourable", NULL);
		put_count(x, ws, row, col++, m->num, m->unknown & MON_UNK_NUM);
		put_count(x, ws, row, col++, m->den, m->unknown & MON_UNK_DEN);
		put_num(x, ws, row, col++, m->rate, x->pct);
		put_str(x, ws, row, col++, m->compared_with, NULL);
		put_num(x, ws, row, col++, m->compared_rate, x->pct);
		put_num(x, ws, row, col++, m->impact_ratio, x->ratio);
		put_bool(x, ws, row, col++, m->adverse);
		put_bool(x, ws, row, col++, m->too_few);
		put_bool(x, ws, row, col++, m->flag);
	}
	finish_sheet(x, ws, (lxw_row_t)r->n_impact, nc);
}

static void completeness_sheet(struct xw *x, const struct mon_report *r)
{
	static const char *const cols[] = {"unit", "characteristic", "recorded", "not_stated",
					   "missing", "total", "pct", "below_target"};
	const size_t nc = sizeof cols / sizeof cols[0];
	lxw_worksheet *ws = data_sheet(x, "Completeness", cols, nc);
	size_t i;

	if (!ws)
		return;
	for (i = 0; i < r->n_comp; i++) {
		const struct mon_completeness *c = &r->comp[i];
		lxw_row_t row = (lxw_row_t)(i + 1);
		put_str(x, ws, row, 0, c->unit, NULL);
		put_str(x, ws, row, 1, mon_char_name(c->ch), NULL);
		put_count(x, ws, row, 2, c->recorded, c->unknown & (1u << MK_RECORDED));
		put_count(x, ws, row, 3, c->not_stated, c->unknown & (1u << MK_NOT_STATED));
		put_count(x, ws, row, 4, c->missing, c->unknown & (1u << MK_MISSING));
		put_count(x, ws, row, 5, c->total, c->unknown);
		put_pct(x, ws, row, 6, c->pct);
		put_bool(x, ws, row, 7,
			 isfinite(c->pct) && c->pct < r->set.completeness_target * 100);
	}
	finish_sheet(x, ws, (lxw_row_t)r->n_comp, nc);
}

static void pay_sheet(struct xw *x, const struct mon_report *r)
{
	static const char *const cols[] = {
		"by", "group", "comparator", "n", "n_comparator", "mean_gap_pct",
		"median_gap_pct", "bonus_mean_gap_pct", "bonus_median_gap_pct",
		"bonus_share_pct", "bonus_share_comparator_pct", "quartile_1_share_pct",
		"quartile_2_share_pct", "quartile_3_share_pct", "quartile_4_share_pct",
		"n_relevant", "n_relevant_comparator"};
	const size_t nc = sizeof cols / sizeof cols[0];
	lxw_worksheet *ws;
	size_t i;
	int k;

	if (r->n_pay == 0)
		return;
	if (!(ws = data_sheet(x, "Pay gaps", cols, nc)))
		return;
	for (i = 0; i < r->n_pay; i++) {
		const struct mon_paygap *p = &r->pay[i];
		lxw_row_t row = (lxw_row_t)(i + 1);
		put_str(x, ws, row, 0, mon_char_name(p->by), NULL);
		put_str(x, ws, row, 1, p->group, NULL);
		put_str(x, ws, row, 2, p->comparator, NULL);
		put_int(x, ws, row, 3, p->n);
		put_int(x, ws, row, 4, p->n_ref);
		put_pct(x, ws, row, 5, p->mean_gap);
		put_pct(x, ws, row, 6, p->median_gap);
		put_pct(x, ws, row, 7, p->bonus_mean_gap);
		put_pct(x, ws, row, 8, p->bonus_median_gap);
		put_pct(x, ws, row, 9, p->bonus_share);
		put_pct(x, ws, row, 10, p->bonus_share_ref);
		for (k = 0; k < 4; k++)
			put_pct(x, ws, row, (lxw_col_t)(11 + k), p->quartile_share[k]);
		put_int(x, ws, row, 15, p->n_all);
		put_int(x, ws, row, 16, p->n_all_ref);
	}
	finish_sheet(x, ws, (lxw_row_t)r->n_pay, nc);
}

static void representation_sheet(struct xw *x, const struct mon_report *r)
{
	static const char *const cols[] = {"by", "unit_or_grade", "characteristic", "group",
					   "n", "total", "share_pct", "benchmark_pct", "ratio"};
	const size_t nc = sizeof cols / sizeof cols[0];
	lxw_worksheet *ws;
	size_t i;

	if (r->n_rep == 0)
		return;
	if (!(ws = data_sheet(x, "Representation", cols, nc)))
		return;
	for (i = 0; i < r->n_rep; i++) {
		const struct mon_representation *p = &r->rep[i];
		lxw_row_t row = (lxw_row_t)(i + 1);
		put_str(x, ws, row, 0, p->by_grade ? "grade" : "unit", NULL);
		put_str(x, ws, row, 1, p->unit, NULL);
		put_str(x, ws, row, 2, mon_char_name(p->ch), NULL);
		put_str(x, ws, row, 3, p->group, NULL);
		put_int(x, ws, row, 4, p->n);
		put_int(x, ws, row, 5, p->total);
		put_pct(x, ws, row, 6, p->share);
		put_pct(x, ws, row, 7, p->benchmark);
		put_num(x, ws, row, 8, p->ratio, x->ratio);
	}
	finish_sheet(x, ws, (lxw_row_t)r->n_rep, nc);
}

int mon_render_xlsx(const struct mon_report *r, const char *path, struct err *e)
{
	struct xw x;
	struct rx_book book;
	struct buf title = BUF_INIT;
	int rc;

	memset(&x, 0, sizeof x);
	buf_printf(&title, "Diversity report \xe2\x80\x94 %s \xe2\x80\x94 %s",
		   r->dataset ? r->dataset : "", r->period ? r->period : "");
	rc = rx_open(&book, path, buf_str(&title), e);
	buf_free(&title);
	if (rc < 0)
		return rc;
	x.wb = book.wb;
	x.err = LXW_NO_ERROR;
	x.head = book.head;
	x.title = book.title;
	x.pct = workbook_add_format(x.wb);
	format_set_num_format(x.pct, "0.0%");
	x.ratio = workbook_add_format(x.wb);
	format_set_num_format(x.ratio, "0.00");
	x.p = workbook_add_format(x.wb);
	format_set_num_format(x.p, "0.0000");

	summary_sheet(&x, r);
	comparisons_sheet(&x, r);
	impact_sheet(&x, r);
	completeness_sheet(&x, r);
	pay_sheet(&x, r);
	representation_sheet(&x, r);

	rx_note(&book, x.err);
	return rx_close(&book, e);
}
