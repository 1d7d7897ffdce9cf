/*
 * fuzz_csv: libFuzzer target for core/csv.c. Any bytes are read as CSV
 * three times — once in one chunk, once in small chunks (1 to 7 bytes,
 * chosen from the input's length), once in chunks of 8 to 64 bytes so
 * that records read in place mix with records cut by chunk ends — and
 * the readings must agree exactly:
 * the same records, fields, positions, and the same error message, so a
 * chunk boundary can never change what the reader sees. Each reading
 * must also keep the reader's promises: csv_next returns 1, 0 or a
 * negative code, and after 0 or an error it repeats itself; a record has
 * at least one field; a field holds no NUL byte and is valid UTF-8;
 * positions are at least 1 and never go backwards; fields never hold
 * more bytes than the input; an error message starts with the name and
 * a line:column. The first record is also read as a header, and every
 * header name must be found again by csv_header_index.
 * Built by `make fuzz`; fuzz/replay.c replays the corpus in `make check`.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 1 when the n bytes at s are UTF-8 with no NUL (a plain decoder kept
 * apart from the reader's, so they check each other). */
static int utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned long cp;
		size_t k, len;
		if (s[i] == 0)
			return 0;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xE0) == 0xC0)
			len = 2, cp = s[i] & 0x1F;
		else if ((s[i] & 0xF0) == 0xE0)
			len = 3, cp = s[i] & 0x0F;
		else if ((s[i] & 0xF8) == 0xF0)
			len = 4, cp = s[i] & 0x07;
		else
			return 0;
		if (i + len > n)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

/* Check the error rc left in e and that the reader repeats it. */
static void check_error(struct csv_reader *r, int rc, const struct err *e,
			struct buf *out)
{
	struct err again;
	char *end;
	long line, col;

	assert(rc == ERR_DATA && e->code == rc);
	assert(strncmp(e->msg, "f.csv:", 6) == 0);
	line = strtol(e->msg + 6, &end, 10);
	assert(line >= 1 && *end == ':');
	col = strtol(end + 1, &end, 10);
	assert(col >= 1 && *end == ':');
	err_clear(&again);
	assert(csv_next(r, &again) == rc);
	assert(strcmp(again.msg, e->msg) == 0);
	assert(csv_n_fields(r) == 0);
	buf_printf(out, "E %s\n", e->msg);
}

/* Read the header; 1 when there was one, 0 at the end, or an error. */
static int read_header(struct csv_reader *r, struct err *e, struct buf *out)
{
	size_t i, n;
	int rc = csv_read_header(r, e);

	if (rc == ERR_DATA && strncmp(e->msg, "f.csv: the file is empty", 24) == 0) {
		assert(csv_n_header(r) == 0);
		assert(csv_next(r, e) == 0);
		buf_puts(out, "EMPTY\n");
		return 0;
	}
	if (rc < 0)
		return rc;
	n = csv_n_header(r);
	assert(n >= 1 && n <= CSV_MAX_FIELDS);
	for (i = 0; i < n; i++) {
		const char *h = csv_header_name(r, i);
		int at;
		assert(h != NULL);
		at = csv_header_index(r, h);
		assert(at >= 0 && (size_t)at <= i);
		assert(strcasecmp(csv_header_name(r, (size_t)at), h) == 0);
		buf_printf(out, "H%zu=%s\n", i, h);
	}
	assert(csv_header_name(r, n) == NULL);
	return 1;
}

/* Read everything with the given chunk size (0: default), describing
 * every record, field, position and the final result into out. */
static void read_into(const uint8_t *data, size_t size, size_t chunk, int header,
		      struct buf *out, size_t wanted)
{
	struct csv_reader *r;
	struct err e;
	size_t total = 0;
	long last_line = 0;
	int rc;

	err_clear(&e);
	rc = csv_open_mem((const char *)data, size, "f.csv", &r, &e);
	assert(rc == 0);
	if (chunk)
		csv_set_chunk_size(r, chunk);
	if (wanted)
		csv_set_wanted(r, wanted);
	if (header) {
		rc = read_header(r, &e, out);
		if (rc == 1)
			last_line = csv_record_line(r);
		if (rc <= 0)
			goto done;
	}
	while ((rc = csv_next(r, &e)) == 1) {
		size_t i, n = csv_n_fields(r);
		long line = csv_record_line(r), pl = 0, pc = 0;
		assert(n >= 1 && n <= CSV_MAX_FIELDS);
		assert(line > last_line);
		last_line = line;
		buf_printf(out, "R%ld@%ld:", csv_record_number(r), line);
		for (i = 0; i < n && (!wanted || i < wanted); i++) {
			const char *f = csv_field(r, i);
			size_t len = csv_field_len(r, i);
			long fl = csv_field_line(r, i), fc = csv_field_col(r, i);
			assert(f != NULL);
			assert(strlen(f) == len);
			assert(len <= CSV_MAX_FIELD);
			assert(utf8_ok((const unsigned char *)f, len));
			assert(fl >= line && fc >= 1);
			assert(i == 0 ? fl == line && fc == 1 : fl > pl || (fl == pl && fc > pc));
			pl = fl;
			pc = fc;
			total += len;
			buf_printf(out, " %ld.%ld[%s]", fl, fc, f);
		}
		assert(csv_field(r, n) == NULL);
		if (wanted)
			buf_printf(out, " (%zu)", n);
		assert(total <= size);
		buf_putc(out, '\n');
	}
done:
	if (rc < 0) {
		check_error(r, rc, &e, out);
	} else {
		assert(csv_n_fields(r) == 0);
		assert(csv_next(r, &e) == 0);
		buf_puts(out, "END\n");
	}
	csv_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf whole = BUF_INIT, pieces = BUF_INIT;
	int header = size > 0 && (data[size - 1] & 1);

	if (size > 65536)
		return 0;
	whole.max = pieces.max = (size_t)64 << 20;
	read_into(data, size, 0, header, &whole, 0);
	read_into(data, size, 1 + size % 7, header, &pieces, 0);
	assert(!whole.failed && !pieces.failed);
	assert(whole.len == pieces.len && memcmp(whole.data, pieces.data, whole.len) == 0);
	/* chunks of 8 to 64 bytes: records read in place (whole in a chunk)
	 * mixed with records cut by chunk ends */
	buf_free(&pieces);
	pieces.max = (size_t)64 << 20;
	read_into(data, size, 8 + size % 57, header, &pieces, 0);
	assert(!pieces.failed);
	assert(whole.len == pieces.len && memcmp(whole.data, pieces.data, whole.len) == 0);
	/* only the first 1 to 3 fields wanted (csv_set_wanted): the same
	 * fields, field counts and errors as the whole reading with the
	 * other fields left out */
	{
		size_t w = 1 + size % 3;
		struct buf some = BUF_INIT, want = BUF_INIT;
		some.max = want.max = (size_t)64 << 20;
		read_into(data, size, 0, header, &some, w);
		read_into(data, size, 1 + size % 5, header, &want, w);
		assert(!some.failed && !want.failed);
		assert(some.len == want.len && memcmp(some.data, want.data, some.len) == 0);
		buf_free(&some);
		buf_free(&want);
	}
	buf_free(&whole);
	buf_free(&pieces);
	return 0;
}
