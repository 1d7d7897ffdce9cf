/*
 * network/meet_web_add.c: two staff pages that do what 'parity meeting
 * series add' and 'parity meeting paper' / 'meeting minutes' do, with the
 * same model (meet_series.c) and the same rules: adding a series (the
 * form, "Check your answers" with the first dates and venues the rule
 * gives, then the series), and keeping a paper or the minutes with a
 * meeting (an upload). The routes are in meet_web.c's table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "network/meet.h"
#include "web/web.h"

static void row(struct web_resp *rs, const char *key, const char *value)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n", key, value);
}

static void hidden(struct web_resp *rs, const char *name, const char *v)
{
	web_printf(rs, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, v ? v : "");
}

static const struct web_choice kinds[4] = {
	{"regional", "Regional meetings", "The members of one region are invited"},
	{"managers", "Managers' group", "Members who are managers are invited"},
	{"conference", "Annual conference", "Every member is invited"},
	{"agm", "Annual general meeting", "Every member is invited"},
};
static const struct web_choice everys[4] = {
	{"month", "Every month", NULL},
	{"2-months", "Every 2 months", NULL},
	{"quarter", "Every quarter", NULL},
	{"year", "Every year", NULL},
};
static const char *const nths[5] = {"1st", "2nd", "3rd", "4th", "last"};
static const char *const nth_words[5] = {"1st", "2nd", "3rd", "4th", "Last"};
static const char *const days[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
				    "Friday", "Saturday", "Sunday"};

/* The form's fields, as sent (or NULL), and what they parse to. */
struct series_form {
	const char *name, *slug, *kind, *region, *every, *nth, *wday, *start, *end, *venues,
		*idays;
	char on[32];
	char vn[MEET_MAX_VENUES][MEET_VENUE_MAX];
	struct meet_series_new sn;
};

static const char *p_or(const struct web_req *rq, const char *name, const char *dflt)
{
	const char *v = rq->method[0] == 'P' ? web_param(rq, name) : NULL;
	return v ? v : dflt;
}

