/*
 * codebook: the tables of the protected characteristics and the reader
 * that turns a raw cell into one of their categories (see codebook.h; the
 * tables in plain English are docs/codebooks.md).
 *
 * How a value is read. It is first normalised: ASCII letters folded to
 * lower case, every run of other bytes (spaces, punctuation, non-ASCII)
 * turned into one space, "+" and "<" kept as the words "plus" and
 * "under", and the words "and", "or" and "background" dropped, so that
 * "White & Black Caribbean", "White and Black Caribbean" and "White/Black
 * Caribbean" are all "white black caribbean". The normalised value is
 * then compared with the spellings in the tables below, which are
 * written already normalised (one that is not could never match; the
 * unit tests read every label of every table back). Codes are compared
 * the same way.
 *
 * Ethnicity is stored once by meaning ("concept": Indian, Chinese, Roma
 * ...) with the spellings of that meaning, and once per system as the
 * system's own table of categories, each pointing at its concept and its
 * high-level group in that system. A value is tried in every system; the
 * one asked for wins, and otherwise the reading is mapped through the
 * concept into the system asked for.
 *
 * The US federal categories (us-omb) are a table of their own, read by
 * their own spellings only when a dataset asks for them: they share no
 * meanings with the UK tables ("Asian" is a different set of people in
 * the two countries' statistics), so nothing maps between them.
 */
#include "monitor/codebook.h"

#include <stdio.h>
#include <string.h>

#include "core/str.h"

#define NORM_CAP 160 /* longest normalised value we try to read, bytes */
#define TOKEN_CAP 48 /* longest single word */

/* ---------------------------------------------------------------- */
/* Normalisation and spelling lists                                 */
/* ---------------------------------------------------------------- */

static int is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_filler(const char *t)
{
	return strcmp(t, "and") == 0 || strcmp(t, "or") == 0 || strcmp(t, "background") == 0;
}

/* Normalise s (may be NULL) into out[cap] as described at the top of the
 * file. Returns the length, or -1 when the result would not fit. */
static int norm(const char *s, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = 0;

	out[0] = '\0';
	while (*p) {
		char tok[TOKEN_CAP];
		size_t t = 0, need;

		if (is_alnum(*p)) {
			while (is_alnum(*p)) {
				if (t + 1 >= sizeof tok)
					return -1;
				tok[t++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
				p++;
			}
			tok[t] = '\0';
		} else if (*p == '+' || *p == '<') {
			snprintf(tok, sizeof tok, "%s", *p == '+' ? "plus" : "under");
			t = strlen(tok);
			p++;
		} else {
			p++;
			continue;
		}
		if (is_filler(tok))
			continue;
		need = t + (n > 0);
		if (n + need + 1 > cap)
			return -1;
		if (n > 0)
			out[n++] = ' ';
		memcpy(out + n, tok, t);
		n += t;
		out[n] = '\0';
	}
	return (int)n;
}

/* 1 when s is one of the '|'-separated spellings of list. */
static int in_list(const char *list, const char *s)
{
	size_t n = strlen(s);
	const char *p = list;

	while (p && *p) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && memcmp(p, s, n) == 0)
			return 1;
		p = bar ? bar + 1 : NULL;
	}
	return 0;
}

/* 1 when the code, normalised, equals the normalised value v. */
static int code_is(const char *code, const char *v)
{
	char c[32];
	return norm(code, c, sizeof c) >= 0 && strcmp(c, v) == 0;
}

/* Copy a value for an error message: at most 48 characters, control
 * bytes shown as '?', "..." when cut. */
