/*
 * csv: the streaming RFC 4180 reader (see csv.h for what it accepts and
 * why it is hand-written).
 *
 * Two passes over each chunk, one behind the other. fill() reads a chunk
 * and validates it as UTF-8 up to `ready`: bytes before `ready` are whole
 * characters with no NUL; when `bad` is set the byte at `ready` is the
 * first bad one; otherwise the bytes after `ready` (at most 3) are the
 * start of a character cut by the chunk end, carried into the next chunk.
 * The validation skips 16 bytes of ASCII at a time (SSE2, or 8 with plain
 * word arithmetic where SSE2 is missing).
 *
 * Records are then read in one of two ways:
 *   - the fast path (fast_record): a record that lies whole in the
 *     validated bytes, whose fields are unquoted or quoted without "" or
 *     line ends, is read in place: its separators are found from masks of
 *     64-byte blocks (SSE2 compares for , " CR LF), each field is a slice of the
 *     chunk and the separator after it is overwritten with the NUL; no
 *     byte is copied and no line or column is counted. A field's line and
 *     column are worked out only when asked for (csv_field_line/col, that
 *     is on an error): the record's line, and the characters from the
 *     record's start, which is always column 1.
 *   - anything else (quotes with "" or line ends inside, a record cut by
 *     the chunk end, the last record without a line end, errors, limits)
 *     goes to the state machine below, which can stop and resume at any
 *     byte, copies the fields into one record buffer, NUL-separated, and
 *     notes every field's line and column as it goes. The fast path gives
 *     up without changing anything, so the state machine reads the same
 *     record from its start and reports every error as it always did.
 * The state machine consumes only validated bytes, so an encoding error
 * is reported only when parsing reaches it, after any earlier syntax
 * error, and with the parser's own line and column.
 *
 * Measured (perf, `parity analyze` of 1M demo rows, one thread): the
 * reader took ~45% of the time when it copied every field and counted
 * every column (csv_next, take_run, field_start/append/end, csv_field);
 * see the log in the commit that brought the fast path for the figure
 * after it.
 */
#include "core/csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/str.h"
#include "core/xalloc.h"

enum csv_state {
	ST_RECORD,   /* between records: skipping line ends */
	ST_FIELD,    /* at the start of a field */
	ST_UNQUOTED, /* inside an unquoted field */
	ST_QUOTED,   /* inside a quoted field */
	ST_QUOTE,    /* just after a quote inside a quoted field */
	ST_DONE,     /* end of input reached */
	ST_FAILED,   /* an error was reported; it repeats */
};

enum { BAD_NONE, BAD_NUL, BAD_UTF8 };

/* Where a field read by the state machine lies in rec and starts. */
struct csv_spos {
	size_t off; /* start of the field in rec */
	long line;  /* where the field starts */
	long col;
};

/* Bytes of padding after a chunk's bytes, so that the 64-byte blocks of
 * fast_record and the 16-byte loads of validate that start before `ready`
 * stay inside the allocation (and read zeros), and so that
 * CSV_CELL_SLACK holds. */
#define CHUNK_PAD 64
_Static_assert(CHUNK_PAD >= CSV_CELL_SLACK, "cells read in place keep their slack");

struct csv_reader {
	char *name;	     /* for messages; owned */
	FILE *f;	     /* file source, or NULL */
	int own_f;	     /* 1 when csv_close must fclose f */
	int f_limited;	     /* 1: read at most f_left more bytes of f */
	size_t f_left;	     /* bytes of the range not yet read */
	const unsigned char *mem; /* memory source (borrowed), or NULL */
	size_t mem_len;	     /* bytes at mem */
	size_t mem_pos;	     /* bytes of mem already read */

	unsigned char *chunk; /* input chunk; chunk_size + 4 + CHUNK_PAD bytes */
	size_t chunk_size;   /* bytes read per fill */
	size_t chunk_len;    /* bytes in chunk */
	size_t pos;	     /* next byte to parse */
	size_t ready;	     /* bytes validated (see the file comment) */
	int bad;	     /* BAD_* at `ready` */
	int eof;	     /* the source has no more bytes */
	int bom_checked;     /* the start was checked for a byte order mark */

	enum csv_state state; /* parser state */
	long line;	      /* position of chunk[pos] */
	long col;
	int cr;		      /* the last byte consumed was a CR */
	long quote_line;      /* opening quote of the current quoted field */
	long quote_col;

