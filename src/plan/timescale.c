/*
 * timescale: reading the "Year / Timescale / Target date" column of an
 * action plan (see timescale.h, and docs/timescales.md for the rules in
 * plain English).
 *
 * Plans are written by many hands, so the words are loose: "Dec 2011",
 * "By end of 2012", "2009 -12", "3rd Qtr 2011-12", "w/c 2/11/09 then each
 * year", "Evidence activity by Dec 2010, then Ongoing", "line with NOMS
 * timetable". No calendar library reads these (libical reads RFC 5545, not
 * English), so this room does it by hand, in three passes:
 *
 *   1. tokenize: the text becomes numbers, lower-case words and the few
 *      punctuation marks that matter (/ . - ; ,). En and em dashes count
 *      as hyphens; every other byte only separates tokens.
 *   2. scan: left to right, date expressions ("atoms": a day, a month, a
 *      year, a financial year, a quarter, a season) are read, joined into
 *      ranges ("June-Sept 2011"), and recorded as events with the markers
 *      in force ("by", "from", "w/c"). Recurrence words, "ongoing", "then"
 *      and words that hand the timing to someone else are noted.
 *   3. decide: the notes become one struct timescale.
 *
 * The input is untrusted (it is fuzzed): every look-ahead is bounds-checked
 * against the token count, numbers are capped, nothing recurses, nothing
 * allocates. A date that is written as a date but does not exist
 * ("31/2/12") makes the whole phrase unknown rather than half-read.
 */
#include "plan/timescale.h"

#include <stdio.h>
#include <string.h>

/* More tokens than this is a paragraph, not a timescale: unknown. */
#define MAX_TOKS 256
/* Dated events kept per phrase; later ones are ignored. */
#define MAX_EVENTS 32
/* Four-digit numbers in this range are years. */
#define YEAR_MIN 1950
#define YEAR_MAX 2099
/* Longest span a financial-year range may have ("2009-12" is 3). */
#define FY_MAX_SPAN 10

enum tok_type {
	TK_NUM,	  /* a run of digits */
	TK_WORD,  /* a run of ASCII letters, folded to lower case */
	TK_SLASH, /* '/' or '\' */
	TK_DOT,	  /* '.' between two digits ("31.3.12") */
	TK_DASH,  /* '-', en dash, em dash, minus sign and kin */
	TK_COMMA, /* ',' */
	TK_SEMI,  /* ';' */
};

struct tok {
	enum tok_type type; /* see enum tok_type */
	int val;	    /* TK_NUM: value of the first nine digits */
	int ndig;	    /* TK_NUM: digits written (capped at 99) */
	int ord;	    /* TK_NUM: 1 when followed by st/nd/rd/th */
	int sp;		    /* 1 when a space or ignored byte came before */
	int lng;	    /* TK_WORD: too long for w; matches no keyword */
	char w[16];	    /* TK_WORD: the letters, lower case */
};

enum atom_kind {
	AT_NONE = 0, /* nothing usable (consumed or not) */
	AT_BAD,	     /* written as a date but impossible: "31/2/12" */
	AT_DAY,	     /* one day; y == 0 when no year was given */
	AT_MONTH,    /* one month; y == 0 when no year was given */
	AT_SPAN,     /* any span with a year: year, FY, quarter, range */
};

struct atom {
	enum atom_kind kind;	     /* see enum atom_kind */
	int y, m, d;		     /* AT_DAY / AT_MONTH: as written */
	int is_year;		     /* AT_SPAN: a single calendar year */
	struct date start, due;	     /* AT_DAY, AT_MONTH with year, AT_SPAN */
	enum ts_precision prec;	     /* precision of due */
};

struct event {
	struct date start, due;	 /* the span the words name */
	enum ts_precision prec;	 /* precision of the span */
	int point;		 /* a single day or month, not a span */
	int by;			 /* a deadline: "by", "end of", "before" */
	int from;		 /* a start: "from", "since", "onwards" */
	int week;		 /* "w/c" or "w/e" made it a week */
	int comma_after;	 /* a comma follows it ("Dec 2010, then") */
};

struct scan {
	const struct tok *t;		 /* the tokens */
	int n;				 /* count of t */
	struct event ev[MAX_EVENTS];	 /* dated events in order */
	int n_ev;			 /* count of ev */
	int bad;			 /* an impossible date was written */
	int external;			 /* timing set by others or an event */
	int ongoing;			 /* "ongoing", "continuous" ... */
	int then_after_event;		 /* "then"/"thereafter" after a date */
	int recur;			 /* a recurrence was read */
	const char *freq;		 /* its RRULE FREQ value */
	int interval;			 /* its INTERVAL (1 = omitted) */
	unsigned months;		 /* bit m: month m named without year */
	int n_noyear;			 /* count of months named without year */
	int noyear_day;			 /* day of the first "31 August" */
	int n_noyear_days;		 /* count of days named without year */
	int p_by, p_before, p_from;	 /* markers waiting for a date */
	int p_week;			 /* +1 week commencing, -1 ending */
	int p_between;			 /* "between": "and" joins a range */
};

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int to_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Length in bytes of a hyphen-like mark at p: ASCII '-', or one of the
 * UTF-8 dashes U+2010..U+2015 or the minus sign U+2212; 0 if none. Reads
 * a byte only when the one before it was part of the mark, so never
 * passes the terminating NUL. */
static int dash_len(const unsigned char *p)
{
	if (p[0] == '-')
		return 1;
	if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x95)
		return 3;
	if (p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92)
		return 3;
	return 0;
}

/* Split text into at most max tokens. Returns the count, or -1 when the
 * text holds more than max tokens. */
static int tokenize(const char *text, struct tok *t, int max)
{
	const unsigned char *p = (const unsigned char *)text;
	const unsigned char *begin = p;
	int n = 0, sp = 0, k;

	while (*p) {
		struct tok *c;
		enum tok_type punct;

		if (n == max)
			return -1;
		c = &t[n];
		memset(c, 0, sizeof *c);
		c->sp = sp;
		if (is_digit(*p)) {
			c->type = TK_NUM;
			while (is_digit(*p)) {
				if (c->ndig < 9)
					c->val = c->val * 10 + (*p - '0');
				if (c->ndig < 99)
					c->ndig++;
				p++;
			}
			if (is_alpha(p[0]) && is_alpha(p[1]) &&
			    !is_alpha(p[2])) {
				int a = to_lower(p[0]), b = to_lower(p[1]);
				if ((a == 's' && b == 't') ||
				    (a == 'n' && b == 'd') ||
				    (a == 'r' && b == 'd') ||
				    (a == 't' && b == 'h')) {
					c->ord = 1;
					p += 2;
				}
			}
			n++, sp = 0;
			continue;
		}
		if (is_alpha(*p)) {
			size_t len = 0;
			c->type = TK_WORD;
			while (is_alpha(*p)) {
				if (len < sizeof c->w - 1)
					c->w[len++] = (char)to_lower(*p);
				else
					c->lng = 1;
				p++;
			}
			c->w[len] = '\0';
			n++, sp = 0;
			continue;
		}
		k = dash_len(p);
		if (k) {
			c->type = TK_DASH;
			p += k;
			n++, sp = 0;
			continue;
		}
		if (*p == '/' || *p == '\\')
			punct = TK_SLASH;
		else if (*p == ',')
			punct = TK_COMMA;
		else if (*p == ';')
			punct = TK_SEMI;
		else if (*p == '.' && p > begin && is_digit(p[-1]) &&
			 is_digit(p[1]))
			punct = TK_DOT;
		else {
			p++; /* anything else only separates */
			sp = 1;
			continue;
		}
		c->type = punct;
		p++;
		n++, sp = 0;
	}
	return n;
}

