/*
 * cmd: the plan room's command-line commands — import, list, show,
 * update, lint, timescale, duties, and the people commands. Each parses
 * its options with cli_parse, opens the store, and runs every write in
 * one transaction; results go to ctx->out, warnings to ctx->warn.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/escape.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"
#include "plan/plan.h"
#include "plan/timescale.h"

static int check_format(struct cli_ctx *ctx, const char *fmt,
			const char *const *allowed, struct err *e)
{
	size_t i;
	struct buf list = BUF_INIT;
	if (!fmt)
		return 0;
	for (i = 0; allowed[i]; i++)
		if (strcmp(fmt, allowed[i]) == 0)
			return 0;
	for (i = 0; allowed[i]; i++)
		buf_printf(&list, "%s%s", i ? ", " : "", allowed[i]);
	err_set(e, ERR_USAGE, "unknown format '%s' for '%s'; use one of: %s", fmt,
		ctx->command, buf_str(&list));
	buf_free(&list);
	return ERR_USAGE;
}

static json_t *json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *json_date(struct date d)
{
	char buf[11];
	if (!d.y)
		return json_null();
	date_format(d, buf);
	return json_string(buf);
}

/* ---- plan import -------------------------------------------------------*/

/* How the columns were found, table by table (what --dry-run shows). */
static void plan_mapping_print(const struct plan_model *m, FILE *out)
{
	size_t i, k;
	for (i = 0; i < m->n_tables; i++) {
		const struct plan_tablenote *n = &m->tables[i];
		if (!strcmp(n->layout, "blocks") && n->line)
			fprintf(out, "labelled blocks from line %d:", n->line);
		else if (!strcmp(n->layout, "blocks"))
			fputs("labelled blocks:", out);
		else if (n->line)
			fprintf(out, "table %d, header in row %d (line %d):", n->table,
				n->header_row, n->line);
		else
			fprintf(out, "table %d, header in row %d:", n->table, n->header_row);
		fprintf(out, " %zu action%s\n", n->n_actions, n->n_actions == 1 ? "" : "s");
		for (k = 0; k < n->n_cols; k++) {
			const struct plan_colnote *c = &n->cols[k];
			fprintf(out, "  %-10s <- \"%s\"", c->column, c->header);
			if (!strcmp(c->matched, "--columns"))
				fputs(" (named by --columns)\n", out);
			else if (!strcmp(c->matched, "label"))
				fputs(" (a label)\n", out);
			else if (!strncmp(c->matched, "a ", 2))
				fprintf(out, " (%s)\n", c->matched);
			else if (*c->matched)
				fprintf(out, " (matched \"%s\")\n", c->matched);
			else
				fputc('\n', out);
		}
	}
}

int plan_import_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *name = "main", *as = NULL, *sheet = NULL, *pos[1];
	int n_pos, dry = 0, rc, added, removed, reworded;
	struct plan_import_opts io = {NULL, 0};
	struct cli_opt opts[] = {
		{"name", 0, CLI_STRING, &name},
		{"as", 0, CLI_STRING, &as},
		{"dry-run", 0, CLI_FLAG, &dry},
		{"columns", 0, CLI_STRING, &io.columns},
		{"sheet", 0, CLI_STRING, &sheet},
		{NULL, 0, 0, NULL},
	};
	struct doc *d = NULL;
	struct plan_model *m = NULL;
	store_t *db = NULL;
	struct buf changes = BUF_INIT;
	size_t i, n_actions = 0;
	int64_t existed = 0;
	char counts[256];

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "'plan import' needs the plan FILE to read");
	if (!*name)
		return err_set(e, ERR_USAGE, "--name must not be empty");
	if (sheet && !*sheet)
		return err_set(e, ERR_USAGE, "--sheet needs the name of a sheet of the workbook");
	if ((rc = doc_read_file_sheet(pos[0], DOC_FMT_AUTO, sheet, &d, e)) < 0)
		return rc;
	rc = plan_model_from_doc_opts(d, pos[0], &io, &m, e);
	doc_free(d);
	if (rc < 0)
		return rc;
	for (i = 0; i < m->n_areas; i++)
		n_actions += m->areas[i].n_actions;
	snprintf(counts, sizeof counts, "%zu section%s, %zu area%s, %zu action%s, %zu %s, %zu term%s",
		 m->n_sections, m->n_sections == 1 ? "" : "s", m->n_areas,
		 m->n_areas == 1 ? "" : "s", n_actions, n_actions == 1 ? "" : "s",
		 m->n_people, m->n_people == 1 ? "person" : "people", m->n_terms,
		 m->n_terms == 1 ? "" : "s");
	for (i = 0; i < m->n_warnings; i++)
		fprintf(ctx->warn, "parity: warning: %s: %s: %s\n", pos[0],
			m->warnings[i].place, m->warnings[i].message);
	if (dry) {
		plan_mapping_print(m, ctx->out);
		fprintf(ctx->out, "%s: %s, %zu warning%s (dry run: nothing saved)\n",
			pos[0], counts, m->n_warnings, m->n_warnings == 1 ? "" : "s");
		plan_model_free(m);
		return 0;
	}
	if ((rc = plan_open_db(ctx, &db, e)) < 0)
		goto done;
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	rc = store_query_int(db, &existed, e, "SELECT COUNT(*) FROM plan WHERE name = ?",
			     "t", name);
	if (rc == 0)
		rc = plan_save(db, m, name, pos[0], cli_author(as), &changes, &added,
		       &removed, &reworded, e);
	if (rc == 0)
		rc = store_commit(db, e);
	if (rc < 0) {
		store_rollback(db);
		err_prefix(e, "import of %s failed, nothing was changed", pos[0]);
		goto done;
	}
	{
		fprintf(ctx->out, "imported plan '%s' from %s: %s\n", name, pos[0], counts);
		if (existed) {
			fputs(buf_str(&changes), ctx->out);
			fprintf(ctx->out, "changes: %d added, %d removed, %d reworded\n",
				added, removed, reworded);
		}
		if (m->n_warnings)
			fprintf(ctx->out, "%zu warning%s; see 'parity plan lint'\n",
				m->n_warnings, m->n_warnings == 1 ? "" : "s");
	}
