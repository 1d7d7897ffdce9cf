/*
 * assess/directory_staff.c: the directories' pages for staff (issue 19;
 * docs/directories.md, docs/web.md).
 *
 * /directories: what the account may open here. For the adjustments
 * capability (granted by name, in no role: these are often health
 * information): /directories/adjustments and /directories/flexible, the
 * arrangements in place (?all=1 adds the ended ones), .../new to record
 * one and .../ID/end to record that it ends (the page says what ending
 * means and asks for the date before anything changes). For adjustments
 * or read-plan: /directories/counts, today's counts by unit and type as
 * dir_counts gives them — the same suppressed figures as the command,
 * never a second computation. For publish (what goes on the public
 * pages): /directories/services, with .../new to add a service and an
 * "are you sure" page before one is removed.
 *
 * The router answers 403 to an account without the capability and sends
 * a signed-out visitor to sign in; each change is checked again inside
 * its transaction (web_begin) with the model in directory.c, and audited
 * by number only, never with the person or unit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/directory_internal.h"
#include "core/dates.h"
#include "core/str.h"
#include "mail/mail.h"

#define SEC_DIRECTORIES "directories"
#define TEXT_MAX 200 /* characters of a person, unit, name, contact or place */

/* One kind of arrangement as its pages name it. */
struct page_kind {
	const char *kind;  /* "adjustment" | "flexible" */
	const char *path;  /* "/directories/adjustments" */
	const char *title; /* "Reasonable adjustments" */
	const char *one;   /* "reasonable adjustment" */
	const char *One;   /* "Reasonable adjustment" */
	const char *end;   /* "End the adjustment" */
};
static const struct page_kind pk_adjustment = {
	"adjustment",		     "/directories/adjustments", "Reasonable adjustments",
	"reasonable adjustment",     "Reasonable adjustment",	 "End the adjustment"};
static const struct page_kind pk_flexible = {
	"flexible",			    "/directories/flexible",
	"Flexible working arrangements",    "flexible working arrangement",
	"Flexible working arrangement",	    "End the arrangement"};

/* ---- small pieces -----------------------------------------------------------*/

static void today_iso(char out[11])
{
	date_day_at(mail_now(), out);
}

/* "5 January 2026" for "2026-01-05" into out. */
static void date_words(const char *iso, char out[48])
{
	struct date d;
	char w[32];
	if (!iso || date_parse_user(iso, "date", &d, NULL) < 0) {
		snprintf(out, 48, "%s", iso ? iso : "");
		return;
	}
	date_long(d, w);
	snprintf(out, 48, "%s", w);
}

static void sl_row(struct web_resp *rs, const char *key, const char *value)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
		   key, value);
}

static const char *posted(const struct web_req *rq, const char *name)
{
	return rq->method[0] == 'P' ? web_param(rq, name) : NULL;
}

/* The 404 of an unknown address. */
static int not_found(struct err *e)
{
	err_clear(e);
	return err_set(e, ERR_NOTFOUND, "If you typed the web address, check it is correct.");
}

/* A text field: NULL (with msg set) unless it has 1 to TEXT_MAX
 * characters that are not all spaces. */
static const char *text_ok(const char *v, const char *missing, const char *too_long,
			   const char **msg)
{
	int cut = 0;
	if (!v || str_blank(v)) {
		*msg = missing;
		return NULL;
	}
	str_utf8_prefix(v, TEXT_MAX, &cut);
	if (cut) {
		*msg = too_long;
		return NULL;
	}
	return v;
}

/* Commit after an audited change, or roll back; rc as given or the commit's. */
static int finish(struct web_req *rq, int rc, struct err *e)
{
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0)
		store_rollback(rq->db);
	return rc;
}

/* ---- the overview -----------------------------------------------------------*/

static void card(struct web_resp *rs, const char *href, const char *title, const char *text)
{
	web_printf(rs, "<h2 class=\"govuk-heading-m\"><a class=\"govuk-link\" href=\"%s\">%s</a>"
		       "</h2>\n<p class=\"govuk-body\">%s</p>\n",
		   href, title, text);
}

