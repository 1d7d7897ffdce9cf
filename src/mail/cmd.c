/*
 * mail/cmd.c: the mail room's commands — 'parity mail setup' (the SMTP
 * server, the sender, the site's address; the password sealed with the
 * key file's key), 'mail show', 'mail outbox' and 'mail test'. Delivery
 * and bounces ('mail run', 'mail bounce') are the app's (app/mailcmd.c),
 * since they hand work to the domains.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>

#include "core/dates.h"
#include "core/str.h"
#include "mail/internal.h"

/* Check an smtp:// or smtps:// URL with a host and a port. */
static int check_smtp_url(const char *url, struct err *e)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL, *query = NULL;
	int rc = 0;
	if (!u)
		return err_set(e, ERR_INTERNAL, "libcurl could not start");
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcmp(scheme, "smtp") && strcmp(scheme, "smtps")) || strncmp(url, scheme, strlen(scheme)))
		rc = err_set(e, ERR_USAGE, "--smtp: '%s' is not an SMTP server's address: give "
			     "smtp://HOST:PORT (STARTTLS or plain) or smtps://HOST:PORT (TLS from the "
			     "start), like smtp://mail.example.org:587", url);
	else if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !*host)
		rc = err_set(e, ERR_USAGE, "--smtp: '%s' names no server: give smtp://HOST:PORT", url);
	else if (curl_url_get(u, CURLUPART_PORT, &port, 0) != CURLUE_OK)
		rc = err_set(e, ERR_USAGE, "--smtp: '%s' has no port: add one, like %s:587", url, url);
	else if ((curl_url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK && strcmp(path, "/") &&
		  *path) ||
		 curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK)
		rc = err_set(e, ERR_USAGE, "--smtp: '%s' has more than a server and port: give "
			     "smtp://HOST:PORT only", url);
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(path);
	curl_free(query);
	curl_url_cleanup(u);
	return rc;
}

/* Check the site's address (http or https, a host) into out without a
 * trailing slash. */
static int check_site_url(const char *url, char *out, size_t n, struct err *e)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *q = NULL, *frag = NULL;
	size_t len;
	int rc = 0;
	if (!u)
		return err_set(e, ERR_INTERNAL, "libcurl could not start");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcmp(scheme, "http") && strcmp(scheme, "https")) ||
	    strncmp(url, scheme, strlen(scheme)) ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !*host)
		rc = err_set(e, ERR_USAGE, "--site-url: '%s' is not a web address: give the address "
			     "people open parity at, like https://parity.example.org", url);
	else if (curl_url_get(u, CURLUPART_QUERY, &q, 0) == CURLUE_OK ||
		 curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0) == CURLUE_OK ||
		 strpbrk(url, " \t\r\n\"'<>"))
		rc = err_set(e, ERR_USAGE, "--site-url: '%s' holds a query, a '#' or a space: give "
			     "the site's address only", url);
	else if ((len = strlen(url)) >= n)
		rc = err_set(e, ERR_USAGE, "--site-url is longer than %zu characters", n - 1);
	else {
		snprintf(out, n, "%s", url);
		while (len > 0 && out[len - 1] == '/')
			out[--len] = '\0';
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(q);
	curl_free(frag);
	curl_url_cleanup(u);
	return rc;
}

/* The password: the first line of standard input. */
static int read_password(struct buf *pw, struct err *e)
{
	char chunk[512];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		buf_append(pw, chunk, n);
		if (pw->len > 4096)
			return err_set(e, ERR_USAGE, "--smtp-password-stdin: the password is longer "
				       "than 4096 bytes");
	}
	sodium_memzero(chunk, sizeof chunk);
	if (pw->len) {
		char *nl = strpbrk(pw->data, "\r\n");
		if (nl) {
			*nl = '\0';
			pw->len = (size_t)(nl - pw->data);
		}
	}
	if (!pw->len)
		return err_set(e, ERR_USAGE, "--smtp-password-stdin: standard input held no password "
			       "(pipe it in: printf '%%s\\n' \"$PASSWORD\" | parity mail setup ...)");
	return 0;
}

