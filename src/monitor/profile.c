/*
 * profile: `parity data profile` — what an extract holds, column by
 * column, before it is analysed: for each column the dataset reads, every
 * distinct value with its exact count and the line it first appears on;
 * which values the codebook (with the dataset's map lines) does not read;
 * and map lines to suggest for them (docs/datasets.md).
 *
 * The file is read in parts by as many threads as analyze uses
 * (mon_open_parts in ops.c). Each part counts its cells into its own
 * table: an open addressing table of (column, text), a text of up to 16
 * bytes taken as two words, as the reader's memo does (ingest.c), and a
 * one-byte cell (0, 1, M, F, Y, N ...) found through a table by its
 * byte. The parts' tables are added up in file order, so the values come
 * in the order they first appear and one thread and several give the same
 * profile. A column lists at most PROFILE_VALUES values; the rows of
 * others are counted together (a part past that limit sends the file to
 * one part, for the same reason). Values are read (classified, checked as
 * 0/1 or as money) once each, after the counting.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/period.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/internal.h"

#define PROFILE_VALUES 1000 /* values of one column listed one by one */
#define PROFILE_TEXT 200    /* longer values are counted, not listed */
#define PTAB_SLOTS (1u << 16)
#define MAX_PCOLS (7 + MC_COUNT + DS_MAX_OUTCOMES)

enum prole {
	PR_ID, PR_UNIT, PR_PERIOD, PR_GRADE, PR_CHAR, PR_OUTCOME, PR_PAY, PR_BONUS, PR_FULL_PAY
};

/* One column the dataset reads. */
struct pcol {
	enum prole role;
	int which;		/* PR_CHAR: enum mon_char; PR_OUTCOME: the outcome */
	const char *name;	/* the dataset's name for the column (borrowed) */
	int col;		/* in the header; -1 when the file has none */
};

/* One distinct value of one column. */
struct pval {
	uint64_t a, b;		/* its first 16 bytes, zero after its end */
	char *text;		/* all of it, NUL-terminated (owned) */
	uint32_t len;
	uint32_t pc;		/* its struct pcol */
	int64_t rows;
	int64_t first_row;	/* data row (1: the row after the header) */
	long first_line;
	/* after counting (classify) */
	int known;		/* 1: read (a category, 0/1, a period ...) */
	int mapped;		/* 1: read through a map line */
	const struct mon_category *cat; /* characteristics: what it reads as */
	int flag;		/* outcomes: 0 or 1 */
	const char *suggest;	/* not known: the code it obviously means, or NULL */
	const char *why;	/* and why (static) */
};

/* What one part, or the whole file, counted. */
struct ptab {
	uint32_t *slot;		      /* PTAB_SLOTS indices into v, + 1; 0: empty */
	struct pval *v;
	size_t n, cap;
	int32_t byte1[MAX_PCOLS][256]; /* index in v of a one-byte cell, -1 */
	int64_t n_values[MAX_PCOLS];  /* values listed */
	int64_t other[MAX_PCOLS];     /* rows of values past PROFILE_VALUES */
	int64_t too_long[MAX_PCOLS];  /* rows of values over PROFILE_TEXT bytes */
	int64_t blank[MAX_PCOLS];     /* id, pay, bonus: blank cells */
	int64_t amounts[MAX_PCOLS];   /* pay, bonus: amounts */
	int64_t rows, wrong_fields, first_wrong_row;
	long first_wrong_line;
	int overflow;		      /* a column passed PROFILE_VALUES */
};

struct mon_profile {
	const struct dataset *ds; /* borrowed */
	char *file;		  /* name in messages */
	struct pcol pc[MAX_PCOLS];
	int n_pc;
	struct ptab t;		  /* the whole file */
	int n_parts;		  /* parts it was read in */
	char *stopped;		  /* the reader's error that ended the reading, or NULL */
};

static void ptab_init(struct ptab *t)
{
	memset(t, 0, sizeof *t);
	t->slot = xcalloc(PTAB_SLOTS, sizeof *t->slot);
	memset(t->byte1, 0xff, sizeof t->byte1);
}

