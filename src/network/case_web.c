/*
 * network/case_web.c: confidential casework on the web, and the case room.
 *
 * /cases (the signed-in caseworker's own cases), /cases/new (open one),
 * /cases/ID (the case with its access log), and one page per change:
 * /cases/ID/note, /hearing, /status, /assign, /document, with
 * /cases/ID/document/N downloading a document as an attachment. For
 * any caseworker, not tied to a case: /cases/retention (the retention
 * period, the cases due and the purge log, with /cases/retention/purge
 * asking before purging) and /cases/counts (the cases by kind and group
 * into monitoring, after an "are you sure" page).
 *
 * Need to know: the routes are registered for any signed-in account
 * (CAP_SIGNED_IN), so that the router never answers 403 naming the
 * capability; each handler checks inside its transaction that the
 * account holds casework and is assigned to the case, and otherwise
 * answers 404 with the very page an unknown address gets — for an
 * administrator without casework, a caseworker not assigned, and a case
 * that does not exist alike. Signed-out visitors are sent to sign in
 * (or refused 403 for a POST) by the router, whatever the address.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/dates.h"
#include "core/str.h"
#include "monitor/monitor.h"
#include "network/case.h"

/* The 404 of an unknown address, word for word. */
static int not_found(struct err *e)
{
	err_clear(e);
	return err_set(e, ERR_NOTFOUND, "If you typed the web address, check it is correct.");
}

/* Begin the request's transaction and let the signed-in account in as a
 * caseworker, assigned to case id when id > 0. 0 inside the transaction;
 * ERR_NOTFOUND (rolled back) for anyone else; another error when the
 * database fails. */
static int enter(struct web_req *rq, int64_t id, struct case_actor *a, struct err *e)
{
	struct err e2 = {0};
	int rc;
	if (!rq->user || !web_can(rq, CAP_CASEWORK))
		return not_found(e);
	if ((rc = store_begin(rq->db, e)) < 0)
		return rc;
	rc = case_actor(rq->db, NULL, rq->user->id, "web", id > 0 ? id : 0, a, &e2);
	if (rc == 0 && id > 0)
		rc = case_gate(rq->db, a, id, &e2);
	if (rc < 0) {
		store_rollback(rq->db);
		if (rc == ERR_NOTFOUND || rc == ERR_DATA)
			return not_found(e);
		return err_set(e, rc, "%s", e2.msg);
	}
	a->address = rq->remote ? rq->remote : "";
	return 0;
}

/* Split rq->arg "ID[/REST]": the case's number and the rest ("" when
 * none); ERR_NOTFOUND for anything else. */
static int split_arg(const char *arg, int64_t *id, const char **rest, struct err *e)
{
	char num[16];
	const char *slash = strchr(arg, '/');
	size_t n = slash ? (size_t)(slash - arg) : strlen(arg);
	long v;
	if (n == 0 || n >= sizeof num)
		return not_found(e);
	memcpy(num, arg, n);
	num[n] = '\0';
	if (str_to_int(num, 1, 2000000000L, &v) < 0)
		return not_found(e);
	*id = v;
	*rest = slash ? slash + 1 : "";
	return 0;
}

static void summary_row(struct web_resp *rs, const char *key, const char *value,
			const char *change_href, const char *change_what)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd>",
		   key, value);
	if (change_href)
		web_printf(rs, "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" "
			       "href=\"%s\">Change<span class=\"govuk-visually-hidden\"> %s</span>"
			       "</a></dd>",
			   change_href, change_what);
	else
		web_raw(rs, "<dd class=\"govuk-summary-list__actions\"></dd>");
	web_raw(rs, "</div>\n");
}

static void date_words(const char *iso, char out[32])
{
	struct date d;
	out[0] = '\0';
	if (iso && *iso && date_parse_user(iso, "date", &d, NULL) == 0)
		date_long(d, out);
	else if (iso)
		snprintf(out, 32, "%s", iso);
}

/* ---- GET /cases -----------------------------------------------------------*/

int case_list_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct case_row *rows = NULL;
	struct case_actor a;
	size_t n = 0, i;
	int rc;
	if ((rc = enter(rq, 0, &a, e)) < 0)
		return rc;
	if ((rc = case_list(rq->db, &a, &rows, &n, e)) < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		free(rows);
		return rc;
	}
	web_page_begin(rq, rs, "Your cases", SEC_CASES);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Your cases</h1>\n"
		    "<p class=\"govuk-body\">The confidential cases you are assigned to. Only the "
		    "caseworkers assigned to a case can read it, and every reading and change is "
		    "recorded in its access log.</p>\n"
		    "<a href=\"/cases/new\" role=\"button\" draggable=\"false\" class=\"govuk-button\" "
		    "data-module=\"govuk-button\">Open a case</a>\n"
		    "<ul class=\"govuk-list\"><li><a class=\"govuk-link\" href=\"/cases/retention\">"
		    "Retention and purging</a>: how long closed cases are kept</li>\n"
		    "<li><a class=\"govuk-link\" href=\"/cases/counts\">Counts for monitoring</a>: "
		    "the cases by kind and group, for monitoring's report</li></ul>\n");
	if (!n) {
		web_raw(rs, "<div class=\"govuk-inset-text\">You are not assigned to any cases.</div>\n");
	} else {
		web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
			    "aria-label=\"Your cases\"><table class=\"govuk-table\"><caption class=\"govuk-table__caption "
			    "govuk-visually-hidden\">Your cases</caption>\n<thead class=\"govuk-table__head\">"
			    "<tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Case"
			    "</th><th scope=\"col\" class=\"govuk-table__header\">Member</th><th scope=\"col\" "
			    "class=\"govuk-table__header\">Kind</th><th scope=\"col\" class=\"govuk-table__header\">"
			    "Status</th><th scope=\"col\" class=\"govuk-table__header\">Opened</th><th "
			    "scope=\"col\" class=\"govuk-table__header\">Next hearing</th></tr></thead>\n"
			    "<tbody class=\"govuk-table__body\">\n");
		for (i = 0; i < n; i++) {
			char opened[32], next[32];
			date_words(rows[i].opened_on, opened);
			date_words(rows[i].next_hearing, next);
			web_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">"
				       "<a class=\"govuk-link\" href=\"/cases/%lld\">Case %lld</a></th>"
				       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
				       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
				       "<td class=\"govuk-table__cell\">%s</td></tr>\n",
				   (long long)rows[i].id, (long long)rows[i].id, rows[i].member,
				   case_kind_label(rows[i].kind), case_status_label(rows[i].status),
				   opened, next[0] ? next : "None");
		}
		web_raw(rs, "</tbody></table></div>\n");
	}
	web_page_end(rq, rs);
	free(rows);
	return 0;
}

