/*
 * network/meet_cmd.c: the 'parity meeting' commands — series, the rota,
 * one-off changes and cancellations, invitations, attendance, papers and
 * minutes, and the list of meetings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/cli.h"
#include "core/str.h"
#include "network/meet.h"

/* Record a change made on the command line in the audit log, as the web
 * does (who is "cli:NAME"), inside the command's transaction. */
static int cli_audit(store_t *db, const char *as, const char *what, const char *target,
		     const char *after, struct err *e)
{
	char now[21], who[96];
	date_now_iso(now);
	snprintf(who, sizeof who, "cli:%s", cli_author(as));
	return store_exec(db, e, "INSERT INTO audit_log (at, who, what, target, after) "
			  "VALUES (?, ?, ?, ?, ?)", "ttttt", now, who, what, target, after);
}

static int add_series(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *every = NULL, *on = NULL, *venues = NULL, *from = NULL, *name = NULL,
		   *kind = "regional", *region = NULL, *time_s = "18:00-20:00", *until = NULL,
		   *count = NULL, *idays = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {
		{"every", 0, CLI_STRING, &every},     {"on", 0, CLI_STRING, &on},
		{"venues", 0, CLI_STRING, &venues},   {"from", 0, CLI_STRING, &from},
		{"name", 0, CLI_STRING, &name},	      {"kind", 0, CLI_STRING, &kind},
		{"region", 0, CLI_STRING, &region},   {"time", 0, CLI_STRING, &time_s},
		{"until", 0, CLI_STRING, &until},     {"count", 0, CLI_STRING, &count},
		{"invite-days", 0, CLI_STRING, &idays}, {"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	char vn[MEET_MAX_VENUES][MEET_VENUE_MAX];
	struct meet_series_new sn;
	struct buf rule = BUF_INIT;
	int n_pos, rc, nv = 0;
	long cnt = 0, invite_days = 21;
	int64_t sid = 0;
	store_t *db = NULL;

	memset(&sn, 0, sizeof sn);
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "give the series' short name: parity meeting series add "
			       "SLUG --every 2-months --on \"2nd Tuesday\" --venues \"A;B\" --from DATE");
	if ((rc = meet_slug_ok(pos[0], e)) < 0)
		return rc;
	if (!every || !on || !venues || !from)
		return err_set(e, ERR_USAGE, "give --every, --on, --venues and --from (see 'parity "
			       "help meeting series')");
	if ((rc = meet_every_parse(every, &sn.months, e)) < 0 ||
	    (rc = meet_on_parse(on, &sn.nth, &sn.wday, e)) < 0 ||
	    (rc = meet_time_parse(time_s, sn.t0, sn.t1, e)) < 0)
		return rc;
	if (!meet_kind_ok(kind))
		return err_set(e, ERR_USAGE, "--kind: '%s' is not a kind of meeting; use regional, "
			       "managers, conference or agm", kind);
	if (!strcmp(kind, "regional") && !region && strncmp(pos[0], "regional-", 9))
		return err_set(e, ERR_USAGE, "a regional series needs --region REGION (the members "
			       "of that region are invited), or a name regional-REGION");
	if (strcmp(kind, "regional") && region)
		return err_set(e, ERR_USAGE, "--region is for regional series only; a %s series "
			       "invites %s", kind, !strcmp(kind, "managers") ? "the managers" : "every member");
	if (meet_venues_split(venues, ';', vn, &nv, e) < 0) {
		err_prefix(e, "--venues");
		if (strstr(e->msg, "empty"))
			err_set(e, ERR_USAGE, "--venues: venue %d is empty or longer than 120 "
				"characters; separate venues with ';', such as "
				"\"Reading;Oxford;Aylesbury\"", nv + 1);
		return ERR_USAGE;
	}
	if ((rc = date_parse_user(from, "--from", &sn.from, e)) < 0)
		return ERR_USAGE;
	if (until && count)
		return err_set(e, ERR_USAGE, "give --until or --count, not both");
	if (until) {
		if (date_parse_user(until, "--until", &sn.until, e) < 0)
			return ERR_USAGE;
		if (date_cmp(sn.until, sn.from) < 0)
			return err_set(e, ERR_USAGE, "--until is before --from");
	}
	if (count && str_to_int(count, 1, MEET_MAX_OCCURRENCES, &cnt) < 0)
		return err_set(e, ERR_USAGE, "--count takes a number of meetings from 1 to %d; got "
			       "'%s'", MEET_MAX_OCCURRENCES, count);
	if (idays && str_to_int(idays, 0, 365, &invite_days) < 0)
		return err_set(e, ERR_USAGE, "--invite-days takes a number of days from 0 to 365; "
			       "got '%s'", idays);
	sn.slug = pos[0];
	sn.name = name;
	sn.kind = kind;
	sn.region = region;
	sn.every_words = every;
	sn.on_words = on;
	sn.count = (int)cnt;
	sn.invite_days = (int)invite_days;
	sn.venues = (const char(*)[MEET_VENUE_MAX])vn;
	sn.n_venues = nv;
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		goto out;
	if ((rc = store_begin(db, e)) < 0) {
		store_close(db);
		goto out;
	}
	rc = meet_series_add(db, &sn, cli_author(as), &sid, &rule, e);
	if (rc == ERR_NOTFOUND && !region)
		err_prefix(e, "the series %s names no region (give --region REGION)", pos[0]);
	if (rc >= 0) {
		char target[64];
		snprintf(target, sizeof target, "series %s", pos[0]);
		rc = cli_audit(db, as, "meeting.series", target, buf_str(&rule), e);
	}
	if (rc >= 0) {
		int64_t n = 0;
		store_query_int(db, &n, e, "SELECT COUNT(*) FROM net_meeting WHERE series_id = ?", "i",
				sid);
		fprintf(ctx->out, "added series %s (%s): %lld meetings, rule %s\n", pos[0],
			name ? name : pos[0], (long long)n, buf_str(&rule));
	}
	rc = store_finish(db, rc, e);
out:
	buf_free(&rule);
	return rc;
}

static int list_series(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *pos[1];
	struct cli_opt opts[] = {{NULL, 0, 0, NULL}};
	store_stmt_t *st;
	store_t *db;
	int n_pos, rc, n = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	rc = store_prepare(db, &st, e,
			   "SELECT s.slug, s.name, s.kind, COALESCE(r.name, ''), s.every_words, "
			   "s.on_words, s.rrule, s.start_time, s.end_time FROM net_series s "
			   "LEFT JOIN net_region r ON r.id = s.region_id ORDER BY s.slug", "");
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		n++;
		fprintf(ctx->out, "%s\t%s\t%s%s%s\tevery %s on the %s, %s-%s\t%s\n",
			store_col_text(st, 0), store_col_text(st, 1), store_col_text(st, 2),
			store_col_text(st, 3)[0] ? " " : "", store_col_text(st, 3),
			store_col_text(st, 4), store_col_text(st, 5), store_col_text(st, 7),
			store_col_text(st, 8), store_col_text(st, 6));
	}
	store_done(st);
	store_close(db);
	if (rc >= 0 && !n)
		fputs("no meeting series yet; see 'parity help meeting series'\n", ctx->out);
	return rc < 0 ? rc : 0;
}

