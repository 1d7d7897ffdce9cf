/*
 * plan/objective_web_forms.c: the forms of the objectives' staff pages
 * and what they share — adding an objective and changing it
 * (/objectives/new, /objectives/ID/edit) and retiring it with a reason
 * (/objectives/ID/retire); the measures' forms are
 * objective_web_measure.c, the links' objective_web_links.c. Each form
 * checks what was sent in the page's own words and shows each problem at
 * its field under the error summary; the model (objective_store.c)
 * checks again inside the transaction, and its command-line messages are
 * turned into the page's words. A change is one transaction with its
 * audit entry, then POST-redirect-GET.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/objective.h"
#include "plan/objective_web.h"
#include "plan/plan.h"
#include "web/web.h"

#define CHANGE OBJECTIVE_CHANGE
#define MAX_ERRS 12
#define MAX_LIST 64 /* duties, areas or filter values a form sends, at most */

const char *objective_web_posted(const struct web_req *rq, const char *name, const char *dflt)
{
	const char *v = rq->method[0] == 'P' ? web_param(rq, name) : NULL;
	return v ? v : dflt;
}

/* 1 when s has more than max characters. */
int objective_web_too_long(const char *s, size_t max)
{
	int cut = 0;
	if (s)
		str_utf8_prefix(s, max, &cut);
	return cut;
}

/* The frame of a form page: title, back link, error summary, caption, h1. */
void objective_web_form_begin(struct web_req *rq, struct web_resp *rs, const char *h1,
			      const char *caption, int64_t id, const struct web_field_error *errs,
			      int n)
{
	char title[400], back[48];
	snprintf(title, sizeof title, "%s%s", n ? "Error: " : "", h1);
	if (id)
		snprintf(back, sizeof back, "/objectives/%lld", (long long)id);
	else
		snprintf(back, sizeof back, "/objectives");
	web_page_begin(rq, rs, title, SEC_OBJECTIVES);
	web_printf(rs, "<a href=\"%s\" class=\"govuk-back-link\">Back</a>\n<div class=\"govuk-grid-"
		       "row\"><div class=\"govuk-grid-column-two-thirds\">\n",
		   back);
	web_error_summary(rs, errs, n);
	if (caption)
		web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n", caption);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">%s</h1>\n", h1);
}

void objective_web_form_end(struct web_req *rq, struct web_resp *rs)
{
	web_raw(rs, "</div></div>\n");
	web_page_end(rq, rs);
}

void objective_web_button(struct web_resp *rs, const char *words, int warning)
{
	web_printf(rs, "<button type=\"submit\" class=\"govuk-button%s\" data-module=\"govuk-button\">"
		       "%s</button>\n",
		   warning ? " govuk-button--warning" : "", words);
}

/* The GOV.UK date input id, filled from what was sent or from iso. */
static void date_box(struct web_req *rq, struct web_resp *rs, const char *id, const char *label,
		     const char *hint, const char *iso, const struct web_field_error *errs, int n)
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
	web_date_input(rs, &f, objective_web_posted(rq, k[0], d), objective_web_posted(rq, k[1], m),
		       objective_web_posted(rq, k[2], y), errs, n);
}

/* 1 when the objective of o is retired: its forms are closed. */
static int is_retired(const json_t *o)
{
	return json_is_string(json_object_get(o, "retired_at"));
}

static int retired_refusal(struct err *e)
{
	return err_set(e, ERR_DATA, "This objective is retired and can no longer be changed.");
}

/* Load objective id for a form: 404 when there is none, 400 when retired. */
int objective_web_load_live(struct web_req *rq, int64_t id, json_t **o, struct err *e)
{
	int rc = objective_web_load(rq, id, o, e);
	if (rc < 0)
		return rc;
	if (is_retired(*o)) {
		json_decref(*o);
		*o = NULL;
		return retired_refusal(e);
	}
	return 0;
}

/* ---- the objective itself: new and change ---------------------------------*/

/* An area of the main plan: its number and "Area 3: Recruitment". */
struct area_choice {
	char value[24];
	char *label;
};

static void areas_free(struct area_choice *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i].label);
	free(v);
}

