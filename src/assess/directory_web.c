/*
 * assess/directory_web.c: the directories room — its commands
 * (directory.c), its pages (the staff pages in directory_staff.c and the
 * public page of services /public/services here), its navigation entry
 * (Directories, for those who record adjustments or publish) and the
 * audit log's words for what it records.
 */
#include <string.h>

#include "assess/directory_internal.h"
#include "store/store.h"

#define SEC_PUBLIC "public"

/* One summary list row; value escaped by web_printf. */
static void row(struct web_resp *rs, const char *key, const char *value)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
		   key, value);
}

int dir_services_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	store_stmt_t *st = NULL;
	int rc, n = 0;
	if ((rc = store_prepare(rq->db, &st, e,
				"SELECT name, kind, contact, url, place FROM dir_service"
				" ORDER BY kind, name",
				"")) < 0)
		return rc;
	web_page_begin(rq, rs, "Services and support", SEC_PUBLIC);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Services and support</h1>\n"
		    "<p class=\"govuk-body\">Staff networks, support groups, interpreters and faith "
		    "rooms, and how to reach them.</p>\n");
	while ((rc = store_step(st, e)) == 1) {
		const char *url = store_col_text(st, 3), *place = store_col_text(st, 4);
		n++;
		web_printf(rs, "<h2 class=\"govuk-heading-m\">%s</h2>\n<dl class=\"govuk-summary-list\">\n",
			   store_col_text(st, 0));
		row(rs, "Kind", dir_service_kind_words(store_col_text(st, 1)));
		row(rs, "Contact", store_col_text(st, 2));
		if (place)
			row(rs, "Where", place);
		if (url)
			web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\""
				       "govuk-summary-list__key\">Website</dt><dd class=\""
				       "govuk-summary-list__value\"><a class=\"govuk-link\" href=\"%s\">"
				       "%s</a></dd></div>\n",
				   url, url);
		web_raw(rs, "</dl>\n");
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (!n)
		web_raw(rs, "<p class=\"govuk-body\">No services are listed yet.</p>\n");
	web_page_end(rq, rs);
	return 0;
}

static const struct web_nav directory_nav[] = {
	{50, "directories", CAP_ADJUSTMENTS | CAP_PUBLISH, "/directories", "Directories"},
};

static const struct web_audit_word directory_audit_words[] = {
	{"adjustment.add", "Recorded a reasonable adjustment"},
	{"adjustment.end", "Recorded a reasonable adjustment ending"},
	{"directory.publish", "Released the counts of adjustments and flexible working"},
	{"flexible.add", "Recorded a flexible working arrangement"},
	{"flexible.end", "Recorded a flexible working arrangement ending"},
	{"service.add", "Added a service to the directory"},
	{"service.remove", "Removed a service from the directory"},
};

const struct room directory_room = {
	"directories",
	directory_commands,
	directory_pages,
	DIRECTORY_N_PAGES,
	directory_nav,
	sizeof directory_nav / sizeof directory_nav[0],
	directory_audit_words,
	sizeof directory_audit_words / sizeof directory_audit_words[0],
};
