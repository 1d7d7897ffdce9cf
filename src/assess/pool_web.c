/*
 * assess/pool_web.c: a reorganisation's selection pool on the web — the
 * upload page of an impact assessment (/eia/ID/pool), its analysis by the
 * four-fifths rule and monitoring's comparisons (pool.c, the command's
 * own reader and analysis), attached as evidence, and the page of each
 * analysis kept (/eia/ID/pool/N). The assessment's pages
 * (eia_web.c) send these paths here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "assess/pool.h"
#include "assess/pool_web.h"
#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "web/web.h"

#define SEC_EIA "eia"

/* The assessment's title (64 characters kept) and whether it is
 * published; 0, or 1 when there is no such assessment. */
static int eia_head(store_t *db, int64_t id, char title[320], int *published, struct err *e)
{
	store_stmt_t *st;
	int rc;
	if (store_prepare(db, &st, e,
			  "SELECT title, published_at IS NOT NULL FROM eia WHERE id = ?", "i",
			  id) < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1) {
		snprintf(title, 320, "%s", store_col_text(st, 0));
		*published = (int)store_col_int(st, 1);
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	return rc == 1 ? 0 : 1;
}

static void not_found(struct web_req *rq, struct web_resp *rs)
{
	rs->status = 404;
	web_page_begin(rq, rs, "Page not found", SEC_EIA);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Page not found</h1>\n<p class=\"govuk-body\">"
		    "There is no such impact assessment or pool analysis. <a class=\"govuk-link\" "
		    "href=\"/eia\">See the impact assessments</a>.</p>\n");
	web_page_end(rq, rs);
}

/* The upload form, with msg at the file field when there is one. */
static void form_page(struct web_req *rq, struct web_resp *rs, int64_t id, const char *title,
		      int published, const char *msg, const char *sheet, const char *min)
{
	store_stmt_t *st;
	struct err ig;
	int rc, n = 0;
	char back[48];
	err_clear(&ig);
	snprintf(back, sizeof back, "/eia/%lld", (long long)id);
	if (msg)
		rs->status = 400;
	web_page_begin(rq, rs, msg ? "Error: Analyse a selection pool" : "Analyse a selection pool",
		       SEC_EIA);
	web_printf(rs, "<a class=\"govuk-back-link\" href=\"%s\">Back to the assessment</a>\n", back);
	if (msg) {
		struct web_field_error fe = {"file", msg};
		web_error_summary(rs, &fe, 1);
	}
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">"
		       "Analyse a selection pool</h1>\n", title);
	web_raw(rs, "<p class=\"govuk-body\">When a reorganisation puts jobs at risk, check "
		    "whether the way people are chosen for redundancy falls harder on some groups. "
		    "Upload the selection pool: a staff extract with one person a row.</p>\n"
		    "<p class=\"govuk-body\">It needs the columns <strong>at_risk</strong>, "
		    "<strong>selected</strong> and <strong>redeployed</strong>, with yes or no for "
		    "each person, and the protected characteristics (ethnicity, sex, disability, "
		    "religion and others) in the codes or names a monitoring extract uses. Only "
		    "counts are kept, never a person's row.</p>\n<p class=\"govuk-body\">Each group's "
		    "chance of being kept on (and of being redeployed) is held to the four-fifths "
		    "rule, and each group is compared with everyone else. What is found is added to "
		    "the assessment as evidence, one piece for each characteristic, in words that "
		    "never give a count from 1 to 9.</p>\n");
	/* the analyses kept */
	if (store_prepare(rq->db, &st, &ig,
			  "SELECT id, file, at FROM eia_pool WHERE eia_id = ? ORDER BY id", "i",
			  id) >= 0) {
		while ((rc = store_step(st, &ig)) == 1) {
			char when[48];
			if (n++ == 0)
				web_raw(rs, "<h2 class=\"govuk-heading-m\">Pools analysed</h2>\n"
					    "<ul class=\"govuk-list\" id=\"pools\">\n");
			date_when_uk(store_col_text(st, 2), when);
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"/eia/%lld/pool/%lld\">%s</a>, "
				       "%s</li>\n",
				   (long long)id, (long long)store_col_int(st, 0), store_col_text(st, 1),
				   when);
		}
		store_done(st);
		if (n)
			web_raw(rs, "</ul>\n");
	}
	if (published) {
		web_raw(rs, "<div class=\"govuk-inset-text\">This assessment is published, so no "
			    "more evidence can be added. Start a new version of it to add some.</div>\n");
		web_page_end(rq, rs);
		return;
	}
	if (!web_can(rq, CAP_UPDATE_ANY_ACTION)) { /* as the assessment's own forms */
		if (!n)
			web_raw(rs, "<p class=\"govuk-body\">No selection pool has been analysed for "
				    "this assessment.</p>\n");
		web_page_end(rq, rs);
		return;
	}
	web_printf(rs, "<form method=\"post\" action=\"/eia/%lld/pool?csrf=%s\" "
		       "enctype=\"multipart/form-data\" novalidate>\n",
		   (long long)id, rq->csrf);
	web_csrf_field(rq, rs);
	web_printf(rs, "<div class=\"govuk-form-group%s\">\n<label class=\"govuk-label "
		       "govuk-label--s\" for=\"file\">The selection pool</label>\n<div id=\"file-hint\" "
		       "class=\"govuk-hint\">A spreadsheet (.xlsx, .ods or .xls) or a CSV file</div>\n",
		   msg ? " govuk-form-group--error" : "");
	if (msg)
		web_printf(rs, "<p id=\"file-error\" class=\"govuk-error-message\"><span "
			       "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n", msg);
	web_printf(rs, "<input class=\"govuk-file-upload%s\" id=\"file\" name=\"file\" type=\"file\" "
		       "accept=\".xlsx,.ods,.xls,.csv,.txt\" aria-describedby=\"file-hint%s\">\n</div>\n",
		   msg ? " govuk-file-upload--error" : "", msg ? " file-error" : "");
	{
		struct web_field f = {"sheet", NULL, "Sheet (spreadsheets only)",
				      "The name on the sheet's tab. Leave it blank for the first "
				      "sheet.",
				      sheet ? sheet : "", "govuk-input--width-20",
				      "spellcheck=\"false\""};
		struct web_field m = {"min", NULL, "Smallest group to set the highest rate",
				      "A group with fewer people than this is still assessed, but "
				      "never the group others are measured against. The Diversity "
				      "Report uses 30.",
				      min ? min : "30", "govuk-input--width-3", "inputmode=\"numeric\""};
		web_input(rs, &f, "text", NULL, 0);
		web_input(rs, &m, "text", NULL, 0);
	}
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Analyse and add as evidence</button>\n</form>\n");
	web_page_end(rq, rs);
}

