/*
 * test_problems: the count of an extract's problems by kind, column and
 * value (monitor/problems.c): counts and first lines, the cap past which
 * values are counted together, parts added up in file order giving what
 * one reading gives, and the words each count is described with.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "monitor/internal.h"

static const char *describe(const struct mon_tally_entry *x)
{
	static char out[256];
	struct buf b = BUF_INIT;
	mon_tally_describe(x, &b);
	snprintf(out, sizeof out, "%s", buf_str(&b));
	buf_free(&b);
	return out;
}

Test(tally, counts_by_kind_and_value)
{
	struct mon_tally *t = mon_tally_new();
	const struct mon_tally_entry *v;
	size_t n;
	mon_tally_add(t, MP_CODE, 5, "ethnicity", "W4", 1, 22, 24);
	mon_tally_add(t, MP_CODE, 5, "ethnicity", "W4", 1, 30, 32);
	mon_tally_add(t, MP_CODE, 5, "ethnicity", "W4", 1, 3, 5);
	mon_tally_add(t, MP_CODE, 3, "sex", "X", 1, 7, 9);
	mon_tally_add(t, MP_DUPLICATE, 0, "person_id", NULL, 2, 40, 42);
	mon_tally_add(t, MP_FIELDS, -1, "", NULL, 1, 50, 52);
	mon_tally_add(t, MP_STAGE, 11, "completed", "completed is 1 but started is 0", 1, 8, 10);
	cr_assert_eq(mon_tally_total(t), 8);
	v = mon_tally_entries(t, &n);
	cr_assert_eq(n, 5);
	cr_assert_str_eq(describe(&v[0]), "ethnicity 'W4' is not known");
	cr_assert_eq(v[0].rows, 3);
	cr_assert_eq(v[0].first_line, 5, "the earliest, not the first added");
	cr_assert_str_eq(describe(&v[1]), "person_id: a person id seen on an earlier row");
	cr_assert_eq(v[1].rows, 2);
	cr_assert_str_eq(describe(&v[2]), "sex 'X' is not known", "ties: the earlier row first");
	cr_assert_str_eq(describe(&v[3]), "completed is 1 but started is 0");
	cr_assert_str_eq(describe(&v[4]), "rows with the wrong number of fields");
	mon_tally_free(t);
	mon_tally_free(NULL);
}

Test(tally, values_past_the_cap_are_counted_together)
{
	struct mon_tally *t = mon_tally_new();
	const struct mon_tally_entry *v;
	char s[32];
	size_t n;
	int i;
	for (i = 0; i < MON_TALLY_VALUES + 50; i++) {
		snprintf(s, sizeof s, "Z%d", i);
		mon_tally_add(t, MP_CODE, 5, "ethnicity", s, 1, i + 1, i + 2);
	}
	mon_tally_add(t, MP_CODE, 5, "ethnicity", "Z3", 1, 5000, 5001); /* listed: counted */
	mon_tally_add(t, MP_CODE, 5, "ethnicity", "Z1010", 1, 5000, 5001); /* past the cap */
	cr_assert(mon_tally_overflowed(t));
	cr_assert_eq(mon_tally_total(t), MON_TALLY_VALUES + 52);
	v = mon_tally_entries(t, &n);
	cr_assert_eq(n, MON_TALLY_VALUES + 1);
	cr_assert_str_eq(describe(&v[0]), "ethnicity 'Z3' is not known");
	cr_assert_eq(v[0].rows, 2);
	cr_assert(v[n - 1].other, "the other values last");
	cr_assert_eq(v[n - 1].rows, 51);
	cr_assert_eq(v[n - 1].first_line, MON_TALLY_VALUES + 2);
	cr_assert(strstr(describe(&v[n - 1]), "other values") != NULL);
	mon_tally_free(t);
}

/* Rows 1..N counted at once, or as two parts added up in file order,
 * give the same counts (what ops.c does with the parts of a file). */
Test(tally, parts_add_up_to_the_whole)
{
	struct mon_tally *all = mon_tally_new(), *p1 = mon_tally_new(), *p2 = mon_tally_new(),
			 *sum = mon_tally_new();
	const struct mon_tally_entry *a, *b;
	size_t na, nb, i;
	int row;
	for (row = 1; row <= 1500; row++) {
		char s[32];
		snprintf(s, sizeof s, "V%d", (row * 7) % 900);
		mon_tally_add(all, MP_CODE, 5, "ethnicity", s, 1, row, row + 1);
		mon_tally_add(row <= 700 ? p1 : p2, MP_CODE, 5, "ethnicity", s, 1,
			      row <= 700 ? row : row - 700, row <= 700 ? row + 1 : row - 699);
		if (row % 10 == 0) {
			mon_tally_add(all, MP_BLANK_ID, 0, "person_id", NULL, 1, row, row + 1);
			mon_tally_add(row <= 700 ? p1 : p2, MP_BLANK_ID, 0, "person_id", NULL, 1,
				      row <= 700 ? row : row - 700, row <= 700 ? row + 1 : row - 699);
		}
	}
	mon_tally_merge(sum, p1, 0, 0);
	mon_tally_merge(sum, p2, 700, 700);
	a = mon_tally_entries(all, &na);
	b = mon_tally_entries(sum, &nb);
	cr_assert_eq(na, nb);
	for (i = 0; i < na; i++) {
		cr_assert_eq(a[i].rows, b[i].rows, "entry %zu", i);
		cr_assert_eq(a[i].first_line, b[i].first_line, "entry %zu", i);
		cr_assert_eq(a[i].kind, b[i].kind);
		cr_assert((a[i].value == NULL) == (b[i].value == NULL));
		if (a[i].value)
			cr_assert_str_eq(a[i].value, b[i].value);
	}
	mon_tally_free(all);
	mon_tally_free(p1);
	mon_tally_free(p2);
	mon_tally_free(sum);
}
