/*
 * sheet: one reader for the spreadsheets people keep plans and
 * monitoring extracts in (see sheet.h for what callers see).
 *
 * Libraries do the parsing: libzip opens the zipped .xlsx and .ods
 * packages, libxml2's streaming reader (xmlTextReader) reads their XML,
 * FreeXL reads old binary .xls workbooks, and core/csv reads CSV. What is
 * ours is the small part no library does for us: which numbers are dates
 * (Excel keeps dates as day numbers and says so only through the cell's
 * number format), merged areas carried into every cell they cover, and
 * bounds on everything.
 *
 * A worksheet's XML is read as a stream straight out of the zip, so memory
 * holds one row at a time (plus the shared strings and the merged areas),
 * whatever the sheet's length; every cell element is expanded on its own
 * (xmlTextReaderExpand) and read as a small tree. The uncompressed bytes
 * read from a zip part are counted and stop at SHEET_MAX_XML, which is
 * what stops a zip bomb. A DOCTYPE is refused: Excel and LibreOffice never
 * write one, and refusing it rules out entity tricks.
 *
 * Merged areas: .xlsx lists them after the cells (<mergeCells>), so a
 * first pass over the sheet's XML collects them, skipping the cell data;
 * .ods marks them on the top-left cell (number-rows-spanned /
 * number-columns-spanned) before the covered cells, so they are known in
 * one pass. Either way an area starts in the row of its top-left cell
 * (when that row has a value) and fills its cells in each later row it
 * covers that has a value of its own.
 */
#include "core/sheet.h"
#include "core/zipread.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <freexl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"

#define SHEET_MAX_SHEETS 4096		  /* sheets listed in one workbook */
#define SHEET_MAX_SMALL ((size_t)16 << 20) /* workbook.xml, rels, styles */
#define SHEET_MAX_STYLES 65536		  /* cell formats (cellXfs) */

static const char *const ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
static const char *const ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
static const char *const ODS_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
static const char *const ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet";

/* Date kinds of a number format. */
enum { NUM_PLAIN = 0, NUM_DATE = 1, NUM_TIME = 2, NUM_DATETIME = 3 };

/* A merged area, 1-based rows and 0-based columns, both ends included. */
struct merge {
	long r1, r2;
	long c1, c2;
	char *value; /* the top-left cell's value once the area is started */
};

/* Counts the uncompressed bytes read out of a zip part. */
struct zsrc {
	zip_file_t *zf;
	size_t total; /* bytes handed to libxml2 so far */
	int over;     /* stopped at SHEET_MAX_XML */
	int bad;      /* libzip failed (a damaged archive, a bad CRC) */
	char why[160];
};

/* The row being read: the cells with a value of their own, then the
 * cells of the whole row once merged areas have filled theirs. */
struct rowbuf {
	struct buf text;     /* own cell values, each NUL-terminated */
	long *cols;	     /* column of each own value */
	size_t *offs;	     /* its offset in text */
	size_t n, cap;	     /* own values */
	const char **cells;  /* the row handed out */
	size_t cap_cells;
};

struct xls_sheet;

struct sheet_book {
	enum sheet_format fmt;
	char *name;	     /* file name in messages */
	char **sheets;	     /* sheet names in workbook order */
	char **parts;	     /* .xlsx: the zip part of each sheet */
	size_t n_sheets;
	long sel;	     /* chosen sheet, -1 before sheet_select */
	int done;	     /* the chosen sheet has been read to its end */

	/* the source */
	const void *data;    /* in-memory input (not owned) */
	size_t len;
	char *path;	     /* file input */
	zip_t *za;	     /* .xlsx, .ods */

	/* .xlsx */
	struct buf sst;	     /* shared strings, each NUL-terminated */
	size_t *sst_off;     /* offset of string i in sst */
	size_t n_sst;
	unsigned char *xf;   /* date kind of each cell format */
	size_t n_xf;
	int date1904;

	/* streaming XML of the chosen sheet */
	xmlTextReaderPtr rd;
	struct zsrc zs;
	const char *part;    /* the zip part being read */
	int xml_line;	     /* first XML error: line and message */
	char xml_msg[200];
	int in_data;	     /* .xlsx: inside <sheetData>; .ods: inside the table */
	long last_row;	     /* last row number read */
	long last_col;	     /* last column read in the row */

	/* .ods */
	long next_row;	     /* number of the next row element */
	long repeat_left;    /* times the last row is still to be handed out */
	int ods_depth;	     /* depth of the chosen table element */

	/* merged areas */
	struct merge *pend;  /* areas not started yet, by top row */
	size_t n_pend, next_pend;
	struct merge *act;   /* started areas */
	size_t n_act;
	long filled;	     /* cells filled from areas so far */
	long long cells_out; /* cells handed out in rows so far */

	/* .csv */
	struct csv_reader *csv;

	/* .xls (read by FreeXL in a child process, see xls_open) */
	int xls_fd;	     /* memfd or unlinked temp file of in-memory input */
	struct xls_sheet *xls_sheets; /* the cells of each sheet */
	struct buf xls_text; /* their text, each NUL-terminated */
	size_t xls_r;	     /* next cell of the chosen sheet */

	struct rowbuf rb;
};

/* ---------------------------------------------------------- messages */

/* Where in the chosen sheet: "NAME, sheet S, cell C14: " (row only when
 * col < 0, the sheet only when row <= 0). */
static void where(const struct sheet_book *b, long row, long col, char *out, size_t n)
{
	const char *s = b->sel >= 0 ? b->sheets[b->sel] : NULL;
	char ref[24];

	if (!s || b->fmt == SHEET_CSV) {
		if (row > 0)
			snprintf(out, n, "%s, row %ld", b->name, row);
		else
			snprintf(out, n, "%s", b->name);
		return;
	}
	if (row > 0 && col >= 0) {
		sheet_cell_ref(row, (size_t)col, ref);
		snprintf(out, n, "%s, sheet %s, cell %s", b->name, s, ref);
	} else if (row > 0) {
		snprintf(out, n, "%s, sheet %s, row %ld", b->name, s, row);
	} else {
		snprintf(out, n, "%s, sheet %s", b->name, s);
	}
}

static int fail_at(const struct sheet_book *b, struct err *e, long row, long col, const char *fmt,
		   ...) __attribute__((format(printf, 5, 6)));
static int fail_at(const struct sheet_book *b, struct err *e, long row, long col, const char *fmt,
		   ...)
{
	char w[400], msg[700];
	va_list ap;

	where(b, row, col, w, sizeof w);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return err_set(e, ERR_DATA, "%s: %s", w, msg);
}

void sheet_cell_ref(long row, size_t col, char out[24])
{
	char letters[8];
	size_t n = 0, i;
	size_t c = col + 1;

	while (c > 0 && n < sizeof letters) {
		letters[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	for (i = 0; i < n; i++)
		out[i] = letters[n - 1 - i];
	snprintf(out + n, 24 - n, "%ld", row);
}

const char *sheet_format_name(enum sheet_format f)
{
	switch (f) {
	case SHEET_XLSX:
		return "xlsx";
	case SHEET_ODS:
		return "ods";
	case SHEET_XLS:
		return "xls";
	case SHEET_CSV:
		return "csv";
	default:
		return "unknown";
	}
}

/* --------------------------------------------------------- libxml2 */

/* libxml2 reports some errors (encoding conversion, I/O) through its
 * generic handler, which prints; library code must not print. The handler
 * is per thread, so each call silences it and restores it afterwards. */
struct xml_quiet {
	xmlGenericErrorFunc func;
	void *ctx;
};

static void xml_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void quiet_begin(struct xml_quiet *q)
{
	xmlInitParser();
	q->func = xmlGenericError;
	q->ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, xml_silent);
}

static void quiet_end(const struct xml_quiet *q)
{
	xmlSetGenericErrorFunc(q->ctx, q->func);
}

/* 1 when n is an element with this local name (any namespace). */
static int is_el(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

/* The value of n's attribute with this local name (any namespace), as a
 * new string (xmlFree), or NULL. */
static xmlChar *attr(const xmlNode *n, const char *local)
{
	const xmlAttr *a;
	for (a = n->properties; a; a = a->next)
		if (strcmp((const char *)a->name, local) == 0)
			return xmlNodeListGetString(n->doc, a->children, 1);
	return NULL;
}

/* Parse a small XML part (workbook, relationships, styles) held in
 * memory. NULL with a reason in why. */
static xmlDocPtr small_xml(const char *data, size_t len, const char *part, char *why,
			   size_t why_len)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr xdoc;

	if (len > INT_MAX) {
		snprintf(why, why_len, "%s is too large", part);
		return NULL;
	}
	if (memmem(data, len, "<!DOCTYPE", 9)) {
		snprintf(why, why_len, "%s has a DOCTYPE, which spreadsheet programs never write",
			 part);
		return NULL;
	}
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		snprintf(why, why_len, "out of memory");
		return NULL;
	}
	xdoc = xmlCtxtReadMemory(ctxt, data, (int)len, part, NULL,
				 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!xdoc) {
		xmlErrorPtr xe = xmlCtxtGetLastError(ctxt);
		char msg[160];
		snprintf(msg, sizeof msg, "%s", xe && xe->message ? xe->message : "parse error");
		str_trim(msg);
		snprintf(why, why_len, "%s is not well-formed XML (line %d: %s)", part,
			 xe ? xe->line : 0, msg);
	}
	xmlFreeParserCtxt(ctxt);
	return xdoc;
}

/* ---------------------------------------------------------- zip */

/* Index of a zip part, or -1. */
static zip_int64_t zpart(zip_t *za, const char *member)
{
	return zip_name_locate(za, member, ZIP_FL_NOCASE);
}


/* Open a zip from memory or a file. NULL with a reason in why. */
static zip_t *zopen(const void *data, size_t len, const char *path, char *why, size_t why_len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;

	zip_error_init(&ze);
	src = path ? zip_source_file_create(path, 0, -1, &ze)
		   : zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		snprintf(why, why_len, "%s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return NULL;
	}
	za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!za) {
		zip_source_free(src);
		snprintf(why, why_len, "%s", zip_error_strerror(&ze));
	}
	zip_error_fini(&ze);
	return za;
}

static int zread_cb(void *ctx, char *buffer, int len)
{
	struct zsrc *z = ctx;
	zip_int64_t got;
	size_t want = len > 0 ? (size_t)len : 0;

	if (z->over || z->bad)
		return -1;
	if (z->total + want > SHEET_MAX_XML + 1)
		want = SHEET_MAX_XML + 1 - z->total;
	got = zip_fread(z->zf, buffer, want);
	if (got < 0) {
		z->bad = 1;
		snprintf(z->why, sizeof z->why, "%s", zip_file_strerror(z->zf));
		return -1;
	}
	z->total += (size_t)got;
	if (z->total > SHEET_MAX_XML) {
		z->over = 1;
		return -1;
	}
	return (int)got;
}

static int zclose_cb(void *ctx)
{
	(void)ctx;
	return 0;
}

static void reader_error(void *arg, xmlErrorPtr err)
{
	struct sheet_book *b = arg;
	if (!err || err->level < XML_ERR_ERROR || b->xml_msg[0])
		return;
	b->xml_line = err->line;
	snprintf(b->xml_msg, sizeof b->xml_msg, "%s", err->message ? err->message : "parse error");
	str_trim(b->xml_msg);
}

