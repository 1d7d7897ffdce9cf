/*
 * sheetcsv: a monitoring extract or count table kept in a spreadsheet
 * (.xlsx, .ods, .xls) read as the CSV text the existing readers take, so
 * that every check of a CSV extract applies unchanged. Row N of the sheet
 * is line N of the text (rows without values become blank lines, which
 * the CSV reader skips), so a problem "on line N" is on row N of the
 * sheet; a line break inside a cell reads as a space. Rows shorter than
 * the first (the header) are padded with empty cells, as a spreadsheet
 * program exports them to CSV.
 */
#ifndef PARITY_MONITOR_SHEETCSV_H
#define PARITY_MONITOR_SHEETCSV_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

struct mon_sheet {
	struct buf csv;	 /* the sheet as CSV text */
	char *file;	 /* the file's name, as given */
	char *sheet;	 /* the name of the sheet read */
	char **header;	 /* the first row's cells (NULL when blank) */
	size_t n_header; /* count of header */
};

/* When path is a spreadsheet — by its content (a zip, the OLE2
 * signature) or its name (.xlsx, .xlsm, .ods, .xls) — read its sheet
 * named sheet (NULL: the first) into *s and set *is_sheet to 1. Any other
 * file (a CSV, standard input "-") is left to the CSV reader: *is_sheet
 * is 0 and nothing is read, and a sheet name given is ERR_USAGE. Errors
 * name the file, the sheet and the cell. Free s with mon_sheet_free (also
 * after a failure). */
int mon_sheet_read_file(const char *path, const char *sheet, struct mon_sheet *s,
			int *is_sheet, struct err *e);
/* The same for len bytes in memory named name (an upload): a spreadsheet
 * by its content only, its messages worded for the web pages (no
 * command-line options). */
int mon_sheet_read_mem(const void *data, size_t len, const char *name, const char *sheet,
		       struct mon_sheet *s, int *is_sheet, struct err *e);
/* The column letters ("C") of the first header cell equal to name
 * (ignoring ASCII case and white space around it) into out; "" when none. */
void mon_sheet_col(const struct mon_sheet *s, const char *name, char out[8]);
void mon_sheet_free(struct mon_sheet *s);

#endif