static int read_series(struct web_req *rq, struct series_form *f, struct web_field_error *errs,
		       char msgs[][160])
{
	int n = 0, k, nv = 0;
	int64_t taken = 0;
	long idays = 0;
	char range[16];
	struct date d;
	memset(f, 0, sizeof *f);
	f->name = web_param(rq, "name");
	f->slug = web_param(rq, "slug");
	f->kind = web_param(rq, "kind");
	f->region = web_param(rq, "region");
	f->every = web_param(rq, "every");
	f->nth = web_param(rq, "nth");
	f->wday = web_param(rq, "wday");
	f->start = web_param(rq, "start");
	f->end = web_param(rq, "end");
	f->venues = web_param(rq, "venues");
	f->idays = web_param(rq, "idays");
	if (!f->name || !*f->name || strlen(f->name) > 120)
		errs[n++] = (struct web_field_error){"name", "Enter the series' name, at most 120 characters"};
	if (!f->slug || meet_slug_ok(f->slug, NULL) < 0)
		errs[n++] = (struct web_field_error){"slug", "Enter a short name of 1 to 40 lowercase "
							     "letters, numbers and hyphens, such as regional-south"};
	else if (meet_series_id(rq->db, f->slug, &taken, NULL) == 0)
		errs[n++] = (struct web_field_error){"slug", "A meeting series with this short name "
							     "already exists; choose another"};
	if (!meet_kind_ok(f->kind))
		errs[n++] = (struct web_field_error){"kind", "Select what kind of meetings these are"};
	else if (!strcmp(f->kind, "regional") && (!f->region || !*f->region))
		errs[n++] = (struct web_field_error){"region", "Select the region whose members are invited"};
	else if (strcmp(f->kind, "regional") && f->region && *f->region)
		errs[n++] = (struct web_field_error){"region", "Choose a region only for regional "
							       "meetings; other meetings invite the managers or every member"};
	if (meet_every_parse(f->every, &f->sn.months, NULL) < 0)
		errs[n++] = (struct web_field_error){"every", "Select how often the meetings are"};
	snprintf(f->on, sizeof f->on, "%s %s", f->nth ? f->nth : "", f->wday ? f->wday : "");
	if (meet_on_parse(f->on, &f->sn.nth, &f->sn.wday, NULL) < 0)
		errs[n++] = (struct web_field_error){"nth", "Select which week and which day of the "
							    "month, such as 2nd Tuesday"};
	snprintf(range, sizeof range, "%s-%s", f->start ? f->start : "", f->end ? f->end : "");
	if (meet_time_parse(range, f->sn.t0, f->sn.t1, NULL) < 0)
		errs[n++] = (struct web_field_error){"start", "Enter a start and end time such as "
							      "18:00 and 20:00, the end after the start"};
	if (meet_venues_split(f->venues, '\n', f->vn, &nv, NULL) < 0)
		errs[n++] = (struct web_field_error){"venues", "Enter the venues, one a line in the "
							       "order of the rota: at most 32, each at most 120 characters"};
	k = web_date_read(rq, "first", "First date", &d, msgs[0]);
	if (k < 0)
		errs[n++] = (struct web_field_error){"first", msgs[0]};
	else if (k == 0)
		errs[n++] = (struct web_field_error){"first", "Enter the date from which the meetings start"};
	else
		f->sn.from = d;
	if (!f->idays || str_to_int(f->idays, 0, 365, &idays) < 0)
		errs[n++] = (struct web_field_error){"idays", "Enter a number of days from 0 to 365"};
	f->sn.slug = f->slug;
	f->sn.name = f->name;
	f->sn.kind = f->kind;
	f->sn.region = f->kind && !strcmp(f->kind, "regional") ? f->region : NULL;
	f->sn.every_words = f->every;
	f->sn.on_words = f->on;
	f->sn.invite_days = (int)idays;
	f->sn.venues = (const char(*)[MEET_VENUE_MAX])f->vn;
	f->sn.n_venues = nv;
	return n;
}

