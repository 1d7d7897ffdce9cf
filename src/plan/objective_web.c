/*
 * plan/objective_web.c: equality objectives on the intranet — the list at
 * /objectives (live ones, or ?retired=1 the retired), each objective's
 * page /objectives/ID (what it is, each measure as a chart over the
 * periods with its 95% interval band and dashed target line, a table of
 * the same values for those who do not read charts, its status and why in
 * one sentence, the linked plan actions and impact assessments), the
 * objectives' panel of the dashboard, and the room's routes, navigation
 * entry and audit words. The forms are objective_web_forms.c. Reading
 * needs read-plan; changing needs update-any-action, as changing the plan
 * does. The model is the command line's (objective_store.c), judged on
 * objective_today(), so a page says what 'parity objective show' says.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/period.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"
#include "plan/objective.h"
#include "plan/objective_web.h"
#include "plan/objective_words.h"
#include "plan/plan.h"
#include "render/svg.h"
#include "web/web.h"

#define CHANGE OBJECTIVE_CHANGE

int objective_web_load(struct web_req *rq, int64_t id, json_t **o, struct err *e)
{
	int rc = objective_load(rq->db, id, objective_today(), o, e);
	if (rc == ERR_NOTFOUND) {
		err_clear(e);
		return err_set(e, ERR_NOTFOUND, "There is no such objective.");
	}
	return rc;
}

int objective_web_finish(struct web_req *rq, struct web_resp *rs, int rc, const char *what,
			 int64_t id, const char *after, const char *flash, const char *to,
			 struct err *e)
{
	char target[40];
	snprintf(target, sizeof target, "objective %lld", (long long)id);
	if (rc >= 0)
		rc = web_audit(rq, what, target, NULL, after, e);
	if (rc >= 0)
		rc = store_commit(rq->db, e);
	if (rc < 0) {
		store_rollback(rq->db);
		if (e->code == ERR_DATA && strstr(e->msg, "retired")) {
			err_clear(e);
			return err_set(e, ERR_DATA, "This objective is retired and can no longer be "
				       "changed.");
		}
		if (e->code == ERR_NOTFOUND) {
			err_clear(e);
			return err_set(e, ERR_NOTFOUND, "There is no such objective or measure.");
		}
		return rc;
	}
	web_flash(rq, flash);
	web_redirect(rs, to);
	return 0;
}

/* ---- words and tags ------------------------------------------------------*/

/* "at least 12%", "at most 0.8" for measure m. */
static void target_words(const json_t *m, char out[48])
{
	objective_target_words(objective_jd(m, "target"),
			       strcmp(objective_js(m, "direction"), "at-most") != 0,
			       objective_js(m, "unit"), out);
}

/* GOV.UK tag colours: met green, on track turquoise, at risk yellow, off
 * track red, no data grey; the words always say it too. */
static void status_tag(struct web_resp *rs, const char *name)
{
	static const char *const cls[] = {"grey", "green", "turquoise", "yellow", "red"};
	enum objective_status s = objective_status_parse(name);
	web_printf(rs, "<strong class=\"govuk-tag govuk-tag--%s\">%s</strong>", cls[s],
		   objective_status_words(s));
}

/* "31 March 2028" for the objective's deadline. */
static void deadline_words(const json_t *o, char out[48])
{
	date_iso_words(objective_js(o, "by"), out);
}

/* The value of the latest period that has one, or NULL. */
static const json_t *latest_value(const json_t *m)
{
	const json_t *vals = json_object_get(m, "values");
	size_t k = json_array_size(vals);
	while (k > 0 && !json_is_number(json_object_get(json_array_get(vals, k - 1), "value")))
		k--;
	return k ? json_array_get(vals, k - 1) : NULL;
}

/* Why a measure has its status, in one or two sentences, into b: the
 * Board report's and the public page's words (objective_words.c). */
