/*
 * fuzz_pool: libFuzzer target for the selection pool reader and analysis
 * (assess/pool.c: pool_read, pool_analyse). Any bytes are read as a staff
 * extract named fuzz.csv (a spreadsheet when its content says so); the
 * reader must return 0 or ERR_DATA with a message naming the file, never
 * anything else. A pool that reads is analysed: the analysis must exist,
 * its counts add up, and its evidence never gives a count from 1 to 9
 * as a number (checked for the totals: "fewer than 10").
 * Built by `make fuzz`; fuzz/replay.c replays the corpus in `make check`.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "assess/pool.h"
#include "core/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pool p;
	struct err e;
	json_t *a, *c;
	size_t i;
	int rc;
	err_clear(&e);
	rc = pool_read((const char *)data, size, "fuzz.csv", NULL, NULL, 0, &p, &e);
	assert(rc == 0 || rc == ERR_DATA);
	if (rc < 0) {
		assert(e.msg[0] && strncmp(e.msg, "fuzz.csv", 8) == 0);
		return 0;
	}
	assert(p.all.staff > 0 && p.all.at_risk > 0 && p.n_chars > 0);
	assert(p.all.selected <= p.all.at_risk && p.all.redeployed <= p.all.selected);
	a = pool_analyse(&p, "fuzz.csv", POOL_MIN_COUNT, &e);
	assert(a);
	assert(json_array_size(json_object_get(a, "characteristics")) == p.n_chars);
	json_array_foreach(json_object_get(a, "characteristics"), i, c) {
		const char *ev = json_string_value(json_object_get(c, "evidence"));
		assert(ev && strstr(ev, "Redundancy selection pool (fuzz.csv)"));
		if (p.all.at_risk < 10)
			assert(strstr(ev, "fewer than 10 at risk"));
	}
	json_decref(a);
	return 0;
}
