/*
 * monitor: diversity monitoring — the public face of the monitoring room.
 * The site (its rooms, the dashboard) calls only this.
 */
#ifndef PARITY_MONITOR_H
#define PARITY_MONITOR_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/buf.h"
#include "core/cli.h"
#include "store/store.h"
#include "web/web.h"

/* The monitoring room (core/room.h): its commands, pages and navigation. */
extern const struct room monitor_room;
/* The section of its pages (web_page_begin). */
#define SEC_MONITORING "monitoring"

/* The monitoring pages of parity serve (monitor/web.c): /monitoring and
 * everything under it. */
extern const struct web_route monitor_pages[];
extern const size_t monitor_n_pages;

/* What the dashboard shows of the monitoring room. */
struct monitor_summary {
	int64_t open_flags;	/* flags nobody has explained or acted on yet */
	int64_t unclosed_flags; /* flags not closed (open, explained or actioned) */
	int has_import;		/* 0 when nothing was imported: the rest is empty */
	char last_dataset[64];	/* the import made last: dataset, ... */
	char last_period[24];	/* ... period, ... */
	char last_at[24];	/* ... when (UTC, ISO 8601), ... */
	int64_t last_rows;	/* ... and how many rows */
	char latest_period[24]; /* the latest period of last_dataset */
	double completeness;	/* recorded share (%) of every characteristic of
				   last_dataset in latest_period, all units
				   together; NaN when unknown */
};
/* Fill *out from the database (read only; allocates nothing). */
int monitor_dashboard_summary(store_t *db, struct monitor_summary *out, struct err *e);
/* Monitoring's section of the dashboard page, written into rs
 * (monitor/summary.c): open flags, the last import and completeness. */
int monitor_web_dashboard(struct web_req *rq, struct web_resp *rs, struct err *e);
/* ---- counts for publication (monitor/pubcounts.c) ---------------------- */

#define MONITOR_MAX_OUTCOMES 16
#define MONITOR_MAX_CHARS 9
#define MONITOR_GROUP_STRIDE 32 /* groups a characteristic may have, at most */

/* The counts of several imported periods of one dataset, each on its own,
 * laid out alike: the units, groups and outcomes of all of them together
 * (a unit or group absent from a period counts 0 there). */
struct monitor_counts {
	char dataset[64];
	size_t n_periods;
	char (*periods)[24];	/* as asked */
	size_t n_units;
	char **units;		/* units[0] is "All" (the organisation), then by name */
	size_t n_outcomes;
	char outcome[MONITOR_MAX_OUTCOMES][64];
	int of[MONITOR_MAX_OUTCOMES]; /* the outcome whose numerator is this
				   one's denominator (a stage), -1: everyone */
	size_t n_chars;
	int chars[MONITOR_MAX_CHARS];	/* enum mon_char, in the codebook's order */
	const char *char_name[MONITOR_MAX_CHARS]; /* "ethnicity" (static) */
	size_t n_groups[MONITOR_MAX_CHARS];
	char **groups[MONITOR_MAX_CHARS]; /* the report's order: recorded groups,
					     then Not stated, then Missing */
	int *group_kind[MONITOR_MAX_CHARS]; /* 0 recorded, 1 not stated, 2 missing */
	int64_t rounded;	/* the largest rounding of a count import (0: exact) */
	int64_t *num, *den;	/* monitor_counts_at */
};
static inline size_t monitor_counts_at(const struct monitor_counts *c, size_t p, size_t u,
				       size_t k, size_t g, size_t o)
{
	return (((p * c->n_units + u) * MONITOR_MAX_CHARS + k) * MONITOR_GROUP_STRIDE + g) *
		       c->n_outcomes + o;
}
/* Load the counts of dataset for each of the n periods (imported ones,
 * canonical spelling). ERR_NOTFOUND naming a period not imported;
 * ERR_DATA when a period's counts are not all known (a count table that
 * was itself suppressed cannot be published again) or the periods'
 * outcomes differ. Free with monitor_counts_free (also after a failure). */
int monitor_counts_load(store_t *db, const char *dataset, const char *const *periods, size_t n,
			struct monitor_counts *out, struct err *e);
void monitor_counts_free(struct monitor_counts *c);
/* The imported periods of dataset, in time order (*out allocated, free it). */
int monitor_periods(store_t *db, const char *dataset, char (**out)[24], size_t *n,
		    struct err *e);
