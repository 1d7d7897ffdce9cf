/*
 * network/member_web.c: the staff network's members on the web, for
 * accounts holding the members capability — the list (filtered by region
 * and status, searched by name or email, 50 a page), adding a member,
 * importing a CSV file (nothing saved on any error), and one member's
 * page: their details, their consents with the wording version and how
 * each was given, forms to give or withdraw consent and to change their
 * details, their data as a download, and erasing them after a "check
 * your answers" page. The model is member.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "mail/mail.h"
#include "monitor/monitor.h"
#include "network/member.h"

static const char *status_tag(const char *status)
{
	if (!strcmp(status, "active"))
		return "<strong class=\"govuk-tag govuk-tag--green\">Active</strong>";
	if (!strcmp(status, "pending"))
		return "<strong class=\"govuk-tag govuk-tag--yellow\">Waiting for confirmation</strong>";
	if (!strcmp(status, "left"))
		return "<strong class=\"govuk-tag govuk-tag--grey\">Left</strong>";
	return "<strong class=\"govuk-tag govuk-tag--red\">Erased</strong>";
}

static void date_words(const char *iso, char out[32])
{
	struct date d = {0, 0, 0};
	if (iso && strlen(iso) >= 10 && sscanf(iso, "%4d-%2d-%2d", &d.y, &d.m, &d.d) == 3 &&
	    date_valid(d.y, d.m, d.d))
		date_long(d, out);
	else
		snprintf(out, 32, "%s", iso ? iso : "");
}

static const char *how_words(const char *how)
{
	if (!how)
		return "";
	if (!strcmp(how, "web"))
		return "on the web";
	if (!strcmp(how, "paper"))
		return "on paper";
	if (!strcmp(how, "email"))
		return "by email";
	if (!strcmp(how, "import"))
		return "in an import";
	if (!strcmp(how, "cli"))
		return "recorded by staff";
	return how;
}

/* ---- GET /network/members ---------------------------------------------------*/

static void region_select(struct web_req *rq, struct web_resp *rs, const char *id,
			  const char *label, const char *chosen, const char *first_label,
			  const struct web_field_error *errs, int n)
{
	store_stmt_t *st;
	struct err e2;
	struct web_field f = {id, NULL, label, NULL, chosen, NULL, NULL};
	err_clear(&e2);
	web_select_open(rs, &f, errs, n);
	web_select_option(rs, "", first_label, !chosen || !*chosen);
	if (store_prepare(rq->db, &st, &e2, "SELECT name FROM net_region ORDER BY name", "") == 0) {
		while (store_step(st, &e2) == 1) {
			const char *r = store_col_text(st, 0);
			web_select_option(rs, r, r, chosen && str_eq_ci(chosen, r));
		}
		store_done(st);
	}
	web_select_close(rs);
}

int member_list_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *region = web_param(rq, "region"), *status = web_param(rq, "status"),
		   *q = web_param(rq, "q");
	static const char *const statuses[] = {"", "active", "pending", "left", "erased"};
	static const char *const status_labels[] = {"Any status", "Active",
						     "Waiting for confirmation", "Left", "Erased"};
	struct web_field f;
	struct buf like = BUF_INIT, base = BUF_INIT;
	store_stmt_t *st = NULL;
	int64_t total = 0;
	long page, n_pages;
	int rc, i, ok_status = 0;
	char cnt[32];
	if (str_blank(region))
		region = NULL;
	if (str_blank(q))
		q = NULL;
	for (i = 1; status && i < 5; i++)
		ok_status |= !strcmp(status, statuses[i]);
	if (!ok_status)
		status = NULL;
	if (q) {
		buf_putc(&like, '%');
		buf_puts(&like, q);
		buf_putc(&like, '%');
	}
