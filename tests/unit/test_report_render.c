/*
 * test_report_render: the Diversity Report's HTML and XLSX layouts
 * (src/monitor/report_html.c, report_xlsx.c) and the SVG chart writers
 * under them (src/render/svg.c).
 *
 * A small report is built by hand — two units (one named like an HTML
 * injection), ethnicity and sex, a flag above 1 and one below 1, a "too
 * few" comparison, a Not stated row, adverse impact that is not a flag,
 * completeness below target, a pay gap, representation and a trend with a
 * missing period — so every section is drawn and every sentence rule is
 * exercised without running the statistics.
 */
#include <criterion/criterion.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "monitor/internal.h"
#include "render/svg.h"

int mon_render_html(const struct mon_report *r, struct buf *b, struct err *e);
int mon_render_xlsx(const struct mon_report *r, const char *path, struct err *e);

#define EVIL "<script>x</script>"

static struct dataset ds;

static struct mon_comparison *add_cmp(struct mon_report *r, const char *unit, enum mon_char ch,
				      const char *group, const char *ref, int outcome)
{
	struct mon_comparison *c;
	r->cmp = xrealloc(r->cmp, (r->n_cmp + 1) * sizeof *r->cmp);
	c = &r->cmp[r->n_cmp++];
	memset(c, 0, sizeof *c);
	c->unit = xstrdup(unit);
	c->ch = ch;
	c->group = xstrdup(group);
	c->reference = xstrdup(ref);
	c->outcome = outcome;
	c->favourable = ds.outcomes[outcome].favourable;
	c->rate = c->ref_rate = c->rr = c->rr_low = c->rr_high = NAN;
	c->p = c->p_adj = c->impact_ratio = NAN;
	return c;
}

/* A four-fifths entry: the group's rate against compared_with's. */
static void add_impact(struct mon_report *r, const char *unit, enum mon_char ch,
		       const char *group, int outcome, double rate, const char *compared_with,
		       double compared_rate, double ratio, int too_few, int flag)
{
	struct mon_impact *m;
	r->impact = xrealloc(r->impact, (r->n_impact + 1) * sizeof *r->impact);
	m = &r->impact[r->n_impact++];
	memset(m, 0, sizeof *m);
	m->unit = xstrdup(unit);
	m->ch = ch;
	m->group = xstrdup(group);
	m->outcome = outcome;
	m->favourable = ds.outcomes[outcome].favourable;
	m->rate = rate;
	m->compared_with = xstrdup(compared_with);
	m->compared_rate = compared_rate;
	m->impact_ratio = ratio;
	m->adverse = ratio < 0.8;
	m->too_few = too_few;
	m->flag = flag;
}

static void set_counts(struct mon_comparison *c, int64_t num, int64_t den, int64_t rn,
		       int64_t rd)
{
	c->num = num;
	c->den = den;
	c->ref_num = rn;
	c->ref_den = rd;
	c->rate = (double)num / (double)den;
	c->ref_rate = (double)rn / (double)rd;
}

static void set_rr(struct mon_comparison *c, double rr, double lo, double hi, double p,
		   double p_adj)
{
	c->rr = rr;
	c->rr_low = lo;
	c->rr_high = hi;
	c->p = p;
	c->p_adj = p_adj;
	c->tested = isfinite(p);
	c->test = isfinite(p) ? 2 : 0;
}

static void add_comp(struct mon_report *r, const char *unit, enum mon_char ch, int64_t rec,
		     int64_t ns, int64_t miss)
{
	struct mon_completeness *c;
	r->comp = xrealloc(r->comp, (r->n_comp + 1) * sizeof *r->comp);
	c = &r->comp[r->n_comp++];
	c->unit = xstrdup(unit);
	c->ch = ch;
	c->recorded = rec;
	c->not_stated = ns;
	c->missing = miss;
	c->total = rec + ns + miss;
	c->pct = 100.0 * (double)rec / (double)c->total;
}