static void stream_close(struct sheet_book *b)
{
	if (b->rd)
		xmlFreeTextReader(b->rd);
	b->rd = NULL;
	if (b->zs.zf)
		zip_fclose(b->zs.zf);
	memset(&b->zs, 0, sizeof b->zs);
}

/* Start reading a zip part as a stream of XML nodes (b->rd). */
static int stream_open(struct sheet_book *b, const char *member, struct err *e)
{
	zip_stat_t st;
	zip_int64_t idx;

	stream_close(b);
	b->part = member;
	b->xml_line = 0;
	b->xml_msg[0] = '\0';
	idx = zpart(b->za, member);
	if (idx < 0)
		return fail_at(b, e, 0, -1, "the workbook has no part %s; save it again from the "
			       "spreadsheet program and import it again", member);
	zip_stat_init(&st);
	if (zip_stat_index(b->za, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    st.size > SHEET_MAX_XML)
		return fail_at(b, e, 0, -1, "%s unpacks to more than %zu MiB, more than a sheet "
			       "may hold; split the sheet, or save it as CSV", member,
			       SHEET_MAX_XML >> 20);
	b->zs.zf = zip_fopen_index(b->za, (zip_uint64_t)idx, 0);
	if (!b->zs.zf)
		return fail_at(b, e, 0, -1, "the zip archive is damaged (%s: %s); save the workbook "
			       "again and import it again", member, zip_strerror(b->za));
	b->rd = xmlReaderForIO(zread_cb, zclose_cb, &b->zs, member, NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!b->rd) {
		stream_close(b);
		return err_set(e, ERR_INTERNAL, "%s: cannot start the XML reader", b->name);
	}
	xmlTextReaderSetStructuredErrorHandler(b->rd, reader_error, b);
	return 0;
}

/* The error of a stream that failed (xmlTextReaderRead returned -1). */
static int stream_fail(struct sheet_book *b, struct err *e)
{
	if (b->zs.over)
		return fail_at(b, e, 0, -1, "%s unpacks to more than %zu MiB, more than a sheet may "
			       "hold; split the sheet, or save it as CSV", b->part,
			       SHEET_MAX_XML >> 20);
	if (b->zs.bad)
		return fail_at(b, e, 0, -1, "the zip archive is damaged or cut short (%s: %s); save "
			       "the workbook again and import it again", b->part, b->zs.why);
	return fail_at(b, e, 0, -1, "%s is not well-formed XML (line %d: %s); the file is "
		       "damaged: save it again from the spreadsheet program and import it again",
		       b->part, b->xml_line, b->xml_msg[0] ? b->xml_msg : "parse error");
}

/* Next node of the stream: the next in document order, or (skip) the one
 * after the current node's subtree. 1, 0 at the end, or an error. */
static int stream_step(struct sheet_book *b, int skip, struct err *e)
{
	int rc = skip ? xmlTextReaderNext(b->rd) : xmlTextReaderRead(b->rd);
	if (rc < 0)
		return stream_fail(b, e);
	if (rc == 1 && xmlTextReaderNodeType(b->rd) == XML_READER_TYPE_DOCUMENT_TYPE)
		return fail_at(b, e, 0, -1, "%s has a DOCTYPE, which spreadsheet programs never "
			       "write; save the workbook again and import it again", b->part);
	return rc;
}

/* ---------------------------------------------------------- values */

/* A number as text: at most 15 significant digits, no trailing zeros. */
static void fmt_number(double v, char out[40])
{
	if (!isfinite(v)) {
		snprintf(out, 40, "#NUM!");
		return;
	}
	snprintf(out, 40, "%.15g", v);
	if (strcmp(out, "-0") == 0)
		snprintf(out, 40, "0");
}

/* Parse s (all of it, surrounding spaces allowed) as a number. */
static int parse_number(const char *s, double *v)
{
	char *end;
	while (*s == ' ')
		s++;
	if (!*s)
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	while (*end == ' ')
		end++;
	return *end || end == s ? -1 : 0;
}

/* The time of day of a fraction of a day as HH:MM, or HH:MM:SS when
 * seconds (or secs) are wanted. */
static void fmt_time(double frac, int secs, char *out, size_t n)
{
	long s = lround(frac * 86400.0);
	if (s >= 86400)
		s = 86399;
	if (s < 0)
		s = 0;
	if (secs || s % 60)
		snprintf(out, n, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(out, n, "%02ld:%02ld", s / 3600, s / 60 % 60);
}

/* A serial day number in a cell of date kind `kind` as an ISO date (and
 * time); -1 when it is not one (negative, beyond 9999-12-31). */
static int serial_to_iso(double v, int d1904, int kind, char out[40])
{
	double days_f = floor(v), frac = v - days_f;
	long days;
	char t[16];
	struct date base, d;

	if (kind == NUM_TIME) {
		if (v < 0 || v >= 1e7)
			return -1;
		fmt_time(frac, 0, out, 40);
		return 0;
	}
	if (v < (d1904 ? 0 : 1) || v > 2958465.99999)
		return -1;
	days = (long)days_f;
	/* round to the second: 0.99999999 of a day is the next day */
	if (lround(frac * 86400.0) >= 86400) {
		days++;
		frac = 0;
	}
	if (d1904) {
		base = (struct date){1904, 1, 1};
	} else if (days == 60) {
		snprintf(out, 40, "1900-02-29"); /* Excel's day that never was */
		goto time;
	} else {
		base = days < 60 ? (struct date){1899, 12, 31} : (struct date){1899, 12, 30};
	}
	d = date_from_days(date_to_days(base) + days);
	snprintf(out, 40, "%04d-%02d-%02d", d.y, d.m, d.d);
time:
	if (kind == NUM_DATETIME && lround(frac * 86400.0) > 0) {
		size_t l = strlen(out);
		fmt_time(frac, 0, t, sizeof t);
		snprintf(out + l, 40 - l, " %s", t);
	}
	return 0;
}

/* Append s to out, decoding Office Open XML's _xHHHH_ escapes (a
 * character written as its code in hex; _x005F_ is the underscore). */
static void ooxml_text(struct buf *out, const char *s)
{
	while (*s) {
		const char *u = strchr(s, '_');
		unsigned cp = 0;
		int i, ok = 1;
		if (!u) {
			buf_puts(out, s);
			return;
		}
		buf_append(out, s, (size_t)(u - s));
		s = u;
		if (s[1] != 'x') {
			buf_putc(out, '_');
			s++;
			continue;
		}
		for (i = 0; i < 4 && ok; i++) {
			int c = (unsigned char)s[2 + i];
			if (!isxdigit(c))
				ok = 0;
			else
				cp = cp * 16 + (unsigned)(isdigit(c) ? c - '0' : (tolower(c) - 'a' + 10));
		}
		if (!ok || s[6] != '_') {
			buf_putc(out, '_');
			s++;
			continue;
		}
		s += 7;
		if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
			continue;
		if (cp < 0x80) {
			buf_putc(out, (char)cp);
		} else if (cp < 0x800) {
			buf_putc(out, (char)(0xC0 | (cp >> 6)));
			buf_putc(out, (char)(0x80 | (cp & 0x3F)));
		} else {
			buf_putc(out, (char)(0xE0 | (cp >> 12)));
			buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
			buf_putc(out, (char)(0x80 | (cp & 0x3F)));
		}
	}
}

/* The text of a shared string or inline string element (<si>, <is>):
 * its <t>, or the <t> of each rich-text run <r>; phonetic runs (<rPh>)
 * are not part of the text. */
static void ooxml_string(struct buf *out, const xmlNode *si)
{
	const xmlNode *c, *t;
	for (c = si->children; c; c = c->next) {
		if (is_el(c, "t")) {
			xmlChar *s = xmlNodeGetContent(c);
			if (s)
				ooxml_text(out, (const char *)s);
			xmlFree(s);
		} else if (is_el(c, "r")) {
			for (t = c->children; t; t = t->next)
				if (is_el(t, "t")) {
					xmlChar *s = xmlNodeGetContent(t);
					if (s)
						ooxml_text(out, (const char *)s);
					xmlFree(s);
				}
		}
	}
}

/* Parse a cell reference ("C14", "$C$14"): 1-based row, 0-based column.
 * Returns a pointer past it, or NULL. Either part may be missing
 * (*row / *col are then -1). */
static const char *parse_ref(const char *s, long *row, long *col)
{
	long c = 0, r = 0;
	int nc = 0, nr = 0;
	if (*s == '$')
		s++;
	while (isalpha((unsigned char)*s)) {
		if (++nc > 3)
			return NULL;
		c = c * 26 + (toupper((unsigned char)*s) - 'A' + 1);
		s++;
	}
	if (*s == '$')
		s++;
	while (isdigit((unsigned char)*s)) {
		if (++nr > 7)
			return NULL;
		r = r * 10 + (*s - '0');
		s++;
	}
	if (!nc && !nr)
		return NULL;
	*col = nc ? c - 1 : -1;
	*row = nr ? r : -1;
	if (nr && r < 1)
		return NULL;
	return s;
}

/* ---------------------------------------------------------- rows */

static void rb_reset(struct rowbuf *rb)
{
	buf_reset(&rb->text);
	rb->n = 0;
}

/* Add an own value of column col (a copy of s, n bytes); values that are
 * only white space count as blank. */
static void rb_add(struct rowbuf *rb, long col, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			break;
	if (i == n)
		return;
	if (rb->n == rb->cap) {
		rb->cap = rb->cap ? rb->cap * 2 : 16;
		rb->cols = xrealloc(rb->cols, rb->cap * sizeof *rb->cols);
		rb->offs = xrealloc(rb->offs, rb->cap * sizeof *rb->offs);
	}
	rb->cols[rb->n] = col;
	rb->offs[rb->n] = rb->text.len;
	buf_append(&rb->text, s, n);
	buf_putc(&rb->text, '\0');
	rb->n++;
}

/* Add column col again with the same text as own value i (repeats). */
static void rb_repeat(struct rowbuf *rb, size_t i, long col)
{
	if (rb->n == rb->cap) {
		rb->cap = rb->cap ? rb->cap * 2 : 16;
		rb->cols = xrealloc(rb->cols, rb->cap * sizeof *rb->cols);
		rb->offs = xrealloc(rb->offs, rb->cap * sizeof *rb->offs);
	}
	rb->cols[rb->n] = col;
	rb->offs[rb->n] = rb->offs[i];
	rb->n++;
}

static void rb_free(struct rowbuf *rb)
{
	buf_free(&rb->text);
	free(rb->cols);
	free(rb->offs);
	free(rb->cells);
	memset(rb, 0, sizeof *rb);
}

static void cells_room(struct rowbuf *rb, size_t width)
{
	if (width > rb->cap_cells) {
		size_t cap = rb->cap_cells ? rb->cap_cells : 16;
		while (cap < width)
			cap *= 2;
		rb->cells = xrealloc(rb->cells, cap * sizeof *rb->cells);
		rb->cap_cells = cap;
	}
}

static void act_drop(struct sheet_book *b, size_t i)
{
	free(b->act[i].value);
	b->act[i] = b->act[--b->n_act];
}

/* Build the row numbered `row` out of its own values and the merged areas
 * covering it. 0, or an error (too many cells filled). */
static int row_finish(struct sheet_book *b, long row, struct sheet_row *out, struct err *e)
{
	struct rowbuf *rb = &b->rb;
	size_t width = 0, i;
	long c;

	for (i = 0; i < rb->n; i++)
		if ((size_t)rb->cols[i] + 1 > width)
			width = (size_t)rb->cols[i] + 1;
	cells_room(rb, width);
	for (i = 0; i < width; i++)
		rb->cells[i] = NULL;
	for (i = 0; i < rb->n; i++)
		rb->cells[rb->cols[i]] = rb->text.data + rb->offs[i];

	/* areas ending above this row are done */
	for (i = 0; i < b->n_act;)
		if (b->act[i].r2 < row)
			act_drop(b, i);
		else
			i++;
	/* areas starting here (or above, in rows without values: those carry
	 * nothing) */
	while (b->next_pend < b->n_pend && b->pend[b->next_pend].r1 <= row) {
		struct merge m = b->pend[b->next_pend++];
		const char *v;
		if (m.r1 < row || m.r2 < row || (size_t)m.c1 >= width || !(v = rb->cells[m.c1]))
			continue;
		if (b->n_act >= SHEET_MAX_MERGES)
			return fail_at(b, e, row, -1, "more than %d merged areas at once; unmerge "
				       "the cells and import again", SHEET_MAX_MERGES);
		if (!(b->n_act & (b->n_act - 1)) || b->n_act == 0)
			b->act = xrealloc(b->act, (b->n_act ? 2 * b->n_act : 4) * sizeof *b->act);
		m.value = xstrdup(v);
		b->act[b->n_act++] = m;
	}
	if (b->next_pend == b->n_pend && b->fmt == SHEET_ODS)
		b->n_pend = b->next_pend = 0;
	/* fill */
	for (i = 0; i < b->n_act; i++) {
		const struct merge *m = &b->act[i];
		long c2 = m->c2 < SHEET_MAX_COLS ? m->c2 : SHEET_MAX_COLS - 1;
		if (m->c1 > c2)
			continue;
		if ((size_t)c2 + 1 > width) {
			cells_room(rb, (size_t)c2 + 1);
			while (width < (size_t)c2 + 1)
				rb->cells[width++] = NULL;
		}
		b->filled += c2 - m->c1 + 1;
		if (b->filled > SHEET_MAX_FILL)
			return fail_at(b, e, row, -1, "merged areas fill more than %ld cells; "
				       "unmerge the cells (or save the sheet as CSV) and import "
				       "again", SHEET_MAX_FILL);
		for (c = m->c1; c <= c2; c++)
			rb->cells[c] = m->value;
	}
	while (width > 0 && !rb->cells[width - 1])
		width--;
	b->cells_out += (long long)width;
	if (b->cells_out > SHEET_MAX_CELLS)
		return fail_at(b, e, row, -1, "the sheet has more than %lld cells up to this row; "
			       "split it into smaller sheets, or save it as CSV",
			       (long long)SHEET_MAX_CELLS);
	out->row = row;
	out->n_cells = width;
	out->cells = rb->cells;
	return 0;
}

static void pend_add(struct sheet_book *b, long r1, long c1, long r2, long c2)
{
	if (!(b->n_pend & (b->n_pend - 1)) || b->n_pend == 0)
		b->pend = xrealloc(b->pend, (b->n_pend ? 2 * b->n_pend : 4) * sizeof *b->pend);
	b->pend[b->n_pend].r1 = r1;
	b->pend[b->n_pend].c1 = c1;
	b->pend[b->n_pend].r2 = r2;
	b->pend[b->n_pend].c2 = c2;
	b->pend[b->n_pend].value = NULL;
	b->n_pend++;
}

static int merge_by_top(const void *x, const void *y)
{
	const struct merge *a = x, *c = y;
	if (a->r1 != c->r1)
		return a->r1 < c->r1 ? -1 : 1;
	return a->c1 < c->c1 ? -1 : a->c1 > c->c1;
}

static void merges_clear(struct sheet_book *b)
{
	size_t i;
	for (i = 0; i < b->n_act; i++)
		free(b->act[i].value);
	free(b->act);
	free(b->pend);
	b->act = NULL;
	b->pend = NULL;
	b->n_act = b->n_pend = b->next_pend = 0;
	b->filled = 0;
}

/* ---------------------------------------------------------- sheets list */

static void sheets_add(struct sheet_book *b, const char *name, const char *part)
{
	if (!(b->n_sheets & (b->n_sheets - 1)) || b->n_sheets == 0) {
		size_t cap = b->n_sheets ? 2 * b->n_sheets : 4;
		b->sheets = xrealloc(b->sheets, cap * sizeof *b->sheets);
		b->parts = xrealloc(b->parts, cap * sizeof *b->parts);
	}
	b->sheets[b->n_sheets] = xstrdup(name);
	b->parts[b->n_sheets] = part ? xstrdup(part) : NULL;
	b->n_sheets++;
}

/* ---------------------------------------------------------- .xlsx */

/* Resolve a relationship target against the folder of the part that
 * holds it ("xl/"); NULL when it leaves the package. */
static char *rel_target(const char *base_dir, const char *target)
{
	struct buf p = BUF_INIT;
	if (strstr(target, "..") || strstr(target, "://"))
		return NULL;
	if (*target == '/') {
		while (*target == '/')
			target++;
		buf_puts(&p, target);
	} else {
		buf_puts(&p, base_dir);
		buf_puts(&p, target);
	}
	return buf_take(&p);
}

/* 1 when type (a relationship type URI) ends with "/tail". */
static int type_is(const xmlChar *type, const char *tail)
{
	size_t tl = type ? strlen((const char *)type) : 0, n = strlen(tail);
	return tl > n && type[tl - n - 1] == '/' && strcmp((const char *)type + tl - n, tail) == 0;
}

/* The part that _rels/.rels names as the workbook (xl/workbook.xml). */
static char *xlsx_workbook_part(zip_t *za)
{
	char why[200], *rels = NULL, *part = NULL;
	size_t len;
	xmlDocPtr x = NULL;
	const xmlNode *root, *c;

	if (zip_part_read(za, "_rels/.rels", SHEET_MAX_SMALL, &rels, &len, why, sizeof why) < 0)
		goto done;
	if (!(x = small_xml(rels, len, "_rels/.rels", why, sizeof why)))
		goto done;
	root = xmlDocGetRootElement(x);
	for (c = root ? root->children : NULL; c && !part; c = c->next) {
		xmlChar *type, *target;
		if (!is_el(c, "Relationship"))
			continue;
		type = attr(c, "Type");
		target = attr(c, "Target");
		if (type && target && type_is(type, "officeDocument"))
			part = rel_target("", (const char *)target);
		xmlFree(type);
		xmlFree(target);
	}
done:
	if (x)
		xmlFreeDoc(x);
	free(rels);
	return part ? part : xstrdup("xl/workbook.xml");
}

/* The folder of a part, with its slash ("xl/"). */
static char *dir_of(const char *part)
{
	const char *s = strrchr(part, '/');
	return s ? xstrndup(part, (size_t)(s - part + 1)) : xstrdup("");
}

/* The relationships of the workbook: id -> target, and the shared
 * strings and styles parts. */
struct xlsx_rels {
	char **ids, **targets;
	size_t n;
	char *sst, *styles;
};

static void rels_free(struct xlsx_rels *r)
{
	size_t i;
	for (i = 0; i < r->n; i++) {
		free(r->ids[i]);
		free(r->targets[i]);
	}
	free(r->ids);
	free(r->targets);
	free(r->sst);
	free(r->styles);
	memset(r, 0, sizeof *r);
}

static int xlsx_rels_read(zip_t *za, const char *wb_part, struct xlsx_rels *r, char *why,
			  size_t why_len)
{
	struct buf name = BUF_INIT;
	char *dir = dir_of(wb_part), *data = NULL;
	const char *base = strrchr(wb_part, '/');
	size_t len;
	xmlDocPtr x = NULL;
	const xmlNode *root, *c;
	int rc = -1;

	buf_puts(&name, dir);
	buf_printf(&name, "_rels/%s.rels", base ? base + 1 : wb_part);
	if (zip_part_read(za, buf_str(&name), SHEET_MAX_SMALL, &data, &len, why, why_len) < 0)
		goto done;
	if (!(x = small_xml(data, len, buf_str(&name), why, why_len)))
		goto done;
	root = xmlDocGetRootElement(x);
	for (c = root ? root->children : NULL; c; c = c->next) {
		xmlChar *type, *target, *id;
		char *t;
		if (!is_el(c, "Relationship"))
			continue;
		type = attr(c, "Type");
		target = attr(c, "Target");
		id = attr(c, "Id");
		t = target ? rel_target(dir, (const char *)target) : NULL;
		if (t && type_is(type, "sharedStrings") && !r->sst) {
			r->sst = t;
		} else if (t && type_is(type, "styles") && !r->styles) {
			r->styles = t;
		} else if (t && id && type_is(type, "worksheet") && r->n < SHEET_MAX_SHEETS) {
			r->ids = xrealloc(r->ids, (r->n + 1) * sizeof *r->ids);
			r->targets = xrealloc(r->targets, (r->n + 1) * sizeof *r->targets);
			r->ids[r->n] = xstrdup((const char *)id);
			r->targets[r->n] = t;
			r->n++;
		} else {
			free(t);
		}
		xmlFree(type);
		xmlFree(target);
		xmlFree(id);
	}
	rc = 0;
done:
	if (x)
		xmlFreeDoc(x);
	free(data);
	free(dir);
	buf_free(&name);
	return rc;
}

/* The sheets of workbook.xml in order, each with its part. */
static int xlsx_workbook(struct sheet_book *b, const char *wb_part, const struct xlsx_rels *r,
			 char *why, size_t why_len)
{
	char *data = NULL;
	size_t len, i;
	xmlDocPtr x = NULL;
	const xmlNode *root, *c, *s;
	int rc = -1;

	if (zip_part_read(b->za, wb_part, SHEET_MAX_SMALL, &data, &len, why, why_len) < 0)
		goto done;
	if (!(x = small_xml(data, len, wb_part, why, why_len)))
		goto done;
	root = xmlDocGetRootElement(x);
	if (!is_el(root, "workbook")) {
		snprintf(why, why_len, "%s is not a workbook", wb_part);
		goto done;
	}
	for (c = root->children; c; c = c->next) {
		if (is_el(c, "workbookPr")) {
			xmlChar *v = attr(c, "date1904");
			b->date1904 = v && (!strcmp((char *)v, "1") || !strcmp((char *)v, "true"));
			xmlFree(v);
		}
		if (!is_el(c, "sheets"))
			continue;
		for (s = c->children; s; s = s->next) {
			xmlChar *name, *id;
			if (!is_el(s, "sheet") || b->n_sheets >= SHEET_MAX_SHEETS)
				continue;
			name = attr(s, "name");
			id = attr(s, "id");
			for (i = 0; name && id && i < r->n; i++)
				if (!strcmp(r->ids[i], (const char *)id)) {
					sheets_add(b, (const char *)name, r->targets[i]);
					break;
				}
			xmlFree(name);
			xmlFree(id);
		}
	}
	if (b->n_sheets == 0) {
		snprintf(why, why_len, "%s lists no worksheet", wb_part);
		goto done;
	}
	rc = 0;
done:
	if (x)
		xmlFreeDoc(x);
	free(data);
	return rc;
}

/* Date kind of a custom number format code: what its first section shows
 * once quoted text, [colours], escaped and padding characters are left
 * out. */
static int numfmt_kind(const char *code)
{
	int date = 0, time = 0, month = 0;
	const char *s;
	for (s = code; *s && *s != ';'; s++) {
		char c = (char)tolower((unsigned char)*s);
		if (*s == '"') {
			while (s[1] && s[1] != '"')
				s++;
			if (s[1])
				s++;
			continue;
		}
		if (*s == '\\' || *s == '_' || *s == '*') {
			if (s[1])
				s++;
			continue;
		}
		if (*s == '[') {
			/* [h], [mm], [ss]: elapsed time; anything else a colour or locale */
			if (s[1] && strchr("hHmMsS", s[1]))
				time = 1;
			while (s[1] && s[1] != ']')
				s++;
			if (s[1])
				s++;
			continue;
		}
		if (str_prefix_ci(s, "am/pm")) {
			s += 4;
			continue;
		}
		if (str_prefix_ci(s, "a/p")) {
			s += 2;
			continue;
		}
		if (c == 'y' || c == 'd' || c == 'e')
			date = 1;
		else if (c == 'h' || c == 's')
			time = 1;
		else if (c == 'm')
			month = 1;
		else if (c == 'g' && str_prefix_ci(s, "general"))
			s += 6;
	}
	if (month && !time)
		date = 1;
	if (date && time)
		return NUM_DATETIME;
	return date ? NUM_DATE : time ? NUM_TIME : NUM_PLAIN;
}

/* Date kind of a built-in number format. */
static int builtin_kind(long id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return NUM_DATE;
	if (id == 22)
		return NUM_DATETIME;
	if ((id >= 18 && id <= 21) || (id >= 32 && id <= 33) || (id >= 45 && id <= 47))
		return NUM_TIME;
	return NUM_PLAIN;
}

/* styles.xml: the date kind of each cell format (cellXfs). A missing or
 * damaged styles part leaves every number a number. */
static void xlsx_styles(struct sheet_book *b, const char *part)
{
	char why[200], *data = NULL;
	size_t len;
	xmlDocPtr x = NULL;
	const xmlNode *root, *c, *f;
	long *ids = NULL;
	unsigned char *kinds = NULL;
	size_t n_fmts = 0;

	if (!part || zip_part_read(b->za, part, SHEET_MAX_SMALL, &data, &len, why, sizeof why) < 0)
		goto done;
	if (!(x = small_xml(data, len, part, why, sizeof why)))
		goto done;
	root = xmlDocGetRootElement(x);
	for (c = root ? root->children : NULL; c; c = c->next) {
		if (is_el(c, "numFmts")) {
			for (f = c->children; f; f = f->next) {
				xmlChar *id, *code;
				char *end;
				long v;
				if (!is_el(f, "numFmt") || n_fmts >= SHEET_MAX_STYLES)
					continue;
				id = attr(f, "numFmtId");
				code = attr(f, "formatCode");
				if (id && code) {
					v = strtol((const char *)id, &end, 10);
					ids = xrealloc(ids, (n_fmts + 1) * sizeof *ids);
					kinds = xrealloc(kinds, (n_fmts + 1) * sizeof *kinds);
					ids[n_fmts] = *end ? -1 : v;
					kinds[n_fmts] = (unsigned char)numfmt_kind((const char *)code);
					n_fmts++;
				}
				xmlFree(id);
				xmlFree(code);
			}
		} else if (is_el(c, "cellXfs")) {
			for (f = c->children; f; f = f->next) {
				xmlChar *id;
				long v = 0;
				int kind;
				size_t i;
				if (!is_el(f, "xf") || b->n_xf >= SHEET_MAX_STYLES)
					continue;
				id = attr(f, "numFmtId");
				if (id)
					v = strtol((const char *)id, NULL, 10);
				xmlFree(id);
				kind = builtin_kind(v);
				for (i = 0; i < n_fmts; i++)
					if (ids[i] == v)
						kind = kinds[i];
				b->xf = xrealloc(b->xf, b->n_xf + 1);
				b->xf[b->n_xf++] = (unsigned char)kind;
			}
		}
	}
done:
	if (x)
		xmlFreeDoc(x);
	free(data);
	free(ids);
	free(kinds);
}

/* sharedStrings.xml, streamed: each <si> read as a small tree. */
static int xlsx_sst(struct sheet_book *b, const char *part, struct err *e)
{
	struct buf one = BUF_INIT;
	size_t cap = 0;
	int rc, skip = 0;

	b->sst.max = SHEET_MAX_XML;
	if (!part || zpart(b->za, part) < 0)
		return 0;
	if ((rc = stream_open(b, part, e)) < 0)
		return rc;
	while ((rc = stream_step(b, skip, e)) == 1) {
		xmlNodePtr n;
		skip = 0;
		if (xmlTextReaderNodeType(b->rd) != XML_READER_TYPE_ELEMENT ||
		    strcmp((const char *)xmlTextReaderConstLocalName(b->rd), "si"))
			continue;
		if (!(n = xmlTextReaderExpand(b->rd))) {
			rc = stream_fail(b, e);
			break;
		}
		buf_reset(&one);
		ooxml_string(&one, n);
		if (b->n_sst == cap) {
			cap = cap ? cap * 2 : 64;
			b->sst_off = xrealloc(b->sst_off, cap * sizeof *b->sst_off);
		}
		b->sst_off[b->n_sst++] = b->sst.len;
		buf_append(&b->sst, one.data ? one.data : "", one.len);
		buf_putc(&b->sst, '\0');
		if (b->sst.failed) {
			rc = fail_at(b, e, 0, -1, "the shared strings hold more than %zu MiB of "
				     "text; split the workbook, or save the sheet as CSV",
				     SHEET_MAX_XML >> 20);
			break;
		}
		skip = 1;
	}
	buf_free(&one);
	stream_close(b);
	return rc < 0 ? rc : 0;
}

static int xlsx_open(struct sheet_book *b, struct err *e)
{
	char why[400];
	char *wb = NULL;
	struct xlsx_rels r;
	int rc;

	memset(&r, 0, sizeof r);
	why[0] = '\0';
	b->za = zopen(b->data, b->len, b->path, why, sizeof why);
	if (!b->za) {
		char z[200];
		snprintf(z, sizeof z, "%.199s", why);
		snprintf(why, sizeof why, "the zip archive is damaged or cut short: %s", z);
		goto bad;
	}
	wb = xlsx_workbook_part(b->za);
	if (zpart(b->za, wb) < 0) {
		snprintf(why, sizeof why, "it has no %s%s", wb,
			 zpart(b->za, "word/document.xml") >= 0 ? " (it is a Word document)"
			 : zpart(b->za, "content.xml") >= 0     ? " (it is an OpenDocument file)"
								: "");
		goto bad;
	}
	if (xlsx_rels_read(b->za, wb, &r, why, sizeof why) < 0)
		goto bad;
	if (xlsx_workbook(b, wb, &r, why, sizeof why) < 0)
		goto bad;
	xlsx_styles(b, r.styles);
	if ((rc = xlsx_sst(b, r.sst, e)) < 0) {
		free(wb);
		rels_free(&r);
		return rc;
	}
	free(wb);
	rels_free(&r);
	return 0;
bad:
	free(wb);
	rels_free(&r);
	return err_set(e, ERR_DATA, "%s: not a readable Excel .xlsx workbook (%s); open it in the "
		       "spreadsheet program and save it again as .xlsx (or as .csv)", b->name, why);
}

/* First pass over the chosen sheet: its merged areas, sorted by top row. */
static int xlsx_merges(struct sheet_book *b, struct err *e)
{
	int rc, skip = 0;

	if ((rc = stream_open(b, b->parts[b->sel], e)) < 0)
		return rc;
	while ((rc = stream_step(b, skip, e)) == 1) {
		const char *name;
		xmlChar *ref;
		long r1, c1, r2, c2;
		const char *p;
		skip = 0;
		if (xmlTextReaderNodeType(b->rd) != XML_READER_TYPE_ELEMENT)
			continue;
		name = (const char *)xmlTextReaderConstLocalName(b->rd);
		if (!strcmp(name, "sheetData")) {
			skip = 1;
			continue;
		}
		if (strcmp(name, "mergeCell"))
			continue;
		ref = xmlTextReaderGetAttribute(b->rd, (const xmlChar *)"ref");
		p = ref ? parse_ref((const char *)ref, &r1, &c1) : NULL;
		if (p && *p == ':')
			p = parse_ref(p + 1, &r2, &c2);
		else if (p && !*p)
			r2 = r1, c2 = c1;
		else
			p = NULL;
		if (!p || *p || r1 < 1 || c1 < 0 || r2 < r1 || c2 < c1) {
			rc = fail_at(b, e, 0, -1, "a merged area has the reference '%.40s', which is "
				     "not a range such as A2:A5; the file is damaged: save it "
				     "again and import it again", ref ? (const char *)ref : "");
			xmlFree(ref);
			break;
		}
		xmlFree(ref);
		if (b->n_pend >= SHEET_MAX_MERGES) {
			rc = fail_at(b, e, 0, -1, "more than %d merged areas; unmerge the cells and "
				     "import again", SHEET_MAX_MERGES);
			break;
		}
		if (r1 == r2 && c1 == c2)
			continue;
		pend_add(b, r1, c1, r2, c2);
	}
	stream_close(b);
	if (rc < 0)
		return rc;
	if (b->n_pend)
		qsort(b->pend, b->n_pend, sizeof *b->pend, merge_by_top);
	return 0;
}

/* The value of an .xlsx cell element as text into out. */
static int xlsx_cell(struct sheet_book *b, const xmlNode *c, long row, long col, struct buf *out,
		     struct err *e)
{
	xmlChar *t = attr(c, "t"), *s = attr(c, "s"), *v = NULL;
	const xmlNode *k, *vn = NULL, *is = NULL;
	const char *type = t ? (const char *)t : "n";
	char num[40];
	double d;
	int rc = 0;

	for (k = c->children; k; k = k->next)
		if (is_el(k, "v"))
			vn = k;
		else if (is_el(k, "is"))
			is = k;
	if (vn)
		v = xmlNodeGetContent(vn);
	if (!strcmp(type, "inlineStr")) {
		if (is)
			ooxml_string(out, is);
	} else if (!v) {
		/* a formula without a value, or a styled empty cell */
	} else if (!strcmp(type, "s")) {
		char *end;
		unsigned long i = strtoul((const char *)v, &end, 10);
		if (*end || end == (char *)v || i >= b->n_sst)
			rc = fail_at(b, e, row, col, "the cell refers to shared string '%.20s', but "
				     "the workbook has %zu; the file is damaged: save it again from "
				     "the spreadsheet program and import it again", (const char *)v,
				     b->n_sst);
		else
			buf_puts(out, b->sst.data + b->sst_off[i]);
	} else if (!strcmp(type, "str") || !strcmp(type, "e")) {
		ooxml_text(out, (const char *)v);
	} else if (!strcmp(type, "b")) {
		buf_puts(out, !strcmp((const char *)v, "1") || !strcmp((const char *)v, "true")
				      ? "TRUE"
				      : "FALSE");
	} else if (!strcmp(type, "d")) {
		/* an ISO 8601 date-time: the date, and the time when there is one */
		const char *p = (const char *)v;
		size_t n = strlen(p);
		if (n >= 16 && p[10] == 'T' && strncmp(p + 11, "00:00", 5))
			buf_printf(out, "%.10s %.5s", p, p + 11);
		else
			buf_append(out, p, n < 10 ? n : 10);
	} else if (parse_number((const char *)v, &d) == 0) {
		unsigned long xf = s ? strtoul((const char *)s, NULL, 10) : 0;
		int kind = xf < b->n_xf ? b->xf[xf] : NUM_PLAIN;
		if (kind == NUM_PLAIN || serial_to_iso(d, b->date1904, kind, num) < 0)
			fmt_number(d, num);
		buf_puts(out, num);
	} else {
		buf_puts(out, (const char *)v);
	}
	xmlFree(t);
	xmlFree(s);
	xmlFree(v);
	return rc;
}

/* Read the next <row> of the sheet into b->rb. 1, 0 at the end, or an
 * error. b->last_row is its number. */
static int xlsx_row(struct sheet_book *b, struct err *e)
{
	struct buf val = BUF_INIT;
	int rc, skip = 0, in_row = 0;

	while ((rc = stream_step(b, skip, e)) == 1) {
		int type = xmlTextReaderNodeType(b->rd);
		const char *name;
		skip = 0;
		if (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_END_ELEMENT)
			continue;
		name = (const char *)xmlTextReaderConstLocalName(b->rd);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (in_row && !strcmp(name, "row")) {
				rc = 1;
				break;
			}
			if (!strcmp(name, "sheetData")) {
				rc = 0;
				break;
			}
			continue;
		}
		if (!b->in_data) {
			if (!strcmp(name, "sheetData")) {
				if (xmlTextReaderIsEmptyElement(b->rd)) {
					rc = 0;
					break;
				}
				b->in_data = 1;
			}
			continue;
		}
		if (!strcmp(name, "row")) {
			xmlChar *r = xmlTextReaderGetAttribute(b->rd, (const xmlChar *)"r");
			long n = b->last_row + 1;
			if (r) {
				char *end;
				n = strtol((const char *)r, &end, 10);
				if (*end || end == (char *)r)
					n = 0;
			}
			xmlFree(r);
			if (n < 1 || n > SHEET_MAX_ROWS) {
				rc = fail_at(b, e, 0, -1, "a row is numbered %ld; a sheet has rows 1 to "
					     "%ld. Save the file again from the spreadsheet program",
					     n, SHEET_MAX_ROWS);
				break;
			}
			if (n <= b->last_row) {
				rc = fail_at(b, e, n, -1, "row %ld comes after row %ld; the file is "
					     "damaged: save it again from the spreadsheet program",
					     n, b->last_row);
				break;
			}
			b->last_row = n;
			b->last_col = -1;
			rb_reset(&b->rb);
			if (xmlTextReaderIsEmptyElement(b->rd)) {
				rc = 1;
				break;
			}
			in_row = 1;
			continue;
		}
		if (in_row && !strcmp(name, "c")) {
			xmlChar *ref = xmlTextReaderGetAttribute(b->rd, (const xmlChar *)"r");
			long row = b->last_row, col = b->last_col + 1, rr;
			xmlNodePtr node;
			if (ref) {
				const char *p = parse_ref((const char *)ref, &rr, &col);
				if (!p || *p || col < 0)
					col = -1;
				else if (rr > 0 && rr != row)
					col = -2;
			}
			xmlFree(ref);
			if (col == -2) {
				rc = fail_at(b, e, row, -1, "a cell of row %ld says it is in another "
					     "row; the file is damaged: save it again", row);
				break;
			}
			if (col < 0 || col >= SHEET_MAX_COLS) {
				rc = fail_at(b, e, row, -1, "a cell is beyond column XFD (the "
					     "16384th) or has no readable reference; save the file "
					     "again from the spreadsheet program");
				break;
			}
			b->last_col = col;
			if (!(node = xmlTextReaderExpand(b->rd))) {
				rc = stream_fail(b, e);
				break;
			}
			buf_reset(&val);
			val.max = SHEET_MAX_XML;
			if ((rc = xlsx_cell(b, node, row, col, &val, e)) < 0)
				break;
			if (val.len > SHEET_MAX_CELL) {
				rc = fail_at(b, e, row, col, "the cell holds %.1f MiB of text; a cell "
					     "may hold at most %zu MiB. Shorten it and import again",
					     (double)val.len / (1 << 20), SHEET_MAX_CELL >> 20);
				break;
			}
			rb_add(&b->rb, col, val.data ? val.data : "", val.len);
			skip = 1;
		}
	}
	buf_free(&val);
	return rc;
}

/* ---------------------------------------------------------- .ods */

/* An attribute of the current stream node in an OpenDocument namespace. */
static long ods_count(xmlTextReaderPtr rd, const char *local, long max)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(rd, (const xmlChar *)local,
						 (const xmlChar *)ODS_TABLE);
	long n = 1;
	if (v) {
		char *end;
		errno = 0;
		n = strtol((const char *)v, &end, 10);
		if (*end || end == (char *)v || n < 1)
			n = 1;
		if (errno == ERANGE || n > max)
			n = max;
	}
	xmlFree(v);
	return n;
}

