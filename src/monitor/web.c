/*
 * monitor/web: the monitoring room's pages in parity serve — the imported
 * datasets and periods with an upload form, the import of an uploaded
 * extract, the Diversity Report inside a page with its downloads, and the
 * route table (the flag pages are in web_flags.c). Server-rendered GOV.UK
 * Frontend markup that works without JavaScript.
 *
 * An upload is imported with exactly what `parity data import` runs
 * (mon_import_csv in ops.c), reading the uploaded bytes in memory (the CSV
 * reader has a memory source), so nothing is written to disk. The import
 * and its audit entry are one transaction: a file with any bad row
 * changes nothing, and the page lists every problem by line and column.
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
#include <unistd.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/internal.h"
#include "monitor/monitor.h"
#include "monitor/sheetcsv.h"
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
	for (i = 0; name && i < N_PRESETS; i++)
		if (!strcmp(name, preset_names[i]))
			return preset_labels[i];
	return name ? name : "";
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

/* A problem of an upload, kept for the error table. */
struct shown_problem {
	long line, col;
	char *column, *value, *what;
	char letters[8]; /* a spreadsheet's column (col means nothing there) */
};

/* What a failed upload shows again. */
struct upload_state {
	struct web_field_error errs[3];
	int n_errs;
	char msg[3][1100];	    /* the messages errs point to */
	const char *dataset, *period; /* as sent */
	char file[WEB_FILE_NAME_MAX]; /* the uploaded file's name */
	struct shown_problem *rows; /* the first PROBLEMS_SHOWN problems */
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
	if (u->n_errs >= 3)
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
		free(u->rows[i].value);
		free(u->rows[i].what);
	}
	free(u->rows);
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
		char rows[32], flags[32], when[48];
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
			   ds, buf_str(&href), period, ds,
			   !strcmp(store_col_text(st, 2), "counts") ? "Aggregate counts"
								    : "Person-level rows",
			   rows, flags, when, store_col_text(st, 5) ? store_col_text(st, 5) : "");
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

/* The table of every problem of an upload counted by kind and value. */
static void kind_table(struct web_resp *rs, struct upload_state *u)
{
	size_t n, i;
	const struct mon_tally_entry *v = mon_tally_entries(u->tally, &n);
	struct buf d = BUF_INIT;
	int64_t rest = 0;
	char num[32], line[32];

	if (n == 0)
		return;
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
}

/* The table of every problem an upload had. */
static void problem_table(struct web_resp *rs, const struct upload_state *u)
{
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
		   (int64_t)u->n_rows < u->n_problems ? "; the first ones, row by row" : "");
	web_printf(rs, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">%s</th>",
		    u->sheet ? "Row" : "Line");
	web_raw(rs, ""
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Column</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Column name</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Value</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">What is wrong</th>"
		    "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (i = 0; i < u->n_rows; i++) {
		const struct shown_problem *p = &u->rows[i];
		char col[24];
		if (u->sheet)
			snprintf(col, sizeof col, "%s", p->letters);
		else
			snprintf(col, sizeof col, "%ld", p->col);
		web_printf(rs,
			   "<tr class=\"govuk-table__row\">"
			   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%ld</td>"
			   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell\"><code>%s</code></td>"
			   "<td class=\"govuk-table__cell\">%s</td></tr>\n",
			   p->line, col, p->column[0] ? p->column : "(the whole row)", p->value,
			   p->what);
	}
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
	if ((int64_t)u->n_rows < u->n_problems) {
		char more[32];
		str_count(more, u->n_problems - (int64_t)u->n_rows);
		web_printf(rs, "<p class=\"govuk-body\">And %s more problem%s not listed here.</p>\n",
			   more, u->n_problems - (int64_t)u->n_rows == 1 ? "" : "s");
	}
}

