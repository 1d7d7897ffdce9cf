/*
 * monitor/web: the monitoring room's pages in parity serve — the imported
 * datasets and periods with the upload forms (a person-level extract;
 * count tables), the import of an upload, the check before an upload
 * replaces an imported period, the Diversity Report as an overview and a
 * page per characteristic with its downloads, and the route table (the
 * flag pages are in web_flags.c, the dataset configs page in
 * web_config.c). Server-rendered GOV.UK Frontend markup that works
 * without JavaScript.
 *
 * An upload is imported with exactly what `parity data import` runs
 * (mon_import_csv in ops.c; count tables: mon_counts_import), reading the
 * uploaded bytes in memory (the CSV reader has a memory source), so
 * nothing is written to disk, with the library's messages worded for the
 * web (their `web` flag). The import and its audit entry are one
 * transaction: a file with any bad row changes nothing, and the page lists
 * the problems, identical ones together, by line and by column name and
 * letter. An upload of a period already imported is written as a staged
 * import and waits, hidden (mon_held), until its uploader confirms it.
 * Every value from the database or the request is written through
 * web_printf, which escapes it; web_raw carries only literal markup and
 * the report renderer's own output (report_html.c escapes every value).
 */
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/internal.h"
#include "render/xlsx.h"
#include "monitor/monitor.h"
#include "monitor/sheetcsv.h"
#include "monitor/stats.h"
#include "web/web.h"

#define PROBLEMS_SHOWN 100	   /* rows of the upload error table (the rest
				      are counted by kind) */
#define KINDS_SHOWN 50		   /* rows of the table of problems by kind */
#define VALUE_SHOWN 80		   /* characters of a bad cell shown */

/* The datasets an upload may name (docs/datasets.md). */
static const char *const preset_names[] = {"service-users", "staff", "applicants"};
static const char *const preset_labels[] = {"Service users", "Staff", "Applicants"};
#define N_PRESETS (sizeof preset_names / sizeof preset_names[0])

/* ---- pieces shared with web_flags.c --------------------------------------*/

const char *mon_web_dataset_label(const char *name)
{
	size_t i;
	/* the staff network's datasets (docs/network.md) */
	static const char *const net_names[] = {"staff-survey", "exit-interviews", "mentoring",
						"casework"};
	static const char *const net_labels[] = {"Staff survey", "Exit interviews",
						 "Mentoring outcomes", "Casework support"};
	for (i = 0; name && i < N_PRESETS; i++)
		if (!strcmp(name, preset_names[i]))
			return preset_labels[i];
	for (i = 0; name && i < sizeof net_names / sizeof net_names[0]; i++)
		if (!strcmp(name, net_names[i]))
			return net_labels[i];
	return name ? name : "";
}

const char *mon_web_dataset_title(const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s", mon_web_dataset_label(name));
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return out;
}

const char *mon_web_period(const char *code, char out[PERIOD_WORDS])
{
	period_words(code ? code : "", out);
	return out;
}

void mon_web_report_href(struct buf *b, const char *path, const char *dataset,
			 const char *period, const char *unit)
{
	buf_puts(b, path);
	buf_puts(b, "?dataset=");
	web_urlenc(b, dataset);
	buf_puts(b, "&period=");
	web_urlenc(b, period);
	if (unit && *unit && strcmp(unit, "All")) {
		buf_puts(b, "&unit=");
		web_urlenc(b, unit);
	}
}

/* ---- GET /monitoring ------------------------------------------------------*/

/* A problem of an upload, kept for the error table: the identical
 * problems among the first PROBLEMS_SHOWN make one row, with their count
 * and first lines (issue 15: a wrong-period file showed 8,000 identical
 * lines). */
#define LINES_SHOWN 5
struct shown_problem {
	int field, kind;	/* as in struct mon_problem */
	char *column, *raw;	/* header name, the cell as read (owned) */
	char *value, *what;	/* the cell as shown (cut), what is wrong (owned) */
	char letters[8];	/* the column's spreadsheet letters ("C") */
	int64_t n;		/* problems of the row among those passed on */
	long lines[LINES_SHOWN]; /* the first lines it is on */
	int n_lines;
};

/* What a failed upload shows again. */
struct upload_state {
	struct web_field_error errs[4];
	int n_errs;
	char msg[4][1100];	    /* the messages errs point to */
	const char *dataset, *period, *config, *rounded; /* as sent */
	int counts;		    /* 1: the count table form */
	char file[WEB_FILE_NAME_MAX]; /* the uploaded file's name */
	struct shown_problem *rows; /* the identical problems grouped */
	size_t n_rows;
	int64_t n_problems;	    /* all problems found */
	struct mon_tally *tally;    /* all of them by kind (owned), or NULL */
	int64_t rows_read;	    /* rows of the file read */
	const struct mon_sheet *sheet; /* the spreadsheet uploaded, or NULL (CSV) */
};

