/*
 * plan/web_people: the people who lead actions, on the web — the list
 * with the plan's glossary of terms (anyone who reads the plan), and for
 * those who may change any action (update-any-action): adding a person,
 * changing their name, role or initials, and handing every live action of
 * someone who leaves over to someone else, after an "are you sure" page.
 *
 * The writing is the plan room's own (people.c: plan_person_add,
 * plan_person_rename, plan_person_reassign, as the `people` commands use
 * them): each records a history event on the actions it touches. Here are
 * the GOV.UK forms, their error messages and the audit entry, written in
 * the same transaction as the change.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"
#include "plan/plan.h"
#include "web/web.h"

/* Longest name and role, in characters; most initials, in letters. */
#define NAME_MAX_CHARS 100
#define INITIALS_MAX_LETTERS 8

static int too_long(const char *s, size_t max)
{
	int cut = 0;
	if (s)
		str_utf8_prefix(s, max, &cut);
	return cut;
}

static char *param_squeezed(const struct web_req *rq, const char *name)
{
	const char *v = web_param(rq, name);
	return str_blank(v) ? NULL : str_squeeze(str_trim_dup(v));
}

static char *json_take(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return s;
}

static json_t *json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* "/people/" + initials (percent-encoded) + tail into b. */
static void person_href(struct buf *b, const char *initials, const char *tail)
{
	buf_puts(b, "/people/");
	web_urlenc(b, initials);
	buf_puts(b, tail);
}

/* ---- GET /people ---------------------------------------------------------*/

/* GET /people: who leads actions (how many, and a link to them), with a
 * Change and Hand over link for those who may; then the glossary. */
int plan_people_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct plan_person_row *people = NULL;
	size_t n = 0, i;
	store_stmt_t *st = NULL;
	int rc, any = 0, can = web_can(rq, CAP_UPDATE_ANY_ACTION);

	if ((rc = plan_people_load(rq->db, &people, &n, e)) < 0)
		return rc;
	web_page_begin(rq, rs, "People and terms", SEC_PEOPLE);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">People and terms</h1>\n"
		    "<h2 class=\"govuk-heading-m\">People</h2>\n");
	if (can)
		web_raw(rs, "<p class=\"govuk-body\"><a class=\"govuk-button govuk-button--secondary\" "
			    "data-module=\"govuk-button\" href=\"/people/add\">Add a person</a></p>\n");
	if (!n) {
		web_raw(rs, "<p class=\"govuk-body\">No one yet. People come from the plan's list of "
			    "staff initials when it is imported");
		web_raw(rs, can ? ", or are added here.</p>\n" : ".</p>\n");
	} else {
		web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
			    "aria-label=\"People\">\n<table class=\"govuk-table\">\n"
			    "<caption class=\"govuk-table__caption govuk-visually-hidden\">Staff who "
			    "lead actions, with the number of actions each leads</caption>\n"
			    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			    "<th scope=\"col\" class=\"govuk-table__header\">Initials</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Name</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Role</th>"
			    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Live actions</th>"
			    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">All actions</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\"><span "
			    "class=\"govuk-visually-hidden\">Links</span></th>"
			    "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
		for (i = 0; i < n; i++) {
			const struct plan_person_row *p = &people[i];
			struct buf q = BUF_INIT, edit = BUF_INIT, hand = BUF_INIT;
			char live[32], total[32];
			web_urlenc(&q, p->initials);
			person_href(&edit, p->initials, "/edit");
			person_href(&hand, p->initials, "/reassign");
			str_count(live, p->live);
			str_count(total, p->total);
			web_printf(rs,
				   "<tr class=\"govuk-table__row\"><th scope=\"row\" "
				   "class=\"govuk-table__header\">%s</th><td class=\"govuk-table__cell\">%s",
				   p->initials, p->name);
			if (!p->active && p->replaced_by)
				web_printf(rs, " (left; actions passed to %s)", p->replaced_by);
			else if (!p->active)
				web_raw(rs, " (left)");
			web_printf(rs,
				   "</td><td class=\"govuk-table__cell\">%s</td>"
				   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>"
				   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>"
				   "<td class=\"govuk-table__cell\"><ul class=\"govuk-list govuk-!-margin-bottom-0\"><li><a "
				   "class=\"govuk-link\" href=\"/plan?lead=%s\">Actions<span "
				   "class=\"govuk-visually-hidden\"> led by %s</span></a></li>",
				   p->role ? p->role : "", live, total, buf_str(&q), p->name);
			if (can)
				web_printf(rs, "<li><a class=\"govuk-link\" href=\"%s\">Change<span "
					       "class=\"govuk-visually-hidden\"> %s's details</span></a>"
					       "</li>",
					   buf_str(&edit), p->name);
			if (can && p->active)
				web_printf(rs, "<li><a class=\"govuk-link\" href=\"%s\">Hand over<span "
					       "class=\"govuk-visually-hidden\"> %s's actions</span></a>"
					       "</li>",
					   buf_str(&hand), p->name);
			web_raw(rs, "</ul></td></tr>\n");
			buf_free(&q);
			buf_free(&edit);
			buf_free(&hand);
		}
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
	}

	web_raw(rs, "<h2 class=\"govuk-heading-m\">Terms</h2>\n");
	if ((rc = store_prepare(rq->db, &st, e, "SELECT abbr, expansion FROM term ORDER BY abbr",
				"")) < 0)
		goto done;
	while ((rc = store_step(st, e)) == 1) {
		if (!any++)
			web_raw(rs, "<dl class=\"govuk-summary-list\">\n");
		web_printf(rs,
			   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			   "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
			   store_col_text(st, 0), store_col_text(st, 1));
	}
	if (rc < 0)
		goto done;
	if (any)
		web_raw(rs, "</dl>\n");
	else
		web_raw(rs, "<p class=\"govuk-body\">The plan defines no terms.</p>\n");
	web_page_end(rq, rs);
	rc = 0;
