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
 *   - a route's capability is checked before the handler runs (403
 *     otherwise), and a writing handler checks it again inside its
 *     transaction with web_begin.
 *   - security headers (CSP without inline script, nosniff, referrer
 *     policy, frame-ancestors 'none') go on every response.
 */
#ifndef PARITY_WEB_H
#define PARITY_WEB_H
#include <stddef.h>
#include <stdint.h>
#include "core/buf.h"
#include "core/cli.h"
#include "core/dates.h"
#include "core/room.h"
#include "core/err.h"
#include "store/store.h"

/* Capabilities: what an account may do, one bit each, named as in
 * web_cap_names ("read-plan", ...). A route names the capabilities that
 * open it (any one of them); a role is a bundle of capabilities, and each
 * account has its role plus explicit grants and revokes. A sensitive
 * capability (casework) is granted by name, never implied by a role. */
enum web_cap {
	CAP_READ_PLAN = 1 << 0,		 /* the plan, people, monitoring data, reports and flags */
	CAP_UPDATE_OWN_ACTIONS = 1 << 1, /* the actions whose Lead names the account's initials */
	CAP_UPDATE_ANY_ACTION = 1 << 2,	 /* any action */
	CAP_IMPORT_DATA = 1 << 3,	 /* monitoring extracts */
	CAP_HANDLE_FLAGS = 1 << 4,	 /* explain, act on and close flags */
	CAP_MANAGE_USERS = 1 << 5,	 /* accounts, roles, capabilities, passwords */
	CAP_READ_AUDIT = 1 << 6,	 /* the audit log */
	CAP_CASEWORK = 1 << 7,		 /* the staff network's cases assigned to the account */
	CAP_MAILING = 1 << 8,		 /* the staff network's mailing lists, sending and the outbox */
	CAP_PUBLISH = 1 << 9,		 /* release equality tables to the public pages */
	CAP_MEMBERS = 1 << 10,		 /* the staff network's members, consent and meetings */
	CAP_ADJUSTMENTS = 1 << 11,	 /* reasonable adjustments and flexible working, per person */
	/* Not capabilities: what a route needs when it needs none. */
	CAP_PUBLIC = 0,		/* anyone, signed in or not */
	CAP_SIGNED_IN = 1 << 30, /* any signed-in account */
	/* Not a capability either: added to a GET route's capabilities, it
	 * also opens with ?key=KEY, an account's calendar feed key (see
	 * web_feed_panel), without a session and without making one; the
	 * handler then sees that account as rq->user. A wrong, replaced or
	 * disabled account's key answers 404. */
	CAP_FEED_KEY = 1 << 29,
	/* Not a capability: a navigation entry's cap with this bit is shown
	 * only to an account with lead initials that also holds one of the
	 * other capabilities named (My actions). */
	CAP_LEAD_INITIALS = 1 << 28,
	/* Not a capability: added to a public POST route (with CAP_PUBLIC),
	 * its form is accepted without a session or a form token, urlencoded
	 * or multipart (small, never a file): for RFC 8058 one-click
	 * unsubscribe, where a mail program POSTs "List-Unsubscribe=One-Click"
	 * to the link in the message. The handler must be safe for anyone to
	 * run: the link's own secret token is what authorises it. Such a
	 * route's web_param also reads the query (after the body), where
	 * the link carries its token. */
	CAP_ONE_CLICK = 1 << 27,
};
#define WEB_N_CAPS 12
#define WEB_ALL_CAPS ((1u << WEB_N_CAPS) - 1)
/* The name of one capability bit ("read-plan"), or NULL. */
const char *web_cap_name(unsigned cap);
/* The capability's label for people on the web ("Manage user accounts");
 * "" for an unknown bit. The command line keeps the names. */
const char *web_cap_label(unsigned cap);
/* Append the labels of caps as words in a sentence, the first capitalised:
 * "Read the plan and monitoring reports, update actions they lead and
 * import monitoring data"; "Nothing" for an empty set. */
void web_caps_words(struct buf *b, unsigned caps);
/* A sentence saying what the capability allows, for pages and help. */
const char *web_cap_about(unsigned cap);
/* 1 for a capability reserved for modules still to come (no page needs it). */
int web_cap_reserved(unsigned cap);
/* The capability named s into *out. ERR_USAGE for an unknown name, the
 * message listing every valid one. */