/* 1 when token i exists and has type ty. */
static int tok_is(const struct scan *s, int i, enum tok_type ty)
{
	return i >= 0 && i < s->n && s->t[i].type == ty;
}

/* 1 when token i is the word w. */
static int word_is(const struct scan *s, int i, const char *w)
{
	return tok_is(s, i, TK_WORD) && !s->t[i].lng &&
	       strcmp(s->t[i].w, w) == 0;
}

/* Index (0-based) of token i's word in the NULL-terminated list, or -1. */
static int word_in(const struct scan *s, int i, const char *const *list)
{
	int k;
	if (!tok_is(s, i, TK_WORD) || s->t[i].lng)
		return -1;
	for (k = 0; list[k]; k++)
		if (strcmp(s->t[i].w, list[k]) == 0)
			return k;
	return -1;
}

/* Number of digits of token i when it is a number, else 0. */
static int num_dig(const struct scan *s, int i)
{
	return tok_is(s, i, TK_NUM) ? s->t[i].ndig : 0;
}

/* ------------------------------------------------------------------ */
/* Words                                                               */

/* "may" is a month only next to a number or a dash, or after a word
 * that introduces a month ("in May", "each May"): "this may slip" is
 * not May. */
static int may_is_month(const struct scan *s, int i)
{
	static const char *const before[] = {
		"each", "every", "in",	  "of",	   "to",   "from", "by",
		"until", "and",	 "end",	  "during", "early", "late", "mid",
		"since", "before", "till", "after", NULL};
	if (tok_is(s, i + 1, TK_NUM) || tok_is(s, i + 1, TK_DASH))
		return 1;
	if (tok_is(s, i - 1, TK_NUM) || tok_is(s, i - 1, TK_DASH))
		return 1;
	return word_in(s, i - 1, before) >= 0;
}

/* Month 1..12 named by token i ("sept", "Sep", "September", any
 * abbreviation of three letters or more), or 0. */
static int month_of(const struct scan *s, int i)
{
	static const char *const names[12] = {
		"january", "february", "march",	    "april",
		"may",	   "june",     "july",	    "august",
		"september", "october", "november", "december"};
	size_t len;
	int m;

	if (!tok_is(s, i, TK_WORD) || s->t[i].lng)
		return 0;
	len = strlen(s->t[i].w);
	if (len < 3)
		return 0;
	for (m = 0; m < 12; m++) {
		if (strncmp(names[m], s->t[i].w, len) != 0)
			continue;
		if (m == 4 && !may_is_month(s, i))
			return 0;
		return m + 1;
	}
	return 0;
}

/* Value of a small number written as a word ("six") or digits ("6") at
 * token i, 1..99; 0 if none. */
static int small_num(const struct scan *s, int i)
{
	static const char *const words[] = {
		"one", "two", "three", "four",	 "five",   "six",
		"seven", "eight", "nine", "ten", "eleven", "twelve", NULL};
	int k;
	if (tok_is(s, i, TK_NUM))
		return s->t[i].ndig <= 2 && s->t[i].val >= 1 ? s->t[i].val : 0;
	k = word_in(s, i, words);
	return k >= 0 ? k + 1 : 0;
}

/* 1 when token i is a unit of time ("months", "weeks" ...). */
static int is_unit(const struct scan *s, int i)
{
	static const char *const units[] = {
		"day", "days", "week", "weeks", "month", "months", "year",
		"years", "hours", "hour", "wks", "mths", "yrs", "quarter",
		"quarters", NULL};
	return word_in(s, i, units) >= 0;
}

/* ------------------------------------------------------------------ */
/* Atoms: one date expression                                          */

/* Year written in token i: four digits in range, or two digits as
 * 2000+YY when two_ok. 0 if none. */
static int year_at(const struct scan *s, int i, int two_ok)
{
	int nd = num_dig(s, i), v;
	if (!nd)
		return 0;
	v = s->t[i].val;
	if (nd == 4 && v >= YEAR_MIN && v <= YEAR_MAX)
		return v;
	if (nd == 2 && two_ok && !s->t[i].ord)
		return 2000 + v;
	return 0;
}

static struct date mkdate(int y, int m, int d)
{
	struct date r = {y, m, d};
	return r;
}

/* A span from the first of (y1, m1) to the end of (y2, m2), months
 * normalised past December. */
static void set_months(struct atom *a, int y1, int m1, int y2, int m2,
		       enum ts_precision prec)
{
	while (m1 > 12)
		m1 -= 12, y1++;
	while (m2 > 12)
		m2 -= 12, y2++;
	a->kind = AT_SPAN;
	a->start = mkdate(y1, m1, 1);
	a->due = date_end_of_month(y2, m2);
	a->prec = prec;
}

/* Financial year(s) from 1 April y1 to 31 March of the year written in
 * token j (two or four digits). AT_BAD when the end is not after the
 * start or the span is implausibly long. */
static void set_fy(const struct scan *s, int y1, int j, struct atom *a)
{
	int nd = num_dig(s, j), y2;
	a->kind = AT_BAD;
	if (y1 < YEAR_MIN || y1 > YEAR_MAX || (nd != 2 && nd != 4))
		return;
	y2 = s->t[j].val;
	if (nd == 2) {
		y2 += y1 / 100 * 100;
		if (y2 <= y1)
			y2 += 100;
	}
	if (y2 <= y1 || y2 - y1 > FY_MAX_SPAN)
		return;
	a->kind = AT_SPAN;
	a->start = mkdate(y1, 4, 1);
	a->due = mkdate(y2, 3, 31);
	a->prec = TS_PREC_YEAR;
}

/* A day, with y == 0 allowed (checked against a leap year then). */
static void set_day(struct atom *a, int y, int m, int d)
{
	if (!date_valid(y ? y : 2000, m, d)) {
		a->kind = AT_BAD;
		return;
	}
	a->kind = AT_DAY;
	a->y = y, a->m = m, a->d = d;
	a->start = a->due = mkdate(y, m, d);
	a->prec = TS_PREC_DAY;
}

