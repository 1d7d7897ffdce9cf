/*
 * network/meet_web.c: the meetings' pages and the meeting room. Staff
 * pages (the 'members' capability): the series and upcoming meetings, a
 * series' rota with skip and swap, a meeting with its invitations,
 * answers and attendance, changes and cancellation (each with a check
 * page), papers and minutes. Public: the RSVP page a mail's link opens
 * (only its button records the answer), the calendar feed per series and
 * the public meetings calendar, which hold no personal data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "network/meet.h"
#include "web/web.h"

#define TABLE_OPEN(rs, label)                                                                   \
	web_printf(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "        \
		       "aria-label=\"%s\">\n<table class=\"govuk-table\">\n", label)
#define TABLE_CLOSE(rs) web_raw(rs, "</tbody>\n</table>\n</div>\n")

static void today_iso(char out[11])
{
	date_format(date_today(), out);
}

static const char *kind_words(const char *kind)
{
	if (!strcmp(kind, "regional"))
		return "Regional meeting";
	if (!strcmp(kind, "managers"))
		return "Managers' group";
	if (!strcmp(kind, "conference"))
		return "Conference";
	if (!strcmp(kind, "agm"))
		return "Annual general meeting";
	return kind;
}

static void time_range(const char *a, const char *b, char out[32])
{
	char x[12], y[12];
	meet_time_words(a, x);
	meet_time_words(b, y);
	snprintf(out, 32, "%s to %s", x, y);
}

static void status_tag(struct web_resp *rs, const char *status)
{
	if (!strcmp(status, "cancelled"))
		web_raw(rs, "<strong class=\"govuk-tag govuk-tag--red\">Cancelled</strong>");
	else
		web_raw(rs, "<strong class=\"govuk-tag govuk-tag--green\">Going ahead</strong>");
}

static void row_key(struct web_resp *rs, const char *key)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">", key);
}

static void row_text(struct web_resp *rs, const char *key, const char *value)
{
	row_key(rs, key);
	web_printf(rs, "%s</dd></div>\n", value);
}

static void back_link(struct web_resp *rs, const char *href, const char *text)
{
	web_printf(rs, "<a href=\"%s\" class=\"govuk-back-link\">%s</a>\n", href, text);
}

/* "Every 2 months on the 2nd Tuesday". */
static void rule_words(const char *every, const char *on, char out[96])
{
	char e2[32];
	snprintf(e2, sizeof e2, "%s", every);
	if (strchr(e2, '-'))
		*strchr(e2, '-') = ' ';
	snprintf(out, 96, "Every %s on the %s", e2, on);
}

/* ---- the public pages ----------------------------------------------------*/

/* GET /meetings/SLUG.ics: the series' calendar, without sign-in. */
static int ics_feed(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	char slug[48];
	size_t n = strlen(rq->arg);
	int64_t sid = 0;
	struct buf b = BUF_INIT;
	int rc;
	if (n < 5 || n - 4 >= sizeof slug || strcmp(rq->arg + n - 4, ".ics"))
		return err_set(e, ERR_NOTFOUND, "There is no calendar here.");
	memcpy(slug, rq->arg, n - 4);
	slug[n - 4] = '\0';
	if (meet_slug_ok(slug, NULL) < 0 ||
	    store_query_int(rq->db, &sid, e, "SELECT id FROM net_series WHERE slug = ?", "t", slug) < 0 ||
	    !sid)
		return err_set(e, ERR_NOTFOUND, "There is no calendar here.");
	if ((rc = meet_ics(rq->db, sid, &b, e)) == 0) {
		char fname[64];
		snprintf(fname, sizeof fname, "%s.ics", slug);
		web_send(rs, "text/calendar; charset=utf-8", buf_str(&b), b.len, NULL);
		(void)fname;
	}
	buf_free(&b);
	return rc;
}

