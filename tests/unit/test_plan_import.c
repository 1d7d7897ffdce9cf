/*
 * test_plan_import: the importer's rules (plan/import.c, plan/leads.c) on
 * small plans written for these tests, and the real seed action plan
 * checked area by area and action by action (skipped, saying so, when
 * ../shared/seeds is absent, as on a user's machine).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "plan/doc.h"
#include "plan/internal.h"

#define SEED "../shared/seeds/004_f36e35187074ac31.txt"

struct seed_area {
	int no, section;
	const char *title_start; /* first two words only */
	const char *duties;	 /* comma-separated */
	const char *letters;
};

struct seed_action {
	const char *code, *lead, *timescale;
};

static const struct seed_area seed_areas[] = {
	{1, 1, "Review and", "1,2,3,4,5,6,7,8,9,10,11,12", "abcd"},
	{2, 1, "Ensure SES", "1,2,3,4,5,6,7,8,9,10,11,12", "ab"},
	{3, 1, "Ensure that", "1,2,3,4,5,6,7,8,9,10,11,12", "abcde"},
	{4, 1, "Review Diversity", "1,2,3,4,5,6,7,8,9,10,11,12", "abcde"},
	{5, 2, "Employment of", "1,2,4,6,7,8,9", "abcd"},
	{6, 2, "Improve retention", "1,2,3", "abc"},
	{7, 2, "Management", "1,2,4,6,7,8,9,10,12", "ab"},
	{8, 2, "Training", "1,2,3,4,5,6,7,8,9,10,11,12", "abcde"},
	{9, 2, "Communication consultation", "1,2,3,4,5,6,7,8,9,10,11,12", "abcdefg"},
	{10, 2, "HR Processes", "1,2,4,5,6,7,8,9,10,12", "abcdefghij"},
	{11, 3, "Data collection", "1,2,4,6,10,12", "abcdefgh"},
	{12, 3, "Establish a", "1,2,4,6,10,12", "abc"},
	{13, 3, "Equality Impact", "1,2,3,4,5,6,7,8,9,10,11,12", "abcde"},
	{14, 3, "Ensure better", "1,2,3,4,6,7,10,12", "abcdefg"},
	{15, 3, "Participate in", "1,2,3,5", "abcde"},
	{16, 3, "Access to", "4,5,6,7,8,9", "abcdefghij"},
	{17, 3, "Hate Crime", "1,2,3,4,5,6", "abcdef"},
	{18, 3, "Work with", "1,2,3", "abcd"},
	{19, 3, "Enhanced Citizenship", "3,6,12", "abc"},
	{20, 3, "Work with", "10,11,12", "abcde"},
	{21, 3, "Partnerships", "1,2,3,4,5,6,7,8,9,10,11,12", "ab"},
	{22, 3, "Work with", "1,2,4,6,10,12", "ab"},
	{23, 3, "Quality Assurance", "1,2,4,6,8,10,12", "abcdef"},
};
static const struct seed_action seed_actions[] = {
	{"1a", "PG", "Dec 2011"},
	{"1b", "PG", "March 2012"},
	{"1c", "GM/CMT", "Dec 2011"},
	{"1d", "GM", "2011-2012"},
	{"2a", "FT/CH", "April 2011"},
	{"2b", "FT", "Aug 2011"},
	{"3a", "CMT", "Each Year"},
	{"3b", "CMT", "April 2012"},
	{"3c", "CMT", "April 2012"},
	{"3d", "CMT", "July 2011"},
	{"3e", "DMG", "Jan 2012"},
	{"4a", "Board Chair/ Chief Officer/ LH & GMack", "Each Jan"},
	{"4b", "PG/CMT", "By Feb 2012"},
	{"4c", "CMT", "Each year"},
	{"4d", "DMG", "Jan 2012"},
	{"4e", "CMT", "Aug 2012"},
	{"5a", "GMacK/LH", "2009 -12"},
	{"5b", "GMacK/LH", "2009-12"},
	{"5c", "GMacK/LH", "2010"},
	{"5d", "GMacK/LH", "For new trainee posts 2010"},
	{"6a", "GMacK/LH", "2009-12"},
	{"6b", "GMacK/LH", "2009-12"},
	{"6c", "GMacK/LH", "March 2010"},
	{"7a", "GMacK/LH", "2009-12"},
	{"7b", "GMacK/LH", "2009-12"},
	{"8a", "KJ", "2009-12"},
	{"8b", "KJ", "2009-12"},
	{"8c", "KJ", "2009-10 Ongoing"},
	{"8d", "KJ", "2009-12"},
	{"8e", "KJ", "2009-12"},
	{"9a", "GMacK/LH", "3rd Qtr 2011-12"},
	{"9b", "GMacK/LH", "3rd Qtr 2011-12"},
	{"9c", "GMacK/LH", "3rd Qtr 2011-12"},
	{"9d", "PG", "Dec 2010"},
	{"9e", "PG", "Sept 2011"},
	{"9f", "SMcl/HR", "By March 2012"},
	{"9g", "PG/SMcl", "Ongoing"},
	{"10a", "GMacK/LH", "2009-12"},
	{"10b", "GMacK/LH", "From 09/09"},
	{"10c", "GMacK/LH", "2011-12"},
	{"10d", "CMT/SMcl", "Ongoing"},
	{"10e", "PG/SMcl", "Ongoing"},
	{"10f", "GMacK/LH", "2009-12"},
	{"10g", "GMacK/LH", "2009-12"},
	{"10h", "GMacK/LH", "2011 ongoing"},
	{"10i", "GMacK/LH", "By March 2011"},
	{"10j", "GMacK/LH", "By March 2011"},
	{"11a", "All managers/ AG", "2009-12"},
	{"11b", "DMG", "2011-12"},
	{"11c", "PG", "Ongoing"},
	{"11d", "DMG/Senior Managers", "Evidence activity by Dec 2010, then Ongoing"},
	{"11e", "PG", "Ongoing"},
	{"11f", "DMG/AG", "From July 2011"},
	{"11g", "PG/SMcl", "Ongoing"},
	{"11h", "DMG", "Ongoing"},
	{"12a", "PG", "2009-12"},
	{"12b", "PG", "By January 2012"},
	{"12c", "PG/KJ", "2011-12"},
	{"13a", "PG", "By August 2011"},
	{"13b", "PG", "By August 2011"},
	{"13c", "PG/KJ", "September 2011"},
	{"13d", "PG/SMcl/KJ", "Make a decision by June 2011"},
	{"13e", "DMG/SMcl", "March 2012"},
	{"14a", "PG", "w/c 2/11/09 then each year"},
	{"14b", "PG/KJ/SMcl /FT", "June-Sept 2011"},
	{"14c", "PG", "Ongoing"},
	{"14d", "PG/SMcl", "Nov 2011"},
	{"14e", "PG/SMcl", "By Nov 2012"},
	{"14f", "PG", "Ongoing"},
	{"14g", "All Senior Managers", "2009-12, review each year under business plan objectives"},
	{"15a", "PG", "April 2011"},
	{"15b", "PG/SMcl", "2011-12"},
	{"15c", "SMcl", "Ongoing"},
	{"15d", "PG/all Senior Managers", "June 2011"},
	{"15e", "CH", "June 2011"},
	{"16a", "PG", "Assess 2010; agree action 2011-12"},
	{"16b", "PG", "By 31/3/12"},
	{"16c", "PG/JD", "By 31/3/12"},
	{"16d", "JD", "Ongoing"},
	{"16e", "KV", "Ongoing"},
	{"16f", "KV/ Develop- ment Group", "By end of 2012"},
	{"16g", "KV", "By Jan 2012"},
	{"16h", "KV", "Ongoing"},
	{"16i", "All Senior Managers", "Ongoing"},
	{"16j", "PG", "By December 2012"},
	{"17a", "GM", "Ongoing"},
	{"17b", "PG", "Ongoing"},
	{"17c", "PG", "Ongoing"},
	{"17d", "PG/KJ", "Ongoing"},
	{"17e", "PG", "11-12"},
	{"17f", "PG/KJ", "March 2011"},
	{"18a", "PG/SMcl", "Ongoing"},
	{"18b", "PG/SMcl", "Ongoing"},
	{"18c", "PG/SMcl", "2011-12"},
	{"18d", "PG/SMcl/ Relevant Managers", "line with NOMS timetable"},
	{"19a", "PG", "1/4/11 then ongoing"},
	{"19b", "Relevant Managers", "2009-12"},
	{"19c", "Relevant Managers", "2009-12"},
	{"20a", "KV", "2009-12"},
	{"20b", "KV", "Ongoing"},
	{"20c", "KV", "Ongoing"},
	{"20d", "KV", "2009-12"},
	{"20e", "KV", "Ongoing"},
	{"21a", "PG", "Ongoing"},
	{"21b", "PG", "2009-12"},
	{"22a", "KV/GE", "By December 2011"},
	{"22b", "KV/GE", "Ongoing"},
	{"23a", "DMG/CMT", "Ongoing"},
	{"23b", "CMT", "By April 2012"},
	{"23c", "PG/LA", "2010-11"},
	{"23d", "PG/LA", "By June 2011"},
	{"23e", "PG/SMcl", "By August 2011"},
	{"23f", "PG", "By March 2011"},
};