static long ods_node_count(const xmlNode *n, const char *local, long max)
{
	xmlChar *v = xmlGetNsProp(n, (const xmlChar *)local, (const xmlChar *)ODS_TABLE);
	long k = 1;
	if (v) {
		char *end;
		errno = 0;
		k = strtol((const char *)v, &end, 10);
		if (*end || end == (char *)v || k < 1)
			k = 1;
		if (errno == ERANGE || k > max)
			k = max;
	}
	xmlFree(v);
	return k;
}

/* The text of an OpenDocument paragraph: spans, links, <text:s c="N"/>
 * (N spaces), tabs and line breaks; notes and annotations left out. */
static void ods_text(struct buf *out, const xmlNode *p, int depth)
{
	const xmlNode *c;
	if (depth > 64)
		return;
	for (c = p->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			buf_puts(out, (const char *)c->content);
		} else if (c->type != XML_ELEMENT_NODE) {
			continue;
		} else if (is_el(c, "s")) {
			long k = ods_node_count(c, "c", 1000);
			xmlChar *v = xmlGetNsProp(c, (const xmlChar *)"c", (const xmlChar *)ODS_TEXT);
			if (v) {
				char *end;
				k = strtol((const char *)v, &end, 10);
				if (*end || k < 1)
					k = 1;
				if (k > 1000)
					k = 1000;
			}
			xmlFree(v);
			while (k-- > 0)
				buf_putc(out, ' ');
		} else if (is_el(c, "tab")) {
			buf_putc(out, '\t');
		} else if (is_el(c, "line-break")) {
			buf_putc(out, '\n');
		} else if (is_el(c, "note") || is_el(c, "annotation") || is_el(c, "ruby-text")) {
			continue;
		} else {
			ods_text(out, c, depth + 1);
		}
	}
}

