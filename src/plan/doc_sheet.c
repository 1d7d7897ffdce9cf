/*
 * doc_sheet: one sheet of a spreadsheet (.xlsx, .ods, .xls, .csv) as a
 * doc (doc.h) — a single table whose rows are the sheet's rows with a
 * value, so that the plan importer reads a plan kept in Excel as it reads
 * a table in Word. core/sheet does the reading (merged areas carried into
 * each of their cells, dates as ISO dates); here each cell becomes its
 * paragraphs, one per line of the cell, squeezed and trimmed as every doc
 * reader does, with the doc's caps on rows and cells.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/sheet.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/doc.h"

#define SHEET_DOC_MAX_ROWS 100000	/* rows of the table (as doc.c) */
#define SHEET_DOC_MAX_CELLS 1000	/* cells in one row (as doc.c) */
#define SHEET_DOC_MAX_TOTAL 1000000	/* cells in the table (as doc.c) */
#define SHEET_DOC_MAX_PARAS 10000	/* lines in one cell */

int doc_format_is_sheet(enum doc_format fmt)
{
	return fmt == DOC_FMT_XLSX || fmt == DOC_FMT_ODS || fmt == DOC_FMT_XLS ||
	       fmt == DOC_FMT_CSV;
}

/* Split text at line ends into c's paragraphs (squeezed, none empty). */
static int cell_paras(struct doc_cell *c, const char *text)
{
	const char *p = text;
	size_t cap = 0;
	while (*p) {
		size_t n = strcspn(p, "\r\n");
		char *t = xstrndup(p, n);
		str_squeeze(t);
		if (*t) {
			if (c->n_paras >= SHEET_DOC_MAX_PARAS) {
				free(t);
				return -1;
			}
			if (c->n_paras == cap) {
				cap = cap ? cap * 2 : 2;
				c->paras = xrealloc(c->paras, cap * sizeof *c->paras);
			}
			c->paras[c->n_paras++] = t;
		} else {
			free(t);
		}
		p += n;
		if (*p == '\r' && p[1] == '\n')
			p++;
		if (*p)
			p++;
	}
	return 0;
}

static enum sheet_format sheet_fmt(enum doc_format f)
{
	switch (f) {
	case DOC_FMT_XLSX:
		return SHEET_XLSX;
	case DOC_FMT_ODS:
		return SHEET_ODS;
	case DOC_FMT_XLS:
		return SHEET_XLS;
	case DOC_FMT_CSV:
		return SHEET_CSV;
	default:
		return SHEET_AUTO;
	}
}

int doc_read_sheet(const void *data, size_t len, const char *name, enum doc_format fmt,
		   const char *sheet, struct doc **out, struct err *e)
{
	struct sheet_book *b = NULL;
	struct sheet_row row;
	struct doc *d = NULL;
	struct doc_table *t;
	size_t total = 0, cap = 0, i;
	const char *sname;
	int rc;

	*out = NULL;
	if (!name)
		name = "(input)";
	if ((rc = sheet_open_mem(data, len, name, sheet_fmt(fmt), &b, e)) < 0)
		return rc;
	if ((rc = sheet_select(b, sheet, e)) < 0)
		goto done;
	sname = sheet_selected(b);
	d = xcalloc(1, sizeof *d);
	d->blocks = xcalloc(1, sizeof *d->blocks);
	d->n_blocks = 1;
	d->blocks[0].kind = DOC_TABLE;
	t = &d->blocks[0].table;
	while ((rc = sheet_next(b, &row, e)) == 1) {
		struct doc_row *r;
		size_t n = row.n_cells;
		/* a merged area across the row (a title merged over every
		 * column) repeats one value: those copies past the cap go */
		while (n > SHEET_DOC_MAX_CELLS && row.cells[n - 1] == row.cells[n - 2])
			n--;
		if (t->n_rows >= SHEET_DOC_MAX_ROWS) {
			rc = err_set(e, ERR_DATA, "%s, sheet %s, row %ld: the sheet has more than %d "
				     "rows with values; a plan has fewer. Choose the plan's sheet, "
				     "or split it", name, sname, row.row, SHEET_DOC_MAX_ROWS);
			break;
		}
		if (n > SHEET_DOC_MAX_CELLS) {
			rc = err_set(e, ERR_DATA, "%s, sheet %s, row %ld: the row has values in more "
				     "than %d columns; a plan has fewer. Delete the columns to the "
				     "right of the plan", name, sname, row.row, SHEET_DOC_MAX_CELLS);
			break;
		}
		total += n;
		if (total > SHEET_DOC_MAX_TOTAL) {
			rc = err_set(e, ERR_DATA, "%s, sheet %s, row %ld: the sheet has more than %d "
				     "cells; split it", name, sname, row.row, SHEET_DOC_MAX_TOTAL);
			break;
		}
		if (t->n_rows == cap) {
			cap = cap ? cap * 2 : 16;
			t->rows = xrealloc(t->rows, cap * sizeof *t->rows);
		}
		r = &t->rows[t->n_rows++];
		r->line = row.row > 0 && row.row < 0x7fffffffL ? (int)row.row : 0;
		r->n_cells = n;
		r->cells = xcalloc(n, sizeof *r->cells);
		for (i = 0; i < n; i++) {
			if (!row.cells[i])
				continue;
			if (cell_paras(&r->cells[i], row.cells[i]) < 0) {
				char ref[24];
				sheet_cell_ref(row.row, i, ref);
				rc = err_set(e, ERR_DATA, "%s, sheet %s, cell %s: the cell has more "
					     "than %d lines; shorten it", name, sname, ref,
					     SHEET_DOC_MAX_PARAS);
				break;
			}
		}
		if (rc < 0)
			break;
	}
	if (rc < 0)
		goto done;
	if (t->n_rows == 0) {
		rc = err_set(e, ERR_DATA, "%s, sheet %s: the sheet is empty; %s", name, sname,
			     sheet_count(b) > 1 ? "choose the sheet that holds the plan (--sheet NAME)"
						: "check the file");
		goto done;
	}
	d->blocks[0].line = t->rows[0].line;
	*out = d;
	d = NULL;
	rc = 0;
done:
	doc_free(d);
	sheet_close(b);
	return rc;
}