static int series_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	if (argc >= 1 && !strcmp(argv[0], "add"))
		return add_series(ctx, argc - 1, argv + 1, e);
	if (argc >= 1 && !strcmp(argv[0], "list"))
		return list_series(ctx, argc - 1, argv + 1, e);
	if (argc >= 1 && argv[0][0] == '-')
		return err_set(e, ERR_USAGE, "unknown option '%s' for 'meeting series' (give add or "
			       "list first)", argv[0]);
	return err_set(e, ERR_USAGE, "use 'parity meeting series add SLUG ...' or 'parity meeting "
		       "series list'");
}

/* The series and meeting named on the command line, inside a transaction. */
static int find_meeting(store_t *db, const char *slug, const char *date, int64_t *sid,
			int64_t *mid, struct err *e)
{
	struct date d;
	int rc;
	if ((rc = meet_series_id(db, slug, sid, e)) < 0)
		return rc;
	if (date_parse_user(date, "date", &d, e) < 0)
		return ERR_USAGE;
	return meet_meeting_id(db, *sid, d, mid, e);
}

static void print_row(struct cli_ctx *ctx, const struct meet_row *r)
{
	fprintf(ctx->out, "%s\t%s\t%s-%s\t%s\t%s%s%s\n", r->date, r->slug, r->start, r->end,
		r->venue, r->status, r->note[0] ? "\t" : "", r->note);
}