static void ptab_free(struct ptab *t)
{
	size_t i;
	for (i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
	free(t->slot);
	memset(t, 0, sizeof *t);
}

/* The masks of the first n bytes of two little-endian words. */
static void mask16(size_t n, uint64_t *m0, uint64_t *m1)
{
	*m0 = n >= 8 ? ~(uint64_t)0 : n ? ~(uint64_t)0 >> (64 - 8 * n) : 0;
	*m1 = n >= 16 ? ~(uint64_t)0 : n > 8 ? ~(uint64_t)0 >> (64 - 8 * (n - 8)) : 0;
}

/* (a, b) of the n bytes at s, s readable for 16 bytes (a csv cell) or a
 * string of n bytes (then copied first). */
static void words(const char *s, size_t n, int cell, uint64_t *a, uint64_t *b)
{
	uint64_t m0, m1;
	char w[16];
	if (!cell) {
		memset(w, 0, sizeof w);
		memcpy(w, s, n < 16 ? n : 16);
		s = w;
	}
	memcpy(a, s, 8);
	memcpy(b, s + 8, 8);
	mask16(n, &m0, &m1);
	*a &= m0;
	*b &= m1;
}

static uint32_t pval_hash(uint32_t pc, uint64_t a, uint64_t b, const char *s, size_t n)
{
	uint64_t k = (a ^ ((uint64_t)pc << 56)) * 0x9E3779B97F4A7C15ull ^
		     (b + n) * 0xC4CEB9FE1A85EC53ull;
	size_t i;
	for (i = 16; i < n; i++) /* the rest of a long text */
		k = (k ^ (unsigned char)s[i]) * 0xFF51AFD7ED558CCDull;
	return (uint32_t)(k >> 32) ^ (uint32_t)k;
}

/* The entry of (pc, text), or NULL with *at its empty slot. */
static struct pval *ptab_find(struct ptab *t, uint32_t pc, uint64_t a, uint64_t b, const char *s,
			      size_t n, uint32_t *at)
{
	uint32_t i = pval_hash(pc, a, b, s, n) & (PTAB_SLOTS - 1);
	for (;; i = (i + 1) & (PTAB_SLOTS - 1)) {
		struct pval *x;
		if (!t->slot[i]) {
			*at = i;
			return NULL;
		}
		x = &t->v[t->slot[i] - 1];
		if (x->pc == pc && x->len == n && x->a == a && x->b == b &&
		    (n <= 16 || memcmp(x->text, s, n) == 0))
			return x;
	}
}

/* Add rows of (pc, text) first seen at row/line (or, when r is set, at
 * the line of its field col, looked up only for a new value): listed
 * while the column has room, else counted with the other values. */
static void ptab_add(struct ptab *t, uint32_t pc, const char *s, size_t n, int cell, int64_t rows,
		     int64_t row, long line, const struct csv_reader *r, size_t col)
{
	uint64_t a, b;
	uint32_t at = 0;
	struct pval *x;
	if (n > PROFILE_TEXT) {
		t->too_long[pc] += rows;
		return;
	}
	words(s, n, cell, &a, &b);
	x = ptab_find(t, pc, a, b, s, n, &at);
	if (!x) {
		if (t->n_values[pc] >= PROFILE_VALUES) {
			t->other[pc] += rows;
			t->overflow = 1;
			return;
		}
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 256;
			t->v = xrealloc(t->v, t->cap * sizeof *t->v);
		}
		x = &t->v[t->n++];
		memset(x, 0, sizeof *x);
		x->a = a;
		x->b = b;
		x->len = (uint32_t)n;
		x->pc = pc;
		x->text = xmalloc(n + 1);
		memcpy(x->text, s, n);
		x->text[n] = '\0';
		x->first_row = row;
		x->first_line = r ? csv_field_line(r, col) : line;
		t->slot[at] = (uint32_t)t->n;
		t->n_values[pc]++;
		if (n == 1)
			t->byte1[pc][(unsigned char)s[0]] = (int32_t)(t->n - 1);
	} else if (row < x->first_row) {
		x->first_row = row;
		x->first_line = line;
	}
	x->rows += rows;
}

/* A cell of a pay or bonus column: an amount, blank, or a value listed. */
static int money_cell(const char *s, size_t n)
{
	size_t i, dots = 0;
	for (i = 0; i < n; i++) { /* the usual 12.50 */
		if (s[i] == '.')
			dots++;
		else if (s[i] < '0' || s[i] > '9')
			break;
	}
	if (n && i == n && dots <= 1 && s[0] != '.' && s[n - 1] != '.')
		return 1;
	return ingest_money_ok(s);
}

/* One part of the file read by one thread. */
struct ppart {
	const struct mon_profile *p;
	struct csv_reader *r;
	struct ptab t;
	struct err err;
	int rc;
};

static void *ppart_scan(void *arg)
{
	struct ppart *pp = arg;
	const struct mon_profile *p = pp->p;
	struct ptab *t = &pp->t;
	int rc, i;
	while ((rc = csv_next(pp->r, &pp->err)) == 1) {
		const struct csv_cell *cell;
		t->rows++;
		if (csv_n_fields(pp->r) != csv_n_header(pp->r)) {
			if (!t->wrong_fields++) {
				t->first_wrong_row = t->rows;
				t->first_wrong_line = csv_record_line(pp->r);
			}
			continue;
		}
		cell = csv_cells(pp->r);
		for (i = 0; i < p->n_pc; i++) {
			const struct pcol *c = &p->pc[i];
			const struct csv_cell *x;
			int32_t k;
			if (c->col < 0)
				continue;
			x = &cell[c->col];
			if (c->role == PR_ID) {
				if (!(x->len && (unsigned char)x->p[0] > ' ' &&
				      (unsigned char)x->p[0] < 0x7F) && str_blank(x->p))
					t->blank[i]++;
				continue;
			}
			if (c->role == PR_PAY || c->role == PR_BONUS) {
				if (str_blank(x->p)) {
					t->blank[i]++;
					continue;
				}
				if (money_cell(x->p, x->len)) {
					t->amounts[i]++;
					continue;
				}
			}
			if (x->len == 1 && (k = t->byte1[i][(unsigned char)x->p[0]]) >= 0) {
				t->v[k].rows++;
				continue;
			}
			ptab_add(t, (uint32_t)i, x->p, x->len, 1, 1, t->rows, 0, pp->r,
				 (size_t)c->col);
		}
	}
	pp->rc = rc < 0 ? rc : 0;
	return NULL;
}

