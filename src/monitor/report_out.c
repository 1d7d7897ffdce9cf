/*
 * report_out: laying out the Diversity Report model (internal.h) as JSON
 * (the machine interface, every field named in docs/diversity-report.md),
 * CSV (one row per comparison) and plain text for the terminal. The HTML
 * and XLSX layouts live in report_html.c and report_xlsx.c.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/escape.h"
#include "monitor/internal.h"
#include "monitor/stats.h"

static json_t *num_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* A count, or null when it is not known (suppressed in the source). */
static json_t *count_or_null(int64_t v, unsigned unknown, unsigned bit)
{
	return (unknown & bit) ? json_null() : json_integer(v);
}

static const char *test_name(int t)
{
	return t == 1 ? "fisher" : t == 2 ? "z" : NULL;
}

/* The reference of every characteristic the report has, in words:
 * {"ethnicity": "White", "sex": "the largest group", ...}. */
static json_t *references_json(const struct mon_report *r)
{
	json_t *o = json_object();
	for (int c = 0; c < MC_COUNT; c++) {
		if (mon_report_has_char(r, (enum mon_char)c))
			json_object_set_new(o, mon_char_name((enum mon_char)c),
					    json_string(mon_settings_ref_words(&r->set,
									       (enum mon_char)c)));
	}
	return o;
}

static const char *ref_name(enum mon_ref r)
{
	switch (r) {
	case REF_HIGHEST: return "highest-rate group";
	case REF_REST: return "everyone else";
	case REF_OVERALL: return "overall";
	default: return "White for ethnicity, the largest group otherwise";
	}
}

/* 1 when a count of the report was suppressed in its source table. */
static int report_has_unknown(const struct mon_report *r)
{
	size_t i;
	for (i = 0; i < r->n_cmp; i++)
		if (r->cmp[i].unknown)
			return 1;
	for (i = 0; i < r->n_comp; i++)
		if (r->comp[i].unknown)
			return 1;
	return 0;
}

static json_t *method_json(const struct mon_report *r)
{
	const struct mon_settings *s = &r->set;
	json_t *m = json_object();
	json_object_set_new(m, "rate", json_string("numerator / denominator; stage "
						   "denominators follow the process"));
	json_object_set_new(m, "rate_per", json_integer(s->per));
	json_object_set_new(m, "reference", json_string(ref_name(s->reference)));
	json_object_set_new(m, "references", references_json(r));
	json_object_set_new(m, "relative_rate", json_string("the observed ratio of rates: 0 when "
							    "the group has none, null (not "
							    "defined) when the reference rate "
							    "is 0"));
	json_object_set_new(m, "relative_rate_ci",
			    json_string("Katz log method when every cell of the 2x2 table is at "
					"least 5, else the Miettinen-Nurminen score interval"));
	json_object_set_new(m, "confidence", json_real(s->confidence));
	json_object_set_new(m, "test", json_string("Fisher's exact (two-sided) when any "
						   "expected count < 5, else two-proportion z "
						   "test without continuity correction"));
	json_object_set_new(m, "adjustment", json_string(s->adjust == ADJ_BH
								 ? "benjamini-hochberg"
								 : "holm"));
	json_object_set_new(m, "alpha", json_real(s->alpha));
	json_object_set_new(m, "band_low", json_real(s->band_low));
	json_object_set_new(m, "band_high", json_real(s->band_high));
	json_object_set_new(m, "four_fifths", json_real(s->four_fifths));
	json_object_set_new(m, "four_fifths_rule",
			    json_string("each recorded group's rate against the highest rate "
					"(favourable outcomes) or the lowest (unfavourable: lowest "
					"/ rate) among groups with at least min_denominator people "
					"and 2% of the pool; adverse below four_fifths"));
	json_object_set_new(m, "min_denominator", json_integer(s->min_den));
	json_object_set_new(m, "completeness_target", json_real(s->completeness_target));
	if (report_has_unknown(r))
		json_object_set_new(m, "suppressed_counts",
				    json_string("a count suppressed in the source table is not "
						"known: a comparison that needs it is not available, "
						"never tested or flagged"));
	if (r->rounded > 0) {
		char t[256];
		snprintf(t, sizeof t, "counts rounded to the nearest %lld: intervals and p-values "
			 "are approximate; a comparison whose relative rate could lie inside "
			 "the band within the rounding is not flagged", (long long)r->rounded);
		json_object_set_new(m, "rounding", json_string(t));
	}
	return m;
}

