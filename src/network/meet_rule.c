/*
 * network/meet_rule.c: the words of 'parity meeting series add' (--every,
 * --on, --time) made into an RFC 5545 rule, and the rule's dates computed
 * by libical. Pure: no database (fuzz/fuzz_meet_rule.c).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

#include "core/str.h"
#include "network/meet.h"

static const char *const day_names[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
					 "Thursday", "Friday", "Saturday"};
static const char *const day_codes[7] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

const char *meet_weekday_name(int wday)
{
	return wday >= 0 && wday < 7 ? day_names[wday] : "";
}

int meet_every_parse(const char *s, int *months, struct err *e)
{
	long n;
	const char *dash;
	if (!s || !*s)
		goto bad;
	if (!strcasecmp(s, "month") || !strcasecmp(s, "monthly")) {
		*months = 1;
		return 0;
	}
	if (!strcasecmp(s, "quarter") || !strcasecmp(s, "quarterly")) {
		*months = 3;
		return 0;
	}
	if (!strcasecmp(s, "year") || !strcasecmp(s, "yearly") || !strcasecmp(s, "annually")) {
		*months = 12;
		return 0;
	}
	dash = strchr(s, '-');
	if (dash && (!strcasecmp(dash + 1, "months") || !strcasecmp(dash + 1, "month")) &&
	    dash - s > 0 && dash - s <= 2) {
		char num[3] = {0};
		memcpy(num, s, (size_t)(dash - s));
		if (str_to_int(num, 1, 12, &n) == 0) {
			*months = (int)n;
			return 0;
		}
	}
bad:
	return err_set(e, ERR_USAGE, "--every: '%s' is not a period we can repeat; use month, "
		       "N-months (2-months, up to 12-months), quarter or year", s ? s : "");
}

int meet_on_parse(const char *s, int *nth, int *wday, struct err *e)
{
	static const char *const ords[] = {"1st", "2nd", "3rd", "4th", "last",
					   "first", "second", "third", "fourth"};
	static const int ord_n[] = {1, 2, 3, 4, -1, 1, 2, 3, 4};
	char word[16], day[16];
	size_t i, len;
	const char *sp;
	if (!s)
		goto bad;
	while (*s == ' ')
		s++;
	sp = strchr(s, ' ');
	if (!sp || (size_t)(sp - s) >= sizeof word)
		goto bad;
	memcpy(word, s, (size_t)(sp - s));
	word[sp - s] = '\0';
	while (*sp == ' ')
		sp++;
	len = strlen(sp);
	while (len && sp[len - 1] == ' ')
		len--;
	if (!len || len >= sizeof day)
		goto bad;
	memcpy(day, sp, len);
	day[len] = '\0';
	*nth = 0;
	for (i = 0; i < sizeof ords / sizeof ords[0]; i++)
		if (!strcasecmp(word, ords[i]))
			*nth = ord_n[i];
	if (!*nth)
		goto bad;
	if (len > 1 && (day[len - 1] == 's' || day[len - 1] == 'S'))
		day[len - 1] = '\0'; /* "2nd Tuesdays" */
	for (i = 0; i < 7; i++)
		if (!strcasecmp(day, day_names[i]) ||
		    (strlen(day) == 3 && !strncasecmp(day, day_names[i], 3))) {
			*wday = (int)i;
			return 0;
		}
bad:
	return err_set(e, ERR_USAGE, "--on: '%s' is not a day of the month we can repeat; use "
		       "1st, 2nd, 3rd, 4th or last and a weekday, such as \"2nd Tuesday\"",
		       s ? s : "");
}

