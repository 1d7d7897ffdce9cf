/*
 * test_mail: reading bounces (mail/bounce.c) on our own fixture messages
 * in tests/fixtures/mail/ — RFC 3464 hard and delayed reports, qmail,
 * Exim and Postfix plain-text bounces, an ordinary message to a tagged
 * address and broken input — and the VERP return path with its keyed
 * check (mail/keys.c). Each test has its own in-memory database.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "mail/internal.h"
#include "mail/mail.h"
#include "store/store.h"

static store_t *db;

static void setup(void)
{
	struct err e = {0};
	cr_assert_eq(store_open(":memory:", &db, &e), 0, "%s", e.msg);
	cr_assert_eq(store_exec(db, &e,
				"INSERT INTO mail_setting (id, smtp, from_addr, site_url, tls, "
				"updated_at, updated_by) VALUES (1, 'smtp://127.0.0.1:25', "
				"'network@example.org', 'https://p.example.org', 'off', "
				"'2026-03-01T00:00:00Z', 'test')",
				""),
		     0, "%s", e.msg);
}

static void teardown(void)
{
	store_close(db);
	db = NULL;
}

/* An outbox row with this Message-ID, sent; its id. */
static int64_t row(const char *mid, const char *rcpt)
{
	struct err e = {0};
	cr_assert_eq(store_exec(db, &e,
				"INSERT INTO mail_outbox (kind, ref, rcpt, subject, message_id, body, "
				"status, queued_at, due_at) VALUES ('list', 42, ?, 's', ?, 'x', 'sent', 1, 1)",
				"tt", rcpt, mid),
		     0, "%s", e.msg);
	return store_last_id(db);
}

