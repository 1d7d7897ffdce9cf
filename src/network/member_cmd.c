/*
 * network/member_cmd.c: the `parity member`, `parity consent` and `parity
 * region` commands — the staff network's members and their consent on the
 * command line. The model is member.c's; here are the options, the
 * transaction of each command, its audit entry and what it prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/cli.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "mail/mail.h"
#include "network/member.h"

static void who_cli(char out[80])
{
	snprintf(out, 80, "cli:%s", cli_author(NULL));
}

static int format_ok(const char *f, const char *allowed, struct err *e)
{
	char list[64];
	const char *p;
	size_t n;
	if (!f)
		return 0;
	snprintf(list, sizeof list, "%s", allowed);
	for (p = list; *p;) {
		n = strcspn(p, "|");
		if (strlen(f) == n && !strncmp(p, f, n))
			return 0;
		p += n + (p[n] == '|');
	}
	return err_set(e, ERR_USAGE, "--format takes %s; got '%s'", allowed, f);
}

static void print_json(struct cli_ctx *ctx, json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fprintf(ctx->out, "%s\n", s ? s : "null");
	free(s);
}

/* The member with email, for commands naming one. An email of an erased
 * member is not kept, so the message says that it may have been erased. */
static int find(store_t *db, const char *email, int64_t *id, struct err *e)
{
	char norm[320];
	mail_address_norm(email, norm, sizeof norm);
	*id = 0;
	if (net_member_by_email(db, norm, id, e) < 0) {
		err_clear(e);
		return err_set(e, ERR_NOTFOUND, "no member with email %s (see 'parity member list'); "
			       "a member who was erased is not kept under their email", norm);
	}
	return 0;
}

/* ---- member add ---------------------------------------------------------*/

static int add_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *name = NULL, *region = NULL, *grade = NULL, *joined = NULL, *how = "cli",
		   *format = NULL, *pos[1];
	int manager = 0, n_pos, rc, i;
	struct cli_multi consent = {{0}, 0};
	struct cli_opt opts[] = {
		{"name", 0, CLI_STRING, &name},	      {"region", 0, CLI_STRING, &region},
		{"grade", 0, CLI_STRING, &grade},     {"manager", 0, CLI_FLAG, &manager},
		{"joined", 0, CLI_STRING, &joined},   {"consent", 0, CLI_MULTI, &consent},
		{"how", 0, CLI_STRING, &how},	      {"format", 0, CLI_STRING, &format},
		{NULL, 0, 0, NULL},
	};
	store_t *db = NULL;
	int64_t id = 0;
	char who[80], target[48];
	struct member_new m;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos < 1)
		return err_set(e, ERR_USAGE, "give the member's email address: parity member add "
			       "EMAIL --name NAME --region REGION");
	if (!name)
		return err_set(e, ERR_USAGE, "give --name NAME, the member's name");
	if (!region)
		return err_set(e, ERR_USAGE, "give --region REGION, such as 'South West' (a new region "
			       "is made on first use)");
	if ((rc = format_ok(format, "text|json", e)) < 0 || (rc = member_how_ok(how, e)) < 0)
		return rc;
	for (i = 0; i < consent.n_values; i++)
		if ((rc = net_purpose_ok(consent.values[i], e)) < 0)
			return rc;
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	who_cli(who);
	m = (struct member_new){pos[0], name, region, grade, manager, joined, "active"};
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	if ((rc = member_insert(db, &m, 1, &id, NULL, e)) < 0)
		goto fail;
	for (i = 0; i < consent.n_values; i++)
		if ((rc = member_consent_give(db, id, consent.values[i], how, who, e)) < 0)
			goto fail;
	snprintf(target, sizeof target, "member %lld", (long long)id);
	if ((rc = member_audit(db, who, "", "member.add", target, NULL, e)) < 0 ||
	    (rc = store_commit(db, e)) < 0)
		goto fail;
	if (format && !strcmp(format, "json")) {
		json_t *j = NULL;
		if ((rc = member_export(db, id, &j, e)) == 0) {
			print_json(ctx, json_object_get(j, "member"));
			json_decref(j);
		}
	} else {
		fprintf(ctx->out, "added member %lld\n", (long long)id);
	}
	goto done;
fail:
	store_rollback(db);
done:
	store_close(db);
	return rc;
}

/* ---- member list ----------------------------------------------------------*/

