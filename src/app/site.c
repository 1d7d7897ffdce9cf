/*
 * app/site.c: the web site as a whole — `parity serve`, the table of
 * every page (the sign-in and admin pages come from web/, the rest from
 * each domain's own table), the dashboard that brings the domains
 * together. The public pages are the rooms' own: /public and the
 * published tables in publish/web.c, the staff network's page in
 * network/member_join.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "mail/mail.h"
#include "monitor/monitor.h"
#include "plan/objective.h"
#include "plan/plan.h"
#include "web/web.h"

static int dashboard(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	int rc;
	web_page_begin(rq, rs, "Dashboard", SEC_DASHBOARD);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">Dashboard</h1>\n"
		       "<p class=\"govuk-body-l\">How the equality scheme stands today.</p>\n");
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-full\">\n");
	if ((rc = plan_web_dashboard(rq, rs, e)) < 0)
		return rc;
	if ((rc = objective_web_dashboard(rq, rs, e)) < 0)
		return rc;
	if ((rc = monitor_web_dashboard(rq, rs, e)) < 0)
		return rc;
	web_raw(rs, "</div></div>\n");
	web_page_end(rq, rs);
	return 0;
}

static int home(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	if (!rq->user) {
		web_redirect(rs, "/public");
		return 0;
	}
	if (web_can(rq, CAP_READ_PLAN))
		return dashboard(rq, rs, e);
	/* Signed in without read-plan: the dashboard is plan and monitoring
	 * reading, so only what the navigation offers. */
	web_page_begin(rq, rs, "Signed in", SEC_NONE);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">You are signed in</h1>\n"
		    "<p class=\"govuk-body\">Choose a page from the menu. If something you need is "
		    "not there, ask an administrator.</p>\n");
	web_page_end(rq, rs);
	return 0;
}

static int healthz(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	int64_t v = 0;
	if (store_query_int(rq->db, &v, e, "SELECT 1", "") < 0)
		return e->code;
	web_send(rs, "text/plain; charset=utf-8", "ok\n", 3, NULL);
	return 0;
}

static const struct web_nav site_nav_entries[] = {
	{10, SEC_DASHBOARD, CAP_READ_PLAN, "/", "Dashboard"},
	{100, SEC_PUBLIC, CAP_PUBLIC, "/public", "Public information"},
};

static const struct web_route site_pages[] = {
	{"GET", "/", CAP_PUBLIC, home},
	{"GET", "/dashboard", CAP_READ_PLAN, dashboard},
	{"GET", "/healthz", CAP_PUBLIC, healthz},
};

/* The routes of the site, in the order the server tries them: web's own
 * (sign-in, account, users, audit log; only when with_web, as web_serve
 * adds them itself), then each room's. Caller frees. */
static struct web_route *site_routes(int with_web, size_t *n_out)
{
	struct web_route *all;
	size_t r, i, n = 0, total = web_auth_n_pages + web_admin_n_pages;
	for (r = 0; r < parity_n_rooms; r++)
		total += parity_rooms[r]->n_pages;
	all = xcalloc(total, sizeof *all);
	if (with_web) {
		for (i = 0; i < web_auth_n_pages; i++)
			all[n++] = web_auth_pages[i];
		for (i = 0; i < web_admin_n_pages; i++)
			all[n++] = web_admin_pages[i];
	}
	for (r = 0; r < parity_n_rooms; r++)
		for (i = 0; i < parity_rooms[r]->n_pages; i++)
			all[n++] = parity_rooms[r]->pages[i];
	*n_out = n;
	return all;
}

static int nav_order(const void *a, const void *b)
{
	const struct web_nav *x = a, *y = b;
	return (x->order > y->order) - (x->order < y->order);
}