/* Why a comparison is not available: a count suppressed in the source
 * table, or a group with no one at this stage (0/0); NULL when it is. */
static const char *why_text(const struct mon_comparison *c)
{
	if (c->unknown)
		return "suppressed";
	return c->available ? NULL : "no one at this stage";
}

static json_t *why_json(const struct mon_comparison *c)
{
	return why_text(c) ? json_string(why_text(c)) : json_null();
}

/* The "impact" array: the four-fifths rule for every assessed group. */
static json_t *impact_json(const struct mon_report *r)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < r->n_impact; i++) {
		const struct mon_impact *m = &r->impact[i];
		json_t *x = json_object();
		json_object_set_new(x, "unit", json_string(m->unit));
		json_object_set_new(x, "characteristic", json_string(mon_char_name(m->ch)));
		json_object_set_new(x, "group", json_string(m->group));
		json_object_set_new(x, "outcome", json_string(r->ds->outcomes[m->outcome].name));
		json_object_set_new(x, "direction",
				    json_string(m->favourable ? "favourable" : "unfavourable"));
		json_object_set_new(x, "numerator", count_or_null(m->num, m->unknown, MON_UNK_NUM));
		json_object_set_new(x, "denominator", count_or_null(m->den, m->unknown, MON_UNK_DEN));
		json_object_set_new(x, "rate", num_or_null(m->rate));
		json_object_set_new(x, "why", m->unknown ? json_string("suppressed") : json_null());
		json_object_set_new(x, "compared_with", m->compared_with
							       ? json_string(m->compared_with)
							       : json_null());
		json_object_set_new(x, "compared_rate", num_or_null(m->compared_rate));
		json_object_set_new(x, "impact_ratio", num_or_null(m->impact_ratio));
		json_object_set_new(x, "adverse_impact", json_boolean(m->adverse));
		json_object_set_new(x, "too_few", json_boolean(m->too_few));
		json_object_set_new(x, "flag", json_boolean(m->flag));
		json_array_append_new(arr, x);
	}
	return arr;
}