/* Add part src to t, its rows and lines after row0 and line0. */
static void ptab_merge(struct ptab *t, const struct ptab *src, int n_pc, int64_t row0, long line0)
{
	size_t i;
	int c;
	for (i = 0; i < src->n; i++) {
		const struct pval *x = &src->v[i];
		ptab_add(t, x->pc, x->text, x->len, 0, x->rows, x->first_row + row0,
			 x->first_line + line0, NULL, 0);
	}
	for (c = 0; c < n_pc; c++) {
		t->other[c] += src->other[c];
		t->too_long[c] += src->too_long[c];
		t->blank[c] += src->blank[c];
		t->amounts[c] += src->amounts[c];
	}
	if (src->wrong_fields && !t->wrong_fields) {
		t->first_wrong_row = src->first_wrong_row + row0;
		t->first_wrong_line = src->first_wrong_line + line0;
	}
	t->wrong_fields += src->wrong_fields;
	t->rows += src->rows;
	t->overflow |= src->overflow;
}

/* ---- what a value means ------------------------------------------------*/

/* Ways of writing Missing and Not stated that the codebook does not read
 * but that mean nothing else, compared as lower-case letters and digits
 * only. */
static const struct {
	const char *v;
	const char *code;
} synonyms[] = {
	{"u", "MISSING"},	   {"unk", "MISSING"},	       {"unkn", "MISSING"},
	{"na", "MISSING"},	   {"notspecified", "MISSING"}, {"notgiven", "MISSING"},
	{"notprovided", "MISSING"}, {"notanswered", "MISSING"}, {"noresponse", "MISSING"},
	{"tbc", "MISSING"},	   {"pnts", "NS"},	       {"pnta", "NS"},
	{"prefernottoanswer", "NS"}, {"prefernottodisclose", "NS"}, {"wouldrathernotsay", "NS"},
	{"donotwishtoanswer", "NS"}, {"informationrefused", "NS"}, {"refusedtoanswer", "NS"},
};

/* s as lower-case letters and digits only, into out (cap bytes). */
static void compact(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	for (; *s && n + 1 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[n++] = (char)c;
		else if (c >= 'A' && c <= 'Z')
			out[n++] = (char)(c + 32);
	}
	out[n] = '\0';
}

/* The category the codebook reads s as for characteristic c, or NULL. */
static const struct mon_category *reads_as(const struct dataset *ds, int c, const char *s)
{
	const struct mon_category *cat;
	if (mon_classify((enum mon_char)c, (enum eth_system)ds->eth_system, s, &cat, NULL) < 0)
		return NULL;
	return cat;
}

/* Single edits of a word (letters and spaces, 4 to 30 of them): the one
 * category they are read as, or NULL when none or several. */
static const struct mon_category *one_edit(const struct dataset *ds, int c, const char *v)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyz";
	const struct mon_category *found = NULL, *cat;
	char w[40];
	size_t n = strlen(v), i, k;
	int clash = 0;
	if (n < 4 || n > 30)
		return NULL;
	for (i = 0; i < n; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') || v[i] == ' '))
			return NULL;
#define TRY()                                                                        \
	do {                                                                         \
		if ((cat = reads_as(ds, c, w)) && cat->kind == MK_RECORDED) {        \
			if (found && found != cat)                                   \
				clash = 1;                                           \
			found = cat;                                                 \
		}                                                                    \
	} while (0)
	for (i = 0; i < n && !clash; i++) { /* a letter left out */
		memcpy(w, v, i);
		memcpy(w + i, v + i + 1, n - i);
		TRY();
	}
	for (i = 0; i + 1 < n && !clash; i++) { /* two letters swapped */
		memcpy(w, v, n + 1);
		w[i] = v[i + 1];
		w[i + 1] = v[i];
		TRY();
	}
	for (i = 0; i < n && !clash; i++) /* a letter wrong */
		for (k = 0; k < 26 && !clash; k++) {
			memcpy(w, v, n + 1);
			if ((w[i] | 32) == letters[k])
				continue;
			w[i] = letters[k];
			TRY();
		}
	for (i = 0; i <= n && !clash; i++) /* a letter missing */
		for (k = 0; k < 26 && !clash; k++) {
			memcpy(w, v, i);
			w[i] = letters[k];
			memcpy(w + i + 1, v + i, n - i + 1);
			TRY();
		}
#undef TRY
	return clash ? NULL : found;
}

/* The code of the category an unknown value v of characteristic c
 * obviously means, or NULL; *why says how it was found. */
