/*
 * network/survey_web_results.c: a survey's results on the web, for
 * accounts holding the members capability — per question and answer, the
 * count and share overall and by the groups of one characteristic the
 * survey asks, each group's difference from the reference group in words
 * with its 95% interval and whether it stands after Holm's adjustment for
 * the comparisons made; a group with fewer than the publication threshold
 * of responses shows no result at all, and free text is shown only for
 * everyone together, and only when the survey has enough responses. The
 * same results download as CSV and XLSX (survey_results_csv/_xlsx obey the
 * same threshold). And the form that feeds a survey's favourable answers
 * into monitoring (survey_feed), where the Diversity Report, its flags and
 * safe publication take over.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "network/survey_web.h"
#include "render/xlsx.h"

/* The characteristic asked for in ?by=, when the survey asks it; NULL
 * otherwise (everyone together). */
static const char *by_param(const struct web_req *rq, const struct survey *s)
{
	const char *by = web_param(rq, "by");
	int i;
	for (i = 0; by && i < s->n_asks; i++)
		if (!strcmp(by, s->asks[i]))
			return s->asks[i];
	return NULL;
}

static void p_words(struct buf *b, double p)
{
	if (p < 0.001)
		buf_puts(b, "p < 0.001");
	else
		buf_printf(b, "p = %.3f", p);
}

/* "12 points lower than White (between 3 and 21 lower). Significant after
 * adjusting for 6 comparisons (p = 0.012)." */
static void diff_words(struct buf *b, const struct survey_cell *c, const char *ref, size_t n_cmp)
{
	double d = 100.0 * c->cmp.diff, lo = 100.0 * c->cmp.diff_lo, hi = 100.0 * c->cmp.diff_hi;
	if (fabs(d) < 0.5)
		buf_printf(b, "About the same as %s", ref);
	else
		buf_printf(b, "%.0f points %s than %s", fabs(d), d > 0 ? "higher" : "lower", ref);
	if (lo > 0)
		buf_printf(b, " (between %.0f and %.0f higher)", lo, hi);
	else if (hi < 0)
		buf_printf(b, " (between %.0f and %.0f lower)", -hi, -lo);
	else
		buf_printf(b, " (between %.0f lower and %.0f higher)", -lo, hi);
	if (c->p_adj < 0.05)
		buf_printf(b, ". A significant difference after adjusting for %zu comparison%s (",
			   n_cmp, n_cmp == 1 ? "" : "s");
	else
		buf_printf(b, ". Not significant after adjusting for %zu comparison%s: it could be "
			   "chance (", n_cmp, n_cmp == 1 ? "" : "s");
	p_words(b, c->p_adj);
	buf_puts(b, " adjusted).");
}

static void cell(struct web_resp *rs, const struct survey_results *r, const struct survey_cell *c,
		 int is_ref)
{
	web_raw(rs, "<td class=\"govuk-table__cell\">");
	if (c->hidden) {
		if (c->n < r->threshold)
			web_printf(rs, "<span class=\"govuk-hint\">Fewer than %d responses</span></td>",
				   r->threshold);
		else
			web_raw(rs, "<span class=\"govuk-hint\">Not shown, so that a smaller group "
				    "cannot be worked out</span></td>");
		return;
	}
	web_printf(rs, "%.0f%% <span class=\"govuk-body-s\">(%lld of %lld)</span>", 100.0 * c->share,
		   (long long)c->k, (long long)c->n);
	if (is_ref) {
		web_raw(rs, "<br><span class=\"govuk-body-s\">Reference group</span>");
	} else if (c->compared) {
		struct buf b = BUF_INIT;
		diff_words(&b, c, r->groups[r->ref], r->n_comparisons);
		web_printf(rs, "<br><span class=\"govuk-body-s\">%s</span>", buf_str(&b));
		buf_free(&b);
	}
	web_raw(rs, "</td>");
}

