/*
 * monitor/web_flag_steps: the pages a monitor reaches from a flag's "What
 * do you want to do?" — one form on each (GOV.UK question pages):
 *
 *   /monitoring/flag/ID/explain  why the difference is justified
 *   /monitoring/flag/ID/act      a new action in the plan: what, the lead
 *                                (from the people list), the due date (day,
 *                                month, year) and the duties it serves;
 *                                then "Check your answers", then Confirm
 *   /monitoring/flag/ID/link     an existing live action of the plan
 *   /monitoring/flag/ID/close    the reason; "Check your answers"; Confirm
 *
 * With group=1 each deals with every flag of the finding that is not closed
 * (for an action: those that have none yet), in one transaction with one
 * audit entry per flag. Every write re-reads the flag and checks the form
 * inside its transaction (web_begin): two requests closing one flag at
 * once close it once. The changes are ops.c's, as `parity flags ...`.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/internal.h"
#include "monitor/monitor.h"
#include "monitor/web_flags.h"
#include "plan/plan.h"
#include "web/web.h"

#define MAX_ERRS 6
#define MAX_DUTIES 64

/* Errors of a step's form. */
struct step_errs {
	struct web_field_error v[MAX_ERRS];
	char msg[MAX_ERRS][300];
	int n;
};

static void step_error(struct step_errs *x, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void step_error(struct step_errs *x, const char *field, const char *fmt, ...)
{
	va_list ap;
	if (x->n >= MAX_ERRS)
		return;
	va_start(ap, fmt);
	vsnprintf(x->msg[x->n], sizeof x->msg[0], fmt, ap);
	va_end(ap);
	x->v[x->n].field_id = field;
	x->v[x->n].message = x->msg[x->n];
	x->n++;
}

/* Length in characters (UTF-8 code points) is above max. */
static int too_long(const char *s, size_t max)
{
	int cut = 0;
	str_utf8_prefix(s, max, &cut);
	return cut;
}

static int group_param(const struct web_req *rq)
{
	const char *g = web_param(rq, "group");
	return g && !strcmp(g, "1");
}

/* JSON text {"state": ..., more keys} for the audit log (caller frees). */
static char *audit_json(const char *state, const char *k1, const char *v1, const char *k2,
			const char *v2, const char *k3, const char *v3)
{
	json_t *o = json_object();
	char *s;
	json_object_set_new(o, "state", json_string(state));
	if (k1 && v1)
		json_object_set_new(o, k1, json_string(v1));
	if (k2 && v2)
		json_object_set_new(o, k2, json_string(v2));
	if (k3 && v3)
		json_object_set_new(o, k3, json_string(v3));
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return s;
}

/* The audit entry of one flag's change. */
static int audit_flag(struct web_req *rq, const char *what, int64_t id, const char *state_before,
		      char *after, struct err *e)
{
	char target[32], *before = audit_json(state_before, NULL, NULL, NULL, NULL, NULL, NULL);
	int rc;
	snprintf(target, sizeof target, "flag %lld", (long long)id);
	rc = web_audit(rq, what, target, before, after, e);
	free(before);
	free(after);
	return rc;
}

/* The flags a step changes: the group's (those without an action when
 * no_action), or f alone. *m is new (free it). */
static int step_members(store_t *db, const struct flag_row *f, int group, int no_action,
			struct flag_member **m, size_t *n, struct err *e)
{
	if (group)
		return flag_members(db, f, no_action, m, n, e);
	*m = xcalloc(1, sizeof **m);
	(*m)[0].id = f->id;
	snprintf((*m)[0].period, sizeof (*m)[0].period, "%s", f->period);
	snprintf((*m)[0].unit, sizeof (*m)[0].unit, "%s", f->unit);
	snprintf((*m)[0].state, sizeof (*m)[0].state, "%s", f->state);
	snprintf((*m)[0].action, sizeof (*m)[0].action, "%s", f->action);
	*n = 1;
	return 0;
}

/* A step page's caption: what the flag (or the group's flags) found. */
static void step_caption(struct web_resp *rs, const struct flag_row *f, int group)
{
	struct buf t = BUF_INIT;
	if (group && f->source[0]) {
		/* raised by another room: its key ("objective measure 4") */
		buf_printf(&t, "Flags of the same finding: %s", f->outcome);
	} else if (group) {
		buf_printf(&t, "Flags of the same finding: %s, %s compared with %s, %s",
			   flag_char_label(f->characteristic), f->group, f->reference, f->outcome);
	} else {
		buf_printf(&t, "Flag #%lld: ", (long long)f->id);
		flag_finding_words(&t, f);
	}
	web_printf(rs, "<span class=\"govuk-caption-l\" id=\"flag-caption\">%s</span>\n",
		   buf_str(&t));
	buf_free(&t);
}

/* A step page's start: back link to the flag, the error summary, the
 * caption and the h1, and in a group the flags it deals with. */
static int step_begin(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		      int group, int no_action, const char *h1, const struct step_errs *x,
		      struct err *e)
{
	struct buf t = BUF_INIT;
	struct flag_member *m = NULL;
	size_t n = 0;
	char title[200];
	int rc = 0;

	snprintf(title, sizeof title, "%s%s", x && x->n ? "Error: " : "", h1);
	web_page_begin(rq, rs, title, SEC_MONITORING);
	flag_href(&t, f->id, NULL, group);
	web_printf(rs, "<a href=\"%s\" class=\"govuk-back-link\">Back to flag #%lld</a>\n",
		   buf_str(&t), (long long)f->id);
	buf_reset(&t);
	if (x && x->n)
		web_error_summary(rs, x->v, x->n);
	step_caption(rs, f, group);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">%s</h1>\n", h1);
	if (group) {
		if ((rc = flag_members(rq->db, f, no_action, &m, &n, e)) < 0)
			goto done;
		flag_members_words(&t, m, n);
		web_printf(rs, "<p class=\"govuk-body\" id=\"group-flags\">For %zu flag%s: %s.</p>\n",
			   n, n == 1 ? "" : "s", buf_str(&t));
	}
done:
	free(m);
	buf_free(&t);
	return rc;
}

