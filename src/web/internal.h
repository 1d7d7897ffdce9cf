/*
 * web/internal.h: what the files of the web room share and nobody else
 * sees — the per-request state behind struct web_req's priv pointer, and
 * the session and account functions the sign-in pages use.
 */
#ifndef PARITY_WEB_INTERNAL_H
#define PARITY_WEB_INTERNAL_H
#include "web/web.h"

/* The audit log page, /admin/audit (audit.c). */
int web_audit_page(struct web_req *rq, struct web_resp *rs, struct err *e);
/* The user commands (users.c), for web_room (page.c). */
extern const struct cli_command web_commands[];

#define WEB_TOKEN_HEX 64 /* 32 random bytes as hex */

struct web_ctx {
	const struct web_config *cfg;
	char token_hash[WEB_TOKEN_HEX + 1]; /* session row key, "" when none */
	char csrf[WEB_TOKEN_HEX + 1];	    /* token forms must send back */
	int set_csrf_cookie;		    /* visitor got a new pre-session token */
	char *flash;			    /* flash message read for this page */
	struct web_user user;		    /* valid when rq->user != NULL */
	char cookies[3][256];		    /* Set-Cookie values to send */
	int n_cookies;
	char host[256];			    /* the Host header (safe characters only), or "" */
};

/* Random token: 32 bytes from libsodium as 64 hex characters. */
void web_token_new(char out[WEB_TOKEN_HEX + 1]);
/* Hex BLAKE2b-256 of a token, the key the session table stores. */
void web_token_hash(const char *token, char out[WEB_TOKEN_HEX + 1]);
/* Queue a Set-Cookie header on the response. */
void web_set_cookie(struct web_req *rq, const char *name, const char *value, int max_age);

/* Look up the session named by the request's cookie, expiring it when
 * idle or too old (*expired set). Fills ctx->user and rq->user. */
int web_session_load(struct web_req *rq, const char *cookie, int *expired, struct err *e);
/* Start a session for user_id (after a good password) and set its cookie. */
int web_session_start(struct web_req *rq, int64_t user_id, struct err *e);
/* End the current session and clear its cookie. */
int web_session_end(struct web_req *rq, struct err *e);

/* Calendar feed keys (feedkey.c). The account whose feed key is `key` (64
 * hex characters) into u, when the key is current and the account enabled
 * and able to read the feed; ERR_NOTFOUND otherwise (a wrong, replaced or
 * malformed key, a disabled account); negative on a database error. The
 * key's hash is compared in constant time. Notes when it was used. */
int web_feed_key_user(store_t *db, const char *key, struct web_user *u, struct err *e);
/* POST /account/feed-key: make a new key (replacing the old one), with
 * its audit entry, and show the new address once. */
int web_feed_key_post(struct web_req *rq, struct web_resp *rs, struct err *e);
/* The account's email reminders (web/contact.c): the account page's
 * panel, and the page that changes them (/account/reminders). */
void web_contact_panel(struct web_req *rq, struct web_resp *rs);
int web_reminders_get(struct web_req *rq, struct web_resp *rs, struct err *e);
int web_reminders_post(struct web_req *rq, struct web_resp *rs, struct err *e);

/* Check name and password with throttling. The argon2id check (about
 * 85 ms) runs outside any transaction, so that a sign-in never holds the
 * write lock while hashing: first, in a short transaction of its own, the
 * recent failures are counted and this attempt is recorded as a failure
 * in advance (so that guesses sent in parallel count too); then the
 * password is checked. Returns 0 and *user_id on success (the caller then
 * withdraws the failures with web_login_clear in its own transaction), 1
 * for wrong name or password, 2 when throttled (e says how long to wait),
 * negative on failure. Must be called outside a transaction. */
int web_login_check(struct web_req *rq, const char *name, const char *password,
		    int64_t *user_id, struct err *e);
/* After a good password: forget the failures recorded for name (in the
 * caller's transaction). */
int web_login_clear(struct web_req *rq, const char *name, struct err *e);
/* Load a user by id or by name into u, with their capabilities
 * (ERR_NOTFOUND when none, or disabled). */
int web_user_load(store_t *db, int64_t id, const char *name, struct web_user *u,
		  struct err *e);
/* As web_user_load, disabled users too (*disabled set to 1 for them). */
int web_user_load_any(store_t *db, int64_t id, const char *name, struct web_user *u,
		      int *disabled, struct err *e);
/* 0 when name may be a new user's name (2 to 32 lowercase letters,
 * digits, '.', '_' or '-'); ERR_DATA otherwise. Accounts made before this
 * rule keep their names and still sign in. */
int web_user_name_ok(const char *name, struct err *e);
/* What is wrong with a new user's name, in the words of a GOV.UK error
 * message ("Enter a user name", ...), or NULL when it is fine. */
const char *web_user_name_problem(const char *name);
/* Add a user with a password hash made beforehand by web_password_hash
 * (outside the transaction: hashing takes about 85 ms). Checks the name,
 * the initials and that the name is free. Caller owns the transaction. */
int web_user_create(store_t *db, const char *name, int role, unsigned grants,
		    unsigned revokes, const char *initials, const char *pw_hash,
		    int must_change, int64_t *id, struct err *e);
/* Set a user's role, grants and revokes. Kept as differences from the
 * role: a grant the role already gives, or a revoke of something it does
 * not give, is dropped. Caller owns the transaction. */
int web_user_set_access(store_t *db, int64_t id, int role, unsigned grants,
			unsigned revokes, struct err *e);
/* Set a user's password hash (made beforehand by web_password_hash) and
 * the must-change mark, and end their sessions. Caller owns the
 * transaction. */
int web_user_set_hash(store_t *db, int64_t id, const char *pw_hash, int must_change,
		      struct err *e);
/* The JSON text of an account's access for the audit log, built with
 * jansson: {"role":..,"grants":[..],"revokes":[..]} and, when initials is
 * not NULL, "lead_initials". Caller frees. */
char *web_access_json(int role, unsigned grants, unsigned revokes, const char *initials);
/* Password rules: 10 to 256 characters, not the user name. */
int web_password_ok(const char *name, const char *password, struct err *e);
/* A random one-time password (16 characters, easy to type). */
void web_password_random(char out[17]);
/* Audit entry with an explicit author (the CLI's "cli:NAME"). */
int web_audit_as(store_t *db, const char *who, const char *address, const char *what,
		 const char *target, const char *before, const char *after, struct err *e);

#endif
