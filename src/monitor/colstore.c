/*
 * colstore: imported person-level rows kept as column blocks.
 *
 * Why: one SQLite row per person (mon_row, before migration 005) made a
 * 10-million-row import 10 million INSERTs of text (83k rows/s) and its
 * report 10 million row reads and string decodes (34 s). Here each
 * column of up to BLOCK_ROWS people is one BLOB of small integer codes
 * (unit, grade, one byte per characteristic, the outcome bits), and
 * mon_dict says what the codes stand for. Importing is ~150 large writes;
 * a report reads ~8 bytes per person and counts them with array indexing
 * (the aggregator's tally, agg_tally_count), never a string compare. Measured
 * figures are in docs/datasets.md and bench/results.
 *
 * Codes are numbered in order of first appearance, in file order, so
 * registering them in code order gives an aggregator its units, grades
 * and groups in the order counting the rows one by one would: the report
 * from blocks equals the report from the file (tests/cli/cases_monitor.sh).
 *
 * A where (an objective's measure: --where grade=SPO,ACO) keeps some rows
 * before they are counted: each code of its column is marked kept or not
 * as the dictionary is read, the kept rows of a block are copied out
 * column by column, and the same block_count counts them. Counting every
 * row goes through block_count alone, as fast as before the where
 * existed (the report of a stored 10M-row period: 3.96G instructions
 * before, 3.94G after, by cachegrind; the same time).
 *
 * Integers and doubles are written little-endian whatever the machine.
 */
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/strindex.h"
#include "core/xalloc.h"
#include "monitor/internal.h"

#define BLOCK_ROWS 65536
#define MAX_CATS 255		/* codes of one characteristic (u8, 0: none) */

/* ---- categories as stored text -----------------------------------------*/

void mon_cat_encode(enum mon_char c, const struct mon_category *cat, struct buf *b)
{
	if (c == MC_ETHNICITY && cat->kind == MK_RECORDED)
		buf_printf(b, "%s:", mon_eth_system_name(cat->sys));
	buf_puts(b, cat->code);
}

static const struct mon_category *find_code(enum mon_char c, enum eth_system sys,
					    const char *code)
{
	size_t i, n;
	if (strcmp(code, "NS") == 0)
		return mon_special(c, MK_NOT_STATED);
	if (strcmp(code, "MISSING") == 0)
		return mon_special(c, MK_MISSING);
	if (c == MC_ETHNICITY)
		return mon_eth_code(sys, code);
	n = mon_category_count(c, sys);
	for (i = 0; i < n; i++) {
		const struct mon_category *cat = mon_category_at(c, sys, i);
		if (cat && strcmp(cat->code, code) == 0)
			return cat;
	}
	return NULL;
}

const struct mon_category *mon_cat_decode(enum mon_char c, const char *s)
{
	char part[64];
	const char *colon = strchr(s, ':');
	enum eth_system sys = ETH_AUTO;
	if (strlen(s) >= sizeof part)
		return NULL;
	if (colon) {
		memcpy(part, s, (size_t)(colon - s));
		part[colon - s] = '\0';
		if (mon_eth_system_from_name(part, &sys) < 0)
			return NULL;
		s = colon + 1;
	}
	return find_code(c, sys, s);
}

int mon_cats_decode(const char *s, const struct dataset *ds, struct mon_record *rec,
		    struct err *e)
{
	char part[64];
	int c;
	const char *p = s;

	(void)ds;
	for (c = 0; c < MC_COUNT; c++) {
		size_t n = strcspn(p, "|");
		if (n >= sizeof part)
			return err_set(e, ERR_DATA, "stored record is damaged ('%s')", s);
		memcpy(part, p, n);
		part[n] = '\0';
		rec->cat[c] = NULL;
		if (n && !(rec->cat[c] = mon_cat_decode((enum mon_char)c, part)))
			return err_set(e, ERR_DATA, "stored category '%s' of %s is unknown to this "
				       "version of parity", part, mon_char_name((enum mon_char)c));
		p += n;
		if (*p == '|')
			p++;
		else if (c < MC_COUNT - 1)
			return err_set(e, ERR_DATA, "stored record is damaged ('%s')", s);
	}
	return 0;
}

/* ---- rows kept by a where (a measure's --where) -------------------------*/

