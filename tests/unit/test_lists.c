/*
 * test_lists: the mailing lists' model (src/network/list.c) on an
 * in-memory database — Mailman's bounce scoring at its boundaries (hard
 * 1.0, soft 0.5, one bounce a day, a score older than 7 days starting
 * again, disabled at 5.0 with a warning and the owner told), the warnings
 * and removal that list_jobs sends a week apart, pending requests expiring
 * after exactly 7 days, the mailto unsubscribe of network_tagged, and the
 * export and erasure of an address.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "network/list.h"

static store_t *db;
static struct list_info news;
static const time_t T0 = 1780000000; /* a fixed clock: 2026-05-28 */
#define DAY 86400

static int64_t q(const char *sql, const char *text)
{
	struct err e = {0};
	int64_t v = -1;
	cr_assert_eq(store_query_int(db, &v, &e, sql, "t", text), 0, "%s", e.msg);
	return v;
}

static double score_of(const char *email)
{
	store_stmt_t *st;
	struct err e = {0};
	double s = -1;
	cr_assert_eq(store_prepare(db, &st, &e, "SELECT bounce_score FROM net_sub WHERE email = ?",
				   "t", email), 0);
	if (store_step(st, &e) == 1)
		s = store_col_double(st, 0);
	store_done(st);
	return s;
}

static const char *status_of(const char *email)
{
	static char out[16];
	store_stmt_t *st;
	struct err e = {0};
	out[0] = '\0';
	cr_assert_eq(store_prepare(db, &st, &e, "SELECT status FROM net_sub WHERE email = ?", "t",
				   email), 0);
	if (store_step(st, &e) == 1)
		snprintf(out, sizeof out, "%s", store_col_text(st, 0));
	store_done(st);
	return out;
}

static int64_t sub_id(const char *email)
{
	return q("SELECT id FROM net_sub WHERE email = ?", email);
}

static int64_t outbox(const char *kind)
{
	return q("SELECT COUNT(*) FROM mail_outbox WHERE kind = ?", kind);
}

static void setup(void)
{
	struct err e = {0};
	int outcome;
	cr_assert_eq(store_open(":memory:", &db, &e), 0, "%s", e.msg);
	cr_assert_eq(store_exec(db, &e,
				"INSERT INTO mail_setting (id, smtp, from_addr, site_url, tls, "
				"updated_at, updated_by) VALUES (1, 'smtp://127.0.0.1:25', "
				"'network@example.org', 'https://parity.example.org', 'off', "
				"'2026-01-01T00:00:00Z', 'test')",
				""),
		     0, "%s", e.msg);
	cr_assert_eq(list_create(db, "news", "Staff network news", "chair@example.org", "", 1, "t",
				 &e),
		     0, "%s", e.msg);
	cr_assert_eq(list_get(db, "news", &news, &e), 0);
	cr_assert_eq(list_subscribe(db, NULL, &news, "ada@example.org", "Ada", 0, "cli", 1, T0,
				    &outcome, &e),
		     0, "%s", e.msg);
	cr_assert_eq(outcome, LIST_SUB_DONE);
}

static void teardown(void)
{
	store_close(db);
}

TestSuite(lists, .init = setup, .fini = teardown);

Test(lists, score_hard_soft_and_one_a_day)
{
	int counted;
	cr_expect_float_eq(list_bounce_score(0, "", "2026-05-28", 1, &counted), 1.0, 1e-9);
	cr_expect_eq(counted, 1);
	cr_expect_float_eq(list_bounce_score(0, "", "2026-05-28", 0, &counted), 0.5, 1e-9);
	/* a second bounce the same day is not counted */
	cr_expect_float_eq(list_bounce_score(1.0, "2026-05-28", "2026-05-28", 1, &counted), 1.0,
			   1e-9);
	cr_expect_eq(counted, 0);
	/* the next day it is */
	cr_expect_float_eq(list_bounce_score(1.0, "2026-05-28", "2026-05-29", 0, &counted), 1.5,
			   1e-9);
	cr_expect_eq(counted, 1);
}

Test(lists, score_goes_stale_after_seven_days)
{
	int counted;
	/* exactly 7 days after the last bounce: still counts on */
	cr_expect_float_eq(list_bounce_score(4.0, "2026-05-28", "2026-06-04", 1, &counted), 5.0,
			   1e-9);
	/* 8 days after: the old score is stale and starts again */
	cr_expect_float_eq(list_bounce_score(4.0, "2026-05-28", "2026-06-05", 1, &counted), 1.0,
			   1e-9);
	cr_expect_eq(counted, 1);
}

Test(lists, disabled_at_five_with_a_warning_and_the_owner_told)
{
	struct err e = {0};
	int64_t id = sub_id("ada@example.org");
	int d;
	for (d = 0; d < 4; d++) {
		cr_assert_eq(network_bounce(db, "list", id, 1, T0 + d * DAY, &e), 0, "%s", e.msg);
		/* a second bounce on the same day changes nothing */
		cr_assert_eq(network_bounce(db, "list", id, 1, T0 + d * DAY + 60, &e), 0);
	}
	cr_expect_float_eq(score_of("ada@example.org"), 4.0, 1e-9);
	cr_expect_str_eq(status_of("ada@example.org"), "subscribed");
	cr_expect_eq(outbox("warning"), 0);
	/* two soft bounces make 5.0 over two more days */
	cr_assert_eq(network_bounce(db, "confirm", id, 0, T0 + 4 * DAY, &e), 0);
	cr_expect_str_eq(status_of("ada@example.org"), "subscribed");
	cr_assert_eq(network_bounce(db, "list", id, 0, T0 + 5 * DAY, &e), 0);
	cr_expect_float_eq(score_of("ada@example.org"), 5.0, 1e-9);
	cr_expect_str_eq(status_of("ada@example.org"), "disabled");
	cr_expect_eq(outbox("warning"), 1);
	cr_expect_eq(outbox("owner"), 1);
	/* bounces of the warnings are ours but not scored */
	cr_expect_eq(network_bounce(db, "warning", id, 1, T0 + 6 * DAY, &e), 0);
	cr_expect_float_eq(score_of("ada@example.org"), 5.0, 1e-9);
	/* another part's kinds are not the lists' */
	cr_expect_eq(network_bounce(db, "invite", id, 1, T0, &e), 1);
}