/* Every room's audit log words. Caller frees. */
static struct web_audit_word *site_audit_words(size_t *n_out)
{
	struct web_audit_word *all;
	size_t r, i, n = 0, total = 0;
	for (r = 0; r < parity_n_rooms; r++)
		total += parity_rooms[r]->n_audit_words;
	all = xcalloc(total ? total : 1, sizeof *all);
	for (r = 0; r < parity_n_rooms; r++)
		for (i = 0; i < parity_rooms[r]->n_audit_words; i++)
			all[n++] = parity_rooms[r]->audit_words[i];
	*n_out = n;
	return all;
}

/* Every room's navigation entries, in order. Caller frees. */
static struct web_nav *site_nav(size_t *n_out)
{
	struct web_nav *all;
	size_t r, i, n = 0, total = 0;
	for (r = 0; r < parity_n_rooms; r++)
		total += parity_rooms[r]->n_nav;
	all = xcalloc(total ? total : 1, sizeof *all);
	for (r = 0; r < parity_n_rooms; r++)
		for (i = 0; i < parity_rooms[r]->n_nav; i++)
			all[n++] = parity_rooms[r]->nav[i];
	qsort(all, n, sizeof *all, nav_order);
	*n_out = n;
	return all;
}

/* serve --list-routes: "METHOD PATH NEEDS" a line, NEEDS being public,
 * signed-in or the capabilities (any one of them) joined by '|'. */
static void list_routes(FILE *out)
{
	struct buf b = BUF_INIT;
	size_t n = 0, i;
	struct web_route *all = site_routes(1, &n);
	for (i = 0; i < n; i++) {
		/* the flags say how a route is reached, not who may */
		unsigned need = all[i].cap & ~(unsigned)(CAP_FEED_KEY | CAP_ONE_CLICK);
		buf_reset(&b);
		if (need == CAP_PUBLIC)
			buf_puts(&b, "public");
		else
			web_caps_text(&b, need, "|");
		fprintf(out, "%s %s %s\n", all[i].method, all[i].path, buf_str(&b));
	}
	buf_free(&b);
	free(all);
}

/* The limits against abuse (docs/web.md, "Limits"); NULL keeps the
 * default (web/server.c). */
static int serve_limits(struct web_config *cfg, const char *header_to, const char *body_to,
			const char *max_conns, const char *max_anon, const char *max_inflight,
			const char *max_uploads, struct err *e)
{
	long v;
	if (header_to) {
		if (str_to_int(header_to, 1, 3600, &v) < 0)
			return err_set(e, ERR_USAGE, "--header-timeout takes seconds (1 to 3600); got '%s'",
				       header_to);
		cfg->header_seconds = (int)v;
	}
	if (body_to) {
		if (str_to_int(body_to, 1, 3600, &v) < 0)
			return err_set(e, ERR_USAGE, "--body-timeout takes seconds (1 to 3600); got '%s'",
				       body_to);
		cfg->body_seconds = (int)v;
	}
	if (max_conns) {
		if (str_to_int(max_conns, 4, 100000, &v) < 0)
			return err_set(e, ERR_USAGE, "--max-connections takes a number from 4 to 100000; "
				       "got '%s'", max_conns);
		cfg->max_connections = (unsigned)v;
	}
	if (max_anon) {
		if (str_to_int(max_anon, 1, 100000, &v) < 0)
			return err_set(e, ERR_USAGE, "--max-anon-per-address takes a number from 1 to "
				       "100000; got '%s'", max_anon);
		cfg->max_anon_per_addr = (unsigned)v;
	}
	if (max_uploads) {
		if (str_to_int(max_uploads, 1, 1000, &v) < 0)
			return err_set(e, ERR_USAGE, "--max-uploads takes a number from 1 to 1000; got '%s'",
				       max_uploads);
		cfg->max_uploads = (int)v;
	}
	if (max_inflight) {
		if (str_to_int(max_inflight, 1, 65536, &v) < 0)
			return err_set(e, ERR_USAGE, "--max-inflight takes megabytes (1 to 65536); got '%s'",
				       max_inflight);
		if (((size_t)v << 20) < cfg->max_body)
			return err_set(e, ERR_USAGE, "--max-inflight %s is below --max-upload (%zu MB): "
				       "no upload could ever be received; raise it", max_inflight,
				       cfg->max_body >> 20);
		cfg->max_inflight = (size_t)v << 20;
	}
	return 0;
}

