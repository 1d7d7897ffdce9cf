/*
 * doc: turns the documents action plans actually live in — Markdown with
 * GFM pipe tables whose cells hold HTML fragments, HTML pages, Word .docx
 * files — into the flat list of text lines and tables described in doc.h.
 * The plan importer works on that list and never sees a file format.
 *
 * We parse with libraries rather than by hand because the formats are
 * bigger than they look: cmark-gfm (the reference GFM implementation, with
 * its "table" extension) decides exactly what GitHub decides is a table
 * row and a cell; libxml2's HTML parser recovers from the tag soup that
 * word processors export and decodes every entity; libzip and libxml2's
 * XML parser read the zipped WordprocessingML of a .docx.
 *
 * All three readers feed one builder. Text arrives in pieces (cmark text
 * nodes, libxml2 text nodes, w:t runs) and is collected into "paragraphs"
 * until a break (a <p>, <li>, <br>, a Markdown line end, a w:p) closes the
 * current one; each finished paragraph is squeezed (whitespace runs to one
 * space, trimmed) and dropped if empty. Outside tables the paragraphs
 * become DOC_TEXT blocks; inside a cell they become the cell's paragraphs.
 *
 * Everything is bounded, because imports come from users and this code is
 * fuzzed: input size, rows per table, cells per row, cells per document,
 * paragraphs per cell, blocks per document and element nesting all have
 * caps that end the read with ERR_DATA instead of exhausting memory.
 */
#include "plan/doc.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <zip.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/sheet.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "core/zipread.h"

/* Debian installs no header for the table extension's node types; these
 * are the variables libcmark-gfm-extensions exports for them, assigned when
 * cmark_gfm_core_extensions_ensure_registered() registers the extension. */
extern cmark_node_type CMARK_NODE_TABLE;
extern cmark_node_type CMARK_NODE_TABLE_ROW;
extern cmark_node_type CMARK_NODE_TABLE_CELL;

#define DOC_MAX_BYTES ((size_t)64 << 20) /* input file, document.xml */
#define DOC_MAX_ROWS 100000		 /* rows in one table */
#define DOC_MAX_CELLS 1000		 /* cells in one row */
#define DOC_MAX_CELLS_TOTAL 1000000	 /* cells in one document */
#define DOC_MAX_PARAS 100000		 /* paragraphs in one cell or run of text */
#define DOC_MAX_BLOCKS 1000000		 /* blocks in one document */
#define DOC_MAX_DEPTH 512		 /* element nesting in HTML and Word */
#define DOC_MAX_ROWSPAN 65534		 /* HTML's own limit for rowspan */
#define DOC_MAX_CELL CSV_MAX_FIELD	 /* bytes in one cell or paragraph (1 MiB) */

static const char *const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char *const W_NS_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main";

/* ---------------------------------------------------------------- arrays */

/* Make room for element n of an array whose capacity is the smallest power
 * of two >= n (at least 4), growing it as n reaches that capacity. The
 * caller keeps n below its cap, so the multiplication cannot overflow. */
static void *grow(void *p, size_t n, size_t size)
{
	if (n == 0)
		return xrealloc(p, 4 * size);
	if (n >= 4 && (n & (n - 1)) == 0)
		return xrealloc(p, 2 * n * size);
	return p;
}

/* 1 when s[0..n) holds a byte other than ASCII whitespace and U+00A0. */
static int has_ink(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			continue;
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
			i++;
			continue;
		}
		return 1;
	}
	return 0;
}

/* ------------------------------------------------------------ paragraphs */

/* Paragraphs collected from a stretch of text: pieces are appended to
 * `cur` until a break closes it into `texts`. */
struct paras {
	struct buf cur;	 /* paragraph being built, raw (not yet squeezed) */
	int ink;	 /* cur holds something besides whitespace */
	int cur_line;	 /* line where cur's first visible text began */
	char **texts;	 /* finished paragraphs: squeezed, trimmed, not empty */
	int *lines;	 /* source line of each finished paragraph (0 unknown) */
	size_t n;	 /* count of texts and of lines */
	int full;	 /* a cap was hit (too many paragraphs or bytes) */
};

static void paras_init(struct paras *p)
{
	memset(p, 0, sizeof *p);
	p->cur.max = DOC_MAX_BYTES;
}

/* Append n bytes of text seen at `line`. Whitespace before the first
 * visible character is dropped right away (it would be trimmed anyway). */
static void paras_text(struct paras *p, const char *s, size_t n, int line)
{
	if (n == 0 || p->full)
		return;
	if (!p->ink) {
		if (!has_ink(s, n))
			return;
		p->ink = 1;
		p->cur_line = line;
	}
	buf_append(&p->cur, s, n);
}

static void paras_puts(struct paras *p, const char *s, int line)
{
	paras_text(p, s, strlen(s), line);
}

/* Close the current paragraph: squeeze it and keep it unless empty. */
static void paras_break(struct paras *p)
{
	char *t;

	if (!p->ink) {
		buf_reset(&p->cur);
		return;
	}
	p->ink = 0;
	if (p->cur.failed)
		p->full = 1;
	t = buf_take(&p->cur);
	if (p->full || p->n >= DOC_MAX_PARAS) {
		p->full = 1;
		free(t);
		return;
	}
	str_squeeze(t);
	if (!*t) {
		free(t);
		return;
	}
	p->texts = grow(p->texts, p->n, sizeof *p->texts);
	p->lines = grow(p->lines, p->n, sizeof *p->lines);
	p->texts[p->n] = t;
	p->lines[p->n] = p->cur_line;
	p->n++;
}

/* Free the finished paragraphs still held and the current one. */
static void paras_free(struct paras *p)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		free(p->texts[i]);
	free(p->texts);
	free(p->lines);
	buf_free(&p->cur);
	memset(p, 0, sizeof *p);
	p->cur.max = DOC_MAX_BYTES;
}

/* --------------------------------------------------------------- builder */

/* The doc being read, plus what every reader needs to report errors. */
struct builder {
	struct doc *d;	    /* the result; freed by bld_finish on error */
	const char *name;   /* file name for messages */
	struct err *e;	    /* where the first error goes */
	int rc;		    /* first error code, 0 while all is well */
	size_t n_cells;	    /* cells in the whole document so far */
	struct paras flow;  /* body text waiting to become DOC_TEXT blocks */
};

static void bld_init(struct builder *b, const char *name, struct err *e)
{
	memset(b, 0, sizeof *b);
	b->d = xcalloc(1, sizeof *b->d);
	b->name = name ? name : "(input)";
	b->e = e;
	paras_init(&b->flow);
}

