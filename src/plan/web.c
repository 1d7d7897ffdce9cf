/*
 * plan/web: the action plan's pages in `parity serve` — the action list
 * with its filters, one action with its history and the form a lead uses
 * to record progress, the duty coverage, the calendar feed of due dates,
 * and the people who lead actions with the plan's glossary of terms.
 *
 * The pages are views of what the plan commands already do: the list
 * filters with plan_item_matches (as `plan list`), an update is checked
 * with plan_change_check and written with plan_change_apply (as `plan
 * update`), the feed is `plan report --format ics`. What only the web
 * adds is here: who may update which action (a lead only the actions
 * whose Lead holds their initials; a monitor or admin any), the audit
 * entry written in the same transaction as the update, and the GOV.UK
 * Frontend markup. Every value is written through web_printf, which
 * escapes each %s.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/evidence.h"
#include "plan/internal.h"
#include "plan/plan.h"
#include "plan/timescale.h"
#include "web/web.h"

/* Longest note, evidence and reason the form takes, in characters. */
#define NOTE_MAX 5000
#define EVIDENCE_MAX 1000
#define REASON_MAX 1000
/* Characters of an action's text shown in the list. */
#define LIST_TEXT_MAX 110
/* Longest search the action list takes, in bytes. */
#define SEARCH_MAX 200

static const char *const status_values[] = {"not-started", "in-progress", "done", "dropped"};
static const char *const status_words[] = {"Not started", "In progress", "Done", "Dropped"};
#define N_STATUS 4

/* ---- small pieces ------------------------------------------------------*/

static const char *status_label(const char *s)
{
	int i;
	for (i = 0; i < N_STATUS; i++)
		if (s && strcmp(s, status_values[i]) == 0)
			return status_words[i];
	return s ? s : "";
}

/* RAG values the filter accepts, with the tag's colour and its words (the
 * words carry the meaning; the colour only repeats it). */
static const struct {
	const char *value, *tag_class, *label, *option;
} rags[] = {
	{"red", "govuk-tag--red", "Red", "Red (overdue)"},
	{"amber", "govuk-tag--orange", "Amber", "Amber"},
	{"green", "govuk-tag--green", "Green", "Green"},
	{"blue", "govuk-tag--blue", "Done", "Blue (done)"},
	{"none", "govuk-tag--grey", "Dropped", "None (dropped)"},
};
#define N_RAGS (sizeof rags / sizeof rags[0])

static int rag_index(const char *rag)
{
	size_t i;
	for (i = 0; i < N_RAGS; i++)
		if (strcmp(rag ? rag : "none", rags[i].value) == 0)
			return (int)i;
	return -1;
}

void plan_rag_tag(struct web_resp *rs, const char *rag)
{
	int i = rag_index(rag);
	if (i < 0)
		i = (int)N_RAGS - 1;
	web_printf(rs, "<strong class=\"govuk-tag %s\">%s</strong>", rags[i].tag_class,
		   rags[i].label);
}

/* A date cell: words, with the ISO date for machines. */
static void date_html(struct web_resp *rs, struct date d)
{
	char iso[11], words[32];
	date_format(d, iso);
	date_long(d, words);
	web_printf(rs, "<time datetime=\"%s\">%s</time>", iso, words);
}

/* "/plan/action/CODE" (percent-encoded) into b. */
static void action_href(struct buf *b, const char *code)
{
	buf_puts(b, "/plan/action/");
	web_urlenc(b, code);
}

/* The value of a form or query parameter with surrounding space removed,
 * or NULL when it is missing or blank. Allocated; caller frees. */
static char *param_dup(struct web_req *rq, const char *name)
{
	const char *v = web_param(rq, name);
	char *s;
	if (str_blank(v))
		return NULL;
	s = str_trim_dup(v);
	return s;
}

static void lead_tokens(struct buf *b, const struct plan_item *it)
{
	size_t i;
	for (i = 0; i < it->n_leads; i++)
		buf_printf(b, "%s%s", i ? "/" : "", it->leads[i].token);
}

/* ---- the plan being shown ----------------------------------------------*/

struct plan_view {
	int64_t plan_id;
	char name[64];		 /* the plan's --name ("main") */
	char *title;		 /* its title, or NULL */
	struct date as_of;	 /* RAG and overdue judged at this date */
	struct plan_item *items; /* every current action */
	size_t n_items;
};

/* Load the plan called "main" (else the first one imported) with its
 * actions judged at as_of. Returns 0, 1 when the database has no plan
 * yet, or a negative error. Free with view_free. */
static int view_load(struct web_req *rq, struct date as_of, struct plan_view *v, struct err *e)
{
	store_stmt_t *st;
	int rc;
	memset(v, 0, sizeof *v);
	v->as_of = as_of;
	if (store_prepare(rq->db, &st, e,
			  "SELECT id, name, title FROM plan"
			  " ORDER BY CASE WHEN name = 'main' THEN 0 ELSE 1 END, id",
			  "") < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1) {
		v->plan_id = store_col_int(st, 0);
		snprintf(v->name, sizeof v->name, "%s", store_col_text(st, 1));
		v->title = xstrdup(store_col_text(st, 2));
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (rc == 0)
		return 1;
	return plan_items_load(rq->db, v->plan_id, as_of, &v->items, &v->n_items, e);
}

static void view_free(struct plan_view *v)
{
	plan_items_free(v->items, v->n_items);
	free(v->title);
	memset(v, 0, sizeof *v);
}

static void no_plan_page(struct web_req *rq, struct web_resp *rs, const char *h1)
{
	web_page_begin(rq, rs, h1, SEC_PLAN);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">%s</h1>\n", h1);
	web_raw(rs, "<p class=\"govuk-body\">No action plan has been imported yet.</p>\n");
	if (web_can(rq, CAP_IMPORT_DATA))
		web_raw(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
			    "href=\"/plan/import\">Import the action plan</a> from the document "
			    "it lives in.</p>\n");
	else
		web_raw(rs, "<p class=\"govuk-body\">Someone who imports data can import it "
			    "from the document it lives in.</p>\n");
	web_page_end(rq, rs);
}

/* The as_of parameter (blank: today). ERR_DATA with a message otherwise. */
static int param_as_of(struct web_req *rq, struct date *out, struct err *e)
{
	const char *s = web_param(rq, "as_of");
	*out = date_today();
	if (str_blank(s))
		return 0;
	return date_parse_user(s, "as_of", out, e);
}

/* ---- who may update an action ------------------------------------------*/

/* 1 when one of `initials` (the account's lead initials; several may be
 * separated by commas, slashes or spaces) names a lead of the action: a
 * lead resolved to a person by that person's current initials (so a
 * handed-over action follows its new lead), any other lead by its token. */
static int led_by_account(const struct plan_item *it, const char *initials)
{
	char list[WEB_INITIALS_MAX + 1];
	char *tok, *save = NULL;
	size_t i;
	snprintf(list, sizeof list, "%s", initials ? initials : "");
	for (tok = strtok_r(list, ",/; ", &save); tok; tok = strtok_r(NULL, ",/; ", &save))
		for (i = 0; i < it->n_leads; i++) {
			const struct plan_lead *l = &it->leads[i];
			if (str_eq_ci(l->initials ? l->initials : l->token, tok))
				return 1;
		}
	return 0;
}

/* 1 when the signed-in user may update the action: with
 * update-any-action any, with update-own-actions those they lead. */
static int may_update(const struct web_req *rq, const struct plan_item *it)
{
	if (web_can(rq, CAP_UPDATE_ANY_ACTION))
		return 1;
	return web_can(rq, CAP_UPDATE_OWN_ACTIONS) && led_by_account(it, rq->user->lead_initials);
}

/* The two rules above, for the plan's other pages (web_edit.c). */
int plan_web_may_update(const struct web_req *rq, const struct plan_item *it)
{
	return may_update(rq, it);
}

int plan_web_led_by(const struct plan_item *it, const char *initials)
{
	return led_by_account(it, initials);
}

/* ---- GET /plan ---------------------------------------------------------*/

struct option {
	char value[64];
	char label[192];
};