int web_cap_parse(const char *s, unsigned *out, struct err *e);
/* Append the names of caps joined by sep ("read-plan, import-data");
 * "signed-in" for CAP_SIGNED_IN, "none" for an empty set. */
void web_caps_text(struct buf *b, unsigned caps, const char *sep);

/* Roles: bundles of capabilities, not a ladder. viewer = read-plan;
 * lead = viewer + update-own-actions; monitor = lead + update-any-action,
 * import-data, handle-flags, publish; admin = monitor + manage-users,
 * read-audit. The staff network's capabilities (members, mailing),
 * casework and adjustments (reasonable adjustments and flexible working,
 * often health data) are personal data on a need-to-know basis: in no
 * role, granted by name. */
enum web_role {
	ROLE_VIEWER = 1,
	ROLE_LEAD = 2,
	ROLE_MONITOR = 3,
	ROLE_ADMIN = 4,
};
/* "viewer", "lead", ... for a role; "unknown" otherwise. */
const char *web_role_name(int role);
/* The role for people on the web, one form on every page: "Viewer",
 * "Lead", "Monitor", "Admin"; "Unknown" otherwise. */
const char *web_role_label(int role);
/* The role named s, or -1. */
int web_role_parse(const char *s);
/* The capabilities of a role's bundle (0 for an unknown role). */
unsigned web_role_caps(int role);
/* An account's capabilities: its role's bundle, plus grants, minus revokes. */
unsigned web_caps_effective(int role, unsigned grants, unsigned revokes);

/* Lead initials on an account: one or more sets of initials, each 1 to 8
 * letters, separated by commas, slashes or spaces ("JS", "JS/HR"), at
 * most WEB_INITIALS_MAX characters; "" for none. */
#define WEB_INITIALS_MAX 64
/* 0 when s is acceptable lead initials (or empty); ERR_DATA saying what
 * is wrong otherwise. */
int web_initials_ok(const char *s, struct err *e);
/* 1 when an account's lead initials list ("JS/HR", "JS, HR") includes
 * initials (case aside), else 0. */
int web_initials_include(const char *list, const char *initials);

struct web_user {
	int64_t id;
	char name[64];
	int role;		/* the bundle (ROLE_...) */
	unsigned grants;	/* capabilities granted beyond the role */
	unsigned revokes;	/* capabilities of the role taken away */
	unsigned caps;		/* effective: role + grants - revokes */
	char lead_initials[WEB_INITIALS_MAX + 1]; /* as used in plan Lead cells, or "" */
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
	unsigned cap;	    /* CAP_PUBLIC, CAP_SIGNED_IN, or the capabilities (any one) that open it */
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
	const struct web_nav *nav;   /* the navigation, in order (the rooms' entries) */
	size_t n_nav;
	const struct web_audit_word *audit_words; /* the rooms' audit entries in words */
	size_t n_audit_words;
	int n_trusted_proxies;
};

/* Serve routes until SIGINT or SIGTERM, then finish in-flight requests
 * and return 0. Creates the first admin account (printing its one-time
 * password to out) when the database has no users. */
int web_serve(const struct web_config *cfg, const struct web_route *routes,
	      size_t n_routes, FILE *out, struct err *e);

/* A CAP_ONE_CLICK route serves other forms too (its own subscribe or
 * confirm buttons): such a form must still carry the form token. 1 when
 * the POST's "csrf" field is right; web_form_refused answers 403 with the
 * page the server gives for a form without it. */
int web_form_token_ok(const struct web_req *rq);
void web_form_refused(struct web_req *rq, struct web_resp *rs);

/* Accounts that want email reminders: enabled, with an email address and
 * reminders on (web/contact.c). fn is called for each, with the account
 * (its capabilities as they are now) and its address; a negative return
 * stops and is returned. */
typedef int (*web_reminder_fn)(const struct web_user *u, const char *email, void *arg,
			       struct err *e);
int web_reminder_accounts(store_t *db, web_reminder_fn fn, void *arg, struct err *e);
/* Every enabled account, in name order, whether or not it has an email
 * address ("" then) or wants reminders: for a room that chooses among
 * accounts by capability (casework: who may be assigned a case). */
int web_accounts_all(store_t *db, web_reminder_fn fn, void *arg, struct err *e);
/* The enabled account called name, with its capabilities as they are now,
 * into u: 0, or ERR_NOTFOUND "no account called NAME". For the command
 * line's --as where a room checks a capability itself (casework). */