static int rota_show(struct cli_ctx *ctx, const char *slug, struct err *e)
{
	store_t *db;
	store_stmt_t *st;
	int64_t sid = 0;
	int rc;
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if ((rc = meet_series_id(db, slug, &sid, e)) < 0)
		goto done;
	rc = store_prepare(db, &st, e,
			   "SELECT date, venue, status, venue_fixed FROM net_meeting WHERE series_id = ? "
			   "ORDER BY date", "i", sid);
	while (rc >= 0 && (rc = store_step(st, e)) == 1)
		fprintf(ctx->out, "%s\t%s%s%s\n", store_col_text(st, 0), store_col_text(st, 1),
			strcmp(store_col_text(st, 2), "cancelled") ? "" : "\tcancelled",
			store_col_int(st, 3) ? "\t(set by hand)" : "");
	store_done(st);
	if (rc >= 0) {
		rc = store_prepare(db, &st, e,
				   "SELECT name, skipped_from FROM net_venue WHERE series_id = ? AND "
				   "skipped_from IS NOT NULL ORDER BY pos", "i", sid);
		while (rc >= 0 && (rc = store_step(st, e)) == 1)
			fprintf(ctx->out, "skipped: %s from %s\n", store_col_text(st, 0),
				store_col_text(st, 1));
		store_done(st);
	}
done:
	store_close(db);
	return rc < 0 ? rc : 0;
}

static int rota_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *from = NULL, *as = NULL, *pos[4];
	struct cli_opt opts[] = {
		{"from", 0, CLI_STRING, &from},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	store_t *db;
	int64_t sid = 0, vid = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 4, &n_pos, e)) < 0)
		return rc;
	if (n_pos == 1 && strcmp(pos[0], "skip") && strcmp(pos[0], "swap"))
		return rota_show(ctx, pos[0], e);
	if (n_pos == 3 && !strcmp(pos[0], "skip")) {
		struct date d = date_today();
		char iso[11];
		if (from && date_parse_user(from, "--from", &d, e) < 0)
			return ERR_USAGE;
		date_format(d, iso);
		if ((rc = net_cli_open(ctx, &db, e)) < 0)
			return rc;
		if ((rc = store_begin(db, e)) < 0) {
			store_close(db);
			return rc;
		}
		if ((rc = meet_series_id(db, pos[1], &sid, e)) < 0)
			return store_finish(db, rc, e);
		rc = store_query_int(db, &vid, e,
				     "SELECT id FROM net_venue WHERE series_id = ? AND name = ? "
				     "COLLATE NOCASE", "it", sid, pos[2]);
		if (rc >= 0 && !vid)
			rc = err_set(e, ERR_NOTFOUND, "the rota of %s has no venue '%s' (see 'parity "
				     "meeting rota %s')", pos[1], pos[2], pos[1]);
		if (rc >= 0)
			rc = store_exec(db, e, "UPDATE net_venue SET skipped_from = ? WHERE id = ?",
					"ti", iso, vid);
		if (rc >= 0)
			rc = meet_rota(db, sid, e);
		if (rc >= 0) {
			char target[64];
			snprintf(target, sizeof target, "series %s", pos[1]);
			rc = cli_audit(db, as, "meeting.skip", target, pos[2], e);
		}
		if (rc >= 0)
			fprintf(ctx->out, "the rota of %s passes over %s from %s\n", pos[1], pos[2], iso);
		return store_finish(db, rc, e);
	}
	if (n_pos == 4 && !strcmp(pos[0], "swap")) {
		struct meet_row a, b;
		int64_t m1 = 0, m2 = 0;
		char now[21];
		if ((rc = net_cli_open(ctx, &db, e)) < 0)
			return rc;
		if ((rc = store_begin(db, e)) < 0) {
			store_close(db);
			return rc;
		}
		if ((rc = find_meeting(db, pos[1], pos[2], &sid, &m1, e)) < 0 ||
		    (rc = find_meeting(db, pos[1], pos[3], &sid, &m2, e)) < 0 ||
		    (rc = meet_load(db, m1, &a, e)) < 0 || (rc = meet_load(db, m2, &b, e)) < 0)
			return store_finish(db, rc, e);
		if (m1 == m2)
			return store_finish(
				db, err_set(e, ERR_USAGE, "give two different meetings to swap"), e);
		date_now_iso(now);
		rc = store_exec(db, e, "UPDATE net_meeting SET venue = ?, venue_fixed = 1, hand = 1, "
				"sequence = sequence + 1, updated_at = ? WHERE id = ?", "tti", b.venue,
				now, m1);
		if (rc >= 0)
			rc = store_exec(db, e, "UPDATE net_meeting SET venue = ?, venue_fixed = 1, "
					"hand = 1, sequence = sequence + 1, updated_at = ? WHERE id = ?",
					"tti", a.venue, now, m2);
		if (rc >= 0) {
			int n1, n2;
			if ((rc = meet_notify(db, m1, "the venue", &n1, e)) >= 0)
				rc = meet_notify(db, m2, "the venue", &n2, e);
		}
		if (rc >= 0) {
			char target[192];
			{
		char w1[48], w2[48];
		meet_date_words(a.date, w1);
		meet_date_words(b.date, w2);
		snprintf(target, sizeof target, "series %s: %s and %s", pos[1], w1, w2);
	}
			rc = cli_audit(db, as, "meeting.swap", target, NULL, e);
		}
		if (rc >= 0)
			fprintf(ctx->out, "swapped: %s now at %s, %s now at %s\n", a.date, b.venue,
				b.date, a.venue);
		return store_finish(db, rc, e);
	}
	return err_set(e, ERR_USAGE, "use 'parity meeting rota SLUG', 'parity meeting rota skip "
		       "SLUG VENUE [--from DATE]' or 'parity meeting rota swap SLUG DATE1 DATE2'");
}

