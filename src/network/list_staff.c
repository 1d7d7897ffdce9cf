/*
 * network/list_staff.c: the mailing lists' pages for accounts with the
 * mailing capability — /network/lists (the lists; making one),
 * /network/lists/SLUG (its subscribers, searched and paged 50 a page,
 * each with a status tag and bounce score) and sending a message:
 * /network/lists/SLUG/send (subject, text, optional HTML) → a preview of
 * exactly what a subscriber receives and how many will get it → "Send to
 * N subscribers", which queues them all in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/dates.h"
#include "core/str.h"
#include "network/list.h"
#include "web/web.h"

int list_staff_home(struct web_req *rq, struct web_resp *rs, struct err *e);
int list_staff_get(struct web_req *rq, struct web_resp *rs, struct err *e);
int list_staff_post(struct web_req *rq, struct web_resp *rs, struct err *e);

#define ERRS 5
struct form_errs {
	struct web_field_error errs[ERRS];
	char msg[ERRS][1024];
	int n;
};

static void add_err(struct form_errs *f, const char *field, const char *msg)
{
	if (f->n >= ERRS)
		return;
	snprintf(f->msg[f->n], sizeof f->msg[0], "%s", msg);
	f->errs[f->n].field_id = field;
	f->errs[f->n].message = f->msg[f->n];
	f->n++;
}

/* The message of e as a sentence for a page: its first letter capitalised. */
static void sentence(char *out, size_t n, const char *msg)
{
	snprintf(out, n, "%s", msg);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

/* Text with its line breaks kept: each line escaped, <br> between. */
static void lines(struct web_resp *rs, const char *text)
{
	const char *p = text, *nl;
	struct buf b = BUF_INIT;
	while (*p) {
		nl = strchr(p, '\n');
		buf_reset(&b);
		buf_append(&b, p, nl ? (size_t)(nl - p) : strlen(p));
		if (b.len && buf_str(&b)[b.len - 1] == '\r')
			b.len--;
		web_printf(rs, "%s", buf_str(&b));
		if (!nl)
			break;
		web_raw(rs, "<br>\n");
		p = nl + 1;
	}
	buf_free(&b);
}

static void count_cell(struct web_resp *rs, int64_t n)
{
	char c[32];
	str_count(c, (long long)n);
	web_printf(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>", c);
}

/* ---- GET /network/lists ---------------------------------------------------*/

int list_staff_home(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct list_info *ls = NULL;
	size_t n = 0, i;
	int rc = list_all(rq->db, 0, &ls, &n, e);
	if (rc < 0)
		return rc;
	web_page_begin(rq, rs, "Mailing lists", SEC_LISTS);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Mailing lists</h1>\n"
		    "<p class=\"govuk-body\">The staff network's mailing lists. People join from the "
		    "public sign-up page and confirm from a link in a message (double opt-in); every "
		    "message has a link to leave.</p>\n"
		    "<a href=\"/network/lists/new\" role=\"button\" draggable=\"false\" "
		    "class=\"govuk-button\" data-module=\"govuk-button\">Make a list</a>\n");
	if (!n) {
		web_raw(rs, "<div class=\"govuk-inset-text\">There are no mailing lists yet.</div>\n");
	} else {
		web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
			    "aria-label=\"Mailing lists\">\n<table class=\"govuk-table\">\n"
			    "<caption class=\"govuk-table__caption govuk-visually-hidden\">Mailing "
			    "lists</caption>\n<thead class=\"govuk-table__head\"><tr "
			    "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">"
			    "List</th><th scope=\"col\" class=\"govuk-table__header "
			    "govuk-table__header--numeric\">Subscribed</th><th scope=\"col\" "
			    "class=\"govuk-table__header govuk-table__header--numeric\">Waiting to "
			    "confirm</th><th scope=\"col\" class=\"govuk-table__header "
			    "govuk-table__header--numeric\">Paused by bounces</th></tr></thead>\n"
			    "<tbody class=\"govuk-table__body\">\n");
		for (i = 0; i < n; i++) {
			web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
				       "<a class=\"govuk-link\" href=\"/network/lists/%s\">%s</a>%s</td>",
				   ls[i].slug, ls[i].name, ls[i].public ? "" : " (private)");
			count_cell(rs, ls[i].n_subscribed);
			count_cell(rs, ls[i].n_pending);
			count_cell(rs, ls[i].n_disabled);
			web_raw(rs, "</tr>\n");
		}
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
	}
	web_page_end(rq, rs);
	free(ls);
	return 0;
}