static void build(struct mon_report *r)
{
	struct err e;
	struct mon_comparison *c;
	int breached, completed;

	err_clear(&e);
	cr_assert_eq(dataset_preset("service-users", &ds, &e), 0, "%s", e.msg);
	breached = dataset_outcome_index(&ds, "breached");
	completed = dataset_outcome_index(&ds, "completed");
	cr_assert(breached >= 0 && completed >= 0);

	memset(r, 0, sizeof *r);
	r->dataset = xstrdup("service-users");
	r->period = xstrdup("2024-Q4");
	r->ds = &ds;
	mon_settings_default(&r->set);
	r->rows = 1234;

	/* ethnicity, breached */
	c = add_cmp(r, "All", MC_ETHNICITY, "Black", "White", breached);
	set_counts(c, 70, 400, 150, 1000);
	set_rr(c, 1.1667, 0.90, 1.51, 0.25, 0.75);
	c = add_cmp(r, "All", MC_ETHNICITY, "Not stated", "White", breached);
	set_counts(c, 5, 40, 150, 1000);
	set_rr(c, 0.83, 0.36, 1.92, NAN, NAN);
	c->data_group = 1;
	c->too_few = 0;
	c = add_cmp(r, "Reading", MC_ETHNICITY, "Black", "White", breached);
	set_counts(c, 42, 200, 75, 500);
	set_rr(c, 1.4, 1.2, 1.6, 0.0004, 0.0021);
	c->flag = 1;
	c->adverse = 1;
	c->n_trend = 3;
	snprintf(c->trend_period[0], 24, "2024-Q1");
	c->trend_rr[0] = 1.1;
	snprintf(c->trend_period[1], 24, "2024-Q2");
	c->trend_rr[1] = NAN;
	snprintf(c->trend_period[2], 24, "2024-Q3");
	c->trend_rr[2] = 1.3;
	c = add_cmp(r, EVIL, MC_ETHNICITY, "Black", "White", breached);
	set_counts(c, 3, 12, 10, 80);
	set_rr(c, 2.0, 0.63, 6.3, 0.35, 1.0);
	c->too_few = 1;
	c->adverse = 1;

	/* sex, completed (favourable) */
	c = add_cmp(r, "All", MC_SEX, "Female", "Male", completed);
	set_counts(c, 150, 250, 300, 400);
	set_rr(c, 0.8, 0.71, 0.9, 0.004, 0.2);
	c->impact_ratio = 0.75;
	c->adverse = 1;
	c = add_cmp(r, "Reading", MC_SEX, "Female", "Male", completed);
	set_counts(c, 62, 200, 200, 400);
	set_rr(c, 0.62, 0.52, 0.74, 0.00001, 0.0001);
	c->impact_ratio = 0.62;
	c->adverse = 1;
	c->flag = 1;
	r->n_flags = 2;

	/* the four-fifths rule: adverse impact lives in r->impact */
	add_impact(r, "All", MC_SEX, "Female", completed, 0.6, "Male", 0.8, 0.75, 0, 0);
	add_impact(r, "Reading", MC_SEX, "Female", completed, 0.31, "Male", 0.5, 0.62, 0, 1);
	add_impact(r, "Reading", MC_ETHNICITY, "Black", breached, 0.21, "White", 0.15, 0.714, 0,
		   1);
	add_impact(r, EVIL, MC_ETHNICITY, "Black", breached, 0.25, "White", 0.125, 0.5, 1, 0);
	add_impact(r, "Reading", MC_ETHNICITY, "White", breached, 0.15, "White", 0.15, 1.0, 0, 0);

	add_comp(r, "All", MC_ETHNICITY, 1020, 120, 60);
	add_comp(r, "All", MC_SEX, 1234, 0, 0);
	add_comp(r, "Reading", MC_ETHNICITY, 570, 20, 10);
	add_comp(r, EVIL, MC_ETHNICITY, 12, 0, 0);

	r->pay = xcalloc(1, sizeof *r->pay);
	r->n_pay = 1;
	r->pay[0].by = MC_SEX;
	r->pay[0].group = xstrdup("Female");
	r->pay[0].comparator = xstrdup("Male");
	r->pay[0].n = 310;
	r->pay[0].n_ref = 290;
	r->pay[0].mean_gap = 8.5;
	r->pay[0].median_gap = 6.25;
	r->pay[0].bonus_mean_gap = NAN;
	r->pay[0].bonus_median_gap = NAN;
	r->pay[0].bonus_share = 0;
	r->pay[0].bonus_share_ref = 0;
	r->pay[0].quartile_share[0] = 60;
	r->pay[0].quartile_share[1] = 55;
	r->pay[0].quartile_share[2] = 48;
	r->pay[0].quartile_share[3] = 40;

	r->rep = xcalloc(1, sizeof *r->rep);
	r->n_rep = 1;
	r->rep[0].unit = xstrdup("All");
	r->rep[0].ch = MC_ETHNICITY;
	r->rep[0].group = xstrdup("Black");
	r->rep[0].n = 30;
	r->rep[0].total = 600;
	r->rep[0].share = 5.0;
	r->rep[0].benchmark = NAN;
	r->rep[0].ratio = NAN;
}

