/*
 * monitor/internal.h: what the files of the monitoring room share — the
 * normalised record every input is turned into, the aggregator that
 * counts records into the cells the statistics need, and the report
 * model built from those counts. Person-level CSV (analyze), stored rows
 * (report diversity) and aggregate counts (import-counts) all end in the
 * same aggregator, so every path gives the same numbers.
 */
#ifndef PARITY_MONITOR_INTERNAL_H
#define PARITY_MONITOR_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/period.h"
#include "core/strindex.h"
#include "monitor/codebook.h"
#include "monitor/dataset.h"
#include "store/store.h"

#define AGG_MAX_GROUPS 32
#define MON_MAX_THREADS 64 /* threads analyze reads a file with, at most */
#define AGG_CAT_CACHE 1024 /* slots of agg's category cache (power of 2) */

/* One person's record, normalised. Strings are borrowed from the caller. */
struct mon_record {
	const char *unit;			 /* "" when the dataset has no units */
	size_t unit_len;			 /* strlen(unit) when known, else 0 */
	const char *grade;			 /* "" when none */
	const struct mon_category *cat[MC_COUNT]; /* NULL when not in the dataset */
	uint32_t outcomes;			 /* bit i: outcome i happened */
	double pay, bonus;			 /* valid when has_pay / has_bonus */
	int has_pay, has_bonus;
	int reduced_pay;			 /* 1 when the full_pay column says 0:
						    not a full-pay relevant employee */
	/* Hints (ingest_record; NULL: none): cells of the reader's memo, one
	 * per unit name and per classified text, -1 until set, for the one
	 * aggregator its records go to (agg_tally) to keep the unit's or the
	 * category's group index in, so that the next record with the same
	 * text skips the lookups. */
	int32_t *unit_hint;
	int32_t *cat_hint[MC_COUNT];
};

/* Counts of one (unit, characteristic, group) cell. */
struct agg_cell {
	int64_t n;			  /* records; not known when unk_den is not 0 */
	int64_t num[DS_MAX_OUTCOMES];	  /* outcome happened (and its stage did) */
	int64_t den[DS_MAX_OUTCOMES];	  /* its stage happened (or every record) */
	/* Aggregate counts only (import-counts): bit o set when num[o] /
	 * den[o] is not known, because a published table suppressed it (or a
	 * cell added into it); the stored value is then the sum of the known
	 * parts and must never be read as the count. */
	uint32_t unk_num, unk_den;
	uint32_t parts[DS_MAX_OUTCOMES];  /* aggregate counts: published cells added
					     up into outcome o's counts (a rounded
					     count is off by parts × rounded / 2 at most) */
};

/* One relevant employee (every record of a dataset with a pay or bonus
 * column): the pay gaps' bonus figures count them all, the hourly pay
 * figures those with has_pay and not reduced. */
struct agg_pay {
	int sex, eth;	  /* group index in the sex / ethnicity group lists, -1 if none */
	double pay, bonus; /* bonus 0 when none paid */
	int has_pay;
	uint8_t has_bonus; /* the bonus cell was not blank */
	uint8_t reduced;   /* on reduced pay (the full_pay column said 0) */
};

struct agg {
	const struct dataset *ds;	   /* borrowed */
	char **units;			   /* units[0] is "All" */
	size_t n_units;
	char **groups[MC_COUNT];	   /* analysis groups per characteristic */
	int group_kind[MC_COUNT][AGG_MAX_GROUPS]; /* enum mon_kind of each group */
	size_t n_groups[MC_COUNT];
	struct agg_cell *cells;		   /* [unit][char][group] */
	size_t cap_units;
	char **grades;			   /* staff grades, for representation */
	size_t n_grades;
	int64_t *grade_n;		   /* [grade][char][group] head counts */
	struct agg_pay *pay;		   /* every record with pay, all units (every
					      record, when the dataset has a pay or
					      bonus column) */
	size_t n_pay, cap_pay;
	int64_t rows;			   /* records added */
	int counts_only;		   /* 1 when fed aggregate counts */
	int64_t rounded;		   /* aggregate counts rounded to the nearest
					      this (import-counts --rounded); 0: exact */
	struct strindex unit_index;	   /* unit name -> index (from 1) */
	/* category -> group index, so records skip the name lookup */
	struct agg_cat_slot {
		const struct mon_category *cat; /* NULL: empty */
		int ch, group;
	} cat_slot[AGG_CAT_CACHE];
	/* agg_tally's histogram: counts per (unit, characteristic, group,
	 * outcome bits), folded into cells by agg_tally_fold */
	uint32_t *hist;			   /* hist_units × MC_COUNT blocks (agg_hist_at) */
	size_t hist_units;		   /* units with room in hist */
	size_t hist_out;		   /* 1 << outcomes; 0: no histogram */
	uint64_t hist_n;		   /* counts added to hist since the last fold (at
					      least its largest cell) */
};

/* Name of the analysis group a category belongs to: the high-level group
 * for ethnicity ("Black"), the label otherwise; "Not stated" / "Missing"
 * for those kinds. Static string. */
const char *agg_group_name(enum mon_char c, const struct mon_category *cat);

/* New empty aggregator for dataset ds (borrowed, must outlive it). */
struct agg *agg_new(const struct dataset *ds);
void agg_free(struct agg *a);
/* Count one record into unit "All" and its own unit. Returns 0, or
 * ERR_DATA when a limit is passed (too many groups). */
int agg_add(struct agg *a, const struct mon_record *r, struct err *e);
/* agg_add for reading many records: the record bumps one histogram cell
 * per characteristic, and the cells are counted from the histogram by
 * agg_tally_fold, which must be called before the counts are read or
 * merged. Units, grades and groups are registered at once, so their order
 * is agg_add's, and so are the counts after the fold. */
int agg_tally(struct agg *a, const struct mon_record *r, struct err *e);
void agg_tally_fold(struct agg *a);
/* agg_count of one record into the tally: unit u, group g of c, outcome
 * bits `outcomes`. Inline, as it runs once a characteristic a row (a call
 * made the report of a stored 10M-row period 0.30 s -> 0.47 s); the rest
 * (room for a new unit, a fold before a count could overflow, units
 * counted straight into cells) is in agg_tally_more. */
void agg_tally_more(struct agg *a, size_t u, enum mon_char c, size_t g, uint32_t outcomes);
/* The histogram's counts of (unit u, characteristic c, group g), one per
 * outcome bits. Each (u, c) takes AGG_MAX_GROUPS × hist_out counts and a
 * cache line more: without it each started on a multiple of 2 KiB, the
 * few groups in use fell in a quarter of the processor's cache sets, and
 * they pushed one another out (cachegrind, 200k demo rows: 3.8 misses of
 * the first-level cache a row in agg_tally, 0.3 with the pad). */
#define AGG_HIST_PAD 16
static inline size_t agg_hist_block(const struct agg *a)
{
	return AGG_MAX_GROUPS * a->hist_out + AGG_HIST_PAD;
}
static inline size_t agg_hist_at(const struct agg *a, size_t u, enum mon_char c, size_t g)
{
	return (u * MC_COUNT + (size_t)c) * agg_hist_block(a) + g * a->hist_out;
}
static inline void agg_tally_count(struct agg *a, size_t u, enum mon_char c, size_t g,
				   uint32_t outcomes)
{
	if (u < a->hist_units && a->hist_n < UINT32_MAX) {
		a->hist[agg_hist_at(a, u, c, g) + outcomes]++;
		a->hist_n++;
		return;
	}
	agg_tally_more(a, u, c, g, outcomes);
}
/* agg_add in pieces, for counting stored column blocks (colstore.c) by
 * code: the index of a unit ("" and NULL: 0, "All"), of a grade ("" and
 * NULL: -1) and of a category's group, each registered when new (negative
 * on passing a limit); then w records of outcome bits `outcomes` counted
 * into unit u (and "All"), w head counts into grade gr, one pay record.
 * Registering in order of first appearance and counting in any order
 * gives what agg_add of the records in file order gives. */