/* ---- making a list --------------------------------------------------------*/

static void new_form(struct web_req *rq, struct web_resp *rs, const struct form_errs *f)
{
	const char *pub = web_param(rq, "public");
	static const struct web_choice who[] = {
		{"yes", "Anyone, from a public sign-up page", "People confirm by email before they "
							      "are subscribed."},
		{"no", "Only people added by the network", NULL},
	};
	if (f->n)
		rs->status = 400;
	web_page_begin(rq, rs, f->n ? "Error: Make a mailing list" : "Make a mailing list", SEC_LISTS);
	web_raw(rs, "<a href=\"/network/lists\" class=\"govuk-back-link\">Mailing lists</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, f->errs, f->n);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Make a mailing list</h1>\n"
		    "<form method=\"post\" action=\"/network/lists/new\" novalidate>\n");
	web_csrf_field(rq, rs);
	{
		struct web_field fl = {"name", NULL, "Name", "What subscribers see, like Staff network "
							     "news", web_param(rq, "name"), NULL, NULL};
		web_input(rs, &fl, "text", f->errs, f->n);
	}
	{
		struct web_field fl = {"slug", NULL, "Short name for web addresses",
				       "Lowercase letters, numbers and hyphens, like staff-news. It "
				       "cannot be changed later.",
				       web_param(rq, "slug"), "govuk-input--width-20",
				       "spellcheck=\"false\""};
		web_input(rs, &fl, "text", f->errs, f->n);
	}
	{
		struct web_field fl = {"description", NULL, "What the list is for (optional)",
				       "Shown on the sign-up page.", web_param(rq, "description"),
				       NULL, NULL};
		web_textarea(rs, &fl, 3, f->errs, f->n);
	}
	{
		struct web_field fl = {"owner", NULL, "Owner's email address (optional)",
				       "We tell the owner when messages to a subscriber keep bouncing.",
				       web_param(rq, "owner"), NULL,
				       "autocomplete=\"email\" spellcheck=\"false\""};
		web_input(rs, &fl, "email", f->errs, f->n);
	}
	{
		struct web_field fl = {"public", NULL, "Who can join?", NULL, pub ? pub : "yes", NULL,
				       NULL};
		web_radios(rs, &fl, who, 2, 0, f->errs, f->n);
	}
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Make list</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
}

