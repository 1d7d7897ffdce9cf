/*
 * plan/objective_web_forms.c: the forms of the objectives' staff pages —
 * adding an objective and changing it (/objectives/new,
 * /objectives/ID/edit), adding a measure (/objectives/ID/measure) and
 * removing one after "are you sure" (/objectives/ID/measure/M/remove),
 * linking plan actions and impact assessments and taking links away
 * (/objectives/ID/link, /unlink), and retiring it with a reason
 * (/objectives/ID/retire). Each form checks what was sent in the page's
 * own words and shows each problem at its field under the error summary;
 * the model (objective_store.c) checks again inside the transaction, and
 * its command-line messages are turned into the page's words. A change is
 * one transaction with its audit entry, then POST-redirect-GET.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/monitor.h"
#include "plan/objective.h"
#include "plan/objective_web.h"
#include "plan/plan.h"
#include "web/web.h"

#define CHANGE OBJECTIVE_CHANGE
#define MAX_ERRS 12
#define MAX_LIST 64 /* duties, areas or filter values a form sends, at most */

static const char *posted(const struct web_req *rq, const char *name, const char *dflt)
{
	const char *v = rq->method[0] == 'P' ? web_param(rq, name) : NULL;
	return v ? v : dflt;
}

/* 1 when s has more than max characters. */
static int too_long(const char *s, size_t max)
{
	int cut = 0;
	if (s)
		str_utf8_prefix(s, max, &cut);
	return cut;
}

/* The frame of a form page: title, back link, error summary, caption, h1. */
static void form_begin(struct web_req *rq, struct web_resp *rs, const char *h1,
		       const char *caption, int64_t id, const struct web_field_error *errs, int n)
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

static void form_end(struct web_req *rq, struct web_resp *rs)
{
	web_raw(rs, "</div></div>\n");
	web_page_end(rq, rs);
}

