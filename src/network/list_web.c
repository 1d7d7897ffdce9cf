/*
 * network/list_web.c: the mailing lists on the web, and the list room.
 *
 * Public (no sign-in): /lists (the public lists), /lists/SLUG/subscribe
 * (the sign-up form with the exact consent wording; rate-limited per
 * client address; the same "check your email" page whether or not the
 * address was already subscribed, so the form tells no one who is on a
 * list), /lists/SLUG/confirm?t= (a page with a button: opening the link
 * never confirms, only the button's POST does) and
 * /lists/SLUG/unsubscribe?t= (a page with a button; the POST is RFC 8058
 * one-click: the route has CAP_ONE_CLICK, so a mail program's POST of
 * "List-Unsubscribe=One-Click" with no session or form token is taken,
 * the link's own token authorising it).
 *
 * For accounts with the mailing capability: /network/lists (the lists,
 * and making one), /network/lists/SLUG (subscribers with status and
 * bounce score, searched and paged) and sending a message with a preview
 * of exactly what a subscriber receives before "Send to N subscribers".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/dates.h"
#include "core/str.h"
#include "network/list.h"
#include "web/web.h"

/* ---- shared bits ----------------------------------------------------------*/

/* Split rq->arg "SLUG[/REST]" into slug and rest ("" when none). 0, or
 * ERR_NOTFOUND for a malformed path. */
static int split_arg(const char *arg, char slug[LIST_SLUG_MAX + 1], const char **rest,
		     struct err *e)
{
	const char *slash = strchr(arg, '/');
	size_t n = slash ? (size_t)(slash - arg) : strlen(arg);
	if (n == 0 || n > LIST_SLUG_MAX)
		return err_set(e, ERR_NOTFOUND, "There is no mailing list at this address.");
	memcpy(slug, arg, n);
	slug[n] = '\0';
	*rest = slash ? slash + 1 : "";
	if (list_slug_ok(slug, NULL) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no mailing list at this address.");
	return 0;
}

/* The list a public page names: public lists only. */
static int public_list(struct web_req *rq, const char *slug, struct list_info *l, struct err *e)
{
	struct err e2 = {0};
	int rc = list_get(rq->db, slug, l, &e2);
	if (rc == ERR_NOTFOUND || (rc == 0 && !l->public))
		return err_set(e, ERR_NOTFOUND, "There is no mailing list at this address. The "
			       "mailing lists page lists the ones you can join.");
	if (rc < 0)
		return err_set(e, rc, "%s", e2.msg);
	return 0;
}

/* The form's token is right (a public POST route with CAP_ONE_CLICK is
 * let in without the server's check, so its forms that are not one-click
 * check it here); else the server's 403 page is the answer. */
static int csrf_ok(struct web_req *rq, struct web_resp *rs)
{
	if (web_form_token_ok(rq))
		return 1;
	web_form_refused(rq, rs);
	return 0;
}

static void simple_page(struct web_req *rq, struct web_resp *rs, int status, const char *title,
			const char *body_html)
{
	rs->status = status;
	web_page_begin(rq, rs, title, SEC_NONE);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
	web_raw(rs, body_html);
	web_page_end(rq, rs);
}

/* ---- GET /lists -----------------------------------------------------------*/

static int public_lists(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct list_info *ls = NULL;
	size_t n = 0, i;
	int rc = list_all(rq->db, 1, &ls, &n, e);
	if (rc < 0)
		return rc;
	web_page_begin(rq, rs, "Mailing lists", SEC_NONE);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Mailing lists</h1>\n"
		    "<p class=\"govuk-body\">The staff network's mailing lists. Subscribing takes "
		    "two steps: you give your email address, then press the button in the message we "
		    "send you. Every message has a link to leave the list.</p>\n");
	if (!n)
		web_raw(rs, "<div class=\"govuk-inset-text\">There are no mailing lists to join "
			    "yet.</div>\n");
	for (i = 0; i < n; i++) {
		web_printf(rs, "<h2 class=\"govuk-heading-m\">%s</h2>\n", ls[i].name);
		if (ls[i].description[0])
			web_printf(rs, "<p class=\"govuk-body\">%s</p>\n", ls[i].description);
		web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
			       "href=\"/lists/%s/subscribe\">Subscribe to %s</a></p>\n",
			   ls[i].slug, ls[i].name);
	}
	web_page_end(rq, rs);
	free(ls);
	return 0;
}

