/*
 * plan: the action plan register — the public face of the plan room.
 * Other rooms (the site, the monitoring flags) call only what is declared
 * here.
 */
#ifndef PARITY_PLAN_H
#define PARITY_PLAN_H

#include <stdint.h>

#include "core/cli.h"
#include "web/web.h"

/* The plan room (core/room.h): its commands, pages and navigation. */
extern const struct room plan_room;
/* The sections of its pages (web_page_begin). */
#define SEC_PLAN "plan"
#define SEC_PEOPLE "people"

/* For other rooms: add an action to plan `plan_name` (created, titled
 * "Action plan", if the database has none) in the area "Responses to
 * diversity monitoring flags", with id "F<flag_id>", the given text, lead
 * (initials/groups as in a Lead cell), due date (ISO) and a history entry
 * by author naming the flag. The caller owns the transaction. *code gets
 * the action's id (16 bytes). */
struct sqlite3;
int plan_add_flag_action(struct sqlite3 *db, const char *plan_name, int64_t flag_id,
			 const char *text, const char *lead, const char *due_iso,
			 const char *author, const char *note, int64_t *action_id,
			 char code[16], struct err *e);

/* The plan's panel of the web dashboard (plan/summary.c): actions by
 * RAG, overdue, due in the next 30 days, and the lead's own count. */
struct web_req;
struct web_resp;
int plan_web_dashboard(struct web_req *rq, struct web_resp *rs, struct err *e);

/* The plan's web pages (plan/web.c), for the site's table: the action
 * list, one action and its update form, duty coverage, the calendar feed,
 * people and terms. */
extern const struct web_route plan_pages[];
extern const size_t plan_n_pages;

#endif