/* A reading problem in the web's words: the Sheet box, not the option. */
static void web_words(const char *msg, struct buf *out)
{
	static const char *const from[] = {"(--sheet NAME)", "leave out --sheet", "--sheet"};
	static const char *const to[] = {"(the Sheet box)", "leave the Sheet box empty",
					 "the Sheet box"};
	while (*msg) {
		size_t k;
		for (k = 0; k < 3; k++)
			if (!strncmp(msg, from[k], strlen(from[k])))
				break;
		if (k < 3) {
			buf_puts(out, to[k]);
			msg += strlen(from[k]);
		} else {
			buf_putc(out, *msg++);
		}
	}
}

/* A rate 0..1 as "45%", or "–" when there is none. */
static void pct(json_t *v, char out[16])
{
	if (json_is_number(v))
		snprintf(out, 16, "%.0f%%", json_number_value(v) * 100.0);
	else
		snprintf(out, 16, "–");
}

static void ratio(json_t *v, char out[16])
{
	if (json_is_number(v))
		snprintf(out, 16, "%.2f", json_number_value(v));
	else
		snprintf(out, 16, "–");
}

static void num_cell(struct web_resp *rs, json_t *v)
{
	char n[32];
	str_count(n, (long long)json_integer_value(v));
	web_printf(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>", n);
}

static void text_cell(struct web_resp *rs, const char *s, int numeric)
{
	web_printf(rs, "<td class=\"govuk-table__cell%s\">%s</td>",
		   numeric ? " govuk-table__cell--numeric" : "", s);
}

static void char_table(struct web_resp *rs, json_t *c)
{
	const char *label = json_string_value(json_object_get(c, "label"));
	json_t *g;
	size_t j;
	web_printf(rs, "<h2 class=\"govuk-heading-m\">%s</h2>\n<div class=\"govuk-inset-text\">%s"
		       "</div>\n",
		   label, json_string_value(json_object_get(c, "evidence")));
	web_printf(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		       "aria-label=\"%s\">\n<table class=\"govuk-table\">\n<caption class=\"govuk-"
		       "table__caption govuk-table__caption--s\">The pool by %s</caption>\n<thead "
		       "class=\"govuk-table__head\"><tr class=\"govuk-table__row\">",
		   label, label);
	{
		static const char *const heads[] = {"Staff", "At risk", "Selected", "Redeployed",
						    "Selection rate", "Retention ratio",
						    "Redeployment ratio", "Adjusted p"};
		web_raw(rs, "<th scope=\"col\" class=\"govuk-table__header\">Group</th>");
		for (j = 0; j < sizeof heads / sizeof heads[0]; j++)
			web_printf(rs, "<th scope=\"col\" class=\"govuk-table__header "
				       "govuk-table__header--numeric\">%s</th>", heads[j]);
		web_raw(rs, "<th scope=\"col\" class=\"govuk-table__header\">Finding</th></tr>"
			    "</thead>\n<tbody class=\"govuk-table__body\">\n");
	}
	json_array_foreach(json_object_get(c, "groups"), j, g) {
		json_t *ret = json_object_get(g, "retention"), *red = json_object_get(g, "redeployment");
		json_t *cmp = json_object_get(json_object_get(g, "compared_with_rest"), "selected");
		char a[16], b[16], d[16], p[16];
		const char *finding = "";
		pct(json_object_get(g, "selection_rate"), a);
		ratio(json_object_get(ret, "impact_ratio"), b);
		ratio(json_object_get(red, "impact_ratio"), d);
		if (json_is_object(cmp))
			ratio(json_object_get(cmp, "p_adjusted"), p);
		else
			snprintf(p, sizeof p, "–");
		if (!json_is_true(json_object_get(g, "recorded")))
			finding = "Shown, not compared";
		else if (json_is_true(json_object_get(ret, "adverse_impact")) ||
			 json_is_true(json_object_get(red, "adverse_impact")))
			finding = "Adverse impact";
		else if (json_is_true(json_object_get(ret, "too_few")))
			finding = "Too few to set the highest rate";
		web_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__"
			       "header\">%s</th>", json_string_value(json_object_get(g, "group")));
		num_cell(rs, json_object_get(g, "staff"));
		num_cell(rs, json_object_get(g, "at_risk"));
		num_cell(rs, json_object_get(g, "selected"));
		num_cell(rs, json_object_get(g, "redeployed"));
		text_cell(rs, a, 1);
		text_cell(rs, b, 1);
		text_cell(rs, d, 1);
		text_cell(rs, p, 1);
		if (!strncmp(finding, "Adverse", 7))
			web_printf(rs, "<td class=\"govuk-table__cell\"><strong class=\"govuk-tag "
				       "govuk-tag--red\">%s</strong></td></tr>\n", finding);
		else
			web_printf(rs, "<td class=\"govuk-table__cell\">%s</td></tr>\n", finding);
	}
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
}

