/*
 * web/pagination.c: the GOV.UK pagination component for lists longer than
 * one page (WEB_PAGE_ROWS rows at most): Previous and Next links, the
 * first and last page, the pages next to the current one with ellipses
 * between, and the sentence "Showing 1 to 50 of 113 actions". Links keep
 * the list's own query (its filters and search) and change only page=.
 */
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "web/web.h"

int web_page_number(const struct web_req *rq, int n_pages)
{
	long p = 1;
	const char *s = web_param(rq, "page");
	if (!s || str_to_int(s, 1, 1000000, &p) < 0)
		p = 1;
	if (n_pages < 1)
		n_pages = 1;
	return p > n_pages ? n_pages : (int)p;
}

/* href_base with page=n added. */
static void page_href(struct buf *b, const char *href_base, int n)
{
	buf_reset(b);
	buf_puts(b, href_base);
	buf_printf(b, "%spage=%d", strchr(href_base, '?') ? "&" : "?", n);
}

/* An arrow for the Previous (left) or Next (right) link, drawn for us. */
static void arrow(struct web_resp *rs, int next)
{
	web_printf(rs,
		   "<svg class=\"govuk-pagination__icon govuk-pagination__icon--%s\" "
		   "xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" "
		   "focusable=\"false\" viewBox=\"0 0 15 13\"><path d=\"%s\"></path></svg>",
		   next ? "next" : "prev",
		   next ? "M8.5 0 7.1 1.4 11.2 5.5H0v2h11.2l-4.1 4.1 1.4 1.4L15 6.5z"
			: "M6.5 0 7.9 1.4 3.8 5.5H15v2H3.8l4.1 4.1-1.4 1.4L0 6.5z");
}

void web_pagination(struct web_resp *rs, const char *href_base, int page, int n_pages)
{
	struct buf href = BUF_INIT;
	int i, gap = 0;
	if (n_pages < 2)
		return;
	web_raw(rs, "<nav class=\"govuk-pagination\" aria-label=\"Pages of results\">\n");
	if (page > 1) {
		page_href(&href, href_base, page - 1);
		web_printf(rs, "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link "
			       "govuk-pagination__link\" href=\"%s\" rel=\"prev\">",
			   buf_str(&href));
		arrow(rs, 0);
		web_raw(rs, "<span class=\"govuk-pagination__link-title\">Previous<span "
			    "class=\"govuk-visually-hidden\"> page</span></span></a></div>\n");
	}
	web_raw(rs, "<ul class=\"govuk-pagination__list\">\n");
	for (i = 1; i <= n_pages; i++) {
		/* the first, the last, and those next to the current page */
		if (i != 1 && i != n_pages && abs(i - page) > 1) {
			if (!gap++)
				web_raw(rs, "<li class=\"govuk-pagination__item "
					    "govuk-pagination__item--ellipses\">&ctdot;</li>\n");
			continue;
		}
		gap = 0;
		page_href(&href, href_base, i);
		if (i == page)
			web_printf(rs, "<li class=\"govuk-pagination__item govuk-pagination__item--current\">"
				       "<a class=\"govuk-link govuk-pagination__link\" href=\"%s\" "
				       "aria-label=\"Page %d\" aria-current=\"page\">%d</a></li>\n",
				   buf_str(&href), i, i);
		else
			web_printf(rs, "<li class=\"govuk-pagination__item\"><a class=\"govuk-link "
				       "govuk-pagination__link\" href=\"%s\" aria-label=\"Page %d\">%d</a></li>\n",
				   buf_str(&href), i, i);
	}
	web_raw(rs, "</ul>\n");
	if (page < n_pages) {
		page_href(&href, href_base, page + 1);
		web_printf(rs, "<div class=\"govuk-pagination__next\"><a class=\"govuk-link "
			       "govuk-pagination__link\" href=\"%s\" rel=\"next\">"
			       "<span class=\"govuk-pagination__link-title\">Next<span "
			       "class=\"govuk-visually-hidden\"> page</span></span>",
			   buf_str(&href));
		arrow(rs, 1);
		web_raw(rs, "</a></div>\n");
	}
	web_raw(rs, "</nav>\n");
	buf_free(&href);
}

void web_showing(struct web_resp *rs, long first, long last, long total, const char *what)
{
	char a[32], b[32], c[32];
	str_count(a, first);
	str_count(b, last);
	str_count(c, total);
	web_printf(rs, "<p class=\"govuk-body\" id=\"showing\">Showing %s to %s of %s %s</p>\n", a, b,
		   c, what);
}
