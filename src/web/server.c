/*
 * web/server.c: the HTTP server on GNU libmicrohttpd — a thread pool,
 * request limits and timeouts, one database connection per thread, the
 * route table walk with capability and CSRF checks, static assets embedded in
 * the binary, security headers on every response, an access log, and a
 * clean stop on SIGINT/SIGTERM.
 *
 * A request is judged in two steps. When its headers are in (the first
 * call of the access handler) the session, the route, the capability and, for
 * a POST, the body are decided: a body is read only if the route exists,
 * the sender may use it and the token allows it (web/http.c says how),
 * within the caps of web/guard.c; otherwise the answer goes at once and
 * the body is never read. GET pages are answered then and there. A POST
 * is answered when its body is in (form fields in memory, uploads in
 * unlinked temporary files).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "web/guard.h"
#include "web/http.h"
#include "web/internal.h"

struct embedded_file {
	const char *name;
	const char *data;
	size_t len;
};
extern const struct embedded_file web_assets[];

#define CSP                                                                           \
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " \
	"font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "       \
	"frame-ancestors 'none'"

struct server {
	const struct web_config *cfg;
	const struct web_route *routes[3];
	size_t n_routes[3];
	FILE *log; /* access log, NULL when off */
	int in_flight; /* requests begun and not completed (atomic) */
	pthread_mutex_t log_lock;
	pthread_key_t db_key;
	struct http_net *proxies; /* --trusted-proxy networks */
	size_t n_proxies;
	struct guard_config guard;
};

/* Caps on what a form may bring: a signed-in user's form (text fields,
 * also those of an upload) and a signed-out visitor's (the sign-in form). */
#define FORM_MAX ((size_t)64 << 10)
#define PUBLIC_FORM_MAX ((size_t)16 << 10)
/* libmicrohttpd's post processor buffer (keys and part headers) */
#define PP_BUFFER 16384
#define RETRY_AFTER "10" /* seconds, with 503 */
/* A refused POST whose body is at most this long is read and thrown away
 * before the answer goes: closing a socket with unread data resets the
 * connection, and a browser would show that instead of the page (a form
 * sent after the session expired). Longer bodies are not read at all. */
#define DRAIN_MAX ((uint64_t)64 << 10)

/* One request in flight: what the access handler keeps between calls,
 * from the request line (uri_log) to on_completed. */
struct conn {
	struct MHD_PostProcessor *pp;
	struct http_form form;	   /* query (GET) or body (POST) fields */
	struct web_ctx x;	   /* session, token, cookies to set */
	struct web_req rq;	   /* what the handler sees */
	const struct web_route *route;
	struct guard_sock *gs;	   /* the connection, as the guard sees it */
	char addr[64];		   /* client address (after trusted proxies) */
	char *raw_uri;		   /* request target as sent, for next= */
	int started;		   /* the headers have been judged */
	int expired;		   /* the session cookie had expired */
	int csrf_checked;	   /* token already good (header or query) */
	char *feed_key;		   /* ?key= of a GET to a CAP_FEED_KEY route: no
				      session is read or made for it */
	uint64_t cap;		   /* most body bytes accepted */
	uint64_t reserved;	   /* bytes reserved with the guard */
	int upload;		   /* the body is an upload (holds an upload place) */
	uint64_t body_bytes;
	int bad_body;
	int retry_after;	   /* send Retry-After (503) */
	struct web_resp *held;	   /* a refusal kept until a small body is in */
	int unread;		   /* answered with a body left unread */
	uint64_t drain;		   /* bytes of that body still to come */
	int status; /* for the access log */
	size_t sent;
	struct timespec start;
	char user[64];
	char *method, *url;
};

static struct server srv;

/* Errors (ours and libmicrohttpd's) go to standard error, whatever
 * happens to the access log. */
