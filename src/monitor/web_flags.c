/*
 * monitor/web_flags: the flag pages of parity serve — the register of
 * flags, grouped by finding (the same dataset, characteristic, group and
 * outcome across units and quarters) and paged 50 rows at a time, with a
 * filter by state and dataset; and one flag's page: the finding in a
 * plain sentence, both groups' counts and rates, its figures, its
 * history, the other flags of its finding, and (for monitors) the GOV.UK
 * question "What do you want to do?" — explain it, create an action in
 * the plan, link it to an existing action, or close it. Choosing goes to
 * that step's own page (web_flag_steps.c). With ?group=1 the page deals
 * with every flag of the finding that is not closed, together.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/internal.h"
#include "monitor/monitor.h"
#include "monitor/web_flags.h"
#include "web/web.h"

#define PAGE_ROWS WEB_PAGE_ROWS /* flags on a page of the list */

static const char *const state_values[] = {"", "open", "explained", "actioned", "closed", "all"};
static const char *const state_labels[] = {"Not closed",
					   "Open",
					   "Explained",
					   "Actioned",
					   "Closed",
					   "All"};
#define N_STATES (sizeof state_values / sizeof state_values[0])

/* ---- shared with web_flag_steps.c ------------------------------------------*/

void flag_state_tag(struct web_resp *rs, const char *state)
{
	struct buf b = BUF_INIT;
	mon_flag_state_tag(&b, state);
	web_raw(rs, buf_str(&b));
	buf_free(&b);
}

void flag_finding_words(struct buf *b, const struct flag_row *f)
{
	char pw[PERIOD_WORDS];
	if (f->source[0]) {
		buf_printf(b, "%s, %s", mon_web_period(f->period, pw), f->outcome);
		if (f->characteristic[0] && f->group[0])
			buf_printf(b, ", %s: %s", flag_char_label(f->characteristic), f->group);
		return;
	}
	buf_printf(b, "%s, %s, %s: %s", mon_web_period(f->period, pw),
		   strcmp(f->unit, "All") ? f->unit : "all units",
		   flag_char_label(f->characteristic), f->group);
}

void flag_ext_link(struct web_resp *rs, const struct flag_row *f, const char *id)
{
	struct buf t = BUF_INIT;
	if (!f->source[0] || !f->href[0])
		return;
	mon_flag_ext_see(&t, f->source);
	web_printf(rs, "<p class=\"govuk-body\" id=\"%s\"><a class=\"govuk-link\" href=\"%s\">%s"
		       "</a></p>\n", id, f->href, buf_str(&t));
	buf_free(&t);
}

void flag_action_link(struct web_resp *rs, const char *code)
{
	struct buf href = BUF_INIT;
	buf_puts(&href, "/plan/action/");
	web_urlenc(&href, code);
	web_printf(rs, "<a class=\"govuk-link\" href=\"%s\">%s</a>", buf_str(&href), code);
	buf_free(&href);
}

const char *flag_char_label(const char *name)
{
	enum mon_char c;
	return mon_char_from_name(name, &c) == 0 ? mon_char_label(c) : name;
}

void flag_href(struct buf *b, int64_t id, const char *step, int group)
{
	buf_printf(b, "/monitoring/flag/%lld", (long long)id);
	if (step && *step)
		buf_printf(b, "/%s", step);
	if (group)
		buf_puts(b, "?group=1");
}

int flag_path(const char *arg, int64_t *id, char step[16], struct err *e)
{
	const char *slash = strchr(arg, '/');
	char num[24];
	long v;
	size_t len = slash ? (size_t)(slash - arg) : strlen(arg);
	step[0] = '\0';
	*id = 0;
	if (len >= sizeof num || (slash && strlen(slash + 1) >= 16))
		goto none;
	memcpy(num, arg, len);
	num[len] = '\0';
	if (str_to_int(num, 1, 2000000000L, &v) < 0)
		goto none;
	if (slash)
		snprintf(step, 16, "%s", slash + 1);
	*id = v;
	return 0;
none:
	return err_set(e, ERR_NOTFOUND, "There is no flag '%s'. The flags page lists every flag.",
		       arg);
}

static void copy_col(char *dst, size_t size, store_stmt_t *st, int i)
{
	const char *v = store_col_text(st, i);
	snprintf(dst, size, "%s", v ? v : "");
}

