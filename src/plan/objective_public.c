/*
 * plan/objective_public.c: the public page of the equality objectives,
 * which anyone may read without signing in — GET /public/objectives.
 * The public sector equality duty asks for specific, measurable
 * objectives published at least every four years; this page shows when
 * they were last published and when the next set is due, then every live
 * objective: its title, deadline, description, the duties it serves and
 * its next review date, and each of its measures with its target.
 *
 * The figures come from the released, disclosure-controlled tables only
 * (publish_measure_values), never from the monitoring data itself: a
 * period whose release withheld a count the figure needs shows [c], and a
 * measure the published tables cannot give (a pay gap, one filtered to
 * some grades or units) says that it is not published. The status is
 * judged on those published figures alone (objective_status_of), so it
 * may differ from the staff pages'. No personal data: not the owner, not
 * the linked actions' leads.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/period.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/objective.h"
#include "plan/objective_words.h"
#include "publish/publish.h"
#include "render/svg.h"
#include "web/web.h"

#define SEC_PUBLIC "public" /* the site's public section (app/app.h) */

/* The staff pages' colours (objective_web.c); the words always say it too. */
static const char *const tag_class[] = {
	[OBJ_NO_DATA] = "govuk-tag--grey",	 [OBJ_MET] = "govuk-tag--green",
	[OBJ_ON_TRACK] = "govuk-tag--turquoise", [OBJ_AT_RISK] = "govuk-tag--yellow",
	[OBJ_OFF_TRACK] = "govuk-tag--red",
};

static void sl_row(struct web_resp *rs, const char *key, const char *value)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
		   key, value);
}

/* The top of the page: when the objectives were published as a set, and
 * when the next set is due. */
static int publication(struct web_req *rq, struct web_resp *rs, struct date today, struct err *e)
{
	char on[11], next[11], on_w[32], next_w[32];
	int rc;
	if ((rc = objective_publication_get(rq->db, on, next, e)) < 0)
		return rc;
	if (!on[0]) {
		web_raw(rs, "<p class=\"govuk-body\">These objectives have not yet been published as a "
			    "set. The public sector equality duty asks for them to be published at "
			    "least every four years.</p>\n");
		return 0;
	}
	date_long(date_of_iso(on), on_w);
	date_long(date_of_iso(next), next_w);
	web_printf(rs, "<p class=\"govuk-body\">These objectives were last published on %s. The "
		       "public sector equality duty asks for them to be published at least every "
		       "four years: the next set %s by %s.</p>\n",
		   on_w, date_cmp(date_of_iso(next), today) < 0 ? "was due" : "is due", next_w);
	return 0;
}

/* "Duty 1: Eliminate discrimination; Duty 3" for the duties of o. */
static int duties_words(store_t *db, const json_t *o, struct buf *b, struct err *e)
{
	const json_t *ds = json_object_get(o, "duties"), *d;
	size_t i;
	json_array_foreach(ds, i, d)
	{
		store_stmt_t *st;
		int64_t no = json_integer_value(d);
		int rc;
		if (store_prepare(db, &st, e, "SELECT name FROM duty WHERE no = ?", "i", no) < 0)
			return ERR_DB;
		buf_printf(b, "%sDuty %lld", i ? "; " : "", (long long)no);
		if ((rc = store_step(st, e)) == 1 && !str_blank(store_col_text(st, 0)))
			buf_printf(b, ": %s", store_col_text(st, 0));
		store_done(st);
		if (rc < 0)
			return ERR_DB;
	}
	return 0;
}

/* The monitoring measure m of objective_load's JSON stands for, into mm
 * (its strings are m's). 0 when the published tables can hold it (share,
 * rate, ratio or completeness with no filter), 1 when they cannot. */
static int measure_of(const json_t *m, struct monitor_measure *mm)
{
	static const struct {
		const char *word;
		enum monitor_measure_kind kind;
	} kinds[] = {{"share", MONITOR_SHARE},
		     {"rate", MONITOR_RATE},
		     {"ratio", MONITOR_RATIO},
		     {"completeness", MONITOR_COMPLETENESS}};
	const char *kind = objective_js(m, "kind");
	size_t k;
	memset(mm, 0, sizeof *mm);
	if (json_is_object(json_object_get(m, "where")))
		return 1;
	for (k = 0; k < sizeof kinds / sizeof kinds[0] && strcmp(kind, kinds[k].word); k++)
		;
	if (k == sizeof kinds / sizeof kinds[0])
		return 1;
	mm->kind = kinds[k].kind;
	mm->dataset = objective_js(m, "dataset");
	mm->characteristic = objective_js(m, "characteristic");
	mm->group = *objective_js(m, "group") ? objective_js(m, "group") : NULL;
	mm->outcome = *objective_js(m, "outcome") ? objective_js(m, "outcome") : NULL;
	return 0;
}