static void why_words(struct buf *b, const json_t *o, const json_t *m)
{
	const json_t *last = latest_value(m), *pr = json_object_get(m, "projection");
	struct objective_projection p;
	struct objective_why w;
	if (!last && json_is_string(json_object_get(m, "problem"))) {
		buf_puts(b, "Its values cannot be worked out from the monitoring data as it is now: "
			    "the dataset may have been removed or re-imported in another form.");
		return;
	}
	memset(&p, 0, sizeof p);
	p.n_used = (int)objective_ji(pr, "n_used");
	p.slope = objective_jd(pr, "slope");
	p.value = objective_jd(pr, "value");
	p.low = objective_jd(pr, "low");
	p.high = objective_jd(pr, "high");
	p.past_deadline = json_is_true(json_object_get(pr, "past_deadline"));
	memset(&w, 0, sizeof w);
	w.status = objective_status_parse(objective_js(m, "status"));
	w.unit = objective_js(m, "unit");
	w.target = objective_jd(m, "target");
	w.at_least = strcmp(objective_js(m, "direction"), "at-most") != 0;
	date_parse_user(objective_js(o, "by"), "by", &w.by, NULL);
	w.latest = last ? objective_jd(last, "value") : NAN;
	w.latest_period = last ? objective_js(last, "period") : NULL;
	w.p = &p;
	objective_why_words(&w, b);
}

/* ---- one measure: its chart and its table ---------------------------------*/

static void measure_chart(struct web_resp *rs, const json_t *m)
{
	const json_t *vals = json_object_get(m, "values"), *x;
	size_t n = json_array_size(vals), i;
	struct svg_series_point *pts = xcalloc(n ? n : 1, sizeof *pts);
	char(*words)[PERIOD_WORDS] = xcalloc(n ? n : 1, sizeof *words);
	char target[64], tl[96];
	struct buf title = BUF_INIT, b = BUF_INIT;
	struct svg_series s;
	json_array_foreach(vals, i, x) {
		period_words(objective_js(x, "period"), words[i]);
		pts[i] = (struct svg_series_point){words[i], objective_jd(x, "value"),
						   objective_jd(x, "low"), objective_jd(x, "high")};
	}
	target_words(m, target);
	snprintf(tl, sizeof tl, "Target: %s", target);
	buf_printf(&title, "%s in each period, with its 95%% interval and the target (%s)",
		   objective_js(m, "label"), target);
	s = (struct svg_series){buf_str(&title), pts, n, objective_jd(m, "target"), tl,
				*objective_js(m, "unit") != '\0', NULL};
	svg_series(&b, &s);
	web_raw(rs, "<div class=\"parity-chart\">\n");
	web_raw(rs, buf_str(&b));
	web_raw(rs, "</div>\n");
	buf_free(&b);
	buf_free(&title);
	free(words);
	free(pts);
}

/* "21 of 250" with commas; "not known" when either is missing. */
static void of_words(const json_t *x, const char *num, const char *den, char out[80])
{
	char a[32], b[32];
	if (!json_is_integer(json_object_get(x, num)) || !json_is_integer(json_object_get(x, den))) {
		snprintf(out, 80, "not known");
		return;
	}
	str_count(a, (long long)objective_ji(x, num));
	str_count(b, (long long)objective_ji(x, den));
	snprintf(out, 80, "%s of %s", a, b);
}

static void th(struct web_resp *rs, const char *what, int numeric)
{
	web_printf(rs, "<th scope=\"col\" class=\"govuk-table__header%s\">%s</th>",
		   numeric ? " govuk-table__header--numeric" : "", what);
}

static void td(struct web_resp *rs, const char *what, int numeric)
{
	web_printf(rs, "<td class=\"govuk-table__cell%s\">%s</td>",
		   numeric ? " govuk-table__cell--numeric" : "", what);
}

/* The accessible table of a measure's values: period, value, interval and
 * the counts it rests on, in words that fit its kind. */