/* An office: attribute of a cell (xmlFree). */
static xmlChar *office_attr(const xmlNode *n, const char *local)
{
	return xmlGetNsProp(n, (const xmlChar *)local, (const xmlChar *)ODS_OFFICE);
}

/* "PT12H30M00S" as HH:MM[:SS]; -1 when it is not that form. */
static int ods_duration(const char *s, char out[40])
{
	double h = 0, m = 0, sec = 0, v;
	char *end;
	if (strncmp(s, "PT", 2))
		return -1;
	s += 2;
	while (*s) {
		v = strtod(s, &end);
		if (end == s)
			return -1;
		if (*end == 'H')
			h = v;
		else if (*end == 'M')
			m = v;
		else if (*end == 'S')
			sec = v;
		else
			return -1;
		s = end + 1;
	}
	v = (h * 3600 + m * 60 + sec) / 86400.0;
	if (v < 0 || v >= 1)
		return -1;
	fmt_time(v, 0, out, 40);
	return 0;
}

/* The value of an .ods cell element as text into out. */
static void ods_cell(const xmlNode *c, struct buf *out)
{
	xmlChar *vt = office_attr(c, "value-type"), *v = NULL;
	char num[40];
	double d;
	const xmlNode *k;
	int first = 1;

	if (vt && (!strcmp((char *)vt, "float") || !strcmp((char *)vt, "percentage") ||
		   !strcmp((char *)vt, "currency"))) {
		v = office_attr(c, "value");
		if (v && parse_number((const char *)v, &d) == 0) {
			fmt_number(d, num);
			buf_puts(out, num);
			goto done;
		}
	} else if (vt && !strcmp((char *)vt, "date")) {
		v = office_attr(c, "date-value");
		if (v && strlen((char *)v) >= 10) {
			const char *p = (const char *)v;
			if (strlen(p) >= 16 && p[10] == 'T' && strncmp(p + 11, "00:00", 5))
				buf_printf(out, "%.10s %.5s", p, p + 11);
			else
				buf_append(out, p, 10);
			goto done;
		}
	} else if (vt && !strcmp((char *)vt, "boolean")) {
		v = office_attr(c, "boolean-value");
		if (v) {
			buf_puts(out, !strcmp((char *)v, "true") || !strcmp((char *)v, "1") ? "TRUE"
											    : "FALSE");
			goto done;
		}
	} else if (vt && !strcmp((char *)vt, "time")) {
		v = office_attr(c, "time-value");
		if (v && ods_duration((const char *)v, num) == 0) {
			buf_puts(out, num);
			goto done;
		}
	}
	/* text, and the shown text of anything not read above */
	for (k = c->children; k; k = k->next) {
		if (!is_el(k, "p") && !is_el(k, "h"))
			continue;
		if (!first)
			buf_putc(out, '\n');
		first = 0;
		ods_text(out, k, 0);
	}
done:
	xmlFree(vt);
	xmlFree(v);
}

