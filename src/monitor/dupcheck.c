/*
 * dupcheck: finding people who appear twice in an extract that analyze
 * reads, in memory that does not grow with the rows.
 *
 * Each person id that is not a numbered id (below), and each suspect, is
 * hashed with SipHash-128 (libsodium) under a key drawn afresh for the
 * run; two ids are the same person when their 128-bit hashes are equal,
 * as they were when ids went through BLAKE2b-128 (the
 * chance of two different ids colliding among 10^8 rows is below 10^-22).
 *
 * First pass (while the rows are counted): ids of the learnt numbered
 * form (a prefix and a number: see "numbered ids" below) set a bit each
 * in an exact bitmap, and a bit found set is a suspect that surely
 * repeats. Every other id goes into a blocked Bloom filter of
 * DUP_BLOOM_BYTES (16 MiB; eight bits set per id, all in one 64-byte
 * block, so one cache miss per row; bit 0 of each block is the block's
 * lock, so ids use 511 of its 512 bits, which costs ~2% more suspects:
 * simulated with 10M random ids, 3,971 with 512 bits, 4,048 with 511). An id the filter has already seen is
 * a suspect: a true repeat, or a false positive (about 1 in 1,600 rows
 * at 10 million rows, so some 6,000 suspects; none in practice at 1
 * million; simulated: 24 MiB would leave ~760, 32 MiB ~270, 48 MiB ~16,
 * so no size within the memory target spares the second pass at 10
 * million rows, and that pass is made cheap instead). Suspects' hashes
 * are kept in an exact set of at most DUP_MAX_SUSPECTS entries.
 * Second pass, only when there are suspects: the file is read again
 * (only each row's id is looked at: ingest_row_id) and every row whose
 * hash is a suspect is looked up in the exact set (in parts at once, see
 * dupcheck_part_seen below, when the file was read in parts, where only
 * ids that dupcheck_may_repeat are hashed at all); the
 * second and later sightings are the duplicates, reported at their rows.
 * When suspects overflow the set (a file with over half a million
 * repeated ids), the second pass is split into as many passes as it takes
 * for each pass to hold one hash partition of all the rows exactly.
 * Memory: 16 MiB (taken only as other ids write to it) + at most 13.9
 * MB (numbered ids) + 128 KiB (suspects' cheap keys) + at most 17 MiB,
 * whatever the number of rows.
 *
 * The filter is written with atomic ORs so that several threads can add
 * to it at once; the suspect set is guarded by a mutex (it is touched
 * only for suspects).
 */
#include <assert.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/xalloc.h"
#include "monitor/internal.h"

#define DUP_BLOOM_BYTES ((size_t)16 << 20)
#define DUP_BLOCKS (DUP_BLOOM_BYTES / 64)
#define DUP_SET_SLOTS ((size_t)1 << 20)
#define DUP_KEY_SHIFT 20
#define DUP_KEY_BITS ((size_t)1 << DUP_KEY_SHIFT) /* suspects' id keys: 128 KiB */
#define DUP_MAX_SUSPECTS (DUP_SET_SLOTS / 2)
#define DUP_NUM_PREFIX 8 /* numbered ids: a prefix shorter than this, */
#define DUP_NUM_DIGITS 8 /* and 1 to this many digits */
#define DUP_NUM_BITS ((size_t)111111110) /* 10 + 100 + ... + 10^8 */

struct dupset {
	unsigned char *key; /* slots × 16 bytes */
	unsigned char *used; /* 0 empty, 1 present, 2 present and seen */
	size_t n;
};

struct dupcheck {
	unsigned char hkey[crypto_shorthash_siphashx24_KEYBYTES];
	uint64_t *bloom;	/* DUP_BLOCKS × 8 words, or NULL after pass 1 */
	int bloom_mapped;	/* 1: bloom is bloom_new's mapping, else calloc's */
	uint64_t *keys;		/* bit per dupcheck_id_key of a suspect (pass 1) */
	struct dupset set;	/* the suspects, or one partition */
	int overflow;		/* more suspects than the set holds */
	pthread_mutex_t lock;	/* guards set during pass 1, and num_learn */
	int num_state;		/* numbered ids: 0 not yet learnt, 1 on, 2 off */
	uint64_t num_word;	/* their prefix (le_word), */
	uint64_t num_mask;	/* its bytes in num_word, */
	size_t num_plen;	/* this many (below DUP_NUM_PREFIX) */
	uint64_t *num_bits;	/* bit per number (num_offset), or NULL */
};

