/*
 * test_core: the infrastructure helpers of src/core that every room leans
 * on — the growable buffer (buf.h), sticky errors (err.h), calendar dates
 * (dates.h), string helpers (str.h), output escaping (escape.h) and the
 * shared option parser (cli.h). Wide input spaces (dates, trimming,
 * escaping, integer parsing, option errors) are tables of cases; strings
 * under test are copied to exact-size heap blocks where the function reads
 * or writes in place, so ASan catches any access past the NUL.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/cli.h"
#include "core/dates.h"
#include "core/err.h"
#include "core/escape.h"
#include "core/str.h"
#include "core/xalloc.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ buf */

Test(buf, empty_buffer_reads_as_empty_string)
{
	struct buf b = BUF_INIT;
	cr_assert_null(b.data);
	cr_assert_str_eq(buf_str(&b), "");
	cr_assert_eq(b.len, 0);
	buf_free(&b);
	cr_assert_null(b.data);
}

Test(buf, append_puts_putc_concatenate)
{
	struct buf b = BUF_INIT;
	buf_append(&b, "abcdef", 3);
	buf_puts(&b, "-xyz");
	buf_putc(&b, '!');
	buf_append(&b, "ignored", 0);
	cr_assert_str_eq(buf_str(&b), "abc-xyz!");
	cr_assert_eq(b.len, 8);
	cr_assert_eq(b.data[b.len], '\0');
	cr_assert_geq(b.cap, b.len + 1);
	cr_assert_eq(b.failed, 0);
	buf_free(&b);
}

Test(buf, append_zero_bytes_to_fresh_buffer_gives_empty_string)
{
	struct buf b = BUF_INIT;
	buf_append(&b, "", 0);
	cr_assert_not_null(b.data);
	cr_assert_str_eq(b.data, "");
	cr_assert_eq(b.len, 0);
	buf_free(&b);
}

Test(buf, embedded_nul_is_kept_in_length)
{
	struct buf b = BUF_INIT;
	buf_append(&b, "a\0b", 3);
	cr_assert_eq(b.len, 3);
	cr_assert_eq(memcmp(b.data, "a\0b", 4), 0);
	buf_free(&b);
}

Test(buf, printf_formats_and_appends)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "n=");
	buf_printf(&b, "%d, s=%s, x=%04x, f=%.2f", 42, "str", 0xbeef, 2.5);
	cr_assert_str_eq(buf_str(&b), "n=42, s=str, x=beef, f=2.50");
	cr_assert_eq(b.len, strlen("n=42, s=str, x=beef, f=2.50"));
	buf_printf(&b, "%s", "");
	cr_assert_eq(b.len, strlen("n=42, s=str, x=beef, f=2.50"));
	buf_free(&b);
}

Test(buf, grows_past_64_bytes)
{
	struct buf b = BUF_INIT;
	char expect[1001];
	int i;

	for (i = 0; i < 1000; i++) {
		buf_putc(&b, (char)('a' + i % 26));
		expect[i] = (char)('a' + i % 26);
	}
	expect[1000] = '\0';
	cr_assert_eq(b.len, 1000);
	cr_assert_geq(b.cap, 1001);
	cr_assert_str_eq(buf_str(&b), expect);
	cr_assert_eq(b.failed, 0);
	buf_free(&b);
}

Test(buf, printf_longer_than_initial_capacity)
{
	struct buf b = BUF_INIT;
	char big[300];
	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	buf_printf(&b, "<%s>", big);
	cr_assert_eq(b.len, 301);
	cr_assert_eq(b.data[0], '<');
	cr_assert_eq(b.data[300], '>');
	cr_assert_eq(b.data[301], '\0');
	cr_assert_eq(b.data[150], 'q');
	buf_free(&b);
}

Test(buf, cap_refuses_append_sets_failed_and_stops_growing)
{
	struct buf b = BUF_INIT;
	char chunk[60];
	size_t cap_before;

	memset(chunk, 'x', sizeof chunk);
	b.max = 100;
	buf_append(&b, chunk, 50);
	cr_assert_eq(b.failed, 0);
	cr_assert_eq(b.len, 50);
	cap_before = b.cap;

	buf_append(&b, chunk, 60); /* 50 + 60 + NUL > 100 */
	cr_assert_eq(b.failed, 1);
	cr_assert_eq(b.len, 50, "refused append must not change the length");
	cr_assert_eq(b.cap, cap_before, "refused append must not grow");
	cr_assert_eq(strlen(buf_str(&b)), 50);

	/* sticky: even a small append that would fit is refused now */
	buf_putc(&b, 'y');
	buf_printf(&b, "%d", 7);
	cr_assert_eq(b.failed, 1);
	cr_assert_eq(b.len, 50);
	cr_assert_eq(b.cap, cap_before);
	buf_free(&b);
}

Test(buf, cap_counts_the_terminating_nul)
{
	struct buf b = BUF_INIT;
	char chunk[100];
	memset(chunk, 'x', sizeof chunk);

	b.max = 100;
	buf_append(&b, chunk, 99); /* 99 + NUL == 100: fits exactly */
	cr_assert_eq(b.failed, 0);
	cr_assert_eq(b.len, 99);
	buf_putc(&b, 'y'); /* one more would need 101 */
	cr_assert_eq(b.failed, 1);
	cr_assert_eq(b.len, 99);
	buf_free(&b);
}

/* Regression: appending exactly `max` bytes in one call used to slip past
 * the cap (max - extra - 1 wrapped around to SIZE_MAX), so a buffer
 * capped at 100 bytes accepted 100 more on top of what it held. */
Test(buf, append_of_exactly_max_bytes_is_refused)
{
	struct buf b = BUF_INIT;
	char chunk[100];
	memset(chunk, 'x', sizeof chunk);

	b.max = 100;
	buf_append(&b, chunk, 100);
	cr_assert_eq(b.failed, 1);
	cr_assert_eq(b.len, 0);

	buf_reset(&b);
	buf_append(&b, chunk, 50);
	cr_assert_eq(b.failed, 0);
	buf_append(&b, chunk, 100);
	cr_assert_eq(b.failed, 1);
	cr_assert_eq(b.len, 50);
	buf_free(&b);
}