static const char *suggest(const struct dataset *ds, int c, const char *v, const char **why)
{
	const struct mon_category *cat;
	char sq[PROFILE_TEXT + 1], t[PROFILE_TEXT + 1];
	size_t i, n, o;

	compact(v, sq, sizeof sq);
	if (!*sq)
		return NULL;
	/* "W 1", "W-1", "w.1": a code with a space or punctuation inside */
	if (strcmp(sq, v) && (cat = reads_as(ds, c, sq))) {
		*why = "written with a space or punctuation inside";
		return cat->code;
	}
	/* "W01", "A004": a code with leading zeros */
	for (i = 0; sq[i] >= 'a' && sq[i] <= 'z'; i++)
		;
	if (i > 0 && sq[i] == '0') {
		n = strlen(sq);
		memcpy(t, sq, i);
		for (o = i; sq[o] == '0' && o + 1 < n; o++)
			;
		memcpy(t + i, sq + o, n - o + 1);
		if ((cat = reads_as(ds, c, t))) {
			*why = "a code written with a leading zero";
			return cat->code;
		}
	}
	for (i = 0; i < sizeof synonyms / sizeof synonyms[0]; i++)
		if (!strcmp(sq, synonyms[i].v)) {
			*why = !strcmp(synonyms[i].code, "NS") ? "a common way of writing Not stated"
							       : "a common way of writing Missing";
			return synonyms[i].code;
		}
	if (c != MC_AGE && (cat = one_edit(ds, c, v))) {
		*why = "one letter away from this category";
		return cat->code;
	}
	return NULL;
}

/* Classify every value once. */
static void profile_classify(struct mon_profile *p)
{
	size_t i;
	for (i = 0; i < p->t.n; i++) {
		struct pval *x = &p->t.v[i];
		const struct pcol *c = &p->pc[x->pc];
		x->known = 1;
		if (c->role == PR_CHAR) {
			const struct ds_map *m = dataset_map_find(p->ds, c->which, x->text, x->len);
			x->mapped = m != NULL;
			x->cat = reads_as(p->ds, c->which, m ? m->known : x->text);
			x->known = x->cat != NULL;
			if (!x->known)
				x->suggest = suggest(p->ds, c->which, x->text, &x->why);
		} else if (c->role == PR_OUTCOME) {
			x->flag = ingest_flag_value(x->text);
			x->known = x->flag >= 0;
		} else if (c->role == PR_FULL_PAY) { /* blank: on full pay */
			x->flag = str_blank(x->text) ? 1 : ingest_flag_value(x->text);
			x->known = x->flag >= 0;
		} else if (c->role == PR_PERIOD) { /* only the documented forms */
			struct period pd;
			x->known = !x->text[0] || period_parse(x->text, &pd, NULL) == 0;
		} else if (c->role == PR_PAY || c->role == PR_BONUS) {
			x->known = 0; /* amounts are counted, not listed */
		}
	}
}

/* ---- reading -----------------------------------------------------------*/

static void add_pcol(struct mon_profile *p, struct csv_reader *r, enum prole role, int which,
		     const char *name)
{
	struct pcol *c;
	if (!name[0])
		return;
	c = &p->pc[p->n_pc++];
	c->role = role;
	c->which = which;
	c->name = name;
	c->col = csv_header_index(r, name);
}

void mon_profile_free(struct mon_profile *p)
{
	if (!p)
		return;
	ptab_free(&p->t);
	free(p->file);
	free(p->stopped);
	free(p);
}

