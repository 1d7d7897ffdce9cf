/*
 * network/member.c: the staff network's members and their consent — the
 * model the members commands, the staff pages and the public joining page
 * share. A member has a region, a grade, a joining date and a status
 * (pending until a web join is confirmed, active, left, erased); consent
 * is recorded per purpose with the exact wording version agreed, when and
 * how, and withdrawing keeps the row. Subject access (member_export) and
 * erasure (member_erase) reach the other parts of the network through
 * the hooks of network/internal.h. docs/network.md says why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/csv.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "mail/mail.h"
#include "network/member.h"

#define NAME_MAX_CHARS 100
#define GRADE_MAX_CHARS 60
#define REGION_MAX_CHARS 60

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void member_free(struct member *m)
{
	if (!m)
		return;
	free(m->email);
	free(m->name);
	free(m->region);
	free(m->grade);
	memset(m, 0, sizeof *m);
}

int member_load(store_t *db, int64_t id, struct member *m, struct err *e)
{
	store_stmt_t *st;
	int rc;
	memset(m, 0, sizeof *m);
	if ((rc = store_prepare(db, &st, e,
				"SELECT m.email, m.name, r.name, m.grade, m.manager, m.status, m.joined,"
				" m.left_on, m.last_active, m.created_at, m.updated_at, m.region_id"
				" FROM net_member m LEFT JOIN net_region r ON r.id = m.region_id"
				" WHERE m.id = ?",
				"i", id)) < 0)
		return rc;
	if ((rc = store_step(st, e)) == 1) {
		const char *t;
		m->id = id;
		m->email = dup_or_null(store_col_text(st, 0));
		m->name = dup_or_null(store_col_text(st, 1));
		m->region = dup_or_null(store_col_text(st, 2));
		m->grade = dup_or_null(store_col_text(st, 3));
		m->manager = (int)store_col_int(st, 4);
		snprintf(m->status, sizeof m->status, "%s", store_col_text(st, 5));
		snprintf(m->joined, sizeof m->joined, "%s", store_col_text(st, 6));
		t = store_col_text(st, 7);
		snprintf(m->left_on, sizeof m->left_on, "%s", t ? t : "");
		snprintf(m->last_active, sizeof m->last_active, "%s", store_col_text(st, 8));
		snprintf(m->created_at, sizeof m->created_at, "%s", store_col_text(st, 9));
		snprintf(m->updated_at, sizeof m->updated_at, "%s", store_col_text(st, 10));
		m->region_id = store_col_int(st, 11);
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "no member number %lld", (long long)id);
	return 0;
}

static int text_ok(const char *s, size_t max, const char *what, const char **field,
		   const char *fid, struct err *e)
{
	int cut = 0;
	const char *p;
	str_utf8_prefix(s, max, &cut);
	if (cut) {
		*field = fid;
		return err_set(e, ERR_DATA, "the %s is longer than %zu characters", what, max);
	}
	for (p = s; *p; p++)
		if ((unsigned char)*p < 0x20) {
			*field = fid;
			return err_set(e, ERR_DATA, "the %s holds a control character (a tab or line "
				       "break); type it on one line", what);
		}
	return 0;
}

int member_insert(store_t *db, const struct member_new *m, int make_region, int64_t *id,
		  const char **field, struct err *e)
{
	char email[320], now[21], joined[11];
	const char *dummy;
	struct date d;
	int64_t other = 0, region = 0;
	int rc;
	if (!field)
		field = &dummy;
	*field = "email";
	if (str_blank(m->email))
		return err_set(e, ERR_DATA, "give the member's email address");
	if ((rc = mail_address_ok(m->email, e)) < 0)
		return rc;
	mail_address_norm(m->email, email, sizeof email);
	*field = "name";
	if (str_blank(m->name))
		return err_set(e, ERR_DATA, "give the member's name");
	if ((rc = text_ok(m->name, NAME_MAX_CHARS, "name", field, "name", e)) < 0)
		return rc;
	*field = "region";
	if (str_blank(m->region))
		return err_set(e, ERR_DATA, "give the member's region, such as South West");
	if ((rc = text_ok(m->region, REGION_MAX_CHARS, "region", field, "region", e)) < 0)
		return rc;
	*field = "grade";
	if (m->grade && (rc = text_ok(m->grade, GRADE_MAX_CHARS, "grade", field, "grade", e)) < 0)
		return rc;
	*field = "joined";
	if (!str_blank(m->joined)) {
		if ((rc = date_parse_user(m->joined, "the joining date", &d, e)) < 0)
			return rc;
	} else {
		d = date_today();
	}
	date_format(d, joined);
	*field = "email";
	if ((rc = store_query_int(db, &other, e,
				  "SELECT COUNT(*) FROM net_member WHERE email = ?", "t", email)) < 0)
		return rc;
	if (other)
		return err_set(e, ERR_DATA, "%s is already a member (see 'parity member show %s')",
			       email, email);
	*field = "region";
	if ((rc = net_region_id(db, m->region, make_region, &region, e)) < 0)
		return rc;
	*field = NULL;
	date_now_iso(now);
	if ((rc = store_exec(db, e,
			     "INSERT INTO net_member (email, name, region_id, grade, manager, status,"
			     " joined, last_active, created_at, updated_at)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			     "ttitittttt", email, m->name, region,
			     str_blank(m->grade) ? NULL : m->grade, (int64_t)(m->manager != 0),
			     m->status ? m->status : "active", joined, now, now, now)) < 0)
		return rc;
	*id = store_last_id(db);
	return 0;
}

int member_touch(store_t *db, int64_t id, struct err *e)
{
	char now[21];
	date_now_iso(now);
	return store_exec(db, e, "UPDATE net_member SET last_active = ?, updated_at = ? WHERE id = ?",
			  "tti", now, now, id);
}

int member_how_ok(const char *how, struct err *e)
{
	static const char *const ways[] = {"web", "paper", "email", "cli"};
	size_t i;
	for (i = 0; how && i < sizeof ways / sizeof ways[0]; i++)
		if (!strcmp(how, ways[i]))
			return 0;
	return err_set(e, ERR_USAGE, "--how takes web, paper, email or cli (how the member told "
		       "us); got '%s'", how ? how : "");
}

int member_wording(store_t *db, const char *purpose, int64_t *version, struct buf *text,
		   struct err *e)
{
	store_stmt_t *st;
	int rc;
	if ((rc = store_prepare(db, &st, e,
				"SELECT version, text FROM net_consent_wording WHERE purpose = ?"
				" ORDER BY version DESC",
				"t", purpose)) < 0)
		return rc;
	if ((rc = store_step(st, e)) == 1) {
		*version = store_col_int(st, 0);
		if (text)
			buf_puts(text, store_col_text(st, 1));
	}
	store_done(st);
	if (rc == 0)
		return err_set(e, ERR_DATA, "no wording for %s yet", purpose);
	return rc < 0 ? rc : 0;
}

int member_wording_add(store_t *db, const char *purpose, const char *text, int64_t *version,
		       struct err *e)
{
	char now[21];
	int64_t v = 0;
	int rc;
	if (str_blank(text))
		return err_set(e, ERR_USAGE, "--text needs the new wording, the words people agree to");
	if ((rc = store_query_int(db, &v, e,
				  "SELECT COALESCE(MAX(version), 0) FROM net_consent_wording"
				  " WHERE purpose = ?",
				  "t", purpose)) < 0)
		return rc;
	date_now_iso(now);
	*version = v + 1;
	return store_exec(db, e,
			  "INSERT INTO net_consent_wording (purpose, version, text, created_at)"
			  " VALUES (?, ?, ?, ?)",
			  "titt", purpose, *version, text, now);
}

/* The id of purpose's current wording. */
static int wording_id(store_t *db, const char *purpose, int64_t *id, struct err *e)
{
	return store_query_int(db, id, e,
			       "SELECT id FROM net_consent_wording WHERE purpose = ?"
			       " ORDER BY version DESC LIMIT 1",
			       "t", purpose);
}

