/*
 * monitor/web_flags: the flag pages of parity serve — the register of
 * flags with a filter by state and dataset, and one flag's page: the
 * finding in a plain sentence, its figures, its history, the plan action
 * made for it, and (for monitors) the three things anyone can do about a
 * flag: explain it, create an action in the plan, or close it. Those are
 * one POST route with a hidden "do" field (routes match a trailing '*'
 * only), each validated, written in one transaction with its audit entry,
 * and answered with a flash message and a redirect back to the flag. The
 * changes themselves are ops.c's, the same as `parity flags explain / act
 * / close`.
 */
#include <jansson.h>
#include <math.h>
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
#include "web/web.h"

#define NOTE_MAX 5000 /* characters in an explanation or a reason */
#define TEXT_MAX 2000 /* characters in an action's text */
#define LEAD_MAX 200  /* characters in an action's lead */

static const char *const state_values[] = {"", "open", "explained", "actioned", "closed", "all"};
static const char *const state_labels[] = {"Not closed (open, explained or actioned)",
					   "Open",
					   "Explained",
					   "Actioned",
					   "Closed",
					   "All"};
#define N_STATES (sizeof state_values / sizeof state_values[0])

/* A GOV.UK tag for a flag's state. */
static void state_tag(struct web_resp *rs, const char *state)
{
	const char *colour = !strcmp(state, "open")	  ? "govuk-tag--red"
			     : !strcmp(state, "explained") ? "govuk-tag--blue"
			     : !strcmp(state, "actioned")  ? "govuk-tag--green"
							   : "govuk-tag--grey";
	web_printf(rs, "<strong class=\"govuk-tag parity-report-tag %s\">%c%s</strong>", colour,
		   state[0] >= 'a' && state[0] <= 'z' ? state[0] - 'a' + 'A' : state[0],
		   state[0] ? state + 1 : "");
}

/* A link to plan action code's page. */
static void action_link(struct web_resp *rs, const char *code)
{
	struct buf href = BUF_INIT;
	buf_puts(&href, "/plan/action/");
	web_urlenc(&href, code);
	web_printf(rs, "<a class=\"govuk-link\" href=\"%s\">%s</a>", buf_str(&href), code);
	buf_free(&href);
}

/* "ethnicity" -> "Ethnicity"; unknown names as they are. */
static const char *char_label(const char *name)
{
	enum mon_char c;
	return mon_char_from_name(name, &c) == 0 ? mon_char_label(c) : name;
}

/* ---- GET /monitoring/flags -------------------------------------------------*/

