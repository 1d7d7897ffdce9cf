/*
 * timescale: how parity reads the loose "Year / Timescale / Target date"
 * words of an action plan ("Dec 2011", "2011-12", "Each Jan", "w/c 2/11/09
 * then each year", "Ongoing", "line with NOMS timetable" ...).
 *
 * Every reading keeps the original words and adds an interpretation:
 * a kind, a start and a due date (the end of the period named), an RFC 5545
 * RRULE for recurring work, and the precision of the due date. UK
 * conventions apply: day/month/year; "2011-12" or "11-12" is the financial
 * year 1 April 2011 – 31 March 2012 ("2009-12" runs April 2009 – March
 * 2012); "3rd Qtr 2011-12" is October–December 2011 (quarters of the
 * financial year). Pure functions: no I/O, no globals.
 */
#ifndef PARITY_TIMESCALE_H
#define PARITY_TIMESCALE_H

#include <stddef.h>

#include "core/dates.h"

enum ts_kind {
	TS_UNKNOWN = 0, /* nothing could be read ("line with NOMS timetable") */
	TS_DATE,	/* a single deadline: "By 31/3/12", "Dec 2011" */
	TS_PERIOD,	/* a span with a start: "June-Sept 2011", "2009-12" */
	TS_RECURRING,	/* repeats: "Each Jan", "Quarterly", "Each year" */
	TS_ONGOING,	/* continuous, no end: "Ongoing", "From 09/09" */
	TS_EXTERNAL,	/* set by someone else: "in line with NOMS timetable",
			   "Within six months of new Council" */
};

enum ts_precision {
	TS_PREC_NONE = 0, /* no date */
	TS_PREC_DAY,	  /* "31/3/12" */
	TS_PREC_MONTH,	  /* "Dec 2011" */
	TS_PREC_QUARTER,  /* "3rd Qtr 2011-12" */
	TS_PREC_YEAR,	  /* "2010", "By end of 2012", "2011-12" */
};

struct timescale {
	enum ts_kind kind;	     /* see enum ts_kind */
	struct date start;	     /* first day of the period; y==0 if none */
	struct date due;	     /* last day by which it is due; y==0 if none */
	char rrule[96];		     /* RRULE value without "RRULE:", e.g.
					"FREQ=YEARLY;BYMONTH=1"; "" if none */
	enum ts_precision precision; /* precision of due (or start) */
};

/* Read `text` (UTF-8, any case, surrounding spaces ignored). Always fills
 * *out (kind TS_UNKNOWN when nothing is understood). Returns 0 when the
 * phrase was understood (kind != TS_UNKNOWN), -1 otherwise. Never
 * allocates. Years written with two digits are 2000+YY.
 * Every rule, in plain English with examples, is in docs/timescales.md;
 * a phrase holding an impossible date ("31/2/12") is TS_UNKNOWN, and
 * start/due are always real dates with due >= start when both are set. */
int timescale_parse(const char *text, struct timescale *out);

/* Stable lower-case names used in JSON and the database:
 * "unknown", "date", "period", "recurring", "ongoing", "external";
 * "none", "day", "month", "quarter", "year". Static strings, never NULL;
 * a value outside the enum gives "unknown" / "none". */
const char *timescale_kind_name(enum ts_kind k);
const char *timescale_precision_name(enum ts_precision p);

/* A recurrence written by timescale_parse ("FREQ=YEARLY;BYMONTH=11") in
 * words for readers, into out (cap bytes): "every year in November",
 * "every 3 months", "every year on 31 August". A rule it does not know
 * gives "repeats". */
void timescale_rrule_words(const char *rrule, char *out, size_t cap);

#endif