done:
	store_done(st);
	plan_people_free(people, n);
	return rc;
}

/* ---- a person's details: add and change --------------------------------*/

/* 0 when s is initials the web takes: 1 to 8 letters (A-Z, a-z), the
 * first a capital, as in the plan's Lead column ("MD", "SMcI"). */
static int initials_ok(const char *s)
{
	size_t i, n = strlen(s);
	if (n < 1 || n > INITIALS_MAX_LETTERS || !(s[0] >= 'A' && s[0] <= 'Z'))
		return -1;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
			return -1;
	return 0;
}

struct person_form {
	char *initials, *name, *role;
};

static void person_form_free(struct person_form *f)
{
	free(f->initials);
	free(f->name);
	free(f->role);
}

/* Read and check the fields; errors into errs (at most 3). */
static int person_read(const struct web_req *rq, struct person_form *f,
		       struct web_field_error *errs)
{
	int n = 0;
	f->initials = param_squeezed(rq, "initials");
	f->name = param_squeezed(rq, "name");
	f->role = param_squeezed(rq, "role");
	if (!f->initials)
		errs[n++] = (struct web_field_error){"initials", "Enter the person's initials"};
	else if (initials_ok(f->initials) < 0)
		errs[n++] = (struct web_field_error){
			"initials", "Initials must be 1 to 8 letters starting with a capital, as in "
				    "the plan's Lead column, for example MD"};
	if (!f->name)
		errs[n++] = (struct web_field_error){"name", "Enter the person's name"};
	else if (too_long(f->name, NAME_MAX_CHARS))
		errs[n++] = (struct web_field_error){"name",
						     "The name must be 100 characters or fewer"};
	if (too_long(f->role, NAME_MAX_CHARS))
		errs[n++] = (struct web_field_error){"role",
						     "The role must be 100 characters or fewer"};
	return n;
}