int mon_where_match(const struct mon_where *w, const struct dataset *ds, const char *text,
		    const struct mon_category *cat)
{
	const char *group = NULL;
	size_t i;
	if (w->column < 0 && !text)
		return -1;
	if (w->column >= 0) {
		if (!cat)
			return -1;
		group = dataset_group_of(ds, w->column, cat);
		if (!group)
			group = agg_group_name((enum mon_char)w->column, cat);
	}
	for (i = 0; i < w->n_values; i++) {
		const char *v = w->values[i];
		if (w->column < 0 ? str_eq_ci(v, text)
				  : str_eq_ci(v, group) || str_eq_ci(v, cat->code))
			return (int)i;
	}
	return -1;
}

/* ---- strings to codes, in order of first appearance --------------------*/

struct strdict {
	char **s;	/* s[code], code from 1; s[0] unused */
	size_t n;	/* codes given, plus 1 */
	size_t cap;
	struct strindex ix; /* string -> code */
};

static void strdict_init(struct strdict *d)
{
	d->n = d->cap = 1;
	d->s = xcalloc(1, sizeof *d->s);
	memset(&d->ix, 0, sizeof d->ix);
}

static void strdict_free(struct strdict *d)
{
	size_t i;
	for (i = 1; i < d->n; i++)
		free(d->s[i]);
	free(d->s);
	strindex_free(&d->ix);
}

/* The code of s ("" is 0), given the next code when s is new. */
static uint32_t strdict_code(struct strdict *d, const char *s)
{
	size_t at, n, code;
	if (!s || !*s)
		return 0;
	n = strlen(s);
	if ((code = strindex_find(&d->ix, d->s, s, n, &at)) != 0)
		return (uint32_t)code;
	if (d->n == d->cap) {
		d->cap *= 2;
		d->s = xrealloc(d->s, d->cap * sizeof *d->s);
	}
	code = d->n++;
	d->s[code] = xstrndup(s, n);
	strindex_add(&d->ix, d->s, d->n, at);
	return (uint32_t)code;
}

/* ---- the rows of one part of a file, column by column ------------------*/

struct mon_cols {
	const struct dataset *ds;   /* borrowed */
	unsigned char key[16];	    /* pseudonymisation key */
	int has_unit, has_grade, has_pay, has_bonus, has_full_pay, has_char[MC_COUNT];
	size_t n, cap;
	uint32_t *unit;
	uint16_t *grade;
	uint8_t *cat[MC_COUNT];
	uint16_t *outc;
	double *pay, *bonus;
	uint8_t *full_pay;	    /* 1 on full pay, 0 reduced (has_full_pay) */
	unsigned char *pid;	    /* 16 bytes a row */
	struct strdict units, grades;
	const struct mon_category *catv[MC_COUNT][MAX_CATS + 1]; /* code -> category */
	size_t n_catv[MC_COUNT];    /* codes given, plus 1 */
};

struct mon_cols *mon_cols_new(const struct dataset *ds, const unsigned char key[16])
{
	struct mon_cols *c = xcalloc(1, sizeof *c);
	int k;
	c->ds = ds;
	memcpy(c->key, key, sizeof c->key);
	c->has_unit = ds->unit_column[0] != '\0';
	c->has_grade = ds->grade_column[0] != '\0';
	c->has_pay = ds->pay_column[0] != '\0';
	c->has_bonus = ds->bonus_column[0] != '\0';
	c->has_full_pay = ds->full_pay_column[0] != '\0';
	for (k = 0; k < MC_COUNT; k++) {
		c->has_char[k] = ds->char_column[k][0] != '\0';
		c->n_catv[k] = 1;
	}
	strdict_init(&c->units);
	strdict_init(&c->grades);
	return c;
}

void mon_cols_free(struct mon_cols *c)
{
	int k;
	if (!c)
		return;
	free(c->unit);
	free(c->grade);
	for (k = 0; k < MC_COUNT; k++)
		free(c->cat[k]);
	free(c->outc);
	free(c->pay);
	free(c->bonus);
	free(c->full_pay);
	sodium_memzero(c->key, sizeof c->key);
	free(c->pid);
	strdict_free(&c->units);
	strdict_free(&c->grades);
	free(c);
}

int64_t mon_cols_rows(const struct mon_cols *c)
{
	return c ? (int64_t)c->n : 0;
}

static void grow(void **p, size_t cap, size_t size)
{
	*p = xrealloc(*p, cap * size);
}

