/*
 * publish/web_release.c: releasing equality tables from the web, for
 * accounts with the publish capability — /publish (what is published, and
 * the start), /publish/new (which data, then which period and rules: GOV.UK
 * question pages), /publish/check (check your answers: the draft, how many
 * numbers are withheld, which and why) and POST /publish/release, which
 * builds the draft again inside its transaction and freezes it (the CLI's
 * `publish release`; a period already published is replaced only with a
 * reason, as --replace --reason).
 *
 * The draft comes from pub_draft, whose withheld cells hold -1: the check
 * page cannot show a withheld number's true value, only that it is
 * withheld and why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/period.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/monitor.h"
#include "publish/internal.h"
#include "publish/pages.h"
#include "web/web.h"

/* What the forms sent. */
struct choice {
	const char *dataset, *period, *threshold, *rounding, *replace, *reason;
	struct pub_rules rules;
	char period_text[PERIOD_TEXT];
	struct web_field_error errs[4];
	int n_errs;
	char msg[4][300];
};

static void add_error(struct choice *c, const char *field, const char *msg)
{
	if (c->n_errs >= 4)
		return;
	snprintf(c->msg[c->n_errs], sizeof c->msg[0], "%s", msg);
	c->errs[c->n_errs].field_id = field;
	c->errs[c->n_errs].message = c->msg[c->n_errs];
	c->n_errs++;
}

static void choice_read(struct web_req *rq, struct choice *c)
{
	memset(c, 0, sizeof *c);
	c->dataset = web_param(rq, "dataset");
	c->period = web_param(rq, "period");
	c->threshold = web_param(rq, "threshold");
	c->rounding = web_param(rq, "rounding");
	c->replace = web_param(rq, "replace");
	c->reason = web_param(rq, "reason");
	pub_rules_default(&c->rules);
}

/* The dataset is one with imports. */
static int dataset_known(store_t *db, const char *dataset, int *known, struct err *e)
{
	char (*names)[64] = NULL;
	size_t n = 0, i;
	int rc;
	*known = 0;
	if ((rc = monitor_datasets(db, &names, &n, e)) < 0)
		return rc;
	for (i = 0; dataset && i < n; i++)
		if (!strcmp(names[i], dataset))
			*known = 1;
	free(names);
	return 0;
}

/* Check the period, threshold and rounding; errors into c. */
static void choice_check(struct choice *c)
{
	struct period p;
	long v;
	if (str_blank(c->period) || period_parse(c->period, &p, NULL) < 0)
		add_error(c, "period", "Select the period to publish");
	else
		snprintf(c->period_text, sizeof c->period_text, "%s", p.text);
	if (!str_blank(c->threshold)) {
		if (str_to_int(c->threshold, 2, 1000, &v) < 0)
			add_error(c, "threshold", "The smallest number shown must be a whole number "
					       "from 2 to 1000, such as 10");
		else
			c->rules.threshold = (int)v;
	}
	if (c->rounding && !strcmp(c->rounding, "5"))
		c->rules.rounding = 5;
	else if (c->rounding && *c->rounding && strcmp(c->rounding, "0"))
		add_error(c, "rounding", "Select whether to round counts");
}

/* ---- GET /publish --------------------------------------------------------*/

