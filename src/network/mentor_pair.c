/*
 * network/mentor_pair.c: a mentoring pairing's life — confirmed by a
 * coordinator (checked against the match rules as they are at that
 * moment), meetings logged, ended with feedback — and mentees' outcomes
 * by period, which leave the network only as a monitoring count table
 * (monitor_counts_import_mem, by the 'mentor outcomes' command). Also
 * what subject access and erasure ask of mentoring.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/monitor.h"
#include "network/mentor.h"

int mentor_period_ok(const char *s, struct err *e)
{
	long y;
	if (!s || strlen(s) != 4 || str_to_int(s, 1900, 2999, &y) < 0)
		return err_set(e, ERR_USAGE, "--period takes a year such as 2026; got '%s'",
			       s ? s : "");
	return 0;
}

int mentor_pair_add(store_t *db, int64_t mentee_id, int64_t mentor_id, const char *who,
		    int64_t *pair_id, int *score, struct err *e)
{
	struct mentor_pool p;
	const struct mentor_match *m;
	char today[11];
	int i, j, rc;
	if ((rc = mentor_pool_load(db, &p, e)) < 0)
		return rc;
	i = mentor_pool_find(p.mentees, p.n_mentees, mentee_id);
	j = mentor_pool_find(p.mentors, p.n_mentors, mentor_id);
	if (i < 0) {
		rc = err_set(e, ERR_DATA, "the mentee has no mentee profile (or is not an active "
			     "member); record one first: parity mentor seek EMAIL --areas ...");
		goto out;
	}
	if (j < 0) {
		rc = err_set(e, ERR_DATA, "the mentor has no mentor profile (or is not an active "
			     "member); record one first: parity mentor offer EMAIL --areas ...");
		goto out;
	}
	if (p.mentees[i].pair_id) {
		rc = err_set(e, ERR_DATA, "%s has a mentor already (pairing %lld); end that "
			     "pairing first: parity mentor end %lld", p.mentees[i].email,
			     (long long)p.mentees[i].pair_id, (long long)p.mentees[i].pair_id);
		goto out;
	}
	m = &p.m[(size_t)i * p.n_mentors + (size_t)j];
	if (m->excluded) {
		rc = err_set(e, ERR_DATA, "%s and %s cannot be paired: %s", p.mentees[i].email,
			     p.mentors[j].email, m->why + strlen("not suggested: "));
		goto out;
	}
	date_format(date_today(), today);
	rc = store_exec(db, e, "INSERT INTO net_mentor_pair (mentee_id, mentor_id, status, score, "
			"agreed_on, agreed_by) VALUES (?, ?, 'agreed', ?, ?, ?)", "iiitt",
			mentee_id, mentor_id, (int64_t)m->score, today, who);
	if (rc >= 0) {
		*pair_id = store_last_id(db);
		*score = m->score;
	}
out:
	mentor_pool_free(&p);
	return rc < 0 ? rc : 0;
}

int mentor_pair_load(store_t *db, int64_t id, struct mentor_pair_row *r, struct err *e)
{
	store_stmt_t *st;
	int rc;
	memset(r, 0, sizeof *r);
	rc = store_prepare(db, &st, e,
			   "SELECT p.id, COALESCE(a.email, ''), COALESCE(a.name, 'an erased member'), "
			   "COALESCE(b.email, ''), COALESCE(b.name, 'an erased member'), p.status, "
			   "p.agreed_on, p.agreed_by, COALESCE(p.ended_on, ''), p.feedback, p.score, "
			   "COALESCE(p.rating, 0), "
			   "(SELECT COUNT(*) FROM net_mentor_meeting g WHERE g.pair_id = p.id), "
			   "(SELECT MAX(g.date) FROM net_mentor_meeting g WHERE g.pair_id = p.id) "
			   "FROM net_mentor_pair p LEFT JOIN net_member a ON a.id = p.mentee_id "
			   "LEFT JOIN net_member b ON b.id = p.mentor_id WHERE p.id = ?", "i", id);
	if (rc < 0)
		return rc;
	if ((rc = store_step(st, e)) == 1) {
		r->id = store_col_int(st, 0);
		snprintf(r->mentee_email, sizeof r->mentee_email, "%s", store_col_text(st, 1));
		snprintf(r->mentee_name, sizeof r->mentee_name, "%s", store_col_text(st, 2));
		snprintf(r->mentor_email, sizeof r->mentor_email, "%s", store_col_text(st, 3));
		snprintf(r->mentor_name, sizeof r->mentor_name, "%s", store_col_text(st, 4));
		snprintf(r->status, sizeof r->status, "%s", store_col_text(st, 5));
		snprintf(r->agreed_on, sizeof r->agreed_on, "%s", store_col_text(st, 6));
		snprintf(r->agreed_by, sizeof r->agreed_by, "%s", store_col_text(st, 7));
		snprintf(r->ended_on, sizeof r->ended_on, "%s", store_col_text(st, 8));
		snprintf(r->feedback, sizeof r->feedback, "%s", store_col_text(st, 9));
		r->score = (int)store_col_int(st, 10);
		r->rating = (int)store_col_int(st, 11);
		r->n_meetings = store_col_int(st, 12);
		snprintf(r->last_meeting, sizeof r->last_meeting, "%s",
			 store_col_text(st, 13) ? store_col_text(st, 13) : "");
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "no mentoring pairing number %lld (see 'parity "
			       "mentor list')", (long long)id);
	return 0;
}

int mentor_pair_ids(store_t *db, int64_t **ids, size_t *n, struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	*ids = NULL;
	*n = 0;
	rc = store_prepare(db, &st, e, "SELECT id FROM net_mentor_pair ORDER BY "
			   "CASE status WHEN 'agreed' THEN 0 ELSE 1 END, id DESC", "");
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		if (*n == cap)
			*ids = xrealloc(*ids, (cap = cap ? cap * 2 : 16) * sizeof **ids);
		(*ids)[(*n)++] = store_col_int(st, 0);
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

int mentor_meeting_add(store_t *db, int64_t pair_id, struct date date, const char *note,
		       const char *who, struct err *e)
{
	struct mentor_pair_row r;
	char iso[11], now[21];
	int rc;
	if ((rc = mentor_pair_load(db, pair_id, &r, e)) < 0)
		return rc;
	if (strcmp(r.status, "agreed"))
		return err_set(e, ERR_DATA, "pairing %lld ended on %s; meetings are logged only "
			       "while a pairing goes on", (long long)pair_id, r.ended_on);
	if (date_cmp(date, date_today()) > 0)
		return err_set(e, ERR_DATA, "the meeting's date is in the future; log a meeting "
			       "once it has taken place");
	date_format(date, iso);
	if (strcmp(iso, r.agreed_on) < 0)
		return err_set(e, ERR_DATA, "the meeting's date is before the pairing was agreed "
			       "(%s)", r.agreed_on);
	if (note && strlen(note) > MENTOR_TEXT_MAX)
		return err_set(e, ERR_DATA, "the note is longer than %d characters",
			       MENTOR_TEXT_MAX);
	date_now_iso(now);
	return store_exec(db, e, "INSERT INTO net_mentor_meeting (pair_id, date, note, logged_at, "
			  "logged_by) VALUES (?, ?, ?, ?, ?)", "itttt",
			  pair_id, iso, note ? note : "", now, who);
}

int mentor_pair_end(store_t *db, int64_t pair_id, const char *feedback, int rating,
		    struct err *e)
{
	struct mentor_pair_row r;
	char today[11];
	int rc;
	if ((rc = mentor_pair_load(db, pair_id, &r, e)) < 0)
		return rc;
	if (strcmp(r.status, "agreed"))
		return err_set(e, ERR_DATA, "pairing %lld ended on %s already", (long long)pair_id,
			       r.ended_on);
	if (feedback && strlen(feedback) > MENTOR_TEXT_MAX)
		return err_set(e, ERR_DATA, "the feedback is longer than %d characters",
			       MENTOR_TEXT_MAX);
	date_format(date_today(), today);
	if (rating)
		return store_exec(db, e, "UPDATE net_mentor_pair SET status = 'ended', ended_on = ?, "
				  "feedback = ?, rating = ? WHERE id = ?", "ttii", today,
				  feedback ? feedback : "", (int64_t)rating, pair_id);
	return store_exec(db, e, "UPDATE net_mentor_pair SET status = 'ended', ended_on = ?, "
			  "feedback = ? WHERE id = ?", "tti", today, feedback ? feedback : "",
			  pair_id);
}

/* ---- outcomes ------------------------------------------------------------*/