static void errlog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void errlog(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pthread_mutex_lock(&srv.log_lock);
	fputs("parity serve: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	pthread_mutex_unlock(&srv.log_lock);
	va_end(ap);
}


/* ---------- parameters ---------- */

static enum MHD_Result query_iter(void *cls, enum MHD_ValueKind kind, const char *key,
				  const char *value)
{
	struct conn *c = cls;
	return http_form_add_text(&c->form, key, value) < 0 ? MHD_NO : MHD_YES;
}

static enum MHD_Result post_iter(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *filename, const char *content_type,
				 const char *transfer_encoding, const char *data, uint64_t off,
				 size_t size)
{
	struct conn *c = cls;
	return http_form_add(&c->form, key, filename, data, off, size) < 0 ? MHD_NO : MHD_YES;
}

const char *web_param_n(const struct web_req *rq, const char *name, int i)
{
	size_t k;
	for (k = 0; k < rq->n_params; k++)
		if (!strcmp(rq->params[k].name, name) && i-- == 0)
			return rq->params[k].value;
	return NULL;
}

int web_arg_id(const char *arg, int64_t *id, const char **what)
{
	char num[24];
	const char *slash = strchr(arg, '/');
	size_t n = slash ? (size_t)(slash - arg) : strlen(arg);
	long v;
	if (n == 0 || n >= sizeof num)
		return -1;
	memcpy(num, arg, n);
	num[n] = 0;
	if (str_to_int(num, 1, 2000000000L, &v) < 0)
		return -1;
	*id = v;
	*what = slash ? slash + 1 : "";
	return 0;
}

const char *web_param(const struct web_req *rq, const char *name)
{
	return web_param_n(rq, name, 0);
}

const struct web_param *web_upload(const struct web_req *rq, const char *name)
{
	size_t k;
	for (k = 0; k < rq->n_params; k++)
		if (!strcmp(rq->params[k].name, name) && rq->params[k].filename)
			return &rq->params[k];
	return NULL;
}

/* ---------- per-thread database ---------- */

static void db_close(void *p)
{
	store_close(p);
}

static store_t *thread_db(struct err *e)
{
	store_t *db = pthread_getspecific(srv.db_key);
	if (db)
		return db;
	if (store_open(srv.cfg->db_path, &db, e) < 0)
		return NULL;
	pthread_setspecific(srv.db_key, db);
	return db;
}

/* ---------- responses ---------- */

void web_send(struct web_resp *rs, const char *content_type, const char *data, size_t len,
	      const char *filename)
{
	size_t i, n = 0;
	rs->content_type = content_type;
	buf_append(&rs->body, data, len);
	if (filename) {
		/* keep the name to safe characters: it goes into a header */
		char safe[200];
		for (i = 0; filename[i] && n < sizeof safe - 1; i++) {
			char ch = filename[i];
			safe[n++] = (ch == '"' || ch == '\\' || (unsigned char)ch < 32) ? '_' : ch;
		}
		safe[n] = '\0';
		snprintf(rs->disposition, sizeof rs->disposition, "attachment; filename=\"%s\"", safe);
	}
}

void web_redirect(struct web_resp *rs, const char *path)
{
	rs->status = 303;
	if (!http_local_path_ok(path))
		path = "/";
	snprintf(rs->location, sizeof rs->location, "%s", path);
}

static void add_common_headers(struct MHD_Response *r, int no_store)
{
	MHD_add_response_header(r, "Content-Security-Policy", CSP);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	if (no_store)
		MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result send_buf(struct MHD_Connection *mc, struct conn *c, struct web_req *rq,
				struct web_resp *rs)
{
	struct web_ctx *x = rq ? rq->priv : NULL;
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t len = rs->body.len;
	char *data = buf_take(&rs->body);
	int i;
	if (rs->body.failed || !data) {
		free(data);
		data = NULL;
		len = 0;
	}
	r = MHD_create_response_from_buffer(len, data ? data : (void *)"", data ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (!r) {
		free(data);
		return MHD_NO;
	}
	add_common_headers(r, rs->no_store || (rq && rq->user));
	MHD_add_response_header(r, "Content-Type",
				rs->content_type ? rs->content_type : "text/html; charset=utf-8");
	if (rs->location[0])
		MHD_add_response_header(r, "Location", rs->location);
	if (rs->disposition[0])
		MHD_add_response_header(r, "Content-Disposition", rs->disposition);
	for (i = 0; x && i < x->n_cookies; i++)
		MHD_add_response_header(r, "Set-Cookie", x->cookies[i]);
	if (c->retry_after)
		MHD_add_response_header(r, "Retry-After", RETRY_AFTER);
	c->status = rs->status ? rs->status : 200;
	c->sent = len;
	guard_sending(c->gs, len);
	ret = MHD_queue_response(mc, (unsigned)c->status, r);
	MHD_destroy_response(r);
	return ret;
}

/* A bare error answer for when no page can be rendered (limits, bad
 * requests before routing). */
static enum MHD_Result send_plain(struct MHD_Connection *mc, struct conn *c, int status,
				  const char *msg)
{
	struct web_resp rs = {0};
	rs.status = status;
	rs.content_type = "text/plain; charset=utf-8";
	buf_puts(&rs.body, msg);
	buf_putc(&rs.body, '\n');
	return send_buf(mc, c, NULL, &rs);
}

static void error_page(struct web_req *rq, struct web_resp *rs, int status, const char *title,
		       const char *msg)
{
	buf_reset(&rs->body);
	rs->status = status;
	rs->content_type = NULL;
	rs->disposition[0] = '\0';
	rs->location[0] = '\0';
	web_page_begin(rq, rs, title, SEC_NONE);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
	web_printf(rs, "<p class=\"govuk-body\">%s</p>\n", msg);
	web_raw(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the dashboard</a></p>\n");
	web_page_end(rq, rs);
}

/* The 500 page: the detail (a database message, a path) goes to the
 * error log under a random reference; the page shows the reference only,
 * for the user to quote to their administrator. */
static void fault_page(struct web_req *rq, struct web_resp *rs, const char *method,
		       const char *path, const struct err *e)
{
	char ref[9], msg[200];
	struct buf where = BUF_INIT;
	uint32_t r = randombytes_random();
	snprintf(ref, sizeof ref, "%08" PRIx32, r);
	http_log_escape(&where, method);
	buf_putc(&where, ' ');
	http_log_escape(&where, path);
	buf_puts(&where, ": ");
	http_log_escape(&where, e->msg[0] ? e->msg : "(no message)");
	errlog("error %s: %s", ref, buf_str(&where));
	buf_free(&where);
	snprintf(msg, sizeof msg,
		 "Try again later. If it keeps happening, tell your administrator the reference "
		 "%s.", ref);
	error_page(rq, rs, 500, "Sorry, there is a problem with the service", msg);
}

/* ---------- static assets ---------- */

static const char *asset_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return "application/octet-stream";
	if (!strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (!strcmp(dot, ".js"))
		return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".svg"))
		return "image/svg+xml";
	if (!strcmp(dot, ".png"))
		return "image/png";
	if (!strcmp(dot, ".ico"))
		return "image/x-icon";
	return "application/octet-stream";
}

static enum MHD_Result send_asset(struct MHD_Connection *mc, struct conn *c, const char *name)
{
	const struct embedded_file *f;
	struct MHD_Response *r;
	enum MHD_Result ret;
	for (f = web_assets; f->name; f++)
		if (!strcmp(f->name, name))
			break;
	if (!f->name)
		return send_plain(mc, c, 404, "Not found");
	r = MHD_create_response_from_buffer(f->len, (void *)f->data, MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	add_common_headers(r, 0);
	MHD_add_response_header(r, "Content-Type", asset_type(f->name));
	MHD_add_response_header(r, "Cache-Control", "public, max-age=3600");
	c->status = 200;
	c->sent = f->len;
	guard_sending(c->gs, f->len);
	ret = MHD_queue_response(mc, 200, r);
	MHD_destroy_response(r);
	return ret;
}

/* ---------- request headers ---------- */

static int is_hex_token(const char *s)
{
	size_t i;
	if (!s || strlen(s) != WEB_TOKEN_HEX)
		return 0;
	for (i = 0; i < WEB_TOKEN_HEX; i++)
		if (!strchr("0123456789abcdef", s[i]))
			return 0;
	return 1;
}

/* sent equals the token want, in constant time. */
static int token_eq(const char *sent, const char *want)
{
	return sent && strlen(sent) == WEB_TOKEN_HEX && strlen(want) == WEB_TOKEN_HEX &&
	       sodium_memcmp(sent, want, WEB_TOKEN_HEX) == 0;
}

/* The form's csrf field (from the body: POST fields never come from the
 * query) matches the request's token. */
static int csrf_ok(const struct web_req *rq)
{
	return token_eq(web_param(rq, "csrf"), rq->csrf);
}

struct header_scan {
	const char *name; /* header wanted */
	struct buf *all;  /* for header_all: every value, joined with "," */
	char *out;	  /* for cookie_get: the cookie's value */
	size_t cap;
	int found;
};

static enum MHD_Result header_join(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	struct header_scan *h = cls;
	if (key && value && !strcasecmp(key, h->name)) {
		if (h->all->len)
			buf_putc(h->all, ',');
		buf_puts(h->all, value);
	}
	return MHD_YES;
}

/* Every header called name, joined with "," (as HTTP allows). */
static void header_all(struct MHD_Connection *mc, const char *name, struct buf *out)
{
	struct header_scan h = {name, out, NULL, 0, 0};
	MHD_get_connection_values(mc, MHD_HEADER_KIND, header_join, &h);
}

static enum MHD_Result cookie_scan(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	struct header_scan *h = cls;
	if (key && value && !strcasecmp(key, "Cookie") && http_cookie(value, h->name, h->out, h->cap))
		h->found = 1;
	return h->found ? MHD_NO : MHD_YES;
}

/* The value of cookie name into out ("" when absent or too long). */
static void cookie_get(struct MHD_Connection *mc, const char *name, char *out, size_t cap)
{
	struct header_scan h = {name, NULL, out, cap, 0};
	out[0] = '\0';
	MHD_get_connection_values(mc, MHD_HEADER_KIND, cookie_scan, &h);
	if (!h.found)
		out[0] = '\0';
}

static void peer_address(struct MHD_Connection *mc, char out[64])
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, 64, "unknown");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out, 64);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, out,
			  64);
}

