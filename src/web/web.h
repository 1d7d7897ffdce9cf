/*
 * web: the HTTP server and its infrastructure — routing, requests and
 * responses, sign-in, sessions, CSRF, roles, the audit log and the GOV.UK
 * page frame. It knows nothing of any domain: the plan and monitoring
 * rooms write their pages as handlers against this header, and the site
 * table (src/app/site.c) puts them all in one list.
 *
 * Safety rules every handler gets for free:
 *   - web_printf escapes every %s for HTML (text and quoted attributes);
 *     raw markup goes through web_raw, for our own literal fragments only.
 *   - every POST is refused with 403 before the handler runs unless its
 *     "csrf" field matches the session's (or, signed out, the visitor's
 *     cookie) token; forms add it with web_csrf_field. An upload
 *     (multipart) must carry the token outside its body too, in the
 *     X-CSRF-Token header or as csrf= in the form's action URL, so that
 *     the server can refuse it before reading a byte of it.
 *   - a POST body is read only when its route, session and token allow
 *     it; uploads go to a temporary file, not memory (see docs/web.md,
 *     "Limits").
 *   - a route's minimum role is checked before the handler runs.
 *   - security headers (CSP without inline script, nosniff, referrer
 *     policy, frame-ancestors 'none') go on every response.
 */
#ifndef PARITY_WEB_H
#define PARITY_WEB_H
#include <stddef.h>
#include <stdint.h>
#include "core/buf.h"
#include "core/cli.h"
#include "core/err.h"
#include "store/store.h"

/* Roles, each including the rights of those below it. A lead may also
 * update the actions whose Lead names their initials (checked by the plan
 * pages); a monitor edits any action, imports data and handles flags; an
 * admin also manages users and reads the audit log. */
enum web_role {
	ROLE_PUBLIC = 0, /* no sign-in needed */
	ROLE_VIEWER = 1,
	ROLE_LEAD = 2,
	ROLE_MONITOR = 3,
	ROLE_ADMIN = 4,
};
/* "viewer", "lead", ... for a role; "public" for ROLE_PUBLIC. */
const char *web_role_name(int role);
/* The role named s, or -1. */
int web_role_parse(const char *s);

struct web_user {
	int64_t id;
	char name[64];
	int role;
	char lead_initials[16]; /* initials as used in plan Lead cells, or "" */
	int must_change;	/* signed in with a one-time password */
};

struct web_param {
	char *name;
	char *value; /* NUL-terminated; may also hold NULs for uploads. An
			upload's value maps its temporary file (read it, don't
			free it; writes stay private) */
	size_t len;
	char *filename; /* for a multipart file field, else NULL */
	int fd;		/* an upload: its temporary file, already unlinked (the
			   server closes it after the request); else -1 */
};

struct web_req {
	const char *method;	     /* "GET", "HEAD" or "POST" */
	const char *path;	     /* URL path as sent, e.g. "/plan/action/12" */
	const char *arg;	     /* what a route's trailing '*' matched, else "" */
	const char *remote;	     /* client address as text */
	store_t *db;		     /* this thread's database connection */
	const struct web_user *user; /* signed in, or NULL (public pages) */
	const char *csrf;	     /* token for forms; web_csrf_field writes it */
	struct web_param *params;    /* GET: the query's fields; POST: the body's */
	size_t n_params;
	void *priv; /* the server's own state for this request */
};

struct web_resp {
	int status;		  /* 200 unless set */
	const char *content_type; /* default "text/html; charset=utf-8" */
	struct buf body;
	char location[512];    /* for redirects (web_redirect) */
	char disposition[256]; /* Content-Disposition, e.g. attachment */
	int no_store;	       /* Cache-Control: no-store (set for signed-in pages) */
};

/* A page. Return 0 when rs is filled; a negative error code makes the
 * server answer with its error page: ERR_NOTFOUND 404 and ERR_USAGE or
 * ERR_DATA (bad input only) 400, with e's message shown (escaped);
 * anything else (ERR_DB, ERR_IO, ERR_INTERNAL) 500, where the page shows
 * only a reference number and e's message goes to the error log under
 * that number. */
typedef int (*web_handler)(struct web_req *rq, struct web_resp *rs, struct err *e);

struct web_route {
	const char *method; /* "GET" (also answers HEAD) or "POST" */
	const char *path;   /* exact, or a prefix ending in a star, e.g. "/plan/action/" + star */
	int role;	    /* minimum role */
	web_handler fn;
};