/* The datasets with imported periods, by name (*out allocated, free it). */
int monitor_datasets(store_t *db, char (**out)[64], size_t *n, struct err *e);
/* A dataset for readers: "service-users" is "Service users" (as the
 * monitoring pages say it); another name as it is. Static or name. */
const char *monitor_dataset_label(const char *name);
/* A characteristic's column name for readers: "religion" is "Religion or
 * belief" (the Equality Act's words); an unknown name as it is. */
const char *monitor_char_label(const char *name);
/* Mail those who handle flags (and want reminders) about the open flags
 * raised in the last 14 days that they have not been told of
 * (monitor/notices.c). *queued (may be NULL) gets the messages queued.
 * Nothing happens while mail is not set up. Its own transaction. */
int monitor_flag_notices(store_t *db, time_t now, int *queued, struct err *e);
/* ---- for other rooms: counts in, groups, comparisons (monitor/public.c) --
 *
 * The staff network's mentoring outcomes, case counts and survey results
 * enter monitoring as count tables, so that their reports, flags and
 * publication are monitoring's own (docs/network.md). */

/* Import a count table held in memory — the columns of 'parity data
 * import-counts' (unit, period, characteristic, group, outcome,
 * numerator, denominator[, direction]) — as dataset, every period in it
 * replacing an earlier import of that period, and raise the flags of its
 * reports, in one transaction of its own (none may be open). name is the
 * table's name in messages and in the import's record; author is who
 * imported it (an account, or cli:NAME). Each problem of a bad table is
 * appended to problems (may be NULL) as one line; ERR_DATA then, and
 * nothing changed. *raised (may be NULL) gets the flags raised. */
int monitor_counts_import_mem(store_t *db, const char *dataset, const char *name,
			      const char *author, const char *csv, size_t len,
			      struct buf *problems, int *raised, struct err *e);

/* The analysis group a value of a characteristic counts in, as the
 * Diversity Report names it: ethnicity "B1", "Black Caribbean" or "Black"
 * give "Black"; "NS" or "Prefer not to say" give "Not stated"; a blank
 * gives "Missing"; sex "F" gives "Female". characteristic is a column
 * name or label ("ethnicity", "religion", "Religion or belief"). *group
 * is static. ERR_DATA saying what is accepted for a value not understood,
 * ERR_NOTFOUND for a characteristic that is not one. Never allocates. */
int monitor_group_of(const char *characteristic, const char *value, const char **group,
		     struct err *e);
/* The groups of a characteristic in the report's order (recorded groups,
 * then "Not stated", "Missing") into *groups (static), their number into
 * *n and the recorded ones' into *n_recorded; the canonical column name
 * into *column (static). ERR_NOTFOUND for an unknown characteristic. */
int monitor_groups_of(const char *characteristic, const char *const **groups, size_t *n,
		      size_t *n_recorded, const char **column, struct err *e);

/* One group's rate against a reference group's, with the monitoring
 * report's methods (docs/methods.md): a of n1 against c of n2. */
struct monitor_comparison {
	double rate, ref_rate;	/* a / n1, c / n2 */
	double diff, diff_lo, diff_hi; /* rate - ref_rate with its 95% interval
				   (Newcombe's hybrid score interval, from
				   the two Wilson intervals) */
	double rr, rr_lo, rr_hi; /* relative rate and its interval (NaN when
				   not defined: c = 0) */
	double p;		/* two-sided p, unadjusted: Fisher's exact
				   test when an expected count is below 5,
				   else the two-proportion z test */
	const char *test;	/* "Fisher's exact test" or "z test" (static) */
};
/* Compare a of n1 with c of n2 (n1, n2 > 0; 0 <= a <= n1, 0 <= c <= n2):
 * ERR_DATA otherwise. Never allocates. */
int monitor_compare(long long a, long long n1, long long c, long long n2,
		    struct monitor_comparison *out, struct err *e);
/* The 95% Wilson score interval of k of n (n > 0) into *lo, *hi. */
void monitor_wilson(long long k, long long n, double *lo, double *hi);
/* Holm's adjustment of n p-values (NaN skipped) into out (may be p). */
int monitor_adjust_holm(const double *p, size_t n, double *out, struct err *e);

/* ---- measures of equality objectives (monitor/measure.c) ----------------
 *
 * The plan's objectives (docs/objectives.md) track a number computed from
 * monitoring data for every imported period of a dataset. */