/* The areas of the plan the objectives link to ("main"), by number. */
static int area_choices(store_t *db, struct area_choice **out, size_t *n, struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT a.no, a.title FROM area a JOIN plan p ON p.id = a.plan_id"
			  " WHERE p.name = 'main' AND a.removed = 0 ORDER BY a.no",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct buf b = BUF_INIT;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		snprintf((*out)[*n].value, sizeof (*out)[*n].value, "%lld",
			 (long long)store_col_int(st, 0));
		buf_printf(&b, "Area %lld: %s", (long long)store_col_int(st, 0),
			   store_col_text(st, 1) ? store_col_text(st, 1) : "");
		(*out)[(*n)++].label = buf_take(&b);
	}
	store_done(st);
	if (rc < 0) {
		areas_free(*out, *n);
		*out = NULL;
		*n = 0;
		return ERR_DB;
	}
	return 0;
}

/* Whether value is ticked: among what was sent, or in o's list key. */
static int ticked(const struct web_req *rq, const char *name, const json_t *o, const char *key,
		  const char *member, const char *value)
{
	const json_t *x;
	const char *v;
	size_t i;
	int k;
	if (rq->method[0] == 'P') {
		for (k = 0; (v = web_param_n(rq, name, k)) != NULL; k++)
			if (!strcmp(v, value))
				return 1;
		return 0;
	}
	json_array_foreach(json_object_get(o, key), i, x) {
		char s[24];
		snprintf(s, sizeof s, "%lld",
			 (long long)(member ? objective_ji(x, member) : json_integer_value(x)));
		if (!strcmp(s, value))
			return 1;
	}
	return 0;
}

static int owner_select(struct web_req *rq, struct web_resp *rs, const json_t *o,
			const struct web_field_error *errs, int n, struct err *e)
{
	struct plan_choice *v = NULL;
	size_t nv = 0, i;
	const char *was = o ? objective_js(o, "owner") : NULL;
	struct web_field f = {"owner", NULL, "Who owns it? (optional)",
			      "The person who answers for it. They are reminded by email before "
			      "each review date",
			      objective_web_posted(rq, "owner", was), NULL, NULL};
	if (plan_lead_choices(rq->db, &v, &nv, e) < 0)
		return ERR_DB;
	web_select_open(rs, &f, errs, n);
	web_select_option(rs, "", "Nobody yet", !f.value || !*f.value);
	for (i = 0; i < nv; i++)
		web_select_option(rs, v[i].value, v[i].label,
				  f.value && !strcasecmp(f.value, v[i].value));
	web_select_close(rs);
	plan_choices_free(v, nv);
	return 0;
}

/* The duties and areas as checkboxes (none when the plan has none). */
static int link_boxes(struct web_req *rq, struct web_resp *rs, const json_t *o,
		      const struct web_field_error *errs, int n, struct err *e)
{
	struct plan_choice *ch = NULL;
	struct area_choice *ar = NULL;
	struct web_check *opts = NULL;
	size_t n_ch = 0, n_ar = 0, i;
	struct web_field f;
	int rc = 0;
	if (plan_duty_choices(rq->db, &ch, &n_ch, e) < 0 || area_choices(rq->db, &ar, &n_ar, e) < 0) {
		rc = ERR_DB;
		goto out;
	}
	opts = xcalloc((n_ch > n_ar ? n_ch : n_ar) + 1, sizeof *opts);
	if (n_ch) {
		for (i = 0; i < n_ch; i++)
			opts[i] = (struct web_check){ch[i].value, ch[i].label,
						     ticked(rq, "duty", o, "duties", NULL, ch[i].value)};
		f = (struct web_field){"duty", "duty", "Which statutory duties does it serve?",
				       "Select all that apply", NULL, NULL, NULL};
		web_checkboxes(rs, &f, opts, n_ch, errs, n);
	}
	if (n_ar) {
		for (i = 0; i < n_ar; i++)
			opts[i] = (struct web_check){ar[i].value, ar[i].label,
						     ticked(rq, "area", o, "areas", "no", ar[i].value)};
		f = (struct web_field){"area", "area",
				       "Which areas of the action plan does it belong to?",
				       "Select all that apply", NULL, NULL, NULL};
		web_checkboxes(rs, &f, opts, n_ar, errs, n);
	}
out:
	free(opts);
	plan_choices_free(ch, n_ch);
	areas_free(ar, n_ar);
	return rc;
}

