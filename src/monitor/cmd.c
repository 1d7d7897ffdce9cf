/*
 * cmd: the monitoring room's commands — data import (person-level CSV),
 * data import-counts (aggregate tables), data list, analyze (a report
 * straight from a CSV, nothing stored), report diversity (from what was
 * imported, with trends), and the flag commands that close the loop into
 * the action plan. Every write is one transaction; a failed import leaves
 * the database exactly as it was. Reading and importing extracts, building
 * a stored period's report and changing flags are ops.c's, shared with the
 * web pages; here options are parsed, transactions opened and results
 * printed.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/internal.h"
#include "monitor/monitor.h"
#include "monitor/sheetcsv.h"
#include "monitor/stats.h"
#include "plan/plan.h"

/* ---- shared helpers -----------------------------------------------------*/

static int open_db(struct cli_ctx *ctx, store_t **db, struct err *e)
{
	return store_open(store_default_path(ctx->db_path), db, e);
}

static int load_dataset(const char *name, const char *config, struct dataset *ds,
			struct err *e)
{
	if (!name)
		return err_set(e, ERR_USAGE, "give --dataset NAME (service-users, staff, "
			       "applicants, or one defined in --config FILE)");
	if (config)
		return dataset_from_config(config, name, ds, e);
	return dataset_preset(name, ds, e);
}

/* Options shared by analyze and report diversity. */
struct ropts {
	const char *format, *out, *benchmark, *adjust, *min_count, *alpha, *target, *per;
	struct cli_multi reference; /* --reference, repeatable */
};

static int settings_from(const struct ropts *o, struct mon_settings *s, struct err *e)
{
	long v;
	char *end;
	mon_settings_default(s);
	for (int i = 0; i < o->reference.n_values; i++)
		if (mon_settings_parse_ref(s, o->reference.values[i], e) < 0)
			return ERR_USAGE;
	if (o->per) {
		if (!strcmp(o->per, "100") || !strcmp(o->per, "1000"))
			s->per = strcmp(o->per, "100") ? 1000 : 100;
		else
			return err_set(e, ERR_USAGE, "--per takes 100 (a percentage) or 1000; got '%s'",
				       o->per);
	}
	if (o->adjust) {
		if (!strcmp(o->adjust, "holm"))
			s->adjust = ADJ_HOLM;
		else if (!strcmp(o->adjust, "bh"))
			s->adjust = ADJ_BH;
		else
			return err_set(e, ERR_USAGE, "--adjust must be holm or bh; got '%s'",
				       o->adjust);
	}
	if (o->min_count) {
		if (str_to_int(o->min_count, 1, 1000000, &v) < 0)
			return err_set(e, ERR_USAGE, "--min-count takes a whole number, e.g. 30");
		s->min_den = v;
	}
	if (o->alpha) {
		s->alpha = strtod(o->alpha, &end);
		if (*end || !(s->alpha > 0 && s->alpha < 1))
			return err_set(e, ERR_USAGE, "--alpha takes a number between 0 and 1, e.g. 0.05");
	}
	if (o->target) {
		s->completeness_target = strtod(o->target, &end);
		if (*end || !(s->completeness_target > 0 && s->completeness_target <= 100))
			return err_set(e, ERR_USAGE, "--target takes a percentage, e.g. 90");
		if (s->completeness_target > 1)
			s->completeness_target /= 100;
	}
	if (o->format && strcmp(o->format, "text") && strcmp(o->format, "json") &&
	    strcmp(o->format, "csv") && strcmp(o->format, "html") && strcmp(o->format, "xlsx"))
		return err_set(e, ERR_USAGE, "unknown format '%s'; use text, json, csv, html "
			       "or xlsx", o->format);
	return 0;
}

#define ROPTS(ro)                                                  \
	{"format", 0, CLI_STRING, &(ro).format},                   \
	{"output", 'o', CLI_STRING, &(ro).out},                    \
	{"benchmark", 0, CLI_STRING, &(ro).benchmark},             \
	{"reference", 0, CLI_MULTI, &(ro).reference},              \
	{"per", 0, CLI_STRING, &(ro).per},                         \
	{"adjust", 0, CLI_STRING, &(ro).adjust},                   \
	{"min-count", 0, CLI_STRING, &(ro).min_count},             \
	{"alpha", 0, CLI_STRING, &(ro).alpha},                     \
	{"target", 0, CLI_STRING, &(ro).target}

static void benchmarks_free(struct mon_benchmark *b, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(b[i].unit);
		free(b[i].group);
	}
	free(b);
}

/* Benchmark population file: unit, characteristic, group, share. */
static int load_benchmark(const char *path, struct mon_benchmark **out, size_t *n,
			  struct err *e)
{
	struct csv_reader *r = NULL;
	struct mon_benchmark *b = NULL;
	size_t c = 0;
	int rc, iu, ic, ig, is;

	*out = NULL;
	*n = 0;
	if (!path)
		return 0;
	if ((rc = csv_open_file(path, &r, e)) < 0)
		return rc;
	if ((rc = csv_read_header(r, e)) < 0)
		goto done;
	iu = csv_header_index(r, "unit");
	ic = csv_header_index(r, "characteristic");
	ig = csv_header_index(r, "group");
	is = csv_header_index(r, "share");
	if (ic < 0 || ig < 0 || is < 0) {
		rc = err_set(e, ERR_DATA, "%s: a benchmark file needs the columns unit, "
			     "characteristic, group and share", path);
		goto done;
	}
	while ((rc = csv_next(r, e)) == 1) {
		enum mon_char ch;
		const struct mon_category *cat;
		struct err ce;
		char *end;
		double share = strtod(csv_field(r, (size_t)is), &end);
		long line = csv_record_line(r);
		err_clear(&ce);
		if (mon_char_from_name(csv_field(r, (size_t)ic), &ch) < 0) {
			rc = err_set(e, ERR_DATA, "%s:%ld: unknown characteristic '%s'", path, line,
				     csv_field(r, (size_t)ic));
			goto done;
		}
		if (mon_classify(ch, ETH_AUTO, csv_field(r, (size_t)ig), &cat, &ce) < 0) {
			rc = err_set(e, ERR_DATA, "%s:%ld: %s", path, line, ce.msg);
			goto done;
		}
		if (*end || !(share >= 0 && share <= 100)) {
			rc = err_set(e, ERR_DATA, "%s:%ld: share '%s' must be a number from 0 to 1 "
				     "(or a percentage)", path, line, csv_field(r, (size_t)is));
			goto done;
		}
		b = xrealloc(b, (c + 1) * sizeof *b);
		b[c].unit = xstrdup(iu >= 0 ? csv_field(r, (size_t)iu) : "All");
		b[c].ch = ch;
		b[c].group = xstrdup(agg_group_name(ch, cat));
		b[c].share = share;
		c++;
	}
	if (rc < 0)
		goto done;
	{
		/* percentages when any share is above 1 */
		size_t i;
		int pct = 0;
		for (i = 0; i < c; i++)
			if (b[i].share > 1)
				pct = 1;
		for (i = 0; pct && i < c; i++)
			b[i].share /= 100;
	}
	*out = b;
	*n = c;
	b = NULL;
	c = 0;
	rc = 0;
done:
	benchmarks_free(b, c);
	csv_close(r);
	return rc;
}