#define MEMBER_WHERE                                                                       \
	" WHERE (CAST(? AS TEXT) IS NULL OR r.name = ?) AND (CAST(? AS TEXT) IS NULL OR"   \
	" m.status = ?) AND (CAST(? AS TEXT) IS NULL OR m.name LIKE ? OR m.email LIKE ?)"
	if ((rc = store_query_int(rq->db, &total, e,
				  "SELECT COUNT(*) FROM net_member m LEFT JOIN net_region r"
				  " ON r.id = m.region_id" MEMBER_WHERE,
				  "ttttttt", region, region, status, status, q ? buf_str(&like) : NULL,
				  buf_str(&like), buf_str(&like))) < 0)
		goto done;
	page = web_page_param(rq, (long)total, WEB_PAGE_ROWS, &n_pages);
	web_page_begin(rq, rs, "Members", SEC_MEMBERS);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Members</h1>\n"
		    "<p class=\"govuk-body\">The staff network's members, with their consent to be "
		    "contacted. This is personal data: use it only for the network's work.</p>\n"
		    "<div class=\"govuk-button-group\"><a class=\"govuk-button\" data-module=\"govuk-button\" "
		    "href=\"/network/members/new\">Add a member</a>"
		    "<a class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\" "
		    "href=\"/network/members/import\">Import members from a spreadsheet</a></div>\n"
		    "<form method=\"get\" action=\"/network/members\" novalidate>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-third\">\n");
	region_select(rq, rs, "region", "Region", region, "All regions", NULL, 0);
	web_raw(rs, "</div><div class=\"govuk-grid-column-one-third\">\n");
	f = (struct web_field){"status", NULL, "Status", NULL, status ? status : "", NULL, NULL};
	web_select(rs, &f, statuses, status_labels, 5, NULL, 0);
	web_raw(rs, "</div><div class=\"govuk-grid-column-one-third\">\n");
	f = (struct web_field){"q", NULL, "Name or email", NULL, q, NULL,
			       "spellcheck=\"false\" autocomplete=\"off\""};
	web_input(rs, &f, "search", NULL, 0);
	web_raw(rs, "</div></div>\n<button type=\"submit\" class=\"govuk-button "
		    "govuk-button--secondary\" data-module=\"govuk-button\">Show members</button>\n"
		    "</form>\n");
	str_count(cnt, total);
	web_printf(rs, "<p class=\"govuk-body\">%s member%s found.</p>\n", cnt,
		   total == 1 ? "" : "s");
	if (total) {
		if ((rc = store_prepare(rq->db, &st, e,
					"SELECT m.id, m.name, m.email, r.name, m.status, m.joined"
					" FROM net_member m LEFT JOIN net_region r ON r.id = m.region_id"
					MEMBER_WHERE " ORDER BY m.name, m.id LIMIT ? OFFSET ?",
					"tttttttii", region, region, status, status,
					q ? buf_str(&like) : NULL, buf_str(&like), buf_str(&like),
					(int64_t)WEB_PAGE_ROWS,
					(int64_t)((page - 1) * WEB_PAGE_ROWS))) < 0)
			goto done;
		web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
			    "aria-label=\"Members\">\n<table class=\"govuk-table\">\n"
			    "<caption class=\"govuk-table__caption govuk-visually-hidden\">Members"
			    "</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			    "<th scope=\"col\" class=\"govuk-table__header\">Name</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Email</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Region</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Status</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Joined</th>"
			    "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
		while ((rc = store_step(st, e)) == 1) {
			const char *name = store_col_text(st, 1), *email = store_col_text(st, 2),
				   *rname = store_col_text(st, 3);
			char joined[32];
			date_words(store_col_text(st, 5), joined);
			web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
				       "<a class=\"govuk-link\" href=\"/network/members/%lld\">%s</a></td>"
				       "<td class=\"govuk-table__cell\">%s</td>"
				       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">",
				   (long long)store_col_int(st, 0),
				   name ? name : "Erased member", email ? email : "",
				   rname ? rname : "");
			web_raw(rs, status_tag(store_col_text(st, 4)));
			web_printf(rs, "</td><td class=\"govuk-table__cell\">%s</td></tr>\n", joined);
		}
		if (rc < 0)
			goto done;
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
		buf_puts(&base, "/network/members?");
		if (region) {
			buf_puts(&base, "region=");
			web_urlenc(&base, region);
			buf_putc(&base, '&');
		}
		if (status) {
			buf_puts(&base, "status=");
			web_urlenc(&base, status);
			buf_putc(&base, '&');
		}
		if (q) {
			buf_puts(&base, "q=");
			web_urlenc(&base, q);
			buf_putc(&base, '&');
		}
		web_pagination(rs, buf_str(&base), page, n_pages);
	}
	web_page_end(rq, rs);
	rc = 0;
done:
	store_done(st);
	buf_free(&like);
	buf_free(&base);
	return rc;
}

/* ---- add a member -------------------------------------------------------------*/

static const struct web_choice how_choices[] = {
	{"paper", "On a paper form", NULL},
	{"email", "By email", NULL},
	{"web", "On a web form", NULL},
};

/* The consent checkboxes, each with its purpose's current wording. */
static void consent_boxes(struct web_req *rq, struct web_resp *rs, const char *legend,
			  const char *hint, int posted, const struct web_field_error *errs, int n)
{
	struct web_check boxes[NET_N_PURPOSES];
	struct buf words[NET_N_PURPOSES];
	struct web_field f = {"consent", "consent", legend, hint, NULL, NULL, NULL};
	int i, k;
	for (i = 0; i < NET_N_PURPOSES; i++) {
		int64_t v = 0;
		struct err e2;
		err_clear(&e2);
		words[i] = (struct buf)BUF_INIT;
		buf_printf(&words[i], "%c%s: ", net_purpose_words(net_purposes[i])[0] - 32,
			   net_purpose_words(net_purposes[i]) + 1);
		member_wording(rq->db, net_purposes[i], &v, &words[i], &e2);
		boxes[i].value = net_purposes[i];
		boxes[i].label = buf_str(&words[i]);
		boxes[i].checked = 0;
		for (k = 0; posted; k++) {
			const char *c = web_param_n(rq, "consent", k);
			if (!c)
				break;
			if (!strcmp(c, net_purposes[i]))
				boxes[i].checked = 1;
		}
	}
	web_checkboxes(rs, &f, boxes, NET_N_PURPOSES, errs, n);
	for (i = 0; i < NET_N_PURPOSES; i++)
		buf_free(&words[i]);
}