static int consent_insert(store_t *db, int64_t id, const char *purpose, int64_t wid,
			  const char *how, const char *who, struct err *e)
{
	char now[21];
	date_now_iso(now);
	return store_exec(db, e,
			  "INSERT INTO net_consent (member_id, purpose, wording_id, given_at,"
			  " given_how, recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
			  "itittt", id, purpose, wid, now, how, who);
}

int member_consent_give(store_t *db, int64_t id, const char *purpose, const char *how,
			const char *who, struct err *e)
{
	int64_t wid = 0;
	int rc = net_purpose_ok(purpose, e);
	if (rc < 0)
		return rc;
	if ((rc = net_consent_held(db, id, purpose, e)) < 0)
		return rc;
	if (rc)
		return err_set(e, ERR_DATA, "consent for %s is already given; nothing changed",
			       net_purpose_words(purpose));
	if ((rc = wording_id(db, purpose, &wid, e)) < 0 ||
	    (rc = consent_insert(db, id, purpose, wid, how, who, e)) < 0)
		return rc;
	return member_touch(db, id, e);
}

int member_consent_withdraw(store_t *db, int64_t id, const char *purpose, const char *how,
			    struct err *e)
{
	char now[21];
	int rc = net_purpose_ok(purpose, e);
	if (rc < 0)
		return rc;
	if ((rc = net_consent_held(db, id, purpose, e)) < 0)
		return rc;
	if (!rc)
		return err_set(e, ERR_DATA, "consent for %s is not held; nothing to withdraw",
			       net_purpose_words(purpose));
	date_now_iso(now);
	if ((rc = store_exec(db, e,
			     "UPDATE net_consent SET withdrawn_at = ?, withdrawn_how = ?"
			     " WHERE member_id = ? AND purpose = ? AND withdrawn_at IS NULL",
			     "ttit", now, how, id, purpose)) < 0)
		return rc;
	return member_touch(db, id, e);
}