int agg_unit(struct agg *a, const char *name, struct err *e);
int agg_grade(struct agg *a, const char *grade, struct err *e);
int agg_group(struct agg *a, enum mon_char c, const struct mon_category *cat, struct err *e);
void agg_count(struct agg *a, size_t u, enum mon_char c, size_t g, uint32_t outcomes, int64_t w);
void agg_count_grade(struct agg *a, size_t gr, enum mon_char c, size_t g, int64_t w);
void agg_push_pay(struct agg *a, int sex, int eth, int has_pay, double pay, int has_bonus,
		  double bonus, int reduced);
/* Add aggregate counts directly (import-counts): numerator/denominator of
 * one outcome for one group; n is taken as the larger denominator seen. */
int agg_add_counts(struct agg *a, const char *unit, enum mon_char c, const char *group,
		   int kind, int outcome, int64_t num, int64_t den, struct err *e);
/* Which counts are not known: of a row or cell of aggregate counts
 * (MON_UNK_NUM, MON_UNK_DEN), of a comparison (all four). */
enum {
	MON_UNK_NUM = 1 << 0,	  /* the group's numerator */
	MON_UNK_DEN = 1 << 1,	  /* the group's denominator */
	MON_UNK_REF_NUM = 1 << 2, /* the reference's numerator */
	MON_UNK_REF_DEN = 1 << 3, /* the reference's denominator */
};
/* agg_add_counts of a count that may not be known: `unknown` (MON_UNK_NUM,
 * MON_UNK_DEN) marks num / den as suppressed in the source (their values
 * are then not added), and `parts` says how many published cells were
 * already added up into these counts (1 for a row of a table). */
int agg_add_counts_ex(struct agg *a, const char *unit, enum mon_char c, const char *group,
		      int kind, int outcome, int64_t num, int64_t den, unsigned unknown,
		      uint32_t parts, struct err *e);
/* Add b's counts to a (same dataset): units, groups and grades new to a
 * are appended in b's order, pay records after a's. Adding the parts of a
 * file in file order gives exactly what counting the whole file would.
 * Returns 0, or ERR_DATA when a limit is passed. */
int agg_merge(struct agg *a, const struct agg *b, struct err *e);
/* The cell for unit u, characteristic c, group g. */
struct agg_cell *agg_cell_at(const struct agg *a, size_t u, enum mon_char c, size_t g);
/* Index of a group name within characteristic c, or -1. */
int agg_group_index(const struct agg *a, enum mon_char c, const char *name);

/* ---- the report model (analysis.c) ---- */

/* Which group a characteristic's groups are compared with: White for
 * ethnicity and the largest group otherwise (default), the group with the
 * highest rate in each unit, everyone else, everyone together, or a group
 * named by the user (REF_GROUP). */
enum mon_ref { REF_DEFAULT, REF_HIGHEST, REF_REST, REF_OVERALL, REF_GROUP };
enum mon_adjust { ADJ_HOLM, ADJ_BH };

#define MON_GROUP_NAME_MAX 64 /* bytes of a group's name, with its NUL */

/* The reference of one characteristic, when it is not the report's. */
struct mon_char_ref {
	int set;			      /* 0: the report's reference applies */
	enum mon_ref mode;		      /* REF_GROUP: group names it */
	char group[MON_GROUP_NAME_MAX];	      /* the reference group's name */
};

/* Every choice of method; all are printed in the report's method notes. */
struct mon_settings {
	double alpha;		    /* significance after adjustment, 0.05 */
	double band_low, band_high; /* relative rates inside are not flagged: 0.8, 1.25 */
	double four_fifths;	    /* impact ratio below this is adverse: 0.8 */
	int64_t min_den;	    /* both denominators at least this to flag: 30 */
	double confidence;	    /* of the relative rate interval: 0.95 */
	enum mon_adjust adjust;	    /* Holm (default) or Benjamini-Hochberg */
	enum mon_ref reference;	    /* White / largest group (default), highest
				       rate, everyone else, overall */
	struct mon_char_ref char_ref[MC_COUNT]; /* per characteristic, overriding
						   `reference` where set */
	int per;		    /* rates are shown per this many people: 100
				       (a percentage, default) or 1000 */
	double completeness_target; /* recorded share below this is highlighted: 0.90 */
};

/* The reference of characteristic c under s: its own when set, else the
 * report's; *group gets the named group for REF_GROUP (else NULL). */
enum mon_ref mon_settings_ref(const struct mon_settings *s, enum mon_char c,
			      const char **group /* OUT */);
/* Set characteristic c's reference from text: "default", "highest",
 * "rest", "overall" (any case), else a group's name, which
 * mon_report_build checks against c's groups (the codebook's and the
 * dataset's own) and refuses (ERR_USAGE, naming them) when unknown. */
void mon_settings_set_ref(struct mon_settings *s, enum mon_char c, const char *text);
/* Parse one --reference value: "MODE" for every characteristic, or
 * "CHARACTERISTIC=MODE_OR_GROUP" for one. ERR_USAGE when unknown. */
int mon_settings_parse_ref(struct mon_settings *s, const char *arg, struct err *e);
/* "everyone else", "overall", "the highest-rate group", the group's name,
 * or "White for ethnicity, the largest group otherwise": the reference of
 * c in words, for method notes. Static or s-owned string. */
const char *mon_settings_ref_words(const struct mon_settings *s, enum mon_char c);

void mon_settings_default(struct mon_settings *s);

#define MON_MAX_TREND 8

struct mon_comparison {
	char *unit;		/* "All" or a unit */
	enum mon_char ch;	/* characteristic */
	char *group;		/* "Black" */
	char *reference;	/* "White", or "everyone else" / "overall" */
	int outcome;		/* index into the dataset's outcomes */
	int favourable;		/* direction of the outcome */
	int64_t num, den;	/* group */
	int64_t ref_num, ref_den;
	double rate, ref_rate;	/* NaN when a denominator is 0 */
	double rr, rr_low, rr_high; /* observed RR: 0 when num is 0, NaN when not
				       defined (reference rate 0, or a rate not
				       available); rr_high may be INFINITY */
	int rr_method;		/* enum stats_rr_method of the interval */
	int available;		/* 0 when either denominator is 0 (a 0/0
				   group: rates "not available") */
	double p, p_adj;	/* NaN when not tested */
	double impact_ratio;	/* the four-fifths impact ratio of the group (as
				   in its struct mon_impact); NaN when none */
	int test;		/* 0 none, 1 Fisher's exact, 2 two-proportion z */
	int tested;		/* 1 when in the adjusted family */
	int adverse;		/* four-fifths rule or its mirror (struct mon_impact) */
	size_t impact_ix;	/* index of its entry in the report's impact
				   list while the report is built; SIZE_MAX
				   when it has none */
	int too_few;		/* a denominator below the minimum */
	int flag;		/* met the flag rule */
	int data_group;		/* 1 for Not stated / Missing rows (never tested) */
	unsigned unknown;	/* MON_UNK_* bits: counts it needs that are not known
				   (suppressed in the source table). Not 0: the
				   comparison is not available — rate, RR, p NaN as
				   they need them, never tested, flagged or adverse */
	int within_rounding;	/* counts rounded: for some true counts within the
				   rounding the RR would be inside the band, so it
				   is never flagged */
	int n_trend;		/* earlier periods, oldest first */
	char trend_period[MON_MAX_TREND][24];
	double trend_rr[MON_MAX_TREND];
};

/* The four-fifths rule for one group (Uniform Guidelines on Employee
 * Selection Procedures): its rate against the best rate of the unit —
 * the highest for a favourable outcome, the lowest for an unfavourable
 * one — among groups with at least the minimum count and 2% of the pool.
 * Only recorded groups (never Not stated or Missing) are assessed; the
 * group with the best rate is assessed too (ratio 1). */
