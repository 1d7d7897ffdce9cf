/*
 * fuzz_upload: libFuzzer target for what a browser upload reaches — the
 * in-memory import of a monitoring extract (monitor/ops.c mon_import_csv
 * with its row validators, over core/csv.c), into a real in-memory SQLite
 * database. The first input byte picks the dataset preset; the rest is
 * the file. Promises checked: the import either succeeds with rows > 0
 * and nothing reported wrong, or fails with a message and then the
 * caller's rollback leaves the database with no import at all; every
 * problem reported names a line of at least 1.
 * Built by `make fuzz`; fuzz/replay.c replays the corpus in `make check`.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "monitor/dataset.h"
#include "monitor/internal.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void problem(void *ctx, const struct mon_problem *p)
{
	int *n = ctx;
	assert(p->line >= 1);
	(*n)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static store_t *db;
	struct dataset ds;
	struct mon_import_job j;
	struct err e = {0};
	int64_t n = -1;
	int problems = 0, rc;
	if (size < 1)
		return 0;
	if (!db && store_open(":memory:", &db, &e) < 0)
		return 0;
	if (dataset_preset(dataset_preset_names[data[0] % 3], &ds, &e) < 0)
		return 0;
	memset(&j, 0, sizeof j);
	j.ds = &ds;
	j.period = "2011Q3";
	j.data = (const char *)data + 1;
	j.len = size - 1;
	j.source = "upload.csv";
	j.author = "fuzz";
	j.on_problem = problem;
	j.ctx = &problems;
	if (store_begin(db, &e) < 0)
		return 0;
	rc = mon_import_csv(db, &j, &e);
	if (rc == 0) {
		assert(j.rows > 0 && j.n_errors == 0 && problems == 0);
	} else {
		assert(e.msg[0] != '\0');
	}
	store_rollback(db);
	err_clear(&e);
	assert(store_query_int(db, &n, &e, "SELECT count(*) FROM mon_import", "") == 0 && n == 0);
	return 0;
}