void mon_render_json(const struct mon_report *r, struct buf *b)
{
	json_t *o = json_object(), *arr;
	size_t i;
	char *s;

	json_object_set_new(o, "dataset", json_string(r->dataset));
	json_object_set_new(o, "period", json_string(r->period));
	json_object_set_new(o, "rows", json_integer(r->rows));
	/* what a row counts: "people" (each once) or "events" (issue 12) */
	json_object_set_new(o, "counting", json_string(mon_report_events(r) ? "events" : "people"));
	json_object_set_new(o, "rounded", r->rounded > 0 ? json_integer(r->rounded) : json_null());
	json_object_set_new(o, "method", method_json(r));
	arr = json_array();
	for (i = 0; i < r->n_cmp; i++) {
		const struct mon_comparison *c = &r->cmp[i];
		json_t *x = json_object(), *trend = json_array();
		int t;
		json_object_set_new(x, "unit", json_string(c->unit));
		json_object_set_new(x, "characteristic", json_string(mon_char_name(c->ch)));
		json_object_set_new(x, "group", json_string(c->group));
		json_object_set_new(x, "reference", json_string(c->reference));
		json_object_set_new(x, "outcome", json_string(r->ds->outcomes[c->outcome].name));
		json_object_set_new(x, "direction",
				    json_string(c->favourable ? "favourable" : "unfavourable"));
		json_object_set_new(x, "numerator", count_or_null(c->num, c->unknown, MON_UNK_NUM));
		json_object_set_new(x, "denominator",
				    count_or_null(c->den, c->unknown, MON_UNK_DEN));
		json_object_set_new(x, "rate", num_or_null(c->rate));
		json_object_set_new(x, "ref_numerator",
				    count_or_null(c->ref_num, c->unknown, MON_UNK_REF_NUM));
		json_object_set_new(x, "ref_denominator",
				    count_or_null(c->ref_den, c->unknown, MON_UNK_REF_DEN));
		json_object_set_new(x, "ref_rate", num_or_null(c->ref_rate));
		json_object_set_new(x, "rr", num_or_null(c->rr));
		json_object_set_new(x, "rr_low", num_or_null(c->rr_low));
		json_object_set_new(x, "rr_high", num_or_null(c->rr_high));
		json_object_set_new(x, "rr_upper_unbounded",
				    json_boolean(isinf(c->rr_high) && c->rr_high > 0));
		json_object_set_new(x, "rr_method",
				    stats_rr_method_name((enum stats_rr_method)c->rr_method)
					    ? json_string(stats_rr_method_name(
						      (enum stats_rr_method)c->rr_method))
					    : json_null());
		json_object_set_new(x, "available", json_boolean(c->available));
		json_object_set_new(x, "why", why_json(c));
		json_object_set_new(x, "p", num_or_null(c->p));
		json_object_set_new(x, "p_adj", num_or_null(c->p_adj));
		json_object_set_new(x, "test", test_name(c->test) ? json_string(test_name(c->test))
								 : json_null());
		json_object_set_new(x, "impact_ratio", num_or_null(c->impact_ratio));
		json_object_set_new(x, "adverse_impact", json_boolean(c->adverse));
		json_object_set_new(x, "too_few", json_boolean(c->too_few));
		json_object_set_new(x, "flag", json_boolean(c->flag));
		json_object_set_new(x, "within_rounding", json_boolean(c->within_rounding));
		for (t = 0; t < c->n_trend; t++) {
			json_t *p = json_object();
			json_object_set_new(p, "period", json_string(c->trend_period[t]));
			json_object_set_new(p, "rr", num_or_null(c->trend_rr[t]));
			json_array_append_new(trend, p);
		}
		json_object_set_new(x, "trend", trend);
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "comparisons", arr);
	json_object_set_new(o, "impact", impact_json(r));
	arr = json_array();
	for (i = 0; i < r->n_comp; i++) {
		const struct mon_completeness *c = &r->comp[i];
		json_t *x = json_object();
		json_object_set_new(x, "unit", json_string(c->unit));
		json_object_set_new(x, "characteristic", json_string(mon_char_name(c->ch)));
		json_object_set_new(x, "recorded",
				    count_or_null(c->recorded, c->unknown, 1u << MK_RECORDED));
		json_object_set_new(x, "not_stated",
				    count_or_null(c->not_stated, c->unknown, 1u << MK_NOT_STATED));
		json_object_set_new(x, "missing",
				    count_or_null(c->missing, c->unknown, 1u << MK_MISSING));
		json_object_set_new(x, "total", count_or_null(c->total, c->unknown, 7u));
		json_object_set_new(x, "pct", num_or_null(c->pct));
		json_object_set_new(x, "below_target",
				    json_boolean(isfinite(c->pct) &&
						 c->pct < r->set.completeness_target * 100));
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "completeness", arr);
	arr = json_array();
	for (i = 0; i < r->n_pay; i++) {
		const struct mon_paygap *p = &r->pay[i];
		json_t *x = json_object(), *q = json_array();
		int k;
		json_object_set_new(x, "by", json_string(mon_char_name(p->by)));
		json_object_set_new(x, "group", json_string(p->group));
		json_object_set_new(x, "comparator", json_string(p->comparator));
		json_object_set_new(x, "n", json_integer(p->n));
		json_object_set_new(x, "n_comparator", json_integer(p->n_ref));
		json_object_set_new(x, "n_relevant", json_integer(p->n_all));
		json_object_set_new(x, "n_relevant_comparator", json_integer(p->n_all_ref));
		json_object_set_new(x, "mean_gap_pct", num_or_null(p->mean_gap));
		json_object_set_new(x, "median_gap_pct", num_or_null(p->median_gap));
		json_object_set_new(x, "bonus_mean_gap_pct", num_or_null(p->bonus_mean_gap));
		json_object_set_new(x, "bonus_median_gap_pct", num_or_null(p->bonus_median_gap));
		json_object_set_new(x, "bonus_share_pct", num_or_null(p->bonus_share));
		json_object_set_new(x, "bonus_share_comparator_pct", num_or_null(p->bonus_share_ref));
		for (k = 0; k < 4; k++)
			json_array_append_new(q, num_or_null(p->quartile_share[k]));
		json_object_set_new(x, "quartile_share_pct", q);
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "pay_gaps", arr);
	arr = json_array();
	for (i = 0; i < r->n_rep; i++) {
		const struct mon_representation *p = &r->rep[i];
		json_t *x = json_object();
		json_object_set_new(x, p->by_grade ? "grade" : "unit", json_string(p->unit));
		json_object_set_new(x, "characteristic", json_string(mon_char_name(p->ch)));
		json_object_set_new(x, "group", json_string(p->group));
		json_object_set_new(x, "n", json_integer(p->n));
		json_object_set_new(x, "total", json_integer(p->total));
		json_object_set_new(x, "share_pct", num_or_null(p->share));
		json_object_set_new(x, "benchmark_pct", num_or_null(p->benchmark));
		json_object_set_new(x, "ratio", num_or_null(p->ratio));
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "representation", arr);
	json_object_set_new(o, "flags", json_integer(r->n_flags));
	arr = json_array();
	for (i = 0; i < r->n_flag_views; i++) {
		const struct mon_flag_view *f = &r->flags[i];
		json_t *x = json_object();
		json_object_set_new(x, "id", json_integer(f->id));
		json_object_set_new(x, "period", json_string(f->period));
		json_object_set_new(x, "unit", json_string(f->unit));
		json_object_set_new(x, "characteristic", json_string(f->characteristic));
		json_object_set_new(x, "group", json_string(f->group));
		json_object_set_new(x, "reference", json_string(f->reference));
		json_object_set_new(x, "outcome", json_string(f->outcome));
		json_object_set_new(x, "state", json_string(f->state));
		json_object_set_new(x, "rr", num_or_null(f->rr));
		json_object_set_new(x, "recurs", json_boolean(f->recurs));
		json_object_set_new(x, "previous_id", f->prev_id ? json_integer(f->prev_id)
								  : json_null());
		json_object_set_new(x, "previous_period",
				    f->prev_period ? json_string(f->prev_period) : json_null());
		json_object_set_new(x, "note", f->note ? json_string(f->note) : json_null());
		json_object_set_new(x, "action", f->action ? json_string(f->action) : json_null());
		if (f->source) { /* raised by another room (flag_raise.c) */
			json_object_set_new(x, "source", json_string(f->source));
			json_object_set_new(x, "finding", json_string(f->finding));
			json_object_set_new(x, "href", f->href ? json_string(f->href) : json_null());
		}
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "open_flags", arr);
	/* Appended as bytes: buf_printf("%s") of the text (650 KB for the
	 * demo service users) cost 23M instructions (callgrind), a fixed
	 * cost of every analyze; json_dump_callback straight into b cost
	 * more than json_dumps and one copy. */
	s = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	if (s) {
		buf_append(b, s, strlen(s));
		buf_putc(b, '\n');
	}
	free(s);
	json_decref(o);
}