Test(buf, printf_past_cap_fails_without_writing)
{
	struct buf b = BUF_INIT;
	b.max = 16;
	buf_puts(&b, "abc");
	buf_printf(&b, "%s", "0123456789abcdefXYZ");
	cr_assert_eq(b.failed, 1);
	cr_assert_str_eq(buf_str(&b), "abc");
	buf_free(&b);
}

Test(buf, take_hands_ownership_and_empties)
{
	struct buf b = BUF_INIT;
	char *s;

	buf_puts(&b, "hello");
	s = buf_take(&b);
	cr_assert_str_eq(s, "hello");
	cr_assert_null(b.data);
	cr_assert_eq(b.len, 0);
	cr_assert_eq(b.cap, 0);
	cr_assert_str_eq(buf_str(&b), "");
	/* the buffer is usable again and independent of the taken string */
	buf_puts(&b, "again");
	cr_assert_str_eq(buf_str(&b), "again");
	cr_assert_str_eq(s, "hello");
	free(s);
	buf_free(&b);
}

Test(buf, take_of_empty_buffer_gives_fresh_empty_string)
{
	struct buf b = BUF_INIT;
	char *s = buf_take(&b);
	cr_assert_not_null(s);
	cr_assert_str_eq(s, "");
	free(s); /* must be a real heap block: ASan checks this free */
}

Test(buf, take_clears_failed)
{
	struct buf b = BUF_INIT;
	char *s;
	b.max = 4;
	buf_puts(&b, "abcdef");
	cr_assert_eq(b.failed, 1);
	s = buf_take(&b);
	cr_assert_str_eq(s, "");
	cr_assert_eq(b.failed, 0);
	free(s);
}

Test(buf, reset_empties_keeps_memory_and_clears_failed)
{
	struct buf b = BUF_INIT;
	char *mem;
	size_t cap;

	b.max = 32;
	buf_puts(&b, "some text");
	mem = b.data;
	cap = b.cap;
	buf_puts(&b, "this line is far too long for the cap");
	cr_assert_eq(b.failed, 1);

	buf_reset(&b);
	cr_assert_eq(b.len, 0);
	cr_assert_eq(b.failed, 0);
	cr_assert_str_eq(buf_str(&b), "");
	cr_assert_eq(b.data, mem, "reset must keep the allocation");
	cr_assert_eq(b.cap, cap);
	cr_assert_eq(b.max, 32, "reset must keep the cap");
	buf_puts(&b, "fresh");
	cr_assert_str_eq(buf_str(&b), "fresh");
	buf_free(&b);
}

Test(buf, reset_of_never_used_buffer)
{
	struct buf b = BUF_INIT;
	buf_reset(&b);
	cr_assert_null(b.data);
	cr_assert_str_eq(buf_str(&b), "");
}

/* ------------------------------------------------------------------ err */

Test(err, clear_empties)
{
	struct err e;
	memset(&e, 'z', sizeof e);
	err_clear(&e);
	cr_assert_eq(e.code, 0);
	cr_assert_str_eq(e.msg, "");
}

Test(err, set_returns_code_and_formats)
{
	struct err e;
	err_clear(&e);
	cr_assert_eq(err_set(&e, ERR_DATA, "line %d: bad '%s'", 7, "x"), ERR_DATA);
	cr_assert_eq(e.code, ERR_DATA);
	cr_assert_str_eq(e.msg, "line 7: bad 'x'");
}

Test(err, first_error_sticks)
{
	struct err e;
	err_clear(&e);
	err_set(&e, ERR_IO, "cannot read %s", "a.md");
	cr_assert_eq(err_set(&e, ERR_USAGE, "later problem"), ERR_USAGE,
		     "err_set still returns its own code");
	cr_assert_eq(e.code, ERR_IO);
	cr_assert_str_eq(e.msg, "cannot read a.md");
	err_clear(&e);
	err_set(&e, ERR_DB, "now");
	cr_assert_eq(e.code, ERR_DB);
	cr_assert_str_eq(e.msg, "now");
}

Test(err, set_with_null_err_just_returns_code)
{
	cr_assert_eq(err_set(NULL, ERR_NOTFOUND, "no %s", "thing"), ERR_NOTFOUND);
}

Test(err, prefix_adds_context)
{
	struct err e;
	err_clear(&e);
	err_set(&e, ERR_DATA, "line 3: no header row");
	err_prefix(&e, "%s", "plan.md");
	cr_assert_str_eq(e.msg, "plan.md: line 3: no header row");
	err_prefix(&e, "importing %d", 2);
	cr_assert_str_eq(e.msg, "importing 2: plan.md: line 3: no header row");
	cr_assert_eq(e.code, ERR_DATA);
}

Test(err, prefix_without_error_does_nothing)
{
	struct err e;
	err_clear(&e);
	err_prefix(&e, "%s", "plan.md");
	cr_assert_eq(e.code, 0);
	cr_assert_str_eq(e.msg, "");
	err_prefix(NULL, "%s", "no crash");
	cr_assert_eq(e.code, 0);
}

Test(err, long_message_is_truncated_safely)
{
	struct err e;
	char *big = xmalloc(2001);
	memset(big, 'm', 2000);
	big[2000] = '\0';

	err_clear(&e);
	err_set(&e, ERR_DATA, "%s", big);
	cr_assert_eq(e.code, ERR_DATA);
	cr_assert_eq(strlen(e.msg), sizeof e.msg - 1);
	cr_assert_eq(e.msg[0], 'm');
	cr_assert_eq(e.msg[sizeof e.msg - 2], 'm');

	/* prefixing a full message keeps it within the array */
	err_prefix(&e, "%s", "file.md");
	cr_assert_eq(strlen(e.msg), sizeof e.msg - 1);
	cr_assert_eq(strncmp(e.msg, "file.md: mmm", 12), 0);

	/* a prefix longer than the message array is itself cut short */
	err_prefix(&e, "%s", big);
	cr_assert_leq(strlen(e.msg), sizeof e.msg - 1);
	cr_assert_eq(e.msg[0], 'm');
	free(big);
}

