/*
 * fuzz_timescale: libFuzzer target for plan/timescale.c. Any bytes are
 * made into a NUL-terminated string and read as a timescale; the reading
 * must keep its promises whatever the input: a kind in range, a return
 * code that agrees with it, real dates only, a due date never before the
 * start, a precision only when there is a date, and a terminated RRULE.
 * Built by `make fuzz`; fuzz/replay.c replays the corpus in `make check`.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/timescale.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 1 when d is "no date" or a real calendar date. */
static int date_ok(struct date d)
{
	return d.y == 0 || date_valid(d.y, d.m, d.d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct timescale ts;
	char *text;
	int rc;

	if (size > 65536)
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	text[size] = '\0';

	rc = timescale_parse(text, &ts);
	assert(ts.kind >= TS_UNKNOWN && ts.kind <= TS_EXTERNAL);
	assert(ts.precision >= TS_PREC_NONE && ts.precision <= TS_PREC_YEAR);
	assert((rc == 0) == (ts.kind != TS_UNKNOWN));
	assert(rc == 0 || rc == -1);
	assert(date_ok(ts.start));
	assert(date_ok(ts.due));
	if (ts.start.y && ts.due.y)
		assert(date_cmp(ts.start, ts.due) <= 0);
	if (!ts.start.y && !ts.due.y)
		assert(ts.precision == TS_PREC_NONE);
	if (ts.kind == TS_UNKNOWN || ts.kind == TS_EXTERNAL)
		assert(!ts.start.y && !ts.due.y && ts.rrule[0] == '\0');
	assert(memchr(ts.rrule, '\0', sizeof ts.rrule) != NULL);
	assert(timescale_kind_name(ts.kind)[0] != '\0');
	assert(timescale_precision_name(ts.precision)[0] != '\0');

	free(text);
	return 0;
}
