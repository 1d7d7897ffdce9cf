/*
 * publish/web.c: the public pages of publication, which anyone may read
 * without signing in — /public (what is published: each release, the
 * annual equality information, the staff network), a release's page of
 * tables with its CSV and XLSX downloads, and /public/equality-information
 * — and the room's route table, navigation and audit words (the pages for
 * releasing, under /publish, are in web_release.c).
 *
 * Everything on these pages comes from stored releases (pub_list,
 * pub_load): no imported data, no draft. A withheld count is -1 in a
 * stored release, so it cannot be written here; tests/http/publish_pages.sh
 * crawls every page and download and checks each number against the
 * released cells.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "core/buf.h"
#include "core/dates.h"
#include "core/period.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/monitor.h"
#include "publish/internal.h"
#include "render/xlsx.h"
#include "publish/pages.h"
#include "publish/publish.h"
#include "web/web.h"

/* ---- GET /public ----------------------------------------------------------*/

static void release_href(struct buf *b, const char *dataset, const char *period, const char *ext)
{
	buf_puts(b, "/public/releases/");
	web_urlenc(b, dataset);
	buf_putc(b, '/');
	web_urlenc(b, period);
	if (ext)
		buf_puts(b, ext);
}

static int public_home(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct pub_release_row *rows = NULL;
	struct buf href = BUF_INIT;
	size_t n = 0, i;
	long page, n_pages;
	int rc;
	if ((rc = pub_list(rq->db, &rows, &n, e)) < 0)
		return rc;
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
		"<h2 class=\"govuk-heading-m\">Annual equality information</h2>\n"
		"<p class=\"govuk-body\">Once a year the organisation publishes its equality "
		"information: who works for it, the outcomes of the people who use its services, "
		"and progress on its equality objectives. <a class=\"govuk-link\" "
		"href=\"/public/equality-information\">Read the annual equality information</a>.</p>\n"
		"<h2 class=\"govuk-heading-m\">Equality objectives</h2>\n"
		"<p class=\"govuk-body\">The specific, measurable objectives the organisation has set "
		"itself, published at least every four years, and how each is progressing on the "
		"published figures. <a class=\"govuk-link\" href=\"/public/objectives\">Read the "
		"equality objectives</a>.</p>\n"
		"<h2 class=\"govuk-heading-m\">Equality impact assessments</h2>\n"
		"<p class=\"govuk-body\">Before a policy or decision is adopted, the organisation "
		"assesses its effect on people who share each protected characteristic. <a "
		"class=\"govuk-link\" href=\"/public/eia\">Read the published impact "
		"assessments</a>.</p>\n"
		"<h2 class=\"govuk-heading-m\">Published equality tables</h2>\n");
	if (n == 0) {
		web_raw(rs, "<div class=\"govuk-inset-text\">No tables have been published yet. When "
			    "the monitoring group publishes them, this page will list each period's "
			    "tables with counts and rates by group. Small numbers are withheld so that "
			    "no one can be identified.</div>\n");
	} else {
		page = web_page_param(rq, (long)n, WEB_PAGE_ROWS, &n_pages);
		web_raw(rs, "<p class=\"govuk-body\">Each period's tables give counts and rates by "
			    "group, with small numbers withheld so that no one can be identified. "
			    "Each can be downloaded as a spreadsheet.</p>\n"
			    "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
			    "govuk-visually-hidden\">Published equality tables</caption>\n"
			    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			    "<th scope=\"col\" class=\"govuk-table__header\">Tables</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Published</th></tr></thead>\n"
			    "<tbody class=\"govuk-table__body\">\n");
		for (i = (size_t)(page - 1) * WEB_PAGE_ROWS;
		     i < n && i < (size_t)page * WEB_PAGE_ROWS; i++) {
			char title[160], when[48];
			buf_reset(&href);
			release_href(&href, rows[i].dataset, rows[i].period, NULL);
			pub_release_title(rows[i].dataset, rows[i].period, title, sizeof title);
			pub_release_date(rows[i].released_at, when);
			web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
				       "<a class=\"govuk-link\" href=\"%s\">%s</a></td>"
				       "<td class=\"govuk-table__cell\">%s</td></tr>\n",
				   buf_str(&href), title, when);
		}
		web_raw(rs, "</tbody>\n</table>\n");
		web_pagination(rs, "/public?", page, n_pages);
	}
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Staff network</h2>\n"
		    "<p class=\"govuk-body\">Staff can <a class=\"govuk-link\" href=\"/public/network\">"
		    "join the staff network's mailing list</a>.</p>\n"
		    "<h2 class=\"govuk-heading-m\">Support for staff</h2>\n<ul class=\"govuk-list\">\n"
		    "<li><a class=\"govuk-link\" href=\"/public/services\">Services and support</a>: "
		    "staff networks, support groups, interpreters and faith rooms</li>\n"
		    "<li><a class=\"govuk-link\" href=\"/public/directories\">Reasonable adjustments "
		    "and flexible working</a>: how many are in place, by unit and type</li>\n</ul>\n");
	web_page_end(rq, rs);
	buf_free(&href);
	free(rows);
	return 0;
}

