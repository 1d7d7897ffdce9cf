/*
 * Tests of the duplicate check (src/monitor/dupcheck.c): ids given in
 * file order, as analyze gives them (numbered ids checked exactly in the
 * bitmap, every other id hashed into the filter), then the second reading
 * (dupcheck_seen), flag exactly the rows whose id an earlier row had.
 * The reference is a plain comparison of every id with every earlier one.
 * Covered: numbered ids of every length, the same number written with
 * more or fewer digits ("SU01" and "SU1" are two ids), other prefixes,
 * too many digits, letters among the digits, a first id that turns
 * numbered ids off, and two threads giving the same numbers at once.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "monitor/internal.h"

#define CELL 32 /* room for an id and CSV_CELL_SLACK */

static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Run ids[0..n) through pass 1 as part_scan does, then the later passes
 * as find_duplicates does; flag[i] = 1 when row i repeats an earlier id.
 * *numbered counts the ids the bitmap took. */
static void check(char (*ids)[CELL], size_t n, int *flag, size_t *numbered)
{
	struct dupcheck *d = dupcheck_new();
	size_t i;
	int pass, passes;
	*numbered = 0;
	for (i = 0; i < n; i++) {
		size_t len = strlen(ids[i]);
		int num = dupcheck_numbered(d, ids[i], len);
		if (num < 0) {
			unsigned char h[16];
			dupcheck_hash(d, ids[i], len, h);
			dupcheck_add(d, h, dupcheck_id_key(ids[i], len));
		} else {
			(*numbered)++;
		}
	}
	passes = dupcheck_passes(d, (int64_t)n);
	memset(flag, 0, n * sizeof *flag);
	for (pass = 0; pass < passes; pass++) {
		dupcheck_pass_begin(d, pass);
		for (i = 0; i < n; i++) {
			unsigned char h[16];
			dupcheck_hash(d, ids[i], strlen(ids[i]), h);
			if (dupcheck_seen(d, pass, passes, h))
				flag[i] = 1;
		}
	}
	dupcheck_free(d);
}

/* The reference: row i repeats when an earlier row has the same id. */
static void reference(char (*ids)[CELL], size_t n, int *flag)
{
	size_t i, k;
	for (i = 0; i < n; i++) {
		flag[i] = 0;
		for (k = 0; k < i && !flag[i]; k++)
			flag[i] = strcmp(ids[k], ids[i]) == 0;
	}
}

static void same_as_reference(char (*ids)[CELL], size_t n, size_t want_numbered_min)
{
	int *got = calloc(n, sizeof *got), *want = calloc(n, sizeof *want);
	size_t i, numbered, repeats = 0;
	check(ids, n, got, &numbered);
	reference(ids, n, want);
	for (i = 0; i < n; i++) {
		cr_assert_eq(got[i], want[i], "row %zu, id '%s': flagged %d, should be %d", i,
			     ids[i], got[i], want[i]);
		repeats += (size_t)want[i];
	}
	cr_assert_geq(numbered, want_numbered_min, "only %zu ids took the bitmap", numbered);
	cr_assert_gt(repeats, 0, "the ids should repeat");
	free(got);
	free(want);
}

Test(dupcheck, numbered_and_other_ids_flag_exactly_the_repeats)
{
	static char ids[3000][CELL];
	static const char *odd[] = {
		"SU",	     /* the prefix alone */
		"XU12",	     /* another prefix */
		"12",	     /* no prefix */
		"SU123456789", /* nine digits */
		"SU12a4",    /* a letter among the digits */
		"su12",	     /* another case */
		"SU-12",     /* a sign */
		"SU 12",
	};
	uint64_t s = 88172645463325252ull;
	size_t i;
	memset(ids, 0, sizeof ids);
	snprintf(ids[0], CELL, "SU0000001"); /* teaches the prefix SU */
	for (i = 1; i < 3000; i++) {
		uint64_t r = next(&s);
		switch (r % 4) {
		case 0: /* a number of 1 to 8 digits, from a small range */
		case 1: {
			int digits = 1 + (int)(r >> 8) % 8;
			snprintf(ids[i], CELL, "SU%0*u", digits, (unsigned)((r >> 16) % 400));
			break;
		}
		case 2: /* the same numbers, of fixed width */
			snprintf(ids[i], CELL, "SU%07u", (unsigned)((r >> 16) % 2000));
			break;
		default: /* not numbered: through the filter */
			snprintf(ids[i], CELL, "%s%u", odd[(r >> 8) % 8], (unsigned)((r >> 16) % 30));
			break;
		}
	}
	same_as_reference(ids, 3000, 1000);
}

Test(dupcheck, leading_zeros_make_another_id)
{
	static char ids[8][CELL];
	static const char *v[] = { "SU1", "SU01", "SU001", "SU1", "SU00000001", "SU0000001", "SU01", "SU00000001" };
	int got[8], want[8] = { 0, 0, 0, 1, 0, 0, 1, 1 };
	size_t i, numbered;
	memset(ids, 0, sizeof ids);
	for (i = 0; i < 8; i++)
		snprintf(ids[i], CELL, "%s", v[i]);
	check(ids, 8, got, &numbered);
	cr_assert_eq(numbered, 8);
	for (i = 0; i < 8; i++)
		cr_assert_eq(got[i], want[i], "row %zu '%s': %d", i, v[i], got[i]);
}

