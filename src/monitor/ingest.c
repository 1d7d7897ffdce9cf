/*
 * ingest: reading a person-level monitoring extract. The header is matched
 * to the dataset's columns; each row is validated and turned into a
 * normalised record: every characteristic classified by its codebook
 * (unknown codes are errors, blanks are Missing, declined answers Not
 * stated), every outcome read as 0/1 and checked against its stage
 * (completed but not started is an error), pay read as a number. Each
 * problem is reported with file, line, column, the value and what to do.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/internal.h"

/* ---- remembered classifications ---------------------------------------
 * mon_classify is a pure function of (characteristic, system, text) and
 * extracts repeat a few dozen spellings millions of times, so each cell
 * text that classified cleanly is remembered: an open-addressing table of
 * MEMO_SLOTS entries, texts up to MEMO_TEXT bytes, filled to at most
 * MEMO_MAX entries and never grown (about 0.6 MB whatever the rows).
 * Texts it cannot hold are classified afresh each time; errors are never
 * remembered, so their messages come from mon_classify as before.
 * Measured on 1M demo rows: classification went from ~75% of the time
 * (norm, strcmp, strchr in codebook.c) to a hash and one memcmp. The
 * hash then took half of ingest_record (perf: a byte-at-a-time FNV loop,
 * 16% of all samples with the probe); it now reads the text 8 bytes at a
 * time (ingest_record 16% -> see the log of the commit that brought it). */
#define MEMO_SLOTS 8192
#define MEMO_MAX 6000
#define MEMO_TEXT 44
/* The memo also remembers unit names, as the characteristic MEMO_UNIT,
 * so that a record can carry a hint for each (struct mon_record). */
#define MEMO_UNIT MC_COUNT

struct memo_slot {
	const struct mon_category *cat; /* NULL: empty slot; &unit_mark: a unit */
	uint32_t hash;			/* of (characteristic, text) */
	uint8_t ch;			/* enum mon_char, or MEMO_UNIT; */
	uint8_t len;			/* bytes of text: after ch (memo_find) */
	int32_t hint;			/* the reader's caller's (-1 until it sets it) */
	char text[MEMO_TEXT];		/* the cell as read */
};
_Static_assert(sizeof(struct memo_slot) == 64, "one slot, one cache line");
_Static_assert(offsetof(struct memo_slot, len) == offsetof(struct memo_slot, ch) + 1,
	       "ch and len read as one 16-bit tag");

static const struct mon_category unit_mark;
/* A text that did not classify is remembered too (when problems are
 * counted over the whole file, in->tally), as characteristic c | MEMO_BAD
 * with this mark: counted again without classifying it afresh, unless
 * its message is still wanted (a file with 400,000 rows of an unknown
 * code classifies it once). Its own tag keeps it out of the way of the
 * lookups of good rows. */
static const struct mon_category bad_mark;
#define MEMO_BAD 0x80

struct ingest_memo {
	struct memo_slot slot[MEMO_SLOTS];
	size_t n; /* slots used */
};

/* A hash of (c, the n < MEMO_TEXT bytes at s, a csv cell: CSV_CELL_SLACK
 * bytes can be read), read in 8-byte words (the last one overlapping the
 * one before, or masked to the text when it is shorter than 8); equal
 * texts only need equal hashes. */