/* Record a data error "NAME:LINE: what" (LINE left out when 0). */
static void bld_fail(struct builder *b, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void bld_fail(struct builder *b, int line, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	if (b->rc)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		err_set(b->e, ERR_DATA, "%s:%d: %s", b->name, line, msg);
	else
		err_set(b->e, ERR_DATA, "%s: %s", b->name, msg);
	b->rc = ERR_DATA;
}

/* A new zeroed block at the end of the doc, or NULL after an error. */
static struct doc_block *bld_block(struct builder *b, int line)
{
	struct doc *d = b->d;
	struct doc_block *blk;

	if (b->rc)
		return NULL;
	if (d->n_blocks >= DOC_MAX_BLOCKS) {
		bld_fail(b, line, "more than %d lines and tables; split the document",
			 DOC_MAX_BLOCKS);
		return NULL;
	}
	d->blocks = grow(d->blocks, d->n_blocks, sizeof *d->blocks);
	blk = &d->blocks[d->n_blocks++];
	memset(blk, 0, sizeof *blk);
	blk->line = line;
	return blk;
}

/* Close the body text collected so far and turn each of its paragraphs
 * into a DOC_TEXT block with the given heading level. */
static void bld_flush(struct builder *b, int heading)
{
	struct paras *p = &b->flow;
	size_t i;

	paras_break(p);
	if (p->full)
		bld_fail(b, p->cur_line, "a paragraph has more than %d lines or is too long",
			 DOC_MAX_PARAS);
	for (i = 0; i < p->n; i++) {
		struct doc_block *blk = bld_block(b, p->lines[i]);
		if (!blk) {
			free(p->texts[i]);
			continue;
		}
		blk->kind = DOC_TEXT;
		blk->text = p->texts[i];
		blk->heading = heading;
	}
	p->n = 0;
}

/* Start a table block (after flushing pending text). Returns its index in
 * the doc's blocks, or SIZE_MAX after an error. Nothing else may add blocks
 * until bld_table_end. */
static size_t bld_table_begin(struct builder *b, int line)
{
	struct doc_block *blk;

	bld_flush(b, 0);
	blk = bld_block(b, line);
	if (!blk)
		return SIZE_MAX;
	blk->kind = DOC_TABLE;
	return b->d->n_blocks - 1;
}

/* Finish a table: a table without rows is removed again. */
static void bld_table_end(struct builder *b, size_t idx)
{
	struct doc *d = b->d;

	if (idx == SIZE_MAX || b->rc)
		return;
	assert(idx + 1 == d->n_blocks);
	if (d->blocks[idx].table.n_rows == 0) {
		free(d->blocks[idx].table.rows);
		d->n_blocks--;
	}
}

/* Append a row to t, or NULL after an error. */
static struct doc_row *tbl_row(struct builder *b, struct doc_table *t, int line)
{
	struct doc_row *r;

	if (b->rc)
		return NULL;
	if (t->n_rows >= DOC_MAX_ROWS) {
		bld_fail(b, line, "a table has more than %d rows; split it into smaller tables",
			 DOC_MAX_ROWS);
		return NULL;
	}
	t->rows = grow(t->rows, t->n_rows, sizeof *t->rows);
	r = &t->rows[t->n_rows++];
	memset(r, 0, sizeof *r);
	r->line = line;
	return r;
}

/* Append an empty cell to r, or NULL after an error. */
static struct doc_cell *tbl_cell(struct builder *b, struct doc_row *r)
{
	struct doc_cell *c;

	if (b->rc)
		return NULL;
	if (r->n_cells >= DOC_MAX_CELLS) {
		bld_fail(b, r->line, "a table row has more than %d cells", DOC_MAX_CELLS);
		return NULL;
	}
	if (b->n_cells >= DOC_MAX_CELLS_TOTAL) {
		bld_fail(b, r->line, "the tables have more than %d cells in all; split the document",
			 DOC_MAX_CELLS_TOTAL);
		return NULL;
	}
	b->n_cells++;
	r->cells = grow(r->cells, r->n_cells, sizeof *r->cells);
	c = &r->cells[r->n_cells++];
	memset(c, 0, sizeof *c);
	return c;
}

/* Drop the last row of t when it has no cells (formatting-only rows). */
static void tbl_drop_empty_row(struct doc_table *t)
{
	if (t->n_rows && t->rows[t->n_rows - 1].n_cells == 0) {
		free(t->rows[t->n_rows - 1].cells);
		t->n_rows--;
	}
}

/* Close p's current paragraph and move all its paragraphs into cell c. */
static void cell_take(struct builder *b, struct doc_cell *c, struct paras *p, int line)
{
	paras_break(p);
	if (p->full) {
		bld_fail(b, line, "a table cell has more than %d paragraphs or is too long",
			 DOC_MAX_PARAS);
		paras_free(p);
		return;
	}
	if (p->n) {
		c->paras = p->texts;
		c->n_paras = p->n;
		p->texts = NULL;
	}
	free(p->texts);
	free(p->lines);
	p->texts = NULL;
	p->lines = NULL;
	p->n = 0;
}

/* Bytes of text in n paragraphs, a line end counted between two. */
static size_t paras_bytes(char *const *paras, size_t n)
{
	size_t i, total = n ? n - 1 : 0;
	for (i = 0; i < n; i++)
		total += strlen(paras[i]);
	return total;
}

/* A table cell or a paragraph of text may hold at most DOC_MAX_CELL bytes,
 * the cap of a CSV field: an action plan's cell is a few sentences, and a
 * 30 MB cell (issue 13, finding 14) is a mistake or an attack that would
 * otherwise go into the database and every page that shows the plan. The
 * first one over it is an error naming the table, row and column (with
 * its header when the table has one) and the line when the format has
 * lines. */
static void bld_check_sizes(struct builder *b)
{
	const struct doc *d = b->d;
	size_t i, r, c, n_tables = 0;

	for (i = 0; i < d->n_blocks && !b->rc; i++) {
		const struct doc_block *blk = &d->blocks[i];
		const struct doc_table *t = &blk->table;
		if (blk->kind == DOC_TEXT) {
			size_t n = strlen(blk->text);
			if (n > DOC_MAX_CELL)
				bld_fail(b, blk->line,
					 "a paragraph holds %.1f MiB of text; a paragraph or table "
					 "cell may hold at most %zu MiB. Shorten it, then import "
					 "again", (double)n / (1 << 20), DOC_MAX_CELL >> 20);
			continue;
		}
		n_tables++;
		for (r = 0; r < t->n_rows && !b->rc; r++) {
			const struct doc_row *row = &t->rows[r];
			for (c = 0; c < row->n_cells && !b->rc; c++) {
				const struct doc_cell *cell = &row->cells[c];
				size_t n = paras_bytes(cell->paras, cell->n_paras);
				const char *head = NULL;
				if (n <= DOC_MAX_CELL)
					continue;
				if (t->has_header && r > 0 && c < t->rows[0].n_cells &&
				    t->rows[0].cells[c].n_paras == 1 &&
				    strlen(t->rows[0].cells[c].paras[0]) <= 40)
					head = t->rows[0].cells[c].paras[0];
				bld_fail(b, row->line,
					 "table %zu, row %zu, column %zu%s%s%s: the cell holds %.1f MiB "
					 "of text; a table cell may hold at most %zu MiB (as a CSV "
					 "field). Shorten it or split it across rows, then import "
					 "again",
					 n_tables, r + 1, c + 1, head ? " (" : "", head ? head : "",
					 head ? ")" : "", (double)n / (1 << 20), DOC_MAX_CELL >> 20);
			}
		}
	}
}

/* Hand the doc over (0) or free it and return the error code. */
static int bld_finish(struct builder *b, struct doc **out)
{
	bld_flush(b, 0);
	paras_free(&b->flow);
	if (!b->rc)
		bld_check_sizes(b);
	if (b->rc) {
		doc_free(b->d);
		b->d = NULL;
		return b->rc;
	}
	*out = b->d;
	b->d = NULL;
	return 0;
}

void doc_free(struct doc *d)
{
	size_t i, r, c, k;

	if (!d)
		return;
	for (i = 0; i < d->n_blocks; i++) {
		struct doc_block *blk = &d->blocks[i];
		free(blk->text);
		for (r = 0; r < blk->table.n_rows; r++) {
			struct doc_row *row = &blk->table.rows[r];
			for (c = 0; c < row->n_cells; c++) {
				for (k = 0; k < row->cells[c].n_paras; k++)
					free(row->cells[c].paras[k]);
				free(row->cells[c].paras);
			}
			free(row->cells);
		}
		free(blk->table.rows);
	}
	free(d->blocks);
	free(d);
}

/* ------------------------------------------------------------ plain text */

static int line_at(const char *data, size_t off)
{
	size_t i;
	int line = 1;
	for (i = 0; i < off; i++)
		if (data[i] == '\n' && line < INT_MAX)
			line++;
	return line;
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when invalid
 * (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

/* Check that text input is UTF-8 without NUL bytes; on success *skip is
 * the length of a leading UTF-8 byte order mark (0 or 3). */
static int text_check(const char *data, size_t len, const char *name, size_t *skip,
		      struct err *e)
{
	const unsigned char *s = (const unsigned char *)data;
	const char *nul;
	size_t i = 0, n;

	if (!name)
		name = "(input)";
	*skip = 0;
	if (len > DOC_MAX_BYTES)
		return err_set(e, ERR_DATA, "%s is larger than %zu MiB; split the document",
			       name, DOC_MAX_BYTES >> 20);
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return err_set(e, ERR_DATA,
			       "%s is UTF-16 text; save it again as UTF-8 (\"Unicode (UTF-8)\" "
			       "in the Save As dialog)", name);
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = *skip = 3;
	/* A NUL anywhere means a binary file, whatever comes before it. */
	nul = memchr(data, 0, len);
	if (nul) {
		size_t at = (size_t)(nul - data);
		return err_set(e, ERR_DATA,
			       "%s:%d: NUL byte at byte offset %zu; this is a binary file, "
			       "not Markdown or HTML text; give a .md, .html or .docx "
			       "export of the plan", name, line_at(data, at), at);
	}
	while (i < len) {
		n = utf8_seq(s + i, len - i);
		if (n == 0)
			return err_set(e, ERR_DATA,
				       "%s:%d: invalid UTF-8 at byte offset %zu; save the file "
				       "as UTF-8 text", name, line_at(data, i), i);
		i += n;
	}
	return 0;
}

/* ------------------------------------------------------------ libxml2 */

/* libxml2 reports a few errors (encoding conversion, I/O) through its
 * generic handler, which prints to stderr even with XML_PARSE_NOERROR, and
 * library code must not print. The handler is per thread in libxml2, so
 * each parse silences it and puts the caller's handler back afterwards. */
struct xml_quiet {
	xmlGenericErrorFunc func; /* the handler to restore */
	void *ctx;		  /* its context */
};

static void xml_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void xml_quiet_begin(struct xml_quiet *q)
{
	xmlInitParser();
	q->func = xmlGenericError;
	q->ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, xml_silent);
}

static void xml_quiet_end(const struct xml_quiet *q)
{
	xmlSetGenericErrorFunc(q->ctx, q->func);
}

/* -------------------------------------------------------------- HTML */

static int name_in(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

/* Elements whose content is never document text. */
static const char *const html_skipped[] = {
	"head", "script", "style", "template", "title", "noscript", "svg", "math",
	"object", "iframe", "select", NULL,
};

/* Elements that start and end a paragraph (libxml2 lowercases names). */
static const char *const html_blocks[] = {
	"address", "article", "aside", "blockquote", "body", "caption", "center",
	"dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
	"figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
	"h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu",
	"nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
	"tfoot", "th", "thead", "tr", "ul", NULL,
};

/* Heading level of an element name h1..h6, else 0. */
static int html_heading(const char *name)
{
	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
		return name[1] - '0';
	return 0;
}

/* Source line of n plus line_off. libxml2 2.9's HTML parser stores lines
 * in 16 bits and saturates at 65535 (XML_PARSE_BIG_LINES is not honoured
 * there), so that value means "somewhere past it": unknown, 0. */
static int html_line(const xmlNode *n, int line_off, int fallback)
{
	long l = xmlGetLineNo(n);
	if (l >= 65535)
		return 0;
	if (l <= 0)
		return fallback;
	if (l > INT_MAX - line_off)
		return INT_MAX;
	return (int)l + line_off;
}

static void xml_text(struct paras *p, const xmlNode *n, int line)
{
	if (n->content)
		paras_puts(p, (const char *)n->content, line);
}

/* Everything under `parent` as paragraphs of one table cell: block
 * elements, <br> and the rows and cells of nested tables all break. */
static void html_cell(struct builder *b, struct paras *p, const xmlNode *parent, int depth,
		      int line_off, int line)
{
	const xmlNode *c;

	if (depth > DOC_MAX_DEPTH) {
		bld_fail(b, line, "HTML elements nested more than %d deep", DOC_MAX_DEPTH);
		return;
	}
	for (c = parent->children; c && !b->rc; c = c->next) {
		const char *name = (const char *)c->name;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			xml_text(p, c, line);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || !name || name_in(name, html_skipped))
			continue;
		if (strcmp(name, "br") == 0) {
			paras_break(p);
		} else if (name_in(name, html_blocks)) {
			paras_break(p);
			html_cell(b, p, c, depth + 1, line_off, html_line(c, line_off, line));
			paras_break(p);
		} else {
			html_cell(b, p, c, depth + 1, line_off, line);
		}
	}
}

/* Integer attribute in [1, hi], 1 when absent or out of range. */
static int html_span(const xmlNode *n, const char *attr, int hi)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	long x;
	int r = 1;
	if (v) {
		char *s = str_trim((char *)v);
		if (str_to_int(s, 1, hi, &x) == 0)
			r = (int)x;
		xmlFree(v);
	}
	return r;
}

/* State of one HTML table while its rows are read. */
struct html_table {
	size_t idx;		      /* block index of the table */
	int pend[DOC_MAX_CELLS];      /* rows still covered by a rowspan, per column */
	int pend_hi;		      /* columns [0, pend_hi) may have pend > 0 */
};

static struct doc_table *html_tbl(struct builder *b, struct html_table *ht)
{
	return &b->d->blocks[ht->idx].table;
}

/* Add an empty cell standing for a column covered by a rowspan above. */
static int html_fill_pending(struct builder *b, struct html_table *ht, struct doc_row *r,
			     size_t *col)
{
	while (*col < (size_t)ht->pend_hi && ht->pend[*col] > 0 && !b->rc) {
		if (!tbl_cell(b, r))
			return -1;
		ht->pend[*col]--;
		(*col)++;
	}
	return b->rc ? -1 : 0;
}

/* End of a row: every column still covered by a rowspan gets an empty
 * cell, and so does any gap before it, so the columns stay aligned. */
static void html_fill_trailing(struct builder *b, struct html_table *ht, struct doc_row *r,
			       size_t col)
{
	size_t k, last = col;

	for (k = col; k < (size_t)ht->pend_hi; k++)
		if (ht->pend[k] > 0)
			last = k + 1;
	for (; col < last && !b->rc; col++) {
		if (!tbl_cell(b, r))
			return;
		if (ht->pend[col] > 0)
			ht->pend[col]--;
	}
}

static void html_row(struct builder *b, struct html_table *ht, const xmlNode *tr,
		     int in_thead, int depth, int line_off)
{
	int line = html_line(tr, line_off, 0);
	struct doc_table *t = html_tbl(b, ht);
	struct doc_row *r = tbl_row(b, t, line);
	const xmlNode *c;
	size_t col = 0, n_th = 0, n_real = 0;
	struct paras p;
	int k;

	if (!r)
		return;
	paras_init(&p);
	for (c = tr->children; c && !b->rc; c = c->next) {
		const char *name = (const char *)c->name;
		int colspan, rowspan;
		struct doc_cell *cell;

		if (c->type != XML_ELEMENT_NODE || !name ||
		    (strcmp(name, "td") != 0 && strcmp(name, "th") != 0))
			continue;
		if (html_fill_pending(b, ht, r, &col) < 0)
			break;
		cell = tbl_cell(b, r);
		if (!cell)
			break;
		n_real++;
		if (name[1] == 'h')
			n_th++;
		html_cell(b, &p, c, depth + 1, line_off, html_line(c, line_off, line));
		cell_take(b, cell, &p, line);
		colspan = html_span(c, "colspan", DOC_MAX_CELLS);
		rowspan = html_span(c, "rowspan", DOC_MAX_ROWSPAN);
		for (k = 0; k < colspan && !b->rc; k++) {
			if (k > 0 && !tbl_cell(b, r))
				break;
			if (col < DOC_MAX_CELLS) {
				if (rowspan - 1 > ht->pend[col])
					ht->pend[col] = rowspan - 1;
				if (rowspan > 1 && (int)col + 1 > ht->pend_hi)
					ht->pend_hi = (int)col + 1;
			}
			col++;
		}
	}
	if (!b->rc)
		html_fill_trailing(b, ht, r, col);
	paras_free(&p);
	if (b->rc)
		return;
	if (r->n_cells == 0) {
		tbl_drop_empty_row(t);
		return;
	}
	if (t->n_rows == 1)
		t->has_header = in_thead || (n_real > 0 && n_th == n_real);
}

/* Rows of a table: tr children, also inside thead/tbody/tfoot or other
 * wrappers, but not inside a nested table. */
static void html_rows(struct builder *b, struct html_table *ht, const xmlNode *parent,
		      int in_thead, int depth, int line_off)
{
	const xmlNode *c;

	if (depth > DOC_MAX_DEPTH) {
		bld_fail(b, html_line(parent, line_off, 0), "HTML elements nested more than %d deep",
			 DOC_MAX_DEPTH);
		return;
	}
	for (c = parent->children; c && !b->rc; c = c->next) {
		const char *name = (const char *)c->name;
		if (c->type != XML_ELEMENT_NODE || !name)
			continue;
		if (strcmp(name, "tr") == 0)
			html_row(b, ht, c, in_thead, depth + 1, line_off);
		else if (strcmp(name, "table") != 0 && strcmp(name, "caption") != 0 &&
			 !name_in(name, html_skipped))
			html_rows(b, ht, c, in_thead || strcmp(name, "thead") == 0, depth + 1,
				  line_off);
	}
}

static void html_flow(struct builder *b, const xmlNode *parent, int depth, int line_off,
		      int line);

static void html_table(struct builder *b, const xmlNode *tbl, int depth, int line_off)
{
	struct html_table *ht;
	const xmlNode *c;
	int line = html_line(tbl, line_off, 0);

	/* A caption is the table's title: it comes out as text before it. */
	for (c = tbl->children; c && !b->rc; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->name &&
		    strcmp((const char *)c->name, "caption") == 0) {
			html_flow(b, c, depth + 1, line_off, line);
			bld_flush(b, 0);
		}
	ht = xcalloc(1, sizeof *ht);
	ht->idx = bld_table_begin(b, line);
	if (ht->idx != SIZE_MAX)
		html_rows(b, ht, tbl, 0, depth + 1, line_off);
	bld_table_end(b, ht->idx);
	free(ht);
}

/* Body content outside tables: text collects in b->flow; block elements
 * and <br> break it; headings and tables flush it. */
static void html_flow(struct builder *b, const xmlNode *parent, int depth, int line_off,
		      int line)
{
	const xmlNode *c;

	if (depth > DOC_MAX_DEPTH) {
		bld_fail(b, line, "HTML elements nested more than %d deep", DOC_MAX_DEPTH);
		return;
	}
	for (c = parent->children; c && !b->rc; c = c->next) {
		const char *name = (const char *)c->name;
		int level;

		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			xml_text(&b->flow, c, line);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || !name || name_in(name, html_skipped))
			continue;
		if (strcmp(name, "table") == 0) {
			html_table(b, c, depth + 1, line_off);
		} else if ((level = html_heading(name)) > 0) {
			bld_flush(b, 0);
			html_flow(b, c, depth + 1, line_off, html_line(c, line_off, line));
			bld_flush(b, level);
		} else if (strcmp(name, "br") == 0) {
			paras_break(&b->flow);
		} else if (name_in(name, html_blocks)) {
			paras_break(&b->flow);
			html_flow(b, c, depth + 1, line_off, html_line(c, line_off, line));
			paras_break(&b->flow);
		} else {
			html_flow(b, c, depth + 1, line_off, line);
		}
	}
}

