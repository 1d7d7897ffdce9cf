/*
 * fuzz_member_csv: libFuzzer target for the members import (network/
 * member.c, member_import): any bytes are imported into a fresh in-memory
 * database inside a transaction. The import must return 0 (rows added,
 * no problems) or ERR_DATA (problems listed, each line naming the file
 * and a line, nothing kept once rolled back), never anything else; and
 * after the rollback no member may be left.
 * Built by `make fuzz`; fuzz/replay.c replays the corpus in `make check`.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "network/member.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static store_t *db;
	struct err e;
	struct buf problems = BUF_INIT;
	int added = 0, rc;
	int64_t n = -1;
	err_clear(&e);
	if (!db && store_open(":memory:", &db, &e) < 0)
		abort();
	if (store_begin(db, &e) < 0)
		abort();
	rc = member_import(db, (const char *)data, size, "fuzz.csv", "fuzz", &problems, &added, &e);
	assert(rc == 0 || rc == ERR_DATA);
	if (rc == 0)
		assert(added > 0 && problems.len == 0);
	else
		assert(added == 0 && e.msg[0] && strncmp(e.msg, "fuzz.csv", 8) == 0);
	if (problems.len)
		assert(strncmp(buf_str(&problems), "fuzz.csv", 8) == 0);
	store_rollback(db);
	err_clear(&e);
	if (store_query_int(db, &n, &e, "SELECT COUNT(*) FROM net_member", "") < 0)
		abort();
	assert(n == 0);
	buf_free(&problems);
	return 0;
}