/* GET /public/meetings: every series' upcoming meetings, no names or counts. */
static int public_calendar(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	store_stmt_t *st;
	char today[11];
	int64_t total = 0;
	long page, n_pages;
	int rc, any = 0;
	today_iso(today);
	if ((rc = store_query_int(rq->db, &total, e,
				  "SELECT COUNT(*) FROM net_meeting WHERE date >= ?", "t", today)) < 0)
		return rc;
	page = web_page_param(rq, total, WEB_PAGE_ROWS, &n_pages);
	web_page_begin(rq, rs, "Staff network meetings", NULL);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Staff network meetings</h1>\n"
		    "<p class=\"govuk-body\">The staff network's regional meetings, managers' group, "
		    "annual conference and annual general meeting. Members are invited by email.</p>\n");
	rc = store_prepare(rq->db, &st, e,
			   "SELECT m.date, m.start_time, m.end_time, m.venue, m.status, s.name "
			   "FROM net_meeting m JOIN net_series s ON s.id = m.series_id "
			   "WHERE m.date >= ? ORDER BY m.date, s.name LIMIT ? OFFSET ?",
			   "tii", today, (int64_t)WEB_PAGE_ROWS, (int64_t)(page - 1) * WEB_PAGE_ROWS);
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		char when[48], tr[32];
		if (!any++) {
			TABLE_OPEN(rs, "Upcoming meetings");
			web_raw(rs, "<caption class=\"govuk-table__caption govuk-table__caption--m\">"
				    "Upcoming meetings</caption>\n<thead class=\"govuk-table__head\">"
				    "<tr class=\"govuk-table__row\">"
				    "<th scope=\"col\" class=\"govuk-table__header\">Date</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Meeting</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Time</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Venue</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Status</th></tr></thead>\n"
				    "<tbody class=\"govuk-table__body\">\n");
		}
		meet_date_words(store_col_text(st, 0), when);
		time_range(store_col_text(st, 1), store_col_text(st, 2), tr);
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
			       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s"
			       "</td><td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">",
			   when, store_col_text(st, 5), tr,
			   store_col_text(st, 3)[0] ? store_col_text(st, 3) : "To be confirmed");
		status_tag(rs, store_col_text(st, 4));
		web_raw(rs, "</td></tr>\n");
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (any) {
		TABLE_CLOSE(rs);
		web_pagination(rs, "/public/meetings?", page, n_pages);
	} else {
		web_raw(rs, "<p class=\"govuk-body\">No meetings are planned yet.</p>\n");
	}
	/* the feeds */
	rc = store_prepare(rq->db, &st, e, "SELECT slug, name FROM net_series ORDER BY name", "");
	if (rc < 0)
		return rc;
	any = 0;
	while ((rc = store_step(st, e)) == 1) {
		if (!any++)
			web_raw(rs, "<h2 class=\"govuk-heading-m\">Add the meetings to your calendar</h2>\n"
				    "<p class=\"govuk-body\">Subscribe to a calendar in your calendar "
				    "app, and changes and cancellations will reach it by themselves.</p>\n"
				    "<ul class=\"govuk-list govuk-list--bullet\">\n");
		web_printf(rs, "<li><a class=\"govuk-link\" href=\"/meetings/%s.ics\">%s calendar</a></li>\n",
			   store_col_text(st, 0), store_col_text(st, 1));
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (any)
		web_raw(rs, "</ul>\n");
	/* public minutes */
	rc = store_prepare(rq->db, &st, e,
			   "SELECT d.id, m.date, s.name FROM net_meeting_doc d JOIN net_meeting m ON "
			   "m.id = d.meeting_id JOIN net_series s ON s.id = m.series_id WHERE "
			   "d.kind = 'minutes' AND d.public = 1 ORDER BY m.date DESC LIMIT 50", "");
	if (rc < 0)
		return rc;
	any = 0;
	while ((rc = store_step(st, e)) == 1) {
		char when[48];
		if (!any++)
			web_raw(rs, "<h2 class=\"govuk-heading-m\">Minutes</h2>\n"
				    "<ul class=\"govuk-list\">\n");
		meet_date_words(store_col_text(st, 1), when);
		web_printf(rs, "<li><a class=\"govuk-link\" href=\"/public/meetings/minutes/%lld\">"
			       "Minutes of the %s meeting, %s</a></li>\n",
			   (long long)store_col_int(st, 0), store_col_text(st, 2), when);
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (any)
		web_raw(rs, "</ul>\n");
	web_page_end(rq, rs);
	return 0;
}

static int send_doc(struct web_req *rq, struct web_resp *rs, int64_t id, int public_only,
		    struct err *e)
{
	store_stmt_t *st;
	int rc;
	rc = store_prepare(rq->db, &st, e,
			   "SELECT mime, body, file_name FROM net_meeting_doc WHERE id = ? AND "
			   "(? = 0 OR (kind = 'minutes' AND public = 1))",
			   "ii", id, (int64_t)public_only);
	if (rc < 0)
		return rc;
	if ((rc = store_step(st, e)) == 1) {
		size_t len;
		const void *body = store_col_blob(st, 1, &len);
		char name[WEB_FILE_NAME_MAX];
		web_file_name(store_col_text(st, 2), "document", name);
		/* the type as a literal: the column's text goes with the statement */
		web_send(rs, strncmp(store_col_text(st, 0), "application/pdf", 15)
				     ? "text/plain; charset=utf-8" : "application/pdf",
			 body, len, name);
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (!rc)
		return err_set(e, ERR_NOTFOUND, "There is no document here.");
	return 0;
}

static int public_minutes(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	long id;
	if (str_to_int(rq->arg, 1, 1L << 40, &id) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no document here.");
	return send_doc(rq, rs, id, 1, e);
}

/* ---- RSVP ------------------------------------------------------------------*/

static const struct web_choice answers[3] = {
	{"yes", "Yes, I will come", NULL},
	{"no", "No, I cannot come", NULL},
	{"maybe", "Maybe", NULL},
};

static int answer_ok(const char *a)
{
	return a && (!strcmp(a, "yes") || !strcmp(a, "no") || !strcmp(a, "maybe"));
}

/* The meeting of the invitation whose token is t into r; 0 when none. */
static int rsvp_meeting(store_t *db, const char *t, struct meet_row *r, struct err *e)
{
	char hash[NET_TOKEN_HEX + 1];
	int64_t mid = 0;
	int rc;
	if (!t || strlen(t) != NET_TOKEN_HEX)
		return 0;
	net_token_hash(t, hash);
	rc = store_query_int(db, &mid, e, "SELECT meeting_id FROM net_invite WHERE token_hash = ? "
			     "AND member_id IS NOT NULL", "t", hash);
	if (rc < 0 || !mid)
		return rc < 0 ? rc : 0;
	return (rc = meet_load(db, mid, r, e)) < 0 ? rc : 1;
}

static void rsvp_gone(struct web_req *rq, struct web_resp *rs)
{
	rs->status = 404;
	web_page_begin(rq, rs, "This link does not work", NULL);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">This link does not work</h1>\n"
		    "<p class=\"govuk-body\">The link may be from an older invitation: a changed "
		    "meeting's invitation has new links. Use the links in the latest email about "
		    "the meeting.</p>\n");
	web_page_end(rq, rs);
}

static void rsvp_form(struct web_req *rq, struct web_resp *rs, const struct meet_row *r,
		      const char *t, const char *a, const struct web_field_error *errs, int n_errs)
{
	char when[48], tr[32], legend[200];
	struct web_field fd;
	meet_date_words(r->date, when);
	time_range(r->start, r->end, tr);
	web_page_begin(rq, rs, n_errs ? "Error: Can you come to the meeting?" : "Can you come to the meeting?", NULL);
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n_errs);
	web_raw(rs, "<form method=\"post\" action=\"/meetings/rsvp\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"t\" value=\"%s\">\n", t);
	snprintf(legend, sizeof legend, "Can you come to the %s meeting?", r->series_name);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">%s</h1>\n", legend);
	web_raw(rs, "<dl class=\"govuk-summary-list\">\n");
	row_text(rs, "Date", when);
	row_text(rs, "Time", tr);
	row_text(rs, "Venue", r->venue[0] ? r->venue : "To be confirmed");
	if (r->note[0])
		row_text(rs, "Note", r->note);
	web_raw(rs, "</dl>\n");
	fd = (struct web_field){"answer", NULL, "Your answer", NULL, answer_ok(a) ? a : NULL, NULL, NULL};
	web_radios(rs, &fd, answers, 3, 0, errs, n_errs);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Send my answer</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
}

/* GET /meetings/rsvp?t=TOKEN&a=yes: the answer chosen, nothing recorded. */
static int rsvp_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct meet_row r;
	const char *t = web_param(rq, "t");
	int rc = rsvp_meeting(rq->db, t, &r, e);
	if (rc < 0)
		return rc;
	if (!rc) {
		rsvp_gone(rq, rs);
		return 0;
	}
	rsvp_form(rq, rs, &r, t, web_param(rq, "a"), NULL, 0);
	return 0;
}

/* POST /meetings/rsvp: the answer recorded. */
static int rsvp_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct meet_row r;
	const char *t = web_param(rq, "t"), *a = web_param(rq, "answer");
	char when[48];
	int rc;
	if ((rc = store_begin(rq->db, e)) < 0)
		return rc;
	rc = rsvp_meeting(rq->db, t, &r, e);
	if (rc <= 0) {
		store_rollback(rq->db);
		if (rc == 0)
			rsvp_gone(rq, rs);
		return rc < 0 ? rc : 0;
	}
	if (!answer_ok(a)) {
		struct web_field_error err = {"answer", "Select whether you can come to the meeting"};
		store_rollback(rq->db);
		rs->status = 400;
		rsvp_form(rq, rs, &r, t, NULL, &err, 1);
		return 0;
	}
	if ((rc = meet_rsvp(rq->db, t, a, e)) < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	meet_date_words(r.date, when);
	web_page_begin(rq, rs, "Answer sent", NULL);
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		    "<div class=\"govuk-panel govuk-panel--confirmation\">"
		    "<h1 class=\"govuk-panel__title\">Answer sent</h1>\n");
	web_printf(rs, "<div class=\"govuk-panel__body\">%s</div></div>\n",
		   !strcmp(a, "yes") ? "You said you will come" : !strcmp(a, "no") ? "You said you cannot come" : "You said maybe");
	web_printf(rs, "<p class=\"govuk-body\">The %s meeting is on %s. You can change your answer "
		       "with any link in the invitation.</p>\n</div></div>\n", r.series_name, when);
	web_page_end(rq, rs);
	return 0;
}

/* ---- staff pages: the list of series and meetings ---------------------------*/

