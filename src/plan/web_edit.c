/*
 * plan/web_edit: the pages that keep the action plan on the web —
 * changing an action (its wording, due date, leads and status), adding an
 * action (a question page, then "Check your answers"), naming the duties,
 * and "My actions", where a lead sees their live actions, overdue first,
 * and records progress on each without leaving the page.
 *
 * The writing is the plan room's own (edit.c, people.c, cmd.c): an
 * action's change is plan_action_edit_apply, a new action plan_action_add,
 * a duty's name plan_duty_name, a lead's update plan_change_apply (as `plan
 * update`). What only the web adds is here: the GOV.UK forms and their
 * error messages, who may do what (update-any-action for the plan's
 * wording, dates and leads; a lead updates the status and notes of their
 * own actions), and the audit entry written in the same transaction as
 * the change. Leads are chosen from the people list, never typed.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"
#include "plan/plan.h"
#include "web/web.h"

/* Longest action text, note and duty name the forms take, in characters. */
#define TEXT_MAX 1000
#define NOTE_MAX 5000
#define DUTY_NAME_MAX 200

static const struct web_choice status_choices[] = {
	{"not-started", "Not started", NULL},
	{"in-progress", "In progress", NULL},
	{"done", "Done", NULL},
	{"dropped", "Dropped", NULL},
};
#define N_STATUS (sizeof status_choices / sizeof status_choices[0])

/* ---- small pieces --------------------------------------------------------*/

int plan_web_plan(store_t *db, int64_t *plan_id, struct err *e)
{
	*plan_id = 0;
	if (store_query_int(db, plan_id, e,
			    "SELECT id FROM plan"
			    " ORDER BY CASE WHEN name = 'main' THEN 0 ELSE 1 END, id LIMIT 1",
			    "") < 0)
		return ERR_DB;
	return *plan_id ? 0 : 1;
}

/* A parameter trimmed, or NULL when missing or blank. Caller frees. */
static char *param_dup(const struct web_req *rq, const char *name)
{
	const char *v = web_param(rq, name);
	return str_blank(v) ? NULL : str_trim_dup(v);
}

/* A parameter with its whitespace squeezed (an action's text is one
 * paragraph), or NULL when blank. Caller frees. */
static char *param_squeezed(const struct web_req *rq, const char *name)
{
	char *s = param_dup(rq, name);
	return s ? str_squeeze(s) : NULL;
}

static int too_long(const char *s, size_t max)
{
	int cut = 0;
	if (s)
		str_utf8_prefix(s, max, &cut);
	return cut;
}

static void action_href(struct buf *b, const char *code)
{
	buf_puts(b, "/plan/action/");
	web_urlenc(b, code);
}

/* 1 when value is among the values of the repeated parameter name. */
static int param_has(const struct web_req *rq, const char *name, const char *value)
{
	const char *v;
	int i;
	for (i = 0; (v = web_param_n(rq, name, i)) != NULL; i++)
		if (strcmp(v, value) == 0)
			return 1;
	return 0;
}

/* One checkbox of a group. */
struct check_opt {
	char *value;
	char *label;
	int checked;
};

static void check_opts_free(struct check_opt *o, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(o[i].value);
		free(o[i].label);
	}
	free(o);
}

static void check_opt_add(struct check_opt **o, size_t *n, const char *value, const char *label)
{
	*o = xrealloc(*o, (*n + 1) * sizeof **o);
	(*o)[*n].value = xstrdup(value);
	(*o)[*n].label = xstrdup(label);
	(*o)[*n].checked = 0;
	(*n)++;
}

/* GOV.UK checkboxes (web_checkboxes) of the options o. */
static void checkboxes(struct web_resp *rs, const struct web_field *f, const struct check_opt *o,
		       size_t n, const struct web_field_error *errs, int n_errs)
{
	struct web_check *c = xcalloc(n ? n : 1, sizeof *c);
	size_t i;
	for (i = 0; i < n; i++) {
		c[i].value = o[i].value;
		c[i].label = o[i].label;
		c[i].checked = o[i].checked;
	}
	web_checkboxes(rs, f, c, n, errs, n_errs);
	free(c);
}

/* The current actions of the web's plan, judged today. 1 when there is
 * no plan. Free with plan_items_free. */
static int items_load(struct web_req *rq, int64_t *plan_id, struct plan_item **items, size_t *n,
		      struct err *e)
{
	int rc;
	*items = NULL;
	*n = 0;
	if ((rc = plan_web_plan(rq->db, plan_id, e)) != 0)
		return rc;
	return plan_items_load(rq->db, *plan_id, date_today(), items, n, e);
}

/* A lead's key: the person's current initials, else the token. */
static const char *lead_key(const struct plan_lead *l)
{
	return l->initials ? l->initials : l->token;
}

/* The leads to choose from: the action's own leads first, ticked, in the
 * plan's order (a group such as Comms, or someone who has left, among
 * them), then everyone else who may lead (plan_lead_choices, the same list
 * the flag pages offer). Ticking keeps the order, so the first lead stays
 * first. */
static int lead_options(store_t *db, const struct plan_item *it, struct check_opt **out,
			size_t *n_out, struct err *e)
{
	struct plan_choice *people = NULL;
	size_t n = 0, i, k;
	struct check_opt *o = NULL;
	size_t c = 0;
	struct buf label = BUF_INIT;
	int rc;

	if ((rc = plan_lead_choices(db, &people, &n, e)) < 0)
		return rc;
	for (i = 0; it && i < it->n_leads; i++) {
		const struct plan_lead *l = &it->leads[i];
		const char *key = lead_key(l);
		int active = 0;
		for (k = 0; k < c && strcmp(o[k].value, key) != 0; k++)
			;
		if (k < c)
			continue;
		for (k = 0; k < n && !active; k++)
			active = !strcmp(people[k].value, key);
		buf_reset(&label);
		if (!strcmp(l->kind, "person"))
			buf_printf(&label, "%s – %s%s", key, l->name, active ? "" : " (has left)");
		else if (!strcmp(l->kind, "group"))
			buf_printf(&label, "%s – %s", key, l->name);
		else
			buf_printf(&label, "%s (as written in the plan)", key);
		check_opt_add(&o, &c, key, buf_str(&label));
		o[c - 1].checked = 1;
	}
	for (i = 0; i < n; i++) {
		for (k = 0; k < c && strcmp(o[k].value, people[i].value) != 0; k++)
			;
		if (k < c)
			continue;
		check_opt_add(&o, &c, people[i].value, people[i].label);
	}
	buf_free(&label);
	plan_choices_free(people, n);
	*out = o;
	*n_out = c;
	return 0;
}

/* The chosen leads (repeated "lead") as a Lead cell "MD/TA" into cell,
 * each one an option's value; the number chosen, or -1 when one is not
 * in the list. */
