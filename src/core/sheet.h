/*
 * sheet: reads one sheet of a spreadsheet — Excel .xlsx, OpenDocument
 * .ods, old Excel .xls, or a .csv file — as rows of UTF-8 text cells.
 * It knows no domain: callers turn the rows into what they need (a
 * document table for the plan importer, CSV text for the monitoring
 * extracts).
 *
 * What a caller sees:
 *   - the sheets of the workbook, by name and in the workbook's order
 *     (a CSV file has one sheet, named after the file);
 *   - one sheet chosen by name (ASCII case ignored; NULL: the first);
 *   - its rows top to bottom, each with its 1-based row number in the
 *     sheet and its cells left to right (index 0 is column A), a blank
 *     cell being NULL. Rows without any value are skipped (their numbers
 *     are not), and blank cells at the end of a row are dropped.
 * How values read:
 *   - text as written (shared strings and rich-text runs joined, inline
 *     strings, line breaks kept as "\n");
 *   - numbers with at most 15 significant digits and no trailing zeros
 *     (3, not 3.0 or 2.9999999999999996; 0.1 stays 0.1);
 *   - a number in a cell formatted as a date becomes an ISO date
 *     YYYY-MM-DD (" HH:MM" added when the format shows a time and the
 *     value has one; a time-only format gives HH:MM or HH:MM:SS). .xlsx
 *     serial numbers count in the 1900 date system, 1900-02-29 included
 *     as Excel has it, or in the 1904 system when the workbook says so;
 *     .ods dates are read from office:date-value; .xls dates as FreeXL
 *     reads them;
 *   - TRUE / FALSE for booleans, the error text (#N/A) for errors, the
 *     last computed value for formulas;
 *   - a merged area (.xlsx <mergeCells>, .ods spanned cells) carries the
 *     value of its top-left cell into every cell of the area, down and
 *     across, like ditto marks, in every row of the area that has a value
 *     of its own. (.xls merges are not reported by FreeXL, so there only
 *     the top-left cell has the value.)
 * Limits, each an ERR_DATA naming the file, the sheet and the cell:
 *   SHEET_MAX_ROWS rows, SHEET_MAX_COLS columns, SHEET_MAX_CELL bytes in
 *   a cell, SHEET_MAX_XML bytes uncompressed in one part of a zipped
 *   workbook (a "zip bomb" stops there), SHEET_MAX_MERGES merged areas.
 * A damaged file — a truncated zip, XML that is not well-formed, a
 * workbook without its parts, a shared string index out of range, a CSV
 * renamed .xlsx — is ERR_DATA with a message that says what to do.
 */
#ifndef PARITY_SHEET_H
#define PARITY_SHEET_H

#include <stddef.h>

#include "core/err.h"

#define SHEET_MAX_ROWS 1048576L		 /* Excel's own limit */
#define SHEET_MAX_COLS 16384		 /* Excel's own limit (column XFD) */
#define SHEET_MAX_CELL ((size_t)1 << 20) /* bytes of text in one cell */
#define SHEET_MAX_XML ((size_t)256 << 20) /* uncompressed bytes of one zip part */
#define SHEET_MAX_MERGES 100000		 /* merged areas in one sheet */
#define SHEET_MAX_FILL 50000000L	 /* cells filled from merged areas */
#define SHEET_MAX_CELLS 100000000LL	 /* cells handed out in all rows */

enum sheet_format {
	SHEET_AUTO, /* find out from the content, then the name */
	SHEET_XLSX, /* Office Open XML workbook (.xlsx, .xlsm) */
	SHEET_ODS,  /* OpenDocument spreadsheet (.ods) */
	SHEET_XLS,  /* Excel 97-2003 binary workbook (.xls), via FreeXL */
	SHEET_CSV,  /* comma-separated text (.csv) */
	SHEET_NONE, /* not a spreadsheet (sheet_sniff only) */
};

/* An open workbook; freed with sheet_close. */
struct sheet_book;

/* One row of the chosen sheet, owned by the book and valid until the
 * next sheet_next or sheet_close. */
struct sheet_row {
	long row;		  /* 1-based row number in the sheet */
	size_t n_cells;		  /* cells up to the last one with a value (>= 1) */
	const char *const *cells; /* cells[i]: column i (0 = A), NULL when blank */
};

/* What the content of data (len bytes) and the file name (NULL allowed)
 * say the file is: a zip with xl/workbook.xml is SHEET_XLSX, a zip with
 * content.xml and an OpenDocument spreadsheet mimetype SHEET_ODS, the OLE2
 * signature D0 CF 11 E0 SHEET_XLS; other zips (a Word .docx) SHEET_NONE.
 * Otherwise the name decides: .xlsx/.xlsm, .ods, .xls, .csv; anything else
 * is SHEET_NONE. Does not allocate beyond the call. */
enum sheet_format sheet_sniff(const void *data, size_t len, const char *name);

/* The usual name of a format ("xlsx", "ods", "xls", "csv"). */
const char *sheet_format_name(enum sheet_format f);

/* Open a workbook held in memory: len bytes at data, which the caller
 * keeps alive and unchanged until sheet_close. name is copied and used in
 * messages (NULL: "input"). SHEET_AUTO sniffs (SHEET_NONE is then an
 * ERR_DATA saying which formats are read). Allocates *out (sheet_close),
 * also set to NULL on failure. Returns 0 or ERR_DATA / ERR_IO. */
int sheet_open_mem(const void *data, size_t len, const char *name, enum sheet_format fmt,
		   struct sheet_book **out /* OUT */, struct err *e);

/* Open the file at path (named by its path in messages); as
 * sheet_open_mem otherwise. ERR_IO when it cannot be read. */
int sheet_open_file(const char *path, enum sheet_format fmt, struct sheet_book **out /* OUT */,
		    struct err *e);

/* The format of an open book. */
enum sheet_format sheet_book_format(const struct sheet_book *b);
/* Number of sheets (at least 1) and the name of sheet i (owned by the
 * book; NULL when i is out of range). */
size_t sheet_count(const struct sheet_book *b);
const char *sheet_name(const struct sheet_book *b, size_t i);

/* Choose the sheet to read: name compared ignoring ASCII case and white
 * space around it; NULL for the first sheet. An unknown name is ERR_DATA
 * listing the sheets there are. Starts reading it, so it may also fail as
 * sheet_next does (a damaged sheet). May be called again to read another
 * (or the same) sheet from its top. */
int sheet_select(struct sheet_book *b, const char *name, struct err *e);
/* Name of the chosen sheet (NULL before sheet_select). */
const char *sheet_selected(const struct sheet_book *b);

/* Read the next row with a value of the chosen sheet into *row. Returns
 * 1 with a row, 0 at the end of the sheet (and on every later call), or
 * a negative code with e naming file, sheet and cell. */
int sheet_next(struct sheet_book *b, struct sheet_row *row /* OUT */, struct err *e);

/* Write the A1-style name of 1-based row and 0-based column col ("C14")
 * into out. */
void sheet_cell_ref(long row, size_t col, char out[24]);

/* Close the book and free everything; NULL is a no-op. */
void sheet_close(struct sheet_book *b);

#endif
