/*
 * report_html: the Diversity Report as one self-contained, printable HTML
 * file for managers — inline CSS, inline SVG charts (render/svg.h), no
 * scripts, no external resources, lang="en-GB".
 *
 * Reading order: a summary of findings in plain sentences (each flag, then
 * adverse impact that is not a flag, then completeness below target), the
 * comparisons per characteristic and outcome (a table and a forest plot),
 * completeness, pay gaps, representation, trends of flags and adverse
 * impact, and the method notes naming every setting. Not stated and Missing groups
 * appear in the tables, greyed and marked "not tested"; they are never
 * dropped. Every value taken from the report is escaped with esc_html
 * (sentences are built as plain text first and escaped whole); markup
 * comes only from string literals here and from the SVG writers. The
 * sections and columns are explained for readers in
 * docs/diversity-report.md.
 *
 * The same report is also written as a fragment for the web pages of
 * parity serve (mon_render_html_fragment): the same sections and words,
 * but no document around them, no <style> and no style attributes (the
 * server's Content-Security-Policy allows only its own stylesheet), GOV.UK
 * Frontend classes on headings, paragraphs, lists and tables, and
 * parity-report-* classes for the rest (src/web/assets/parity.scss).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/escape.h"
#include "core/xalloc.h"
#include "monitor/internal.h"
#include "monitor/stats.h"
#include "render/svg.h"

#define DASH "\xe2\x80\x93" /* en dash: "1.2–1.6", and "–" for nothing */
#define SUMMARY_MAX 10	     /* sentences per summary list, flags apart */
#define TREND_MAX_ADVERSE 12 /* trend charts of adverse impact (flags: all) */

/* Where the markup goes, and in which form. */
struct html {
	struct buf *b;		 /* output */
	int frag;		 /* 1: a fragment of a GOV.UK page; 0: a whole document */
	const char *flag_href;	 /* fragment: flag links are flag_href + id (or none) */
	const char *action_href; /* fragment: action links are action_href + code */
	int per;		 /* rates per 100 (percent) or per 1,000 */
	int parts;		 /* 1: the overview of a report in pages (the
				    tables are on each characteristic's page) */
};

/* The class for the document (doc) or the fragment (frag). */
static const char *K(const struct html *h, const char *doc, const char *frag)
{
	return h->frag ? frag : doc;
}

/* ------------------------------------------------------------ numbers */

/* 12345 -> "12,345". */
static void fmt_int(char *out, size_t n, int64_t v)
{
	char digits[32];
	size_t len, i, o = 0;
	int neg = v < 0;
	snprintf(digits, sizeof digits, "%lld", neg ? -(long long)v : (long long)v);
	len = strlen(digits);
	if (neg && o + 1 < n)
		out[o++] = '-';
	for (i = 0; i < len && o + 1 < n; i++) {
		out[o++] = digits[i];
		if ((len - i - 1) % 3 == 0 && i + 1 < len && o + 1 < n)
			out[o++] = ',';
	}
	out[o] = '\0';
}

/* A percentage already ×100: "21.0%"; "–" when not finite. */
static void fmt_pct(char *out, size_t n, double v)
{
	if (isfinite(v))
		snprintf(out, n, "%.1f%%", v);
	else
		snprintf(out, n, DASH);
}

/* A proportion 0..1 as a percentage. */
static void fmt_rate(char *out, size_t n, double v)
{
	fmt_pct(out, n, isfinite(v) ? v * 100 : v);
}

/* A proportion 0..1 as a percentage (per 100) or "12.3 per 1,000". */
static void fmt_rate_per(char *out, size_t n, double v, int per)
{
	if (per == 1000 && isfinite(v))
		snprintf(out, n, "%.1f per 1,000", v * 1000);
	else
		fmt_rate(out, n, v);
}

static void fmt2(char *out, size_t n, double v)
{
	if (isfinite(v))
		snprintf(out, n, "%.2f", v);
	else
		snprintf(out, n, DASH);
}

/* p-values to 3 significant digits ("0.250", "1.00"), "< 0.001" below
 * that (never "0"). */
static void fmt_p(char *out, size_t n, double p)
{
	if (!isfinite(p))
		snprintf(out, n, DASH);
	else if (p < 0.001)
		snprintf(out, n, "< 0.001");
	else
		snprintf(out, n, "%#.3g", p);
}

/* For sentences: 2 decimals without trailing zeros ("1.4", "2", "1.25"). */
static void fmt_short(char *out, size_t n, double v)
{
	size_t len;
	snprintf(out, n, "%.2f", v);
	len = strlen(out);
	while (len > 0 && out[len - 1] == '0')
		out[--len] = '\0';
	if (len > 0 && out[len - 1] == '.')
		out[--len] = '\0';
}

/* For sentences: a relative rate and its interval with the same number of
 * decimals, one when that loses nothing ("1.4 (1.2–1.6)"), else two
 * ("2.46 (1.63–3.70)"). */
static void fmt_rr3(char v[3][32], double rr, double lo, double hi)
{
	double x[3] = {rr, lo, hi};
	int k, two = 0;
	for (k = 0; k < 3; k++) {
		snprintf(v[k], 32, "%.2f", x[k]);
		two |= v[k][strlen(v[k]) - 1] != '0';
	}
	if (!two)
		for (k = 0; k < 3; k++)
			snprintf(v[k], 32, "%.1f", x[k]);
}

/* ------------------------------------------------------------- words */

static const char *outcome_name(const struct mon_report *r, int o)
{
	if (r->ds && o >= 0 && o < r->ds->n_outcomes)
		return r->ds->outcomes[o].name;
	return "outcome";
}

/* "to be breached"; unknown outcomes "to have the outcome 'x'". */
static void put_outcome_phrase(struct buf *t, const char *name)
{
	static const struct {
		const char *name, *phrase;
	} known[] = {
		{"referred", "to be referred"},
		{"started", "to start"},
		{"completed", "to complete"},
		{"breached", "to be breached"},
		{"appointed", "to be appointed"},
		{"shortlisted", "to be shortlisted"},
		{"promoted", "to be promoted"},
		{"trained", "to receive training"},
		{"grievance", "to raise a grievance"},
		{"disciplinary", "to face disciplinary action"},
		{"left", "to leave"},
	};
	size_t i;
	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(known[i].name, name) == 0) {
			buf_puts(t, known[i].phrase);
			return;
		}
	buf_printf(t, "to have the outcome '%s'", name);
}

/* Who the dataset is about. */
static const char *subject_of(const char *dataset)
{
	if (!dataset)
		return "people";
	if (strcmp(dataset, "service-users") == 0)
		return "service users";
	if (strcmp(dataset, "staff") == 0)
		return "staff";
	if (strcmp(dataset, "applicants") == 0)
		return "applicants";
	return "people";
}

static const char *subject(const struct mon_report *r)
{
	return subject_of(r->ds && r->ds->name[0] ? r->ds->name : r->dataset);
}

/* s with its first letter in lower case ("Female" -> "female"). */
static void put_lower_first(struct buf *t, const char *s)
{
	if (!s || !*s)
		return;
	if (s[0] >= 'A' && s[0] <= 'Z')
		buf_putc(t, (char)(s[0] - 'A' + 'a'));
	else
		buf_putc(t, s[0]);
	buf_puts(t, s + 1);
}

/* "Black service users", "female staff", "applicants aged 25-34",
 * "staff recorded as Christian". */
static void put_group_phrase(struct buf *t, enum mon_char ch, const char *group,
			     const char *subj)
{
	switch (ch) {
	case MC_ETHNICITY:
		buf_printf(t, "%s %s", group, subj);
		break;
	case MC_SEX:
	case MC_DISABILITY:
		put_lower_first(t, group);
		buf_printf(t, " %s", subj);
		break;
	case MC_AGE:
		buf_printf(t, "%s aged ", subj);
		put_lower_first(t, group);
		break;
	default:
		buf_printf(t, "%s recorded as %s", subj, group);
	}
}

static void put_reference_phrase(struct buf *t, const struct mon_comparison *c,
				 const char *subj)
{
	if (!c->reference || !*c->reference)
		buf_puts(t, "the reference group");
	else if (strcmp(c->reference, "everyone else") == 0)
		buf_puts(t, "everyone else");
	else if (strcmp(c->reference, "overall") == 0)
		buf_printf(t, "%s overall", subj);
	else
		put_group_phrase(t, c->ch, c->reference, subj);
}

static int is_all(const char *unit)
{
	return strcmp(unit, "All") == 0;
}

/* "In Reading, " or "Across all units, ". */
static void put_where(struct buf *t, const char *unit)
{
	if (is_all(unit))
		buf_puts(t, "Across all units, ");
	else
		buf_printf(t, "In %s, ", unit);
}

static const char *unit_label(const char *unit)
{
	return is_all(unit) ? "All units" : unit;
}

/* ", 95% CI 1.2–1.6" or ", 95% CI 1.2 or more" (no upper limit): the
 * interval of c in the decimals of its relative rate. */
static void put_ci(struct buf *t, const char *conf, const struct mon_comparison *c)
{
	char v[3][32];
	fmt_rr3(v, c->rr, c->rr_low, isfinite(c->rr_high) ? c->rr_high : c->rr_low);
	if (isfinite(c->rr_high))
		buf_printf(t, "%s %s" DASH "%s", conf, v[1], v[2]);
	else
		buf_printf(t, "%s %s or more", conf, v[1]);
}

/* "1.4 times as likely as White service users to be breached (95% CI
 * 1.2–1.6" — or for RR < 1 "38% less likely than ... (relative rate
 * 0.62, 95% CI 0.52–0.74" — with the parenthesis left open. A relative
 * rate of 0 (none of the group) and one not defined (none of the
 * reference) are said in words, in the direction the data show. subj
 * names the people ("service users"), oname the outcome, per how rates
 * are shown (100: %, 1000: per 1,000). */