/* Write the report in the chosen format to -o FILE or stdout. */
static int emit(struct cli_ctx *ctx, const struct ropts *o, const struct mon_report *r,
		struct err *e)
{
	const char *fmt = o->format;
	struct buf b = BUF_INIT;
	int rc = 0;

	if (!fmt) {
		const char *dot = o->out ? strrchr(o->out, '.') : NULL;
		fmt = dot && (!strcmp(dot, ".html") || !strcmp(dot, ".json") ||
			      !strcmp(dot, ".csv") || !strcmp(dot, ".xlsx"))
			      ? dot + 1
			      : "text";
	}
	if (!strcmp(fmt, "xlsx")) {
		if (!o->out || !strcmp(o->out, "-"))
			return err_set(e, ERR_USAGE, "an .xlsx report needs -o FILE.xlsx");
		if ((rc = mon_render_xlsx(r, o->out, e)) == 0)
			fprintf(ctx->out, "wrote %s\n", o->out);
		return rc;
	}
	if (!strcmp(fmt, "json"))
		mon_render_json(r, &b);
	else if (!strcmp(fmt, "csv"))
		mon_render_csv(r, &b);
	else if (!strcmp(fmt, "html"))
		rc = mon_render_html(r, &b, e);
	else
		mon_render_text(r, &b);
	if (rc == 0 && b.failed)
		rc = err_set(e, ERR_DATA, "the report is too large to build");
	if (rc == 0)
		rc = cli_write_out(ctx, o->out, buf_str(&b), b.len, e);
	buf_free(&b);
	return rc;
}

/* Errors found while reading rows go to stderr as they are found. */
static void print_error(void *c, const struct mon_problem *p)
{
	struct cli_ctx *ctx = c;
	fprintf(ctx->warn, "parity: %s\n", p->text);
}

/* The problems of an extract read from a spreadsheet: by sheet, row and
 * cell, since the CSV text the readers saw puts row N on line N. */
struct sheet_print {
	struct cli_ctx *ctx;
	const struct mon_sheet *sheet;
};

static void print_sheet_error(void *c, const struct mon_problem *p)
{
	const struct sheet_print *sp = c;
	char col[8];
	mon_sheet_col(sp->sheet, p->column, col);
	if (p->column && *p->column && *col)
		fprintf(sp->ctx->warn, "parity: %s, sheet %s, cell %s%ld (column '%s'): %s\n",
			sp->sheet->file, sp->sheet->sheet, col, p->line, p->column, p->what);
	else if (p->column && *p->column)
		fprintf(sp->ctx->warn, "parity: %s, sheet %s, row %ld, column '%s': %s\n",
			sp->sheet->file, sp->sheet->sheet, p->line, p->column, p->what);
	else
		fprintf(sp->ctx->warn, "parity: %s, sheet %s, row %ld: %s\n", sp->sheet->file,
			sp->sheet->sheet, p->line, p->what);
}

/* Lines of the count of problems by kind that the CLI prints. */
#define SUMMARY_LINES 20

/* After the first problems listed row by row, the count of every
 * problem of the file by kind and value, on stderr: what is wrong over
 * the whole file. */
static void print_summary(struct cli_ctx *ctx, const char *file, const char *dataset,
			  const char *config, struct mon_tally *t, int64_t rows)
{
	size_t n, i;
	const struct mon_tally_entry *v = mon_tally_entries(t, &n);
	struct buf d = BUF_INIT;
	int64_t rest = 0;
	int codes = 0;
	char a[32], l[32];

	if (n == 0)
		return;
	str_count(a, rows);
	fprintf(ctx->warn, "parity: %s: every problem in its %s row%s, by kind:\n", file, a,
		rows == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		codes |= v[i].kind == MP_CODE;
		if (i >= SUMMARY_LINES) {
			rest += v[i].rows;
			continue;
		}
		buf_reset(&d);
		mon_tally_describe(&v[i], &d);
		str_count(a, v[i].rows);
		str_count(l, v[i].first_line);
		fprintf(ctx->warn, "parity:   %s: %s row%s, first at line %s\n", buf_str(&d), a,
			v[i].rows == 1 ? "" : "s", l);
	}
	if (n > SUMMARY_LINES) {
		str_count(a, rest);
		fprintf(ctx->warn, "parity:   and %zu more kinds or values: %s row%s\n",
			n - SUMMARY_LINES, a, rest == 1 ? "" : "s");
	}
	if (codes)
		fprintf(ctx->warn, "parity: 'parity data profile %s --dataset %s%s%s' lists every "
			"value of each column, with map lines to read those it does not know\n",
			file, dataset, config ? " --config " : "", config ? config : "");
	buf_free(&d);
}

/* ---- analyze -------------------------------------------------------------*/

