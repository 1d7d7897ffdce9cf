/*
 * Tests of reading a row (src/monitor/ingest.c): the outcomes' stage
 * check, read through a table made once per dataset, against the rule
 * written out (an outcome of 1 whose earlier stage is 0 is an error,
 * reported at the first such column); and the period check, whose usual
 * row is compared in words with the period seen before.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/csv.h"
#include "monitor/dataset.h"
#include "monitor/internal.h"

struct seen {
	int n;
	char column[64];
	char text[512];
};

static void note(void *ctx, const struct mon_problem *p)
{
	struct seen *s = ctx;
	if (s->n++ == 0) {
		snprintf(s->column, sizeof s->column, "%s", p->column);
		snprintf(s->text, sizeof s->text, "%s", p->text);
	}
}

/* Read the CSV text through ingest_record, row by row; problems[i] and
 * column[i] give what row i raised (0: none). */
static void read_rows(const struct dataset *ds, const char *csv, const char *want_period,
		      int *problems, char (*column)[64], int n_rows, struct ingest *in_out)
{
	struct csv_reader *r = NULL;
	struct ingest in;
	struct err e;
	struct seen s;
	int i;
	err_clear(&e);
	memset(&in, 0, sizeof in);
	in.ds = ds;
	in.file = "t.csv";
	in.max_errors = 1 << 20;
	in.want_period = want_period;
	in.on_error = note;
	in.ctx = &s;
	cr_assert_eq(csv_open_mem(csv, strlen(csv), "t.csv", &r, &e), 0, "%s", e.msg);
	cr_assert_eq(ingest_header(&in, r, &e), 0, "%s", e.msg);
	for (i = 0; i < n_rows; i++) {
		struct mon_record rec;
		const char *pid;
		memset(&s, 0, sizeof s);
		cr_assert_eq(csv_next(r, &e), 1, "row %d: %s", i, e.msg);
		ingest_record(&in, r, &rec, &pid, &e);
		problems[i] = s.n;
		snprintf(column[i], 64, "%s", s.column);
	}
	csv_close(r);
	if (in_out)
		*in_out = in;
	else
		ingest_free(&in);
}

Test(ingest, stage_check_matches_the_rule_for_every_combination)
{
	struct dataset ds;
	struct err e;
	char csv[8192], column[16][64];
	int problems[16], x, o;
	size_t len;
	err_clear(&e);
	cr_assert_eq(dataset_preset("service-users", &ds, &e), 0, "%s", e.msg);
	cr_assert_eq(ds.n_outcomes, 4);
	len = (size_t)snprintf(csv, sizeof csv,
			       "person_id,ldu,quarter,sex,age,ethnicity,religion,disability,"
			       "sexual_orientation,referred,started,completed,breached\n");
	for (x = 0; x < 16; x++)
		len += (size_t)snprintf(csv + len, sizeof csv - len,
					"P%d,Eastgate,2011Q3,Male,30,W1,None,No,Heterosexual,%d,%d,%d,%d\n",
					x, x & 1, x >> 1 & 1, x >> 2 & 1, x >> 3 & 1);
	read_rows(&ds, csv, NULL, problems, column, 16, NULL);
	for (x = 0; x < 16; x++) {
		int first = -1;
		for (o = 0; o < ds.n_outcomes && first < 0; o++) {
			int st = ds.outcomes[o].stage;
			if (st >= 0 && (x >> o & 1) && !(x >> st & 1))
				first = o;
		}
		if (first < 0) {
			cr_assert_eq(problems[x], 0, "bits %d: no problem expected, got %d", x,
				     problems[x]);
		} else {
			cr_assert_eq(problems[x], 1, "bits %d: one problem expected", x);
			cr_assert_str_eq(column[x], ds.outcomes[first].column, "bits %d", x);
		}
	}
}

