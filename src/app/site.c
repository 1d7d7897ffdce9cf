/*
 * app/site.c: the web site as a whole — `parity serve`, the table of
 * every page (the sign-in and admin pages come from web/, the rest from
 * each domain's own table), the dashboard that brings the domains
 * together, and the public pages anyone can read without signing in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/monitor.h"
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
	if ((rc = monitor_web_dashboard(rq, rs, e)) < 0)
		return rc;
	web_raw(rs, "</div></div>\n");
	web_page_end(rq, rs);
	return 0;
}

static int public_home(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	web_page_begin(rq, rs, "Equality information", SEC_PUBLIC);
	web_raw(rs,
		"<h1 class=\"govuk-heading-l\">Equality information</h1>\n"
		"<p class=\"govuk-body-l\">How this organisation monitors equality in its services and "
		"employment, and what it publishes.</p>\n"
		"<h2 class=\"govuk-heading-m\">The equality scheme</h2>\n"
		"<p class=\"govuk-body\">The organisation keeps an equality action plan. Each action has a "
		"lead and a date, and the monitoring group checks progress every quarter. It also "
		"monitors who uses its services and who works for it, by ethnicity, sex, disability, "
		"religion or belief, sexual orientation and the other characteristics protected by the "
		"Equality Act 2010, and looks for differences in outcomes that need explaining.</p>\n"
		"<h2 class=\"govuk-heading-m\">Published equality tables</h2>\n"
		"<div class=\"govuk-inset-text\">No tables have been published yet. When the monitoring "
		"group publishes them, this page will list each period's tables with counts and rates "
		"by group. Small numbers are withheld so that no one can be identified.</div>\n"
		"<h2 class=\"govuk-heading-m\">Staff network</h2>\n"
		"<p class=\"govuk-body\">Staff can <a class=\"govuk-link\" href=\"/public/network\">join the "
		"staff network's mailing list</a>.</p>\n");
	web_page_end(rq, rs);
	return 0;
}

static int public_network(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	web_page_begin(rq, rs, "Staff network mailing list", SEC_PUBLIC);
	web_raw(rs,
		"<h1 class=\"govuk-heading-l\">Staff network mailing list</h1>\n"
		"<div class=\"govuk-inset-text\">Sign-up is not open yet. When the staff network starts "
		"using parity, this page will have a form to join its mailing list, with a clear "
		"statement of what your details are used for and how to leave the list.</div>\n"
		"<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/public\">Back to equality "
		"information</a></p>\n");
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

static const struct web_route site_pages[] = {
	{"GET", "/", CAP_PUBLIC, home},
	{"GET", "/dashboard", CAP_READ_PLAN, dashboard},
	{"GET", "/healthz", CAP_PUBLIC, healthz},
	{"GET", "/public", CAP_PUBLIC, public_home},
	{"GET", "/public/network", CAP_PUBLIC, public_network},
};

/* The routes of the site, in the order the server tries them: web's own
 * (sign-in, account, users, audit log; only when with_web, as web_serve
 * adds them itself), then ours, then each domain's. Caller frees. */
static struct web_route *site_routes(int with_web, size_t *n_out)
{
	const struct { const struct web_route *r; size_t n; } tables[] = {
		{web_auth_pages, web_auth_n_pages},
		{web_admin_pages, web_admin_n_pages},
		{site_pages, sizeof site_pages / sizeof site_pages[0]},
		{plan_pages, plan_n_pages},
		{monitor_pages, monitor_n_pages},
	};
	struct web_route *all;
	size_t t, i, n = 0, total = 0;
	for (t = with_web ? 0 : 2; t < sizeof tables / sizeof tables[0]; t++)
		total += tables[t].n;
	all = xcalloc(total, sizeof *all);
	for (t = with_web ? 0 : 2; t < sizeof tables / sizeof tables[0]; t++)
		for (i = 0; i < tables[t].n; i++)
			all[n++] = tables[t].r[i];
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
		buf_reset(&b);
		if (all[i].cap == CAP_PUBLIC)
			buf_puts(&b, "public");
		else
			web_caps_text(&b, all[i].cap, "|");
		fprintf(out, "%s %s %s\n", all[i].method, all[i].path, buf_str(&b));
	}
	buf_free(&b);
	free(all);
}

int serve_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *bind = "127.0.0.1", *port = "8080", *threads = NULL, *idle = NULL,
		   *absolute = NULL, *max_upload = NULL, *log = "-", *pos[1];
	int secure = 0, npos = 0, rc, list = 0;
	long v;
	struct web_config cfg = {0};
	struct web_route *all;
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
	all = site_routes(0, &n);
	rc = web_serve(&cfg, all, n, ctx->out, e);
	free(all);
	return rc;
}
