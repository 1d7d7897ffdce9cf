/*
 * plan/objective.h: equality objectives — the model shared by the command
 * line (objective_cmd.c), the staff pages (objective_web.c), the public
 * page (objective_public.c), the Board report and the review reminders
 * (objective_remind.c). An objective has a deadline, duties, plan areas,
 * actions and impact assessments it is linked to, and measures: numbers
 * computed from monitoring data (monitor_measure_values) for every
 * imported period, each with a target and a status (objective_status.c).
 * Every rule is in docs/objectives.md. Writing functions run inside the
 * caller's transaction and leave the audit entry to the caller; messages
 * of ERR_DATA / ERR_USAGE / ERR_NOTFOUND are the command line's (pages
 * check first and say it in their own words).
 */
#ifndef PARITY_PLAN_OBJECTIVE_H
#define PARITY_PLAN_OBJECTIVE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "core/dates.h"
#include "core/err.h"
#include "core/room.h"
#include "monitor/monitor.h"
#include "store/store.h"

#define OBJECTIVE_TITLE_MAX 300	 /* characters of a title */
#define OBJECTIVE_TEXT_MAX 4000	 /* characters of a description or a reason */
#define OBJECTIVE_LABEL_MAX 200	 /* characters of a measure's label */
#define OBJECTIVE_YEARS 4	 /* objectives are published at least this often */

/* ---- status (objective_status.c): pure, no database ---------------------*/

enum objective_status {
	OBJ_NO_DATA,   /* no value yet */
	OBJ_MET,       /* the latest value meets the target */
	OBJ_ON_TRACK,  /* the trend reaches the target by the deadline */
	OBJ_AT_RISK,   /* it does not, but the target is within its 95% interval */
	OBJ_OFF_TRACK, /* the whole interval misses the target, or the deadline
			  has passed unmet */
};
/* "met", "on-track", "at-risk", "off-track", "no-data" (the JSON words). */
const char *objective_status_name(enum objective_status s);
/* "Met", "On track", "At risk", "Off track", "No data yet" (for pages). */
const char *objective_status_words(enum objective_status s);

/* One value of a measure, for the trend. */
struct objective_point {
	double t;	  /* when it was measured: days since 1970-01-01 of its
			     period's last day */
	double value;	  /* NaN: left out */
	double low, high; /* its 95% interval (NaN: none) */
};
/* The trend projected to the deadline, and why the status is what it is. */
struct objective_projection {
	int n_used;	    /* values the trend was drawn through */
	double slope;	    /* change a year (NaN with one value: a flat line) */
	double value;	    /* the trend's value at the deadline (NaN: none) */
	double low, high;   /* its 95% interval */
	int past_deadline;  /* 1: today is after the deadline */
};
/* The status of n values (oldest first) against target (at_least 1: the
 * value must be at least the target, 0: at most) by the deadline `by`,
 * judged on `today`; out (may be NULL) gets the projection. */
enum objective_status objective_status_of(const struct objective_point *v, size_t n,
					  double target, int at_least, struct date by,
					  struct date today,
					  struct objective_projection *out);

/* ---- the model (objective_store.c) ------------------------------------- */

/* What a new objective or an update says; NULL / 0 members are not set
 * (an update leaves them as they were). */
struct objective_fields {
	const char *title;
	const char *by;		 /* deadline, YYYY-MM-DD or as date_parse_user reads */
	const char *description;
	const char *owner;	 /* initials of an active person ("" clears) */
	const char *review;	 /* next review date ("" clears) */
	const int *duties;	 /* replace the duties when set_duties */
	size_t n_duties;
	int set_duties;
	const int *areas;	 /* area numbers of plan `plan` (NULL: "main");
				    replace the areas when set_areas */
	size_t n_areas;
	int set_areas;
	const char *plan;
};
/* Create an objective; its number into *id. ERR_USAGE for a missing title
 * or deadline, ERR_DATA naming --by, --duty, --area or --owner for a
 * value that is not one. */
int objective_create(store_t *db, const struct objective_fields *f, const char *author,
		     int64_t *id, struct err *e);
/* Change what f sets. ERR_NOTFOUND "no objective N; see 'parity objective
 * list'"; ERR_DATA when retired. */
int objective_update(store_t *db, int64_t id, const struct objective_fields *f,
		     const char *author, struct err *e);
/* Retire it (why: a reason, required): it leaves the lists, the
 * dashboard and the checks; its page and history stay. */
int objective_retire(store_t *db, int64_t id, const char *why, const char *author,
		     struct err *e);
/* Link (or, with unlink 1, unlink) plan action `code` of plan (NULL:
 * "main"), or impact assessment eia_id. ERR_DATA naming what is not
 * there. */
int objective_link_action(store_t *db, int64_t id, const char *plan, const char *code,
			  int unlink, struct err *e);
int objective_link_eia(store_t *db, int64_t id, int64_t eia_id, int unlink, struct err *e);

