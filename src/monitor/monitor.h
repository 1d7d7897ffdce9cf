/*
 * monitor: diversity monitoring — the public face of the monitoring room.
 * main.c's command table (and later the web pages) call only this.
 */
#ifndef PARITY_MONITOR_H
#define PARITY_MONITOR_H

#include "core/cli.h"

int data_import_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int data_import_counts_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int data_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int analyze_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int report_diversity_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int flags_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int flags_explain_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int flags_act_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int flags_close_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
/* parity demo generate (monitor/demo.c) */
int monitor_demo_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);

#endif