int flag_load(store_t *db, int64_t id, struct flag_row *f, struct err *e)
{
	store_stmt_t *st;
	int rc;

	memset(f, 0, sizeof *f);
	if (store_prepare(db, &st, e,
			  "SELECT f.id, f.dataset, f.period, f.unit, f.characteristic, f.grp,"
			  " f.reference, f.outcome, f.state, f.rr, f.rr_low, f.rr_high, f.p_adj,"
			  " f.numerator, f.denominator, f.created_at, f.previous_id, p.period, a.code,"
			  " r.numerator, r.denominator, x.source, x.finding, x.href"
			  " FROM mon_flag f LEFT JOIN mon_flag p ON p.id = f.previous_id"
			  " LEFT JOIN action a ON a.id = f.action_id"
			  " LEFT JOIN mon_flag_ref r ON r.flag_id = f.id"
			  " LEFT JOIN mon_flag_external x ON x.flag_id = f.id WHERE f.id = ?",
			  "i", id) < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1) {
		f->id = store_col_int(st, 0);
		copy_col(f->dataset, sizeof f->dataset, st, 1);
		copy_col(f->period, sizeof f->period, st, 2);
		copy_col(f->unit, sizeof f->unit, st, 3);
		copy_col(f->characteristic, sizeof f->characteristic, st, 4);
		copy_col(f->group, sizeof f->group, st, 5);
		copy_col(f->reference, sizeof f->reference, st, 6);
		copy_col(f->outcome, sizeof f->outcome, st, 7);
		copy_col(f->state, sizeof f->state, st, 8);
		f->rr = store_col_is_null(st, 9) ? NAN : store_col_double(st, 9);
		f->rr_low = store_col_is_null(st, 10) ? NAN : store_col_double(st, 10);
		f->rr_high = store_col_is_null(st, 11) ? NAN : store_col_double(st, 11);
		f->p_adj = store_col_is_null(st, 12) ? NAN : store_col_double(st, 12);
		f->numerator = store_col_int(st, 13);
		f->denominator = store_col_int(st, 14);
		copy_col(f->created_at, sizeof f->created_at, st, 15);
		f->previous_id = store_col_int(st, 16);
		copy_col(f->previous_period, sizeof f->previous_period, st, 17);
		copy_col(f->action, sizeof f->action, st, 18);
		f->has_ref = !store_col_is_null(st, 19);
		f->ref_num = store_col_int(st, 19);
		f->ref_den = store_col_int(st, 20);
		copy_col(f->source, sizeof f->source, st, 21);
		copy_col(f->finding, sizeof f->finding, st, 22);
		copy_col(f->href, sizeof f->href, st, 23);
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "There is no flag #%lld. The flags page lists every "
			       "flag.", (long long)id);
	return 0;
}

int flag_members(store_t *db, const struct flag_row *f, int no_action, struct flag_member **out,
		 size_t *n, struct err *e)
{
	store_stmt_t *st;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT f.id, f.period, f.unit, f.state, a.code FROM mon_flag f"
			  " LEFT JOIN action a ON a.id = f.action_id"
			  " WHERE f.dataset = ? AND f.characteristic = ? AND f.grp = ?"
			  " AND f.outcome = ? AND f.state <> 'closed'"
			  " AND (? = 0 OR f.action_id IS NULL) ORDER BY f.id",
			  "tttti", f->dataset, f->characteristic, f->group, f->outcome,
			  (int64_t)no_action) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct flag_member *m;
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		m = &(*out)[(*n)++];
		m->id = store_col_int(st, 0);
		copy_col(m->period, sizeof m->period, st, 1);
		copy_col(m->unit, sizeof m->unit, st, 2);
		copy_col(m->state, sizeof m->state, st, 3);
		copy_col(m->action, sizeof m->action, st, 4);
	}
	store_done(st);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
		return ERR_DB;
	}
	return 0;
}

void flag_members_words(struct buf *b, const struct flag_member *m, size_t n)
{
	size_t i;
	char pw[PERIOD_WORDS];
	for (i = 0; i < n; i++)
		buf_printf(b, "%s#%lld (%s, %s)", i ? (i + 1 == n ? " and " : ", ") : "",
			   (long long)m[i].id, mon_web_period(m[i].period, pw),
			   strcmp(m[i].unit, "All") ? m[i].unit : "all units");
}

/* ---- GET /monitoring/flags -------------------------------------------------*/

/* The GOV.UK pagination (web_pagination), its links keeping the filters. */
static void pagination(struct web_resp *rs, const char *state, const char *dataset, long page,
		       long pages)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "/monitoring/flags?");
	if (state && *state) {
		buf_puts(&b, "state=");
		web_urlenc(&b, state);
		buf_putc(&b, '&');
	}
	if (dataset && *dataset) {
		buf_puts(&b, "dataset=");
		web_urlenc(&b, dataset);
		buf_putc(&b, '&');
	}
	web_pagination(rs, buf_str(&b), page, pages);
	buf_free(&b);
}