static void upload_error(struct upload_state *u, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void upload_error(struct upload_state *u, const char *field, const char *fmt, ...)
{
	va_list ap;
	if (u->n_errs >= 4)
		return;
	va_start(ap, fmt);
	vsnprintf(u->msg[u->n_errs], sizeof u->msg[0], fmt, ap);
	va_end(ap);
	u->errs[u->n_errs].field_id = field;
	u->errs[u->n_errs].message = u->msg[u->n_errs];
	u->n_errs++;
}

static void upload_state_free(struct upload_state *u)
{
	size_t i;
	mon_tally_free(u->tally);
	for (i = 0; i < u->n_rows; i++) {
		free(u->rows[i].column);
		free(u->rows[i].raw);
		free(u->rows[i].value);
		free(u->rows[i].what);
	}
	free(u->rows);
}

/* "A" for field 0, "Z", "AA" ...: a column's spreadsheet letters; "" for
 * the whole row (-1). */
static void col_letters(int field, char out[8])
{
	char tmp[8];
	int n = 0, i;
	unsigned v = field < 0 ? 0 : (unsigned)field + 1;
	while (v && n < 7) {
		tmp[n++] = (char)('A' + (v - 1) % 26);
		v = (v - 1) / 26;
	}
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

/* The imports table. */
static int list_imports(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	store_stmt_t *st;
	struct buf href = BUF_INIT;
	int rc, n = 0;

	if (store_prepare(rq->db, &st, e,
			  "SELECT i.dataset, i.period, i.kind, i.rows, i.imported_at, i.source,"
			  " (SELECT COUNT(*) FROM mon_flag f WHERE f.dataset = i.dataset"
			  "  AND f.period = i.period AND f.state <> 'closed')"
			  " FROM mon_import i WHERE" MON_IMPORT_SHOWN
			  " ORDER BY i.dataset, i.period_key, i.period",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		const char *ds = store_col_text(st, 0), *period = store_col_text(st, 1);
		const char *src = store_col_text(st, 5);
		char rows[32], flags[32], when[48], pw[PERIOD_WORDS], dl[DS_NAME_MAX];
		if (n++ == 0)
			web_raw(rs,
				"<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
				"aria-label=\"Imported datasets and periods\">\n"
				"<table class=\"govuk-table\">\n"
				"<caption class=\"govuk-table__caption govuk-table__caption--m\">"
				"Imported datasets and periods</caption>\n"
				"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
				"<th scope=\"col\" class=\"govuk-table__header\">Dataset</th>"
				"<th scope=\"col\" class=\"govuk-table__header\">Period</th>"
				"<th scope=\"col\" class=\"govuk-table__header\">Kind</th>"
				"<th scope=\"col\" class=\"govuk-table__header "
				"govuk-table__header--numeric\">Rows</th>"
				"<th scope=\"col\" class=\"govuk-table__header "
				"govuk-table__header--numeric\">Flags not closed</th>"
				"<th scope=\"col\" class=\"govuk-table__header\">Imported</th>"
				"<th scope=\"col\" class=\"govuk-table__header\">From file</th>"
				"</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
		buf_reset(&href);
		mon_web_report_href(&href, "/monitoring/report", ds, period, NULL);
		str_count(rows, store_col_int(st, 3));
		str_count(flags, store_col_int(st, 6));
		date_when_uk(store_col_text(st, 4), when);
		web_printf(rs,
			   "<tr class=\"govuk-table__row\"><th scope=\"row\" "
			   "class=\"govuk-table__header\">%s</th>"
			   "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"%s\">%s"
			   "<span class=\"govuk-visually-hidden\"> report for %s</span></a></td>"
			   "<td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>"
			   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>"
			   "<td class=\"govuk-table__cell parity-nowrap\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s</td></tr>\n",
			   mon_web_dataset_title(ds, dl, sizeof dl), buf_str(&href),
			   mon_web_period(period, pw), dl,
			   !strcmp(store_col_text(st, 2), "counts") ? "Aggregate counts"
								    : "Person-level rows",
			   rows, flags, when, src ? str_file_name(src) : "");
	}
	store_done(st);
	buf_free(&href);
	if (rc < 0)
		return rc;
	if (n)
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
	else
		web_raw(rs, "<p class=\"govuk-body\">Nothing has been imported yet.</p>\n");
	return 0;
}

/* The table of every problem of an upload counted by kind and value
 * (shown when there is more than one kind: 1). */
static int kind_table(struct web_resp *rs, struct upload_state *u)
{
	size_t n, i;
	const struct mon_tally_entry *v = mon_tally_entries(u->tally, &n);
	struct buf d = BUF_INIT;
	int64_t rest = 0;
	char num[32], line[32];

	if (n <= 1)
		return 0;
	str_count(num, u->rows_read);
	web_printf(rs,
		   "<div class=\"parity-table-scroll\" id=\"problem-kinds\" tabindex=\"0\" "
		   "role=\"region\" aria-label=\"Problems in %s by kind\">\n"
		   "<table class=\"govuk-table\">\n"
		   "<caption class=\"govuk-table__caption govuk-table__caption--m\">Every problem "
		   "in the %s row%s of %s, by kind</caption>\n",
		   u->file, num, u->rows_read == 1 ? "" : "s", u->file);
	web_raw(rs, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Problem</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		    "Rows</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		    "First on line</th>"
		    "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (i = 0; i < n; i++) {
		if (i >= KINDS_SHOWN) {
			rest += v[i].rows;
			continue;
		}
		buf_reset(&d);
		mon_tally_describe(&v[i], &d);
		str_count(num, v[i].rows);
		str_count(line, v[i].first_line);
		web_printf(rs,
			   "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>"
			   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td></tr>\n",
			   buf_str(&d), num, line);
	}
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
	if (n > KINDS_SHOWN) {
		str_count(num, rest);
		web_printf(rs, "<p class=\"govuk-body\">And %zu more kinds of problem or values, "
			   "in %s row%s.</p>\n", n - KINDS_SHOWN, num, rest == 1 ? "" : "s");
	}
	buf_free(&d);
	return 1;
}

/* The rows of the whole file with problem p: the tally's count of its
 * kind, column and value when it has one (values are counted one by one),
 * else those passed on. */
static int64_t problem_rows(struct upload_state *u, const struct shown_problem *p)
{
	size_t n, i;
	const struct mon_tally_entry *v = mon_tally_entries(u->tally, &n);
	for (i = 0; i < n; i++) {
		const struct mon_tally_entry *x = &v[i];
		if (x->other || x->kind != p->kind || x->col != p->field)
			continue;
		if (x->value ? !strncmp(p->raw, x->value, strlen(x->value))
			     : p->kind == MP_BLANK_ID)
			return x->rows > p->n ? x->rows : p->n;
	}
	return p->n;
}

/* The table of the problems an upload had, identical ones together. */
static void problem_table(struct web_resp *rs, struct upload_state *u, int by_kind)
{
	int64_t listed = 0;
	size_t i;
	char total[32];
	str_count(total, u->n_problems);
	web_printf(rs,
		   "<div class=\"parity-table-scroll\" id=\"row-errors\" tabindex=\"0\" "
		   "role=\"region\" aria-label=\"Problems in %s\">\n"
		   "<table class=\"govuk-table parity-report-errors\">\n"
		   "<caption class=\"govuk-table__caption govuk-table__caption--m\">%s: %s "
		   "problem%s found, nothing imported%s</caption>\n",
		   u->file, u->file, total, u->n_problems == 1 ? "" : "s",
		   u->n_rows > 1 ? "; the same problems together" : "");
	web_printf(rs,
		   "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		   "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		   "Rows</th>"
		   "<th scope=\"col\" class=\"govuk-table__header\">%s</th>"
		   "<th scope=\"col\" class=\"govuk-table__header\">Column</th>"
		   "<th scope=\"col\" class=\"govuk-table__header\">Value</th>"
		   "<th scope=\"col\" class=\"govuk-table__header\">What is wrong</th>"
		   "</tr></thead>\n<tbody class=\"govuk-table__body\">\n",
		   u->sheet ? "On rows" : "On lines");
	for (i = 0; i < u->n_rows; i++) {
		const struct shown_problem *p = &u->rows[i];
		int64_t rows = problem_rows(u, p);
		struct buf lines = BUF_INIT, col = BUF_INIT;
		listed += rows;
		char num[32];
		int k;
		for (k = 0; k < p->n_lines; k++) {
			str_count(num, p->lines[k]);
			buf_printf(&lines, "%s%s", k ? ", " : "", num);
		}
		if (rows > p->n_lines) {
			str_count(num, rows - p->n_lines);
			buf_printf(&lines, " and %s more", num);
		}
		if (p->column[0] && p->letters[0])
			buf_printf(&col, "%s (column %s)", p->column, p->letters);
		else
			buf_puts(&col, p->column[0] ? p->column : "The whole row");
		str_count(num, rows);
		web_printf(rs,
			   "<tr class=\"govuk-table__row\">"
			   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell\"><code>%s</code></td>"
			   "<td class=\"govuk-table__cell\">%s</td></tr>\n",
			   num, buf_str(&lines), buf_str(&col), p->value, p->what);
		buf_free(&lines);
		buf_free(&col);
	}
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
	if (listed < u->n_problems) {
		char more[32];
		str_count(more, u->n_problems - listed);
		web_printf(rs, "<p class=\"govuk-body\">And %s more problem%s not listed here%s.</p>\n",
			   more, u->n_problems - listed == 1 ? "" : "s",
			   by_kind ? "; the table above counts every problem by kind" : "");
	}
}

/* The kept dataset configs as options of a select, "" first. */
static int config_options(struct web_req *rq, struct buf *names, size_t *n, struct err *e)
{
	store_stmt_t *st;
	int rc;
	*n = 0;
	if (store_prepare(rq->db, &st, e, "SELECT name FROM mon_config ORDER BY name", "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		buf_append(names, store_col_text(st, 0), strlen(store_col_text(st, 0)) + 1);
		(*n)++;
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

/* The "Dataset config" select: none, or one of the kept configs. */
static int config_select(struct web_req *rq, struct web_resp *rs, const char *id,
			 const char *chosen, const struct web_field_error *errs, int n_errs,
			 struct err *e)
{
	struct buf names = BUF_INIT;
	struct web_field f = {id, "config", "Dataset config (optional)",
			      "The column names and value maps kept for files whose columns "
			      "differ from the standard ones.", NULL, NULL, NULL};
	size_t n, i;
	const char *p;
	int rc;

	if ((rc = config_options(rq, &names, &n, e)) < 0)
		return rc;
	if (n == 0) {
		web_raw(rs, "<p class=\"govuk-body\">Files whose columns are named differently "
			    "need a dataset config: <a class=\"govuk-link\" "
			    "href=\"/monitoring/configs\">add one on the dataset configs "
			    "page</a>.</p>\n");
		buf_free(&names);
		return 0;
	}
	web_select_open(rs, &f, errs, n_errs);
	web_select_option(rs, "", "None: the standard columns", str_blank(chosen));
	for (i = 0, p = names.data; i < n; i++, p += strlen(p) + 1)
		web_select_option(rs, p, p, chosen && !strcmp(chosen, p));
	web_select_close(rs);
	buf_free(&names);
	return 0;
}

/* 1 when name is one of the comma-separated names in list. */
static int in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;
	while (p && *p) {
		const char *c = strchr(p, ',');
		size_t k = c ? (size_t)(c - p) : strlen(p);
		if (k == n && !strncmp(p, name, n))
			return 1;
		p = c ? c + 1 : NULL;
	}
	return 0;
}

/* The datasets an extract may be about: the presets, then those the kept
 * configs define (each once, in name order). */
static int dataset_select(struct web_req *rq, struct web_resp *rs, const struct web_field *f,
			  const struct web_field_error *errs, int n_errs, struct err *e)
{
	store_stmt_t *st;
	struct buf seen = BUF_INIT;
	size_t i;
	int rc;
	web_select_open(rs, f, errs, n_errs);
	for (i = 0; i < N_PRESETS; i++) {
		web_select_option(rs, preset_names[i], preset_labels[i],
				  f->value && !strcmp(f->value, preset_names[i]));
		buf_printf(&seen, "%s%s", i ? "," : "", preset_names[i]);
	}
	if (store_prepare(rq->db, &st, e, "SELECT datasets FROM mon_config ORDER BY name", "") < 0) {
		buf_free(&seen);
		return ERR_DB;
	}
	while ((rc = store_step(st, e)) == 1) {
		char *list = xstrdup(store_col_text(st, 0)), *save = NULL, *name;
		for (name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
			if (in_list(buf_str(&seen), name))
				continue;
			buf_printf(&seen, ",%s", name);
			web_select_option(rs, name, name, f->value && !strcmp(f->value, name));
		}
		free(list);
	}
	store_done(st);
	buf_free(&seen);
	web_select_close(rs);
	return rc < 0 ? rc : 0;
}

/* 1 when a kept config defines dataset name. */
static int config_defines(struct web_req *rq, const char *name)
{
	store_stmt_t *st;
	struct err ig;
	int found = 0;
	err_clear(&ig);
	if (store_prepare(rq->db, &st, &ig, "SELECT datasets FROM mon_config", "") < 0)
		return 0;
	while (!found && store_step(st, &ig) == 1)
		found = in_list(store_col_text(st, 0), name);
	store_done(st);
	return found;
}

/* The upload forms, with what was sent and its errors when u is set. */
static int upload_forms(struct web_req *rq, struct web_resp *rs, const struct upload_state *u,
			struct err *e)
{
	const struct upload_state *pu = u && !u->counts ? u : NULL; /* person-level */
	const struct upload_state *cu = u && u->counts ? u : NULL;  /* count tables */
	struct web_field ds = {"dataset", "dataset", "Dataset",
			       "Who the extract is about. Each dataset has its standard columns; "
			       "a file whose columns are named differently needs a dataset "
			       "config.",
			       pu && pu->dataset ? pu->dataset : "service-users", NULL, NULL};
	struct web_field period = {"period", "period", "Period",
				   "The period the extract covers, as written in its period column: "
				   "a year (2011), a quarter (2011Q3), a month (2011-07) or a "
				   "financial year, April to March (FY2011-12). If the period is "
				   "already imported, you will be asked to confirm before it is "
				   "replaced.",
				   pu ? pu->period : NULL, "govuk-input--width-10", NULL};
	struct web_field file = {"file", "file", "CSV or spreadsheet file",
				 "A CSV file with a header row, or a spreadsheet (.xlsx, .ods, .xls) "
				 "whose first sheet has one. Every row is checked first: if any "
				 "row has a problem, nothing is imported and each problem is listed.",
				 NULL, NULL, "accept=\".csv,text/csv,.xlsx,.ods,.xls\""};
	struct web_field cds = {"counts-dataset", "dataset", "Dataset name",
				"The name the counts are kept under, for example counts or "
				"service-users. The periods are read from the table's period "
				"column.",
				cu && cu->dataset ? cu->dataset : "counts", "govuk-input--width-20",
				"spellcheck=\"false\""};
	struct web_field round = {"counts-rounded", "rounded", "Rounded to (optional)",
				  "If the published counts were rounded, the number they were "
				  "rounded to, for example 5 or 10. Leave blank for exact counts.",
				  cu ? cu->rounded : NULL, "govuk-input--width-5",
				  "inputmode=\"numeric\""};
	struct web_field cfile = {"counts-file", "file", "CSV or spreadsheet file",
				  "A table with the columns unit, period, characteristic, group, "
				  "outcome, numerator and denominator (direction and status are "
				  "optional). Every row is checked first: if any row has a problem, "
				  "nothing is imported. Periods already imported are replaced only "
				  "after you confirm.",
				  NULL, NULL, "accept=\".csv,text/csv,.xlsx,.ods,.xls\""};
	const struct web_field_error *errs = u ? u->errs : NULL;
	int n = u ? u->n_errs : 0, rc;

	/* the token also in the action's query: the server judges an upload
	 * before reading its body (docs/web.md, "Limits") */
	web_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"import\">Import a person-level "
		       "extract</h2>\n"
		       "<form method=\"post\" action=\"/monitoring/upload?csrf=%s\" "
		       "enctype=\"multipart/form-data\" novalidate>\n", rq->csrf);
	web_csrf_field(rq, rs);
	if ((rc = dataset_select(rq, rs, &ds, pu ? errs : NULL, pu ? n : 0, e)) < 0)
		return rc;
	if ((rc = config_select(rq, rs, "config", pu ? pu->config : NULL, pu ? errs : NULL,
				pu ? n : 0, e)) < 0)
		return rc;
	web_input(rs, &period, "text", pu ? errs : NULL, pu ? n : 0);
	web_input(rs, &file, "file", pu ? errs : NULL, pu ? n : 0);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Import</button>\n</form>\n");

	web_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"import-counts\">Import count "
		       "tables</h2>\n<p class=\"govuk-body\">Counts already added up by group "
		       "(for example a published table), instead of one row a person.</p>\n"
		       "<form method=\"post\" action=\"/monitoring/upload-counts?csrf=%s\" "
		       "enctype=\"multipart/form-data\" novalidate>\n", rq->csrf);
	web_csrf_field(rq, rs);
	web_input(rs, &cds, "text", cu ? errs : NULL, cu ? n : 0);
	if ((rc = config_select(rq, rs, "counts-config", cu ? cu->config : NULL,
				cu ? errs : NULL, cu ? n : 0, e)) < 0)
		return rc;
	web_input(rs, &round, "text", cu ? errs : NULL, cu ? n : 0);
	web_input(rs, &cfile, "file", cu ? errs : NULL, cu ? n : 0);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Import count tables</button>\n</form>\n");
	return 0;
}

/* The monitoring data page; u is the failed upload to show again, or NULL. */
static int data_page_render(struct web_req *rq, struct web_resp *rs, struct upload_state *u,
			    struct err *e)
{
	int64_t open = 0, live = 0;
	char num[32], num2[32];
	int rc;

	if (store_query_int(rq->db, &open, e, "SELECT COUNT(*) FROM mon_flag WHERE state = 'open'",
			    "") < 0 ||
	    store_query_int(rq->db, &live, e,
			    "SELECT COUNT(*) FROM mon_flag WHERE state <> 'closed'", "") < 0)
		return ERR_DB;
	web_page_begin(rq, rs, u && u->n_errs ? "Error: Monitoring data" : "Monitoring data",
		       SEC_MONITORING);
	if (u && u->n_errs)
		web_error_summary(rs, u->errs, u->n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Monitoring data</h1>\n"
		    "<p class=\"govuk-body-l\">Monitoring extracts about service users, staff and "
		    "applicants, and the Diversity Report of each period.</p>\n");
	str_count(num, open);
	str_count(num2, live);
	web_printf(rs,
		   "<p class=\"govuk-body\" id=\"flag-counts\"><a class=\"govuk-link\" "
		   "href=\"/monitoring/flags\">Flags</a>: %s not closed, of which %s open "
		   "(waiting for an explanation or an action); the others are explained or "
		   "actioned.</p>\n", num2, num);
	if ((rc = list_imports(rq, rs, e)) < 0)
		return rc;
	if (u && u->n_problems) {
		int by_kind = kind_table(rs, u);
		if (u->n_rows)
			problem_table(rs, u, by_kind);
	}
	if (web_can(rq, CAP_IMPORT_DATA)) {
		if ((rc = upload_forms(rq, rs, u, e)) < 0)
			return rc;
		web_raw(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
			    "href=\"/monitoring/configs\">Dataset configs</a>: the column names "
			    "and value maps kept for files that differ from the standard "
			    "columns.</p>\n");
	}
	web_page_end(rq, rs);
	return 0;
}

static int data_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return data_page_render(rq, rs, NULL, e);
}

/* ---- POST /monitoring/upload ----------------------------------------------*/

static void keep_problem(void *ctx, const struct mon_problem *p)
{
	struct upload_state *u = ctx;
	struct shown_problem *s = NULL;
	size_t i;
	int cut = 0;
	int n;
	u->n_problems++;
	for (i = 0; i < u->n_rows; i++) { /* the same problem again */
		struct shown_problem *x = &u->rows[i];
		if (x->kind == p->kind && x->field == p->field && !strcmp(x->raw, p->value) &&
		    !strcmp(x->what, p->what)) {
			s = x;
			break;
		}
	}
	if (!s) {
		if (u->n_rows >= PROBLEMS_SHOWN)
			return;
		if (!u->rows)
			u->rows = xcalloc(PROBLEMS_SHOWN, sizeof *u->rows);
		s = &u->rows[u->n_rows++];
		s->field = p->field;
		s->kind = p->kind;
		s->letters[0] = '\0';
		if (u->sheet)
			mon_sheet_col(u->sheet, p->column, s->letters);
		if (!s->letters[0])
			col_letters(p->field, s->letters);
		s->column = xstrdup(p->column);
		s->raw = xstrdup(p->value);
		n = str_utf8_prefix(p->value, VALUE_SHOWN, &cut);
		s->value = xmalloc((size_t)n + 4);
		memcpy(s->value, p->value, (size_t)n);
		if (cut)
			memcpy(s->value + n, "\xe2\x80\xa6", 4); /* … */
		else
			s->value[n] = '\0';
		s->what = xstrdup(p->what);
	}
	s->n++;
	if (s->n_lines < LINES_SHOWN)
		s->lines[s->n_lines++] = p->line;
}

static int upload_fail(struct web_req *rq, struct web_resp *rs, struct upload_state *u,
		       struct err *e)
{
	int rc;
	buf_reset(&rs->body);
	rc = data_page_render(rq, rs, u, e);
	if (rc == 0)
		rs->status = 400;
	return rc;
}

/* The one message of a file whose rows are all of other periods than the
 * one chosen, into u's errors (at the period field); 0 when the problems
 * are of other kinds too. */
static int period_summary(struct upload_state *u, const char *period)
{
	size_t n, i;
	const struct mon_tally_entry *v = mon_tally_entries(u->tally, &n);
	char num[32], all[32];
	int64_t rows = 0;
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (v[i].kind != MP_PERIOD || !v[i].value)
			return 0;
		rows += v[i].rows;
	}
	str_count(num, rows);
	str_count(all, u->rows_read);
	if (n > 1)
		upload_error(u, "period", "%s of the %s rows of %s are for other periods than %s, "
			     "listed below: upload one period at a time", num, all, u->file,
			     period);
	else if (rows == u->rows_read)
		upload_error(u, "period", "All %s rows are for %s, not %s: choose period %s, or "
			     "upload the extract for %s", num, v[0].value, period, v[0].value,
			     period);
	else
		upload_error(u, "period", "%s of the %s rows are for %s, not %s: choose period %s "
			     "and upload a file of its rows alone, or upload the extract for %s",
			     num, all, v[0].value, period, v[0].value, period);
	return 1;
}

/* The audit entry of an upload, written in the transaction that swaps the
 * import in (mon_import_job.in_swap), so that the import and its entry
 * are one. */
struct upload_audit {
	struct web_req *rq;  /* the request: who */
	struct web_resp *rs; /* for the 403 page */
	const char *target;  /* "service-users 2011Q3" */
	const char *file;    /* the uploaded file's name */
	int64_t held;	     /* the held import confirmed (its mon_held row goes), or 0 */
	int forbidden;	     /* OUT: 1 when the user may no longer import */
};

/* Also checks, inside that transaction, that the user may still import
 * (an administrator may have changed the account while the file was
 * read): if not, the import is not swapped in and a->forbidden is 1. */
static int audit_upload(store_t *db, const struct mon_import_job *j, void *ctx, struct err *e)
{
	struct upload_audit *a = ctx;
	char before[64], after[600];
	int rc;
	if ((rc = web_recheck(a->rq, a->rs, CAP_IMPORT_DATA, e)) != 0) {
		if (rc > 0)
			a->forbidden = 1;
		return rc < 0 ? rc : err_set(e, ERR_DATA, "no longer allowed to import data");
	}
	if (a->held && store_exec(db, e, "DELETE FROM mon_held WHERE import_id = ?", "i",
				  a->held) < 0)
		return ERR_DB;
	snprintf(before, sizeof before, "%lld rows", (long long)j->old_rows);
	snprintf(after, sizeof after, "%lld rows from %s", (long long)j->rows, a->file);
	return web_audit(a->rq, "data.import", a->target, j->old_rows >= 0 ? before : NULL, after,
			 e);
}

/* ISO timestamp of an hour ago (UTC), for holds that waited too long. */
static void hour_ago(char out[21])
{
	date_iso_at(time(NULL) - 3600, out);
}

/* Discard the uploads held for confirmation that waited over an hour,
 * and the user's own earlier ones (a new upload replaces them). Outside a
 * transaction. */
static void discard_holds(struct web_req *rq)
{
	store_stmt_t *st;
	struct err ig;
	int64_t ids[32];
	char cutoff[21];
	int n = 0, i;
	err_clear(&ig);
	hour_ago(cutoff);
	if (store_prepare(rq->db, &st, &ig,
			  "SELECT import_id FROM mon_held WHERE who = ? OR held_at < ?"
			  " ORDER BY import_id",
			  "tt", rq->user->name, cutoff) < 0)
		return;
	while (n < 32 && store_step(st, &ig) == 1)
		ids[n++] = store_col_int(st, 0);
	store_done(st);
	for (i = 0; i < n; i++)
		mon_stage_discard(rq->db, ids[i], &ig);
}

/* The dataset of an upload: the preset, or as kept config `config`
 * defines it. Errors go to u at the field. */
static int upload_dataset(struct web_req *rq, struct upload_state *u, const char *name,
			  const char *config, int counts, struct dataset *ds, struct err *e)
{
	struct err ce;
	int rc;
	err_clear(&ce);
	if (str_blank(config)) {
		if (counts) {
			memset(ds, 0, sizeof *ds);
			return 0;
		}
		return dataset_preset(name, ds, e);
	}
	if (counts) { /* a count table's section must be there */
		store_stmt_t *st;
		int found = 0, kept = 0;
		if (store_prepare(rq->db, &st, e, "SELECT datasets FROM mon_config WHERE name = ?",
				  "t", config) < 0)
			return ERR_DB;
		if ((rc = store_step(st, e)) == 1) {
			kept = 1;
			found = in_list(store_col_text(st, 0), name);
		}
		store_done(st);
		if (rc < 0)
			return rc;
		if (kept && !found) {
			upload_error(u, "counts-config", "The dataset config %s has no section for %s: "
				     "choose a config that defines %s, or give the dataset name of "
				     "one of its sections", config, name, name);
			return 0;
		}
	}
	rc = mon_config_dataset(rq->db, config, name, counts, ds, &ce);
	if (rc == ERR_DB)
		return err_set(e, rc, "%s", ce.msg);
	if (rc < 0)
		upload_error(u, counts ? "counts-config" : "config",
			     "The dataset config %s cannot be used for %s: %s", config, name,
			     ce.msg);
	return 0;
}

static int upload_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const struct web_param *f = web_upload(rq, "file");
	const char *dataset = web_param(rq, "dataset"), *config = web_param(rq, "config");
	struct upload_state u;
	struct mon_import_job job;
	struct dataset ds;
	struct err ie;
	struct buf msg = BUF_INIT, to = BUF_INIT;
	char *period = str_trim_dup(web_param(rq, "period") ? web_param(rq, "period") : "");
	char rows[32], target[128], canon[PERIOD_TEXT], now[21], pw[PERIOD_WORDS];
	struct upload_audit audit;
	struct mon_sheet ms;
	size_t i;
	int rc, known = 0, is_sheet = 0;

	memset(&u, 0, sizeof u);
	memset(&ms, 0, sizeof ms);
	memset(&job, 0, sizeof job);
	err_clear(&ie);
	u.dataset = dataset;
	u.period = period;
	u.config = config;
	for (i = 0; dataset && i < N_PRESETS; i++)
		known |= !strcmp(dataset, preset_names[i]);
	if (!known && dataset && *dataset && config_defines(rq, dataset)) {
		known = 1; /* a dataset of a kept config: that config must be chosen */
		if (str_blank(config))
			upload_error(&u, "config", "Choose the dataset config that defines %s",
				     dataset);
	}
	if (!known)
		upload_error(&u, "dataset", "Choose the dataset the extract is about");
	if (!*period)
		upload_error(&u, "period", "Enter the period the extract covers, for example "
			     "2011Q3");
	else if (mon_period_arg(period, canon, &ie) < 0)
		upload_error(&u, "period", "%s", ie.msg);
	else
		memcpy(period, canon, strlen(canon) + 1); /* canonical: as long */
	err_clear(&ie);
	if (!f || !f->filename || !f->filename[0])
		upload_error(&u, "file", "Choose the CSV or spreadsheet file to import");
	else if (f->len == 0)
		upload_error(&u, "file", "The selected file is empty");
	else
		web_file_name(f->filename, "upload.csv", u.file);
	if (known && !u.n_errs && (rc = upload_dataset(rq, &u, dataset, config, 0, &ds, e)) < 0)
		goto done;
	if (u.n_errs) {
		rc = upload_fail(rq, rs, &u, e);
		goto done;
	}
	/* a spreadsheet (.xlsx, .ods, .xls) is read as the CSV text of its
	 * first sheet, row N on line N */
	if (mon_sheet_read_mem(f->value, f->len, u.file, NULL, &ms, &is_sheet, &ie) < 0) {
		upload_error(&u, "file", "%s; nothing was imported", ie.msg);
		rc = upload_fail(rq, rs, &u, e);
		goto done;
	}
	err_clear(&ie);
	discard_holds(rq);
	job.ds = &ds;
	job.period = period;
	job.data = f->value;
	job.len = f->len;
	if (is_sheet) {
		job.data = ms.csv.data ? ms.csv.data : "";
		job.len = ms.csv.len;
		u.sheet = &ms;
	}
	job.source = u.file;
	job.author = rq->user->name;
	job.max_errors = PROBLEMS_SHOWN; /* the rest are counted by kind */
	job.on_problem = keep_problem;
	job.ctx = &u;
	job.keep_tally = 1;
	job.web = 1;
	/* short transactions of its own, the audit entry in the one that
	 * swaps the import in (issue 13, finding 8); a period already
	 * imported waits, checked and written, for the user to confirm */
	snprintf(target, sizeof target, "%s %s", ds.name, period);
	memset(&audit, 0, sizeof audit);
	audit.rq = rq;
	audit.rs = rs;
	audit.target = target;
	audit.file = u.file;
	job.staged = 1;
	job.hold = 1;
	job.in_swap = audit_upload;
	job.swap_ctx = &audit;
	rc = mon_import_csv(rq->db, &job, &ie);
	u.tally = job.tally;
	u.rows_read = job.rows_read;
	if (mon_tally_total(u.tally) > u.n_problems)
		u.n_problems = mon_tally_total(u.tally);
	if (audit.forbidden) { /* the 403 page is written */
		rc = 0;
		goto done;
	}
	if (rc < 0) {
		store_rollback(rq->db);
		if (rc != ERR_DATA) {
			rc = err_set(e, rc, "%s", ie.msg);
			goto done;
		}
		if (job.n_errors > 0 && !job.file_error && period_summary(&u, period)) {
			/* one message says it all */
		} else if (job.n_errors > 0) {
			char num[32];
			str_count(num, u.n_problems);
			upload_error(&u, "file",
				     "%s has %s problem%s, listed below; nothing was imported. "
				     "Correct the file and upload it again",
				     u.file, num, u.n_problems == 1 ? "" : "s");
		}
		if (job.n_errors == 0 || job.file_error)
			upload_error(&u, "file", "%s; nothing was imported", ie.msg);
		rc = upload_fail(rq, rs, &u, e);
		goto done;
	}
	if (job.held_id) { /* the period is imported already: check answers */
		date_now_iso(now);
		if ((rc = web_begin(rq, rs, CAP_IMPORT_DATA, e)) != 0) {
			mon_stage_discard(rq->db, job.held_id, &ie);
			rc = rc < 0 ? rc : 0;
			goto done;
		}
		if ((rc = store_exec(rq->db, e,
				     "INSERT INTO mon_held(import_id, who, dataset, period, config,"
				     " held_at) VALUES (?, ?, ?, ?, ?, ?)",
				     "itttt" "t", job.held_id, rq->user->name, ds.name, period,
				     str_blank(config) ? NULL : config, now)) < 0 ||
		    (rc = store_commit(rq->db, e)) < 0) {
			store_rollback(rq->db);
			mon_stage_discard(rq->db, job.held_id, &ie);
			goto done;
		}
		buf_printf(&to, "/monitoring/replace?id=%lld", (long long)job.held_id);
		web_redirect(rs, buf_str(&to));
		rc = 0;
		goto done;
	}
	str_count(rows, job.rows);
	buf_printf(&msg, "Imported %s, %s, from %s: %s rows",
		   mon_web_dataset_label(ds.name), mon_web_period(period, pw), u.file, rows);
	if (job.old_rows >= 0)
		buf_puts(&msg, ", replacing the earlier import");
	buf_printf(&msg, ". %d flag%s raised%s.", job.raised, job.raised == 1 ? "" : "s",
		   job.recurring ? " (some recur from an earlier period)" : "");
	if (job.blank_outcomes) {
		str_count(rows, job.blank_outcomes);
		buf_printf(&msg, " %s blank outcome cells were read as 0.", rows);
	}
	web_flash(rq, buf_str(&msg));
	mon_web_report_href(&to, "/monitoring/report", ds.name, period, NULL);
	web_redirect(rs, buf_str(&to));
	rc = 0;
done:
	buf_free(&msg);
	buf_free(&to);
	upload_state_free(&u);
	mon_sheet_free(&ms);
	free(period);
	return rc;
}

/* ---- replacing a period: check answers, then confirm -----------------------*/

/* The held upload named by the request's id, if the user may confirm it:
 * its dataset, period and config into the buffers. */
static int held_load(struct web_req *rq, int64_t *id, char dataset[DS_NAME_MAX],
		     char period[PERIOD_TEXT], struct err *e)
{
	const char *s = web_param(rq, "id");
	store_stmt_t *st;
	long v;
	int rc;
	*id = 0;
	if (!s || str_to_int(s, 1, 2000000000L, &v) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no upload waiting to be confirmed here.");
	if (store_prepare(rq->db, &st, e,
			  "SELECT dataset, period FROM mon_held WHERE import_id = ? AND who = ?",
			  "it", (int64_t)v, rq->user->name) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		snprintf(dataset, DS_NAME_MAX, "%s", store_col_text(st, 0));
		snprintf(period, PERIOD_TEXT, "%s", store_col_text(st, 1));
		*id = v;
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (!*id)
		return err_set(e, ERR_NOTFOUND, "There is no upload of yours waiting to be "
			       "confirmed here: it was confirmed or cancelled, or waited over an "
			       "hour. Upload the file again from the monitoring data page.");
	return 0;
}

static void summary_row(struct web_resp *rs, const char *key, const char *value)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n", key, value);
}

static int replace_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct mon_replace_preview pv;
	char dataset[DS_NAME_MAX], period[PERIOD_TEXT], a[32], b[64], pw[PERIOD_WORDS];
	char dl[DS_NAME_MAX];
	struct buf t = BUF_INIT;
	int64_t id;
	int rc;

	memset(&pv, 0, sizeof pv);
	if ((rc = held_load(rq, &id, dataset, period, e)) < 0)
		return rc;
	if ((rc = mon_import_preview(rq->db, id, period, &pv, e)) < 0)
		goto done;
	mon_web_period(period, pw);
	mon_web_dataset_title(dataset, dl, sizeof dl);
	buf_printf(&t, "Replace %s, %s?", dl, pw);
	web_page_begin(rq, rs, buf_str(&t), SEC_MONITORING);
	web_printf(rs, "<a href=\"/monitoring\" class=\"govuk-back-link\">Monitoring data</a>\n"
		       "<span class=\"govuk-caption-l\">Check before replacing</span>\n"
		       "<h1 class=\"govuk-heading-l\">%s, %s, is already imported: replace "
		       "it?</h1>\n",
		   dl, pw);
	web_raw(rs, "<p class=\"govuk-body\">The file has been checked and has no problems. "
		    "Nothing has changed yet: the data below is replaced only when you "
		    "confirm.</p>\n<dl class=\"govuk-summary-list\">\n");
	summary_row(rs, "Dataset", mon_web_dataset_label(dataset));
	summary_row(rs, "Period", pw);
	summary_row(rs, "New file", pv.source ? str_file_name(pv.source) : "");
	str_count(a, pv.rows_before);
	summary_row(rs, "Rows now", pv.rows_before >= 0 ? a : "None");
	str_count(a, pv.rows_after);
	summary_row(rs, "Rows after replacing", a);
	str_count(a, pv.flags_removed);
	snprintf(b, sizeof b, "%s flag%s", a, pv.flags_removed == 1 ? "" : "s");
	summary_row(rs, "Open flags removed", b);
	snprintf(b, sizeof b, "%d flag%s", pv.flags_after, pv.flags_after == 1 ? "" : "s");
	summary_row(rs, "Flags raised from the new data", b);
	str_count(a, pv.flags_kept);
	snprintf(b, sizeof b, "%s flag%s", a, pv.flags_kept == 1 ? "" : "s");
	summary_row(rs, "Flags kept with their history", b);
	web_raw(rs, "</dl>\n<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
		    "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
		    "<span class=\"govuk-visually-hidden\">Warning</span> The rows imported now "
		    "are deleted, and the open flags no one has explained or acted on are raised "
		    "again from the new data. Flags that were explained, acted on or closed are "
		    "kept.</strong></div>\n");
	web_printf(rs, "<form method=\"post\" action=\"/monitoring/replace\" novalidate>\n"
		       "<input type=\"hidden\" name=\"id\" value=\"%lld\">\n", (long long)id);
	web_csrf_field(rq, rs);
	web_raw(rs, "<div class=\"govuk-button-group\">\n"
		    "<button type=\"submit\" name=\"do\" value=\"confirm\" class=\"govuk-button\" "
		    "data-module=\"govuk-button\">Confirm and replace</button>\n"
		    "<button type=\"submit\" name=\"do\" value=\"cancel\" "
		    "class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
		    "Cancel</button>\n</div>\n</form>\n");
	web_page_end(rq, rs);
done:
	mon_replace_preview_free(&pv);
	buf_free(&t);
	return rc;
}

static int replace_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *what = web_param(rq, "do");
	struct mon_import_job job;
	struct upload_audit audit;
	char dataset[DS_NAME_MAX], period[PERIOD_TEXT], target[128], rows[32];
	char pw[PERIOD_WORDS];
	struct buf msg = BUF_INIT, to = BUF_INIT;
	struct err ie;
	int64_t id;
	int rc;

	err_clear(&ie);
	if ((rc = held_load(rq, &id, dataset, period, e)) < 0)
		return rc;
	if (!what || (strcmp(what, "confirm") && strcmp(what, "cancel")))
		return err_set(e, ERR_USAGE, "Choose Confirm and replace, or Cancel.");
	if (!strcmp(what, "cancel")) {
		if ((rc = mon_stage_discard(rq->db, id, e)) < 0)
			return rc;
		buf_printf(&msg, "Nothing was changed: %s, %s, was not replaced.",
			   mon_web_dataset_label(dataset), mon_web_period(period, pw));
		web_flash(rq, buf_str(&msg));
		buf_free(&msg);
		web_redirect(rs, "/monitoring");
		return 0;
	}
	{
		int64_t mine = 0;
		if (store_query_int(rq->db, &mine, e,
				    "SELECT COUNT(*) FROM mon_stage WHERE import_id = ? AND owner = ?",
				    "ii", id, (int64_t)getpid()) < 0)
			return ERR_DB;
		if (!mine) { /* kept by a server process that has since stopped */
			mon_stage_discard(rq->db, id, &ie);
			return err_set(e, ERR_NOTFOUND, "The checked upload can no longer be used: "
				       "the server was restarted since it was checked. Nothing was "
				       "changed. Upload the file again from the monitoring data page.");
		}
	}
	memset(&job, 0, sizeof job);
	memset(&audit, 0, sizeof audit);
	snprintf(target, sizeof target, "%s %s", dataset, period);
	audit.rq = rq;
	audit.rs = rs;
	audit.target = target;
	audit.held = id;
	job.held_id = id;
	job.period = period;
	job.author = rq->user->name;
	job.in_swap = audit_upload;
	job.swap_ctx = &audit;
	{
		char *src = NULL;
		struct mon_replace_preview pv;
		memset(&pv, 0, sizeof pv);
		if (mon_import_preview(rq->db, id, period, &pv, &ie) == 0 && pv.source)
			src = xstrdup(pv.source);
		mon_replace_preview_free(&pv);
		audit.file = src ? src : "";
		rc = mon_import_confirm(rq->db, &job, &ie);
		if (rc == 0) {
			str_count(rows, job.rows);
			buf_printf(&msg, "Imported %s, %s, from %s: %s rows, replacing the earlier "
				   "import. %d flag%s raised%s.", mon_web_dataset_label(dataset),
				   mon_web_period(period, pw), str_file_name(audit.file),
				   rows, job.raised, job.raised == 1 ? "" : "s",
				   job.recurring ? " (some recur from an earlier period)" : "");
		}
		free(src);
	}
	if (audit.forbidden) {
		rc = 0;
		goto done;
	}
	if (rc < 0) {
		rc = err_set(e, rc, "%s", ie.msg);
		goto done;
	}
	web_flash(rq, buf_str(&msg));
	mon_web_report_href(&to, "/monitoring/report", dataset, period, NULL);
	web_redirect(rs, buf_str(&to));
done:
	buf_free(&msg);
	buf_free(&to);
	return rc;
}

