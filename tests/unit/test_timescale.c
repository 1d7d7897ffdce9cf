/*
 * test_timescale: how parity reads the timescale words of an action plan
 * (src/plan/timescale.c, rules in docs/timescales.md). One table of
 * phrases, each with the reading we expect: kind, start, due, RRULE and
 * precision. Every phrase is parsed from an exact-size heap copy so ASan
 * catches any read past the terminating NUL.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "plan/timescale.h"

struct row {
	const char *text;	      /* the words as written in a plan */
	enum ts_kind kind;	      /* expected kind */
	const char *start;	      /* expected start, ISO, or NULL */
	const char *due;	      /* expected due, ISO, or NULL */
	const char *rrule;	      /* expected RRULE value, "" if none */
	enum ts_precision precision; /* expected precision */
};

#define D TS_DATE
#define P TS_PERIOD
#define R TS_RECURRING
#define O TS_ONGOING
#define X TS_EXTERNAL
#define U TS_UNKNOWN
#define NONE TS_PREC_NONE
#define DAY TS_PREC_DAY
#define MON TS_PREC_MONTH
#define QTR TS_PREC_QUARTER
#define YR TS_PREC_YEAR

static const struct row rows[] = {
	/* a month and year: due at the end of the month */
	{"Dec 2011", D, NULL, "2011-12-31", "", MON},
	{"March 2012", D, NULL, "2012-03-31", "", MON},
	{"April 2011", D, NULL, "2011-04-30", "", MON},
	{"Aug 2011", D, NULL, "2011-08-31", "", MON},
	{"Jan 2012", D, NULL, "2012-01-31", "", MON},
	{"Aug 2012", D, NULL, "2012-08-31", "", MON},
	{"Nov 2011", D, NULL, "2011-11-30", "", MON},
	{"Sept 2011", D, NULL, "2011-09-30", "", MON},
	{"Sep 2011", D, NULL, "2011-09-30", "", MON},
	{"September 2011", D, NULL, "2011-09-30", "", MON},
	{"March 2010", D, NULL, "2010-03-31", "", MON},
	{"Sept. 2011", D, NULL, "2011-09-30", "", MON},
	{"  DEC   2011  ", D, NULL, "2011-12-31", "", MON},
	{"Dec-11", D, NULL, "2011-12-31", "", MON},
	{"Jun 11", D, NULL, "2011-06-30", "", MON},
	/* "by" and its kin: a deadline */
	{"By Feb 2012", D, NULL, "2012-02-29", "", MON},
	{"By March 2012", D, NULL, "2012-03-31", "", MON},
	{"By March 2011", D, NULL, "2011-03-31", "", MON},
	{"By January 2012", D, NULL, "2012-01-31", "", MON},
	{"By Nov 2012", D, NULL, "2012-11-30", "", MON},
	{"By December 2012", D, NULL, "2012-12-31", "", MON},
	{"By December 2011", D, NULL, "2011-12-31", "", MON},
	{"By Jan 2012", D, NULL, "2012-01-31", "", MON},
	{"By June 2011", D, NULL, "2011-06-30", "", MON},
	{"By August 2011", D, NULL, "2011-08-31", "", MON},
	{"By April 2012", D, NULL, "2012-04-30", "", MON},
	{"Make a decision by June 2011", D, NULL, "2011-06-30", "", MON},
	{"by end of March 2012", D, NULL, "2012-03-31", "", MON},
	{"no later than June 2011", D, NULL, "2011-06-30", "", MON},
	{"By end of 2012", D, NULL, "2012-12-31", "", YR},
	{"By 2012-13", D, NULL, "2013-03-31", "", YR},
	{"By the end of Q3 2011-12", D, NULL, "2011-12-31", "", QTR},
	{"before April 2012", D, NULL, "2012-03-31", "", MON},
	{"March 2012 at the latest", D, NULL, "2012-03-31", "", MON},
	/* full dates */
	{"31 March 2012", D, NULL, "2012-03-31", "", DAY},
	{"31st March 2012", D, NULL, "2012-03-31", "", DAY},
	{"By 31/3/12", D, NULL, "2012-03-31", "", DAY},
	{"By 31/03/2012", D, NULL, "2012-03-31", "", DAY},
	{"no later than 30 June 2011", D, NULL, "2011-06-30", "", DAY},
	{"March 31st 2012", D, NULL, "2012-03-31", "", DAY},
	{"31-Mar-12", D, NULL, "2012-03-31", "", DAY},
	{"31.3.12", D, NULL, "2012-03-31", "", DAY},
	{"2012-03-31", D, NULL, "2012-03-31", "", DAY},
	{"29/2/12", D, NULL, "2012-02-29", "", DAY},
	{"29 February 2012", D, NULL, "2012-02-29", "", DAY},
	/* financial years: 1 April to 31 March */
	{"2011-12", P, "2011-04-01", "2012-03-31", "", YR},
	{"2011-2012", P, "2011-04-01", "2012-03-31", "", YR},
	{"2011/12", P, "2011-04-01", "2012-03-31", "", YR},
	{"11-12", P, "2011-04-01", "2012-03-31", "", YR},
	{"2010-11", P, "2010-04-01", "2011-03-31", "", YR},
	{"2009-10", P, "2009-04-01", "2010-03-31", "", YR},
	{"2009-12", P, "2009-04-01", "2012-03-31", "", YR},
	{"2009 -12", P, "2009-04-01", "2012-03-31", "", YR},
	{"2009 \xe2\x80\x93 12", P, "2009-04-01", "2012-03-31", "", YR},
	{"2010 to 2012", P, "2010-04-01", "2012-03-31", "", YR},
	/* a bare year: the calendar year */
	{"2010", P, "2010-01-01", "2010-12-31", "", YR},
	{"For new trainee posts 2010", P, "2010-01-01", "2010-12-31", "", YR},
	/* quarters of the financial year */
	{"3rd Qtr 2011-12", P, "2011-10-01", "2011-12-31", "", QTR},
	{"Q3 2011-12", P, "2011-10-01", "2011-12-31", "", QTR},
	{"Q1 2012-13", P, "2012-04-01", "2012-06-30", "", QTR},
	{"Q4 2011-12", P, "2012-01-01", "2012-03-31", "", QTR},
	{"Quarter 2 2011/12", P, "2011-07-01", "2011-09-30", "", QTR},
	{"third quarter of 2011-12", P, "2011-10-01", "2011-12-31", "", QTR},
	{"Q1 2012", P, "2012-04-01", "2012-06-30", "", QTR},
	{"Spring 2012", P, "2012-03-01", "2012-05-31", "", QTR},
	/* ranges of months and days */
	{"June-Sept 2011", P, "2011-06-01", "2011-09-30", "", MON},
	{"April 2023 \xe2\x80\x93 June 2023", P, "2023-04-01", "2023-06-30", "",
	 MON},
	{"April 2023 \xe2\x80\x94 June 2023", P, "2023-04-01", "2023-06-30", "",
	 MON},
	{"Jan to March 2012", P, "2012-01-01", "2012-03-31", "", MON},
	{"between April and June 2012", P, "2012-04-01", "2012-06-30", "", MON},
	{"From April 2011 to March 2012", P, "2011-04-01", "2012-03-31", "",
	 MON},
	{"Jan/Feb 2012", P, "2012-01-01", "2012-02-29", "", MON},
	{"Nov-Feb 2012", P, "2011-11-01", "2012-02-29", "", MON},
	{"Apr 11 - Mar 12", P, "2011-04-01", "2012-03-31", "", MON},
	{"1 April 2011 \xe2\x80\x93 31 March 2012", P, "2011-04-01",
	 "2012-03-31", "", DAY},
	{"1-15 March 2012", P, "2012-03-01", "2012-03-15", "", DAY},
	{"week commencing 2/11/09", P, "2009-11-02", "2009-11-08", "", DAY},
	{"w/e 8/11/09", P, "2009-11-02", "2009-11-08", "", DAY},
	/* recurring */
	{"Each Jan", R, NULL, NULL, "FREQ=YEARLY;BYMONTH=1", NONE},
	{"Each year", R, NULL, NULL, "FREQ=YEARLY", NONE},
	{"Each Year", R, NULL, NULL, "FREQ=YEARLY", NONE},
	{"Every year", R, NULL, NULL, "FREQ=YEARLY", NONE},
	{"Annually", R, NULL, NULL, "FREQ=YEARLY", NONE},
	{"Yearly", R, NULL, NULL, "FREQ=YEARLY", NONE},
	{"Once a year", R, NULL, NULL, "FREQ=YEARLY", NONE},
	{"31 August (annually)", R, NULL, NULL,
	 "FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=31", NONE},
	{"Every January and July", R, NULL, NULL, "FREQ=YEARLY;BYMONTH=1,7",
	 NONE},
	{"Quarterly", R, NULL, NULL, "FREQ=MONTHLY;INTERVAL=3", NONE},
	{"Six monthly", R, NULL, NULL, "FREQ=MONTHLY;INTERVAL=6", NONE},
	{"6-monthly", R, NULL, NULL, "FREQ=MONTHLY;INTERVAL=6", NONE},
	{"Every six months", R, NULL, NULL, "FREQ=MONTHLY;INTERVAL=6", NONE},
	{"Bi-annually", R, NULL, NULL, "FREQ=MONTHLY;INTERVAL=6", NONE},
	{"Twice yearly", R, NULL, NULL, "FREQ=MONTHLY;INTERVAL=6", NONE},
	{"Three times a year", R, NULL, NULL, "FREQ=MONTHLY;INTERVAL=4", NONE},
	{"Monthly", R, NULL, NULL, "FREQ=MONTHLY", NONE},
	{"Twice monthly", R, NULL, NULL, "FREQ=WEEKLY;INTERVAL=2", NONE},
	{"Twice a month", R, NULL, NULL, "FREQ=WEEKLY;INTERVAL=2", NONE},
	{"Once a quarter", R, NULL, NULL, "FREQ=MONTHLY;INTERVAL=3", NONE},
	{"Twice a year", R, NULL, NULL, "FREQ=MONTHLY;INTERVAL=6", NONE},
	{"Bi-monthly", R, NULL, NULL, "FREQ=MONTHLY;INTERVAL=2", NONE},
	{"Weekly", R, NULL, NULL, "FREQ=WEEKLY", NONE},
	{"Fortnightly", R, NULL, NULL, "FREQ=WEEKLY;INTERVAL=2", NONE},
	{"Daily", R, NULL, NULL, "FREQ=DAILY", NONE},
	{"Biennially", R, NULL, NULL, "FREQ=YEARLY;INTERVAL=2", NONE},
	{"Every 12 months", R, NULL, NULL, "FREQ=YEARLY", NONE},
	{"w/c 2/11/09 then each year", R, "2009-11-02", "2009-11-08",
	 "FREQ=YEARLY", DAY},
	{"1/4/11 then annually", R, "2011-04-01", "2011-04-01", "FREQ=YEARLY",
	 DAY},
	{"Annually from April 2011", R, "2011-04-01", NULL, "FREQ=YEARLY", MON},
	{"Monthly from Jan 2012", R, "2012-01-01", NULL, "FREQ=MONTHLY", MON},
	/* ongoing */
	{"Ongoing", O, NULL, NULL, "", NONE},
	{"On-going", O, NULL, NULL, "", NONE},
	{"on going", O, NULL, NULL, "", NONE},
	{"Continuous", O, NULL, NULL, "", NONE},
	{"From 09/09", O, "2009-09-01", NULL, "", MON},
	{"From July 2011", O, "2011-07-01", NULL, "", MON},
	{"From 2011", O, "2011-01-01", NULL, "", YR},
	{"After April 2011", O, "2011-04-01", NULL, "", MON},
	{"1/4/11 then ongoing", O, "2011-04-01", NULL, "", DAY},
	{"2011 ongoing", O, "2011-01-01", NULL, "", YR},
	{"2011 onwards", O, "2011-01-01", NULL, "", YR},
	{"Evidence activity by Dec 2010, then Ongoing", O, NULL, "2010-12-31",
	 "", MON},
	{"Dec 2010, then Ongoing", O, NULL, "2010-12-31", "", MON},
	{"2011-12, then ongoing", O, NULL, "2012-03-31", "", YR},
	{"Ongoing, reviewed annually", O, NULL, NULL, "FREQ=YEARLY", NONE},
	{"Ongoing in line with NOMS timetable", O, NULL, NULL, "", NONE},
	/* compound */
	{"Assess 2010; agree action 2011-12", P, "2010-01-01", "2012-03-31", "",
	 YR},
	{"2009-12, review each year under business plan objectives", P,
	 "2009-04-01", "2012-03-31", "FREQ=YEARLY", YR},
	{"Agreed by Board. Implementation 2011-12", P, "2011-04-01",
	 "2012-03-31", "", YR},
	{"2011/12 and 2012/13", P, "2011-04-01", "2013-03-31", "", YR},
	/* someone else's timetable, or an event */
	{"line with NOMS timetable", X, NULL, NULL, "", NONE},
	{"In line with national timetable", X, NULL, NULL, "", NONE},
	{"Within six months of new Council", X, NULL, NULL, "", NONE},
	{"Within 3 months of appointment", X, NULL, NULL, "", NONE},
	{"When guidance is published", X, NULL, NULL, "", NONE},
	{"TBC", X, NULL, NULL, "", NONE},
	{"TBA", X, NULL, NULL, "", NONE},
	{"To be confirmed", X, NULL, NULL, "", NONE},
	{"Subject to funding", X, NULL, NULL, "", NONE},
	{"Following the review", X, NULL, NULL, "", NONE},
	{"As and when required", X, NULL, NULL, "", NONE},
	{"Following review in 2010", X, NULL, NULL, "", NONE},
	{"In line with HR timetable, by March 2012", D, NULL, "2012-03-31", "",
	 MON},
	/* further examples quoted in docs/timescales.md */
	{"09/09", D, NULL, "2009-09-30", "", MON},
	{"June 11", D, NULL, "2011-06-30", "", MON},
	{"May 2012", D, NULL, "2012-05-31", "", MON},
	{"By Dec 2011; by March 2012", D, NULL, "2012-03-31", "", MON},
	{"Q4 2012-13", P, "2013-01-01", "2013-03-31", "", QTR},
	{"Summer 2011", P, "2011-06-01", "2011-08-31", "", QTR},
	{"Autumn 2011", P, "2011-09-01", "2011-11-30", "", QTR},
	{"Winter 2011", P, "2011-12-01", "2012-02-29", "", QTR},
	{"April through June 2012", P, "2012-04-01", "2012-06-30", "", MON},
	{"w/b 2/11/09", P, "2009-11-02", "2009-11-08", "", DAY},
	{"Every January", R, NULL, NULL, "FREQ=YEARLY;BYMONTH=1", NONE},
	{"Each Jan, Apr, Jul, Oct", R, NULL, NULL,
	 "FREQ=YEARLY;BYMONTH=1,4,7,10", NONE},
	{"31st March each year", R, NULL, NULL,
	 "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31", NONE},
	{"Every quarter", R, NULL, NULL, "FREQ=MONTHLY;INTERVAL=3", NONE},
	{"Half-yearly", R, NULL, NULL, "FREQ=MONTHLY;INTERVAL=6", NONE},
	{"Continuing", O, NULL, NULL, "", NONE},
	{"Since 2011", O, "2011-01-01", NULL, "", YR},
	{"Following April 2011", O, "2011-04-01", NULL, "", MON},
	{"Dec 2010 then ongoing", O, "2010-12-01", NULL, "", MON},
	{"in accordance with policy", X, NULL, NULL, "", NONE},
	{"according to HR", X, NULL, NULL, "", NONE},
	{"dependent on funding", X, NULL, NULL, "", NONE},
	{"upon approval", X, NULL, NULL, "", NONE},
	{"pending review", X, NULL, NULL, "", NONE},
	{"awaiting guidance", X, NULL, NULL, "", NONE},
	{"to be agreed", X, NULL, NULL, "", NONE},
	{"TBD", X, NULL, NULL, "", NONE},
	{"as needed", X, NULL, NULL, "", NONE},
	{"once the policy is agreed", X, NULL, NULL, "", NONE},
	/* not understood */
	{"", U, NULL, NULL, "", NONE},
	{"   ", U, NULL, NULL, "", NONE},
	{"31/2/12", U, NULL, NULL, "", NONE},
	{"13/13/2012", U, NULL, NULL, "", NONE},
	{"29/2/11", U, NULL, NULL, "", NONE},
	{"31 February 2012", U, NULL, NULL, "", NONE},
	{"30 February", U, NULL, NULL, "", NONE},
	{"Review 31/2/12 then ongoing", U, NULL, NULL, "", NONE},
	{"0/0/00", U, NULL, NULL, "", NONE},
	{"Q5 2011-12", U, NULL, NULL, "", NONE},
	{"2011-11", U, NULL, NULL, "", NONE},
	{"2010-2030", U, NULL, NULL, "", NONE},
	{"June 2012 - March 2011", U, NULL, NULL, "", NONE},
	{"Q3", U, NULL, NULL, "", NONE},
	{"January", U, NULL, NULL, "", NONE},
	{"This may slip", U, NULL, NULL, "", NONE},
	{"By X", U, NULL, NULL, "", NONE},
	{"10-12 weeks", U, NULL, NULL, "", NONE},
	{"Immediately", U, NULL, NULL, "", NONE},
	{"Twice weekly", U, NULL, NULL, "", NONE},
	{"Five times a year", U, NULL, NULL, "", NONE},
};

