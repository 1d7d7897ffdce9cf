/*
 * assess/eia.c: equality impact assessments from the command line —
 * parity eia new, evidence, assess, mitigate, decide, publish, list and
 * show (issue 19; docs/assess.md). Every write is one transaction, its
 * state re-checked inside it, with an entry in the audit log ("cli:NAME").
 * A mitigation is an action in the plan (plan_add_linked_action, id
 * E<assessment>.<n>), linked both ways: the assessment keeps the action's
 * row, the action's history says which assessment it came from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "assess/assess.h"
#include "assess/eia_duty.h"
#include "assess/pool.h"
#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "monitor/monitor.h"
#include "plan/plan.h"
#include "store/store.h"
#include "web/web.h"

#define EIA_TEXT_MAX 10000 /* characters of one piece of text */

static const char *const aims[] = {
	"all three aims of the duty",
	"eliminate discrimination, harassment and victimisation",
	"advance equality of opportunity",
	"foster good relations",
};

static int format_ok(const char *format, struct err *e)
{
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "--format takes text or json, not '%s'", format);
	return 0;
}

static int one_of(const char *v, const char *const *words, const char *opt, const char *list,
		  struct err *e)
{
	size_t i;
	if (!v)
		return err_set(e, ERR_USAGE, "give %s %s", opt, list);
	for (i = 0; words[i]; i++)
		if (!strcmp(v, words[i]))
			return 0;
	return err_set(e, ERR_USAGE, "%s takes %s, not '%s'", opt, list, v);
}

static int text_ok(const char *text, struct err *e)
{
	if (!text)
		return err_set(e, ERR_USAGE, "give --text TEXT");
	if (str_blank(text))
		return err_set(e, ERR_USAGE, "--text is empty; write what it is");
	if (strlen(text) > EIA_TEXT_MAX)
		return err_set(e, ERR_USAGE, "--text is longer than %d characters; shorten it",
			       EIA_TEXT_MAX);
	return 0;
}

/* The assessment's number from the first positional: ERR_USAGE. */
static int id_of(const char *s, int n_pos, const char *cmd, int64_t *id, struct err *e)
{
	long v;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "give the assessment's number: parity eia %s ID", cmd);
	if (str_to_int(s, 1, 1000000000L, &v) < 0)
		return err_set(e, ERR_USAGE, "'%s' is not an assessment number (see 'parity eia "
			       "list')", s);
	*id = v;
	return 0;
}

/* The characteristic's canonical column name (static) into *column. */
static int characteristic_ok(const char *c, const char **column, struct err *e)
{
	const char *const *groups;
	size_t n, n_rec;
	if (!c)
		return err_set(e, ERR_USAGE, "give --characteristic C (ethnicity, sex, disability, "
			       "religion, ...)");
	if (monitor_groups_of(c, &groups, &n, &n_rec, column, e) < 0) {
		e->code = 0;
		return err_set(e, ERR_DATA, "--characteristic: '%s' is not a protected "
			       "characteristic monitoring knows (ethnicity, sex, disability, "
			       "religion, ...)", c);
	}
	return 0;
}

/* Inside the transaction: the assessment exists, and is not published
 * (when may_be_published is 0). *decided (may be NULL) is 1 once decided. */