static void csv_num(struct buf *b, double v)
{
	if (isfinite(v))
		buf_printf(b, "%.10g", v);
}

/* A count and its comma; nothing before the comma when not known. */
static void csv_count(struct buf *b, int64_t v, unsigned unknown)
{
	if (!unknown)
		buf_printf(b, "%lld", (long long)v);
	buf_putc(b, ',');
}

/* A p-value for people: "< 0.001" below 0.001 (a tiny p is no more
 * certain a finding, and "0" or "1e-20" would say it is), else as
 * csv_num gives it (CSV) or to 3 significant digits (text). JSON keeps
 * the number. */
static void csv_p(struct buf *b, double p)
{
	if (isfinite(p) && p < 0.001)
		buf_puts(b, "< 0.001");
	else
		csv_num(b, p);
}

void mon_render_csv(const struct mon_report *r, struct buf *b)
{
	size_t i;
	/* what a row counts (issue 12), last so that columns keep their places */
	const char *counting = mon_report_events(r) ? ",events\r\n" : ",people\r\n";
	buf_puts(b, "period,unit,characteristic,group,reference,outcome,direction,numerator,"
		    "denominator,rate,ref_numerator,ref_denominator,ref_rate,rr,rr_low,rr_high,"
		    "p,p_adj,test,impact_ratio,adverse_impact,too_few,flag,rr_method,available,why,"
		    "within_rounding,counting\r\n");
	for (i = 0; i < r->n_cmp; i++) {
		const struct mon_comparison *c = &r->cmp[i];
		esc_csv(b, r->period); buf_putc(b, ',');
		esc_csv(b, c->unit); buf_putc(b, ',');
		esc_csv(b, mon_char_name(c->ch)); buf_putc(b, ',');
		esc_csv(b, c->group); buf_putc(b, ',');
		esc_csv(b, c->reference); buf_putc(b, ',');
		esc_csv(b, r->ds->outcomes[c->outcome].name); buf_putc(b, ',');
		buf_puts(b, c->favourable ? "favourable," : "unfavourable,");
		csv_count(b, c->num, c->unknown & MON_UNK_NUM);
		csv_count(b, c->den, c->unknown & MON_UNK_DEN);
		csv_num(b, c->rate); buf_putc(b, ',');
		csv_count(b, c->ref_num, c->unknown & MON_UNK_REF_NUM);
		csv_count(b, c->ref_den, c->unknown & MON_UNK_REF_DEN);
		csv_num(b, c->ref_rate); buf_putc(b, ',');
		csv_num(b, c->rr); buf_putc(b, ',');
		csv_num(b, c->rr_low); buf_putc(b, ',');
		csv_num(b, c->rr_high); buf_putc(b, ',');
		csv_p(b, c->p); buf_putc(b, ',');
		csv_p(b, c->p_adj); buf_putc(b, ',');
		buf_puts(b, test_name(c->test) ? test_name(c->test) : "");
		buf_putc(b, ',');
		csv_num(b, c->impact_ratio); buf_putc(b, ',');
		buf_printf(b, "%d,%d,%d,%s,%d,%s,%d", c->adverse, c->too_few, c->flag,
			   c->rr_method ? stats_rr_method_name((enum stats_rr_method)c->rr_method)
					: "",
			   c->available, why_text(c) ? why_text(c) : "", c->within_rounding);
		buf_puts(b, counting);
	}
}

