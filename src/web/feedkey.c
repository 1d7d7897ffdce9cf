/*
 * web/feedkey.c: calendar feed keys — an address of each account's own
 * (/plan/calendar.ics?key=KEY) that a calendar program can read without
 * signing in, because it cannot.
 *
 * A key is 32 random bytes as 64 hex characters. The database keeps its
 * first 16 characters (the selector, to find the row) and a BLAKE2b hash
 * of the whole key (libsodium's crypto_generichash), which is compared in
 * constant time; a copy of the database gives nobody a working address,
 * so the address is shown once, when it is made. An account has at most
 * one key: "Create a calendar address" makes the first, "Make a new key"
 * replaces it (with an audit entry), and the old
 * address answers 404 from then on. The owner is loaded, enabled and with
 * their capabilities as they are now, on every request: a disabled
 * account's key stops working, and the feed shows what the account may
 * see. The server (server.c) asks web_feed_key_user for routes marked
 * CAP_FEED_KEY and then neither reads nor sets any cookie.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "web/internal.h"

#define SELECTOR_LEN 16
/* Who may have a feed: those who can read the plan, and leads (their own actions). */
#define FEED_CAPS (CAP_READ_PLAN | CAP_UPDATE_OWN_ACTIONS)

static int is_key(const char *s)
{
	size_t i;
	if (!s || strlen(s) != WEB_TOKEN_HEX)
		return 0;
	for (i = 0; i < WEB_TOKEN_HEX; i++)
		if (!strchr("0123456789abcdef", s[i]))
			return 0;
	return 1;
}