static int cat_code(struct mon_cols *c, int k, const struct mon_category *cat, uint8_t *out,
		    struct err *e)
{
	size_t i;
	if (!cat) {
		*out = 0;
		return 0;
	}
	for (i = 1; i < c->n_catv[k]; i++)
		if (c->catv[k][i] == cat) {
			*out = (uint8_t)i;
			return 0;
		}
	if (c->n_catv[k] > MAX_CATS)
		return err_set(e, ERR_DATA, "more than %d categories of %s", MAX_CATS,
			       mon_char_name((enum mon_char)k));
	c->catv[k][c->n_catv[k]] = cat;
	*out = (uint8_t)c->n_catv[k]++;
	return 0;
}

int mon_cols_add(struct mon_cols *c, const struct mon_record *r, const char *pid,
		 const unsigned char *h, struct err *e)
{
	size_t i = c->n;
	int k;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4096;
		grow((void **)&c->unit, c->cap, sizeof *c->unit);
		grow((void **)&c->grade, c->cap, sizeof *c->grade);
		for (k = 0; k < MC_COUNT; k++)
			if (c->has_char[k])
				grow((void **)&c->cat[k], c->cap, 1);
		grow((void **)&c->outc, c->cap, sizeof *c->outc);
		if (c->has_pay)
			grow((void **)&c->pay, c->cap, sizeof *c->pay);
		if (c->has_bonus)
			grow((void **)&c->bonus, c->cap, sizeof *c->bonus);
		if (c->has_full_pay)
			grow((void **)&c->full_pay, c->cap, 1);
		grow((void **)&c->pid, c->cap, 16);
	}
	c->unit[i] = strdict_code(&c->units, r->unit);
	c->grade[i] = (uint16_t)strdict_code(&c->grades, r->grade);
	for (k = 0; k < MC_COUNT; k++)
		if (c->has_char[k] && cat_code(c, k, r->cat[k], &c->cat[k][i], e) < 0)
			return ERR_DATA;
	c->outc[i] = (uint16_t)r->outcomes;
	if (c->has_pay)
		c->pay[i] = r->has_pay ? r->pay : NAN;
	if (c->has_bonus)
		c->bonus[i] = r->has_bonus ? r->bonus : NAN;
	if (c->has_full_pay)
		c->full_pay[i] = !r->reduced_pay;
	if (h)
		memcpy(c->pid + 16 * i, h, 16);
	else
		mon_pseudonymise(c->key, pid, strlen(pid), c->pid + 16 * i);
	c->n++;
	return 0;
}

/* ---- writing blocks ----------------------------------------------------*/

static void put16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