Test(err, prefix_of_short_message_with_long_prefix)
{
	struct err e;
	char pre[700];
	memset(pre, 'p', sizeof pre - 1);
	pre[sizeof pre - 1] = '\0';

	err_clear(&e);
	err_set(&e, ERR_IO, "tail");
	err_prefix(&e, "%s", pre);
	/* the prefix is cut to its internal limit but the message survives */
	cr_assert_lt(strlen(e.msg), sizeof e.msg);
	cr_assert_eq(e.msg[0], 'p');
	cr_assert_eq(strcmp(e.msg + strlen(e.msg) - 6, ": tail"), 0, "%s",
		     e.msg + strlen(e.msg) - 6);
}

/* ---------------------------------------------------------------- dates */

struct valid_case {
	int y, m, d; /* candidate date */
	int valid;   /* expected date_valid result */
};

static const struct valid_case valid_cases[] = {
	{2011, 1, 1, 1},     {2011, 12, 31, 1},   {2011, 2, 28, 1},
	{2011, 2, 29, 0},    {2012, 2, 29, 1},    {2012, 2, 30, 0},
	{2000, 2, 29, 1},    {1900, 2, 29, 0},    {1900, 2, 28, 1},
	{2100, 2, 29, 0},    {2400, 2, 29, 1},    {2011, 4, 30, 1},
	{2011, 4, 31, 0},    {2011, 6, 31, 0},    {2011, 9, 31, 0},
	{2011, 11, 31, 0},   {2011, 7, 31, 1},    {2011, 8, 31, 1},
	{2011, 0, 1, 0},     {2011, 13, 1, 0},    {2011, 1, 0, 0},
	{2011, 1, 32, 0},    {0, 1, 1, 0},        {1, 1, 1, 1},
	{9999, 12, 31, 1},   {10000, 1, 1, 0},    {-1, 1, 1, 0},
	{2011, -1, 1, 0},    {2011, 1, -1, 0},
};

Test(dates, valid_table)
{
	size_t i;
	for (i = 0; i < N_OF(valid_cases); i++) {
		const struct valid_case *c = &valid_cases[i];
		cr_expect_eq(date_valid(c->y, c->m, c->d), c->valid,
			     "date_valid(%d, %d, %d) should be %d", c->y, c->m,
			     c->d, c->valid);
	}
}