static void likelihood(struct buf *t, const char *subj, const char *oname, double confidence,
		       int per, const struct mon_comparison *c)
{
	char v[3][32], conf[32], ra[32], rb[32];
	const char *rr = v[0];

	fmt_rr3(v, c->rr, c->rr_low, isfinite(c->rr_high) ? c->rr_high : c->rr_low);
	snprintf(conf, sizeof conf, "%g%% CI", confidence * 100);
	put_where(t, c->unit);
	put_group_phrase(t, c->ch, c->group, subj);
	if (!isfinite(c->rr) || c->rr == 0) {
		int higher = !isfinite(c->rr) && c->num > 0;
		fmt_rate_per(ra, sizeof ra, c->rate, per);
		fmt_rate_per(rb, sizeof rb, c->ref_rate, per);
		buf_printf(t, " were %s likely than ", higher ? "more" : "less");
		put_reference_phrase(t, c, subj);
		buf_putc(t, ' ');
		put_outcome_phrase(t, oname);
		if (!c->available)
			buf_puts(t, ": not available, as a group has no one at this stage (relative "
				    "rate not available");
		else if (c->num == 0 && c->ref_num == 0)
			buf_puts(t, ": neither had anyone with the outcome (relative rate not "
				    "defined");
		else if (higher)
			buf_printf(t, ": %s against none (relative rate not defined", ra);
		else {
			buf_printf(t, ": none of %lld, against %s (relative rate 0, ",
				   (long long)c->den, rb);
			put_ci(t, conf, c);
		}
		return;
	}
	if (c->rr >= 1) {
		buf_printf(t, " were %s times as likely as ", rr);
		put_reference_phrase(t, c, subj);
		buf_putc(t, ' ');
		put_outcome_phrase(t, oname);
		buf_puts(t, " (");
		put_ci(t, conf, c);
	} else {
		buf_printf(t, " were %.0f%% less likely than ", (1 - c->rr) * 100);
		put_reference_phrase(t, c, subj);
		buf_putc(t, ' ');
		put_outcome_phrase(t, oname);
		buf_printf(t, " (relative rate %s, ", rr);
		put_ci(t, conf, c);
	}
}

static void put_likelihood(struct buf *t, const struct mon_report *r,
			   const struct mon_comparison *c)
{
	likelihood(t, subject(r), outcome_name(r, c->outcome), r->set.confidence, r->set.per, c);
}

void mon_report_ref_note(const struct mon_report *r, int part, struct buf *t)
{
	for (int c = 0; c < MC_COUNT; c++) {
		const char *g = NULL;
		enum mon_ref mode;
		if (!r->set.char_ref[c].set || (part >= 0 && c != part))
			continue;
		mode = mon_settings_ref(&r->set, (enum mon_char)c, &g);
		buf_printf(t, "%s%s is compared with ", t->len ? " " : "",
			   mon_char_label((enum mon_char)c));
		if (mode == REF_GROUP && g)
			put_group_phrase(t, (enum mon_char)c, g, subject(r));
		else
			buf_puts(t, mon_settings_ref_words(&r->set, (enum mon_char)c));
		buf_puts(t, ", chosen for this report");
		if (r->set.reference == REF_DEFAULT)
			buf_printf(t, ", instead of %s",
				   c == MC_ETHNICITY ? "White" : "the largest group");
		buf_putc(t, '.');
	}
}

void mon_finding_sentence(struct buf *t, const char *dataset, const char *outcome,
			  const struct mon_comparison *c)
{
	likelihood(t, subject_of(dataset), outcome, 0.95, 100, c);
	buf_puts(t, ").");
}

/* Why an adverse-impact comparison is not a flag. */
static void put_not_flagged_reason(struct buf *t, const struct mon_report *r,
				   const struct mon_comparison *c)
{
	char p[32];
	if (c->too_few)
		buf_printf(t, "a group has fewer than %lld people, too few to flag",
			   (long long)r->set.min_den);
	else if (!c->tested)
		buf_puts(t, "it was not tested");
	else if (!isfinite(c->p_adj) || c->p_adj >= r->set.alpha) {
		fmt_p(p, sizeof p, c->p_adj);
		buf_printf(t, "the difference could be chance (adjusted p %s, not below %g)", p,
			   r->set.alpha);
	} else
		buf_printf(t, "the relative rate is inside the band %g" DASH "%g",
			   r->set.band_low, r->set.band_high);
}

/* Append a plain-text sentence escaped, as a list item. */
static void put_item(struct html *h, struct buf *t)
{
	struct buf *b = h->b;
	buf_puts(b, "<li>");
	esc_html(b, buf_str(t));
	buf_puts(b, "</li>\n");
	buf_reset(t);
}

/* ----------------------------------------------------------- markup */

/* <tag>text</tag>; in a fragment, headings, paragraphs and cells get
 * their GOV.UK class. */
static void put_text(struct html *h, const char *tag, const char *text)
{
	struct buf *b = h->b;
	const char *cls = NULL;
	if (h->frag)
		cls = !strcmp(tag, "h2")   ? "govuk-heading-l"
		      : !strcmp(tag, "h3") ? "govuk-heading-m"
		      : !strcmp(tag, "p")  ? "govuk-body"
		      : !strcmp(tag, "td") ? "govuk-table__cell"
					   : NULL;
	if (cls)
		buf_printf(b, "<%s class=\"%s\">", tag, cls);
	else
		buf_printf(b, "<%s>", tag);
	esc_html(b, text);
	buf_printf(b, "</%s>", tag);
}

/* A right-aligned number cell. */
static void td_num(struct html *h, const char *text)
{
	struct buf *b = h->b;
	buf_printf(b, "<td class=\"%s\">",
		   K(h, "num", "govuk-table__cell govuk-table__cell--numeric parity-nowrap"));
	esc_html(b, text);
	buf_puts(b, "</td>");
}

static void td(struct html *h, const char *text)
{
	put_text(h, "td", text);
}

/* <td> opened, with its class in a fragment. */
static void td_open(struct html *h)
{
	buf_puts(h->b, K(h, "<td>", "<td class=\"govuk-table__cell\">"));
}

/* <tr> opened; cls (may be NULL) are the row's own classes. */
static void tr_open(struct html *h, const char *cls)
{
	if (h->frag)
		buf_printf(h->b, "<tr class=\"govuk-table__row%s%s\">", cls ? " " : "",
			   cls ? cls : "");
	else if (cls)
		buf_printf(h->b, "<tr class=\"%s\">", cls);
	else
		buf_puts(h->b, "<tr>");
}

static void th_row(struct html *h, const char *text)
{
	struct buf *b = h->b;
	buf_puts(b, K(h, "<th scope=\"row\">",
		      "<th scope=\"row\" class=\"govuk-table__header parity-report-rowhead\">"));
	esc_html(b, text);
	buf_puts(b, "</th>");
}

/* Header cells from a list; names starting with '#' are numeric columns
 * (right-aligned), with '~' text columns that should not be squeezed (the
 * mark is not shown). */
static void thead(struct html *h, const char *const *cols, size_t n)
{
	struct buf *b = h->b;
	size_t i;
	buf_puts(b, K(h, "<thead><tr>",
		      "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"));
	for (i = 0; i < n; i++) {
		int num = cols[i][0] == '#', keep = cols[i][0] == '~';
		if (h->frag)
			buf_printf(b, "<th scope=\"col\" class=\"govuk-table__header%s\">",
				   num ? " govuk-table__header--numeric"
				   : keep ? " parity-report-keep" : "");
		else
			buf_printf(b, "<th scope=\"col\"%s>",
				   num ? " class=\"num\"" : keep ? " class=\"keep\"" : "");
		esc_html(b, cols[i] + (num || keep));
		buf_puts(b, "</th>");
	}
	buf_puts(b, K(h, "</tr></thead>\n<tbody>\n",
		      "</tr></thead>\n<tbody class=\"govuk-table__body\">\n"));
}

/* wide: the table takes the page's full width. */
static void open_table(struct html *h, const char *caption, int wide)
{
	struct buf *b = h->b;
	if (h->frag) {
		/* a region keyboard users can scroll when the table is too wide */
		buf_puts(b, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
			    "aria-label=\"");
		esc_html(b, caption);
		buf_printf(b, "\"><table class=\"govuk-table parity-report-table%s\">\n<caption "
			   "class=\"govuk-table__caption govuk-table__caption--s\">",
			   wide ? " parity-report-wide" : "");
	} else
		buf_printf(b, "<div class=\"table-wrap\"><table%s>\n<caption>",
			   wide ? " class=\"wide\"" : "");
	esc_html(b, caption);
	buf_puts(b, "</caption>\n");
}

static void close_table(struct html *h)
{
	struct buf *b = h->b;
	buf_puts(b, "</tbody>\n</table></div>\n");
}

/* A figure's caption, placed above its chart: a bold title, then text. */
static void put_caption(struct html *h, const char *title, const char *text)
{
	struct buf *b = h->b;
	buf_puts(b, K(h, "<figcaption><strong>",
		      "<figcaption class=\"govuk-body-s parity-report-figcaption\"><strong>"));
	esc_html(b, title);
	buf_puts(b, "</strong> ");
	esc_html(b, text);
	buf_puts(b, "</figcaption>\n");
}

static void open_section(struct html *h, const char *id, const char *title)
{
	struct buf *b = h->b;
	buf_puts(b, "<section id=\"");
	esc_html(b, id);
	buf_puts(b, K(h, "\">\n", "\" class=\"parity-report-section\">\n"));
	put_text(h, "h2", title);
	buf_putc(b, '\n');
}

