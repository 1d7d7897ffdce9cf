/*
 * publish/internal.h: what the files of the publication room share — the
 * tables of a release (tables.c builds a draft and protects it), releases
 * kept in the database (release.c), the writers (out.c) and the pages
 * (web.c). docs/publication.md explains the rules in plain English.
 *
 * A suppressed cell's true count is never held in struct pub_cell: its
 * value is -1 from the moment the draft is protected, so no writer can
 * print it.
 */
#ifndef PARITY_PUBLISH_INTERNAL_H
#define PARITY_PUBLISH_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "store/store.h"

#define PUB_THRESHOLD 10   /* counts 1 to 9 are suppressed by default */
#define PUB_SMALL_GROUP 20 /* the all-or-none rule's groups: fewer than this */
#define PUB_ALL 255	   /* pub_cell.group of the "All" group */
#define PUB_MAX_OUTCOMES 16
#define PUB_MAX_CHARS 9

/* Which numerators the all-or-none rule suppresses in small groups. */
enum pub_aon {
	PUB_AON_OFF,  /* none */
	PUB_AON_ALL,  /* n of n: everyone in the group had the outcome (default) */
	PUB_AON_BOTH, /* n of n, and 0 of n */
};

/* The rules a release is protected by; stored with it. */
struct pub_rules {
	int threshold;	  /* counts from 1 to threshold - 1 are suppressed */
	int rounding;	  /* 0: exact; 5: counts rounded to the nearest 5 */
	int all_or_none;  /* enum pub_aon */
	int small_group;  /* the all-or-none rule applies to denominators below this */
};
void pub_rules_default(struct pub_rules *r);
/* "off", "all", "both" and back (ERR_USAGE naming the choices). */
const char *pub_aon_name(int aon);
int pub_aon_parse(const char *s, int *out, struct err *e);

enum pub_measure { PUB_NUMERATOR, PUB_DENOMINATOR };
/* Same numbers as enum sdc_status for the three a reader sees. */
enum pub_status { PUB_PUBLISHED = 1, PUB_PRIMARY = 2, PUB_SECONDARY = 3 };
/* Why a cell was suppressed first (primary cells). */
enum pub_why { PUB_WHY_NONE, PUB_WHY_SMALL, PUB_WHY_ALL_OR_NONE, PUB_WHY_RATE };

struct pub_cell {
	uint16_t unit;	  /* index in units (0: All) */
	uint8_t ch;	  /* index in chars */
	uint8_t group;	  /* index in that characteristic's groups, or PUB_ALL */
	uint8_t outcome;  /* index in outcomes */
	uint8_t measure;  /* enum pub_measure */
	uint8_t status;	  /* enum pub_status */
	uint8_t why;	  /* enum pub_why */
	int64_t value;	  /* what is published (rounded when the rules round);
			     -1 when suppressed */
};

/* The tables of one release of a dataset for a period: for each
 * characteristic and outcome, numerators and denominators by unit and
 * group, with the All unit and the All group as totals. */
struct pub_tables {
	char dataset[64], period[24];
	struct pub_rules rules;
	size_t n_covers;
	char (*covers)[24];	   /* the imported periods added up, in time order */
	size_t n_units;
	char **units;		   /* units[0] is "All" */
	size_t n_outcomes;
	char outcome[PUB_MAX_OUTCOMES][64];
	int of[PUB_MAX_OUTCOMES];  /* the outcome whose numerator is this one's
				      denominator, -1: everyone */
	size_t n_chars;
	char char_name[PUB_MAX_CHARS][32]; /* "ethnicity" */
	size_t n_groups[PUB_MAX_CHARS];
	char **groups[PUB_MAX_CHARS];
	struct pub_cell *cells;	   /* by characteristic, outcome, unit, group (All
				      last), numerator before denominator */
	size_t n_cells;
	size_t n_primary, n_secondary;
	/* a stored release (pub_load); 0 / "" for a draft */
	int64_t release_id;
	char released_at[32];	   /* UTC, ISO 8601 */
	char released_by[64];
	char *reason;		   /* why it replaced an earlier release, or NULL */
	int replaced;		   /* 1: it replaced an earlier release of the period */
};
void pub_tables_free(struct pub_tables *t);
/* The cell of (unit, ch, group or PUB_ALL, outcome, measure), or NULL. */
const struct pub_cell *pub_cell_find(const struct pub_tables *t, size_t unit, size_t ch,
				     size_t group, size_t outcome, int measure);