int analyze_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *dataset = NULL, *config = NULL, *period = NULL, *threads = NULL, *sheet = NULL,
		   *pos[1];
	struct ropts ro = {0};
	struct cli_opt opts[] = {
		{"dataset", 0, CLI_STRING, &dataset},
		{"config", 0, CLI_STRING, &config},
		{"period", 0, CLI_STRING, &period},
		{"threads", 0, CLI_STRING, &threads},
		{"sheet", 0, CLI_STRING, &sheet},
		ROPTS(ro),
		{NULL, 0, 0, NULL},
	};
	struct dataset ds;
	struct mon_settings set;
	struct mon_benchmark *bench = NULL;
	size_t n_bench = 0;
	struct mon_read job;
	struct mon_report rep;
	struct mon_sheet ms;
	struct sheet_print sp;
	struct period seen;
	char canon[PERIOD_TEXT];
	long n_threads = 0;
	int n_pos, rc, is_sheet = 0;

	memset(&rep, 0, sizeof rep);
	memset(&ms, 0, sizeof ms);
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "'analyze' needs the CSV FILE to read");
	if (period && (rc = mon_period_arg(period, canon, e)) < 0) {
		err_prefix(e, "--period");
		return rc;
	}
	if (period)
		period = canon;
	if (threads && str_to_int(threads, 1, MON_MAX_THREADS, &n_threads) < 0)
		return err_set(e, ERR_USAGE, "--threads takes a whole number from 1 to %d, e.g. 4",
			       MON_MAX_THREADS);
	if ((rc = load_dataset(dataset, config, &ds, e)) < 0 ||
	    (rc = settings_from(&ro, &set, e)) < 0 ||
	    (rc = load_benchmark(ro.benchmark, &bench, &n_bench, e)) < 0)
		return rc;
	stats_init();
	memset(&job, 0, sizeof job);
	job.on_problem = print_error;
	job.ctx = ctx;
	job.path = pos[0];
	if ((rc = mon_sheet_read_file(pos[0], sheet, &ms, &is_sheet, e)) < 0) {
		mon_sheet_free(&ms);
		benchmarks_free(bench, n_bench);
		return rc;
	}
	if (is_sheet) { /* the sheet as CSV text: row N on line N */
		job.path = NULL;
		job.data = ms.csv.data ? ms.csv.data : "";
		job.len = ms.csv.len;
		job.name = pos[0];
		sp.ctx = ctx;
		sp.sheet = &ms;
		job.on_problem = print_sheet_error;
		job.ctx = &sp;
	}
	job.ds = &ds;
	job.period = period;
	job.skip_other = 1;
	job.agg = agg_new(&ds);
	job.threads = (int)n_threads;
	job.keep_tally = 1;
	rc = mon_read_rows(&job, e);
	/* For the tests: how the file was shared out (PARITY_DEBUG_PARTS=1). */
	if (getenv("PARITY_DEBUG_PARTS"))
		fprintf(ctx->warn, "parity: debug: read in %d part%s\n", job.n_parts,
			job.n_parts == 1 ? "" : "s");
	if (getenv("PARITY_DEBUG_PARTS") && job.dup_parts)
		fprintf(ctx->warn, "parity: debug: duplicates checked in %d part%s\n",
			job.dup_parts, job.dup_parts == 1 ? "" : "s");
	if (rc < 0) {
		print_summary(ctx, pos[0], dataset, config, job.tally, job.in.rows);
		goto done;
	}
	if (job.in.mixed_periods && !period)
		fprintf(ctx->warn, "parity: warning: %s holds several periods; the report covers "
			"them all (give --period P for one)\n", pos[0]);
	rc = mon_report_build(job.agg, &set, ds.name,
			      period ? period
			      : job.in.mixed_periods || !job.in.period_seen[0] ? "all"
			      : period_parse(job.in.period_seen, &seen, NULL) == 0 ? seen.text
			      : job.in.period_seen,
			      bench, n_bench, &rep, e);
	if (rc == 0)
		rc = emit(ctx, &ro, &rep, e);
done:
	mon_report_free(&rep);
	agg_free(job.agg);
	mon_tally_free(job.tally);
	benchmarks_free(bench, n_bench);
	mon_sheet_free(&ms);
	return rc;
}

/* ---- data import ---------------------------------------------------------*/

int data_import_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *dataset = NULL, *config = NULL, *period = NULL, *as = NULL, *sheet = NULL,
		   *pos[1];
	struct cli_opt opts[] = {
		{"dataset", 0, CLI_STRING, &dataset},
		{"config", 0, CLI_STRING, &config},
		{"period", 0, CLI_STRING, &period},
		{"as", 0, CLI_STRING, &as},
		{"sheet", 0, CLI_STRING, &sheet},
		{NULL, 0, 0, NULL},
	};
	struct dataset ds;
	struct mon_import_job job;
	struct mon_sheet ms;
	struct sheet_print sp;
	store_t *db = NULL;
	char canon[PERIOD_TEXT];
	int n_pos, rc, is_sheet = 0;

	memset(&job, 0, sizeof job);
	memset(&ms, 0, sizeof ms);
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "'data import' needs the CSV FILE to read");
	if (!period)
		return err_set(e, ERR_USAGE, "give the period the extract covers: --period "
			       "2011Q3 (or 2011, 2011-07, FY2011-12)");
	if ((rc = mon_period_arg(period, canon, e)) < 0) {
		err_prefix(e, "--period");
		return rc;
	}
	period = canon;
	if ((rc = load_dataset(dataset, config, &ds, e)) < 0)
		return rc;
	if ((rc = mon_sheet_read_file(pos[0], sheet, &ms, &is_sheet, e)) < 0) {
		mon_sheet_free(&ms);
		return rc;
	}
	if ((rc = open_db(ctx, &db, e)) < 0) {
		mon_sheet_free(&ms);
		return rc;
	}
	job.ds = &ds;
	job.period = period;
	job.path = pos[0];
	job.source = pos[0];
	job.author = cli_author(as);
	job.on_problem = print_error;
	job.ctx = ctx;
	if (is_sheet) { /* the sheet as CSV text: row N on line N */
		job.path = NULL;
		job.data = ms.csv.data ? ms.csv.data : "";
		job.len = ms.csv.len;
		sp.ctx = ctx;
		sp.sheet = &ms;
		job.on_problem = print_sheet_error;
		job.ctx = &sp;
	}
	job.keep_tally = 1;
	/* Short transactions of its own, so that a long import leaves room
	 * for the web's writes (issue 13, finding 8); still all or nothing. */
	job.staged = 1;
	if ((rc = mon_import_csv(db, &job, e)) < 0) {
		store_close(db);
		print_summary(ctx, pos[0], dataset, config, job.tally, job.rows_read);
		mon_tally_free(job.tally);
		mon_sheet_free(&ms);
		return rc;
	}
	mon_tally_free(job.tally);
	mon_sheet_free(&ms);
	{
		int warnings = job.blank_outcomes > 0; /* one warning line per kind */
		fprintf(ctx->out, "imported %s %s from %s: %lld rows, %d warning%s, 0 errors%s\n",
			ds.name, period, pos[0], (long long)job.rows, warnings,
			warnings == 1 ? "" : "s",
			job.old_rows >= 0 ? " (replaced the earlier import)" : "");
	}
	if (job.blank_outcomes)
		fprintf(ctx->out, "warning: %lld blank outcome cells were read as 0\n",
			(long long)job.blank_outcomes);
	fprintf(ctx->out, "%d flag%s raised%s; see 'parity flags list'\n", job.raised,
		job.raised == 1 ? "" : "s",
		job.recurring ? " (some recur from an earlier period)" : "");
	store_close(db);
	return 0;
}