int pub_web_home(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct pub_release_row *rows = NULL;
	size_t n = 0, i;
	long page, n_pages;
	int rc;
	if ((rc = pub_list(rq->db, &rows, &n, e)) < 0)
		return rc;
	web_page_begin(rq, rs, "Publish equality tables", SEC_PUBLISH);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Publish equality tables</h1>\n"
		    "<p class=\"govuk-body\">Publishing puts a period's equality tables on the "
		    "public pages, where anyone can read and download them. Small numbers are "
		    "withheld so that no one can be identified, and so are the numbers that would "
		    "let someone work them out, in these tables or with tables published before. "
		    "You see what will be withheld, and why, before you publish.</p>\n"
		    "<a href=\"/publish/new\" role=\"button\" draggable=\"false\" class=\"govuk-button "
		    "govuk-button--start\" data-module=\"govuk-button\">Start<svg "
		    "class=\"govuk-button__start-icon\" xmlns=\"http://www.w3.org/2000/svg\" width=\"17.5\" "
		    "height=\"19\" viewBox=\"0 0 33 40\" aria-hidden=\"true\" focusable=\"false\"><path "
		    "fill=\"currentColor\" d=\"M0 0h13l20 20-20 20H0l20-20z\"/></svg></a>\n"
		    "<h2 class=\"govuk-heading-m\">Published so far</h2>\n");
	if (n == 0) {
		web_raw(rs, "<p class=\"govuk-body\">Nothing has been published yet.</p>\n");
	} else {
		page = web_page_param(rq, (long)n, WEB_PAGE_ROWS, &n_pages);
		web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
			    "aria-label=\"Published tables\">\n<table class=\"govuk-table\">\n"
			    "<caption class=\"govuk-table__caption govuk-visually-hidden\">Published "
			    "tables</caption>\n<thead class=\"govuk-table__head\"><tr "
			    "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">"
			    "Tables</th><th scope=\"col\" class=\"govuk-table__header\">Published</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">By</th><th scope=\"col\" "
			    "class=\"govuk-table__header govuk-table__header--numeric\">Numbers withheld"
			    "</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
		for (i = (size_t)(page - 1) * WEB_PAGE_ROWS;
		     i < n && i < (size_t)page * WEB_PAGE_ROWS; i++) {
			struct buf href = BUF_INIT;
			char title[160], when[48], sup[32], all[32];
			pub_release_title(rows[i].dataset, rows[i].period, title, sizeof title);
			date_when_uk(rows[i].released_at, when);
			str_count(sup, rows[i].suppressed);
			str_count(all, rows[i].cells);
			buf_puts(&href, "/public/releases/");
			web_urlenc(&href, rows[i].dataset);
			buf_putc(&href, '/');
			web_urlenc(&href, rows[i].period);
			web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
				       "<a class=\"govuk-link\" href=\"%s\">%s</a>%s</td>"
				       "<td class=\"govuk-table__cell\">%s</td>"
				       "<td class=\"govuk-table__cell\">%s</td>"
				       "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s of %s"
				       "</td></tr>\n",
				   buf_str(&href), title, rows[i].replaced ? " (replaced earlier tables)" : "",
				   when, rows[i].released_by, sup, all);
			buf_free(&href);
		}
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
		web_pagination(rs, "/publish?", page, n_pages);
	}
	web_page_end(rq, rs);
	free(rows);
	return 0;
}

/* ---- GET /publish/new ----------------------------------------------------*/

static int dataset_page(struct web_req *rq, struct web_resp *rs, struct choice *c,
			struct err *e)
{
	char (*names)[64] = NULL;
	struct web_choice *opts;
	size_t n = 0, i;
	struct web_field f = {"dataset", NULL, "Which data do you want to publish tables of?",
			      NULL, c->dataset, NULL, NULL};
	int rc;
	if ((rc = monitor_datasets(rq->db, &names, &n, e)) < 0)
		return rc;
	web_page_begin(rq, rs, c->n_errs ? "Error: Which data? - Publish equality tables"
					 : "Which data? - Publish equality tables",
		       SEC_PUBLISH);
	web_raw(rs, "<a href=\"/publish\" class=\"govuk-back-link\">Publish equality tables</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, c->errs, c->n_errs);
	if (n == 0) {
		web_raw(rs, "<h1 class=\"govuk-heading-l\">There is no data to publish</h1>\n"
			    "<p class=\"govuk-body\">Tables are made from imported monitoring data. "
			    "<a class=\"govuk-link\" href=\"/monitoring\">Import monitoring data</a> "
			    "first.</p>\n");
	} else {
		opts = xcalloc(n, sizeof *opts);
		for (i = 0; i < n; i++) {
			opts[i].value = names[i];
			opts[i].label = monitor_dataset_label(names[i]);
		}
		/* "asked": a form sent without a choice is an error, not a
		 * first visit */
		web_raw(rs, "<form method=\"get\" action=\"/publish/new\" novalidate>\n"
			    "<input type=\"hidden\" name=\"asked\" value=\"1\">\n");
		web_radios(rs, &f, opts, n, 1, c->errs, c->n_errs);
		web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			    "Continue</button>\n</form>\n");
		free(opts);
	}
	web_raw(rs, "</div></div>\n");
	web_page_end(rq, rs);
	free(names);
	return 0;
}

/* The periods that can be published for dataset: each imported one, and
 * each calendar and financial year holding one, newest first. */
struct offer {
	struct period p;
	char words[PERIOD_WORDS];
};