static int staff_home(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	store_stmt_t *st;
	char today[11];
	int rc, any = 0;
	today_iso(today);
	web_page_begin(rq, rs, "Meetings", SEC_MEETINGS);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Meetings</h1>\n"
		    "<a class=\"govuk-button\" href=\"/network/meetings/new\">Add a series</a>\n");
	rc = store_prepare(rq->db, &st, e,
			   "SELECT s.slug, s.name, s.kind, COALESCE(r.name, ''), s.every_words, "
			   "s.on_words, (SELECT MIN(date) FROM net_meeting m WHERE m.series_id = s.id "
			   "AND m.date >= ? AND m.status = 'scheduled') FROM net_series s "
			   "LEFT JOIN net_region r ON r.id = s.region_id ORDER BY s.name", "t", today);
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		char rw[96], next[48];
		if (!any++) {
			TABLE_OPEN(rs, "Meeting series");
			web_raw(rs, "<caption class=\"govuk-table__caption govuk-table__caption--m\">Series"
				    "</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
				    "<th scope=\"col\" class=\"govuk-table__header\">Series</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Who is invited</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">When</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Next meeting</th></tr></thead>\n"
				    "<tbody class=\"govuk-table__body\">\n");
		}
		rule_words(store_col_text(st, 4), store_col_text(st, 5), rw);
		meet_date_words(store_col_text(st, 6) ? store_col_text(st, 6) : "", next);
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
			       "<a class=\"govuk-link\" href=\"/network/meetings/%s\">%s</a></td>"
			       "<td class=\"govuk-table__cell\">%s%s%s</td><td class=\"govuk-table__cell\">%s</td>"
			       "<td class=\"govuk-table__cell\">%s</td></tr>\n",
			   store_col_text(st, 0), store_col_text(st, 1), kind_words(store_col_text(st, 2)),
			   store_col_text(st, 3)[0] ? ": " : "", store_col_text(st, 3), rw,
			   next[0] ? next : "None planned");
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (any)
		TABLE_CLOSE(rs);
	else
		web_raw(rs, "<p class=\"govuk-body\">There are no meeting series yet.</p>\n");
	web_raw(rs, "<p class=\"govuk-body\">The <a class=\"govuk-link\" href=\"/public/meetings\">public "
		    "meetings calendar</a> shows the dates and venues to everyone, without names.</p>\n");
	web_page_end(rq, rs);
	return 0;
}

/* ---- a series: its rota -----------------------------------------------------*/