static int serve_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *bind = "127.0.0.1", *port = "8080", *threads = NULL, *idle = NULL,
		   *absolute = NULL, *max_upload = NULL, *log = "-", *pos[1];
	const char *header_to = NULL, *body_to = NULL, *max_conns = NULL, *max_anon = NULL,
		   *max_inflight = NULL, *max_uploads = NULL, *mail_every = NULL;
	struct cli_multi proxies = {{0}, 0};
	int secure = 0, npos = 0, rc, list = 0;
	long v;
	struct web_config cfg = {0};
	struct web_route *all;
	struct web_nav *nav;
	struct web_audit_word *words;
	size_t n = 0;
	const struct cli_opt opts[] = {
		{"bind", 0, CLI_STRING, &bind},
		{"port", 'p', CLI_STRING, &port},
		{"threads", 0, CLI_STRING, &threads},
		{"secure-cookies", 0, CLI_FLAG, &secure},
		{"session-idle", 0, CLI_STRING, &idle},
		{"session-max", 0, CLI_STRING, &absolute},
		{"max-upload", 0, CLI_STRING, &max_upload},
		{"access-log", 0, CLI_STRING, &log},
		{"list-routes", 0, CLI_FLAG, &list},
		{"trusted-proxy", 0, CLI_MULTI, &proxies},
		{"header-timeout", 0, CLI_STRING, &header_to},
		{"body-timeout", 0, CLI_STRING, &body_to},
		{"max-connections", 0, CLI_STRING, &max_conns},
		{"max-anon-per-address", 0, CLI_STRING, &max_anon},
		{"max-inflight", 0, CLI_STRING, &max_inflight},
		{"max-uploads", 0, CLI_STRING, &max_uploads},
		{"mail-every", 0, CLI_STRING, &mail_every},
		{NULL, 0, CLI_FLAG, NULL},
	};
	if (cli_parse(ctx, argc, argv, opts, pos, 0, &npos, e) < 0)
		return e->code;
	if (list) {
		list_routes(ctx->out);
		return 0;
	}
	cfg.bind = bind;
	cfg.db_path = store_default_path(ctx->db_path);
	cfg.secure_cookies = secure;
	cfg.access_log = log;
	cfg.timeout_seconds = 30;
	if (str_to_int(port, 0, 65535, &v) < 0)
		return err_set(e, ERR_USAGE, "--port takes a number from 0 to 65535 (0: any free port); got '%s'", port);
	cfg.port = (int)v;
	/* Pages are CPU work (SQLite is in-process): one thread per core
	 * gave the shortest tail in bench/web.sh. */
	cfg.threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (cfg.threads < 1)
		cfg.threads = 1;
	if (cfg.threads > 64)
		cfg.threads = 64;
	if (threads) {
		if (str_to_int(threads, 1, 256, &v) < 0)
			return err_set(e, ERR_USAGE, "--threads takes a number from 1 to 256; got '%s'", threads);
		cfg.threads = (int)v;
	}
	cfg.idle_seconds = 30 * 60;
	if (idle) {
		if (str_to_int(idle, 1, 7 * 86400, &v) < 0)
			return err_set(e, ERR_USAGE, "--session-idle takes seconds (1 to 604800); got '%s'", idle);
		cfg.idle_seconds = (int)v;
	}
	cfg.absolute_seconds = 12 * 3600;
	if (absolute) {
		if (str_to_int(absolute, 1, 30 * 86400, &v) < 0)
			return err_set(e, ERR_USAGE, "--session-max takes seconds (1 to 2592000); got '%s'", absolute);
		cfg.absolute_seconds = (int)v;
	}
	cfg.max_body = (size_t)32 << 20;
	if (max_upload) {
		if (str_to_int(max_upload, 1, 4096, &v) < 0)
			return err_set(e, ERR_USAGE, "--max-upload takes megabytes (1 to 4096); got '%s'", max_upload);
		cfg.max_body = (size_t)v << 20;
	}
	if ((rc = serve_limits(&cfg, header_to, body_to, max_conns, max_anon, max_inflight,
			       max_uploads, e)) < 0)
		return rc;
	v = 60;
	if (mail_every && str_to_int(mail_every, 1, 86400, &v) < 0)
		return err_set(e, ERR_USAGE, "--mail-every takes seconds (1 to 86400); got '%s'",
			       mail_every);
	cfg.trusted_proxies = proxies.values;
	cfg.n_trusted_proxies = proxies.n_values;
	all = site_routes(0, &n);
	nav = site_nav(&cfg.n_nav);
	cfg.nav = nav;
	words = site_audit_words(&cfg.n_audit_words);
	cfg.audit_words = words;
	/* The mail worker: the domains' jobs, then delivery, every minute
	 * (delivery only once mail is set up; the jobs always). */
	if ((rc = mail_worker_start(cfg.db_path, (int)v, app_jobs, e)) == 0) {
		rc = web_serve(&cfg, all, n, ctx->out, e);
		mail_worker_stop();
	}
	free(nav);
	free(words);
	free(all);
	return rc;
}

