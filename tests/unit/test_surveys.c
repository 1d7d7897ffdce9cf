/*
 * test_surveys: the surveys' model (network/survey*.c) as the web pages
 * use it, where the CLI does not reach: a form's fields set one by one
 * (choice numbers or words, a scale point, free text, characteristics
 * with "Prefer not to say") and checked with problems per field; a
 * public survey found by its link and answered on the web only while it
 * takes answers (its dates); a members survey answered once on a
 * personal link (survey_token_check, then used); the form's options for
 * a characteristic.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "network/survey.h"

static store_t *db;
static char path[256];

static void setup(void)
{
	struct err e = {0, ""};
	const char *base = getenv("TMPDIR");
	int fd;
	snprintf(path, sizeof path, "%s/parity-survey-XXXXXX", base && *base ? base : "/tmp");
	fd = mkstemp(path);
	cr_assert(fd >= 0);
	close(fd);
	unlink(path);
	cr_assert_eq(store_open(path, &db, &e), 0, "%s", e.msg);
}

static void teardown(void)
{
	store_close(db);
	unlink(path);
}

TestSuite(surveys, .init = setup, .fini = teardown);

/* A public anonymous survey with a single choice, a scale and a text
 * question, asking ethnicity; opened. */
static struct survey *make_public(const char *opens, const char *closes)
{
	struct survey_new sn = {"Pulse", "staff-survey", "public", "ethnicity", opens, closes, 1};
	struct survey_question q;
	struct survey *s = NULL;
	struct err e = {0, ""};
	int64_t id = 0;
	cr_assert_eq(survey_create(db, &sn, "test", &id, &e), 0, "%s", e.msg);
	memset(&q, 0, sizeof q);
	q.type = SQ_SINGLE;
	q.required = 1;
	snprintf(q.text, sizeof q.text, "Valued?");
	q.n_choices = 2;
	snprintf(q.choices[0], SURVEY_CHOICE_MAX, "Yes");
	snprintf(q.choices[1], SURVEY_CHOICE_MAX, "No");
	cr_assert_eq(survey_question_add(db, id, &q, &e), 0, "%s", e.msg);
	memset(&q, 0, sizeof q);
	q.type = SQ_SCALE;
	q.required = 1;
	q.scale_lo = 1;
	q.scale_hi = 5;
	snprintf(q.text, sizeof q.text, "Recommend?");
	cr_assert_eq(survey_question_add(db, id, &q, &e), 0, "%s", e.msg);
	memset(&q, 0, sizeof q);
	q.type = SQ_TEXT;
	snprintf(q.text, sizeof q.text, "Anything else?");
	cr_assert_eq(survey_question_add(db, id, &q, &e), 0, "%s", e.msg);
	cr_assert_eq(survey_open(db, id, &e), 0, "%s", e.msg);
	cr_assert_eq(survey_load_new(db, id, &s, &e), 0, "%s", e.msg);
	return s;
}

Test(surveys, form_fields_set_and_checked)
{
	struct survey *s = make_public(NULL, NULL);
	struct survey_response r;
	struct survey_problem p[4];
	int n = 0;
	survey_response_init(&r);
	cr_assert_eq(survey_response_check(s, &r, p, 4, &n), ERR_DATA);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(p[0].field, "q1");
	cr_assert_str_eq(p[0].msg, "question 1: answer it (it is required)");
	cr_assert_eq(survey_response_set(s, &r, "q1", "2", p), 0);
	cr_assert_eq(r.answers[0].chosen, 2u);
	cr_assert_eq(survey_response_set(s, &r, "q1", "yes", p), 0); /* words, any case */
	cr_assert_eq(survey_response_check(s, &r, p, 4, &n), ERR_DATA);
	cr_assert_str_eq(p[0].msg, "question 1: choose one answer only");
	r.answers[0].chosen = 0;
	cr_assert_eq(survey_response_set(s, &r, "q1", "Maybe", p), ERR_DATA);
	cr_assert_str_eq(p[0].field, "q1");
	cr_assert_str_eq(p[0].msg, "question 1: 'Maybe' is not one of its choices (Yes, No)");
	cr_assert_eq(survey_response_set(s, &r, "q1", "Yes", p), 0);
	cr_assert_eq(survey_response_set(s, &r, "q2", "6", p), ERR_DATA);
	cr_assert_str_eq(p[0].field, "q2");
	cr_assert_eq(survey_response_set(s, &r, "q2", "4", p), 0);
	cr_assert_eq(survey_response_set(s, &r, "q3", "  ", p), 0);
	cr_assert_eq(r.answers[2].given, 0);
	cr_assert_eq(survey_response_set(s, &r, "q3", "More training", p), 0);
	cr_assert_str_eq(r.answers[2].text, "More training");
	cr_assert_eq(survey_response_set(s, &r, "c-ethnicity", "Prefer not to say", p), 0);
	cr_assert_eq(survey_response_set(s, &r, "c-ethnicity", "Martian", p), ERR_DATA);
	cr_assert_str_eq(p[0].field, "c-ethnicity");
	cr_assert_eq(survey_response_set(s, &r, "c-ethnicity", "Black", p), 0);
	cr_assert_eq(survey_response_set(s, &r, "c-sex", "F", p), ERR_DATA);
	cr_assert_str_eq(p[0].msg, "the survey does not ask 'sex' (it asks ethnicity)");
	cr_assert_eq(survey_response_set(s, &r, "q9", "x", p), ERR_DATA);
	cr_assert_eq(survey_response_check(s, &r, p, 4, &n), 0);
	survey_response_clear(&r);
	survey_free(s);
}

