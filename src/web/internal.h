/*
 * web/internal.h: what the files of the web room share and nobody else
 * sees — the per-request state behind struct web_req's priv pointer, and
 * the session and account functions the sign-in pages use.
 */
#ifndef PARITY_WEB_INTERNAL_H
#define PARITY_WEB_INTERNAL_H
#include "web/web.h"

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

/* Check name and password with throttling. Returns 0 and *user_id on
 * success, 1 for wrong name or password, 2 when throttled (e says how
 * long to wait), negative on failure. */
int web_login_check(struct web_req *rq, const char *name, const char *password,
		    int64_t *user_id, struct err *e);
/* Load a user by id or by name into u (ERR_NOTFOUND when none). */
int web_user_load(store_t *db, int64_t id, const char *name, struct web_user *u,
		  struct err *e);
/* Add a user; password hashed here. Caller owns the transaction. */
int web_user_create(store_t *db, const char *name, int role, const char *initials,
		    const char *password, int must_change, int64_t *id, struct err *e);
/* Set a user's password (and the must-change mark) and end their other
 * sessions. Caller owns the transaction. */
int web_user_set_password(store_t *db, int64_t id, const char *password, int must_change,
			  struct err *e);
/* Password rules: 10 to 256 characters, not the user name. */
int web_password_ok(const char *name, const char *password, struct err *e);
/* A random one-time password (16 characters, easy to type). */
void web_password_random(char out[17]);
/* Audit entry with an explicit author (the CLI's "cli:NAME"). */
int web_audit_as(store_t *db, const char *who, const char *address, const char *what,
		 const char *target, const char *before, const char *after, struct err *e);

/* The sign-in, sign-out, password and admin pages (auth.c, admin.c). */
extern const struct web_route web_auth_pages[];
extern const size_t web_auth_n_pages;
extern const struct web_route web_admin_pages[];
extern const size_t web_admin_n_pages;

#endif