struct web_config {
	const char *bind;	/* address to listen on, default 127.0.0.1 */
	int port;		/* 0 picks a free port (printed on start) */
	const char *db_path;
	int threads;		/* thread pool size (serve defaults to the number of cores) */
	int secure_cookies;	/* add Secure to cookies (behind TLS) */
	int idle_seconds;	/* session idle expiry, default 30 min */
	int absolute_seconds;	/* session absolute expiry, default 12 h */
	size_t max_body;	/* request body limit in bytes (413 above), default 32 MiB */
	int timeout_seconds;	/* connection idle timeout, default 30 */
	const char *access_log; /* file, "-" for stderr (default), "off" */
	/* Limits against abuse (docs/web.md, "Limits"); 0 takes the default. */
	int header_seconds;	     /* request line and headers due within, default 10 */
	int body_seconds;	     /* a form's body due within, default 30; an upload
					gets a second more per 64 KiB */
	unsigned max_connections;    /* open connections, default 1000; a quarter is
					kept for signed-in users */
	unsigned max_anon_per_addr;  /* connections without a session from one
					address, default 64 */
	size_t max_inflight;	     /* bytes of bodies being received, default
					4 x max_body */
	int max_uploads;	     /* uploads being received at once, default 4 */
	const char *const *trusted_proxies; /* --trusted-proxy ADDR[/BITS] texts */
	int n_trusted_proxies;
};

/* Serve routes until SIGINT or SIGTERM, then finish in-flight requests
 * and return 0. Creates the first admin account (printing its one-time
 * password to out) when the database has no users. */
int web_serve(const struct web_config *cfg, const struct web_route *routes,
	      size_t n_routes, FILE *out, struct err *e);

/* --- reading the request --- */

/* The first value of parameter name, or NULL: for GET and HEAD from the
 * query string, for POST from the body only (never the query). */
const char *web_param(const struct web_req *rq, const char *name);
/* The i-th value of a repeated parameter, or NULL past the last. */
const char *web_param_n(const struct web_req *rq, const char *name, int i);
/* The uploaded file field `name`, or NULL. */
const struct web_param *web_upload(const struct web_req *rq, const char *name);

/* --- writing the response --- */

/* printf into the body; every %s argument is HTML-escaped. Numbers
 * (%d %ld %lld %zu %f %.1f %g ...) are written as printf would. */
void web_printf(struct web_resp *rs, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append trusted markup as it is (literals and our own renderers only). */
void web_raw(struct web_resp *rs, const char *html);
/* Append s percent-encoded for a URL query value. */
void web_urlenc(struct buf *b, const char *s);
/* <input type="hidden" name="csrf" ...> for the current session. */
void web_csrf_field(struct web_req *rq, struct web_resp *rs);
/* 303 See Other to a local path (must start with '/'). */
void web_redirect(struct web_resp *rs, const char *path);
/* A message shown once on the next page this session sees ("Action 3.2
 * updated"). Escaped when shown. */
void web_flash(struct web_req *rq, const char *msg);
/* Body from bytes with a content type; filename (if not NULL) makes it
 * a download. */
void web_send(struct web_resp *rs, const char *content_type, const char *data,
	      size_t len, const char *filename);

/* --- the page frame (GOV.UK Frontend) --- */

/* Navigation sections, highlighted in the header. */
enum web_section {
	SEC_NONE,
	SEC_DASHBOARD,
	SEC_PLAN,
	SEC_MONITORING,
	SEC_PEOPLE,
	SEC_ADMIN,
	SEC_PUBLIC,
};
/* Start a page: head, skip link, header with the service name and the
 * navigation the user's role allows, sign-out button, then the one-time
 * flash message, then <main class="govuk-main-wrapper" id="main-content">.
 * title (escaped) goes into <title> and nowhere else: the page writes
 * its own <h1>. */
void web_page_begin(struct web_req *rq, struct web_resp *rs, const char *title,
		    enum web_section section);
/* Close main, the footer and the document. */
void web_page_end(struct web_req *rq, struct web_resp *rs);

/* A GOV.UK error summary for a form: each entry links to its field's id. */
struct web_field_error {
	const char *field_id; /* id of the input, e.g. "status" */
	const char *message;  /* what is wrong and what to do */
};
void web_error_summary(struct web_resp *rs, const struct web_field_error *errs, int n);
/* The error message for field_id among errs, or NULL (to mark the field). */
const char *web_field_error(const struct web_field_error *errs, int n, const char *field_id);

/* --- roles, audit --- */

/* True when the request's user has at least `role`. */
int web_can(const struct web_req *rq, int role);
/* Record a change in the audit log (in the caller's transaction, if one
 * is open): who (the signed-in user), what ("plan.update"), the target
 * ("action 3.2"), and the values before and after (text or JSON; NULL
 * allowed). */
int web_audit(struct web_req *rq, const char *what, const char *target,
	      const char *before, const char *after, struct err *e);

/* --- accounts (web/users.c) --- */

/* Hash a password with argon2id (libsodium's interactive limits) into
 * out (crypto_pwhash_STRBYTES = 128 bytes). */
int web_password_hash(const char *password, char out[128], struct err *e);
/* Constant-time check of password against a stored hash: 1 match, 0 not. */
int web_password_check(const char *password, const char *hash);

/* parity user add / passwd / list, and parity serve (web/cli.c). */
int user_add_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int user_passwd_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int user_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);

#endif