	char *rec;	       /* fields of the current record, NUL-separated */
	size_t rec_len;	       /* bytes used in rec */
	size_t rec_cap;	       /* bytes allocated */
	struct csv_cell *cells; /* fields of the current record */
	struct csv_spos *spos; /* where each field is (state machine only) */
	size_t n_fields;       /* complete fields in cells */
	size_t slots_cap;      /* cells and spos allocated */
	long rec_line;	       /* line where the current record starts */
	long n_records;	       /* records returned so far */
	size_t n_cells;	       /* fields with cells (n_fields, or fewer: wanted) */
	size_t wanted;	       /* 0, or fields a caller looks at (csv_set_wanted) */
	int fast;	       /* 1: the record was read in place (fast_record) */
	const unsigned char *rec_start; /* fast: its first byte, at column 1 */
	size_t blk_at;	       /* fast: offset of the block whose masks follow (or SIZE_MAX) */
	uint64_t blk_comma, blk_quote, blk_nl;
	uint64_t *seps;	       /* fast: the record's separators, a word a block */
	size_t seps_cap;       /* words allocated at seps */

	char *hdr;	      /* header names, NUL-separated, trimmed */
	size_t *hdr_off;      /* start of each name in hdr */
	size_t n_header;      /* header names */

	struct err fail;      /* the error that stuck the reader */
};

/* Characters that end a run in an unquoted (1) or quoted (2) field. */
static const unsigned char stop_class[256] = {
	['\n'] = 3, ['\r'] = 3, ['"'] = 3, [','] = 1,
};

static struct csv_reader *reader_new(const char *name)
{
	struct csv_reader *r = xcalloc(1, sizeof *r);
	r->name = xstrdup(name);
	r->chunk_size = CSV_CHUNK;
	r->state = ST_RECORD;
	r->line = 1;
	r->col = 1;
	r->blk_at = SIZE_MAX;
	return r;
}

int csv_open_file(const char *path, struct csv_reader **out, struct err *e)
{
	FILE *f;
	struct csv_reader *r;

	*out = NULL;
	if (strcmp(path, "-") == 0) {
		r = reader_new("stdin");
		r->f = stdin;
		*out = r;
		return 0;
	}
	f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_IO, "cannot open %s: %s; check the file name and "
				      "that you may read it", path, strerror(errno));
	r = reader_new(path);
	r->f = f;
	r->own_f = 1;
	*out = r;
	return 0;
}

int csv_open_range(const char *path, long long off, size_t len, struct csv_reader **out,
		   struct err *e)
{
	struct csv_reader *r;
	int rc = csv_open_file(path, &r, e);
	if (rc < 0)
		return rc;
	*out = r;
	if (!r->own_f || off < 0 || fseeko(r->f, (off_t)off, SEEK_SET) != 0) {
		r->state = ST_FAILED; /* standard input cannot be read in ranges */
		err_set(&r->fail, ERR_IO, "cannot read %s from byte %lld: %s; check the file "
				   "is a regular file", path, off, strerror(errno ? errno : ESPIPE));
		return err_set(e, r->fail.code, "%s", r->fail.msg);
	}
	r->f_limited = 1;
	r->f_left = len;
	r->bom_checked = off > 0; /* a byte order mark counts only at the start */
	if (len < r->chunk_size)
		r->chunk_size = len ? len : 1;
	return 0;
}

int csv_open_mem(const char *data, size_t len, const char *name,
		 struct csv_reader **out, struct err *e)
{
	struct csv_reader *r = reader_new(name ? name : "input");
	(void)e;
	r->mem = (const unsigned char *)data;
	r->mem_len = data ? len : 0;
	/* A small input needs no 1 MiB chunk. */
	if (r->mem_len < r->chunk_size)
		r->chunk_size = r->mem_len ? r->mem_len : 1;
	*out = r;
	return 0;
}

void csv_set_wanted(struct csv_reader *r, size_t n)
{
	r->wanted = n;
}

void csv_set_chunk_size(struct csv_reader *r, size_t n)
{
	if (!r || r->chunk || n == 0 || n > ((size_t)1 << 30))
		return;
	r->chunk_size = n;
}

void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	if (r->f && r->own_f)
		fclose(r->f);
	free(r->name);
	free(r->chunk);
	free(r->rec);
	free(r->cells);
	free(r->spos);
	free(r->seps);
	free(r->hdr);
	free(r->hdr_off);
	free(r);
}

/* ------------------------------------------------------------ errors */