static void csv_cell(FILE *f, const char *s, int last)
{
	const char *p;
	if (!s)
		s = "";
	if (strpbrk(s, ",\"\r\n") || strchr("=+-@", s[0] ? s[0] : 'x')) {
		fputc('"', f);
		if (strchr("=+-@", s[0] ? s[0] : 'x'))
			fputc('\'', f);
		for (p = s; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputs(last ? "\r\n" : ",", f);
}

static int list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *region = NULL, *status = NULL, *format = NULL, *pos[1];
	struct cli_opt opts[] = {
		{"region", 0, CLI_STRING, &region},
		{"status", 0, CLI_STRING, &status},
		{"format", 0, CLI_STRING, &format},
		{NULL, 0, 0, NULL},
	};
	store_t *db = NULL;
	store_stmt_t *st = NULL;
	int n_pos, rc, n = 0;
	json_t *arr = NULL;
	int64_t rid = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, "text|json|csv", e)) < 0)
		return rc;
	if (status && strcmp(status, "active") && strcmp(status, "left") &&
	    strcmp(status, "pending") && strcmp(status, "erased"))
		return err_set(e, ERR_USAGE, "--status takes active, left, pending or erased; got '%s'",
			       status);
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if (region && (rc = net_region_id(db, region, 0, &rid, e)) < 0)
		goto done;
	if ((rc = store_prepare(db, &st, e,
				"SELECT m.id, m.email, m.name, r.name, m.grade, m.manager, m.status,"
				" m.joined, m.left_on, m.last_active FROM net_member m"
				" LEFT JOIN net_region r ON r.id = m.region_id"
				" WHERE (? = 0 OR m.region_id = ?)"
				" AND (CAST(? AS TEXT) IS NULL OR m.status = ?)"
				" ORDER BY r.name, m.name, m.id",
				"iitt", rid, rid, status, status)) < 0)
		goto done;
	if (format && !strcmp(format, "json"))
		arr = json_array();
	if (format && !strcmp(format, "csv"))
		fputs("id,email,name,region,grade,manager,status,joined,left_on,last_active\r\n",
		      ctx->out);
	while ((rc = store_step(st, e)) == 1) {
		const char *email = store_col_text(st, 1), *name = store_col_text(st, 2),
			   *rname = store_col_text(st, 3), *grade = store_col_text(st, 4),
			   *left = store_col_text(st, 8);
		n++;
		if (arr) {
			json_t *o = json_object();
			json_object_set_new(o, "id", json_integer(store_col_int(st, 0)));
			json_object_set_new(o, "email", email ? json_string(email) : json_null());
			json_object_set_new(o, "name", name ? json_string(name) : json_null());
			json_object_set_new(o, "region", rname ? json_string(rname) : json_null());
			json_object_set_new(o, "grade", grade ? json_string(grade) : json_null());
			json_object_set_new(o, "manager", json_boolean(store_col_int(st, 5)));
			json_object_set_new(o, "status", json_string(store_col_text(st, 6)));
			json_object_set_new(o, "joined", json_string(store_col_text(st, 7)));
			json_object_set_new(o, "left_on", left ? json_string(left) : json_null());
			json_object_set_new(o, "last_active", json_string(store_col_text(st, 9)));
			json_array_append_new(arr, o);
		} else if (format && !strcmp(format, "csv")) {
			char id[24];
			snprintf(id, sizeof id, "%lld", (long long)store_col_int(st, 0));
			csv_cell(ctx->out, id, 0);
			csv_cell(ctx->out, email, 0);
			csv_cell(ctx->out, name, 0);
			csv_cell(ctx->out, rname, 0);
			csv_cell(ctx->out, grade, 0);
			csv_cell(ctx->out, store_col_int(st, 5) ? "yes" : "no", 0);
			csv_cell(ctx->out, store_col_text(st, 6), 0);
			csv_cell(ctx->out, store_col_text(st, 7), 0);
			csv_cell(ctx->out, left, 0);
			csv_cell(ctx->out, store_col_text(st, 9), 1);
		} else {
			fprintf(ctx->out, "%-32s %-24s %-16s %-8s joined %s%s%s\n",
				email ? email : "(erased)", name ? name : "(erased)",
				rname ? rname : "", store_col_text(st, 6), store_col_text(st, 7),
				grade ? ", grade " : "", grade ? grade : "");
		}
	}
	if (rc < 0)
		goto done;
	rc = 0;
	if (arr)
		print_json(ctx, arr);
	else if (!n && !format)
		fputs("no members yet; add one with 'parity member add' or 'parity member import'\n",
		      ctx->out);