static int leads_read(const struct web_req *rq, const struct check_opt *o, size_t n,
		      struct buf *cell)
{
	const char *v;
	int i, j, chosen = 0;
	size_t k;
	for (i = 0; (v = web_param_n(rq, "lead", i)) != NULL; i++) {
		for (k = 0; k < n && strcmp(o[k].value, v) != 0; k++)
			;
		if (k == n)
			return -1;
		for (j = 0; j < i && strcmp(web_param_n(rq, "lead", j), v) != 0; j++)
			;
		if (j < i)
			continue; /* the same lead twice: once is enough */
		buf_printf(cell, "%s%s", cell->len ? "/" : "", v);
		chosen++;
	}
	return chosen;
}

/* The date's day, month and year as text for a date input. */
struct date_parts {
	char d[8], m[8], y[8];
};

static void date_parts(struct date dt, struct date_parts *p)
{
	p->d[0] = p->m[0] = p->y[0] = '\0';
	if (!dt.y)
		return;
	snprintf(p->d, sizeof p->d, "%d", dt.d);
	snprintf(p->m, sizeof p->m, "%d", dt.m);
	snprintf(p->y, sizeof p->y, "%d", dt.y);
}

/* ---- /plan/action/ID/edit ------------------------------------------------*/

int plan_edit_path(const struct web_req *rq)
{
	size_t n = strlen(rq->arg);
	return n > 5 && strcmp(rq->arg + n - 5, "/edit") == 0;
}

/* The action the URL names (ID of /plan/action/ID/edit) among items. */
static int edit_find(const struct web_req *rq, const struct plan_item *items, size_t n,
		     struct err *e)
{
	char code[64];
	int idx;
	snprintf(code, sizeof code, "%.*s", (int)(strlen(rq->arg) - 5), rq->arg);
	if ((idx = plan_items_find(items, n, code)) < 0)
		return err_set(e, ERR_NOTFOUND,
			       "There is no action '%s' in the plan; the action plan page lists "
			       "them all.",
			       code);
	return idx;
}

/* The edit form: the action's values, or (posted) what was sent. */
static void edit_render(struct web_req *rq, struct web_resp *rs, const struct plan_item *it,
			struct check_opt *leads, size_t n_leads, int posted,
			const struct web_field_error *errs, int n_errs)
{
	struct buf href = BUF_INIT, post = BUF_INIT;
	struct web_field fd;
	struct date_parts dp;
	char title[96], words[32];
	size_t i;

	action_href(&href, it->code);
	buf_printf(&post, "%s/edit", buf_str(&href));
	snprintf(title, sizeof title, "%sChange action %s", n_errs ? "Error: " : "", it->code);
	web_page_begin(rq, rs, title, SEC_PLAN);
	web_printf(rs, "<a class=\"govuk-back-link\" href=\"%s\">Back to action %s</a>\n",
		   buf_str(&href), it->code);
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<span class=\"govuk-caption-l\">Action %s</span>\n"
		       "<h1 class=\"govuk-heading-l\">Change the action</h1>\n"
		       "<p class=\"govuk-body\">Each change is added to the action's history with "
		       "your name and what it was before.</p>\n"
		       "<form method=\"post\" action=\"%s\" novalidate>\n",
		   it->code, buf_str(&post));
	web_csrf_field(rq, rs);
	fd = (struct web_field){"text", NULL, "What will be done", NULL,
				posted ? web_param(rq, "text") : it->text, NULL, NULL};
	web_textarea(rs, &fd, 4, errs, n_errs);

	date_parts(it->due, &dp);
	date_long(it->due, words);
	{
		struct buf hint = BUF_INIT;
		if (it->due.y && it->timescale)
			buf_printf(&hint, "The plan says “%s”. A new date replaces those "
					  "words with “By” and the date. For example, 31 3 2027",
				   it->timescale);
		else if (it->due.y)
			buf_puts(&hint, "For example, 31 3 2027");
		else
			buf_printf(&hint, "It has none now%s%s%s. Leave it blank to keep it so. "
					  "For example, 31 3 2027",
				   it->timescale ? " (the plan says “" : "",
				   it->timescale ? it->timescale : "", it->timescale ? "”)" : "");
		fd = (struct web_field){"due", NULL, "Due date", buf_str(&hint), NULL, NULL, NULL};
		web_date_input(rs, &fd, posted ? web_param(rq, "due-day") : dp.d,
			       posted ? web_param(rq, "due-month") : dp.m,
			       posted ? web_param(rq, "due-year") : dp.y, errs, n_errs);
		buf_free(&hint);
	}

	if (posted)
		for (i = 0; i < n_leads; i++)
			leads[i].checked = param_has(rq, "lead", leads[i].value);
	fd = (struct web_field){"lead", NULL, "Lead",
				"Choose one or more. Someone not in the list can be added on the "
				"people page first.",
				NULL, NULL, NULL};
	checkboxes(rs, &fd, leads, n_leads, errs, n_errs);

	fd = (struct web_field){"status", NULL, "Status", NULL,
				posted ? web_param(rq, "status") : it->status, NULL, NULL};
	web_radios(rs, &fd, status_choices, N_STATUS, 0, errs, n_errs);
	web_printf(rs, "<div class=\"govuk-button-group\">\n<button type=\"submit\" "
		       "class=\"govuk-button\" data-module=\"govuk-button\">Save changes</button>\n"
		       "<a class=\"govuk-link\" href=\"%s\">Cancel</a>\n</div>\n</form>\n",
		   buf_str(&href));
	web_page_end(rq, rs);
	buf_free(&href);
	buf_free(&post);
}

/* 1 when the set of keys in cell ("MD/TA") is the set of the action's
 * leads (order aside). */
static int same_leads(const struct plan_item *it, const char *cell)
{
	char **toks;
	size_t n = plan_lead_split(cell, &toks), i, k;
	int same = 1;
	for (i = 0; same && i < n; i++) {
		for (k = 0; k < it->n_leads && strcmp(lead_key(&it->leads[k]), toks[i]); k++)
			;
		same = k < it->n_leads;
	}
	for (k = 0; same && k < it->n_leads; k++) {
		for (i = 0; i < n && strcmp(lead_key(&it->leads[k]), toks[i]); i++)
			;
		same = i < n;
	}
	plan_tokens_free(toks, n);
	return same;
}

static void leads_json(json_t *o, const char *key, const struct plan_item *it)
{
	struct buf b = BUF_INIT;
	size_t i;
	for (i = 0; i < it->n_leads; i++)
		buf_printf(&b, "%s%s", i ? "/" : "", lead_key(&it->leads[i]));
	json_object_set_new(o, key, json_string(buf_str(&b)));
	buf_free(&b);
}

static char *json_take(json_t *o)
{
	char *s = json_object_size(o) ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	return s;
}

