/*
 * network/internal.h: what the network's three parts (members, meetings,
 * lists) share. Only network/ includes it.
 */
#ifndef PARITY_NETWORK_INTERNAL_H
#define PARITY_NETWORK_INTERNAL_H

#include <jansson.h>

#include "core/buf.h"
#include "network/network.h"

/* The purposes consent is given for (net_consent.purpose). */
#define NET_N_PURPOSES 4
extern const char *const net_purposes[NET_N_PURPOSES]; /* "mailing", "meetings", ... */
/* The purpose's words for people: "the mailing list", "meeting invitations". */
const char *net_purpose_words(const char *purpose);
/* 0 when s names a purpose; ERR_USAGE listing them otherwise. */
int net_purpose_ok(const char *s, struct err *e);

/* Random tokens for links in mail (confirm, RSVP, unsubscribe): 32 random
 * bytes as 64 hex digits. Only a token's hash is stored (net_token_hash,
 * BLAKE2b hex), so a copy of the database opens no link. */
#define NET_TOKEN_HEX 64
void net_token_new(char out[NET_TOKEN_HEX + 1]);
void net_token_hash(const char *token, char out[NET_TOKEN_HEX + 1]);

/* The member with this email (any status but erased) into *id: 0 and *id
 * set, or ERR_NOTFOUND "no member with email X (see 'parity member
 * list')". */
int net_member_by_email(store_t *db, const char *email, int64_t *id, struct err *e);
/* 1 when the member holds consent for purpose now (given, not withdrawn),
 * 0 when not, negative on error. */
int net_consent_held(store_t *db, int64_t member_id, const char *purpose, struct err *e);
/* The region named name into *id, made when make is 1 and it is new;
 * ERR_NOTFOUND naming the regions there are when make is 0. */
int net_region_id(store_t *db, const char *name, int make, int64_t *id, struct err *e);

/* Equality details a member chose to give (net_member_char, migration
 * 022; docs/network.md "Equality details"): optional, one value per
 * characteristic. Set stores value with its analysis group
 * (monitor_group_of: ERR_DATA saying what is accepted for a value not
 * understood); a NULL or blank value removes the answer. In the caller's
 * transaction. */
int net_member_char_set(store_t *db, int64_t member_id, const char *characteristic,
			const char *value, struct err *e);
/* The analysis group member_id is counted in for characteristic (a column
 * name: "ethnicity", "sex" ...) into group (n bytes): "Black", "Not
 * stated", or "Missing" when the member gave none. */
int net_member_group(store_t *db, int64_t member_id, const char *characteristic, char *group,
		     size_t n, struct err *e);
/* A member's equality details as a JSON object {"ethnicity": "B1", ...}
 * (new reference) into *out. */
int net_member_chars_json(store_t *db, int64_t member_id, json_t **out, struct err *e);

/* The network's commands (the *_cmd.c files): open the database named
 * by --db / $PARITY_DB (store_open's errors). A command's transaction is
 * store_open_begin / store_finish (store/store.h). */
int net_cli_open(struct cli_ctx *ctx, store_t **db, struct err *e);

/* The network's clock: $PARITY_NOW (unix seconds) when set, for tests
 * that need days to pass (pending requests expiring, bounce scores going
 * stale); time(NULL) otherwise. Every part reads the time through it. */
time_t net_now(void);

/* Rate limits on the public forms: records a hit of address on bucket at
 * now and returns 1 when it is within max hits in the last window
 * seconds (so the form may go on), 0 when over (answer 429 and say when
 * to try again). Hits older than an hour are cleared. Writes: call it
 * inside the request's transaction. */
int net_rate_hit(store_t *db, const char *bucket, const char *address, int max, int window,
		 time_t now, struct err *e);

/* Subject access and erasure reach every part: each part adds what it
 * holds about an email address to a member's export (an object of
 * arrays), and erases it. Members (member.c) call them all.
 *   meetings (meet*.c): RSVPs and attendance by member id;
 *   lists (list*.c): subscriptions by email address;
 *   mentoring (mentor*.c): profiles, pairings, meetings and outcomes by
 *   member id ("mentoring" in the export). */
int meet_export_member(store_t *db, int64_t member_id, json_t *out, struct err *e);
int meet_erase_member(store_t *db, int64_t member_id, struct err *e);
int list_export_email(store_t *db, const char *email, json_t *out, struct err *e);
int list_erase_email(store_t *db, const char *email, struct err *e);
int mentor_export_member(store_t *db, int64_t member_id, json_t *out, struct err *e);
int mentor_erase_member(store_t *db, int64_t member_id, struct err *e);
/*   surveys (survey_respond.c): a named survey's responses by member id;
 *   erasure unlinks them (the responses stay, anonymous) and the member's
 *   personal links. */
int survey_export_member(store_t *db, int64_t member_id, json_t *out, struct err *e);
int survey_erase_member(store_t *db, int64_t member_id, struct err *e);

/* The periodic work of each part (network_jobs runs them all). case_jobs
 * (case.c) purges the closed cases past the retention period and mails
 * the hearing reminders, in a transaction of its own. */
int meet_jobs(store_t *db, time_t now, struct err *e);
int list_jobs(store_t *db, time_t now, struct err *e);
int case_jobs(store_t *db, time_t now, struct err *e);
/* Casework's part of erasure and subject access (case.c): the number of
 * cases (not purged) that member_id has into *n. A member with cases is
 * not erased; the export says only how many there are. */
int case_member_cases(store_t *db, int64_t member_id, int64_t *n, struct err *e);

/* The page sections of the network's pages (web_page_begin). */
#define SEC_MEMBERS "members"
#define SEC_MEETINGS "meetings"
#define SEC_LISTS "lists"

#endif
