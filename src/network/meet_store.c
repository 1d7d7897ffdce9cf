/*
 * network/meet_store.c: meetings in the database — made from their
 * series' rule, venues by the rota, invitations and their mail, RSVPs,
 * attendance, the calendar feed, and what the members' part asks of us
 * (export, erasure, periodic jobs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

#include "core/dates.h"
#include "mail/mail.h"
#include "network/meet.h"

static void now_iso(char out[21])
{
	date_now_iso(out);
}

static struct date iso_date(const char *s)
{
	struct date d = {0, 0, 0};
	if (s && sscanf(s, "%4d-%2d-%2d", &d.y, &d.m, &d.d) == 3 && date_valid(d.y, d.m, d.d))
		return d;
	d.y = d.m = d.d = 0;
	return d;
}

void meet_date_words(const char *iso, char out[48])
{
	struct date d = iso_date(iso);
	char l[32];
	if (!d.y) {
		snprintf(out, 48, "%s", iso ? iso : "");
		return;
	}
	date_long(d, l);
	snprintf(out, 48, "%s %s", meet_weekday_name((int)((date_to_days(d) + 4) % 7)), l);
}

void meet_audit_target(char *out, size_t n, const char *slug, const char *date)
{
	struct date d;
	char iso[11], words[48];
	if (date_parse_user(date, "date", &d, NULL) == 0) {
		date_format(d, iso);
		meet_date_words(iso, words);
	} else {
		snprintf(words, sizeof words, "%s", date);
	}
	snprintf(out, n, "%s meeting, %s", slug, words);
}

/* The last Sunday of month m of year y. */
static int last_sunday(int y, int m)
{
	struct date d = date_end_of_month(y, m);
	long wd = (date_to_days(d) + 4) % 7;
	return d.d - (int)wd;
}

void meet_utc_stamp(const char *date, const char *hhmm, char out[20])
{
	struct date d = iso_date(date);
	int h = 0, mi = 0, bst;
	long mins;
	struct date u;
	sscanf(hhmm, "%d:%d", &h, &mi);
	if (d.m > 3 && d.m < 10)
		bst = 1;
	else if (d.m == 3)
		bst = d.d > last_sunday(d.y, 3) || (d.d == last_sunday(d.y, 3) && h >= 2);
	else if (d.m == 10)
		bst = d.d < last_sunday(d.y, 10) || (d.d == last_sunday(d.y, 10) && h < 1);
	else
		bst = 0;
	mins = date_to_days(d) * 1440L + h * 60 + mi - (bst ? 60 : 0);
	u = date_from_days(mins >= 0 ? mins / 1440 : (mins - 1439) / 1440);
	mins -= date_to_days(u) * 1440L;
	snprintf(out, 20, "%04u%02u%02uT%02u%02u00Z", (unsigned)u.y % 10000u, (unsigned)u.m % 100u,
		 (unsigned)u.d % 100u, (unsigned)(mins / 60) % 24u, (unsigned)(mins % 60) % 60u);
}

int meet_series_id(store_t *db, const char *slug, int64_t *id, struct err *e)
{
	store_stmt_t *st;
	struct buf all = BUF_INIT;
	int rc, n = 0;
	rc = store_query_int(db, id, e, "SELECT id FROM net_series WHERE slug = ?", "t", slug);
	if (rc < 0 || *id)
		return rc;
	rc = store_prepare(db, &st, e, "SELECT slug FROM net_series ORDER BY slug", "");
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		buf_puts(&all, n++ ? ", " : "");
		buf_puts(&all, store_col_text(st, 0));
	}
	store_done(st);
	if (rc < 0) {
		buf_free(&all);
		return rc;
	}
	err_set(e, ERR_NOTFOUND, "no meeting series called '%s'; %s%s", slug,
		n ? "the series are " : "there are none yet (see 'parity meeting series add')",
		buf_str(&all));
	buf_free(&all);
	return ERR_NOTFOUND;
}

int meet_meeting_id(store_t *db, int64_t series_id, struct date d, int64_t *id, struct err *e)
{
	char iso[11];
	int rc;
	date_format(d, iso);
	rc = store_query_int(db, id, e,
			     "SELECT id FROM net_meeting WHERE series_id = ? AND "
			     "(date = ? OR orig_date = ?) ORDER BY (date = ?) DESC",
			     "ittt", series_id, iso, iso, iso);
	if (rc < 0)
		return rc;
	if (!*id)
		return err_set(e, ERR_NOTFOUND, "the series has no meeting on %s (see 'parity "
			       "meeting rota')", iso);
	return 0;
}