static struct plan_model *model_of(const char *md, struct err *e)
{
	struct doc *d = NULL;
	struct plan_model *m = NULL;
	err_clear(e);
	cr_assert_eq(doc_read_markdown(md, strlen(md), "test.md", &d, e), 0, "%s", e->msg);
	if (plan_model_from_doc(d, "test.md", &m, e) < 0)
		m = NULL;
	doc_free(d);
	return m;
}

static const struct plan_action *action_of(const struct plan_model *m, int area, char letter)
{
	size_t i;
	const struct plan_area *a;
	cr_assert(area >= 1 && (size_t)area <= m->n_areas, "no area %d (have %zu)", area, m->n_areas);
	a = &m->areas[area - 1];
	for (i = 0; i < a->n_actions; i++)
		if (a->actions[i].letter == letter)
			return &a->actions[i];
	cr_assert_fail("no action %d%c", area, letter);
	return NULL;
}

static int has_warning(const struct plan_model *m, const char *needle)
{
	size_t i;
	for (i = 0; i < m->n_warnings; i++)
		if (strstr(m->warnings[i].message, needle) || strstr(m->warnings[i].place, needle))
			return 1;
	return 0;
}

static void duties_str(const struct plan_area *a, struct buf *b)
{
	int i;
	for (i = 0; i < a->n_duties; i++)
		buf_printf(b, "%s%d", i ? "," : "", a->duties[i]);
}

Test(seed, every_area_and_action)
{
	struct doc *d = NULL;
	struct plan_model *m = NULL;
	struct err e;
	size_t i, j, k = 0;
	FILE *f = fopen(SEED, "rb");
	if (!f)
		cr_skip_test("seed folder absent: " SEED " not found; skipping the seed check");
	fclose(f);
	err_clear(&e);
	cr_assert_eq(doc_read_file(SEED, DOC_FMT_AUTO, &d, &e), 0, "%s", e.msg);
	cr_assert_eq(plan_model_from_doc(d, SEED, &m, &e), 0, "%s", e.msg);
	doc_free(d);
	cr_assert_eq(m->n_sections, 3);
	cr_assert_str_eq(m->sections[0].title, "STRUCTURE");
	cr_assert_str_eq(m->sections[1].title, "STAFFING");
	cr_assert_str_eq(m->sections[2].title, "SERVICE DELIVERY");
	cr_assert_eq(m->n_areas, sizeof seed_areas / sizeof seed_areas[0]);
	for (i = 0; i < m->n_areas; i++) {
		const struct plan_area *a = &m->areas[i];
		const struct seed_area *want = &seed_areas[i];
		struct buf dut = BUF_INIT;
		char letters[32] = "";
		cr_assert_eq(a->no, want->no);
		cr_assert_eq(a->section + 1, want->section, "area %d section", a->no);
		cr_assert(strncmp(a->title, want->title_start, strlen(want->title_start)) == 0,
			  "area %d title '%s' should start '%s'", a->no, a->title, want->title_start);
		cr_assert(strstr(a->title, "Duties") == NULL, "area %d title keeps duties: %s",
			  a->no, a->title);
		duties_str(a, &dut);
		cr_assert_str_eq(buf_str(&dut), want->duties, "area %d duties", a->no);
		buf_free(&dut);
		for (j = 0; j < a->n_actions && j < sizeof letters - 1; j++)
			letters[j] = a->actions[j].letter;
		letters[j] = '\0';
		cr_assert_str_eq(letters, want->letters, "area %d letters", a->no);
		for (j = 0; j < a->n_actions; j++, k++) {
			const struct plan_action *ac = &a->actions[j];
			char code[16];
			snprintf(code, sizeof code, "%d%c", a->no, ac->letter);
			cr_assert(k < sizeof seed_actions / sizeof seed_actions[0]);
			cr_assert_str_eq(code, seed_actions[k].code);
			cr_assert_not_null(ac->lead, "%s has no lead", code);
			cr_assert_str_eq(ac->lead, seed_actions[k].lead, "%s lead", code);
			cr_assert_not_null(ac->timescale, "%s has no timescale", code);
			cr_assert_str_eq(ac->timescale, seed_actions[k].timescale, "%s timescale", code);
			cr_assert(strlen(ac->text) > 10, "%s text too short: '%s'", code, ac->text);
			cr_assert(strncmp(ac->text, "(", 1) != 0, "%s text keeps its letter", code);
		}
	}
	cr_assert_eq(k, 113);
	/* Titles joined across pages, continuation text joined into actions. */
	cr_assert_str_eq(m->areas[8].title, "Communication consultation and engagement");
	cr_assert(strstr(action_of(m, 9, 'g')->text, "stakeholders that might be willing") != NULL);
	cr_assert(strstr(action_of(m, 10, 'g')->text, "and making reasonable adjustments") != NULL);
	cr_assert(strstr(action_of(m, 11, 'd')->text, "unjustified disproportionality") != NULL);
	cr_assert(strstr(m->areas[14].title, "disparities which cannot be explained") != NULL);
	/* Glossary */
	cr_assert_eq(m->n_people, 13);
	cr_assert_str_eq(m->people[0].initials, "GM");
	cr_assert_str_eq(m->people[0].name, "Gerry Marshall");
	cr_assert_str_eq(m->people[0].role, "Chief Executive");
	cr_assert_eq(m->n_terms, 30);
	/* The one real misalignment is reported, naming area and letters. */
	cr_assert_eq(m->n_warnings, 2);
	cr_assert(has_warning(m, "area 8 (Training)"));
	cr_assert(has_warning(m, "6 lead values for 5 actions (a-e)"));
	plan_model_free(m);
}

