/*
 * fuzz_keyfile: libFuzzer target for the key file reader of store/store.c
 * (the file beside the database that holds its pseudonymisation key; issue
 * 13, finding 4). The input is written as the key file ($PARITY_KEY_FILE,
 * in a temporary folder) of an in-memory database that has never used a
 * key, and the pseudonym key is asked for. Promises: either it succeeds
 * and asking again gives the same 16 bytes (a file without the key gets
 * one added, keeping the file readable), or it fails with ERR_DATA/ERR_IO
 * and a message naming the key file; never a crash or a leak.
 * Built by `make fuzz`; fuzz/replay.c replays the corpus in `make check`.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], path[96];

static void cleanup(void)
{
	char tmp[128];
	unlink(path);
	snprintf(tmp, sizeof tmp, "rm -f '%s'/k.key.tmp-*", dir);
	if (system(tmp) != 0)
		return;
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static store_t *db;
	unsigned char key[16], again[16];
	struct err e = {0};
	FILE *f;
	int rc;

	if (!db) {
		snprintf(dir, sizeof dir, "/tmp/parity-fuzz-key-XXXXXX");
		if (!mkdtemp(dir))
			return 0;
		snprintf(path, sizeof path, "%s/k.key", dir);
		setenv("PARITY_KEY_FILE", path, 1);
		atexit(cleanup);
		if (store_open(":memory:", &db, &e) < 0)
			return 0;
	}
	if (store_exec(db, &e, "DELETE FROM store_key", "") < 0)
		return 0;
	f = fopen(path, "wb");
	if (!f)
		return 0;
	if (size && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return 0;
	}
	fclose(f);
	rc = store_key_get(db, "pseudonym", key, sizeof key, 1, &e);
	if (rc == 0) {
		assert(store_key_get(db, "pseudonym", again, sizeof again, 0, &e) == 0);
		assert(memcmp(key, again, sizeof key) == 0);
	} else {
		assert(rc == ERR_DATA || rc == ERR_IO);
		assert(e.msg[0] != '\0');
		assert(strstr(e.msg, "k.key") != NULL);
	}
	return 0;
}