/* The datasets that have flags, for the filter ("" first: all). */
static int dataset_options(store_t *db, char ***values, size_t *n, struct err *e)
{
	store_stmt_t *st;
	int rc;
	*values = xcalloc(1, sizeof **values);
	(*values)[0] = xstrdup("");
	*n = 1;
	if (store_prepare(db, &st, e, "SELECT DISTINCT dataset FROM mon_flag ORDER BY dataset",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		*values = xrealloc(*values, (*n + 1) * sizeof **values);
		(*values)[(*n)++] = xstrdup(store_col_text(st, 0));
	}
	store_done(st);
	return rc < 0 ? ERR_DB : 0;
}

static void free_strings(char **v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void list_table_head(struct web_resp *rs, const char *state_label, const char *dataset,
			    long first, long last, long total)
{
	char a[32], b[32], c[32];
	str_count(a, first);
	str_count(b, last);
	str_count(c, total);
	web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		    "aria-label=\"Flags\">\n<table class=\"govuk-table parity-report-table\">\n"
		    "<caption class=\"govuk-table__caption govuk-table__caption--m\">");
	web_printf(rs, "Flags: %s%s%s, by finding (flags %s to %s of %s)", state_label,
		   dataset ? ", " : "", dataset ? mon_web_dataset_label(dataset) : "", a, b, c);
	web_raw(rs, "</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Flag</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Period</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Unit</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Compared with</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		    "Relative rate</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">State</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Plan action</th>"
		    "</tr></thead>\n");
}

/* The heading row of a finding's rows: what was found, how many of its
 * flags are not closed, and (for those who handle flags) a link to deal
 * with them together. */
static void group_head(struct web_req *rq, struct web_resp *rs, store_stmt_t *st)
{
	int64_t live = store_col_int(st, 11), anchor = store_col_int(st, 12);
	char n[32];
	str_count(n, live);
	web_raw(rs, "<tbody class=\"govuk-table__body\">\n<tr class=\"govuk-table__row\">"
		    "<th scope=\"rowgroup\" colspan=\"7\" class=\"govuk-table__header "
		    "parity-flag-group\">");
	if (store_col_text(st, 13)) {
		/* raised by another room: the newest flag's finding (the rows
		 * of a finding come newest first), and the page about it */
		const char *href = store_col_text(st, 15);
		web_printf(rs, "%s <span class=\"govuk-!-font-weight-regular\">(%s)</span>",
			   store_col_text(st, 14), mon_web_dataset_label(store_col_text(st, 1)));
		if (href) {
			struct buf t = BUF_INIT;
			mon_flag_ext_see(&t, store_col_text(st, 13));
			web_printf(rs, " <a class=\"govuk-link govuk-!-font-weight-regular\" "
				       "href=\"%s\">%s</a>", href, buf_str(&t));
			buf_free(&t);
		}
	} else {
		web_printf(rs, "%s: %s, %s <span class=\"govuk-!-font-weight-regular\">(%s)</span>",
			   flag_char_label(store_col_text(st, 4)), store_col_text(st, 5),
			   store_col_text(st, 7), mon_web_dataset_label(store_col_text(st, 1)));
	}
	if (live >= 2 && anchor && web_can(rq, CAP_HANDLE_FLAGS))
		web_printf(rs, " <a class=\"govuk-link govuk-!-font-weight-regular\" "
			       "href=\"/monitoring/flag/%lld"
			       "?group=1\">Deal with its %s flags that are not closed together</a>",
			   (long long)anchor, n);
	web_raw(rs, "</th></tr>\n");
}

int monitor_flags_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *state = web_param(rq, "state"), *dataset = web_param(rq, "dataset"),
		   *page_s = web_param(rq, "page");
	const char *db_state = NULL;
	char **ds = NULL, gkey[4][256] = {{0}}, pw[PERIOD_WORDS];
	size_t n_ds = 0, i, k = 0;
	store_stmt_t *st = NULL;
	struct web_field fs = {"state", "state", "State", NULL, NULL, NULL, NULL};
	struct web_field fd = {"dataset", "dataset", "Dataset", NULL, NULL, NULL, NULL};
	int64_t total = 0;
	long page = 1, pages;
	int rc, n = 0, known = 0;

	if (!state)
		state = "";
	for (i = 0; i < N_STATES; i++)
		if (!strcmp(state, state_values[i])) {
			known = 1;
			k = i;
		}
	if (!known)
		return err_set(e, ERR_USAGE, "Choose a state from the list: open, explained, "
			       "actioned, closed or all.");
	if (page_s && str_to_int(page_s, 1, 1000000L, &page) < 0)
		return err_set(e, ERR_USAGE, "The page must be a whole number such as 2.");
	if (str_blank(dataset))
		dataset = NULL;
	if (state[0] && strcmp(state, "all"))
		db_state = state;
	if (store_query_int(rq->db, &total, e,
			    "SELECT COUNT(*) FROM mon_flag f WHERE (?1 IS NULL OR f.dataset = ?1)"
			    " AND (CASE WHEN ?2 IS NULL THEN ?3 = 'all' OR f.state <> 'closed'"
			    "  ELSE f.state = ?2 END)",
			    "ttt", dataset, db_state, state) < 0)
		return ERR_DB;
	pages = total ? (long)((total + PAGE_ROWS - 1) / PAGE_ROWS) : 1;
	if (page > pages)
		return err_set(e, ERR_NOTFOUND, "There is no page %ld of these flags: they fill %ld "
			       "page%s.", page, pages, pages == 1 ? "" : "s");
	if ((rc = dataset_options(rq->db, &ds, &n_ds, e)) < 0)
		goto done;

	{
		char title[80];
		if (page > 1)
			snprintf(title, sizeof title, "Flags, page %ld of %ld", page, pages);
		else
			snprintf(title, sizeof title, "Flags");
		web_page_begin(rq, rs, title, SEC_MONITORING);
	}
	web_raw(rs, "<a href=\"/monitoring\" class=\"govuk-back-link\">Monitoring data</a>\n"
		    "<h1 class=\"govuk-heading-l\">Flags</h1>\n"
		    "<p class=\"govuk-body\">A flag is a difference between groups that is unlikely "
		    "to be chance, is large (a relative rate outside 0.8 to 1.25) and involves at "
		    "least 30 people in both groups. Each needs an explanation or an action in the "
		    "plan. Flags of the same finding (the same group and outcome) in other units "
		    "and periods are listed together, and can be dealt with together. An "
		    "objective whose measure goes off track raises a flag too, to be explained or "
		    "acted on the same way.</p>\n"
		    "<form method=\"get\" action=\"/monitoring/flags\" class=\"parity-filters\" "
		    "novalidate>\n");
	fs.value = state;
	fd.value = dataset ? dataset : "";
	web_select(rs, &fs, state_values, state_labels, N_STATES, NULL, 0);
	{
		const char **labels = xcalloc(n_ds, sizeof *labels);
		for (i = 0; i < n_ds; i++)
			labels[i] = i ? mon_web_dataset_label(ds[i]) : "All datasets";
		web_select(rs, &fd, (const char *const *)ds, labels, n_ds, NULL, 0);
		free(labels);
	}
	web_raw(rs, "<div class=\"govuk-form-group parity-report-filter-submit\"><button "
		    "type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
		    "data-module=\"govuk-button\">Filter</button></div>\n"
		    "</form>\n");

	if ((rc = store_prepare(rq->db, &st, e,
				"SELECT f.id, f.dataset, f.period, f.unit, f.characteristic, f.grp,"
				" f.reference, f.outcome, f.state, f.rr, a.code,"
				" (SELECT COUNT(*) FROM mon_flag g WHERE g.dataset = f.dataset"
				"  AND g.characteristic = f.characteristic AND g.grp = f.grp"
				"  AND g.outcome = f.outcome AND g.state <> 'closed'),"
				" (SELECT g.id FROM mon_flag g WHERE g.dataset = f.dataset"
				"  AND g.characteristic = f.characteristic AND g.grp = f.grp"
				"  AND g.outcome = f.outcome AND g.state <> 'closed'"
				"  ORDER BY g.action_id IS NOT NULL, g.id LIMIT 1),"
				" x.source, x.finding, x.href"
				" FROM mon_flag f LEFT JOIN action a ON a.id = f.action_id"
				" LEFT JOIN mon_flag_external x ON x.flag_id = f.id"
				" WHERE (?1 IS NULL OR f.dataset = ?1)"
				" AND (CASE WHEN ?2 IS NULL THEN ?3 = 'all' OR f.state <> 'closed'"
				"  ELSE f.state = ?2 END)"
				" ORDER BY f.dataset, f.characteristic, f.grp, f.outcome,"
				" f.period DESC, f.unit, f.id LIMIT ?4 OFFSET ?5",
				"tttii", dataset, db_state, state, (int64_t)PAGE_ROWS,
				(int64_t)(page - 1) * PAGE_ROWS)) < 0)
		goto done;
	while ((rc = store_step(st, e)) == 1) {
		const char *code = store_col_text(st, 10);
		double rr = store_col_double(st, 9);
		int same = 1;
		if (n++ == 0)
			list_table_head(rs, state_labels[k], dataset, (page - 1) * PAGE_ROWS + 1,
					(page - 1) * PAGE_ROWS +
						(long)(total - (page - 1) * PAGE_ROWS < PAGE_ROWS
							       ? total - (page - 1) * PAGE_ROWS
							       : PAGE_ROWS),
					(long)total);
		for (i = 0; i < 4; i++) {
			static const int col[4] = {1, 4, 5, 7};
			const char *v = store_col_text(st, col[i]);
			if (strcmp(gkey[i], v ? v : "")) {
				same = 0;
				snprintf(gkey[i], sizeof gkey[i], "%s", v ? v : "");
			}
		}
		if (!same) {
			if (n > 1)
				web_raw(rs, "</tbody>\n");
			group_head(rq, rs, st);
		}
		web_printf(rs,
			   "<tr class=\"govuk-table__row\"><th scope=\"row\" "
			   "class=\"govuk-table__header\"><a class=\"govuk-link\" "
			   "href=\"/monitoring/flag/%lld\">#%lld</a></th>"
			   "<td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s</td>",
			   (long long)store_col_int(st, 0), (long long)store_col_int(st, 0),
			   mon_web_period(store_col_text(st, 2), pw),
			   strcmp(store_col_text(st, 3), "All") ? store_col_text(st, 3) : "All units",
			   store_col_text(st, 6));
		/* a flag another room raised has no relative rate (its rr is
		 * its measure's value) */
		if (isfinite(rr) && !store_col_is_null(st, 9) && !store_col_text(st, 13))
			web_printf(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">"
				       "%.2f</td>", rr);
		else
			web_raw(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">"
				    "\xe2\x80\x93</td>");
		web_raw(rs, "<td class=\"govuk-table__cell\">");
		flag_state_tag(rs, store_col_text(st, 8));
		web_raw(rs, "</td><td class=\"govuk-table__cell\">");
		if (code)
			flag_action_link(rs, code);
		else
			web_raw(rs, strcmp(store_col_text(st, 8), "closed") ? "None yet" : "None");
		web_raw(rs, "</td></tr>\n");
	}
	if (rc < 0)
		goto done;
	if (n) {
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
		pagination(rs, state, dataset, page, pages);
	} else {
		web_printf(rs, "<p class=\"govuk-body\">No flags match: %s%s%s.</p>\n",
			   state_labels[k], dataset ? ", " : "",
			   dataset ? mon_web_dataset_label(dataset) : "");
	}
	web_page_end(rq, rs);
	rc = 0;
done:
	store_done(st);
	free_strings(ds, n_ds);
	return rc;
}

