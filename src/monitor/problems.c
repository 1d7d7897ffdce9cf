/*
 * problems: the count of an extract's problems by kind, column and value
 * over the whole file ("ethnicity 'W4' is not known: 439,939 rows, first
 * at line 24"), kept beside the list of the first problems row by row
 * (ingest.c, ops.c). Memory is bounded: at most MON_TALLY_VALUES
 * different values are counted one by one; the problems of values past
 * them are counted together, one count per kind and column. A small open
 * addressing table finds the entry of a (kind, column, value).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/internal.h"

#define TALLY_SLOTS 4096   /* > 2 × the most entries (values and other counts) */
#define TALLY_TEXT 200	   /* bytes of a value kept (longer ones are cut) */

struct mon_tally {
	struct mon_tally_entry *v;
	size_t n, cap;
	uint32_t slot[TALLY_SLOTS]; /* index + 1 into v; 0: empty */
	int n_values;		    /* entries that hold one value */
	int overflowed;		    /* 1 when a value was past the cap */
	int64_t total;		    /* problems counted */
};

struct mon_tally *mon_tally_new(void)
{
	return xcalloc(1, sizeof(struct mon_tally));
}

void mon_tally_free(struct mon_tally *t)
{
	size_t i;
	if (!t)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->v[i].column);
		free(t->v[i].value);
	}
	free(t->v);
	free(t);
}

static uint32_t tally_hash(int kind, int col, int other, const char *s, size_t n)
{
	uint32_t h = 2166136261u ^ (uint32_t)(kind * 31 + col * 7 + other);
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h ^ (h >> 15);
}

/* The entry of (kind, col, value or other), or NULL with *empty set to
 * the slot where it would go (-1 when the table is full, which the caps
 * make impossible). */
static struct mon_tally_entry *tally_find(struct mon_tally *t, int kind, int col,
					  const char *value, size_t n, int other, long *empty)
{
	uint32_t h = tally_hash(kind, col, other, value ? value : "", value ? n : 0);
	size_t i, probes;
	*empty = -1;
	for (i = h & (TALLY_SLOTS - 1), probes = 0; probes < TALLY_SLOTS;
	     i = (i + 1) & (TALLY_SLOTS - 1), probes++) {
		struct mon_tally_entry *x;
		if (!t->slot[i]) {
			*empty = (long)i;
			return NULL;
		}
		x = &t->v[t->slot[i] - 1];
		if (x->kind == kind && x->col == col && x->other == other && !x->value == !value &&
		    (!value || (strlen(x->value) == n && memcmp(x->value, value, n) == 0)))
			return x;
	}
	return NULL;
}

/* A new entry in slot `at`. */
static struct mon_tally_entry *tally_insert(struct mon_tally *t, long at, int kind, int col,
					    const char *column, const char *value, size_t n,
					    int other)
{
	struct mon_tally_entry *x;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xrealloc(t->v, t->cap * sizeof *t->v);
	}
	x = &t->v[t->n++];
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->col = col;
	x->other = other;
	x->column = xstrdup(column ? column : "");
	if (value) {
		x->value = xmalloc(n + 1);
		memcpy(x->value, value, n);
		x->value[n] = '\0';
		t->n_values++;
	}
	x->first_row = INT64_MAX;
	t->slot[at] = (uint32_t)t->n;
	return x;
}

void mon_tally_add(struct mon_tally *t, int kind, int col, const char *column,
		   const char *value, int64_t n, int64_t row, long line)
{
	struct mon_tally_entry *x = NULL;
	size_t len = 0;
	long at = -1;
	if (!t || n <= 0)
		return;
	if (value) {
		int cut = 0;
		len = strlen(value);
		if (len > TALLY_TEXT) /* cut on a character boundary */
			len = (size_t)str_utf8_prefix(value, TALLY_TEXT / 4, &cut);
		x = tally_find(t, kind, col, value, len, 0, &at);
		if (!x && at >= 0 && t->n_values < MON_TALLY_VALUES)
			x = tally_insert(t, at, kind, col, column, value, len, 0);
	}
	if (!x) { /* a kind counted whole, or a value past the cap */
		int other = value != NULL;
		t->overflowed |= other;
		x = tally_find(t, kind, col, NULL, 0, other, &at);
		if (!x && at >= 0)
			x = tally_insert(t, at, kind, col, column, NULL, 0, other);
	}
	if (!x)
		return;
	x->rows += n;
	t->total += n;
	if (row < x->first_row) {
		x->first_row = row;
		x->first_line = line;
	}
}