static int offer_cmp(const void *a, const void *b)
{
	return -period_cmp(&((const struct offer *)a)->p, &((const struct offer *)b)->p);
}

static void offer_add(struct offer **v, size_t *n, size_t *cap, const char *text)
{
	struct period p;
	size_t i;
	if (period_parse(text, &p, NULL) < 0)
		return;
	for (i = 0; i < *n; i++)
		if (!strcmp((*v)[i].p.text, p.text))
			return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[*n].p = p;
	period_words(p.text, (*v)[*n].words);
	(*n)++;
}

static int offers(store_t *db, const char *dataset, struct offer **out, size_t *n, struct err *e)
{
	char (*periods)[24] = NULL;
	size_t np = 0, i, cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if ((rc = monitor_periods(db, dataset, &periods, &np, e)) < 0)
		return rc;
	for (i = 0; i < np; i++)
		offer_add(out, n, &cap, periods[i]);
	for (i = 0; i < np; i++) {
		struct period p;
		char y[24];
		int yr;
		if (period_parse(periods[i], &p, NULL) < 0 ||
		    (p.kind != PERIOD_MONTH && p.kind != PERIOD_QUARTER))
			continue;
		snprintf(y, sizeof y, "%04d", p.start.y % 10000);
		offer_add(out, n, &cap, y);
		yr = p.start.m >= 4 ? p.start.y : p.start.y - 1;
		if (yr < 1000 || yr > 9998)
			continue;
		snprintf(y, sizeof y, "FY%04d-%02d", yr, (yr + 1) % 100);
		/* a quarter that crosses no year boundary lies in one financial year */
		offer_add(out, n, &cap, y);
	}
	free(periods);
	if (*n)
		qsort(*out, *n, sizeof **out, offer_cmp);
	return 0;
}

static int period_page(struct web_req *rq, struct web_resp *rs, struct choice *c, struct err *e)
{
	struct offer *v = NULL;
	struct pub_release_row *rows = NULL;
	size_t n = 0, nr = 0, i, j;
	char title[200], th[16];
	struct web_choice *opts;
	char (*hints)[120];
	int rc;
	struct web_field fp = {"period", NULL, "Period", NULL, c->period, NULL, NULL};
	struct web_field ft = {"threshold", NULL, "Smallest number shown",
			       "Counts from 1 up to one less than this are withheld. Keep 10 unless "
			       "you have a reason to change it.",
			       c->threshold, "govuk-input--width-4", "inputmode=\"numeric\" "
			       "spellcheck=\"false\""};
	struct web_field fr = {"rounding", NULL, "Round the counts?", NULL,
			       c->rounding ? c->rounding : "0", NULL, NULL};
	static const struct web_choice round_opts[] = {
		{"0", "No, publish exact counts", NULL},
		{"5", "Yes, round to the nearest 5",
		 "Rounding hides more, but totals may not add up exactly."},
	};

	if ((rc = offers(rq->db, c->dataset, &v, &n, e)) < 0 ||
	    (rc = pub_list(rq->db, &rows, &nr, e)) < 0)
		goto done;
	snprintf(th, sizeof th, "%d", c->rules.threshold);
	if (!ft.value)
		ft.value = th;
	snprintf(title, sizeof title, "%sWhich period? - Publish equality tables",
		 c->n_errs ? "Error: " : "");
	web_page_begin(rq, rs, title, SEC_PUBLISH);
	web_raw(rs, "<a href=\"/publish/new\" class=\"govuk-back-link\">Which data</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, c->errs, c->n_errs);
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n"
		       "<h1 class=\"govuk-heading-l\">Which period do you want to publish?</h1>\n",
		   monitor_dataset_label(c->dataset));
	web_raw(rs, "<form method=\"get\" action=\"/publish/check\" novalidate>\n");
	web_printf(rs, "<input type=\"hidden\" name=\"dataset\" value=\"%s\">\n", c->dataset);
	opts = xcalloc(n + 1, sizeof *opts);
	hints = xcalloc(n + 1, sizeof *hints);
	for (i = 0; i < n; i++) {
		opts[i].value = v[i].p.text;
		opts[i].label = v[i].words;
		for (j = 0; j < nr; j++)
			if (!strcmp(rows[j].dataset, c->dataset) && !strcmp(rows[j].period, v[i].p.text)) {
				char when[48];
				pub_release_date(rows[j].released_at, when);
				snprintf(hints[i], sizeof hints[i], "Published %s: publishing it again "
					 "replaces it", when);
				opts[i].hint = hints[i];
			}
		if (!opts[i].hint && (v[i].p.kind == PERIOD_YEAR || v[i].p.kind == PERIOD_FY))
			opts[i].hint = "Adds up the periods imported within it";
	}
	fp.label = "Period";
	if (n <= 6) {
		fp.width = NULL;
		web_radios(rs, &fp, opts, n, 0, c->errs, c->n_errs);
	} else {
		const char **vals = xcalloc(n + 1, sizeof *vals), **labs = xcalloc(n + 1, sizeof *labs);
		char (*lab)[PERIOD_WORDS + 32] = xcalloc(n + 1, sizeof *lab);
		vals[0] = "";
		labs[0] = "Choose a period";
		for (i = 0; i < n; i++) {
			vals[i + 1] = opts[i].value;
			snprintf(lab[i], sizeof lab[i], "%s%s", opts[i].label,
				 opts[i].hint && strstr(opts[i].hint, "Published") ? " (published)" : "");
			labs[i + 1] = lab[i];
		}
		fp.hint = "A year adds up the periods imported within it. A period already "
			  "published is replaced when you publish it again.";
		web_select(rs, &fp, vals, labs, n + 1, c->errs, c->n_errs);
		free(vals);
		free(labs);
		free(lab);
	}
	web_input(rs, &ft, "text", c->errs, c->n_errs);
	web_radios(rs, &fr, round_opts, 2, 0, c->errs, c->n_errs);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Continue</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
	free(opts);
	free(hints);
done:
	free(v);
	free(rows);
	return rc;
}