/* ---- /cases/new -----------------------------------------------------------*/

static const struct web_choice kind_choices[CASE_N_KINDS] = {
	{"grievance", "Grievance", NULL},
	{"disciplinary", "Disciplinary", NULL},
	{"capability", "Capability", NULL},
	{"other", "Other", NULL},
};

static void new_render(struct web_req *rq, struct web_resp *rs,
		       const struct web_field_error *errs, int n)
{
	struct web_field member = {"member", NULL, "Member's email address",
				   "The email address the staff network has for the member",
				   n ? web_param(rq, "member") : NULL, NULL, "spellcheck=\"false\""};
	struct web_field kind = {"kind", NULL, "Kind of case", NULL, n ? web_param(rq, "kind") : NULL,
				 NULL, NULL};
	struct web_field summary = {"summary", NULL, "Summary",
				    "What the case is about. It is stored encrypted.",
				    n ? web_param(rq, "summary") : NULL, NULL, NULL};
	web_page_begin(rq, rs, n ? "Error: Open a case" : "Open a case", SEC_CASES);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/cases\">Your cases</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Open a case</h1>\n"
		    "<p class=\"govuk-body\">You will be the case's caseworker; you can assign "
		    "others once it is open.</p>\n"
		    "<form method=\"post\" action=\"/cases/new\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_input(rs, &member, "email", errs, n);
	web_radios(rs, &kind, kind_choices, CASE_N_KINDS, 0, errs, n);
	web_textarea(rs, &summary, 5, errs, n);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Open the case</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
}

int case_new_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct case_actor a;
	int rc;
	if ((rc = enter(rq, 0, &a, e)) < 0)
		return rc;
	store_rollback(rq->db);
	new_render(rq, rs, NULL, 0);
	return 0;
}

