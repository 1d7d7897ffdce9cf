/*
 * plan/objective_web_links.c: linking an objective to the actions of the
 * plan and to impact assessments, and taking links away
 * (/objectives/ID/link, POST /objectives/ID/unlink): one form for an
 * action (those not started or in progress), one for an assessment, and
 * the links there are, each with its "Remove the link" button.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "plan/objective.h"
#include "plan/objective_web.h"
#include "plan/plan.h"
#include "web/web.h"

#define CHANGE OBJECTIVE_CHANGE

/* ---- links ----------------------------------------------------------------*/

/* The impact assessments, newest first: value the number, label the title. */
static int eia_choices(store_t *db, struct plan_choice **out, size_t *n, struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(db, &st, e, "SELECT id, title FROM eia ORDER BY id DESC", "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		char num[24];
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		snprintf(num, sizeof num, "%lld", (long long)store_col_int(st, 0));
		(*out)[*n].value = xstrdup(num);
		(*out)[*n].label = xstrdup(store_col_text(st, 1) ? store_col_text(st, 1) : "");
		(*out)[(*n)++].code = NULL;
	}
	store_done(st);
	if (rc < 0) {
		plan_choices_free(*out, *n);
		*out = NULL;
		*n = 0;
		return ERR_DB;
	}
	return 0;
}

static void choice_select(struct web_resp *rs, const struct web_field *f,
			  const struct plan_choice *v, size_t nv, const char *none,
			  const struct web_field_error *errs, int n)
{
	size_t i;
	web_select_open(rs, f, errs, n);
	web_select_option(rs, "", none, !f->value || !*f->value);
	for (i = 0; i < nv; i++)
		web_select_option(rs, v[i].value, v[i].label, f->value && !strcmp(f->value, v[i].value));
	web_select_close(rs);
}

/* The "Remove the link" button of one link. */
static void unlink_form(struct web_req *rq, struct web_resp *rs, int64_t id, const char *field,
			long long value, const char *hidden)
{
	web_printf(rs, "<form method=\"post\" action=\"/objectives/%lld/unlink\" novalidate "
		       "class=\"govuk-!-display-inline\">\n",
		   (long long)id);
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"%s\" value=\"%lld\">\n<button type=\"submit\" "
		       "class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" "
		       "data-module=\"govuk-button\">Remove the link<span class=\"govuk-visually-"
		       "hidden\"> to %s</span></button>\n</form>\n",
		   field, value, hidden);
}

static void linked_now(struct web_req *rq, struct web_resp *rs, int64_t id, const json_t *o)
{
	const json_t *x;
	size_t i;
	if (!json_array_size(json_object_get(o, "actions")) &&
	    !json_array_size(json_object_get(o, "eias")))
		return;
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Linked now</h2>\n<dl class=\"govuk-summary-list\">\n");
	json_array_foreach(json_object_get(o, "actions"), i, x) {
		char hidden[64];
		snprintf(hidden, sizeof hidden, "action %s", objective_js(x, "code"));
		web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__"
			       "key\">Action %s</dt><dd class=\"govuk-summary-list__value\">%s</dd>"
			       "<dd class=\"govuk-summary-list__actions\">",
			   objective_js(x, "code"), objective_js(x, "text"));
		unlink_form(rq, rs, id, "action", (long long)objective_ji(x, "id"), hidden);
		web_raw(rs, "</dd></div>\n");
	}
	json_array_foreach(json_object_get(o, "eias"), i, x) {
		char hidden[64];
		snprintf(hidden, sizeof hidden, "impact assessment %lld",
			 (long long)objective_ji(x, "id"));
		web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__"
			       "key\">Impact assessment</dt><dd class=\"govuk-summary-list__value\">%s"
			       "</dd><dd class=\"govuk-summary-list__actions\">",
			   objective_js(x, "title"));
		unlink_form(rq, rs, id, "eia", (long long)objective_ji(x, "id"), hidden);
		web_raw(rs, "</dd></div>\n");
	}
	web_raw(rs, "</dl>\n");
}

