/*
 * codebook: the categories of the protected characteristics of the
 * Equality Act 2010, compiled into the binary as data, and the rules that
 * read a raw cell of a monitoring file into one of them.
 *
 * Nine characteristics: ethnicity (race), sex, age, disability, religion
 * or belief, sexual orientation, gender reassignment, marriage and civil
 * partnership, pregnancy and maternity. Each has its recorded categories
 * and two special ones kept as categories of their own, never dropped:
 *   Not stated (code "NS")   the person chose not to say: "NS", "Not
 *                            stated", "Prefer not to say", "Declined" ...
 *   Missing (code "MISSING") nothing usable was recorded: a blank cell,
 *                            "Missing", "Unknown", "Not known". Unknown to
 *                            the organisation is Missing; declined by the
 *                            person is Not stated.
 *
 * Ethnicity has four UK systems, each a table: the 18+1 criminal-justice
 * codes (W1 ... O9 + NS, based on the 2011 census), the older 16+1 codes
 * (based on 2001), and the ONS 2011 (18) and 2021 (19) census categories,
 * for which parity uses its own four-letter codes (WBRI, ACHI ...) since
 * the census publishes none. Every category carries its high-level
 * group, named in reports "White", "Mixed", "Asian", "Black" or "Other".
 * Categories mean the same thing in every system unless the tables say
 * otherwise; Chinese is the one that moves: "Other" in 16+1, "Asian" from
 * 2011. Codes are mapped between systems through the shared meaning, with
 * flags where a map loses detail (Gypsy or Irish Traveller into 16+1
 * "Any other White background"), moves a category to another high-level
 * group (Chinese), or lands in an "any other" category that the target
 * system has since split. A fifth system stands apart: the US federal
 * race and ethnicity categories (OMB 1997, as US relative rate index
 * tables print them), seven categories each counted as a group of its
 * own, with no maps to or from the UK systems and not tried by `auto`.
 * Every table, alias and map is described in plain English in
 * docs/codebooks.md.
 *
 * Reading is tolerant: case, spaces and punctuation do not matter ("&",
 * "and", "or", "/", "-", "," and "background" are all ignored), a group
 * prefix may come first ("Black or Black British - Caribbean", "Asian
 * British Indian"), codes and labels of every system are understood, and
 * a high-level group alone ("Black") gives a group-only category.
 * Everything here is static data: no allocation, no globals that change,
 * safe from any thread.
 */
#ifndef PARITY_MONITOR_CODEBOOK_H
#define PARITY_MONITOR_CODEBOOK_H

#include <stddef.h>

#include "core/err.h"

/* The protected characteristics, in the order reports show them. */
enum mon_char {
	MC_ETHNICITY,
	MC_SEX,
	MC_AGE,
	MC_DISABILITY,
	MC_RELIGION,
	MC_SEXUAL_ORIENTATION,
	MC_GENDER_REASSIGNMENT,
	MC_MARITAL,
	MC_PREGNANCY,
	MC_COUNT
};

/* What a category stands for. */
enum mon_kind {
	MK_RECORDED,   /* a real answer: "Indian", "Female", "35-44" */
	MK_NOT_STATED, /* the person declined to say */
	MK_MISSING,    /* nothing recorded (blank, unknown to the organisation) */
};

/* The ethnicity classifications. */
enum eth_system {
	ETH_CJ18,    /* criminal-justice 18+1 codes, from the 2011 census */
	ETH_CJ16,    /* the older criminal-justice 16+1 codes, from 2001 */
	ETH_ONS2011, /* ONS 2011 census, 18 categories (England and Wales) */
	ETH_ONS2021, /* ONS 2021 census, 19 categories (adds Roma) */
	ETH_AUTO,    /* any of the above, whichever the value belongs to */
	ETH_USOMB,   /* US OMB race and ethnicity, 7 categories, each its own
			group (Hispanic or Latino, American Indian or Alaska
			Native, Asian, Black or African American, Native
			Hawaiian or Other Pacific Islander, White, Two or more
			races); no maps to the UK systems, not tried by ETH_AUTO */
};

/* One category. Always static data: never freed, never changes. */
struct mon_category {
	const char *code;	 /* stable short code: "W1", "WBRI", "F", "18-24",
				    "NS", "MISSING"; unique within its codebook */
	const char *label;	 /* label as monitoring forms print it: "Indian",
				    "Female", "Not stated" */
	const char *group;	 /* analysis group reports count it under: for
				    ethnicity the high-level short name ("White",
				    "Mixed", "Asian", "Black", "Other"); for the
				    other characteristics the label; "Not stated"
				    and "Missing" for the special categories */
	enum mon_kind kind;	 /* recorded, not stated or missing */
	const char *group_label; /* ethnicity: the high-level group's full name in
				    the category's own system ("Asian, Asian
				    British or Asian Welsh"); otherwise as group */
	enum eth_system sys;	 /* ethnicity: the system the category belongs
				    to; ETH_AUTO for group-only categories, for
				    Not stated, Missing and other characteristics */
	int group_only;		 /* 1: names only a high-level group ("Black"),
				    not one of the detailed categories */
};