Test(lists, warnings_a_week_apart_then_unsubscribed)
{
	struct err e = {0};
	int64_t id = sub_id("ada@example.org");
	int d;
	for (d = 0; d < 5; d++)
		cr_assert_eq(network_bounce(db, "list", id, 1, T0 + d * DAY, &e), 0);
	cr_assert_str_eq(status_of("ada@example.org"), "disabled");
	time_t off = T0 + 4 * DAY;
	cr_assert_eq(list_jobs(db, off + 7 * DAY - 1, &e), 0, "%s", e.msg);
	cr_expect_eq(outbox("warning"), 1, "not yet a week");
	cr_assert_eq(list_jobs(db, off + 7 * DAY, &e), 0);
	cr_expect_eq(outbox("warning"), 2);
	cr_assert_eq(list_jobs(db, off + 14 * DAY, &e), 0);
	cr_expect_eq(outbox("warning"), 3);
	cr_expect_str_eq(status_of("ada@example.org"), "disabled");
	cr_assert_eq(list_jobs(db, off + 21 * DAY, &e), 0);
	cr_expect_eq(outbox("warning"), 3);
	cr_expect_str_eq(status_of("ada@example.org"), "unsubscribed");
	cr_expect_eq(outbox("owner"), 2, "told when disabled and when removed");
}

Test(lists, pending_requests_expire_after_seven_days)
{
	struct err e = {0};
	struct mail_settings s;
	int outcome;
	cr_assert_eq(mail_settings_get(db, &s, &e), 0);
	cr_assert_eq(list_subscribe(db, &s, &news, "bo@example.org", NULL, 0, "web", 0, T0, &outcome,
				    &e),
		     0, "%s", e.msg);
	cr_assert_eq(outcome, LIST_SUB_PENDING);
	cr_expect_eq(outbox("confirm"), 1);
	cr_assert_eq(list_jobs(db, T0 + 7 * DAY, &e), 0);
	cr_expect_str_eq(status_of("bo@example.org"), "pending", "exactly 7 days: kept");
	cr_assert_eq(list_jobs(db, T0 + 7 * DAY + 1, &e), 0);
	cr_expect_str_eq(status_of("bo@example.org"), "", "older: deleted");
	cr_expect_str_eq(status_of("ada@example.org"), "subscribed");
}

Test(lists, mailto_unsubscribe_tag)
{
	struct err e = {0};
	char tok[LIST_UTOKEN_MAX + 1], tag[LIST_UTOKEN_MAX + 3], salt[80];
	store_stmt_t *st;
	int64_t id = sub_id("ada@example.org");
	cr_assert_eq(store_prepare(db, &st, &e, "SELECT salt FROM net_sub WHERE id = ?", "i", id), 0);
	cr_assert_eq(store_step(st, &e), 1);
	snprintf(salt, sizeof salt, "%s", store_col_text(st, 0));
	store_done(st);
	cr_assert_eq(list_utoken(db, id, salt, tok, &e), 0);
	cr_expect_eq(network_tagged(db, "x-other", T0, &e), 1, "not the network's");
	snprintf(tag, sizeof tag, "u-%s", tok);
	tag[strlen(tag) - 1] = tag[strlen(tag) - 1] == '0' ? '1' : '0';
	cr_expect_eq(network_tagged(db, tag, T0, &e), 0);
	cr_expect_str_eq(status_of("ada@example.org"), "subscribed", "a wrong token changes nothing");
	snprintf(tag, sizeof tag, "u-%s", tok);
	cr_expect_eq(network_tagged(db, tag, T0, &e), 0, "%s", e.msg);
	cr_expect_str_eq(status_of("ada@example.org"), "unsubscribed");
}

Test(lists, export_and_erase)
{
	struct err e = {0};
	json_t *o = json_object(), *a, *s;
	cr_assert_eq(list_export_email(db, "ada@example.org", o, &e), 0, "%s", e.msg);
	a = json_object_get(o, "mailing_lists");
	cr_assert_eq(json_array_size(a), 1);
	s = json_array_get(a, 0);
	cr_expect_str_eq(json_string_value(json_object_get(s, "list")), "news");
	cr_expect_str_eq(json_string_value(json_object_get(s, "status")), "subscribed");
	s = json_object_get(s, "consent");
	cr_expect_eq(json_integer_value(json_object_get(s, "wording_version")), 1);
	cr_expect_str_eq(json_string_value(json_object_get(s, "how")), "cli");
	cr_expect_not_null(strstr(json_string_value(json_object_get(s, "wording")), "news"));
	json_decref(o);
	cr_assert_eq(list_erase_email(db, "ada@example.org", &e), 0);
	cr_expect_eq(q("SELECT COUNT(*) FROM net_sub WHERE email = ?", "ada@example.org"), 0);
}