static int change_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *venue = NULL, *ndate = NULL, *time_s = NULL, *note = NULL, *as = NULL, *pos[2];
	struct cli_opt opts[] = {
		{"venue", 0, CLI_STRING, &venue}, {"date", 0, CLI_STRING, &ndate},
		{"time", 0, CLI_STRING, &time_s}, {"note", 0, CLI_STRING, &note},
		{"as", 0, CLI_STRING, &as},	  {NULL, 0, 0, NULL},
	};
	char t0[6] = "", t1[6] = "", iso[11] = "", now[21];
	struct buf what = BUF_INIT;
	struct meet_row r;
	store_t *db;
	int64_t sid, mid, other = 0;
	int n_pos, rc, nn = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 2, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 2)
		return err_set(e, ERR_USAGE, "usage: parity meeting change SLUG DATE [--venue V] "
			       "[--date NEW] [--time T] [--note TEXT]");
	if (!venue && !ndate && !time_s && !note)
		return err_set(e, ERR_USAGE, "say what changes: --venue, --date, --time or --note");
	if (venue && (!*venue || strlen(venue) > 120))
		return err_set(e, ERR_USAGE, "--venue must be 1 to 120 characters");
	if (note && strlen(note) > 500)
		return err_set(e, ERR_USAGE, "--note must be at most 500 characters");
	if (time_s && (rc = meet_time_parse(time_s, t0, t1, e)) < 0)
		return rc;
	if (ndate) {
		struct date d;
		if (date_parse_user(ndate, "--date", &d, e) < 0)
			return ERR_USAGE;
		date_format(d, iso);
	}
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_begin(db, e)) < 0) {
		store_close(db);
		return rc;
	}
	if ((rc = find_meeting(db, pos[0], pos[1], &sid, &mid, e)) < 0 ||
	    (rc = meet_load(db, mid, &r, e)) < 0)
		goto done;
	if (!strcmp(r.status, "cancelled")) {
		rc = err_set(e, ERR_DATA, "the meeting on %s is cancelled", r.date);
		goto done;
	}
	if (ndate) {
		rc = store_query_int(db, &other, e, "SELECT id FROM net_meeting WHERE series_id = ? "
				     "AND date = ? AND id <> ?", "iti", sid, iso, mid);
		if (rc >= 0 && other)
			rc = err_set(e, ERR_DATA, "the series already has a meeting on %s", iso);
		if (rc < 0)
			goto done;
	}
	date_now_iso(now);
	rc = store_exec(db, e,
			"UPDATE net_meeting SET venue = COALESCE(?, venue), "
			"venue_fixed = CASE WHEN ? IS NULL THEN venue_fixed ELSE 1 END, "
			"date = COALESCE(?, date), start_time = COALESCE(?, start_time), "
			"end_time = COALESCE(?, end_time), note = COALESCE(?, note), hand = 1, "
			"sequence = sequence + 1, updated_at = ? WHERE id = ?",
			"ttttttti", venue, venue, ndate ? iso : NULL, time_s ? t0 : NULL,
			time_s ? t1 : NULL, note, now, mid);
	if (venue)
		buf_puts(&what, "the venue");
	if (ndate)
		buf_printf(&what, "%sthe date", what.len ? ", " : "");
	if (time_s)
		buf_printf(&what, "%sthe time", what.len ? ", " : "");
	if (note)
		buf_printf(&what, "%sa note", what.len ? ", " : "");
	if (rc >= 0)
		rc = meet_notify(db, mid, buf_str(&what), &nn, e);
	if (rc >= 0) {
		char target[128];
		meet_audit_target(target, sizeof target, pos[0], r.orig_date);
		rc = cli_audit(db, as, "meeting.change", target, buf_str(&what), e);
	}
	if (rc >= 0 && (rc = meet_load(db, mid, &r, e)) >= 0) {
		print_row(ctx, &r);
		if (nn)
			fprintf(ctx->out, "%d invited member%s mailed about the change\n", nn,
				nn == 1 ? "" : "s");
	}