struct mon_impact {
	char *unit;
	enum mon_char ch;
	char *group;
	int outcome;		/* index into the dataset's outcomes */
	int favourable;		/* direction of the outcome */
	int64_t num, den;	/* the group's counts */
	double rate;		/* NaN when den is 0 */
	char *compared_with;	/* the best group, NULL when no group can serve */
	double compared_rate;	/* its rate; NaN when none */
	double impact_ratio;	/* favourable: rate / compared_rate; unfavourable:
				   compared_rate / rate; NaN when the divisor is 0
				   or there is nothing to compare with */
	int adverse;		/* impact_ratio strictly below the four-fifths limit */
	int too_few;		/* den below the minimum, or under 2% of the pool:
				   assessed, never the best */
	int flag;		/* the group's comparison was flagged */
	unsigned unknown;	/* MON_UNK_NUM / MON_UNK_DEN: the group's counts were
				   suppressed in the source table (num, den 0; rate
				   NaN); MON_UNK_REF_NUM: a group's count was, so the
				   best rate is not known (no ratio, never adverse) */
};

struct mon_completeness {
	char *unit;
	enum mon_char ch;
	int64_t recorded, not_stated, missing, total;
	double pct; /* recorded / total × 100; NaN when total is 0 or not known */
	unsigned unknown; /* aggregate counts with a suppressed denominator: bit
			     MK_RECORDED, MK_NOT_STATED, MK_MISSING (1 << kind) set
			     when that count (and so the total) is not known */
};

struct mon_paygap {
	enum mon_char by;	 /* MC_SEX or MC_ETHNICITY */
	char *group, *comparator; /* "Female" vs "Male"; "Black" vs "White" */
	int64_t n, n_ref;	 /* full-pay relevant employees (hourly figures) */
	int64_t n_all, n_all_ref; /* relevant employees (bonus figures) */
	double mean_gap, median_gap;	     /* % of the comparator's hourly pay */
	double bonus_mean_gap, bonus_median_gap;
	double bonus_share, bonus_share_ref; /* proportion paid a bonus, % */
	double quartile_share[4];	     /* group's share of each pay quartile, % (lowest first) */
};

struct mon_representation {
	char *unit;		/* "All" or a unit; or a grade when by_grade */
	int by_grade;
	enum mon_char ch;
	char *group;
	int64_t n, total;
	double share;		/* % of the unit's staff */
	double benchmark;	/* % in the community benchmark; NaN when none */
	double ratio;		/* share / benchmark; NaN when none */
};

/* A flag as recorded in the database, for the report's "Open flags". */
struct mon_flag_view {
	int64_t id;
	char *period, *unit, *characteristic, *group, *reference, *outcome, *state;
	char *note;   /* latest explanation or note, or NULL */
	char *action; /* linked plan action id ("F4"), or NULL */
	double rr;
	int recurs;   /* 1 when an earlier period had the same finding */
	int64_t prev_id;   /* that earlier flag, or 0 */
	char *prev_period; /* its period, or NULL */
	char *source;	   /* raised by another room (flag_raise.c): its word
			      ("objective"), its finding in words and the page
			      about it (may be NULL); all NULL for the report's
			      own flags */
	char *finding, *href;
};

struct mon_report {
	struct mon_flag_view *flags; /* open flags (not closed) up to this period */
	size_t n_flag_views;
	char *dataset, *period;
	const struct dataset *ds;	/* borrowed */
	struct mon_settings set;
	int64_t rows;
	struct mon_comparison *cmp;
	size_t n_cmp;
	struct mon_impact *impact;	/* four-fifths rule, every assessed group */
	size_t n_impact;
	struct mon_completeness *comp;
	size_t n_comp;
	struct mon_paygap *pay;
	size_t n_pay;
	struct mon_representation *rep;
	size_t n_rep;
	int n_flags;
	int64_t rounded;		/* counts rounded to the nearest this; 0 exact */
};

/* Benchmark population shares for representation (unit, characteristic,
 * group, share 0..1 or 0..100). */
struct mon_benchmark {
	char *unit;
	enum mon_char ch;
	char *group;
	double share; /* 0..1 */
};

/* Build the report from counted records. Comparisons are made for every
 * unit, characteristic and outcome; p-values are adjusted across the whole
 * report. bench may be NULL. *out is filled; free with mon_report_free. */
int mon_report_build(const struct agg *a, const struct mon_settings *set,
		     const char *dataset, const char *period,
		     const struct mon_benchmark *bench, size_t n_bench,
		     struct mon_report *out, struct err *e);
void mon_report_free(struct mon_report *r);
/* 1 when the report compares groups of characteristic c. */
int mon_report_has_char(const struct mon_report *r, enum mon_char c);
/* Find the comparison matching unit/characteristic/group/outcome, or NULL. */
const struct mon_comparison *mon_report_find(const struct mon_report *r, const char *unit,
					     enum mon_char ch, const char *group, int outcome);

/* 1 when the report counts events (the dataset's rows = events: every
 * row counted, a person perhaps several times), 0 when it counts people.
 * The renderers say so. */
static inline int mon_report_events(const struct mon_report *r)
{
	return r->ds && r->ds->rows == DS_ROWS_EVENTS;
}

/* Render (report_out.c). Each appends to b. */
struct buf;
void mon_render_json(const struct mon_report *r, struct buf *b);
void mon_render_csv(const struct mon_report *r, struct buf *b);
void mon_render_text(const struct mon_report *r, struct buf *b);
/* report_html.c: one self-contained printable page. */
int mon_render_html(const struct mon_report *r, struct buf *b, struct err *e);
/* report_xlsx.c: a workbook written to path (via path.tmp). */
int mon_render_xlsx(const struct mon_report *r, const char *path, struct err *e);

/* ---- reading person-level CSV (ingest.c) ---- */

struct csv_reader;

/* One problem found in a row of an extract, for the CLI (text) and the
 * web pages (a table by line and column). Every string is borrowed and
 * valid only during the callback. */
struct mon_problem {
	const char *file;   /* name used in messages */
	long line, col;	    /* where, from 1; col 1 when the whole row is wrong */
	const char *column; /* header name of the cell, "" for the whole row */
	int field;	    /* its place in the header from 0 (the spreadsheet
			       column: 0 is A), -1 for the whole row */
	int kind;	    /* enum mon_problem_kind (ingest.c and ops.c; -1
			       for a count table's problems) */
	const char *value;  /* the cell as read, "" for the whole row */
	const char *what;   /* what is wrong and what to do */
	const char *text;   /* all of it: "FILE:LINE:COL: column 'NAME': what" */
};

/* ---- problems counted over a whole file (problems.c) ---- */

/* Different values counted one by one; those past them are counted
 * together, per kind and column. */
#define MON_TALLY_VALUES 1000

/* What is wrong with a row, for the count by kind. */
enum mon_problem_kind {
	MP_FIELDS,    /* the row has the wrong number of fields */
	MP_BLANK_ID,  /* the person id is blank */
	MP_PERIOD,    /* a row of another period (by value) */
	MP_CODE,      /* a characteristic's value the codebook does not know (by value) */
	MP_FLAG,      /* an outcome that is not 0 or 1 (by value) */
	MP_STAGE,     /* an outcome without its stage (value: the sentence) */
	MP_MONEY,     /* pay or bonus that is not an amount (by value) */
	MP_DUPLICATE, /* a person id seen on an earlier row */
	MP_BAD_PERIOD, /* a period that is not one of the documented forms (by value) */
	MP_KINDS
};

/* The count of one kind of problem in one column, of one value (or of a
 * kind counted whole, or of the values past MON_TALLY_VALUES). */
struct mon_tally_entry {
	int kind;	    /* enum mon_problem_kind */
	int col;	    /* column index in the file (-1: the whole row) */
	char *column;	    /* its header name ("" for the whole row) */
	char *value;	    /* the value (cut at 50 characters), or NULL */
	int other;	    /* 1: every value past the cap, counted together */
	int64_t rows;	    /* problems counted (one a row) */
	int64_t first_row;  /* data row of the first (1: the row after the header) */
	long first_line;    /* its line in the file */
};

