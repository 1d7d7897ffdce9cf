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

/* parity directory publish (dir_release.c): the counts by unit and type,
 * through safe publication, released to the public pages. */
int dir_release_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
/* GET /public/directories[?release=N]: the latest release (or N), and
 * links to the others. */
int dir_release_page(struct web_req *rq, struct web_resp *rs, struct err *e);

#endif
