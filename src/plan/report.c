/*
 * report: the plan report a Diversity Monitoring Group reads before each
 * meeting — progress by section and by lead, what is overdue, what falls
 * due in the next N days, and which statutory duties have live actions —
 * in text, Markdown, HTML, CSV or JSON, plus an iCalendar feed of due
 * dates (libical). Every figure is computed once into struct report and
 * each format only lays it out.
 */
#include <jansson.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/escape.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"
#include "plan/objective.h"
#include "plan/plan.h"

enum { ST_NOT, ST_PROG, ST_DONE, ST_DROP, N_ST };
static const char *const st_names[N_ST] = {"not-started", "in-progress", "done",
					   "dropped"};

struct tally {
	char *name;	/* section title, lead, or duty label */
	int key;	/* section number / duty number; 0 for leads */
	int n[N_ST];	/* actions by status */
	int overdue;	/* live and past due */
	int total;
	int work, work_live; /* duties: other rooms' work serving it (duty_work.c) */
};

struct report {
	char *plan_title;
	const char *scope;		/* which actions, in words, or NULL (all) */
	char *plan_name;
	struct date as_of;
	int days;			/* window for "due soon" */
	struct plan_item *items;	/* every current action */
	size_t n_items;
	struct tally *sections, *leads, *duties;
	size_t n_sections, n_leads, n_duties;
	char **duty_names;		/* parallel to duties; NULL when unnamed */
	struct plan_duty_work *work;	/* other rooms' work, by duty */
	size_t n_work;
	int totals[N_ST], overdue, due_soon;
};

static int st_index(const char *s)
{
	int i;
	for (i = 0; i < N_ST; i++)
		if (strcmp(s, st_names[i]) == 0)
			return i;
	return ST_NOT;
}

static struct tally *tally_get(struct tally **v, size_t *n, const char *name, int key)
{
	size_t i;
	for (i = 0; i < *n; i++)
		if ((*v)[i].key == key && str_eq_ci((*v)[i].name, name))
			return &(*v)[i];
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	memset(&(*v)[*n], 0, sizeof **v);
	(*v)[*n].name = xstrdup(name);
	(*v)[*n].key = key;
	return &(*v)[(*n)++];
}

static void tally_add(struct tally *t, const struct plan_item *it)
{
	t->n[st_index(it->status)]++;
	t->total++;
	if (it->overdue)
		t->overdue++;
}

static int is_due_soon(const struct report *r, const struct plan_item *it)
{
	long d;
	if (!it->live || !it->due.y)
		return 0;
	d = date_to_days(it->due) - date_to_days(r->as_of);
	return d >= 0 && d <= r->days;
}

static int cmp_tally_name(const void *a, const void *b)
{
	return strcmp(((const struct tally *)a)->name, ((const struct tally *)b)->name);
}

static int cmp_tally_key(const void *a, const void *b)
{
	return ((const struct tally *)a)->key - ((const struct tally *)b)->key;
}

/* Keep only the items keep() accepts, in order. */
static void items_keep(struct report *r, int (*keep)(const struct plan_item *, const void *),
		       const void *arg)
{
	struct plan_item *gone;
	size_t i, n = 0, n_gone = 0;
	if (!keep || !r->n_items)
		return;
	gone = xcalloc(r->n_items, sizeof *gone);
	for (i = 0; i < r->n_items; i++) {
		if (keep(&r->items[i], arg))
			r->items[n++] = r->items[i];
		else
			gone[n_gone++] = r->items[i];
	}
	r->n_items = n;
	plan_items_free(gone, n_gone);
}

static int report_build(store_t *db, const char *plan, struct date as_of, int days,
			int (*keep)(const struct plan_item *, const void *), const void *keep_arg,
			struct report *r, struct err *e)
{
	int64_t plan_id;
	store_stmt_t *st;
	size_t i, j;
	int rc;

