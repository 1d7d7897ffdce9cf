/*
 * plan/objective_store.c: the objectives model (plan/objective.h) — what
 * is stored (migration 032), checked and loaded. The numbers come from
 * monitoring through its public header (monitor_measure_values); the
 * status rules are objective_status.c's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/buf.h"
#include "core/period.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "mail/mail.h"
#include "plan/objective.h"
#include "plan/plan.h"

struct date objective_today(void)
{
	char day[11];
	struct date d = {1970, 1, 1};
	date_day_at(mail_now(), day);
	if (date_parse_user(day, "today", &d, NULL) < 0)
		return date_today();
	return d;
}

const char *objective_js(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

int64_t objective_ji(const json_t *o, const char *key)
{
	return (int64_t)json_integer_value(json_object_get(o, key));
}

double objective_jd(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static void now_iso(char at[21])
{
	date_iso_at(mail_now(), at);
}

/* Characters of UTF-8 text s. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int not_found(int64_t id, struct err *e)
{
	return err_set(e, ERR_NOTFOUND, "no objective %lld; see 'parity objective list'",
		       (long long)id);
}

/* 0 when objective id exists (*retired 1 when retired), else ERR_NOTFOUND. */
static int exists(store_t *db, int64_t id, int *retired, struct err *e)
{
	store_stmt_t *st;
	int rc;
	if (store_prepare(db, &st, e, "SELECT retired_at IS NOT NULL FROM objective WHERE id = ?",
			  "i", id) < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1 && retired)
		*retired = (int)store_col_int(st, 0);
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	return rc == 1 ? 0 : not_found(id, e);
}

static int live(store_t *db, int64_t id, struct err *e)
{
	int retired = 0, rc = exists(db, id, &retired, e);
	if (rc < 0)
		return rc;
	if (retired)
		return err_set(e, ERR_DATA, "objective %lld is retired: it can no longer be "
			       "changed", (long long)id);
	return 0;
}

/* A typed date into out (YYYY-MM-DD), the option named in messages. */
static int day_arg(const char *s, const char *what, char out[11], struct err *e)
{
	struct date d;
	if (date_parse_user(s, what, &d, e) < 0)
		return ERR_DATA;
	date_format(d, out);
	return 0;
}

/* The plan called name (NULL: "main"): its id, or ERR_DATA. */
static int plan_id_of(store_t *db, const char *name, int64_t *id, struct err *e)
{
	if (store_query_int(db, id, e, "SELECT id FROM plan WHERE name = ?", "t",
			    name ? name : "main") < 0)
		return ERR_DB;
	if (!*id)
		return err_set(e, ERR_DATA, "--plan: there is no plan '%s' (import one with "
			       "'parity plan import')", name ? name : "main");
	return 0;
}

static int set_duties(store_t *db, int64_t id, const int *duties, size_t n, struct err *e)
{
	size_t i;
	int rc;
	for (i = 0; i < n; i++) {
		if ((rc = plan_duty_known(db, duties[i], e)) < 0)
			return rc;
		if (!rc)
			return err_set(e, ERR_DATA, "--duty: %d is not one of the plan's duties "
				       "(see 'parity plan duties')", duties[i]);
	}
	if (store_exec(db, e, "DELETE FROM objective_duty WHERE objective_id = ?", "i", id) < 0)
		return ERR_DB;
	for (i = 0; i < n; i++)
		if (store_exec(db, e,
			       "INSERT OR IGNORE INTO objective_duty (objective_id, duty)"
			       " VALUES (?, ?)",
			       "ii", id, (int64_t)duties[i]) < 0)
			return ERR_DB;
	return 0;
}

