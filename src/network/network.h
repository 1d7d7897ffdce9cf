/*
 * network: the staff network — its members and their consent, its
 * meetings, and its mailing lists (issue 17; mentoring, casework and
 * consultations come with issue 18). The site (src/app) reaches it only
 * through this header. docs/network.md says what it does and why.
 */
#ifndef PARITY_NETWORK_H
#define PARITY_NETWORK_H

#include <stdint.h>
#include <time.h>

#include "core/err.h"
#include "core/room.h"
#include "store/store.h"

/* Three rooms (core/room.h), one per part, each with its commands, pages
 * and navigation: members and consent (network/member*.c), meetings
 * (network/meet*.c) and mailing lists (network/list*.c). */
extern const struct room member_room;
extern const struct room meeting_room;
extern const struct room list_room;
/* Mentoring (network/mentor*.c): profiles, matches, pairings, outcomes. */
extern const struct room mentoring_room;
/* Confidential casework (network/case*.c): need to know, sealed at rest. */
extern const struct room case_room;
/* Consultations, staff surveys and exit interviews (network/survey*.c). */
extern const struct room survey_room;

/* A bounce of a message the network queued (kind "list", "confirm",
 * "invite" ...; ref its row), as read by mail_bounce_read: the list's
 * bounce score is updated (docs/network.md, "Bounces"). hard is 1 for a
 * permanent failure. Returns 0 when handled, 1 when the kind is not the
 * network's. Inside the caller's transaction. */
int network_bounce(store_t *db, const char *kind, int64_t ref, int hard, time_t now,
		   struct err *e);
/* Mail to a tagged address (mail_bounce.tag) that the network owns, such
 * as a mailto: unsubscribe ("u-TOKEN"): 0 when handled, 1 when the tag is
 * not the network's. */
int network_tagged(store_t *db, const char *tag, time_t now, struct err *e);
/* The network's periodic work, run by serve's mail worker and by 'parity
 * mail run' before delivery: expire pending list requests older than 7
 * days, send meeting invitations that are due, bounce warnings. */
int network_jobs(store_t *db, time_t now, struct err *e);

#endif