done:
	json_decref(arr);
	store_done(st);
	store_close(db);
	return rc;
}

/* ---- member show, consent list ------------------------------------------*/

static void consent_lines(struct cli_ctx *ctx, json_t *consents)
{
	size_t i;
	json_t *c;
	if (!json_array_size(consents))
		fputs("  no consent recorded\n", ctx->out);
	json_array_foreach(consents, i, c) {
		const char *w = json_string_value(json_object_get(c, "withdrawn_at"));
		char given[48], gone[48];
		date_when_uk(json_string_value(json_object_get(c, "given_at")), given);
		fprintf(ctx->out, "  %s: given %s by %s (wording version %lld)",
			json_string_value(json_object_get(c, "purpose_words")), given,
			json_string_value(json_object_get(c, "given_how")),
			(long long)json_integer_value(json_object_get(c, "wording_version")));
		if (w) {
			date_when_uk(w, gone);
			fprintf(ctx->out, ", withdrawn %s by %s", gone,
				json_string_value(json_object_get(c, "withdrawn_how")));
		}
		fputc('\n', ctx->out);
	}
}

static int show_common(struct cli_ctx *ctx, int argc, char **argv, int consents_only,
		       struct err *e)
{
	const char *format = NULL, *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	store_t *db = NULL;
	int n_pos, rc;
	int64_t id = 0;
	json_t *j = NULL, *m;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, "text|json", e)) < 0)
		return rc;
	if (n_pos < 1)
		return err_set(e, ERR_USAGE, "give the member's email address");
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if ((rc = find(db, pos[0], &id, e)) < 0 || (rc = member_export(db, id, &j, e)) < 0)
		goto done;
	m = json_object_get(j, "member");
	if (format && !strcmp(format, "json")) {
		if (consents_only) {
			print_json(ctx, json_object_get(j, "consents"));
		} else {
			json_t *o = json_deep_copy(m);
			json_object_set(o, "consents", json_object_get(j, "consents"));
			print_json(ctx, o);
			json_decref(o);
		}
		goto done;
	}
	if (!consents_only) {
		const char *grade = json_string_value(json_object_get(m, "grade"));
		const char *left = json_string_value(json_object_get(m, "left_on"));
		char last[48];
		date_when_uk(json_string_value(json_object_get(m, "last_active")), last);
		fprintf(ctx->out, "%s <%s>\nregion: %s\ngrade: %s\nmanager: %s\nstatus: %s\n"
			"joined: %s\n",
			json_string_value(json_object_get(m, "name")),
			json_string_value(json_object_get(m, "email")),
			json_string_value(json_object_get(m, "region")), grade ? grade : "(not given)",
			json_is_true(json_object_get(m, "manager")) ? "yes" : "no",
			json_string_value(json_object_get(m, "status")),
			json_string_value(json_object_get(m, "joined")));
		if (left)
			fprintf(ctx->out, "left: %s\n", left);
		fprintf(ctx->out, "last active: %s\nconsent:\n", last);
	}
	consent_lines(ctx, json_object_get(j, "consents"));
done:
	json_decref(j);
	store_close(db);
	return rc;
}

static int show_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	return show_common(ctx, argc, argv, 0, e);
}

static int consent_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	return show_common(ctx, argc, argv, 1, e);
}

/* ---- member update --------------------------------------------------------*/

