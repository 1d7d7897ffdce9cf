/*
 * network/list.c: the mailing lists' model — lists, subscriptions with
 * double opt-in and their consent record, unsubscribe tokens, sending a
 * post to the subscribed members, bounce scoring as Mailman 3 does it,
 * the periodic work (expiry, warnings) and the subject-access export and
 * erasure of an address. docs/network.md, "Mailing lists" says it in words.
 *
 * Tokens: a confirm link's token is random and only its hash is kept. An
 * unsubscribe link must be written into every post, so its token is
 * derived, not stored: BLAKE2b keyed with the key file's "lists" key over
 * the subscription's id and random salt ("ID-" + 32 hex digits). Without
 * the key file, a copy of the database opens no link; an erased
 * subscription's links die with its salt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/dates.h"
#include "core/escape.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "network/list.h"

int list_slug_ok(const char *slug, struct err *e)
{
	size_t n = slug ? strlen(slug) : 0;
	if (n < 2 || n > LIST_SLUG_MAX || slug[0] < 'a' || slug[0] > 'z' ||
	    strspn(slug, "abcdefghijklmnopqrstuvwxyz0123456789-") != n || slug[n - 1] == '-')
		return err_set(e, ERR_USAGE,
			       "the list's short name '%s' must be 2 to 40 lowercase letters, digits "
			       "and hyphens, starting with a letter (like staff-news)",
			       slug ? slug : "");
	return 0;
}

/* One line of printable text of at most max characters. */
static int line_ok(const char *s, size_t max, const char *what, int required, struct err *e)
{
	int cut = 0;
	const unsigned char *p;
	if (!s || str_blank(s)) {
		if (required)
			return err_set(e, ERR_DATA, "give the list's %s", what);
		return 0;
	}
	str_utf8_prefix(s, max, &cut);
	if (cut)
		return err_set(e, ERR_DATA, "the list's %s must be %zu characters or fewer", what, max);
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 32 || *p == 127)
			return err_set(e, ERR_DATA, "the list's %s must be one line of text", what);
	return 0;
}

static void row_to_info(store_stmt_t *st, struct list_info *l)
{
	memset(l, 0, sizeof *l);
	l->id = store_col_int(st, 0);
	snprintf(l->slug, sizeof l->slug, "%s", store_col_text(st, 1));
	snprintf(l->name, sizeof l->name, "%s", store_col_text(st, 2));
	snprintf(l->description, sizeof l->description, "%s", store_col_text(st, 3));
	snprintf(l->owner, sizeof l->owner, "%s", store_col_text(st, 4));
	l->public = (int)store_col_int(st, 5);
	snprintf(l->created_at, sizeof l->created_at, "%s", store_col_text(st, 6));
	l->n_subscribed = store_col_int(st, 7);
	l->n_pending = store_col_int(st, 8);
	l->n_unsubscribed = store_col_int(st, 9);
	l->n_disabled = store_col_int(st, 10);
}

#define LIST_COLS                                                                              \
	"SELECT l.id, l.slug, l.name, l.description, l.owner, l.public, l.created_at, "        \
	"(SELECT COUNT(*) FROM net_sub s WHERE s.list_id = l.id AND s.status = 'subscribed'), " \
	"(SELECT COUNT(*) FROM net_sub s WHERE s.list_id = l.id AND s.status = 'pending'), "    \
	"(SELECT COUNT(*) FROM net_sub s WHERE s.list_id = l.id AND s.status = 'unsubscribed'), " \
	"(SELECT COUNT(*) FROM net_sub s WHERE s.list_id = l.id AND s.status = 'disabled') "   \
	"FROM net_list l "

int list_get(store_t *db, const char *slug, struct list_info *l, struct err *e)
{
	store_stmt_t *st;
	int rc = store_prepare(db, &st, e, LIST_COLS "WHERE l.slug = ?", "t", slug);
	if (rc < 0)
		return rc;
	rc = store_step(st, e);
	if (rc == 1)
		row_to_info(st, l);
	store_done(st);
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "no mailing list called '%s' (see 'parity list all')",
			       slug);
	return rc < 0 ? rc : 0;
}

int list_all(store_t *db, int public_only, struct list_info **out, size_t *n, struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	rc = store_prepare(db, &st, e, LIST_COLS "WHERE l.public = 1 OR ? = 0 ORDER BY l.name, l.slug",
			   "i", (int64_t)public_only);
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		row_to_info(st, &(*out)[(*n)++]);
	}
	store_done(st);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc < 0 ? rc : 0;
}