/* ---- the site's own room: serve, the dashboard and the public pages ----*/

static const struct cli_command site_commands[] = {
	{"serve", serve_cmd, "run the web application (intranet and public pages)",
	 "usage: parity serve [--bind ADDR] [--port N] [--threads N] [--secure-cookies]\n"
	 "                    [--session-idle SECONDS] [--session-max SECONDS]\n"
	 "                    [--max-upload MB] [--access-log FILE|-|off]\n"
	 "                    [--trusted-proxy ADDR[/BITS]]...\n"
	 "                    [--header-timeout SECONDS] [--body-timeout SECONDS]\n"
	 "                    [--max-connections N] [--max-anon-per-address N]\n"
	 "                    [--max-uploads N] [--max-inflight MB]\n"
	 "                    [--mail-every SECONDS]\n"
	 "       parity serve --list-routes\n"
	 "\n"
	 "Serves parity to a browser from this database until Ctrl-C or SIGTERM,\n"
	 "which finish the requests in flight. Defaults: 127.0.0.1:8080, a thread per core,\n"
	 "sessions end after 30 minutes idle (1800) or 12 hours (43200), uploads\n"
	 "up to 32 MB, access log on standard error. --port 0 picks a free port.\n"
	 "Use --secure-cookies when a TLS proxy (nginx, Apache) is in front, and\n"
	 "--trusted-proxy with the proxy's address (repeatable; CIDR such as\n"
	 "10.0.0.0/8 or fd00::/8 allowed): only from those addresses is the client\n"
	 "taken from X-Forwarded-For, for sign-in throttling and the logs.\n"
	 "Limits against abuse (defaults): request line and headers within 10 s, a\n"
	 "form's body within 30 s (an upload 1 s more per 64 KB), 1000 connections of\n"
	 "which a quarter kept for signed-in users, 64 without a session from one\n"
	 "address, 4 uploads at once, 4 x --max-upload of bodies in flight.\n"
	 "On first run an 'admin' account is made and its one-time password printed.\n"
	 "Every minute (--mail-every) it queues the reminders and invitations that\n"
	 "are due and sends the outbox, as 'parity mail run' does, once mail is set up.\n"
	 "--list-routes prints every page with the capability it needs, and exits.\n"
	 "Pages, capabilities and limits: docs/web.md. Examples:\n"
	 "  parity --db scheme.db serve --port 8080\n"
	 "  parity --db scheme.db serve --secure-cookies --trusted-proxy 127.0.0.1\n"},
	{NULL, NULL, NULL, NULL},
};

const struct room site_room = {"site", site_commands, site_pages,
			       sizeof site_pages / sizeof site_pages[0], site_nav_entries,
			       sizeof site_nav_entries / sizeof site_nav_entries[0], NULL, 0};