/* A published rate (numerator / denominator) is shown only when both are
 * published and the denominator is not 0: 1 with *rate (a fraction). */
int pub_rate(const struct pub_tables *t, size_t unit, size_t ch, size_t group, size_t outcome,
	     double *rate);

/* What an attacker holding every release can deduce about one suppressed
 * cell of the tables (index in cells). */
struct pub_bound {
	size_t cell;
	int64_t lo, hi; /* hi = INT64_MAX: no upper bound */
};

/* The draft that `publish release` would publish for (dataset, period):
 * the tables built from the imported periods the period covers (the
 * period itself, or those inside it: a year adds up its quarters), primary
 * suppression by the rules, secondary suppression by Gaussian elimination
 * over this draft and every stored release it is tied to (sharing an
 * imported period), and the audit. *bounds (allocated; may be NULL when
 * not wanted) gets the interval of every suppressed cell (sdc_audit: two
 * linear programs a cell, slow on a year tied to its quarters). ERR_DATA
 * when a suppressed cell would be pinned to one value and more suppression
 * does not help (e says which and why). The stored release of the period
 * itself is never part of its draft (a draft is what would replace it);
 * replacing says the caller means to replace it. */
int pub_draft(store_t *db, const char *dataset, const char *period, const struct pub_rules *r,
	      int replacing, struct pub_tables *out, struct pub_bound **bounds, size_t *n_bounds,
	      struct err *e);

/* The stored release of (dataset, period): *found 0 when there is none
 * (out left empty). */
int pub_load(store_t *db, const char *dataset, const char *period, struct pub_tables *out,
	     int *found, struct err *e);
/* The audit of the stored release of (dataset, period) against every
 * release it is tied to, now. */
int pub_audit_release(store_t *db, const char *dataset, const char *period,
		      struct pub_tables *out, struct pub_bound **bounds, size_t *n_bounds,
		      struct err *e);

/* Freeze draft t as the release of its (dataset, period), inside the
 * caller's transaction. ERR_DATA when the period is released already and
 * replace is 0 (or reason is empty). The draft must come from pub_draft
 * with replacing = replace in the same transaction. *id gets the
 * release's id. */
int pub_release(store_t *db, const struct pub_tables *t, const char *who, int replace,
		const char *reason, int64_t *id, struct err *e);

/* One stored release, for lists. */
struct pub_release_row {
	int64_t id;
	char dataset[64], period[24], released_at[32], released_by[64];
	int64_t cells, suppressed;
	int replaced;
};
/* Every stored release, newest period first (*rows allocated). */
int pub_list(store_t *db, struct pub_release_row **rows, size_t *n, struct err *e);

/* ---- writers (out.c) ---- */
/* The JSON of the machine interface (docs/publication.md), into b. */
void pub_json(const struct pub_tables *t, struct buf *b);
/* One row per cell: dataset, period, unit, characteristic, group,
 * outcome, measure, value ("[c]" when suppressed), status. */
void pub_csv(const struct pub_tables *t, struct buf *b);
/* A workbook: a cover sheet with the notes, then a sheet per
 * characteristic. */
int pub_xlsx(const struct pub_tables *t, const char *path, struct err *e);
/* Accessible HTML tables (GOV.UK classes), one per characteristic and
 * outcome, suppressed cells as [c]; the fragment only (no page frame). */
void pub_html_tables(const struct pub_tables *t, struct buf *b);
/* A whole HTML page of the tables, for `publish tables --format html`. */
void pub_html_page(const struct pub_tables *t, struct buf *b);

#endif
