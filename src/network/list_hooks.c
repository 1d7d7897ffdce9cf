/*
 * network/list_hooks.c: PLACEHOLDER until the mailing-list part lands (the
 * helper building lists replaces this file): lists hold nothing yet.
 */
#include "network/internal.h"

int list_export_email(store_t *db, const char *email, json_t *out, struct err *e)
{
	return 0;
}
int list_erase_email(store_t *db, const char *email, struct err *e)
{
	return 0;
}
int list_jobs(store_t *db, time_t now, struct err *e)
{
	return 0;
}
int network_bounce(store_t *db, const char *kind, int64_t ref, int hard, time_t now,
		   struct err *e)
{
	return 1;
}
int network_tagged(store_t *db, const char *tag, time_t now, struct err *e)
{
	return 1;
}

static const struct cli_command list_commands[] = {{NULL, NULL, NULL, NULL}};
const struct room list_room = {"lists", list_commands, NULL, 0, NULL, 0, NULL, 0};