done:
	buf_free(&what);
	return store_finish(db, rc, e);
}

static int cancel_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *reason = NULL, *as = NULL, *pos[2];
	struct cli_opt opts[] = {
		{"reason", 0, CLI_STRING, &reason},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	struct meet_row r;
	store_t *db;
	int64_t sid, mid;
	char now[21];
	int n_pos, rc, nn = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 2, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 2)
		return err_set(e, ERR_USAGE, "usage: parity meeting cancel SLUG DATE --reason TEXT");
	if (!reason || !*reason || strlen(reason) > 500)
		return err_set(e, ERR_USAGE, "give --reason TEXT (1 to 500 characters): the invited "
			       "members are told it");
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_begin(db, e)) < 0) {
		store_close(db);
		return rc;
	}
	if ((rc = find_meeting(db, pos[0], pos[1], &sid, &mid, e)) < 0 ||
	    (rc = meet_load(db, mid, &r, e)) < 0)
		goto done;
	if (!strcmp(r.status, "cancelled")) {
		rc = err_set(e, ERR_DATA, "the meeting on %s is already cancelled", r.date);
		goto done;
	}
	date_now_iso(now);
	rc = store_exec(db, e, "UPDATE net_meeting SET status = 'cancelled', reason = ?, hand = 1, "
			"sequence = sequence + 1, updated_at = ? WHERE id = ?", "tti", reason, now, mid);
	if (rc >= 0)
		rc = meet_notify(db, mid, NULL, &nn, e);
	if (rc >= 0) {
		char target[128];
		meet_audit_target(target, sizeof target, pos[0], r.orig_date);
		rc = cli_audit(db, as, "meeting.cancel", target, reason, e);
	}
	if (rc >= 0)
		fprintf(ctx->out, "cancelled the %s meeting on %s; %d invited member%s mailed\n",
			pos[0], r.date, nn, nn == 1 ? "" : "s");
done:
	return store_finish(db, rc, e);
}