	memset(r, 0, sizeof *r);
	r->as_of = as_of;
	r->days = days;
	r->plan_name = xstrdup(plan);
	if ((rc = plan_find(db, plan, &plan_id, e)) < 0)
		return rc;
	if (store_prepare(db, &st, e, "SELECT title FROM plan WHERE id = ?", "i", plan_id) < 0)
		return ERR_DB;
	if (store_step(st, e) == 1)
		r->plan_title = xstrdup(store_col_text(st, 0));
	store_done(st);
	if ((rc = plan_items_load(db, plan_id, as_of, &r->items, &r->n_items, e)) < 0)
		return rc;
	items_keep(r, keep, keep_arg);
	for (i = 0; i < r->n_items; i++) {
		const struct plan_item *it = &r->items[i];
		char label[32];
		r->totals[st_index(it->status)]++;
		r->overdue += it->overdue;
		r->due_soon += is_due_soon(r, it);
		tally_add(tally_get(&r->sections, &r->n_sections,
				    it->section ? it->section : "(no section)", it->section_no),
			  it);
		for (j = 0; j < it->n_leads; j++) {
			const struct plan_lead *l = &it->leads[j];
			tally_add(tally_get(&r->leads, &r->n_leads,
					    l->initials ? l->initials : l->token, 0),
				  it);
		}
		for (j = 0; j < (size_t)it->n_duties; j++) {
			snprintf(label, sizeof label, "Duty %d", it->duties[j]);
			tally_add(tally_get(&r->duties, &r->n_duties, label, it->duties[j]), it);
		}
	}
	if (r->n_leads)
		qsort(r->leads, r->n_leads, sizeof *r->leads, cmp_tally_name);
	/* Work outside the actions that serves a duty: an impact assessment */
	if (!keep && (rc = plan_duty_work_load(db, &r->work, &r->n_work, e)) < 0)
		return rc;
	for (i = 0; i < r->n_work; i++) {
		char label[32];
		struct tally *t;
		snprintf(label, sizeof label, "Duty %d", r->work[i].duty);
		t = tally_get(&r->duties, &r->n_duties, label, r->work[i].duty);
		t->work++;
		t->work_live += r->work[i].live;
	}
	/* Named duties with no action at all still appear, highlighted. */
	if (store_prepare(db, &st, e, "SELECT no FROM duty ORDER BY no", "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		char label[32];
		int no = (int)store_col_int(st, 0);
		snprintf(label, sizeof label, "Duty %d", no);
		tally_get(&r->duties, &r->n_duties, label, no);
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (r->n_duties) /* a plan without duties has no array to sort */
		qsort(r->duties, r->n_duties, sizeof *r->duties, cmp_tally_key);
	r->duty_names = xcalloc(r->n_duties + 1, sizeof *r->duty_names);
	for (i = 0; i < r->n_duties; i++) {
		if (store_prepare(db, &st, e, "SELECT name FROM duty WHERE no = ?", "i",
				  (int64_t)r->duties[i].key) < 0)
			return ERR_DB;
		if (store_step(st, e) == 1)
			r->duty_names[i] = xstrdup(store_col_text(st, 0));
		store_done(st);
	}
	return 0;
}

static void tallies_free(struct tally *t, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(t[i].name);
	free(t);
}

static void report_free(struct report *r)
{
	size_t i;
	plan_items_free(r->items, r->n_items);
	tallies_free(r->sections, r->n_sections);
	tallies_free(r->leads, r->n_leads);
	if (r->duty_names)
		for (i = 0; i < r->n_duties; i++)
			free(r->duty_names[i]);
	free(r->duty_names);
	tallies_free(r->duties, r->n_duties);
	plan_duty_work_free(r->work, r->n_work);
	free(r->plan_title);
	free(r->plan_name);
}

static int live_of(const struct tally *t)
{
	return t->n[ST_NOT] + t->n[ST_PROG];
}

static void leads_str(const struct plan_item *it, struct buf *b)
{
	size_t i;
	for (i = 0; i < it->n_leads; i++)
		buf_printf(b, "%s%s", i ? "/" : "", it->leads[i].token);
}

/* ---- text and Markdown -------------------------------------------------*/

/* The other rooms' work serving each duty, a line each ("Duty 4:
 * Impact assessment 3: Hybrid working policy"), after the coverage. */
static void work_list(const struct report *r, struct buf *b, int md)
{
	size_t i;
	if (!r->n_work)
		return;
	buf_puts(b, "\nOther work serving the duties:\n\n");
	for (i = 0; i < r->n_work; i++) {
		const struct plan_duty_work *w = &r->work[i];
		buf_printf(b, "%sDuty %d: %s %s: ", md ? "- " : "  ", w->duty, w->kind, w->ref);
		if (md)
			esc_md_cell(b, w->title);
		else
			buf_puts(b, w->title);
		buf_printf(b, "%s\n", w->live ? "" : " (no longer live)");
	}
}

static void render_text(const struct report *r, struct buf *b, int md)
{
	size_t i, k;
	char asof[11], due[11];
	const char *h2 = md ? "## " : "";

	date_format(r->as_of, asof);
	buf_printf(b, "%s%s\n\n", md ? "# " : "",
		   r->plan_title ? r->plan_title : r->plan_name);
	buf_printf(b, "Plan report as of %s: %zu actions — %d not started, %d in "
		      "progress, %d done, %d dropped; %d overdue, %d due in the next %d days.\n%s",
		   asof, r->n_items, r->totals[ST_NOT], r->totals[ST_PROG],
		   r->totals[ST_DONE], r->totals[ST_DROP], r->overdue, r->due_soon,
		   r->days, "");
	if (r->scope)
		buf_printf(b, "Actions in this report: %s.\n", r->scope);

	for (k = 0; k < 2; k++) {
		int any = 0;
		if (k == 0)
			buf_printf(b, "\n%sOverdue\n\n", h2);
		else
			buf_printf(b, "\n%sDue in the next %d days\n\n", h2, r->days);
		for (i = 0; i < r->n_items; i++) {
			const struct plan_item *it = &r->items[i];
			struct buf leads = BUF_INIT;
			if (k == 0 ? !it->overdue : !is_due_soon(r, it))
				continue;
			if (!any && md)
				buf_puts(b, "| ID | Due | Lead | Status | Action |\n|---|---|---|---|---|\n");
			any = 1;
			date_format(it->due, due);
			leads_str(it, &leads);
			if (md) {
				buf_printf(b, "| %s | %s | ", it->code, due);
				esc_md_cell(b, buf_str(&leads));
				buf_printf(b, " | %s | ", it->status);
				esc_md_cell(b, it->text);
				buf_puts(b, " |\n");
			} else {
				int cut, nb = str_utf8_prefix(it->text, 60, &cut);
				buf_printf(b, "%-5s %s  %-16.16s %-12s %.*s%s\n", it->code, due,
					   buf_str(&leads), it->status, nb, it->text,
					   cut ? "..." : "");
			}
			buf_free(&leads);
		}
		if (!any)
			buf_puts(b, "None.\n");
	}

	buf_printf(b, "\n%sProgress by section\n\n", h2);
	if (md)
		buf_puts(b, "| Section | Actions | Not started | In progress | Done | Dropped | Overdue |\n"
			    "|---|--:|--:|--:|--:|--:|--:|\n");
	else
		buf_printf(b, "%-32s %7s %7s %7s %7s %7s %7s\n", "SECTION", "ACTIONS",
			   "NOT", "PROG", "DONE", "DROP", "OVERDUE");
	for (i = 0; i < r->n_sections; i++) {
		const struct tally *t = &r->sections[i];
		if (md) {
			buf_puts(b, "| ");
			esc_md_cell(b, t->name);
			buf_printf(b, " | %d | %d | %d | %d | %d | %d |\n", t->total,
				   t->n[ST_NOT], t->n[ST_PROG], t->n[ST_DONE], t->n[ST_DROP],
				   t->overdue);
		} else {
			buf_printf(b, "%-32.32s %7d %7d %7d %7d %7d %7d\n", t->name, t->total,
				   t->n[ST_NOT], t->n[ST_PROG], t->n[ST_DONE], t->n[ST_DROP],
				   t->overdue);
		}
	}

	buf_printf(b, "\n%sWorkload by lead (live actions)\n\n", h2);
	if (md)
		buf_puts(b, "| Lead | Live | Overdue | Done |\n|---|--:|--:|--:|\n");
	else
		buf_printf(b, "%-24s %6s %8s %6s\n", "LEAD", "LIVE", "OVERDUE", "DONE");
	for (i = 0; i < r->n_leads; i++) {
		const struct tally *t = &r->leads[i];
		if (md) {
			buf_puts(b, "| ");
			esc_md_cell(b, t->name);
			buf_printf(b, " | %d | %d | %d |\n", live_of(t), t->overdue, t->n[ST_DONE]);
		} else {
			buf_printf(b, "%-24.24s %6d %8d %6d\n", t->name, live_of(t), t->overdue,
				   t->n[ST_DONE]);
		}
	}

	buf_printf(b, "\n%sDuty coverage\n\n", h2);
	if (md)
		buf_puts(b, "| Duty | Name | Not started | In progress | Done | Dropped | Other work "
			    "| Covered |\n|---|---|--:|--:|--:|--:|--:|---|\n");
	else
		buf_printf(b, "%-8s %5s %5s %5s %5s %5s  %s\n", "DUTY", "NOT", "PROG", "DONE",
			   "DROP", "OTHER", "NAME");
	for (i = 0; i < r->n_duties; i++) {
		const struct tally *t = &r->duties[i];
		const char *nm = r->duty_names[i] ? r->duty_names[i] : "";
		int gap = live_of(t) == 0 && t->work_live == 0;
		if (md) {
			buf_printf(b, "| %d | ", t->key);
			esc_md_cell(b, nm);
			buf_printf(b, " | %d | %d | %d | %d | %d | %s |\n", t->n[ST_NOT],
				   t->n[ST_PROG], t->n[ST_DONE], t->n[ST_DROP], t->work_live,
				   gap ? "**no live action or other work**"
				       : live_of(t) ? "yes" : "by other work");
		} else {
			buf_printf(b, "%-8s %5d %5d %5d %5d %5d  %s%s\n", t->name, t->n[ST_NOT],
				   t->n[ST_PROG], t->n[ST_DONE], t->n[ST_DROP], t->work_live, nm,
				   gap ? "  <-- NO LIVE ACTION OR OTHER WORK" : "");
		}
	}
	work_list(r, b, md);
}

/* ---- HTML --------------------------------------------------------------*/

static void html_items(const struct report *r, struct buf *b, int overdue)
{
	size_t i, k;
	int any = 0;
	char due[32];
	for (i = 0; i < r->n_items; i++) {
		const struct plan_item *it = &r->items[i];
		struct buf leads = BUF_INIT;
		if (overdue ? !it->overdue : !is_due_soon(r, it))
			continue;
		if (!any)
			buf_puts(b, "<table><thead><tr><th scope=\"col\">ID</th><th scope=\"col\">Due</th>"
				    "<th scope=\"col\">Lead</th><th scope=\"col\">Status</th>"
				    "<th scope=\"col\">RAG</th><th scope=\"col\">Action</th></tr></thead><tbody>\n");
		any = 1;
		date_long(it->due, due);
		leads_str(it, &leads);
		buf_puts(b, "<tr><td>");
		esc_html(b, it->code);
		buf_puts(b, "</td><td>");
		esc_html(b, due);
		buf_puts(b, "</td><td>");
		esc_html(b, buf_str(&leads));
		buf_puts(b, "</td><td>");
		esc_html(b, it->status);
		buf_printf(b, "</td><td class=\"rag-%s\">", it->rag ? it->rag : "none");
		esc_html(b, it->rag ? it->rag : "-");
		buf_puts(b, "</td><td>");
		esc_html(b, it->text);
		for (k = 0; k < it->n_fields; k++) {
			buf_puts(b, "<br><small>");
			esc_html(b, it->fields[k].name);
			buf_puts(b, ": ");
			esc_html(b, it->fields[k].value);
			buf_puts(b, "</small>");
		}
		buf_puts(b, "</td></tr>\n");
		buf_free(&leads);
	}
	if (any)
		buf_puts(b, "</tbody></table>\n");
	else
		buf_puts(b, "<p>None.</p>\n");
}

/* Every action, under a heading per section and a table per area, in the
 * plan's order. */
static void html_all_items(const struct report *r, struct buf *b)
{
	size_t i;
	int sec = -1, area = -1;
	char due[32];
	buf_puts(b, "<h2>Actions by section</h2>\n");
	if (!r->n_items)
		buf_puts(b, "<p>None.</p>\n");
	for (i = 0; i < r->n_items; i++) {
		const struct plan_item *it = &r->items[i];
		struct buf leads = BUF_INIT;
		if (it->area_no != area || it->section_no != sec) {
			if (area != -1)
				buf_puts(b, "</tbody></table>\n");
			if (it->section_no != sec && it->section) {
				buf_printf(b, "<h3>%d. ", it->section_no);
				esc_html(b, it->section);
				buf_puts(b, "</h3>\n");
			}
			sec = it->section_no;
			area = it->area_no;
			buf_puts(b, "<table><caption>");
			esc_html(b, it->area ? it->area : "");
			buf_puts(b, "</caption><thead><tr><th scope=\"col\">ID</th><th scope=\"col\">Action</th>"
				    "<th scope=\"col\">Lead</th><th scope=\"col\">Due</th>"
				    "<th scope=\"col\">Status</th><th scope=\"col\">RAG</th></tr></thead><tbody>\n");
		}
		leads_str(it, &leads);
		date_long(it->due, due);
		buf_puts(b, "<tr><td>");
		esc_html(b, it->code);
		buf_puts(b, "</td><td>");
		esc_html(b, it->text);
		buf_puts(b, "</td><td>");
		esc_html(b, buf_str(&leads));
		buf_puts(b, "</td><td>");
		esc_html(b, due[0] ? due : it->timescale ? it->timescale : "");
		buf_puts(b, "</td><td>");
		esc_html(b, it->status);
		buf_printf(b, "</td><td class=\"rag-%s\">", it->rag ? it->rag : "none");
		esc_html(b, it->rag ? it->rag : "-");
		buf_puts(b, "</td></tr>\n");
		buf_free(&leads);
	}
	if (area != -1)
		buf_puts(b, "</tbody></table>\n");
}

/* objectives: the equality objectives' section (objective_report_html),
 * placed after the duties, or "" for none. */
static void render_html(const struct report *r, const char *objectives, struct buf *b)
{
	size_t i;
	char asof[32];
	date_long(r->as_of, asof);
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>");
	esc_html(b, r->plan_title ? r->plan_title : r->plan_name);
	buf_puts(b, " — plan report</title>\n<style>\n"
		    "body{font-family:Arial,sans-serif;max-width:60em;margin:2em auto;color:#0b0c0c;padding:0 1em}\n"
		    "table{border-collapse:collapse;width:100%;margin:1em 0}\n"
		    "th,td{border-bottom:1px solid #b1b4b6;padding:.4em;text-align:left;vertical-align:top}\n"
		    "td.n,th.n{text-align:right}.gap{background:#f6d7d2;font-weight:bold}\n"
		    ".rag-red{color:#d4351c;font-weight:bold}.rag-amber{color:#8a5300}\n"
		    ".rag-green{color:#00703c}.rag-blue{color:#1d70b8}\n"
		    ".obj-off-track{color:#d4351c;font-weight:bold}.obj-at-risk{color:#8a5300}\n"
		    ".obj-met,.obj-on-track{color:#00703c}\n"
		    "@media print{body{margin:0}}\n</style></head><body>\n<h1>");
	esc_html(b, r->plan_title ? r->plan_title : r->plan_name);
	buf_puts(b, "</h1>\n<p>Plan report as of ");
	esc_html(b, asof);
	buf_printf(b, ": <strong>%zu actions</strong> — %d not started, %d in progress, %d done, "
		      "%d dropped; <strong>%d overdue</strong>, %d due in the next %d days.</p>\n",
		   r->n_items, r->totals[ST_NOT], r->totals[ST_PROG], r->totals[ST_DONE],
		   r->totals[ST_DROP], r->overdue, r->due_soon, r->days);
	if (r->scope) {
		buf_puts(b, "<p>Actions in this report: ");
		esc_html(b, r->scope);
		buf_puts(b, ".</p>\n");
	}

	buf_puts(b, "<h2>Overdue</h2>\n");
	html_items(r, b, 1);
	buf_printf(b, "<h2>Due in the next %d days</h2>\n", r->days);
	html_items(r, b, 0);

	buf_puts(b, "<h2>Progress by section</h2>\n<table><thead><tr><th scope=\"col\">Section</th>"
		    "<th scope=\"col\" class=\"n\">Actions</th><th scope=\"col\" class=\"n\">Not started</th>"
		    "<th scope=\"col\" class=\"n\">In progress</th><th scope=\"col\" class=\"n\">Done</th>"
		    "<th scope=\"col\" class=\"n\">Dropped</th><th scope=\"col\" class=\"n\">Overdue</th></tr></thead><tbody>\n");
	for (i = 0; i < r->n_sections; i++) {
		const struct tally *t = &r->sections[i];
		buf_puts(b, "<tr><th scope=\"row\">");
		esc_html(b, t->name);
		buf_printf(b, "</th><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
			      "<td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>\n",
			   t->total, t->n[ST_NOT], t->n[ST_PROG], t->n[ST_DONE], t->n[ST_DROP],
			   t->overdue);
	}
	buf_puts(b, "</tbody></table>\n<h2>Workload by lead</h2>\n<table><thead><tr>"
		    "<th scope=\"col\">Lead</th><th scope=\"col\" class=\"n\">Live</th><th scope=\"col\" class=\"n\">Overdue</th>"
		    "<th scope=\"col\" class=\"n\">Done</th></tr></thead><tbody>\n");
	for (i = 0; i < r->n_leads; i++) {
		const struct tally *t = &r->leads[i];
		buf_puts(b, "<tr><th scope=\"row\">");
		esc_html(b, t->name);
		buf_printf(b, "</th><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>\n",
			   live_of(t), t->overdue, t->n[ST_DONE]);
	}
	buf_puts(b, "</tbody></table>\n<h2>Duty coverage</h2>\n<p>Duties with no live action "
		    "(nothing not started or in progress) and no other live work (such as an impact "
		    "assessment) are highlighted.</p>\n<table><thead><tr>"
		    "<th scope=\"col\">Duty</th><th scope=\"col\">Name</th><th scope=\"col\" class=\"n\">Not started</th>"
		    "<th scope=\"col\" class=\"n\">In progress</th><th scope=\"col\" class=\"n\">Done</th>"
		    "<th scope=\"col\" class=\"n\">Dropped</th><th scope=\"col\" class=\"n\">Other work</th>"
		    "</tr></thead><tbody>\n");
	for (i = 0; i < r->n_duties; i++) {
		const struct tally *t = &r->duties[i];
		int gap = live_of(t) == 0 && t->work_live == 0;
		buf_printf(b, "<tr%s><th scope=\"row\">%d</th><td>", gap ? " class=\"gap\"" : "",
			   t->key);
		esc_html(b, r->duty_names[i] ? r->duty_names[i] : "");
		if (gap)
			buf_puts(b, " (no live action or other work)");
		buf_printf(b, "</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
			      "<td class=\"n\">%d</td><td class=\"n\">%d</td></tr>\n",
			   t->n[ST_NOT], t->n[ST_PROG], t->n[ST_DONE], t->n[ST_DROP], t->work_live);
	}
	buf_puts(b, "</tbody></table>\n");
	if (r->n_work) {
		buf_puts(b, "<h3>Other work serving the duties</h3>\n<ul>\n");
		for (i = 0; i < r->n_work; i++) {
			const struct plan_duty_work *w = &r->work[i];
			buf_printf(b, "<li>Duty %d: ", w->duty);
			esc_html(b, w->kind);
			buf_putc(b, ' ');
			esc_html(b, w->ref);
			buf_puts(b, ": ");
			esc_html(b, w->title);
			buf_puts(b, w->live ? "</li>\n" : " (no longer live)</li>\n");
		}
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, objectives);
	html_all_items(r, b);
	buf_puts(b, "<p><small>Made by parity. RAG: red = overdue; amber = not "
		    "started and due within 90 days, or not started with no date; green = on "
		    "track; blue = done.</small></p>\n</body></html>\n");
}

/* ---- CSV and JSON ------------------------------------------------------*/

/* The names of the items' fields in the order first met (one CSV column
 * each); *names is new, the strings are the items'. */
static size_t field_names(const struct report *r, const char ***names)
{
	const char **v = NULL;
	size_t c = 0, i, j, k;
	for (i = 0; i < r->n_items; i++)
		for (j = 0; j < r->items[i].n_fields; j++) {
			const char *nm = r->items[i].fields[j].name;
			for (k = 0; k < c && strcmp(v[k], nm); k++)
				;
			if (k == c) {
				v = xrealloc(v, (c + 1) * sizeof *v);
				v[c++] = nm;
			}
		}
	*names = v;
	return c;
}

static void render_csv(const struct report *r, struct buf *b)
{
	size_t i, j, k, n_names;
	const char **names;
	char due[11];
	buf_puts(b, "id,section,area,text,leads,timescale,due,status,rag,overdue,due_soon");
	n_names = field_names(r, &names);
	for (k = 0; k < n_names; k++) {
		buf_putc(b, ',');
		esc_csv(b, names[k]);
	}
	buf_puts(b, "\r\n");
	for (i = 0; i < r->n_items; i++) {
		const struct plan_item *it = &r->items[i];
		struct buf leads = BUF_INIT;
		date_format(it->due, due);
		leads_str(it, &leads);
		esc_csv(b, it->code); buf_putc(b, ',');
		esc_csv(b, it->section ? it->section : ""); buf_putc(b, ',');
		esc_csv(b, it->area); buf_putc(b, ',');
		esc_csv(b, it->text); buf_putc(b, ',');
		esc_csv(b, buf_str(&leads)); buf_putc(b, ',');
		esc_csv(b, it->timescale ? it->timescale : ""); buf_putc(b, ',');
		esc_csv(b, due); buf_putc(b, ',');
		esc_csv(b, it->status); buf_putc(b, ',');
		esc_csv(b, it->rag ? it->rag : ""); buf_putc(b, ',');
		buf_puts(b, it->overdue ? "1," : "0,");
		buf_puts(b, is_due_soon(r, it) ? "1" : "0");
		for (k = 0; k < n_names; k++) {
			const char *v = "";
			for (j = 0; j < it->n_fields; j++)
				if (!strcmp(it->fields[j].name, names[k]))
					v = it->fields[j].value;
			buf_putc(b, ',');
			esc_csv(b, v);
		}
		buf_puts(b, "\r\n");
		buf_free(&leads);
	}
	free(names);
}

static json_t *tally_json(const struct tally *t, const char *keyname)
{
	json_t *o = json_object();
	if (keyname)
		json_object_set_new(o, keyname, json_integer(t->key));
	json_object_set_new(o, "name", json_string(t->name));
	json_object_set_new(o, "total", json_integer(t->total));
	json_object_set_new(o, "not_started", json_integer(t->n[ST_NOT]));
	json_object_set_new(o, "in_progress", json_integer(t->n[ST_PROG]));
	json_object_set_new(o, "done", json_integer(t->n[ST_DONE]));
	json_object_set_new(o, "dropped", json_integer(t->n[ST_DROP]));
	json_object_set_new(o, "live", json_integer(live_of(t)));
	json_object_set_new(o, "overdue", json_integer(t->overdue));
	return o;
}

/* objectives: objective_load_all's array, set as "objectives" (NULL:
 * left out, as in a report of some actions only). */
static void render_json(const struct report *r, json_t *objectives, struct buf *b)
{
	json_t *o = json_object(), *a;
	size_t i;
	char asof[11], due[11];
	char *s;
	date_format(r->as_of, asof);
	json_object_set_new(o, "plan", json_string(r->plan_name));
	json_object_set_new(o, "title", r->plan_title ? json_string(r->plan_title) : json_null());
	json_object_set_new(o, "as_of", json_string(asof));
	json_object_set_new(o, "due_soon_days", json_integer(r->days));
	json_object_set_new(o, "actions", json_integer((json_int_t)r->n_items));
	json_object_set_new(o, "overdue_count", json_integer(r->overdue));
	json_object_set_new(o, "due_soon_count", json_integer(r->due_soon));
	a = json_array();
	for (i = 0; i < r->n_sections; i++)
		json_array_append_new(a, tally_json(&r->sections[i], "section_no"));
	json_object_set_new(o, "by_section", a);
	a = json_array();
	for (i = 0; i < r->n_leads; i++)
		json_array_append_new(a, tally_json(&r->leads[i], NULL));
	json_object_set_new(o, "by_lead", a);
	a = json_array();
	for (i = 0; i < r->n_duties; i++) {
		json_t *d = tally_json(&r->duties[i], "duty");
		json_object_set_new(d, "duty_name", r->duty_names[i] ? json_string(r->duty_names[i])
								      : json_null());
		json_object_set_new(d, "no_live_action", json_boolean(live_of(&r->duties[i]) == 0));
		json_object_set_new(d, "covered", json_boolean(live_of(&r->duties[i]) > 0 ||
								r->duties[i].work_live > 0));
		{
			json_t *w = json_array();
			size_t k;
			for (k = 0; k < r->n_work; k++) {
				const struct plan_duty_work *x = &r->work[k];
				if (x->duty != r->duties[i].key)
					continue;
				json_array_append_new(w, json_pack("{s:s, s:s, s:s, s:b}", "kind", x->kind,
								   "ref", x->ref, "title", x->title,
								   "live", x->live));
			}
			json_object_set_new(d, "other_work", w);
		}
		json_array_append_new(a, d);
	}
	json_object_set_new(o, "duty_coverage", a);
	{
		json_t *ov = json_array(), *soon = json_array();
		for (i = 0; i < r->n_items; i++) {
			const struct plan_item *it = &r->items[i];
			json_t *x;
			if (!it->overdue && !is_due_soon(r, it))
				continue;
			x = json_object();
			date_format(it->due, due);
			json_object_set_new(x, "id", json_string(it->code));
			json_object_set_new(x, "due", json_string(due));
			json_object_set_new(x, "status", json_string(it->status));
			json_object_set_new(x, "text", json_string(it->text));
			{
				json_t *fs = json_array();
				size_t k;
				for (k = 0; k < it->n_fields; k++) {
					json_t *f = json_object();
					json_object_set_new(f, "name", json_string(it->fields[k].name));
					json_object_set_new(f, "value", json_string(it->fields[k].value));
					json_array_append_new(fs, f);
				}
				json_object_set_new(x, "fields", fs);
			}
			json_array_append_new(it->overdue ? ov : soon, x);
		}
		json_object_set_new(o, "overdue", ov);
		json_object_set_new(o, "due_soon", soon);
	}
	if (objectives)
		json_object_set(o, "objectives", objectives);
	s = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(10)); /* as objective show */
	if (s)
		buf_printf(b, "%s\n", s);
	free(s);
	json_decref(o);
}

/* ---- iCalendar ---------------------------------------------------------*/

static void render_ics(const struct report *r, struct buf *b)
{
	icalcomponent *cal = icalcomponent_new_vcalendar();
	size_t i;
	char *s;
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//parity//action plan//EN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	for (i = 0; i < r->n_items; i++) {
		const struct plan_item *it = &r->items[i];
		icalcomponent *ev;
		struct icaltimetype t;
		char ymd[16];
		struct date when = it->due;
		struct buf summary = BUF_INIT, desc = BUF_INIT, uid = BUF_INIT, leads = BUF_INIT;
		if (!it->live)
			continue;
		/* Recurring work: due is already its next occurrence (query.c);
		 * a rule with no date at all ("Quarterly") starts at the as-of date. */
		if (!when.y && it->rrule)
			when = it->start.y ? it->start : r->as_of;
		else if (it->rrule && it->start.y)
			when = it->start;
		if (!when.y)
			continue;
		snprintf(ymd, sizeof ymd, "%04d%02d%02d", when.y % 10000, when.m % 100,
			 when.d % 100);
		t = icaltime_from_string(ymd);
		leads_str(it, &leads);
		buf_printf(&summary, "%s due: %.80s", it->code, it->text);
		buf_printf(&desc, "%s\nLead: %s\nTimescale: %s\nStatus: %s", it->text,
			   buf_str(&leads), it->timescale ? it->timescale : "", it->status);
		{
			size_t k;
			for (k = 0; k < it->n_fields; k++)
				buf_printf(&desc, "\n%s: %s", it->fields[k].name,
					   it->fields[k].value);
		}
		buf_printf(&uid, "%s-%s@parity", r->plan_name, it->code);
		ev = icalcomponent_new_vevent();
		icalcomponent_add_property(ev, icalproperty_new_uid(buf_str(&uid)));
		icalcomponent_add_property(ev, icalproperty_new_dtstamp(icaltime_current_time_with_zone(
							icaltimezone_get_utc_timezone())));
		icalcomponent_add_property(ev, icalproperty_new_dtstart(t));
		icalcomponent_add_property(ev, icalproperty_new_summary(buf_str(&summary)));
		icalcomponent_add_property(ev, icalproperty_new_description(buf_str(&desc)));
		if (it->rrule) {
			struct icalrecurrencetype rec = icalrecurrencetype_from_string(it->rrule);
			if (rec.freq != ICAL_NO_RECURRENCE)
				icalcomponent_add_property(ev, icalproperty_new_rrule(rec));
		}
		icalcomponent_add_component(cal, ev);
		buf_free(&summary);
		buf_free(&desc);
		buf_free(&uid);
		buf_free(&leads);
	}
	s = icalcomponent_as_ical_string_r(cal);
	buf_puts(b, s);
	free(s);
	icalcomponent_free(cal);
}