/* The form's opening: POST to the step, with the token and the group. */
static void form_open(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		      const char *step, int group)
{
	struct buf t = BUF_INIT;
	flag_href(&t, f->id, step, 0);
	web_printf(rs, "<form method=\"post\" action=\"%s\" novalidate>\n", buf_str(&t));
	web_csrf_field(rq, rs);
	if (group)
		web_raw(rs, "<input type=\"hidden\" name=\"group\" value=\"1\">\n");
	buf_free(&t);
}

static void hidden(struct web_resp *rs, const char *name, const char *value)
{
	web_printf(rs, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name,
		   value ? value : "");
}

/* A summary list row with a Change link (href escaped). */
static void check_row(struct web_resp *rs, const char *key, const char *value, const char *href,
		      const char *what)
{
	const char *v = value ? value : "", *nl;
	/* a row without a Change link says so (GOV.UK: rows of one list line up) */
	web_raw(rs, href ? "<div class=\"govuk-summary-list__row\">"
			 : "<div class=\"govuk-summary-list__row govuk-summary-list__row--no-actions\">");
	web_printf(rs, "<dt class=\"govuk-summary-list__key\">%s</dt><dd "
		       "class=\"govuk-summary-list__value\">",
		   key);
	/* lines of the answer (a text's paragraphs, the duties) one under
	 * another, in the body font */
	while ((nl = strchr(v, '\n')) != NULL) {
		char *line = xstrndup(v, (size_t)(nl - v));
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[len - 1] = '\0';
		web_printf(rs, "%s<br>", line);
		free(line);
		v = nl + 1;
	}
	web_printf(rs, "%s</dd>", v);
	if (href)
		web_printf(rs,
			   "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" "
			   "href=\"%s\">Change<span class=\"govuk-visually-hidden\"> %s</span></a></dd>",
			   href, what);
	web_raw(rs, "</div>\n");
}

/* The flag page with its "closed" error: a step sent for a closed flag. */
static int refuse_closed(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
			 struct err *e)
{
	struct web_field_error err[1];
	char msg[96];
	snprintf(msg, sizeof msg, "Flag #%lld is closed: nothing more can be recorded on it",
		 (long long)f->id);
	err[0] = (struct web_field_error){"closed", msg};
	return flag_render(rq, rs, f, 0, NULL, err, 1, e);
}

/* Commit, say what was done, and go back to the flag. */
static int finish(struct web_req *rq, struct web_resp *rs, int64_t id, int group,
		  const char *flash, struct err *e)
{
	struct buf to = BUF_INIT;
	int rc;
	if ((rc = store_commit(rq->db, e)) < 0)
		return rc;
	web_flash(rq, flash);
	flag_href(&to, id, NULL, 0);
	(void)group;
	web_redirect(rs, buf_str(&to));
	buf_free(&to);
	return 0;
}

/* "Flag #12" or "3 flags (#3, #7 and #12)" into b. */
static void flags_words(struct buf *b, const struct flag_member *m, size_t n)
{
	size_t i;
	if (n == 1) {
		buf_printf(b, "Flag #%lld", (long long)m[0].id);
		return;
	}
	buf_printf(b, "%zu flags (", n);
	for (i = 0; i < n; i++)
		buf_printf(b, "%s#%lld", i ? (i + 1 == n ? " and " : ", ") : "", (long long)m[i].id);
	buf_puts(b, ")");
}