static int series_page(struct web_req *rq, struct web_resp *rs, const char *slug, struct err *e)
{
	store_stmt_t *st;
	int64_t sid = 0, total = 0;
	char today[11], name[128] = "", kind[16] = "", region[128] = "", every[32] = "", on[32] = "",
			t0[6] = "", t1[6] = "", rw[96], tr[32], href[128];
	long page, n_pages, idays = 0;
	int rc, any = 0;
	today_iso(today);
	if ((rc = store_prepare(rq->db, &st, e,
				"SELECT s.id, s.name, s.kind, COALESCE(r.name, ''), s.every_words, "
				"s.on_words, s.start_time, s.end_time, s.invite_days FROM net_series s "
				"LEFT JOIN net_region r ON r.id = s.region_id WHERE s.slug = ?",
				"t", slug)) < 0)
		return rc;
	if ((rc = store_step(st, e)) == 1) {
		sid = store_col_int(st, 0);
		snprintf(name, sizeof name, "%s", store_col_text(st, 1));
		snprintf(kind, sizeof kind, "%s", store_col_text(st, 2));
		snprintf(region, sizeof region, "%s", store_col_text(st, 3));
		snprintf(every, sizeof every, "%s", store_col_text(st, 4));
		snprintf(on, sizeof on, "%s", store_col_text(st, 5));
		snprintf(t0, sizeof t0, "%s", store_col_text(st, 6));
		snprintf(t1, sizeof t1, "%s", store_col_text(st, 7));
		idays = (long)store_col_int(st, 8);
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (!sid)
		return err_set(e, ERR_NOTFOUND, "There is no meeting series here.");
	if ((rc = store_query_int(rq->db, &total, e, "SELECT COUNT(*) FROM net_meeting WHERE "
				  "series_id = ? AND date >= ?", "it", sid, today)) < 0)
		return rc;
	page = web_page_param(rq, total, WEB_PAGE_ROWS, &n_pages);
	web_page_begin(rq, rs, name, SEC_MEETINGS);
	back_link(rs, "/network/meetings", "Meetings");
	web_printf(rs, "<h1 class=\"govuk-heading-l\">%s</h1>\n<dl class=\"govuk-summary-list\">\n", name);
	rule_words(every, on, rw);
	time_range(t0, t1, tr);
	row_key(rs, "Who is invited");
	if (!strcmp(kind, "regional"))
		web_printf(rs, "Members in %s</dd></div>\n", region);
	else if (!strcmp(kind, "managers"))
		web_raw(rs, "Members who are managers</dd></div>\n");
	else
		web_raw(rs, "Every member</dd></div>\n");
	row_text(rs, "Kind", kind_words(kind));
	row_text(rs, "When", rw);
	row_text(rs, "Time", tr);
	row_key(rs, "Invitations");
	web_printf(rs, "Sent %ld days before each meeting, to members who agreed to meeting "
		       "invitations</dd></div>\n", idays);
	row_key(rs, "Calendar");
	web_printf(rs, "<a class=\"govuk-link\" href=\"/meetings/%s.ics\">Subscribe to this "
		       "series' calendar</a></dd></div>\n</dl>\n", slug);

	rc = store_prepare(rq->db, &st, e,
			   "SELECT date, start_time, end_time, venue, status, venue_fixed FROM net_meeting "
			   "WHERE series_id = ? AND date >= ? ORDER BY date LIMIT ? OFFSET ?",
			   "itii", sid, today, (int64_t)WEB_PAGE_ROWS, (int64_t)(page - 1) * WEB_PAGE_ROWS);
	if (rc < 0)
		return rc;
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Rota</h2>\n");
	while ((rc = store_step(st, e)) == 1) {
		char when[48];
		if (!any++) {
			TABLE_OPEN(rs, "Rota");
			web_raw(rs, "<caption class=\"govuk-table__caption govuk-visually-hidden\">Rota"
				    "</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
				    "<th scope=\"col\" class=\"govuk-table__header\">Date</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Venue</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Status</th></tr></thead>\n"
				    "<tbody class=\"govuk-table__body\">\n");
		}
		meet_date_words(store_col_text(st, 0), when);
		snprintf(href, sizeof href, "/network/meetings/%s/%s", slug, store_col_text(st, 0));
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
			       "<a class=\"govuk-link\" href=\"%s\">%s</a></td><td class=\"govuk-table__cell\">"
			       "%s%s</td><td class=\"govuk-table__cell\">",
			   href, when, store_col_text(st, 3)[0] ? store_col_text(st, 3) : "To be confirmed",
			   store_col_int(st, 5) ? " (changed by hand)" : "");
		status_tag(rs, store_col_text(st, 4));
		web_raw(rs, "</td></tr>\n");
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (any) {
		TABLE_CLOSE(rs);
		snprintf(href, sizeof href, "/network/meetings/%s?", slug);
		web_pagination(rs, href, page, n_pages);
	} else {
		web_raw(rs, "<p class=\"govuk-body\">No meetings are planned.</p>\n");
	}

	/* skip a venue */
	{
		struct web_choice ch[32];
		char names[32][128];
		int n = 0;
		struct web_field fd;
		rc = store_prepare(rq->db, &st, e, "SELECT name FROM net_venue WHERE series_id = ? AND "
				   "skipped_from IS NULL ORDER BY pos", "i", sid);
		if (rc < 0)
			return rc;
		while (n < 32 && (rc = store_step(st, e)) == 1) {
			snprintf(names[n], sizeof names[n], "%s", store_col_text(st, 0));
			ch[n] = (struct web_choice){names[n], names[n], NULL};
			n++;
		}
		store_done(st);
		if (rc < 0)
			return rc;
		if (n > 1) {
			web_raw(rs, "<h2 class=\"govuk-heading-m\">Skip a venue</h2>\n"
				    "<form method=\"post\" action=\"/network/meetings/skip\" novalidate>\n");
			web_csrf_field(rq, rs);
			web_printf(rs, "<input type=\"hidden\" name=\"series\" value=\"%s\">\n", slug);
			fd = (struct web_field){"venue", NULL, "Which venue should the rota pass over from today?",
						"Meetings already changed by hand keep their venue.",
						NULL, "govuk-radios--small", NULL};
			web_radios(rs, &fd, ch, (size_t)n, 0, NULL, 0);
			web_raw(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
				    "data-module=\"govuk-button\">Skip this venue</button>\n</form>\n");
		}
	}
	/* swap two meetings' venues */
	if (total > 1) {
		int k;
		web_raw(rs, "<h2 class=\"govuk-heading-m\">Swap the venues of two meetings</h2>\n"
			    "<form method=\"post\" action=\"/network/meetings/swap\" novalidate>\n");
		web_csrf_field(rq, rs);
		web_printf(rs, "<input type=\"hidden\" name=\"series\" value=\"%s\">\n", slug);
		for (k = 0; k < 2; k++) {
			struct web_field fd = {k ? "second" : "first", NULL,
					       k ? "Second meeting" : "First meeting", NULL, NULL, NULL, NULL};
			web_select_open(rs, &fd, NULL, 0);
			rc = store_prepare(rq->db, &st, e,
					   "SELECT date, venue FROM net_meeting WHERE series_id = ? AND "
					   "date >= ? AND status = 'scheduled' ORDER BY date LIMIT 100",
					   "it", sid, today);
			if (rc < 0)
				return rc;
			while ((rc = store_step(st, e)) == 1) {
				char when[48], label[200];
				meet_date_words(store_col_text(st, 0), when);
				snprintf(label, sizeof label, "%s (%s)", when, store_col_text(st, 1));
				web_select_option(rs, store_col_text(st, 0), label, 0);
			}
			store_done(st);
			if (rc < 0)
				return rc;
			web_select_close(rs);
		}
		web_raw(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			    "data-module=\"govuk-button\">Swap venues</button>\n</form>\n");
	}
	web_page_end(rq, rs);
	return 0;
}

/* ---- one meeting --------------------------------------------------------------*/

static void count_row(struct web_resp *rs, const char *key, int64_t n)
{
	char c[32];
	str_count(c, n);
	row_text(rs, key, c);
}

static int meeting_page(struct web_req *rq, struct web_resp *rs, const struct meet_row *r,
			struct err *e)
{
	store_stmt_t *st;
	char when[48], tr[32], title[200], today[11], base[128];
	struct web_check *boxes = NULL;
	char (*labels)[256] = NULL, (*vals)[24] = NULL;
	size_t nb = 0, cap = 0, i;
	int rc, any = 0;
	today_iso(today);
	meet_date_words(r->date, when);
	time_range(r->start, r->end, tr);
	snprintf(title, sizeof title, "%s, %s", r->series_name, when);
	snprintf(base, sizeof base, "/network/meetings/%s/%s", r->slug, r->date);
	web_page_begin(rq, rs, title, SEC_MEETINGS);
	{
		char back[96];
		snprintf(back, sizeof back, "/network/meetings/%s", r->slug);
		back_link(rs, back, r->series_name);
	}
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">%s</h1>\n",
		   r->series_name, when);
	web_raw(rs, "<dl class=\"govuk-summary-list\">\n");
	row_key(rs, "Status");
	status_tag(rs, r->status);
	if (r->reason[0])
		web_printf(rs, " %s", r->reason);
	web_raw(rs, "</dd></div>\n");
	row_text(rs, "Time", tr);
	row_text(rs, "Venue", r->venue[0] ? r->venue : "To be confirmed");
	if (r->note[0])
		row_text(rs, "Note", r->note);
	row_text(rs, "Invitations", r->invited ? "Sent" : "Not sent yet");
	web_raw(rs, "</dl>\n");
	if (strcmp(r->status, "cancelled") && strcmp(r->date, today) >= 0) {
		web_printf(rs, "<div class=\"govuk-button-group\">"
			       "<a class=\"govuk-button govuk-button--secondary\" href=\"%s/change\">Change this meeting</a>"
			       "<a class=\"govuk-button govuk-button--warning\" href=\"%s/cancel\">Cancel this meeting</a>"
			       "</div>\n", base, base);
		if (!r->invited) {
			web_raw(rs, "<form method=\"post\" action=\"/network/meetings/invite\" novalidate>\n");
			web_csrf_field(rq, rs);
			web_printf(rs, "<input type=\"hidden\" name=\"series\" value=\"%s\">"
				       "<input type=\"hidden\" name=\"date\" value=\"%s\">\n", r->slug, r->date);
			web_raw(rs, "<p class=\"govuk-body\">Invitations go out by themselves before the "
				    "meeting. You can send them now.</p><button type=\"submit\" class=\"govuk-button\" "
				    "data-module=\"govuk-button\">Send invitations now</button></form>\n");
		}
	}
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Who is coming</h2>\n<dl class=\"govuk-summary-list\">\n");
	count_row(rs, "Invited", r->n_invited);
	count_row(rs, "Said yes", r->n_yes);
	count_row(rs, "Said no", r->n_no);
	count_row(rs, "Said maybe", r->n_maybe);
	count_row(rs, "Attended", r->n_attended);
	web_raw(rs, "</dl>\n");

	/* attendance: every invited (or attending) member, with their answer */
	rc = store_prepare(rq->db, &st, e,
			   "SELECT m.id, m.name, m.email, i.rsvp, i.attended, i.invited_at IS NOT NULL "
			   "FROM net_invite i JOIN net_member m ON m.id = i.member_id WHERE "
			   "i.meeting_id = ? ORDER BY m.name, m.id", "i", r->id);
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		const char *rsvp = store_col_text(st, 3);
		if (nb == cap) {
			size_t nc = cap ? cap * 2 : 32;
			struct web_check *a = realloc(boxes, nc * sizeof *boxes);
			char(*b)[256] = a ? realloc(labels, nc * sizeof *labels) : NULL;
			char(*c)[24] = b ? realloc(vals, nc * sizeof *vals) : NULL;
			if (a)
				boxes = a;
			if (b)
				labels = b;
			if (!c) {
				rc = err_set(e, ERR_INTERNAL, "out of memory");
				break;
			}
			vals = c;
			cap = nc;
		}
		snprintf(vals[nb], sizeof vals[nb], "%lld", (long long)store_col_int(st, 0));
		snprintf(labels[nb], sizeof labels[nb], "%s (%s)",
			 store_col_text(st, 1) ? store_col_text(st, 1) : store_col_text(st, 2),
			 !store_col_int(st, 5) ? "not invited"
			 : !rsvp ? "no answer"
			 : !strcmp(rsvp, "yes") ? "said yes"
			 : !strcmp(rsvp, "no") ? "said no" : "said maybe");
		boxes[nb] = (struct web_check){vals[nb], labels[nb], (int)store_col_int(st, 4)};
		nb++;
		any = 1;
	}
	store_done(st);
	if (rc >= 0 && any) {
		struct web_field fd = {"attended", NULL, "Who attended?",
				       "Tick everyone who came. Their answer to the invitation is in brackets.",
				       NULL, "govuk-checkboxes--small", NULL};
		web_raw(rs, "<form method=\"post\" action=\"/network/meetings/attend\" novalidate>\n");
		web_csrf_field(rq, rs);
		web_printf(rs, "<input type=\"hidden\" name=\"series\" value=\"%s\">"
			       "<input type=\"hidden\" name=\"date\" value=\"%s\">\n", r->slug, r->date);
		web_checkboxes(rs, &fd, boxes, nb, NULL, 0);
		web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			    "Save attendance</button>\n</form>\n");
	} else if (rc >= 0) {
		web_raw(rs, "<p class=\"govuk-body\">No one has been invited yet.</p>\n");
	}
	for (i = 0; i < nb; i++)
		(void)i;
	free(boxes);
	free(labels);
	free(vals);
	if (rc < 0)
		return rc;

	/* papers and minutes */
	rc = store_prepare(rq->db, &st, e,
			   "SELECT id, kind, title, file_name, public FROM net_meeting_doc WHERE "
			   "meeting_id = ? ORDER BY kind DESC, id", "i", r->id);
	if (rc < 0)
		return rc;
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Papers and minutes</h2>\n");
	any = 0;
	while ((rc = store_step(st, e)) == 1) {
		if (!any++)
			web_raw(rs, "<ul class=\"govuk-list\">\n");
		web_printf(rs, "<li><a class=\"govuk-link\" href=\"/network/meetings/doc/%lld\">%s</a>%s</li>\n",
			   (long long)store_col_int(st, 0), store_col_text(st, 2),
			   !strcmp(store_col_text(st, 1), "minutes")
				   ? (store_col_int(st, 4) ? " (minutes, shown on the public calendar)" : " (minutes, members only)")
				   : " (paper)");
	}
	store_done(st);
	if (rc < 0)
		return rc;
	web_raw(rs, any ? "</ul>\n" : "<p class=\"govuk-body\">None yet.</p>\n");
	web_printf(rs, "<div class=\"govuk-button-group\">"
		       "<a class=\"govuk-button govuk-button--secondary\" href=\"%s/paper\">Add a paper</a>"
		       "<a class=\"govuk-button govuk-button--secondary\" href=\"%s/minutes\">Add the minutes</a>"
		       "</div>\n", base, base);
	web_page_end(rq, rs);
	return 0;
}