/* GET /directories */
static int overview_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	(void)e;
	web_page_begin(rq, rs, "Directories", SEC_DIRECTORIES);
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		    "<h1 class=\"govuk-heading-l\">Directories</h1>\n"
		    "<p class=\"govuk-body\">The reasonable adjustments and flexible working "
		    "arrangements in place, how many there are, and the public directory of "
		    "services.</p>\n");
	if (web_can(rq, CAP_ADJUSTMENTS)) {
		card(rs, "/directories/adjustments", "Reasonable adjustments",
		     "Record the adjustments in place for each person, and when they end.");
		card(rs, "/directories/flexible", "Flexible working arrangements",
		     "Record the flexible working arrangements in place for each person, and when "
		     "they end.");
	}
	if (web_can(rq, CAP_ADJUSTMENTS | CAP_READ_PLAN))
		card(rs, "/directories/counts", "Counts by unit and type",
		     "How many adjustments and arrangements are in place today, with small numbers "
		     "withheld.");
	if (web_can(rq, CAP_PUBLISH))
		card(rs, "/directories/services", "Services and support",
		     "Add or remove the staff networks, support groups, interpreters and faith rooms "
		     "listed on the public pages.");
	web_raw(rs, "<p class=\"govuk-body\">Anyone can read the <a class=\"govuk-link\" "
		    "href=\"/public/services\">public directory of services and support</a>.</p>\n"
		    "</div></div>\n");
	web_page_end(rq, rs);
	return 0;
}

/* ---- an arrangement's list --------------------------------------------------*/

static int list_page(const struct page_kind *k, struct web_req *rq, struct web_resp *rs,
		     struct err *e)
{
	const char *v = web_param(rq, "all");
	int all = v && !strcmp(v, "1");
	char today[11], title[96];
	json_t *arr = NULL, *o;
	size_t i;
	int rc;
	if ((rc = dir_arrangements(rq->db, k->kind, NULL, all, &arr, e)) < 0)
		return rc;
	today_iso(today);
	web_page_begin(rq, rs, k->title, SEC_DIRECTORIES);
	web_printf(rs, "<a href=\"/directories\" class=\"govuk-back-link\">Directories</a>\n"
		       "<h1 class=\"govuk-heading-l\">%s</h1>\n",
		   k->title);
	web_printf(rs, "<p class=\"govuk-body\">%s. Only accounts that may record reasonable "
		       "adjustments and flexible working see this page: these are personal "
		       "details, often about someone's health.</p>\n"
		       "<a class=\"govuk-button\" data-module=\"govuk-button\" href=\"%s/new\">"
		       "Record a %s</a>\n",
		   all ? "In place today, and those that have ended" : "In place today", k->path,
		   k->one);
	if (all)
		web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s\">Show only "
			       "those in place</a></p>\n",
			   k->path);
	else
		web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s?all=1\">"
			       "Show those that have ended too</a></p>\n",
			   k->path);
	if (!json_array_size(arr)) {
		web_printf(rs, "<p class=\"govuk-body\">No %ss %s.</p>\n", k->one,
			   all ? "recorded" : "in place");
		json_decref(arr);
		web_page_end(rq, rs);
		return 0;
	}
	snprintf(title, sizeof title, "%s", k->title);
	web_printf(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		       "aria-label=\"%s\">\n<table class=\"govuk-table\">\n<caption class=\""
		       "govuk-table__caption govuk-visually-hidden\">%s</caption>\n",
		   title, title);
	web_raw(rs, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Person</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Unit</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Type</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">From</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Until</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\"><span class=\""
		    "govuk-visually-hidden\">Change</span></th></tr></thead>\n"
		    "<tbody class=\"govuk-table__body\">\n");
	json_array_foreach(arr, i, o)
	{
		const char *person = json_string_value(json_object_get(o, "person")),
			   *end = json_string_value(json_object_get(o, "end"));
		char from[48], until[48];
		long long id = (long long)json_integer_value(json_object_get(o, "id"));
		date_words(json_string_value(json_object_get(o, "start")), from);
		if (end)
			date_words(end, until);
		else
			snprintf(until, sizeof until, "No end date");
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
			       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">"
			       "%s</td><td class=\"govuk-table__cell\">%s</td><td class=\""
			       "govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">",
			   person, json_string_value(json_object_get(o, "unit")),
			   dir_type_words(k->kind, json_string_value(json_object_get(o, "type"))),
			   from, until);
		if (!end || strcmp(end, today) > 0)
			web_printf(rs, "<a class=\"govuk-link\" href=\"%s/%lld/end\">End<span class=\""
				       "govuk-visually-hidden\"> the %s of %s</span></a>",
				   k->path, id, k->one, person);
		web_raw(rs, "</td></tr>\n");
	}
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
	json_decref(arr);
	web_page_end(rq, rs);
	return 0;
}

/* ---- recording one ----------------------------------------------------------*/

