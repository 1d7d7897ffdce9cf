/*
 * network/survey_web.h: the web pages of consultations and surveys (issue
 * 18) — their handlers, which survey_room.c puts in its survey_pages[]
 * table, and the few helpers the page files share. The model is
 * network/survey.h; the pages only call it.
 *
 *   survey_web.c         staff: the list, creating a survey, one survey,
 *                        adding a question, opening, closing, inviting
 *   survey_web_results.c staff: the results by group, the CSV and XLSX
 *                        downloads, feeding monitoring
 *   survey_web_public.c  respondents: the form behind a public or a
 *                        personal link, and the thank-you page
 */
#ifndef PARITY_NETWORK_SURVEY_WEB_H
#define PARITY_NETWORK_SURVEY_WEB_H

#include "network/survey.h"
#include "web/web.h"

/* Staff pages (CAP_MEMBERS). */
int survey_list_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int survey_new_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int survey_new_post(struct web_req *rq, struct web_resp *rs, struct err *e);
/* /network/surveys/ID[/question|/open|/close|/invite|/results|/results.csv|
 * /results.xlsx|/feed]: GET and POST dispatch on what follows the id. */
int survey_one_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int survey_one_post(struct web_req *rq, struct web_resp *rs, struct err *e);

/* Respondents (CAP_PUBLIC). */
int survey_respond_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int survey_respond_post(struct web_req *rq, struct web_resp *rs, struct err *e);
int survey_thanks_page(struct web_req *rq, struct web_resp *rs, struct err *e);

/* ---- shared by the page files (not for other rooms) ----------------------*/

/* The results pages (survey_web_results.c), called by survey_one_page and
 * survey_one_post with the survey loaded (s; the caller frees it). ext is
 * NULL for the page, "csv" or "xlsx" for a download. */
int survey_web_results(struct web_req *rq, struct web_resp *rs, struct survey *s,
		       const char *ext, struct err *e);
int survey_web_feed_page(struct web_req *rq, struct web_resp *rs, struct survey *s,
			 struct err *e);
int survey_web_feed_post(struct web_req *rq, struct web_resp *rs, struct survey *s,
			 struct err *e);
/* A model's message made fit for a page into out (n bytes): a leading
 * "--option: " dropped, the first letter capitalised; a message still
 * naming a command or an option is replaced by fallback. */
void survey_web_words(const char *msg, const char *fallback, char *out, size_t n);
/* The GOV.UK tag for a survey's status (trusted markup, static). */
const char *survey_web_status_tag(const char *status);

#endif
