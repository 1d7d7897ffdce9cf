/*
 * csv: a streaming RFC 4180 CSV reader with line/column error messages.
 *
 * Written by hand because no C library packaged in Debian reads RFC 4180
 * as a stream and reports where (line and column) and why a file is
 * malformed in words an analyst can act on. Monitoring extracts can hold
 * millions of rows, so the reader streams: it reads the input in chunks
 * (1 MiB by default) and keeps only the current record, so memory does
 * not grow with the number of rows. Most records are read in place in
 * the chunk, without copying (see csv.c).
 *
 * What it accepts:
 *   - fields separated by commas, records ended by CRLF, LF or a lone CR;
 *     the last record may lack a line end;
 *   - quoted fields ("...") holding commas, line ends and doubled quotes
 *     (""), which read as one quote; line ends inside quotes are kept
 *     exactly as written (CRLF stays CRLF);
 *   - a UTF-8 byte order mark at the start, which is skipped;
 *   - wholly blank lines (nothing between two line ends), which are
 *     skipped wherever they are: they are not records. A record with one
 *     empty field is written as "" on its own line. A line of spaces is a
 *     record (fields are never trimmed).
 * What it rejects, with "NAME:LINE:COLUMN: what; what to do":
 *   - a quoted field that is never closed (the position of its opening
 *     quote), a quote inside an unquoted field, anything but a comma or a
 *     line end after a closing quote;
 *   - a NUL byte, and bytes that are not valid UTF-8 (overlong forms,
 *     surrogates and truncated sequences included);
 *   - a field over CSV_MAX_FIELD bytes, a record over CSV_MAX_FIELDS
 *     fields or CSV_MAX_RECORD bytes.
 * Lines and columns count from 1; a column counts characters (UTF-8 code
 * points), not bytes, and the byte order mark is not counted. After an
 * error the reader is stuck: every later csv_next returns the same error.
 */
#ifndef PARITY_CSV_H
#define PARITY_CSV_H

#include <stddef.h>

#include "core/err.h"

#define CSV_MAX_FIELD ((size_t)1 << 20)	  /* bytes in one field */
#define CSV_MAX_FIELDS ((size_t)100000)	  /* fields in one record */
#define CSV_MAX_RECORD ((size_t)16 << 20) /* bytes in one record */
#define CSV_CHUNK ((size_t)1 << 20)	  /* default read size */

/* Opaque reader; freed with csv_close. */
struct csv_reader;

/* Open the file at path ("-" reads standard input, named "stdin" in
 * messages). Allocates the reader into *out (caller frees with
 * csv_close). Returns 0, or ERR_IO with a message naming the file. */
int csv_open_file(const char *path, struct csv_reader **out /* OUT */,
		  struct err *e);

/* Read the len bytes of the file at path that start at byte off (a part
 * of a file that several readers share out), through the reader's own
 * file handle. Lines count from 1 at off; a byte order mark is skipped
 * only when off is 0. Allocates the reader into *out (caller frees with
 * csv_close, also after an error). Returns 0, or ERR_IO when the file
 * cannot be opened or is not seekable (standard input). */
int csv_open_range(const char *path, long long off, size_t len,
		   struct csv_reader **out /* OUT */, struct err *e);

/* Read len bytes at data, which the caller keeps alive and unchanged
 * until csv_close (it is not copied). name is copied and used in error
 * messages ("upload.csv"; NULL gives "input"). Allocates the reader into
 * *out (caller frees with csv_close). Returns 0. */
int csv_open_mem(const char *data, size_t len, const char *name,
		 struct csv_reader **out /* OUT */, struct err *e);

/* For tests: read the input in chunks of n bytes (n >= 1) so that chunk
 * boundaries fall inside fields, quotes, CRLF and UTF-8 sequences. Only
 * takes effect before the first csv_next; ignored afterwards. */
void csv_set_chunk_size(struct csv_reader *r, size_t n);

