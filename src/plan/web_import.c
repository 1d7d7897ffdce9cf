/*
 * web_import: the action plan's import page, /plan/import — what `parity
 * plan import` does, from a browser, for the plan the web shows ("main",
 * else the first imported; the command line keeps other plans by name,
 * the web one). The user uploads the plan's document,
 * may name columns the guess gets wrong (as --columns does), and either
 * checks it (the mapping, the counts and the warnings, nothing saved: as
 * --dry-run) or imports it (one transaction with its audit entry; then the
 * plan page). Wording is the web's: no command-line options on the page.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"
#include "plan/plan.h"
#include "web/web.h"

/* The columns a user may name, with the form's field for each. */
static const struct {
	const char *key;   /* as in --columns */
	const char *field; /* the form field and its id */
	const char *label;
} named_cols[] = {
	{"actions", "col-actions", "Actions column"},
	{"lead", "col-lead", "Lead column"},
	{"timescale", "col-timescale", "Timescale column"},
	{"area", "col-area", "Area of work column"},
	{"duties", "col-duties", "Duties column"},
	{"status", "col-status", "Status column"},
	{"id", "col-id", "Column of the plan's own action numbers"},
};
#define N_NAMED (sizeof named_cols / sizeof named_cols[0])

#define MAX_ERRS 8

struct import_form {
	const char *sheet;		     /* a spreadsheet's sheet, or NULL */
	const char *cols[N_NAMED];	     /* what the user wrote, or NULL */
	char file[WEB_FILE_NAME_MAX];	     /* the uploaded file's own name */
	struct web_field_error errs[MAX_ERRS];
	char *msgs[MAX_ERRS];		     /* the messages, owned */
	int n_errs;
};