done:
	buf_free(&changes);
	plan_model_free(m);
	store_close(db);
	return rc;
}

/* ---- plan list ---------------------------------------------------------*/

static void leads_json(json_t *o, const struct plan_item *it)
{
	json_t *toks = json_array(), *names = json_array();
	size_t i;
	for (i = 0; i < it->n_leads; i++) {
		json_array_append_new(toks, json_string(it->leads[i].token));
		json_array_append_new(names, json_string(it->leads[i].name));
	}
	json_object_set_new(o, "leads", toks);
	json_object_set_new(o, "lead_names", names);
}

static json_t *fields_json(const struct plan_item *it)
{
	json_t *a = json_array();
	size_t i;
	for (i = 0; i < it->n_fields; i++) {
		json_t *f = json_object();
		json_object_set_new(f, "name", json_string(it->fields[i].name));
		json_object_set_new(f, "value", json_string(it->fields[i].value));
		json_array_append_new(a, f);
	}
	return a;
}

static json_t *item_json(const struct plan_item *it)
{
	json_t *o = json_object(), *duties = json_array();
	char letter[2] = {it->letter, 0};
	int i;
	json_object_set_new(o, "id", json_string(it->code));
	json_object_set_new(o, "code", json_string(it->code));
	json_object_set_new(o, "section", json_str_or_null(it->section));
	json_object_set_new(o, "section_no",
			    it->section_no ? json_integer(it->section_no) : json_null());
	json_object_set_new(o, "area", json_string(it->area ? it->area : ""));
	json_object_set_new(o, "area_no", json_integer(it->area_no));
	json_object_set_new(o, "letter", json_string(letter));
	json_object_set_new(o, "text", json_string(it->text ? it->text : ""));
	leads_json(o, it);
	json_object_set_new(o, "timescale", json_str_or_null(it->timescale));
	json_object_set_new(o, "timescale_kind", json_str_or_null(it->ts_kind));
	json_object_set_new(o, "start", json_date(it->start));
	json_object_set_new(o, "due", json_date(it->due));
	json_object_set_new(o, "rrule", json_str_or_null(it->rrule));
	json_object_set_new(o, "precision", json_str_or_null(it->precision));
	for (i = 0; i < it->n_duties; i++)
		json_array_append_new(duties, json_integer(it->duties[i]));
	json_object_set_new(o, "duties", duties);
	json_object_set_new(o, "status", json_string(it->status));
	json_object_set_new(o, "rag", json_str_or_null(it->rag));
	json_object_set_new(o, "overdue", json_boolean(it->overdue));
	json_object_set_new(o, "fields", fields_json(it));
	return o;
}

/* The names of the fields the shown items have, in the order first met
 * (one CSV column each). *names is new (the strings are the items'). */
static size_t field_names(const struct plan_item *items, size_t n,
			  const struct plan_filter *f, const char ***names)
{
	const char **v = NULL;
	size_t c = 0, i, j, k;
	for (i = 0; i < n; i++) {
		if (f && !plan_item_matches(&items[i], f))
			continue;
		for (j = 0; j < items[i].n_fields; j++) {
			for (k = 0; k < c && strcmp(v[k], items[i].fields[j].name); k++)
				;
			if (k == c) {
				v = xrealloc(v, (c + 1) * sizeof *v);
				v[c++] = items[i].fields[j].name;
			}
		}
	}
	*names = v;
	return c;
}

/* The value of the field called name, or "". */
static const char *field_value(const struct plan_item *it, const char *name)
{
	size_t j;
	for (j = 0; j < it->n_fields; j++)
		if (!strcmp(it->fields[j].name, name))
			return it->fields[j].value;
	return "";
}

static void lead_names_text(const struct plan_item *it, struct buf *b)
{
	size_t i;
	for (i = 0; i < it->n_leads; i++)
		buf_printf(b, "%s%s", i ? "/" : "", it->leads[i].token);
}