/* ---- count tables: POST /monitoring/upload-counts, and replacing ----------*/

/* A count table upload being handled: how it is read and imported. */
struct counts_run {
	struct mon_counts_import ci;
	struct dataset cfg;  /* the kept config's section, when one is chosen */
	struct mon_sheet ms; /* the spreadsheet as CSV text, when it is one */
};

static void counts_run_free(struct counts_run *cr)
{
	mon_counts_import_free(&cr->ci);
	mon_sheet_free(&cr->ms);
}

/* Inside the import's transaction: the user may still import; the held
 * upload confirmed goes; the audit entry. */
static int audit_counts(store_t *db, const struct mon_counts_import *ci, void *ctx,
			struct err *e)
{
	struct upload_audit *a = ctx;
	struct buf after = BUF_INIT, target = BUF_INIT;
	size_t i;
	int rc;
	if ((rc = web_recheck(a->rq, a->rs, CAP_IMPORT_DATA, e)) != 0) {
		if (rc > 0)
			a->forbidden = 1;
		return rc < 0 ? rc : err_set(e, ERR_DATA, "no longer allowed to import data");
	}
	if (a->held && store_exec(db, e, "DELETE FROM mon_held_counts WHERE id = ?", "i",
				  a->held) < 0)
		return ERR_DB;
	buf_printf(&target, "%s", ci->dataset);
	for (i = 0; i < ci->n_done; i++)
		buf_printf(&target, "%s%s", i ? ", " : " ", ci->done[i].period);
	buf_printf(&after, "count tables from %s: %zu period%s", a->file, ci->n_done,
		   ci->n_done == 1 ? "" : "s");
	rc = web_audit(a->rq, "data.import-counts", buf_str(&target), NULL, buf_str(&after), e);
	buf_free(&after);
	buf_free(&target);
	return rc;
}