static int update_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *name = NULL, *region = NULL, *grade = NULL, *manager = NULL, *email = NULL,
		   *left = NULL, *pos[1];
	struct cli_multi equality = {{0}, 0};
	struct cli_opt opts[] = {
		{"name", 0, CLI_STRING, &name},	    {"region", 0, CLI_STRING, &region},
		{"grade", 0, CLI_STRING, &grade},   {"manager", 0, CLI_STRING, &manager},
		{"email", 0, CLI_STRING, &email},   {"left", 0, CLI_STRING, &left},
		{"equality", 0, CLI_MULTI, &equality},
		{NULL, 0, 0, NULL},
	};
	int i;
	store_t *db = NULL;
	int n_pos, rc;
	int64_t id = 0, rid = 0, other = 0;
	char who[80], target[48], norm[320], left_iso[11];
	struct buf changed = BUF_INIT;
	struct date d;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos < 1)
		return err_set(e, ERR_USAGE, "give the member's email address");
	if (!name && !region && !grade && !manager && !email && !left && !equality.n_values)
		return err_set(e, ERR_USAGE, "give what to change: --name, --region, --grade, "
			       "--manager yes|no, --email, --left DATE or --equality CHAR=VALUE");
	for (i = 0; i < equality.n_values; i++)
		if (!strchr(equality.values[i], '='))
			return err_set(e, ERR_USAGE, "--equality takes CHARACTERISTIC=VALUE, such as "
				       "ethnicity=B1 or sex=Female (an empty VALUE removes the "
				       "answer); got '%s'", equality.values[i]);
	if (manager && strcmp(manager, "yes") && strcmp(manager, "no"))
		return err_set(e, ERR_USAGE, "--manager takes yes or no; got '%s'", manager);
	if (name && str_blank(name))
		return err_set(e, ERR_USAGE, "--name cannot be empty");
	if (region && str_blank(region))
		return err_set(e, ERR_USAGE, "--region cannot be empty");
	if (email && mail_address_ok(email, e) < 0) {
		err_prefix(e, "--email");
		return ERR_USAGE;
	}
	if (left && date_parse_user(left, "--left", &d, e) < 0)
		return ERR_USAGE;
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	who_cli(who);
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	if ((rc = find(db, pos[0], &id, e)) < 0)
		goto fail;
	if (name && (rc = store_exec(db, e, "UPDATE net_member SET name = ? WHERE id = ?", "ti",
				     name, id)) < 0)
		goto fail;
	if (name)
		buf_puts(&changed, "name ");
	for (i = 0; i < equality.n_values; i++) {
		char ch[64];
		const char *eq = strchr(equality.values[i], '=');
		snprintf(ch, sizeof ch, "%.*s", (int)(eq - equality.values[i]), equality.values[i]);
		if ((rc = net_member_char_set(db, id, ch, eq + 1, e)) < 0) {
			err_prefix(e, "--equality");
			goto fail;
		}
		if (i == 0)
			buf_puts(&changed, "equality details ");
	}
	if (region) {
		if ((rc = net_region_id(db, region, 1, &rid, e)) < 0 ||
		    (rc = store_exec(db, e, "UPDATE net_member SET region_id = ? WHERE id = ?", "ii",
				     rid, id)) < 0)
			goto fail;
		buf_puts(&changed, "region ");
	}
	if (grade) {
		if ((rc = store_exec(db, e, "UPDATE net_member SET grade = ? WHERE id = ?", "ti",
				     str_blank(grade) ? NULL : grade, id)) < 0)
			goto fail;
		buf_puts(&changed, "grade ");
	}
	if (manager) {
		if ((rc = store_exec(db, e, "UPDATE net_member SET manager = ? WHERE id = ?", "ii",
				     (int64_t)!strcmp(manager, "yes"), id)) < 0)
			goto fail;
		buf_puts(&changed, "manager ");
	}
	if (email) {
		mail_address_norm(email, norm, sizeof norm);
		if ((rc = store_query_int(db, &other, e,
					  "SELECT COUNT(*) FROM net_member WHERE email = ? AND id <> ?",
					  "ti", norm, id)) < 0)
			goto fail;
		if (other) {
			rc = err_set(e, ERR_DATA, "%s is already another member's email", norm);
			goto fail;
		}
		if ((rc = store_exec(db, e, "UPDATE net_member SET email = ? WHERE id = ?", "ti", norm,
				     id)) < 0)
			goto fail;
		buf_puts(&changed, "email ");
	}
	if (left) {
		date_format(d, left_iso);
		if ((rc = store_exec(db, e,
				     "UPDATE net_member SET status = 'left', left_on = ? WHERE id = ?",
				     "ti", left_iso, id)) < 0)
			goto fail;
		buf_puts(&changed, "left ");
	}
	snprintf(target, sizeof target, "member %lld", (long long)id);
	if ((rc = member_touch(db, id, e)) < 0 ||
	    (rc = member_audit(db, who, "", "member.update", target, buf_str(&changed), e)) < 0 ||
	    (rc = store_commit(db, e)) < 0)
		goto fail;
	fprintf(ctx->out, "updated member %lld: %s\n", (long long)id, buf_str(&changed));
	goto done;
