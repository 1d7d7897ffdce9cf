/*
 * network/survey_cmd.c: the 'parity survey' commands — make a survey and
 * its questions, open and close it, mail members their links, enter
 * responses (paper returns, a spreadsheet), and the results by group, as
 * text, JSON, CSV or XLSX, or fed into monitoring (docs/network.md,
 * "Consultations and surveys").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/cli.h"
#include "core/room.h"
#include "core/str.h"
#include "network/survey.h"

#define SURVEY_FILE_BYTES (16 * 1024 * 1024)

/* A change made on the command line, in the audit log as the web records
 * it (who is "cli:NAME"), inside the command's transaction. */
static int cli_audit(store_t *db, const char *as, const char *what, int64_t id,
		     const char *after, struct err *e)
{
	char now[21], who[96], target[40];
	date_now_iso(now);
	snprintf(who, sizeof who, "cli:%s", cli_author(as));
	snprintf(target, sizeof target, "survey %lld", (long long)id);
	return store_exec(db, e, "INSERT INTO audit_log (at, who, what, target, after) "
			  "VALUES (?, ?, ?, ?, ?)", "ttttt", now, who, what, target, after);
}

/* Today in the network's clock (net_now: $PARITY_NOW in tests). */
static struct date today_net(void)
{
	time_t t = net_now();
	struct tm tm;
	struct date d = {0, 0, 0};
	if (localtime_r(&t, &tm)) {
		d.y = tm.tm_year + 1900;
		d.m = tm.tm_mon + 1;
		d.d = tm.tm_mday;
	}
	return d;
}

static int parse_id(const char *s, int64_t *id, struct err *e)
{
	long v;
	if (!s || str_to_int(s, 1, 2000000000L, &v) < 0)
		return err_set(e, ERR_USAGE, "'%s' is not a survey number (see 'parity survey list')",
			       s ? s : "");
	*id = v;
	return 0;
}

static int format_ok(const char *format, struct err *e)
{
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "unknown format '%s'; use text or json", format);
	return 0;
}

static int read_file(const char *path, char **data, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	if (!f)
		return err_set(e, ERR_IO, "cannot open %s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > SURVEY_FILE_BYTES) {
			fclose(f);
			buf_free(&b);
			return err_set(e, ERR_DATA, "%s is larger than %d MiB; split it", path,
				       SURVEY_FILE_BYTES >> 20);
		}
		buf_append(&b, chunk, n);
	}
	fclose(f);
	*len = b.len;
	*data = b.len ? buf_take(&b) : NULL;
	buf_free(&b);
	if (!*len)
		return err_set(e, ERR_DATA, "%s is empty", path);
	return 0;
}

static void print_json(struct cli_ctx *ctx, json_t *o)
{
	char *s = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	fprintf(ctx->out, "%s\n", s ? s : "{}");
	free(s);
}

