/*
 * app: the rooms put together — the list of rooms (app/rooms.c) and the
 * site's own room (app/site.c): `parity serve`, the dashboard that brings
 * the rooms together, and the public pages.
 */
#ifndef PARITY_APP_H
#define PARITY_APP_H
#include "core/room.h"

/* The site's room: the serve command, the dashboard and public pages. */
extern const struct room site_room;
/* The sections of its pages (web_page_begin). */
#define SEC_DASHBOARD "dashboard"
#define SEC_PUBLIC "public"

#endif