static char *html_of(const struct mon_report *r)
{
	struct buf b = BUF_INIT;
	struct err e;
	err_clear(&e);
	cr_assert_eq(mon_render_html(r, &b, &e), 0, "%s", e.msg);
	cr_assert_eq(b.failed, 0);
	return buf_take(&b);
}

/* 1 when word occurs in s as a whole word (not inside a longer word). */
static int has_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	const char *p = s;
	while ((p = strstr(p, word)) != NULL) {
		int before = p > s && isalpha((unsigned char)p[-1]);
		int after = isalpha((unsigned char)p[n]);
		if (!before && !after)
			return 1;
		p++;
	}
	return 0;
}

/* Every <table> is followed by its <caption> as the first child. */
static void assert_tables_captioned(const char *html)
{
	const char *p = html;
	int n = 0;
	while ((p = strstr(p, "<table")) != NULL) {
		const char *gt = strchr(p, '>');
		cr_assert_not_null(gt);
		gt++;
		while (*gt == '\n' || *gt == ' ')
			gt++;
		cr_assert(strncmp(gt, "<caption>", 9) == 0, "table without caption at: %.80s", p);
		p = gt;
		n++;
	}
	cr_assert_gt(n, 0);
}

/* Heading levels never skip one on the way down (h1, h2, h3). */
static void assert_headings_in_order(const char *html)
{
	const char *p = html;
	int last = 0;
	while ((p = strstr(p, "<h")) != NULL) {
		int lv = p[2] - '0';
		if (lv >= 1 && lv <= 6 && (p[3] == '>' || p[3] == ' ')) {
			cr_assert(lv <= last + 1, "h%d after h%d at: %.60s", lv, last, p);
			last = lv;
		}
		p += 2;
	}
	cr_assert_eq(last > 0, 1);
}

Test(report_html, summary_sentence_with_the_numbers)
{
	struct mon_report r;
	char *h;
	build(&r);
	h = html_of(&r);
	cr_assert_not_null(strstr(h, "In Reading, Black service users were 1.4 times as likely "
				     "as White service users to be breached (95% CI 1.2\xe2\x80\x93"
				     "1.6; rates 21.0% against 15.0%)."),
			   "flag sentence missing");
	cr_assert_not_null(strstr(h, "In Reading, female service users were 38% less likely than "
				     "male service users to complete (relative rate 0.62, 95% CI "
				     "0.52\xe2\x80\x93" "0.74; rates 31.0% against 50.0%)."),
			   "RR < 1 sentence missing");
	/* adverse impact that is not a flag, with its reason */
	cr_assert_not_null(strstr(h, "Across all units, the rate for female service users to "
				     "complete (60.0%) was 0.75 times the highest rate, that of "
				     "male service users (80.0%): below the four-fifths limit of "
				     "0.8. Not flagged: the difference could be chance (adjusted p "
				     "0.2"));
	cr_assert_not_null(strstr(h, "Not flagged: the group has fewer than 30 people or under "
				     "2% of the pool"));
	cr_assert_not_null(strstr(h, "was above the lowest rate, that of White service users "
				     "(12.5%): the lowest rate is 0.50 times this rate"));
	/* completeness below target */
	cr_assert_not_null(strstr(h, "Across all units, ethnicity was recorded for 85.0% of "
				     "service users (1,020 of 1,200; 120 not stated, 60 missing), "
				     "below the target of 90%."));
	cr_assert_null(strstr(h, "sex was recorded for"));
	cr_assert_null(strstr(h, "Nothing was flagged"));
	/* the dataset by its label (issue 15); "2024-Q4" is no period
	 * period_words knows, so it is shown as it is */
	cr_assert_not_null(strstr(h, "<title>Diversity report \xe2\x80\x94 Service users "
				     "\xe2\x80\x94 2024-Q4</title>"));
	free(h);
	mon_report_free(&r);
}

Test(report_html, escapes_values_and_has_no_script)
{
	struct mon_report r;
	char *h;
	build(&r);
	h = html_of(&r);
	cr_assert_not_null(strstr(h, "&lt;script&gt;x&lt;/script&gt;"));
	cr_assert_null(strcasestr(h, "<script"), "a <script reached the page");
	cr_assert_null(strstr(h, EVIL));
	free(h);
	mon_report_free(&r);
}