/* Parse HTML text (already checked to be UTF-8) and append its blocks to
 * b; line_off is added to libxml2's line numbers (for HTML blocks found
 * inside Markdown). */
static void html_into(struct builder *b, const char *data, size_t len, int line_off)
{
	htmlParserCtxtPtr ctxt;
	htmlDocPtr hdoc;
	const xmlNode *root;
	xmlErrorPtr xe;
	struct xml_quiet q;

	if (len == 0 || len > INT_MAX || b->rc)
		return;
	xml_quiet_begin(&q);
	ctxt = htmlNewParserCtxt();
	if (!ctxt) {
		xml_quiet_end(&q);
		bld_fail(b, 0, "out of memory parsing HTML");
		return;
	}
	hdoc = htmlCtxtReadMemory(ctxt, data, (int)len, NULL, "UTF-8",
				  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
					  HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
	xml_quiet_end(&q);
	/* Past 256 levels libxml2 halts and drops the rest of the document;
	 * say so rather than lose text quietly. Other errors are tag soup
	 * it recovered from. */
	xe = xmlCtxtGetLastError(ctxt);
	if (xe && xe->code == XML_ERR_INTERNAL_ERROR && xe->message &&
	    strstr(xe->message, "depth"))
		bld_fail(b, xe->line > 0 ? xe->line + line_off : 0,
			 "HTML elements nested more than %d deep; simplify the document",
			 (int)xmlParserMaxDepth);
	htmlFreeParserCtxt(ctxt);
	if (!hdoc)
		return;
	if (b->rc) {
		xmlFreeDoc(hdoc);
		return;
	}
	root = xmlDocGetRootElement(hdoc);
	if (root) {
		/* Treat the root like any other element: walk a list of one. */
		const xmlNode *c;
		for (c = hdoc->children; c && !b->rc; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			paras_break(&b->flow);
			html_flow(b, c, 1, line_off, html_line(c, line_off, 0));
			paras_break(&b->flow);
		}
	}
	bld_flush(b, 0);
	xmlFreeDoc(hdoc);
}

int doc_read_html(const char *data, size_t len, const char *name, struct doc **out,
		  struct err *e)
{
	struct builder b;
	size_t skip;
	int rc;

	*out = NULL;
	rc = text_check(data, len, name, &skip, e);
	if (rc)
		return rc;
	bld_init(&b, name, e);
	html_into(&b, data + skip, len - skip, 0);
	return bld_finish(&b, out);
}

/* ------------------------------------------------------------ Markdown */

/* Break-making tag names inside Markdown inline HTML. */
static const char *const md_break_tags[] = {
	"p", "li", "ul", "ol", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6",
	"table", "tr", "td", "th", "blockquote", "hr", "dl", "dt", "dd", NULL,
};

/* 1 when an inline HTML literal opens or closes one of md_break_tags
 * (<p>, </p>, <ul style="...">, <br/> ...); comments and other tags 0. */
static int md_tag_breaks(const char *lit)
{
	char tag[16];
	size_t n = 0;

	if (!lit || *lit++ != '<')
		return 0;
	if (*lit == '/')
		lit++;
	while (isalnum((unsigned char)*lit) && n < sizeof tag - 1)
		tag[n++] = (char)tolower((unsigned char)*lit++);
	if (n == 0 || isalnum((unsigned char)*lit))
		return 0;
	tag[n] = '\0';
	return name_in(tag, md_break_tags);
}

/* How soft and hard line breaks are read. */
enum md_mode {
	MD_LINES, /* paragraphs: every source line is a paragraph of its own */
	MD_SPACE, /* headings: line breaks are spaces */
	MD_CELL,  /* table cells: soft breaks are spaces, hard breaks break */
};

/* Collect the inline content under node into p. */
static void md_inlines(struct paras *p, cmark_node *node, enum md_mode mode, int line)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		int l = cmark_node_get_start_line(n);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (l <= 0)
			l = line;
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			const char *lit = cmark_node_get_literal(n);
			if (lit)
				paras_puts(p, lit, l);
		} else if (t == CMARK_NODE_SOFTBREAK) {
			if (mode == MD_LINES)
				paras_break(p);
			else
				paras_text(p, " ", 1, l);
		} else if (t == CMARK_NODE_LINEBREAK) {
			if (mode == MD_SPACE)
				paras_text(p, " ", 1, l);
			else
				paras_break(p);
		} else if (t == CMARK_NODE_HTML_INLINE) {
			if (md_tag_breaks(cmark_node_get_literal(n)))
				paras_break(p);
		}
	}
	cmark_iter_free(it);
}