Test(dates, days_in_month)
{
	static const int y2011[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int m;
	for (m = 1; m <= 12; m++)
		cr_expect_eq(date_days_in_month(2011, m), y2011[m - 1], "month %d", m);
	cr_assert_eq(date_days_in_month(2012, 2), 29);
	cr_assert_eq(date_days_in_month(2000, 2), 29);
	cr_assert_eq(date_days_in_month(1900, 2), 28);
	cr_assert_eq(date_days_in_month(2011, 0), 0);
	cr_assert_eq(date_days_in_month(2011, 13), 0);
}

struct days_case {
	struct date d; /* calendar date */
	long days;     /* days since 1970-01-01 */
};

static const struct days_case days_cases[] = {
	{{1970, 1, 1}, 0},	 {{1970, 1, 2}, 1},	  {{1969, 12, 31}, -1},
	{{1970, 12, 31}, 364},	 {{1972, 3, 1}, 790},	  {{2000, 1, 1}, 10957},
	{{2000, 3, 1}, 11017},	 {{2011, 4, 1}, 15065},	  {{2012, 2, 29}, 15399},
	{{2038, 1, 19}, 24855},	 {{1900, 1, 1}, -25567},  {{1, 1, 1}, -719162},
	{{9999, 12, 31}, 2932896},
};

Test(dates, known_day_numbers)
{
	size_t i;
	for (i = 0; i < N_OF(days_cases); i++) {
		const struct days_case *c = &days_cases[i];
		struct date back = date_from_days(c->days);
		cr_expect_eq(date_to_days(c->d), c->days, "%04d-%02d-%02d",
			     c->d.y, c->d.m, c->d.d);
		cr_expect(back.y == c->d.y && back.m == c->d.m && back.d == c->d.d,
			  "from_days(%ld) gave %d-%d-%d", c->days, back.y, back.m,
			  back.d);
	}
}

/* Every day from 1833 to 2106: day numbers map back to themselves, each
 * date is valid, and consecutive day numbers are consecutive dates. */
Test(dates, round_trip_over_100k_days)
{
	long n;
	struct date prev = date_from_days(-50001);

	for (n = -50000; n <= 50000; n++) {
		struct date d = date_from_days(n);
		cr_assert(date_valid(d.y, d.m, d.d), "day %ld gave %d-%d-%d", n,
			  d.y, d.m, d.d);
		cr_assert_eq(date_to_days(d), n, "day %ld", n);
		if (prev.d < date_days_in_month(prev.y, prev.m))
			cr_assert(d.y == prev.y && d.m == prev.m && d.d == prev.d + 1,
				  "day %ld", n);
		else if (prev.m < 12)
			cr_assert(d.y == prev.y && d.m == prev.m + 1 && d.d == 1,
				  "day %ld", n);
		else
			cr_assert(d.y == prev.y + 1 && d.m == 1 && d.d == 1,
				  "day %ld", n);
		cr_assert_lt(date_cmp(prev, d), 0, "day %ld", n);
		prev = d;
	}
}

struct add_case {
	struct date from; /* start */
	long n;		  /* days to add */
	struct date to;	  /* expected */
};

static const struct add_case add_cases[] = {
	{{2011, 1, 31}, 1, {2011, 2, 1}},     {{2011, 2, 28}, 1, {2011, 3, 1}},
	{{2012, 2, 28}, 1, {2012, 2, 29}},    {{2012, 2, 29}, 1, {2012, 3, 1}},
	{{2011, 12, 31}, 1, {2012, 1, 1}},    {{2012, 1, 1}, -1, {2011, 12, 31}},
	{{2012, 3, 1}, -1, {2012, 2, 29}},    {{2011, 3, 1}, -1, {2011, 2, 28}},
	{{2012, 1, 31}, 30, {2012, 3, 1}},    {{2011, 4, 30}, 0, {2011, 4, 30}},
	{{2011, 1, 1}, 365, {2012, 1, 1}},    {{2012, 1, 1}, 366, {2013, 1, 1}},
	{{2011, 10, 1}, 90, {2011, 12, 30}},  {{1999, 12, 31}, 1, {2000, 1, 1}},
	{{2000, 2, 28}, 1, {2000, 2, 29}},    {{1900, 2, 28}, 1, {1900, 3, 1}},
	{{2011, 6, 15}, -366, {2010, 6, 14}},
};

Test(dates, add_days_across_month_and_year_ends)
{
	size_t i;
	for (i = 0; i < N_OF(add_cases); i++) {
		const struct add_case *c = &add_cases[i];
		struct date r = date_add_days(c->from, c->n);
		cr_expect(r.y == c->to.y && r.m == c->to.m && r.d == c->to.d,
			  "%d-%d-%d %+ld gave %d-%d-%d, want %d-%d-%d", c->from.y,
			  c->from.m, c->from.d, c->n, r.y, r.m, r.d, c->to.y,
			  c->to.m, c->to.d);
	}
}

Test(dates, end_of_month)
{
	static const struct {
		int y, m, d; /* year, month, expected last day */
	} cases[] = {
		{2011, 1, 31}, {2011, 2, 28}, {2012, 2, 29}, {2000, 2, 29},
		{1900, 2, 28}, {2011, 4, 30}, {2011, 6, 30}, {2011, 9, 30},
		{2011, 11, 30}, {2011, 12, 31}, {2011, 7, 31}, {2011, 8, 31},
	};
	size_t i;
	for (i = 0; i < N_OF(cases); i++) {
		struct date r = date_end_of_month(cases[i].y, cases[i].m);
		cr_expect(r.y == cases[i].y && r.m == cases[i].m && r.d == cases[i].d,
			  "%d-%d: got %d-%d-%d", cases[i].y, cases[i].m, r.y, r.m,
			  r.d);
	}
}

Test(dates, cmp_orders_and_puts_no_date_last)
{
	struct date none = {0, 0, 0};
	struct date a = {2011, 12, 31}, b = {2012, 1, 1}, c = {2012, 1, 2},
		    d = {2012, 2, 1}, a2 = {2011, 12, 31};

	cr_assert_lt(date_cmp(a, b), 0);
	cr_assert_gt(date_cmp(b, a), 0);
	cr_assert_lt(date_cmp(b, c), 0);
	cr_assert_lt(date_cmp(c, d), 0);
	cr_assert_gt(date_cmp(d, b), 0);
	cr_assert_eq(date_cmp(a, a2), 0);
	cr_assert_gt(date_cmp(none, a), 0, "no date sorts after a date");
	cr_assert_lt(date_cmp(a, none), 0, "a date sorts before no date");
	cr_assert_gt(date_cmp(none, (struct date){9999, 12, 31}), 0);
	cr_assert_eq(date_cmp(none, none), 0);
}

Test(dates, format)
{
	static const struct {
		struct date d;	    /* input */
		const char *expect; /* formatted */
	} cases[] = {
		{{2012, 3, 31}, "2012-03-31"},
		{{2011, 1, 1}, "2011-01-01"},
		{{5, 7, 9}, "0005-07-09"},
		{{9999, 12, 31}, "9999-12-31"},
		{{0, 0, 0}, ""},
	};
	size_t i;
	for (i = 0; i < N_OF(cases); i++) {
		char out[11];
		memset(out, 'x', sizeof out);
		date_format(cases[i].d, out);
		cr_expect_str_eq(out, cases[i].expect);
	}
}

Test(dates, today_is_a_valid_date)
{
	struct date t = date_today();
	cr_assert(date_valid(t.y, t.m, t.d), "%d-%d-%d", t.y, t.m, t.d);
	cr_assert_gt(t.y, 1970);
}

struct parse_ok_case {
	const char *text; /* as typed */
	struct date d;	  /* expected */
};

static const struct parse_ok_case parse_ok[] = {
	{"2012-03-31", {2012, 3, 31}}, {"31/3/2012", {2012, 3, 31}},
	{"31/03/12", {2012, 3, 31}},   {"2012-3-31", {2012, 3, 31}},
	{"2012-02-29", {2012, 2, 29}}, {"29/2/2000", {2000, 2, 29}},
	{"1/1/2011", {2011, 1, 1}},    {"01/01/11", {2011, 1, 1}},
	{"2011-12-1", {2011, 12, 1}},  {"9/9/99", {2099, 9, 9}},
};

Test(dates, parse_user_accepts)
{
	size_t i;
	for (i = 0; i < N_OF(parse_ok); i++) {
		struct date d = {0, 0, 0};
		struct err e;
		char *s = xstrdup(parse_ok[i].text); /* exact size for ASan */
		int rc;

		err_clear(&e);
		rc = date_parse_user(s, "--as-of", &d, &e);
		cr_expect_eq(rc, 0, "'%s': %s", s, e.msg);
		cr_expect_eq(e.code, 0, "'%s'", s);
		cr_expect(d.y == parse_ok[i].d.y && d.m == parse_ok[i].d.m &&
				  d.d == parse_ok[i].d.d,
			  "'%s' gave %d-%d-%d", s, d.y, d.m, d.d);
		free(s);
	}
}

static const char *const parse_bad[] = {
	"2011-02-30", "31/13/2012", "2012-3-31x", "",	   "29/2/2011",
	"1900-02-29", "2012-00-10", "2012-01-00", "0/1/2012", "32/1/2012",
	"2012/03/31", "31-03-2012", "31/3/123",	  "31/3/12345", "12012-03-31",
	"2012-03-31 ", " 2012-03-31", "tomorrow", "31/3",	    "2012-03",
	"0000-01-01", "123/1/2012", "2012--31", "-1/2/2012",
};

Test(dates, parse_user_rejects_with_usage_error_naming_option)
{
	size_t i;
	for (i = 0; i < N_OF(parse_bad); i++) {
		struct date d = {7, 7, 7};
		struct err e;
		char *s = xstrdup(parse_bad[i]);
		char quoted[64];
		int rc;

		err_clear(&e);
		rc = date_parse_user(s, "--due-before", &d, &e);
		cr_expect_eq(rc, ERR_DATA, "'%s' should be refused", s);
		cr_expect_eq(e.code, ERR_DATA, "'%s'", s);
		cr_expect_not_null(strstr(e.msg, "--due-before"), "'%s': %s", s, e.msg);
		snprintf(quoted, sizeof quoted, "'%s'", s);
		cr_expect_not_null(strstr(e.msg, quoted), "'%s': %s", s, e.msg);
		cr_expect_not_null(strstr(e.msg, "YYYY-MM-DD"), "%s", e.msg);
		cr_expect(d.y == 7 && d.m == 7 && d.d == 7,
			  "'%s' changed the output", s);
		free(s);
	}
}

/* ------------------------------------------------------------------ str */

struct trim_case {
	const char *in;	    /* input */
	const char *expect; /* after trimming */
};

static const struct trim_case trim_cases[] = {
	{"", ""},
	{"abc", "abc"},
	{"  abc  ", "abc"},
	{"\t\r\n abc \n\t", "abc"},
	{"  a  b  ", "a  b"},
	{"   ", ""},
	{"\xC2\xA0" "abc" "\xC2\xA0", "abc"},
	{"\xC2\xA0 \xC2\xA0x y\xC2\xA0 \xC2\xA0", "x y"},
	{"\xC2\xA0", ""},
	{" \xC2\xA0\xC2\xA0 ", ""},
	{"caf\xC3\xA9 ", "caf\xC3\xA9"},
	{" \xC3\xA9", "\xC3\xA9"},
	{"a\xC2\xA0" "b", "a\xC2\xA0" "b"},
	{"x\xC2", "x\xC2"}, /* a lone lead byte is not whitespace */
	{"\xA0x", "\xA0x"}, /* nor a lone continuation byte */
};

Test(str, trim_table)
{
	size_t i;
	for (i = 0; i < N_OF(trim_cases); i++) {
		char *s = xstrdup(trim_cases[i].in);
		char *d = str_trim_dup(trim_cases[i].in);
		cr_expect_eq(str_trim(s), s, "str_trim returns its argument");
		cr_expect_str_eq(s, trim_cases[i].expect, "trim of case %zu", i);
		cr_expect_str_eq(d, trim_cases[i].expect, "trim_dup of case %zu", i);
		free(s);
		free(d);
	}
}

Test(str, trim_dup_of_null_is_empty)
{
	char *d = str_trim_dup(NULL);
	cr_assert_not_null(d);
	cr_assert_str_eq(d, "");
	free(d);
}

static const struct trim_case squeeze_cases[] = {
	{"", ""},
	{"a", "a"},
	{"  a   b \t c  ", "a b c"},
	{"a\n\nb", "a b"},
	{"a\xC2\xA0\xC2\xA0" "b", "a b"},
	{"\xC2\xA0lead and trail\xC2\xA0", "lead and trail"},
	{"   ", ""},
	{"one two", "one two"},
	{"caf\xC3\xA9  au   lait", "caf\xC3\xA9 au lait"},
};

Test(str, squeeze_table)
{
	size_t i;
	for (i = 0; i < N_OF(squeeze_cases); i++) {
		char *s = xstrdup(squeeze_cases[i].in);
		cr_expect_eq(str_squeeze(s), s);
		cr_expect_str_eq(s, squeeze_cases[i].expect, "case %zu", i);
		free(s);
	}
}

Test(str, eq_ci)
{
	cr_assert_eq(str_eq_ci("Plan", "PLAN"), 1);
	cr_assert_eq(str_eq_ci("plan", "plan"), 1);
	cr_assert_eq(str_eq_ci("", ""), 1);
	cr_assert_eq(str_eq_ci("plan", "plans"), 0);
	cr_assert_eq(str_eq_ci("plans", "plan"), 0);
	cr_assert_eq(str_eq_ci("plan", ""), 0);
	cr_assert_eq(str_eq_ci("a1-B", "A1-b"), 1);
	/* non-ASCII bytes are compared exactly: É and é differ */
	cr_assert_eq(str_eq_ci("\xC3\x89", "\xC3\xA9"), 0);
	cr_assert_eq(str_eq_ci("caf\xC3\xA9", "CAF\xC3\xA9"), 1);
}

Test(str, prefix_ci)
{
	cr_assert_eq(str_prefix_ci("Plan import", "PLAN"), 1);
	cr_assert_eq(str_prefix_ci("Plan", "plan"), 1);
	cr_assert_eq(str_prefix_ci("anything", ""), 1);
	cr_assert_eq(str_prefix_ci("", ""), 1);
	cr_assert_eq(str_prefix_ci("Pl", "plan"), 0);
	cr_assert_eq(str_prefix_ci("", "p"), 0);
	cr_assert_eq(str_prefix_ci("xplan", "plan"), 0);
}

Test(str, find_ci)
{
	const char *hay = "The Quick Brown Fox";
	cr_assert_eq(str_find_ci(hay, "quick"), hay + 4);
	cr_assert_eq(str_find_ci(hay, "FOX"), hay + 16);
	cr_assert_eq(str_find_ci(hay, "the"), hay);
	cr_assert_eq(str_find_ci(hay, ""), hay);
	cr_assert_null(str_find_ci(hay, "foxes"));
	cr_assert_null(str_find_ci(hay, "cat"));
	cr_assert_null(str_find_ci("", "a"));
	/* a partial match must not hide a later full one */
	hay = "aaab";
	cr_assert_eq(str_find_ci(hay, "AAB"), hay + 1);
}

Test(str, blank)
{
	cr_assert_eq(str_blank(NULL), 1);
	cr_assert_eq(str_blank(""), 1);
	cr_assert_eq(str_blank(" \t\r\n"), 1);
	cr_assert_eq(str_blank("\xC2\xA0 \xC2\xA0"), 1);
	cr_assert_eq(str_blank(" x "), 0);
	cr_assert_eq(str_blank("\xC2\xA0."), 0);
	cr_assert_eq(str_blank("\xC3\xA9"), 0);
}

struct int_case {
	const char *s; /* input */
	long lo, hi;   /* bounds */
	int rc;	       /* expected return */
	long v;	       /* expected value when rc == 0 */
};

static const struct int_case int_cases[] = {
	{"42", 0, 100, 0, 42},
	{"0", 0, 100, 0, 0},
	{"100", 0, 100, 0, 100},
	{"-5", -10, 10, 0, -5},
	{"-10", -10, 10, 0, -10},
	{"+7", 0, 10, 0, 7},
	{"007", 0, 10, 0, 7},
	{"101", 0, 100, -1, 0},
	{"-1", 0, 100, -1, 0},
	{"-11", -10, 10, -1, 0},
	{"", 0, 100, -1, 0},
	{" 5", 0, 100, -1, 0},
	{"5 ", 0, 100, -1, 0},
	{"5x", 0, 100, -1, 0},
	{"x5", 0, 100, -1, 0},
	{"0x10", 0, 100, -1, 0},
	{"1.5", 0, 100, -1, 0},
	{"-", -10, 10, -1, 0},
	{"+", 0, 10, -1, 0},
	{"99999999999999999999", 0, LONG_MAX, -1, 0},
	{"-99999999999999999999", LONG_MIN, 0, -1, 0},
	{"9223372036854775807", 0, LONG_MAX, 0, LONG_MAX},
	{"\xC2\xA0" "5", 0, 100, -1, 0},
};

Test(str, to_int_table)
{
	size_t i;
	for (i = 0; i < N_OF(int_cases); i++) {
		const struct int_case *c = &int_cases[i];
		long v = -12345;
		char *s = xstrdup(c->s);
		int rc = str_to_int(s, c->lo, c->hi, &v);
		cr_expect_eq(rc, c->rc, "'%s' in [%ld, %ld]", c->s, c->lo, c->hi);
		if (c->rc == 0)
			cr_expect_eq(v, c->v, "'%s'", c->s);
		else
			cr_expect_eq(v, -12345, "'%s' must leave *out alone", c->s);
		free(s);
	}
}

Test(str, to_int_null)
{
	long v = 3;
	cr_assert_eq(str_to_int(NULL, 0, 10, &v), -1);
	cr_assert_eq(v, 3);
}

/* --------------------------------------------------------------- escape */

struct esc_case {
	const char *in;	    /* input */
	const char *expect; /* escaped */
};

static void check_esc(void (*fn)(struct buf *, const char *), const char *name,
		      const struct esc_case *cases, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		struct buf b = BUF_INIT;
		char *s = xstrdup(cases[i].in);
		fn(&b, s);
		cr_expect_str_eq(buf_str(&b), cases[i].expect, "%s(\"%s\")", name,
				 cases[i].in);
		cr_expect_eq(b.failed, 0);
		buf_free(&b);
		free(s);
	}
}

