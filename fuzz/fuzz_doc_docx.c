/*
 * fuzz_doc_docx: libFuzzer target for the Word .docx reader of plan/doc.
 * The first byte picks the mode. Even: the rest is the .docx (zip) file
 * itself, which exercises libzip and our archive handling. Odd: the rest
 * is word/document.xml, zipped here in memory (stored, with a correct
 * CRC) before reading, so mutations reach the WordprocessingML walk
 * instead of dying at the zip checksum. Every result is walked and freed;
 * errors are fine, crashes and leaks are not.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "plan/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A new zip (caller frees) holding data as word/document.xml, or NULL. */
static unsigned char *zip_document(const uint8_t *data, size_t size, size_t *len)
{
	zip_error_t ze;
	zip_source_t *mem, *part;
	zip_t *za;
	zip_int64_t idx, n;
	unsigned char *out = NULL;

	zip_error_init(&ze);
	mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!mem)
		goto done;
	zip_source_keep(mem);
	za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze);
	if (!za) {
		zip_source_free(mem);
		goto done;
	}
	part = zip_source_buffer(za, size ? data : (const uint8_t *)"", size, 0);
	idx = part ? zip_file_add(za, "word/document.xml", part, ZIP_FL_ENC_UTF_8) : -1;
	if (idx < 0) {
		zip_source_free(part);
		zip_discard(za);
		zip_source_free(mem);
		goto done;
	}
	zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	if (zip_close(za) < 0) {
		zip_discard(za);
		zip_source_free(mem);
		goto done;
	}
	if (zip_source_open(mem) == 0) {
		zip_source_seek(mem, 0, SEEK_END);
		n = zip_source_tell(mem);
		zip_source_seek(mem, 0, SEEK_SET);
		if (n > 0) {
			out = malloc((size_t)n);
			if (out && zip_source_read(mem, out, (zip_uint64_t)n) != n) {
				free(out);
				out = NULL;
			}
			*len = (size_t)n;
		}
		zip_source_close(mem);
	}
	zip_source_free(mem);
done:
	zip_error_fini(&ze);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc *d = NULL;
	struct err e;
	size_t i, r, c, k, sum = 0, zlen = 0;
	unsigned char *zipped = NULL;
	int rc;

	if (size < 1)
		return 0;
	err_clear(&e);
	if (data[0] & 1) {
		zipped = zip_document(data + 1, size - 1, &zlen);
		if (!zipped)
			return 0;
		rc = doc_read_docx(zipped, zlen, "fuzz.docx", &d, &e);
	} else {
		rc = doc_read_docx(data + 1, size - 1, "fuzz.docx", &d, &e);
	}
	if ((rc == 0) != (d != NULL) || (rc != 0 && e.code == 0))
		abort();
	for (i = 0; d && i < d->n_blocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		if (b->kind == DOC_TEXT) {
			if (!b->text[0] || b->heading < 0 || b->heading > 6)
				abort();
			sum += strlen(b->text);
			continue;
		}
		for (r = 0; r < b->table.n_rows; r++)
			for (c = 0; c < b->table.rows[r].n_cells; c++)
				for (k = 0; k < b->table.rows[r].cells[c].n_paras; k++)
					sum += strlen(b->table.rows[r].cells[c].paras[k]);
	}
	(void)sum;
	doc_free(d);
	free(zipped);
	return 0;
}