/* A whole month, y == 0 allowed. */
static void set_month(struct atom *a, int y, int m)
{
	a->kind = AT_MONTH;
	a->y = y, a->m = m, a->d = 0;
	a->prec = TS_PREC_MONTH;
	if (y) {
		a->start = mkdate(y, m, 1);
		a->due = date_end_of_month(y, m);
	}
}

/* The year part after a quarter or season: "2011-12", "2011/12",
 * "11-12", "2011-2012" (financial year) or "2011". Sets *y1 to the first
 * year and *fy to 1 for a financial year. Returns tokens read, 0 if none;
 * *bad set when a financial year is impossible. Never recurses. */
static int parse_year_part(const struct scan *s, int i, int *y1, int *fy,
			   int *bad)
{
	struct atom a;
	int y;

	*fy = 0;
	if (num_dig(s, i) == 4 &&
	    (tok_is(s, i + 1, TK_DASH) || tok_is(s, i + 1, TK_SLASH)) &&
	    tok_is(s, i + 2, TK_NUM)) {
		set_fy(s, s->t[i].val, i + 2, &a);
		if (a.kind == AT_BAD)
			*bad = 1;
		*y1 = s->t[i].val, *fy = 1;
		return 3;
	}
	if (num_dig(s, i) == 2 && tok_is(s, i + 1, TK_DASH) &&
	    num_dig(s, i + 2) == 2) {
		set_fy(s, 2000 + s->t[i].val, i + 2, &a);
		if (a.kind == AT_BAD)
			*bad = 1;
		*y1 = 2000 + s->t[i].val, *fy = 1;
		return 3;
	}
	y = year_at(s, i, 0);
	if (y) {
		*y1 = y;
		return 1;
	}
	return 0;
}

/* Skip filler words ("of", "the", "in", "financial", "year", "fy") and
 * commas from token i; returns the first index that is not one. */
static int skip_fillers(const struct scan *s, int i)
{
	static const char *const fill[] = {"of", "the", "in", "financial",
					   "year", "fy", "for", NULL};
	while (word_in(s, i, fill) >= 0 || tok_is(s, i, TK_COMMA))
		i++;
	return i;
}

/* Quarter q (1..4) of a financial year whose year part starts at token
 * i: Q1 = April-June of the first year ... Q4 = January-March of the
 * next. A bare year is the financial year beginning in it. Returns tokens
 * read from i (0 when no year follows, leaving a AT_NONE). */
static int parse_quarter_year(const struct scan *s, int i, int q,
			      struct atom *a)
{
	int j = skip_fillers(s, i), y1 = 0, fy = 0, bad = 0, k;

	a->kind = AT_NONE;
	k = parse_year_part(s, j, &y1, &fy, &bad);
	if (!k)
		return 0;
	if (bad || q < 1 || q > 4) {
		a->kind = AT_BAD;
	} else {
		int m = 4 + 3 * (q - 1);
		set_months(a, y1, m, y1, m + 2, TS_PREC_QUARTER);
	}
	return j + k - i;
}

/* Quarter words: "q", "qtr", "quarter" ... */
static int is_qword(const struct scan *s, int i)
{
	static const char *const qw[] = {"q", "qtr", "qtrs", "quarter", "qr",
					 "quarters", NULL};
	return word_in(s, i, qw) >= 0;
}

/* A group of numbers joined by '/' or '.': "31/3/12", "31.03.2012",
 * "09/09" (month/year), "2011/12" (financial year). The whole group is
 * consumed so its tail is never read again as something else. */
static int parse_num_group(const struct scan *s, int i, struct atom *a)
{
	int idx[3], nparts = 0, j = i, dot = 0;

	a->kind = AT_NONE;
	for (;;) {
		if (nparts < 3)
			idx[nparts] = j;
		nparts++;
		if ((tok_is(s, j + 1, TK_SLASH) || tok_is(s, j + 1, TK_DOT)) &&
		    tok_is(s, j + 2, TK_NUM)) {
			dot |= s->t[j + 1].type == TK_DOT;
			j += 2;
		} else {
			break;
		}
	}
	if (nparts == 3) {
		int nd0 = num_dig(s, idx[0]), nd1 = num_dig(s, idx[1]);
		int nd2 = num_dig(s, idx[2]), y;
		if (nd0 > 2 || nd1 > 2 || (nd2 != 2 && nd2 != 4))
			return j + 1 - i;
		y = year_at(s, idx[2], 1);
		if (!y)
			a->kind = AT_BAD;
		else
			set_day(a, y, s->t[idx[1]].val, s->t[idx[0]].val);
	} else if (nparts == 2 && !dot) {
		int nd0 = num_dig(s, idx[0]), nd1 = num_dig(s, idx[1]);
		if (nd0 == 4 && (nd1 == 2 || nd1 == 4)) {
			set_fy(s, s->t[idx[0]].val, idx[1], a);
		} else if (nd0 <= 2 && (nd1 == 2 || nd1 == 4)) {
			int m = s->t[idx[0]].val, y = year_at(s, idx[1], 1);
			if (!y || m < 1 || m > 12)
				a->kind = AT_BAD;
			else
				set_month(a, y, m);
		}
	}
	return j + 1 - i;
}

/* Forms with a hyphen after a number: ISO "2012-03-31", "31-3-12",
 * financial years "2011-12", "2009 -12", "2011-2012", "11-12", and day
 * ranges "1-15 March 2012". Returns tokens read, 0 if none applies. */
static int parse_dash_group(const struct scan *s, int i, struct atom *a)
{
	int nd0 = num_dig(s, i), nd1 = num_dig(s, i + 2);
	int has3 = tok_is(s, i + 3, TK_DASH) && tok_is(s, i + 4, TK_NUM);
	int m;

	a->kind = AT_NONE;
	if (nd0 == 4) {
		if (has3 && nd1 <= 2 && num_dig(s, i + 4) <= 2) {
			if (year_at(s, i, 0))
				set_day(a, s->t[i].val, s->t[i + 2].val,
					s->t[i + 4].val);
			else
				a->kind = AT_BAD;
			return 5;
		}
		if (nd1 == 2 || nd1 == 4) {
			set_fy(s, s->t[i].val, i + 2, a);
			return 3;
		}
		return 0;
	}
	if (nd0 > 2 || nd1 > 2)
		return 0;
	if (has3 && (num_dig(s, i + 4) == 2 || num_dig(s, i + 4) == 4)) {
		int y = year_at(s, i + 4, 1);
		if (y)
			set_day(a, y, s->t[i + 2].val, s->t[i].val);
		else
			a->kind = AT_BAD;
		return 5;
	}
	m = month_of(s, i + 3);
	if (m) {
		/* "1-15 March 2012": a range of days in one month */
		int y = year_at(s, i + 4, 0), k = y ? 5 : 4;
		struct atom b;
		if (!y)
			return k; /* no year: nothing to place */
		set_day(a, y, m, s->t[i].val);
		set_day(&b, y, m, s->t[i + 2].val);
		if (a->kind == AT_BAD || b.kind == AT_BAD ||
		    date_cmp(a->start, b.due) > 0) {
			a->kind = AT_BAD;
			return k;
		}
		a->kind = AT_SPAN;
		a->due = b.due;
		a->prec = TS_PREC_DAY;
		return k;
	}
	if (nd0 == 2 && nd1 == 2) {
		if (is_unit(s, i + 3))
			return 3; /* "10-12 weeks": a duration */
		set_fy(s, 2000 + s->t[i].val, i + 2, a);
		if (a->kind == AT_BAD)
			a->kind = AT_NONE; /* "24-12" is no year */
		return 3;
	}
	return 0;
}