static void option_add(struct option **v, size_t *n, const char *value, const char *label)
{
	size_t i;
	for (i = 0; i < *n; i++)
		if (str_eq_ci((*v)[i].value, value))
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	snprintf((*v)[*n].value, sizeof (*v)[*n].value, "%s", value);
	snprintf((*v)[*n].label, sizeof (*v)[*n].label, "%s", label);
	(*n)++;
}

static int cmp_option(const void *a, const void *b)
{
	return strcasecmp(((const struct option *)a)->value, ((const struct option *)b)->value);
}

/* A select whose options are opts, with "any" first; the current value is
 * kept as an option even when the data has none like it. */
static void select_options(struct web_resp *rs, const struct web_field *f, const char *any,
			   struct option *opts, size_t n, const char *current,
			   const struct web_field_error *errs, int n_errs)
{
	size_t i;
	int found = 0;
	web_select_open(rs, f, errs, n_errs);
	web_select_option(rs, "", any, !current);
	for (i = 0; i < n; i++) {
		int sel = current && str_eq_ci(opts[i].value, current);
		found |= sel;
		web_select_option(rs, opts[i].value, opts[i].label, sel);
	}
	if (current && !found)
		web_select_option(rs, current, current, 1);
	web_select_close(rs);
}

static void filter_form(struct web_req *rq, struct web_resp *rs, const struct plan_view *v,
			const struct plan_filter *f, const char *as_of_text,
			const struct web_field_error *errs, int n_errs)
{
	struct option *opts = NULL;
	struct plan_duty_row *duties = NULL;
	size_t n = 0, i, j, n_duties = 0;
	char value[64], label[192], duty_cur[16];
	struct err e;
	struct web_field fd;

	web_raw(rs, "<h2 class=\"govuk-heading-m\">Filter actions</h2>\n"
		    "<form method=\"get\" action=\"/plan\" class=\"parity-filters\" novalidate>\n");

	fd = (struct web_field){"q", NULL, "Search", "Words in the ID, action, lead or date, the "
				"title of its section or area, or other columns such as Progress",
				f->search, "govuk-input--width-20", "spellcheck=\"false\""};
	web_input(rs, &fd, "search", errs, n_errs);

	for (i = 0; i < v->n_items; i++) {
		const struct plan_item *it = &v->items[i];
		snprintf(value, sizeof value, "%d", it->section_no);
		snprintf(label, sizeof label, "%d. %s", it->section_no,
			 it->section ? it->section : "(no section)");
		option_add(&opts, &n, value, label);
	}
	fd = (struct web_field){"section", NULL, "Section", NULL, NULL, NULL, NULL};
	select_options(rs, &fd, "All sections", opts, n, f->section, errs, n_errs);
	n = 0;

	for (i = 0; i < v->n_items; i++)
		for (j = 0; j < v->items[i].n_leads; j++) {
			const struct plan_lead *l = &v->items[i].leads[j];
			const char *key = l->initials ? l->initials : l->token;
			if (str_eq_ci(key, l->name))
				snprintf(label, sizeof label, "%s", key);
			else
				snprintf(label, sizeof label, "%s – %s", key, l->name);
			option_add(&opts, &n, key, label);
		}
	qsort(opts, n, sizeof *opts, cmp_option);
	fd = (struct web_field){"lead", NULL, "Lead", NULL, NULL, NULL, NULL};
	select_options(rs, &fd, "Anyone", opts, n, f->lead, errs, n_errs);
	n = 0;

	err_clear(&e);
	if (plan_duties_load(rq->db, &duties, &n_duties, &e) == 0)
		for (i = 0; i < n_duties; i++) {
			snprintf(value, sizeof value, "%d", duties[i].no);
			if (duties[i].name)
				snprintf(label, sizeof label, "%d: %s", duties[i].no, duties[i].name);
			else
				snprintf(label, sizeof label, "Duty %d", duties[i].no);
			option_add(&opts, &n, value, label);
		}
	plan_duties_free(duties, n_duties);
	snprintf(duty_cur, sizeof duty_cur, "%ld", f->duty);
	fd = (struct web_field){"duty", NULL, "Duty", NULL, NULL, NULL, NULL};
	select_options(rs, &fd, "All duties", opts, n, f->duty ? duty_cur : NULL, errs, n_errs);
	n = 0;

	for (i = 0; i < N_STATUS; i++)
		option_add(&opts, &n, status_values[i], status_words[i]);
	fd = (struct web_field){"status", NULL, "Status", NULL, NULL, NULL, NULL};
	select_options(rs, &fd, "Any status", opts, n, f->status, errs, n_errs);
	n = 0;

	for (i = 0; i < N_RAGS; i++)
		option_add(&opts, &n, rags[i].value, rags[i].option);
	fd = (struct web_field){"rag", NULL, "RAG rating", NULL, NULL, NULL, NULL};
	select_options(rs, &fd, "Any rating", opts, n, f->rag, errs, n_errs);
	free(opts);

	fd = (struct web_field){"as_of", NULL, "As of date", "For example, 1/12/2026. Blank for today.",
				as_of_text, "govuk-input--width-10", NULL};
	web_input(rs, &fd, "text", errs, n_errs);

	web_raw(rs, "<div class=\"govuk-form-group\">\n<div class=\"govuk-checkboxes "
		    "govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">\n<div "
		    "class=\"govuk-checkboxes__item\">\n<input class=\"govuk-checkboxes__input\" "
		    "id=\"overdue\" name=\"overdue\" type=\"checkbox\" value=\"1\"");
	if (f->overdue)
		web_raw(rs, " checked");
	web_raw(rs, ">\n<label class=\"govuk-label govuk-checkboxes__label\" for=\"overdue\">"
		    "Overdue only</label>\n</div>\n</div>\n</div>\n"
		    "<div class=\"govuk-button-group\">\n<button type=\"submit\" class=\"govuk-button "
		    "govuk-button--secondary\" data-module=\"govuk-button\">Apply filters</button>\n"
		    "<a class=\"govuk-link\" href=\"/plan\">Clear filters</a>\n</div>\n</form>\n");
}

/* One action's row of the list. */
static void action_row(struct web_resp *rs, const struct plan_item *it)
{
	struct buf href = BUF_INIT, leads = BUF_INIT;
	int cut = 0, len;
	char *text;
	action_href(&href, it->code);
	lead_tokens(&leads, it);
	len = str_utf8_prefix(it->text ? it->text : "", LIST_TEXT_MAX, &cut);
	text = xstrndup(it->text ? it->text : "", (size_t)len);
	web_printf(rs,
		   "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">"
		   "<a class=\"govuk-link\" href=\"%s\">%s</a></th>"
		   "<td class=\"govuk-table__cell\">%s%s</td>"
		   "<td class=\"govuk-table__cell\">%s</td>"
		   "<td class=\"govuk-table__cell\">",
		   buf_str(&href), it->code, text, cut ? "…" : "", buf_str(&leads));
	if (it->due.y) {
		date_html(rs, it->due);
		/* The plan's own words only when they say more than the date
		 * ("Quarterly", "Q2 2026-27"): "By 30/9/26" is 30 September. */
		if (it->timescale && !(it->precision && !strcmp(it->precision, "day") &&
				       it->ts_kind && !strcmp(it->ts_kind, "date")))
			web_printf(rs, "<br><span class=\"govuk-body-s\">%s</span>", it->timescale);
	} else {
		web_printf(rs, "%s", it->timescale ? it->timescale : "No date");
	}
	if (it->overdue)
		web_raw(rs, "<br><strong>Overdue</strong>");
	web_printf(rs, "</td><td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">",
		   status_label(it->status));
	plan_rag_tag(rs, it->rag);
	web_raw(rs, "</td></tr>\n");
	free(text);
	buf_free(&href);
	buf_free(&leads);
}

/* The table of one area's actions under a heading, the area's title (a
 * heading outside the table's scroll region, so that it can be read on a
 * phone without scrolling sideways); the caption says it again for those
 * who move from table to table. */
