/*
 * web/server.c: the HTTP server on GNU libmicrohttpd — a thread pool,
 * request limits and timeouts, one database connection per thread, the
 * route table walk with role and CSRF checks, static assets embedded in
 * the binary, security headers on every response, an access log, and a
 * clean stop on SIGINT/SIGTERM.
 */
#include <arpa/inet.h>
#include <errno.h>
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
#include "core/xalloc.h"
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
};

/* One request in flight: what the access handler keeps between calls. */
struct conn {
	struct MHD_PostProcessor *pp;
	struct web_param *params;
	size_t n_params, cap_params;
	size_t body_bytes;
	int too_big;
	int bad_body;
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

static struct web_param *param_add(struct conn *c, const char *name, const char *filename)
{
	struct web_param *p;
	if (c->n_params == c->cap_params) {
		c->cap_params = c->cap_params ? c->cap_params * 2 : 16;
		c->params = xrealloc(c->params, c->cap_params * sizeof *c->params);
	}
	p = &c->params[c->n_params++];
	p->name = xstrdup(name ? name : "");
	p->value = xstrdup("");
	p->len = 0;
	p->filename = filename ? xstrdup(filename) : NULL;
	return p;
}

static enum MHD_Result query_iter(void *cls, enum MHD_ValueKind kind, const char *key,
				  const char *value)
{
	struct conn *c = cls;
	struct web_param *p;
	if (c->n_params >= 512)
		return MHD_NO;
	p = param_add(c, key, NULL);
	if (value) {
		free(p->value);
		p->value = xstrdup(value);
		p->len = strlen(value);
	}
	return MHD_YES;
}

static enum MHD_Result post_iter(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *filename, const char *content_type,
				 const char *transfer_encoding, const char *data, uint64_t off,
				 size_t size)
{
	struct conn *c = cls;
	struct web_param *p = NULL;
	if (off == 0 || c->n_params == 0 || strcmp(c->params[c->n_params - 1].name, key ? key : ""))
		p = NULL;
	else
		p = &c->params[c->n_params - 1];
	if (!p) {
		if (c->n_params >= 512)
			return MHD_NO;
		p = param_add(c, key, filename);
	}
	if (size) {
		p->value = xrealloc(p->value, p->len + size + 1);
		memcpy(p->value + p->len, data, size);
		p->len += size;
		p->value[p->len] = '\0';
	}
	return MHD_YES;
}

const char *web_param_n(const struct web_req *rq, const char *name, int i)
{
	size_t k;
	for (k = 0; k < rq->n_params; k++)
		if (!strcmp(rq->params[k].name, name) && i-- == 0)
			return rq->params[k].value;
	return NULL;
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
	if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\')
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
	c->status = rs->status ? rs->status : 200;
	c->sent = len;
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
	ret = MHD_queue_response(mc, 200, r);
	MHD_destroy_response(r);
	return ret;
}

/* ---------- routing ---------- */

static const struct web_route *route_find(const char *method, const char *path,
					  const char **arg, int *method_mismatch)
{
	int t;
	size_t i;
	const char *m = strcmp(method, "HEAD") ? method : "GET";
	*method_mismatch = 0;
	for (t = 0; t < 3; t++)
		for (i = 0; i < srv.n_routes[t]; i++) {
			const struct web_route *r = &srv.routes[t][i];
			size_t n = strlen(r->path);
			int hit;
			if (n && r->path[n - 1] == '*')
				hit = !strncmp(path, r->path, n - 1) && path[n - 1] != '\0';
			else
				hit = !strcmp(path, r->path);
			if (!hit)
				continue;
			if (strcmp(r->method, m)) {
				*method_mismatch = 1;
				continue;
			}
			*arg = (n && r->path[n - 1] == '*') ? path + n - 1 : "";
			return r;
		}
	return NULL;
}

static int csrf_ok(const struct web_req *rq)
{
	const char *sent = web_param(rq, "csrf");
	if (!sent || strlen(sent) != WEB_TOKEN_HEX || strlen(rq->csrf) != WEB_TOKEN_HEX)
		return 0;
	return sodium_memcmp(sent, rq->csrf, WEB_TOKEN_HEX) == 0;
}

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

static void client_address(struct MHD_Connection *mc, char out[64])
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

static enum MHD_Result dispatch(struct MHD_Connection *mc, struct conn *c, const char *method,
				const char *url)
{
	struct web_ctx x = {0};
	struct web_req rq = {0};
	struct web_resp rs = {0};
	struct err e = {0};
	const struct web_route *route;
	const char *cookie;
	char addr[64];
	int mismatch = 0, expired = 0, rc;
	enum MHD_Result ret;

	client_address(mc, addr);
	x.cfg = srv.cfg;
	rq.method = method;
	rq.path = url;
	rq.remote = addr;
	rq.params = c->params;
	rq.n_params = c->n_params;
	rq.priv = &x;
	rq.csrf = x.csrf;
	rq.arg = "";
	rs.status = 200;

	if (c->too_big) {
		rs.status = 413;
		error_page(&rq, &rs, 413, "The file is too large",
			   "Uploads are limited in size. Split the extract into smaller files, "
			   "or ask your administrator to raise the server's --max-upload limit.");
		return send_buf(mc, c, &rq, &rs);
	}
	if (c->bad_body) {
		error_page(&rq, &rs, 400, "The form could not be read",
			   "The request body was not a form this server understands.");
		return send_buf(mc, c, &rq, &rs);
	}
	rq.db = thread_db(&e);
	if (!rq.db) {
		errlog("%s", e.msg);
		return send_plain(mc, c, 503, "The database could not be opened; see the server log.");
	}
	cookie = MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, "parity_session");
	if (cookie && is_hex_token(cookie) && web_session_load(&rq, cookie, &expired, &e) < 0) {
		errlog("%s", e.msg);
		err_clear(&e);
	}
	if (rq.user)
		snprintf(c->user, sizeof c->user, "%s", rq.user->name);
	if (!x.csrf[0]) {
		const char *pre = MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, "parity_csrf");
		if (is_hex_token(pre)) {
			snprintf(x.csrf, sizeof x.csrf, "%s", pre);
		} else {
			web_token_new(x.csrf);
			x.set_csrf_cookie = 1;
		}
	}

	route = route_find(method, url, &rq.arg, &mismatch);
	if (!route) {
		if (mismatch)
			error_page(&rq, &rs, 405, "Method not allowed",
				   "This address does not accept that kind of request.");
		else
			error_page(&rq, &rs, 404, "Page not found",
				   "If you typed the web address, check it is correct.");
		goto send;
	}
	if (route->cap != CAP_PUBLIC && !rq.user) {
		if (strcmp(method, "POST")) {
			struct buf to = BUF_INIT;
			buf_puts(&to, expired ? "/login?expired=1&next=" : "/login?next=");
			web_urlenc(&to, url);
			web_redirect(&rs, buf_str(&to));
			buf_free(&to);
		} else {
			error_page(&rq, &rs, 403, "Sign in to continue",
				   expired ? "Your session has expired. Sign in again, then repeat the change."
					   : "You need to sign in to do that.");
		}
		goto send;
	}
	if (rq.user && rq.user->must_change && strcmp(url, "/account/password") &&
	    strcmp(url, "/logout") && strncmp(url, "/assets/", 8)) {
		web_redirect(&rs, "/account/password");
		goto send;
	}
	if (!web_can(&rq, route->cap)) {
		web_forbidden(&rq, &rs, route->cap);
		goto send;
	}
	if (!strcmp(method, "POST") && !csrf_ok(&rq)) {
		error_page(&rq, &rs, 403, "The form could not be accepted",
			   "The form had expired or did not come from this site. Go back, reload "
			   "the page and try again.");
		goto send;
	}
	rc = route->fn(&rq, &rs, &e);
	if (rc < 0) {
		int st = rc == ERR_NOTFOUND ? 404 : (rc == ERR_USAGE || rc == ERR_DATA) ? 400 : 500;
		store_rollback(rq.db);
		if (st == 500)
			errlog("%s %s: %s", method, url, e.msg);
		error_page(&rq, &rs, st,
			   st == 404 ? "Page not found"
			   : st == 400 ? "There is a problem with the request"
				       : "Sorry, there is a problem with the service",
			   e.msg[0] ? e.msg : "Try again later.");
	}
