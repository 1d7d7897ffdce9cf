/*
 * sheetcsv: spreadsheets to CSV text for the monitoring readers (see
 * sheetcsv.h). core/sheet reads the sheet (dates in date-formatted cells
 * become ISO dates, numbers lose float noise); this file writes each row
 * as one RFC 4180 record on the line of its row number.
 */
#include "monitor/sheetcsv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/sheet.h"
#include "core/str.h"
#include "core/xalloc.h"

/* One cell as a CSV field: quoted when it holds a comma or a quote, line
 * ends made spaces (so that row N stays line N). */
static void put_field(struct buf *b, const char *s)
{
	const char *p;
	int quote = strpbrk(s, ",\"") != NULL;
	if (quote)
		buf_putc(b, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_puts(b, "\"\"");
		else if (*p == '\r' || *p == '\n')
			buf_putc(b, ' ');
		else
			buf_putc(b, *p);
	}
	if (quote)
		buf_putc(b, '"');
}

static int read_book(struct sheet_book *bk, const char *sheet, int web, struct mon_sheet *s,
		     struct err *e)
{
	struct sheet_row row;
	long line = 1;
	size_t width = 0, i;
	int rc, first = 1;

	if ((rc = sheet_select(bk, sheet, e)) < 0)
		return rc;
	s->sheet = xstrdup(sheet_selected(bk));
	s->csv.max = (size_t)256 << 20;
	while ((rc = sheet_next(bk, &row, e)) == 1) {
		size_t n = row.n_cells;
		while (line < row.row) {
			buf_putc(&s->csv, '\n');
			line++;
		}
		if (first) {
			width = n;
			s->n_header = n;
			s->header = xcalloc(n, sizeof *s->header);
			for (i = 0; i < n; i++)
				s->header[i] = row.cells[i] ? str_trim_dup(row.cells[i]) : NULL;
			first = 0;
		}
		for (i = 0; i < n || i < width; i++) {
			if (i)
				buf_putc(&s->csv, ',');
			if (i < n && row.cells[i])
				put_field(&s->csv, row.cells[i]);
		}
		buf_putc(&s->csv, '\n');
		line++;
		if (s->csv.failed)
			return err_set(e, ERR_DATA, "%s, sheet %s: the sheet is larger than %zu MiB as "
				       "text; save it as CSV and import that", s->file, s->sheet,
				       s->csv.max >> 20);
	}
	if (rc < 0)
		return rc;
	if (first)
		return err_set(e, ERR_DATA, "%s, sheet %s: the sheet is empty; %s", s->file,
			       s->sheet, sheet_count(bk) <= 1 ? "check the file"
				       : web ? "put the data on the first sheet of the workbook"
					     : "choose the sheet that holds the data (--sheet NAME)");
	return 0;
}

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), k = strlen(ext);
	return n > k && str_eq_ci(name + n - k, ext);
}

int mon_sheet_read_file(const char *path, const char *sheet, struct mon_sheet *s,
			int *is_sheet, struct err *e)
{
	struct sheet_book *bk = NULL;
	unsigned char head[8];
	ssize_t got = 0;
	int rc, fd;

	memset(s, 0, sizeof *s);
	*is_sheet = 0;
	if (strcmp(path, "-") && (fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		got = read(fd, head, sizeof head);
		close(fd);
	}
	if (!((got >= 4 && head[0] == 'P' && head[1] == 'K') ||
	      (got >= 8 && !memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) ||
	      has_ext(path, ".xlsx") || has_ext(path, ".xlsm") || has_ext(path, ".ods") ||
	      has_ext(path, ".xls"))) {
		if (sheet)
			return err_set(e, ERR_USAGE, "--sheet is for spreadsheets (.xlsx, .ods, .xls); "
				       "%s is read as CSV: leave out --sheet", path);
		return 0;
	}
	*is_sheet = 1;
	s->file = xstrdup(path);
	if ((rc = sheet_open_file(path, SHEET_AUTO, &bk, e)) < 0)
		return rc;
	if (sheet_book_format(bk) == SHEET_CSV) {
		sheet_close(bk);
		*is_sheet = 0;
		return 0;
	}
	rc = read_book(bk, sheet, 0, s, e);
	sheet_close(bk);
	return rc;
}

int mon_sheet_read_mem(const void *data, size_t len, const char *name, const char *sheet,
		       struct mon_sheet *s, int *is_sheet, struct err *e)
{
	struct sheet_book *bk = NULL;
	enum sheet_format f;
	int rc;

	memset(s, 0, sizeof *s);
	*is_sheet = 0;
	f = sheet_sniff(data, len, NULL);
	if (f != SHEET_XLSX && f != SHEET_ODS && f != SHEET_XLS) {
		const unsigned char *p = data;
		/* a zip that is no spreadsheet (a Word file) is not CSV either */
		if (!(len >= 4 && p[0] == 'P' && p[1] == 'K'))
			return 0;
		f = SHEET_XLSX;
	}
	*is_sheet = 1;
	s->file = xstrdup(name ? name : "input");
	if ((rc = sheet_open_mem(data, len, s->file, f, &bk, e)) < 0)
		return rc;
	rc = read_book(bk, sheet, 1, s, e);
	sheet_close(bk);
	return rc;
}

void mon_sheet_col(const struct mon_sheet *s, const char *name, char out[8])
{
	size_t i;
	char ref[24];
	out[0] = '\0';
	if (!name || !*name)
		return;
	for (i = 0; i < s->n_header; i++) {
		char *t;
		int same;
		if (!s->header[i])
			continue;
		t = str_trim_dup(name);
		same = str_eq_ci(s->header[i], t);
		free(t);
		if (same) {
			sheet_cell_ref(1, i, ref);
			/* the letters only */
			ref[strcspn(ref, "0123456789")] = '\0';
			snprintf(out, 8, "%.7s", ref);
			return;
		}
	}
}

void mon_sheet_free(struct mon_sheet *s)
{
	size_t i;
	buf_free(&s->csv);
	free(s->file);
	free(s->sheet);
	for (i = 0; i < s->n_header; i++)
		free(s->header[i]);
	free(s->header);
	memset(s, 0, sizeof *s);
}
