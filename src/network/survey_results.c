/*
 * network/survey_results.c: a survey's results — counts and shares per
 * question and choice, overall and by the groups of one characteristic,
 * each recorded group compared with the reference group (monitor_compare:
 * difference with Newcombe's interval, p; Holm across the run), the
 * publication threshold applied — and the same results as text, JSON, CSV
 * and XLSX (survey.h says what is shown and hidden).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/escape.h"
#include "render/xlsx.h"
#include "network/survey.h"

void survey_results_free(struct survey_results *r)
{
	size_t i;
	if (!r)
		return;
	for (i = 0; i < r->n_rows; i++)
		free(r->rows[i].groups);
	for (i = 0; i < r->n_texts; i++)
		free(r->texts[i].text);
	free(r->rows);
	free(r->texts);
	free(r->groups);
	free(r->group_n);
	free(r->group_hidden);
	free(r);
}

static int group_index(const struct survey_results *r, const char *g)
{
	size_t i;
	for (i = 0; i < r->n_groups; i++)
		if (!strcmp(r->groups[i], g))
			return (int)i;
	return -1;
}

/* Rows for each choice question's choices and each scale's agreeing
 * share; *qrow[q] the first row of question q (-1 for free text). */
static int make_rows(const struct survey *s, struct survey_results *r, int *qrow,
		     struct err *e)
{
	int i, j, n = 0;
	for (i = 0; i < s->n_questions; i++)
		n += s->questions[i].type == SQ_SCALE ? 1
		     : s->questions[i].type == SQ_TEXT ? 0 : s->questions[i].n_choices;
	r->rows = calloc((size_t)n + 1, sizeof *r->rows);
	if (!r->rows)
		return err_set(e, ERR_INTERNAL, "out of memory");
	for (i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		qrow[i] = q->type == SQ_TEXT ? -1 : (int)r->n_rows;
		for (j = 0; j < (q->type == SQ_SCALE ? 1 : q->type == SQ_TEXT ? 0 : q->n_choices);
		     j++) {
			struct survey_row *row = &r->rows[r->n_rows++];
			row->question = q->number;
			if (q->type == SQ_SCALE) {
				row->choice = 0;
				snprintf(row->label, sizeof row->label, "Agreeing (%d or %d)",
					 q->scale_hi - 1, q->scale_hi);
			} else {
				row->choice = j + 1;
				snprintf(row->label, sizeof row->label, "%s", q->choices[j]);
			}
			if (r->n_groups) {
				row->groups = calloc(r->n_groups, sizeof *row->groups);
				if (!row->groups)
					return err_set(e, ERR_INTERNAL, "out of memory");
			}
		}
	}
	return 0;
}

/* Count answers: n per question and group (in the rows' cells' n), k per
 * row and group. */