static int create_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *kind = NULL, *access = "public", *ask = NULL, *opens = NULL, *closes = NULL,
		   *format = "text", *as = NULL, *pos[1];
	int anonymous = 0, n_pos, rc;
	struct cli_opt opts[] = {
		{"kind", 0, CLI_STRING, &kind},	    {"anonymous", 0, CLI_FLAG, &anonymous},
		{"access", 0, CLI_STRING, &access}, {"ask", 0, CLI_STRING, &ask},
		{"opens", 0, CLI_STRING, &opens},   {"closes", 0, CLI_STRING, &closes},
		{"format", 0, CLI_STRING, &format}, {"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	struct survey_new sn = {0};
	int64_t id = 0;
	store_t *db;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1 || !kind)
		return err_set(e, ERR_USAGE, "give a title and --kind: parity survey create TITLE "
			       "--kind consultation|staff-survey|exit-interview");
	if ((rc = format_ok(format, e)) < 0)
		return rc;
	sn.title = pos[0];
	sn.kind = kind;
	sn.access = access;
	sn.ask = ask;
	sn.opens = opens;
	sn.closes = closes;
	sn.anonymous = anonymous;
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = survey_create(db, &sn, cli_author(as), &id, e);
	if (rc >= 0)
		rc = cli_audit(db, as, "survey.create", id, pos[0], e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	if (!strcmp(format, "json"))
		fprintf(ctx->out, "{\"id\": %lld}\n", (long long)id);
	else
		fprintf(ctx->out, "created survey %lld (%s, %s, %s access): add questions with "
			"'parity survey question %lld ...'\n", (long long)id, kind,
			anonymous ? "anonymous" : "named", access, (long long)id);
	return 0;
}

static int question_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *type = NULL, *text = NULL, *scale = NULL, *low = NULL, *high = NULL,
		   *as = NULL, *pos[1];
	struct cli_multi choices = {{0}, 0};
	int optional = 0, n_pos, rc, i;
	struct cli_opt opts[] = {
		{"type", 0, CLI_STRING, &type},	  {"text", 0, CLI_STRING, &text},
		{"choice", 0, CLI_MULTI, &choices}, {"scale", 0, CLI_STRING, &scale},
		{"low", 0, CLI_STRING, &low},	  {"high", 0, CLI_STRING, &high},
		{"optional", 0, CLI_FLAG, &optional}, {"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	struct survey_question *q;
	int64_t id = 0;
	store_t *db;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1 || !type || !text)
		return err_set(e, ERR_USAGE, "usage: parity survey question ID --type "
			       "single|multiple|scale|text --text TEXT [--choice X]...");
	if ((rc = parse_id(pos[0], &id, e)) < 0)
		return rc;
	q = calloc(1, sizeof *q);
	if (!q)
		return err_set(e, ERR_INTERNAL, "out of memory");
	if ((rc = survey_qtype_parse(type, &q->type, e)) < 0)
		goto out;
	snprintf(q->text, sizeof q->text, "%s", text);
	q->required = !optional;
	if (choices.n_values > SURVEY_MAX_CHOICES) {
		rc = err_set(e, ERR_USAGE, "at most %d choices", SURVEY_MAX_CHOICES);
		goto out;
	}
	for (i = 0; i < choices.n_values; i++) {
		if (strlen(choices.values[i]) >= SURVEY_CHOICE_MAX) {
			rc = err_set(e, ERR_USAGE, "choice %d is longer than 120 characters", i + 1);
			goto out;
		}
		snprintf(q->choices[i], SURVEY_CHOICE_MAX, "%s", choices.values[i]);
	}
	q->n_choices = choices.n_values;
	if (q->type == SQ_SCALE) {
		if ((rc = survey_scale_parse(scale ? scale : "1-5", &q->scale_lo, &q->scale_hi, e)) < 0)
			goto out;
	} else if (scale) {
		rc = err_set(e, ERR_USAGE, "--scale is for scale questions only");
		goto out;
	}
	if ((low && strlen(low) >= SURVEY_CHOICE_MAX) || (high && strlen(high) >= SURVEY_CHOICE_MAX)) {
		rc = err_set(e, ERR_USAGE, "--low and --high are at most 120 characters");
		goto out;
	}
	snprintf(q->lo_label, sizeof q->lo_label, "%s", low ? low : "");
	snprintf(q->hi_label, sizeof q->hi_label, "%s", high ? high : "");
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		goto out;
	rc = survey_question_add(db, id, q, e);
	if (rc >= 0)
		rc = cli_audit(db, as, "survey.question", id, q->text, e);
	if ((rc = store_finish(db, rc, e)) >= 0)
		fprintf(ctx->out, "added question %d to survey %lld (%s%s)\n", q->number,
			(long long)id, survey_qtype_name(q->type), q->required ? "" : ", optional");
out:
	free(q);
	return rc;
}

static int open_close(struct cli_ctx *ctx, int argc, char **argv, int open, struct err *e)
{
	const char *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as}, {NULL, 0, 0, NULL}};
	struct survey *s = NULL;
	int64_t id = 0;
	store_t *db;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "usage: parity survey %s ID", open ? "open" : "close");
	if ((rc = parse_id(pos[0], &id, e)) < 0)
		return rc;
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = open ? survey_open(db, id, e) : survey_close(db, id, e);
	if (rc >= 0)
		rc = cli_audit(db, as, open ? "survey.open" : "survey.close", id, NULL, e);
	if (rc >= 0)
		rc = survey_load_new(db, id, &s, e);
	if ((rc = store_finish(db, rc, e)) >= 0) {
		if (!open)
			fprintf(ctx->out, "closed survey %lld: %lld responses\n", (long long)id,
				(long long)s->n_responses);
		else if (!strcmp(s->access, "public"))
			fprintf(ctx->out, "opened survey %lld; its public link: /public/surveys/%s\n",
				(long long)id, s->public_token);
		else
			fprintf(ctx->out, "opened survey %lld; mail the members their links with "
				"'parity survey invite %lld'\n", (long long)id, (long long)id);
	}
	survey_free(s);
	return rc;
}