/* ---- data profile --------------------------------------------------------*/

int data_profile_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *dataset = NULL, *config = NULL, *format = "text", *out = NULL, *threads = NULL,
		   *sheet = NULL, *pos[1];
	struct cli_opt opts[] = {
		{"dataset", 0, CLI_STRING, &dataset},
		{"config", 0, CLI_STRING, &config},
		{"format", 0, CLI_STRING, &format},
		{"output", 'o', CLI_STRING, &out},
		{"threads", 0, CLI_STRING, &threads},
		{"sheet", 0, CLI_STRING, &sheet},
		{NULL, 0, 0, NULL},
	};
	struct dataset ds;
	struct mon_read job;
	struct mon_profile *prof = NULL;
	struct mon_sheet ms;
	struct buf b = BUF_INIT;
	long n_threads = 0;
	int n_pos, rc, is_sheet = 0;

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "'data profile' needs the CSV FILE to read");
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "unknown format '%s'; use text or json", format);
	if (threads && str_to_int(threads, 1, MON_MAX_THREADS, &n_threads) < 0)
		return err_set(e, ERR_USAGE, "--threads takes a whole number from 1 to %d, e.g. 4",
			       MON_MAX_THREADS);
	if ((rc = load_dataset(dataset, config, &ds, e)) < 0)
		return rc;
	memset(&job, 0, sizeof job);
	job.path = pos[0];
	job.ds = &ds;
	job.threads = (int)n_threads;
	if ((rc = mon_sheet_read_file(pos[0], sheet, &ms, &is_sheet, e)) < 0) {
		mon_sheet_free(&ms);
		return rc;
	}
	if (is_sheet) { /* the sheet as CSV text: row N on line N */
		job.path = NULL;
		job.data = ms.csv.data ? ms.csv.data : "";
		job.len = ms.csv.len;
		job.name = pos[0];
	}
	if ((rc = mon_profile_read(&job, &prof, e)) < 0) {
		mon_sheet_free(&ms);
		return rc;
	}
	if (getenv("PARITY_DEBUG_PARTS"))
		fprintf(ctx->warn, "parity: debug: read in %d part%s\n", mon_profile_parts(prof),
			mon_profile_parts(prof) == 1 ? "" : "s");
	if (!strcmp(format, "json"))
		mon_profile_json(prof, &b);
	else
		mon_profile_text(prof, &b);
	if (b.failed) {
		rc = err_set(e, ERR_DATA, "the profile is too large to build");
	} else if (out && strcmp(out, "-")) {
		FILE *f = fopen(out, "wb");
		int bad = !f;
		if (f) {
			bad = fwrite(buf_str(&b), 1, b.len, f) != b.len;
			bad |= fclose(f) != 0;
		}
		if (bad)
			rc = err_set(e, ERR_IO, "cannot write %s: check the folder exists and is "
				     "writable", out);
		else
			fprintf(ctx->out, "wrote %s\n", out);
	} else {
		fputs(buf_str(&b), ctx->out);
	}
	if (rc == 0 && mon_profile_stopped(prof))
		rc = err_set(e, ERR_DATA, "%s (the profile covers the rows before it)",
			     mon_profile_stopped(prof));
	buf_free(&b);
	mon_profile_free(prof);
	mon_sheet_free(&ms);
	return rc;
}

/* ---- data import-counts -------------------------------------------------*/

int data_import_counts_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *dataset = "counts", *config = NULL, *rounded = NULL, *as = NULL, *sheet = NULL,
		   *pos[1];
	struct cli_opt opts[] = {
		{"dataset", 0, CLI_STRING, &dataset},
		{"config", 0, CLI_STRING, &config},
		{"rounded", 0, CLI_STRING, &rounded},
		{"as", 0, CLI_STRING, &as},
		{"sheet", 0, CLI_STRING, &sheet},
		{NULL, 0, 0, NULL},
	};
	struct mon_counts_import ci;
	struct dataset cfg;
	struct mon_sheet ms;
	struct sheet_print sp;
	store_t *db = NULL;
	size_t p;
	int n_pos, rc, is_sheet = 0;
	long n_round = 0;

	memset(&ci, 0, sizeof ci);
	memset(&ms, 0, sizeof ms);
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "'data import-counts' needs the CSV FILE to read");
	if (!*dataset || strlen(dataset) >= DS_NAME_MAX)
		return err_set(e, ERR_USAGE, "--dataset needs a short name");
	if (rounded && str_to_int(rounded, 2, 1000000, &n_round) < 0)
		return err_set(e, ERR_USAGE, "--rounded needs the whole number the counts were "
			       "rounded to, from 2 up (5, 10, 100 ...); got '%s'", rounded);
	ci.job.eth_system = ETH_AUTO;
	if (config) {
		if ((rc = dataset_counts_config(config, dataset, &cfg, e)) < 0)
			return rc;
		ci.job.eth_system = cfg.eth_system;
		ci.job.config = &cfg;
	}
	stats_init();
	ci.job.path = pos[0];
	ci.job.rounded = n_round;
	ci.job.on_problem = print_error;
	ci.job.ctx = ctx;
	ci.dataset = dataset;
	ci.source = pos[0];
	ci.author = cli_author(as);
	if ((rc = mon_sheet_read_file(pos[0], sheet, &ms, &is_sheet, e)) < 0)
		goto done;
	if (is_sheet) { /* the sheet as CSV text: row N on line N */
		ci.job.path = NULL;
		ci.job.data = ms.csv.data ? ms.csv.data : "";
		ci.job.len = ms.csv.len;
		ci.job.name = pos[0];
		sp.ctx = ctx;
		sp.sheet = &ms;
		ci.job.on_problem = print_sheet_error;
		ci.job.ctx = &sp;
	}
	/* the table is read and checked before the database is opened */
	if ((rc = mon_counts_read(&ci.job, &ci.counts, e)) < 0)
		goto done;
	ci.have_counts = 1;
	if ((rc = open_db(ctx, &db, e)) < 0 || (rc = mon_counts_import(db, &ci, e)) < 0)
		goto done;
	for (p = 0; p < ci.n_done; p++)
		fprintf(ctx->out, "imported %s %s from %s: counts for %zu unit%s%s\n", dataset,
			ci.done[p].period, pos[0], ci.done[p].n_units,
			ci.done[p].n_units == 1 ? "" : "s",
			ci.done[p].old_rows >= 0 ? " (replaced the earlier import)" : "");
	if (ci.counts.suppressed)
		fprintf(ctx->out, "%lld count%s suppressed in the table: comparisons that need %s "
			"are reported as not available\n", (long long)ci.counts.suppressed,
			ci.counts.suppressed == 1 ? " was" : "s were",
			ci.counts.suppressed == 1 ? "it" : "them");
	if (n_round)
		fprintf(ctx->out, "counts rounded to the nearest %ld: intervals and p-values are "
			"approximate\n", n_round);
	if (ci.counts.off_rounding)
		fprintf(ctx->out, "warning: %lld count%s not a multiple of %ld; check --rounded\n",
			(long long)ci.counts.off_rounding, ci.counts.off_rounding == 1 ? " is" : "s are",
			n_round);
	fprintf(ctx->out, "%d flag%s raised%s; see 'parity flags list'\n", ci.raised,
		ci.raised == 1 ? "" : "s",
		ci.recurring ? " (some recur from an earlier period)" : "");