/* Read and check the count table of len bytes at data (u->file names it)
 * as dataset, with kept config `config` and rounding n_round. Problems go
 * to u (u->n_errs set); negative only when the database fails. */
static int counts_read(struct web_req *rq, struct upload_state *u, struct counts_run *cr,
		       const char *data, size_t len, const char *dataset, const char *config,
		       long n_round, struct err *e)
{
	struct err ie;
	int rc, is_sheet = 0;

	err_clear(&ie);
	cr->ci.job.eth_system = ETH_AUTO;
	if (!str_blank(config)) {
		if ((rc = upload_dataset(rq, u, dataset, config, 1, &cr->cfg, e)) < 0)
			return rc;
		if (u->n_errs)
			return 0;
		cr->ci.job.eth_system = cr->cfg.eth_system;
		cr->ci.job.config = &cr->cfg;
	}
	if (mon_sheet_read_mem(data, len, u->file, NULL, &cr->ms, &is_sheet, &ie) < 0) {
		upload_error(u, "counts-file", "%s; nothing was imported", ie.msg);
		return 0;
	}
	err_clear(&ie);
	stats_init();
	cr->ci.job.data = is_sheet ? (cr->ms.csv.data ? cr->ms.csv.data : "") : data;
	cr->ci.job.len = is_sheet ? cr->ms.csv.len : len;
	cr->ci.job.name = u->file;
	cr->ci.job.rounded = n_round;
	cr->ci.job.max_errors = PROBLEMS_SHOWN;
	cr->ci.job.on_problem = keep_problem;
	cr->ci.job.ctx = u;
	cr->ci.job.web = 1;
	if (is_sheet)
		u->sheet = &cr->ms;
	cr->ci.dataset = dataset;
	cr->ci.source = u->file;
	cr->ci.author = rq->user->name;
	cr->ci.web = 1;
	if (mon_counts_read(&cr->ci.job, &cr->ci.counts, &ie) < 0) {
		upload_error(u, "counts-file", "%s", ie.msg);
		return 0;
	}
	cr->ci.have_counts = 1;
	return 0;
}