int case_new_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct web_field_error errs[3];
	const char *member = web_param(rq, "member"), *kind = web_param(rq, "kind"),
		   *summary = web_param(rq, "summary");
	struct case_actor a;
	struct err ce = {0};
	char path[48];
	int64_t id = 0;
	int n = 0, rc, k;
	if ((rc = enter(rq, 0, &a, e)) < 0)
		return rc;
	if (str_blank(member))
		errs[n++] = (struct web_field_error){"member", "Enter the member's email address"};
	for (k = 0; kind && k < CASE_N_KINDS && strcmp(kind, case_kinds[k]); k++)
		;
	if (!kind || k == CASE_N_KINDS)
		errs[n++] = (struct web_field_error){"kind", "Select the kind of case"};
	if (str_blank(summary))
		errs[n++] = (struct web_field_error){"summary", "Enter a summary of the case"};
	else if (strlen(summary) > CASE_TEXT_MAX)
		errs[n++] = (struct web_field_error){"summary", "Summary must be 20,000 characters "
								 "or fewer; add the rest as a document"};
	if (!n) {
		rc = case_open(rq->db, &a, member, kind, summary, &id, &ce);
		if (rc == ERR_NOTFOUND)
			errs[n++] = (struct web_field_error){"member", "No member of the staff network "
									"has that email address"};
		else if (rc < 0) {
			store_rollback(rq->db);
			return err_set(e, rc, "%s", ce.msg);
		}
	}
	if (n) {
		store_rollback(rq->db);
		rs->status = 400;
		new_render(rq, rs, errs, n);
		return 0;
	}
	if ((rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	snprintf(path, sizeof path, "Case %lld opened", (long long)id);
	web_flash(rq, path);
	snprintf(path, sizeof path, "/cases/%lld", (long long)id);
	web_redirect(rs, path);
	return 0;
}

/* ---- GET /cases/ID ----------------------------------------------------------*/

static void case_render(struct web_req *rq, struct web_resp *rs, const struct case_info *c,
			const struct case_access *log, size_t n_log)
{
	char title[64], href[80], words[32], member[600];
	struct buf workers = BUF_INIT;
	size_t i;
	snprintf(title, sizeof title, "Case %lld", (long long)c->id);
	web_page_begin(rq, rs, title, SEC_CASES);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/cases\">Your cases</a>\n");
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">"
		       "Case %lld</h1>\n<dl class=\"govuk-summary-list\">\n",
		   case_kind_label(c->kind), (long long)c->id);
	snprintf(member, sizeof member, "%s%s%s%s",
		 c->member_name[0] ? c->member_name : "Erased member", c->member_email[0] ? " (" : "",
		 c->member_email, c->member_email[0] ? ")" : "");
	summary_row(rs, "Member", member, NULL, NULL);
	summary_row(rs, "Kind", case_kind_label(c->kind), NULL, NULL);
	snprintf(href, sizeof href, "/cases/%lld/status", (long long)c->id);
	summary_row(rs, "Status", case_status_label(c->status), href, "status");
	date_words(c->opened_on, words);
	summary_row(rs, "Opened", words, NULL, NULL);
	if (c->closed_on[0]) {
		date_words(c->closed_on, words);
		summary_row(rs, "Closed", words, NULL, NULL);
	}
	for (i = 0; i < c->n_workers; i++) {
		buf_puts(&workers, i ? ", " : "");
		buf_puts(&workers, c->workers[i].name);
	}
	snprintf(href, sizeof href, "/cases/%lld/assign", (long long)c->id);
	summary_row(rs, "Caseworkers", buf_str(&workers), href, "caseworkers");
	buf_free(&workers);
	web_raw(rs, "</dl>\n<h2 class=\"govuk-heading-m\">Summary</h2>\n");
	web_printf(rs, "<p class=\"govuk-body case-text\">%s</p>\n", c->summary);

	web_raw(rs, "<h2 class=\"govuk-heading-m\">Hearings</h2>\n");
	if (!c->n_hearings)
		web_raw(rs, "<p class=\"govuk-body\">No hearings yet.</p>\n");
	else {
		web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
			    "aria-label=\"Hearings\"><table class=\"govuk-table\"><caption class=\"govuk-table__caption "
			    "govuk-visually-hidden\">Hearings</caption><thead class=\"govuk-table__head\">"
			    "<tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">"
			    "Date</th><th scope=\"col\" class=\"govuk-table__header\">Time</th><th scope="
			    "\"col\" class=\"govuk-table__header\">Note</th></tr></thead><tbody "
			    "class=\"govuk-table__body\">\n");
		for (i = 0; i < c->n_hearings; i++) {
			date_words(c->hearings[i].on, words);
			web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s"
				       "</td><td class=\"govuk-table__cell\">%s</td><td class=\""
				       "govuk-table__cell\">%s</td></tr>\n",
				   words, c->hearings[i].time_hm[0] ? c->hearings[i].time_hm : "Not set",
				   c->hearings[i].note);
		}
		web_raw(rs, "</tbody></table></div>\n");
	}
	web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/cases/%lld/hearing\">"
		       "Add a hearing</a></p>\n",
		   (long long)c->id);

	web_raw(rs, "<h2 class=\"govuk-heading-m\">Notes</h2>\n");
	if (!c->n_notes)
		web_raw(rs, "<p class=\"govuk-body\">No notes yet.</p>\n");
	for (i = 0; i < c->n_notes; i++) {
		char when[48];
		date_when_uk(c->notes[i].at, when);
		web_printf(rs, "<div class=\"govuk-inset-text\"><p class=\"govuk-body-s\">%s, %s</p>"
			       "<p class=\"govuk-body case-text\">%s</p></div>\n",
			   c->notes[i].author, when, c->notes[i].text);
	}
	web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/cases/%lld/note\">"
		       "Add a note</a></p>\n",
		   (long long)c->id);

	web_raw(rs, "<h2 class=\"govuk-heading-m\">Documents</h2>\n");
	if (!c->n_docs)
		web_raw(rs, "<p class=\"govuk-body\">No documents yet.</p>\n");
	else {
		web_raw(rs, "<ul class=\"govuk-list\">\n");
		for (i = 0; i < c->n_docs; i++) {
			char when[48];
			date_when_uk(c->docs[i].at, when);
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"/cases/%lld/document/%lld\">"
				       "%s</a> (%lld bytes), added by %s, %s</li>\n",
				   (long long)c->id, (long long)c->docs[i].id, c->docs[i].name,
				   (long long)c->docs[i].size, c->docs[i].by, when);
		}
		web_raw(rs, "</ul>\n");
	}
	web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/cases/%lld/document\">"
		       "Upload a document</a></p>\n",
		   (long long)c->id);

	web_raw(rs, "<h2 class=\"govuk-heading-m\" id=\"access-log\">Access log</h2>\n"
		    "<p class=\"govuk-body\">Every reading and change of this case.</p>\n"
		    "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		    "aria-label=\"Access log\"><table class=\"govuk-table\"><caption class=\"govuk-table__caption "
		    "govuk-visually-hidden\">Access log</caption><thead class=\"govuk-table__head\">"
		    "<tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">When"
		    "</th><th scope=\"col\" class=\"govuk-table__header\">Who</th><th scope=\"col\" "
		    "class=\"govuk-table__header\">What</th></tr></thead><tbody class=\"govuk-table__body\">\n");
	for (i = n_log; i-- > 0;) {
		char when[48], what[96];
		date_when_uk(log[i].at, when);
		snprintf(what, sizeof what, "%s%s", log[i].what,
			 !strcmp(log[i].via, "cli") ? " (command line)" : "");
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
			       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">"
			       "%s</td></tr>\n",
			   when, log[i].who, what);
	}
	web_raw(rs, "</tbody></table></div>\n");
	web_page_end(rq, rs);
}