done:
	mon_counts_import_free(&ci);
	mon_sheet_free(&ms);
	store_close(db);
	return rc;
}

/* ---- data list ------------------------------------------------------------*/

int data_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	store_t *db = NULL;
	store_stmt_t *st = NULL;
	json_t *arr = NULL;
	int n_pos, rc, n = 0;

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "unknown format '%s'; use text or json", format);
	if ((rc = open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_prepare(db, &st, e,
				"SELECT i.dataset, i.period, i.kind, i.rows, i.imported_at, i.source,"
				" (SELECT COUNT(*) FROM mon_flag f WHERE f.dataset = i.dataset"
				"  AND f.period = i.period AND f.state <> 'closed')"
				" FROM mon_import i WHERE" MON_IMPORT_SHOWN
				" ORDER BY i.dataset, i.period_key, i.period",
				"")) < 0)
		goto done;
	if (!strcmp(format, "json"))
		arr = json_array();
	else
		fprintf(ctx->out, "%-16s %-10s %-7s %10s %6s  %s\n", "DATASET", "PERIOD", "KIND",
			"ROWS", "FLAGS", "IMPORTED");
	while ((rc = store_step(st, e)) == 1) {
		n++;
		if (arr) {
			json_t *o = json_object();
			json_object_set_new(o, "dataset", json_string(store_col_text(st, 0)));
			json_object_set_new(o, "period", json_string(store_col_text(st, 1)));
			json_object_set_new(o, "kind", json_string(store_col_text(st, 2)));
			json_object_set_new(o, "rows", json_integer(store_col_int(st, 3)));
			json_object_set_new(o, "imported_at", json_string(store_col_text(st, 4)));
			json_object_set_new(o, "open_flags", json_integer(store_col_int(st, 6)));
			json_array_append_new(arr, o);
		} else {
			fprintf(ctx->out, "%-16s %-10s %-7s %10lld %6lld  %s\n", store_col_text(st, 0),
				store_col_text(st, 1), store_col_text(st, 2),
				(long long)store_col_int(st, 3), (long long)store_col_int(st, 6),
				store_col_text(st, 4));
		}
	}
	if (rc < 0)
		goto done;
	rc = 0;
	if (arr) {
		char *s = json_dumps(arr, JSON_INDENT(2));
		fprintf(ctx->out, "%s\n", s ? s : "[]");
		free(s);
	} else if (n == 0) {
		fprintf(ctx->out, "nothing imported yet; see 'parity help data import'\n");
	}
done:
	json_decref(arr);
	store_done(st);
	store_close(db);
	return rc;
}

/* ---- report diversity -----------------------------------------------------*/

int report_diversity_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *dataset = NULL, *period = NULL, *unit = NULL, *pos[1];
	struct ropts ro = {0};
	struct cli_opt opts[] = {
		{"dataset", 0, CLI_STRING, &dataset},
		{"period", 0, CLI_STRING, &period},
		{"unit", 0, CLI_STRING, &unit},
		ROPTS(ro),
		{NULL, 0, 0, NULL},
	};
	struct mon_settings set;
	struct mon_benchmark *bench = NULL;
	size_t n_bench = 0;
	struct mon_period_report pr;
	store_t *db = NULL;
	char canon[PERIOD_TEXT];
	int n_pos, rc;

	memset(&pr, 0, sizeof pr);
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if (!period)
		return err_set(e, ERR_USAGE, "give --period P (see 'parity data list')");
	if ((rc = mon_period_arg(period, canon, e)) < 0) {
		err_prefix(e, "--period");
		return rc;
	}
	period = canon;
	if ((rc = settings_from(&ro, &set, e)) < 0 ||
	    (rc = load_benchmark(ro.benchmark, &bench, &n_bench, e)) < 0)
		return rc;
	if ((rc = open_db(ctx, &db, e)) == 0 &&
	    (rc = mon_report_period(db, dataset, period, unit, &set, bench, n_bench, &pr, e)) == 0)
		rc = emit(ctx, &ro, &pr.rep, e);
	mon_period_report_free(&pr);
	benchmarks_free(bench, n_bench);
	store_close(db);
	return rc;
}

/* ---- flags ---------------------------------------------------------------*/

static int flag_id_arg(const char *s, int64_t *id, struct err *e)
{
	long v;
	*id = 0;
	if (*s == '#')
		s++;
	if (str_to_int(s, 1, 2000000000L, &v) < 0)
		return err_set(e, ERR_USAGE, "a flag is named by its number, e.g. 12 (see "
			       "'parity flags list'); got '%s'", s);
	*id = v;
	return 0;
}