int plan_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *due_before = NULL, *lead = NULL, *duty = NULL, *section = NULL,
		   *status = NULL, *as_of_s = NULL, *plan = "main", *format = "text",
		   *search = NULL;
	int overdue = 0, n_pos, rc;
	const char *pos[1];
	struct cli_opt opts[] = {
		{"overdue", 0, CLI_FLAG, &overdue},
		{"due-before", 0, CLI_STRING, &due_before},
		{"lead", 0, CLI_STRING, &lead},
		{"duty", 0, CLI_STRING, &duty},
		{"section", 0, CLI_STRING, &section},
		{"status", 0, CLI_STRING, &status},
		{"search", 0, CLI_STRING, &search},
		{"as-of", 0, CLI_STRING, &as_of_s},
		{"plan", 0, CLI_STRING, &plan},
		{"format", 0, CLI_STRING, &format},
		{NULL, 0, 0, NULL},
	};
	static const char *const formats[] = {"text", "json", "csv", NULL};
	const char **names = NULL;
	size_t n_names = 0, k;
	struct date as_of = date_today(), before = {0, 0, 0};
	long duty_no = 0;
	struct plan_filter f;
	store_t *db = NULL;
	int64_t plan_id;
	struct plan_item *items = NULL;
	size_t n = 0, i, shown = 0;
	json_t *arr = NULL;
	struct buf out = BUF_INIT;

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if ((rc = check_format(ctx, format, formats, e)) < 0)
		return rc;
	if (as_of_s && (rc = date_parse_user(as_of_s, "--as-of", &as_of, e)) < 0)
		return rc;
	if (due_before && (rc = date_parse_user(due_before, "--due-before", &before, e)) < 0)
		return rc;
	if (duty && str_to_int(duty, 1, 999, &duty_no) < 0)
		return err_set(e, ERR_USAGE, "--duty takes a duty number, e.g. --duty 4; got '%s'",
			       duty);
	if (status && !plan_status_valid(status))
		return err_set(e, ERR_USAGE,
			       "--status must be not-started, in-progress, done or "
			       "dropped; got '%s'",
			       status);
	memset(&f, 0, sizeof f);
	f.overdue = overdue;
	f.due_before = before;
	f.lead = lead;
	f.duty = duty_no;
	f.section = section;
	f.status = status;
	if (search && str_blank(search))
		return err_set(e, ERR_USAGE, "--search needs the words to look for");
	f.search = search;
	if ((rc = plan_open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = plan_find(db, plan, &plan_id, e)) < 0 ||
	    (rc = plan_items_load(db, plan_id, as_of, &items, &n, e)) < 0)
		goto done;
	if (strcmp(format, "json") == 0)
		arr = json_array();
	else if (strcmp(format, "csv") == 0) {
		/* one column for each field the listed actions have */
		buf_puts(&out, "id,section,area_no,area,letter,text,leads,timescale,due,status,rag");
		n_names = field_names(items, n, &f, &names);
		for (k = 0; k < n_names; k++) {
			buf_putc(&out, ',');
			esc_csv(&out, names[k]);
		}
		buf_puts(&out, "\r\n");
	} else
		buf_printf(&out, "%-5s %-6s %-12s %-10s %-18s %s\n", "ID", "RAG", "STATUS",
			   "DUE", "LEAD", "ACTION");
	for (i = 0; i < n; i++) {
		const struct plan_item *it = &items[i];
		struct buf leads = BUF_INIT;
		char due[11];
		if (!plan_item_matches(it, &f))
			continue;
		shown++;
		date_format(it->due, due);
		lead_names_text(it, &leads);
		if (arr) {
			json_array_append_new(arr, item_json(it));
		} else if (strcmp(format, "csv") == 0) {
			char ano[16];
			snprintf(ano, sizeof ano, "%d", it->area_no);
			esc_csv(&out, it->code); buf_putc(&out, ',');
			esc_csv(&out, it->section); buf_putc(&out, ',');
			esc_csv(&out, ano); buf_putc(&out, ',');
			esc_csv(&out, it->area); buf_putc(&out, ',');
			buf_putc(&out, it->letter); buf_putc(&out, ',');
			esc_csv(&out, it->text); buf_putc(&out, ',');
			esc_csv(&out, buf_str(&leads)); buf_putc(&out, ',');
			esc_csv(&out, it->timescale); buf_putc(&out, ',');
			esc_csv(&out, due); buf_putc(&out, ',');
			esc_csv(&out, it->status); buf_putc(&out, ',');
			esc_csv(&out, it->rag ? it->rag : "");
			for (k = 0; k < n_names; k++) {
				buf_putc(&out, ',');
				esc_csv(&out, field_value(it, names[k]));
			}
			buf_puts(&out, "\r\n");
		} else {
			int cut, nb = str_utf8_prefix(it->text, 70, &cut);
			buf_printf(&out, "%-5s %-6s %-12s %-10s %-18.18s %.*s%s\n", it->code,
				   it->rag ? it->rag : "-", it->status, *due ? due : "-",
				   buf_str(&leads), nb, it->text, cut ? "..." : "");
		}
		buf_free(&leads);
	}
	if (arr) {
		rc = plan_print_json(ctx, arr);
	} else {
		fputs(buf_str(&out), ctx->out);
		if (strcmp(format, "text") == 0)
			fprintf(ctx->out, "%zu of %zu actions\n", shown, n);
	}
