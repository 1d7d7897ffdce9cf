/*
 * fuzz_meet_rule: libFuzzer target for network/meet_rule.c, the words of
 * 'parity meeting series add'. The input is up to three lines: --every,
 * --on and --time. Whatever they hold, each parser returns 0 or ERR_USAGE
 * with a message naming its option; on success the values are in range,
 * and the RFC 5545 rule built from them gives, through libical, only
 * dates on the chosen weekday and week of the month, a whole number of
 * intervals apart. Built by `make fuzz`; fuzz/replay.c replays the corpus
 * in `make check`.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "network/meet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *lines[3] = {"", "", ""}, *p, t0[6], t1[6];
	struct err e;
	int months = 0, nth = 0, wday = -1, rc1, rc2, rc3, i, n = 0;
	if (size > 512)
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0, p = text; i < 3 && p; i++) {
		char *nl = strchr(p, '\n');
		lines[i] = p;
		if (nl)
			*nl = '\0';
		p = nl ? nl + 1 : NULL;
	}
	err_clear(&e);
	rc1 = meet_every_parse(lines[0], &months, &e);
	assert(rc1 == 0 || (rc1 == ERR_USAGE && strstr(e.msg, "--every") == e.msg));
	err_clear(&e);
	rc2 = meet_on_parse(lines[1], &nth, &wday, &e);
	assert(rc2 == 0 || (rc2 == ERR_USAGE && strstr(e.msg, "--on") == e.msg));
	err_clear(&e);
	rc3 = meet_time_parse(lines[2], t0, t1, &e);
	assert(rc3 == 0 || (rc3 == ERR_USAGE && strstr(e.msg, "--time") == e.msg));
	if (rc3 == 0)
		assert(strlen(t0) == 5 && strlen(t1) == 5 && strcmp(t0, t1) < 0);
	if (rc1 == 0 && rc2 == 0) {
		struct date from = {2026, 1, 1}, last = {2031, 1, 1}, none = {0, 0, 0}, out[80];
		struct buf rule = BUF_INIT;
		assert(months >= 1 && months <= 12);
		assert((nth >= 1 && nth <= 4) || nth == -1);
		assert(wday >= 0 && wday <= 6);
		meet_rrule(months, nth, wday, none, 0, &rule);
		err_clear(&e);
		assert(meet_occurrences(buf_str(&rule), from, last, out, 80, &n, &e) == 0);
		assert(n > 0);
		for (i = 0; i < n; i++) {
			long days = date_to_days(out[i]);
			assert((days + 4) % 7 == wday);
			if (nth > 0)
				assert((out[i].d - 1) / 7 + 1 == nth);
			else
				assert(out[i].d + 7 > date_days_in_month(out[i].y, out[i].m));
			if (i) {
				int gap = (out[i].y - out[i - 1].y) * 12 + out[i].m - out[i - 1].m;
				assert(gap > 0 && gap % months == 0);
			}
		}
		buf_free(&rule);
	}
	free(text);
	return 0;
}