/* Parse text from an exact-size heap copy. */
static int parse_copy(const char *text, struct timescale *out)
{
	size_t n = strlen(text);
	char *copy = malloc(n + 1);
	int rc;
	cr_assert_not_null(copy);
	memcpy(copy, text, n + 1);
	rc = timescale_parse(copy, out);
	free(copy);
	return rc;
}

Test(timescale, table_has_at_least_90_phrases)
{
	cr_assert_geq(sizeof rows / sizeof rows[0], 90);
}

Test(timescale, table)
{
	size_t i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *r = &rows[i];
		struct timescale ts;
		char start[11], due[11];
		int rc;

		memset(&ts, 0xA5, sizeof ts); /* output must be fully written */
		rc = parse_copy(r->text, &ts);
		date_format(ts.start, start);
		date_format(ts.due, due);
		cr_expect_eq(ts.kind, r->kind, "'%s': kind %s, want %s", r->text,
			     timescale_kind_name(ts.kind),
			     timescale_kind_name(r->kind));
		cr_expect_eq(rc, r->kind == TS_UNKNOWN ? -1 : 0,
			     "'%s': return code %d", r->text, rc);
		cr_expect_str_eq(start, r->start ? r->start : "",
				 "'%s': start %s, want %s", r->text, start,
				 r->start ? r->start : "(none)");
		cr_expect_str_eq(due, r->due ? r->due : "",
				 "'%s': due %s, want %s", r->text, due,
				 r->due ? r->due : "(none)");
		cr_expect_str_eq(ts.rrule, r->rrule, "'%s': rrule '%s', want '%s'",
				 r->text, ts.rrule, r->rrule);
		cr_expect_eq(ts.precision, r->precision,
			     "'%s': precision %s, want %s", r->text,
			     timescale_precision_name(ts.precision),
			     timescale_precision_name(r->precision));
	}
}