static void new_render(struct web_req *rq, struct web_resp *rs, int posted,
		       const struct web_field_error *errs, int n_errs)
{
	struct web_field f;
	static const struct web_choice yes_no[] = {{"no", "No", NULL}, {"yes", "Yes", NULL}};
	web_page_begin(rq, rs, n_errs ? "Error: Add a member" : "Add a member", SEC_MEMBERS);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/network/members\">Members</a>\n");
	web_error_summary(rs, errs, n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Add a member</h1>\n"
		    "<form method=\"post\" action=\"/network/members/new\" novalidate>\n");
	web_csrf_field(rq, rs);
	f = (struct web_field){"name", NULL, "Full name", NULL, posted ? web_param(rq, "name") : NULL,
			       NULL, "spellcheck=\"false\" autocomplete=\"off\""};
	web_input(rs, &f, "text", errs, n_errs);
	f = (struct web_field){"email", NULL, "Email address", NULL,
			       posted ? web_param(rq, "email") : NULL, NULL,
			       "spellcheck=\"false\" autocomplete=\"off\""};
	web_input(rs, &f, "email", errs, n_errs);
	f = (struct web_field){"region", NULL, "Region",
			       "For example, South West. A region not used before is added.",
			       posted ? web_param(rq, "region") : NULL, "govuk-input--width-20",
			       "autocomplete=\"off\""};
	web_input(rs, &f, "text", errs, n_errs);
	f = (struct web_field){"grade", NULL, "Grade (optional)", "For example, PO or SPO",
			       posted ? web_param(rq, "grade") : NULL, "govuk-input--width-10", NULL};
	web_input(rs, &f, "text", errs, n_errs);
	f = (struct web_field){"manager", NULL, "Is the member a manager?",
			       "Managers are invited to the managers' group",
			       posted && web_param(rq, "manager") ? web_param(rq, "manager") : "no",
			       "govuk-radios--inline", NULL};
	web_radios(rs, &f, yes_no, 2, 0, errs, n_errs);
	consent_boxes(rq, rs, "What has the member agreed to?",
		      "Tick only what the member agreed to, in these words. Leave all unticked if "
		      "they agreed to nothing yet.",
		      posted, errs, n_errs);
	f = (struct web_field){"how", NULL, "How did they agree?", NULL,
			       posted && web_param(rq, "how") ? web_param(rq, "how") : "paper", NULL,
			       NULL};
	web_radios(rs, &f, how_choices, 3, 0, errs, n_errs);
	web_raw(rs, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" "
		    "data-module=\"govuk-button\">Add the member</button>"
		    "<a class=\"govuk-link\" href=\"/network/members\">Cancel</a></div>\n</form>\n");
	web_page_end(rq, rs);
}

int member_new_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	new_render(rq, rs, 0, NULL, 0);
	return 0;
}

static const char *how_param(const struct web_req *rq)
{
	const char *how = web_param(rq, "how");
	size_t i;
	for (i = 0; how && i < 3; i++)
		if (!strcmp(how, how_choices[i].value))
			return how;
	return NULL;
}

/* Sentence case of a model message for the web: "Give ..." */
static void web_words(const char *msg, char *out, size_t n)
{
	snprintf(out, n, "%s", msg);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 32);
}

int member_new_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct web_field_error errs[6];
	char msg[6][1024], target[48], flash[200];
	int n_errs = 0, rc, k;
	const char *how = how_param(rq), *field = NULL, *mgr = web_param(rq, "manager");
	struct member_new m;
	int64_t id = 0;
	struct err ce;
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	m = (struct member_new){web_param(rq, "email"), web_param(rq, "name"),
				web_param(rq, "region"), web_param(rq, "grade"),
				mgr && !strcmp(mgr, "yes"), NULL, "active"};
	if (str_blank(m.name))
		errs[n_errs++] = (struct web_field_error){"name", "Enter the member's full name"};
	if (str_blank(m.email))
		errs[n_errs++] = (struct web_field_error){"email", "Enter the member's email address"};
	if (str_blank(m.region))
		errs[n_errs++] = (struct web_field_error){"region", "Enter the member's region"};
	if (web_param(rq, "consent") && !how)
		errs[n_errs++] = (struct web_field_error){"how", "Select how the member agreed"};
	if (!n_errs) {
		err_clear(&ce);
		rc = member_insert(rq->db, &m, 1, &id, &field, &ce);
		if (rc == ERR_DATA || rc == ERR_NOTFOUND) {
			web_words(ce.msg, msg[0], sizeof msg[0]);
			errs[n_errs++] = (struct web_field_error){field ? field : "email", msg[0]};
		} else if (rc < 0) {
			err_set(e, rc, "%s", ce.msg);
			goto fail;
		}
	}
	if (n_errs) {
		store_rollback(rq->db);
		rs->status = 400;
		new_render(rq, rs, 1, errs, n_errs);
		return 0;
	}
	for (k = 0; (field = web_param_n(rq, "consent", k)); k++) {
		if (net_purpose_ok(field, e) < 0) {
			rc = ERR_USAGE;
			goto fail;
		}
		if ((rc = member_consent_give(rq->db, id, field, how, rq->user->name, e)) < 0)
			goto fail;
	}
	snprintf(target, sizeof target, "member %lld", (long long)id);
	if ((rc = web_audit(rq, "member.add", target, NULL, NULL, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0)
		goto fail;
	snprintf(flash, sizeof flash, "Member added");
	web_flash(rq, flash);
	snprintf(target, sizeof target, "/network/members/%lld", (long long)id);
	web_redirect(rs, target);
	return 0;
fail:
	store_rollback(rq->db);
	return rc < 0 ? rc : e->code;
}

/* ---- import ---------------------------------------------------------------------*/

static void import_render(struct web_req *rq, struct web_resp *rs, const char *problems,
			  const struct web_field_error *errs, int n_errs)
{
	struct web_field f = {"file", NULL, "Upload a CSV file",
			      "Columns: email, name, region, grade, manager (yes or no), joined, and "
			      "optionally consent_mailing, consent_meetings, consent_mentoring and "
			      "consent_consultations (yes or no)",
			      NULL, NULL, "accept=\".csv,text/csv\""};
	web_page_begin(rq, rs, n_errs ? "Error: Import members" : "Import members", SEC_MEMBERS);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/network/members\">Members</a>\n");
	web_error_summary(rs, errs, n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Import members</h1>\n"
		    "<p class=\"govuk-body\">Add many members at once from a spreadsheet saved as CSV. "
		    "If any row has a problem, nothing is saved: every problem is listed so that you "
		    "can correct the file and upload it again.</p>\n");
	if (problems && *problems) {
		const char *p = problems;
		web_raw(rs, "<h2 class=\"govuk-heading-m\">Problems in the file</h2>\n"
			    "<ul class=\"govuk-list govuk-list--bullet\">\n");
		while (*p) {
			size_t n = strcspn(p, "\n");
			struct buf one = BUF_INIT;
			buf_append(&one, p, n);
			web_printf(rs, "<li>%s</li>\n", buf_str(&one));
			buf_free(&one);
			p += n + (p[n] == '\n');
		}
		web_raw(rs, "</ul>\n");
	}
	web_printf(rs, "<form method=\"post\" action=\"/network/members/import?csrf=%s\" "
		       "enctype=\"multipart/form-data\" novalidate>\n",
		   rq->csrf);
	web_csrf_field(rq, rs);
	web_input(rs, &f, "file", errs, n_errs);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Import members</button>\n</form>\n");
	web_page_end(rq, rs);
}