/* ---- one flag ---------------------------------------------------------------*/

/* A row of a GOV.UK summary list; value escaped. */
static void summary_row(struct web_resp *rs, const char *key, const char *value)
{
	web_printf(rs,
		   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		   "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
		   key, value);
}

/* "33.5%" for num of den, "not available" for none. */
static void rate_words(char out[32], int64_t num, int64_t den)
{
	if (den > 0)
		snprintf(out, 32, "%.1f%%", 100.0 * (double)num / (double)den);
	else
		snprintf(out, 32, "not available");
}

/* Both groups' counts and rates, in a sentence and a table. */
static void both_groups(struct web_resp *rs, const struct flag_row *f)
{
	char gn[32], gd[32], gr[32], rn[32], rd[32], rr[32];
	str_count(gn, f->numerator);
	str_count(gd, f->denominator);
	rate_words(gr, f->numerator, f->denominator);
	web_raw(rs, "<h2 class=\"govuk-heading-m\">The two groups</h2>\n");
	if (f->has_ref) {
		str_count(rn, f->ref_num);
		str_count(rd, f->ref_den);
		rate_words(rr, f->ref_num, f->ref_den);
		web_printf(rs,
			   "<p class=\"govuk-body\" id=\"groups\">%s of %s people in the group %s "
			   "(%s) %s, compared with %s of %s people in the comparison group, %s "
			   "(%s).</p>\n",
			   gn, gd, f->group, gr, f->outcome, rn, rd, f->reference, rr);
	} else {
		double g = f->denominator > 0 ? (double)f->numerator / (double)f->denominator : NAN;
		web_printf(rs,
			   "<p class=\"govuk-body\" id=\"groups\">%s of %s people in the group %s "
			   "(%s) %s. The counts of the comparison group, %s, were not kept when this "
			   "flag was raised",
			   gn, gd, f->group, gr, f->outcome, f->reference);
		if (isfinite(g) && isfinite(f->rr) && f->rr > 0)
			web_printf(rs, "; from the relative rate, its rate was %.1f%%",
				   100.0 * g / f->rr);
		web_raw(rs, ".</p>\n");
	}
	web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		    "aria-label=\"The two groups\">\n<table class=\"govuk-table\">\n<caption "
		    "class=\"govuk-table__caption govuk-visually-hidden\">The group and its "
		    "comparison group: how many had the outcome, of how many, and the rate</caption>\n"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Group</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		    "Had the outcome</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		    "People</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		    "Rate</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	web_printf(rs,
		   "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">"
		   "%s</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>"
		   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>"
		   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td></tr>\n",
		   f->group, gn, gd, gr);
	if (f->has_ref)
		web_printf(rs,
			   "<tr class=\"govuk-table__row\"><th scope=\"row\" "
			   "class=\"govuk-table__header\">%s (comparison group)</th>"
			   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>"
			   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>"
			   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td></tr>\n",
			   f->reference, rn, rd, rr);
	else
		web_printf(rs,
			   "<tr class=\"govuk-table__row\"><th scope=\"row\" "
			   "class=\"govuk-table__header\">%s (comparison group)</th>"
			   "<td class=\"govuk-table__cell\" colspan=\"3\">Not kept for this flag</td>"
			   "</tr>\n",
			   f->reference);
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
}