/* The client: the peer, or for a trusted proxy the address it forwards
 * (X-Forwarded-For); used for sign-in throttling, the audit log and the
 * access log. */
static void client_address(struct MHD_Connection *mc, char out[64])
{
	char peer[64];
	struct buf xff = BUF_INIT;
	peer_address(mc, peer);
	if (srv.n_proxies)
		header_all(mc, "X-Forwarded-For", &xff);
	http_client_addr(peer, xff.len ? buf_str(&xff) : NULL, srv.proxies, srv.n_proxies, out);
	buf_free(&xff);
}

/* ---------- judging a request ---------- */

/* Send rs (with the visitor's token cookie when new); HEAD gets no body. */
static enum MHD_Result answer(struct MHD_Connection *mc, struct conn *c, struct web_resp *rs)
{
	enum MHD_Result ret;
	if (c->x.set_csrf_cookie)
		web_set_cookie(&c->rq, "parity_csrf", c->x.csrf, 0);
	if (!strcmp(c->method, "HEAD"))
		buf_reset(&rs->body);
	ret = send_buf(mc, c, &c->rq, rs);
	buf_free(&rs->body);
	return ret;
}

/* Answer a refused request: at once, or for a POST with a small body
 * once that body has been read and thrown away (see DRAIN_MAX). */