static int series_form(struct web_req *rq, struct web_resp *rs, const struct web_field_error *errs,
		       int n_errs, struct err *e)
{
	struct web_field fd;
	store_stmt_t *st;
	const char *region = p_or(rq, "region", ""), *nth = p_or(rq, "nth", ""),
		   *wday = p_or(rq, "wday", "");
	int rc, i;
	web_page_begin(rq, rs, n_errs ? "Error: Add a meeting series" : "Add a meeting series",
		       SEC_MEETINGS);
	web_raw(rs, "<a href=\"/network/meetings\" class=\"govuk-back-link\">Meetings</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Add a meeting series</h1>\n"
		    "<form method=\"post\" action=\"/network/meetings/new\" novalidate>\n");
	web_csrf_field(rq, rs);
	fd = (struct web_field){"name", NULL, "Name", "As members see it, such as Regional meetings: South",
				p_or(rq, "name", NULL), NULL, NULL};
	web_input(rs, &fd, "text", errs, n_errs);
	fd = (struct web_field){"slug", NULL, "Short name",
				"Lowercase letters, numbers and hyphens, such as regional-south. It is "
				"used in the calendar's address and cannot be changed later.",
				p_or(rq, "slug", NULL), "govuk-input--width-20", "spellcheck=\"false\""};
	web_input(rs, &fd, "text", errs, n_errs);
	fd = (struct web_field){"kind", NULL, "What kind of meetings are these?", NULL,
				p_or(rq, "kind", NULL), NULL, NULL};
	web_radios(rs, &fd, kinds, 4, 0, errs, n_errs);
	fd = (struct web_field){"region", NULL, "Region", "For regional meetings only: its members are invited",
				NULL, NULL, NULL};
	web_select_open(rs, &fd, errs, n_errs);
	web_select_option(rs, "", "Not a regional meeting", !*region);
	if ((rc = store_prepare(rq->db, &st, e, "SELECT name FROM net_region ORDER BY name", "")) < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1)
		web_select_option(rs, store_col_text(st, 0), store_col_text(st, 0),
				  !strcmp(region, store_col_text(st, 0)));
	store_done(st);
	if (rc < 0)
		return rc;
	web_select_close(rs);
	fd = (struct web_field){"every", NULL, "How often?", NULL, p_or(rq, "every", NULL), NULL, NULL};
	web_radios(rs, &fd, everys, 4, 0, errs, n_errs);
	web_printf(rs, "<div class=\"govuk-form-group%s\">\n<fieldset class=\"govuk-fieldset\" "
		       "aria-describedby=\"nth-hint%s\">\n<legend class=\"govuk-fieldset__legend "
		       "govuk-fieldset__legend--s\">On which day of the month?</legend>\n"
		       "<div id=\"nth-hint\" class=\"govuk-hint\">For example, the 2nd Tuesday</div>\n",
		   web_field_error(errs, n_errs, "nth") ? " govuk-form-group--error" : "",
		   web_field_error(errs, n_errs, "nth") ? " nth-error" : "");
	if (web_field_error(errs, n_errs, "nth"))
		web_printf(rs, "<p id=\"nth-error\" class=\"govuk-error-message\"><span class=\"govuk-"
			       "visually-hidden\">Error:</span> %s</p>\n", web_field_error(errs, n_errs, "nth"));
	web_raw(rs, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"nth\">Week</label>\n"
		    "<select class=\"govuk-select\" id=\"nth\" name=\"nth\">\n");
	web_select_option(rs, "", "Choose", !*nth);
	for (i = 0; i < 5; i++)
		web_select_option(rs, nths[i], nth_words[i], !strcmp(nth, nths[i]));
	web_raw(rs, "</select></div>\n<div class=\"govuk-form-group\"><label class=\"govuk-label\" "
		    "for=\"wday\">Day</label>\n<select class=\"govuk-select\" id=\"wday\" name=\"wday\">\n");
	web_select_option(rs, "", "Choose", !*wday);
	for (i = 0; i < 7; i++)
		web_select_option(rs, days[i], days[i], !strcmp(wday, days[i]));
	web_raw(rs, "</select></div>\n</fieldset>\n</div>\n");
	fd = (struct web_field){"start", NULL, "Starts at", "A 24-hour time, such as 18:00",
				p_or(rq, "start", "18:00"), "govuk-input--width-5", NULL};
	web_input(rs, &fd, "text", errs, n_errs);
	fd = (struct web_field){"end", NULL, "Ends at", "A 24-hour time, such as 20:00",
				p_or(rq, "end", "20:00"), "govuk-input--width-5", NULL};
	web_input(rs, &fd, "text", errs, n_errs);
	fd = (struct web_field){"venues", NULL, "Venues",
				"One a line, in the order the rota takes them; it starts again "
				"from the first after the last",
				p_or(rq, "venues", NULL), NULL, NULL};
	web_textarea(rs, &fd, 5, errs, n_errs);
	fd = (struct web_field){"first", NULL, "Starting from",
				"The first meeting is the first date the rule gives on or after this "
				"date. For example, 1 1 2027", NULL, NULL, NULL};
	web_date_input(rs, &fd, p_or(rq, "first-day", NULL), p_or(rq, "first-month", NULL),
		       p_or(rq, "first-year", NULL), errs, n_errs);
	fd = (struct web_field){"idays", NULL, "How many days before each meeting should invitations go?",
				"Members who agreed to meeting invitations are emailed. From 0 to 365.",
				p_or(rq, "idays", "21"), "govuk-input--width-3", "inputmode=\"numeric\""};
	web_input(rs, &fd, "text", errs, n_errs);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Continue</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
	return 0;
}

