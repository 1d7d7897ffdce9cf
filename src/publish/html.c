/*
 * publish/html.c: the tables of a release as accessible HTML (GOV.UK
 * Frontend classes): one table per characteristic and outcome, units as
 * rows and groups as columns, each cell "12 of 40" with the rate under
 * it when both counts are published, a withheld count as [c] (the
 * Government Statistical Service's mark for confidential), and the notes
 * that explain it. The public release page and the check-answers page of
 * /publish write these; `publish tables --format html` writes the
 * standalone page (pub_html_page), which needs no other file.
 *
 * Every name (unit, group, outcome, dataset) goes through esc_html. A
 * suppressed cell's value is -1 in struct pub_cell, so no true count of
 * one can be written here.
 */
#include <stdio.h>
#include <string.h>

#include "core/escape.h"
#include "core/period.h"
#include "core/str.h"
#include "monitor/monitor.h"
#include "publish/internal.h"
#include "publish/pages.h"

const char *pub_char_words(const struct pub_tables *t, size_t ch)
{
	return ch < t->n_chars ? monitor_char_label(t->char_name[ch]) : "";
}

void pub_outcome_words(const struct pub_tables *t, size_t o, char *out, size_t size)
{
	int of = o < t->n_outcomes ? t->of[o] : -1;
	if (o >= t->n_outcomes) {
		snprintf(out, size, "%s", "");
		return;
	}
	if (of >= 0 && (size_t)of < t->n_outcomes)
		snprintf(out, size, "%s, out of those %s", t->outcome[o], t->outcome[of]);
	else
		snprintf(out, size, "%s, out of everyone", t->outcome[o]);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

void pub_release_date(const char *iso, char out[48])
{
	char *comma;
	date_when_uk(iso ? iso : "", out);
	if ((comma = strchr(out, ',')) != NULL)
		*comma = '\0';
}

void pub_release_title(const char *dataset, const char *period, char *out, size_t size)
{
	char pw[PERIOD_WORDS];
	period_words(period, pw);
	snprintf(out, size, "%s, %s", monitor_dataset_label(dataset), pw);
}

static const char *group_name(const struct pub_tables *t, size_t ch, size_t g)
{
	if (g == PUB_ALL)
		return "All";
	return g < t->n_groups[ch] ? t->groups[ch][g] : "";
}

static const char *unit_name(const struct pub_tables *t, size_t u)
{
	if (u == 0)
		return "All units";
	return u < t->n_units ? t->units[u] : "";
}

static const char *why_words(const struct pub_cell *c)
{
	if (c->status == PUB_SECONDARY)
		return "protects another cell";
	switch (c->why) {
	case PUB_WHY_ALL_OR_NONE:
		return "everyone or no one";
	case PUB_WHY_RATE:
		return "rate of a small group";
	default:
		return "small number";
	}
}

/* One count: its value, or [c] (and, in a draft, why). */
static void count_html(const struct pub_cell *c, int draft, struct buf *b)
{
	char n[32];
	if (!c) {
		buf_puts(b, "..");
		return;
	}
	if (c->status != PUB_PUBLISHED || c->value < 0) {
		buf_puts(b, "<span class=\"parity-suppressed\">[c]</span>");
		if (draft) {
			buf_puts(b, " <span class=\"parity-why\">(");
			buf_puts(b, why_words(c));
			buf_puts(b, ")</span>");
		}
		return;
	}
	str_count(n, c->value);
	buf_puts(b, n);
}

static void one_table(const struct pub_tables *t, size_t k, size_t o, int draft, struct buf *b)
{
	char ow[160];
	size_t u, g, ng = t->n_groups[k];
	pub_outcome_words(t, o, ow, sizeof ow);
	buf_printf(b, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		      "aria-label=\"");
	esc_html(b, pub_char_words(t, k));
	buf_puts(b, ": ");
	esc_html(b, ow);
	buf_puts(b, "\">\n<table class=\"govuk-table parity-pub-table\">\n"
		    "<caption class=\"govuk-table__caption govuk-table__caption--s\">");
	esc_html(b, pub_char_words(t, k));
	buf_puts(b, ": ");
	esc_html(b, ow);
	buf_puts(b, "</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Unit</th>");
	for (g = 0; g <= ng; g++) {
		buf_puts(b, "<th scope=\"col\" class=\"govuk-table__header "
			    "govuk-table__header--numeric\">");
		esc_html(b, group_name(t, k, g == ng ? PUB_ALL : g));
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (u = 0; u < t->n_units; u++) {
		buf_puts(b, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
			    "class=\"govuk-table__header\">");
		esc_html(b, unit_name(t, u));
		buf_puts(b, "</th>");
		for (g = 0; g <= ng; g++) {
			size_t gg = g == ng ? PUB_ALL : g;
			double rate;
			buf_puts(b, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
			count_html(pub_cell_find(t, u, k, gg, o, PUB_NUMERATOR), draft, b);
			buf_puts(b, " of ");
			count_html(pub_cell_find(t, u, k, gg, o, PUB_DENOMINATOR), draft, b);
			if (pub_rate(t, u, k, gg, o, &rate) == 1)
				buf_printf(b, "<br><span class=\"parity-rate\">%.1f%%</span>",
					   rate * 100.0);
			buf_puts(b, "</td>");
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n</div>\n");
}

void pub_html_tables_as(const struct pub_tables *t, const struct pub_html_opts *o,
			struct buf *b)
{
	size_t k, q;
	int h = o->heading >= 2 && o->heading <= 5 ? o->heading : 2;
	const char *cls = h <= 3 ? "govuk-heading-m" : "govuk-heading-s";
	if (o->contents && !o->only && t->n_chars > 1) {
		buf_puts(b, "<nav aria-label=\"Tables\"><ul class=\"govuk-list\">\n");
		for (k = 0; k < t->n_chars; k++) {
			buf_printf(b, "<li><a class=\"govuk-link\" href=\"#char-%zu\">", k);
			esc_html(b, pub_char_words(t, k));
			buf_puts(b, "</a></li>\n");
		}
		buf_puts(b, "</ul></nav>\n");
	}
	for (k = 0; k < t->n_chars; k++) {
		if (o->only && k != o->only_char)
			continue;
		buf_printf(b, "<h%d class=\"%s\" id=\"char-%zu\">", h, cls, k);
		esc_html(b, pub_char_words(t, k));
		buf_printf(b, "</h%d>\n", h);
		for (q = 0; q < t->n_outcomes; q++)
			one_table(t, k, q, o->draft, b);
	}
}

void pub_html_tables(const struct pub_tables *t, struct buf *b)
{
	struct pub_html_opts o = {0, 2, 0, 0, 0};
	pub_html_tables_as(t, &o, b);
}

void pub_html_notes(const struct pub_tables *t, int h, struct buf *b)
{
	const struct pub_rules *r = &t->rules;
	buf_printf(b, "<h%d class=\"%s\" id=\"about\">About these tables</h%d>\n", h,
		   h == 2 ? "govuk-heading-m" : "govuk-heading-s", h);
	buf_puts(b, "<p class=\"govuk-body\">Each cell gives how many people in a group had the "
		    "outcome, out of how many people in that group, and under it the rate as a "
		    "percentage. The All column adds up every group, including Not stated (people "
		    "who chose not to say) and Missing (no answer recorded). The All units row "
		    "adds up every unit.</p>\n");
	buf_puts(b, "<p class=\"govuk-body\"><strong>[c]</strong> means the number is "
		    "confidential: it is withheld so that no one can be identified from these "
		    "tables. This is the Government Statistical Service's convention. We withhold:"
		    "</p>\n<ul class=\"govuk-list govuk-list--bullet\">\n");
	if (r->threshold > 1)
		buf_printf(b, "<li>any count from 1 to %d, because a small number of people can "
			      "be recognised (a 0 is shown: it means no one)</li>\n",
			   r->threshold - 1);
	if (r->all_or_none == PUB_AON_ALL)
		buf_printf(b, "<li>a count of everyone in a group of fewer than %d people who "
			      "had the outcome, because it would tell you about each of them"
			      "</li>\n",
			   r->small_group);
	else if (r->all_or_none == PUB_AON_BOTH)
		buf_printf(b, "<li>a count of everyone, or of no one, in a group of fewer than %d "
			      "people who had the outcome, because it would tell you about each of "
			      "them</li>\n",
			   r->small_group);
	buf_puts(b, "<li>some larger counts as well, so that a withheld number cannot be worked "
		    "out by taking the other numbers away from a total, in these tables or in "
		    "tables published earlier for the same months (this is called secondary "
		    "suppression)</li>\n"
		    "<li>a rate whenever either of its counts is withheld</li>\n</ul>\n");
	if (r->rounding > 1)
		buf_printf(b, "<p class=\"govuk-body\">Counts are rounded to the nearest %d. Totals "
			      "are rounded from the exact figures, so the rounded groups may not add "
			      "up exactly to the rounded total. Rates are worked out from the rounded "
			      "counts.</p>\n",
			   r->rounding);
	else
		buf_puts(b, "<p class=\"govuk-body\">Counts are exact: they are not rounded.</p>\n");
}

static const char page_style[] =
	"body{font-family:arial,sans-serif;margin:0 auto;max-width:960px;padding:15px;"
	"color:#0b0c0c;line-height:1.3}"
	"table{border-collapse:collapse;margin-bottom:30px}"
	"caption{text-align:left;font-weight:bold;padding:5px 0}"
	"th,td{border-bottom:1px solid #b1b4b6;padding:6px 10px 6px 0;vertical-align:top}"
	".govuk-table__header--numeric,.govuk-table__cell--numeric{text-align:right}"
	"thead th{text-align:left}"
	".parity-table-scroll{overflow-x:auto;max-width:100%}"
	".parity-rate{color:#505a5f;font-size:90%}"
	"a{color:#1d70b8}";

void pub_html_page(const struct pub_tables *t, struct buf *b)
{
	struct pub_html_opts o = {0, 2, 1, 0, 0};
	char when[48], title[160];
	pub_release_title(t->dataset, t->period, title, sizeof title);
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>Equality tables: ");
	esc_html(b, title);
	buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<h1>Equality tables: ",
		   page_style);
	esc_html(b, title);
	buf_puts(b, "</h1>\n");
	if (t->released_at[0]) {
		pub_release_date(t->released_at, when);
		buf_puts(b, "<p>Published ");
		esc_html(b, when);
		buf_puts(b, ".</p>\n");
	} else if (!t->release_id) {
		buf_puts(b, "<p><strong>Draft: not published.</strong> These are the tables that "
			    "would be published.</p>\n");
	}
	pub_html_notes(t, 2, b);
	pub_html_tables_as(t, &o, b);
	buf_puts(b, "</main>\n</body>\n</html>\n");
}