static int invite_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *pos[2];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as}, {NULL, 0, 0, NULL}};
	store_t *db;
	int64_t sid, mid;
	int n_pos, rc, n = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 2, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 2)
		return err_set(e, ERR_USAGE, "usage: parity meeting invite SLUG DATE");
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_begin(db, e)) < 0) {
		store_close(db);
		return rc;
	}
	if ((rc = find_meeting(db, pos[0], pos[1], &sid, &mid, e)) >= 0)
		rc = meet_invite(db, mid, time(NULL), &n, e);
	if (rc >= 0) {
		char target[128], after[32];
		meet_audit_target(target, sizeof target, pos[0], pos[1]);
		snprintf(after, sizeof after, "%d invited", n);
		rc = cli_audit(db, as, "meeting.invite", target, after, e);
	}
	if (rc >= 0)
		fprintf(ctx->out, "invited %d member%s (queued in the outbox)\n", n, n == 1 ? "" : "s");
	return store_finish(db, rc, e);
}

static int attend_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *pos[34];
	int absent = 0;
	struct cli_opt opts[] = {{"absent", 0, CLI_FLAG, &absent}, {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	store_t *db;
	int64_t sid, mid, member;
	int n_pos, rc, i;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 34, &n_pos, e)) < 0)
		return rc;
	if (n_pos < 3)
		return err_set(e, ERR_USAGE, "usage: parity meeting attend SLUG DATE EMAIL... [--absent]");
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_begin(db, e)) < 0) {
		store_close(db);
		return rc;
	}
	rc = find_meeting(db, pos[0], pos[1], &sid, &mid, e);
	for (i = 2; rc >= 0 && i < n_pos; i++)
		if ((rc = net_member_by_email(db, pos[i], &member, e)) >= 0)
			rc = meet_attend(db, mid, member, !absent, e);
	if (rc >= 0) {
		struct meet_row r;
		char target[128], after[32];
		if ((rc = meet_load(db, mid, &r, e)) >= 0) {
			meet_audit_target(target, sizeof target, r.slug, r.orig_date);
			snprintf(after, sizeof after, "%lld attended", (long long)r.n_attended);
			rc = cli_audit(db, as, "meeting.attend", target, after, e);
		}
		if (rc >= 0)
			fprintf(ctx->out, "%s %s: %lld invited, %lld yes, %lld no, %lld attended\n",
				r.slug, r.date, (long long)r.n_invited, (long long)r.n_yes,
				(long long)r.n_no, (long long)r.n_attended);
	}
	return store_finish(db, rc, e);
}

static int read_file(const char *path, char **data, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	if (!f)
		return err_set(e, ERR_IO, "cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > MEET_DOC_MAX) {
			fclose(f);
			buf_free(&b);
			return err_set(e, ERR_DATA, "%s is larger than %d MiB; papers and minutes must "
				       "be smaller", path, MEET_DOC_MAX >> 20);
		}
		buf_append(&b, chunk, n);
	}
	fclose(f);
	*len = b.len;
	*data = b.len ? buf_take(&b) : NULL;
	buf_free(&b);
	if (!*len)
		return err_set(e, ERR_DATA, "%s is empty", path);
	return 0;
}

