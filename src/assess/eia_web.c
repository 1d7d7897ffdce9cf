/*
 * assess/eia_web.c: equality impact assessments on the intranet — the
 * list at /eia with "Start an assessment", and each assessment as a
 * GOV.UK task list (/eia/ID) whose tasks are a page each: screening,
 * evidence, engagement, assessment against the aims, mitigations (plan
 * actions), decision, sign-off, review date and publication (a
 * check-your-answers page). Reading needs read-plan; changing needs
 * update-any-action, the capability that edits the plan, since a
 * mitigation is a new action of the plan. The same model as the 'parity
 * eia' commands (eia_store.c), each change audited with the same words.
 * The public pages are eia_public.c; the rendering of a whole assessment
 * they share with the check page is eia_render here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/eia_duty.h"
#include "assess/eia_internal.h"
#include "assess/pool_web.h"
#include "core/dates.h"
#include "core/str.h"
#include "monitor/monitor.h"
#include "plan/plan.h"

#define CHANGE CAP_UPDATE_ANY_ACTION
#define SEC_EIA "eia"

static const char *posted(const struct web_req *rq, const char *name, const char *dflt)
{
	const char *v = rq->method[0] == 'P' ? web_param(rq, name) : NULL;
	return v ? v : dflt;
}

const char *eia_outcome_words(const char *outcome)
{
	if (!outcome)
		return "Not decided yet";
	if (!strcmp(outcome, "proceed"))
		return "Proceed: no major change is needed";
	if (!strcmp(outcome, "adjust"))
		return "Adjust the policy to remove barriers or better advance equality";
	if (!strcmp(outcome, "justify"))
		return "Continue despite an adverse impact, which is justified";
	if (!strcmp(outcome, "stop"))
		return "Stop and rethink the policy";
	return outcome;
}

const char *eia_impact_words(const char *impact)
{
	if (!strcmp(impact, "positive"))
		return "Positive";
	if (!strcmp(impact, "negative"))
		return "Negative";
	if (!strcmp(impact, "neutral"))
		return "Neutral";
	return "Not known yet";
}

/* ---- the whole assessment, for the check page and the public pages ------*/

static void row_open(struct web_resp *rs, const char *key)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">", key);
}

static void row_close(struct web_resp *rs, const char *change, const char *hidden)
{
	web_raw(rs, "</dd>");
	if (change)
		web_printf(rs, "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" "
			       "href=\"%s\">Change<span class=\"govuk-visually-hidden\"> %s</span></a>"
			       "</dd>", change, hidden);
	web_raw(rs, "</div>\n");
}

static void row(struct web_resp *rs, const char *key, const char *value, const char *change,
		const char *hidden)
{
	row_open(rs, key);
	web_printf(rs, "%s", value);
	row_close(rs, change, hidden);
}

/* The monitoring report an evidence names: a link for staff, words for
 * the public. */
static void report_link(struct web_resp *rs, const json_t *v, int staff)
{
	struct buf href = BUF_INIT;
	if (!json_is_string(json_object_get(v, "dataset")))
		return;
	if (!staff) {
		web_printf(rs, "<br><span class=\"govuk-body-s\">Figures: monitoring of %s, %s</span>",
			   monitor_dataset_label(eia_js(v, "dataset")), eia_js(v, "period"));
		return;
	}
	buf_puts(&href, "/monitoring/report?dataset=");
	web_urlenc(&href, eia_js(v, "dataset"));
	buf_puts(&href, "&period=");
	web_urlenc(&href, eia_js(v, "period"));
	web_printf(rs, "<br><a class=\"govuk-link\" href=\"%s\">Diversity Report: %s, %s</a>",
		   buf_str(&href), monitor_dataset_label(eia_js(v, "dataset")), eia_js(v, "period"));
	buf_free(&href);
}

static void evidence_rows(struct web_resp *rs, const json_t *o, int staff, const char *change)
{
	const json_t *v;
	size_t i;
	json_array_foreach(json_object_get(o, "evidence"), i, v) {
		row_open(rs, monitor_char_label(eia_js(v, "characteristic")));
		web_printf(rs, "%s", eia_js(v, "text"));
		report_link(rs, v, staff);
		row_close(rs, change, "evidence");
	}
}

static void engagement_rows(struct web_resp *rs, const json_t *o, const char *change)
{
	const json_t *v;
	size_t i;
	char day[48];
	json_array_foreach(json_object_get(o, "engagement"), i, v) {
		date_iso_words(eia_js(v, "date"), day);
		row_open(rs, eia_js(v, "with"));
		web_printf(rs, "<span class=\"govuk-body-s\">%s</span><br>%s", day, eia_js(v, "text"));
		row_close(rs, change, "engagement");
	}
}

static void assessment_rows(struct web_resp *rs, const json_t *o, const char *change)
{
	const json_t *v;
	size_t i;
	json_array_foreach(json_object_get(o, "assessments"), i, v) {
		size_t aim = (size_t)eia_ji(v, "aim");
		char key[160];
		snprintf(key, sizeof key, "%s: %s", monitor_char_label(eia_js(v, "characteristic")),
			 eia_aims[aim < 4 ? aim : 0]);
		row_open(rs, key);
		web_printf(rs, "<strong>%s</strong><br>%s", eia_impact_words(eia_js(v, "impact")),
			   eia_js(v, "text"));
		row_close(rs, change, "assessment");
	}
}

static void mitigation_rows(struct web_resp *rs, const json_t *o, int staff, const char *change)
{
	const json_t *v;
	size_t i;
	char day[48], key[64];
	json_array_foreach(json_object_get(o, "mitigations"), i, v) {
		snprintf(key, sizeof key, "Action %s", eia_js(v, "action_id"));
		date_iso_words(eia_js(v, "due"), day);
		row_open(rs, key);
		if (staff)
			web_printf(rs, "%s<br><span class=\"govuk-body-s\">Lead %s, due %s. <a class=\""
				       "govuk-link\" href=\"/plan/action/%s\">See action %s in the "
				       "plan</a></span>",
				   eia_js(v, "text"), eia_js(v, "lead"), day, eia_js(v, "action_id"),
				   eia_js(v, "action_id"));
		else
			web_printf(rs, "%s<br><span class=\"govuk-body-s\">Due %s</span>",
				   eia_js(v, "text"), day);
		row_close(rs, change, "mitigations");
	}
}

/* One list of the assessment under heading h2, or "none" when empty. */
static void part(struct web_resp *rs, const json_t *o, const char *key, const char *h2,
		 const char *none, int staff, const char *change)
{
	web_printf(rs, "<h2 class=\"govuk-heading-m\">%s</h2>\n", h2);
	if (!json_array_size(json_object_get(o, key))) {
		web_printf(rs, "<p class=\"govuk-body\">%s</p>\n", none);
		if (change)
			web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s\">"
				       "Change<span class=\"govuk-visually-hidden\"> %s</span></a></p>\n",
				   change, h2);
		return;
	}
	web_raw(rs, "<dl class=\"govuk-summary-list\">\n");
	if (!strcmp(key, "evidence"))
		evidence_rows(rs, o, staff, change);
	else if (!strcmp(key, "engagement"))
		engagement_rows(rs, o, change);
	else if (!strcmp(key, "assessments"))
		assessment_rows(rs, o, change);
	else
		mitigation_rows(rs, o, staff, change);
	web_raw(rs, "</dl>\n");
}