static int set_areas(store_t *db, int64_t id, const char *plan, const int *areas, size_t n,
		     struct err *e)
{
	int64_t pid = 0, aid;
	size_t i;
	int rc;
	if (store_exec(db, e, "DELETE FROM objective_area WHERE objective_id = ?", "i", id) < 0)
		return ERR_DB;
	if (n == 0)
		return 0;
	if ((rc = plan_id_of(db, plan, &pid, e)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (store_query_int(db, &aid, e,
				    "SELECT id FROM area WHERE plan_id = ? AND no = ? AND removed = 0",
				    "ii", pid, (int64_t)areas[i]) < 0)
			return ERR_DB;
		if (!aid)
			return err_set(e, ERR_DATA, "--area: the plan has no area %d (see 'parity "
				       "plan list' for the areas' numbers)", areas[i]);
		if (store_exec(db, e,
			       "INSERT OR IGNORE INTO objective_area (objective_id, area_id)"
			       " VALUES (?, ?)",
			       "ii", id, aid) < 0)
			return ERR_DB;
	}
	return 0;
}

/* Check and write what f sets on objective id (just inserted or live). */
static int apply(store_t *db, int64_t id, const struct objective_fields *f, struct err *e)
{
	char day[11], who[64];
	int rc;
	if (f->title) {
		if (str_blank(f->title))
			return err_set(e, ERR_USAGE, "the title is empty: say what the objective "
				       "is, in a few words");
		if (chars(f->title) > OBJECTIVE_TITLE_MAX)
			return err_set(e, ERR_DATA, "the title is longer than %d characters",
				       OBJECTIVE_TITLE_MAX);
		if (store_exec(db, e, "UPDATE objective SET title = ? WHERE id = ?", "ti", f->title,
			       id) < 0)
			return ERR_DB;
	}
	if (f->by) {
		if ((rc = day_arg(f->by, "--by", day, e)) < 0)
			return rc;
		if (store_exec(db, e, "UPDATE objective SET by_date = ? WHERE id = ?", "ti", day,
			       id) < 0)
			return ERR_DB;
	}
	if (f->description) {
		if (chars(f->description) > OBJECTIVE_TEXT_MAX)
			return err_set(e, ERR_DATA, "--description is longer than %d characters",
				       OBJECTIVE_TEXT_MAX);
		if (store_exec(db, e, "UPDATE objective SET description = ? WHERE id = ?", "ti",
			       *f->description ? f->description : NULL, id) < 0)
			return ERR_DB;
	}
	if (f->owner) {
		who[0] = '\0';
		if (*f->owner) {
			if ((rc = plan_person_active(db, f->owner, who, e)) < 0)
				return rc;
			if (!rc)
				return err_set(e, ERR_DATA, "--owner: '%s' is not the initials of "
					       "anyone active in the list of people (see 'parity "
					       "people')", f->owner);
		}
		if (store_exec(db, e, "UPDATE objective SET owner = ? WHERE id = ?", "ti",
			       *who ? who : NULL, id) < 0)
			return ERR_DB;
	}
	if (f->review) {
		day[0] = '\0';
		if (*f->review && (rc = day_arg(f->review, "--review", day, e)) < 0)
			return rc;
		if (store_exec(db, e, "UPDATE objective SET review_date = ? WHERE id = ?", "ti",
			       *day ? day : NULL, id) < 0)
			return ERR_DB;
	}
	if (f->set_duties && (rc = set_duties(db, id, f->duties, f->n_duties, e)) < 0)
		return rc;
	if (f->set_areas && (rc = set_areas(db, id, f->plan, f->areas, f->n_areas, e)) < 0)
		return rc;
	return 0;
}

int objective_create(store_t *db, const struct objective_fields *f, const char *author,
		     int64_t *id, struct err *e)
{
	char at[21];
	if (!f->title || str_blank(f->title))
		return err_set(e, ERR_USAGE, "say what the objective is: parity objective add "
			       "TITLE --by DATE");
	if (!f->by || !*f->by)
		return err_set(e, ERR_USAGE, "--by DATE is needed: when is the objective to be "
			       "met? (YYYY-MM-DD or day/month/year)");
	now_iso(at);
	if (store_exec(db, e,
		       "INSERT INTO objective (title, by_date, created_at, created_by)"
		       " VALUES ('', '', ?, ?)",
		       "tt", at, author) < 0)
		return ERR_DB;
	*id = store_last_id(db);
	return apply(db, *id, f, e);
}

int objective_update(store_t *db, int64_t id, const struct objective_fields *f,
		     const char *author, struct err *e)
{
	int rc;
	(void)author;
	if ((rc = live(db, id, e)) < 0)
		return rc;
	return apply(db, id, f, e);
}

int objective_retire(store_t *db, int64_t id, const char *why, const char *author,
		     struct err *e)
{
	char at[21];
	int rc;
	if ((rc = live(db, id, e)) < 0)
		return rc;
	if (!why || str_blank(why))
		return err_set(e, ERR_USAGE, "--reason TEXT is needed: say why the objective is "
			       "retired (met early, replaced, no longer relevant)");
	if (chars(why) > OBJECTIVE_TEXT_MAX)
		return err_set(e, ERR_DATA, "--reason is longer than %d characters",
			       OBJECTIVE_TEXT_MAX);
	now_iso(at);
	if (store_exec(db, e,
		       "UPDATE objective SET retired_at = ?, retired_by = ?, retired_why = ?"
		       " WHERE id = ?",
		       "ttti", at, author, why, id) < 0)
		return ERR_DB;
	return 0;
}

int objective_link_action(store_t *db, int64_t id, const char *plan, const char *code,
			  int unlink, struct err *e)
{
	int64_t pid = 0, aid = 0;
	int rc;
	if ((rc = live(db, id, e)) < 0 || (rc = plan_id_of(db, plan, &pid, e)) < 0)
		return rc;
	if (store_query_int(db, &aid, e,
			    "SELECT id FROM action WHERE plan_id = ? AND code = ? COLLATE NOCASE",
			    "it", pid, code) < 0)
		return ERR_DB;
	if (!aid)
		return err_set(e, ERR_DATA, "--action: the plan has no action '%s' (see 'parity "
			       "plan list')", code);
	if (unlink) {
		if (store_exec(db, e,
			       "DELETE FROM objective_action WHERE objective_id = ? AND action_id = ?",
			       "ii", id, aid) < 0)
			return ERR_DB;
		if (!store_changes(db))
			return err_set(e, ERR_DATA, "action %s is not linked to objective %lld",
				       code, (long long)id);
		return 0;
	}
	if (store_exec(db, e,
		       "INSERT OR IGNORE INTO objective_action (objective_id, action_id)"
		       " VALUES (?, ?)",
		       "ii", id, aid) < 0)
		return ERR_DB;
	return 0;
}

int objective_link_eia(store_t *db, int64_t id, int64_t eia_id, int unlink, struct err *e)
{
	int64_t found = 0;
	int rc;
	if ((rc = live(db, id, e)) < 0)
		return rc;
	if (store_query_int(db, &found, e, "SELECT COUNT(*) FROM eia WHERE id = ?", "i",
			    eia_id) < 0)
		return ERR_DB;
	if (!found)
		return err_set(e, ERR_DATA, "--eia: there is no impact assessment %lld (see "
			       "'parity eia list')", (long long)eia_id);
	if (unlink) {
		if (store_exec(db, e,
			       "DELETE FROM objective_eia WHERE objective_id = ? AND eia_id = ?",
			       "ii", id, eia_id) < 0)
			return ERR_DB;
		if (!store_changes(db))
			return err_set(e, ERR_DATA, "impact assessment %lld is not linked to "
				       "objective %lld", (long long)eia_id, (long long)id);
		return 0;
	}
	if (store_exec(db, e,
		       "INSERT OR IGNORE INTO objective_eia (objective_id, eia_id) VALUES (?, ?)",
		       "ii", id, eia_id) < 0)
		return ERR_DB;
	return 0;
}

/* ---- measures ----------------------------------------------------------- */

static const char *const kind_names[] = {"share", "rate", "ratio", "completeness", "pay-gap"};

static int kind_of(const char *s, enum monitor_measure_kind *k)
{
	size_t i;
	for (i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
		if (s && !strcmp(s, kind_names[i])) {
			*k = (enum monitor_measure_kind)i;
			return 0;
		}
	return -1;
}

/* 1 when the measure's values are percentages (all but ratios). */
static int is_percent(enum monitor_measure_kind k)
{
	return k != MONITOR_RATIO;
}

/* The measure in words, for a label given none. */
static void label_of(const struct monitor_measure *m, struct buf *b)
{
	const char *ch = monitor_char_label(m->characteristic);
	size_t i;
	switch (m->kind) {
	case MONITOR_SHARE:
		buf_printf(b, "Share of %s (%s recorded)", m->group, ch);
		break;
	case MONITOR_RATE:
		buf_printf(b, "Rate of %s for %s (%s)", m->outcome, m->group, ch);
		break;
	case MONITOR_RATIO:
		buf_printf(b, "Relative rate of %s for %s (%s)", m->outcome, m->group, ch);
		break;
	case MONITOR_COMPLETENESS:
		buf_printf(b, "%s recorded", ch);
		break;
	case MONITOR_PAY_GAP:
		buf_printf(b, "%s %s pay gap", m->median ? "Median" : "Mean",
			   !strcasecmp(m->characteristic, "sex") ? "gender" : "ethnicity");
		if (m->group)
			buf_printf(b, " (%s)", m->group);
		break;
	}
	if (m->where_column && m->n_where) {
		buf_printf(b, ", %s ", m->where_column);
		for (i = 0; i < m->n_where; i++)
			buf_printf(b, "%s%s", i ? ", " : "", m->where_values[i]);
	}
	buf_printf(b, ", %s", monitor_dataset_label(m->dataset));
}

int objective_measure_add(store_t *db, int64_t id, const struct objective_measure_spec *sp,
			  const char *author, int64_t *measure_id, struct err *e)
{
	const struct monitor_measure *m = &sp->m;
	struct buf label = BUF_INIT;
	json_t *where = NULL;
	char *where_text = NULL, at[21];
	size_t i;
	int rc;

	if ((rc = live(db, id, e)) < 0)
		return rc;
	if (!isfinite(sp->target))
		return err_set(e, ERR_USAGE, "give the target with --at-least X or --at-most X");
	if (is_percent(m->kind) && m->kind != MONITOR_PAY_GAP &&
	    (sp->target < 0 || sp->target > 100))
		return err_set(e, ERR_USAGE, "the target is a percentage from 0 to 100, not %g",
			       sp->target);
	if (m->kind == MONITOR_PAY_GAP && (sp->target < -100 || sp->target > 100))
		return err_set(e, ERR_USAGE, "a pay gap's target is a percentage from -100 to 100, "
			       "not %g", sp->target);
	if (m->kind == MONITOR_RATIO && sp->target <= 0)
		return err_set(e, ERR_USAGE, "a relative rate's target is above 0 (1 is equal "
			       "rates), not %g", sp->target);
	if (sp->label && chars(sp->label) > OBJECTIVE_LABEL_MAX)
		return err_set(e, ERR_DATA, "--label is longer than %d characters",
			       OBJECTIVE_LABEL_MAX);
	if ((rc = monitor_measure_check(db, m, e)) < 0)
		return rc;
	if (sp->label && !str_blank(sp->label))
		buf_puts(&label, sp->label);
	else
		label_of(m, &label);
	if (m->where_column) {
		where = json_array();
		for (i = 0; i < m->n_where; i++)
			json_array_append_new(where, json_string(m->where_values[i]));
		where_text = json_dumps(where, JSON_COMPACT);
		json_decref(where);
	}
	now_iso(at);
	rc = store_exec(db, e,
			"INSERT INTO objective_measure (objective_id, dataset, kind, characteristic,"
			" grp, outcome, statistic, where_column, where_values, target, direction,"
			" label, created_at, created_by)"
			" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			"ittttttttdtttt", id, m->dataset,
			kind_names[m->kind], m->characteristic, m->group, m->outcome,
			m->kind == MONITOR_PAY_GAP ? (m->median ? "median" : "mean") : NULL,
			m->where_column, where_text, sp->target,
			sp->at_least ? "at-least" : "at-most", buf_str(&label), at, author);
	free(where_text);
	buf_free(&label);
	if (rc < 0)
		return ERR_DB;
	*measure_id = store_last_id(db);
	return 0;
}

int objective_measure_remove(store_t *db, int64_t id, int64_t measure_id, struct err *e)
{
	int rc;
	if ((rc = live(db, id, e)) < 0)
		return rc;
	if (store_exec(db, e, "DELETE FROM objective_measure WHERE id = ? AND objective_id = ?",
		       "ii", measure_id, id) < 0)
		return ERR_DB;
	if (!store_changes(db))
		return err_set(e, ERR_NOTFOUND, "objective %lld has no measure %lld (see 'parity "
			       "objective show %lld')", (long long)id, (long long)measure_id,
			       (long long)id);
	return 0;
}

/* ---- loading ------------------------------------------------------------ */

/* A number for JSON: null when not finite. */
static json_t *num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* The stored measure of the current row of st (columns as in load_measures)
 * into *m, strings borrowed from st; where values into wv (freed by the
 * caller with json_decref of *wj). */
static int measure_of_row(store_t *db, store_stmt_t *st, struct monitor_measure *m,
			  json_t **wj, const char **wv, size_t max_wv)
{
	size_t i;
	(void)db;
	memset(m, 0, sizeof *m);
	m->dataset = store_col_text(st, 1);
	if (kind_of(store_col_text(st, 2), &m->kind) < 0)
		m->kind = MONITOR_SHARE;
	m->characteristic = store_col_text(st, 3);
	m->group = store_col_text(st, 4);
	m->outcome = store_col_text(st, 5);
	m->median = store_col_text(st, 6) && !strcmp(store_col_text(st, 6), "median");
	m->where_column = store_col_text(st, 7);
	*wj = NULL;
	if (m->where_column && store_col_text(st, 8)) {
		*wj = json_loads(store_col_text(st, 8), 0, NULL);
		for (i = 0; i < json_array_size(*wj) && i < max_wv; i++)
			wv[i] = json_string_value(json_array_get(*wj, i));
		m->where_values = wv;
		m->n_where = i;
	}
	return 0;
}

/* The values and status of measure m into mo. */
static int measure_values(store_t *db, const struct monitor_measure *m, double target,
			  int at_least, struct date by, struct date today, json_t *mo,
			  enum objective_status *status, struct err *e)
{
	struct monitor_measure_value *v = NULL;
	struct objective_point *pts = NULL;
	struct objective_projection pr;
	json_t *vals = json_array();
	size_t n = 0, i;
	int rc;

	json_object_set_new(mo, "values", vals);
	rc = monitor_measure_values(db, m, &v, &n, e);
	if (rc == ERR_DB)
		return rc;
	if (rc < 0) {
		/* the data changed under the measure (a dataset removed, a period
		 * imported as counts): no values, and why */
		json_object_set_new(mo, "problem", json_string(e->msg));
		err_clear(e);
		n = 0;
	}
	pts = xcalloc(n ? n : 1, sizeof *pts);
	for (i = 0; i < n; i++) {
		struct period p;
		json_t *x = json_pack("{s:s}", "period", v[i].period);
		int counts = !(m->kind == MONITOR_PAY_GAP);
		json_object_set_new(x, "value", num(v[i].value));
		json_object_set_new(x, "numerator",
				    counts || v[i].numerator ? json_integer(v[i].numerator)
							     : json_null());
		json_object_set_new(x, "denominator",
				    counts || v[i].denominator ? json_integer(v[i].denominator)
							       : json_null());
		json_object_set_new(x, "low", num(v[i].low));
		json_object_set_new(x, "high", num(v[i].high));
		if (m->kind == MONITOR_RATIO) {
			json_object_set_new(x, "reference_numerator",
					    json_integer(v[i].ref_numerator));
			json_object_set_new(x, "reference_denominator",
					    json_integer(v[i].ref_denominator));
		}
		if (m->kind == MONITOR_SHARE)
			json_object_set_new(x, "not_recorded", json_integer(v[i].not_recorded));
		json_array_append_new(vals, x);
		pts[i].value = v[i].value;
		pts[i].low = v[i].low;
		pts[i].high = v[i].high;
		pts[i].t = period_parse(v[i].period, &p, NULL) == 0
				   ? (double)date_to_days(p.end)
				   : NAN;
		if (!isfinite(pts[i].t))
			pts[i].value = NAN;
	}
	if (n && v[n - 1].reference[0])
		json_object_set_new(mo, "reference", json_string(v[n - 1].reference));
	else
		json_object_set_new(mo, "reference", json_null());
	*status = objective_status_of(pts, n, target, at_least, by, today, &pr);
	/* A straight line followed far ahead can run past what a value can
	 * be: a share below 0% or above 100%, a relative rate below 0, a pay
	 * gap above 100%. Cut there (the status is the same: every target is
	 * within the range). */
	{
		double lo = m->kind == MONITOR_PAY_GAP ? -INFINITY : 0;
		double hi = m->kind == MONITOR_RATIO ? INFINITY : 100;
		if (!isnan(pr.value)) { /* fmax of NaN would give lo */
			pr.value = fmin(fmax(pr.value, lo), hi);
			pr.low = fmin(fmax(pr.low, lo), hi);
			pr.high = fmin(fmax(pr.high, lo), hi);
		}
	}
	json_object_set_new(mo, "status", json_string(objective_status_name(*status)));
	json_object_set_new(mo, "projection",
			    json_pack("{s:o,s:o,s:o,s:o,s:i,s:b}", "value", num(pr.value), "low",
				      num(pr.low), "high", num(pr.high), "slope", num(pr.slope),
				      "n_used", pr.n_used, "past_deadline", pr.past_deadline));
	free(pts);
	free(v);
	return 0;
}

/* How bad a status is, for an objective's overall status: the worst of
 * its measures (no data counts least). */
static int badness(enum objective_status s)
{
	switch (s) {
	case OBJ_OFF_TRACK:
		return 4;
	case OBJ_AT_RISK:
		return 3;
	case OBJ_ON_TRACK:
		return 2;
	case OBJ_MET:
		return 1;
	case OBJ_NO_DATA:
		break;
	}
	return 0;
}

static int load_measures(store_t *db, int64_t id, struct date by, struct date today,
			 json_t *o, enum objective_status *worst, struct err *e)
{
	store_stmt_t *st;
	json_t *arr = json_array();
	int rc, any = 0;
	*worst = OBJ_NO_DATA;
	json_object_set_new(o, "measures", arr);
	if (store_prepare(db, &st, e,
			  "SELECT id, dataset, kind, characteristic, grp, outcome, statistic,"
			  " where_column, where_values, target, direction, label"
			  " FROM objective_measure WHERE objective_id = ? ORDER BY id",
			  "i", id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct monitor_measure m;
		const char *wv[32];
		json_t *wj = NULL, *mo;
		enum objective_status s;
		double target = store_col_double(st, 9);
		int at_least = !strcmp(store_col_text(st, 10), "at-least");
		measure_of_row(db, st, &m, &wj, wv, 32);
		mo = json_pack("{s:I,s:s,s:s,s:f,s:s}", "id", (json_int_t)store_col_int(st, 0),
			       "label", store_col_text(st, 11), "kind", store_col_text(st, 2),
			       "target", target, "direction", store_col_text(st, 10));
		json_object_set_new(mo, "dataset", json_string(m.dataset));
		json_object_set_new(mo, "characteristic", json_string(m.characteristic));
		json_object_set_new(mo, "group", m.group ? json_string(m.group) : json_null());
		json_object_set_new(mo, "outcome", m.outcome ? json_string(m.outcome) : json_null());
		json_object_set_new(mo, "statistic",
				    store_col_text(st, 6) ? json_string(store_col_text(st, 6))
							  : json_null());
		json_object_set_new(mo, "where",
				    wj ? json_pack("{s:s,s:O}", "column", m.where_column, "values",
						   wj)
				       : json_null());
		json_object_set_new(mo, "unit", json_string(is_percent(m.kind) ? "%" : ""));
		rc = measure_values(db, &m, target, at_least, by, today, mo, &s, e);
		json_decref(wj);
		json_array_append_new(arr, mo);
		if (rc < 0)
			break;
		if (!any || badness(s) > badness(*worst))
			*worst = s;
		any = 1;
	}
	store_done(st);
	return rc < 0 ? ERR_DB : 0;
}

/* Rows of sql (bound to id) as objects of keys, each column by the letter
 * of fmt: t text, i integer, b boolean. */
static int rows_json(store_t *db, json_t *o, const char *member, const char *const *keys,
		     const char *fmt, const char *sql, int64_t id, struct err *e)
{
	store_stmt_t *st;
	json_t *arr = json_array();
	int rc;
	json_object_set_new(o, member, arr);
	if (store_prepare(db, &st, e, sql, "i", id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		json_t *x = json_object();
		size_t k;
		for (k = 0; keys[k]; k++) {
			json_t *v;
			if (store_col_is_null(st, (int)k))
				v = json_null();
			else if (fmt[k] == 'i')
				v = json_integer(store_col_int(st, (int)k));
			else if (fmt[k] == 'b')
				v = json_boolean(store_col_int(st, (int)k));
			else
				v = json_string(store_col_text(st, (int)k));
			json_object_set_new(x, keys[k], v);
		}
		json_array_append_new(arr, x);
	}
	store_done(st);
	return rc < 0 ? ERR_DB : 0;
}

int objective_load(store_t *db, int64_t id, struct date today, json_t **out, struct err *e)
{
	static const char *const area_keys[] = {"no", "title", NULL};
	static const char *const act_keys[] = {"id", "code", "text", "lead", "status", "due",
					       "overdue", NULL};
	static const char *const eia_keys[] = {"id", "title", "published", NULL};
	store_stmt_t *st;
	json_t *o = NULL, *duties;
	struct date by = {0, 0, 0};
	enum objective_status worst;
	char today_s[11];
	int rc;

	*out = NULL;
	date_format(today, today_s);
	if (store_prepare(db, &st, e,
			  "SELECT o.id, o.title, o.by_date, o.description, o.owner, o.review_date,"
			  " o.retired_at, o.retired_why, o.created_at,"
			  " (SELECT name FROM person p WHERE p.initials = o.owner)"
			  " FROM objective o WHERE o.id = ?",
			  "i", id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		o = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)store_col_int(st, 0), "title",
			      store_col_text(st, 1), "by", store_col_text(st, 2));
		json_object_set_new(o, "description", store_col_text(st, 3)
							      ? json_string(store_col_text(st, 3))
							      : json_null());
		json_object_set_new(o, "owner", store_col_text(st, 4)
							? json_string(store_col_text(st, 4))
							: json_null());
		json_object_set_new(o, "owner_name",
				    store_col_text(st, 9)	 ? json_string(store_col_text(st, 9))
				    : store_col_text(st, 4) ? json_string(store_col_text(st, 4))
							     : json_null());
		json_object_set_new(o, "review_date", store_col_text(st, 5)
							      ? json_string(store_col_text(st, 5))
							      : json_null());
		json_object_set_new(o, "retired_at", store_col_text(st, 6)
							     ? json_string(store_col_text(st, 6))
							     : json_null());
		json_object_set_new(o, "retired_why", store_col_text(st, 7)
							      ? json_string(store_col_text(st, 7))
							      : json_null());
		json_object_set_new(o, "created_at", json_string(store_col_text(st, 8)));
		date_parse_user(store_col_text(st, 2), "by", &by, NULL);
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (!o)
		return not_found(id, e);
	if ((rc = load_measures(db, id, by, today, o, &worst, e)) < 0)
		goto fail;
	json_object_set_new(o, "status", json_string(objective_status_name(worst)));
	duties = json_array();
	json_object_set_new(o, "duties", duties);
	if (store_prepare(db, &st, e,
			  "SELECT duty FROM objective_duty WHERE objective_id = ? ORDER BY duty", "i",
			  id) < 0) {
		rc = ERR_DB;
		goto fail;
	}
	while ((rc = store_step(st, e)) == 1)
		json_array_append_new(duties, json_integer(store_col_int(st, 0)));
	store_done(st);
	if (rc < 0 ||
	    (rc = rows_json(db, o, "areas", area_keys, "it",
			    "SELECT a.no, a.title FROM objective_area x JOIN area a ON a.id = x.area_id"
			    " WHERE x.objective_id = ? ORDER BY a.no",
			    id, e)) < 0)
		goto fail;
	{
		/* overdue: not done or dropped, due before today */
		char sql[1024];
		snprintf(sql, sizeof sql,
			 "SELECT a.id, a.code, a.text, a.lead_text, a.status, a.ts_due,"
			 " a.status NOT IN ('done', 'dropped') AND a.ts_due IS NOT NULL"
			 " AND a.ts_due < '%s'"
			 " FROM objective_action x JOIN action a ON a.id = x.action_id"
			 " WHERE x.objective_id = ? AND a.removed = 0 ORDER BY a.id",
			 today_s); /* a date we formatted: digits and dashes only */
		if ((rc = rows_json(db, o, "actions", act_keys, "itttttb", sql, id, e)) < 0)
			goto fail;
	}
	if ((rc = rows_json(db, o, "eias", eia_keys, "itb",
			    "SELECT e.id, e.title, e.published_at IS NOT NULL FROM objective_eia x"
			    " JOIN eia e ON e.id = x.eia_id WHERE x.objective_id = ? ORDER BY e.id",
			    id, e)) < 0)
		goto fail;
	*out = o;
	return 0;
fail:
	json_decref(o);
	return rc < 0 ? rc : ERR_DB;
}

int objective_ids(store_t *db, int with_retired, int64_t **ids, size_t *n, struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	*ids = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  with_retired ? "SELECT id FROM objective ORDER BY id"
				       : "SELECT id FROM objective WHERE retired_at IS NULL ORDER BY id",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*ids = xrealloc(*ids, cap * sizeof **ids);
		}
		(*ids)[(*n)++] = store_col_int(st, 0);
	}
	store_done(st);
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return ERR_DB;
	}
	return 0;
}

int objective_load_all(store_t *db, int with_retired, struct date today, json_t **out,
		       struct err *e)
{
	int64_t *ids;
	size_t n, i;
	int rc;
	*out = NULL;
	if ((rc = objective_ids(db, with_retired, &ids, &n, e)) < 0)
		return rc;
	*out = json_array();
	for (i = 0; i < n; i++) {
		json_t *o;
		if ((rc = objective_load(db, ids[i], today, &o, e)) < 0) {
			json_decref(*out);
			*out = NULL;
			break;
		}
		json_array_append_new(*out, o);
	}
	free(ids);
	return rc < 0 ? rc : 0;
}

/* ---- flags and publication ---------------------------------------------- */

int objective_check(store_t *db, struct date today, const char *author, int *raised,
		    struct err *e)
{
	json_t *all = NULL, *o;
	size_t i, j;
	int rc;
	if (raised)
		*raised = 0;
	if ((rc = objective_load_all(db, 0, today, &all, e)) < 0)
		return rc;
	json_array_foreach(all, i, o)
	{
		json_t *ms = json_object_get(o, "measures"), *m;
		json_array_foreach(ms, j, m)
		{
			json_t *vals = json_object_get(m, "values"), *last;
			struct buf finding = BUF_INIT, ref = BUF_INIT, href = BUF_INIT;
			struct monitor_flag_raise f;
			const char *unit = objective_js(m, "unit");
			int64_t flag_id = 0;
			int one = 0;
			size_t k = json_array_size(vals);
			char day[32];
			struct date by;
			if (strcmp(objective_js(m, "status"), "off-track") || k == 0)
				continue;
			/* the latest period with a value */
			while (k > 0 && !json_is_number(json_object_get(json_array_get(vals, k - 1),
									 "value")))
				k--;
			if (k == 0)
				continue;
			last = json_array_get(vals, k - 1);
			if (date_parse_user(objective_js(o, "by"), "by", &by, NULL) < 0)
				continue;
			date_long(by, day);
			buf_printf(&ref, "measure %lld", (long long)objective_ji(m, "id"));
			buf_printf(&href, "/objectives/%lld", (long long)objective_ji(o, "id"));
			buf_printf(&finding,
				   "Objective %lld (%s) is off track: %s was %.*f%s in %s against a "
				   "target of %s %g%s by %s",
				   (long long)objective_ji(o, "id"), objective_js(o, "title"),
				   objective_js(m, "label"), *unit ? 1 : 2, objective_jd(last, "value"),
				   unit, objective_js(last, "period"),
				   strcmp(objective_js(m, "direction"), "at-least") ? "at most"
										    : "at least",
				   objective_jd(m, "target"), unit, day);
			memset(&f, 0, sizeof f);
			f.source = "objective";
			f.ref = buf_str(&ref);
			f.dataset = objective_js(m, "dataset");
			f.period = objective_js(last, "period");
			f.characteristic = objective_js(m, "characteristic");
			f.group = objective_js(m, "group");
			f.finding = buf_str(&finding);
			f.href = buf_str(&href);
			f.value = objective_jd(last, "value");
			f.numerator = objective_ji(last, "numerator");
			f.denominator = objective_ji(last, "denominator");
			f.author = author;
			rc = monitor_flag_raise(db, &f, &flag_id, &one, e);
			buf_free(&finding);
			buf_free(&ref);
			buf_free(&href);
			if (rc < 0)
				goto done;
			if (raised)
				*raised += one;
		}
	}
	rc = 0;
done:
	json_decref(all);
	return rc;
}

int objective_jobs(store_t *db, time_t now, struct err *e)
{
	static char last[128];
	char key[128], day[11];
	int64_t imp = 0, meas = 0, n_meas = 0;
	int rc;
	(void)now;
	if (store_query_int(db, &imp, e, "SELECT COALESCE(MAX(id), 0) FROM mon_import", "") < 0 ||
	    store_query_int(db, &meas, e, "SELECT COALESCE(MAX(id), 0) FROM objective_measure",
			    "") < 0 ||
	    store_query_int(db, &n_meas, e, "SELECT COUNT(*) FROM objective_measure", "") < 0)
		return ERR_DB;
	date_format(objective_today(), day);
	snprintf(key, sizeof key, "%lld/%lld/%lld/%s", (long long)imp, (long long)meas,
		 (long long)n_meas, day);
	if (n_meas == 0 || !strcmp(key, last))
		return 0;
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	rc = objective_check(db, objective_today(), "parity objective check", NULL, e);
	if (rc < 0) {
		store_rollback(db);
		return rc;
	}
	if ((rc = store_commit(db, e)) < 0)
		return rc;
	snprintf(last, sizeof last, "%s", key);
	return 0;
}

int objective_publication_add(store_t *db, const char *on, const char *author, struct err *e)
{
	char day[11], next[11], at[21];
	struct date d;
	int rc;
	if ((rc = day_arg(on, "--on", day, e)) < 0)
		return rc;
	date_parse_user(day, "--on", &d, NULL);
	d.y += OBJECTIVE_YEARS;
	if (d.m == 2 && d.d == 29)
		d.d = 28;
	date_format(d, next);
	now_iso(at);
	if (store_exec(db, e,
		       "INSERT INTO objective_publication (published_on, next_due, at, author)"
		       " VALUES (?, ?, ?, ?)",
		       "tttt", day, next, at, author) < 0)
		return ERR_DB;
	return 0;
}

int objective_publication_get(store_t *db, char on[11], char next_due[11], struct err *e)
{
	store_stmt_t *st;
	int rc;
	on[0] = next_due[0] = '\0';
	if (store_prepare(db, &st, e,
			  "SELECT published_on, next_due FROM objective_publication"
			  " ORDER BY published_on DESC, id DESC LIMIT 1",
			  "") < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		snprintf(on, 11, "%s", store_col_text(st, 0));
		snprintf(next_due, 11, "%s", store_col_text(st, 1));
	}
	store_done(st);
	return rc < 0 ? ERR_DB : 0;
}