static const struct esc_case html_cases[] = {
	{"", ""},
	{"plain text", "plain text"},
	{"a & b", "a &amp; b"},
	{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
	{"say \"hi\"", "say &quot;hi&quot;"},
	{"it's", "it&#39;s"},
	{"&amp;", "&amp;amp;"},
	{"\" onmouseover='x'", "&quot; onmouseover=&#39;x&#39;"},
	{"caf\xC3\xA9 <b>", "caf\xC3\xA9 &lt;b&gt;"},
	{"&<>\"'", "&amp;&lt;&gt;&quot;&#39;"},
};

Test(escape, html_table)
{
	check_esc(esc_html, "esc_html", html_cases, N_OF(html_cases));
}

static const struct esc_case csv_cases[] = {
	{"", ""},
	{"plain", "plain"},
	{"a b", "a b"},
	{"a,b", "\"a,b\""},
	{"say \"hi\"", "\"say \"\"hi\"\"\""},
	{"\"", "\"\"\"\""},
	{"line1\nline2", "\"line1\nline2\""},
	{"line1\r\nline2", "\"line1\r\nline2\""},
	{"=SUM(A1:A9)", "'=SUM(A1:A9)"},
	{"+441234", "'+441234"},
	{"-2", "'-2"},
	{"@cmd", "'@cmd"},
	{"\tx", "'\tx"},
	{"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
	{"=a,b", "\"'=a,b\""},
	{"\rx", "\"'\rx\""},
	{"a=b", "a=b"},
	{"x-1", "x-1"},
	{"caf\xC3\xA9", "caf\xC3\xA9"},
};

Test(escape, csv_table)
{
	check_esc(esc_csv, "esc_csv", csv_cases, N_OF(csv_cases));
}

static const struct esc_case md_cases[] = {
	{"", ""},
	{"plain", "plain"},
	{"a|b", "a\\|b"},
	{"a\\b", "a\\\\b"},
	{"l1\nl2", "l1 l2"},
	{"l1\r\nl2", "l1  l2"},
	{"|x|", "\\|x\\|"},
	{"*bold* `code`", "*bold* `code`"},
};

Test(escape, md_cell_table)
{
	check_esc(esc_md_cell, "esc_md_cell", md_cases, N_OF(md_cases));
}

Test(escape, null_appends_nothing_and_writers_append)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "x");
	esc_html(&b, NULL);
	esc_csv(&b, NULL);
	esc_md_cell(&b, NULL);
	cr_assert_str_eq(buf_str(&b), "x");
	esc_html(&b, "<");
	buf_putc(&b, ',');
	esc_csv(&b, "a,b");
	buf_putc(&b, ',');
	esc_md_cell(&b, "|");
	cr_assert_str_eq(buf_str(&b), "x&lt;,\"a,b\",\\|");
	buf_free(&b);
}