/* The filter in memory of its own, aligned to 2 MiB and offered to the
 * kernel for huge pages: with 4 KiB pages every row's block was also a
 * TLB miss (perf, 10M rows: dupcheck_add + dupcheck_prefetch 21% of the
 * samples; see the log of the commit that brought this for after). The
 * pages are zero and taken only when first written, as with calloc. */
#define DUP_HUGE ((size_t)2 << 20)

static uint64_t *bloom_new(void)
{
	size_t len = DUP_BLOOM_BYTES + DUP_HUGE;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *at;
	if (p == MAP_FAILED)
		return NULL;
	at = (char *)(((uintptr_t)p + DUP_HUGE - 1) & ~(uintptr_t)(DUP_HUGE - 1));
	if (at > p)
		munmap(p, (size_t)(at - p));
	if (p + len > at + DUP_BLOOM_BYTES)
		munmap(at + DUP_BLOOM_BYTES, (size_t)(p + len - (at + DUP_BLOOM_BYTES)));
#ifdef MADV_HUGEPAGE
	madvise(at, DUP_BLOOM_BYTES, MADV_HUGEPAGE);
#endif
	return (uint64_t *)(void *)at;
}

/* Free the numbered ids' bitmap (NULL: nothing). */
static void num_free(struct dupcheck *d)
{
	if (d->num_bits)
		munmap(d->num_bits, DUP_NUM_BITS / 8 + 8);
	d->num_bits = NULL;
}

/* Free the filter (NULL: nothing). */
static void bloom_free(struct dupcheck *d)
{
	if (d->bloom && d->bloom_mapped)
		munmap(d->bloom, DUP_BLOOM_BYTES);
	else
		free(d->bloom);
	d->bloom = NULL;
}

struct dupcheck *dupcheck_new(void)
{
	struct dupcheck *d = xcalloc(1, sizeof *d);
	randombytes_buf(d->hkey, sizeof d->hkey);
	d->keys = xcalloc(DUP_KEY_BITS / 64, sizeof *d->keys);
	d->bloom = bloom_new();
	d->bloom_mapped = d->bloom != NULL;
	if (!d->bloom)
		d->bloom = xcalloc(DUP_BLOCKS * 8, sizeof *d->bloom);
	pthread_mutex_init(&d->lock, NULL);
	return d;
}