static int new_form(const struct page_kind *k, struct web_req *rq, struct web_resp *rs,
		    const struct web_field_error *errs, int n_errs)
{
	const char *const *types = dir_kind_types(k->kind);
	struct web_choice choices[8];
	struct web_field fd;
	char title[96], action[64], q[64];
	size_t n = 0;
	for (; types[n] && n < 8; n++)
		choices[n] = (struct web_choice){types[n], dir_type_words(k->kind, types[n]), NULL};
	snprintf(title, sizeof title, "%sRecord a %s", n_errs ? "Error: " : "", k->one);
	snprintf(action, sizeof action, "%s/new", k->path);
	web_page_begin(rq, rs, title, SEC_DIRECTORIES);
	web_printf(rs, "<a href=\"%s\" class=\"govuk-back-link\">%s</a>\n"
		       "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n",
		   k->path, k->title);
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">Record a %s</h1>\n"
		       "<p class=\"govuk-body\">Record what is in place, not why: do not write "
		       "down a condition or a diagnosis.</p>\n"
		       "<form method=\"post\" action=\"%s\" novalidate>\n",
		   k->one, action);
	web_csrf_field(rq, rs);
	fd = (struct web_field){"person", NULL, "Staff number or name", NULL,
				posted(rq, "person"), "govuk-input--width-20",
				"spellcheck=\"false\" autocomplete=\"off\""};
	web_input(rs, &fd, "text", errs, n_errs);
	fd = (struct web_field){"unit", NULL, "Unit", "The team or office they work in",
				posted(rq, "unit"), "govuk-input--width-20", "spellcheck=\"false\""};
	web_input(rs, &fd, "text", errs, n_errs);
	snprintf(q, sizeof q, "Type of %s", !strcmp(k->kind, "adjustment") ? "adjustment"
									 : "arrangement");
	fd = (struct web_field){"type", NULL, q, NULL, posted(rq, "type"), NULL, NULL};
	web_radios(rs, &fd, choices, n, 0, errs, n_errs);
	fd = (struct web_field){"start", NULL, "Date it started", "For example, 5 1 2026", NULL,
				NULL, NULL};
	web_date_input(rs, &fd, posted(rq, "start-day"), posted(rq, "start-month"),
		       posted(rq, "start-year"), errs, n_errs);
	web_printf(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		       "Record the %s</button>\n</form>\n</div></div>\n",
		   k->one);
	web_page_end(rq, rs);
	return 0;
}