Test(report_html, structure_charts_tables_headings)
{
	struct mon_report r;
	char *h;
	build(&r);
	h = html_of(&r);
	cr_assert(strncmp(h, "<!DOCTYPE html>", 15) == 0);
	cr_assert_not_null(strstr(h, "<html lang=\"en-GB\">"));
	cr_assert_not_null(strstr(h, "<svg"));
	cr_assert_not_null(strstr(h, "role=\"img\""));
	cr_assert_not_null(strstr(h, "@media print"));
	/* no external resources (the SVG namespace name is not fetched) */
	cr_assert_null(strstr(h, "src="));
	cr_assert_null(strstr(h, "href=\"http"));
	cr_assert_null(strstr(h, "url("));
	cr_assert_null(strstr(h, "@import"));
	cr_assert_null(strstr(h, "<link"));
	assert_tables_captioned(h);
	assert_headings_in_order(h);
	/* numeric header cells are right-aligned like their columns */
	cr_assert_not_null(strstr(h, "<th scope=\"col\" class=\"num\">Rate</th>"));
	/* statuses, and the Not stated row greyed and not tested */
	cr_assert_not_null(strstr(h, ">flag<"));
	cr_assert_not_null(strstr(h, ">too few<"));
	cr_assert_not_null(strstr(h, ">adverse impact<"));
	cr_assert_not_null(strstr(h, "<tr class=\"muted\"><th scope=\"row\">All units</th>"
				     "<td>Not stated</td>"));
	cr_assert_not_null(strstr(h, ">not tested<"));
	cr_assert_not_null(strstr(h, ">below target<"));
	/* formats: p below 0.001, RR with its interval, counts with commas */
	cr_assert_not_null(strstr(h, ">&lt; 0.001<"));
	cr_assert_not_null(strstr(h, ">1.40 (1.20\xe2\x80\x93" "1.60)<"));
	cr_assert(strstr(h, ">0.00210<") != NULL || strstr(h, ">0.0021<") != NULL);
	/* sections */
	cr_assert_not_null(strstr(h, "id=\"pay\""));
	cr_assert_not_null(strstr(h, "A pay gap is"));
	cr_assert_not_null(strstr(h, "id=\"representation\""));
	cr_assert_not_null(strstr(h, "id=\"trends\""));
	cr_assert_not_null(strstr(h, "id=\"method\""));
	cr_assert_not_null(strstr(h, "never dropped"));
	cr_assert_not_null(strstr(h, "Holm, across all"));
	/* nothing prints a raw NaN */
	cr_assert_eq(has_word(h, "nan"), 0);
	cr_assert_eq(has_word(h, "inf"), 0);
	free(h);
	mon_report_free(&r);
}

Test(report_html, nothing_flagged_is_said_plainly)
{
	struct mon_report r;
	size_t i;
	char *h;
	build(&r);
	for (i = 0; i < r.n_cmp; i++)
		r.cmp[i].flag = r.cmp[i].adverse = 0;
	r.n_flags = 0;
	h = html_of(&r);
	cr_assert_not_null(strstr(h, "Nothing was flagged in this report."));
	cr_assert_null(strstr(h, "id=\"trends\""), "trends only for flagged or adverse findings");
	free(h);
	mon_report_free(&r);
}

/* The example sentences of docs/diversity-report.md (its "> " quotes) are
 * what the report writes for this report. */
Test(report_html, docs_examples_are_what_the_report_says)
{
	struct mon_report r;
	struct buf quote = BUF_INIT;
	char line[1024], *h;
	FILE *f = fopen("docs/diversity-report.md", "r");
	int n = 0;

	cr_assert_not_null(f, "run from the repository root");
	build(&r);
	h = html_of(&r);
	while (1) {
		int more = fgets(line, sizeof line, f) != NULL;
		line[more ? strcspn(line, "\n") : 0] = '\0';
		if (more && strncmp(line, "> ", 2) == 0) {
			if (quote.len)
				buf_putc(&quote, ' ');
			buf_puts(&quote, line + 2);
			continue;
		}
		if (quote.len) {
			cr_assert_not_null(strstr(h, buf_str(&quote)), "not in the report: %s",
					   buf_str(&quote));
			n++;
			buf_reset(&quote);
		}
		if (!more)
			break;
	}
	fclose(f);
	cr_assert_eq(n, 2, "the page has two example sentences");
	buf_free(&quote);
	free(h);
	mon_report_free(&r);
}

