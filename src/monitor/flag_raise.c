/*
 * monitor/flag_raise.c: flags other rooms raise in monitoring's
 * explain-or-act loop (monitor.h, migration 032). An objective whose
 * measure goes off track becomes a mon_flag row like a finding of the
 * Diversity Report — listed, explained, acted on (plan action F<id>) and
 * closed the same way — with a mon_flag_external row beside it holding
 * the room's key, its finding in words and the page about it. The flag's
 * outcome column holds "<source> <ref>" ("objective measure 4"), so that
 * one (source, ref) has one flag a period, and the flags of one measure
 * in several periods are "the same finding" on the flag pages; its rr
 * column holds the measure's value (never shown as a relative rate).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/period.h"
#include "core/xalloc.h"
#include "monitor/internal.h"
#include "monitor/monitor.h"

/* Longest texts kept (bytes); longer ones are refused, not cut. */
#define EXT_SOURCE_MAX 31
#define EXT_REF_MAX 63
#define EXT_FINDING_MAX MON_FLAG_FINDING_MAX
#define EXT_HREF_MAX MON_FLAG_HREF_MAX

static int blank(const char *s)
{
	return !s || !*s;
}

/* ERR_USAGE when a field of f is missing or too long. */
static int check_raise(const struct monitor_flag_raise *f, struct err *e)
{
	static const char *const what = "a raised flag needs its source, ref, dataset, period "
					"and finding";
	if (blank(f->source) || blank(f->ref) || blank(f->dataset) || blank(f->period) ||
	    blank(f->finding))
		return err_set(e, ERR_USAGE, "%s", what);
	if (strlen(f->source) > EXT_SOURCE_MAX || strlen(f->ref) > EXT_REF_MAX)
		return err_set(e, ERR_USAGE, "a raised flag's source is at most %d characters and "
			       "its ref at most %d; got '%s' '%s'", EXT_SOURCE_MAX, EXT_REF_MAX,
			       f->source, f->ref);
	if (strlen(f->finding) > EXT_FINDING_MAX)
		return err_set(e, ERR_USAGE, "a raised flag's finding is at most %d characters; "
			       "%s %s's has %zu", EXT_FINDING_MAX, f->source, f->ref,
			       strlen(f->finding));
	if (f->href && strlen(f->href) > EXT_HREF_MAX)
		return err_set(e, ERR_USAGE, "a raised flag's link is at most %d characters",
			       EXT_HREF_MAX);
	if (f->href && f->href[0] && f->href[0] != '/')
		return err_set(e, ERR_USAGE, "a raised flag's link is a path of this site "
			       "(\"/objectives/3\"); got '%s'", f->href);
	return 0;
}

/* The flag of (source, ref) in the latest period before p, 0 when none:
 * periods in time order (core/period.h), not as strings. */
static int previous_flag(store_t *db, const struct monitor_flag_raise *f, const struct period *p,
			 int64_t *prev, struct err *e)
{
	store_stmt_t *st;
	long best = 0;
	int rc;
	*prev = 0;
	if (store_prepare(db, &st, e,
			  "SELECT f.id, f.period FROM mon_flag f JOIN mon_flag_external x"
			  " ON x.flag_id = f.id WHERE x.source = ? AND x.ref = ? ORDER BY f.id",
			  "tt", f->source, f->ref) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct period q;
		if (period_parse(store_col_text(st, 1), &q, NULL) < 0 || q.key >= p->key)
			continue;
		if (q.key >= best) { /* the same key twice: the later flag */
			best = q.key;
			*prev = store_col_int(st, 0);
		}
	}
	store_done(st);
	return rc < 0 ? ERR_DB : 0;
}

