/*
 * buf: the one growable string type. Appends never fail loudly: past the
 * size cap (or on a formatting error) the buffer sets a sticky `failed`
 * flag, stops growing, and the caller checks once at the end.
 * The data is always NUL-terminated once anything has been appended.
 */
#ifndef PARITY_BUF_H
#define PARITY_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* bytes, NUL-terminated; NULL until first append */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
	size_t max; /* size cap; 0 means the default (256 MiB) */
	int failed; /* set when an append was refused; sticky */
};

#define BUF_INIT {NULL, 0, 0, 0, 0}

void buf_append(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* The contents as a string ("" when empty); owned by the buffer. */
const char *buf_str(const struct buf *b);
/* Empty the buffer, keeping its memory. */
void buf_reset(struct buf *b);
/* Hand the string over to the caller (who frees it); the buffer is emptied. */
char *buf_take(struct buf *b);
/* Release the memory. */
void buf_free(struct buf *b);

#endif