/* ---- change and cancel: form, check page, confirm --------------------------*/

struct change {
	const char *venue, *note, *start, *end;
	char date[11];
	char t0[6], t1[6];
	int has_date;
};

static void change_form(struct web_req *rq, struct web_resp *rs, const struct meet_row *r,
			const struct web_field_error *errs, int n_errs)
{
	char when[48], title[200], d[4], m[4], y[6];
	struct web_field fd;
	int posted = rq->method[0] == 'P';
	meet_date_words(r->date, when);
	snprintf(title, sizeof title, "%sChange the %s meeting", n_errs ? "Error: " : "", r->series_name);
	web_page_begin(rq, rs, title, SEC_MEETINGS);
	{
		char back[128];
		snprintf(back, sizeof back, "/network/meetings/%s/%s", r->slug, r->date);
		back_link(rs, back, "Back");
	}
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">"
		       "Change the meeting on %s</h1>\n", r->series_name, when);
	web_raw(rs, "<form method=\"post\" action=\"/network/meetings/change\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"series\" value=\"%s\">"
		       "<input type=\"hidden\" name=\"date\" value=\"%s\">\n", r->slug, r->date);
	snprintf(y, sizeof y, "%.4s", r->date);
	snprintf(m, sizeof m, "%d", atoi(r->date + 5));
	snprintf(d, sizeof d, "%d", atoi(r->date + 8));
	fd = (struct web_field){"new", NULL, "Date", "For example, 27 3 2027", NULL, NULL, NULL};
	web_date_input(rs, &fd, posted ? web_param(rq, "new-day") : d,
		       posted ? web_param(rq, "new-month") : m, posted ? web_param(rq, "new-year") : y,
		       errs, n_errs);
	fd = (struct web_field){"start", NULL, "Starts at", "A 24-hour time, such as 18:00",
				posted ? web_param(rq, "start") : r->start, "govuk-input--width-5", NULL};
	web_input(rs, &fd, "text", errs, n_errs);
	fd = (struct web_field){"end", NULL, "Ends at", "A 24-hour time, such as 20:00",
				posted ? web_param(rq, "end") : r->end, "govuk-input--width-5", NULL};
	web_input(rs, &fd, "text", errs, n_errs);
	fd = (struct web_field){"venue", NULL, "Venue", NULL, posted ? web_param(rq, "venue") : r->venue,
				NULL, NULL};
	web_input(rs, &fd, "text", errs, n_errs);
	fd = (struct web_field){"note", NULL, "Note for the invited (optional)", NULL,
				posted ? web_param(rq, "note") : r->note, NULL, NULL};
	web_textarea(rs, &fd, 3, errs, n_errs);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Continue</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
}

static void cancel_form(struct web_req *rq, struct web_resp *rs, const struct meet_row *r,
			const struct web_field_error *errs, int n_errs)
{
	char when[48], title[200];
	struct web_field fd;
	meet_date_words(r->date, when);
	snprintf(title, sizeof title, "%sCancel the %s meeting", n_errs ? "Error: " : "", r->series_name);
	web_page_begin(rq, rs, title, SEC_MEETINGS);
	{
		char back[128];
		snprintf(back, sizeof back, "/network/meetings/%s/%s", r->slug, r->date);
		back_link(rs, back, "Back");
	}
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">"
		       "Cancel the meeting on %s</h1>\n", r->series_name, when);
	web_raw(rs, "<form method=\"post\" action=\"/network/meetings/cancel\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"series\" value=\"%s\">"
		       "<input type=\"hidden\" name=\"date\" value=\"%s\">\n", r->slug, r->date);
	fd = (struct web_field){"reason", NULL, "Why is it cancelled?",
				"The invited members are told this by email.",
				rq->method[0] == 'P' ? web_param(rq, "reason") : NULL, NULL, NULL};
	web_textarea(rs, &fd, 3, errs, n_errs);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Continue</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
}

