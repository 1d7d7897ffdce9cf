/*
 * assess/directory_internal.h: what directory.c (the model and commands)
 * and the web pages (directory_web.c: the public page and the room;
 * directory_staff.c: the staff pages) share. Only the directory_*.c
 * files include it.
 *
 * The dir_* functions that write run inside the caller's transaction and
 * write no audit entry (the caller does, by number); they check what they
 * are given again and fail with ERR_DATA (or ERR_NOTFOUND) rather than
 * write anything wrong.
 */
#ifndef PARITY_ASSESS_DIRECTORY_INTERNAL_H
#define PARITY_ASSESS_DIRECTORY_INTERNAL_H

#include <jansson.h>

#include "assess/directory.h"
#include "store/store.h"
#include "web/web.h"

extern const struct cli_command directory_commands[];

/* The kinds of service, NULL-ended ("network", "support", ...). */
extern const char *const dir_service_kinds[];
/* The service kind's words for people: "Staff network" for "network";
 * the kind itself when unknown. Static storage. */
const char *dir_service_kind_words(const char *kind);
/* The types of a kind of arrangement ("adjustment" or "flexible"),
 * NULL-ended, in the order the help lists them; NULL for another kind. */
const char *const *dir_kind_types(const char *kind);
/* A type's words for pages: "Working pattern" for "working-pattern"; the
 * type itself when unknown. Static storage. */
const char *dir_type_words(const char *kind, const char *type);
/* 1 when url is an http:// or https:// address without spaces, quotes
 * or angle brackets. */
int dir_url_ok(const char *url);

/* Record an arrangement of kind for person in unit, of type (one of
 * dir_kind_types(kind)), from start_on to end_on (YYYY-MM-DD; end_on NULL
 * while open-ended, never before start_on), recorded by account `by`:
 * its number into *id. */
int dir_arrangement_add(store_t *db, const char *kind, const char *person, const char *unit,
			const char *type, const char *start_on, const char *end_on,
			const char *by, int64_t *id, struct err *e);
/* The arrangements of kind in place today (all: ended ones too), of one
 * unit when unit is not NULL, ordered by unit, person and number: a new
 * JSON array of {id, person, unit, type, start, end?} into *out (the
 * caller json_decrefs it). */
int dir_arrangements(store_t *db, const char *kind, const char *unit, int all, json_t **out,
		     struct err *e);
/* Arrangement id of kind as a new JSON object like dir_arrangements'
 * (the caller json_decrefs it); ERR_NOTFOUND when there is none. */
int dir_arrangement_get(store_t *db, const char *kind, int64_t id, json_t **out,
			struct err *e);
/* End arrangement id of kind on `on` (YYYY-MM-DD): ERR_NOTFOUND when
 * there is none; ERR_DATA when it has ended by then already or `on` is
 * before it started. */
int dir_arrangement_end(store_t *db, const char *kind, int64_t id, const char *on,
			struct err *e);
/* The arrangements in place on `on` counted by kind, unit and type, with
 * every count from 1 to 9 as "fewer than 10" and every total that would
 * reveal one "withheld": a new JSON object (the caller json_decrefs it)
 * {"on", "adjustment": {"counts": [{unit, type, count}], "unit_totals":
 * [{unit, total}], "total"}, "flexible": {...}}, units and types in order.
 * The one computation of the counts: the command and the page print it. */
int dir_counts(store_t *db, const char *on, json_t **out, struct err *e);

/* Add a service (kind from dir_service_kinds, url NULL or dir_url_ok,
 * where NULL or a place): ERR_DATA when the name is taken or a field is
 * wrong. */
int dir_service_add(store_t *db, const char *name, const char *kind, const char *contact,
		    const char *url, const char *where, struct err *e);
/* Remove the service called name: ERR_NOTFOUND when there is none. */
int dir_service_remove(store_t *db, const char *name, struct err *e);

/* GET /public/services: the public directory of services. */
int dir_services_page(struct web_req *rq, struct web_resp *rs, struct err *e);

/* parity directory publish (dir_release.c): the counts by unit and type,
 * through safe publication, released to the public pages. */
int dir_release_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
/* GET /public/directories[?release=N]: the latest release (or N), and
 * links to the others. */
int dir_release_page(struct web_req *rq, struct web_resp *rs, struct err *e);
/* The room's pages (directory_staff.c): the staff pages and
 * /public/services. The definition takes its size from its entries, so
 * a count that is not DIRECTORY_N_PAGES fails to compile. */
#define DIRECTORY_N_PAGES 14
extern const struct web_route directory_pages[DIRECTORY_N_PAGES];

#endif