static void question_table(struct web_resp *rs, const struct survey *s,
			   const struct survey_results *r, const struct survey_question *q)
{
	size_t i, g;
	web_printf(rs, "<h2 class=\"govuk-heading-m\">Question %d: %s</h2>\n", q->number, q->text);
	if (q->type == SQ_SCALE)
		web_printf(rs, "<p class=\"govuk-hint\">The share agreeing: the top two points of %d to "
			       "%d.</p>\n", q->scale_lo, q->scale_hi);
	else if (q->type == SQ_MULTIPLE)
		web_raw(rs, "<p class=\"govuk-hint\">People could choose more than one answer.</p>\n");
	web_printf(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		       "aria-label=\"Question %d\">\n<table class=\"govuk-table\">\n"
		       "<caption class=\"govuk-table__caption govuk-visually-hidden\">Answers to "
		       "question %d</caption>\n<thead class=\"govuk-table__head\">"
		       "<tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">"
		       "Answer</th><th scope=\"col\" class=\"govuk-table__header\">Everyone</th>",
		   q->number, q->number);
	for (g = 0; r->by[0] && g < r->n_groups; g++)
		if (r->group_n[g])
			web_printf(rs, "<th scope=\"col\" class=\"govuk-table__header\">%s</th>",
				   r->groups[g]);
	web_raw(rs, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (i = 0; i < r->n_rows; i++) {
		const struct survey_row *row = &r->rows[i];
		if (row->question != q->number)
			continue;
		web_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
			       "class=\"govuk-table__header\">%s</th>", row->label);
		cell(rs, r, &row->all, 0);
		for (g = 0; row->groups && g < r->n_groups; g++)
			if (r->group_n[g])
				cell(rs, r, &row->groups[g], (int)g == r->ref);
		web_raw(rs, "</tr>\n");
	}
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
	(void)s;
}

static void texts(struct web_resp *rs, const struct survey_results *r,
		  const struct survey_question *q)
{
	size_t t;
	int any = 0;
	web_printf(rs, "<h2 class=\"govuk-heading-m\">Question %d: %s</h2>\n"
		       "<p class=\"govuk-hint\">Answers in people's own words are shown for everyone "
		       "together only, never by group.</p>\n",
		   q->number, q->text);
	if (!r->texts_shown) {
		web_printf(rs, "<p class=\"govuk-body\">Not shown: the survey has fewer than %d "
			       "responses.</p>\n", r->threshold);
		return;
	}
	for (t = 0; t < r->n_texts; t++) {
		if (r->texts[t].question != q->number)
			continue;
		if (!any)
			web_raw(rs, "<ul class=\"govuk-list govuk-list--bullet\">\n");
		any = 1;
		web_printf(rs, "<li>%s</li>\n", r->texts[t].text);
	}
	if (any)
		web_raw(rs, "</ul>\n");
	else
		web_raw(rs, "<p class=\"govuk-body\">No one wrote an answer.</p>\n");
}

static void by_form(struct web_req *rq, struct web_resp *rs, const struct survey *s,
		    const char *by)
{
	struct web_field f = {"by", NULL, "Show the results by", NULL, by ? by : "", NULL, NULL};
	int i;
	web_printf(rs, "<form method=\"get\" action=\"/network/surveys/%lld/results\" novalidate>\n",
		   (long long)s->id);
	web_select_open(rs, &f, NULL, 0);
	web_select_option(rs, "", "Everyone together", !by);
	for (i = 0; i < s->n_asks; i++)
		web_select_option(rs, s->asks[i], monitor_char_label(s->asks[i]),
				  by && !strcmp(by, s->asks[i]));
	web_select_close(rs);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
		    "data-module=\"govuk-button\">Show the results</button>\n</form>\n");
	(void)rq;
}

