/*
 * fuzz_survey_answers: libFuzzer target for a survey's answers read from a
 * file (network/survey_respond.c): any bytes are read as an answers
 * document (JSON, survey_answers_parse) and as a spreadsheet of responses
 * (CSV, survey_csv_parse) for a fixed survey with every kind of question
 * and two characteristics asked. Each must return 0 with at least one
 * response, every one complete (survey_response_check passes), or ERR_DATA
 * with a message and nothing handed back — never anything else.
 * Built by `make fuzz`; fuzz/replay.c replays the corpus in `make check`.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "network/survey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct survey *make_survey(void)
{
	static struct survey s;
	static struct survey_question q[4];
	s.id = 1;
	snprintf(s.title, sizeof s.title, "Fuzz");
	snprintf(s.kind, sizeof s.kind, "staff-survey");
	snprintf(s.access, sizeof s.access, "members");
	snprintf(s.status, sizeof s.status, "open");
	s.anonymous = 0;
	s.n_asks = 2;
	snprintf(s.asks[0], sizeof s.asks[0], "ethnicity");
	snprintf(s.asks[1], sizeof s.asks[1], "sex");
	q[0].number = 1;
	q[0].type = SQ_SINGLE;
	q[0].required = 1;
	q[0].n_choices = 2;
	snprintf(q[0].choices[0], SURVEY_CHOICE_MAX, "Yes");
	snprintf(q[0].choices[1], SURVEY_CHOICE_MAX, "No");
	q[1].number = 2;
	q[1].type = SQ_MULTIPLE;
	q[1].n_choices = 3;
	snprintf(q[1].choices[0], SURVEY_CHOICE_MAX, "A");
	snprintf(q[1].choices[1], SURVEY_CHOICE_MAX, "B");
	snprintf(q[1].choices[2], SURVEY_CHOICE_MAX, "C");
	q[2].number = 3;
	q[2].type = SQ_SCALE;
	q[2].scale_lo = 1;
	q[2].scale_hi = 5;
	q[3].number = 4;
	q[3].type = SQ_TEXT;
	s.n_questions = 4;
	s.questions = q;
	return &s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct survey *s = make_survey();
	struct survey_response *r = NULL;
	struct survey_problem p[8];
	struct buf problems = BUF_INIT;
	char **emails = NULL;
	size_t n = 0, i;
	struct err e;
	int rc, np;

	err_clear(&e);
	rc = survey_answers_parse(s, (const char *)data, size, &r, &emails, &n, &e);
	assert(rc == 0 || rc == ERR_DATA);
	if (rc == 0) {
		assert(n >= 1 && r && emails);
		for (i = 0; i < n; i++)
			assert(survey_response_check(s, &r[i], p, 8, &np) == 0);
	} else {
		assert(!r && !emails && n == 0 && e.msg[0]);
	}
	survey_responses_free(r, emails, n);

	err_clear(&e);
	r = NULL;
	emails = NULL;
	n = 0;
	rc = survey_csv_parse(s, (const char *)data, size, "fuzz.csv", &r, &emails, &n, &problems,
			      &e);
	assert(rc == 0 || rc == ERR_DATA);
	if (rc == 0) {
		assert(n >= 1 && problems.len == 0);
		for (i = 0; i < n; i++)
			assert(survey_response_check(s, &r[i], p, 8, &np) == 0);
	} else {
		assert(!r && n == 0 && e.msg[0]);
	}
	survey_responses_free(r, emails, n);
	buf_free(&problems);
	return 0;
}
