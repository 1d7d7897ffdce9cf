/*
 * doc: a document reduced to what the plan importer needs — an ordered
 * list of blocks, each either a line of text (a heading, a paragraph, one
 * line of a paragraph) or a table of rows of cells. A cell keeps its
 * paragraphs apart (<p>, <li>, <br> in HTML/Markdown, w:p in Word), because
 * action plans put one action, lead or date per paragraph.
 *
 * Readers exist for Markdown with GFM pipe tables whose cells may hold
 * HTML fragments (cmark-gfm), HTML documents (libxml2's HTML parser) and
 * Word .docx (libzip + libxml2). All text is UTF-8 with entities decoded,
 * whitespace runs collapsed to one space, and paragraphs trimmed; empty
 * paragraphs are dropped. This file knows nothing about action plans.
 */
#ifndef PARITY_DOC_H
#define PARITY_DOC_H

#include <stddef.h>

#include "core/err.h"

struct doc_cell {
	char **paras;	/* paragraphs of the cell, trimmed, none empty */
	size_t n_paras; /* count of paras; 0 for an empty cell */
};

struct doc_row {
	struct doc_cell *cells; /* cells left to right */
	size_t n_cells;		/* count of cells */
	int line;		/* 1-based source line of the row (0 if unknown) */
};

struct doc_table {
	struct doc_row *rows; /* rows top to bottom; the header row included */
	size_t n_rows;	      /* count of rows */
	int has_header;	      /* 1 when row 0 is a header row (th / GFM header /
				 Word tblHeader); 0 otherwise */
};

enum doc_block_kind { DOC_TEXT, DOC_TABLE };

struct doc_block {
	enum doc_block_kind kind; /* which member is valid */
	char *text;		  /* DOC_TEXT: one line, trimmed, not empty */
	int heading;		  /* DOC_TEXT: heading level 1..6, 0 for body */
	struct doc_table table;	  /* DOC_TABLE */
	int line;		  /* 1-based source line (0 if unknown) */
};

struct doc {
	struct doc_block *blocks; /* in document order */
	size_t n_blocks;	  /* count of blocks */
};

enum doc_format { DOC_FMT_AUTO, DOC_FMT_MARKDOWN, DOC_FMT_HTML, DOC_FMT_DOCX };

/* Parse Markdown (GFM tables) held in memory. Lines of a paragraph that are
 * separated by soft breaks become separate DOC_TEXT blocks. `name` is used
 * in error messages only. On success *out is a new doc the caller frees
 * with doc_free. Returns 0, or ERR_DATA with a message naming `name`. */
int doc_read_markdown(const char *data, size_t len, const char *name,
		      struct doc **out, struct err *e);
/* Parse an HTML document or fragment held in memory; tables become
 * DOC_TABLE (nested tables are flattened into their cell's text), other
 * block elements (p, h1-h6, li, div text, br-separated lines) DOC_TEXT. */
int doc_read_html(const char *data, size_t len, const char *name,
		  struct doc **out, struct err *e);
/* Parse a Word .docx held in memory (the zip bytes): word/document.xml's
 * body paragraphs and tables (w:tbl/w:tr/w:tc, one paragraph per w:p).
 * A truncated or non-zip input is ERR_DATA naming `name`. */
int doc_read_docx(const void *data, size_t len, const char *name,
		  struct doc **out, struct err *e);
/* Read the file at path and parse it; DOC_FMT_AUTO picks the format from
 * the content (zip signature -> docx, leading '<' with <html/<table/<p ->
 * HTML, else Markdown). Empty files, binary junk (NUL bytes or invalid
 * UTF-8 outside docx) and unreadable files are ERR_DATA / ERR_IO with the
 * path in the message and a hint about what to do.
 * Details: with DOC_FMT_AUTO a path ending in ".docx" is always read as
 * Word (so a damaged one gets the .docx message); text with a GFM table
 * delimiter row (|---|) is Markdown even when it starts with '<'. A leading
 * UTF-8 BOM is skipped and CRLF line ends are fine in every text format.
 * Files over 64 MiB are ERR_DATA, and so (in every reader) is a table
 * cell or a paragraph of more than 1 MiB of text, the cap of a CSV field:
 * the message names the table, row and column (and the line, when the
 * format has lines). */
int doc_read_file(const char *path, enum doc_format fmt, struct doc **out,
		  struct err *e);
/* doc_read_file on content already in memory (an upload): `name` stands
 * for the file in messages and, ending in .docx, picks Word as the path
 * does. The same checks and messages; the 64 MiB cap is the caller's. */
int doc_read_data(const char *data, size_t len, const char *name, enum doc_format fmt,
		  struct doc **out, struct err *e);
/* Free a doc and everything in it; NULL is a no-op. */
void doc_free(struct doc *d);

#endif