/* The add or change form; values from the request when posted, else v. */
static void person_render(struct web_req *rq, struct web_resp *rs, const char *h1,
			  const char *action, const char *button, const struct person_form *v,
			  int posted, const struct web_field_error *errs, int n_errs)
{
	struct web_field fd;
	char title[128];
	snprintf(title, sizeof title, "%s%s", n_errs ? "Error: " : "", h1);
	web_page_begin(rq, rs, title, SEC_PEOPLE);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/people\">People and terms</a>\n");
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">%s</h1>\n"
		       "<form method=\"post\" action=\"%s\" novalidate>\n",
		   h1, action);
	web_csrf_field(rq, rs);
	fd = (struct web_field){"initials", NULL, "Initials",
				"As the plan's Lead column writes them, for example MD",
				posted ? web_param(rq, "initials") : v ? v->initials : NULL,
				"govuk-input--width-5", "spellcheck=\"false\" autocomplete=\"off\""};
	web_input(rs, &fd, "text", errs, n_errs);
	fd = (struct web_field){"name", NULL, "Full name", NULL,
				posted ? web_param(rq, "name") : v ? v->name : NULL, NULL,
				"spellcheck=\"false\" autocomplete=\"off\""};
	web_input(rs, &fd, "text", errs, n_errs);
	fd = (struct web_field){"role", NULL, "Role (optional)", "For example, Head of People",
				posted ? web_param(rq, "role") : v ? v->role : NULL, NULL, NULL};
	web_input(rs, &fd, "text", errs, n_errs);
	web_printf(rs, "<div class=\"govuk-button-group\">\n<button type=\"submit\" "
		       "class=\"govuk-button\" data-module=\"govuk-button\">%s</button>\n"
		       "<a class=\"govuk-link\" href=\"/people\">Cancel</a>\n</div>\n</form>\n",
		   button);
	web_page_end(rq, rs);
}

int plan_person_add_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	person_render(rq, rs, "Add a person", "/people/add", "Add the person", NULL, 0, NULL, 0);
	return 0;
}