/* GET /network/meetings/new */
int meet_series_new_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return series_form(rq, rs, NULL, 0, e);
}

static void carry(struct web_req *rq, struct web_resp *rs)
{
	static const char *const names[] = {"name", "slug", "kind", "region", "every", "nth", "wday",
					    "start", "end", "venues", "first-day", "first-month",
					    "first-year", "idays"};
	size_t i;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		hidden(rs, names[i], web_param(rq, names[i]));
}

/* POST /network/meetings/new: errors at the fields, then "Check your
 * answers" (the series made in a transaction that is rolled back, so that
 * the dates and venues shown are the rule's and the rota's own), then
 * (confirm=1) the series. */
int meet_series_new_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct series_form *f = calloc(1, sizeof *f);
	struct web_field_error errs[12];
	char msgs[1][160], target[64];
	struct buf rule = BUF_INIT;
	int64_t sid = 0;
	int n, rc = 0;
	if (!f)
		return err_set(e, ERR_INTERNAL, "out of memory");
	n = read_series(rq, f, errs, msgs);
	if (n || web_param(rq, "edit")) {
		rs->status = n ? 400 : 200;
		rc = series_form(rq, rs, errs, n, e);
		goto out;
	}
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0) {
		rc = rc < 0 ? rc : 0;
		goto out;
	}
	rc = meet_series_add(rq->db, &f->sn, rq->user->name, &sid, &rule, e);
	if (rc == ERR_NOTFOUND || rc == ERR_DATA) {
		/* the region went, or the short name was taken, since the form */
		store_rollback(rq->db);
		errs[0] = rc == ERR_DATA ? (struct web_field_error){"slug", "A meeting series with this "
				"short name already exists; choose another"}
					 : (struct web_field_error){"region", "Select one of the regions"};
		err_clear(e);
		rs->status = 400;
		rc = series_form(rq, rs, errs, 1, e);
		goto out;
	}
	if (rc < 0) {
		store_rollback(rq->db);
		goto out;
	}
	if (!web_param(rq, "confirm")) {
		store_stmt_t *st;
		char rw[96], tr[40], a[12], b[12], first[48];
		int k = 0;
		web_page_begin(rq, rs, "Check your answers before adding the series", SEC_MEETINGS);
		web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
			    "<h1 class=\"govuk-heading-l\">Check your answers before adding the series</h1>\n"
			    "<dl class=\"govuk-summary-list\">\n");
		row(rs, "Name", f->name);
		row(rs, "Short name", f->slug);
		for (k = 0; k < 4; k++)
			if (!strcmp(f->kind, kinds[k].value))
				row(rs, "Kind", kinds[k].label);
		if (!strcmp(f->kind, "regional"))
			row(rs, "Region", f->region);
		for (k = 0; k < 4; k++)
			if (!strcmp(f->every, everys[k].value))
				snprintf(rw, sizeof rw, "%s on the %s", everys[k].label, f->on);
		row(rs, "When", rw);
		meet_time_words(f->sn.t0, a);
		meet_time_words(f->sn.t1, b);
		snprintf(tr, sizeof tr, "%s to %s", a, b);
		row(rs, "Time", tr);
		snprintf(first, sizeof first, "%d day%s before each meeting", f->sn.invite_days,
			 f->sn.invite_days == 1 ? "" : "s");
		row(rs, "Invitations", first);
		web_raw(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			    "Venues, in turn</dt><dd class=\"govuk-summary-list__value\">"
			    "<ol class=\"govuk-list govuk-list--number\">");
		for (k = 0; k < f->sn.n_venues; k++)
			web_printf(rs, "<li>%s</li>", f->vn[k]);
		web_raw(rs, "</ol></dd></div>\n</dl>\n<h2 class=\"govuk-heading-m\">The first meetings</h2>\n"
			    "<ul class=\"govuk-list\">\n");
		rc = store_prepare(rq->db, &st, e, "SELECT date, venue FROM net_meeting WHERE series_id = ? "
				   "ORDER BY date LIMIT 6", "i", sid);
		while (rc >= 0 && (rc = store_step(st, e)) == 1) {
			char when[48];
			meet_date_words(store_col_text(st, 0), when);
			web_printf(rs, "<li>%s at %s</li>\n", when, store_col_text(st, 1));
		}
		if (rc >= 0)
			store_done(st);
		store_rollback(rq->db); /* nothing is kept until "Add series" */
		if (rc < 0)
			goto out;
		web_raw(rs, "</ul>\n<p class=\"govuk-body\">Meetings are made for two years ahead. "
			    "Invitations go out by themselves before each one.</p>\n"
			    "<form method=\"post\" action=\"/network/meetings/new\" novalidate>\n");
		web_csrf_field(rq, rs);
		carry(rq, rs);
		web_raw(rs, "<div class=\"govuk-button-group\"><button type=\"submit\" name=\"confirm\" "
			    "value=\"1\" class=\"govuk-button\" data-module=\"govuk-button\">Add series</button>"
			    "<button type=\"submit\" name=\"edit\" value=\"1\" class=\"govuk-button "
			    "govuk-button--secondary\" data-module=\"govuk-button\">Change your answers"
			    "</button></div>\n</form>\n</div></div>\n");
		web_page_end(rq, rs);
		rc = 0;
		goto out;
	}
	snprintf(target, sizeof target, "series %s", f->slug);
	rc = web_audit(rq, "meeting.series", target, NULL, buf_str(&rule), e);
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		goto out;
	}
	{
		char to[96];
		web_flash(rq, "Series added");
		snprintf(to, sizeof to, "/network/meetings/%s", f->slug);
		web_redirect(rs, to);
	}
