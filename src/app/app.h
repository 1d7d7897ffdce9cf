/*
 * app: the rooms put together — the list of rooms (app/rooms.c) and the
 * site's own room (app/site.c): `parity serve`, the dashboard that brings
 * the rooms together, and the public pages.
 */
#ifndef PARITY_APP_H
#define PARITY_APP_H
#include <time.h>

#include "core/err.h"
#include "core/room.h"
#include "store/store.h"

/* The site's room: the serve command, the dashboard and public pages. */
extern const struct room site_room;
/* The sections of its pages (web_page_begin). */
#define SEC_DASHBOARD "dashboard"
#define SEC_PUBLIC "public"

/* The domains' periodic work (app/jobs.c): the network's expiries,
 * invitations and bounce warnings (network_jobs); the plan's reminders
 * to come. Run by serve's mail worker and 'parity mail run' before
 * delivery; each domain keeps its own transactions. */
int app_jobs(store_t *db, time_t now, struct err *e);

/* 'parity mail run' and 'parity mail bounce' (app/mailcmd.c): mail
 * commands that hand work to the domains, so they live here. */
extern const struct room mail_app_room;

#endif