int mentor_outcome_set(store_t *db, int64_t member_id, const char *period, int applied,
		       int promoted, const char *who, struct err *e)
{
	int64_t was = 0, have = 0;
	char now[21];
	int rc;
	rc = store_query_int(db, &was, e,
			     "SELECT (SELECT COUNT(*) FROM net_mentor_pair WHERE mentee_id = ?) + "
			     "(SELECT COUNT(*) FROM net_mentor_profile WHERE member_id = ? AND "
			     "role = 'mentee')", "ii", member_id, member_id);
	if (rc < 0)
		return rc;
	if (!was)
		return err_set(e, ERR_DATA, "the member has never been a mentee (no mentee profile "
			       "nor pairing); outcomes are recorded for mentees");
	date_now_iso(now);
	if ((rc = store_query_int(db, &have, e, "SELECT COUNT(*) FROM net_mentor_outcome WHERE "
				  "member_id = ? AND period = ?", "it", member_id, period)) < 0)
		return rc;
	if (!have && (rc = store_exec(db, e, "INSERT INTO net_mentor_outcome (member_id, period, "
				      "recorded_at, recorded_by) VALUES (?, ?, ?, ?)", "ittt",
				      member_id, period, now, who)) < 0)
		return rc;
	if (applied >= 0 && (rc = store_exec(db, e, "UPDATE net_mentor_outcome SET applied = ? "
					     "WHERE member_id = ? AND period = ?", "iit",
					     (int64_t)applied, member_id, period)) < 0)
		return rc;
	if (promoted >= 0 && (rc = store_exec(db, e, "UPDATE net_mentor_outcome SET promoted = ? "
					      "WHERE member_id = ? AND period = ?", "iit",
					      (int64_t)promoted, member_id, period)) < 0)
		return rc;
	return store_exec(db, e, "UPDATE net_mentor_outcome SET recorded_at = ?, recorded_by = ? "
			  "WHERE member_id = ? AND period = ?", "ttit", now, who, member_id, period);
}