/* The table names of content.xml, in order. */
static int ods_list(struct sheet_book *b, struct err *e)
{
	int rc, skip = 0;

	if ((rc = stream_open(b, "content.xml", e)) < 0)
		return rc;
	while ((rc = stream_step(b, skip, e)) == 1) {
		const xmlChar *ns;
		xmlChar *name;
		skip = 0;
		if (xmlTextReaderNodeType(b->rd) != XML_READER_TYPE_ELEMENT)
			continue;
		ns = xmlTextReaderConstNamespaceUri(b->rd);
		if (!ns || strcmp((const char *)ns, ODS_TABLE) ||
		    strcmp((const char *)xmlTextReaderConstLocalName(b->rd), "table"))
			continue;
		name = xmlTextReaderGetAttributeNs(b->rd, (const xmlChar *)"name",
						   (const xmlChar *)ODS_TABLE);
		if (b->n_sheets < SHEET_MAX_SHEETS) {
			char dflt[32];
			snprintf(dflt, sizeof dflt, "Sheet%zu", b->n_sheets + 1);
			sheets_add(b, name ? (const char *)name : dflt, NULL);
		}
		xmlFree(name);
		skip = 1;
	}
	stream_close(b);
	if (rc < 0)
		return rc;
	if (b->n_sheets == 0)
		return err_set(e, ERR_DATA, "%s: the OpenDocument spreadsheet has no sheet; save it "
			       "again and import it again", b->name);
	return 0;
}

