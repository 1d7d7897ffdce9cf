/*
 * assess/eia_store.c: the model of equality impact assessments — every
 * change the command line (eia.c) and the pages (eia_web.c) make, and the
 * assessment read back as one JSON object (eia_load) for 'eia show', the
 * pages and the snapshot each publication keeps (eia_version). Each
 * function works inside the caller's transaction and re-checks the state
 * there (eia_internal.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/eia_duty.h"
#include "assess/eia_internal.h"
#include "core/buf.h"
#include "core/dates.h"
#include "mail/mail.h"
#include "monitor/monitor.h"
#include "plan/plan.h"

const char *const eia_aims[4] = {
	"all three aims of the duty",
	"eliminate discrimination, harassment and victimisation",
	"advance equality of opportunity",
	"foster good relations",
};

const char *const eia_characteristics[] = {
	"age",	      "disability", "gender_reassignment", "marital_status",    "pregnancy_maternity",
	"ethnicity", "religion",   "sex",		  "sexual_orientation",
};
const size_t eia_n_characteristics = sizeof eia_characteristics / sizeof eia_characteristics[0];

const char *eia_js(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

int64_t eia_ji(const json_t *o, const char *key)
{
	return (int64_t)json_integer_value(json_object_get(o, key));
}

/* The stamp of changes: the mail clock, so that tests may set it. */
static void now_iso(char at[21])
{
	date_iso_at(mail_now(), at);
}

