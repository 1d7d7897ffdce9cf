/*
 * test_sheet: the spreadsheet reader (src/core/sheet.c) and the sheet as
 * a doc (src/plan/doc_sheet.c). The same plan is kept in
 * tests/fixtures/sheet/plan.xlsx, .ods, .xls and .csv (written by
 * make_fixtures.py) and must read the same from each; the Checks sheet
 * pins how values read (float noise, dates in both date systems, rich and
 * inline strings); the broken fixtures each give a clear error. Run from
 * the repo root.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/sheet.h"
#include "plan/doc.h"

#define FIX "tests/fixtures/sheet/"

/* The sheet as text: "ROW: a|b|c" lines (blank cells empty). */
static char *dump(const char *path, const char *sheet, struct err *e, int *rc)
{
	struct sheet_book *b = NULL;
	struct sheet_row r;
	struct buf out = BUF_INIT;
	size_t i;

	err_clear(e);
	*rc = sheet_open_file(path, SHEET_AUTO, &b, e);
	if (*rc == 0)
		*rc = sheet_select(b, sheet, e);
	while (*rc == 0 && (*rc = sheet_next(b, &r, e)) == 1) {
		buf_printf(&out, "%ld:", r.row);
		for (i = 0; i < r.n_cells; i++)
			buf_printf(&out, "%s%s", i ? "|" : " ", r.cells[i] ? r.cells[i] : "");
		buf_putc(&out, '\n');
		*rc = 0;
	}
	sheet_close(b);
	if (*rc > 0)
		*rc = 0;
	buf_putc(&out, '\0');
	return buf_take(&out);
}

static char *dump_ok(const char *path, const char *sheet)
{
	struct err e;
	int rc;
	char *s = dump(path, sheet, &e, &rc);
	cr_assert_eq(rc, 0, "%s: %s", path, e.msg);
	return s;
}

static const char *SIMPLE =
	"1: Action|Lead|Deadline|Progress\n"
	"2: Publish the workforce profile on the intranet|Head of HR|2024-03-31|Draft ready\n"
	"3: Offer mentoring to staff from under-represented groups|Learning manager|2024-09-30|"
	"Started\n"
	"4: Ask leavers why they go, by protected characteristic|Head of HR|2024-12-31\n"
	"5: Review the complaints form for accessible formats|Customer services lead|2025-01-31|"
	"Not started\n"
	"6: Translate the service leaflet into the three most used languages|"
	"Communications officer|2025-06-30\n";

Test(sheet, same_plan_in_every_format)
{
	const char *files[] = {FIX "plan.xlsx", FIX "plan.ods", FIX "plan.xls"};
	size_t i;
	for (i = 0; i < 3; i++) {
		char *s = dump_ok(files[i], "simple"); /* case ignored */
		cr_assert_str_eq(s, SIMPLE, "%s", files[i]);
		free(s);
	}
	{
		char *s = dump_ok(FIX "plan.csv", NULL);
		cr_assert_str_eq(s, SIMPLE);
		free(s);
	}
}

/* Title rows, merged areas down and across, dates in built-in and custom
 * date formats, a line break in a cell. */
static const char *ACTIONS =
	"1: Equality action plan 2024 to 2026|Equality action plan 2024 to 2026|"
	"Equality action plan 2024 to 2026|Equality action plan 2024 to 2026|"
	"Equality action plan 2024 to 2026\n"
	"2: Agreed by the Equality Group on 12 January 2024\n"
	"3: Area|Action|Lead|Deadline|Progress\n"
	"4: Workforce|Publish the workforce profile on the intranet|Head of HR|2024-03-31|Draft ready\n"
	"5: Workforce|Offer mentoring to staff from under-represented groups|Learning manager|"
	"2024-09-30|Started\n"
	"6: Workforce|Ask leavers why they go, by protected characteristic|Head of HR|2024-12-31\n"
	"7: Services|Review the complaints form for accessible formats|Customer services lead\n"
	"Equality officer|2025-01-31|Not started\n"
	"8: Services|Translate the service leaflet into the three most used languages|"
	"Communications officer|2025-06-30\n";

Test(sheet, merges_titles_dates)
{
	char *x = dump_ok(FIX "plan.xlsx", "Actions");
	char *o = dump_ok(FIX "plan.ods", "Actions");
	cr_assert_str_eq(x, ACTIONS);
	cr_assert_str_eq(o, ACTIONS);
	free(x);
	free(o);
}

