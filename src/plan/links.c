/*
 * plan/links: what the plan offers the monitoring room's flag pages — the
 * people who may lead an action, the duties it may serve and the live
 * actions a flag may be linked to, each as a choice for a form — and the
 * action page's list of the monitoring flags an action responds to
 * (action_flag, migration 014). Writing the action itself is save.c's
 * plan_add_flag_action and plan_link_flag.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"
#include "plan/plan.h"

#define LABEL_TEXT_MAX 90 /* characters of an action's text in its choice */

static void choice_add(struct plan_choice **v, size_t *n, const char *value, const char *label,
		       const char *code)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[*n].value = xstrdup(value);
	(*v)[*n].label = xstrdup(label);
	(*v)[*n].code = code ? xstrdup(code) : NULL;
	(*n)++;
}

void plan_choices_free(struct plan_choice *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(v[i].value);
		free(v[i].label);
		free(v[i].code);
	}
	free(v);
}

int plan_lead_choices(store_t *db, struct plan_choice **out, size_t *n, struct err *e)
{
	store_stmt_t *st;
	struct buf label = BUF_INIT;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT initials, name FROM person WHERE active = 1 ORDER BY initials",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		buf_reset(&label);
		buf_printf(&label, "%s – %s", store_col_text(st, 0), store_col_text(st, 1));
		choice_add(out, n, store_col_text(st, 0), buf_str(&label), NULL);
	}
	store_done(st);
	buf_free(&label);
	if (rc < 0) {
		plan_choices_free(*out, *n);
		*out = NULL;
		*n = 0;
		return ERR_DB;
	}
	return 0;
}

int plan_duty_choices(store_t *db, struct plan_choice **out, size_t *n, struct err *e)
{
	struct plan_duty_row *rows = NULL;
	size_t n_rows = 0, i;
	char value[16], label[256];
	int rc;
	*out = NULL;
	*n = 0;
	if ((rc = plan_duties_load(db, &rows, &n_rows, e)) < 0)
		return rc;
	for (i = 0; i < n_rows; i++) {
		snprintf(value, sizeof value, "%d", rows[i].no);
		if (rows[i].name)
			snprintf(label, sizeof label, "Duty %d: %s", rows[i].no, rows[i].name);
		else
			snprintf(label, sizeof label, "Duty %d", rows[i].no);
		choice_add(out, n, value, label, NULL);
	}
	plan_duties_free(rows, n_rows);
	return 0;
}

int plan_action_choices(store_t *db, struct plan_choice **out, size_t *n, struct err *e)
{
	store_stmt_t *st;
	struct buf label = BUF_INIT;
	int64_t plans = 0;
	int rc, cut;
	*out = NULL;
	*n = 0;
	if (store_query_int(db, &plans, e, "SELECT COUNT(*) FROM plan", "") < 0)
		return ERR_DB;
	if (store_prepare(db, &st, e,
			  "SELECT a.id, a.code, a.text, p.name FROM action a"
			  " JOIN plan p ON p.id = a.plan_id JOIN area ar ON ar.id = a.area_id"
			  " WHERE a.removed = 0 AND a.status IN ('not-started', 'in-progress')"
			  " ORDER BY p.name, ar.no, a.letter, a.id",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		char id[24];
		const char *text = store_col_text(st, 2);
		int keep = str_utf8_prefix(text ? text : "", LABEL_TEXT_MAX, &cut);
		buf_reset(&label);
		buf_printf(&label, "%s: %.*s%s", store_col_text(st, 1), keep, text ? text : "",
			   cut ? "\xe2\x80\xa6" : "");
		if (plans > 1)
			buf_printf(&label, " (plan %s)", store_col_text(st, 3));
		snprintf(id, sizeof id, "%lld", (long long)store_col_int(st, 0));
		choice_add(out, n, id, buf_str(&label), store_col_text(st, 1));
	}
	store_done(st);
	buf_free(&label);
	if (rc < 0) {
		plan_choices_free(*out, *n);
		*out = NULL;
		*n = 0;
		return ERR_DB;
	}
	return 0;
}

int plan_person_active(store_t *db, const char *initials, char out[64], struct err *e)
{
	store_stmt_t *st;
	int rc;
	out[0] = '\0';
	if (str_blank(initials))
		return 0;
	if (store_prepare(db, &st, e,
			  "SELECT initials FROM person WHERE active = 1 AND LOWER(initials) = LOWER(?)"
			  " ORDER BY initials = ? DESC",
			  "tt", initials, initials) < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1)
		snprintf(out, 64, "%s", store_col_text(st, 0));
	store_done(st);
	return rc < 0 ? ERR_DB : rc;
}

int plan_duty_known(store_t *db, int no, struct err *e)
{
	int64_t n = 0;
	if (store_query_int(db, &n, e,
			    "SELECT COUNT(*) FROM (SELECT duty AS no FROM area_duty UNION"
			    " SELECT no FROM duty) d WHERE d.no = ?",
			    "i", (int64_t)no) < 0)
		return ERR_DB;
	return n > 0;
}

int plan_web_action_flags(struct web_req *rq, struct web_resp *rs, int64_t action_id,
			  struct err *e)
{
	store_stmt_t *st;
	int rc, n = 0;
	if (store_prepare(rq->db, &st, e,
			  "SELECT flag_id FROM action_flag WHERE action_id = ?"
			  " UNION SELECT flag_id FROM action WHERE id = ? AND flag_id IS NOT NULL"
			  " ORDER BY 1",
			  "ii", action_id, action_id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		long long id = (long long)store_col_int(st, 0);
		if (n++ == 0)
			web_raw(rs, "<dl class=\"govuk-summary-list\" id=\"flags\">\n<div "
				    "class=\"govuk-summary-list__row\"><dt "
				    "class=\"govuk-summary-list__key\">Monitoring flags</dt><dd "
				    "class=\"govuk-summary-list__value\"><ul class=\"govuk-list\">");
		web_printf(rs, "<li><a class=\"govuk-link\" href=\"/monitoring/flag/%lld\">Flag "
			       "#%lld</a></li>",
			   id, id);
	}
	store_done(st);
	if (n)
		web_raw(rs, "</ul></dd></div>\n</dl>\n");
	return rc < 0 ? ERR_DB : 0;
}
