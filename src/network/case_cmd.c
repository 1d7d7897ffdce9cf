/*
 * network/case_cmd.c: the casework commands — parity case open, assign,
 * note, status, hearing, document, download, show, list, access-log,
 * retention, purge and counts. Every command that touches a case names
 * the caseworker acting with --as (an account holding casework, assigned
 * to the case); each is one transaction, reading included, since every
 * reading goes in the case's access log. The model is in case.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/str.h"
#include "monitor/monitor.h"
#include "network/case.h"

static int format_ok(const char *format, struct err *e)
{
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "--format takes text or json");
	return 0;
}

static int need_as(const char *as, struct err *e)
{
	if (!as || !*as)
		return err_set(e, ERR_USAGE, "give --as USER: the caseworker's account (one holding "
			       "the casework capability)");
	return 0;
}

static int case_id_arg(const char *s, int64_t *id, struct err *e)
{
	long v;
	if (!s || str_to_int(s, 1, 2000000000L, &v) < 0)
		return err_set(e, ERR_USAGE, "give the case's number (parity case list shows "
			       "yours), not '%s'", s ? s : "");
	*id = v;
	return 0;
}

static void print_json(struct cli_ctx *ctx, json_t *o)
{
	char *s = json_dumps(o, JSON_INDENT(2));
	fprintf(ctx->out, "%s\n", s ? s : "{}");
	free(s);
	json_decref(o);
}

/* Open the database, begin, and let in --as on case id (0: any
 * caseworker). On success the transaction is open. */
static int enter(struct cli_ctx *ctx, const char *as, int64_t id, store_t **db,
		 struct case_actor *a, struct err *e)
{
	int rc;
	*db = NULL;
	if ((rc = need_as(as, e)) < 0 || (rc = net_cli_open(ctx, db, e)) < 0)
		return rc;
	if ((rc = store_begin(*db, e)) < 0 ||
	    (rc = case_actor(*db, as, 0, "cli", id, a, e)) < 0 ||
	    (id > 0 && (rc = case_gate(*db, a, id, e)) < 0)) {
		store_rollback(*db);
		store_close(*db);
		*db = NULL;
		return rc;
	}
	return 0;
}

/* Commit (or roll back on rc < 0) and close. */
static int leave(store_t *db, int rc, struct err *e)
{
	if (rc >= 0)
		rc = store_commit(db, e);
	if (rc < 0)
		store_rollback(db);
	store_close(db);
	return rc < 0 ? rc : 0;
}

static int open_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *member = NULL, *kind = NULL, *summary = NULL, *as = NULL, *format = "text",
		   *pos[1];
	struct cli_opt opts[] = {{"member", 0, CLI_STRING, &member},
				 {"kind", 0, CLI_STRING, &kind},
				 {"summary", 0, CLI_STRING, &summary},
				 {"as", 0, CLI_STRING, &as},
				 {"format", 0, CLI_STRING, &format},
				 {NULL, 0, 0, NULL}};
	struct case_actor a;
	store_t *db;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0)
		return rc;
	if (!member)
		return err_set(e, ERR_USAGE, "give the member's email address with --member");
	if (!kind)
		return err_set(e, ERR_USAGE, "give --kind grievance|disciplinary|capability|other");
	if (!summary)
		return err_set(e, ERR_USAGE, "give what the case is about with --summary TEXT");
	if ((rc = enter(ctx, as, 0, &db, &a, e)) < 0)
		return rc;
	rc = leave(db, case_open(db, &a, member, kind, summary, &id, e), e);
	if (rc < 0)
		return rc;
	if (!strcmp(format, "json"))
		print_json(ctx, json_pack("{s:I}", "id", (json_int_t)id));
	else
		fprintf(ctx->out, "opened case %lld; you (%s) are its caseworker\n", (long long)id,
			a.name);
	return 0;
}

static int assign_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *to = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"to", 0, CLI_STRING, &to}, {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	struct case_actor a;
	store_t *db;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = case_id_arg(n_pos ? pos[0] : NULL, &id, e)) < 0)
		return rc;
	if (!to)
		return err_set(e, ERR_USAGE, "give the caseworker to assign with --to USER");
	if ((rc = enter(ctx, as, id, &db, &a, e)) < 0)
		return rc;
	if ((rc = leave(db, case_assign(db, &a, id, to, e), e)) < 0)
		return rc;
	fprintf(ctx->out, "assigned %s to case %lld\n", to, (long long)id);
	return 0;
}