/* Stick the reader with an error at line:col and copy it to e. */
__attribute__((format(printf, 5, 6))) static int
fail_at(struct csv_reader *r, struct err *e, long line, long col,
	const char *fmt, ...)
{
	char what[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	err_clear(&r->fail);
	err_set(&r->fail, ERR_DATA, "%s:%ld:%ld: %s", r->name, line, col, what);
	r->state = ST_FAILED;
	return err_set(e, r->fail.code, "%s", r->fail.msg);
}

static int fail_io(struct csv_reader *r, struct err *e)
{
	err_clear(&r->fail);
	err_set(&r->fail, ERR_IO, "cannot read %s: %s; check the file is readable "
				 "and try again", r->name, strerror(errno));
	r->state = ST_FAILED;
	return err_set(e, r->fail.code, "%s", r->fail.msg);
}

static int fail_bad(struct csv_reader *r, struct err *e)
{
	if (r->bad == BAD_NUL)
		return fail_at(r, e, r->line, r->col,
			       "the file contains a NUL byte, so it is not a CSV text "
			       "file; export the data again as CSV (UTF-8)");
	return fail_at(r, e, r->line, r->col,
		       "this text is not valid UTF-8; open the file and save it "
		       "as 'CSV UTF-8 (Comma delimited)' (or another UTF-8 CSV)");
}

/* ------------------------------------------------------------ input */

/* 1 when the 16 bytes at s (SSE2; 8 without it) are all ASCII and
 * none is NUL, so they need no closer look. */
static int ascii_block(const unsigned char *s)
{
#ifdef __SSE2__
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	return (_mm_movemask_epi8(v) | _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()))) ==
	       0;
#else
	uint64_t x;
	memcpy(&x, s, 8);
	return ((x | ((x - 0x0101010101010101ull) & ~x)) & 0x8080808080808080ull) == 0;
#endif
}

#ifdef __SSE2__
/* ascii_block for the 64 bytes at s, with one test: callgrind counted ~10
 * instructions per 16 bytes, and the whole file passes through here. */
static int ascii_64(const unsigned char *s)
{
	const __m128i z = _mm_setzero_si128();
	__m128i a = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + 16));
	__m128i c = _mm_loadu_si128((const __m128i *)(const void *)(s + 32));
	__m128i d = _mm_loadu_si128((const __m128i *)(const void *)(s + 48));
	__m128i hi = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
	__m128i nul = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(a, z), _mm_cmpeq_epi8(b, z)),
				   _mm_or_si128(_mm_cmpeq_epi8(c, z), _mm_cmpeq_epi8(d, z)));
	return (_mm_movemask_epi8(hi) | _mm_movemask_epi8(nul)) == 0;
}

#define ASCII_BLOCK 16
#else
#define ASCII_BLOCK 8
#endif

/* Validate chunk[ready..chunk_len) as UTF-8 without NUL (see the file
 * comment for what ready and bad mean afterwards). at_eof: the source is
 * exhausted, so a cut-off character is an error, not a carry. */
static void validate(struct csv_reader *r, int at_eof)
{
	const unsigned char *s = r->chunk;
	size_t i = r->ready, n = r->chunk_len;

	while (i < n) {
		unsigned char c, lo = 0x80, hi = 0xBF;
		size_t need, k;

#ifdef __SSE2__
		if (n - i >= 64 && ascii_64(s + i)) {
			i += 64;
			continue;
		}
#endif
		if (n - i >= ASCII_BLOCK && ascii_block(s + i)) {
			i += ASCII_BLOCK;
			continue;
		}
		c = s[i];
		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		if (c == 0) {
			r->bad = BAD_NUL;
			break;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0; /* no overlong forms */
			else if (c == 0xED)
				hi = 0x9F; /* no surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F; /* nothing above U+10FFFF */
		} else {
			r->bad = BAD_UTF8;
			break;
		}
		for (k = 1; k <= need && i + k < n; k++) {
			unsigned char b = s[i + k];
			if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF))
				break;
		}
		if (k <= need && i + k < n) {
			r->bad = BAD_UTF8; /* a bad continuation byte */
			break;
		}
		if (k <= need) { /* cut off by the end of the chunk */
			if (at_eof)
				r->bad = BAD_UTF8;
			break;
		}
		i += need + 1;
	}
	r->ready = i;
}

/* Move the carried bytes to the front and read the next chunk. Returns 0
 * or ERR_IO. Sets eof when the source gave fewer bytes than asked. */
static int fill(struct csv_reader *r, struct err *e)
{
	size_t carry = r->chunk_len - r->ready, n;

	if (!r->chunk)
		r->chunk = xmalloc(r->chunk_size + 4 + CHUNK_PAD);
	if (carry)
		memmove(r->chunk, r->chunk + r->ready, carry);
	r->chunk_len = carry;
	r->pos = 0;
	r->ready = 0;
	r->blk_at = SIZE_MAX; /* the bytes change */
	if (r->f) {
		size_t want = r->chunk_size;
		if (r->f_limited && want > r->f_left)
			want = r->f_left;
		n = want ? fread(r->chunk + carry, 1, want, r->f) : 0;
		if (n < want && ferror(r->f))
			return fail_io(r, e);
		if (n < want || (r->f_limited && (r->f_left -= n) == 0))
			r->eof = 1;
	} else {
		n = r->mem_len - r->mem_pos;
		if (n > r->chunk_size)
			n = r->chunk_size;
		if (n)
			memcpy(r->chunk + carry, r->mem + r->mem_pos, n);
		r->mem_pos += n;
		if (r->mem_pos == r->mem_len)
			r->eof = 1;
	}
	r->chunk_len += n;
	memset(r->chunk + r->chunk_len, 0, CHUNK_PAD);
	validate(r, r->eof);
	if (!r->bom_checked && r->ready > 0) {
		r->bom_checked = 1;
		if (r->ready >= 3 && r->chunk[0] == 0xEF && r->chunk[1] == 0xBB &&
		    r->chunk[2] == 0xBF)
			r->pos = 3;
	}
	return 0;
}

