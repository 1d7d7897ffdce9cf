/*
 * test_dataset: the built-in dataset presets and the config file parser
 * (monitor/dataset.c), including every error a config can produce with
 * its line number.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "monitor/codebook.h"
#include "monitor/dataset.h"

Test(presets, service_users_stages)
{
	struct dataset d;
	struct err e;
	err_clear(&e);
	cr_assert_eq(dataset_preset("service-users", &d, &e), 0, "%s", e.msg);
	cr_assert_str_eq(d.id_column, "person_id");
	cr_assert_str_eq(d.unit_column, "ldu");
	cr_assert_str_eq(d.period_column, "quarter");
	cr_assert_eq(d.n_outcomes, 4);
	cr_assert_str_eq(d.outcomes[2].name, "completed");
	cr_assert_eq(d.outcomes[2].stage, 1, "completed per started");
	cr_assert_eq(d.outcomes[1].stage, 0, "started per referred");
	cr_assert_eq(d.outcomes[0].stage, -1);
	cr_assert_eq(d.outcomes[3].favourable, 0, "breached is unfavourable");
	cr_assert_str_eq(d.char_column[MC_ETHNICITY], "ethnicity");
	cr_assert_str_eq(d.char_column[MC_MARITAL], "", "service users have no marital column");
}

Test(presets, staff_and_applicants)
{
	struct dataset d;
	struct err e;
	err_clear(&e);
	cr_assert_eq(dataset_preset("staff", &d, &e), 0);
	cr_assert_str_eq(d.pay_column, "hourly_pay");
	cr_assert_str_eq(d.char_column[MC_PREGNANCY], "pregnancy_maternity");
	cr_assert_eq(dataset_outcome_index(&d, "disciplinary"), 3);
	cr_assert_eq(dataset_preset("applicants", &d, &e), 0);
	cr_assert_str_eq(d.id_column, "applicant_id");
	cr_assert_eq(d.outcomes[1].stage, 0, "appointed per shortlisted");
	cr_assert_eq(dataset_preset("nope", &d, &e), ERR_USAGE);
	cr_assert(strstr(e.msg, "service-users, staff") != NULL, "%s", e.msg);
}

Test(config, renames_preset_columns)
{
	static const char cfg[] = "# our extract\n"
				  "[dataset service-users]\n"
				  "unit = office   # the LDU is called office here\n"
				  "ethnicity = eth_code\n"
				  "ethnicity_codes = cj16\n"
				  "outcome breached = breach_flag\n";
	struct dataset d;
	struct err e;
	err_clear(&e);
	cr_assert_eq(dataset_from_config_text(cfg, "x.conf", "service-users", &d, &e), 0, "%s", e.msg);
	cr_assert_str_eq(d.unit_column, "office");
	cr_assert_str_eq(d.char_column[MC_ETHNICITY], "eth_code");
	cr_assert_eq(d.eth_system, ETH_CJ16);
	cr_assert_str_eq(d.outcomes[3].column, "breach_flag");
	cr_assert_eq(d.outcomes[3].stage, 1, "the preset's stage (started) is kept");
}

Test(config, us_omb_ethnicity_codes)
{
	static const char cfg[] = "[dataset service-users]\n"
				  "ethnicity_codes = US-OMB\n";
	struct dataset d;
	struct err e;
	err_clear(&e);
	cr_assert_eq(dataset_from_config_text(cfg, "x.conf", "service-users", &d, &e), 0, "%s", e.msg);
	cr_assert_eq(d.eth_system, ETH_USOMB);
	cr_assert_neq(dataset_from_config_text("[dataset service-users]\nethnicity_codes = omb1997\n",
					       "x.conf", "service-users", &d, &e), 0);
	cr_assert(strstr(e.msg, "auto or us-omb") != NULL, "%s", e.msg);
}

Test(config, defines_new_dataset)
{
	static const char cfg[] = "[dataset referrals]\n"
				  "id = case_ref\n"
				  "unit = none\n"
				  "ethnicity = eth\n"
				  "sex = gender\n"
				  "outcome assessed = assessed favourable\n"
				  "outcome offered = offered per assessed\n"
				  "outcome recalled = recall per offered unfavourable\n";
	struct dataset d;
	struct err e;
	err_clear(&e);
	cr_assert_eq(dataset_from_config_text(cfg, "x.conf", "referrals", &d, &e), 0, "%s", e.msg);
	cr_assert_str_eq(d.id_column, "case_ref");
	cr_assert_str_eq(d.unit_column, "");
	cr_assert_eq(d.n_outcomes, 3);
	cr_assert_eq(d.outcomes[1].stage, 0);
	cr_assert_eq(d.outcomes[1].favourable, 1, "offered is favourable by default");
	cr_assert_eq(d.outcomes[2].favourable, 0);
	cr_assert_str_eq(d.outcomes[2].column, "recall");
	cr_assert_str_eq(d.char_column[MC_SEX], "gender");
	cr_assert_str_eq(d.char_column[MC_AGE], "");
}

/* Issue 12: map lines read a value of the file as a known one. */
Test(config, map_lines)
{
	static const char cfg[] = "[dataset service-users]\n"
				  "map ethnicity W4 = W9\n"
				  "MAP Sex   x =   ns   # not stated\n"
				  "map ethnicity \"a = b\"\"c\" = Indian\n"
				  "map race  White - other   = W9\n"
				  "ethnicity_codes = cj18\n";
	struct dataset d;
	struct err e;
	const struct ds_map *m;
	err_clear(&e);
	cr_assert_eq(dataset_from_config_text(cfg, "m.conf", "service-users", &d, &e), 0, "%s",
		     e.msg);
	cr_assert_eq(d.n_maps, 4);
	cr_assert_eq(d.maps[0].ch, MC_ETHNICITY);
	cr_assert_str_eq(d.maps[0].value, "W4");
	cr_assert_str_eq(d.maps[0].known, "W9");
	cr_assert_eq(d.maps[1].ch, MC_SEX);
	cr_assert_str_eq(d.maps[1].value, "x");
	cr_assert_str_eq(d.maps[1].known, "ns", "the comment is not part of it");
	cr_assert_str_eq(d.maps[2].value, "a = b\"c", "quoted, with a doubled quote");
	cr_assert_str_eq(d.maps[3].value, "White - other");
	/* found trimmed, in any case; only for its characteristic */
	m = dataset_map_find(&d, MC_ETHNICITY, "  w4 ", 5);
	cr_assert(m && !strcmp(m->known, "W9"));
	cr_assert_null(dataset_map_find(&d, MC_SEX, "W4", 2));
	cr_assert_null(dataset_map_find(&d, MC_ETHNICITY, "W41", 3));
	cr_assert_not_null(dataset_map_find(&d, MC_ETHNICITY, "WHITE - OTHER", 13));
	cr_assert_not_null(dataset_map_find(&d, MC_SEX, "X", 1));
	cr_assert_eq(d.rows, DS_ROWS_PEOPLE, "people by default");
}