static int ods_open(struct sheet_book *b, struct err *e)
{
	char why[400], *mime = NULL;
	size_t len;

	why[0] = '\0';
	b->za = zopen(b->data, b->len, b->path, why, sizeof why);
	if (!b->za) {
		char z[200];
		snprintf(z, sizeof z, "%.199s", why);
		snprintf(why, sizeof why, "the zip archive is damaged or cut short: %s", z);
		goto bad;
	}
	if (zpart(b->za, "content.xml") < 0) {
		snprintf(why, sizeof why, "it has no content.xml%s",
			 zpart(b->za, "xl/workbook.xml") >= 0 ? " (it is an Excel .xlsx)" : "");
		goto bad;
	}
	if (zip_part_read(b->za, "mimetype", 1024, &mime, &len, why, sizeof why) == 0) {
		int ok = !strncmp(mime, ODS_MIME, strlen(ODS_MIME));
		if (!ok) {
			snprintf(why, sizeof why, "it is an OpenDocument file of type '%.80s', not a "
				 "spreadsheet", mime);
			free(mime);
			goto bad;
		}
		free(mime);
	}
	return ods_list(b, e);
bad:
	return err_set(e, ERR_DATA, "%s: not a readable OpenDocument .ods spreadsheet (%s); open it "
		       "in the spreadsheet program and save it again as .ods (or as .csv)",
		       b->name, why);
}

/* Read the next row with values of the chosen table into b->rb; its number
 * in b->last_row. 1, 0 at the end, or an error. */
static int ods_row(struct sheet_book *b, struct err *e)
{
	struct buf val = BUF_INIT;
	long reps = 1, col = 0, row = 0;
	int rc, skip = 0, in_row = 0;

	if (b->repeat_left > 0) {
		b->repeat_left--;
		b->last_row++;
		if (b->last_row > SHEET_MAX_ROWS)
			return fail_at(b, e, 0, -1, "the sheet has values beyond row %ld, the most "
				       "a sheet may have; delete the rows below the data",
				       SHEET_MAX_ROWS);
		return 1;
	}
	while ((rc = stream_step(b, skip, e)) == 1) {
		int type = xmlTextReaderNodeType(b->rd);
		const xmlChar *ns;
		const char *name;
		skip = 0;
		if (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_END_ELEMENT)
			continue;
		ns = xmlTextReaderConstNamespaceUri(b->rd);
		if (!ns || strcmp((const char *)ns, ODS_TABLE))
			continue;
		name = (const char *)xmlTextReaderConstLocalName(b->rd);
		if (!b->in_data) {
			/* find the chosen table: the sel-th table element */
			if (type == XML_READER_TYPE_ELEMENT && !strcmp(name, "table")) {
				if (b->next_row == -b->sel - 1) {
					b->in_data = 1;
					b->ods_depth = xmlTextReaderDepth(b->rd);
					b->next_row = 1;
					if (xmlTextReaderIsEmptyElement(b->rd)) {
						rc = 0;
						break;
					}
				} else {
					b->next_row--;
					skip = 1;
				}
			}
			continue;
		}
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (!strcmp(name, "table") && xmlTextReaderDepth(b->rd) == b->ods_depth) {
				rc = 0;
				break;
			}
			if (in_row && !strcmp(name, "table-row")) {
				in_row = 0;
				if (b->rb.n == 0)
					continue;
				if (row > SHEET_MAX_ROWS) {
					rc = fail_at(b, e, row, -1, "the sheet has values beyond row "
						     "%ld, the most a sheet may have; delete the rows "
						     "below the data", SHEET_MAX_ROWS);
					break;
				}
				b->last_row = row;
				b->repeat_left = reps - 1;
				rc = 1;
				break;
			}
			continue;
		}
		if (!strcmp(name, "table-row")) {
			reps = ods_count(b->rd, "number-rows-repeated", SHEET_MAX_ROWS + 1);
			row = b->next_row;
			b->next_row += reps;
			if (b->next_row > SHEET_MAX_ROWS + 2)
				b->next_row = SHEET_MAX_ROWS + 2;
			rb_reset(&b->rb);
			col = 0;
			in_row = !xmlTextReaderIsEmptyElement(b->rd);
			continue;
		}
		if (in_row && (!strcmp(name, "table-cell") || !strcmp(name, "covered-table-cell"))) {
			long creps = ods_count(b->rd, "number-columns-repeated", SHEET_MAX_COLS + 1);
			int covered = name[0] == 'c';
			xmlNodePtr node;
			long k;
			if (!(node = xmlTextReaderExpand(b->rd))) {
				rc = stream_fail(b, e);
				break;
			}
			skip = 1;
			buf_reset(&val);
			val.max = SHEET_MAX_XML;
			if (!covered)
				ods_cell(node, &val);
			if (val.len > SHEET_MAX_CELL) {
				rc = fail_at(b, e, row, col < SHEET_MAX_COLS ? col : -1,
					     "the cell holds %.1f MiB of text; a cell may hold at "
					     "most %zu MiB. Shorten it and import again",
					     (double)val.len / (1 << 20), SHEET_MAX_CELL >> 20);
				break;
			}
			if (!str_blank(val.data ? val.data : "")) {
				long rs = ods_node_count(node, "number-rows-spanned", SHEET_MAX_ROWS);
				long cs = ods_node_count(node, "number-columns-spanned", SHEET_MAX_COLS);
				if (col + creps > SHEET_MAX_COLS) {
					rc = fail_at(b, e, row, -1, "the row has values beyond column "
						     "XFD (the 16384th), the most a sheet may have; "
						     "delete the columns to the right of the data");
					break;
				}
				if (row > SHEET_MAX_ROWS) {
					rc = fail_at(b, e, row, -1, "the sheet has values beyond row "
						     "%ld, the most a sheet may have; delete the rows "
						     "below the data", SHEET_MAX_ROWS);
					break;
				}
				rb_add(&b->rb, col, val.data, val.len);
				for (k = 1; k < creps; k++)
					rb_repeat(&b->rb, b->rb.n - 1, col + k);
				if (rs > 1 || cs > 1) {
					if (b->n_pend >= SHEET_MAX_MERGES) {
						rc = fail_at(b, e, row, col, "more than %d merged "
							     "areas; unmerge the cells and import "
							     "again", SHEET_MAX_MERGES);
						break;
					}
					pend_add(b, row, col, row + rs - 1, col + cs - 1);
				}
			}
			col += creps;
			if (col > SHEET_MAX_COLS + 1)
				col = SHEET_MAX_COLS + 1;
		}
	}
	buf_free(&val);
	return rc;
}

/* ---------------------------------------------------------- .xls */

/* FreeXL is run in a child process. Fuzzing found inputs on which
 * FreeXL 1.0.6 (Debian's) writes outside a buffer while converting
 * strings, and a damaged .xls is exactly what users upload; in a child,
 * a fault costs that one read, not the server's memory. The child reads
 * the whole workbook and sends it down a pipe as records:
 *   'N' u32 len, name            a sheet's name, in order
 *   'S' u32 sheet                the cells of that sheet follow
 *   'C' u32 row, u32 col, u32 len, text   a cell with a value (row 1-based)
 *   'X' u32 row, u32 col         FreeXL could not read that cell (row 0:
 *                                 the sheet); the sheet's cells end
 *   'F' i32 code                 FreeXL could not open the file
 * The parent keeps them (at most SHEET_MAX_XML bytes) and hands rows out
 * from them. A child that dies, or sends a broken stream, is a damaged
 * file. */

#define XLS_WAIT_MS 60000 /* how long FreeXL may take */

struct xls_cell {
	uint32_t row, col;
	size_t off; /* text in b->xls_text */
};

struct xls_sheet {
	struct xls_cell *cells;
	size_t n, cap;
	uint32_t bad_row, bad_col; /* 'X' record */
	int bad;
};

static const char *freexl_why(int rc)
{
	switch (rc) {
	case FREEXL_FILE_NOT_FOUND:
		return "the file cannot be read";
	case FREEXL_INSUFFICIENT_MEMORY:
		return "out of memory";
	case FREEXL_INVALID_CFBF_HEADER:
	case FREEXL_CFBF_INVALID_SIGNATURE:
		return "it is not an OLE2 compound file";
	case FREEXL_BIFF_INVALID_BOF:
		return "it holds no Excel workbook stream that FreeXL reads (a Word .doc, "
		       "or an Excel version before 97?)";
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return "it holds no Excel workbook (a Word .doc?)";
	case FREEXL_CRAFTED_FILE:
		return "it is badly damaged";
	default:
		return "it is damaged or not an Excel workbook";
	}
}

/* Write the in-memory workbook where FreeXL can open it by path: an
 * anonymous memory file, else an unlinked temporary file. */
static int xls_path(struct sheet_book *b, char *path, size_t n, struct err *e)
{
	size_t off = 0;
	int fd = memfd_create("parity-xls", MFD_CLOEXEC);
	char tmpl[4096];

	if (fd < 0) {
		const char *dir = getenv("TMPDIR");
		snprintf(tmpl, sizeof tmpl, "%s/parity-xls-XXXXXX", dir && *dir ? dir : "/tmp");
		fd = mkstemp(tmpl);
		if (fd < 0)
			return err_set(e, ERR_IO, "%s: cannot make a temporary file to read the .xls "
				       "(%s)", b->name, strerror(errno));
		unlink(tmpl);
	}
	while (off < b->len) {
		ssize_t w = write(fd, (const char *)b->data + off, b->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int en = errno;
			close(fd);
			return err_set(e, ERR_IO, "%s: cannot write a temporary copy to read the "
				       ".xls (%s)", b->name, strerror(en));
		}
		off += (size_t)w;
	}
	b->xls_fd = fd;
	snprintf(path, n, "/proc/self/fd/%d", fd);
	return 0;
}

static void put_u32(FILE *f, uint32_t v)
{
	fwrite(&v, sizeof v, 1, f);
}