static void measure_table(struct web_resp *rs, const json_t *m)
{
	const char *kind = objective_js(m, "kind"), *unit = objective_js(m, "unit");
	const json_t *vals = json_object_get(m, "values"), *x;
	int share = !strcmp(kind, "share"), ratio = !strcmp(kind, "ratio");
	int gap = !strcmp(kind, "pay-gap");
	char ref[128] = "";
	size_t i;
	if (json_is_string(json_object_get(m, "reference")))
		snprintf(ref, sizeof ref, "%s", objective_js(m, "reference"));
	web_printf(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		       "aria-label=\"Values of %s\">\n<table class=\"govuk-table\">\n"
		       "<caption class=\"govuk-table__caption govuk-table__caption--s\">Values of %s"
		       "</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">",
		   objective_js(m, "label"), objective_js(m, "label"));
	th(rs, "Period", 0);
	th(rs, "Value", 1);
	th(rs, "95% interval", 1);
	if (share) {
		th(rs, "In the group, of those recorded", 1);
		th(rs, "Not recorded", 1);
	} else if (!strcmp(kind, "completeness")) {
		th(rs, "Recorded, of everyone", 1);
	} else if (gap) {
		th(rs, "Employees counted in the group", 1);
		web_printf(rs, "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--"
			       "numeric\">Employees counted%s%s</th>",
			   *ref ? ": " : " in the comparator group", ref);
	} else {
		th(rs, "With the outcome, of the group", 1);
		if (ratio)
			web_printf(rs, "<th scope=\"col\" class=\"govuk-table__header govuk-table__"
				       "header--numeric\">Reference group%s%s: with the outcome</th>",
				   *ref ? ", " : "", ref);
	}
	web_raw(rs, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	json_array_foreach(vals, i, x) {
		char period[PERIOD_WORDS], v[32], lo[32], hi[32], band[80], c[80];
		period_words(objective_js(x, "period"), period);
		objective_value_words(objective_jd(x, "value"), unit, v);
		if (isfinite(objective_jd(x, "low")) && isfinite(objective_jd(x, "high"))) {
			objective_value_words(objective_jd(x, "low"), unit, lo);
			objective_value_words(objective_jd(x, "high"), unit, hi);
			snprintf(band, sizeof band, "%s to %s", lo, hi);
		} else {
			snprintf(band, sizeof band, "none");
		}
		web_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__"
			       "header\">%s</th>",
			   period);
		td(rs, v, 1);
		td(rs, band, 1);
		if (gap) {
			const char *keys[2] = {"numerator", "denominator"};
			size_t k;
			for (k = 0; k < 2; k++) {
				if (json_is_integer(json_object_get(x, keys[k])))
					str_count(c, (long long)objective_ji(x, keys[k]));
				else
					snprintf(c, sizeof c, "not known");
				td(rs, c, 1);
			}
		} else {
			of_words(x, "numerator", "denominator", c);
			td(rs, c, 1);
		}
		if (share) {
			str_count(c, (long long)objective_ji(x, "not_recorded"));
			td(rs, c, 1);
		} else if (ratio) {
			of_words(x, "reference_numerator", "reference_denominator", c);
			td(rs, c, 1);
		}
		web_raw(rs, "</tr>\n");
	}
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
}

/* One measure: heading, status and why, chart, table, remove link. */
static void measure_section(struct web_resp *rs, const json_t *o, const json_t *m, int may)
{
	struct buf why = BUF_INIT;
	char target[64];
	target_words(m, target);
	web_printf(rs, "<h3 class=\"govuk-heading-m\" id=\"measure-%lld\">%s</h3>\n",
		   (long long)objective_ji(m, "id"), objective_js(m, "label"));
	web_printf(rs, "<p class=\"govuk-body\">Target: %s by the deadline. Status: ", target);
	status_tag(rs, objective_js(m, "status"));
	web_raw(rs, "</p>\n");
	why_words(&why, o, m);
	web_printf(rs, "<p class=\"govuk-body\">%s</p>\n", buf_str(&why));
	buf_free(&why);
	if (json_array_size(json_object_get(m, "values"))) {
		measure_chart(rs, m);
		measure_table(rs, m);
	}
	if (may)
		web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/objectives/%lld/"
			       "measure/%lld/remove\">Remove<span class=\"govuk-visually-hidden\"> the "
			       "measure %s</span></a></p>\n",
			   (long long)objective_ji(o, "id"), (long long)objective_ji(m, "id"),
			   objective_js(m, "label"));
}

/* ---- the list -------------------------------------------------------------*/

