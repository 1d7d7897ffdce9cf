/*
 * mail/room.c: PLACEHOLDER until the mail commands land.
 */
#include "mail/mail.h"

static const struct cli_command mail_commands[] = {{NULL, NULL, NULL, NULL}};
const struct room mail_room = {"mail", mail_commands, NULL, 0, NULL, 0, NULL, 0};