done:
	free(names);
	buf_free(&out);
	plan_items_free(items, n);
	store_close(db);
	return rc;
}

/* ---- plan show ---------------------------------------------------------*/

static int unknown_id(const char *id, struct err *e)
{
	return err_set(e, ERR_NOTFOUND,
		       "no action '%s' in the plan; ids look like 11d (area 11, "
		       "action d), or are the plan's own numbers such as 4a or 1.2 — "
		       "see 'parity plan list'",
		       id);
}

int plan_show_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *plan = "main", *format = "text", *as_of_s = NULL, *pos[1];
	int n_pos, rc, idx;
	struct cli_opt opts[] = {
		{"plan", 0, CLI_STRING, &plan},
		{"format", 0, CLI_STRING, &format},
		{"as-of", 0, CLI_STRING, &as_of_s},
		{NULL, 0, 0, NULL},
	};
	struct date as_of = date_today();
	static const char *const formats[] = {"text", "json", NULL};
	store_t *db = NULL;
	store_stmt_t *st = NULL;
	int64_t plan_id;
	struct plan_item *items = NULL;
	size_t n = 0, i;
	const struct plan_item *it;
	json_t *obj = NULL, *hist = NULL;
	char buf11[11];

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "'plan show' needs an action ID, e.g. 11d");
	if ((rc = check_format(ctx, format, formats, e)) < 0)
		return rc;
	if (as_of_s && (rc = date_parse_user(as_of_s, "--as-of", &as_of, e)) < 0)
		return rc;
	if ((rc = plan_open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = plan_find(db, plan, &plan_id, e)) < 0 ||
	    (rc = plan_items_load(db, plan_id, as_of, &items, &n, e)) < 0)
		goto done;
	if ((idx = plan_items_find(items, n, pos[0])) < 0) {
		rc = unknown_id(pos[0], e);
		goto done;
	}
	it = &items[idx];
	if (strcmp(format, "json") == 0) {
		obj = item_json(it);
		hist = json_array();
	} else {
		fprintf(ctx->out, "%s  %s\n\n", it->code, it->text);
		if (it->section)
			fprintf(ctx->out, "Section:    %d. %s\n", it->section_no, it->section);
		fprintf(ctx->out, "Area:       %d. %s\n", it->area_no, it->area);
		fprintf(ctx->out, "Duties:     ");
		for (i = 0; i < (size_t)it->n_duties; i++)
			fprintf(ctx->out, "%s%d", i ? ", " : "", it->duties[i]);
		fprintf(ctx->out, "%s", it->n_duties ? "" : "none");
		if (it->duties_text)
			fprintf(ctx->out, "  (written \"%s\")", it->duties_text);
		fputc('\n', ctx->out);
		fprintf(ctx->out, "Leads:      ");
		for (i = 0; i < it->n_leads; i++) {
			const struct plan_lead *l = &it->leads[i];
			fprintf(ctx->out, "%s%s", i ? "; " : "", l->token);
			if (strcmp(l->kind, "person") == 0 || strcmp(l->kind, "group") == 0)
				fprintf(ctx->out, " = %s", l->name);
			fprintf(ctx->out, " (%s)", l->kind);
		}
		fprintf(ctx->out, "%s\n", it->n_leads ? "" : "none");
		fprintf(ctx->out, "Timescale:  %s\n", it->timescale ? it->timescale : "(none)");
		fprintf(ctx->out, "  read as:  %s", it->ts_kind);
		date_format(it->start, buf11);
		if (*buf11)
			fprintf(ctx->out, ", from %s", buf11);
		date_format(it->due, buf11);
		if (*buf11)
			fprintf(ctx->out, ", due %s", buf11);
		if (it->rrule)
			fprintf(ctx->out, ", repeats %s", it->rrule);
		fprintf(ctx->out, " (precision: %s)\n", it->precision);
		fprintf(ctx->out, "Status:     %s\n", it->status);
		fprintf(ctx->out, "RAG:        %s%s%s%s\n", it->rag ? it->rag : "-",
			it->overdue ? " (overdue)" : "",
			it->rag_reason ? " — set by hand: " : "",
			it->rag_reason ? it->rag_reason : "");
		if (it->n_fields)
			fprintf(ctx->out, "\nFields (other columns of the plan):\n");
		for (i = 0; i < it->n_fields; i++) {
			const char *v = it->fields[i].value, *nl;
			fprintf(ctx->out, "  %s: ", it->fields[i].name);
			while ((nl = strchr(v, '\n')) != NULL) {
				fprintf(ctx->out, "%.*s\n    ", (int)(nl - v), v);
				v = nl + 1;
			}
			fprintf(ctx->out, "%s\n", v);
		}
		fprintf(ctx->out, "\nHistory:\n");
	}
	if ((rc = store_prepare(db, &st, e,
				"SELECT at, author, kind, status, note, evidence"
				" FROM action_event WHERE action_id = ? ORDER BY id",
				"i", it->id)) < 0)
		goto done;
	while ((rc = store_step(st, e)) == 1) {
		const char *at = store_col_text(st, 0), *who = store_col_text(st, 1),
			   *kind = store_col_text(st, 2), *status = store_col_text(st, 3),
			   *note = store_col_text(st, 4), *ev = store_col_text(st, 5);
		if (hist) {
			json_t *h = json_object();
			json_object_set_new(h, "at", json_string(at));
			json_object_set_new(h, "author", json_string(who));
			json_object_set_new(h, "kind", json_string(kind));
			json_object_set_new(h, "status", json_str_or_null(status));
			json_object_set_new(h, "note", json_str_or_null(note));
			json_object_set_new(h, "evidence", json_str_or_null(ev));
			json_array_append_new(hist, h);
		} else {
			fprintf(ctx->out, "  %s  %-9s %-12s", at, kind, who);
			if (status && strcmp(kind, "status") == 0)
				fprintf(ctx->out, " -> %s", status);
			if (note)
				fprintf(ctx->out, " %s", note);
			if (ev)
				fprintf(ctx->out, " [evidence: %s]", ev);
			fputc('\n', ctx->out);
		}
	}
	if (rc < 0)
		goto done;
	rc = 0;
	if (obj) {
		json_object_set_new(obj, "history", hist);
		hist = NULL;
		rc = plan_print_json(ctx, obj);
		obj = NULL;
	}
