/*
 * network/list_cmd.c: the mailing lists' commands — parity list all,
 * create, show, subscribe, unsubscribe, members and send. Each command is
 * one transaction; the model is in list.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/str.h"
#include "network/list.h"

static int format_ok(const char *format, struct err *e)
{
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "unknown format '%s'; use text or json", format);
	return 0;
}

/* Read a whole file into b: ERR_IO naming it; ERR_DATA when it is not
 * text (a NUL byte) or over 2 MB. */
static int read_file(const char *path, const char *what, struct buf *b, struct err *e)
{
	char chunk[8192];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_IO, "cannot read the %s %s", what, path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (memchr(chunk, '\0', n) || b->len + n > 2000000) {
			fclose(f);
			return err_set(e, ERR_DATA, "the %s %s is not a text file of at most 2 MB",
				       what, path);
		}
		buf_append(b, chunk, n);
	}
	fclose(f);
	buf_str(b);
	return 0;
}

static int all_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	struct list_info *ls = NULL;
	size_t n = 0, i;
	store_t *db = NULL;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0 || (rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	rc = list_all(db, 0, &ls, &n, e);
	store_close(db);
	if (rc < 0)
		return rc;
	if (!strcmp(format, "json")) {
		json_t *a = json_array();
		char *s;
		for (i = 0; i < n; i++)
			json_array_append_new(
				a, json_pack("{s:s,s:s,s:s,s:s,s:b,s:I,s:I}", "slug", ls[i].slug, "name",
					     ls[i].name, "description", ls[i].description, "owner",
					     ls[i].owner, "public", ls[i].public, "subscribed",
					     (json_int_t)ls[i].n_subscribed, "pending",
					     (json_int_t)ls[i].n_pending));
		s = json_dumps(a, JSON_INDENT(2));
		fprintf(ctx->out, "%s\n", s ? s : "[]");
		free(s);
		json_decref(a);
	} else if (!n) {
		fputs("no mailing lists yet; see 'parity help list create'\n", ctx->out);
	} else {
		for (i = 0; i < n; i++)
			fprintf(ctx->out, "%-20s %s (%lld subscribed, %lld pending%s)\n", ls[i].slug,
				ls[i].name, (long long)ls[i].n_subscribed, (long long)ls[i].n_pending,
				ls[i].public ? "" : ", private");
	}
	free(ls);
	return 0;
}

static int create_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *name = NULL, *owner = NULL, *desc = NULL, *as = NULL, *pos[1];
	int private = 0, n_pos, rc;
	struct cli_opt opts[] = {{"name", 0, CLI_STRING, &name},
				 {"owner", 0, CLI_STRING, &owner},
				 {"description", 0, CLI_STRING, &desc},
				 {"private", 0, CLI_FLAG, &private},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	store_t *db = NULL;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "give the list's short name: parity list create SLUG "
			       "--name NAME");
	if (!name)
		return err_set(e, ERR_USAGE, "give the list's name with --name");
	if ((rc = list_slug_ok(pos[0], e)) < 0 || (rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_begin(db, e)) == 0 &&
	    (rc = list_create(db, pos[0], name, owner, desc, !private, cli_author(as), e)) == 0)
		rc = store_commit(db, e);
	if (rc < 0)
		store_rollback(db);
	store_close(db);
	if (rc == 0)
		fprintf(ctx->out, "created the mailing list %s (%s)\n", pos[0], name);
	return rc;
}

static int show_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	struct list_info l;
	store_t *db = NULL;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "give the list's short name: parity list show SLUG");
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	rc = list_get(db, pos[0], &l, e);
	store_close(db);
	if (rc < 0)
		return rc;
	if (!strcmp(format, "json")) {
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:b,s:s,s:I,s:I,s:I,s:I}", "slug", l.slug,
				      "name", l.name, "description", l.description, "owner", l.owner,
				      "public", l.public, "created_at", l.created_at, "subscribed",
				      (json_int_t)l.n_subscribed, "pending", (json_int_t)l.n_pending,
				      "unsubscribed", (json_int_t)l.n_unsubscribed, "disabled",
				      (json_int_t)l.n_disabled);
		char *s = json_dumps(o, JSON_INDENT(2));
		fprintf(ctx->out, "%s\n", s ? s : "{}");
		free(s);
		json_decref(o);
		return 0;
	}
	fprintf(ctx->out, "list:         %s\nname:         %s\n", l.slug, l.name);
	if (l.description[0])
		fprintf(ctx->out, "description:  %s\n", l.description);
	fprintf(ctx->out, "owner:        %s\npublic:       %s\ncreated:      %s\n",
		l.owner[0] ? l.owner : "(none)", l.public ? "yes" : "no", l.created_at);
	fprintf(ctx->out, "subscribed:   %lld\npending:      %lld\nunsubscribed: %lld\n"
			  "disabled:     %lld\n",
		(long long)l.n_subscribed, (long long)l.n_pending, (long long)l.n_unsubscribed,
		(long long)l.n_disabled);
	return 0;
}

