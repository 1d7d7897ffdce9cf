/*
 * fuzz_parts: libFuzzer target for reading an extract in parts
 * (monitor/ops.c read_rows_analyze, the path of `parity analyze`, here on
 * bytes in memory). The same input is read in one part and then split
 * into two or three parts read by as many threads, with the split size
 * lowered to one byte so that even small inputs are split; boundaries
 * then fall inside quoted fields, CRLF pairs, byte order marks and rows
 * with errors. The first input byte picks the dataset preset (byte % 3),
 * the number of parts (2 + byte / 3 % 2) and whether a part of the
 * duplicate check's second reading may hold one first sighting of a
 * suspect or the usual many (byte / 6 % 2: with one, a part meeting two
 * suspects sends that reading to one thread); the rest is the file.
 * Promise checked: both readings give the same return code, message,
 * problems (text and order), counts, the same count of problems by kind
 * and value (issue 12) and, when the rows are good, the same report as
 * JSON.
 * Built by `make fuzz`; fuzz/replay.c replays the corpus in `make check`.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "monitor/dataset.h"
#include "monitor/internal.h"
#include "monitor/stats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What one reading gave. */
struct outcome {
	int rc, file_error, n_errors;
	int64_t rows, duplicates, blank_outcomes, skipped;
	int mixed_periods;
	char period_seen[24];
	struct buf problems; /* each problem's text, one a line */
	struct buf json;     /* the report, when rc is 0 */
	struct buf kinds;    /* the count of problems by kind, one a line */
	struct err e;
};

static void problem(void *ctx, const struct mon_problem *p)
{
	struct outcome *o = ctx;
	assert(p->line >= 1);
	buf_printf(&o->problems, "%s\n", p->text);
}

static void read_once(const struct dataset *ds, const uint8_t *data, size_t size, int threads,
		      size_t dup_firsts, struct outcome *o)
{
	struct mon_read j;
	memset(o, 0, sizeof *o);
	memset(&j, 0, sizeof j);
	j.data = (const char *)data;
	j.len = size;
	j.name = "upload.csv";
	j.ds = ds;
	j.skip_other = 1;
	j.on_problem = problem;
	j.ctx = o;
	j.agg = agg_new(ds);
	j.threads = threads;
	j.split_min = threads > 1 ? 1 : 0;
	j.dup_firsts = dup_firsts;
	j.keep_tally = 1;
	o->rc = mon_read_rows(&j, &o->e);
	o->file_error = j.file_error;
	o->n_errors = j.in.n_errors;
	o->rows = j.in.rows;
	o->duplicates = j.duplicates;
	o->blank_outcomes = j.in.blank_outcomes;
	o->skipped = j.in.skipped;
	o->mixed_periods = j.in.mixed_periods;
	memcpy(o->period_seen, j.in.period_seen, sizeof o->period_seen);
	{
		size_t n, i;
		const struct mon_tally_entry *v = mon_tally_entries(j.tally, &n);
		assert(mon_tally_total(j.tally) == (int64_t)o->n_errors);
		for (i = 0; i < n; i++) {
			mon_tally_describe(&v[i], &o->kinds);
			buf_printf(&o->kinds, ": %lld, line %ld\n", (long long)v[i].rows,
				   v[i].first_line);
		}
		mon_tally_free(j.tally);
	}
	if (o->rc == 0) {
		struct mon_settings set;
		struct mon_report rep;
		struct err e = {0};
		memset(&rep, 0, sizeof rep);
		mon_settings_default(&set);
		if (mon_report_build(j.agg, &set, ds->name, "all", NULL, 0, &rep, &e) == 0)
			mon_render_json(&rep, &o->json);
		else
			buf_printf(&o->json, "error: %s", e.msg);
		mon_report_free(&rep);
	}
	agg_free(j.agg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int started;
	struct dataset ds;
	struct outcome one, split;
	struct err e = {0};
	if (size < 1)
		return 0;
	if (!started) {
		stats_init();
		started = 1;
	}
	if (dataset_preset(dataset_preset_names[data[0] % 3], &ds, &e) < 0)
		return 0;
	read_once(&ds, data + 1, size - 1, 1, 0, &one);
	read_once(&ds, data + 1, size - 1, 2 + data[0] / 3 % 2, data[0] / 6 % 2, &split);
	assert(one.rc == split.rc);
	assert(strcmp(one.e.msg, split.e.msg) == 0);
	assert(one.file_error == split.file_error);
	assert(one.n_errors == split.n_errors);
	assert(one.rows == split.rows);
	assert(one.duplicates == split.duplicates);
	assert(one.blank_outcomes == split.blank_outcomes);
	assert(one.skipped == split.skipped);
	assert(one.mixed_periods == split.mixed_periods);
	assert(strcmp(one.period_seen, split.period_seen) == 0);
	assert(strcmp(buf_str(&one.problems), buf_str(&split.problems)) == 0);
	assert(strcmp(buf_str(&one.json), buf_str(&split.json)) == 0);
	assert(strcmp(buf_str(&one.kinds), buf_str(&split.kinds)) == 0);
	buf_free(&one.kinds);
	buf_free(&split.kinds);
	buf_free(&one.problems);
	buf_free(&one.json);
	buf_free(&split.problems);
	buf_free(&split.json);
	return 0;
}