static int doc_cmd(struct cli_ctx *ctx, int argc, char **argv, const char *kind, struct err *e)
{
	const char *title = NULL, *file = NULL, *as = NULL, *pos[2];
	int pub = 0;
	struct cli_opt opts[] = {
		{"title", 0, CLI_STRING, &title}, {"file", 0, CLI_STRING, &file},
		{"public", 0, CLI_FLAG, &pub},	  {"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	store_t *db;
	int64_t sid, mid;
	char *data = NULL;
	size_t len = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 2, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 2 || !file)
		return err_set(e, ERR_USAGE, "usage: parity meeting %s SLUG DATE %s--file F%s", kind,
			       !strcmp(kind, "paper") ? "--title T " : "",
			       !strcmp(kind, "minutes") ? " [--public]" : "");
	if (!strcmp(kind, "paper") && (!title || !*title))
		return err_set(e, ERR_USAGE, "give the paper's --title");
	if (!strcmp(kind, "paper") && pub)
		return err_set(e, ERR_USAGE, "--public is for minutes; papers are for members only");
	if ((rc = read_file(file, &data, &len, e)) < 0)
		return rc;
	if (!meet_doc_mime(data, len)) {
		free(data);
		return err_set(e, ERR_DATA, "%s is neither a PDF nor a text file", file);
	}
	if ((rc = net_cli_open(ctx, &db, e)) < 0) {
		free(data);
		return rc;
	}
	if ((rc = store_begin(db, e)) < 0) {
		store_close(db);
		free(data);
		return rc;
	}
	if ((rc = find_meeting(db, pos[0], pos[1], &sid, &mid, e)) >= 0)
		rc = meet_doc_add(db, mid, kind, title, str_file_name(file), data, len, pub,
				  cli_author(as), e);
	if (rc >= 0) {
		char target[128], what[32];
		meet_audit_target(target, sizeof target, pos[0], pos[1]);
		snprintf(what, sizeof what, "meeting.%s", kind);
		rc = cli_audit(db, as, what, target, str_file_name(file), e);
	}
	if (rc >= 0)
		fprintf(ctx->out, "kept %s (%s) with the %s meeting on %s%s\n", str_file_name(file),
			kind, pos[0], pos[1], pub ? "; shown on the public calendar" : "");
	rc = store_finish(db, rc, e);
	free(data);
	return rc;
}

static int paper_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	return doc_cmd(ctx, argc, argv, "paper", e);
}

static int minutes_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	return doc_cmd(ctx, argc, argv, "minutes", e);
}

static int list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *series = NULL, *from = NULL, *format = "text", *pos[1];
	struct cli_opt opts[] = {
		{"series", 0, CLI_STRING, &series},
		{"from", 0, CLI_STRING, &from},
		{"format", 0, CLI_STRING, &format},
		{NULL, 0, 0, NULL},
	};
	struct date d = date_today();
	char iso[11];
	store_stmt_t *st;
	store_t *db;
	int64_t sid = 0, *ids = NULL;
	size_t n = 0, cap = 0, i;
	int n_pos, rc;
	json_t *a = NULL;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "unknown format '%s'; use text or json", format);
	if (from && date_parse_user(from, "--from", &d, e) < 0)
		return ERR_USAGE;
	date_format(d, iso);
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if (series && (rc = meet_series_id(db, series, &sid, e)) < 0)
		goto done;
	rc = store_prepare(db, &st, e,
			   "SELECT id FROM net_meeting WHERE date >= ? AND (? = 0 OR series_id = ?) "
			   "ORDER BY date, series_id", "tii", iso, sid, sid);
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		if (n == cap) {
			int64_t *x = realloc(ids, (cap = cap ? cap * 2 : 64) * sizeof *ids);
			if (!x) {
				rc = err_set(e, ERR_INTERNAL, "out of memory");
				break;
			}
			ids = x;
		}
		ids[n++] = store_col_int(st, 0);
	}
	store_done(st);
	if (!strcmp(format, "json"))
		a = json_array();
	for (i = 0; rc >= 0 && i < n; i++) {
		struct meet_row r;
		if ((rc = meet_load(db, ids[i], &r, e)) < 0)
			break;
		if (a)
			json_array_append_new(
				a, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:I}",
					     "series", r.slug, "date", r.date, "start", r.start, "end",
					     r.end, "venue", r.venue, "status", r.status, "note", r.note,
					     "reason", r.reason, "invited", (json_int_t)r.n_invited,
					     "yes", (json_int_t)r.n_yes, "no", (json_int_t)r.n_no,
					     "maybe", (json_int_t)r.n_maybe, "attended",
					     (json_int_t)r.n_attended));
		else
			print_row(ctx, &r);
	}
	if (rc >= 0 && a) {
		char *s = json_dumps(a, JSON_INDENT(2));
		fprintf(ctx->out, "%s\n", s ? s : "[]");
		free(s);
	} else if (rc >= 0 && !n) {
		fputs("no meetings from that date\n", ctx->out);
	}
	json_decref(a);
	free(ids);
done:
	store_close(db);
	return rc < 0 ? rc : 0;
}