/* ---- explain ---------------------------------------------------------------*/

static int explain_page(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
			int group, const char *note, const struct step_errs *x, struct err *e)
{
	struct web_field fn = {"explain-note", "note", "Explanation",
			       "Why the difference is justified, or what causes it. It is kept in "
			       "the flag's history and shown in the Diversity Report.",
			       note, NULL, NULL};
	int rc;
	if (f->source[0]) /* raised by another room: no difference between groups */
		fn.hint = "Why it happened, or why it is justified. It is kept in the flag's "
			  "history and shown in the Diversity Report.";
	if ((rc = step_begin(rq, rs, f, group, 0,
			     f->source[0] ? "Explain the finding"
					  : "Explain why the difference is justified",
			     x, e)) < 0)
		return rc;
	form_open(rq, rs, f, "explain", group);
	web_textarea(rs, &fn, 6, x ? x->v : NULL, x ? x->n : 0);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Record the explanation</button>\n</form>\n");
	web_page_end(rq, rs);
	if (x && x->n)
		rs->status = 400;
	return 0;
}

static int explain_post(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
			int group, struct err *e)
{
	const char *note = web_param(rq, "note");
	struct step_errs x = {0};
	struct flag_member *m = NULL;
	struct buf flash = BUF_INIT;
	size_t n = 0, i;
	int rc;

	if (str_blank(note))
		step_error(&x, "explain-note", "Enter the explanation");
	else if (too_long(note, FLAG_NOTE_MAX))
		step_error(&x, "explain-note", "The explanation must be %d characters or fewer",
			   FLAG_NOTE_MAX);
	if (x.n) {
		store_rollback(rq->db);
		return explain_page(rq, rs, f, group, note, &x, e);
	}
	if ((rc = step_members(rq->db, f, group, 0, &m, &n, e)) < 0)
		goto fail;
	for (i = 0; i < n; i++)
		if ((rc = mon_flag_set_state(rq->db, m[i].id, "explained", rq->user->name, note,
					     e)) < 0 ||
		    (rc = audit_flag(rq, "flag.explain", m[i].id, m[i].state,
				     audit_json("explained", "note", note, NULL, NULL, NULL, NULL),
				     e)) < 0)
			goto fail;
	flags_words(&flash, m, n);
	buf_puts(&flash, " explained");
	rc = finish(rq, rs, f->id, group, buf_str(&flash), e);
	if (rc < 0)
		goto fail;
	goto done;
fail:
	store_rollback(rq->db);
done:
	free(m);
	buf_free(&flash);
	return rc;
}

/* ---- act -------------------------------------------------------------------*/

/* What the action form holds, as sent (GET query or POST body). */
struct act_answers {
	const char *text, *lead, *day, *month, *year, *plan;
	const char *duty[MAX_DUTIES];
	size_t n_duty;
};

/* The answers checked and resolved. */
struct act_checked {
	char lead[64], lead_label[300], iso[11];
	struct date due;
	int duties[MAX_DUTIES];
	size_t n_duties;
	char duties_words[2000];
	const char *plan;
};

static void act_read(const struct web_req *rq, struct act_answers *a)
{
	const char *v;
	memset(a, 0, sizeof *a);
	a->text = web_param(rq, "text");
	a->lead = web_param(rq, "lead");
	a->day = web_param(rq, "due-day");
	a->month = web_param(rq, "due-month");
	a->year = web_param(rq, "due-year");
	a->plan = web_param(rq, "plan");
	while (a->n_duty < MAX_DUTIES && (v = web_param_n(rq, "duty", (int)a->n_duty)) != NULL)
		a->duty[a->n_duty++] = v;
}