done:
	json_decref(obj);
	json_decref(hist);
	store_done(st);
	plan_items_free(items, n);
	store_close(db);
	return rc;
}

/* ---- plan update -------------------------------------------------------*/

enum plan_change_problem plan_change_check(const struct plan_change *c)
{
	if (c->status && !plan_status_valid(c->status))
		return PLAN_CHANGE_BAD_STATUS;
	if (c->rag && strcmp(c->rag, "red") && strcmp(c->rag, "amber") &&
	    strcmp(c->rag, "green"))
		return PLAN_CHANGE_BAD_RAG;
	if (c->rag && str_blank(c->reason))
		return PLAN_CHANGE_NO_REASON;
	if (c->rag && c->clear_rag)
		return PLAN_CHANGE_RAG_AND_CLEAR;
	if (!c->status && !c->note && !c->evidence && !c->rag && !c->clear_rag)
		return PLAN_CHANGE_NOTHING;
	if (c->note && str_blank(c->note))
		return PLAN_CHANGE_EMPTY_NOTE;
	return PLAN_CHANGE_OK;
}

int plan_action_find(store_t *db, int64_t plan_id, const char *code, int64_t *id,
		     struct err *e)
{
	int rc;
	*id = 0;
	if ((rc = store_query_int(db, id, e,
				  "SELECT id FROM action WHERE plan_id = ? AND code = ?"
				  " AND removed = 0",
				  "it", plan_id, code)) < 0)
		return rc;
	if (*id == 0) {
		char low[16];
		size_t i;
		snprintf(low, sizeof low, "%s", code);
		for (i = 0; low[i]; i++)
			low[i] = (char)(low[i] >= 'A' && low[i] <= 'Z' ? low[i] + 32 : low[i]);
		if ((rc = store_query_int(db, id, e,
					  "SELECT id FROM action WHERE plan_id = ? AND LOWER(code) = ?"
					  " AND removed = 0",
					  "it", plan_id, low)) < 0)
			return rc;
	}
	return *id ? 0 : unknown_id(code, e);
}

int plan_change_apply(store_t *db, int64_t action_id, const struct plan_change *c,
		      const char *author, struct err *e)
{
	char now[21];
	int rc = 0;

	date_now_iso(now);
	if (c->status || c->note || c->evidence) {
		if ((rc = store_exec(db, e,
				     "INSERT INTO action_event(action_id, at, author, kind,"
				     " status, note, evidence) VALUES (?, ?, ?, ?,"
				     " COALESCE(?, (SELECT status FROM action WHERE id = ?)), ?, ?)",
				     "ittttitt", action_id, now, author,
				     c->status ? "status" : "note", c->status, action_id, c->note,
				     c->evidence)) < 0)
			return rc;
		if (c->status && (rc = store_exec(db, e,
						  "UPDATE action SET status = ? WHERE id = ?",
						  "ti", c->status, action_id)) < 0)
			return rc;
	}
	if (c->rag || c->clear_rag) {
		struct buf msg = BUF_INIT;
		if (c->rag)
			buf_printf(&msg, "RAG set to %s: %s", c->rag, c->reason);
		else
			buf_puts(&msg, "RAG override removed; derived rating applies");
		rc = store_exec(db, e,
				"UPDATE action SET rag_override = ?, rag_reason = ? WHERE id = ?",
				"tti", c->rag, c->rag ? c->reason : NULL, action_id);
		if (rc == 0)
			rc = store_exec(db, e,
					"INSERT INTO action_event(action_id, at, author, kind, note)"
					" VALUES (?, ?, ?, 'rag', ?)",
					"ittt", action_id, now, author, buf_str(&msg));
		buf_free(&msg);
	}
	return rc;
}