int mon_profile_read(const struct mon_read *j, struct mon_profile **out, struct err *e)
{
	struct csv_reader *r[MON_MAX_THREADS];
	struct ppart *parts = xcalloc(MON_MAX_THREADS, sizeof *parts); /* 35 KB each */
	pthread_t tid[MON_MAX_THREADS];
	const struct dataset *ds = j->ds;
	struct mon_profile *p = xcalloc(1, sizeof *p);
	int n = 0, k, rc, one = 0, o;
	long line0;
	int64_t row0;

	*out = NULL;
	p->ds = ds;
	p->file = xstrdup(j->name ? j->name : j->path ? j->path : "");
	ptab_init(&p->t);
again:
	memset(parts, 0, MON_MAX_THREADS * sizeof *parts);
	if ((rc = mon_open_parts(j, one, r, &n, e)) < 0) {
		mon_profile_free(p);
		free(parts);
		return rc;
	}
	if (!p->n_pc) {
		add_pcol(p, r[0], PR_ID, 0, ds->id_column);
		add_pcol(p, r[0], PR_UNIT, 0, ds->unit_column);
		add_pcol(p, r[0], PR_PERIOD, 0, ds->period_column);
		add_pcol(p, r[0], PR_GRADE, 0, ds->grade_column);
		for (k = 0; k < MC_COUNT; k++)
			add_pcol(p, r[0], PR_CHAR, k, ds->char_column[k]);
		for (o = 0; o < ds->n_outcomes; o++)
			add_pcol(p, r[0], PR_OUTCOME, o, ds->outcomes[o].column);
		add_pcol(p, r[0], PR_PAY, 0, ds->pay_column);
		add_pcol(p, r[0], PR_BONUS, 0, ds->bonus_column);
		add_pcol(p, r[0], PR_FULL_PAY, 0, ds->full_pay_column);
	}
	for (k = 0; k < n; k++) {
		parts[k].p = p;
		parts[k].r = r[k];
		ptab_init(&parts[k].t);
	}
	for (k = 1; k < n; k++)
		if (pthread_create(&tid[k], NULL, ppart_scan, &parts[k]) != 0)
			abort();
	ppart_scan(&parts[0]);
	for (k = 1; k < n; k++)
		pthread_join(tid[k], NULL);
	/* a part ending in an error (a split inside quotes) or past a
	 * column's limit: the whole file again, in one part */
	for (k = 0; n > 1 && k < n; k++)
		if (parts[k].rc < 0 || parts[k].t.overflow)
			break;
	if (n > 1 && k < n) {
		for (k = 0; k < n; k++) {
			ptab_free(&parts[k].t);
			csv_close(parts[k].r);
		}
		one = 1;
		goto again;
	}
	row0 = 0;
	line0 = 0;
	for (k = 0; k < n; k++) {
		ptab_merge(&p->t, &parts[k].t, p->n_pc, row0, line0);
		row0 += parts[k].t.rows;
		line0 += csv_line(parts[k].r) - 1;
		if (parts[k].rc < 0 && !p->stopped)
			p->stopped = xstrdup(parts[k].err.msg);
		ptab_free(&parts[k].t);
		csv_close(parts[k].r);
	}
	free(parts);
	p->n_parts = n;
	profile_classify(p);
	*out = p;
	return 0;
}

const char *mon_profile_stopped(const struct mon_profile *p)
{
	return p->stopped;
}

int mon_profile_parts(const struct mon_profile *p)
{
	return p->n_parts;
}

/* ---- output -------------------------------------------------------------*/

/* The values of column pc, most rows first, into *v (caller frees). */
static size_t column_values(const struct mon_profile *p, int pc, const struct pval ***v);

static int by_rows(const void *a, const void *b)
{
	const struct pval *x = *(const struct pval *const *)a, *y = *(const struct pval *const *)b;
	if (x->rows != y->rows)
		return x->rows > y->rows ? -1 : 1;
	return x->first_row < y->first_row ? -1 : x->first_row > y->first_row;
}

static size_t column_values(const struct mon_profile *p, int pc, const struct pval ***v)
{
	size_t i, n = 0;
	*v = xcalloc(p->t.n + 1, sizeof **v);
	for (i = 0; i < p->t.n; i++)
		if ((int)p->t.v[i].pc == pc)
			(*v)[n++] = &p->t.v[i];
	qsort(*v, n, sizeof **v, by_rows);
	return n;
}

/* 1 for a column a file may lack, as ingest_header allows. */
static int optional(const struct pcol *c)
{
	return c->role == PR_PERIOD || c->role == PR_PAY || c->role == PR_BONUS ||
	       c->role == PR_FULL_PAY;
}

/* What the dataset reads a column as: "person id", "ethnicity",
 * "outcome referred" ... into b. */
static void role_name(const struct mon_profile *p, const struct pcol *c, struct buf *b)
{
	switch (c->role) {
	case PR_ID:
		buf_puts(b, "person id");
		break;
	case PR_UNIT:
		buf_puts(b, "unit");
		break;
	case PR_PERIOD:
		buf_puts(b, "period");
		break;
	case PR_GRADE:
		buf_puts(b, "grade");
		break;
	case PR_CHAR:
		buf_puts(b, mon_char_name((enum mon_char)c->which));
		break;
	case PR_OUTCOME:
		buf_printf(b, "outcome %s", p->ds->outcomes[c->which].name);
		break;
	case PR_PAY:
		buf_puts(b, "hourly pay");
		break;
	case PR_BONUS:
		buf_puts(b, "bonus");
		break;
	case PR_FULL_PAY:
		buf_puts(b, "full pay");
		break;
	}
}

/* A value for text output: (blank), or as written with control bytes as
 * '?', cut at 40 characters, quoted when it starts or ends with a space. */
static void put_value(struct buf *b, const char *v)
{
	int cut = 0, n, i, q;
	if (!*v) {
		buf_puts(b, "(blank)");
		return;
	}
	n = str_utf8_prefix(v, 40, &cut);
	q = v[0] == ' ' || v[0] == '\t' || v[strlen(v) - 1] == ' ' || v[strlen(v) - 1] == '\t';
	if (q)
		buf_putc(b, '\'');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		buf_putc(b, c < 0x20 || c == 0x7f ? '?' : (char)c);
	}
	if (cut)
		buf_puts(b, "...");
	if (q)
		buf_putc(b, '\'');
}

static void count(char out[32], int64_t v)
{
	str_count(out, v);
}

/* The value as a map line takes it: trimmed, in double quotes (inner
 * quotes doubled) when it holds '=', '#' or '"'. */