/* ---- GET /public/releases/DATASET/PERIOD[.csv|.xlsx] ----------------------*/

/* The release the path names, loaded into t; ERR_NOTFOUND when there is
 * none. *ext gets ".csv", ".xlsx" or NULL. */
static int release_from_path(struct web_req *rq, struct pub_tables *t, const char **ext,
			     struct err *e)
{
	char dataset[64], period[24];
	const char *slash = strchr(rq->arg, '/'), *p, *dot;
	struct period pp;
	size_t dl, pl;
	int found = 0, rc;
	*ext = NULL;
	memset(t, 0, sizeof *t);
	if (!slash)
		goto none;
	dl = (size_t)(slash - rq->arg);
	p = slash + 1;
	dot = strchr(p, '.');
	pl = dot ? (size_t)(dot - p) : strlen(p);
	if (dot) {
		if (!strcmp(dot, ".csv") || !strcmp(dot, ".xlsx"))
			*ext = dot;
		else
			goto none;
	}
	if (dl == 0 || dl >= sizeof dataset || pl == 0 || pl >= sizeof period)
		goto none;
	memcpy(dataset, rq->arg, dl);
	dataset[dl] = '\0';
	memcpy(period, p, pl);
	period[pl] = '\0';
	if (strspn(dataset, "abcdefghijklmnopqrstuvwxyz0123456789-_") != dl ||
	    period_parse(period, &pp, NULL) < 0)
		goto none;
	if ((rc = pub_load(rq->db, dataset, pp.text, t, &found, e)) < 0)
		return rc;
	if (found)
		return 0;
none:
	return err_set(e, ERR_NOTFOUND, "No tables are published here. The equality information "
		       "page lists the tables that are published.");
}