int plan_ics_build(store_t *db, const char *plan, struct date as_of, struct buf *out,
		   struct err *e)
{
	struct plan_report_opts o = {"ics", as_of, 90, NULL, NULL, NULL};
	return plan_report_write(db, plan, &o, out, e);
}

/* The Word document: the title, a line saying as of when and which
 * actions, the actions by section (report_docx.c), then the equality
 * objectives (objective_report_paras) unless only some actions are in. */
static int render_docx(store_t *db, const struct report *r, struct buf *b, struct err *e)
{
	struct buf sub = BUF_INIT;
	struct plan_docx_para *tail = NULL;
	size_t n_tail = 0;
	char asof[32];
	int rc;
	date_long(r->as_of, asof);
	buf_printf(&sub, "Plan report as of %s: %zu actions, %d overdue.", asof, r->n_items,
		   r->overdue);
	if (r->scope)
		buf_printf(&sub, " Actions in this report: %s.", r->scope);
	rc = r->scope ? 0 : objective_report_paras(db, r->as_of, &tail, &n_tail, e);
	if (rc == 0)
		rc = plan_docx_write(r->plan_title ? r->plan_title : r->plan_name, buf_str(&sub),
				     r->items, r->n_items, tail, n_tail, b, e);
	plan_docx_paras_free(tail, n_tail);
	buf_free(&sub);
	return rc;
}