static void map_value(struct buf *b, const char *v)
{
	const char *s = v;
	size_t n, i;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (strcspn(s, "=#\"") < n) {
		buf_putc(b, '"');
		for (i = 0; i < n; i++) {
			if (s[i] == '"')
				buf_putc(b, '"');
			buf_putc(b, s[i]);
		}
		buf_putc(b, '"');
		return;
	}
	buf_append(b, s, n);
}

/* A suggested map: the values it covers (trimmed, any case: "W4" and
 * "w4 " take one line) and their rows. */
struct suggestion {
	int ch;
	const struct pval *x;	/* the first (most rows) of its values */
	int64_t rows;
	int too_long;		/* the value cannot be a map line's */
};

static int same_map_value(const char *a, const char *b)
{
	const char *ea, *eb;
	while (*a == ' ' || *a == '\t')
		a++;
	while (*b == ' ' || *b == '\t')
		b++;
	ea = a + strlen(a);
	eb = b + strlen(b);
	while (ea > a && (ea[-1] == ' ' || ea[-1] == '\t'))
		ea--;
	while (eb > b && (eb[-1] == ' ' || eb[-1] == '\t'))
		eb--;
	if (ea - a != eb - b)
		return 0;
	for (; a < ea; a++, b++)
		if (*a != *b && !((*a | 32) == (*b | 32) && (*a | 32) >= 'a' && (*a | 32) <= 'z'))
			return 0;
	return 1;
}

/* The map lines to suggest, most rows first within each column. */
static size_t suggestions(const struct mon_profile *p, struct suggestion **out)
{
	struct suggestion *s = NULL;
	size_t n = 0, i, k;
	int pc;
	for (pc = 0; pc < p->n_pc; pc++) {
		const struct pval **v;
		size_t nv = column_values(p, pc, &v);
		if (p->pc[pc].role != PR_CHAR) {
			free(v);
			continue;
		}
		for (i = 0; i < nv; i++) {
			if (v[i]->known)
				continue;
			for (k = 0; k < n; k++)
				if (s[k].ch == p->pc[pc].which && same_map_value(s[k].x->text, v[i]->text))
					break;
			if (k < n) {
				s[k].rows += v[i]->rows;
				continue;
			}
			s = xrealloc(s, (n + 1) * sizeof *s);
			s[n].ch = p->pc[pc].which;
			s[n].x = v[i];
			s[n].rows = v[i]->rows;
			s[n].too_long = v[i]->len >= DS_NAME_MAX;
			n++;
		}
		free(v);
	}
	*out = s;
	return n;
}

/* One suggested map line (without its comment) into b. */
static void map_line(const struct suggestion *s, struct buf *b)
{
	if (!s->x->suggest)
		buf_puts(b, "# ");
	buf_printf(b, "map %s ", mon_char_name((enum mon_char)s->ch));
	map_value(b, s->x->text);
	buf_printf(b, " = %s", s->x->suggest ? s->x->suggest : "?");
}

/* The codes of characteristic c, for the user completing a map line. */
static void codes_of(const struct dataset *ds, int c, struct buf *b)
{
	enum eth_system sys = (enum eth_system)ds->eth_system;
	size_t i, n;
	if (c == MC_ETHNICITY && sys == ETH_AUTO)
		sys = ETH_CJ18;
	n = mon_category_count((enum mon_char)c, sys);
	for (i = 0; i < n; i++) {
		const struct mon_category *k = mon_category_at((enum mon_char)c, sys, i);
		buf_printf(b, "%s%s", i ? ", " : "", k->code);
		if (strcmp(k->code, k->label))
			buf_printf(b, " (%s)", k->label);
	}
	buf_puts(b, ", NS (Not stated), MISSING");
}