fail:
	store_rollback(db);
done:
	buf_free(&changed);
	store_close(db);
	return rc;
}

/* ---- member import --------------------------------------------------------*/

static int read_file(const char *path, char **data, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	if (!f)
		return err_set(e, ERR_IO, "cannot open %s; check the path", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	if (b.failed) {
		buf_free(&b);
		return err_set(e, ERR_DATA, "%s is too large to import", path);
	}
	*len = b.len;
	*data = b.data ? buf_take(&b) : xstrdup("");
	return 0;
}

static int import_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *pos[1];
	struct cli_opt opts[] = {{NULL, 0, 0, NULL}};
	store_t *db = NULL;
	int n_pos, rc, added = 0;
	char *data = NULL, who[80], detail[64], cnt[32];
	size_t len = 0;
	struct buf problems = BUF_INIT;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos < 1)
		return err_set(e, ERR_USAGE, "give the CSV file of members to import");
	if ((rc = read_file(pos[0], &data, &len, e)) < 0)
		return rc;
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		goto done;
	who_cli(who);
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	rc = member_import(db, data, len, str_file_name(pos[0]), who, &problems, &added, e);
	if (rc < 0) {
		store_rollback(db);
		if (problems.len)
			fputs(buf_str(&problems), ctx->warn);
		goto done;
	}
	snprintf(detail, sizeof detail, "%d members", added);
	if ((rc = member_audit(db, who, "", "member.import", str_file_name(pos[0]), detail, e)) < 0 ||
	    (rc = store_commit(db, e)) < 0) {
		store_rollback(db);
		goto done;
	}
	str_count(cnt, added);
	fprintf(ctx->out, "imported %s member%s from %s\n", cnt, added == 1 ? "" : "s",
		str_file_name(pos[0]));
done:
	buf_free(&problems);
	free(data);
	store_close(db);
	return rc;
}

/* ---- member export, erase, stale -----------------------------------------*/

static int export_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *out = NULL, *pos[1];
	struct cli_opt opts[] = {{"output", 'o', CLI_STRING, &out}, {NULL, 0, 0, NULL}};
	store_t *db = NULL;
	int n_pos, rc;
	int64_t id = 0;
	json_t *j = NULL;
	char *s = NULL, who[80], target[48];
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos < 1)
		return err_set(e, ERR_USAGE, "give the member's email address");
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	who_cli(who);
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	if ((rc = find(db, pos[0], &id, e)) < 0 || (rc = member_export(db, id, &j, e)) < 0)
		goto fail;
	snprintf(target, sizeof target, "member %lld", (long long)id);
	if ((rc = member_audit(db, who, "", "member.export", target, NULL, e)) < 0 ||
	    (rc = store_commit(db, e)) < 0)
		goto fail;
	s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!s) {
		rc = err_set(e, ERR_INTERNAL, "out of memory writing the export");
		goto done;
	}
	{
		struct buf b = BUF_INIT;
		buf_puts(&b, s);
		buf_putc(&b, '\n');
		rc = cli_write_out(ctx, out, buf_str(&b), b.len, e);
		buf_free(&b);
	}
	goto done;
fail:
	store_rollback(db);
done:
	free(s);
	json_decref(j);
	store_close(db);
	return rc;
}

static int erase_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *reason = "", *pos[1];
	struct cli_opt opts[] = {{"reason", 0, CLI_STRING, &reason}, {NULL, 0, 0, NULL}};
	store_t *db = NULL;
	int n_pos, rc;
	int64_t id = 0;
	char who[80], target[48];
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos < 1)
		return err_set(e, ERR_USAGE, "give the member's email address");
	if (strchr(reason, '@'))
		return err_set(e, ERR_USAGE, "--reason must hold no personal data (it is kept); "
			       "write why, such as 'request by the member', without an email address");
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	who_cli(who);
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	if ((rc = find(db, pos[0], &id, e)) < 0 || (rc = member_erase(db, id, who, reason, e)) < 0)
		goto fail;
	snprintf(target, sizeof target, "member %lld", (long long)id);
	if ((rc = member_audit(db, who, "", "member.erase", target, reason, e)) < 0 ||
	    (rc = store_commit(db, e)) < 0)
		goto fail;
	fprintf(ctx->out, "erased member %lld: their personal data is gone; the region's counts "
		"keep them\n", (long long)id);
	goto done;