static int state_check(store_t *db, int64_t id, int may_be_published, int *decided,
		       struct err *e)
{
	store_stmt_t *st;
	int rc, pub = 0, dec = 0;
	if (store_prepare(db, &st, e,
			  "SELECT outcome IS NOT NULL, published_at IS NOT NULL FROM eia WHERE id = ?",
			  "i", id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		dec = (int)store_col_int(st, 0);
		pub = (int)store_col_int(st, 1);
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "no impact assessment %lld; see 'parity eia list'",
			       (long long)id);
	if (pub && !may_be_published)
		return err_set(e, ERR_DATA, "impact assessment %lld is published: it can no longer "
			       "be changed", (long long)id);
	if (decided)
		*decided = dec;
	return 0;
}

static int audit(store_t *db, const char *author, const char *what, int64_t id,
		 const char *after, struct err *e)
{
	char at[21], target[40], who[300];
	date_now_iso(at);
	snprintf(target, sizeof target, "eia %lld", (long long)id);
	snprintf(who, sizeof who, "cli:%s", author);
	return store_exec(db, e,
			  "INSERT INTO audit_log (at, who, address, what, target, before, after)"
			  " VALUES (?, ?, '', ?, ?, NULL, ?)",
			  "ttttt", at, who, what, target, after);
}

static int new_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *owner = NULL, *format = "text", *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"owner", 0, CLI_STRING, &owner},
				 {"format", 0, CLI_STRING, &format},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	char initials[64], at[21];
	store_t *db;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0)
		return rc;
	if (n_pos != 1 || str_blank(pos[0]))
		return err_set(e, ERR_USAGE, "give the assessment's title: parity eia new TITLE "
			       "--owner INITIALS");
	if (strlen(pos[0]) > 300)
		return err_set(e, ERR_USAGE, "the title is longer than 300 characters");
	if (!owner)
		return err_set(e, ERR_USAGE, "give --owner INITIALS (someone in 'parity people "
			       "list')");
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	date_now_iso(at);
	if ((rc = plan_person_active(db, owner, initials, e)) == 0)
		rc = err_set(e, ERR_DATA, "--owner: '%s' is not the initials of anyone active in "
			     "the list of people (see 'parity people')", owner);
	if (rc > 0) {
		rc = store_exec(db, e,
				"INSERT INTO eia (title, owner, created_at, created_by)"
				" VALUES (?, ?, ?, ?)",
				"tttt", pos[0], initials, at, cli_author(as));
		id = store_last_id(db);
	}
	if (rc >= 0)
		rc = audit(db, cli_author(as), "eia.new", id, pos[0], e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	if (!strcmp(format, "json"))
		fprintf(ctx->out, "{\"id\": %lld}\n", (long long)id);
	else
		fprintf(ctx->out, "created impact assessment %lld: %s (owner %s)\n", (long long)id,
			pos[0], initials);
	return 0;
}

/* DATASET:PERIOD an imported period of monitoring, into dataset and period. */
static int report_ok(store_t *db, const char *report, char dataset[64], char period[24],
		     struct err *e)
{
	const char *colon = strrchr(report, ':');
	char (*periods)[24] = NULL;
	size_t n = 0, i;
	int found = 0;
	if (!colon || colon == report || !colon[1] || (size_t)(colon - report) >= 64 ||
	    strlen(colon + 1) >= 24)
		return err_set(e, ERR_USAGE, "--report takes DATASET:PERIOD, such as "
			       "staff:2024, not '%s'", report);
	snprintf(dataset, 64, "%.*s", (int)(colon - report), report);
	snprintf(period, 24, "%s", colon + 1);
	if (monitor_periods(db, dataset, &periods, &n, e) < 0)
		return ERR_DB;
	for (i = 0; i < n; i++)
		if (!strcmp(periods[i], period))
			found = 1;
	free(periods);
	if (!found)
		return err_set(e, ERR_DATA, "--report: dataset '%s' has no imported period '%s' "
			       "(see 'parity data list')", dataset, period);
	return 0;
}

static int evidence_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *chr = NULL, *text = NULL, *report = NULL, *as = NULL, *column, *pos[1];
	struct cli_opt opts[] = {{"characteristic", 0, CLI_STRING, &chr},
				 {"text", 0, CLI_STRING, &text},
				 {"report", 0, CLI_STRING, &report},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	char dataset[64] = "", period[24] = "", at[21];
	store_t *db;
	int64_t id;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_of(pos[0], n_pos, "evidence", &id, e)) < 0 ||
	    (rc = characteristic_ok(chr, &column, e)) < 0 || (rc = text_ok(text, e)) < 0 ||
	    (rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	date_now_iso(at);
	if ((rc = state_check(db, id, 0, NULL, e)) >= 0 && report)
		rc = report_ok(db, report, dataset, period, e);
	if (rc >= 0)
		rc = store_exec(db, e,
				"INSERT INTO eia_evidence (eia_id, characteristic, text, dataset,"
				" period, at, author) VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, ''),"
				" ?, ?)",
				"ittttt" "t", id, column, text, dataset, period, at, cli_author(as));
	if (rc >= 0)
		rc = audit(db, cli_author(as), "eia.evidence", id, column, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "added evidence on %s to impact assessment %lld%s%s\n", column,
		(long long)id, report ? " from " : "", report ? report : "");
	return 0;
}