/* Readings never carry impossible dates, whatever the phrase. */
Test(timescale, table_readings_are_consistent)
{
	size_t i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct timescale ts;
		parse_copy(rows[i].text, &ts);
		if (ts.start.y)
			cr_expect(date_valid(ts.start.y, ts.start.m, ts.start.d),
				  "'%s': invalid start", rows[i].text);
		if (ts.due.y)
			cr_expect(date_valid(ts.due.y, ts.due.m, ts.due.d),
				  "'%s': invalid due", rows[i].text);
		if (ts.start.y && ts.due.y)
			cr_expect_leq(date_cmp(ts.start, ts.due), 0,
				      "'%s': due before start", rows[i].text);
	}
}

Test(timescale, case_does_not_matter)
{
	struct timescale a, b;
	cr_assert_eq(parse_copy("by end of march 2012", &a), 0);
	cr_assert_eq(parse_copy("BY END OF MARCH 2012", &b), 0);
	cr_expect_eq(a.kind, TS_DATE);
	cr_expect_eq(b.kind, TS_DATE);
	cr_expect_eq(date_cmp(a.due, b.due), 0);
	cr_expect_eq(a.due.y, 2012);
	cr_expect_eq(a.due.m, 3);
	cr_expect_eq(a.due.d, 31);
}