static int setup_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *smtp = NULL, *from = NULL, *site = NULL, *name = "", *tls = "required",
		   *user = NULL, *ca = NULL, *as = NULL;
	int pw_stdin = 0, npos = 0, rc;
	char site_out[512], from_norm[320], ca_abs[PATH_MAX] = "", now[21];
	struct buf pw = BUF_INIT, sealed = BUF_INIT;
	unsigned char key[32];
	store_t *db = NULL;
	const struct cli_opt opts[] = {
		{"smtp", 0, CLI_STRING, &smtp},
		{"from", 0, CLI_STRING, &from},
		{"site-url", 0, CLI_STRING, &site},
		{"from-name", 0, CLI_STRING, &name},
		{"starttls", 0, CLI_STRING, &tls},
		{"smtp-user", 0, CLI_STRING, &user},
		{"smtp-password-stdin", 0, CLI_FLAG, &pw_stdin},
		{"ca-file", 0, CLI_STRING, &ca},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, CLI_FLAG, NULL},
	};
	if (cli_parse(ctx, argc, argv, opts, NULL, 0, &npos, e) < 0)
		return e->code;
	if (!smtp)
		return err_set(e, ERR_USAGE, "give --smtp smtp://HOST:PORT, the SMTP server to send "
			       "through");
	if (!from)
		return err_set(e, ERR_USAGE, "give --from ADDRESS, the address messages come from");
	if (!site)
		return err_set(e, ERR_USAGE, "give --site-url URL, the address people open parity at "
			       "(links in messages start with it), like https://parity.example.org");
	if ((rc = check_smtp_url(smtp, e)) < 0 || strlen(smtp) >= 512)
		return rc < 0 ? rc : err_set(e, ERR_USAGE, "--smtp is too long");
	if (mail_address_ok(from, e) < 0) {
		err_prefix(e, "--from");
		e->code = ERR_USAGE;
		return ERR_USAGE;
	}
	if ((rc = check_site_url(site, site_out, sizeof site_out, e)) < 0)
		return rc;
	if (strlen(name) > 127 || strpbrk(name, "\r\n\t"))
		return err_set(e, ERR_USAGE, "--from-name: give one line of at most 127 bytes");
	if (strcmp(tls, "required") && strcmp(tls, "optional") && strcmp(tls, "off"))
		return err_set(e, ERR_USAGE, "--starttls takes required, optional or off; got '%s'", tls);
	if (user && (!*user || strlen(user) > 255 || strpbrk(user, "\r\n")))
		return err_set(e, ERR_USAGE, "--smtp-user: give the user name (one line, at most 255 "
			       "bytes)");
	if (user && !pw_stdin)
		return err_set(e, ERR_USAGE, "--smtp-user needs --smtp-password-stdin, with the "
			       "password piped in on standard input");
	if (pw_stdin && !user)
		return err_set(e, ERR_USAGE, "--smtp-password-stdin needs --smtp-user");
	if (ca) {
		if (access(ca, R_OK) != 0 || !realpath(ca, ca_abs))
			return err_set(e, ERR_USAGE, "--ca-file: '%s' cannot be read: give the CA "
				       "bundle (PEM) to trust", ca);
	}
	if (pw_stdin && (rc = read_password(&pw, e)) < 0)
		goto done;
	mail_address_norm(from, from_norm, sizeof from_norm);
	if ((rc = store_open(store_default_path(ctx->db_path), &db, e)) < 0)
		goto done;
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	if (pw_stdin) {
		if ((rc = mail_subkey(db, MAIL_SUBKEY_SEAL, 1, key, e)) < 0)
			goto done;
		mail_seal(key, buf_str(&pw), &sealed);
		sodium_memzero(key, sizeof key);
	}
	date_now_iso(now);
	if ((rc = store_exec(db, e, "DELETE FROM mail_setting", "")) < 0 ||
	    (rc = store_exec(db, e,
			     "INSERT INTO mail_setting (id, smtp, from_addr, from_name, site_url, tls, "
			     "smtp_user, smtp_secret, ca_file, updated_at, updated_by) "
			     "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			     "ttttttbttt", smtp, from_norm, name, site_out, tls, user ? user : "",
			     sealed.len ? sealed.data : NULL, sealed.len, ca_abs, now,
			     cli_author(as))) < 0 ||
	    (rc = store_commit(db, e)) < 0)
		goto done;
	fprintf(ctx->out, "mail set up: %s as %s, STARTTLS %s%s\n", smtp, from_norm, tls,
		pw_stdin ? ", the SMTP password sealed with the key file's key" : "");
