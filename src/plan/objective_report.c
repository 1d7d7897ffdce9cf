/*
 * plan/objective_report.c: the equality objectives' section of the Board
 * report (plan report, report.c): each live objective with its deadline
 * and status, and each of its measures with the latest figure (its period
 * in words and, for counts of people, how many of how many), the target,
 * the status and the sentence saying why. In HTML (the report's own plain
 * markup, every value escaped), Markdown, text or the Word document's
 * headings and paragraphs (report_docx.c). Nothing is written when
 * there is no live objective, so a plan without objectives gets no empty
 * section. Everything comes from objective_load_all, judged on the
 * report's date.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/escape.h"
#include "core/period.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"
#include "plan/objective.h"
#include "plan/objective_words.h"

/* One measure of objective_load's JSON, read for the section. */
struct meas {
	const char *label, *unit, *kind, *latest_period;
	double latest, target;
	int64_t num, den;
	int at_least;
	enum objective_status status;
	struct objective_projection p;
};

static int json_flag(const json_t *o, const char *key)
{
	const json_t *x = json_object_get(o, key);
	return json_is_true(x) || (json_is_integer(x) && json_integer_value(x) != 0);
}

static void meas_read(const json_t *m, struct meas *x)
{
	const json_t *vals = json_object_get(m, "values"), *proj = json_object_get(m, "projection");
	size_t i;
	memset(x, 0, sizeof *x);
	x->label = objective_js(m, "label");
	x->unit = objective_js(m, "unit");
	x->kind = objective_js(m, "kind");
	x->target = objective_jd(m, "target");
	x->at_least = strcmp(objective_js(m, "direction"), "at-most") != 0;
	x->status = objective_status_parse(objective_js(m, "status"));
	x->latest = NAN;
	for (i = json_array_size(vals); i-- > 0;) {
		const json_t *v = json_array_get(vals, i);
		if (isfinite(objective_jd(v, "value"))) {
			x->latest = objective_jd(v, "value");
			x->latest_period = objective_js(v, "period");
			x->num = objective_ji(v, "numerator");
			x->den = objective_ji(v, "denominator");
			break;
		}
	}
	x->p.n_used = (int)objective_ji(proj, "n_used");
	x->p.slope = objective_jd(proj, "slope");
	x->p.value = objective_jd(proj, "value");
	x->p.low = objective_jd(proj, "low");
	x->p.high = objective_jd(proj, "high");
	x->p.past_deadline = json_flag(proj, "past_deadline");
}

/* "14.2% for April to June 2026 (120 of 845)", or "No figures yet". */
static void latest_words(const struct meas *x, struct buf *b)
{
	char v[32], pw[PERIOD_WORDS], n[32], d[32];
	if (!isfinite(x->latest)) {
		buf_puts(b, "No figures yet");
		return;
	}
	objective_value_words(x->latest, x->unit, v);
	period_words(x->latest_period, pw);
	buf_printf(b, "%s for %s", v, pw);
	if (strcmp(x->kind, "pay-gap") && x->den > 0) {
		str_count(n, x->num);
		str_count(d, x->den);
		buf_printf(b, " (%s of %s)", n, d);
	}
}

static void why_of(const struct meas *x, struct date by, struct buf *b)
{
	struct objective_why w = {x->status, x->unit, x->target, x->at_least, by,
				  x->latest, x->latest_period, &x->p};
	objective_why_words(&w, b);
}

static int load(store_t *db, struct date today, json_t **all, struct err *e)
{
	int rc = objective_load_all(db, 0, today, all, e);
	if (rc < 0)
		return rc;
	return json_array_size(*all) ? 1 : 0;
}

