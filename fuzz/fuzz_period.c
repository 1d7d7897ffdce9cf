/*
 * fuzz_period: libFuzzer target for core/period.c. Any bytes are made into
 * a NUL-terminated string and read as a period; the parser must keep its
 * promises whatever the input: on success a kind in range, real first and
 * last days with the first not after the last, a canonical spelling that
 * reads back as the same period, and a key that agrees with the last day;
 * on failure ERR_DATA with a message that lists the accepted forms.
 * Built by `make fuzz`; fuzz/replay.c replays the corpus in `make check`.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct period p, q;
	struct err e;
	char *text;
	int rc;

	if (size > 4096)
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	text[size] = '\0';

	err_clear(&e);
	rc = period_parse(text, &p, &e);
	assert(rc == 0 || rc == ERR_DATA);
	if (rc == 0) {
		assert(p.kind >= PERIOD_MONTH && p.kind <= PERIOD_FY);
		assert(date_valid(p.start.y, p.start.m, p.start.d));
		assert(date_valid(p.end.y, p.end.m, p.end.d));
		assert(date_cmp(p.start, p.end) < 0);
		assert(p.key / 10 == (long)p.end.y * 100 + p.end.m);
		assert(memchr(p.text, '\0', sizeof p.text) != NULL);
		assert(strlen(p.text) == strlen(text));
		assert(period_parse(p.text, &q, NULL) == 0);
		assert(strcmp(p.text, q.text) == 0 && p.key == q.key && q.kind == p.kind);
		assert(period_kind_name(p.kind)[0] != 'u');
	} else {
		assert(e.code == ERR_DATA);
		assert(strstr(e.msg, PERIOD_FORMS) != NULL);
		assert(strstr(e.msg, "is not a period") != NULL);
	}
	free(text);
	return 0;
}