int monitor_flags_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *state = web_param(rq, "state"), *dataset = web_param(rq, "dataset");
	const char *db_state = NULL;
	const char **ds_values = NULL, **ds_labels = NULL;
	char **owned = NULL;
	size_t n_ds = 0, i, k = 0;
	store_stmt_t *st = NULL;
	struct web_field fs = {"state", "state", "State", NULL, NULL, NULL, NULL};
	struct web_field fd = {"dataset", "dataset", "Dataset", NULL, NULL, NULL, NULL};
	int rc, n = 0, known = 0;

	if (!state)
		state = "";
	for (i = 0; i < N_STATES; i++)
		if (!strcmp(state, state_values[i])) {
			known = 1;
			k = i;
		}
	if (!known)
		return err_set(e, ERR_USAGE, "Choose a state from the list: open, explained, "
			       "actioned, closed or all.");
	if (str_blank(dataset))
		dataset = NULL;
	if (state[0] && strcmp(state, "all"))
		db_state = state;

	/* The datasets that have flags, for the filter. */
	if (store_prepare(rq->db, &st, e, "SELECT DISTINCT dataset FROM mon_flag ORDER BY dataset",
			  "") < 0)
		return ERR_DB;
	ds_values = xcalloc(1, sizeof *ds_values);
	ds_labels = xcalloc(1, sizeof *ds_labels);
	ds_values[0] = "";
	ds_labels[0] = "All datasets";
	n_ds = 1;
	while ((rc = store_step(st, e)) == 1) {
		owned = xrealloc(owned, n_ds * sizeof *owned);
		owned[n_ds - 1] = xstrdup(store_col_text(st, 0));
		ds_values = xrealloc(ds_values, (n_ds + 1) * sizeof *ds_values);
		ds_labels = xrealloc(ds_labels, (n_ds + 1) * sizeof *ds_labels);
		ds_values[n_ds] = ds_labels[n_ds] = owned[n_ds - 1];
		n_ds++;
	}
	store_done(st);
	st = NULL;
	if (rc < 0)
		goto done;

	web_page_begin(rq, rs, "Flags", SEC_MONITORING);
	web_raw(rs, "<a href=\"/monitoring\" class=\"govuk-back-link\">Monitoring data</a>\n"
		    "<h1 class=\"govuk-heading-l\">Flags</h1>\n"
		    "<p class=\"govuk-body\">A flag is a difference between groups that is unlikely "
		    "to be chance, is large (a relative rate outside 0.8 to 1.25) and involves at "
		    "least 30 people in both groups. Each needs an explanation or an action in the "
		    "plan.</p>\n"
		    "<form method=\"get\" action=\"/monitoring/flags\" class=\"parity-filters\" "
		    "novalidate>\n");
	fs.value = state;
	fd.value = dataset ? dataset : "";
	web_select(rs, &fs, state_values, state_labels, N_STATES, NULL, 0);
	web_select(rs, &fd, ds_values, ds_labels, n_ds, NULL, 0);
	web_raw(rs, "<div class=\"govuk-form-group parity-report-filter-submit\"><button "
		    "type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
		    "data-module=\"govuk-button\">Filter</button></div>\n"
		    "</form>\n");

	if ((rc = store_prepare(rq->db, &st, e,
				"SELECT f.id, f.dataset, f.period, f.unit, f.characteristic, f.grp,"
				" f.reference, f.outcome, f.state, f.rr, a.code"
				" FROM mon_flag f LEFT JOIN action a ON a.id = f.action_id"
				" WHERE (?1 IS NULL OR f.dataset = ?1)"
				" AND (CASE WHEN ?2 IS NULL THEN ?3 = 'all' OR f.state <> 'closed'"
				"  ELSE f.state = ?2 END)"
				" ORDER BY f.period DESC, f.dataset, f.unit, f.characteristic, f.grp,"
				" f.outcome",
				"ttt", dataset, db_state, state)) < 0)
		goto done;
	while ((rc = store_step(st, e)) == 1) {
		const char *code = store_col_text(st, 10);
		double rr = store_col_double(st, 9);
		if (n++ == 0) {
			web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
				    "aria-label=\"Flags\">\n<table class=\"govuk-table "
				    "parity-report-table\">\n<caption class=\"govuk-table__caption "
				    "govuk-table__caption--m\">");
			web_printf(rs, "Flags: %s%s%s, newest period first", state_labels[k],
				   dataset ? ", " : "", dataset ? dataset : "");
			web_raw(rs, "</caption>\n<thead class=\"govuk-table__head\"><tr "
				    "class=\"govuk-table__row\">"
				    "<th scope=\"col\" class=\"govuk-table__header\">Flag</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Dataset</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Period</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Unit</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Finding</th>"
				    "<th scope=\"col\" class=\"govuk-table__header "
				    "govuk-table__header--numeric\">Relative rate</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">State</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Plan action</th>"
				    "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
		}
		web_printf(rs,
			   "<tr class=\"govuk-table__row\"><th scope=\"row\" "
			   "class=\"govuk-table__header\"><a class=\"govuk-link\" "
			   "href=\"/monitoring/flag/%lld\">#%lld</a></th>"
			   "<td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s: %s compared with %s, %s</td>",
			   (long long)store_col_int(st, 0), (long long)store_col_int(st, 0),
			   store_col_text(st, 1), store_col_text(st, 2),
			   strcmp(store_col_text(st, 3), "All") ? store_col_text(st, 3) : "All units",
			   char_label(store_col_text(st, 4)), store_col_text(st, 5),
			   store_col_text(st, 6), store_col_text(st, 7));
		if (isfinite(rr))
			web_printf(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">"
				       "%.2f</td>", rr);
		else
			web_raw(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">"
				    "\xe2\x80\x93</td>");
		web_raw(rs, "<td class=\"govuk-table__cell\">");
		state_tag(rs, store_col_text(st, 8));
		web_raw(rs, "</td><td class=\"govuk-table__cell\">");
		if (code)
			action_link(rs, code);
		else
			web_raw(rs, "None yet");
		web_raw(rs, "</td></tr>\n");
	}
	if (rc < 0)
		goto done;
	if (n)
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
	else
		web_printf(rs, "<p class=\"govuk-body\">No flags match: %s%s%s.</p>\n",
			   state_labels[k], dataset ? ", " : "", dataset ? dataset : "");
	web_page_end(rq, rs);
	rc = 0;
