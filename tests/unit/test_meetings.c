/*
 * test_meetings: the meetings' store (network/meet_store.c) and rule
 * (network/meet_rule.c) where the CLI does not reach: the periodic job
 * sends the invitations that are due, once; a member's export holds their
 * invitations, answers and attendance; erasure removes the answers and
 * the link codes but keeps the counts; UK local time to UTC around the
 * clock changes; and the rule's words.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "network/meet.h"

static store_t *db;
static char path[256];

static void setup(void)
{
	struct err e = {0, ""};
	const char *base = getenv("TMPDIR");
	int fd;
	snprintf(path, sizeof path, "%s/parity-meet-XXXXXX", base && *base ? base : "/tmp");
	fd = mkstemp(path);
	cr_assert(fd >= 0);
	close(fd);
	unlink(path);
	cr_assert_eq(store_open(path, &db, &e), 0, "%s", e.msg);
	cr_assert_eq(store_exec(db, &e,
		"INSERT INTO mail_setting (id, smtp, from_addr, site_url, tls, updated_at, updated_by) "
		"VALUES (1, 'smtp://127.0.0.1:9', 'network@example.org', 'https://p.example.org', 'off', 'x', 'x'); "
		"", ""), 0, "%s", e.msg);
	cr_assert_eq(store_exec(db, &e, "INSERT INTO net_region (name) VALUES ('South')", ""), 0);
	cr_assert_eq(store_exec(db, &e,
		"INSERT INTO net_member (email, name, region_id, status, joined, last_active, created_at, updated_at) "
		"VALUES ('ada@example.org', 'Ada', 1, 'active', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x')", ""), 0);
	cr_assert_eq(store_exec(db, &e,
		"INSERT INTO net_consent (member_id, purpose, wording_id, given_at, given_how, recorded_by) "
		"SELECT 1, 'meetings', id, 'x', 'cli', 'x' FROM net_consent_wording WHERE purpose = 'meetings'", ""), 0);
	cr_assert_eq(store_exec(db, &e,
		"INSERT INTO net_series (slug, name, kind, region_id, rrule, every_words, on_words, dtstart, "
		"created_at, created_by) VALUES ('s', 'South', 'regional', 1, 'FREQ=MONTHLY;INTERVAL=1;BYDAY=2TU', "
		"'month', '2nd Tuesday', '2030-01-01', 'x', 'x')", ""), 0);
	cr_assert_eq(store_exec(db, &e, "INSERT INTO net_venue (series_id, pos, name) VALUES (1, 0, 'Hall')", ""), 0);
	cr_assert_eq(meet_materialise(db, 1, (struct date){2029, 12, 1}, &e), 0, "%s", e.msg);
}

static void teardown(void)
{
	char more[300];
	store_close(db);
	unlink(path);
	snprintf(more, sizeof more, "%s-wal", path);
	unlink(more);
	snprintf(more, sizeof more, "%s-shm", path);
	unlink(more);
}

static time_t at(int y, int m, int d)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900, tm.tm_mon = m - 1, tm.tm_mday = d, tm.tm_hour = 9;
	return timegm(&tm);
}

static int64_t q(const char *sql)
{
	struct err e = {0, ""};
	int64_t v = -1;
	cr_assert_eq(store_query_int(db, &v, &e, sql, ""), 0, "%s", e.msg);
	return v;
}

TestSuite(meetings, .init = setup, .fini = teardown);

Test(meetings, jobs_invite_when_due_and_once)
{
	struct err e = {0, ""};
	/* the first meeting is Tuesday 8 January 2030; 21 days before is 18 December */
	cr_assert_eq(meet_jobs(db, at(2029, 12, 17), &e), 0, "%s", e.msg);
	cr_assert_eq(q("SELECT COUNT(*) FROM mail_outbox"), 0, "sent too early");
	cr_assert_eq(meet_jobs(db, at(2029, 12, 18), &e), 0, "%s", e.msg);
	cr_assert_eq(q("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'invite'"), 1);
	cr_assert_eq(q("SELECT COUNT(*) FROM net_meeting WHERE invited_at IS NOT NULL"), 1);
	cr_assert_eq(meet_jobs(db, at(2029, 12, 19), &e), 0, "%s", e.msg);
	cr_assert_eq(q("SELECT COUNT(*) FROM mail_outbox"), 1, "invited twice");
}

