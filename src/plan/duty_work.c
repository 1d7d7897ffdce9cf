/*
 * plan/duty_work.c: work outside the plan's actions that serves its
 * statutory duties (migration 028). Another room — the impact
 * assessments today — says through plan.h which duties an item of its
 * own serves; the duty coverage (report.c, web.c) counts that work beside
 * the actions. The plan stores only the words the room gives it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/xalloc.h"
#include "plan/internal.h"
#include "plan/plan.h"

/* "1, 2 and 4": the plan's duty numbers, for a message; "none" when the
 * plan has none. */
static int duties_words(store_t *db, struct buf *out, struct err *e)
{
	store_stmt_t *st;
	int rc, n = 0, last = -1;
	if (store_prepare(db, &st, e,
			  "SELECT duty AS no FROM area_duty UNION SELECT no FROM duty ORDER BY 1",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		if (last >= 0)
			buf_printf(out, "%s%d", n++ ? ", " : "", last);
		last = (int)store_col_int(st, 0);
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (last < 0)
		buf_puts(out, "none");
	else
		buf_printf(out, "%s%d", n ? " and " : "", last);
	return 0;
}

int plan_duty_work_set(store_t *db, const char *kind, const char *ref, const char *title,
		       const char *href, int live, const int *duties, size_t n, struct err *e)
{
	size_t i;
	int rc;
	for (i = 0; i < n; i++) {
		if ((rc = plan_duty_known(db, duties[i], e)) < 0)
			return rc;
		if (!rc) {
			struct buf w = BUF_INIT;
			if ((rc = duties_words(db, &w, e)) == 0)
				rc = err_set(e, ERR_DATA,
					     "duty %d is not one of the plan's duties (the plan has: "
					     "%s); give the number of a duty the plan names",
					     duties[i], buf_str(&w));
			buf_free(&w);
			return rc;
		}
	}
	if (store_exec(db, e, "DELETE FROM duty_work WHERE kind = ? AND ref = ?", "tt", kind,
		       ref) < 0)
		return ERR_DB;
	for (i = 0; i < n; i++)
		if (store_exec(db, e,
			       "INSERT INTO duty_work(kind, ref, duty, title, href, live)"
			       " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
			       "ttitti", kind, ref, (int64_t)duties[i], title, href,
			       (int64_t)(live != 0)) < 0)
			return ERR_DB;
	return 0;
}

int plan_duty_work_get(store_t *db, const char *kind, const char *ref, int **duties, size_t *n,
		       struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	*duties = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT duty FROM duty_work WHERE kind = ? AND ref = ? ORDER BY duty", "tt",
			  kind, ref) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		if (*n == cap)
			*duties = xrealloc(*duties, (cap = cap ? cap * 2 : 8) * sizeof **duties);
		(*duties)[(*n)++] = (int)store_col_int(st, 0);
	}
	store_done(st);
	if (rc < 0) {
		free(*duties);
		*duties = NULL;
		*n = 0;
		return ERR_DB;
	}
	return 0;
}

int plan_duty_work_load(store_t *db, struct plan_duty_work **out, size_t *n, struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT duty, kind, ref, title, href, live FROM duty_work"
			  " ORDER BY duty, kind, title, ref",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct plan_duty_work *w;
		const char *href = store_col_text(st, 4);
		if (*n == cap)
			*out = xrealloc(*out, (cap = cap ? cap * 2 : 8) * sizeof **out);
		w = &(*out)[(*n)++];
		w->duty = (int)store_col_int(st, 0);
		w->kind = xstrdup(store_col_text(st, 1));
		w->ref = xstrdup(store_col_text(st, 2));
		w->title = xstrdup(store_col_text(st, 3));
		w->href = href && *href ? xstrdup(href) : NULL;
		w->live = store_col_int(st, 5) != 0;
	}
	store_done(st);
	if (rc < 0) {
		plan_duty_work_free(*out, *n);
		*out = NULL;
		*n = 0;
		return ERR_DB;
	}
	return 0;
}

void plan_duty_work_free(struct plan_duty_work *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(v[i].kind);
		free(v[i].ref);
		free(v[i].title);
		free(v[i].href);
	}
	free(v);
}