static enum MHD_Result refuse(struct MHD_Connection *mc, struct conn *c, struct web_resp *rs)
{
	const char *len = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
						      MHD_HTTP_HEADER_CONTENT_LENGTH);
	uint64_t n = len ? strtoull(len, NULL, 10)
		 : MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
					       MHD_HTTP_HEADER_TRANSFER_ENCODING) ? DRAIN_MAX : 0;
	if (strcmp(c->method, "POST") || n == 0 || n > DRAIN_MAX) {
		c->unread = n > 0;
		return answer(mc, c, rs);
	}
	c->held = xmalloc(sizeof *c->held);
	*c->held = *rs;
	c->drain = n;
	guard_body(c->gs, n, 0);
	return MHD_YES;
}

/* The Host header into c->x.host when it holds only the characters of a
 * host name, an IPv6 address and a port (for web_self_url). */
static void request_host(struct MHD_Connection *mc, struct conn *c)
{
	const char *h = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	size_t n = h ? strlen(h) : 0;
	if (!n || n >= sizeof c->x.host ||
	    strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") != n)
		return;
	memcpy(c->x.host, h, n + 1);
}

/* The database, the session named by the cookie, and the token forms
 * must send back. -1 when the database cannot be opened. */
static int session_setup(struct MHD_Connection *mc, struct conn *c)
{
	struct web_req *rq = &c->rq;
	struct err e = {0};
	char tok[WEB_TOKEN_HEX + 2];
	rq->db = thread_db(&e);
	if (!rq->db) {
		errlog("%s", e.msg);
		return -1;
	}
	if (c->feed_key) {
		/* a calendar program: no cookie is read, none is set */
		web_token_new(c->x.csrf);
		return 0;
	}
	cookie_get(mc, "parity_session", tok, sizeof tok);
	if (is_hex_token(tok) && web_session_load(rq, tok, &c->expired, &e) < 0) {
		errlog("%s", e.msg);
		err_clear(&e);
	}
	if (rq->user)
		snprintf(c->user, sizeof c->user, "%s", rq->user->name);
	if (!c->x.csrf[0]) {
		cookie_get(mc, "parity_csrf", tok, sizeof tok);
		if (is_hex_token(tok)) {
			memcpy(c->x.csrf, tok, WEB_TOKEN_HEX + 1);
		} else {
			web_token_new(c->x.csrf);
			c->x.set_csrf_cookie = 1;
		}
	}
	return 0;
}

/* A request with a calendar feed key (web/feedkey.c): the key's account
 * stands for the signed-in user, for this request only. 0 when it may go
 * on; 1 with a 404 in rs for a wrong or replaced key, a disabled account,
 * or one whose capabilities do not open the route. */
static int feed_key_check(struct conn *c, struct web_resp *rs)
{
	struct web_req *rq = &c->rq;
	struct err e = {0};
	int rc = web_feed_key_user(rq->db, c->feed_key, &c->x.user, &e);
	if (rc == 0) {
		rq->user = &c->x.user;
		snprintf(c->user, sizeof c->user, "%s", rq->user->name);
		if (web_can(rq, c->route->cap & ~(unsigned)CAP_FEED_KEY))
			return 0;
		rq->user = NULL;
	} else if (rc != ERR_NOTFOUND) {
		fault_page(rq, rs, rq->method, rq->path, &e);
		return 1;
	}
	error_page(rq, rs, 404, "Page not found",
		   "This calendar address does not work: its key is wrong, or a new key has been "
		   "made since. Sign in and make a new key on the action plan page or your "
		   "account page.");
	return 1;
}

/* The route, sign-in and capability: 0 when the request may go on, 1 when rs
 * holds the answer (an error page, or a redirect to sign in that keeps
 * the whole address asked for, query included, in next=). */
static int access_check(struct conn *c, struct web_resp *rs)
{
	struct web_req *rq = &c->rq;
	int mismatch = 0;
	c->route = http_route_find(srv.routes, srv.n_routes, 3, rq->method, rq->path, &rq->arg,
				   &mismatch);
	if (!c->route) {
		if (mismatch)
			error_page(rq, rs, 405, "Method not allowed",
				   "This address does not accept that kind of request.");
		else
			error_page(rq, rs, 404, "Page not found",
				   "If you typed the web address, check it is correct.");
		return 1;
	}
	if (c->feed_key)
		return feed_key_check(c, rs);
	if ((c->route->cap & ~(unsigned)CAP_ONE_CLICK) != CAP_PUBLIC && !rq->user) {
		if (strcmp(rq->method, "POST")) {
			struct buf to = BUF_INIT;
			buf_puts(&to, c->expired ? "/login?expired=1&next=" : "/login?next=");
			web_urlenc(&to, c->raw_uri ? c->raw_uri : rq->path);
			web_redirect(rs, buf_str(&to));
			buf_free(&to);
		} else {
			error_page(rq, rs, 403, "Sign in to continue",
				   c->expired ? "Your session has expired. Sign in again, then repeat the change."
					      : "You need to sign in to do that.");
		}
		return 1;
	}
	if (rq->user && rq->user->must_change && strcmp(rq->path, "/account/password") &&
	    strcmp(rq->path, "/logout") && strncmp(rq->path, "/assets/", 8)) {
		web_redirect(rs, "/account/password");
		return 1;
	}
	if (!web_can(rq, c->route->cap)) {
		web_forbidden(rq, rs, c->route->cap);
		return 1;
	}
	return 0;
}

int web_form_token_ok(const struct web_req *rq)
{
	return csrf_ok(rq);
}

void web_form_refused(struct web_req *rq, struct web_resp *rs)
{
	error_page(rq, rs, 403, "The form could not be accepted",
		   "The form had expired or did not come from this site. Go back, reload "
		   "the page and try again.");
}

/* Run the route's handler (after the form's token check for a POST) and
 * turn a failure into its error page. */
static void run(struct conn *c, struct web_resp *rs)
{
	struct web_req *rq = &c->rq;
	struct err e = {0};
	int rc;
	if (!strcmp(rq->method, "POST") && !c->csrf_checked && !csrf_ok(rq)) {
		error_page(rq, rs, 403, "The form could not be accepted",
			   "The form had expired or did not come from this site. Go back, reload "
			   "the page and try again.");
		return;
	}
	rc = c->route->fn(rq, rs, &e);
	if (rc >= 0)
		return;
	store_rollback(rq->db);
	if (rc == ERR_NOTFOUND)
		error_page(rq, rs, 404, "Page not found",
			   e.msg[0] ? e.msg : "If you typed the web address, check it is correct.");
	else if (rc == ERR_USAGE || rc == ERR_DATA)
		error_page(rq, rs, 400, "There is a problem with the request",
			   e.msg[0] ? e.msg : "Check what you entered and try again.");
	else
		fault_page(rq, rs, rq->method, rq->path, &e);
}

static const char *status_title(int status)
{
	switch (status) {
	case 403: return "The form could not be accepted";
	case 413: return "The file is too large";
	case 415: return "The form could not be read";
	case 503: return "The server is busy";
	default: return "There is a problem with the request";
	}
}

/* A POST whose route and sender are fine: judge its body from the
 * headers (web/http.c), reserve room for it with the guard, and get
 * ready to read it; or answer at once without reading it. */
static enum MHD_Result post_begin(struct MHD_Connection *mc, struct conn *c, struct web_resp *rs)
{
	struct web_req *rq = &c->rq;
	struct http_body_rule r = {0};
	const char *len = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
						      MHD_HTTP_HEADER_CONTENT_LENGTH);
	const char *te = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_TRANSFER_ENCODING);
	const char *tok = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-CSRF-Token");
	const char *why;
	int st;
	r.kind = http_body_kind(
		MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE));
	r.length = len ? strtoull(len, NULL, 10) : te ? HTTP_LEN_UNKNOWN : 0;
	r.signed_in = rq->user != NULL;
	r.form_max = FORM_MAX;
	r.public_max = PUBLIC_FORM_MAX;
	r.upload_max = srv.cfg->max_body;
	if (!tok && r.kind == HTTP_BODY_MULTIPART)
		tok = MHD_lookup_connection_value(mc, MHD_GET_ARGUMENT_KIND, "csrf");
	r.csrf = !tok ? HTTP_CSRF_NONE : token_eq(tok, c->x.csrf) ? HTTP_CSRF_GOOD : HTTP_CSRF_BAD;
	if (c->x.set_csrf_cookie) /* a new visitor: no token to match yet */
		r.csrf = HTTP_CSRF_BAD;
	r.one_click = (c->route->cap & CAP_ONE_CLICK) != 0;
	st = http_body_check(&r, &c->cap, &c->upload, &why);
	if (st) {
		error_page(rq, rs, st, status_title(st), why);
		c->upload = 0;
		return refuse(mc, c, rs);
	}
	c->csrf_checked = r.csrf == HTTP_CSRF_GOOD || r.one_click;
	c->reserved = r.length == HTTP_LEN_UNKNOWN ? c->cap : r.length;
	if (guard_reserve(c->reserved, c->upload) < 0) {
		c->reserved = 0;
		c->retry_after = 1;
		error_page(rq, rs, 503, status_title(503),
			   c->upload ? "Too many files are being uploaded just now. Wait a minute, "
				       "then send the file again."
				     : "Too many forms are being sent just now. Wait a minute, then "
				       "try again.");
		c->upload = 0;
		return refuse(mc, c, rs);
	}
	c->form.max_mem = rq->user ? FORM_MAX : PUBLIC_FORM_MAX;
	c->form.max_file = r.one_click ? 0 : srv.cfg->max_body;
	if (r.length == 0)
		return MHD_YES;
	c->pp = MHD_create_post_processor(mc, PP_BUFFER, post_iter, c);
	if (!c->pp) {
		error_page(rq, rs, 400, status_title(400),
			   "The request body was not a form this server understands.");
		return answer(mc, c, rs);
	}
	guard_body(c->gs, c->reserved, c->upload);
	return MHD_YES;
}