/* Problems counted by (kind, column, value) in bounded memory (under
 * 1 MB). mon_tally_new allocates, mon_tally_free frees (NULL is fine). */
struct mon_tally;
struct mon_tally *mon_tally_new(void);
void mon_tally_free(struct mon_tally *t);
/* Count n problems of kind in column col (header name `column`) of
 * value (NULL: the kind is counted whole), the first of them at data row
 * `row`, line `line`. t may be NULL (nothing counted). */
void mon_tally_add(struct mon_tally *t, int kind, int col, const char *column,
		   const char *value, int64_t n, int64_t row, long line);
/* Add src's counts to t, src's rows and lines counted after row0 and
 * line0 (a part of the file read after others). */
void mon_tally_merge(struct mon_tally *t, const struct mon_tally *src, int64_t row0,
		     long line0);
/* Every problem counted. */
int64_t mon_tally_total(const struct mon_tally *t);
/* 1 when some value was past the cap (counted with the other values):
 * the counts of parts of a file added up would then not be those of the
 * whole file read at once, which ops.c does instead. */
int mon_tally_overflowed(const struct mon_tally *t);
/* The entries, most rows first (the other values' counts last); *n of
 * them. Sorts t (which stays usable). Borrowed from t. */
const struct mon_tally_entry *mon_tally_entries(struct mon_tally *t, size_t *n);
/* What an entry counts, into b: "ethnicity 'W4' is not known",
 * "person_id: a person id seen on an earlier row". Plain text. */
void mon_tally_describe(const struct mon_tally_entry *x, struct buf *b);

struct ingest_memo;

struct ingest {
	const struct dataset *ds;	  /* borrowed */
	const char *file;		  /* for messages */
	int col_id, col_unit, col_period, col_grade, col_pay, col_bonus;
	int col_full_pay;		  /* -1 when absent: everyone on full pay */
	int col_char[MC_COUNT];		  /* -1 when the dataset has none */
	int col_out[DS_MAX_OUTCOMES];
	const char *want_period;	  /* rows must match it (NULL: any) */
	int skip_other_periods;		  /* 1: rows of other periods are skipped
					     (ingest_record returns 2), not errors */
	int64_t skipped;		  /* rows skipped for their period */
	int64_t blank_outcomes;		  /* blank outcome cells read as 0 */
	int64_t rows;			  /* records read */
	int max_errors;			  /* stop after this many (default 20); with
					     tally, report only this many */
	int n_errors;
	/* each error as it is found */
	void (*on_error)(void *ctx, const struct mon_problem *p);
	void *ctx;
	char period_seen[32];		  /* first period value seen */
	int mixed_periods;		  /* 1 when rows hold several periods */
	size_t id_len;			  /* the last record's person id: bytes, */
	int id_blank;			  /* and 1 when it is blank or missing, or
					     not checked (events) */
	struct mon_tally *tally;	  /* when set, every problem is counted in it
					     by kind, reading goes on past
					     max_errors, and only the first
					     max_errors are reported through
					     on_error (borrowed) */
	int events;			  /* the dataset's rows are events: ids are
					     not checked (may be blank or absent) */
	int web;			  /* 1: messages in the words of the web pages
					     (no command-line options) */
	struct ingest_memo *memo;	  /* classified cells seen before (bounded);
					     allocated by ingest_header, freed by
					     ingest_free */
	uint8_t early_tab[256];		  /* outcome bits -> those whose stage is 0
					     (ingest_header; datasets of up to 8
					     outcomes) */
};

/* Match the header of the CSV against the dataset; a missing column is an
 * error naming it and the file. */
int ingest_header(struct ingest *in, struct csv_reader *r, struct err *e);
/* Read the current CSV record into *rec (strings point into the reader),
 * *pid to the person id. Returns 0 ok, 1 when the record has data errors
 * (reported through on_error; the caller goes on to find more), negative
 * when reading must stop. */
int ingest_record(struct ingest *in, struct csv_reader *r, struct mon_record *rec,
		  const char **pid, struct err *e);
/* The person id of the current CSV record, as ingest_record would give
 * it, without looking at any other cell (for the duplicate check's second
 * reading of rows that were already checked): counts the row in
 * in->rows; returns 1 with *pid set when the row's id takes part in the
 * duplicate check, 0 when it does not (wrong number of fields, a blank
 * id, or a row of another period that is skipped). Does not allocate. */
int ingest_row_id(struct ingest *in, struct csv_reader *r, const char **pid);
/* dst: a copy of src's columns and settings, with nothing counted yet and
 * its own memo (free with ingest_free), for reading another part of the
 * same file. */
void ingest_fork(struct ingest *dst, const struct ingest *src);
/* Free what ingest_header allocated inside in (not in itself). */
void ingest_free(struct ingest *in);
/* How ingest_record reads a cell, for data profile: 1 when s is an amount
 * of money or blank (pay, bonus), else 0; an outcome cell's 0 or 1
 * (blank: 0), or -1 when it is not accepted. */
int ingest_money_ok(const char *s);
int ingest_flag_value(const char *s);

/* ---- imported rows as column blocks (colstore.c) ---- */

/* Stored form of a category: its code; a recorded ethnicity as
 * "system:code" ("cj18:W1"). mon_cat_decode gives NULL for a string this
 * version does not know. */
void mon_cat_encode(enum mon_char c, const struct mon_category *cat, struct buf *b);
const struct mon_category *mon_cat_decode(enum mon_char c, const char *s);
/* A legacy mon_row's categories (codes joined by '|' in characteristic
 * order, "" when absent) into rec->cat. ERR_DATA on a bad string. */
int mon_cats_decode(const char *s, const struct dataset *ds, struct mon_record *rec,
		    struct err *e);

/* The good rows of one part of a file, held column by column with the
 * person id pseudonymised (mon_pseudonymise with key). */
struct mon_cols;
struct mon_cols *mon_cols_new(const struct dataset *ds, const unsigned char key[16]);
void mon_cols_free(struct mon_cols *c);
/* Add one record of person id pid, whose pseudonym is h when not NULL
 * (already worked out for the duplicate check). ERR_DATA past 255
 * categories of a characteristic. */
int mon_cols_add(struct mon_cols *c, const struct mon_record *r, const char *pid,
		 const unsigned char *h, struct err *e);
int64_t mon_cols_rows(const struct mon_cols *c);
/* Store the parts (in file order) as import_id's mon_dict codes and
 * mon_block rows: inside the caller's transaction, or with chunked 1 in
 * short transactions of their own of about MON_STAGE_BYTES each (a
 * staged import, mon_stage_begin; the caller discards it on failure). */
int mon_cols_store(store_t *db, int64_t import_id, struct mon_cols *const *parts, int n_parts,
		   int chunked, struct err *e);
/* Bytes of blocks a staged import writes in one transaction: long enough
 * to write fast, short enough that another writer waits a few tens of
 * milliseconds at most. */
#define MON_STAGE_BYTES ((size_t)4 << 20)
/* Count import_id's blocks into a; *found is 0 when it has none (an
 * import made before migration 005, kept in mon_row). ERR_DATA when a
 * block is damaged. */
int mon_blocks_load(store_t *db, int64_t import_id, struct agg *a, int *found, struct err *e);

/* Rows kept before they are counted: a measure's where (monitor/measure.c,
 * --where COLUMN=V1,V2). */
#define MON_WHERE_UNIT (-1)  /* the dataset's unit column */
#define MON_WHERE_GRADE (-2) /* its grade column */
struct mon_where {
	int column;		   /* MON_WHERE_UNIT, MON_WHERE_GRADE, or a
				      characteristic (enum mon_char) */
	const char *const *values; /* the values kept (any case) */
	size_t n_values;
	unsigned char *matched;	   /* the caller's n_values bytes (may be NULL):
				      the loaders set matched[i] to 1 when some
				      row of the import has values[i] */
};
/* The index of w's value that a row matches, or -1: for the unit or grade
 * column its text (any case); for a characteristic its category cat
 * (NULL: none), by its analysis group as ds names it (the dataset's own
 * groups, else agg_group_name) or its code ("Black", "B1", "NS"), any
 * case. Never allocates. */