/* The bitmap is exact: numbered ids that do not repeat, however alike
 * their numbers, raise no suspect, so no second reading is needed. */
Test(dupcheck, distinct_numbers_need_no_second_reading)
{
	struct dupcheck *d = dupcheck_new();
	char id[CELL];
	int digits;
	unsigned v;
	for (digits = 1; digits <= 8; digits++)
		for (v = 0; v < 1000; v += 7) {
			memset(id, 0, sizeof id);
			snprintf(id, sizeof id, "X%0*u", digits, v);
			if (strlen(id) != (size_t)digits + 1)
				continue;
			cr_assert_eq(dupcheck_numbered(d, id, strlen(id)), 0, "'%s' is new", id);
		}
	memset(id, 0, sizeof id);
	snprintf(id, sizeof id, "X99999999"); /* the largest number */
	cr_assert_eq(dupcheck_numbered(d, id, strlen(id)), 0);
	cr_assert_eq(dupcheck_numbered(d, id, strlen(id)), 1);
	cr_assert_eq(dupcheck_passes(d, 1000), 1);
	dupcheck_free(d);
	d = dupcheck_new();
	for (v = 0; v < 100; v++) {
		memset(id, 0, sizeof id);
		snprintf(id, sizeof id, "X%0*u", 1 + (int)(v % 8), v);
		cr_assert_eq(dupcheck_numbered(d, id, strlen(id)), 0, "'%s' is new", id);
	}
	cr_assert_eq(dupcheck_passes(d, 100), 0, "no id repeats: no second reading");
	dupcheck_free(d);
}

Test(dupcheck, first_id_without_digits_turns_numbers_off)
{
	static char ids[500][CELL];
	uint64_t s = 1234567ull;
	size_t i;
	memset(ids, 0, sizeof ids);
	snprintf(ids[0], CELL, "anonymous");
	for (i = 1; i < 500; i++)
		snprintf(ids[i], CELL, "SU%04u", (unsigned)(next(&s) % 300));
	same_as_reference(ids, 500, 0);
	{
		int flag[500];
		size_t numbered;
		check(ids, 500, flag, &numbered);
		cr_assert_eq(numbered, 0, "no id should take the bitmap");
	}
}

/* Two threads give the same 50,000 numbers at once (one forwards, one
 * backwards): each number is new to exactly one of them. */
struct racer {
	struct dupcheck *d;
	int backwards;
	long repeats;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	int i;
	for (i = 0; i < 50000; i++) {
		char id[CELL] = { 0 };
		int v = r->backwards ? 49999 - i : i;
		int num;
		snprintf(id, sizeof id, "C%06d", v);
		num = dupcheck_numbered(r->d, id, strlen(id));
		cr_assert_geq(num, 0, "'%s' should be numbered", id);
		r->repeats += num;
	}
	return NULL;
}

Test(dupcheck, two_threads_see_each_number_new_once)
{
	struct dupcheck *d = dupcheck_new();
	struct racer a = { d, 0, 0 }, b = { d, 1, 0 };
	pthread_t t;
	char first[CELL] = "C000000";
	cr_assert_eq(dupcheck_numbered(d, first, strlen(first)), 0);
	cr_assert_eq(pthread_create(&t, NULL, race, &a), 0);
	race(&b);
	pthread_join(t, NULL);
	/* 0 was given before the race, so it repeats in both threads */
	cr_assert_eq(a.repeats + b.repeats, 50000 + 1, "repeats: %ld + %ld", a.repeats, b.repeats);
	cr_assert_eq(dupcheck_passes(d, 100001), 1);
	dupcheck_free(d);
}

/* Ids that are numbers alone (no prefix), and the longest prefix taken
 * (7 bytes) with the most digits (8); a prefix of 8 bytes turns numbered
 * ids off. */
Test(dupcheck, prefixes_from_none_to_the_longest)
{
	static const char *first[] = { "4711", "ABCDEFG12345678", "ABCDEFGH1" };
	static const size_t want_numbered[] = { 300, 300, 0 };
	size_t t;
	for (t = 0; t < 3; t++) {
		static char ids[400][CELL];
		size_t plen = strlen(first[t]) - (t == 2 ? 1 : t == 1 ? 8 : 4), i;
		uint64_t s = 99991ull + t;
		memset(ids, 0, sizeof ids);
		snprintf(ids[0], CELL, "%s", first[t]);
		for (i = 1; i < 400; i++) {
			uint64_t r = next(&s);
			if (i % 4 == 0) /* not numbered: a letter after the prefix */
				snprintf(ids[i], CELL, "%.*sx%u", (int)plen, first[t], (unsigned)(r % 50));
			else
				snprintf(ids[i], CELL, "%.*s%0*u", (int)plen, first[t],
					 1 + (int)((r >> 8) % 8), (unsigned)((r >> 16) % 200));
		}
		same_as_reference(ids, 400, want_numbered[t]);
		if (!want_numbered[t]) {
			int flag[400];
			size_t numbered;
			check(ids, 400, flag, &numbered);
			cr_assert_eq(numbered, 0, "'%s': no id should take the bitmap", first[t]);
		}
	}
}
