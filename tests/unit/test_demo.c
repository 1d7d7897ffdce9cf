/*
 * test_demo: the synthetic extracts of `parity demo generate`
 * (monitor/demo.h). Output is generated into memory with open_memstream
 * and read back with the CSV reader, so every check is on the bytes a
 * user gets: determinism by seed, exact headers and row counts, every
 * value inside the codebook lists of docs/demo-data.md, the process-stage
 * rules on every row, and the size of the built-in effects (and their
 * absence with --null) on 200,000 rows.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cli.h"
#include "core/csv.h"
#include "core/err.h"
#include "monitor/demo.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Generate into a heap string (caller frees); *len gets its size. */
static char *gen(enum monitor_demo_dataset d, long rows, unsigned long seed,
		 int null_effects, const char *period, size_t *len /* OUT */)
{
	struct monitor_demo_opts o = {d, rows, seed, null_effects, period};
	char *data = NULL;
	FILE *f = open_memstream(&data, len);
	struct err e;
	err_clear(&e);
	cr_assert_not_null(f);
	cr_assert_eq(monitor_demo_generate(f, &o, &e), 0, "%s", e.msg);
	cr_assert_eq(fclose(f), 0);
	return data;
}

/* Run the command with argv (NULL-terminated) writing to a memory
 * stream; returns its code, and its output in *out (caller frees). */
static int run_cmd(char **argv, char **out /* OUT */, struct err *e)
{
	size_t len;
	int argc = 0, rc;
	struct cli_ctx ctx = {NULL, "demo generate", NULL, stderr};
	*out = NULL;
	ctx.out = open_memstream(out, &len);
	while (argv[argc])
		argc++;
	err_clear(e);
	rc = monitor_demo_cmd(&ctx, argc, argv, e);
	fclose(ctx.out);
	return rc;
}

static int in_list(const char *v, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(v, *list) == 0)
			return 1;
	return 0;
}

static long to_long(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	cr_assert(*s && *end == '\0', "not a whole number: '%s'", s);
	return v;
}