static void results_page(struct web_req *rq, struct web_resp *rs, const struct survey *s,
			 const struct survey_results *r)
{
	char back[64], cnt[32];
	struct buf q = BUF_INIT;
	size_t g;
	int i;
	snprintf(back, sizeof back, "/network/surveys/%lld", (long long)s->id);
	web_page_begin(rq, rs, "Results", SEC_SURVEYS);
	web_printf(rs, "<a class=\"govuk-back-link\" href=\"%s\">%s</a>\n"
		       "<span class=\"govuk-caption-l\">%s</span>\n"
		       "<h1 class=\"govuk-heading-l\">Results</h1>\n",
		   back, s->title, s->title);
	str_count(cnt, r->n_responses);
	if (r->n_responses < r->threshold)
		web_printf(rs, "<p class=\"govuk-body\">The survey has fewer than %d responses: no "
			       "result is shown until it has at least %d.</p>\n",
			   r->threshold, r->threshold);
	else if (r->total_hidden)
		web_printf(rs, "<p class=\"govuk-body\">The number of responses is not shown, so "
			       "that a small group cannot be worked out from it. A group with fewer "
			       "than %d responses to a question has no result.</p>\n", r->threshold);
	else
		web_printf(rs, "<p class=\"govuk-body\">%s responses. A group with fewer than %d "
			       "responses to a question has no result, so that no one can be "
			       "recognised.</p>\n", cnt, r->threshold);
	if (s->n_asks)
		by_form(rq, rs, s, r->by[0] ? r->by : NULL);
	if (r->by[0]) {
		char lower[64];
		if (r->ref >= 0 && r->n_comparisons == 0)
			web_printf(rs, "<p class=\"govuk-body\">No other group has enough responses "
				       "to be compared with %s, the reference group.</p>\n",
				   r->groups[r->ref]);
		else if (r->ref >= 0)
			web_printf(rs, "<p class=\"govuk-body\">Each group is compared with %s, the "
				       "reference group: the difference in percentage points, with the "
				       "range it most likely lies in (95%% confidence interval).%s</p>\n",
				   r->groups[r->ref],
				   r->n_comparisons == 1 ? "" : " Several comparisons are made at once, "
				   "so each is tested with Holm's adjustment, which keeps the chance of "
				   "any false finding at 5%.");
		else
			web_raw(rs, "<p class=\"govuk-body\">No group is large enough to compare the "
				    "others with.</p>\n");
		snprintf(lower, sizeof lower, "%s", monitor_char_label(r->by));
		if (lower[0] >= 'A' && lower[0] <= 'Z')
			lower[0] = (char)(lower[0] - 'A' + 'a');
		web_printf(rs, "<h2 class=\"govuk-heading-s\">Responses by %s</h2>\n"
			       "<ul class=\"govuk-list\">\n", lower);
		for (g = 0; g < r->n_groups; g++) {
			if (!r->group_n[g])
				continue;
			if (!r->group_hidden[g]) {
				str_count(cnt, r->group_n[g]);
				web_printf(rs, "<li>%s: %s</li>\n", r->groups[g], cnt);
			} else if (r->group_n[g] >= r->threshold) {
				web_printf(rs, "<li>%s: not shown, so that a smaller group cannot be "
					       "worked out</li>\n", r->groups[g]);
			} else {
				web_printf(rs, "<li>%s: fewer than %d</li>\n", r->groups[g],
					   r->threshold);
			}
		}
		web_raw(rs, "</ul>\n");
	}
	for (i = 0; i < s->n_questions; i++) {
		if (s->questions[i].type == SQ_TEXT)
			texts(rs, r, &s->questions[i]);
		else
			question_table(rs, s, r, &s->questions[i]);
	}
	if (r->by[0]) {
		buf_puts(&q, "?by=");
		web_urlenc(&q, r->by);
	}
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Download the results</h2>\n"
		    "<p class=\"govuk-body\">The same results, with the same groups hidden.</p>\n"
		    "<ul class=\"govuk-list\">\n");
	web_printf(rs, "<li><a class=\"govuk-link\" href=\"/network/surveys/%lld/results.csv%s\" "
		       "download>Results as CSV</a></li>\n"
		       "<li><a class=\"govuk-link\" href=\"/network/surveys/%lld/results.xlsx%s\" "
		       "download>Results as a spreadsheet (XLSX)</a></li>\n</ul>\n",
		   (long long)s->id, buf_str(&q), (long long)s->id, buf_str(&q));
	buf_free(&q);
	web_page_end(rq, rs);
}

struct xlsx_ctx {
	const struct survey *s;
	const struct survey_results *r;
};

static int write_xlsx(const void *ctx, const char *path, struct err *e)
{
	const struct xlsx_ctx *x = ctx;
	return survey_results_xlsx(x->s, x->r, path, e);
}

