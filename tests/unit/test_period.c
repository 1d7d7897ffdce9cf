/*
 * test_period: the period parser of src/core/period.c — the four
 * documented forms with their kind, first and last day, canonical spelling
 * and sort key; every other text refused with a message that says why and
 * lists the forms; and the order in time (end date, then length) that
 * trends and "periods before" follow. Inputs are copied to exact-size heap
 * blocks so ASan catches any read past the NUL.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/period.h"
#include "core/xalloc.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static int parse(const char *s, struct period *p, struct err *e)
{
	char *copy = xstrdup(s);
	int rc;
	err_clear(e);
	rc = period_parse(copy, p, e);
	free(copy);
	return rc;
}

Test(period, documented_forms)
{
	static const struct {
		const char *in, *text;
		enum period_kind kind;
		const char *start, *end;
		long key;
	} rows[] = {
		{"2011", "2011", PERIOD_YEAR, "2011-01-01", "2011-12-31", 2011123},
		{"2011Q1", "2011Q1", PERIOD_QUARTER, "2011-01-01", "2011-03-31", 2011032},
		{"2011Q2", "2011Q2", PERIOD_QUARTER, "2011-04-01", "2011-06-30", 2011062},
		{"2011Q3", "2011Q3", PERIOD_QUARTER, "2011-07-01", "2011-09-30", 2011092},
		{"2011Q4", "2011Q4", PERIOD_QUARTER, "2011-10-01", "2011-12-31", 2011122},
		{"2011q3", "2011Q3", PERIOD_QUARTER, "2011-07-01", "2011-09-30", 2011092},
		{"2011-07", "2011-07", PERIOD_MONTH, "2011-07-01", "2011-07-31", 2011071},
		{"2011-12", "2011-12", PERIOD_MONTH, "2011-12-01", "2011-12-31", 2011121},
		{"2012-02", "2012-02", PERIOD_MONTH, "2012-02-01", "2012-02-29", 2012021},
		{"2011-02", "2011-02", PERIOD_MONTH, "2011-02-01", "2011-02-28", 2011021},
		{"FY2011-12", "FY2011-12", PERIOD_FY, "2011-04-01", "2012-03-31", 2012033},
		{"fy2011-12", "FY2011-12", PERIOD_FY, "2011-04-01", "2012-03-31", 2012033},
		{"Fy1999-00", "FY1999-00", PERIOD_FY, "1999-04-01", "2000-03-31", 2000033},
		{"1000", "1000", PERIOD_YEAR, "1000-01-01", "1000-12-31", 1000123},
		{"9999Q4", "9999Q4", PERIOD_QUARTER, "9999-10-01", "9999-12-31", 9999122},
		{"FY9998-99", "FY9998-99", PERIOD_FY, "9998-04-01", "9999-03-31", 9999033},
	};
	for (size_t i = 0; i < N_OF(rows); i++) {
		struct period p;
		struct err e;
		char a[11], b[11];
		cr_assert_eq(parse(rows[i].in, &p, &e), 0, "%s: %s", rows[i].in, e.msg);
		date_format(p.start, a);
		date_format(p.end, b);
		cr_assert_str_eq(p.text, rows[i].text, "%s", rows[i].in);
		cr_assert_eq(p.kind, rows[i].kind, "%s", rows[i].in);
		cr_assert_str_eq(a, rows[i].start, "%s", rows[i].in);
		cr_assert_str_eq(b, rows[i].end, "%s", rows[i].in);
		cr_assert_eq(p.key, rows[i].key, "%s: key %ld", rows[i].in, p.key);
	}
}

/* Every refusal names the input, lists the forms, and says why when it
 * can tell. */
