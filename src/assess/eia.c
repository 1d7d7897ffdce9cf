/*
 * assess/eia.c: equality impact assessments from the command line —
 * parity eia new, screen, evidence, engage, assess, mitigate, decide,
 * signoff, review, publish, revise, list and show (issue 19;
 * docs/assess.md), and the assess room. The model is eia_store.c, shared
 * with the pages (eia_web.c, eia_public.c); each command is one
 * transaction with an entry in the audit log ("cli:NAME").
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
#include "assess/eia_internal.h"
#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "monitor/monitor.h"
#include "plan/plan.h"
#include "store/store.h"
#include "web/web.h"

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
	char initials[64];
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
	rc = eia_create(db, pos[0], owner, cli_author(as), initials, &id, e);
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

static int evidence_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *chr = NULL, *text = NULL, *report = NULL, *as = NULL, *column, *pos[1];
	struct cli_opt opts[] = {{"characteristic", 0, CLI_STRING, &chr},
				 {"text", 0, CLI_STRING, &text},
				 {"report", 0, CLI_STRING, &report},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	store_t *db;
	int64_t id;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_of(pos[0], n_pos, "evidence", &id, e)) < 0 ||
	    (rc = characteristic_ok(chr, &column, e)) < 0 || (rc = text_ok(text, e)) < 0 ||
	    (rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = eia_evidence_add(db, id, column, text, report, cli_author(as), e);
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
	store_t *db;
	int64_t id;
	int n_pos, rc, aim = 0, had = 0;
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
	rc = eia_assess_set(db, id, column, aim, impact, text, cli_author(as), &had, e);
	if (rc >= 0)
		rc = audit(db, cli_author(as), "eia.assess", id, impact, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "%s the impact on %s (%s) in impact assessment %lld: %s\n",
		had ? "replaced" : "recorded", column, eia_aims[aim], (long long)id, impact);
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
	char code[40];
	store_t *db;
	int64_t id, no = 0;
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
	rc = eia_mitigate(db, id, text, lead, due, cli_author(as), code, &no, e);
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
	rc = eia_decide(db, id, outcome, text, as, e);
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
	store_t *db;
	int64_t id, version = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_of(pos[0], n_pos, "publish", &id, e)) < 0 ||
	    (rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = eia_publish(db, id, cli_author(as), &version, e);
	if (rc >= 0)
		rc = audit(db, cli_author(as), "eia.publish", id, NULL, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	if (version > 1)
		fprintf(ctx->out, "published impact assessment %lld (version %lld)\n",
			(long long)id, (long long)version);
	else
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

/* The text form of 'eia show': one line a thing, as before, with the
 * stages of migration 029 after them. */
static void show_text(FILE *out, const json_t *o)
{
	const json_t *v, *x;
	size_t i, j;
	fprintf(out, "impact assessment %lld: %s\nowner: %s\nstage: %s\n",
		(long long)eia_ji(o, "id"), eia_js(o, "title"), eia_js(o, "owner"),
		eia_js(o, "stage"));
	fprintf(out, "version: %lld\n", (long long)eia_ji(o, "version"));
	if (json_is_object(x = json_object_get(o, "screening")))
		fprintf(out, "screening: %s: %s\n",
			json_is_true(json_object_get(x, "needed")) ? "full assessment needed"
								   : "no full assessment needed",
			eia_js(x, "text"));
	json_array_foreach(json_object_get(o, "evidence"), i, v)
		fprintf(out, "evidence (%s): %s\n", eia_js(v, "characteristic"), eia_js(v, "text"));
	json_array_foreach(json_object_get(o, "engagement"), i, v)
		fprintf(out, "engagement (%s, %s): %s\n", eia_js(v, "with"), eia_js(v, "date"),
			eia_js(v, "text"));
	json_array_foreach(json_object_get(o, "assessments"), i, v) {
		j = (size_t)eia_ji(v, "aim");
		fprintf(out, "impact on %s (%s): %s: %s\n", eia_js(v, "characteristic"),
			eia_aims[j < 4 ? j : 0], eia_js(v, "impact"), eia_js(v, "text"));
	}
	json_array_foreach(json_object_get(o, "mitigations"), i, v)
		fprintf(out, "mitigation (action %s): %s\n", eia_js(v, "action_id"),
			eia_js(v, "text"));
	if (json_is_string(json_object_get(o, "outcome")))
		fprintf(out, "decision: %s by %s: %s\n", eia_js(o, "outcome"),
			eia_js(o, "decided_by"), eia_js(o, "decision"));
	if (json_is_object(x = json_object_get(o, "signoff")))
		fprintf(out, "signed off by %s (%s)\n", eia_js(x, "name"), eia_js(x, "role"));
	if (json_is_string(json_object_get(o, "review_date")))
		fprintf(out, "review by: %s\n", eia_js(o, "review_date"));
	json_array_foreach(json_object_get(o, "versions"), i, v)
		fprintf(out, "version %lld published %s\n", (long long)eia_ji(v, "version"),
			eia_js(v, "published_at"));
}