static void form_error(struct import_form *f, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void form_error(struct import_form *f, const char *field, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	if (f->n_errs >= MAX_ERRS)
		return;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	f->msgs[f->n_errs] = buf_take(&b);
	f->errs[f->n_errs].field_id = field;
	f->errs[f->n_errs].message = f->msgs[f->n_errs];
	f->n_errs++;
}

static void form_free(struct import_form *f)
{
	int i;
	for (i = 0; i < f->n_errs; i++)
		free(f->msgs[i]);
}

/* One text input, with its hint and the error f holds for it. */
static void text_field(struct web_resp *rs, const struct import_form *f, const char *id,
		       const char *label, const char *hint, const char *value,
		       const char *width)
{
	struct web_field w = {id, NULL, label, hint, value, width, "spellcheck=\"false\""};
	web_input(rs, &w, "text", f ? f->errs : NULL, f ? f->n_errs : 0);
}

/* The upload form, with what was sent and its errors when f is set. */
static void import_form_html(struct web_req *rq, struct web_resp *rs,
			     const struct import_form *f)
{
	const char *msg = f ? web_field_error(f->errs, f->n_errs, "file") : NULL;
	int open = 0;
	size_t i;

	for (i = 0; f && i < N_NAMED; i++)
		if ((f->cols[i] && *f->cols[i]) ||
		    web_field_error(f->errs, f->n_errs, named_cols[i].field))
			open = 1;
	/* the token also in the action's query: the server judges an upload
	 * before reading its body (docs/web.md, "Limits") */
	web_printf(rs, "<form method=\"post\" action=\"/plan/import?csrf=%s\" "
		       "enctype=\"multipart/form-data\" novalidate>\n", rq->csrf);
	web_csrf_field(rq, rs);
	web_printf(rs, "<div class=\"govuk-form-group%s\">\n<label class=\"govuk-label "
		       "govuk-label--s\" for=\"file\">The plan's document</label>\n"
		       "<div id=\"file-hint\" class=\"govuk-hint\">A Word document (.docx), a "
		       "spreadsheet (.xlsx, .ods, .xls or .csv), a web page (.html) or a Markdown "
		       "file (.md). The actions may be in tables or written as blocks, each with "
		       "its Lead and Date.</div>\n",
		   msg ? " govuk-form-group--error" : "");
	if (msg)
		web_printf(rs, "<p id=\"file-error\" class=\"govuk-error-message\"><span "
			       "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n", msg);
	web_printf(rs, "<input class=\"govuk-file-upload%s\" id=\"file\" name=\"file\" "
		       "type=\"file\" accept=\".docx,.xlsx,.xlsm,.ods,.xls,.csv,.html,.htm,.md,.txt\" "
		       "aria-describedby=\"file-hint%s\">\n</div>\n",
		   msg ? " govuk-file-upload--error" : "", msg ? " file-error" : "");
	text_field(rs, f, "sheet", "Sheet (spreadsheets only)",
		   "The name of the sheet that holds the actions, as on its tab. Leave it "
		   "blank for the first sheet.",
		   f ? f->sheet : NULL, "govuk-input--width-20");
	web_printf(rs, "<details class=\"govuk-details\"%s>\n<summary class=\"govuk-details__"
		       "summary\"><span class=\"govuk-details__summary-text\">Name the columns "
		       "yourself</span></summary>\n<div class=\"govuk-details__text\">\n"
		       "<p class=\"govuk-body\">Columns are found by their header words. When "
		       "Check shows a column missed or taken for the wrong one, write its "
		       "header here as the plan writes it; leave the rest blank.</p>\n",
		   open ? " open" : "");
	for (i = 0; i < N_NAMED; i++)
		text_field(rs, f, named_cols[i].field, named_cols[i].label, NULL,
			   f ? f->cols[i] : NULL, "govuk-input--width-20");
	web_raw(rs, "</div>\n</details>\n<div class=\"govuk-button-group\">\n"
		    "<button type=\"submit\" name=\"step\" value=\"check\" class=\"govuk-button "
		    "govuk-button--secondary\" data-module=\"govuk-button\">Check</button>\n"
		    "<button type=\"submit\" name=\"step\" value=\"import\" class=\"govuk-button\" "
		    "data-module=\"govuk-button\">Import</button>\n</div>\n</form>\n");
}

static void page_top(struct web_req *rq, struct web_resp *rs, const struct import_form *f)
{
	web_page_begin(rq, rs, f && f->n_errs ? "Error: Import the action plan"
					       : "Import the action plan",
		       SEC_PLAN);
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (f && f->n_errs)
		web_error_summary(rs, f->errs, f->n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Import the action plan</h1>\n");
}

static void page_bottom(struct web_req *rq, struct web_resp *rs)
{
	web_raw(rs, "</div></div>\n");
	web_page_end(rq, rs);
}

/* GET /plan/import */
int plan_import_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	(void)e;
	page_top(rq, rs, NULL);
	web_raw(rs, "<p class=\"govuk-body\">Upload the plan's document to bring its actions, "
		    "leads and dates into parity. Check it first to see how its columns were "
		    "read; nothing is saved until you import.</p>\n<p class=\"govuk-body\">"
		    "Importing a new version updates the plan in place: every action keeps "
		    "its progress and history, new ones are added, and actions no longer in "
		    "the document are marked removed.</p>\n");
	import_form_html(rq, rs, NULL);
	page_bottom(rq, rs);
	return 0;
}


/* How the columns were read, table by table (the web's --dry-run). */
static void mapping_html(struct web_resp *rs, const struct plan_model *m)
{
	size_t i, k;
	for (i = 0; i < m->n_tables; i++) {
		const struct plan_tablenote *n = &m->tables[i];
		if (!strcmp(n->layout, "blocks"))
			web_printf(rs, "<h3 class=\"govuk-heading-s\">Actions written as labelled "
				       "blocks: %zu action%s</h3>\n",
				   n->n_actions, n->n_actions == 1 ? "" : "s");
		else
			web_printf(rs, "<h3 class=\"govuk-heading-s\">Table %d, header in row %d: "
				       "%zu action%s</h3>\n",
				   n->table, n->header_row, n->n_actions, n->n_actions == 1 ? "" : "s");
		web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"How the columns were read\"><table class=\"govuk-table\">\n"
			    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			    "<th scope=\"col\" class=\"govuk-table__header\">Read as</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">In the plan</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Why</th></tr></thead>\n"
			    "<tbody class=\"govuk-table__body\">\n");
		for (k = 0; k < n->n_cols; k++) {
			const struct plan_colnote *c = &n->cols[k];
			const char *why = c->matched;
			char word[160];
			if (!strcmp(why, "--columns"))
				why = "you named it";
			else if (!strcmp(why, "label"))
				why = "a label in each block";
			else if (strncmp(why, "a ", 2)) {
				snprintf(word, sizeof word, "the header word \"%s\"", c->matched);
				why = word;
			}
			web_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
				       "class=\"govuk-table__header\">%s</th><td class=\"govuk-table__"
				       "cell\">%s</td><td class=\"govuk-table__cell\">%s</td></tr>\n",
				   strcmp(c->column, "field") ? c->column : "kept with the action",
				   c->header, why);
		}
		web_raw(rs, "</tbody></table></div>\n");
	}
}