void eia_render(struct web_resp *rs, const json_t *o, int staff, const char *change_base)
{
	const json_t *x;
	char href[9][96];
	static const char *const slugs[] = {"screening", "evidence", "engagement", "assessment",
					    "mitigations", "decision", "signoff"};
	const char *ch[7];
	size_t i;
	for (i = 0; i < 7; i++) {
		snprintf(href[i], sizeof href[i], "%s/%s", change_base ? change_base : "", slugs[i]);
		ch[i] = change_base ? href[i] : NULL;
	}
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Screening</h2>\n<dl class=\"govuk-summary-list\">\n");
	x = json_object_get(o, "screening");
	row(rs, "Is a full assessment needed?",
	    !json_is_object(x) ? "Not answered" : json_is_true(json_object_get(x, "needed")) ? "Yes" : "No",
	    ch[0], "whether a full assessment is needed");
	if (json_is_object(x))
		row(rs, "Why", eia_js(x, "text"), ch[0], "why");
	web_raw(rs, "</dl>\n");
	part(rs, o, "evidence", "Evidence", "None recorded.", staff, ch[1]);
	part(rs, o, "engagement", "Engagement", "None recorded.", staff, ch[2]);
	part(rs, o, "assessments", "Assessment against the aims of the duty", "None recorded.",
	     staff, ch[3]);
	part(rs, o, "mitigations", "Mitigations", "None.", staff, ch[4]);
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Decision</h2>\n<dl class=\"govuk-summary-list\">\n");
	row(rs, "Outcome", eia_outcome_words(json_string_value(json_object_get(o, "outcome"))), ch[5],
	    "the decision");
	if (json_is_string(json_object_get(o, "outcome"))) {
		row(rs, "Reasons", eia_js(o, "decision"), ch[5], "the reasons");
		row(rs, "Decided by", eia_js(o, "decided_by"), ch[5], "who decided");
	}
	x = json_object_get(o, "signoff");
	row(rs, "Signed off by", json_is_object(x) ? eia_js(x, "name") : "Not signed off", ch[6],
	    "the sign-off");
	if (json_is_object(x))
		row(rs, "Signed off as", eia_js(x, "role"), ch[6], "the role");
	web_raw(rs, "</dl>\n");
}

/* ---- the list and starting one ------------------------------------------*/

static const char *stage_words(const json_t *o)
{
	const char *stage = eia_js(o, "stage");
	if (!strcmp(stage, "published"))
		return "Published";
	return !strcmp(stage, "decided") ? "Decided" : "In progress";
}

/* The assessments' numbers, newest first (*ids allocated, free it). */
int eia_ids(store_t *db, int published_only, int64_t **ids, size_t *n, struct err *e)
{
	store_stmt_t *st;
	int rc;
	*ids = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT id FROM eia e WHERE ? = 0 OR EXISTS (SELECT 1 FROM eia_version v"
			  " WHERE v.eia_id = e.id) ORDER BY id DESC",
			  "i", (int64_t)published_only) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		int64_t *g = realloc(*ids, (*n + 1) * sizeof **ids);
		if (!g) {
			rc = err_set(e, ERR_INTERNAL, "out of memory");
			break;
		}
		*ids = g;
		(*ids)[(*n)++] = store_col_int(st, 0);
	}
	store_done(st);
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}

/* GET /eia */
static int list_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	int64_t *ids = NULL;
	size_t n = 0, i;
	int rc;
	if ((rc = eia_ids(rq->db, 0, &ids, &n, e)) < 0)
		return rc;
	web_page_begin(rq, rs, "Equality impact assessments", SEC_EIA);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Equality impact assessments</h1>\n"
		    "<p class=\"govuk-body\">An equality impact assessment asks, before a policy or "
		    "decision is adopted, what it will do to people who share each protected "
		    "characteristic, and what will be done about any harm. Published assessments are "
		    "on the <a class=\"govuk-link\" href=\"/public/eia\">public pages</a>.</p>\n");
	if (web_can(rq, CHANGE))
		web_raw(rs, "<a href=\"/eia/new\" role=\"button\" draggable=\"false\" class=\"govuk-button\" "
			    "data-module=\"govuk-button\">Start an assessment</a>\n");
	if (!n) {
		web_raw(rs, "<p class=\"govuk-body\">No assessments yet.</p>\n");
	} else {
		web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
			    "aria-label=\"Equality impact assessments\">\n"
			    "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
			    "govuk-visually-hidden\">Equality impact assessments</caption>\n"
			    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			    "<th scope=\"col\" class=\"govuk-table__header\">Assessment</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Owner</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Status</th></tr></thead>\n"
			    "<tbody class=\"govuk-table__body\">\n");
		for (i = 0; i < n; i++) {
			json_t *o;
			if ((rc = eia_load(rq->db, ids[i], &o, e)) < 0)
				goto out;
			web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
				       "<a class=\"govuk-link\" href=\"/eia/%lld\">%s</a></td>"
				       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">"
				       "%s, version %lld</td></tr>\n",
				   (long long)ids[i], eia_js(o, "title"), eia_js(o, "owner_name"),
				   stage_words(o), (long long)eia_ji(o, "version"));
			json_decref(o);
		}
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
	}
	web_page_end(rq, rs);
	rc = 0;
out:
	free(ids);
	return rc;
}

static int lead_select(struct web_req *rq, struct web_resp *rs, const struct web_field *f,
		       const struct web_field_error *errs, int n, struct err *e)
{
	struct plan_choice *v = NULL;
	size_t nv = 0, i;
	if (plan_lead_choices(rq->db, &v, &nv, e) < 0)
		return ERR_DB;
	web_select_open(rs, f, errs, n);
	web_select_option(rs, "", "Choose someone", !f->value || !*f->value);
	for (i = 0; i < nv; i++)
		web_select_option(rs, v[i].value, v[i].label,
				  f->value && !strcmp(f->value, v[i].value));
	web_select_close(rs);
	plan_choices_free(v, nv);
	return 0;
}

static int new_form(struct web_req *rq, struct web_resp *rs, const struct web_field_error *errs,
		    int n, struct err *e)
{
	struct web_field f;
	int rc;
	web_page_begin(rq, rs, n ? "Error: Start an assessment" : "Start an assessment", SEC_EIA);
	web_raw(rs, "<a href=\"/eia\" class=\"govuk-back-link\">Back</a>\n<div class=\"govuk-grid-row\">"
		    "<div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Start an assessment</h1>\n"
		    "<form method=\"post\" action=\"/eia/new\" novalidate>\n");
	web_csrf_field(rq, rs);
	f = (struct web_field){"title", NULL, "What policy or decision is being assessed?",
			       "For example, Hybrid working policy", posted(rq, "title", NULL), NULL,
			       NULL};
	web_input(rs, &f, "text", errs, n);
	f = (struct web_field){"owner", NULL, "Who owns the assessment?",
			       "They are reminded when it is due for review", posted(rq, "owner", NULL),
			       NULL, NULL};
	if ((rc = lead_select(rq, rs, &f, errs, n, e)) < 0)
		return rc;
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Start the assessment</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
	return 0;
}

