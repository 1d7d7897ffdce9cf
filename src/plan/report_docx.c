/*
 * report_docx: the plan report as a Word document (.docx), for those who
 * file the plan with the Board's papers. A .docx is a zip (libzip, built
 * in memory) of a few XML parts — the smallest WordprocessingML package
 * Word, LibreOffice and Google Docs open: [Content_Types].xml, the package
 * relationships, word/document.xml, and word/styles.xml so that the title
 * and the section headings are real Title and Heading 1 paragraphs (they
 * appear in the navigation pane and a table of contents) and the tables
 * have borders. The page is A4 landscape; each section of the plan is a
 * heading and one table whose header row repeats on every page, the area
 * of work named on its first action's row, as plans are written (parity's
 * own importer reads the document back). The equality objectives follow
 * the actions as headings and paragraphs, no table, so that the importer
 * finds only actions. Nothing here needs LibreOffice.
 *
 * No library writes WordprocessingML, and the parts are short, so they
 * are written here; every value goes through xml_text, which escapes the
 * markup characters and drops the control characters XML 1.0 forbids.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/xalloc.h"
#include "plan/internal.h"

/* Column widths in twentieths of a point; they add up to the text width
 * of an A4 landscape page with 2 cm margins (16838 - 2 x 1134). */
static const struct {
	const char *head;
	int width;
} cols[] = {
	{"ID", 900},	  {"Area of work", 2800}, {"Action", 5070}, {"Lead", 1500},
	{"Due", 1700},	  {"Status", 1300},	  {"RAG", 1300},
};
#define N_COLS (sizeof cols / sizeof cols[0])
#define TEXT_WIDTH 14570

/* s as XML character data: & < > " escaped, control characters other than
 * tab and newline dropped (XML 1.0 has no way to write them). */
static void xml_text(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;
		switch (ch) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default:
			if (ch >= 0x20 || ch == '\t' || ch == '\n')
				buf_putc(b, (char)ch);
		}
	}
}

