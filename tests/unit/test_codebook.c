/*
 * test_codebook: the codebooks of the protected characteristics
 * (src/monitor/codebook.c, tables in docs/codebooks.md). Tables of
 * values, each with the category we expect: every code of every
 * ethnicity system with its label and high-level group, the spellings
 * people write, blanks and "prefer not to say", ages, the other eight
 * characteristics, values that must be refused, and the maps between
 * the ethnicity systems in both directions. Values are classified from
 * exact-size heap copies so ASan catches any read past the NUL.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/codebook.h"

/* Classify a heap copy of value; returns the rc, fills *cat and *flags. */
static int classify(enum mon_char c, enum eth_system sys, const char *value,
		    const struct mon_category **cat, unsigned *flags, struct err *e)
{
	char *copy = NULL;
	int rc;

	if (value) {
		copy = malloc(strlen(value) + 1);
		cr_assert_not_null(copy);
		memcpy(copy, value, strlen(value) + 1);
	}
	err_clear(e);
	*cat = NULL;
	rc = mon_classify_ex(c, sys, copy, cat, flags, e);
	free(copy);
	return rc;
}

/* ---- every code of every ethnicity system ---- */

struct eth_row {
	enum eth_system sys;
	const char *code;
	const char *label;
	const char *group;
};

static const struct eth_row eth_rows[] = {
	/* 18+1 criminal-justice codes */
	{ETH_CJ18, "W1", "English, Welsh, Scottish, Northern Irish or British", "White"},
	{ETH_CJ18, "W2", "Irish", "White"},
	{ETH_CJ18, "W3", "Gypsy or Irish Traveller", "White"},
	{ETH_CJ18, "W9", "Any other White background", "White"},
	{ETH_CJ18, "M1", "White and Black Caribbean", "Mixed"},
	{ETH_CJ18, "M2", "White and Black African", "Mixed"},
	{ETH_CJ18, "M3", "White and Asian", "Mixed"},
	{ETH_CJ18, "M9", "Any other Mixed or Multiple background", "Mixed"},
	{ETH_CJ18, "A1", "Indian", "Asian"},
	{ETH_CJ18, "A2", "Pakistani", "Asian"},
	{ETH_CJ18, "A3", "Bangladeshi", "Asian"},
	{ETH_CJ18, "A4", "Chinese", "Asian"},
	{ETH_CJ18, "A9", "Any other Asian background", "Asian"},
	{ETH_CJ18, "B1", "Caribbean", "Black"},
	{ETH_CJ18, "B2", "African", "Black"},
	{ETH_CJ18, "B9", "Any other Black, Black British or Caribbean background", "Black"},
	{ETH_CJ18, "O2", "Arab", "Other"},
	{ETH_CJ18, "O9", "Any other ethnic group", "Other"},
	/* 16+1 criminal-justice codes: Chinese is O1, in Other */
	{ETH_CJ16, "W1", "British", "White"},
	{ETH_CJ16, "W2", "Irish", "White"},
	{ETH_CJ16, "W9", "Any other White background", "White"},
	{ETH_CJ16, "M1", "White and Black Caribbean", "Mixed"},
	{ETH_CJ16, "M2", "White and Black African", "Mixed"},
	{ETH_CJ16, "M3", "White and Asian", "Mixed"},
	{ETH_CJ16, "M9", "Any other Mixed background", "Mixed"},
	{ETH_CJ16, "A1", "Indian", "Asian"},
	{ETH_CJ16, "A2", "Pakistani", "Asian"},
	{ETH_CJ16, "A3", "Bangladeshi", "Asian"},
	{ETH_CJ16, "A9", "Any other Asian background", "Asian"},
	{ETH_CJ16, "B1", "Caribbean", "Black"},
	{ETH_CJ16, "B2", "African", "Black"},
	{ETH_CJ16, "B9", "Any other Black background", "Black"},
	{ETH_CJ16, "O1", "Chinese", "Other"},
	{ETH_CJ16, "O9", "Any other ethnic group", "Other"},
	/* ONS 2011 census */
	{ETH_ONS2011, "WBRI", "English/Welsh/Scottish/Northern Irish/British", "White"},
	{ETH_ONS2011, "WIRI", "Irish", "White"},
	{ETH_ONS2011, "WGIT", "Gypsy or Irish Traveller", "White"},
	{ETH_ONS2011, "WOTH", "Any other White background", "White"},
	{ETH_ONS2011, "MWBC", "White and Black Caribbean", "Mixed"},
	{ETH_ONS2011, "MWBA", "White and Black African", "Mixed"},
	{ETH_ONS2011, "MWAS", "White and Asian", "Mixed"},
	{ETH_ONS2011, "MOTH", "Any other Mixed/multiple ethnic background", "Mixed"},
	{ETH_ONS2011, "AIND", "Indian", "Asian"},
	{ETH_ONS2011, "APAK", "Pakistani", "Asian"},
	{ETH_ONS2011, "ABAN", "Bangladeshi", "Asian"},
	{ETH_ONS2011, "ACHI", "Chinese", "Asian"},
	{ETH_ONS2011, "AOTH", "Any other Asian background", "Asian"},
	{ETH_ONS2011, "BAFR", "African", "Black"},
	{ETH_ONS2011, "BCAR", "Caribbean", "Black"},
	{ETH_ONS2011, "BOTH", "Any other Black/African/Caribbean background", "Black"},
	{ETH_ONS2011, "OARA", "Arab", "Other"},
	{ETH_ONS2011, "OOTH", "Any other ethnic group", "Other"},
	/* ONS 2021 census, in the order of its outputs */
	{ETH_ONS2021, "ABAN", "Bangladeshi", "Asian"},
	{ETH_ONS2021, "ACHI", "Chinese", "Asian"},
	{ETH_ONS2021, "AIND", "Indian", "Asian"},
	{ETH_ONS2021, "APAK", "Pakistani", "Asian"},
	{ETH_ONS2021, "AOTH", "Other Asian", "Asian"},
	{ETH_ONS2021, "BAFR", "African", "Black"},
	{ETH_ONS2021, "BCAR", "Caribbean", "Black"},
	{ETH_ONS2021, "BOTH", "Other Black", "Black"},
	{ETH_ONS2021, "MWAS", "White and Asian", "Mixed"},
	{ETH_ONS2021, "MWBA", "White and Black African", "Mixed"},
	{ETH_ONS2021, "MWBC", "White and Black Caribbean", "Mixed"},
	{ETH_ONS2021, "MOTH", "Other Mixed or Multiple ethnic groups", "Mixed"},
	{ETH_ONS2021, "WBRI", "English, Welsh, Scottish, Northern Irish or British", "White"},
	{ETH_ONS2021, "WIRI", "Irish", "White"},
	{ETH_ONS2021, "WGIT", "Gypsy or Irish Traveller", "White"},
	{ETH_ONS2021, "WROM", "Roma", "White"},
	{ETH_ONS2021, "WOTH", "Other White", "White"},
	{ETH_ONS2021, "OARA", "Arab", "Other"},
	{ETH_ONS2021, "OOTH", "Any other ethnic group", "Other"},
};

#define N_ETH (sizeof eth_rows / sizeof eth_rows[0])

Test(codebook, ethnicity_category_counts)
{
	cr_assert_eq(mon_category_count(MC_ETHNICITY, ETH_CJ18), 18); /* 18 + NS */
	cr_assert_eq(mon_category_count(MC_ETHNICITY, ETH_CJ16), 16); /* 16 + NS */
	cr_assert_eq(mon_category_count(MC_ETHNICITY, ETH_ONS2011), 18);
	cr_assert_eq(mon_category_count(MC_ETHNICITY, ETH_ONS2021), 19);
	cr_assert_eq(mon_category_count(MC_ETHNICITY, ETH_AUTO), 5);
	cr_assert_eq(N_ETH, 18 + 16 + 18 + 19);
	/* the "+1" of 18+1 and 16+1 is Not stated, code NS, in every system */
	cr_assert_str_eq(mon_eth_code(ETH_CJ18, "NS")->label, "Not stated");
	cr_assert_eq(mon_eth_code(ETH_CJ16, "ns")->kind, MK_NOT_STATED);
	cr_assert_null(mon_category_at(MC_ETHNICITY, ETH_ONS2021, 19));
}

Test(codebook, tables_match_the_expected_rows_in_order)
{
	size_t i, at[ETH_AUTO] = {0};
	for (i = 0; i < N_ETH; i++) {
		const struct eth_row *r = &eth_rows[i];
		const struct mon_category *c = mon_category_at(MC_ETHNICITY, r->sys, at[r->sys]++);
		cr_assert_not_null(c, "%s", r->code);
		cr_assert_str_eq(c->code, r->code);
		cr_assert_str_eq(c->label, r->label);
		cr_assert_str_eq(c->group, r->group, "%s", r->code);
		cr_assert_eq(c->kind, MK_RECORDED);
		cr_assert_eq(c->sys, r->sys);
		cr_assert_eq(c->group_only, 0);
	}
}

