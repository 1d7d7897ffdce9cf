/*
 * plan/summary.c: the plan's part of the web dashboard — actions by RAG,
 * the overdue ones and those due in the next 30 days, for the signed-in
 * user's own actions first when they are a lead.
 */
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"
#include "plan/plan.h"
#include "web/web.h"

static void action_rows(struct web_resp *rs, const struct plan_item *items, size_t n,
			const char *caption, int overdue, struct date as_of, struct date until)
{
	size_t i, shown = 0;
	char due[32];
	for (i = 0; i < n; i++) {
		const struct plan_item *it = &items[i];
		int pick = overdue ? it->overdue
				   : (it->live && !it->overdue && it->due.y &&
				      date_cmp(it->due, until) <= 0 && date_cmp(it->due, as_of) >= 0);
		if (!pick)
			continue;
		if (!shown++)
			web_printf(rs,
				   "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
				   "aria-label=\"%s\"><table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
				   "govuk-table__caption--m\">%s</caption>\n<thead class=\"govuk-table__head\">"
				   "<tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Action</th>"
				   "<th scope=\"col\" class=\"govuk-table__header\">What</th>"
				   "<th scope=\"col\" class=\"govuk-table__header\">Lead</th>"
				   "<th scope=\"col\" class=\"govuk-table__header\">Due</th>"
				   "<th scope=\"col\" class=\"govuk-table__header\">RAG</th></tr></thead>\n"
				   "<tbody class=\"govuk-table__body\">\n",
				   caption, caption);
		if (shown > 15)
			continue;
		date_long(it->due, due);
		{
			int cut = 0;
			int len = str_utf8_prefix(it->text, 90, &cut);
			char *shortened = xstrndup(it->text, (size_t)len);
			web_printf(rs,
				   "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
				   "href=\"/plan/action/%s\">%s</a></td><td class=\"govuk-table__cell\">%s%s</td>"
				   "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
				   "<td class=\"govuk-table__cell\">",
				   it->code, it->code, shortened, cut ? "…" : "", it->lead_text ? it->lead_text : "",
				   it->due.y ? due : "no date");
			free(shortened);
		}
		plan_rag_tag(rs, it->rag);
		web_raw(rs, "</td></tr>\n");
	}
	if (shown) {
		web_raw(rs, "</tbody>\n</table></div>\n");
		if (shown > 15)
			web_printf(rs, "<p class=\"govuk-body\">And %zu more: <a class=\"govuk-link\" href=\"/plan%s\">see them all</a>.</p>\n",
				   shown - 15, overdue ? "?overdue=1" : "");
	} else {
		web_printf(rs, "<h2 class=\"govuk-heading-m\">%s</h2>\n<p class=\"govuk-body\">None.</p>\n", caption);
	}
}

int plan_web_dashboard(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct plan_item *items = NULL;
	struct date as_of = date_today(), until;
	int64_t plan_id = 0;
	size_t n = 0, i;
	int counts[5] = {0}, mine = 0, rc;
	static const char *const rag_order[] = {"red", "amber", "green", "blue"};
	static const char *const rag_label[] = {"Red", "Amber", "Green", "Done"};

	until = date_add_days(as_of, 30);
	if (store_query_int(rq->db, &plan_id, e, "SELECT id FROM plan WHERE name = 'main'", "") < 0)
		return e->code;
	if (!plan_id && store_query_int(rq->db, &plan_id, e, "SELECT min(id) FROM plan", "") < 0)
		return e->code;
	if (!plan_id) {
		web_raw(rs, "<h2 class=\"govuk-heading-m\">Action plan</h2>\n<p class=\"govuk-body\">No "
			    "action plan has been imported yet. A monitor imports it with "
			    "<code>parity plan import FILE</code>.</p>\n");
		return 0;
	}
	if ((rc = plan_items_load(rq->db, plan_id, as_of, &items, &n, e)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		size_t k;
		for (k = 0; k < 4; k++)
			if (items[i].rag && !strcmp(items[i].rag, rag_order[k]))
				counts[k]++;
		if (!items[i].rag)
			counts[4]++;
		if (rq->user && rq->user->lead_initials[0] &&
		    plan_item_led_by(&items[i], rq->user->lead_initials) && items[i].status &&
		    (!strcmp(items[i].status, "not-started") || !strcmp(items[i].status, "in-progress")))
			mine++;
	}
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Action plan</h2>\n<dl class=\"govuk-summary-list\">\n");
	for (i = 0; i < 4; i++)
		web_printf(rs,
			   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt>"
			   "<dd class=\"govuk-summary-list__value\">%d action%s</dd>"
			   "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" href=\"/plan?rag=%s\">"
			   "View<span class=\"govuk-visually-hidden\"> %s actions</span></a></dd></div>\n",
			   rag_label[i], counts[i], counts[i] == 1 ? "" : "s", rag_order[i], rag_label[i]);
	if (rq->user && rq->user->lead_initials[0])
		web_printf(rs,
			   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Led by you</dt>"
			   "<dd class=\"govuk-summary-list__value\">%d live action%s</dd>"
			   "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" href=\"%s%s\">"
			   "View<span class=\"govuk-visually-hidden\"> my actions</span></a></dd></div>\n",
			   mine, mine == 1 ? "" : "s",
			   /* My actions is for those who may update; others see the list */
			   web_can(rq, CAP_UPDATE_OWN_ACTIONS | CAP_UPDATE_ANY_ACTION) ? "/plan/mine"
										       : "/plan?lead=",
			   web_can(rq, CAP_UPDATE_OWN_ACTIONS | CAP_UPDATE_ANY_ACTION)
				   ? ""
				   : rq->user->lead_initials);
	web_raw(rs, "</dl>\n");
	action_rows(rs, items, n, "Overdue actions", 1, as_of, until);
	action_rows(rs, items, n, "Due in the next 30 days", 0, as_of, until);
	plan_items_free(items, n);
	return 0;
}
