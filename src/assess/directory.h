/*
 * assess/directory.h: the directories room (issue 19; docs/directories.md)
 * — reasonable adjustments and flexible working arrangements recorded per
 * person (restricted: --as an account holding import-data), their counts
 * by type and unit with small counts suppressed, and the public directory
 * of services on /public/services.
 */
#ifndef PARITY_ASSESS_DIRECTORY_H
#define PARITY_ASSESS_DIRECTORY_H

#include "core/room.h"

extern const struct room directory_room;

#endif
