/*
 * period: the spans of time monitoring data is imported for, in the four
 * forms docs/datasets.md documents — a year "2011", a quarter "2011Q3", a
 * month "2011-07" and a financial year, April to March, "FY2011-12" — and
 * nothing else. Each period has a kind, a first and a last day, a
 * canonical spelling and a key that orders periods in time. Knows no
 * domain.
 */
#ifndef PARITY_PERIOD_H
#define PARITY_PERIOD_H

#include "core/dates.h"
#include "core/err.h"

enum period_kind {
	PERIOD_MONTH = 1, /* "2011-07": July 2011 */
	PERIOD_QUARTER,	  /* "2011Q3": July to September 2011 */
	PERIOD_YEAR,	  /* "2011": January to December 2011 */
	PERIOD_FY,	  /* "FY2011-12": 1 April 2011 to 31 March 2012 */
};

#define PERIOD_TEXT 10 /* bytes of the longest canonical spelling, "FY2011-12", and its NUL */

/* The accepted forms, for messages and help texts. */
#define PERIOD_FORMS                                                                  \
	"a year (2011), a quarter (2011Q3), a month (2011-07) or a financial year, " \
	"April to March (FY2011-12)"

struct period {
	enum period_kind kind;
	struct date start, end;	 /* first and last day, both in the period */
	long key;		 /* order in time: (end year × 100 + end month) × 10 +
				    1 for a month, 2 a quarter, 3 a year or financial
				    year — by the last day, and a shorter period
				    first when two end together (2011-12, 2011Q4,
				    2011). Migration 006 computes the same in SQL. */
	char text[PERIOD_TEXT];	 /* the canonical spelling ("2011Q3", "FY2011-12") */
};

/* Read s as a period. Accepted, and nothing else: YYYY; YYYYQn with n 1 to
 * 4; YYYY-MM with MM 01 to 12; FYYYYY-YY whose second year is the year
 * after the first, written with its last two digits. Years run from 1000
 * to 9999 (a financial year's second year too). Q and FY may be written
 * in lower case ("2011q3" is 2011Q3); no spaces. Returns 0 with *out
 * filled, or ERR_DATA with a message that quotes s, says what is wrong
 * when it can tell (a day such as 2011-02-30, a month 13, quarter 5, a
 * financial year whose years do not follow) and lists the accepted forms;
 * e may be NULL. Does not allocate. */
int period_parse(const char *s, struct period *out, struct err *e);

/* <0, 0, >0 as a is before, the same as, or after b in time (by key). */
int period_cmp(const struct period *a, const struct period *b);

/* "month", "quarter", "year", "financial year". Static string. */
const char *period_kind_name(enum period_kind k);

/* The period for readers, into out: "July 2011", "July to September
 * 2011", "2011", "April 2011 to March 2012". Text that is not a period
 * (an older import's own spelling) is copied as it is, cut to fit. */
#define PERIOD_WORDS 48
void period_words(const char *text, char out[PERIOD_WORDS]);

#endif