int objective_web_link_get(struct web_req *rq, struct web_resp *rs, int64_t id,
			   const struct web_field_error *errs, int n, struct err *e)
{
	struct plan_choice *acts = NULL, *eias = NULL;
	size_t n_acts = 0, n_eias = 0;
	json_t *o = NULL;
	struct web_field f;
	int rc;
	if ((rc = objective_web_load_live(rq, id, &o, e)) < 0)
		return rc;
	if (plan_action_choices(rq->db, &acts, &n_acts, e) < 0 ||
	    eia_choices(rq->db, &eias, &n_eias, e) < 0) {
		rc = ERR_DB;
		goto out;
	}
	objective_web_form_begin(rq, rs, "Link actions and impact assessments",
				 objective_js(o, "title"), id, errs, n);
	web_raw(rs, "<p class=\"govuk-body\">The actions of the plan and the impact assessments that "
		    "work towards this objective. They are listed on its page.</p>\n"
		    "<h2 class=\"govuk-heading-m\">An action of the plan</h2>\n");
	if (!n_acts) {
		web_raw(rs, "<p class=\"govuk-body\">The plan has no action that is not started or in "
			    "progress.</p>\n");
	} else {
		web_printf(rs, "<form method=\"post\" action=\"/objectives/%lld/link\" novalidate>\n",
			   (long long)id);
		web_csrf_field(rq, rs);
		f = (struct web_field){"action", NULL, "Which action?",
				       "Actions not started or in progress",
				       objective_web_posted(rq, "action", NULL), NULL, NULL};
		choice_select(rs, &f, acts, n_acts, "Choose an action", errs, n);
		objective_web_button(rs, "Link the action", 0);
		web_raw(rs, "</form>\n");
	}
	web_raw(rs, "<h2 class=\"govuk-heading-m\">An impact assessment</h2>\n");
	if (!n_eias) {
		web_raw(rs, "<p class=\"govuk-body\">There are no impact assessments yet.</p>\n");
	} else {
		web_printf(rs, "<form method=\"post\" action=\"/objectives/%lld/link\" novalidate>\n",
			   (long long)id);
		web_csrf_field(rq, rs);
		f = (struct web_field){"eia", NULL, "Which impact assessment?", NULL,
				       objective_web_posted(rq, "eia", NULL), NULL, NULL};
		choice_select(rs, &f, eias, n_eias, "Choose an assessment", errs, n);
		objective_web_button(rs, "Link the assessment", 0);
		web_raw(rs, "</form>\n");
	}
	linked_now(rq, rs, id, o);
	objective_web_form_end(rq, rs);
	rc = 0;
out:
	plan_choices_free(acts, n_acts);
	plan_choices_free(eias, n_eias);
	json_decref(o);
	return rc;
}

/* The plan and id of action row v into plan (64 bytes) and code (64
 * bytes): 1 found, 0 not, negative on a database error. */
static int action_of(store_t *db, const char *v, char plan[64], char code[64], struct err *e)
{
	store_stmt_t *st;
	long row;
	int rc;
	if (!v || str_to_int(v, 1, 1000000000L, &row) < 0)
		return 0;
	if (store_prepare(db, &st, e,
			  "SELECT p.name, a.code FROM action a JOIN plan p ON p.id = a.plan_id"
			  " WHERE a.id = ? AND a.removed = 0",
			  "i", (int64_t)row) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		snprintf(plan, 64, "%s", store_col_text(st, 0));
		snprintf(code, 64, "%s", store_col_text(st, 1));
	}
	store_done(st);
	return rc < 0 ? ERR_DB : rc;
}

/* A link (unlink 0) or its removal (1) from what the form sent. */
static int link_change(struct web_req *rq, struct web_resp *rs, int64_t id, int unlink,
		       struct err *e)
{
	const char *action = web_param(rq, "action"), *eia = web_param(rq, "eia");
	struct web_field_error err = {NULL, NULL};
	char plan[64], code[64], to[48], flash[120], after[64];
	long eia_id = 0;
	int rc;
	json_t *o = NULL;
	if ((rc = objective_web_load_live(rq, id, &o, e)) < 0)
		return rc;
	json_decref(o);
	if (action) {
		if ((rc = action_of(rq->db, action, plan, code, e)) < 0)
			return rc;
		if (!rc)
			err = (struct web_field_error){"action", *action ? "Choose an action from "
									   "the list"
									 : "Choose an action to link"};
	} else if (!eia || str_to_int(eia, 1, 1000000000L, &eia_id) < 0) {
		err = (struct web_field_error){"eia", eia && *eia ? "Choose an assessment from the "
								   "list"
								 : "Choose an assessment to link"};
	}
	if (err.field_id) {
		if (unlink)
			return err_set(e, ERR_DATA, "There is no such link.");
		rs->status = 400;
		return objective_web_link_get(rq, rs, id, &err, 1, e);
	}
	if ((rc = web_begin(rq, rs, CHANGE, e)) != 0)
		return rc < 0 ? rc : 0;
	if (action) {
		rc = objective_link_action(rq->db, id, plan, code, unlink, e);
		snprintf(after, sizeof after, "%s", code);
		snprintf(flash, sizeof flash, "Action %s %s", code, unlink ? "unlinked" : "linked");
	} else {
		rc = objective_link_eia(rq->db, id, eia_id, unlink, e);
		snprintf(after, sizeof after, "%ld", eia_id);
		snprintf(flash, sizeof flash, "Impact assessment %s", unlink ? "unlinked" : "linked");
	}
	if (rc == ERR_DATA && !strstr(e->msg, "retired")) {
		store_rollback(rq->db);
		err_clear(e);
		if (unlink)
			return err_set(e, ERR_DATA, "There is no such link.");
		err = (struct web_field_error){action ? "action" : "eia", "Choose one from the list"};
		rs->status = 400;
		return objective_web_link_get(rq, rs, id, &err, 1, e);
	}
	if (unlink)
		snprintf(to, sizeof to, "/objectives/%lld/link", (long long)id);
	else
		snprintf(to, sizeof to, "/objectives/%lld", (long long)id);
	return objective_web_finish(rq, rs, rc, unlink ? "objective.unlink" : "objective.link", id,
				    after, flash, to, e);
}

int objective_web_link_post(struct web_req *rq, struct web_resp *rs, int64_t id, struct err *e)
{
	return link_change(rq, rs, id, 0, e);
}

int objective_web_unlink_post(struct web_req *rq, struct web_resp *rs, int64_t id,
			      struct err *e)
{
	return link_change(rq, rs, id, 1, e);
}