/* Issue 12: rows = events, and id = none only with it. */
Test(config, rows_events)
{
	static const char cfg[] = "[dataset orders]\n"
				  "base = service-users\n"
				  "rows = events\n"
				  "id = none\n";
	static const char people[] = "[dataset orders]\n"
				     "base = service-users\n"
				     "rows = people\n";
	struct dataset d;
	struct err e;
	err_clear(&e);
	cr_assert_eq(dataset_from_config_text(cfg, "r.conf", "orders", &d, &e), 0, "%s", e.msg);
	cr_assert_eq(d.rows, DS_ROWS_EVENTS);
	cr_assert_str_eq(d.id_column, "");
	cr_assert_eq(dataset_from_config_text(people, "r.conf", "orders", &d, &e), 0, "%s", e.msg);
	cr_assert_eq(d.rows, DS_ROWS_PEOPLE);
	cr_assert_str_eq(d.id_column, "person_id");
}

/* Issue 12: with base = PRESET an outcome line replaces the preset's
 * outcome, stage included (it used to keep the stage silently); in a
 * section that adjusts a preset of its name, it renames the column. */
Test(config, outcome_replaces_with_base)
{
	static const char cfg[] = "[dataset orders]\n"
				  "base = service-users\n"
				  "outcome breached = breached unfavourable\n"
				  "outcome completed = done\n";
	static const char staged[] = "[dataset orders]\n"
				     "base = service-users\n"
				     "outcome breached = breach per referred\n";
	struct dataset d;
	struct err e;
	err_clear(&e);
	cr_assert_eq(dataset_from_config_text(cfg, "o.conf", "orders", &d, &e), 0, "%s", e.msg);
	cr_assert_eq(d.n_outcomes, 4);
	cr_assert_eq(d.outcomes[3].stage, -1, "breaches over everyone");
	cr_assert_eq(d.outcomes[3].favourable, 0);
	cr_assert_str_eq(d.outcomes[3].column, "breached");
	cr_assert_eq(d.outcomes[2].stage, -1, "completed over everyone");
	cr_assert_eq(d.outcomes[2].favourable, 1, "completed's own direction");
	cr_assert_str_eq(d.outcomes[2].column, "done");
	cr_assert_eq(d.outcomes[1].stage, 0, "outcomes not named keep the preset's stage");
	cr_assert_eq(dataset_from_config_text(staged, "o.conf", "orders", &d, &e), 0, "%s", e.msg);
	cr_assert_eq(d.outcomes[3].stage, 0, "breached per referred");
}