int meet_materialise(store_t *db, int64_t sid, struct date today, struct err *e)
{
	store_stmt_t *st;
	struct date start, last, *dates;
	char rrule[256] = "", slug[48] = "", t0[6] = "", t1[6] = "", now[21];
	int rc, n = 0, i;
	rc = store_prepare(db, &st, e,
			   "SELECT rrule, dtstart, start_time, end_time, slug FROM net_series "
			   "WHERE id = ?", "i", sid);
	if (rc < 0)
		return rc;
	if ((rc = store_step(st, e)) == 1) {
		snprintf(rrule, sizeof rrule, "%s", store_col_text(st, 0));
		start = iso_date(store_col_text(st, 1));
		snprintf(t0, sizeof t0, "%s", store_col_text(st, 2));
		snprintf(t1, sizeof t1, "%s", store_col_text(st, 3));
		snprintf(slug, sizeof slug, "%s", store_col_text(st, 4));
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (!rc)
		return err_set(e, ERR_NOTFOUND, "no such meeting series");
	last = date_add_days(date_cmp(today, start) > 0 ? today : start, MEET_HORIZON_DAYS);
	dates = calloc(MEET_MAX_OCCURRENCES, sizeof *dates);
	if (!dates)
		return err_set(e, ERR_INTERNAL, "out of memory");
	rc = meet_occurrences(rrule, start, last, dates, MEET_MAX_OCCURRENCES, &n, e);
	now_iso(now);
	for (i = 0; rc >= 0 && i < n; i++) {
		char iso[11], uid[128];
		date_format(dates[i], iso);
		snprintf(uid, sizeof uid, "%s-%s@meetings.parity", slug, iso);
		rc = store_exec(db, e,
				"INSERT OR IGNORE INTO net_meeting (series_id, orig_date, date, "
				"start_time, end_time, uid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				"itttttt", sid, iso, iso, t0, t1, uid, now);
	}
	free(dates);
	return rc < 0 ? rc : meet_rota(db, sid, e);
}


int meet_rota(store_t *db, int64_t sid, struct err *e)
{
	char names[MEET_MAX_VENUES][128], skip[MEET_MAX_VENUES][11];
	struct mrow {
		int64_t id;
		char date[11];
		int fixed;
	} *rows;
	store_stmt_t *st;
	int nv = 0, nr = 0, rc, i, p = 0;
	rc = store_prepare(db, &st, e,
			   "SELECT name, skipped_from FROM net_venue WHERE series_id = ? ORDER BY pos",
			   "i", sid);
	if (rc < 0)
		return rc;
	while (nv < MEET_MAX_VENUES && (rc = store_step(st, e)) == 1) {
		const char *s = store_col_text(st, 1);
		snprintf(names[nv], sizeof names[nv], "%s", store_col_text(st, 0));
		snprintf(skip[nv], sizeof skip[nv], "%s", s ? s : "");
		nv++;
	}
	store_done(st);
	if (rc < 0)
		return rc;
	rows = calloc(MEET_MAX_OCCURRENCES + 1, sizeof *rows);
	if (!rows)
		return err_set(e, ERR_INTERNAL, "out of memory");
	rc = store_prepare(db, &st, e,
			   "SELECT id, date, venue_fixed FROM net_meeting WHERE series_id = ? "
			   "ORDER BY orig_date", "i", sid);
	if (rc < 0)
		goto done;
	while (nr <= MEET_MAX_OCCURRENCES && (rc = store_step(st, e)) == 1) {
		rows[nr].id = store_col_int(st, 0);
		snprintf(rows[nr].date, sizeof rows[nr].date, "%s", store_col_text(st, 1));
		rows[nr].fixed = (int)store_col_int(st, 2);
		nr++;
	}
	store_done(st);
	if (rc < 0)
		goto done;
	for (i = 0; i < nr; i++) {
		int k, chosen = -1;
		for (k = 0; k < nv; k++) {
			int v = (p + k) % nv;
			if (!skip[v][0] || strcmp(rows[i].date, skip[v]) < 0) {
				chosen = v;
				break;
			}
		}
		if (chosen >= 0)
			p = chosen + 1;
		if (rows[i].fixed)
			continue;
		rc = store_exec(db, e, "UPDATE net_meeting SET venue = ? WHERE id = ? AND venue <> ?",
				"tit", chosen >= 0 ? names[chosen] : "", rows[i].id,
				chosen >= 0 ? names[chosen] : "");
		if (rc < 0)
			goto done;
		if (store_changes(db) > 0 &&
		    (rc = store_exec(db, e, "UPDATE net_meeting SET sequence = sequence + 1 "
				     "WHERE id = ? AND invited_at IS NOT NULL", "i", rows[i].id)) < 0)
			goto done;
	}
	rc = 0;
done:
	free(rows);
	return rc;
}

int meet_load(store_t *db, int64_t id, struct meet_row *r, struct err *e)
{
	store_stmt_t *st;
	int rc;
	memset(r, 0, sizeof *r);
	rc = store_prepare(
		db, &st, e,
		"SELECT m.id, m.series_id, s.slug, s.name, s.kind, m.date, m.orig_date, m.start_time, "
		"m.end_time, m.venue, m.note, m.status, m.reason, m.sequence, "
		"m.invited_at IS NOT NULL, "
		"(SELECT COUNT(*) FROM net_invite i WHERE i.meeting_id = m.id AND i.invited_at IS NOT NULL), "
		"(SELECT COUNT(*) FROM net_invite i WHERE i.meeting_id = m.id AND i.rsvp = 'yes'), "
		"(SELECT COUNT(*) FROM net_invite i WHERE i.meeting_id = m.id AND i.rsvp = 'no'), "
		"(SELECT COUNT(*) FROM net_invite i WHERE i.meeting_id = m.id AND i.rsvp = 'maybe'), "
		"(SELECT COUNT(*) FROM net_invite i WHERE i.meeting_id = m.id AND i.attended = 1) "
		"FROM net_meeting m JOIN net_series s ON s.id = m.series_id WHERE m.id = ?",
		"i", id);
	if (rc < 0)
		return rc;
	if ((rc = store_step(st, e)) == 1) {
		r->id = store_col_int(st, 0);
		r->series_id = store_col_int(st, 1);
#define T(f, i) snprintf(r->f, sizeof r->f, "%s", store_col_text(st, i) ? store_col_text(st, i) : "")
		T(slug, 2);
		T(series_name, 3);
		T(kind, 4);
		T(date, 5);
		T(orig_date, 6);
		T(start, 7);
		T(end, 8);
		T(venue, 9);
		T(note, 10);
		T(status, 11);
		T(reason, 12);
#undef T
		r->sequence = (int)store_col_int(st, 13);
		r->invited = (int)store_col_int(st, 14);
		r->n_invited = store_col_int(st, 15);
		r->n_yes = store_col_int(st, 16);
		r->n_no = store_col_int(st, 17);
		r->n_maybe = store_col_int(st, 18);
		r->n_attended = store_col_int(st, 19);
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (!rc)
		return err_set(e, ERR_NOTFOUND, "no such meeting");
	return 0;
}

/* ---- mail ---------------------------------------------------------------*/

enum mail_what { MW_INVITE, MW_CHANGE, MW_CANCEL };

static void meeting_lines(const struct meet_row *r, struct buf *b)
{
	char when[48], t0[12], t1[12];
	meet_date_words(r->date, when);
	meet_time_words(r->start, t0);
	meet_time_words(r->end, t1);
	buf_printf(b, "  Date:  %s\n  Time:  %s to %s\n  Venue: %s\n", when, t0, t1,
		   r->venue[0] ? r->venue : "to be confirmed");
	if (r->note[0])
		buf_printf(b, "  Note:  %s\n", r->note);
}

static int send_one(store_t *db, const struct mail_settings *s, const struct meet_row *r,
		    int64_t invite_id, const char *email, const char *name, enum mail_what w,
		    const char *what, struct err *e)
{
	struct buf text = BUF_INIT, subj = BUF_INIT;
	char token[NET_TOKEN_HEX + 1], hash[NET_TOKEN_HEX + 1], when[48];
	struct mail_msg m;
	int rc = 0;
	meet_date_words(r->date, when);
	if (w != MW_CANCEL) {
		net_token_new(token);
		net_token_hash(token, hash);
		rc = store_exec(db, e, "UPDATE net_invite SET token_hash = ? WHERE id = ?", "ti", hash,
				invite_id);
		if (rc < 0)
			goto done;
	}
	buf_printf(&subj, "%s: %s, %s",
		   w == MW_INVITE ? "Invitation" : w == MW_CHANGE ? "Changed" : "Cancelled",
		   r->series_name, when);
	buf_printf(&text, "Dear %s,\n\n", name && *name ? name : "member");
	if (w == MW_INVITE)
		buf_printf(&text, "You are invited to the %s meeting of the staff network.\n\n",
			   r->series_name);
	else if (w == MW_CHANGE)
		buf_printf(&text, "The %s meeting you were invited to has changed (%s). "
			   "It is now:\n\n", r->series_name, what ? what : "details");
	else
		buf_printf(&text, "The %s meeting on %s is cancelled%s%s.\n\n", r->series_name,
			   when, r->reason[0] ? ": " : "", r->reason);
	if (w != MW_CANCEL) {
		static const char *const ans[3] = {"yes", "no", "maybe"};
		static const char *const words[3] = {"Yes, I will come", "No, I cannot come",
						     "Maybe"};
		int i;
		meeting_lines(r, &text);
		buf_puts(&text, "\nPlease tell us whether you can come:\n\n");
		for (i = 0; i < 3; i++)
			buf_printf(&text, "  %s:\n  %s/meetings/rsvp?t=%s&a=%s\n\n", words[i],
				   s->site_url, token, ans[i]);
		buf_puts(&text, "Each link opens a page where you confirm your answer.\n");
	}
	buf_puts(&text, "\nYou receive this because you agreed to receive meeting invitations "
		 "from the staff network. To stop them, reply to this message and say so.\n");
	m = (struct mail_msg){0};
	m.to = email;
	m.to_name = name;
	m.subject = buf_str(&subj);
	m.text = buf_str(&text);
	m.kind = "invite";
	m.ref = invite_id;
	rc = mail_queue(db, s, &m, NULL, e);
done:
	buf_free(&text);
	buf_free(&subj);
	return rc;
}

struct invitee {
	int64_t member_id;
	char email[320], name[200];
};

int meet_invite(store_t *db, int64_t meeting_id, time_t now, int *n, struct err *e)
{
	struct mail_settings s;
	struct meet_row r;
	struct invitee *who = NULL;
	size_t nw = 0, cap = 0, i;
	store_stmt_t *st;
	int64_t region = 0;
	char today[11], stamp[21];
	int rc;
	*n = 0;
	if ((rc = meet_load(db, meeting_id, &r, e)) < 0)
		return rc;
	date_day_at(now, today);
	date_iso_at(now, stamp);
	if (!strcmp(r.status, "cancelled"))
		return err_set(e, ERR_DATA, "the meeting on %s is cancelled; nobody is invited to it",
			       r.date);
	if (strcmp(r.date, today) < 0)
		return err_set(e, ERR_DATA, "the meeting on %s has already taken place", r.date);
	if ((rc = mail_settings_get(db, &s, e)) < 0)
		return rc;
	if ((rc = store_query_int(db, &region, e,
				  "SELECT COALESCE(region_id, 0) FROM net_series WHERE id = ?", "i",
				  r.series_id)) < 0)
		return rc;
	rc = store_prepare(
		db, &st, e,
		"SELECT m.id, m.email, COALESCE(m.name, '') FROM net_member m "
		"WHERE m.status = 'active' AND m.email IS NOT NULL "
		"AND (? IN ('conference', 'agm') OR (? = 'regional' AND m.region_id = ?) "
		"     OR (? = 'managers' AND m.manager = 1)) "
		"AND EXISTS (SELECT 1 FROM net_consent c WHERE c.member_id = m.id "
		"            AND c.purpose = 'meetings' AND c.withdrawn_at IS NULL) "
		"AND NOT EXISTS (SELECT 1 FROM net_invite i WHERE i.meeting_id = ? "
		"                AND i.member_id = m.id AND i.invited_at IS NOT NULL) "
		"ORDER BY m.id",
		"ttiti", r.kind, r.kind, region, r.kind, meeting_id);
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		if (nw == cap) {
			struct invitee *nwho = realloc(who, (cap = cap ? cap * 2 : 32) * sizeof *who);
			if (!nwho) {
				rc = err_set(e, ERR_INTERNAL, "out of memory");
				break;
			}
			who = nwho;
		}
		who[nw].member_id = store_col_int(st, 0);
		snprintf(who[nw].email, sizeof who[nw].email, "%s", store_col_text(st, 1));
		snprintf(who[nw].name, sizeof who[nw].name, "%s", store_col_text(st, 2));
		nw++;
	}
	store_done(st);
	for (i = 0; rc >= 0 && i < nw; i++) {
		int64_t inv = 0;
		rc = store_query_int(db, &inv, e,
				     "SELECT id FROM net_invite WHERE meeting_id = ? AND member_id = ?",
				     "ii", meeting_id, who[i].member_id);
		if (rc < 0)
			break;
		if (inv)
			rc = store_exec(db, e, "UPDATE net_invite SET invited_at = ? WHERE id = ?",
					"ti", stamp, inv);
		else {
			rc = store_exec(db, e, "INSERT INTO net_invite (meeting_id, member_id, "
					"invited_at) VALUES (?, ?, ?)", "iit", meeting_id,
					who[i].member_id, stamp);
			inv = store_last_id(db);
		}
		if (rc >= 0)
			rc = send_one(db, &s, &r, inv, who[i].email, who[i].name, MW_INVITE, NULL, e);
		if (rc >= 0)
			(*n)++;
	}
	free(who);
	if (rc < 0)
		return rc;
	return store_exec(db, e, "UPDATE net_meeting SET invited_at = COALESCE(invited_at, ?) "
			  "WHERE id = ?", "ti", stamp, meeting_id);
}

int meet_notify(store_t *db, int64_t meeting_id, const char *what, int *n, struct err *e)
{
	struct mail_settings s;
	struct meet_row r;
	struct invitee *who = NULL;
	int64_t *ids = NULL;
	size_t nw = 0, cap = 0, i;
	store_stmt_t *st;
	int rc;
	*n = 0;
	if (!mail_configured(db))
		return 0;
	if ((rc = mail_settings_get(db, &s, e)) < 0 || (rc = meet_load(db, meeting_id, &r, e)) < 0)
		return rc;
	rc = store_prepare(db, &st, e,
			   "SELECT i.id, m.email, COALESCE(m.name, '') FROM net_invite i "
			   "JOIN net_member m ON m.id = i.member_id WHERE i.meeting_id = ? "
			   "AND i.invited_at IS NOT NULL AND m.status = 'active' "
			   "AND m.email IS NOT NULL ORDER BY i.id", "i", meeting_id);
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		if (nw == cap) {
			size_t nc = cap ? cap * 2 : 32;
			struct invitee *a = realloc(who, nc * sizeof *who);
			int64_t *b = a ? realloc(ids, nc * sizeof *ids) : NULL;
			if (a)
				who = a;
			if (!a || !b) {
				rc = err_set(e, ERR_INTERNAL, "out of memory");
				break;
			}
			ids = b;
			cap = nc;
		}
		ids[nw] = store_col_int(st, 0);
		snprintf(who[nw].email, sizeof who[nw].email, "%s", store_col_text(st, 1));
		snprintf(who[nw].name, sizeof who[nw].name, "%s", store_col_text(st, 2));
		nw++;
	}
	store_done(st);
	for (i = 0; rc >= 0 && i < nw; i++) {
		rc = send_one(db, &s, &r, ids[i], who[i].email, who[i].name,
			      !strcmp(r.status, "cancelled") ? MW_CANCEL : MW_CHANGE, what, e);
		if (rc >= 0)
			(*n)++;
	}
	free(who);
	free(ids);
	return rc < 0 ? rc : 0;
}

int meet_rsvp(store_t *db, const char *token, const char *answer, struct err *e)
{
	char hash[NET_TOKEN_HEX + 1], now[21];
	int64_t member = 0;
	int rc;
	net_token_hash(token, hash);
	now_iso(now);
	rc = store_query_int(db, &member, e,
			     "SELECT member_id FROM net_invite WHERE token_hash = ? "
			     "AND member_id IS NOT NULL", "t", hash);
	if (rc < 0 || !member)
		return rc < 0 ? rc : 0;
	if ((rc = store_exec(db, e, "UPDATE net_invite SET rsvp = ?, rsvp_at = ? WHERE token_hash = ?",
			     "ttt", answer, now, hash)) < 0 ||
	    (rc = store_exec(db, e, "UPDATE net_member SET last_active = ? WHERE id = ?", "ti", now,
			     member)) < 0)
		return rc;
	return 1;
}

int meet_attend(store_t *db, int64_t meeting_id, int64_t member_id, int attended, struct err *e)
{
	int64_t inv = 0;
	char now[21];
	int rc;
	now_iso(now);
	rc = store_query_int(db, &inv, e,
			     "SELECT id FROM net_invite WHERE meeting_id = ? AND member_id = ?", "ii",
			     meeting_id, member_id);
	if (rc < 0)
		return rc;
	if (inv)
		rc = store_exec(db, e, "UPDATE net_invite SET attended = ? WHERE id = ?", "ii",
				(int64_t)attended, inv);
	else if (attended)
		rc = store_exec(db, e, "INSERT INTO net_invite (meeting_id, member_id, attended) "
				"VALUES (?, ?, 1)", "ii", meeting_id, member_id);
	if (rc >= 0 && attended)
		rc = store_exec(db, e, "UPDATE net_member SET last_active = ? WHERE id = ?", "ti", now,
				member_id);
	return rc < 0 ? rc : 0;
}

/* ---- the calendar feed --------------------------------------------------*/

int meet_ics(store_t *db, int64_t sid, struct buf *out, struct err *e)
{
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalproperty *p;
	store_stmt_t *st;
	char *s;
	int rc;
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//parity//staff network meetings//EN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	rc = store_prepare(db, &st, e,
			   "SELECT m.uid, m.date, m.start_time, m.end_time, m.venue, m.status, "
			   "m.sequence, m.updated_at, s.name, m.note, s.name FROM net_meeting m "
			   "JOIN net_series s ON s.id = m.series_id WHERE m.series_id = ? "
			   "ORDER BY m.date", "i", sid);
	if (rc < 0)
		goto done;
	{
		int first = 1;
		while ((rc = store_step(st, e)) == 1) {
			icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
			char t0[20], t1[20], stamp[20] = "";
			const char *up = store_col_text(st, 7);
			int y, mo, d, h, mi, se;
			if (first) {
				p = icalproperty_new_x(store_col_text(st, 10));
				icalproperty_set_x_name(p, "X-WR-CALNAME");
				icalcomponent_add_property(cal, p);
				first = 0;
			}
			meet_utc_stamp(store_col_text(st, 1), store_col_text(st, 2), t0);
			meet_utc_stamp(store_col_text(st, 1), store_col_text(st, 3), t1);
			if (sscanf(up, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &se) == 6)
				snprintf(stamp, sizeof stamp, "%04u%02u%02uT%02u%02u%02uZ",
					 (unsigned)y % 10000u, (unsigned)mo % 100u, (unsigned)d % 100u,
					 (unsigned)h % 100u, (unsigned)mi % 100u, (unsigned)se % 100u);
			else
				snprintf(stamp, sizeof stamp, "%s", t0);
			icalcomponent_add_property(ev, icalproperty_new_uid(store_col_text(st, 0)));
			icalcomponent_add_property(ev, icalproperty_new_dtstamp(icaltime_from_string(stamp)));
			icalcomponent_add_property(ev, icalproperty_new_dtstart(icaltime_from_string(t0)));
			icalcomponent_add_property(ev, icalproperty_new_dtend(icaltime_from_string(t1)));
			icalcomponent_add_property(ev, icalproperty_new_summary(store_col_text(st, 8)));
			if (store_col_text(st, 4)[0])
				icalcomponent_add_property(ev, icalproperty_new_location(store_col_text(st, 4)));
			if (store_col_text(st, 9)[0])
				icalcomponent_add_property(ev, icalproperty_new_description(store_col_text(st, 9)));
			icalcomponent_add_property(
				ev, icalproperty_new_status(strcmp(store_col_text(st, 5), "cancelled")
								    ? ICAL_STATUS_CONFIRMED
								    : ICAL_STATUS_CANCELLED));
			icalcomponent_add_property(ev, icalproperty_new_sequence((int)store_col_int(st, 6)));
			icalcomponent_add_component(cal, ev);
		}
	}
	store_done(st);
	if (rc < 0)
		goto done;
	s = icalcomponent_as_ical_string_r(cal);
	if (!s) {
		rc = err_set(e, ERR_INTERNAL, "the calendar could not be written");
		goto done;
	}
	buf_puts(out, s);
	free(s);
	rc = 0;
done:
	icalcomponent_free(cal);
	return rc;
}