int web_account_get(store_t *db, const char *name, struct web_user *u, struct err *e);

/* --- reading the request --- */

/* The first value of parameter name, or NULL: for GET and HEAD from the
 * query string, for POST from the body only (never the query). */
const char *web_param(const struct web_req *rq, const char *name);
/* The i-th value of a repeated parameter, or NULL past the last. */
const char *web_param_n(const struct web_req *rq, const char *name, int i);
/* A route's trailing '*' of the form "12" or "12/what": the record's
 * number (1 to 2,000,000,000) into *id and what follows the slash into
 * *what ("" when nothing does). -1 when it does not start with a number. */
int web_arg_id(const char *arg, int64_t *id, const char **what);
/* The uploaded file field `name`, or NULL. */
const struct web_param *web_upload(const struct web_req *rq, const char *name);
/* Bytes of web_file_name's out: 120 characters of UTF-8 and the NUL. */
#define WEB_FILE_NAME_MAX 512
/* An upload's own file name, for messages and the audit log: what follows
 * the last slash or backslash of `sent` (old browsers send a whole path),
 * at most 120 characters, control characters made '_'; `fallback` when
 * nothing is left. */
void web_file_name(const char *sent, const char *fallback, char out[WEB_FILE_NAME_MAX]);

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

/* Navigation: each room hands web_serve its entries (core/room.h); a page
 * names its section, and the entry of that section is shown as current.
 * Sections are short names ("plan"); each room defines its own SEC_
 * names, web/ only its own. */
#define SEC_NONE NULL
#define SEC_ADMIN "admin"
#define SEC_AUDIT "audit"
struct web_nav {
	int order;	     /* place in the navigation, smaller first */
	const char *section; /* the section whose pages mark it current */
	unsigned cap;	     /* shown when web_can allows it (as a route's cap) */
	const char *href;
	const char *label;
};
/* Start a page: head, skip link, header with the service name and the
 * navigation the user's capabilities allow, sign-out button, then the one-time
 * flash message, then <main class="govuk-main-wrapper" id="main-content">.
 * title (escaped) goes into <title> and nowhere else: the page writes
 * its own <h1>. */
void web_page_begin(struct web_req *rq, struct web_resp *rs, const char *title,
		    const char *section);
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

/* --- form fields (web/form.c): the one place GOV.UK fields are written --- */

/* A field of a form. */
struct web_field {
	const char *id;	   /* element id, which error summaries link to */
	const char *name;  /* form field name, or NULL for the id */
	const char *label; /* visible label (a fieldset's legend) */
	const char *hint;  /* hint under the label, or NULL */
	const char *value; /* current value (a select's or radio's chosen value), or NULL */
	const char *width; /* extra class ("govuk-input--width-10", "govuk-radios--inline"), or NULL */
	const char *extra; /* more attributes, trusted markup ("spellcheck=\"false\"",
			      "accept=\".csv\""), or NULL */
};
/* One option of radios: value, label and an optional hint. */
struct web_choice {
	const char *value;
	const char *label;
	const char *hint;
};
/* A labelled input of type (text, password, file ...), marked with its
 * error from errs (n of them) when it has one. */
void web_input(struct web_resp *rs, const struct web_field *f, const char *type,
	       const struct web_field_error *errs, int n);
/* A labelled textarea of rows lines. */
void web_textarea(struct web_resp *rs, const struct web_field *f, int rows,
		  const struct web_field_error *errs, int n);
/* A labelled select of n_opts options (values and their labels). */
void web_select(struct web_resp *rs, const struct web_field *f, const char *const *values,
		const char *const *labels, size_t n_opts, const struct web_field_error *errs, int n);
/* A select built option by option: the group, label and <select>; each
 * <option>; the closing tags. */
void web_select_open(struct web_resp *rs, const struct web_field *f,
		     const struct web_field_error *errs, int n);
void web_select_option(struct web_resp *rs, const char *value, const char *label, int selected);
void web_select_close(struct web_resp *rs);
/* Radios in a fieldset whose legend is f->label (the page's h1 when
 * heading is set); the first radio has f->id. */
void web_radios(struct web_resp *rs, const struct web_field *f, const struct web_choice *opts,
		size_t n_opts, int heading, const struct web_field_error *errs, int n);