static void area_table_open(struct web_resp *rs, const struct plan_item *it, int continued)
{
	const char *area = it->area ? it->area : "Actions";
	web_printf(rs, "<h4 class=\"govuk-heading-s parity-plan-area\">%s%s</h4>\n"
		       "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		       "aria-label=\"Actions: %s\">\n<table class=\"govuk-table parity-plan-table\">\n"
		       "<caption class=\"govuk-table__caption govuk-visually-hidden\">Actions: %s</caption>\n",
		   area, continued ? " (continued)" : "", area, area);
	web_raw(rs, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header parity-plan-id\">ID</th>"
		    "<th scope=\"col\" class=\"govuk-table__header parity-plan-action\">Action</th>"
		    "<th scope=\"col\" class=\"govuk-table__header parity-plan-lead\">Lead</th>"
		    "<th scope=\"col\" class=\"govuk-table__header parity-plan-due\">Due</th>"
		    "<th scope=\"col\" class=\"govuk-table__header parity-plan-status\">Status</th>"
		    "<th scope=\"col\" class=\"govuk-table__header parity-plan-rag\">RAG</th>"
		    "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
}

/* The actions that match, WEB_PAGE_ROWS a page (?page=N), under a heading
 * per section and in a table per area of work, in the plan's order; a
 * section or area that began on an earlier page says "(continued)". */
static void action_list(struct web_req *rq, struct web_resp *rs, const struct plan_view *v,
			const struct plan_list_query *lq)
{
	size_t *match = xcalloc(v->n_items + 1, sizeof *match);
	size_t i, shown = 0, first, last;
	long n_pages, page;
	int sec = -1, area = -1, open = 0;
	char n_shown[32], n_all[32], n_first[32], n_last[32];
	struct buf base = BUF_INIT;

	for (i = 0; i < v->n_items; i++)
		if (plan_item_matches(&v->items[i], &lq->f))
			match[shown++] = i;
	str_count(n_shown, (long long)shown);
	str_count(n_all, (long long)v->n_items);
	web_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"count\">%s action%s</h2>\n", n_shown,
		   shown == 1 ? "" : "s");
	if (shown != v->n_items)
		web_printf(rs, "<p class=\"govuk-body\">Of %s actions in the plan.</p>\n", n_all);
	if (!shown) {
		web_raw(rs, "<p class=\"govuk-body\">No action matches these filters.</p>\n");
		free(match);
		return;
	}
	page = web_page_param(rq, (long)shown, WEB_PAGE_ROWS, &n_pages);
	first = (size_t)(page - 1) * WEB_PAGE_ROWS;
	last = first + WEB_PAGE_ROWS < shown ? first + WEB_PAGE_ROWS : shown;
	str_count(n_first, (long long)first + 1);
	str_count(n_last, (long long)last);
	web_printf(rs, "<p class=\"govuk-body\" id=\"showing\">Showing %s to %s of %s actions</p>\n",
		   n_first, n_last, n_shown);
	for (i = first; i < last; i++) {
		const struct plan_item *it = &v->items[match[i]];
		const struct plan_item *prev = i > 0 ? &v->items[match[i - 1]] : NULL;
		if (!open || it->section_no != sec) {
			if (open)
				web_raw(rs, "</tbody>\n</table>\n</div>\n");
			open = 0;
			if (it->section)
				web_printf(rs, "<h3 class=\"govuk-heading-m parity-plan-section\">%d. %s%s</h3>\n",
					   it->section_no, it->section,
					   i == first && prev && prev->section_no == it->section_no
						   ? " (continued)" : "");
			sec = it->section_no;
			area = -1;
		}
		if (it->area_no != area) {
			if (open)
				web_raw(rs, "</tbody>\n</table>\n</div>\n");
			area_table_open(rs, it, i == first && prev && prev->area_no == it->area_no);
			open = 1;
			area = it->area_no;
		}
		action_row(rs, it);
	}
	if (open)
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
	plan_list_query_href(lq, "/plan", &base);
	buf_putc(&base, strchr(buf_str(&base), '?') ? '&' : '?');
	web_pagination(rs, buf_str(&base), page, n_pages);
	buf_free(&base);
	free(match);
}

/* "Download this plan": the report in four formats, with the list's
 * filters (all pages of it). */
static void downloads(struct web_resp *rs, const struct plan_view *v,
		      const struct plan_list_query *lq)
{
	static const char *const kinds[][2] = {
		{"html", "Report as a web page (HTML)"},
		{"csv", "Actions as a spreadsheet (CSV)"},
		{"docx", "Report as a Word document (.docx)"},
		{"ics", "Due dates as a calendar file (.ics)"},
	};
	struct buf href = BUF_INIT;
	char path[32];
	size_t i;
	web_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"download\">%s</h2>\n",
		   plan_list_query_filters(lq) ? "Download these actions" : "Download this plan");
	if (plan_list_query_filters(lq))
		web_raw(rs, "<p class=\"govuk-body\">The downloads hold the actions that match the "
			    "filters above, on every page of the list.</p>\n");
	else {
		char n[32];
		str_count(n, (long long)v->n_items);
		web_printf(rs, "<p class=\"govuk-body\">The downloads hold all %s actions.</p>\n", n);
	}
	web_raw(rs, "<ul class=\"govuk-list\">\n");
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		snprintf(path, sizeof path, "/plan/report.%s", kinds[i][0]);
		buf_reset(&href);
		plan_list_query_href(lq, path, &href);
		web_printf(rs, "<li><a class=\"govuk-link\" href=\"%s\" download>%s</a></li>\n",
			   buf_str(&href), kinds[i][1]);
	}
	web_raw(rs, "</ul>\n");
	buf_free(&href);
}

/* ---- the list's query ----------------------------------------------------*/

void plan_list_query_read(struct web_req *rq, struct plan_list_query *lq)
{
	struct err e = {0};
	long duty = 0;
	memset(lq, 0, sizeof *lq);
	lq->q = param_dup(rq, "q");
	lq->section = param_dup(rq, "section");
	lq->lead = param_dup(rq, "lead");
	lq->duty = param_dup(rq, "duty");
	lq->status = param_dup(rq, "status");
	lq->rag = param_dup(rq, "rag");
	lq->as_of_text = param_dup(rq, "as_of");
	lq->overdue = !str_blank(web_param(rq, "overdue"));
	if (param_as_of(rq, &lq->as_of, &e) < 0) {
		lq->as_of = date_today();
		lq->errs[lq->n_errs++] = (struct web_field_error){
			"as_of", "Enter the as-of date as a real date, for example 1/12/2026"};
	}
	if (lq->duty && str_to_int(lq->duty, 1, 999, &duty) < 0)
		lq->errs[lq->n_errs++] = (struct web_field_error){"duty", "Select a duty from the list"};
	if (lq->status && !plan_status_valid(lq->status))
		lq->errs[lq->n_errs++] = (struct web_field_error){"status", "Select a status from the list"};
	if (lq->rag && rag_index(lq->rag) < 0)
		lq->errs[lq->n_errs++] = (struct web_field_error){"rag", "Select a RAG rating from the list"};
	if (lq->q && strlen(lq->q) > SEARCH_MAX)
		lq->errs[lq->n_errs++] = (struct web_field_error){"q", "Search for 200 characters or fewer"};
	lq->f.search = lq->q;
	lq->f.section = lq->section;
	lq->f.lead = lq->lead;
	lq->f.duty = duty;
	lq->f.status = lq->status;
	lq->f.rag = lq->rag;
	lq->f.overdue = lq->overdue;
}

void plan_list_query_free(struct plan_list_query *lq)
{
	free(lq->q);
	free(lq->section);
	free(lq->lead);
	free(lq->duty);
	free(lq->status);
	free(lq->rag);
	free(lq->as_of_text);
	memset(lq, 0, sizeof *lq);
}

int plan_list_query_filters(const struct plan_list_query *lq)
{
	return lq->q || lq->section || lq->lead || lq->duty || lq->status || lq->rag || lq->overdue;
}

void plan_list_query_href(const struct plan_list_query *lq, const char *path, struct buf *b)
{
	const char *names[] = {"q", "section", "lead", "duty", "status", "rag", "as_of"};
	const char *values[] = {lq->q, lq->section, lq->lead, lq->duty, lq->status, lq->rag,
				lq->as_of_text};
	size_t i;
	int n = 0;
	buf_puts(b, path);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!values[i])
			continue;
		buf_printf(b, "%c%s=", n++ ? '&' : '?', names[i]);
		web_urlenc(b, values[i]);
	}
	if (lq->overdue)
		buf_printf(b, "%coverdue=1", n++ ? '&' : '?');
}