/* The upload form, with what was sent and its errors when u is set. */
static void upload_form(struct web_req *rq, struct web_resp *rs, const struct upload_state *u)
{
	const struct web_field_error *errs = u ? u->errs : NULL;
	int n = u ? u->n_errs : 0;
	struct web_field ds = {"dataset", "dataset", "Dataset",
			       "What the extract is about. The columns each needs are listed in "
			       "docs/datasets.md.",
			       u && u->dataset ? u->dataset : "service-users", NULL, NULL};
	struct web_field period = {"period", "period", "Period",
				   "The period the extract covers, as written in its period column: "
				   "a year (2011), a quarter (2011Q3), a month (2011-07) or a "
				   "financial year, April to March (FY2011-12). Importing a period "
				   "again replaces it.",
				   u ? u->period : NULL, "govuk-input--width-10", NULL};
	struct web_field file = {"file", "file", "CSV or spreadsheet file",
				 "A CSV file with a header row, or a spreadsheet (.xlsx, .ods, .xls) "
				 "whose first sheet has one. Every row is checked first: if any "
				 "row has a problem, nothing is imported and each problem is listed.",
				 NULL, NULL, "accept=\".csv,text/csv,.xlsx,.ods,.xls\""};

	/* the token also in the action's query: the server judges an upload
	 * before reading its body (docs/web.md, "Limits") */
	web_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"import\">Import a monitoring extract</h2>\n"
		       "<form method=\"post\" action=\"/monitoring/upload?csrf=%s\" "
		       "enctype=\"multipart/form-data\" novalidate>\n", rq->csrf);
	web_csrf_field(rq, rs);
	web_select(rs, &ds, preset_names, preset_labels, N_PRESETS, errs, n);
	web_input(rs, &period, "text", errs, n);
	web_input(rs, &file, "file", errs, n);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Import</button>\n</form>\n");
}

/* The monitoring data page; u is the failed upload to show again, or NULL. */
static int data_page_render(struct web_req *rq, struct web_resp *rs, struct upload_state *u,
			    struct err *e)
{
	int64_t open = 0;
	int rc;