/* ------------------------------------------------------------ record */

static void newline(struct csv_reader *r, unsigned char c)
{
	if (c == '\r' || !r->cr)
		r->line++;
	r->col = 1;
	r->cr = c == '\r';
}

/* Room for one more field (n_fields < CSV_MAX_FIELDS). */
static void grow_slots(struct csv_reader *r)
{
	r->slots_cap = r->slots_cap ? r->slots_cap * 2 : 32;
	if (r->slots_cap > CSV_MAX_FIELDS)
		r->slots_cap = CSV_MAX_FIELDS;
	r->cells = xrealloc(r->cells, r->slots_cap * sizeof *r->cells);
	r->spos = xrealloc(r->spos, r->slots_cap * sizeof *r->spos);
}

/* Begin a field at the current position. */
static int field_start(struct csv_reader *r, struct err *e)
{
	struct csv_spos *s;
	if (r->n_fields >= CSV_MAX_FIELDS)
		return fail_at(r, e, r->line, r->col,
			       "this record has more than %zu fields; check that the "
			       "file separates fields with commas and that no quote "
			       "is missing", CSV_MAX_FIELDS);
	if (r->n_fields == r->slots_cap)
		grow_slots(r);
	s = &r->spos[r->n_fields];
	s->off = r->rec_len;
	s->line = r->line;
	s->col = r->col;
	return 0;
}

/* Make room for n more bytes in rec (plus the NUL). */
static void rec_reserve(struct csv_reader *r, size_t n)
{
	if (r->rec_len + n + 1 > r->rec_cap) {
		size_t cap = r->rec_cap ? r->rec_cap : 256;
		while (cap < r->rec_len + n + 1)
			cap *= 2;
		r->rec = xrealloc(r->rec, cap + CSV_CELL_SLACK);
		r->rec_cap = cap;
	}
}

/* Append n bytes to the current field, within the limits. */
static int field_append(struct csv_reader *r, const unsigned char *p, size_t n,
			struct err *e)
{
	struct csv_spos *s = &r->spos[r->n_fields];
	if (r->rec_len - s->off + n > CSV_MAX_FIELD)
		return fail_at(r, e, s->line, s->col,
			       "the field starting here is longer than %zu bytes; "
			       "check for a missing closing quote, or split the data",
			       CSV_MAX_FIELD);
	/* The fields' NULs count too, so the record fits in rec's cap. */
	if (r->rec_len + n + 1 > CSV_MAX_RECORD)
		return fail_at(r, e, r->rec_line, 1,
			       "the record starting here is longer than %zu bytes; "
			       "check for a missing closing quote, or split the data",
			       CSV_MAX_RECORD);
	rec_reserve(r, n);
	memcpy(r->rec + r->rec_len, p, n);
	r->rec_len += n;
	return 0;
}

/* Finish the current field with its NUL. */
static int field_end(struct csv_reader *r, struct err *e)
{
	size_t i = r->n_fields;
	if (r->rec_len + 1 > CSV_MAX_RECORD)
		return fail_at(r, e, r->rec_line, 1,
			       "the record starting here is longer than %zu bytes; "
			       "check for a missing closing quote, or split the data",
			       CSV_MAX_RECORD);
	rec_reserve(r, 0);
	r->cells[i].len = r->rec_len - r->spos[i].off;
	r->rec[r->rec_len++] = '\0';
	r->n_fields++;
	return 0;
}

/* The state machine finished a record: point the cells into rec (which
 * no longer moves). Returns 1, for csv_next. */
static int record_done(struct csv_reader *r)
{
	size_t i;
	for (i = 0; i < r->n_fields; i++)
		r->cells[i].p = r->rec + r->spos[i].off;
	r->n_cells = r->n_fields;
	r->state = ST_RECORD;
	r->n_records++;
	return 1;
}

