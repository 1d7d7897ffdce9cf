/*
 * fuzz_doc_docx: libFuzzer target for the Word .docx reader of plan/doc.
 * The input is the zip file itself. Every result is walked and freed;
 * errors are fine, crashes and leaks are not.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc *d = NULL;
	struct err e;
	size_t i, r, c, k, sum = 0;
	int rc;

	err_clear(&e);
	rc = doc_read_docx(data, size, "fuzz.docx", &d, &e);
	if ((rc == 0) != (d != NULL) || (rc != 0 && e.code == 0))
		abort();
	for (i = 0; d && i < d->n_blocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		if (b->kind == DOC_TEXT) {
			if (!b->text[0])
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
	return 0;
}