int plan_update_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *plan = "main", *pos[1];
	int n_pos, rc;
	struct plan_change c;
	struct cli_opt opts[] = {
		{"status", 0, CLI_STRING, &c.status},
		{"note", 0, CLI_STRING, &c.note},
		{"evidence", 0, CLI_STRING, &c.evidence},
		{"as", 0, CLI_STRING, &as},
		{"rag", 0, CLI_STRING, &c.rag},
		{"reason", 0, CLI_STRING, &c.reason},
		{"clear-rag", 0, CLI_FLAG, &c.clear_rag},
		{"plan", 0, CLI_STRING, &plan},
		{NULL, 0, 0, NULL},
	};
	store_t *db = NULL;
	int64_t plan_id, action_id = 0;

	memset(&c, 0, sizeof c);
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "'plan update' needs an action ID, e.g. 11d");
	switch (plan_change_check(&c)) {
	case PLAN_CHANGE_OK:
		break;
	case PLAN_CHANGE_BAD_STATUS:
		return err_set(e, ERR_USAGE,
			       "--status must be not-started, in-progress, done or "
			       "dropped; got '%s'",
			       c.status);
	case PLAN_CHANGE_BAD_RAG:
		return err_set(e, ERR_USAGE, "--rag must be red, amber or green; got '%s'",
			       c.rag);
	case PLAN_CHANGE_NO_REASON:
		return err_set(e, ERR_USAGE,
			       "--rag overrides the derived rating and needs --reason TEXT "
			       "saying why");
	case PLAN_CHANGE_RAG_AND_CLEAR:
		return err_set(e, ERR_USAGE, "give either --rag or --clear-rag, not both");
	case PLAN_CHANGE_NOTHING:
		return err_set(e, ERR_USAGE,
			       "nothing to record: give --status, --note, --evidence or --rag");
	case PLAN_CHANGE_EMPTY_NOTE:
		return err_set(e, ERR_USAGE, "--note is empty");
	}
	if ((rc = plan_open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = plan_find(db, plan, &plan_id, e)) < 0 ||
	    (rc = plan_action_find(db, plan_id, pos[0], &action_id, e)) < 0)
		goto done;
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	if ((rc = plan_change_apply(db, action_id, &c, cli_author(as), e)) < 0 ||
	    (rc = store_commit(db, e)) < 0) {
		store_rollback(db);
		goto done;
	}
	fprintf(ctx->out, "updated %s\n", pos[0]);
done:
	store_close(db);
	return rc;
}

/* ---- plan lint ---------------------------------------------------------*/

int plan_lint_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *plan = "main", *pos[1];
	int n_pos, rc;
	struct cli_opt opts[] = {
		{"plan", 0, CLI_STRING, &plan},
		{NULL, 0, 0, NULL},
	};
	store_t *db = NULL;
	store_stmt_t *st = NULL;
	int64_t plan_id;
	int findings = 0;

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if ((rc = plan_open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = plan_find(db, plan, &plan_id, e)) < 0)
		goto done;
	if ((rc = store_prepare(db, &st, e,
				"SELECT kind, place, message FROM import_warning"
				" WHERE plan_id = ? ORDER BY id",
				"i", plan_id)) < 0)
		goto done;
	while ((rc = store_step(st, e)) == 1) {
		fprintf(ctx->out, "%-10s %s: %s\n", store_col_text(st, 0),
			store_col_text(st, 1), store_col_text(st, 2));
		findings++;
	}
	store_done(st);
	st = NULL;
	if (rc < 0)
		goto done;
	/* Lead tokens that look like initials but match no person or group. */
	if ((rc = store_prepare(db, &st, e,
				"SELECT l.token, GROUP_CONCAT(a.code, ', ')"
				" FROM action_lead l JOIN action a ON a.id = l.action_id"
				" WHERE a.plan_id = ? AND a.removed = 0"
				" AND l.person_id IS NULL AND l.term_id IS NULL"
				" GROUP BY l.token ORDER BY l.token",
				"i", plan_id)) < 0)
		goto done;
	while ((rc = store_step(st, e)) == 1) {
		const char *tok = store_col_text(st, 0);
		if (!plan_looks_like_initials(tok))
			continue;
		fprintf(ctx->out,
			"%-10s lead '%s' matches no person or group (actions %s); add "
			"them with 'parity people add %s NAME'\n",
			"unresolved", tok, store_col_text(st, 1), tok);
		findings++;
	}
	store_done(st);
	st = NULL;
	if (rc < 0)
		goto done;
	if ((rc = store_prepare(db, &st, e,
				"SELECT code, COALESCE(timescale, '') FROM action"
				" WHERE plan_id = ? AND removed = 0 AND ts_kind = 'unknown'"
				" ORDER BY id",
				"i", plan_id)) < 0)
		goto done;
	while ((rc = store_step(st, e)) == 1) {
		fprintf(ctx->out, "%-10s %s: timescale \"%s\" could not be read as a date\n",
			"unread", store_col_text(st, 0), store_col_text(st, 1));
		findings++;
	}
	store_done(st);
	st = NULL;
	if (rc < 0)
		goto done;
	/* Phrases read but left as words: they wait on someone else ("Within
	 * six months of new Council"), so no RAG rating can fall due. */
	if ((rc = store_prepare(db, &st, e,
				"SELECT code, COALESCE(timescale, '') FROM action"
				" WHERE plan_id = ? AND removed = 0 AND ts_kind = 'external'"
				" AND status IN ('not-started', 'in-progress') ORDER BY id",
				"i", plan_id)) < 0)
		goto done;
	while ((rc = store_step(st, e)) == 1) {
		fprintf(ctx->out,
			"%-10s %s: timescale \"%s\" stays words: it waits on something "
			"else and has no date, so it can never be overdue; add a date or "
			"a review date to the plan\n",
			"words", store_col_text(st, 0), store_col_text(st, 1));
		findings++;
	}
	if (rc < 0)
		goto done;
	rc = 0;
	if (findings) {
		rc = err_set(e, ERR_DATA, "%d finding%s in plan '%s'", findings,
			     findings == 1 ? "" : "s", plan);
	} else {
		fprintf(ctx->out, "plan '%s': nothing to report\n", plan);
	}
