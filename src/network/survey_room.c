/*
 * network/survey_room.c: the surveys room — consultations, staff surveys
 * and exit interviews (network/survey.h): the commands (survey_cmd.c), the
 * web pages (survey_web*.c, declared in survey_web.h, in survey_pages[]
 * below), the navigation entry and the audit log's words.
 */
#include "network/survey.h"
#include "network/survey_web.h"
#include "web/web.h"

/* ==== THE WEB PAGES ====================================================
 * The surveys' pages: {method, path, capability, handler}, handlers in
 * survey_web*.c declared in survey_web.h. Exact paths before the starred
 * ones (the first match wins). */
static const struct web_route survey_pages[] = {
	{"GET", "/network/surveys", CAP_MEMBERS, survey_list_page},
	{"GET", "/network/surveys/new", CAP_MEMBERS, survey_new_page},
	{"POST", "/network/surveys/new", CAP_MEMBERS, survey_new_post},
	{"GET", "/network/surveys/*", CAP_MEMBERS, survey_one_page},
	{"POST", "/network/surveys/*", CAP_MEMBERS, survey_one_post},
	{"GET", "/public/surveys/thanks", CAP_PUBLIC, survey_thanks_page},
	{"GET", "/public/surveys/*", CAP_PUBLIC, survey_respond_page},
	{"POST", "/public/surveys/*", CAP_PUBLIC, survey_respond_post},
};
#define N_SURVEY_PAGES (sizeof survey_pages / sizeof survey_pages[0])
/* The navigation entries. */
static const struct web_nav survey_nav[] = {
	{72, SEC_SURVEYS, CAP_MEMBERS, "/network/surveys", "Surveys"},
};
#define N_SURVEY_NAV (sizeof survey_nav / sizeof survey_nav[0])
/* ======================================================================= */

static const struct web_audit_word survey_audit_words[] = {
	{"survey.create", "Created a survey"},
	{"survey.question", "Added a question to a survey"},
	{"survey.open", "Opened a survey"},
	{"survey.close", "Closed a survey"},
	{"survey.invite", "Mailed members their links to a survey"},
	{"survey.paper", "Entered paper responses to a survey"},
	{"survey.import", "Imported responses to a survey"},
	{"survey.results", "Downloaded a survey's results"},
	{"survey.feed", "Sent a survey's results to monitoring"},
};

const struct room survey_room = {
	"surveys",
	survey_commands,
	survey_pages,
	N_SURVEY_PAGES,
	survey_nav,
	N_SURVEY_NAV,
	survey_audit_words,
	sizeof survey_audit_words / sizeof survey_audit_words[0],
};