/* Month then optional day and year: "Dec 2011", "Dec-11", "June 11"
 * (June 2011), "March 31st 2012", "March 31, 2012", or a month alone
 * ("Jan", y == 0). Token i is the month word. */
static int parse_month_first(const struct scan *s, int i, int m,
			     struct atom *a)
{
	int j = i + 1, y;

	if (num_dig(s, j) && num_dig(s, j) <= 2 && s->t[j].ord) {
		int d = s->t[j].val, k = j + 1;
		if (tok_is(s, k, TK_COMMA) && year_at(s, k + 1, 0))
			k++;
		y = year_at(s, k, 0);
		set_day(a, y, m, d);
		return (y ? k + 1 : j + 1) - i;
	}
	if (num_dig(s, j) && num_dig(s, j) <= 2) {
		int k = j + 1;
		if (tok_is(s, k, TK_COMMA))
			k++;
		y = year_at(s, k, 0);
		if (y) {
			set_day(a, y, m, s->t[j].val);
			return k + 1 - i;
		}
	}
	y = year_at(s, j, 0);
	if (y) {
		set_month(a, y, m);
		return 2;
	}
	if ((tok_is(s, j, TK_DASH) || tok_is(s, j, TK_SLASH)) &&
	    !s->t[j].sp && tok_is(s, j + 1, TK_NUM) && !s->t[j + 1].sp) {
		y = year_at(s, j + 1, 1);
		if (y) {
			set_month(a, y, m);
			return 3;
		}
	}
	if (num_dig(s, j) == 2 && !month_of(s, j + 1)) {
		set_month(a, 2000 + s->t[j].val, m);
		return 2;
	}
	set_month(a, 0, m);
	return 1;
}

/* Day then month: "31 March 2012", "31st of March", "31-Mar-12",
 * "31 August" (no year). Token i is the day number. */
static int parse_day_first(const struct scan *s, int i, struct atom *a)
{
	int j = i + 1, m, y = 0, d = s->t[i].val;

	if ((tok_is(s, j, TK_DASH) || tok_is(s, j, TK_SLASH)) &&
	    !s->t[j].sp && month_of(s, j + 1))
		j++;
	if (word_is(s, j, "of") && month_of(s, j + 1))
		j++;
	m = month_of(s, j);
	if (!m)
		return 0;
	j++;
	if ((tok_is(s, j, TK_DASH) || tok_is(s, j, TK_SLASH)) &&
	    !s->t[j].sp && tok_is(s, j + 1, TK_NUM) && !s->t[j + 1].sp &&
	    (y = year_at(s, j + 1, 1)) != 0) {
		j += 2;
	} else if (tok_is(s, j, TK_COMMA) && (y = year_at(s, j + 1, 0))) {
		j += 2;
	} else if ((y = year_at(s, j, 0)) != 0) {
		j++;
	} else if (num_dig(s, j) == 2 && !s->t[j].ord &&
		   !month_of(s, j + 1) && !tok_is(s, j + 1, TK_SLASH)) {
		y = 2000 + s->t[j].val;
		j++;
	}
	set_day(a, y, m, d);
	return j - i;
}

/* Season word at i followed by a year: spring (Mar-May), summer
 * (Jun-Aug), autumn/fall (Sep-Nov), winter (Dec-Feb). */
static int parse_season(const struct scan *s, int i, struct atom *a)
{
	static const char *const seasons[] = {"spring", "summer", "autumn",
					      "fall",	"winter", NULL};
	static const int first[] = {3, 6, 9, 9, 12};
	int k = word_in(s, i, seasons), y1 = 0, fy = 0, bad = 0, j, n;

	if (k < 0)
		return 0;
	j = skip_fillers(s, i + 1);
	n = parse_year_part(s, j, &y1, &fy, &bad);
	if (!n || (fy && first[k] != 12))
		return 0;
	if (bad)
		a->kind = AT_BAD;
	else
		set_months(a, y1, first[k], y1, first[k] + 2,
			   TS_PREC_QUARTER);
	return j + n - i;
}

/* Read one date expression at token i. Returns the tokens read (0 when
 * none starts here) and fills *a; a->kind may be AT_NONE or AT_BAD even
 * when tokens were read. */
static int parse_atom(const struct scan *s, int i, struct atom *a)
{
	static const char *const ordw[] = {"first", "second", "third",
					   "fourth", NULL};
	int k, m;

	memset(a, 0, sizeof *a);
	if (tok_is(s, i, TK_NUM)) {
		const struct tok *x = &s->t[i];
		if ((tok_is(s, i + 1, TK_SLASH) || tok_is(s, i + 1, TK_DOT)) &&
		    tok_is(s, i + 2, TK_NUM))
			return parse_num_group(s, i, a);
		if (tok_is(s, i + 1, TK_DASH) && tok_is(s, i + 2, TK_NUM)) {
			k = parse_dash_group(s, i, a);
			if (k)
				return k;
		}
		if (x->ndig <= 2 && is_qword(s, i + 1)) {
			k = parse_quarter_year(s, i + 2, x->val, a);
			if (!k && (x->val < 1 || x->val > 4))
				a->kind = AT_BAD;
			return 2 + k;
		}
		if (x->ndig <= 2) {
			k = parse_day_first(s, i, a);
			if (k)
				return k;
		}
		if (year_at(s, i, 0)) {
			a->kind = AT_SPAN;
			a->is_year = 1;
			a->start = mkdate(x->val, 1, 1);
			a->due = mkdate(x->val, 12, 31);
			a->prec = TS_PREC_YEAR;
			a->y = x->val;
			return 1;
		}
		return 0;
	}
	if (!tok_is(s, i, TK_WORD))
		return 0;
	m = month_of(s, i);
	if (m)
		return parse_month_first(s, i, m, a);
	if (is_qword(s, i) && num_dig(s, i + 1) && num_dig(s, i + 1) <= 2) {
		int q = s->t[i + 1].val;
		k = parse_quarter_year(s, i + 2, q, a);
		if (q < 1 || q > 4)
			a->kind = AT_BAD;
		return 2 + k;
	}
	k = word_in(s, i, ordw);
	if (k >= 0 && is_qword(s, i + 1))
		return 2 + parse_quarter_year(s, i + 2, k + 1, a);
	return parse_season(s, i, a);
}