Test(period, other_texts_are_errors)
{
	static const struct {
		const char *in, *why;
	} rows[] = {
		{"banana", "'banana' is not a period. Write a year (2011)"},
		{"2011-02-30", "it looks like a day, but February 2011 has no day 30"},
		{"2011-02-30", "for February 2011: 2011-02"},
		{"2011-02-03", "it is a day, and a period is a whole month, quarter or year"},
		{"2011-13-01", "there is no month 13"},
		{"2011-2-3", "it is a day"},
		{"2016-13", "there is no month 13 (months run from 2016-01 to 2016-12)"},
		{"2016-00", "there is no month 0"},
		{"2012-13", "for April 2012 to March 2013: FY2012-13"},
		{"2011Q0", "there is no quarter 0"},
		{"2011Q5", "there is no quarter 5"},
		{"FY2011-13", "its second year is the year after the first"},
		{"FY2011-13", "for April 2011 to March 2012: FY2011-12"},
		{"FY2011-11", "second year is the year after"},
		{"FY9999-00", "years run from 1000 to 9999"},
		{"FY2011-2012", "second year has two digits"},
		{"2011-7", "a month has two digits"},
		{"2011-7", "for July 2011: 2011-07"},
		{"", "it is blank"},
		{" 2011Q3", "spaces"},
		{"2011Q3 ", "spaces"},
		{"0999", "years run from 1000 to 9999"},
		{"11", "not a period"},
		{"20110", "not a period"},
		{"2011Q", "not a period"},
		{"2011Q31", "not a period"},
		{"2011-123", "not a period"},
		{"Q3 2011", "not a period"},
		{"2011/12", "not a period"},
		{"FY2011", "not a period"},
		{"FY11-12", "not a period"},
		{"FX2011-12", "not a period"},
		{"2011\xC2\xA0", "not a period"},
		{"２０１１", "not a period"},
	};
	for (size_t i = 0; i < N_OF(rows); i++) {
		struct period p;
		struct err e;
		cr_assert_eq(parse(rows[i].in, &p, &e), ERR_DATA, "%s", rows[i].in);
		cr_assert(strstr(e.msg, rows[i].why) != NULL, "%s: %s", rows[i].in, e.msg);
		cr_assert(strstr(e.msg, PERIOD_FORMS) != NULL, "%s: %s", rows[i].in, e.msg);
		cr_assert_eq(e.code, ERR_DATA);
	}
}

/* A long input is quoted in part, never cut inside a character. */
Test(period, long_input_is_quoted_in_part)
{
	struct period p;
	struct err e;
	char s[200];
	memset(s, 'x', 39);
	memcpy(s + 39, "\xC3\xA9", 2); /* é across the 40-byte cut */
	memset(s + 41, 'y', 100);
	s[141] = '\0';
	cr_assert_eq(parse(s, &p, &e), ERR_DATA);
	cr_assert(strstr(e.msg, "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' is not") != NULL, "%s",
		  e.msg);
	cr_assert_eq(period_parse("banana", &p, NULL), ERR_DATA); /* e may be NULL */
}

/* Order in time: by the last day, a shorter period first when two end
 * together. As strings, FY2011-12 would come after every 2011 period and
 * 2011-07 before 2011Q1. */
Test(period, ordered_by_time)
{
	static const char *const in_order[] = {
		"2010Q4", "2011-01", "2011Q1", "FY2010-11", "2011-07", "2011Q3",
		"2011-12", "2011Q4", "2011", "2012Q1", "FY2011-12", "2012-04",
	};
	for (size_t i = 0; i + 1 < N_OF(in_order); i++) {
		struct period a, b;
		struct err e;
		cr_assert_eq(parse(in_order[i], &a, &e), 0);
		cr_assert_eq(parse(in_order[i + 1], &b, &e), 0);
		cr_assert_lt(period_cmp(&a, &b), 0, "%s before %s", in_order[i], in_order[i + 1]);
		cr_assert_gt(period_cmp(&b, &a), 0);
		cr_assert_eq(period_cmp(&a, &a), 0);
	}
	cr_assert_str_eq(period_kind_name(PERIOD_FY), "financial year");
	cr_assert_str_eq(period_kind_name(PERIOD_MONTH), "month");
}

Test(period, words_for_readers)
{
	char w[PERIOD_WORDS];
	period_words("2011Q3", w);
	cr_assert_str_eq(w, "July to September 2011");
	period_words("2011-07", w);
	cr_assert_str_eq(w, "July 2011");
	period_words("2011", w);
	cr_assert_str_eq(w, "2011");
	period_words("FY2011-12", w);
	cr_assert_str_eq(w, "April 2011 to March 2012");
	period_words("2011Q4", w);
	cr_assert_str_eq(w, "October to December 2011");
	period_words("last spring", w);
	cr_assert_str_eq(w, "last spring");
	period_words(NULL, w);
	cr_assert_str_eq(w, "");
}
