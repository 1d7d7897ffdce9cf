/*
 * dates: calendar dates without time zones, as the plan and reports use
 * them. A struct date with y == 0 means "no date". Day numbers count days
 * since 1970-01-01 in the proleptic Gregorian calendar.
 */
#ifndef PARITY_DATES_H
#define PARITY_DATES_H

#include "core/err.h"
#include <time.h>

struct date {
	int y; /* year, e.g. 2011; 0 when there is no date */
	int m; /* month 1..12 */
	int d; /* day 1..31 */
};

/* 1 when y-m-d is a real calendar date. */
int date_valid(int y, int m, int d);
int date_days_in_month(int y, int m);
/* Days since 1970-01-01. */
long date_to_days(struct date d);
struct date date_from_days(long days);
struct date date_add_days(struct date d, long n);
/* Last day of the month of d. */
struct date date_end_of_month(int y, int m);
/* <0, 0, >0 like strcmp; "no date" sorts after every date. */
int date_cmp(struct date a, struct date b);
/* Writes "YYYY-MM-DD" into out (11 bytes); "" for no date. */
void date_format(struct date d, char out[11]);
/* "September" for 9; "" outside 1..12. */
const char *date_month_name(int m);
/* "30 September 2026" (the GOV.UK style) into out; "" for no date. The one
 * way dates are written for readers (web pages and reports). */
void date_long(struct date d, char out[32]);
/* The day of an ISO date or stamp ("2026-09-30", "2026-09-30T10:00Z"),
 * or the no-date {0, 0, 0} when iso (may be NULL) does not start with a
 * real one. */
struct date date_of_iso(const char *iso);
/* date_long of an ISO date or stamp into out: "30 September 2026"; text
 * that does not start with a date is copied as it is ("" for NULL). */
void date_iso_words(const char *iso, char out[48]);
/* A UTC timestamp "YYYY-MM-DDTHH:MM[:SS]Z" as UK local time (Europe/London:
 * GMT, or BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on
 * the last Sunday of October) in words, "3 December 2026, 5:16pm", into
 * out. Text that is not such a timestamp is copied as it is. */
void date_when_uk(const char *iso, char out[48]);
/* Today's date in local time. */
struct date date_today(void);
/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into out (21 bytes). */
void date_now_iso(char out[21]);
/* Unix seconds t as that UTC timestamp, and as its UTC day "YYYY-MM-DD"
 * (11 bytes): the one place stored times are written. */
void date_iso_at(time_t t, char out[21]);
void date_day_at(time_t t, char out[11]);
/* Parse a date typed by a user: ISO "2012-03-31" or UK "31/3/2012" or
 * "31/03/12". Returns 0, or ERR_DATA (a bad value, exit 1) with a message naming `what`
 * (e.g. "--as-of") and the accepted forms. */
int date_parse_user(const char *s, const char *what, struct date *out,
		    struct err *e);

#endif
