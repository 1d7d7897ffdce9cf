/*
 * app: the rooms put together — the web site's page table and
 * `parity serve` (app/site.c).
 */
#ifndef PARITY_APP_H
#define PARITY_APP_H
#include "core/cli.h"

/* parity serve: run the web application until SIGINT/SIGTERM. */
int serve_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);

#endif