Test(timescale, garbage_300_chars_is_unknown)
{
	char text[301];
	struct timescale ts;
	int i, rc;

	for (i = 0; i < 300; i++)
		text[i] = "xq#@!zz%&*()_+=<>?~^ kw|{}"[i % 26];
	text[300] = '\0';
	cr_assert_eq(strlen(text), 300);
	rc = parse_copy(text, &ts);
	cr_expect_eq(rc, -1);
	cr_expect_eq(ts.kind, TS_UNKNOWN);
	cr_expect_eq(ts.start.y, 0);
	cr_expect_eq(ts.due.y, 0);
	cr_expect_str_empty(ts.rrule);
	cr_expect_eq(ts.precision, TS_PREC_NONE);
}

Test(timescale, high_bytes_and_truncated_utf8_are_safe)
{
	static const char *const texts[] = {
		"\xe2", "\xe2\x80", "Dec 2011\xe2", "\xff\xfe\xfd 2011-\xe2\x80",
		"2011\xe2\x80\x93", "\xc2\xa0\xc2\xa0", "1.", ".1", "/", "-",
	};
	size_t i;
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct timescale ts;
		int rc = parse_copy(texts[i], &ts);
		cr_expect(rc == 0 || rc == -1, "text %zu: rc %d", i, rc);
		cr_expect_eq(rc == 0, ts.kind != TS_UNKNOWN, "text %zu", i);
	}
}

