/*
 * room: what one part of parity (a "room": the plan, monitoring, the web
 * accounts, the site) registers — its commands with their help text, its
 * web pages and its navigation entries. main.c and web/ keep no list of
 * their own: main.c finds commands in the rooms that src/app/rooms.c puts
 * together, and the web frame draws the navigation the rooms hand it.
 */
#ifndef PARITY_ROOM_H
#define PARITY_ROOM_H

#include <stddef.h>

#include "core/cli.h"

struct web_route;
struct web_nav;
struct web_audit_word;

/* One command: "plan import", its handler, a line for 'parity help' and
 * the full help for 'parity help plan import'. */
struct cli_command {
	const char *name;
	cli_handler handler;
	const char *summary;
	const char *usage;
};

struct room {
	const char *name; /* "plan", "monitoring", ... */
	const struct cli_command *commands; /* ended by an entry whose name is NULL */
	const struct web_route *pages; /* its routes (NULL when web_serve serves them) */
	size_t n_pages;
	const struct web_nav *nav; /* its navigation entries */
	size_t n_nav;
	const struct web_audit_word *audit_words; /* its audit log entries in words */
	size_t n_audit_words;
};

/* Every room, in the order their pages are tried (src/app/rooms.c). */
extern const struct room *const parity_rooms[];
extern const size_t parity_n_rooms;

#endif