/* One box of checkboxes: value, label, and whether it is ticked. */
struct web_check {
	const char *value;
	const char *label;
	int checked;
};
/* Checkboxes in a fieldset whose legend is f->label (name f->name, each
 * ticked box sends its value); the first box has f->id. */
void web_checkboxes(struct web_resp *rs, const struct web_field *f, const struct web_check *opts,
		    size_t n_opts, const struct web_field_error *errs, int n);
/* The GOV.UK date input: Day, Month and Year boxes named NAME-day,
 * NAME-month and NAME-year (NAME = f->name or f->id), the day box having
 * f->id; day, month and year are the values to show (or NULL). */
void web_date_input(struct web_resp *rs, const struct web_field *f, const char *day,
		    const char *month, const char *year, const struct web_field_error *errs, int n);
/* The GOV.UK pagination component for page of n_pages (nothing when
 * there is one page): links are base + "page=N", so base is the page's
 * path and query ending in '?' or '&' ("/admin/audit?who=ad&"). */
void web_pagination(struct web_resp *rs, const char *base, long page, long n_pages);
/* Rows a page shows at most (GOV.UK: long lists are paged). */
#define WEB_PAGE_ROWS 50
/* The page asked for (?page=N; 1 when absent or bad, the last page when
 * past it) of n_items shown per_page a page; *n_pages set. */
long web_page_param(const struct web_req *rq, long n_items, long per_page, long *n_pages);
/* Read a date input NAME back: 1 with *out set, 0 when all three boxes
 * are empty, -1 with a GOV.UK message in msg ("Due date must be a real
 * date"; what names the field) otherwise. */
int web_date_read(const struct web_req *rq, const char *name, const char *what,
		  struct date *out, char msg[160]);

/* --- calendar feed keys (web/feedkey.c) --- */

/* The "Subscribe to the calendar" section of a page (the plan page, the
 * account page): what the feed address is for, when the account's key
 * was made and last used, and the "Make a new key" button (a form to
 * POST /account/feed-key, which shows the new address once). back is the
 * local page the result page links back to ("/plan"). Writes nothing for
 * an account that may not read the feed. */
void web_feed_panel(struct web_req *rq, struct web_resp *rs, const char *back);
/* The address of this server as the browser reached it (scheme and Host
 * header, "https" with --secure-cookies) followed by path, into b. */
void web_self_url(const struct web_req *rq, struct buf *b, const char *path);

/* --- capabilities, audit --- */

/* True when the request may do what caps names: always for CAP_PUBLIC;
 * for any signed-in user for CAP_SIGNED_IN; otherwise when the signed-in
 * user holds at least one of the capabilities in caps. */
int web_can(const struct web_req *rq, unsigned caps);
/* Answer 403 with the page saying which capability was needed (rs is
 * emptied first). */
void web_forbidden(struct web_req *rq, struct web_resp *rs, unsigned caps);
/* Begin the writing transaction of a handler (BEGIN IMMEDIATE) and check,
 * inside it, that the signed-in user still exists and holds one of caps:
 * an administrator may have changed the account since the request was
 * let in. Returns 0 inside the transaction; 1 when the user may no longer
 * do it (rolled back, and the 403 page written into rs); negative (e
 * filled) when the database fails. */
int web_begin(struct web_req *rq, struct web_resp *rs, unsigned caps, struct err *e);
/* The check of web_begin alone, inside a transaction the caller has begun
 * (a staged import checks in the transaction that swaps it in): 0 when
 * the user may go on; 1 when not (the 403 page written into rs; the caller
 * rolls back); negative (e filled) when the database fails. */
int web_recheck(struct web_req *rq, struct web_resp *rs, unsigned caps, struct err *e);
/* What an audit log entry means, in words: "plan.update" is "Updated an
 * action". Each room registers the entries it writes (core/room.h). */
struct web_audit_word {
	const char *what;
	const char *words;
};
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

/* The web room's own pages — sign-in and account (auth.c), users and
 * audit log (users.c) — which web_serve serves besides the site's. */
extern const struct web_route web_auth_pages[];
extern const size_t web_auth_n_pages;
extern const struct web_route web_admin_pages[];
extern const size_t web_admin_n_pages;

/* The web room: the user commands (web/users.c) and its navigation;
 * its pages web_serve serves itself. */
extern const struct room web_room;

#endif