static int case_view(struct web_req *rq, struct web_resp *rs, int64_t id, struct err *e)
{
	struct case_access *log = NULL;
	struct case_actor a;
	struct case_info c;
	size_t n_log = 0;
	int rc;
	if ((rc = enter(rq, id, &a, e)) < 0)
		return rc;
	if ((rc = case_load(rq->db, &a, id, &c, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	if ((rc = case_access_list(rq->db, &a, id, 0, &log, &n_log, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		case_info_free(&c);
		free(log);
		return rc;
	}
	case_render(rq, rs, &c, log, n_log);
	case_info_free(&c);
	free(log);
	return 0;
}

/* ---- GET /cases/ID/document/N ------------------------------------------------*/

static int doc_download(struct web_req *rq, struct web_resp *rs, int64_t id, const char *doc_s,
			struct err *e)
{
	struct buf name = BUF_INIT, data = BUF_INIT;
	struct case_actor a;
	char mime[64], fname[WEB_FILE_NAME_MAX];
	long doc;
	int rc;
	if (str_to_int(doc_s, 1, 2000000000L, &doc) < 0)
		return not_found(e);
	if ((rc = enter(rq, id, &a, e)) < 0)
		return rc;
	rc = case_doc_get(rq->db, &a, id, doc, &name, mime, &data, e);
	if (rc == ERR_NOTFOUND)
		rc = not_found(e);
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		buf_free(&name);
		buf_free(&data);
		return rc;
	}
	web_file_name(buf_str(&name), "document", fname);
	web_send(rs, mime, data.data ? data.data : "", data.len, fname);
	rs->no_store = 1;
	if (data.data)
		sodium_memzero(data.data, data.len);
	buf_free(&name);
	buf_free(&data);
	return 0;
}

/* ---- the change pages: /cases/ID/note, hearing, status, assign, document ----*/

enum change { CH_NOTE, CH_HEARING, CH_STATUS, CH_ASSIGN, CH_DOCUMENT, CH_NONE };
static const char *const change_paths[] = {"note", "hearing", "status", "assign", "document"};
static const char *const change_titles[] = {"Add a note", "Add a hearing", "Change the status",
					    "Assign a caseworker", "Upload a document"};

static enum change change_of(const char *rest)
{
	int i;
	for (i = 0; i < CH_NONE; i++)
		if (!strcmp(rest, change_paths[i]))
			return (enum change)i;
	return CH_NONE;
}

static void change_render(struct web_req *rq, struct web_resp *rs, int64_t id, enum change ch,
			  const char *status_now, char (*workers)[64], size_t n_workers,
			  const struct web_field_error *errs, int n)
{
	char title[96], back[48];
	const char *sent = n ? web_param(rq, ch == CH_STATUS ? "status" : "text") : NULL;
	snprintf(title, sizeof title, "%s%s: case %lld", n ? "Error: " : "", change_titles[ch],
		 (long long)id);
	snprintf(back, sizeof back, "/cases/%lld", (long long)id);
	web_page_begin(rq, rs, title, SEC_CASES);
	web_printf(rs, "<a class=\"govuk-back-link\" href=\"%s\">Case %lld</a>\n"
		       "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n",
		   back, (long long)id);
	web_error_summary(rs, errs, n);
	web_printf(rs, "<span class=\"govuk-caption-l\">Case %lld</span>\n", (long long)id);
	if (ch == CH_DOCUMENT)
		web_printf(rs, "<form method=\"post\" action=\"/cases/%lld/document?csrf=%s\" "
			       "enctype=\"multipart/form-data\" novalidate>\n",
			   (long long)id, rq->csrf);
	else
		web_printf(rs, "<form method=\"post\" action=\"/cases/%lld/%s\" novalidate>\n",
			   (long long)id, change_paths[ch]);
	web_csrf_field(rq, rs);
	if (ch == CH_NOTE) {
		struct web_field f = {"text", NULL, "Note", "It is stored encrypted and only "
				      "the case's caseworkers read it.", sent, NULL, NULL};
		web_raw(rs, "<h1 class=\"govuk-heading-l\">Add a note</h1>\n");
		web_textarea(rs, &f, 6, errs, n);
	} else if (ch == CH_HEARING) {
		struct web_field d = {"date", NULL, "Date of the hearing", "For example, 27 3 2026",
				      NULL, NULL, NULL};
		struct web_field t = {"time", NULL, "Time (optional)", "As a 24-hour time, for "
				      "example 14:30", n ? web_param(rq, "time") : NULL,
				      "govuk-input--width-5", NULL};
		struct web_field note = {"text", NULL, "Note (optional)", "Where, who is "
					 "attending. It is stored encrypted.", sent, NULL, NULL};
		web_raw(rs, "<h1 class=\"govuk-heading-l\">Add a hearing</h1>\n"
			    "<p class=\"govuk-body\">The case's caseworkers are reminded by email 7 "
			    "days and 1 day before.</p>\n");
		web_date_input(rs, &d, n ? web_param(rq, "date-day") : NULL,
			       n ? web_param(rq, "date-month") : NULL,
			       n ? web_param(rq, "date-year") : NULL, errs, n);
		web_input(rs, &t, "text", errs, n);
		web_textarea(rs, &note, 3, errs, n);
	} else if (ch == CH_STATUS) {
		struct web_field f = {"status", NULL, "Change the status", NULL,
				      sent ? sent : status_now, NULL, NULL};
		struct web_choice opts[CASE_N_STATUSES];
		int i;
		for (i = 0; i < CASE_N_STATUSES; i++)
			opts[i] = (struct web_choice){case_statuses[i],
						      case_status_label(case_statuses[i]),
						      i == 3 ? "A closed case is purged when the "
							       "retention period has run"
							     : NULL};
		web_radios(rs, &f, opts, CASE_N_STATUSES, 1, errs, n);
	} else if (ch == CH_ASSIGN) {
		struct web_field f = {"to", NULL, "Caseworker", "Accounts that may handle casework",
				      n ? web_param(rq, "to") : NULL, NULL, NULL};
		size_t i;
		web_raw(rs, "<h1 class=\"govuk-heading-l\">Assign a caseworker</h1>\n");
		web_select_open(rs, &f, errs, n);
		for (i = 0; i < n_workers; i++)
			web_select_option(rs, workers[i], workers[i],
					  f.value && !strcmp(f.value, workers[i]));
		web_select_close(rs);
	} else {
		struct web_field f = {"file", NULL, "Upload a document", "At most 5 MB. It is "
				      "stored encrypted.", NULL, NULL, NULL};
		web_raw(rs, "<h1 class=\"govuk-heading-l\">Upload a document</h1>\n");
		web_input(rs, &f, "file", errs, n);
	}
	web_printf(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		       "%s</button>\n</form>\n</div></div>\n",
		   ch == CH_STATUS ? "Save the status" : ch == CH_ASSIGN ? "Assign" : change_titles[ch]);
	web_page_end(rq, rs);
}

/* The page's state for the form: status now, the caseworkers to offer. */
static int change_context(struct web_req *rq, int64_t id, enum change ch, char status[12],
			  char (**workers)[64], size_t *n_workers, struct err *e)
{
	status[0] = '\0';
	*workers = NULL;
	*n_workers = 0;
	if (ch == CH_STATUS) {
		store_stmt_t *st;
		int rc;
		if (store_prepare(rq->db, &st, e, "SELECT status FROM net_case WHERE id = ?", "i",
				  id) < 0)
			return ERR_DB;
		if ((rc = store_step(st, e)) == 1)
			snprintf(status, 12, "%s", store_col_text(st, 0));
		store_done(st);
		return rc < 0 ? rc : 0;
	}
	if (ch == CH_ASSIGN)
		return case_workers_all(rq->db, workers, n_workers, e);
	return 0;
}

static int change_page(struct web_req *rq, struct web_resp *rs, int64_t id, enum change ch,
		       struct err *e)
{
	struct case_actor a;
	char status[12], (*workers)[64] = NULL;
	size_t n_workers = 0;
	int rc;
	if ((rc = enter(rq, id, &a, e)) < 0)
		return rc;
	rc = change_context(rq, id, ch, status, &workers, &n_workers, e);
	store_rollback(rq->db);
	if (rc < 0)
		return rc;
	change_render(rq, rs, id, ch, status, workers, n_workers, NULL, 0);
	free(workers);
	return 0;
}

int case_one_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *rest;
	int64_t id = 0;
	enum change ch;
	int rc;
	if (!rq->user || !web_can(rq, CAP_CASEWORK))
		return not_found(e);
	if ((rc = split_arg(rq->arg, &id, &rest, e)) < 0)
		return rc;
	if (!*rest)
		return case_view(rq, rs, id, e);
	if (!strncmp(rest, "document/", 9))
		return doc_download(rq, rs, id, rest + 9, e);
	if ((ch = change_of(rest)) == CH_NONE)
		return not_found(e);
	return change_page(rq, rs, id, ch, e);
}

/* Do the change the form asks for: 0 done; 1 with errs[0] set (a problem
 * with what was sent); negative on failure. */
static int change_do(struct web_req *rq, const struct case_actor *a, int64_t id, enum change ch,
		     struct web_field_error *err, char msg[1100], struct err *e)
{
	struct err ce = {0};
	const char *field = "text";
	int rc = 0;
	if (ch == CH_NOTE) {
		const char *text = web_param(rq, "text");
		if (str_blank(text)) {
			*err = (struct web_field_error){"text", "Enter the note"};
			return 1;
		}
		rc = case_note_add(rq->db, a, id, text, &ce);
	} else if (ch == CH_HEARING) {
		struct date d;
		char dmsg[160], iso[11];
		const char *t = web_param(rq, "time");
		int got = web_date_read(rq, "date", "Date of the hearing", &d, dmsg);
		if (got <= 0) {
			snprintf(msg, 1100, "%s", got == 0 ? "Enter the date of the hearing" : dmsg);
			*err = (struct web_field_error){"date", msg};
			return 1;
		}
		date_format(d, iso);
		field = "date";
		if (t && *t && !(strlen(t) == 5 && t[2] == ':'))
			field = "time";
		rc = case_hearing_add(rq->db, a, id, iso, t, web_param(rq, "text"), &ce);
		if (rc == ERR_DATA && strstr(ce.msg, "time"))
			field = "time";
		else if (rc == ERR_DATA && strstr(ce.msg, "note"))
			field = "text";
	} else if (ch == CH_STATUS) {
		const char *s = web_param(rq, "status");
		field = "status";
		if (!s || !*s) {
			*err = (struct web_field_error){"status", "Select the status"};
			return 1;
		}
		rc = case_status_set(rq->db, a, id, s, &ce);
		if (rc == ERR_USAGE)
			rc = ERR_DATA;
	} else if (ch == CH_ASSIGN) {
		const char *to = web_param(rq, "to");
		field = "to";
		if (!to || !*to) {
			*err = (struct web_field_error){"to", "Select a caseworker"};
			return 1;
		}
		rc = case_assign(rq->db, a, id, to, &ce);
		if (rc == ERR_NOTFOUND)
			rc = ERR_DATA;
	} else {
		const struct web_param *up = web_upload(rq, "file");
		char fname[WEB_FILE_NAME_MAX];
		field = "file";
		if (!up || !up->len) {
			*err = (struct web_field_error){"file", "Select a document to upload"};
			return 1;
		}
		web_file_name(up->filename, "document", fname);
		rc = case_doc_add(rq->db, a, id, fname, up->value, up->len, NULL, &ce);
	}
	if (rc == ERR_DATA) {
		snprintf(msg, 1100, "%s", ce.msg);
		if (msg[0] >= 'a' && msg[0] <= 'z')
			msg[0] = (char)(msg[0] - 'a' + 'A');
		*err = (struct web_field_error){field, msg};
		return 1;
	}
	if (rc < 0)
		return err_set(e, rc, "%s", ce.msg);
	return 0;
}

int case_one_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	static const char *const done[] = {"Note added", "Hearing added", "Status changed",
					   "Caseworker assigned", "Document uploaded"};
	struct web_field_error err;
	struct case_actor a;
	const char *rest;
	char msg[1100], path[48];
	int64_t id = 0;
	enum change ch;
	int rc;
	if (!rq->user || !web_can(rq, CAP_CASEWORK))
		return not_found(e);
	if ((rc = split_arg(rq->arg, &id, &rest, e)) < 0)
		return rc;
	if ((ch = change_of(rest)) == CH_NONE)
		return not_found(e);
	if ((rc = enter(rq, id, &a, e)) < 0)
		return rc;
	rc = change_do(rq, &a, id, ch, &err, msg, e);
	if (rc == 1) {
		char status[12], (*workers)[64] = NULL;
		size_t n_workers = 0;
		store_rollback(rq->db);
		if (store_begin(rq->db, e) < 0)
			return e->code;
		rc = change_context(rq, id, ch, status, &workers, &n_workers, e);
		store_rollback(rq->db);
		if (rc < 0)
			return rc;
		rs->status = 400;
		change_render(rq, rs, id, ch, status, workers, n_workers, &err, 1);
		free(workers);
		return 0;
	}
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	web_flash(rq, done[ch]);
	snprintf(path, sizeof path, "/cases/%lld", (long long)id);
	web_redirect(rs, path);
	return 0;
}

/* ---- /cases/retention: how long closed cases are kept, and purging ----------*/

static void count_words(int64_t n, const char *one, const char *many, char out[96])
{
	snprintf(out, 96, "%lld %s", (long long)n, n == 1 ? one : many);
}

/* The retention page: the period (years_s as sent, or the period now),
 * the cases due now, the purge log. */
static void retention_render(struct web_req *rq, struct web_resp *rs, const char *years_s,
			     int64_t due, const struct case_purged *log, size_t n_log,
			     const struct web_field_error *errs, int n)
{
	struct web_field years = {"years", NULL, "Years a closed case is kept",
				  "A whole number of years from 1 to 100, counted from the day "
				  "the case was closed",
				  years_s, "govuk-input--width-3", "inputmode=\"numeric\""};
	char words[96];
	size_t i;
	web_page_begin(rq, rs, n ? "Error: Retention and purging" : "Retention and purging",
		       SEC_CASES);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/cases\">Your cases</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Retention and purging</h1>\n"
		    "<p class=\"govuk-body\">A closed case is kept for the retention period, then "
		    "purged: the case and everything it holds (its summary, notes, hearings, "
		    "documents and access log) are deleted for good. Cases past the period are "
		    "also purged automatically every day.</p>\n"
		    "<h2 class=\"govuk-heading-m\">Retention period</h2>\n"
		    "<form method=\"post\" action=\"/cases/retention\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_input(rs, &years, "text", errs, n);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Save the retention period</button>\n</form>\n"
		    "<h2 class=\"govuk-heading-m\">Due to be purged</h2>\n");
	if (!due)
		web_raw(rs, "<p class=\"govuk-body\">No closed cases are past the retention period "
			    "now.</p>\n");
	else {
		count_words(due, "closed case is", "closed cases are", words);
		web_printf(rs, "<p class=\"govuk-body\">%s past the retention period now.</p>\n"
			       "<a href=\"/cases/retention/purge\" role=\"button\" draggable=\"false\" "
			       "class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">"
			       "Purge now</a>\n",
			   words);
	}
	web_raw(rs, "</div></div>\n<h2 class=\"govuk-heading-m\">Purge log</h2>\n");
	if (!n_log)
		web_raw(rs, "<p class=\"govuk-body\">No cases have been purged.</p>\n");
	else {
		web_raw(rs, "<p class=\"govuk-body\">Every case purged: its number, kind and dates "
			    "only.</p>\n"
			    "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
			    "aria-label=\"Purge log\"><table class=\"govuk-table\"><caption class=\""
			    "govuk-table__caption govuk-visually-hidden\">Purge log</caption>\n"
			    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			    "<th scope=\"col\" class=\"govuk-table__header\">Case</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Kind</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Closed</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Purged</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">By</th></tr></thead>\n"
			    "<tbody class=\"govuk-table__body\">\n");
		for (i = 0; i < n_log; i++) {
			char closed[32], when[48], by[96];
			const char *b = log[i].by;
			date_words(log[i].closed_on, closed);
			date_when_uk(log[i].at, when);
			if (!strncmp(b, "cli:", 4))
				snprintf(by, sizeof by, "%s (command line)", b + 4);
			else if (!strcmp(b, "jobs"))
				snprintf(by, sizeof by, "Automatically");
			else
				snprintf(by, sizeof by, "%s", b);
			web_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\""
				       "govuk-table__header\">Case %lld</th><td class=\"govuk-table__cell\">"
				       "%s</td><td class=\"govuk-table__cell\">%s</td><td class=\""
				       "govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
				       "</tr>\n",
				   (long long)log[i].case_id, case_kind_label(log[i].kind), closed,
				   when, by);
		}
		web_raw(rs, "</tbody></table></div>\n");
	}
	web_page_end(rq, rs);
}