static int show_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *version = NULL, *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format},
				 {"version", 0, CLI_STRING, &version},
				 {NULL, 0, 0, NULL}};
	json_t *o = NULL;
	store_t *db;
	int64_t id;
	long no = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_of(pos[0], n_pos, "show", &id, e)) < 0 || (rc = format_ok(format, e)) < 0)
		return rc;
	if (version && str_to_int(version, 1, 1000000L, &no) < 0)
		return err_set(e, ERR_USAGE, "--version takes a published version's number (1, 2, "
			       "...), not '%s'", version);
	if ((rc = store_open(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	if ((rc = eia_load(db, id, &o, e)) >= 0 && version) {
		json_decref(o);
		rc = eia_version_load(db, id, no, &o, e);
	}
	store_close(db);
	if (rc < 0)
		return rc;
	if (!strcmp(format, "json")) {
		char *s = json_dumps(o, JSON_INDENT(2));
		fprintf(ctx->out, "%s\n", s ? s : "{}");
		free(s);
	} else {
		show_text(ctx->out, o);
	}
	json_decref(o);
	return 0;
}

static int screen_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	static const char *const yes_no[] = {"yes", "no", NULL};
	const char *needed = NULL, *text = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"needed", 0, CLI_STRING, &needed},
				 {"text", 0, CLI_STRING, &text},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	store_t *db;
	int64_t id;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_of(pos[0], n_pos, "screen", &id, e)) < 0 ||
	    (rc = one_of(needed, yes_no, "--needed", "yes or no", e)) < 0 ||
	    (rc = text_ok(text, e)) < 0 ||
	    (rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = eia_screen(db, id, needed[0] == 'y', text, cli_author(as), e);
	if (rc >= 0)
		rc = audit(db, cli_author(as), "eia.screen", id, needed, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "screened impact assessment %lld: %s\n", (long long)id,
		needed[0] == 'y' ? "a full assessment is needed"
				 : "no full assessment is needed; it may go straight to the decision");
	return 0;
}

/* A name, role or "with whom": given, not blank, not too long. */
static int name_ok(const char *v, const char *opt, const char *what, struct err *e)
{
	if (!v || str_blank(v))
		return err_set(e, ERR_USAGE, "give %s %s", opt, what);
	if (strlen(v) > EIA_NAME_MAX)
		return err_set(e, ERR_USAGE, "%s is longer than %d characters; shorten it", opt,
			       EIA_NAME_MAX);
	return 0;
}

/* A date typed on the command line as YYYY-MM-DD into iso (11 bytes). */
static int date_opt(const char *v, const char *opt, char iso[11], struct err *e)
{
	struct date d;
	if (!v)
		return err_set(e, ERR_USAGE, "give %s DATE (such as 2027-03-31)", opt);
	if (date_parse_user(v, opt, &d, e) < 0)
		return ERR_DATA;
	date_format(d, iso);
	return 0;
}

static int engage_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *with = NULL, *date = NULL, *text = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"with", 0, CLI_STRING, &with},
				 {"date", 0, CLI_STRING, &date},
				 {"text", 0, CLI_STRING, &text},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	char iso[11];
	store_t *db;
	int64_t id;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_of(pos[0], n_pos, "engage", &id, e)) < 0 ||
	    (rc = name_ok(with, "--with", "WHO (who was consulted)", e)) < 0 ||
	    (rc = date_opt(date, "--date", iso, e)) < 0 || (rc = text_ok(text, e)) < 0 ||
	    (rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = eia_engage(db, id, with, iso, text, cli_author(as), e);
	if (rc >= 0)
		rc = audit(db, cli_author(as), "eia.engage", id, with, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "logged engagement with %s on %s in impact assessment %lld\n", with,
		iso, (long long)id);
	return 0;
}

static int signoff_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *role = NULL, *pos[1];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as},
				 {"role", 0, CLI_STRING, &role},
				 {NULL, 0, 0, NULL}};
	store_t *db;
	int64_t id;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_of(pos[0], n_pos, "signoff", &id, e)) < 0 ||
	    (rc = name_ok(as, "--as", "NAME (who signs it off)", e)) < 0 ||
	    (rc = name_ok(role, "--role", "ROLE (in what role, such as Director)", e)) < 0 ||
	    (rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = eia_signoff(db, id, as, role, as, e);
	if (rc >= 0)
		rc = audit(db, as, "eia.signoff", id, role, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "impact assessment %lld signed off by %s (%s)\n", (long long)id, as,
		role);
	return 0;
}