int mon_where_match(const struct mon_where *w, const struct dataset *ds, const char *text,
		    const struct mon_category *cat);
/* mon_blocks_load counting only the rows w keeps (w NULL: every row),
 * setting w->matched. The kept rows of each block are copied out and
 * counted by the same code as every row (colstore.c). */
int mon_blocks_load_where(store_t *db, int64_t import_id, struct agg *a,
			  const struct mon_where *w, int *found, struct err *e);

/* Finding repeated person ids in bounded memory (dupcheck.c; its header
 * comment says how). Pass 1: dupcheck_add every id's hash (thread-safe).
 * Then dupcheck_passes says how many more passes over the rows are
 * needed (0: no id repeats); in each, after dupcheck_pass_begin, call
 * dupcheck_seen with every row's hash in file order: 1 when the row
 * repeats an earlier row's id. */
struct dupcheck;
struct dupcheck *dupcheck_new(void);
void dupcheck_free(struct dupcheck *d);
void dupcheck_hash(const struct dupcheck *d, const char *id, size_t n, unsigned char h[16]);
/* Hash with key (16 bytes) instead of a random one: an import's check then
 * hashes as mon_pseudonymise does, and each row's hash serves both. */
void dupcheck_set_key(struct dupcheck *d, const unsigned char key[16]);
/* Add the id of hash h and key (dupcheck_id_key); 1 when it is a suspect
 * (the filter had seen it), its key then noted for dupcheck_may_repeat. */
int dupcheck_add(struct dupcheck *d, const unsigned char h[16], uint64_t key);
/* Check an id of the learnt numbered form (dupcheck.c: a prefix and a
 * number; learnt from the first id given) exactly, without a hash:
 * 0 new, 1 a repeat (noted as a suspect), -1 not of that form, to be
 * hashed and dupcheck_add-ed instead. Thread-safe; id is a csv cell
 * (CSV_CELL_SLACK bytes can be read). */
int dupcheck_numbered(struct dupcheck *d, const char *id, size_t n);
/* Start loading the filter block of h into the cache, so that a
 * dupcheck_add of h a row later does not wait for memory. */
void dupcheck_prefetch(const struct dupcheck *d, const unsigned char h[16]);
/* A cheap unkeyed hash of the n bytes of id, a csv cell (CSV_CELL_SLACK
 * bytes can be read). Does not allocate. */
uint64_t dupcheck_id_key(const char *id, size_t n);
/* 0 when no suspect of pass 1 has key (so the id needs no dupcheck_hash
 * in the second pass); 1 when one may have. */
int dupcheck_may_repeat(const struct dupcheck *d, uint64_t key);
int dupcheck_passes(struct dupcheck *d, int64_t rows);
void dupcheck_pass_begin(struct dupcheck *d, int pass);
int dupcheck_seen(struct dupcheck *d, int pass, int n_passes, const unsigned char h[16]);
/* The second pass read in parts at once (only when dupcheck_exact: the
 * suspects fit one set, and dupcheck_passes gave 1). Each part has its
 * own dupcheck_part (allocated by dupcheck_part_new, freed by
 * dupcheck_part_free) and calls dupcheck_part_seen with each row's hash
 * in order: -1 when the id is not a suspect, 0 for its first row in the
 * part, 1 for a later row in the part; *slot names the suspect. Several
 * parts may call it at once (the set is only read). Afterwards, with the
 * parts in file order and each part's sightings in order, dupcheck_mark
 * gives 1 when the suspect was marked before (the row repeats an earlier
 * row's id), then marks it. Nothing else may run then. */
int dupcheck_exact(const struct dupcheck *d);
struct dupcheck_part;
struct dupcheck_part *dupcheck_part_new(void);
void dupcheck_part_free(struct dupcheck_part *p);
int dupcheck_part_seen(const struct dupcheck *d, struct dupcheck_part *p,
		       const unsigned char h[16], size_t *slot /* OUT */);
int dupcheck_mark(struct dupcheck *d, size_t slot);

/* ---- aggregate count tables (counts.c) ---- */

/* One row of a count table, checked. */
struct mon_count_row {
	char *unit;		/* "All" for the organisation */
	char *period, *group, *outcome;
	enum mon_char ch;
	int kind;		/* enum mon_kind of the group */
	int favourable;
	int64_t num, den;	/* 0 where not known */
	unsigned unknown;	/* MON_UNK_NUM, MON_UNK_DEN: suppressed in the table */
};

/* A count table read by mon_counts_read. */
struct mon_counts {
	struct mon_count_row *rows;
	size_t n_rows;
	char **periods;		/* in order of first appearance (borrowed from rows) */
	size_t n_periods;
	int64_t suppressed;	/* counts marked suppressed (cells, or 2 a status row) */
	int64_t off_rounding;	/* known counts that are not a multiple of `rounded` */
};

/* Reading a count table (import-counts; the fuzz target). */
struct mon_counts_job {
	const char *path;	  /* read this file ... */
	const char *data;	  /* ... or, when path is NULL, these len bytes */
	size_t len;
	const char *name;	  /* name in messages; NULL: path */
	int eth_system;		  /* how ethnicity groups are read (ETH_AUTO unless
				     a config names the system) */
	const struct dataset *config; /* a config section (NULL: none): its
				     outcomes' directions and stages, its own
				     groups (a row's category, or a cell naming
				     the group, counts in it) and references */
	int64_t rounded;	  /* counts rounded to the nearest this (0: exact) */
	int max_errors;		  /* stop after this many (0: 20) */
	void (*on_problem)(void *ctx, const struct mon_problem *p); /* each error */
	void *ctx;
	int n_errors;		  /* OUT: problems found */
	int web;		  /* 1: messages for the web pages (no options) */
};
/* Read and check every row of a count table into *out (free with
 * mon_counts_free, also after a failure). Problems go to on_problem as
 * "FILE:LINE:COL: column 'NAME': what"; returns ERR_DATA when any row was
 * wrong (or the file has none), or the reader's error for a malformed
 * file or a missing column. Cells: a whole number of 0 or more (commas
 * between thousands allowed), or a suppression marker (*, <N, c, [c], x,
 * [x], ..); a non-empty `status` column marks both counts of its row as
 * suppressed. */
int mon_counts_read(struct mon_counts_job *j, struct mon_counts *out, struct err *e);
void mon_counts_free(struct mon_counts *c);
/* The dataset (*ds, named dataset, outcomes in order of first appearance
 * with their directions) and the counts (*agg, allocated; agg_free) of
 * one period of c. Without "All" rows for the period, the units are added
 * up into All, suppressed cells making All's count unknown. */
int mon_counts_agg(const struct mon_counts *c, const char *period, const char *dataset,
		   const struct mon_counts_job *j, struct dataset *ds, struct agg **agg,
		   struct err *e);
/* Store one period's counts (replacing an earlier import of it) with its
 * rounding, and record the flags of its report, inside the caller's
 * transaction. *old_rows as mon_import_begin; raised, recurring as
 * mon_flags_record. */
int mon_counts_store(store_t *db, const struct dataset *ds, struct agg *a, const char *period,
		     const char *source, const char *author, int64_t *old_rows, int *raised,
		     int *recurring, struct err *e);

/* One period stored by mon_counts_import. */
struct mon_counts_period {
	char period[24];
	size_t n_units;	  /* units with counts (1: the organisation alone) */
	int64_t old_rows; /* rows of the import it replaced, -1 when none */
};

/* Importing a count table (`parity data import-counts` and the web page):
 * the checks, the one transaction and the flags are the library's, the
 * words the caller's. */