/* "equality-tables-service-users-2011Q3.csv", safe characters only. */
static void file_name(char *out, size_t size, const struct pub_tables *t, const char *ext)
{
	size_t i;
	snprintf(out, size, "equality-tables-%s-%s%s", t->dataset, t->period, ext);
	for (i = 0; out[i]; i++) {
		char c = out[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			out[i] = '-';
	}
}

static int write_xlsx(const void *ctx, const char *path, struct err *e)
{
	return pub_xlsx(ctx, path, e);
}

static int xlsx_bytes(const struct pub_tables *t, struct buf *b, struct err *e)
{
	return rx_bytes(write_xlsx, t, b, e);
}

static void covers_words(const struct pub_tables *t, struct buf *b)
{
	size_t i;
	for (i = 0; i < t->n_covers; i++) {
		char pw[PERIOD_WORDS];
		period_words(t->covers[i], pw);
		if (i)
			buf_puts(b, i + 1 == t->n_covers ? " and " : ", ");
		buf_puts(b, pw);
	}
}

static int release_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct pub_tables t;
	struct pub_html_opts o = {0, 2, 1, 0, 0};
	struct buf b = BUF_INIT, href = BUF_INIT;
	const char *ext;
	char title[160], when[48], name[200];
	int rc;

	if ((rc = release_from_path(rq, &t, &ext, e)) < 0)
		goto done;
	if (ext && !strcmp(ext, ".csv")) {
		pub_csv(&t, &b);
		if (b.failed) {
			rc = err_set(e, ERR_INTERNAL, "the tables are too large to send");
			goto done;
		}
		file_name(name, sizeof name, &t, ext);
		web_send(rs, "text/csv; charset=utf-8", b.data ? b.data : "", b.len, name);
		goto done;
	}
	if (ext) {
		if ((rc = xlsx_bytes(&t, &b, e)) < 0)
			goto done;
		file_name(name, sizeof name, &t, ext);
		web_send(rs, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			 b.data ? b.data : "", b.len, name);
		goto done;
	}
	pub_release_title(t.dataset, t.period, title, sizeof title);
	web_page_begin(rq, rs, title, SEC_PUBLIC);
	pub_release_date(t.released_at, when);
	web_printf(rs, "<a href=\"/public\" class=\"govuk-back-link\">Equality information</a>\n"
		       "<span class=\"govuk-caption-l\">Equality tables</span>\n"
		       "<h1 class=\"govuk-heading-l\">%s</h1>\n"
		       "<p class=\"govuk-body\">Published %s.",
		   title, when);
	if (t.n_covers > 1) {
		covers_words(&t, &b);
		web_printf(rs, " These tables add up %s.", buf_str(&b));
		buf_reset(&b);
	}
	if (t.replaced)
		web_raw(rs, " They replace tables published earlier for the same period.");
	web_raw(rs, "</p>\n<h2 class=\"govuk-heading-m\">Download these tables</h2>\n"
		    "<ul class=\"govuk-list\">\n");
	release_href(&href, t.dataset, t.period, ".csv");
	web_printf(rs, "<li><a class=\"govuk-link\" href=\"%s\" download>Download as CSV</a> "
		       "(one row per number, for analysis)</li>\n", buf_str(&href));
	buf_reset(&href);
	release_href(&href, t.dataset, t.period, ".xlsx");
	web_printf(rs, "<li><a class=\"govuk-link\" href=\"%s\" download>Download as a "
		       "spreadsheet (XLSX)</a> (a sheet per characteristic, with these notes)</li>\n"
		       "</ul>\n", buf_str(&href));
	pub_html_notes(&t, 2, &b);
	web_raw(rs, buf_str(&b));
	buf_reset(&b);
	web_raw(rs, "<h2 class=\"govuk-heading-m\">The tables</h2>\n");
	o.heading = 3;
	pub_html_tables_as(&t, &o, &b);
	if (b.failed) {
		rc = err_set(e, ERR_INTERNAL, "the tables are too large to show");
		goto done;
	}
	web_raw(rs, buf_str(&b));
	web_page_end(rq, rs);
done:
	buf_free(&b);
	buf_free(&href);
	pub_tables_free(&t);
	return rc;
}

/* ---- GET /public/equality-information ------------------------------------*/

/* The release of dataset to report in the annual information: the latest
 * year (calendar or financial) released, else the latest release. -1 when
 * the dataset has none. */
static long pick_release(const struct pub_release_row *rows, size_t n, const char *dataset)
{
	size_t i;
	long any = -1;
	for (i = 0; i < n; i++) {
		struct period p;
		if (strcmp(rows[i].dataset, dataset))
			continue;
		if (period_parse(rows[i].period, &p, NULL) == 0 &&
		    (p.kind == PERIOD_YEAR || p.kind == PERIOD_FY))
			return (long)i;
		if (any < 0)
			any = (long)i;
	}
	return any;
}

/* The outcome whose denominator is everyone (the headcount), or -1. */
static int everyone_outcome(const struct pub_tables *t)
{
	size_t o;
	for (o = 0; o < t->n_outcomes; o++)
		if (t->of[o] < 0)
			return (int)o;
	return -1;
}

static void count_text(const struct pub_cell *c, char out[32])
{
	if (!c || c->status != PUB_PUBLISHED || c->value < 0)
		snprintf(out, 32, "[c]");
	else
		str_count(out, c->value);
}

/* The workforce profile: for each characteristic, how many staff in each
 * group (the headcount of the whole organisation) and their share. */