static int subscribe_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *name = NULL, *pos[2];
	int confirmed = 0, n_pos, rc, outcome = 0;
	struct cli_opt opts[] = {{"name", 0, CLI_STRING, &name},
				 {"confirmed", 0, CLI_FLAG, &confirmed},
				 {NULL, 0, 0, NULL}};
	struct mail_settings s;
	struct list_info l;
	store_t *db = NULL;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 2, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 2)
		return err_set(e, ERR_USAGE, "give the list and the address: parity list subscribe "
			       "SLUG EMAIL [--name NAME]");
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_begin(db, e)) == 0 && (rc = list_get(db, pos[0], &l, e)) == 0 &&
	    (confirmed || (rc = mail_settings_get(db, &s, e)) == 0) &&
	    (rc = list_subscribe(db, confirmed ? NULL : &s, &l, pos[1], name, 0, "cli", confirmed,
				 net_now(), &outcome, e)) == 0)
		rc = store_commit(db, e);
	if (rc < 0)
		store_rollback(db);
	store_close(db);
	if (rc < 0)
		return rc;
	if (outcome == LIST_SUB_ALREADY)
		fprintf(ctx->out, "%s is already subscribed to %s\n", pos[1], pos[0]);
	else if (outcome == LIST_SUB_DONE)
		fprintf(ctx->out, "subscribed %s to %s\n", pos[1], pos[0]);
	else
		fprintf(ctx->out, "asked %s to confirm: a confirmation message is queued (the link "
				  "works for 7 days)\n", pos[1]);
	return 0;
}

static int unsubscribe_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *pos[2];
	struct cli_opt opts[] = {{NULL, 0, 0, NULL}};
	struct list_info l;
	store_t *db = NULL;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 2, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 2)
		return err_set(e, ERR_USAGE, "give the list and the address: parity list "
			       "unsubscribe SLUG EMAIL");
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_begin(db, e)) == 0 && (rc = list_get(db, pos[0], &l, e)) == 0 &&
	    (rc = list_unsubscribe_email(db, &l, pos[1], "cli", net_now(), e)) == 0)
		rc = store_commit(db, e);
	if (rc < 0)
		store_rollback(db);
	store_close(db);
	if (rc == 0)
		fprintf(ctx->out, "unsubscribed %s from %s\n", pos[1], pos[0]);
	return rc;
}

static int members_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	struct list_info l;
	store_stmt_t *st = NULL;
	store_t *db = NULL;
	json_t *a = NULL;
	int n_pos, rc, json;
	long n = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "give the list's short name: parity list members SLUG");
	json = !strcmp(format, "json");
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if ((rc = list_get(db, pos[0], &l, e)) < 0 ||
	    (rc = store_prepare(db, &st, e,
				"SELECT email, name, status, bounce_score FROM net_sub WHERE list_id = ? "
				"ORDER BY email",
				"i", l.id)) < 0)
		goto done;
	a = json_array();
	while ((rc = store_step(st, e)) == 1) {
		if (json)
			json_array_append_new(
				a, json_pack("{s:s,s:s,s:s,s:f}", "email", store_col_text(st, 0), "name",
					     store_col_text(st, 1), "status", store_col_text(st, 2),
					     "bounce_score", store_col_double(st, 3)));
		else
			fprintf(ctx->out, "%-40s %-13s %4.1f  %s\n", store_col_text(st, 0),
				store_col_text(st, 2), store_col_double(st, 3), store_col_text(st, 1));
		n++;
	}
	if (rc < 0)
		goto done;
	rc = 0;
	if (json) {
		char *s = json_dumps(a, JSON_INDENT(2));
		fprintf(ctx->out, "%s\n", s ? s : "[]");
		free(s);
	} else if (!n) {
		fprintf(ctx->out, "no one has subscribed to %s yet\n", l.slug);
	}
done:
	store_done(st);
	json_decref(a);
	store_close(db);
	return rc;
}