int pub_web_new(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct choice c;
	int known = 0, rc;
	choice_read(rq, &c);
	if (c.dataset || web_param(rq, "asked")) {
		if ((rc = dataset_known(rq->db, c.dataset, &known, e)) < 0)
			return rc;
		if (known)
			return period_page(rq, rs, &c, e);
		add_error(&c, "dataset", "Select the data to publish tables of");
	}
	return dataset_page(rq, rs, &c, e);
}

/* ---- GET /publish/check ---------------------------------------------------*/

static void summary_row(struct web_resp *rs, const char *key, const char *value,
			const char *change)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd>",
		   key, value);
	if (change)
		web_printf(rs, "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" "
			       "href=\"%s\">Change<span class=\"govuk-visually-hidden\"> %s</span></a>"
			       "</dd>",
			   change, key);
	web_raw(rs, "</div>\n");
}

/* How many numbers each table withholds, and why (never their values):
 * a row per characteristic and outcome. */
static void withheld_list(struct web_resp *rs, const struct pub_tables *t)
{
	size_t k, o, i;
	web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		    "aria-label=\"Numbers withheld in each table\">\n<table class=\"govuk-table\">\n"
		    "<caption class=\"govuk-table__caption govuk-table__caption--s\">Numbers "
		    "withheld in each table</caption>\n<thead class=\"govuk-table__head\"><tr "
		    "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">"
		    "Table</th><th scope=\"col\" class=\"govuk-table__header "
		    "govuk-table__header--numeric\">Small numbers</th><th scope=\"col\" "
		    "class=\"govuk-table__header govuk-table__header--numeric\">Everyone or no one in "
		    "a small group</th><th scope=\"col\" class=\"govuk-table__header "
		    "govuk-table__header--numeric\">To protect them</th></tr></thead>\n"
		    "<tbody class=\"govuk-table__body\">\n");
	for (k = 0; k < t->n_chars; k++)
		for (o = 0; o < t->n_outcomes; o++) {
			long long small = 0, aon = 0, sec = 0;
			char ow[160], a[32], b[32], c[32];
			for (i = 0; i < t->n_cells; i++) {
				const struct pub_cell *x = &t->cells[i];
				if (x->ch != k || x->outcome != o || x->status == PUB_PUBLISHED)
					continue;
				if (x->status == PUB_SECONDARY)
					sec++;
				else if (x->why == PUB_WHY_ALL_OR_NONE)
					aon++;
				else
					small++;
			}
			pub_outcome_words(t, o, ow, sizeof ow);
			str_count(a, small);
			str_count(b, aon);
			str_count(c, sec);
			web_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
				       "class=\"govuk-table__header\">%s: %s</th><td class=\"govuk-table__cell "
				       "govuk-table__cell--numeric\">%s</td><td class=\"govuk-table__cell "
				       "govuk-table__cell--numeric\">%s</td><td class=\"govuk-table__cell "
				       "govuk-table__cell--numeric\">%s</td></tr>\n",
				   pub_char_words(t, k), ow, a, b, c);
		}
	web_raw(rs, "</tbody>\n</table>\n</div>\n<p class=\"govuk-body\">The tables below mark "
		    "each withheld number [c], with why.</p>\n");
}