fail:
	store_rollback(db);
done:
	store_close(db);
	return rc;
}

static int stale_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *inactive = NULL, *format = NULL, *pos[1];
	struct cli_opt opts[] = {
		{"inactive", 0, CLI_STRING, &inactive},
		{"format", 0, CLI_STRING, &format},
		{NULL, 0, 0, NULL},
	};
	store_t *db = NULL;
	store_stmt_t *st = NULL;
	int n_pos, rc, n = 0;
	long days = 0;
	char cutoff[21];
	time_t t;
	json_t *arr = NULL;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, "text|json", e)) < 0)
		return rc;
	if (!inactive)
		return err_set(e, ERR_USAGE, "give --inactive PERIOD, such as 24m");
	if ((rc = member_period_days(inactive, &days, e)) < 0)
		return rc;
	t = time(NULL) - (time_t)days * 86400;
	date_iso_at(t, cutoff);
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_prepare(db, &st, e,
				"SELECT m.email, m.name, r.name, m.status, m.last_active FROM net_member m"
				" LEFT JOIN net_region r ON r.id = m.region_id"
				" WHERE m.status IN ('active', 'left', 'pending') AND m.last_active < ?"
				" ORDER BY m.last_active, m.id",
				"t", cutoff)) < 0)
		goto done;
	if (format && !strcmp(format, "json"))
		arr = json_array();
	while ((rc = store_step(st, e)) == 1) {
		n++;
		if (arr) {
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s?, s:s, s:s}", "email",
							     store_col_text(st, 0), "name",
							     store_col_text(st, 1), "region",
							     store_col_text(st, 2), "status",
							     store_col_text(st, 3), "last_active",
							     store_col_text(st, 4)));
		} else {
			char when[48];
			date_when_uk(store_col_text(st, 4), when);
			fprintf(ctx->out, "%-32s %-24s %-16s %-7s last active %s\n",
				store_col_text(st, 0), store_col_text(st, 1),
				store_col_text(st, 2) ? store_col_text(st, 2) : "", store_col_text(st, 3),
				when);
		}
	}
	if (rc < 0)
		goto done;
	rc = 0;
	if (arr)
		print_json(ctx, arr);
	else if (!n)
		fprintf(ctx->out, "no member has been inactive for %s\n", inactive);
done:
	json_decref(arr);
	store_done(st);
	store_close(db);
	return rc;
}

/* ---- consent give, withdraw, wording ---------------------------------------*/

static int consent_change(struct cli_ctx *ctx, int argc, char **argv, int give, struct err *e)
{
	const char *how = NULL, *pos[2];
	struct cli_opt opts[] = {{"how", 0, CLI_STRING, &how}, {NULL, 0, 0, NULL}};
	store_t *db = NULL;
	int n_pos, rc;
	int64_t id = 0;
	char who[80], target[48];
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 2, &n_pos, e)) < 0)
		return rc;
	if (n_pos < 2)
		return err_set(e, ERR_USAGE, "give the member's email and the purpose: mailing, "
			       "meetings, mentoring or consultations");
	if ((rc = net_purpose_ok(pos[1], e)) < 0)
		return rc;
	if (!how)
		return err_set(e, ERR_USAGE, "give --how web|paper|email|cli: how the member told us");
	if ((rc = member_how_ok(how, e)) < 0)
		return rc;
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	who_cli(who);
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	if ((rc = find(db, pos[0], &id, e)) < 0)
		goto fail;
	rc = give ? member_consent_give(db, id, pos[1], how, who, e)
		  : member_consent_withdraw(db, id, pos[1], how, e);
	if (rc < 0)
		goto fail;
	snprintf(target, sizeof target, "member %lld", (long long)id);
	if ((rc = member_audit(db, who, "", give ? "consent.give" : "consent.withdraw", target,
			       pos[1], e)) < 0 ||
	    (rc = store_commit(db, e)) < 0)
		goto fail;
	fprintf(ctx->out, "consent for %s %s\n", net_purpose_words(pos[1]),
		give ? "given" : "withdrawn");
	goto done;
fail:
	store_rollback(db);
done:
	store_close(db);
	return rc;
}