Test(timescale, too_many_tokens_is_unknown)
{
	size_t n = 4000, i;
	char *text = malloc(n + 1);
	struct timescale ts;
	cr_assert_not_null(text);
	for (i = 0; i < n; i++)
		text[i] = i % 2 ? ' ' : 'a';
	memcpy(text, "Dec 2011 ", 9); /* a date up front does not rescue it */
	text[n] = '\0';
	cr_expect_eq(timescale_parse(text, &ts), -1);
	cr_expect_eq(ts.kind, TS_UNKNOWN);
	cr_expect_eq(ts.due.y, 0);
	free(text);
}

Test(timescale, long_single_word_and_number_are_unknown)
{
	size_t n = 10000, i;
	char *text = malloc(n + 1);
	struct timescale ts;
	cr_assert_not_null(text);
	for (i = 0; i < n; i++)
		text[i] = 'a';
	text[n] = '\0';
	cr_expect_eq(timescale_parse(text, &ts), -1);
	for (i = 0; i < n; i++)
		text[i] = '9';
	cr_expect_eq(timescale_parse(text, &ts), -1);
	cr_expect_eq(ts.kind, TS_UNKNOWN);
	free(text);
}

Test(timescale, null_text_is_unknown)
{
	struct timescale ts;
	memset(&ts, 0xA5, sizeof ts);
	cr_expect_eq(timescale_parse(NULL, &ts), -1);
	cr_expect_eq(ts.kind, TS_UNKNOWN);
	cr_expect_eq(ts.start.y, 0);
	cr_expect_eq(ts.due.y, 0);
	cr_expect_str_empty(ts.rrule);
	cr_expect_eq(ts.precision, TS_PREC_NONE);
}