/* The input ended: finish the record in progress, or report the end. */
static int at_end(struct csv_reader *r, struct err *e)
{
	switch (r->state) {
	case ST_RECORD:
		r->state = ST_DONE;
		return 0;
	case ST_FIELD: /* after a final comma: one more, empty field */
		if (field_start(r, e) < 0)
			return r->fail.code;
		/* fall through */
	case ST_UNQUOTED:
	case ST_QUOTE:
		if (field_end(r, e) < 0)
			return r->fail.code;
		return record_done(r);
	case ST_QUOTED:
		return fail_at(r, e, r->quote_line, r->quote_col,
			       "a quoted field starts here but its closing quote is "
			       "missing; add the closing \" (and write each \" inside "
			       "the field as \"\")");
	case ST_DONE:
		return 0;
	case ST_FAILED:
		break;
	}
	return err_set(e, r->fail.code, "%s", r->fail.msg);
}

/* Consume a run of ordinary bytes from chunk[pos] for the field; `stop`
 * selects the bytes that end the run. */
static int take_run(struct csv_reader *r, unsigned char stop, struct err *e)
{
	const unsigned char *p = r->chunk + r->pos, *q = p;
	const unsigned char *end = r->chunk + r->ready;
	long col = r->col;

	while (q < end && !(stop_class[*q] & stop)) {
		col += (*q & 0xC0) != 0x80;
		q++;
	}
	if (q == p)
		return 0;
	if (field_append(r, p, (size_t)(q - p), e) < 0)
		return r->fail.code;
	r->col = col;
	r->cr = 0;
	r->pos += (size_t)(q - p);
	return 0;
}

/* The masks of the 64 bytes at s: bit i is byte i, set when it is a
 * comma, a quote, a CR or LF. */
static inline __attribute__((always_inline)) void
block_scan(const unsigned char *s, uint64_t *comma, uint64_t *quote, uint64_t *nl)
{
	uint64_t c = 0, q = 0, n = 0;
	int k;
#ifdef __SSE2__
	const __m128i cm = _mm_set1_epi8(','), qt = _mm_set1_epi8('"');
	const __m128i cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');
	for (k = 0; k < 4; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + 16 * k));
		c |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, cm)) << (16 * k);
		q |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, qt)) << (16 * k);
		n |= (uint64_t)(unsigned)_mm_movemask_epi8(
			     _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)))
		     << (16 * k);
	}
#else
	for (k = 0; k < 64; k++) {
		uint64_t bit = (uint64_t)1 << k;
		c |= s[k] == ',' ? bit : 0;
		q |= s[k] == '"' ? bit : 0;
		n |= s[k] == '\r' || s[k] == '\n' ? bit : 0;
	}
#endif
	*comma = c;
	*quote = q;
	*nl = n;
}

/* Bit i of the result: the parity of the bits 0..i of x. Applied to the
 * quotes of a record, it marks what lies inside quotes: an opening quote
 * and the bytes after it, up to (not including) its closing quote. */
static inline uint64_t prefix_xor(uint64_t x)
{
	x ^= x << 1;
	x ^= x << 2;
	x ^= x << 4;
	x ^= x << 8;
	x ^= x << 16;
	x ^= x << 32;
	return x;
}

/* Bits set in x, in plain arithmetic (without -mpopcnt,
 * __builtin_popcountll is a call into libgcc). */
static inline size_t ones64(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555ull);
	x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
	return (size_t)((x * 0x0101010101010101ull) >> 56);
}

/* The n cells of a record from its separators (seps: a word a block,
 * the first block at blk), its first field at fs, each cell ended by a
 * NUL in place of its separator, or of its closing quote when quoted.
 * Inlined twice, with quoted 0 for a record without quotes (most rows):
 * no test of each field's first byte (callgrind, 200k demo rows: 25
 * instructions a field with it, 19 without). */
static inline __attribute__((always_inline)) void
make_cells(struct csv_cell *cl, size_t n, const uint64_t *sp, unsigned char *blk,
	   unsigned char *fs, int quoted)
{
	struct csv_cell *ce = cl + n;
	uint64_t cur = *sp;
	for (; cl < ce; cl++) {
		unsigned char *at;
		size_t qt = 0;
		while (!cur) {
			cur = *++sp;
			blk += 64;
		}
		at = blk + __builtin_ctzll(cur);
		cur &= cur - 1;
		if (quoted)
			qt = *fs == '"';
		cl->p = (const char *)fs + qt;
		cl->len = (size_t)(at - fs) - 2 * qt;
		at[-(ptrdiff_t)qt] = '\0';
		fs = at + 1;
	}
}