static void button(struct web_resp *rs, const char *words, int warning)
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
	web_date_input(rs, &f, posted(rq, k[0], d), posted(rq, k[1], m), posted(rq, k[2], y), errs,
		       n);
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
static int load_live(struct web_req *rq, int64_t id, json_t **o, struct err *e)
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
	struct web_field f = {"owner", NULL, "Who owns it? (optional)",
			      "The person who answers for it. They are reminded by email before "
			      "each review date",
			      posted(rq, "owner", o ? objective_js(o, "owner") : NULL), NULL, NULL};
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
	struct web_field f;
	char action[48];
	int rc;
	if (id && (rc = load_live(rq, id, &o, e)) < 0)
		return rc;
	form_begin(rq, rs, id ? "Change the objective" : "Add an objective",
		   o ? objective_js(o, "title") : NULL, id, errs, n);
	if (id)
		snprintf(action, sizeof action, "/objectives/%lld/edit", (long long)id);
	else
		snprintf(action, sizeof action, "/objectives/new");
	web_printf(rs, "<form method=\"post\" action=\"%s\" novalidate>\n", action);
	web_csrf_field(rq, rs);
	f = (struct web_field){"title", NULL, "What is the objective?",
			       "Something specific and measurable, for example: A senior workforce "
			       "that reflects the community",
			       posted(rq, "title", o ? objective_js(o, "title") : NULL), NULL, NULL};
	web_input(rs, &f, "text", errs, n);
	date_box(rq, rs, "by", "By when is it to be met?", "For example, 31 3 2028",
		 o ? objective_js(o, "by") : NULL, errs, n);
	f = (struct web_field){"description", NULL, "What is it for? (optional)",
			       "A sentence or two on why it matters",
			       posted(rq, "description",
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
	button(rs, id ? "Save the changes" : "Add the objective", 0);
	web_raw(rs, "</form>\n");
	form_end(rq, rs);
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
		if ((rc = load_live(rq, id, &o, e)) < 0)
			return rc;
		json_decref(o);
	}
	if (str_blank(title))
		errs[n++] = (struct web_field_error){"title", "Enter the objective"};
	else if (too_long(title, OBJECTIVE_TITLE_MAX))
		errs[n++] = (struct web_field_error){"title", "The objective must be 300 characters "
							      "or fewer"};
	k = web_date_read(rq, "by", "The deadline", &d, msg[0]);
	if (k == 0)
		errs[n++] = (struct web_field_error){"by", "Enter when the objective is to be met"};
	else if (k < 0)
		errs[n++] = (struct web_field_error){"by", msg[0]};
	else
		date_format(d, by);
	if (too_long(desc, OBJECTIVE_TEXT_MAX))
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

/* ---- measures ---------------------------------------------------------*/

static const char *const characteristics[] = {
	"age",	      "disability", "gender_reassignment", "marital_status", "pregnancy_maternity",
	"ethnicity", "religion",   "sex",		  "sexual_orientation",
};
#define N_CHARS (sizeof characteristics / sizeof characteristics[0])

static const struct web_choice kinds[] = {
	{"share", "The share of a group",
	 "The group as a percentage of the people whose characteristic is recorded"},
	{"rate", "A group's rate of an outcome", "The percentage of the group with the outcome"},
	{"ratio", "A group's rate against the reference group's",
	 "1 means equal rates. The reference is White for ethnicity, the largest group otherwise, "
	 "as in the Diversity Report"},
	{"completeness", "How complete the records are",
	 "The percentage of everyone whose characteristic is recorded"},
	{"pay-gap", "A pay gap",
	 "Women's hourly pay against men's, or other ethnic groups' against White staff's, as a "
	 "percentage of the comparator's"},
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

static int dataset_select(struct web_req *rq, struct web_resp *rs,
			  const struct web_field_error *errs, int n, struct err *e)
{
	struct web_field f = {"dataset", NULL, "Which monitoring data is it worked out from?",
			      "It is worked out for every period of the data imported",
			      posted(rq, "dataset", NULL), NULL, NULL};
	char(*ds)[64] = NULL;
	size_t n_ds = 0, i;
	int rc;
	if ((rc = monitor_datasets(rq->db, &ds, &n_ds, e)) < 0)
		return rc;
	web_select_open(rs, &f, errs, n);
	web_select_option(rs, "", "Choose the data", !f.value || !*f.value);
	for (i = 0; i < n_ds; i++)
		web_select_option(rs, ds[i], monitor_dataset_label(ds[i]),
				  f.value && !strcmp(f.value, ds[i]));
	web_select_close(rs);
	free(ds);
	return 0;
}

static void char_select(struct web_req *rq, struct web_resp *rs,
			const struct web_field_error *errs, int n)
{
	struct web_field f = {"characteristic", NULL, "Which protected characteristic?",
			      "For a pay gap: sex or ethnicity",
			      posted(rq, "characteristic", NULL), NULL, NULL};
	size_t i;
	web_select_open(rs, &f, errs, n);
	web_select_option(rs, "", "Choose a characteristic", !f.value || !*f.value);
	for (i = 0; i < N_CHARS; i++)
		web_select_option(rs, characteristics[i], monitor_char_label(characteristics[i]),
				  f.value && !strcmp(f.value, characteristics[i]));
	web_select_close(rs);
}

int objective_web_measure_get(struct web_req *rq, struct web_resp *rs, int64_t id,
			      const struct web_field_error *errs, int n, struct err *e)
{
	static const struct web_choice stats[] = {{"mean", "The mean", NULL},
						  {"median", "The median", NULL}};
	static const struct web_choice dirs[] = {{"at-least", "At least", NULL},
						 {"at-most", "At most", NULL}};
	json_t *o = NULL;
	struct web_field f;
	int rc;
	if ((rc = load_live(rq, id, &o, e)) < 0)
		return rc;
	form_begin(rq, rs, "Add a measure", objective_js(o, "title"), id, errs, n);
	web_raw(rs, "<p class=\"govuk-body\">A measure is a number worked out from the monitoring "
		    "data for every period imported, with the target it should reach by the "
		    "objective's deadline.</p>\n");
	web_printf(rs, "<form method=\"post\" action=\"/objectives/%lld/measure\" novalidate>\n",
		   (long long)id);
	web_csrf_field(rq, rs);
	if ((rc = dataset_select(rq, rs, errs, n, e)) < 0)
		goto out;
	f = (struct web_field){"kind", NULL, "What kind of measure is it?", NULL,
			       posted(rq, "kind", NULL), NULL, NULL};
	web_radios(rs, &f, kinds, N_KINDS, 0, errs, n);
	char_select(rq, rs, errs, n);
	f = (struct web_field){"group", NULL, "Which group?",
			       "For a share, a rate or a ratio, as the Diversity Report names it: for "
			       "example Black, or Female. For a pay gap of ethnicity, leave it empty "
			       "to take every group but White together",
			       posted(rq, "group", NULL), "govuk-input--width-20", NULL};
	web_input(rs, &f, "text", errs, n);
	f = (struct web_field){"outcome", NULL, "Which outcome?",
			       "For a rate or a ratio: one of the outcomes of the data, as the "
			       "Diversity Report names it",
			       posted(rq, "outcome", NULL), "govuk-input--width-20", NULL};
	web_input(rs, &f, "text", errs, n);
	f = (struct web_field){"statistic", NULL, "For a pay gap: the mean or the median?", NULL,
			       posted(rq, "statistic", NULL), "govuk-radios--inline", NULL};
	web_radios(rs, &f, stats, 2, 0, errs, n);
	f = (struct web_field){"where_column", NULL, "Count only some people: by which column? "
						     "(optional)",
			       "For example grade, or unit. Leave it empty to count everyone",
			       posted(rq, "where_column", NULL), "govuk-input--width-20",
			       "spellcheck=\"false\""};
	web_input(rs, &f, "text", errs, n);
	f = (struct web_field){"where_values", NULL, "Which values of that column?",
			       "Separated by commas, for example SPO, ACO",
			       posted(rq, "where_values", NULL), NULL, "spellcheck=\"false\""};
	web_input(rs, &f, "text", errs, n);
	f = (struct web_field){"direction", NULL, "Should the value be at least the target, or at "
						  "most?",
			       NULL, posted(rq, "direction", NULL), "govuk-radios--inline", NULL};
	web_radios(rs, &f, dirs, 2, 0, errs, n);
	f = (struct web_field){"target", NULL, "What is the target?",
			       "A percentage, such as 12 for 12%; for a ratio a number such as 0.8",
			       posted(rq, "target", NULL), "govuk-input--width-5",
			       "inputmode=\"decimal\" spellcheck=\"false\""};
	web_input(rs, &f, "text", errs, n);
	f = (struct web_field){"label", NULL, "What should the measure be called? (optional)",
			       "A name is made from the measure when this is empty",
			       posted(rq, "label", NULL), NULL, NULL};
	web_input(rs, &f, "text", errs, n);
	button(rs, "Add the measure", 0);
	web_raw(rs, "</form>\n");
	form_end(rq, rs);
	rc = 0;
out:
	json_decref(o);
	return rc;
}

/* The target as sent ("12", "12%", "0.8") into *out; -1 when not a number. */
static int target_of(const char *s, double *out)
{
	char buf[64], *end;
	size_t len;
	if (!s || str_blank(s) || strlen(s) >= sizeof buf)
		return -1;
	snprintf(buf, sizeof buf, "%s", s);
	str_trim(buf);
	len = strlen(buf);
	if (len && buf[len - 1] == '%')
		buf[--len] = '\0';
	*out = strtod(buf, &end);
	return end != buf && *end == '\0' && isfinite(*out) ? 0 : -1;
}

/* The group as the report spells it (static) when v names one of
 * characteristic's groups (case aside), else NULL; *list gets them in
 * words for a message. */
static const char *group_named(const char *characteristic, const char *v, int recorded_only,
			       struct buf *list)
{
	const char *const *groups, *column, *found = NULL;
	size_t n, n_rec, i;
	struct err ig;
	err_clear(&ig);
	if (monitor_groups_of(characteristic, &groups, &n, &n_rec, &column, &ig) < 0)
		return NULL;
	if (recorded_only)
		n = n_rec;
	for (i = 0; i < n; i++) {
		buf_printf(list, "%s%s", i ? (i + 1 == n ? " or " : ", ") : "", groups[i]);
		if (v && !strcasecmp(v, groups[i]))
			found = groups[i];
	}
	return found;
}

/* The model's message in the page's words where it has them: what
 * follows "--option value: ", without "(see ...)", capitalised, into out;
 * NULL when what is left still speaks of options or commands. */
static const char *model_words(const char *msg, char *out, size_t n)
{
	const char *p = msg, *colon;
	char *see;
	if (!strncmp(p, "--", 2)) {
		if (!(colon = strstr(p, ": ")))
			return NULL;
		p = colon + 2;
	}
	snprintf(out, n, "%s", p);
	if ((see = strstr(out, " (see ")) != NULL)
		*see = '\0';
	if (!*out || strstr(out, "--") || strstr(out, "parity ") || strstr(out, "docs/"))
		return NULL;
	if (*out >= 'a' && *out <= 'z')
		*out = (char)(*out - 'a' + 'A');
	return out;
}

/* The field of the measure's form a model message is about, and what to
 * say there: the model's own words when they are the web's (words, 1024
 * bytes, holds them), else the page's. */
static struct web_field_error measure_error_of(const char *msg, char *words)
{
	const char *w = model_words(msg, words, 1024);
	if (strstr(msg, "--where") || strstr(msg, "filter") || strstr(msg, "count table"))
		return (struct web_field_error){
			strstr(msg, "no row") ? "where_values" : "where_column",
			w ? w : "These people cannot be picked out of this data: check the column "
				 "and its values, or leave the column empty (data imported as count "
				 "tables cannot be filtered)"};
	if (strstr(msg, "--rate") || strstr(msg, "--ratio") || strstr(msg, "outcome"))
		return (struct web_field_error){"outcome", w ? w : "Enter an outcome of this data, "
								   "as its Diversity Report names it"};
	if (strstr(msg, "--share") || strstr(msg, "--of") || strstr(msg, "group"))
		return (struct web_field_error){"group", w ? w : "Enter a group of this data, as its "
								 "Diversity Report names it"};
	if (strstr(msg, "--at-least") || strstr(msg, "--at-most") || strstr(msg, "target"))
		return (struct web_field_error){"target", w ? w : "Enter a target that fits the kind "
								  "of measure: a percentage, or a "
								  "ratio above 0"};
	if (strstr(msg, "--label"))
		return (struct web_field_error){"label", "The name must be 200 characters or fewer"};
	if (strstr(msg, "--completeness") || strstr(msg, "--pay-gap") ||
	    strstr(msg, "characteristic"))
		return (struct web_field_error){"characteristic", w ? w : "This data does not record "
									  "that characteristic: "
									  "choose another"};
	return (struct web_field_error){"dataset", w ? w : "This data has no imported period to "
							   "work the measure out from: choose "
							   "other data"};
}

/* One measure form being read. */
struct measure_post {
	struct web_field_error errs[MAX_ERRS];
	int n;
	char msg[3][1024];		     /* messages built here, which errs point to */
	struct buf groups;		     /* the groups, for a message */
	char wbuf[1024];		     /* the filter values, cut at commas */
	char group[128], outcome[128], column[128]; /* those sent, trimmed */
	const char *wv[32];
	struct objective_measure_spec sp;
};

static void add_err(struct measure_post *p, const char *field, const char *msg)
{
	if (p->n < MAX_ERRS)
		p->errs[p->n++] = (struct web_field_error){field, msg};
}

/* The kind, characteristic, group, outcome and statistic sent into p->sp. */
static void read_what(struct web_req *rq, struct measure_post *p)
{
	const char *kind = web_param(rq, "kind"), *ch = web_param(rq, "characteristic");
	const char *group = web_param(rq, "group"), *outcome = web_param(rq, "outcome");
	const char *stat = web_param(rq, "statistic"), *g;
	size_t i, k = N_KINDS;
	int char_ok = 0, gap;
	for (i = 0; kind && i < N_KINDS; i++)
		if (!strcmp(kind, kinds[i].value))
			k = i;
	if (k == N_KINDS) {
		add_err(p, "kind", "Select the kind of measure");
		return;
	}
	p->sp.m.kind = (enum monitor_measure_kind)k; /* kinds[] is in the enum's order */
	gap = p->sp.m.kind == MONITOR_PAY_GAP;
	for (i = 0; ch && i < N_CHARS; i++)
		char_ok |= !strcmp(ch, characteristics[i]);
	if (!char_ok)
		add_err(p, "characteristic", "Choose a protected characteristic");
	else if (gap && strcmp(ch, "sex") && strcmp(ch, "ethnicity"))
		add_err(p, "characteristic", "A pay gap is of sex or of ethnicity: choose one of them");
	p->sp.m.characteristic = ch;
	if (p->sp.m.kind == MONITOR_COMPLETENESS || (gap && str_blank(group))) {
		p->sp.m.group = NULL;
	} else if (str_blank(group)) {
		add_err(p, "group", "Enter the group");
	} else if (char_ok) {
		snprintf(p->group, sizeof p->group, "%s", group);
		g = group_named(ch, str_trim(p->group), p->sp.m.kind == MONITOR_SHARE || gap,
				&p->groups);
		if (!g) {
			snprintf(p->msg[0], sizeof p->msg[0], "Enter a group of %s: %s",
				 monitor_char_label(ch), buf_str(&p->groups));
			add_err(p, "group", p->msg[0]);
		}
		p->sp.m.group = g;
	}
	if (p->sp.m.kind == MONITOR_RATE || p->sp.m.kind == MONITOR_RATIO) {
		if (str_blank(outcome))
			add_err(p, "outcome", "Enter the outcome");
		snprintf(p->outcome, sizeof p->outcome, "%s", outcome ? outcome : "");
		p->sp.m.outcome = str_trim(p->outcome);
	}
	if (gap) {
		if (!stat || (strcmp(stat, "mean") && strcmp(stat, "median")))
			add_err(p, "statistic", "Select the mean or the median");
		p->sp.m.median = stat && !strcmp(stat, "median");
	}
}

/* The filter, the target and its direction and the label into p->sp. */
static void read_target(struct web_req *rq, struct measure_post *p)
{
	const char *col = web_param(rq, "where_column"), *vals = web_param(rq, "where_values");
	const char *dir = web_param(rq, "direction"), *label = web_param(rq, "label");
	char *s;
	size_t n = 0;
	if (!str_blank(col) || !str_blank(vals)) {
		if (str_blank(col))
			add_err(p, "where_column", "Enter the column, or empty the values to count "
						   "everyone");
		else if (str_blank(vals))
			add_err(p, "where_values", "Enter the values of the column to count");
		else if (strlen(vals) >= sizeof p->wbuf)
			add_err(p, "where_values", "Enter fewer values");
		if (!str_blank(col) && !str_blank(vals) && strlen(vals) < sizeof p->wbuf) {
			snprintf(p->wbuf, sizeof p->wbuf, "%s", vals);
			for (s = p->wbuf; s && n < 32;) {
				char *comma = strchr(s, ',');
				if (comma)
					*comma = '\0';
				s = str_trim(s);
				if (*s)
					p->wv[n++] = s;
				s = comma ? comma + 1 : NULL;
			}
			if (s)
				add_err(p, "where_values", "Enter 32 values or fewer");
			else if (!n)
				add_err(p, "where_values", "Enter the values of the column to count");
			snprintf(p->column, sizeof p->column, "%s", col);
			p->sp.m.where_column = str_trim(p->column);
			p->sp.m.where_values = p->wv;
			p->sp.m.n_where = n;
		}
	}
	if (!dir || (strcmp(dir, "at-least") && strcmp(dir, "at-most")))
		add_err(p, "direction", "Select at least or at most");
	p->sp.at_least = dir && !strcmp(dir, "at-least");
	if (target_of(web_param(rq, "target"), &p->sp.target) < 0) {
		add_err(p, "target", str_blank(web_param(rq, "target"))
					     ? "Enter the target"
					     : "Enter the target as a number, for example 12");
	} else if (p->sp.m.kind == MONITOR_RATIO) {
		if (p->sp.target <= 0)
			add_err(p, "target", "The target of a ratio must be above 0 (1 means equal "
					     "rates)");
	} else if (p->sp.m.kind == MONITOR_PAY_GAP) {
		if (p->sp.target < -100 || p->sp.target > 100)
			add_err(p, "target", "The target of a pay gap must be a percentage from -100 "
					     "to 100");
	} else if (p->sp.target < 0 || p->sp.target > 100) {
		add_err(p, "target", "The target must be a percentage from 0 to 100");
	}
	if (too_long(label, OBJECTIVE_LABEL_MAX))
		add_err(p, "label", "The name must be 200 characters or fewer");
	p->sp.label = str_blank(label) ? NULL : label;
}

int objective_web_measure_post(struct web_req *rq, struct web_resp *rs, int64_t id,
			       struct err *e)
{
	struct measure_post *p;
	const char *dataset = web_param(rq, "dataset");
	char(*ds)[64] = NULL, to[64];
	size_t n_ds = 0, i;
	int64_t mid = 0;
	json_t *o = NULL;
	int rc, known = 0;
	if ((rc = load_live(rq, id, &o, e)) < 0)
		return rc;
	json_decref(o);
	p = xcalloc(1, sizeof *p);
	if ((rc = monitor_datasets(rq->db, &ds, &n_ds, e)) < 0)
		goto out;
	for (i = 0; dataset && i < n_ds; i++)
		known |= !strcmp(dataset, ds[i]);
	free(ds);
	if (!known)
		add_err(p, "dataset", "Choose the monitoring data");
	p->sp.m.dataset = dataset;
	read_what(rq, p);
	read_target(rq, p);
	if (p->n) {
		rs->status = 400;
		rc = objective_web_measure_get(rq, rs, id, p->errs, p->n, e);
		goto out;
	}
	if ((rc = web_begin(rq, rs, CHANGE, e)) != 0) {
		rc = rc < 0 ? rc : 0;
		goto out;
	}
	rc = objective_measure_add(rq->db, id, &p->sp, rq->user->name, &mid, e);
	if ((rc == ERR_DATA || rc == ERR_USAGE || rc == ERR_NOTFOUND) && !strstr(e->msg, "retired")) {
		store_rollback(rq->db);
		p->errs[0] = measure_error_of(e->msg, p->msg[1]);
		err_clear(e);
		rs->status = 400;
		rc = objective_web_measure_get(rq, rs, id, p->errs, 1, e);
		goto out;
	}
	/* as the command does: a measure off track at once raises its flag */
	if (rc >= 0)
		rc = objective_check(rq->db, objective_today(), rq->user->name, NULL, e);
	snprintf(to, sizeof to, "/objectives/%lld#measure-%lld", (long long)id, (long long)mid);
	rc = objective_web_finish(rq, rs, rc, "objective.measure", id, dataset, "Measure added", to,
				  e);
out:
	buf_free(&p->groups);
	free(p);
	return rc;
}

/* The measure mid of o, or NULL. */
static const json_t *measure_in(const json_t *o, int64_t mid)
{
	const json_t *m;
	size_t i;
	json_array_foreach(json_object_get(o, "measures"), i, m)
		if (objective_ji(m, "id") == mid)
			return m;
	return NULL;
}

int objective_web_remove_get(struct web_req *rq, struct web_resp *rs, int64_t id, int64_t mid,
			     struct err *e)
{
	json_t *o = NULL;
	const json_t *m;
	int rc;
	if ((rc = load_live(rq, id, &o, e)) < 0)
		return rc;
	if (!(m = measure_in(o, mid))) {
		json_decref(o);
		return err_set(e, ERR_NOTFOUND, "There is no such measure.");
	}
	form_begin(rq, rs, "Are you sure you want to remove this measure?", objective_js(o, "title"),
		   id, NULL, 0);
	web_printf(rs, "<p class=\"govuk-body\">%s</p>\n<div class=\"govuk-warning-text\"><span "
		       "class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong "
		       "class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">"
		       "Warning</span> The measure and its target leave the objective. The monitoring "
		       "data stays as it is, and a flag raised for the measure stays on the flags "
		       "page.</strong></div>\n<form method=\"post\" action=\"/objectives/%lld/measure/"
		       "%lld/remove\" novalidate>\n",
		   objective_js(m, "label"), (long long)id, (long long)mid);
	web_csrf_field(rq, rs);
	web_printf(rs, "<div class=\"govuk-button-group\">\n<button type=\"submit\" class=\"govuk-"
		       "button govuk-button--warning\" data-module=\"govuk-button\">Remove the "
		       "measure</button>\n<a class=\"govuk-link\" href=\"/objectives/%lld\">Cancel</a>\n"
		       "</div>\n</form>\n",
		   (long long)id);
	form_end(rq, rs);
	json_decref(o);
	return 0;
}

int objective_web_remove_post(struct web_req *rq, struct web_resp *rs, int64_t id,
			      int64_t mid, struct err *e)
{
	char to[48], what[32];
	int rc;
	if ((rc = web_begin(rq, rs, CHANGE, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = objective_measure_remove(rq->db, id, mid, e);
	snprintf(to, sizeof to, "/objectives/%lld", (long long)id);
	snprintf(what, sizeof what, "%lld", (long long)mid);
	return objective_web_finish(rq, rs, rc, "objective.measure.remove", id, what,
				    "Measure removed", to, e);
}

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
	if ((rc = load_live(rq, id, &o, e)) < 0)
		return rc;
	if (plan_action_choices(rq->db, &acts, &n_acts, e) < 0 ||
	    eia_choices(rq->db, &eias, &n_eias, e) < 0) {
		rc = ERR_DB;
		goto out;
	}
	form_begin(rq, rs, "Link actions and impact assessments", objective_js(o, "title"), id, errs,
		   n);
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
				       posted(rq, "action", NULL), NULL, NULL};
		choice_select(rs, &f, acts, n_acts, "Choose an action", errs, n);
		button(rs, "Link the action", 0);
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
				       posted(rq, "eia", NULL), NULL, NULL};
		choice_select(rs, &f, eias, n_eias, "Choose an assessment", errs, n);
		button(rs, "Link the assessment", 0);
		web_raw(rs, "</form>\n");
	}
	linked_now(rq, rs, id, o);
	form_end(rq, rs);
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
	if ((rc = load_live(rq, id, &o, e)) < 0)
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

/* ---- retiring -------------------------------------------------------------*/

int objective_web_retire_get(struct web_req *rq, struct web_resp *rs, int64_t id,
			     const struct web_field_error *errs, int n, struct err *e)
{
	json_t *o = NULL;
	struct web_field f = {"reason", NULL, "Why is it being retired?",
			      "For example: met early, replaced by another objective, or no longer "
			      "applies",
			      posted(rq, "reason", NULL), NULL, NULL};
	int rc;
	if ((rc = load_live(rq, id, &o, e)) < 0)
		return rc;
	form_begin(rq, rs, "Are you sure you want to retire this objective?",
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
	form_end(rq, rs);
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
	if ((rc = load_live(rq, id, &o, e)) < 0)
		return rc;
	json_decref(o);
	if (str_blank(reason))
		err = (struct web_field_error){"reason", "Enter why the objective is being retired"};
	else if (too_long(reason, OBJECTIVE_TEXT_MAX))
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