static void edit_get(struct web_req *rq, struct web_resp *rs, const struct plan_item *it,
		     struct err *e, int *rc)
{
	struct check_opt *leads = NULL;
	size_t n_leads = 0;
	if ((*rc = lead_options(rq->db, it, &leads, &n_leads, e)) < 0)
		return;
	edit_render(rq, rs, it, leads, n_leads, 0, NULL, 0);
	check_opts_free(leads, n_leads);
}

/* POST /plan/action/ID/edit, inside the transaction: check the form,
 * write the changes with their history and audit entry. */
static int edit_post(struct web_req *rq, struct web_resp *rs, const struct plan_item *it,
		     struct err *e)
{
	struct web_field_error errs[6];
	struct check_opt *leads = NULL;
	size_t n_leads = 0;
	struct buf cell = BUF_INIT, href = BUF_INIT;
	struct plan_action_edit c;
	struct date due;
	char msg[160], target[64], flash[96], iso[32];
	char *text = param_squeezed(rq, "text"), *before = NULL, *after = NULL;
	const char *status = web_param(rq, "status");
	json_t *jb = json_object(), *ja = json_object();
	int n_errs = 0, rc, n_chosen, n_changed = 0;

	memset(&c, 0, sizeof c);
	if ((rc = lead_options(rq->db, it, &leads, &n_leads, e)) < 0)
		goto fail;
	if (!text)
		errs[n_errs++] = (struct web_field_error){"text", "Enter what will be done"};
	else if (too_long(text, TEXT_MAX))
		errs[n_errs++] = (struct web_field_error){
			"text", "What will be done must be 1,000 characters or fewer"};
	switch (web_date_read(rq, "due", "Due date", &due, msg)) {
	case -1:
		errs[n_errs++] = (struct web_field_error){"due", msg};
		break;
	case 0:
		if (it->due.y)
			errs[n_errs++] = (struct web_field_error){"due", "Enter the due date"};
		break;
	default:
		break;
	}
	n_chosen = leads_read(rq, leads, n_leads, &cell);
	if (n_chosen < 0)
		errs[n_errs++] = (struct web_field_error){"lead", "Choose the lead from the list"};
	else if (n_chosen == 0)
		errs[n_errs++] = (struct web_field_error){"lead", "Choose at least one lead"};
	if (!status || !plan_status_valid(status))
		errs[n_errs++] = (struct web_field_error){"status", "Choose the status"};
	if (n_errs) {
		store_rollback(rq->db);
		rs->status = 400;
		edit_render(rq, rs, it, leads, n_leads, 1, errs, n_errs);
		rc = 0;
		goto done;
	}