static const char *const formats[] = {"text", "md", "html", "csv", "json", "ics", "docx"};

int plan_report_write(store_t *db, const char *plan, const struct plan_report_opts *o,
		      struct buf *out, struct err *e)
{
	struct report r;
	struct buf objectives = BUF_INIT;
	json_t *obj_json = NULL;
	size_t f;
	int rc;
	for (f = 0; f < sizeof formats / sizeof formats[0] && strcmp(o->format, formats[f]); f++)
		;
	if (f == sizeof formats / sizeof formats[0])
		return err_set(e, ERR_USAGE,
			       "unknown format '%s'; use text, md, html, csv, json, ics or docx",
			       o->format);
	rc = report_build(db, plan, o->as_of, o->days > 0 ? o->days : 90, o->keep, o->keep_arg, &r,
			  e);
	r.scope = o->scope;
	/* The equality objectives are the Board's too: in every report of the
	 * whole plan (the web's downloads keep every action when no filter is
	 * set, and then say no scope). */
	if (rc == 0 && !o->scope) {
		if (f == 2)
			rc = objective_report_html(db, o->as_of, &objectives, e);
		else if (f == 4)
			rc = objective_load_all(db, 0, o->as_of, &obj_json, e);
	}
	if (rc == 0) {
		switch (f) {
		case 0: render_text(&r, out, 0); break;
		case 1: render_text(&r, out, 1); break;
		case 2: render_html(&r, buf_str(&objectives), out); break;
		case 3: render_csv(&r, out); break;
		case 4: render_json(&r, obj_json, out); break;
		case 5: render_ics(&r, out); break;
		default: rc = render_docx(db, &r, out, e); break;
		}
	}
	if (rc == 0 && f <= 1 && !o->scope)
		rc = objective_report_text(db, o->as_of, f == 1, out, e);
	if (rc == 0 && out->failed)
		rc = err_set(e, ERR_DATA, "the report is too large to build");
	report_free(&r);
	buf_free(&objectives);
	json_decref(obj_json);
	return rc;
}

