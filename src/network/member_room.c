/*
 * network/member_room.c: PLACEHOLDER until the members part lands.
 */
#include "network/internal.h"

static const struct cli_command member_commands[] = {{NULL, NULL, NULL, NULL}};
const struct room member_room = {"members", member_commands, NULL, 0, NULL, 0, NULL, 0};