static json_t *jstr(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* The consents of member id, oldest first, as a JSON array. */
static int consents_json(store_t *db, int64_t id, json_t *arr, struct err *e)
{
	store_stmt_t *st;
	int rc;
	if ((rc = store_prepare(db, &st, e,
				"SELECT c.purpose, w.version, w.text, c.given_at, c.given_how,"
				" c.withdrawn_at, c.withdrawn_how, c.recorded_by"
				" FROM net_consent c JOIN net_consent_wording w ON w.id = c.wording_id"
				" WHERE c.member_id = ? ORDER BY c.given_at, c.id",
				"i", id)) < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		json_t *o = json_object();
		const char *purpose = store_col_text(st, 0);
		json_object_set_new(o, "purpose", json_string(purpose));
		json_object_set_new(o, "purpose_words", json_string(net_purpose_words(purpose)));
		json_object_set_new(o, "wording_version", json_integer(store_col_int(st, 1)));
		json_object_set_new(o, "wording", json_string(store_col_text(st, 2)));
		json_object_set_new(o, "given_at", json_string(store_col_text(st, 3)));
		json_object_set_new(o, "given_how", json_string(store_col_text(st, 4)));
		json_object_set_new(o, "withdrawn_at", jstr(store_col_text(st, 5)));
		json_object_set_new(o, "withdrawn_how", jstr(store_col_text(st, 6)));
		json_object_set_new(o, "recorded_by", json_string(store_col_text(st, 7)));
		json_array_append_new(arr, o);
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

/* The mail sent (or queued) to email: when, subject, status; no bodies. */
static int mail_json(store_t *db, const char *email, json_t *arr, struct err *e)
{
	store_stmt_t *st;
	int rc;
	if ((rc = store_prepare(db, &st, e,
				"SELECT queued_at, sent_at, subject, status, kind FROM mail_outbox"
				" WHERE rcpt = ? ORDER BY queued_at, id",
				"t", email)) < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		json_t *o = json_object();
		char when[21];
		date_iso_at((time_t)store_col_int(st, 0), when);
		json_object_set_new(o, "queued_at", json_string(when));
		if (store_col_is_null(st, 1)) {
			json_object_set_new(o, "sent_at", json_null());
		} else {
			date_iso_at((time_t)store_col_int(st, 1), when);
			json_object_set_new(o, "sent_at", json_string(when));
		}
		json_object_set_new(o, "subject", json_string(store_col_text(st, 2)));
		json_object_set_new(o, "status", json_string(store_col_text(st, 3)));
		json_object_set_new(o, "kind", json_string(store_col_text(st, 4)));
		json_array_append_new(arr, o);
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

int member_export(store_t *db, int64_t id, json_t **out, struct err *e)
{
	struct member m;
	json_t *o, *mo, *arr;
	char now[21];
	int rc;
	*out = NULL;
	if ((rc = member_load(db, id, &m, e)) < 0)
		return rc;
	o = json_object();
	date_now_iso(now);
	json_object_set_new(o, "exported_at", json_string(now));
	mo = json_object();
	json_object_set_new(mo, "id", json_integer(m.id));
	json_object_set_new(mo, "email", jstr(m.email));
	json_object_set_new(mo, "name", jstr(m.name));
	json_object_set_new(mo, "region", jstr(m.region));
	json_object_set_new(mo, "grade", jstr(m.grade));
	json_object_set_new(mo, "manager", json_boolean(m.manager));
	json_object_set_new(mo, "status", json_string(m.status));
	json_object_set_new(mo, "joined", json_string(m.joined));
	json_object_set_new(mo, "left_on", jstr(m.left_on));
	json_object_set_new(mo, "last_active", json_string(m.last_active));
	json_object_set_new(mo, "created_at", json_string(m.created_at));
	json_object_set_new(mo, "updated_at", json_string(m.updated_at));
	json_object_set_new(o, "member", mo);
	if ((rc = net_member_chars_json(db, id, &arr, e)) < 0) {
		json_decref(arr);
		goto fail;
	}
	json_object_set_new(mo, "equality", arr);
	arr = json_array();
	json_object_set_new(o, "consents", arr);
	if ((rc = consents_json(db, id, arr, e)) < 0)
		goto fail;
	if ((rc = meet_export_member(db, id, o, e)) < 0)
		goto fail;
	if ((rc = mentor_export_member(db, id, o, e)) < 0)
		goto fail;
	{
		int64_t n_cases = 0;
		if ((rc = case_member_cases(db, id, &n_cases, e)) < 0)
			goto fail;
		json_object_set_new(o, "cases",
				    json_pack("{s:I,s:s}", "count", (json_int_t)n_cases, "about",
					      "Confidential casework: what a case holds is given to "
					      "the member by its caseworkers, not in this export."));
	}
	if ((rc = survey_export_member(db, id, o, e)) < 0)
		goto fail;
	if (m.email && (rc = list_export_email(db, m.email, o, e)) < 0)
		goto fail;
	arr = json_array();
	json_object_set_new(o, "mail", arr);
	if (m.email && (rc = mail_json(db, m.email, arr, e)) < 0)
		goto fail;
	member_free(&m);
	*out = o;
	return 0;
fail:
	member_free(&m);
	json_decref(o);
	return rc;
}

int member_erase(store_t *db, int64_t id, const char *who, const char *reason, struct err *e)
{
	struct member m;
	char now[21];
	int rc;
	if ((rc = member_load(db, id, &m, e)) < 0)
		return rc;
	if (!strcmp(m.status, "erased")) {
		member_free(&m);
		return err_set(e, ERR_DATA, "member number %lld was erased already; nothing about "
			       "them is left to erase", (long long)id);
	}
	{
		int64_t n_cases = 0;
		if ((rc = case_member_cases(db, id, &n_cases, e)) < 0) {
			member_free(&m);
			return rc;
		}
		if (n_cases) {
			member_free(&m);
			return err_set(e, ERR_DATA, "member number %lld has %lld confidential case%s "
				       "that must be closed and purged first: their caseworkers close "
				       "them, and a case is purged when its retention period has run "
				       "(docs/network.md, \"Confidential casework\"); nothing was erased",
				       (long long)id, (long long)n_cases, n_cases == 1 ? "" : "s");
		}
	}
	date_now_iso(now);
	rc = meet_erase_member(db, id, e);
	if (rc >= 0)
		rc = mentor_erase_member(db, id, e);
	if (rc >= 0)
		rc = survey_erase_member(db, id, e);
	if (rc >= 0 && m.email)
		rc = list_erase_email(db, m.email, e);
	if (rc >= 0 && m.email)
		rc = store_exec(db, e, "DELETE FROM mail_outbox WHERE rcpt = ?", "t", m.email);
	if (rc >= 0)
		rc = store_exec(db, e,
				"DELETE FROM net_join_consent WHERE join_id IN"
				" (SELECT id FROM net_join WHERE member_id = ?)",
				"i", id);
	if (rc >= 0)
		rc = store_exec(db, e, "DELETE FROM net_join WHERE member_id = ?", "i", id);
	if (rc >= 0)
		rc = store_exec(db, e, "DELETE FROM net_member_char WHERE member_id = ?", "i", id);
	/* The consents stay (when consent was held is a record) with nothing
	 * but the member id: the recorder's name is cut to its kind. */
	if (rc >= 0)
		rc = store_exec(db, e, "UPDATE net_consent SET recorded_by = 'erased' WHERE member_id = ?",
				"i", id);
	if (rc >= 0)
		rc = store_exec(db, e,
				"UPDATE net_member SET email = NULL, name = NULL, grade = NULL,"
				" status = 'erased', last_active = ?, updated_at = ? WHERE id = ?",
				"tti", now, now, id);
	if (rc >= 0)
		rc = store_exec(db, e,
				"INSERT INTO net_erasure (member_id, erased_at, erased_by, reason)"
				" VALUES (?, ?, ?, ?)",
				"ittt", id, now, who, reason ? reason : "");
	member_free(&m);
	return rc < 0 ? rc : 0;
}

int member_audit(store_t *db, const char *who, const char *address, const char *what,
		 const char *target, const char *detail, struct err *e)
{
	char now[21];
	date_now_iso(now);
	return store_exec(db, e,
			  "INSERT INTO audit_log (at, who, address, what, target, before, after)"
			  " VALUES (?, ?, ?, ?, ?, NULL, ?)",
			  "tttttt", now, who, address ? address : "", what, target, detail);
}

int member_join_expire(store_t *db, time_t now, struct err *e)
{
	store_stmt_t *st;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	int rc;
	if ((rc = store_prepare(db, &st, e,
				"SELECT j.member_id FROM net_join j JOIN net_member m ON m.id = j.member_id"
				" WHERE j.confirmed_at IS NULL AND j.expires_at < ? AND m.status = 'pending'",
				"i", (int64_t)now)) < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			ids = xrealloc(ids, cap * sizeof *ids);
		}
		ids[n++] = store_col_int(st, 0);
	}
	store_done(st);
	for (i = 0; rc >= 0 && i < n; i++) {
		rc = store_exec(db, e,
				"DELETE FROM net_join_consent WHERE join_id IN"
				" (SELECT id FROM net_join WHERE member_id = ?)",
				"i", ids[i]);
		if (rc >= 0)
			rc = store_exec(db, e, "DELETE FROM net_join WHERE member_id = ?", "i", ids[i]);
		if (rc >= 0)
			rc = store_exec(db, e,
					"DELETE FROM mail_outbox WHERE kind = 'join' AND ref = ?", "i",
					ids[i]);
		if (rc >= 0)
			rc = store_exec(db, e,
					"DELETE FROM net_member WHERE id = ? AND status = 'pending'", "i",
					ids[i]);
	}
	free(ids);
	return rc < 0 ? rc : 0;
}

int member_period_days(const char *s, long *days, struct err *e)
{
	char num[16];
	size_t n = s ? strlen(s) : 0;
	long v;
	char unit;
	if (n < 2 || n >= sizeof num)
		goto bad;
	unit = s[n - 1];
	memcpy(num, s, n - 1);
	num[n - 1] = '\0';
	if (str_to_int(num, 1, 100000, &v) < 0)
		goto bad;
	if (unit == 'd')
		*days = v;
	else if (unit == 'm')
		*days = v * 30;
	else if (unit == 'y')
		*days = v * 365;
	else
		goto bad;
	return 0;
bad:
	return err_set(e, ERR_USAGE, "--inactive takes a period such as 24m (months), 2y (years) "
		       "or 90d (days); got '%s'", s ? s : "");
}

/* ---- import -------------------------------------------------------------*/

static const char *const import_cols[] = {"email", "name", "region", "grade", "manager", "joined"};
#define N_IMPORT_COLS 6
/* The optional equality details columns (docs/network.md "Equality details"). */
static const char *const import_eq[] = {"ethnicity", "sex", "age", "disability", "religion",
					"sexual_orientation"};
#define N_IMPORT_EQ (sizeof import_eq / sizeof import_eq[0])

/* yes/no (also y/n, true/false, 1/0; blank is no) into *v; -1 otherwise. */
static int yes_no(const char *s, int *v)
{
	if (str_blank(s) || str_eq_ci(s, "no") || str_eq_ci(s, "n") || str_eq_ci(s, "false") ||
	    !strcmp(s, "0")) {
		*v = 0;
		return 0;
	}
	if (str_eq_ci(s, "yes") || str_eq_ci(s, "y") || str_eq_ci(s, "true") || !strcmp(s, "1")) {
		*v = 1;
		return 0;
	}
	return -1;
}

/* Cap the problems listed: past this, one line says how many more. */
#define IMPORT_MAX_PROBLEMS 200

static void problem(struct buf *p, int *n, const char *name, long line, const char *col,
		    const char *msg)
{
	if (++*n <= IMPORT_MAX_PROBLEMS)
		buf_printf(p, "%s line %ld, column %s: %s\n", name, line, col, msg);
}

int member_import(store_t *db, const char *data, size_t len, const char *name, const char *who,
		  struct buf *problems, int *added, struct err *e)
{
	struct csv_reader *r = NULL;
	int col[N_IMPORT_COLS], ccol[NET_N_PURPOSES], ecol[N_IMPORT_EQ];
	int rc, i, n_problems = 0;
	int64_t wid[NET_N_PURPOSES];
	struct err ce;
	*added = 0;
	csv_open_mem(data, len, name, &r, e);
	err_clear(&ce);
	if ((rc = csv_read_header(r, &ce)) < 0) {
		buf_printf(problems, "%s\n", ce.msg);
		rc = err_set(e, ERR_DATA, "%s", ce.msg);
		goto done;
	}
	for (i = 0; i < N_IMPORT_COLS; i++) {
		col[i] = csv_header_index(r, import_cols[i]);
		if (col[i] < 0 && i < 3) {
			char msg[400];
			snprintf(msg, sizeof msg, "the header has no column '%s'; the columns are "
				 "email, name, region, grade, manager, joined and optional consent_mailing, "
				 "consent_meetings, consent_mentoring, consent_consultations and "
				 "equality details (ethnicity, sex, age, disability, religion, "
				 "sexual_orientation)",
				 import_cols[i]);
			problem(problems, &n_problems, name, 1, import_cols[i], msg);
		}
	}
	for (i = 0; i < (int)N_IMPORT_EQ; i++)
		ecol[i] = csv_header_index(r, import_eq[i]);
	for (i = 0; i < NET_N_PURPOSES; i++) {
		char h[40];
		snprintf(h, sizeof h, "consent_%s", net_purposes[i]);
		ccol[i] = csv_header_index(r, h);
		if ((rc = wording_id(db, net_purposes[i], &wid[i], e)) < 0)
			goto done;
	}
	if (n_problems)
		goto report;
	for (;;) {
		struct member_new m;
		const char *field = NULL, *v[N_IMPORT_COLS];
		long line;
		int64_t id = 0;
		int manager = 0, give[NET_N_PURPOSES], bad = 0;
		err_clear(&ce);
		rc = csv_next(r, &ce);
		if (rc == 0)
			break;
		if (rc < 0) {
			buf_printf(problems, "%s\n", ce.msg);
			n_problems++;
			break;
		}
		line = csv_record_line(r);
		for (i = 0; i < N_IMPORT_COLS; i++) {
			const char *f = col[i] >= 0 ? csv_field(r, (size_t)col[i]) : NULL;
			v[i] = f ? str_trim(xstrdup(f)) : NULL;
		}
		if (yes_no(v[4], &manager) < 0) {
			problem(problems, &n_problems, name, line, "manager",
				"write yes or no (is the member a manager?)");
			bad = 1;
		}
		for (i = 0; i < NET_N_PURPOSES; i++) {
			const char *f = ccol[i] >= 0 ? csv_field(r, (size_t)ccol[i]) : NULL;
			char cname[40], msg[160];
			give[i] = 0;
			if (f && yes_no(f, &give[i]) < 0) {
				snprintf(cname, sizeof cname, "consent_%s", net_purposes[i]);
				snprintf(msg, sizeof msg, "write yes or no (did the member agree to %s?)",
					 net_purpose_words(net_purposes[i]));
				problem(problems, &n_problems, name, line, cname, msg);
				bad = 1;
			}
		}
		m = (struct member_new){v[0], v[1], v[2], str_blank(v[3]) ? NULL : v[3], manager,
					v[5], "active"};
		{
			/* checked even when the row has other problems, so that each
			 * is reported; the caller rolls back when there are any */
			err_clear(&ce);
			rc = member_insert(db, &m, 1, &id, &field, &ce);
			if (rc == ERR_DATA || rc == ERR_NOTFOUND) {
				problem(problems, &n_problems, name, line, field ? field : "email",
					ce.msg);
				bad = 1;
			} else if (rc < 0) {
				err_set(e, rc, "%s", ce.msg);
			}
		}
		for (i = 0; !bad && rc >= 0 && i < NET_N_PURPOSES; i++)
			if (give[i])
				rc = consent_insert(db, id, net_purposes[i], wid[i], "import", who, e);
		for (i = 0; id && rc >= 0 && i < (int)N_IMPORT_EQ; i++) {
			const char *f = ecol[i] >= 0 ? csv_field(r, (size_t)ecol[i]) : NULL;
			if (!f || str_blank(f))
				continue;
			err_clear(&ce);
			rc = net_member_char_set(db, id, import_eq[i], f, &ce);
			if (rc == ERR_DATA) {
				problem(problems, &n_problems, name, line, import_eq[i], ce.msg);
				bad = 1;
				rc = 0;
			} else if (rc < 0) {
				err_set(e, rc, "%s", ce.msg);
			}
		}
		for (i = 0; i < N_IMPORT_COLS; i++)
			free((char *)v[i]);
		if (rc < 0 && rc != ERR_DATA && rc != ERR_NOTFOUND)
			goto done;
		if (!bad)
			++*added;
	}
report:
	if (n_problems > IMPORT_MAX_PROBLEMS)
		buf_printf(problems, "... and %d more problems\n", n_problems - IMPORT_MAX_PROBLEMS);
	if (n_problems) {
		char cnt[32];
		str_count(cnt, n_problems);
		rc = err_set(e, ERR_DATA, "%s: %s problem%s, nothing imported; correct the file and "
			     "import it again", name, cnt, n_problems == 1 ? "" : "s");
		*added = 0;
	} else if (!*added) {
		rc = err_set(e, ERR_DATA, "%s has no members under its header; nothing imported", name);
	} else {
		rc = 0;
	}
done:
	csv_close(r);
	return rc;
}