const struct cli_command meeting_commands[] = {
	{"meeting series", series_cmd, "add or list meeting series (a rule and a venue rota)",
	 "usage: parity meeting series add SLUG --every E --on \"NTH WEEKDAY\" --venues \"A;B;C\"\n"
	 "                  --from DATE [--name NAME] [--kind regional|managers|conference|agm]\n"
	 "                  [--region R] [--time 18:00-20:00] [--until DATE | --count N]\n"
	 "                  [--invite-days N] [--as NAME]\n"
	 "       parity meeting series list\n"
	 "\n"
	 "--every is month, N-months (2-months), quarter or year; --on is 1st, 2nd, 3rd,\n"
	 "4th or last and a weekday. The rule is stored as RFC 5545 (FREQ=MONTHLY;\n"
	 "INTERVAL=2;BYDAY=2TU) and meetings are made for two years ahead, the venues\n"
	 "taken in turn. A regional series (--region) invites the region's members,\n"
	 "managers the members marked manager, conference and agm every member; only\n"
	 "active members who agreed to meeting invitations are invited, --invite-days\n"
	 "(default 21) before. Example:\n"
	 "  parity meeting series add regional-south --every 2-months --on \"2nd Tuesday\" \\\n"
	 "      --venues \"Reading;Oxford;Aylesbury\" --from 2026-01-01 --region South\n"},
	{"meeting list", list_cmd, "the meetings from today (or --from DATE)",
	 "usage: parity meeting list [--series SLUG] [--from DATE] [--format text|json]\n"
	 "Example:\n  parity meeting list --series regional-south --format json\n"},
	{"meeting rota", rota_cmd, "a series' dates and venues; skip or swap a venue",
	 "usage: parity meeting rota SLUG\n"
	 "       parity meeting rota skip SLUG VENUE [--from DATE]\n"
	 "       parity meeting rota swap SLUG DATE1 DATE2\n"
	 "\n"
	 "skip: the rota passes over VENUE from today (or --from DATE) on; swap: two\n"
	 "meetings swap venues (the invited are told). Example:\n"
	 "  parity meeting rota skip regional-south Oxford\n"},
	{"meeting change", change_cmd, "change one meeting (venue, date, time, note)",
	 "usage: parity meeting change SLUG DATE [--venue V] [--date NEW] [--time T]\n"
	 "                  [--note TEXT]\n"
	 "The invited members are mailed the change. Example:\n"
	 "  parity meeting change regional-south 2026-03-10 --venue \"Oxford Town Hall\"\n"},
	{"meeting cancel", cancel_cmd, "cancel one meeting",
	 "usage: parity meeting cancel SLUG DATE --reason TEXT\n"
	 "The invited members are mailed. Example:\n"
	 "  parity meeting cancel regional-south 2026-05-12 --reason \"Venue closed\"\n"},
	{"meeting invite", invite_cmd, "mail the invitations of one meeting now",
	 "usage: parity meeting invite SLUG DATE\n"
	 "Each invited member gets a mail with links to answer yes, no or maybe\n"
	 "(mail run and serve send invitations when due by themselves). Example:\n"
	 "  parity meeting invite regional-south 2027-01-12\n"},
	{"meeting attend", attend_cmd, "record who attended a meeting",
	 "usage: parity meeting attend SLUG DATE EMAIL... [--absent]\n"
	 "Example:\n  parity meeting attend regional-south 2026-03-10 ada@example.org\n"},
	{"meeting paper", paper_cmd, "keep a paper (PDF or text) with a meeting",
	 "usage: parity meeting paper SLUG DATE --title T --file F\n"
	 "At most 8 MiB; members' staff download it from the meeting's page. Example:\n"
	 "  parity meeting paper agm 2026-10-14 --title \"Annual report\" --file report.pdf\n"},
	{"meeting minutes", minutes_cmd, "keep a meeting's minutes (PDF or text)",
	 "usage: parity meeting minutes SLUG DATE --file F [--public]\n"
	 "--public shows them on the public meetings calendar. Example:\n"
	 "  parity meeting minutes agm 2026-10-14 --file minutes.pdf --public\n"},
	{NULL, NULL, NULL, NULL},
};