static int open_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	return open_close(ctx, argc, argv, 1, e);
}

static int close_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	return open_close(ctx, argc, argv, 0, e);
}

static json_t *survey_json(const struct survey *s, int full)
{
	json_t *o = json_object(), *a;
	int i, j;
	json_object_set_new(o, "id", json_integer(s->id));
	json_object_set_new(o, "title", json_string(s->title));
	json_object_set_new(o, "kind", json_string(s->kind));
	json_object_set_new(o, "anonymous", json_boolean(s->anonymous));
	json_object_set_new(o, "access", json_string(s->access));
	json_object_set_new(o, "status", json_string(s->status));
	json_object_set_new(o, "opens", s->opens[0] ? json_string(s->opens) : json_null());
	json_object_set_new(o, "closes", s->closes[0] ? json_string(s->closes) : json_null());
	json_object_set_new(o, "responses", json_integer(s->n_responses));
	if (!strcmp(s->access, "members")) {
		json_object_set_new(o, "invited", json_integer(s->n_invited));
		json_object_set_new(o, "links_used", json_integer(s->n_used));
	} else {
		json_object_set_new(o, "link", s->public_token[0] ? json_sprintf("/public/surveys/%s",
										 s->public_token)
								  : json_null());
	}
	a = json_array();
	for (i = 0; i < s->n_asks; i++)
		json_array_append_new(a, json_string(s->asks[i]));
	json_object_set_new(o, "asks", a);
	if (!full) {
		json_object_set_new(o, "questions", json_integer(s->n_questions));
		return o;
	}
	a = json_array();
	for (i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		json_t *x = json_object(), *c = json_array();
		json_object_set_new(x, "number", json_integer(q->number));
		json_object_set_new(x, "type", json_string(survey_qtype_name(q->type)));
		json_object_set_new(x, "text", json_string(q->text));
		json_object_set_new(x, "required", json_boolean(q->required));
		for (j = 0; j < q->n_choices; j++)
			json_array_append_new(c, json_string(q->choices[j]));
		if (q->type == SQ_SCALE) {
			json_object_set_new(x, "scale", json_pack("[i,i]", q->scale_lo, q->scale_hi));
			json_object_set_new(x, "low", json_string(q->lo_label));
			json_object_set_new(x, "high", json_string(q->hi_label));
		}
		json_object_set_new(x, "choices", c);
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "questions", a);
	return o;
}