int objective_web_fields_get(struct web_req *rq, struct web_resp *rs, int64_t id,
			     const struct web_field_error *errs, int n, struct err *e)
{
	json_t *o = NULL;
	const char *title_was;
	struct web_field f;
	char action[48];
	int rc;
	if (id && (rc = objective_web_load_live(rq, id, &o, e)) < 0)
		return rc;
	objective_web_form_begin(rq, rs, id ? "Change the objective" : "Add an objective",
				 o ? objective_js(o, "title") : NULL, id, errs, n);
	if (id)
		snprintf(action, sizeof action, "/objectives/%lld/edit", (long long)id);
	else
		snprintf(action, sizeof action, "/objectives/new");
	web_printf(rs, "<form method=\"post\" action=\"%s\" novalidate>\n", action);
	web_csrf_field(rq, rs);
	title_was = o ? objective_js(o, "title") : NULL;
	f = (struct web_field){"title", NULL, "What is the objective?",
			       "Something specific and measurable, for example: A senior workforce "
			       "that reflects the community",
			       objective_web_posted(rq, "title", title_was), NULL, NULL};
	web_input(rs, &f, "text", errs, n);
	date_box(rq, rs, "by", "By when is it to be met?", "For example, 31 3 2028",
		 o ? objective_js(o, "by") : NULL, errs, n);
	f = (struct web_field){"description", NULL, "What is it for? (optional)",
			       "A sentence or two on why it matters",
			       objective_web_posted(rq, "description",
				      o && json_is_string(json_object_get(o, "description"))
					      ? objective_js(o, "description")
					      : NULL),
			       NULL, NULL};
	web_textarea(rs, &f, 3, errs, n);
	if ((rc = owner_select(rq, rs, o, errs, n, e)) < 0)
		goto out;
	date_box(rq, rs, "review", "When is it next reviewed? (optional)", "For example, 31 3 2027",
		 o && json_is_string(json_object_get(o, "review_date"))
			 ? objective_js(o, "review_date")
			 : NULL,
		 errs, n);
	if ((rc = link_boxes(rq, rs, o, errs, n, e)) < 0)
		goto out;
	objective_web_button(rs, id ? "Save the changes" : "Add the objective", 0);
	web_raw(rs, "</form>\n");
	objective_web_form_end(rq, rs);
	rc = 0;
out:
	json_decref(o);
	return rc;
}

/* The numbers ticked in repeated field name into out (at most MAX_LIST),
 * each a whole number that allowed(arg, value) accepts; -1 when one is
 * not. */
static int ticked_numbers(const struct web_req *rq, const char *name, int *out, size_t *n,
			  int (*allowed)(void *arg, const char *v), void *arg)
{
	const char *v;
	int k;
	long x;
	*n = 0;
	for (k = 0; (v = web_param_n(rq, name, k)) != NULL; k++) {
		if (*n == MAX_LIST || str_to_int(v, -1000, 1000000, &x) < 0 || !allowed(arg, v))
			return -1;
		out[(*n)++] = (int)x;
	}
	return 0;
}

struct choices {
	const char *const *values;
	size_t n;
};

static int in_choices(void *arg, const char *v)
{
	const struct choices *c = arg;
	size_t i;
	for (i = 0; i < c->n; i++)
		if (!strcmp(c->values[i], v))
			return 1;
	return 0;
}