/* Tokens that join two dates into a range at j: a dash, a slash between
 * whole dates ("Jan/Feb 2012"), "to", "until", "till", "through", or
 * "and" after "between"; fillers such as "the end of" after it are
 * skipped too. Returns the tokens to skip, 0 if none. */
static int range_sep(const struct scan *s, int j)
{
	static const char *const seps[] = {"to", "until", "till", "til",
					   "through", "thru", NULL};
	static const char *const fill[] = {"the", "end", "of", NULL};
	int k = j;

	if (tok_is(s, k, TK_DASH) || tok_is(s, k, TK_SLASH) ||
	    word_in(s, k, seps) >= 0 ||
	    (s->p_between && word_is(s, k, "and")))
		k++;
	else
		return 0;
	while (word_in(s, k, fill) >= 0)
		k++;
	return k - j;
}

/* Join a and b into the range a..b in *a. A month or day without a year
 * takes b's year (the year before when it would fall after b: "Nov-Feb
 * 2012"). Two bare years are financial years, like "2011-2012". Returns
 * 1 when joined, 0 when the two do not make a range, -1 when they make
 * an impossible one (ends before it starts). */
static int join_range(struct atom *a, const struct atom *b)
{
	if (b->kind == AT_NONE || b->kind == AT_BAD)
		return 0;
	if ((b->kind == AT_DAY || b->kind == AT_MONTH) && b->y == 0)
		return 0;
	if ((a->kind == AT_DAY || a->kind == AT_MONTH) && a->y == 0) {
		int y = b->start.y;
		if (b->kind != AT_DAY && b->kind != AT_MONTH)
			return 0;
		if (a->m > b->start.m ||
		    (a->m == b->start.m && a->d > b->start.d))
			y--;
		if (a->kind == AT_DAY)
			set_day(a, y, a->m, a->d);
		else
			set_month(a, y, a->m);
		if (a->kind == AT_BAD)
			return -1;
	}
	if (a->is_year && b->is_year) {
		int y1 = a->start.y, y2 = b->start.y;
		if (y2 <= y1 || y2 - y1 > FY_MAX_SPAN)
			return -1;
		a->start = mkdate(y1, 4, 1);
		a->due = mkdate(y2, 3, 31);
		a->prec = TS_PREC_YEAR;
		a->kind = AT_SPAN;
		a->is_year = 0;
		return 1;
	}
	if (date_cmp(a->start, b->due) > 0)
		return -1;
	a->due = b->due;
	a->prec = b->prec;
	a->kind = AT_SPAN;
	a->is_year = 0;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Scanning                                                            */

/* Record a dated atom as an event, applying the markers in force; the
 * event's last token is just before index end. */
static void add_event(struct scan *s, const struct atom *a, int end)
{
	struct event *e;

	if (s->n_ev == MAX_EVENTS)
		return;
	e = &s->ev[s->n_ev++];
	memset(e, 0, sizeof *e);
	e->start = a->start;
	e->due = a->due;
	e->prec = a->prec;
	e->point = a->kind == AT_DAY || a->kind == AT_MONTH;
	if (s->p_week && a->kind == AT_DAY) {
		if (s->p_week > 0)
			e->due = date_add_days(e->start, 6);
		else
			e->start = date_add_days(e->due, -6);
		e->week = 1;
		e->point = 0;
	}
	if (s->p_before) {
		e->due = date_add_days(e->start, -1);
		e->by = 1;
	}
	e->by |= s->p_by;
	e->from = s->p_from && !e->by;
	e->comma_after = tok_is(s, end, TK_COMMA);
	s->p_by = s->p_before = s->p_from = s->p_week = s->p_between = 0;
}

/* Note a month (and day) named without a year, for BYMONTH/BYMONTHDAY. */
static void add_noyear(struct scan *s, const struct atom *a)
{
	s->months |= 1u << a->m;
	s->n_noyear++;
	if (a->kind == AT_DAY) {
		if (!s->n_noyear_days)
			s->noyear_day = a->d;
		s->n_noyear_days++;
	}
}

/* Keep the first recurrence read; later ones are ignored. Months are
 * folded into years ("every 12 months" is yearly). */
static void set_recur(struct scan *s, const char *freq, int interval)
{
	if (s->recur)
		return;
	if (strcmp(freq, "MONTHLY") == 0 && interval % 12 == 0) {
		freq = "YEARLY";
		interval /= 12;
	}
	s->recur = 1;
	s->freq = freq;
	s->interval = interval;
}

/* Recurrence at token i: "each year", "every six months", "each Jan"
 * (the month is left for the atom reader), "annually", "quarterly",
 * "six monthly", "bi-annually", "twice yearly", "three times a year" ...
 * Returns the tokens read, 0 if none. */
static int parse_recur(struct scan *s, int i)
{
	static const char *const adv[] = {"yearly", "annually", "annual",
					  "monthly", "weekly", "daily", NULL};
	static const char *const adv_freq[] = {"YEARLY", "YEARLY", "YEARLY",
					       "MONTHLY", "WEEKLY", "DAILY"};
	static const char *const half[] = {"biannually", "biannual", "biyearly",
					   "semiannually", "semiannual",
					   "halfyearly", NULL};
	static const char *const units[] = {
		"year", "years", "annum", "month", "months", "week", "weeks",
		"day", "days", "quarter", "quarters", "fortnight", "qtr", NULL};
	static const char *const unit_freq[] = {
		"YEARLY", "YEARLY", "YEARLY", "MONTHLY", "MONTHLY", "WEEKLY",
		"WEEKLY", "DAILY", "DAILY", "MONTHLY", "MONTHLY", "WEEKLY",
		"MONTHLY"};
	static const int unit_mult[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 2, 3};
	static const char *const each[] = {"each", "every", "per", NULL};
	static const char *const art[] = {"a", "an", "per", "each", "every",
					  "the", NULL};
	int k, j, n;

	/* single words */
	k = word_in(s, i, adv);
	if (k >= 0 || word_is(s, i, "annum")) {
		set_recur(s, k >= 0 ? adv_freq[k] : "YEARLY", 1);
		return 1;
	}
	if (word_is(s, i, "quarterly")) {
		set_recur(s, "MONTHLY", 3);
		return 1;
	}
	if (word_is(s, i, "fortnightly") || word_is(s, i, "biweekly")) {
		set_recur(s, "WEEKLY", 2);
		return 1;
	}
	if (word_is(s, i, "bimonthly")) {
		set_recur(s, "MONTHLY", 2);
		return 1;
	}
	if (word_in(s, i, half) >= 0) {
		set_recur(s, "MONTHLY", 6);
		return 1;
	}
	if (word_is(s, i, "biennially") || word_is(s, i, "biennial")) {
		set_recur(s, "YEARLY", 2);
		return 1;
	}
	if (word_is(s, i, "triennially") || word_is(s, i, "triennial")) {
		set_recur(s, "YEARLY", 3);
		return 1;
	}

	/* modifier [-] adverb: "bi-annually", "six monthly", "half-yearly" */
	j = i + 1;
	if (tok_is(s, j, TK_DASH))
		j++;
	k = word_in(s, j, adv);
	if (k >= 0) {
		const char *f = adv_freq[k];
		if (word_is(s, i, "bi")) {
			if (strcmp(f, "YEARLY") == 0)
				set_recur(s, "MONTHLY", 6);
			else if (strcmp(f, "MONTHLY") == 0)
				set_recur(s, "MONTHLY", 2);
			else if (strcmp(f, "WEEKLY") == 0)
				set_recur(s, "WEEKLY", 2);
			else
				return 0;
			return j + 1 - i;
		}
		if (word_is(s, i, "half") || word_is(s, i, "semi") ||
		    word_is(s, i, "twice")) {
			/* twice a month is about every two weeks; twice a
			 * week or a day needs named days, which we do not
			 * guess: read nothing rather than a wrong rule */
			if (strcmp(f, "YEARLY") == 0)
				set_recur(s, "MONTHLY", 6);
			else if (strcmp(f, "MONTHLY") == 0)
				set_recur(s, "WEEKLY", 2);
			return j + 1 - i;
		}
		n = small_num(s, i);
		if (n) {
			set_recur(s, f, n);
			return j + 1 - i;
		}
	}

	/* "each/every [other] [N] unit", "each Jan" */
	if (word_in(s, i, each) >= 0) {
		int mult = 1;
		j = i + 1;
		if (word_is(s, j, "other") || word_is(s, j, "alternate"))
			mult = 2, j++;
		n = small_num(s, j);
		if (n)
			j++;
		else
			n = 1;
		while (word_is(s, j, "financial") || word_is(s, j, "calendar") ||
		       word_is(s, j, "academic"))
			j++;
		k = word_in(s, j, units);
		if (k >= 0) {
			set_recur(s, unit_freq[k], n * mult * unit_mult[k]);
			return j + 1 - i;
		}
		if (j == i + 1 && month_of(s, j)) {
			set_recur(s, "YEARLY", 1);
			return 1;
		}
		return 0;
	}

	/* "once a year", "twice a year", "three times a year" */
	n = 0;
	j = i + 1;
	if (word_is(s, i, "once"))
		n = 1;
	else if (word_is(s, i, "twice"))
		n = 2;
	else if (word_is(s, i, "thrice"))
		n = 3;
	else if (small_num(s, i) && word_is(s, i + 1, "times"))
		n = small_num(s, i), j = i + 2;
	if (n) {
		if (word_in(s, j, art) >= 0)
			j++;
		k = word_in(s, j, units);
		if (k < 0)
			return 0;
		if (strcmp(unit_freq[k], "YEARLY") == 0) {
			if (12 % n == 0)
				set_recur(s, "MONTHLY", 12 / n);
		} else if (n == 1) {
			set_recur(s, unit_freq[k], unit_mult[k]);
		} else if (n == 2 && strcmp(unit_freq[k], "MONTHLY") == 0 &&
			   unit_mult[k] == 1) {
			set_recur(s, "WEEKLY", 2);
		}
		/* other counts ("five times a year", "twice a week") have no
		 * plain interval: the words are read, no rule is made */
		return j + 1 - i;
	}
	return 0;
}

/* Week markers at i: "w/c", "w/b", "w/e", "wc", "wb", "week commencing",
 * "week beginning", "week starting", "week ending", "week of". Sets
 * p_week; returns tokens read. */
static int parse_week(struct scan *s, int i)
{
	static const char *const wk[] = {"week", "wk", NULL};
	if (word_is(s, i, "w") && tok_is(s, i + 1, TK_SLASH)) {
		if (word_is(s, i + 2, "c") || word_is(s, i + 2, "b")) {
			s->p_week = 1;
			return 3;
		}
		if (word_is(s, i + 2, "e")) {
			s->p_week = -1;
			return 3;
		}
	}
	if (word_is(s, i, "wc") || word_is(s, i, "wb")) {
		s->p_week = 1;
		return 1;
	}
	if (word_in(s, i, wk) >= 0) {
		if (word_is(s, i + 1, "commencing") ||
		    word_is(s, i + 1, "beginning") ||
		    word_is(s, i + 1, "starting") || word_is(s, i + 1, "of")) {
			s->p_week = 1;
			return 2;
		}
		if (word_is(s, i + 1, "ending")) {
			s->p_week = -1;
			return 2;
		}
	}
	return 0;
}

/* 1 when a date expression starts at token i (after "the"). */
static int date_follows(const struct scan *s, int i)
{
	struct atom a;
	if (word_is(s, i, "the"))
		i++;
	return parse_atom(s, i, &a) > 0 && a.kind != AT_NONE;
}

/* Words that hand the timing to someone else's timetable or to an event
 * at token i: "in line with", "timetable", "within six months of",
 * "when", "following", "subject to", "TBC" ... Returns tokens read. */
static int parse_external(struct scan *s, int i)
{
	static const char *const single[] = {
		"timetable", "timetables", "timetabled", "when", "whenever",
		"tbc", "tba", "tbd", "upon", "awaiting", "pending",
		"dependent", "depends", "depending", "contingent", "accordance",
		"according", "once", NULL};
	static const char *const tobe[] = {
		"confirmed", "agreed", "decided", "determined", "arranged",
		"set", "announced", "fixed", "scheduled", "advised", NULL};
	static const char *const as[] = {"required", "needed", "necessary",
					 "appropriate", "and", NULL};
	int k;

	if (word_in(s, i, single) >= 0) {
		s->external = 1;
		return 1;
	}
	if (word_is(s, i, "line") && word_is(s, i + 1, "with")) {
		s->external = 1;
		return 2;
	}
	if (word_is(s, i, "subject") && word_is(s, i + 1, "to")) {
		s->external = 1;
		return 2;
	}
	if (word_is(s, i, "to") && word_is(s, i + 1, "be") &&
	    word_in(s, i + 2, tobe) >= 0) {
		s->external = 1;
		return 3;
	}
	if (word_is(s, i, "as") && word_in(s, i + 1, as) >= 0) {
		s->external = 1;
		return 2;
	}
	if (word_is(s, i, "within")) {
		for (k = 1; k <= 4; k++)
			if (is_unit(s, i + k)) {
				s->external = 1;
				return k + 1;
			}
		return 1;
	}
	if (word_is(s, i, "following") || word_is(s, i, "after")) {
		if (date_follows(s, i + 1))
			s->p_from = 1;
		else
			s->external = 1;
		return 1;
	}
	return 0;
}

/* Markers and small words at token i: deadlines ("by", "end of", "no
 * later than", "before", "until"), starts ("from", "since", "onwards"),
 * "ongoing", "then", ";" and "between". Returns tokens read (1 when the
 * token is simply skipped). */
static int parse_marker(struct scan *s, int i)
{
	static const char *const by[] = {"by", "end", "until", "till", "til",
					 "due", "deadline", "ending", NULL};
	static const char *const from[] = {"from", "since", "starting",
					   "start", "starts", "commencing",
					   "commence", "commences", NULL};
	static const char *const ongo[] = {
		"ongoing", "continuous", "continuously", "continuing",
		"continual", "continually", "continue", "continues", NULL};
	static const char *const then[] = {"then", "thereafter", "afterwards",
					   NULL};
	static const char *const filler[] = {
		"the", "of", "a", "an", "at", "in", "on", "no", "not", "later",
		"financial", "calendar", "year", "close", "beginning", "monday",
		"tuesday", "wednesday", "thursday", "friday", "mon", "tue",
		"wed", "thu", "fri", NULL};

	if (tok_is(s, i, TK_SEMI)) {
		s->p_by = s->p_before = s->p_from = s->p_week = 0;
		s->p_between = 0;
		return 1;
	}
	if (word_is(s, i, "latest")) {
		/* "March 2012 at the latest" */
		if (s->n_ev) {
			s->ev[s->n_ev - 1].by = 1;
			s->ev[s->n_ev - 1].from = 0;
		}
		return 1;
	}
	if (word_in(s, i, by) >= 0) {
		s->p_by = 1;
		return 1;
	}
	if (word_is(s, i, "than") && word_is(s, i - 1, "later")) {
		s->p_by = 1;
		return 1;
	}
	if (word_is(s, i, "before")) {
		s->p_before = 1;
		return 1;
	}
	if (word_in(s, i, from) >= 0) {
		s->p_from = 1;
		return 1;
	}
	if (word_is(s, i, "onwards") || word_is(s, i, "onward")) {
		if (s->n_ev && !s->ev[s->n_ev - 1].by)
			s->ev[s->n_ev - 1].from = 1;
		return 1;
	}
	if (word_in(s, i, ongo) >= 0) {
		s->ongoing = 1;
		return 1;
	}
	if (word_is(s, i, "on")) {
		int j = i + 1;
		if (tok_is(s, j, TK_DASH))
			j++;
		if (word_is(s, j, "going")) {
			s->ongoing = 1;
			return j + 1 - i;
		}
		return 1;
	}
	if (word_in(s, i, then) >= 0) {
		if (s->n_ev)
			s->then_after_event = 1;
		s->p_by = s->p_before = s->p_from = 0;
		return 1;
	}
	if (word_is(s, i, "between")) {
		s->p_between = 1;
		return 1;
	}
	/* a marker waits for its date only across small words: "by the
	 * end of March", not "by the Board ... 2011-12" */
	if (tok_is(s, i, TK_NUM) ||
	    (tok_is(s, i, TK_WORD) && word_in(s, i, filler) < 0))
		s->p_by = s->p_before = s->p_from = s->p_week =
			s->p_between = 0;
	return 1;
}

/* Read every token, left to right, into s. */
static void scan_tokens(struct scan *s)
{
	int i = 0;

	while (i < s->n) {
		struct atom a, b;
		int k = parse_atom(s, i, &a);

		if (k > 0) {
			int j = i + k, sep;
			if (a.kind != AT_NONE && a.kind != AT_BAD &&
			    (sep = range_sep(s, j)) > 0) {
				int k2 = parse_atom(s, j + sep, &b);
				int r = k2 ? join_range(&a, &b) : 0;
				if (r > 0) {
					/* "from X to Y" has its own end */
					s->p_from = 0;
					k = j + sep + k2 - i;
				}
				else if (r < 0 || b.kind == AT_BAD) {
					s->bad = 1;
					k = j + sep + k2 - i;
				}
			}
			if (a.kind == AT_BAD)
				s->bad = 1;
			else if ((a.kind == AT_DAY || a.kind == AT_MONTH) &&
				 a.y == 0)
				add_noyear(s, &a);
			else if (a.kind != AT_NONE)
				add_event(s, &a, i + k);
			i += k;
			continue;
		}
		k = parse_week(s, i);
		if (!k)
			k = parse_recur(s, i);
		if (!k)
			k = parse_external(s, i);
		if (!k)
			k = parse_marker(s, i);
		i += k;
	}
}

/* ------------------------------------------------------------------ */
/* Deciding                                                            */

/* Write the RRULE for the recurrence read; a yearly rule names the
 * months written without a year ("Each Jan", "31 August (annually)"). */
static void write_rrule(const struct scan *s, char *out, size_t cap)
{
	size_t len;
	int m, first = 1;

	len = (size_t)snprintf(out, cap, "FREQ=%s", s->freq);
	if (s->interval > 1 && len < cap)
		len += (size_t)snprintf(out + len, cap - len, ";INTERVAL=%d",
					s->interval);
	if (strcmp(s->freq, "YEARLY") != 0 || !s->months)
		return;
	for (m = 1; m <= 12 && len < cap; m++) {
		if (!(s->months & (1u << m)))
			continue;
		len += (size_t)snprintf(out + len, cap - len, "%s%d",
					first ? ";BYMONTH=" : ",", m);
		first = 0;
	}
	if (s->n_noyear == 1 && s->n_noyear_days == 1 && len < cap)
		snprintf(out + len, cap - len, ";BYMONTHDAY=%d", s->noyear_day);
}

/* Fill out from the events when no ongoing word or anchored recurrence
 * decided it: one deadline, one span, or a compound of several. */
static void decide_dates(const struct scan *s, struct timescale *out)
{
	const struct event *e = &s->ev[0];
	struct date lo = {0, 0, 0}, hi = {0, 0, 0};
	enum ts_precision plo = TS_PREC_NONE, phi = TS_PREC_NONE;
	int i;

	if (s->n_ev == 1) {
		if (e->by || (e->point && !e->from)) {
			out->kind = TS_DATE;
			out->due = e->due;
		} else if (e->from) {
			out->kind = TS_ONGOING;
			out->start = e->start;
		} else {
			out->kind = TS_PERIOD;
			out->start = e->start;
			out->due = e->due;
		}
		out->precision = e->prec;
		return;
	}
	for (i = 0; i < s->n_ev; i++) {
		e = &s->ev[i];
		if (!e->by && (lo.y == 0 || date_cmp(e->start, lo) < 0))
			lo = e->start, plo = e->prec;
		if (!e->from && (hi.y == 0 || date_cmp(e->due, hi) > 0))
			hi = e->due, phi = e->prec;
	}
	if (hi.y == 0) {
		out->kind = TS_ONGOING;
		out->start = lo;
		out->precision = plo;
	} else if (lo.y == 0 || date_cmp(lo, hi) > 0) {
		out->kind = TS_DATE;
		out->due = hi;
		out->precision = phi;
	} else {
		out->kind = TS_PERIOD;
		out->start = lo;
		out->due = hi;
		out->precision = phi;
	}
}

/* Turn the scan into the reading (see docs/timescales.md for the rules
 * in order). */
static void decide(const struct scan *s, struct timescale *out)
{
	const struct event *e = &s->ev[0];
	int marked = 0, i;

	if (s->bad)
		return;
	for (i = 0; i < s->n_ev; i++)
		marked |= s->ev[i].by || s->ev[i].from || s->ev[i].week;
	if (s->external && !s->recur && !s->ongoing && !marked) {
		out->kind = TS_EXTERNAL;
		return;
	}
	if (!s->n_ev && !s->recur && !s->ongoing)
		return;
	if (s->recur)
		write_rrule(s, out->rrule, sizeof out->rrule);

	if (s->ongoing) {
		out->kind = TS_ONGOING;
		if (s->n_ev) {
			if (e->by || (e->comma_after && !e->from))
				out->due = e->due;
			else
				out->start = e->start;
			out->precision = e->prec;
		}
		return;
	}
	if (s->recur &&
	    (!s->n_ev || s->then_after_event || e->from || e->week)) {
		out->kind = TS_RECURRING;
		if (s->n_ev) {
			if (!e->by)
				out->start = e->start;
			if (!e->from)
				out->due = e->due;
			out->precision = e->prec;
		}
		return;
	}
	decide_dates(s, out);
}

int timescale_parse(const char *text, struct timescale *out)
{
	struct tok toks[MAX_TOKS];
	struct scan s;
	int n;

	if (!out)
		return -1;
	memset(out, 0, sizeof *out);
	if (!text)
		return -1;
	n = tokenize(text, toks, MAX_TOKS);
	if (n <= 0)
		return -1;
	memset(&s, 0, sizeof s);
	s.t = toks;
	s.n = n;
	scan_tokens(&s);
	decide(&s, out);

	/* belt and braces: never hand back an impossible reading */
	if (out->start.y && !date_valid(out->start.y, out->start.m,
					out->start.d))
		memset(&out->start, 0, sizeof out->start);
	if (out->due.y && !date_valid(out->due.y, out->due.m, out->due.d))
		memset(&out->due, 0, sizeof out->due);
	if (out->start.y && out->due.y && date_cmp(out->due, out->start) < 0)
		memset(&out->start, 0, sizeof out->start);
	if (!out->start.y && !out->due.y)
		out->precision = TS_PREC_NONE;
	return out->kind == TS_UNKNOWN ? -1 : 0;
}

const char *timescale_kind_name(enum ts_kind k)
{
	switch (k) {
	case TS_DATE:
		return "date";
	case TS_PERIOD:
		return "period";
	case TS_RECURRING:
		return "recurring";
	case TS_ONGOING:
		return "ongoing";
	case TS_EXTERNAL:
		return "external";
	case TS_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *timescale_precision_name(enum ts_precision p)
{
	switch (p) {
	case TS_PREC_DAY:
		return "day";
	case TS_PREC_MONTH:
		return "month";
	case TS_PREC_QUARTER:
		return "quarter";
	case TS_PREC_YEAR:
		return "year";
	case TS_PREC_NONE:
		break;
	}
	return "none";
}

/* The value of KEY= in a rule such as "FREQ=YEARLY;BYMONTH=1,7", as a
 * pointer into rule ending at ';' or NUL; NULL when absent. */
static const char *rule_part(const char *rule, const char *key)
{
	size_t k = strlen(key);
	const char *p = rule;
	while (p && *p) {
		if (!strncmp(p, key, k) && p[k] == '=')
			return p + k + 1;
		p = strchr(p, ';');
		if (p)
			p++;
	}
	return NULL;
}

/* The number at p (a rule's digits; 0 when there are none or too many). */
static int rule_num(const char *p)
{
	long v = 0;
	int n = 0;
	while (p && is_digit((unsigned char)*p) && n < 4)
		v = v * 10 + (*p++ - '0'), n++;
	return (int)v;
}

void timescale_rrule_words(const char *rrule, char *out, size_t cap)
{
	static const struct {
		const char *freq, *one, *many;
	} units[] = {{"YEARLY", "year", "years"}, {"MONTHLY", "month", "months"},
		     {"WEEKLY", "week", "weeks"}, {"DAILY", "day", "days"}};
	const char *freq = rrule ? rule_part(rrule, "FREQ") : NULL;
	const char *iv = rrule ? rule_part(rrule, "INTERVAL") : NULL;
	const char *bm = rrule ? rule_part(rrule, "BYMONTH") : NULL;
	const char *bd = rrule ? rule_part(rrule, "BYMONTHDAY") : NULL;
	int interval = iv ? rule_num(iv) : 1, u = -1, i, day = bd ? rule_num(bd) : 0;
	size_t len;

	for (i = 0; freq && i < (int)(sizeof units / sizeof units[0]); i++)
		if (!strncmp(freq, units[i].freq, strlen(units[i].freq)))
			u = i;
	if (u < 0 || interval < 1 || interval > 99) {
		snprintf(out, cap, "repeats");
		return;
	}
	if (interval == 1)
		len = (size_t)snprintf(out, cap, "every %s", units[u].one);
	else
		len = (size_t)snprintf(out, cap, "every %d %s", interval, units[u].many);
	if (!bm || u != 0 || len >= cap)
		return;
	len += (size_t)snprintf(out + len, cap - len, day ? " on" : " in");
	for (i = 0; *bm && *bm != ';' && len < cap; i++) {
		int m = rule_num(bm);
		const char *next = strchr(bm, ',');
		const char *end = strchr(bm, ';');
		int last = !next || (end && next > end);
		if (m < 1 || m > 12)
			break;
		if (day)
			len += (size_t)snprintf(out + len, cap - len, "%s%d %s",
						i ? (last ? " and " : ", ") : " ", day,
						date_month_name(m));
		else
			len += (size_t)snprintf(out + len, cap - len, "%s%s",
						i ? (last ? " and " : ", ") : " ", date_month_name(m));
		if (last)
			break;
		bm = next + 1;
	}
}