/* Read the record at chunk[pos] in place when it lies whole before
 * `ready` and needs nothing the state machine does (see the file
 * comment). Returns 1 with the record ready, or 0 with the reader
 * unchanged.
 *
 * The chunk is looked at in blocks of 64 bytes (64 from its start), each
 * turned once into three masks (block_scan: commas, quotes, line ends),
 * kept for the next record, which mostly starts in the same block. In a
 * record, the quotes give what lies inside quotes (prefix_xor), and the
 * commas and line ends outside are the separators, kept a word a block
 * until the record's end is found; then they are walked bit by bit into
 * the cells.
 * The record is left to the state machine unless every opening quote
 * starts a field and every closing quote ends one (no "", nothing after
 * a closing quote) and no line end is inside quotes.
 * Measured: the reader was 29% of analyze (perf, 10M rows, 2 threads)
 * when it looked for each field's end in turn, 16 bytes at a time, with a
 * branch or two a field that the processor could not predict. With the
 * blocks, analyze of the 10M-row demo file took 3.61 s of processor time
 * instead of 3.75 s (perf stat -r 3, both versions with the same
 * counting), and 0.27 s instead of 0.34 s on one thread at 1M rows; the
 * instructions a record are about the same (callgrind: ~830 against
 * ~750), so the gain is in branches. */
static int fast_record(struct csv_reader *r)
{
	unsigned char *chunk = r->chunk;
	size_t pos = r->pos, ready = r->ready, base = pos & ~(size_t)63, base0 = base;
	size_t end, nb = 0, nsep = 0, take;
	uint64_t from = ~(uint64_t)0 << (pos & 63); /* bits of the record */
	uint64_t lead = (uint64_t)1 << (pos & 63);  /* bits where a field starts */
	uint64_t inq = 0;			    /* all ones: inside quotes */
	uint64_t anyq = 0;			    /* the record's quotes */
	int need_sep = 0; /* a closing quote ended the block before */
	unsigned char eol;

	/* First the record's blocks, each block's separators kept in seps,
	 * until its line end; nothing is written before the record is known
	 * to be one the fast path takes. */
	for (;; base += 64, from = ~(uint64_t)0) {
		uint64_t c, q, nl, live, m, sep, ends, mine, carry;
		if (base >= ready)
			return 0; /* no line end before `ready` */
		if (r->blk_at != base) {
			block_scan(chunk + base, &r->blk_comma, &r->blk_quote, &r->blk_nl);
			r->blk_at = base;
		}
		live = ready - base >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << (ready - base)) - 1;
		c = r->blk_comma & from & live;
		q = r->blk_quote & from & live;
		nl = r->blk_nl & from & live;
		m = prefix_xor(q) ^ inq;
		sep = (c | nl) & ~m;
		ends = sep & nl;
		carry = sep >> 63; /* the next block then starts a field */
		/* bits up to the record's end (causal: a bit depends only on
		 * the bits before it) */
		mine = ends ? ~(uint64_t)0 >> (63 - __builtin_ctzll(ends)) : ~(uint64_t)0;
		if (need_sep && !(sep & 1))
			return 0;
		lead |= sep << 1;
		if ((q & m & ~lead & mine) ||				/* an opening quote inside a field */
		    (q & ~m & ~(sep >> 1) & mine & ~((uint64_t)1 << 63)) || /* text after a closing one */
		    (nl & m & mine))					/* a line end inside quotes */
			return 0;
		need_sep = !ends && (q & ~m) >> 63;
		anyq |= q & mine;
		inq = (uint64_t)((int64_t)m >> 63);
		if (nb == r->seps_cap) {
			r->seps_cap = r->seps_cap ? 2 * r->seps_cap : 8;
			r->seps = xrealloc(r->seps, r->seps_cap * sizeof *r->seps);
		}
		sep &= mine;
		r->seps[nb++] = sep;
		nsep += ones64(sep);
		if (ends) {
			end = base + (size_t)__builtin_ctzll(ends);
			break;
		}
		if (base + 64 - pos > CSV_MAX_FIELD)
			return 0; /* a long record: the state machine checks its limits */
		lead = carry;
	}
	/* The state machine checks the limits of a long record. */
	if (end - pos + 1 > CSV_MAX_FIELD || nsep > CSV_MAX_FIELDS)
		return 0;
	/* Then the cells, each ended by a NUL in place of its separator (or
	 * closing quote), in one loop over the fields. Measured against
	 * making the cells block by block and writing the NULs in a second
	 * loop (cachegrind --branch-sim=yes, 200k demo rows): the reader's
	 * instructions 167M -> 159M, its mispredicted branches 0.90M ->
	 * 0.48M (a loop a block ended at a count that changed each time);
	 * 10M rows, 2 threads: processor time 1.87 -> 1.65 s (median of 6
	 * interleaved runs). */
	take = r->wanted && r->wanted < nsep ? r->wanted : nsep;
	while (take > r->slots_cap)
		grow_slots(r);
	eol = chunk[end]; /* before the NULs: one takes its place */
	if (anyq)
		make_cells(r->cells, take, r->seps, chunk + base0, chunk + pos, 1);
	else
		make_cells(r->cells, take, r->seps, chunk + base0, chunk + pos, 0);
	r->n_cells = take;
	r->n_fields = nsep;
	r->fast = 1;
	r->rec_start = chunk + pos;
	r->rec_line = r->line;
	r->cr = 0; /* the record's bytes came after any CR */
	newline(r, eol);
	r->pos = end + 1;
	r->n_records++;
	return 1;
}