/* ---- what the members' part asks of us -----------------------------------*/

int meet_export_member(store_t *db, int64_t member_id, json_t *out, struct err *e)
{
	json_t *a = json_array();
	store_stmt_t *st;
	int rc;
	rc = store_prepare(db, &st, e,
			   "SELECT s.name, m.date, m.venue, m.status, i.invited_at, i.rsvp, i.rsvp_at, "
			   "i.attended FROM net_invite i JOIN net_meeting m ON m.id = i.meeting_id "
			   "JOIN net_series s ON s.id = m.series_id WHERE i.member_id = ? "
			   "ORDER BY m.date", "i", member_id);
	if (rc < 0) {
		json_decref(a);
		return rc;
	}
	while ((rc = store_step(st, e)) == 1) {
		json_t *o = json_object();
#define S(k, i) json_object_set_new(o, k, store_col_text(st, i) ? json_string(store_col_text(st, i)) : json_null())
		S("series", 0);
		S("date", 1);
		S("venue", 2);
		S("meeting_status", 3);
		S("invited_at", 4);
		S("rsvp", 5);
		S("rsvp_at", 6);
#undef S
		json_object_set_new(o, "attended", json_boolean(store_col_int(st, 7)));
		json_array_append_new(a, o);
	}
	store_done(st);
	if (rc < 0) {
		json_decref(a);
		return rc;
	}
	json_object_set_new(out, "meetings", a);
	return 0;
}

