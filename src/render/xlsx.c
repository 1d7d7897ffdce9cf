/*
 * render/xlsx.c: see render/xlsx.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render/xlsx.h"

int rx_open(struct rx_book *x, const char *path, const char *title, struct err *e)
{
	lxw_doc_properties props;
	FILE *f;

	memset(x, 0, sizeof *x);
	x->err = LXW_NO_ERROR;
	x->path = path;
	buf_printf(&x->tmp, "%s.tmp", path);
	if (x->tmp.failed) {
		buf_free(&x->tmp);
		return err_set(e, ERR_IO, "cannot write %s: the file name is too long", path);
	}
	/* Try the file first: libxlsxwriter would print its own complaint on
	 * stderr, and library code here never prints. */
	f = fopen(buf_str(&x->tmp), "wb");
	if (!f) {
		int rc = err_set(e, ERR_IO, "cannot write %s: %s; check the folder exists and is "
				 "writable", path, strerror(errno));
		buf_free(&x->tmp);
		return rc;
	}
	fclose(f);
	x->wb = workbook_new(buf_str(&x->tmp));
	if (!x->wb) {
		remove(buf_str(&x->tmp));
		buf_free(&x->tmp);
		return err_set(e, ERR_IO, "cannot write %s: the workbook could not be created",
			       path);
	}
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_bottom(x->head, LXW_BORDER_THIN);
	x->title = workbook_add_format(x->wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 13);
	x->wrap = workbook_add_format(x->wb);
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	memset(&props, 0, sizeof props);
	props.title = (char *)title;
	rx_note(x, workbook_set_properties(x->wb, &props));
	return 0;
}

void rx_note(struct rx_book *x, lxw_error rc)
{
	if (rc != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
		x->err = rc;
}

void rx_str(struct rx_book *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
	    lxw_format *f)
{
	rx_note(x, worksheet_write_string(ws, row, col, s ? s : "", f));
}

void rx_int(struct rx_book *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, int64_t v,
	    lxw_format *f)
{
	rx_note(x, worksheet_write_number(ws, row, col, (double)v, f));
}

int rx_close(struct rx_book *x, struct err *e)
{
	lxw_error rc = workbook_close(x->wb); /* frees the workbook whatever happens */
	int out = 0;
	if (x->err == LXW_NO_ERROR)
		x->err = rc;
	if (x->err != LXW_NO_ERROR) {
		remove(buf_str(&x->tmp));
		out = err_set(e, ERR_IO, "cannot write %s: %s; check the folder exists and is "
			      "writable", x->path, lxw_strerror(x->err));
	} else if (rename(buf_str(&x->tmp), x->path) != 0) {
		remove(buf_str(&x->tmp));
		out = err_set(e, ERR_IO, "cannot write %s: the finished file could not be moved "
			      "into place; check the folder is writable", x->path);
	}
	buf_free(&x->tmp);
	x->wb = NULL;
	return out;
}

/* The bytes of the file at path, appended to b. */
static int slurp(const char *path, struct buf *b, struct err *e)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_IO, "cannot read the spreadsheet just written (%s)",
			       strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
	return b->failed ? err_set(e, ERR_INTERNAL, "the spreadsheet is too large to send") : 0;
}

int rx_bytes(int (*write)(const void *ctx, const char *path, struct err *e), const void *ctx,
	     struct buf *b, struct err *e)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512], path[600], tmpfile[640];
	int rc;
	snprintf(dir, sizeof dir, "%s/parity-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return err_set(e, ERR_IO, "cannot make a temporary folder for the spreadsheet in "
			       "%s (%s); set TMPDIR to a writable folder",
			       tmp && *tmp ? tmp : "/tmp", strerror(errno));
	snprintf(path, sizeof path, "%s/book.xlsx", dir);
	snprintf(tmpfile, sizeof tmpfile, "%s.tmp", path);
	rc = write(ctx, path, e);
	if (rc == 0)
		rc = slurp(path, b, e);
	unlink(path);
	unlink(tmpfile);
	rmdir(dir);
	return rc;
}