static int new_post(const struct page_kind *k, struct web_req *rq, struct web_resp *rs,
		    struct err *e)
{
	const char *person, *unit, *type = web_param(rq, "type"), *msg = NULL;
	struct web_field_error errs[4];
	struct date d;
	char dmsg[160], start[11], target[40], what[32], flash[96];
	int64_t id = 0;
	int n = 0, rc;
	if (!(person = text_ok(web_param(rq, "person"), "Enter the person's staff number or name",
			       "Staff number or name must be 200 characters or fewer", &msg)))
		errs[n++] = (struct web_field_error){"person", msg};
	if (!(unit = text_ok(web_param(rq, "unit"), "Enter the unit",
			     "Unit must be 200 characters or fewer", &msg)))
		errs[n++] = (struct web_field_error){"unit", msg};
	if (!type || !dir_kind_types(k->kind) || !*type) {
		type = NULL;
	} else {
		const char *const *t = dir_kind_types(k->kind);
		size_t i;
		for (i = 0; t[i] && strcmp(t[i], type); i++)
			;
		if (!t[i])
			type = NULL;
	}
	if (!type)
		errs[n++] = (struct web_field_error){"type", !strcmp(k->kind, "adjustment")
								     ? "Select the type of adjustment"
								     : "Select the type of arrangement"};
	rc = web_date_read(rq, "start", "Date it started", &d, dmsg);
	if (rc == 0)
		errs[n++] = (struct web_field_error){"start", "Enter the date it started"};
	else if (rc < 0)
		errs[n++] = (struct web_field_error){"start", dmsg};
	if (n) {
		rs->status = 400;
		return new_form(k, rq, rs, errs, n);
	}
	date_format(d, start);
	if ((rc = web_begin(rq, rs, CAP_ADJUSTMENTS, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = dir_arrangement_add(rq->db, k->kind, person, unit, type, start, NULL, rq->user->name,
				 &id, e);
	snprintf(target, sizeof target, "%s %lld", k->kind, (long long)id);
	snprintf(what, sizeof what, "%s.add", k->kind);
	if (rc >= 0)
		rc = web_audit(rq, what, target, NULL, NULL, e);
	if ((rc = finish(rq, rc, e)) < 0)
		return rc;
	snprintf(flash, sizeof flash, "%s recorded", k->One);
	web_flash(rq, flash);
	web_redirect(rs, k->path);
	return 0;
}

/* ---- ending one -------------------------------------------------------------*/

/* Arrangement id of kind, still to end after today, into *o (the caller
 * json_decrefs it); ERR_NOTFOUND (the 404) when there is none. */
static int open_one(const struct page_kind *k, struct web_req *rq, int64_t id, json_t **o,
		    struct err *e)
{
	char today[11];
	const char *end;
	int rc = dir_arrangement_get(rq->db, k->kind, id, o, e);
	if (rc == ERR_NOTFOUND)
		return not_found(e);
	if (rc < 0)
		return rc;
	today_iso(today);
	end = json_string_value(json_object_get(*o, "end"));
	if (end && strcmp(end, today) <= 0) {
		json_decref(*o);
		*o = NULL;
		return not_found(e);
	}
	return 0;
}

static int end_form(const struct page_kind *k, struct web_req *rq, struct web_resp *rs,
		    int64_t id, const json_t *o, const struct web_field_error *errs, int n_errs)
{
	struct web_field fd;
	char title[96], from[48], action[80], dd[8], mm[8], yy[8], today[11];
	const char *end = json_string_value(json_object_get(o, "end"));
	snprintf(title, sizeof title, "%s%s", n_errs ? "Error: " : "", k->end);
	snprintf(action, sizeof action, "%s/%lld/end", k->path, (long long)id);
	today_iso(today);
	snprintf(yy, sizeof yy, "%.4s", today);
	snprintf(mm, sizeof mm, "%d", (today[5] - '0') * 10 + (today[6] - '0'));
	snprintf(dd, sizeof dd, "%d", (today[8] - '0') * 10 + (today[9] - '0'));
	web_page_begin(rq, rs, title, SEC_DIRECTORIES);
	web_printf(rs, "<a href=\"%s\" class=\"govuk-back-link\">%s</a>\n"
		       "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n",
		   k->path, k->title);
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">%s</h1>\n<dl class=\"govuk-summary-list\">\n",
		   k->end);
	sl_row(rs, "Staff number or name", json_string_value(json_object_get(o, "person")));
	sl_row(rs, "Unit", json_string_value(json_object_get(o, "unit")));
	sl_row(rs, "Type", dir_type_words(k->kind, json_string_value(json_object_get(o, "type"))));
	date_words(json_string_value(json_object_get(o, "start")), from);
	sl_row(rs, "From", from);
	if (end) {
		char until[48];
		date_words(end, until);
		sl_row(rs, "Until", until);
	}
	web_printf(rs, "</dl>\n<p class=\"govuk-body\">The %s stays on record as ended, and is no "
		       "longer counted after the date it ends.</p>\n"
		       "<form method=\"post\" action=\"%s\" novalidate>\n",
		   k->one, action);
	web_csrf_field(rq, rs);
	fd = (struct web_field){"on", NULL, "Date it ends", "Today, or the date it ended or will "
				"end. For example, 30 6 2026", NULL, NULL, NULL};
	if (rq->method[0] == 'P')
		web_date_input(rs, &fd, posted(rq, "on-day"), posted(rq, "on-month"),
			       posted(rq, "on-year"), errs, n_errs);
	else
		web_date_input(rs, &fd, dd, mm, yy, errs, n_errs);
	web_printf(rs, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\""
		       "govuk-button govuk-button--warning\" data-module=\"govuk-button\">%s</button>"
		       "<a class=\"govuk-link\" href=\"%s\">Cancel</a></div>\n</form>\n</div></div>\n",
		   k->end, k->path);
	web_page_end(rq, rs);
	return 0;
}

static int end_page(const struct page_kind *k, struct web_req *rq, struct web_resp *rs,
		    int64_t id, struct err *e)
{
	json_t *o = NULL;
	int rc = open_one(k, rq, id, &o, e);
	if (rc < 0)
		return rc;
	rc = end_form(k, rq, rs, id, o, NULL, 0);
	json_decref(o);
	return rc;
}

static int end_post(const struct page_kind *k, struct web_req *rq, struct web_resp *rs,
		    int64_t id, struct err *e)
{
	struct web_field_error err1;
	struct date d;
	char dmsg[160], msg[200], on[11] = "", target[40], what[32], flash[128];
	const char *start, *was;
	json_t *o = NULL;
	int rc, got;
	if ((rc = web_begin(rq, rs, CAP_ADJUSTMENTS, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = open_one(k, rq, id, &o, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	got = web_date_read(rq, "on", "Date it ends", &d, dmsg);
	start = json_string_value(json_object_get(o, "start"));
	was = json_string_value(json_object_get(o, "end"));
	if (got == 1)
		date_format(d, on);
	if (got == 0)
		snprintf(msg, sizeof msg, "Enter the date it ends");
	else if (got < 0)
		snprintf(msg, sizeof msg, "%s", dmsg);
	else if (strcmp(on, start) < 0) {
		char w[48];
		date_words(start, w);
		snprintf(msg, sizeof msg, "Date it ends must be on or after the date it started, %s",
			 w);
		got = -1;
	} else if (was && strcmp(was, on) <= 0) {
		char w[48];
		date_words(was, w);
		snprintf(msg, sizeof msg, "Date it ends must be before the end already recorded, %s",
			 w);
		got = -1;
	}
	if (got != 1) {
		store_rollback(rq->db);
		err1 = (struct web_field_error){"on", msg};
		rs->status = 400;
		rc = end_form(k, rq, rs, id, o, &err1, 1);
		json_decref(o);
		return rc;
	}
	json_decref(o);
	rc = dir_arrangement_end(rq->db, k->kind, id, on, e);
	snprintf(target, sizeof target, "%s %lld", k->kind, (long long)id);
	snprintf(what, sizeof what, "%s.end", k->kind);
	if (rc >= 0)
		rc = web_audit(rq, what, target, NULL, on, e);
	if ((rc = finish(rq, rc, e)) < 0)
		return rc;
	{
		char w[48];
		date_words(on, w);
		snprintf(flash, sizeof flash, "%s ends on %s", k->One, w);
	}
	web_flash(rq, flash);
	web_redirect(rs, k->path);
	return 0;
}

/* ---- the routes of one kind -------------------------------------------------*/

/* rq->arg "new" or "ID/end": which page; ERR_NOTFOUND otherwise. */
static int parse_arg(const char *arg, int *is_new, int64_t *id, struct err *e)
{
	char num[16];
	const char *slash = strchr(arg, '/');
	size_t n;
	long v;
	*is_new = !strcmp(arg, "new");
	if (*is_new)
		return 0;
	if (!slash || strcmp(slash, "/end"))
		return not_found(e);
	n = (size_t)(slash - arg);
	if (n == 0 || n >= sizeof num)
		return not_found(e);
	memcpy(num, arg, n);
	num[n] = '\0';
	if (str_to_int(num, 1, 2000000000L, &v) < 0)
		return not_found(e);
	*id = v;
	return 0;
}

static int kind_get(const struct page_kind *k, struct web_req *rq, struct web_resp *rs,
		    struct err *e)
{
	int is_new = 0, rc;
	int64_t id = 0;
	if ((rc = parse_arg(rq->arg, &is_new, &id, e)) < 0)
		return rc;
	return is_new ? new_form(k, rq, rs, NULL, 0) : end_page(k, rq, rs, id, e);
}

static int kind_post(const struct page_kind *k, struct web_req *rq, struct web_resp *rs,
		     struct err *e)
{
	int is_new = 0, rc;
	int64_t id = 0;
	if ((rc = parse_arg(rq->arg, &is_new, &id, e)) < 0)
		return rc;
	return is_new ? new_post(k, rq, rs, e) : end_post(k, rq, rs, id, e);
}

static int adj_list_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return list_page(&pk_adjustment, rq, rs, e);
}
static int adj_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return kind_get(&pk_adjustment, rq, rs, e);
}
static int adj_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return kind_post(&pk_adjustment, rq, rs, e);
}
static int flex_list_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return list_page(&pk_flexible, rq, rs, e);
}
static int flex_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return kind_get(&pk_flexible, rq, rs, e);
}
static int flex_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return kind_post(&pk_flexible, rq, rs, e);
}