/* Send the results as a download, audited as survey.results. */
static int download(struct web_req *rq, struct web_resp *rs, const struct survey *s,
		    const struct survey_results *r, const char *ext, struct err *e)
{
	struct buf b = BUF_INIT;
	char name[96], target[40], after[64];
	struct xlsx_ctx x = {s, r};
	int rc;
	snprintf(name, sizeof name, "survey-%lld-results%s%s.%s", (long long)s->id,
		 r->by[0] ? "-by-" : "", r->by, ext);
	if (!strcmp(ext, "csv")) {
		survey_results_csv(s, r, &b);
	} else if ((rc = rx_bytes(write_xlsx, &x, &b, e)) < 0) {
		buf_free(&b);
		return rc;
	}
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0) {
		buf_free(&b);
		return rc < 0 ? rc : 0;
	}
	snprintf(target, sizeof target, "survey %lld", (long long)s->id);
	snprintf(after, sizeof after, "%s%s%s", ext, r->by[0] ? " by " : "", r->by);
	if ((rc = web_audit(rq, "survey.results", target, NULL, after, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		buf_free(&b);
		return rc;
	}
	web_send(rs, !strcmp(ext, "csv") ? "text/csv; charset=utf-8"
		 : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		 b.data ? b.data : "", b.len, name);
	buf_free(&b);
	return 0;
}

int survey_web_results(struct web_req *rq, struct web_resp *rs, struct survey *s,
		       const char *ext, struct err *e)
{
	struct survey_results *r = NULL;
	int rc;
	if (!strcmp(s->status, "draft")) {
		char back[64];
		if (ext)
			return err_set(e, ERR_NOTFOUND, "The survey is still a draft: it has no results.");
		snprintf(back, sizeof back, "/network/surveys/%lld", (long long)s->id);
		web_page_begin(rq, rs, "Results", SEC_SURVEYS);
		web_printf(rs, "<a class=\"govuk-back-link\" href=\"%s\">%s</a>\n"
			       "<h1 class=\"govuk-heading-l\">Results</h1>\n<p class=\"govuk-body\">"
			       "The survey is still a draft: it has no results yet.</p>\n",
			   back, s->title);
		web_page_end(rq, rs);
		return 0;
	}
	if ((rc = survey_results_new(rq->db, s, by_param(rq, s), SURVEY_THRESHOLD_MIN, &r, e)) < 0)
		return rc;
	if (ext)
		rc = download(rq, rs, s, r, ext, e);
	else
		results_page(rq, rs, s, r);
	survey_results_free(r);
	return rc;
}

/* ---- feeding monitoring --------------------------------------------------*/

static const struct web_choice dataset_choices[] = {
	{"staff-survey", "Staff survey", "The workforce part of the Diversity Report"},
	{"exit-interviews", "Exit interviews", "Why people leave, by group"},
};

static void feed_render(struct web_req *rq, struct web_resp *rs, const struct survey *s,
			int posted, const struct web_field_error *errs, int n_errs)
{
	struct web_field f;
	char back[64], id[16], label[SURVEY_QTEXT_MAX + 32], val[16];
	int i, j, any = 0;
	snprintf(back, sizeof back, "/network/surveys/%lld", (long long)s->id);
	web_page_begin(rq, rs, n_errs ? "Error: Feed into monitoring" : "Feed into monitoring",
		       SEC_SURVEYS);
	web_printf(rs, "<a class=\"govuk-back-link\" href=\"%s\">%s</a>\n", back, s->title);
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n"
		       "<h1 class=\"govuk-heading-l\">Feed the results into monitoring</h1>\n"
		       "<p class=\"govuk-body\">For each question you choose, the favourable answers "
		       "are counted by group for every characteristic the survey asks, and sent to "
		       "monitoring as a count table. The Diversity Report then shows them, raises "
		       "flags where a group differs, and publishes them only through its "
		       "safe-publication rules.</p>\n"
		       "<form method=\"post\" action=\"/network/surveys/%lld/feed\" novalidate>\n",
		   s->title, (long long)s->id);
	web_csrf_field(rq, rs);
	f = (struct web_field){"period", NULL, "Period", "For example, 2026 or 2026Q1",
			       posted ? web_param(rq, "period") : NULL, "govuk-input--width-10",
			       "autocomplete=\"off\""};
	web_input(rs, &f, "text", errs, n_errs);
	f = (struct web_field){"dataset", NULL, "Where do the results go?", NULL,
			       posted ? web_param(rq, "dataset") : NULL, NULL, NULL};
	web_radios(rs, &f, dataset_choices, 2, 0, errs, n_errs);
	web_raw(rs, "<h2 class=\"govuk-heading-m\">The favourable answers</h2>\n");
	for (i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		const char *cur;
		if (q->type == SQ_TEXT)
			continue;
		snprintf(id, sizeof id, "fav-%d", q->number);
		snprintf(label, sizeof label, "Question %d: %s", q->number, q->text);
		cur = posted ? web_param(rq, id) : NULL;
		f = (struct web_field){id, NULL, label, NULL, cur ? cur : "", NULL, NULL};
		web_select_open(rs, &f, errs, any ? 0 : n_errs);
		any = 1;
		web_select_option(rs, "", "Not sent", !cur || !*cur);
		if (q->type == SQ_SCALE) {
			web_select_option(rs, "agree", "Agreeing (its top two points)",
					  cur && !strcmp(cur, "agree"));
		} else {
			for (j = 0; j < q->n_choices; j++) {
				char words[SURVEY_CHOICE_MAX + 24];
				snprintf(val, sizeof val, "%d", j + 1);
				snprintf(words, sizeof words, "%s is favourable", q->choices[j]);
				web_select_option(rs, val, words, cur && !strcmp(cur, val));
			}
		}
		web_select_close(rs);
	}
	if (!any)
		web_raw(rs, "<p class=\"govuk-body\">The survey has no question with answers to "
			    "count.</p>\n");
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Send to monitoring</button>\n</form>\n");
	web_page_end(rq, rs);
}