/* Tell r that its caller looks only at the first n fields of each record
 * (0, the default: at all of them), so that records can be read faster:
 * csv_n_fields still counts every field, and every error is still found,
 * but csv_field, csv_field_len, csv_field_line, csv_field_col and
 * csv_cells may give nothing (NULL, 0) for fields from n on. Does not
 * apply to csv_read_header. */
void csv_set_wanted(struct csv_reader *r, size_t n);

/* Read the next record. Returns 1 when a record is ready (see the
 * accessors below), 0 at the end of the input (and on every later call),
 * or a negative code (ERR_DATA for malformed input, ERR_IO for a read
 * failure) with e filled in "NAME:LINE:COLUMN: ..." form. The record's
 * fields live in the reader's buffer and stay valid until the next
 * csv_next or csv_close. No allocation per record once the buffers have
 * grown to the largest record. */
int csv_next(struct csv_reader *r, struct err *e);

/* Number of fields in the current record (at least 1; 0 before the first
 * record and after the end). */
size_t csv_n_fields(const struct csv_reader *r);
/* A field of the current record: its bytes, NUL-terminated, and their
 * number (without the NUL). The bytes from p up to p + len +
 * CSV_CELL_SLACK may be read (those after the NUL are the reader's, of no
 * given value), so a short field can be loaded as two words and masked,
 * and a long one read in words whose last runs past its end. */
#define CSV_CELL_SLACK 16
struct csv_cell {
	const char *p; /* the bytes (owned by the reader) */
	size_t len;    /* bytes at p */
};
/* All csv_n_fields fields of the current record at once, for callers
 * that look at every field of millions of records (only the wanted ones
 * are sure to be there, see csv_set_wanted); NULL when there is no
 * record. Owned by the reader, valid until the next csv_next or
 * csv_close. Does not allocate. */
const struct csv_cell *csv_cells(const struct csv_reader *r);
/* Field i of the current record, NUL-terminated (it cannot contain a NUL
 * byte), owned by the reader; NULL when i is out of range (or not wanted,
 * see csv_set_wanted). */
const char *csv_field(const struct csv_reader *r, size_t i);
/* Length in bytes of field i (0 when out of range). */
size_t csv_field_len(const struct csv_reader *r, size_t i);
/* Line and column where field i starts (its opening quote, if quoted);
 * 0 when i is out of range. */
long csv_field_line(const struct csv_reader *r, size_t i);
long csv_field_col(const struct csv_reader *r, size_t i);
/* Line on which the current record starts. */
long csv_record_line(const struct csv_reader *r);
/* 1 for the first record read (the header, when there is one), 2 for the
 * next, and so on; blank lines are not counted. */
long csv_record_number(const struct csv_reader *r);
/* The name used in messages (owned by the reader). */
const char *csv_name(const struct csv_reader *r);

/* Read the next record as the header row and keep a copy of it, each
 * name trimmed of surrounding white space, for csv_header_index. Returns
 * 0, ERR_DATA when the input has no record ("the file is empty"), or the
 * error of csv_next. Allocates inside the reader; freed by csv_close. */
int csv_read_header(struct csv_reader *r, struct err *e);
/* Number of header names kept (0 before csv_read_header). */
size_t csv_n_header(const struct csv_reader *r);
/* Header name i (trimmed, owned by the reader); NULL when out of range. */
const char *csv_header_name(const struct csv_reader *r, size_t i);
/* Index of the first header column whose name equals name, ignoring
 * ASCII case and white space around either; -1 when there is none (or no
 * header was read). Does not allocate. */
int csv_header_index(const struct csv_reader *r, const char *name);

/* Give r (which has read no header) a copy of src's header, so that a
 * reader of a later part of a file can use csv_header_index and friends.
 * Allocates inside r; freed by csv_close. */
void csv_copy_header(struct csv_reader *r, const struct csv_reader *src);
/* Line of the next byte to be read: after the last record of the input,
 * 1 + the number of line ends read (CRLF counts once). */
long csv_line(const struct csv_reader *r);

/* Close the file (unless it is standard input) and free the reader.
 * csv_close(NULL) does nothing. */
void csv_close(struct csv_reader *r);

#endif