int eia_state_get(store_t *db, int64_t id, struct eia_state *s, struct err *e)
{
	store_stmt_t *st;
	int rc;
	memset(s, 0, sizeof *s);
	s->screened = -1;
	if (store_prepare(db, &st, e,
			  "SELECT e.outcome IS NOT NULL, e.published_at IS NOT NULL,"
			  " (SELECT COUNT(*) FROM eia_signoff o WHERE o.eia_id = e.id),"
			  " (SELECT MAX(needed) FROM eia_screening c WHERE c.eia_id = e.id),"
			  " (SELECT COUNT(*) FROM eia_version v WHERE v.eia_id = e.id)"
			  " FROM eia e WHERE e.id = ?",
			  "i", id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		s->decided = (int)store_col_int(st, 0);
		s->published = (int)store_col_int(st, 1);
		s->signed_off = store_col_int(st, 2) > 0;
		s->screened = store_col_is_null(st, 3) ? -1 : (int)store_col_int(st, 3);
		s->n_versions = (int)store_col_int(st, 4);
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "no impact assessment %lld; see 'parity eia list'",
			       (long long)id);
	return 0;
}

int eia_check(store_t *db, int64_t id, int may_be_published, struct eia_state *s,
	      struct err *e)
{
	struct eia_state mine;
	int rc;
	if (!s)
		s = &mine;
	if ((rc = eia_state_get(db, id, s, e)) < 0)
		return rc;
	if (s->published && !may_be_published)
		return err_set(e, ERR_DATA, "impact assessment %lld is published: it can no longer "
			       "be changed", (long long)id);
	return 0;
}

int eia_create(store_t *db, const char *title, const char *owner, const char *author,
	       char initials[64], int64_t *id, struct err *e)
{
	char at[21];
	int rc;
	now_iso(at);
	if ((rc = plan_person_active(db, owner, initials, e)) == 0)
		return err_set(e, ERR_DATA, "--owner: '%s' is not the initials of anyone active in "
			       "the list of people (see 'parity people')", owner);
	if (rc < 0)
		return rc;
	if ((rc = store_exec(db, e,
			     "INSERT INTO eia (title, owner, created_at, created_by)"
			     " VALUES (?, ?, ?, ?)",
			     "tttt", title, initials, at, author)) < 0)
		return rc;
	*id = store_last_id(db);
	return 0;
}

/* DATASET:PERIOD an imported period of monitoring, into dataset and period. */
static int report_ok(store_t *db, const char *report, char dataset[64], char period[24],
		     struct err *e)
{
	const char *colon = strrchr(report, ':');
	char (*periods)[24] = NULL;
	size_t n = 0, i;
	int found = 0;
	if (!colon || colon == report || !colon[1] || (size_t)(colon - report) >= 64 ||
	    strlen(colon + 1) >= 24)
		return err_set(e, ERR_USAGE, "--report takes DATASET:PERIOD, such as "
			       "staff:2024, not '%s'", report);
	snprintf(dataset, 64, "%.*s", (int)(colon - report), report);
	snprintf(period, 24, "%s", colon + 1);
	if (monitor_periods(db, dataset, &periods, &n, e) < 0)
		return ERR_DB;
	for (i = 0; i < n; i++)
		if (!strcmp(periods[i], period))
			found = 1;
	free(periods);
	if (!found)
		return err_set(e, ERR_DATA, "--report: dataset '%s' has no imported period '%s' "
			       "(see 'parity data list')", dataset, period);
	return 0;
}

int eia_evidence_add(store_t *db, int64_t id, const char *column, const char *text,
		     const char *report, const char *author, struct err *e)
{
	char dataset[64] = "", period[24] = "", at[21];
	int rc;
	now_iso(at);
	if ((rc = eia_check(db, id, 0, NULL, e)) < 0)
		return rc;
	if (report && (rc = report_ok(db, report, dataset, period, e)) < 0)
		return rc;
	return store_exec(db, e,
			  "INSERT INTO eia_evidence (eia_id, characteristic, text, dataset,"
			  " period, at, author) VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, ''),"
			  " ?, ?)",
			  "ittttt" "t", id, column, text, dataset, period, at, author);
}

int eia_assess_set(store_t *db, int64_t id, const char *column, int aim, const char *impact,
		   const char *text, const char *author, int *replaced, struct err *e)
{
	char at[21];
	int64_t had = 0;
	int rc;
	now_iso(at);
	if ((rc = eia_check(db, id, 0, NULL, e)) < 0 ||
	    (rc = store_query_int(db, &had, e,
				  "SELECT COUNT(*) FROM eia_assessment WHERE eia_id = ?"
				  " AND characteristic = ? AND aim = ?",
				  "iti", id, column, (int64_t)aim)) < 0 ||
	    (rc = store_exec(db, e,
			     "DELETE FROM eia_assessment WHERE eia_id = ? AND characteristic = ?"
			     " AND aim = ?",
			     "iti", id, column, (int64_t)aim)) < 0 ||
	    (rc = store_exec(db, e,
			     "INSERT INTO eia_assessment (eia_id, characteristic, aim, impact, text,"
			     " at, author) VALUES (?, ?, ?, ?, ?, ?, ?)",
			     "itittt" "t", id, column, (int64_t)aim, impact, text, at, author)) < 0)
		return rc;
	if (replaced)
		*replaced = had > 0;
	return 0;
}

int eia_mitigate(store_t *db, int64_t id, const char *text, const char *lead, const char *due,
		 const char *author, char code[40], int64_t *no, struct err *e)
{
	struct plan_linked_action a = {0};
	struct buf note = BUF_INIT;
	int64_t action_id = 0;
	char at[21];
	int rc;
	now_iso(at);
	if ((rc = eia_check(db, id, 0, NULL, e)) < 0 ||
	    (rc = store_query_int(db, no, e,
				  "SELECT COALESCE(MAX(no), 0) + 1 FROM eia_mitigation WHERE eia_id = ?",
				  "i", id)) < 0)
		return rc;
	snprintf(code, 40, "E%lld.%lld", (long long)id, (long long)*no);
	buf_printf(&note, "Created from impact assessment %lld by %s", (long long)id, author);
	a.plan = "main";
	a.origin = "eia";
	a.area_no = -1;
	a.area_title = "Equality impact assessments";
	a.code = code;
	a.text = text;
	a.lead = lead;
	a.due_iso = due;
	a.author = author;
	a.event = "eia";
	a.note = buf_str(&note);
	rc = plan_add_linked_action(db, &a, &action_id, e);
	buf_free(&note);
	if (rc < 0 && e->code == ERR_DATA && strstr(e->msg, "lead")) {
		e->code = 0;
		return err_set(e, ERR_DATA, "--lead: '%s' is not the initials of anyone active in "
			       "the list of people (see 'parity people')", lead);
	}
	if (rc < 0)
		return rc;
	return store_exec(db, e,
			  "INSERT INTO eia_mitigation (eia_id, no, text, action_id, at, author)"
			  " VALUES (?, ?, ?, ?, ?, ?)",
			  "iitit" "t", id, *no, text, action_id, at, author);
}

int eia_decide(store_t *db, int64_t id, const char *outcome, const char *text, const char *by,
	       struct err *e)
{
	char at[21];
	int rc;
	now_iso(at);
	if ((rc = eia_check(db, id, 0, NULL, e)) < 0 ||
	    (rc = store_exec(db, e, "DELETE FROM eia_signoff WHERE eia_id = ?", "i", id)) < 0)
		return rc;
	if ((rc = store_exec(db, e,
			     "UPDATE eia SET outcome = ?, decision = ?, decided_by = ?,"
			     " decided_at = ? WHERE id = ?",
			     "tttti", outcome, text, by, at, id)) < 0)
		return rc;
	/* a stopped policy's assessment no longer covers a duty */
	return eia_duties_sync(db, id, e);
}

int eia_screen(store_t *db, int64_t id, int needed, const char *text, const char *author,
	       struct err *e)
{
	char at[21];
	int rc;
	now_iso(at);
	if ((rc = eia_check(db, id, 0, NULL, e)) < 0 ||
	    (rc = store_exec(db, e, "DELETE FROM eia_screening WHERE eia_id = ?", "i", id)) < 0)
		return rc;
	return store_exec(db, e,
			  "INSERT INTO eia_screening (eia_id, needed, text, at, author)"
			  " VALUES (?, ?, ?, ?, ?)",
			  "iittt", id, (int64_t)(needed != 0), text, at, author);
}

int eia_engage(store_t *db, int64_t id, const char *with, const char *date_iso,
	       const char *text, const char *author, struct err *e)
{
	char at[21];
	int rc;
	now_iso(at);
	if ((rc = eia_check(db, id, 0, NULL, e)) < 0)
		return rc;
	return store_exec(db, e,
			  "INSERT INTO eia_engagement (eia_id, with_whom, on_date, text, at, author)"
			  " VALUES (?, ?, ?, ?, ?, ?)",
			  "itttt" "t", id, with, date_iso, text, at, author);
}

int eia_signoff(store_t *db, int64_t id, const char *name, const char *role,
		const char *author, struct err *e)
{
	struct eia_state s;
	char at[21];
	int rc;
	now_iso(at);
	if ((rc = eia_check(db, id, 0, &s, e)) < 0)
		return rc;
	if (!s.decided)
		return err_set(e, ERR_DATA, "impact assessment %lld has no decision yet; sign-off "
			       "comes after it ('parity eia decide %lld --outcome ...')",
			       (long long)id, (long long)id);
	if ((rc = store_exec(db, e, "DELETE FROM eia_signoff WHERE eia_id = ?", "i", id)) < 0)
		return rc;
	return store_exec(db, e,
			  "INSERT INTO eia_signoff (eia_id, name, role, at, author)"
			  " VALUES (?, ?, ?, ?, ?)",
			  "itttt", id, name, role, at, author);
}

int eia_review_set(store_t *db, int64_t id, const char *date_iso, const char *author,
		   struct err *e)
{
	char at[21];
	int rc;
	now_iso(at);
	if ((rc = eia_check(db, id, 1, NULL, e)) < 0 ||
	    (rc = store_exec(db, e, "DELETE FROM eia_review WHERE eia_id = ?", "i", id)) < 0)
		return rc;
	return store_exec(db, e,
			  "INSERT INTO eia_review (eia_id, on_date, at, author) VALUES (?, ?, ?, ?)",
			  "ittt", id, date_iso, at, author);
}

int eia_publish(store_t *db, int64_t id, const char *author, int64_t *version, struct err *e)
{
	struct eia_state s;
	json_t *o = NULL;
	char at[21], *text = NULL;
	int rc;
	now_iso(at);
	if ((rc = eia_check(db, id, 0, &s, e)) < 0)
		return rc;
	if (!s.decided)
		return err_set(e, ERR_DATA, "impact assessment %lld has no decision yet; record one "
			       "first with 'parity eia decide %lld --outcome ...'",
			       (long long)id, (long long)id);
	*version = s.n_versions + 1;
	if ((rc = store_exec(db, e, "UPDATE eia SET published_at = ? WHERE id = ?", "ti", at,
			     id)) < 0 ||
	    (rc = eia_load(db, id, &o, e)) < 0)
		return rc;
	/* the snapshot: what was published, without the list of versions */
	json_object_del(o, "versions");
	json_object_set_new(o, "version", json_integer(*version));
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!text)
		return err_set(e, ERR_INTERNAL, "out of memory");
	rc = store_exec(db, e,
			"INSERT INTO eia_version (eia_id, no, published_at, published_by, snapshot)"
			" VALUES (?, ?, ?, ?, ?)",
			"iittt", id, *version, at, author, text);
	free(text);
	return rc;
}