/* Very small p-values print as "< 0.001" in the text, CSV and HTML
 * renderings (xlsx: below), never as "0", "0.000" or "1e-20"; JSON keeps
 * the number. Before this, text said "adjusted p 1e-20" and "adjusted p
 * 0", CSV wrote 0 and 1e-20, HTML "<0.001" without the space. */
Test(report_render, tiny_p_values_print_as_below_0_001)
{
	struct mon_report r;
	struct buf t = BUF_INIT, c = BUF_INIT, j = BUF_INIT;
	char *h;
	build(&r);
	r.cmp[2].p = 0;	      /* Reading, Black, breached: a flag */
	r.cmp[2].p_adj = 1e-20;
	r.cmp[5].p_adj = 0;   /* Reading, Female, completed: a flag */
	mon_render_text(&r, &t);
	cr_assert_not_null(strstr(buf_str(&t), "(95% CI 1.20-1.60), adjusted p < 0.001\n"), "%s",
			   buf_str(&t));
	cr_assert_not_null(strstr(buf_str(&t), "(95% CI 0.52-0.74), adjusted p < 0.001\n"));
	cr_assert_null(strstr(buf_str(&t), "adjusted p 0"));
	cr_assert_null(strstr(buf_str(&t), "e-20"));
	mon_render_csv(&r, &c);
	cr_assert_not_null(strstr(buf_str(&c), ",1.4,1.2,1.6,< 0.001,< 0.001,z,"), "%s",
			   buf_str(&c));
	cr_assert_not_null(strstr(buf_str(&c), ",0.62,0.52,0.74,< 0.001,< 0.001,z,"));
	cr_assert_not_null(strstr(buf_str(&c), ",0.25,0.75,z,"), "others as numbers");
	cr_assert_null(strstr(buf_str(&c), "e-20"));
	mon_render_json(&r, &j);
	cr_assert_not_null(strstr(buf_str(&j), "\"p_adj\": 1e-20"), "JSON keeps the number");
	cr_assert_not_null(strstr(buf_str(&j), "\"p\": 0.0"));
	h = html_of(&r);
	cr_assert_not_null(strstr(h, ">&lt; 0.001<"));
	cr_assert_null(strstr(h, ">0.000<"));
	cr_assert_not_null(strstr(h, "1.60)</td><td class=\"num\">&lt; 0.001</td>"
				     "<td class=\"num\">&lt; 0.001</td>"), "p 0 and 1e-20");
	cr_assert_null(strstr(h, "e-20"));
	free(h);
	buf_free(&t);
	buf_free(&c);
	buf_free(&j);
	mon_report_free(&r);
}

/* ----------------------------------------------------------------- xlsx */