Test(timescale, kind_names)
{
	cr_expect_str_eq(timescale_kind_name(TS_UNKNOWN), "unknown");
	cr_expect_str_eq(timescale_kind_name(TS_DATE), "date");
	cr_expect_str_eq(timescale_kind_name(TS_PERIOD), "period");
	cr_expect_str_eq(timescale_kind_name(TS_RECURRING), "recurring");
	cr_expect_str_eq(timescale_kind_name(TS_ONGOING), "ongoing");
	cr_expect_str_eq(timescale_kind_name(TS_EXTERNAL), "external");
	cr_expect_str_eq(timescale_kind_name((enum ts_kind)99), "unknown");
}

Test(timescale, precision_names)
{
	cr_expect_str_eq(timescale_precision_name(TS_PREC_NONE), "none");
	cr_expect_str_eq(timescale_precision_name(TS_PREC_DAY), "day");
	cr_expect_str_eq(timescale_precision_name(TS_PREC_MONTH), "month");
	cr_expect_str_eq(timescale_precision_name(TS_PREC_QUARTER), "quarter");
	cr_expect_str_eq(timescale_precision_name(TS_PREC_YEAR), "year");
	cr_expect_str_eq(timescale_precision_name((enum ts_precision)99),
			 "none");
}

/* The action page says a recurrence in words, never as an RRULE. */
Test(timescale, rrule_in_words)
{
	static const struct {
		const char *phrase, *words;
	} t[] = {
		{"Each Nov", "every year in November"},
		{"Quarterly", "every 3 months"},
		{"Six monthly", "every 6 months"},
		{"Monthly", "every month"},
		{"31 August (annually)", "every year on 31 August"},
	};
	char w[96];
	size_t i;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct timescale ts;
		timescale_parse(t[i].phrase, &ts);
		timescale_rrule_words(ts.rrule, w, sizeof w);
		cr_expect_str_eq(w, t[i].words, "%s (%s)", t[i].phrase, ts.rrule);
	}
	timescale_rrule_words("FREQ=YEARLY;BYMONTH=1,7", w, sizeof w);
	cr_expect_str_eq(w, "every year in January and July");
	timescale_rrule_words("FREQ=YEARLY;BYMONTH=1,4,7", w, sizeof w);
	cr_expect_str_eq(w, "every year in January, April and July");
	timescale_rrule_words("FREQ=SECONDLY", w, sizeof w);
	cr_expect_str_eq(w, "repeats");
	timescale_rrule_words(NULL, w, sizeof w);
	cr_expect_str_eq(w, "repeats");
}