/* A count as shown: with commas, or [c] when withheld. */
static void count_cell(struct web_resp *rs, int64_t v)
{
	char n[32];
	if (v < 0) {
		web_raw(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">"
			    "<span class=\"parity-suppressed\">[c]</span></td>");
		return;
	}
	str_count(n, v);
	web_printf(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>", n);
}

/* The published figures of one measure: a chart of them with their
 * intervals and the target (when any is shown), then the same as a table. */
static void figures(struct web_resp *rs, const char *label, const char *unit,
		    const struct monitor_measure_value *v, size_t n, double target,
		    const char *target_words)
{
	struct svg_series_point *pts = xcalloc(n ? n : 1, sizeof *pts);
	char (*pw)[PERIOD_WORDS] = xcalloc(n ? n : 1, sizeof *pw);
	size_t i, n_shown = 0;
	for (i = 0; i < n; i++)
		n_shown += isfinite(v[i].value) != 0;
	/* a chart of nothing but withheld figures would be empty */
	if (n_shown) {
		struct buf title = BUF_INIT;
		struct svg_series s;
		char tl[96];
		for (i = 0; i < n; i++) {
			period_words(v[i].period, pw[i]);
			pts[i] = (struct svg_series_point){pw[i], v[i].value, v[i].low, v[i].high};
		}
		snprintf(tl, sizeof tl, "Target: %s", target_words);
		buf_printf(&title, "%s: the published figures by period, with their 95%% interval "
				   "and the target (%s)",
			   label, target_words);
		s = (struct svg_series){buf_str(&title), pts, n, target, tl, !strcmp(unit, "%"), NULL};
		web_raw(rs, "<div class=\"parity-chart\">\n");
		svg_series(&rs->body, &s);
		web_raw(rs, "</div>\n");
		buf_free(&title);
	}
	free(pts);
	free(pw);
	web_printf(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		       "aria-label=\"%s: published figures\">\n<table class=\"govuk-table\">\n"
		       "<caption class=\"govuk-table__caption govuk-table__caption--s\">%s: "
		       "published figures</caption>\n",
		   label, label);
	web_raw(rs, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Period</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		    "Figure</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		    "Counted</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		    "Out of</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">95% interval</th></tr></thead>\n"
		    "<tbody class=\"govuk-table__body\">\n");
	for (i = 0; i < n; i++) {
		char p[PERIOD_WORDS], val[32], lo[32], hi[32];
		period_words(v[i].period, p);
		web_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
			       "class=\"govuk-table__header\">%s</th>",
			   p);
		if (isfinite(v[i].value)) {
			objective_value_words(v[i].value, unit, val);
			web_printf(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s"
				       "</td>",
				   val);
		} else if (v[i].numerator < 0 || v[i].denominator < 0) {
			web_raw(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">"
				    "<span class=\"parity-suppressed\">[c]</span></td>");
		} else {
			web_raw(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">"
				    "not defined</td>");
		}
		count_cell(rs, v[i].numerator);
		count_cell(rs, v[i].denominator);
		if (isfinite(v[i].low) && isfinite(v[i].high)) {
			objective_value_words(v[i].low, unit, lo);
			objective_value_words(v[i].high, unit, hi);
			web_printf(rs, "<td class=\"govuk-table__cell\">%s to %s</td></tr>\n", lo, hi);
		} else {
			web_raw(rs, "<td class=\"govuk-table__cell\">None</td></tr>\n");
		}
	}
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
}

/* One measure: its target, its published figures and the status judged
 * on them. */
static int measure_part(struct web_req *rq, struct web_resp *rs, const json_t *m,
			struct date by, struct date today, struct err *e)
{
	struct monitor_measure mm;
	struct monitor_measure_value *v = NULL;
	struct objective_point *pts = NULL;
	struct objective_projection proj;
	struct buf why = BUF_INIT;
	const char *label = objective_js(m, "label"), *unit = objective_js(m, "unit"),
		   *latest_period = NULL;
	double target = objective_jd(m, "target"), latest = NAN;
	int at_least = strcmp(objective_js(m, "direction"), "at-most") != 0, rc = 0;
	size_t n = 0, k = 0, i;
	enum objective_status st;
	char tw[48];