done:
	store_done(st);
	for (i = 0; i + 1 < n_ds; i++)
		free(owned[i]);
	free(owned);
	free(ds_values);
	free(ds_labels);
	return rc;
}

/* ---- one flag ---------------------------------------------------------------*/

/* A flag as stored. */
struct flag_row {
	int64_t id, previous_id, numerator, denominator;
	char dataset[DS_NAME_MAX], period[24], unit[256], characteristic[64], group[128],
		reference[128], outcome[DS_NAME_MAX], state[16], created_at[32],
		previous_period[24], action[16];
	double rr, rr_low, rr_high, p_adj;
};

/* What a failed form sends back to the flag page. */
struct flag_form {
	const char *which; /* "explain", "act" or "close" */
	struct web_field_error errs[4];
	int n_errs;
	char msg[4][1100];
	const char *note, *text, *lead, *due, *plan; /* as sent */
};

static void form_error(struct flag_form *f, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void form_error(struct flag_form *f, const char *field, const char *fmt, ...)
{
	va_list ap;
	if (f->n_errs >= 4)
		return;
	va_start(ap, fmt);
	vsnprintf(f->msg[f->n_errs], sizeof f->msg[0], fmt, ap);
	va_end(ap);
	f->errs[f->n_errs].field_id = field;
	f->errs[f->n_errs].message = f->msg[f->n_errs];
	f->n_errs++;
}

static void copy_col(char *dst, size_t size, store_stmt_t *st, int i)
{
	const char *v = store_col_text(st, i);
	snprintf(dst, size, "%s", v ? v : "");
}

/* The flag named by the request's path (/monitoring/flag/ID). */
static int flag_load(struct web_req *rq, struct flag_row *f, struct err *e)
{
	store_stmt_t *st;
	long id;
	int rc;

	memset(f, 0, sizeof *f);
	if (str_to_int(rq->arg, 1, 2000000000L, &id) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no flag '%s'. The flags page lists "
			       "every flag.", rq->arg);
	if (store_prepare(rq->db, &st, e,
			  "SELECT f.id, f.dataset, f.period, f.unit, f.characteristic, f.grp,"
			  " f.reference, f.outcome, f.state, f.rr, f.rr_low, f.rr_high, f.p_adj,"
			  " f.numerator, f.denominator, f.created_at, f.previous_id, p.period, a.code"
			  " FROM mon_flag f LEFT JOIN mon_flag p ON p.id = f.previous_id"
			  " LEFT JOIN action a ON a.id = f.action_id WHERE f.id = ?",
			  "i", (int64_t)id) < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1) {
		f->id = store_col_int(st, 0);
		copy_col(f->dataset, sizeof f->dataset, st, 1);
		copy_col(f->period, sizeof f->period, st, 2);
		copy_col(f->unit, sizeof f->unit, st, 3);
		copy_col(f->characteristic, sizeof f->characteristic, st, 4);
		copy_col(f->group, sizeof f->group, st, 5);
		copy_col(f->reference, sizeof f->reference, st, 6);
		copy_col(f->outcome, sizeof f->outcome, st, 7);
		copy_col(f->state, sizeof f->state, st, 8);
		f->rr = store_col_is_null(st, 9) ? NAN : store_col_double(st, 9);
		f->rr_low = store_col_is_null(st, 10) ? NAN : store_col_double(st, 10);
		f->rr_high = store_col_is_null(st, 11) ? NAN : store_col_double(st, 11);
		f->p_adj = store_col_is_null(st, 12) ? NAN : store_col_double(st, 12);
		f->numerator = store_col_int(st, 13);
		f->denominator = store_col_int(st, 14);
		copy_col(f->created_at, sizeof f->created_at, st, 15);
		f->previous_id = store_col_int(st, 16);
		copy_col(f->previous_period, sizeof f->previous_period, st, 17);
		copy_col(f->action, sizeof f->action, st, 18);
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "There is no flag #%ld. The flags page lists every "
			       "flag.", id);
	return 0;
}

/* A row of a GOV.UK summary list; value escaped. */
static void summary_row(struct web_resp *rs, const char *key, const char *value)
{
	web_printf(rs,
		   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		   "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
		   key, value);
}

static void figures(struct web_resp *rs, const struct flag_row *f)
{
	struct buf t = BUF_INIT;
	char a[48], b[32];

	web_raw(rs, "<h2 class=\"govuk-heading-m\">Figures</h2>\n<dl class=\"govuk-summary-list\">\n");
	web_raw(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		    "State</dt><dd class=\"govuk-summary-list__value\">");
	state_tag(rs, f->state);
	web_raw(rs, "</dd></div>\n");
	mon_web_report_href(&t, "/monitoring/report", f->dataset, f->period, f->unit);
	web_printf(rs,
		   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		   "Data</dt><dd class=\"govuk-summary-list__value\">%s, %s (<a class=\"govuk-link\" "
		   "href=\"%s\">read the report</a>)</dd></div>\n",
		   f->dataset, f->period, buf_str(&t));
	buf_reset(&t);
	summary_row(rs, "Unit", strcmp(f->unit, "All") ? f->unit : "All units together");
	summary_row(rs, "Characteristic", char_label(f->characteristic));
	summary_row(rs, "Group", f->group);
	summary_row(rs, "Compared with", f->reference);
	summary_row(rs, "Outcome", f->outcome);
	str_count(a, f->numerator);
	str_count(b, f->denominator);
	buf_printf(&t, "%s of %s", a, b);
	if (f->denominator > 0)
		buf_printf(&t, " (%.1f%%)", 100.0 * (double)f->numerator / (double)f->denominator);
	summary_row(rs, "In the group, had the outcome", buf_str(&t));
	buf_reset(&t);
	if (isfinite(f->rr) && isfinite(f->rr_low) && isfinite(f->rr_high))
		buf_printf(&t, "%.2f (95%% confidence interval %.2f to %.2f)", f->rr, f->rr_low,
			   f->rr_high);
	else if (isfinite(f->rr) && isfinite(f->rr_low))
		buf_printf(&t, "%.2f (95%% confidence interval %.2f or more)", f->rr, f->rr_low);
	else if (isfinite(f->rr))
		buf_printf(&t, "%.2f", f->rr);
	else
		/* a flag without a relative rate: the reference group had no one
		 * with the outcome, the group had some (analysis.c flag_rr) */
		buf_puts(&t, "not defined: no one in the reference group had the outcome");
	summary_row(rs, "Relative rate", buf_str(&t));
	buf_reset(&t);
	if (!isfinite(f->p_adj))
		buf_puts(&t, "not available");
	else if (f->p_adj < 0.001)
		buf_puts(&t, "< 0.001");
	else
		buf_printf(&t, "%.3f", f->p_adj);
	summary_row(rs, "Adjusted p", buf_str(&t));
	buf_reset(&t);
	date_when_uk(f->created_at, a);
	summary_row(rs, "Raised", a);
	if (f->previous_id)
		web_printf(rs,
			   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			   "Earlier period</dt><dd class=\"govuk-summary-list__value\">The same finding "
			   "was flagged for %s: <a class=\"govuk-link\" href=\"/monitoring/flag/%lld\">"
			   "flag #%lld</a></dd></div>\n",
			   f->previous_period, (long long)f->previous_id, (long long)f->previous_id);
	if (f->action[0]) {
		web_raw(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			    "Plan action</dt><dd class=\"govuk-summary-list__value\">");
		action_link(rs, f->action);
		web_raw(rs, "</dd></div>\n");
	} else
		summary_row(rs, "Plan action", "None yet");
	web_raw(rs, "</dl>\n");
	buf_free(&t);
}

static int history(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		   struct err *e)
{
	store_stmt_t *st;
	int rc;
	if (store_prepare(rq->db, &st, e,
			  "SELECT at, author, kind, note FROM mon_flag_event WHERE flag_id = ?"
			  " ORDER BY id",
			  "i", f->id) < 0)
		return ERR_DB;
	web_raw(rs, "<h2 class=\"govuk-heading-m\">History</h2>\n"
		    "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
		    "govuk-visually-hidden\">What has happened to this flag, oldest first</caption>\n"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">When</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Who</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">What</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Note</th>"
		    "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	while ((rc = store_step(st, e)) == 1) {
		char when[48];
		const char *note = store_col_text(st, 3);
		date_when_uk(store_col_text(st, 0), when);
		web_printf(rs,
			   "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell "
			   "parity-nowrap\">%s</td><td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell parity-pre\">%s</td></tr>\n",
			   when, store_col_text(st, 1), store_col_text(st, 2), note ? note : "");
	}
	store_done(st);
	web_raw(rs, "</tbody>\n</table>\n");
	return rc < 0 ? rc : 0;
}

/* Names of the plans in the database, for the action form (caller frees
 * each and the array). */
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

/* The plan an action goes into when the form names none: the only plan,
 * "main" when there are several or none. */
static const char *default_plan(char **plans, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(plans[i], "main"))
			return "main";
	return n == 1 ? plans[0] : "main";
}