int objective_report_html(store_t *db, struct date today, struct buf *b, struct err *e)
{
	json_t *all = NULL, *o;
	size_t i, j;
	int rc;
	if ((rc = load(db, today, &all, e)) <= 0)
		goto out;
	buf_puts(b, "<h2>Equality objectives</h2>\n<p>Each live objective, the latest figure of "
		    "each of its measures and its target. A measure is met when its latest figure "
		    "meets the target; otherwise the trend through its figures, projected to the "
		    "deadline, says whether it is on track, at risk or off track. An objective "
		    "takes the status of its worst measure.</p>\n");
	json_array_foreach(all, i, o)
	{
		const json_t *ms = json_object_get(o, "measures"), *m;
		struct date by = date_of_iso(objective_js(o, "by"));
		enum objective_status st = objective_status_parse(objective_js(o, "status"));
		char day[32];
		date_long(by, day);
		buf_printf(b, "<h3>Objective %lld: ", (long long)objective_ji(o, "id"));
		esc_html(b, objective_js(o, "title"));
		buf_puts(b, "</h3>\n<p>To be met by ");
		esc_html(b, day);
		buf_printf(b, ". Status: <strong class=\"obj-%s\">%s</strong>.</p>\n",
			   objective_status_name(st), objective_status_words(st));
		if (!json_array_size(ms)) {
			buf_puts(b, "<p>No measures yet.</p>\n");
			continue;
		}
		buf_puts(b, "<table><thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Latest "
			    "figure</th><th scope=\"col\">Target</th><th scope=\"col\">Status</th>"
			    "<th scope=\"col\">Why</th></tr></thead><tbody>\n");
		json_array_foreach(ms, j, m)
		{
			struct meas x;
			struct buf t = BUF_INIT;
			char tw[48];
			meas_read(m, &x);
			objective_target_words(x.target, x.at_least, x.unit, tw);
			buf_puts(b, "<tr><td>");
			esc_html(b, x.label);
			buf_puts(b, "</td><td>");
			latest_words(&x, &t);
			esc_html(b, buf_str(&t));
			buf_puts(b, "</td><td>");
			esc_html(b, tw);
			buf_printf(b, "</td><td class=\"obj-%s\">%s</td><td>",
				   objective_status_name(x.status), objective_status_words(x.status));
			buf_reset(&t);
			why_of(&x, by, &t);
			esc_html(b, buf_str(&t));
			buf_puts(b, "</td></tr>\n");
			buf_free(&t);
		}
		buf_puts(b, "</tbody></table>\n");
	}
	rc = 0;
out:
	json_decref(all);
	return rc;
}

/* One measure in Markdown: a row of the objective's table. */
static void md_row(const struct meas *x, struct date by, struct buf *b)
{
	struct buf t = BUF_INIT;
	char tw[48];
	objective_target_words(x->target, x->at_least, x->unit, tw);
	buf_puts(b, "| ");
	esc_md_cell(b, x->label);
	buf_puts(b, " | ");
	latest_words(x, &t);
	esc_md_cell(b, buf_str(&t));
	buf_printf(b, " | %s | %s | ", tw, objective_status_words(x->status));
	buf_reset(&t);
	why_of(x, by, &t);
	esc_md_cell(b, buf_str(&t));
	buf_puts(b, " |\n");
	buf_free(&t);
}

/* One measure in text: a line of facts and its reason under it. */
static void text_lines(const struct meas *x, struct date by, struct buf *b)
{
	char tw[48];
	objective_target_words(x->target, x->at_least, x->unit, tw);
	buf_printf(b, "  - %s: ", x->label);
	latest_words(x, b);
	buf_printf(b, "; target %s. %s.\n    ", tw, objective_status_words(x->status));
	why_of(x, by, b);
	buf_putc(b, '\n');
}