	if (strcmp(text, it->text ? it->text : "") != 0) {
		c.text = text;
		json_object_set_new(jb, "text", json_string(it->text ? it->text : ""));
		json_object_set_new(ja, "text", json_string(text));
	}
	if (due.y && date_cmp(due, it->due) != 0) {
		c.due = due;
		date_long(it->due, iso);
		json_object_set_new(jb, "due", it->due.y ? json_string(iso) : json_null());
		date_long(due, iso);
		json_object_set_new(ja, "due", json_string(iso));
	}
	if (!same_leads(it, buf_str(&cell))) {
		c.lead_text = buf_str(&cell);
		leads_json(jb, "lead", it);
		json_object_set_new(ja, "lead", json_string(buf_str(&cell)));
	}
	if (strcmp(status, it->status) != 0) {
		c.status = status;
		json_object_set_new(jb, "status", json_string(it->status));
		json_object_set_new(ja, "status", json_string(status));
	}
	action_href(&href, it->code);
	if (!c.text && !c.due.y && !c.lead_text && !c.status) {
		store_rollback(rq->db);
		snprintf(flash, sizeof flash, "Nothing changed in action %s", it->code);
		web_flash(rq, flash);
		web_redirect(rs, buf_str(&href));
		rc = 0;
		goto done;
	}
	snprintf(target, sizeof target, "action %s", it->code);
	before = json_take(jb);
	after = json_take(ja);
	jb = ja = NULL;
	if ((rc = plan_action_edit_apply(rq->db, it->id, &c, rq->user->name, &n_changed, e)) < 0 ||
	    (rc = web_audit(rq, "plan.edit", target, before, after, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0)
		goto fail;
	snprintf(flash, sizeof flash, "Action %s changed", it->code);
	web_flash(rq, flash);
	web_redirect(rs, buf_str(&href));
	goto done;
fail:
	store_rollback(rq->db);
done:
	json_decref(jb);
	json_decref(ja);
	check_opts_free(leads, n_leads);
	buf_free(&cell);
	buf_free(&href);
	free(text);
	free(before);
	free(after);
	return rc;
}

int plan_edit_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct plan_item *items = NULL;
	size_t n = 0;
	int64_t plan_id;
	int rc, idx, post = strcmp(rq->method, "POST") == 0;

	/* The route lets in whoever may update an action; changing the
	 * plan's own wording, dates and leads needs update-any-action. */
	if (!web_can(rq, CAP_UPDATE_ANY_ACTION)) {
		web_forbidden(rq, rs, CAP_UPDATE_ANY_ACTION);
		return 0;
	}
	if (post && (rc = web_begin(rq, rs, CAP_UPDATE_ANY_ACTION, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = items_load(rq, &plan_id, &items, &n, e);
	if (rc == 1)
		rc = err_set(e, ERR_NOTFOUND, "No action plan has been imported yet.");
	if (rc == 0 && (idx = edit_find(rq, items, n, e)) < 0)
		rc = idx;
	if (rc == 0) {
		if (post)
			rc = edit_post(rq, rs, &items[idx], e);
		else
			edit_get(rq, rs, &items[idx], e, &rc);
	} else if (post) {
		store_rollback(rq->db);
	}
	plan_items_free(items, n);
	return rc;
}

/* ---- /plan/add -----------------------------------------------------------*/

struct area_row {
	int64_t id;
	int no;
	char *title;
	int section_no;	 /* 0 when none */
	char *section;	 /* or NULL */
	int duties[PLAN_MAX_DUTIES];
	int n_duties;
};

static void areas_free(struct area_row *a, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(a[i].title);
		free(a[i].section);
	}
	free(a);
}

/* The plan's areas of work (not the flags' responses), with their duties. */
static int areas_load(store_t *db, int64_t plan_id, struct area_row **out, size_t *n_out,
		      struct err *e)
{
	store_stmt_t *st;
	struct area_row *a = NULL;
	size_t n = 0, i;
	int rc;
	*out = NULL;
	*n_out = 0;
	if (store_prepare(db, &st, e,
			  "SELECT ar.id, ar.no, ar.title, s.no, s.title FROM area ar"
			  " LEFT JOIN section s ON s.id = ar.section_id"
			  " WHERE ar.plan_id = ? AND ar.removed = 0"
			  " AND ar.origin NOT IN ('monitor', 'eia')"
			  " ORDER BY ar.no",
			  "i", plan_id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		a = xrealloc(a, (n + 1) * sizeof *a);
		memset(&a[n], 0, sizeof a[n]);
		a[n].id = store_col_int(st, 0);
		a[n].no = (int)store_col_int(st, 1);
		a[n].title = xstrdup(store_col_text(st, 2));
		a[n].section_no = (int)store_col_int(st, 3);
		a[n].section = xstrdup(store_col_text(st, 4));
		n++;
	}
	store_done(st);
	if (rc < 0)
		goto fail;
	if (store_prepare(db, &st, e, "SELECT duty FROM area_duty WHERE area_id = ? ORDER BY duty",
			  "i", (int64_t)0) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (store_rebind(st, e, "i", a[i].id) < 0) {
			rc = -1;
			break;
		}
		while ((rc = store_step(st, e)) == 1)
			if (a[i].n_duties < PLAN_MAX_DUTIES)
				a[i].duties[a[i].n_duties++] = (int)store_col_int(st, 0);
		if (rc < 0)
			break;
	}
	store_done(st);
	if (rc < 0)
		goto fail;
	*out = a;
	*n_out = n;
	return 0;
fail:
	areas_free(a, n);
	return ERR_DB;
}

/* What the add form holds, read from the request (query or body). */
struct add_form {
	const struct area_row *area; /* chosen, or NULL */
	char *text;
	struct buf lead;	     /* "MD/TA" */
	struct date due;	     /* y == 0: none */
	int duties[PLAN_MAX_DUTIES]; /* ticked, ascending */
	int n_duties;
};

static void add_form_free(struct add_form *f)
{
	free(f->text);
	buf_free(&f->lead);
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Read and check the add form against the plan's areas, the people and
 * the duties as they are now; errors into errs (at most 6). */
static int add_read(const struct web_req *rq, const struct area_row *areas, size_t n_areas,
		    const struct check_opt *leads, size_t n_leads,
		    const struct plan_duty_row *duties, size_t n_duties, struct add_form *f,
		    struct web_field_error *errs, char msg[160])
{
	const char *area = web_param(rq, "area"), *v;
	int n = 0, i, j, n_chosen;
	size_t k;

	memset(f, 0, sizeof *f);
	for (k = 0; area && k < n_areas; k++) {
		char no[16];
		snprintf(no, sizeof no, "%d", areas[k].no);
		if (strcmp(no, area) == 0)
			f->area = &areas[k];
	}
	if (!f->area)
		errs[n++] = (struct web_field_error){"area", "Choose the area of work"};
	f->text = param_squeezed(rq, "text");
	if (!f->text)
		errs[n++] = (struct web_field_error){"text", "Enter what will be done"};
	else if (too_long(f->text, TEXT_MAX))
		errs[n++] = (struct web_field_error){
			"text", "What will be done must be 1,000 characters or fewer"};
	n_chosen = leads_read(rq, leads, n_leads, &f->lead);
	if (n_chosen < 0)
		errs[n++] = (struct web_field_error){"lead", "Choose the lead from the list"};
	else if (n_chosen == 0)
		errs[n++] = (struct web_field_error){"lead", "Choose at least one lead"};
	if (web_date_read(rq, "due", "Due date", &f->due, msg) < 0)
		errs[n++] = (struct web_field_error){"due", msg};
	for (i = 0; (v = web_param_n(rq, "duty", i)) != NULL; i++) {
		long no;
		for (k = 0; k < n_duties; k++)
			if (str_to_int(v, 1, 999, &no) == 0 && duties[k].no == no)
				break;
		if (k == n_duties) {
			errs[n++] = (struct web_field_error){"duty", "Choose duties from the list"};
			break;
		}
		for (j = 0; j < f->n_duties && f->duties[j] != (int)no; j++)
			;
		if (j == f->n_duties && f->n_duties < PLAN_MAX_DUTIES)
			f->duties[f->n_duties++] = (int)no;
	}
	qsort(f->duties, (size_t)f->n_duties, sizeof f->duties[0], cmp_int);
	return n;
}

/* Everything the add pages need: the plan, its areas, people and duties. */
struct add_ctx {
	int64_t plan_id;
	struct area_row *areas;
	size_t n_areas;
	struct check_opt *leads;
	size_t n_leads;
	struct plan_duty_row *duties;
	size_t n_duties;
};

static void add_ctx_free(struct add_ctx *x)
{
	areas_free(x->areas, x->n_areas);
	check_opts_free(x->leads, x->n_leads);
	plan_duties_free(x->duties, x->n_duties);
	memset(x, 0, sizeof *x);
}

/* 1 when there is no plan. */
static int add_ctx_load(struct web_req *rq, struct add_ctx *x, struct err *e)
{
	int rc;
	memset(x, 0, sizeof *x);
	if ((rc = plan_web_plan(rq->db, &x->plan_id, e)) != 0)
		return rc;
	if ((rc = areas_load(rq->db, x->plan_id, &x->areas, &x->n_areas, e)) < 0 ||
	    (rc = lead_options(rq->db, NULL, &x->leads, &x->n_leads, e)) < 0 ||
	    (rc = plan_duties_load(rq->db, &x->duties, &x->n_duties, e)) < 0)
		return rc;
	return 0;
}

static void add_form_render(struct web_req *rq, struct web_resp *rs, struct add_ctx *x,
			    const struct web_field_error *errs, int n_errs)
{
	struct web_field fd;
	struct check_opt *duty_opts = NULL;
	size_t n_duty_opts = 0, i;
	const char *area = web_param(rq, "area");
	int last_section = -1;
	struct buf label = BUF_INIT;

	web_page_begin(rq, rs, n_errs ? "Error: Add an action" : "Add an action", SEC_PLAN);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/plan\">All actions</a>\n");
	web_error_summary(rs, errs, n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Add an action</h1>\n"
		    "<p class=\"govuk-body\">You can check your answers before the action is "
		    "added.</p>\n<form method=\"post\" action=\"/plan/add\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_raw(rs, "<input type=\"hidden\" name=\"step\" value=\"check\">\n");

	fd = (struct web_field){"area", NULL, "Area of work",
				"The action gets the next number in its area", NULL,
				NULL, NULL};
	web_select_open(rs, &fd, errs, n_errs);
	web_select_option(rs, "", "Choose the area", !area || !*area);
	for (i = 0; i < x->n_areas; i++) {
		const struct area_row *a = &x->areas[i];
		char no[16];
		if (a->section_no != last_section) {
			if (last_section >= 0)
				web_raw(rs, "</optgroup>\n");
			buf_reset(&label);
			if (a->section)
				buf_printf(&label, "%d. %s", a->section_no, a->section);
			else
				buf_puts(&label, "No section");
			web_printf(rs, "<optgroup label=\"%s\">\n", buf_str(&label));
			last_section = a->section_no;
		}
		snprintf(no, sizeof no, "%d", a->no);
		buf_reset(&label);
		buf_printf(&label, "%d. %s", a->no, a->title);
		web_select_option(rs, no, buf_str(&label), area && strcmp(area, no) == 0);
	}
	if (last_section >= 0)
		web_raw(rs, "</optgroup>\n");
	web_select_close(rs);

	fd = (struct web_field){"text", NULL, "What will be done", NULL, web_param(rq, "text"),
				NULL, NULL};
	web_textarea(rs, &fd, 4, errs, n_errs);

	for (i = 0; i < x->n_leads; i++)
		x->leads[i].checked = param_has(rq, "lead", x->leads[i].value);
	fd = (struct web_field){"lead", NULL, "Lead",
				"Choose one or more. Someone not in the list can be added on the "
				"people page first.",
				NULL, NULL, NULL};
	checkboxes(rs, &fd, x->leads, x->n_leads, errs, n_errs);

	fd = (struct web_field){"due", NULL, "Due date (optional)",
				"For example, 31 3 2027. Leave it blank for an action with no end "
				"date.",
				NULL, NULL, NULL};
	web_date_input(rs, &fd, web_param(rq, "due-day"), web_param(rq, "due-month"),
		       web_param(rq, "due-year"), errs, n_errs);

	for (i = 0; i < x->n_duties; i++) {
		char no[16];
		snprintf(no, sizeof no, "%d", x->duties[i].no);
		buf_reset(&label);
		if (x->duties[i].name)
			buf_printf(&label, "Duty %d: %s", x->duties[i].no, x->duties[i].name);
		else
			buf_printf(&label, "Duty %d", x->duties[i].no);
		check_opt_add(&duty_opts, &n_duty_opts, no, buf_str(&label));
		duty_opts[n_duty_opts - 1].checked = param_has(rq, "duty", no);
	}
	if (n_duty_opts) {
		fd = (struct web_field){"duty", NULL, "Duties (optional)",
					"The action serves the duties of its area of work. Tick any "
					"more duties it serves.",
					NULL, NULL, NULL};
		checkboxes(rs, &fd, duty_opts, n_duty_opts, errs, n_errs);
	}
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Continue</button>\n</form>\n");
	web_page_end(rq, rs);
	check_opts_free(duty_opts, n_duty_opts);
	buf_free(&label);
}

int plan_add_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct add_ctx x;
	int rc = add_ctx_load(rq, &x, e);
	if (rc == 1)
		rc = err_set(e, ERR_NOTFOUND, "No action plan has been imported yet.");
	if (rc == 0)
		add_form_render(rq, rs, &x, NULL, 0);
	add_ctx_free(&x);
	return rc;
}

/* The form's answers as a query string for a Change link. */
static void add_query(struct buf *q, const struct web_req *rq, const struct add_form *f)
{
	struct date_parts dp;
	char **toks;
	size_t n = plan_lead_split(buf_str(&f->lead), &toks), i;
	int k;
	(void)rq;
	buf_printf(q, "/plan/add?area=%d&text=", f->area->no);
	web_urlenc(q, f->text);
	for (i = 0; i < n; i++) {
		buf_puts(q, "&lead=");
		web_urlenc(q, toks[i]);
	}
	plan_tokens_free(toks, n);
	date_parts(f->due, &dp);
	if (f->due.y)
		buf_printf(q, "&due-day=%s&due-month=%s&due-year=%s", dp.d, dp.m, dp.y);
	for (k = 0; k < f->n_duties; k++)
		buf_printf(q, "&duty=%d", f->duties[k]);
}

static void hidden(struct web_resp *rs, const char *name, const char *value)
{
	web_printf(rs, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, value);
}

/* <li>Duty 3: its name</li> (or "Duty 3" when it has none). */
static void duty_item(struct web_resp *rs, const struct add_ctx *x, int no)
{
	size_t i;
	for (i = 0; i < x->n_duties; i++)
		if (x->duties[i].no == no && x->duties[i].name) {
			web_printf(rs, "<li>Duty %d: %s</li>", no, x->duties[i].name);
			return;
		}
	web_printf(rs, "<li>Duty %d</li>", no);
}

static void cya_row(struct web_resp *rs, const char *key)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">",
		   key);
}

static void cya_row_end(struct web_resp *rs, const char *href, const char *what)
{
	web_printf(rs, "</dd><dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" "
		       "href=\"%s\">Change<span class=\"govuk-visually-hidden\"> %s</span></a>"
		       "</dd></div>\n",
		   href, what);
}

/* "Check your answers": the answers with Change links, and the form that
 * adds the action. */
static int add_check_render(struct web_req *rq, struct web_resp *rs, struct add_ctx *x,
			    const struct add_form *f, struct err *e)
{
	struct buf q = BUF_INIT, link = BUF_INIT;
	char code[16], letter, words[32], no[16];
	struct date_parts dp;
	size_t i;
	int k, rc;

	if ((rc = plan_action_next_code(rq->db, x->plan_id, f->area->id, code, &letter, e)) < 0)
		return rc;
	add_query(&q, rq, f);
	web_page_begin(rq, rs, "Check your answers – Add an action", SEC_PLAN);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"");
	web_printf(rs, "%s", buf_str(&q));
	web_raw(rs, "\">Back</a>\n<span class=\"govuk-caption-l\">Add an action</span>\n"
		    "<h1 class=\"govuk-heading-l\">Check your answers before adding the action</h1>\n"
		    "<dl class=\"govuk-summary-list\">\n");