int plan_person_add_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct person_form f;
	struct web_field_error errs[4];
	char flash[256], target[64], msg[160], linked_s[32];
	char *after = NULL;
	int rc, n_errs, linked = 0;
	json_t *o;

	memset(&f, 0, sizeof f);
	if ((rc = web_begin(rq, rs, CAP_UPDATE_ANY_ACTION, e)) != 0)
		return rc < 0 ? rc : 0;
	n_errs = person_read(rq, &f, errs);
	if (!n_errs) {
		int64_t other = 0;
		struct err ignore;
		err_clear(&ignore);
		if (plan_person_find(rq->db, f.initials, &other, NULL, &ignore) == ERR_DB) {
			rc = err_set(e, ERR_DB, "%s", ignore.msg);
			goto fail;
		}
		if (other) {
			snprintf(msg, sizeof msg, "Someone already has the initials %s; change their "
						  "details instead, or choose other initials",
				 f.initials);
			errs[n_errs++] = (struct web_field_error){"initials", msg};
		}
	}
	if (n_errs) {
		store_rollback(rq->db);
		rs->status = 400;
		person_render(rq, rs, "Add a person", "/people/add", "Add the person", NULL, 1, errs,
			      n_errs);
		rc = 0;
		goto done;
	}
	snprintf(target, sizeof target, "person %s", f.initials);
	o = json_object();
	json_object_set_new(o, "initials", json_string(f.initials));
	json_object_set_new(o, "name", json_string(f.name));
	json_object_set_new(o, "role", json_str_or_null(f.role));
	after = json_take(o);
	if ((rc = plan_person_add(rq->db, f.initials, f.name, f.role, rq->user->name, NULL, &linked,
				  e)) < 0 ||
	    (rc = web_audit(rq, "people.add", target, NULL, after, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0)
		goto fail;
	str_count(linked_s, linked);
	if (linked)
		snprintf(flash, sizeof flash, "%s (%s) added; the plan already named them as the "
					      "lead of %s action%s",
			 f.initials, f.name, linked_s, linked == 1 ? "" : "s");
	else
		snprintf(flash, sizeof flash, "%s (%s) added", f.initials, f.name);
	web_flash(rq, flash);
	web_redirect(rs, "/people");
	goto done;
fail:
	store_rollback(rq->db);
done:
	person_form_free(&f);
	free(after);
	return rc;
}

/* ---- /people/INITIALS/edit and /reassign --------------------------------*/

/* One person as stored. */
struct person {
	int64_t id;
	char *initials, *name, *role;
	int active;
	int live; /* live actions led */
};

static void person_free(struct person *p)
{
	free(p->initials);
	free(p->name);
	free(p->role);
}

/* The person with exactly these initials (else as the importer matches
 * them); ERR_NOTFOUND when none. */
static int person_load(store_t *db, const char *initials, struct person *p, struct err *e)
{
	store_stmt_t *st;
	int64_t id = 0;
	int rc;
	struct err ignore;
	memset(p, 0, sizeof p[0]);
	if (store_query_int(db, &id, e, "SELECT id FROM person WHERE initials = ?", "t",
			    initials) < 0)
		return ERR_DB;
	err_clear(&ignore);
	if (!id && plan_person_find(db, initials, &id, NULL, &ignore) == ERR_DB)
		return err_set(e, ERR_DB, "%s", ignore.msg);
	if (!id)
		return err_set(e, ERR_NOTFOUND,
			       "There is no one with the initials '%s'; the people page lists "
			       "everyone.",
			       initials);
	if (store_prepare(db, &st, e,
			  "SELECT p.initials, p.name, p.role, p.active,"
			  " (SELECT COUNT(DISTINCT l.action_id) FROM action_lead l"
			  "  JOIN action a ON a.id = l.action_id WHERE l.person_id = p.id"
			  "  AND a.removed = 0 AND a.status IN ('not-started','in-progress'))"
			  " FROM person p WHERE p.id = ?",
			  "i", id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		p->id = id;
		p->initials = xstrdup(store_col_text(st, 0));
		p->name = xstrdup(store_col_text(st, 1));
		p->role = xstrdup(store_col_text(st, 2));
		p->active = (int)store_col_int(st, 3);
		p->live = (int)store_col_int(st, 4);
	}
	store_done(st);
	return rc < 0 ? ERR_DB : 0;
}

/* Split "MD/edit" into the initials and what follows; 0, or -1 when the
 * path names neither page. */
static int person_path(const char *arg, char *initials, size_t n, const char **what)
{
	const char *slash = strrchr(arg, '/');
	if (!slash || slash == arg || (size_t)(slash - arg) >= n)
		return -1;
	if (strcmp(slash, "/edit") && strcmp(slash, "/reassign"))
		return -1;
	snprintf(initials, n, "%.*s", (int)(slash - arg), arg);
	*what = slash + 1;
	return 0;
}

static void edit_render(struct web_req *rq, struct web_resp *rs, const struct person *p,
			int posted, const struct web_field_error *errs, int n_errs)
{
	struct person_form v = {p->initials, p->name, p->role};
	struct buf action = BUF_INIT;
	char h1[160];
	person_href(&action, p->initials, "/edit");
	snprintf(h1, sizeof h1, "Change %s's details", p->name);
	person_render(rq, rs, h1, buf_str(&action), "Save changes", &v, posted, errs, n_errs);
	buf_free(&action);
}

static int edit_post(struct web_req *rq, struct web_resp *rs, const struct person *p,
		     struct err *e)
{
	struct person_form f;
	struct web_field_error errs[4];
	char flash[256], target[64], msg[160];
	char *before = NULL, *after = NULL;
	int rc, n_errs, n = 0;
	json_t *o;

	memset(&f, 0, sizeof f);
	n_errs = person_read(rq, &f, errs);
	if (!n_errs && strcmp(f.initials, p->initials) != 0) {
		int64_t other = 0;
		struct err ignore;
		err_clear(&ignore);
		if (plan_person_find(rq->db, f.initials, &other, NULL, &ignore) == ERR_DB) {
			rc = err_set(e, ERR_DB, "%s", ignore.msg);
			goto fail;
		}
		if (other && other != p->id) {
			snprintf(msg, sizeof msg, "Someone else already has the initials %s",
				 f.initials);
			errs[n_errs++] = (struct web_field_error){"initials", msg};
		}
	}
	if (n_errs) {
		store_rollback(rq->db);
		rs->status = 400;
		edit_render(rq, rs, p, 1, errs, n_errs);
		rc = 0;
		goto done;
	}
	if (!strcmp(f.initials, p->initials) && !strcmp(f.name, p->name) &&
	    !strcmp(f.role ? f.role : "", p->role ? p->role : "")) {
		store_rollback(rq->db);
		snprintf(flash, sizeof flash, "Nothing changed for %s", p->initials);
		web_flash(rq, flash);
		web_redirect(rs, "/people");
		rc = 0;
		goto done;
	}
	snprintf(target, sizeof target, "person %s", p->initials);
	o = json_object();
	json_object_set_new(o, "initials", json_string(p->initials));
	json_object_set_new(o, "name", json_string(p->name));
	json_object_set_new(o, "role", json_str_or_null(p->role));
	before = json_take(o);
	o = json_object();
	json_object_set_new(o, "initials", json_string(f.initials));
	json_object_set_new(o, "name", json_string(f.name));
	json_object_set_new(o, "role", json_str_or_null(f.role));
	after = json_take(o);
	if ((rc = plan_person_rename(rq->db, p->id, f.name, f.role ? f.role : "", f.initials,
				     rq->user->name, &n, e)) < 0 ||
	    (rc = web_audit(rq, "people.rename", target, before, after, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0)
		goto fail;
	snprintf(flash, sizeof flash, "Changes to %s (%s) saved", f.initials, f.name);
	web_flash(rq, flash);
	web_redirect(rs, "/people");
	goto done;
fail:
	store_rollback(rq->db);
done:
	person_form_free(&f);
	free(before);
	free(after);
	return rc;
}

/* Everyone who could take over from p: still here, not p. */
static int successors(store_t *db, const struct person *p, struct plan_person_row **rows,
		      size_t *n, struct err *e)
{
	size_t i, k = 0;
	int rc = plan_people_load(db, rows, n, e);
	if (rc < 0)
		return rc;
	for (i = 0; i < *n; i++) {
		struct plan_person_row r = (*rows)[i];
		if (r.active && strcmp(r.initials, p->initials) != 0) {
			(*rows)[i] = (*rows)[k];
			(*rows)[k++] = r;
		}
	}
	/* the rest stay allocated past k; free them with the whole array */
	return (int)k;
}

/* The question page: who takes over p's live actions. */
static void reassign_render(struct web_req *rq, struct web_resp *rs, const struct person *p,
			    const struct plan_person_row *succ, size_t n_succ, const char *to,
			    const struct web_field_error *errs, int n_errs)
{
	struct buf action = BUF_INIT, label = BUF_INIT;
	struct web_field fd;
	char title[160], live[32];
	size_t i;

	person_href(&action, p->initials, "/reassign");
	snprintf(title, sizeof title, "%sHand over %s's actions", n_errs ? "Error: " : "", p->name);
	web_page_begin(rq, rs, title, SEC_PEOPLE);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/people\">People and terms</a>\n");
	web_error_summary(rs, errs, n_errs);
	str_count(live, p->live);
	if (!p->active) {
		web_printf(rs, "<h1 class=\"govuk-heading-l\">%s has left</h1>\n<p class=\"govuk-body\">"
			       "Their actions have already been handed over.</p>\n",
			   p->name);
		web_page_end(rq, rs);
		buf_free(&action);
		return;
	}
	web_printf(rs, "<span class=\"govuk-caption-l\">%s – %s</span>\n<form method=\"post\" "
		       "action=\"%s\" novalidate>\n",
		   p->initials, p->name, buf_str(&action));
	web_csrf_field(rq, rs);
	web_raw(rs, "<input type=\"hidden\" name=\"step\" value=\"check\">\n");
	{
		char legend[200], hint[200];
		snprintf(legend, sizeof legend, "Who takes over %s's actions?", p->name);
		snprintf(hint, sizeof hint, "%s leads %s live action%s. %s to the "
					    "person you choose, and %s will be marked as having left.",
			 p->initials, live, p->live == 1 ? "" : "s",
			 p->live == 1 ? "It will pass" : "They will all pass", p->initials);
		fd = (struct web_field){"to", NULL, legend, hint, to, NULL, NULL};
		if (n_succ <= 6) {
			struct web_choice *c = xcalloc(n_succ + 1, sizeof *c);
			char **labels = xcalloc(n_succ + 1, sizeof *labels);
			for (i = 0; i < n_succ; i++) {
				buf_reset(&label);
				buf_printf(&label, "%s – %s", succ[i].initials, succ[i].name);
				labels[i] = buf_take(&label);
				c[i] = (struct web_choice){succ[i].initials, labels[i], succ[i].role};
			}
			web_radios(rs, &fd, c, n_succ, 1, errs, n_errs);
			for (i = 0; i < n_succ; i++)
				free(labels[i]);
			free(labels);
			free(c);
		} else {
			web_printf(rs, "<h1 class=\"govuk-heading-l\">%s</h1>\n", legend);
			fd.label = "New lead";
			web_select_open(rs, &fd, errs, n_errs);
			web_select_option(rs, "", "Choose a person", !to);
			for (i = 0; i < n_succ; i++) {
				buf_reset(&label);
				buf_printf(&label, "%s – %s", succ[i].initials, succ[i].name);
				web_select_option(rs, succ[i].initials, buf_str(&label),
						  to && !strcmp(to, succ[i].initials));
			}
			web_select_close(rs);
		}
	}
	web_raw(rs, "<div class=\"govuk-button-group\">\n<button type=\"submit\" class=\"govuk-button\" "
		    "data-module=\"govuk-button\">Continue</button>\n<a class=\"govuk-link\" "
		    "href=\"/people\">Cancel</a>\n</div>\n</form>\n");
	web_page_end(rq, rs);
	buf_free(&action);
	buf_free(&label);
}

/* The live actions p leads, as "3b, 4a" into b. */
static int live_codes(store_t *db, const struct person *p, struct buf *b, struct err *e)
{
	store_stmt_t *st;
	int rc;
	if (store_prepare(db, &st, e,
			  "SELECT DISTINCT a.code, ar.no, a.letter FROM action_lead l"
			  " JOIN action a ON a.id = l.action_id JOIN area ar ON ar.id = a.area_id"
			  " WHERE l.person_id = ? AND a.removed = 0"
			  " AND a.status IN ('not-started','in-progress') ORDER BY ar.no, a.letter",
			  "i", p->id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1)
		buf_printf(b, "%s%s", b->len ? ", " : "", store_col_text(st, 0));
	store_done(st);
	return rc < 0 ? ERR_DB : 0;
}

/* "Are you sure": who, to whom, which actions; the form that does it. */
static int reassign_check(struct web_req *rq, struct web_resp *rs, const struct person *p,
			  const struct plan_person_row *to, struct err *e)
{
	struct buf action = BUF_INIT, back = BUF_INIT, codes = BUF_INIT;
	char live[32];
	int rc;

	if ((rc = live_codes(rq->db, p, &codes, e)) < 0)
		goto done;
	person_href(&action, p->initials, "/reassign");
	buf_printf(&back, "%s?to=", buf_str(&action));
	web_urlenc(&back, to->initials);
	str_count(live, p->live);
	web_page_begin(rq, rs, "Check before handing over – People", SEC_PEOPLE);
	web_printf(rs, "<a class=\"govuk-back-link\" href=\"%s\">Back</a>\n"
		       "<span class=\"govuk-caption-l\">Hand over actions</span>\n"
		       "<h1 class=\"govuk-heading-l\">Are you sure you want to hand over %s's "
		       "actions to %s?</h1>\n<dl class=\"govuk-summary-list\">\n",
		   buf_str(&back), p->name, to->name);
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "From</dt><dd class=\"govuk-summary-list__value\">%s – %s</dd>"
		       "<dd class=\"govuk-summary-list__actions\"></dd></div>\n",
		   p->initials, p->name);
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "To</dt><dd class=\"govuk-summary-list__value\">%s – %s</dd>"
		       "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" href=\"%s\">"
		       "Change<span class=\"govuk-visually-hidden\"> who takes over</span></a></dd>"
		       "</div>\n",
		   to->initials, to->name, buf_str(&back));
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "Live actions</dt><dd class=\"govuk-summary-list__value\">%s action%s%s%s</dd>"
		       "<dd class=\"govuk-summary-list__actions\"></dd></div>\n</dl>\n",
		   live, p->live == 1 ? "" : "s", codes.len ? ": " : "", buf_str(&codes));
	web_printf(rs, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
		       "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
		       "<span class=\"govuk-visually-hidden\">Warning</span> %s will be marked as "
		       "having left. Each action's history will say who handed it over.</strong>"
		       "</div>\n<form method=\"post\" action=\"%s\" novalidate>\n",
		   p->initials, buf_str(&action));
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"step\" value=\"confirm\">\n"
		       "<input type=\"hidden\" name=\"to\" value=\"%s\">\n"
		       "<div class=\"govuk-button-group\">\n<button type=\"submit\" "
		       "class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">"
		       "Hand over %s action%s</button>\n<a class=\"govuk-link\" href=\"/people\">"
		       "Cancel</a>\n</div>\n</form>\n",
		   to->initials, live, p->live == 1 ? "" : "s");
	web_page_end(rq, rs);
done:
	buf_free(&action);
	buf_free(&back);
	buf_free(&codes);
	return rc;
}