static int assess_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	static const char *const impacts[] = {"positive", "negative", "neutral", "unknown", NULL};
	static const char *const aim_words[] = {"1", "2", "3", NULL};
	const char *chr = NULL, *text = NULL, *impact = NULL, *aim_s = NULL, *as = NULL, *column;
	const char *pos[1];
	struct cli_opt opts[] = {{"characteristic", 0, CLI_STRING, &chr},
				 {"impact", 0, CLI_STRING, &impact},
				 {"aim", 0, CLI_STRING, &aim_s},
				 {"text", 0, CLI_STRING, &text},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	char at[21];
	store_t *db;
	int64_t id, aim = 0, had = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_of(pos[0], n_pos, "assess", &id, e)) < 0 ||
	    (rc = characteristic_ok(chr, &column, e)) < 0 ||
	    (rc = one_of(impact, impacts, "--impact", "positive, negative, neutral or unknown",
			 e)) < 0 ||
	    (aim_s && (rc = one_of(aim_s, aim_words, "--aim", "1, 2 or 3", e)) < 0) ||
	    (rc = text_ok(text, e)) < 0 ||
	    (rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	if (aim_s)
		aim = aim_s[0] - '0';
	date_now_iso(at);
	if ((rc = state_check(db, id, 0, NULL, e)) >= 0)
		rc = store_query_int(db, &had, e,
				     "SELECT COUNT(*) FROM eia_assessment WHERE eia_id = ?"
				     " AND characteristic = ? AND aim = ?",
				     "iti", id, column, aim);
	if (rc >= 0)
		rc = store_exec(db, e,
				"DELETE FROM eia_assessment WHERE eia_id = ? AND characteristic = ?"
				" AND aim = ?",
				"iti", id, column, aim);
	if (rc >= 0)
		rc = store_exec(db, e,
				"INSERT INTO eia_assessment (eia_id, characteristic, aim, impact, text,"
				" at, author) VALUES (?, ?, ?, ?, ?, ?, ?)",
				"itittt" "t", id, column, aim, impact, text, at, cli_author(as));
	if (rc >= 0)
		rc = audit(db, cli_author(as), "eia.assess", id, impact, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "%s the impact on %s (%s) in impact assessment %lld: %s\n",
		had ? "replaced" : "recorded", column, aims[aim], (long long)id, impact);
	return 0;
}

static int mitigate_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *text = NULL, *lead = NULL, *due = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"text", 0, CLI_STRING, &text},
				 {"lead", 0, CLI_STRING, &lead},
				 {"due", 0, CLI_STRING, &due},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	struct plan_linked_action a = {0};
	struct buf note = BUF_INIT;
	char code[40], at[21];
	store_t *db;
	int64_t id, no = 0, action_id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_of(pos[0], n_pos, "mitigate", &id, e)) < 0 || (rc = text_ok(text, e)) < 0)
		return rc;
	if (!lead)
		return err_set(e, ERR_USAGE, "give --lead INITIALS (who leads the action)");
	if (!due)
		return err_set(e, ERR_USAGE, "give --due DATE (when the action is due)");
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	date_now_iso(at);
	if ((rc = state_check(db, id, 0, NULL, e)) >= 0)
		rc = store_query_int(db, &no, e,
				     "SELECT COALESCE(MAX(no), 0) + 1 FROM eia_mitigation WHERE eia_id = ?",
				     "i", id);
	if (rc >= 0) {
		snprintf(code, sizeof code, "E%lld.%lld", (long long)id, (long long)no);
		buf_printf(&note, "Created from impact assessment %lld by %s", (long long)id,
			   cli_author(as));
		a.plan = "main";
		a.origin = "eia";
		a.area_no = -1;
		a.area_title = "Equality impact assessments";
		a.code = code;
		a.text = text;
		a.lead = lead;
		a.due_iso = due;
		a.author = cli_author(as);
		a.event = "eia";
		a.note = buf_str(&note);
		rc = plan_add_linked_action(db, &a, &action_id, e);
		buf_free(&note);
		if (rc < 0 && e->code == ERR_DATA && strstr(e->msg, "lead")) {
			e->code = 0;
			rc = err_set(e, ERR_DATA, "--lead: '%s' is not the initials of anyone active "
				     "in the list of people (see 'parity people')", lead);
		}
	}
	if (rc >= 0)
		rc = store_exec(db, e,
				"INSERT INTO eia_mitigation (eia_id, no, text, action_id, at, author)"
				" VALUES (?, ?, ?, ?, ?, ?)",
				"iitit" "t", id, no, text, action_id, at, cli_author(as));
	if (rc >= 0)
		rc = audit(db, cli_author(as), "eia.mitigate", id, code, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "added mitigation %lld to impact assessment %lld: action %s in the "
		"plan\n", (long long)no, (long long)id, code);
	return 0;
}