static int consent_give_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	return consent_change(ctx, argc, argv, 1, e);
}

static int consent_withdraw_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	return consent_change(ctx, argc, argv, 0, e);
}

static int wording_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *text = NULL, *pos[1];
	struct cli_opt opts[] = {{"text", 0, CLI_STRING, &text}, {NULL, 0, 0, NULL}};
	store_t *db = NULL;
	int n_pos, rc;
	int64_t v = 0;
	char who[80];
	struct buf b = BUF_INIT;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos < 1)
		return err_set(e, ERR_USAGE, "give the purpose: mailing, meetings, mentoring or "
			       "consultations");
	if ((rc = net_purpose_ok(pos[0], e)) < 0)
		return rc;
	if (text && str_blank(text))
		return err_set(e, ERR_USAGE, "--text needs the new wording, the words people agree to");
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if (text) {
		who_cli(who);
		if ((rc = store_begin(db, e)) < 0)
			goto done;
		if ((rc = member_wording_add(db, pos[0], text, &v, e)) < 0 ||
		    (rc = member_audit(db, who, "", "consent.wording", pos[0], NULL, e)) < 0 ||
		    (rc = store_commit(db, e)) < 0) {
			store_rollback(db);
			goto done;
		}
		fprintf(ctx->out, "wording version %lld for %s saved; consent given from now on "
			"records it\n", (long long)v, net_purpose_words(pos[0]));
		goto done;
	}
	if ((rc = member_wording(db, pos[0], &v, &b, e)) < 0)
		goto done;
	fprintf(ctx->out, "%s, wording version %lld:\n%s\n", net_purpose_words(pos[0]), (long long)v,
		buf_str(&b));
done:
	buf_free(&b);
	store_close(db);
	return rc;
}

/* ---- region list ------------------------------------------------------------*/

static int region_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = NULL, *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	store_t *db = NULL;
	store_stmt_t *st = NULL;
	int n_pos, rc, n = 0;
	json_t *arr = NULL;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, "text|json", e)) < 0)
		return rc;
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_prepare(db, &st, e,
				"SELECT r.name,"
				" (SELECT COUNT(*) FROM net_member m WHERE m.region_id = r.id"
				"  AND m.status = 'active'),"
				" (SELECT COUNT(*) FROM net_member m WHERE m.region_id = r.id)"
				" FROM net_region r ORDER BY r.name",
				"")) < 0)
		goto done;
	if (format && !strcmp(format, "json"))
		arr = json_array();
	while ((rc = store_step(st, e)) == 1) {
		n++;
		if (arr) {
			json_array_append_new(arr, json_pack("{s:s, s:I, s:I}", "region",
							     store_col_text(st, 0), "active",
							     (json_int_t)store_col_int(st, 1), "all",
							     (json_int_t)store_col_int(st, 2)));
		} else {
			char a[32], all[32];
			str_count(a, store_col_int(st, 1));
			str_count(all, store_col_int(st, 2));
			fprintf(ctx->out, "%-24s %s active (%s ever)\n", store_col_text(st, 0), a, all);
		}
	}
	if (rc < 0)
		goto done;
	rc = 0;
	if (arr)
		print_json(ctx, arr);
	else if (!n)
		fputs("no regions yet; adding a member with --region makes one\n", ctx->out);
done:
	json_decref(arr);
	store_done(st);
	store_close(db);
	return rc;
}

