/*
 * assess/eia_public.c: the public pages of equality impact assessments,
 * which anyone may read without signing in — /public/eia lists every
 * assessment published at least once, /public/eia/ID shows its latest
 * published version with the earlier ones listed, and
 * /public/eia/ID/versions/N shows one of those. Everything comes from the
 * snapshots kept at publication (eia_version), never the draft: an
 * assessment being revised stays as it was published. No personal data
 * beyond the names the body chose to publish: the owner (the person's
 * name as the plan's people list has it), the decision maker and the
 * sign-off; mitigations show no lead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/eia_internal.h"
#include "core/str.h"

#define SEC_PUBLIC "public"

/* The latest version's number of assessment id into *no (0 when never
 * published). */
static int latest(store_t *db, int64_t id, int64_t *no, struct err *e)
{
	return store_query_int(db, no, e,
			       "SELECT COALESCE(MAX(no), 0) FROM eia_version WHERE eia_id = ?", "i",
			       id);
}

/* GET /public/eia */
int eia_public_list(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	int64_t *ids = NULL, no;
	size_t n = 0, i;
	int rc;
	if ((rc = eia_ids(rq->db, 1, &ids, &n, e)) < 0)
		return rc;
	web_page_begin(rq, rs, "Equality impact assessments", SEC_PUBLIC);
	web_raw(rs, "<a href=\"/public\" class=\"govuk-back-link\">Equality information</a>\n"
		    "<h1 class=\"govuk-heading-l\">Equality impact assessments</h1>\n"
		    "<p class=\"govuk-body\">Before a policy or decision is adopted, the organisation "
		    "assesses what it will do to people who share each characteristic protected by the "
		    "Equality Act 2010, and what it will do about any harm. These are the assessments "
		    "it has published.</p>\n");
	if (!n) {
		web_raw(rs, "<p class=\"govuk-body\">No assessments have been published yet.</p>\n");
	} else {
		web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
			    "aria-label=\"Published equality impact assessments\">\n"
			    "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
			    "govuk-visually-hidden\">Published equality impact assessments</caption>\n"
			    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			    "<th scope=\"col\" class=\"govuk-table__header\">Assessment</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Decision</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Published</th></tr></thead>\n"
			    "<tbody class=\"govuk-table__body\">\n");
		for (i = 0; i < n; i++) {
			json_t *o;
			char day[48];
			if ((rc = latest(rq->db, ids[i], &no, e)) < 0 ||
			    (rc = eia_version_load(rq->db, ids[i], no, &o, e)) < 0)
				goto out;
			date_iso_words(eia_js(o, "published_at"), day);
			web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
				       "<a class=\"govuk-link\" href=\"/public/eia/%lld\">%s</a></td>"
				       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">"
				       "%s (version %lld)</td></tr>\n",
				   (long long)ids[i], eia_js(o, "title"),
				   eia_outcome_words(json_string_value(json_object_get(o, "outcome"))),
				   day, (long long)no);
			json_decref(o);
		}
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
	}
	web_page_end(rq, rs);
	rc = 0;
out:
	free(ids);
	return rc;
}

static void sl_row(struct web_resp *rs, const char *key, const char *value)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
		   key, value);
}

/* The earlier versions than shown, each a link. */
static int versions_list(struct web_resp *rs, store_t *db, int64_t id, int64_t shown,
			 int64_t last, struct err *e)
{
	store_stmt_t *st;
	int rc, n = 0;
	char day[48];
	if (store_prepare(db, &st, e,
			  "SELECT no, published_at FROM eia_version WHERE eia_id = ? ORDER BY no DESC",
			  "i", id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		int64_t no = store_col_int(st, 0);
		if (no == shown)
			continue;
		if (!n++)
			web_raw(rs, "<h2 class=\"govuk-heading-m\">Other versions</h2>\n"
				    "<ul class=\"govuk-list\">\n");
		date_iso_words(store_col_text(st, 1), day);
		if (no == last)
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"/public/eia/%lld\">Version "
				       "%lld (the latest)</a>, published %s</li>\n",
				   (long long)id, (long long)no, day);
		else
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"/public/eia/%lld/versions/"
				       "%lld\">Version %lld</a>, published %s</li>\n",
				   (long long)id, (long long)no, (long long)no, day);
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (n)
		web_raw(rs, "</ul>\n");
	return 0;
}

/* GET /public/eia/ID and /public/eia/ID/versions/N */
int eia_public_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *what;
	int64_t id, last = 0, no;
	json_t *o = NULL, *cur = NULL;
	char day[48], title[400], ver[32];
	long v = 0;
	int rc;
	if (web_arg_id(rq->arg, &id, &what) < 0 ||
	    (*what && (strncmp(what, "versions/", 9) || str_to_int(what + 9, 1, 1000000L, &v) < 0)))
		return err_set(e, ERR_NOTFOUND, "There is no such assessment.");
	if ((rc = latest(rq->db, id, &last, e)) < 0)
		return rc;
	no = v ? v : last;
	if (!last || no > last)
		return err_set(e, ERR_NOTFOUND, "There is no such published assessment.");
	if ((rc = eia_version_load(rq->db, id, no, &o, e)) < 0)
		return rc;
	/* the review date is when to look again, kept beside the versions */
	if ((rc = eia_load(rq->db, id, &cur, e)) < 0)
		goto out;
	snprintf(title, sizeof title, "%s%s", eia_js(o, "title"), no != last ? " (an earlier version)" : "");
	web_page_begin(rq, rs, title, SEC_PUBLIC);
	web_raw(rs, "<a href=\"/public/eia\" class=\"govuk-back-link\">Equality impact assessments</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_printf(rs, "<span class=\"govuk-caption-l\">Equality impact assessment</span>\n"
		       "<h1 class=\"govuk-heading-l\">%s</h1>\n", eia_js(o, "title"));
	date_iso_words(eia_js(o, "published_at"), day);
	if (no != last)
		web_printf(rs, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
			       "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
			       "<span class=\"govuk-visually-hidden\">Warning</span> This is version %lld, "
			       "published %s. It has been replaced by a later version.</strong></div>\n",
			   (long long)no, day);
	web_raw(rs, "<dl class=\"govuk-summary-list\">\n");
	sl_row(rs, "Owner", eia_js(o, "owner_name"));
	snprintf(ver, sizeof ver, "%lld", (long long)no);
	sl_row(rs, "Version", ver);
	sl_row(rs, "Published", day);
	if (no == last && json_is_string(json_object_get(cur, "review_date"))) {
		date_iso_words(eia_js(cur, "review_date"), day);
		sl_row(rs, "To be reviewed by", day);
	}
	web_raw(rs, "</dl>\n");
	eia_render(rs, o, 0, NULL);
	if ((rc = versions_list(rs, rq->db, id, no, last, e)) < 0)
		goto out;
	web_raw(rs, "</div></div>\n");
	web_page_end(rq, rs);
out:
	json_decref(o);
	json_decref(cur);
	return rc;
}
