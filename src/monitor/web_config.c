/*
 * monitor/web_config: the dataset configs page of parity serve
 * (/monitoring/configs) — the configs kept in the database (configs.c,
 * migration 012) listed with the datasets each defines, and a form to add
 * one or replace one of the same name by uploading its file. The file is
 * checked with the same parser as `parity data import --config FILE`;
 * its errors are shown at the file field, naming the line. The upload
 * page offers the kept configs in a select (web.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "monitor/internal.h"
#include "monitor/monitor.h"
#include "web/web.h"

#define CONFIG_NAME_MAX 40

/* The form's errors and what was sent. */
struct config_form {
	struct web_field_error errs[2];
	int n_errs;
	char msg[2][1100];
	const char *name;
};

static void form_error(struct config_form *f, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void form_error(struct config_form *f, const char *field, const char *fmt, ...)
{
	va_list ap;
	if (f->n_errs >= 2)
		return;
	va_start(ap, fmt);
	vsnprintf(f->msg[f->n_errs], sizeof f->msg[0], fmt, ap);
	va_end(ap);
	f->errs[f->n_errs].field_id = field;
	f->errs[f->n_errs].message = f->msg[f->n_errs];
	f->n_errs++;
}

/* The table of kept configs, and each one's text in a details element. */
static int list_configs(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	store_stmt_t *st;
	int rc, n = 0;
	if (store_prepare(rq->db, &st, e,
			  "SELECT name, datasets, file, saved_by, saved_at, body FROM mon_config"
			  " ORDER BY name",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		char when[48];
		struct buf ds = BUF_INIT;
		const char *p;
		if (n++ == 0)
			web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
				    "aria-label=\"Dataset configs\">\n<table class=\"govuk-table\">\n"
				    "<caption class=\"govuk-table__caption govuk-table__caption--m\">"
				    "Dataset configs kept</caption>\n"
				    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
				    "<th scope=\"col\" class=\"govuk-table__header\">Name</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Datasets</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">From file</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Saved</th>"
				    "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
		for (p = store_col_text(st, 1); *p;) {
			size_t len = strcspn(p, ",");
			char one[DS_NAME_MAX];
			snprintf(one, sizeof one, "%.*s", (int)len, p);
			buf_printf(&ds, "%s%s", ds.len ? ", " : "", mon_web_dataset_label(one));
			p += len + (p[len] == ',');
		}
		date_when_uk(store_col_text(st, 4), when);
		web_printf(rs,
			   "<tr class=\"govuk-table__row\"><th scope=\"row\" "
			   "class=\"govuk-table__header\">%s</th>"
			   "<td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s by %s</td></tr>\n",
			   store_col_text(st, 0), buf_str(&ds), str_file_name(store_col_text(st, 2)), when,
			   store_col_text(st, 3));
		buf_free(&ds);
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (!n) {
		web_raw(rs, "<p class=\"govuk-body\">No dataset config is kept yet.</p>\n");
		return 0;
	}
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
	/* the text of each, for reading */
	if (store_prepare(rq->db, &st, e, "SELECT name, body FROM mon_config ORDER BY name",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1)
		web_printf(rs,
			   "<details class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">"
			   "<span class=\"govuk-details__summary-text\">The text of %s</span></summary>\n"
			   "<div class=\"govuk-details__text\"><pre class=\"parity-config-text\">%s</pre>"
			   "</div>\n</details>\n",
			   store_col_text(st, 0), store_col_text(st, 1));
	store_done(st);
	return rc < 0 ? rc : 0;
}

static int configs_render(struct web_req *rq, struct web_resp *rs, const struct config_form *f,
			  struct err *e)
{
	const struct web_field_error *errs = f ? f->errs : NULL;
	int n = f ? f->n_errs : 0, rc;
	struct web_field name = {"config-name", "name", "Name",
				 "A short name to choose it by on the upload page: up to 40 small "
				 "letters, digits, hyphens or underscores. A config of the same "
				 "name is replaced.",
				 f ? f->name : NULL, "govuk-input--width-20", "spellcheck=\"false\""};
	struct web_field file = {"config-file", "file", "Config file",
				 "A text file with a [dataset NAME] section for each dataset, then "
				 "one setting a line: the column names (for example ethnicity = "
				 "eth) and map lines that say how values of your own are read "
				 "(for example map ethnicity W4 = W9).",
				 NULL, NULL, "accept=\".conf,.ini,.txt,text/plain\""};

	web_page_begin(rq, rs, n ? "Error: Dataset configs" : "Dataset configs", SEC_MONITORING);
	web_raw(rs, "<a href=\"/monitoring\" class=\"govuk-back-link\">Monitoring data</a>\n");
	if (n)
		web_error_summary(rs, errs, n);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Dataset configs</h1>\n"
		    "<p class=\"govuk-body\">A dataset config says how an extract whose columns "
		    "are named differently from the standard ones is read: which column holds "
		    "each characteristic and outcome, and how values of your own are read as "
		    "the codes parity knows. Keep one here and choose it when you upload an "
		    "extract.</p>\n");
	if ((rc = list_configs(rq, rs, e)) < 0)
		return rc;
	if (web_can(rq, CAP_IMPORT_DATA)) {
		web_printf(rs, "<h2 class=\"govuk-heading-m\">Add or replace a config</h2>\n"
			       "<form method=\"post\" action=\"/monitoring/configs?csrf=%s\" "
			       "enctype=\"multipart/form-data\" novalidate>\n", rq->csrf);
		web_csrf_field(rq, rs);
		web_input(rs, &name, "text", errs, n);
		web_input(rs, &file, "file", errs, n);
		web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" "
			    "data-module=\"govuk-button\">Save the config</button>\n</form>\n");
	}
	web_page_end(rq, rs);
	return 0;
}

static int configs_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return configs_render(rq, rs, NULL, e);
}

static int configs_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const struct web_param *f = web_upload(rq, "file");
	char *name = str_trim_dup(web_param(rq, "name") ? web_param(rq, "name") : "");
	char file[WEB_FILE_NAME_MAX], flash[WEB_FILE_NAME_MAX + 100];
	struct config_form cf;
	struct err ce;
	size_t i;
	int rc, ok = 1, replaced = 0;

	memset(&cf, 0, sizeof cf);
	err_clear(&ce);
	cf.name = name;
	for (i = 0; name[i]; i++)
		ok &= (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
		      name[i] == '-' || name[i] == '_';
	if (!*name)
		form_error(&cf, "config-name", "Enter a name for the config");
	else if (!ok || strlen(name) > CONFIG_NAME_MAX)
		form_error(&cf, "config-name", "The name must be up to %d small letters, digits, "
			   "hyphens or underscores, for example probation-2024", CONFIG_NAME_MAX);
	if (!f || !f->filename || !f->filename[0])
		form_error(&cf, "config-file", "Choose the config file");
	else if (f->len == 0)
		form_error(&cf, "config-file", "The selected file is empty");
	web_file_name(f && f->filename ? f->filename : "", "config.txt", file);
	if (!cf.n_errs && mon_config_check(f->value, f->len, file, NULL, &ce) < 0)
		form_error(&cf, "config-file", "%s. Nothing was saved: correct the file and "
			   "upload it again", ce.msg);
	if (cf.n_errs) {
		buf_reset(&rs->body);
		if ((rc = configs_render(rq, rs, &cf, e)) == 0)
			rs->status = 400;
		goto done;
	}
	if ((rc = web_begin(rq, rs, CAP_IMPORT_DATA, e)) != 0) {
		rc = rc < 0 ? rc : 0;
		goto done;
	}
	if ((rc = mon_config_save(rq->db, name, f->value, f->len, file, rq->user->name, &replaced,
				  e)) < 0 ||
	    (rc = web_audit(rq, "data.config", name, replaced ? "an earlier config" : NULL,
			    file, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		goto done;
	}
	snprintf(flash, sizeof flash, "Config %s %s from %s.", name, replaced ? "replaced" : "saved",
		 file);
	web_flash(rq, flash);
	web_redirect(rs, "/monitoring/configs");
done:
	free(name);
	return rc;
}

int monitor_configs_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return configs_page(rq, rs, e);
}

int monitor_configs_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return configs_post(rq, rs, e);
}