static int list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	int64_t *ids = NULL;
	size_t n = 0, i;
	json_t *a = NULL;
	store_t *db;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if ((rc = format_ok(format, e)) < 0)
		return rc;
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	rc = survey_list_ids(db, &ids, &n, e);
	if (!strcmp(format, "json"))
		a = json_array();
	for (i = 0; rc >= 0 && i < n; i++) {
		struct survey *s;
		if ((rc = survey_load_new(db, ids[i], &s, e)) < 0)
			break;
		if (a)
			json_array_append_new(a, survey_json(s, 0));
		else
			fprintf(ctx->out, "%lld\t%s\t%s\t%s\t%s\t%d questions\t%lld responses\n",
				(long long)s->id, s->status, s->kind, s->access, s->title,
				s->n_questions, (long long)s->n_responses);
		survey_free(s);
	}
	store_close(db);
	free(ids);
	if (rc >= 0 && a)
		print_json(ctx, a);
	else if (rc >= 0 && !n)
		fputs("no surveys yet; see 'parity help survey create'\n", ctx->out);
	json_decref(a);
	return rc < 0 ? rc : 0;
}

static int show_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	struct survey *s = NULL;
	int64_t id = 0;
	store_t *db;
	int n_pos, rc, i, j;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "usage: parity survey show ID [--format text|json]");
	if ((rc = format_ok(format, e)) < 0 || (rc = parse_id(pos[0], &id, e)) < 0)
		return rc;
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	rc = survey_load_new(db, id, &s, e);
	store_close(db);
	if (rc < 0)
		return rc;
	if (!strcmp(format, "json")) {
		json_t *o = survey_json(s, 1);
		print_json(ctx, o);
		json_decref(o);
		survey_free(s);
		return 0;
	}
	fprintf(ctx->out, "Survey %lld: %s\n%s, %s, %s access, %s\n", (long long)s->id, s->title,
		survey_kind_words(s->kind), s->anonymous ? "anonymous" : "named", s->access,
		s->status);
	if (s->opens[0] || s->closes[0])
		fprintf(ctx->out, "Open from %s to %s\n", s->opens[0] ? s->opens : "opening",
			s->closes[0] ? s->closes : "closing");
	if (s->public_token[0])
		fprintf(ctx->out, "Link: /public/surveys/%s\n", s->public_token);
	if (!strcmp(s->access, "members"))
		fprintf(ctx->out, "Members invited: %lld; links used: %lld\n",
			(long long)s->n_invited, (long long)s->n_used);
	fprintf(ctx->out, "Responses: %lld\n", (long long)s->n_responses);
	if (s->n_asks) {
		fputs("Asks (optional, with \"Prefer not to say\"):", ctx->out);
		for (i = 0; i < s->n_asks; i++)
			fprintf(ctx->out, "%s %s", i ? "," : "", s->asks[i]);
		fputc('\n', ctx->out);
	}
	for (i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		fprintf(ctx->out, "\n%d. %s (%s%s)\n", q->number, q->text, survey_qtype_name(q->type),
			q->required ? "" : ", optional");
		for (j = 0; j < q->n_choices; j++)
			fprintf(ctx->out, "   %d) %s\n", j + 1, q->choices[j]);
		if (q->type == SQ_SCALE)
			fprintf(ctx->out, "   %d%s%s%s to %d%s%s%s\n", q->scale_lo,
				q->lo_label[0] ? " (" : "", q->lo_label, q->lo_label[0] ? ")" : "",
				q->scale_hi, q->hi_label[0] ? " (" : "", q->hi_label,
				q->hi_label[0] ? ")" : "");
	}
	survey_free(s);
	return 0;
}

static int invite_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as}, {NULL, 0, 0, NULL}};
	int64_t id = 0;
	store_t *db;
	int n_pos, rc, n = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "usage: parity survey invite ID");
	if ((rc = parse_id(pos[0], &id, e)) < 0)
		return rc;
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = survey_invite(db, id, net_now(), &n, e);
	if (rc >= 0) {
		char after[32];
		snprintf(after, sizeof after, "%d members", n);
		rc = cli_audit(db, as, "survey.invite", id, after, e);
	}
	if ((rc = store_finish(db, rc, e)) >= 0)
		fprintf(ctx->out, "invited %d member%s to survey %lld (their links are in the "
			"outbox; 'parity mail run' sends them)\n", n, n == 1 ? "" : "s",
			(long long)id);
	return rc;
}