void mon_profile_text(const struct mon_profile *p, struct buf *b)
{
	struct suggestion *sg = NULL;
	size_t n_sg, i;
	struct buf role = BUF_INIT, val = BUF_INIT;
	char a[32], f[32];
	int pc, seen[MC_COUNT] = {0};

	count(a, p->t.rows);
	buf_printf(b, "Profile of %s for the dataset %s: %s row%s", p->file, p->ds->name, a,
		   p->t.rows == 1 ? "" : "s");
	if (p->ds->rows == DS_ROWS_EVENTS)
		buf_puts(b, " (events: ids are not checked)");
	buf_puts(b, "\n");
	if (p->t.wrong_fields) {
		count(a, p->t.wrong_fields);
		count(f, p->t.first_wrong_line);
		buf_printf(b, "%s row%s with the wrong number of fields (first at line %s) %s "
			      "not read below\n",
			   a, p->t.wrong_fields == 1 ? "" : "s", f, p->t.wrong_fields == 1 ? "is" : "are");
	}
	if (p->stopped)
		buf_printf(b, "Reading stopped early: %s\n", p->stopped);
	for (pc = 0; pc < p->n_pc; pc++) {
		const struct pcol *c = &p->pc[pc];
		const struct pval **v;
		size_t nv = column_values(p, pc, &v);
		int64_t unknown = 0, n_unknown = 0;
		buf_reset(&role);
		role_name(p, c, &role);
		buf_printf(b, "\n%s (%s", c->name, buf_str(&role));
		if (c->role == PR_CHAR && c->which == MC_ETHNICITY)
			buf_printf(b, ", %s", mon_eth_system_title((enum eth_system)p->ds->eth_system));
		buf_puts(b, "): ");
		if (c->col < 0) {
			buf_puts(b, optional(c) ? "not in the file's header (it may be left out)\n"
						: "not in the file's header, which it must be\n");
			free(v);
			continue;
		}
		for (i = 0; i < nv; i++)
			if (!v[i]->known && c->role != PR_PAY && c->role != PR_BONUS) {
				unknown += v[i]->rows;
				n_unknown++;
			}
		if (c->role == PR_ID) {
			count(a, p->t.blank[pc]);
			if (p->t.blank[pc])
				buf_printf(b, "%s blank\n", a);
			else
				buf_puts(b, "no blank ids\n");
			free(v);
			continue;
		}
		if (c->role == PR_PAY || c->role == PR_BONUS) {
			count(a, p->t.amounts[pc]);
			count(f, p->t.blank[pc]);
			buf_printf(b, "%s amount%s, %s blank, ", a, p->t.amounts[pc] == 1 ? "" : "s", f);
			for (i = 0; i < nv; i++)
				unknown += v[i]->rows;
			count(a, unknown);
			buf_printf(b, "%s not amounts of money%s\n", a, nv ? ":" : "");
		} else {
			buf_printf(b, "%zu value%s", nv, nv == 1 ? "" : "s");
			if (n_unknown) {
				count(a, unknown);
				buf_printf(b, ", %lld not known (%s row%s)", (long long)n_unknown, a,
					   unknown == 1 ? "" : "s");
			}
			buf_puts(b, "\n");
		}
		for (i = 0; i < nv; i++) {
			const struct pval *x = v[i];
			int said = c->role == PR_CHAR || c->role == PR_OUTCOME ||
				   c->role == PR_FULL_PAY || !x->known;
			count(a, x->rows);
			buf_printf(b, "  %12s  ", a);
			buf_reset(&val);
			put_value(&val, x->text);
			buf_printf(b, said ? "%-16s  " : "%s", buf_str(&val));
			if (c->role == PR_CHAR && x->known) {
				buf_printf(b, "%s%s: %s", x->mapped ? "map -> " : "", x->cat->code,
					   x->cat->label);
				if (c->which == MC_ETHNICITY)
					buf_printf(b, " (%s)",
						   agg_group_name(MC_ETHNICITY, x->cat));
			} else if ((c->role == PR_OUTCOME || c->role == PR_FULL_PAY) && x->known) {
				buf_printf(b, "%d", x->flag);
			} else if (!x->known) {
				count(f, x->first_line);
				buf_printf(b, "NOT KNOWN, first at line %s", f);
			}
			buf_puts(b, "\n");
		}
		if (p->t.other[pc]) {
			count(a, p->t.other[pc]);
			buf_printf(b, "  %12s  other values (past the first %d, not listed)\n", a,
				   PROFILE_VALUES);
		}
		if (p->t.too_long[pc]) {
			count(a, p->t.too_long[pc]);
			buf_printf(b, "  %12s  values longer than %d bytes (not listed)\n", a,
				   PROFILE_TEXT);
		}
		free(v);
	}
	n_sg = suggestions(p, &sg);
	if (n_sg) {
		buf_printf(b, "\nMap lines for the values parity does not know. Add them to the\n"
			      "[dataset %s] section of your config file (--config FILE).\n"
			      "A line that starts with # needs you to say what the value means:\n"
			      "replace ? with a code and remove the #.\n\n",
			   p->ds->name);
		for (i = 0; i < n_sg; i++) {
			size_t w0 = b->len, w;
			if (sg[i].too_long) {
				buf_puts(b, "# a value of ");
				buf_puts(b, mon_char_name((enum mon_char)sg[i].ch));
				buf_puts(b, " is too long for a map line: correct it in the file");
			} else {
				map_line(&sg[i], b);
			}
			w = b->len - w0;
			buf_printf(b, "%*s# ", w < 40 ? (int)(40 - w) : 1, "");
			count(a, sg[i].rows);
			count(f, sg[i].x->first_line);
			buf_printf(b, "%s row%s, first at line %s", a, sg[i].rows == 1 ? "" : "s", f);
			if (sg[i].x->suggest)
				buf_printf(b, ": %s", sg[i].x->why);
			buf_puts(b, "\n");
			seen[sg[i].ch] |= !sg[i].x->suggest;
		}
		for (i = 0; i < MC_COUNT; i++) {
			if (!seen[i])
				continue;
			buf_printf(b, "\nThe codes of %s: ", mon_char_name((enum mon_char)i));
			codes_of(p->ds, (int)i, b);
			buf_puts(b, i == MC_ETHNICITY ? ". Category names and the groups White, "
							"Mixed, Asian, Black and Other are read "
							"too (docs/codebooks.md).\n"
						      : ". Their names are read too (docs/"
							"codebooks.md).\n");
		}
	}
	free(sg);
	buf_free(&role);
	buf_free(&val);
}