/* GET /plan: the actions, filtered by section, lead, duty, status, RAG,
 * overdue and words with the rules of `plan list`, grouped by section and
 * area, WEB_PAGE_ROWS a page; the downloads and the calendar feed. */
static int plan_list_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct plan_list_query lq;
	struct plan_view v;
	int rc;

	memset(&v, 0, sizeof v);
	plan_list_query_read(rq, &lq);
	rc = view_load(rq, lq.as_of, &v, e);
	if (rc < 0)
		goto done;
	if (rc == 1) {
		no_plan_page(rq, rs, "Action plan");
		rc = 0;
		goto done;
	}
	if (lq.n_errs)
		rs->status = 400;
	web_page_begin(rq, rs, lq.n_errs ? "Error: Action plan" : "Action plan", SEC_PLAN);
	web_error_summary(rs, lq.errs, lq.n_errs);
	if (v.title)
		web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n", v.title);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Action plan</h1>\n");
	{
		char words[32];
		date_long(lq.as_of, words);
		web_printf(rs, "<p class=\"govuk-body\">RAG ratings and overdue actions as of %s.</p>\n",
			   words);
	}
	web_raw(rs, "<ul class=\"govuk-list\">\n"
		    "<li><a class=\"govuk-link\" href=\"/plan/duties\">Duty coverage</a></li>\n"
		    "<li><a class=\"govuk-link\" href=\"/people\">People and terms</a></li>\n"
		    "<li><a class=\"govuk-link\" href=\"#calendar-feed\">Subscribe to the calendar</a> "
		    "of due dates, for Outlook or any calendar</li>\n");
	if (!lq.n_errs)
		web_printf(rs, "<li><a class=\"govuk-link\" href=\"#download\">%s</a></li>\n",
			   plan_list_query_filters(&lq) ? "Download these actions" : "Download this plan");
	if (web_can(rq, CAP_IMPORT_DATA))
		web_raw(rs, "<li><a class=\"govuk-link\" href=\"/plan/import\">Import a new "
			    "version of the plan</a></li>\n");
	if (web_can(rq, CAP_UPDATE_ANY_ACTION))
		web_raw(rs, "<li><a class=\"govuk-link\" href=\"/plan/add\">Add an action</a></li>\n");
	web_raw(rs, "</ul>\n");
	filter_form(rq, rs, &v, &lq.f, lq.as_of_text, lq.errs, lq.n_errs);
	if (lq.n_errs) {
		web_raw(rs, "<p class=\"govuk-body\">Correct the filters to see the actions.</p>\n");
	} else {
		action_list(rq, rs, &v, &lq);
		downloads(rs, &v, &lq);
	}
	web_feed_panel(rq, rs, "/plan");
	web_page_end(rq, rs);
	rc = 0;
done:
	view_free(&v);
	plan_list_query_free(&lq);
	return rc;
}

/* ---- GET and POST /plan/action/ID --------------------------------------*/

/* What the update form holds: entered values when it is shown again. */
struct update_form {
	const char *status, *note, *evidence, *rag, *reason;
};

static const char *event_words(const char *kind)
{
	static const char *const k[][2] = {
		{"due", "Due date changed"}, {"added", "Added"},
		{"import", "Imported"},	 {"reword", "Reworded"}, {"status", "Status changed"},
		{"note", "Note"},	 {"rag", "RAG rating"},	 {"lead", "Lead changed"},
		{"removed", "Removed"}, {"restored", "Restored"},
		{"field", "Other columns changed"},
		{"flag", "Created from a monitoring flag"},
		{"flag-link", "Linked to a monitoring flag"},
	};
	size_t i;
	for (i = 0; i < sizeof k / sizeof k[0]; i++)
		if (kind && strcmp(kind, k[i][0]) == 0)
			return k[i][1];
	return kind ? kind : "";
}

static int history(struct web_req *rq, struct web_resp *rs, const struct plan_item *it,
		   struct err *e)
{
	store_stmt_t *st;
	struct plan_evidence_row *files = NULL;
	size_t n_files = 0;
	int rc, any = 0;
	if (plan_evidence_load(rq->db, it->id, &files, &n_files, e) < 0)
		return ERR_DB;
	if (store_prepare(rq->db, &st, e,
			  "SELECT at, author, kind, status, note, evidence, id FROM action_event"
			  " WHERE action_id = ? ORDER BY id DESC",
			  "i", it->id) < 0) {
		plan_evidence_free(files, n_files);
		return ERR_DB;
	}
	web_raw(rs, "<h2 class=\"govuk-heading-m\">History</h2>\n");
	while ((rc = store_step(st, e)) == 1) {
		const char *at = store_col_text(st, 0), *kind = store_col_text(st, 2),
			   *status = store_col_text(st, 3), *note = store_col_text(st, 4),
			   *ev = store_col_text(st, 5);
		char when[48];
		if (!any++)
			web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
				    "aria-label=\"History\"><table class=\"govuk-table parity-history\">\n<caption "
				    "class=\"govuk-table__caption govuk-visually-hidden\">Every change "
				    "to this action, newest first</caption>\n<thead "
				    "class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
				    "<th scope=\"col\" class=\"govuk-table__header\">When</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Who</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">What</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Note and evidence</th>"
				    "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
		date_when_uk(at, when);
		web_printf(rs,
			   "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell "
			   "parity-nowrap\"><time datetime=\"%s\">%s</time></td>"
			   "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s",
			   at ? at : "", when, store_col_text(st, 1), event_words(kind));
		if (kind && strcmp(kind, "status") == 0 && status)
			web_printf(rs, " to <strong>%s</strong>", status_label(status));
		web_raw(rs, "</td><td class=\"govuk-table__cell\">");
		if (note)
			web_printf(rs, "<p class=\"govuk-body parity-pre\">%s</p>", note);
		if (ev && plan_evidence_named(files, n_files, store_col_int(st, 6), ev))
			ev = NULL; /* the file's own name: its link says it */
		if (ev) {
			web_raw(rs, "<p class=\"govuk-body\">Evidence: ");
			if (str_prefix_ci(ev, "https://") || str_prefix_ci(ev, "http://"))
				web_printf(rs, "<a class=\"govuk-link\" href=\"%s\" rel=\"noreferrer "
					       "noopener\">%s</a>",
					   ev, ev);
			else
				web_printf(rs, "%s", ev);
			web_raw(rs, "</p>");
		}
		plan_evidence_links(rs, files, n_files, store_col_int(st, 6));
		web_raw(rs, "</td></tr>\n");
	}
	store_done(st);
	plan_evidence_free(files, n_files);
	if (rc < 0)
		return ERR_DB;
	if (any)
		web_raw(rs, "</tbody>\n</table></div>\n");
	else
		web_raw(rs, "<p class=\"govuk-body\">Nothing recorded yet.</p>\n");
	return 0;
}

static void summary_row_open(struct web_resp *rs, const char *key)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">",
		   key);
}

static void summary_row_close(struct web_resp *rs)
{
	web_raw(rs, "</dd></div>\n");
}