Test(rules, spilled_rows_ditto_and_continuations)
{
	static const char md[] =
		"# Test plan\n\n"
		"| Area of work | Actions | Lead | Year |\n|---|---|---|---|\n"
		"| 1. FIRST SECTION | | | |\n"
		"| Outreach Duties 1-3 | (a) Visit groups (b) Write leaflet | AB | 2012-13 |\n"
		"| AB | 2012-13 | | |\n"
		"| <p>Recording</p> <p>Duties 2, 4 &amp; 6</p> | <p>(a) Check records</p> <p>(b) Fix gaps in</p> | <p>CD</p> <p>CD/EF</p> | <p>Dec 2012</p> <p>\xe2\x80\x9c</p> |\n"
		"\n| Area of work | Actions | Lead | Year |\n|---|---|---|---|\n"
		"| | <p>the old system</p> <p>(c) Train staff</p> | <p>EF</p> | <p>Jan 2013</p> |\n"
		"| Split title | (a) Start | GH | Ongoing |\n"
		"\n| Area of work | Actions | Lead | Year |\n|---|---|---|---|\n"
		"| <p>continues here</p> <p>Duties 7</p> | <p>(b) Next step</p> | <p>GH</p> | <p>\xe2\x80\x9d</p> |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_eq(m->n_sections, 1);
	cr_assert_eq(m->n_areas, 3);
	/* spilled row completes area 1 */
	cr_assert_str_eq(m->areas[0].title, "Outreach");
	cr_assert_eq(m->areas[0].n_duties, 3);
	cr_assert_str_eq(action_of(m, 1, 'b')->lead, "AB");
	cr_assert_str_eq(action_of(m, 1, 'b')->timescale, "2012-13");
	/* ditto copies the value above */
	cr_assert_str_eq(action_of(m, 2, 'b')->timescale, "Dec 2012");
	cr_assert_str_eq(action_of(m, 2, 'b')->lead, "CD/EF");
	/* continuation paragraph joins (b); (c) gets its own lead */
	cr_assert_str_eq(action_of(m, 2, 'b')->text, "Fix gaps in the old system");
	cr_assert_str_eq(action_of(m, 2, 'c')->lead, "EF");
	cr_assert_eq(m->areas[1].n_duties, 3);
	cr_assert_eq(m->areas[1].duties[2], 6);
	/* title broken across tables is joined; duties picked up */
	cr_assert_str_eq(m->areas[2].title, "Split title continues here");
	cr_assert_eq(m->areas[2].n_duties, 1);
	cr_assert_str_eq(action_of(m, 3, 'b')->timescale, "Ongoing");
	cr_assert_eq(m->n_warnings, 0, "unexpected warning: %s",
		     m->n_warnings ? m->warnings[0].message : "");
	plan_model_free(m);
}

Test(rules, run_together_values_are_split)
{
	static const char md[] =
		"| Area | Actions | Lead | Timescale |\n|---|---|---|---|\n"
		"| Reviews | (a) One (b) Two (c) Three | AB AB/CD EF | By May 2012 June 2012 Make a plan by July 2012 |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_str_eq(action_of(m, 1, 'a')->lead, "AB");
	cr_assert_str_eq(action_of(m, 1, 'b')->lead, "AB/CD");
	cr_assert_str_eq(action_of(m, 1, 'c')->lead, "EF");
	cr_assert_str_eq(action_of(m, 1, 'a')->timescale, "By May 2012");
	cr_assert_str_eq(action_of(m, 1, 'b')->timescale, "June 2012");
	cr_assert_str_eq(action_of(m, 1, 'c')->timescale, "Make a plan by July 2012");
	plan_model_free(m);
}

Test(rules, letters_inside_sentences_are_not_split)
{
	static const char md[] =
		"| Area | Actions | Lead | Timescale |\n|---|---|---|---|\n"
		"| Info | (a) Gather facts (b) Share them | AB | Ongoing |\n"
		"| | (c) For both (a) and (b) agree the format | CD | Dec 2012 |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_eq(m->areas[0].n_actions, 3);
	cr_assert_str_eq(action_of(m, 1, 'c')->text, "For both (a) and (b) agree the format");
	plan_model_free(m);
}

Test(rules, more_values_than_actions_warns)
{
	static const char md[] =
		"| Area | Actions | Lead | Timescale |\n|---|---|---|---|\n"
		"| Pay | <p>(a) One</p> <p>(b) Two</p> | <p>AB</p> <p>CD</p> <p>EF</p> | <p>2012</p> <p>2013</p> |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_str_eq(action_of(m, 1, 'b')->lead, "CD");
	cr_assert(has_warning(m, "3 lead values for 2 actions (a-b)"));
	cr_assert(has_warning(m, "\"EF\""));
	plan_model_free(m);
}

Test(rules, fewer_values_than_actions_warns)
{
	static const char md[] =
		"| Area | Actions | Lead | Timescale |\n|---|---|---|---|\n"
		"| Pay | <p>(a) One</p> <p>(b) Two</p> <p>(c) Three</p> | <p>AB</p> <p>CD</p> | <p>2012</p> |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_str_eq(action_of(m, 1, 'c')->lead, "CD");
	cr_assert(has_warning(m, "action(s) c took the last value \"CD\""));
	/* one timescale for all three actions is shared, not a misalignment */
	cr_assert_str_eq(action_of(m, 1, 'c')->timescale, "2012");
	cr_assert(!has_warning(m, "timescale values"));
	plan_model_free(m);
}

Test(rules, layout_without_letters_and_other_headers)
{
	static const char md[] =
		"| Objective | Action | Responsibility | Target date | Status |\n|---|---|---|---|---|\n"
		"| Fair pay | Publish the pay gap | AB | March 2013 | Done |\n"
		"| | Explain the gap to staff | AB | April 2013 | In progress |\n"
		"| Access | Audit buildings | CD | 2012-13 | |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_eq(m->n_areas, 2);
	cr_assert_eq(m->areas[0].n_actions, 2);
	cr_assert_str_eq(action_of(m, 1, 'b')->text, "Explain the gap to staff");
	cr_assert_str_eq(action_of(m, 1, 'b')->status, "In progress");
	cr_assert_str_eq(action_of(m, 2, 'a')->lead, "CD");
	plan_model_free(m);
}

Test(rules, no_actions_column_is_an_error)
{
	static const char md[] = "| Name | Phone |\n|---|---|\n| Sam | 1 |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_null(m);
	cr_assert_eq(e.code, ERR_DATA);
	cr_assert(strstr(e.msg, "test.md: no table with an Actions column") != NULL, "%s", e.msg);
}

Test(rules, glossary_people_and_terms)
{
	static const char md[] =
		"| Area | Actions | Lead | Year |\n|---|---|---|---|\n| X | (a) Y | MacD | 2012 |\n\n"
		"Glossary\n\nStaff initials\n\nAB \xe2\x80\x93 Alex Brown, Chief Officer\n"
		"McD \xe2\x80\x93 Sam McDonald\n\nGlossary of terms\n\nEIB \xe2\x80\x93 Equality and Inclusion Board\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_eq(m->n_people, 2);
	cr_assert_str_eq(m->people[0].name, "Alex Brown");
	cr_assert_str_eq(m->people[0].role, "Chief Officer");
	cr_assert_null(m->people[1].role);
	cr_assert_eq(m->n_terms, 1);
	cr_assert_str_eq(m->terms[0].expansion, "Equality and Inclusion Board");
	plan_model_free(m);
}

