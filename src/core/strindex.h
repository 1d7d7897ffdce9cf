/*
 * strindex: finding a string among the strings of an array its owner
 * keeps (names[1..count), in the order they were added), by hash. The
 * array holds the strings; the index holds only their positions, so the
 * owner's array stays the one list of names. Used for the units of a
 * count (monitor/agg.c) and the dictionaries of stored column blocks
 * (monitor/colstore.c).
 */
#ifndef PARITY_STRINDEX_H
#define PARITY_STRINDEX_H

#include <stddef.h>
#include <stdint.h>

struct strindex {
	uint32_t *slot; /* open addressing: a position in names, 0 empty */
	size_t n_slots; /* 0 before the first use, else a power of 2 */
};

/* The position of the n bytes at s among names (NUL-terminated), or 0
 * when it is not there; *at gets the slot where it would go, for
 * strindex_add. */
size_t strindex_find(struct strindex *x, char *const *names, const char *s, size_t n,
		     size_t *at);
/* names[count - 1] was just added, where strindex_find said (at). */
void strindex_add(struct strindex *x, char *const *names, size_t count, size_t at);
void strindex_free(struct strindex *x);

#endif