static void action_summary(struct web_resp *rs, const struct plan_item *it,
			   const struct plan_choice *duties, size_t n_duties)
{
	size_t i;
	web_raw(rs, "<dl class=\"govuk-summary-list\">\n");
	summary_row_open(rs, "Action");
	web_printf(rs, "%s", it->text ? it->text : "");
	summary_row_close(rs);
	summary_row_open(rs, "Section");
	if (it->section)
		web_printf(rs, "%d. %s", it->section_no, it->section);
	else
		web_raw(rs, "None");
	summary_row_close(rs);
	summary_row_open(rs, "Area of work");
	web_printf(rs, "%d. %s", it->area_no, it->area ? it->area : "");
	summary_row_close(rs);
	/* Each duty by its name where it has one (plan_duty_choices: "Duty 1:
	 * name", else "Duty 1"), linking to the plan's actions for that duty. */
	summary_row_open(rs, "Duties");
	if (it->n_duties)
		web_raw(rs, "<ul class=\"govuk-list\">");
	for (i = 0; i < (size_t)it->n_duties; i++) {
		char no[16];
		const char *label = NULL;
		size_t k;
		snprintf(no, sizeof no, "%d", it->duties[i]);
		for (k = 0; k < n_duties && !label; k++)
			if (!strcmp(duties[k].value, no))
				label = duties[k].label;
		if (label)
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"/plan?duty=%d\">%s</a></li>",
				   it->duties[i], label);
		else
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"/plan?duty=%d\">Duty %d</a></li>",
				   it->duties[i], it->duties[i]);
	}
	if (it->n_duties)
		web_raw(rs, "</ul>");
	else
		web_raw(rs, "None");
	summary_row_close(rs);
	summary_row_open(rs, "Leads");
	if (it->n_leads) {
		web_raw(rs, "<ul class=\"govuk-list\">");
		for (i = 0; i < it->n_leads; i++) {
			const struct plan_lead *l = &it->leads[i];
			struct buf q = BUF_INIT;
			web_urlenc(&q, l->initials ? l->initials : l->token);
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"/plan?lead=%s\">%s</a>",
				   buf_str(&q), l->token);
			if (strcmp(l->kind, "person") == 0 || strcmp(l->kind, "group") == 0)
				web_printf(rs, " – %s", l->name);
			if (l->initials && !str_eq_ci(l->initials, l->token))
				web_printf(rs, " (now %s)", l->initials);
			if (strcmp(l->kind, "unresolved") == 0)
				web_raw(rs, " (not in the list of people)");
			web_raw(rs, "</li>");
			buf_free(&q);
		}
		web_raw(rs, "</ul>");
	} else {
		web_raw(rs, "None");
	}
	summary_row_close(rs);
	summary_row_open(rs, "Timescale");
	web_printf(rs, "%s", it->timescale ? it->timescale : "None given");
	if (it->start.y) {
		web_raw(rs, "<br>From ");
		date_html(rs, it->start);
	}
	if (it->rrule) {
		char words[96];
		timescale_rrule_words(it->rrule, words, sizeof words);
		web_printf(rs, "<br>Repeats %s", words);
	}
	summary_row_close(rs);
	summary_row_open(rs, "Due");
	if (it->due.y)
		date_html(rs, it->due);
	else
		web_raw(rs, "No due date");
	if (it->overdue)
		web_raw(rs, " <strong>(overdue)</strong>");
	summary_row_close(rs);
	summary_row_open(rs, "Status");
	web_printf(rs, "%s", status_label(it->status));
	summary_row_close(rs);
	summary_row_open(rs, "RAG rating");
	plan_rag_tag(rs, it->rag);
	if (it->rag_reason)
		web_printf(rs, "<br>Set by hand: %s", it->rag_reason);
	else
		web_raw(rs, "<br>Worked out from the status and due date");
	summary_row_close(rs);
	web_raw(rs, "</dl>\n");
	if (!it->n_fields)
		return;
	/* The plan's other columns (Progress, KPI, Team ...), as written. */
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Other columns of the plan</h2>\n"
		    "<dl class=\"govuk-summary-list\">\n");
	for (i = 0; i < it->n_fields; i++) {
		const char *v = it->fields[i].value, *nl;
		summary_row_open(rs, it->fields[i].name);
		while ((nl = strchr(v, '\n')) != NULL) {
			char *line = xstrndup(v, (size_t)(nl - v));
			web_printf(rs, "%s<br>", line);
			free(line);
			v = nl + 1;
		}
		web_printf(rs, "%s", v);
		summary_row_close(rs);
	}
	web_raw(rs, "</dl>\n");
}

static void update_form(struct web_req *rq, struct web_resp *rs, const struct plan_item *it,
			const struct update_form *fv, const struct web_field_error *errs, int n_errs)
{
	struct buf href = BUF_INIT;
	struct web_field fd;
	const char *cur_status = fv && fv->status && plan_status_valid(fv->status) ? fv->status
										    : it->status;
	const char *cur_rag = fv ? fv->rag : NULL;
	int i;

	action_href(&href, it->code);
	/* an upload: the token also in the address, so that the server can
	 * judge the request before reading its body (docs/web.md, "Limits") */
	web_printf(rs, "<h2 class=\"govuk-heading-m\">Update this action</h2>\n"
		       "<form method=\"post\" action=\"%s?csrf=%s\" enctype=\"multipart/form-data\" "
		       "novalidate>\n",
		   buf_str(&href), rq->csrf);
	web_csrf_field(rq, rs);
	{
		/* four choices: radios (GOV.UK: a select only for long lists) */
		struct web_choice st[N_STATUS];
		for (i = 0; i < N_STATUS; i++)
			st[i] = (struct web_choice){status_values[i], status_words[i], NULL};
		fd = (struct web_field){"status", NULL, "Status", NULL, cur_status,
					"govuk-radios--small govuk-radios--inline", NULL};
		web_radios(rs, &fd, st, N_STATUS, 0, errs, n_errs);
	}
	fd = (struct web_field){"note", NULL, "Note",
				"What has happened. It is added to the history with your name.",
				fv ? fv->note : NULL, NULL, NULL};
	web_textarea(rs, &fd, 4, errs, n_errs);
	fd = (struct web_field){"evidence", NULL, "Evidence (optional)",
				"A link (https://…) or where the evidence is kept",
				fv ? fv->evidence : NULL, NULL, NULL};
	web_input(rs, &fd, "text", errs, n_errs);
	fd = (struct web_field){"file", NULL, "Evidence file (optional)",
				"A report, minutes or a picture: PDF, Word, Excel, text or an image, "
				"smaller than 10 MB. Anyone who can read the plan can download it. "
				"If the form comes back with an error, choose the file again.",
				NULL, NULL, NULL};
	web_input(rs, &fd, "file", errs, n_errs);

	web_raw(rs, "<div class=\"govuk-form-group\">\n<fieldset class=\"govuk-fieldset\" "
		    "aria-describedby=\"rag-fieldset-hint\">\n<legend class=\"govuk-fieldset__legend "
		    "govuk-fieldset__legend--s\">RAG rating (optional)</legend>\n<div "
		    "id=\"rag-fieldset-hint\" class=\"govuk-hint\">The rating is normally worked out "
		    "from the status and due date. Set it by hand only with a reason.</div>\n");
	fd = (struct web_field){"rag", NULL, "Set the rating", NULL, NULL, NULL, NULL};
	web_select_open(rs, &fd, errs, n_errs);
	web_select_option(rs, "", "Keep as it is", !cur_rag || !*cur_rag);
	for (i = 0; i < 3; i++)
		web_select_option(rs, rags[i].value, rags[i].label,
				  cur_rag && strcmp(cur_rag, rags[i].value) == 0);
	if (it->rag_reason)
		web_select_option(rs, "clear", "Remove the override (work it out again)",
				  cur_rag && strcmp(cur_rag, "clear") == 0);
	web_select_close(rs);
	fd = (struct web_field){"reason", NULL, "Reason for setting it by hand", NULL,
				fv ? fv->reason : NULL, NULL, NULL};
	web_input(rs, &fd, "text", errs, n_errs);
	web_raw(rs, "</fieldset>\n</div>\n<button type=\"submit\" class=\"govuk-button\" "
		    "data-module=\"govuk-button\">Save update</button>\n</form>\n");
	buf_free(&href);
}

static int action_render(struct web_req *rq, struct web_resp *rs, const struct plan_view *v,
			 const struct plan_item *it, const struct update_form *fv,
			 const struct web_field_error *errs, int n_errs, struct err *e)
{
	char title[64];
	int rc;
	snprintf(title, sizeof title, "%sAction %s", n_errs ? "Error: " : "", it->code);
	web_page_begin(rq, rs, title, SEC_PLAN);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/plan\">All actions</a>\n");
	web_error_summary(rs, errs, n_errs);
	if (v->title)
		web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n", v->title);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">Action %s</h1>\n", it->code);
	if (web_can(rq, CAP_UPDATE_ANY_ACTION)) {
		struct buf edit = BUF_INIT;
		action_href(&edit, it->code);
		buf_puts(&edit, "/edit");
		web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s\">Change "
			       "the action's wording, due date, lead or status</a></p>\n",
			   buf_str(&edit));
		buf_free(&edit);
	}
	{
		struct plan_choice *duties = NULL;
		size_t n_duties = 0;
		if ((rc = plan_duty_choices(rq->db, &duties, &n_duties, e)) < 0)
			return rc;
		action_summary(rs, it, duties, n_duties);
		plan_choices_free(duties, n_duties);
	}
	if ((rc = plan_web_action_flags(rq, rs, it->id, e)) < 0)
		return rc;
	if ((rc = history(rq, rs, it, e)) < 0)
		return rc;
	if (may_update(rq, it))
		update_form(rq, rs, it, fv, errs, n_errs);
	else if (web_can(rq, CAP_UPDATE_OWN_ACTIONS))
		web_raw(rs, "<div class=\"govuk-inset-text\">You can update the actions you lead. "
			    "The monitoring group can update any action.</div>\n");
	web_page_end(rq, rs);
	return 0;
}