/* The duties and areas sent, checked against the plan's; errors added. */
static int read_boxes(struct web_req *rq, int *duties, size_t *n_duties, int *areas,
		      size_t *n_areas, struct web_field_error *errs, int *n, struct err *e)
{
	struct plan_choice *ch = NULL;
	struct area_choice *ar = NULL;
	size_t n_ch = 0, n_ar = 0, i;
	const char **vals;
	struct choices c;
	if (plan_duty_choices(rq->db, &ch, &n_ch, e) < 0 || area_choices(rq->db, &ar, &n_ar, e) < 0) {
		plan_choices_free(ch, n_ch);
		return ERR_DB;
	}
	vals = xcalloc((n_ch > n_ar ? n_ch : n_ar) + 1, sizeof *vals);
	for (i = 0; i < n_ch; i++)
		vals[i] = ch[i].value;
	c = (struct choices){vals, n_ch};
	if (ticked_numbers(rq, "duty", duties, n_duties, in_choices, &c) < 0)
		errs[(*n)++] = (struct web_field_error){"duty", "Select duties from the list"};
	for (i = 0; i < n_ar; i++)
		vals[i] = ar[i].value;
	c = (struct choices){vals, n_ar};
	if (ticked_numbers(rq, "area", areas, n_areas, in_choices, &c) < 0)
		errs[(*n)++] = (struct web_field_error){"area", "Select areas from the list"};
	free(vals);
	plan_choices_free(ch, n_ch);
	areas_free(ar, n_ar);
	return 0;
}

/* The field of the objective's form a model message is about, and what
 * to say there. */
static struct web_field_error fields_error_of(const char *msg)
{
	if (strstr(msg, "--by"))
		return (struct web_field_error){"by", "Enter a real date for the deadline"};
	if (strstr(msg, "--review"))
		return (struct web_field_error){"review", "Enter a real date for the review"};
	if (strstr(msg, "--owner"))
		return (struct web_field_error){"owner", "Choose the owner from the list"};
	if (strstr(msg, "--duty"))
		return (struct web_field_error){"duty", "Select duties from the list"};
	if (strstr(msg, "--area") || strstr(msg, "--plan"))
		return (struct web_field_error){"area", "Select areas from the list"};
	if (strstr(msg, "--description"))
		return (struct web_field_error){"description", "What it is for must be 4,000 "
							       "characters or fewer"};
	return (struct web_field_error){"title", "Enter the objective in 300 characters or fewer"};
}

int objective_web_fields_post(struct web_req *rq, struct web_resp *rs, int64_t id,
			      struct err *e)
{
	const char *title = web_param(rq, "title"), *desc = web_param(rq, "description");
	const char *owner = web_param(rq, "owner");
	struct web_field_error errs[MAX_ERRS];
	struct objective_fields f;
	int duties[MAX_LIST], areas[MAX_LIST], n = 0, rc, k;
	size_t n_duties = 0, n_areas = 0;
	char by[11] = "", review[11] = "", msg[2][160], initials[64], to[48];
	struct date d;
	int64_t new_id = id;
	json_t *o = NULL;

	if (id) { /* a retired or missing objective is refused before anything */
		if ((rc = objective_web_load_live(rq, id, &o, e)) < 0)
			return rc;
		json_decref(o);
	}
	if (str_blank(title))
		errs[n++] = (struct web_field_error){"title", "Enter the objective"};
	else if (objective_web_too_long(title, OBJECTIVE_TITLE_MAX))
		errs[n++] = (struct web_field_error){"title", "The objective must be 300 characters "
							      "or fewer"};
	k = web_date_read(rq, "by", "The deadline", &d, msg[0]);
	if (k == 0)
		errs[n++] = (struct web_field_error){"by", "Enter when the objective is to be met"};
	else if (k < 0)
		errs[n++] = (struct web_field_error){"by", msg[0]};
	else
		date_format(d, by);
	if (objective_web_too_long(desc, OBJECTIVE_TEXT_MAX))
		errs[n++] = (struct web_field_error){"description", "What it is for must be 4,000 "
								    "characters or fewer"};
	if (owner && *owner) {
		if ((rc = plan_person_active(rq->db, owner, initials, e)) < 0)
			return rc;
		if (!rc)
			errs[n++] = (struct web_field_error){"owner", "Choose the owner from the list"};
	}
	k = web_date_read(rq, "review", "The review date", &d, msg[1]);
	if (k < 0)
		errs[n++] = (struct web_field_error){"review", msg[1]};
	else if (k > 0)
		date_format(d, review);
	if ((rc = read_boxes(rq, duties, &n_duties, areas, &n_areas, errs, &n, e)) < 0)
		return rc;
	if (n) {
		rs->status = 400;
		return objective_web_fields_get(rq, rs, id, errs, n, e);
	}
	memset(&f, 0, sizeof f);
	f.title = title;
	f.by = by;
	f.description = desc && !str_blank(desc) ? desc : (id ? "" : NULL);
	f.owner = owner ? owner : "";
	f.review = review;
	f.duties = duties;
	f.n_duties = n_duties;
	f.set_duties = 1;
	f.areas = areas;
	f.n_areas = n_areas;
	f.set_areas = 1;
	if ((rc = web_begin(rq, rs, CHANGE, e)) != 0)
		return rc < 0 ? rc : 0;
	if (id)
		rc = objective_update(rq->db, id, &f, rq->user->name, e);
	else
		rc = objective_create(rq->db, &f, rq->user->name, &new_id, e);
	if ((rc == ERR_DATA || rc == ERR_USAGE) && !strstr(e->msg, "retired")) {
		store_rollback(rq->db);
		errs[0] = fields_error_of(e->msg);
		err_clear(e);
		rs->status = 400;
		return objective_web_fields_get(rq, rs, id, errs, 1, e);
	}
	snprintf(to, sizeof to, "/objectives/%lld", (long long)new_id);
	return objective_web_finish(rq, rs, rc, id ? "objective.update" : "objective.add", new_id,
				    id ? NULL : title, id ? "Objective changed" : "Objective added",
				    to, e);
}