Test(meetings, export_and_erase)
{
	struct err e = {0, ""};
	json_t *o = json_object(), *a;
	int n = 0;
	int64_t mid = q("SELECT MIN(id) FROM net_meeting");
	cr_assert_eq(meet_invite(db, mid, at(2029, 12, 20), &n, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 1);
	cr_assert_eq(store_exec(db, &e, "UPDATE net_invite SET rsvp = 'yes'", ""), 0);
	cr_assert_eq(meet_attend(db, mid, 1, 1, &e), 0);
	cr_assert_eq(meet_export_member(db, 1, o, &e), 0, "%s", e.msg);
	a = json_object_get(o, "meetings");
	cr_assert(json_is_array(a) && json_array_size(a) == 1);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(a, 0), "rsvp")), "yes");
	cr_assert(json_is_true(json_object_get(json_array_get(a, 0), "attended")));
	json_decref(o);
	cr_assert_eq(meet_erase_member(db, 1, &e), 0);
	cr_assert_eq(q("SELECT COUNT(*) FROM net_invite WHERE member_id IS NOT NULL OR token_hash IS NOT NULL "
		       "OR rsvp IS NOT NULL"), 0);
	cr_assert_eq(q("SELECT COUNT(*) FROM net_invite WHERE attended = 1 AND invited_at IS NOT NULL"), 1,
		     "counts lost");
	o = json_object();
	cr_assert_eq(meet_export_member(db, 1, o, &e), 0);
	cr_assert_eq(json_array_size(json_object_get(o, "meetings")), 0);
	json_decref(o);
}

Test(meetings, utc_around_the_clock_changes)
{
	char s[20];
	meet_utc_stamp("2026-03-28", "18:00", s); /* Saturday before BST */
	cr_assert_str_eq(s, "20260328T180000Z");
	meet_utc_stamp("2026-03-29", "18:00", s); /* BST from 29 March */
	cr_assert_str_eq(s, "20260329T170000Z");
	meet_utc_stamp("2026-10-24", "18:00", s);
	cr_assert_str_eq(s, "20261024T170000Z");
	meet_utc_stamp("2026-10-25", "18:00", s); /* GMT again */
	cr_assert_str_eq(s, "20261025T180000Z");
	meet_utc_stamp("2026-07-14", "00:30", s); /* across midnight */
	cr_assert_str_eq(s, "20260713T233000Z");
}

Test(meetings, rule_words)
{
	struct err e = {0, ""};
	int m, nth, wd;
	char a[6], b[6], w[12];
	cr_assert_eq(meet_every_parse("2-months", &m, &e), 0);
	cr_assert_eq(m, 2);
	cr_assert_eq(meet_every_parse("quarter", &m, &e), 0);
	cr_assert_eq(m, 3);
	cr_assert_eq(meet_every_parse("13-months", &m, &e), ERR_USAGE);
	cr_assert_eq(meet_on_parse("last Friday", &nth, &wd, &e), 0);
	cr_assert(nth == -1 && wd == 5);
	cr_assert_eq(meet_on_parse("5th Friday", &nth, &wd, NULL), ERR_USAGE);
	cr_assert_eq(meet_time_parse("9:30-12:00", a, b, &e), 0);
	cr_assert_str_eq(a, "09:30");
	meet_time_words("18:30", w);
	cr_assert_str_eq(w, "6:30pm");
	meet_time_words("12:00", w);
	cr_assert_str_eq(w, "midday");
}

/* The venue rota as the command (';', an empty venue is a mistake) and the
 * web ('\n', blank lines skipped) give it; and the documents kept. */
Test(meetings, venues_split_and_doc_types)
{
	char vn[MEET_MAX_VENUES][MEET_VENUE_MAX], long_name[130];
	struct err e = {0, ""};
	int n = 0;
	cr_assert_eq(meet_venues_split(" Reading ; Oxford;Aylesbury", ';', vn, &n, &e), 0);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(vn[0], "Reading");
	cr_assert_str_eq(vn[1], "Oxford");
	cr_assert(meet_venues_split("Reading;;Oxford", ';', vn, &n, &e) < 0);
	cr_assert(strstr(e.msg, "venue 2") != NULL, "%s", e.msg);
	cr_assert_eq(meet_venues_split("Reading\r\n\r\n  Oxford  \n", '\n', vn, &n, &e), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(vn[1], "Oxford");
	cr_assert(meet_venues_split("\n \n", '\n', vn, &n, &e) < 0);
	memset(long_name, 'x', 121);
	long_name[121] = '\0';
	cr_assert(meet_venues_split(long_name, '\n', vn, &n, &e) < 0);
	long_name[120] = '\0';
	cr_assert_eq(meet_venues_split(long_name, '\n', vn, &n, &e), 0);
	cr_assert_str_eq(meet_doc_mime("%PDF-1.4\n", 9), "application/pdf");
	cr_assert_str_eq(meet_doc_mime("Minutes\n", 8), "text/plain; charset=utf-8");
	cr_assert_null(meet_doc_mime("\x89PNG\r\n\x1a\n\0", 9));
	cr_assert_eq(meet_doc_add(db, 1, "paper", "", "a.txt", "x", 1, 0, "t", &e), ERR_USAGE);
	cr_assert_eq(meet_doc_add(db, 1, "paper", "A", "a.txt", "x", 1, 1, "t", &e), ERR_USAGE);
	cr_assert_eq(meet_doc_add(db, 1, "minutes", NULL, "a.txt", "", 0, 0, "t", &e), ERR_DATA);
}