static void csv_cell(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

int mentor_outcomes_csv(store_t *db, const char *period, const char *characteristic,
			struct buf *csv, int *n_mentees, struct err *e)
{
	const char *const *groups, *column;
	size_t n_groups, n_rec, g;
	long (*cnt)[4];
	store_stmt_t *st;
	int rc, k;
	*n_mentees = 0;
	if ((rc = monitor_groups_of(characteristic, &groups, &n_groups, &n_rec, &column, e)) < 0)
		return err_set(e, ERR_USAGE, "--characteristic: '%s' is not a protected "
			       "characteristic (such as ethnicity, sex, disability)", characteristic);
	cnt = xcalloc(n_groups + 1, sizeof *cnt); /* applied yes, recorded; promoted yes, recorded */
	rc = store_prepare(db, &st, e,
			   "SELECT o.member_id, o.applied, o.promoted FROM net_mentor_outcome o "
			   "JOIN net_member m ON m.id = o.member_id WHERE o.period = ? AND "
			   "m.status <> 'erased' ORDER BY o.member_id", "t", period);
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		char grp[64];
		int64_t mid = store_col_int(st, 0);
		int a_null = store_col_is_null(st, 1), p_null = store_col_is_null(st, 2);
		int64_t a = store_col_int(st, 1), pr = store_col_int(st, 2);
		if ((rc = net_member_group(db, mid, column, grp, sizeof grp, e)) < 0)
			break;
		for (g = 0; g < n_groups; g++)
			if (!strcmp(groups[g], grp))
				break;
		(*n_mentees)++;
		if (!a_null) {
			cnt[g][0] += a ? 1 : 0;
			cnt[g][1]++;
		}
		if (!p_null) {
			cnt[g][2] += pr ? 1 : 0;
			cnt[g][3]++;
		}
	}
	store_done(st);
	if (rc >= 0 && !*n_mentees)
		rc = err_set(e, ERR_DATA, "no mentee's outcome is recorded for %s; record them "
			     "with 'parity mentor outcome EMAIL --period %s --applied yes|no'",
			     period, period);
	if (rc >= 0) {
		buf_puts(csv, "unit,period,characteristic,group,outcome,numerator,denominator,"
			      "direction\n");
		for (k = 0; k < 2; k++) {
			for (g = 0; g <= n_groups; g++) {
				if (!cnt[g][2 * k + 1])
					continue;
				buf_printf(csv, "All,%s,%s,", period, column);
				csv_cell(csv, g < n_groups ? groups[g] : "Missing");
				buf_printf(csv, ",%s,%ld,%ld,favourable\n", k ? "promoted" : "applied",
					   cnt[g][2 * k], cnt[g][2 * k + 1]);
			}
		}
		rc = 0;
	}
	free(cnt);
	return rc;
}