/* ---- retiring -------------------------------------------------------------*/

int objective_web_retire_get(struct web_req *rq, struct web_resp *rs, int64_t id,
			     const struct web_field_error *errs, int n, struct err *e)
{
	json_t *o = NULL;
	struct web_field f = {"reason", NULL, "Why is it being retired?",
			      "For example: met early, replaced by another objective, or no longer "
			      "applies",
			      objective_web_posted(rq, "reason", NULL), NULL, NULL};
	int rc;
	if ((rc = objective_web_load_live(rq, id, &o, e)) < 0)
		return rc;
	objective_web_form_begin(rq, rs, "Are you sure you want to retire this objective?",
				 objective_js(o, "title"), id, errs, n);
	web_raw(rs, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
		    "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span "
		    "class=\"govuk-visually-hidden\">Warning</span> A retired objective leaves the "
		    "list, the dashboard and the checks, and can no longer be changed. Its page, "
		    "measures and history stay.</strong></div>\n");
	web_printf(rs, "<form method=\"post\" action=\"/objectives/%lld/retire\" novalidate>\n",
		   (long long)id);
	web_csrf_field(rq, rs);
	web_textarea(rs, &f, 3, errs, n);
	web_printf(rs, "<div class=\"govuk-button-group\">\n<button type=\"submit\" class=\"govuk-"
		       "button govuk-button--warning\" data-module=\"govuk-button\">Retire the "
		       "objective</button>\n<a class=\"govuk-link\" href=\"/objectives/%lld\">Cancel"
		       "</a>\n</div>\n</form>\n",
		   (long long)id);
	objective_web_form_end(rq, rs);
	json_decref(o);
	return 0;
}

int objective_web_retire_post(struct web_req *rq, struct web_resp *rs, int64_t id,
			      struct err *e)
{
	const char *reason = web_param(rq, "reason");
	struct web_field_error err = {NULL, NULL};
	char to[48];
	json_t *o = NULL;
	int rc;
	if ((rc = objective_web_load_live(rq, id, &o, e)) < 0)
		return rc;
	json_decref(o);
	if (str_blank(reason))
		err = (struct web_field_error){"reason", "Enter why the objective is being retired"};
	else if (objective_web_too_long(reason, OBJECTIVE_TEXT_MAX))
		err = (struct web_field_error){"reason", "The reason must be 4,000 characters or "
							 "fewer"};
	if (err.field_id) {
		rs->status = 400;
		return objective_web_retire_get(rq, rs, id, &err, 1, e);
	}
	if ((rc = web_begin(rq, rs, CHANGE, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = objective_retire(rq->db, id, reason, rq->user->name, e);
	snprintf(to, sizeof to, "/objectives/%lld", (long long)id);
	return objective_web_finish(rq, rs, rc, "objective.retire", id, reason,
				    "Objective retired", to, e);
}