static void figures_end(struct web_resp *rs, const struct flag_row *f, struct buf *t);

static void figures(struct web_resp *rs, const struct flag_row *f)
{
	struct buf t = BUF_INIT;
	char a[DS_NAME_MAX], pw[PERIOD_WORDS];

	web_raw(rs, "<h2 class=\"govuk-heading-m\">Details</h2>\n<dl class=\"govuk-summary-list\">\n");
	web_raw(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		    "State</dt><dd class=\"govuk-summary-list__value\">");
	flag_state_tag(rs, f->state);
	web_raw(rs, "</dd></div>\n");
	mon_web_report_href(&t, "/monitoring/report", f->dataset, f->period, f->unit);
	web_printf(rs,
		   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		   "Data</dt><dd class=\"govuk-summary-list__value\">%s, %s (<a class=\"govuk-link\" "
		   "href=\"%s\">read the report</a>)</dd></div>\n",
		   mon_web_dataset_label(f->dataset), mon_web_period(f->period, pw), buf_str(&t));
	buf_reset(&t);
	summary_row(rs, "Unit", strcmp(f->unit, "All") ? f->unit : "All units together");
	snprintf(a, sizeof a, "%s", f->outcome);
	if (a[0] >= 'a' && a[0] <= 'z')
		a[0] = (char)(a[0] - 'a' + 'A');
	if (f->source[0]) {
		/* raised by another room: no comparison, relative rate or p */
		if (f->characteristic[0])
			summary_row(rs, "Characteristic", flag_char_label(f->characteristic));
		if (f->group[0])
			summary_row(rs, "Group", f->group);
		summary_row(rs, "Raised by", a);
		figures_end(rs, f, &t);
		return;
	}
	summary_row(rs, "Characteristic", flag_char_label(f->characteristic));
	summary_row(rs, "Group", f->group);
	summary_row(rs, "Compared with", f->reference);
	summary_row(rs, "Outcome", a);
	if (isfinite(f->rr) && isfinite(f->rr_low) && isfinite(f->rr_high))
		buf_printf(&t, "%.2f (95%% confidence interval %.2f to %.2f)", f->rr, f->rr_low,
			   f->rr_high);
	else if (isfinite(f->rr) && isfinite(f->rr_low))
		buf_printf(&t, "%.2f (95%% confidence interval %.2f or more)", f->rr, f->rr_low);
	else if (isfinite(f->rr))
		buf_printf(&t, "%.2f", f->rr);
	else
		/* a flag without a relative rate: the reference group had no one
		 * with the outcome, the group had some (analysis.c flag_rr) */
		buf_puts(&t, "not defined: no one in the reference group had the outcome");
	summary_row(rs, "Relative rate", buf_str(&t));
	buf_reset(&t);
	if (!isfinite(f->p_adj))
		buf_puts(&t, "not available");
	else if (f->p_adj < 0.001)
		buf_puts(&t, "< 0.001");
	else
		buf_printf(&t, "%.3f", f->p_adj);
	summary_row(rs, "Adjusted p", buf_str(&t));
	figures_end(rs, f, &t);
}