/* 1 when s is pounds with exactly two decimals ("12.05"). */
static int money(const char *s)
{
	size_t n = strlen(s), i;
	if (n < 4 || s[n - 3] != '.')
		return 0;
	for (i = 0; i < n; i++)
		if (i != n - 3 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

static const char *const ethnicity_codes[] = {
	"W1", "W2", "W3", "W9", "M1", "M2", "M3", "M9", "A1", "A2", "A3",
	"A4", "A9", "B1", "B2", "B9", "O2", "O9", "NS", "",   NULL};
static const char *const ldus[] = {"Riverside, North", "Riverside South", "Eastgate",
				   "Millbrook",	       "Harbour Point",	  "Westmoor",
				   "Kingsford",	       "Ashby Vale",	  NULL};
static const char *const sexes[] = {"Male", "Female", "", NULL};
static const char *const religions[] = {
	"No religion", "Christian", "Buddhist",		  "Hindu",      "Jewish",
	"Muslim",      "Sikh",	    "Any other religion", "Not stated", NULL};
static const char *const yes_no_ns[] = {"Yes", "No", "Not stated", NULL};
static const char *const orientations[] = {"Heterosexual", "Gay or Lesbian", "Bisexual",
					   "Other",	   "Not stated",     NULL};
static const char *const maritals[] = {"Single",  "Married",   "Civil partnership",
				       "Divorced", "Widowed", "Separated",
				       "Not stated", NULL};
static const char *const grade_names[] = {"PSO", "PO", "SPO", "Manager", NULL};
static const char *const flags[] = {"0", "1", NULL};

static const char *const su_header[] = {
	"person_id", "ldu",	   "quarter",	 "sex",		      "age",
	"ethnicity", "religion",   "disability", "sexual_orientation", "referred",
	"started",   "completed", "breached"};
static const char *const staff_header[] = {
	"person_id",	       "unit",		"grade",	  "period",
	"sex",		       "age",		"ethnicity",	  "religion",
	"disability",	       "sexual_orientation", "gender_reassignment",
	"marital_status",      "pregnancy_maternity", "promoted",   "trained",
	"grievance",	       "disciplinary",	"left",		  "hourly_pay",
	"bonus"};
static const char *const app_header[] = {
	"applicant_id",	       "vacancy",	    "grade",	       "period",
	"sex",		       "age",		    "ethnicity",       "religion",
	"disability",	       "sexual_orientation", "gender_reassignment",
	"marital_status",      "pregnancy_maternity", "shortlisted", "appointed"};

/* Open generated data and check its header is exactly want[0..n). */
static struct csv_reader *open_checked(const char *data, size_t len,
				       const char *const *want, size_t n)
{
	struct csv_reader *r;
	struct err e;
	size_t i;
	err_clear(&e);
	csv_open_mem(data, len, "demo.csv", &r, &e);
	cr_assert_eq(csv_next(r, &e), 1, "%s", e.msg);
	cr_assert_eq(csv_n_fields(r), n);
	for (i = 0; i < n; i++)
		cr_assert_str_eq(csv_field(r, i), want[i]);
	return r;
}

/* ------------------------------------------------------------ determinism */

Test(demo, same_seed_gives_identical_bytes_and_another_seed_differs)
{
	enum monitor_demo_dataset d;
	for (d = MONITOR_DEMO_SERVICE_USERS; d <= MONITOR_DEMO_APPLICANTS; d++) {
		size_t a_len, b_len, c_len;
		char *a = gen(d, 2000, 42, 0, NULL, &a_len);
		char *b = gen(d, 2000, 42, 0, NULL, &b_len);
		char *c = gen(d, 2000, 43, 0, NULL, &c_len);
		cr_assert_eq(a_len, b_len);
		cr_assert(memcmp(a, b, a_len) == 0, "dataset %d not reproducible", (int)d);
		cr_assert(c_len != a_len || memcmp(a, c, a_len) != 0,
			  "seeds 42 and 43 gave the same output for dataset %d", (int)d);
		free(a);
		free(b);
		free(c);
	}
}

Test(demo, first_rows_are_pinned_for_seed_1)
{
	/* Pins the model: a change to any share, rate or draw order shows
	 * here (and must be reflected in docs/demo-data.md). */
	size_t len;
	char *a = gen(MONITOR_DEMO_SERVICE_USERS, 2, 1, 0, NULL, &len);
	cr_assert_str_eq(a, "person_id,ldu,quarter,sex,age,ethnicity,religion,disability,"
			    "sexual_orientation,referred,started,completed,breached\n"
			    "SU0000001,Eastgate,2011Q3,,35,NS,No religion,Yes,"
			    "Heterosexual,0,0,0,0\n"
			    "SU0000002,\"Riverside, North\",2011Q3,Male,19,W1,No religion,No,"
			    "Heterosexual,0,0,0,0\n");
	free(a);
}

/* ------------------------------------------------------------ shape and values */

Test(demo, service_users_header_rows_values_and_stage_rules)
{
	size_t len;
	long rows = 20000, n = 0, referred = 0, started = 0;
	char *data = gen(MONITOR_DEMO_SERVICE_USERS, rows, 7, 0, NULL, &len);
	struct csv_reader *r = open_checked(data, len, su_header, N_OF(su_header));
	struct err e;
	int rc;
	err_clear(&e);
	while ((rc = csv_next(r, &e)) == 1) {
		char id[16];
		long age;
		int ref, sta, com, bre;
		n++;
		cr_assert_eq(csv_n_fields(r), N_OF(su_header));
		snprintf(id, sizeof id, "SU%07ld", n);
		cr_assert_str_eq(csv_field(r, 0), id);
		cr_assert(in_list(csv_field(r, 1), ldus), "ldu '%s'", csv_field(r, 1));
		cr_assert_str_eq(csv_field(r, 2), "2011Q3");
		cr_assert(in_list(csv_field(r, 3), sexes));
		age = to_long(csv_field(r, 4));
		cr_assert(age >= 18 && age <= 80, "age %ld", age);
		cr_assert(in_list(csv_field(r, 5), ethnicity_codes), "'%s'", csv_field(r, 5));
		cr_assert(in_list(csv_field(r, 6), religions));
		cr_assert(in_list(csv_field(r, 7), yes_no_ns));
		cr_assert(in_list(csv_field(r, 8), orientations));
		cr_assert(in_list(csv_field(r, 9), flags) && in_list(csv_field(r, 10), flags) &&
			  in_list(csv_field(r, 11), flags) && in_list(csv_field(r, 12), flags));
		ref = csv_field(r, 9)[0] == '1';
		sta = csv_field(r, 10)[0] == '1';
		com = csv_field(r, 11)[0] == '1';
		bre = csv_field(r, 12)[0] == '1';
		cr_assert(ref || !sta, "row %ld started without referral", n);
		cr_assert(sta || !com, "row %ld completed without starting", n);
		cr_assert(sta || !bre, "row %ld breached without starting", n);
		referred += ref;
		started += sta;
	}
	cr_assert_eq(rc, 0, "%s", e.msg);
	cr_assert_eq(n, rows);
	/* base rates: referred 40%, started 80% x (1 - 25% disabled x 0.25) */
	cr_assert(referred > 0.38 * rows && referred < 0.42 * rows, "%ld", referred);
	cr_assert(started > 0.72 * referred && started < 0.78 * referred, "%ld", started);
	csv_close(r);
	free(data);
}

Test(demo, staff_header_rows_values_and_pay)
{
	size_t len;
	long rows = 20000, n = 0;
	char *data = gen(MONITOR_DEMO_STAFF, rows, 7, 0, "fy2011-12", &len);
	struct csv_reader *r = open_checked(data, len, staff_header, N_OF(staff_header));
	struct err e;
	int rc, i;
	err_clear(&e);
	while ((rc = csv_next(r, &e)) == 1) {
		char id[16];
		long age;
		n++;
		cr_assert_eq(csv_n_fields(r), N_OF(staff_header));
		snprintf(id, sizeof id, "ST%06ld", n);
		cr_assert_str_eq(csv_field(r, 0), id);
		cr_assert(in_list(csv_field(r, 1), ldus));
		cr_assert(in_list(csv_field(r, 2), grade_names));
		cr_assert_str_eq(csv_field(r, 3), "FY2011-12"); /* the canonical spelling */
		cr_assert(in_list(csv_field(r, 4), sexes));
		age = to_long(csv_field(r, 5));
		cr_assert(age >= 20 && age <= 66, "age %ld", age);
		cr_assert(in_list(csv_field(r, 6), ethnicity_codes));
		cr_assert(in_list(csv_field(r, 7), religions));
		cr_assert(in_list(csv_field(r, 8), yes_no_ns));
		cr_assert(in_list(csv_field(r, 9), orientations));
		cr_assert(in_list(csv_field(r, 10), yes_no_ns));
		cr_assert(in_list(csv_field(r, 11), maritals));
		cr_assert(in_list(csv_field(r, 12), yes_no_ns));
		if (strcmp(csv_field(r, 4), "Female") != 0)
			cr_assert_str_neq(csv_field(r, 12), "Yes");
		for (i = 13; i <= 17; i++)
			cr_assert(in_list(csv_field(r, (size_t)i), flags));
		cr_assert(money(csv_field(r, 18)), "pay '%s'", csv_field(r, 18));
		cr_assert(strcmp(csv_field(r, 19), "0") == 0 || money(csv_field(r, 19)),
			  "bonus '%s'", csv_field(r, 19));
		if (strcmp(csv_field(r, 2), "PSO") == 0) {
			double pay = strtod(csv_field(r, 18), NULL);
			cr_assert(pay >= 0.92 * 11.00 - 0.005 && pay <= 14.50, "PSO %.2f", pay);
		}
	}
	cr_assert_eq(rc, 0, "%s", e.msg);
	cr_assert_eq(n, rows);
	csv_close(r);
	free(data);
}

Test(demo, applicants_header_rows_values_and_stage_rule)
{
	size_t len;
	long rows = 20000, n = 0;
	char *data = gen(MONITOR_DEMO_APPLICANTS, rows, 7, 0, NULL, &len);
	struct csv_reader *r = open_checked(data, len, app_header, N_OF(app_header));
	struct err e;
	int rc;
	err_clear(&e);
	while ((rc = csv_next(r, &e)) == 1) {
		char id[16];
		long age, v;
		n++;
		cr_assert_eq(csv_n_fields(r), N_OF(app_header));
		snprintf(id, sizeof id, "AP%06ld", n);
		cr_assert_str_eq(csv_field(r, 0), id);
		cr_assert_eq(csv_field(r, 1)[0], 'V');
		v = to_long(csv_field(r, 1) + 1);
		cr_assert(v >= 1 && v <= rows / 40, "vacancy %ld", v);
		cr_assert(in_list(csv_field(r, 2), grade_names));
		cr_assert_str_eq(csv_field(r, 3), "2011");
		age = to_long(csv_field(r, 5));
		cr_assert(age >= 18 && age <= 65, "age %ld", age);
		cr_assert(in_list(csv_field(r, 6), ethnicity_codes));
		cr_assert(in_list(csv_field(r, 11), maritals));
		cr_assert(in_list(csv_field(r, 13), flags) && in_list(csv_field(r, 14), flags));
		cr_assert(csv_field(r, 13)[0] == '1' || csv_field(r, 14)[0] == '0',
			  "row %ld appointed without shortlisting", n);
	}
	cr_assert_eq(rc, 0, "%s", e.msg);
	cr_assert_eq(n, rows);
	csv_close(r);
	free(data);
}

/* ------------------------------------------------------------ effects */

/* Among started service users, breached-rate of Black (B*) over White
 * (W*), and completed-rate of Mixed (M*) over White. */
static void su_ratios(int null_effects, double *breach, double *complete)
{
	size_t len;
	char *data = gen(MONITOR_DEMO_SERVICE_USERS, 200000, 1, null_effects, NULL, &len);
	struct csv_reader *r = open_checked(data, len, su_header, N_OF(su_header));
	struct err e;
	long w_n = 0, w_b = 0, w_c = 0, b_n = 0, b_b = 0, m_n = 0, m_c = 0;
	err_clear(&e);
	while (csv_next(r, &e) == 1) {
		char g = csv_field(r, 5)[0];
		int b = csv_field(r, 12)[0] == '1', c = csv_field(r, 11)[0] == '1';
		if (csv_field(r, 10)[0] != '1')
			continue;
		if (g == 'W')
			w_n++, w_b += b, w_c += c;
		else if (g == 'B')
			b_n++, b_b += b;
		else if (g == 'M')
			m_n++, m_c += c;
	}
	cr_assert_eq(e.code, 0, "%s", e.msg);
	cr_assert(w_n > 40000 && b_n > 3000 && m_n > 1500, "%ld %ld %ld", w_n, b_n, m_n);
	*breach = ((double)b_b / (double)b_n) / ((double)w_b / (double)w_n);
	*complete = ((double)m_c / (double)m_n) / ((double)w_c / (double)w_n);
	csv_close(r);
	free(data);
}

Test(demo, black_white_breach_ratio_is_1_6_and_1_with_null, .timeout = 120)
{
	double breach, complete;
	su_ratios(0, &breach, &complete);
	cr_assert(breach > 1.45 && breach < 1.75, "breach ratio %.3f", breach);
	cr_assert(complete > 0.6 && complete < 0.8, "completion ratio %.3f", complete);
	su_ratios(1, &breach, &complete);
	cr_assert(breach > 0.85 && breach < 1.15, "null breach ratio %.3f", breach);
	cr_assert(complete > 0.85 && complete < 1.15, "null completion ratio %.3f", complete);
}

/* Mean hourly pay of women over men at PSO grade, and the promotion
 * rate of Black over White staff. */
static void staff_ratios(int null_effects, double *pay, double *promote)
{
	size_t len;
	char *data = gen(MONITOR_DEMO_STAFF, 200000, 3, null_effects, NULL, &len);
	struct csv_reader *r = open_checked(data, len, staff_header, N_OF(staff_header));
	struct err e;
	double f_sum = 0, m_sum = 0;
	long f_n = 0, m_n = 0, w_n = 0, w_p = 0, b_n = 0, b_p = 0;
	err_clear(&e);
	while (csv_next(r, &e) == 1) {
		char g = csv_field(r, 6)[0];
		int p = csv_field(r, 13)[0] == '1';
		if (strcmp(csv_field(r, 2), "PSO") == 0) {
			double v = strtod(csv_field(r, 18), NULL);
			if (strcmp(csv_field(r, 4), "Female") == 0)
				f_sum += v, f_n++;
			else if (strcmp(csv_field(r, 4), "Male") == 0)
				m_sum += v, m_n++;
		}
		if (g == 'W')
			w_n++, w_p += p;
		else if (g == 'B')
			b_n++, b_p += p;
	}
	cr_assert_eq(e.code, 0, "%s", e.msg);
	*pay = (f_sum / (double)f_n) / (m_sum / (double)m_n);
	*promote = ((double)b_p / (double)b_n) / ((double)w_p / (double)w_n);
	csv_close(r);
	free(data);
}

Test(demo, staff_pay_gap_and_promotion_effects_vanish_with_null, .timeout = 120)
{
	double pay, promote;
	staff_ratios(0, &pay, &promote);
	cr_assert(pay > 0.91 && pay < 0.93, "women/men PSO pay %.4f", pay);
	cr_assert(promote > 0.5 && promote < 0.7, "promotion ratio %.3f", promote);
	staff_ratios(1, &pay, &promote);
	cr_assert(pay > 0.99 && pay < 1.01, "null pay ratio %.4f", pay);
	cr_assert(promote > 0.85 && promote < 1.15, "null promotion ratio %.3f", promote);
}

/* ------------------------------------------------------------ command */

Test(demo, command_rejects_bad_options_with_usage_errors)
{
	static const struct {
		char *argv[8];
		const char *msg;
	} cases[] = {
		{{"--rows", "5", NULL},
		 "'demo generate' needs --dataset service-users, staff or applicants"},
		{{"--dataset", "prisoners", "--rows", "5", NULL},
		 "unknown --dataset 'prisoners'; use service-users, staff or applicants"},
		{{"--dataset", "staff", NULL}, "'demo generate' needs --rows N (1..100000000)"},
		{{"--dataset", "staff", "--rows", "0", NULL},
		 "--rows takes a whole number 1..100000000; got '0'"},
		{{"--dataset", "staff", "--rows", "100000001", NULL},
		 "--rows takes a whole number 1..100000000; got '100000001'"},
		{{"--dataset", "staff", "--rows", "5x", NULL},
		 "--rows takes a whole number 1..100000000; got '5x'"},
		{{"--dataset", "staff", "--rows", "5", "--seed", "0", NULL},
		 "--seed takes a whole number 1..4294967295; got '0'"},
		{{"--dataset", "staff", "--rows", "5", "--seed", "4294967296", NULL},
		 "--seed takes a whole number 1..4294967295; got '4294967296'"},
		{{"--dataset", "service-users", "--rows", "5", "--period", "2011", NULL},
		 "--period '2011' is not a quarter; write it as YYYYQn, e.g. 2011Q3"},
		{{"--dataset", "staff", "--rows", "5", "--period", "2011-13", NULL},
		 "--period: '2011-13' is not a period: there is no month 13 (months run from "
		 "2011-01 to 2011-12). Write a year (2011), a quarter (2011Q3), a month "
		 "(2011-07) or a financial year, April to March (FY2011-12)"},
		{{"--dataset", "staff", "--rows", "5", "--period", "2011-12", NULL},
		 "--period '2011-12' is not a year; write it as YYYY (2011) or a financial "
		 "year FYYYYY-YY (FY2011-12)"},
		{{"--dataset", "staff", "--rows", "5", "--nul", NULL},
		 "unknown option '--nul' for 'demo generate'"},
		{{"--dataset", "staff", "--rows", "5", "extra", NULL},
		 "unexpected argument 'extra' for 'demo generate'"},
	};
	size_t i;
	for (i = 0; i < N_OF(cases); i++) {
		char *out;
		struct err e;
		int rc = run_cmd((char **)cases[i].argv, &out, &e);
		cr_assert_eq(rc, ERR_USAGE, "case %zu", i);
		cr_assert_str_eq(e.msg, cases[i].msg);
		cr_assert_str_eq(out, "", "nothing written on a usage error");
		free(out);
	}
}

Test(demo, command_writes_stdout_or_file_by_way_of_tmp)
{
	char dir[] = "/tmp/test_demo_XXXXXX", path[64], tmp[80], want[96];
	char *argv_out[] = {"--dataset", "applicants", "--rows=3", "--seed", "9",
			    "--null",	 "-o",	       path,	   NULL};
	char *argv_std[] = {"--null", "--dataset", "applicants", "--seed=9", "--rows", "3",
			    NULL};
	char *out, *std, *file;
	size_t flen = 0;
	FILE *f;
	struct err e;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/a.csv", dir);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	cr_assert_eq(run_cmd(argv_out, &out, &e), 0, "%s", e.msg);
	snprintf(want, sizeof want, "wrote %s (3 rows)\n", path);
	cr_assert_str_eq(out, want);
	cr_assert_eq(access(tmp, F_OK), -1, "no .tmp left behind");
	cr_assert_eq(run_cmd(argv_std, &std, &e), 0, "%s", e.msg);
	f = fopen(path, "rb");
	cr_assert_not_null(f);
	file = calloc(1, 4096);
	flen = fread(file, 1, 4095, f);
	fclose(f);
	cr_assert_gt(flen, 100);
	cr_assert_str_eq(file, std, "file and stdout hold the same bytes");
	cr_assert(strncmp(std, "applicant_id,vacancy,grade,period,", 34) == 0);
	free(out);
	free(std);
	free(file);
	unlink(path);
	rmdir(dir);
}

Test(demo, command_reports_unwritable_output)
{
	char *argv[] = {"--dataset", "staff", "--rows", "3", "-o", "/nonexistent/x.csv",
			NULL};
	char *out;
	struct err e;
	cr_assert_eq(run_cmd(argv, &out, &e), ERR_IO);
	cr_assert_str_eq(e.msg, "cannot write /nonexistent/x.csv.tmp: No such file or "
				"directory; check the folder exists and is writable");
	cr_assert_str_eq(out, "");
	free(out);
}
