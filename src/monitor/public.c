/*
 * monitor/public.c: what other rooms use of monitoring (monitor.h) — a
 * count table imported from memory (the staff network's mentoring
 * outcomes, case counts and survey results become datasets whose reports,
 * flags and publication are monitoring's own), the codebooks' groups for
 * forms and tallies, and one comparison of two rates by the report's
 * methods. Nothing here is new statistics: it calls stats.c.
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "monitor/internal.h"
#include "monitor/monitor.h"
#include "monitor/stats.h"

/* A problem of the table, as one line of problems. */
static void add_problem(void *ctx, const struct mon_problem *p)
{
	struct buf *b = ctx;
	if (b)
		buf_printf(b, "%s\n", p->text);
}

int monitor_counts_import_mem(store_t *db, const char *dataset, const char *name,
			      const char *author, const char *csv, size_t len,
			      struct buf *problems, int *raised, struct err *e)
{
	struct mon_counts_import ci;
	int rc;

	memset(&ci, 0, sizeof ci);
	if (raised)
		*raised = 0;
	if (!dataset || !*dataset || strlen(dataset) >= DS_NAME_MAX)
		return err_set(e, ERR_USAGE, "a dataset needs a short name");
	stats_init();
	ci.job.data = csv ? csv : "";
	ci.job.len = csv ? len : 0;
	ci.job.name = name;
	ci.job.eth_system = ETH_AUTO;
	ci.job.on_problem = add_problem;
	ci.job.ctx = problems;
	ci.dataset = dataset;
	ci.source = name;
	ci.author = author;
	rc = mon_counts_import(db, &ci, e);
	if (rc == 0 && raised)
		*raised = ci.raised;
	mon_counts_import_free(&ci);
	return rc;
}

int monitor_group_of(const char *characteristic, const char *value, const char **group,
		     struct err *e)
{
	enum mon_char c;
	const struct mon_category *cat = NULL;
	if (mon_char_from_name(characteristic, &c) < 0)
		return err_set(e, ERR_NOTFOUND, "'%s' is not a protected characteristic parity "
			       "monitors (ethnicity, sex, age, disability, religion, "
			       "sexual_orientation, gender_reassignment, marital_status, "
			       "pregnancy_maternity)", characteristic);
	if (value && (!strcasecmp(value, "prefer not to say") || !strcasecmp(value, "not stated")))
		value = "NS";
	if (mon_classify(c, ETH_AUTO, value && *value ? value : NULL, &cat, e) < 0)
		return e->code ? e->code : ERR_DATA;
	*group = cat->group;
	return 0;
}

int monitor_groups_of(const char *characteristic, const char *const **groups, size_t *n,
		      size_t *n_recorded, const char **column, struct err *e)
{
	enum mon_char c;
	struct mon_group_list gl;
	if (mon_char_from_name(characteristic, &c) < 0)
		return err_set(e, ERR_NOTFOUND, "'%s' is not a protected characteristic parity "
			       "monitors", characteristic);
	mon_groups(c, &gl);
	*groups = gl.groups;
	*n = gl.n_groups;
	*n_recorded = gl.n_recorded;
	*column = mon_char_name(c);
	return 0;
}

#define Z95 1.959963984540054

void monitor_wilson(long long k, long long n, double *lo, double *hi)
{
	double p, den, centre, half;
	if (n <= 0) {
		*lo = *hi = NAN;
		return;
	}
	p = (double)k / (double)n;
	den = 1 + Z95 * Z95 / (double)n;
	centre = (p + Z95 * Z95 / (2.0 * (double)n)) / den;
	half = Z95 * sqrt(p * (1 - p) / (double)n + Z95 * Z95 / (4.0 * (double)n * (double)n)) /
	       den;
	*lo = centre - half < 0 ? 0 : centre - half;
	*hi = centre + half > 1 ? 1 : centre + half;
	if (k == 0)
		*lo = 0;
	if (k == n)
		*hi = 1;
}

int monitor_compare(long long a, long long n1, long long c, long long n2,
		    struct monitor_comparison *out, struct err *e)
{
	struct stats_table t = {a, n1, c, n2};
	struct stats_comparison sc;
	double l1, u1, l2, u2;

	if (n1 <= 0 || n2 <= 0 || a < 0 || c < 0 || a > n1 || c > n2)
		return err_set(e, ERR_DATA, "a comparison needs counts of 0 or more, no more than "
			       "their groups (%lld of %lld against %lld of %lld)", a, n1, c, n2);
	if (stats_compare(NULL, &t, &sc, e) < 0)
		return e->code ? e->code : ERR_DATA;
	out->rate = sc.rate1;
	out->ref_rate = sc.rate2;
	out->rr = sc.rr.rr;
	out->rr_lo = sc.rr.lo;
	out->rr_hi = sc.rr.hi;
	out->p = sc.p;
	out->test = sc.test == STATS_TEST_FISHER ? "Fisher's exact test" : "z test";
	monitor_wilson(a, n1, &l1, &u1);
	monitor_wilson(c, n2, &l2, &u2);
	out->diff = sc.rate1 - sc.rate2;
	out->diff_lo = out->diff - sqrt((sc.rate1 - l1) * (sc.rate1 - l1) +
					(u2 - sc.rate2) * (u2 - sc.rate2));
	out->diff_hi = out->diff + sqrt((u1 - sc.rate1) * (u1 - sc.rate1) +
					(sc.rate2 - l2) * (sc.rate2 - l2));
	return 0;
}

int monitor_adjust_holm(const double *p, size_t n, double *out, struct err *e)
{
	return stats_adjust_holm(p, n, out, e);
}