int list_create(store_t *db, const char *slug, const char *name, const char *owner,
		const char *description, int public, const char *by, struct err *e)
{
	char now[21], norm[320];
	int64_t taken = 0;
	int rc;
	if ((rc = list_slug_ok(slug, e)) < 0)
		return ERR_DATA;
	if ((rc = line_ok(name, LIST_NAME_MAX, "name", 1, e)) < 0 ||
	    (rc = line_ok(description, LIST_DESC_MAX, "description", 0, e)) < 0)
		return rc;
	norm[0] = '\0';
	if (owner && *owner) {
		if (mail_address_ok(owner, e) < 0) {
			err_prefix(e, "the list's owner");
			return ERR_DATA;
		}
		mail_address_norm(owner, norm, sizeof norm);
	}
	if ((rc = store_query_int(db, &taken, e, "SELECT COUNT(*) FROM net_list WHERE slug = ?",
				  "t", slug)) < 0)
		return rc;
	if (taken)
		return err_set(e, ERR_DATA, "there is already a list called '%s'; choose another "
			       "short name", slug);
	date_now_iso(now);
	return store_exec(db, e,
			  "INSERT INTO net_list (slug, name, description, owner, public, created_at, "
			  "created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
			  "ttttitt", slug, name, description ? description : "", norm,
			  (int64_t)(public != 0), now, by);
}

int list_wording(store_t *db, int64_t *id, int64_t *version, struct buf *text, struct err *e)
{
	store_stmt_t *st;
	int rc = store_prepare(db, &st, e,
			       "SELECT id, version, text FROM net_consent_wording WHERE purpose = "
			       "'mailing' ORDER BY version DESC LIMIT 1",
			       "");
	if (rc < 0)
		return rc;
	rc = store_step(st, e);
	if (rc == 1) {
		*id = store_col_int(st, 0);
		*version = store_col_int(st, 1);
		if (text)
			buf_puts(text, store_col_text(st, 2));
	}
	store_done(st);
	if (rc == 0)
		return err_set(e, ERR_DATA, "there is no consent wording for the mailing list");
	return rc < 0 ? rc : 0;
}

/* ---- tokens ---------------------------------------------------------------*/

static void hex(const unsigned char *in, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	size_t i;
	for (i = 0; i < n; i++) {
		out[2 * i] = d[in[i] >> 4];
		out[2 * i + 1] = d[in[i] & 15];
	}
	out[2 * n] = '\0';
}

static void utoken_with(const unsigned char key[32], int64_t id, const char *salt,
			char out[LIST_UTOKEN_MAX + 1])
{
	char msg[128];
	unsigned char h[16];
	int n = snprintf(msg, sizeof msg, "unsubscribe:%lld:%s", (long long)id, salt);
	crypto_generichash(h, sizeof h, (const unsigned char *)msg, (size_t)n, key, 32);
	n = snprintf(out, LIST_UTOKEN_MAX + 1, "%lld-", (long long)id);
	hex(h, sizeof h, out + n);
}

static int lists_key(store_t *db, unsigned char key[32], struct err *e)
{
	return store_key_get(db, "lists", key, 32, 1, e);
}

int list_utoken(store_t *db, int64_t id, const char *salt, char out[LIST_UTOKEN_MAX + 1],
		struct err *e)
{
	unsigned char key[32];
	int rc = lists_key(db, key, e);
	if (rc < 0)
		return rc;
	utoken_with(key, id, salt, out);
	sodium_memzero(key, sizeof key);
	return 0;
}

/* ---- subscribing ----------------------------------------------------------*/

void list_site_host(const struct mail_settings *s, char *out, size_t n)
{
	const char *p = strstr(s->site_url, "://");
	size_t k;
	p = p ? p + 3 : s->site_url;
	k = strcspn(p, ":/");
	snprintf(out, n, "%.*s", (int)k, p);
}

static void list_url(struct buf *b, const struct mail_settings *s, const struct list_info *l,
		     const char *what, const char *token)
{
	buf_printf(b, "%s/lists/%s/%s?t=%s", s->site_url, l->slug, what, token);
}

/* Queue the confirmation mail of subscription id with its token. */
static int queue_confirm(store_t *db, const struct mail_settings *s, const struct list_info *l,
			 int64_t id, const char *email, const char *name, const char *token,
			 struct err *e)
{
	struct buf subj = BUF_INIT, text = BUF_INIT;
	struct mail_msg m = {0};
	int rc;
	buf_printf(&subj, "Confirm your subscription to %s", l->name);
	buf_printf(&text,
		   "Someone, probably you, asked to subscribe %s to the mailing list\n"
		   "%s.\n\n"
		   "To confirm, open this link and press the button on the page:\n\n",
		   email, l->name);
	list_url(&text, s, l, "confirm", token);
	buf_puts(&text, "\n\nThe link works for 7 days. If you did not ask to subscribe, ignore "
			"this\nmessage: you will not be subscribed and we will not write again.\n");
	m.to = email;
	m.to_name = name;
	m.subject = buf_str(&subj);
	m.text = buf_str(&text);
	m.kind = "confirm";
	m.ref = id;
	rc = mail_queue(db, s, &m, NULL, e);
	buf_free(&subj);
	buf_free(&text);
	return rc;
}