/* Bits telling how a value was read or a code was mapped (ethnicity). */
enum {
	MON_LOSSY = 1 << 0,	/* detail lost: the target system has no such
				   category; mapped to its "any other" one
				   (16+1 has no Gypsy or Irish Traveller) */
	MON_REGROUPED = 1 << 1, /* the high-level group differs between the
				   two systems (Chinese: Other in 16+1, Asian
				   from 2011) */
	MON_SPLIT = 1 << 2,	/* the source category held people the target
				   system puts in a category of their own
				   (16+1 W9 -> 18+1 W9, whose people may now
				   be W3): counts over time are not like for
				   like */
	MON_MAPPED = 1 << 3,	/* mon_classify_ex: the value belongs to
				   another system and was mapped into the one
				   asked for */
	MON_AMBIGUOUS = 1 << 4, /* mon_classify_ex with ETH_AUTO: the value
				   means different things in different systems
				   ("Chinese": Asian from 2011, Other in 16+1);
				   the newest reading was taken */
};

/* How reports choose the reference group of a characteristic. */
enum mon_ref_rule {
	MON_REF_FIXED,	 /* a named group: "White" for ethnicity */
	MON_REF_LARGEST, /* the largest recorded group, found by the caller */
};

/* The analysis groups of one characteristic, for reports. */
struct mon_group_list {
	const char *const *groups; /* group names in display order; the
				      recorded groups, then "Not stated",
				      "Missing"; static */
	size_t n_groups;	   /* entries in groups */
	size_t n_recorded;	   /* leading entries that are recorded groups */
	enum mon_ref_rule rule;	   /* how to pick the default reference */
	const char *reference;	   /* MON_REF_FIXED: the group; else NULL */
};

/* The CSV column name of a characteristic: "ethnicity", "sex", "age",
 * "disability", "religion", "sexual_orientation", "gender_reassignment",
 * "marital_status", "pregnancy_maternity". Static; "?" out of range. */
const char *mon_char_name(enum mon_char c);

/* The name as the Equality Act gives it, for headings: "Ethnicity",
 * "Sex", "Age", "Disability", "Religion or belief", "Sexual orientation",
 * "Gender reassignment", "Marriage and civil partnership", "Pregnancy and
 * maternity". Static; "?" out of range. */
const char *mon_char_label(enum mon_char c);

/* Find a characteristic by column name or label, tolerant of case,
 * spaces, "_" and "&" ("Religion or belief", "race", "ethnic group",
 * "gender" for sex, "marital status", "Sexual_Orientation"). Returns 0 and
 * sets *out, or ERR_NOTFOUND (and leaves *out alone). */
int mon_char_from_name(const char *name, enum mon_char *out /* OUT */);

/* Short stable names of the ethnicity systems: "cj18", "cj16",
 * "ons2011", "ons2021", "auto", "us-omb"; and their titles: "18+1
 * criminal-justice codes" ... Static; "?" out of range. */
const char *mon_eth_system_name(enum eth_system s);
const char *mon_eth_system_title(enum eth_system s);

/* Find a system by name: the short names above, any case, and also
 * "18+1", "16+1", "2011", "2021", "omb". Returns 0 and sets *out, or
 * ERR_NOTFOUND. */
int mon_eth_system_from_name(const char *name, enum eth_system *out /* OUT */);

/* Classify a raw cell value (UTF-8, may be NULL = blank). On success
 * returns 0 and points *cat at a static category. For ethnicity the
 * category belongs to `sys` (a value written in another system, a 16+1
 * "O1" read for ETH_CJ18, is mapped into `sys`; a group name alone gives a
 * group-only category, a blank Missing, "NS" Not stated); with ETH_AUTO
 * the value's own system is used, preferring 18+1, then ONS 2021, ONS
 * 2011, 16+1 when the value is valid in several (never ETH_USOMB, whose
 * values are read only when it is asked for). sys is ignored for the
 * other characteristics. Ages: a whole number of years 0..120 gives its
 * band (17 -> "Under 18", 44 -> "35-44", 65 -> "65+"); a band name gives
 * itself. A value that is not understood returns ERR_DATA with a short
 * message naming the characteristic and the value and listing what is
 * accepted; "BME" and similar merged labels are refused with a message
 * saying why. A code followed by a label ("W1 White British") must agree
 * with itself, or ERR_DATA. *cat is untouched on error. e may be NULL.
 * Never allocates. */