/* A measure as given (the command's options, the page's fields). */
struct objective_measure_spec {
	struct monitor_measure m; /* dataset, kind, characteristic, group,
				     outcome, median, where */
	double target;
	int at_least;		  /* 1 --at-least, 0 --at-most */
	const char *label;	  /* NULL: made from the measure ("Share of
				     Black staff, grades SPO, ACO") */
};
/* Check spec (monitor_measure_check; target in range: 0-100 for a
 * percentage, above 0 for a ratio) and add it to objective id; its
 * number into *measure_id. */
int objective_measure_add(store_t *db, int64_t id, const struct objective_measure_spec *spec,
			  const char *author, int64_t *measure_id, struct err *e);
/* Remove measure measure_id of objective id. */
int objective_measure_remove(store_t *db, int64_t id, int64_t measure_id, struct err *e);

/* The objective as 'objective show --format json' gives it into *out (the
 * caller json_decrefs it), judged on today: the members of the list's
 * contract (id, title, by, measures[] of id, label, kind, target,
 * direction, values[] of period, value, numerator, denominator, low,
 * high, and status) and besides them: description, owner, owner_name,
 * review_date, retired_at, retired_why, created_at, duties [N], areas
 * [{no, title}], actions [{id, code, text, lead, status, due, overdue}],
 * eias [{id, title, published}], status (the worst of its measures), and
 * in each measure: dataset, characteristic, group, outcome, statistic,
 * where {column, values} or null, reference, unit ("%" or ""), and
 * projection {value, low, high, slope, n_used, past_deadline}.
 * ERR_NOTFOUND when there is none. */
int objective_load(store_t *db, int64_t id, struct date today, json_t **out, struct err *e);
/* The objectives' numbers, oldest first: live only, or with retired ones
 * (*ids allocated, free it). */
int objective_ids(store_t *db, int with_retired, int64_t **ids, size_t *n, struct err *e);
/* objective_load of every objective of objective_ids, as a JSON array. */
int objective_load_all(store_t *db, int with_retired, struct date today, json_t **out,
		       struct err *e);

/* Raise a monitoring flag (monitor_flag_raise) for each measure of a live
 * objective that is off track at its latest period and has none yet;
 * *raised (may be NULL) gets how many. The caller owns the transaction. */
int objective_check(store_t *db, struct date today, const char *author, int *raised,
		    struct err *e);

/* objective_check in a transaction of its own, for serve's periodic jobs
 * (app_jobs): only when something it depends on changed since this
 * process last checked — an import, a measure, the day. */
int objective_jobs(store_t *db, time_t now, struct err *e);

/* The publication of the objectives as a set: record that they were
 * published on `on` (YYYY-MM-DD), the next due OBJECTIVE_YEARS later. */
int objective_publication_add(store_t *db, const char *on, const char *author, struct err *e);
/* The latest publication: its date and the next due date (11 bytes each,
 * "" when never published). */
int objective_publication_get(store_t *db, char on[11], char next_due[11], struct err *e);

/* Today in the objectives' clock ($PARITY_NOW in tests, as mail's). */
struct date objective_today(void);

/* Small readers of a JSON object's members: "" / 0 / NaN when absent. */
const char *objective_js(const json_t *o, const char *key);
int64_t objective_ji(const json_t *o, const char *key);
double objective_jd(const json_t *o, const char *key);

/* ---- the objectives room (objective_cmd.c, objective_web.c) ------------ */

struct web_req;
struct web_resp;

/* The room: `parity objective ...`, /objectives, /public/objectives. */
extern const struct room objective_room;
extern const struct cli_command objective_commands[];
#define SEC_OBJECTIVES "objectives"
/* The staff and public pages (objective_web.c, objective_public.c). */
extern const struct web_route objective_pages[];
extern const size_t objective_n_pages;
/* The room's navigation entry and audit words (objective_web.c). */
struct web_nav;
struct web_audit_word;
extern const struct web_nav objective_nav[];
extern const size_t objective_n_nav;
extern const struct web_audit_word objective_audit_words[];
extern const size_t objective_n_audit_words;
/* Their lengths as constants, for the room's static initializer
 * (objective_web.c checks that they match the tables). */
#define OBJECTIVE_N_PAGES 4
#define OBJECTIVE_N_NAV 1
#define OBJECTIVE_N_AUDIT_WORDS 8
/* The public page (objective_public.c): /public/objectives — every live
 * objective, its measures' values from released tables only
 * (publish_measure_values) with their status judged on those, the
 * four-yearly publication date and each review date. */
int objective_public_index(struct web_req *rq, struct web_resp *rs, struct err *e);
/* The objectives' panel of the dashboard: each live objective's status. */
int objective_web_dashboard(struct web_req *rq, struct web_resp *rs, struct err *e);
/* The objectives' section of the Board report (plan report): each live
 * objective, its measures' latest values, targets and status, appended
 * to b as HTML (escaped) or Markdown/text. */
int objective_report_html(store_t *db, struct date today, struct buf *b, struct err *e);
int objective_report_text(store_t *db, struct date today, int markdown, struct buf *b,
			  struct err *e);
/* Review reminders (objective_remind.c): the owner of each live objective
 * is mailed 30 days before its review date and once when it has passed.
 * Nothing happens while mail is not set up. Its own transaction. */
int objective_reminders(store_t *db, time_t now, int *queued, struct err *e);

#endif