/* Names of the plans (caller frees each and the array). */
static int plan_names(store_t *db, char ***out, size_t *n, struct err *e)
{
	store_stmt_t *st;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(db, &st, e, "SELECT name FROM plan ORDER BY name", "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		(*out)[(*n)++] = xstrdup(store_col_text(st, 0));
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

static void free_names(char **v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The plan an action goes into when the form names none: "main" when
 * there is one, else the only plan, else "main". */
static const char *default_plan(char **plans, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(plans[i], "main"))
			return "main";
	return n == 1 ? plans[0] : "main";
}

/* What the form offers: the people, the duties and the plans. */
struct act_options {
	struct plan_choice *leads, *duties;
	size_t n_leads, n_duties;
	char **plans;
	size_t n_plans;
};

static int act_options_load(store_t *db, struct act_options *o, struct err *e)
{
	int rc;
	memset(o, 0, sizeof *o);
	if ((rc = plan_lead_choices(db, &o->leads, &o->n_leads, e)) < 0 ||
	    (rc = plan_duty_choices(db, &o->duties, &o->n_duties, e)) < 0 ||
	    (rc = plan_names(db, &o->plans, &o->n_plans, e)) < 0)
		return rc;
	return 0;
}

static void act_options_free(struct act_options *o)
{
	plan_choices_free(o->leads, o->n_leads);
	plan_choices_free(o->duties, o->n_duties);
	free_names(o->plans, o->n_plans);
}

static int act_check(const struct web_req *rq, const struct act_answers *a,
		     const struct act_options *o, struct act_checked *c, struct step_errs *x,
		     struct err *e)
{
	char msg[160];
	size_t i, j;
	int rc;

	memset(c, 0, sizeof *c);
	if (str_blank(a->text))
		step_error(x, "act-text", "Enter what will be done");
	else if (too_long(a->text, FLAG_TEXT_MAX))
		step_error(x, "act-text", "What will be done must be %d characters or fewer",
			   FLAG_TEXT_MAX);
	if (!o->n_leads)
		step_error(x, "act-lead", "There is no one in the list of people to lead the "
			   "action: import the action plan first, or add people to it");
	else if (str_blank(a->lead))
		step_error(x, "act-lead", "Select the lead");
	else if ((rc = plan_person_active(rq->db, a->lead, c->lead, e)) < 0)
		return rc;
	else if (rc == 0)
		/* issue 15: any lead was taken, 'ZZ' included */
		step_error(x, "act-lead", "Select the lead from the list of people");
	else
		for (i = 0; i < o->n_leads; i++)
			if (!strcmp(o->leads[i].value, c->lead))
				snprintf(c->lead_label, sizeof c->lead_label, "%s",
					 o->leads[i].label);
	/* the due date: the GOV.UK date input read back with its messages */
	switch (web_date_read(rq, "due", "Due date", &c->due, msg)) {
	case 1:
		date_format(c->due, c->iso);
		break;
	case 0:
		step_error(x, "act-due", "Enter the due date");
		break;
	default:
		step_error(x, "act-due", "%s", msg);
	}
	if (o->n_duties && !a->n_duty)
		step_error(x, "act-duties", "Select the duties this action serves");
	for (i = 0; i < a->n_duty; i++) {
		int found = -1;
		for (j = 0; j < o->n_duties; j++)
			if (!strcmp(o->duties[j].value, a->duty[i]))
				found = (int)j;
		if (found < 0) {
			step_error(x, "act-duties", "Select duties from the list");
			break;
		}
		if (c->n_duties < MAX_DUTIES) {
			size_t len = strlen(c->duties_words);
			long no = 0;
			/* the option's value is a duty number we wrote ourselves */
			if (str_to_int(o->duties[found].value, 1, 1000000, &no) < 0)
				continue;
			c->duties[c->n_duties++] = (int)no;
			snprintf(c->duties_words + len, sizeof c->duties_words - len, "%s%s",
				 len ? "\n" : "", o->duties[found].label);
		}
	}
	c->plan = default_plan(o->plans, o->n_plans);
	if (a->plan && *a->plan) {
		int found = 0;
		for (i = 0; i < o->n_plans; i++)
			found |= !strcmp(o->plans[i], a->plan);
		if (!found)
			step_error(x, "act-plan", "Select a plan from the list");
		c->plan = a->plan;
	}
	return 0;
}

/* GOV.UK checkboxes of the plan's duties (web_checkboxes). */
static void duty_checkboxes(struct web_resp *rs, const struct act_options *o,
			    const struct act_answers *a, const struct step_errs *x)
{
	struct web_field f = {"act-duties", "duty", "Duties this action serves",
			      "The statutory duties of the plan. Select all that apply.", NULL, NULL,
			      NULL};
	struct web_check *c = xcalloc(o->n_duties ? o->n_duties : 1, sizeof *c);
	size_t i, j;
	for (i = 0; i < o->n_duties; i++) {
		c[i].value = o->duties[i].value;
		c[i].label = o->duties[i].label;
		for (j = 0; j < a->n_duty; j++)
			c[i].checked |= !strcmp(a->duty[j], o->duties[i].value);
	}
	web_checkboxes(rs, &f, c, o->n_duties, x ? x->v : NULL, x ? x->n : 0);
	free(c);
}

static int act_page(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		    int group, const struct act_answers *a, const struct step_errs *x,
		    struct err *e)
{
	struct act_options o;
	const struct web_field_error *errs = x ? x->v : NULL;
	int n = x ? x->n : 0, rc;
	size_t i;
	struct web_field ft = {"act-text", "text", "What will be done",
			       "The action as it will appear in the plan.", a->text, NULL, NULL};
	struct web_field fl = {"act-lead", "lead", "Lead",
			       "Who leads the action, from the plan's list of people.", NULL, NULL,
			       NULL};
	struct web_field fdue = {"act-due", "due", "Due date", "For example, 31 3 2027", NULL,
				 NULL, NULL};

	if ((rc = act_options_load(rq->db, &o, e)) < 0)
		goto done;
	if ((rc = step_begin(rq, rs, f, group, 1, "Create an action in the plan", x, e)) < 0)
		goto done;
	web_printf(rs, "<p class=\"govuk-body\">The action is added to the plan as F%lld, in the "
		       "area \xe2\x80\x9cResponses to diversity monitoring flags\xe2\x80\x9d, and "
		       "the flag%s marked actioned. You can check your answers before it is "
		       "created.</p>\n",
		   (long long)f->id, group ? "s are" : " is");
	form_open(rq, rs, f, "act", group);
	web_textarea(rs, &ft, 3, errs, n);
	web_select_open(rs, &fl, errs, n);
	web_select_option(rs, "", "Choose a person", str_blank(a->lead));
	for (i = 0; i < o.n_leads; i++)
		web_select_option(rs, o.leads[i].value, o.leads[i].label,
				  a->lead && str_eq_ci(a->lead, o.leads[i].value));
	web_select_close(rs);
	web_date_input(rs, &fdue, a->day, a->month, a->year, errs, n);
	if (o.n_duties)
		duty_checkboxes(rs, &o, a, x);
	if (o.n_plans > 1) {
		struct web_field fp = {"act-plan", "plan", "Plan", NULL,
				       a->plan && *a->plan ? a->plan : default_plan(o.plans, o.n_plans),
				       NULL, NULL};
		web_select(rs, &fp, (const char *const *)o.plans, (const char *const *)o.plans,
			   o.n_plans, errs, n);
	}
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Continue</button>\n</form>\n");
	web_page_end(rq, rs);
	if (n)
		rs->status = 400;
	rc = 0;
done:
	act_options_free(&o);
	return rc;
}

/* /monitoring/flag/ID/act?answers#field: a Change link. */
static void act_change_href(struct buf *b, const struct flag_row *f, int group,
			    const struct act_answers *a, const char *field)
{
	size_t i;
	flag_href(b, f->id, "act", 0);
	buf_puts(b, group ? "?group=1&text=" : "?text=");
	web_urlenc(b, a->text ? a->text : "");
	buf_puts(b, "&lead=");
	web_urlenc(b, a->lead ? a->lead : "");
	buf_puts(b, "&due-day=");
	web_urlenc(b, a->day ? a->day : "");
	buf_puts(b, "&due-month=");
	web_urlenc(b, a->month ? a->month : "");
	buf_puts(b, "&due-year=");
	web_urlenc(b, a->year ? a->year : "");
	for (i = 0; i < a->n_duty; i++) {
		buf_puts(b, "&duty=");
		web_urlenc(b, a->duty[i]);
	}
	if (a->plan && *a->plan) {
		buf_puts(b, "&plan=");
		web_urlenc(b, a->plan);
	}
	buf_printf(b, "#%s", field);
}

static int act_check_page(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
			  int group, const struct act_answers *a, const struct act_checked *c,
			  struct err *e)
{
	struct buf h = BUF_INIT;
	struct flag_member *m = NULL;
	char due[48];
	size_t n = 0, i;
	int64_t plans = 0;
	int rc;

	if ((rc = step_members(rq->db, f, group, 1, &m, &n, e)) < 0 ||
	    (rc = store_query_int(rq->db, &plans, e, "SELECT COUNT(*) FROM plan", "")) < 0)
		goto done;
	web_page_begin(rq, rs, "Check your answers before creating the action", SEC_MONITORING);
	act_change_href(&h, f, group, a, "act-text");
	web_printf(rs, "<a href=\"%s\" class=\"govuk-back-link\">Back</a>\n", buf_str(&h));
	step_caption(rs, f, group);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Check your answers before creating the "
		    "action</h1>\n<dl class=\"govuk-summary-list\" id=\"check\">\n");
	buf_reset(&h);
	flags_words(&h, m, n);
	check_row(rs, n == 1 ? "Flag" : "Flags", buf_str(&h), NULL, NULL);
	buf_reset(&h);
	act_change_href(&h, f, group, a, "act-text");
	check_row(rs, "What will be done", a->text, buf_str(&h), "what will be done");
	buf_reset(&h);
	act_change_href(&h, f, group, a, "act-lead");
	check_row(rs, "Lead", c->lead_label, buf_str(&h), "the lead");
	buf_reset(&h);
	act_change_href(&h, f, group, a, "act-due");
	date_long(c->due, due);
	check_row(rs, "Due date", due, buf_str(&h), "the due date");
	buf_reset(&h);
	act_change_href(&h, f, group, a, "act-duties");
	check_row(rs, "Duties", c->n_duties ? c->duties_words : "None", buf_str(&h), "the duties");
	if (plans > 1) {
		buf_reset(&h);
		act_change_href(&h, f, group, a, "act-plan");
		check_row(rs, "Plan", c->plan, buf_str(&h), "the plan");
	}
	check_row(rs, "Area of the plan", "Responses to diversity monitoring flags", NULL, NULL);
	web_raw(rs, "</dl>\n");
	form_open(rq, rs, f, "act", group);
	hidden(rs, "text", a->text);
	hidden(rs, "lead", a->lead);
	hidden(rs, "due-day", a->day);
	hidden(rs, "due-month", a->month);
	hidden(rs, "due-year", a->year);
	for (i = 0; i < a->n_duty; i++)
		hidden(rs, "duty", a->duty[i]);
	if (a->plan && *a->plan)
		hidden(rs, "plan", a->plan);
	hidden(rs, "confirm", "yes");
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Create the action</button>\n</form>\n");
	web_page_end(rq, rs);
	rc = 0;
done:
	free(m);
	buf_free(&h);
	return rc;
}

static int act_post(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		    int group, struct err *e)
{
	struct act_answers a;
	struct act_checked c;
	struct act_options o;
	struct step_errs x = {0};
	struct plan_flag_action pa;
	struct flag_member *m = NULL;
	struct buf flash = BUF_INIT, words = BUF_INIT;
	char code[16] = "";
	int64_t action_id = 0;
	const char *confirm = web_param(rq, "confirm");
	size_t n = 0, i;
	int rc;

	act_read(rq, &a);
	if ((rc = act_options_load(rq->db, &o, e)) < 0 ||
	    (rc = act_check(rq, &a, &o, &c, &x, e)) < 0)
		goto fail;
	if (f->action[0])
		step_error(&x, "act-text", "Flag #%lld already has action %s in the plan: link the "
			   "other flags to it instead", (long long)f->id, f->action);
	if ((rc = step_members(rq->db, f, group, 1, &m, &n, e)) < 0)
		goto fail;
	if (x.n) {
		store_rollback(rq->db);
		rc = act_page(rq, rs, f, group, &a, &x, e);
		goto done;
	}
	if (!confirm || strcmp(confirm, "yes")) {
		store_rollback(rq->db);
		rc = act_check_page(rq, rs, f, group, &a, &c, e);
		goto done;
	}
	memset(&pa, 0, sizeof pa);
	pa.plan = c.plan;
	pa.text = a.text;
	pa.lead = c.lead;
	pa.due_iso = c.iso;
	pa.duties = c.duties;
	pa.n_duties = c.n_duties;
	pa.author = rq->user->name;
	if ((rc = mon_flag_act(rq->db, f->id, &pa, code, e)) < 0 ||
	    (rc = audit_flag(rq, "flag.act", f->id, f->state,
			     audit_json("actioned", "action", code, "text", a.text, "due", c.iso),
			     e)) < 0 ||
	    (rc = store_query_int(rq->db, &action_id, e,
				  "SELECT action_id FROM mon_flag WHERE id = ?", "i", f->id)) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (m[i].id == f->id)
			continue;
		if ((rc = mon_flag_link(rq->db, m[i].id, action_id, code, rq->user->name, e)) < 0 ||
		    (rc = audit_flag(rq, "flag.act", m[i].id, m[i].state,
				     audit_json("actioned", "action", code, NULL, NULL, NULL, NULL),
				     e)) < 0)
			goto fail;
	}
	flags_words(&words, m, n);
	buf_printf(&flash, "%s actioned: action %s added to the plan", buf_str(&words), code);
	if ((rc = finish(rq, rs, f->id, group, buf_str(&flash), e)) < 0)
		goto fail;
	goto done;
fail:
	store_rollback(rq->db);
done:
	act_options_free(&o);
	free(m);
	buf_free(&flash);
	buf_free(&words);
	return rc;
}

/* ---- link ------------------------------------------------------------------*/

static int link_page(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		     int group, const char *chosen, const struct step_errs *x, struct err *e)
{
	struct plan_choice *acts = NULL;
	size_t n_acts = 0, i;
	struct web_field fa = {"link-action", "action", "Action",
			       "The plan's actions that are not done or dropped.", NULL, NULL, NULL};
	int rc;

	if ((rc = plan_action_choices(rq->db, &acts, &n_acts, e)) < 0)
		return rc;
	if ((rc = step_begin(rq, rs, f, group, 1, "Link to an existing action", x, e)) < 0)
		goto done;
	if (!n_acts) {
		web_raw(rs, "<p class=\"govuk-body\">The plan has no live action to link to. Go back "
			    "and create an action instead.</p>\n");
	} else {
		form_open(rq, rs, f, "link", group);
		web_select_open(rs, &fa, x ? x->v : NULL, x ? x->n : 0);
		web_select_option(rs, "", "Choose an action", str_blank(chosen));
		for (i = 0; i < n_acts; i++)
			web_select_option(rs, acts[i].value, acts[i].label,
					  chosen && !strcmp(chosen, acts[i].value));
		web_select_close(rs);
		web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" "
			    "data-module=\"govuk-button\">Link to the action</button>\n</form>\n");
	}
	web_page_end(rq, rs);
	if (x && x->n)
		rs->status = 400;
done:
	plan_choices_free(acts, n_acts);
	return rc;
}