/* ---- command -----------------------------------------------------------*/

int plan_report_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as_of_s = NULL, *format = "text", *out_path = NULL, *plan = "main",
		   *days_s = NULL, *pos[1];
	int n_pos, rc;
	struct cli_opt opts[] = {
		{"as-of", 0, CLI_STRING, &as_of_s},
		{"format", 0, CLI_STRING, &format},
		{"output", 'o', CLI_STRING, &out_path},
		{"plan", 0, CLI_STRING, &plan},
		{"days", 0, CLI_STRING, &days_s},
		{NULL, 0, 0, NULL},
	};
	struct date as_of = date_today();
	long days = 90;
	store_t *db = NULL;
	struct buf b = BUF_INIT;

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if (strcmp(format, "text") && strcmp(format, "md") && strcmp(format, "html") &&
	    strcmp(format, "csv") && strcmp(format, "json") && strcmp(format, "ics") &&
	    strcmp(format, "docx"))
		return err_set(e, ERR_USAGE,
			       "unknown format '%s'; use text, md, html, csv, json, ics or docx", format);
	if (!strcmp(format, "docx") && (!out_path || !strcmp(out_path, "-")))
		return err_set(e, ERR_USAGE, "a Word document is a file: give --output FILE.docx");
	if (as_of_s && (rc = date_parse_user(as_of_s, "--as-of", &as_of, e)) < 0)
		return rc;
	if (days_s && str_to_int(days_s, 1, 3660, &days) < 0)
		return err_set(e, ERR_USAGE, "--days takes a number of days 1..3660; got '%s'",
			       days_s);
	if ((rc = plan_open_db(ctx, &db, e)) < 0)
		return rc;
	{
		struct plan_report_opts o = {format, as_of, (int)days, NULL, NULL, NULL};
		if ((rc = plan_report_write(db, plan, &o, &b, e)) < 0)
			goto done;
	}
	rc = cli_write_out(ctx, out_path, buf_str(&b), b.len, e);
done:
	buf_free(&b);
	store_close(db);
	return rc;
}
