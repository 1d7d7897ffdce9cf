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

/* What the plan's duty coverage calls an assessment's work. */
#define EIA_WORK_KIND "Impact assessment"

/* parity eia duties ID [--duty N]... [--none] [--format text|json] */
int eia_duties_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
/* Tell the plan again what assessment id is called and whether it is
 * live (not stopped), when it serves any duty; nothing otherwise. Inside
 * the caller's transaction; call it after a change to the title or the
 * decision. */
int eia_duties_sync(store_t *db, int64_t id, struct err *e);

/* GET /eia/ID/duties: the plan's duties to tick (may_change), or the
 * list of those it serves; error (or NULL) at the checkboxes. */
struct web_req;
struct web_resp;
int eia_duties_page(struct web_req *rq, struct web_resp *rs, int64_t id, const char *title,
		    int may_change, const char *error, struct err *e);
/* POST /eia/ID/duties: the ticked duties ("duty", repeated) replace what
 * was said, in one transaction with its audit entry; then the task list. */
int eia_duties_post(struct web_req *rq, struct web_resp *rs, int64_t id, const char *title,
		    struct err *e);

#endif