static int link_post(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		     int group, struct err *e)
{
	const char *chosen = web_param(rq, "action");
	struct plan_choice *acts = NULL;
	struct flag_member *m = NULL;
	struct step_errs x = {0};
	struct buf flash = BUF_INIT;
	size_t n_acts = 0, n = 0, i;
	long action_id = 0;
	const char *code = NULL;
	int rc;

	if ((rc = plan_action_choices(rq->db, &acts, &n_acts, e)) < 0 ||
	    (rc = step_members(rq->db, f, group, 1, &m, &n, e)) < 0)
		goto fail;
	for (i = 0; chosen && i < n_acts; i++)
		if (!strcmp(acts[i].value, chosen))
			code = acts[i].code;
	if (str_blank(chosen))
		step_error(&x, "link-action", "Select the action");
	else if (!code || str_to_int(chosen, 1, 2000000000L, &action_id) < 0)
		step_error(&x, "link-action", "Select an action from the list");
	if (!group && f->action[0])
		step_error(&x, "link-action", "Flag #%lld already has action %s", (long long)f->id,
			   f->action);
	else if (group && !n)
		step_error(&x, "link-action", "Every flag of this finding already has an action");
	if (x.n) {
		store_rollback(rq->db);
		rc = link_page(rq, rs, f, group, chosen, &x, e);
		goto done;
	}
	for (i = 0; i < n; i++)
		if ((rc = mon_flag_link(rq->db, m[i].id, (int64_t)action_id, code, rq->user->name,
					e)) < 0 ||
		    (rc = audit_flag(rq, "flag.link", m[i].id, m[i].state,
				     audit_json("actioned", "action", code, NULL, NULL, NULL, NULL),
				     e)) < 0)
			goto fail;
	flags_words(&flash, m, n);
	buf_printf(&flash, " linked to action %s", code);
	if ((rc = finish(rq, rs, f->id, group, buf_str(&flash), e)) < 0)
		goto fail;
	goto done;
fail:
	store_rollback(rq->db);
done:
	plan_choices_free(acts, n_acts);
	free(m);
	buf_free(&flash);
	return rc;
}