struct mon_counts_import {
	struct mon_counts_job job; /* the file and how to read it: path or
				      data, name, eth_system, config, rounded,
				      max_errors, on_problem, ctx */
	const char *dataset;	   /* the name the periods are stored under */
	const char *source;	   /* the file's name, stored with each import */
	const char *author;	   /* for the events of flags raised */
	int web;		   /* 1: messages for the web pages */
	int have_counts;	   /* 1: counts was read already (mon_counts_read of
				      job; the command reads the table before it
				      opens the database) */
	/* called inside the transaction after every period is stored, before
	 * the commit (the web checks the user may still import and writes
	 * the audit entry); NULL: none. A negative return rolls back. */
	int (*in_txn)(store_t *db, const struct mon_counts_import *ci, void *ctx, struct err *e);
	void *ctx;
	struct mon_counts counts;  /* OUT: the table read (suppressed, off_rounding,
				      periods); free with mon_counts_import_free */
	struct mon_counts_period *done; /* OUT: the periods stored, in file order */
	size_t n_done;
	int raised, recurring;	   /* OUT: flags raised, of which recur */
};
/* Read and check the whole table (problems to job.on_problem; unless
 * have_counts), then store
 * every period of it, replacing earlier imports of them, and record the
 * flags, in one transaction of its own (no transaction may be open): a
 * table with any bad row, or a failure, changes nothing. Free with
 * mon_counts_import_free (also after a failure). */
int mon_counts_import(store_t *db, struct mon_counts_import *ci, struct err *e);
void mon_counts_import_free(struct mon_counts_import *ci);

/* ---- dataset configs kept in the database (configs.c, migration 012) ---- */

/* Check the len bytes of text, a config file called file: every
 * [dataset NAME] section must read (as a section for extracts, or for
 * count tables), errors naming file:line as the parser does; the section
 * names, comma separated, are appended to names (may be NULL). */
int mon_config_check(const char *text, size_t len, const char *file, struct buf *names,
		     struct err *e);
/* Check and keep text under name (replacing the config of that name;
 * *replaced says so), inside the caller's transaction. */
int mon_config_save(store_t *db, const char *name, const char *text, size_t len,
		    const char *file, const char *who, int *replaced, struct err *e);
/* The text and file name of config name (both allocated; the caller frees
 * them); ERR_NOTFOUND when there is none. */
int mon_config_get(store_t *db, const char *name, char **body, char **file, struct err *e);
/* The dataset called dataset as kept config `config` defines it (the
 * preset when it has no section of that name), for an extract, or with
 * counts for count tables (dataset_counts_config_text). */
int mon_config_dataset(store_t *db, const char *config, const char *dataset, int counts,
		       struct dataset *ds, struct err *e);

/* ---- the monitoring tables (mstore.c) ---- */

/* The database's pseudonymisation key (16 random bytes) from its key file
 * (store_key_get, "pseudonym"), made on first use; refused (ERR_DATA, what
 * to do) when the file is missing or foreign, or missing while the
 * database holds pseudonymised rows. */
int mon_secret_get(store_t *db, unsigned char key[16], struct err *e);
/* The pseudonym of a person id of n bytes: SipHash-2-4 with a 128-bit
 * output keyed by key (libsodium crypto_shorthash_siphashx24), as
 * dupcheck_hash with that key gives. */
void mon_pseudonymise(const unsigned char key[16], const char *id, size_t n,
		      unsigned char out[16]);
/* The dataset definition as JSON text (caller frees) and back. */
char *dataset_to_json(const struct dataset *d);
int dataset_from_json(const char *text, struct dataset *d, struct err *e);
/* Replace (dataset, period): delete any earlier import of it (its rows,
 * counts and still-open flags go too) and add a new empty one. */
int mon_import_begin(store_t *db, const struct dataset *ds, const char *period,
		     const char *source, const char *kind, int64_t *import_id,
		     int64_t *old_rows, struct err *e);
int mon_import_set_rows(store_t *db, int64_t import_id, int64_t rows, struct err *e);
/* Staged imports (migration 010): an import written in short transactions
 * under a mon_import row that nothing shows (listed in mon_stage) and
 * swapped in with one short transaction.
 * Begin: a new hidden import of ds (kind "rows"), in a short transaction
 * of its own; *import_id is its id. */
int mon_stage_begin(store_t *db, const struct dataset *ds, const char *source,
		    int64_t *import_id, struct err *e);
/* Swap: inside the caller's (short) transaction, make staged import_id
 * the import of (dataset, period) with rows and completeness (NaN: none).
 * The import it replaces, if any, loses its still-open flags (as
 * mon_import_begin) and becomes hidden in turn: *old_rows its rows (-1
 * when none) and *retired its id (0 when none), for mon_stage_discard
 * after the commit. ERR_DATA when import_id is no longer staged (removed
 * as abandoned). */
int mon_stage_swap(store_t *db, int64_t import_id, const struct dataset *ds,
		   const char *period, int64_t rows, double completeness, int64_t *old_rows,
		   int64_t *retired, struct err *e);
/* Delete hidden import_id and its rows, a few blocks (or, for imports made
 * before migration 005, rows) per short transaction of its own. Call it
 * outside a transaction. */
int mon_stage_discard(store_t *db, int64_t import_id, struct err *e);
/* Discard the hidden imports whose process has gone (killed mid-import or
 * before removing what it replaced). Outside a transaction. */
int mon_stage_cleanup(store_t *db, struct err *e);
/* SQL condition true when the mon_import row aliased i is shown: not
 * staged. For the lists of imports (data list, the pages, the
 * dashboard). */
#define MON_IMPORT_SHOWN " NOT EXISTS (SELECT 1 FROM mon_stage s WHERE s.import_id = i.id)"
/* The import of (dataset, period): its id, kind and definition. */
int mon_import_find(store_t *db, const char *dataset, const char *period,
		    int64_t *import_id, char **kind, struct dataset *ds, struct err *e);
/* Count the stored rows (or counts) of an import into a. */
int mon_import_load(store_t *db, int64_t import_id, const char *kind, struct agg *a,
		    struct err *e);
/* mon_import_load counting only the rows w keeps (w NULL: every row, as
 * mon_import_load), setting w->matched; ERR_DATA for a count table (kind
 * "counts") with w, as its rows are counts, not people. The unfiltered
 * path is mon_import_load's own loop: filtering costs it nothing. */
int mon_import_load_where(store_t *db, int64_t import_id, const char *kind, struct agg *a,
			  const struct mon_where *w, struct err *e);
/* Periods of dataset earlier than period, newest first (at most max). */
int mon_periods_before(store_t *db, const char *dataset, const char *period,
		       char periods[][24], int max, int *n, struct err *e);
/* Record the flags of a report for (dataset, period): new flags are
 * raised (linked to the same finding of an earlier period, which counts as
 * reopening it). Counts of raised / recurring flags are returned. */
int mon_flags_record(store_t *db, const struct mon_report *r, const char *author,
		     int *raised, int *recurring, struct err *e);

/* ---- what the commands and the web pages share (ops.c) ---- */

/* 1 when period is one of the documented forms (core/period.h: 2011,
 * 2011Q3, 2011-07, FY2011-12); it must also match the rows' period
 * column, which the import checks row by row. */
int mon_period_ok(const char *period);
/* A period given on the command line or in a form: 0 with its canonical
 * spelling in canon ("2011q3" -> "2011Q3"), or ERR_USAGE with the
 * parser's message (what is wrong, the accepted forms). */
int mon_period_arg(const char *period, char canon[PERIOD_TEXT], struct err *e);

