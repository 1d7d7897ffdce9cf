/*
 * render/xlsx: opening and finishing an Excel workbook (libxlsxwriter) the
 * way every writer of parity does — the file is tried first (the library
 * would print its own complaint), written to PATH.tmp and renamed over
 * PATH only when complete, so a failure leaves nothing behind; the first
 * error of any write is kept and reported once. Knows no domain: the
 * Diversity Report (monitor/report_xlsx.c) and the published tables
 * (publish/out.c) use it.
 */
#ifndef PARITY_RENDER_XLSX_H
#define PARITY_RENDER_XLSX_H

#include <stdint.h>
#include <xlsxwriter.h>

#include "core/buf.h"
#include "core/err.h"

struct rx_book {
	lxw_workbook *wb;
	lxw_error err;	    /* first error, LXW_NO_ERROR when none */
	lxw_format *head;   /* bold header cells with a rule below */
	lxw_format *title;  /* bold, larger */
	lxw_format *wrap;   /* text that wraps */
	const char *path;
	struct buf tmp;	    /* PATH.tmp */
};

/* Open a workbook for path, titled title (its document properties).
 * ERR_IO naming the file when it cannot be written. */
int rx_open(struct rx_book *x, const char *path, const char *title, struct err *e);
/* Keep the first error. */
void rx_note(struct rx_book *x, lxw_error rc);
/* Write a text cell (never a formula) / a whole number. */
void rx_str(struct rx_book *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
	    lxw_format *f);
void rx_int(struct rx_book *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, int64_t v,
	    lxw_format *f);
/* Close the workbook and move it into place, or remove it after an
 * error (ERR_IO naming the file). Frees what rx_open allocated. */
int rx_close(struct rx_book *x, struct err *e);

/* A workbook as bytes, for a download: write(ctx, path, e) writes it to a
 * file in a private folder made in $TMPDIR (libxlsxwriter writes only to
 * files), whose bytes are appended to b; the folder is removed before
 * returning. ERR_IO when no folder can be made there. */
int rx_bytes(int (*write)(const void *ctx, const char *path, struct err *e), const void *ctx,
	     struct buf *b, struct err *e);

#endif