int csv_next(struct csv_reader *r, struct err *e)
{
	unsigned char c;

	if (r->state == ST_FAILED)
		return err_set(e, r->fail.code, "%s", r->fail.msg);
	if (r->state == ST_DONE)
		return 0;
	r->rec_len = 0;
	r->n_fields = 0;
	r->n_cells = 0;
	r->fast = 0;
	for (;;) {
		if (r->pos == r->ready) {
			if (r->bad)
				return fail_bad(r, e);
			if (r->eof)
				return at_end(r, e);
			if (fill(r, e) < 0)
				return r->fail.code;
			continue;
		}
		c = r->chunk[r->pos];
		switch (r->state) {
		case ST_RECORD:
			if (c == '\n' || c == '\r') {
				newline(r, c);
				r->pos++;
				break;
			}
			if (fast_record(r))
				return 1;
			r->rec_line = r->line;
			r->state = ST_FIELD;
			break;
		case ST_FIELD:
			if (field_start(r, e) < 0)
				return r->fail.code;
			if (c == '"') {
				r->quote_line = r->line;
				r->quote_col = r->col;
				r->state = ST_QUOTED;
			} else if (c == ',') {
				if (field_end(r, e) < 0)
					return r->fail.code;
			} else if (c == '\n' || c == '\r') {
				goto end_record;
			} else {
				r->state = ST_UNQUOTED;
				break; /* the byte belongs to the field */
			}
			r->col++;
			r->cr = 0;
			r->pos++;
			break;
		case ST_UNQUOTED:
			if (take_run(r, 1, e) < 0)
				return r->fail.code;
			if (r->pos == r->ready)
				break;
			c = r->chunk[r->pos];
			if (c == ',') {
				if (field_end(r, e) < 0)
					return r->fail.code;
				r->col++;
				r->cr = 0;
				r->pos++;
				r->state = ST_FIELD;
			} else if (c == '"') {
				return fail_at(r, e, r->line, r->col,
					       "a \" appears inside a field that does not "
					       "start with a quote; put the whole field in "
					       "double quotes and write each \" inside it "
					       "as \"\"");
			} else {
				goto end_record;
			}
			break;
		case ST_QUOTED:
			if (take_run(r, 2, e) < 0)
				return r->fail.code;
			if (r->pos == r->ready)
				break;
			c = r->chunk[r->pos];
			if (c == '"') {
				r->col++;
				r->cr = 0;
				r->state = ST_QUOTE;
			} else { /* a line end inside the quotes is data */
				if (field_append(r, &c, 1, e) < 0)
					return r->fail.code;
				newline(r, c);
			}
			r->pos++;
			break;
		case ST_QUOTE:
			if (c == '"') {
				if (field_append(r, &c, 1, e) < 0)
					return r->fail.code;
				r->state = ST_QUOTED;
			} else if (c == ',') {
				if (field_end(r, e) < 0)
					return r->fail.code;
				r->state = ST_FIELD;
			} else if (c == '\n' || c == '\r') {
				goto end_record;
			} else {
				return fail_at(r, e, r->line, r->col,
					       "unexpected text after the closing quote of "
					       "a field; a quoted field must be followed by "
					       "a comma or the end of the line (write a \" "
					       "inside a quoted field as \"\")");
			}
			r->col++;
			r->cr = 0;
			r->pos++;
			break;
		case ST_DONE:
		case ST_FAILED:
			return at_end(r, e);
		}
	}

end_record: /* c is the CR or LF that ends the record, at chunk[pos] */
	if (field_end(r, e) < 0)
		return r->fail.code;
	newline(r, c);
	r->pos++;
	return record_done(r);
}

/* ------------------------------------------------------------ accessors */

static int in_record(const struct csv_reader *r)
{
	return r->state == ST_RECORD || r->state == ST_DONE;
}

size_t csv_n_fields(const struct csv_reader *r)
{
	return in_record(r) ? r->n_fields : 0;
}

/* Fields of the current record that have cells. */
static size_t n_cells(const struct csv_reader *r)
{
	return in_record(r) ? r->n_cells : 0;
}

const struct csv_cell *csv_cells(const struct csv_reader *r)
{
	return n_cells(r) ? r->cells : NULL;
}

const char *csv_field(const struct csv_reader *r, size_t i)
{
	return i < n_cells(r) ? r->cells[i].p : NULL;
}