/* Reading a person-level extract into an aggregator (analyze, import). */
struct mon_read {
	const char *path;	  /* read this file ... */
	const char *data;	  /* ... or, when path is NULL, these len bytes */
	size_t len;		  /* (borrowed, not copied) */
	const char *name;	  /* name in messages; NULL: path */
	const struct dataset *ds; /* borrowed */
	const char *period;	  /* want this period (NULL: any) */
	int skip_other;		  /* 1: skip rows of other periods (analyze) */
	int max_errors;		  /* pass on the first this many (0: 20); all
				     are counted (tally) */
	void (*on_problem)(void *ctx, const struct mon_problem *p); /* each error */
	void *ctx;
	struct agg *agg;	  /* every good row is counted into it (analyze
				     may replace it with a fresh one) */
	int threads;		  /* analyze: threads reading parts of the file
				     (0: $PARITY_THREADS, else the cores) */
	size_t split_min;	  /* analyze: inputs of at least this many bytes
				     are split into parts (0: 1 MiB; tests and
				     the fuzz target set it small) */
	int n_parts;		  /* OUT (analyze): parts the rows were counted
				     in (1 when a part's error or limit made it
				     read everything again in one part) */
	size_t dup_firsts;	  /* analyze: first sightings of suspects one
				     part of the duplicate check's second
				     reading may hold; past it that reading is
				     done on one thread (0: 16384; the fuzz
				     target sets it small) */
	int dup_parts;		  /* OUT (analyze): parts the duplicate check's
				     second reading was done in (0: it was not
				     needed; 1: one thread) */
	store_t *db;		  /* import: when every row is good, store them
				     as import_id's column blocks (NULL: analyze,
				     nothing stored) */
	int64_t import_id;
	int chunked;		  /* 1: store in short transactions of their own
				     (a staged import; mon_cols_store) */
	const unsigned char *key; /* pseudonymisation key (16 bytes), with db */
	struct ingest in;	  /* OUT: rows, errors; periods seen, rows
				     skipped and blank outcomes only when no
				     row was wrong (else 0) */
	int64_t duplicates;	  /* OUT: rows repeating an earlier row's id */
	int keep_tally;		  /* 1: hand the count of problems over in tally */
	struct mon_tally *tally;  /* OUT (keep_tally): every problem of the rows
				     read, by kind, column and value (in.n_errors
				     of them; the first max_errors were passed to
				     on_problem); the caller frees it
				     (mon_tally_free); NULL without keep_tally */
	int file_error;		  /* OUT: 1 when e is about the file itself (not
				     readable, not CSV, a column missing), not a
				     count of the rows' problems */
	int web;		  /* 1: problems and errors worded for the web
				     pages (choose a period, a dataset config),
				     not the command line (--period, --config) */
};
/* Read every row, passing the first max_errors problems to on_problem in
 * file order and counting every one in j->tally. Returns 0, or ERR_DATA
 * when any row was wrong (e says how many), or the reader's error for a
 * malformed file or a missing column. */
int mon_read_rows(struct mon_read *j, struct err *e);

/* The input of j (path or data, name, threads, split_min; nothing else is
 * read) opened for reading in parts, as mon_read_rows shares it out: r[0]
 * reads the header and the first part, r[1..] the others (each starting
 * after a line end, with r[0]'s header); one = 1 keeps it in one part.
 * Fills r[0..MON_MAX_THREADS) (NULL past *n_parts) with readers the
 * caller closes (csv_close). Returns 0, or the reader's error (a file
 * that cannot be read, no header), with every reader closed. */
int mon_open_parts(const struct mon_read *j, int one, struct csv_reader **r, int *n_parts,
		   struct err *e);

/* ---- data profile (profile.c) ---- */

/* What an extract holds, column by column (docs/datasets.md). */
struct mon_profile;
/* Read j's input (path or data, name, ds, threads, split_min) in parts as
 * mon_read_rows does, counting every distinct value of each column the
 * dataset reads, and read each value once (codebook and maps, 0/1, money).
 * *out is allocated (free with mon_profile_free), also when the reader
 * stopped at a broken line (mon_profile_stopped). Returns 0, or the
 * reader's error when the file cannot be read or has no header. */
int mon_profile_read(const struct mon_read *j, struct mon_profile **out, struct err *e);
void mon_profile_free(struct mon_profile *p);
/* The reader's error that ended the reading early, or NULL. */
const char *mon_profile_stopped(const struct mon_profile *p);
/* Parts the file was read in. */
int mon_profile_parts(const struct mon_profile *p);
/* The profile as text (with suggested map lines) or as JSON, into b. */
void mon_profile_text(const struct mon_profile *p, struct buf *b);
void mon_profile_json(const struct mon_profile *p, struct buf *b);

/* Importing a person-level extract as (dataset, period). */
struct mon_import_job {
	const struct dataset *ds; /* borrowed */
	const char *period;	  /* must pass mon_period_ok */
	const char *path;	  /* read this file ... */
	const char *data;	  /* ... or, when path is NULL, these len bytes */
	size_t len;
	const char *source;	  /* file name: in messages, and stored with the import */
	const char *author;	  /* for the events of flags raised */
	int max_errors;		  /* pass on the first this many (0: 20); all
				     are counted (tally) */
	void (*on_problem)(void *ctx, const struct mon_problem *p);
	void *ctx;
	int keep_tally;		  /* 1: hand the count of problems over in tally */
	struct mon_tally *tally;  /* OUT (keep_tally): as in struct mon_read (the
				     caller frees it, also after a failure) */
	int64_t rows;		  /* OUT: rows imported */
	int64_t rows_read;	  /* OUT: rows read (also when some were wrong) */
	int64_t blank_outcomes;	  /* OUT: blank outcome cells read as 0 */
	int64_t old_rows;	  /* OUT: rows of the import replaced, -1 when none */
	int n_errors;		  /* OUT: problems found (nothing imported when > 0),
				     at most INT_MAX (the tally has them all) */
	int file_error;		  /* OUT: as in struct mon_read */
	int raised, recurring;	  /* OUT: flags raised, of which recur */
	int staged;		  /* 1: the import makes its own short
				     transactions (call it outside one); see
				     below */
	int web;		  /* 1: messages for the web pages (struct mon_read) */
	int hold;		  /* staged: 1 to leave the checked import hidden
				     instead of swapping it in when it would
				     replace an earlier import of the period
				     (*held_id then names it, for
				     mon_import_confirm or mon_stage_discard) */
	int64_t held_id;	  /* OUT (hold): the hidden import waiting for
				     confirmation, 0 when none (it was swapped
				     in, or failed) */
	/* staged: called inside the transaction that swaps the import in,
	 * after its flags, with rows and old_rows set (the web writes its
	 * audit entry here, so that the two are one); NULL: none */
	int (*in_swap)(store_t *db, const struct mon_import_job *j, void *ctx, struct err *e);
	void *swap_ctx;
};
/* Validate every row, replace any earlier import of (dataset, period),
 * store the rows pseudonymised, and record the flags of the new report —
 * all inside the caller's transaction, which the caller rolls back on a
 * negative return (ERR_DATA for bad data, with n_errors > 0 when rows were
 * wrong). Allocates nothing the caller frees.
 * With j->staged, for a long import beside other writers (issue 13,
 * finding 8): no transaction may be open. The file is read and checked
 * without the write lock, the rows are written a few blocks per short
 * transaction under a hidden import (mon_stage_begin), one short
 * transaction swaps it in and records the flags, and the rows it replaced
 * are then deleted a few blocks at a time. On failure the hidden import is
 * deleted: the data stays exactly as it was, as without staging. */
int mon_import_csv(store_t *db, struct mon_import_job *j, struct err *e);

/* What confirming a held import (mon_import_job.hold) would replace. */
struct mon_replace_preview {
	char dataset[DS_NAME_MAX]; /* the dataset of the held import */
	char *source;		   /* its file's name (owned) */
	int64_t rows_before;	   /* rows of the import it replaces (-1: none now) */
	int64_t rows_after;	   /* rows of the held import */
	int64_t flags_removed;	   /* open flags of the period that would go (those
				      no one has worked on), raised again where the
				      new data still shows them */
	int64_t flags_kept;	   /* the period's other flags, kept with their history */
	int flags_after;	   /* flags the new data raises (default settings) */
};
/* Fill *out for held import held_id as (its dataset, period). ERR_NOTFOUND
 * when it is no longer held. Outside or inside a transaction (reads only).
 * Free with mon_replace_preview_free. */
int mon_import_preview(store_t *db, int64_t held_id, const char *period,
		       struct mon_replace_preview *out, struct err *e);