static int send_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *subject = NULL, *body_file = NULL, *html_file = NULL, *as = NULL, *pos[1];
	int dry = 0, n_pos, rc;
	struct cli_opt opts[] = {{"subject", 0, CLI_STRING, &subject},
				 {"body-file", 0, CLI_STRING, &body_file},
				 {"html-file", 0, CLI_STRING, &html_file},
				 {"dry-run", 0, CLI_FLAG, &dry},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	struct buf text = BUF_INIT, html = BUF_INIT;
	struct mail_settings s;
	struct list_info l;
	store_t *db = NULL;
	int64_t n = 0;
	char cnt[32];
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "give the list's short name: parity list send SLUG "
			       "--subject S --body-file F");
	if (!subject || !body_file)
		return err_set(e, ERR_USAGE, "give the message's --subject and its text in "
			       "--body-file");
	if ((rc = read_file(body_file, "body file", &text, e)) < 0 ||
	    (html_file && (rc = read_file(html_file, "HTML file", &html, e)) < 0) ||
	    (rc = list_post_ok(subject, buf_str(&text), html_file ? buf_str(&html) : NULL, e)) < 0)
		goto out;
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		goto out;
	if ((rc = store_begin(db, e)) == 0 && (rc = list_get(db, pos[0], &l, e)) == 0 &&
	    (rc = mail_settings_get(db, &s, e)) == 0 &&
	    (rc = list_send(db, &s, &l, subject, buf_str(&text), html_file ? buf_str(&html) : NULL,
			    dry, &n, e)) == 0)
		rc = dry ? 0 : store_commit(db, e);
	store_rollback(db);
	store_close(db);
	if (rc < 0)
		goto out;
	str_count(cnt, (long long)n);
	if (dry)
		fprintf(ctx->out, "would send to %s subscriber%s of %s (nothing queued)\n", cnt,
			n == 1 ? "" : "s", l.slug);
	else
		fprintf(ctx->out, "queued %s message%s to the subscribers of %s\n", cnt,
			n == 1 ? "" : "s", l.slug);
out:
	buf_free(&text);
	buf_free(&html);
	return rc;
}

const struct cli_command list_commands[] = {
	{"list all", all_cmd, "the mailing lists",
	 "usage: parity list all [--format text|json]\n"
	 "\n"
	 "Every mailing list with its counts of subscribed and pending members.\n"
	 "Example:\n"
	 "  parity list all\n"},
	{"list create", create_cmd, "make a mailing list",
	 "usage: parity list create SLUG --name NAME [--owner EMAIL] [--description TEXT]\n"
	 "                  [--private] [--as NAME]\n"
	 "\n"
	 "SLUG is the list's short name (lowercase letters, digits, hyphens): its\n"
	 "sign-up form is at /lists/SLUG/subscribe and its List-Id is NAME <SLUG.HOST>.\n"
	 "The owner is told by mail when a member is disabled by bounces. A private\n"
	 "list has no public sign-up form. Example:\n"
	 "  parity list create news --name \"Staff network news\" --owner chair@example.org\n"},
	{"list members", members_cmd, "who is on a list, with status and bounce score",
	 "usage: parity list members SLUG [--format text|json]\n"
	 "\n"
	 "JSON is [{\"email\", \"name\", \"status\", \"bounce_score\"}], status one of\n"
	 "pending, subscribed, unsubscribed, disabled. Example:\n"
	 "  parity list members news --format json\n"},
	{"list send", send_cmd, "send a message to the subscribed members of a list",
	 "usage: parity list send SLUG --subject S --body-file F [--html-file F]\n"
	 "                  [--dry-run] [--as NAME]\n"
	 "\n"
	 "Queues one message to each subscribed member (never pending, unsubscribed\n"
	 "or disabled ones) in the outbox, each with List-Id, List-Unsubscribe and\n"
	 "List-Unsubscribe-Post headers and an unsubscribe link at the end. 'parity\n"
	 "mail run' (or serve) delivers them. --dry-run says how many would get it.\n"
	 "Example:\n"
	 "  parity list send news --subject \"AGM papers\" --body-file agm.txt\n"},
	{"list show", show_cmd, "a mailing list and its counts",
	 "usage: parity list show SLUG [--format text|json]\n"
	 "\n"
	 "Example:\n"
	 "  parity list show news\n"},
	{"list subscribe", subscribe_cmd, "subscribe an address (double opt-in)",
	 "usage: parity list subscribe SLUG EMAIL [--name NAME] [--confirmed]\n"
	 "\n"
	 "Sends the address a confirmation message; it is subscribed when its owner\n"
	 "presses the button on the page the link opens (within 7 days). With\n"
	 "--confirmed, when the person has agreed another way (on paper, at a\n"
	 "meeting), it is subscribed at once. The consent record keeps the wording's\n"
	 "version, how (cli) and when. Example:\n"
	 "  parity list subscribe news ada@example.org --name \"Ada Obi\"\n"},
	{"list unsubscribe", unsubscribe_cmd, "unsubscribe an address from a list",
	 "usage: parity list unsubscribe SLUG EMAIL\n"
	 "\n"
	 "Example:\n"
	 "  parity list unsubscribe news ada@example.org\n"},
	{NULL, NULL, NULL, NULL},
};