static void md_table(struct builder *b, cmark_node *table)
{
	size_t idx = bld_table_begin(b, cmark_node_get_start_line(table));
	cmark_node *row, *cell;
	struct paras p;

	if (idx == SIZE_MAX)
		return;
	paras_init(&p);
	for (row = cmark_node_first_child(table); row && !b->rc; row = cmark_node_next(row)) {
		struct doc_table *t = &b->d->blocks[idx].table;
		int line = cmark_node_get_start_line(row);
		struct doc_row *r;

		if (cmark_node_get_type(row) != CMARK_NODE_TABLE_ROW)
			continue;
		r = tbl_row(b, t, line);
		if (!r)
			break;
		if (t->n_rows == 1 && cmark_gfm_extensions_get_table_row_is_header(row))
			t->has_header = 1;
		for (cell = cmark_node_first_child(row); cell && !b->rc;
		     cell = cmark_node_next(cell)) {
			struct doc_cell *c;
			if (cmark_node_get_type(cell) != CMARK_NODE_TABLE_CELL)
				continue;
			c = tbl_cell(b, r);
			if (!c)
				break;
			md_inlines(&p, cell, MD_CELL, line);
			cell_take(b, c, &p, line);
		}
	}
	paras_free(&p);
	bld_table_end(b, idx);
}

