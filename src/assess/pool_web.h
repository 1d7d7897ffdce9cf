/*
 * assess/pool_web.h: the selection pool's pages of an impact assessment
 * (pool_web.c), reached through the assessment's pages.
 */
#ifndef PARITY_ASSESS_POOL_WEB_H
#define PARITY_ASSESS_POOL_WEB_H

#include <stdint.h>

#include "core/err.h"
#include "web/web.h"

/* GET /eia/ID/pool (rest ""): the upload form and the pools analysed;
 * GET /eia/ID/pool/N (rest "N"): one analysis. A 404 page for anything
 * else. */
int pool_web_get(struct web_req *rq, struct web_resp *rs, int64_t id, const char *rest,
		 struct err *e);
/* POST /eia/ID/pool: read, analyse and attach the uploaded pool as
 * evidence in one transaction, then to its page; the form again with the
 * problem at the file field otherwise. */
int pool_web_post(struct web_req *rq, struct web_resp *rs, int64_t id, struct err *e);

#endif