Test(codebook, every_code_reads_back_to_its_category_and_group)
{
	size_t i;
	for (i = 0; i < N_ETH; i++) {
		const struct eth_row *r = &eth_rows[i];
		const struct mon_category *c = NULL;
		unsigned f = 99;
		struct err e;
		char lower[8];
		size_t k;

		cr_assert_eq(classify(MC_ETHNICITY, r->sys, r->code, &c, &f, &e), 0, "%s: %s",
			     r->code, e.msg);
		cr_assert_str_eq(c->code, r->code);
		cr_assert_str_eq(c->group, r->group);
		cr_assert_eq(f, 0u, "%s flags %u", r->code, f);
		cr_assert_eq(mon_eth_code(r->sys, r->code), c);
		for (k = 0; r->code[k] && k < sizeof lower - 1; k++)
			lower[k] = (char)(r->code[k] | 0x20);
		lower[k] = '\0';
		cr_assert_eq(classify(MC_ETHNICITY, r->sys, lower, &c, &f, &e), 0);
		cr_assert_str_eq(c->code, r->code);
	}
}

Test(codebook, every_label_reads_back_alone_and_after_its_group)
{
	size_t i;
	for (i = 0; i < N_ETH; i++) {
		const struct eth_row *r = &eth_rows[i];
		const struct mon_category *c = NULL, *want = mon_eth_code(r->sys, r->code);
		unsigned f;
		struct err e;
		char both[200];

		cr_assert_eq(classify(MC_ETHNICITY, r->sys, r->label, &c, &f, &e), 0, "%s: %s",
			     r->label, e.msg);
		cr_assert_eq(c, want, "'%s' read as %s", r->label, c->code);
		snprintf(both, sizeof both, "%s: %s", want->group_label, r->label);
		cr_assert_eq(classify(MC_ETHNICITY, r->sys, both, &c, &f, &e), 0, "%s: %s", both,
			     e.msg);
		cr_assert_eq(c, want, "'%s' read as %s", both, c->code);
		snprintf(both, sizeof both, "%s - %s", want->group_label, r->label);
		cr_assert_eq(classify(MC_ETHNICITY, r->sys, both, &c, &f, &e), 0, "%s", both);
		cr_assert_eq(c, want);
		/* the code followed by its label, as many exports write it */
		snprintf(both, sizeof both, "%s %s", r->code, r->label);
		cr_assert_eq(classify(MC_ETHNICITY, r->sys, both, &c, &f, &e), 0, "%s: %s", both,
			     e.msg);
		cr_assert_eq(c, want);
	}
}

Test(codebook, labels_under_auto_keep_their_group_except_chinese)
{
	size_t i;
	for (i = 0; i < N_ETH; i++) {
		const struct eth_row *r = &eth_rows[i];
		const struct mon_category *c = NULL;
		unsigned f;
		struct err e;

		cr_assert_eq(classify(MC_ETHNICITY, ETH_AUTO, r->label, &c, &f, &e), 0);
		if (strcmp(r->label, "Chinese") == 0) {
			cr_assert_str_eq(c->group, "Asian");
			cr_assert_eq(f, (unsigned)MON_AMBIGUOUS);
		} else {
			cr_assert_str_eq(c->group, r->group, "%s", r->label);
			cr_assert_eq(f, 0u, "%s", r->label);
		}
	}
}

/* ---- the two facts that trip people up ---- */

Test(codebook, black_codes_and_chinese_between_16_and_18)
{
	/* Chinese: O1 in Other (16+1), A4 in Asian (18+1); neither code
	 * exists in the other system */
	cr_assert_str_eq(mon_eth_code(ETH_CJ16, "O1")->group, "Other");
	cr_assert_str_eq(mon_eth_code(ETH_CJ18, "A4")->group, "Asian");
	cr_assert_null(mon_eth_code(ETH_CJ18, "O1"));
	cr_assert_null(mon_eth_code(ETH_CJ16, "A4"));
	cr_assert_null(mon_eth_code(ETH_CJ16, "W3"));
	cr_assert_null(mon_eth_code(ETH_CJ16, "O2"));
	/* B1 and B2: as the published code lists give them, the same in both */
	cr_assert_str_eq(mon_eth_code(ETH_CJ16, "B1")->label, "Caribbean");
	cr_assert_str_eq(mon_eth_code(ETH_CJ16, "B2")->label, "African");
	cr_assert_str_eq(mon_eth_code(ETH_CJ18, "B1")->label, "Caribbean");
	cr_assert_str_eq(mon_eth_code(ETH_CJ18, "B2")->label, "African");
	/* whatever the system, every B code is Black */
	cr_assert_str_eq(mon_eth_code(ETH_AUTO, "B1")->group, "Black");
	cr_assert_str_eq(mon_eth_code(ETH_AUTO, "B2")->group, "Black");
	cr_assert_str_eq(mon_eth_code(ETH_AUTO, "B9")->group, "Black");
}

/* ---- spellings ---- */

struct read_row {
	enum mon_char ch;
	enum eth_system sys;
	const char *value;
	const char *code;  /* expected category code */
	const char *group; /* expected group */
	unsigned flags;	   /* expected MON_* bits */
};

#define ETHR(sys, v, code, group, flags) {MC_ETHNICITY, sys, v, code, group, flags}
#define AMB MON_AMBIGUOUS
#define MAP MON_MAPPED

