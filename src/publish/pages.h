/*
 * publish/pages.h: the publication room's web pages (web.c: the public
 * pages; web_release.c: releasing from the web) and the HTML tables they
 * share with `publish tables --format html` (html.c). The room itself
 * (publish.h, defined in web.c) has cmd.c's commands and these pages.
 */
#ifndef PARITY_PUBLISH_PAGES_H
#define PARITY_PUBLISH_PAGES_H

#include <stddef.h>

#include "core/buf.h"
#include "publish/internal.h"

/* The section of the pages under /publish (the public pages are the
 * site's SEC_PUBLIC). The room's routes, navigation and audit words are
 * publish_room's (publish.h), defined in web.c. */
#define SEC_PUBLISH "publish"

/* ---- web_release.c: the pages under /publish (CAP_PUBLISH) ---- */
struct web_req;
struct web_resp;
/* GET /publish: what is published, and the start of a release. */
int pub_web_home(struct web_req *rq, struct web_resp *rs, struct err *e);
/* GET /publish/new: the dataset, then the period and rules. */
int pub_web_new(struct web_req *rq, struct web_resp *rs, struct err *e);
/* GET /publish/check: check your answers, with the draft. */
int pub_web_check(struct web_req *rq, struct web_resp *rs, struct err *e);
/* POST /publish/release: release (or replace) the draft. */
int pub_web_release(struct web_req *rq, struct web_resp *rs, struct err *e);

/* ---- html.c ---- */

/* How pub_html_tables_as writes the tables. */
struct pub_html_opts {
	int draft;	   /* 1: a suppressed cell says why ("[c] small number") */
	int heading;	   /* level of each characteristic's heading (2: h2) */
	int contents;	   /* 1: a list of links to each characteristic first */
	size_t only_char;  /* with only: the one characteristic written */
	int only;
};
void pub_html_tables_as(const struct pub_tables *t, const struct pub_html_opts *o,
			struct buf *b);
/* The Government Statistical Service convention in plain words for these
 * tables' rules: what [c] means, why cells are withheld, rates, rounding.
 * h: the level of its heading. */
void pub_html_notes(const struct pub_tables *t, int h, struct buf *b);
/* A characteristic's name for readers ("Religion or belief"). */
const char *pub_char_words(const struct pub_tables *t, size_t ch);
/* An outcome for readers: "breached, out of everyone" or "offered, out
 * of those assessed", into out. */
void pub_outcome_words(const struct pub_tables *t, size_t o, char *out, size_t size);
/* The day a release was made (its UTC timestamp) in UK words, "3
 * December 2026", into out. */
void pub_release_date(const char *iso, char out[48]);
/* "Service users, July to September 2011" into out (plain text). */
void pub_release_title(const char *dataset, const char *period, char *out, size_t size);

#endif