static int decide_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	static const char *const outcomes[] = {"proceed", "adjust", "justify", "stop", NULL};
	const char *outcome = NULL, *text = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"outcome", 0, CLI_STRING, &outcome},
				 {"text", 0, CLI_STRING, &text},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	char at[21];
	store_t *db;
	int64_t id;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_of(pos[0], n_pos, "decide", &id, e)) < 0 ||
	    (rc = one_of(outcome, outcomes, "--outcome", "proceed, adjust, justify or stop",
			 e)) < 0 ||
	    (rc = text_ok(text, e)) < 0)
		return rc;
	if (!as || str_blank(as))
		return err_set(e, ERR_USAGE, "give --as NAME (who takes the decision)");
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	date_now_iso(at);
	if ((rc = state_check(db, id, 0, NULL, e)) >= 0)
		rc = store_exec(db, e,
				"UPDATE eia SET outcome = ?, decision = ?, decided_by = ?,"
				" decided_at = ? WHERE id = ?",
				"tttti", outcome, text, as, at, id);
	if (rc >= 0) /* a stopped policy's assessment no longer covers a duty */
		rc = eia_duties_sync(db, id, e);
	if (rc >= 0)
		rc = audit(db, as, "eia.decide", id, outcome, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "recorded the decision on impact assessment %lld: %s (by %s)\n",
		(long long)id, outcome, as);
	return 0;
}

static int publish_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as}, {NULL, 0, 0, NULL}};
	char at[21];
	store_t *db;
	int64_t id;
	int n_pos, rc, decided = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_of(pos[0], n_pos, "publish", &id, e)) < 0 ||
	    (rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	date_now_iso(at);
	if ((rc = state_check(db, id, 0, &decided, e)) >= 0 && !decided)
		rc = err_set(e, ERR_DATA, "impact assessment %lld has no decision yet; record one "
			     "first with 'parity eia decide %lld --outcome ...'",
			     (long long)id, (long long)id);
	if (rc >= 0)
		rc = store_exec(db, e, "UPDATE eia SET published_at = ? WHERE id = ?", "ti", at,
				id);
	if (rc >= 0)
		rc = audit(db, cli_author(as), "eia.publish", id, NULL, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "published impact assessment %lld\n", (long long)id);
	return 0;
}

static const char *stage_of(const char *outcome, int published)
{
	if (published)
		return "published";
	return outcome ? "decided" : "in progress";
}

static int list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	store_stmt_t *st;
	json_t *arr = json_array();
	store_t *db;
	int n_pos, rc, n = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0 ||
	    (rc = store_open(store_default_path(ctx->db_path), &db, e)) < 0)
		goto done;
	if (store_prepare(db, &st, e,
			  "SELECT id, title, owner, outcome, published_at IS NOT NULL FROM eia"
			  " ORDER BY id",
			  "") < 0) {
		store_close(db);
		rc = ERR_DB;
		goto done;
	}
	while ((rc = store_step(st, e)) == 1) {
		const char *outcome = store_col_text(st, 3);
		const char *stage = stage_of(outcome, (int)store_col_int(st, 4));
		n++;
		if (!strcmp(format, "json"))
			json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s?,s:s}", "id",
							     (json_int_t)store_col_int(st, 0),
							     "title", store_col_text(st, 1),
							     "owner", store_col_text(st, 2),
							     "outcome", outcome, "stage", stage));
		else
			fprintf(ctx->out, "%-4lld %-12s %-5s %s\n", (long long)store_col_int(st, 0),
				stage, store_col_text(st, 2), store_col_text(st, 1));
	}
	store_done(st);
	store_close(db);
	if (rc < 0)
		goto done;
	if (!strcmp(format, "json")) {
		char *s = json_dumps(arr, JSON_INDENT(2));
		fprintf(ctx->out, "%s\n", s ? s : "[]");
		free(s);
	} else if (!n) {
		fputs("no impact assessments yet; see 'parity help eia new'\n", ctx->out);
	}
	rc = 0;
done:
	json_decref(arr);
	return rc;
}

/* The rows of one query as a JSON array of objects named by keys (one per
 * column; integer columns marked by 'i' in kinds, text 't'). */