int objective_report_text(store_t *db, struct date today, int markdown, struct buf *b,
			  struct err *e)
{
	json_t *all = NULL, *o;
	size_t i, j;
	int rc;
	if ((rc = load(db, today, &all, e)) <= 0)
		goto out;
	buf_printf(b, "\n%sEquality objectives\n\n", markdown ? "## " : "");
	json_array_foreach(all, i, o)
	{
		const json_t *ms = json_object_get(o, "measures"), *m;
		struct date by = date_of_iso(objective_js(o, "by"));
		enum objective_status st = objective_status_parse(objective_js(o, "status"));
		char day[32];
		date_long(by, day);
		if (markdown) {
			buf_printf(b, "### Objective %lld: ", (long long)objective_ji(o, "id"));
			esc_md_cell(b, objective_js(o, "title"));
			buf_printf(b, "\n\nTo be met by %s. Status: **%s**.\n\n", day,
				   objective_status_words(st));
		} else {
			buf_printf(b, "Objective %lld: %s\n  To be met by %s. Status: %s.\n",
				   (long long)objective_ji(o, "id"), objective_js(o, "title"), day,
				   objective_status_words(st));
		}
		if (!json_array_size(ms)) {
			buf_puts(b, markdown ? "No measures yet.\n\n" : "  No measures yet.\n\n");
			continue;
		}
		if (markdown)
			buf_puts(b, "| Measure | Latest figure | Target | Status | Why |\n"
				    "|---|---|---|---|---|\n");
		json_array_foreach(ms, j, m)
		{
			struct meas x;
			meas_read(m, &x);
			if (markdown)
				md_row(&x, by, b);
			else
				text_lines(&x, by, b);
		}
		buf_putc(b, '\n');
	}
	rc = 0;
out:
	json_decref(all);
	return rc;
}

/* ---- the Word document's paragraphs ------------------------------------*/

struct paras {
	struct plan_docx_para *v;
	size_t n;
};

static void para_add(struct paras *p, int level, int bold, struct buf *text)
{
	p->v = xrealloc(p->v, (p->n + 1) * sizeof *p->v);
	p->v[p->n].level = level;
	p->v[p->n].bold = bold;
	p->v[p->n].text = buf_take(text);
	if (!p->v[p->n].text)
		p->v[p->n].text = xstrdup("");
	p->n++;
}

int objective_report_paras(store_t *db, struct date today, struct plan_docx_para **out,
			   size_t *n, struct err *e)
{
	json_t *all = NULL, *o;
	struct paras p = {NULL, 0};
	struct buf t = BUF_INIT;
	size_t i, j;
	int rc;
	*out = NULL;
	*n = 0;
	if ((rc = load(db, today, &all, e)) <= 0)
		goto out;
	buf_puts(&t, "Equality objectives");
	para_add(&p, 1, 0, &t);
	json_array_foreach(all, i, o)
	{
		const json_t *ms = json_object_get(o, "measures"), *m;
		struct date by = date_of_iso(objective_js(o, "by"));
		enum objective_status st = objective_status_parse(objective_js(o, "status"));
		char day[32];
		date_long(by, day);
		buf_printf(&t, "Objective %lld: %s", (long long)objective_ji(o, "id"),
			   objective_js(o, "title"));
		para_add(&p, 2, 0, &t);
		buf_printf(&t, "To be met by %s. Status: %s.", day, objective_status_words(st));
		para_add(&p, 0, 0, &t);
		if (!json_array_size(ms)) {
			buf_puts(&t, "No measures yet.");
			para_add(&p, 0, 0, &t);
		}
		json_array_foreach(ms, j, m)
		{
			struct meas x;
			char tw[48];
			meas_read(m, &x);
			objective_target_words(x.target, x.at_least, x.unit, tw);
			buf_printf(&t, "%s: ", x.label);
			latest_words(&x, &t);
			buf_printf(&t, "; target %s. %s.", tw, objective_status_words(x.status));
			para_add(&p, 0, 1, &t);
			why_of(&x, by, &t);
			para_add(&p, 0, 0, &t);
		}
	}
	rc = 0;
out:
	buf_free(&t);
	json_decref(all);
	if (rc < 0) {
		plan_docx_paras_free(p.v, p.n);
		return rc;
	}
	*out = p.v;
	*n = p.n;
	return 0;
}

void plan_docx_paras_free(struct plan_docx_para *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}