/* The child: read the workbook at path with FreeXL and send it to f. */
static void xls_child(const char *path, FILE *f)
{
	const void *h = NULL;
	unsigned int n = 0, i, r;
	unsigned short c;
	char num[40];
	int rc = freexl_open(path, &h);

	if (rc != FREEXL_OK) {
		int32_t code = rc;
		fputc('F', f);
		fwrite(&code, sizeof code, 1, f);
		return;
	}
	if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &n) != FREEXL_OK)
		n = 0;
	if (n > SHEET_MAX_SHEETS)
		n = SHEET_MAX_SHEETS;
	for (i = 0; i < n; i++) {
		const char *name = NULL;
		char dflt[32];
		snprintf(dflt, sizeof dflt, "Sheet%u", i + 1);
		if (freexl_get_worksheet_name(h, (unsigned short)i, &name) != FREEXL_OK || !name)
			name = dflt;
		fputc('N', f);
		put_u32(f, (uint32_t)strlen(name));
		fputs(name, f);
	}
	for (i = 0; i < n; i++) {
		unsigned int rows = 0;
		unsigned short cols = 0;
		fputc('S', f);
		put_u32(f, i);
		if (freexl_select_active_worksheet(h, (unsigned short)i) != FREEXL_OK ||
		    freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
			fputc('X', f);
			put_u32(f, 0);
			put_u32(f, 0);
			continue;
		}
		for (r = 0; r < rows && r < (unsigned)SHEET_MAX_ROWS; r++) {
			for (c = 0; c < cols; c++) {
				FreeXL_CellValue v;
				const char *t = NULL;
				if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK) {
					fputc('X', f);
					put_u32(f, r + 1);
					put_u32(f, c);
					goto next_sheet;
				}
				switch (v.type) {
				case FREEXL_CELL_INT:
					snprintf(num, sizeof num, "%d", v.value.int_value);
					t = num;
					break;
				case FREEXL_CELL_DOUBLE:
					fmt_number(v.value.double_value, num);
					t = num;
					break;
				case FREEXL_CELL_DATETIME:
					/* "YYYY-MM-DD HH:MM:SS": the time only when there is one */
					if (v.value.text_value && strlen(v.value.text_value) >= 16 &&
					    strncmp(v.value.text_value + 11, "00:00:00", 8))
						snprintf(num, sizeof num, "%.16s", v.value.text_value);
					else if (v.value.text_value)
						snprintf(num, sizeof num, "%.10s", v.value.text_value);
					else
						num[0] = '\0';
					t = num;
					break;
				case FREEXL_CELL_TEXT:
				case FREEXL_CELL_SST_TEXT:
				case FREEXL_CELL_DATE:
				case FREEXL_CELL_TIME:
					t = v.value.text_value;
					break;
				default:
					break;
				}
				if (t && *t) {
					size_t len = strlen(t);
					if (len > SHEET_MAX_CELL + 1)
						len = SHEET_MAX_CELL + 1;
					fputc('C', f);
					put_u32(f, r + 1);
					put_u32(f, c);
					put_u32(f, (uint32_t)len);
					fwrite(t, 1, len, f);
				}
			}
		}
next_sheet:;
	}
	freexl_close(h);
}

/* Read the child's records from fd into b (b->xls_text, b->xls_sheets).
 * 0, or -1 when the stream is broken, too long, or FreeXL refused the
 * file (*code set). */