/* Read the page's state (inside the request's transaction). */
static int retention_state(struct web_req *rq, long *years, int64_t *due,
			   struct case_purged **log, size_t *n_log, struct err *e)
{
	int rc;
	if ((rc = case_retention_get(rq->db, years, e)) < 0 ||
	    (rc = case_purge_due(rq->db, net_now(), due, e)) < 0)
		return rc;
	return case_purge_log(rq->db, log, n_log, e);
}

int case_retention_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct case_purged *log = NULL;
	struct case_actor a;
	size_t n_log = 0;
	int64_t due = 0;
	long years;
	char ys[24];
	int rc;
	if ((rc = enter(rq, 0, &a, e)) < 0)
		return rc;
	rc = retention_state(rq, &years, &due, &log, &n_log, e);
	store_rollback(rq->db);
	if (rc < 0)
		return rc;
	snprintf(ys, sizeof ys, "%ld", years);
	retention_render(rq, rs, ys, due, log, n_log, NULL, 0);
	free(log);
	return 0;
}

int case_retention_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *ys = web_param(rq, "years");
	struct web_field_error err;
	struct case_actor a;
	long years = 0, was = 0;
	char msg[96];
	int rc;
	if ((rc = enter(rq, 0, &a, e)) < 0)
		return rc;
	if (str_blank(ys))
		err = (struct web_field_error){"years", "Enter the number of years a closed case "
							"is kept"};
	else if (str_to_int(ys, 1, 100, &years) < 0)
		err = (struct web_field_error){"years", "Years a closed case is kept must be a "
							"whole number from 1 to 100"};
	else
		err.field_id = NULL;
	if (err.field_id) {
		struct case_purged *log = NULL;
		size_t n_log = 0;
		int64_t due = 0;
		rc = retention_state(rq, &was, &due, &log, &n_log, e);
		store_rollback(rq->db);
		if (rc < 0)
			return rc;
		rs->status = 400;
		retention_render(rq, rs, ys ? ys : "", due, log, n_log, &err, 1);
		free(log);
		return 0;
	}
	if ((rc = case_retention_set(rq->db, years, a.name, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	snprintf(msg, sizeof msg, "Closed cases are now kept for %ld year%s", years,
		 years == 1 ? "" : "s");
	web_flash(rq, msg);
	web_redirect(rs, "/cases/retention");
	return 0;
}

/* GET /cases/retention/purge: are you sure? */
int case_purge_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct case_actor a;
	int64_t due = 0;
	long years = 0;
	char words[96];
	int rc;
	if ((rc = enter(rq, 0, &a, e)) < 0)
		return rc;
	if ((rc = case_retention_get(rq->db, &years, e)) >= 0)
		rc = case_purge_due(rq->db, net_now(), &due, e);
	store_rollback(rq->db);
	if (rc < 0)
		return rc;
	web_page_begin(rq, rs, "Are you sure you want to purge the closed cases?", SEC_CASES);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/cases/retention\">Retention and purging"
		    "</a>\n<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		    "<h1 class=\"govuk-heading-l\">Are you sure you want to purge the closed cases?"
		    "</h1>\n");
	if (!due) {
		web_raw(rs, "<p class=\"govuk-body\">No closed cases are past the retention period "
			    "now: there is nothing to purge.</p>\n<p class=\"govuk-body\"><a class=\""
			    "govuk-link\" href=\"/cases/retention\">Back to retention and purging</a>"
			    "</p>\n</div></div>\n");
		web_page_end(rq, rs);
		return 0;
	}
	count_words(due, "closed case was", "closed cases were", words);
	web_printf(rs, "<p class=\"govuk-body\">%s closed more than %ld year%s ago. Purging "
		       "deletes each of them and everything it holds for good; only its number, "
		       "kind and dates stay, in the purge log.</p>\n"
		       "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
		       "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
		       "<span class=\"govuk-visually-hidden\">Warning</span> You cannot undo "
		       "this.</strong></div>\n"
		       "<form method=\"post\" action=\"/cases/retention/purge\" novalidate>\n",
		   words, years, years == 1 ? "" : "s");
	web_csrf_field(rq, rs);
	web_raw(rs, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button "
		    "govuk-button--warning\" data-module=\"govuk-button\">Purge the cases</button>"
		    "<a class=\"govuk-link\" href=\"/cases/retention\">Cancel</a></div>\n</form>\n"
		    "</div></div>\n");
	web_page_end(rq, rs);
	return 0;
}