/* The rows of the details every flag has: when it was raised, the
 * earlier period, the plan action; the list closed; t freed. */
static void figures_end(struct web_resp *rs, const struct flag_row *f, struct buf *t)
{
	char a[DS_NAME_MAX], pw[PERIOD_WORDS];
	buf_reset(t);
	date_when_uk(f->created_at, a);
	summary_row(rs, "Raised", a);
	if (f->previous_id)
		web_printf(rs,
			   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			   "Earlier period</dt><dd class=\"govuk-summary-list__value\">Also flagged in "
			   "%s: <a class=\"govuk-link\" href=\"/monitoring/flag/%lld\">flag #%lld</a>"
			   "</dd></div>\n",
			   mon_web_period(f->previous_period, pw), (long long)f->previous_id,
			   (long long)f->previous_id);
	if (f->action[0]) {
		web_raw(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			    "Plan action</dt><dd class=\"govuk-summary-list__value\" id=\"plan-action\">");
		flag_action_link(rs, f->action);
		web_raw(rs, "</dd></div>\n");
	} else
		summary_row(rs, "Plan action", strcmp(f->state, "closed") ? "None yet" : "None");
	web_raw(rs, "</dl>\n");
	buf_free(t);
}

/* A flag event's kind in words. */
static const char *event_words(const char *kind)
{
	static const char *const k[][2] = {
		{"raised", "Raised"},
		{"reopened", "Raised again: the same finding was flagged in an earlier period"},
		{"explained", "Explained"},
		{"actioned", "Action in the plan"},
		{"closed", "Closed"},
		{"open", "Opened again"},
	};
	size_t i;
	for (i = 0; i < sizeof k / sizeof k[0]; i++)
		if (kind && !strcmp(kind, k[i][0]))
			return k[i][1];
	return kind ? kind : "";
}

static int history(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		   struct err *e)
{
	store_stmt_t *st;
	int rc;
	if (store_prepare(rq->db, &st, e,
			  "SELECT at, author, kind, note FROM mon_flag_event WHERE flag_id = ?"
			  " ORDER BY id",
			  "i", f->id) < 0)
		return ERR_DB;
	web_raw(rs, "<h2 class=\"govuk-heading-m\">History</h2>\n"
		    "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		    "aria-label=\"History\">\n"
		    "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
		    "govuk-visually-hidden\">What has happened to this flag, oldest first</caption>\n"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">When</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Who</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">What</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Note</th>"
		    "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	while ((rc = store_step(st, e)) == 1) {
		char when[48], who[160];
		const char *kind = store_col_text(st, 2), *note = store_col_text(st, 3);
		const char *author = store_col_text(st, 1);
		/* a recurrence's old note was parity's own line, not a person's */
		if (kind && !strcmp(kind, "reopened"))
			note = NULL;
		date_when_uk(store_col_text(st, 0), when);
		/* a check parity ran by itself ("parity objective check", which
		 * raised it) in the web's words, not as a command */
		if (author && !strncmp(author, "parity ", 7) && author[7])
			snprintf(who, sizeof who, "%s (automatic)", author + 7);
		else
			snprintf(who, sizeof who, "%s", author ? author : "");
		web_printf(rs,
			   "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell "
			   "parity-nowrap\">%s</td><td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell parity-pre\">%s</td></tr>\n",
			   when, who, event_words(kind), note ? note : "");
	}
	store_done(st);
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
	return rc < 0 ? rc : 0;
}

/* The other flags of the finding that are not closed, and the way to deal
 * with them together. */