static void profile_tables(struct web_resp *rs, const struct pub_tables *t)
{
	int o = everyone_outcome(t);
	size_t k, g;
	if (o < 0) {
		web_raw(rs, "<p class=\"govuk-body\">These tables have no headcount to show.</p>\n");
		return;
	}
	for (k = 0; k < t->n_chars; k++) {
		const struct pub_cell *all =
			pub_cell_find(t, 0, k, PUB_ALL, (size_t)o, PUB_DENOMINATOR);
		const char *cw = pub_char_words(t, k);
		web_printf(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
			       "aria-label=\"Staff by %s\">\n<table class=\"govuk-table\">\n"
			       "<caption class=\"govuk-table__caption govuk-table__caption--s\">%s"
			       "</caption>\n<thead class=\"govuk-table__head\"><tr "
			       "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">"
			       "Group</th><th scope=\"col\" class=\"govuk-table__header "
			       "govuk-table__header--numeric\">Staff</th><th scope=\"col\" "
			       "class=\"govuk-table__header govuk-table__header--numeric\">Share</th>"
			       "</tr></thead>\n<tbody class=\"govuk-table__body\">\n",
			   cw, cw);
		for (g = 0; g <= t->n_groups[k]; g++) {
			size_t gg = g == t->n_groups[k] ? PUB_ALL : g;
			const struct pub_cell *c =
				pub_cell_find(t, 0, k, gg, (size_t)o, PUB_DENOMINATOR);
			char n[32], share[32] = "";
			count_text(c, n);
			if (gg != PUB_ALL && c && all && c->status == PUB_PUBLISHED &&
			    all->status == PUB_PUBLISHED && c->value >= 0 && all->value > 0)
				snprintf(share, sizeof share, "%.1f%%",
					 100.0 * (double)c->value / (double)all->value);
			else if (gg != PUB_ALL)
				snprintf(share, sizeof share, "[c]");
			web_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
				       "class=\"govuk-table__header\">%s</th><td class=\"govuk-table__cell "
				       "govuk-table__cell--numeric\">%s</td><td class=\"govuk-table__cell "
				       "govuk-table__cell--numeric\">%s</td></tr>\n",
				   gg == PUB_ALL ? "All" : t->groups[k][g], n, share);
		}
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
	}
}

/* Service-user outcomes: for each characteristic, each group's outcomes
 * across the whole organisation (the All units row of each table). */
static void outcome_tables(struct web_resp *rs, const struct pub_tables *t)
{
	size_t k, g, o;
	for (k = 0; k < t->n_chars; k++) {
		const char *cw = pub_char_words(t, k);
		web_printf(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
			       "aria-label=\"Outcomes by %s\">\n<table class=\"govuk-table\">\n"
			       "<caption class=\"govuk-table__caption govuk-table__caption--s\">%s"
			       "</caption>\n<thead class=\"govuk-table__head\"><tr "
			       "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">"
			       "Group</th>",
			   cw, cw);
		for (o = 0; o < t->n_outcomes; o++) {
			char ow[160];
			pub_outcome_words(t, o, ow, sizeof ow);
			web_printf(rs, "<th scope=\"col\" class=\"govuk-table__header "
				       "govuk-table__header--numeric\">%s</th>", ow);
		}
		web_raw(rs, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
		for (g = 0; g <= t->n_groups[k]; g++) {
			size_t gg = g == t->n_groups[k] ? PUB_ALL : g;
			web_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
				       "class=\"govuk-table__header\">%s</th>",
				   gg == PUB_ALL ? "All" : t->groups[k][g]);
			for (o = 0; o < t->n_outcomes; o++) {
				char n[32], d[32];
				double rate;
				count_text(pub_cell_find(t, 0, k, gg, o, PUB_NUMERATOR), n);
				count_text(pub_cell_find(t, 0, k, gg, o, PUB_DENOMINATOR), d);
				web_printf(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">"
					       "%s of %s", n, d);
				if (pub_rate(t, 0, k, gg, o, &rate) == 1)
					web_printf(rs, "<br><span class=\"parity-rate\">%.1f%%</span>",
						   rate * 100.0);
				web_raw(rs, "</td>");
			}
			web_raw(rs, "</tr>\n");
		}
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
	}
}

/* One part of the page: the release chosen for dataset, or a sentence
 * saying nothing is published yet. */
static int info_part(struct web_req *rq, struct web_resp *rs, const struct pub_release_row *rows,
		     size_t n, const char *dataset, int profile, struct err *e)
{
	long i = pick_release(rows, n, dataset);
	struct pub_tables t;
	struct buf href = BUF_INIT;
	char title[160], pw[PERIOD_WORDS];
	int found = 0, rc;
	if (i < 0) {
		web_printf(rs, "<p class=\"govuk-body\">No tables of %s have been published yet.</p>\n",
			   profile ? "staff" : "service users");
		return 0;
	}
	if ((rc = pub_load(rq->db, rows[i].dataset, rows[i].period, &t, &found, e)) < 0)
		return rc;
	if (!found) {
		pub_tables_free(&t);
		return 0;
	}
	period_words(t.period, pw);
	pub_release_title(t.dataset, t.period, title, sizeof title);
	release_href(&href, t.dataset, t.period, NULL);
	web_printf(rs, "<p class=\"govuk-body\">From the tables for %s, across the whole "
		       "organisation. <a class=\"govuk-link\" href=\"%s\">The full tables, unit by "
		       "unit, with downloads</a>. [c] marks a number withheld so that no one can be "
		       "identified (<a class=\"govuk-link\" href=\"%s#about\">why numbers are "
		       "withheld</a>).</p>\n",
		   pw, buf_str(&href), buf_str(&href));
	if (profile)
		profile_tables(rs, &t);
	else
		outcome_tables(rs, &t);
	buf_free(&href);
	pub_tables_free(&t);
	return 0;
}