int meet_erase_member(store_t *db, int64_t member_id, struct err *e)
{
	/* the rows stay, without the member: counts invited and attended hold */
	return store_exec(db, e,
			  "UPDATE net_invite SET member_id = NULL, token_hash = NULL, rsvp = NULL, "
			  "rsvp_at = NULL WHERE member_id = ?", "i", member_id);
}

int meet_jobs(store_t *db, time_t now, struct err *e)
{
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	store_stmt_t *st;
	char today[11];
	int rc;
	date_day_at(now, today);
	/* keep every series made two years ahead as the days go by */
	rc = store_prepare(db, &st, e, "SELECT id FROM net_series ORDER BY id", "");
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		if (n == cap) {
			int64_t *a = realloc(ids, (cap = cap ? cap * 2 : 16) * sizeof *ids);
			if (!a) {
				rc = err_set(e, ERR_INTERNAL, "out of memory");
				break;
			}
			ids = a;
		}
		ids[n++] = store_col_int(st, 0);
	}
	store_done(st);
	for (i = 0; rc >= 0 && i < n; i++) {
		struct date d = date_from_days((long)(now / 86400));
		rc = meet_materialise(db, ids[i], d, e);
	}
	n = 0;
	if (rc < 0 || !mail_configured(db)) {
		free(ids);
		return rc < 0 ? rc : 0;
	}
	/* due: not yet invited, not cancelled, not past, and within the
	 * series' invite_days */
	rc = store_prepare(db, &st, e,
			   "SELECT m.id, m.date, s.invite_days FROM net_meeting m "
			   "JOIN net_series s ON s.id = m.series_id WHERE m.invited_at IS NULL "
			   "AND m.status = 'scheduled' AND m.date >= ? ORDER BY m.date",
			   "t", today);
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		struct date d = iso_date(store_col_text(st, 1)), t = iso_date(today);
		if (!d.y || date_to_days(d) - date_to_days(t) > store_col_int(st, 2))
			continue;
		if (n == cap) {
			int64_t *a = realloc(ids, (cap = cap ? cap * 2 : 16) * sizeof *ids);
			if (!a) {
				rc = err_set(e, ERR_INTERNAL, "out of memory");
				break;
			}
			ids = a;
		}
		ids[n++] = store_col_int(st, 0);
	}
	store_done(st);
	for (i = 0; rc >= 0 && i < n; i++) {
		int k;
		if ((rc = store_exec(db, e, "SAVEPOINT meet_job", "")) < 0)
			break;
		rc = meet_invite(db, ids[i], now, &k, e);
		if (rc < 0) {
			struct err ig = {0, ""};
			store_exec(db, &ig, "ROLLBACK TO meet_job", "");
			store_exec(db, &ig, "RELEASE meet_job", "");
			break;
		}
		rc = store_exec(db, e, "RELEASE meet_job", "");
	}
	free(ids);
	return rc < 0 ? rc : 0;
}
