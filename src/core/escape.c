/* escape: HTML, CSV and Markdown escaping writers (see escape.h). */
#include "core/escape.h"

#include <string.h>

void esc_html(struct buf *b, const char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, *s);
		}
	}
}

void esc_csv(struct buf *b, const char *s)
{
	int quote;
	if (!s)
		return;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(b, '"');
	if (strchr("=+-@\t\r", s[0]) && s[0] != '\0')
		buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	if (quote)
		buf_putc(b, '"');
}

void esc_md_cell(struct buf *b, const char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		if (*s == '|' || *s == '\\')
			buf_putc(b, '\\');
		if (*s == '\n' || *s == '\r')
			buf_putc(b, ' ');
		else
			buf_putc(b, *s);
	}
}