int eia_revise(store_t *db, int64_t id, const char *author, int64_t *version, struct err *e)
{
	struct eia_state s;
	int rc;
	(void)author;
	if ((rc = eia_check(db, id, 1, &s, e)) < 0)
		return rc;
	if (!s.published)
		return err_set(e, ERR_DATA, "impact assessment %lld is not published: it is already "
			       "a draft that can be changed", (long long)id);
	*version = s.n_versions + 1;
	if ((rc = store_exec(db, e, "DELETE FROM eia_signoff WHERE eia_id = ?", "i", id)) < 0)
		return rc;
	return store_exec(db, e, "UPDATE eia SET published_at = NULL WHERE id = ?", "i", id);
}

/* ---- reading -------------------------------------------------------------*/

/* The rows of one query as a JSON array of objects named by keys (one per
 * column; integer columns marked by 'i' in kinds, text 't'). */
static int rows_json(store_t *db, json_t *into, const char *name, const char *const *keys,
		     const char *kinds, const char *sql, int64_t id, struct err *e)
{
	store_stmt_t *st;
	json_t *arr = json_array();
	size_t i;
	int rc;
	json_object_set_new(into, name, arr);
	if (store_prepare(db, &st, e, sql, "i", id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		json_t *o = json_object();
		for (i = 0; keys[i]; i++) {
			if (store_col_is_null(st, (int)i))
				json_object_set_new(o, keys[i], json_null());
			else if (kinds[i] == 'i')
				json_object_set_new(o, keys[i],
						    json_integer(store_col_int(st, (int)i)));
			else
				json_object_set_new(o, keys[i],
						    json_string(store_col_text(st, (int)i)));
		}
		json_array_append_new(arr, o);
	}
	store_done(st);
	return rc < 0 ? ERR_DB : 0;
}

int eia_person_name(store_t *db, const char *initials, char out[200], struct err *e)
{
	struct plan_choice *v = NULL;
	size_t n = 0, i;
	snprintf(out, 200, "%s", initials);
	if (plan_lead_choices(db, &v, &n, e) < 0)
		return ERR_DB;
	for (i = 0; i < n; i++) {
		const char *dash = strstr(v[i].label, " – ");
		if (!strcasecmp(v[i].value, initials) && dash && dash[5])
			snprintf(out, 200, "%s", dash + 5);
	}
	plan_choices_free(v, n);
	return 0;
}

/* "2027-12-04" a year after the day of the ISO stamp at, into out. */
static void year_after(const char *at, char out[11])
{
	struct date d;
	out[0] = '\0';
	if (!at || strlen(at) < 10)
		return;
	if (sscanf(at, "%4d-%2d-%2d", &d.y, &d.m, &d.d) != 3)
		return;
	d.y++;
	if (!date_valid(d.y, d.m, d.d))
		d.d = date_days_in_month(d.y, d.m);
	date_format(d, out);
}

/* "review_date": the date set, or a year after the first publication of
 * the latest version, or null. */
static int review_json(store_t *db, json_t *o, int64_t id, struct err *e)
{
	store_stmt_t *st;
	char day[11] = "";
	int rc;
	if (store_prepare(db, &st, e,
			  "SELECT (SELECT on_date FROM eia_review WHERE eia_id = ?),"
			  " (SELECT published_at FROM eia_version WHERE eia_id = ?"
			  "  ORDER BY no DESC LIMIT 1)",
			  "ii", id, id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		if (!store_col_is_null(st, 0))
			snprintf(day, sizeof day, "%s", store_col_text(st, 0));
		else if (!store_col_is_null(st, 1))
			year_after(store_col_text(st, 1), day);
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	json_object_set_new(o, "review_date", day[0] ? json_string(day) : json_null());
	return 0;
}

/* "screening" and "signoff": an object or null. */
static int one_row_json(store_t *db, json_t *o, const char *name, const char *sql, int64_t id,
			int screening, struct err *e)
{
	store_stmt_t *st;
	json_t *v = json_null();
	int rc;
	if (store_prepare(db, &st, e, sql, "i", id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		json_decref(v);
		if (screening)
			v = json_pack("{s:b,s:s}", "needed", (int)store_col_int(st, 0), "text",
				      store_col_text(st, 1));
		else
			v = json_pack("{s:s,s:s,s:s}", "name", store_col_text(st, 0), "role",
				      store_col_text(st, 1), "at", store_col_text(st, 2));
	}
	store_done(st);
	json_object_set_new(o, name, v);
	return rc < 0 ? ERR_DB : 0;
}

static const char *stage_of(const char *outcome, int published)
{
	if (published)
		return "published";
	return outcome ? "decided" : "in progress";
}

int eia_load(store_t *db, int64_t id, json_t **out, struct err *e)
{
	static const char *const ev_keys[] = {"characteristic", "text", "dataset", "period", NULL};
	static const char *const as_keys[] = {"characteristic", "aim", "impact", "text", NULL};
	static const char *const mi_keys[] = {"text", "action_id", "lead", "due", NULL};
	static const char *const en_keys[] = {"with", "date", "text", NULL};
	static const char *const ve_keys[] = {"version", "published_at", NULL};
	struct eia_state s;
	store_stmt_t *st;
	json_t *o = NULL;
	char name[200];
	int rc;
	*out = NULL;
	if ((rc = eia_state_get(db, id, &s, e)) < 0)
		return rc;
	if (store_prepare(db, &st, e,
			  "SELECT id, title, owner, outcome, decision, decided_by, published_at,"
			  " decided_at FROM eia WHERE id = ?",
			  "i", id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1)
		o = json_pack("{s:I,s:s,s:s,s:s?,s:s?,s:s?,s:s?,s:s,s:s?}", "id",
			      (json_int_t)store_col_int(st, 0), "title", store_col_text(st, 1),
			      "owner", store_col_text(st, 2), "outcome", store_col_text(st, 3),
			      "decision", store_col_text(st, 4), "decided_by",
			      store_col_text(st, 5), "published_at", store_col_text(st, 6),
			      "stage", stage_of(store_col_text(st, 3), !store_col_is_null(st, 6)),
			      "decided_at", store_col_text(st, 7));
	store_done(st);
	if (rc < 0 || !o)
		return rc < 0 ? ERR_DB : err_set(e, ERR_INTERNAL, "out of memory");
	json_object_set_new(o, "version",
			    json_integer(s.published ? s.n_versions : s.n_versions + 1));
	if ((rc = eia_person_name(db, eia_js(o, "owner"), name, e)) < 0)
		goto fail;
	json_object_set_new(o, "owner_name", json_string(name));
	if ((rc = one_row_json(db, o, "screening",
			       "SELECT needed, text FROM eia_screening WHERE eia_id = ?", id, 1,
			       e)) < 0 ||
	    (rc = rows_json(db, o, "evidence", ev_keys, "tttt",
			    "SELECT characteristic, text, dataset, period FROM eia_evidence"
			    " WHERE eia_id = ? ORDER BY id",
			    id, e)) < 0 ||
	    (rc = rows_json(db, o, "engagement", en_keys, "ttt",
			    "SELECT with_whom, on_date, text FROM eia_engagement"
			    " WHERE eia_id = ? ORDER BY on_date, id",
			    id, e)) < 0 ||
	    (rc = rows_json(db, o, "assessments", as_keys, "titt",
			    "SELECT characteristic, aim, impact, text FROM eia_assessment"
			    " WHERE eia_id = ? ORDER BY characteristic, aim",
			    id, e)) < 0 ||
	    (rc = rows_json(db, o, "mitigations", mi_keys, "tttt",
			    "SELECT m.text, a.code, a.lead_text, a.ts_due FROM eia_mitigation m"
			    " JOIN action a ON a.id = m.action_id WHERE m.eia_id = ? ORDER BY m.no",
			    id, e)) < 0 ||
	    (rc = one_row_json(db, o, "signoff",
			       "SELECT name, role, at FROM eia_signoff WHERE eia_id = ?", id, 0,
			       e)) < 0 ||
	    (rc = review_json(db, o, id, e)) < 0 ||
	    (rc = rows_json(db, o, "versions", ve_keys, "it",
			    "SELECT no, published_at FROM eia_version WHERE eia_id = ? ORDER BY no",
			    id, e)) < 0)
		goto fail;
	*out = o;
	return 0;
fail:
	json_decref(o);
	return rc;
}

int eia_version_load(store_t *db, int64_t id, int64_t no, json_t **out, struct err *e)
{
	store_stmt_t *st;
	json_error_t je;
	int rc;
	*out = NULL;
	if (store_prepare(db, &st, e,
			  "SELECT snapshot FROM eia_version WHERE eia_id = ? AND no = ?", "ii", id,
			  no) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1)
		*out = json_loads(store_col_text(st, 0), 0, &je);
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "impact assessment %lld has no version %lld",
			       (long long)id, (long long)no);
	if (!*out)
		return err_set(e, ERR_INTERNAL, "version %lld of impact assessment %lld cannot be "
			       "read: %s", (long long)no, (long long)id, je.text);
	return 0;
}