/* Record responses r[0..n) (emails[i]: a named survey's member) in one
 * transaction: all or nothing. */
static int record_all(struct cli_ctx *ctx, int64_t id, struct survey_response *r, char **emails,
		      size_t n, const char *token, const char *channel, const char *as,
		      struct err *e)
{
	struct survey *s = NULL;
	store_t *db;
	size_t i;
	int rc;
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = survey_load_new(db, id, &s, e);
	for (i = 0; rc >= 0 && i < n; i++) {
		int64_t mid = 0;
		if (emails && emails[i]) {
			if (s->anonymous)
				rc = err_set(e, ERR_DATA, "survey %lld is anonymous: give no member",
					     (long long)id);
			else
				rc = net_member_by_email(db, emails[i], &mid, e);
		}
		if (rc >= 0)
			rc = survey_respond(db, s, &r[i], token, mid, channel, today_net(), NULL, e);
		if (rc < 0 && n > 1)
			err_prefix(e, "response %zu", i + 1);
	}
	if (rc >= 0 && strcmp(channel, "web")) {
		char after[32];
		snprintf(after, sizeof after, "%zu responses", n);
		rc = cli_audit(db, as, !strcmp(channel, "import") ? "survey.import" : "survey.paper",
			       id, after, e);
	}
	survey_free(s);
	if ((rc = store_finish(db, rc, e)) >= 0)
		fprintf(ctx->out, "recorded %zu response%s to survey %lld\n", n, n == 1 ? "" : "s",
			(long long)id);
	return rc;
}

/* The survey id, loaded in a read of its own (for parsing a file). */
static int load_only(struct cli_ctx *ctx, int64_t id, struct survey **s, struct err *e)
{
	store_t *db;
	int rc = net_cli_open(ctx, &db, e);
	if (rc < 0)
		return rc;
	rc = survey_load_new(db, id, s, e);
	store_close(db);
	return rc;
}

static int respond_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *answers = NULL, *token = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {
		{"answers", 0, CLI_STRING, &answers},
		{"token", 0, CLI_STRING, &token},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	struct survey_response *r = NULL;
	struct survey *s = NULL;
	char *data = NULL, **emails = NULL;
	size_t len = 0, n = 0;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1 || !answers)
		return err_set(e, ERR_USAGE, "usage: parity survey respond ID --answers FILE.json "
			       "[--token T]");
	if ((rc = parse_id(pos[0], &id, e)) < 0)
		return rc;
	if ((rc = read_file(answers, &data, &len, e)) < 0)
		return rc;
	if ((rc = load_only(ctx, id, &s, e)) < 0)
		goto out;
	if (token && !strcmp(s->access, "public")) {
		rc = err_set(e, ERR_USAGE, "survey %lld has a public link, not personal ones: give "
			     "no --token", (long long)id);
		goto out;
	}
	if ((rc = survey_answers_parse(s, data, len, &r, &emails, &n, e)) < 0) {
		err_prefix(e, "%s", str_file_name(answers));
		goto out;
	}
	if (token && n != 1) {
		rc = err_set(e, ERR_USAGE, "a personal link answers once: give one response with "
			     "--token");
		goto out;
	}
	rc = record_all(ctx, id, r, emails, n, token, token ? "web" : "paper", as, e);
out:
	survey_responses_free(r, emails, n);
	survey_free(s);
	free(data);
	return rc;
}