static const char css[] =
	"*{box-sizing:border-box}"
	"body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.45;"
	"color:#0b0c0c;background:#fff}"
	"main{max-width:1100px;margin:0 auto;padding:24px 20px 48px}"
	"h1{font-size:2rem;line-height:1.2;margin:0 0 8px}"
	"h2{font-size:1.5rem;margin:40px 0 12px;padding-top:12px;border-top:4px solid #1d70b8}"
	"h3{font-size:1.2rem;margin:28px 0 8px}"
	"p,li{max-width:46em}"
	".lede{font-size:1.1rem;color:#505a5f;margin:0 0 16px}"
	".figures{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0;padding:0;list-style:none}"
	".figures li{border-left:5px solid #1d70b8;background:#f3f2f1;padding:8px 14px;"
	"min-width:9em}"
	".figures li.alert{border-left-color:#d4351c}"
	".figures strong{display:block;font-size:1.6rem;line-height:1.2}"
	".findings li{margin-bottom:8px}"
	"nav ol{columns:2;max-width:36em}"
	"a{color:#1d70b8}"
	".table-wrap{overflow-x:auto;margin:8px 0 16px}"
	"table{border-collapse:collapse;font-size:0.875rem;min-width:50%}"
	"table.wide{width:100%}"
	"tr.unit-start th,tr.unit-start td{border-top:2px solid #505a5f}"
	"caption{text-align:left;font-weight:bold;font-size:1rem;padding:4px 0 8px}"
	"th,td{border-bottom:1px solid #b1b4b6;padding:6px 10px 6px 0;text-align:left;"
	"vertical-align:top}"
	"thead th{border-bottom:2px solid #0b0c0c}"
	"th[scope=row]{font-weight:normal;white-space:nowrap}"
	".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
	"th.num{white-space:normal}"
	"th.keep{min-width:7em}"
	"tr.muted td,tr.muted th{color:#505a5f;font-style:italic}"
	"tr.flagged th,tr.flagged td{background:#fbe9e6}"
	".tag{display:inline-block;padding:1px 6px;font-size:0.8rem;font-weight:bold;"
	"white-space:nowrap;font-style:normal}"
	".tag-flag{background:#d4351c;color:#fff}"
	".tag-adverse{background:#fcd6c3;color:#6e3619}"
	".tag-grey{background:#eeefef;color:#383f43}"
	"figure{margin:8px 0 24px}"
	"figcaption{font-size:0.875rem;color:#505a5f;max-width:60em;margin-bottom:6px}"
	"figcaption strong{display:block;font-size:1rem;color:#0b0c0c}"
	"svg.chart{max-width:100%;height:auto;display:block}"
	".trends{display:flex;flex-wrap:wrap;gap:8px 32px}"
	".explain{color:#0b0c0c;background:#f3f2f1;padding:10px 14px;max-width:52em}"
	"footer{margin-top:40px;font-size:0.875rem;color:#505a5f}"
	"@media print{"
	"@page{margin:15mm}"
	"body{font-size:10pt}"
	"main{max-width:none;padding:0}"
	"nav{display:none}"
	"h2{break-before:auto;break-after:avoid}"
	"h3{break-after:avoid}"
	"figure,tr,.figures li{break-inside:avoid}"
	"caption{break-after:avoid}"
	".table-wrap{overflow:visible}"
	"a{color:#0b0c0c;text-decoration:none}"
	"tr.flagged th,tr.flagged td,.tag,.figures li{-webkit-print-color-adjust:exact;"
	"print-color-adjust:exact}"
	"}";

/* ------------------------------------------------------------ summary */

static int below_target(const struct mon_report *r, const struct mon_completeness *c)
{
	return isfinite(c->pct) && c->pct < r->set.completeness_target * 100;
}

/* A completeness share, with more decimals when one would round a share
 * below the target up to it ("89.99%", not "90.0%"). */
static void fmt_comp_pct(char *out, size_t n, const struct mon_report *r,
			 const struct mon_completeness *c)
{
	int d;
	double target = r->set.completeness_target * 100;
	fmt_pct(out, n, c->pct);
	if (!below_target(r, c))
		return;
	for (d = 1; d <= 4; d++) {
		snprintf(out, n, "%.*f%%", d, c->pct);
		if (strtod(out, NULL) < target)
			return;
	}
}

static void key_figure(struct html *h, int alert, const char *value, const char *label)
{
	struct buf *b = h->b;
	if (alert)
		buf_printf(b, "<li class=\"%s\"><strong>", K(h, "alert", "parity-report-alert"));
	else
		buf_puts(b, "<li><strong>");
	esc_html(b, value);
	buf_puts(b, K(h, "</strong>", "</strong> "));
	esc_html(b, label);
	buf_puts(b, "</li>\n");
}

/* The sentence for adverse impact that is not a flag, into t: the
 * four-fifths rule for impact entry m. */
static void adverse_sentence(struct buf *t, const struct mon_report *r,
			     const struct mon_impact *m)
{
	char v[32], w[32], ir[32], ff[32];
	const struct mon_comparison *c = mon_report_find(r, m->unit, m->ch, m->group, m->outcome);

	fmt_rate_per(v, sizeof v, m->rate, r->set.per);
	fmt_rate_per(w, sizeof w, m->compared_rate, r->set.per);
	fmt2(ir, sizeof ir, m->impact_ratio);
	fmt_short(ff, sizeof ff, r->set.four_fifths);
	put_where(t, m->unit);
	buf_puts(t, "the rate for ");
	put_group_phrase(t, m->ch, m->group, subject(r));
	buf_putc(t, ' ');
	put_outcome_phrase(t, outcome_name(r, m->outcome));
	if (m->favourable) {
		buf_printf(t, " (%s) was %s times the highest rate, that of ", v, ir);
		put_group_phrase(t, m->ch, m->compared_with, subject(r));
		buf_printf(t, " (%s): below the four-fifths limit of %s. Not flagged: ", w, ff);
	} else {
		buf_printf(t, " (%s) was above the lowest rate, that of ", v);
		put_group_phrase(t, m->ch, m->compared_with, subject(r));
		buf_printf(t,
			   " (%s): the lowest rate is %s times this rate, below the four-fifths "
			   "limit of %s for outcomes where a lower rate is better. Not flagged: ",
			   w, ir, ff);
	}
	if (m->too_few)
		buf_printf(t, "the group has fewer than %lld people or under 2%% of the pool, too "
			      "few to flag",
			   (long long)r->set.min_den);
	else if (c) {
		/* the p value and band are those of the group's comparison with
		 * its reference group, which is not always the group named
		 * above (issue 15: a chosen reference group) */
		if (c->reference && m->compared_with && strcmp(c->reference, m->compared_with)) {
			buf_puts(t, "in its comparison with ");
			put_group_phrase(t, m->ch, c->reference, subject(r));
			buf_puts(t, ", the reference group, ");
		}
		put_not_flagged_reason(t, r, c);
	} else
		buf_puts(t, "it is the reference group, which is not compared with itself");
	buf_putc(t, '.');
}

