/*
 * test_objective_words: an objective's figures and status in words
 * (src/plan/objective_words.c), as the Board report and the public page
 * write them — values with their unit, targets without trailing zeros,
 * the JSON status words read back, and the sentence of each status: met,
 * on track, at risk (with its interval), off track (with and without an
 * interval, and past the deadline), no data, and a single figure.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "plan/objective_words.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

Test(objective_words, values)
{
	char out[32];
	objective_value_words(14.25, "%", out);
	cr_expect_str_eq(out, "14.2%"); /* a tie rounds to even, as printf does */
	objective_value_words(14.26, "%", out);
	cr_expect_str_eq(out, "14.3%");
	objective_value_words(1.3456, "", out);
	cr_expect_str_eq(out, "1.35");
	objective_value_words(-3.04, "%", out);
	cr_expect_str_eq(out, "-3.0%");
	objective_value_words(NAN, "%", out);
	cr_expect_str_eq(out, "not defined");
	objective_value_words(INFINITY, "", out);
	cr_expect_str_eq(out, "not defined");
}

Test(objective_words, targets)
{
	static const struct {
		double t;
		int at_least;
		const char *unit, *want;
	} cases[] = {
		{12, 1, "%", "at least 12%"},	  {12.5, 1, "%", "at least 12.5%"},
		{12.25, 0, "%", "at most 12.25%"}, {1.25, 0, "", "at most 1.25"},
		{0.8, 1, "", "at least 0.8"},	  {0, 0, "%", "at most 0%"},
		{100, 1, "%", "at least 100%"},	  {10, 1, NULL, "at least 10"},
	};
	size_t i;
	char out[48];
	for (i = 0; i < N_OF(cases); i++) {
		objective_target_words(cases[i].t, cases[i].at_least, cases[i].unit, out);
		cr_expect_str_eq(out, cases[i].want, "case %zu", i);
	}
}

Test(objective_words, status_words_read_back)
{
	static const enum objective_status all[] = {OBJ_NO_DATA, OBJ_MET, OBJ_ON_TRACK,
						    OBJ_AT_RISK, OBJ_OFF_TRACK};
	size_t i;
	for (i = 0; i < N_OF(all); i++)
		cr_expect_eq(objective_status_parse(objective_status_name(all[i])), all[i]);
	cr_expect_eq(objective_status_parse("bogus"), OBJ_NO_DATA);
	cr_expect_eq(objective_status_parse(NULL), OBJ_NO_DATA);
	cr_expect_eq(objective_status_parse(""), OBJ_NO_DATA);
}

static void why(enum objective_status st, double latest, const struct objective_projection *p,
		struct buf *b)
{
	struct objective_why w = {st, "%", 12, 1, {2028, 3, 31}, latest, "2026Q2", p};
	buf_reset(b);
	objective_why_words(&w, b);
}

Test(objective_words, sentences)
{
	struct buf b = BUF_INIT;
	struct objective_projection p = {4, 1.5, 13.1, 10.2, 16.0, 0};
	why(OBJ_MET, 14.2, &p, &b);
	cr_expect_str_eq(buf_str(&b), "The latest figure, 14.2% for April to June 2026, meets the "
				      "target of at least 12%.");
	why(OBJ_ON_TRACK, 10.0, &p, &b);
	cr_expect_str_eq(buf_str(&b), "The latest figure, 10.0% for April to June 2026, does not "
				      "yet meet the target of at least 12%; the trend through 4 "
				      "figures reaches 13.1% by 31 March 2028, which meets it.");
	p.value = 11.0;
	why(OBJ_AT_RISK, 10.0, &p, &b);
	cr_expect_str_eq(buf_str(&b), "The latest figure, 10.0% for April to June 2026, does not "
				      "yet meet the target of at least 12%; the trend through 4 "
				      "figures reaches 11.0% by 31 March 2028, which falls short, "
				      "but the target is within the trend's uncertainty (95% "
				      "interval 10.2% to 16.0%).");
	p.value = 8.0, p.low = 6.0, p.high = 9.5;
	why(OBJ_OFF_TRACK, 10.0, &p, &b);
	cr_expect_str_eq(buf_str(&b), "The latest figure, 10.0% for April to June 2026, does not "
				      "yet meet the target of at least 12%; the trend through 4 "
				      "figures reaches 8.0% by 31 March 2028, which falls short, and "
				      "the target is outside the trend's uncertainty (95% interval "
				      "6.0% to 9.5%).");
	p.low = p.high = NAN;
	why(OBJ_OFF_TRACK, 10.0, &p, &b);
	cr_expect_str_eq(buf_str(&b), "The latest figure, 10.0% for April to June 2026, does not "
				      "yet meet the target of at least 12%; the trend through 4 "
				      "figures reaches 8.0% by 31 March 2028, which falls short.");
	p.past_deadline = 1;
	why(OBJ_OFF_TRACK, 10.0, &p, &b);
	cr_expect_str_eq(buf_str(&b), "The latest figure, 10.0% for April to June 2026, does not "
				      "yet meet the target of at least 12%, and the deadline, 31 "
				      "March 2028, has passed.");
	p = (struct objective_projection){1, NAN, 10.0, 7.0, 13.0, 0};
	why(OBJ_AT_RISK, 10.0, &p, &b);
	cr_expect(strstr(buf_str(&b), "with a single figure the trend is flat: 10.0% by 31 March "
				      "2028") != NULL,
		  "%s", buf_str(&b));
	why(OBJ_NO_DATA, NAN, NULL, &b);
	cr_expect_str_eq(buf_str(&b), "There are no figures yet to judge it on.");
	why(OBJ_OFF_TRACK, 10.0, NULL, &b);
	cr_expect_str_eq(buf_str(&b), "The latest figure, 10.0% for April to June 2026, does not "
				      "yet meet the target of at least 12%.");
	buf_free(&b);
}