static void put_double(unsigned char *p, double d)
{
	uint64_t v;
	memcpy(&v, &d, sizeof v);
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static int put_dict(store_stmt_t *ins, int64_t import_id, const char *kind, uint32_t code,
		    const char *value, struct err *e)
{
	if (store_rebind(ins, e, "itit", import_id, kind, (int64_t)code, value) < 0 ||
	    store_step(ins, e) < 0)
		return ERR_DB;
	return 0;
}

int mon_cols_store(store_t *db, int64_t import_id, struct mon_cols *const *parts, int n_parts,
		   int chunked, struct err *e)
{
	const struct mon_cols *c0 = parts[0];
	struct strdict units, grades;
	const struct mon_category *catv[MC_COUNT][MAX_CATS + 1];
	size_t n_catv[MC_COUNT], i;
	uint32_t *umap = NULL, *gmap = NULL;
	uint8_t cmap[MC_COUNT][MAX_CATS + 1];
	unsigned char *b_unit = NULL, *b_grade = NULL, *b_cats = NULL, *b_out = NULL,
		      *b_pay = NULL, *b_bonus = NULL;
	const unsigned char *b_full;
	store_stmt_t *ins = NULL;
	struct buf v = BUF_INIT;
	int64_t seq = 0;
	size_t pending = 0; /* chunked: bytes written in the open transaction */
	int rc = 0, p, k, n_chars = 0, uw, open_tx = 0;

	strdict_init(&units);
	strdict_init(&grades);
	for (k = 0; k < MC_COUNT; k++) {
		n_catv[k] = 1;
		n_chars += c0->has_char[k];
	}
	/* One dictionary for the whole import: each part's codes in turn. */
	for (p = 0; p < n_parts; p++) {
		const struct mon_cols *c = parts[p];
		for (i = 1; i < c->units.n; i++)
			strdict_code(&units, c->units.s[i]);
		for (i = 1; i < c->grades.n; i++)
			strdict_code(&grades, c->grades.s[i]);
		for (k = 0; k < MC_COUNT; k++)
			for (i = 1; i < c->n_catv[k]; i++) {
				size_t j;
				for (j = 1; j < n_catv[k] && catv[k][j] != c->catv[k][i]; j++)
					;
				if (j == n_catv[k]) {
					if (j > MAX_CATS) {
						rc = err_set(e, ERR_DATA, "more than %d categories of %s",
							     MAX_CATS, mon_char_name((enum mon_char)k));
						goto done;
					}
					catv[k][n_catv[k]++] = c->catv[k][i];
				}
			}
	}
	uw = units.n <= 65536 ? 2 : 4;
	if (chunked) {
		if ((rc = store_begin(db, e)) < 0)
			goto done;
		open_tx = 1;
	}
	if ((rc = store_prepare(db, &ins, e,
				"INSERT INTO mon_dict(import_id, kind, code, value) VALUES (?, ?, ?, ?)",
				"")) < 0)
		goto done;
	for (i = 1; i < units.n && rc == 0; i++)
		rc = put_dict(ins, import_id, "unit", (uint32_t)i, units.s[i], e);
	for (i = 1; i < grades.n && rc == 0; i++)
		rc = put_dict(ins, import_id, "grade", (uint32_t)i, grades.s[i], e);
	for (k = 0; k < MC_COUNT; k++)
		for (i = 1; i < n_catv[k] && rc == 0; i++) {
			buf_reset(&v);
			mon_cat_encode((enum mon_char)k, catv[k][i], &v);
			rc = put_dict(ins, import_id, mon_char_name((enum mon_char)k), (uint32_t)i,
				      buf_str(&v), e);
		}
	store_done(ins);
	ins = NULL;
	if (rc < 0)
		goto done;
	if ((rc = store_prepare(db, &ins, e,
				"INSERT INTO mon_block(import_id, seq, rows, unit, grade, cats, outcomes,"
				" pay, bonus, pid, full_pay)"
				" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				"")) < 0)
		goto done;
	b_unit = xmalloc((size_t)BLOCK_ROWS * 4);
	b_grade = xmalloc((size_t)BLOCK_ROWS * 2);
	b_cats = xmalloc((size_t)BLOCK_ROWS * (size_t)(n_chars ? n_chars : 1));
	b_out = xmalloc((size_t)BLOCK_ROWS * 2);
	b_pay = xmalloc((size_t)BLOCK_ROWS * 8);
	b_bonus = xmalloc((size_t)BLOCK_ROWS * 8);
	for (p = 0; p < n_parts; p++) {
		const struct mon_cols *c = parts[p];
		size_t at;
		/* this part's codes -> the import's */
		umap = xrealloc(umap, c->units.n * sizeof *umap);
		gmap = xrealloc(gmap, c->grades.n * sizeof *gmap);
		umap[0] = gmap[0] = 0;
		for (i = 1; i < c->units.n; i++)
			umap[i] = strdict_code(&units, c->units.s[i]);
		for (i = 1; i < c->grades.n; i++)
			gmap[i] = strdict_code(&grades, c->grades.s[i]);
		for (k = 0; k < MC_COUNT; k++) {
			cmap[k][0] = 0;
			for (i = 1; i < c->n_catv[k]; i++) {
				size_t j;
				for (j = 1; catv[k][j] != c->catv[k][i]; j++)
					;
				cmap[k][i] = (uint8_t)j;
			}
		}
		for (at = 0; at < c->n; at += BLOCK_ROWS) {
			size_t n = c->n - at < BLOCK_ROWS ? c->n - at : BLOCK_ROWS, r;
			unsigned char *q = b_cats;
			for (r = 0; r < n; r++) {
				if (uw == 2)
					put16(b_unit + 2 * r, umap[c->unit[at + r]]);
				else
					put32(b_unit + 4 * r, umap[c->unit[at + r]]);
				put16(b_grade + 2 * r, gmap[c->grade[at + r]]);
				put16(b_out + 2 * r, c->outc[at + r]);
			}
			for (k = 0; k < MC_COUNT; k++) {
				if (!c->has_char[k])
					continue;
				for (r = 0; r < n; r++)
					q[r] = cmap[k][c->cat[k][at + r]];
				q += n;
			}
			if (c->has_pay)
				for (r = 0; r < n; r++)
					put_double(b_pay + 8 * r, c->pay[at + r]);
			if (c->has_bonus)
				for (r = 0; r < n; r++)
					put_double(b_bonus + 8 * r, c->bonus[at + r]);
			/* one byte a row, 1 or 0, as held (migration 006) */
			b_full = c->has_full_pay ? c->full_pay + at : NULL;
			if (chunked && !open_tx) { /* the lock only while writing */
				if ((rc = store_begin(db, e)) < 0)
					goto done;
				open_tx = 1;
			}
			if (store_rebind(ins, e, "iiibbbbbbbb", import_id, seq, (int64_t)n,
					 c->has_unit ? b_unit : NULL, n * (size_t)uw,
					 grades.n > 1 ? b_grade : NULL, n * 2,
					 n_chars ? b_cats : NULL, n * (size_t)n_chars,
					 c->ds->n_outcomes ? b_out : NULL, n * 2,
					 c->has_pay ? b_pay : NULL, n * 8,
					 c->has_bonus ? b_bonus : NULL, n * 8,
					 c->pid + 16 * at, n * 16, b_full, n) < 0 ||
			    store_step(ins, e) < 0) {
				rc = ERR_DB;
				goto done;
			}
			seq++;
			/* a staged import: commit every few MB, so that other
			 * writers wait for one short transaction at most */
			pending += n * (16 + (size_t)uw + 2 + (size_t)n_chars + 2 + 1) +
				   (c->has_pay ? n * 8 : 0) + (c->has_bonus ? n * 8 : 0);
			if (chunked && pending >= MON_STAGE_BYTES) {
				open_tx = 0;
				if ((rc = store_commit(db, e)) < 0)
					goto done;
				pending = 0;
			}
		}
	}
	rc = 0;
	if (open_tx) {
		open_tx = 0;
		rc = store_commit(db, e);
	}
done:
	if (open_tx)
		store_rollback(db);
	store_done(ins);
	buf_free(&v);
	free(umap);
	free(gmap);
	free(b_unit);
	free(b_grade);
	free(b_cats);
	free(b_out);
	free(b_pay);
	free(b_bonus);
	strdict_free(&units);
	strdict_free(&grades);
	return rc;
}

/* ---- counting stored blocks ---------------------------------------------*/

static uint32_t get16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t get32(const unsigned char *p)
{
	return get16(p) | get16(p + 2) << 16;
}

static double get_double(const unsigned char *p)
{
	uint64_t v = (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
	double d;
	memcpy(&d, &v, sizeof d);
	return d;
}

/* What the codes of an import mean, as indexes of an aggregator. */
struct codes {
	int *unit;		/* unit code -> agg unit index (0: "All" only) */
	size_t n_unit;		/* codes, plus 1 */
	int *grade;		/* grade code -> agg grade index (-1: none) */
	size_t n_grade;
	int group[MC_COUNT][MAX_CATS + 1]; /* category code -> agg group (-1: none) */
	size_t n_cat[MC_COUNT];
	/* With a where (mon_import_load_where): keep[code] is 1 when the rows
	 * of that code of its column (unit, grade or characteristic) are
	 * counted; n_keep codes so far, plus 1 (code 0, none, is never kept). */
	const struct mon_where *where;
	unsigned char *keep;
	size_t n_keep;
};

static int damaged(int64_t import_id, const char *what, struct err *e)
{
	return err_set(e, ERR_DATA,
		       "the stored rows of import %lld are damaged (%s); import the file again",
		       (long long)import_id, what);
}

/* Append x (an aggregator index, or its negative error) as the meaning of
 * code, which must be the next one of map (n of them so far). */
static int next_code(int **map, size_t *n, int64_t code, int x, int64_t import_id,
		     const char *what, struct err *e)
{
	if (x < 0)
		return x;
	if (code != (int64_t)*n)
		return damaged(import_id, what, e);
	*map = xrealloc(*map, (*n + 1) * sizeof **map);
	(*map)[(*n)++] = x;
	return 0;
}

/* Note whether the next code of the where's column (unit or grade text,
 * or category cat) is kept, and which of its values it matches. */
static void keep_code(struct codes *c, const struct dataset *ds, const char *text,
		      const struct mon_category *cat)
{
	int m = mon_where_match(c->where, ds, text, cat);
	c->keep = xrealloc(c->keep, c->n_keep + 1);
	c->keep[c->n_keep++] = m >= 0;
	if (m >= 0 && c->where->matched)
		c->where->matched[m] = 1;
}

/* Read mon_dict into c, registering every unit, grade and group in a in
 * code order (= order of first appearance); with where (may be NULL),
 * which codes of its column are kept. */
static int load_codes(store_t *db, int64_t import_id, struct agg *a, const struct mon_where *w,
		      struct codes *c, struct err *e)
{
	store_stmt_t *st;
	int rc, k;
	memset(c, 0, sizeof *c);
	c->where = w;
	c->keep = xcalloc(1, 1);
	c->n_keep = 1;
	c->unit = xcalloc(1, sizeof *c->unit);
	c->grade = xmalloc(sizeof *c->grade);
	c->grade[0] = -1;
	c->n_unit = c->n_grade = 1;
	for (k = 0; k < MC_COUNT; k++) {
		c->n_cat[k] = 1;
		c->group[k][0] = -1;
	}
	if (store_prepare(db, &st, e,
			  "SELECT kind, code, value FROM mon_dict WHERE import_id = ?"
			  " ORDER BY kind, code",
			  "i", import_id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		const char *kind = store_col_text(st, 0), *value = store_col_text(st, 2);
		int64_t code = store_col_int(st, 1);
		enum mon_char ch;
		int x;
		if (strcmp(kind, "unit") == 0) {
			if ((rc = next_code(&c->unit, &c->n_unit, code, agg_unit(a, value, e), import_id,
					    "unit codes", e)) < 0)
				break;
			if (w && w->column == MON_WHERE_UNIT)
				keep_code(c, a->ds, value, NULL);
		} else if (strcmp(kind, "grade") == 0) {
			if ((rc = next_code(&c->grade, &c->n_grade, code, agg_grade(a, value, e),
					    import_id, "grade codes", e)) < 0)
				break;
			if (w && w->column == MON_WHERE_GRADE)
				keep_code(c, a->ds, value, NULL);
		} else if (mon_char_from_name(kind, &ch) == 0) {
			const struct mon_category *cat = mon_cat_decode(ch, value);
			if (code != (int64_t)c->n_cat[ch] || code > MAX_CATS) {
				rc = damaged(import_id, "category codes", e);
				break;
			}
			if (!cat) {
				rc = err_set(e, ERR_DATA, "stored category '%s' of %s is unknown to "
					     "this version of parity", value, kind);
				break;
			}
			if ((x = agg_group(a, ch, cat, e)) < 0) {
				rc = x;
				break;
			}
			c->group[ch][c->n_cat[ch]++] = x;
			if (w && w->column == (int)ch)
				keep_code(c, a->ds, NULL, cat);
		} else {
			rc = damaged(import_id, "an unknown kind of code", e);
			break;
		}
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

static void codes_free(struct codes *c)
{
	free(c->unit);
	free(c->grade);
	free(c->keep);
}

/* One block's columns, checked for size. */
struct block {
	size_t n;
	const unsigned char *unit, *grade, *cats, *out, *pay, *bonus;
	const unsigned char *full_pay; /* NULL: everyone on full pay (migration 006) */
	int uw;
};

/* The unit code of row r (0 when the dataset has no units). */
static uint32_t block_unit(const struct block *b, size_t r)
{
	return !b->unit ? 0 : b->uw == 2 ? get16(b->unit + 2 * r) : get32(b->unit + 4 * r);
}

static int block_read(store_stmt_t *st, int64_t import_id, int n_chars, const struct dataset *ds,
		      struct block *b, struct err *e)
{
	size_t len;
	int64_t n = store_col_int(st, 0);
	if (n <= 0 || n > BLOCK_ROWS)
		return damaged(import_id, "a block's row count", e);
	b->n = (size_t)n;
	b->unit = store_col_blob(st, 1, &len);
	b->uw = b->unit ? (int)(len / b->n) : 0;
	if (b->unit && ((b->uw != 2 && b->uw != 4) || len != b->n * (size_t)b->uw))
		return damaged(import_id, "unit column", e);
	b->grade = store_col_blob(st, 2, &len);
	if (b->grade && len != b->n * 2)
		return damaged(import_id, "grade column", e);
	b->cats = store_col_blob(st, 3, &len);
	if (n_chars && (!b->cats || len != b->n * (size_t)n_chars))
		return damaged(import_id, "characteristic columns", e);
	b->out = store_col_blob(st, 4, &len);
	if (ds->n_outcomes && (!b->out || len != b->n * 2))
		return damaged(import_id, "outcome column", e);
	b->pay = store_col_blob(st, 5, &len);
	if (b->pay && len != b->n * 8)
		return damaged(import_id, "pay column", e);
	b->bonus = store_col_blob(st, 6, &len);
	if (b->bonus && len != b->n * 8)
		return damaged(import_id, "bonus column", e);
	b->full_pay = store_col_blob(st, 7, &len);
	if (b->full_pay && len != b->n)
		return damaged(import_id, "full pay column", e);
	for (size_t r = 0; b->full_pay && r < b->n; r++)
		if (b->full_pay[r] > 1)
			return damaged(import_id, "full pay column", e);
	return 0;
}

/* Count the rows of block bp (codes checked in range) into a. The block
 * is copied so that its columns stay in registers: read through bp, each
 * row reloaded them, as a count written through a->hist might have
 * changed them (cachegrind: 10 instructions a row more, 2.5% of the
 * report of a stored 10M-row period). */
static void block_count(struct agg *a, const struct codes *c, const struct block *bp,
			const int *chars, int n_chars)
{
	const struct block bl = *bp, *b = &bl;
	size_t r;
	int kc;
	for (kc = 0; kc < n_chars; kc++) {
		const unsigned char *q = b->cats + (size_t)kc * b->n;
		enum mon_char ch = (enum mon_char)chars[kc];
		for (r = 0; r < b->n; r++) {
			uint32_t u = block_unit(b, r);
			uint32_t o = b->out ? get16(b->out + 2 * r) : 0;
			if (q[r])
				agg_tally_count(a, (size_t)c->unit[u], ch, (size_t)c->group[ch][q[r]],
						o);
		}
	}
	if (b->grade)
		for (r = 0; r < b->n; r++) {
			int gr = c->grade[get16(b->grade + 2 * r)];
			if (gr < 0)
				continue;
			for (kc = 0; kc < n_chars; kc++) {
				enum mon_char ch = (enum mon_char)chars[kc];
				uint8_t q = b->cats[(size_t)kc * b->n + r];
				if (q)
					agg_count_grade(a, (size_t)gr, ch, (size_t)c->group[ch][q], 1);
			}
		}
	/* every row of a dataset with pay or bonus is a relevant employee of
	 * the pay gaps, as agg_tally has it */
	if (b->pay || b->bonus)
		for (r = 0; r < b->n; r++) {
			double pay = b->pay ? get_double(b->pay + 8 * r) : NAN;
			double bonus = b->bonus ? get_double(b->bonus + 8 * r) : NAN;
			int sex = -1, eth = -1;
			for (kc = 0; kc < n_chars; kc++) {
				uint8_t q = b->cats[(size_t)kc * b->n + r];
				if (chars[kc] == MC_SEX && q)
					sex = c->group[MC_SEX][q];
				if (chars[kc] == MC_ETHNICITY && q)
					eth = c->group[MC_ETHNICITY][q];
			}
			agg_push_pay(a, sex, eth, !isnan(pay), pay, !isnan(bonus), bonus,
				     b->full_pay && !b->full_pay[r]);
		}
	a->rows += (int64_t)b->n;
}

/* The rows of b that c's where keeps, copied column by column into
 * *scratch (grown as needed, the caller frees it), as the block *dst
 * (pointing into it; out->n may be 0). The where's column is kc among the
 * characteristics (-1: the unit or grade). Kept apart from block_count so
 * that counting every row costs nothing more (make bench). */
static void block_filter(const struct codes *c, const struct block *b, int n_chars, int kc,
			 unsigned char **scratch, size_t *cap, struct block *dst)
{
	size_t per = (size_t)b->uw + 2 + (size_t)n_chars + 2 + 8 + 8 + 1, r, m = 0, at = 0;
	unsigned char *keep, *p;
	int k;

	if (*cap < b->n * (per + 1)) {
		*cap = b->n * (per + 1);
		*scratch = xrealloc(*scratch, *cap);
	}
	keep = *scratch;
	for (r = 0; r < b->n; r++) {
		uint32_t code = c->where->column == MON_WHERE_UNIT	? block_unit(b, r)
				: c->where->column == MON_WHERE_GRADE ? (b->grade ? get16(b->grade + 2 * r) : 0)
								      : b->cats[(size_t)kc * b->n + r];
		keep[r] = code < c->n_keep && c->keep[code];
		m += keep[r];
	}
	*dst = *b;
	dst->n = m;
	p = keep + b->n;
	/* each column of fixed width: the kept rows' bytes in order */
#define KEEP_COLUMN(field, width)                                                  \
	do {                                                                       \
		if (b->field) {                                                    \
			unsigned char *d = p + at;                                 \
			size_t j = 0;                                              \
			for (r = 0; r < b->n; r++)                                 \
				if (keep[r])                                       \
					memcpy(d + (width) * j++, b->field + (width) * r, \
					       (width));                           \
			dst->field = d;                                            \
			at += (width) * m;                                         \
		}                                                                  \
	} while (0)
	KEEP_COLUMN(unit, (size_t)b->uw);
	KEEP_COLUMN(grade, 2);
	KEEP_COLUMN(out, 2);
	KEEP_COLUMN(pay, 8);
	KEEP_COLUMN(bonus, 8);
	KEEP_COLUMN(full_pay, 1);
#undef KEEP_COLUMN
	if (n_chars) {
		unsigned char *d = p + at;
		for (k = 0; k < n_chars; k++) {
			const unsigned char *q = b->cats + (size_t)k * b->n;
			for (r = 0; r < b->n; r++)
				if (keep[r])
					*d++ = q[r];
		}
		dst->cats = p + at;
	}
}

int mon_blocks_load_where(store_t *db, int64_t import_id, struct agg *a,
			  const struct mon_where *w, int *found, struct err *e)
{
	const struct dataset *ds = a->ds;
	struct codes c;
	store_stmt_t *st = NULL;
	unsigned char *scratch = NULL;
	size_t k, cap = 0;
	int chars[MC_COUNT], n_chars = 0, rc, mask = (1 << ds->n_outcomes) - 1, where_kc = -1;

	*found = 0;
	memset(&c, 0, sizeof c);
	{
		int64_t any = 0;
		if (store_query_int(db, &any, e,
				    "SELECT EXISTS (SELECT 1 FROM mon_block WHERE import_id = ?)", "i",
				    import_id) < 0)
			return ERR_DB;
		if (!any)
			return 0;
	}
	*found = 1;
	if ((rc = load_codes(db, import_id, a, w, &c, e)) < 0)
		goto done;
	for (k = 0; k < MC_COUNT; k++)
		if (ds->char_column[k][0]) {
			if (w && w->column == (int)k)
				where_kc = n_chars;
			chars[n_chars++] = (int)k;
		}
	if (store_prepare(db, &st, e,
			  "SELECT rows, unit, grade, cats, outcomes, pay, bonus, full_pay"
			  " FROM mon_block WHERE import_id = ? ORDER BY seq",
			  "i", import_id) < 0) {
		rc = ERR_DB;
		goto done;
	}
	while ((rc = store_step(st, e)) == 1) {
		struct block b = {0};
		size_t r;
		int kc;
		if ((rc = block_read(st, import_id, n_chars, ds, &b, e)) < 0)
			break;
		/* codes in range: every later index is then safe */
		for (r = 0; r < b.n; r++) {
			uint32_t u = block_unit(&b, r);
			if (u >= c.n_unit || (b.grade && get16(b.grade + 2 * r) >= c.n_grade) ||
			    (b.out && (get16(b.out + 2 * r) & ~(uint32_t)mask)))
				break;
		}
		for (kc = 0; kc < n_chars && r == b.n; kc++) {
			const unsigned char *q = b.cats + (size_t)kc * b.n;
			size_t lim = c.n_cat[chars[kc]];
			for (r = 0; r < b.n && q[r] < lim; r++)
				;
		}
		if (r < b.n) {
			rc = damaged(import_id, "a code out of range", e);
			break;
		}
		if (w) {
			struct block kept;
			if (w->column >= 0 && where_kc < 0)
				continue; /* the characteristic is not in the data: no row */
			block_filter(&c, &b, n_chars, where_kc, &scratch, &cap, &kept);
			block_count(a, &c, &kept, chars, n_chars);
		} else {
			block_count(a, &c, &b, chars, n_chars);
		}
	}
done: /* rc: 0 at the last block, or the error */
	agg_tally_fold(a);
	store_done(st);
	codes_free(&c);
	free(scratch);
	return rc;
}

int mon_blocks_load(store_t *db, int64_t import_id, struct agg *a, int *found, struct err *e)
{
	return mon_blocks_load_where(db, import_id, a, NULL, found, e);
}