/* POST /people/INITIALS/reassign: step=check asks "are you sure";
 * step=confirm hands the actions over (checked again in the transaction). */
static int reassign_post(struct web_req *rq, struct web_resp *rs, const struct person *p,
			 struct plan_person_row *succ, int n_succ, int confirm, struct err *e)
{
	const char *to = web_param(rq, "to");
	struct web_field_error errs[1];
	const struct plan_person_row *who = NULL;
	char flash[256], target[64], moved_s[32];
	char *before = NULL, *after = NULL;
	struct buf codes = BUF_INIT;
	int i, rc = 0, moved = 0;
	json_t *o;

	for (i = 0; to && i < n_succ; i++)
		if (!strcmp(succ[i].initials, to))
			who = &succ[i];
	if (!p->active || !who) {
		if (confirm)
			store_rollback(rq->db);
		errs[0] = (struct web_field_error){"to", "Choose who takes over the actions"};
		rs->status = 400;
		reassign_render(rq, rs, p, succ, (size_t)n_succ, NULL, errs, p->active ? 1 : 0);
		return 0;
	}
	if (!confirm)
		return reassign_check(rq, rs, p, who, e);
	snprintf(target, sizeof target, "person %s", p->initials);
	if ((rc = live_codes(rq->db, p, &codes, e)) < 0)
		goto fail;
	o = json_object();
	json_object_set_new(o, "lead", json_string(p->initials));
	json_object_set_new(o, "actions", json_string(buf_str(&codes)));
	before = json_take(o);
	o = json_object();
	json_object_set_new(o, "lead", json_string(who->initials));
	json_object_set_new(o, "left", json_string(p->initials));
	after = json_take(o);
	{
		int64_t new_id = 0;
		struct err ignore;
		err_clear(&ignore);
		if (plan_person_find(rq->db, who->initials, &new_id, NULL, &ignore) < 0) {
			rc = err_set(e, ignore.code == ERR_DB ? ERR_DB : ERR_DATA, "%s", ignore.msg);
			goto fail;
		}
		if ((rc = plan_person_reassign(rq->db, p->id, new_id, rq->user->name, &moved, e)) < 0 ||
		    (rc = web_audit(rq, "people.reassign", target, before, after, e)) < 0 ||
		    (rc = store_commit(rq->db, e)) < 0)
			goto fail;
	}
	str_count(moved_s, moved);
	snprintf(flash, sizeof flash, "%s action%s passed from %s to %s; %s is marked as having left",
		 moved_s, moved == 1 ? "" : "s", p->initials, who->initials, p->initials);
	web_flash(rq, flash);
	web_redirect(rs, "/people");
	goto done;
fail:
	store_rollback(rq->db);
done:
	buf_free(&codes);
	free(before);
	free(after);
	return rc;
}

