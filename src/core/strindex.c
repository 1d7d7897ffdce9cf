/*
 * strindex: see strindex.h. The table keeps at least twice as many slots
 * as positions, so a probe ends soon at an empty slot.
 */
#include "core/strindex.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define FIRST_SLOTS 64

/* A hash of the n bytes at s, read 8 at a time. */
static uint32_t hash(const char *s, size_t n)
{
	uint64_t h = n * 0x9E3779B97F4A7C15ull, w;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
	}
	for (w = 0; i < n; i++)
		w = w << 8 | (unsigned char)s[i];
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
	return (uint32_t)(h ^ h >> 32);
}

size_t strindex_find(struct strindex *x, char *const *names, const char *s, size_t n,
		     size_t *at)
{
	size_t k, i;
	if (!x->slot) {
		x->n_slots = FIRST_SLOTS;
		x->slot = xcalloc(x->n_slots, sizeof *x->slot);
	}
	for (k = hash(s, n) & (x->n_slots - 1); (i = x->slot[k]) != 0; k = (k + 1) & (x->n_slots - 1))
		if (strncmp(names[i], s, n) == 0 && names[i][n] == '\0')
			break;
	*at = k;
	return i;
}

void strindex_add(struct strindex *x, char *const *names, size_t count, size_t at)
{
	size_t i, k;
	if (2 * count <= x->n_slots) {
		x->slot[at] = (uint32_t)(count - 1);
		return;
	}
	free(x->slot);
	x->n_slots *= 2;
	x->slot = xcalloc(x->n_slots, sizeof *x->slot);
	for (i = 1; i < count; i++) {
		for (k = hash(names[i], strlen(names[i])) & (x->n_slots - 1); x->slot[k];
		     k = (k + 1) & (x->n_slots - 1))
			;
		x->slot[k] = (uint32_t)i;
	}
}

void strindex_free(struct strindex *x)
{
	free(x->slot);
	x->slot = NULL;
	x->n_slots = 0;
}