/* The meeting the form's series and date name. */
static int form_meeting(struct web_req *rq, struct meet_row *r, struct err *e)
{
	const char *slug = web_param(rq, "series"), *date = web_param(rq, "date");
	struct date d;
	int64_t sid = 0, mid = 0;
	int rc;
	if (!slug || !date || date_parse_user(date, "date", &d, NULL) < 0)
		return err_set(e, ERR_USAGE, "The form was incomplete. Go back to the meeting and try again.");
	if ((rc = meet_series_id(rq->db, slug, &sid, e)) < 0 || (rc = meet_meeting_id(rq->db, sid, d, &mid, e)) < 0) {
		err_clear(e);
		return err_set(e, ERR_NOTFOUND, "There is no such meeting.");
	}
	return meet_load(rq->db, mid, r, e);
}

static int read_change(struct web_req *rq, const struct meet_row *r, struct change *c,
		       struct web_field_error *errs, int *n, char msg[160])
{
	struct date d;
	const char *start = web_param(rq, "start"), *end = web_param(rq, "end");
	struct err ig = {0, ""};
	char range[16];
	int k;
	memset(c, 0, sizeof *c);
	*n = 0;
	k = web_date_read(rq, "new", "Date", &d, msg);
	if (k < 0)
		errs[(*n)++] = (struct web_field_error){"new", msg};
	else if (k == 0)
		errs[(*n)++] = (struct web_field_error){"new", "Enter the date of the meeting"};
	else
		date_format(d, c->date);
	snprintf(range, sizeof range, "%s-%s", start ? start : "", end ? end : "");
	if (meet_time_parse(range, c->t0, c->t1, &ig) < 0)
		errs[(*n)++] = (struct web_field_error){"start", "Enter a start and end time such as "
							   "18:00 and 20:00, the end after the start"};
	c->venue = web_param(rq, "venue");
	if (!c->venue || !*c->venue || strlen(c->venue) > 120)
		errs[(*n)++] = (struct web_field_error){"venue", "Enter the venue, at most 120 characters"};
	c->note = web_param(rq, "note");
	if (!c->note)
		c->note = "";
	if (strlen(c->note) > 500)
		errs[(*n)++] = (struct web_field_error){"note", "The note must be 500 characters or fewer"};
	(void)r;
	return *n;
}

static void hidden(struct web_resp *rs, const char *name, const char *v)
{
	web_printf(rs, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, v ? v : "");
}

/* POST /network/meetings/change: errors, then the check page, then (confirm=1) the change. */
static int change_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct meet_row r;
	struct change c;
	struct web_field_error errs[5];
	char msg[160], when[48], tr[32], target[128];
	int n, rc, nn = 0;
	if ((rc = form_meeting(rq, &r, e)) < 0)
		return rc;
	if (read_change(rq, &r, &c, errs, &n, msg)) {
		rs->status = 400;
		change_form(rq, rs, &r, errs, n);
		return 0;
	}
	if (!web_param(rq, "confirm")) {
		meet_date_words(c.date, when);
		time_range(c.t0, c.t1, tr);
		web_page_begin(rq, rs, "Check the change", SEC_MEETINGS);
		web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
		web_printf(rs, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">"
			       "Check the change before you save it</h1>\n<dl class=\"govuk-summary-list\">\n",
			   r.series_name);
		row_text(rs, "Date", when);
		row_text(rs, "Time", tr);
		row_text(rs, "Venue", c.venue);
		row_text(rs, "Note", c.note[0] ? c.note : "None");
		web_raw(rs, "</dl>\n");
		web_printf(rs, "<p class=\"govuk-body\">%s</p>\n",
			   r.invited ? "Everyone invited will be emailed the new details."
				     : "Invitations have not gone out yet, so no one is emailed.");
		web_raw(rs, "<form method=\"post\" action=\"/network/meetings/change\" novalidate>\n");
		web_csrf_field(rq, rs);
		hidden(rs, "series", r.slug);
		hidden(rs, "date", r.date);
		snprintf(msg, sizeof msg, "%d", atoi(c.date + 8));
		hidden(rs, "new-day", msg);
		snprintf(msg, sizeof msg, "%d", atoi(c.date + 5));
		hidden(rs, "new-month", msg);
		snprintf(msg, sizeof msg, "%.4s", c.date);
		hidden(rs, "new-year", msg);
		hidden(rs, "start", c.t0);
		hidden(rs, "end", c.t1);
		hidden(rs, "venue", c.venue);
		hidden(rs, "note", c.note);
		hidden(rs, "confirm", "1");
		web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			    "Save the change</button>\n</form>\n</div></div>\n");
		web_page_end(rq, rs);
		return 0;
	}
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	{
		int64_t other = 0;
		char now[21];
		struct buf what = BUF_INIT, before = BUF_INIT, after = BUF_INIT;
		rc = store_query_int(rq->db, &other, e, "SELECT id FROM net_meeting WHERE series_id = ? "
				     "AND date = ? AND id <> ?", "iti", r.series_id, c.date, r.id);
		if (rc >= 0 && other) {
			store_rollback(rq->db);
			errs[0] = (struct web_field_error){"new", "The series already has a meeting on that date; choose another date"};
			rs->status = 400;
			change_form(rq, rs, &r, errs, 1);
			return 0;
		}
		date_now_iso(now);
		if (strcmp(c.date, r.date))
			buf_puts(&what, "the date");
		if (strcmp(c.t0, r.start) || strcmp(c.t1, r.end))
			buf_printf(&what, "%sthe time", what.len ? ", " : "");
		if (strcmp(c.venue, r.venue))
			buf_printf(&what, "%sthe venue", what.len ? ", " : "");
		if (strcmp(c.note, r.note))
			buf_printf(&what, "%sa note", what.len ? ", " : "");
		if (rc >= 0 && what.len)
			rc = store_exec(rq->db, e,
					"UPDATE net_meeting SET date = ?, start_time = ?, end_time = ?, "
					"venue = ?, venue_fixed = CASE WHEN venue = ? THEN venue_fixed ELSE 1 END, "
					"note = ?, hand = 1, sequence = sequence + 1, updated_at = ? WHERE id = ?",
					"ttttttti", c.date, c.t0, c.t1, c.venue,
					c.venue, c.note, now, r.id);
		{
			char w[48], trw[32];
			meet_date_words(r.date, w);
			time_range(r.start, r.end, trw);
			buf_printf(&before, "%s, %s, %s", w, trw, r.venue);
			meet_date_words(c.date, w);
			time_range(c.t0, c.t1, trw);
			buf_printf(&after, "%s, %s, %s", w, trw, c.venue);
		}
		meet_audit_target(target, sizeof target, r.slug, r.orig_date);
		if (rc >= 0 && what.len)
			rc = meet_notify(rq->db, r.id, buf_str(&what), &nn, e);
		if (rc >= 0 && what.len)
			rc = web_audit(rq, "meeting.change", target, buf_str(&before), buf_str(&after), e);
		if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
			store_rollback(rq->db);
			buf_free(&what), buf_free(&before), buf_free(&after);
			return rc;
		}
		buf_free(&what), buf_free(&before), buf_free(&after);
	}
	{
		char to[128], fl[160];
		snprintf(fl, sizeof fl, "Meeting changed%s", nn ? "; the invited members have been emailed" : "");
		web_flash(rq, fl);
		snprintf(to, sizeof to, "/network/meetings/%s/%s", r.slug, c.date);
		web_redirect(rs, to);
	}
	return 0;
}