static int new_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *name = web_param(rq, "name"), *slug = web_param(rq, "slug"),
		   *desc = web_param(rq, "description"), *owner = web_param(rq, "owner"),
		   *pub = web_param(rq, "public");
	struct form_errs f = {0};
	struct err fe = {0};
	char to[80], msg[1024];
	int rc;
	if (!name || str_blank(name))
		add_err(&f, "name", "Enter the list's name");
	else if (strlen(name) > LIST_NAME_MAX || strpbrk(name, "\r\n"))
		add_err(&f, "name", "The name must be one line of 120 characters or fewer");
	if (!slug || str_blank(slug))
		add_err(&f, "slug", "Enter a short name for web addresses");
	else if (list_slug_ok(slug, NULL) < 0)
		add_err(&f, "slug", "The short name must be 2 to 40 lowercase letters, numbers and "
				    "hyphens, starting with a letter");
	if (desc && strlen(desc) > LIST_DESC_MAX)
		add_err(&f, "description", "What the list is for must be 1,000 characters or fewer");
	if (owner && *owner && mail_address_ok(owner, &fe) < 0)
		add_err(&f, "owner", "Enter the owner's email address in the correct format, like "
				     "name@example.org");
	if (!pub || (strcmp(pub, "yes") && strcmp(pub, "no")))
		add_err(&f, "public", "Select who can join");
	if (f.n) {
		new_form(rq, rs, &f);
		return 0;
	}
	if (desc) /* one line on the sign-up page */
		str_squeeze((char *)desc);
	if ((rc = web_begin(rq, rs, CAP_MAILING, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = list_create(rq->db, slug, name, owner, desc, !strcmp(pub, "yes"), rq->user->name, &fe);
	if (rc == ERR_DATA) {
		store_rollback(rq->db);
		sentence(msg, sizeof msg, fe.msg);
		add_err(&f, strstr(fe.msg, "short name") ? "slug" : "name", msg);
		new_form(rq, rs, &f);
		return 0;
	}
	if (rc < 0 || (rc = web_audit(rq, "list.create", slug, NULL, name, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		if (rc < 0 && !e->code)
			err_set(e, rc, "%s", fe.msg);
		store_rollback(rq->db);
		return rc;
	}
	snprintf(msg, sizeof msg, "Made the mailing list %s.", name);
	web_flash(rq, msg);
	snprintf(to, sizeof to, "/network/lists/%s", slug);
	web_redirect(rs, to);
	return 0;
}

/* ---- GET /network/lists/SLUG ----------------------------------------------*/

static const char *status_tag(const char *status)
{
	if (!strcmp(status, "subscribed"))
		return "<strong class=\"govuk-tag govuk-tag--green\">Subscribed</strong>";
	if (!strcmp(status, "pending"))
		return "<strong class=\"govuk-tag govuk-tag--yellow\">Waiting to confirm</strong>";
	if (!strcmp(status, "disabled"))
		return "<strong class=\"govuk-tag govuk-tag--red\">Paused by bounces</strong>";
	return "<strong class=\"govuk-tag govuk-tag--grey\">Unsubscribed</strong>";
}

static int list_page(struct web_req *rq, struct web_resp *rs, const struct list_info *l,
		     struct err *e)
{
	const char *q = web_param(rq, "q");
	struct buf pat = BUF_INIT, base = BUF_INIT;
	store_stmt_t *st = NULL;
	int64_t total = 0;
	long page, n_pages;
	char c1[32], c2[32], c3[32], c4[32], when[32];
	struct date d = {0, 0, 0};
	const char *p;
	int rc;
	if (q && strlen(q) > 200)
		return err_set(e, ERR_DATA, "The search must be 200 characters or fewer.");
	buf_putc(&pat, '%');
	for (p = q ? q : ""; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_putc(&pat, '\\');
		buf_putc(&pat, *p);
	}
	buf_putc(&pat, '%');
	if ((rc = store_query_int(rq->db, &total, e,
				  "SELECT COUNT(*) FROM net_sub WHERE list_id = ? AND (email LIKE ? "
				  "ESCAPE '\\' OR name LIKE ? ESCAPE '\\')",
				  "itt", l->id, buf_str(&pat), buf_str(&pat))) < 0)
		goto done;
	page = web_page_param(rq, (long)total, WEB_PAGE_ROWS, &n_pages);
	web_page_begin(rq, rs, l->name, SEC_LISTS);
	web_printf(rs, "<a href=\"/network/lists\" class=\"govuk-back-link\">Mailing lists</a>\n"
		       "<h1 class=\"govuk-heading-l\">%s</h1>\n",
		   l->name);
	if (l->description[0])
		web_printf(rs, "<p class=\"govuk-body\">%s</p>\n", l->description);
	str_count(c1, (long long)l->n_subscribed);
	str_count(c2, (long long)l->n_pending);
	str_count(c3, (long long)l->n_disabled);
	str_count(c4, (long long)l->n_unsubscribed);
	sscanf(l->created_at, "%d-%d-%d", &d.y, &d.m, &d.d);
	date_long(d, when);
	web_printf(rs, "<dl class=\"govuk-summary-list\">\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "Subscribed</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "Waiting to confirm</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "Paused by bounces</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "Unsubscribed</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "Owner</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "Made</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
		   c1, c2, c3, c4, l->owner[0] ? l->owner : "None", when);
	if (l->public)
		web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt "
			       "class=\"govuk-summary-list__key\">Sign-up page</dt><dd "
			       "class=\"govuk-summary-list__value\"><a class=\"govuk-link\" "
			       "href=\"/lists/%s/subscribe\">The public sign-up page</a></dd></div>\n",
			   l->slug);
	web_raw(rs, "</dl>\n");
	web_printf(rs, "<a href=\"/network/lists/%s/send\" role=\"button\" draggable=\"false\" "
		       "class=\"govuk-button\" data-module=\"govuk-button\">Send a message</a>\n"
		       "<h2 class=\"govuk-heading-m\">Subscribers</h2>\n"
		       "<form method=\"get\" action=\"/network/lists/%s\" class=\"govuk-!-margin-bottom-6\">\n"
		       "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"q\">Search "
		       "by email address or name</label>\n<input class=\"govuk-input "
		       "govuk-!-width-one-half\" id=\"q\" name=\"q\" type=\"search\" value=\"%s\" "
		       "spellcheck=\"false\"></div>\n<button type=\"submit\" class=\"govuk-button "
		       "govuk-button--secondary\" data-module=\"govuk-button\">Search</button>\n"
		       "</form>\n",
		   l->slug, l->slug, q ? q : "");
	if (!total) {
		web_raw(rs, q && *q ? "<p class=\"govuk-body\">No subscriber matches.</p>\n"
				    : "<p class=\"govuk-body\">No one has subscribed yet.</p>\n");
		web_page_end(rq, rs);
		goto done;
	}
	str_count(c1, (long long)total);
	web_printf(rs, "<p class=\"govuk-body\">%s %s.</p>\n", c1,
		   total == 1 ? "subscriber" : "subscribers");
	web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		    "aria-label=\"Subscribers\">\n<table class=\"govuk-table\">\n"
		    "<caption class=\"govuk-table__caption govuk-visually-hidden\">Subscribers"
		    "</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Email address</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Name</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Status</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		    "Bounce score</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	if ((rc = store_prepare(rq->db, &st, e,
				"SELECT email, name, status, bounce_score FROM net_sub WHERE list_id = "
				"? AND (email LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\') ORDER BY "
				"email LIMIT ? OFFSET ?",
				"ittii", l->id, buf_str(&pat), buf_str(&pat), (int64_t)WEB_PAGE_ROWS,
				(int64_t)(page - 1) * WEB_PAGE_ROWS)) < 0)
		goto done;
	while ((rc = store_step(st, e)) == 1) {
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
			       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">",
			   store_col_text(st, 0), store_col_text(st, 1));
		web_raw(rs, status_tag(store_col_text(st, 2)));
		web_printf(rs, "</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">%.1f"
			       "</td></tr>\n",
			   store_col_double(st, 3));
	}
	if (rc < 0)
		goto done;
	rc = 0;
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
	buf_printf(&base, "/network/lists/%s?", l->slug);
	if (q && *q) {
		buf_puts(&base, "q=");
		web_urlenc(&base, q);
		buf_putc(&base, '&');
	}
	web_pagination(rs, buf_str(&base), page, n_pages);
	web_page_end(rq, rs);
done:
	store_done(st);
	buf_free(&pat);
	buf_free(&base);
	return rc;
}

/* ---- sending --------------------------------------------------------------*/

static void compose_form(struct web_req *rq, struct web_resp *rs, const struct list_info *l,
			 const struct form_errs *f)
{
	char action[96];
	if (f->n)
		rs->status = 400;
	web_page_begin(rq, rs, f->n ? "Error: Send a message" : "Send a message", SEC_LISTS);
	web_printf(rs, "<a href=\"/network/lists/%s\" class=\"govuk-back-link\">%s</a>\n",
		   l->slug, l->name);
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, f->errs, f->n);
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n"
		       "<h1 class=\"govuk-heading-l\">Send a message</h1>\n",
		   l->name);
	snprintf(action, sizeof action, "/network/lists/%s/preview", l->slug);
	web_printf(rs, "<form method=\"post\" action=\"%s\" novalidate>\n", action);
	web_csrf_field(rq, rs);
	{
		struct web_field fl = {"subject", NULL, "Subject", NULL, web_param(rq, "subject"),
				       NULL, NULL};
		web_input(rs, &fl, "text", f->errs, f->n);
	}
	{
		struct web_field fl = {"text", NULL, "Message",
				       "Plain text. A line with a link to unsubscribe is added at the "
				       "end.",
				       web_param(rq, "text"), NULL, NULL};
		web_textarea(rs, &fl, 12, f->errs, f->n);
	}
	{
		struct web_field fl = {"html", NULL, "HTML version (optional)",
				       "For mail programs that show formatted messages. Leave it empty "
				       "to send text only.",
				       web_param(rq, "html"), NULL, "spellcheck=\"false\""};
		web_textarea(rs, &fl, 8, f->errs, f->n);
	}
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Preview the message</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
}