int list_subscribe(store_t *db, const struct mail_settings *s, const struct list_info *l,
		   const char *email, const char *name, int64_t wording_id, const char *how,
		   int confirmed, time_t now, int *outcome, struct err *e)
{
	char addr[320], salt[NET_TOKEN_HEX + 1], token[NET_TOKEN_HEX + 1], hash[NET_TOKEN_HEX + 1];
	char iso[21];
	int64_t id = 0, version = 0;
	store_stmt_t *st;
	const char *status = NULL;
	int rc;
	*outcome = 0;
	if (mail_address_ok(email, e) < 0)
		return ERR_DATA;
	if (name && *name) {
		int cut = 0;
		const unsigned char *p;
		str_utf8_prefix(name, 100, &cut);
		if (cut)
			return err_set(e, ERR_DATA, "the name must be 100 characters or fewer");
		for (p = (const unsigned char *)name; *p; p++)
			if (*p < 32 || *p == 127)
				return err_set(e, ERR_DATA, "the name must be one line of text");
	}
	if (!confirmed && !s)
		return err_set(e, ERR_DATA, "mail is not set up: run 'parity mail setup' first");
	if (wording_id == 0) {
		if ((rc = list_wording(db, &wording_id, &version, NULL, e)) < 0)
			return rc;
	} else {
		int64_t ok = 0;
		if ((rc = store_query_int(db, &ok, e,
					  "SELECT COUNT(*) FROM net_consent_wording WHERE id = ? AND "
					  "purpose = 'mailing'",
					  "i", wording_id)) < 0)
			return rc;
		if (!ok)
			return err_set(e, ERR_DATA, "unknown consent wording");
	}
	mail_address_norm(email, addr, sizeof addr);
	date_iso_at(now, iso);
	rc = store_prepare(db, &st, e, "SELECT id, status FROM net_sub WHERE list_id = ? AND email = ?",
			   "it", l->id, addr);
	if (rc < 0)
		return rc;
	rc = store_step(st, e);
	char cur[16] = "";
	if (rc == 1) {
		id = store_col_int(st, 0);
		snprintf(cur, sizeof cur, "%s", store_col_text(st, 1));
		status = cur;
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (status && !strcmp(status, "subscribed")) {
		*outcome = LIST_SUB_ALREADY;
		return 0;
	}
	net_token_new(salt);
	net_token_new(token);
	net_token_hash(token, hash);
	if (!id) {
		rc = store_exec(db, e,
				"INSERT INTO net_sub (list_id, email, name, status, salt, confirm_hash, "
				"requested_at, wording_id, consent_how, consent_at) VALUES "
				"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				"itttttiitt", l->id, addr, name ? name : "",
				confirmed ? "subscribed" : "pending", salt, confirmed ? NULL : hash,
				(int64_t)now, wording_id, how, confirmed ? iso : NULL);
		if (rc < 0)
			return rc;
		id = store_last_id(db);
	} else {
		rc = store_exec(db, e,
				"UPDATE net_sub SET status = ?, name = CASE WHEN ? = '' THEN name ELSE ? "
				"END, confirm_hash = ?, requested_at = ?, wording_id = ?, consent_how = ?, "
				"consent_at = ?, unsub_at = NULL, unsub_how = NULL, bounce_score = 0, "
				"last_bounce = NULL, disabled_at = NULL, warnings_sent = 0, "
				"next_warning = NULL WHERE id = ?",
				"ttttiittti", confirmed ? "subscribed" : "pending", name ? name : "",
				name ? name : "", confirmed ? NULL : hash, (int64_t)now, wording_id, how,
				confirmed ? iso : NULL, id);
		if (rc < 0)
			return rc;
	}
	if (!confirmed && (rc = queue_confirm(db, s, l, id, addr, name, token, e)) < 0)
		return rc;
	*outcome = confirmed ? LIST_SUB_DONE : LIST_SUB_PENDING;
	return 0;
}

/* ---- confirming -----------------------------------------------------------*/

/* The subscription of l whose confirm token is token: *id, its status and
 * when it was requested; *id 0 when none. */
static int by_confirm(store_t *db, const struct list_info *l, const char *token, int64_t *id,
		      char status[16], int64_t *requested, struct err *e)
{
	char hash[NET_TOKEN_HEX + 1];
	store_stmt_t *st;
	int rc;
	*id = 0;
	status[0] = '\0';
	if (!token || strlen(token) != NET_TOKEN_HEX ||
	    strspn(token, "0123456789abcdef") != NET_TOKEN_HEX)
		return 0;
	net_token_hash(token, hash);
	rc = store_prepare(db, &st, e,
			   "SELECT id, status, requested_at FROM net_sub WHERE confirm_hash = ? AND "
			   "list_id = ?",
			   "ti", hash, l->id);
	if (rc < 0)
		return rc;
	rc = store_step(st, e);
	if (rc == 1) {
		*id = store_col_int(st, 0);
		snprintf(status, 16, "%s", store_col_text(st, 1));
		*requested = store_col_int(st, 2);
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

static int token_state(const char *status, int64_t requested, time_t now)
{
	if (!strcmp(status, "disabled"))
		return LIST_TOKEN_OK;
	if (strcmp(status, "pending"))
		return LIST_TOKEN_BAD;
	return (int64_t)now - requested > LIST_PENDING_SECONDS ? LIST_TOKEN_EXPIRED : LIST_TOKEN_OK;
}

int list_confirm_state(store_t *db, const struct list_info *l, const char *token, time_t now,
		       int *state, struct err *e)
{
	char status[16];
	int64_t id, requested = 0;
	int rc = by_confirm(db, l, token, &id, status, &requested, e);
	*state = LIST_TOKEN_BAD;
	if (rc < 0)
		return rc;
	if (id)
		*state = token_state(status, requested, now);
	return 0;
}

int list_confirm(store_t *db, const struct list_info *l, const char *token, time_t now,
		 int *state, struct err *e)
{
	char status[16], iso[21];
	int64_t id, requested = 0;
	int rc = by_confirm(db, l, token, &id, status, &requested, e);
	*state = LIST_TOKEN_BAD;
	if (rc < 0 || !id)
		return rc;
	*state = token_state(status, requested, now);
	if (*state != LIST_TOKEN_OK)
		return 0;
	date_iso_at(now, iso);
	if (!strcmp(status, "pending"))
		return store_exec(db, e,
				  "UPDATE net_sub SET status = 'subscribed', confirm_hash = NULL, "
				  "consent_at = ? WHERE id = ?",
				  "ti", iso, id);
	/* a disabled subscription enabled again from a warning's link */
	return store_exec(db, e,
			  "UPDATE net_sub SET status = 'subscribed', confirm_hash = NULL, "
			  "bounce_score = 0, last_bounce = NULL, disabled_at = NULL, "
			  "warnings_sent = 0, next_warning = NULL WHERE id = ?",
			  "i", id);
}

/* ---- unsubscribing --------------------------------------------------------*/

static int unsubscribe_id(store_t *db, int64_t id, const char *how, time_t now, struct err *e)
{
	char iso[21];
	date_iso_at(now, iso);
	return store_exec(db, e,
			  "UPDATE net_sub SET status = 'unsubscribed', confirm_hash = NULL, "
			  "unsub_at = ?, unsub_how = ?, next_warning = NULL WHERE id = ? AND "
			  "status <> 'unsubscribed'",
			  "tti", iso, how, id);
}

/* The subscription the unsubscribe token names (of list l, or any list
 * when l is NULL) into *id; 0 when the token is not right. */
static int utoken_find(store_t *db, const struct list_info *l, const char *token, int64_t *id,
		       struct err *e)
{
	char want[LIST_UTOKEN_MAX + 1], salt[NET_TOKEN_HEX + 1] = "";
	const char *dash;
	char *end;
	long long n;
	int64_t list_id = 0;
	store_stmt_t *st;
	int rc;
	*id = 0;
	if (!token || strlen(token) > LIST_UTOKEN_MAX || !(dash = strchr(token, '-')))
		return 0;
	n = strtoll(token, &end, 10);
	if (end != dash || n <= 0)
		return 0;
	rc = store_prepare(db, &st, e, "SELECT salt, list_id FROM net_sub WHERE id = ?", "i",
			   (int64_t)n);
	if (rc < 0)
		return rc;
	rc = store_step(st, e);
	if (rc == 1) {
		snprintf(salt, sizeof salt, "%s", store_col_text(st, 0));
		list_id = store_col_int(st, 1);
	}
	store_done(st);
	if (rc <= 0 || (l && l->id != list_id))
		return rc;
	if ((rc = list_utoken(db, (int64_t)n, salt, want, e)) < 0)
		return rc;
	if (strlen(want) == strlen(token) && sodium_memcmp(want, token, strlen(want)) == 0)
		*id = (int64_t)n;
	return 0;
}

int list_utoken_valid(store_t *db, const struct list_info *l, const char *token, int *ok,
		      struct err *e)
{
	int64_t id = 0;
	int rc = utoken_find(db, l, token, &id, e);
	*ok = id != 0;
	return rc;
}

int list_unsubscribe_token(store_t *db, const struct list_info *l, const char *token,
			   const char *how, time_t now, int *done, struct err *e)
{
	int64_t id = 0;
	int rc = utoken_find(db, l, token, &id, e);
	*done = 0;
	if (rc < 0 || !id)
		return rc;
	*done = 1;
	return unsubscribe_id(db, id, how, now, e);
}

int list_unsubscribe_email(store_t *db, const struct list_info *l, const char *email,
			   const char *how, time_t now, struct err *e)
{
	char addr[320];
	int64_t id = 0;
	int rc;
	mail_address_norm(email, addr, sizeof addr);
	rc = store_query_int(db, &id, e, "SELECT id FROM net_sub WHERE list_id = ? AND email = ?",
			     "it", l->id, addr);
	if (rc < 0)
		return rc;
	if (!id)
		return err_set(e, ERR_NOTFOUND, "%s has no subscription to %s (see 'parity list "
			       "members %s')", email, l->slug, l->slug);
	return unsubscribe_id(db, id, how, now, e);
}

/* ---- sending --------------------------------------------------------------*/

int list_post_ok(const char *subject, const char *text, const char *html, struct err *e)
{
	int cut = 0;
	if (!subject || str_blank(subject))
		return err_set(e, ERR_DATA, "give the message a subject");
	str_utf8_prefix(subject, 200, &cut);
	if (cut)
		return err_set(e, ERR_DATA, "the subject must be 200 characters or fewer");
	if (strpbrk(subject, "\r\n"))
		return err_set(e, ERR_DATA, "the subject must be one line");
	if (!text || str_blank(text))
		return err_set(e, ERR_DATA, "give the message a text body: every subscriber can "
			       "read text, and the HTML version is optional");
	if (strlen(text) > 1000000 || (html && strlen(html) > 2000000))
		return err_set(e, ERR_DATA, "the message is too long (at most 1 MB of text)");
	return 0;
}

void list_post_fill(struct list_post *p, const struct mail_settings *s, const struct list_info *l,
		    const char *subject, const char *text, const char *html, const char *email,
		    const char *name, int64_t sub_id, const char *utoken)
{
	char host[256];
	size_t url_at, url_len;
	buf_reset(&p->list_id);
	buf_reset(&p->unsub);
	buf_reset(&p->text);
	buf_reset(&p->html);
	list_site_host(s, host, sizeof host);
	buf_printf(&p->list_id, "%s <%s.%s>", l->name, l->slug, host);
	buf_putc(&p->unsub, '<');
	url_at = p->unsub.len;
	list_url(&p->unsub, s, l, "unsubscribe", utoken);
	url_len = p->unsub.len - url_at;
	buf_puts(&p->unsub, ">, <mailto:");
	{
		char tag[LIST_UTOKEN_MAX + 3];
		snprintf(tag, sizeof tag, "u-%s", utoken);
		mail_address_tagged(s, tag, &p->unsub);
	}
	buf_puts(&p->unsub, "?subject=unsubscribe>");
	buf_puts(&p->text, text);
	if (p->text.len && buf_str(&p->text)[p->text.len - 1] != '\n')
		buf_putc(&p->text, '\n');
	buf_printf(&p->text, "\n-- \nYou get this message because you subscribed to %s.\n"
			     "To unsubscribe, open this link: %.*s\n",
		   l->name, (int)url_len, buf_str(&p->unsub) + url_at);
	if (html && *html) {
		/* The footer goes in as text our own markup holds: the list's name
		 * and the link are escaped. */
		struct buf esc = BUF_INIT;
		esc_html(&esc, l->name);
		buf_puts(&p->html, html);
		buf_printf(&p->html, "\n<hr>\n<p>You get this message because you subscribed to %s. "
				     "<a href=\"%.*s\">Unsubscribe</a></p>\n",
			   buf_str(&esc), (int)url_len, buf_str(&p->unsub) + url_at);
		buf_free(&esc);
	}
	p->headers[0].name = "List-Id";
	p->headers[0].value = buf_str(&p->list_id);
	p->headers[1].name = "List-Unsubscribe";
	p->headers[1].value = buf_str(&p->unsub);
	p->headers[2].name = "List-Unsubscribe-Post";
	p->headers[2].value = "List-Unsubscribe=One-Click";
	memset(&p->msg, 0, sizeof p->msg);
	p->msg.to = email;
	p->msg.to_name = name && *name ? name : NULL;
	p->msg.subject = subject;
	p->msg.text = buf_str(&p->text);
	p->msg.html = html && *html ? buf_str(&p->html) : NULL;
	p->msg.headers = p->headers;
	p->msg.n_headers = 3;
	p->msg.kind = "list";
	p->msg.ref = sub_id;
}

void list_post_free(struct list_post *p)
{
	buf_free(&p->list_id);
	buf_free(&p->unsub);
	buf_free(&p->text);
	buf_free(&p->html);
}

int list_send(store_t *db, const struct mail_settings *s, const struct list_info *l,
	      const char *subject, const char *text, const char *html, int dry_run, int64_t *n,
	      struct err *e)
{
	struct list_post p;
	struct mail_batch *b = NULL;
	unsigned char key[32];
	store_stmt_t *st;
	int rc;
	*n = 0;
	if ((rc = list_post_ok(subject, text, html, e)) < 0)
		return rc;
	if (dry_run)
		return store_query_int(db, n, e,
				       "SELECT COUNT(*) FROM net_sub WHERE list_id = ? AND status = "
				       "'subscribed'",
				       "i", l->id);
	if ((rc = lists_key(db, key, e)) < 0)
		return rc;
	memset(&p, 0, sizeof p);
	/* One template for the whole post: each subscriber's own unsubscribe
	 * token fills its {{u}} places (the List-Unsubscribe link and mailto,
	 * the footer) when the message is built for delivery. */
	list_post_fill(&p, s, l, subject, text, html, "x@example.org", NULL, 0, "{{u}}");
	if ((rc = mail_batch_begin(db, s, &p.msg, &b, e)) < 0)
		goto done;
	rc = store_prepare(db, &st, e,
			   "SELECT id, email, name, salt FROM net_sub WHERE list_id = ? AND status = "
			   "'subscribed' ORDER BY id",
			   "i", l->id);
	if (rc < 0)
		goto done;
	while ((rc = store_step(st, e)) == 1) {
		char tok[LIST_UTOKEN_MAX + 1];
		int64_t id = store_col_int(st, 0);
		struct mail_var v = {"u", tok};
		utoken_with(key, id, store_col_text(st, 3), tok);
		if ((rc = mail_batch_add(b, store_col_text(st, 1), store_col_text(st, 2), id, &v, 1,
					 e)) < 0)
			break;
		(*n)++;
	}
	store_done(st);
done:
	mail_batch_end(b);
	sodium_memzero(key, sizeof key);
	list_post_free(&p);
	return rc < 0 ? rc : 0;
}

/* ---- bounces --------------------------------------------------------------*/

double list_bounce_score(double score, const char *last, const char *today, int hard,
			 int *counted)
{
	struct date a = {0, 0, 0}, b = {0, 0, 0};
	*counted = 0;
	if (last && *last && !strcmp(last, today))
		return score; /* one bounce a day at most */
	if (last && *last && sscanf(last, "%d-%d-%d", &a.y, &a.m, &a.d) == 3 &&
	    sscanf(today, "%d-%d-%d", &b.y, &b.m, &b.d) == 3 &&
	    date_to_days(b) - date_to_days(a) > LIST_BOUNCE_STALE_DAYS)
		score = 0; /* the old bounces are stale: start again */
	*counted = 1;
	return score + (hard ? 1.0 : 0.5);
}

/* Mail the member of subscription id a warning with a link to enable it
 * again (a new confirm token), and count the warning. */
static int send_warning(store_t *db, const struct mail_settings *s, const struct list_info *l,
			int64_t id, const char *email, const char *name, int warnings_sent,
			time_t now, struct err *e)
{
	char token[NET_TOKEN_HEX + 1], hash[NET_TOKEN_HEX + 1];
	struct buf subj = BUF_INIT, text = BUF_INIT;
	struct mail_msg m = {0};
	int rc, left = LIST_BOUNCE_WARNINGS - warnings_sent - 1;
	net_token_new(token);
	net_token_hash(token, hash);
	rc = store_exec(db, e,
			"UPDATE net_sub SET confirm_hash = ?, warnings_sent = ?, next_warning = ? "
			"WHERE id = ?",
			"tiii", hash, (int64_t)(warnings_sent + 1),
			(int64_t)now + LIST_BOUNCE_INTERVAL, id);
	if (rc < 0)
		return rc;
	buf_printf(&subj, "Your subscription to %s is paused", l->name);
	buf_printf(&text,
		   "Messages from the mailing list %s to %s have been\n"
		   "bouncing, so we have stopped sending them.\n\n"
		   "If this address works again, open this link and press the button to start\n"
		   "getting the list's messages again:\n\n",
		   l->name, email);
	list_url(&text, s, l, "confirm", token);
	if (left > 0)
		buf_printf(&text, "\n\nWe will remind you %d more time%s, a week apart. ", left,
			   left == 1 ? "" : "s");
	else
		buf_puts(&text, "\n\nThis is the last reminder. ");
	buf_puts(&text, "If nothing is done, you will be\nunsubscribed a week after the last "
			"reminder.\n");
	m.to = email;
	m.to_name = name;
	m.subject = buf_str(&subj);
	m.text = buf_str(&text);
	m.kind = "warning";
	m.ref = id;
	rc = mail_queue(db, s, &m, NULL, e);
	buf_free(&subj);
	buf_free(&text);
	return rc;
}

/* Tell the list's owner (if it has one) what happened to email. */
static int tell_owner(store_t *db, const struct mail_settings *s, const struct list_info *l,
		      int64_t id, const char *email, int removed, struct err *e)
{
	struct buf subj = BUF_INIT, text = BUF_INIT;
	struct mail_msg m = {0};
	int rc;
	if (!l->owner[0])
		return 0;
	buf_printf(&subj, "%s: %s %s", l->name, email,
		   removed ? "unsubscribed after bounces" : "disabled by bounces");
	if (removed)
		buf_printf(&text, "Messages to %s kept bouncing and the three reminders had no\n"
				  "answer, so the address is now unsubscribed from %s.\n",
			   email, l->name);
	else
		buf_printf(&text, "Messages to %s have been bouncing, so delivery of %s to it\n"
				  "is paused. The member has been sent a link to start again, and will be\n"
				  "reminded %d times a week apart before being unsubscribed.\n",
			   email, l->name, LIST_BOUNCE_WARNINGS - 1);
	m.to = l->owner;
	m.subject = buf_str(&subj);
	m.text = buf_str(&text);
	m.kind = "owner";
	m.ref = id;
	rc = mail_queue(db, s, &m, NULL, e);
	buf_free(&subj);
	buf_free(&text);
	return rc;
}

static int list_by_id(store_t *db, int64_t list_id, struct list_info *l, struct err *e)
{
	store_stmt_t *st;
	int rc = store_prepare(db, &st, e, LIST_COLS "WHERE l.id = ?", "i", list_id);
	if (rc < 0)
		return rc;
	rc = store_step(st, e);
	if (rc == 1)
		row_to_info(st, l);
	store_done(st);
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "no mailing list %lld", (long long)list_id);
	return rc < 0 ? rc : 0;
}

int network_bounce(store_t *db, const char *kind, int64_t ref, int hard, time_t now,
		   struct err *e)
{
	char today[11], last[16] = "", email[320] = "", name[256] = "", status[16] = "";
	double score = 0, next;
	int64_t list_id = 0;
	int counted, rc, found;
	store_stmt_t *st;
	if (!kind)
		return 1;
	if (!strcmp(kind, "warning") || !strcmp(kind, "owner"))
		return 0; /* ours, but not scored: the warning goes to a failing address */
	if (strcmp(kind, "list") && strcmp(kind, "confirm"))
		return 1;
	rc = store_prepare(db, &st, e,
			   "SELECT list_id, email, name, status, bounce_score, last_bounce FROM net_sub "
			   "WHERE id = ?",
			   "i", ref);
	if (rc < 0)
		return rc;
	found = rc = store_step(st, e);
	if (rc == 1) {
		list_id = store_col_int(st, 0);
		snprintf(email, sizeof email, "%s", store_col_text(st, 1));
		snprintf(name, sizeof name, "%s", store_col_text(st, 2));
		snprintf(status, sizeof status, "%s", store_col_text(st, 3));
		score = store_col_double(st, 4);
		if (!store_col_is_null(st, 5))
			snprintf(last, sizeof last, "%s", store_col_text(st, 5));
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (found != 1)
		return 0; /* erased since: nothing to score */
	date_day_at(now, today);
	next = list_bounce_score(score, last, today, hard, &counted);
	if (!counted)
		return 0;
	rc = store_exec(db, e, "UPDATE net_sub SET bounce_score = ?, last_bounce = ? WHERE id = ?",
			"dti", next, today, ref);
	if (rc < 0)
		return rc;
	if (next >= LIST_BOUNCE_THRESHOLD && !strcmp(status, "subscribed")) {
		struct mail_settings s;
		struct list_info l;
		rc = store_exec(db, e,
				"UPDATE net_sub SET status = 'disabled', disabled_at = ? WHERE id = ?",
				"ii", (int64_t)now, ref);
		if (rc < 0 || (rc = mail_settings_get(db, &s, e)) < 0 ||
		    (rc = list_by_id(db, list_id, &l, e)) < 0 ||
		    (rc = send_warning(db, &s, &l, ref, email, name, 0, now, e)) < 0 ||
		    (rc = tell_owner(db, &s, &l, ref, email, 0, e)) < 0)
			return rc;
	}
	return 0;
}

int network_tagged(store_t *db, const char *tag, time_t now, struct err *e)
{
	int done = 0;
	if (!tag || strncmp(tag, "u-", 2))
		return 1;
	return list_unsubscribe_token(db, NULL, tag + 2, "email", now, &done, e);
}

/* ---- periodic work --------------------------------------------------------*/

struct due {
	int64_t id, list_id;
	char email[320], name[256];
	int warnings_sent;
};

int list_jobs(store_t *db, time_t now, struct err *e)
{
	struct mail_settings s;
	struct due *d = NULL;
	size_t n = 0, cap = 0, i;
	store_stmt_t *st;
	int rc;
	rc = store_exec(db, e, "DELETE FROM net_sub WHERE status = 'pending' AND requested_at < ?",
			"i", (int64_t)now - LIST_PENDING_SECONDS);
	if (rc < 0 || !mail_configured(db))
		return rc;
	rc = store_prepare(db, &st, e,
			   "SELECT id, list_id, email, name, warnings_sent FROM net_sub WHERE status = "
			   "'disabled' AND next_warning IS NOT NULL AND next_warning <= ? ORDER BY id",
			   "i", (int64_t)now);
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			d = xrealloc(d, cap * sizeof *d);
		}
		d[n].id = store_col_int(st, 0);
		d[n].list_id = store_col_int(st, 1);
		snprintf(d[n].email, sizeof d[n].email, "%s", store_col_text(st, 2));
		snprintf(d[n].name, sizeof d[n].name, "%s", store_col_text(st, 3));
		d[n].warnings_sent = (int)store_col_int(st, 4);
		n++;
	}
	store_done(st);
	if (rc >= 0)
		rc = mail_settings_get(db, &s, e);
	for (i = 0; rc >= 0 && i < n; i++) {
		struct list_info l;
		if ((rc = list_by_id(db, d[i].list_id, &l, e)) < 0)
			break;
		if (d[i].warnings_sent < LIST_BOUNCE_WARNINGS)
			rc = send_warning(db, &s, &l, d[i].id, d[i].email, d[i].name,
					  d[i].warnings_sent, now, e);
		else if ((rc = unsubscribe_id(db, d[i].id, "bounces", now, e)) >= 0)
			rc = tell_owner(db, &s, &l, d[i].id, d[i].email, 1, e);
	}
	free(d);
	return rc < 0 ? rc : 0;
}

/* ---- subject access and erasure -------------------------------------------*/

int list_export_email(store_t *db, const char *email, json_t *out, struct err *e)
{
	char addr[320];
	store_stmt_t *st;
	json_t *arr = json_array();
	int rc;
	mail_address_norm(email, addr, sizeof addr);
	rc = store_prepare(db, &st, e,
			   "SELECT l.slug, l.name, s.email, s.name, s.status, w.version, w.text, "
			   "s.consent_how, s.consent_at, s.requested_at, s.unsub_at, s.unsub_how, "
			   "s.bounce_score, s.last_bounce FROM net_sub s JOIN net_list l ON l.id = "
			   "s.list_id LEFT JOIN net_consent_wording w ON w.id = s.wording_id WHERE "
			   "s.email = ? ORDER BY l.slug",
			   "t", addr);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	while ((rc = store_step(st, e)) == 1) {
		char req[21];
		json_t *o = json_object(), *c = json_object();
		date_iso_at((time_t)store_col_int(st, 9), req);
		json_object_set_new(o, "list", json_string(store_col_text(st, 0)));
		json_object_set_new(o, "list_name", json_string(store_col_text(st, 1)));
		json_object_set_new(o, "email", json_string(store_col_text(st, 2)));
		json_object_set_new(o, "name", json_string(store_col_text(st, 3)));
		json_object_set_new(o, "status", json_string(store_col_text(st, 4)));
		json_object_set_new(c, "wording_version", json_integer(store_col_int(st, 5)));
		json_object_set_new(c, "wording", json_string(store_col_text(st, 6) ? store_col_text(st, 6) : ""));
		json_object_set_new(c, "how", store_col_text(st, 7) ? json_string(store_col_text(st, 7)) : json_null());
		json_object_set_new(c, "confirmed_at", store_col_text(st, 8) ? json_string(store_col_text(st, 8)) : json_null());
		json_object_set_new(c, "requested_at", json_string(req));
		json_object_set_new(o, "consent", c);
		json_object_set_new(o, "unsubscribed_at", store_col_text(st, 10) ? json_string(store_col_text(st, 10)) : json_null());
		json_object_set_new(o, "unsubscribed_how", store_col_text(st, 11) ? json_string(store_col_text(st, 11)) : json_null());
		json_object_set_new(o, "bounce_score", json_real(store_col_double(st, 12)));
		json_object_set_new(o, "last_bounce", store_col_text(st, 13) ? json_string(store_col_text(st, 13)) : json_null());
		json_array_append_new(arr, o);
	}
	store_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	json_object_set_new(out, "mailing_lists", arr);
	return 0;
}

int list_erase_email(store_t *db, const char *email, struct err *e)
{
	char addr[320];
	int rc;
	mail_address_norm(email, addr, sizeof addr);
	/* the messages queued for those subscriptions hold the address too */
	rc = store_exec(db, e,
			"DELETE FROM mail_outbox WHERE kind IN ('list', 'confirm', 'warning') AND ref "
			"IN (SELECT id FROM net_sub WHERE email = ?)",
			"t", addr);
	if (rc < 0)
		return rc;
	return store_exec(db, e, "DELETE FROM net_sub WHERE email = ?", "t", addr);
}