/* The three forms of a monitor. */
static int forms(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		 const struct flag_form *ff, struct err *e)
{
	const struct web_field_error *errs = ff ? ff->errs : NULL;
	int n = ff ? ff->n_errs : 0;
	const char *which = ff ? ff->which : "";
	char **plans = NULL;
	size_t n_plans = 0;
	int rc;

	if (!strcmp(f->state, "closed")) {
		/* nothing more is recorded on a closed flag: no forms to press */
		web_raw(rs, "<p class=\"govuk-body\" id=\"closed\" tabindex=\"-1\">This flag is "
			    "closed. Its history above is kept; nothing more can be recorded on it. "
			    "If the difference comes back, a new flag is raised.</p>\n");
		return 0;
	}
	web_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"explain\">Explain the difference</h2>\n"
		       "<form method=\"post\" action=\"/monitoring/flag/%lld\" novalidate>\n",
		   (long long)f->id);
	web_csrf_field(rq, rs);
	{
		struct web_field note = {"explain-note", "note", "Explanation",
					 "Why the difference is justified, or what causes it. It is "
					 "kept in the flag's history and shown in the Diversity Report.",
					 !strcmp(which, "explain") ? ff->note : NULL, NULL, NULL};
		web_raw(rs, "<input type=\"hidden\" name=\"do\" value=\"explain\">\n");
		web_textarea(rs, &note, 5, errs, n);
	}
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Record the explanation</button>\n</form>\n");

	web_raw(rs, "<h2 class=\"govuk-heading-m\" id=\"act\">Create an action in the plan</h2>\n");
	if (f->action[0]) {
		web_raw(rs, "<p class=\"govuk-body\">Action ");
		action_link(rs, f->action);
		web_raw(rs, " was created for this flag. Track it in the action plan.</p>\n");
	} else {
		struct web_field text = {"act-text", "text", "What will be done",
					 "The action as it will appear in the plan.",
					 !strcmp(which, "act") ? ff->text : NULL, NULL, NULL};
		struct web_field lead = {"act-lead", "lead", "Lead",
					 "Initials or group as in the plan's Lead column, for example "
					 "DMG.",
					 !strcmp(which, "act") ? ff->lead : NULL, "govuk-input--width-20", NULL};
		struct web_field due = {"act-due", "due", "Due date",
					"For example 31/3/2027 or 2027-03-31.",
					!strcmp(which, "act") ? ff->due : NULL, "govuk-input--width-10", NULL};
		if ((rc = plan_names(rq->db, &plans, &n_plans, e)) < 0)
			return rc;
		web_printf(rs,
			   "<p class=\"govuk-body\">The action is added to the plan as F%lld, in the "
			   "area for responses to monitoring flags, and the flag is marked "
			   "actioned.</p>\n<form method=\"post\" action=\"/monitoring/flag/%lld\" "
			   "novalidate>\n",
			   (long long)f->id, (long long)f->id);
		web_csrf_field(rq, rs);
		web_raw(rs, "<input type=\"hidden\" name=\"do\" value=\"act\">\n");
		web_input(rs, &text, "text", errs, n);
		web_input(rs, &lead, "text", errs, n);
		web_input(rs, &due, "text", errs, n);
		if (n_plans > 1) {
			struct web_field plan = {"act-plan", "plan", "Plan", NULL,
						 !strcmp(which, "act") && ff->plan
							 ? ff->plan
							 : default_plan(plans, n_plans),
						 NULL, NULL};
			web_select(rs, &plan, (const char *const *)plans,
				       (const char *const *)plans, n_plans, errs, n);
		}
		web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" "
			    "data-module=\"govuk-button\">Create the action</button>\n</form>\n");
		free_names(plans, n_plans);
	}

	if (strcmp(f->state, "closed")) {
		struct web_field note = {"close-note", "note", "Reason for closing",
					 "For example: the difference was explained and has not "
					 "recurred, or the action is complete.",
					 !strcmp(which, "close") ? ff->note : NULL, NULL, NULL};
		web_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"close\">Close the flag</h2>\n"
			       "<form method=\"post\" action=\"/monitoring/flag/%lld\" novalidate>\n",
			   (long long)f->id);
		web_csrf_field(rq, rs);
		web_raw(rs, "<input type=\"hidden\" name=\"do\" value=\"close\">\n");
		web_textarea(rs, &note, 3, errs, n);
		web_raw(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			    "data-module=\"govuk-button\">Close the flag</button>\n</form>\n");
	}
	return 0;
}