/* ------------------------------------------------------------------ cli */

/* Options every cli test parses against, and where they land. */
struct cli_fixture {
	const char *name;     /* --name / -n */
	const char *out;      /* --out / -o */
	int dry_run;	      /* --dry-run */
	int verbose;	      /* --verbose / -v */
	struct cli_multi tag; /* --tag / -t, repeatable */
	struct cli_opt opts[6];
	const char *pos[4];
	int n_pos;
	struct cli_ctx ctx;
	struct err e;
};

static void cli_fixture_init(struct cli_fixture *f)
{
	memset(f, 0, sizeof *f);
	f->opts[0] = (struct cli_opt){"name", 'n', CLI_STRING, &f->name};
	f->opts[1] = (struct cli_opt){"out", 'o', CLI_STRING, &f->out};
	f->opts[2] = (struct cli_opt){"dry-run", 0, CLI_FLAG, &f->dry_run};
	f->opts[3] = (struct cli_opt){"verbose", 'v', CLI_FLAG, &f->verbose};
	f->opts[4] = (struct cli_opt){"tag", 't', CLI_MULTI, &f->tag};
	f->opts[5] = (struct cli_opt){NULL, 0, CLI_FLAG, NULL};
	f->ctx.command = "plan list";
	f->ctx.out = stdout;
	f->ctx.warn = stderr;
	f->n_pos = -1;
	err_clear(&f->e);
}