/* A paragraph of style (NULL for Normal), bold or not, with text. */
static void para(struct buf *b, const char *style, int bold, const char *text)
{
	buf_puts(b, "<w:p>");
	if (style)
		buf_printf(b, "<w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
	buf_puts(b, "<w:r>");
	if (bold)
		buf_puts(b, "<w:rPr><w:b/></w:rPr>");
	buf_puts(b, "<w:t xml:space=\"preserve\">");
	xml_text(b, text);
	buf_puts(b, "</w:t></w:r></w:p>");
}

/* A table cell of column c (span: columns it covers) holding text. */
static void cell(struct buf *b, size_t c, size_t span, int bold, int shade, const char *text)
{
	int w = 0;
	size_t k;
	for (k = c; k < c + span && k < N_COLS; k++)
		w += cols[k].width;
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", w);
	if (span > 1)
		buf_printf(b, "<w:gridSpan w:val=\"%zu\"/>", span);
	if (shade)
		buf_puts(b, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F3F2F1\"/>");
	buf_puts(b, "</w:tcPr>");
	para(b, NULL, bold, text);
	buf_puts(b, "</w:tc>");
}

static void table_open(struct buf *b)
{
	size_t c;
	buf_printf(b, "<w:tbl><w:tblPr><w:tblStyle w:val=\"PlanTable\"/><w:tblW w:w=\"%d\" "
		      "w:type=\"dxa\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" "
		      "w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
		      "</w:tblPr><w:tblGrid>",
		   TEXT_WIDTH);
	for (c = 0; c < N_COLS; c++)
		buf_printf(b, "<w:gridCol w:w=\"%d\"/>", cols[c].width);
	buf_puts(b, "</w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
	for (c = 0; c < N_COLS; c++)
		cell(b, c, 1, 1, 1, cols[c].head);
	buf_puts(b, "</w:tr>");
}

static const char *status_words(const char *s)
{
	if (!s)
		return "";
	if (!strcmp(s, "not-started"))
		return "Not started";
	if (!strcmp(s, "in-progress"))
		return "In progress";
	if (!strcmp(s, "done"))
		return "Done";
	if (!strcmp(s, "dropped"))
		return "Dropped";
	return s;
}

static const char *rag_words(const char *rag)
{
	if (!rag)
		return "None (dropped)";
	if (!strcmp(rag, "red"))
		return "Red (overdue)";
	if (!strcmp(rag, "amber"))
		return "Amber";
	if (!strcmp(rag, "green"))
		return "Green";
	if (!strcmp(rag, "blue"))
		return "Blue (done)";
	return rag;
}

static void document_xml(struct buf *b, const char *title, const char *subtitle,
			 const struct plan_item *items, size_t n, const struct plan_docx_para *tail,
			 size_t n_tail)
{
	size_t i, k;
	int sec = -1, area = -1, open = 0;
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
		    "<w:body>");
	para(b, "Title", 0, title);
	if (subtitle)
		para(b, NULL, 0, subtitle);
	if (!n)
		para(b, NULL, 0, "No actions.");
	for (i = 0; i < n; i++) {
		const struct plan_item *it = &items[i];
		struct buf leads = BUF_INIT, when = BUF_INIT;
		char due[32];
		if (it->section_no != sec || !open) {
			struct buf h = BUF_INIT;
			if (open)
				buf_puts(b, "</w:tbl>");
			if (it->section)
				buf_printf(&h, "%d. %s", it->section_no, it->section);
			else
				buf_puts(&h, "Actions");
			para(b, "Heading1", 0, buf_str(&h));
			buf_free(&h);
			table_open(b);
			open = 1;
			sec = it->section_no;
			area = -1;
		}
		for (k = 0; k < it->n_leads; k++)
			buf_printf(&leads, "%s%s", k ? "/" : "", it->leads[k].token);
		date_long(it->due, due);
		if (due[0])
			buf_puts(&when, due);
		else if (it->timescale)
			buf_puts(&when, it->timescale);
		if (it->overdue)
			buf_puts(&when, " (overdue)");
		buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		cell(b, 0, 1, 1, 0, it->code);
		/* the area's title on its first row only, as plans are written */
		cell(b, 1, 1, 0, 0, it->area_no != area && it->area ? it->area : "");
		area = it->area_no;
		cell(b, 2, 1, 0, 0, it->text ? it->text : "");
		cell(b, 3, 1, 0, 0, buf_str(&leads));
		cell(b, 4, 1, 0, 0, buf_str(&when));
		cell(b, 5, 1, 0, 0, status_words(it->status));
		cell(b, 6, 1, 0, 0, rag_words(it->rag));
		buf_puts(b, "</w:tr>");
		buf_free(&leads);
		buf_free(&when);
	}
	if (open)
		buf_puts(b, "</w:tbl><w:p/>");
	for (i = 0; i < n_tail; i++)
		para(b, tail[i].level == 1 ? "Heading1" : tail[i].level == 2 ? "Heading2" : NULL,
		     tail[i].bold, tail[i].text);
	buf_puts(b, "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"
		    "<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" "
		    "w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>\n");
}

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" "
	"ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	"</Types>\n";

static const char package_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/officeDocument\" Target=\"word/document.xml\"/>"
	"</Relationships>\n";

static const char document_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/styles\" Target=\"styles.xml\"/>"
	"</Relationships>\n";

/* Normal text in Arial 11 pt; Title 24 pt; Heading 1 16 pt bold, kept
 * with its table; the plan's tables with thin grey borders. */
static const char styles[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" "
	"w:cs=\"Arial\" w:eastAsia=\"Arial\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"
	"<w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing "
	"w:after=\"120\"/></w:pPr></w:pPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
	"<w:qFormat/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing "
	"w:after=\"240\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"48\"/>"
	"<w:szCs w:val=\"48\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
	"<w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr>"
	"<w:b/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
	"<w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr>"
	"<w:b/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr></w:style>"
	"<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name "
	"w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
	"<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" "
	"w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
	"<w:style w:type=\"table\" w:styleId=\"PlanTable\"><w:name w:val=\"Plan Table\"/>"
	"<w:basedOn w:val=\"TableNormal\"/><w:pPr><w:spacing w:before=\"40\" w:after=\"40\"/></w:pPr>"
	"<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/>"
	"<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/><w:bottom "
	"w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/><w:right w:val=\"single\" "
	"w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/><w:insideH w:val=\"single\" w:sz=\"4\" "
	"w:space=\"0\" w:color=\"B1B4B6\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
	"w:color=\"B1B4B6\"/></w:tblBorders></w:tblPr></w:style>"
	"</w:styles>\n";

/* Add a part; its bytes must stay as they are until zip_close. */
static int part_add(zip_t *za, const char *name, const void *data, size_t len, struct err *e)
{
	zip_source_t *s = zip_source_buffer(za, data, len, 0);
	if (!s || zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8) < 0) {
		if (s)
			zip_source_free(s);
		return err_set(e, ERR_INTERNAL, "cannot build the Word document: %s",
			       zip_strerror(za));
	}
	return 0;
}

int plan_docx_write(const char *title, const char *subtitle, const struct plan_item *items,
		    size_t n, const struct plan_docx_para *tail, size_t n_tail, struct buf *out,
		    struct err *e)
{
	struct buf doc = BUF_INIT;
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t zst;
	int rc = 0;

	document_xml(&doc, title ? title : "Action plan", subtitle, items, n, tail, n_tail);
	if (doc.failed) {
		buf_free(&doc);
		return err_set(e, ERR_DATA, "the report is too large to build");
	}
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	if (!za) {
		rc = err_set(e, ERR_INTERNAL, "cannot build the Word document: %s",
			     zip_error_strerror(&ze));
		if (src)
			zip_source_free(src);
		goto done;
	}
	zip_source_keep(src); /* zip_close releases za; src is read after it */
	if ((rc = part_add(za, "[Content_Types].xml", content_types, sizeof content_types - 1, e)) < 0 ||
	    (rc = part_add(za, "_rels/.rels", package_rels, sizeof package_rels - 1, e)) < 0 ||
	    (rc = part_add(za, "word/document.xml", doc.data, doc.len, e)) < 0 ||
	    (rc = part_add(za, "word/_rels/document.xml.rels", document_rels,
			   sizeof document_rels - 1, e)) < 0 ||
	    (rc = part_add(za, "word/styles.xml", styles, sizeof styles - 1, e)) < 0) {
		zip_discard(za);
		zip_source_free(src);
		goto done;
	}
	if (zip_close(za) < 0) {
		rc = err_set(e, ERR_INTERNAL, "cannot build the Word document: %s", zip_strerror(za));
		zip_discard(za);
		zip_source_free(src);
		goto done;
	}
	zip_stat_init(&zst);
	if (zip_source_stat(src, &zst) < 0 || zip_source_open(src) < 0) {
		rc = err_set(e, ERR_INTERNAL, "cannot read the Word document back");
		zip_source_free(src);
		goto done;
	}
	{
		char chunk[16384];
		zip_int64_t got;
		while ((got = zip_source_read(src, chunk, sizeof chunk)) > 0)
			buf_append(out, chunk, (size_t)got);
		if (got < 0)
			rc = err_set(e, ERR_INTERNAL, "cannot read the Word document back");
	}
	zip_source_close(src);
	zip_source_free(src);
done:
	buf_free(&doc);
	return rc;
}
