/*
 * dataset: what a monitoring extract contains — which column holds the
 * person id, the unit, the period, the grade, each protected
 * characteristic, each outcome (with the stage that is its denominator and
 * whether a higher rate is favourable) and, for staff, pay (hourly pay,
 * bonus, and whether the person is on full pay). Three presets
 * are built in (service-users, staff, applicants, see docs/datasets.md); a
 * config file can rename columns of a preset or define new datasets, say
 * how values of its own are read (map lines), and say whether a row is a
 * person or an event.
 */
#ifndef PARITY_DATASET_H
#define PARITY_DATASET_H

#include <stddef.h>

#include "core/err.h"

#define DS_NAME_MAX 64
#define DS_MAX_OUTCOMES 16
#define DS_MAX_CHARS 9 /* the Equality Act's protected characteristics */
#define DS_MAX_MAPS 128 /* map lines of one dataset */

struct ds_outcome {
	char name[DS_NAME_MAX];	  /* "completed" */
	char column[DS_NAME_MAX]; /* CSV column holding 0/1 */
	int stage;		  /* index of the outcome whose 1s form the
				     denominator ("completed per started"),
				     -1 when the denominator is every row */
	int favourable;		  /* 1: a higher rate is better (appointed);
				     0: a lower rate is better (breached) */
};

/* A value of the file read as a code or category the codebook knows
 * ("map ethnicity W4 = W9"). */
struct ds_map {
	int ch;			 /* enum mon_char */
	char value[DS_NAME_MAX]; /* the cell as written, trimmed; matched in any
				    case (ASCII letters) after trimming */
	char known[DS_NAME_MAX]; /* what it is read as: any value mon_classify
				    reads for ch, itself never mapped again */
};

/* What a row of the extract is. */
enum ds_rows {
	DS_ROWS_PEOPLE, /* one row a person: a person id twice is an error */
	DS_ROWS_EVENTS, /* one row an event (an order, a referral): every row
			   is counted, ids may repeat or be absent */
};

#define DS_MAX_GROUPS 16	   /* groups a dataset defines (group lines) */
#define DS_MAX_MEMBERS 24	   /* members of one defined group */
#define DS_GROUP_NAME_MAX 64	   /* bytes of a defined group's name */
#define DS_MEMBER_MAX 48	   /* bytes of a member's name or code */

/* A group the dataset defines: "group ethnicity BME = Mixed, Asian,
 * Black, Other" or "group ethnicity White British = W1". Each member is
 * a group of the codebook (the high-level ethnic groups, a category's
 * own group otherwise), or one category by code or label; every category
 * named is counted in this group instead of its usual one. */
struct ds_group {
	int ch;					      /* enum mon_char */
	char name[DS_GROUP_NAME_MAX];		      /* "BME" */
	int n_members;
	char members[DS_MAX_MEMBERS][DS_MEMBER_MAX]; /* as written, trimmed */
};

struct dataset {
	char name[DS_NAME_MAX];		       /* "service-users" */
	char id_column[DS_NAME_MAX];	       /* person id, pseudonymised on import;
						  "" only with DS_ROWS_EVENTS */
	char unit_column[DS_NAME_MAX];	       /* "" when the data has no units */
	char period_column[DS_NAME_MAX];       /* "" when absent */
	char grade_column[DS_NAME_MAX];	       /* "" when absent */
	char char_column[DS_MAX_CHARS][DS_NAME_MAX]; /* by enum mon_char; "" when absent */
	struct ds_outcome outcomes[DS_MAX_OUTCOMES]; /* in stage order */
	int n_outcomes;
	char pay_column[DS_NAME_MAX];	       /* hourly pay, "" when absent */
	char bonus_column[DS_NAME_MAX];	       /* bonus paid, "" when absent */
	char full_pay_column[DS_NAME_MAX];     /* 1/0: on full pay or not (a full-pay
						  relevant employee of the pay gap
						  regulations); "" when absent, and
						  optional in the file: without it
						  everyone is on full pay */
	int eth_system;			       /* enum eth_system of the codes */
	int rows;			       /* enum ds_rows (DS_ROWS_PEOPLE: 0) */
	struct ds_map maps[DS_MAX_MAPS];       /* in the order of the config */
	int n_maps;
	struct ds_group groups[DS_MAX_GROUPS]; /* defined groups (group lines) */
	int n_groups;
	char reference[DS_MAX_CHARS][DS_GROUP_NAME_MAX]; /* "reference CHAR = X"
							    lines as written;
							    "" when none */
};

/* A copy of the built-in preset called name into *out. ERR_USAGE listing
 * the presets when there is none of that name. */
int dataset_preset(const char *name, struct dataset *out, struct err *e);
/* Names of the presets, NULL-terminated. */
extern const char *const dataset_preset_names[];

/* Read the config file at path and return the dataset called name from it
 * (a config may define several, or adjust a preset of the same name).
 * When the config has no section for name, the preset is returned. Errors
 * name the file and line and what to write instead. */
int dataset_from_config(const char *path, const char *name, struct dataset *out,
			struct err *e);
/* Same, from text in memory (for tests). */
int dataset_from_config_text(const char *text, const char *file, const char *name,
			     struct dataset *out, struct err *e);

/* The map of characteristic ch (enum mon_char) for the n bytes at s (a
 * raw cell, surrounding spaces and tabs ignored, letters in any case), or
 * NULL when the dataset has none. Does not allocate. */
const struct ds_map *dataset_map_find(const struct dataset *d, int ch, const char *s, size_t n);
/* The section `name` of a config for import-counts: as
 * dataset_from_config, but the section must be there (ERR_USAGE naming
 * the file otherwise) and needs no id and no outcomes. import-counts uses
 * its ethnicity_codes (auto when it has none), its outcomes' directions
 * and stages, its groups and its references. */
int dataset_counts_config(const char *path, const char *name, struct dataset *out,
			  struct err *e);
int dataset_counts_config_text(const char *text, const char *file, const char *name,
			       struct dataset *out, struct err *e);

struct mon_category;
/* Config lines of groups.c: "group CHAR NAME = MEMBER, ..." (rest is what
 * follows "group ") and "reference CHAR = VALUE" (rest follows
 * "reference "). Each member must name a recorded group, code or category
 * label of CHAR. ERR_DATA naming file:line and what to write. */
int dataset_group_line(struct dataset *d, const char *rest, const char *value,
		       const char *file, int line, struct err *e);
int dataset_reference_line(struct dataset *d, const char *rest, const char *value,
			   const char *file, int line, struct err *e);
/* ERR_DATA when a category is named by two of d's groups. */
int dataset_check_groups(const struct dataset *d, const char *file, struct err *e);
/* The defined group cat (a category of c) is counted in, or NULL when no
 * group of d names it (it keeps its usual group). Static or d-owned. */
const char *dataset_group_of(const struct dataset *d, int c, const struct mon_category *cat);

/* Index of the outcome called name, or -1. */
int dataset_outcome_index(const struct dataset *d, const char *name);
/* Default direction of a known outcome name: 1 favourable, 0 unfavourable,
 * -1 unknown (appointed, promoted, completed ... / breached, disciplinary ...). */
int dataset_default_direction(const char *outcome);

#endif
