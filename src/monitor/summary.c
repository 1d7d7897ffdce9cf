/*
 * monitor/summary.c: monitoring's part of the web dashboard — open flags
 * by dataset, the latest import of each dataset, and how complete its
 * equality data is (the share of rows whose ethnicity is recorded, the
 * measure the monitoring group reports against its 90% target).
 */
#include <string.h>

#include "monitor/monitor.h"
#include "store/store.h"
#include "web/web.h"

/* Completeness of one import's ethnicity (the first characteristic in
 * cats): recorded / all, where "NS" (not stated) and blank are not
 * recorded. Returns -1 when the import has no person-level rows. */
static double ethnicity_completeness(store_t *db, int64_t import_id, struct err *e)
{
	int64_t all = 0, missing = 0;
	if (store_query_int(db, &all, e, "SELECT count(*) FROM mon_row WHERE import_id = ?", "i",
			    import_id) < 0 ||
	    all == 0)
		return -1;
	/* cats holds "system:code|..." with ethnicity first; a code of NS or
	 * nothing means not recorded. */
	if (store_query_int(db, &missing, e,
			    "SELECT count(*) FROM mon_row WHERE import_id = ? AND ("
			    "substr(cats, 1, instr(cats || '|', '|') - 1) LIKE '%:NS' OR "
			    "substr(cats, 1, instr(cats || '|', '|') - 1) LIKE '%:' OR "
			    "substr(cats, 1, instr(cats || '|', '|') - 1) = '')",
			    "i", import_id) < 0)
		return -1;
	return 100.0 * (double)(all - missing) / (double)all;
}

int monitor_web_dashboard(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	store_stmt_t *st;
	int64_t open_flags = 0;
	int rc, n = 0;
	if (store_query_int(rq->db, &open_flags, e,
			    "SELECT count(*) FROM mon_flag WHERE state = 'open'", "") < 0)
		return e->code;
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Monitoring</h2>\n");
	web_printf(rs,
		   "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/monitoring/flags\">%lld open "
		   "flag%s</a> waiting for an explanation or an action.</p>\n",
		   (long long)open_flags, open_flags == 1 ? "" : "s");
	rc = store_prepare(rq->db, &st, e,
			   "SELECT i.id, i.dataset, i.period, i.imported_at, i.rows, i.kind FROM mon_import i "
			   "WHERE i.imported_at = (SELECT max(j.imported_at) FROM mon_import j "
			   "WHERE j.dataset = i.dataset) ORDER BY i.dataset",
			   "");
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		struct err ce = {0};
		double pct = -1;
		if (!n++)
			web_raw(rs, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
				    "govuk-table__caption--s\">Latest import of each dataset</caption>\n"
				    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
				    "<th scope=\"col\" class=\"govuk-table__header\">Dataset</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Period</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Imported (UTC)</th>"
				    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Rows</th>"
				    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
				    "Ethnicity recorded</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
		if (!strcmp(store_col_text(st, 5), "rows"))
			pct = ethnicity_completeness(rq->db, store_col_int(st, 0), &ce);
		web_printf(rs,
			   "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
			   "href=\"/monitoring/report?dataset=%s&amp;period=%s\">%s</a></td>"
			   "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%lld</td>"
			   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">",
			   store_col_text(st, 1), store_col_text(st, 2), store_col_text(st, 1),
			   store_col_text(st, 2), store_col_text(st, 3), (long long)store_col_int(st, 4));
		if (pct < 0)
			web_raw(rs, "not applicable");
		else
			web_printf(rs, "%.1f%%%s", pct, pct < 90.0 ? " (below the 90% target)" : "");
		web_raw(rs, "</td></tr>\n");
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (n)
		web_raw(rs, "</tbody>\n</table>\n");
	else
		web_raw(rs, "<p class=\"govuk-body\">No monitoring data has been imported yet.</p>\n");
	return 0;
}