static int xls_take(struct sheet_book *b, int fd, int *code)
{
	struct buf in = BUF_INIT;
	char chunk[65536];
	size_t p = 0;
	struct xls_sheet *cur = NULL;
	int rc = 0;

	in.max = SHEET_MAX_XML;
	for (;;) {
		ssize_t got = read(fd, chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		buf_append(&in, chunk, (size_t)got);
		if (in.failed)
			break;
	}
	if (in.failed) {
		buf_free(&in);
		return -1;
	}
	b->xls_text.max = SHEET_MAX_XML;
#define NEED(k)                              \
	do {                                 \
		if (in.len - p < (size_t)(k)) { \
			rc = -1;             \
			goto done;           \
		}                            \
	} while (0)
	while (p < in.len) {
		char t = in.data[p++];
		uint32_t u[3];
		if (t == 'F') {
			int32_t c;
			NEED(4);
			memcpy(&c, in.data + p, 4);
			*code = c;
			rc = -1;
			goto done;
		} else if (t == 'N') {
			char *name;
			NEED(4);
			memcpy(u, in.data + p, 4);
			p += 4;
			NEED(u[0]);
			name = xstrndup(in.data + p, u[0]);
			p += u[0];
			sheets_add(b, name, NULL);
			free(name);
			b->xls_sheets = xrealloc(b->xls_sheets, b->n_sheets * sizeof *b->xls_sheets);
			memset(&b->xls_sheets[b->n_sheets - 1], 0, sizeof *b->xls_sheets);
		} else if (t == 'S') {
			NEED(4);
			memcpy(u, in.data + p, 4);
			p += 4;
			if (u[0] >= b->n_sheets) {
				rc = -1;
				goto done;
			}
			cur = &b->xls_sheets[u[0]];
		} else if (t == 'X' || t == 'C') {
			NEED(8);
			memcpy(u, in.data + p, 8);
			p += 8;
			if (!cur) {
				rc = -1;
				goto done;
			}
			if (t == 'X') {
				cur->bad = 1;
				cur->bad_row = u[0];
				cur->bad_col = u[1];
				continue;
			}
			NEED(4);
			memcpy(&u[2], in.data + p, 4);
			p += 4;
			NEED(u[2]);
			if (cur->n == cur->cap) {
				cur->cap = cur->cap ? 2 * cur->cap : 64;
				cur->cells = xrealloc(cur->cells, cur->cap * sizeof *cur->cells);
			}
			cur->cells[cur->n].row = u[0];
			cur->cells[cur->n].col = u[1];
			cur->cells[cur->n].off = b->xls_text.len;
			cur->n++;
			buf_append(&b->xls_text, in.data + p, u[2]);
			buf_putc(&b->xls_text, '\0');
			p += u[2];
			if (b->xls_text.failed) {
				rc = -1;
				goto done;
			}
		} else {
			rc = -1;
			goto done;
		}
	}
#undef NEED
done:
	buf_free(&in);
	return rc;
}

static int xls_open(struct sheet_book *b, struct err *e)
{
	char tmp[64];
	const char *path = b->path;
	int rc, fds[2], status = 0, code = 0, bad;
	pid_t pid;

	if (!path) {
		if ((rc = xls_path(b, tmp, sizeof tmp, e)) < 0)
			return rc;
		path = tmp;
	}
	if (pipe2(fds, O_CLOEXEC) < 0)
		return err_set(e, ERR_INTERNAL, "%s: cannot start reading the .xls (%s)", b->name,
			       strerror(errno));
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return err_set(e, ERR_INTERNAL, "%s: cannot start reading the .xls (%s)", b->name,
			       strerror(errno));
	}
	if (pid == 0) {
		FILE *f;
		close(fds[0]);
		alarm(XLS_WAIT_MS / 1000);
		f = fdopen(fds[1], "wb");
		if (f) {
			xls_child(path, f);
			fflush(f);
		}
		_exit(f && !ferror(f) ? 0 : 1);
	}
	close(fds[1]);
	bad = xls_take(b, fds[0], &code) < 0;
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (code)
		return err_set(e, ERR_DATA, "%s: not a readable Excel .xls workbook (%s); open it in "
			       "the spreadsheet program and save it as .xlsx (or .csv)", b->name,
			       freexl_why(code));
	if (bad || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return err_set(e, ERR_DATA, "%s: not a readable Excel .xls workbook (it is damaged: "
			       "FreeXL could not read it); open it in the spreadsheet program and "
			       "save it as .xlsx (or .csv)", b->name);
	if (b->n_sheets == 0)
		return err_set(e, ERR_DATA, "%s: the .xls workbook has no sheet; save it again as "
			       ".xlsx and import that", b->name);
	return 0;
}

static int xls_select(struct sheet_book *b, struct err *e)
{
	const struct xls_sheet *xs = &b->xls_sheets[b->sel];
	if (xs->bad && xs->bad_row == 0)
		return fail_at(b, e, 0, -1, "FreeXL cannot read this sheet (the file is damaged); "
			       "save the workbook as .xlsx and import that");
	b->xls_r = 0;
	return 0;
}

/* The next row with values of the chosen .xls sheet into b->rb. */
static int xls_row(struct sheet_book *b, struct err *e)
{
	const struct xls_sheet *xs = &b->xls_sheets[b->sel];
	uint32_t row;

	if (b->xls_r >= xs->n) {
		if (xs->bad)
			return fail_at(b, e, (long)xs->bad_row, (long)xs->bad_col, "FreeXL cannot read "
				       "this cell (the file is damaged); save the workbook as .xlsx "
				       "and import that");
		return 0;
	}
	rb_reset(&b->rb);
	row = xs->cells[b->xls_r].row;
	while (b->xls_r < xs->n && xs->cells[b->xls_r].row == row) {
		const struct xls_cell *c = &xs->cells[b->xls_r++];
		const char *t = b->xls_text.data + c->off;
		size_t n = strlen(t);
		if (n > SHEET_MAX_CELL)
			return fail_at(b, e, (long)row, (long)c->col, "the cell holds more than %zu "
				       "MiB of text; shorten it", SHEET_MAX_CELL >> 20);
		if (c->col >= SHEET_MAX_COLS)
			continue;
		rb_add(&b->rb, (long)c->col, t, n);
	}
	b->last_row = (long)row;
	return 1;
}

/* ---------------------------------------------------------- .csv */

/* The file's name without folder and extension: a CSV file's one sheet. */
static char *csv_sheet_name(const char *name)
{
	const char *base = strrchr(name, '/'), *dot;
	base = base ? base + 1 : name;
	dot = strrchr(base, '.');
	if (!*base || dot == base)
		return xstrdup("Sheet1");
	return dot ? xstrndup(base, (size_t)(dot - base)) : xstrdup(base);
}

static int csv_start(struct sheet_book *b, struct err *e)
{
	csv_close(b->csv);
	b->csv = NULL;
	if (b->path)
		return csv_open_file(b->path, &b->csv, e);
	return csv_open_mem(b->data ? b->data : "", b->data ? b->len : 0, b->name, &b->csv, e);
}

static int csv_row(struct sheet_book *b, struct sheet_row *out, struct err *e)
{
	struct rowbuf *rb = &b->rb;
	for (;;) {
		size_t n, i;
		int rc = csv_next(b->csv, e);
		if (rc <= 0)
			return rc;
		n = csv_n_fields(b->csv);
		cells_room(rb, n);
		for (i = 0; i < n; i++) {
			const char *f = csv_field(b->csv, i);
			rb->cells[i] = f && !str_blank(f) ? f : NULL;
		}
		while (n > 0 && !rb->cells[n - 1])
			n--;
		if (n == 0)
			continue;
		out->row = csv_record_line(b->csv);
		out->n_cells = n;
		out->cells = rb->cells;
		return 1;
	}
}

/* ---------------------------------------------------------- the book */

static int has_ext(const char *name, const char *ext)
{
	size_t n = name ? strlen(name) : 0, k = strlen(ext);
	return n > k && str_eq_ci(name + n - k, ext);
}

/* What an open zip holds: an .xlsx workbook, an .ods spreadsheet, or
 * neither (a .docx, an OpenDocument text). */
static enum sheet_format zip_kind(zip_t *za)
{
	char why[200], *mime = NULL;
	size_t n;
	enum sheet_format f = SHEET_NONE;

	if (zpart(za, "xl/workbook.xml") >= 0)
		f = SHEET_XLSX;
	else if (zpart(za, "content.xml") >= 0 &&
		 zip_part_read(za, "mimetype", 1024, &mime, &n, why, sizeof why) == 0 &&
		 !strncmp(mime, ODS_MIME, strlen(ODS_MIME)))
		f = SHEET_ODS;
	free(mime);
	return f;
}

enum sheet_format sheet_sniff(const void *data, size_t len, const char *name)
{
	const unsigned char *p = data;

	if (len >= 8 && memcmp(p, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return SHEET_XLS;
	if (len >= 4 && p[0] == 'P' && p[1] == 'K' && ((p[2] == 3 && p[3] == 4) ||
						       (p[2] == 5 && p[3] == 6))) {
		char why[200];
		zip_t *za = zopen(data, len, NULL, why, sizeof why);
		if (za) {
			enum sheet_format f = zip_kind(za);
			zip_discard(za);
			if (f != SHEET_NONE)
				return f;
			if (has_ext(name, ".xlsx") || has_ext(name, ".xlsm") || has_ext(name, ".ods"))
				return has_ext(name, ".ods") ? SHEET_ODS : SHEET_XLSX;
			return SHEET_NONE;
		}
	}
	if (has_ext(name, ".xlsx") || has_ext(name, ".xlsm"))
		return SHEET_XLSX;
	if (has_ext(name, ".ods"))
		return SHEET_ODS;
	if (has_ext(name, ".xls"))
		return SHEET_XLS;
	if (has_ext(name, ".csv"))
		return SHEET_CSV;
	return SHEET_NONE;
}

/* What a file that is not the format its name says looks like. */
static const char *looks_like(const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;
	if (len == 0)
		return "it is empty";
	if (len >= 4 && p[0] == 'P' && p[1] == 'K')
		return NULL;
	if (len >= 8 && memcmp(p, "\xD0\xCF\x11\xE0", 4) == 0)
		return "it is an old binary Office file (.xls or .doc)";
	for (i = 0; i < len && i < 4096; i++)
		if (p[i] == 0)
			return "it is not a zip archive";
	return memchr(p, ',', len < 4096 ? len : 4096) ? "it is text, perhaps CSV"
						       : "it is text, not a zip archive";
}

static int book_open(struct sheet_book *b, enum sheet_format fmt, struct err *e)
{
	const char *other;

	if (fmt == SHEET_AUTO)
		fmt = sheet_sniff(b->data, b->len, b->name);
	b->fmt = fmt;
	b->sel = -1;
	switch (fmt) {
	case SHEET_XLSX:
	case SHEET_ODS:
		if (b->data && (other = looks_like(b->data, b->len)) != NULL)
			return err_set(e, ERR_DATA, "%s: not a readable %s spreadsheet: %s; open it "
				       "in the spreadsheet program and save it again as .%s, or "
				       "give it the name its content has (.csv for CSV text)",
				       b->name, fmt == SHEET_XLSX ? "Excel .xlsx" : "OpenDocument .ods",
				       other, sheet_format_name(fmt));
		return fmt == SHEET_XLSX ? xlsx_open(b, e) : ods_open(b, e);
	case SHEET_XLS:
		return xls_open(b, e);
	case SHEET_CSV:
		sheets_add(b, "", NULL);
		free(b->sheets[0]);
		b->sheets[0] = csv_sheet_name(b->name);
		return 0;
	default:
		return err_set(e, ERR_DATA, "%s: not a spreadsheet that can be read: use Excel "
			       ".xlsx, OpenDocument .ods, Excel 97-2003 .xls or .csv", b->name);
	}
}

int sheet_open_mem(const void *data, size_t len, const char *name, enum sheet_format fmt,
		   struct sheet_book **out, struct err *e)
{
	struct sheet_book *b = xcalloc(1, sizeof *b);
	struct xml_quiet q;
	int rc;

	*out = NULL;
	b->xls_fd = -1;
	b->name = xstrdup(name ? name : "input");
	b->data = data ? data : "";
	b->len = data ? len : 0;
	quiet_begin(&q);
	rc = book_open(b, fmt, e);
	quiet_end(&q);
	if (rc < 0) {
		sheet_close(b);
		return rc;
	}
	*out = b;
	return 0;
}

int sheet_open_file(const char *path, enum sheet_format fmt, struct sheet_book **out,
		    struct err *e)
{
	struct sheet_book *b;
	struct xml_quiet q;
	unsigned char head[4096];
	ssize_t got = 0;
	int rc, fd;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, ERR_IO, "cannot open %s: %s", path, strerror(errno));
	{
		struct stat st;
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			return err_set(e, ERR_IO, "cannot open %s: %s", path, strerror(EISDIR));
		}
	}
	do
		got = read(fd, head, sizeof head);
	while (got < 0 && errno == EINTR);
	close(fd);
	if (got < 0)
		return err_set(e, ERR_IO, "cannot read %s: %s", path, strerror(errno));
	b = xcalloc(1, sizeof *b);
	b->xls_fd = -1;
	b->name = xstrdup(path);
	b->path = xstrdup(path);
	if (fmt == SHEET_AUTO) {
		fmt = sheet_sniff(head, (size_t)got, path);
		/* a zip's parts are listed at its end: sniff the whole file */
		if (got >= 4 && head[0] == 'P' && head[1] == 'K') {
			zip_t *za;
			char why[200];
			if ((za = zopen(NULL, 0, path, why, sizeof why)) != NULL) {
				enum sheet_format f = zip_kind(za);
				if (f != SHEET_NONE)
					fmt = f;
				else if (!has_ext(path, ".xlsx") && !has_ext(path, ".xlsm") &&
					 !has_ext(path, ".ods"))
					fmt = SHEET_NONE;
				zip_discard(za);
			}
		}
	}
	if ((fmt == SHEET_XLSX || fmt == SHEET_ODS) && !(got >= 2 && head[0] == 'P' && head[1] == 'K')) {
		const char *other = looks_like(head, (size_t)got);
		rc = err_set(e, ERR_DATA, "%s: not a readable %s spreadsheet: %s; open it in the "
			     "spreadsheet program and save it again as .%s, or give it the name "
			     "its content has (.csv for CSV text)", path,
			     fmt == SHEET_XLSX ? "Excel .xlsx" : "OpenDocument .ods",
			     other ? other : "it is damaged", sheet_format_name(fmt));
		sheet_close(b);
		return rc;
	}
	quiet_begin(&q);
	rc = book_open(b, fmt, e);
	quiet_end(&q);
	if (rc < 0) {
		sheet_close(b);
		return rc;
	}
	*out = b;
	return 0;
}

enum sheet_format sheet_book_format(const struct sheet_book *b)
{
	return b->fmt;
}

size_t sheet_count(const struct sheet_book *b)
{
	return b->n_sheets;
}

const char *sheet_name(const struct sheet_book *b, size_t i)
{
	return i < b->n_sheets ? b->sheets[i] : NULL;
}

const char *sheet_selected(const struct sheet_book *b)
{
	return b->sel >= 0 ? b->sheets[b->sel] : NULL;
}

/* Compare a sheet name with what the user typed, ignoring ASCII case and
 * white space around both. */
static int name_matches(const char *sheet, const char *want)
{
	size_t a, w;
	while (isspace((unsigned char)*sheet))
		sheet++;
	while (isspace((unsigned char)*want))
		want++;
	a = strlen(sheet);
	w = strlen(want);
	while (a && isspace((unsigned char)sheet[a - 1]))
		a--;
	while (w && isspace((unsigned char)want[w - 1]))
		w--;
	return a == w && strncasecmp(sheet, want, a) == 0;
}

int sheet_select(struct sheet_book *b, const char *name, struct err *e)
{
	struct xml_quiet q;
	long i, sel = -1;
	int rc = 0;

	for (i = 0; name && i < (long)b->n_sheets && sel < 0; i++)
		if (name_matches(b->sheets[i], name))
			sel = i;
	if (!name)
		sel = 0;
	if (sel < 0) {
		struct buf list = BUF_INIT;
		size_t k;
		for (k = 0; k < b->n_sheets && k < 50; k++)
			buf_printf(&list, "%s'%s'", k ? ", " : "", b->sheets[k]);
		if (b->n_sheets > 50)
			buf_printf(&list, " and %zu more", b->n_sheets - 50);
		if (b->fmt == SHEET_CSV)
			rc = err_set(e, ERR_DATA, "%s: a CSV file has one sheet and no sheet names; "
				     "leave out the sheet name", b->name);
		else
			rc = err_set(e, ERR_DATA, "%s has no sheet named '%s'; its sheet%s %s: %s. "
				     "Name one of those", b->name, name,
				     b->n_sheets == 1 ? "" : "s", b->n_sheets == 1 ? "is" : "are",
				     buf_str(&list));
		buf_free(&list);
		return rc;
	}
	stream_close(b);
	merges_clear(b);
	b->sel = sel;
	b->done = 0;
	b->in_data = 0;
	b->last_row = 0;
	b->last_col = -1;
	b->repeat_left = 0;
	quiet_begin(&q);
	switch (b->fmt) {
	case SHEET_XLSX:
		rc = xlsx_merges(b, e);
		if (rc == 0)
			rc = stream_open(b, b->parts[sel], e);
		break;
	case SHEET_ODS:
		rc = stream_open(b, "content.xml", e);
		/* ods_row counts table elements down to this one */
		b->next_row = -1;
		break;
	case SHEET_XLS:
		rc = xls_select(b, e);
		break;
	case SHEET_CSV:
		rc = csv_start(b, e);
		break;
	default:
		rc = ERR_INTERNAL;
		break;
	}
	quiet_end(&q);
	if (rc < 0)
		b->done = 1;
	return rc;
}

int sheet_next(struct sheet_book *b, struct sheet_row *row, struct err *e)
{
	struct xml_quiet q;
	int rc;

	memset(row, 0, sizeof *row);
	if (b->sel < 0 || b->done)
		return 0;
	if (b->fmt == SHEET_CSV) {
		rc = csv_row(b, row, e);
		if (rc <= 0)
			b->done = 1;
		return rc;
	}
	quiet_begin(&q);
	for (;;) {
		if (b->fmt == SHEET_XLSX)
			rc = xlsx_row(b, e);
		else if (b->fmt == SHEET_ODS)
			rc = ods_row(b, e);
		else
			rc = xls_row(b, e);
		if (rc <= 0)
			break;
		if (b->rb.n == 0)
			continue;
		if ((rc = row_finish(b, b->last_row, row, e)) < 0)
			break;
		if (row->n_cells) {
			rc = 1;
			break;
		}
	}
	quiet_end(&q);
	if (rc <= 0) {
		b->done = 1;
		stream_close(b);
		memset(row, 0, sizeof *row);
	}
	return rc;
}

void sheet_close(struct sheet_book *b)
{
	size_t i;
	if (!b)
		return;
	stream_close(b);
	merges_clear(b);
	if (b->za)
		zip_discard(b->za);
	for (i = 0; b->xls_sheets && i < b->n_sheets; i++)
		free(b->xls_sheets[i].cells);
	free(b->xls_sheets);
	buf_free(&b->xls_text);
	if (b->xls_fd >= 0)
		close(b->xls_fd);
	csv_close(b->csv);
	for (i = 0; i < b->n_sheets; i++) {
		free(b->sheets[i]);
		free(b->parts[i]);
	}
	free(b->sheets);
	free(b->parts);
	buf_free(&b->sst);
	free(b->sst_off);
	free(b->xf);
	rb_free(&b->rb);
	free(b->name);
	free(b->path);
	free(b);
}