size_t csv_field_len(const struct csv_reader *r, size_t i)
{
	return i < n_cells(r) ? r->cells[i].len : 0;
}

long csv_field_line(const struct csv_reader *r, size_t i)
{
	if (i >= n_cells(r))
		return 0;
	return r->fast ? r->rec_line : r->spos[i].line;
}

/* A field read in place starts at column 1 + the characters before it on
 * its line, which are all in the record (separators now NULs, and quotes,
 * count one each). It was quoted when the byte before it is a quote: an
 * unquoted field follows a separator or starts the record. */
long csv_field_col(const struct csv_reader *r, size_t i)
{
	const unsigned char *p, *at;
	long col = 1;
	if (i >= n_cells(r))
		return 0;
	if (!r->fast)
		return r->spos[i].col;
	at = (const unsigned char *)r->cells[i].p;
	if (at > r->rec_start && at[-1] == '"')
		at--;
	for (p = r->rec_start; p < at; p++)
		col += (*p & 0xC0) != 0x80;
	return col;
}

long csv_record_line(const struct csv_reader *r)
{
	return csv_n_fields(r) ? r->rec_line : 0;
}

long csv_record_number(const struct csv_reader *r)
{
	return r->n_records;
}

const char *csv_name(const struct csv_reader *r)
{
	return r->name;
}

/* ------------------------------------------------------------ header */

int csv_read_header(struct csv_reader *r, struct err *e)
{
	size_t i, len, wanted = r->wanted;
	int rc;

	r->wanted = 0; /* every name is kept */
	rc = csv_next(r, e);
	r->wanted = wanted;

	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_DATA, "%s: the file is empty; expected a header "
				       "row naming the columns", r->name);
	free(r->hdr);
	free(r->hdr_off);
	for (i = 0, len = 0; i < r->n_fields; i++)
		len += r->cells[i].len + 1;
	r->hdr = xmalloc(len);
	r->hdr_off = xmalloc(r->n_fields * sizeof *r->hdr_off);
	r->n_header = r->n_fields;
	for (i = 0, len = 0; i < r->n_fields; i++) {
		r->hdr_off[i] = len;
		memcpy(r->hdr + len, r->cells[i].p, r->cells[i].len + 1);
		len += r->cells[i].len + 1;
		str_trim(r->hdr + r->hdr_off[i]);
	}
	return 0;
}

size_t csv_n_header(const struct csv_reader *r)
{
	return r->n_header;
}

const char *csv_header_name(const struct csv_reader *r, size_t i)
{
	return i < r->n_header ? r->hdr + r->hdr_off[i] : NULL;
}

/* Bytes of white space (ASCII, or U+00A0 as str_trim knows it) at p. */
static size_t space_at(const char *p, const char *end)
{
	if (p < end && (*p == ' ' || (*p >= '\t' && *p <= '\r')))
		return 1;
	if (end - p >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
		return 2;
	return 0;
}

/* 1 when the n bytes at a and b are equal ignoring ASCII case. */
static int eq_ci_n(const char *a, const char *b, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return 1;
}

int csv_header_index(const struct csv_reader *r, const char *name)
{
	const char *b = name, *end;
	size_t i, n, w;

	if (!name)
		return -1;
	end = name + strlen(name);
	while ((w = space_at(b, end)) > 0)
		b += w;
	for (;;) {
		if (end - b >= 1 && space_at(end - 1, end) == 1)
			end--;
		else if (end - b >= 2 && space_at(end - 2, end) == 2)
			end -= 2;
		else
			break;
	}
	n = (size_t)(end - b);
	for (i = 0; i < r->n_header; i++) {
		const char *h = r->hdr + r->hdr_off[i];
		if (strlen(h) == n && eq_ci_n(h, b, n))
			return (int)i;
	}
	return -1;
}

void csv_copy_header(struct csv_reader *r, const struct csv_reader *src)
{
	size_t len = 0, i;
	free(r->hdr);
	free(r->hdr_off);
	r->hdr = NULL;
	r->hdr_off = NULL;
	r->n_header = src->n_header;
	if (!src->n_header)
		return;
	for (i = 0; i < src->n_header; i++)
		if (src->hdr_off[i] + strlen(src->hdr + src->hdr_off[i]) + 1 > len)
			len = src->hdr_off[i] + strlen(src->hdr + src->hdr_off[i]) + 1;
	r->hdr = xmalloc(len);
	memcpy(r->hdr, src->hdr, len);
	r->hdr_off = xmalloc(src->n_header * sizeof *r->hdr_off);
	memcpy(r->hdr_off, src->hdr_off, src->n_header * sizeof *r->hdr_off);
}

long csv_line(const struct csv_reader *r)
{
	return r->line;
}