/* ---- close -----------------------------------------------------------------*/

static int close_page(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		      int group, const char *note, const struct step_errs *x, struct err *e)
{
	struct web_field fn = {"close-note", "note", "Reason for closing",
			       "For example: the difference was explained and has not recurred, or "
			       "the action is complete.",
			       note, NULL, NULL};
	int rc;
	if ((rc = step_begin(rq, rs, f, group, 0, group ? "Close the flags" : "Close the flag", x,
			     e)) < 0)
		return rc;
	form_open(rq, rs, f, "close", group);
	web_textarea(rs, &fn, 4, x ? x->v : NULL, x ? x->n : 0);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Continue</button>\n</form>\n");
	web_page_end(rq, rs);
	if (x && x->n)
		rs->status = 400;
	return 0;
}

static int close_check_page(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
			    int group, const char *note, struct err *e)
{
	struct buf h = BUF_INIT;
	struct flag_member *m = NULL;
	size_t n = 0;
	int rc;
	if ((rc = step_members(rq->db, f, group, 0, &m, &n, e)) < 0)
		goto done;
	web_page_begin(rq, rs, "Check your answers before closing", SEC_MONITORING);
	flag_href(&h, f->id, "close", 0);
	buf_puts(&h, group ? "?group=1&note=" : "?note=");
	web_urlenc(&h, note);
	buf_puts(&h, "#close-note");
	web_printf(rs, "<a href=\"%s\" class=\"govuk-back-link\">Back</a>\n", buf_str(&h));
	step_caption(rs, f, group);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Check your answers before closing</h1>\n"
		    "<dl class=\"govuk-summary-list\" id=\"check\">\n");
	{
		struct buf w = BUF_INIT;
		flags_words(&w, m, n);
		check_row(rs, n == 1 ? "Flag" : "Flags", buf_str(&w), NULL, NULL);
		buf_free(&w);
	}
	check_row(rs, "Reason for closing", note, buf_str(&h), "the reason for closing");
	web_raw(rs, "</dl>\n<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
		    "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span "
		    "class=\"govuk-visually-hidden\">Warning</span> Nothing more can be recorded on "
		    "a closed flag.</strong></div>\n");
	form_open(rq, rs, f, "close", group);
	hidden(rs, "note", note);
	hidden(rs, "confirm", "yes");
	web_printf(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		       "Close the flag%s</button>\n</form>\n",
		   n == 1 ? "" : "s");
	web_page_end(rq, rs);