send:
	if (x.set_csrf_cookie)
		web_set_cookie(&rq, "parity_csrf", x.csrf, 0);
	if (!strcmp(method, "HEAD"))
		buf_reset(&rs.body);
	ret = send_buf(mc, c, &rq, &rs);
	buf_free(&rs.body);
	free(x.flash);
	return ret;
}

/* ---------- libmicrohttpd callbacks ---------- */

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct conn *c = *con_cls;
	if (!c) {
		const char *len;
		c = xcalloc(1, sizeof *c);
		__atomic_add_fetch(&srv.in_flight, 1, __ATOMIC_SEQ_CST);
		clock_gettime(CLOCK_MONOTONIC, &c->start);
		c->method = xstrdup(method);
		c->url = xstrdup(url);
		*con_cls = c;
		if (strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "POST"))
			return send_plain(mc, c, 405, "Method not allowed");
		MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, query_iter, c);
		if (!strncmp(url, "/assets/", 8) && strcmp(method, "POST"))
			return send_asset(mc, c, url + 8);
		if (!strcmp(method, "POST")) {
			len = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
							  MHD_HTTP_HEADER_CONTENT_LENGTH);
			if (len && strtoull(len, NULL, 10) > srv.cfg->max_body) {
				c->too_big = 1;
				return dispatch(mc, c, method, url);
			}
			/* NULL for a body that is not a form; an error only
			 * if a body actually arrives */
			c->pp = MHD_create_post_processor(mc, 64 * 1024, post_iter, c);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		c->body_bytes += *upload_size;
		if (c->body_bytes > srv.cfg->max_body)
			c->too_big = 1;
		else if (!c->pp || (!c->bad_body &&
				    MHD_post_process(c->pp, upload_data, *upload_size) != MHD_YES))
			c->bad_body = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	return dispatch(mc, c, method, url);
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct conn *c = *con_cls;
	size_t i;
	if (!c)
		return;
	if (srv.log && c->status) {
		struct timespec now;
		char addr[64], ts[21];
		double ms;
		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (now.tv_sec - c->start.tv_sec) * 1e3 + (now.tv_nsec - c->start.tv_nsec) / 1e6;
		client_address(mc, addr);
		date_now_iso(ts);
		pthread_mutex_lock(&srv.log_lock);
		fprintf(srv.log, "%s %s %s \"%s %s\" %d %zu %.1fms\n", ts, addr,
			c->user[0] ? c->user : "-", c->method, c->url, c->status, c->sent, ms);
		fflush(srv.log);
		pthread_mutex_unlock(&srv.log_lock);
	}
	if (c->pp)
		MHD_destroy_post_processor(c->pp);
	for (i = 0; i < c->n_params; i++) {
		free(c->params[i].name);
		free(c->params[i].value);
		free(c->params[i].filename);
	}
	free(c->params);
	free(c->method);
	free(c->url);
	free(c);
	*con_cls = NULL;
	__atomic_sub_fetch(&srv.in_flight, 1, __ATOMIC_SEQ_CST);
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
	errlog("%s", line);
}

/* ---------- start and stop ---------- */

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
		return err_set(e, ERR_DATA, "libsodium could not start");
	memset(&srv, 0, sizeof srv);
	srv.cfg = cfg;
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

	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG,
			     0, NULL, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, mhd_log,
			     NULL, MHD_OPTION_SOCK_ADDR, &sa,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout_seconds,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)200,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
	if (!d) {
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
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	if (srv.log && srv.log != stderr)
		fclose(srv.log);
	pthread_key_delete(srv.db_key);
	pthread_mutex_destroy(&srv.log_lock);
	return 0;
}