int member_import_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	import_render(rq, rs, NULL, NULL, 0);
	return 0;
}

int member_import_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const struct web_param *up = web_upload(rq, "file");
	struct web_field_error err1;
	struct buf problems = BUF_INIT;
	char fname[WEB_FILE_NAME_MAX], flash[160], cnt[32], detail[48], msg[1024];
	int rc, added = 0;
	struct err ce;
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	if (!up || !up->len) {
		store_rollback(rq->db);
		err1 = (struct web_field_error){"file", "Select a CSV file of members"};
		rs->status = 400;
		import_render(rq, rs, NULL, &err1, 1);
		return 0;
	}
	web_file_name(up->filename, "upload.csv", fname);
	err_clear(&ce);
	rc = member_import(rq->db, up->value, up->len, fname, rq->user->name, &problems, &added,
			   &ce);
	if (rc == ERR_DATA) {
		store_rollback(rq->db);
		snprintf(msg, sizeof msg, "%s", ce.msg);
		err1 = (struct web_field_error){"file", msg};
		rs->status = 400;
		import_render(rq, rs, buf_str(&problems), &err1, 1);
		buf_free(&problems);
		return 0;
	}
	buf_free(&problems);
	if (rc < 0) {
		store_rollback(rq->db);
		return err_set(e, rc, "%s", ce.msg);
	}
	snprintf(detail, sizeof detail, "%d members", added);
	if ((rc = web_audit(rq, "member.import", fname, NULL, detail, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	str_count(cnt, added);
	snprintf(flash, sizeof flash, "%s member%s imported", cnt, added == 1 ? "" : "s");
	web_flash(rq, flash);
	web_redirect(rs, "/network/members");
	return 0;
}

/* ---- one member ----------------------------------------------------------------*/

static void row(struct web_resp *rs, const char *key, const char *value)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
		   key, value ? value : "");
}

static void consents_table(struct web_resp *rs, json_t *consents)
{
	size_t i;
	json_t *c;
	if (!json_array_size(consents)) {
		web_raw(rs, "<p class=\"govuk-body\">No consent recorded.</p>\n");
		return;
	}
	web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		    "aria-label=\"Consents\">\n<table class=\"govuk-table\">\n"
		    "<caption class=\"govuk-table__caption govuk-visually-hidden\">Consents given and "
		    "withdrawn</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">For</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Given</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Wording</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Withdrawn</th>"
		    "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	json_array_foreach(consents, i, c) {
		char given[48], gone[48];
		const char *w = json_string_value(json_object_get(c, "withdrawn_at"));
		date_when_uk(json_string_value(json_object_get(c, "given_at")), given);
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
			       "<td class=\"govuk-table__cell\">%s, %s</td>"
			       "<td class=\"govuk-table__cell\">Version %lld: %s</td>"
			       "<td class=\"govuk-table__cell\">",
			   json_string_value(json_object_get(c, "purpose_words")), given,
			   how_words(json_string_value(json_object_get(c, "given_how"))),
			   (long long)json_integer_value(json_object_get(c, "wording_version")),
			   json_string_value(json_object_get(c, "wording")));
		if (w) {
			date_when_uk(w, gone);
			web_printf(rs, "%s, %s", gone,
				   how_words(json_string_value(json_object_get(c, "withdrawn_how"))));
		} else {
			web_raw(rs, "Not withdrawn");
		}
		web_raw(rs, "</td></tr>\n");
	}
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
}

/* "12/erase" into 12 and "erase"; -1 when arg names no member page. */
static int member_path(const char *arg, int64_t *id, const char **tail)
{
	long v;
	char num[24];
	size_t n = strcspn(arg, "/");
	if (!n || n >= sizeof num)
		return -1;
	memcpy(num, arg, n);
	num[n] = '\0';
	if (str_to_int(num, 1, 2000000000L, &v) < 0)
		return -1;
	*id = v;
	*tail = arg[n] ? arg + n + 1 : "";
	return 0;
}