static int note_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *text = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"text", 0, CLI_STRING, &text}, {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	struct case_actor a;
	store_t *db;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = case_id_arg(n_pos ? pos[0] : NULL, &id, e)) < 0)
		return rc;
	if (!text)
		return err_set(e, ERR_USAGE, "give the note with --text TEXT");
	if ((rc = enter(ctx, as, id, &db, &a, e)) < 0)
		return rc;
	if ((rc = leave(db, case_note_add(db, &a, id, text, e), e)) < 0)
		return rc;
	fprintf(ctx->out, "added a note to case %lld\n", (long long)id);
	return 0;
}

static int status_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *to = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"to", 0, CLI_STRING, &to}, {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	struct case_actor a;
	store_t *db;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = case_id_arg(n_pos ? pos[0] : NULL, &id, e)) < 0)
		return rc;
	if (!to)
		return err_set(e, ERR_USAGE, "give the new status with --to open|hearing|appeal|closed");
	if ((rc = enter(ctx, as, id, &db, &a, e)) < 0)
		return rc;
	if ((rc = leave(db, case_status_set(db, &a, id, to, e), e)) < 0)
		return rc;
	fprintf(ctx->out, "case %lld is now %s\n", (long long)id, to);
	return 0;
}

static int hearing_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *date = NULL, *time_hm = NULL, *note = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"date", 0, CLI_STRING, &date},
				 {"time", 0, CLI_STRING, &time_hm},
				 {"note", 0, CLI_STRING, &note},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	struct case_actor a;
	store_t *db;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = case_id_arg(n_pos ? pos[0] : NULL, &id, e)) < 0)
		return rc;
	if (!date)
		return err_set(e, ERR_USAGE, "give the hearing's date with --date YYYY-MM-DD");
	if ((rc = enter(ctx, as, id, &db, &a, e)) < 0)
		return rc;
	if ((rc = leave(db, case_hearing_add(db, &a, id, date, time_hm, note, e), e)) < 0)
		return rc;
	fprintf(ctx->out, "added a hearing on %s to case %lld; its caseworkers are reminded by "
			  "email 7 days and 1 day before\n", date, (long long)id);
	return 0;
}

/* Read the file at path into b: ERR_IO naming it, ERR_DATA over the limit. */
static int read_doc(const char *path, struct buf *b, struct err *e)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_IO, "cannot read the document %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b->len + n > CASE_DOC_MAX) {
			fclose(f);
			return err_set(e, ERR_DATA, "the document %s is larger than 5 MB; a case "
				       "keeps documents of at most 5 MB", path);
		}
		buf_append(b, chunk, n);
	}
	fclose(f);
	return 0;
}

static int document_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *pos[2];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as}, {NULL, 0, 0, NULL}};
	struct buf data = BUF_INIT;
	struct case_actor a;
	store_t *db;
	int64_t id = 0, doc = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 2, &n_pos, e)) < 0 ||
	    (rc = case_id_arg(n_pos ? pos[0] : NULL, &id, e)) < 0)
		return rc;
	if (n_pos != 2)
		return err_set(e, ERR_USAGE, "give the case and the file: parity case document ID "
			       "FILE --as USER");
	if ((rc = read_doc(pos[1], &data, e)) < 0 || (rc = enter(ctx, as, id, &db, &a, e)) < 0) {
		buf_free(&data);
		return rc;
	}
	rc = leave(db, case_doc_add(db, &a, id, str_file_name(pos[1]), data.data ? data.data : "",
				    data.len, &doc, e),
		   e);
	if (data.data)
		sodium_memzero(data.data, data.len);
	buf_free(&data);
	if (rc < 0)
		return rc;
	fprintf(ctx->out, "added document %lld to case %lld (sealed)\n", (long long)doc,
		(long long)id);
	return 0;
}