/* Import what counts_read read, with its audit entry (and the held upload
 * `held` removed, when not 0), then go to the report with a message. */
static int counts_store(struct web_req *rq, struct web_resp *rs, struct upload_state *u,
			struct counts_run *cr, int64_t held, struct err *e)
{
	struct mon_counts_import *ci = &cr->ci;
	struct upload_audit audit;
	struct buf msg = BUF_INIT, to = BUF_INIT;
	struct err ie;
	size_t i;
	int rc;

	err_clear(&ie);
	memset(&audit, 0, sizeof audit);
	audit.rq = rq;
	audit.rs = rs;
	audit.file = u->file;
	audit.held = held;
	ci->in_txn = audit_counts;
	ci->ctx = &audit;
	rc = mon_counts_import(rq->db, ci, &ie);
	if (audit.forbidden)
		return 0;
	if (rc < 0 && rc != ERR_DATA)
		return err_set(e, rc, "%s", ie.msg);
	if (rc < 0) {
		upload_error(u, "counts-file", "%s", ie.msg);
		return upload_fail(rq, rs, u, e);
	}
	for (i = 0; i < ci->n_done; i++) {
		char n[32], pw[PERIOD_WORDS], dl[DS_NAME_MAX];
		str_count(n, (int64_t)ci->done[i].n_units);
		buf_printf(&msg, "%sImported %s, %s, from %s: counts for %s unit%s%s.", i ? " " : "",
			   mon_web_dataset_title(ci->dataset, dl, sizeof dl),
			   mon_web_period(ci->done[i].period, pw), u->file, n,
			   ci->done[i].n_units == 1 ? "" : "s",
			   ci->done[i].old_rows >= 0 ? ", replacing the earlier import" : "");
	}
	if (ci->counts.suppressed) {
		char n[32];
		str_count(n, ci->counts.suppressed);
		buf_printf(&msg, " %s count%s suppressed in the table: comparisons that need %s "
			   "are shown as not available.", n,
			   ci->counts.suppressed == 1 ? " was" : "s were",
			   ci->counts.suppressed == 1 ? "it" : "them");
	}
	if (ci->job.rounded)
		buf_printf(&msg, " Counts rounded to the nearest %lld: intervals and p-values are "
			   "approximate.", (long long)ci->job.rounded);
	if (ci->counts.off_rounding) {
		char n[32];
		str_count(n, ci->counts.off_rounding);
		buf_printf(&msg, " %s count%s not a multiple of %lld: check the number they were "
			   "rounded to.", n, ci->counts.off_rounding == 1 ? " is" : "s are",
			   (long long)ci->job.rounded);
	}
	buf_printf(&msg, " %d flag%s raised%s.", ci->raised, ci->raised == 1 ? "" : "s",
		   ci->recurring ? " (some recur from an earlier period)" : "");
	web_flash(rq, buf_str(&msg));
	if (ci->n_done == 1)
		mon_web_report_href(&to, "/monitoring/report", ci->dataset, ci->done[0].period, NULL);
	else
		buf_puts(&to, "/monitoring");
	web_redirect(rs, buf_str(&to));
	buf_free(&msg);
	buf_free(&to);
	return 0;
}

/* How many of the periods of the table cr read are imported already as
 * dataset, with their rows and the open flags replacing them would
 * remove; the list of them ("2012 (1,850 rows)") into list when not NULL. */
static int counts_existing(struct web_req *rq, const struct counts_run *cr, const char *dataset,
			   int64_t *n, int64_t *flags, struct buf *list, struct buf *names,
			   struct err *e)
{
	size_t p;
	*n = *flags = 0;
	for (p = 0; p < cr->ci.counts.n_periods; p++) {
		const char *period = cr->ci.counts.periods[p];
		int64_t rows = -1, open = 0;
		char num[32], pw[PERIOD_WORDS];
		if (store_query_int(rq->db, &rows, e,
				    "SELECT rows FROM mon_import i WHERE dataset = ? AND period = ? AND"
				    MON_IMPORT_SHOWN " UNION ALL SELECT -1 ORDER BY 1 DESC LIMIT 1",
				    "tt", dataset, period) < 0 ||
		    store_query_int(rq->db, &open, e,
				    "SELECT COUNT(*) FROM mon_flag WHERE dataset = ? AND period = ?"
				    " AND state = 'open' AND action_id IS NULL AND NOT EXISTS"
				    " (SELECT 1 FROM mon_flag f2 WHERE f2.previous_id = mon_flag.id)",
				    "tt", dataset, period) < 0)
			return ERR_DB;
		if (rows < 0)
			continue;
		str_count(num, rows);
		period_words(period, pw);
		if (list)
			buf_printf(list, "%s%s (%s rows now)", *n ? ", " : "", pw, num);
		if (names)
			buf_printf(names, "%s%s", *n ? ", " : "", pw);
		(*n)++;
		*flags += open;
	}
	return 0;
}