static int import_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *pos[2];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as}, {NULL, 0, 0, NULL}};
	struct survey_response *r = NULL;
	struct survey *s = NULL;
	struct buf problems = BUF_INIT;
	char *data = NULL, **emails = NULL;
	size_t len = 0, n = 0;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 2, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 2)
		return err_set(e, ERR_USAGE, "usage: parity survey import ID FILE.csv");
	if ((rc = parse_id(pos[0], &id, e)) < 0)
		return rc;
	if ((rc = read_file(pos[1], &data, &len, e)) < 0)
		return rc;
	if ((rc = load_only(ctx, id, &s, e)) < 0)
		goto out;
	rc = survey_csv_parse(s, data, len, str_file_name(pos[1]), &r, &emails, &n, &problems, e);
	if (rc < 0) {
		if (problems.len)
			fputs(buf_str(&problems), ctx->warn);
		goto out;
	}
	rc = record_all(ctx, id, r, emails, n, NULL, "import", as, e);
out:
	buf_free(&problems);
	survey_responses_free(r, emails, n);
	survey_free(s);
	free(data);
	return rc;
}

static int results_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *by = NULL, *threshold = NULL, *format = "text", *output = NULL, *pos[1];
	struct cli_opt opts[] = {
		{"by", 0, CLI_STRING, &by},	    {"threshold", 0, CLI_STRING, &threshold},
		{"format", 0, CLI_STRING, &format}, {"output", 'o', CLI_STRING, &output},
		{NULL, 0, 0, NULL},
	};
	struct survey_results *res = NULL;
	struct survey *s = NULL;
	struct buf out = BUF_INIT;
	long th = SURVEY_THRESHOLD_MIN;
	int64_t id = 0;
	store_t *db;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "usage: parity survey results ID [--by C] [--threshold N] "
			       "[--format text|json|csv|xlsx] [--output FILE]");
	if ((rc = parse_id(pos[0], &id, e)) < 0)
		return rc;
	if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv") &&
	    strcmp(format, "xlsx"))
		return err_set(e, ERR_USAGE, "unknown format '%s'; use text, json, csv or xlsx",
			       format);
	if (!strcmp(format, "xlsx") && (!output || !strcmp(output, "-")))
		return err_set(e, ERR_USAGE, "an XLSX workbook needs --output FILE.xlsx");
	if (threshold && str_to_int(threshold, 0, 1000000, &th) < 0)
		return err_set(e, ERR_USAGE, "--threshold takes a whole number of responses (%d or "
			       "more); got '%s'", SURVEY_THRESHOLD_MIN, threshold);
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if ((rc = survey_load_new(db, id, &s, e)) >= 0)
		rc = survey_results_new(db, s, by, (int)th, &res, e);
	store_close(db);
	if (rc < 0)
		goto out;
	if (!strcmp(format, "xlsx")) {
		if ((rc = survey_results_xlsx(s, res, output, e)) >= 0)
			fprintf(ctx->out, "wrote %s\n", output);
		goto out;
	}
	if (!strcmp(format, "json")) {
		json_t *o = NULL;
		char *j;
		if ((rc = survey_results_json(s, res, &o, e)) < 0)
			goto out;
		j = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(12));
		buf_printf(&out, "%s\n", j ? j : "{}");
		free(j);
		json_decref(o);
	} else if (!strcmp(format, "csv")) {
		survey_results_csv(s, res, &out);
	} else {
		survey_results_text(s, res, &out);
	}
	if (out.failed)
		rc = err_set(e, ERR_INTERNAL, "the results are too large to write");
	else
		rc = cli_write_out(ctx, output, buf_str(&out), out.len, e);
out:
	buf_free(&out);
	survey_results_free(res);
	survey_free(s);
	return rc < 0 ? rc : 0;
}