int mon_classify(enum mon_char c, enum eth_system sys, const char *value,
		 const struct mon_category **cat /* OUT */, struct err *e);

/* mon_classify, and also sets *flags (may be NULL) to the MON_* bits
 * telling how an ethnicity value was read: MON_MAPPED with MON_LOSSY,
 * MON_REGROUPED, MON_SPLIT as for mon_eth_map, or MON_AMBIGUOUS for
 * ETH_AUTO. 0 for the other characteristics and for exact readings. */
int mon_classify_ex(enum mon_char c, enum eth_system sys, const char *value,
		    const struct mon_category **cat /* OUT */, unsigned *flags /* OUT */,
		    struct err *e);

/* The recorded categories of a codebook, in the order of its form:
 * count, and the i-th (NULL past the end). For ethnicity, sys chooses
 * the table (18, 16, 18 and 19 entries; the NS of the criminal-justice
 * codes is the shared Not stated category below; 7 for ETH_USOMB) and
 * ETH_AUTO gives the five group-only categories (WHITE, MIXED, ASIAN,
 * BLACK, OTHER). sys is
 * ignored for the other characteristics. Static data. */
size_t mon_category_count(enum mon_char c, enum eth_system sys);
const struct mon_category *mon_category_at(enum mon_char c, enum eth_system sys, size_t i);

/* The special category of a characteristic: kind MK_NOT_STATED gives Not
 * stated (code "NS"), MK_MISSING gives Missing (code "MISSING");
 * MK_RECORDED gives NULL. Static. */
const struct mon_category *mon_special(enum mon_char c, enum mon_kind kind);

/* Look up an ethnicity code exactly (any case, surrounding spaces
 * ignored) in one system, or with ETH_AUTO in the first system that has
 * it (18+1, ONS 2021, ONS 2011, 16+1). Codes "NS", "MISSING" and the
 * group codes "WHITE" ... "OTHER" are valid in every UK system (in
 * ETH_USOMB, WHITE, BLACK and ASIAN are its own categories). Returns the
 * static category or NULL. */
const struct mon_category *mon_eth_code(enum eth_system sys, const char *code);

/* Map an ethnicity category into system `to` (not ETH_AUTO): the category
 * of `to` with the same meaning, or its best equivalent (the "any other"
 * category of the same high-level group in `to`). Group-only, Not stated
 * and Missing categories map to themselves. *flags (may be NULL) gets
 * MON_LOSSY, MON_REGROUPED, MON_SPLIT as they apply, 0 for an exact map.
 * Returns the static category, or NULL when cat is not an ethnicity
 * category, `to` is ETH_AUTO, or the map would cross between ETH_USOMB
 * and a UK system (there is none). */
const struct mon_category *mon_eth_map_category(const struct mon_category *cat,
						enum eth_system to, unsigned *flags /* OUT */);

/* Map an ethnicity code of system `from` (ETH_AUTO: as mon_eth_code) to
 * the code of its equivalent in `to`. Returns 0 and sets *to_code (static
 * string) and *lossy (may be NULL) to the MON_LOSSY / MON_REGROUPED /
 * MON_SPLIT bits, 0 when exact; ERR_DATA when the code is not one of
 * `from`; ERR_USAGE when `to` is ETH_AUTO or the map would cross between
 * ETH_USOMB and a UK system. The high-level group of either
 * code is mon_eth_code(...)->group. */
int mon_eth_map(enum eth_system from, const char *code, enum eth_system to,
		const char **to_code /* OUT */, int *lossy /* OUT */);

/* The analysis groups of a characteristic in display order, and how to
 * choose its default reference group: for ethnicity the five high-level
 * groups (White, Mixed, Asian, Black, Other), then Not stated, Missing,
 * reference "White"; for the others the category labels in form order,
 * then Not stated, Missing, reference the largest recorded group (rule
 * MON_REF_LARGEST, reference NULL). Fills *out with static data. */
void mon_groups(enum mon_char c, struct mon_group_list *out /* OUT */);

/* mon_groups for a dataset whose ethnicity is in system sys: the same,
 * except that for ETH_USOMB the ethnicity groups are its seven
 * categories in the order US relative rate index tables print them
 * (White, Black or African American, Hispanic or Latino, Asian, Native
 * Hawaiian or Other Pacific Islander, American Indian or Alaska Native,
 * Two or more races), then Not stated, Missing; reference "White". */
void mon_groups_sys(enum mon_char c, enum eth_system sys, struct mon_group_list *out /* OUT */);

#endif