enum monitor_measure_kind {
	MONITOR_SHARE,	      /* the group's share of those whose characteristic
				 is recorded (Not stated, Missing left out) */
	MONITOR_RATE,	      /* the group's rate of an outcome */
	MONITOR_RATIO,	      /* that rate relative to the reference group's
				 (the Diversity Report's: White for ethnicity,
				 the largest group otherwise) */
	MONITOR_COMPLETENESS, /* the share of everyone whose characteristic is
				 recorded */
	MONITOR_PAY_GAP,      /* the pay gap of sex (women against men) or
				 ethnicity (every group but White together,
				 against White), % of the comparator's pay */
};
struct monitor_measure {
	const char *dataset;
	enum monitor_measure_kind kind;
	const char *characteristic; /* a column name or label ("ethnicity",
				       "Religion or belief"); pay gap: "sex" or
				       "ethnicity" */
	const char *group;	    /* share, rate, ratio: an analysis group as
				       the report names it ("Black"); pay gap:
				       NULL for women (sex) or every recorded
				       group but White together (ethnicity), or
				       one group against the comparator */
	const char *outcome;	    /* rate, ratio: one of the dataset's
				       outcomes; else NULL */
	int median;		    /* pay gap: 1 the median, 0 the mean */
	const char *where_column;   /* keep only rows whose column has one of
				       where_values (the unit or grade column, or
				       a characteristic: its group or code); NULL:
				       every row */
	const char *const *where_values;
	size_t n_where;
};
/* One period's value of a measure. */
struct monitor_measure_value {
	char period[24];
	double value;		 /* share, rate, completeness, pay gap: in % (0
				    to 100); ratio: the relative rate. NaN when
				    not defined (nobody counted) */
	int64_t numerator;	 /* share: the group; rate, ratio: the group's
				    with the outcome; completeness: recorded;
				    pay gap: the group's employees counted */
	int64_t denominator;	 /* share: everyone recorded; rate, ratio: the
				    group; completeness: everyone; pay gap: the
				    comparator's employees counted */
	int64_t ref_numerator;	 /* ratio: the reference group's, else 0 */
	int64_t ref_denominator;
	int64_t not_recorded;	 /* share: Not stated and Missing (counted
				    beside, not in the share); else 0 */
	double low, high;	 /* the 95% interval: Wilson for shares, rates
				    and completeness, the report's method for
				    ratios, the normal approximation of the mean
				    pay gap; NaN when there is none (a median
				    pay gap, a value not defined); a ratio's high
				    is INFINITY when the data cannot bound it */
	char reference[64];	 /* ratio: the reference group; pay gap: the
				    comparator ("Male", "White"); else "" */
};
/* Check m against the data: the dataset has imported periods, the
 * characteristic, group, outcome and where column are known there.
 * ERR_NOTFOUND / ERR_USAGE naming what is wrong and listing the choices
 * (--share, --of, --where ...: the command line's words). Reads only. */
int monitor_measure_check(store_t *db, const struct monitor_measure *m, struct err *e);
/* m's value in every imported period of its dataset, oldest first, into
 * *out (allocated, free it; NULL when none) and *n. Count tables (imported
 * counts, not rows) cannot be filtered by where: ERR_DATA saying so.
 * Reads only. */
int monitor_measure_values(store_t *db, const struct monitor_measure *m,
			   struct monitor_measure_value **out, size_t *n, struct err *e);

/* ---- flags raised by other rooms (monitor/flag_raise.c) -----------------
 *
 * An objective going off track enters the same explain-or-act loop as a
 * finding of the Diversity Report: a flag on the flags page, explained or
 * acted on there. */
struct monitor_flag_raise {
	const char *source;	   /* the room's word: "objective" */
	const char *ref;	   /* the room's key, unique in source: "measure 4" */
	const char *dataset;	   /* the data it was found in ... */
	const char *period;	   /* ... and the period (the latest value's) */
	const char *characteristic; /* column name, or "" */
	const char *group;	   /* or "" */
	const char *finding;	   /* in words: "Objective 3 (...) is off track: ..." */
	const char *href;	   /* the page about it ("/objectives/3"), or NULL */
	double value;		   /* the measure's latest value */
	int64_t numerator, denominator; /* its counts */
	const char *author;	   /* who or what raised it ("parity objective check") */
};
/* Raise f unless a flag of (source, ref) for f->period exists already:
 * *flag_id gets the flag (new or old), *raised 1 when new. A flag of the
 * same (source, ref) for an earlier period is its previous one (the
 * finding recurs). The caller owns the transaction. */
int monitor_flag_raise(store_t *db, const struct monitor_flag_raise *f, int64_t *flag_id,
		       int *raised, struct err *e);
#endif