static void change_form(struct web_req *rq, struct web_resp *rs, const struct member *m,
			int posted, const struct web_field_error *errs, int n_errs)
{
	struct web_field f;
	static const struct web_choice yes_no[] = {{"no", "No", NULL}, {"yes", "Yes", NULL}};
	web_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"change\">Change their details</h2>\n"
		       "<form method=\"post\" action=\"/network/members/%lld/update\" novalidate>\n",
		   (long long)m->id);
	web_csrf_field(rq, rs);
	f = (struct web_field){"name", NULL, "Full name", NULL,
			       posted ? web_param(rq, "name") : m->name, NULL,
			       "spellcheck=\"false\" autocomplete=\"off\""};
	web_input(rs, &f, "text", errs, n_errs);
	f = (struct web_field){"email", NULL, "Email address", NULL,
			       posted ? web_param(rq, "email") : m->email, NULL,
			       "spellcheck=\"false\" autocomplete=\"off\""};
	web_input(rs, &f, "email", errs, n_errs);
	f = (struct web_field){"region", NULL, "Region", "A region not used before is added.",
			       posted ? web_param(rq, "region") : m->region, "govuk-input--width-20",
			       "autocomplete=\"off\""};
	web_input(rs, &f, "text", errs, n_errs);
	f = (struct web_field){"grade", NULL, "Grade (optional)", NULL,
			       posted ? web_param(rq, "grade") : m->grade, "govuk-input--width-10",
			       NULL};
	web_input(rs, &f, "text", errs, n_errs);
	f = (struct web_field){"manager", NULL, "Is the member a manager?", NULL,
			       posted ? web_param(rq, "manager") : m->manager ? "yes" : "no",
			       "govuk-radios--inline", NULL};
	web_radios(rs, &f, yes_no, 2, 0, errs, n_errs);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
		    "data-module=\"govuk-button\">Save changes</button>\n</form>\n");
}

/* ---- equality details (optional; docs/network.md "Equality details") ----*/

/* The characteristics the member page asks about, in the form's order. */
static const char *const eq_chars[] = {"ethnicity", "sex", "age", "disability", "religion",
				       "sexual_orientation"};
#define N_EQ_CHARS (sizeof eq_chars / sizeof eq_chars[0])

/* The member page's section: each detail given, in words, and the link to
 * change them. eq is the export's {"ethnicity": "B1", ...}. */
static void equality_summary(struct web_resp *rs, json_t *eq, int64_t id)
{
	const char *key;
	json_t *v;
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Equality details</h2>\n");
	if (!eq || !json_object_size(eq))
		web_raw(rs, "<p class=\"govuk-body\">None given. Giving them is optional; only "
			    "counts by group ever leave the network, through safe publication.</p>\n");
	else {
		web_raw(rs, "<dl class=\"govuk-summary-list\">\n");
		json_object_foreach(eq, key, v) {
			const char *group = NULL;
			struct err ge = {0};
			if (monitor_group_of(key, json_string_value(v), &group, &ge) < 0)
				group = json_string_value(v);
			row(rs, monitor_char_label(key), group);
		}
		web_raw(rs, "</dl>\n");
	}
	web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/network/members/"
		       "%lld/equality\">Change equality details</a></p>\n", (long long)id);
}

/* The form of equality details: one select per characteristic, its
 * recorded groups, "Prefer not to say" and "Not given". */
static int equality_render(struct web_req *rq, struct web_resp *rs, int64_t id, int posted,
			   const struct web_field_error *errs, int n_errs, struct err *e)
{
	struct member m;
	json_t *eq = NULL;
	size_t c, g;
	int rc;
	if ((rc = member_load(rq->db, id, &m, e)) < 0)
		return rc;
	if (!strcmp(m.status, "erased")) {
		member_free(&m);
		return err_set(e, ERR_NOTFOUND, "There is no such member page.");
	}
	if ((rc = net_member_chars_json(rq->db, id, &eq, e)) < 0)
		goto done;
	web_page_begin(rq, rs, n_errs ? "Error: Equality details" : "Equality details", SEC_MEMBERS);
	web_printf(rs, "<a class=\"govuk-back-link\" href=\"/network/members/%lld\">Back</a>\n",
		   (long long)id);
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n"
		       "<h1 class=\"govuk-heading-l\">Equality details</h1>\n"
		       "<p class=\"govuk-body\">Record only what the member chose to tell the "
		       "network. Each answer is optional. They are used to count mentoring "
		       "outcomes, cases and survey results by group; those counts leave the network "
		       "only through safe publication, never with a name.</p>\n"
		       "<form method=\"post\" action=\"/network/members/%lld/equality\" "
		       "novalidate>\n", m.name, (long long)id);
	web_csrf_field(rq, rs);
	for (c = 0; c < N_EQ_CHARS; c++) {
		const char *const *groups, *column, *cur = NULL, *group = NULL;
		size_t n, n_rec;
		struct web_field f;
		struct err ge = {0};
		if (monitor_groups_of(eq_chars[c], &groups, &n, &n_rec, &column, &ge) < 0)
			continue;
		if (posted)
			cur = web_param(rq, column);
		else if (json_object_get(eq, column) &&
			 monitor_group_of(column, json_string_value(json_object_get(eq, column)),
					  &group, &ge) == 0)
			cur = !strcmp(group, "Not stated") ? "NS" : group;
		f = (struct web_field){column, NULL, monitor_char_label(column), NULL, cur, NULL,
				       NULL};
		web_select_open(rs, &f, errs, n_errs);
		web_select_option(rs, "", "Not given", !cur || !*cur);
		for (g = 0; g < n_rec; g++)
			web_select_option(rs, groups[g], groups[g], cur && !strcmp(cur, groups[g]));
		web_select_option(rs, "NS", "Prefer not to say", cur && !strcmp(cur, "NS"));
		web_select_close(rs);
	}
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Save equality details</button>\n</form>\n");
	web_page_end(rq, rs);