/* The checked plan: counts, mapping and warnings. */
static void check_html(struct web_resp *rs, const struct import_form *f,
		       const struct plan_model *m)
{
	size_t i, n_actions = 0;
	for (i = 0; i < m->n_areas; i++)
		n_actions += m->areas[i].n_actions;
	web_printf(rs, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" "
		       "role=\"region\" aria-labelledby=\"check-title\" data-module=\"govuk-"
		       "notification-banner\">\n<div class=\"govuk-notification-banner__header\">"
		       "<h2 class=\"govuk-notification-banner__title\" id=\"check-title\">Checked"
		       "</h2></div>\n<div class=\"govuk-notification-banner__content\">\n"
		       "<p class=\"govuk-notification-banner__heading\">%s can be imported</p>\n"
		       "<p class=\"govuk-body\">%zu area%s of work, %zu action%s, %zu %s, %zu term%s. "
		       "Nothing has been saved yet.</p>\n</div></div>\n",
		   f->file, m->n_areas, m->n_areas == 1 ? "" : "s", n_actions,
		   n_actions == 1 ? "" : "s", m->n_people, m->n_people == 1 ? "person" : "people",
		   m->n_terms, m->n_terms == 1 ? "" : "s");
	web_raw(rs, "<h2 class=\"govuk-heading-m\">How the columns were read</h2>\n");
	mapping_html(rs, m);
	if (m->n_warnings) {
		web_printf(rs, "<h2 class=\"govuk-heading-m\">%zu thing%s to check</h2>\n"
			       "<ul class=\"govuk-list govuk-list--bullet\">\n",
			   m->n_warnings, m->n_warnings == 1 ? "" : "s");
		for (i = 0; i < m->n_warnings; i++)
			web_printf(rs, "<li>%s: %s</li>\n", m->warnings[i].place,
				   m->warnings[i].message);
		web_raw(rs, "</ul>\n");
	}
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Import it</h2>\n<p class=\"govuk-body\">"
		    "Choose the file again and select Import, or name the columns and check "
		    "again.</p>\n");
}

/* The name of the plan the web shows: "main", else the first imported,
 * else "main" for the first import (as the plan pages choose it). */
static int web_plan_name(store_t *db, char out[64], struct err *e)
{
	store_stmt_t *st;
	int rc;
	snprintf(out, 64, "main");
	if (store_prepare(db, &st, e,
			  "SELECT name FROM plan"
			  " ORDER BY CASE WHEN name = 'main' THEN 0 ELSE 1 END, id",
			  "") < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1)
		snprintf(out, 64, "%s", store_col_text(st, 0));
	store_done(st);
	return rc < 0 ? rc : 0;
}

/* Build "actions=\"X\",lead=\"Y\"" from the form; a header with a double
 * quote cannot be written so, and is an error at its field. */
static void columns_spec(struct web_req *rq, struct import_form *f, struct buf *spec)
{
	size_t i;
	for (i = 0; i < N_NAMED; i++) {
		const char *v = web_param(rq, named_cols[i].field);
		char *t = str_trim_dup(v ? v : "");
		f->cols[i] = v;
		if (*t && strchr(t, '"'))
			form_error(f, named_cols[i].field, "Write the header without double "
				   "quotation marks; the other words are enough to find it");
		else if (*t && strlen(t) > 200)
			form_error(f, named_cols[i].field, "A header is at most 200 characters");
		else if (*t)
			buf_printf(spec, "%s%s=\"%s\"", spec->len ? "," : "", named_cols[i].key, t);
		free(t);
	}
}