/* Load the plan and find the action the URL names (404 when none). */
static int action_load(struct web_req *rq, struct date as_of, struct plan_view *v, int *idx,
		       struct err *e)
{
	int rc = view_load(rq, as_of, v, e);
	if (rc == 1)
		return err_set(e, ERR_NOTFOUND, "No action plan has been imported yet.");
	if (rc < 0)
		return rc;
	if ((*idx = plan_items_find(v->items, v->n_items, rq->arg)) < 0)
		return err_set(e, ERR_NOTFOUND,
			       "There is no action '%s' in the plan. Action IDs look like 3b "
			       "(area 3, action b), or are the plan's own numbers such as 4a "
			       "or 1.2; the action plan page lists them all.",
			       rq->arg);
	return 0;
}

/* GET /plan/action/ID: one action, its history, and the update form for
 * those who may update it. */
static int plan_action_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct plan_view v;
	struct date as_of;
	int idx, rc;
	memset(&v, 0, sizeof v);
	if ((rc = param_as_of(rq, &as_of, e)) < 0)
		return rc;
	if ((rc = action_load(rq, as_of, &v, &idx, e)) == 0)
		rc = action_render(rq, rs, &v, &v.items[idx], NULL, NULL, 0, e);
	view_free(&v);
	return rc;
}

static void forbidden_page(struct web_req *rq, struct web_resp *rs, const struct plan_item *it)
{
	struct buf href = BUF_INIT, leads = BUF_INIT;
	action_href(&href, it->code);
	lead_tokens(&leads, it);
	rs->status = 403;
	web_page_begin(rq, rs, "You cannot update this action", SEC_PLAN);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">You cannot update action %s</h1>\n"
		       "<p class=\"govuk-body\">Action %s is led by %s. A lead can update only the "
		       "actions whose lead includes their initials; the monitoring group can update "
		       "any action.</p>\n",
		   it->code, it->code, leads.len ? buf_str(&leads) : "no one");
	if (rq->user && rq->user->lead_initials[0])
		web_printf(rs, "<p class=\"govuk-body\">Your account leads as %s.</p>\n",
			   rq->user->lead_initials);
	else
		web_raw(rs, "<p class=\"govuk-body\">Your account has no lead initials. Ask an "
			    "administrator to add them.</p>\n");
	web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s\">Back to action "
		       "%s</a></p>\n",
		   buf_str(&href), it->code);
	web_page_end(rq, rs);
	buf_free(&href);
	buf_free(&leads);
}

/* An evidence file sent with an update. */
struct evidence_sent {
	const struct web_param *up;  /* the upload */
	char name[WEB_FILE_NAME_MAX]; /* its own name, made safe */
	char sha256[65];	      /* hex, once stored */
};

/* The change as JSON text for the audit log: the fields it touches,
 * before (from the row) or after (from the change). Caller frees. */
static char *audit_json(store_t *db, int64_t action_id, const struct plan_change *c, int after,
			const struct evidence_sent *f, struct err *e)
{
	json_t *o = json_object();
	char *s = NULL;
	if (after && f) {
		json_t *j = json_object();
		json_object_set_new(j, "name", json_string(f->name));
		json_object_set_new(j, "size", json_integer((json_int_t)f->up->len));
		json_object_set_new(j, "sha256", json_string(f->sha256));
		json_object_set_new(o, "file", j);
	}
	if (after) {
		if (c->status)
			json_object_set_new(o, "status", json_string(c->status));
		if (c->note)
			json_object_set_new(o, "note", json_string(c->note));
		if (c->evidence)
			json_object_set_new(o, "evidence", json_string(c->evidence));
		if (c->rag || c->clear_rag) {
			json_object_set_new(o, "rag_override", c->rag ? json_string(c->rag) : json_null());
			json_object_set_new(o, "rag_reason",
					    c->rag ? json_string(c->reason) : json_null());
		}
	} else {
		store_stmt_t *st;
		if (store_prepare(db, &st, e,
				  "SELECT status, rag_override, rag_reason FROM action WHERE id = ?",
				  "i", action_id) < 0) {
			json_decref(o);
			return NULL;
		}
		if (store_step(st, e) == 1) {
			const char *ro = store_col_text(st, 1), *rr = store_col_text(st, 2);
			if (c->status)
				json_object_set_new(o, "status", json_string(store_col_text(st, 0)));
			if (c->rag || c->clear_rag) {
				json_object_set_new(o, "rag_override", ro ? json_string(ro) : json_null());
				json_object_set_new(o, "rag_reason", rr ? json_string(rr) : json_null());
			}
		}
		store_done(st);
	}
	if (json_object_size(o))
		s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return s;
}

/* 1 when s is longer than max characters. */
static int too_long(const char *s, size_t max)
{
	int cut = 0;
	if (s)
		str_utf8_prefix(s, max, &cut);
	return cut;
}

/* Check the form with the rules of `plan update`, collecting each
 * problem against its field. Returns the number of errors. */
static int update_check(const struct plan_change *c, struct web_field_error *errs, int earlier)
{
	struct plan_change k = *c;
	int n = 0;
	if (too_long(k.note, NOTE_MAX))
		errs[n++] = (struct web_field_error){"note", "The note must be 5,000 characters or fewer"};
	if (too_long(k.evidence, EVIDENCE_MAX))
		errs[n++] = (struct web_field_error){"evidence",
						     "The evidence must be 1,000 characters or fewer"};
	if (too_long(k.reason, REASON_MAX))
		errs[n++] = (struct web_field_error){"reason",
						     "The reason must be 1,000 characters or fewer"};
	for (;;) {
		switch (plan_change_check(&k)) {
		case PLAN_CHANGE_OK:
			return n;
		case PLAN_CHANGE_BAD_STATUS:
			errs[n++] = (struct web_field_error){
				"status", "Select the status from the list: not started, in progress, "
					  "done or dropped"};
			k.status = NULL;
			break;
		case PLAN_CHANGE_BAD_RAG:
		case PLAN_CHANGE_RAG_AND_CLEAR:
			errs[n++] = (struct web_field_error){
				"rag", "Select red, amber or green, or keep the rating as it is"};
			k.rag = NULL;
			k.clear_rag = 0;
			break;
		case PLAN_CHANGE_NO_REASON:
			errs[n++] = (struct web_field_error){
				"reason", "Enter the reason for setting the RAG rating by hand"};
			k.rag = NULL;
			break;
		case PLAN_CHANGE_EMPTY_NOTE:
			errs[n++] = (struct web_field_error){"note", "Enter a note"};
			k.note = NULL;
			break;
		case PLAN_CHANGE_NOTHING:
			if (!n && !earlier)
				errs[n++] = (struct web_field_error){
					"status", "Change the status, or enter a note, evidence or a "
						  "RAG rating"};
			return n;
		}
	}
}

/* POST /plan/action/ID: record an update (status, note, evidence, RAG
 * override) by the signed-in user, with its audit entry, in one
 * transaction; then back to the action (POST-redirect-GET). */
