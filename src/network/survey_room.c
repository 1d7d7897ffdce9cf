/*
 * network/survey_room.c: the surveys room — consultations, staff surveys
 * and exit interviews (network/survey.h): the commands (survey_cmd.c), the
 * web pages (survey_web*.c, added by the web part into survey_pages[]
 * below), the navigation entry and the audit log's words.
 */
#include "network/survey.h"
#include "web/web.h"

/* ==== THE WEB PAGES ====================================================
 * The surveys' pages go in this table: {method, path, capability,
 * handler}, handlers in survey_web*.c declared at the end of survey.h.
 * Until the first route is added it holds one placeholder and the room
 * says it has none (N_SURVEY_PAGES 0): when adding routes, remove the
 * placeholder and let N_SURVEY_PAGES count the table. */
static const struct web_route survey_pages[] = {
	{NULL, NULL, 0, NULL}, /* placeholder */
};
#define N_SURVEY_PAGES 0 /* then: (sizeof survey_pages / sizeof survey_pages[0]) */
/* The navigation entries (the web part adds {72, SEC_SURVEYS, CAP_MEMBERS,
 * "/network/surveys", "Surveys"} with its pages). */
static const struct web_nav survey_nav[] = {
	{0, NULL, 0, NULL, NULL}, /* placeholder */
};
#define N_SURVEY_NAV 0
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
