/*
 * network/meet_hooks.c: PLACEHOLDER until the meetings part lands (the
 * helper building meetings replaces this file): meetings hold nothing yet.
 */
#include "network/internal.h"

int meet_export_member(store_t *db, int64_t member_id, json_t *out, struct err *e)
{
	return 0;
}
int meet_erase_member(store_t *db, int64_t member_id, struct err *e)
{
	return 0;
}
int meet_jobs(store_t *db, time_t now, struct err *e)
{
	return 0;
}

static const struct cli_command meeting_commands[] = {{NULL, NULL, NULL, NULL}};
const struct room meeting_room = {"meetings", meeting_commands, NULL, 0, NULL, 0, NULL, 0};
