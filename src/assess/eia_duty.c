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
#include "web/web.h"

/* A duty choice's value ("4") as its number; 0 when it is not one. */
static int duty_no_of(const char *s)
{
	long v;
	return str_to_int(s, 1, 1000, &v) < 0 ? 0 : (int)v;
}

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

/* ---- the web: /eia/ID/duties ------------------------------------------------*/

int eia_duties_page(struct web_req *rq, struct web_resp *rs, int64_t id, const char *title,
		    int may_change, const char *error, struct err *e)
{
	struct plan_choice *ch = NULL;
	struct web_check *opts = NULL;
	struct web_field_error fe = {"duty", error};
	int *have = NULL, rc;
	size_t n_ch = 0, n_have = 0, i, k;
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)id);
	if ((rc = plan_duty_choices(rq->db, &ch, &n_ch, e)) < 0 ||
	    (rc = plan_duty_work_get(rq->db, EIA_WORK_KIND, ref, &have, &n_have, e)) < 0)
		goto out;
	if (error)
		rs->status = 400;
	web_page_begin(rq, rs, error ? "Error: Duties it serves" : "Duties it serves", "eia");
	web_printf(rs, "<a class=\"govuk-back-link\" href=\"/eia/%lld\">Back to the assessment</a>\n",
		   (long long)id);
	if (error)
		web_error_summary(rs, &fe, 1);
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">"
		       "Duties it serves</h1>\n<p class=\"govuk-body\">The plan's statutory duties "
		       "this assessment helps to meet. The plan's <a class=\"govuk-link\" "
		       "href=\"/plan/duties\">duty coverage</a> counts it beside the actions, so a "
		       "duty it serves is covered even with no live action, until a decision stops "
		       "the policy.</p>\n",
		   title);
	if (!n_ch) {
		web_raw(rs, "<p class=\"govuk-body\">The plan names no duties yet.</p>\n");
		web_page_end(rq, rs);
		goto out;
	}
	opts = xcalloc(n_ch, sizeof *opts);
	for (i = 0; i < n_ch; i++) {
		opts[i].value = ch[i].value;
		opts[i].label = ch[i].label;
		for (k = 0; k < n_have; k++)
			if (duty_no_of(ch[i].value) == have[k])
				opts[i].checked = 1;
	}
	if (!may_change) {
		web_raw(rs, "<ul class=\"govuk-list govuk-list--bullet\">\n");
		for (i = 0; i < n_ch; i++)
			if (opts[i].checked)
				web_printf(rs, "<li>%s</li>\n", opts[i].label);
		web_raw(rs, "</ul>\n");
		if (!n_have)
			web_raw(rs, "<p class=\"govuk-body\">None yet.</p>\n");
	} else {
		struct web_field f = {"duty", NULL, "Which duties does it serve?",
				      "Select all that apply. Select none to take it out of the "
				      "duty coverage.",
				      NULL, NULL, NULL};
		web_printf(rs, "<form method=\"post\" action=\"/eia/%lld/duties\" novalidate>\n",
			   (long long)id);
		web_csrf_field(rq, rs);
		web_raw(rs, "<input type=\"hidden\" name=\"sent\" value=\"1\">\n");
		web_checkboxes(rs, &f, opts, n_ch, error ? &fe : NULL, error ? 1 : 0);
		web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			    "Save</button>\n</form>\n");
	}
	web_page_end(rq, rs);
	rc = 0;
out:
	free(opts);
	free(have);
	plan_choices_free(ch, n_ch);
	return rc;
}

int eia_duties_post(struct web_req *rq, struct web_resp *rs, int64_t id, const char *title,
		    struct err *e)
{
	int nums[64], rc;
	size_t n = 0;
	const char *v;
	char ref[24], to[48], after[400] = "none";
	long d;
	for (int i = 0; (v = web_param_n(rq, "duty", i)); i++) {
		if (n == sizeof nums / sizeof nums[0] || str_to_int(v, 1, 1000, &d) < 0)
			return eia_duties_page(rq, rs, id, title, 1,
					       "Select duties from the list", e);
		nums[n++] = (int)d;
	}
	snprintf(ref, sizeof ref, "%lld", (long long)id);
	if ((rc = store_begin(rq->db, e)) < 0)
		return rc;
	rc = plan_duty_work_set(rq->db, EIA_WORK_KIND, ref, "", NULL, 1, nums, n, e);
	if (rc >= 0)
		rc = eia_duties_sync(rq->db, id, e);
	if (rc >= 0) {
		size_t k, o = 0;
		for (k = 0; k < n && o < sizeof after - 16; k++)
			o += (size_t)snprintf(after + o, sizeof after - o, "%sduty %d", k ? ", " : "",
					      nums[k]);
		snprintf(to, sizeof to, "eia %lld", (long long)id);
		rc = web_audit(rq, "eia.duties", to, NULL, after, e);
	}
	if (rc >= 0)
		rc = store_commit(rq->db, e);
	if (rc < 0) {
		store_rollback(rq->db);
		if (e->code == ERR_DATA) { /* a duty the plan no longer has */
			err_clear(e);
			return eia_duties_page(rq, rs, id, title, 1, "Select duties from the list", e);
		}
		return rc;
	}
	web_flash(rq, "Saved the duties it serves");
	snprintf(to, sizeof to, "/eia/%lld", (long long)id);
	web_redirect(rs, to);
	return 0;
}