static const struct read_row reads[] = {
	/* "&", "and", "/", hyphens, commas, case and spaces do not matter */
	ETHR(ETH_CJ18, "White & Black Caribbean", "M1", "Mixed", 0),
	ETHR(ETH_CJ18, "White and Black Caribbean", "M1", "Mixed", 0),
	ETHR(ETH_CJ18, "white/black caribbean", "M1", "Mixed", 0),
	ETHR(ETH_CJ18, "  WHITE   AND  BLACK   CARIBBEAN ", "M1", "Mixed", 0),
	ETHR(ETH_CJ18, "Mixed - White & Black African", "M2", "Mixed", 0),
	ETHR(ETH_CJ18, "Mixed: White and Asian", "M3", "Mixed", 0),
	ETHR(ETH_CJ18, "Black or Black British - Caribbean", "B1", "Black", 0),
	ETHR(ETH_CJ18, "Black or Black British - African", "B2", "Black", 0),
	ETHR(ETH_CJ18, "Black British Caribbean", "B1", "Black", 0),
	ETHR(ETH_CJ18, "Black Caribbean", "B1", "Black", 0),
	ETHR(ETH_CJ18, "Black African", "B2", "Black", 0),
	ETHR(ETH_CJ18, "Asian British Indian", "A1", "Asian", 0),
	ETHR(ETH_CJ18, "Asian or Asian British: Pakistani", "A2", "Asian", 0),
	ETHR(ETH_CJ18, "British Asian - Bangladeshi", "A3", "Asian", 0),
	ETHR(ETH_CJ18, "Gypsy/Traveller", "W3", "White", 0),
	ETHR(ETH_CJ18, "Irish Traveller", "W3", "White", 0),
	ETHR(ETH_CJ18, "White - Gypsy or Irish Traveller", "W3", "White", 0),
	ETHR(ETH_CJ18, "White British", "W1", "White", 0),
	ETHR(ETH_CJ18, "White - British", "W1", "White", 0),
	ETHR(ETH_CJ18, "White: English/Welsh/Scottish/Northern Irish/British", "W1", "White", 0),
	ETHR(ETH_CJ18, "Scottish", "W1", "White", 0),
	ETHR(ETH_CJ18, "White Irish", "W2", "White", 0),
	ETHR(ETH_CJ18, "White Other", "W9", "White", 0),
	ETHR(ETH_CJ18, "White - any other", "W9", "White", 0),
	ETHR(ETH_CJ18, "Other White", "W9", "White", 0),
	ETHR(ETH_CJ18, "Mixed other", "M9", "Mixed", 0),
	ETHR(ETH_CJ18, "Any other mixed background", "M9", "Mixed", 0),
	ETHR(ETH_CJ18, "Asian other", "A9", "Asian", 0),
	ETHR(ETH_CJ18, "Black - Other", "B9", "Black", 0),
	ETHR(ETH_CJ18, "Other ethnic group: Arab", "O2", "Other", 0),
	ETHR(ETH_CJ18, "Any other ethnic group", "O9", "Other", 0),
	ETHR(ETH_CJ18, "Other - any other", "O9", "Other", 0),
	ETHR(ETH_CJ18, "Asian - Chinese", "A4", "Asian", 0),
	ETHR(ETH_CJ18, "w1", "W1", "White", 0),
	ETHR(ETH_CJ18, " A4 ", "A4", "Asian", 0),
	ETHR(ETH_CJ18, "W1 - White British", "W1", "White", 0),
	ETHR(ETH_CJ18, "B2 African", "B2", "Black", 0),
	/* 2021 wording, including the draft "Black Caribbean and White" */
	ETHR(ETH_ONS2021, "Asian, Asian British or Asian Welsh: Indian", "AIND", "Asian", 0),
	ETHR(ETH_ONS2021, "Black, Black British, Black Welsh, Caribbean or African: African",
	     "BAFR", "Black", 0),
	ETHR(ETH_ONS2021, "Mixed or Multiple ethnic groups: Black Caribbean and White", "MWBC",
	     "Mixed", 0),
	ETHR(ETH_ONS2021, "White: Roma", "WROM", "White", 0),
	ETHR(ETH_ONS2021, "Roma", "WROM", "White", 0),
	/* a group alone: a group-only category */
	ETHR(ETH_CJ18, "White", "WHITE", "White", 0),
	ETHR(ETH_CJ18, "black", "BLACK", "Black", 0),
	ETHR(ETH_CJ18, "Asian", "ASIAN", "Asian", 0),
	ETHR(ETH_CJ18, "Asian or Asian British", "ASIAN", "Asian", 0),
	ETHR(ETH_CJ18, "Mixed", "MIXED", "Mixed", 0),
	ETHR(ETH_CJ18, "Mixed/Multiple ethnic groups", "MIXED", "Mixed", 0),
	ETHR(ETH_CJ18, "Other", "OTHER", "Other", 0),
	ETHR(ETH_CJ18, "Other ethnic group", "OTHER", "Other", 0),
	ETHR(ETH_CJ16, "Chinese or other ethnic group", "OTHER", "Other", 0),
	ETHR(ETH_ONS2021, "Black, Black British, Black Welsh, Caribbean or African", "BLACK",
	     "Black", 0),
	ETHR(ETH_AUTO, "Black British", "BLACK", "Black", 0),
	/* Chinese: the system decides the group */
	ETHR(ETH_CJ16, "Chinese", "O1", "Other", 0),
	ETHR(ETH_CJ18, "Chinese", "A4", "Asian", 0),
	ETHR(ETH_ONS2011, "Chinese", "ACHI", "Asian", 0),
	ETHR(ETH_AUTO, "Chinese", "A4", "Asian", AMB),
	ETHR(ETH_AUTO, "Other ethnic group - Chinese", "O1", "Other", 0),
	ETHR(ETH_AUTO, "Chinese or other ethnic group: Chinese", "O1", "Other", 0),
	ETHR(ETH_AUTO, "Asian - Chinese", "A4", "Asian", 0),
	/* codes of one system read for another are mapped, with flags */
	ETHR(ETH_CJ18, "O1", "A4", "Asian", MAP | MON_REGROUPED),
	ETHR(ETH_CJ16, "A4", "O1", "Other", MAP | MON_REGROUPED),
	ETHR(ETH_CJ16, "Asian - Chinese", "O1", "Other", MAP | MON_REGROUPED),
	ETHR(ETH_CJ16, "W3", "W9", "White", MAP | MON_LOSSY),
	ETHR(ETH_CJ16, "Gypsy or Irish Traveller", "W9", "White", MAP | MON_LOSSY),
	ETHR(ETH_CJ16, "Arab", "O9", "Other", MAP | MON_LOSSY),
	ETHR(ETH_CJ18, "Roma", "W9", "White", MAP | MON_LOSSY),
	ETHR(ETH_ONS2011, "W1", "WBRI", "White", MAP),
	ETHR(ETH_ONS2021, "B1", "BCAR", "Black", MAP),
	ETHR(ETH_CJ18, "WGIT", "W3", "White", MAP),
	/* ETH_AUTO takes each value in its own system */
	ETHR(ETH_AUTO, "O1", "O1", "Other", 0),
	ETHR(ETH_AUTO, "A4", "A4", "Asian", 0),
	ETHR(ETH_AUTO, "W3", "W3", "White", 0),
	ETHR(ETH_AUTO, "B1", "B1", "Black", 0),
	ETHR(ETH_AUTO, "B2", "B2", "Black", 0),
	ETHR(ETH_AUTO, "WROM", "WROM", "White", 0),
	ETHR(ETH_AUTO, "Roma", "WROM", "White", 0),
	ETHR(ETH_AUTO, "Indian", "A1", "Asian", 0),
	/* blanks and the two special categories, for any system */
	ETHR(ETH_CJ18, "", "MISSING", "Missing", 0),
	ETHR(ETH_CJ18, "   ", "MISSING", "Missing", 0),
	ETHR(ETH_CJ18, "\t\n", "MISSING", "Missing", 0),
	ETHR(ETH_CJ18, "-", "MISSING", "Missing", 0),
	ETHR(ETH_CJ18, "Unknown", "MISSING", "Missing", 0),
	ETHR(ETH_CJ18, "Not known", "MISSING", "Missing", 0),
	ETHR(ETH_CJ18, "missing", "MISSING", "Missing", 0),
	ETHR(ETH_CJ18, "NS", "NS", "Not stated", 0),
	ETHR(ETH_CJ16, "ns", "NS", "Not stated", 0),
	ETHR(ETH_ONS2011, "Not stated", "NS", "Not stated", 0),
	ETHR(ETH_AUTO, "Prefer not to say", "NS", "Not stated", 0),
	ETHR(ETH_CJ18, "prefer not to say", "NS", "Not stated", 0),
	ETHR(ETH_CJ18, "Declined", "NS", "Not stated", 0),
	ETHR(ETH_CJ18, "Refused", "NS", "Not stated", 0),
	ETHR(ETH_CJ18, "I do not wish to disclose", "NS", "Not stated", 0),
	ETHR(ETH_CJ18, "NS - Not stated", "NS", "Not stated", 0),

	/* sex */
	{MC_SEX, ETH_AUTO, "Female", "F", "Female", 0},
	{MC_SEX, ETH_AUTO, "F", "F", "Female", 0},
	{MC_SEX, ETH_AUTO, "f", "F", "Female", 0},
	{MC_SEX, ETH_AUTO, "woman", "F", "Female", 0},
	{MC_SEX, ETH_AUTO, "FEMALE", "F", "Female", 0},
	{MC_SEX, ETH_AUTO, "Male", "M", "Male", 0},
	{MC_SEX, ETH_AUTO, "m", "M", "Male", 0},
	{MC_SEX, ETH_AUTO, "Man", "M", "Male", 0},
	{MC_SEX, ETH_AUTO, "male ", "M", "Male", 0},
	{MC_SEX, ETH_AUTO, "", "MISSING", "Missing", 0},
	{MC_SEX, ETH_AUTO, "Prefer not to say", "NS", "Not stated", 0},
	/* age: numbers to bands, bands to themselves */
	{MC_AGE, ETH_AUTO, "0", "U18", "Under 18", 0},
	{MC_AGE, ETH_AUTO, "17", "U18", "Under 18", 0},
	{MC_AGE, ETH_AUTO, "18", "18-24", "18-24", 0},
	{MC_AGE, ETH_AUTO, "24", "18-24", "18-24", 0},
	{MC_AGE, ETH_AUTO, "25", "25-34", "25-34", 0},
	{MC_AGE, ETH_AUTO, "34", "25-34", "25-34", 0},
	{MC_AGE, ETH_AUTO, "35", "35-44", "35-44", 0},
	{MC_AGE, ETH_AUTO, "44", "35-44", "35-44", 0},
	{MC_AGE, ETH_AUTO, "45", "45-54", "45-54", 0},
	{MC_AGE, ETH_AUTO, "54", "45-54", "45-54", 0},
	{MC_AGE, ETH_AUTO, "55", "55-64", "55-64", 0},
	{MC_AGE, ETH_AUTO, "64", "55-64", "55-64", 0},
	{MC_AGE, ETH_AUTO, "65", "65+", "65+", 0},
	{MC_AGE, ETH_AUTO, "120", "65+", "65+", 0},
	{MC_AGE, ETH_AUTO, " 42 ", "35-44", "35-44", 0},
	{MC_AGE, ETH_AUTO, "035", "35-44", "35-44", 0},
	{MC_AGE, ETH_AUTO, "35-44", "35-44", "35-44", 0},
	{MC_AGE, ETH_AUTO, "35 - 44", "35-44", "35-44", 0},
	{MC_AGE, ETH_AUTO, "35 to 44", "35-44", "35-44", 0},
	{MC_AGE, ETH_AUTO, "18\xe2\x80\x93" "24", "18-24", "18-24", 0}, /* en dash */
	{MC_AGE, ETH_AUTO, "65+", "65+", "65+", 0},
	{MC_AGE, ETH_AUTO, "65 and over", "65+", "65+", 0},
	{MC_AGE, ETH_AUTO, "Under 18", "U18", "Under 18", 0},
	{MC_AGE, ETH_AUTO, "<18", "U18", "Under 18", 0},
	{MC_AGE, ETH_AUTO, "U18", "U18", "Under 18", 0},
	{MC_AGE, ETH_AUTO, "", "MISSING", "Missing", 0},
	{MC_AGE, ETH_AUTO, "Not known", "MISSING", "Missing", 0},
	{MC_AGE, ETH_AUTO, "Prefer not to say", "NS", "Not stated", 0},
	/* disability */
	{MC_DISABILITY, ETH_AUTO, "Yes", "Y", "Disabled", 0},
	{MC_DISABILITY, ETH_AUTO, "Y", "Y", "Disabled", 0},
	{MC_DISABILITY, ETH_AUTO, "disabled", "Y", "Disabled", 0},
	{MC_DISABILITY, ETH_AUTO, "Yes (disabled)", "Y", "Disabled", 0},
	{MC_DISABILITY, ETH_AUTO, "No", "N", "Not disabled", 0},
	{MC_DISABILITY, ETH_AUTO, "n", "N", "Not disabled", 0},
	{MC_DISABILITY, ETH_AUTO, "Not disabled", "N", "Not disabled", 0},
	{MC_DISABILITY, ETH_AUTO, "non-disabled", "N", "Not disabled", 0},
	{MC_DISABILITY, ETH_AUTO, "NS", "NS", "Not stated", 0},
	/* religion or belief */
	{MC_RELIGION, ETH_AUTO, "No religion", "NONE", "No religion", 0},
	{MC_RELIGION, ETH_AUTO, "None", "NONE", "No religion", 0},
	{MC_RELIGION, ETH_AUTO, "Christian", "CHR", "Christian", 0},
	{MC_RELIGION, ETH_AUTO, "Christian (including Church of England, Catholic, Protestant "
				"and all other Christian denominations)", "CHR", "Christian", 0},
	{MC_RELIGION, ETH_AUTO, "Roman Catholic", "CHR", "Christian", 0},
	{MC_RELIGION, ETH_AUTO, "Buddhist", "BUD", "Buddhist", 0},
	{MC_RELIGION, ETH_AUTO, "Hindu", "HIN", "Hindu", 0},
	{MC_RELIGION, ETH_AUTO, "Jewish", "JEW", "Jewish", 0},
	{MC_RELIGION, ETH_AUTO, "Muslim", "MUS", "Muslim", 0},
	{MC_RELIGION, ETH_AUTO, "Sikh", "SIK", "Sikh", 0},
	{MC_RELIGION, ETH_AUTO, "Any other religion", "OTH", "Any other religion", 0},
	{MC_RELIGION, ETH_AUTO, "Other", "OTH", "Any other religion", 0},
	{MC_RELIGION, ETH_AUTO, "Prefer not to say", "NS", "Not stated", 0},
	/* sexual orientation */
	{MC_SEXUAL_ORIENTATION, ETH_AUTO, "Heterosexual", "HET", "Heterosexual or straight", 0},
	{MC_SEXUAL_ORIENTATION, ETH_AUTO, "Straight", "HET", "Heterosexual or straight", 0},
	{MC_SEXUAL_ORIENTATION, ETH_AUTO, "Heterosexual/Straight", "HET",
	 "Heterosexual or straight", 0},
	{MC_SEXUAL_ORIENTATION, ETH_AUTO, "Gay or Lesbian", "GL", "Gay or lesbian", 0},
	{MC_SEXUAL_ORIENTATION, ETH_AUTO, "Gay", "GL", "Gay or lesbian", 0},
	{MC_SEXUAL_ORIENTATION, ETH_AUTO, "Lesbian", "GL", "Gay or lesbian", 0},
	{MC_SEXUAL_ORIENTATION, ETH_AUTO, "Gay woman/lesbian", "GL", "Gay or lesbian", 0},
	{MC_SEXUAL_ORIENTATION, ETH_AUTO, "Bisexual", "BI", "Bisexual", 0},
	{MC_SEXUAL_ORIENTATION, ETH_AUTO, "Other sexual orientation", "OTH",
	 "Other sexual orientation", 0},
	{MC_SEXUAL_ORIENTATION, ETH_AUTO, "Other", "OTH", "Other sexual orientation", 0},
	/* gender reassignment: identity same as sex registered at birth? */
	{MC_GENDER_REASSIGNMENT, ETH_AUTO, "Yes", "Y", "Same as sex registered at birth", 0},
	{MC_GENDER_REASSIGNMENT, ETH_AUTO, "y", "Y", "Same as sex registered at birth", 0},
	{MC_GENDER_REASSIGNMENT, ETH_AUTO, "No", "N", "Different from sex registered at birth", 0},
	{MC_GENDER_REASSIGNMENT, ETH_AUTO, "Different from sex registered at birth", "N",
	 "Different from sex registered at birth", 0},
	{MC_GENDER_REASSIGNMENT, ETH_AUTO, "Prefer not to say", "NS", "Not stated", 0},
	/* marriage and civil partnership */
	{MC_MARITAL, ETH_AUTO, "Single", "S", "Single", 0},
	{MC_MARITAL, ETH_AUTO, "Never married", "S", "Single", 0},
	{MC_MARITAL, ETH_AUTO, "Married", "MAR", "Married", 0},
	{MC_MARITAL, ETH_AUTO, "In a civil partnership", "CP", "In a civil partnership", 0},
	{MC_MARITAL, ETH_AUTO, "Civil partnership", "CP", "In a civil partnership", 0},
	{MC_MARITAL, ETH_AUTO, "Separated", "SEP", "Separated", 0},
	{MC_MARITAL, ETH_AUTO, "Divorced or dissolved", "DIV", "Divorced or dissolved", 0},
	{MC_MARITAL, ETH_AUTO, "Divorced", "DIV", "Divorced or dissolved", 0},
	{MC_MARITAL, ETH_AUTO, "Widowed or surviving partner", "WID",
	 "Widowed or surviving partner", 0},
	{MC_MARITAL, ETH_AUTO, "Widowed", "WID", "Widowed or surviving partner", 0},
	{MC_MARITAL, ETH_AUTO, "Surviving civil partner", "WID", "Widowed or surviving partner", 0},
	/* pregnancy and maternity */
	{MC_PREGNANCY, ETH_AUTO, "Yes", "Y", "Pregnant or on maternity leave", 0},
	{MC_PREGNANCY, ETH_AUTO, "Pregnant", "Y", "Pregnant or on maternity leave", 0},
	{MC_PREGNANCY, ETH_AUTO, "On maternity leave", "Y", "Pregnant or on maternity leave", 0},
	{MC_PREGNANCY, ETH_AUTO, "No", "N", "Not pregnant or on maternity leave", 0},
	{MC_PREGNANCY, ETH_AUTO, "N", "N", "Not pregnant or on maternity leave", 0},
	{MC_PREGNANCY, ETH_AUTO, "   ", "MISSING", "Missing", 0},
	{MC_PREGNANCY, ETH_AUTO, "Declined", "NS", "Not stated", 0},
};