/* Code block: each line of its text is a DOC_TEXT. */
static void md_code(struct builder *b, cmark_node *node)
{
	const char *s = cmark_node_get_literal(node);
	int line = cmark_node_get_start_line(node);
	int len = 0, off = 0;
	char fc = 0;

	/* A fenced block starts at its fence line; its text one line on. */
	if (cmark_node_get_fenced(node, &len, &off, &fc) && len > 0)
		line++;
	while (s && *s && !b->rc) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		paras_text(&b->flow, s, n, line);
		paras_break(&b->flow);
		line++;
		s += n + (nl ? 1 : 0);
	}
	bld_flush(b, 0);
}

/* Upper bound on the cells cmark-gfm will build: it pads every row of a
 * table to the column count of its delimiter row, so a wide header over
 * many short lines is cheap to write and costly to parse. Counts, for
 * each line that looks like a delimiter row, its columns times the lines
 * up to the next blank line. */
static size_t md_cell_estimate(const char *s, size_t len)
{
	size_t i = 0, total = 0, cols = 0;

	while (i < len) {
		size_t start = i, pipes = 0, dashes = 0, other = 0;
		while (i < len && s[i] != '\n') {
			char c = s[i++];
			if (c == '|')
				pipes++;
			else if (c == '-')
				dashes++;
			else if (c != ':' && c != ' ' && c != '\t' && c != '>' && c != '\r')
				other++;
		}
		i++;
		if (!has_ink(s + start, i - 1 - start)) {
			cols = 0;
		} else if (pipes && dashes && !other) {
			cols = pipes + 1;
		} else if (cols) {
			total += cols;
			if (total > DOC_MAX_CELLS_TOTAL)
				return total;
		}
	}
	return total;
}

int doc_read_markdown(const char *data, size_t len, const char *name, struct doc **out,
		      struct err *e)
{
	struct builder b;
	cmark_syntax_extension *table_ext;
	cmark_parser *parser;
	cmark_node *root, *node;
	cmark_iter *it;
	cmark_event_type ev;
	size_t skip;
	int rc;

	*out = NULL;
	rc = text_check(data, len, name, &skip, e);
	if (rc)
		return rc;
	bld_init(&b, name, e);
	if (md_cell_estimate(data + skip, len - skip) > DOC_MAX_CELLS_TOTAL) {
		bld_fail(&b, 0, "the tables have more than %d cells in all; split the document",
			 DOC_MAX_CELLS_TOTAL);
		return bld_finish(&b, out);
	}
	cmark_gfm_core_extensions_ensure_registered();
	parser = cmark_parser_new(CMARK_OPT_VALIDATE_UTF8);
	table_ext = cmark_find_syntax_extension("table");
	if (table_ext)
		cmark_parser_attach_syntax_extension(parser, table_ext);
	cmark_parser_feed(parser, data + skip, len - skip);
	root = cmark_parser_finish(parser);
	cmark_parser_free(parser);