/* The check page for c (checked), with the draft t; errs of the replace
 * question in c. released: the period's release date, or NULL. */
static void check_page(struct web_req *rq, struct web_resp *rs, struct choice *c,
		       const struct pub_tables *t, const char *released)
{
	struct buf b = BUF_INIT, ch = BUF_INIT;
	struct pub_html_opts o = {1, 3, 1, 0, 0};
	char title[200], pw[PERIOD_WORDS], n1[32], n2[32], n3[32];
	size_t i;
	struct web_field frep = {"replace", NULL, "Replace the published tables?", NULL, c->replace,
				 NULL, NULL};
	struct web_field freason = {"reason", NULL, "Why are you replacing them?",
				    "Kept in the audit log, for example: the data for one unit "
				    "was imported again after a correction.",
				    c->reason, NULL, NULL};
	static const struct web_choice rep_opts[] = {
		{"yes", "Yes, replace them with these tables", NULL},
		{"no", "No, keep the tables published now", NULL},
	};

	snprintf(title, sizeof title, "%sCheck before publishing - Publish equality tables",
		 c->n_errs ? "Error: " : "");
	web_page_begin(rq, rs, title, SEC_PUBLISH);
	buf_puts(&ch, "/publish/new?dataset=");
	web_urlenc(&ch, t->dataset);
	web_printf(rs, "<a href=\"%s\" class=\"govuk-back-link\">Which period</a>\n",
		   buf_str(&ch));
	web_error_summary(rs, c->errs, c->n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Check before publishing</h1>\n"
		    "<p class=\"govuk-body\">Nothing is published yet. These are the tables that will "
		    "appear on the public pages when you publish them.</p>\n"
		    "<dl class=\"govuk-summary-list\">\n");
	summary_row(rs, "Data", monitor_dataset_label(t->dataset), "/publish/new");
	period_words(t->period, pw);
	buf_printf(&ch, "&period=");
	web_urlenc(&ch, t->period);
	buf_printf(&ch, "&threshold=%d&rounding=%d", t->rules.threshold, t->rules.rounding);
	summary_row(rs, "Period", pw, buf_str(&ch));
	if (t->n_covers > 1) {
		for (i = 0; i < t->n_covers; i++) {
			char w[PERIOD_WORDS];
			period_words(t->covers[i], w);
			if (i)
				buf_puts(&b, i + 1 == t->n_covers ? " and " : ", ");
			buf_puts(&b, w);
		}
		summary_row(rs, "Adds up", buf_str(&b), NULL);
		buf_reset(&b);
	}
	buf_printf(&b, "%d (counts from 1 to %d are withheld)", t->rules.threshold,
		   t->rules.threshold - 1);
	summary_row(rs, "Smallest number shown", buf_str(&b), buf_str(&ch));
	buf_reset(&b);
	summary_row(rs, "Rounding", t->rules.rounding > 1 ? "Counts rounded to the nearest 5"
							  : "None: exact counts",
		    buf_str(&ch));
	str_count(n1, (long long)t->n_cells);
	str_count(n2, (long long)t->n_primary);
	str_count(n3, (long long)t->n_secondary);
	buf_printf(&b, "%s numbers; %s withheld because they are small, and %s more to protect them",
		   n1, n2, n3);
	summary_row(rs, "Numbers withheld", buf_str(&b), NULL);
	buf_reset(&b);
	if (released)
		summary_row(rs, "Already published", released, NULL);
	web_raw(rs, "</dl>\n");

	web_raw(rs, "<h2 class=\"govuk-heading-m\">What will be withheld, and why</h2>\n"
		    "<p class=\"govuk-body\">A small number is withheld because a few people can be "
		    "recognised. Other numbers are withheld to protect it: without them, the small "
		    "number could be worked out by taking the others away from a total, in these "
		    "tables or with tables already published for the same months. Each is shown as "
		    "[c] on the public pages; its value is not shown here either.</p>\n");
	if (t->n_primary + t->n_secondary == 0)
		web_raw(rs, "<p class=\"govuk-body\">No number needs to be withheld.</p>\n");
	else
		withheld_list(rs, t);

	web_raw(rs, "<form method=\"post\" action=\"/publish/release\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"dataset\" value=\"%s\">\n"
		       "<input type=\"hidden\" name=\"period\" value=\"%s\">\n"
		       "<input type=\"hidden\" name=\"threshold\" value=\"%d\">\n"
		       "<input type=\"hidden\" name=\"rounding\" value=\"%d\">\n",
		   t->dataset, t->period, t->rules.threshold, t->rules.rounding);
	if (released) {
		web_printf(rs, "<h2 class=\"govuk-heading-m\">%s is already published</h2>\n", pw);
		web_radios(rs, &frep, rep_opts, 2, 0, c->errs, c->n_errs);
		web_textarea(rs, &freason, 3, c->errs, c->n_errs);
	}
	web_raw(rs, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
		    "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
		    "<span class=\"govuk-visually-hidden\">Warning</span> Once published, anyone can "
		    "read and download these tables.</strong></div>\n"
		    "<div class=\"govuk-button-group\">\n<button type=\"submit\" class=\"govuk-button\" "
		    "data-module=\"govuk-button\">Publish these tables</button>\n"
		    "<a class=\"govuk-link\" href=\"/publish\">Cancel</a>\n</div>\n</form>\n");

	web_raw(rs, "<h2 class=\"govuk-heading-m\">The tables as they will be published</h2>\n");
	pub_html_notes(t, 3, &b);
	web_raw(rs, buf_str(&b));
	buf_reset(&b);
	pub_html_tables_as(t, &o, &b);
	web_raw(rs, buf_str(&b));
	web_page_end(rq, rs);
	buf_free(&b);
	buf_free(&ch);
}

