/*
 * mail/web.c: the outbox page (/mail/outbox, for holders of the mailing
 * capability): every message parity has queued, newest first, with what
 * became of it in words and the mail server's last answer; 50 a page,
 * filtered by status. Read only: nothing here writes.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/dates.h"
#include "core/str.h"
#include "mail/internal.h"
#include "web/web.h"

#define SEC_MAIL "mail"

struct status_word {
	const char *status, *tag, *label, *filter;
};
static const struct status_word statuses[] = {
	{"queued", "govuk-tag--blue", "Waiting to send", "Waiting to send"},
	{"sent", "govuk-tag--green", "Sent", "Sent"},
	{"failed", "govuk-tag--red", "Failed", "Failed"},
	{"bounced", "govuk-tag--orange", "Bounced", "Bounced"},
};

static const struct status_word *status_of(const char *s)
{
	size_t i;
	for (i = 0; s && i < sizeof statuses / sizeof statuses[0]; i++)
		if (!strcmp(s, statuses[i].status))
			return &statuses[i];
	return NULL;
}

/* "3 December 2026, 5:16pm" of unix seconds t. */
static void when_words(int64_t t, char out[48])
{
	char iso[21];
	date_iso_at((time_t)t, iso);
	date_when_uk(iso, out);
}

static void filter_form(struct web_resp *rs, const char *status)
{
	struct web_field f = {"status", NULL, "Status", NULL, NULL, NULL, NULL};
	size_t i;
	web_raw(rs, "<form method=\"get\" action=\"/mail/outbox\" class=\"parity-filters\" "
		    "novalidate>\n");
	web_select_open(rs, &f, NULL, 0);
	web_select_option(rs, "", "Any status", !status);
	for (i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		web_select_option(rs, statuses[i].status, statuses[i].filter,
				  status && !strcmp(status, statuses[i].status));
	web_select_close(rs);
	web_raw(rs, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button "
		    "govuk-button--secondary\" data-module=\"govuk-button\">Filter</button>\n"
		    "<a class=\"govuk-link\" href=\"/mail/outbox\">Clear filter</a></div>\n</form>\n");
}

/* One row's "When" cell: sent, bounced, or the next try. */
static void when_cell(struct web_resp *rs, store_stmt_t *st, const char *status)
{
	char w[48];
	if (!strcmp(status, "queued")) {
		when_words(store_col_int(st, 5), w);
		web_printf(rs, "Next try %s", w);
	} else if (!store_col_is_null(st, 6)) {
		when_words(store_col_int(st, 6), w);
		web_printf(rs, "Sent %s", w);
		if (!store_col_is_null(st, 9)) {
			when_words(store_col_int(st, 9), w);
			web_printf(rs, "<br>Bounced %s", w);
		}
	} else {
		when_words(store_col_int(st, 4), w);
		web_printf(rs, "Queued %s", w);
	}
}

static int outbox_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *status = web_param(rq, "status");
	const struct status_word *sw;
	store_stmt_t *st;
	int64_t total = 0;
	long page, n_pages, first;
	struct buf base = BUF_INIT;
	char n1[32], n2[32], n3[32];
	int rc;
	if (!status_of(status))
		status = NULL;
	if (store_query_int(rq->db, &total, e,
			    "SELECT COUNT(*) FROM mail_outbox WHERE (? IS NULL OR status = ?)", "tt",
			    status, status) < 0)
		return ERR_DB;
	page = web_page_param(rq, (long)total, WEB_PAGE_ROWS, &n_pages);
	first = (page - 1) * WEB_PAGE_ROWS;
	web_page_begin(rq, rs, "Outbox", SEC_MAIL);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Outbox</h1>\n<p class=\"govuk-body\">Every email "
		    "parity has sent or is waiting to send, newest first, and what the mail server "
		    "said. A message the server could not take for now is tried again later; one it "
		    "refused, or that came back undelivered, is marked here.</p>\n");
	if (!mail_configured(rq->db))
		web_raw(rs, "<div class=\"govuk-inset-text\">Sending email is not set up yet, so "
			    "nothing is sent. Ask the administrator of the server to set it "
			    "up.</div>\n");
	filter_form(rs, status);
	if (!total) {
		web_raw(rs, "<p class=\"govuk-body\">No messages match.</p>\n");
		web_page_end(rq, rs);
		return 0;
	}
	str_count(n1, first + 1);
	str_count(n2, first + WEB_PAGE_ROWS < total ? first + WEB_PAGE_ROWS : (long)total);
	str_count(n3, total);
	rc = store_prepare(rq->db, &st, e,
			   "SELECT rcpt, subject, status, smtp_code, queued_at, due_at, sent_at, "
			   "last_error, attempts, bounced_at, bounce_hard FROM mail_outbox "
			   "WHERE (? IS NULL OR status = ?) ORDER BY id DESC LIMIT ? OFFSET ?",
			   "ttii", status, status, (int64_t)WEB_PAGE_ROWS, (int64_t)first);
	if (rc < 0)
		return rc;
	web_printf(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		       "aria-label=\"Outbox\"><table class=\"govuk-table\">\n"
		       "<caption class=\"govuk-table__caption govuk-table__caption--s\">Messages %s "
		       "to %s of %s, newest first</caption>\n",
		   n1, n2, n3);
	web_raw(rs, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Recipient</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Subject</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Status</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">When</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">The mail server's answer</th>"
		    "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	while ((rc = store_step(st, e)) == 1) {
		const char *s = store_col_text(st, 2), *words = store_col_text(st, 7);
		int64_t tries = store_col_int(st, 8);
		sw = status_of(s);
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
			       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">"
			       "<strong class=\"govuk-tag %s\">%s</strong>",
			   store_col_text(st, 0), store_col_text(st, 1), sw ? sw->tag : "",
			   sw ? sw->label : s);
		if (!strcmp(s, "bounced") || !store_col_is_null(st, 9))
			web_printf(rs, "<br><span class=\"govuk-body-s\">%s</span>",
				   store_col_int(st, 10) ? "Cannot be delivered to this address"
							 : "Delivery delayed for now");
		web_raw(rs, "</td><td class=\"govuk-table__cell\">");
		when_cell(rs, st, s);
		if (!strcmp(s, "queued") && tries > 0) {
			char n[32];
			str_count(n, tries);
			web_printf(rs, "<br><span class=\"govuk-body-s\">Tried %s time%s</span>", n,
				   tries == 1 ? "" : "s");
		}
		web_raw(rs, "</td><td class=\"govuk-table__cell\">");
		if (words && *words)
			web_printf(rs, "%s", words);
		else
			web_raw(rs, "Not tried yet");
		web_raw(rs, "</td></tr>\n");
	}
	store_done(st);
	if (rc < 0)
		return rc;
	web_raw(rs, "</tbody>\n</table></div>\n");
	buf_puts(&base, "/mail/outbox?");
	if (status) {
		buf_printf(&base, "status=%s&", status);
	}
	web_pagination(rs, buf_str(&base), page, n_pages);
	buf_free(&base);
	web_page_end(rq, rs);
	return 0;
}

static const struct web_route mail_pages[] = {
	{"GET", "/mail/outbox", CAP_MAILING, outbox_page},
};

static const struct web_nav mail_nav[] = {
	{75, SEC_MAIL, CAP_MAILING, "/mail/outbox", "Outbox"},
};

/* The room: mail/cmd.c's commands, this page. */
const struct room mail_room = {
	"mail", mail_commands, mail_pages, sizeof mail_pages / sizeof mail_pages[0],
	mail_nav, sizeof mail_nav / sizeof mail_nav[0], NULL, 0,
};
