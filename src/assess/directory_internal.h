/*
 * assess/directory_internal.h: what directory.c (the model and commands)
 * and directory_web.c (the public page, the room) share. Only the
 * directory_*.c files include it.
 */
#ifndef PARITY_ASSESS_DIRECTORY_INTERNAL_H
#define PARITY_ASSESS_DIRECTORY_INTERNAL_H

#include "assess/directory.h"
#include "web/web.h"

extern const struct cli_command directory_commands[];

/* The service kind's words for people: "Staff network" for "network";
 * the kind itself when unknown. Static storage. */
const char *dir_service_kind_words(const char *kind);

/* GET /public/services: the public directory of services. */
int dir_services_page(struct web_req *rq, struct web_resp *rs, struct err *e);

#endif