	objective_target_words(target, at_least, unit, tw);
	web_printf(rs, "<h3 class=\"govuk-heading-s\">%s</h3>\n<dl class=\"govuk-summary-list\">\n",
		   label);
	sl_row(rs, "Target", tw);
	if (measure_of(m, &mm)) {
		web_raw(rs, "</dl>\n<p class=\"govuk-body\">Not published: figures for this measure are "
			    "not in the published tables.</p>\n");
		return 0;
	}
	if ((rc = publish_measure_values(rq->db, &mm, &v, &n, e)) < 0)
		goto out;
	pts = xcalloc(n ? n : 1, sizeof *pts);
	for (i = 0; i < n; i++) {
		struct period p;
		if (period_parse(v[i].period, &p, NULL) < 0)
			continue;
		pts[k].t = (double)date_to_days(p.end);
		pts[k].value = v[i].value;
		pts[k].low = v[i].low;
		pts[k].high = v[i].high;
		k++;
		if (isfinite(v[i].value)) {
			latest = v[i].value;
			latest_period = v[i].period;
		}
	}
	st = objective_status_of(pts, k, target, at_least, by, today, &proj);
	{
		struct objective_why w = {st, unit, target, at_least, by, latest, latest_period, &proj};
		if (!n)
			buf_puts(&why, "No figures for this measure have been published yet.");
		else if (!latest_period)
			buf_puts(&why, "Every published figure of this measure is withheld ([c]), so "
				       "there is nothing to judge it on.");
		else
			objective_why_words(&w, &why);
	}
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "Status, judged on the published figures</dt><dd class=\"govuk-summary-list__"
		       "value\"><strong class=\"govuk-tag %s\">%s</strong><p class=\"govuk-body "
		       "govuk-!-margin-top-2 govuk-!-margin-bottom-0\">%s</p></dd></div>\n",
		   tag_class[st], objective_status_words(st), buf_str(&why));
	web_raw(rs, "</dl>\n");
	if (n)
		figures(rs, label, unit, v, n, target, tw);
out:
	buf_free(&why);
	free(pts);
	free(v);
	return rc;
}

/* One objective: what it is, then each of its measures. */
static int objective_part(struct web_req *rq, struct web_resp *rs, const json_t *o,
			  struct date today, struct err *e)
{
	const json_t *ms = json_object_get(o, "measures"), *m;
	struct date by = date_of_iso(objective_js(o, "by"));
	struct buf duties = BUF_INIT;
	char day[32];
	size_t i;
	int rc;
	web_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"objective-%lld\">%s</h2>\n",
		   (long long)objective_ji(o, "id"), objective_js(o, "title"));
	if (*objective_js(o, "description"))
		web_printf(rs, "<p class=\"govuk-body\">%s</p>\n", objective_js(o, "description"));
	web_raw(rs, "<dl class=\"govuk-summary-list\">\n");
	date_long(by, day);
	sl_row(rs, "To be met by", day);
	if ((rc = duties_words(rq->db, o, &duties, e)) < 0)
		goto out;
	sl_row(rs, "Duties it serves", duties.len ? buf_str(&duties) : "None named");
	if (*objective_js(o, "review_date")) {
		date_long(date_of_iso(objective_js(o, "review_date")), day);
		sl_row(rs, "Next review", day);
	} else {
		sl_row(rs, "Next review", "Not set");
	}
	web_raw(rs, "</dl>\n");
	if (!json_array_size(ms))
		web_raw(rs, "<p class=\"govuk-body\">No measures have been set for this objective "
			    "yet.</p>\n");
	json_array_foreach(ms, i, m)
	{
		if ((rc = measure_part(rq, rs, m, by, today, e)) < 0)
			goto out;
	}
	rc = 0;
out:
	buf_free(&duties);
	return rc;
}

int objective_public_index(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct date today = objective_today();
	json_t *all = NULL, *o;
	size_t i;
	int rc;
	if ((rc = objective_load_all(rq->db, 0, today, &all, e)) < 0)
		return rc;
	web_page_begin(rq, rs, "Equality objectives", SEC_PUBLIC);
	web_raw(rs, "<a href=\"/public\" class=\"govuk-back-link\">Equality information</a>\n"
		    "<h1 class=\"govuk-heading-l\">Equality objectives</h1>\n"
		    "<p class=\"govuk-body-l\">The specific, measurable objectives the organisation has "
		    "set itself to meet the public sector equality duty, and how each is "
		    "progressing.</p>\n");
	if ((rc = publication(rq, rs, today, e)) < 0)
		goto out;
	web_raw(rs, "<h2 class=\"govuk-heading-m\">About the figures</h2>\n"
		    "<p class=\"govuk-body\">Every figure on this page comes from the <a "
		    "class=\"govuk-link\" href=\"/public\">published equality tables</a>, for the "
		    "whole organisation, and each status is judged on those published figures "
		    "alone. A measure is met when its latest figure meets its target; otherwise the "
		    "trend through its figures, taken on to the deadline, says whether it is on "
		    "track, at risk (the target is within the trend's uncertainty) or off track.</p>\n"
		    "<p class=\"govuk-body\"><strong>[c]</strong> means a number is confidential: "
		    "it was withheld from the published tables so that no one can be identified, "
		    "and a figure that needs it is withheld too. Some measures, such as pay gaps or "
		    "figures for some grades only, are not in the published tables and have no "
		    "figures here.</p>\n");
	if (!json_array_size(all))
		web_raw(rs, "<p class=\"govuk-body\">There are no equality objectives yet.</p>\n");
	json_array_foreach(all, i, o)
	{
		if ((rc = objective_part(rq, rs, o, today, e)) < 0)
			goto out;
	}
	web_page_end(rq, rs);
	rc = 0;
out:
	json_decref(all);
	return rc;
}
