/*
 * network/meet.h: what the meetings part's files (network/meet*.c)
 * share. Only meet*.c include it.
 */
#ifndef PARITY_NETWORK_MEET_H
#define PARITY_NETWORK_MEET_H

#include "core/dates.h"
#include "network/internal.h"

/* --- the rule (meet_rule.c; pure, fuzzed by fuzz/fuzz_meet_rule.c) --- */

/* "2-months", "month", "quarter", "3-months", "year" into *months (1 to
 * 12; a year is 12). ERR_USAGE naming --every and the accepted forms. */
int meet_every_parse(const char *s, int *months, struct err *e);
/* "2nd Tuesday", "last Friday" into *nth (1 to 4, or -1 for the last)
 * and *wday (0 Sunday .. 6 Saturday). ERR_USAGE naming --on. */
int meet_on_parse(const char *s, int *nth, int *wday, struct err *e);
/* "18:00-20:00" into start and end ("HH:MM", 6 bytes each), the end
 * after the start. ERR_USAGE naming --time. */
int meet_time_parse(const char *s, char start[6], char end[6], struct err *e);
/* The RFC 5545 rule: FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU, with
 * ;UNTIL=YYYYMMDD or ;COUNT=N when given (until.y 0 and count 0: none). */
void meet_rrule(int months, int nth, int wday, struct date until, int count, struct buf *out);
/* The dates of rrule from dtstart up to and including last, at most max,
 * into out (computed by libical); the count into *n. ERR_DATA for a rule
 * libical cannot read. */
int meet_occurrences(const char *rrule, struct date dtstart, struct date last, struct date *out,
		     int max, int *n, struct err *e);
/* "Tuesday" for 2. */
const char *meet_weekday_name(int wday);
/* "6pm", "6:30pm" for "18:30" into out (12 bytes). */
void meet_time_words(const char *hhmm, char out[12]);
/* 0 for a slug of 1 to 40 lowercase letters, digits and '-'. */
int meet_slug_ok(const char *s, struct err *e);

/* --- the store (meet_store.c) --- */

#define MEET_HORIZON_DAYS 731 /* meetings are made two years ahead */
#define MEET_MAX_OCCURRENCES 400
#define MEET_DOC_MAX (8 * 1024 * 1024) /* a paper or the minutes, at most */

/* The series called slug into *id: ERR_NOTFOUND naming the series there are. */
int meet_series_id(store_t *db, const char *slug, int64_t *id, struct err *e);
/* The meeting of series on date (its date now, or the date the rule gave
 * it) into *id: ERR_NOTFOUND listing nothing personal. */
int meet_meeting_id(store_t *db, int64_t series_id, struct date d, int64_t *id, struct err *e);
/* Make the series' meetings from its rule up to two years past today (or
 * its start), drop future ones the rule no longer gives (unless invited
 * or changed by hand), then give venues by the rota. In the caller's
 * transaction. */
int meet_materialise(store_t *db, int64_t series_id, struct date today, struct err *e);
/* Give the series' meetings their venues by the rota: venues in turn,
 * passing over a venue from the day it is skipped; meetings whose venue
 * was set by hand keep it (the rota still moves on). */
int meet_rota(store_t *db, int64_t series_id, struct err *e);
/* Invite the members the meeting's series invites (active, consent for
 * meetings held, and of the region / managers / everyone by its kind)
 * who are not invited yet: one mail each (kind "invite", ref the
 * invitation). *n gets the number invited. ERR_DATA when mail is not set
 * up or the meeting is cancelled or past. */
int meet_invite(store_t *db, int64_t meeting_id, time_t now, int *n, struct err *e);
/* Mail every invited member that the meeting changed (what: words) or was
 * cancelled; *n gets how many. Mail not set up: nothing sent, 0. */
int meet_notify(store_t *db, int64_t meeting_id, const char *what, int *n, struct err *e);
/* Record an answer (yes, no, maybe) for the invitation whose token is
 * token: 1 recorded, 0 no such token; bumps the member's last_active. */
int meet_rsvp(store_t *db, const char *token, const char *answer, struct err *e);
/* Mark member attended (1) or not (0) at meeting: an invitation row is
 * made when the member was not invited. */
int meet_attend(store_t *db, int64_t meeting_id, int64_t member_id, int attended,
		struct err *e);

