/* dates: Gregorian calendar arithmetic and parsing (see dates.h). */
#include "core/dates.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int date_days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= date_days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil algorithm (public domain description). */
long date_to_days(struct date dt)
{
	long y = dt.y - (dt.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (dt.m + 9) % 12;
	long doy = (153 * mp + 2) / 5 + dt.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct date date_from_days(long z)
{
	struct date r;
	long era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(y + (r.m <= 2));
	return r;
}

struct date date_add_days(struct date d, long n)
{
	return date_from_days(date_to_days(d) + n);
}

struct date date_end_of_month(int y, int m)
{
	struct date d = {y, m, date_days_in_month(y, m)};
	return d;
}

int date_cmp(struct date a, struct date b)
{
	if (a.y == 0 || b.y == 0)
		return (a.y == 0) - (b.y == 0);
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

const char *date_month_name(int m)
{
	static const char *const months[] = {"January", "February", "March",	 "April",
					     "May",	"June",	    "July",	 "August",
					     "September", "October", "November", "December"};
	return m >= 1 && m <= 12 ? months[m - 1] : "";
}

void date_long(struct date d, char out[32])
{
	if (!d.y || d.m < 1 || d.m > 12) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 32, "%d %s %d", d.d, date_month_name(d.m), d.y);
}

/* The day number of the last Sunday of month m of year y. */
static long last_sunday(int y, int m)
{
	long days = date_to_days(date_end_of_month(y, m));
	/* 1970-01-01 was a Thursday: (days + 4) % 7 is 0 on a Sunday. */
	long wd = ((days + 4) % 7 + 7) % 7;
	return days - wd;
}

struct date date_of_iso(const char *iso)
{
	struct date d = {0, 0, 0};
	if (!iso || strlen(iso) < 10 || sscanf(iso, "%4d-%2d-%2d", &d.y, &d.m, &d.d) != 3 ||
	    !date_valid(d.y, d.m, d.d))
		d = (struct date){0, 0, 0};
	return d;
}

void date_iso_words(const char *iso, char out[48])
{
	struct date d = date_of_iso(iso);
	char w[32];
	if (!d.y) {
		snprintf(out, 48, "%s", iso ? iso : "");
		return;
	}
	date_long(d, w);
	snprintf(out, 48, "%s", w);
}

void date_when_uk(const char *iso, char out[48])
{
	int y, mo, d, h, mi, n = 0;
	long day, minute, start, end;
	struct date dt;
	char words[32];

	if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5 || n != 16 ||
	    !date_valid(y, mo, d) || h > 23 || mi > 59 || h < 0 || mi < 0) {
		snprintf(out, 48, "%s", iso ? iso : "");
		return;
	}
	dt.y = y;
	dt.m = mo;
	dt.d = d;
	day = date_to_days(dt);
	minute = day * 1440 + h * 60 + mi;
	start = last_sunday(y, 3) * 1440 + 60;
	end = last_sunday(y, 10) * 1440 + 60;
	if (minute >= start && minute < end)
		minute += 60;
	day = minute / 1440;
	h = (int)(minute % 1440 / 60);
	mi = (int)(minute % 60);
	date_long(date_from_days(day), words);
	snprintf(out, 48, "%s, %d:%02d%s", words, h % 12 ? h % 12 : 12, mi, h < 12 ? "am" : "pm");
}

void date_format(struct date d, char out[11])
{
	if (d.y == 0)
		out[0] = '\0';
	else
		snprintf(out, 11, "%04u-%02u-%02u", (unsigned)d.y % 10000u,
			 (unsigned)d.m % 100u, (unsigned)d.d % 100u);
}

struct date date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	struct date d = {0, 0, 0};
	if (localtime_r(&t, &tm)) {
		d.y = tm.tm_year + 1900;
		d.m = tm.tm_mon + 1;
		d.d = tm.tm_mday;
	}
	return d;
}

/* Reads up to maxd digits; returns the count read (0 = none). */
static int read_num(const char **p, int maxd, int *out)
{
	int n = 0, v = 0;
	while (n < maxd && isdigit((unsigned char)**p)) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*out = v;
	return n;
}

int date_parse_user(const char *s, const char *what, struct date *out,
		    struct err *e)
{
	const char *p = s;
	int a, b, c, na, nb, nc;

	na = read_num(&p, 4, &a);
	if (na == 4 && *p == '-') {
		p++;
		nb = read_num(&p, 2, &b);
		if (nb && *p == '-') {
			p++;
			nc = read_num(&p, 2, &c);
			if (nc && *p == '\0' && date_valid(a, b, c)) {
				out->y = a, out->m = b, out->d = c;
				return 0;
			}
		}
	} else if (na >= 1 && na <= 2 && *p == '/') {
		p++;
		nb = read_num(&p, 2, &b);
		if (nb && *p == '/') {
			p++;
			nc = read_num(&p, 4, &c);
			if (nc == 2)
				c += 2000;
			if ((nc == 2 || nc == 4) && *p == '\0' &&
			    date_valid(c, b, a)) {
				out->y = c, out->m = b, out->d = a;
				return 0;
			}
		}
	}
	return err_set(e, ERR_DATA,
		       "%s: '%s' is not a valid date; write it as YYYY-MM-DD "
		       "(2012-03-31) or day/month/year (31/3/2012)",
		       what, s);
}

void date_iso_at(time_t t, char out[21])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void date_day_at(time_t t, char out[11])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void date_now_iso(char out[21])
{
	date_iso_at(time(NULL), out);
}