/* ---- the sign-up form -----------------------------------------------------*/

static int subscribe_form(struct web_req *rq, struct web_resp *rs, const struct list_info *l,
			  const struct web_field_error *errs, int n_errs, struct err *e)
{
	struct buf wording = BUF_INIT, title = BUF_INIT;
	int64_t wid = 0, version = 0;
	char action[80], wid_s[32];
	int rc = list_wording(rq->db, &wid, &version, &wording, e);
	if (rc < 0)
		return rc;
	buf_printf(&title, "%sSubscribe to %s", n_errs ? "Error: " : "", l->name);
	snprintf(action, sizeof action, "/lists/%s/subscribe", l->slug);
	snprintf(wid_s, sizeof wid_s, "%lld", (long long)wid);
	if (n_errs)
		rs->status = 400;
	web_page_begin(rq, rs, buf_str(&title), SEC_NONE);
	web_raw(rs, "<a href=\"/lists\" class=\"govuk-back-link\">Mailing lists</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">Subscribe to %s</h1>\n", l->name);
	if (l->description[0])
		web_printf(rs, "<p class=\"govuk-body\">%s</p>\n", l->description);
	web_printf(rs, "<form method=\"post\" action=\"%s\" novalidate>\n", action);
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"wording\" value=\"%s\">\n", wid_s);
	{
		struct web_field f = {"email", NULL, "Email address",
				      "We will send a message to this address to check it is yours.",
				      web_param(rq, "email"), NULL,
				      "autocomplete=\"email\" spellcheck=\"false\""};
		web_input(rs, &f, "email", errs, n_errs);
	}
	{
		struct web_field f = {"name", NULL, "Your name (optional)", NULL, web_param(rq, "name"),
				      "govuk-!-width-two-thirds", "autocomplete=\"name\""};
		web_input(rs, &f, "text", errs, n_errs);
	}
	web_raw(rs, "<h2 class=\"govuk-heading-m\">What you agree to</h2>\n");
	web_printf(rs, "<div class=\"govuk-inset-text\" id=\"wording\">%s</div>\n",
		   buf_str(&wording));
	{
		const char *c = web_param(rq, "consent");
		struct web_check box = {"yes", "I agree", c && !strcmp(c, "yes")};
		struct web_field f = {"consent", NULL, "Do you agree?", NULL, NULL, NULL, NULL};
		web_checkboxes(rs, &f, &box, 1, errs, n_errs);
	}
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Subscribe</button>\n</form>\n"
		    "<p class=\"govuk-body\">We keep your email address, your name if you give it, and "
		    "when and how you agreed, only to send you this list. You can leave at any "
		    "time.</p>\n</div></div>\n");
	web_page_end(rq, rs);
	buf_free(&wording);
	buf_free(&title);
	return 0;
}

