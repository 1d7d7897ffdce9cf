/* period: the documented forms of a monitoring period (see period.h). */
#include "core/period.h"

#include <stdio.h>
#include <string.h>

#include "core/dates.h"

/* 1 when the n bytes at s are all ASCII digits. */
static int digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* The number the n digits at s spell. */
static int num(const char *s, size_t n)
{
	int v = 0;
	size_t i;
	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Bytes of s to quote in a message: at most 40, not cutting a UTF-8
 * character. */
static int quoted(const char *s, size_t n)
{
	if (n > 40) {
		n = 40;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	return (int)n;
}

/* ERR_DATA: "'s' is not a period[: reason]. Write <the forms>[; hint]". */
static int bad(struct err *e, const char *s, size_t n, const char *reason, const char *hint)
{
	return err_set(e, ERR_DATA, "'%.*s' is not a period%s%s. Write " PERIOD_FORMS "%s%s",
		       quoted(s, n), s, reason[0] ? ": " : "", reason, hint[0] ? "; " : "", hint);
}

/* Why the day y-mo-da is not a period, and which month to write. */
static void day_reason(int y, int mo, int da, char *reason, size_t rsize, char *hint,
		       size_t hsize)
{
	static const char whole[] = "a period is a whole month, quarter or year";
	if (mo < 1 || mo > 12) {
		snprintf(reason, rsize, "it looks like a day, but there is no month %d, and %s, "
			 "not a day", mo, whole);
		return;
	}
	if (!date_valid(y, mo, da))
		snprintf(reason, rsize, "it looks like a day, but %s %d has no day %d, and %s, "
			 "not a day", date_month_name(mo), y, da, whole);
	else
		snprintf(reason, rsize, "it is a day, and %s", whole);
	snprintf(hint, hsize, "for %s %d: %04d-%02d", date_month_name(mo), y, y, mo);
}

/* Why s, which is not a period, is not one, and what to write instead
 * (each "" when there is nothing particular to say). */
static void diagnose(const char *s, size_t n, char *reason, size_t rsize, char *hint,
		     size_t hsize)
{
	const char *p = s + 5;
	size_t m = 0, d = 0;

	reason[0] = hint[0] = '\0';
	if (n == 0) {
		snprintf(reason, rsize, "it is blank");
		return;
	}
	if (s[0] == ' ' || s[n - 1] == ' ') {
		snprintf(reason, rsize, "it has spaces before or after it");
		return;
	}
	if (n >= 4 && digits(s, 4) && num(s, 4) < 1000) {
		snprintf(reason, rsize, "years run from 1000 to 9999");
		return;
	}
	/* YYYY-M[M]-D[D]: a day */
	if (n >= 8 && digits(s, 4) && s[4] == '-') {
		while (m < 3 && p[m] >= '0' && p[m] <= '9')
			m++;
		if (m >= 1 && m <= 2 && p[m] == '-') {
			const char *q = p + m + 1;
			while (d < 3 && q[d] >= '0' && q[d] <= '9')
				d++;
			if (d >= 1 && d <= 2 && (size_t)(q + d - s) == n) {
				day_reason(num(s, 4), num(p, m), num(q, d), reason, rsize, hint,
					   hsize);
				return;
			}
		}
	}
	/* YYYY-M: a month with one digit */
	if (n == 6 && digits(s, 4) && s[4] == '-' && digits(s + 5, 1) && s[5] != '0') {
		snprintf(reason, rsize, "a month has two digits");
		snprintf(hint, hsize, "for %s %d: %.4s-0%c", date_month_name(s[5] - '0'), num(s, 4), s,
			 s[5]);
		return;
	}
	/* FYYYYY-YYYY: the second year in full */
	if (n == 11 && (s[0] == 'F' || s[0] == 'f') && (s[1] == 'Y' || s[1] == 'y') &&
	    digits(s + 2, 4) && s[6] == '-' && digits(s + 7, 4) &&
	    num(s + 7, 4) == num(s + 2, 4) + 1) {
		snprintf(reason, rsize, "a financial year's second year has two digits");
		snprintf(hint, hsize, "for April %d to March %d: FY%.4s-%.2s", num(s + 2, 4),
			 num(s + 7, 4), s + 2, s + 9);
		return;
	}
}

/* For YYYY-YY that is not a month but whose years follow: the financial
 * year it may mean, into hint. */
static void fy_hint(const char *s, char *hint, size_t hsize)
{
	int y = num(s, 4);
	if (num(s + 5, 2) == (y + 1) % 100 && y + 1 <= 9999)
		snprintf(hint, hsize, "for April %d to March %d: FY%s", y, y + 1, s);
}

int period_parse(const char *s, struct period *out, struct err *e)
{
	size_t n = strlen(s);
	char reason[160], hint[96];
	int y, k;

	memset(out, 0, sizeof *out);
	reason[0] = hint[0] = '\0';
	if (n == 4 && digits(s, 4) && (y = num(s, 4)) >= 1000) {
		out->kind = PERIOD_YEAR;
		out->start = (struct date){y, 1, 1};
		out->end = (struct date){y, 12, 31};
	} else if (n == 6 && digits(s, 4) && (s[4] == 'Q' || s[4] == 'q') && digits(s + 5, 1) &&
		   (y = num(s, 4)) >= 1000) {
		k = s[5] - '0';
		if (k < 1 || k > 4) {
			snprintf(reason, sizeof reason, "there is no quarter %d (Q1 is January to "
				 "March, Q4 October to December)", k);
			return bad(e, s, n, reason, hint);
		}
		out->kind = PERIOD_QUARTER;
		out->start = (struct date){y, 3 * k - 2, 1};
		out->end = date_end_of_month(y, 3 * k);
	} else if (n == 7 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) &&
		   (y = num(s, 4)) >= 1000) {
		k = num(s + 5, 2);
		if (k < 1 || k > 12) {
			snprintf(reason, sizeof reason, "there is no month %d (months run from "
				 "%d-01 to %d-12)", k, y, y);
			fy_hint(s, hint, sizeof hint);
			return bad(e, s, n, reason, hint);
		}
		out->kind = PERIOD_MONTH;
		out->start = (struct date){y, k, 1};
		out->end = date_end_of_month(y, k);
	} else if (n == 9 && (s[0] == 'F' || s[0] == 'f') && (s[1] == 'Y' || s[1] == 'y') &&
		   digits(s + 2, 4) && s[6] == '-' && digits(s + 7, 2) &&
		   (y = num(s + 2, 4)) >= 1000) {
		if (y + 1 > 9999)
			return bad(e, s, n, "years run from 1000 to 9999", "");
		if (num(s + 7, 2) != (y + 1) % 100) {
			snprintf(reason, sizeof reason, "a financial year runs from April to the "
				 "next March, so its second year is the year after the first");
			snprintf(hint, sizeof hint, "for April %d to March %d: FY%d-%02d", y, y + 1,
				 y, (y + 1) % 100);
			return bad(e, s, n, reason, hint);
		}
		out->kind = PERIOD_FY;
		out->start = (struct date){y, 4, 1};
		out->end = (struct date){y + 1, 3, 31};
	} else {
		diagnose(s, n, reason, sizeof reason, hint, sizeof hint);
		return bad(e, s, n, reason, hint);
	}
	memcpy(out->text, s, n + 1);
	if (out->kind == PERIOD_QUARTER)
		out->text[4] = 'Q';
	if (out->kind == PERIOD_FY)
		out->text[0] = 'F', out->text[1] = 'Y';
	out->key = ((long)out->end.y * 100 + out->end.m) * 10 +
		   (out->kind == PERIOD_MONTH ? 1 : out->kind == PERIOD_QUARTER ? 2 : 3);
	return 0;
}

int period_cmp(const struct period *a, const struct period *b)
{
	return (a->key > b->key) - (a->key < b->key);
}

const char *period_kind_name(enum period_kind k)
{
	switch (k) {
	case PERIOD_MONTH:
		return "month";
	case PERIOD_QUARTER:
		return "quarter";
	case PERIOD_YEAR:
		return "year";
	case PERIOD_FY:
		return "financial year";
	}
	return "unknown";
}

void period_words(const char *text, char out[PERIOD_WORDS])
{
	struct period p;
	if (!text || period_parse(text, &p, NULL) < 0) {
		snprintf(out, PERIOD_WORDS, "%s", text ? text : "");
		return;
	}
	switch (p.kind) {
	case PERIOD_MONTH:
		snprintf(out, PERIOD_WORDS, "%s %d", date_month_name(p.start.m), p.start.y);
		break;
	case PERIOD_QUARTER:
		snprintf(out, PERIOD_WORDS, "%s to %s %d", date_month_name(p.start.m),
			 date_month_name(p.end.m), p.end.y);
		break;
	case PERIOD_YEAR:
		snprintf(out, PERIOD_WORDS, "%d", p.start.y);
		break;
	case PERIOD_FY:
		snprintf(out, PERIOD_WORDS, "%s %d to %s %d", date_month_name(p.start.m), p.start.y,
			 date_month_name(p.end.m), p.end.y);
		break;
	}
}