static void summary(struct html *h, const struct mon_report *r)
{
	struct buf *b = h->b;
	struct buf t = BUF_INIT;
	size_t i;
	int n_tested = 0, n_adverse = 0, n_low = 0, n_flags = 0;
	int pass, shown = 0, n_more = 0, n_more_few = 0;
	char s[64], lo[32], hi[32];

	for (i = 0; i < r->n_cmp; i++) {
		n_tested += r->cmp[i].tested;
		n_flags += r->cmp[i].flag;
	}
	for (i = 0; i < r->n_impact; i++)
		n_adverse += r->impact[i].adverse && !r->impact[i].flag;
	for (i = 0; i < r->n_comp; i++)
		n_low += below_target(r, &r->comp[i]);

	open_section(h, "summary", "Summary");
	buf_puts(b, K(h, "<ul class=\"figures\">\n", "<ul class=\"parity-report-figures\">\n"));
	fmt_int(s, sizeof s, r->rows);
	key_figure(h, 0, s, mon_report_events(r) ? "events" : "records");
	fmt_int(s, sizeof s, n_tested);
	key_figure(h, 0, s, "comparisons tested");
	fmt_int(s, sizeof s, n_flags);
	key_figure(h, n_flags > 0, s, n_flags == 1 ? "flag" : "flags");
	fmt_int(s, sizeof s, n_adverse);
	key_figure(h, n_adverse > 0, s, "adverse impact, not flagged");
	fmt_int(s, sizeof s, n_low);
	key_figure(h, n_low > 0, s, "completeness below target");
	buf_puts(b, "</ul>\n");
	if (mon_report_events(r))
		put_text(h, "p", "This report counts events, not people: every row of the "
				 "extract (an order, a referral) is counted, so a person with "
				 "several of them is counted once for each. Where the report "
				 "speaks of people, read events.");

	buf_puts(b, K(h, "<h3 id=\"summary-flags\">",
		      "<h3 id=\"summary-flags\" class=\"govuk-heading-m\">"));
	buf_puts(b, "Flagged differences</h3>\n");
	fmt_short(lo, sizeof lo, r->set.band_low);
	fmt_short(hi, sizeof hi, r->set.band_high);
	if (n_flags == 0) {
		buf_printf(&t,
			   "Nothing was flagged in this report. No comparison met all three "
			   "conditions for a flag: a difference unlikely to be chance (adjusted p "
			   "below %g), a relative rate outside %s" DASH "%s, and at least %lld "
			   "people in both groups.",
			   r->set.alpha, lo, hi, (long long)r->set.min_den);
		put_text(h, "p", buf_str(&t));
		buf_reset(&t);
	} else {
		buf_printf(&t,
			   "Each of these differences is unlikely to be chance (adjusted p below "
			   "%g), is outside %s" DASH "%s and involves at least %lld people in "
			   "both groups. Each needs an explanation or an action.",
			   r->set.alpha, lo, hi, (long long)r->set.min_den);
		put_text(h, "p", buf_str(&t));
		buf_reset(&t);
		buf_puts(b, K(h, "<ul class=\"findings\">\n",
			      "<ul class=\"govuk-list govuk-list--bullet parity-report-findings\">\n"));
		for (i = 0; i < r->n_cmp; i++) {
			const struct mon_comparison *c = &r->cmp[i];
			char a[32], bb[32];
			if (!c->flag)
				continue;
			put_likelihood(&t, r, c);
			fmt_rate_per(a, sizeof a, c->rate, r->set.per);
			fmt_rate_per(bb, sizeof bb, c->ref_rate, r->set.per);
			buf_printf(&t, "; rates %s against %s).", a, bb);
			put_item(h, &t);
		}
		buf_puts(b, "</ul>\n");
	}

	if (n_adverse > 0) {
		buf_puts(b, K(h, "<h3 id=\"summary-adverse\">",
			      "<h3 id=\"summary-adverse\" class=\"govuk-heading-m\">"));
		buf_puts(b, "Adverse impact that is not a flag</h3>\n");
		buf_printf(&t,
			   "The four-fifths rule looks only at the size of a difference. These "
			   "differences are large enough to count as adverse impact but did not "
			   "meet the flag rule; they are worth watching.");
		put_text(h, "p", buf_str(&t));
		buf_reset(&t);
		buf_puts(b, K(h, "<ul class=\"findings\">\n",
			      "<ul class=\"govuk-list govuk-list--bullet parity-report-findings\">\n"));
		/* those with enough people first; the list is cut at SUMMARY_MAX */
		for (pass = 0; pass < 2; pass++)
			for (i = 0; i < r->n_impact; i++) {
				const struct mon_impact *c = &r->impact[i];
				if (!c->adverse || c->flag || c->too_few != pass)
					continue;
				if (shown == SUMMARY_MAX) {
					n_more++;
					n_more_few += c->too_few;
					continue;
				}
				adverse_sentence(&t, r, c);
				put_item(h, &t);
				shown++;
			}
		buf_puts(b, "</ul>\n");
		if (n_more) {
			buf_printf(&t,
				   "%d more %s adverse impact without a flag",
				   n_more, n_more == 1 ? "comparison shows" : "comparisons show");
			if (n_more_few)
				buf_printf(&t, " (%d of them with fewer than %lld people in a group)",
					   n_more_few, (long long)r->set.min_den);
			buf_puts(&t, h->parts ? "; they are marked in the tables of each "
					       "characteristic's page."
					     : "; they are marked in the tables below.");
			put_text(h, "p", buf_str(&t));
			buf_putc(b, '\n');
			buf_reset(&t);
		}
	}

	if (n_low > 0) {
		shown = n_more = 0;
		buf_puts(b, K(h, "<h3 id=\"summary-completeness\">",
			      "<h3 id=\"summary-completeness\" class=\"govuk-heading-m\">"));
		buf_puts(b, "Data completeness below target</h3>\n");
		buf_puts(b, K(h, "<ul class=\"findings\">\n",
			      "<ul class=\"govuk-list govuk-list--bullet parity-report-findings\">\n"));
		for (i = 0; i < r->n_comp; i++) {
			const struct mon_completeness *c = &r->comp[i];
			char pct[32], rec[32], tot[32], ns[32], mi[32];
			if (!below_target(r, c))
				continue;
			if (shown == SUMMARY_MAX) {
				n_more++;
				continue;
			}
			shown++;
			fmt_comp_pct(pct, sizeof pct, r, c);
			fmt_int(rec, sizeof rec, c->recorded);
			fmt_int(tot, sizeof tot, c->total);
			fmt_int(ns, sizeof ns, c->not_stated);
			fmt_int(mi, sizeof mi, c->missing);
			put_where(&t, c->unit);
			put_lower_first(&t, mon_char_label(c->ch));
			buf_printf(&t,
				   " was recorded for %s of %s (%s of %s; %s not stated, %s "
				   "missing), below the target of %g%%.",
				   pct, subject(r), rec, tot, ns, mi,
				   r->set.completeness_target * 100);
			put_item(h, &t);
		}
		buf_puts(b, "</ul>\n");
		if (n_more) {
			buf_printf(&t, "%d more %s below target; see Data completeness %s.",
				   n_more, n_more == 1 ? "is" : "are",
				   h->parts ? "on each characteristic's page" : "below");
			put_text(h, "p", buf_str(&t));
			buf_putc(b, '\n');
			buf_reset(&t);
		}
	}
	buf_free(&t);
	buf_puts(b, "</section>\n");
}

/* -------------------------------------------------------- comparisons */

static void put_tag(struct html *h, const char *cls, const char *text)
{
	struct buf *b = h->b;
	if (h->frag)
		buf_printf(b, "<strong class=\"govuk-tag parity-report-tag %s\">",
			   !strcmp(cls, "tag-flag")	 ? "govuk-tag--red"
			   : !strcmp(cls, "tag-adverse") ? "govuk-tag--orange"
							 : "govuk-tag--grey");
	else
		buf_printf(b, "<span class=\"tag %s\">", cls);
	esc_html(b, text);
	buf_puts(b, K(h, "</span> ", "</strong> "));
}

/* A count for a table cell: "suppressed" when the source table hid it. */
static void fmt_count(char *out, size_t n, int64_t v, unsigned unknown, unsigned bit)
{
	if (unknown & bit)
		snprintf(out, n, "suppressed");
	else
		fmt_int(out, n, v);
}

static void status_cell(struct html *h, const struct mon_settings *set,
			const struct mon_comparison *c)
{
	struct buf *b = h->b;
	td_open(h);
	if (c->unknown)
		put_tag(h, "tag-grey", "not available");
	else if (c->data_group)
		put_tag(h, "tag-grey", "not tested");
	else {
		/* outside the band on the printed counts, maybe not on the true ones */
		int rounding = c->within_rounding && isfinite(c->rr) &&
			       (c->rr < set->band_low || c->rr > set->band_high);
		if (rounding)
			put_tag(h, "tag-grey", "within rounding");
		if (c->flag)
			put_tag(h, "tag-flag", "flag");
		if (c->adverse)
			put_tag(h, "tag-adverse", "adverse impact");
		if (c->too_few)
			put_tag(h, "tag-grey", "too few");
		if (!c->flag && !c->adverse && !c->too_few && !rounding)
			esc_html(b, DASH);
	}
	buf_puts(b, "</td>");
}

static void comparison_row(struct html *h, const struct mon_settings *set,
			   const struct mon_comparison *c, int unit_start)
{
	struct buf *b = h->b;
	char s[128], x[32], y[32], z[32];

	const char *kind = c->data_group ? K(h, "muted", "parity-report-muted")
			   : c->flag	 ? K(h, "flagged", "parity-report-flagged")
					 : NULL;
	const char *start = K(h, "unit-start", "parity-report-unit-start");
	char cls[96];

	snprintf(cls, sizeof cls, "%s%s%s", kind ? kind : "", kind && unit_start ? " " : "",
		 unit_start ? start : "");
	tr_open(h, cls[0] ? cls : NULL);
	th_row(h, unit_label(c->unit));
	td(h, c->group);
	td(h, c->reference);
	fmt_count(x, sizeof x, c->num, c->unknown, MON_UNK_NUM);
	fmt_count(y, sizeof y, c->den, c->unknown, MON_UNK_DEN);
	snprintf(s, sizeof s, "%s / %s", x, y);
	td_num(h, s);
	fmt_rate_per(s, sizeof s, c->rate, h->per);
	td_num(h, s);
	fmt_rate_per(s, sizeof s, c->ref_rate, h->per);
	td_num(h, s);
	if (isfinite(c->rr)) {
		fmt2(x, sizeof x, c->rr);
		fmt2(y, sizeof y, c->rr_low);
		fmt2(z, sizeof z, c->rr_high);
		if (isfinite(c->rr_low) && isfinite(c->rr_high))
			snprintf(s, sizeof s, "%s (%s" DASH "%s)", x, y, z);
		else if (isfinite(c->rr_low))
			snprintf(s, sizeof s, "%s (%s or more)", x, y);
		else
			snprintf(s, sizeof s, "%s", x);
	} else if (c->available && c->num > 0)
		snprintf(s, sizeof s, "not defined");
	else if (!c->available)
		snprintf(s, sizeof s, "not available");
	else
		snprintf(s, sizeof s, DASH);
	td_num(h, s);
	fmt_p(s, sizeof s, c->p);
	td_num(h, s);
	fmt_p(s, sizeof s, c->p_adj);
	td_num(h, s);
	fmt2(s, sizeof s, c->impact_ratio);
	td_num(h, s);
	status_cell(h, set, c);
	buf_puts(b, "</tr>\n");
}

