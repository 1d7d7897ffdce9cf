/*
 * xalloc: allocation that never returns NULL. Out of memory is the one
 * condition parity does not try to recover from (see STYLE.md): these
 * functions abort with a message instead. Everything else returns errors.
 */
#ifndef PARITY_XALLOC_H
#define PARITY_XALLOC_H

#include <stddef.h>

/* malloc/calloc/realloc that abort on failure. Caller frees with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Copy of s (NULL gives NULL). Caller frees. */
char *xstrdup(const char *s);
/* Copy of the first n bytes of s, NUL-terminated. Caller frees. */
char *xstrndup(const char *s, size_t n);

#endif