static int cli_run(struct cli_fixture *f, int max_pos, int argc, char **argv)
{
	return cli_parse(&f->ctx, argc, argv, f->opts, f->pos, max_pos,
			 &f->n_pos, &f->e);
}

Test(cli, long_option_with_separate_value)
{
	struct cli_fixture f;
	char *argv[] = {"--name", "Main Plan"};
	cli_fixture_init(&f);
	cr_assert_eq(cli_run(&f, 2, 2, argv), 0, "%s", f.e.msg);
	cr_assert_str_eq(f.name, "Main Plan");
	cr_assert_eq(f.name, argv[1], "values point into argv");
	cr_assert_eq(f.n_pos, 0);
	cr_assert_eq(f.e.code, 0);
}

Test(cli, long_option_with_equals)
{
	struct cli_fixture f;
	char *argv[] = {"--name=a=b", "--out="};
	cli_fixture_init(&f);
	cr_assert_eq(cli_run(&f, 2, 2, argv), 0, "%s", f.e.msg);
	cr_assert_str_eq(f.name, "a=b");
	cr_assert_str_eq(f.out, "");
}

Test(cli, short_options)
{
	struct cli_fixture f;
	char *argv[] = {"-o", "report.html", "-v", "-n", "x"};
	cli_fixture_init(&f);
	cr_assert_eq(cli_run(&f, 2, 5, argv), 0, "%s", f.e.msg);
	cr_assert_str_eq(f.out, "report.html");
	cr_assert_str_eq(f.name, "x");
	cr_assert_eq(f.verbose, 1);
	cr_assert_eq(f.dry_run, 0);
}

Test(cli, flags_and_positionals_in_any_order)
{
	struct cli_fixture f;
	char *argv[] = {"first", "--dry-run", "second", "--verbose", "-"};
	cli_fixture_init(&f);
	cr_assert_eq(cli_run(&f, 3, 5, argv), 0, "%s", f.e.msg);
	cr_assert_eq(f.dry_run, 1);
	cr_assert_eq(f.verbose, 1);
	cr_assert_eq(f.n_pos, 3);
	cr_assert_str_eq(f.pos[0], "first");
	cr_assert_str_eq(f.pos[1], "second");
	cr_assert_str_eq(f.pos[2], "-", "a lone dash is a positional");
}

Test(cli, repeated_multi_keeps_order)
{
	struct cli_fixture f;
	char *argv[] = {"--tag", "a", "--tag=b", "-t", "c", "pos"};
	cli_fixture_init(&f);
	cr_assert_eq(cli_run(&f, 1, 6, argv), 0, "%s", f.e.msg);
	cr_assert_eq(f.tag.n_values, 3);
	cr_assert_str_eq(f.tag.values[0], "a");
	cr_assert_str_eq(f.tag.values[1], "b");
	cr_assert_str_eq(f.tag.values[2], "c");
	cr_assert_eq(f.n_pos, 1);
	cr_assert_str_eq(f.pos[0], "pos");
}

Test(cli, later_string_value_wins)
{
	struct cli_fixture f;
	char *argv[] = {"--name", "one", "--name", "two"};
	cli_fixture_init(&f);
	cr_assert_eq(cli_run(&f, 0, 4, argv), 0, "%s", f.e.msg);
	cr_assert_str_eq(f.name, "two");
}

Test(cli, value_may_start_with_dash)
{
	struct cli_fixture f;
	char *argv[] = {"--name", "-x", "-o", "--verbose"};
	cli_fixture_init(&f);
	cr_assert_eq(cli_run(&f, 0, 4, argv), 0, "%s", f.e.msg);
	cr_assert_str_eq(f.name, "-x");
	cr_assert_str_eq(f.out, "--verbose");
	cr_assert_eq(f.verbose, 0);
}

Test(cli, double_dash_ends_options)
{
	struct cli_fixture f;
	char *argv[] = {"-v", "--", "--name", "-o", "--"};
	cli_fixture_init(&f);
	cr_assert_eq(cli_run(&f, 4, 5, argv), 0, "%s", f.e.msg);
	cr_assert_eq(f.verbose, 1);
	cr_assert_null(f.name);
	cr_assert_null(f.out);
	cr_assert_eq(f.n_pos, 3);
	cr_assert_str_eq(f.pos[0], "--name");
	cr_assert_str_eq(f.pos[1], "-o");
	cr_assert_str_eq(f.pos[2], "--");
}

Test(cli, no_arguments)
{
	struct cli_fixture f;
	cli_fixture_init(&f);
	cr_assert_eq(cli_run(&f, 0, 0, NULL), 0);
	cr_assert_eq(f.n_pos, 0);
	cr_assert_eq(f.e.code, 0);
	cr_assert_null(f.name);
}

struct cli_bad_case {
	const char *args[6]; /* argv, NULL-terminated */
	int max_pos;	     /* positionals allowed */
	const char *want[3]; /* substrings the message must hold */
};

static const struct cli_bad_case cli_bad[] = {
	{{"--bogus"}, 1, {"unknown option '--bogus'", "'plan list'"}},
	{{"--bogus=1"}, 1, {"unknown option '--bogus=1'", "'plan list'"}},
	{{"-z"}, 1, {"unknown option '-z'", "'plan list'"}},
	{{"-ofile"}, 1, {"unknown option '-ofile'", "'plan list'"}},
	{{"--Name", "x"}, 1, {"unknown option '--Name'", "'plan list'"}},
	{{"--nam", "x"}, 1, {"unknown option '--nam'"}},
	{{"--n", "x"}, 1, {"unknown option '--n'"}},
	{{"--name"}, 1, {"--name", "needs a value", "'plan list'"}},
	{{"x", "-o"}, 1, {"--out", "needs a value"}},
	{{"--tag"}, 1, {"--tag", "needs a value"}},
	{{"--dry-run=yes"}, 1, {"--dry-run", "takes no value", "'plan list'"}},
	{{"--verbose="}, 1, {"--verbose", "takes no value"}},
	{{"a", "b"}, 1, {"unexpected argument 'b'", "'plan list'"}},
	{{"a"}, 0, {"unexpected argument 'a'"}},
	{{"--", "--name"}, 0, {"unexpected argument '--name'"}},
};