struct duty_case {
	const char *text;
	const char *want;
};

Test(leads, duties_parse)
{
	static const struct duty_case cases[] = {
		{"Duties 1-12", "1,2,3,4,5,6,7,8,9,10,11,12"},
		{"Duties 1,2,4, 6-9, 10 & 12", "1,2,4,6,7,8,9,10,12"},
		{"Duties 1- 3", "1,2,3"},
		{"Duties 1,2, 4,6,8,10 &12", "1,2,4,6,8,10,12"},
		{"Duties 1-3, 4-6", "1,2,3,4,5,6"},
		{"Duty 7", "7"},
		{"3 and 5", "3,5"},
		{"Duties 12-3", "3,12"},
		{"Duties 4, 4, 2", "2,4"},
		{"Duties", ""},
		{"Duties 0, 1000", ""},
		{"Duties 1\xe2\x80\x93" "3", "1,2,3"},
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int v[64], n = plan_duties_parse(cases[i].text, v, 64), j;
		struct buf b = BUF_INIT;
		for (j = 0; j < n; j++)
			buf_printf(&b, "%s%d", j ? "," : "", v[j]);
		cr_assert_str_eq(buf_str(&b), cases[i].want, "%s", cases[i].text);
		buf_free(&b);
	}
}

Test(leads, split_and_keys)
{
	char **t;
	size_t n = plan_lead_split("Board Chair/ Chief Officer/ LH & GMack", &t);
	char k1[32], k2[32];
	cr_assert_eq(n, 4);
	cr_assert_str_eq(t[0], "Board Chair");
	cr_assert_str_eq(t[1], "Chief Officer");
	cr_assert_str_eq(t[2], "LH");
	cr_assert_str_eq(t[3], "GMack");
	plan_tokens_free(t, n);
	n = plan_lead_split("KV/ Develop- ment Group", &t);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(t[1], "Development Group");
	plan_tokens_free(t, n);
	n = plan_lead_split("PG and KJ, SMcl + FT", &t);
	cr_assert_eq(n, 4);
	plan_tokens_free(t, n);
	cr_assert_eq(plan_lead_split("", &t), 0);
	plan_tokens_free(t, 0);

	plan_initials_key("GMacK", k1, sizeof k1);
	plan_initials_key("GMcK", k2, sizeof k2);
	cr_assert_str_eq(k1, k2);
	plan_initials_key("SMcl", k1, sizeof k1);
	plan_initials_key("SMcI", k2, sizeof k2);
	cr_assert_str_eq(k1, k2);
	cr_assert_str_eq(k1, "smci");
	plan_initials_key("GMack", k1, sizeof k1);
	cr_assert_str_eq(k1, "gmck");

	cr_assert(plan_looks_like_initials("PG"));
	cr_assert(plan_looks_like_initials("SMcI"));
	cr_assert(plan_looks_like_initials("GMack"));
	cr_assert(!plan_looks_like_initials("Senior"));
	cr_assert(!plan_looks_like_initials("All"));
	cr_assert(!plan_looks_like_initials("P"));
	cr_assert(!plan_looks_like_initials("Board Chair"));
}

/* Issue 14: header cells named otherwise are found by meaning, after
 * normalising case, punctuation, "/" and "&", plurals, filler words such as
 * "required" and a bracketed note such as "(MM/YY)". The layouts are those
 * of other bodies' plans; the words of the rows are ours. */
Test(rules, headers_found_by_meaning)
{
	static const char council[] =
		"# Council plan\n\n"
		"| Action/Target | Protected characteristics | Target date (MM/YY) |\n|---|---|---|\n"
		"| (a) Publish the workforce profile | All | 03/24 |\n";
	static const char ni[] =
		"# Scheme plan\n\n"
		"| Measure | Lead responsibility | Timescale |\n|---|---|---|\n"
		"| (a) Review the consultation list | Equality Officer | Quarterly |\n";
	static const char nhs[] =
		"# Trust plan\n\n"
		"| Area | Actions Required | Accountable People | Team | Deadline |\n|---|---|---|---|---|\n"
		"| Recruitment | (a) Add a diverse member to every panel | Head of People | HR | Ongoing |\n";
	const char *docs[] = {council, ni, nhs};
	const char *leads[] = {NULL, "Equality Officer", "Head of People"};
	const char *when[] = {"03/24", "Quarterly", "Ongoing"};
	size_t i, k;
	for (i = 0; i < 3; i++) {
		struct err e;
		struct plan_model *m = model_of(docs[i], &e);
		const struct plan_action *a = NULL;
		cr_assert_not_null(m, "layout %zu: %s", i, e.msg);
		for (k = 0; k < m->n_areas && !a; k++)
			if (m->areas[k].n_actions)
				a = &m->areas[k].actions[0];
		cr_assert_not_null(a, "layout %zu: no action", i);
		cr_assert(strstr(a->text, i == 0 ? "workforce profile" : i == 1 ? "consultation list"
									   : "diverse member"),
			  "layout %zu: action text '%s'", i, a->text);
		if (leads[i])
			cr_assert_str_eq(a->lead, leads[i], "layout %zu", i);
		cr_assert_str_eq(a->timescale, when[i], "layout %zu", i);
		plan_model_free(m);
	}
}

/* Issue 14: a "Lead ...: NAME" line above a table without a Lead column
 * gives that table's actions their lead (and its continuation on the next
 * page, a table without a header row); the next table with a header row
 * needs its own line. */
Test(rules, lead_line_above_a_table)
{
	static const char md[] =
		"# Service plan\n\n"
		"## Learning\n\n"
		"Lead Manager: Head of Learning\n\n"
		"| Objective | Action | Timescale |\n|---|---|---|\n"
		"| Widen access | (a) Offer courses at two new sites | 2024 |\n\n"
		"| Objective | Action | Timescale |\n|---|---|---|\n"
		"| Record uptake | (a) Count starters by ethnicity | 2025 |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_eq(m->n_areas, 2);
	cr_assert_str_eq(action_of(m, 1, 'a')->lead, "Head of Learning");
	cr_assert_null(action_of(m, 2, 'a')->lead, "the second table has no lead line: '%s'",
		       action_of(m, 2, 'a')->lead);
	plan_model_free(m);
}

/* Issue 14: a key to the leads' initials at the top of the plan (or a
 * title that mentions initials) is read as the glossary, and the tables
 * after it are still read: a heading that is not a glossary's, and a table
 * with an Actions column, end the glossary. (Before, every later table was
 * skipped and the import failed.) */