Test(codebook, spellings_table)
{
	size_t i;
	for (i = 0; i < sizeof reads / sizeof reads[0]; i++) {
		const struct read_row *r = &reads[i];
		const struct mon_category *c = NULL;
		unsigned f = 99;
		struct err e;
		int rc = classify(r->ch, r->sys, r->value, &c, &f, &e);

		cr_assert_eq(rc, 0, "%s '%s': %s", mon_char_name(r->ch), r->value, e.msg);
		cr_assert_str_eq(c->code, r->code, "%s '%s' read as %s", mon_char_name(r->ch),
				 r->value, c->code);
		cr_assert_str_eq(c->group, r->group, "'%s'", r->value);
		cr_assert_eq(f, r->flags, "'%s' flags %u, want %u", r->value, f, r->flags);
	}
}

Test(codebook, special_categories_and_null)
{
	const struct mon_category *c = NULL;
	struct err e;
	enum mon_char ch;

	for (ch = 0; ch < MC_COUNT; ch++) {
		cr_assert_eq(mon_classify(ch, ETH_CJ18, NULL, &c, &e), 0);
		cr_assert_eq(c, mon_special(ch, MK_MISSING));
		cr_assert_eq(c->kind, MK_MISSING);
		cr_assert_str_eq(c->code, "MISSING");
		cr_assert_str_eq(c->label, "Missing");
		cr_assert_eq(mon_classify(ch, ETH_CJ18, "Prefer not to say", &c, &e), 0);
		cr_assert_eq(c, mon_special(ch, MK_NOT_STATED));
		cr_assert_eq(c->kind, MK_NOT_STATED);
		cr_assert_str_eq(c->code, "NS");
		cr_assert_str_eq(c->group, "Not stated");
		cr_assert_null(mon_special(ch, MK_RECORDED));
	}
}