int survey_web_feed_page(struct web_req *rq, struct web_resp *rs, struct survey *s,
			 struct err *e)
{
	(void)e;
	feed_render(rq, rs, s, 0, NULL, 0);
	return 0;
}

int survey_web_feed_post(struct web_req *rq, struct web_resp *rs, struct survey *s,
			 struct err *e)
{
	const char *period = web_param(rq, "period"), *dataset = web_param(rq, "dataset");
	int qs[SURVEY_MAX_QUESTIONS], fav[SURVEY_MAX_QUESTIONS], n = 0, i, rc, raised = 0,
	    n_errs = 0;
	char first[16] = "period", msg[400], target[40], after[96], flash[128], to[64];
	struct web_field_error errs[4];
	struct err ce;
	for (i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		char id[16];
		const char *v;
		long c;
		if (q->type == SQ_TEXT)
			continue;
		snprintf(id, sizeof id, "fav-%d", q->number);
		if (!strcmp(first, "period"))
			snprintf(first, sizeof first, "%s", id);
		v = web_param(rq, id);
		if (str_blank(v))
			continue;
		if (q->type == SQ_SCALE && !strcmp(v, "agree"))
			c = 0;
		else if (q->type == SQ_SCALE || str_to_int(v, 1, q->n_choices, &c) < 0)
			return err_set(e, ERR_USAGE, "Choose the favourable answers from the lists.");
		qs[n] = q->number;
		fav[n++] = (int)c;
	}
	if (str_blank(period))
		errs[n_errs++] = (struct web_field_error){"period", "Enter the period, for example "
								    "2026"};
	if (!dataset || (strcmp(dataset, "staff-survey") && strcmp(dataset, "exit-interviews")))
		errs[n_errs++] = (struct web_field_error){"dataset", "Select where the results go"};
	if (!n)
		errs[n_errs++] = (struct web_field_error){first, "Choose at least one question's "
								 "favourable answer"};
	if (!s->n_asks)
		errs[n_errs++] = (struct web_field_error){"period", "The survey asks no "
								    "characteristic, so there are no "
								    "groups to send"};
	if (n_errs) {
		rs->status = 400;
		feed_render(rq, rs, s, 1, errs, n_errs);
		return 0;
	}
	/* the capability, checked now; survey_feed writes in its own transaction */
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	store_rollback(rq->db);
	err_clear(&ce);
	rc = survey_feed(rq->db, s->id, period, dataset, qs, fav, n, rq->user->name, NULL, &raised,
			 &ce);
	if (rc == ERR_USAGE || rc == ERR_DATA) {
		survey_web_words(ce.msg, "Check the period: for example 2026 or 2026Q1", msg,
				 sizeof msg);
		errs[0] = (struct web_field_error){"period", msg};
		rs->status = 400;
		feed_render(rq, rs, s, 1, errs, 1);
		return 0;
	}
	if (rc < 0)
		return err_set(e, rc, "%s", ce.msg);
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	snprintf(target, sizeof target, "survey %lld", (long long)s->id);
	snprintf(after, sizeof after, "%s %s", dataset, period);
	if ((rc = web_audit(rq, "survey.feed", target, NULL, after, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	snprintf(flash, sizeof flash, "Sent to monitoring: %d flag%s raised", raised,
		 raised == 1 ? "" : "s");
	web_flash(rq, flash);
	snprintf(to, sizeof to, "/network/surveys/%lld", (long long)s->id);
	web_redirect(rs, to);
	return 0;
}