static void quote(const char *v, char *out, size_t cap)
{
	const char *s = v ? v : "";
	int cut = 0;
	int n = str_utf8_prefix(s, 48, &cut);
	size_t i;

	if ((size_t)n + 4 > cap)
		n = (int)cap - 4;
	for (i = 0; i < (size_t)n; i++) {
		unsigned char c = (unsigned char)s[i];
		out[i] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	out[n] = '\0';
	if (cut)
		memcpy(out + n, "...", 4);
}

/* Spellings of the two special categories, for every characteristic. */
static const char ns_spellings[] =
	"ns|not stated|prefer not to say|prefer not to state|prefer not say|"
	"i prefer not to say|rather not say|declined|declined to state|"
	"declined to say|declined to answer|refused|refused to say|"
	"not disclosed|undisclosed|do not wish to disclose|do not wish to say|"
	"don t wish to disclose|i do not wish to disclose|withheld|"
	"choose not to say|chose not to say";
static const char missing_spellings[] =
	"missing|unknown|not known|nk|n k|not recorded|null|none recorded|no data";

/* ---------------------------------------------------------------- */
/* Tables                                                           */
/* ---------------------------------------------------------------- */

/* A category and what the reader needs to know about it. */
struct entry {
	struct mon_category cat; /* first: a category pointer is an entry pointer */
	const char *spellings;	 /* other characteristics: normalised '|' list
				    (the label's own included); NULL for
				    ethnicity, whose spellings are per concept */
	signed char concept;	 /* ethnicity: enum concept; -1 otherwise */
	signed char grp;	 /* ethnicity: enum grp in the category's own
				    system; -1 otherwise */
};

static const struct entry e_not_stated = {
	{"NS", "Not stated", "Not stated", MK_NOT_STATED, "Not stated", ETH_AUTO, 0},
	NULL, -1, -1};
static const struct entry e_missing = {
	{"MISSING", "Missing", "Missing", MK_MISSING, "Missing", ETH_AUTO, 0},
	NULL, -1, -1};

/* -- ethnicity: high-level groups -- */

enum grp { G_WHITE, G_MIXED, G_ASIAN, G_BLACK, G_OTHER, G_COUNT };

/* Normalised ways of writing each group, alone or before a category. */
static const char *const grp_spellings[G_COUNT] = {
	"white",
	"mixed|mixed multiple|mixed multiple ethnic group|mixed multiple ethnic groups|"
	"mixed ethnic group|mixed ethnic groups|multiple ethnic groups|mixed race|"
	"mixed heritage|dual heritage",
	"asian|asian british|asian asian british|british asian|asian asian british asian welsh|"
	"asian asian welsh asian british",
	"black|black british|black black british|black african caribbean black british|"
	"black black british caribbean african|black black british black welsh caribbean african|"
	"black black welsh black british caribbean african|black african caribbean",
	"other|other ethnic group|other ethnic groups|other ethnic|chinese other ethnic group",
};

/* Merged labels that are not a group; refused with an explanation. */
static const char merged_spellings[] =
	"bme|bame|black minority ethnic|black asian minority ethnic|ethnic minority|"
	"ethnic minorities|minority ethnic|non white|global majority|poc|people of colour|"
	"people of color";

/* The group-only categories (ETH_AUTO's table). */
static const struct entry eth_groups[G_COUNT] = {
	{{"WHITE", "White", "White", MK_RECORDED, "White", ETH_AUTO, 1}, NULL, -1, G_WHITE},
	{{"MIXED", "Mixed or Multiple ethnic groups", "Mixed", MK_RECORDED,
	  "Mixed or Multiple ethnic groups", ETH_AUTO, 1}, NULL, -1, G_MIXED},
	{{"ASIAN", "Asian or Asian British", "Asian", MK_RECORDED, "Asian or Asian British",
	  ETH_AUTO, 1}, NULL, -1, G_ASIAN},
	{{"BLACK", "Black, Black British, Caribbean or African", "Black", MK_RECORDED,
	  "Black, Black British, Caribbean or African", ETH_AUTO, 1}, NULL, -1, G_BLACK},
	{{"OTHER", "Other ethnic group", "Other", MK_RECORDED, "Other ethnic group", ETH_AUTO, 1},
	 NULL, -1, G_OTHER},
};

/* -- ethnicity: meanings shared by the systems -- */

enum concept {
	K_WBRI, K_WIRI, K_WGIT, K_WROM, K_WOTH,
	K_MWBC, K_MWBA, K_MWAS, K_MOTH,
	K_AIND, K_APAK, K_ABAN, K_ACHI, K_AOTH,
	K_BAFR, K_BCAR, K_BOTH,
	K_OARA, K_OOTH,
	K_COUNT
};

struct concept_info {
	enum grp grp;	       /* high-level group from 2011 on */
	const char *spellings; /* normalised, without a group in front */
};

static const struct concept_info concepts[K_COUNT] = {
	[K_WBRI] = {G_WHITE, "british|english welsh scottish northern irish british|"
			     "english welsh scottish northern irish|english welsh scottish ni british|"
			     "english|welsh|scottish|northern irish"},
	[K_WIRI] = {G_WHITE, "irish"},
	[K_WGIT] = {G_WHITE, "gypsy irish traveller|gypsy traveller|gypsy traveller irish traveller|"
			     "irish traveller|gypsy|traveller|traveller of irish heritage"},
	[K_WROM] = {G_WHITE, "roma"},
	[K_WOTH] = {G_WHITE, "any other white|other white"},
	[K_MWBC] = {G_MIXED, "white black caribbean|black caribbean white"},
	[K_MWBA] = {G_MIXED, "white black african|black african white"},
	[K_MWAS] = {G_MIXED, "white asian|asian white"},
	[K_MOTH] = {G_MIXED, "any other mixed|other mixed|any other mixed multiple|other mixed multiple|"
			     "any other mixed multiple ethnic|other mixed multiple ethnic|"
			     "other mixed multiple ethnic groups|any other mixed multiple ethnic groups"},
	[K_AIND] = {G_ASIAN, "indian"},
	[K_APAK] = {G_ASIAN, "pakistani"},
	[K_ABAN] = {G_ASIAN, "bangladeshi"},
	[K_ACHI] = {G_ASIAN, "chinese"},
	[K_AOTH] = {G_ASIAN, "any other asian|other asian"},
	[K_BAFR] = {G_BLACK, "african"},
	[K_BCAR] = {G_BLACK, "caribbean"},
	[K_BOTH] = {G_BLACK, "any other black|other black|any other black african caribbean|"
			     "any other black black british caribbean|any other black black british"},
	[K_OARA] = {G_OTHER, "arab"},
	[K_OOTH] = {G_OTHER, "any other ethnic group|any other ethnic|any other"},
};

/* The "any other" concept of each group: where a missing category goes. */
static const signed char grp_rest[G_COUNT] = {K_WOTH, K_MOTH, K_AOTH, K_BOTH, K_OOTH};

/* -- ethnicity: the four systems -- */

#define ETH(sys, glabel, code, label, g, k) \
	{{code, label, grp_short_##g, MK_RECORDED, glabel, sys, 0}, NULL, K_##k, G_##g}

#define grp_short_WHITE "White"
#define grp_short_MIXED "Mixed"
#define grp_short_ASIAN "Asian"
#define grp_short_BLACK "Black"
#define grp_short_OTHER "Other"

/* 18+1 criminal-justice codes (self-defined ethnicity), from 2011. */
#define CJ18(code, label, g, k) ETH(ETH_CJ18, cj18_##g, code, label, g, k)
#define cj18_WHITE "White"
#define cj18_MIXED "Mixed or Multiple ethnic groups"
#define cj18_ASIAN "Asian or Asian British"
#define cj18_BLACK "Black, Black British, Caribbean or African"
#define cj18_OTHER "Other ethnic group"
static const struct entry eth_cj18[] = {
	CJ18("W1", "English, Welsh, Scottish, Northern Irish or British", WHITE, WBRI),
	CJ18("W2", "Irish", WHITE, WIRI),
	CJ18("W3", "Gypsy or Irish Traveller", WHITE, WGIT),
	CJ18("W9", "Any other White background", WHITE, WOTH),
	CJ18("M1", "White and Black Caribbean", MIXED, MWBC),
	CJ18("M2", "White and Black African", MIXED, MWBA),
	CJ18("M3", "White and Asian", MIXED, MWAS),
	CJ18("M9", "Any other Mixed or Multiple background", MIXED, MOTH),
	CJ18("A1", "Indian", ASIAN, AIND),
	CJ18("A2", "Pakistani", ASIAN, APAK),
	CJ18("A3", "Bangladeshi", ASIAN, ABAN),
	CJ18("A4", "Chinese", ASIAN, ACHI),
	CJ18("A9", "Any other Asian background", ASIAN, AOTH),
	CJ18("B1", "Caribbean", BLACK, BCAR),
	CJ18("B2", "African", BLACK, BAFR),
	CJ18("B9", "Any other Black, Black British or Caribbean background", BLACK, BOTH),
	CJ18("O2", "Arab", OTHER, OARA),
	CJ18("O9", "Any other ethnic group", OTHER, OOTH),
};

/* 16+1 criminal-justice codes, from the 2001 census. */
#define CJ16(code, label, g, k) ETH(ETH_CJ16, cj16_##g, code, label, g, k)
#define cj16_WHITE "White"
#define cj16_MIXED "Mixed"
#define cj16_ASIAN "Asian or Asian British"
#define cj16_BLACK "Black or Black British"
#define cj16_OTHER "Chinese or other ethnic group"
static const struct entry eth_cj16[] = {
	CJ16("W1", "British", WHITE, WBRI),
	CJ16("W2", "Irish", WHITE, WIRI),
	CJ16("W9", "Any other White background", WHITE, WOTH),
	CJ16("M1", "White and Black Caribbean", MIXED, MWBC),
	CJ16("M2", "White and Black African", MIXED, MWBA),
	CJ16("M3", "White and Asian", MIXED, MWAS),
	CJ16("M9", "Any other Mixed background", MIXED, MOTH),
	CJ16("A1", "Indian", ASIAN, AIND),
	CJ16("A2", "Pakistani", ASIAN, APAK),
	CJ16("A3", "Bangladeshi", ASIAN, ABAN),
	CJ16("A9", "Any other Asian background", ASIAN, AOTH),
	CJ16("B1", "Caribbean", BLACK, BCAR),
	CJ16("B2", "African", BLACK, BAFR),
	CJ16("B9", "Any other Black background", BLACK, BOTH),
	CJ16("O1", "Chinese", OTHER, ACHI),
	CJ16("O9", "Any other ethnic group", OTHER, OOTH),
};

/* ONS 2011 census, England and Wales, in the order of the form. */
#define O11(code, label, g, k) ETH(ETH_ONS2011, o11_##g, code, label, g, k)
#define o11_WHITE "White"
#define o11_MIXED "Mixed/multiple ethnic groups"
#define o11_ASIAN "Asian/Asian British"
#define o11_BLACK "Black/African/Caribbean/Black British"
#define o11_OTHER "Other ethnic group"
static const struct entry eth_ons2011[] = {
	O11("WBRI", "English/Welsh/Scottish/Northern Irish/British", WHITE, WBRI),
	O11("WIRI", "Irish", WHITE, WIRI),
	O11("WGIT", "Gypsy or Irish Traveller", WHITE, WGIT),
	O11("WOTH", "Any other White background", WHITE, WOTH),
	O11("MWBC", "White and Black Caribbean", MIXED, MWBC),
	O11("MWBA", "White and Black African", MIXED, MWBA),
	O11("MWAS", "White and Asian", MIXED, MWAS),
	O11("MOTH", "Any other Mixed/multiple ethnic background", MIXED, MOTH),
	O11("AIND", "Indian", ASIAN, AIND),
	O11("APAK", "Pakistani", ASIAN, APAK),
	O11("ABAN", "Bangladeshi", ASIAN, ABAN),
	O11("ACHI", "Chinese", ASIAN, ACHI),
	O11("AOTH", "Any other Asian background", ASIAN, AOTH),
	O11("BAFR", "African", BLACK, BAFR),
	O11("BCAR", "Caribbean", BLACK, BCAR),
	O11("BOTH", "Any other Black/African/Caribbean background", BLACK, BOTH),
	O11("OARA", "Arab", OTHER, OARA),
	O11("OOTH", "Any other ethnic group", OTHER, OOTH),
};

/* ONS 2021 census, England and Wales, in the order of its outputs:
 * groups alphabetical (Asian, Black, Mixed, White), Other last. */
#define O21(code, label, g, k) ETH(ETH_ONS2021, o21_##g, code, label, g, k)
#define o21_WHITE "White"
#define o21_MIXED "Mixed or Multiple ethnic groups"
#define o21_ASIAN "Asian, Asian British or Asian Welsh"
#define o21_BLACK "Black, Black British, Black Welsh, Caribbean or African"
#define o21_OTHER "Other ethnic group"
static const struct entry eth_ons2021[] = {
	O21("ABAN", "Bangladeshi", ASIAN, ABAN),
	O21("ACHI", "Chinese", ASIAN, ACHI),
	O21("AIND", "Indian", ASIAN, AIND),
	O21("APAK", "Pakistani", ASIAN, APAK),
	O21("AOTH", "Other Asian", ASIAN, AOTH),
	O21("BAFR", "African", BLACK, BAFR),
	O21("BCAR", "Caribbean", BLACK, BCAR),
	O21("BOTH", "Other Black", BLACK, BOTH),
	O21("MWAS", "White and Asian", MIXED, MWAS),
	O21("MWBA", "White and Black African", MIXED, MWBA),
	O21("MWBC", "White and Black Caribbean", MIXED, MWBC),
	O21("MOTH", "Other Mixed or Multiple ethnic groups", MIXED, MOTH),
	O21("WBRI", "English, Welsh, Scottish, Northern Irish or British", WHITE, WBRI),
	O21("WIRI", "Irish", WHITE, WIRI),
	O21("WGIT", "Gypsy or Irish Traveller", WHITE, WGIT),
	O21("WROM", "Roma", WHITE, WROM),
	O21("WOTH", "Other White", WHITE, WOTH),
	O21("OARA", "Arab", OTHER, OARA),
	O21("OOTH", "Any other ethnic group", OTHER, OOTH),
};

/* US federal race and ethnicity (OMB 1997 standards, in the combined
 * format relative rate index tables use: Hispanic or Latino of any race
 * is one category). Each category is its own analysis group, in the
 * order the published RRI matrices print their columns; codes are our
 * own. Spellings are normalised; "or" is dropped, so "Two or more
 * races" reads as "two more races". */
#define USOMB(code, label, spellings) \
	{{code, label, label, MK_RECORDED, label, ETH_USOMB, 0}, spellings, -1, -1}
static const struct entry eth_usomb[] = {
	USOMB("WHITE", "White", "white|caucasian|white american"),
	USOMB("BLACK", "Black or African American",
	      "black african american|black|african american|black american"),
	USOMB("HISP", "Hispanic or Latino",
	      "hispanic latino|hispanic|latino|latina|latinx|latine|hispanic latina|"
	      "hispanic latinx|latino hispanic|latina latino|latino latina|hispanic any race|"
	      "hispanic latino any race"),
	USOMB("ASIAN", "Asian", "asian|asian american"),
	USOMB("NHPI", "Native Hawaiian or Other Pacific Islander",
	      "native hawaiian other pacific islander|native hawaiian pacific islander|"
	      "native hawaiian|pacific islander|other pacific islander|hawaiian pacific islander|"
	      "nh pi|nhopi"),
	USOMB("AIAN", "American Indian or Alaska Native",
	      "american indian alaska native|american indian alaskan native|american indian|"
	      "alaska native|alaskan native|native american|native american alaska native|ai an"),
	USOMB("MULTI", "Two or more races",
	      "two more races|two more|two more race|2 more races|2 more|multiracial|"
	      "multi racial|multiple races|mixed race|biracial"),
};

/* Labels US tables print that merge groups compared separately, or
 * that are a total ("All minorities"): refused with an explanation. */
static const char usomb_merged[] =
	"all minorities|all minority|minorities|minority|minority youth|non white|nonwhite|"
	"people of color|people of colour|poc|bipoc|asian pacific islander|api|aapi|"
	"asian american pacific islander|other mixed|mixed other";

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

struct eth_table {
	const struct entry *entries;
	size_t n;
	const char *name;  /* short name */
	const char *title; /* for messages and docs */
};

static const struct eth_table eth_tables[] = {
	[ETH_CJ18] = {eth_cj18, N_OF(eth_cj18), "cj18", "18+1 criminal-justice codes"},
	[ETH_CJ16] = {eth_cj16, N_OF(eth_cj16), "cj16", "16+1 criminal-justice codes"},
	[ETH_ONS2011] = {eth_ons2011, N_OF(eth_ons2011), "ons2011", "ONS 2011 census categories"},
	[ETH_ONS2021] = {eth_ons2021, N_OF(eth_ons2021), "ons2021", "ONS 2021 census categories"},
	[ETH_AUTO] = {eth_groups, N_OF(eth_groups), "auto", "any ethnicity system"},
	[ETH_USOMB] = {eth_usomb, N_OF(eth_usomb), "us-omb", "US OMB race and ethnicity categories"},
};

/* The order ETH_AUTO tries the systems in: newest criminal-justice codes
 * first, then the census tables from newest to oldest, then 16+1. */
static const enum eth_system auto_order[] = {ETH_CJ18, ETH_ONS2021, ETH_ONS2011, ETH_CJ16};

/* -- the other characteristics -- */

#define CAT(code, label, spellings) \
	{{code, label, label, MK_RECORDED, label, ETH_AUTO, 0}, spellings, -1, -1}

static const struct entry sex_cats[] = {
	CAT("F", "Female", "female|woman|women"),
	CAT("M", "Male", "male|man|men"),
};

static const struct entry age_cats[] = {
	CAT("U18", "Under 18", "under 18|u18|0 17|under 18s|17 under|below 18|0 to 17"),
	CAT("18-24", "18-24", "18 24|18 to 24|18 24 years|aged 18 24"),
	CAT("25-34", "25-34", "25 34|25 to 34|25 34 years|aged 25 34"),
	CAT("35-44", "35-44", "35 44|35 to 44|35 44 years|aged 35 44"),
	CAT("45-54", "45-54", "45 54|45 to 54|45 54 years|aged 45 54"),
	CAT("55-64", "55-64", "55 64|55 to 64|55 64 years|aged 55 64"),
	CAT("65+", "65+", "65 plus|65 over|65 older|65 above|65 years over|aged 65 over"),
};

static const struct entry disability_cats[] = {
	CAT("Y", "Disabled", "yes|disabled|yes disabled|has disability|has a disability"),
	CAT("N", "Not disabled", "no|not disabled|no not disabled|non disabled|nondisabled|"
				 "no disability"),
};

static const struct entry religion_cats[] = {
	CAT("NONE", "No religion", "no religion|none|no religion belief"),
	CAT("CHR", "Christian", "christian|christianity|christian including church of england "
				"catholic protestant all other christian denominations|"
				"church of england|catholic|roman catholic|protestant"),
	CAT("BUD", "Buddhist", "buddhist|buddhism"),
	CAT("HIN", "Hindu", "hindu|hinduism"),
	CAT("JEW", "Jewish", "jewish|judaism"),
	CAT("MUS", "Muslim", "muslim|islam"),
	CAT("SIK", "Sikh", "sikh|sikhism"),
	CAT("OTH", "Any other religion", "any other religion|other religion|other|any other|"
					 "any other religion belief|other religion belief"),
};

static const struct entry orientation_cats[] = {
	CAT("HET", "Heterosexual or straight", "heterosexual straight|straight heterosexual|"
					       "heterosexual|straight"),
	CAT("GL", "Gay or lesbian", "gay lesbian|gay|lesbian|gay man|gay woman|"
				    "gay woman lesbian|lesbian gay woman"),
	CAT("BI", "Bisexual", "bisexual|bi"),
	CAT("OTH", "Other sexual orientation", "other sexual orientation|other|any other|"
					       "any other sexual orientation|"
					       "all other sexual orientations|pansexual|asexual|queer"),
};

static const struct entry reassignment_cats[] = {
	CAT("Y", "Same as sex registered at birth",
	    "yes|same|same as sex registered at birth|same as at birth|same as birth"),
	CAT("N", "Different from sex registered at birth",
	    "no|different|different from sex registered at birth|not same as sex registered at "
	    "birth|different from birth|trans|transgender"),
};

static const struct entry marital_cats[] = {
	CAT("S", "Single", "single|never married|single never married|single never married nor in "
			   "a civil partnership|never married never registered a civil partnership"),
	CAT("MAR", "Married", "married"),
	CAT("CP", "In a civil partnership", "in a civil partnership|civil partnership|civil partner|"
					    "in a registered civil partnership|"
					    "registered civil partnership"),
	CAT("SEP", "Separated", "separated|separated but still legally married|"
				"separated but still legally in a civil partnership|"
				"separated but still legally married in a civil partnership"),
	CAT("DIV", "Divorced or dissolved", "divorced dissolved|divorced|dissolved|"
					    "civil partnership dissolved|"
					    "divorced civil partnership dissolved|formerly in a civil "
					    "partnership now legally dissolved"),
	CAT("WID", "Widowed or surviving partner", "widowed surviving partner|widowed|widow|"
						   "widower|surviving partner|"
						   "surviving civil partner|"
						   "widowed surviving civil partner"),
};

static const struct entry pregnancy_cats[] = {
	CAT("Y", "Pregnant or on maternity leave", "yes|pregnant|on maternity leave|maternity|"
						   "maternity leave|pregnant on maternity leave"),
	CAT("N", "Not pregnant or on maternity leave", "no|not pregnant|not pregnant on maternity "
						       "leave|not pregnant nor on maternity leave"),
};

struct char_info {
	const char *name;      /* CSV column name */
	const char *label;     /* Equality Act name */
	const char *spellings; /* normalised names accepted by mon_char_from_name */
	const struct entry *cats; /* recorded categories (not ethnicity) */
	size_t n_cats;
};

static const struct char_info chars[MC_COUNT] = {
	[MC_ETHNICITY] = {"ethnicity", "Ethnicity",
			  "ethnicity|ethnic group|ethnic origin|ethnic|race|ethnicity code|"
			  "ethnic code|self defined ethnicity|sde|ethnicity race|race ethnicity",
			  NULL, 0},
	[MC_SEX] = {"sex", "Sex", "sex|gender|sex gender|gender sex", sex_cats, N_OF(sex_cats)},
	[MC_AGE] = {"age", "Age", "age|age band|age group|age range|ageband|age years", age_cats,
		    N_OF(age_cats)},
	[MC_DISABILITY] = {"disability", "Disability",
			   "disability|disabled|disability status|disability flag", disability_cats,
			   N_OF(disability_cats)},
	[MC_RELIGION] = {"religion", "Religion or belief",
			 "religion|religion belief|belief|faith|religious belief", religion_cats,
			 N_OF(religion_cats)},
	[MC_SEXUAL_ORIENTATION] = {"sexual_orientation", "Sexual orientation",
				   "sexual orientation|sexuality|orientation", orientation_cats,
				   N_OF(orientation_cats)},
	[MC_GENDER_REASSIGNMENT] = {"gender_reassignment", "Gender reassignment",
				    "gender reassignment|gender identity|trans status|"
				    "gender identity same as sex registered at birth",
				    reassignment_cats, N_OF(reassignment_cats)},
	[MC_MARITAL] = {"marital_status", "Marriage and civil partnership",
			"marital status|marital|marriage civil partnership|marriage|"
			"marriage civil partnership status|civil partnership status",
			marital_cats, N_OF(marital_cats)},
	[MC_PREGNANCY] = {"pregnancy_maternity", "Pregnancy and maternity",
			  "pregnancy maternity|pregnancy|maternity|pregnant", pregnancy_cats,
			  N_OF(pregnancy_cats)},
};

/* Analysis groups in display order, for mon_groups. */
static const char *const eth_group_names[] = {"White", "Mixed", "Asian", "Black", "Other",
					      "Not stated", "Missing"};
static const char *const usomb_group_names[] = {
	"White", "Black or African American", "Hispanic or Latino", "Asian",
	"Native Hawaiian or Other Pacific Islander", "American Indian or Alaska Native",
	"Two or more races", "Not stated", "Missing"};
#define GROUP_LIST(...) {__VA_ARGS__, "Not stated", "Missing"}
static const char *const sex_groups[] = GROUP_LIST("Female", "Male");
static const char *const age_groups[] = GROUP_LIST("Under 18", "18-24", "25-34", "35-44",
						   "45-54", "55-64", "65+");
static const char *const disability_groups[] = GROUP_LIST("Disabled", "Not disabled");
static const char *const religion_groups[] = GROUP_LIST("No religion", "Christian", "Buddhist",
							"Hindu", "Jewish", "Muslim", "Sikh",
							"Any other religion");
static const char *const orientation_groups[] = GROUP_LIST("Heterosexual or straight",
							   "Gay or lesbian", "Bisexual",
							   "Other sexual orientation");
static const char *const reassignment_groups[] = GROUP_LIST(
	"Same as sex registered at birth", "Different from sex registered at birth");
static const char *const marital_groups[] = GROUP_LIST("Single", "Married",
						       "In a civil partnership", "Separated",
						       "Divorced or dissolved",
						       "Widowed or surviving partner");
static const char *const pregnancy_groups[] = GROUP_LIST("Pregnant or on maternity leave",
							 "Not pregnant or on maternity leave");

static const struct {
	const char *const *names;
	size_t n;
} group_lists[MC_COUNT] = {
	[MC_ETHNICITY] = {eth_group_names, N_OF(eth_group_names)},
	[MC_SEX] = {sex_groups, N_OF(sex_groups)},
	[MC_AGE] = {age_groups, N_OF(age_groups)},
	[MC_DISABILITY] = {disability_groups, N_OF(disability_groups)},
	[MC_RELIGION] = {religion_groups, N_OF(religion_groups)},
	[MC_SEXUAL_ORIENTATION] = {orientation_groups, N_OF(orientation_groups)},
	[MC_GENDER_REASSIGNMENT] = {reassignment_groups, N_OF(reassignment_groups)},
	[MC_MARITAL] = {marital_groups, N_OF(marital_groups)},
	[MC_PREGNANCY] = {pregnancy_groups, N_OF(pregnancy_groups)},
};

/* ---------------------------------------------------------------- */
/* Names                                                            */
/* ---------------------------------------------------------------- */

static int char_ok(enum mon_char c)
{
	return (int)c >= 0 && c < MC_COUNT;
}

static int sys_ok(enum eth_system s)
{
	return (int)s >= 0 && s <= ETH_USOMB;
}

const char *mon_char_name(enum mon_char c)
{
	return char_ok(c) ? chars[c].name : "?";
}

const char *mon_char_label(enum mon_char c)
{
	return char_ok(c) ? chars[c].label : "?";
}

int mon_char_from_name(const char *name, enum mon_char *out)
{
	char v[NORM_CAP];
	int c;

	if (norm(name, v, sizeof v) <= 0)
		return ERR_NOTFOUND;
	for (c = 0; c < MC_COUNT; c++) {
		char n[64];
		if ((norm(chars[c].name, n, sizeof n) >= 0 && strcmp(n, v) == 0) ||
		    in_list(chars[c].spellings, v)) {
			*out = (enum mon_char)c;
			return 0;
		}
	}
	return ERR_NOTFOUND;
}

const char *mon_eth_system_name(enum eth_system s)
{
	return sys_ok(s) ? eth_tables[s].name : "?";
}

const char *mon_eth_system_title(enum eth_system s)
{
	return sys_ok(s) ? eth_tables[s].title : "?";
}

int mon_eth_system_from_name(const char *name, enum eth_system *out)
{
	static const struct {
		const char *name;
		enum eth_system sys;
	} extra[] = {{"18+1", ETH_CJ18}, {"16+1", ETH_CJ16}, {"2011", ETH_ONS2011},
		     {"2021", ETH_ONS2021}, {"omb", ETH_USOMB}};
	char t[16];
	size_t i, n;
	int s;

	if (!name)
		return ERR_NOTFOUND;
	while (*name == ' ' || *name == '\t')
		name++;
	n = strlen(name);
	while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t'))
		n--;
	if (n >= sizeof t)
		return ERR_NOTFOUND;
	memcpy(t, name, n);
	t[n] = '\0';
	for (s = 0; s <= ETH_USOMB; s++)
		if (str_eq_ci(t, eth_tables[s].name)) {
			*out = (enum eth_system)s;
			return 0;
		}
	for (i = 0; i < N_OF(extra); i++)
		if (str_eq_ci(t, extra[i].name)) {
			*out = extra[i].sys;
			return 0;
		}
	return ERR_NOTFOUND;
}

/* ---------------------------------------------------------------- */
/* Category lists                                                   */
/* ---------------------------------------------------------------- */

size_t mon_category_count(enum mon_char c, enum eth_system sys)
{
	if (!char_ok(c))
		return 0;
	if (c == MC_ETHNICITY)
		return sys_ok(sys) ? eth_tables[sys].n : 0;
	return chars[c].n_cats;
}

const struct mon_category *mon_category_at(enum mon_char c, enum eth_system sys, size_t i)
{
	if (i >= mon_category_count(c, sys))
		return NULL;
	if (c == MC_ETHNICITY)
		return &eth_tables[sys].entries[i].cat;
	return &chars[c].cats[i].cat;
}

const struct mon_category *mon_special(enum mon_char c, enum mon_kind kind)
{
	if (!char_ok(c))
		return NULL;
	if (kind == MK_NOT_STATED)
		return &e_not_stated.cat;
	if (kind == MK_MISSING)
		return &e_missing.cat;
	return NULL;
}

void mon_groups(enum mon_char c, struct mon_group_list *out)
{
	mon_groups_sys(c, ETH_CJ18, out);
}

void mon_groups_sys(enum mon_char c, enum eth_system sys, struct mon_group_list *out)
{
	memset(out, 0, sizeof *out);
	if (!char_ok(c))
		return;
	out->groups = group_lists[c].names;
	out->n_groups = group_lists[c].n;
	if (c == MC_ETHNICITY && sys == ETH_USOMB) {
		out->groups = usomb_group_names;
		out->n_groups = N_OF(usomb_group_names);
	}
	out->n_recorded = out->n_groups - 2;
	if (c == MC_ETHNICITY) {
		out->rule = MON_REF_FIXED;
		out->reference = "White";
	} else {
		out->rule = MON_REF_LARGEST;
		out->reference = NULL;
	}
}

/* ---------------------------------------------------------------- */
/* Ethnicity: lookup and maps                                       */
/* ---------------------------------------------------------------- */

/* The entry of system s with concept k, or NULL. */
static const struct entry *eth_by_concept(enum eth_system s, int k)
{
	size_t i;
	for (i = 0; i < eth_tables[s].n; i++)
		if (eth_tables[s].entries[i].concept == k)
			return &eth_tables[s].entries[i];
	return NULL;
}

/* The entry behind a category pointer handed out by this file, or NULL
 * when it is not an ethnicity category of ours. */
static const struct entry *eth_entry_of(const struct mon_category *cat)
{
	size_t s, i;
	if (!cat)
		return NULL;
	if (cat == &e_not_stated.cat || cat == &e_missing.cat)
		return (const struct entry *)cat;
	for (s = 0; s <= ETH_USOMB; s++)
		for (i = 0; i < eth_tables[s].n; i++)
			if (cat == &eth_tables[s].entries[i].cat)
				return &eth_tables[s].entries[i];
	return NULL;
}

/* Map entry en into system `to` (not ETH_AUTO); see mon_eth_map_category. */
static const struct entry *eth_map(const struct entry *en, enum eth_system to, unsigned *flags)
{
	const struct entry *t;
	enum eth_system from = en->cat.sys;
	int k;

	*flags = 0;
	if (en->concept < 0)
		return en; /* group-only, Not stated, Missing */
	t = eth_by_concept(to, en->concept);
	if (!t) {
		t = eth_by_concept(to, grp_rest[concepts[en->concept].grp]);
		*flags |= MON_LOSSY;
	}
	if (t->grp != en->grp)
		*flags |= MON_REGROUPED;
	/* Landing in an "any other" category that `to` has split since. */
	if (t->concept == grp_rest[concepts[t->concept].grp] && from != ETH_AUTO)
		for (k = 0; k < K_COUNT; k++)
			if (k != t->concept && grp_rest[concepts[k].grp] == t->concept &&
			    eth_by_concept(to, k) && !eth_by_concept(from, k))
				*flags |= MON_SPLIT;
	return t;
}

const struct mon_category *mon_eth_map_category(const struct mon_category *cat,
						enum eth_system to, unsigned *flags)
{
	const struct entry *en = eth_entry_of(cat);
	unsigned f = 0;
	const struct entry *t;

	if (flags)
		*flags = 0;
	if (!en || !sys_ok(to) || to == ETH_AUTO)
		return NULL;
	if (en->cat.kind == MK_RECORDED && (en->cat.sys == ETH_USOMB) != (to == ETH_USOMB))
		return NULL; /* no map between the US and the UK categories */
	t = eth_map(en, to, &f);
	if (flags)
		*flags = f;
	return &t->cat;
}

/* The entry of system s whose code is the normalised v, or NULL. The
 * special and group-only codes belong to every system. */
static const struct entry *eth_code_in(enum eth_system s, const char *v)
{
	size_t i;
	for (i = 0; i < eth_tables[s].n; i++)
		if (code_is(eth_tables[s].entries[i].cat.code, v))
			return &eth_tables[s].entries[i];
	return NULL;
}

static const struct entry *eth_code_any(enum eth_system s, const char *v)
{
	size_t i;
	if (code_is(e_not_stated.cat.code, v))
		return &e_not_stated;
	if (code_is(e_missing.cat.code, v))
		return &e_missing;
	if (s == ETH_USOMB)
		return eth_code_in(s, v);
	for (i = 0; i < G_COUNT; i++)
		if (code_is(eth_groups[i].cat.code, v))
			return &eth_groups[i];
	if (s != ETH_AUTO)
		return eth_code_in(s, v);
	for (i = 0; i < N_OF(auto_order); i++) {
		const struct entry *en = eth_code_in(auto_order[i], v);
		if (en)
			return en;
	}
	return NULL;
}

const struct mon_category *mon_eth_code(enum eth_system sys, const char *code)
{
	char v[NORM_CAP];
	const struct entry *en;

	if (!sys_ok(sys) || norm(code, v, sizeof v) <= 0 || strchr(v, ' '))
		return NULL;
	en = eth_code_any(sys, v);
	return en ? &en->cat : NULL;
}

int mon_eth_map(enum eth_system from, const char *code, enum eth_system to,
		const char **to_code, int *lossy)
{
	const struct mon_category *c;
	const struct entry *t;
	unsigned f = 0;

	if (!sys_ok(to) || to == ETH_AUTO)
		return ERR_USAGE;
	c = mon_eth_code(from, code);
	if (!c)
		return ERR_DATA;
	if (c->kind == MK_RECORDED && (c->sys == ETH_USOMB) != (to == ETH_USOMB))
		return ERR_USAGE; /* no map between the US and the UK categories */
	t = eth_map(eth_entry_of(c), to, &f);
	*to_code = t->cat.code;
	if (lossy)
		*lossy = (int)f;
	return 0;
}

/* ---------------------------------------------------------------- */
/* Ethnicity: reading a value                                       */
/* ---------------------------------------------------------------- */

/* The entry of system s that the words v (normalised, no code) name, or
 * NULL: a category spelling alone, or a group followed by a category of
 * that group ("asian british indian", "white other"). */
static const struct entry *eth_words_in(enum eth_system s, const char *v)
{
	const struct eth_table *t = &eth_tables[s];
	size_t i;
	int g;

	for (i = 0; i < t->n; i++)
		if (in_list(concepts[t->entries[i].concept].spellings, v))
			return &t->entries[i];
	for (g = 0; g < G_COUNT; g++) {
		const char *p = grp_spellings[g];
		while (p && *p) {
			const char *bar = strchr(p, '|');
			size_t len = bar ? (size_t)(bar - p) : strlen(p);
			if (strncmp(v, p, len) == 0 && v[len] == ' ') {
				const char *rest = v + len + 1;
				if (strcmp(rest, "other") == 0 || strcmp(rest, "any other") == 0) {
					for (i = 0; i < t->n; i++)
						if (t->entries[i].concept == grp_rest[g])
							return &t->entries[i];
				}
				for (i = 0; i < t->n; i++)
					if (t->entries[i].grp == g &&
					    in_list(concepts[t->entries[i].concept].spellings, rest))
						return &t->entries[i];
			}
			p = bar ? bar + 1 : NULL;
		}
	}
	return NULL;
}

/* Read v (normalised) in system s: a code, words, or a code followed by
 * words naming the same category. Returns the entry, or NULL; sets
 * *clash to the code's entry when a code is followed by words that name
 * something else. */
static const struct entry *eth_read_in(enum eth_system s, const char *v,
				       const struct entry **clash)
{
	const struct entry *en = eth_code_in(s, v);
	const char *sp;

	if (en)
		return en;
	en = eth_words_in(s, v);
	if (en)
		return en;
	sp = strchr(v, ' ');
	if (sp && (size_t)(sp - v) < 16) {
		char tok[16];
		memcpy(tok, v, (size_t)(sp - v));
		tok[sp - v] = '\0';
		en = eth_code_in(s, tok);
		if (en) {
			if (eth_words_in(s, sp + 1) == en)
				return en;
			if (!*clash)
				*clash = en;
		}
	}
	return NULL;
}

static int eth_error(enum eth_system sys, const char *value, struct err *e)
{
	char q[64];
	quote(value, q, sizeof q);
	return err_set(e, ERR_DATA,
		       "ethnicity: '%s' is not a known value (%s); use a code such as W1, A4 or "
		       "NS, a category such as 'Indian' or 'White and Asian', a group (White, "
		       "Mixed, Asian, Black, Other), 'Not stated', or a blank for Missing",
		       q, mon_eth_system_title(sys));
}

static int classify_eth(enum eth_system sys, const char *value, const char *v,
			const struct entry **out, unsigned *flags, struct err *e)
{
	const struct entry *found[N_OF(auto_order)] = {0};
	const struct entry *clash = NULL, *first = NULL, *own = NULL;
	size_t i;
	int g;

	/* a group alone, and merged labels that are not groups */
	for (g = 0; g < G_COUNT; g++)
		if (in_list(grp_spellings[g], v)) {
			*out = &eth_groups[g];
			return 0;
		}
	if (in_list(merged_spellings, v)) {
		char q[64];
		quote(value, q, sizeof q);
		return err_set(e, ERR_DATA,
			       "ethnicity: '%s' is not an ethnic group: it merges several groups "
			       "(Mixed, Asian, Black, Other) that are compared separately; record "
			       "the person's own category or group", q);
	}

	for (i = 0; i < N_OF(auto_order); i++) {
		found[i] = eth_read_in(auto_order[i], v, &clash);
		if (found[i] && !first)
			first = found[i];
		if (found[i] && auto_order[i] == sys)
			own = found[i];
	}
	if (own) {
		*out = own;
		return 0;
	}
	if (!first) {
		char q[64];
		if (!clash)
			return eth_error(sys, value, e);
		quote(value, q, sizeof q);
		return err_set(e, ERR_DATA,
			       "ethnicity: '%s': code %s is '%s' in the %s, but the words after it "
			       "say something else; correct the code or the words",
			       q, clash->cat.code, clash->cat.label,
			       mon_eth_system_title(clash->cat.sys));
	}
	for (i = 0; i < N_OF(auto_order); i++)
		if (found[i] && (found[i]->concept != first->concept || found[i]->grp != first->grp))
			*flags |= MON_AMBIGUOUS;
	if (sys == ETH_AUTO) {
		*out = first;
		return 0;
	}
	{
		unsigned f = 0;
		*out = eth_map(first, sys, &f);
		*flags |= MON_MAPPED | f;
	}
	return 0;
}

/* The US categories: v (normalised) is a code, a spelling, or a race
 * category with "non Hispanic" before or after it ("White, non-Hispanic",
 * "Non-Hispanic Black"), which the combined format means anyway. */
static const struct entry *usomb_read(const char *v)
{
	static const char *const qual[] = {"non hispanic latino", "not hispanic latino",
					   "non hispanic", "not hispanic"};
	char rest[NORM_CAP];
	size_t i, k, n = strlen(v);

	for (i = 0; i < N_OF(eth_usomb); i++)
		if (code_is(eth_usomb[i].cat.code, v) || in_list(eth_usomb[i].spellings, v))
			return &eth_usomb[i];
	for (k = 0; k < N_OF(qual); k++) {
		size_t q = strlen(qual[k]);
		rest[0] = '\0';
		if (n > q + 1 && strncmp(v, qual[k], q) == 0 && v[q] == ' ')
			snprintf(rest, sizeof rest, "%s", v + q + 1);
		else if (n > q + 1 && strcmp(v + n - q, qual[k]) == 0 && v[n - q - 1] == ' ')
			snprintf(rest, sizeof rest, "%.*s", (int)(n - q - 1), v);
		if (!rest[0])
			continue;
		for (i = 0; i < N_OF(eth_usomb); i++)
			if (strcmp(eth_usomb[i].cat.code, "HISP") != 0 &&
			    (code_is(eth_usomb[i].cat.code, rest) ||
			     in_list(eth_usomb[i].spellings, rest)))
				return &eth_usomb[i];
	}
	return NULL;
}

static int classify_usomb(const char *value, const char *v, const struct entry **out,
			  struct err *e)
{
	char q[64];

	if ((*out = usomb_read(v)) != NULL)
		return 0;
	quote(value, q, sizeof q);
	if (in_list(usomb_merged, v))
		return err_set(e, ERR_DATA,
			       "ethnicity: '%s' is not one group: it merges or totals several groups "
			       "that are compared separately; give each group's own row (or leave "
			       "the total out)", q);
	return err_set(e, ERR_DATA,
		       "ethnicity: '%s' is not a US OMB category; use White, Black or African "
		       "American, Hispanic or Latino, Asian, Native Hawaiian or Other Pacific "
		       "Islander, American Indian or Alaska Native, Two or more races (codes "
		       "WHITE, BLACK, HISP, ASIAN, NHPI, AIAN, MULTI), 'Not stated', or a blank "
		       "for Missing", q);
}

/* ---------------------------------------------------------------- */
/* The other characteristics                                        */
/* ---------------------------------------------------------------- */

/* "Label (CODE), ..." of a codebook, for error messages. */
static void list_accepted(enum mon_char c, char *out, size_t cap)
{
	size_t i, n = 0;
	out[0] = '\0';
	for (i = 0; i < chars[c].n_cats && n < cap; i++) {
		const struct mon_category *k = &chars[c].cats[i].cat;
		int w;
		if (strcmp(k->code, k->label) == 0)
			w = snprintf(out + n, cap - n, "%s, ", k->label);
		else
			w = snprintf(out + n, cap - n, "%s (%s), ", k->label, k->code);
		if (w < 0)
			break;
		n += (size_t)w;
	}
}

static int classify_other(enum mon_char c, const char *value, const char *v,
			  const struct entry **out, struct err *e)
{
	char q[64], list[512];
	size_t i;

	for (i = 0; i < chars[c].n_cats; i++) {
		const struct entry *en = &chars[c].cats[i];
		if (code_is(en->cat.code, v) || in_list(en->spellings, v)) {
			*out = en;
			return 0;
		}
	}
	quote(value, q, sizeof q);
	list_accepted(c, list, sizeof list);
	return err_set(e, ERR_DATA, "%s: '%s' is not a known value; use %s%sNot stated (NS), or a "
		       "blank for Missing", chars[c].name, q,
		       c == MC_AGE ? "a whole number of years from 0 to 120, " : "", list);
}

/* A raw age that looks like a number: 0 and *band set, or ERR_DATA; 1
 * when it is not a number at all (read it as words). */
static int age_number(const char *value, const struct entry **band, struct err *e)
{
	const char *p = value, *end;
	char q[64], digits[16];
	long years;
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
		end--;
	n = (size_t)(end - p);
	if (n == 0)
		return 1;
	{
		size_t i = (*p == '-') ? 1 : 0, dots = 0;
		if (i == n)
			return 1;
		for (; i < n; i++) {
			if (p[i] == '.')
				dots++;
			else if (p[i] < '0' || p[i] > '9')
				return 1;
		}
		if (dots > 1 || p[n - 1] == '.' || p[*p == '-'] == '.')
			return 1;
		quote(value, q, sizeof q);
		if (dots || *p == '-' || n >= sizeof digits)
			return err_set(e, ERR_DATA, "age: '%s' is not an age: give whole years from "
				       "0 to 120 or a band (Under 18, 18-24, 25-34, 35-44, "
				       "45-54, 55-64, 65+)", q);
	}
	memcpy(digits, p, n);
	digits[n] = '\0';
	if (str_to_int(digits, 0, 120, &years) < 0)
		return err_set(e, ERR_DATA, "age: '%s' is not an age: give whole years from 0 to "
			       "120 or a band (Under 18, 18-24, 25-34, 35-44, 45-54, 55-64, 65+)",
			       q);
	if (years < 18)
		*band = &age_cats[0];
	else if (years >= 65)
		*band = &age_cats[6];
	else
		*band = &age_cats[1 + (years - 15) / 10];
	return 0;
}

/* ---------------------------------------------------------------- */
/* Entry points                                                     */
/* ---------------------------------------------------------------- */

int mon_classify_ex(enum mon_char c, enum eth_system sys, const char *value,
		    const struct mon_category **cat, unsigned *flags, struct err *e)
{
	char v[NORM_CAP];
	const struct entry *en = NULL;
	unsigned f = 0;
	int rc;

	if (flags)
		*flags = 0;
	if (!char_ok(c))
		return err_set(e, ERR_USAGE, "unknown characteristic %d", (int)c);
	if (c == MC_ETHNICITY && !sys_ok(sys))
		return err_set(e, ERR_USAGE, "unknown ethnicity system %d", (int)sys);
	if (str_blank(value)) {
		*cat = &e_missing.cat;
		return 0;
	}
	if (c == MC_AGE) {
		rc = age_number(value, &en, e);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			*cat = &en->cat;
			return 0;
		}
	}
	if (norm(value, v, sizeof v) < 0) {
		char q[64];
		quote(value, q, sizeof q);
		return err_set(e, ERR_DATA, "%s: '%s' is too long to be a category", chars[c].name,
			       q);
	}
	if (v[0] == '\0' || in_list(missing_spellings, v) || code_is(e_missing.cat.code, v)) {
		*cat = &e_missing.cat; /* punctuation only ("-", "?") counts as blank */
		return 0;
	}
	if (in_list(ns_spellings, v) ||
	    (strncmp(v, "ns ", 3) == 0 && in_list(ns_spellings, v + 3))) {
		*cat = &e_not_stated.cat;
		return 0;
	}
	if (c == MC_ETHNICITY && sys == ETH_USOMB)
		rc = classify_usomb(value, v, &en, e);
	else if (c == MC_ETHNICITY)
		rc = classify_eth(sys, value, v, &en, &f, e);
	else
		rc = classify_other(c, value, v, &en, e);
	if (rc < 0)
		return rc;
	*cat = &en->cat;
	if (flags)
		*flags = f;
	return 0;
}

int mon_classify(enum mon_char c, enum eth_system sys, const char *value,
		 const struct mon_category **cat, struct err *e)
{
	return mon_classify_ex(c, sys, value, cat, NULL, e);
}