	cya_row(rs, "Area of work");
	if (f->area->section)
		web_printf(rs, "%d. %s<br><span class=\"govuk-body-s\">In section %d. %s</span>",
			   f->area->no, f->area->title, f->area->section_no, f->area->section);
	else
		web_printf(rs, "%d. %s", f->area->no, f->area->title);
	buf_printf(&link, "%s#area", buf_str(&q));
	cya_row_end(rs, buf_str(&link), "area of work");

	cya_row(rs, "What will be done");
	web_printf(rs, "%s", f->text);
	buf_reset(&link);
	buf_printf(&link, "%s#text", buf_str(&q));
	cya_row_end(rs, buf_str(&link), "what will be done");

	cya_row(rs, "Lead");
	web_raw(rs, "<ul class=\"govuk-list\">");
	for (i = 0; i < x->n_leads; i++) {
		char **toks;
		size_t n = plan_lead_split(buf_str(&f->lead), &toks), j;
		for (j = 0; j < n; j++)
			if (!strcmp(toks[j], x->leads[i].value))
				web_printf(rs, "<li>%s</li>", x->leads[i].label);
		plan_tokens_free(toks, n);
	}
	web_raw(rs, "</ul>");
	buf_reset(&link);
	buf_printf(&link, "%s#lead", buf_str(&q));
	cya_row_end(rs, buf_str(&link), "lead");

	cya_row(rs, "Due date");
	date_long(f->due, words);
	web_printf(rs, "%s", f->due.y ? words : "None");
	buf_reset(&link);
	buf_printf(&link, "%s#due", buf_str(&q));
	cya_row_end(rs, buf_str(&link), "due date");