static void comparison_block(struct html *h, const struct mon_report *r, enum mon_char ch,
			     int o, const size_t *idx, size_t n)
{
	static const char *const cols[] = {
		"Unit", "~Group", "~Compared with", "#Number / out of", "#Rate", "#Reference rate",
		"#Relative rate (CI)", "#p", "#Adjusted p", "#Impact ratio", "Status"};
	struct buf *b = h->b;
	struct buf t = BUF_INIT, cap = BUF_INIT;
	struct svg_forest_row *rows = xcalloc(n, sizeof *rows);
	char **labels = xcalloc(n, sizeof *labels);
	const char *oname = outcome_name(r, o);
	const struct ds_outcome *oc = r->ds && o < r->ds->n_outcomes ? &r->ds->outcomes[o] : NULL;
	const struct mon_comparison *first = &r->cmp[idx[0]];
	struct svg_forest f;
	size_t i;
	int units = 0;
	char lo[32], hi[32];

	for (i = 0; i < n; i++)
		units |= !is_all(r->cmp[idx[i]].unit);
	buf_printf(&t, "%s: %s", mon_char_label(ch), oname);
	buf_printf(b, "<h3 id=\"cmp-%s-%d\"%s>", mon_char_name(ch), o,
		   K(h, "", " class=\"govuk-heading-m\""));
	esc_html(b, buf_str(&t));
	buf_puts(b, "</h3>\n");
	buf_reset(&t);

	if (first->favourable)
		buf_printf(&t,
			   "A higher rate is better for this outcome. The four-fifths rule "
			   "applies: the impact ratio is the group's rate divided by the highest "
			   "rate, and below %g is adverse impact.",
			   r->set.four_fifths);
	else
		buf_printf(&t,
			   "A lower rate is better for this outcome. The four-fifths rule applies "
			   "in mirror: the impact ratio is the lowest rate divided by the group's "
			   "rate, and below %g is adverse impact.",
			   r->set.four_fifths);
	if (oc && oc->stage >= 0 && oc->stage < r->ds->n_outcomes)
		buf_printf(&t, " Rates are out of the people at the stage before (%s).",
			   r->ds->outcomes[oc->stage].name);
	else
		buf_puts(&t, " Rates are out of everyone in the data.");
	put_text(h, "p", buf_str(&t));
	buf_putc(b, '\n');
	buf_reset(&t);

	buf_printf(&cap, "%s: %s, by %sgroup, with %g%% confidence intervals", mon_char_label(ch),
		   oname, units ? "unit and " : "", r->set.confidence * 100);
	open_table(h, buf_str(&cap), 1);
	thead(h, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < n; i++)
		comparison_row(h, &r->set, &r->cmp[idx[i]],
			       i > 0 && strcmp(r->cmp[idx[i]].unit, r->cmp[idx[i - 1]].unit) != 0);
	close_table(h);

	for (i = 0; i < n; i++) {
		const struct mon_comparison *c = &r->cmp[idx[i]];
		if (units)
			buf_printf(&t, "%s: %s", unit_label(c->unit), c->group);
		else
			buf_puts(&t, c->group);
		labels[i] = buf_take(&t);
		rows[i].label = labels[i];
		rows[i].est = c->rr;
		rows[i].low = c->rr_low;
		rows[i].high = c->rr_high;
		rows[i].highlight = c->flag;
		rows[i].muted = c->data_group;
		rows[i].rule_above = i > 0 && strcmp(c->unit, r->cmp[idx[i - 1]].unit) != 0;
	}
	buf_reset(&cap);
	buf_printf(&cap, "Relative rates, %s: %s, by %sgroup", mon_char_label(ch), oname,
		   units ? "unit and " : "");
	f.title = buf_str(&cap);
	f.rows = rows;
	f.n_rows = n;
	f.band_low = r->set.band_low;
	f.band_high = r->set.band_high;
	f.axis_label = "Relative rate (log scale): 1 means the same rate as the reference group";
	fmt_short(lo, sizeof lo, r->set.band_low);
	fmt_short(hi, sizeof hi, r->set.band_high);
	buf_printf(&t,
		   "Each square is a group's relative rate and the line through it its %g%% "
		   "confidence interval. The solid line at 1 means the same rate as the "
		   "reference group; differences inside the shaded band (%s" DASH "%s) are "
		   "never flagged. Red diamonds are flags. Hollow grey squares are Not "
		   "stated or Missing: shown, but not tested.",
		   r->set.confidence * 100, lo, hi);
	if (r->rounded > 0)
		buf_printf(&t, " Counts rounded to the nearest %lld: intervals and p-values are "
			   "approximate.", (long long)r->rounded);
	buf_puts(b, K(h, "<figure>\n", "<figure class=\"parity-chart parity-report-figure\">\n"));
	put_caption(h, buf_str(&cap), buf_str(&t));
	svg_forest(b, &f);
	buf_puts(b, "</figure>\n");

	for (i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(rows);
	buf_free(&t);
	buf_free(&cap);
}

static void comparisons(struct html *h, const struct mon_report *r)
{
	struct buf *b = h->b;
	size_t *idx, i, n;
	int o, max_o = 0;
	enum mon_char ch;

	if (r->n_cmp == 0)
		return;
	idx = xcalloc(r->n_cmp, sizeof *idx);
	for (i = 0; i < r->n_cmp; i++)
		if (r->cmp[i].outcome + 1 > max_o)
			max_o = r->cmp[i].outcome + 1;
	open_section(h, "comparisons", "Comparisons by group");
	{
		struct buf t = BUF_INIT;
		char md[32];
		fmt_int(md, sizeof md, r->set.min_den);
		/* the four-fifths rule as analysis.c applies it (docs/methods.md):
		 * mirrored for outcomes where a lower rate is better, and the best
		 * rate only from groups big enough, so a smaller group's ratio can
		 * be above 1 (issue 15: the page said "divided by the highest
		 * group's rate" beside ratios of 1.92 for breaches) */
		buf_printf(&t,
			   "Each table compares every group with a reference group, unit by unit. "
			   "Rate is the share of the group with the outcome; the relative rate is "
			   "the group's rate divided by the reference group's rate, with its "
			   "confidence interval in brackets. p is the chance of a difference this "
			   "large if there were none; adjusted p allows for the many comparisons in "
			   "this report. The impact ratio (the four-fifths rule) sets each group "
			   "against the group that does best in its unit: where a higher rate is "
			   "better, it is the group's rate divided by the highest rate; where a "
			   "lower rate is better, the lowest rate divided by the group's rate. "
			   "Only a group of at least %s people, and at least 2%% of those in the "
			   "unit, can set the highest or lowest rate, so a smaller group that does "
			   "better has a ratio above 1. " "\xe2\x80\x9c" DASH "\xe2\x80\x9d "
			   "means not applicable.",
			   md);
		put_text(h, "p", buf_str(&t));
		buf_free(&t);
	}
	buf_putc(b, '\n');
	for (ch = 0; ch < MC_COUNT; ch++)
		for (o = 0; o < max_o; o++) {
			n = 0;
			/* "All" first, then the units in report order */
			for (i = 0; i < r->n_cmp; i++)
				if (r->cmp[i].ch == ch && r->cmp[i].outcome == o &&
				    is_all(r->cmp[i].unit))
					idx[n++] = i;
			for (i = 0; i < r->n_cmp; i++)
				if (r->cmp[i].ch == ch && r->cmp[i].outcome == o &&
				    !is_all(r->cmp[i].unit))
					idx[n++] = i;
			if (n)
				comparison_block(h, r, ch, o, idx, n);
		}
	buf_puts(b, "</section>\n");
	free(idx);
}

/* ------------------------------------------------------- completeness */

static void completeness(struct html *h, const struct mon_report *r)
{
	static const char *const cols[] = {"Unit", "Characteristic", "#Recorded", "#Not stated",
					   "#Missing", "#Total", "#Recorded share", "Status"};
	struct buf *b = h->b;
	struct buf t = BUF_INIT, t2 = BUF_INIT;
	struct svg_bar *bars;
	size_t i, n;
	enum mon_char ch;
	double target = r->set.completeness_target * 100;
	char s[64];

	if (r->n_comp == 0)
		return;
	open_section(h, "completeness", "Data completeness");
	buf_printf(&t,
		   "The share of records with a recorded answer for each characteristic. "
		   "Not stated (the person chose not to say) and Missing (nothing recorded) "
		   "count against it. The target is %g%%.",
		   target);
	put_text(h, "p", buf_str(&t));
	buf_putc(b, '\n');
	buf_reset(&t);
	buf_printf(&t, "Recorded share of each characteristic, by unit (target %g%%)", target);
	open_table(h, buf_str(&t), 1);
	buf_reset(&t);
	thead(h, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < r->n_comp; i++) {
		const struct mon_completeness *c = &r->comp[i];
		tr_open(h, i > 0 && strcmp(c->unit, r->comp[i - 1].unit) != 0
				   ? K(h, "unit-start", "parity-report-unit-start")
				   : NULL);
		th_row(h, unit_label(c->unit));
		td(h, mon_char_label(c->ch));
		fmt_count(s, sizeof s, c->recorded, c->unknown, 1u << MK_RECORDED);
		td_num(h, s);
		fmt_count(s, sizeof s, c->not_stated, c->unknown, 1u << MK_NOT_STATED);
		td_num(h, s);
		fmt_count(s, sizeof s, c->missing, c->unknown, 1u << MK_MISSING);
		td_num(h, s);
		fmt_count(s, sizeof s, c->total, c->unknown, 7u);
		td_num(h, s);
		fmt_comp_pct(s, sizeof s, r, c);
		td_num(h, s);
		td_open(h);
		if (below_target(r, c))
			put_tag(h, "tag-adverse", "below target");
		else
			esc_html(b, DASH);
		buf_puts(b, "</td></tr>\n");
	}
	close_table(h);

	bars = xcalloc(r->n_comp, sizeof *bars);
	for (ch = 0; ch < MC_COUNT; ch++) {
		n = 0;
		for (i = 0; i < r->n_comp; i++) {
			const struct mon_completeness *c = &r->comp[i];
			if (c->ch != ch)
				continue;
			bars[n].label = unit_label(c->unit);
			bars[n].value = c->pct;
			bars[n].highlight = below_target(r, c);
			bars[n].note = bars[n].highlight ? "below target" : NULL;
			n++;
		}
		if (!n)
			continue;
		buf_printf(&t, "%s recorded, by unit", mon_char_label(ch));
		buf_printf(&t2,
			   "The share of records with a recorded answer in each unit. The "
			   "dashed line is the target of %g%%; red bars are below it.",
			   target);
		buf_puts(b, K(h, "<figure>\n", "<figure class=\"parity-chart parity-report-figure\">\n"));
		put_caption(h, buf_str(&t), buf_str(&t2));
		svg_bars(b, buf_str(&t), bars, n, target, "Target");
		buf_reset(&t);
		buf_reset(&t2);
		buf_puts(b, "</figure>\n");
	}
	free(bars);
	buf_free(&t);
	buf_free(&t2);
	buf_puts(b, "</section>\n");
}

/* ----------------------------------------------------------- pay gaps */

static void pay_gaps(struct html *h, const struct mon_report *r)
{
	static const char *const cols[] = {
		"Group", "Compared with", "#People in group", "#People compared with",
		"#On full pay: group", "#On full pay: compared with",
		"#Mean hourly pay gap", "#Median hourly pay gap", "#Mean bonus gap",
		"#Median bonus gap", "#Paid a bonus: group", "#Paid a bonus: compared with"};
	static const char *const qcols[] = {"Group", "#Lowest paid quarter",
					    "#Lower middle quarter", "#Upper middle quarter",
					    "#Highest paid quarter"};
	struct buf *b = h->b;
	size_t i;
	int k;
	char s[64];

	if (r->n_pay == 0)
		return;
	open_section(h, "pay", "Pay gaps");
	put_text(h, "p",
		 "A pay gap is the difference between the average hourly pay of the group "
		 "it is compared with and the group's own, as a percentage of the former: a "
		 "positive gap means the group is paid less per hour on average (a 10% gap "
		 "means 90p for every \xc2\xa3" "1), a negative gap means it is paid more. "
		 "Bonus gaps work the same way on bonus pay. As the gender pay gap "
		 "regulations have it, the bonus figures count everyone, and the hourly pay "
		 "gaps and pay quarters only the people on full pay whose hourly pay is "
		 "known.");
	buf_putc(b, '\n');
	open_table(h, "Hourly pay and bonus gaps", 1);
	thead(h, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < r->n_pay; i++) {
		const struct mon_paygap *p = &r->pay[i];
		tr_open(h, NULL);
		th_row(h, p->group);
		td(h, p->comparator);
		fmt_int(s, sizeof s, p->n_all);
		td_num(h, s);
		fmt_int(s, sizeof s, p->n_all_ref);
		td_num(h, s);
		fmt_int(s, sizeof s, p->n);
		td_num(h, s);
		fmt_int(s, sizeof s, p->n_ref);
		td_num(h, s);
		fmt_pct(s, sizeof s, p->mean_gap);
		td_num(h, s);
		fmt_pct(s, sizeof s, p->median_gap);
		td_num(h, s);
		fmt_pct(s, sizeof s, p->bonus_mean_gap);
		td_num(h, s);
		fmt_pct(s, sizeof s, p->bonus_median_gap);
		td_num(h, s);
		fmt_pct(s, sizeof s, p->bonus_share);
		td_num(h, s);
		fmt_pct(s, sizeof s, p->bonus_share_ref);
		td_num(h, s);
		buf_puts(b, "</tr>\n");
	}
	close_table(h);
	put_text(h, "p",
		 "Pay quarters: everyone on full pay is ranked by hourly pay and split into "
		 "four equal groups (people on the same pay who fall either side of a split "
		 "are shared between the two quarters in proportion). The table shows what "
		 "share of each quarter the group makes up; a fair spread gives similar "
		 "shares in every quarter.");
	buf_putc(b, '\n');
	open_table(h, "Share of each pay quarter, lowest paid first", 0);
	thead(h, qcols, sizeof qcols / sizeof qcols[0]);
	for (i = 0; i < r->n_pay; i++) {
		const struct mon_paygap *p = &r->pay[i];
		tr_open(h, NULL);
		th_row(h, p->group);
		for (k = 0; k < 4; k++) {
			fmt_pct(s, sizeof s, p->quartile_share[k]);
			td_num(h, s);
		}
		buf_puts(b, "</tr>\n");
	}
	close_table(h);
	buf_puts(b, "</section>\n");
}

/* ----------------------------------------------------- representation */

static void representation(struct html *h, const struct mon_report *r)
{
	static const char *const ucols[] = {"Unit", "Group", "#Number", "#Out of", "#Share",
					    "#Benchmark", "#Ratio"};
	static const char *const gcols[] = {"Grade", "Group", "#Number", "#Out of", "#Share",
					    "#Benchmark", "#Ratio"};
	struct buf *b = h->b;
	struct buf t = BUF_INIT;
	enum mon_char ch;
	size_t i, prev;
	int g, any, bench = 0;
	char s[64];

	if (r->n_rep == 0)
		return;
	for (i = 0; i < r->n_rep; i++)
		bench |= isfinite(r->rep[i].benchmark);
	open_section(h, "representation", "Representation");
	put_text(h, "p",
		 bench ? "Each group's share of the people who gave an answer, against its share "
			 "of the community benchmark where one was given. Ratio is share "
			 "divided by benchmark: 1 means represented as in the community, below "
			 "1 under-represented, above 1 over-represented."
		 : h->frag ? "Each group's share of the people who gave an answer. No community "
			     "benchmark was given for this report, so shares cannot be compared "
			     "with the community."
		       : "Each group's share of the people who gave an answer. No community "
			 "benchmark was given for this report, so shares cannot be compared "
			 "with the community.");
	buf_putc(b, '\n');
	for (ch = 0; ch < MC_COUNT; ch++)
		for (g = 0; g <= 1; g++) {
			any = 0;
			for (i = 0; i < r->n_rep; i++)
				any |= r->rep[i].ch == ch && r->rep[i].by_grade == g;
			if (!any)
				continue;
			buf_printf(&t, "%s: share by %s%s", mon_char_label(ch),
				   g ? "grade" : "unit", bench ? ", against the benchmark" : "");
			open_table(h, buf_str(&t), 0);
			buf_reset(&t);
			thead(h, g ? gcols : ucols, bench ? 7 : 5);
			prev = r->n_rep;
			for (i = 0; i < r->n_rep; i++) {
				const struct mon_representation *p = &r->rep[i];
				if (p->ch != ch || p->by_grade != g)
					continue;
				tr_open(h, prev < r->n_rep && strcmp(r->rep[prev].unit, p->unit)
						   ? K(h, "unit-start", "parity-report-unit-start")
						   : NULL);
				prev = i;
				th_row(h, g ? p->unit : unit_label(p->unit));
				td(h, p->group);
				fmt_int(s, sizeof s, p->n);
				td_num(h, s);
				fmt_int(s, sizeof s, p->total);
				td_num(h, s);
				fmt_pct(s, sizeof s, p->share);
				td_num(h, s);
				if (bench) {
					fmt_pct(s, sizeof s, p->benchmark);
					td_num(h, s);
					fmt2(s, sizeof s, p->ratio);
					td_num(h, s);
				}
				buf_puts(b, "</tr>\n");
			}
			close_table(h);
		}
	buf_free(&t);
	buf_puts(b, "</section>\n");
}

/* ------------------------------------------------------------- trends */

/* s percent-encoded for a URL path segment (all but A-Z a-z 0-9 - . _ ~). */
static void put_url_part(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~')
			buf_putc(b, (char)c);
		else
			buf_printf(b, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

/* Flags recorded in the database that are not closed: what was found,
 * its state, the latest explanation and the linked plan action. */
static void open_flags(struct html *h, const struct mon_report *r)
{
	static const char *const cols[] = {"Flag", "Period", "Unit", "Finding", "Relative rate",
					   "State", "Explanation", "Action"};
	struct buf *b = h->b;
	size_t i;
	char rr[32], id[32], pw[PERIOD_WORDS];
	if (!r->n_flag_views)
		return;
	open_section(h, "flags", "Flags not closed");
	put_text(h, "p", h->frag ? "A flag is open until someone explains it or acts on it; it "
				   "is then explained or actioned, and stays listed here until "
				   "someone closes it. Open a flag to deal with it. The "
				   "explanation is the latest one someone gave; a finding also "
				   "flagged in an earlier period says so."
				 : "A flag is open until someone explains it or acts on it; it "
				   "is then explained or actioned, and stays listed here until "
				   "someone closes it. The explanation is the latest one someone "
				   "gave; a finding also flagged in an earlier period says so.");
	open_table(h, "Flags not closed (open, explained or actioned), newest period first", 1);
	thead(h, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < r->n_flag_views; i++) {
		const struct mon_flag_view *f = &r->flags[i];
		struct buf t = BUF_INIT;
		snprintf(id, sizeof id, "#%lld", (long long)f->id);
		/* a flag another room raised has no relative rate: its rr is
		 * the measure's value (flag_raise.c) */
		fmt2(rr, sizeof rr, f->source ? NAN : f->rr);
		tr_open(h, NULL);
		if (h->frag && h->flag_href) {
			buf_puts(b, "<th scope=\"row\" class=\"govuk-table__header "
				    "parity-report-rowhead\"><a class=\"govuk-link\" href=\"");
			esc_html(b, h->flag_href);
			buf_printf(b, "%lld\">", (long long)f->id);
			esc_html(b, id);
			buf_puts(b, "</a></th>");
		} else {
			th_row(h, id);
		}
		period_words(f->period, pw);
		td(h, pw);
		td(h, f->unit);
		/* the finding, and (issue 15) that it recurs, said as what it
		 * is rather than as someone's explanation */
		if (f->source)
			buf_puts(&t, f->finding);
		else
			buf_printf(&t, "%s: %s vs %s, %s", f->characteristic, f->group,
				   f->reference, f->outcome);
		if (!f->prev_id && !(h->frag && f->href)) {
			td(h, buf_str(&t));
		} else {
			td_open(h);
			esc_html(b, buf_str(&t));
			if (h->frag && f->href) {
				/* the page about it (a path of this site) */
				buf_puts(b, " <a class=\"govuk-link\" href=\"");
				esc_html(b, f->href);
				buf_puts(b, "\">");
				buf_reset(&t);
				mon_flag_ext_see(&t, f->source);
				esc_html(b, buf_str(&t));
				buf_puts(b, "</a>");
			}
			if (f->prev_id) {
				buf_puts(b, h->frag ? "<br><span class=\"govuk-body-s\">" : "<br>");
				buf_reset(&t);
				if (f->prev_period)
					period_words(f->prev_period, pw);
				buf_printf(&t, "Also flagged in %s, ",
					   f->prev_period ? pw : "an earlier period");
				esc_html(b, buf_str(&t));
				buf_reset(&t);
				buf_printf(&t, "flag #%lld", (long long)f->prev_id);
				if (h->frag && h->flag_href) {
					buf_puts(b, "<a class=\"govuk-link\" href=\"");
					esc_html(b, h->flag_href);
					buf_printf(b, "%lld\">", (long long)f->prev_id);
					esc_html(b, buf_str(&t));
					buf_puts(b, "</a>");
				} else {
					esc_html(b, buf_str(&t));
				}
				if (h->frag)
					buf_puts(b, "</span>");
			}
			buf_puts(b, "</td>");
		}
		td_num(h, rr);
		if (h->frag) {
			td_open(h);
			mon_flag_state_tag(b, f->state);
			buf_puts(b, "</td>");
		} else {
			char st[16];
			snprintf(st, sizeof st, "%s", f->state ? f->state : "");
			if (st[0] >= 'a' && st[0] <= 'z')
				st[0] = (char)(st[0] - 'a' + 'A');
			td(h, st);
		}
		td(h, f->note ? f->note : "\u2013");
		if (h->frag && h->action_href && f->action) {
			td_open(h);
			buf_puts(b, "<a class=\"govuk-link\" href=\"");
			esc_html(b, h->action_href);
			put_url_part(b, f->action);
			buf_puts(b, "\">");
			esc_html(b, f->action);
			buf_puts(b, "</a></td>");
		} else {
			td(h, f->action ? f->action : "\u2013");
		}
		buf_puts(b, "</tr>\n");
		buf_free(&t);
	}
	close_table(h);
	buf_puts(b, "</section>\n");
}

/* Charted: every flag with earlier periods, and adverse impact among
 * enough people (the first TREND_MAX_ADVERSE of those). */
static int has_trend(const struct mon_comparison *c)
{
	return c->n_trend > 0 && (c->flag || (c->adverse && !c->too_few));
}

static void trends(struct html *h, const struct mon_report *r)
{
	struct buf *b = h->b;
	struct svg_point pts[MON_MAX_TREND + 1];
	struct buf t = BUF_INIT, t2 = BUF_INIT;
	size_t i;
	int k, any = 0, n_adverse = 0, n_more = 0;

	for (i = 0; i < r->n_cmp; i++)
		any |= has_trend(&r->cmp[i]);
	if (!any)
		return;
	open_section(h, "trends", "Trends");
	put_text(h, "p",
		 "How the relative rate of each flag, and of adverse impact among enough "
		 "people, has moved over the periods on record, ending with this one. The "
		 "line at 1 means the same rate as the reference group.");
	buf_puts(b, K(h, "\n<div class=\"trends\">\n", "\n<div class=\"parity-report-trends\">\n"));
	for (i = 0; i < r->n_cmp; i++) {
		const struct mon_comparison *c = &r->cmp[i];
		int n = 0;
		if (!has_trend(c))
			continue;
		if (!c->flag && n_adverse++ >= TREND_MAX_ADVERSE) {
			n_more++;
			continue;
		}
		for (k = 0; k < c->n_trend && k < MON_MAX_TREND; k++) {
			pts[n].label = c->trend_period[k];
			pts[n].value = c->trend_rr[k];
			n++;
		}
		pts[n].label = r->period;
		pts[n].value = c->rr;
		n++;
		buf_printf(&t, "%s: %s compared with %s", unit_label(c->unit), c->group,
			   c->reference);
		buf_printf(&t2, "%s, %s; relative rate by period%s.", mon_char_label(c->ch),
			   outcome_name(r, c->outcome),
			   c->flag ? " (flagged this period)" : " (adverse impact this period)");
		buf_puts(b, K(h, "<figure>\n", "<figure class=\"parity-chart parity-report-figure\">\n"));
		put_caption(h, buf_str(&t), buf_str(&t2));
		buf_printf(&t, ", %s, %s: relative rate by period", mon_char_label(c->ch),
			   outcome_name(r, c->outcome));
		svg_line(b, buf_str(&t), pts, (size_t)n, 1.0);
		buf_reset(&t);
		buf_reset(&t2);
		buf_puts(b, "</figure>\n");
	}
	buf_puts(b, "</div>\n");
	if (n_more) {
		buf_printf(&t,
			   "%d more %s adverse impact %s a trend; each trend is in the "
			   "spreadsheet version of this report (Comparisons sheet, trend "
			   "column).",
			   n_more, n_more == 1 ? "finding with" : "findings with",
			   n_more == 1 ? "has" : "have");
		put_text(h, "p", buf_str(&t));
		buf_putc(b, '\n');
	}
	buf_free(&t);
	buf_free(&t2);
	buf_puts(b, "</section>\n");
}

/* ------------------------------------------------------------- method */

static const char *reference_words(enum mon_ref ref)
{
	switch (ref) {
	case REF_HIGHEST: return "the group with the highest rate in each unit";
	case REF_REST: return "everyone else (all other recorded groups together)";
	case REF_OVERALL: return "everyone with a recorded answer (the overall rate)";
	default: return "White for ethnicity; the largest group for other characteristics";
	}
}

static void setting(struct html *h, const char *name, const char *value)
{
	struct buf *b = h->b;
	tr_open(h, NULL);
	th_row(h, name);
	td(h, value);
	buf_puts(b, "</tr>\n");
}

/* The method rows of a count table's suppressed and rounded counts. */
static void counts_settings(struct html *h, const struct mon_report *r, struct buf *t)
{
	size_t i;
	int unknown = 0;
	for (i = 0; i < r->n_cmp; i++)
		unknown |= r->cmp[i].unknown != 0;
	for (i = 0; i < r->n_comp; i++)
		unknown |= r->comp[i].unknown != 0;
	if (unknown)
		setting(h, "Suppressed counts",
			"a count the source table suppressed is not known: a comparison that "
			"needs it (its own counts, its reference group's, or a total that would "
			"include it) is not available, never tested and never flagged");
	if (r->rounded > 0) {
		buf_printf(t,
			   "counts rounded to the nearest %lld: intervals and p-values are "
			   "approximate; a difference is not flagged when, for some true counts "
			   "within the rounding, its relative rate would be inside the band",
			   (long long)r->rounded);
		setting(h, "Rounded counts", buf_str(t));
		buf_reset(t);
	}
}

static void method(struct html *h, const struct mon_report *r)
{
	static const char *const cols[] = {"Setting", "Used in this report"};
	struct buf *b = h->b;
	const struct mon_settings *s = &r->set;
	struct buf t = BUF_INIT;
	size_t i;
	int n_tested = 0;
	char lo[32], hi[32];

	for (i = 0; i < r->n_cmp; i++)
		n_tested += r->cmp[i].tested;
	open_section(h, "method", "Method");
	open_table(h, "Settings used for this report", 1);
	thead(h, cols, 2);
	{
		/* the usual reference, less the characteristics whose own rows
		 * follow (issue 15: it said "White for ethnicity" above a row
		 * saying Black) */
		int any = 0;
		for (int c = 0; c < MC_COUNT; c++)
			any |= s->char_ref[c].set;
		if (!any)
			setting(h, "Reference group", reference_words(s->reference));
		else if (s->reference == REF_DEFAULT && s->char_ref[MC_ETHNICITY].set)
			setting(h, "Reference group", "the largest group, for each characteristic "
						      "without a row of its own below");
		else if (s->reference == REF_DEFAULT)
			setting(h, "Reference group", "White for ethnicity; the largest group for "
						      "the other characteristics without a row of "
						      "their own below");
		else {
			buf_printf(&t, "%s, for each characteristic without a row of its own "
				       "below", reference_words(s->reference));
			setting(h, "Reference group", buf_str(&t));
			buf_reset(&t);
		}
	}
	for (int c = 0; c < MC_COUNT; c++) {
		const char *g;
		if (!s->char_ref[c].set)
			continue;
		(void)mon_settings_ref(s, (enum mon_char)c, &g);
		buf_printf(&t, "Reference group for %s", mon_char_label((enum mon_char)c));
		setting(h, buf_str(&t), mon_settings_ref_words(s, (enum mon_char)c));
		buf_reset(&t);
	}
	buf_printf(&t,
		   "%g%% confidence interval of the relative rate: by the log method "
		   "(Katz) when each of the four counts of a comparison is at least 5, "
		   "otherwise by the score method (Miettinen" DASH "Nurminen), which stays "
		   "valid when a count is 0. The relative rate itself is always the observed "
		   "one; it is not defined when no one in the reference group had the outcome",
		   s->confidence * 100);
	setting(h, "Confidence", buf_str(&t));
	buf_reset(&t);
	setting(h, "Significance test",
		"Fisher's exact test when any expected count is below 5, otherwise the "
		"two-proportion z test");
	fmt_int(lo, sizeof lo, n_tested);
	buf_printf(&t, "%s, across all %s tests in this report",
		   s->adjust == ADJ_BH ? "Benjamini" DASH "Hochberg (false discovery rate)"
				       : "Holm",
		   lo);
	setting(h, "Adjustment for many comparisons", buf_str(&t));
	buf_reset(&t);
	buf_printf(&t, "%g: a difference can be flagged only when its adjusted p is below this",
		   s->alpha);
	setting(h, "Significance level (alpha)", buf_str(&t));
	buf_reset(&t);
	fmt_short(lo, sizeof lo, s->band_low);
	fmt_short(hi, sizeof hi, s->band_high);
	buf_printf(&t, "%s to %s: relative rates inside it are never flagged", lo, hi);
	setting(h, "Band", buf_str(&t));
	buf_reset(&t);
	buf_printf(&t,
		   "%g: each group's rate is divided by the highest rate of any group (where a "
		   "higher rate is better), or the lowest rate by the group's rate (where a "
		   "lower rate is better); below %g is adverse impact. Only groups with at "
		   "least %lld people and 2%% of those at that stage can set the highest or "
		   "lowest rate; Not stated and Missing are never assessed",
		   s->four_fifths, s->four_fifths, (long long)s->min_den);
	setting(h, "Four-fifths rule", buf_str(&t));
	buf_reset(&t);
	buf_printf(&t,
		   "%lld in both groups: below it a comparison is marked \xe2\x80\x9ctoo "
		   "few\xe2\x80\x9d and never flagged",
		   (long long)s->min_den);
	setting(h, "Minimum group size", buf_str(&t));
	buf_reset(&t);
	if (s->per == 1000)
		setting(h, "Rates", "per 1,000 people");
	buf_printf(&t, "%g%% of records with a recorded answer", s->completeness_target * 100);
	setting(h, "Completeness target", buf_str(&t));
	buf_reset(&t);
	counts_settings(h, r, &t);
	close_table(h);
	buf_printf(&t,
		   "A flag is raised when all three hold: the adjusted p is below %g, the "
		   "relative rate is outside %s" DASH "%s, and both groups have at least %lld "
		   "people.",
		   s->alpha, lo, hi, (long long)s->min_den);
	put_text(h, "p", buf_str(&t));
	buf_putc(b, '\n');
	put_text(h, "p",
		 "Not stated (the person chose not to say) and Missing (nothing was recorded) "
		 "are shown as groups of their own and never dropped. Their rates are shown "
		 "for information; they are not tested and never flagged.");
	buf_free(&t);
	buf_puts(b, "\n</section>\n");
}

/* --------------------------------------------------------------- page */

/* The contents list and every section, for both forms. */
static void body(struct html *h, const struct mon_report *r)
{
	struct buf *b = h->b;
	size_t i;
	int any = 0;
	const char *li = K(h, "<li><a href=\"#", "<li><a class=\"govuk-link\" href=\"#");

	if (h->frag)
		buf_puts(b, "<nav aria-label=\"Contents\" class=\"parity-report-contents\">"
			    "<h2 class=\"govuk-heading-m\">Contents</h2>"
			    "<ol class=\"govuk-list govuk-list--number\">");
	else
		buf_puts(b, "<nav aria-label=\"Contents\"><h2>Contents</h2><ol>");
	buf_printf(b, "%ssummary\">Summary</a></li>", li);
	if (r->n_flag_views)
		buf_printf(b, "%sflags\">Flags not closed</a></li>", li);
	if (r->n_cmp)
		buf_printf(b, "%scomparisons\">Comparisons by group</a></li>", li);
	if (r->n_comp)
		buf_printf(b, "%scompleteness\">Data completeness</a></li>", li);
	if (r->n_pay)
		buf_printf(b, "%spay\">Pay gaps</a></li>", li);
	if (r->n_rep)
		buf_printf(b, "%srepresentation\">Representation</a></li>", li);
	for (i = 0; i < r->n_cmp; i++)
		any |= has_trend(&r->cmp[i]);
	if (any)
		buf_printf(b, "%strends\">Trends</a></li>", li);
	buf_printf(b, "%smethod\">Method</a></li></ol></nav>\n", li);

	summary(h, r);
	open_flags(h, r);
	comparisons(h, r);
	completeness(h, r);
	pay_gaps(h, r);
	representation(h, r);
	trends(h, r);
	method(h, r);
}

/* "Equality monitoring of service users: 20,000 records for July to
 * September 2011." */
static void lede(struct buf *t, const struct mon_report *r)
{
	char rows[32], pw[PERIOD_WORDS];
	fmt_int(rows, sizeof rows, r->rows);
	period_words(r->period ? r->period : "", pw);
	buf_printf(t, "Equality monitoring of %s: %s records for %s.", subject(r), rows, pw);
}

void mon_flag_state_tag(struct buf *b, const char *state)
{
	const char *s = state ? state : "";
	const char *colour = !strcmp(s, "open")	     ? "govuk-tag--red"
			     : !strcmp(s, "explained") ? "govuk-tag--blue"
			     : !strcmp(s, "actioned")  ? "govuk-tag--green"
						       : "govuk-tag--grey";
	buf_printf(b, "<strong class=\"govuk-tag parity-report-tag %s\">", colour);
	if (s[0] >= 'a' && s[0] <= 'z')
		buf_putc(b, (char)(s[0] - 'a' + 'A'));
	else if (s[0])
		buf_putc(b, s[0]);
	esc_html(b, s[0] ? s + 1 : "");
	buf_puts(b, "</strong>");
}

/* Append the whole HTML document for report r to b. r->ds names the
 * outcomes (may be NULL: they are then called "outcome"). Allocates only
 * inside b. Returns 0, or ERR_DATA when b passed its size cap. */
int mon_render_html(const struct mon_report *r, struct buf *b, struct err *e)
{
	struct html h = {b, 0, NULL, NULL, r->set.per, 0};
	struct buf t = BUF_INIT;
	char pw[PERIOD_WORDS];

	period_words(r->period ? r->period : "", pw);
	buf_printf(&t, "Diversity report " "\xe2\x80\x94" " %s " "\xe2\x80\x94" " %s",
		   mon_web_dataset_label(r->dataset ? r->dataset : ""), pw);
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	put_text(&h, "title", buf_str(&t));
	buf_printf(b, "\n<style>%s</style>\n</head>\n<body>\n<main>\n", css);
	put_text(&h, "h1", buf_str(&t));
	buf_reset(&t);
	lede(&t, r);
	buf_puts(b, "\n<p class=\"lede\">");
	esc_html(b, buf_str(&t));
	buf_puts(b, "</p>\n");
	buf_free(&t);
	body(&h, r);
	buf_puts(b, "<footer><p>Produced by parity. The method section above says how each "
		    "figure was worked out.</p></footer>\n</main>\n</body>\n</html>\n");
	if (b->failed)
		return err_set(e, ERR_INTERNAL, "the HTML report is too large to build (%s, %s)",
			       r->dataset ? r->dataset : "", r->period ? r->period : "");
	return 0;
}

/* The report's opening in a page: its box and the lede paragraph. */
static void open_with_lede(struct buf *b, const struct mon_report *r)
{
	struct buf t = BUF_INIT;
	lede(&t, r);
	buf_puts(b, "<div class=\"parity-report\">\n<p class=\"govuk-body-l\">");
	esc_html(b, buf_str(&t));
	buf_puts(b, "</p>\n");
	buf_free(&t);
}

/* 0, or an error when b ran out of room while a part was written. */
static int fragment_done(const struct buf *b, const struct mon_report *r, struct err *e)
{
	if (b->failed)
		return err_set(e, ERR_INTERNAL, "the report is too large to show (%s, %s)",
			       r->dataset ? r->dataset : "", r->period ? r->period : "");
	return 0;
}

int mon_render_html_fragment(const struct mon_report *r, const char *flag_href,
			     const char *action_href, struct buf *b, struct err *e)
{
	struct html h = {b, 1, flag_href, action_href, r->set.per, 0};

	open_with_lede(b, r);
	body(&h, r);
	buf_puts(b, "</div>\n");
	return fragment_done(b, r, e);
}

/* ------------------------------------------------- the report in parts */

/* The overview of the report split into pages (issue 15: one page was up
 * to 193,000 px tall): the lede, the summary with the headline findings,
 * the open flags and the method. */
int mon_render_html_overview(const struct mon_report *r, const char *flag_href,
			     const char *action_href, struct buf *b, struct err *e)
{
	struct html h = {b, 1, flag_href, action_href, r->set.per, 1};

	open_with_lede(b, r);
	summary(&h, r);
	open_flags(&h, r);
	method(&h, r);
	buf_puts(b, "</div>\n");
	return fragment_done(b, r, e);
}

/* Copy into out (allocated) the n items of v for which cond(item) holds. */
#define KEEP(out, n_out, v, n, cond)                                          \
	do {                                                                   \
		size_t k_;                                                     \
		(out) = xcalloc((n) ? (n) : 1, sizeof *(out));                 \
		(n_out) = 0;                                                   \
		for (k_ = 0; k_ < (n); k_++)                                   \
			if (cond((v)[k_]))                                     \
				(out)[(n_out)++] = (v)[k_];                    \
	} while (0)

int mon_report_char_count(const struct mon_report *r, enum mon_char c)
{
	size_t i;
	int n = 0;
	for (i = 0; i < r->n_cmp; i++)
		n += r->cmp[i].ch == c;
	for (i = 0; i < r->n_comp; i++)
		n += r->comp[i].ch == c;
	for (i = 0; i < r->n_rep; i++)
		n += r->rep[i].ch == c;
	for (i = 0; i < r->n_pay; i++)
		n += r->pay[i].by == c;
	return n;
}

int mon_render_html_char(const struct mon_report *r, enum mon_char c, const char *flag_href,
			 const char *action_href, struct buf *b, struct err *e)
{
	struct html h = {b, 1, flag_href, action_href, r->set.per, 0};
	struct mon_report v = *r; /* the same report, with c's items only */
	const char *name = mon_char_name(c);

#define IS_C(x) ((x).ch == c)
#define IS_PAY(x) ((x).by == c)
#define IS_FLAG(x) (!strcmp((x).characteristic, name))
	KEEP(v.cmp, v.n_cmp, r->cmp, r->n_cmp, IS_C);
	KEEP(v.impact, v.n_impact, r->impact, r->n_impact, IS_C);
	KEEP(v.comp, v.n_comp, r->comp, r->n_comp, IS_C);
	KEEP(v.rep, v.n_rep, r->rep, r->n_rep, IS_C);
	KEEP(v.pay, v.n_pay, r->pay, r->n_pay, IS_PAY);
	KEEP(v.flags, v.n_flag_views, r->flags, r->n_flag_views, IS_FLAG);
#undef IS_C
#undef IS_PAY
#undef IS_FLAG
	buf_puts(b, "<div class=\"parity-report\">\n");
	open_flags(&h, &v);
	comparisons(&h, &v);
	completeness(&h, &v);
	pay_gaps(&h, &v);
	representation(&h, &v);
	trends(&h, &v);
	buf_puts(b, "</div>\n");
	free(v.cmp);
	free(v.impact);
	free(v.comp);
	free(v.rep);
	free(v.pay);
	free(v.flags);
	return fragment_done(b, r, e);
}