done:
	if (rc < 0)
		store_rollback(db);
	store_close(db);
	if (pw.data)
		sodium_memzero(pw.data, pw.len);
	buf_free(&pw);
	buf_free(&sealed);
	return rc;
}

static int show_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	struct mail_settings s;
	store_t *db = NULL;
	int npos = 0, rc;
	const struct cli_opt opts[] = {{NULL, 0, CLI_FLAG, NULL}};
	static const char *const tls_words[] = {"required", "optional", "off"};
	if (cli_parse(ctx, argc, argv, opts, NULL, 0, &npos, e) < 0)
		return e->code;
	if ((rc = store_open(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	if ((rc = mail_settings_get(db, &s, e)) == 0) {
		fprintf(ctx->out, "SMTP server: %s\n", s.smtp);
		fprintf(ctx->out, "STARTTLS:    %s\n", tls_words[s.tls]);
		if (s.from_name[0])
			fprintf(ctx->out, "From:        %s <%s>\n", s.from_name, s.from);
		else
			fprintf(ctx->out, "From:        %s\n", s.from);
		fprintf(ctx->out, "Site URL:    %s\n", s.site_url);
		if (s.user[0])
			fprintf(ctx->out, "SMTP user:   %s (password %s)\n", s.user,
				s.has_password ? "kept, sealed with the key file's key" : "not kept");
		else
			fprintf(ctx->out, "SMTP user:   none (no AUTH)\n");
		fprintf(ctx->out, "CA file:     %s\n", s.ca_file[0] ? s.ca_file : "the system's");
	}
	store_close(db);
	return rc;
}

static int outbox_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *status = NULL, *format = "text";
	store_t *db = NULL;
	store_stmt_t *st = NULL;
	json_t *arr = NULL;
	int npos = 0, rc, n = 0;
	const struct cli_opt opts[] = {
		{"status", 0, CLI_STRING, &status},
		{"format", 0, CLI_STRING, &format},
		{NULL, 0, CLI_FLAG, NULL},
	};
	if (cli_parse(ctx, argc, argv, opts, NULL, 0, &npos, e) < 0)
		return e->code;
	if (status && strcmp(status, "queued") && strcmp(status, "sent") && strcmp(status, "failed") &&
	    strcmp(status, "bounced"))
		return err_set(e, ERR_USAGE, "--status takes queued, sent, failed or bounced; got '%s'",
			       status);
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "--format takes text or json; got '%s'", format);
	if ((rc = store_open(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = store_prepare(db, &st, e,
			   "SELECT id, kind, ref, rcpt, subject, status, attempts, queued_at, due_at, "
			   "sent_at, smtp_code, last_error, bounced_at, bounce_hard, message_id "
			   "FROM mail_outbox WHERE (? IS NULL OR status = ?) ORDER BY id DESC",
			   "tt", status, status);
	if (rc < 0)
		goto done;
	if (!strcmp(format, "json"))
		arr = json_array();
	while ((rc = store_step(st, e)) == 1) {
		char q[21], d[21], s[21], b[21];
		int64_t id = store_col_int(st, 0);
		const char *err_words = store_col_text(st, 11);
		date_iso_at((time_t)store_col_int(st, 7), q);
		date_iso_at((time_t)store_col_int(st, 8), d);
		date_iso_at((time_t)store_col_int(st, 9), s);
		date_iso_at((time_t)store_col_int(st, 12), b);
		n++;
		if (arr) {
			json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s}",
					      "id", (json_int_t)id, "kind", store_col_text(st, 1), "ref",
					      (json_int_t)store_col_int(st, 2), "to", store_col_text(st, 3),
					      "subject", store_col_text(st, 4), "status",
					      store_col_text(st, 5), "message_id", store_col_text(st, 14),
					      "attempts", (json_int_t)store_col_int(st, 6), "queued_at", q,
					      "due_at", d);
			json_object_set_new(o, "sent_at", store_col_is_null(st, 9) ? json_null()
										    : json_string(s));
			json_object_set_new(o, "smtp_code", store_col_is_null(st, 10)
								    ? json_null()
								    : json_integer(store_col_int(st, 10)));
			json_object_set_new(o, "last_error", err_words ? json_string(err_words)
								       : json_null());
			json_object_set_new(o, "bounced_at", store_col_is_null(st, 12) ? json_null()
										       : json_string(b));
			json_object_set_new(o, "bounce_hard", store_col_is_null(st, 13)
								      ? json_null()
								      : json_boolean(store_col_int(st, 13)));
			json_array_append_new(arr, o);
		} else {
			fprintf(ctx->out, "%" PRId64 "  %-7s  %s  %s  \"%s\"", id, store_col_text(st, 5),
				store_col_is_null(st, 9) ? q : s, store_col_text(st, 3),
				store_col_text(st, 4));
			if (!store_col_is_null(st, 10) || err_words)
				fprintf(ctx->out, "  [%s]", err_words ? err_words : "");
			if (!store_col_is_null(st, 12))
				fprintf(ctx->out, "  bounced %s (%s)", b,
					store_col_int(st, 13) ? "permanent" : "temporary");
			fputc('\n', ctx->out);
		}
	}
	if (rc < 0)
		goto done;
	rc = 0;
	if (arr) {
		char *txt = json_dumps(arr, JSON_INDENT(2));
		fprintf(ctx->out, "%s\n", txt);
		free(txt);
	} else if (!n) {
		fprintf(ctx->out, "the outbox is empty%s%s\n", status ? " of " : "",
			status ? status : "");
	}
done:
	json_decref(arr);
	store_done(st);
	store_close(db);
	return rc;
}

static int test_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *pos[1], *name = NULL;
	int npos = 0, html = 0, rc;
	store_t *db = NULL;
	struct mail_settings s;
	struct mail_msg m = {0};
	struct buf text = BUF_INIT, h = BUF_INIT;
	int64_t id = 0;
	const struct cli_opt opts[] = {
		{"name", 0, CLI_STRING, &name},
		{"html", 0, CLI_FLAG, &html},
		{NULL, 0, CLI_FLAG, NULL},
	};
	if (cli_parse(ctx, argc, argv, opts, pos, 1, &npos, e) < 0)
		return e->code;
	if (npos != 1)
		return err_set(e, ERR_USAGE, "give the ADDRESS to send a test message to");
	if (mail_address_ok(pos[0], e) < 0) {
		e->code = ERR_USAGE;
		return ERR_USAGE;
	}
	if ((rc = store_open(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	if ((rc = mail_settings_get(db, &s, e)) < 0)
		goto done;
	buf_printf(&text,
		   "This is a test message from parity.\n\n"
		   "It came through %s from %s, so the mail settings work: messages\n"
		   "parity sends (reminders, invitations, the mailing list) will go the same way.\n\n"
		   "Links in messages start with %s\n",
		   s.smtp, s.from, s.site_url);
	buf_printf(&h,
		   "<p>This is a test message from parity.</p>\n"
		   "<p>It came through the SMTP server set up for parity, so the mail settings "
		   "work.</p>\n");
	m.to = pos[0];
	m.to_name = name;
	m.subject = "parity test message \xe2\x80\x93 the mail settings work";
	m.text = buf_str(&text);
	m.html = html ? buf_str(&h) : NULL;
	m.kind = "test";
	if ((rc = store_begin(db, e)) < 0 || (rc = mail_queue(db, &s, &m, &id, e)) < 0 ||
	    (rc = store_commit(db, e)) < 0)
		goto done;
	fprintf(ctx->out, "queued test message %" PRId64 " to %s: 'parity mail run' sends it\n", id,
		pos[0]);
done:
	if (rc < 0)
		store_rollback(db);
	store_close(db);
	buf_free(&text);
	buf_free(&h);
	return rc;
}

/* parity mail message ID: the message as it is (or will be) sent. */
static int message_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *pos[1];
	store_t *db = NULL;
	store_stmt_t *st = NULL;
	struct mail_settings s;
	struct buf b = BUF_INIT;
	int npos = 0, rc;
	long id;
	const struct cli_opt opts[] = {{NULL, 0, CLI_FLAG, NULL}};
	if (cli_parse(ctx, argc, argv, opts, pos, 1, &npos, e) < 0)
		return e->code;
	if (npos != 1 || str_to_int(pos[0], 1, INT32_MAX, &id) < 0)
		return err_set(e, ERR_USAGE, "give the message's number in the outbox (see 'parity "
			       "mail outbox')");
	if ((rc = store_open(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = store_prepare(db, &st, e,
			   "SELECT body, batch_id IS NOT NULL AND body IS NULL FROM mail_outbox "
			   "WHERE id = ?",
			   "i", (int64_t)id);
	if (rc == 0 && (rc = store_step(st, e)) == 0)
		rc = err_set(e, ERR_NOTFOUND, "no message %ld in the outbox (see 'parity mail "
			     "outbox')", id);
	if (rc == 1) {
		size_t len = 0;
		const void *body = store_col_blob(st, 0, &len);
		if (store_col_int(st, 1))
			rc = mail_settings_get(db, &s, e) < 0 ? e->code
								: mail_batch_build(db, &s, id, &b, e);
		else
			buf_append(&b, body, len), rc = 0;
	}
	store_done(st);
	if (rc == 0)
		rc = cli_write_out(ctx, NULL, buf_str(&b), b.len, e);
	buf_free(&b);
	store_close(db);
	return rc;
}

const struct cli_command mail_commands[] = {
	{"mail message", message_cmd, "print one message of the outbox as it is sent",
	 "usage: parity mail message ID\n"
	 "\n"
	 "Prints the whole message number ID of the outbox (RFC 5322, headers and\n"
	 "body) as it was or will be sent. A post to a list is built from the post and\n"
	 "the subscriber's own links when it is sent; this builds it the same way.\n"
	 "Example:\n"
	 "  parity mail message 42\n"},
	{"mail outbox", outbox_cmd, "list the messages in the outbox and what became of them",
	 "usage: parity mail outbox [--status queued|sent|failed|bounced] [--format text|json]\n"
	 "\n"
	 "Lists the outbox, newest first: each message's number, status, when it was\n"
	 "sent (or queued), the recipient, the subject and the server's last answer.\n"
	 "--format json gives every field. docs/mail.md says what each status means.\n"
	 "Example:\n"
	 "  parity mail outbox --status failed\n"},
	{"mail setup", setup_cmd, "set up sending email: the SMTP server, the sender, the site's address",
	 "usage: parity mail setup --smtp smtp://HOST:PORT --from ADDRESS --site-url URL\n"
	 "                         [--from-name NAME] [--starttls required|optional|off]\n"
	 "                         [--smtp-user USER --smtp-password-stdin] [--ca-file FILE]\n"
	 "\n"
	 "Saves how parity sends email, replacing what was set up before. --smtp is\n"
	 "smtp://HOST:PORT (STARTTLS, as --starttls says; default required) or\n"
	 "smtps://HOST:PORT (TLS from the start). --site-url is the address people open\n"
	 "parity at: links in messages start with it. With --smtp-user the password is\n"
	 "read from standard input and kept sealed with the key file's key, never in\n"
	 "the database in clear. --ca-file trusts a CA bundle besides the system's.\n"
	 "Example:\n"
	 "  printf '%s\\n' \"$PW\" | parity mail setup --smtp smtp://mail.example.org:587 \\\n"
	 "    --from network@example.org --from-name 'Staff network' \\\n"
	 "    --site-url https://parity.example.org --smtp-user network --smtp-password-stdin\n"},
	{"mail show", show_cmd, "show the mail settings (never the password)",
	 "usage: parity mail show\n"
	 "\n"
	 "Prints the SMTP server, STARTTLS, the sender, the site's address, the SMTP\n"
	 "user and CA file; the password only as kept or not.\n"
	 "Example:\n"
	 "  parity mail show\n"},
	{"mail test", test_cmd, "queue a test message to see that the mail settings work",
	 "usage: parity mail test ADDRESS [--name NAME] [--html]\n"
	 "\n"
	 "Queues one message to ADDRESS saying the settings work and prints its number\n"
	 "in the outbox; 'parity mail run' (or the running server, within a minute)\n"
	 "sends it. --html adds an HTML version beside the text.\n"
	 "Example:\n"
	 "  parity mail test me@example.org && parity mail run\n"},
	{NULL, NULL, NULL, NULL},
};