	cya_row(rs, "Duties");
	if (f->area->n_duties) {
		web_raw(rs, "From its area of work:<ul class=\"govuk-list\">");
		for (k = 0; k < f->area->n_duties; k++)
			duty_item(rs, x, f->area->duties[k]);
		web_raw(rs, "</ul>");
	}
	if (f->n_duties) {
		web_raw(rs, f->area->n_duties ? "Also:" : "");
		web_raw(rs, "<ul class=\"govuk-list\">");
		for (k = 0; k < f->n_duties; k++)
			duty_item(rs, x, f->duties[k]);
		web_raw(rs, "</ul>");
	}
	if (!f->area->n_duties && !f->n_duties)
		web_raw(rs, "None");
	buf_reset(&link);
	buf_printf(&link, "%s#duty", buf_str(&q));
	cya_row_end(rs, buf_str(&link), "duties");
	web_raw(rs, "</dl>\n");

	web_printf(rs, "<p class=\"govuk-body\">It will be action <strong>%s</strong>, not started, "
		       "and its history will say it was added on the web by you.</p>\n"
		       "<form method=\"post\" action=\"/plan/add\" novalidate>\n",
		   code);
	web_csrf_field(rq, rs);
	hidden(rs, "step", "confirm");
	snprintf(no, sizeof no, "%d", f->area->no);
	hidden(rs, "area", no);
	hidden(rs, "text", f->text);
	{
		char **toks;
		size_t n = plan_lead_split(buf_str(&f->lead), &toks), j;
		for (j = 0; j < n; j++)
			hidden(rs, "lead", toks[j]);
		plan_tokens_free(toks, n);
	}
	date_parts(f->due, &dp);
	if (f->due.y) {
		hidden(rs, "due-day", dp.d);
		hidden(rs, "due-month", dp.m);
		hidden(rs, "due-year", dp.y);
	}
	for (k = 0; k < f->n_duties; k++) {
		snprintf(no, sizeof no, "%d", f->duties[k]);
		hidden(rs, "duty", no);
	}
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Add the action</button>\n</form>\n");
	web_page_end(rq, rs);
	buf_free(&q);
	buf_free(&link);
	return 0;
}

static char *add_json(const struct add_form *f, const char *code)
{
	json_t *o = json_object(), *d = json_array();
	char iso[32];
	int k;
	json_object_set_new(o, "id", json_string(code));
	json_object_set_new(o, "area", json_integer(f->area->no));
	json_object_set_new(o, "text", json_string(f->text));
	json_object_set_new(o, "lead", json_string(buf_str(&f->lead)));
	date_long(f->due, iso);
	json_object_set_new(o, "due", f->due.y ? json_string(iso) : json_null());
	for (k = 0; k < f->n_duties; k++)
		json_array_append_new(d, json_integer(f->duties[k]));
	json_object_set_new(o, "duties", d);
	return json_take(o);
}

/* POST /plan/add: step=check shows "Check your answers"; step=confirm
 * adds the action (checked again inside the transaction, on the plan,
 * people and duties as they are then). */
int plan_add_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct add_ctx x;
	struct add_form f;
	struct web_field_error errs[8];
	char msg[160], code[16], flash[96], note[160];
	const char *step = web_param(rq, "step");
	int confirm = step && strcmp(step, "confirm") == 0, rc, n_errs;
	int64_t action_id;
	struct buf href = BUF_INIT;
	char *after = NULL;

	memset(&f, 0, sizeof f);
	memset(&x, 0, sizeof x);
	if (confirm && (rc = web_begin(rq, rs, CAP_UPDATE_ANY_ACTION, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = add_ctx_load(rq, &x, e);
	if (rc == 1)
		rc = err_set(e, ERR_NOTFOUND, "No action plan has been imported yet.");
	if (rc < 0)
		goto fail;
	n_errs = add_read(rq, x.areas, x.n_areas, x.leads, x.n_leads, x.duties, x.n_duties, &f,
			  errs, msg);
	if (n_errs) {
		if (confirm)
			store_rollback(rq->db);
		rs->status = 400;
		add_form_render(rq, rs, &x, errs, n_errs);
		rc = 0;
		goto done;
	}
	if (!confirm) {
		rc = add_check_render(rq, rs, &x, &f, e);
		goto done;
	}
	{
		struct plan_new_action a;
		memset(&a, 0, sizeof a);
		snprintf(note, sizeof note, "Added on the web by %s", rq->user->name);
		a.area_id = f.area->id;
		a.text = f.text;
		a.lead_text = buf_str(&f.lead);
		a.due = f.due;
		a.duties = f.duties;
		a.n_duties = f.n_duties;
		a.origin = "web";
		a.note = note;
		if ((rc = plan_action_add(rq->db, x.plan_id, &a, rq->user->name, &action_id, code,
					  e)) < 0)
			goto fail;
	}
	{
		char target[64];
		snprintf(target, sizeof target, "action %s", code);
		after = add_json(&f, code);
		if ((rc = web_audit(rq, "plan.add", target, NULL, after, e)) < 0 ||
		    (rc = store_commit(rq->db, e)) < 0)
			goto fail;
	}
	snprintf(flash, sizeof flash, "Action %s added", code);
	web_flash(rq, flash);
	action_href(&href, code);
	web_redirect(rs, buf_str(&href));
	goto done;
fail:
	if (confirm)
		store_rollback(rq->db);
done:
	add_form_free(&f);
	add_ctx_free(&x);
	buf_free(&href);
	free(after);
	return rc;
}

/* ---- /plan/duties/names --------------------------------------------------*/

static void duty_names_render(struct web_req *rq, struct web_resp *rs,
			      const struct plan_duty_row *rows, size_t n, const char *bad_id,
			      const char *bad_value, const struct web_field_error *errs, int n_errs)
{
	size_t i;
	web_page_begin(rq, rs, n_errs ? "Error: Name the duties" : "Name the duties", SEC_PLAN);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/plan/duties\">Duty coverage</a>\n");
	web_error_summary(rs, errs, n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Name the duties</h1>\n"
		    "<p class=\"govuk-body\">The plan refers to the statutory duties by number. A "
		    "name says what each one is, on the duty coverage page and in the plan's "
		    "filters. Each name is saved on its own.</p>\n");
	if (!n)
		web_raw(rs, "<p class=\"govuk-body\">The plan names no duties.</p>\n");
	for (i = 0; i < n; i++) {
		char id[32], label[64], hint[96], areas[32];
		struct web_field fd;
		int bad;
		snprintf(id, sizeof id, "name-%d", rows[i].no);
		bad = bad_id && strcmp(bad_id, id) == 0;
		snprintf(label, sizeof label, "Duty %d", rows[i].no);
		str_count(areas, rows[i].areas);
		snprintf(hint, sizeof hint, "Served by %s area%s of work", areas,
			 rows[i].areas == 1 ? "" : "s");
		web_raw(rs, "<form method=\"post\" action=\"/plan/duties/names\" novalidate>\n");
		web_csrf_field(rq, rs);
		web_printf(rs, "<input type=\"hidden\" name=\"no\" value=\"%d\">\n", rows[i].no);
		fd = (struct web_field){id, "name", label, hint,
					bad ? bad_value : rows[i].name, NULL, NULL};
		web_input(rs, &fd, "text", errs, n_errs);
		web_printf(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			       "data-module=\"govuk-button\">Save<span class=\"govuk-visually-hidden\">"
			       " the name of duty %d</span></button>\n</form>\n",
			   rows[i].no);
	}
	web_page_end(rq, rs);
}

int plan_duty_names_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct plan_duty_row *rows = NULL;
	size_t n = 0;
	int rc = plan_duties_load(rq->db, &rows, &n, e);
	if (rc == 0)
		duty_names_render(rq, rs, rows, n, NULL, NULL, NULL, 0);
	plan_duties_free(rows, n);
	return rc;
}