static int equality_information(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct pub_release_row *rows = NULL;
	size_t n = 0;
	int rc;
	if ((rc = pub_list(rq->db, &rows, &n, e)) < 0)
		return rc;
	web_page_begin(rq, rs, "Annual equality information", SEC_PUBLIC);
	web_raw(rs, "<a href=\"/public\" class=\"govuk-back-link\">Equality information</a>\n"
		    "<h1 class=\"govuk-heading-l\">Annual equality information</h1>\n"
		    "<p class=\"govuk-body-l\">What the public sector equality duty asks us to "
		    "publish each year: who works for us, the outcomes of the people who use our "
		    "services, and progress on our equality objectives.</p>\n"
		    "<p class=\"govuk-body\">Everything on this page comes from the equality tables "
		    "already published, with small numbers withheld so that no one can be "
		    "identified.</p>\n"
		    "<h2 class=\"govuk-heading-m\">Workforce profile</h2>\n");
	if ((rc = info_part(rq, rs, rows, n, "staff", 1, e)) < 0)
		goto done;
	/* The staff network's staff survey and exit interviews (issue 18),
	 * once their favourable answers by group are published: part of
	 * the workforce picture (docs/network.md, "Into monitoring"). */
	if (pick_release(rows, n, "staff-survey") >= 0) {
		web_raw(rs, "<h3 class=\"govuk-heading-s\">Staff survey</h3>\n");
		if ((rc = info_part(rq, rs, rows, n, "staff-survey", 0, e)) < 0)
			goto done;
	}
	if (pick_release(rows, n, "exit-interviews") >= 0) {
		web_raw(rs, "<h3 class=\"govuk-heading-s\">Exit interviews</h3>\n");
		if ((rc = info_part(rq, rs, rows, n, "exit-interviews", 0, e)) < 0)
			goto done;
	}
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Service-user outcomes</h2>\n");
	if ((rc = info_part(rq, rs, rows, n, "service-users", 0, e)) < 0)
		goto done;
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Progress on our equality objectives</h2>\n"
		    "<p class=\"govuk-body\">Each equality objective, its targets and how it is "
		    "progressing, judged on the published tables alone: <a class=\"govuk-link\" "
		    "href=\"/public/objectives\">read the equality objectives</a>.</p>\n");
	web_page_end(rq, rs);
done:
	free(rows);
	return rc;
}

/* ---- the room's tables --------------------------------------------------*/

static const struct web_route publish_web_pages[] = {
	{"GET", "/public", CAP_PUBLIC, public_home},
	{"GET", "/public/releases/*", CAP_PUBLIC, release_page},
	{"GET", "/public/equality-information", CAP_PUBLIC, equality_information},
	{"GET", "/publish", CAP_PUBLISH, pub_web_home},
	{"GET", "/publish/new", CAP_PUBLISH, pub_web_new},
	{"GET", "/publish/check", CAP_PUBLISH, pub_web_check},
	{"POST", "/publish/release", CAP_PUBLISH, pub_web_release},
};

static const struct web_nav publish_web_nav[] = {
	{60, SEC_PUBLISH, CAP_PUBLISH, "/publish", "Publish tables"},
};

static const struct web_audit_word publish_web_audit_words[] = {
	{"publish.release", "Published equality tables"},
	{"publish.replace", "Replaced published equality tables"},
};

/* The room: publish/cmd.c's commands, these pages. */
const struct room publish_room = {
	"publish",
	publish_commands,
	publish_web_pages,
	sizeof publish_web_pages / sizeof publish_web_pages[0],
	publish_web_nav,
	sizeof publish_web_nav / sizeof publish_web_nav[0],
	publish_web_audit_words,
	sizeof publish_web_audit_words / sizeof publish_web_audit_words[0],
};