struct bad_case {
	const char *text;
	const char *want; /* substring of the message, with the line */
};

Test(config, errors_name_file_and_line)
{
	static const struct bad_case cases[] = {
		{"[dataset r]\nid = x\nfoo = bar\n", "c.conf:3: unknown setting 'foo'"},
		{"[dataset r]\nid = x\njust words\n", "c.conf:3: expected 'key = value'"},
		{"[dataset r\n", "c.conf:1: a section line"},
		{"[people r]\n", "c.conf:1: unknown section '[people r]'"},
		{"[dataset r]\nid = x\noutcome done = d per nothing\n",
		 "c.conf:3: the stage 'nothing' is not an outcome defined above"},
		{"[dataset r]\nid = x\noutcome mystery = m\n",
		 "c.conf:3: say whether a higher rate of 'mystery' is good or bad"},
		{"[dataset r]\nid = x\nethnicity_codes = cj99\n", "c.conf:3: ethnicity_codes must be"},
		{"[dataset r]\nid = x\n", "dataset 'r' has no outcomes"},
		{"[dataset r]\noutcome appointed = a\n", "has no 'id = COLUMN' line"},
		{"[dataset r]\nid = x\nbase = nosuch\n", "c.conf:3: 'base' must come first"},
		{"[dataset r]\nbase = nosuch\n", "c.conf:2: no dataset preset 'nosuch'"},
		{"[dataset r]\nid = x\noutcome a b = c\n", "c.conf:3: write 'outcome NAME = COLUMN'"},
		{"[dataset q]\nid = x\noutcome hired = h\n", "neither a preset nor defined in c.conf"},
		/* issue 12: maps, rows, id = none, stages */
		{"[dataset r]\nbase = staff\nmap ethnicity W4\n",
		 "c.conf:3: write 'map CHARACTERISTIC VALUE = KNOWN'"},
		{"[dataset r]\nbase = staff\nmap ethnicity\n", "c.conf:3: write 'map"},
		{"[dataset r]\nbase = staff\nmap colour W4 = W9\n",
		 "c.conf:3: 'colour' is not a characteristic"},
		{"[dataset r]\nbase = staff\nmap ethnicity = W9\n", "c.conf:3: a map needs the value"},
		{"[dataset r]\nbase = staff\nmap ethnicity \"  \" = W9\n",
		 "c.conf:3: a map needs the value as it is written"},
		{"[dataset r]\nbase = staff\nmap sex X =\n", "c.conf:3: say after '=' what 'X'"},
		{"[dataset r]\nbase = staff\nmap sex \"X = NS\n", "c.conf:3: the quoted value has no closing"},
		{"[dataset r]\nbase = staff\nmap sex \"X\" NS\n", "c.conf:3: expected '=' after the quoted"},
		{"[dataset r]\nbase = staff\n\nmap sex X = NS\nmap sex x = F\n",
		 "c.conf:5: sex 'x' is already mapped on line 4"},
		{"[dataset r]\nbase = staff\nmap ethnicity W4 = W99\n",
		 "c.conf:3: 'W4' cannot be read as 'W99'"},
		{"[dataset r]\nbase = staff\nmap ethnicity W4 = WBRI\nethnicity_codes = cj16\n"
		 "map ethnicity W5 = Martian\n", "c.conf:5: 'W5' cannot be read as 'Martian'"},
		{"[dataset r]\nbase = staff\nmap ethnicity W4 = 0123456789012345678901234567890123"
		 "456789012345678901234567890123456789\n", "c.conf:3: a map's value and what"},
		{"[dataset r]\nbase = staff\nrows = visits\n", "c.conf:3: rows must be 'people'"},
		{"[dataset r]\nbase = staff\nid = none\n", "c.conf:3: 'id = none' needs 'rows = events'"},
		{"[dataset r]\nbase = staff\nrows = events\nid = none\nrows = people\n",
		 "c.conf:4: 'id = none' needs 'rows = events'"},
		{"[dataset r]\nid = x\noutcome a = a favourable\noutcome b = b favourable\n"
		 "outcome a = a per b\n", "c.conf:5: the stage 'b' is not an outcome defined above 'a'"},
		{"[dataset r]\nbase = service-users\noutcome started = s per completed\n",
		 "c.conf:3: the stage 'completed' is not an outcome defined above 'started'"},
		{"[dataset r]\nbase = service-users\nid = x\nmap sex\n", "c.conf:4: write 'map"},
		/* found by fuzz_dataset_config: a map value that is not UTF-8
		 * was taken, and the stored definition could not be read back */
		{"[dataset r]\nbase = service-users\nmap ethnicity Wei\xdf = W9\n",
		 "c.conf:3: the line is not UTF-8 text"},
		{"[dataset r]\nbase = service-users\nunit = b\xc3\n", "c.conf:3: the line is not UTF-8"},
		{"[dataset r]\nbase = service-users\nunit = \xed\xa0\x80\n", "c.conf:3: the line is not UTF-8"},
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct dataset d;
		struct err e;
		err_clear(&e);
		cr_expect_neq(dataset_from_config_text(cases[i].text, "c.conf", "r", &d, &e), 0,
			      "case %zu should fail", i);
		cr_expect(strstr(e.msg, cases[i].want) != NULL, "case %zu: '%s' lacks '%s'", i,
			  e.msg, cases[i].want);
	}
}