/* The comparisons that are not available, one a line. */
static void not_available_text(const struct mon_report *r, struct buf *b)
{
	size_t i, n = 0;
	for (i = 0; i < r->n_cmp; i++)
		n += r->cmp[i].unknown != 0;
	if (!n)
		return;
	buf_printf(b, "\nNot available (%zu comparison%s: a count %s needs was suppressed in the "
		      "source table):\n", n, n == 1 ? "" : "s", n == 1 ? "it" : "each");
	for (i = 0; i < r->n_cmp; i++) {
		const struct mon_comparison *c = &r->cmp[i];
		if (!c->unknown)
			continue;
		buf_printf(b, "  %s: %s %s vs %s, %s: not available (suppressed in the source "
			      "table)\n",
			   c->unit, mon_char_name(c->ch), c->group, c->reference,
			   r->ds->outcomes[c->outcome].name);
	}
}

/* A rate as a percentage ("12.3%") or per 1,000 ("123.4 per 1,000"). */
static void text_rate(struct buf *b, double rate, int per)
{
	if (!isfinite(rate))
		buf_puts(b, "not available");
	else if (per == 1000)
		buf_printf(b, "%.1f per 1,000", rate * 1000);
	else
		buf_printf(b, "%.1f%%", rate * 100);
}

/* "RR 1.42 (95% CI 1.20-1.68)", "RR 0 (95% CI 0-0.31)", "RR not defined
 * (no one in the reference group had the outcome)". */