int web_feed_key_user(store_t *db, const char *key, struct web_user *u, struct err *e)
{
	char sel[SELECTOR_LEN + 1], hash[WEB_TOKEN_HEX + 1], stored[WEB_TOKEN_HEX + 1] = "", now[21];
	store_stmt_t *st;
	int64_t uid = 0;
	int rc;
	if (!is_key(key))
		return err_set(e, ERR_NOTFOUND, "no such feed key");
	memcpy(sel, key, SELECTOR_LEN);
	sel[SELECTOR_LEN] = '\0';
	web_token_hash(key, hash);
	if (store_prepare(db, &st, e, "SELECT user_id, key_hash FROM feed_key WHERE selector = ?",
			  "t", sel) < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1) {
		uid = store_col_int(st, 0);
		snprintf(stored, sizeof stored, "%s", store_col_text(st, 1));
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	/* the hash of a key sent with an unknown selector is compared too, so
	 * that both answers take the same time */
	if (strlen(stored) != WEB_TOKEN_HEX) {
		memset(stored, '0', WEB_TOKEN_HEX);
		stored[WEB_TOKEN_HEX] = '\0';
	}
	if (sodium_memcmp(stored, hash, WEB_TOKEN_HEX) != 0 || rc != 1)
		return err_set(e, ERR_NOTFOUND, "no such feed key");
	if ((rc = web_user_load(db, uid, NULL, u, e)) < 0)
		return rc == ERR_NOTFOUND ? rc : ERR_DB; /* disabled or gone: not found */
	if (!(u->caps & FEED_CAPS))
		return err_set(e, ERR_NOTFOUND, "no such feed key");
	/* when it was last read, for the account page; never waits for a writer */
	date_now_iso(now);
	if (store_exec_if_free(db, e, "UPDATE feed_key SET used_at = ? WHERE user_id = ?", "ti", now,
			       uid) < 0)
		err_clear(e);
	return 0;
}

void web_self_url(const struct web_req *rq, struct buf *b, const char *path)
{
	const struct web_ctx *x = rq->priv;
	if (x && x->host[0])
		buf_printf(b, "%s://%s", x->cfg && x->cfg->secure_cookies ? "https" : "http", x->host);
	buf_puts(b, path);
}

/* The local page to link back to: one of the pages that show the panel. */
static const char *back_path(const char *back)
{
	if (back && (!strcmp(back, "/plan") || !strcmp(back, "/account/password")))
		return back;
	return "/plan";
}

void web_feed_panel(struct web_req *rq, struct web_resp *rs, const char *back)
{
	store_stmt_t *st;
	struct err e = {0};
	char made[48] = "", used[48] = "";
	int has = 0, all = web_can(rq, CAP_READ_PLAN);
	if (!rq->user || !web_can(rq, FEED_CAPS))
		return;
	if (store_prepare(rq->db, &st, &e,
			  "SELECT created_at, used_at FROM feed_key WHERE user_id = ?", "i",
			  rq->user->id) == 0) {
		if (store_step(st, &e) == 1) {
			has = 1;
			date_when_uk(store_col_text(st, 0), made);
			if (store_col_text(st, 1))
				date_when_uk(store_col_text(st, 1), used);
		}
		store_done(st);
	}
	web_printf(rs,
		   "<h2 class=\"govuk-heading-m\" id=\"calendar-feed\">Subscribe to the calendar</h2>\n"
		   "<p class=\"govuk-body\">Outlook, Google Calendar or a phone can show %s and keep "
		   "them up to date. A calendar program cannot sign in, so it needs an address of "
		   "your own with a key in it.</p>\n",
		   all ? "the due dates of the plan's live actions" : "the due dates of the actions you lead");
	if (has) {
		web_printf(rs, "<p class=\"govuk-body\">You made your calendar address on %s.", made);
		if (used[0])
			web_printf(rs, " A calendar last read it on %s.", used);
		else
			web_raw(rs, " No calendar has read it yet.");
		web_raw(rs, "</p>\n<p class=\"govuk-body\">The address was shown once, when you made "
			    "it: parity keeps only a fingerprint of it. If you have lost it, or someone "
			    "else may have it, make a new key. The old address stops working at "
			    "once.</p>\n");
	} else {
		web_raw(rs, "<p class=\"govuk-body\">You have no calendar address yet.</p>\n");
	}
	web_raw(rs, "<form method=\"post\" action=\"/account/feed-key\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"make\" value=\"1\">\n"
		       "<input type=\"hidden\" name=\"back\" value=\"%s\">\n",
		   back_path(back));
	web_printf(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
		       "data-module=\"govuk-button\">%s</button>\n</form>\n",
		   has ? "Make a new key" : "Create a calendar address");
}

int web_feed_key_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	char key[WEB_TOKEN_HEX + 1], hash[WEB_TOKEN_HEX + 1], sel[SELECTOR_LEN + 1], now[21],
		target[96];
	const char *back = back_path(web_param(rq, "back"));
	struct buf url = BUF_INIT, path = BUF_INIT;
	int64_t had = 0;
	int rc;
	if (!web_param(rq, "make") || strcmp(web_param(rq, "make"), "1"))
		return err_set(e, ERR_USAGE, "The form was not complete. Go back, reload the page "
					     "and press the button again.");
	if ((rc = web_begin(rq, rs, FEED_CAPS, e)) != 0)
		return rc < 0 ? rc : 0;
	web_token_new(key);
	web_token_hash(key, hash);
	memcpy(sel, key, SELECTOR_LEN);
	sel[SELECTOR_LEN] = '\0';
	date_now_iso(now);
	snprintf(target, sizeof target, "%s", rq->user->name);
	if (store_query_int(rq->db, &had, e, "SELECT count(*) FROM feed_key WHERE user_id = ?", "i",
			    rq->user->id) < 0 ||
	    store_exec(rq->db, e, "DELETE FROM feed_key WHERE user_id = ?", "i", rq->user->id) < 0 ||
	    store_exec(rq->db, e,
		       "INSERT INTO feed_key(user_id, selector, key_hash, created_at) VALUES (?, ?, ?, ?)",
		       "ittt", rq->user->id, sel, hash, now) < 0 ||
	    web_audit(rq, "feed.key", target, had ? "a calendar feed key (now revoked)" : NULL,
		      "a new calendar feed key", e) < 0 ||
	    store_commit(rq->db, e) < 0) {
		store_rollback(rq->db);
		sodium_memzero(key, sizeof key);
		return e->code ? e->code : ERR_DB;
	}
	buf_puts(&path, "/plan/calendar.ics?key=");
	buf_puts(&path, key);
	web_self_url(rq, &url, buf_str(&path));
	sodium_memzero(key, sizeof key);
	rs->no_store = 1;
	web_page_begin(rq, rs, "Your new calendar address", SEC_NONE);
	web_printf(rs, "<a class=\"govuk-back-link\" href=\"%s\">Back</a>\n", back);
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		    "<div class=\"govuk-panel govuk-panel--confirmation\">\n<h1 class=\"govuk-panel__title\">"
		    "Your new calendar address</h1>\n<div class=\"govuk-panel__body\">");
	web_raw(rs, had ? "The old address no longer works" : "Keep it private");
	web_raw(rs, "</div>\n</div>\n<p class=\"govuk-body\">Copy this address into your calendar "
		    "program: in Outlook, <strong>Add calendar</strong>, then <strong>Subscribe from "
		    "web</strong> (or <strong>From internet</strong>); in Google Calendar, "
		    "<strong>Other calendars</strong>, then <strong>From URL</strong>.</p>\n"
		    "<div class=\"govuk-form-group\">\n<label class=\"govuk-label govuk-label--s\" "
		    "for=\"feed-url\">Calendar address</label>\n<div id=\"feed-url-hint\" "
		    "class=\"govuk-hint\">It is shown only this once.</div>\n");
	web_printf(rs, "<input class=\"govuk-input\" id=\"feed-url\" name=\"feed-url\" type=\"text\" "
		       "value=\"%s\" readonly spellcheck=\"false\" aria-describedby=\"feed-url-hint\">\n"
		       "</div>\n",
		   buf_str(&url));
	web_raw(rs, "<div class=\"govuk-warning-text\">\n<span class=\"govuk-warning-text__icon\" "
		    "aria-hidden=\"true\">!</span>\n<strong class=\"govuk-warning-text__text\">"
		    "<span class=\"govuk-visually-hidden\">Warning</span> Anyone who has this address "
		    "can read the due dates your account can see, without signing in. Do not share "
		    "it. If it gets out, make a new key.</strong>\n</div>\n");
	web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s\">%s</a></p>\n",
		   back, strcmp(back, "/plan") ? "Back to your account" : "Back to the action plan");
	web_raw(rs, "</div></div>\n");
	web_page_end(rq, rs);
	buf_free(&url);
	buf_free(&path);
	return 0;
}
