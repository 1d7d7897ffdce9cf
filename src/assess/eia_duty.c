/*
 * assess/eia_duty.c: which of the plan's statutory duties an impact
 * assessment serves — parity eia duties. The plan keeps the answer
 * (plan_duty_work_set, plan.h) and counts the assessment in its duty
 * coverage beside the actions. An assessment counts there while its
 * policy goes ahead: a decision to stop the policy ends it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/eia_duty.h"
#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/plan.h"
#include "store/store.h"

#define EIA_WORK_KIND "Impact assessment"

int eia_duties_sync(store_t *db, int64_t id, struct err *e)
{
	store_stmt_t *st;
	char ref[24], href[32], *title = NULL;
	int *duties = NULL, live = 1, rc;
	size_t n = 0;
	snprintf(ref, sizeof ref, "%lld", (long long)id);
	if ((rc = plan_duty_work_get(db, EIA_WORK_KIND, ref, &duties, &n, e)) < 0)
		return rc;
	if (!n)
		return 0;
	if (store_prepare(db, &st, e, "SELECT title, COALESCE(outcome, '') FROM eia WHERE id = ?",
			  "i", id) < 0) {
		free(duties);
		return ERR_DB;
	}
	if ((rc = store_step(st, e)) == 1) {
		title = xstrdup(store_col_text(st, 0));
		live = strcmp(store_col_text(st, 1), "stop") != 0;
	}
	store_done(st);
	snprintf(href, sizeof href, "/eia/%lld", (long long)id);
	if (rc == 1)
		rc = plan_duty_work_set(db, EIA_WORK_KIND, ref, title, href, live, duties, n, e);
	else if (rc == 0)
		rc = plan_duty_work_set(db, EIA_WORK_KIND, ref, "", NULL, 0, NULL, 0, e);
	free(title);
	free(duties);
	return rc < 0 ? rc : 0;
}

int eia_duties_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *as = NULL, *pos[1];
	struct cli_multi duty = {{0}, 0};
	int none = 0;
	struct cli_opt opts[] = {{"duty", 0, CLI_MULTI, &duty},
				 {"none", 0, CLI_FLAG, &none},
				 {"format", 0, CLI_STRING, &format},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	int nums[32], *have = NULL, n_pos, rc, i;
	size_t n_have = 0, k;
	long v, idl;
	int64_t id;
	char ref[24];
	store_t *db;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "--format is text or json, not '%s'", format);
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "give the assessment's number: parity eia duties ID "
			       "[--duty N]...");
	if (str_to_int(pos[0], 1, 1000000000L, &idl) < 0)
		return err_set(e, ERR_USAGE, "'%s' is not an assessment number (see 'parity eia "
			       "list')", pos[0]);
	id = idl;
	if (none && duty.n_values)
		return err_set(e, ERR_USAGE, "give --duty N or --none, not both");
	for (i = 0; i < duty.n_values; i++) {
		if (str_to_int(duty.values[i], 1, 1000, &v) < 0)
			return err_set(e, ERR_USAGE, "--duty: '%s' is not a duty's number (1, 2, ...)",
				       duty.values[i]);
		nums[i] = (int)v;
	}
	snprintf(ref, sizeof ref, "%lld", (long long)id);
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	{
		int64_t found = 0;
		if (store_query_int(db, &found, e, "SELECT COUNT(*) FROM eia WHERE id = ?", "i",
				    id) < 0)
			rc = ERR_DB;
		else if (!found)
			rc = err_set(e, ERR_NOTFOUND, "no impact assessment %lld; see 'parity eia "
				     "list'", (long long)id);
	}
	if (rc >= 0 && (none || duty.n_values)) {
		char at[21], target[40], who[300];
		struct buf after = BUF_INIT;
		/* what is said of it, then its title and liveness from the assessment */
		rc = plan_duty_work_set(db, EIA_WORK_KIND, ref, "", NULL, 1, nums,
					(size_t)duty.n_values, e);
		if (rc >= 0)
			rc = eia_duties_sync(db, id, e);
		for (i = 0; i < duty.n_values; i++)
			buf_printf(&after, "%sduty %d", i ? ", " : "", nums[i]);
		date_now_iso(at);
		snprintf(target, sizeof target, "eia %lld", (long long)id);
		snprintf(who, sizeof who, "cli:%s", cli_author(as));
		if (rc >= 0)
			rc = store_exec(db, e,
					"INSERT INTO audit_log (at, who, address, what, target, before,"
					" after) VALUES (?, ?, '', 'eia.duties', ?, NULL, ?)",
					"tttt", at, who, target, duty.n_values ? buf_str(&after) : "none");
		buf_free(&after);
	}
	if (rc >= 0)
		rc = plan_duty_work_get(db, EIA_WORK_KIND, ref, &have, &n_have, e);
	if ((rc = store_finish(db, rc, e)) < 0) {
		free(have);
		return rc;
	}
	if (!strcmp(format, "json")) {
		fprintf(ctx->out, "{\"id\": %lld, \"duties\": [", (long long)id);
		for (k = 0; k < n_have; k++)
			fprintf(ctx->out, "%s%d", k ? ", " : "", have[k]);
		fputs("]}\n", ctx->out);
	} else if (!n_have) {
		fprintf(ctx->out, "impact assessment %lld serves none of the plan's duties\n",
			(long long)id);
	} else {
		fprintf(ctx->out, "impact assessment %lld serves %s", (long long)id,
			n_have > 1 ? "duties " : "duty ");
		for (k = 0; k < n_have; k++)
			fprintf(ctx->out, "%s%d", k == 0 ? "" : k + 1 == n_have ? " and " : ", ",
				have[k]);
		fputc('\n', ctx->out);
	}
	free(have);
	return 0;
}
