/*
 * plan/objective_web_measure.c: an objective's measures on the web —
 * adding one (/objectives/ID/measure: the monitoring data, the kind of
 * measure, the characteristic, group and outcome as the Diversity Report
 * names them, a filter, the target) and removing one after "are you sure"
 * (/objectives/ID/measure/M/remove). What was sent is checked in the
 * page's own words first; the model (monitor_measure_check) checks it
 * against the data inside the transaction, and its command-line message
 * is shown at the field it is about, in the page's words.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/monitor.h"
#include "plan/objective.h"
#include "plan/objective_web.h"
#include "web/web.h"

#define CHANGE OBJECTIVE_CHANGE
#define MAX_ERRS 12

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
			      objective_web_posted(rq, "dataset", NULL), NULL, NULL};
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
			      objective_web_posted(rq, "characteristic", NULL), NULL, NULL};
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
	if ((rc = objective_web_load_live(rq, id, &o, e)) < 0)
		return rc;
	objective_web_form_begin(rq, rs, "Add a measure", objective_js(o, "title"), id, errs, n);
	web_raw(rs, "<p class=\"govuk-body\">A measure is a number worked out from the monitoring "
		    "data for every period imported, with the target it should reach by the "
		    "objective's deadline.</p>\n");
	web_printf(rs, "<form method=\"post\" action=\"/objectives/%lld/measure\" novalidate>\n",
		   (long long)id);
	web_csrf_field(rq, rs);
	if ((rc = dataset_select(rq, rs, errs, n, e)) < 0)
		goto out;
	f = (struct web_field){"kind", NULL, "What kind of measure is it?", NULL,
			       objective_web_posted(rq, "kind", NULL), NULL, NULL};
	web_radios(rs, &f, kinds, N_KINDS, 0, errs, n);
	char_select(rq, rs, errs, n);
	f = (struct web_field){"group", NULL, "Which group?",
			       "For a share, a rate or a ratio, as the Diversity Report names it: for "
			       "example Black, or Female. For a pay gap of ethnicity, leave it empty "
			       "to take every group but White together",
			       objective_web_posted(rq, "group", NULL),
			       "govuk-input--width-20", NULL};
	web_input(rs, &f, "text", errs, n);
	f = (struct web_field){"outcome", NULL, "Which outcome?",
			       "For a rate or a ratio: one of the outcomes of the data, as the "
			       "Diversity Report names it",
			       objective_web_posted(rq, "outcome", NULL),
			       "govuk-input--width-20", NULL};
	web_input(rs, &f, "text", errs, n);
	f = (struct web_field){"statistic", NULL, "For a pay gap: the mean or the median?", NULL,
			       objective_web_posted(rq, "statistic", NULL),
			       "govuk-radios--inline", NULL};
	web_radios(rs, &f, stats, 2, 0, errs, n);
	f = (struct web_field){"where_column", NULL, "Count only some people: by which column? "
						     "(optional)",
			       "For example grade, or unit. Leave it empty to count everyone",
			       objective_web_posted(rq, "where_column", NULL),
			       "govuk-input--width-20",
			       "spellcheck=\"false\""};
	web_input(rs, &f, "text", errs, n);
	f = (struct web_field){"where_values", NULL, "Which values of that column?",
			       "Separated by commas, for example SPO, ACO",
			       objective_web_posted(rq, "where_values", NULL),
			       NULL, "spellcheck=\"false\""};
	web_input(rs, &f, "text", errs, n);
	f = (struct web_field){"direction", NULL, "Should the value be at least the target, or at "
						  "most?",
			       NULL, objective_web_posted(rq, "direction", NULL),
			       "govuk-radios--inline", NULL};
	web_radios(rs, &f, dirs, 2, 0, errs, n);
	f = (struct web_field){"target", NULL, "What is the target?",
			       "A percentage, such as 12 for 12%; for a ratio a number such as 0.8",
			       objective_web_posted(rq, "target", NULL), "govuk-input--width-5",
			       "inputmode=\"decimal\" spellcheck=\"false\""};
	web_input(rs, &f, "text", errs, n);
	f = (struct web_field){"label", NULL, "What should the measure be called? (optional)",
			       "A name is made from the measure when this is empty",
			       objective_web_posted(rq, "label", NULL), NULL, NULL};
	web_input(rs, &f, "text", errs, n);
	objective_web_button(rs, "Add the measure", 0);
	web_raw(rs, "</form>\n");
	objective_web_form_end(rq, rs);
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
	if (objective_web_too_long(label, OBJECTIVE_LABEL_MAX))
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
	if ((rc = objective_web_load_live(rq, id, &o, e)) < 0)
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
	if ((rc = objective_web_load_live(rq, id, &o, e)) < 0)
		return rc;
	if (!(m = measure_in(o, mid))) {
		json_decref(o);
		return err_set(e, ERR_NOTFOUND, "There is no such measure.");
	}
	objective_web_form_begin(rq, rs, "Are you sure you want to remove this measure?",
				 objective_js(o, "title"), id, NULL, 0);
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
	objective_web_form_end(rq, rs);
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