static int feed_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *period = NULL, *dataset = "staff-survey", *as = NULL, *pos[1];
	struct cli_multi qs = {{0}, 0};
	struct cli_opt opts[] = {
		{"period", 0, CLI_STRING, &period}, {"dataset", 0, CLI_STRING, &dataset},
		{"question", 0, CLI_MULTI, &qs},    {"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	int questions[32], favourable[32], n_pos, rc, i, raised = 0;
	char author[96];
	int64_t id = 0;
	store_t *db;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1 || !period || !qs.n_values)
		return err_set(e, ERR_USAGE, "usage: parity survey feed ID --period P --question "
			       "N[:CHOICE]... [--dataset staff-survey|exit-interviews]");
	if ((rc = parse_id(pos[0], &id, e)) < 0)
		return rc;
	for (i = 0; i < qs.n_values; i++) {
		char left[16];
		const char *colon = strchr(qs.values[i], ':');
		long q, c = 0;
		size_t ln = colon ? (size_t)(colon - qs.values[i]) : strlen(qs.values[i]);
		if (ln >= sizeof left)
			ln = sizeof left - 1;
		memcpy(left, qs.values[i], ln);
		left[ln] = 0;
		if (str_to_int(left, 1, SURVEY_MAX_QUESTIONS, &q) < 0 ||
		    (colon && str_to_int(colon + 1, 1, SURVEY_MAX_CHOICES, &c) < 0))
			return err_set(e, ERR_USAGE, "--question: '%s' is not N (a scale question) or "
				       "N:CHOICE (a choice question and its favourable choice's "
				       "number)", qs.values[i]);
		questions[i] = (int)q;
		favourable[i] = (int)c;
	}
	snprintf(author, sizeof author, "cli:%s", cli_author(as));
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	rc = survey_feed(db, id, period, dataset, questions, favourable, qs.n_values, author, NULL,
			 &raised, e);
	if (rc >= 0 && (rc = store_begin(db, e)) >= 0) {
		char after[96];
		snprintf(after, sizeof after, "%s %s", dataset, period);
		rc = cli_audit(db, as, "survey.feed", id, after, e);
		if (rc >= 0)
			rc = store_commit(db, e);
		else
			store_rollback(db);
	}
	store_close(db);
	if (rc >= 0)
		fprintf(ctx->out, "fed survey %lld into monitoring as %s, period %s: %d flag%s raised "
			"(see 'parity flags list' and the Diversity Report)\n", (long long)id, dataset,
			period, raised, raised == 1 ? "" : "s");
	return rc < 0 ? rc : 0;
}