/* The message's fields checked into f. */
static void post_check(struct web_req *rq, struct form_errs *f)
{
	const char *subject = web_param(rq, "subject"), *text = web_param(rq, "text"),
		   *html = web_param(rq, "html");
	int cut = 0;
	if (!subject || str_blank(subject))
		add_err(f, "subject", "Enter a subject");
	else if (strpbrk(subject, "\r\n") || (str_utf8_prefix(subject, 200, &cut), cut))
		add_err(f, "subject", "The subject must be one line of 200 characters or fewer");
	if (!text || str_blank(text))
		add_err(f, "text", "Enter the message");
	else if (strlen(text) > 1000000)
		add_err(f, "text", "The message must be at most 1,000,000 characters");
	if (html && strlen(html) > 2000000)
		add_err(f, "html", "The HTML version must be at most 2,000,000 characters");
}

static void hidden(struct web_resp *rs, const char *name, const char *value)
{
	web_printf(rs, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, value ? value : "");
}

static int preview(struct web_req *rq, struct web_resp *rs, const struct list_info *l,
		   const char *problem, struct err *e)
{
	const char *subject = web_param(rq, "subject"), *text = web_param(rq, "text"),
		   *html = web_param(rq, "html");
	struct form_errs f = {0};
	struct mail_settings s;
	struct list_post p;
	struct err me = {0};
	store_stmt_t *st;
	char email[320] = "subscriber@example.org", name[256] = "", salt[NET_TOKEN_HEX + 1] = "x",
	     tok[LIST_UTOKEN_MAX + 1], n1[32];
	int64_t id = 0;
	int rc, configured;
	post_check(rq, &f);
	if (f.n) {
		compose_form(rq, rs, l, &f);
		return 0;
	}
	if (html && str_blank(html))
		html = NULL;
	configured = mail_settings_get(rq->db, &s, &me) == 0;
	if (!configured) { /* show the message even so, with an example site */
		memset(&s, 0, sizeof s);
		snprintf(s.site_url, sizeof s.site_url, "https://parity.example.org");
		snprintf(s.from, sizeof s.from, "network@example.org");
	}
	/* the first subscriber's own message, as they will get it */
	if ((rc = store_prepare(rq->db, &st, e,
				"SELECT id, email, name, salt FROM net_sub WHERE list_id = ? AND status "
				"= 'subscribed' ORDER BY id LIMIT 1",
				"i", l->id)) < 0)
		return rc;
	if ((rc = store_step(st, e)) == 1) {
		id = store_col_int(st, 0);
		snprintf(email, sizeof email, "%s", store_col_text(st, 1));
		snprintf(name, sizeof name, "%s", store_col_text(st, 2));
		snprintf(salt, sizeof salt, "%s", store_col_text(st, 3));
	}
	store_done(st);
	if (rc < 0)
		return rc;
	/* Each copy's link holds that subscriber's own secret: the preview
	 * shows where it goes, not the secret itself. */
	(void)salt;
	snprintf(tok, sizeof tok, "their-own-secret");
	memset(&p, 0, sizeof p);
	list_post_fill(&p, &s, l, subject, text, html, email, name, id, tok);
	str_count(n1, (long long)l->n_subscribed);
	web_page_begin(rq, rs, problem ? "Error: Check the message" : "Check the message", SEC_LISTS);
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (problem) {
		struct web_field_error pe = {"send", problem};
		web_error_summary(rs, &pe, 1);
	} else if (!configured) {
		web_raw(rs, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
			    "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
			    "<span class=\"govuk-visually-hidden\">Warning</span> This site cannot send "
			    "email yet: an administrator must set it up first. The preview uses an "
			    "example address.</strong></div>\n");
	}
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n"
		       "<h1 class=\"govuk-heading-l\">Check the message</h1>\n"
		       "<p class=\"govuk-body\">This is exactly what %s will receive, %s the first "
		       "subscriber. Each subscriber gets their own copy, addressed to them, with "
		       "their own link to unsubscribe.</p>\n",
		   l->name, id ? email : "a subscriber", id ? "as" : "like");
	web_printf(rs, "<dl class=\"govuk-summary-list\">\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "From</dt><dd class=\"govuk-summary-list__value\">%s%s%s%s</dd></div>\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "To</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "Subject</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "List</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "Leaving the list</dt><dd class=\"govuk-summary-list__value\">One click in "
		       "the mail program, a reply to the unsubscribe address, or the link at the "
		       "end</dd></div>\n</dl>\n",
		   s.from_name, s.from_name[0] ? " <" : "", s.from, s.from_name[0] ? ">" : "", email,
		   subject, buf_str(&p.list_id));
	web_raw(rs, "<h2 class=\"govuk-heading-m\">The message</h2>\n<div class=\"govuk-inset-text "
		    "parity-message\" id=\"message-text\">");
	lines(rs, buf_str(&p.text));
	web_raw(rs, "</div>\n");
	if (html) {
		web_raw(rs, "<h2 class=\"govuk-heading-m\">The HTML version, as written</h2>\n"
			    "<p class=\"govuk-body\">Mail programs that show formatted messages show "
			    "this instead. Its markup is shown here as text.</p>\n"
			    "<div class=\"govuk-inset-text parity-message\" id=\"message-html\">");
		lines(rs, buf_str(&p.html));
		web_raw(rs, "</div>\n");
	}
	web_printf(rs, "<form method=\"post\" action=\"/network/lists/%s/send\" id=\"send\">\n",
		   l->slug);
	web_csrf_field(rq, rs);
	hidden(rs, "subject", subject);
	hidden(rs, "text", text);
	hidden(rs, "html", html);
	web_printf(rs, "<input type=\"hidden\" name=\"count\" value=\"%lld\">\n",
		   (long long)l->n_subscribed);
	web_printf(rs, "<div class=\"govuk-button-group\">\n<button type=\"submit\" "
		       "class=\"govuk-button\" data-module=\"govuk-button\">Send to %s %s</button>\n"
		       "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
		       "data-module=\"govuk-button\" formaction=\"/network/lists/%s/compose\">Change "
		       "the message</button>\n</div>\n</form>\n</div></div>\n",
		   n1, l->n_subscribed == 1 ? "subscriber" : "subscribers", l->slug);
	web_page_end(rq, rs);
	list_post_free(&p);
	return 0;
}