void mon_tally_merge(struct mon_tally *t, const struct mon_tally *src, int64_t row0, long line0)
{
	size_t i;
	if (!src)
		return;
	for (i = 0; i < src->n; i++) {
		const struct mon_tally_entry *x = &src->v[i];
		struct mon_tally_entry *y = NULL;
		long at = -1;
		if (x->other) { /* the other values stay other values */
			t->overflowed = 1;
			y = tally_find(t, x->kind, x->col, NULL, 0, 1, &at);
			if (!y && at >= 0)
				y = tally_insert(t, at, x->kind, x->col, x->column, NULL, 0, 1);
			if (!y)
				continue;
			y->rows += x->rows;
			t->total += x->rows;
			if (x->first_row + row0 < y->first_row) {
				y->first_row = x->first_row + row0;
				y->first_line = x->first_line + line0;
			}
			continue;
		}
		mon_tally_add(t, x->kind, x->col, x->column, x->value, x->rows, x->first_row + row0,
			      x->first_line + line0);
	}
}

int64_t mon_tally_total(const struct mon_tally *t)
{
	return t ? t->total : 0;
}

int mon_tally_overflowed(const struct mon_tally *t)
{
	return t && t->overflowed;
}

static int by_rows(const void *a, const void *b)
{
	const struct mon_tally_entry *x = a, *y = b;
	if (x->other != y->other) /* the other values last */
		return x->other - y->other;
	if (x->rows != y->rows)
		return x->rows > y->rows ? -1 : 1;
	if (x->first_row != y->first_row)
		return x->first_row < y->first_row ? -1 : 1;
	if (x->col != y->col) /* the same row: in column order */
		return x->col < y->col ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind - y->kind;
	return strcmp(x->value ? x->value : "", y->value ? y->value : "");
}

const struct mon_tally_entry *mon_tally_entries(struct mon_tally *t, size_t *n)
{
	size_t i;
	*n = t ? t->n : 0;
	if (!t || !t->n)
		return NULL;
	qsort(t->v, t->n, sizeof *t->v, by_rows);
	/* the table's indices moved: rebuild it */
	memset(t->slot, 0, sizeof t->slot);
	for (i = 0; i < t->n; i++) {
		const struct mon_tally_entry *x = &t->v[i];
		long at = -1;
		tally_find(t, x->kind, x->col, x->value, x->value ? strlen(x->value) : 0, x->other,
			   &at);
		if (at >= 0)
			t->slot[at] = (uint32_t)i + 1;
	}
	return t->v;
}

/* The value for a message: at most 48 characters, control bytes as '?'. */
static void put_value(struct buf *b, const char *v)
{
	int cut = 0, n = str_utf8_prefix(v, 48, &cut), i;
	buf_putc(b, '\'');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		buf_putc(b, c < 0x20 || c == 0x7f ? '?' : (char)c);
	}
	buf_puts(b, cut ? "...'" : "'");
}

void mon_tally_describe(const struct mon_tally_entry *x, struct buf *b)
{
	static const char *const is[MP_KINDS] = {
		[MP_FIELDS] = "the wrong number of fields",
		[MP_BLANK_ID] = "a blank person id",
		[MP_PERIOD] = "is another period",
		[MP_CODE] = "is not known",
		[MP_FLAG] = "is not 0 or 1",
		[MP_STAGE] = "an outcome without its earlier stage",
		[MP_MONEY] = "is not an amount of money",
		[MP_DUPLICATE] = "a person id seen on an earlier row",
		[MP_BAD_PERIOD] = "is not a period",
	};
	const char *what = x->kind >= 0 && x->kind < MP_KINDS ? is[x->kind] : "a problem";
	if (x->kind == MP_FIELDS) {
		buf_puts(b, "rows with the wrong number of fields");
	} else if (x->kind == MP_STAGE && x->value) {
		buf_puts(b, x->value); /* "completed is 1 but started is 0" */
	} else if (x->other) {
		buf_printf(b, "%s: other values (past the first %d counted one by one) that %s",
			   x->column, MON_TALLY_VALUES, x->kind == MP_CODE ? "are not known"
							: x->kind == MP_FLAG ? "are not 0 or 1"
							: x->kind == MP_PERIOD ? "are other periods"
							: x->kind == MP_BAD_PERIOD ? "are not periods"
							: "are not amounts of money");
	} else if (x->value) {
		buf_printf(b, "%s ", x->column);
		put_value(b, x->value);
		buf_printf(b, " %s", what);
	} else {
		buf_printf(b, "%s: %s", x->column, what);
	}
}