int flags_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *unit = NULL, *state = NULL, *dataset = NULL, *format = "text", *pos[1];
	struct cli_opt opts[] = {
		{"unit", 0, CLI_STRING, &unit},
		{"state", 0, CLI_STRING, &state},
		{"dataset", 0, CLI_STRING, &dataset},
		{"format", 0, CLI_STRING, &format},
		{NULL, 0, 0, NULL},
	};
	store_t *db = NULL;
	store_stmt_t *st = NULL;
	json_t *arr = NULL;
	int n_pos, rc, n = 0;

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if (state && strcmp(state, "open") && strcmp(state, "explained") &&
	    strcmp(state, "actioned") && strcmp(state, "closed"))
		return err_set(e, ERR_USAGE, "--state must be open, explained, actioned or closed; "
			       "got '%s'", state);
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "unknown format '%s'; use text or json", format);
	if ((rc = open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_prepare(db, &st, e,
				"SELECT f.id, f.dataset, f.period, f.unit, f.characteristic, f.grp,"
				" f.reference, f.outcome, f.state, f.rr, f.rr_low, f.rr_high, f.p_adj,"
				" a.code, f.previous_id,"
				" (SELECT note FROM mon_flag_event v WHERE v.flag_id = f.id"
				"  AND v.note IS NOT NULL ORDER BY v.id DESC LIMIT 1),"
				" x.source, x.finding, x.href"
				" FROM mon_flag f LEFT JOIN action a ON a.id = f.action_id"
				" LEFT JOIN mon_flag_external x ON x.flag_id = f.id"
				" WHERE (?1 IS NULL OR f.unit = ?1) AND (?2 IS NULL OR f.state = ?2)"
				" AND (?3 IS NULL OR f.dataset = ?3)"
				" ORDER BY f.period, f.dataset, f.unit, f.characteristic, f.grp, f.outcome",
				"ttt", unit, state, dataset)) < 0)
		goto done;
	if (!strcmp(format, "json"))
		arr = json_array();
	while ((rc = store_step(st, e)) == 1) {
		const char *code = store_col_text(st, 13), *note = store_col_text(st, 15);
		const char *source = store_col_text(st, 16), *finding = store_col_text(st, 17);
		const char *href = store_col_text(st, 18);
		n++;
		if (arr) {
			json_t *o = json_object();
			json_object_set_new(o, "id", json_integer(store_col_int(st, 0)));
			json_object_set_new(o, "dataset", json_string(store_col_text(st, 1)));
			json_object_set_new(o, "period", json_string(store_col_text(st, 2)));
			json_object_set_new(o, "unit", json_string(store_col_text(st, 3)));
			json_object_set_new(o, "characteristic", json_string(store_col_text(st, 4)));
			json_object_set_new(o, "group", json_string(store_col_text(st, 5)));
			json_object_set_new(o, "reference", json_string(store_col_text(st, 6)));
			json_object_set_new(o, "outcome", json_string(store_col_text(st, 7)));
			json_object_set_new(o, "state", json_string(store_col_text(st, 8)));
			/* a flag another room raised: rr is its measure's value, and
			 * it has no interval or p (null, not 0) */
			for (int k = 9; k <= 12; k++) {
				static const char *const key[] = {"rr", "rr_low", "rr_high", "p_adj"};
				json_object_set_new(o, key[k - 9],
						    source && store_col_is_null(st, k)
							    ? json_null()
							    : json_real(store_col_double(st, k)));
			}
			json_object_set_new(o, "action", code ? json_string(code) : json_null());
			json_object_set_new(o, "previous", store_col_is_null(st, 14)
							    ? json_null()
							    : json_integer(store_col_int(st, 14)));
			json_object_set_new(o, "note", note ? json_string(note) : json_null());
			if (source) {
				json_object_set_new(o, "source", json_string(source));
				json_object_set_new(o, "finding", json_string(finding));
				json_object_set_new(o, "href", href ? json_string(href) : json_null());
			}
			json_array_append_new(arr, o);
		} else if (source) {
			/* raised by another room: its finding, not a comparison */
			fprintf(ctx->out, "#%-4lld %-9s %s %s %s: %s%s%s%s\n",
				(long long)store_col_int(st, 0), store_col_text(st, 8),
				store_col_text(st, 1), store_col_text(st, 2), store_col_text(st, 3),
				finding, store_col_is_null(st, 14) ? "" : " [recurs]",
				code ? " action " : "", code ? code : "");
			if (note)
				fprintf(ctx->out, "      note: %s\n", note);
		} else {
			fprintf(ctx->out, "#%-4lld %-9s %s %s %s: %s %s vs %s, %s: RR %.2f (%.2f-%.2f)%s%s%s%s\n",
				(long long)store_col_int(st, 0), store_col_text(st, 8),
				store_col_text(st, 1), store_col_text(st, 2), store_col_text(st, 3),
				store_col_text(st, 4), store_col_text(st, 5), store_col_text(st, 6),
				store_col_text(st, 7), store_col_double(st, 9),
				store_col_double(st, 10), store_col_double(st, 11),
				store_col_is_null(st, 14) ? "" : " [recurs]",
				code ? " action " : "", code ? code : "",
				note ? "" : "");
			if (note)
				fprintf(ctx->out, "      note: %s\n", note);
		}
	}
	if (rc < 0)
		goto done;
	rc = 0;
	if (arr) {
		char *s = json_dumps(arr, JSON_INDENT(2));
		fprintf(ctx->out, "%s\n", s ? s : "[]");
		free(s);
	} else if (n == 0) {
		fprintf(ctx->out, "no flags%s\n", state || unit || dataset ? " match" : " yet");
	}
done:
	json_decref(arr);
	store_done(st);
	store_close(db);
	return rc;
}

static int flag_simple(struct cli_ctx *ctx, int argc, char **argv, const char *to,
		       int need_note, struct err *e)
{
	const char *note = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {
		{"note", 0, CLI_STRING, &note},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	store_t *db = NULL;
	int64_t id;
	int n_pos, rc;

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "'%s' needs the flag's number", ctx->command);
	if ((rc = flag_id_arg(pos[0], &id, e)) < 0)
		return rc;
	if (need_note && str_blank(note))
		return err_set(e, ERR_USAGE, "give the explanation with --note TEXT");
	if ((rc = open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_begin(db, e)) == 0 &&
	    (rc = mon_flag_set_state(db, id, to, cli_author(as), note, e)) == 0)
		rc = store_commit(db, e);
	if (rc < 0)
		store_rollback(db);
	else
		fprintf(ctx->out, "flag #%lld %s\n", (long long)id, to);
	store_close(db);
	return rc;
}