Test(rules, key_to_initials_before_the_tables)
{
	static const char top[] =
		"# Equality action plan\n\n"
		"## Key to initials\n\n"
		"FM \xe2\x80\x93 Farah Malik, Head of Learning\n\n"
		"JO \xe2\x80\x93 Joel Osei, HR Manager\n\n"
		"## 1. Workforce\n\n"
		"| Area | Action | Lead | Timescale |\n|---|---|---|---|\n"
		"| Recruitment | (a) Publish the panel guidance | FM | 2025 |\n\n"
		"## 2. Services\n\n"
		"| Area | Action | Lead | Timescale |\n|---|---|---|---|\n"
		"| Access | (a) Survey the reception areas | JO | 2026 |\n";
	static const char title[] =
		"# Our plan: leads are shown by their initials\n\n"
		"| Area | Action | Lead | Timescale |\n|---|---|---|---|\n"
		"| Recruitment | (a) Publish the panel guidance | FM | 2025 |\n\n"
		"## Staff initials\n\n"
		"FM \xe2\x80\x93 Farah Malik, Head of Learning\n";
	struct err e;
	struct plan_model *m = model_of(top, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_eq(m->n_people, 2);
	cr_assert_eq(m->n_areas, 2);
	cr_assert_eq(m->n_sections, 2);
	cr_assert_str_eq(action_of(m, 1, 'a')->lead, "FM");
	cr_assert_str_eq(action_of(m, 2, 'a')->lead, "JO");
	plan_model_free(m);
	m = model_of(title, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_str_eq(m->title, "Our plan: leads are shown by their initials");
	cr_assert_eq(m->n_areas, 1);
	cr_assert_eq(m->n_people, 1);
	plan_model_free(m);
}

static struct plan_model *model_opts(const char *md, const char *columns, struct err *e)
{
	struct doc *d = NULL;
	struct plan_model *m = NULL;
	struct plan_import_opts o = {columns, 0};
	err_clear(e);
	cr_assert_eq(doc_read_markdown(md, strlen(md), "test.md", &d, e), 0, "%s", e->msg);
	if (plan_model_from_doc_opts(d, "test.md", &o, &m, e) < 0)
		m = NULL;
	doc_free(d);
	return m;
}

/* Issue 14: spreadsheets put title rows above the header ("Equality plan
 * 2025-26" merged across the columns, a blank row); the header is found
 * below them and the first becomes the plan's title. A section row ("2.
 * STAFFING") opening a continuation table is not a title. */
Test(rules, title_rows_above_the_header)
{
	static const char md[] =
		"| Equality plan 2025-26 | Equality plan 2025-26 | |\n|---|---|---|\n"
		"| | | |\n"
		"| Action | Lead | Deadline |\n"
		"| Publish the pay gap | Finance Lead | 2026-03-31 |\n"
		"| Train every panel chair | HR Lead | 2026-06-30 |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_str_eq(m->title, "Equality plan 2025-26");
	cr_assert_eq(m->n_tables, 1);
	cr_assert_eq(m->tables[0].header_row, 3);
	cr_assert_eq(m->tables[0].n_actions, 2);
	cr_assert_eq(m->n_areas, 1);
	cr_assert_eq(m->areas[0].n_actions, 2);
	cr_assert_str_eq(m->areas[0].actions[1].lead, "HR Lead");
	cr_assert_str_eq(m->areas[0].actions[1].timescale, "2026-06-30");
	plan_model_free(m);
}

/* Issue 14: --columns names the columns when the guess is wrong or fails;
 * the note of each table says which header cell became which column and
 * the word it matched. */
Test(rules, columns_named_by_the_user)
{
	static const char md[] =
		"# Plan\n\n"
		"| Ref | What happens | Person in charge | Lead | Finish by |\n|---|---|---|---|---|\n"
		"| 1 | Audit the buildings | Estates Manager | Board | 2026 |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	const struct plan_tablenote *n;
	size_t i;
	int seen_lead = 0, seen_act = 0;
	cr_assert_null(m, "no Actions column without --columns");
	m = model_opts(md, "actions=\"What happens\", lead=Person in charge,timescale=\"finish BY\"", &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_str_eq(m->areas[0].actions[0].text, "Audit the buildings");
	cr_assert_str_eq(m->areas[0].actions[0].lead, "Estates Manager");
	cr_assert_str_eq(m->areas[0].actions[0].timescale, "2026");
	cr_assert_eq(m->n_tables, 1);
	n = &m->tables[0];
	for (i = 0; i < n->n_cols; i++) {
		if (!strcmp(n->cols[i].column, "lead")) {
			seen_lead = 1;
			cr_assert_str_eq(n->cols[i].header, "Person in charge");
			cr_assert_str_eq(n->cols[i].matched, "--columns");
		}
		if (!strcmp(n->cols[i].column, "actions"))
			seen_act = 1;
	}
	cr_assert(seen_lead && seen_act);
	plan_model_free(m);

	m = model_opts(md, "actions=\"What we do\"", &e);
	cr_assert_null(m);
	cr_assert_eq(e.code, ERR_DATA);
	cr_assert(strstr(e.msg, "the actions column was named \"What we do\"") && strstr(e.msg, "\"Person in charge\""),
		  "%s", e.msg);
	m = model_opts(md, "owner=Lead", &e);
	cr_assert_null(m);
	cr_assert_eq(e.code, ERR_USAGE);
	cr_assert(strstr(e.msg, "unknown column 'owner'"), "%s", e.msg);
	m = model_opts(md, "actions=\"What happens", &e);
	cr_assert_null(m);
	cr_assert_eq(e.code, ERR_USAGE, "%s", e.msg);
	m = model_opts(md, "lead=A,lead=B", &e);
	cr_assert_null(m);
	cr_assert(strstr(e.msg, "named twice"), "%s", e.msg);
}

/* Issue 14: a plan with no Area column is a table per heading ("##
 * Recruitment", then a Measure table): each table is an area titled by
 * its heading, with no "untitled area" warning; a table with no heading
 * of its own goes on with the area before. */
Test(rules, headings_title_tables_without_an_area_column)
{
	static const char md[] =
		"# Scheme plan\n\n"
		"## Recruitment\n\n"
		"| Measure | Lead responsibility | Timescale |\n|---|---|---|\n"
		"| Advertise in community papers | HR Manager | Quarterly |\n"
		"| Offer guaranteed interviews | HR Manager | Ongoing |\n\n"
		"| Measure | Lead responsibility | Timescale |\n|---|---|---|\n"
		"| Monitor shortlisting | HR Manager | Six monthly |\n\n"
		"## Service access\n\n"
		"| Measure | Lead responsibility | Timescale |\n|---|---|---|\n"
		"| Translate the leaflets | Comms Officer | April 2026 |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_eq(m->n_areas, 2);
	cr_assert_str_eq(m->areas[0].title, "Recruitment");
	cr_assert_eq(m->areas[0].n_actions, 3);
	cr_assert_str_eq(m->areas[1].title, "Service access");
	cr_assert_str_eq(action_of(m, 2, 'a')->lead, "Comms Officer");
	cr_assert_str_eq(action_of(m, 1, 'c')->timescale, "Six monthly");
	cr_assert(!has_warning(m, "untitled"), "an untitled-area warning");
	cr_assert_eq(m->n_tables, 3);
	cr_assert_eq(m->tables[0].n_actions, 2);
	cr_assert_eq(m->tables[1].n_actions, 1);
	plan_model_free(m);
}

static struct plan_model *model_file(const char *path, struct err *e)
{
	struct doc *d = NULL;
	struct plan_model *m = NULL;
	err_clear(e);
	cr_assert_eq(doc_read_file(path, DOC_FMT_AUTO, &d, e), 0, "%s", e->msg);
	if (plan_model_from_doc(d, path, &m, e) < 0)
		m = NULL;
	doc_free(d);
	return m;
}

static const char *field_of(const struct plan_action *a, const char *name)
{
	size_t i;
	for (i = 0; i < a->n_fields; i++)
		if (!strcmp(a->fields[i].name, name))
			return a->fields[i].value;
	return NULL;
}

/* Issue 14: a plan written as repeated labelled blocks — a heading or
 * numbered label per action, the action's words, then "Lead", "Date",
 * "Progress" with values below (bullets as several values) or inline
 * ("Lead: JO") — imports as Markdown, HTML and Word alike. Headings
 * above the blocks are their areas; the label's number is the action's
 * own id. */
Test(blocks, wres_style_plan_in_every_format)
{
	static const char *const files[] = {"tests/fixtures/plan/layout-blocks.md",
					    "tests/fixtures/plan/layout-blocks.html",
					    "tests/fixtures/plan/layout-blocks.docx"};
	size_t f;
	for (f = 0; f < 3; f++) {
		struct err e;
		struct plan_model *m = model_file(files[f], &e);
		const struct plan_action *a;
		cr_assert_not_null(m, "%s: %s", files[f], e.msg);
		cr_assert_str_eq(m->title, "Race equality action plan 2025-27", "%s", files[f]);
		cr_assert_eq(m->n_people, 2, "%s", files[f]);
		cr_assert_eq(m->n_areas, 2, "%s", files[f]);
		cr_assert_str_eq(m->areas[0].title, "Indicator 1: Recruitment", "%s", files[f]);
		cr_assert_str_eq(m->areas[1].title, "Indicator 5: Experience at work", "%s", files[f]);
		cr_assert_eq(m->areas[0].n_actions, 2, "%s", files[f]);
		a = &m->areas[0].actions[0];
		cr_assert_str_eq(a->code, "1", "%s", files[f]);
		cr_assert_str_eq(a->text, "Add a member from an ethnic minority background to "
					  "every shortlisting panel.", "%s: %s", files[f], a->text);
		cr_assert_str_eq(a->lead, "JO; Recruitment Partner", "%s", files[f]);
		cr_assert_str_eq(a->timescale, "March 2026", "%s", files[f]);
		cr_assert_str_eq(field_of(a, "Progress"),
				 "Panel guidance drafted\nTraining booked for January", "%s", files[f]);
		a = &m->areas[0].actions[1];
		cr_assert_str_eq(a->code, "2");
		cr_assert_str_eq(a->lead, "JO", "%s", files[f]);
		cr_assert_str_eq(a->timescale, "Quarterly", "%s", files[f]);
		a = &m->areas[1].actions[0];
		cr_assert_str_eq(a->code, "3");
		cr_assert_str_eq(a->lead, "FM", "%s", files[f]);
		cr_assert_str_eq(a->timescale, "31 August (annually)", "%s", files[f]);
		cr_assert_str_eq(field_of(a, "Measure of success"),
				 "Every board member paired by September.", "%s", files[f]);
		cr_assert_eq(m->n_tables, 1);
		cr_assert_str_eq(m->tables[0].layout, "blocks");
		cr_assert_eq(m->tables[0].n_actions, 3);
		plan_model_free(m);
	}
}

/* Issue 14: blocks started by headings with no number ("### Review the
 * panels") take the heading as the action's words; a paragraph that
 * merely mentions a date is not a label; a plan with neither tables nor
 * labels is still refused. */
Test(blocks, headings_without_numbers_and_refusals)
{
	static const char md[] =
		"# Plan\n\n"
		"## Review the panels\n\nCheck each panel's make-up.\n\nLead: HR Manager\n\n"
		"Timescale: 2026\n\n"
		"## Publish the figures\n\nDate of the last report: 2024 (kept as text)\n\n"
		"Owner: Analyst\n";
	static const char none[] = "# Plan\n\n## Something\n\nJust words here.\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_eq(m->n_areas, 1);
	cr_assert_eq(m->areas[0].n_actions, 2);
	cr_assert_str_eq(m->areas[0].actions[0].text, "Review the panels Check each panel's make-up.");
	cr_assert_str_eq(m->areas[0].actions[0].lead, "HR Manager");
	cr_assert_str_eq(m->areas[0].actions[0].timescale, "2026");
	cr_assert_null(m->areas[0].actions[0].code);
	cr_assert(strstr(m->areas[0].actions[1].text, "Date of the last report"), "%s",
		  m->areas[0].actions[1].text);
	cr_assert_str_eq(m->areas[0].actions[1].lead, "Analyst");
	plan_model_free(m);
	m = model_of(none, &e);
	cr_assert_null(m);
	cr_assert_eq(e.code, ERR_DATA);
}

/* Issue 14: the table layouts of other bodies' plans, in our words, read
 * the same from Markdown, HTML and Word: a council's "Action/Target |
 * Protected characteristics | Target date (MM/YY)" under a "Lead officer:"
 * line, and a scheme's "Measure | Lead responsibility | Timescale" tables
 * under headings. */
Test(layouts, council_and_scheme_tables_in_every_format)
{
	static const char *const fmts[] = {"md", "html", "docx"};
	size_t f;
	for (f = 0; f < 3; f++) {
		char path[128];
		struct err e;
		struct plan_model *m;
		snprintf(path, sizeof path, "tests/fixtures/plan/layout-council.%s", fmts[f]);
		m = model_file(path, &e);
		cr_assert_not_null(m, "%s: %s", path, e.msg);
		cr_assert_eq(m->n_areas, 1, "%s", path);
		cr_assert_str_eq(m->areas[0].title, "Council equality plan 2024 to 2026", "%s", path);
		cr_assert_eq(m->areas[0].n_actions, 3, "%s", path);
		cr_assert_str_eq(m->areas[0].actions[1].text,
				 "Audit the website for screen-reader access", "%s", path);
		cr_assert_str_eq(m->areas[0].actions[1].lead, "Head of Policy", "%s", path);
		cr_assert_str_eq(m->areas[0].actions[1].timescale, "09/24", "%s", path);
		cr_assert_str_eq(field_of(&m->areas[0].actions[1], "Protected characteristics"),
				 "Disability", "%s", path);
		cr_assert_eq(m->areas[0].n_duties, 0, "%s: characteristics read as duties", path);
		cr_assert(!has_warning(m, "no lead"), "%s: a 'no lead' warning", path);
		plan_model_free(m);

		snprintf(path, sizeof path, "tests/fixtures/plan/layout-scheme.%s", fmts[f]);
		m = model_file(path, &e);
		cr_assert_not_null(m, "%s: %s", path, e.msg);
		cr_assert_str_eq(m->title, "Equality scheme action plan", "%s", path);
		cr_assert_eq(m->n_areas, 2, "%s", path);
		cr_assert_str_eq(m->areas[0].title, "Employment", "%s", path);
		cr_assert_str_eq(m->areas[1].title, "Service delivery", "%s", path);
		cr_assert_eq(m->areas[1].n_actions, 3, "%s", path);
		cr_assert_str_eq(m->areas[0].actions[1].timescale,
				 "Within six months of new Council", "%s", path);
		cr_assert_str_eq(m->areas[1].actions[2].timescale,
				 "April 2023 \xe2\x80\x93 June 2023", "%s", path);
		cr_assert_str_eq(m->areas[1].actions[0].lead, "Customer Services Lead", "%s", path);
		plan_model_free(m);
	}
}

/* Issue 14: an area title repeated on each row (a spreadsheet's merged
 * cell carried down like a ditto mark) keeps the rows in one area; a
 * repeated title whose actions start again at (a) is a new area. */
Test(rules, repeated_area_title_is_one_area)
{
	static const char md[] =
		"# Plan\n\n"
		"| Area | Action | Lead | Deadline |\n|---|---|---|---|\n"
		"| Workforce | Publish the profile | HR | 2025 |\n"
		"| Workforce | Offer mentoring | HR | 2026 |\n"
		"| Services | Review the complaints form | CS | 2025 |\n"
		"| Services | (a) Translate the leaflet | CS | 2026 |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_eq(m->n_areas, 3, "%zu areas", m->n_areas);
	cr_assert_str_eq(m->areas[0].title, "Workforce");
	cr_assert_eq(m->areas[0].n_actions, 2);
	cr_assert_str_eq(m->areas[0].actions[1].text, "Offer mentoring");
	cr_assert_str_eq(m->areas[1].title, "Services");
	cr_assert_eq(m->areas[2].n_actions, 1);
	plan_model_free(m);
}

/* ---- issue 14: the plan's own ids ---------------------------------------*/

/* Every action of the model, in order, for the tests below. */
static const struct plan_action *nth_action(const struct plan_model *m, size_t n)
{
	size_t i;
	for (i = 0; i < m->n_areas; i++) {
		if (n < m->areas[i].n_actions)
			return &m->areas[i].actions[n];
		n -= m->areas[i].n_actions;
	}
	cr_assert_fail("no action number %zu", n);
	return NULL;
}

static size_t n_actions_of(const struct plan_model *m)
{
	size_t i, n = 0;
	for (i = 0; i < m->n_areas; i++)
		n += m->areas[i].n_actions;
	return n;
}

static int has_warning_kind(const struct plan_model *m, const char *kind, const char *needle)
{
	size_t i;
	for (i = 0; i < m->n_warnings; i++)
		if (!strcmp(m->warnings[i].kind, kind) && strstr(m->warnings[i].message, needle))
			return 1;
	return 0;
}

/* An id column is found by any of its usual headers — "No." and "#" too,
 * which are all punctuation once a header is tidied — and its values are
 * the actions' ids. Before: the column was not read, ids were NULL. */
Test(ids, id_column_headers)
{
	static const char *const heads[] = {"No.", "No",     "Number", "Ref",
					    "Reference", "Ref no", "#", "ID",
					    "Action no", "Ref. No."};
	size_t i;
	for (i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		struct buf md = BUF_INIT;
		struct err e;
		struct plan_model *m;
		buf_printf(&md, "# Plan\n\n| %s | Actions | Lead | Deadline |\n|---|---|---|---|\n"
				"| 7b | Run two open days for carers | AB | May 2025 |\n"
				"| 7c | Print the leaflet in large type | CD | June 2025 |\n",
			   heads[i]);
		m = model_of(buf_str(&md), &e);
		cr_assert_not_null(m, "header '%s': %s", heads[i], e.msg);
		cr_assert_eq(n_actions_of(m), 2, "header '%s'", heads[i]);
		cr_assert_not_null(nth_action(m, 0)->code, "header '%s' was not read as ids", heads[i]);
		cr_assert_str_eq(nth_action(m, 0)->code, "7b", "header '%s'", heads[i]);
		cr_assert_str_eq(nth_action(m, 1)->code, "7c", "header '%s'", heads[i]);
		cr_assert_str_eq(nth_action(m, 1)->lead, "CD");
		cr_assert(!has_warning_kind(m, "id", ""), "header '%s'", heads[i]);
		plan_model_free(m);
		buf_free(&md);
	}
}

/* A row with no lead or date of its own but an id of its own is a new
 * action, not more words of the one above. */
Test(ids, id_starts_an_action)
{
	static const char md[] =
		"| No. | Actions | Lead | Deadline |\n|---|---|---|---|\n"
		"| 4a | Hold listening events | KM | March 2025 |\n"
		"| 4b | Write a guide to raising concerns | | |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_eq(n_actions_of(m), 2);
	cr_assert_str_eq(nth_action(m, 1)->code, "4b");
	cr_assert_str_eq(nth_action(m, 1)->text, "Write a guide to raising concerns");
	plan_model_free(m);
}

/* One id over lettered actions numbers each: "4" -> 4a, 4b; a lettered
 * action in a later row of the area with no id goes on (4c); an id with a
 * closing '.' loses it; an id over an unlettered action stays as it is. */
Test(ids, one_id_over_lettered_actions)
{
	static const char md[] =
		"| Ref | Area | Actions | Lead |\n|---|---|---|---|\n"
		"| 4. | Recruitment | (a) Check panels (b) Publish shortlist data | AB |\n"
		"| | | (c) Train the panel chairs | EF |\n"
		"| 5 | Pay | (a) Publish the pay gap | CD |\n"
		"| 6 | Access | Audit the ramps | GH |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_eq(n_actions_of(m), 5);
	cr_assert_str_eq(nth_action(m, 0)->code, "4a");
	cr_assert_str_eq(nth_action(m, 1)->code, "4b");
	cr_assert_str_eq(nth_action(m, 2)->code, "4c");
	cr_assert_str_eq(nth_action(m, 3)->code, "5a");
	cr_assert_str_eq(nth_action(m, 4)->code, "6");
	plan_model_free(m);
}

/* Numbers at the start of every action's text are the ids when the table
 * has no id column; they leave the text. */
Test(ids, numbers_in_the_text)
{
	static const char md[] =
		"| Actions | Lead | Timescale |\n|---|---|---|\n"
		"| 4a. Review the appraisal form | AB | 2025 |\n"
		"| 1.2 Train every panel chair | CD | 2025 |\n"
		"| 3.1.4 Count leavers by ethnicity | EF | 2026 |\n"
		"| 12) Ask the networks for views | GH | 2026 |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_eq(n_actions_of(m), 4);
	cr_assert_str_eq(nth_action(m, 0)->code, "4a");
	cr_assert_str_eq(nth_action(m, 0)->text, "Review the appraisal form");
	cr_assert_str_eq(nth_action(m, 1)->code, "1.2");
	cr_assert_str_eq(nth_action(m, 1)->text, "Train every panel chair");
	cr_assert_str_eq(nth_action(m, 2)->code, "3.1.4");
	cr_assert_str_eq(nth_action(m, 3)->code, "12");
	cr_assert_str_eq(nth_action(m, 3)->text, "Ask the networks for views");
	plan_model_free(m);
}

/* A year or a figure opening the text is not an id ("2024 survey", "10
 * staff"), and numbers on only some actions of a table are words. */
Test(ids, years_and_figures_are_not_ids)
{
	static const char figures[] =
		"| Actions | Lead | Timescale |\n|---|---|---|\n"
		"| 2024 survey of staff repeated | AB | 2025 |\n"
		"| 10 staff trained as mentors | CD | 2025 |\n";
	static const char some[] =
		"| Actions | Lead | Timescale |\n|---|---|---|\n"
		"| 1.5 days of training for each manager | AB | 2025 |\n"
		"| Publish the results | CD | 2025 |\n";
	const char *docs[] = {figures, some};
	size_t i;
	for (i = 0; i < 2; i++) {
		struct err e;
		struct plan_model *m = model_of(docs[i], &e);
		cr_assert_not_null(m, "%s", e.msg);
		cr_assert_null(nth_action(m, 0)->code, "doc %zu: '%s'", i, nth_action(m, 0)->code);
		cr_assert_null(nth_action(m, 1)->code, "doc %zu", i);
		cr_assert(strncmp(nth_action(m, 0)->text, i ? "1.5 days" : "2024 survey", 8) == 0,
			  "doc %zu: the number left the text: '%s'", i, nth_action(m, 0)->text);
		cr_assert(!has_warning_kind(m, "id", ""), "doc %zu", i);
		plan_model_free(m);
	}
}

/* The seed's lettered actions keep parity's numbering: no own ids. */
Test(ids, seed_has_no_own_ids)
{
	struct doc *d = NULL;
	struct plan_model *m = NULL;
	struct err e;
	size_t i, n;
	FILE *f = fopen(SEED, "rb");
	if (!f)
		cr_skip_test("seed folder absent: " SEED " not found; skipping the seed check");
	fclose(f);
	err_clear(&e);
	cr_assert_eq(doc_read_file(SEED, DOC_FMT_AUTO, &d, &e), 0, "%s", e.msg);
	cr_assert_eq(plan_model_from_doc(d, SEED, &m, &e), 0, "%s", e.msg);
	doc_free(d);
	n = n_actions_of(m);
	cr_assert_eq(n, 113);
	for (i = 0; i < n; i++) {
		cr_assert_null(nth_action(m, i)->code, "action %zu has id '%s'", i,
			       nth_action(m, i)->code);
		cr_assert_eq(nth_action(m, i)->n_fields, 0, "action %zu has fields", i);
	}
	cr_assert(!has_warning_kind(m, "id", ""));
	plan_model_free(m);
}

/* A repeated id (case aside), an action without one, or an id that cannot
 * be one: parity numbers every action itself and warns once, saying why. */
Test(ids, repeated_or_missing_ids_fall_back)
{
	static const char repeated[] =
		"| No. | Actions | Lead |\n|---|---|---|\n"
		"| 4a | Hold listening events | KM |\n"
		"| 4A | Write a guide | RD |\n";
	static const char missing[] =
		"| No. | Actions | Lead |\n|---|---|---|\n"
		"| 4a | Hold listening events | KM |\n"
		"| | Write a guide | RD |\n";
	static const char unusable[] =
		"| No. | Actions | Lead |\n|---|---|---|\n"
		"| 4a | Hold listening events | KM |\n"
		"| item four b | Write a guide | RD |\n";
	const char *docs[] = {repeated, missing, unusable};
	const char *why[] = {"\"4A\" is given to more than one action",
			     "has none", "has none"};
	size_t i, j, n_id;
	for (i = 0; i < 3; i++) {
		struct err e;
		struct plan_model *m = model_of(docs[i], &e);
		cr_assert_not_null(m, "%s", e.msg);
		cr_assert_eq(n_actions_of(m), 2, "doc %zu", i);
		cr_assert_null(nth_action(m, 0)->code, "doc %zu", i);
		cr_assert_null(nth_action(m, 1)->code, "doc %zu", i);
		for (j = 0, n_id = 0; j < m->n_warnings; j++)
			n_id += strstr(m->warnings[j].message, "parity numbered every action") != NULL;
		cr_assert_eq(n_id, 1, "doc %zu: %zu warnings of the fallback", i, n_id);
		cr_assert(has_warning_kind(m, "id", why[i]), "doc %zu", i);
		plan_model_free(m);
	}
}

/* ---- issue 14: other columns kept as fields -----------------------------*/

/* Each kept header makes a table with an Actions column a plan table, and
 * its cells are kept as fields named as written. Before: these headers
 * were unknown ("no table with an Actions column"), Progress was the
 * status. */
Test(fields, kept_headers)
{
	static const char *const heads[] = {
		"Progress", "Progress update", "Update", "Comments", "Notes",
		"Key Performance Indicators", "KPI", "KPIs", "Measure of success",
		"Success measure", "Success criteria", "Outcome measure", "Evidence",
		"Team", "Department", "Directorate", "Resources", "Cost", "Budget", "Risk"};
	size_t i;
	for (i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		struct buf md = BUF_INIT;
		struct err e;
		struct plan_model *m;
		const struct plan_action *a;
		buf_printf(&md, "| Actions | %s |\n|---|---|\n| Review the policy | Some words |\n",
			   heads[i]);
		m = model_of(buf_str(&md), &e);
		cr_assert_not_null(m, "header '%s': %s", heads[i], e.msg);
		a = nth_action(m, 0);
		cr_assert_eq(a->n_fields, 1, "header '%s'", heads[i]);
		cr_assert_str_eq(a->fields[0].name, heads[i]);
		cr_assert_str_eq(a->fields[0].value, "Some words");
		cr_assert_null(a->status, "header '%s' gave a status", heads[i]);
		plan_model_free(m);
		buf_free(&md);
	}
}

/* Progress is kept; it gives the status only when it is exactly a status
 * word. Before: "Progress" was the Status column and any words in it were
 * read as a status. */
Test(fields, progress_gives_status_only_as_a_word)
{
	static const char md[] =
		"| Actions | Lead | Progress |\n|---|---|---|\n"
		"| Review the policy | AB | Completed |\n"
		"| Train the panel | CD | Work in progress on the slides |\n"
		"| Count the leavers | EF | not started. |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_str_eq(nth_action(m, 0)->status, "Completed");
	cr_assert_null(nth_action(m, 1)->status, "'%s'", nth_action(m, 1)->status);
	cr_assert_str_eq(nth_action(m, 2)->status, "not started.");
	cr_assert_eq(nth_action(m, 1)->n_fields, 1);
	cr_assert_str_eq(nth_action(m, 1)->fields[0].name, "Progress");
	cr_assert_str_eq(nth_action(m, 1)->fields[0].value, "Work in progress on the slides");
	plan_model_free(m);
}

/* A header parity does not know, in a table with an Actions column, is
 * kept too; a column with no header is not; a second Lead column is kept
 * as a field rather than dropped. */
Test(fields, unknown_headers_kept)
{
	static const char md[] =
		"| Objective | Actions | Lead | Partner agency |  | Lead |\n|---|---|---|---|---|---|\n"
		"| Access | (a) Audit the ramps | AB | Disability forum | x | Estates |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	const struct plan_action *a;
	cr_assert_not_null(m, "%s", e.msg);
	a = nth_action(m, 0);
	cr_assert_str_eq(a->lead, "AB");
	cr_assert_eq(a->n_fields, 2);
	cr_assert_str_eq(a->fields[0].name, "Partner agency");
	cr_assert_str_eq(a->fields[0].value, "Disability forum");
	cr_assert_str_eq(a->fields[1].name, "Lead");
	cr_assert_str_eq(a->fields[1].value, "Estates");
	plan_model_free(m);
}

/* A cell over several actions: one paragraph each when the counts match,
 * else the whole cell to each; a row that only continues an action adds
 * to its field. */
Test(fields, cells_over_several_actions)
{
	static const char md[] =
		"| Area | Actions | Lead | Team | KPI |\n|---|---|---|---|---|\n"
		"| Pay | <p>(a) Publish the gap</p><p>(b) Explain the gap</p> | <p>AB</p><p>CD</p> "
		"| <p>Finance</p><p>HR</p> | <p>Gap published</p><p>Staff told</p><p>Board told</p> |\n"
		"| | more words of (b) | | | Audit told |\n";
	struct err e;
	struct plan_model *m = model_of(md, &e);
	cr_assert_not_null(m, "%s", e.msg);
	cr_assert_eq(n_actions_of(m), 2);
	cr_assert_str_eq(nth_action(m, 0)->fields[0].value, "Finance");
	cr_assert_str_eq(nth_action(m, 1)->fields[0].value, "HR");
	cr_assert_str_eq(nth_action(m, 0)->fields[1].value, "Gap published\nStaff told\nBoard told");
	cr_assert_str_eq(nth_action(m, 1)->fields[1].value,
			 "Gap published\nStaff told\nBoard told\nAudit told");
	cr_assert(strstr(nth_action(m, 1)->text, "more words of (b)") != NULL);
	plan_model_free(m);
}
