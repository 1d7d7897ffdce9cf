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

static json_t *num_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static const char *test_name(int t)
{
	return t == 1 ? "fisher" : t == 2 ? "z" : NULL;
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

static json_t *method_json(const struct mon_report *r)
{
	const struct mon_settings *s = &r->set;
	json_t *m = json_object();
	json_object_set_new(m, "rate", json_string("numerator / denominator; stage "
						   "denominators follow the process"));
	json_object_set_new(m, "reference", json_string(ref_name(s->reference)));
	json_object_set_new(m, "relative_rate_ci", json_string("Katz log method; 0.5 added "
							       "to every cell when a count is zero"));
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
	json_object_set_new(m, "min_denominator", json_integer(s->min_den));
	json_object_set_new(m, "completeness_target", json_real(s->completeness_target));
	return m;
}

void mon_render_json(const struct mon_report *r, struct buf *b)
{
	json_t *o = json_object(), *arr;
	size_t i;
	char *s;

	json_object_set_new(o, "dataset", json_string(r->dataset));
	json_object_set_new(o, "period", json_string(r->period));
	json_object_set_new(o, "rows", json_integer(r->rows));
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
		json_object_set_new(x, "numerator", json_integer(c->num));
		json_object_set_new(x, "denominator", json_integer(c->den));
		json_object_set_new(x, "rate", num_or_null(c->rate));
		json_object_set_new(x, "ref_numerator", json_integer(c->ref_num));
		json_object_set_new(x, "ref_denominator", json_integer(c->ref_den));
		json_object_set_new(x, "ref_rate", num_or_null(c->ref_rate));
		json_object_set_new(x, "rr", num_or_null(c->rr));
		json_object_set_new(x, "rr_low", num_or_null(c->rr_low));
		json_object_set_new(x, "rr_high", num_or_null(c->rr_high));
		json_object_set_new(x, "p", num_or_null(c->p));
		json_object_set_new(x, "p_adj", num_or_null(c->p_adj));
		json_object_set_new(x, "test", test_name(c->test) ? json_string(test_name(c->test))
								 : json_null());
		json_object_set_new(x, "impact_ratio", num_or_null(c->impact_ratio));
		json_object_set_new(x, "adverse_impact", json_boolean(c->adverse));
		json_object_set_new(x, "too_few", json_boolean(c->too_few));
		json_object_set_new(x, "flag", json_boolean(c->flag));
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
	arr = json_array();
	for (i = 0; i < r->n_comp; i++) {
		const struct mon_completeness *c = &r->comp[i];
		json_t *x = json_object();
		json_object_set_new(x, "unit", json_string(c->unit));
		json_object_set_new(x, "characteristic", json_string(mon_char_name(c->ch)));
		json_object_set_new(x, "recorded", json_integer(c->recorded));
		json_object_set_new(x, "not_stated", json_integer(c->not_stated));
		json_object_set_new(x, "missing", json_integer(c->missing));
		json_object_set_new(x, "total", json_integer(c->total));
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
		json_object_set_new(x, "note", f->note ? json_string(f->note) : json_null());
		json_object_set_new(x, "action", f->action ? json_string(f->action) : json_null());
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
	buf_puts(b, "period,unit,characteristic,group,reference,outcome,direction,numerator,"
		    "denominator,rate,ref_numerator,ref_denominator,ref_rate,rr,rr_low,rr_high,"
		    "p,p_adj,test,impact_ratio,adverse_impact,too_few,flag\r\n");
	for (i = 0; i < r->n_cmp; i++) {
		const struct mon_comparison *c = &r->cmp[i];
		esc_csv(b, r->period); buf_putc(b, ',');
		esc_csv(b, c->unit); buf_putc(b, ',');
		esc_csv(b, mon_char_name(c->ch)); buf_putc(b, ',');
		esc_csv(b, c->group); buf_putc(b, ',');
		esc_csv(b, c->reference); buf_putc(b, ',');
		esc_csv(b, r->ds->outcomes[c->outcome].name); buf_putc(b, ',');
		buf_puts(b, c->favourable ? "favourable," : "unfavourable,");
		buf_printf(b, "%lld,%lld,", (long long)c->num, (long long)c->den);
		csv_num(b, c->rate); buf_putc(b, ',');
		buf_printf(b, "%lld,%lld,", (long long)c->ref_num, (long long)c->ref_den);
		csv_num(b, c->ref_rate); buf_putc(b, ',');
		csv_num(b, c->rr); buf_putc(b, ',');
		csv_num(b, c->rr_low); buf_putc(b, ',');
		csv_num(b, c->rr_high); buf_putc(b, ',');
		csv_p(b, c->p); buf_putc(b, ',');
		csv_p(b, c->p_adj); buf_putc(b, ',');
		buf_puts(b, test_name(c->test) ? test_name(c->test) : "");
		buf_putc(b, ',');
		csv_num(b, c->impact_ratio); buf_putc(b, ',');
		buf_printf(b, "%d,%d,%d\r\n", c->adverse, c->too_few, c->flag);
	}
}

void mon_render_text(const struct mon_report *r, struct buf *b)
{
	size_t i;
	int any = 0;
	buf_printf(b, "Diversity report: %s, %s (%lld records)\n\n", r->dataset, r->period,
		   (long long)r->rows);
	buf_puts(b, "Flags (adjusted p < alpha, outside the band, enough people):\n");
	for (i = 0; i < r->n_cmp; i++) {
		const struct mon_comparison *c = &r->cmp[i];
		char p[32];
		if (!c->flag)
			continue;
		any = 1;
		if (isfinite(c->p_adj) && c->p_adj < 0.001)
			snprintf(p, sizeof p, "< 0.001");
		else
			snprintf(p, sizeof p, "%.3g", c->p_adj);
		buf_printf(b, "  %s: %s %s vs %s, %s: %.1f%% vs %.1f%%, RR %.2f (95%% CI %.2f-%.2f), "
			      "adjusted p %s\n",
			   c->unit, mon_char_name(c->ch), c->group, c->reference,
			   r->ds->outcomes[c->outcome].name, c->rate * 100, c->ref_rate * 100,
			   c->rr, c->rr_low, c->rr_high, p);
	}
	if (!any)
		buf_puts(b, "  none\n");
	buf_puts(b, "\nCompleteness (recorded %, all units):\n");
	for (i = 0; i < r->n_comp; i++) {
		const struct mon_completeness *c = &r->comp[i];
		if (strcmp(c->unit, "All") != 0)
			continue;
		buf_printf(b, "  %-22s %5.1f%%  (%lld recorded, %lld not stated, %lld missing)%s\n",
			   mon_char_name(c->ch), c->pct, (long long)c->recorded,
			   (long long)c->not_stated, (long long)c->missing,
			   isfinite(c->pct) && c->pct < r->set.completeness_target * 100
				   ? "  below target"
				   : "");
	}
}