int flags_explain_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	return flag_simple(ctx, argc, argv, "explained", 1, e);
}

int flags_close_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	return flag_simple(ctx, argc, argv, "closed", 0, e);
}

/* "1,3, 6-8" -> duty numbers (at most max); ERR_USAGE naming --duties. */
static int duties_arg(const char *s, int *out, size_t max, size_t *n, struct err *e)
{
	const char *p = s;
	*n = 0;
	while (*p) {
		long a, b;
		char *end;
		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		a = strtol(p, &end, 10);
		if (end == p || a < 1 || a > 999)
			goto bad;
		b = a;
		p = end;
		while (*p == ' ')
			p++;
		if (*p == '-') {
			b = strtol(p + 1, &end, 10);
			if (end == p + 1 || b < a || b > 999)
				goto bad;
			p = end;
		}
		for (; a <= b; a++) {
			if (*n >= max)
				return err_set(e, ERR_USAGE, "--duties names more than %zu duties", max);
			out[(*n)++] = (int)a;
		}
		while (*p == ' ')
			p++;
		if (*p && *p != ',')
			goto bad;
	}
	return 0;
bad:
	return err_set(e, ERR_USAGE, "--duties takes duty numbers such as 1,3 or 6-8; got '%s'",
		       s);
}

int flags_act_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *lead = NULL, *due = NULL, *text = NULL, *as = NULL, *plan = "main",
		   *duties_s = NULL, *pos[1];
	struct cli_opt opts[] = {
		{"lead", 0, CLI_STRING, &lead},
		{"due", 0, CLI_STRING, &due},
		{"text", 0, CLI_STRING, &text},
		{"duties", 0, CLI_STRING, &duties_s},
		{"as", 0, CLI_STRING, &as},
		{"plan", 0, CLI_STRING, &plan},
		{NULL, 0, 0, NULL},
	};
	struct plan_flag_action a;
	store_t *db = NULL;
	int64_t id;
	char code[16], iso[11], initials[64];
	int duties[64];
	size_t n_duties = 0, i;
	struct date d;
	int n_pos, rc;

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "'flags act' needs the flag's number");
	if ((rc = flag_id_arg(pos[0], &id, e)) < 0)
		return rc;
	if (str_blank(lead) || str_blank(due) || str_blank(text))
		return err_set(e, ERR_USAGE, "'flags act' needs --lead X --due DATE --text TEXT");
	if (duties_s && (rc = duties_arg(duties_s, duties, sizeof duties / sizeof duties[0],
					 &n_duties, e)) < 0)
		return rc;
	if ((rc = date_parse_user(due, "--due", &d, e)) < 0)
		return rc;
	date_format(d, iso);
	if ((rc = open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_begin(db, e)) < 0)
		goto fail;
	/* the lead and duties are the plan's (issue 15: any --lead was taken) */
	if ((rc = plan_person_active(db, lead, initials, e)) < 0)
		goto fail;
	if (rc == 0) {
		rc = err_set(e, ERR_DATA, "--lead '%s' is not the initials of anyone active in the "
			     "list of people; see 'parity people' (add someone with 'parity "
			     "people add')", lead);
		goto fail;
	}
	for (i = 0; i < n_duties; i++) {
		if ((rc = plan_duty_known(db, duties[i], e)) < 0)
			goto fail;
		if (rc == 0) {
			rc = err_set(e, ERR_DATA, "--duties: duty %d is not one of the plan's duties; "
				     "see 'parity plan duties'", duties[i]);
			goto fail;
		}
	}
	memset(&a, 0, sizeof a);
	a.plan = plan;
	a.text = text;
	a.lead = initials;
	a.due_iso = iso;
	a.duties = duties;
	a.n_duties = n_duties;
	a.author = cli_author(as);
	if ((rc = mon_flag_act(db, id, &a, code, e)) < 0 || (rc = store_commit(db, e)) < 0)
		goto fail;
	fprintf(ctx->out, "flag #%lld actioned: action %s added to plan '%s' (see 'parity plan "
		"show %s')\n", (long long)id, code, plan, code);
	store_close(db);
	return 0;
fail:
	store_rollback(db);
	store_close(db);
	return rc;
}

/* ---- the commands of the room, with their help (core/room.h) ----------*/