static void list_table(struct web_resp *rs, const json_t *all, int retired)
{
	const json_t *o, *m;
	size_t i, j;
	web_printf(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		       "aria-label=\"%s\">\n<table class=\"govuk-table\">\n<caption class=\"govuk-"
		       "table__caption govuk-visually-hidden\">%s</caption>\n"
		       "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">",
		   retired ? "Retired objectives" : "Equality objectives",
		   retired ? "Retired objectives" : "Equality objectives");
	th(rs, "Objective", 0);
	th(rs, retired ? "Retired" : "Deadline", 0);
	th(rs, "Measures", 0);
	th(rs, "Status", 0);
	web_raw(rs, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	json_array_foreach(all, i, o) {
		char day[48];
		if (retired != json_is_string(json_object_get(o, "retired_at")))
			continue;
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a "
			       "class=\"govuk-link\" href=\"/objectives/%lld\">%s</a></td>",
			   (long long)objective_ji(o, "id"), objective_js(o, "title"));
		if (retired) {
			date_iso_words(objective_js(o, "retired_at"), day);
			web_printf(rs, "<td class=\"govuk-table__cell\">%s</td>", day);
		} else {
			deadline_words(o, day);
			web_printf(rs, "<td class=\"govuk-table__cell\">by %s</td>", day);
		}
		web_raw(rs, "<td class=\"govuk-table__cell\">");
		if (!json_array_size(json_object_get(o, "measures")))
			web_raw(rs, "None yet");
		else
			web_raw(rs, "<ul class=\"govuk-list\">");
		json_array_foreach(json_object_get(o, "measures"), j, m) {
			web_printf(rs, "<li>%s ", objective_js(m, "label"));
			status_tag(rs, objective_js(m, "status"));
			web_raw(rs, "</li>");
		}
		if (json_array_size(json_object_get(o, "measures")))
			web_raw(rs, "</ul>");
		web_raw(rs, "</td><td class=\"govuk-table__cell\">");
		status_tag(rs, objective_js(o, "status"));
		web_raw(rs, "</td></tr>\n");
	}
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
}

/* How many of all (live ones, or retired ones) there are. */
static size_t count_of(const json_t *all, int retired)
{
	const json_t *o;
	size_t i, n = 0;
	json_array_foreach(all, i, o)
		n += retired == json_is_string(json_object_get(o, "retired_at"));
	return n;
}

/* GET /objectives[?retired=1] */
static int list_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *r = web_param(rq, "retired");
	int retired = r && !strcmp(r, "1");
	json_t *all = NULL;
	size_t n, n_retired;
	int rc;
	if ((rc = objective_load_all(rq->db, 1, objective_today(), &all, e)) < 0)
		return rc;
	n = count_of(all, retired);
	n_retired = count_of(all, 1);
	web_page_begin(rq, rs, retired ? "Retired equality objectives" : "Equality objectives",
		       SEC_OBJECTIVES);
	if (retired)
		web_raw(rs, "<a href=\"/objectives\" class=\"govuk-back-link\">Equality objectives</a>\n"
			    "<h1 class=\"govuk-heading-l\">Retired equality objectives</h1>\n"
			    "<p class=\"govuk-body\">Objectives that were met early, replaced or no "
			    "longer apply. They are kept with their measures and links, but are left "
			    "out of the checks and the dashboard.</p>\n");
	else
		web_raw(rs, "<h1 class=\"govuk-heading-l\">Equality objectives</h1>\n"
			    "<p class=\"govuk-body\">What the organisation has committed to achieve, "
			    "by when, and how each commitment is measured from the monitoring data. "
			    "Each measure is met, on track, at risk or off track; an objective's "
			    "status is the worst of its measures'.</p>\n");
	if (!retired && web_can(rq, CHANGE))
		web_raw(rs, "<a href=\"/objectives/new\" role=\"button\" draggable=\"false\" "
			    "class=\"govuk-button\" data-module=\"govuk-button\">Add an objective</a>\n");
	if (!n)
		web_printf(rs, "<p class=\"govuk-body\">%s</p>\n",
			   retired ? "No objective has been retired." : "No objectives yet.");
	else
		list_table(rs, all, retired);
	if (!retired && n_retired)
		web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/objectives?"
			       "retired=1\">Retired objectives (%zu)</a></p>\n",
			   n_retired);
	web_page_end(rq, rs);
	json_decref(all);
	return 0;
}