/* ---- what the members' part asks of us -----------------------------------*/

int mentor_export_member(store_t *db, int64_t member_id, json_t *out, struct err *e)
{
	json_t *o = json_object(), *a;
	store_stmt_t *st;
	int rc;
	json_object_set_new(out, "mentoring", o);
	a = json_array();
	json_object_set_new(o, "profiles", a);
	rc = store_prepare(db, &st, e, "SELECT role, areas, remote, capacity, line_manager, "
			   "created_at, updated_at FROM net_mentor_profile WHERE member_id = ? "
			   "ORDER BY role", "i", member_id);
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		const char *lm = store_col_text(st, 4);
		json_array_append_new(a, json_pack("{s:s,s:s,s:b,s:I,s:o,s:s,s:s}", "role",
						   store_col_text(st, 0), "areas", store_col_text(st, 1),
						   "remote", (int)store_col_int(st, 2), "capacity",
						   (json_int_t)store_col_int(st, 3), "line_manager",
						   lm ? json_string(lm) : json_null(), "created_at",
						   store_col_text(st, 5), "updated_at", store_col_text(st, 6)));
	}
	store_done(st);
	if (rc < 0)
		return rc;
	a = json_array();
	json_object_set_new(o, "pairings", a);
	rc = store_prepare(db, &st, e,
			   "SELECT p.id, CASE WHEN p.mentee_id = ? THEN 'mentee' ELSE 'mentor' END, "
			   "COALESCE(CASE WHEN p.mentee_id = ? THEN b.name ELSE a.name END, ''), "
			   "p.status, p.agreed_on, COALESCE(p.ended_on, ''), p.feedback, "
			   "COALESCE(p.rating, 0) FROM net_mentor_pair p "
			   "LEFT JOIN net_member a ON a.id = p.mentee_id "
			   "LEFT JOIN net_member b ON b.id = p.mentor_id "
			   "WHERE p.mentee_id = ? OR p.mentor_id = ? ORDER BY p.id", "iiii",
			   member_id, member_id, member_id, member_id);
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		json_t *po = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:[]}", "pairing",
				       (json_int_t)store_col_int(st, 0), "as", store_col_text(st, 1),
				       "with", store_col_text(st, 2), "status", store_col_text(st, 3),
				       "agreed_on", store_col_text(st, 4), "ended_on",
				       store_col_text(st, 5), "feedback", store_col_text(st, 6),
				       "rating", (json_int_t)store_col_int(st, 7), "meetings");
		store_stmt_t *g;
		int rc2 = store_prepare(db, &g, e, "SELECT date, note FROM net_mentor_meeting WHERE "
					"pair_id = ? ORDER BY date", "i", store_col_int(st, 0));
		while (rc2 >= 0 && (rc2 = store_step(g, e)) == 1)
			json_array_append_new(json_object_get(po, "meetings"),
					      json_pack("{s:s,s:s}", "date", store_col_text(g, 0),
							"note", store_col_text(g, 1)));
		store_done(g);
		json_array_append_new(a, po);
		if (rc2 < 0) {
			rc = rc2;
			break;
		}
	}
	store_done(st);
	if (rc < 0)
		return rc;
	a = json_array();
	json_object_set_new(o, "outcomes", a);
	rc = store_prepare(db, &st, e, "SELECT period, applied, promoted FROM net_mentor_outcome "
			   "WHERE member_id = ? ORDER BY period", "i", member_id);
	while (rc >= 0 && (rc = store_step(st, e)) == 1)
		json_array_append_new(
			a, json_pack("{s:s,s:o,s:o}", "period", store_col_text(st, 0), "applied",
				     store_col_is_null(st, 1) ? json_null() : json_boolean(store_col_int(st, 1)),
				     "promoted",
				     store_col_is_null(st, 2) ? json_null() : json_boolean(store_col_int(st, 2))));
	store_done(st);
	return rc < 0 ? rc : 0;
}