static int plan_update_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct plan_view v;
	struct plan_change c;
	struct update_form fv;
	struct web_field_error errs[8];
	const struct plan_item *it;
	char *status = param_dup(rq, "status"), *note = param_dup(rq, "note"),
	     *evidence = param_dup(rq, "evidence"), *rag = param_dup(rq, "rag"),
	     *reason = param_dup(rq, "reason"), *before = NULL, *after = NULL;
	char target[64], flash[96];
	struct buf href = BUF_INIT;
	struct evidence_sent file, *fp = NULL;
	const char *file_problem;
	int idx, rc, n_errs = 0;

	memset(&v, 0, sizeof v);
	memset(&c, 0, sizeof c);
	memset(&file, 0, sizeof file);
	/* a file input left empty still sends a part, with no name and no bytes */
	file.up = web_upload(rq, "file");
	if (file.up && (!file.up->filename || !*file.up->filename) && file.up->len == 0)
		file.up = NULL;
	if (file.up) {
		web_file_name(file.up->filename, "evidence", file.name);
		fp = &file;
	}
	file_problem = plan_evidence_problem(file.up);
	/* Everything is judged inside the writing transaction, on the plan
	 * as it is now: who may update the action (a lead handed over
	 * meanwhile) and what the update changes (the same update sent twice
	 * at once changes it once). */
	if ((rc = web_begin(rq, rs, CAP_UPDATE_OWN_ACTIONS | CAP_UPDATE_ANY_ACTION, e)) != 0) {
		rc = rc < 0 ? rc : 0;
		goto done;
	}
	if ((rc = action_load(rq, date_today(), &v, &idx, e)) < 0)
		goto fail;
	it = &v.items[idx];
	if (!may_update(rq, it)) {
		store_rollback(rq->db);
		forbidden_page(rq, rs, it);
		goto done;
	}
	/* The form always sends the status; the same status again is no change. */
	c.status = status && strcmp(status, it->status) != 0 ? status : NULL;
	c.note = note;
	c.evidence = evidence;
	if (rag && strcmp(rag, "clear") == 0)
		c.clear_rag = 1;
	else
		c.rag = rag;
	c.reason = reason;
	fv = (struct update_form){status, note, evidence, rag, reason};
	if (file_problem)
		errs[n_errs++] = (struct web_field_error){"file", file_problem};
	else if (fp && !c.evidence)
		c.evidence = fp->name; /* the history's evidence: the file's name */
	if ((n_errs += update_check(&c, errs + n_errs, n_errs)) > 0) {
		store_rollback(rq->db);
		rs->status = 400;
		rc = action_render(rq, rs, &v, it, &fv, errs, n_errs, e);
		goto done;
	}
	snprintf(target, sizeof target, "action %s", it->code);
	before = audit_json(rq->db, it->id, &c, 0, NULL, e);
	if ((rc = e->code) < 0 || (rc = plan_change_apply(rq->db, it->id, &c, rq->user->name, e)) < 0)
		goto fail;
	if (fp) {
		/* the history entry plan_change_apply has just written */
		int64_t event_id = 0;
		if ((rc = store_query_int(rq->db, &event_id, e,
					  "SELECT max(id) FROM action_event WHERE action_id = ?"
					  " AND kind IN ('status', 'note')",
					  "i", it->id)) < 0 ||
		    (rc = plan_evidence_add(rq->db, event_id, it->id, fp->name, fp->up->value,
					    fp->up->len, rq->user->name, fp->sha256, e)) < 0)
			goto fail;
	}
	after = audit_json(rq->db, it->id, &c, 1, fp, e);
	if ((rc = e->code) < 0 || (rc = web_audit(rq, "plan.update", target, before, after, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0)
		goto fail;
	snprintf(flash, sizeof flash, "Action %s updated", it->code);
	web_flash(rq, flash);
	action_href(&href, it->code);
	web_redirect(rs, buf_str(&href));
	goto done;
fail:
	store_rollback(rq->db);
done:
	buf_free(&href);
	view_free(&v);
	free(status);
	free(note);
	free(evidence);
	free(rag);
	free(reason);
	free(before);
	free(after);
	return rc;
}

/* ---- GET /plan/duties --------------------------------------------------*/

struct duty_count {
	int no;
	char *name;   /* or NULL; borrowed from the duty rows */
	int areas;    /* current areas serving it (all plans) */
	int n[N_STATUS]; /* this plan's actions by status */
	int work;	 /* other rooms' live work serving it (duty_work.c) */
};

/* GET /plan/duties: for every duty, the areas and actions that serve it
 * by status, duties with no live action marked; then which area serves
 * which duty. */
static int plan_duties_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct plan_view v;
	struct plan_duty_row *rows = NULL;
	struct duty_count *dc = NULL;
	struct plan_duty_work *work = NULL;
	size_t n_rows = 0, n_work = 0, i, k;
	struct date as_of;
	int rc, j, s, last_area = -1;

	memset(&v, 0, sizeof v);
	if ((rc = param_as_of(rq, &as_of, e)) < 0)
		return rc;
	if ((rc = view_load(rq, as_of, &v, e)) < 0)
		goto done;
	if (rc == 1) {
		no_plan_page(rq, rs, "Duty coverage");
		rc = 0;
		goto done;
	}
	if ((rc = plan_duties_load(rq->db, &rows, &n_rows, e)) < 0)
		goto done;
	dc = xcalloc(n_rows + 1, sizeof *dc);
	for (i = 0; i < n_rows; i++) {
		dc[i].no = rows[i].no;
		dc[i].name = rows[i].name;
		dc[i].areas = rows[i].areas;
	}
	for (i = 0; i < v.n_items; i++) {
		const struct plan_item *it = &v.items[i];
		for (s = 0; s < N_STATUS && strcmp(status_values[s], it->status); s++)
			;
		if (s == N_STATUS)
			s = 0;
		for (j = 0; j < it->n_duties; j++)
			for (k = 0; k < n_rows; k++)
				if (dc[k].no == it->duties[j])
					dc[k].n[s]++;
	}
	if ((rc = plan_duty_work_load(rq->db, &work, &n_work, e)) < 0)
		goto done;
	for (i = 0; i < n_work; i++)
		for (k = 0; k < n_rows; k++)
			if (dc[k].no == work[i].duty)
				dc[k].work += work[i].live;

	web_page_begin(rq, rs, "Duty coverage", SEC_PLAN);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/plan\">All actions</a>\n");
	if (v.title)
		web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n", v.title);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Duty coverage</h1>\n<p class=\"govuk-body\">How "
		    "many actions serve each statutory duty, by status, and what other work serves "
		    "it, such as an equality impact assessment. A duty with no live action (nothing "
		    "not started or in progress) and no other live work needs attention.</p>\n");
	if (web_can(rq, CAP_UPDATE_ANY_ACTION))
		web_raw(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
			    "href=\"/plan/duties/names\">Name the duties</a></p>\n");
	if (!n_rows) {
		web_raw(rs, "<p class=\"govuk-body\">The plan names no duties.</p>\n");
	} else {
		web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Actions by duty\">\n<table class=\"govuk-table\">\n"
			    "<caption class=\"govuk-table__caption govuk-table__caption--m\">Actions "
			    "serving each duty</caption>\n<thead class=\"govuk-table__head\"><tr "
			    "class=\"govuk-table__row\">"
			    "<th scope=\"col\" class=\"govuk-table__header\">Duty</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Name</th>"
			    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Areas</th>"
			    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Not started</th>"
			    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">In progress</th>"
			    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Done</th>"
			    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Dropped</th>"
			    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Other work</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Covered</th>"
			    "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
		for (i = 0; i < n_rows; i++) {
			const struct duty_count *d = &dc[i];
			web_printf(rs,
				   "<tr class=\"govuk-table__row\"><th scope=\"row\" "
				   "class=\"govuk-table__header\"><a class=\"govuk-link\" "
				   "href=\"/plan?duty=%d\">%d</a></th><td class=\"govuk-table__cell\">%s</td>",
				   d->no, d->no, d->name ? d->name : "(unnamed)");
			web_printf(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%d</td>",
				   d->areas);
			for (s = 0; s < N_STATUS; s++)
				web_printf(rs,
					   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%d</td>",
					   d->n[s]);
			web_printf(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%d</td>",
				   d->work);
			if (d->n[0] + d->n[1])
				web_raw(rs, "<td class=\"govuk-table__cell\">Yes</td></tr>\n");
			else if (d->work)
				web_raw(rs, "<td class=\"govuk-table__cell\">By other work only</td></tr>\n");
			else
				web_raw(rs, "<td class=\"govuk-table__cell\"><strong class=\"govuk-tag "
					    "govuk-tag--red\">No live action</strong></td></tr>\n");
		}
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
		if (n_work) {
			web_raw(rs, "<h2 class=\"govuk-heading-m\">Other work serving the duties</h2>\n"
				    "<ul class=\"govuk-list govuk-list--bullet\" id=\"duty-work\">\n");
			for (i = 0; i < n_work; i++) {
				const struct plan_duty_work *w = &work[i];
				web_printf(rs, "<li>Duty %d: ", w->duty);
				if (w->href)
					web_printf(rs, "<a class=\"govuk-link\" href=\"%s\">%s %s: %s</a>",
						   w->href, w->kind, w->ref, w->title);
				else
					web_printf(rs, "%s %s: %s", w->kind, w->ref, w->title);
				web_raw(rs, w->live ? "</li>\n" : " (no longer live)</li>\n");
			}
			web_raw(rs, "</ul>\n");
		}

		web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Areas and duties\">\n<table class=\"govuk-table\">\n"
			    "<caption class=\"govuk-table__caption govuk-table__caption--m\">Areas of "
			    "work and the duties they serve</caption>\n<thead class=\"govuk-table__head\">"
			    "<tr class=\"govuk-table__row\"><th scope=\"col\" "
			    "class=\"govuk-table__header\">Area of work</th>");
		for (i = 0; i < n_rows; i++)
			web_printf(rs, "<th scope=\"col\" class=\"govuk-table__header\">Duty %d</th>",
				   dc[i].no);
		web_raw(rs, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
		for (i = 0; i < v.n_items; i++) {
			const struct plan_item *it = &v.items[i];
			if (it->area_no == last_area)
				continue;
			last_area = it->area_no;
			web_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
				       "class=\"govuk-table__header\">%d. %s</th>",
				   it->area_no, it->area ? it->area : "");
			for (k = 0; k < n_rows; k++) {
				int serves = 0;
				for (j = 0; j < it->n_duties; j++)
					serves |= it->duties[j] == dc[k].no;
				web_printf(rs, "<td class=\"govuk-table__cell\">%s</td>", serves ? "Yes" : "");
			}
			web_raw(rs, "</tr>\n");
		}
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
	}
	web_page_end(rq, rs);
	rc = 0;