int plan_duty_names_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct plan_duty_row *rows = NULL;
	size_t n = 0, k;
	struct web_field_error errs[1];
	char id[32], target[32], flash[96], msg[96];
	char *name = param_squeezed(rq, "name"), *old = NULL, *before = NULL, *after = NULL;
	long no = 0;
	int rc;
	json_t *o;

	if ((rc = web_begin(rq, rs, CAP_UPDATE_ANY_ACTION, e)) != 0) {
		free(name);
		return rc < 0 ? rc : 0;
	}
	if ((rc = plan_duties_load(rq->db, &rows, &n, e)) < 0)
		goto fail;
	if (str_to_int(web_param(rq, "no"), 1, 999, &no) < 0)
		no = 0;
	for (k = 0; k < n && rows[k].no != no; k++)
		;
	if (k == n) {
		rc = err_set(e, ERR_DATA, "Choose a duty from the list on the page.");
		goto fail;
	}
	snprintf(id, sizeof id, "name-%ld", no);
	if (!name || too_long(name, DUTY_NAME_MAX)) {
		snprintf(msg, sizeof msg,
			 name ? "The name of duty %ld must be 200 characters or fewer"
			      : "Enter a name for duty %ld",
			 no);
		errs[0] = (struct web_field_error){id, msg};
		store_rollback(rq->db);
		rs->status = 400;
		duty_names_render(rq, rs, rows, n, id, web_param(rq, "name"), errs, 1);
		rc = 0;
		goto done;
	}
	if (rows[k].name && strcmp(rows[k].name, name) == 0) {
		store_rollback(rq->db);
		snprintf(flash, sizeof flash, "Duty %ld already had that name", no);
	} else {
		snprintf(target, sizeof target, "duty %ld", no);
		if ((rc = plan_duty_name(rq->db, (int)no, name, &old, e)) < 0)
			goto fail;
		o = json_object();
		json_object_set_new(o, "name", old ? json_string(old) : json_null());
		before = json_take(o);
		o = json_object();
		json_object_set_new(o, "name", json_string(name));
		after = json_take(o);
		if ((rc = web_audit(rq, "plan.duty", target, before, after, e)) < 0 ||
		    (rc = store_commit(rq->db, e)) < 0)
			goto fail;
		snprintf(flash, sizeof flash, "Duty %ld named", no);
	}
	web_flash(rq, flash);
	web_redirect(rs, "/plan/duties/names");
	goto done;
fail:
	store_rollback(rq->db);
done:
	plan_duties_free(rows, n);
	free(name);
	free(old);
	free(before);
	free(after);
	return rc;
}

/* ---- /plan/mine ----------------------------------------------------------*/

/* Overdue first, then by due date (none last), then plan order. */
static int cmp_mine(const void *a, const void *b)
{
	const struct plan_item *x = *(const struct plan_item *const *)a,
			       *y = *(const struct plan_item *const *)b;
	int c;
	if (x->overdue != y->overdue)
		return y->overdue - x->overdue;
	if ((c = date_cmp(x->due, y->due)) != 0)
		return c;
	return x < y ? -1 : x > y;
}

/* The element id of action code's fields: "a-" and the code with
 * anything but letters and digits made '-'. */
static void mine_id(char out[40], const char *field, const char *code)
{
	size_t i, n = (size_t)snprintf(out, 40, "%s-%s", field, code);
	for (i = strlen(field) + 1; i < n && i < 39; i++)
		if (!((out[i] >= 'a' && out[i] <= 'z') || (out[i] >= 'A' && out[i] <= 'Z') ||
		      (out[i] >= '0' && out[i] <= '9')))
			out[i] = '-';
}