	if (store_query_int(rq->db, &open, e, "SELECT COUNT(*) FROM mon_flag WHERE state = 'open'",
			    "") < 0)
		return ERR_DB;
	web_page_begin(rq, rs, u && u->n_errs ? "Error: Monitoring data" : "Monitoring data",
		       SEC_MONITORING);
	if (u && u->n_errs)
		web_error_summary(rs, u->errs, u->n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Monitoring data</h1>\n"
		    "<p class=\"govuk-body-l\">Monitoring extracts about service users, staff and "
		    "applicants, and the Diversity Report of each period.</p>\n");
	web_printf(rs,
		   "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/monitoring/flags\">"
		   "Flags</a>: %lld open, waiting for an explanation or an action.</p>\n",
		   (long long)open);
	if ((rc = list_imports(rq, rs, e)) < 0)
		return rc;
	if (u && u->n_problems) {
		kind_table(rs, u);
		problem_table(rs, u);
	}
	if (web_can(rq, CAP_IMPORT_DATA))
		upload_form(rq, rs, u);
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
	struct shown_problem *s;
	int cut = 0;
	int n;
	u->n_problems++;
	if (u->n_rows >= PROBLEMS_SHOWN)
		return;
	if (!u->rows)
		u->rows = xcalloc(PROBLEMS_SHOWN, sizeof *u->rows);
	s = &u->rows[u->n_rows++];
	s->line = p->line;
	s->col = p->col;
	s->letters[0] = '\0';
	if (u->sheet)
		mon_sheet_col(u->sheet, p->column, s->letters);
	s->column = xstrdup(p->column);
	n = str_utf8_prefix(p->value, VALUE_SHOWN, &cut);
	s->value = xmalloc((size_t)n + 4);
	memcpy(s->value, p->value, (size_t)n);
	if (cut)
		memcpy(s->value + n, "\xe2\x80\xa6", 4); /* … */
	else
		s->value[n] = '\0';
	s->what = xstrdup(p->what);
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

/* The audit entry of an upload, written in the transaction that swaps the
 * import in (mon_import_job.in_swap), so that the import and its entry
 * are one. */
struct upload_audit {
	struct web_req *rq;  /* the request: who */
	struct web_resp *rs; /* for the 403 page */
	const char *target;  /* "service-users 2011Q3" */
	const char *file;    /* the uploaded file's name */
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
	(void)db;
	if ((rc = web_recheck(a->rq, a->rs, CAP_IMPORT_DATA, e)) != 0) {
		if (rc > 0)
			a->forbidden = 1;
		return rc < 0 ? rc : err_set(e, ERR_DATA, "no longer allowed to import data");
	}
	snprintf(before, sizeof before, "%lld rows", (long long)j->old_rows);
	snprintf(after, sizeof after, "%lld rows from %s", (long long)j->rows, a->file);
	return web_audit(a->rq, "data.import", a->target, j->old_rows >= 0 ? before : NULL, after,
			 e);
}

static int upload_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const struct web_param *f = web_upload(rq, "file");
	const char *dataset = web_param(rq, "dataset");
	struct upload_state u;
	struct mon_import_job job;
	struct dataset ds;
	struct err ie;
	struct buf msg = BUF_INIT, to = BUF_INIT;
	char *period = str_trim_dup(web_param(rq, "period") ? web_param(rq, "period") : "");
	char rows[32], target[128], canon[PERIOD_TEXT];
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
	for (i = 0; dataset && i < N_PRESETS; i++)
		known |= !strcmp(dataset, preset_names[i]);
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
	if ((rc = dataset_preset(dataset, &ds, e)) < 0)
		goto done;
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
	/* short transactions of its own, the audit entry in the one that
	 * swaps the import in (issue 13, finding 8) */
	snprintf(target, sizeof target, "%s %s", ds.name, period);
	audit.rq = rq;
	audit.rs = rs;
	audit.forbidden = 0;
	audit.target = target;
	audit.file = u.file;
	job.staged = 1;
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
		if (job.n_errors > 0)
			upload_error(&u, "file",
				     "%s has %lld problem%s, listed below; nothing was imported. "
				     "Correct the file and upload it again",
				     u.file, (long long)u.n_problems, u.n_problems == 1 ? "" : "s");
		if (job.n_errors == 0 || job.file_error)
			upload_error(&u, "file", "%s; nothing was imported", ie.msg);
		rc = upload_fail(rq, rs, &u, e);
		goto done;
	}
	str_count(rows, job.rows);
	buf_printf(&msg, "Imported %s %s from %s: %s rows", ds.name, period, u.file, rows);
	if (job.old_rows >= 0)
		buf_puts(&msg, ", replacing the earlier import");
	buf_printf(&msg, ". %d flag%s raised%s.", job.raised, job.raised == 1 ? "" : "s",
		   job.recurring ? " (some recur from an earlier period)" : "");
	if (job.blank_outcomes)
		buf_printf(&msg, " %lld blank outcome cells were read as 0.",
			   (long long)job.blank_outcomes);
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
			 const struct mon_period_report *pr, const char *unit)
{
	static const char *const modes[][2] = {{"rest", "Everyone else"},
					       {"overall", "Everyone together"},
					       {"highest", "The group with the highest rate"}};
	const struct agg *a = pr->agg;

	web_raw(rs, "<details class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">"
		    "<span class=\"govuk-details__summary-text\">Change who each group is "
		    "compared with</span></summary>\n<div class=\"govuk-details__text\">\n");
	web_raw(rs, "<form method=\"get\" action=\"/monitoring/report\" novalidate>\n");
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
		return err_set(e, rc, "There is no unit '%s' in %s %s.", *unit, dataset, period);
	if (rc == ERR_NOTFOUND)
		return err_set(e, rc, "There is no %s data for period %s. The monitoring data page "
			       "lists what has been imported.", dataset, period);
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

static int report_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct mon_period_report pr;
	struct buf frag = BUF_INIT, href = BUF_INIT, title = BUF_INIT;
	const char *unit;
	const char **units;
	size_t i;
	int rc;

	if ((rc = report_from_request(rq, &pr, &unit, e)) < 0)
		goto done;
	if ((rc = mon_render_html_fragment(&pr.rep, "/monitoring/flag/", "/plan/action/", &frag,
					   e)) < 0)
		goto done;
	buf_printf(&title, "Diversity report: %s %s%s%s", pr.dataset, pr.rep.period,
		   unit ? ", " : "", unit ? unit : "");
	web_page_begin(rq, rs, buf_str(&title), SEC_MONITORING);
	web_printf(rs,
		   "<a href=\"/monitoring\" class=\"govuk-back-link\">Monitoring data</a>\n"
		   "<span class=\"govuk-caption-l\">Diversity report</span>\n"
		   "<h1 class=\"govuk-heading-l\">%s, %s%s%s</h1>\n",
		   mon_web_dataset_label(pr.dataset), pr.rep.period, unit ? ": " : "",
		   unit ? unit : "");

	/* Units: the whole organisation or one unit (a plain GET form). */
	if (pr.agg && pr.agg->n_units > 1) {
		web_raw(rs, "<form method=\"get\" action=\"/monitoring/report\" "
			    "class=\"parity-filters\" novalidate>\n");
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

	choices_form(rq, rs, &pr, unit);

	web_raw(rs, "<h2 class=\"govuk-heading-m\">Download this report</h2>\n"
		    "<ul class=\"govuk-list\">\n");
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
	web_raw(rs, buf_str(&frag)); /* report_html.c escapes every value it writes */
	web_page_end(rq, rs);
	rc = 0;
done:
	buf_free(&frag);
	buf_free(&href);
	buf_free(&title);
	mon_period_report_free(&pr);
	return rc;
}

/* The bytes of the file at path, appended to b. */
static int slurp(const char *path, struct buf *b, struct err *e)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_IO, "cannot read the spreadsheet just written (%s)",
			       strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
	return b->failed ? err_set(e, ERR_INTERNAL, "the spreadsheet is too large to send") : 0;
}