static int count(store_t *db, const struct survey *s, struct survey_results *r, const int *qrow,
		 struct err *e)
{
	store_stmt_t *st;
	int64_t last_resp = -1;
	int last_q = -1, rc;
	rc = store_prepare(db, &st, e,
			   "SELECT q.number, a.response_id, a.choice, a.value, "
			   "COALESCE(c.grp, 'Missing') FROM net_survey_answer a "
			   "JOIN net_survey_question q ON q.id = a.question_id "
			   "JOIN net_survey_response r ON r.id = a.response_id "
			   "LEFT JOIN net_survey_char c ON c.response_id = r.id "
			   "AND c.characteristic = ? WHERE r.survey_id = ? AND q.type <> 'text' "
			   "ORDER BY q.number, a.response_id, a.choice",
			   "ti", r->by, s->id);
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		int qn = (int)store_col_int(st, 0), g = -1, first, row, j, nrows;
		const struct survey_question *q;
		int64_t resp = store_col_int(st, 1);
		if (qn < 1 || qn > s->n_questions || qrow[qn - 1] < 0)
			continue;
		q = &s->questions[qn - 1];
		if (r->n_groups)
			g = group_index(r, store_col_text(st, 4));
		first = qn != last_q || resp != last_resp;
		last_q = qn;
		last_resp = resp;
		nrows = q->type == SQ_SCALE ? 1 : q->n_choices;
		if (first)
			for (j = 0; j < nrows; j++) {
				r->rows[qrow[qn - 1] + j].all.n++;
				if (g >= 0)
					r->rows[qrow[qn - 1] + j].groups[g].n++;
			}
		if (q->type == SQ_SCALE) {
			if (store_col_int(st, 3) < q->scale_hi - 1)
				continue;
			row = qrow[qn - 1];
		} else {
			int64_t c = store_col_int(st, 2);
			if (c < 1 || c > q->n_choices)
				continue;
			row = qrow[qn - 1] + (int)c - 1;
		}
		r->rows[row].all.k++;
		if (g >= 0)
			r->rows[row].groups[g].k++;
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

static void finish_cell(struct survey_cell *c)
{
	c->share = c->n ? (double)c->k / (double)c->n : NAN;
	c->p_adj = NAN;
	if (c->hidden) {
		c->k = 0;
		c->share = NAN;
	}
}

/* The reference group: White for ethnicity when shown, else the largest
 * recorded group with at least threshold responses; -1 when none. */
static int pick_reference(struct survey_results *r, size_t n_recorded)
{
	size_t i;
	int best = -1;
	if (!strcmp(r->by, "ethnicity")) {
		int w = group_index(r, "White");
		if (w >= 0 && r->group_n[w] >= r->threshold)
			return w;
	}
	for (i = 0; i < n_recorded; i++)
		if (r->group_n[i] >= r->threshold && (best < 0 || r->group_n[i] > r->group_n[best]))
			best = (int)i;
	return best;
}

/* Secondary suppression over n[0..ng) (hidden[] in and out) against
 * total: hide the smallest shown group but ref while the total less the
 * shown groups is between 1 and threshold - 1; 1 when the total itself
 * must be hidden (nothing left to hide). */
static int suppress_rest(int64_t total, const int64_t *n, int *hidden, size_t ng, int ref,
			 int threshold)
{
	for (;;) {
		int64_t rest = total;
		size_t g;
		int pick = -1;
		for (g = 0; g < ng; g++)
			if (!hidden[g])
				rest -= n[g];
		if (rest <= 0 || rest >= threshold)
			return 0;
		for (g = 0; g < ng; g++)
			if (!hidden[g] && (int)g != ref && n[g] > 0 && (pick < 0 || n[g] < n[pick]))
				pick = (int)g;
		if (pick < 0)
			return 1;
		hidden[pick] = 1;
	}
}

/* All or none: when the hidden groups of one row of a question together
 * answered alike — none of them, or every one of them, gave that answer —
 * each hidden group's answer can be worked out from the shown cells (the
 * whole less the shown groups). Hide the smallest shown group (the
 * reference last) until no row of the question is so, or none is left.
 * first: the question's first row; rows: its rows; hid: in and out. */
static void suppress_alike(const struct survey_results *r, int first, int rows, int *hid)
{
	const struct survey_row *q = &r->rows[first];
	for (;;) {
		int j, alike = 0, pick = -1;
		size_t g;
		for (j = 0; j < rows && !alike; j++) {
			const struct survey_row *row = &r->rows[first + j];
			int64_t nh = 0, kh = 0;
			for (g = 0; g < r->n_groups; g++)
				if (hid[g]) {
					nh += row->groups[g].n;
					kh += row->groups[g].k;
				}
			alike = nh > 0 && (kh == 0 || kh == nh);
		}
		if (!alike)
			return;
		for (g = 0; g < r->n_groups; g++)
			if (!hid[g] && (int)g != r->ref && q->groups[g].n > 0 &&
			    (pick < 0 || q->groups[g].n < q->groups[pick].n))
				pick = (int)g;
		if (pick < 0 && r->ref >= 0 && !hid[r->ref] && q->groups[r->ref].n > 0)
			pick = r->ref;
		if (pick < 0)
			return;
		hid[pick] = 1;
	}
}

/* The cells of each question: primary (fewer than threshold answered, or
 * the group's number hidden) and secondary suppression, the same for
 * every row of the question (they share n). */
static int suppress_cells(const struct survey *s, struct survey_results *r, const int *qrow,
			  struct err *e)
{
	int64_t *n = calloc(r->n_groups + 1, sizeof *n);
	int *hid = calloc(r->n_groups + 1, sizeof *hid);
	int i, j, rows;
	size_t g;
	if (!n || !hid) {
		free(n);
		free(hid);
		return err_set(e, ERR_INTERNAL, "out of memory");
	}
	for (i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		struct survey_row *first;
		int all_hidden;
		if (qrow[i] < 0)
			continue;
		first = &r->rows[qrow[i]];
		rows = q->type == SQ_SCALE ? 1 : q->n_choices;
		for (g = 0; g < r->n_groups; g++) {
			n[g] = first->groups[g].n;
			hid[g] = n[g] < r->threshold || r->group_hidden[g];
		}
		all_hidden = first->all.n < r->threshold || r->total_hidden ||
			     suppress_rest(first->all.n, n, hid, r->n_groups, r->ref, r->threshold);
		if (!all_hidden)
			suppress_alike(r, qrow[i], rows, hid);
		for (j = 0; j < rows; j++) {
			struct survey_row *row = &r->rows[qrow[i] + j];
			row->all.hidden = all_hidden;
			for (g = 0; g < r->n_groups; g++)
				row->groups[g].hidden = hid[g];
		}
	}
	free(n);
	free(hid);
	return 0;
}

static int compare_all(struct survey_results *r, size_t n_recorded, struct err *e)
{
	double *p = NULL;
	size_t i, g, k = 0;
	int rc = 0;
	if (r->ref < 0)
		return 0;
	p = calloc(r->n_rows * n_recorded + 1, sizeof *p);
	if (!p)
		return err_set(e, ERR_INTERNAL, "out of memory");
	for (i = 0; rc >= 0 && i < r->n_rows; i++) {
		struct survey_cell *ref = &r->rows[i].groups[r->ref];
		if (ref->hidden)
			continue;
		for (g = 0; g < n_recorded; g++) {
			struct survey_cell *c = &r->rows[i].groups[g];
			if ((int)g == r->ref || c->hidden)
				continue;
			if ((rc = monitor_compare(c->k, c->n, ref->k, ref->n, &c->cmp, e)) < 0)
				break;
			c->compared = 1;
			p[k++] = c->cmp.p;
		}
	}
	if (rc >= 0 && k)
		rc = monitor_adjust_holm(p, k, p, e);
	r->n_comparisons = k;
	for (i = 0, k = 0; rc >= 0 && i < r->n_rows; i++)
		for (g = 0; g < n_recorded; g++)
			if (r->rows[i].groups[g].compared)
				r->rows[i].groups[g].p_adj = p[k++];
	free(p);
	return rc;
}

static int load_texts(store_t *db, const struct survey *s, struct survey_results *r,
		      struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	/* by question, then by text: the order says nothing of who wrote what */
	rc = store_prepare(db, &st, e,
			   "SELECT q.number, a.text FROM net_survey_answer a "
			   "JOIN net_survey_question q ON q.id = a.question_id "
			   "WHERE q.survey_id = ? AND q.type = 'text' AND a.text IS NOT NULL "
			   "ORDER BY q.number, a.text", "i", s->id);
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		if (r->n_texts == cap) {
			struct survey_text *x = realloc(r->texts, (cap = cap ? cap * 2 : 16) * sizeof *x);
			if (!x) {
				rc = err_set(e, ERR_INTERNAL, "out of memory");
				break;
			}
			r->texts = x;
		}
		r->texts[r->n_texts].question = (int)store_col_int(st, 0);
		r->texts[r->n_texts].text = strdup(store_col_text(st, 1));
		if (!r->texts[r->n_texts].text) {
			rc = err_set(e, ERR_INTERNAL, "out of memory");
			break;
		}
		r->n_texts++;
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

int survey_results_new(store_t *db, const struct survey *s, const char *by, int threshold,
		       struct survey_results **out, struct err *e)
{
	struct survey_results *r;
	const char *const *groups = NULL;
	const char *column = NULL;
	size_t n_groups = 0, n_recorded = 0, i, g;
	int qrow[SURVEY_MAX_QUESTIONS], rc = 0, k;
	*out = NULL;
	if (threshold < SURVEY_THRESHOLD_MIN)
		return err_set(e, ERR_USAGE, "--threshold: %d is below the publication threshold "
			       "of %d; it may be raised, never lowered", threshold,
			       SURVEY_THRESHOLD_MIN);
	if (by && *by) {
		if (survey_char_ok(by, &column, e) < 0)
			return ERR_USAGE;
		for (k = 0; k < s->n_asks; k++)
			if (!strcmp(s->asks[k], column))
				break;
		if (k == s->n_asks) {
			char asks[SURVEY_MAX_ASK * 34] = "";
			size_t used = 0;
			for (k = 0; k < s->n_asks; k++)
				used += (size_t)snprintf(asks + used, sizeof asks - used, "%s%s",
							 k ? ", " : "", s->asks[k]);
			return err_set(e, ERR_USAGE, "--by: survey %lld does not ask %s (it asks %s)",
				       (long long)s->id, column, s->n_asks ? asks : "none");
		}
		if (monitor_groups_of(column, &groups, &n_groups, &n_recorded, &column, e) < 0)
			return ERR_USAGE;
	}
	r = calloc(1, sizeof *r);
	if (!r)
		return err_set(e, ERR_INTERNAL, "out of memory");
	r->survey_id = s->id;
	r->threshold = threshold;
	r->ref = -1;
	snprintf(r->by, sizeof r->by, "%s", column ? column : "");
	r->n_groups = n_groups;
	if (n_groups) {
		r->groups = calloc(n_groups, sizeof *r->groups);
		r->group_n = calloc(n_groups, sizeof *r->group_n);
		r->group_hidden = calloc(n_groups, sizeof *r->group_hidden);
		if (!r->groups || !r->group_n || !r->group_hidden) {
			rc = err_set(e, ERR_INTERNAL, "out of memory");
			goto fail;
		}
		for (g = 0; g < n_groups; g++)
			snprintf(r->groups[g], sizeof r->groups[g], "%s", groups[g]);
	}
	if ((rc = store_query_int(db, &r->n_responses, e,
				  "SELECT COUNT(*) FROM net_survey_response WHERE survey_id = ?", "i",
				  s->id)) < 0)
		goto fail;
	if (n_groups) {
		store_stmt_t *st;
		rc = store_prepare(db, &st, e,
				   "SELECT COALESCE(c.grp, 'Missing'), COUNT(*) FROM net_survey_response r "
				   "LEFT JOIN net_survey_char c ON c.response_id = r.id "
				   "AND c.characteristic = ? WHERE r.survey_id = ? "
				   "GROUP BY COALESCE(c.grp, 'Missing')", "ti", r->by, s->id);
		while (rc >= 0 && (rc = store_step(st, e)) == 1) {
			int gi = group_index(r, store_col_text(st, 0));
			if (gi >= 0)
				r->group_n[gi] += store_col_int(st, 1);
		}
		store_done(st);
		if (rc < 0)
			goto fail;
	}
	if ((rc = make_rows(s, r, qrow, e)) < 0 || (rc = count(db, s, r, qrow, e)) < 0)
		goto fail;
	/* the groups' numbers: below the threshold, then secondary */
	r->total_hidden = r->n_responses < threshold;
	if (n_groups) {
		r->ref = pick_reference(r, n_recorded);
		for (g = 0; g < n_groups; g++)
			r->group_hidden[g] = r->group_n[g] < threshold;
		if (!r->total_hidden)
			r->total_hidden = suppress_rest(r->n_responses, r->group_n, r->group_hidden,
							n_groups, r->ref, threshold);
		if ((rc = suppress_cells(s, r, qrow, e)) < 0)
			goto fail;
	} else {
		for (i = 0; i < r->n_rows; i++)
			r->rows[i].all.hidden = r->rows[i].all.n < threshold;
	}
	for (i = 0; i < r->n_rows; i++) {
		finish_cell(&r->rows[i].all);
		for (g = 0; g < n_groups; g++)
			finish_cell(&r->rows[i].groups[g]);
	}
	if (n_groups && (rc = compare_all(r, n_recorded, e)) < 0)
		goto fail;
	r->texts_shown = r->n_responses >= threshold;
	if (r->texts_shown && (rc = load_texts(db, s, r, e)) < 0)
		goto fail;
	*out = r;
	return 0;
fail:
	survey_results_free(r);
	return rc;
}

/* ---- outputs -------------------------------------------------------------*/

/* Why a hidden cell is hidden, into out (n bytes). */
static void hidden_note(const struct survey_cell *c, int threshold, char *out, size_t n)
{
	if (c->n < threshold)
		snprintf(out, n, "fewer than %d responses", threshold);
	else
		snprintf(out, n, "not shown, so that a smaller group cannot be worked out");
}

static const struct survey_question *question_of(const struct survey *s, int number)
{
	return number >= 1 && number <= s->n_questions ? &s->questions[number - 1] : NULL;
}

static void text_cell(struct buf *out, const char *name, const struct survey_cell *c,
		      int threshold, int is_ref)
{
	buf_printf(out, "    %-22s ", name);
	if (c->hidden) {
		char note[80];
		hidden_note(c, threshold, note, sizeof note);
		buf_printf(out, "%s\n", note);
		return;
	}
	buf_printf(out, "%4lld of %-5lld %5.1f%%", (long long)c->k, (long long)c->n,
		   100.0 * c->share);
	if (is_ref)
		buf_puts(out, "   reference group");
	else if (c->compared)
		buf_printf(out, "   %+.1f points (95%% CI %+.1f to %+.1f), p = %.3g, adjusted %.3g",
			   100.0 * c->cmp.diff, 100.0 * c->cmp.diff_lo, 100.0 * c->cmp.diff_hi,
			   c->cmp.p, c->p_adj);
	buf_putc(out, '\n');
}

void survey_results_text(const struct survey *s, const struct survey_results *r,
			 struct buf *out)
{
	size_t i, g;
	int last_q = 0;
	buf_printf(out, "Survey %lld: %s (%s, %s)\n", (long long)s->id, s->title,
		   survey_kind_words(s->kind), s->anonymous ? "anonymous" : "named");
	if (r->n_responses < r->threshold)
		buf_printf(out, "Responses: fewer than %d\n", r->threshold);
	else if (r->total_hidden)
		buf_puts(out, "Responses: not shown (a small group could be worked out from it)\n");
	else
		buf_printf(out, "Responses: %lld\n", (long long)r->n_responses);
	buf_printf(out, "Publication threshold: %d (no result for fewer responses)\n",
		   r->threshold);
	if (r->by[0]) {
		buf_printf(out, "By %s; reference group: %s; %zu comparisons, p adjusted by Holm\n",
			   monitor_char_label(r->by), r->ref >= 0 ? r->groups[r->ref] : "none",
			   r->n_comparisons);
		for (g = 0; g < r->n_groups; g++)
			if (!r->group_hidden[g])
				buf_printf(out, "  %s: %lld responses\n", r->groups[g],
					   (long long)r->group_n[g]);
			else if (r->group_n[g] >= r->threshold)
				buf_printf(out, "  %s: not shown (so that a smaller group cannot be "
					   "worked out)\n", r->groups[g]);
			else if (r->group_n[g])
				buf_printf(out, "  %s: fewer than %d responses\n", r->groups[g],
					   r->threshold);
	}
	for (i = 0; i < r->n_rows; i++) {
		const struct survey_row *row = &r->rows[i];
		const struct survey_question *q = question_of(s, row->question);
		if (row->question != last_q && q) {
			buf_printf(out, "\nQ%d %s (%s)\n", q->number, q->text,
				   q->type == SQ_SCALE ? "scale; share agreeing: its top two points"
				   : q->type == SQ_SINGLE ? "single choice" : "multiple choice");
			last_q = row->question;
		}
		buf_printf(out, "  %s\n", row->label);
		text_cell(out, "All", &row->all, r->threshold, 0);
		for (g = 0; row->groups && g < r->n_groups; g++)
			if (r->group_n[g])
				text_cell(out, r->groups[g], &row->groups[g], r->threshold,
					  (int)g == r->ref);
	}
	for (i = 0; i < (size_t)s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		size_t t;
		if (q->type != SQ_TEXT)
			continue;
		buf_printf(out, "\nQ%d %s (free text, shown for everyone together only)\n",
			   q->number, q->text);
		if (!r->texts_shown) {
			buf_printf(out, "  not shown: the survey has fewer than %d responses\n",
				   r->threshold);
			continue;
		}
		for (t = 0; t < r->n_texts; t++)
			if (r->texts[t].question == q->number)
				buf_printf(out, "  - %s\n", r->texts[t].text);
	}
}

static json_t *cell_json(const struct survey_cell *c, int threshold)
{
	json_t *o = json_object();
	if (c->hidden) {
		char note[80];
		hidden_note(c, threshold, note, sizeof note);
		json_object_set_new(o, "hidden", json_true());
		json_object_set_new(o, "note", json_string(note));
		return o;
	}
	json_object_set_new(o, "responses", json_integer(c->n));
	json_object_set_new(o, "count", json_integer(c->k));
	json_object_set_new(o, "share", json_real(c->share));
	if (c->compared) {
		json_object_set_new(o, "difference", json_real(c->cmp.diff));
		json_object_set_new(o, "ci_low", json_real(c->cmp.diff_lo));
		json_object_set_new(o, "ci_high", json_real(c->cmp.diff_hi));
		json_object_set_new(o, "p", json_real(c->cmp.p));
		json_object_set_new(o, "p_adjusted", json_real(c->p_adj));
		json_object_set_new(o, "test", json_string(c->cmp.test));
	}
	return o;
}

int survey_results_json(const struct survey *s, const struct survey_results *r, json_t **out,
			struct err *e)
{
	json_t *o = json_object(), *qs = json_array(), *gs = json_array(), *qo = NULL, *rows = NULL;
	size_t i, g;
	int last_q = 0;
	(void)e;
	json_object_set_new(o, "survey", json_integer(s->id));
	json_object_set_new(o, "title", json_string(s->title));
	json_object_set_new(o, "kind", json_string(s->kind));
	json_object_set_new(o, "threshold", json_integer(r->threshold));
	json_object_set_new(o, "responses", !r->total_hidden ? json_integer(r->n_responses)
							     : json_null());
	json_object_set_new(o, "by", r->by[0] ? json_string(r->by) : json_null());
	json_object_set_new(o, "reference", r->ref >= 0 ? json_string(r->groups[r->ref])
							: json_null());
	json_object_set_new(o, "comparisons", json_integer((json_int_t)r->n_comparisons));
	json_object_set_new(o, "adjustment", json_string("Holm"));
	for (g = 0; g < r->n_groups; g++) {
		json_t *x = json_object();
		json_object_set_new(x, "group", json_string(r->groups[g]));
		if (!r->group_hidden[g])
			json_object_set_new(x, "responses", json_integer(r->group_n[g]));
		else
			json_object_set_new(x, "hidden", json_true());
		json_array_append_new(gs, x);
	}
	json_object_set_new(o, "groups", gs);
	for (i = 0; i < r->n_rows; i++) {
		const struct survey_row *row = &r->rows[i];
		const struct survey_question *q = question_of(s, row->question);
		json_t *ro = json_object(), *rg = json_object();
		if (row->question != last_q && q) {
			qo = json_object();
			rows = json_array();
			json_object_set_new(qo, "number", json_integer(q->number));
			json_object_set_new(qo, "text", json_string(q->text));
			json_object_set_new(qo, "type", json_string(survey_qtype_name(q->type)));
			json_object_set_new(qo, "rows", rows);
			json_array_append_new(qs, qo);
			last_q = row->question;
		}
		json_object_set_new(ro, "choice", json_integer(row->choice));
		json_object_set_new(ro, "label", json_string(row->label));
		json_object_set_new(ro, "all", cell_json(&row->all, r->threshold));
		for (g = 0; row->groups && g < r->n_groups; g++)
			json_object_set_new(rg, r->groups[g], cell_json(&row->groups[g], r->threshold));
		json_object_set_new(ro, "groups", rg);
		if (rows)
			json_array_append_new(rows, ro);
		else
			json_decref(ro);
	}
	json_object_set_new(o, "questions", qs);
	json_object_set_new(o, "texts_shown", json_boolean(r->texts_shown));
	{
		json_t *t = json_array();
		for (i = 0; i < r->n_texts; i++)
			json_array_append_new(t, json_pack("{s:i,s:s}", "question",
							   r->texts[i].question, "text",
							   r->texts[i].text));
		json_object_set_new(o, "texts", t);
	}
	*out = o;
	return 0;
}

static void csv_num(struct buf *out, double v, int pct)
{
	if (isnan(v))
		buf_puts(out, ",");
	else
		buf_printf(out, pct ? ",%.4f" : ",%.6g", v);
}

/* One CSV row of results. */
static void csv_cell(struct buf *out, const struct survey_question *q,
		     const struct survey_row *row, const char *group, const struct survey_cell *c,
		     int threshold, int is_ref)
{
	char num[16];
	snprintf(num, sizeof num, "%d", q->number);
	esc_csv(out, num);
	buf_putc(out, ',');
	esc_csv(out, q->text);
	buf_putc(out, ',');
	esc_csv(out, row->label);
	buf_putc(out, ',');
	esc_csv(out, group);
	if (c->hidden) {
		char note[80];
		hidden_note(c, threshold, note, sizeof note);
		buf_puts(out, ",,,,,,,,,");
		esc_csv(out, note);
		buf_puts(out, ",\r\n");
		return;
	}
	buf_printf(out, ",%lld,%lld", (long long)c->n, (long long)c->k);
	csv_num(out, c->share, 1);
	if (c->compared) {
		csv_num(out, c->cmp.diff, 1);
		csv_num(out, c->cmp.diff_lo, 1);
		csv_num(out, c->cmp.diff_hi, 1);
		csv_num(out, c->cmp.p, 0);
		csv_num(out, c->p_adj, 0);
		buf_puts(out, ",,");
	} else {
		buf_printf(out, ",,,,,,%s,", is_ref ? "reference group" : "");
	}
	buf_puts(out, "\r\n");
}

void survey_results_csv(const struct survey *s, const struct survey_results *r,
			struct buf *out)
{
	size_t i, g;
	buf_puts(out, "question,question_text,answer,group,responses,count,share,difference,"
		 "ci_low,ci_high,p,p_adjusted,note,text\r\n");
	for (i = 0; i < r->n_rows; i++) {
		const struct survey_row *row = &r->rows[i];
		const struct survey_question *q = question_of(s, row->question);
		if (!q)
			continue;
		csv_cell(out, q, row, "All", &row->all, r->threshold, 0);
		for (g = 0; row->groups && g < r->n_groups; g++)
			if (r->group_n[g])
				csv_cell(out, q, row, r->groups[g], &row->groups[g], r->threshold,
					 (int)g == r->ref);
	}
	for (i = 0; i < (size_t)s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		char num[16];
		size_t t;
		if (q->type != SQ_TEXT)
			continue;
		snprintf(num, sizeof num, "%d", q->number);
		if (!r->texts_shown) {
			buf_printf(out, "%s,", num);
			esc_csv(out, q->text);
			buf_printf(out, ",(free text),All,,,,,,,,,survey has fewer than %d responses,"
				   "\r\n", r->threshold);
			continue;
		}
		for (t = 0; t < r->n_texts; t++) {
			if (r->texts[t].question != q->number)
				continue;
			buf_printf(out, "%s,", num);
			esc_csv(out, q->text);
			buf_puts(out, ",(free text),All,,,,,,,,,,");
			esc_csv(out, r->texts[t].text);
			buf_puts(out, "\r\n");
		}
	}
}

static void xlsx_num(struct rx_book *x, lxw_worksheet *ws, int row, int col, double v)
{
	if (!isnan(v))
		rx_note(x, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, NULL));
}

int survey_results_xlsx(const struct survey *s, const struct survey_results *r, const char *path,
			struct err *e)
{
	static const char *const head[] = {"Question", "Question text", "Answer", "Group",
					   "Responses", "Count", "Share", "Difference",
					   "95% CI low", "95% CI high", "p", "p adjusted (Holm)",
					   "Note"};
	struct rx_book x;
	struct buf title = BUF_INIT, line = BUF_INIT;
	lxw_worksheet *ws;
	size_t i, g;
	int rc, row = 0, c;
	buf_printf(&title, "%s: results", s->title);
	rc = rx_open(&x, path, buf_str(&title), e);
	buf_free(&title);
	if (rc < 0)
		return rc;
	ws = workbook_add_worksheet(x.wb, "Results");
	buf_printf(&line, "%s — %s, publication threshold %d%s%s", s->title,
		   survey_kind_words(s->kind), r->threshold, r->by[0] ? ", by " : "",
		   r->by[0] ? monitor_char_label(r->by) : "");
	rx_str(&x, ws, (lxw_row_t)row++, 0, buf_str(&line), x.title);
	buf_free(&line);
	row++;
	for (c = 0; c < (int)(sizeof head / sizeof head[0]); c++)
		rx_str(&x, ws, (lxw_row_t)row, (lxw_col_t)c, head[c], x.head);
	row++;
	for (i = 0; i < r->n_rows; i++) {
		const struct survey_row *rw = &r->rows[i];
		const struct survey_question *q = question_of(s, rw->question);
		for (g = 0; q && g <= (rw->groups ? r->n_groups : 0); g++) {
			const struct survey_cell *cell = g == 0 ? &rw->all : &rw->groups[g - 1];
			if (g > 0 && !r->group_n[g - 1])
				continue;
			rx_int(&x, ws, (lxw_row_t)row, 0, q->number, NULL);
			rx_str(&x, ws, (lxw_row_t)row, 1, q->text, NULL);
			rx_str(&x, ws, (lxw_row_t)row, 2, rw->label, NULL);
			rx_str(&x, ws, (lxw_row_t)row, 3, g == 0 ? "All" : r->groups[g - 1], NULL);
			if (cell->hidden) {
				char note[80];
				hidden_note(cell, r->threshold, note, sizeof note);
				rx_str(&x, ws, (lxw_row_t)row, 12, note, NULL);
			} else {
				rx_int(&x, ws, (lxw_row_t)row, 4, cell->n, NULL);
				rx_int(&x, ws, (lxw_row_t)row, 5, cell->k, NULL);
				xlsx_num(&x, ws, row, 6, cell->share);
				if (cell->compared) {
					xlsx_num(&x, ws, row, 7, cell->cmp.diff);
					xlsx_num(&x, ws, row, 8, cell->cmp.diff_lo);
					xlsx_num(&x, ws, row, 9, cell->cmp.diff_hi);
					xlsx_num(&x, ws, row, 10, cell->cmp.p);
					xlsx_num(&x, ws, row, 11, cell->p_adj);
				} else if (g > 0 && (int)g - 1 == r->ref) {
					rx_str(&x, ws, (lxw_row_t)row, 12, "reference group", NULL);
				}
			}
			row++;
		}
	}
	if (r->texts_shown && r->n_texts) {
		ws = workbook_add_worksheet(x.wb, "Free text");
		rx_str(&x, ws, 0, 0, "Question", x.head);
		rx_str(&x, ws, 0, 1, "Answer (everyone together; never by group)", x.head);
		for (i = 0; i < r->n_texts; i++) {
			rx_int(&x, ws, (lxw_row_t)(i + 1), 0, r->texts[i].question, NULL);
			rx_str(&x, ws, (lxw_row_t)(i + 1), 1, r->texts[i].text, x.wrap);
		}
	}
	return rx_close(&x, e);
}

/* ---- into monitoring -------------------------------------------------------*/

int survey_feed(store_t *db, int64_t id, const char *period, const char *dataset,
		const int *questions, const int *favourable, int n, const char *author,
		struct buf *csv_out, int *raised, struct err *e)
{
	struct survey *s = NULL;
	struct buf csv = BUF_INIT, problems = BUF_INIT;
	int i, k, rc = 0;
	if (raised)
		*raised = 0;
	if (!dataset || (strcmp(dataset, "staff-survey") && strcmp(dataset, "exit-interviews")))
		return err_set(e, ERR_USAGE, "--dataset: '%s' is not a workforce dataset a survey "
			       "feeds; use staff-survey or exit-interviews", dataset ? dataset : "");
	if (n < 1)
		return err_set(e, ERR_USAGE, "name the questions to feed: --question N (a scale: "
			       "agreeing) or --question N:CHOICE (a choice question's favourable "
			       "answer)");
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	rc = survey_load_new(db, id, &s, e);
	if (rc >= 0 && !s->n_asks)
		rc = err_set(e, ERR_DATA, "survey %lld asks no protected characteristics: there are "
			     "no groups to feed", (long long)id);
	buf_puts(&csv, "unit,period,characteristic,group,outcome,numerator,denominator,"
		 "direction\n");
	for (i = 0; rc >= 0 && i < n; i++) {
		const struct survey_question *q = question_of(s, questions[i]);
		char outcome[64];
		if (!q) {
			rc = err_set(e, ERR_USAGE, "--question %d: survey %lld has questions 1 to %d",
				     questions[i], (long long)id, s->n_questions);
			break;
		}
		if (q->type == SQ_TEXT) {
			rc = err_set(e, ERR_USAGE, "--question %d is free text: only choices and "
				     "scales are counted", q->number);
			break;
		}
		if (q->type == SQ_SCALE && favourable[i]) {
			rc = err_set(e, ERR_USAGE, "--question %d is a scale: its favourable answer "
				     "is agreeing (give --question %d alone)", q->number, q->number);
			break;
		}
		if (q->type != SQ_SCALE && (favourable[i] < 1 || favourable[i] > q->n_choices)) {
			rc = err_set(e, ERR_USAGE, "--question %d: give the favourable choice as "
				     "%d:CHOICE, CHOICE from 1 to %d", q->number, q->number,
				     q->n_choices);
			break;
		}
		snprintf(outcome, sizeof outcome, "q%d %s", q->number,
			 q->type == SQ_SCALE ? "agreeing" : q->choices[favourable[i] - 1]);
		for (k = 0; rc >= 0 && k < s->n_asks; k++) {
			store_stmt_t *st;
			rc = store_prepare(
				db, &st, e,
				"SELECT c.grp, COUNT(DISTINCT a.response_id), "
				"COUNT(DISTINCT CASE WHEN (? = 'scale' AND a.value >= ?) OR "
				"(? <> 'scale' AND a.choice = ?) THEN a.response_id END) "
				"FROM net_survey_answer a JOIN net_survey_char c "
				"ON c.response_id = a.response_id AND c.characteristic = ? "
				"WHERE a.question_id = ? GROUP BY c.grp ORDER BY c.grp",
				"tit" "iti", survey_qtype_name(q->type), (int64_t)(q->scale_hi - 1),
				survey_qtype_name(q->type), (int64_t)favourable[i], s->asks[k], q->id);
			while (rc >= 0 && (rc = store_step(st, e)) == 1) {
				buf_puts(&csv, "All,");
				esc_csv(&csv, period);
				buf_printf(&csv, ",%s,", s->asks[k]);
				esc_csv(&csv, store_col_text(st, 0));
				buf_putc(&csv, ',');
				esc_csv(&csv, outcome);
				buf_printf(&csv, ",%lld,%lld,favourable\n",
					   (long long)store_col_int(st, 2),
					   (long long)store_col_int(st, 1));
			}
			store_done(st);
		}
	}
	/* monitoring imports in a transaction of its own */
	store_rollback(db);
	if (rc >= 0) {
		char name[64];
		snprintf(name, sizeof name, "survey %lld", (long long)id);
		rc = monitor_counts_import_mem(db, dataset, name, author, buf_str(&csv), csv.len,
					       &problems, raised, e);
		if (rc < 0 && problems.len)
			err_prefix(e, "%s", buf_str(&problems));
	}
	if (csv_out)
		buf_puts(csv_out, buf_str(&csv));
	buf_free(&csv);
	buf_free(&problems);
	survey_free(s);
	return rc < 0 ? rc : 0;
}