	it = cmark_iter_new(root);
	while (!b.rc && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node_type t;
		int line;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		node = cmark_iter_get_node(it);
		t = cmark_node_get_type(node);
		line = cmark_node_get_start_line(node);
		if (t == CMARK_NODE_TABLE) {
			md_table(&b, node);
		} else if (t == CMARK_NODE_PARAGRAPH) {
			md_inlines(&b.flow, node, MD_LINES, line);
			bld_flush(&b, 0);
		} else if (t == CMARK_NODE_HEADING) {
			md_inlines(&b.flow, node, MD_SPACE, line);
			bld_flush(&b, cmark_node_get_heading_level(node));
		} else if (t == CMARK_NODE_CODE_BLOCK) {
			md_code(&b, node);
		} else if (t == CMARK_NODE_HTML_BLOCK) {
			const char *lit = cmark_node_get_literal(node);
			bld_flush(&b, 0);
			if (lit)
				html_into(&b, lit, strlen(lit), line > 0 ? line - 1 : 0);
		} else {
			continue; /* containers: document, lists, items, quotes */
		}
		/* The node is done: carry on after it, not inside it. */
		cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
	cmark_node_free(root);
	return bld_finish(&b, out);
}

/* ------------------------------------------------------------ Word .docx */

/* 1 when n is an element of the WordprocessingML namespace named local. */
static int w_is(const xmlNode *n, const char *local)
{
	const char *href;

	if (n->type != XML_ELEMENT_NODE || !n->ns || !n->ns->href || !n->name)
		return 0;
	href = (const char *)n->ns->href;
	if (strcmp(href, W_NS) != 0 && strcmp(href, W_NS_STRICT) != 0)
		return 0;
	return strcmp((const char *)n->name, local) == 0;
}

static const xmlNode *w_child(const xmlNode *n, const char *local)
{
	const xmlNode *c;
	for (c = n->children; c; c = c->next)
		if (w_is(c, local))
			return c;
	return NULL;
}

/* The w:val attribute of n, or NULL; caller frees with xmlFree. */
static xmlChar *w_val(const xmlNode *n)
{
	if (!n)
		return NULL;
	if (n->ns && n->ns->href) {
		xmlChar *v = xmlGetNsProp(n, (const xmlChar *)"val", n->ns->href);
		if (v)
			return v;
	}
	return xmlGetNoNsProp(n, (const xmlChar *)"val");
}

/* An on/off property element (w:tblHeader, w:vMerge ...): present and not
 * switched off by w:val="false"/"0"/"off". */
static int w_on(const xmlNode *n)
{
	xmlChar *v;
	int on;

	if (!n)
		return 0;
	v = w_val(n);
	on = !v || !(str_eq_ci((char *)v, "false") || str_eq_ci((char *)v, "0") ||
		     str_eq_ci((char *)v, "off"));
	xmlFree(v);
	return on;
}

/* Integer w:val of a property element, def when absent or bad. */
static int w_int(const xmlNode *n, long lo, long hi, int def)
{
	xmlChar *v = w_val(n);
	long x;
	int r = def;
	if (v && str_to_int((char *)v, lo, hi, &x) == 0)
		r = (int)x;
	xmlFree(v);
	return r;
}

/* Heading level of a w:p from its style (Heading1..Heading6, Title) or
 * its outline level; 0 for body text. */
static int docx_heading(const xmlNode *p)
{
	const xmlNode *ppr = w_child(p, "pPr");
	xmlChar *v;
	int level = 0;

	if (!ppr)
		return 0;
	v = w_val(w_child(ppr, "pStyle"));
	if (v) {
		const char *s = (const char *)v;
		if (str_prefix_ci(s, "heading") && s[7] >= '1' && s[7] <= '6' && s[8] == '\0')
			level = s[7] - '0';
		else if (str_eq_ci(s, "title"))
			level = 1;
		xmlFree(v);
	}
	if (level == 0 && w_child(ppr, "outlineLvl")) {
		int o = w_int(w_child(ppr, "outlineLvl"), 0, 9, 9);
		if (o <= 5)
			level = o + 1;
	}
	return level;
}

/* Containers inside a paragraph whose children are read as if they were
 * the paragraph's own. */
static const char *const docx_inline_wrappers[] = {
	"r", "hyperlink", "smartTag", "ins", "moveTo", "customXml", "fldSimple",
	"bdo", "dir", "sdtContent", NULL,
};

/* Text of one paragraph's content into p; w:br and w:cr break it. */
static void docx_inline(struct builder *b, struct paras *p, const xmlNode *parent, int depth)
{
	const xmlNode *c;

	if (depth > DOC_MAX_DEPTH) {
		bld_fail(b, 0, "word/document.xml is nested more than %d elements deep",
			 DOC_MAX_DEPTH);
		return;
	}
	for (c = parent->children; c && !b->rc; c = c->next) {
		const char *name = (const char *)c->name;
		if (!w_is(c, name ? name : ""))
			continue;
		if (strcmp(name, "t") == 0) {
			const xmlNode *t;
			for (t = c->children; t; t = t->next)
				if (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE)
					xml_text(p, t, 0);
		} else if (strcmp(name, "tab") == 0 || strcmp(name, "ptab") == 0) {
			paras_text(p, " ", 1, 0);
		} else if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0) {
			paras_break(p);
		} else if (strcmp(name, "noBreakHyphen") == 0) {
			paras_text(p, "-", 1, 0);
		} else if (strcmp(name, "sdt") == 0) {
			const xmlNode *sc = w_child(c, "sdtContent");
			if (sc)
				docx_inline(b, p, sc, depth + 1);
		} else if (name_in(name, docx_inline_wrappers)) {
			docx_inline(b, p, c, depth + 1);
		}
		/* Anything else (w:del, w:instrText, w:drawing, properties)
		 * holds no visible text of the paragraph. */
	}
}

/* Paragraphs of a table cell: each w:p is one (split at w:br); nested
 * tables are flattened into the cell. */
static void docx_cell(struct builder *b, struct paras *p, const xmlNode *parent, int depth)
{
	const xmlNode *c;

	if (depth > DOC_MAX_DEPTH) {
		bld_fail(b, 0, "word/document.xml is nested more than %d elements deep",
			 DOC_MAX_DEPTH);
		return;
	}
	for (c = parent->children; c && !b->rc; c = c->next) {
		if (w_is(c, "p")) {
			paras_break(p);
			docx_inline(b, p, c, depth + 1);
			paras_break(p);
		} else if (w_is(c, "sdt")) {
			const xmlNode *sc = w_child(c, "sdtContent");
			if (sc)
				docx_cell(b, p, sc, depth + 1);
		} else if (w_is(c, "tbl") || w_is(c, "tr") || w_is(c, "tc") ||
			   w_is(c, "customXml") || w_is(c, "ins") || w_is(c, "moveTo")) {
			docx_cell(b, p, c, depth + 1);
		}
	}
}

/* State of one Word table while its rows are read. */
struct docx_table {
	size_t idx;   /* block index of the table */
	struct paras p; /* scratch paragraphs of the cell being read */
};

/* Cells of a row: w:tc children, also inside w:sdt/w:customXml. */
static void docx_cells(struct builder *b, struct docx_table *dt, const xmlNode *parent,
		       struct doc_row *r, int depth)
{
	const xmlNode *c;

	if (depth > DOC_MAX_DEPTH) {
		bld_fail(b, 0, "word/document.xml is nested more than %d elements deep",
			 DOC_MAX_DEPTH);
		return;
	}
	for (c = parent->children; c && !b->rc; c = c->next) {
		if (w_is(c, "tc")) {
			const xmlNode *tcpr = w_child(c, "tcPr");
			const xmlNode *vm = tcpr ? w_child(tcpr, "vMerge") : NULL;
			int span = tcpr ? w_int(w_child(tcpr, "gridSpan"), 1, DOC_MAX_CELLS, 1) : 1;
			struct doc_cell *cell = tbl_cell(b, r);
			int k;
			xmlChar *v;

			if (!cell)
				return;
			/* A vMerge without val="restart" continues the cell
			 * above: it is an empty cell here. */
			v = vm ? w_val(vm) : NULL;
			if (!vm || (v && strcmp((char *)v, "restart") == 0)) {
				docx_cell(b, &dt->p, c, depth + 1);
				cell_take(b, cell, &dt->p, 0);
			}
			xmlFree(v);
			for (k = 1; k < span && !b->rc; k++)
				if (!tbl_cell(b, r))
					return;
		} else if (w_is(c, "sdt")) {
			const xmlNode *sc = w_child(c, "sdtContent");
			if (sc)
				docx_cells(b, dt, sc, r, depth + 1);
		} else if (w_is(c, "customXml")) {
			docx_cells(b, dt, c, r, depth + 1);
		}
	}
}