/* A piece of the body. Over the cap (a body without Content-Length) the
 * connection is closed: nothing more of it is read. */
static enum MHD_Result post_piece(struct conn *c, const char *data, size_t n)
{
	if (c->held) {
		if (n > c->drain)
			return MHD_NO;
		c->drain -= n;
		return MHD_YES;
	}
	if (!c->pp)
		return MHD_NO;
	c->body_bytes += n;
	if (c->body_bytes > c->cap) {
		c->status = 413;
		return MHD_NO;
	}
	if (!c->bad_body && MHD_post_process(c->pp, data, n) != MHD_YES)
		c->bad_body = 1;
	return MHD_YES;
}

/* The body is in: check it was read whole, map the uploads, run. */
static enum MHD_Result post_end(struct MHD_Connection *mc, struct conn *c)
{
	struct web_req *rq = &c->rq;
	struct web_resp rs = {0};
	struct err e = {0};
	rs.status = 200;
	guard_working(c->gs, rq->user != NULL);
	if (c->pp) {
		if (MHD_destroy_post_processor(c->pp) != MHD_YES && !c->form.error)
			c->bad_body = 1;
		c->pp = NULL;
	}
	if (c->form.error == HTTP_FORM_IO || (!c->bad_body && http_form_finish(&c->form) < 0)) {
		err_set(&e, ERR_INTERNAL, "cannot keep an upload in a temporary file in %s; check "
			"that the directory exists and the disk has room",
			getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		fault_page(rq, &rs, rq->method, rq->path, &e);
	} else if (c->form.error == HTTP_FORM_TOO_BIG)
		error_page(rq, &rs, 413, status_title(413),
			   c->upload ? "The form's text fields are longer than this server accepts."
				     : "The form sent more than this server accepts.");
	else if (c->bad_body || c->form.error)
		error_page(rq, &rs, 400, "The form could not be read",
			   c->form.error == HTTP_FORM_TOO_MANY
				   ? "The form had more fields or files than this server accepts."
				   : "The request body was not a form this server understands.");
	else {
		/* A one-click link carries its secret in its query (RFC 8058: the
		 * mail program POSTs to the List-Unsubscribe URL as it is), so
		 * such a route also gets the query's fields, after the body's. */
		if (c->route && (c->route->cap & CAP_ONE_CLICK))
			MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, query_iter, c);
		rq->params = c->form.params;
		rq->n_params = c->form.n_params;
		run(c, &rs);
	}
	return answer(mc, c, &rs);
}