static int download_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *out = NULL, *pos[2];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as}, {"output", 'o', CLI_STRING, &out},
				 {NULL, 0, 0, NULL}};
	struct buf name = BUF_INIT, data = BUF_INIT;
	struct case_actor a;
	char mime[64];
	store_t *db;
	int64_t id = 0, doc = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 2, &n_pos, e)) < 0 ||
	    (rc = case_id_arg(n_pos ? pos[0] : NULL, &id, e)) < 0)
		return rc;
	if (n_pos != 2 || case_id_arg(pos[1], &doc, NULL) < 0)
		return err_set(e, ERR_USAGE, "give the case and the document's number: parity case "
			       "download ID DOC -o FILE --as USER");
	if (!out)
		return err_set(e, ERR_USAGE, "give the file to write with -o FILE");
	if ((rc = enter(ctx, as, id, &db, &a, e)) < 0)
		return rc;
	rc = leave(db, case_doc_get(db, &a, id, doc, &name, mime, &data, e), e);
	if (rc == 0)
		rc = cli_write_out(ctx, out, data.data ? data.data : "", data.len, e);
	if (data.data)
		sodium_memzero(data.data, data.len);
	buf_free(&name);
	buf_free(&data);
	return rc;
}

static json_t *info_json(const struct case_info *c)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)c->id,
			      "member", c->member_email, "member_name", c->member_name, "kind",
			      c->kind, "status", c->status, "opened_on", c->opened_on, "closed_on",
			      c->closed_on, "opened_by", c->opened_by, "summary", c->summary);
	json_t *arr = json_array();
	size_t i;
	for (i = 0; i < c->n_workers; i++)
		json_array_append_new(arr, json_string(c->workers[i].name));
	json_object_set_new(o, "caseworkers", arr);
	arr = json_array();
	for (i = 0; i < c->n_notes; i++)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s}", "at", c->notes[i].at, "by",
						     c->notes[i].author, "text", c->notes[i].text));
	json_object_set_new(o, "notes", arr);
	arr = json_array();
	for (i = 0; i < c->n_hearings; i++)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s}", "date", c->hearings[i].on,
						     "time", c->hearings[i].time_hm, "note",
						     c->hearings[i].note, "by", c->hearings[i].by));
	json_object_set_new(o, "hearings", arr);
	arr = json_array();
	for (i = 0; i < c->n_docs; i++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:I,s:s,s:s}", "id",
						     (json_int_t)c->docs[i].id, "name", c->docs[i].name,
						     "type", c->docs[i].mime, "bytes",
						     (json_int_t)c->docs[i].size, "by", c->docs[i].by,
						     "at", c->docs[i].at));
	json_object_set_new(o, "documents", arr);
	return o;
}

static void info_text(FILE *f, const struct case_info *c)
{
	size_t i;
	fprintf(f, "case:        %lld\nmember:      %s%s%s%s\nkind:        %s\nstatus:      %s\n"
		   "opened:      %s by %s\n",
		(long long)c->id, c->member_name[0] ? c->member_name : "(erased)",
		c->member_email[0] ? " <" : "", c->member_email, c->member_email[0] ? ">" : "",
		c->kind, c->status, c->opened_on, c->opened_by);
	if (c->closed_on[0])
		fprintf(f, "closed:      %s\n", c->closed_on);
	fputs("caseworkers:", f);
	for (i = 0; i < c->n_workers; i++)
		fprintf(f, "%s%s", i ? ", " : " ", c->workers[i].name);
	fprintf(f, "\nsummary:     %s\n", c->summary);
	fprintf(f, "hearings:    %s\n", c->n_hearings ? "" : "none");
	for (i = 0; i < c->n_hearings; i++)
		fprintf(f, "  %s%s%s%s%s\n", c->hearings[i].on, c->hearings[i].time_hm[0] ? " " : "",
			c->hearings[i].time_hm, c->hearings[i].note[0] ? "  " : "",
			c->hearings[i].note);
	fprintf(f, "notes:       %s\n", c->n_notes ? "" : "none");
	for (i = 0; i < c->n_notes; i++)
		fprintf(f, "  %s %s: %s\n", c->notes[i].at, c->notes[i].author, c->notes[i].text);
	fprintf(f, "documents:   %s\n", c->n_docs ? "" : "none");
	for (i = 0; i < c->n_docs; i++)
		fprintf(f, "  %lld  %s (%lld bytes, %s) added by %s at %s\n", (long long)c->docs[i].id,
			c->docs[i].name, (long long)c->docs[i].size, c->docs[i].mime, c->docs[i].by,
			c->docs[i].at);
}