static char *zip_entry(const char *path, const char *name)
{
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	zip_stat_t st;
	zip_file_t *f;
	char *data;
	cr_assert_not_null(z, "not a zip: %s (%d)", path, zerr);
	cr_assert_eq(zip_stat(z, name, 0, &st), 0, "no %s in %s", name, path);
	data = xcalloc(1, (size_t)st.size + 1);
	f = zip_fopen(z, name, 0);
	cr_assert_not_null(f);
	cr_assert_eq(zip_fread(f, data, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	zip_close(z);
	return data;
}

Test(report_xlsx, writes_a_workbook_with_the_sheets)
{
	struct mon_report r;
	struct err e;
	char path[256], tmp[300], magic[2] = {0, 0};
	char *wb, *sheet;
	FILE *f;

	build(&r);
	err_clear(&e);
	snprintf(path, sizeof path, "/tmp/parity-test-report-%d.xlsx", (int)getpid());
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	cr_assert_eq(mon_render_xlsx(&r, path, &e), 0, "%s", e.msg);
	f = fopen(path, "rb");
	cr_assert_not_null(f);
	cr_assert_eq(fread(magic, 1, 2, f), 2);
	fclose(f);
	cr_assert(magic[0] == 'P' && magic[1] == 'K', "not a zip file");
	cr_assert_neq(access(tmp, F_OK), 0, "the .tmp file was left behind");

	wb = zip_entry(path, "xl/workbook.xml");
	cr_assert_not_null(strstr(wb, "\"Summary\""));
	cr_assert_not_null(strstr(wb, "\"Comparisons\""));
	cr_assert_not_null(strstr(wb, "\"Completeness\""));
	cr_assert_not_null(strstr(wb, "\"Pay gaps\""));
	cr_assert_not_null(strstr(wb, "\"Representation\""));
	free(wb);
	/* the Comparisons sheet: booleans as booleans, an autofilter, a frozen row */
	sheet = zip_entry(path, "xl/worksheets/sheet2.xml");
	cr_assert_not_null(strstr(sheet, "t=\"b\""));
	cr_assert_not_null(strstr(sheet, "<autoFilter"));
	cr_assert_not_null(strstr(sheet, "state=\"frozen\""));
	cr_assert_eq(has_word(sheet, "nan"), 0, "NaN is an empty cell");
	cr_assert_eq(has_word(sheet, "NaN"), 0, "NaN is an empty cell");
	free(sheet);
	remove(path);
	mon_report_free(&r);
}

/* A p-value below 0.001 is the text "< 0.001" in the Comparisons sheet,
 * not a number that the 0.0000 format shows as 0.0000. */
Test(report_xlsx, tiny_p_values_are_below_0_001)
{
	struct mon_report r;
	struct err e;
	char path[256], *strings, *sheet;

	build(&r);
	r.cmp[2].p = 0;
	r.cmp[2].p_adj = 1e-20;
	err_clear(&e);
	snprintf(path, sizeof path, "/tmp/parity-test-p-%d.xlsx", (int)getpid());
	cr_assert_eq(mon_render_xlsx(&r, path, &e), 0, "%s", e.msg);
	strings = zip_entry(path, "xl/sharedStrings.xml");
	cr_assert_not_null(strstr(strings, ">&lt; 0.001<"), "%s", strings);
	sheet = zip_entry(path, "xl/worksheets/sheet2.xml");
	/* row 4 (the third comparison): p and p_adj in Q and R, as strings */
	cr_assert_not_null(strstr(sheet, "<c r=\"Q4\" t=\"s\">"), "%s", sheet);
	cr_assert_not_null(strstr(sheet, "<c r=\"R4\" t=\"s\">"));
	cr_assert_null(strstr(sheet, "E-20"));
	cr_assert_null(strstr(sheet, "e-20"));
	free(strings);
	free(sheet);
	remove(path);
	mon_report_free(&r);
}

Test(report_xlsx, unwritable_path_is_an_io_error_naming_the_file)
{
	struct mon_report r;
	struct err e;
	build(&r);
	err_clear(&e);
	cr_assert_eq(mon_render_xlsx(&r, "/nonexistent-dir-parity/out.xlsx", &e), ERR_IO);
	cr_assert_not_null(strstr(e.msg, "/nonexistent-dir-parity/out.xlsx"), "%s", e.msg);
	mon_report_free(&r);
}

/* ------------------------------------------------------------------ svg */

Test(svg, forest_skips_nan_and_escapes_labels)
{
	struct svg_forest_row rows[] = {
		{"A & <b>", 1.5, 1.1, 2.0, 1, 0, 0},
		{"no estimate", NAN, NAN, NAN, 0, 0, 1},
		{"infinite", INFINITY, 0.5, INFINITY, 0, 1, 0},
		{"zero", 0, 0, 0.5, 0, 0, 0},
	};
	struct svg_forest f = {"Forest \"plot\"", rows, 4, 0.8, 1.25, "Relative rate"};
	struct buf b = BUF_INIT;
	svg_forest(&b, &f);
	cr_assert_not_null(strstr(buf_str(&b), "A &amp; &lt;b&gt;"));
	cr_assert_null(strstr(buf_str(&b), "<b>"));
	cr_assert_not_null(strstr(buf_str(&b), "aria-label=\"Forest &quot;plot&quot;\""));
	cr_assert_not_null(strstr(buf_str(&b), "<title>Forest &quot;plot&quot;</title>"));
	cr_assert_not_null(strstr(buf_str(&b), "role=\"img\""));
	cr_assert_not_null(strstr(buf_str(&b), "viewBox="));
	cr_assert_not_null(strstr(buf_str(&b), "n/a"));
	cr_assert_eq(has_word(buf_str(&b), "nan"), 0, "%s", buf_str(&b));
	cr_assert_eq(has_word(buf_str(&b), "inf"), 0);
	/* ticks inside the axis only: 0.5..2 by default, widened to hold 0.5..2 */
	cr_assert_not_null(strstr(buf_str(&b), ">1.25</text>"));
	cr_assert_null(strstr(buf_str(&b), ">4</text>"));
	cr_assert_eq(b.failed, 0);
	buf_free(&b);
}

Test(svg, forest_cuts_long_labels_but_keeps_them_in_title)
{
	char label[400];
	struct svg_forest_row row = {label, 1.0, 0.9, 1.1, 0, 0, 0};
	struct svg_forest f = {NULL, &row, 1, NAN, NAN, NULL};
	struct buf b = BUF_INIT;
	memset(label, 'x', sizeof label - 1);
	label[sizeof label - 1] = '\0';
	svg_forest(&b, &f);
	cr_assert_not_null(strstr(buf_str(&b), "<title>Chart</title>"));
	cr_assert_not_null(strstr(buf_str(&b), label), "full label in the row's title");
	cr_assert_not_null(strstr(buf_str(&b), "x\xe2\x80\xa6</text>"));
	cr_assert_null(strstr(buf_str(&b), "<title>Band"), "no band when its edges are NaN");
	buf_free(&b);
}

Test(svg, bars_skip_nan_and_draw_target)
{
	struct svg_bar bars[] = {
		{"Reading", 85.0, 1, "below target"},
		{"<Slough>", NAN, 0, NULL},
		{"Over", 140.0, 0, NULL},
	};
	struct buf b = BUF_INIT;
	svg_bars(&b, "Completeness", bars, 3, 90, "Target");
	cr_assert_not_null(strstr(buf_str(&b), "&lt;Slough&gt;"));
	cr_assert_not_null(strstr(buf_str(&b), "85.0% below target"));
	cr_assert_not_null(strstr(buf_str(&b), "Target 90%"));
	cr_assert_not_null(strstr(buf_str(&b), "n/a"));
	cr_assert_not_null(strstr(buf_str(&b), "stroke-dasharray"));
	cr_assert_eq(has_word(buf_str(&b), "nan"), 0);
	buf_free(&b);
}

Test(svg, line_breaks_at_nan_and_escapes)
{
	struct svg_point pts[] = {
		{"Q1", 1.1}, {"Q2", NAN}, {"Q3", 1.3}, {"<Q4>", 1.5}, {"Q5", INFINITY}};
	struct buf b = BUF_INIT;
	const char *s, *p;
	int polylines = 0;
	svg_line(&b, "Trend & more", pts, 5, 1.0);
	s = buf_str(&b);
	cr_assert_not_null(strstr(s, "Trend &amp; more"));
	cr_assert_not_null(strstr(s, "&lt;Q4&gt;"));
	cr_assert_eq(has_word(s, "nan"), 0);
	cr_assert_eq(has_word(s, "inf"), 0);
	for (p = s; (p = strstr(p, "<polyline")) != NULL; p++)
		polylines++;
	cr_assert_eq(polylines, 2, "the line is broken at the missing period");
	buf_free(&b);
}

Test(svg, empty_inputs_still_make_valid_charts)
{
	struct buf b = BUF_INIT;
	struct svg_forest f = {"Empty", NULL, 0, 0.8, 1.25, NULL};
	svg_forest(&b, &f);
	svg_bars(&b, "Empty", NULL, 0, NAN, NULL);
	svg_line(&b, "Empty", NULL, 0, NAN);
	cr_assert_eq(has_word(buf_str(&b), "nan"), 0);
	cr_assert_eq(b.failed, 0);
	buf_free(&b);
}

static int count_of(const char *s, const char *needle)
{
	int n = 0;
	for (; (s = strstr(s, needle)) != NULL; s++)
		n++;
	return n;
}

Test(svg, series_band_target_and_titles)
{
	struct svg_series_point pts[] = {
		{"April 2024 to March 2025", 10.5, 8.25, 12.75},
		{"April 2025 to March 2026", 11.0, 9.0, 13.0},
		{"<FY2026-27>", 12.4, 9.8, 15.0},
	};
	struct svg_series s = {"Share of Black staff & more", pts, 3, 12, "Target: at least 12%", 1,
			       NULL};
	struct buf b = BUF_INIT;
	const char *h;
	svg_series(&b, &s);
	h = buf_str(&b);
	cr_assert_eq(b.failed, 0);
	cr_assert_not_null(strstr(h, "role=\"img\""));
	cr_assert_not_null(strstr(h, "aria-label=\"Share of Black staff &amp; more\""));
	cr_assert_not_null(strstr(h, "<title>Share of Black staff &amp; more</title>"));
	cr_assert_not_null(strstr(h, "&lt;FY2026-27&gt;"), "labels escaped");
	cr_assert_null(strstr(h, "<FY2026"));
	cr_assert_eq(count_of(h, "<polygon"), 1, "one band through three intervals");
	cr_assert_eq(count_of(h, "<polyline"), 1);
	cr_assert_eq(count_of(h, "<circle"), 3 + 1, "three points and the legend's");
	cr_assert_not_null(strstr(h, "<title>&lt;FY2026-27&gt;: 12.4% (95% interval 9.8% to 15.0%)"
				     "</title>"), "%s", h);
	cr_assert_not_null(strstr(h, "<title>Target: at least 12%</title>"));
	cr_assert_not_null(strstr(h, "stroke-dasharray"), "the target is dashed");
	cr_assert_not_null(strstr(h, ">95% interval</text>"), "the band in the legend");
	cr_assert_not_null(strstr(h, "<tspan"), "a long period on two lines");
	cr_assert_not_null(strstr(h, "%</text>"), "the axis in percent");
	cr_assert_eq(has_word(h, "nan"), 0);
	buf_free(&b);
}

Test(svg, series_skips_nan_and_breaks_the_line)
{
	struct svg_series_point pts[] = {
		{"2024", 1.10, 0.9, 1.3}, {"2025", NAN, NAN, NAN}, {"2026", 1.20, 1.0, 1.4},
		{"2027", 1.25, NAN, NAN}, {"2028", INFINITY, 1, 2},
	};
	struct svg_series s = {NULL, pts, 5, NAN, NULL, 0, "Interval"};
	struct buf b = BUF_INIT;
	const char *h;
	svg_series(&b, &s);
	h = buf_str(&b);
	cr_assert_not_null(strstr(h, "<title>Chart</title>"));
	cr_assert_eq(has_word(h, "nan"), 0, "%s", h);
	cr_assert_eq(has_word(h, "inf"), 0);
	cr_assert_eq(count_of(h, "<polyline"), 2, "broken at the missing period");
	cr_assert_null(strstr(h, "stroke-dasharray"), "no target, no dashes");
	cr_assert_eq(count_of(h, "<polygon"), 0, "no run of two intervals");
	cr_assert_eq(count_of(h, "fill-opacity=\"0.18\""), 1 + 3, "legend and three lone bars");
	cr_assert_not_null(strstr(h, "<title>2025: n/a</title>"));
	cr_assert_not_null(strstr(h, "<title>2026: 1.20 (Interval 1.00 to 1.40)</title>"), "%s", h);
	cr_assert_null(strstr(h, ">1.00%"), "a ratio has no per cent sign");
	buf_free(&b);
}

Test(svg, series_of_one_point_and_of_none)
{
	struct svg_series_point one = {"July to September 2011", 42.0, 40.0, 44.0};
	struct svg_series s = {"One", &one, 1, 50, NULL, 1, NULL};
	struct buf b = BUF_INIT;
	const char *h;
	svg_series(&b, &s);
	h = buf_str(&b);
	cr_assert_eq(count_of(h, "<polyline"), 1);
	cr_assert_eq(count_of(h, "<polygon"), 0);
	cr_assert_eq(count_of(h, "<rect"), 2, "the legend's and the point's interval");
	cr_assert_not_null(strstr(h, "<title>Target</title>"));
	cr_assert_not_null(strstr(h, "<title>July to September 2011: 42.0% (95% interval 40.0% to "
				     "44.0%)</title>"));
	buf_reset(&b);
	s = (struct svg_series){"None", NULL, 0, NAN, NULL, 1, NULL};
	svg_series(&b, &s);
	h = buf_str(&b);
	cr_assert_not_null(strstr(h, "</svg>"));
	cr_assert_eq(has_word(h, "nan"), 0);
	cr_assert_eq(count_of(h, "<polyline"), 0);
	cr_assert_eq(b.failed, 0);
	buf_free(&b);
}

Test(svg, series_axis_holds_negative_values)
{
	/* a pay gap below zero: the axis goes below 0 rather than cut it */
	struct svg_series_point pts[] = {{"2024", 17.8, 10.3, 25.2}, {"2025", -0.7, -11.1, 9.8}};
	struct svg_series s = {"Pay gap", pts, 2, 5, NULL, 1, NULL};
	struct buf b = BUF_INIT;
	svg_series(&b, &s);
	cr_assert_not_null(strstr(buf_str(&b), ">-20%</text>"), "%s", buf_str(&b));
	cr_assert_not_null(strstr(buf_str(&b), ">0%</text>"));
	buf_free(&b);
}