/* The flag page; ff is the failed form to show again, or NULL. */
static int flag_render(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		       const struct flag_form *ff, struct err *e)
{
	struct mon_comparison c;
	struct buf t = BUF_INIT;
	enum mon_char ch;
	char title[64];
	int rc;

	snprintf(title, sizeof title, "%sFlag #%lld", ff && ff->n_errs ? "Error: " : "",
		 (long long)f->id);
	web_page_begin(rq, rs, title, SEC_MONITORING);
	if (ff && ff->n_errs)
		web_error_summary(rs, ff->errs, ff->n_errs);
	web_printf(rs,
		   "<a href=\"/monitoring/flags\" class=\"govuk-back-link\">Flags</a>\n"
		   "<span class=\"govuk-caption-l\">%s, %s</span>\n"
		   "<h1 class=\"govuk-heading-l\">Flag #%lld</h1>\n",
		   mon_web_dataset_label(f->dataset), f->period, (long long)f->id);

	/* The finding in a sentence, as the report's summary words it. */
	memset(&c, 0, sizeof c);
	c.unit = (char *)f->unit;
	c.group = (char *)f->group;
	c.reference = (char *)f->reference;
	c.rr = f->rr;
	c.rr_low = f->rr_low;
	c.rr_high = f->rr_high;
	if (mon_char_from_name(f->characteristic, &ch) == 0 && isfinite(f->rr) &&
	    isfinite(f->rr_low) && isfinite(f->rr_high)) {
		c.ch = ch;
		mon_finding_sentence(&t, f->dataset, f->outcome, &c);
		buf_printf(&t, " This was in %s.", f->period);
	} else {
		buf_printf(&t, "In %s, %s (%s) had a different rate of %s from %s in %s.",
			   strcmp(f->unit, "All") ? f->unit : "all units", f->group, f->characteristic,
			   f->outcome, f->reference, f->period);
	}
	web_printf(rs, "<p class=\"govuk-body-l\">%s</p>\n", buf_str(&t));
	buf_free(&t);

	figures(rs, f);
	if ((rc = history(rq, rs, f, e)) < 0)
		return rc;
	if (web_can(rq, CAP_HANDLE_FLAGS) && (rc = forms(rq, rs, f, ff, e)) < 0)
		return rc;
	web_page_end(rq, rs);
	return 0;
}