static int rows_json(store_t *db, json_t *into, const char *name, const char *const *keys,
		     const char *kinds, const char *sql, int64_t id, struct err *e)
{
	store_stmt_t *st;
	json_t *arr = json_array();
	size_t i;
	int rc;
	json_object_set_new(into, name, arr);
	if (store_prepare(db, &st, e, sql, "i", id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		json_t *o = json_object();
		for (i = 0; keys[i]; i++) {
			if (store_col_is_null(st, (int)i))
				json_object_set_new(o, keys[i], json_null());
			else if (kinds[i] == 'i')
				json_object_set_new(o, keys[i],
						    json_integer(store_col_int(st, (int)i)));
			else
				json_object_set_new(o, keys[i],
						    json_string(store_col_text(st, (int)i)));
		}
		json_array_append_new(arr, o);
	}
	store_done(st);
	return rc < 0 ? ERR_DB : 0;
}

static int show_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	static const char *const ev_keys[] = {"characteristic", "text", "dataset", "period", NULL};
	static const char *const as_keys[] = {"characteristic", "aim", "impact", "text", NULL};
	static const char *const mi_keys[] = {"text", "action_id", "lead", "due", NULL};
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	store_stmt_t *st;
	json_t *o = NULL;
	store_t *db;
	int64_t id;
	size_t i;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_of(pos[0], n_pos, "show", &id, e)) < 0 || (rc = format_ok(format, e)) < 0 ||
	    (rc = store_open(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	if ((rc = state_check(db, id, 1, NULL, e)) < 0)
		goto done;
	if (store_prepare(db, &st, e,
			  "SELECT id, title, owner, outcome, decision, decided_by, published_at"
			  " FROM eia WHERE id = ?",
			  "i", id) < 0) {
		rc = ERR_DB;
		goto done;
	}
	if ((rc = store_step(st, e)) == 1)
		o = json_pack("{s:I,s:s,s:s,s:s?,s:s?,s:s?,s:s?,s:s}", "id",
			      (json_int_t)store_col_int(st, 0), "title", store_col_text(st, 1),
			      "owner", store_col_text(st, 2), "outcome", store_col_text(st, 3),
			      "decision", store_col_text(st, 4), "decided_by",
			      store_col_text(st, 5), "published_at", store_col_text(st, 6),
			      "stage",
			      stage_of(store_col_text(st, 3), !store_col_is_null(st, 6)));
	store_done(st);
	if (rc < 0 || !o) {
		rc = ERR_DB;
		goto done;
	}
	if ((rc = rows_json(db, o, "evidence", ev_keys, "tttt",
			    "SELECT characteristic, text, dataset, period FROM eia_evidence"
			    " WHERE eia_id = ? ORDER BY id",
			    id, e)) < 0 ||
	    (rc = rows_json(db, o, "assessments", as_keys, "titt",
			    "SELECT characteristic, aim, impact, text FROM eia_assessment"
			    " WHERE eia_id = ? ORDER BY characteristic, aim",
			    id, e)) < 0 ||
	    (rc = rows_json(db, o, "mitigations", mi_keys, "tttt",
			    "SELECT m.text, a.code, a.lead_text, a.ts_due FROM eia_mitigation m"
			    " JOIN action a ON a.id = m.action_id WHERE m.eia_id = ? ORDER BY m.no",
			    id, e)) < 0)
		goto done;
	if (!strcmp(format, "json")) {
		char *s = json_dumps(o, JSON_INDENT(2));
		fprintf(ctx->out, "%s\n", s ? s : "{}");
		free(s);
	} else {
		json_t *v;
		size_t j;
		fprintf(ctx->out, "impact assessment %lld: %s\nowner: %s\nstage: %s\n",
			(long long)id, json_string_value(json_object_get(o, "title")),
			json_string_value(json_object_get(o, "owner")),
			json_string_value(json_object_get(o, "stage")));
		json_array_foreach(json_object_get(o, "evidence"), i, v)
			fprintf(ctx->out, "evidence (%s): %s\n",
				json_string_value(json_object_get(v, "characteristic")),
				json_string_value(json_object_get(v, "text")));
		json_array_foreach(json_object_get(o, "assessments"), i, v) {
			j = (size_t)json_integer_value(json_object_get(v, "aim"));
			fprintf(ctx->out, "impact on %s (%s): %s: %s\n",
				json_string_value(json_object_get(v, "characteristic")),
				aims[j < 4 ? j : 0], json_string_value(json_object_get(v, "impact")),
				json_string_value(json_object_get(v, "text")));
		}
		json_array_foreach(json_object_get(o, "mitigations"), i, v)
			fprintf(ctx->out, "mitigation (action %s): %s\n",
				json_string_value(json_object_get(v, "action_id")),
				json_string_value(json_object_get(v, "text")));
		if (json_object_get(o, "outcome") && json_is_string(json_object_get(o, "outcome")))
			fprintf(ctx->out, "decision: %s by %s: %s\n",
				json_string_value(json_object_get(o, "outcome")),
				json_string_value(json_object_get(o, "decided_by")),
				json_string_value(json_object_get(o, "decision")));
	}
	rc = 0;
done:
	json_decref(o);
	store_close(db);
	return rc;
}

static const struct cli_command assess_commands[] = {
	{"eia assess", assess_cmd, "record the impact on a characteristic",
	 "usage: parity eia assess ID --characteristic C --impact positive|negative|neutral|unknown\n"
	 "         --text TEXT [--aim 1|2|3] [--as NAME]\n"
	 "The impact of the policy on one protected characteristic. --aim names one aim of the\n"
	 "public sector equality duty (1 eliminate discrimination, 2 advance equality of\n"
	 "opportunity, 3 foster good relations); without it the assessment covers all three.\n"
	 "One assessment per characteristic and aim: a second one replaces the first.\n"},
	{"eia decide", decide_cmd, "record the decision on an impact assessment",
	 "usage: parity eia decide ID --outcome proceed|adjust|justify|stop --text TEXT --as NAME\n"
	 "The decision taken in the light of the assessment, its reasons and who took it.\n"},
	{"eia duties", eia_duties_cmd, "say which of the plan's duties an assessment serves",
	 "usage: parity eia duties ID [--duty N]... [--none] [--format text|json] [--as NAME]\n"
	 "The statutory duties of the plan (numbers, as 'parity plan report' lists them) that\n"
	 "the assessment serves; they count it in the plan's duty coverage beside the actions,\n"
	 "until a decision stops the policy. --duty replaces what was said before; --none\n"
	 "clears it; without either, prints the duties. JSON: {\"id\": N, \"duties\": [...]}.\n"},
	{"eia evidence", evidence_cmd, "add evidence on a characteristic",
	 "usage: parity eia evidence ID --characteristic C --text TEXT [--report DATASET:PERIOD]\n"
	 "         [--as NAME]\n"
	 "What is known about the policy's effect on a protected characteristic; --report links\n"
	 "the figures of an imported period of monitoring (its Diversity Report).\n"},
	{"eia list", list_cmd, "list the impact assessments",
	 "usage: parity eia list [--format text|json]\n"},
	{"eia mitigate", mitigate_cmd, "add a mitigation: an action in the plan",
	 "usage: parity eia mitigate ID --text TEXT --lead INITIALS --due DATE [--as NAME]\n"
	 "A step to remove or reduce a negative impact. It becomes an action in the plan (id\n"
	 "E<ID>.<n>, area \"Equality impact assessments\"), shown by 'parity plan list'.\n"},
	{"eia new", new_cmd, "start an equality impact assessment",
	 "usage: parity eia new TITLE --owner INITIALS [--format text|json] [--as NAME]\n"
	 "Starts an assessment of a policy or decision, owned by an active person of the plan.\n"
	 "With --format json prints {\"id\": N}.\n"},
	{"eia pool", pool_cmd, "analyse a redundancy selection pool as evidence", POOL_HELP},
	{"eia publish", publish_cmd, "publish a decided impact assessment",
	 "usage: parity eia publish ID [--as NAME]\n"
	 "Refused until a decision is recorded; a published assessment can no longer change.\n"},
	{"eia show", show_cmd, "show one impact assessment",
	 "usage: parity eia show ID [--format text|json]\n"
	 "Its evidence, assessments, mitigations (with the plan's action id) and decision.\n"},
	{NULL, NULL, NULL, NULL},
};

static const struct web_audit_word assess_audit_words[] = {
	{"eia.assess", "Recorded an impact in an equality impact assessment"},
	{"eia.decide", "Recorded the decision on an equality impact assessment"},
	{"eia.duties", "Said which duties an equality impact assessment serves"},
	{"eia.evidence", "Added evidence to an equality impact assessment"},
	{"eia.mitigate", "Added a mitigation (a plan action) to an equality impact assessment"},
	{"eia.new", "Started an equality impact assessment"},
	{"eia.publish", "Published an equality impact assessment"},
};

const struct room assess_room = {
	"assess",
	assess_commands,
	NULL,
	0,
	NULL,
	0,
	assess_audit_words,
	sizeof assess_audit_words / sizeof assess_audit_words[0],
};
