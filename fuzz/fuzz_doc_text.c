/*
 * fuzz_doc_text: libFuzzer target for the Markdown and HTML readers of
 * plan/doc. The first byte picks the reader (even: Markdown, odd: HTML);
 * the rest is the document. Every result is walked (so ASan sees each
 * string) and freed; errors are fine, crashes and leaks are not.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touch every byte the doc owns and check the documented invariants. */
static void walk(const struct doc *d)
{
	size_t i, r, c, k, sum = 0;

	for (i = 0; i < d->n_blocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		if (b->kind == DOC_TEXT) {
			if (!b->text[0] || b->heading < 0 || b->heading > 6)
				abort();
			sum += strlen(b->text);
			continue;
		}
		for (r = 0; r < b->table.n_rows; r++)
			for (c = 0; c < b->table.rows[r].n_cells; c++)
				for (k = 0; k < b->table.rows[r].cells[c].n_paras; k++) {
					const char *p = b->table.rows[r].cells[c].paras[k];
					if (!p[0])
						abort();
					sum += strlen(p);
				}
	}
	(void)sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc *d = NULL;
	struct err e;
	int rc;

	if (size < 1)
		return 0;
	err_clear(&e);
	if (data[0] & 1)
		rc = doc_read_html((const char *)data + 1, size - 1, "fuzz.html", &d, &e);
	else
		rc = doc_read_markdown((const char *)data + 1, size - 1, "fuzz.md", &d, &e);
	if ((rc == 0) != (d != NULL) || (rc != 0 && e.code == 0))
		abort();
	if (d)
		walk(d);
	doc_free(d);
	return 0;
}