static void docx_row(struct builder *b, struct docx_table *dt, const xmlNode *tr,
		     struct doc_row *r, int depth)
{
	struct doc_table *t = &b->d->blocks[dt->idx].table;
	const xmlNode *trpr = w_child(tr, "trPr");
	int before = trpr ? w_int(w_child(trpr, "gridBefore"), 0, DOC_MAX_CELLS, 0) : 0;
	int k;

	for (k = 0; k < before && !b->rc; k++)
		if (!tbl_cell(b, r))
			return;
	docx_cells(b, dt, tr, r, depth + 1);
	if (b->rc)
		return;
	tbl_drop_empty_row(t);
	if (t->n_rows == 1 && r == &t->rows[0] && trpr && w_on(w_child(trpr, "tblHeader")))
		t->has_header = 1;
}

/* Rows of a table: w:tr children, also inside w:sdt/w:customXml. */
static void docx_rows(struct builder *b, struct docx_table *dt, const xmlNode *parent,
		      int depth)
{
	const xmlNode *c;

	if (depth > DOC_MAX_DEPTH) {
		bld_fail(b, 0, "word/document.xml is nested more than %d elements deep",
			 DOC_MAX_DEPTH);
		return;
	}
	for (c = parent->children; c && !b->rc; c = c->next) {
		if (w_is(c, "tr")) {
			struct doc_row *r = tbl_row(b, &b->d->blocks[dt->idx].table, 0);
			if (!r)
				return;
			docx_row(b, dt, c, r, depth + 1);
		} else if (w_is(c, "sdt")) {
			const xmlNode *sc = w_child(c, "sdtContent");
			if (sc)
				docx_rows(b, dt, sc, depth + 1);
		} else if (w_is(c, "customXml")) {
			docx_rows(b, dt, c, depth + 1);
		}
	}
}

/* Body content: w:p and w:tbl in order, through block-level wrappers. */
static void docx_body(struct builder *b, const xmlNode *parent, int depth)
{
	const xmlNode *c;

	if (depth > DOC_MAX_DEPTH) {
		bld_fail(b, 0, "word/document.xml is nested more than %d elements deep",
			 DOC_MAX_DEPTH);
		return;
	}
	for (c = parent->children; c && !b->rc; c = c->next) {
		if (w_is(c, "p")) {
			bld_flush(b, 0);
			docx_inline(b, &b->flow, c, depth + 1);
			bld_flush(b, docx_heading(c));
		} else if (w_is(c, "tbl")) {
			struct docx_table dt;
			dt.idx = bld_table_begin(b, 0);
			paras_init(&dt.p);
			if (dt.idx != SIZE_MAX)
				docx_rows(b, &dt, c, depth + 1);
			paras_free(&dt.p);
			bld_table_end(b, dt.idx);
		} else if (w_is(c, "sdt")) {
			const xmlNode *sc = w_child(c, "sdtContent");
			if (sc)
				docx_body(b, sc, depth + 1);
		} else if (w_is(c, "customXml") || w_is(c, "ins") || w_is(c, "moveTo")) {
			docx_body(b, c, depth + 1);
		}
	}
}


/* Parse XML held in memory without network, DTD loading or entity
 * substitution. NULL with a reason in why on failure. */
static xmlDocPtr docx_xml(const char *data, size_t len, const char *member, char *why,
			  size_t why_len)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr xdoc;
	struct xml_quiet q;

	if (len > INT_MAX) {
		snprintf(why, why_len, "%s is too large", member);
		return NULL;
	}
	/* Word never writes a DTD; refusing one rules out entity tricks. */
	if (memmem(data, len, "<!DOCTYPE", 9)) {
		snprintf(why, why_len, "%s has a DOCTYPE, which Word never writes", member);
		return NULL;
	}
	xml_quiet_begin(&q);
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		xml_quiet_end(&q);
		snprintf(why, why_len, "out of memory");
		return NULL;
	}
	xdoc = xmlCtxtReadMemory(ctxt, data, (int)len, member, NULL,
				 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xml_quiet_end(&q);
	if (!xdoc) {
		xmlErrorPtr xe = xmlCtxtGetLastError(ctxt);
		char msg[200];
		snprintf(msg, sizeof msg, "%s", xe && xe->message ? xe->message : "parse error");
		str_trim(msg);
		snprintf(why, why_len, "%s is not well-formed XML, line %d: %s", member,
			 xe ? xe->line : 0, msg);
	}
	xmlFreeParserCtxt(ctxt);
	return xdoc;
}

/* The main document part named by _rels/.rels (usually
 * "word/document.xml"; Word Online sometimes writes document2.xml).
 * Returns a new string the caller frees. */
static char *docx_main_part(zip_t *za)
{
	char why[64], *rels = NULL, *part = NULL;
	size_t len;
	xmlDocPtr xdoc = NULL;
	const xmlNode *root, *c;

	if (zip_part_read(za, "_rels/.rels", (size_t)1 << 20, &rels, &len, why, sizeof why) < 0)
		goto done;
	xdoc = docx_xml(rels, len, "_rels/.rels", why, sizeof why);
	if (!xdoc || !(root = xmlDocGetRootElement(xdoc)))
		goto done;
	for (c = root->children; c && !part; c = c->next) {
		xmlChar *type, *target;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "Relationship"))
			continue;
		type = xmlGetProp(c, (const xmlChar *)"Type");
		target = xmlGetProp(c, (const xmlChar *)"Target");
		if (type && target) {
			size_t tl = strlen((char *)type);
			const char *tail = "/officeDocument";
			const char *tg = (const char *)target;
			while (*tg == '/')
				tg++;
			if (tl >= strlen(tail) && strcmp((char *)type + tl - strlen(tail), tail) == 0 &&
			    *tg && !strstr(tg, ".."))
				part = xstrdup(tg);
		}
		xmlFree(type);
		xmlFree(target);
	}
done:
	if (xdoc)
		xmlFreeDoc(xdoc);
	free(rels);
	return part ? part : xstrdup("word/document.xml");
}

int doc_read_docx(const void *data, size_t len, const char *name, struct doc **out,
		  struct err *e)
{
	struct builder b;
	zip_error_t ze;
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	char why[400], *xml = NULL, *part = NULL;
	size_t xlen = 0;
	xmlDocPtr xdoc = NULL;
	const xmlNode *root, *body;

	*out = NULL;
	bld_init(&b, name, e);
	why[0] = '\0';
	zip_error_init(&ze);
	if (len == 0 || !data) {
		snprintf(why, sizeof why, "the file is empty");
		goto fail;
	}
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		snprintf(why, sizeof why, "%s", zip_error_strerror(&ze));
		goto fail;
	}
	za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!za) {
		zip_source_free(src);
		snprintf(why, sizeof why, "%s", zip_error_strerror(&ze));
		goto fail;
	}
	part = docx_main_part(za);
	if (zip_part_read(za, part, DOC_MAX_BYTES, &xml, &xlen, why, sizeof why) < 0)
		goto fail;
	zip_discard(za);
	za = NULL;
	xdoc = docx_xml(xml, xlen, part, why, sizeof why);
	if (!xdoc)
		goto fail;
	root = xmlDocGetRootElement(xdoc);
	if (!root || !w_is(root, "document")) {
		snprintf(why, sizeof why, "%s is not a WordprocessingML document", part);
		goto fail;
	}
	body = w_child(root, "body");
	if (body)
		docx_body(&b, body, 1);
	xmlFreeDoc(xdoc);
	free(xml);
	free(part);
	zip_error_fini(&ze);
	return bld_finish(&b, out);

