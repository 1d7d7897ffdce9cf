/*
 * publish/uf.h: union-find over cell indices, for the connected
 * components the GLPK checks solve one by one (audit.c, pin.c). The root
 * of a set is its smallest index, so components come out in index order.
 */
#ifndef PARITY_PUBLISH_UF_H
#define PARITY_PUBLISH_UF_H

#include <stdint.h>

static inline int32_t uf_find(int32_t *parent, int32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static inline void uf_union(int32_t *parent, int32_t a, int32_t b)
{
	a = uf_find(parent, a);
	b = uf_find(parent, b);
	if (a == b)
		return;
	if (a < b)
		parent[b] = a;
	else
		parent[a] = b;
}

#endif