int case_purge_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct case_actor a;
	char msg[96];
	int rc, n = 0;
	if ((rc = enter(rq, 0, &a, e)) < 0)
		return rc;
	if ((rc = case_purge(rq->db, net_now(), a.name, &n, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	if (n)
		snprintf(msg, sizeof msg, "%d closed case%s purged", n, n == 1 ? "" : "s");
	else
		snprintf(msg, sizeof msg, "No closed cases were due to be purged");
	web_flash(rq, msg);
	web_redirect(rs, "/cases/retention");
	return 0;
}

/* ---- /cases/counts: the cases by kind and group, into monitoring -------------*/

/* The characteristics members may have recorded (net_member_group). */
static const char *const count_chars[] = {"ethnicity", "sex", "age", "disability", "religion",
					  "sexual_orientation"};
#define N_COUNT_CHARS (sizeof count_chars / sizeof count_chars[0])

static void counts_render(struct web_req *rq, struct web_resp *rs,
			  const struct web_field_error *errs, int n)
{
	struct web_field year = {"year", NULL, "Year the cases were opened in",
				 "For example, 2025", n ? web_param(rq, "year") : NULL,
				 "govuk-input--width-4", "inputmode=\"numeric\""};
	struct web_field chr = {"characteristic", NULL, "Group the members by",
				NULL, n ? web_param(rq, "characteristic") : "ethnicity", NULL, NULL};
	struct web_choice opts[N_COUNT_CHARS];
	size_t i;
	for (i = 0; i < N_COUNT_CHARS; i++)
		opts[i] = (struct web_choice){count_chars[i], monitor_char_label(count_chars[i]),
					      NULL};
	web_page_begin(rq, rs, n ? "Error: Counts for monitoring" : "Counts for monitoring",
		       SEC_CASES);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/cases\">Your cases</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Counts for monitoring</h1>\n"
		    "<p class=\"govuk-body\">Count the cases opened in a year by kind and by the "
		    "members' group, against all the members of the staff network, and send the "
		    "counts to monitoring. Nothing by group is shown here: the counts are read in "
		    "monitoring's report, and small numbers are withheld when they are "
		    "published.</p>\n"
		    "<form method=\"post\" action=\"/cases/counts\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_input(rs, &year, "text", errs, n);
	web_radios(rs, &chr, opts, N_COUNT_CHARS, 0, errs, n);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Continue</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
}

int case_counts_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct case_actor a;
	int rc;
	if ((rc = enter(rq, 0, &a, e)) < 0)
		return rc;
	store_rollback(rq->db);
	counts_render(rq, rs, NULL, 0);
	return 0;
}

/* A characteristic's label for the middle of a sentence: "religion or belief". */
static void lower_label(const char *chr, char out[64])
{
	snprintf(out, 64, "%s", monitor_char_label(chr));
	if (out[0] >= 'A' && out[0] <= 'Z')
		out[0] = (char)(out[0] - 'A' + 'a');
}

static void counts_confirm_render(struct web_req *rq, struct web_resp *rs, long year,
				  const char *chr)
{
	char ys[16], label[64];
	snprintf(ys, sizeof ys, "%ld", year);
	lower_label(chr, label);
	web_page_begin(rq, rs, "Are you sure you want to send the counts to monitoring?",
		       SEC_CASES);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/cases/counts\">Counts for monitoring"
		    "</a>\n<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		    "<h1 class=\"govuk-heading-l\">Are you sure you want to send the counts to "
		    "monitoring?</h1>\n");
	web_printf(rs, "<p class=\"govuk-body\">The cases opened in %ld will be counted by kind "
		       "and by the members' %s, and the counts sent to monitoring as the "
		       "casework data for %ld, replacing any sent before for that year.</p>\n"
		       "<p class=\"govuk-body\">Monitoring's report compares the groups. When the "
		       "report is published, small numbers are withheld so that no one can be "
		       "recognised. Nothing by group is shown on these pages.</p>\n"
		       "<form method=\"post\" action=\"/cases/counts\" novalidate>\n"
		       "<input type=\"hidden\" name=\"year\" value=\"%s\">\n"
		       "<input type=\"hidden\" name=\"characteristic\" value=\"%s\">\n"
		       "<input type=\"hidden\" name=\"confirm\" value=\"yes\">\n",
		   year, label, year, ys, chr);
	web_csrf_field(rq, rs);
	web_raw(rs, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" "
		    "data-module=\"govuk-button\">Send the counts</button>"
		    "<a class=\"govuk-link\" href=\"/cases/counts\">Cancel</a></div>\n</form>\n"
		    "</div></div>\n");
	web_page_end(rq, rs);
}

