/*
 * fuzz_blocks: libFuzzer target for the reader of stored column blocks
 * (monitor/colstore.c mon_blocks_load, through mon_import_load), the one
 * parser of bytes that come back from the database. A real in-memory
 * SQLite database holds a small staff import (units, grades, every
 * characteristic, pay, bonus and full pay, so every column is present);
 * each input damages it: the first byte picks what to overwrite (one of
 * the block's columns, its row count, or a code of mon_dict; 255: the
 * full pay column), the rest is the new value. Promises checked: loading
 * either succeeds, counting no more people than the block says it holds,
 * or fails with a message; it never reads outside a column (ASan) and the
 * database is left as it was.
 * Built by `make fuzz`; fuzz/replay.c replays the corpus in `make check`.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "monitor/dataset.h"
#include "monitor/internal.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char csv[] =
	"person_id,unit,grade,period,sex,age,ethnicity,religion,disability,sexual_orientation,"
	"gender_reassignment,marital_status,pregnancy_maternity,promoted,trained,grievance,"
	"disciplinary,left,hourly_pay,bonus,full_pay\n"
	"ST1,Eastgate,Manager,2011,Female,41,W1,No religion,Not stated,Heterosexual,No,Single,No,"
	"0,1,0,0,0,34.20,0,1\n"
	"ST2,Kingsford,PSO,2011,Male,48,B1,Christian,No,Heterosexual,No,Married,No,1,1,0,0,0,"
	"10.57,120,0\n"
	"ST3,\"Riverside, North\",PO,2011,Female,59,M3,,No,Bisexual,No,Divorced,No,0,0,0,0,1,"
	"15.51,,\n"
	"ST4,Eastgate,SPO,2011,,36,NS,Christian,Yes,Heterosexual,No,Single,No,0,1,0,1,0,,0,1\n";

static store_t *db;
static struct dataset ds;
static int64_t import_id;

static int setup(void)
{
	struct mon_import_job j;
	struct err e = {0};
	char *kind = NULL;
	if (store_open(":memory:", &db, &e) < 0 || dataset_preset("staff", &ds, &e) < 0)
		return -1;
	memset(&j, 0, sizeof j);
	j.ds = &ds;
	j.period = "2011";
	j.data = csv;
	j.len = sizeof csv - 1;
	j.source = "staff.csv";
	j.author = "fuzz";
	if (store_begin(db, &e) < 0 || mon_import_csv(db, &j, &e) < 0 ||
	    store_commit(db, &e) < 0) {
		fprintf(stderr, "fuzz_blocks: setup: %s\n", e.msg);
		return -1;
	}
	if (mon_import_find(db, "staff", "2011", &import_id, &kind, &ds, &e) < 0)
		return -1;
	free(kind);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const set[] = {
		"UPDATE mon_block SET unit = ? WHERE seq = 0",
		"UPDATE mon_block SET grade = ? WHERE seq = 0",
		"UPDATE mon_block SET cats = ? WHERE seq = 0",
		"UPDATE mon_block SET outcomes = ? WHERE seq = 0",
		"UPDATE mon_block SET pay = ? WHERE seq = 0",
		"UPDATE mon_block SET bonus = ? WHERE seq = 0",
	};
	struct err e = {0};
	struct agg *a;
	int64_t rows = 0;
	uint64_t v = 0;
	size_t i;
	int rc;
	if (!db && setup() < 0)
		abort();
	if (size < 1)
		return 0;
	if (store_begin(db, &e) < 0)
		abort();
	if (data[0] == 255) {
		rc = store_exec(db, &e, "UPDATE mon_block SET full_pay = ? WHERE seq = 0", "b",
				size > 1 ? (const void *)(data + 1) : NULL, size - 1);
	} else if (data[0] % 8 < 6) {
		rc = store_exec(db, &e, set[data[0] % 8], "b", size > 1 ? (const void *)(data + 1) : NULL,
				size - 1);
	} else {
		for (i = 1; i < size && i < 9; i++)
			v = v << 8 | data[i];
		rc = data[0] % 8 == 6
			     ? store_exec(db, &e, "UPDATE mon_block SET rows = ? WHERE seq = 0", "i", (int64_t)v)
			     : store_exec(db, &e,
					  "UPDATE mon_dict SET code = ? WHERE import_id = ? AND rowid ="
					  " (SELECT min(rowid) + ? FROM mon_dict)",
					  "iii", (int64_t)(v % 40), import_id, (int64_t)(data[0] >> 3));
	}
	if (rc == 0) {
		a = agg_new(&ds);
		rc = mon_import_load(db, import_id, "rows", a, &e);
		if (rc == 0) {
			assert(store_query_int(db, &rows, &e,
					       "SELECT sum(rows) FROM mon_block WHERE import_id = ?", "i",
					       import_id) == 0);
			assert(a->rows == rows);
		} else {
			assert(e.msg[0] != '\0');
		}
		agg_free(a);
	}
	store_rollback(db);
	err_clear(&e);
	/* the damage went with the rollback */
	a = agg_new(&ds);
	assert(mon_import_load(db, import_id, "rows", a, &e) == 0 && a->rows == 4);
	agg_free(a);
	return 0;
}