const struct cli_command member_commands[] = {
	{"consent give", consent_give_cmd, "record a member's consent for a purpose",
	 "usage: parity consent give EMAIL PURPOSE --how web|paper|email|cli\n"
	 "\n"
	 "Records that the member agreed, now, to PURPOSE (mailing, meetings,\n"
	 "mentoring or consultations) in the current wording (see 'parity consent\n"
	 "wording'), and how they told us. Example:\n"
	 "  parity consent give ada@example.org mailing --how paper\n"},
	{"consent list", consent_list_cmd, "a member's consents, given and withdrawn",
	 "usage: parity consent list EMAIL [--format text|json]\n"},
	{"consent withdraw", consent_withdraw_cmd, "record that a member withdrew consent",
	 "usage: parity consent withdraw EMAIL PURPOSE --how web|paper|email|cli\n"
	 "\n"
	 "Withdrawing is as easy as giving: the record of the consent stays, with\n"
	 "when and how it was withdrawn. Example:\n"
	 "  parity consent withdraw ada@example.org mailing --how email\n"},
	{"consent wording", wording_cmd, "the words people agree to for a purpose",
	 "usage: parity consent wording PURPOSE [--text TEXT]\n"
	 "\n"
	 "Shows the current wording of PURPOSE and its version; with --text, saves\n"
	 "TEXT as a new version (earlier consents keep the version they agreed).\n"
	 "Example:\n"
	 "  parity consent wording mailing\n"},
	{"member add", add_cmd, "add a member of the staff network",
	 "usage: parity member add EMAIL --name NAME --region REGION [--grade G]\n"
	 "                  [--manager] [--joined DATE] [--consent PURPOSE]...\n"
	 "                  [--how paper|email|cli] [--format text|json]\n"
	 "\n"
	 "A new region is made on first use. --consent (repeatable: mailing,\n"
	 "meetings, mentoring, consultations) records consent in the current\n"
	 "wording, given --how (default cli). Example:\n"
	 "  parity member add ada@example.org --name 'Ada Obi' --region 'South West' \\\n"
	 "      --grade PO --consent mailing --how paper\n"},
	{"member erase", erase_cmd, "erase a member's personal data (right to erasure)",
	 "usage: parity member erase EMAIL [--reason TEXT]\n"
	 "\n"
	 "In one transaction: the member's email, name and grade are removed and\n"
	 "their status becomes erased (counts by region stay right); their consent\n"
	 "records keep nothing but the member number; meetings, lists and mail to\n"
	 "them are cleared; the erasure is logged without the erased data.\n"
	 "Example:\n"
	 "  parity member erase ada@example.org --reason 'request by the member'\n"},
	{"member export", export_cmd, "everything held about a member, as JSON",
	 "usage: parity member export EMAIL [--output FILE]\n"
	 "\n"
	 "A subject access request: the member, their region, every consent with\n"
	 "its exact wording, meetings, lists and the mail sent to them\n"
	 "(docs/network.md lists the fields). Example:\n"
	 "  parity member export ada@example.org -o ada.json\n"},
	{"member import", import_cmd, "add members from a CSV file, all or nothing",
	 "usage: parity member import FILE.csv\n"
	 "\n"
	 "Columns: email, name, region, grade, manager (yes/no), joined, and\n"
	 "optional consent_mailing, consent_meetings, consent_mentoring and\n"
	 "consent_consultations (yes/no; recorded as given by import). Every\n"
	 "problem is listed by line and column; with any problem nothing is added.\n"
	 "Example:\n"
	 "  parity member import members.csv\n"},
	{"member list", list_cmd, "the staff network's members",
	 "usage: parity member list [--region R] [--status active|left|pending|erased]\n"
	 "                  [--format text|json|csv]\n"},
	{"member show", show_cmd, "one member, with their consents",
	 "usage: parity member show EMAIL [--format text|json]\n"},
	{"member stale", stale_cmd, "members inactive for a period, for retention review",
	 "usage: parity member stale --inactive PERIOD [--format text|json]\n"
	 "\n"
	 "Members whose last sign of life (joining, a change, consent, an RSVP)\n"
	 "is older than PERIOD: 24m (months of 30 days), 2y or 90d. Oldest first.\n"
	 "Example:\n"
	 "  parity member stale --inactive 24m\n"},
	{"member update", update_cmd, "change a member's details",
	 "usage: parity member update EMAIL [--name NAME] [--region REGION]\n"
	 "                  [--grade G] [--manager yes|no] [--email NEW] [--left DATE]\n"
	 "                  [--equality CHARACTERISTIC=VALUE]...\n"
	 "\n"
	 "--left DATE records that the member left the network on DATE.\n"
	 "--equality records an equality detail the member chose to give (optional;\n"
	 "only counts by group ever leave parity): ethnicity=B1, sex=Female,\n"
	 "disability=No, ethnicity=NS (prefer not to say); ethnicity= removes it.\n"
	 "Examples:\n"
	 "  parity member update ada@example.org --region London --manager yes\n"
	 "  parity member update ada@example.org --equality ethnicity=B1 --equality sex=Female\n"},
	{"region list", region_list_cmd, "the regions, with their active members",
	 "usage: parity region list [--format text|json]\n"},
	{NULL, NULL, NULL, NULL},
};