Test(sheet, sheet_names_in_order)
{
	struct sheet_book *b = NULL;
	struct err e;
	err_clear(&e);
	cr_assert_eq(sheet_open_file(FIX "plan.xlsx", SHEET_AUTO, &b, &e), 0, "%s", e.msg);
	cr_assert_eq(sheet_book_format(b), SHEET_XLSX);
	cr_assert_eq(sheet_count(b), 4);
	cr_assert_str_eq(sheet_name(b, 0), "Summary");
	cr_assert_str_eq(sheet_name(b, 1), "Actions");
	cr_assert_str_eq(sheet_name(b, 3), "Checks");
	cr_assert_null(sheet_name(b, 4));
	/* NULL picks the first; selecting again starts over */
	cr_assert_eq(sheet_select(b, NULL, &e), 0);
	cr_assert_str_eq(sheet_selected(b), "Summary");
	cr_assert_eq(sheet_select(b, " ACTIONS ", &e), 0);
	cr_assert_str_eq(sheet_selected(b), "Actions");
	sheet_close(b);
}

Test(sheet, values_read_as_shown)
{
	char *s = dump_ok(FIX "plan.xlsx", "Checks");
	cr_assert_str_eq(s, "1: noise|3\n"
			    "2: tenth|0.1\n"
			    "3: whole|3\n"
			    "4: big|123456789012\n"
			    "5: bool|TRUE\n"
			    "6: error|#DIV/0!\n"
			    "7: rich|Bold and plain\n"
			    "8: inline|typed in\r\nplace A_x0041_\n"
			    "9: leap|1900-02-29\n"
			    "10: before|1900-02-28\n"
			    "11: after|1900-03-01\n"
			    "12: colour|2.5\n"
			    "13: stamp|2024-01-01 18:00\n"
			    "14: time|12:00\n"
			    "15: percent|0.25\n"
			    "16: dateiso|x\n");
	free(s);
}

Test(sheet, date1904)
{
	char *s = dump_ok(FIX "date1904.xlsx", NULL);
	cr_assert_str_eq(s, "1: start|1904-01-01\n2: leap year|1905-01-01\n3: plan|2024-03-31\n");
	free(s);
}

Test(sheet, cell_refs)
{
	char r[24];
	sheet_cell_ref(14, 2, r);
	cr_assert_str_eq(r, "C14");
	sheet_cell_ref(1, 25, r);
	cr_assert_str_eq(r, "Z1");
	sheet_cell_ref(1, 26, r);
	cr_assert_str_eq(r, "AA1");
	sheet_cell_ref(1048576, 16383, r);
	cr_assert_str_eq(r, "XFD1048576");
}