/* The workbook goes through a private folder in $TMPDIR (libxlsxwriter
 * 1.1.4 writes only to files); the folder is removed before returning. */
static int render_xlsx(const struct mon_report *r, struct buf *b, struct err *e)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512], path[600], tmpfile[640];
	int rc;
	snprintf(dir, sizeof dir, "%s/parity-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return err_set(e, ERR_IO, "cannot make a temporary folder for the spreadsheet in "
			       "%s (%s); set TMPDIR to a writable folder",
			       tmp && *tmp ? tmp : "/tmp", strerror(errno));
	snprintf(path, sizeof path, "%s/report.xlsx", dir);
	snprintf(tmpfile, sizeof tmpfile, "%s.tmp", path);
	rc = mon_render_xlsx(r, path, e);
	if (rc == 0)
		rc = slurp(path, b, e);
	unlink(path);
	unlink(tmpfile);
	rmdir(dir);
	return rc;
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
	{"GET", "/monitoring/flag/*", CAP_READ_PLAN, monitor_flag_page},
	{"GET", "/monitoring/flags", CAP_READ_PLAN, monitor_flags_page},
	{"GET", "/monitoring/report", CAP_READ_PLAN, report_page},
	{"GET", "/monitoring/report.csv", CAP_READ_PLAN, report_csv_page},
	{"GET", "/monitoring/report.html", CAP_READ_PLAN, report_html_page},
	{"GET", "/monitoring/report.json", CAP_READ_PLAN, report_json_page},
	{"GET", "/monitoring/report.xlsx", CAP_READ_PLAN, report_xlsx_page},
	{"POST", "/monitoring/flag/*", CAP_HANDLE_FLAGS, monitor_flag_post},
	{"POST", "/monitoring/upload", CAP_IMPORT_DATA, upload_post},
};
const size_t monitor_n_pages = sizeof monitor_pages / sizeof monitor_pages[0];

static const struct web_nav monitor_nav[] = {
	{30, SEC_MONITORING, CAP_READ_PLAN, "/monitoring", "Monitoring"},
};

static const struct web_audit_word monitor_audit_words[] = {
	{"data.import", "Imported monitoring data"},
	{"flag.act", "Created an action for a flag"},
	{"flag.close", "Closed a flag"},
	{"flag.explain", "Explained a flag"},
	{"flag.link", "Linked a flag to an action"},
};

const struct room monitor_room = {"monitoring", monitor_commands, monitor_pages,
				  sizeof monitor_pages / sizeof monitor_pages[0], monitor_nav,
				  sizeof monitor_nav / sizeof monitor_nav[0], monitor_audit_words,
				  sizeof monitor_audit_words / sizeof monitor_audit_words[0]};