void mon_profile_json(const struct mon_profile *p, struct buf *b)
{
	json_t *o = json_object(), *cols = json_array(), *maps = json_array();
	struct suggestion *sg = NULL;
	struct buf t = BUF_INIT;
	size_t n_sg, i;
	char *s;
	int pc;

	json_object_set_new(o, "file", json_string(p->file));
	json_object_set_new(o, "dataset", json_string(p->ds->name));
	json_object_set_new(o, "counting",
			    json_string(p->ds->rows == DS_ROWS_EVENTS ? "events" : "people"));
	json_object_set_new(o, "rows", json_integer(p->t.rows));
	json_object_set_new(o, "rows_wrong_fields", json_integer(p->t.wrong_fields));
	json_object_set_new(o, "stopped", p->stopped ? json_string(p->stopped) : json_null());
	for (pc = 0; pc < p->n_pc; pc++) {
		const struct pcol *c = &p->pc[pc];
		json_t *x = json_object(), *vals = json_array();
		const struct pval **v;
		size_t nv = column_values(p, pc, &v);
		int64_t unknown = 0;
		buf_reset(&t);
		role_name(p, c, &t);
		json_object_set_new(x, "column", json_string(c->name));
		json_object_set_new(x, "reads", json_string(buf_str(&t)));
		json_object_set_new(x, "found", json_boolean(c->col >= 0));
		json_object_set_new(x, "required", json_boolean(!optional(c)));
		if (c->role == PR_ID || c->role == PR_PAY || c->role == PR_BONUS)
			json_object_set_new(x, "blank", json_integer(p->t.blank[pc]));
		if (c->role == PR_PAY || c->role == PR_BONUS)
			json_object_set_new(x, "amounts", json_integer(p->t.amounts[pc]));
		for (i = 0; c->role != PR_ID && i < nv; i++) {
			const struct pval *y = v[i];
			json_t *z = json_object();
			json_object_set_new(z, "value", json_stringn(y->text, y->len));
			json_object_set_new(z, "rows", json_integer(y->rows));
			json_object_set_new(z, "first_line", json_integer(y->first_line));
			json_object_set_new(z, "known", json_boolean(y->known));
			if (c->role == PR_CHAR && y->known) {
				json_t *r = json_object();
				json_object_set_new(r, "code", json_string(y->cat->code));
				json_object_set_new(r, "label", json_string(y->cat->label));
				json_object_set_new(r, "group", json_string(agg_group_name(
									(enum mon_char)c->which, y->cat)));
				json_object_set_new(z, "reads_as", r);
				json_object_set_new(z, "mapped", json_boolean(y->mapped));
			} else if ((c->role == PR_OUTCOME || c->role == PR_FULL_PAY) && y->known) {
				json_object_set_new(z, "reads_as", json_integer(y->flag));
			}
			if (c->role == PR_CHAR && !y->known) {
				json_object_set_new(z, "suggest", y->suggest ? json_string(y->suggest)
									     : json_null());
				unknown += y->rows;
			} else if (!y->known) {
				unknown += y->rows;
			}
			json_array_append_new(vals, z);
		}
		if (c->role != PR_ID) {
			json_object_set_new(x, "distinct", json_integer((json_int_t)nv));
			json_object_set_new(x, "unknown_rows", json_integer(unknown));
			json_object_set_new(x, "other_rows", json_integer(p->t.other[pc]));
			json_object_set_new(x, "long_rows", json_integer(p->t.too_long[pc]));
			json_object_set_new(x, "values", vals);
		} else {
			json_decref(vals);
		}
		json_array_append_new(cols, x);
		free(v);
	}
	json_object_set_new(o, "columns", cols);
	n_sg = suggestions(p, &sg);
	for (i = 0; i < n_sg; i++) {
		json_t *m = json_object();
		json_object_set_new(m, "characteristic",
				    json_string(mon_char_name((enum mon_char)sg[i].ch)));
		json_object_set_new(m, "value", json_string(sg[i].x->text));
		json_object_set_new(m, "known", sg[i].x->suggest ? json_string(sg[i].x->suggest)
								 : json_null());
		json_object_set_new(m, "why", sg[i].x->suggest ? json_string(sg[i].x->why)
							       : json_null());
		json_object_set_new(m, "rows", json_integer(sg[i].rows));
		json_object_set_new(m, "first_line", json_integer(sg[i].x->first_line));
		buf_reset(&t);
		if (!sg[i].too_long)
			map_line(&sg[i], &t);
		json_object_set_new(m, "line", sg[i].too_long ? json_null() : json_string(buf_str(&t)));
		json_array_append_new(maps, m);
	}
	json_object_set_new(o, "suggested_maps", maps);
	free(sg);
	s = json_dumps(o, JSON_INDENT(2));
	if (s) {
		buf_append(b, s, strlen(s));
		buf_putc(b, '\n');
	}
	free(s);
	json_decref(o);
	buf_free(&t);
}
