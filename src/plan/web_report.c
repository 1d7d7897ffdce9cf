/*
 * plan/web_report: the plan report downloads of the action plan page —
 * GET /plan/report.html, .csv, .docx and .ics — with the list's filters
 * and search applied (every page of the list, not only the one shown).
 * Each is what `parity plan report --format FORMAT` writes (report.c),
 * for the actions that match, with a line saying which they are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "plan/internal.h"
#include "plan/plan.h"

static int keep_matching(const struct plan_item *it, const void *f)
{
	return plan_item_matches(it, f);
}

/* The filters in words ("words “guide”; section 3; led by MD"), or empty. */
static void scope_words(const struct plan_list_query *lq, struct buf *b)
{
	const char *sep = "";
#define PART(...) do { buf_puts(b, sep); buf_printf(b, __VA_ARGS__); sep = "; "; } while (0)
	if (lq->q)
		PART("containing \u201c%s\u201d", lq->q);
	if (lq->section)
		PART("section %s", lq->section);
	if (lq->lead)
		PART("led by %s", lq->lead);
	if (lq->f.duty)
		PART("serving duty %ld", lq->f.duty);
	if (lq->status)
		PART("status %s", lq->status);
	if (lq->rag)
		PART("RAG rating %s", lq->rag);
	if (lq->overdue)
		PART("overdue only");
#undef PART
}

int plan_report_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	static const struct {
		const char *ext, *type;
	} kinds[] = {
		{"html", "text/html; charset=utf-8"},
		{"csv", "text/csv; charset=utf-8"},
		{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"ics", "text/calendar; charset=utf-8"},
	};
	struct plan_list_query lq;
	struct plan_report_opts o;
	struct buf out = BUF_INIT, scope = BUF_INIT;
	char name[64], file[80];
	size_t k;
	int rc;

	const char *ext = strrchr(rq->path, '.');
	for (k = 0; k < sizeof kinds / sizeof kinds[0] && (!ext || strcmp(ext + 1, kinds[k].ext)); k++)
		;
	if (k == sizeof kinds / sizeof kinds[0])
		return err_set(e, ERR_NOTFOUND,
			       "The plan can be downloaded as .html, .csv, .docx or .ics: the action "
			       "plan page links each of them.");
	plan_list_query_read(rq, &lq);
	if (lq.n_errs) {
		rc = err_set(e, ERR_DATA, "%s. Go back to the action plan page and correct the filters.",
			     lq.errs[0].message);
		goto done;
	}
	if ((rc = plan_web_plan_name(rq->db, name, e)) == 1)
		rc = err_set(e, ERR_NOTFOUND, "No action plan has been imported yet.");
	if (rc < 0)
		goto done;
	scope_words(&lq, &scope);
	memset(&o, 0, sizeof o);
	o.format = kinds[k].ext;
	o.as_of = lq.as_of;
	o.days = 90;
	o.keep = keep_matching;
	o.keep_arg = &lq.f;
	o.scope = scope.len ? buf_str(&scope) : NULL;
	if ((rc = plan_report_write(rq->db, name, &o, &out, e)) < 0)
		goto done;
	snprintf(file, sizeof file, "action-plan.%s", kinds[k].ext);
	web_send(rs, kinds[k].type, out.data ? out.data : "", out.len, file);
done:
	buf_free(&out);
	buf_free(&scope);
	plan_list_query_free(&lq);
	return rc;
}