fail:
	if (za)
		zip_discard(za);
	if (xdoc)
		xmlFreeDoc(xdoc);
	free(xml);
	free(part);
	zip_error_fini(&ze);
	err_set(e, ERR_DATA,
		"%s: not a readable Word .docx (%s); save it again from Word or export it as .docx",
		b.name, why);
	b.rc = ERR_DATA;
	return bld_finish(&b, out);
}

/* ------------------------------------------------------------ files */

/* Read the whole file at path into a new buffer (caller frees). */
static int read_all(const char *path, char **out, size_t *len, struct err *e)
{
	struct stat st;
	char *data = NULL;
	size_t n = 0, cap = 0;
	int fd;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, ERR_IO, "cannot open %s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0) {
		int en = errno;
		close(fd);
		return err_set(e, ERR_IO, "cannot open %s: %s", path, strerror(en));
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return err_set(e, ERR_IO, "cannot open %s: %s", path, strerror(EISDIR));
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > DOC_MAX_BYTES) {
		close(fd);
		return err_set(e, ERR_DATA, "%s is larger than %zu MiB; split the document",
			       path, DOC_MAX_BYTES >> 20);
	}
	for (;;) {
		ssize_t got;
		if (n == cap) {
			if (cap > DOC_MAX_BYTES) {
				close(fd);
				free(data);
				return err_set(e, ERR_DATA,
					       "%s is larger than %zu MiB; split the document",
					       path, DOC_MAX_BYTES >> 20);
			}
			cap = cap ? cap * 2 : 65536;
			data = xrealloc(data, cap + 1);
		}
		got = read(fd, data + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int en = errno;
			close(fd);
			free(data);
			return err_set(e, ERR_IO, "cannot read %s: %s", path, strerror(en));
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	if (n > DOC_MAX_BYTES) {
		free(data);
		return err_set(e, ERR_DATA, "%s is larger than %zu MiB; split the document", path,
			       DOC_MAX_BYTES >> 20);
	}
	data[n] = '\0';
	*out = data;
	*len = n;
	return 0;
}

/* 1 when some line of s looks like a GFM table delimiter row (|---|:--|),
 * which no HTML document has. */
static int has_gfm_delimiter(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t pipes = 0, dashes = 0, other = 0;
		while (i < len && s[i] != '\n') {
			char c = s[i++];
			if (c == '|')
				pipes++;
			else if (c == '-')
				dashes++;
			else if (c != ':' && c != ' ' && c != '\t' && c != '\r')
				other++;
		}
		i++;
		if (pipes && dashes >= 3 && !other)
			return 1;
	}
	return 0;
}

/* The format of file content: zip -> docx; text whose first non-blank
 * byte is '<' and which has <html, <!doctype html, <table or <p near the
 * top (and no GFM delimiter row) -> HTML; anything else Markdown. */
static enum doc_format sniff(const char *data, size_t len)
{
	size_t i = 0, head;
	char top[4097];

	if (len >= 4 && memcmp(data, "PK", 2) == 0 &&
	    ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6)))
		return DOC_FMT_DOCX;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && isspace((unsigned char)data[i]))
		i++;
	if (i >= len || data[i] != '<')
		return DOC_FMT_MARKDOWN;
	head = len - i < sizeof top - 1 ? len - i : sizeof top - 1;
	memcpy(top, data + i, head);
	top[head] = '\0';
	if (str_find_ci(top, "<html") || str_find_ci(top, "<!doctype html") ||
	    str_find_ci(top, "<table")) {
		if (!has_gfm_delimiter(data, len))
			return DOC_FMT_HTML;
	} else {
		const char *p = top;
		while ((p = str_find_ci(p, "<p")) != NULL) {
			if (p[2] == '>' || isspace((unsigned char)p[2]))
				return has_gfm_delimiter(data, len) ? DOC_FMT_MARKDOWN
								    : DOC_FMT_HTML;
			p += 2;
		}
	}
	return DOC_FMT_MARKDOWN;
}

/* The spreadsheet format the content or the name of a file says, or
 * DOC_FMT_AUTO when it is none (an old Word .doc by its name too). */
static enum doc_format sniff_sheet(const char *data, size_t len, const char *path)
{
	size_t pl = strlen(path);
	if (pl >= 4 && str_eq_ci(path + pl - 4, ".doc"))
		return DOC_FMT_AUTO;
	switch (sheet_sniff(data, len, path)) {
	case SHEET_XLSX:
		return DOC_FMT_XLSX;
	case SHEET_ODS:
		return DOC_FMT_ODS;
	case SHEET_XLS:
		return DOC_FMT_XLS;
	case SHEET_CSV:
		return DOC_FMT_CSV;
	default:
		return DOC_FMT_AUTO;
	}
}

int doc_read_data_sheet(const char *data, size_t len, const char *path, enum doc_format fmt,
			const char *sheet, struct doc **out, struct err *e)
{
	size_t skip = 0;

	*out = NULL;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		skip = 3;
	if (!has_ink(data + skip, len - skip))
		return err_set(e, ERR_DATA,
			       "%s is empty; export the action plan again (as .docx, .html, "
			       ".md or a spreadsheet) or check the file name", path);
	if (fmt == DOC_FMT_AUTO &&
	    !(strlen(path) >= 5 && str_eq_ci(path + strlen(path) - 5, ".docx")))
		fmt = sniff_sheet(data, len, path);
	if (sheet && !doc_format_is_sheet(fmt))
		return err_set(e, ERR_USAGE, "--sheet is for spreadsheets (.xlsx, .ods, .xls); %s "
			       "is not one: leave out --sheet", path);
	if (doc_format_is_sheet(fmt)) {
		if (sheet && fmt == DOC_FMT_CSV)
			return err_set(e, ERR_USAGE, "%s is a CSV file, which has one sheet: leave "
				       "out --sheet", path);
		return doc_read_sheet(data, len, path, fmt, sheet, out, e);
	}
	if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return err_set(e, ERR_DATA,
			       "%s is an old binary Word .doc; open it in Word and save it "
			       "as .docx", path);
	/* A name ending in .docx means the user meant Word: a damaged one
	 * should say so rather than be read as Markdown text. */
	if (fmt == DOC_FMT_AUTO) {
		size_t pl = strlen(path);
		fmt = pl >= 5 && str_eq_ci(path + pl - 5, ".docx") ? DOC_FMT_DOCX
								   : sniff(data, len);
	}
	switch (fmt) {
	case DOC_FMT_DOCX:
		return doc_read_docx(data, len, path, out, e);
	case DOC_FMT_HTML:
		return doc_read_html(data, len, path, out, e);
	default:
		return doc_read_markdown(data, len, path, out, e);
	}
}

int doc_read_data(const char *data, size_t len, const char *path, enum doc_format fmt,
		  struct doc **out, struct err *e)
{
	return doc_read_data_sheet(data, len, path, fmt, NULL, out, e);
}

int doc_read_file_sheet(const char *path, enum doc_format fmt, const char *sheet,
			struct doc **out, struct err *e)
{
	char *data = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	rc = read_all(path, &data, &len, e);
	if (rc)
		return rc;
	rc = doc_read_data_sheet(data, len, path, fmt, sheet, out, e);
	free(data);
	return rc;
}

int doc_read_file(const char *path, enum doc_format fmt, struct doc **out, struct err *e)
{
	return doc_read_file_sheet(path, fmt, NULL, out, e);
}
