/*
 * publish: safe publication of the public equality tables — the public
 * face of the publication room. The site (its rooms) calls only this.
 * docs/publication.md says what is published and how it is protected.
 */
#ifndef PARITY_PUBLISH_H
#define PARITY_PUBLISH_H

#include "core/room.h"

/* The publication room (core/room.h): its commands, pages and navigation. */
extern const struct room publish_room;
/* Its commands (publish/cmd.c). */
extern const struct cli_command publish_commands[];

#endif
