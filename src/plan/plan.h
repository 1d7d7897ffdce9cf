/*
 * plan: the action plan register — the public face of the plan room.
 * Other rooms (the site, the monitoring flags) call only what is declared
 * here.
 */
#ifndef PARITY_PLAN_H
#define PARITY_PLAN_H

#include <stdint.h>
#include <time.h>

#include "core/cli.h"
#include "store/store.h"
#include "web/web.h"

/* The plan room (core/room.h): its commands, pages and navigation. */
extern const struct room plan_room;
/* The sections of its pages (web_page_begin). */
#define SEC_PLAN "plan"
#define SEC_PEOPLE "people"
#define SEC_MINE "mine"

/* For other rooms (monitoring flags): an action to add to a plan. */
struct plan_flag_action {
	const char *plan;    /* plan name; created, titled "Action plan", when missing */
	int64_t flag_id;     /* the flag it is created from: the action's id is F<flag_id> */
	const char *text;    /* what will be done */
	const char *lead;    /* initials of an active person in the list of people */
	const char *due_iso; /* due date, ISO (or as date_parse_user reads) */
	const int *duties;   /* the statutory duties it serves, each one of the plan's */
	size_t n_duties;
	const char *author;  /* who creates it */
	const char *finding; /* the flag's finding in words, for the history, or NULL */
};
struct sqlite3;
/* For other rooms: an action made from something of theirs (a monitoring
 * flag, an impact assessment's mitigation). */
struct plan_linked_action {
	const char *plan;       /* plan name; created, titled "Action plan", when missing */
	const char *origin;     /* the room's word, kept on the area and action: "monitor", "eia" */
	int area_no;            /* the area's and its section's number: 0 or below (a
				   document's are numbered from 1): 0 flags, -1 assessments */
	const char *area_title; /* the area's and its section's title */
	const char *code;       /* the action's id in the plan: "F12", "E3.1" (unique) */
	const char *text;       /* what will be done */
	const char *lead;       /* initials of an active person in the list of people */
	const char *due_iso;    /* due date, ISO (or as date_parse_user reads) */
	const int *duties;      /* the statutory duties it serves, each one of the plan's */
	size_t n_duties;
	const char *author;     /* who creates it */
	const char *event;      /* the history entry's kind: "flag", "eia" */
	const char *note;       /* the history entry: "Created from ... by AUTHOR" */
};
/* Add action a to its plan in the area of its origin (made, in a section
 * of the same number and title, when missing; an import keeps both),
 * serving a's duties, led by a's lead, with a history entry a->note. The
 * lead must be an active person (ERR_DATA otherwise, as for a duty that is
 * not the plan's, or a due date not understood, naming --due). The caller
 * owns the transaction. *action_id gets the action's row id. */
int plan_add_linked_action(struct sqlite3 *db, const struct plan_linked_action *a,
			   int64_t *action_id, struct err *e);
/* Add action a to its plan in the area "Responses to diversity monitoring
 * flags", in a section of that name numbered 0 (both made when missing;
 * an import keeps them), serving a's duties, led by a's lead, linked
 * to its flag, with a history entry "Created from flag #N by AUTHOR"
 * (plan_add_linked_action with origin "monitor", area 0, id F<flag>). The
 * lead must be an active person (ERR_DATA otherwise, as for a duty that
 * is not the plan's). The caller owns the transaction. *action_id gets
 * the action's row id, code its id (16 bytes). */
int plan_add_flag_action(struct sqlite3 *db, const struct plan_flag_action *a,
			 int64_t *action_id, char code[16], struct err *e);
/* Record that action action_id also responds to flag flag_id: the link
 * and a history entry "Linked to flag #N by AUTHOR: finding". The caller
 * owns the transaction. */
int plan_link_flag(struct sqlite3 *db, int64_t action_id, int64_t flag_id, const char *author,
		   const char *finding, struct err *e);

/* A choice offered by another room's form: value, the words shown, and
 * for an action its id ("3b"). */
struct plan_choice {
	char *value;
	char *label;
	char *code; /* actions only, else NULL */
};
/* The active people, by initials: value the initials, label "IN – Name"
 * (as the plan's own "who's who" writes them). Every form that chooses a
 * lead offers this list. */
int plan_lead_choices(struct sqlite3 *db, struct plan_choice **out, size_t *n, struct err *e);
/* The plan's duties: value the number, label "Duty 3: name" or "Duty 3". */
int plan_duty_choices(struct sqlite3 *db, struct plan_choice **out, size_t *n, struct err *e);
/* The live actions (not done, dropped or removed) of every plan: value
 * the action's row id, label "3b: its text" (shortened), code its id. */
int plan_action_choices(struct sqlite3 *db, struct plan_choice **out, size_t *n,
			struct err *e);
void plan_choices_free(struct plan_choice *v, size_t n);
/* 1 when initials (case aside) name an active person, with the stored
 * initials in out (64 bytes); 0 when not; negative on a database error. */
int plan_person_active(struct sqlite3 *db, const char *initials, char out[64], struct err *e);
/* 1 when duty no is one of the plan's duties, 0 when not, negative on error. */
int plan_duty_known(struct sqlite3 *db, int no, struct err *e);

/* Work outside the plan's actions that serves its duties (plan/duty_work.c,
 * migration 028): another room's item — kind says what it is for people
 * ("Impact assessment"), ref is the room's own key ("3") — serves
 * duties[0..n-1], replacing what was said of it before (n 0: none). title
 * and href (may be NULL) are how the duty coverage shows and links it;
 * live 1 while it is under way or in force. A number that is not one of
 * the plan's duties is ERR_DATA naming it and the duties there are. The
 * caller owns the transaction. The duty coverage (report and web) counts
 * live work beside live actions: a duty served by either is covered. */
int plan_duty_work_set(struct sqlite3 *db, const char *kind, const char *ref,
		       const char *title, const char *href, int live, const int *duties, size_t n,
		       struct err *e);
/* The duties item (kind, ref) serves, ascending, into *duties (caller
 * frees; NULL when none) and *n. */
int plan_duty_work_get(struct sqlite3 *db, const char *kind, const char *ref, int **duties,
		       size_t *n, struct err *e);

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

/* The plan's email reminders (plan/reminders.c): each lead that wants them
 * is mailed once about its actions due within a week and those overdue,
 * judged at now. *queued (may be NULL) gets the messages queued. Nothing
 * happens while mail is not set up. Its own transaction. */
int plan_reminders(store_t *db, time_t now, int *queued, struct err *e);

#endif