static int review_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *date = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"date", 0, CLI_STRING, &date},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	char iso[11];
	store_t *db;
	int64_t id;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_of(pos[0], n_pos, "review", &id, e)) < 0 ||
	    (rc = date_opt(date, "--date", iso, e)) < 0 ||
	    (rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = eia_review_set(db, id, iso, cli_author(as), e);
	if (rc >= 0)
		rc = audit(db, cli_author(as), "eia.review", id, iso, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "impact assessment %lld is to be reviewed by %s\n", (long long)id, iso);
	return 0;
}

static int revise_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as}, {NULL, 0, 0, NULL}};
	store_t *db;
	int64_t id, version = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_of(pos[0], n_pos, "revise", &id, e)) < 0 ||
	    (rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = eia_revise(db, id, cli_author(as), &version, e);
	if (rc >= 0)
		rc = audit(db, cli_author(as), "eia.revise", id, NULL, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "opened version %lld of impact assessment %lld as a draft; the "
		"published version stays on the public pages until this one is published\n",
		(long long)version, (long long)id);
	return 0;
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
	{"eia engage", engage_cmd, "log who was consulted and what they said",
	 "usage: parity eia engage ID --with WHO --date DATE --text SUMMARY [--as NAME]\n"
	 "One entry of the engagement log: who was consulted (a group, a network, a\n"
	 "committee), on what date and what they said. Published with the assessment, so name\n"
	 "groups rather than private individuals.\n"},
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
	 "Refused until a decision is recorded; a published assessment can no longer change\n"
	 "(see 'parity eia revise'). Each publication is kept as a version.\n"},
	{"eia review", review_cmd, "set the date to review an impact assessment",
	 "usage: parity eia review ID --date DATE [--as NAME]\n"
	 "When the assessment is to be looked at again; without one, a year after it was\n"
	 "published. Its owner is mailed 30 days before and once it is overdue. It may be set\n"
	 "at any stage, also once published.\n"},
	{"eia revise", revise_cmd, "open a new draft of a published impact assessment",
	 "usage: parity eia revise ID [--as NAME]\n"
	 "A published assessment cannot change; this opens version N+1 as a draft, keeping\n"
	 "everything but the sign-off. The public page shows the published version until the\n"
	 "new one is published.\n"},
	{"eia screen", screen_cmd, "record whether a full impact assessment is needed",
	 "usage: parity eia screen ID --needed yes|no --text WHY [--as NAME]\n"
	 "Screening: is a full assessment needed, and why. One screened out (no) may go\n"
	 "straight to the decision and publication. A second screening replaces the first.\n"},
	{"eia show", show_cmd, "show one impact assessment",
	 "usage: parity eia show ID [--format text|json] [--version N]\n"
	 "Its screening, evidence, engagement, assessments, mitigations (with the plan's action\n"
	 "id), decision, sign-off, review date and versions. --version N shows version N as it\n"
	 "was published.\n"},
	{"eia signoff", signoff_cmd, "sign off an impact assessment after its decision",
	 "usage: parity eia signoff ID --as NAME --role ROLE\n"
	 "Who signed the assessment off, in what role (Director, Chief Officer). Recorded and\n"
	 "shown; publishing does not need it. Recording the decision again clears it.\n"},
	{NULL, NULL, NULL, NULL},
};

static const struct web_audit_word assess_audit_words[] = {
	{"eia.assess", "Recorded an impact in an equality impact assessment"},
	{"eia.decide", "Recorded the decision on an equality impact assessment"},
	{"eia.duties", "Said which duties an equality impact assessment serves"},
	{"eia.evidence", "Added evidence to an equality impact assessment"},
	{"eia.mitigate", "Added a mitigation (a plan action) to an equality impact assessment"},
	{"eia.engage", "Logged engagement in an equality impact assessment"},
	{"eia.new", "Started an equality impact assessment"},
	{"eia.publish", "Published an equality impact assessment"},
	{"eia.review", "Set the review date of an equality impact assessment"},
	{"eia.revise", "Opened a new version of an equality impact assessment"},
	{"eia.screen", "Screened an equality impact assessment"},
	{"eia.signoff", "Signed off an equality impact assessment"},
};

const struct room assess_room = {
	"assess",
	assess_commands,
	eia_pages,
	EIA_N_PAGES,
	eia_nav,
	EIA_N_NAV,
	assess_audit_words,
	sizeof assess_audit_words / sizeof assess_audit_words[0],
};