static int subscribe_post(struct web_req *rq, struct web_resp *rs, const struct list_info *l,
			  struct err *e)
{
	const char *email = web_param(rq, "email"), *name = web_param(rq, "name"),
		   *consent = web_param(rq, "consent"), *wording = web_param(rq, "wording");
	struct web_field_error errs[3];
	struct err fe = {0};
	struct mail_settings s;
	time_t now = net_now();
	long wid = 0;
	int n = 0, rc, outcome = 0;
	char to[80], msg[3][300];
	if (!csrf_ok(rq, rs))
		return 0;
	if ((rc = web_begin(rq, rs, CAP_PUBLIC, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = net_rate_hit(rq->db, "subscribe", rq->remote, LIST_RATE_MAX, LIST_RATE_WINDOW, now, e);
	if (rc < 0)
		goto fail;
	if (rc == 0) {
		char iso[21], when[48];
		struct buf body = BUF_INIT;
		store_rollback(rq->db);
		date_iso_at(now + LIST_RATE_WINDOW, iso);
		date_when_uk(iso, when);
		rs->status = 429;
		web_page_begin(rq, rs, "Too many requests", SEC_NONE);
		web_raw(rs, "<h1 class=\"govuk-heading-l\">Too many requests</h1>\n");
		web_printf(rs, "<p class=\"govuk-body\">There have been too many requests to subscribe "
			       "from your connection. Try again after %s.</p>\n",
			   when);
		web_page_end(rq, rs);
		buf_free(&body);
		return 0;
	}
	if (!email || str_blank(email)) {
		snprintf(msg[n], sizeof msg[n], "Enter your email address");
		errs[n].field_id = "email", errs[n].message = msg[n], n++;
	} else if (mail_address_ok(email, &fe) < 0) {
		snprintf(msg[n], sizeof msg[n], "Enter an email address in the correct format, like "
						 "name@example.org");
		errs[n].field_id = "email", errs[n].message = msg[n], n++;
	}
	if (name && strlen(name) > 100) {
		snprintf(msg[n], sizeof msg[n], "Your name must be 100 characters or fewer");
		errs[n].field_id = "name", errs[n].message = msg[n], n++;
	}
	if (!consent || strcmp(consent, "yes")) {
		snprintf(msg[n], sizeof msg[n], "Select \"I agree\" to subscribe");
		errs[n].field_id = "consent", errs[n].message = msg[n], n++;
	}
	if (n) {
		if ((rc = store_commit(rq->db, e)) < 0) /* the rate hit counts */
			goto fail;
		return subscribe_form(rq, rs, l, errs, n, e);
	}
	if (!mail_configured(rq->db)) {
		store_rollback(rq->db);
		simple_page(rq, rs, 503, "Sign-up is not available just now",
			    "<p class=\"govuk-body\">This site cannot send email yet, so it cannot "
			    "check your address. Try again later.</p>\n");
		return 0;
	}
	if (!wording || str_to_int(wording, 1, 1000000000L, &wid) < 0)
		wid = 0;
	if ((rc = mail_settings_get(rq->db, &s, e)) < 0)
		goto fail;
	rc = list_subscribe(rq->db, &s, l, email, name, (int64_t)wid, "web", 0, now, &outcome, e);
	if (rc == ERR_DATA && wid) /* a wording that is not the mailing list's: the current one */
		rc = (err_clear(e), list_subscribe(rq->db, &s, l, email, name, 0, "web", 0, now,
						   &outcome, e));
	if (rc < 0 ||
	    (rc = web_audit(rq, "list.subscribe", l->slug, NULL,
			    outcome == LIST_SUB_ALREADY ? "already subscribed" : "asked to confirm",
			    e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0)
		goto fail;
	snprintf(to, sizeof to, "/lists/%s/check-email", l->slug);
	web_redirect(rs, to);
	return 0;
fail:
	store_rollback(rq->db);
	return rc;
}

static void check_email_page(struct web_req *rq, struct web_resp *rs, const struct list_info *l)
{
	web_page_begin(rq, rs, "Check your email", SEC_NONE);
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		    "<h1 class=\"govuk-heading-l\">Check your email</h1>\n");
	web_printf(rs, "<p class=\"govuk-body\">If that address can join %s, we have sent it a "
		       "message. Open the link in it and press the button on the page to confirm "
		       "your subscription.</p>\n",
		   l->name);
	web_raw(rs, "<p class=\"govuk-body\">The link works for 7 days. If no message arrives, "
		    "check your junk or spam folder.</p>\n</div></div>\n");
	web_page_end(rq, rs);
}

/* ---- confirming -----------------------------------------------------------*/

static void link_dead_page(struct web_req *rq, struct web_resp *rs, const struct list_info *l,
			   int expired)
{
	rs->status = expired ? 410 : 404;
	web_page_begin(rq, rs, expired ? "This link has expired" : "This link does not work",
		       SEC_NONE);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">%s</h1>\n",
		   expired ? "This link has expired" : "This link does not work");
	web_printf(rs, "<p class=\"govuk-body\">A link to confirm a subscription to %s works once, "
		       "for 7 days. %s</p>\n",
		   l->name,
		   expired ? "This one is older than that." : "This one has been used or was not "
							      "copied whole.");
	web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/lists/%s/subscribe\">"
		       "Subscribe again</a></p>\n",
		   l->slug);
	web_page_end(rq, rs);
}

static int confirm_page(struct web_req *rq, struct web_resp *rs, const struct list_info *l,
			struct err *e)
{
	const char *t = web_param(rq, "t");
	int state = 0, rc = list_confirm_state(rq->db, l, t, net_now(), &state, e);
	char disabled = 0;
	if (rc < 0)
		return rc;
	if (state != LIST_TOKEN_OK) {
		link_dead_page(rq, rs, l, state == LIST_TOKEN_EXPIRED);
		return 0;
	}
	{
		char hash[NET_TOKEN_HEX + 1];
		int64_t n = 0;
		net_token_hash(t, hash);
		if ((rc = store_query_int(rq->db, &n, e,
					  "SELECT COUNT(*) FROM net_sub WHERE confirm_hash = ? AND "
					  "status = 'disabled'",
					  "t", hash)) < 0)
			return rc;
		disabled = n > 0;
	}
	web_page_begin(rq, rs, disabled ? "Start getting the list again" : "Confirm your subscription",
		       SEC_NONE);
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (disabled)
		web_printf(rs, "<h1 class=\"govuk-heading-l\">Start getting %s again</h1>\n"
			       "<p class=\"govuk-body\">Messages to your address were bouncing, so we "
			       "stopped sending them. If your address works again, press the "
			       "button.</p>\n",
			   l->name);
	else
		web_printf(rs, "<h1 class=\"govuk-heading-l\">Confirm your subscription to %s</h1>\n"
			       "<p class=\"govuk-body\">Press the button to start getting the list's "
			       "messages. If you did not ask to subscribe, close this page: nothing "
			       "will happen.</p>\n",
			   l->name);
	web_printf(rs, "<form method=\"post\" action=\"/lists/%s/confirm\">\n", l->slug);
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"t\" value=\"%s\">\n"
		       "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		       "%s</button>\n</form>\n</div></div>\n",
		   t, disabled ? "Start again" : "Confirm subscription");
	web_page_end(rq, rs);
	return 0;
}

static int confirm_post(struct web_req *rq, struct web_resp *rs, const struct list_info *l,
			struct err *e)
{
	int state = 0, rc;
	if (!csrf_ok(rq, rs))
		return 0;
	if ((rc = web_begin(rq, rs, CAP_PUBLIC, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = list_confirm(rq->db, l, web_param(rq, "t"), net_now(), &state, e)) < 0 ||
	    (state == LIST_TOKEN_OK &&
	     (rc = web_audit(rq, "list.confirm", l->slug, NULL, NULL, e)) < 0) ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	if (state != LIST_TOKEN_OK) {
		link_dead_page(rq, rs, l, state == LIST_TOKEN_EXPIRED);
		return 0;
	}
	web_page_begin(rq, rs, "You are subscribed", SEC_NONE);
	web_raw(rs, "<div class=\"govuk-panel govuk-panel--confirmation\">\n"
		    "<h1 class=\"govuk-panel__title\">You are subscribed</h1>\n");
	web_printf(rs, "<div class=\"govuk-panel__body\">to %s</div>\n</div>\n", l->name);
	web_raw(rs, "<p class=\"govuk-body\">Every message has a link at the end to leave the "
		    "list.</p>\n");
	web_page_end(rq, rs);
	return 0;
}

/* ---- unsubscribing (RFC 8058) ---------------------------------------------*/

static int unsubscribe_page(struct web_req *rq, struct web_resp *rs, const struct list_info *l,
			    struct err *e)
{
	const char *t = web_param(rq, "t");
	struct buf action = BUF_INIT;
	int ok = 0, rc = list_utoken_valid(rq->db, l, t, &ok, e);
	if (rc < 0)
		return rc;
	if (!ok) {
		simple_page(rq, rs, 404, "This link does not work",
			    "<p class=\"govuk-body\">The link to leave the list was not copied whole. "
			    "Use the link at the end of a message from the list.</p>\n");
		return 0;
	}
	buf_printf(&action, "/lists/%s/unsubscribe?t=", l->slug);
	web_urlenc(&action, t);
	web_page_begin(rq, rs, "Unsubscribe", SEC_NONE);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">Unsubscribe from %s</h1>\n"
		       "<p class=\"govuk-body\">Press the button and we will stop sending you the "
		       "list's messages.</p>\n"
		       "<form method=\"post\" action=\"%s\">\n"
		       "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\n"
		       "<input type=\"hidden\" name=\"via\" value=\"page\">\n"
		       "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
		       "data-module=\"govuk-button\">Unsubscribe</button>\n</form>\n",
		   l->name, buf_str(&action));
	web_page_end(rq, rs);
	buf_free(&action);
	return 0;
}

static int unsubscribe_post(struct web_req *rq, struct web_resp *rs, const struct list_info *l,
			    struct err *e)
{
	const char *one = web_param(rq, "List-Unsubscribe"), *via = web_param(rq, "via");
	int done = 0, rc;
	if (!one || strcmp(one, "One-Click")) {
		simple_page(rq, rs, 400, "There is a problem with the request",
			    "<p class=\"govuk-body\">Use the button on the page the link opens.</p>\n");
		return 0;
	}
	if ((rc = web_begin(rq, rs, CAP_PUBLIC, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = list_unsubscribe_token(rq->db, l, web_param(rq, "t"),
					 via && !strcmp(via, "page") ? "web" : "one-click", net_now(),
					 &done, e)) < 0 ||
	    (done && (rc = web_audit(rq, "list.unsubscribe", l->slug, NULL, NULL, e)) < 0) ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	if (!done) {
		simple_page(rq, rs, 404, "This link does not work",
			    "<p class=\"govuk-body\">The link to leave the list was not copied whole. "
			    "Use the link at the end of a message from the list.</p>\n");
		return 0;
	}
	web_page_begin(rq, rs, "You are unsubscribed", SEC_NONE);
	web_raw(rs, "<div class=\"govuk-panel govuk-panel--confirmation\">\n"
		    "<h1 class=\"govuk-panel__title\">You are unsubscribed</h1>\n");
	web_printf(rs, "<div class=\"govuk-panel__body\">from %s</div>\n</div>\n", l->name);
	web_printf(rs, "<p class=\"govuk-body\">We will not send you the list's messages again. "
		       "Changed your mind? <a class=\"govuk-link\" href=\"/lists/%s/subscribe\">"
		       "Subscribe again</a>.</p>\n",
		   l->slug);
	web_page_end(rq, rs);
	return 0;
}

/* ---- public dispatch ------------------------------------------------------*/

static int public_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	char slug[LIST_SLUG_MAX + 1], to[80];
	const char *rest;
	struct list_info l;
	int rc;
	if ((rc = split_arg(rq->arg, slug, &rest, e)) < 0 || (rc = public_list(rq, slug, &l, e)) < 0)
		return rc;
	if (!*rest) {
		snprintf(to, sizeof to, "/lists/%s/subscribe", slug);
		web_redirect(rs, to);
		return 0;
	}
	if (!strcmp(rest, "subscribe"))
		return subscribe_form(rq, rs, &l, NULL, 0, e);
	if (!strcmp(rest, "check-email")) {
		check_email_page(rq, rs, &l);
		return 0;
	}
	if (!strcmp(rest, "confirm"))
		return confirm_page(rq, rs, &l, e);
	if (!strcmp(rest, "unsubscribe"))
		return unsubscribe_page(rq, rs, &l, e);
	return err_set(e, ERR_NOTFOUND, "There is no page at this address.");
}

/* Confirm and unsubscribe links work for private lists too: their
 * tokens say who may use them. */
static int any_list(struct web_req *rq, const char *slug, struct list_info *l, struct err *e)
{
	struct err e2 = {0};
	int rc = list_get(rq->db, slug, l, &e2);
	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "There is no mailing list at this address.");
	if (rc < 0)
		return err_set(e, rc, "%s", e2.msg);
	return 0;
}

static int public_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	char slug[LIST_SLUG_MAX + 1];
	const char *rest;
	struct list_info l;
	int rc;
	if ((rc = split_arg(rq->arg, slug, &rest, e)) < 0)
		return rc;
	if (!strcmp(rest, "subscribe"))
		return (rc = public_list(rq, slug, &l, e)) < 0 ? rc : subscribe_post(rq, rs, &l, e);
	if ((rc = any_list(rq, slug, &l, e)) < 0)
		return rc;
	if (!strcmp(rest, "confirm"))
		return confirm_post(rq, rs, &l, e);
	if (!strcmp(rest, "unsubscribe"))
		return unsubscribe_post(rq, rs, &l, e);
	return err_set(e, ERR_NOTFOUND, "There is no page at this address.");
}

static int private_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	char slug[LIST_SLUG_MAX + 1];
	const char *rest;
	struct list_info l;
	int rc;
	if ((rc = split_arg(rq->arg, slug, &rest, e)) < 0 || (rc = any_list(rq, slug, &l, e)) < 0)
		return rc;
	if (!strcmp(rest, "confirm"))
		return confirm_page(rq, rs, &l, e);
	if (!strcmp(rest, "unsubscribe"))
		return unsubscribe_page(rq, rs, &l, e);
	return public_get(rq, rs, e);
}