static void slurp(const char *name, struct buf *b)
{
	char path[256], chunk[4096];
	size_t n;
	FILE *f;
	snprintf(path, sizeof path, "tests/fixtures/mail/%s", name);
	f = fopen(path, "rb");
	cr_assert_not_null(f, "cannot open %s (run from the project's root)", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
}

static int read_fixture(const char *name, const char *envelope, struct mail_bounce *b,
			struct err *e)
{
	struct buf m = BUF_INIT;
	int rc;
	slurp(name, &m);
	rc = mail_bounce_read(db, m.data, m.len, envelope, b, e);
	buf_free(&m);
	return rc;
}

static const char *status_of(int64_t id)
{
	static char s[16];
	struct err e = {0};
	store_stmt_t *st;
	cr_assert_eq(store_prepare(db, &st, &e, "SELECT status FROM mail_outbox WHERE id = ?", "i", id), 0);
	cr_assert_eq(store_step(st, &e), 1);
	snprintf(s, sizeof s, "%s", store_col_text(st, 0));
	store_done(st);
	return s;
}

TestSuite(mail, .init = setup, .fini = teardown);

Test(mail, rfc3464_hard_forged_verp_is_ignored)
{
	struct mail_bounce b;
	struct err e = {0};
	int64_t id = row("fixture-hard-original@example.org", "gone@example.com");
	cr_assert_eq(read_fixture("rfc3464_hard.eml", NULL, &b, &e), 0, "%s", e.msg);
	cr_assert(b.is_bounce);
	cr_assert_eq(b.n, 1);
	cr_assert_str_eq(b.rcpt[0].address, "gone@example.com");
	cr_assert_str_eq(b.rcpt[0].status, "5.1.1");
	cr_assert_eq(b.rcpt[0].hard, 1);
	/* Delivered-To holds a VERP address with a wrong check: nothing matched,
	 * not even by the Message-ID the report carries */
	cr_assert_eq(b.outbox_id, 0);
	cr_assert_str_eq(status_of(id), "sent");
}

Test(mail, rfc3464_hard_by_envelope_verp)
{
	struct mail_bounce b;
	struct mail_settings s;
	struct err e = {0};
	struct buf verp = BUF_INIT;
	unsigned char key[32];
	int64_t id = row("other@example.org", "gone@example.com");
	cr_assert_eq(mail_settings_get(db, &s, &e), 0);
	cr_assert_eq(mail_subkey(db, MAIL_SUBKEY_VERP, 1, key, &e), 0, "%s", e.msg);
	mail_verp_address(&s, key, id, &verp);
	cr_assert_eq(read_fixture("rfc3464_hard.eml", buf_str(&verp), &b, &e), 0, "%s", e.msg);
	cr_assert_eq(b.outbox_id, id);
	cr_assert_str_eq(b.kind, "list");
	cr_assert_eq(b.ref, 42);
	cr_assert_str_eq(b.to, "gone@example.com");
	cr_assert_str_eq(status_of(id), "bounced");
	buf_free(&verp);
}

Test(mail, rfc3464_delayed_is_soft_and_found_by_message_id)
{
	struct mail_bounce b;
	struct err e = {0};
	int64_t id = row("fixture-delayed-original@example.org", "slow@example.net");
	cr_assert_eq(read_fixture("rfc3464_delayed.eml", NULL, &b, &e), 0, "%s", e.msg);
	cr_assert(b.is_bounce);
	cr_assert_eq(b.n, 1);
	cr_assert_str_eq(b.rcpt[0].address, "slow@example.net");
	cr_assert_str_eq(b.rcpt[0].status, "4.4.7");
	cr_assert_eq(b.rcpt[0].hard, 0);
	cr_assert_eq(b.outbox_id, id);
	/* a soft bounce leaves the message sent, with the bounce noted */
	cr_assert_str_eq(status_of(id), "sent");
}

Test(mail, qmail)
{
	struct mail_bounce b;
	struct err e = {0};
	cr_assert_eq(read_fixture("qmail.eml", NULL, &b, &e), 0, "%s", e.msg);
	cr_assert(b.is_bounce);
	cr_assert_eq(b.n, 1);
	cr_assert_str_eq(b.rcpt[0].address, "nobody@example.com");
	cr_assert_str_eq(b.rcpt[0].status, "5.1.1");
	cr_assert_eq(b.rcpt[0].hard, 1);
	cr_assert_eq(b.outbox_id, 0, "the To holds a forged VERP check");
}

Test(mail, exim_found_by_inline_message_id)
{
	struct mail_bounce b;
	struct err e = {0};
	int64_t id = row("fixture-exim-original@example.org", "left.the.service@example.co.uk");
	cr_assert_eq(read_fixture("exim.eml", NULL, &b, &e), 0, "%s", e.msg);
	cr_assert(b.is_bounce);
	cr_assert_eq(b.n, 1);
	cr_assert_str_eq(b.rcpt[0].address, "left.the.service@example.co.uk");
	cr_assert_str_eq(b.rcpt[0].status, "5.1.1");
	cr_assert_eq(b.rcpt[0].hard, 1);
	cr_assert_eq(b.outbox_id, id);
	cr_assert_str_eq(status_of(id), "bounced");
}

Test(mail, postfix_plain_soft_and_hard)
{
	struct mail_bounce b;
	struct err e = {0};
	cr_assert_eq(read_fixture("postfix_plain.eml", NULL, &b, &e), 0, "%s", e.msg);
	cr_assert(b.is_bounce);
	cr_assert_eq(b.n, 2);
	cr_assert_str_eq(b.rcpt[0].address, "full@example.org");
	cr_assert_str_eq(b.rcpt[0].status, "4.2.2");
	cr_assert_eq(b.rcpt[0].hard, 0);
	cr_assert_str_eq(b.rcpt[1].address, "closed@example.org");
	cr_assert_str_eq(b.rcpt[1].status, "5.0.0");
	cr_assert_eq(b.rcpt[1].hard, 1);
}

Test(mail, ordinary_message_to_a_tag)
{
	struct mail_bounce b;
	struct err e = {0};
	cr_assert_eq(read_fixture("ordinary.eml", NULL, &b, &e), 0, "%s", e.msg);
	cr_assert_eq(b.is_bounce, 0);
	cr_assert_eq(b.n, 0);
	cr_assert_str_eq(b.tag, "u-abc123");
}

Test(mail, ordinary_message_to_another_address_has_no_tag)
{
	struct mail_bounce b;
	struct err e = {0};
	cr_assert_eq(read_fixture("ordinary.eml", "someone+u-abc123@example.org", &b, &e), 0);
	cr_assert_eq(b.is_bounce, 0);
	cr_assert_str_eq(b.tag, "");
}

Test(mail, broken_input_is_not_a_crash)
{
	static const char *const files[] = {"broken.eml", "broken_mime.eml"};
	size_t i;
	for (i = 0; i < 2; i++) {
		struct mail_bounce b;
		struct err e = {0};
		int rc = read_fixture(files[i], NULL, &b, &e);
		cr_assert(rc == 0 || rc == ERR_DATA, "%s: %d", files[i], rc);
		if (rc == 0)
			cr_assert_eq(b.outbox_id, 0);
	}
}

Test(mail, empty_input_is_err_data)
{
	struct mail_bounce b;
	struct err e = {0};
	cr_assert_eq(mail_bounce_read(db, "", 0, NULL, &b, &e), ERR_DATA);
}

Test(mail, verp_round_trip_and_forgery)
{
	struct mail_settings s;
	struct err e = {0};
	struct buf v = BUF_INIT;
	unsigned char key[32];
	int64_t id = 0;
	char *at, forged[320];
	cr_assert_eq(mail_settings_get(db, &s, &e), 0);
	cr_assert_eq(mail_subkey(db, MAIL_SUBKEY_VERP, 1, key, &e), 0);
	mail_verp_address(&s, key, 123456, &v);
	cr_assert(strncmp(buf_str(&v), "network+b123456-", 16) == 0, "%s", buf_str(&v));
	cr_assert_eq(mail_verp_parse(key, buf_str(&v), &id), 1);
	cr_assert_eq(id, 123456);
	snprintf(forged, sizeof forged, "%s", buf_str(&v));
	at = strchr(forged, '@');
	at[-1] = at[-1] == '0' ? '1' : '0';
	cr_assert_eq(mail_verp_parse(key, forged, &id), -1);
	cr_assert_eq(mail_verp_parse(key, "network@example.org", &id), 0);
	cr_assert_eq(mail_verp_parse(key, "network+u-abc@example.org", &id), 0);
	cr_assert_eq(mail_verp_parse(key, "network+b99999999999999999999-0123456789@example.org", &id), 0);
	buf_free(&v);
}

Test(mail, sealed_password_round_trip)
{
	unsigned char key[32], other[32];
	struct buf sealed = BUF_INIT, out = BUF_INIT;
	struct err e = {0};
	memset(key, 7, sizeof key);
	memset(other, 8, sizeof other);
	mail_seal(key, "correct horse", &sealed);
	cr_assert(memmem(sealed.data, sealed.len, "correct horse", 13) == NULL);
	cr_assert_eq(mail_unseal(key, sealed.data, sealed.len, &out, &e), 0);
	cr_assert_str_eq(buf_str(&out), "correct horse");
	buf_reset(&out);
	cr_assert_eq(mail_unseal(other, sealed.data, sealed.len, &out, &e), ERR_DATA);
	buf_free(&sealed);
	buf_free(&out);
}