done:
	store_done(st);
	store_close(db);
	return rc;
}

/* ---- plan timescale ----------------------------------------------------*/

int plan_timescale_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	int n_pos, rc;
	struct cli_opt opts[] = {
		{"format", 0, CLI_STRING, &format},
		{NULL, 0, 0, NULL},
	};
	static const char *const formats[] = {"text", "json", NULL};
	struct timescale ts;
	char start[11], due[11];

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE,
			       "'plan timescale' needs the phrase in quotes, e.g. "
			       "parity plan timescale \"3rd Qtr 2011-12\"");
	if ((rc = check_format(ctx, format, formats, e)) < 0)
		return rc;
	timescale_parse(pos[0], &ts);
	date_format(ts.start, start);
	date_format(ts.due, due);
	if (strcmp(format, "json") == 0) {
		json_t *o = json_object();
		json_object_set_new(o, "text", json_string(pos[0]));
		json_object_set_new(o, "kind", json_string(timescale_kind_name(ts.kind)));
		json_object_set_new(o, "start", json_date(ts.start));
		json_object_set_new(o, "due", json_date(ts.due));
		json_object_set_new(o, "rrule", ts.rrule[0] ? json_string(ts.rrule) : json_null());
		json_object_set_new(o, "precision",
				    json_string(timescale_precision_name(ts.precision)));
		return plan_print_json(ctx, o);
	}
	fprintf(ctx->out, "text:       %s\nkind:       %s\nstart:      %s\ndue:        %s\n"
			  "rrule:      %s\nprecision:  %s\n",
		pos[0], timescale_kind_name(ts.kind), *start ? start : "-",
		*due ? due : "-", ts.rrule[0] ? ts.rrule : "-",
		timescale_precision_name(ts.precision));
	return 0;
}

/* ---- the commands of the room, with their help (core/room.h) ----------*/

