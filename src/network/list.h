/*
 * network/list.h: the mailing lists' model (list.c), shared by their
 * commands (list_cmd.c) and pages (list_web.c). Only network/list*.c
 * include it. docs/network.md, "Mailing lists" says how lists work.
 */
#ifndef PARITY_NETWORK_LIST_H
#define PARITY_NETWORK_LIST_H

#include "mail/mail.h"
#include "network/internal.h"

#define LIST_SLUG_MAX 40
#define LIST_NAME_MAX 120
#define LIST_DESC_MAX 1000
/* Pending requests and confirm links last this long. */
#define LIST_PENDING_SECONDS (7 * 86400)
/* Bounces (Mailman 3's defaults): a hard bounce scores 1.0, a soft one
 * 0.5, one bounce a day at most; a score whose last bounce is older than
 * LIST_BOUNCE_STALE_DAYS starts again; at LIST_BOUNCE_THRESHOLD the
 * subscription is disabled and warned LIST_BOUNCE_WARNINGS times,
 * LIST_BOUNCE_INTERVAL apart, then unsubscribed. */
#define LIST_BOUNCE_THRESHOLD 5.0
#define LIST_BOUNCE_STALE_DAYS 7
#define LIST_BOUNCE_WARNINGS 3
#define LIST_BOUNCE_INTERVAL (7 * 86400)
/* An unsubscribe token: "ID-" and 32 hex digits (a keyed hash). */
#define LIST_UTOKEN_MAX 64
/* Public sign-up: at most this many requests from one address a window. */
#define LIST_RATE_MAX 5
#define LIST_RATE_WINDOW 900

struct list_info {
	int64_t id;
	char slug[LIST_SLUG_MAX + 1];
	char name[LIST_NAME_MAX * 4 + 1];
	char description[LIST_DESC_MAX * 4 + 1];
	char owner[320];
	int public;		/* 1: on /lists with its sign-up form */
	char created_at[24];	/* UTC ISO 8601 */
	int64_t n_subscribed, n_pending, n_unsubscribed, n_disabled;
};

/* 0 when slug is 2 to 40 lowercase letters, digits and hyphens starting
 * with a letter; ERR_USAGE saying so otherwise. */
int list_slug_ok(const char *slug, struct err *e);
/* The list called slug into *l (with its counts); ERR_NOTFOUND "no
 * mailing list called X (see 'parity list all')". */
int list_get(store_t *db, const char *slug, struct list_info *l, struct err *e);
/* All lists (public_only: only public ones) into *out (caller frees),
 * ordered by name. */
int list_all(store_t *db, int public_only, struct list_info **out, size_t *n, struct err *e);
/* Check and add a list: ERR_DATA naming the field for a bad slug, name,
 * owner or description; ERR_DATA when the slug is taken. */
int list_create(store_t *db, const char *slug, const char *name, const char *owner,
		const char *description, int public, const char *by, struct err *e);
/* The current consent wording for the purpose "mailing": its id, version
 * and text (into text). */
int list_wording(store_t *db, int64_t *id, int64_t *version, struct buf *text, struct err *e);

enum list_sub_outcome {
	LIST_SUB_PENDING = 1, /* a confirmation mail was queued */
	LIST_SUB_ALREADY = 2, /* already subscribed: nothing done */
	LIST_SUB_DONE = 3,    /* subscribed at once (confirmed) */
};
/* Subscribe email (checked with mail_address_ok; name may be NULL) to l.
 * confirmed 0: double opt-in — a pending subscription with a fresh
 * confirm token and the confirmation mail (kind "confirm") queued with s;
 * confirmed 1: subscribed now (the person agreed another way), no mail
 * (s may be NULL). The consent record is the wording wording_id (0: the
 * current one), how ("web", "cli", "import") and when. *outcome set.
 * Inside the caller's transaction. */
int list_subscribe(store_t *db, const struct mail_settings *s, const struct list_info *l,
		   const char *email, const char *name, int64_t wording_id, const char *how,
		   int confirmed, time_t now, int *outcome, struct err *e);

enum list_token_state {
	LIST_TOKEN_BAD = 0,	/* no such link (or already used) */
	LIST_TOKEN_OK = 1,	/* pending (or disabled) and within time */
	LIST_TOKEN_EXPIRED = 2, /* a pending request older than 7 days */
};
/* What the confirm link token of list l is (reads only). */
int list_confirm_state(store_t *db, const struct list_info *l, const char *token, time_t now,
		       int *state, struct err *e);
/* Confirm: a pending request becomes subscribed, a disabled subscription
 * is enabled again (bounce score cleared). *state as list_confirm_state;
 * changes only when LIST_TOKEN_OK. Inside the caller's transaction. */
int list_confirm(store_t *db, const struct list_info *l, const char *token, time_t now,
		 int *state, struct err *e);

/* The unsubscribe token of subscription id with its salt, into out. */
int list_utoken(store_t *db, int64_t id, const char *salt, char out[LIST_UTOKEN_MAX + 1],
		struct err *e);
/* Unsubscribe by token (l NULL: any list, for a mailto: tag): *done 1
 * when the token was right (also when already unsubscribed), 0 when not
 * (nothing changes). how: "web", "one-click", "email". */
int list_unsubscribe_token(store_t *db, const struct list_info *l, const char *token,
			   const char *how, time_t now, int *done, struct err *e);
/* *ok 1 when token is a right unsubscribe token of l (reads only). */
int list_utoken_valid(store_t *db, const struct list_info *l, const char *token, int *ok,
		      struct err *e);
/* Unsubscribe email from l: ERR_NOTFOUND when it has no subscription. */
int list_unsubscribe_email(store_t *db, const struct list_info *l, const char *email,
			   const char *how, time_t now, struct err *e);

/* One message to one subscriber, as list_send queues it: headers (List-Id,
 * List-Unsubscribe, List-Unsubscribe-Post) and the bodies with their
 * footers. The strings live in the struct's buffers. */
struct list_post {
	struct buf list_id, unsub, text, html;
	struct mail_header headers[3];
	struct mail_msg msg;
};
/* Fill p for subscriber (email, name, unsubscribe token utoken) of l with
 * the settings' site address. p is reused from call to call; free it
 * with list_post_free. */
void list_post_fill(struct list_post *p, const struct mail_settings *s, const struct list_info *l,
		    const char *subject, const char *text, const char *html, const char *email,
		    const char *name, int64_t sub_id, const char *utoken);
void list_post_free(struct list_post *p);
/* The host part of the settings' site address ("parity.example.org"). */
void list_site_host(const struct mail_settings *s, char *out, size_t n);

/* Queue subject/text/html (html may be NULL) to every subscribed member
 * of l, one message each (kind "list", ref the subscription), in one
 * transaction of the caller's. dry_run: count only. *n set. */
int list_send(store_t *db, const struct mail_settings *s, const struct list_info *l,
	      const char *subject, const char *text, const char *html, int dry_run, int64_t *n,
	      struct err *e);
/* Check a message before sending: ERR_DATA naming subject or body. */
int list_post_ok(const char *subject, const char *text, const char *html, struct err *e);

/* Mailman's bounce score: the score after a bounce on day today
 * (YYYY-MM-DD) of a subscription whose score is score with its last
 * counted bounce on last ("" for none). *counted 0 when the bounce is not
 * counted (one already counted that day). Pure: no database. */
double list_bounce_score(double score, const char *last, const char *today, int hard,
			 int *counted);


#endif