static int send_post(struct web_req *rq, struct web_resp *rs, const struct list_info *l,
		     struct err *e)
{
	const char *subject = web_param(rq, "subject"), *text = web_param(rq, "text"),
		   *html = web_param(rq, "html");
	struct form_errs f = {0};
	struct mail_settings s;
	struct err me = {0};
	char to[96], msg[400], n1[32];
	json_t *j;
	char *js;
	int64_t n = 0;
	int rc;
	post_check(rq, &f);
	if (f.n) {
		compose_form(rq, rs, l, &f);
		return 0;
	}
	if (html && str_blank(html))
		html = NULL;
	if (!l->n_subscribed)
		return preview(rq, rs, l, "No one is subscribed yet, so there is no one to send to.", e);
	if ((rc = web_begin(rq, rs, CAP_MAILING, e)) != 0)
		return rc < 0 ? rc : 0;
	if (mail_settings_get(rq->db, &s, &me) < 0) {
		store_rollback(rq->db);
		return preview(rq, rs, l, "This site cannot send email yet. Ask an administrator to "
					  "set up mail, then send the message.", e);
	}
	if ((rc = list_send(rq->db, &s, l, subject, text, html, 0, &n, e)) < 0)
		goto fail;
	j = json_pack("{s:s,s:I,s:b}", "subject", subject, "messages", (json_int_t)n, "html",
		      html != NULL);
	js = j ? json_dumps(j, JSON_SORT_KEYS) : NULL;
	json_decref(j);
	rc = web_audit(rq, "list.send", l->slug, NULL, js, e);
	free(js);
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0)
		goto fail;
	str_count(n1, (long long)n);
	snprintf(msg, sizeof msg, "Queued the message to %s %s. They are sent over the next few "
				  "minutes.",
		 n1, n == 1 ? "subscriber" : "subscribers");
	web_flash(rq, msg);
	snprintf(to, sizeof to, "/network/lists/%s", l->slug);
	web_redirect(rs, to);
	return 0;