static void text_rr(struct buf *b, const struct mon_comparison *c, double confidence)
{
	if (!isfinite(c->rr)) {
		buf_puts(b, c->available ? "RR not defined (no one in the reference group had "
					   "the outcome)"
					 : "RR not available");
		return;
	}
	buf_printf(b, "RR %.2f (%g%% CI %.2f-", c->rr, confidence * 100, c->rr_low);
	if (isfinite(c->rr_high))
		buf_printf(b, "%.2f)", c->rr_high);
	else
		buf_puts(b, "no upper limit)");
}

/* An adjusted p-value: 3 significant digits, "< 0.001" below that. */
static const char *p_text(char *out, size_t n, double p)
{
	if (!isfinite(p))
		snprintf(out, n, "not tested");
	else if (p < 0.001)
		snprintf(out, n, "< 0.001");
	else
		snprintf(out, n, "%.3g", p);
	return out;
}

void mon_render_text(const struct mon_report *r, struct buf *b)
{
	size_t i;
	int any = 0;
	char pt[32];
	if (mon_report_events(r))
		buf_printf(b, "Diversity report: %s, %s (%lld events: every row is counted, so a "
			      "person may be counted more than once)\n\n", r->dataset, r->period,
			   (long long)r->rows);
	else
		buf_printf(b, "Diversity report: %s, %s (%lld records)\n\n", r->dataset, r->period,
			   (long long)r->rows);
	if (r->rounded > 0)
		buf_printf(b, "Counts rounded to the nearest %lld: intervals and p-values are "
			      "approximate; nothing the rounding could explain is flagged.\n\n",
			   (long long)r->rounded);
	buf_puts(b, "Flags (adjusted p < alpha, outside the band, enough people):\n");
	for (i = 0; i < r->n_cmp; i++) {
		const struct mon_comparison *c = &r->cmp[i];
		if (!c->flag)
			continue;
		any = 1;
		buf_printf(b, "  %s: %s %s vs %s, %s: ", c->unit, mon_char_name(c->ch), c->group,
			   c->reference, r->ds->outcomes[c->outcome].name);
		text_rate(b, c->rate, r->set.per);
		buf_puts(b, " vs ");
		text_rate(b, c->ref_rate, r->set.per);
		buf_puts(b, ", ");
		text_rr(b, c, r->set.confidence);
		buf_printf(b, ", adjusted p %s\n", p_text(pt, sizeof pt, c->p_adj));
	}
	if (!any)
		buf_puts(b, "  none\n");
	not_available_text(r, b);
	buf_puts(b, "\nCompleteness (recorded %, all units):\n");
	for (i = 0; i < r->n_comp; i++) {
		const struct mon_completeness *c = &r->comp[i];
		if (strcmp(c->unit, "All") != 0)
			continue;
		if (c->unknown) {
			if (isfinite(c->pct))
				buf_printf(b, "  %-22s %5.1f%%  (recorded: not known, a count was "
					      "suppressed in the source table; none not stated or "
					      "missing)\n", mon_char_name(c->ch), c->pct);
			else
				buf_printf(b, "  %-22s not available (a count was suppressed in the "
					      "source table)\n", mon_char_name(c->ch));
			continue;
		}
		buf_printf(b, "  %-22s %5.1f%%  (%lld recorded, %lld not stated, %lld missing)%s\n",
			   mon_char_name(c->ch), c->pct, (long long)c->recorded,
			   (long long)c->not_stated, (long long)c->missing,
			   isfinite(c->pct) && c->pct < r->set.completeness_target * 100
				   ? "  below target"
				   : "");
	}
}