Test(cli, errors_are_usage_errors_naming_option_and_command)
{
	size_t i, k;
	for (i = 0; i < N_OF(cli_bad); i++) {
		const struct cli_bad_case *c = &cli_bad[i];
		struct cli_fixture f;
		char *argv[6];
		int argc = 0, rc;

		while (argc < 6 && c->args[argc]) {
			argv[argc] = xstrdup(c->args[argc]);
			argc++;
		}
		cli_fixture_init(&f);
		rc = cli_run(&f, c->max_pos, argc, argv);
		cr_expect_eq(rc, ERR_USAGE, "case %zu (%s) should fail", i,
			     c->args[0]);
		cr_expect_eq(f.e.code, ERR_USAGE, "case %zu", i);
		for (k = 0; k < 3 && c->want[k]; k++)
			cr_expect_not_null(strstr(f.e.msg, c->want[k]),
					   "case %zu: '%s' not in: %s", i,
					   c->want[k], f.e.msg);
		while (argc > 0)
			free(argv[--argc]);
	}
}

Test(cli, too_many_multi_values)
{
	struct cli_fixture f;
	char *argv[2 * 33];
	int i, rc;

	for (i = 0; i < 33; i++) {
		argv[2 * i] = "-t";
		argv[2 * i + 1] = "v";
	}
	cli_fixture_init(&f);
	rc = cli_run(&f, 0, 2 * 32, argv);
	cr_assert_eq(rc, 0, "32 values fit: %s", f.e.msg);
	cr_assert_eq(f.tag.n_values, 32);

	cli_fixture_init(&f);
	rc = cli_run(&f, 0, 2 * 33, argv);
	cr_assert_eq(rc, ERR_USAGE);
	cr_assert_eq(f.tag.n_values, 32);
	cr_assert_not_null(strstr(f.e.msg, "--tag"), "%s", f.e.msg);
	cr_assert_not_null(strstr(f.e.msg, "plan list"), "%s", f.e.msg);
}

Test(cli, null_option_table_rejects_every_option)
{
	struct cli_fixture f;
	char *argv[] = {"pos", "--anything"};
	int rc;
	cli_fixture_init(&f);
	rc = cli_parse(&f.ctx, 2, argv, NULL, f.pos, 1, &f.n_pos, &f.e);
	cr_assert_eq(rc, ERR_USAGE);
	cr_assert_not_null(strstr(f.e.msg, "'--anything'"), "%s", f.e.msg);
	cr_assert_eq(f.n_pos, 1);
	cr_assert_str_eq(f.pos[0], "pos");
}

/* Reader's dates: "30 September 2026", and UTC timestamps in UK local
 * time; the expected values were read from Python's zoneinfo
 * (Europe/London), not from our own rule. */
Test(dates, long_words)
{
	char out[32];
	date_long((struct date){2026, 9, 30}, out);
	cr_expect_str_eq(out, "30 September 2026");
	date_long((struct date){2012, 1, 1}, out);
	cr_expect_str_eq(out, "1 January 2012");
	date_long((struct date){0, 0, 0}, out);
	cr_expect_str_eq(out, "");
}

Test(dates, when_uk_time)
{
	static const char *const cases[][2] = {
		{"2026-03-29T00:59:00Z", "29 March 2026, 12:59am"},
		{"2026-03-29T01:00:00Z", "29 March 2026, 2:00am"},
		{"2026-10-25T00:59:59Z", "25 October 2026, 1:59am"},
		{"2026-10-25T01:00:00Z", "25 October 2026, 1:00am"},
		{"2026-12-03T17:16:31Z", "3 December 2026, 5:16pm"},
		{"2026-06-30T23:30:00Z", "1 July 2026, 12:30am"},
		{"2024-03-31T00:59:00Z", "31 March 2024, 12:59am"},
		{"2024-03-31T01:00:00Z", "31 March 2024, 2:00am"},
		{"2026-01-01T00:00:00Z", "1 January 2026, 12:00am"},
		{"2026-07-01T12:00:00Z", "1 July 2026, 1:00pm"},
		{"not a time", "not a time"},
		{"2026-02-30T10:00:00Z", "2026-02-30T10:00:00Z"},
	};
	char out[48];
	size_t i;
	for (i = 0; i < N_OF(cases); i++) {
		date_when_uk(cases[i][0], out);
		cr_expect_str_eq(out, cases[i][1], "%s", cases[i][0]);
	}
}

/* An ISO date or stamp in words for pages; anything else as it is. */
Test(dates, iso_words)
{
	static const char *const cases[][2] = {
		{"2028-03-31", "31 March 2028"},
		{"2026-12-04T10:00:00Z", "4 December 2026"},
		{"2026-02-30", "2026-02-30"},
		{"soon", "soon"},
		{"", ""},
	};
	char out[48];
	size_t i;
	for (i = 0; i < N_OF(cases); i++) {
		date_iso_words(cases[i][0], out);
		cr_expect_str_eq(out, cases[i][1], "%s", cases[i][0]);
	}
	date_iso_words(NULL, out);
	cr_expect_str_eq(out, "");
	cr_expect_eq(date_of_iso("2024-02-29").d, 29);
	cr_expect_eq(date_of_iso("2023-02-29").y, 0);
	cr_expect_eq(date_of_iso(NULL).y, 0);
}

Test(str, file_name_is_the_last_part_of_a_path)
{
	cr_assert_str_eq(str_file_name("/tmp/parity-x/q2.csv"), "q2.csv");
	cr_assert_str_eq(str_file_name("q2.csv"), "q2.csv");
	cr_assert_str_eq(str_file_name("data/demo/"), "");
	cr_assert_str_eq(str_file_name(NULL), "");
}