static int analysis_page(struct web_req *rq, struct web_resp *rs, int64_t id, const char *title,
			 int64_t pool_id, struct err *e)
{
	store_stmt_t *st;
	json_t *a = NULL, *c;
	char when[48] = "", file[256] = "";
	size_t i;
	int rc;
	if (store_prepare(rq->db, &st, e,
			  "SELECT file, at, analysis FROM eia_pool WHERE id = ? AND eia_id = ?", "ii",
			  pool_id, id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		snprintf(file, sizeof file, "%s", store_col_text(st, 0));
		date_when_uk(store_col_text(st, 1), when);
		a = json_loads(store_col_text(st, 2), 0, NULL);
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (!a) {
		not_found(rq, rs);
		return 0;
	}
	web_page_begin(rq, rs, "Selection pool analysis", SEC_EIA);
	web_printf(rs, "<a class=\"govuk-back-link\" href=\"/eia/%lld/pool\">Selection pools</a>\n"
		       "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">"
		       "Selection pool: %s</h1>\n",
		   (long long)id, title, file);
	{
		char s[32], r[32], l[32], d[32];
		str_count(s, (long long)json_integer_value(json_object_get(a, "staff")));
		str_count(r, (long long)json_integer_value(json_object_get(a, "at_risk")));
		str_count(l, (long long)json_integer_value(json_object_get(a, "selected")));
		str_count(d, (long long)json_integer_value(json_object_get(a, "redeployed")));
		web_printf(rs, "<p class=\"govuk-body\">Analysed %s. Of %s staff in the file, %s were "
			       "at risk, %s were selected for redundancy and %s of those were "
			       "redeployed. Its findings were added to the assessment as evidence.</p>\n",
			   when, s, r, l, d);
	}
	web_raw(rs, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\">"
		    "<span class=\"govuk-details__summary-text\">How to read these tables</span>"
		    "</summary><div class=\"govuk-details__text\"><p class=\"govuk-body\">The "
		    "selection rate is the share of those at risk who were selected. The retention "
		    "ratio divides a group's rate of being kept on by the highest group's; below "
		    "0.80 (four fifths) is adverse impact. The redeployment ratio does the same for "
		    "being redeployed once selected. Adjusted p says how likely a gap in selection "
		    "this size is by chance, against everyone else recorded, allowing for the many "
		    "comparisons made. Not stated and Missing are shown but not compared.</p></div>"
		    "</details>\n");
	json_array_foreach(json_object_get(a, "characteristics"), i, c)
		char_table(rs, c);
	json_decref(a);
	web_page_end(rq, rs);
	return 0;
}

int pool_web_get(struct web_req *rq, struct web_resp *rs, int64_t id, const char *rest,
		 struct err *e)
{
	char title[320];
	int published = 0, rc;
	long n;
	if ((rc = eia_head(rq->db, id, title, &published, e)) < 0)
		return rc;
	if (rc == 1) {
		not_found(rq, rs);
		return 0;
	}
	if (!*rest) {
		form_page(rq, rs, id, title, published, NULL, NULL, NULL);
		return 0;
	}
	if (str_to_int(rest, 1, 2000000000L, &n) < 0) {
		not_found(rq, rs);
		return 0;
	}
	return analysis_page(rq, rs, id, title, n, e);
}

int pool_web_post(struct web_req *rq, struct web_resp *rs, int64_t id, struct err *e)
{
	const struct web_param *up = web_upload(rq, "file");
	const char *sheet = web_param(rq, "sheet"), *min_s = web_param(rq, "min");
	char title[320], name[WEB_FILE_NAME_MAX], where[48];
	struct pool *p = NULL;
	json_t *a = NULL;
	struct err pe;
	int published = 0, rc;
	long min_count = POOL_MIN_COUNT;
	int64_t pool_id = 0;
	err_clear(&pe);
	if ((rc = eia_head(rq->db, id, title, &published, e)) < 0)
		return rc;
	if (rc == 1) {
		not_found(rq, rs);
		return 0;
	}
	if (sheet && !*sheet)
		sheet = NULL;
	if (published) {
		form_page(rq, rs, id, title, published, NULL, sheet, min_s);
		return 0;
	}
	if (min_s && *min_s && str_to_int(min_s, 1, 1000000L, &min_count) < 0) {
		form_page(rq, rs, id, title, published,
			  "Enter the smallest group as a whole number of people, such as 30", sheet,
			  min_s);
		return 0;
	}
	if (!up || !up->len) {
		form_page(rq, rs, id, title, published, "Select the selection pool's file", sheet,
			  min_s);
		return 0;
	}
	web_file_name(up->filename, "pool.csv", name);
	p = xcalloc(1, sizeof *p);
	if (pool_read(up->value, up->len, name, sheet, NULL, 0, p, &pe) < 0 ||
	    !(a = pool_analyse(p, name, min_count, &pe))) {
		struct buf w = BUF_INIT;
		web_words(*pe.msg ? pe.msg : "The file could not be read as a selection pool", &w);
		form_page(rq, rs, id, title, published, buf_str(&w), sheet, min_s);
		buf_free(&w);
		free(p);
		return 0;
	}
	free(p);
	if ((rc = store_begin(rq->db, e)) < 0)
		goto out;
	rc = pool_attach(rq->db, id, name, sheet, a, rq->user->name, rq->user->name, rq->remote,
			 &pool_id, e);
	if (rc < 0) {
		store_rollback(rq->db);
		goto out;
	}
	if ((rc = store_commit(rq->db, e)) < 0)
		goto out;
	snprintf(where, sizeof where, "/eia/%lld/pool/%lld", (long long)id, (long long)pool_id);
	web_redirect(rs, where);
	rc = 0;
out:
	json_decref(a);
	return rc;
}