static int same_finding(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
			int group, struct err *e)
{
	struct flag_member *m = NULL;
	size_t n = 0, i;
	int rc, others = 0;
	char pw[PERIOD_WORDS];
	if ((rc = flag_members(rq->db, f, 0, &m, &n, e)) < 0)
		return rc;
	for (i = 0; i < n; i++)
		others += m[i].id != f->id;
	if (others) {
		web_raw(rs, "<h2 class=\"govuk-heading-m\" id=\"same-finding\">The same finding "
			    "elsewhere</h2>\n<p class=\"govuk-body\">These flags of the same finding "
			    "are not closed:</p>\n<ul class=\"govuk-list govuk-list--bullet\">\n");
		for (i = 0; i < n; i++) {
			if (m[i].id == f->id)
				continue;
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"/monitoring/flag/%lld\">"
				       "Flag #%lld</a>: %s, %s ",
				   (long long)m[i].id, (long long)m[i].id, mon_web_period(m[i].period, pw),
				   strcmp(m[i].unit, "All") ? m[i].unit : "all units");
			flag_state_tag(rs, m[i].state);
			web_raw(rs, "</li>\n");
		}
		web_raw(rs, "</ul>\n");
		if (!group && web_can(rq, CAP_HANDLE_FLAGS) && strcmp(f->state, "closed"))
			web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
				       "href=\"/monitoring/flag/%lld?group=1\">Deal with all %zu flags "
				       "of this finding together</a></p>\n",
				   (long long)f->id, n);
	}
	free(m);
	return 0;
}

/* The question a monitor answers: what to do with the flag (or the
 * group's flags). */
static int choice_form(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		       int group, const char *chosen, const struct web_field_error *errs,
		       int n_errs, struct err *e)
{
	struct web_choice opts[4];
	struct flag_member *m = NULL, *free_m = NULL;
	size_t n = 0, n_free = 0, k = 0;
	struct buf legend = BUF_INIT, href = BUF_INIT;
	struct web_field fq = {"do", "do", NULL, NULL, chosen, NULL, NULL};
	int rc;

	if (!strcmp(f->state, "closed")) {
		/* nothing more is recorded on a closed flag: no forms to press */
		web_raw(rs, "<p class=\"govuk-body\" id=\"closed\" tabindex=\"-1\">This flag is "
			    "closed. Its history above is kept; nothing more can be recorded on it. "
			    "If the difference comes back, a new flag is raised.</p>\n");
		return 0;
	}
	if (group && ((rc = flag_members(rq->db, f, 0, &m, &n, e)) < 0 ||
		      (rc = flag_members(rq->db, f, 1, &free_m, &n_free, e)) < 0))
		goto done;
	if (group)
		buf_printf(&legend, "What do you want to do with these %zu flags?", n);
	else
		buf_puts(&legend, "What do you want to do?");
	fq.label = buf_str(&legend);
	opts[k++] = (struct web_choice){"explain",
					f->source[0] ? "Explain the finding"
						     : "Explain why the difference is justified",
					"The explanation is kept in the history and shown in the "
					"Diversity Report."};
	if (group ? n_free > 0 : !f->action[0]) {
		opts[k++] = (struct web_choice){"act", "Create an action in the plan",
						"A new action in the area \xe2\x80\x9cResponses to "
						"diversity monitoring flags\xe2\x80\x9d."};
		opts[k++] = (struct web_choice){"link", "Link to an existing action",
						"An action already in the plan deals with this."};
	}
	opts[k++] = (struct web_choice){"close", group ? "Close the flags" : "Close the flag",
					"When the difference is explained and has not come back, "
					"or the action is complete."};
	web_raw(rs, "<h2 class=\"govuk-heading-m\" id=\"deal\">Deal with ");
	web_raw(rs, group ? "these flags</h2>\n" : "this flag</h2>\n");
	if (group) {
		flag_members_words(&href, m, n);
		web_printf(rs, "<p class=\"govuk-body\" id=\"group-flags\">Together: flags %s.",
			   buf_str(&href));
		if (n_free < n)
			web_raw(rs, " An action is created for, or linked to, only those that have "
				    "none yet.");
		web_raw(rs, "</p>\n");
		buf_reset(&href);
	}
	flag_href(&href, f->id, NULL, 0);
	web_printf(rs, "<form method=\"post\" action=\"%s\" novalidate>\n", buf_str(&href));
	web_csrf_field(rq, rs);
	if (group)
		web_raw(rs, "<input type=\"hidden\" name=\"group\" value=\"1\">\n");
	web_radios(rs, &fq, opts, k, 0, errs, n_errs);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Continue</button>\n</form>\n");
	rc = 0;
done:
	free(m);
	free(free_m);
	buf_free(&legend);
	buf_free(&href);
	return rc;
}

/* The finding of a comparison in a sentence, as the report's summary
 * words it (pw: its period in words). */