/* ---- every label of every other characteristic ---- */

struct cat_row {
	enum mon_char ch;
	const char *code;
	const char *label;
};

static const struct cat_row cats[] = {
	{MC_SEX, "F", "Female"},
	{MC_SEX, "M", "Male"},
	{MC_AGE, "U18", "Under 18"},
	{MC_AGE, "18-24", "18-24"},
	{MC_AGE, "25-34", "25-34"},
	{MC_AGE, "35-44", "35-44"},
	{MC_AGE, "45-54", "45-54"},
	{MC_AGE, "55-64", "55-64"},
	{MC_AGE, "65+", "65+"},
	{MC_DISABILITY, "Y", "Disabled"},
	{MC_DISABILITY, "N", "Not disabled"},
	{MC_RELIGION, "NONE", "No religion"},
	{MC_RELIGION, "CHR", "Christian"},
	{MC_RELIGION, "BUD", "Buddhist"},
	{MC_RELIGION, "HIN", "Hindu"},
	{MC_RELIGION, "JEW", "Jewish"},
	{MC_RELIGION, "MUS", "Muslim"},
	{MC_RELIGION, "SIK", "Sikh"},
	{MC_RELIGION, "OTH", "Any other religion"},
	{MC_SEXUAL_ORIENTATION, "HET", "Heterosexual or straight"},
	{MC_SEXUAL_ORIENTATION, "GL", "Gay or lesbian"},
	{MC_SEXUAL_ORIENTATION, "BI", "Bisexual"},
	{MC_SEXUAL_ORIENTATION, "OTH", "Other sexual orientation"},
	{MC_GENDER_REASSIGNMENT, "Y", "Same as sex registered at birth"},
	{MC_GENDER_REASSIGNMENT, "N", "Different from sex registered at birth"},
	{MC_MARITAL, "S", "Single"},
	{MC_MARITAL, "MAR", "Married"},
	{MC_MARITAL, "CP", "In a civil partnership"},
	{MC_MARITAL, "SEP", "Separated"},
	{MC_MARITAL, "DIV", "Divorced or dissolved"},
	{MC_MARITAL, "WID", "Widowed or surviving partner"},
	{MC_PREGNANCY, "Y", "Pregnant or on maternity leave"},
	{MC_PREGNANCY, "N", "Not pregnant or on maternity leave"},
};

Test(codebook, every_category_of_the_other_characteristics)
{
	size_t i, at[MC_COUNT] = {0};
	enum mon_char ch;

	for (i = 0; i < sizeof cats / sizeof cats[0]; i++) {
		const struct cat_row *r = &cats[i];
		const struct mon_category *c = mon_category_at(r->ch, ETH_AUTO, at[r->ch]++), *got;
		struct err e;
		unsigned f;

		cr_assert_not_null(c);
		cr_assert_str_eq(c->code, r->code);
		cr_assert_str_eq(c->label, r->label);
		cr_assert_str_eq(c->group, r->label);
		cr_assert_eq(c->kind, MK_RECORDED);
		cr_assert_eq(classify(r->ch, ETH_AUTO, r->label, &got, &f, &e), 0, "%s", e.msg);
		cr_assert_eq(got, c, "label '%s'", r->label);
		cr_assert_eq(classify(r->ch, ETH_AUTO, r->code, &got, &f, &e), 0, "%s", e.msg);
		cr_assert_eq(got, c, "code '%s'", r->code);
	}
	for (ch = MC_SEX; ch < MC_COUNT; ch++)
		cr_assert_eq(mon_category_count(ch, ETH_AUTO), at[ch], "%s", mon_char_name(ch));
}

/* ---- refusals ---- */

struct bad_row {
	enum mon_char ch;
	enum eth_system sys;
	const char *value;
	const char *says; /* a piece of the message besides the value */
};

static const struct bad_row bad[] = {
	{MC_ETHNICITY, ETH_CJ18, "Purple", "Mixed, Asian, Black"},
	{MC_ETHNICITY, ETH_CJ18, "BME", "not an ethnic group"},
	{MC_ETHNICITY, ETH_CJ18, "BAME", "not an ethnic group"},
	{MC_ETHNICITY, ETH_AUTO, "Black and minority ethnic", "not an ethnic group"},
	{MC_ETHNICITY, ETH_CJ18, "Non-white", "not an ethnic group"},
	{MC_ETHNICITY, ETH_CJ18, "W7", "W1"},
	{MC_ETHNICITY, ETH_CJ18, "White African", "a group"},
	{MC_ETHNICITY, ETH_CJ18, "Asian - Caribbean", "a group"},
	{MC_ETHNICITY, ETH_CJ18, "B1 African", "code B1 is 'Caribbean'"},
	{MC_ETHNICITY, ETH_CJ16, "O1 Indian", "code O1 is 'Chinese'"},
	{MC_ETHNICITY, ETH_CJ18, "IC1", "W1"},
	{MC_SEX, ETH_AUTO, "X", "Female (F), Male (M)"},
	{MC_SEX, ETH_AUTO, "Non-binary", "Female (F)"},
	{MC_AGE, ETH_AUTO, "-1", "whole years"},
	{MC_AGE, ETH_AUTO, "121", "whole years"},
	{MC_AGE, ETH_AUTO, "abc", "whole number of years"},
	{MC_AGE, ETH_AUTO, "34.5", "whole years"},
	{MC_AGE, ETH_AUTO, "16-24", "18-24"},
	{MC_AGE, ETH_AUTO, "99999999999999999999", "whole years"},
	{MC_DISABILITY, ETH_AUTO, "maybe", "Disabled (Y)"},
	{MC_RELIGION, ETH_AUTO, "Jedi", "No religion (NONE)"},
	{MC_SEXUAL_ORIENTATION, ETH_AUTO, "Purple", "Bisexual (BI)"},
	{MC_GENDER_REASSIGNMENT, ETH_AUTO, "perhaps", "Same as sex registered at birth (Y)"},
	{MC_MARITAL, ETH_AUTO, "Cohabiting", "Single (S)"},
	{MC_PREGNANCY, ETH_AUTO, "n/a", "Pregnant or on maternity leave (Y)"},
};

Test(codebook, unknown_values_are_refused_naming_the_value)
{
	size_t i;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const struct bad_row *r = &bad[i];
		const struct mon_category *c = NULL;
		unsigned f;
		struct err e;
		char quoted[128];

		cr_assert_eq(classify(r->ch, r->sys, r->value, &c, &f, &e), ERR_DATA, "'%s'",
			     r->value);
		cr_assert_null(c);
		cr_assert_eq(e.code, ERR_DATA);
		snprintf(quoted, sizeof quoted, "'%s'", r->value);
		cr_assert_not_null(strstr(e.msg, quoted), "message lacks the value: %s", e.msg);
		cr_assert_not_null(strstr(e.msg, mon_char_name(r->ch)), "%s", e.msg);
		cr_assert_not_null(strstr(e.msg, r->says), "'%s' not in: %s", r->says, e.msg);
	}
}

Test(codebook, long_and_odd_values_are_safe)
{
	const struct mon_category *c;
	struct err e;
	unsigned f;
	char big[400];

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	cr_assert_eq(classify(MC_ETHNICITY, ETH_AUTO, big, &c, &f, &e), ERR_DATA);
	cr_assert_not_null(strstr(e.msg, "xxx..."), "%s", e.msg);
	cr_assert_lt(strlen(e.msg), 300);
	cr_assert_eq(classify(MC_SEX, ETH_AUTO, "F\x01", &c, &f, &e), 0);
	cr_assert_str_eq(c->code, "F");
	cr_assert_eq(classify(MC_SEX, ETH_AUTO, "\xff\xfe" "Q", &c, &f, &e), ERR_DATA);
	cr_assert_eq(classify(MC_ETHNICITY, ETH_CJ18, "Indian\xc2\xa0", &c, &f, &e), 0);
	cr_assert_str_eq(c->code, "A1");
	cr_assert_eq(mon_classify(MC_COUNT, ETH_CJ18, "x", &c, &e), ERR_USAGE);
}

/* ---- maps between the systems ---- */