int monitor_flag_raise(store_t *db, const struct monitor_flag_raise *f, int64_t *flag_id,
		       int *raised, struct err *e)
{
	struct buf outcome = BUF_INIT;
	struct period p;
	int64_t existing = 0, prev = 0, id;
	char now[21];
	int rc;

	*flag_id = 0;
	*raised = 0;
	if ((rc = check_raise(f, e)) < 0)
		return rc;
	if (period_parse(f->period, &p, NULL) < 0)
		return err_set(e, ERR_USAGE, "a raised flag's period must be one monitoring knows "
			       "(2011Q3, 2011, FY2011-12, 2011-07); got '%s'", f->period);
	if (store_query_int(db, &existing, e,
			    "SELECT f.id FROM mon_flag f JOIN mon_flag_external x ON x.flag_id = f.id"
			    " WHERE x.source = ? AND x.ref = ? AND f.period = ?",
			    "ttt", f->source, f->ref, f->period) < 0)
		return ERR_DB;
	if (existing) {
		*flag_id = existing;
		return 0;
	}
	if ((rc = previous_flag(db, f, &p, &prev, e)) < 0)
		return rc;
	buf_printf(&outcome, "%s %s", f->source, f->ref);
	date_now_iso(now);
	/* the measure's value in rr (NaN is stored as NULL); no interval, no p */
	if (store_exec(db, e,
		       "INSERT INTO mon_flag(dataset, unit, characteristic, grp, reference, outcome,"
		       " period, rr, numerator, denominator, previous_id, created_at)"
		       " VALUES (?, 'All', ?, ?, 'the target', ?, ?, ?, ?, ?, NULLIF(?, 0), ?)",
		       "tttttdiiit", f->dataset, f->characteristic ? f->characteristic : "",
		       f->group ? f->group : "", buf_str(&outcome), f->period,
		       isfinite(f->value) ? f->value : NAN, f->numerator, f->denominator, prev,
		       now) < 0) {
		rc = ERR_DB;
		goto done;
	}
	id = store_last_id(db);
	if (store_exec(db, e,
		       "INSERT INTO mon_flag_external(flag_id, source, ref, finding, href)"
		       " VALUES (?, ?, ?, ?, ?)",
		       "itttt", id, f->source, f->ref, f->finding,
		       f->href && f->href[0] ? f->href : NULL) < 0 ||
	    /* as mon_flags_record: a finding that recurs is "reopened", and
	     * the earlier flag is previous_id */
	    store_exec(db, e,
		       "INSERT INTO mon_flag_event(flag_id, at, author, kind, note)"
		       " VALUES (?, ?, ?, ?, NULL)",
		       "ittt", id, now, blank(f->author) ? "parity" : f->author,
		       prev ? "reopened" : "raised") < 0) {
		rc = ERR_DB;
		goto done;
	}
	*flag_id = id;
	*raised = 1;
	rc = 0;
done:
	buf_free(&outcome);
	return rc;
}

/* ---- reading them back, for the pages and commands that show flags ------*/

void mon_flag_ext_free(struct mon_flag_ext *x)
{
	if (!x)
		return;
	free(x->source);
	free(x->ref);
	free(x->finding);
	free(x->href);
	memset(x, 0, sizeof *x);
}

int mon_flag_ext_get(store_t *db, int64_t id, struct mon_flag_ext *out, struct err *e)
{
	store_stmt_t *st;
	int rc;
	memset(out, 0, sizeof *out);
	if (store_prepare(db, &st, e,
			  "SELECT source, ref, finding, href FROM mon_flag_external WHERE flag_id = ?",
			  "i", id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		const char *href = store_col_text(st, 3);
		out->source = xstrdup(store_col_text(st, 0));
		out->ref = xstrdup(store_col_text(st, 1));
		out->finding = xstrdup(store_col_text(st, 2));
		out->href = href ? xstrdup(href) : NULL;
	}
	store_done(st);
	return rc < 0 ? ERR_DB : rc;
}

void mon_flag_ext_see(struct buf *b, const char *source)
{
	buf_printf(b, "See the %s", source && *source ? source : "page about it");
}