/* ---- counts -----------------------------------------------------------------*/

/* A count or total of dir_counts in words: "1,234", "Fewer than 10",
 * "Withheld". */
static void count_cell(struct web_resp *rs, json_t *v)
{
	char n[32];
	const char *s = json_string_value(v);
	if (json_is_integer(v))
		str_count(n, (long long)json_integer_value(v));
	else
		snprintf(n, sizeof n, "%s", s && !strcmp(s, "withheld") ? "Withheld" : "Fewer than 10");
	web_printf(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>", n);
}

static void counts_table(struct web_resp *rs, const char *kind, const char *title, json_t *k)
{
	json_t *rows = json_object_get(k, "counts"), *tots = json_object_get(k, "unit_totals"), *u;
	size_t r = 0, t;
	web_printf(rs, "<h2 class=\"govuk-heading-m\">%s</h2>\n", title);
	if (!json_array_size(rows)) {
		web_raw(rs, "<p class=\"govuk-body\">None in place.</p>\n");
		return;
	}
	web_printf(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		       "aria-label=\"%s\">\n<table class=\"govuk-table\">\n<caption class=\""
		       "govuk-table__caption govuk-visually-hidden\">%s by unit and type</caption>\n",
		   title, title);
	web_raw(rs, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Unit</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Type</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		    "Number</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	json_array_foreach(tots, t, u)
	{
		const char *unit = json_string_value(json_object_get(u, "unit"));
		for (; r < json_array_size(rows); r++) {
			json_t *c = json_array_get(rows, r);
			if (strcmp(json_string_value(json_object_get(c, "unit")), unit))
				break;
			web_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\""
				       "govuk-table__header\">%s</th><td class=\"govuk-table__cell\">"
				       "%s</td>",
				   unit,
				   dir_type_words(kind, json_string_value(json_object_get(c, "type"))));
			count_cell(rs, json_object_get(c, "count"));
			web_raw(rs, "</tr>\n");
		}
		web_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\""
			       "govuk-table__header\">%s</th><td class=\"govuk-table__cell\">All types"
			       "</td>",
			   unit);
		count_cell(rs, json_object_get(u, "total"));
		web_raw(rs, "</tr>\n");
	}
	web_raw(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">"
		    "All units</th><td class=\"govuk-table__cell\">All types</td>");
	count_cell(rs, json_object_get(k, "total"));
	web_raw(rs, "</tr>\n</tbody>\n</table>\n</div>\n");
}