/* ---- one objective ---------------------------------------------------------*/

static void row(struct web_resp *rs, const char *key, const char *value, const char *change,
		const char *hidden)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd>",
		   key, value);
	if (change)
		web_printf(rs, "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" "
			       "href=\"%s\">Change<span class=\"govuk-visually-hidden\"> %s</span></a>"
			       "</dd>",
			   change, hidden);
	web_raw(rs, "</div>\n");
}

/* The duties of o in words ("Duty 1: Eliminate ..."), from the plan's list. */
static int duties_words(struct web_req *rq, const json_t *o, struct buf *b, struct err *e)
{
	struct plan_choice *ch = NULL;
	const json_t *d;
	size_t n = 0, i, k;
	if (plan_duty_choices(rq->db, &ch, &n, e) < 0)
		return ERR_DB;
	json_array_foreach(json_object_get(o, "duties"), i, d) {
		char no[24];
		const char *label = NULL;
		snprintf(no, sizeof no, "%lld", (long long)json_integer_value(d));
		for (k = 0; k < n; k++)
			if (!strcmp(ch[k].value, no))
				label = ch[k].label;
		if (i)
			buf_puts(b, "; ");
		if (label)
			buf_puts(b, label);
		else
			buf_printf(b, "Duty %s", no);
	}
	plan_choices_free(ch, n);
	if (!json_array_size(json_object_get(o, "duties")))
		buf_puts(b, "None named");
	return 0;
}

static int about(struct web_req *rq, struct web_resp *rs, const json_t *o, const char *change,
		 struct err *e)
{
	struct buf b = BUF_INIT;
	const json_t *a;
	char day[48];
	size_t i;
	int rc;
	web_raw(rs, "<dl class=\"govuk-summary-list\">\n");
	deadline_words(o, day);
	row(rs, "Deadline", day, change, "the deadline");
	row(rs, "Owner",
	    json_is_string(json_object_get(o, "owner_name")) ? objective_js(o, "owner_name")
							     : "Nobody yet",
	    change, "the owner");
	if (json_is_string(json_object_get(o, "review_date")))
		date_iso_words(objective_js(o, "review_date"), day);
	else
		snprintf(day, sizeof day, "Not set");
	row(rs, "Next review", day, change, "the review date");
	if ((rc = duties_words(rq, o, &b, e)) < 0) {
		buf_free(&b);
		return rc;
	}
	row(rs, "Statutory duties", buf_str(&b), change, "the duties");
	buf_reset(&b);
	json_array_foreach(json_object_get(o, "areas"), i, a)
		buf_printf(&b, "%sArea %lld: %s", i ? "; " : "", (long long)objective_ji(a, "no"),
			   objective_js(a, "title"));
	row(rs, "Plan areas", i ? buf_str(&b) : "None named", change, "the plan areas");
	if (json_is_string(json_object_get(o, "description")))
		row(rs, "What it is for", objective_js(o, "description"), change, "the description");
	web_raw(rs, "</dl>\n");
	buf_free(&b);
	return 0;
}