void dupcheck_free(struct dupcheck *d)
{
	if (!d)
		return;
	bloom_free(d);
	num_free(d);
	free(d->keys);
	free(d->set.key);
	free(d->set.used);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

void dupcheck_set_key(struct dupcheck *d, const unsigned char key[16])
{
	memcpy(d->hkey, key, sizeof d->hkey);
}

void dupcheck_hash(const struct dupcheck *d, const char *id, size_t n, unsigned char h[16])
{
	crypto_shorthash_siphashx24(h, (const unsigned char *)id, n, d->hkey);
}

static uint64_t word(const unsigned char *h, int i)
{
	uint64_t w;
	memcpy(&w, h + 8 * i, 8);
	return w;
}

/* Find h in s: its slot, and whether it is there. */
static size_t set_find(const struct dupset *s, const unsigned char h[16], int *found)
{
	size_t i = (size_t)(word(h, 1) & (DUP_SET_SLOTS - 1));
	for (;; i = (i + 1) & (DUP_SET_SLOTS - 1)) {
		if (!s->used[i]) {
			*found = 0;
			return i;
		}
		if (memcmp(s->key + i * 16, h, 16) == 0) {
			*found = 1;
			return i;
		}
	}
}

static void set_reset(struct dupset *s)
{
	if (!s->key) {
		s->key = xmalloc(DUP_SET_SLOTS * 16);
		s->used = xcalloc(DUP_SET_SLOTS, 1);
	} else {
		memset(s->used, 0, DUP_SET_SLOTS);
	}
	s->n = 0;
}

void dupcheck_prefetch(const struct dupcheck *d, const unsigned char h[16])
{
	__builtin_prefetch(d->bloom + (word(h, 0) % DUP_BLOCKS) * 8, 1);
}

/* Note h (of cheap key key) as a suspect: its key bit for
 * dupcheck_may_repeat, its hash in the set. */
static void suspect(struct dupcheck *d, const unsigned char h[16], uint64_t key)
{
	key >>= 64 - DUP_KEY_SHIFT;
	__atomic_fetch_or(&d->keys[key >> 6], (uint64_t)1 << (key & 63), __ATOMIC_RELAXED);
	pthread_mutex_lock(&d->lock);
	if (!d->overflow) {
		int found;
		size_t i;
		if (!d->set.key)
			set_reset(&d->set);
		i = set_find(&d->set, h, &found);
		if (!found) {
			if (d->set.n >= DUP_MAX_SUSPECTS) {
				d->overflow = 1;
			} else {
				memcpy(d->set.key + i * 16, h, 16);
				d->set.used[i] = 1;
				d->set.n++;
			}
		}
	}
	pthread_mutex_unlock(&d->lock);
}

/* Bit 0 of a block's first word locks the block; the ids' bits are the
 * other 511. */
#define DUP_LOCK ((uint64_t)1)

/* Measured (perf, 1M rows): with one atomic OR per bit straight after the
 * hash, this was 29% of pass 1, nearly all of it waiting for the block's
 * cache miss under a locked instruction. The caller prefetches the block
 * a row ahead. The block's words were then ORed one atomic fetch-or each
 * (a compare-and-swap loop, ~5 a row: dupcheck_add 14% of 1M rows), which
 * also let two threads adding the same id at once both see it as new (each
 * finding the other's bits in one word but not in another). Now the block
 * is locked with one atomic bit (its lock bit, uncontended but for two
 * threads meeting in the same block), its words are read and ORed plainly,
 * and the store that writes the first word back unlocks it: the check and
 * the add are one step, and one atomic a row instead of about five. */
int dupcheck_add(struct dupcheck *d, const unsigned char h[16], uint64_t key)
{
	uint64_t a = word(h, 0), *blk = d->bloom + (a % DUP_BLOCKS) * 8, b = word(h, 1), w0;
	int k, had = 1;
	while (__atomic_fetch_or(&blk[0], DUP_LOCK, __ATOMIC_ACQUIRE) & DUP_LOCK)
		while (__atomic_load_n(&blk[0], __ATOMIC_RELAXED) & DUP_LOCK)
			;
	/* Each bit is tested and set in place (word 0 in w0 until the
	 * unlocking store), rather than building the eight words' masks
	 * first (callgrind, 200k rows: 265 instructions a row, now 240). */
	w0 = __atomic_load_n(&blk[0], __ATOMIC_RELAXED);
	for (k = 0; k < 8; k++) {
		/* 9 bits of the hash, spread over bits 1..511 of the block */
		unsigned bit = 1u + ((((unsigned)(b >> (k * 8)) & 511u) * 511u) >> 9);
		uint64_t *p = bit < 64 ? &w0 : &blk[bit >> 6], w = *p;
		had &= (int)(w >> (bit & 63)) & 1;
		*p = w | (uint64_t)1 << (bit & 63);
	}
	__atomic_store_n(&blk[0], w0 & ~DUP_LOCK, __ATOMIC_RELEASE);
	if (!had)
		return 0;
	suspect(d, h, key);
	return 1;
}

/* ---- numbered ids -------------------------------------------------------
 * Most person ids are a fixed prefix and a number: a case reference such
 * as X123456, a staff number, the demo's SU0000001. For those the check
 * needs no hash and no filter: the number is a bit of its own in a
 * bitmap, exact, so a bit found set is a true repeat. The prefix is learnt
 * from the first id the check is given (the id less its trailing digits,
 * under DUP_NUM_PREFIX bytes, with 1 to DUP_NUM_DIGITS digits; any
 * other first id turns numbered ids off). An id with that prefix and 1 to
 * DUP_NUM_DIGITS digits has the bit num_offset(d) + its number, d its
 * count of digits, so that "SU01" and "SU1" stay two ids. Every other id
 * goes through the filter as before; equal ids always take the same way,
 * so no repeat is missed. A repeat is noted as a suspect like any other,
 * and the second reading settles which sighting came first in the file.
 * Measured (callgrind, 200k demo rows, 1 thread): SipHash and the filter
 * cost ~455 instructions a row, this ~80; at 10M rows it also spares the
 * second reading that the filter's ~6,000 false alarms cost (about 12% of
 * the time). The bitmap is 13.9 MB of address space, taken a page at a
 * time as it is written: 1.25 MB for the 10 million numbers of 7 digits,
 * at most 13.9 MB whatever the ids (on top of the filter's 16 MiB when
 * other ids come too). */
/* The first bit of the numbers of d digits: 10 + 100 + ... + 10^(d-1). */
static uint64_t num_offset(size_t d)
{
	static const uint64_t off[DUP_NUM_DIGITS + 1] = {
		0, 0, 10, 110, 1110, 11110, 111110, 1111110, 11111110,
	};
	return off[d];
}

/* The 8 bytes at p as a little-endian word (p in a csv cell, whose
 * CSV_CELL_SLACK lets 8 bytes be read from any of its bytes). */
static inline uint64_t le_word(const char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/* Learn the prefix from id (n bytes); under d->lock. */
static void num_learn(struct dupcheck *d, const char *id, size_t n)
{
	size_t digits = 0;
	while (digits < n && id[n - 1 - digits] >= '0' && id[n - 1 - digits] <= '9')
		digits++;
	d->num_plen = n - digits;
	if (digits < 1 || digits > DUP_NUM_DIGITS || d->num_plen >= DUP_NUM_PREFIX)
		return;
	d->num_bits = mmap(NULL, DUP_NUM_BITS / 8 + 8, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (d->num_bits == MAP_FAILED) {
		d->num_bits = NULL;
		return;
	}
	d->num_mask = d->num_plen ? ~(uint64_t)0 >> (64 - 8 * d->num_plen) : 0;
	d->num_word = le_word(id) & d->num_mask;
}

int dupcheck_numbered(struct dupcheck *d, const char *id, size_t n)
{
	int state = __atomic_load_n(&d->num_state, __ATOMIC_ACQUIRE);
	size_t digits, pad;
	uint64_t w, v, bit, m;
	if (state == 0) {
		pthread_mutex_lock(&d->lock);
		if (!d->num_state) {
			num_learn(d, id, n);
			__atomic_store_n(&d->num_state, d->num_bits ? 1 : 2, __ATOMIC_RELEASE);
		}
		pthread_mutex_unlock(&d->lock);
		state = d->num_state;
	}
	if (state != 1 || n <= d->num_plen || (digits = n - d->num_plen) > DUP_NUM_DIGITS)
		return -1;
	/* the prefix, as one masked word (num_plen < 8 here: a number
	 * follows it within the id's 8 + slack bytes) */
	if (d->num_plen && ((le_word(id) ^ d->num_word) & d->num_mask) != 0)
		return -1;
	/* The digits, eight at a time (the number's first digit in the
	 * word's low byte): shifted up to the word's top, '0's put below. */
	pad = 8 * (DUP_NUM_DIGITS - digits);
	w = le_word(id + d->num_plen) << pad | (0x3030303030303030ull & (((uint64_t)1 << pad) - 1));
	v = w - 0x3030303030303030ull;
	if (((v + 0x7676767676767676ull) | v) & 0x8080808080808080ull)
		return -1; /* a byte that is not a digit */
	v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FFull;
	v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFFull;
	v = (v * 10000 + (v >> 32)) & 0xFFFFFFFFull;
	bit = num_offset(digits) + v;
	m = (uint64_t)1 << (bit & 63);
	if (!(__atomic_fetch_or(&d->num_bits[bit >> 6], m, __ATOMIC_RELAXED) & m))
		return 0;
	{
		unsigned char h[16];
		dupcheck_hash(d, id, n, h);
		suspect(d, h, dupcheck_id_key(id, n));
	}
	return 1;
}

/* The second reading hashed every row's id with SipHash and looked it up
 * in the suspect set (perf, 10M rows, 2 threads: ~8% of all samples, the
 * second reading's largest part). Now each id also gets this cheap key,
 * pass 1 notes the keys of suspects in a bitmap, and the second
 * reading hashes only ids whose key bit is set: with some 6,000 suspects
 * at 10M rows, about 1 row in 170. Equal ids have equal keys, so no
 * suspect's row is skipped; a shared bit only costs a SipHash. The bitmap
 * was 1 MiB (1 row in 1,400), but every row's lookup then missed the
 * cache (perf, 10M rows: dupcheck_may_repeat 5% of the samples); at
 * 128 KiB it stays in the core's cache. */
uint64_t dupcheck_id_key(const char *id, size_t n)
{
	uint64_t h = n * 0x9E3779B97F4A7C15ull, w = 0;
	size_t i;
	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, id + i, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
	}
	if (i < n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		memcpy(&w, id + i, 8); /* CSV_CELL_SLACK: 8 bytes can be read */
		w &= ~(uint64_t)0 >> (64 - 8 * (n - i)); /* the first n - i bytes */
#else
		w = 0;
		memcpy(&w, id + i, n - i);
#endif
		h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
	}
	return h ^ (h >> 29);
}

int dupcheck_may_repeat(const struct dupcheck *d, uint64_t key)
{
	key >>= 64 - DUP_KEY_SHIFT;
	return (int)(d->keys[key >> 6] >> (key & 63) & 1);
}

int dupcheck_passes(struct dupcheck *d, int64_t rows)
{
	bloom_free(d);
	num_free(d);
	if (!d->overflow)
		return d->set.n ? 1 : 0;
	return (int)((rows + (int64_t)DUP_MAX_SUSPECTS - 1) / (int64_t)DUP_MAX_SUSPECTS) + 1;
}

void dupcheck_pass_begin(struct dupcheck *d, int pass)
{
	(void)pass;
	if (d->overflow)
		set_reset(&d->set);
}

int dupcheck_seen(struct dupcheck *d, int pass, int n_passes, const unsigned char h[16])
{
	int found;
	size_t i;
	if (d->overflow) {
		if ((int)(word(h, 0) % (uint64_t)n_passes) != pass)
			return 0;
		i = set_find(&d->set, h, &found);
		if (found)
			return 1;
		memcpy(d->set.key + i * 16, h, 16);
		d->set.used[i] = 1;
		d->set.n++;
		return 0;
	}
	i = set_find(&d->set, h, &found);
	if (!found)
		return 0;
	if (d->set.used[i] == 2)
		return 1;
	d->set.used[i] = 2;
	return 0;
}

/* ---- the second pass in parts ------------------------------------------
 * With the suspects held exactly (no overflow), the set is only read while
 * parts of the file are read at once; each part notes which suspects it
 * has met in a bitmap of its own. Which sighting of an id is its first in
 * the file is settled afterwards, in file order, by dupcheck_mark. */

struct dupcheck_part {
	uint64_t met[DUP_SET_SLOTS / 64]; /* bit per set slot: met in this part */
};

int dupcheck_exact(const struct dupcheck *d)
{
	return !d->overflow;
}

struct dupcheck_part *dupcheck_part_new(void)
{
	return xcalloc(1, sizeof(struct dupcheck_part));
}

void dupcheck_part_free(struct dupcheck_part *p)
{
	free(p);
}

int dupcheck_part_seen(const struct dupcheck *d, struct dupcheck_part *p,
		       const unsigned char h[16], size_t *slot)
{
	int found;
	size_t i;
	uint64_t bit;
	assert(!d->overflow);
	if (!d->set.n)
		return -1;
	i = set_find(&d->set, h, &found);
	if (!found)
		return -1;
	*slot = i;
	bit = (uint64_t)1 << (i & 63);
	if (p->met[i >> 6] & bit)
		return 1;
	p->met[i >> 6] |= bit;
	return 0;
}

int dupcheck_mark(struct dupcheck *d, size_t slot)
{
	assert(!d->overflow && slot < DUP_SET_SLOTS && d->set.used[slot]);
	if (d->set.used[slot] == 2)
		return 1;
	d->set.used[slot] = 2;
	return 0;
}