static inline uint32_t memo_hash(int c, const char *s, size_t n)
{
	uint64_t h = ((uint64_t)c << 56 | n) * 0x9E3779B97F4A7C15ull, w = 0;
	size_t i;
	if (n < 8) {
		memcpy(&w, s, 8);
		h ^= w & (((uint64_t)1 << (8 * n)) - 1); /* the bytes of the text */
	} else {
		for (i = 0; i + 8 < n; i += 8) {
			memcpy(&w, s + i, 8);
			h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		}
		memcpy(&w, s + n - 8, 8);
		h ^= w;
	}
	h *= 0xC4CEB9FE1A85EC53ull;
	return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

/* 1 when the n < MEMO_TEXT bytes at a (a memo text) and s (a csv cell:
 * CSV_CELL_SLACK bytes can be read) are equal; a short text is compared
 * as one masked word rather than through a call to memcmp (callgrind, 100k
 * rows: memcmp 11.0M instructions, 2% of all). */
static inline int same_text(const char *a, const char *s, size_t n)
{
	uint64_t x, y, x2, y2;
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
	if (n < 8) /* the mask below takes the first bytes as the low ones */
		return memcmp(a, s, n) == 0;
#endif
	if (n >= 8 && n <= 16) { /* the first and the last 8 bytes */
		memcpy(&x, a, 8);
		memcpy(&y, s, 8);
		memcpy(&x2, a + n - 8, 8);
		memcpy(&y2, s + n - 8, 8);
		return ((x ^ y) | (x2 ^ y2)) == 0;
	}
	if (n > 16)
		return memcmp(a, s, n) == 0;
	memcpy(&x, a, 8);
	memcpy(&y, s, 8);
	return ((x ^ y) & (((uint64_t)1 << (8 * n)) - 1)) == 0;
}

/* memo_mask[n]: the masks of the first n bytes in two little-endian
 * words (a table, not a test of n: which column a cell is from changes
 * its length, and the test was mispredicted ~3 times a row, cachegrind
 * --branch-sim=yes, 200k demo rows). */
/* the shift count is clamped to 0..56 so that no branch of the macro
 * shifts by 64 or by a negative count, even one never taken */
#define M(k) ((k) >= 8 ? ~(uint64_t)0 : (k) <= 0 ? 0 : ~(uint64_t)0 >> (64 - 8 * ((k) < 1 ? 1 : (k) > 7 ? 7 : (k))))
static const uint64_t memo_mask[17][2] = {
	{ M(0), M(-8) }, { M(1), M(-7) }, { M(2), M(-6) }, { M(3), M(-5) }, { M(4), M(-4) },
	{ M(5), M(-3) }, { M(6), M(-2) }, { M(7), M(-1) }, { M(8), M(0) }, { M(9), M(1) },
	{ M(10), M(2) }, { M(11), M(3) }, { M(12), M(4) }, { M(13), M(5) }, { M(14), M(6) },
	{ M(15), M(7) }, { M(16), M(8) },
};
#undef M

/* The slot of (c, the n bytes at s) in the memo, or of the empty slot
 * where it would go (NULL when the memo cannot hold it).
 * A text of at most 16 bytes (nearly every cell) is taken as two words,
 * zero past its end, hashed from them and compared with the slot's text
 * (zero past its end too: memo_put copies it into a zeroed slot) as two
 * words; a csv cell holds no NUL, so the words give the text. Measured
 * (callgrind, 200k demo rows): the memo's seven lookups a row cost ~465
 * instructions with memo_hash and same_text, ~405 this way, with no test
 * of the length that the processor mispredicts (memo_mask). Both ways
 * hash a given text the same way each time, as the memo needs. */
static inline __attribute__((always_inline)) struct memo_slot *
memo_find(struct ingest_memo *m, int c, const char *s, size_t n, uint32_t *hash)
{
	uint32_t h;
	size_t i;
	if (!m || n >= MEMO_TEXT)
		return NULL;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (n <= 16) {
		uint64_t a, b, k;
		uint16_t tag = (uint16_t)(c | n << 8), xt; /* ch and len */
		memcpy(&a, s, 8); /* CSV_CELL_SLACK: 16 bytes can be read */
		memcpy(&b, s + 8, 8);
		a &= memo_mask[n][0];
		b &= memo_mask[n][1];
		k = (a ^ ((uint64_t)c << 59)) * 0x9E3779B97F4A7C15ull ^ (b + n) * 0xC4CEB9FE1A85EC53ull;
		*hash = h = (uint32_t)(k >> 40);
		for (i = h & (MEMO_SLOTS - 1);; i = (i + 1) & (MEMO_SLOTS - 1)) {
			struct memo_slot *x = &m->slot[i];
			uint64_t xa, xb;
			if (!x->cat)
				return x;
			memcpy(&xa, x->text, 8);
			memcpy(&xb, x->text + 8, 8);
			memcpy(&xt, &x->ch, 2); /* ch and len */
			if (((xa ^ a) | (xb ^ b) | (uint64_t)(xt ^ tag)) == 0)
				return x;
		}
	}
#endif
	*hash = h = memo_hash(c, s, n);
	for (i = h & (MEMO_SLOTS - 1);; i = (i + 1) & (MEMO_SLOTS - 1)) {
		struct memo_slot *x = &m->slot[i];
		if (!x->cat || (x->hash == h && x->ch == c && x->len == n && same_text(x->text, s, n)))
			return x;
	}
}

static void memo_put(struct ingest_memo *m, struct memo_slot *x, const struct mon_category *cat,
		     uint32_t h, int c, const char *s, size_t n)
{
	x->cat = cat;
	x->hash = h;
	x->ch = (uint8_t)c;
	x->len = (uint8_t)n;
	x->hint = -1;
	memcpy(x->text, s, n);
	m->n++;
}

/* The reading of the n bytes at s as characteristic c afresh: through
 * the dataset's map of the text when it has one (its known value read by
 * the codebook, not mapped again), else by the codebook. */
static int classify_cell(const struct ingest *in, int c, const char *s, size_t n,
			 const struct mon_category **cat, struct err *e)
{
	const struct dataset *ds = in->ds;
	const struct ds_map *map = ds->n_maps ? dataset_map_find(ds, c, s, n) : NULL;
	return mon_classify((enum mon_char)c, (enum eth_system)ds->eth_system,
			    map ? map->known : s, cat, e);
}

/* Classify s (n bytes) as characteristic c, through the memo (maps are
 * applied before a text is remembered, so a remembered text costs nothing
 * more with them); e is cleared before a classification afresh, and
 * filled when it fails, unless the message is no longer wanted (then e
 * says only that the value is not known).
 * *hint: the slot's hint, or NULL when the memo does not hold s. */
static int memo_classify_afresh(struct ingest *in, int c, const char *s, size_t n,
				struct memo_slot *x, uint32_t h, const struct mon_category **cat,
				int32_t **hint, struct err *e);

static int memo_classify(struct ingest *in, int c, const char *s, size_t n,
			 const struct mon_category **cat, int32_t **hint, struct err *e)
{
	uint32_t h = 0;
	struct memo_slot *x = memo_find(in->memo, c, s, n, &h);

	*hint = NULL;
	if (x && x->cat) {
		*cat = x->cat;
		*hint = &x->hint;
		return 0;
	}
	return memo_classify_afresh(in, c, s, n, x, h, cat, hint, e);
}

/* memo_classify of a text the memo does not hold (x: its empty slot, of
 * hash h, or NULL): out of line, so that the lookups of every row stay
 * small (inline, the remembered failures' lookup took ~12 instructions a
 * row more, callgrind, 200k demo rows). */
static __attribute__((noinline)) int memo_classify_afresh(struct ingest *in, int c,
							  const char *s, size_t n,
							  struct memo_slot *x, uint32_t h,
							  const struct mon_category **cat,
							  int32_t **hint, struct err *e)
{
	struct ingest_memo *m = in->memo;
	uint32_t bh = 0;
	struct memo_slot *bx = NULL;
	int rc;

	if (in->tally && x) { /* (x: the memo can hold the text) */
		bx = memo_find(m, c | MEMO_BAD, s, n, &bh);
		if (bx->cat && in->n_errors >= in->max_errors)
			return err_set(e, ERR_DATA, "not known"); /* counted, not listed */
	}
	err_clear(e);
	rc = classify_cell(in, c, s, n, cat, e);
	if (rc == 0 && x && m->n < MEMO_MAX) {
		memo_put(m, x, *cat, h, c, s, n);
		*hint = &x->hint;
	} else if (rc < 0 && bx && !bx->cat && m->n < MEMO_MAX) {
		memo_put(m, bx, &bad_mark, bh, c | MEMO_BAD, s, n);
	}
	return rc;
}

/* The hint of unit name s (n bytes), NULL when the memo cannot hold it. */
static int32_t *memo_unit(struct ingest *in, const char *s, size_t n)
{
	struct ingest_memo *m = in->memo;
	uint32_t h = 0;
	struct memo_slot *x = memo_find(m, MEMO_UNIT, s, n, &h);
	if (!x)
		return NULL;
	if (!x->cat) {
		if (m->n >= MEMO_MAX)
			return NULL;
		memo_put(m, x, &unit_mark, h, MEMO_UNIT, s, n);
	}
	return &x->hint;
}

void ingest_fork(struct ingest *dst, const struct ingest *src)
{
	*dst = *src;
	dst->skipped = dst->blank_outcomes = dst->rows = 0;
	dst->n_errors = 0;
	dst->period_seen[0] = '\0';
	dst->mixed_periods = 0;
	dst->tally = NULL;
	dst->memo = xcalloc(1, sizeof *dst->memo);
}

void ingest_free(struct ingest *in)
{
	free(in->memo);
	in->memo = NULL;
}

static int need_col(struct ingest *in, struct csv_reader *r, const char *col,
		    const char *what, int required, struct err *e)
{
	int i;
	if (!col[0])
		return -1;
	i = csv_header_index(r, col);
	if (i < 0 && required) {
		if (in->web)
			err_set(e, ERR_DATA,
				"%s: no column '%s' (%s) in the header row; the %s dataset "
				"needs it. Rename the column in the file, or choose a dataset "
				"config that names the column your file uses",
				in->file, col, what, in->ds->name);
		else
			err_set(e, ERR_DATA,
				"%s: no column '%s' (%s) in the header; the %s dataset needs "
				"it — rename the column or map it in a config file (--config)",
				in->file, col, what, in->ds->name);
		return -2;
	}
	return i;
}

/* The outcomes of bits `outcomes` that happened without their stage. */
static uint32_t early_outcomes(const struct dataset *ds, uint32_t outcomes)
{
	uint32_t early = 0;
	int o;
	for (o = 0; o < ds->n_outcomes; o++) {
		int st = ds->outcomes[o].stage;
		early |= (outcomes >> o & ~(outcomes >> (st & 31)) & (st >= 0)) << o;
	}
	return early;
}

int ingest_header(struct ingest *in, struct csv_reader *r, struct err *e)
{
	const struct dataset *ds = in->ds;
	int c, o, rc;

	if ((rc = csv_read_header(r, e)) < 0)
		return rc;
	if (in->max_errors <= 0)
		in->max_errors = 20;
	in->events = ds->rows == DS_ROWS_EVENTS;
	if (!in->memo)
		in->memo = xcalloc(1, sizeof *in->memo);
#define COL(field, col, what, req)                                   \
	do {                                                         \
		in->field = need_col(in, r, col, what, req, e);      \
		if (in->field < -1)                                  \
			return ERR_DATA;                             \
	} while (0)
	COL(col_id, ds->id_column, "person id", 1);
	COL(col_unit, ds->unit_column, "unit", 1);
	COL(col_period, ds->period_column, "period", 0);
	COL(col_grade, ds->grade_column, "grade", 1);
	COL(col_pay, ds->pay_column, "hourly pay", 0);
	COL(col_bonus, ds->bonus_column, "bonus", 0);
	COL(col_full_pay, ds->full_pay_column, "full pay", 0);
	for (c = 0; c < MC_COUNT; c++)
		COL(col_char[c], ds->char_column[c], mon_char_label((enum mon_char)c), 1);
	for (o = 0; o < ds->n_outcomes; o++)
		COL(col_out[o], ds->outcomes[o].column, "outcome", 1);
#undef COL
	if (ds->n_outcomes <= 8) {
		uint32_t x;
		for (x = 0; x < 1u << ds->n_outcomes; x++)
			in->early_tab[x] = (uint8_t)early_outcomes(ds, x);
	}
	return 0;
}

/* A problem of kind (enum mon_problem_kind) in column col (-1: the whole
 * row): counted in in->tally with value (NULL: the kind counted whole),
 * and reported through on_error while under the limit. */
static void report(struct ingest *in, struct csv_reader *r, int col, int kind,
		   const char *value, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void report(struct ingest *in, struct csv_reader *r, int col, int kind,
		   const char *value, const char *fmt, ...)
{
	struct buf what = BUF_INIT, text = BUF_INIT;
	struct mon_problem p;
	va_list ap;
	in->n_errors++;
	if (in->tally) {
		const char *name = col >= 0 ? csv_header_name(r, (size_t)col) : "";
		mon_tally_add(in->tally, kind, col, name ? name : "", value, 1, in->rows,
			      col >= 0 ? csv_field_line(r, (size_t)col) : csv_record_line(r));
		if (in->n_errors > in->max_errors)
			return; /* counted, not listed */
	}
	if (!in->on_error)
		return;
	va_start(ap, fmt);
	buf_vprintf(&what, fmt, ap);
	va_end(ap);
	p.file = in->file;
	p.line = col >= 0 ? csv_field_line(r, (size_t)col) : csv_record_line(r);
	p.col = col >= 0 ? csv_field_col(r, (size_t)col) : 1L;
	p.column = col >= 0 && csv_header_name(r, (size_t)col) ? csv_header_name(r, (size_t)col) : "";
	p.field = col;
	p.kind = kind;
	p.value = col >= 0 && (size_t)col < csv_n_fields(r) ? csv_field(r, (size_t)col) : "";
	p.what = buf_str(&what);
	buf_printf(&text, "%s:%ld:%ld: column '%s': %s", p.file, p.line, p.col, p.column, p.what);
	p.text = buf_str(&text);
	in->on_error(in->ctx, &p);
	buf_free(&what);
	buf_free(&text);
}

/* 1 (reported at column col) when s is not a period (core/period.h). */
static int bad_period(struct ingest *in, struct csv_reader *r, int col, const char *s)
{
	struct period p;
	struct err pe;
	err_clear(&pe);
	if (period_parse(s, &p, &pe) == 0)
		return 0;
	report(in, r, col, MP_BAD_PERIOD, s, "%s", pe.msg);
	return 1;
}

static const char *field(struct csv_reader *r, int col)
{
	if (col < 0 || (size_t)col >= csv_n_fields(r))
		return "";
	return csv_field(r, (size_t)col);
}

/* The text of column col (-1: none, read as "") of a row whose field
 * count is the header's, so col is in range. */
static const char *cell_text(const struct csv_cell *cell, int col)
{
	return col >= 0 ? cell[col].p : "";
}

/* str_eq_ci, trying the bytes as they are first (the usual case). */
static int same_ci(const char *a, const char *b)
{
	return strcmp(a, b) == 0 || str_eq_ci(a, b);
}

/* 0/1 from "0", "1", yes/no, y/n, true/false; blank -> 0 (counted).
 * Inline: it runs once an outcome a row (as a call, ~27 instructions a
 * row more on the demo's four outcomes, callgrind). */
static inline __attribute__((always_inline)) int read_flag(struct ingest *in, const char *s,
							   int *out)
{
	char t[16];
	size_t n = 0;
	if ((s[0] == '0' || s[0] == '1') && s[1] == '\0') {
		*out = s[0] == '1';
		return 0;
	}
	while (*s == ' ')
		s++;
	while (s[n] && n < sizeof t - 1) {
		t[n] = (char)tolower((unsigned char)s[n]);
		n++;
	}
	while (n && t[n - 1] == ' ')
		n--;
	t[n] = '\0';
	if (n == 0) {
		in->blank_outcomes++;
		*out = 0;
		return 0;
	}
	if (!strcmp(t, "1") || !strcmp(t, "yes") || !strcmp(t, "y") || !strcmp(t, "true")) {
		*out = 1;
		return 0;
	}
	if (!strcmp(t, "0") || !strcmp(t, "no") || !strcmp(t, "n") || !strcmp(t, "false")) {
		*out = 0;
		return 0;
	}
	return -1;
}

/* The full_pay cell: 1 (or yes ...) on full pay, 0 on reduced pay; blank
 * is full pay, and not counted as a blank outcome. *reduced: 1 for 0. */
static int read_full_pay(struct ingest *in, const char *s, int *reduced)
{
	int v = 1;
	if (!str_blank(s) && read_flag(in, s, &v) < 0)
		return -1;
	*reduced = !v;
	return 0;
}

static int read_money(const char *s, double *out, int *has)
{
	char *end;
	double v;
	*has = 0;
	while (*s == ' ')
		s++;
	if (*s == '\0')
		return 0;
	if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA3) /* £ */
		s += 2;
	errno = 0;
	v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (errno || *end || !isfinite(v) || v < 0)
		return -1;
	*out = v;
	*has = 1;
	return 0;
}

/* 1 when reading stops: at the limit of problems, unless they are counted
 * over the whole file. */
#define STOP(in) (!(in)->tally && (in)->n_errors >= (in)->max_errors)

int ingest_record(struct ingest *in, struct csv_reader *r, struct mon_record *rec,
		  const char **pid, struct err *e)
{
	const struct dataset *ds = in->ds;
	const struct csv_cell *cell;
	int c, o, bad = 0, v;
	const char *s;

	memset(rec, 0, sizeof *rec);
	*pid = ""; /* a row with the wrong number of fields has no id to check */
	in->id_len = 0;
	in->id_blank = 1;
	in->rows++;
	if (csv_n_fields(r) != csv_n_header(r)) {
		report(in, r, -1, MP_FIELDS, NULL, "the row has %zu fields but the header has "
		       "%zu; check for a missing or extra comma", csv_n_fields(r), csv_n_header(r));
		return STOP(in) ? -1 : 1;
	}
	/* Every column index is below the header's count (csv_header_index),
	 * which is the row's, so the cells can be read directly. */
	cell = csv_cells(r);
	if (!in->events) { /* a file of people always has an id column */
		*pid = cell[in->col_id].p;
		in->id_len = cell[in->col_id].len;
		/* an id starting with a visible ASCII character is not blank */
		in->id_blank = !(in->id_len && (unsigned char)(*pid)[0] > ' ' &&
				 (unsigned char)(*pid)[0] < 0x7F) && str_blank(*pid);
	} else if (in->col_id >= 0) {
		/* events: the id is kept (an import stores its pseudonym) but
		 * not checked; id_blank stays 1, so no repeat is looked for */
		*pid = cell[in->col_id].p;
		in->id_len = cell[in->col_id].len;
	}
	if (in->id_blank && !in->events) {
		report(in, r, in->col_id, MP_BLANK_ID, NULL,
		       "the person id is blank; every row needs one");
		bad = 1;
	}
	rec->unit = in->col_unit >= 0 ? cell_text(cell, in->col_unit) : "";
	rec->unit_len = in->col_unit >= 0 ? cell[in->col_unit].len : 0;
	if (rec->unit_len)
		rec->unit_hint = memo_unit(in, rec->unit, rec->unit_len);
	rec->grade = in->col_grade >= 0 ? cell_text(cell, in->col_grade) : "";
	if (in->col_period >= 0) {
		const struct csv_cell *pc = &cell[in->col_period];
		/* The usual row has the period seen before, byte for byte,
		 * which passed want_period when it was seen: nothing more to
		 * check (compared in one or two words, not by a strcmp). */
		int usual = pc->len && pc->len < sizeof in->period_seen - 16 &&
			    in->period_seen[pc->len] == '\0' &&
			    same_text(in->period_seen, pc->p, pc->len);
		s = pc->p;
		if (usual) {
			/* nothing more to check */
		} else if (*s && bad_period(in, r, in->col_period, s)) {
			bad = 1;
		} else if (in->want_period && *s && !same_ci(s, in->want_period) &&
		    in->skip_other_periods) {
			in->skipped++;
			return 2;
		} else if (in->want_period && *s && !same_ci(s, in->want_period)) {
			if (in->web)
				report(in, r, in->col_period, MP_PERIOD, s,
				       "the row is for period %s, not %s: choose period %s, or "
				       "upload the extract for %s",
				       s, in->want_period, s, in->want_period);
			else
				report(in, r, in->col_period, MP_PERIOD, s,
				       "the row is for period '%s', not %s; import one period at a "
				       "time (filter the file, or give --period %s)",
				       s, in->want_period, s);
			bad = 1;
		} else if (*s && !in->period_seen[0]) {
			snprintf(in->period_seen, sizeof in->period_seen, "%s", s);
		} else if (*s && !in->mixed_periods && !same_ci(s, in->period_seen)) {
			in->mixed_periods = 1;
		}
	}
	for (c = 0; c < MC_COUNT; c++) {
		struct err ce;
		if (in->col_char[c] < 0)
			continue;
		s = cell[in->col_char[c]].p; /* ce is cleared by memo_classify */
		if (memo_classify(in, c, s, cell[in->col_char[c]].len, &rec->cat[c],
				  &rec->cat_hint[c], &ce) < 0) {
			report(in, r, in->col_char[c], MP_CODE, s, "%s", ce.msg);
			bad = 1;
		}
	}
	/* The outcomes' bits and their stages' checks without a branch on a
	 * bit (the bits of a row are as good as random: cachegrind
	 * --branch-sim=yes counted ~2.5 mispredicted branches a row here). */
	for (o = 0; o < ds->n_outcomes; o++) {
		s = cell_text(cell, in->col_out[o]);
		if (read_flag(in, s, &v) < 0) {
			report(in, r, in->col_out[o], MP_FLAG, s, "'%s' is not 0 or 1 (also "
			       "accepted: yes/no, y/n, true/false; blank reads as 0)", s);
			bad = 1;
			continue;
		}
		rec->outcomes |= (uint32_t)v << o;
	}
	if (!bad) {
		uint32_t early; /* bit o: o is 1, its stage 0 */
		if (ds->n_outcomes <= 8) /* the table ingest_header made */
			early = in->early_tab[rec->outcomes];
		else
			early = early_outcomes(ds, rec->outcomes);
		if (early) {
			char said[2 * DS_NAME_MAX + 16];
			int st;
			o = __builtin_ctz(early);
			st = ds->outcomes[o].stage;
			snprintf(said, sizeof said, "%s is 1 but %s is 0", ds->outcomes[o].name,
				 ds->outcomes[st].name);
			report(in, r, in->col_out[o], MP_STAGE, said, "%s: an outcome cannot "
			       "happen without its earlier stage; correct one of them", said);
			bad = 1;
		}
	}
	if (in->col_pay >= 0 &&
	    read_money(cell_text(cell, in->col_pay), &rec->pay, &rec->has_pay) < 0) {
		report(in, r, in->col_pay, MP_MONEY, cell_text(cell, in->col_pay),
		       "'%s' is not an amount of money (write 12.50)", cell_text(cell, in->col_pay));
		bad = 1;
	}
	if (in->col_bonus >= 0 &&
	    read_money(cell_text(cell, in->col_bonus), &rec->bonus, &rec->has_bonus) < 0) {
		report(in, r, in->col_bonus, MP_MONEY, cell_text(cell, in->col_bonus),
		       "'%s' is not an amount of money (write 250 or 0)",
		       cell_text(cell, in->col_bonus));
		bad = 1;
	}
	if (in->col_full_pay >= 0 &&
	    read_full_pay(in, cell_text(cell, in->col_full_pay), &rec->reduced_pay) < 0) {
		report(in, r, in->col_full_pay, MP_FLAG, cell_text(cell, in->col_full_pay),
		       "'%s' is not 0 or 1 (1: on full pay; 0: on reduced "
		       "pay because of leave, left out of the hourly pay figures; blank reads as "
		       "1; also accepted: yes/no, y/n, true/false)",
		       cell_text(cell, in->col_full_pay));
		bad = 1;
	}
	(void)e;
	if (bad)
		return STOP(in) ? -1 : 1;
	return 0;
}

int ingest_row_id(struct ingest *in, struct csv_reader *r, const char **pid)
{
	const char *s;
	in->rows++;
	if (csv_n_fields(r) != csv_n_header(r))
		return 0;
	*pid = field(r, in->col_id);
	if (in->col_period >= 0 && in->want_period && in->skip_other_periods) {
		struct period p;
		s = field(r, in->col_period);
		/* a row whose period is not a period is an error, not skipped */
		if (*s && !str_eq_ci(s, in->want_period) && period_parse(s, &p, NULL) == 0)
			return 0;
	}
	return !str_blank(*pid);
}

int ingest_money_ok(const char *s)
{
	double v;
	int has;
	return read_money(s, &v, &has) == 0;
}

int ingest_flag_value(const char *s)
{
	struct ingest in;
	int v;
	memset(&in, 0, sizeof in);
	return read_flag(&in, s, &v) < 0 ? -1 : v;
}