/* POST /plan/import */
int plan_import_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const struct web_param *up = web_upload(rq, "file");
	const char *step = web_param(rq, "step");
	struct import_form f;
	struct buf spec = BUF_INIT, changes = BUF_INIT, msg = BUF_INIT;
	struct plan_import_opts o = {NULL, 1};
	struct doc *d = NULL;
	struct plan_model *m = NULL;
	struct err ie;
	char name[64], *sheet = NULL;
	int rc = 0, added = 0, removed = 0, reworded = 0, check;
	size_t i, n_actions = 0;

	memset(&f, 0, sizeof f);
	err_clear(&ie);
	check = !step || strcmp(step, "import");
	if (!up || !up->filename || !up->filename[0]) {
		form_error(&f, "file", "Choose the plan's document");
	} else if (up->len == 0) {
		form_error(&f, "file", "The selected file is empty");
	} else {
		web_file_name(up->filename, "plan", f.file);
	}
	sheet = str_trim_dup(web_param(rq, "sheet") ? web_param(rq, "sheet") : "");
	f.sheet = sheet;
	columns_spec(rq, &f, &spec);
	if (spec.len)
		o.columns = buf_str(&spec);
	if (!f.n_errs && doc_read_data_sheet(up->value, up->len, f.file, DOC_FMT_AUTO,
					     *sheet ? sheet : NULL, &d, &ie) < 0) {
		if (ie.code == ERR_USAGE) /* a sheet named for a file with none */
			form_error(&f, "sheet", "Leave the sheet blank: %s is not a workbook "
				   "with sheets", f.file);
		else if (*sheet && strstr(ie.msg, "has no sheet named"))
			form_error(&f, "sheet", "%s", ie.msg);
		else
			form_error(&f, "file", "%s", ie.msg);
	}
	if (!f.n_errs && plan_model_from_doc_opts(d, f.file, &o, &m, &ie) < 0) {
		const char *field = "file";
		for (i = 0; i < N_NAMED; i++) {
			char phrase[64]; /* the importer's words for a column nobody wrote */
			snprintf(phrase, sizeof phrase, "the %s column was named \"", named_cols[i].key);
			if (ie.code == ERR_DATA && f.cols[i] && *f.cols[i] && strstr(ie.msg, phrase))
				field = named_cols[i].field;
		}
		form_error(&f, field, "%s", ie.msg);
	}
	if (f.n_errs) {
		page_top(rq, rs, &f);
		import_form_html(rq, rs, &f);
		page_bottom(rq, rs);
		rs->status = 400;
		goto done;
	}
	if (check) {
		page_top(rq, rs, NULL);
		check_html(rs, &f, m);
		import_form_html(rq, rs, &f);
		page_bottom(rq, rs);
		goto done;
	}
	if ((rc = web_begin(rq, rs, CAP_IMPORT_DATA, e)) != 0) {
		if (rc > 0)
			rc = 0; /* the 403 page is written */
		goto done;
	}
	if ((rc = web_plan_name(rq->db, name, e)) < 0) {
		store_rollback(rq->db);
		goto done;
	}
	rc = plan_save(rq->db, m, name, f.file, rq->user->name, &changes, &added, &removed,
		       &reworded, e);
	for (i = 0; i < m->n_areas; i++)
		n_actions += m->areas[i].n_actions;
	if (rc == 0) {
		char target[128], after[WEB_FILE_NAME_MAX + 128];
		snprintf(target, sizeof target, "plan %s", name);
		snprintf(after, sizeof after, "%zu actions from %s: %d added, %d removed, "
			 "%d reworded", n_actions, f.file, added, removed, reworded);
		rc = web_audit(rq, "plan.import", target, NULL, after, e);
	}
	if (rc == 0)
		rc = store_commit(rq->db, e);
	if (rc < 0) {
		store_rollback(rq->db);
		goto done;
	}
	buf_printf(&msg, "Imported %s: %zu action%s (%d added, %d removed, %d reworded)",
		   f.file, n_actions, n_actions == 1 ? "" : "s", added, removed, reworded);
	if (m->n_warnings)
		buf_printf(&msg, ". %zu thing%s to check: select Check with the same file to "
			   "see them", m->n_warnings, m->n_warnings == 1 ? "" : "s");
	web_flash(rq, buf_str(&msg));
	web_redirect(rs, "/plan");
done:
	plan_model_free(m);
	doc_free(d);
	free(sheet);
	form_free(&f);
	buf_free(&spec);
	buf_free(&changes);
	buf_free(&msg);
	return rc;
}