/* The headers are in: judge the request. GET and HEAD are answered now;
 * a POST is answered now when it is refused, else once its body is in. */
static enum MHD_Result first_call(struct MHD_Connection *mc, struct conn *c, const char *method,
				  const char *url)
{
	struct web_req *rq = &c->rq;
	struct web_resp rs = {0};
	const char *len = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
						      MHD_HTTP_HEADER_CONTENT_LENGTH);
	int is_post = !strcmp(method, "POST");
	rs.status = 200;
	c->started = 1;
	c->method = xstrdup(method);
	c->url = xstrdup(url);
	client_address(mc, c->addr);
	c->x.cfg = srv.cfg;
	rq->method = c->method;
	rq->path = c->url;
	rq->remote = c->addr;
	rq->priv = &c->x;
	rq->csrf = c->x.csrf;
	rq->arg = "";
	if (!is_post && strcmp(method, "GET") && strcmp(method, "HEAD")) {
		guard_working(c->gs, 0);
		return send_plain(mc, c, 405, "Method not allowed");
	}
	if (!is_post && ((len && strtoull(len, NULL, 10) > 0) ||
			 MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_TRANSFER_ENCODING))) {
		guard_working(c->gs, 0);
		return send_plain(mc, c, 400, "A GET request has no body.");
	}
	if (!is_post && !strncmp(url, "/assets/", 8)) {
		guard_working(c->gs, 0);
		return send_asset(mc, c, url + 8);
	}
	request_host(mc, c);
	if (!is_post) {
		const char *key = MHD_lookup_connection_value(mc, MHD_GET_ARGUMENT_KIND, "key");
		const struct web_route *r;
		int mismatch = 0;
		if (key && (r = http_route_find(srv.routes, srv.n_routes, 3, rq->method, rq->path,
						&rq->arg, &mismatch)) != NULL &&
		    (r->cap & CAP_FEED_KEY))
			c->feed_key = xstrdup(key);
		rq->arg = "";
	}
	if (session_setup(mc, c) < 0) {
		guard_working(c->gs, 0);
		return send_plain(mc, c, 503, "The database could not be opened; see the server log.");
	}
	guard_working(c->gs, rq->user != NULL);
	if (access_check(c, &rs))
		return refuse(mc, c, &rs);
	if (is_post)
		return post_begin(mc, c, &rs);
	c->form.max_mem = FORM_MAX;
	MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, query_iter, c);
	rq->params = c->form.params;
	rq->n_params = c->form.n_params;
	run(c, &rs);
	return answer(mc, c, &rs);
}

/* ---------- libmicrohttpd callbacks ---------- */