/* A meeting as pages and commands show it. */
struct meet_row {
	int64_t id, series_id;
	char slug[48], series_name[128], kind[16];
	char date[11], orig_date[11], start[6], end[6];
	char venue[128], note[512], status[16], reason[512];
	int sequence, invited;
	int64_t n_invited, n_yes, n_no, n_maybe, n_attended;
};
/* The meeting id into r. */
int meet_load(store_t *db, int64_t id, struct meet_row *r, struct err *e);
/* "Tuesday 13 January 2026" into out (48 bytes). */
void meet_date_words(const char *iso, char out[48]);
/* An audit log target in words: "regional-south meeting, Tuesday 13
 * January 2026" for slug and a date as typed (ISO or UK). */
void meet_audit_target(char *out, size_t n, const char *slug, const char *date);
/* Local date and time in Europe/London to a UTC "YYYYMMDDTHHMMSSZ" (17 bytes). */
void meet_utc_stamp(const char *date, const char *hhmm, char out[20]);
/* The series' calendar (RFC 5545, libical) into out: no personal data. */
int meet_ics(store_t *db, int64_t series_id, struct buf *out, struct err *e);

/* --- adding a series, keeping a document (meet_series.c): shared by the
 * commands and the staff pages, which each add their own audit entry --- */

#define MEET_MAX_VENUES 32
#define MEET_VENUE_MAX 128 /* a venue's bytes with the NUL; at most 120 characters */

/* A new series, its fields parsed (meet_every_parse, meet_on_parse,
 * meet_time_parse). region NULL or "": none (a regional series then takes
 * it from a slug regional-REGION). until.y 0 and count 0: no end. */
struct meet_series_new {
	const char *slug, *name, *kind, *region, *every_words, *on_words;
	int months, nth, wday, count, invite_days;
	char t0[6], t1[6];
	struct date from, until;
	const char (*venues)[MEET_VENUE_MAX];
	int n_venues;
};

/* 1 for regional, managers, conference or agm. */
int meet_kind_ok(const char *kind);
/* Split a venue rota at sep (';' on the command line, where an empty
 * venue is a mistake; '\n' on the web, where blank lines are skipped)
 * into out, trimmed: 1 to MEET_MAX_VENUES venues of 1 to 120 characters,
 * else ERR_USAGE saying which. */
int meet_venues_split(const char *s, int sep, char out[][MEET_VENUE_MAX], int *n,
		      struct err *e);
/* The first date the rule gives on or after from (from itself when none
 * within 400 days). */
int meet_first_date(int months, int nth, int wday, struct date from, struct date *first,
		    struct err *e);
/* Add the series: its rule (into rule, RFC 5545), venues and meetings
 * (meet_materialise), created by who; *sid its id. ERR_DATA when the slug
 * is taken, ERR_NOTFOUND for an unknown region. In the caller's
 * transaction. */
int meet_series_add(store_t *db, const struct meet_series_new *s, const char *who,
		    int64_t *sid, struct buf *rule, struct err *e);
/* "application/pdf" for a PDF, "text/plain; charset=utf-8" for text (no
 * NUL bytes); NULL for anything else. */
const char *meet_doc_mime(const void *data, size_t n);
/* Keep a paper (title needed, never public) or the minutes (replacing
 * any, public or not) with the meeting: 1 byte to MEET_DOC_MAX, a PDF or
 * text, else ERR_DATA / ERR_USAGE saying why. In the caller's transaction. */
int meet_doc_add(store_t *db, int64_t meeting_id, const char *kind, const char *title,
		 const char *file_name, const void *data, size_t len, int pub, const char *who,
		 struct err *e);

/* --- the staff pages that add a series and keep documents
 * (meet_web_add.c; routes in meet_web.c) --- */
struct web_req;
struct web_resp;
struct web_field_error;
int meet_series_new_get(struct web_req *rq, struct web_resp *rs, struct err *e);
int meet_series_new_post(struct web_req *rq, struct web_resp *rs, struct err *e);
/* The upload page of a paper or the minutes (kind) of meeting r. */
int meet_doc_form(struct web_req *rq, struct web_resp *rs, const struct meet_row *r,
		  const char *kind, const struct web_field_error *errs, int n_errs);
int meet_doc_post(struct web_req *rq, struct web_resp *rs, struct err *e);

extern const struct cli_command meeting_commands[];

#endif
