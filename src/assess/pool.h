/*
 * assess/pool.h: reorganisation and redundancy impact (issue 19;
 * docs/assess.md) — a selection pool read from a staff extract and
 * analysed by protected characteristic with the four-fifths rule and the
 * monitoring statistics. Inside the assess room (its command is
 * registered in eia.c's table); the reader and the analysis are here so
 * that the fuzz target (fuzz/fuzz_pool.c) can call them.
 */
#ifndef PARITY_ASSESS_POOL_H
#define PARITY_ASSESS_POOL_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/cli.h"
#include "core/err.h"

#define POOL_MAX_CHARS 9     /* characteristics analysed at once */
#define POOL_MAX_GROUPS 32   /* groups of one characteristic */
#define POOL_FILE_BYTES (64 << 20) /* the largest extract read */
#define POOL_MIN_COUNT 30    /* monitoring's minimum group size */
#define POOL_SMALL 10	     /* counts 1 to POOL_SMALL - 1 are never written
				in evidence */

/* What happened to the people of one group (or of everyone). */
struct pool_counts {
	long long staff;      /* people in the file */
	long long at_risk;    /* of staff: at risk of redundancy */
	long long selected;   /* of at_risk: selected for redundancy */
	long long redeployed; /* of selected: redeployed */
};

/* One characteristic of the extract, counted by group. */
struct pool_char {
	const char *column;	    /* monitoring's column name: "ethnicity" (static) */
	int col;		    /* its column in the extract (0 = first / A) */
	const char *const *groups;  /* the report's order (static), n_groups of them:
				       recorded groups, then Not stated, Missing */
	size_t n_groups, n_recorded;
	struct pool_counts by[POOL_MAX_GROUPS]; /* counts per group */
};

/* A selection pool: the counts of one extract, no person's row kept. */
struct pool {
	struct pool_counts all;	  /* everyone in the file */
	size_t n_chars;
	struct pool_char chars[POOL_MAX_CHARS]; /* in the extract's column order */
};

/* Read the staff extract of len bytes at data, named name in messages
 * (its file name), into *out: a spreadsheet (.xlsx, .ods, .xls, by its
 * content or name) from its sheet named sheet (NULL: the first), anything
 * else as CSV (sheet must then be NULL: ERR_USAGE). Columns at_risk,
 * selected and redeployed (yes/no, y/n, true/false, 1/0, blank = no) and
 * the protected characteristics monitoring knows, header names matched
 * ignoring case; only the n_wanted characteristics named in wanted when
 * n_wanted > 0 (each must have a column), else every one there is.
 * ERR_DATA (ERR_NOTFOUND for a wanted characteristic monitoring does not
 * know) naming the file, line or cell, column and what to do. Allocates
 * nothing that outlives the call. */
int pool_read(const char *data, size_t len, const char *name, const char *sheet,
	      const char *const *wanted, size_t n_wanted, struct pool *out, struct err *e);

/* The analysis of p as a new JSON object (caller json_decref's it): per
 * characteristic and group the counts and rates, the four-fifths rule on
 * retention (of those at risk) and redeployment (of those selected)
 * against the highest rate among groups of at least min_count people and
 * 2% of the pool, each recorded group compared with everyone else
 * recorded (monitor_compare) on being at risk, selected and redeployed,
 * Holm's adjustment across every comparison, and for each characteristic
 * the sentence of evidence ("evidence"), which gives no count from 1 to 9
 * and no rate made from one. file is the extract's name. Fields:
 * docs/assess.md. */
json_t *pool_analyse(const struct pool *p, const char *file, long long min_count,
		     struct err *e);

/* Keep analysis a of file (sheet may be NULL) for assessment id and add
 * its evidence, one piece per characteristic, each in the audit log as
 * who ("cli:NAME", or an account) from address ("" on the command line),
 * in the caller's open transaction. ERR_NOTFOUND for no such assessment,
 * ERR_DATA once it is published. *pool_id gets the analysis's number. */
struct sqlite3;
int pool_attach(struct sqlite3 *db, int64_t id, const char *file, const char *sheet, json_t *a,
		const char *author, const char *who, const char *address, int64_t *pool_id,
		struct err *e);

/* parity eia pool ID FILE ... (assess/pool.c) */
int pool_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
#define POOL_HELP                                                                              \
	"usage: parity eia pool ID FILE [--characteristic C]... [--sheet NAME] [--min-count N]\n" \
	"         [--format text|json] [--as NAME]\n"                                           \
	"Analyse a redundancy selection pool — a staff extract (CSV or spreadsheet) with columns\n" \
	"at_risk, selected and redeployed (yes/no) and protected characteristics (ethnicity,\n" \
	"sex, ...) — and attach it to impact assessment ID as evidence, one piece per\n"         \
	"characteristic. Selection (of those at risk) is the adverse outcome; retention and\n"   \
	"redeployment are held to the four-fifths rule against the group with the highest\n"    \
	"rate (groups of at least --min-count people, 30 by default); each group is compared\n"  \
	"with everyone else recorded, p-values adjusted with Holm's method. The evidence never\n" \
	"gives a count from 1 to 9 or a rate made from one. Refused once the assessment is\n"   \
	"published. No person's row is kept.\n"

#endif