void mon_replace_preview_free(struct mon_replace_preview *p);
/* Swap held import j->held_id in as (its dataset, j->period): one short
 * transaction that replaces the earlier import, records the flags and
 * calls j->in_swap (the audit entry); the rows replaced are then deleted.
 * Reads j->held_id, period, author, in_swap, swap_ctx; fills rows,
 * old_rows, raised, recurring (j->ds is NULL afterwards). No transaction
 * may be open. ERR_NOTFOUND when it is no longer held. */
int mon_import_confirm(store_t *db, struct mon_import_job *j, struct err *e);

/* The Diversity Report of a stored period, with what it borrows. */
struct mon_period_report {
	char dataset[DS_NAME_MAX]; /* the dataset used */
	struct dataset ds;	   /* its definition; rep.ds points here */
	struct agg *agg;	   /* the period's counts (agg->units lists the units) */
	struct mon_report rep;	   /* the report */
};
/* Build the report of (dataset, period): dataset NULL picks the only
 * dataset imported for period (ERR_USAGE when several), unit NULL keeps
 * every unit (ERR_NOTFOUND when the unit is not in the data). Trends from
 * earlier periods and the open flags are added. *out must not move while
 * in use; free it with mon_period_report_free (also after a failure). */
int mon_report_period(store_t *db, const char *dataset, const char *period, const char *unit,
		      const struct mon_settings *set, const struct mon_benchmark *bench,
		      size_t n_bench, struct mon_period_report *out, struct err *e);
void mon_period_report_free(struct mon_period_report *p);

/* Move flag id to state `to` ("explained", "closed", ...) and record the
 * event with author and note (may be NULL). ERR_NOTFOUND when there is no
 * such flag. Caller owns the transaction. */
int mon_flag_set_state(store_t *db, int64_t id, const char *to, const char *author,
		       const char *note, struct err *e);
/* The flag's finding in words ("service-users 2011Q3, all units:
 * Ethnicity, Black compared with White, breached, relative rate 2.10";
 * a flag another room raised: "staff 2024Q1: " and its own finding)
 * appended to out; ERR_NOTFOUND when there is no such flag. */
int mon_flag_finding(store_t *db, int64_t id, struct buf *out, struct err *e);
/* Create action F<id> for flag id as a describes it (its plan, text,
 * lead, due date, duties and author; flag_id and finding are filled
 * here), link it to the flag both ways and mark the flag actioned.
 * ERR_DATA when the flag already has an action, is closed, or the lead
 * or a duty is not the plan's; ERR_NOTFOUND when there is no such flag.
 * code gets the action's id. Caller owns the transaction. */
struct plan_flag_action;
int mon_flag_act(store_t *db, int64_t id, const struct plan_flag_action *a, char code[16],
		 struct err *e);
/* Link flag id to the existing action action_id (its id `code`), both
 * ways, and mark the flag actioned; ERR_DATA when the flag already has an
 * action or is closed. Caller owns the transaction. */
int mon_flag_link(store_t *db, int64_t id, int64_t action_id, const char *code,
		  const char *author, struct err *e);

/* ---- flags other rooms raise (flag_raise.c; monitor_flag_raise) ---- */

#define MON_FLAG_FINDING_MAX 2000 /* bytes of a raised flag's finding */
#define MON_FLAG_HREF_MAX 500	  /* bytes of its link */
/* What another room said of a flag it raised (mon_flag_external). */
struct mon_flag_ext {
	char *source;  /* "objective" */
	char *ref;     /* "measure 4" */
	char *finding; /* in words */
	char *href;    /* a path of this site, or NULL */
};
/* Flag id's external row into *out (its strings new: free with
 * mon_flag_ext_free, also when none): 1 when the flag was raised by
 * another room, 0 when it is the report's own (out left empty). */
int mon_flag_ext_get(store_t *db, int64_t id, struct mon_flag_ext *out, struct err *e);
void mon_flag_ext_free(struct mon_flag_ext *x);
/* The words of the link to the page about it: "See the objective". */
void mon_flag_ext_see(struct buf *b, const char *source);

/* ---- the HTML report as part of a web page (report_html.c) ---- */

/* Append the report as a fragment for a page that has its own frame and
 * <h1>: no document, head, <style> or style attributes, headings from
 * <h2>, GOV.UK Frontend classes and parity-report-* classes (styled in
 * src/web/assets/parity.scss). Flag numbers link to flag_href + id and
 * plan actions to action_href + code when those are not NULL. Allocates
 * only inside b. Returns 0, or ERR_DATA when b passed its size cap. */
int mon_render_html_fragment(const struct mon_report *r, const char *flag_href,
			     const char *action_href, struct buf *b, struct err *e);
/* The report on the web in parts (issue 15): the overview (the lede, the
 * summary with its headline findings, the open flags and the method), and
 * one characteristic's open flags, comparisons, completeness, pay gaps,
 * representation and trends; as mon_render_html_fragment otherwise. The
 * page adds the contents list that links the parts. */
int mon_render_html_overview(const struct mon_report *r, const char *flag_href,
			     const char *action_href, struct buf *b, struct err *e);
int mon_render_html_char(const struct mon_report *r, enum mon_char c, const char *flag_href,
			 const char *action_href, struct buf *b, struct err *e);
/* How many items (comparisons, completeness, representation, pay gap
 * rows) the report has of characteristic c: 0 when it has no page. */
int mon_report_char_count(const struct mon_report *r, enum mon_char c);
/* The sentence for a finding, as in the report's summary, into t (plain
 * text, not escaped): "In Reading, Black service users were 1.4 times as
 * likely as White service users to be breached (95% CI 1.2–1.6)."
 * dataset names who the people are; c needs unit, ch, group, reference,
 * rr, rr_low, rr_high. */
void mon_finding_sentence(struct buf *t, const char *dataset, const char *outcome,
			  const struct mon_comparison *c);

/* ---- the web pages (web.c, web_flags.c) ---- */
struct web_req;
struct web_resp;
struct web_field_error;

/* The flag pages (web_flags.c), in web.c's route table. */
int monitor_flags_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int monitor_flag_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int monitor_flag_post(struct web_req *rq, struct web_resp *rs, struct err *e);
/* The dataset configs page and its form (web_config.c). */
int monitor_configs_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int monitor_configs_post(struct web_req *rq, struct web_resp *rs, struct err *e);

/* "Service users" for "service-users" (the presets); other names as
 * they are. */
const char *mon_web_dataset_label(const char *name);
/* mon_web_dataset_label with its first letter made a capital, for the
 * start of a heading or sentence ("Counts" for "counts"); written into
 * out (size bytes, cut to fit) and returned. Allocates nothing. */
const char *mon_web_dataset_title(const char *name, char *out, size_t size);
/* A flag's state as the GOV.UK tag the flag pages show (<strong
 * class="govuk-tag ...">Open</strong>: open red, explained blue, actioned
 * green, closed grey), appended to b, the text escaped. */
void mon_flag_state_tag(struct buf *b, const char *state);
/* What the report compares differently from its usual reference groups,
 * in sentences ("Ethnicity is compared with Black service users, chosen
 * for this report, instead of White."), for characteristic part only when
 * part >= 0; nothing when the usual groups are used. Appends to t. */
void mon_report_ref_note(const struct mon_report *r, int part, struct buf *t);
/* A period for readers ("July to September 2011" for "2011Q3", see
 * period_words), written into out and returned; NULL reads as "". */
const char *mon_web_period(const char *code, char out[PERIOD_WORDS]);
/* Append path?dataset=D&period=P[&unit=U] to b, values URL-encoded (unit
 * left out when NULL, empty or "All"). */
void mon_web_report_href(struct buf *b, const char *path, const char *dataset,
			 const char *period, const char *unit);

/* Command handlers (monitor_commands in cmd.c holds their help). */
#include "core/room.h"
int data_import_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int data_import_counts_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int data_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int data_profile_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int analyze_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int report_diversity_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int flags_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int flags_explain_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int flags_act_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int flags_close_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
/* parity demo generate (monitor/demo.c) */
int monitor_demo_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);

extern const struct cli_command monitor_commands[];

#endif