done:
	json_decref(eq);
	member_free(&m);
	return rc;
}

static int equality_post(struct web_req *rq, struct web_resp *rs, int64_t id, struct err *e)
{
	struct web_field_error errs[N_EQ_CHARS];
	char target[48], path[48];
	size_t c;
	int n_errs = 0, rc;
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	for (c = 0; c < N_EQ_CHARS; c++) {
		const char *v = web_param(rq, eq_chars[c]);
		struct err ce = {0};
		if (net_member_char_set(rq->db, id, eq_chars[c], v, &ce) < 0) {
			if (ce.code == ERR_DATA) {
				errs[n_errs++] = (struct web_field_error){
					eq_chars[c], "Select one of the groups, Prefer not to say, or "
						     "Not given"};
				continue;
			}
			store_rollback(rq->db);
			*e = ce;
			return ce.code;
		}
	}
	if (n_errs) {
		store_rollback(rq->db);
		rs->status = 400;
		return equality_render(rq, rs, id, 1, errs, n_errs, e);
	}
	snprintf(target, sizeof target, "member %lld", (long long)id);
	if ((rc = member_touch(rq->db, id, e)) < 0 ||
	    (rc = web_audit(rq, "member.update", target, NULL, "equality details", e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	web_flash(rq, "Equality details saved");
	snprintf(path, sizeof path, "/network/members/%lld", (long long)id);
	web_redirect(rs, path);
	return 0;
}

static int one_render(struct web_req *rq, struct web_resp *rs, int64_t id, int posted,
		      const struct web_field_error *errs, int n_errs, struct err *e)
{
	struct member m;
	json_t *j = NULL;
	char title[160], joined[32], last[48], grade_or[80];
	int rc, i;
	if ((rc = member_load(rq->db, id, &m, e)) < 0)
		return rc;
	if ((rc = member_export(rq->db, id, &j, e)) < 0) {
		member_free(&m);
		return rc;
	}
	snprintf(title, sizeof title, "%s%s", n_errs ? "Error: " : "",
		 m.name ? m.name : "Erased member");
	web_page_begin(rq, rs, title, SEC_MEMBERS);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/network/members\">Members</a>\n");
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">%s</h1>\n", m.name ? m.name : "Erased member");
	if (!strcmp(m.status, "erased")) {
		web_raw(rs, "<p class=\"govuk-body\">This member was erased. Nothing that identifies "
			    "them is kept; they still count in their region's figures.</p>\n");
		web_page_end(rq, rs);
		goto done;
	}
	web_raw(rs, "<dl class=\"govuk-summary-list\">\n");
	row(rs, "Email", m.email);
	row(rs, "Region", m.region);
	snprintf(grade_or, sizeof grade_or, "%s", m.grade ? m.grade : "Not given");
	row(rs, "Grade", grade_or);
	row(rs, "Manager", m.manager ? "Yes" : "No");
	web_raw(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		    "Status</dt><dd class=\"govuk-summary-list__value\">");
	web_raw(rs, status_tag(m.status));
	web_raw(rs, "</dd></div>\n");
	date_words(m.joined, joined);
	row(rs, "Joined", joined);
	if (m.left_on[0]) {
		date_words(m.left_on, joined);
		row(rs, "Left", joined);
	}
	date_when_uk(m.last_active, last);
	row(rs, "Last active", last);
	web_raw(rs, "</dl>\n");
	equality_summary(rs, json_object_get(json_object_get(j, "member"), "equality"), id);
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Consent</h2>\n");
	consents_table(rs, json_object_get(j, "consents"));
	web_printf(rs, "<h2 class=\"govuk-heading-m\">Record consent given or withdrawn</h2>\n"
		       "<form method=\"post\" action=\"/network/members/%lld/consent\" novalidate>\n",
		   (long long)id);
	web_csrf_field(rq, rs);
	{
		struct web_choice purposes[NET_N_PURPOSES * 2];
		char labels[NET_N_PURPOSES][120], values[NET_N_PURPOSES][40];
		struct web_field f;
		int n = 0;
		for (i = 0; i < NET_N_PURPOSES; i++) {
			int held = net_consent_held(rq->db, id, net_purposes[i], e);
			if (held < 0) {
				rc = held;
				goto done;
			}
			snprintf(values[i], sizeof values[i], "%s:%s", held ? "withdraw" : "give",
				 net_purposes[i]);
			snprintf(labels[i], sizeof labels[i], "%s %s", held ? "Withdraw consent to"
									    : "Give consent to",
				 net_purpose_words(net_purposes[i]));
			purposes[n++] = (struct web_choice){values[i], labels[i], NULL};
		}
		f = (struct web_field){"change", NULL, "What has changed?", NULL,
				       posted ? web_param(rq, "change") : NULL, NULL, NULL};
		web_radios(rs, &f, purposes, (size_t)n, 0, errs, n_errs);
		f = (struct web_field){"how", NULL, "How did they tell us?", NULL,
				       posted ? web_param(rq, "how") : NULL, "govuk-radios--inline",
				       NULL};
		web_radios(rs, &f, how_choices, 3, 0, errs, n_errs);
	}
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
		    "data-module=\"govuk-button\">Record the change</button>\n</form>\n");
	change_form(rq, rs, &m, posted && web_param(rq, "name") != NULL, errs, n_errs);
	web_printf(rs, "<h2 class=\"govuk-heading-m\">Their data</h2>\n"
		       "<p class=\"govuk-body\">Everything the network holds about this member, for a "
		       "subject access request.</p>\n"
		       "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/network/members/%lld/"
		       "export\" download>Download their data (JSON)</a></p>\n"
		       "<h2 class=\"govuk-heading-m\">Erase this member</h2>\n"
		       "<p class=\"govuk-body\">When a member asks for their data to be erased, remove "
		       "everything that identifies them. This cannot be undone.</p>\n"
		       "<a class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\" "
		       "href=\"/network/members/%lld/erase\">Erase this member</a>\n",
		   (long long)id, (long long)id);
	web_page_end(rq, rs);
done:
	json_decref(j);
	member_free(&m);
	return rc;
}