/* The staff pages (list_staff.c). */
int list_staff_home(struct web_req *rq, struct web_resp *rs, struct err *e);
int list_staff_get(struct web_req *rq, struct web_resp *rs, struct err *e);
int list_staff_post(struct web_req *rq, struct web_resp *rs, struct err *e);

static const struct web_route list_pages[] = {
	{"GET", "/lists", CAP_PUBLIC, public_lists},
	{"GET", "/lists/*", CAP_PUBLIC, private_get},
	{"POST", "/lists/*", CAP_PUBLIC | CAP_ONE_CLICK, public_post},
	{"GET", "/network/lists", CAP_MAILING, list_staff_home},
	{"GET", "/network/lists/*", CAP_MAILING, list_staff_get},
	{"POST", "/network/lists/*", CAP_MAILING, list_staff_post},
};

static const struct web_nav list_nav[] = {
	{70, SEC_LISTS, CAP_MAILING, "/network/lists", "Mailing lists"},
};

static const struct web_audit_word list_audit_words[] = {
	{"list.confirm", "Confirmed a subscription to a mailing list (from the emailed link)"},
	{"list.create", "Made a mailing list"},
	{"list.send", "Sent a message to a mailing list"},
	{"list.subscribe", "Asked to subscribe to a mailing list (public form)"},
	{"list.unsubscribe", "Unsubscribed from a mailing list (from a link in a message)"},
};

extern const struct cli_command list_commands[];

const struct room list_room = {
	"lists",
	list_commands,
	list_pages,
	sizeof list_pages / sizeof list_pages[0],
	list_nav,
	sizeof list_nav / sizeof list_nav[0],
	list_audit_words,
	sizeof list_audit_words / sizeof list_audit_words[0],
};