/* A request line arrived: the request begins (its headers are due). */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *mc)
{
	struct conn *c = xcalloc(1, sizeof *c);
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	c->gs = ci ? ci->socket_context : NULL;
	guard_request_line(c->gs);
	c->raw_uri = xstrdup(uri ? uri : "");
	clock_gettime(CLOCK_MONOTONIC, &c->start);
	__atomic_add_fetch(&srv.in_flight, 1, __ATOMIC_SEQ_CST);
	return c;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct conn *c = *con_cls;
	if (!c)
		*con_cls = c = on_uri(NULL, url, mc);
	if (!c->started)
		return first_call(mc, c, method, url);
	if (*upload_size) {
		size_t n = *upload_size;
		*upload_size = 0;
		return post_piece(c, upload_data, n);
	}
	if (c->held) {
		struct web_resp *rs = c->held;
		enum MHD_Result ret;
		c->held = NULL;
		guard_working(c->gs, 0);
		ret = answer(mc, c, rs);
		free(rs);
		return ret;
	}
	if (c->route && !strcmp(c->method, "POST"))
		return post_end(mc, c);
	return MHD_NO;
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct conn *c = *con_cls;
	if (!c)
		return;
	if (srv.log && c->status) {
		struct timespec now;
		struct buf line = BUF_INIT;
		char addr[64], ts[21];
		double ms;
		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (now.tv_sec - c->start.tv_sec) * 1e3 + (now.tv_nsec - c->start.tv_nsec) / 1e6;
		if (c->addr[0])
			snprintf(addr, sizeof addr, "%s", c->addr);
		else
			peer_address(mc, addr);
		date_now_iso(ts);
		buf_printf(&line, "%s %s ", ts, addr);
		http_log_escape(&line, c->user[0] ? c->user : "-");
		buf_puts(&line, " \"");
		http_log_escape(&line, c->method);
		buf_putc(&line, ' ');
		http_log_escape(&line, c->url);
		buf_printf(&line, "\" %d %zu %.1fms\n", c->status, c->sent, ms);
		pthread_mutex_lock(&srv.log_lock);
		fputs(buf_str(&line), srv.log);
		fflush(srv.log);
		pthread_mutex_unlock(&srv.log_lock);
		buf_free(&line);
	}
	if (c->unread && toe == MHD_REQUEST_TERMINATED_COMPLETED_OK) {
		const union MHD_ConnectionInfo *fd =
			MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (fd)
			guard_linger(fd->connect_fd);
	}
	if (c->pp)
		MHD_destroy_post_processor(c->pp);
	if (c->held) {
		buf_free(&c->held->body);
		free(c->held);
	}
	if (c->reserved || c->upload)
		guard_release(c->reserved, c->upload);
	http_form_free(&c->form);
	free(c->x.flash);
	free(c->raw_uri);
	free(c->method);
	free(c->url);
	free(c->feed_key);
	guard_request_done(c->gs);
	free(c);
	*con_cls = NULL;
	__atomic_sub_fetch(&srv.in_flight, 1, __ATOMIC_SEQ_CST);
}

/* A connection opened or closed: the guard keeps count. */
static void on_connection(void *cls, struct MHD_Connection *mc, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd =
			MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CONNECTION_FD);
		const union MHD_ConnectionInfo *ad =
			MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		*socket_context = guard_open(fd ? fd->connect_fd : -1, ad ? ad->client_addr : NULL);
	} else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
		guard_close(*socket_context);
		*socket_context = NULL;
	}
}

static void mhd_log(void *cls, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];
	size_t n;
	vsnprintf(line, sizeof line, fmt, ap);
	n = strlen(line);
	while (n && line[n - 1] == '\n')
		line[--n] = '\0';
	/* A client that went away mid-request (or that the guard closed, a
	 * thousand times a minute under attack) is not an error of ours; the
	 * guard's minute report counts the closures. */
	if (strstr(line, "detected connection closure"))
		return;
	errlog("%s", line);
}

/* ---------- start and stop ---------- */

/* What the guard did in the last minute, for the administrator. */
static void guard_report(unsigned long timed_out, unsigned long evicted, unsigned long busy)
{
	errlog("in the last minute: %lu connections closed for missing a deadline, %lu closed "
	       "to make room for others, %lu bodies refused because the server was busy "
	       "(docs/web.md, \"Limits\")", timed_out, evicted, busy);
}

/* The guard's limits from the configuration, 0 meaning the default. */
static void guard_defaults(const struct web_config *cfg, struct guard_config *g)
{
	memset(g, 0, sizeof *g);
	g->max_conns = cfg->max_connections ? cfg->max_connections : 1000;
	g->anon_max = g->max_conns - g->max_conns / 4;
	if (g->anon_max < 1)
		g->anon_max = 1;
	g->anon_per_addr = cfg->max_anon_per_addr ? cfg->max_anon_per_addr : 64;
	if (g->anon_per_addr > g->anon_max)
		g->anon_per_addr = g->anon_max;
	g->header_seconds = cfg->header_seconds > 0 ? cfg->header_seconds : 10;
	g->idle_seconds = cfg->timeout_seconds > 0 ? cfg->timeout_seconds : 30;
	g->body_seconds = cfg->body_seconds > 0 ? cfg->body_seconds : 30;
	g->max_uploads = cfg->max_uploads > 0 ? cfg->max_uploads : 4;
	g->max_inflight = cfg->max_inflight ? cfg->max_inflight : 4 * (uint64_t)cfg->max_body;
}