static int export_page(struct web_req *rq, struct web_resp *rs, int64_t id, struct err *e)
{
	json_t *j = NULL;
	char *s;
	char fname[64], target[48];
	int rc;
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = member_export(rq->db, id, &j, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	snprintf(target, sizeof target, "member %lld", (long long)id);
	if ((rc = web_audit(rq, "member.export", target, NULL, NULL, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		json_decref(j);
		return rc;
	}
	s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (!s)
		return err_set(e, ERR_INTERNAL, "out of memory writing the export");
	snprintf(fname, sizeof fname, "member-%lld.json", (long long)id);
	web_send(rs, "application/json", s, strlen(s), fname);
	free(s);
	return 0;
}

static int erase_page(struct web_req *rq, struct web_resp *rs, int64_t id, struct err *e)
{
	struct member m;
	int rc;
	struct web_field f;
	if ((rc = member_load(rq->db, id, &m, e)) < 0)
		return rc;
	if (!strcmp(m.status, "erased")) {
		member_free(&m);
		return err_set(e, ERR_DATA, "This member was erased already; nothing about them is "
			       "left to erase.");
	}
	web_page_begin(rq, rs, "Check before you erase this member", SEC_MEMBERS);
	web_printf(rs, "<a class=\"govuk-back-link\" href=\"/network/members/%lld\">Back</a>\n"
		       "<h1 class=\"govuk-heading-l\">Check before you erase this member</h1>\n"
		       "<dl class=\"govuk-summary-list\">\n",
		   (long long)id);
	row(rs, "Name", m.name);
	row(rs, "Email", m.email);
	row(rs, "Region", m.region);
	web_raw(rs, "</dl>\n<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
		    "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
		    "<span class=\"govuk-visually-hidden\">Warning</span>Their name, email and grade, "
		    "their replies to meetings, their place on mailing lists and the mail sent to them "
		    "will be removed. This cannot be undone. They still count in their region's "
		    "figures.</strong></div>\n");
	web_printf(rs, "<form method=\"post\" action=\"/network/members/%lld/erase\" novalidate>\n",
		   (long long)id);
	web_csrf_field(rq, rs);
	f = (struct web_field){"reason", NULL, "Why is this member being erased? (optional)",
			       "For example, request by the member. Do not write their name or "
			       "email: this is kept.",
			       NULL, NULL, NULL};
	web_input(rs, &f, "text", NULL, 0);
	web_printf(rs, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button "
		       "govuk-button--warning\" data-module=\"govuk-button\">Erase this member</button>"
		       "<a class=\"govuk-link\" href=\"/network/members/%lld\">Cancel</a></div>\n"
		       "</form>\n",
		   (long long)id);
	web_page_end(rq, rs);
	member_free(&m);
	return 0;
}

int member_one_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	int64_t id;
	const char *tail;
	if (member_path(rq->arg, &id, &tail) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no such member page.");
	if (!*tail)
		return one_render(rq, rs, id, 0, NULL, 0, e);
	if (!strcmp(tail, "export"))
		return export_page(rq, rs, id, e);
	if (!strcmp(tail, "erase"))
		return erase_page(rq, rs, id, e);
	if (!strcmp(tail, "equality"))
		return equality_render(rq, rs, id, 0, NULL, 0, e);
	return err_set(e, ERR_NOTFOUND, "There is no such member page.");
}

static int consent_post(struct web_req *rq, struct web_resp *rs, int64_t id, struct err *e)
{
	const char *change = web_param(rq, "change"), *how = how_param(rq), *purpose;
	struct web_field_error errs[2];
	int n_errs = 0, rc, give;
	char target[48], flash[160], path[48];
	if (!change || (strncmp(change, "give:", 5) && strncmp(change, "withdraw:", 9)) ||
	    net_purpose_ok(strchr(change, ':') + 1, e) < 0) {
		err_clear(e);
		errs[n_errs++] = (struct web_field_error){"change", "Select what has changed"};
	}
	if (!how)
		errs[n_errs++] = (struct web_field_error){"how", "Select how the member told us"};
	if (n_errs) {
		rs->status = 400;
		return one_render(rq, rs, id, 1, errs, n_errs, e);
	}
	give = change[0] == 'g';
	purpose = strchr(change, ':') + 1;
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = give ? member_consent_give(rq->db, id, purpose, how, rq->user->name, e)
		  : member_consent_withdraw(rq->db, id, purpose, how, e);
	snprintf(target, sizeof target, "member %lld", (long long)id);
	if (rc < 0 ||
	    (rc = web_audit(rq, give ? "consent.give" : "consent.withdraw", target, NULL, purpose,
			    e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	snprintf(flash, sizeof flash, "Consent to %s %s", net_purpose_words(purpose),
		 give ? "recorded" : "withdrawn");
	web_flash(rq, flash);
	snprintf(path, sizeof path, "/network/members/%lld", (long long)id);
	web_redirect(rs, path);
	return 0;
}

static int update_post(struct web_req *rq, struct web_resp *rs, int64_t id, struct err *e)
{
	const char *name = web_param(rq, "name"), *email = web_param(rq, "email"),
		   *region = web_param(rq, "region"), *grade = web_param(rq, "grade"),
		   *mgr = web_param(rq, "manager");
	struct web_field_error errs[4];
	char msg[1024], norm[320], path[48], target[48];
	int n_errs = 0, rc;
	int64_t other = 0, rid = 0;
	struct err ce;
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	err_clear(&ce);
	if (str_blank(name))
		errs[n_errs++] = (struct web_field_error){"name", "Enter the member's full name"};
	if (str_blank(email))
		errs[n_errs++] = (struct web_field_error){"email", "Enter the member's email address"};
	else if (mail_address_ok(email, &ce) < 0) {
		web_words(ce.msg, msg, sizeof msg);
		errs[n_errs++] = (struct web_field_error){"email", msg};
	} else {
		mail_address_norm(email, norm, sizeof norm);
		if ((rc = store_query_int(rq->db, &other, e,
					  "SELECT COUNT(*) FROM net_member WHERE email = ? AND id <> ?",
					  "ti", norm, id)) < 0)
			goto fail;
		if (other)
			errs[n_errs++] = (struct web_field_error){
				"email", "Another member has this email address"};
	}
	if (str_blank(region))
		errs[n_errs++] = (struct web_field_error){"region", "Enter the member's region"};
	if (n_errs) {
		store_rollback(rq->db);
		rs->status = 400;
		return one_render(rq, rs, id, 1, errs, n_errs, e);
	}
	if ((rc = net_region_id(rq->db, region, 1, &rid, e)) < 0 ||
	    (rc = store_exec(rq->db, e,
			     "UPDATE net_member SET name = ?, email = ?, region_id = ?, grade = ?,"
			     " manager = ? WHERE id = ? AND status <> 'erased'",
			     "ttitii", name, norm, rid, str_blank(grade) ? NULL : grade,
			     (int64_t)(mgr && !strcmp(mgr, "yes")), id)) < 0 ||
	    (rc = member_touch(rq->db, id, e)) < 0)
		goto fail;
	snprintf(target, sizeof target, "member %lld", (long long)id);
	if ((rc = web_audit(rq, "member.update", target, NULL, NULL, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0)
		goto fail;
	web_flash(rq, "Details saved");
	snprintf(path, sizeof path, "/network/members/%lld", (long long)id);
	web_redirect(rs, path);
	return 0;
fail:
	store_rollback(rq->db);
	return rc;
}

static int erase_post(struct web_req *rq, struct web_resp *rs, int64_t id, struct err *e)
{
	const char *reason = web_param(rq, "reason");
	char target[48];
	int rc;
	if (reason && strchr(reason, '@')) {
		struct web_field_error err1 = {"reason", "Write the reason without an email address: "
							 "the reason is kept"};
		struct member m;
		struct web_field f = {"reason", NULL, "Why is this member being erased? (optional)",
				      NULL, reason, NULL, NULL};
		if ((rc = member_load(rq->db, id, &m, e)) < 0)
			return rc;
		rs->status = 400;
		web_page_begin(rq, rs, "Error: Check before you erase this member", SEC_MEMBERS);
		web_error_summary(rs, &err1, 1);
		web_printf(rs, "<h1 class=\"govuk-heading-l\">Check before you erase this member</h1>\n"
			       "<form method=\"post\" action=\"/network/members/%lld/erase\" novalidate>\n",
			   (long long)id);
		web_csrf_field(rq, rs);
		web_input(rs, &f, "text", &err1, 1);
		web_raw(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
			    "data-module=\"govuk-button\">Erase this member</button>\n</form>\n");
		web_page_end(rq, rs);
		member_free(&m);
		return 0;
	}
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	snprintf(target, sizeof target, "member %lld", (long long)id);
	if ((rc = member_erase(rq->db, id, rq->user->name, reason ? reason : "", e)) < 0 ||
	    (rc = web_audit(rq, "member.erase", target, NULL, NULL, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	web_flash(rq, "Member erased");
	web_redirect(rs, "/network/members");
	return 0;
}

int member_one_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	int64_t id;
	const char *tail;
	struct member m;
	int rc;
	if (member_path(rq->arg, &id, &tail) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no such member page.");
	if ((rc = member_load(rq->db, id, &m, e)) < 0)
		return rc;
	rc = !strcmp(m.status, "erased");
	member_free(&m);
	if (rc)
		return err_set(e, ERR_DATA, "This member was erased already; nothing about them is "
			       "left to change or erase.");
	if (!strcmp(tail, "consent"))
		return consent_post(rq, rs, id, e);
	if (!strcmp(tail, "update"))
		return update_post(rq, rs, id, e);
	if (!strcmp(tail, "erase"))
		return erase_post(rq, rs, id, e);
	if (!strcmp(tail, "equality"))
		return equality_post(rq, rs, id, e);
	return err_set(e, ERR_NOTFOUND, "There is no such member page.");
}