done:
	free(m);
	buf_free(&h);
	return rc;
}

static int close_post(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		      int group, struct err *e)
{
	const char *note = web_param(rq, "note"), *confirm = web_param(rq, "confirm");
	struct step_errs x = {0};
	struct flag_member *m = NULL;
	struct buf flash = BUF_INIT;
	size_t n = 0, i;
	int rc;

	if (str_blank(note))
		step_error(&x, "close-note", "Enter the reason for closing the flag");
	else if (too_long(note, FLAG_NOTE_MAX))
		step_error(&x, "close-note", "The reason must be %d characters or fewer",
			   FLAG_NOTE_MAX);
	if (x.n) {
		store_rollback(rq->db);
		return close_page(rq, rs, f, group, note, &x, e);
	}
	if (!confirm || strcmp(confirm, "yes")) {
		store_rollback(rq->db);
		return close_check_page(rq, rs, f, group, note, e);
	}
	if ((rc = step_members(rq->db, f, group, 0, &m, &n, e)) < 0)
		goto fail;
	for (i = 0; i < n; i++)
		if ((rc = mon_flag_set_state(rq->db, m[i].id, "closed", rq->user->name, note, e)) <
			    0 ||
		    (rc = audit_flag(rq, "flag.close", m[i].id, m[i].state,
				     audit_json("closed", "note", note, NULL, NULL, NULL, NULL),
				     e)) < 0)
			goto fail;
	flags_words(&flash, m, n);
	buf_puts(&flash, " closed");
	if ((rc = finish(rq, rs, f->id, group, buf_str(&flash), e)) < 0)
		goto fail;
	goto done;
fail:
	store_rollback(rq->db);
done:
	free(m);
	buf_free(&flash);
	return rc;
}

