/*
 * fuzz_bounce: libFuzzer target for the bounce reader of mail/bounce.c
 * (parity mail bounce < MESSAGE; the message comes from anyone who can
 * send mail to the return path). The input is read as an email by
 * mail_bounce_read against an in-memory database with mail set up and
 * one outbox row. Promises: 0 or ERR_DATA with a message; at most
 * MAIL_BOUNCE_MAX recipients, each NUL-terminated; never a crash or a
 * leak. Built by `make fuzz`; fuzz/replay.c replays the corpus in
 * `make check`.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "mail/mail.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static store_t *db;
	struct mail_bounce b;
	struct err e = {0};
	int rc, i;
	if (!db) {
		if (store_open(":memory:", &db, &e) < 0)
			return 0;
		store_exec(db, &e,
			   "INSERT INTO mail_setting (id, smtp, from_addr, site_url, tls, updated_at, "
			   "updated_by) VALUES (1, 'smtp://127.0.0.1:25', 'network@example.org', "
			   "'https://p.example.org', 'off', '2026-01-01T00:00:00Z', 'fuzz')",
			   "");
		store_exec(db, &e,
			   "INSERT INTO mail_outbox (kind, ref, rcpt, subject, message_id, body, "
			   "status, queued_at, due_at) VALUES ('list', 1, 'a@example.com', 's', "
			   "'fixture-hard-original@example.org', 'x', 'sent', 1, 1)",
			   "");
	}
	rc = mail_bounce_read(db, (const char *)data, size, NULL, &b, &e);
	assert(rc == 0 || rc == ERR_DATA);
	if (rc == ERR_DATA)
		assert(e.msg[0] != '\0');
	assert(b.n >= 0 && b.n <= MAIL_BOUNCE_MAX);
	for (i = 0; i < b.n; i++) {
		assert(memchr(b.rcpt[i].address, '\0', sizeof b.rcpt[i].address));
		assert(memchr(b.rcpt[i].status, '\0', sizeof b.rcpt[i].status));
	}
	assert(memchr(b.tag, '\0', sizeof b.tag));
	return 0;
}