/* GET /directories/counts */
static int counts_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	char today[11], w[48];
	json_t *out = NULL;
	int rc;
	today_iso(today);
	if ((rc = dir_counts(rq->db, today, &out, e)) < 0)
		return rc;
	date_words(today, w);
	web_page_begin(rq, rs, "Counts by unit and type", SEC_DIRECTORIES);
	web_printf(rs, "<a href=\"/directories\" class=\"govuk-back-link\">Directories</a>\n"
		       "<h1 class=\"govuk-heading-l\">Counts by unit and type</h1>\n"
		       "<p class=\"govuk-body\">The reasonable adjustments and flexible working "
		       "arrangements in place on %s. So that no one can be identified, a number from "
		       "1 to 9 is shown as \"Fewer than 10\", and a total that would reveal one is "
		       "withheld.</p>\n",
		   w);
	counts_table(rs, "adjustment", "Reasonable adjustments in place",
		     json_object_get(out, "adjustment"));
	counts_table(rs, "flexible", "Flexible working arrangements",
		     json_object_get(out, "flexible"));
	json_decref(out);
	web_page_end(rq, rs);
	return 0;
}

/* ---- services ---------------------------------------------------------------*/

/* GET /directories/services */
static int services_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	store_stmt_t *st = NULL;
	int rc, n = 0;
	if ((rc = store_prepare(rq->db, &st, e,
				"SELECT name, kind, contact FROM dir_service ORDER BY kind, name",
				"")) < 0)
		return rc;
	web_page_begin(rq, rs, "Services and support", SEC_DIRECTORIES);
	web_raw(rs, "<a href=\"/directories\" class=\"govuk-back-link\">Directories</a>\n"
		    "<h1 class=\"govuk-heading-l\">Services and support</h1>\n"
		    "<p class=\"govuk-body\">The services listed on the public page "
		    "<a class=\"govuk-link\" href=\"/public/services\">Services and support</a>, "
		    "which anyone can read.</p>\n"
		    "<a class=\"govuk-button\" data-module=\"govuk-button\" "
		    "href=\"/directories/services/new\">Add a service</a>\n");
	while ((rc = store_step(st, e)) == 1) {
		const char *name = store_col_text(st, 0);
		if (!n++)
			web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
				    "aria-label=\"Services\">\n<table class=\"govuk-table\">\n"
				    "<caption class=\"govuk-table__caption govuk-visually-hidden\">"
				    "Services</caption>\n<thead class=\"govuk-table__head\"><tr "
				    "class=\"govuk-table__row\"><th scope=\"col\" class=\""
				    "govuk-table__header\">Service</th><th scope=\"col\" class=\""
				    "govuk-table__header\">Kind</th><th scope=\"col\" class=\""
				    "govuk-table__header\">Contact</th><th scope=\"col\" class=\""
				    "govuk-table__header\"><span class=\"govuk-visually-hidden\">"
				    "Change</span></th></tr></thead>\n<tbody class=\""
				    "govuk-table__body\">\n");
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
			       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">"
			       "%s</td><td class=\"govuk-table__cell\">"
			       "<form method=\"post\" action=\"/directories/services/remove\" "
			       "novalidate>\n",
			   name, dir_service_kind_words(store_col_text(st, 1)), store_col_text(st, 2));
		web_csrf_field(rq, rs);
		web_printf(rs, "<input type=\"hidden\" name=\"name\" value=\"%s\">\n<button type=\""
			       "submit\" class=\"govuk-button govuk-button--secondary "
			       "govuk-!-margin-bottom-0\" data-module=\"govuk-button\">Remove<span "
			       "class=\"govuk-visually-hidden\"> %s</span></button>\n</form></td></tr>\n",
			   name, name);
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (n)
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
	else
		web_raw(rs, "<p class=\"govuk-body\">No services are listed yet.</p>\n");
	web_page_end(rq, rs);
	return 0;
}