const struct cli_command monitor_commands[] = {
	{"analyze", analyze_cmd, "the Diversity Report straight from a CSV, nothing stored",
	 "usage: parity analyze FILE --dataset NAME [--config FILE] [--period P]\n"
	 "                      [--sheet NAME (FILE .xlsx, .ods or .xls)]\n"
	 "                      [--format text|json|csv|html|xlsx] [-o FILE]\n"
	 "                      [--benchmark FILE] [--reference default|highest|rest|overall]\n"
	 "                      [--reference CHARACTERISTIC=GROUP|highest|rest|overall ...]\n"
	 "                      [--per 100|1000] [--adjust holm|bh] [--min-count N]\n"
	 "                      [--alpha A] [--target PCT]\n"
	 "                      [--threads N (reading the file; default: one per core)]\n"
	 "\n"
	 "Reads a person-level extract (see 'parity help data import' for datasets)\n"
	 "and computes the same report as 'report diversity' without importing.\n"
	 "--reference chooses who groups are compared with, for every characteristic\n"
	 "or, repeated, for one each (ethnicity=White, sex=rest); --per 1000 shows\n"
	 "rates per 1,000 people.\n"
	 "--period keeps only rows of that period. The format follows -o's extension\n"
	 "when --format is not given. Example:\n"
	 "  parity analyze q3.csv --dataset service-users --format html -o q3.html\n"},
	{"data import", data_import_cmd, "import a person-level monitoring extract (CSV, .xlsx, .ods, .xls)",
	 "usage: parity data import FILE --dataset NAME --period P [--config FILE]\n"
	 "                          [--as NAME] [--sheet NAME]\n"
	 "\n"
	 "FILE is CSV, or a spreadsheet (.xlsx, .ods, .xls): its first sheet, or the\n"
	 "one --sheet names; problems then name the sheet's row and cell.\n"
	 "Datasets: service-users, staff, applicants (columns in docs/datasets.md),\n"
	 "or one defined in a config file. Every row is checked (codes, numbers,\n"
	 "stages, duplicates); any error means nothing is imported. Person ids are\n"
	 "replaced by a keyed hash. Importing a period again replaces it. Flags are\n"
	 "raised for the period (see 'parity flags list'). A period is a year (2011),\n"
	 "a quarter (2011Q3), a month (2011-07) or a financial year, April to March\n"
	 "(FY2011-12), as docs/datasets.md (\"Periods\") says. Example:\n"
	 "  parity data import q3.csv --dataset service-users --period 2011Q3\n"
	 "  parity data import extract.xlsx --sheet Q3 --dataset staff --period 2011Q3\n"},
	{"data import-counts", data_import_counts_cmd, "import aggregate count tables (CSV, .xlsx, .ods, .xls)",
	 "usage: parity data import-counts FILE [--dataset NAME] [--config FILE]\n"
	 "                                 [--rounded N] [--as NAME] [--sheet NAME]\n"
	 "\n"
	 "FILE is CSV, or a spreadsheet (.xlsx, .ods, .xls): its first sheet, or the\n"
	 "one --sheet names.\n"
	 "Columns: unit, period, characteristic, group, outcome, numerator,\n"
	 "denominator, and optionally direction (favourable / unfavourable; known\n"
	 "outcomes such as appointed or breached have defaults) and status. Groups may\n"
	 "be codes, category names or high-level groups. The dataset name defaults to\n"
	 "'counts'; --config FILE reads its [dataset NAME] section for ethnicity_codes\n"
	 "(us-omb for US tables) and the outcomes' directions and stages.\n"
	 "A count suppressed in a published table (*, <5, c, x, .., or any text in\n"
	 "the status column) is not known: comparisons that need it are reported as\n"
	 "not available. --rounded N declares the counts rounded to the nearest N:\n"
	 "the report says its intervals are approximate and flags nothing the\n"
	 "rounding could explain. Example:\n"
	 "  parity data import-counts rri.csv --config us.conf --rounded 10\n"},
	{"data list", data_list_cmd, "list imported datasets and periods",
	 "usage: parity data list [--format text|json]\n"},
	{"data profile", data_profile_cmd, "every value of each column of an extract, before analysing it",
	 "usage: parity data profile FILE.csv --dataset NAME [--config FILE]\n"
	 "                           [--format text|json] [-o FILE] [--threads N]\n"
	 "                           [--sheet NAME (FILE .xlsx, .ods or .xls instead)]\n"
	 "\n"
	 "For each column the dataset reads: every distinct value with its exact\n"
	 "count and the line it first appears on, which values parity does not\n"
	 "know (codes the codebook does not read, outcomes that are not 0 or 1,\n"
	 "pay that is not an amount), and map lines to add to the config file so\n"
	 "that those values are read (docs/datasets.md). Reads a large file in\n"
	 "parts on every core, as analyze does. Example:\n"
	 "  parity data profile q3.csv --dataset service-users --config ours.conf\n"},
	{"demo generate", monitor_demo_cmd, "write a synthetic monitoring extract",
	 "usage: parity demo generate --dataset service-users|staff|applicants --rows N\n"
	 "                            [--seed S] [--null] [--period P] [-o FILE]\n"
	 "\n"
	 "Realistic synthetic data with known disproportionality built in (see\n"
	 "docs/demo-data.md); --null builds none. Same seed, same file.\n"
	 "Example: parity demo generate --dataset staff --rows 5000 -o staff.csv\n"},
	{"flags act", flags_act_cmd, "create an action in the plan for a flag",
	 "usage: parity flags act ID --lead X --due DATE --text TEXT [--duties LIST]\n"
	 "                        [--plan NAME] [--as NAME]\n"
	 "\n"
	 "Adds action F<ID> to the action plan (section and area 'Responses to\n"
	 "diversity monitoring flags'), linked to the flag both ways; the flag\n"
	 "becomes actioned. --lead is the initials of someone active in 'parity\n"
	 "people list'; --duties the plan's duty numbers the action serves (1,3 or\n"
	 "6-8). Example:\n"
	 "  parity flags act 3 --lead MD --due 2027-03-31 --duties 1,2 --text \"Review breach decisions\"\n"},
	{"flags close", flags_close_cmd, "close a flag",
	 "usage: parity flags close ID [--note TEXT] [--as NAME]\n"},
	{"flags explain", flags_explain_cmd, "record why a flagged difference is justified",
	 "usage: parity flags explain ID --note TEXT [--as NAME]\n"},
	{"flags list", flags_list_cmd, "list disproportionality flags",
	 "usage: parity flags list [--unit U] [--state open|explained|actioned|closed]\n"
	 "                         [--dataset NAME] [--format text|json]\n"
	 "\n"
	 "A flag raised by an objective whose measure went off track (see\n"
	 "docs/objectives.md) is listed with its finding in words; in JSON it also\n"
	 "has source, finding and href (the objective's page), its rr is the\n"
	 "measure's value and rr_low, rr_high and p_adj are null.\n"},
	{"report diversity", report_diversity_cmd, "the quarterly Diversity Report",
	 "usage: parity report diversity --period P [--dataset NAME] [--unit U]\n"
	 "                               [--format text|json|csv|html|xlsx] [-o FILE]\n"
	 "                               [--benchmark FILE] [--adjust holm|bh]\n"
	 "                               [--reference default|highest|rest|overall]\n"
	 "                               [--reference CHARACTERISTIC=GROUP|highest|rest|overall ...]\n"
	 "                               [--per 100|1000] [--min-count N] [--alpha A]\n"
	 "                               [--target PCT]\n"
	 "\n"
	 "Rates, relative rates with confidence intervals, significance adjusted\n"
	 "across the report, the four-fifths rule, flags, completeness, pay gaps,\n"
	 "representation and trends over earlier periods (docs/methods.md).\n"
	 "--reference may be repeated, one characteristic each:\n"
	 "  parity report diversity --period 2011Q3 --reference ethnicity=White --reference sex=rest\n"
	 "Example: parity report diversity --period 2011Q3 --format html -o q3.html\n"},
	{NULL, NULL, NULL, NULL},
};