static void actions_part(struct web_resp *rs, const json_t *o, int may)
{
	const json_t *acts = json_object_get(o, "actions"), *a;
	size_t i;
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Actions in the plan</h2>\n");
	if (!json_array_size(acts)) {
		web_raw(rs, "<p class=\"govuk-body\">No action of the plan is linked to it yet.</p>\n");
	} else {
		web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
			    "aria-label=\"Linked actions\">\n<table class=\"govuk-table\">\n<caption "
			    "class=\"govuk-table__caption govuk-visually-hidden\">Linked actions</caption>\n"
			    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
		th(rs, "Action", 0);
		th(rs, "What will be done", 0);
		th(rs, "Lead", 0);
		th(rs, "Status", 0);
		th(rs, "Due", 0);
		web_raw(rs, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
		json_array_foreach(acts, i, a) {
			struct buf href = BUF_INIT;
			char day[48];
			buf_puts(&href, "/plan/action/");
			web_urlenc(&href, objective_js(a, "code"));
			web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a "
				       "class=\"govuk-link\" href=\"%s\">%s</a></td>",
				   buf_str(&href), objective_js(a, "code"));
			td(rs, objective_js(a, "text"), 0);
			td(rs, *objective_js(a, "lead") ? objective_js(a, "lead") : "None", 0);
			td(rs, plan_status_words(objective_js(a, "status")), 0);
			if (json_is_string(json_object_get(a, "due")))
				date_iso_words(objective_js(a, "due"), day);
			else
				snprintf(day, sizeof day, "No date");
			web_printf(rs, "<td class=\"govuk-table__cell\">%s", day);
			if (json_is_true(json_object_get(a, "overdue")))
				web_raw(rs, " <strong class=\"govuk-tag govuk-tag--red\">Overdue</strong>");
			web_raw(rs, "</td></tr>\n");
			buf_free(&href);
		}
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
	}
	if (may)
		web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/objectives/%lld/"
			       "link#action\">Link an action</a></p>\n",
			   (long long)objective_ji(o, "id"));
}

static void eias_part(struct web_resp *rs, const json_t *o, int may)
{
	const json_t *eias = json_object_get(o, "eias"), *x;
	size_t i;
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Impact assessments</h2>\n");
	if (!json_array_size(eias)) {
		web_raw(rs, "<p class=\"govuk-body\">No impact assessment is linked to it yet.</p>\n");
	} else {
		web_raw(rs, "<ul class=\"govuk-list\">\n");
		json_array_foreach(eias, i, x)
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"/eia/%lld\">%s</a> (%s)</li>\n",
				   (long long)objective_ji(x, "id"), objective_js(x, "title"),
				   json_is_true(json_object_get(x, "published")) ? "published"
										  : "not published yet");
		web_raw(rs, "</ul>\n");
	}
	if (may)
		web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/objectives/%lld/"
			       "link#eia\">Link an impact assessment</a></p>\n",
			   (long long)objective_ji(o, "id"));
}

/* GET /objectives/ID */
static int show_page(struct web_req *rq, struct web_resp *rs, int64_t id, struct err *e)
{
	json_t *o = NULL;
	const json_t *m;
	int retired, may, rc;
	char change[48], day[48];
	size_t i;
	if ((rc = objective_web_load(rq, id, &o, e)) < 0)
		return rc;
	retired = json_is_string(json_object_get(o, "retired_at"));
	may = !retired && web_can(rq, CHANGE);
	snprintf(change, sizeof change, "/objectives/%lld/edit", (long long)id);
	web_page_begin(rq, rs, objective_js(o, "title"), SEC_OBJECTIVES);
	web_printf(rs, "<a href=\"%s\" class=\"govuk-back-link\">%s</a>\n",
		   retired ? "/objectives?retired=1" : "/objectives",
		   retired ? "Retired objectives" : "All objectives");
	web_printf(rs, "<span class=\"govuk-caption-l\">Equality objective %lld</span>\n"
		       "<h1 class=\"govuk-heading-l\">%s</h1>\n<p class=\"govuk-body\">Status: ",
		   (long long)id, objective_js(o, "title"));
	status_tag(rs, objective_js(o, "status"));
	web_raw(rs, "</p>\n");
	if (retired) {
		date_iso_words(objective_js(o, "retired_at"), day);
		web_printf(rs, "<div class=\"govuk-inset-text\">Retired on %s: %s. It is kept here "
			       "with its history but can no longer be changed.</div>\n",
			   day, objective_js(o, "retired_why"));
	}
	if ((rc = about(rq, rs, o, may ? change : NULL, e)) < 0)
		goto out;
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Measures</h2>\n");
	if (!json_array_size(json_object_get(o, "measures")))
		web_raw(rs, "<p class=\"govuk-body\">No measures yet. A measure is a number worked out "
			    "from the monitoring data for every period imported, with a target.</p>\n");
	json_array_foreach(json_object_get(o, "measures"), i, m)
		measure_section(rs, o, m, may);
	if (may)
		web_printf(rs, "<a href=\"/objectives/%lld/measure\" role=\"button\" draggable=\"false\" "
			       "class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-"
			       "button\">Add a measure</a>\n",
			   (long long)id);
	actions_part(rs, o, may);
	eias_part(rs, o, may);
	if (may)
		web_printf(rs, "<h2 class=\"govuk-heading-m\">Retiring it</h2>\n<p class=\"govuk-body\">"
			       "When it is met early, replaced by another or no longer applies.</p>\n"
			       "<a href=\"/objectives/%lld/retire\" role=\"button\" draggable=\"false\" "
			       "class=\"govuk-button govuk-button--warning\" data-module=\"govuk-"
			       "button\">Retire this objective</a>\n",
			   (long long)id);
	web_page_end(rq, rs);
	rc = 0;
out:
	json_decref(o);
	return rc;
}