struct map_row {
	enum eth_system from;
	const char *code;
	enum eth_system to;
	const char *to_code;
	int flags;
};

static const struct map_row maps[] = {
	/* 16+1 -> 18+1 and back */
	{ETH_CJ16, "W1", ETH_CJ18, "W1", 0},
	{ETH_CJ16, "W9", ETH_CJ18, "W9", MON_SPLIT}, /* some now W3 */
	{ETH_CJ16, "B1", ETH_CJ18, "B1", 0},
	{ETH_CJ16, "B2", ETH_CJ18, "B2", 0},
	{ETH_CJ16, "O1", ETH_CJ18, "A4", MON_REGROUPED},
	{ETH_CJ16, "O9", ETH_CJ18, "O9", MON_SPLIT}, /* some now O2 */
	{ETH_CJ16, "A9", ETH_CJ18, "A9", 0},
	{ETH_CJ16, "NS", ETH_CJ18, "NS", 0},
	{ETH_CJ18, "A4", ETH_CJ16, "O1", MON_REGROUPED},
	{ETH_CJ18, "W3", ETH_CJ16, "W9", MON_LOSSY},
	{ETH_CJ18, "O2", ETH_CJ16, "O9", MON_LOSSY},
	{ETH_CJ18, "B9", ETH_CJ16, "B9", 0},
	{ETH_CJ18, "M3", ETH_CJ16, "M3", 0},
	/* 18+1 <-> ONS 2011: one to one */
	{ETH_CJ18, "W1", ETH_ONS2011, "WBRI", 0},
	{ETH_CJ18, "B1", ETH_ONS2011, "BCAR", 0},
	{ETH_CJ18, "B2", ETH_ONS2011, "BAFR", 0},
	{ETH_CJ18, "A4", ETH_ONS2011, "ACHI", 0},
	{ETH_CJ18, "O2", ETH_ONS2011, "OARA", 0},
	{ETH_ONS2011, "WGIT", ETH_CJ18, "W3", 0},
	{ETH_ONS2011, "WOTH", ETH_CJ18, "W9", 0},
	{ETH_ONS2011, "BAFR", ETH_CJ18, "B2", 0},
	/* ONS 2011 <-> ONS 2021: Roma */
	{ETH_ONS2011, "WOTH", ETH_ONS2021, "WOTH", MON_SPLIT}, /* some now Roma */
	{ETH_ONS2011, "AIND", ETH_ONS2021, "AIND", 0},
	{ETH_ONS2021, "WROM", ETH_ONS2011, "WOTH", MON_LOSSY},
	{ETH_ONS2021, "WOTH", ETH_ONS2011, "WOTH", 0},
	{ETH_ONS2021, "WROM", ETH_CJ18, "W9", MON_LOSSY},
	{ETH_ONS2021, "WROM", ETH_CJ16, "W9", MON_LOSSY},
	{ETH_ONS2021, "ACHI", ETH_CJ16, "O1", MON_REGROUPED},
	{ETH_ONS2021, "OARA", ETH_CJ16, "O9", MON_LOSSY},
	{ETH_CJ16, "W9", ETH_ONS2021, "WOTH", MON_SPLIT},
	{ETH_CJ16, "O1", ETH_ONS2021, "ACHI", MON_REGROUPED},
	/* ETH_AUTO reads the code in the first system that has it */
	{ETH_AUTO, "O1", ETH_CJ18, "A4", MON_REGROUPED},
	{ETH_AUTO, "WROM", ETH_CJ18, "W9", MON_LOSSY},
	/* group-only and special codes map to themselves */
	{ETH_CJ18, "BLACK", ETH_CJ16, "BLACK", 0},
	{ETH_CJ18, "MISSING", ETH_ONS2021, "MISSING", 0},
};

Test(codebook, maps_table)
{
	size_t i;
	for (i = 0; i < sizeof maps / sizeof maps[0]; i++) {
		const struct map_row *r = &maps[i];
		const char *to = NULL;
		int flags = -1;

		cr_assert_eq(mon_eth_map(r->from, r->code, r->to, &to, &flags), 0, "%s", r->code);
		cr_assert_str_eq(to, r->to_code, "%s %s -> %s: got %s",
				 mon_eth_system_name(r->from), r->code,
				 mon_eth_system_name(r->to), to);
		cr_assert_eq(flags, r->flags, "%s %s -> %s flags %d",
			     mon_eth_system_name(r->from), r->code, mon_eth_system_name(r->to),
			     flags);
	}
}

Test(codebook, every_code_maps_to_every_system_keeping_its_group_but_chinese)
{
	size_t i;
	enum eth_system to;
	for (i = 0; i < N_ETH; i++) {
		const struct mon_category *from = mon_eth_code(eth_rows[i].sys, eth_rows[i].code);
		for (to = ETH_CJ18; to < ETH_AUTO; to++) {
			unsigned f;
			const struct mon_category *t = mon_eth_map_category(from, to, &f);
			cr_assert_not_null(t);
			cr_assert_eq(t->sys, to);
			if (f & MON_REGROUPED)
				cr_assert_str_eq(t->label, "Chinese");
			else
				cr_assert_str_eq(t->group, from->group, "%s -> %s", from->code,
						 t->code);
			/* the way back is exact unless detail was lost */
			if (!(f & MON_LOSSY)) {
				const struct mon_category *back =
					mon_eth_map_category(t, from->sys, NULL);
				cr_assert_eq(back, from, "%s -> %s -> %s", from->code, t->code,
					     back->code);
			}
		}
	}
}

Test(codebook, map_refusals)
{
	const char *to = "unchanged";
	int flags = 7;
	cr_assert_eq(mon_eth_map(ETH_CJ16, "A4", ETH_CJ18, &to, &flags), ERR_DATA);
	cr_assert_eq(mon_eth_map(ETH_CJ18, "Z9", ETH_CJ16, &to, &flags), ERR_DATA);
	cr_assert_eq(mon_eth_map(ETH_CJ18, "W1", ETH_AUTO, &to, &flags), ERR_USAGE);
	cr_assert_str_eq(to, "unchanged");
	cr_assert_eq(flags, 7);
	cr_assert_null(mon_eth_map_category(mon_category_at(MC_SEX, ETH_AUTO, 0), ETH_CJ18, NULL));
}

/* ---- names and report groups ---- */

struct name_row {
	const char *name;
	enum mon_char ch;
};

static const struct name_row names[] = {
	{"ethnicity", MC_ETHNICITY},
	{"Ethnic group", MC_ETHNICITY},
	{"race", MC_ETHNICITY},
	{"sex", MC_SEX},
	{"Gender", MC_SEX},
	{"age", MC_AGE},
	{"Age band", MC_AGE},
	{"disability", MC_DISABILITY},
	{"religion", MC_RELIGION},
	{"Religion or belief", MC_RELIGION},
	{"religion_or_belief", MC_RELIGION},
	{"sexual_orientation", MC_SEXUAL_ORIENTATION},
	{"Sexual orientation", MC_SEXUAL_ORIENTATION},
	{"gender_reassignment", MC_GENDER_REASSIGNMENT},
	{"Gender identity", MC_GENDER_REASSIGNMENT},
	{"marital_status", MC_MARITAL},
	{"Marriage and civil partnership", MC_MARITAL},
	{"Marriage & civil partnership", MC_MARITAL},
	{"pregnancy_maternity", MC_PREGNANCY},
	{"Pregnancy and maternity", MC_PREGNANCY},
};

Test(codebook, characteristic_names)
{
	static const char *const want[MC_COUNT] = {
		"ethnicity", "sex", "age", "disability", "religion", "sexual_orientation",
		"gender_reassignment", "marital_status", "pregnancy_maternity"};
	size_t i;
	enum mon_char ch;

	for (ch = 0; ch < MC_COUNT; ch++) {
		enum mon_char got = MC_COUNT;
		cr_assert_str_eq(mon_char_name(ch), want[ch]);
		cr_assert_eq(mon_char_from_name(want[ch], &got), 0);
		cr_assert_eq(got, ch);
		cr_assert_eq(mon_char_from_name(mon_char_label(ch), &got), 0);
		cr_assert_eq(got, ch);
	}
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		enum mon_char got = MC_COUNT;
		cr_assert_eq(mon_char_from_name(names[i].name, &got), 0, "%s", names[i].name);
		cr_assert_eq(got, names[i].ch, "%s", names[i].name);
	}
	ch = MC_AGE;
	cr_assert_eq(mon_char_from_name("shoe size", &ch), ERR_NOTFOUND);
	cr_assert_eq(mon_char_from_name("", &ch), ERR_NOTFOUND);
	cr_assert_eq(mon_char_from_name(NULL, &ch), ERR_NOTFOUND);
	cr_assert_eq(ch, MC_AGE);
	cr_assert_str_eq(mon_char_label(MC_RELIGION), "Religion or belief");
	cr_assert_str_eq(mon_char_name(MC_COUNT), "?");
}