static int show_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *format = "text", *pos[1];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as}, {"format", 0, CLI_STRING, &format},
				 {NULL, 0, 0, NULL}};
	struct case_info c;
	struct case_actor a;
	store_t *db;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0 ||
	    (rc = case_id_arg(n_pos ? pos[0] : NULL, &id, e)) < 0)
		return rc;
	if ((rc = enter(ctx, as, id, &db, &a, e)) < 0)
		return rc;
	rc = case_load(db, &a, id, &c, e);
	if ((rc = leave(db, rc, e)) < 0) {
		if (c.id)
			case_info_free(&c);
		return rc;
	}
	if (!strcmp(format, "json"))
		print_json(ctx, info_json(&c));
	else
		info_text(ctx->out, &c);
	case_info_free(&c);
	return 0;
}

static int list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *format = "text", *pos[1];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as}, {"format", 0, CLI_STRING, &format},
				 {NULL, 0, 0, NULL}};
	struct case_row *rows = NULL;
	struct case_actor a;
	store_t *db;
	size_t n = 0, i;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0 || (rc = enter(ctx, as, 0, &db, &a, e)) < 0)
		return rc;
	if ((rc = leave(db, case_list(db, &a, &rows, &n, e), e)) < 0)
		return rc;
	if (!strcmp(format, "json")) {
		json_t *arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(
				arr, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)rows[i].id,
					       "member", rows[i].member, "kind", rows[i].kind, "status",
					       rows[i].status, "opened_on", rows[i].opened_on,
					       "next_hearing", rows[i].next_hearing));
		print_json(ctx, arr);
	} else if (!n) {
		fprintf(ctx->out, "no cases assigned to %s\n", a.name);
	} else {
		for (i = 0; i < n; i++)
			fprintf(ctx->out, "%-5lld %-12s %-8s opened %s  %s%s%s\n", (long long)rows[i].id,
				rows[i].kind, rows[i].status, rows[i].opened_on, rows[i].member,
				rows[i].next_hearing[0] ? "  next hearing " : "", rows[i].next_hearing);
	}
	free(rows);
	return 0;
}

static int access_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *format = "text", *pos[1];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as}, {"format", 0, CLI_STRING, &format},
				 {NULL, 0, 0, NULL}};
	struct case_access *rows = NULL;
	struct case_actor a;
	store_t *db;
	size_t n = 0, i;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0 ||
	    (rc = case_id_arg(n_pos ? pos[0] : NULL, &id, e)) < 0 ||
	    (rc = enter(ctx, as, id, &db, &a, e)) < 0)
		return rc;
	if ((rc = leave(db, case_access_list(db, &a, id, 1, &rows, &n, e), e)) < 0) {
		free(rows);
		return rc;
	}
	if (!strcmp(format, "json")) {
		json_t *arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s}", "at", rows[i].at,
							     "who", rows[i].who, "via", rows[i].via,
							     "what", rows[i].what));
		print_json(ctx, arr);
	} else {
		for (i = 0; i < n; i++)
			fprintf(ctx->out, "%s  %-16s %-4s %s\n", rows[i].at, rows[i].who, rows[i].via,
				rows[i].what);
	}
	free(rows);
	return 0;
}

static int retention_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *years_s = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"years", 0, CLI_STRING, &years_s}, {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	struct case_actor a;
	store_t *db;
	long years;
	int n_pos, rc;
	char who[80];
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if (!years_s) {
		if ((rc = net_cli_open(ctx, &db, e)) < 0)
			return rc;
		rc = case_retention_get(db, &years, e);
		store_close(db);
		if (rc < 0)
			return rc;
		fprintf(ctx->out, "closed cases are purged %ld year%s after closing\n", years,
			years == 1 ? "" : "s");
		return 0;
	}
	if (str_to_int(years_s, 1, 100, &years) < 0)
		return err_set(e, ERR_USAGE, "--years takes a whole number of years from 1 to 100");
	if ((rc = enter(ctx, as, 0, &db, &a, e)) < 0)
		return rc;
	snprintf(who, sizeof who, "cli:%s", a.name);
	if ((rc = leave(db, case_retention_set(db, years, who, e), e)) < 0)
		return rc;
	fprintf(ctx->out, "closed cases are now purged %ld year%s after closing\n", years,
		years == 1 ? "" : "s");
	return 0;
}