static void mine_render(struct web_req *rq, struct web_resp *rs, struct plan_item *items,
			size_t n, const char *posted_code, const struct web_field_error *errs,
			int n_errs)
{
	struct plan_item **mine = NULL;
	size_t n_mine = 0, i, overdue = 0;
	const char *initials = rq->user ? rq->user->lead_initials : "";
	char count[32], count2[32];

	web_page_begin(rq, rs, n_errs ? "Error: My actions" : "My actions", SEC_MINE);
	web_error_summary(rs, errs, n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">My actions</h1>\n");
	if (!initials[0]) {
		web_raw(rs, "<p class=\"govuk-body\">Your account has no lead initials, so no "
			    "action in the plan is yours. An administrator can add the initials "
			    "the plan uses for you.</p>\n<p class=\"govuk-body\"><a "
			    "class=\"govuk-link\" href=\"/plan\">See the whole plan</a></p>\n");
		web_page_end(rq, rs);
		return;
	}
	for (i = 0; i < n; i++)
		if (items[i].live && plan_web_led_by(&items[i], initials)) {
			mine = xrealloc(mine, (n_mine + 1) * sizeof *mine);
			mine[n_mine++] = &items[i];
			overdue += items[i].overdue;
		}
	qsort(mine, n_mine, sizeof *mine, cmp_mine);
	str_count(count, (long long)n_mine);
	str_count(count2, (long long)overdue);
	web_printf(rs, "<p class=\"govuk-body\">You lead %s live action%s (as %s)", count,
		   n_mine == 1 ? "" : "s", initials);
	if (overdue)
		web_printf(rs, "; %s %s overdue", count2, overdue == 1 ? "is" : "are");
	web_raw(rs, ". Overdue actions come first, then the rest by due date. Record progress "
		    "on each here: it goes into the action's history with your name.</p>\n");
	if (!n_mine)
		web_raw(rs, "<p class=\"govuk-body\">You lead no live action: nothing is waiting "
			    "for you.</p>\n");
	for (i = 0; i < n_mine; i++) {
		const struct plan_item *it = mine[i];
		struct buf href = BUF_INIT;
		struct web_field fd;
		char sid[40], nid[40], hid[40], words[32];
		int again = posted_code && strcmp(posted_code, it->code) == 0;
		action_href(&href, it->code);
		mine_id(sid, "status", it->code);
		mine_id(nid, "note", it->code);
		mine_id(hid, "action", it->code);
		if (i)
			web_raw(rs, "<hr class=\"govuk-section-break govuk-section-break--l "
				    "govuk-section-break--visible\">\n");
		web_printf(rs, "<section class=\"parity-mine\" aria-labelledby=\"%s\">\n"
			       "<h2 class=\"govuk-heading-m\" id=\"%s\"><a class=\"govuk-link\" "
			       "href=\"%s\">Action %s</a></h2>\n<p class=\"govuk-body\">%s</p>\n"
			       "<dl class=\"govuk-summary-list govuk-summary-list--no-border\">\n",
			   hid, hid, buf_str(&href), it->code, it->text ? it->text : "");
		web_raw(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			    "Due</dt><dd class=\"govuk-summary-list__value\">");
		date_long(it->due, words);
		web_printf(rs, "%s", it->due.y ? words : "No due date");
		if (it->overdue)
			web_raw(rs, " <strong>(overdue)</strong>");
		web_raw(rs, "</dd></div>\n<div class=\"govuk-summary-list__row\"><dt "
			    "class=\"govuk-summary-list__key\">RAG rating</dt><dd "
			    "class=\"govuk-summary-list__value\">");
		plan_rag_tag(rs, it->rag);
		web_printf(rs, "</dd></div>\n<div class=\"govuk-summary-list__row\"><dt "
			       "class=\"govuk-summary-list__key\">Status</dt><dd "
			       "class=\"govuk-summary-list__value\">%s</dd></div>\n</dl>\n",
			   plan_status_words(it->status));
		web_raw(rs, "<form method=\"post\" action=\"/plan/mine\" novalidate>\n");
		web_csrf_field(rq, rs);
		web_printf(rs, "<input type=\"hidden\" name=\"action\" value=\"%s\">\n", it->code);
		{
			char legend[64];
			snprintf(legend, sizeof legend, "Status of action %s", it->code);
			fd = (struct web_field){sid, "status", legend, NULL,
						again ? web_param(rq, "status") : it->status,
						"govuk-radios--small govuk-radios--inline", NULL};
			web_radios(rs, &fd, status_choices, N_STATUS, 0, errs, n_errs);
		}
		{
			char label[64];
			snprintf(label, sizeof label, "Note on action %s (optional)", it->code);
			fd = (struct web_field){nid, "note", label,
						"What has happened. It is added to the history.",
						again ? web_param(rq, "note") : NULL, NULL, NULL};
			web_textarea(rs, &fd, 2, errs, n_errs);
		}
		web_printf(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			       "data-module=\"govuk-button\">Save<span class=\"govuk-visually-hidden\">"
			       " the update to action %s</span></button>\n</form>\n</section>\n",
			   it->code);
		buf_free(&href);
	}
	web_page_end(rq, rs);
	free(mine);
}

int plan_mine_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct plan_item *items = NULL;
	size_t n = 0;
	int64_t plan_id;
	int rc = items_load(rq, &plan_id, &items, &n, e);
	if (rc >= 0) {
		mine_render(rq, rs, items, n, NULL, NULL, 0);
		rc = 0;
	}
	plan_items_free(items, n);
	return rc;
}

/* POST /plan/mine: one action's status and note, as the action page's
 * update form records them, then back to My actions. */
int plan_mine_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct plan_item *items = NULL;
	size_t n = 0;
	int64_t plan_id;
	struct plan_change c;
	struct web_field_error errs[2];
	char sid[40], nid[40], target[64], flash[96];
	const char *code = web_param(rq, "action");
	char *status = param_dup(rq, "status"), *note = param_dup(rq, "note"), *before = NULL,
	     *after = NULL;
	const struct plan_item *it;
	int rc, idx, n_errs = 0;
	json_t *o;

	memset(&c, 0, sizeof c);
	if ((rc = web_begin(rq, rs, CAP_UPDATE_OWN_ACTIONS | CAP_UPDATE_ANY_ACTION, e)) != 0) {
		free(status);
		free(note);
		return rc < 0 ? rc : 0;
	}
	rc = items_load(rq, &plan_id, &items, &n, e);
	if (rc == 1)
		rc = err_set(e, ERR_NOTFOUND, "No action plan has been imported yet.");
	if (rc < 0)
		goto fail;
	if (!code || (idx = plan_items_find(items, n, code)) < 0) {
		rc = err_set(e, ERR_DATA, "Choose an action from the list on the page.");
		goto fail;
	}
	it = &items[idx];
	if (!plan_web_may_update(rq, it)) {
		store_rollback(rq->db);
		web_forbidden(rq, rs, CAP_UPDATE_ANY_ACTION);
		rc = 0;
		goto done;
	}
	mine_id(sid, "status", it->code);
	mine_id(nid, "note", it->code);
	c.status = status && strcmp(status, it->status) != 0 ? status : NULL;
	c.note = note;
	if (status && !plan_status_valid(status))
		errs[n_errs++] = (struct web_field_error){sid, "Choose the status"};
	else if (too_long(note, NOTE_MAX))
		errs[n_errs++] = (struct web_field_error){nid, "The note must be 5,000 characters or "
							       "fewer"};
	else if (plan_change_check(&c) != PLAN_CHANGE_OK)
		errs[n_errs++] = (struct web_field_error){
			sid, "Choose a new status or write a note"};
	if (n_errs) {
		char *m;
		/* the message names the action: the page has a form for each */
		struct buf b = BUF_INIT;
		buf_printf(&b, "Action %s: %s", it->code, errs[0].message);
		m = buf_take(&b);
		errs[0].message = m;
		store_rollback(rq->db);
		rs->status = 400;
		mine_render(rq, rs, items, n, it->code, errs, n_errs);
		free(m);
		rc = 0;
		goto done;
	}
	snprintf(target, sizeof target, "action %s", it->code);
	o = json_object();
	if (c.status)
		json_object_set_new(o, "status", json_string(it->status));
	before = json_take(o);
	o = json_object();
	if (c.status)
		json_object_set_new(o, "status", json_string(c.status));
	if (c.note)
		json_object_set_new(o, "note", json_string(c.note));
	after = json_take(o);
	if ((rc = plan_change_apply(rq->db, it->id, &c, rq->user->name, e)) < 0 ||
	    (rc = web_audit(rq, "plan.update", target, before, after, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0)
		goto fail;
	snprintf(flash, sizeof flash, "Action %s updated", it->code);
	web_flash(rq, flash);
	web_redirect(rs, "/plan/mine");
	goto done;
fail:
	store_rollback(rq->db);
done:
	plan_items_free(items, n);
	free(status);
	free(note);
	free(before);
	free(after);
	return rc;
}
