/*
 * fuzz_counts: libFuzzer target for aggregate count tables
 * (monitor/counts.c, the reader of `parity data import-counts`) and for
 * what the report makes of their suppressed and rounded counts. The first
 * input byte picks how ethnicity is read (byte % 3: auto, us-omb, cj18),
 * the rounding declared (byte / 3 % 3: none, 10, 100) and the reference
 * (byte / 9 % 4: default, highest, everyone else, overall); the rest is
 * the table.
 * Promises checked: the reader returns 0 or a negative code; every problem
 * is "counts.csv:LINE:COL: column 'NAME': ..." with LINE and COL from 1,
 * and there are as many as it counts; a table that reads has rows, each
 * with a period, counts of 0 or more, a numerator no larger than its
 * denominator when both are known, a count that is not known held as 0,
 * and as many unknown counts as it says. Each period builds a report in
 * which a comparison with an unknown count has no relative rate, p or
 * impact ratio and is never tested, flagged or adverse; only rounded
 * counts are ever "within rounding", and such a comparison is never
 * flagged; the JSON says "available": false and "why": "suppressed" for
 * those, and gives a "why" exactly when a comparison is not available.
 * Built by `make fuzz`; fuzz/replay.c replays the corpus in `make check`.
 */
#include <assert.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "monitor/internal.h"
#include "monitor/stats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	int n; /* problems */
};

static void problem(void *ctx, const struct mon_problem *p)
{
	struct seen *s = ctx;
	char head[64];
	assert(p->line >= 1 && p->col >= 1);
	snprintf(head, sizeof head, "counts.csv:%ld:%ld: column '", p->line, p->col);
	assert(strncmp(p->text, head, strlen(head)) == 0);
	assert(p->column && *p->column);
	s->n++;
}

static void check_report(const struct mon_report *r)
{
	struct buf b = BUF_INIT;
	json_t *o, *arr;
	size_t i;

	for (i = 0; i < r->n_cmp; i++) {
		const struct mon_comparison *c = &r->cmp[i];
		if (c->unknown) {
			assert(isnan(c->rr) && isnan(c->p) && isnan(c->p_adj));
			assert(isnan(c->impact_ratio));
			assert(!c->tested && !c->flag && !c->adverse);
		}
		if (c->within_rounding)
			assert(r->rounded > 0 && !c->flag);
	}
	mon_render_json(r, &b);
	assert(!b.failed);
	o = json_loads(buf_str(&b), 0, NULL);
	assert(o);
	arr = json_object_get(o, "comparisons");
	assert(json_array_size(arr) == r->n_cmp);
	for (i = 0; i < r->n_cmp; i++) {
		json_t *x = json_array_get(arr, i), *why = json_object_get(x, "why");
		int available = json_is_true(json_object_get(x, "available"));
		assert(available == r->cmp[i].available);
		assert(json_is_string(why) == !available);
		if (r->cmp[i].unknown)
			assert(!available && !strcmp(json_string_value(why), "suppressed"));
	}
	assert(r->rounded > 0 ? json_integer_value(json_object_get(o, "rounded")) == r->rounded
			      : json_is_null(json_object_get(o, "rounded")));
	json_decref(o);
	buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int systems[] = {ETH_AUTO, ETH_USOMB, ETH_CJ18};
	static const int64_t rounding[] = {0, 10, 100};
	static const enum mon_ref refs[] = {REF_DEFAULT, REF_HIGHEST, REF_REST, REF_OVERALL};
	struct mon_counts_job j;
	struct mon_counts c;
	struct seen s = {0};
	struct err e;
	size_t i;
	int64_t unknown = 0;
	int rc;

	if (size < 1)
		return 0;
	stats_init();
	memset(&j, 0, sizeof j);
	j.data = (const char *)data + 1;
	j.len = size - 1;
	j.name = "counts.csv";
	j.eth_system = systems[data[0] % 3];
	j.rounded = rounding[data[0] / 3 % 3];
	j.on_problem = problem;
	j.ctx = &s;
	err_clear(&e);
	rc = mon_counts_read(&j, &c, &e);
	assert(rc <= 0);
	assert(s.n == j.n_errors);
	assert(rc < 0 || (j.n_errors == 0 && c.n_rows > 0 && c.n_periods > 0));
	if (rc < 0) {
		assert(e.msg[0]);
		mon_counts_free(&c);
		return 0;
	}
	for (i = 0; i < c.n_rows; i++) {
		const struct mon_count_row *x = &c.rows[i];
		assert((x->unknown & ~(unsigned)(MON_UNK_NUM | MON_UNK_DEN)) == 0);
		assert(x->num >= 0 && x->den >= 0);
		assert(!(x->unknown & MON_UNK_NUM) || x->num == 0);
		assert(!(x->unknown & MON_UNK_DEN) || x->den == 0);
		assert(x->unknown || x->num <= x->den);
		assert(mon_period_ok(x->period) && x->outcome[0] && x->group[0] && x->unit[0]);
		unknown += !!(x->unknown & MON_UNK_NUM) + !!(x->unknown & MON_UNK_DEN);
	}
	assert(unknown == c.suppressed);
	for (i = 0; i < c.n_periods; i++) {
		struct dataset ds;
		struct agg *a = NULL;
		struct mon_settings set;
		struct mon_report rep;
		rc = mon_counts_agg(&c, c.periods[i], "counts", &j, &ds, &a, &e);
		assert(rc == 0 || rc == ERR_DATA);
		if (rc < 0)
			continue;
		assert(a->rounded == j.rounded);
		mon_settings_default(&set);
		set.reference = refs[data[0] / 9 % 4];
		memset(&rep, 0, sizeof rep);
		rc = mon_report_build(a, &set, "counts", c.periods[i], NULL, 0, &rep, &e);
		assert(rc == 0);
		check_report(&rep);
		mon_report_free(&rep);
		agg_free(a);
	}
	mon_counts_free(&c);
	return 0;
}