static int purge_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as}, {NULL, 0, 0, NULL}};
	struct case_actor a;
	store_t *db;
	char who[80];
	int n_pos, rc, n = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if (as) {
		if ((rc = enter(ctx, as, 0, &db, &a, e)) < 0)
			return rc;
		snprintf(who, sizeof who, "cli:%s", a.name);
	} else {
		if ((rc = net_cli_open(ctx, &db, e)) < 0)
			return rc;
		if ((rc = store_begin(db, e)) < 0) {
			store_close(db);
			return rc;
		}
		snprintf(who, sizeof who, "cli:%s", cli_author(NULL));
	}
	if ((rc = leave(db, case_purge(db, net_now(), who, &n, e), e)) < 0)
		return rc;
	fprintf(ctx->out, "purged %d closed case%s past the retention period\n", n,
		n == 1 ? "" : "s");
	return 0;
}

static int counts_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *period = NULL, *chr = "ethnicity", *dataset = "casework", *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"period", 0, CLI_STRING, &period},
				 {"characteristic", 0, CLI_STRING, &chr},
				 {"dataset", 0, CLI_STRING, &dataset},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	struct buf csv = BUF_INIT, problems = BUF_INIT;
	store_t *db;
	long year;
	int n_pos, rc, raised = 0;
	char author[80], name[64];
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if (!period || str_to_int(period, 1900, 2999, &year) < 0)
		return err_set(e, ERR_USAGE, "give the year the cases were opened in with --period "
			       "YYYY");
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	rc = case_counts_csv(db, year, chr, &csv, e);
	snprintf(author, sizeof author, "cli:%s", cli_author(as));
	snprintf(name, sizeof name, "cases %ld", year);
	if (rc == 0)
		rc = monitor_counts_import_mem(db, dataset, name, author, buf_str(&csv), csv.len,
					       &problems, &raised, e);
	if (rc >= 0 && (rc = store_begin(db, e)) >= 0) {
		/* the audit log, in a short transaction after monitoring's own */
		char at[21], target[96];
		date_now_iso(at);
		snprintf(target, sizeof target, "dataset %s, %ld", dataset, year);
		rc = store_exec(db, e, "INSERT INTO audit_log (at, who, what, target, after) "
				"VALUES (?, ?, 'case.counts', ?, ?)", "tttt", at, author, target, chr);
		rc = rc < 0 ? (store_rollback(db), rc) : store_commit(db, e);
	}
	store_close(db);
	if (rc < 0 && problems.len)
		fprintf(ctx->warn, "%s", buf_str(&problems));
	buf_free(&csv);
	buf_free(&problems);
	if (rc < 0)
		return rc;
	fprintf(ctx->out, "imported the cases opened in %ld by kind and %s as dataset %s, period "
			  "%ld (%d flag%s raised); see 'parity report' and publish it with 'parity "
			  "publish', which suppresses small counts\n",
		year, chr, dataset, year, raised, raised == 1 ? "" : "s");
	return 0;
}

#define AS_HELP                                                                          \
	"--as USER names the caseworker acting: an account holding the casework\n"        \
	"capability (parity user add NAME --role viewer --grant casework) and, for a\n"   \
	"case's own commands, assigned to the case. Anyone else is told there is no\n"    \
	"such case assigned to them, whether or not it exists.\n"