/* The release date of (dataset, period) in words into when, or "" when
 * it is not published. */
static int released_when(store_t *db, const char *dataset, const char *period, char when[48],
			 struct err *e)
{
	struct pub_release_row *rows = NULL;
	size_t n = 0, i;
	int rc;
	when[0] = '\0';
	if ((rc = pub_list(db, &rows, &n, e)) < 0)
		return rc;
	for (i = 0; i < n; i++)
		if (!strcmp(rows[i].dataset, dataset) && !strcmp(rows[i].period, period))
			pub_release_date(rows[i].released_at, when);
	free(rows);
	return 0;
}

/* The page saying the tables cannot be published, with why. */
static void cannot_page(struct web_req *rq, struct web_resp *rs, const struct choice *c,
			const char *why)
{
	struct buf back = BUF_INIT;
	buf_puts(&back, "/publish/new?dataset=");
	web_urlenc(&back, c->dataset);
	web_page_begin(rq, rs, "These tables cannot be published - Publish equality tables",
		       SEC_PUBLISH);
	web_printf(rs, "<a href=\"%s\" class=\"govuk-back-link\">Which period</a>\n"
		       "<h1 class=\"govuk-heading-l\">These tables cannot be published</h1>\n"
		       "<p class=\"govuk-body\">%s.</p>\n"
		       "<p class=\"govuk-body\">Nothing has been published. <a class=\"govuk-link\" "
		       "href=\"%s\">Choose another period or other rules</a>.</p>\n",
		   buf_str(&back), why, buf_str(&back));
	web_page_end(rq, rs);
	buf_free(&back);
}

/* Read and check the form; 1 when the page was written (errors), 0 to go
 * on, negative on failure. */
static int choice_load(struct web_req *rq, struct web_resp *rs, struct choice *c, struct err *e)
{
	int known = 0, rc;
	choice_read(rq, c);
	if ((rc = dataset_known(rq->db, c->dataset, &known, e)) < 0)
		return rc;
	if (!known) {
		add_error(c, "dataset", "Select the data to publish tables of");
		c->dataset = NULL;
		if ((rc = dataset_page(rq, rs, c, e)) < 0)
			return rc;
		return 1;
	}
	choice_check(c);
	if (c->n_errs) {
		if ((rc = period_page(rq, rs, c, e)) < 0)
			return rc;
		return 1;
	}
	return 0;
}

