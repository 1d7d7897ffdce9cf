/*
 * fuzz_sheet: libFuzzer target for the spreadsheet reader (core/sheet)
 * and the sheet as a plan doc (plan/doc_sheet). The first byte picks the
 * mode (its value modulo 6):
 *   0  the rest is the file itself, format sniffed (zip, OLE2, or CSV by
 *      the name "fuzz.csv" when byte 1 is odd);
 *   1  the rest is an .xlsx worksheet's XML, zipped here (stored, correct
 *      CRC) with a fixed workbook, styles and shared strings, so that
 *      mutations reach the sheet reader rather than dying at the zip;
 *   2  the rest is xl/sharedStrings.xml, zipped with a fixed sheet;
 *   3  the rest is an .ods content.xml, zipped with its mimetype;
 *   4  the rest is an .xls file (read by FreeXL from a memory file);
 *   5  the rest is CSV text.
 * Every sheet of the workbook is read (at most 5000 rows each); every
 * row's cells must be NUL-terminated text; errors must carry a message.
 * Then the doc reader reads the first sheet. Crashes and leaks are bugs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/sheet.h"
#include "plan/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct part {
	const char *name;
	const void *data;
	size_t len;
};

/* A new zip (caller frees) of the parts, each stored. */
static unsigned char *zip_parts(const struct part *parts, size_t n, size_t *len)
{
	zip_error_t ze;
	zip_source_t *mem;
	zip_t *za;
	zip_int64_t got;
	unsigned char *out = NULL;
	size_t i;

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
	for (i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(za, parts[i].len ? parts[i].data : "",
						    parts[i].len, 0);
		zip_int64_t idx = s ? zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			zip_source_free(s);
			zip_discard(za);
			zip_source_free(mem);
			goto done;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(za) < 0) {
		zip_discard(za);
		zip_source_free(mem);
		goto done;
	}
	if (zip_source_open(mem) == 0) {
		zip_source_seek(mem, 0, SEEK_END);
		got = zip_source_tell(mem);
		zip_source_seek(mem, 0, SEEK_SET);
		if (got > 0) {
			out = malloc((size_t)got);
			if (out && zip_source_read(mem, out, (zip_uint64_t)got) != got) {
				free(out);
				out = NULL;
			}
			*len = (size_t)got;
		}
		zip_source_close(mem);
	}
	zip_source_free(mem);
done:
	zip_error_fini(&ze);
	return out;
}

#define NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char RELS[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL "/officeDocument\" Target=\"xl/workbook.xml\"/>"
	"</Relationships>";
static const char WORKBOOK[] =
	"<workbook xmlns=\"" NS "\" xmlns:r=\"" REL "\"><workbookPr date1904=\"0\"/><sheets>"
	"<sheet name=\"One\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Two\" sheetId=\"2\" "
	"r:id=\"rId2\"/></sheets></workbook>";
static const char WB_RELS[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" REL "/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"" REL "/styles\" Target=\"styles.xml\"/>"
	"</Relationships>";
static const char STYLES[] =
	"<styleSheet xmlns=\"" NS "\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
	"</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
	"<xf numFmtId=\"22\"/><xf numFmtId=\"20\"/></cellXfs></styleSheet>";
static const char SST[] =
	"<sst xmlns=\"" NS "\"><si><t>Action</t></si><si><r><t>Le</t></r><r><t>ad</t></r></si>"
	"</sst>";
static const char SHEET[] =
	"<worksheet xmlns=\"" NS "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
	"<c r=\"B1\" t=\"s\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>45000</v></c>"
	"</row></sheetData><mergeCells><mergeCell ref=\"A2:B3\"/></mergeCells></worksheet>";

static void read_all(struct sheet_book *b)
{
	struct sheet_row r;
	struct err e;
	size_t s, i, sum = 0;
	int rc, rows;

	for (s = 0; s < sheet_count(b) && s < 8; s++) {
		err_clear(&e);
		if (sheet_select(b, sheet_name(b, s), &e) < 0) {
			if (!e.msg[0])
				abort();
			continue;
		}
		rows = 0;
		while ((rc = sheet_next(b, &r, &e)) == 1 && rows++ < 5000) {
			if (r.row < 1 || r.n_cells == 0 || !r.cells[r.n_cells - 1])
				abort();
			for (i = 0; i < r.n_cells; i++)
				if (r.cells[i])
					sum += strlen(r.cells[i]);
		}
		if (rc < 0 && !e.msg[0])
			abort();
	}
	(void)sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet_book *b = NULL;
	struct doc *d = NULL;
	struct err e;
	unsigned char *zipped = NULL;
	const void *in;
	size_t len, zlen = 0;
	const char *name = "fuzz";
	enum sheet_format fmt = SHEET_AUTO;
	enum doc_format dfmt = DOC_FMT_AUTO;
	int mode;

	if (size < 2)
		return 0;
	mode = data[0] % 6;
	in = data + 1;
	len = size - 1;
	if (mode == 0 && (data[1] & 1))
		name = "fuzz.csv";
	if (mode == 1 || mode == 2) {
		struct part parts[] = {
			{"_rels/.rels", RELS, sizeof RELS - 1},
			{"xl/workbook.xml", WORKBOOK, sizeof WORKBOOK - 1},
			{"xl/_rels/workbook.xml.rels", WB_RELS, sizeof WB_RELS - 1},
			{"xl/styles.xml", STYLES, sizeof STYLES - 1},
			{"xl/sharedStrings.xml", mode == 2 ? in : SST, mode == 2 ? len : sizeof SST - 1},
			{"xl/worksheets/sheet1.xml", mode == 1 ? in : SHEET,
			 mode == 1 ? len : sizeof SHEET - 1},
			{"xl/worksheets/sheet2.xml", SHEET, sizeof SHEET - 1},
		};
		zipped = zip_parts(parts, sizeof parts / sizeof parts[0], &zlen);
		fmt = SHEET_XLSX;
		dfmt = DOC_FMT_XLSX;
	} else if (mode == 3) {
		static const char mime[] = "application/vnd.oasis.opendocument.spreadsheet";
		struct part parts[] = {
			{"mimetype", mime, sizeof mime - 1},
			{"content.xml", in, len},
		};
		zipped = zip_parts(parts, 2, &zlen);
		fmt = SHEET_ODS;
		dfmt = DOC_FMT_ODS;
	} else if (mode == 4) {
		fmt = SHEET_XLS;
		dfmt = DOC_FMT_XLS;
	} else if (mode == 5) {
		fmt = SHEET_CSV;
		dfmt = DOC_FMT_CSV;
	}
	if (mode >= 1 && mode <= 3) {
		if (!zipped)
			return 0;
		in = zipped;
		len = zlen;
	}
	err_clear(&e);
	if (sheet_open_mem(in, len, name, fmt, &b, &e) == 0) {
		if (sheet_count(b) < 1)
			abort();
		read_all(b);
		sheet_close(b);
	} else if (!e.msg[0] || b) {
		abort();
	}
	err_clear(&e);
	if (doc_read_sheet(in, len, name, dfmt, NULL, &d, &e) == 0) {
		if (!d || d->n_blocks != 1 || d->blocks[0].kind != DOC_TABLE)
			abort();
		doc_free(d);
	} else if (!e.msg[0] || d) {
		abort();
	}
	free(zipped);
	return 0;
}