/* Discard the count tables held that waited over an hour, and the user's
 * own (a new upload replaces them). */
static void discard_held_counts(struct web_req *rq)
{
	struct err ig;
	char cutoff[21];
	err_clear(&ig);
	hour_ago(cutoff);
	if (store_begin(rq->db, &ig) == 0 &&
	    store_exec(rq->db, &ig, "DELETE FROM mon_held_counts WHERE who = ? OR held_at < ?",
		       "tt", rq->user->name, cutoff) == 0 &&
	    store_commit(rq->db, &ig) == 0)
		return;
	store_rollback(rq->db);
}

static int upload_counts_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const struct web_param *f = web_upload(rq, "file");
	const char *config = web_param(rq, "config"), *rounded = web_param(rq, "rounded");
	char *dataset = str_trim_dup(web_param(rq, "dataset") ? web_param(rq, "dataset") : "");
	struct counts_run cr;
	struct upload_state u;
	struct buf to = BUF_INIT;
	int64_t n_old = 0, n_flags = 0;
	char now[21];
	long n_round = 0;
	size_t i;
	int rc, ok_name = 1;

	memset(&u, 0, sizeof u);
	memset(&cr, 0, sizeof cr);
	u.counts = 1;
	u.dataset = dataset;
	u.config = config;
	u.rounded = rounded;
	for (i = 0; dataset[i]; i++)
		ok_name &= (dataset[i] >= 'a' && dataset[i] <= 'z') ||
			   (dataset[i] >= '0' && dataset[i] <= '9') || dataset[i] == '-' ||
			   dataset[i] == '_';
	if (!*dataset)
		upload_error(&u, "counts-dataset", "Enter the name to keep the counts under, for "
			     "example counts");
	else if (!ok_name || strlen(dataset) > 40)
		upload_error(&u, "counts-dataset", "The dataset name must be up to 40 small "
			     "letters, digits, hyphens or underscores, for example service-users");
	if (!str_blank(rounded) && str_to_int(rounded, 2, 1000000, &n_round) < 0)
		upload_error(&u, "counts-rounded", "Rounded to must be a whole number from 2 up, "
			     "for example 5 or 10, or blank for exact counts");
	if (!f || !f->filename || !f->filename[0])
		upload_error(&u, "counts-file", "Choose the CSV or spreadsheet file to import");
	else if (f->len == 0)
		upload_error(&u, "counts-file", "The selected file is empty");
	else
		web_file_name(f->filename, "counts.csv", u.file);
	if (!u.n_errs &&
	    (rc = counts_read(rq, &u, &cr, f->value, f->len, dataset, config, n_round, e)) < 0)
		goto done;
	if (u.n_errs) {
		rc = upload_fail(rq, rs, &u, e);
		goto done;
	}
	discard_held_counts(rq);
	if ((rc = counts_existing(rq, &cr, dataset, &n_old, &n_flags, NULL, NULL, e)) < 0)
		goto done;
	if (n_old) { /* periods imported already: check answers first */
		date_now_iso(now);
		if ((rc = web_begin(rq, rs, CAP_IMPORT_DATA, e)) != 0) {
			rc = rc < 0 ? rc : 0;
			goto done;
		}
		if ((rc = store_exec(rq->db, e,
				     "INSERT INTO mon_held_counts(who, dataset, config, rounded, file,"
				     " body, held_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				     "ttti" "tbt", rq->user->name, dataset,
				     str_blank(config) ? NULL : config, (int64_t)n_round, u.file,
				     f->value, f->len, now)) < 0) {
			store_rollback(rq->db);
			goto done;
		}
		buf_printf(&to, "/monitoring/replace-counts?id=%lld", (long long)store_last_id(rq->db));
		if ((rc = store_commit(rq->db, e)) < 0) {
			store_rollback(rq->db);
			goto done;
		}
		web_redirect(rs, buf_str(&to));
		rc = 0;
		goto done;
	}
	rc = counts_store(rq, rs, &u, &cr, 0, e);
done:
	buf_free(&to);
	counts_run_free(&cr);
	upload_state_free(&u);
	free(dataset);
	return rc;
}

/* A count table held for confirmation, as the request's id names it. */
struct held_counts {
	int64_t id;
	char dataset[DS_NAME_MAX];
	char *config, *file; /* owned; config NULL when none */
	int64_t rounded;
	struct buf body;
};

static void held_counts_free(struct held_counts *h)
{
	free(h->config);
	free(h->file);
	buf_free(&h->body);
}

/* Load the held count table named by the request's id, if it is the
 * user's (ERR_NOTFOUND otherwise). */
static int held_counts_load(struct web_req *rq, struct held_counts *h, struct err *e)
{
	const char *s = web_param(rq, "id");
	store_stmt_t *st;
	long v;
	int rc;
	memset(h, 0, sizeof *h);
	if (!s || str_to_int(s, 1, 2000000000L, &v) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no upload waiting to be confirmed here.");
	if (store_prepare(rq->db, &st, e,
			  "SELECT dataset, config, rounded, file, body FROM mon_held_counts"
			  " WHERE id = ? AND who = ?",
			  "it", (int64_t)v, rq->user->name) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		size_t n = 0;
		const void *b = store_col_blob(st, 4, &n);
		h->id = v;
		snprintf(h->dataset, sizeof h->dataset, "%s", store_col_text(st, 0));
		h->config = store_col_text(st, 1) ? xstrdup(store_col_text(st, 1)) : NULL;
		h->rounded = store_col_int(st, 2);
		h->file = xstrdup(store_col_text(st, 3));
		h->body.max = (size_t)1 << 30;
		buf_append(&h->body, b ? b : "", n);
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (!h->id)
		return err_set(e, ERR_NOTFOUND, "There is no upload of yours waiting to be "
			       "confirmed here: it was confirmed or cancelled, or waited over an "
			       "hour. Upload the file again from the monitoring data page.");
	return 0;
}

/* Read the held table again as it was sent (u gets its problems). */
static int held_counts_read(struct web_req *rq, struct held_counts *h, struct upload_state *u,
			    struct counts_run *cr, struct err *e)
{
	memset(u, 0, sizeof *u);
	memset(cr, 0, sizeof *cr);
	u->counts = 1;
	u->dataset = h->dataset;
	u->config = h->config;
	snprintf(u->file, sizeof u->file, "%s", h->file);
	return counts_read(rq, u, cr, h->body.data ? h->body.data : "", h->body.len, h->dataset,
			   h->config, (long)h->rounded, e);
}

static int replace_counts_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct held_counts h;
	struct counts_run cr;
	struct upload_state u;
	struct buf list = BUF_INIT, added = BUF_INIT, t = BUF_INIT, names = BUF_INIT;
	int64_t n_old = 0, n_flags = 0;
	char num[32], pw[PERIOD_WORDS], dl[DS_NAME_MAX];
	size_t p;
	int rc;

	memset(&u, 0, sizeof u);
	memset(&cr, 0, sizeof cr);
	if ((rc = held_counts_load(rq, &h, e)) < 0)
		return rc;
	if ((rc = held_counts_read(rq, &h, &u, &cr, e)) < 0)
		goto done;
	if (u.n_errs) {
		rc = upload_fail(rq, rs, &u, e);
		goto done;
	}
	if ((rc = counts_existing(rq, &cr, h.dataset, &n_old, &n_flags, &list, &names, e)) < 0)
		goto done;
	for (p = 0; p < cr.ci.counts.n_periods; p++) {
		int64_t rows = -1;
		if ((rc = store_query_int(rq->db, &rows, e,
					  "SELECT COUNT(*) - 1 FROM mon_import i WHERE dataset = ? AND"
					  " period = ? AND" MON_IMPORT_SHOWN,
					  "tt", h.dataset, cr.ci.counts.periods[p])) < 0)
			goto done;
		if (rows < 0)
			buf_printf(&added, "%s%s", added.len ? ", " : "",
				   mon_web_period(cr.ci.counts.periods[p], pw));
	}
	mon_web_dataset_title(h.dataset, dl, sizeof dl);
	buf_printf(&t, "Replace %s, %s?", dl, buf_str(&names));
	web_page_begin(rq, rs, buf_str(&t), SEC_MONITORING);
	web_printf(rs, "<a href=\"/monitoring\" class=\"govuk-back-link\">Monitoring data</a>\n"
		       "<span class=\"govuk-caption-l\">Check before replacing</span>\n"
		       "<h1 class=\"govuk-heading-l\">%s, %s, %s already imported: replace "
		       "%s?</h1>\n",
		   dl, buf_str(&names), n_old == 1 ? "is" : "are",
		   n_old == 1 ? "it" : "them");
	web_raw(rs, "<p class=\"govuk-body\">The table has been checked and has no problems. "
		    "Nothing has changed yet: the periods below are replaced only when you "
		    "confirm.</p>\n<dl class=\"govuk-summary-list\">\n");
	summary_row(rs, "Dataset", mon_web_dataset_label(h.dataset));
	summary_row(rs, "New file", str_file_name(h.file));
	summary_row(rs, "Periods replaced", buf_str(&list));
	if (added.len)
		summary_row(rs, "Periods added", buf_str(&added));
	str_count(num, n_flags);
	buf_reset(&t);
	buf_printf(&t, "%s flag%s", num, n_flags == 1 ? "" : "s");
	summary_row(rs, "Open flags removed", buf_str(&t));
	web_raw(rs, "</dl>\n<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
		    "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
		    "<span class=\"govuk-visually-hidden\">Warning</span> The counts imported now "
		    "for those periods are deleted, and their open flags no one has explained or "
		    "acted on are raised again from the new counts. Flags that were explained, "
		    "acted on or closed are kept.</strong></div>\n");
	web_printf(rs, "<form method=\"post\" action=\"/monitoring/replace-counts\" novalidate>\n"
		       "<input type=\"hidden\" name=\"id\" value=\"%lld\">\n", (long long)h.id);
	web_csrf_field(rq, rs);
	web_raw(rs, "<div class=\"govuk-button-group\">\n"
		    "<button type=\"submit\" name=\"do\" value=\"confirm\" class=\"govuk-button\" "
		    "data-module=\"govuk-button\">Confirm and replace</button>\n"
		    "<button type=\"submit\" name=\"do\" value=\"cancel\" "
		    "class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
		    "Cancel</button>\n</div>\n</form>\n");
	web_page_end(rq, rs);
	rc = 0;
done:
	buf_free(&list);
	buf_free(&added);
	buf_free(&t);
	buf_free(&names);
	counts_run_free(&cr);
	upload_state_free(&u);
	held_counts_free(&h);
	return rc;
}

static int replace_counts_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *what = web_param(rq, "do");
	struct held_counts h;
	struct counts_run cr;
	struct upload_state u;
	int rc;

	memset(&u, 0, sizeof u);
	memset(&cr, 0, sizeof cr);
	if ((rc = held_counts_load(rq, &h, e)) < 0)
		return rc;
	if (!what || (strcmp(what, "confirm") && strcmp(what, "cancel"))) {
		rc = err_set(e, ERR_USAGE, "Choose Confirm and replace, or Cancel.");
		goto done;
	}
	if (!strcmp(what, "cancel")) {
		char flash[DS_NAME_MAX + 80];
		if ((rc = web_begin(rq, rs, CAP_IMPORT_DATA, e)) != 0) {
			rc = rc < 0 ? rc : 0;
			goto done;
		}
		if ((rc = store_exec(rq->db, e, "DELETE FROM mon_held_counts WHERE id = ?", "i",
				     h.id)) < 0 ||
		    (rc = store_commit(rq->db, e)) < 0) {
			store_rollback(rq->db);
			goto done;
		}
		snprintf(flash, sizeof flash, "Nothing was changed: the %s count tables were not "
			 "replaced.", mon_web_dataset_label(h.dataset));
		web_flash(rq, flash);
		web_redirect(rs, "/monitoring");
		goto done;
	}
	if ((rc = held_counts_read(rq, &h, &u, &cr, e)) < 0)
		goto done;
	if (u.n_errs) /* a kept config changed or went since */
		rc = upload_fail(rq, rs, &u, e);
	else
		rc = counts_store(rq, rs, &u, &cr, h.id, e);
done:
	counts_run_free(&cr);
	upload_state_free(&u);
	held_counts_free(&h);
	return rc;
}

