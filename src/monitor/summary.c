/*
 * monitor/summary.c: monitoring's part of the web dashboard — open flags,
 * the last import, and how complete the equality data of its latest
 * period is against the 90% target (figures from
 * monitor_dashboard_summary in ops.c).
 */
#include <math.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "monitor/internal.h"
#include "monitor/monitor.h"
#include "store/store.h"
#include "web/web.h"

int monitor_web_dashboard(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct monitor_summary s;
	struct buf href = BUF_INIT;
	char rows[32], when[48], lastp[PERIOD_WORDS], latestp[PERIOD_WORDS];
	const char *ds;
	int rc;
	if ((rc = monitor_dashboard_summary(rq->db, &s, e)) < 0)
		return rc;
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Monitoring</h2>\n");
	if (!s.has_import) {
		web_raw(rs, "<p class=\"govuk-body\">No monitoring data has been imported yet. A monitor "
			    "uploads an extract on the <a class=\"govuk-link\" href=\"/monitoring\">monitoring "
			    "page</a>.</p>\n");
		return 0;
	}
	str_count(rows, s.last_rows);
	ds = mon_web_dataset_label(s.last_dataset);
	mon_web_period(s.last_period, lastp);
	mon_web_period(s.latest_period, latestp);
	date_when_uk(s.last_at, when);
	buf_puts(&href, "/monitoring/report?dataset=");
	web_urlenc(&href, s.last_dataset);
	buf_puts(&href, "&period=");
	web_urlenc(&href, s.latest_period);
	web_raw(rs, "<dl class=\"govuk-summary-list\">\n");
	web_printf(rs,
		   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Open flags</dt>"
		   "<dd class=\"govuk-summary-list__value\">%lld waiting for an explanation or an action "
		   "(%lld not closed: open, explained or actioned)</dd><dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" "
		   "href=\"/monitoring/flags\">View<span class=\"govuk-visually-hidden\"> flags</span></a></dd></div>\n",
		   (long long)s.open_flags, (long long)s.unclosed_flags);
	web_printf(rs,
		   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Last import</dt>"
		   "<dd class=\"govuk-summary-list__value\">%s, %s: %s rows, at %s</dd>"
		   "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" href=\"/monitoring\">"
		   "View<span class=\"govuk-visually-hidden\"> imports</span></a></dd></div>\n",
		   ds, lastp, rows, when);
	web_printf(rs,
		   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Data "
		   "completeness</dt><dd class=\"govuk-summary-list__value\">");
	if (isnan(s.completeness))
		web_printf(rs, "not known for %s, %s", ds, latestp);
	else
		web_printf(rs, "%.1f%% of equality fields recorded in %s, %s — %s the 90%% target",
			   s.completeness, ds, latestp,
			   s.completeness >= 90.0 ? "meets" : "below");
	web_printf(rs, "</dd><dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" href=\"%s\">"
		       "Report<span class=\"govuk-visually-hidden\"> for %s %s</span></a></dd></div>\n</dl>\n",
		   buf_str(&href), ds, latestp);
	buf_free(&href);
	return 0;
}
