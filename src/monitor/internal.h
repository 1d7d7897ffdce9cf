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
#include "monitor/codebook.h"
#include "monitor/dataset.h"

#define AGG_MAX_GROUPS 32

/* One person's record, normalised. Strings are borrowed from the caller. */
struct mon_record {
	const char *unit;			 /* "" when the dataset has no units */
	const char *grade;			 /* "" when none */
	const struct mon_category *cat[MC_COUNT]; /* NULL when not in the dataset */
	uint32_t outcomes;			 /* bit i: outcome i happened */
	double pay, bonus;			 /* valid when has_pay / has_bonus */
	int has_pay, has_bonus;
};

/* Counts of one (unit, characteristic, group) cell. */
struct agg_cell {
	int64_t n;			  /* records */
	int64_t num[DS_MAX_OUTCOMES];	  /* outcome happened (and its stage did) */
	int64_t den[DS_MAX_OUTCOMES];	  /* its stage happened (or every record) */
};

struct agg_pay {
	int sex, eth;	  /* group index in the sex / ethnicity group lists, -1 if none */
	double pay, bonus; /* bonus 0 when none paid */
	int has_pay;
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
	struct agg_pay *pay;		   /* every record with pay, all units */
	size_t n_pay, cap_pay;
	int64_t rows;			   /* records added */
	int counts_only;		   /* 1 when fed aggregate counts */
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
/* Add aggregate counts directly (import-counts): numerator/denominator of
 * one outcome for one group; n is taken as the larger denominator seen. */
int agg_add_counts(struct agg *a, const char *unit, enum mon_char c, const char *group,
		   int kind, int outcome, int64_t num, int64_t den, struct err *e);
/* The cell for unit u, characteristic c, group g. */
struct agg_cell *agg_cell_at(const struct agg *a, size_t u, enum mon_char c, size_t g);
/* Index of a group name within characteristic c, or -1. */
int agg_group_index(const struct agg *a, enum mon_char c, const char *name);

#endif

/* ---- the report model (analysis.c) ---- */

enum mon_ref { REF_DEFAULT, REF_HIGHEST, REF_REST, REF_OVERALL };
enum mon_adjust { ADJ_HOLM, ADJ_BH };

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
	double completeness_target; /* recorded share below this is highlighted: 0.90 */
};

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
	double rr, rr_low, rr_high; /* NaN when not computable */
	double p, p_adj;	/* NaN when not tested */
	double impact_ratio;	/* favourable outcomes: rate / highest rate; NaN otherwise */
	int test;		/* 0 none, 1 Fisher's exact, 2 two-proportion z */
	int tested;		/* 1 when in the adjusted family */
	int adverse;		/* four-fifths rule or its mirror */
	int too_few;		/* a denominator below the minimum */
	int flag;		/* met the flag rule */
	int data_group;		/* 1 for Not stated / Missing rows (never tested) */
	int n_trend;		/* earlier periods, oldest first */
	char trend_period[MON_MAX_TREND][24];
	double trend_rr[MON_MAX_TREND];
};

struct mon_completeness {
	char *unit;
	enum mon_char ch;
	int64_t recorded, not_stated, missing, total;
	double pct; /* recorded / total × 100; NaN when total is 0 */
};

struct mon_paygap {
	enum mon_char by;	 /* MC_SEX or MC_ETHNICITY */
	char *group, *comparator; /* "Female" vs "Male"; "Black" vs "White" */
	int64_t n, n_ref;
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
	struct mon_completeness *comp;
	size_t n_comp;
	struct mon_paygap *pay;
	size_t n_pay;
	struct mon_representation *rep;
	size_t n_rep;
	int n_flags;
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
/* Find the comparison matching unit/characteristic/group/outcome, or NULL. */
struct mon_comparison *mon_report_find(struct mon_report *r, const char *unit,
				       enum mon_char ch, const char *group, int outcome);

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

struct ingest {
	const struct dataset *ds;	  /* borrowed */
	const char *file;		  /* for messages */
	int col_id, col_unit, col_period, col_grade, col_pay, col_bonus;
	int col_char[MC_COUNT];		  /* -1 when the dataset has none */
	int col_out[DS_MAX_OUTCOMES];
	const char *want_period;	  /* rows must match it (NULL: any) */
	int skip_other_periods;		  /* 1: rows of other periods are skipped
					     (ingest_record returns 2), not errors */
	int64_t skipped;		  /* rows skipped for their period */
	int64_t blank_outcomes;		  /* blank outcome cells read as 0 */
	int64_t rows;			  /* records read */
	int max_errors;			  /* stop after this many (default 20) */
	int n_errors;
	void (*on_error)(void *ctx, const char *msg); /* each error as it is found */
	void *ctx;
	char period_seen[32];		  /* first period value seen */
	int mixed_periods;		  /* 1 when rows hold several periods */
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

/* Stored form of a record's categories: codes joined by '|' in
 * characteristic order ("" when absent); ethnicity as "system:code". */
void mon_cats_encode(const struct mon_record *rec, struct buf *b);
/* Inverse of mon_cats_encode; fills rec->cat. ERR_DATA on a bad string. */
int mon_cats_decode(const char *s, const struct dataset *ds, struct mon_record *rec,
		    struct err *e);

/* A set of 16-byte keys (hashed person ids) for duplicate checks. */
struct idset;
struct idset *idset_new(void);
/* 1 when key was already present, 0 when added. */
int idset_add(struct idset *s, const unsigned char key[16]);
void idset_free(struct idset *s);

/* ---- the monitoring tables (mstore.c) ---- */
#include "store/store.h"

/* The database's pseudonymisation key, created on first use. */
int mon_secret_get(store_t *db, unsigned char key[32], struct err *e);
/* Keyed BLAKE2b-128 of a person id (libsodium crypto_generichash). */
void mon_pseudonymise(const unsigned char key[32], const char *id, unsigned char out[16]);
/* The dataset definition as JSON text (caller frees) and back. */
char *dataset_to_json(const struct dataset *d);
int dataset_from_json(const char *text, struct dataset *d, struct err *e);
/* Replace (dataset, period): delete any earlier import of it (its rows,
 * counts and still-open flags go too) and add a new empty one. */
int mon_import_begin(store_t *db, const struct dataset *ds, const char *period,
		     const char *source, const char *kind, int64_t *import_id,
		     int64_t *old_rows, struct err *e);
int mon_import_set_rows(store_t *db, int64_t import_id, int64_t rows, struct err *e);
/* The import of (dataset, period): its id, kind and definition. */
int mon_import_find(store_t *db, const char *dataset, const char *period,
		    int64_t *import_id, char **kind, struct dataset *ds, struct err *e);
/* Count the stored rows (or counts) of an import into a. */
int mon_import_load(store_t *db, int64_t import_id, const char *kind, struct agg *a,
		    const char *unit_filter, struct err *e);
/* Periods of dataset earlier than period, newest first (at most max). */
int mon_periods_before(store_t *db, const char *dataset, const char *period,
		       char periods[][24], int max, int *n, struct err *e);
/* Record the flags of a report for (dataset, period): new flags are
 * raised (linked to the same finding of an earlier period, which counts as
 * reopening it). Counts of raised / recurring flags are returned. */
int mon_flags_record(store_t *db, const struct mon_report *r, const char *author,
		     int *raised, int *recurring, struct err *e);