/* POST /network/meetings/cancel: the reason, the check page, then the cancellation. */
static int cancel_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct meet_row r;
	const char *reason = web_param(rq, "reason");
	char when[48], target[128], now[21], to[128];
	int rc, nn = 0;
	if ((rc = form_meeting(rq, &r, e)) < 0)
		return rc;
	if (!strcmp(r.status, "cancelled"))
		return err_set(e, ERR_DATA, "This meeting is already cancelled.");
	if (!reason || !*reason || strlen(reason) > 500) {
		struct web_field_error err = {"reason", "Enter why the meeting is cancelled, in 500 characters or fewer"};
		rs->status = 400;
		cancel_form(rq, rs, &r, &err, 1);
		return 0;
	}
	meet_date_words(r.date, when);
	if (!web_param(rq, "confirm")) {
		web_page_begin(rq, rs, "Are you sure you want to cancel the meeting?", SEC_MEETINGS);
		web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
		web_printf(rs, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">"
			       "Are you sure you want to cancel the meeting on %s?</h1>\n<dl class=\"govuk-summary-list\">\n",
			   r.series_name, when);
		row_text(rs, "Reason", reason);
		web_raw(rs, "</dl>\n");
		web_printf(rs, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
			       "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
			       "<span class=\"govuk-visually-hidden\">Warning</span>%s</strong></div>\n",
			   r.invited ? "Everyone invited will be emailed that the meeting is cancelled."
				     : "The meeting will show as cancelled on the calendars.");
		web_raw(rs, "<form method=\"post\" action=\"/network/meetings/cancel\" novalidate>\n");
		web_csrf_field(rq, rs);
		hidden(rs, "series", r.slug);
		hidden(rs, "date", r.date);
		hidden(rs, "reason", reason);
		hidden(rs, "confirm", "1");
		web_raw(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
			    "data-module=\"govuk-button\">Cancel the meeting</button>\n</form>\n</div></div>\n");
		web_page_end(rq, rs);
		return 0;
	}
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	date_now_iso(now);
	meet_audit_target(target, sizeof target, r.slug, r.orig_date);
	rc = store_exec(rq->db, e, "UPDATE net_meeting SET status = 'cancelled', reason = ?, hand = 1, "
			"sequence = sequence + 1, updated_at = ? WHERE id = ?", "tti", reason, now, r.id);
	if (rc >= 0)
		rc = meet_notify(rq->db, r.id, NULL, &nn, e);
	if (rc >= 0)
		rc = web_audit(rq, "meeting.cancel", target, NULL, reason, e);
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	web_flash(rq, nn ? "Meeting cancelled; the invited members have been emailed" : "Meeting cancelled");
	snprintf(to, sizeof to, "/network/meetings/%s/%s", r.slug, r.date);
	web_redirect(rs, to);
	return 0;
}

/* POST /network/meetings/skip */
static int skip_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *slug = web_param(rq, "series"), *venue = web_param(rq, "venue");
	int64_t sid = 0, vid = 0;
	char today[11], to[96], target[160];
	int rc;
	if (!slug || meet_series_id(rq->db, slug, &sid, e) < 0) {
		err_clear(e);
		return err_set(e, ERR_NOTFOUND, "There is no such meeting series.");
	}
	snprintf(to, sizeof to, "/network/meetings/%s", slug);
	if (!venue || !*venue) {
		web_flash(rq, "Select the venue to skip");
		web_redirect(rs, to);
		return 0;
	}
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	today_iso(today);
	rc = store_query_int(rq->db, &vid, e, "SELECT id FROM net_venue WHERE series_id = ? AND name = ?",
			     "it", sid, venue);
	if (rc >= 0 && !vid) {
		store_rollback(rq->db);
		return err_set(e, ERR_USAGE, "The rota has no such venue. Go back and choose one of its venues.");
	}
	snprintf(target, sizeof target, "series %s", slug);
	if (rc >= 0)
		rc = store_exec(rq->db, e, "UPDATE net_venue SET skipped_from = ? WHERE id = ?", "ti", today, vid);
	if (rc >= 0)
		rc = meet_rota(rq->db, sid, e);
	if (rc >= 0)
		rc = web_audit(rq, "meeting.skip", target, NULL, venue, e);
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	{
		char fl[200];
		snprintf(fl, sizeof fl, "The rota now passes over %s", venue);
		web_flash(rq, fl);
	}
	web_redirect(rs, to);
	return 0;
}

/* POST /network/meetings/swap */
static int swap_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *slug = web_param(rq, "series"), *d1 = web_param(rq, "first"),
		   *d2 = web_param(rq, "second");
	int64_t sid = 0, m1 = 0, m2 = 0;
	struct date a, b;
	struct meet_row r1, r2;
	char to[96], target[192], now[21];
	int rc, n1 = 0, n2 = 0;
	if (!slug || meet_series_id(rq->db, slug, &sid, e) < 0) {
		err_clear(e);
		return err_set(e, ERR_NOTFOUND, "There is no such meeting series.");
	}
	snprintf(to, sizeof to, "/network/meetings/%s", slug);
	if (!d1 || !d2 || date_parse_user(d1, "first", &a, NULL) < 0 ||
	    date_parse_user(d2, "second", &b, NULL) < 0 || !strcmp(d1, d2)) {
		web_flash(rq, "Choose two different meetings to swap");
		web_redirect(rs, to);
		return 0;
	}
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = meet_meeting_id(rq->db, sid, a, &m1, e)) < 0 || (rc = meet_meeting_id(rq->db, sid, b, &m2, e)) < 0 ||
	    (rc = meet_load(rq->db, m1, &r1, e)) < 0 || (rc = meet_load(rq->db, m2, &r2, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	date_now_iso(now);
	rc = store_exec(rq->db, e, "UPDATE net_meeting SET venue = ?, venue_fixed = 1, hand = 1, "
			"sequence = sequence + 1, updated_at = ? WHERE id = ?", "tti", r2.venue, now, m1);
	if (rc >= 0)
		rc = store_exec(rq->db, e, "UPDATE net_meeting SET venue = ?, venue_fixed = 1, hand = 1, "
				"sequence = sequence + 1, updated_at = ? WHERE id = ?", "tti", r1.venue, now, m2);
	if (rc >= 0)
		rc = meet_notify(rq->db, m1, "the venue", &n1, e);
	if (rc >= 0)
		rc = meet_notify(rq->db, m2, "the venue", &n2, e);
	{
		char w1[48], w2[48];
		meet_date_words(r1.date, w1);
		meet_date_words(r2.date, w2);
		snprintf(target, sizeof target, "series %s: %s and %s", slug, w1, w2);
	}
	if (rc >= 0)
		rc = web_audit(rq, "meeting.swap", target, NULL, NULL, e);
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	web_flash(rq, "Venues swapped");
	web_redirect(rs, to);
	return 0;
}

/* POST /network/meetings/attend */
static int attend_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct meet_row r;
	store_stmt_t *st;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	char to[128], target[128], after[32];
	int rc, k;
	if ((rc = form_meeting(rq, &r, e)) < 0)
		return rc;
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = store_prepare(rq->db, &st, e, "SELECT member_id FROM net_invite WHERE meeting_id = ? "
			   "AND member_id IS NOT NULL", "i", r.id);
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		if (n == cap) {
			int64_t *x = realloc(ids, (cap = cap ? cap * 2 : 32) * sizeof *ids);
			if (!x) {
				rc = err_set(e, ERR_INTERNAL, "out of memory");
				break;
			}
			ids = x;
		}
		ids[n++] = store_col_int(st, 0);
	}
	store_done(st);
	for (i = 0; rc >= 0 && i < n; i++) {
		const char *v;
		int ticked = 0;
		char want[24];
		snprintf(want, sizeof want, "%lld", (long long)ids[i]);
		for (k = 0; (v = web_param_n(rq, "attended", k)) != NULL; k++)
			if (!strcmp(v, want))
				ticked = 1;
		rc = meet_attend(rq->db, r.id, ids[i], ticked, e);
	}
	free(ids);
	if (rc >= 0 && (rc = meet_load(rq->db, r.id, &r, e)) >= 0) {
		meet_audit_target(target, sizeof target, r.slug, r.orig_date);
		snprintf(after, sizeof after, "%lld attended", (long long)r.n_attended);
		rc = web_audit(rq, "meeting.attend", target, NULL, after, e);
	}
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	web_flash(rq, "Attendance saved");
	snprintf(to, sizeof to, "/network/meetings/%s/%s", r.slug, r.date);
	web_redirect(rs, to);
	return 0;
}