Test(config, missing_file)
{
	struct dataset d;
	struct err e;
	err_clear(&e);
	cr_assert_eq(dataset_from_config("/nonexistent/x.conf", "staff", &d, &e), ERR_IO);
	cr_assert(strstr(e.msg, "/nonexistent/x.conf") != NULL);
}

Test(directions, defaults)
{
	cr_assert_eq(dataset_default_direction("appointed"), 1);
	cr_assert_eq(dataset_default_direction("Promoted"), 1);
	cr_assert_eq(dataset_default_direction("breached"), 0);
	cr_assert_eq(dataset_default_direction("disciplinary"), 0);
	cr_assert_eq(dataset_default_direction("colour"), -1);
}

/* Issue 12: groups defined in a config, and a reference per
 * characteristic. */
Test(config, groups_and_references)
{
	const char *cfg = "[dataset service-users]\n"
			  "group ethnicity BME = Mixed, Asian, Black, Other\n"
			  "group ethnicity White British = w1   # a code, any case\n"
			  "reference ethnicity = rest\n"
			  "reference sex = Female\n";
	struct dataset d;
	struct err e;
	const struct mon_category *cat;
	err_clear(&e);
	cr_assert_eq(dataset_from_config_text(cfg, "x.conf", "service-users", &d, &e), 0, "%s",
		     e.msg);
	cr_assert_eq(d.n_groups, 2);
	cr_assert_str_eq(d.groups[0].name, "BME");
	cr_assert_eq(d.groups[0].n_members, 4);
	cr_assert_str_eq(d.groups[1].name, "White British");
	cr_assert_str_eq(d.reference[MC_ETHNICITY], "rest");
	cr_assert_str_eq(d.reference[MC_SEX], "Female");
	cr_assert_eq(mon_classify(MC_ETHNICITY, ETH_CJ18, "B1", &cat, NULL), 0);
	cr_assert_str_eq(dataset_group_of(&d, MC_ETHNICITY, cat), "BME");
	cr_assert_eq(mon_classify(MC_ETHNICITY, ETH_CJ18, "W1", &cat, NULL), 0);
	cr_assert_str_eq(dataset_group_of(&d, MC_ETHNICITY, cat), "White British");
	cr_assert_eq(mon_classify(MC_ETHNICITY, ETH_CJ18, "W2", &cat, NULL), 0);
	cr_assert_null(dataset_group_of(&d, MC_ETHNICITY, cat), "W2 keeps its group");
	cr_assert_eq(mon_classify(MC_ETHNICITY, ETH_CJ18, "NS", &cat, NULL), 0);
	cr_assert_null(dataset_group_of(&d, MC_ETHNICITY, cat), "Not stated is never grouped");
}

Test(config, group_errors_name_file_and_line)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"[dataset service-users]\ngroup ethnicity BME = Mixed, Purple\n",
		 "c.conf:2: 'Purple' in group 'BME' is not a group, code or category"},
		{"[dataset service-users]\ngroup colour BME = Mixed\n",
		 "c.conf:2: 'colour' is not a characteristic"},
		{"[dataset service-users]\ngroup ethnicity = Mixed\n", "c.conf:2: write 'group"},
		{"[dataset service-users]\ngroup ethnicity BME = Mixed,,Black\n",
		 "c.conf:2: an empty member"},
		{"[dataset service-users]\ngroup ethnicity Missing = Mixed\n",
		 "c.conf:2: 'Missing' is a name parity keeps"},
		{"[dataset service-users]\ngroup ethnicity A = Black\ngroup ethnicity B = B1\n",
		 "is in both group 'A' and group 'B'"},
		{"[dataset service-users]\ngroup ethnicity A = Black\ngroup ethnicity a = Asian\n",
		 "c.conf:3: group 'a' of ethnicity is defined twice"},
		{"[dataset service-users]\nreference colour = rest\n", "c.conf:2: write 'reference"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct dataset d;
		struct err e;
		err_clear(&e);
		cr_expect_eq(dataset_from_config_text(cases[i].text, "c.conf", "service-users", &d,
						      &e),
			     ERR_DATA, "case %zu", i);
		cr_expect(strstr(e.msg, cases[i].msg) != NULL, "case %zu: %s", i, e.msg);
	}
}