/* ---- the dashboard ----------------------------------------------------------*/

int objective_web_dashboard(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	static const enum objective_status order[] = {OBJ_OFF_TRACK, OBJ_AT_RISK, OBJ_ON_TRACK,
						      OBJ_MET, OBJ_NO_DATA};
	json_t *all = NULL;
	const json_t *o;
	size_t counts[5] = {0}, i, k, off = 0;
	int rc;
	if ((rc = objective_load_all(rq->db, 0, objective_today(), &all, e)) < 0)
		return rc;
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Equality objectives</h2>\n");
	if (!json_array_size(all)) {
		web_raw(rs, "<p class=\"govuk-body\">No equality objectives have been set yet. ");
		web_raw(rs, web_can(rq, CHANGE) ? "<a class=\"govuk-link\" href=\"/objectives/new\">Add "
						  "an objective</a>.</p>\n"
						: "<a class=\"govuk-link\" href=\"/objectives\">About "
						  "objectives</a>.</p>\n");
		json_decref(all);
		return 0;
	}
	json_array_foreach(all, i, o)
		counts[objective_status_parse(objective_js(o, "status"))]++;
	web_raw(rs, "<dl class=\"govuk-summary-list\">\n");
	for (k = 0; k < 5; k++) {
		size_t c = counts[order[k]];
		web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__"
			       "key\">%s</dt><dd class=\"govuk-summary-list__value\">%zu objective%s</dd>"
			       "</div>\n",
			   objective_status_words(order[k]), c, c == 1 ? "" : "s");
	}
	web_raw(rs, "</dl>\n");
	json_array_foreach(all, i, o)
		off += objective_status_parse(objective_js(o, "status")) == OBJ_OFF_TRACK;
	if (off) {
		web_raw(rs, "<h3 class=\"govuk-heading-s\">Off track</h3>\n<ul class=\"govuk-list\">\n");
		json_array_foreach(all, i, o)
			if (objective_status_parse(objective_js(o, "status")) == OBJ_OFF_TRACK)
				web_printf(rs, "<li><a class=\"govuk-link\" href=\"/objectives/%lld\">%s"
					       "</a></li>\n",
					   (long long)objective_ji(o, "id"), objective_js(o, "title"));
		web_raw(rs, "</ul>\n");
	}
	web_raw(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/objectives\">All "
		    "equality objectives</a></p>\n");
	json_decref(all);
	return 0;
}

/* ---- routes -------------------------------------------------------------*/

/* "measure/M/remove" into *mid; -1 when what is not that. */
static int remove_arg(const char *what, int64_t *mid)
{
	const char *p = what + strlen("measure/");
	const char *slash;
	char num[24];
	long v;
	if (strncmp(what, "measure/", 8) || !(slash = strchr(p, '/')) || strcmp(slash, "/remove") ||
	    slash == p || (size_t)(slash - p) >= sizeof num)
		return -1;
	memcpy(num, p, (size_t)(slash - p));
	num[slash - p] = 0;
	if (str_to_int(num, 1, 1000000000L, &v) < 0)
		return -1;
	*mid = v;
	return 0;
}