const struct cli_command case_commands[] = {
	{"case access-log", access_cmd, "who read or changed a case, and when",
	 "usage: parity case access-log ID --as USER [--format text|json]\n"
	 "\n"
	 "Every reading and change of the case, oldest first: when (UTC), which\n"
	 "account, on the web or the command line, and what. Reading the log is\n"
	 "itself logged.\n" AS_HELP
	 "Example:\n  parity case access-log 1 --as cw1\n"},
	{"case assign", assign_cmd, "assign another caseworker to a case",
	 "usage: parity case assign ID --to USER --as USER\n"
	 "\n"
	 "A caseworker assigned to the case assigns another account holding the\n"
	 "casework capability; both then read and handle the case.\n" AS_HELP
	 "Example:\n  parity case assign 1 --to cw2 --as cw1\n"},
	{"case counts", counts_cmd, "cases by kind and group, into monitoring for safe publication",
	 "usage: parity case counts --period YYYY [--characteristic ethnicity]\n"
	 "                          [--dataset casework] [--as NAME]\n"
	 "\n"
	 "Counts the cases opened in the year by kind (the outcome) and the\n"
	 "member's group (the members of the network the denominator) and imports\n"
	 "the table into monitoring as the dataset (default casework). Nothing is\n"
	 "printed by group here: the counts leave only through monitoring's report\n"
	 "and 'parity publish', which suppresses small counts.\n"
	 "Example:\n  parity case counts --period 2025\n"},
	{"case document", document_cmd, "add a document to a case (sealed)",
	 "usage: parity case document ID FILE --as USER\n"
	 "\n"
	 "Adds the file (at most 5 MB), sealed with the casework key, with its name.\n" AS_HELP
	 "Example:\n  parity case document 1 letter.pdf --as cw1\n"},
	{"case download", download_cmd, "write a case's document to a file",
	 "usage: parity case download ID DOC -o FILE --as USER\n"
	 "\n"
	 "Unseals document DOC of the case (parity case show lists them) into FILE.\n" AS_HELP
	 "Example:\n  parity case download 1 1 -o letter.pdf --as cw1\n"},
	{"case hearing", hearing_cmd, "add a hearing date to a case",
	 "usage: parity case hearing ID --date DATE [--time HH:MM] [--note TEXT] --as USER\n"
	 "\n"
	 "A hearing to come. Its caseworkers with an email address are reminded 7\n"
	 "days and 1 day before (the mail says the case's number, date and time only).\n" AS_HELP
	 "Example:\n  parity case hearing 1 --date 2025-03-10 --time 14:30 --as cw1\n"},
	{"case list", list_cmd, "the cases assigned to you",
	 "usage: parity case list --as USER [--format text|json]\n"
	 "\n"
	 "Only the cases the caseworker is assigned to, newest first.\n" AS_HELP
	 "Example:\n  parity case list --as cw1\n"},
	{"case note", note_cmd, "add a note to a case (sealed)",
	 "usage: parity case note ID --text TEXT --as USER\n" AS_HELP
	 "Example:\n  parity case note 1 --text 'Met the member' --as cw1\n"},
	{"case open", open_cmd, "open a confidential case for a member",
	 "usage: parity case open --member EMAIL --kind grievance|disciplinary|capability|other\n"
	 "                        --summary TEXT --as USER [--format text|json]\n"
	 "\n"
	 "Opens a case for the member and assigns the caseworker opening it. The\n"
	 "summary, notes and documents are sealed with the casework key in the key\n"
	 "file beside the database (docs/backup.md). With --format json prints\n"
	 "{\"id\": N}.\n" AS_HELP
	 "Example:\n  parity case open --member ada@example.org --kind grievance --summary 'Pay' "
	 "--as cw1\n"},
	{"case purge", purge_cmd, "purge closed cases past the retention period",
	 "usage: parity case purge [--as USER]\n"
	 "\n"
	 "Deletes every case closed longer ago than the retention period (parity\n"
	 "case retention), with all it holds; each purge is recorded (case number,\n"
	 "kind, closing date, when and by whom) and in the audit log. serve and\n"
	 "'parity mail run' purge too.\n"
	 "Example:\n  parity case purge\n"},
	{"case retention", retention_cmd, "how long closed cases are kept",
	 "usage: parity case retention [--years N --as USER]\n"
	 "\n"
	 "Without --years says the period; with it sets it (1 to 100 years; the\n"
	 "default is 6 years after closing). Setting it needs a caseworker.\n"
	 "Example:\n  parity case retention --years 7 --as cw1\n"},
	{"case show", show_cmd, "read a case",
	 "usage: parity case show ID --as USER [--format text|json]\n"
	 "\n"
	 "The case, unsealed: member, kind, status, caseworkers, summary, hearings,\n"
	 "notes and documents. The reading goes in its access log.\n" AS_HELP
	 "Example:\n  parity case show 1 --as cw1\n"},
	{"case status", status_cmd, "change a case's status",
	 "usage: parity case status ID --to open|hearing|appeal|closed --as USER\n"
	 "\n"
	 "Closing a case starts its retention period; reopening it stops it.\n" AS_HELP
	 "Example:\n  parity case status 1 --to closed --as cw1\n"},
	{NULL, NULL, NULL, NULL},
};