done:
	free(dc);
	plan_duty_work_free(work, n_work);
	plan_duties_free(rows, n_rows);
	view_free(&v);
	return rc;
}

/* ---- GET /plan/calendar.ics --------------------------------------------*/

int plan_web_plan_name(store_t *db, char name[64], struct err *e)
{
	store_stmt_t *st;
	int rc;
	name[0] = '\0';
	if (store_prepare(db, &st, e,
			  "SELECT name FROM plan"
			  " ORDER BY CASE WHEN name = 'main' THEN 0 ELSE 1 END, id",
			  "") < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1)
		snprintf(name, 64, "%s", store_col_text(st, 0));
	store_done(st);
	return rc < 0 ? ERR_DB : rc == 0 ? 1 : 0;
}

static int led_by_initials(const struct plan_item *it, const void *initials)
{
	return led_by_account(it, initials);
}

/* GET /plan/calendar.ics: every live due date as iCalendar, the same feed
 * as `plan report --format ics`; for an account that may not read the
 * plan (a lead with update-own-actions only), the actions it leads. Opens
 * with a session or with the account's feed key (?key=, web/feedkey.c). */
static int plan_calendar_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct plan_report_opts o = {"ics", {0, 0, 0}, 90, NULL, NULL, NULL};
	struct buf b = BUF_INIT;
	char name[64];
	int rc;
	if ((rc = param_as_of(rq, &o.as_of, e)) < 0)
		return rc;
	if (!web_can(rq, CAP_READ_PLAN)) {
		o.keep = led_by_initials;
		o.keep_arg = rq->user->lead_initials;
	}
	rc = plan_web_plan_name(rq->db, name, e);
	if (rc == 1)
		rc = err_set(e, ERR_NOTFOUND, "No action plan has been imported yet.");
	if (rc == 0)
		rc = plan_report_write(rq->db, name, &o, &b, e);
	if (rc == ERR_DATA)
		rc = err_set(e, ERR_INTERNAL, "the calendar is too large to build");
	if (rc == 0)
		web_send(rs, "text/calendar; charset=utf-8", buf_str(&b), b.len, "parity-plan.ics");
	buf_free(&b);
	return rc;
}

/* ---- the table ---------------------------------------------------------*/

/* /plan/action/ID/edit is the change page (web_edit.c); the rest of
 * /plan/action/ is the action's page and its update form. */
static int plan_action_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return plan_edit_path(rq) ? plan_edit_page(rq, rs, e) : plan_action_page(rq, rs, e);
}

static int plan_action_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return plan_edit_path(rq) ? plan_edit_page(rq, rs, e) : plan_update_page(rq, rs, e);
}

const struct web_route plan_pages[] = {
	{"GET", "/people", CAP_READ_PLAN, plan_people_page},
	{"GET", "/people/add", CAP_UPDATE_ANY_ACTION, plan_person_add_page},
	{"POST", "/people/add", CAP_UPDATE_ANY_ACTION, plan_person_add_post},
	{"GET", "/people/*", CAP_UPDATE_ANY_ACTION, plan_person_page},
	{"POST", "/people/*", CAP_UPDATE_ANY_ACTION, plan_person_post},
	{"GET", "/plan", CAP_READ_PLAN, plan_list_page},
	{"GET", "/plan/add", CAP_UPDATE_ANY_ACTION, plan_add_page},
	{"POST", "/plan/add", CAP_UPDATE_ANY_ACTION, plan_add_post},
	{"GET", "/plan/action/*", CAP_READ_PLAN, plan_action_get},
	{"POST", "/plan/action/*", CAP_UPDATE_OWN_ACTIONS | CAP_UPDATE_ANY_ACTION, plan_action_post},
	{"GET", "/plan/calendar.ics", CAP_READ_PLAN | CAP_UPDATE_OWN_ACTIONS | CAP_FEED_KEY,
	 plan_calendar_page},
	{"GET", "/plan/duties", CAP_READ_PLAN, plan_duties_page},
	{"GET", "/plan/duties/names", CAP_UPDATE_ANY_ACTION, plan_duty_names_page},
	{"POST", "/plan/duties/names", CAP_UPDATE_ANY_ACTION, plan_duty_names_post},
	{"GET", "/plan/evidence/*", CAP_READ_PLAN, plan_evidence_page},
	{"GET", "/plan/import", CAP_IMPORT_DATA, plan_import_page},
	{"POST", "/plan/import", CAP_IMPORT_DATA, plan_import_post},
	{"GET", "/plan/mine", CAP_UPDATE_OWN_ACTIONS | CAP_UPDATE_ANY_ACTION, plan_mine_page},
	{"POST", "/plan/mine", CAP_UPDATE_OWN_ACTIONS | CAP_UPDATE_ANY_ACTION, plan_mine_post},
	{"GET", "/plan/report.csv", CAP_READ_PLAN, plan_report_page},
	{"GET", "/plan/report.docx", CAP_READ_PLAN, plan_report_page},
	{"GET", "/plan/report.html", CAP_READ_PLAN, plan_report_page},
	{"GET", "/plan/report.ics", CAP_READ_PLAN, plan_report_page},
};
const size_t plan_n_pages = sizeof plan_pages / sizeof plan_pages[0];

static const struct web_nav plan_nav[] = {
	{20, SEC_PLAN, CAP_READ_PLAN, "/plan", "Action plan"},
	{40, SEC_PEOPLE, CAP_READ_PLAN, "/people", "People and terms"},
	{15, SEC_MINE, CAP_LEAD_INITIALS | CAP_UPDATE_OWN_ACTIONS | CAP_UPDATE_ANY_ACTION, "/plan/mine",
	 "My actions"},
};

static const struct web_audit_word plan_audit_words[] = {
	{"plan.import", "Imported the action plan"},
	{"plan.update", "Updated an action"},
	{"plan.edit", "Changed an action's wording, due date, leads or status"},
	{"plan.add", "Added an action"},
	{"plan.duty", "Named a duty"},
	{"people.add", "Added a person who leads actions"},
	{"people.rename", "Changed a person's initials, name or role"},
	{"people.reassign", "Handed a person's actions over to someone else"},
};

const struct room plan_room = {"plan", plan_commands, plan_pages,
			       sizeof plan_pages / sizeof plan_pages[0], plan_nav,
			       sizeof plan_nav / sizeof plan_nav[0], plan_audit_words,
			       sizeof plan_audit_words / sizeof plan_audit_words[0]};
