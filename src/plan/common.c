/*
 * common: the few helpers every plan command shares — opening the
 * database the user named, saying who made a change, printing JSON.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/cli.h"
#include "plan/internal.h"

int plan_open_db(struct cli_ctx *ctx, store_t **db, struct err *e)
{
	return store_open(store_default_path(ctx->db_path), db, e);
}

int plan_print_json(struct cli_ctx *ctx, json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2));
	json_decref(j);
	if (!s)
		return ERR_DATA;
	fprintf(ctx->out, "%s\n", s);
	free(s);
	return 0;
}
