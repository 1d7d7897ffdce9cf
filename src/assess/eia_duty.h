/*
 * assess/eia_duty.h: the duties an impact assessment serves, kept by the
 * plan for its duty coverage (eia_duty.c).
 */
#ifndef PARITY_ASSESS_EIA_DUTY_H
#define PARITY_ASSESS_EIA_DUTY_H

#include <stdint.h>

#include "core/cli.h"
#include "core/err.h"
#include "store/store.h"

/* parity eia duties ID [--duty N]... [--none] [--format text|json] */
int eia_duties_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
/* Tell the plan again what assessment id is called and whether it is
 * live (not stopped), when it serves any duty; nothing otherwise. Inside
 * the caller's transaction; call it after a change to the title or the
 * decision. */
int eia_duties_sync(store_t *db, int64_t id, struct err *e);

#endif