const struct cli_command plan_commands[] = {
	{"people", people_list_cmd, "list people (staff initials) and what they lead",
	 "usage: parity people [--format text|json]\n"
	 "\n"
	 "List the people known to the plan (from the glossary of staff initials\n"
	 "or added by hand) with the number of live actions each leads.\n"},
	{"people add", people_add_cmd, "add a person who can lead actions",
	 "usage: parity people add INITIALS NAME [--role ROLE]\n"
	 "\n"
	 "Example: parity people add JB \"Jo Bloggs\" --role \"Equality Officer\"\n"},
	{"people reassign", people_reassign_cmd,
	 "hand every action of a person who leaves to someone else",
	 "usage: parity people reassign OLD --to NEW [--as NAME]\n"
	 "\n"
	 "Every live action led by OLD (initials) is now led by NEW; each change\n"
	 "is written to the action's history. OLD is marked as left.\n"
	 "Example: parity people reassign KJ --to FT\n"},
	{"people rename", people_rename_cmd, "correct a person's name, role or initials",
	 "usage: parity people rename INITIALS [--name NAME] [--role ROLE]\n"
	 "                             [--initials NEW]\n"},
	{"plan duties", plan_duties_cmd, "list the statutory duties, or name one",
	 "usage: parity plan duties [--format text|json]\n"
	 "       parity plan duties set N NAME\n"
	 "\n"
	 "Action plans refer to duties by number (\"Duties 1,2,4, 6-9\"). List the\n"
	 "numbers in use with their names and how many areas serve each, or give\n"
	 "duty N a name. Example: parity plan duties set 1 \"Eliminate unlawful\n"
	 "discrimination\"\n"},
	{"plan import", plan_import_cmd, "import an action plan (.md, .html, .docx, .xlsx, .ods, .xls, .csv)",
	 "usage: parity plan import FILE [--name NAME] [--as NAME] [--dry-run]\n"
	 "                               [--columns COLUMN=HEADER,...] [--sheet NAME]\n"
	 "\n"
	 "Read the action plan in FILE (Markdown tables, HTML, Word .docx, or a\n"
	 "spreadsheet: .xlsx, .ods, .xls, .csv; --sheet picks the sheet, default\n"
	 "the first), find its columns by their headers (or its actions written\n"
	 "as labelled blocks), and store sections, areas of work,\n"
	 "duties, actions, leads and timescales, plus the glossary of staff\n"
	 "initials and terms. The plan's own action numbers (a No./Ref/# column,\n"
	 "or 4a./1.2 opening every action) become the ids when all are there and\n"
	 "unique; other columns (Progress, KPI, Team ...) are kept as fields.\n"
	 "Importing a new version of the same plan (same NAME, default 'main')\n"
	 "updates it in place, keeps all progress history and prints what was\n"
	 "added, removed or reworded. Warnings (leads and\n"
	 "dates that did not line up with actions) go to stderr; see 'plan lint'.\n"
	 "--dry-run reads and checks the file without changing the database, and\n"
	 "prints which header became which column, table by table.\n"
	 "--columns names columns the guess gets wrong or misses; COLUMN is one\n"
	 "of area, actions, lead, timescale, duties, status, id, and HEADER the\n"
	 "header cell as the plan writes it (quote it if it has a comma).\n"
	 "Every rule: docs/plan-import.md.\n"
	 "Examples: parity plan import action-plan.docx\n"
	 "          parity plan import plan.xlsx --sheet Actions\n"
	 "          parity plan import plan.docx --dry-run \\\n"
	 "            --columns 'actions=\"Action/Target\",lead=\"Accountable People\"'\n"},
	{"plan lint", plan_lint_cmd, "list import warnings, unresolved leads, unread timescales",
	 "usage: parity plan lint [--plan NAME]\n"
	 "\n"
	 "Exit 0 when there is nothing to report, 1 when there is.\n"},
	{"plan list", plan_list_cmd, "list actions, filtered",
	 "usage: parity plan list [--overdue] [--due-before DATE] [--lead X]\n"
	 "                        [--duty N] [--section S] [--status S]\n"
	 "                        [--search TEXT] [--as-of DATE] [--plan NAME]\n"
	 "                        [--format text|json|csv]\n"
	 "\n"
	 "DATE is YYYY-MM-DD or day/month/year. --lead matches initials, a group\n"
	 "(CMT) or a role. --section takes a number or words of its title.\n"
	 "--search keeps the actions whose id, text, leads, timescale or kept\n"
	 "columns (Progress, KPI, Team ...) hold TEXT, case aside.\n"
	 "--format json is the machine interface (see docs/plan.md); csv has a\n"
	 "column for each kept column of the plan.\n"
	 "Examples: parity plan list --overdue --as-of 2011-12-01\n"
	 "          parity plan list --search \"listening events\"\n"},
	{"plan report", plan_report_cmd, "progress, overdue, due soon, duty coverage, calendar",
	 "usage: parity plan report [--as-of DATE] [--format text|md|html|csv|json|ics|docx]\n"
	 "                          [-o FILE] [--plan NAME] [--days N]\n"
	 "\n"
	 "Progress by section and by lead, overdue actions, actions due in the next\n"
	 "N days (default 90), and the duty coverage matrix. --format ics writes an\n"
	 "iCalendar feed of due dates; --format docx a Word document with a table of\n"
	 "actions per section (it needs -o). Examples:\n"
	 "  parity plan report --as-of 2011-10-01 --format html -o plan.html\n"
	 "  parity plan report --format docx -o plan.docx\n"},
	{"plan show", plan_show_cmd, "show one action with its history",
	 "usage: parity plan show ID [--plan NAME] [--as-of DATE] [--format text|json]\n"
	 "\n"
	 "ID is the short id from 'plan list': 11d (area 11, action d), or the\n"
	 "plan's own number (4a, 1.2) when it gives every action a unique one.\n"
	 "Shows the action's other columns (Progress, KPI, Team ...) too.\n"},
	{"plan timescale", plan_timescale_cmd, "show how parity reads a timescale phrase",
	 "usage: parity plan timescale TEXT [--format text|json]\n"
	 "\n"
	 "Example: parity plan timescale \"3rd Qtr 2011-12\" --format json\n"},
	{"plan update", plan_update_cmd, "record progress on an action",
	 "usage: parity plan update ID [--status not-started|in-progress|done|dropped]\n"
	 "                          [--note TEXT] [--evidence URL-or-path]\n"
	 "                          [--rag red|amber|green --reason TEXT]\n"
	 "                          [--clear-rag] [--as NAME] [--plan NAME]\n"
	 "\n"
	 "Appends to the action's history (never rewrites it) with a timestamp and\n"
	 "author (--as, else $PARITY_USER, else $USER). --rag overrides the derived\n"
	 "RAG rating and needs --reason. Example:\n"
	 "  parity plan update 11d --status in-progress --note \"Q2 report issued\"\n"},
	{NULL, NULL, NULL, NULL},
};