int pub_web_check(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct choice c;
	struct pub_tables t;
	char when[48];
	int rc;
	memset(&t, 0, sizeof t);
	if ((rc = choice_load(rq, rs, &c, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = released_when(rq->db, c.dataset, c.period_text, when, e)) < 0)
		return rc;
	rc = pub_draft(rq->db, c.dataset, c.period_text, &c.rules, when[0] != '\0', &t, NULL, NULL,
		       e);
	if (rc == ERR_DATA || rc == ERR_NOTFOUND || rc == ERR_USAGE) {
		cannot_page(rq, rs, &c, e->msg);
		err_clear(e);
		rc = 0;
	} else if (rc == 0) {
		check_page(rq, rs, &c, &t, when[0] ? when : NULL);
	}
	pub_tables_free(&t);
	return rc;
}

/* ---- POST /publish/release ------------------------------------------------*/

int pub_web_release(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct choice c;
	struct pub_tables t;
	struct buf after = BUF_INIT, msg = BUF_INIT, to = BUF_INIT;
	char when[48], title[200], n1[32];
	int64_t id = 0;
	int rc, replace;
	memset(&t, 0, sizeof t);
	if ((rc = choice_load(rq, rs, &c, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = released_when(rq->db, c.dataset, c.period_text, when, e)) < 0)
		return rc;
	replace = when[0] != '\0';
	if (replace) {
		if (!c.replace || (strcmp(c.replace, "yes") && strcmp(c.replace, "no")))
			add_error(&c, "replace", "Select whether to replace the published tables");
		else if (!strcmp(c.replace, "no")) {
			web_flash(rq, "Nothing was published: the tables published before are kept.");
			web_redirect(rs, "/publish");
			return 0;
		} else if (str_blank(c.reason))
			add_error(&c, "reason", "Enter why you are replacing the published tables");
		else if (strlen(c.reason) > 1000)
			add_error(&c, "reason", "The reason must be 1,000 characters or fewer");
		if (c.n_errs) {
			rc = pub_draft(rq->db, c.dataset, c.period_text, &c.rules, 1, &t, NULL, NULL, e);
			if (rc == 0)
				check_page(rq, rs, &c, &t, when);
			else if (rc == ERR_DATA || rc == ERR_NOTFOUND || rc == ERR_USAGE) {
				cannot_page(rq, rs, &c, e->msg);
				err_clear(e);
				rc = 0;
			}
			pub_tables_free(&t);
			return rc;
		}
	}
	if ((rc = web_begin(rq, rs, CAP_PUBLISH, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = pub_draft(rq->db, c.dataset, c.period_text, &c.rules, replace, &t, NULL, NULL, e);
	if (rc == 0)
		rc = pub_release(rq->db, &t, rq->user->name, replace, replace ? c.reason : NULL, &id, e);
	if (rc == ERR_DATA || rc == ERR_NOTFOUND || rc == ERR_USAGE) {
		store_rollback(rq->db);
		cannot_page(rq, rs, &c, e->msg);
		err_clear(e);
		rc = 0;
		goto done;
	}
	if (rc < 0) {
		store_rollback(rq->db);
		goto done;
	}
	pub_release_title(t.dataset, t.period, title, sizeof title);
	{
		json_t *j = json_pack("{s:s, s:s, s:i, s:i, s:I, s:I}", "dataset", t.dataset,
				      "period", t.period, "threshold", t.rules.threshold,
				      "rounding", t.rules.rounding, "withheld",
				      (json_int_t)(t.n_primary + t.n_secondary), "numbers",
				      (json_int_t)t.n_cells);
		char *js;
		if (j && replace)
			json_object_set_new(j, "reason", json_string(c.reason));
		js = j ? json_dumps(j, JSON_SORT_KEYS) : NULL;
		json_decref(j);
		buf_puts(&after, js ? js : "{}");
		free(js);
	}
	if ((rc = web_audit(rq, replace ? "publish.replace" : "publish.release", title, NULL,
			    buf_str(&after), e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		goto done;
	}
	str_count(n1, (long long)(t.n_primary + t.n_secondary));
	buf_printf(&msg, "Published the equality tables for %s, with %s number%s withheld.", title,
		   n1, t.n_primary + t.n_secondary == 1 ? "" : "s");
	web_flash(rq, buf_str(&msg));
	buf_puts(&to, "/public/releases/");
	web_urlenc(&to, t.dataset);
	buf_putc(&to, '/');
	web_urlenc(&to, t.period);
	web_redirect(rs, buf_str(&to));
done:
	pub_tables_free(&t);
	buf_free(&after);
	buf_free(&msg);
	buf_free(&to);
	return rc;
}