Test(codebook, system_names)
{
	enum eth_system s, got;
	for (s = ETH_CJ18; s <= ETH_AUTO; s++) {
		cr_assert_eq(mon_eth_system_from_name(mon_eth_system_name(s), &got), 0);
		cr_assert_eq(got, s);
	}
	cr_assert_str_eq(mon_eth_system_name(ETH_CJ18), "cj18");
	cr_assert_str_eq(mon_eth_system_name(ETH_ONS2021), "ons2021");
	cr_assert_eq(mon_eth_system_from_name(" 16+1 ", &got), 0);
	cr_assert_eq(got, ETH_CJ16);
	cr_assert_eq(mon_eth_system_from_name("CJ18", &got), 0);
	cr_assert_eq(got, ETH_CJ18);
	cr_assert_eq(mon_eth_system_from_name("2021", &got), 0);
	cr_assert_eq(got, ETH_ONS2021);
	cr_assert_eq(mon_eth_system_from_name("1991", &got), ERR_NOTFOUND);
}

Test(codebook, report_groups_and_reference)
{
	struct mon_group_list g;
	enum mon_char ch;
	size_t i;

	mon_groups(MC_ETHNICITY, &g);
	cr_assert_eq(g.n_groups, 7);
	cr_assert_eq(g.n_recorded, 5);
	cr_assert_str_eq(g.groups[0], "White");
	cr_assert_str_eq(g.groups[1], "Mixed");
	cr_assert_str_eq(g.groups[2], "Asian");
	cr_assert_str_eq(g.groups[3], "Black");
	cr_assert_str_eq(g.groups[4], "Other");
	cr_assert_str_eq(g.groups[5], "Not stated");
	cr_assert_str_eq(g.groups[6], "Missing");
	cr_assert_eq(g.rule, MON_REF_FIXED);
	cr_assert_str_eq(g.reference, "White");

	/* the other characteristics: their categories' groups, in form order */
	for (ch = MC_SEX; ch < MC_COUNT; ch++) {
		mon_groups(ch, &g);
		cr_assert_eq(g.rule, MON_REF_LARGEST);
		cr_assert_null(g.reference);
		cr_assert_eq(g.n_recorded, mon_category_count(ch, ETH_AUTO));
		cr_assert_eq(g.n_groups, g.n_recorded + 2);
		for (i = 0; i < g.n_recorded; i++)
			cr_assert_str_eq(g.groups[i], mon_category_at(ch, ETH_AUTO, i)->group);
		cr_assert_str_eq(g.groups[g.n_recorded], "Not stated");
		cr_assert_str_eq(g.groups[g.n_recorded + 1], "Missing");
	}
	mon_groups(MC_AGE, &g);
	cr_assert_str_eq(g.groups[0], "Under 18");
	cr_assert_str_eq(g.groups[6], "65+");

	/* every ethnicity category's group is one of the report groups */
	mon_groups(MC_ETHNICITY, &g);
	for (i = 0; i < N_ETH; i++) {
		const char *grp = mon_eth_code(eth_rows[i].sys, eth_rows[i].code)->group;
		size_t k, hit = 0;
		for (k = 0; k < g.n_recorded; k++)
			hit += strcmp(g.groups[k], grp) == 0;
		cr_assert_eq(hit, 1, "%s", grp);
	}
}

Test(codebook, codes_are_unique_within_each_codebook)
{
	enum eth_system s;
	enum mon_char ch;
	size_t i, j;

	for (s = ETH_CJ18; s <= ETH_AUTO; s++)
		for (i = 0; i < mon_category_count(MC_ETHNICITY, s); i++)
			for (j = i + 1; j < mon_category_count(MC_ETHNICITY, s); j++)
				cr_assert_str_neq(mon_category_at(MC_ETHNICITY, s, i)->code,
						  mon_category_at(MC_ETHNICITY, s, j)->code);
	for (ch = MC_SEX; ch < MC_COUNT; ch++)
		for (i = 0; i < mon_category_count(ch, ETH_AUTO); i++) {
			const struct mon_category *c = mon_category_at(ch, ETH_AUTO, i);
			cr_assert_str_neq(c->code, "NS");
			cr_assert_str_neq(c->code, "MISSING");
			for (j = i + 1; j < mon_category_count(ch, ETH_AUTO); j++)
				cr_assert_str_neq(c->code, mon_category_at(ch, ETH_AUTO, j)->code);
		}
}

/* ---- us-omb: the US federal race and ethnicity categories ---- */

static const struct eth_row usomb_rows[] = {
	{ETH_USOMB, "WHITE", "White", "White"},
	{ETH_USOMB, "BLACK", "Black or African American", "Black or African American"},
	{ETH_USOMB, "HISP", "Hispanic or Latino", "Hispanic or Latino"},
	{ETH_USOMB, "ASIAN", "Asian", "Asian"},
	{ETH_USOMB, "NHPI", "Native Hawaiian or Other Pacific Islander",
	 "Native Hawaiian or Other Pacific Islander"},
	{ETH_USOMB, "AIAN", "American Indian or Alaska Native", "American Indian or Alaska Native"},
	{ETH_USOMB, "MULTI", "Two or more races", "Two or more races"},
};

Test(codebook, usomb_table_codes_and_labels_read_back)
{
	size_t i, n = sizeof usomb_rows / sizeof usomb_rows[0];
	cr_assert_eq(mon_category_count(MC_ETHNICITY, ETH_USOMB), n);
	cr_assert_null(mon_category_at(MC_ETHNICITY, ETH_USOMB, n));
	for (i = 0; i < n; i++) {
		const struct eth_row *r = &usomb_rows[i];
		const struct mon_category *c = mon_category_at(MC_ETHNICITY, ETH_USOMB, i), *got;
		char lower[16], upper[64];
		unsigned f = 99;
		struct err e;
		size_t k;

		cr_assert_str_eq(c->code, r->code);
		cr_assert_str_eq(c->label, r->label);
		cr_assert_str_eq(c->group, r->group);
		cr_assert_eq(c->sys, ETH_USOMB);
		cr_assert_eq(c->kind, MK_RECORDED);
		cr_assert_eq(c->group_only, 0);
		cr_assert_eq(mon_eth_code(ETH_USOMB, r->code), c);
		/* code, code in lower case, label, label in capitals */
		cr_assert_eq(classify(MC_ETHNICITY, ETH_USOMB, r->code, &got, &f, &e), 0, "%s",
			     e.msg);
		cr_assert_eq(got, c);
		cr_assert_eq(f, 0u);
		for (k = 0; r->code[k] && k < sizeof lower - 1; k++)
			lower[k] = (char)(r->code[k] | 0x20);
		lower[k] = '\0';
		cr_assert_eq(classify(MC_ETHNICITY, ETH_USOMB, lower, &got, &f, &e), 0, "%s",
			     lower);
		cr_assert_eq(got, c);
		cr_assert_eq(classify(MC_ETHNICITY, ETH_USOMB, r->label, &got, &f, &e), 0, "%s: %s",
			     r->label, e.msg);
		cr_assert_eq(got, c);
		for (k = 0; r->label[k] && k < sizeof upper - 1; k++)
			upper[k] = (char)(r->label[k] >= 'a' && r->label[k] <= 'z' ? r->label[k] - 32
										    : r->label[k]);
		upper[k] = '\0';
		cr_assert_eq(classify(MC_ETHNICITY, ETH_USOMB, upper, &got, &f, &e), 0, "%s",
			     upper);
		cr_assert_eq(got, c);
	}
}