/* POST /network/meetings/invite */
static int invite_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct meet_row r;
	char to[128], target[128], after[64], fl[96];
	int rc, n = 0;
	if ((rc = form_meeting(rq, &r, e)) < 0)
		return rc;
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = meet_invite(rq->db, r.id, time(NULL), &n, e);
	meet_audit_target(target, sizeof target, r.slug, r.orig_date);
	snprintf(after, sizeof after, "%d invited", n);
	if (rc >= 0)
		rc = web_audit(rq, "meeting.invite", target, NULL, after, e);
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		if (rc == ERR_DATA)
			rc = ERR_USAGE; /* mail not set up, or the meeting past: say so */
		return rc;
	}
	snprintf(fl, sizeof fl, "Invitations sent to %d member%s", n, n == 1 ? "" : "s");
	web_flash(rq, fl);
	snprintf(to, sizeof to, "/network/meetings/%s/%s", r.slug, r.date);
	web_redirect(rs, to);
	return 0;
}

/* GET /network/meetings/SLUG[/DATE[/change|/cancel]] */
static int staff_path(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	char slug[48], date[16], tail[16];
	const char *a = rq->arg, *s1 = strchr(a, '/'), *s2;
	struct meet_row r;
	struct date d;
	int64_t sid = 0, mid = 0;
	int rc;
	slug[0] = date[0] = tail[0] = '\0';
	if (!s1) {
		snprintf(slug, sizeof slug, "%s", a);
		if (meet_slug_ok(slug, NULL) < 0)
			return err_set(e, ERR_NOTFOUND, "There is no meeting series here.");
		return series_page(rq, rs, slug, e);
	}
	if ((size_t)(s1 - a) >= sizeof slug)
		return err_set(e, ERR_NOTFOUND, "There is no meeting here.");
	memcpy(slug, a, (size_t)(s1 - a));
	slug[s1 - a] = '\0';
	s2 = strchr(s1 + 1, '/');
	snprintf(date, sizeof date, "%.*s", s2 ? (int)(s2 - s1 - 1) : 15, s1 + 1);
	if (s2)
		snprintf(tail, sizeof tail, "%s", s2 + 1);
	if (strlen(date) != 10 || date_parse_user(date, "date", &d, NULL) < 0 ||
	    meet_series_id(rq->db, slug, &sid, NULL) < 0 || !sid ||
	    meet_meeting_id(rq->db, sid, d, &mid, NULL) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no meeting here.");
	if ((rc = meet_load(rq->db, mid, &r, e)) < 0)
		return rc;
	if (!tail[0])
		return meeting_page(rq, rs, &r, e);
	if (!strcmp(tail, "change") && strcmp(r.status, "cancelled")) {
		change_form(rq, rs, &r, NULL, 0);
		return 0;
	}
	if (!strcmp(tail, "cancel") && strcmp(r.status, "cancelled")) {
		cancel_form(rq, rs, &r, NULL, 0);
		return 0;
	}
	if (!strcmp(tail, "paper") || !strcmp(tail, "minutes"))
		return meet_doc_form(rq, rs, &r, tail, NULL, 0);
	return err_set(e, ERR_NOTFOUND, "There is no page here.");
}

static int staff_doc(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	long id;
	if (str_to_int(rq->arg, 1, 1L << 40, &id) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no document here.");
	return send_doc(rq, rs, id, 0, e);
}

/* ---- the room ---------------------------------------------------------------*/

static const struct web_route meeting_pages[] = {
	{"GET", "/meetings/rsvp", CAP_PUBLIC, rsvp_get},
	{"POST", "/meetings/rsvp", CAP_PUBLIC, rsvp_post},
	{"GET", "/meetings/*", CAP_PUBLIC, ics_feed},
	{"GET", "/public/meetings", CAP_PUBLIC, public_calendar},
	{"GET", "/public/meetings/minutes/*", CAP_PUBLIC, public_minutes},
	{"GET", "/network/meetings", CAP_MEMBERS, staff_home},
	{"GET", "/network/meetings/doc/*", CAP_MEMBERS, staff_doc},
	{"GET", "/network/meetings/new", CAP_MEMBERS, meet_series_new_get},
	{"POST", "/network/meetings/new", CAP_MEMBERS, meet_series_new_post},
	{"POST", "/network/meetings/doc", CAP_MEMBERS, meet_doc_post},
	{"POST", "/network/meetings/change", CAP_MEMBERS, change_post},
	{"POST", "/network/meetings/cancel", CAP_MEMBERS, cancel_post},
	{"POST", "/network/meetings/skip", CAP_MEMBERS, skip_post},
	{"POST", "/network/meetings/swap", CAP_MEMBERS, swap_post},
	{"POST", "/network/meetings/attend", CAP_MEMBERS, attend_post},
	{"POST", "/network/meetings/invite", CAP_MEMBERS, invite_post},
	{"GET", "/network/meetings/*", CAP_MEMBERS, staff_path},
};

static const struct web_nav meeting_nav[] = {
	{72, SEC_MEETINGS, CAP_MEMBERS, "/network/meetings", "Meetings"},
};

static const struct web_audit_word meeting_audit_words[] = {
	{"meeting.change", "Changed a meeting"},
	{"meeting.cancel", "Cancelled a meeting"},
	{"meeting.skip", "Took a venue out of a meeting rota"},
	{"meeting.swap", "Swapped the venues of two meetings"},
	{"meeting.attend", "Recorded who attended a meeting"},
	{"meeting.invite", "Sent a meeting's invitations"},
	{"meeting.series", "Added a meeting series"},
	{"meeting.paper", "Added a paper to a meeting"},
	{"meeting.minutes", "Added a meeting's minutes"},
};

const struct room meeting_room = {
	"meetings",
	meeting_commands,
	meeting_pages,
	sizeof meeting_pages / sizeof meeting_pages[0],
	meeting_nav,
	sizeof meeting_nav / sizeof meeting_nav[0],
	meeting_audit_words,
	sizeof meeting_audit_words / sizeof meeting_audit_words[0],
};