fail:
	store_rollback(rq->db);
	return rc;
}

/* ---- dispatch -------------------------------------------------------------*/

static int staff_list(struct web_req *rq, char slug[LIST_SLUG_MAX + 1], const char **rest,
		      struct list_info *l, struct err *e)
{
	const char *arg = rq->arg, *slash = strchr(arg, '/');
	size_t n = slash ? (size_t)(slash - arg) : strlen(arg);
	struct err e2 = {0};
	int rc;
	if (n == 0 || n > LIST_SLUG_MAX)
		return err_set(e, ERR_NOTFOUND, "There is no mailing list at this address.");
	memcpy(slug, arg, n);
	slug[n] = '\0';
	*rest = slash ? slash + 1 : "";
	rc = list_slug_ok(slug, NULL) < 0 ? ERR_NOTFOUND : list_get(rq->db, slug, l, &e2);
	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "There is no mailing list at this address. The "
			       "mailing lists page lists them all.");
	if (rc < 0)
		return err_set(e, rc, "%s", e2.msg);
	return 0;
}

int list_staff_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	char slug[LIST_SLUG_MAX + 1];
	const char *rest;
	struct list_info l;
	int rc;
	if (!strcmp(rq->arg, "new")) {
		struct form_errs f = {0};
		new_form(rq, rs, &f);
		return 0;
	}
	if ((rc = staff_list(rq, slug, &rest, &l, e)) < 0)
		return rc;
	if (!*rest)
		return list_page(rq, rs, &l, e);
	if (!strcmp(rest, "send")) {
		struct form_errs f = {0};
		compose_form(rq, rs, &l, &f);
		return 0;
	}
	return err_set(e, ERR_NOTFOUND, "There is no page at this address.");
}

int list_staff_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	char slug[LIST_SLUG_MAX + 1];
	const char *rest;
	struct list_info l;
	int rc;
	if (!strcmp(rq->arg, "new"))
		return new_post(rq, rs, e);
	if ((rc = staff_list(rq, slug, &rest, &l, e)) < 0)
		return rc;
	if (!strcmp(rest, "preview"))
		return preview(rq, rs, &l, NULL, e);
	if (!strcmp(rest, "compose")) {
		struct form_errs f = {0};
		compose_form(rq, rs, &l, &f);
		return 0;
	}
	if (!strcmp(rest, "send"))
		return send_post(rq, rs, &l, e);
	return err_set(e, ERR_NOTFOUND, "There is no page at this address.");
}