static int hhmm(const char *s, size_t n, char out[6])
{
	int h, m;
	if (n == 4 && isdigit((unsigned char)s[0]) && s[1] == ':') {
		h = s[0] - '0';
		s++;
	} else if (n == 5 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
		   s[2] == ':') {
		h = (s[0] - '0') * 10 + (s[1] - '0');
		s += 2;
	} else {
		return -1;
	}
	if (!isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[2]))
		return -1;
	m = (s[1] - '0') * 10 + (s[2] - '0');
	if (h > 23 || m > 59)
		return -1;
	snprintf(out, 6, "%02u:%02u", (unsigned)h % 24u, (unsigned)m % 60u);
	return 0;
}

int meet_time_parse(const char *s, char start[6], char end[6], struct err *e)
{
	const char *dash = s ? strchr(s, '-') : NULL;
	if (!dash || hhmm(s, (size_t)(dash - s), start) < 0 ||
	    hhmm(dash + 1, strlen(dash + 1), end) < 0)
		return err_set(e, ERR_USAGE, "--time: '%s' is not a start and end time; use 24-hour "
			       "times such as 18:00-20:00", s ? s : "");
	if (strcmp(end, start) <= 0)
		return err_set(e, ERR_USAGE, "--time: the meeting must end after it starts (%s)", s);
	return 0;
}

void meet_rrule(int months, int nth, int wday, struct date until, int count, struct buf *out)
{
	buf_printf(out, "FREQ=MONTHLY;INTERVAL=%d;BYDAY=%d%s", months, nth,
		   day_codes[wday >= 0 && wday < 7 ? wday : 0]);
	if (until.y)
		buf_printf(out, ";UNTIL=%04d%02d%02d", until.y, until.m, until.d);
	else if (count > 0)
		buf_printf(out, ";COUNT=%d", count);
}

int meet_occurrences(const char *rrule, struct date dtstart, struct date last, struct date *out,
		     int max, int *n, struct err *e)
{
	struct icalrecurrencetype rec;
	struct icaltimetype dt, o;
	icalrecur_iterator *it;
	char ymd[16];
	int guard;
	*n = 0;
	icalerror_set_errno(ICAL_NO_ERROR);
	rec = icalrecurrencetype_from_string(rrule);
	if (rec.freq == ICAL_NO_RECURRENCE)
		return err_set(e, ERR_DATA, "the rule '%s' cannot be read", rrule);
	/* icaltime_from_string sets every field the iterator reads */
	snprintf(ymd, sizeof ymd, "%04d%02d%02d", dtstart.y % 10000, dtstart.m % 100,
		 dtstart.d % 100);
	dt = icaltime_from_string(ymd);
	it = icalrecur_iterator_new(rec, dt);
	if (!it)
		return err_set(e, ERR_DATA, "the rule '%s' cannot be read", rrule);
	for (guard = 0; guard < 10000 && *n < max; guard++) {
		struct date d;
		o = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(o))
			break;
		d.y = o.year, d.m = o.month, d.d = o.day;
		if (date_cmp(d, last) > 0)
			break;
		if (date_cmp(d, dtstart) < 0)
			continue;
		out[(*n)++] = d;
	}
	icalrecur_iterator_free(it);
	return 0;
}

void meet_time_words(const char *t, char out[12])
{
	int h = 0, m = 0;
	if (sscanf(t, "%d:%d", &h, &m) != 2) {
		snprintf(out, 12, "%s", t);
		return;
	}
	if (h == 12 && m == 0) {
		snprintf(out, 12, "midday");
		return;
	}
	if (m)
		snprintf(out, 12, "%d:%02d%s", h % 12 ? h % 12 : 12, m % 60, h < 12 ? "am" : "pm");
	else
		snprintf(out, 12, "%d%s", h % 12 ? h % 12 : 12, h < 12 ? "am" : "pm");
}

int meet_slug_ok(const char *s, struct err *e)
{
	size_t n = s ? strlen(s) : 0;
	if (n && n <= 40 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n && s[0] != '-')
		return 0;
	return err_set(e, ERR_USAGE, "the series name '%s' must be 1 to 40 lowercase letters, "
		       "digits and dashes, such as regional-south", s ? s : "");
}