static int first_admin(const struct web_config *cfg, FILE *out, struct err *e)
{
	store_t *db;
	int64_t n = 0, id = 0;
	char pw[17], hash[128], *detail = NULL;
	int rc;
	if (store_open(cfg->db_path, &db, e) < 0)
		return e->code;
	rc = store_query_int(db, &n, e, "SELECT count(*) FROM web_user", "");
	if (rc == 0 && n == 0) {
		web_password_random(pw);
		rc = web_password_hash(pw, hash, e); /* before the transaction */
		if (rc == 0)
			rc = store_begin(db, e);
		if (rc == 0)
			rc = web_user_create(db, "admin", ROLE_ADMIN, 0, 0, "", hash, 1, &id, e);
		if (rc == 0 && (detail = web_access_json(ROLE_ADMIN, 0, 0, NULL)))
			rc = web_audit_as(db, "parity serve", "", "user.add", "admin", NULL, detail, e);
		free(detail);
		if (rc == 0)
			rc = store_commit(db, e);
		if (rc == 0)
			fprintf(out,
				"First run: an administrator account was created.\n"
				"  Sign in as: admin\n  One-time password: %s\n"
				"You will be asked to choose a new password after signing in.\n",
				pw);
		sodium_memzero(pw, sizeof pw);
	}
	store_rollback(db);
	store_close(db);
	return rc;
}

int web_serve(const struct web_config *cfg, const struct web_route *routes, size_t n_routes,
	      FILE *out, struct err *e)
{
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	struct sockaddr_in sa = {0};
	sigset_t set;
	int sig = 0, threads = cfg->threads > 0 ? cfg->threads : 4;

	if (sodium_init() < 0)
		return err_set(e, ERR_INTERNAL, "libsodium could not start");
	memset(&srv, 0, sizeof srv);
	srv.cfg = cfg;
	if (cfg->n_trusted_proxies > 0) {
		int i;
		srv.proxies = xcalloc((size_t)cfg->n_trusted_proxies, sizeof *srv.proxies);
		for (i = 0; i < cfg->n_trusted_proxies; i++)
			if (http_net_parse(cfg->trusted_proxies[i], &srv.proxies[i], e) < 0) {
				free(srv.proxies);
				srv.proxies = NULL;
				return e->code;
			}
		srv.n_proxies = (size_t)cfg->n_trusted_proxies;
	}
	guard_defaults(cfg, &srv.guard);
	srv.guard.proxies = srv.proxies;
	srv.guard.n_proxies = srv.n_proxies;
	srv.guard.report = guard_report;
	srv.routes[0] = web_auth_pages;
	srv.n_routes[0] = web_auth_n_pages;
	srv.routes[1] = web_admin_pages;
	srv.n_routes[1] = web_admin_n_pages;
	srv.routes[2] = routes;
	srv.n_routes[2] = n_routes;
	srv.log = stderr;
	if (cfg->access_log && !strcmp(cfg->access_log, "off"))
		srv.log = NULL;
	else if (cfg->access_log && strcmp(cfg->access_log, "-")) {
		srv.log = fopen(cfg->access_log, "a");
		if (!srv.log)
			return err_set(e, ERR_IO, "cannot open access log %s: %s", cfg->access_log,
				       strerror(errno));
	}
	pthread_mutex_init(&srv.log_lock, NULL);
	pthread_key_create(&srv.db_key, db_close);

	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)cfg->port);
	if (inet_pton(AF_INET, cfg->bind, &sa.sin_addr) != 1)
		return err_set(e, ERR_USAGE, "--bind %s is not an IPv4 address (e.g. 127.0.0.1 or 0.0.0.0)",
			       cfg->bind);
	if (first_admin(cfg, out, e) < 0)
		return e->code;

	/* Block the stop signals in every thread; this one waits for them. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (guard_start(&srv.guard, e) < 0) {
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		free(srv.proxies);
		return e->code;
	}
	/* No per-address limit of libmicrohttpd's: the guard caps connections
	 * without a session per address, and a trusted proxy carries many. */
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG,
			     0, NULL, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, mhd_log,
			     NULL, MHD_OPTION_SOCK_ADDR, &sa,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)srv.guard.idle_seconds,
			     MHD_OPTION_CONNECTION_LIMIT, srv.guard.max_conns,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
			     MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
			     MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
	if (!d) {
		guard_stop();
		free(srv.proxies);
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		return err_set(e, ERR_IO,
			       "cannot listen on %s:%d (%s); is another server using the port? "
			       "Choose another with --port",
			       cfg->bind, cfg->port, strerror(errno));
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	fprintf(out, "parity: serving %s on http://%s:%u/ (Ctrl-C to stop)\n", cfg->db_path,
		cfg->bind, info ? (unsigned)info->port : (unsigned)cfg->port);
	fflush(out);
	while (sigwait(&set, &sig) != 0 && errno == EINTR)
		;
	fprintf(out, "parity: stopping (signal %d); finishing requests in flight\n", sig);
	fflush(out);
	/* No new connections; let the requests already begun finish (up to
	 * 10 seconds), then close everything. */
	MHD_quiesce_daemon(d);
	{
		int waited;
		for (waited = 0; waited < 1000 && __atomic_load_n(&srv.in_flight, __ATOMIC_SEQ_CST) > 0;
		     waited++)
			usleep(10000);
	}
	MHD_stop_daemon(d);
	guard_stop();
	free(srv.proxies);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	if (srv.log && srv.log != stderr)
		fclose(srv.log);
	pthread_key_delete(srv.db_key);
	pthread_mutex_destroy(&srv.log_lock);
	return 0;
}