static int service_form(struct web_req *rq, struct web_resp *rs,
			const struct web_field_error *errs, int n_errs)
{
	struct web_choice kinds[8];
	struct web_field fd;
	size_t n = 0;
	for (; dir_service_kinds[n] && n < 8; n++)
		kinds[n] = (struct web_choice){dir_service_kinds[n],
					       dir_service_kind_words(dir_service_kinds[n]), NULL};
	web_page_begin(rq, rs, n_errs ? "Error: Add a service" : "Add a service", SEC_DIRECTORIES);
	web_raw(rs, "<a href=\"/directories/services\" class=\"govuk-back-link\">Services and "
		    "support</a>\n<div class=\"govuk-grid-row\"><div class=\""
		    "govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Add a service</h1>\n"
		    "<p class=\"govuk-body\">Everything you enter here is shown on the public "
		    "page.</p>\n<form method=\"post\" action=\"/directories/services/new\" "
		    "novalidate>\n");
	web_csrf_field(rq, rs);
	fd = (struct web_field){"name", NULL, "Name of the service", NULL, posted(rq, "name"), NULL,
				NULL};
	web_input(rs, &fd, "text", errs, n_errs);
	fd = (struct web_field){"kind", NULL, "Kind of service", NULL, posted(rq, "kind"), NULL,
				NULL};
	web_radios(rs, &fd, kinds, n, 0, errs, n_errs);
	fd = (struct web_field){"contact", NULL, "How to reach it",
				"An email address, a telephone number or an extension", posted(rq,
				"contact"), NULL, NULL};
	web_input(rs, &fd, "text", errs, n_errs);
	fd = (struct web_field){"url", NULL, "Website (optional)",
				"Starting https:// or http://", posted(rq, "url"), NULL,
				"spellcheck=\"false\" autocomplete=\"url\""};
	web_input(rs, &fd, "url", errs, n_errs);
	fd = (struct web_field){"where", NULL, "Where it is (optional)",
				"For example, a room or a building", posted(rq, "where"), NULL, NULL};
	web_input(rs, &fd, "text", errs, n_errs);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Add the service</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
	return 0;
}

/* GET /directories/services/new */
static int service_new_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	(void)e;
	return service_form(rq, rs, NULL, 0);
}