out:
	buf_free(&rule);
	free(f);
	return rc;
}

/* ---- papers and minutes -------------------------------------------------*/

static const struct web_choice yes_no[2] = {
	{"yes", "Yes, anyone can read them", NULL},
	{"no", "No, members' staff only", NULL},
};

int meet_doc_form(struct web_req *rq, struct web_resp *rs, const struct meet_row *r,
		  const char *kind, const struct web_field_error *errs, int n_errs)
{
	char when[48], title[200], back[128];
	struct web_field fd;
	int minutes = !strcmp(kind, "minutes");
	meet_date_words(r->date, when);
	snprintf(title, sizeof title, "%s%s", n_errs ? "Error: " : "",
		 minutes ? "Add the minutes" : "Add a paper");
	web_page_begin(rq, rs, title, SEC_MEETINGS);
	snprintf(back, sizeof back, "/network/meetings/%s/%s", r->slug, r->date);
	web_printf(rs, "<a href=\"%s\" class=\"govuk-back-link\">Back</a>\n", back);
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<span class=\"govuk-caption-l\">%s, %s</span><h1 class=\"govuk-heading-l\">%s</h1>\n",
		   r->series_name, when, minutes ? "Add the minutes" : "Add a paper");
	if (minutes)
		web_raw(rs, "<p class=\"govuk-body\">New minutes replace any the meeting has.</p>\n");
	/* an upload: the token also in the address (docs/web.md, "Limits") */
	web_printf(rs, "<form method=\"post\" action=\"/network/meetings/doc?csrf=%s\" "
		       "enctype=\"multipart/form-data\" novalidate>\n", rq->csrf);
	web_csrf_field(rq, rs);
	hidden(rs, "series", r->slug);
	hidden(rs, "date", r->date);
	hidden(rs, "kind", kind);
	if (!minutes) {
		fd = (struct web_field){"title", NULL, "Title", "Such as Agenda or Annual report",
					rq->method[0] == 'P' ? web_param(rq, "title") : NULL, NULL, NULL};
		web_input(rs, &fd, "text", errs, n_errs);
	} else {
		fd = (struct web_field){"public", NULL, "Publish the minutes on the public meetings page?",
					NULL, rq->method[0] == 'P' ? web_param(rq, "public") : NULL,
					"govuk-radios--inline", NULL};
		web_radios(rs, &fd, yes_no, 2, 0, errs, n_errs);
	}
	fd = (struct web_field){"file", NULL, "File",
				"A PDF or a text file, smaller than 8 MB. If the form comes back "
				"with an error, choose the file again.",
				NULL, NULL, "accept=\".pdf,.txt,application/pdf,text/plain\""};
	web_input(rs, &fd, "file", errs, n_errs);
	web_printf(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		       "%s</button>\n</form>\n</div></div>\n", minutes ? "Add the minutes" : "Add the paper");
	web_page_end(rq, rs);
	return 0;
}