int monitor_flag_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct flag_row f;
	int rc;
	if ((rc = flag_load(rq, &f, e)) < 0)
		return rc;
	return flag_render(rq, rs, &f, NULL, e);
}

/* ---- POST /monitoring/flag/ID -------------------------------------------------*/

/* Length in characters (UTF-8 code points) is above max. */
static int too_long(const char *s, size_t max)
{
	int cut = 0;
	str_utf8_prefix(s, max, &cut);
	return cut;
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

int monitor_flag_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct flag_row f;
	struct flag_form ff;
	struct err oe;
	struct date d;
	char target[32], flash[160], code[16] = "", iso[11] = "";
	char *before = NULL, *after = NULL, **plans = NULL;
	const char *plan = NULL, *what;
	size_t n_plans = 0;
	int rc;

	/* The flag's state is read and judged inside the writing transaction:
	 * two requests closing one flag at once close it once. */
	if ((rc = web_begin(rq, rs, CAP_HANDLE_FLAGS, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = flag_load(rq, &f, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	memset(&ff, 0, sizeof ff);
	err_clear(&oe);
	ff.which = web_param(rq, "do") ? web_param(rq, "do") : "";
	ff.note = web_param(rq, "note");
	ff.text = web_param(rq, "text");
	ff.lead = web_param(rq, "lead");
	ff.due = web_param(rq, "due");
	ff.plan = web_param(rq, "plan");

	if (!strcmp(f.state, "closed") && (!strcmp(ff.which, "explain") ||
					   !strcmp(ff.which, "act") || !strcmp(ff.which, "close"))) {
		/* explaining used to reopen a closed flag silently */
		form_error(&ff, "closed", "Flag #%lld is closed: nothing more can be recorded on it",
			   (long long)f.id);
	} else if (!strcmp(ff.which, "explain")) {
		if (str_blank(ff.note))
			form_error(&ff, "explain-note", "Enter the explanation");
		else if (too_long(ff.note, NOTE_MAX))
			form_error(&ff, "explain-note", "The explanation must be %d characters or "
				   "fewer", NOTE_MAX);
	} else if (!strcmp(ff.which, "close")) {
		if (str_blank(ff.note))
			form_error(&ff, "close-note", "Enter the reason for closing the flag");
		else if (too_long(ff.note, NOTE_MAX))
			form_error(&ff, "close-note", "The reason must be %d characters or fewer",
				   NOTE_MAX);
		if (!strcmp(f.state, "closed")) /* its form is gone: the error links the notice */
			form_error(&ff, "closed", "Flag #%lld is already closed",
				   (long long)f.id);
	} else if (!strcmp(ff.which, "act")) {
		if (f.action[0])
			form_error(&ff, "act-text", "Flag #%lld already has action %s in the plan",
				   (long long)f.id, f.action);
		if (str_blank(ff.text))
			form_error(&ff, "act-text", "Enter what will be done");
		else if (too_long(ff.text, TEXT_MAX))
			form_error(&ff, "act-text", "What will be done must be %d characters or "
				   "fewer", TEXT_MAX);
		if (str_blank(ff.lead))
			form_error(&ff, "act-lead", "Enter the lead, for example DMG");
		else if (too_long(ff.lead, LEAD_MAX))
			form_error(&ff, "act-lead", "The lead must be %d characters or fewer",
				   LEAD_MAX);
		if (str_blank(ff.due)) {
			form_error(&ff, "act-due", "Enter the due date, for example 31/3/2027");
		} else {
			struct err de;
			err_clear(&de);
			if (date_parse_user(ff.due, "Due date", &d, &de) < 0)
				form_error(&ff, "act-due", "%s", de.msg);
			else
				date_format(d, iso);
		}
		if ((rc = plan_names(rq->db, &plans, &n_plans, e)) < 0)
			goto fail;
		plan = default_plan(plans, n_plans);
		if (ff.plan && *ff.plan) {
			size_t i;
			int found = 0;
			for (i = 0; i < n_plans; i++)
				found |= !strcmp(plans[i], ff.plan);
			if (!found)
				form_error(&ff, "act-plan", "Choose a plan from the list");
			plan = ff.plan;
		}
	} else {
		rc = err_set(e, ERR_USAGE, "The form did not say what to do with the flag; go back "
			     "to the flag's page and use one of its forms.");
		goto fail;
	}
	if (ff.n_errs) {
		store_rollback(rq->db);
		rc = flag_render(rq, rs, &f, &ff, e);
		if (rc == 0)
			rs->status = 400;
		goto done;
	}

	snprintf(target, sizeof target, "flag %lld", (long long)f.id);
	before = audit_json(f.state, NULL, NULL, NULL, NULL, NULL, NULL);
	if (!strcmp(ff.which, "explain")) {
		what = "flag.explain";
		rc = mon_flag_set_state(rq->db, f.id, "explained", rq->user->name, ff.note, &oe);
		after = audit_json("explained", "note", ff.note, NULL, NULL, NULL, NULL);
		snprintf(flash, sizeof flash, "Flag #%lld explained", (long long)f.id);
	} else if (!strcmp(ff.which, "close")) {
		what = "flag.close";
		rc = mon_flag_set_state(rq->db, f.id, "closed", rq->user->name, ff.note, &oe);
		after = audit_json("closed", "note", ff.note, NULL, NULL, NULL, NULL);
		snprintf(flash, sizeof flash, "Flag #%lld closed", (long long)f.id);
	} else {
		what = "flag.act";
		rc = mon_flag_act(rq->db, f.id, plan, ff.text, ff.lead, iso, rq->user->name, code,
				  &oe);
		after = audit_json("actioned", "action", code, "text", ff.text, "due", iso);
		snprintf(flash, sizeof flash, "Flag #%lld actioned: action %s added to the plan",
			 (long long)f.id, code);
	}
	if (rc == 0 && (rc = web_audit(rq, what, target, before, after, &oe)) == 0)
		rc = store_commit(rq->db, &oe);
	if (rc < 0) {
		rc = err_set(e, rc, "%s", oe.msg);
		goto fail;
	}
	web_flash(rq, flash);
	snprintf(target, sizeof target, "/monitoring/flag/%lld", (long long)f.id);
	web_redirect(rs, target);
	goto done;
fail:
	store_rollback(rq->db);
done:
	free(before);
	free(after);
	free_names(plans, n_plans);
	return rc;
}
