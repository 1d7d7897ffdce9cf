/*
 * escape: the writers that make untrusted text safe for the format it is
 * put into — HTML text and attributes, CSV fields (RFC 4180 quoting plus
 * defusing of spreadsheet formulas), iCalendar text. Every interpolated
 * value in parity's outputs goes through one of these.
 */
#ifndef PARITY_ESCAPE_H
#define PARITY_ESCAPE_H

#include "core/buf.h"

/* Append s with & < > " ' escaped; safe in text and double-quoted
 * attributes. NULL appends nothing. */
void esc_html(struct buf *b, const char *s);
/* Append s as one CSV field: quoted when it holds a comma, quote, CR or
 * LF (quotes doubled); a field starting with = + - @ (or tab/CR) gets a
 * leading apostrophe so spreadsheets do not run it as a formula. */
void esc_csv(struct buf *b, const char *s);
/* Append s for Markdown table cells: | and backslash escaped, newlines
 * turned into spaces. */
void esc_md_cell(struct buf *b, const char *s);

#endif
