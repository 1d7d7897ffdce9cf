/*
 * app/mailcmd.c: the mail commands that hand work to the domains —
 * 'parity mail run' (the domains' periodic jobs, then delivery) and
 * 'parity mail bounce' (a bounce read by mail/, given to the domain that
 * queued the message; mail to a tagged address given to the network).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/str.h"
#include "mail/mail.h"
#include "network/network.h"

#define BOUNCE_MAX_BYTES (10u << 20)

static int run_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *max_s = NULL;
	int npos = 0, rc;
	long max = 0;
	store_t *db = NULL;
	struct mail_run_result r;
	time_t now = mail_now();
	const struct cli_opt opts[] = {
		{"max", 0, CLI_STRING, &max_s},
		{NULL, 0, CLI_FLAG, NULL},
	};
	if (cli_parse(ctx, argc, argv, opts, NULL, 0, &npos, e) < 0)
		return e->code;
	if (max_s && str_to_int(max_s, 1, 1000000, &max) < 0)
		return err_set(e, ERR_USAGE, "--max takes a number of messages from 1 to 1,000,000; "
			       "got '%s'", max_s);
	if ((rc = store_open(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	if (!mail_configured(db)) {
		rc = mail_settings_get(db, &(struct mail_settings){0}, e);
		goto done;
	}
	if ((rc = app_jobs(db, now, e)) < 0 || (rc = mail_run(db, now, (int)max, &r, e)) < 0)
		goto done;
	fprintf(ctx->out, "%d sent, %d to retry, %d failed, %d queued for later\n", r.sent,
		r.retried, r.failed, r.left);
done:
	store_close(db);
	return rc;
}

static int bounce_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *rcpt = NULL;
	int npos = 0, rc, i;
	struct buf in = BUF_INIT;
	char chunk[65536];
	size_t n;
	store_t *db = NULL;
	struct mail_bounce b;
	time_t now = mail_now();
	const struct cli_opt opts[] = {
		{"recipient", 0, CLI_STRING, &rcpt},
		{NULL, 0, CLI_FLAG, NULL},
	};
	if (cli_parse(ctx, argc, argv, opts, NULL, 0, &npos, e) < 0)
		return e->code;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		if (in.len + n > BOUNCE_MAX_BYTES) {
			buf_free(&in);
			return err_set(e, ERR_DATA, "the message on standard input is larger than "
				       "10 MB: not a bounce parity reads");
		}
		buf_append(&in, chunk, n);
	}
	if ((rc = store_open(store_default_path(ctx->db_path), &db, e)) < 0)
		goto done;
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	if ((rc = mail_bounce_read(db, buf_str(&in), in.len, rcpt, &b, e)) < 0)
		goto done;
	if (b.is_bounce) {
		int hard = 0, handled = 1;
		for (i = 0; i < b.n; i++)
			hard |= b.rcpt[i].hard;
		if (b.outbox_id && (rc = network_bounce(db, b.kind, b.ref, hard, now, e)) < 0)
			goto done;
		handled = rc == 0;
		if ((rc = store_commit(db, e)) < 0)
			goto done;
		for (i = 0; i < b.n; i++)
			fprintf(ctx->out, "bounce: %s %s%s%s\n", b.rcpt[i].address,
				b.rcpt[i].hard ? "permanent" : "temporary",
				b.rcpt[i].status[0] ? " " : "", b.rcpt[i].status);
		if (b.outbox_id)
			fprintf(ctx->out, "outbox message %" PRId64 " to %s marked %s%s\n", b.outbox_id,
				b.to, hard ? "bounced" : "delayed (a temporary bounce)",
				handled ? "" : "; no part of parity acts on its kind");
		else
			fprintf(ctx->out, "not matched to a message in the outbox: nothing changed\n");
	} else if (b.tag[0]) {
		rc = network_tagged(db, b.tag, now, e);
		if (rc < 0)
			goto done;
		if ((rc = store_commit(db, e)) < 0)
			goto done;
		fprintf(ctx->out, "mail to tag '%s': %s\n", b.tag,
			rc == 0 ? "handled" : "no part of parity uses this tag; nothing changed");
	} else {
		if ((rc = store_commit(db, e)) < 0)
			goto done;
		fprintf(ctx->out, "not a bounce: nothing changed\n");
	}
	rc = 0;
done:
	if (rc < 0)
		store_rollback(db);
	store_close(db);
	buf_free(&in);
	return rc;
}

static const struct cli_command mail_app_commands[] = {
	{"mail bounce", bounce_cmd, "read a bounce (a delivery report) from standard input",
	 "usage: parity mail bounce [--recipient ADDRESS] < MESSAGE\n"
	 "\n"
	 "Reads one email (at most 10 MB) from standard input, as a mail server hands\n"
	 "it to a program: an RFC 3464 delivery report, or a qmail, Exim or Postfix\n"
	 "bounce. --recipient is the address it was delivered to (the return path,\n"
	 "such as $RECIPIENT or $ORIGINAL_RECIPIENT in Postfix); without it the\n"
	 "Delivered-To, X-Original-To and To fields are read. The bounced message is\n"
	 "marked in the outbox and the part of parity that sent it is told (a\n"
	 "mailing list counts it). A message that is not a bounce changes nothing\n"
	 "and exits 0. docs/mail.md says how to route bounces here.\n"
	 "Example:\n"
	 "  parity mail bounce --recipient network+b12-0a1b2c3d4e@example.org < report.eml\n"},
	{"mail run", run_cmd, "send the email that is due (and queue what is due to be queued)",
	 "usage: parity mail run [--max N]\n"
	 "\n"
	 "Queues what the network and the plan have due (invitations, reminders), then\n"
	 "sends the messages of the outbox that are due, at most N with --max, over one\n"
	 "connection to the SMTP server. A temporary refusal (4xx) or a server that\n"
	 "cannot be reached is tried again later (after 5 minutes, doubling up to 6\n"
	 "hours, for 5 days); a permanent refusal (5xx) marks the message failed.\n"
	 "Prints what it did. 'parity serve' does the same every minute.\n"
	 "Example:\n"
	 "  parity mail run\n"},
	{NULL, NULL, NULL, NULL},
};

const struct room mail_app_room = {"mail-app", mail_app_commands, NULL, 0, NULL, 0, NULL, 0};