Test(ingest, periods_seen_and_mixed)
{
	struct dataset ds;
	struct err e;
	struct ingest in;
	char column[4][64];
	int problems[4];
	static const char head[] = "person_id,ldu,quarter,sex,age,ethnicity,religion,disability,"
				   "sexual_orientation,referred,started,completed,breached\n";
	char csv[2048];
	err_clear(&e);
	cr_assert_eq(dataset_preset("service-users", &ds, &e), 0, "%s", e.msg);
	/* the same period, then another; then periods that start with the
	 * one seen, or that it starts with, and text that starts with it but
	 * is not a period (an error, not the period seen) */
	snprintf(csv, sizeof csv,
		 "%sP1,Eastgate,2011Q3,Male,30,W1,None,No,Heterosexual,0,0,0,0\n"
		 "P2,Eastgate,2011Q3,Male,30,W1,None,No,Heterosexual,0,0,0,0\n"
		 "P3,Eastgate,2011Q4,Male,30,W1,None,No,Heterosexual,0,0,0,0\n"
		 "P4,Eastgate,2011Q3x,Male,30,W1,None,No,Heterosexual,0,0,0,0\n",
		 head);
	read_rows(&ds, csv, NULL, problems, column, 2, &in);
	cr_assert_str_eq(in.period_seen, "2011Q3");
	cr_assert_eq(in.mixed_periods, 0, "one period so far");
	ingest_free(&in);
	read_rows(&ds, csv, NULL, problems, column, 3, &in);
	cr_assert_eq(in.mixed_periods, 1, "2011Q4 after 2011Q3");
	ingest_free(&in);
	snprintf(csv, sizeof csv,
		 "%sP1,Eastgate,2011Q3,Male,30,W1,None,No,Heterosexual,0,0,0,0\n"
		 "P4,Eastgate,2011Q3x,Male,30,W1,None,No,Heterosexual,0,0,0,0\n",
		 head);
	read_rows(&ds, csv, NULL, problems, column, 2, &in);
	cr_assert_eq(problems[1], 1, "2011Q3x is not a period, nor 2011Q3");
	cr_assert_str_eq(column[1], "quarter");
	ingest_free(&in);
	snprintf(csv, sizeof csv,
		 "%sP1,Eastgate,2011,Male,30,W1,None,No,Heterosexual,0,0,0,0\n"
		 "P4,Eastgate,2011-07,Male,30,W1,None,No,Heterosexual,0,0,0,0\n",
		 head);
	read_rows(&ds, csv, NULL, problems, column, 2, &in);
	cr_assert_eq(problems[1], 0);
	cr_assert_eq(in.mixed_periods, 1, "2011-07 (starting with 2011) is another period");
	ingest_free(&in);
	snprintf(csv, sizeof csv,
		 "%sP1,Eastgate,2011Q3,Male,30,W1,None,No,Heterosexual,0,0,0,0\n"
		 "P4,Eastgate,2011,Male,30,W1,None,No,Heterosexual,0,0,0,0\n",
		 head);
	read_rows(&ds, csv, NULL, problems, column, 2, &in);
	cr_assert_eq(problems[1], 0);
	cr_assert_eq(in.mixed_periods, 1, "2011 (a part of 2011Q3) is another period");
	ingest_free(&in);
	/* Q in small letters is the same period, not another */
	snprintf(csv, sizeof csv,
		 "%sP1,Eastgate,2011Q3,Male,30,W1,None,No,Heterosexual,0,0,0,0\n"
		 "P4,Eastgate,2011q3,Male,30,W1,None,No,Heterosexual,0,0,0,0\n",
		 head);
	read_rows(&ds, csv, NULL, problems, column, 2, &in);
	cr_assert_eq(problems[1], 0);
	cr_assert_eq(in.mixed_periods, 0);
	ingest_free(&in);
	/* with --period: the rows of another period are errors, every time */
	snprintf(csv, sizeof csv,
		 "%sP1,Eastgate,2011Q3,Male,30,W1,None,No,Heterosexual,0,0,0,0\n"
		 "P2,Eastgate,2011Q4,Male,30,W1,None,No,Heterosexual,0,0,0,0\n"
		 "P3,Eastgate,2011Q3,Male,30,W1,None,No,Heterosexual,0,0,0,0\n"
		 "P4,Eastgate,2011Q4,Male,30,W1,None,No,Heterosexual,0,0,0,0\n",
		 head);
	read_rows(&ds, csv, "2011Q3", problems, column, 4, NULL);
	cr_assert_eq(problems[0], 0);
	cr_assert_eq(problems[1], 1, "2011Q4 is not --period 2011Q3");
	cr_assert_str_eq(column[1], "quarter");
	cr_assert_eq(problems[2], 0);
	cr_assert_eq(problems[3], 1, "again");
}