int mentor_erase_member(store_t *db, int64_t member_id, struct err *e)
{
	char token[40], today[11];
	int rc;
	date_format(date_today(), today);
	snprintf(token, sizeof token, "erased:%lld", (long long)member_id);
	/* their email where it is someone's line manager: a token that keeps
	 * the line-manager rule and names nobody */
	rc = store_exec(db, e, "UPDATE net_mentor_profile SET line_manager = ? WHERE line_manager = "
			"(SELECT LOWER(email) FROM net_member WHERE id = ?)", "ti", token, member_id);
	if (rc >= 0)
		rc = store_exec(db, e, "DELETE FROM net_mentor_profile WHERE member_id = ?", "i",
				member_id);
	if (rc >= 0)
		rc = store_exec(db, e, "DELETE FROM net_mentor_outcome WHERE member_id = ?", "i",
				member_id);
	if (rc >= 0)
		rc = store_exec(db, e, "UPDATE net_mentor_meeting SET note = '' WHERE pair_id IN "
				"(SELECT id FROM net_mentor_pair WHERE mentee_id = ? OR mentor_id = ?)",
				"ii", member_id, member_id);
	if (rc >= 0)
		rc = store_exec(db, e, "UPDATE net_mentor_pair SET feedback = '', agreed_by = "
				"CASE WHEN agreed_by LIKE '%@%' THEN 'erased' ELSE agreed_by END, "
				"status = 'ended', ended_on = COALESCE(ended_on, ?) "
				"WHERE mentee_id = ? OR mentor_id = ?", "tii", today, member_id, member_id);
	if (rc >= 0)
		rc = store_exec(db, e, "UPDATE net_mentor_pair SET mentee_id = NULL WHERE mentee_id = ?",
				"i", member_id);
	if (rc >= 0)
		rc = store_exec(db, e, "UPDATE net_mentor_pair SET mentor_id = NULL WHERE mentor_id = ?",
				"i", member_id);
	return rc < 0 ? rc : 0;
}