/* ---- the report -----------------------------------------------------------*/

/* The method choices a report page may carry: ref_CHARACTERISTIC (a
 * group's name, or highest, rest, overall; blank or absent: the usual
 * reference) and per (1000: rates per 1,000 people). ref_param fills
 * name with c's parameter name and returns its value (NULL or blank when
 * none); per_1000 says whether per=1000 was asked for. */
static const char *ref_param(struct web_req *rq, enum mon_char c, char name[48])
{
	snprintf(name, 48, "ref_%s", mon_char_name(c));
	return web_param(rq, name);
}

static int per_1000(struct web_req *rq)
{
	const char *v = web_param(rq, "per");
	return v && !strcmp(v, "1000");
}

static void settings_from_request(struct web_req *rq, struct mon_settings *set)
{
	mon_settings_default(set);
	for (int c = 0; c < MC_COUNT; c++) {
		char name[48];
		const char *v = ref_param(rq, (enum mon_char)c, name);
		if (!str_blank(v) && strcmp(v, "default") != 0)
			mon_settings_set_ref(set, (enum mon_char)c, v);
	}
	if (per_1000(rq))
		set->per = 1000;
}

/* "&ref_ethnicity=rest&per=1000": the request's method choices, for
 * links that must keep them. */
static void choices_query(struct web_req *rq, struct buf *b)
{
	for (int c = 0; c < MC_COUNT; c++) {
		char name[48];
		const char *v = ref_param(rq, (enum mon_char)c, name);
		if (str_blank(v))
			continue;
		buf_printf(b, "&%s=", name);
		web_urlenc(b, v);
	}
	if (per_1000(rq))
		buf_puts(b, "&per=1000");
}

/* The request's method choices as hidden inputs of a GET form. */
static void choices_hidden(struct web_req *rq, struct web_resp *rs)
{
	for (int c = 0; c < MC_COUNT; c++) {
		char name[48];
		const char *v = ref_param(rq, (enum mon_char)c, name);
		if (!str_blank(v))
			web_printf(rs, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, v);
	}
	if (per_1000(rq))
		web_raw(rs, "<input type=\"hidden\" name=\"per\" value=\"1000\">\n");
}

/* The "Compare with" form: for each characteristic of the report, the
 * usual reference, any of its recorded groups, everyone else, everyone
 * together or the highest rate; and rates per 100 or per 1,000. A plain
 * GET form, so the choice is in the address and can be shared. */
static void choices_form(struct web_req *rq, struct web_resp *rs,
			 const struct mon_period_report *pr, const char *unit, const char *action,
			 int part)
{
	static const char *const modes[][2] = {{"rest", "Everyone else"},
					       {"overall", "Everyone together"},
					       {"highest", "The group with the highest rate"}};
	const struct agg *a = pr->agg;

	web_raw(rs, "<details class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">"
		    "<span class=\"govuk-details__summary-text\">Change who each group is "
		    "compared with</span></summary>\n<div class=\"govuk-details__text\">\n");
	web_printf(rs, "<form method=\"get\" action=\"%s\" novalidate>\n", action);
	web_printf(rs,
		   "<input type=\"hidden\" name=\"dataset\" value=\"%s\">\n"
		   "<input type=\"hidden\" name=\"period\" value=\"%s\">\n",
		   pr->dataset, pr->rep.period);
	if (unit)
		web_printf(rs, "<input type=\"hidden\" name=\"unit\" value=\"%s\">\n", unit);
	for (int c = 0; c < MC_COUNT; c++) {
		char name[48];
		const char *cur;
		if (!a || !mon_report_has_char(&pr->rep, (enum mon_char)c))
			continue;
		cur = ref_param(rq, (enum mon_char)c, name);
		if (part >= 0 && c != part) { /* another page's: kept as it is */
			if (!str_blank(cur))
				web_printf(rs, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n",
					   name, cur);
			continue;
		}
		web_printf(rs,
			   "<div class=\"govuk-form-group\">\n<label class=\"govuk-label\" "
			   "for=\"%s\">%s: compare each group with</label>\n"
			   "<select class=\"govuk-select\" id=\"%s\" name=\"%s\">\n"
			   "<option value=\"\">The usual reference group</option>\n",
			   name, mon_char_label((enum mon_char)c), name, name);
		for (size_t g = 0; g < a->n_groups[c]; g++) {
			if (a->group_kind[c][g] != MK_RECORDED)
				continue;
			web_printf(rs, "<option value=\"%s\"%s>%s</option>\n", a->groups[c][g],
				   cur && str_eq_ci(cur, a->groups[c][g]) ? " selected" : "",
				   a->groups[c][g]);
		}
		for (size_t k = 0; k < sizeof modes / sizeof modes[0]; k++)
			web_printf(rs, "<option value=\"%s\"%s>%s</option>\n", modes[k][0],
				   cur && !strcmp(cur, modes[k][0]) ? " selected" : "",
				   modes[k][1]);
		web_raw(rs, "</select>\n</div>\n");
	}
	web_printf(rs,
		   "<div class=\"govuk-form-group\">\n<label class=\"govuk-label\" for=\"per\">Show "
		   "rates</label>\n<select class=\"govuk-select\" id=\"per\" name=\"per\">\n"
		   "<option value=\"100\">As percentages</option>\n"
		   "<option value=\"1000\"%s>Per 1,000 people</option>\n</select>\n</div>\n",
		   per_1000(rq) ? " selected" : "");
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
		    "data-module=\"govuk-button\">Show the report</button>\n</form>\n"
		    "</div>\n</details>\n");
}

/* Build the report named by the request's dataset, period and unit. */
static int report_from_request(struct web_req *rq, struct mon_period_report *pr,
			       const char **unit, struct err *e)
{
	const char *dataset = web_param(rq, "dataset"), *period = web_param(rq, "period");
	struct mon_settings set;
	struct period pp;
	struct err re;
	char pw[PERIOD_WORDS];
	int rc;

	*unit = web_param(rq, "unit");
	if (str_blank(*unit) || !strcmp(*unit, "All"))
		*unit = NULL;
	memset(pr, 0, sizeof *pr);
	if (str_blank(dataset) || str_blank(period))
		return err_set(e, ERR_USAGE, "Choose a dataset and period from the monitoring data "
			       "page (/monitoring).");
	if (period_parse(period, &pp, NULL) == 0)
		period = pp.text; /* as stored: 2011q3 is 2011Q3 */
	settings_from_request(rq, &set);
	err_clear(&re);
	rc = mon_report_period(rq->db, dataset, period, *unit, &set, NULL, 0, pr, &re);
	if (rc == ERR_USAGE)
		return err_set(e, rc, "Choose the group to compare with from the list on the report "
			       "page: %s.", re.msg);
	if (rc == ERR_NOTFOUND && *unit)
		return err_set(e, rc, "There is no unit '%s' in %s, %s.", *unit,
			       mon_web_dataset_label(dataset), mon_web_period(period, pw));
	if (rc == ERR_NOTFOUND)
		return err_set(e, rc, "There is no %s data for %s. The monitoring data page "
			       "lists what has been imported.", mon_web_dataset_label(dataset),
			       mon_web_period(period, pw));
	if (rc < 0)
		return err_set(e, rc, "%s", re.msg);
	return 0;
}

static const char *const download_kinds[][3] = {
	/* suffix, link text, content type */
	{"html", "Printable web page (HTML)", "text/html; charset=utf-8"},
	{"xlsx", "Spreadsheet (XLSX)",
	 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	{"csv", "Comparisons table (CSV)", "text/csv; charset=utf-8"},
	{"json", "Data (JSON)", "application/json"},
};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The links between the report's pages: the overview and one page per
 * characteristic it has (issue 15: one page was up to 193,000 px tall);
 * current is the characteristic shown, or -1 for the overview. */
static void report_pages(struct web_req *rq, struct web_resp *rs,
			 const struct mon_period_report *pr, const char *unit, int current)
{
	struct buf href = BUF_INIT;
	int c;
	web_raw(rs, "<nav class=\"parity-report-pages\" aria-labelledby=\"report-pages\">\n"
		    "<h2 class=\"govuk-heading-m\" id=\"report-pages\">Comparisons by group, by "
		    "characteristic</h2>\n<ul class=\"govuk-list\">\n");
	if (current >= 0) {
		mon_web_report_href(&href, "/monitoring/report", pr->dataset, pr->rep.period, unit);
		choices_query(rq, &href);
		web_printf(rs, "<li><a class=\"govuk-link\" href=\"%s\">Overview: summary, flags not closed "
			       "and method</a></li>\n", buf_str(&href));
	}
	for (c = 0; c < MC_COUNT; c++) {
		char path[96];
		if (!mon_report_char_count(&pr->rep, (enum mon_char)c))
			continue;
		snprintf(path, sizeof path, "/monitoring/report/%s", mon_char_name((enum mon_char)c));
		buf_reset(&href);
		mon_web_report_href(&href, path, pr->dataset, pr->rep.period, unit);
		choices_query(rq, &href);
		if (c == current)
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"%s\" aria-current=\"page\">"
				       "%s</a></li>\n", buf_str(&href), mon_char_label((enum mon_char)c));
		else
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"%s\">%s</a></li>\n",
				   buf_str(&href), mon_char_label((enum mon_char)c));
	}
	web_raw(rs, "</ul>\n</nav>\n");
	buf_free(&href);
}