int plan_person_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	char initials[64];
	const char *what;
	struct person p;
	int rc;

	if (person_path(rq->arg, initials, sizeof initials, &what) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no such page about people.");
	if ((rc = person_load(rq->db, initials, &p, e)) < 0)
		return rc;
	if (!strcmp(what, "edit")) {
		edit_render(rq, rs, &p, 0, NULL, 0);
	} else {
		struct plan_person_row *rows = NULL;
		size_t n = 0;
		int k = successors(rq->db, &p, &rows, &n, e);
		if (k >= 0)
			reassign_render(rq, rs, &p, rows, (size_t)k, web_param(rq, "to"), NULL, 0);
		else
			rc = k;
		plan_people_free(rows, n);
	}
	person_free(&p);
	return rc;
}

int plan_person_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	char initials[64];
	const char *what;
	struct person p;
	int rc;

	memset(&p, 0, sizeof p);
	if (person_path(rq->arg, initials, sizeof initials, &what) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no such page about people.");
	if ((rc = web_begin(rq, rs, CAP_UPDATE_ANY_ACTION, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = person_load(rq->db, initials, &p, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	if (!strcmp(what, "edit")) {
		rc = edit_post(rq, rs, &p, e);
	} else {
		const char *step = web_param(rq, "step");
		int confirm = step && !strcmp(step, "confirm");
		struct plan_person_row *rows = NULL;
		size_t n = 0;
		int k = successors(rq->db, &p, &rows, &n, e);
		if (k < 0) {
			store_rollback(rq->db);
			rc = k;
		} else {
			if (!confirm)
				store_rollback(rq->db); /* the check page writes nothing */
			rc = reassign_post(rq, rs, &p, rows, k, confirm, e);
		}
		plan_people_free(rows, n);
	}
	person_free(&p);
	return rc;
}