static const struct read_row usomb_reads[] = {
	{MC_ETHNICITY, ETH_USOMB, "Hispanic", "HISP", "Hispanic or Latino", 0},
	{MC_ETHNICITY, ETH_USOMB, "Latino", "HISP", "Hispanic or Latino", 0},
	{MC_ETHNICITY, ETH_USOMB, "Hispanic/Latino", "HISP", "Hispanic or Latino", 0},
	{MC_ETHNICITY, ETH_USOMB, "Hispanic (any race)", "HISP", "Hispanic or Latino", 0},
	{MC_ETHNICITY, ETH_USOMB, "aian", "AIAN", "American Indian or Alaska Native", 0},
	{MC_ETHNICITY, ETH_USOMB, "AI/AN", "AIAN", "American Indian or Alaska Native", 0},
	{MC_ETHNICITY, ETH_USOMB, "American Indian/Alaskan Native", "AIAN",
	 "American Indian or Alaska Native", 0},
	{MC_ETHNICITY, ETH_USOMB, "Native American", "AIAN", "American Indian or Alaska Native", 0},
	{MC_ETHNICITY, ETH_USOMB, "NHPI", "NHPI", "Native Hawaiian or Other Pacific Islander", 0},
	{MC_ETHNICITY, ETH_USOMB, "NH/PI", "NHPI", "Native Hawaiian or Other Pacific Islander", 0},
	{MC_ETHNICITY, ETH_USOMB, "Native Hawaiian/Pacific Islander", "NHPI",
	 "Native Hawaiian or Other Pacific Islander", 0},
	{MC_ETHNICITY, ETH_USOMB, "Two or more", "MULTI", "Two or more races", 0},
	{MC_ETHNICITY, ETH_USOMB, "Two or More Races", "MULTI", "Two or more races", 0},
	{MC_ETHNICITY, ETH_USOMB, "2 or more races", "MULTI", "Two or more races", 0},
	{MC_ETHNICITY, ETH_USOMB, "Multiracial", "MULTI", "Two or more races", 0},
	{MC_ETHNICITY, ETH_USOMB, "Black", "BLACK", "Black or African American", 0},
	{MC_ETHNICITY, ETH_USOMB, "Black/African-American", "BLACK", "Black or African American", 0},
	{MC_ETHNICITY, ETH_USOMB, "African American", "BLACK", "Black or African American", 0},
	{MC_ETHNICITY, ETH_USOMB, "White, non-Hispanic", "WHITE", "White", 0},
	{MC_ETHNICITY, ETH_USOMB, "Non-Hispanic White", "WHITE", "White", 0},
	{MC_ETHNICITY, ETH_USOMB, "Black (not Hispanic or Latino)", "BLACK",
	 "Black or African American", 0},
	{MC_ETHNICITY, ETH_USOMB, "Asian American", "ASIAN", "Asian", 0},
	{MC_ETHNICITY, ETH_USOMB, "", "MISSING", "Missing", 0},
	{MC_ETHNICITY, ETH_USOMB, "Unknown", "MISSING", "Missing", 0},
	{MC_ETHNICITY, ETH_USOMB, "Declined", "NS", "Not stated", 0},
	{MC_ETHNICITY, ETH_USOMB, "NS", "NS", "Not stated", 0},
};

Test(codebook, usomb_spellings)
{
	size_t i;
	for (i = 0; i < sizeof usomb_reads / sizeof usomb_reads[0]; i++) {
		const struct read_row *r = &usomb_reads[i];
		const struct mon_category *c = NULL;
		unsigned f = 99;
		struct err e;
		int rc = classify(r->ch, r->sys, r->value, &c, &f, &e);

		cr_assert_eq(rc, 0, "'%s': %s", r->value, e.msg);
		cr_assert_str_eq(c->code, r->code, "'%s' read as %s", r->value, c->code);
		cr_assert_str_eq(c->group, r->group, "'%s'", r->value);
		cr_assert_eq(f, 0u);
	}
}

Test(codebook, usomb_refuses_uk_values_merged_labels_and_is_not_in_auto)
{
	static const char *const refused[] = {"W1", "B1", "Mixed", "Other", "Some other race",
					      "White Hispanic", "Hispanic, non-Hispanic",
					      "Non-Hispanic", "BME"};
	static const char *const merged[] = {"All minorities", "Minority", "Asian/Pacific Islander",
					     "Other/Mixed", "non-white", "People of color"};
	static const char *const us_only[] = {"Hispanic", "Latino", "AIAN", "NHPI",
					      "Two or more races", "Black or African American",
					      "American Indian or Alaska Native"};
	const struct mon_category *c;
	unsigned f;
	struct err e;
	size_t i;

	for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		cr_assert_eq(classify(MC_ETHNICITY, ETH_USOMB, refused[i], &c, &f, &e), ERR_DATA,
			     "%s", refused[i]);
		cr_assert_null(c);
		cr_assert(strstr(e.msg, "not a US OMB category") || strstr(e.msg, "not one group"),
			  "%s: %s", refused[i], e.msg);
	}
	for (i = 0; i < sizeof merged / sizeof merged[0]; i++) {
		cr_assert_eq(classify(MC_ETHNICITY, ETH_USOMB, merged[i], &c, &f, &e), ERR_DATA);
		cr_assert(strstr(e.msg, "not one group"), "%s: %s", merged[i], e.msg);
	}
	/* auto reads the UK systems only: US categories are not guessed at */
	for (i = 0; i < sizeof us_only / sizeof us_only[0]; i++)
		cr_assert_eq(classify(MC_ETHNICITY, ETH_AUTO, us_only[i], &c, &f, &e), ERR_DATA,
			     "%s", us_only[i]);
	cr_assert_eq(classify(MC_ETHNICITY, ETH_AUTO, "White", &c, &f, &e), 0);
	cr_assert_eq(c->sys, ETH_AUTO); /* the UK group, not the US category */
	cr_assert_str_eq(mon_eth_code(ETH_CJ18, "WHITE")->label, "White");
	cr_assert_eq(mon_eth_code(ETH_CJ18, "WHITE")->group_only, 1);
	cr_assert_eq(mon_eth_code(ETH_USOMB, "white")->sys, ETH_USOMB);
	cr_assert_null(mon_eth_code(ETH_USOMB, "W1"));
	cr_assert_null(mon_eth_code(ETH_AUTO, "HISP"));
}

Test(codebook, usomb_names_maps_and_groups)
{
	enum eth_system got = ETH_CJ18;
	const char *to = "unchanged";
	int flags = 7;
	const struct mon_category *white = mon_eth_code(ETH_USOMB, "WHITE");
	struct mon_group_list g, sex;
	size_t i, k;

	cr_assert_str_eq(mon_eth_system_name(ETH_USOMB), "us-omb");
	cr_assert_eq(mon_eth_system_from_name("US-OMB", &got), 0);
	cr_assert_eq(got, ETH_USOMB);
	got = ETH_CJ18;
	cr_assert_eq(mon_eth_system_from_name("omb", &got), 0);
	cr_assert_eq(got, ETH_USOMB);
	cr_assert_str_eq(mon_eth_system_name(ETH_USOMB + 1), "?");

	/* no maps between the US and the UK categories, either way */
	cr_assert_eq(mon_eth_map(ETH_USOMB, "WHITE", ETH_CJ18, &to, &flags), ERR_USAGE);
	cr_assert_eq(mon_eth_map(ETH_CJ18, "W1", ETH_USOMB, &to, &flags), ERR_USAGE);
	cr_assert_eq(mon_eth_map(ETH_AUTO, "WHITE", ETH_USOMB, &to, &flags), ERR_USAGE);
	cr_assert_str_eq(to, "unchanged");
	cr_assert_null(mon_eth_map_category(white, ETH_CJ18, NULL));
	cr_assert_null(mon_eth_map_category(mon_eth_code(ETH_CJ18, "W1"), ETH_USOMB, NULL));
	cr_assert_eq(mon_eth_map_category(white, ETH_USOMB, NULL), white);
	/* Not stated and Missing are the same in every system */
	cr_assert_eq(mon_eth_map(ETH_USOMB, "NS", ETH_CJ18, &to, &flags), 0);
	cr_assert_str_eq(to, "NS");
	cr_assert_eq(flags, 0);

	/* report groups: the seven categories, White the reference */
	mon_groups_sys(MC_ETHNICITY, ETH_USOMB, &g);
	cr_assert_eq(g.n_groups, 9);
	cr_assert_eq(g.n_recorded, 7);
	cr_assert_eq(g.rule, MON_REF_FIXED);
	cr_assert_str_eq(g.reference, "White");
	cr_assert_str_eq(g.groups[0], "White");
	cr_assert_str_eq(g.groups[7], "Not stated");
	cr_assert_str_eq(g.groups[8], "Missing");
	for (i = 0; i < 7; i++) {
		const char *grp = mon_category_at(MC_ETHNICITY, ETH_USOMB, i)->group;
		size_t hit = 0;
		for (k = 0; k < g.n_recorded; k++)
			hit += strcmp(g.groups[k], grp) == 0;
		cr_assert_eq(hit, 1, "%s", grp);
	}
	/* the UK systems keep their five groups; other characteristics are
	 * the same whatever the system */
	mon_groups_sys(MC_ETHNICITY, ETH_ONS2021, &g);
	cr_assert_eq(g.n_groups, 7);
	cr_assert_str_eq(g.groups[1], "Mixed");
	mon_groups_sys(MC_SEX, ETH_USOMB, &g);
	mon_groups(MC_SEX, &sex);
	cr_assert_eq(g.groups, sex.groups);
	cr_assert_eq(g.n_groups, sex.n_groups);
}