/* A report page: the overview (part -1) or characteristic part's page. */
static int report_render(struct web_req *rq, struct web_resp *rs, int part, struct err *e)
{
	struct mon_period_report pr;
	struct buf frag = BUF_INIT, href = BUF_INIT, title = BUF_INIT, self = BUF_INIT;
	const char *unit;
	const char **units;
	size_t i;
	char pw[PERIOD_WORDS];
	int rc;

	if ((rc = report_from_request(rq, &pr, &unit, e)) < 0)
		goto done;
	if (part >= 0 && !mon_report_char_count(&pr.rep, (enum mon_char)part)) {
		rc = err_set(e, ERR_NOTFOUND, "The report of %s, %s, has no figures for %s.",
			     mon_web_dataset_label(pr.dataset), mon_web_period(pr.rep.period, pw),
			     mon_char_label((enum mon_char)part));
		goto done;
	}
	if (part < 0)
		rc = mon_render_html_overview(&pr.rep, "/monitoring/flag/", "/plan/action/", &frag, e);
	else
		rc = mon_render_html_char(&pr.rep, (enum mon_char)part, "/monitoring/flag/",
					  "/plan/action/", &frag, e);
	if (rc < 0)
		goto done;
	if (part < 0)
		buf_puts(&self, "/monitoring/report");
	else
		buf_printf(&self, "/monitoring/report/%s", mon_char_name((enum mon_char)part));
	mon_web_period(pr.rep.period, pw);
	buf_printf(&title, "Diversity report: %s, %s%s%s%s%s", mon_web_dataset_label(pr.dataset), pw,
		   unit ? ", " : "", unit ? unit : "", part >= 0 ? ": " : "",
		   part >= 0 ? mon_char_label((enum mon_char)part) : "");
	web_page_begin(rq, rs, buf_str(&title), SEC_MONITORING);
	if (part < 0) {
		web_printf(rs,
			   "<a href=\"/monitoring\" class=\"govuk-back-link\">Monitoring data</a>\n"
			   "<span class=\"govuk-caption-l\">Diversity report</span>\n"
			   "<h1 class=\"govuk-heading-l\">%s, %s%s%s</h1>\n",
			   mon_web_dataset_label(pr.dataset), pw, unit ? ": " : "",
			   unit ? unit : "");
	} else {
		mon_web_report_href(&href, "/monitoring/report", pr.dataset, pr.rep.period, unit);
		choices_query(rq, &href);
		web_printf(rs,
			   "<a href=\"%s\" class=\"govuk-back-link\">Report overview</a>\n"
			   "<span class=\"govuk-caption-l\">Diversity report: %s, %s%s%s</span>\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n",
			   buf_str(&href), mon_web_dataset_label(pr.dataset), pw,
			   unit ? ": " : "", unit ? unit : "", mon_char_label((enum mon_char)part));
	}
	/* a comparison group chosen for this report, said near the top */
	buf_reset(&href);
	mon_report_ref_note(&pr.rep, part, &href);
	if (href.len)
		web_printf(rs, "<div class=\"govuk-inset-text\" id=\"reference-note\">%s</div>\n",
			   buf_str(&href));
	buf_reset(&href);

	/* Units: the whole organisation or one unit (a plain GET form). */
	if (pr.agg && pr.agg->n_units > 1) {
		web_printf(rs, "<form method=\"get\" action=\"%s\" class=\"parity-filters\" "
			       "novalidate>\n", buf_str(&self));
		choices_hidden(rq, rs);
		web_printf(rs,
			   "<input type=\"hidden\" name=\"dataset\" value=\"%s\">\n"
			   "<input type=\"hidden\" name=\"period\" value=\"%s\">\n"
			   "<div class=\"govuk-form-group\">\n<label class=\"govuk-label\" "
			   "for=\"unit\">Show the report for</label>\n"
			   "<select class=\"govuk-select\" id=\"unit\" name=\"unit\">\n"
			   "<option value=\"\">All units</option>\n",
			   pr.dataset, pr.rep.period);
		units = xcalloc(pr.agg->n_units, sizeof *units);
		for (i = 1; i < pr.agg->n_units; i++)
			units[i - 1] = pr.agg->units[i];
		qsort(units, pr.agg->n_units - 1, sizeof *units, by_name);
		for (i = 0; i + 1 < pr.agg->n_units; i++)
			web_printf(rs, "<option value=\"%s\"%s>%s</option>\n", units[i],
				   unit && !strcmp(unit, units[i]) ? " selected" : "", units[i]);
		free(units);
		web_raw(rs, "</select>\n</div>\n<div class=\"govuk-form-group "
			    "parity-report-filter-submit\"><button type=\"submit\" "
			    "class=\"govuk-button govuk-button--secondary\" "
			    "data-module=\"govuk-button\">Show</button></div>\n</form>\n");
	}

	choices_form(rq, rs, &pr, unit, buf_str(&self), part);

	if (part < 0) {
		web_raw(rs, "<h2 class=\"govuk-heading-m\">Download this report</h2>\n"
			    "<p class=\"govuk-body\">Each download holds the whole report, every "
			    "characteristic together.</p>\n<ul class=\"govuk-list\">\n");
		for (i = 0; i < sizeof download_kinds / sizeof download_kinds[0]; i++) {
			char path[64];
			snprintf(path, sizeof path, "/monitoring/report.%s", download_kinds[i][0]);
			buf_reset(&href);
			mon_web_report_href(&href, path, pr.dataset, pr.rep.period, unit);
			choices_query(rq, &href);
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"%s\" download>%s</a></li>\n",
				   buf_str(&href), download_kinds[i][1]);
		}
		web_raw(rs, "</ul>\n");
		report_pages(rq, rs, &pr, unit, part);
		web_raw(rs, buf_str(&frag)); /* report_html.c escapes every value it writes */
	} else {
		web_raw(rs, buf_str(&frag));
		report_pages(rq, rs, &pr, unit, part);
	}
	web_page_end(rq, rs);
	rc = 0;
done:
	buf_free(&frag);
	buf_free(&href);
	buf_free(&title);
	buf_free(&self);
	mon_period_report_free(&pr);
	return rc;
}

static int report_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return report_render(rq, rs, -1, e);
}

/* /monitoring/report/ethnicity?dataset=...&period=...: one characteristic. */
static int report_char_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	enum mon_char c;
	if (!rq->arg || mon_char_from_name(rq->arg, &c) < 0)
		return err_set(e, ERR_NOTFOUND, "The Diversity Report has no page '%s'. Open the "
			       "report from the monitoring data page.", rq->arg ? rq->arg : "");
	return report_render(rq, rs, (int)c, e);
}

static int write_xlsx(const void *ctx, const char *path, struct err *e)
{
	return mon_render_xlsx(ctx, path, e);
}

/* The workbook as bytes (render/xlsx.h). */
static int render_xlsx(const struct mon_report *r, struct buf *b, struct err *e)
{
	return rx_bytes(write_xlsx, r, b, e);
}

/* "diversity-service-users-2011Q3[-unit].ext", safe characters only. */
static void download_name(char *out, size_t size, const char *dataset, const char *period,
			  const char *unit, const char *ext)
{
	size_t i;
	snprintf(out, size, "diversity-%s-%s%s%s.%s", dataset, period, unit ? "-" : "",
		 unit ? unit : "", ext);
	for (i = 0; out[i]; i++) {
		char c = out[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			out[i] = '-';
	}
}

static int download(struct web_req *rq, struct web_resp *rs, size_t kind, struct err *e)
{
	struct mon_period_report pr;
	struct buf b = BUF_INIT;
	const char *unit, *ext = download_kinds[kind][0];
	char name[256];
	int rc;

	if ((rc = report_from_request(rq, &pr, &unit, e)) < 0)
		goto done;
	if (!strcmp(ext, "html"))
		rc = mon_render_html(&pr.rep, &b, e);
	else if (!strcmp(ext, "xlsx"))
		rc = render_xlsx(&pr.rep, &b, e);
	else if (!strcmp(ext, "csv"))
		mon_render_csv(&pr.rep, &b);
	else
		mon_render_json(&pr.rep, &b);
	if (rc == 0 && b.failed)
		rc = err_set(e, ERR_INTERNAL, "the report is too large to send");
	if (rc < 0)
		goto done;
	download_name(name, sizeof name, pr.dataset, pr.rep.period, unit, ext);
	web_send(rs, download_kinds[kind][2], b.data ? b.data : "", b.len, name);
done:
	buf_free(&b);
	mon_period_report_free(&pr);
	return rc;
}

static int report_html_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return download(rq, rs, 0, e);
}

static int report_xlsx_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return download(rq, rs, 1, e);
}

static int report_csv_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return download(rq, rs, 2, e);
}

static int report_json_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return download(rq, rs, 3, e);
}

/* ---- the route table -------------------------------------------------------*/

const struct web_route monitor_pages[] = {
	{"GET", "/monitoring", CAP_READ_PLAN, data_page},
	{"GET", "/monitoring/configs", CAP_IMPORT_DATA, monitor_configs_page},
	{"GET", "/monitoring/flag/*", CAP_READ_PLAN, monitor_flag_page},
	{"GET", "/monitoring/flags", CAP_READ_PLAN, monitor_flags_page},
	{"GET", "/monitoring/replace", CAP_IMPORT_DATA, replace_page},
	{"GET", "/monitoring/replace-counts", CAP_IMPORT_DATA, replace_counts_page},
	{"GET", "/monitoring/report", CAP_READ_PLAN, report_page},
	{"GET", "/monitoring/report.csv", CAP_READ_PLAN, report_csv_page},
	{"GET", "/monitoring/report.html", CAP_READ_PLAN, report_html_page},
	{"GET", "/monitoring/report.json", CAP_READ_PLAN, report_json_page},
	{"GET", "/monitoring/report.xlsx", CAP_READ_PLAN, report_xlsx_page},
	{"GET", "/monitoring/report/*", CAP_READ_PLAN, report_char_page},
	{"POST", "/monitoring/configs", CAP_IMPORT_DATA, monitor_configs_post},
	{"POST", "/monitoring/flag/*", CAP_HANDLE_FLAGS, monitor_flag_post},
	{"POST", "/monitoring/replace", CAP_IMPORT_DATA, replace_post},
	{"POST", "/monitoring/replace-counts", CAP_IMPORT_DATA, replace_counts_post},
	{"POST", "/monitoring/upload", CAP_IMPORT_DATA, upload_post},
	{"POST", "/monitoring/upload-counts", CAP_IMPORT_DATA, upload_counts_post},
};
const size_t monitor_n_pages = sizeof monitor_pages / sizeof monitor_pages[0];

static const struct web_nav monitor_nav[] = {
	{30, SEC_MONITORING, CAP_READ_PLAN, "/monitoring", "Monitoring"},
};

static const struct web_audit_word monitor_audit_words[] = {
	{"data.config", "Kept a dataset's config"},
	{"data.import", "Imported monitoring data"},
	{"data.import-counts", "Imported count tables"},
	{"flag.act", "Created an action for a flag"},
	{"flag.close", "Closed a flag"},
	{"flag.explain", "Explained a flag"},
	{"flag.link", "Linked a flag to an action in the plan"},
	{"flag.link", "Linked a flag to an action"},
};

const struct room monitor_room = {"monitoring", monitor_commands, monitor_pages,
				  sizeof monitor_pages / sizeof monitor_pages[0], monitor_nav,
				  sizeof monitor_nav / sizeof monitor_nav[0], monitor_audit_words,
				  sizeof monitor_audit_words / sizeof monitor_audit_words[0]};
