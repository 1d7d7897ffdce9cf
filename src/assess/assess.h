/*
 * assess: equality impact assessments (issue 19) — the public face of the
 * assess room. An assessment gathers evidence per protected
 * characteristic, an assessment per characteristic (and aim of the
 * duty), mitigations that become actions in the plan, screening, an
 * engagement log, a decision, sign-off, a review date and published
 * versions (parity eia ..., /eia, /public/eia).
 */
#ifndef PARITY_ASSESS_H
#define PARITY_ASSESS_H

#include <time.h>

#include "core/room.h"
#include "store/store.h"

/* The assess room (core/room.h): its commands, pages (the staff task
 * lists under /eia, the public /public/eia), navigation and audit words. */
extern const struct room assess_room;

/* The review reminders of impact assessments (eia_remind.c): each owner
 * who wants reminders is mailed 30 days before an assessment's review
 * date and once it is overdue, once each per date, judged at now.
 * *queued (may be NULL) gets the messages queued. Nothing happens while
 * mail is not set up. Its own transaction. */
int assess_review_reminders(store_t *db, time_t now, int *queued, struct err *e);
/* The assess room's periodic work, for app_jobs. */
int assess_jobs(store_t *db, time_t now, struct err *e);

#endif