/* ---- dispatch --------------------------------------------------------------*/

int flag_step_page(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		   const char *step, struct err *e)
{
	int group = group_param(rq);
	if (strcmp(step, "explain") && strcmp(step, "act") && strcmp(step, "link") &&
	    strcmp(step, "close"))
		return err_set(e, ERR_NOTFOUND, "There is no page '%s' for a flag.", step);
	if (!web_can(rq, CAP_HANDLE_FLAGS)) {
		web_forbidden(rq, rs, CAP_HANDLE_FLAGS);
		return 0;
	}
	/* a closed flag, or an action step for a flag that has one: its page */
	if (!strcmp(f->state, "closed") ||
	    (!group && f->action[0] && (!strcmp(step, "act") || !strcmp(step, "link"))))
		return flag_render(rq, rs, f, 0, NULL, NULL, 0, e);
	if (!strcmp(step, "explain"))
		return explain_page(rq, rs, f, group, web_param(rq, "note"), NULL, e);
	if (!strcmp(step, "close"))
		return close_page(rq, rs, f, group, web_param(rq, "note"), NULL, e);
	if (!strcmp(step, "link"))
		return link_page(rq, rs, f, group, web_param(rq, "action"), NULL, e);
	{
		struct act_answers a;
		act_read(rq, &a);
		return act_page(rq, rs, f, group, &a, NULL, e);
	}
}

int flag_step_post(struct web_req *rq, struct web_resp *rs, const char *step, int64_t id,
		   struct err *e)
{
	struct flag_row f;
	int group = group_param(rq), rc;

	if (strcmp(step, "explain") && strcmp(step, "act") && strcmp(step, "link") &&
	    strcmp(step, "close"))
		return err_set(e, ERR_NOTFOUND, "There is no page '%s' for a flag.", step);
	/* The flag's state is read and judged inside the writing transaction:
	 * two requests closing one flag at once close it once. */
	if ((rc = web_begin(rq, rs, CAP_HANDLE_FLAGS, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = flag_load(rq->db, id, &f, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	if (!strcmp(f.state, "closed")) {
		/* explaining used to reopen a closed flag silently */
		store_rollback(rq->db);
		return refuse_closed(rq, rs, &f, e);
	}
	if (!strcmp(step, "explain"))
		return explain_post(rq, rs, &f, group, e);
	if (!strcmp(step, "act"))
		return act_post(rq, rs, &f, group, e);
	if (!strcmp(step, "link"))
		return link_post(rq, rs, &f, group, e);
	return close_post(rq, rs, &f, group, e);
}