int case_counts_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *ys = web_param(rq, "year"), *chr = web_param(rq, "characteristic"),
		   *confirm = web_param(rq, "confirm");
	struct web_field_error errs[2];
	struct buf csv = BUF_INIT, problems = BUF_INIT, href = BUF_INIT;
	struct case_actor a;
	struct err ie = {0};
	char name[32], target[48], msg[1100], label[64];
	long year = 0;
	size_t i;
	int n = 0, rc, raised = 0;
	if ((rc = enter(rq, 0, &a, e)) < 0)
		return rc;
	if (str_blank(ys))
		errs[n++] = (struct web_field_error){"year", "Enter the year the cases were opened in"};
	else if (str_to_int(ys, 1900, 2999, &year) < 0)
		errs[n++] = (struct web_field_error){"year", "Year must be a whole year, like 2025"};
	for (i = 0; chr && i < N_COUNT_CHARS && strcmp(chr, count_chars[i]); i++)
		;
	if (!chr || i == N_COUNT_CHARS)
		errs[n++] = (struct web_field_error){"characteristic", "Select how to group the "
								      "members"};
	if (n) {
		store_rollback(rq->db);
		rs->status = 400;
		counts_render(rq, rs, errs, n);
		return 0;
	}
	chr = count_chars[i];
	if (!confirm || strcmp(confirm, "yes")) {
		store_rollback(rq->db);
		counts_confirm_render(rq, rs, year, chr);
		return 0;
	}
	rc = case_counts_csv(rq->db, year, chr, &csv, e);
	/* monitoring imports in a transaction of its own */
	store_rollback(rq->db);
	snprintf(name, sizeof name, "cases %ld", year);
	if (rc == 0)
		rc = monitor_counts_import_mem(rq->db, "casework", name, a.name, buf_str(&csv),
					       csv.len, &problems, &raised, &ie);
	buf_free(&csv);
	if (rc == ERR_DATA || rc == ERR_USAGE) {
		snprintf(msg, sizeof msg, "The counts could not be sent: %s", ie.msg);
		buf_free(&problems);
		errs[0] = (struct web_field_error){"year", msg};
		rs->status = 400;
		counts_render(rq, rs, errs, 1);
		return 0;
	}
	buf_free(&problems);
	if (rc < 0)
		return err_set(e, rc, "%s", ie.msg);
	/* the audit log, in a short transaction of its own */
	snprintf(target, sizeof target, "dataset casework, %ld", year);
	if ((rc = store_begin(rq->db, e)) < 0)
		return rc;
	if ((rc = web_audit(rq, "case.counts", target, NULL, chr, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	buf_printf(&href, "/monitoring/report?dataset=casework&period=%ld", year);
	lower_label(chr, label);
	web_page_begin(rq, rs, "Counts sent to monitoring", SEC_CASES);
	web_printf(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		       "<div class=\"govuk-panel govuk-panel--confirmation\">\n"
		       "<h1 class=\"govuk-panel__title\">Counts sent to monitoring</h1>\n"
		       "<div class=\"govuk-panel__body\">Cases opened in %ld, by kind and %s"
		       "</div></div>\n"
		       "<p class=\"govuk-body\">%d flag%s raised. Read the counts in <a class=\""
		       "govuk-link\" href=\"%s\">monitoring's report of the casework data for %ld"
		       "</a>; small numbers are withheld when it is published.</p>\n"
		       "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/cases\">Back to "
		       "your cases</a></p>\n</div></div>\n",
		   year, label, raised, raised == 1 ? " was" : "s were",
		   buf_str(&href), year);
	web_page_end(rq, rs);
	buf_free(&href);
	return 0;
}

/* ---- the room -----------------------------------------------------------------*/

static const struct web_route case_pages[] = {
	{"GET", "/cases", CAP_SIGNED_IN, case_list_page},
	{"GET", "/cases/new", CAP_SIGNED_IN, case_new_page},
	{"GET", "/cases/retention", CAP_SIGNED_IN, case_retention_page},
	{"POST", "/cases/retention", CAP_SIGNED_IN, case_retention_post},
	{"GET", "/cases/retention/purge", CAP_SIGNED_IN, case_purge_page},
	{"POST", "/cases/retention/purge", CAP_SIGNED_IN, case_purge_post},
	{"GET", "/cases/counts", CAP_SIGNED_IN, case_counts_page},
	{"POST", "/cases/counts", CAP_SIGNED_IN, case_counts_post},
	{"POST", "/cases/new", CAP_SIGNED_IN, case_new_post},
	{"GET", "/cases/*", CAP_SIGNED_IN, case_one_page},
	{"POST", "/cases/*", CAP_SIGNED_IN, case_one_post},
};

static const struct web_nav case_nav[] = {
	{77, SEC_CASES, CAP_CASEWORK, "/cases", "Cases"},
};

static const struct web_audit_word case_audit_words[] = {
	{"case.open", "Opened a confidential case"},
	{"case.assign", "Assigned a caseworker to a case"},
	{"case.note", "Added a note to a case"},
	{"case.status", "Changed a case's status"},
	{"case.hearing", "Added a hearing to a case"},
	{"case.document", "Added a document to a case"},
	{"case.retention", "Changed how long closed cases are kept"},
	{"case.purge", "Purged a closed case after its retention period"},
	{"case.counts", "Sent the cases' counts by group to monitoring"},
};

const struct room case_room = {
	"casework",
	case_commands,
	case_pages,
	sizeof case_pages / sizeof case_pages[0],
	case_nav,
	sizeof case_nav / sizeof case_nav[0],
	case_audit_words,
	sizeof case_audit_words / sizeof case_audit_words[0],
};