Test(surveys, public_link_and_dates)
{
	struct survey *s = make_public("2000-01-01", "2000-12-31"), *t = NULL;
	struct survey_response r;
	struct survey_problem p[1];
	struct err e = {0, ""};
	struct date in = {2000, 6, 1}, after = {2001, 1, 1};
	char why[128];
	int64_t id = 0, rid = 0, n = 0;
	cr_assert_eq(strlen(s->public_token), NET_TOKEN_HEX);
	cr_assert_eq(survey_by_public_token(db, s->public_token, &id, &e), 1);
	cr_assert_eq(id, s->id);
	cr_assert_eq(survey_by_public_token(db, "nope", &id, &e), 0);
	cr_assert_eq(survey_accepting(s, in, why, sizeof why), 1);
	cr_assert_eq(survey_accepting(s, after, why, sizeof why), 0);
	cr_assert_str_eq(why, "This survey closed on 31 December 2000.");
	survey_response_init(&r);
	survey_response_set(s, &r, "q1", "1", p);
	survey_response_set(s, &r, "q2", "5", p);
	cr_assert_eq(survey_respond(db, s, &r, NULL, 0, "web", after, &rid, &e), ERR_DATA);
	cr_assert_str_eq(e.msg, "This survey closed on 31 December 2000.");
	err_clear(&e);
	cr_assert_eq(survey_respond(db, s, &r, NULL, 0, "web", in, &rid, &e), 0, "%s", e.msg);
	cr_assert_gt(rid, 0);
	store_query_int(db, &n, &e, "SELECT COUNT(*) FROM net_survey_response WHERE id = ? AND "
			"member_id IS NULL AND received_on = '2000-06-01'", "i", rid);
	cr_assert_eq(n, 1);
	cr_assert_eq(survey_close(db, s->id, &e), 0);
	cr_assert_eq(survey_load_new(db, s->id, &t, &e), 0);
	cr_assert_eq(survey_accepting(t, in, why, sizeof why), 0);
	cr_assert_str_eq(why, "This survey has closed.");
	survey_response_clear(&r);
	survey_free(s);
	survey_free(t);
}

Test(surveys, personal_link_once)
{
	struct survey_new sn = {"Named", "consultation", "members", NULL, NULL, NULL, 0};
	struct survey_question q;
	struct survey *s = NULL;
	struct survey_response r;
	struct survey_problem p[1];
	struct err e = {0, ""};
	char tok[NET_TOKEN_HEX + 1], hash[NET_TOKEN_HEX + 1];
	struct date today = {2026, 12, 1};
	int64_t id = 0, sid = 0, mid = 0, n = 0;
	cr_assert_eq(store_exec(db, &e,
		"INSERT INTO net_member (email, name, status, joined, last_active, created_at, updated_at) "
		"VALUES ('ada@example.org', 'Ada', 'active', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x')", ""), 0, "%s", e.msg);
	cr_assert_eq(survey_create(db, &sn, "test", &id, &e), 0, "%s", e.msg);
	memset(&q, 0, sizeof q);
	q.type = SQ_TEXT;
	q.required = 1;
	snprintf(q.text, sizeof q.text, "Your view");
	cr_assert_eq(survey_question_add(db, id, &q, &e), 0, "%s", e.msg);
	cr_assert_eq(survey_open(db, id, &e), 0, "%s", e.msg);
	cr_assert_eq(survey_load_new(db, id, &s, &e), 0);
	cr_assert_str_eq(s->public_token, "");
	net_token_new(tok);
	net_token_hash(tok, hash);
	cr_assert_eq(store_exec(db, &e, "INSERT INTO net_survey_token (survey_id, member_id, "
				"token_hash, sent_on) VALUES (?, 1, ?, '2026-12-01')", "it", id, hash), 0);
	cr_assert_eq(survey_token_check(db, tok, &sid, &mid, &e), 1);
	cr_assert_eq(sid, id);
	cr_assert_eq(mid, 1);
	survey_response_init(&r);
	survey_response_set(s, &r, "q1", "Good", p);
	cr_assert_eq(survey_respond(db, s, &r, NULL, 0, "web", today, NULL, &e), ERR_DATA);
	cr_assert(strstr(e.msg, "use the personal link"));
	err_clear(&e);
	cr_assert_eq(survey_respond(db, s, &r, tok, 0, "web", today, NULL, &e), 0, "%s", e.msg);
	cr_assert_eq(survey_token_check(db, tok, &sid, &mid, &e), 0);
	cr_assert_eq(survey_respond(db, s, &r, tok, 0, "web", today, NULL, &e), ERR_DATA);
	cr_assert_str_eq(e.msg, "this link has already been used: each member answers once");
	store_query_int(db, &n, &e, "SELECT member_id FROM net_survey_response", "");
	cr_assert_eq(n, 1); /* named: the member is kept */
	survey_response_clear(&r);
	survey_free(s);
}

Test(surveys, characteristic_options)
{
	const char *const *g;
	size_t n, i;
	int white = 0;
	struct err e = {0, ""};
	cr_assert_eq(survey_char_options("ethnicity", &g, &n, &e), 0);
	for (i = 0; i < n; i++) {
		cr_assert_str_neq(g[i], "Not stated");
		white |= !strcmp(g[i], "White");
	}
	cr_assert(white);
	cr_assert_lt(survey_char_options("shoe", &g, &n, &e), 0);
	cr_assert_str_eq(survey_kind_words("exit-interview"), "Exit interview");
}