Test(sheet, sniff)
{
	cr_assert_eq(sheet_sniff("a,b\n", 4, "x.csv"), SHEET_CSV);
	cr_assert_eq(sheet_sniff("a,b\n", 4, "x.md"), SHEET_NONE);
	cr_assert_eq(sheet_sniff("a,b\n", 4, "x.XLSX"), SHEET_XLSX);
	cr_assert_eq(sheet_sniff("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, NULL), SHEET_XLS);
}

/* Each broken input: ERR_DATA, and a message naming what and where. */
static void broken(const char *file, const char *sheet, const char *want)
{
	struct err e;
	int rc;
	char *s = dump(file, sheet, &e, &rc);
	free(s);
	cr_assert_eq(rc, ERR_DATA, "%s: rc %d (%s)", file, rc, e.msg);
	cr_assert(strstr(e.msg, want), "%s: '%s' lacks '%s'", file, e.msg, want);
}

Test(sheet, broken_inputs)
{
	broken(FIX "truncated.xlsx", NULL, "damaged or cut short");
	broken(FIX "renamed-csv.xlsx", NULL, "it is text, perhaps CSV");
	broken(FIX "bad-xml.xlsx", NULL, "sheet Actions: xl/worksheets/sheet1.xml is not well-formed XML");
	broken(FIX "bad-sst.xlsx", NULL, "bad-sst.xlsx, sheet Actions, cell B2: the cell refers to "
					 "shared string '99', but the workbook has 3");
	broken(FIX "bomb.xlsx", NULL, "unpacks to more than 256 MiB");
	broken(FIX "wide.ods", NULL, "sheet Wide, row 1: the row has values beyond column XFD");
	broken(FIX "deep.ods", NULL, "sheet Deep, row 1048577: the sheet has values beyond row 1048576");
	broken(FIX "plan.xlsx", "Nope", "has no sheet named 'Nope'; its sheets are: 'Summary', "
					"'Actions', 'Simple', 'Checks'");
	broken(FIX "plan.ods", "Nope", "its sheets are: 'Summary', 'Actions', 'Simple'");
	broken(FIX "plan.xls", "Nope", "its sheets are: 'Summary', 'Simple'");
	broken("tests/fixtures/doc/outreach.docx", NULL, "not a spreadsheet that can be read");
	/* fuzz_sheet found this .xls, on which FreeXL 1.0.6 writes outside a
	 * stack buffer: read in a child process, it is a damaged file and
	 * the reader goes on (it took the whole process down before) */
	broken(FIX "freexl-fault.xls", NULL, "not a readable Excel .xls workbook");
}

Test(sheet, memory_input_same_as_file)
{
	const char *files[] = {FIX "plan.xlsx", FIX "plan.ods", FIX "plan.xls"};
	size_t i;
	for (i = 0; i < 3; i++) {
		FILE *f = fopen(files[i], "rb");
		char data[65536];
		size_t n;
		struct sheet_book *b = NULL;
		struct sheet_row r;
		struct err e;
		int rc, rows = 0;
		cr_assert_not_null(f);
		n = fread(data, 1, sizeof data, f);
		fclose(f);
		err_clear(&e);
		cr_assert_eq(sheet_open_mem(data, n, "upload", SHEET_AUTO, &b, &e), 0, "%s: %s",
			     files[i], e.msg);
		cr_assert_eq(sheet_select(b, "Simple", &e), 0, "%s", e.msg);
		while ((rc = sheet_next(b, &r, &e)) == 1)
			rows++;
		cr_assert_eq(rc, 0, "%s", e.msg);
		cr_assert_eq(rows, 6, "%s", files[i]);
		sheet_close(b);
	}
}

/* ---- the sheet as a doc ---- */

Test(doc_sheet, one_table_rows_are_sheet_rows)
{
	struct doc *d = NULL;
	struct err e;
	const struct doc_table *t;
	err_clear(&e);
	cr_assert_eq(doc_read_file_sheet(FIX "plan.xlsx", DOC_FMT_AUTO, "Actions", &d, &e), 0, "%s",
		     e.msg);
	cr_assert_eq(d->n_blocks, 1);
	cr_assert_eq(d->blocks[0].kind, DOC_TABLE);
	t = &d->blocks[0].table;
	cr_assert_eq(t->has_header, 0);
	cr_assert_eq(t->n_rows, 8);
	cr_assert_eq(t->rows[0].line, 1);
	cr_assert_eq(t->rows[2].line, 3);
	cr_assert_str_eq(t->rows[2].cells[1].paras[0], "Action");
	/* the merged area in every row it covers */
	cr_assert_str_eq(t->rows[4].cells[0].paras[0], "Workforce");
	cr_assert_str_eq(t->rows[7].cells[0].paras[0], "Services");
	/* a line break in a cell splits paragraphs */
	cr_assert_eq(t->rows[6].cells[2].n_paras, 2);
	cr_assert_str_eq(t->rows[6].cells[2].paras[1], "Equality officer");
	/* a blank cell has no paragraphs; blank trailing cells are dropped */
	cr_assert_eq(t->rows[5].n_cells, 4);
	cr_assert_str_eq(t->rows[3].cells[3].paras[0], "2024-03-31");
	doc_free(d);
}

Test(doc_sheet, formats_found_by_content_and_name)
{
	const char *files[] = {FIX "plan.xlsx", FIX "plan.ods", FIX "plan.xls", FIX "plan.csv"};
	size_t i;
	for (i = 0; i < 4; i++) {
		struct doc *d = NULL;
		struct err e;
		err_clear(&e);
		cr_assert_eq(doc_read_file_sheet(files[i], DOC_FMT_AUTO, i < 3 ? "Simple" : NULL, &d,
						 &e), 0, "%s: %s", files[i], e.msg);
		cr_assert_eq(d->blocks[0].table.n_rows, 6, "%s", files[i]);
		cr_assert_str_eq(d->blocks[0].table.rows[5].cells[1].paras[0], "Communications officer");
		doc_free(d);
	}
}

Test(doc_sheet, sheet_only_for_spreadsheets)
{
	struct doc *d = NULL;
	struct err e;
	err_clear(&e);
	cr_assert_eq(doc_read_file_sheet("tests/fixtures/doc/outreach.md", DOC_FMT_AUTO, "Actions",
					 &d, &e), ERR_USAGE);
	cr_assert(strstr(e.msg, "--sheet is for spreadsheets"), "%s", e.msg);
	err_clear(&e);
	cr_assert_eq(doc_read_file_sheet(FIX "plan.csv", DOC_FMT_AUTO, "plan", &d, &e), ERR_USAGE);
	cr_assert(strstr(e.msg, "CSV file, which has one sheet"), "%s", e.msg);
	err_clear(&e);
	/* the Word reader is untouched: a .docx still reads as Word */
	cr_assert_eq(doc_read_file_sheet("tests/fixtures/doc/outreach.docx", DOC_FMT_AUTO, NULL, &d,
					 &e), 0, "%s", e.msg);
	doc_free(d);
}

Test(doc_sheet, broken_spreadsheet_is_data_error)
{
	struct doc *d = NULL;
	struct err e;
	err_clear(&e);
	cr_assert_eq(doc_read_file_sheet(FIX "bad-sst.xlsx", DOC_FMT_AUTO, NULL, &d, &e), ERR_DATA);
	cr_assert(strstr(e.msg, "cell B2"), "%s", e.msg);
	cr_assert_null(d);
	err_clear(&e);
	cr_assert_eq(doc_read_file_sheet(FIX "truncated.xlsx", DOC_FMT_AUTO, NULL, &d, &e), ERR_DATA);
	cr_assert(strstr(e.msg, "truncated.xlsx"), "%s", e.msg);
}