static void comparison_sentence(struct web_resp *rs, const struct flag_row *f, const char *pw)
{
	struct mon_comparison c;
	struct buf t = BUF_INIT;
	enum mon_char ch;
	memset(&c, 0, sizeof c);
	c.unit = (char *)f->unit;
	c.group = (char *)f->group;
	c.reference = (char *)f->reference;
	c.rr = f->rr;
	c.rr_low = f->rr_low;
	c.rr_high = f->rr_high;
	if (mon_char_from_name(f->characteristic, &ch) == 0 && isfinite(f->rr) &&
	    isfinite(f->rr_low) && isfinite(f->rr_high)) {
		c.ch = ch;
		mon_finding_sentence(&t, f->dataset, f->outcome, &c);
		buf_printf(&t, " This was in %s.", pw);
	} else {
		buf_printf(&t, "In %s, %s (%s) had a different rate of %s from %s in %s.",
			   strcmp(f->unit, "All") ? f->unit : "all units", f->group, f->characteristic,
			   f->outcome, f->reference, pw);
	}
	web_printf(rs, "<p class=\"govuk-body-l\">%s</p>\n", buf_str(&t));
	buf_free(&t);
}

int flag_render(struct web_req *rq, struct web_resp *rs, const struct flag_row *f, int group,
		const char *chosen, const struct web_field_error *errs, int n_errs,
		struct err *e)
{
	struct buf t = BUF_INIT;
	char title[64], pw[PERIOD_WORDS], dl[DS_NAME_MAX];
	int rc;

	mon_web_period(f->period, pw);
	snprintf(title, sizeof title, "%sFlag #%lld", n_errs ? "Error: " : "", (long long)f->id);
	web_page_begin(rq, rs, title, SEC_MONITORING);
	web_raw(rs, "<a href=\"/monitoring/flags\" class=\"govuk-back-link\">Flags</a>\n");
	if (n_errs)
		web_error_summary(rs, errs, n_errs);
	buf_printf(&t, "%s, ", mon_web_dataset_title(f->dataset, dl, sizeof dl));
	flag_finding_words(&t, f);
	web_printf(rs,
		   "<span class=\"govuk-caption-l\" id=\"flag-caption\">%s</span>\n"
		   "<h1 class=\"govuk-heading-l\">Flag #%lld</h1>\n",
		   buf_str(&t), (long long)f->id);
	buf_free(&t);
	if (f->source[0]) {
		/* raised by another room: its finding in its words, and the
		 * page about it, instead of two groups compared */
		web_printf(rs, "<p class=\"govuk-body-l\" id=\"finding\">%s</p>\n", f->finding);
		flag_ext_link(rs, f, "see-source");
	} else {
		comparison_sentence(rs, f, pw);
		both_groups(rs, f);
	}
	figures(rs, f);
	if ((rc = history(rq, rs, f, e)) < 0 || (rc = same_finding(rq, rs, f, group, e)) < 0)
		return rc;
	if (web_can(rq, CAP_HANDLE_FLAGS) &&
	    (rc = choice_form(rq, rs, f, group, chosen, errs, n_errs, e)) < 0)
		return rc;
	web_page_end(rq, rs);
	if (n_errs)
		rs->status = 400;
	return 0;
}

/* 1 when the request asks for the flag's whole group (?group=1). */
static int group_param(const struct web_req *rq)
{
	const char *g = web_param(rq, "group");
	return g && !strcmp(g, "1");
}

int monitor_flag_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct flag_row f;
	char step[16];
	int64_t id;
	int rc;
	if ((rc = flag_path(rq->arg, &id, step, e)) < 0 ||
	    (rc = flag_load(rq->db, id, &f, e)) < 0)
		return rc;
	if (step[0])
		return flag_step_page(rq, rs, &f, step, e);
	return flag_render(rq, rs, &f, group_param(rq), NULL, NULL, 0, e);
}

/* ---- POST /monitoring/flag/ID: the choice, and the steps' forms ---------*/

int monitor_flag_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	static const char *const steps[] = {"explain", "act", "link", "close"};
	struct web_field_error errs[1];
	struct flag_row f;
	struct buf to = BUF_INIT;
	const char *chosen;
	char step[16], msg[96];
	int64_t id;
	size_t i;
	int rc, known = 0;

	if ((rc = flag_path(rq->arg, &id, step, e)) < 0)
		return rc;
	if (step[0])
		return flag_step_post(rq, rs, step, id, e);
	/* the choice changes nothing: it sends the monitor to its step */
	if ((rc = flag_load(rq->db, id, &f, e)) < 0)
		return rc;
	if (!web_can(rq, CAP_HANDLE_FLAGS)) {
		web_forbidden(rq, rs, CAP_HANDLE_FLAGS);
		return 0;
	}
	chosen = web_param(rq, "do");
	for (i = 0; chosen && i < sizeof steps / sizeof steps[0]; i++)
		known |= !strcmp(chosen, steps[i]);
	if (!strcmp(f.state, "closed")) {
		/* explaining used to reopen a closed flag silently */
		snprintf(msg, sizeof msg, "Flag #%lld is closed: nothing more can be recorded on it",
			 (long long)f.id);
		errs[0] = (struct web_field_error){"closed", msg};
		return flag_render(rq, rs, &f, 0, NULL, errs, 1, e);
	}
	if (!known) {
		errs[0] = (struct web_field_error){"do", "Select what you want to do with the flag"};
		return flag_render(rq, rs, &f, group_param(rq), NULL, errs, 1, e);
	}
	flag_href(&to, f.id, chosen, group_param(rq));
	web_redirect(rs, buf_str(&to));
	buf_free(&to);
	return 0;
}