/* GET /objectives/new, /objectives/ID and its forms */
static int objective_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *what;
	int64_t id, mid;
	if (!strcmp(rq->arg, "new") || (web_arg_id(rq->arg, &id, &what) == 0 && *what)) {
		if (!web_can(rq, CHANGE)) {
			web_forbidden(rq, rs, CHANGE);
			return 0;
		}
	}
	if (!strcmp(rq->arg, "new"))
		return objective_web_fields_get(rq, rs, 0, NULL, 0, e);
	if (web_arg_id(rq->arg, &id, &what) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no such objective.");
	if (!*what)
		return show_page(rq, rs, id, e);
	if (!strcmp(what, "edit"))
		return objective_web_fields_get(rq, rs, id, NULL, 0, e);
	if (!strcmp(what, "measure"))
		return objective_web_measure_get(rq, rs, id, NULL, 0, e);
	if (!strcmp(what, "link"))
		return objective_web_link_get(rq, rs, id, NULL, 0, e);
	if (!strcmp(what, "retire"))
		return objective_web_retire_get(rq, rs, id, NULL, 0, e);
	if (remove_arg(what, &mid) == 0)
		return objective_web_remove_get(rq, rs, id, mid, e);
	return err_set(e, ERR_NOTFOUND, "There is no such page.");
}

/* POST /objectives/new and /objectives/ID/FORM */
static int objective_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *what;
	int64_t id, mid;
	if (!strcmp(rq->arg, "new"))
		return objective_web_fields_post(rq, rs, 0, e);
	if (web_arg_id(rq->arg, &id, &what) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no such objective.");
	if (!strcmp(what, "edit"))
		return objective_web_fields_post(rq, rs, id, e);
	if (!strcmp(what, "measure"))
		return objective_web_measure_post(rq, rs, id, e);
	if (!strcmp(what, "link"))
		return objective_web_link_post(rq, rs, id, e);
	if (!strcmp(what, "unlink"))
		return objective_web_unlink_post(rq, rs, id, e);
	if (!strcmp(what, "retire"))
		return objective_web_retire_post(rq, rs, id, e);
	if (remove_arg(what, &mid) == 0)
		return objective_web_remove_post(rq, rs, id, mid, e);
	return err_set(e, ERR_NOTFOUND, "There is no such page.");
}

const struct web_route objective_pages[] = {
	{"GET", "/objectives", CAP_READ_PLAN, list_page},
	{"GET", "/objectives/*", CAP_READ_PLAN, objective_get},
	{"POST", "/objectives/*", CHANGE, objective_post},
	{"GET", "/public/objectives", CAP_PUBLIC, objective_public_index},
};
const size_t objective_n_pages = sizeof objective_pages / sizeof objective_pages[0];

const struct web_nav objective_nav[] = {
	{25, SEC_OBJECTIVES, CAP_READ_PLAN, "/objectives", "Objectives"},
};
const size_t objective_n_nav = sizeof objective_nav / sizeof objective_nav[0];

/* The words of the audit entries the objectives' commands and pages write. */
const struct web_audit_word objective_audit_words[] = {
	{"objective.add", "Set an equality objective"},
	{"objective.link", "Linked an action or impact assessment to an equality objective"},
	{"objective.measure", "Added a measure to an equality objective"},
	{"objective.measure.remove", "Removed a measure from an equality objective"},
	{"objective.publish", "Recorded that the equality objectives were published"},
	{"objective.retire", "Retired an equality objective"},
	{"objective.unlink", "Took a link to an action or impact assessment off an equality "
			     "objective"},
	{"objective.update", "Changed an equality objective"},
};
const size_t objective_n_audit_words =
	sizeof objective_audit_words / sizeof objective_audit_words[0];

_Static_assert(sizeof objective_pages / sizeof objective_pages[0] == OBJECTIVE_N_PAGES,
	       "OBJECTIVE_N_PAGES is the length of objective_pages");
_Static_assert(sizeof objective_nav / sizeof objective_nav[0] == OBJECTIVE_N_NAV,
	       "OBJECTIVE_N_NAV is the length of objective_nav");
_Static_assert(sizeof objective_audit_words / sizeof objective_audit_words[0] ==
		       OBJECTIVE_N_AUDIT_WORDS,
	       "OBJECTIVE_N_AUDIT_WORDS is the length of objective_audit_words");
