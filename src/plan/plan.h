/*
 * plan: the action plan register — the public face of the plan room.
 * Other rooms (main.c's command table, later the web pages and the
 * monitoring flags) call only what is declared here.
 */
#ifndef PARITY_PLAN_H
#define PARITY_PLAN_H

#include "core/cli.h"

/* Command handlers (see main.c for the table and help texts). Each parses
 * its own options, opens the database named by ctx->db_path, and runs its
 * writes in one transaction. */
int plan_import_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int plan_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int plan_show_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int plan_update_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int plan_report_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int plan_lint_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int plan_timescale_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int plan_duties_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int people_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int people_add_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int people_rename_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int people_reassign_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);

#endif