const struct cli_command survey_commands[] = {
	{"survey close", close_cmd, "close a survey: it takes no more responses",
	 "usage: parity survey close ID [--as NAME]\n"
	 "Example:\n  parity survey close 1\n"},
	{"survey create", create_cmd, "make a consultation, staff survey or exit interview",
	 "usage: parity survey create TITLE --kind consultation|staff-survey|exit-interview\n"
	 "                  [--anonymous] [--access public|members] [--ask C1,C2,...]\n"
	 "                  [--opens DATE] [--closes DATE] [--format text|json] [--as NAME]\n"
	 "\n"
	 "A survey starts as a draft: add its questions, then open it. --anonymous\n"
	 "stores no member with a response (and only its date); a named survey needs\n"
	 "--access members. public (the default): anyone with its link answers;\n"
	 "members: each member who agreed to be consulted is mailed a personal link\n"
	 "that works once. --ask lists the protected characteristics asked (ethnicity,\n"
	 "sex, age, disability, religion, sexual_orientation ...), each optional with\n"
	 "\"Prefer not to say\". Example:\n"
	 "  parity survey create \"Staff survey 2026\" --kind staff-survey --anonymous \\\n"
	 "      --ask ethnicity,sex --format json\n"},
	{"survey feed", feed_cmd, "send a survey's favourable answers by group to monitoring",
	 "usage: parity survey feed ID --period P --question N[:CHOICE]...\n"
	 "                  [--dataset staff-survey|exit-interviews] [--as NAME]\n"
	 "\n"
	 "Each --question N (a scale: agreeing, its top two points) or N:CHOICE (a\n"
	 "choice question: that choice is the favourable answer) becomes an outcome\n"
	 "of a count table by group for every characteristic the survey asks,\n"
	 "imported as the workforce dataset (default staff-survey) for period P: the\n"
	 "Diversity Report, its flags and safe publication then apply. Example:\n"
	 "  parity survey feed 1 --period 2026 --question 2 --question 1:1\n"},
	{"survey import", import_cmd, "enter responses from a spreadsheet (CSV)",
	 "usage: parity survey import ID FILE.csv [--as NAME]\n"
	 "\n"
	 "Columns q1, q2 ... (a choice's text or number; several choices of a\n"
	 "multiple choice question separated by ';'), the characteristics the\n"
	 "survey asks by name, and for a named survey 'member' (an email). All or\n"
	 "nothing: each problem is named by line and column. Example:\n"
	 "  parity survey import 1 returns.csv\n"},
	{"survey invite", invite_cmd, "mail each member a personal link to a members survey",
	 "usage: parity survey invite ID [--as NAME]\n"
	 "Every active member who agreed to be consulted and has no link yet is\n"
	 "mailed one (it works once; only its hash is kept). Example:\n"
	 "  parity survey invite 2\n"},
	{"survey list", list_cmd, "the surveys, newest first",
	 "usage: parity survey list [--format text|json]\n"
	 "Example:\n  parity survey list --format json\n"},
	{"survey open", open_cmd, "open a survey for responses",
	 "usage: parity survey open ID [--as NAME]\n"
	 "A public survey gets its link (/public/surveys/TOKEN). Example:\n"
	 "  parity survey open 1\n"},
	{"survey question", question_cmd, "add a question to a draft survey",
	 "usage: parity survey question ID --type single|multiple|scale|text --text TEXT\n"
	 "                  [--choice X]... [--scale 1-5] [--low LABEL] [--high LABEL]\n"
	 "                  [--optional] [--as NAME]\n"
	 "\n"
	 "Questions are numbered in the order added and required unless --optional.\n"
	 "Choice questions take 2 to 20 --choice; a scale runs --scale LO-HI (default\n"
	 "1-5) with end labels --low and --high. Example:\n"
	 "  parity survey question 1 --type scale --text \"I feel valued at work\" \\\n"
	 "      --low \"Strongly disagree\" --high \"Strongly agree\"\n"},
	{"survey respond", respond_cmd, "enter responses from an answers file (JSON)",
	 "usage: parity survey respond ID --answers FILE.json [--token T] [--as NAME]\n"
	 "\n"
	 "FILE holds one response or a list of them:\n"
	 "  {\"answers\": {\"1\": \"Yes\", \"2\": [\"A\", \"B\"], \"3\": 4, \"4\": \"text\"},\n"
	 "   \"characteristics\": {\"ethnicity\": \"B1\"}, \"member\": \"ada@example.org\"}\n"
	 "keyed by question number (a choice by its text or number; member only for a\n"
	 "named survey). Without --token they are paper returns entered by staff;\n"
	 "with it, one response on a member's personal link. Example:\n"
	 "  parity survey respond 1 --answers returns.json\n"},
	{"survey results", results_cmd, "a survey's results, overall and by group",
	 "usage: parity survey results ID [--by CHARACTERISTIC] [--threshold N]\n"
	 "                  [--format text|json|csv|xlsx] [--output FILE]\n"
	 "\n"
	 "Counts and shares per choice (a scale: share agreeing, its top two\n"
	 "points), by the groups of --by, each group compared with the reference\n"
	 "group (White for ethnicity, else the largest): the difference with its\n"
	 "95% interval (Newcombe) and p, adjusted by Holm across the run. A group\n"
	 "with fewer than the threshold (10; --threshold may raise it) answering has\n"
	 "no result; free text is shown only overall. Example:\n"
	 "  parity survey results 1 --by ethnicity --format csv --output results.csv\n"},
	{"survey show", show_cmd, "one survey: its questions, link and responses",
	 "usage: parity survey show ID [--format text|json]\n"
	 "Example:\n  parity survey show 1\n"},
	{NULL, NULL, NULL, NULL},
};