/* Audit, commit, flash and go to `to`, after a store call that gave rc. */
static int finish(struct web_req *rq, struct web_resp *rs, int rc, const char *what, int64_t id,
		  const char *after, const char *flash, const char *to, struct err *e)
{
	char target[40];
	snprintf(target, sizeof target, "eia %lld", (long long)id);
	if (rc >= 0)
		rc = web_audit(rq, what, target, NULL, after, e);
	if (rc >= 0)
		rc = store_commit(rq->db, e);
	if (rc < 0) {
		store_rollback(rq->db);
		if (e->code == ERR_DATA || e->code == ERR_NOTFOUND) {
			/* the assessment changed meanwhile (published, decided) */
			err_clear(e);
			return err_set(e, ERR_DATA, "This assessment changed while you were working "
				       "on it. Go back to its task list and try again.");
		}
		return rc;
	}
	web_flash(rq, flash);
	web_redirect(rs, to);
	return 0;
}

/* NULL when v is given, not blank and at most max bytes; else the message. */
static const char *text_problem(const char *v, size_t max, const char *empty, const char *longer)
{
	if (!v || str_blank(v))
		return empty;
	if (strlen(v) > max)
		return longer;
	return NULL;
}

/* POST /eia/new */
static int new_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *title = web_param(rq, "title"), *owner = web_param(rq, "owner"), *m;
	struct web_field_error errs[2];
	char initials[64], to[40];
	int64_t id = 0;
	int n = 0, rc;
	if ((m = text_problem(title, 300, "Enter what is being assessed",
			      "The title must be 300 characters or fewer")))
		errs[n++] = (struct web_field_error){"title", m};
	if (!owner || !*owner || plan_person_active(rq->db, owner, initials, e) != 1)
		errs[n++] = (struct web_field_error){"owner", "Choose who owns the assessment"};
	err_clear(e);
	if (n) {
		rs->status = 400;
		return new_form(rq, rs, errs, n, e);
	}
	if ((rc = web_begin(rq, rs, CHANGE, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = eia_create(rq->db, title, owner, rq->user->name, initials, &id, e);
	snprintf(to, sizeof to, "/eia/%lld", (long long)id);
	return finish(rq, rs, rc, "eia.new", id, title, "Assessment started", to, e);
}

/* ---- the task list ------------------------------------------------------*/

enum task_status { NOT_STARTED, IN_PROGRESS, COMPLETED, CANNOT_START, NOT_NEEDED };

static void task(struct web_resp *rs, int64_t id, const char *slug, const char *name,
		 const char *hint, enum task_status s)
{
	static const char *const words[] = {"Not started", "In progress", "Completed",
					    "Cannot start yet", "Not needed"};
	int link = s != CANNOT_START;
	web_printf(rs, "<li class=\"govuk-task-list__item%s\"><div class=\"govuk-task-list__name-and-hint\">",
		   link ? " govuk-task-list__item--with-link" : "");
	if (link && hint)
		web_printf(rs, "<a class=\"govuk-link govuk-task-list__link\" href=\"/eia/%lld/%s\" "
			       "aria-describedby=\"%s-hint %s-status\">%s</a>",
			   (long long)id, slug, slug, slug, name);
	else if (link)
		web_printf(rs, "<a class=\"govuk-link govuk-task-list__link\" href=\"/eia/%lld/%s\" "
			       "aria-describedby=\"%s-status\">%s</a>",
			   (long long)id, slug, slug, name);
	else
		web_printf(rs, "<div>%s</div>", name);
	if (hint)
		web_printf(rs, "<div id=\"%s-hint\" class=\"govuk-task-list__hint\">%s</div>", slug,
			   hint);
	web_printf(rs, "</div><div class=\"govuk-task-list__status%s\" id=\"%s-status\">",
		   s == CANNOT_START || s == NOT_NEEDED ? " govuk-task-list__status--cannot-start-yet"
							: "",
		   slug);
	if (s == NOT_STARTED)
		web_raw(rs, "<strong class=\"govuk-tag govuk-tag--blue\">Not started</strong>");
	else if (s == IN_PROGRESS)
		web_raw(rs, "<strong class=\"govuk-tag govuk-tag--light-blue\">In progress</strong>");
	else
		web_printf(rs, "%s", words[s]);
	web_raw(rs, "</div></li>\n");
}

/* A list task: not needed when screened out; cannot start before the
 * screening while empty; in progress until the decision, then completed. */
static enum task_status list_status(const json_t *o, const char *key, int decided, int screened)
{
	if (screened == 0 && !json_array_size(json_object_get(o, key)))
		return NOT_NEEDED;
	if (!json_array_size(json_object_get(o, key)))
		return screened < 0 ? CANNOT_START : NOT_STARTED;
	return decided ? COMPLETED : IN_PROGRESS;
}

static void section(struct web_resp *rs, const char *h)
{
	web_printf(rs, "<h2 class=\"govuk-heading-m\">%s</h2>\n<ul class=\"govuk-task-list\">\n", h);
}

static int tasks_page(struct web_req *rq, struct web_resp *rs, int64_t id, const json_t *o)
{
	const json_t *sc = json_object_get(o, "screening"), *v;
	int screened = json_is_object(sc) ? json_is_true(json_object_get(sc, "needed")) : -1;
	int decided = json_is_string(json_object_get(o, "outcome"));
	int published = !strcmp(eia_js(o, "stage"), "published");
	int has_review = json_is_string(json_object_get(o, "review_date"));
	char hint[160] = "", day[48];
	size_t i;
	int64_t n_pools = 0, n_duties = 0;
	struct err ig;
	err_clear(&ig);
	if (store_query_int(rq->db, &n_pools, &ig, "SELECT COUNT(*) FROM eia_pool WHERE eia_id = ?",
			    "i", id) < 0)
		n_pools = 0;
	{
		int *d = NULL;
		size_t nd = 0;
		char ref[24];
		snprintf(ref, sizeof ref, "%lld", (long long)id);
		if (plan_duty_work_get(rq->db, EIA_WORK_KIND, ref, &d, &nd, &ig) >= 0)
			n_duties = (int64_t)nd;
		free(d);
	}
	web_page_begin(rq, rs, eia_js(o, "title"), SEC_EIA);
	web_raw(rs, "<a href=\"/eia\" class=\"govuk-back-link\">All assessments</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_printf(rs, "<span class=\"govuk-caption-l\">Equality impact assessment, version %lld</span>\n"
		       "<h1 class=\"govuk-heading-l\">%s</h1>\n<p class=\"govuk-body\">Owner: %s. "
		       "Status: %s.</p>\n",
		   (long long)eia_ji(o, "version"), eia_js(o, "title"), eia_js(o, "owner_name"),
		   stage_words(o));
	if (published) {
		web_printf(rs, "<div class=\"govuk-inset-text\">This version is published and cannot be "
			       "changed. <a class=\"govuk-link\" href=\"/public/eia/%lld\">See it on the "
			       "public pages</a>. To change the assessment, open a new version: the "
			       "published one stays on the public pages until the new one is "
			       "published.</div>\n", (long long)id);
		if (web_can(rq, CHANGE)) {
			web_printf(rs, "<form method=\"post\" action=\"/eia/%lld/revise\" novalidate>\n",
				   (long long)id);
			web_csrf_field(rq, rs);
			web_raw(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
				    "data-module=\"govuk-button\">Open a new version</button>\n</form>\n");
		}
	}
	section(rs, "1. Screening");
	task(rs, id, "screening", "Is a full assessment needed?", NULL,
	     screened >= 0 ? COMPLETED : NOT_STARTED);
	web_raw(rs, "</ul>\n");
	section(rs, "2. Evidence and engagement");
	task(rs, id, "evidence", "Evidence for each protected characteristic", NULL,
	     list_status(o, "evidence", decided, screened));
	task(rs, id, "engagement", "Engagement: who was consulted", NULL,
	     list_status(o, "engagement", decided, screened));
	task(rs, id, "pool", "Reorganisation: a selection pool",
	     "Only when jobs are at risk: how redundancy selection falls on each group",
	     n_pools ? COMPLETED : NOT_STARTED);
	web_raw(rs, "</ul>\n");
	section(rs, "3. Assessment");
	task(rs, id, "assessment", "Assessment against each aim of the duty", NULL,
	     list_status(o, "assessments", decided, screened));
	task(rs, id, "mitigations", "Mitigations", NULL,
	     list_status(o, "mitigations", decided, screened));
	web_raw(rs, "</ul>\n");
	section(rs, "4. Decision and sign-off");
	task(rs, id, "decision", "Decision", NULL,
	     decided ? COMPLETED : screened < 0 ? CANNOT_START : NOT_STARTED);
	task(rs, id, "signoff", "Sign-off", "Recorded and published; not needed to publish",
	     json_is_object(json_object_get(o, "signoff")) ? COMPLETED
	     : decided				       ? NOT_STARTED
							       : CANNOT_START);
	web_raw(rs, "</ul>\n");
	section(rs, "5. Publication and review");
	if (has_review) {
		date_iso_words(eia_js(o, "review_date"), day);
		snprintf(hint, sizeof hint, "Review by %s", day);
	}
	task(rs, id, "review", "Review date", has_review ? hint : "A year after publication unless set",
	     has_review ? COMPLETED : NOT_STARTED);
	task(rs, id, "publish", "Check and publish", NULL,
	     published ? COMPLETED : decided ? NOT_STARTED : CANNOT_START);
	task(rs, id, "duties", "Duties it serves", "Counted in the plan's duty coverage",
	     n_duties ? COMPLETED : NOT_STARTED);
	web_raw(rs, "</ul>\n");
	if (json_array_size(json_object_get(o, "versions"))) {
		web_raw(rs, "<h2 class=\"govuk-heading-m\">Published versions</h2>\n"
			    "<ul class=\"govuk-list\">\n");
		json_array_foreach(json_object_get(o, "versions"), i, v) {
			date_iso_words(eia_js(v, "published_at"), day);
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"/public/eia/%lld/versions/%lld\">"
				       "Version %lld</a>, published %s</li>\n",
				   (long long)id, (long long)eia_ji(v, "version"),
				   (long long)eia_ji(v, "version"), day);
		}
		web_raw(rs, "</ul>\n");
	}
	web_raw(rs, "</div></div>\n");
	web_page_end(rq, rs);
	return 0;
}

/* ---- one task's page ----------------------------------------------------*/

struct ctx {
	struct web_req *rq;
	struct web_resp *rs;
	int64_t id;
	json_t *o;
	const struct web_field_error *errs;
	int n;
};

/* The frame of a task page: back link, errors, caption and heading. 1
 * when the form may be shown (the account may change it, and it is not
 * published unless any_stage). */
static int task_begin(struct ctx *c, const char *h1, int any_stage)
{
	char title[400];
	int published = !strcmp(eia_js(c->o, "stage"), "published");
	snprintf(title, sizeof title, "%s%s: %s", c->n ? "Error: " : "", h1, eia_js(c->o, "title"));
	web_page_begin(c->rq, c->rs, title, SEC_EIA);
	web_printf(c->rs, "<a href=\"/eia/%lld\" class=\"govuk-back-link\">Back to the task list</a>\n"
			  "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n",
		   (long long)c->id);
	web_error_summary(c->rs, c->errs, c->n);
	web_printf(c->rs, "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">%s</h1>\n",
		   eia_js(c->o, "title"), h1);
	if (!web_can(c->rq, CHANGE)) {
		web_raw(c->rs, "<p class=\"govuk-body\">You can read this assessment. Changing it "
			       "needs permission to update any action of the plan.</p>\n");
		return 0;
	}
	if (published && !any_stage) {
		web_raw(c->rs, "<div class=\"govuk-inset-text\">This version is published and cannot "
			       "be changed. Open a new version from the task list to change it.</div>\n");
		return 0;
	}
	return 1;
}

static void task_end(struct ctx *c)
{
	web_printf(c->rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/eia/%lld\">"
			  "Back to the task list</a></p>\n</div></div>\n", (long long)c->id);
	web_page_end(c->rq, c->rs);
}

static void form_open(struct ctx *c, const char *slug)
{
	web_printf(c->rs, "<form method=\"post\" action=\"/eia/%lld/%s\" novalidate>\n",
		   (long long)c->id, slug);
	web_csrf_field(c->rq, c->rs);
}

static void form_close(struct ctx *c, const char *button)
{
	web_printf(c->rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			  "%s</button>\n</form>\n", button);
}

static void text_area(struct ctx *c, const char *id, const char *label, const char *hint,
		      const char *dflt)
{
	struct web_field f = {id, NULL, label, hint, posted(c->rq, id, dflt), NULL, NULL};
	web_textarea(c->rs, &f, 4, c->errs, c->n);
}

static void char_select(struct ctx *c, const char *label)
{
	struct web_field f = {"characteristic", NULL, label, NULL,
			      posted(c->rq, "characteristic", NULL), NULL, NULL};
	size_t i;
	web_select_open(c->rs, &f, c->errs, c->n);
	web_select_option(c->rs, "", "Choose a characteristic", !f.value || !*f.value);
	for (i = 0; i < eia_n_characteristics; i++)
		web_select_option(c->rs, eia_characteristics[i],
				  monitor_char_label(eia_characteristics[i]),
				  f.value && !strcmp(f.value, eia_characteristics[i]));
	web_select_close(c->rs);
}

/* The recorded entries of a list task, or "None yet." */
static void recorded(struct ctx *c, const char *key, const char *h2)
{
	web_printf(c->rs, "<h2 class=\"govuk-heading-m\">%s</h2>\n", h2);
	if (!json_array_size(json_object_get(c->o, key))) {
		web_raw(c->rs, "<p class=\"govuk-body\">None yet.</p>\n");
		return;
	}
	web_raw(c->rs, "<dl class=\"govuk-summary-list\">\n");
	if (!strcmp(key, "evidence"))
		evidence_rows(c->rs, c->o, 1, NULL);
	else if (!strcmp(key, "engagement"))
		engagement_rows(c->rs, c->o, NULL);
	else if (!strcmp(key, "assessments"))
		assessment_rows(c->rs, c->o, NULL);
	else
		mitigation_rows(c->rs, c->o, 1, NULL);
	web_raw(c->rs, "</dl>\n");
}

static int screening_page(struct ctx *c, struct err *e)
{
	static const struct web_choice yes_no[] = {
		{"yes", "Yes, a full assessment is needed",
		 "It may affect people differently because of a protected characteristic"},
		{"no", "No, a full assessment is not needed", "The assessment goes straight to the "
							      "decision"},
	};
	const json_t *sc = json_object_get(c->o, "screening");
	const char *was = !json_is_object(sc) ? NULL
			  : json_is_true(json_object_get(sc, "needed")) ? "yes" : "no";
	struct web_field f = {"needed", NULL, "Is a full assessment needed?", NULL,
			      posted(c->rq, "needed", was), NULL, NULL};
	(void)e;
	if (task_begin(c, "Screening", 0)) {
		form_open(c, "screening");
		web_radios(c->rs, &f, yes_no, 2, 0, c->errs, c->n);
		text_area(c, "text", "Why?", "What the policy does and who it may affect",
			  json_is_object(sc) ? eia_js(sc, "text") : NULL);
		form_close(c, "Save and continue");
	} else if (json_is_object(sc)) {
		web_printf(c->rs, "<p class=\"govuk-body\">%s: %s</p>\n",
			   !strcmp(was, "yes") ? "A full assessment is needed"
					       : "No full assessment is needed",
			   eia_js(sc, "text"));
	}
	task_end(c);
	return 0;
}

static int report_select(struct ctx *c, struct err *e)
{
	struct web_field f = {"report", NULL, "Figures from a Diversity Report (optional)",
			      "An imported period of monitoring that shows the evidence",
			      posted(c->rq, "report", NULL), NULL, NULL};
	char(*ds)[64] = NULL;
	size_t n_ds = 0, i, j;
	int rc = 0;
	if ((rc = monitor_datasets(c->rq->db, &ds, &n_ds, e)) < 0)
		return rc;
	web_select_open(c->rs, &f, c->errs, c->n);
	web_select_option(c->rs, "", "None", !f.value || !*f.value);
	for (i = 0; rc >= 0 && i < n_ds; i++) {
		char(*ps)[24] = NULL;
		size_t n_ps = 0;
		if ((rc = monitor_periods(c->rq->db, ds[i], &ps, &n_ps, e)) < 0)
			break;
		for (j = 0; j < n_ps; j++) {
			char value[96], label[160];
			snprintf(value, sizeof value, "%s:%s", ds[i], ps[j]);
			snprintf(label, sizeof label, "%s, %s", monitor_dataset_label(ds[i]), ps[j]);
			web_select_option(c->rs, value, label, f.value && !strcmp(f.value, value));
		}
		free(ps);
	}
	free(ds);
	web_select_close(c->rs);
	return rc < 0 ? rc : 0;
}

static int evidence_page(struct ctx *c, struct err *e)
{
	int rc;
	if (task_begin(c, "Evidence", 0)) {
		form_open(c, "evidence");
		char_select(c, "Which protected characteristic is this about?");
		text_area(c, "text", "What is known",
			  "What the evidence says about the effect on people who share it", NULL);
		if ((rc = report_select(c, e)) < 0)
			return rc;
		form_close(c, "Add the evidence");
	}
	recorded(c, "evidence", "Evidence recorded");
	task_end(c);
	return 0;
}

static void date_box(struct ctx *c, const char *id, const char *label, const char *hint,
		     const char *iso)
{
	struct web_field f = {id, NULL, label, hint, NULL, NULL, NULL};
	char k[3][48], d[8] = "", m[8] = "", y[8] = "";
	int yy, mm, dd;
	if (iso && sscanf(iso, "%4d-%2d-%2d", &yy, &mm, &dd) == 3) {
		snprintf(d, sizeof d, "%d", dd);
		snprintf(m, sizeof m, "%d", mm);
		snprintf(y, sizeof y, "%d", yy);
	}
	snprintf(k[0], sizeof k[0], "%s-day", id);
	snprintf(k[1], sizeof k[1], "%s-month", id);
	snprintf(k[2], sizeof k[2], "%s-year", id);
	web_date_input(c->rs, &f, posted(c->rq, k[0], d), posted(c->rq, k[1], m),
		       posted(c->rq, k[2], y), c->errs, c->n);
}

static int engagement_page(struct ctx *c, struct err *e)
{
	(void)e;
	if (task_begin(c, "Engagement", 0)) {
		struct web_field f = {"with", NULL, "Who was consulted?",
				      "Name a group, network or committee rather than a private "
				      "person: the log is published with the assessment",
				      posted(c->rq, "with", NULL), NULL, NULL};
		form_open(c, "engagement");
		web_input(c->rs, &f, "text", c->errs, c->n);
		date_box(c, "date", "When?", "For example, 2 11 2026", NULL);
		text_area(c, "text", "What did they say?", NULL, NULL);
		form_close(c, "Add to the engagement log");
	}
	recorded(c, "engagement", "Engagement log");
	task_end(c);
	return 0;
}

static const struct web_choice impacts[] = {
	{"positive", "Positive", NULL},
	{"negative", "Negative", "People who share it are, or may be, worse off"},
	{"neutral", "Neutral", NULL},
	{"unknown", "Not known yet", "More evidence is needed"},
};

static const struct web_choice aim_choices[] = {
	{"0", "All three aims together", NULL},
	{"1", "Eliminate discrimination, harassment and victimisation", NULL},
	{"2", "Advance equality of opportunity", NULL},
	{"3", "Foster good relations", NULL},
};

static int assessment_page(struct ctx *c, struct err *e)
{
	(void)e;
	if (task_begin(c, "Assessment against the aims of the duty", 0)) {
		struct web_field f = {"aim", NULL, "Which aim of the duty?", NULL,
				      posted(c->rq, "aim", "0"), NULL, NULL};
		form_open(c, "assessment");
		char_select(c, "Which protected characteristic?");
		web_radios(c->rs, &f, aim_choices, 4, 0, c->errs, c->n);
		f = (struct web_field){"impact", NULL, "What is the impact?",
				       "Recording it again for the same characteristic and aim "
				       "replaces it",
				       posted(c->rq, "impact", NULL), NULL, NULL};
		web_radios(c->rs, &f, impacts, 4, 0, c->errs, c->n);
		text_area(c, "text", "Why?", NULL, NULL);
		form_close(c, "Record the impact");
	}
	recorded(c, "assessments", "Impacts recorded");
	task_end(c);
	return 0;
}

static int mitigations_page(struct ctx *c, struct err *e)
{
	int rc;
	if (task_begin(c, "Mitigations", 0)) {
		struct web_field f = {"lead", NULL, "Who leads the action?", NULL,
				      posted(c->rq, "lead", NULL), NULL, NULL};
		web_raw(c->rs, "<p class=\"govuk-body\">Each mitigation becomes an action in the plan, "
			       "in the area “Equality impact assessments”.</p>\n");
		form_open(c, "mitigations");
		text_area(c, "text", "What will be done?",
			  "A step that removes or reduces a negative impact", NULL);
		if ((rc = lead_select(c->rq, c->rs, &f, c->errs, c->n, e)) < 0)
			return rc;
		date_box(c, "due", "When is it due?", "For example, 31 3 2027", NULL);
		form_close(c, "Add the mitigation");
	}
	recorded(c, "mitigations", "Mitigations recorded");
	task_end(c);
	return 0;
}

static int decision_page(struct ctx *c, struct err *e)
{
	static const char *const outs[] = {"proceed", "adjust", "justify", "stop"};
	struct web_choice ch[4];
	size_t i;
	(void)e;
	for (i = 0; i < 4; i++)
		ch[i] = (struct web_choice){outs[i], eia_outcome_words(outs[i]), NULL};
	if (task_begin(c, "Decision", 0)) {
		struct web_field f = {"outcome", NULL, "What was decided?", NULL,
				      posted(c->rq, "outcome",
					     json_string_value(json_object_get(c->o, "outcome"))),
				      NULL, NULL};
		form_open(c, "decision");
		web_radios(c->rs, &f, ch, 4, 0, c->errs, c->n);
		text_area(c, "text", "Reasons for the decision", NULL,
			  json_string_value(json_object_get(c->o, "decision")));
		f = (struct web_field){"by", NULL, "Who took the decision?",
				       "Their name is published with the assessment",
				       posted(c->rq, "by",
					      json_is_string(json_object_get(c->o, "decided_by"))
						      ? eia_js(c->o, "decided_by")
						      : c->rq->user->name),
				       NULL, NULL};
		web_input(c->rs, &f, "text", c->errs, c->n);
		if (json_is_object(json_object_get(c->o, "signoff")))
			web_raw(c->rs, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-"
				       "text__icon\" aria-hidden=\"true\">!</span><strong class=\""
				       "govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">"
				       "Warning</span> Saving the decision clears the sign-off: it must be "
				       "signed off again.</strong></div>\n");
		form_close(c, "Save and continue");
	} else if (json_is_string(json_object_get(c->o, "outcome"))) {
		web_printf(c->rs, "<p class=\"govuk-body\">%s, decided by %s: %s</p>\n",
			   eia_outcome_words(eia_js(c->o, "outcome")), eia_js(c->o, "decided_by"),
			   eia_js(c->o, "decision"));
	}
	task_end(c);
	return 0;
}

static int signoff_page(struct ctx *c, struct err *e)
{
	const json_t *so = json_object_get(c->o, "signoff");
	(void)e;
	if (task_begin(c, "Sign-off", 0)) {
		if (!json_is_string(json_object_get(c->o, "outcome"))) {
			web_printf(c->rs, "<p class=\"govuk-body\">Sign-off comes after the decision. "
					  "<a class=\"govuk-link\" href=\"/eia/%lld/decision\">Record "
					  "the decision</a> first.</p>\n",
				   (long long)c->id);
		} else {
			struct web_field f = {"name", NULL, "Who signs it off?",
					      "Their name is published with the assessment",
					      posted(c->rq, "name",
						     json_is_object(so) ? eia_js(so, "name") : NULL),
					      NULL, NULL};
			web_raw(c->rs, "<p class=\"govuk-body\">Sign-off is recorded and published with "
				       "the assessment; publishing does not wait for it.</p>\n");
			form_open(c, "signoff");
			web_input(c->rs, &f, "text", c->errs, c->n);
			f = (struct web_field){"role", NULL, "In what role?",
					       "For example, Director of Operations",
					       posted(c->rq, "role",
						      json_is_object(so) ? eia_js(so, "role") : NULL),
					       NULL, NULL};
			web_input(c->rs, &f, "text", c->errs, c->n);
			form_close(c, "Sign off");
		}
	} else if (json_is_object(so)) {
		web_printf(c->rs, "<p class=\"govuk-body\">Signed off by %s (%s).</p>\n",
			   eia_js(so, "name"), eia_js(so, "role"));
	}
	task_end(c);
	return 0;
}

static int review_page(struct ctx *c, struct err *e)
{
	char day[48];
	(void)e;
	if (task_begin(c, "Review date", 1)) {
		web_raw(c->rs, "<p class=\"govuk-body\">When the assessment is to be looked at again. "
			       "Without a date it is a year after publication. The owner is reminded "
			       "by email 30 days before, and when it is overdue.</p>\n");
		form_open(c, "review");
		date_box(c, "review", "Review by", "For example, 30 6 2027",
			 json_string_value(json_object_get(c->o, "review_date")));
		form_close(c, "Save and continue");
	} else if (json_is_string(json_object_get(c->o, "review_date"))) {
		date_iso_words(eia_js(c->o, "review_date"), day);
		web_printf(c->rs, "<p class=\"govuk-body\">Review by %s.</p>\n", day);
	}
	task_end(c);
	return 0;
}

static int publish_page(struct ctx *c, struct err *e)
{
	char base[40];
	int decided = json_is_string(json_object_get(c->o, "outcome"));
	int may = task_begin(c, "Check your answers before publishing", 0);
	(void)e;
	snprintf(base, sizeof base, "/eia/%lld", (long long)c->id);
	eia_render(c->rs, c->o, 1, may ? base : NULL);
	if (may && !decided) {
		web_printf(c->rs, "<p class=\"govuk-body\">The assessment can be published once the "
				  "decision is recorded. <a class=\"govuk-link\" href=\"/eia/%lld/"
				  "decision\">Record the decision</a>.</p>\n",
			   (long long)c->id);
	} else if (may) {
		web_raw(c->rs, "<h2 class=\"govuk-heading-m\">Now publish the assessment</h2>\n"
			       "<p class=\"govuk-body\">It will be on the public pages with the names "
			       "of its owner, the decision maker and whoever signed it off. Once "
			       "published, this version cannot be changed.</p>\n");
		form_open(c, "publish");
		form_close(c, "Publish the assessment");
	}
	task_end(c);
	return 0;
}

static const struct {
	const char *slug;
	int (*page)(struct ctx *c, struct err *e);
} tasks[] = {
	{"screening", screening_page},	 {"evidence", evidence_page},
	{"engagement", engagement_page}, {"assessment", assessment_page},
	{"mitigations", mitigations_page}, {"decision", decision_page},
	{"signoff", signoff_page},	 {"review", review_page},
	{"publish", publish_page},
};
#define N_TASKS (sizeof tasks / sizeof tasks[0])
static int show_task(struct web_req *rq, struct web_resp *rs, int64_t id, const char *what,
		     const struct web_field_error *errs, int n, struct err *e)
{
	struct ctx c = {rq, rs, id, NULL, errs, n};
	size_t i = 0;
	int rc;
	if (*what) {
		for (i = 0; i < N_TASKS; i++)
			if (!strcmp(what, tasks[i].slug))
				break;
		if (i == N_TASKS)
			return err_set(e, ERR_NOTFOUND, "There is no such page.");
	}
	if ((rc = eia_load(rq->db, id, &c.o, e)) == ERR_NOTFOUND) {
		err_clear(e);
		return err_set(e, ERR_NOTFOUND, "There is no such assessment.");
	}
	if (rc < 0)
		return rc;
	rc = *what ? tasks[i].page(&c, e) : tasks_page(rq, rs, id, c.o);
	json_decref(c.o);
	return rc;
}

/* The assessment's title into title; ERR_NOTFOUND when there is none. */
static int title_of(store_t *db, int64_t id, char title[320], struct err *e)
{
	store_stmt_t *st;
	int rc;
	if (store_prepare(db, &st, e, "SELECT title FROM eia WHERE id = ?", "i", id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1)
		snprintf(title, 320, "%s", store_col_text(st, 0));
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	return rc ? 0 : err_set(e, ERR_NOTFOUND, "There is no such assessment.");
}

/* The pages beside the tasks: "duties" (eia_duty.c) and "pool", "pool/N"
 * (pool_web.c). 1 when what is none of them. */
static int side_page(struct web_req *rq, struct web_resp *rs, int64_t id, const char *what,
		     int post, struct err *e)
{
	char title[320];
	int rc;
	if (!strcmp(what, "duties")) {
		if ((rc = title_of(rq->db, id, title, e)) < 0)
			return rc;
		return post ? eia_duties_post(rq, rs, id, title, e)
			    : eia_duties_page(rq, rs, id, title, web_can(rq, CHANGE), NULL, e);
	}
	if (!strncmp(what, "pool", 4) && (what[4] == '\0' || what[4] == '/')) {
		const char *rest = what[4] ? what + 5 : "";
		if (post && *rest)
			return err_set(e, ERR_NOTFOUND, "There is no such page.");
		return post ? pool_web_post(rq, rs, id, e) : pool_web_get(rq, rs, id, rest, e);
	}
	return 1;
}

/* GET /eia/new, /eia/N and /eia/N/TASK */
static int eia_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *what;
	int64_t id;
	int rc;
	if (!strcmp(rq->arg, "new")) {
		if (!web_can(rq, CHANGE)) {
			web_forbidden(rq, rs, CHANGE);
			return 0;
		}
		return new_form(rq, rs, NULL, 0, e);
	}
	if (web_arg_id(rq->arg, &id, &what) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no such assessment.");
	if ((rc = side_page(rq, rs, id, what, 0, e)) != 1)
		return rc;
	return show_task(rq, rs, id, what, NULL, 0, e);
}

/* ---- the forms ----------------------------------------------------------*/

/* One form being handled. */
struct post {
	struct web_req *rq;
	struct web_resp *rs;
	int64_t id;
	const char *what;		/* the task: "evidence" */
	struct web_field_error errs[4]; /* the form's errors */
	int n;				/* how many */
	const char *text;		/* its "text" field */
	char msg[2][160];		/* the date errors' messages, which errs point to */
	const char *after;		/* the audit entry's value */
	const char *flash;		/* the message on the next page */
	char buf[160];			/* room for after (an action id, a date) */
};

static void need_text(struct post *p, const char *empty)
{
	const char *m = text_problem(p->text, EIA_TEXT_MAX, empty,
				     "The text must be 10,000 characters or fewer");
	if (m)
		p->errs[p->n++] = (struct web_field_error){"text", m};
}

static void need_name(struct post *p, const char *field, const char *v, const char *empty)
{
	const char *m = text_problem(v, EIA_NAME_MAX, empty, "This must be 200 characters or fewer");
	if (m)
		p->errs[p->n++] = (struct web_field_error){field, m};
}

static void need_date(struct post *p, const char *name, const char *what, const char *empty,
		      char iso[11], char msg[160])
{
	struct date d;
	int k = web_date_read(p->rq, name, what, &d, msg);
	if (k == 0)
		snprintf(msg, 160, "%s", empty);
	if (k <= 0)
		p->errs[p->n++] = (struct web_field_error){name, msg};
	else
		date_format(d, iso);
}

static int char_ok(const char *v)
{
	size_t i;
	for (i = 0; v && i < eia_n_characteristics; i++)
		if (!strcmp(v, eia_characteristics[i]))
			return 1;
	return 0;
}

/* Each task's change: validate the form, then (in web_begin's
 * transaction) make it. 0 with p->after and p->flash set; 1 when the form
 * had errors (p->errs; the caller redraws the page); 2 when web_begin
 * refused (its page written); negative on failure (the store's rc, the
 * transaction open). */
#define BEGIN(p, e)                                                                               \
	do {                                                                                      \
		int b_ = web_begin((p)->rq, (p)->rs, CHANGE, e);                                   \
		if (b_ != 0)                                                                      \
			return b_ < 0 ? b_ : 2;                                                   \
	} while (0)

static int ch_screening(struct post *p, struct err *e)
{
	const char *needed = web_param(p->rq, "needed");
	if (!needed || (strcmp(needed, "yes") && strcmp(needed, "no")))
		p->errs[p->n++] = (struct web_field_error){"needed", "Select yes if a full assessment "
								     "is needed"};
	need_text(p, "Enter why");
	if (p->n)
		return 1;
	BEGIN(p, e);
	p->after = needed;
	p->flash = "Screening saved";
	return eia_screen(p->rq->db, p->id, needed[0] == 'y', p->text, p->rq->user->name, e);
}

static int ch_evidence(struct post *p, struct err *e)
{
	const char *chr = web_param(p->rq, "characteristic"), *report = web_param(p->rq, "report");
	int rc;
	if (!char_ok(chr))
		p->errs[p->n++] = (struct web_field_error){"characteristic",
							   "Choose a protected characteristic"};
	need_text(p, "Enter what is known");
	if (p->n)
		return 1;
	BEGIN(p, e);
	p->after = chr;
	p->flash = "Evidence added";
	rc = eia_evidence_add(p->rq->db, p->id, chr, p->text, report && *report ? report : NULL,
			      p->rq->user->name, e);
	if (rc == ERR_USAGE || (rc == ERR_DATA && strstr(e->msg, "--report"))) {
		store_rollback(p->rq->db);
		err_clear(e);
		p->errs[p->n++] = (struct web_field_error){"report", "Choose a Diversity Report from "
								     "the list"};
		return 1;
	}
	return rc;
}

static int ch_engagement(struct post *p, struct err *e)
{
	const char *with = web_param(p->rq, "with");
	char iso[11] = "";
	need_name(p, "with", with, "Enter who was consulted");
	need_date(p, "date", "The date", "Enter when they were consulted", iso, p->msg[0]);
	need_text(p, "Enter what they said");
	if (p->n)
		return 1;
	BEGIN(p, e);
	p->after = with;
	p->flash = "Added to the engagement log";
	return eia_engage(p->rq->db, p->id, with, iso, p->text, p->rq->user->name, e);
}

static int ch_assessment(struct post *p, struct err *e)
{
	const char *chr = web_param(p->rq, "characteristic"), *a = web_param(p->rq, "aim");
	const char *impact = web_param(p->rq, "impact");
	int rc, replaced = 0;
	long aim = -1;
	size_t i;
	if (!char_ok(chr))
		p->errs[p->n++] = (struct web_field_error){"characteristic",
							   "Choose a protected characteristic"};
	if (!a || str_to_int(a, 0, 3, &aim) < 0)
		p->errs[p->n++] = (struct web_field_error){"aim", "Select an aim of the duty"};
	for (i = 0; impact && i < 4; i++)
		if (!strcmp(impact, impacts[i].value))
			break;
	if (!impact || i == 4)
		p->errs[p->n++] = (struct web_field_error){"impact", "Select the impact"};
	need_text(p, "Enter why");
	if (p->n)
		return 1;
	BEGIN(p, e);
	p->after = impact;
	rc = eia_assess_set(p->rq->db, p->id, chr, (int)aim, impact, p->text, p->rq->user->name,
			    &replaced, e);
	p->flash = replaced ? "Impact replaced" : "Impact recorded";
	return rc;
}

static int ch_mitigations(struct post *p, struct err *e)
{
	const char *lead = web_param(p->rq, "lead");
	char initials[64], iso[11] = "";
	int64_t no = 0;
	need_text(p, "Enter what will be done");
	if (!lead || !*lead || plan_person_active(p->rq->db, lead, initials, e) != 1)
		p->errs[p->n++] = (struct web_field_error){"lead", "Choose who leads the action"};
	err_clear(e);
	need_date(p, "due", "The due date", "Enter when it is due", iso, p->msg[0]);
	if (p->n)
		return 1;
	BEGIN(p, e);
	p->after = p->buf;
	p->flash = "Mitigation added as an action in the plan";
	return eia_mitigate(p->rq->db, p->id, p->text, lead, iso, p->rq->user->name, p->buf, &no, e);
}

static int ch_decision(struct post *p, struct err *e)
{
	const char *outcome = web_param(p->rq, "outcome"), *by = web_param(p->rq, "by");
	if (!outcome || (strcmp(outcome, "proceed") && strcmp(outcome, "adjust") &&
			 strcmp(outcome, "justify") && strcmp(outcome, "stop")))
		p->errs[p->n++] = (struct web_field_error){"outcome", "Select what was decided"};
	need_text(p, "Enter the reasons for the decision");
	need_name(p, "by", by, "Enter who took the decision");
	if (p->n)
		return 1;
	BEGIN(p, e);
	p->after = outcome;
	p->flash = "Decision saved";
	return eia_decide(p->rq->db, p->id, outcome, p->text, by, e);
}

static int ch_signoff(struct post *p, struct err *e)
{
	const char *name = web_param(p->rq, "name"), *role = web_param(p->rq, "role");
	need_name(p, "name", name, "Enter who signs it off");
	need_name(p, "role", role, "Enter their role");
	if (p->n)
		return 1;
	BEGIN(p, e);
	p->after = role;
	p->flash = "Signed off";
	return eia_signoff(p->rq->db, p->id, name, role, p->rq->user->name, e);
}

static int ch_review(struct post *p, struct err *e)
{
	need_date(p, "review", "The review date", "Enter the review date", p->buf, p->msg[1]);
	if (p->n)
		return 1;
	BEGIN(p, e);
	p->after = p->buf;
	p->flash = "Review date saved";
	return eia_review_set(p->rq->db, p->id, p->buf, p->rq->user->name, e);
}

static int ch_publish(struct post *p, struct err *e)
{
	int64_t version = 0;
	int rc;
	BEGIN(p, e);
	rc = eia_publish(p->rq->db, p->id, p->rq->user->name, &version, e);
	snprintf(p->buf, sizeof p->buf, "version %lld", (long long)version);
	p->after = p->buf;
	p->flash = "Assessment published";
	return rc;
}

static int ch_revise(struct post *p, struct err *e)
{
	int64_t version = 0;
	int rc;
	BEGIN(p, e);
	rc = eia_revise(p->rq->db, p->id, p->rq->user->name, &version, e);
	snprintf(p->buf, sizeof p->buf, "version %lld", (long long)version);
	p->after = p->buf;
	p->flash = "A new version is open as a draft";
	return rc;
}
#undef BEGIN

/* The forms: the task, its change, its audit word, whether it may change
 * a published version, and whether the form comes back to its own page
 * (the lists) rather than the task list. */
static const struct {
	const char *slug;
	int (*fn)(struct post *p, struct err *e);
	const char *audit;
	int when_published;
	int stay;
} changes[] = {
	{"screening", ch_screening, "eia.screen", 0, 0},
	{"evidence", ch_evidence, "eia.evidence", 0, 1},
	{"engagement", ch_engagement, "eia.engage", 0, 1},
	{"assessment", ch_assessment, "eia.assess", 0, 1},
	{"mitigations", ch_mitigations, "eia.mitigate", 0, 1},
	{"decision", ch_decision, "eia.decide", 0, 0},
	{"signoff", ch_signoff, "eia.signoff", 0, 0},
	{"review", ch_review, "eia.review", 1, 0},
	{"publish", ch_publish, "eia.publish", 0, 0},
	{"revise", ch_revise, "eia.revise", 1, 0},
};

/* POST /eia/new and /eia/N/TASK */
static int eia_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct eia_state s;
	struct post p = {0};
	char to[64];
	size_t i;
	int rc;
	if (!strcmp(rq->arg, "new"))
		return new_post(rq, rs, e);
	p.rq = rq;
	p.rs = rs;
	p.text = web_param(rq, "text");
	p.flash = "Saved";
	if (web_arg_id(rq->arg, &p.id, &p.what) < 0 || !*p.what)
		return err_set(e, ERR_NOTFOUND, "There is no such assessment.");
	if ((rc = side_page(rq, rs, p.id, p.what, 1, e)) != 1)
		return rc;
	for (i = 0; i < sizeof changes / sizeof changes[0]; i++)
		if (!strcmp(p.what, changes[i].slug))
			break;
	if (i == sizeof changes / sizeof changes[0])
		return err_set(e, ERR_NOTFOUND, "There is no such page.");
	if ((rc = eia_state_get(rq->db, p.id, &s, e)) == ERR_NOTFOUND) {
		err_clear(e);
		return err_set(e, ERR_NOTFOUND, "There is no such assessment.");
	}
	if (rc < 0)
		return rc;
	if (s.published && !changes[i].when_published)
		return err_set(e, ERR_DATA, "This version is published and cannot be changed. Open a "
			       "new version from the task list to change it.");
	if ((!strcmp(p.what, "signoff") || !strcmp(p.what, "publish")) && !s.decided)
		return err_set(e, ERR_DATA, "Record the decision first: %s comes after it.",
			       p.what[0] == 's' ? "sign-off" : "publishing");
	if (!strcmp(p.what, "revise") && !s.published)
		return err_set(e, ERR_DATA, "This assessment is already a draft that can be changed.");
	rc = changes[i].fn(&p, e);
	if (rc == 1) {
		rs->status = 400;
		return show_task(rq, rs, p.id, p.what, p.errs, p.n, e);
	}
	if (rc == 2)
		return 0;
	if (changes[i].stay)
		snprintf(to, sizeof to, "/eia/%lld/%s", (long long)p.id, p.what);
	else
		snprintf(to, sizeof to, "/eia/%lld", (long long)p.id);
	return finish(rq, rs, rc, changes[i].audit, p.id, p.after, p.flash, to, e);
}

const struct web_route eia_pages[] = {
	{"GET", "/eia", CAP_READ_PLAN, list_page},
	{"GET", "/eia/*", CAP_READ_PLAN, eia_get},
	{"POST", "/eia/*", CHANGE, eia_post},
	{"GET", "/public/eia", CAP_PUBLIC, eia_public_list},
	{"GET", "/public/eia/*", CAP_PUBLIC, eia_public_page},
};

const struct web_nav eia_nav[] = {
	{35, SEC_EIA, CAP_READ_PLAN, "/eia", "Impact assessments"},
};