/* POST /directories/services/new */
static int service_new_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *name, *contact, *kind = web_param(rq, "kind"), *url = web_param(rq, "url"),
			    *where = web_param(rq, "where"), *msg = NULL;
	struct web_field_error errs[5];
	char target[300], flash[260];
	int n = 0, rc, cut = 0;
	size_t i;
	if (!(name = text_ok(web_param(rq, "name"), "Enter the name of the service",
			     "Name must be 200 characters or fewer", &msg)))
		errs[n++] = (struct web_field_error){"name", msg};
	for (i = 0; kind && dir_service_kinds[i] && strcmp(dir_service_kinds[i], kind); i++)
		;
	if (!kind || !dir_service_kinds[i])
		errs[n++] = (struct web_field_error){"kind", "Select the kind of service"};
	if (!(contact = text_ok(web_param(rq, "contact"), "Enter how to reach the service",
				"How to reach it must be 200 characters or fewer", &msg)))
		errs[n++] = (struct web_field_error){"contact", msg};
	if (url && str_blank(url))
		url = NULL;
	if (url && !dir_url_ok(url))
		errs[n++] = (struct web_field_error){"url", "Enter a website starting https:// or "
							    "http://, without spaces"};
	if (where && str_blank(where))
		where = NULL;
	if (where && (str_utf8_prefix(where, TEXT_MAX, &cut), cut))
		errs[n++] = (struct web_field_error){"where", "Where it is must be 200 characters "
							      "or fewer"};
	if (n) {
		rs->status = 400;
		return service_form(rq, rs, errs, n);
	}
	if ((rc = web_begin(rq, rs, CAP_PUBLISH, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = dir_service_add(rq->db, name, kind, contact, url, where, e);
	if (rc == ERR_DATA) {
		store_rollback(rq->db);
		err_clear(e);
		errs[0] = (struct web_field_error){"name", "There is already a service with this "
							   "name: remove it first to change it"};
		rs->status = 400;
		return service_form(rq, rs, errs, 1);
	}
	snprintf(target, sizeof target, "service %s", name);
	if (rc >= 0)
		rc = web_audit(rq, "service.add", target, NULL, NULL, e);
	if ((rc = finish(rq, rc, e)) < 0)
		return rc;
	snprintf(flash, sizeof flash, "%.200s added", name);
	web_flash(rq, flash);
	web_redirect(rs, "/directories/services");
	return 0;
}

/* POST /directories/services/remove: the "are you sure" page, then
 * (confirm=1) the service removed. */
static int service_remove_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *name = web_param(rq, "name");
	char target[300], flash[260];
	int64_t n = 0;
	int rc;
	if (!name || str_blank(name))
		return not_found(e);
	if (web_param(rq, "confirm")) {
		if ((rc = web_begin(rq, rs, CAP_PUBLISH, e)) != 0)
			return rc < 0 ? rc : 0;
		rc = dir_service_remove(rq->db, name, e);
		if (rc == ERR_NOTFOUND) {
			store_rollback(rq->db);
			err_clear(e);
			web_flash(rq, "That service had been removed already");
			web_redirect(rs, "/directories/services");
			return 0;
		}
		snprintf(target, sizeof target, "service %s", name);
		if (rc >= 0)
			rc = web_audit(rq, "service.remove", target, NULL, NULL, e);
		if ((rc = finish(rq, rc, e)) < 0)
			return rc;
		snprintf(flash, sizeof flash, "%.200s removed", name);
		web_flash(rq, flash);
		web_redirect(rs, "/directories/services");
		return 0;
	}
	if ((rc = store_query_int(rq->db, &n, e, "SELECT COUNT(*) FROM dir_service WHERE name = ?",
				  "t", name)) < 0)
		return rc;
	if (!n)
		return not_found(e);
	web_page_begin(rq, rs, "Remove the service", SEC_DIRECTORIES);
	web_raw(rs, "<a href=\"/directories/services\" class=\"govuk-back-link\">Services and "
		    "support</a>\n<div class=\"govuk-grid-row\"><div class=\""
		    "govuk-grid-column-two-thirds\">\n");
	web_printf(rs, "<h1 class=\"govuk-heading-l\">Are you sure you want to remove %s?</h1>\n"
		       "<p class=\"govuk-body\">It will no longer be listed on the public page. To "
		       "list it again, add it again.</p>\n"
		       "<form method=\"post\" action=\"/directories/services/remove\" novalidate>\n",
		   name);
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"name\" value=\"%s\">\n"
		       "<div class=\"govuk-button-group\"><button type=\"submit\" name=\"confirm\" "
		       "value=\"1\" class=\"govuk-button govuk-button--warning\" "
		       "data-module=\"govuk-button\">Remove the service</button>"
		       "<a class=\"govuk-link\" href=\"/directories/services\">Cancel</a></div>\n"
		       "</form>\n</div></div>\n",
		   name);
	web_page_end(rq, rs);
	return 0;
}

/* ---- the routes -------------------------------------------------------------*/

/* The room's pages: the staff pages here and the public page of services
 * (directory_web.c). */
const struct web_route directory_pages[] = {
	{"GET", "/public/services", CAP_PUBLIC, dir_services_page},
	{"GET", "/public/directories", CAP_PUBLIC, dir_release_page},
	{"GET", "/directories", CAP_ADJUSTMENTS | CAP_READ_PLAN | CAP_PUBLISH, overview_page},
	{"GET", "/directories/adjustments", CAP_ADJUSTMENTS, adj_list_page},
	{"GET", "/directories/adjustments/*", CAP_ADJUSTMENTS, adj_get},
	{"POST", "/directories/adjustments/*", CAP_ADJUSTMENTS, adj_post},
	{"GET", "/directories/counts", CAP_ADJUSTMENTS | CAP_READ_PLAN, counts_page},
	{"GET", "/directories/flexible", CAP_ADJUSTMENTS, flex_list_page},
	{"GET", "/directories/flexible/*", CAP_ADJUSTMENTS, flex_get},
	{"POST", "/directories/flexible/*", CAP_ADJUSTMENTS, flex_post},
	{"GET", "/directories/services", CAP_PUBLISH, services_page},
	{"GET", "/directories/services/new", CAP_PUBLISH, service_new_page},
	{"POST", "/directories/services/new", CAP_PUBLISH, service_new_post},
	{"POST", "/directories/services/remove", CAP_PUBLISH, service_remove_post},
};