/* POST /network/meetings/doc?csrf=...: the upload kept as the commands keep it. */
int meet_doc_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *slug = web_param(rq, "series"), *date = web_param(rq, "date"),
		   *kind = web_param(rq, "kind"), *title = web_param(rq, "title"),
		   *pub = web_param(rq, "public");
	const struct web_param *up = web_upload(rq, "file");
	struct web_field_error errs[3];
	struct meet_row r;
	struct date d;
	int64_t sid = 0, mid = 0;
	char fname[WEB_FILE_NAME_MAX], target[128], to[128];
	int n = 0, rc, minutes;
	if (!slug || !date || !kind || (strcmp(kind, "paper") && strcmp(kind, "minutes")) ||
	    date_parse_user(date, "date", &d, NULL) < 0 || meet_series_id(rq->db, slug, &sid, NULL) < 0 ||
	    meet_meeting_id(rq->db, sid, d, &mid, NULL) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no such meeting.");
	if ((rc = meet_load(rq->db, mid, &r, e)) < 0)
		return rc;
	minutes = !strcmp(kind, "minutes");
	if (!minutes && (!title || !*title || strlen(title) > 200))
		errs[n++] = (struct web_field_error){"title", "Enter the paper's title, at most 200 characters"};
	if (minutes && (!pub || (strcmp(pub, "yes") && strcmp(pub, "no"))))
		errs[n++] = (struct web_field_error){"public", "Select whether to publish the minutes "
								"on the public meetings page"};
	if (!up || (!up->len && (!up->filename || !*up->filename)))
		errs[n++] = (struct web_field_error){"file", "Select a file"};
	else if (!up->len)
		errs[n++] = (struct web_field_error){"file", "The selected file is empty"};
	else if (up->len > MEET_DOC_MAX)
		errs[n++] = (struct web_field_error){"file", "The selected file must be smaller than 8 MB"};
	else if (!meet_doc_mime(up->value, up->len))
		errs[n++] = (struct web_field_error){"file", "The selected file must be a PDF or a text file"};
	if (n) {
		rs->status = 400;
		return meet_doc_form(rq, rs, &r, kind, errs, n);
	}
	web_file_name(up->filename, minutes ? "minutes" : "paper", fname);
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = meet_doc_add(rq->db, mid, kind, minutes ? NULL : title, fname, up->value, up->len,
			  minutes && !strcmp(pub, "yes"), rq->user->name, e);
	meet_audit_target(target, sizeof target, r.slug, r.orig_date);
	if (rc >= 0)
		rc = web_audit(rq, minutes ? "meeting.minutes" : "meeting.paper", target, NULL, fname, e);
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	web_flash(rq, minutes ? (!strcmp(pub, "yes") ? "Minutes added and shown on the public meetings page"
						    : "Minutes added")
			      : "Paper added");
	snprintf(to, sizeof to, "/network/meetings/%s/%s", r.slug, r.date);
	web_redirect(rs, to);
	return 0;
}
