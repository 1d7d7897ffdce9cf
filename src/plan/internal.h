/*
 * plan/internal.h: what the files of the plan room share and nobody else
 * sees — the in-memory model an import builds from a document, the lead
 * and duty parsers, and the database save/load of that model.
 */
#ifndef PARITY_PLAN_INTERNAL_H
#define PARITY_PLAN_INTERNAL_H

#include "core/room.h"
#include <stddef.h>
#include <stdint.h>

#include "core/dates.h"
#include "core/err.h"
#include "plan/doc.h"
#include "store/store.h"
#include "web/web.h"

#define PLAN_MAX_DUTIES 64
/* Longest id a plan may give its own actions ("3.1.4", "4a"). */
#define PLAN_CODE_MAX 15

/* A column of the plan kept as it is, beside the action: Progress, Key
 * Performance Indicators, Team, Measure of success ... */
struct plan_field {
	char *name;  /* the header as written: "Key Performance Indicators" */
	char *value; /* the cell's paragraphs joined by a newline */
};

struct plan_action {
	char letter;	 /* 'a'..'z' */
	char *text;	 /* action text, paragraphs joined with a space */
	char *lead;	 /* Lead cell value for this action, ditto resolved; NULL if none */
	char *timescale; /* Year/Timescale value, ditto resolved; NULL if none */
	char *status;	 /* status given in the document (Status column) or NULL */
	char *code;	 /* the plan's own number ("4a", "1.2") or NULL */
	struct plan_field *fields; /* other columns kept with the action */
	size_t n_fields;
	int line;	 /* source line where it starts (0 if unknown) */
};

struct plan_area {
	int no;		    /* running number in the plan, from 1 */
	int section;	    /* index into plan_model.sections, -1 when none */
	char *title;	    /* title without the duties text */
	char *duties_text;  /* "Duties 1,2,4, 6-9" as written, or NULL */
	int duties[PLAN_MAX_DUTIES]; /* duty numbers, ascending, unique */
	int n_duties;	    /* count of duties */
	struct plan_action *actions; /* in letter order */
	size_t n_actions;
	int line;	    /* source line where it starts */
};

struct plan_section {
	int no;	     /* "1" in "1. STRUCTURE"; running number if none */
	char *title; /* "STRUCTURE" */
};

struct plan_person {
	char *initials; /* "SMcI" */
	char *name;	/* "Shuna McIntyre" */
	char *role;	/* "Diversity Manager" or NULL */
};

struct plan_term {
	char *abbr;	 /* "DMG" */
	char *expansion; /* "Diversity Monitoring Group" */
};

struct plan_warning {
	char *kind;    /* "align", "structure", "lead", "timescale" */
	char *place;   /* "area 8 (Training)" */
	char *message; /* what happened and which rule was applied */
};

/* How one table's header was understood (what --dry-run prints). */
struct plan_colnote {
	const char *column; /* "actions", "lead", "timescale" ... (static) */
	char *header;	    /* the header cell as written */
	char *matched;	    /* the word it matched ("action"), or "--columns" */
};

struct plan_tablenote {
	int table;		    /* 1-based number of the table in the document */
	int line;		    /* source line of the header row (0 if unknown) */
	int header_row;		    /* 1-based row of the header in its table */
	struct plan_colnote *cols;  /* columns found, left to right */
	size_t n_cols;
	size_t n_actions;	    /* actions read under this header */
	const char *layout;	    /* "table" or "blocks" (static) */
};

struct plan_model {
	char *title;
	struct plan_tablenote *tables; /* one per header row read */
	size_t n_tables;
	struct plan_section *sections;
	size_t n_sections;
	struct plan_area *areas;
	size_t n_areas;
	struct plan_person *people;
	size_t n_people;
	struct plan_term *terms;
	size_t n_terms;
	struct plan_warning *warnings;
	size_t n_warnings;
};

/* Build the model from a parsed document. `name` (the file name) is used
 * in errors. On success *out is a new model (free with plan_model_free).
 * A document with no table having an Actions column, or with no lettered
 * action at all, is ERR_DATA. */
int plan_model_from_doc(const struct doc *d, const char *name,
			struct plan_model **out, struct err *e);
/* What the user tells the importer. */
struct plan_import_opts {
	/* Columns named by the user, overriding the guess:
	 * "actions=Action/Target,lead=Accountable People" (keys: area,
	 * actions, lead, timescale, duties, status, id; a value may be in double
	 * quotes, for one with a comma). NULL: guess every column. */
	const char *columns;
	int web; /* 1: messages for the web page (no command-line options) */
};
/* plan_model_from_doc with options (o may be NULL). A --columns value
 * that names no header cell of the document is ERR_DATA listing the
 * headers there are; a malformed spec is ERR_USAGE. */
int plan_model_from_doc_opts(const struct doc *d, const char *name,
			     const struct plan_import_opts *o, struct plan_model **out,
			     struct err *e);
void plan_model_free(struct plan_model *m);
/* Append field name = value to a (both copied); a field of that name
 * already there gets the value appended after a newline. */
void plan_action_add_field(struct plan_action *a, const char *name, const char *value);
/* The plan's own ids (save.c): when every action of m has a code and no
 * two are the same (case aside) they stay; otherwise every code is
 * dropped, so parity numbers the actions (area number and letter), and
 * one warning (kind "id") says why: which action has none or which id
 * repeats. Nothing happens, silently, when no action has a code.
 * plan_model_from_doc calls it last. */
void plan_model_ids(struct plan_model *m);

/* Parse "Duties 1,2,4, 6-9, 10 & 12" (the word is optional) into sorted
 * unique numbers 1..999. Returns the count (0 when none found). */
int plan_duties_parse(const char *text, int *out, int max);

/* Lead tokens of a Lead cell: split on '/', '&', ',', ';', '+' and the
 * word "and"; hyphenation across lines ("Develop- ment") repaired; empty
 * tokens dropped. Returns the count; tokens are new strings the caller
 * frees with plan_tokens_free. */
size_t plan_lead_split(const char *cell, char ***tokens);
void plan_tokens_free(char **tokens, size_t n);
/* Key for matching initials: lower case, "mac" -> "mc", 'l' -> 'i' (PDF
 * text confuses I and l). Writes into out (size n). */
void plan_initials_key(const char *s, char *out, size_t n);
/* 1 when a token looks like staff initials (2-6 letters, no spaces,
 * starts upper case, has at most one lower-case run like "McK"). */
int plan_looks_like_initials(const char *tok);

/* Write the model into the plan called `name` in one transaction: add,
 * update, mark removed; keep every history event. Prints nothing; the
 * changes are appended to `changes` as lines "added 11d ..." etc. */
struct buf;
int plan_save(store_t *db, const struct plan_model *m, const char *name,
	      const char *source, const char *author, struct buf *changes,
	      int *n_added, int *n_removed, int *n_reworded, struct err *e);

/* Id of the plan called name, or ERR_NOTFOUND with a helpful message. */
int plan_find(store_t *db, const char *name, int64_t *id, struct err *e);

/* ---- reading the stored plan (query.c) ---- */

struct plan_lead {
	char *token; /* as written: "GMacK" */
	char *name;  /* person's name, group's expansion, or the token */
	char *kind;  /* "person", "group", "role" or "unresolved" */
	char *initials; /* resolved person's initials, NULL otherwise */
};

struct plan_item {
	int64_t id;	     /* action row id */
	char code[16];	     /* "11d" */
	int area_no;
	char letter;
	int section_no;	     /* 0 when none */
	char *section;	     /* section title or NULL */
	char *area;	     /* area title */
	char *duties_text;
	char *text;
	char *lead_text;
	struct plan_lead *leads;
	size_t n_leads;
	char *timescale;     /* original words */
	char *ts_kind;
	struct date start, due;
	char *rrule;	     /* NULL when none */
	char *precision;
	int duties[PLAN_MAX_DUTIES];
	int n_duties;
	char *status;	     /* not-started|in-progress|done|dropped */
	const char *rag;     /* red|amber|green|blue, or NULL for dropped */
	char *rag_reason;    /* reason of an override, NULL when derived */
	int overdue;	     /* 1 when live and due before as-of */
	int live;	     /* 1 unless done or dropped */
	struct plan_field *fields; /* the plan's other columns, in its order */
	size_t n_fields;
};

/* Load every current (not removed) action of plan_id, in plan order, with
 * RAG and overdue judged at as_of. *items is new; free with
 * plan_items_free. */
int plan_items_load(store_t *db, int64_t plan_id, struct date as_of,
		    struct plan_item **items, size_t *n, struct err *e);
void plan_items_free(struct plan_item *items, size_t n);
/* The RAG rule (docs/plan.md): returns "red", "amber", "green", "blue"
 * (done) or NULL (dropped). */
const char *plan_rag(const char *status, struct date due, struct date as_of);
/* 1 when the item is led by `who` (initials, group, role words or name;
 * case-insensitive, initials tolerant as in import). */
int plan_item_led_by(const struct plan_item *it, const char *who);

/* 1 when s is one of not-started, in-progress, done, dropped. */
int plan_status_valid(const char *s);

/* What 'plan list' and the web action list filter on; a NULL or zero
 * member does not filter. */
struct plan_filter {
	int overdue;		/* only live actions past due */
	struct date due_before; /* only live actions due before this (y == 0: any) */
	const char *lead;	/* led by (as plan_item_led_by) */
	long duty;		/* serves duty number */
	const char *section;	/* section number, or words in its title */
	const char *status;	/* exact status */
	const char *rag;	/* red|amber|green|blue, or "none" (dropped) */
	const char *search;	/* words found (case aside) in the id, text, area, section, leads,
				 * timescale or a field's value */
};
/* 1 when the item passes every filter in f. */
int plan_item_matches(const struct plan_item *it, const struct plan_filter *f);
/* Index of the item whose code is `code` (case-insensitive), or -1. */
int plan_items_find(const struct plan_item *items, size_t n, const char *code);

/* ---- recording progress (cmd.c): 'plan update' and the web form ---- */

/* One update of an action; NULL members are not changed. */
struct plan_change {
	const char *status;   /* new status */
	const char *note;     /* note for the history */
	const char *evidence; /* evidence link or words */
	const char *rag;      /* red|amber|green: override the derived rating */
	const char *reason;   /* why (needed with rag) */
	int clear_rag;	      /* remove an override */
};
/* What is wrong with a change, checked in this order. */
enum plan_change_problem {
	PLAN_CHANGE_OK = 0,
	PLAN_CHANGE_BAD_STATUS,	   /* status is not one of the four */
	PLAN_CHANGE_BAD_RAG,	   /* rag is not red, amber or green */
	PLAN_CHANGE_NO_REASON,	   /* rag without a reason */
	PLAN_CHANGE_RAG_AND_CLEAR, /* both rag and clear_rag */
	PLAN_CHANGE_NOTHING,	   /* nothing to record */
	PLAN_CHANGE_EMPTY_NOTE,	   /* note given but blank */
};
/* The first problem of c (each caller words its own message). */
enum plan_change_problem plan_change_check(const struct plan_change *c);
/* Id of the current action `code` of plan_id (exact code, else lower
 * case); ERR_NOTFOUND with a message naming it when none. */
int plan_action_find(store_t *db, int64_t plan_id, const char *code, int64_t *id,
		     struct err *e);
/* Record a checked change of action_id by author: the status and a
 * history event, the RAG override and its event. The caller owns the
 * transaction. */
int plan_change_apply(store_t *db, int64_t action_id, const struct plan_change *c,
		      const char *author, struct err *e);

/* ---- the monitoring flags an action responds to (links.c) ---- */

struct web_req;
struct web_resp;
/* On the action page: a summary list naming, with links, the monitoring
 * flags action action_id responds to (nothing when none). */
int plan_web_action_flags(struct web_req *rq, struct web_resp *rs, int64_t action_id,
			  struct err *e);

/* ---- people, duties, calendar (people.c, report.c) ---- */

struct plan_person_row {
	char *initials;	   /* "MD" */
	char *name;	   /* "Mohammed Darr" */
	char *role;	   /* or NULL */
	int active;	   /* 0 once they have left */
	char *replaced_by; /* initials of who took over, or NULL */
	int live;	   /* current actions led, not started or in progress */
	int total;	   /* current actions led, any status */
};
/* Everyone in the person table, by initials. *rows is new; free with
 * plan_people_free. */
int plan_people_load(store_t *db, struct plan_person_row **rows, size_t *n,
		     struct err *e);
void plan_people_free(struct plan_person_row *rows, size_t n);

struct plan_duty_row {
	int no;	    /* duty number */
	char *name; /* or NULL when unnamed */
	int areas;  /* current areas of work serving it */
};
/* Every duty named or referred to by an area, by number. *rows is new;
 * free with plan_duties_free. */
int plan_duties_load(store_t *db, struct plan_duty_row **rows, size_t *n, struct err *e);
void plan_duties_free(struct plan_duty_row *rows, size_t n);

/* An item of another room's work serving a duty (duty_work.c). */
struct plan_duty_work {
	int duty;
	char *kind, *ref, *title;
	char *href; /* or NULL */
	int live;
};
/* Every such item and duty, by duty then kind and title; free with
 * plan_duty_work_free. */
int plan_duty_work_load(store_t *db, struct plan_duty_work **out, size_t *n, struct err *e);
void plan_duty_work_free(struct plan_duty_work *v, size_t n);

/* The iCalendar feed of plan `plan`'s live due dates as of as_of (what
 * 'plan report --format ics' prints), appended to out. */
int plan_ics_build(store_t *db, const char *plan, struct date as_of, struct buf *out,
		   struct err *e);

/* What plan_report_write writes (report.c); zero members take the
 * defaults. */
struct plan_report_opts {
	const char *format; /* text, md, html, csv, json, ics or docx */
	struct date as_of;  /* RAG, overdue and "due soon" judged at this date */
	int days;	    /* "due soon" window in days (0: 90) */
	/* Only the actions for which keep(item, keep_arg) is 1 are in the
	 * report (its counts too); NULL keeps every action. */
	int (*keep)(const struct plan_item *it, const void *keep_arg);
	const void *keep_arg;
	const char *scope; /* words saying which actions these are ("led by
			      MD; overdue only"), shown in the report; or NULL */
};
/* The report of plan `plan` in o->format, appended to out (bytes: a .docx
 * is a zip). ERR_USAGE for an unknown format, ERR_NOTFOUND for no such
 * plan, ERR_DATA when it is too large to build. */
int plan_report_write(store_t *db, const char *plan, const struct plan_report_opts *o,
		      struct buf *out, struct err *e);
/* A paragraph the Word document adds after the actions (the equality
 * objectives' section). */
struct plan_docx_para {
	int level; /* 1: a Heading 1, 2: a Heading 2, 0: a paragraph */
	int bold;  /* a paragraph in bold */
	char *text;
};
/* The Word document (report_docx.c): a minimal WordprocessingML package
 * (libzip) with the title, a line under it, for each section of items
 * (in their order) a heading and a table of its actions (ID, action,
 * lead, due, status, RAG), then the n_tail paragraphs of tail (may be
 * NULL). Appended to out. */
int plan_docx_write(const char *title, const char *subtitle, const struct plan_item *items,
		    size_t n, const struct plan_docx_para *tail, size_t n_tail, struct buf *out,
		    struct err *e);
/* The equality objectives' section as such paragraphs (objective_report.c):
 * none when there is no live objective. *out is allocated; free it with
 * plan_docx_paras_free. */
int objective_report_paras(store_t *db, struct date today, struct plan_docx_para **out,
			   size_t *n, struct err *e);
void plan_docx_paras_free(struct plan_docx_para *v, size_t n);

/* Command handlers (plan_commands in cmd.c holds their help). Each parses
 * its own options, opens the database named by ctx->db_path, and runs its
 * writes in one transaction. */
int plan_import_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int plan_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int plan_show_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int plan_update_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int plan_report_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int plan_lint_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int plan_timescale_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int plan_duties_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int people_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int people_add_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int people_rename_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);
int people_reassign_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);

extern const struct cli_command plan_commands[];

/* ---- the import page (web_import.c) ---- */
struct web_req;
struct web_resp;
/* GET and POST /plan/import. */
int plan_import_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int plan_import_post(struct web_req *rq, struct web_resp *rs, struct err *e);

/* ---- the pages that keep the plan (web_edit.c, web_people.c) ---- */
/* 1 when the signed-in user may update the action (web.c's rule: any
 * action with update-any-action, else those they lead). */
int plan_web_may_update(const struct web_req *rq, const struct plan_item *it);
/* 1 when one of initials (an account's lead initials) leads the action. */
int plan_web_led_by(const struct plan_item *it, const char *initials);
/* 1 when the request is for /plan/action/ID/edit. */
int plan_edit_path(const struct web_req *rq);
/* GET and POST /plan/action/ID/edit: change an action's text, due date,
 * leads and status (update-any-action). */
int plan_edit_page(struct web_req *rq, struct web_resp *rs, struct err *e);
/* GET and POST /plan/add: a new action, with a check-answers page. */
int plan_add_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int plan_add_post(struct web_req *rq, struct web_resp *rs, struct err *e);
/* GET and POST /plan/duties/names: a name for each duty. */
int plan_duty_names_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int plan_duty_names_post(struct web_req *rq, struct web_resp *rs, struct err *e);
/* GET and POST /plan/mine: the signed-in lead's live actions, each with a
 * small update form. */
int plan_mine_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int plan_mine_post(struct web_req *rq, struct web_resp *rs, struct err *e);
/* GET /people, and GET and POST /people/add, /people/INITIALS/edit and
 * /people/INITIALS/reassign (web_people.c). */
int plan_people_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int plan_person_add_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int plan_person_add_post(struct web_req *rq, struct web_resp *rs, struct err *e);
int plan_person_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int plan_person_post(struct web_req *rq, struct web_resp *rs, struct err *e);
/* The plan the web shows: "main", else the first imported. 1 when the
 * database has none. */
int plan_web_plan(store_t *db, int64_t *plan_id, struct err *e);

/* The RAG rating as a GOV.UK tag, in words ("Red", "Done"); the colour
 * only repeats them (web.c; the one tag every plan page uses). */
void plan_rag_tag(struct web_resp *rs, const char *rag);

/* The action list's query (web.c): its filters and search as sent, read
 * and checked once for the list page and its downloads (web_report.c). */
struct plan_list_query {
	char *q, *section, *lead, *duty, *status, *rag, *as_of_text; /* as sent, trimmed; NULL if blank */
	int overdue;			/* overdue=1 */
	struct plan_filter f;		/* the filter they make */
	struct date as_of;		/* RAG and overdue judged at this date */
	struct web_field_error errs[7]; /* what cannot be read, by field */
	int n_errs;
};
void plan_list_query_read(struct web_req *rq, struct plan_list_query *lq);
void plan_list_query_free(struct plan_list_query *lq);
/* path with the query's filters as its query string ("/plan?lead=MD"),
 * percent-encoded, into b. */
void plan_list_query_href(const struct plan_list_query *lq, const char *path, struct buf *b);
/* 1 when the query filters at all. */
int plan_list_query_filters(const struct plan_list_query *lq);
/* The plan the web shows: "main", else the first imported, into name
 * (64 bytes). 1 when there is none, 0, or a negative error. */
int plan_web_plan_name(store_t *db, char name[64], struct err *e);
/* GET /plan/report.html, .csv, .docx and .ics (web_report.c); GET
 * /plan/evidence/ID (evidence.c). */
int plan_report_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int plan_evidence_page(struct web_req *rq, struct web_resp *rs, struct err *e);

/* ---- shared by the plan commands (common.c) ---- */
struct cli_ctx;
struct json_t;
/* Open the database the command line named (see store_default_path). */
int plan_open_db(struct cli_ctx *ctx, store_t **db, struct err *e);
/* Print j indented to ctx->out and release it (takes ownership). */
int plan_print_json(struct cli_ctx *ctx, struct json_t *j);

/* ---- keeping the plan by hand (edit.c, people.c, save.c): the web's
 * edit, add, people and duty pages and the people commands. Each records
 * a history event on the actions it touches, naming the author and what
 * was there before; the caller owns the transaction. ---- */

/* "Not started", "In progress", "Done", "Dropped" for a status value; the
 * value itself for anything else. */
const char *plan_status_words(const char *status);
/* Replace the leads of action_id with those of lead_text (a Lead cell:
 * "MD/TA"), each resolved to a person or group as an import does. */
int plan_action_set_leads(store_t *db, int64_t action_id, const char *lead_text,
			  struct err *e);

/* A change of an action by hand; NULL (y == 0 for due) is no change. */
struct plan_action_edit {
	const char *text;      /* the action's wording */
	struct date due;       /* due date: the timescale becomes "By D/M/YYYY" */
	const char *lead_text; /* the leads, as a Lead cell ("MD/TA") */
	const char *status;    /* not-started|in-progress|done|dropped */
};
/* Apply c to action_id by author: each field that differs from what is
 * stored is written with a history event saying what it was and what it
 * is now (kinds "reword", "due", "lead", "status"). *n_changed (may be
 * NULL) gets how many fields changed; none is not an error. */
int plan_action_edit_apply(store_t *db, int64_t action_id, const struct plan_action_edit *c,
			   const char *author, int *n_changed, struct err *e);

/* A new action, added by hand to an area of a plan. */
struct plan_new_action {
	int64_t area_id;       /* the area it belongs to (of the same plan) */
	const char *text;      /* its wording */
	const char *lead_text; /* its leads as a Lead cell ("MD/TA"), or NULL */
	struct date due;       /* due date (y == 0: none) */
	const int *duties;     /* duties it serves beyond its area's */
	int n_duties;
	const char *origin;    /* action.origin: "web" (re-imports leave it) */
	const char *note;      /* the history note: "Added on the web by jo" */
};
/* The next id for a new action of area_id in plan_id, following the
 * plan's numbering: parity's (area number and the next letter, "3e") when
 * the area's actions have those, else the last id of the area counted on
 * ("1.3" after "1.2", "4c" after "4b"); never an id the plan has already
 * used. *letter gets the action's letter. */
int plan_action_next_code(store_t *db, int64_t plan_id, int64_t area_id, char code[16],
			  char *letter, struct err *e);
/* Add a as a not-started action of plan_id by author, with its leads,
 * duties and a history event ("added", a->note). *action_id and code get
 * the new action's row id and id. */
int plan_action_add(store_t *db, int64_t plan_id, const struct plan_new_action *a,
		    const char *author, int64_t *action_id, char code[16], struct err *e);

/* The person whose initials match `initials` (as the importer matches
 * them: case aside, "Mac" as "Mc"); *id 0 and ERR_NOTFOUND when none.
 * *name (if name is not NULL) is new; caller frees. */
int plan_person_find(store_t *db, const char *initials, int64_t *id, char **name,
		     struct err *e);
/* Add a person; lead tokens already written with these initials now
 * resolve to them (a "lead" event on each such action). ERR_DATA when
 * someone has the same initials. *id and *n_linked may be NULL. */
int plan_person_add(store_t *db, const char *initials, const char *name, const char *role,
		    const char *author, int64_t *id, int *n_linked, struct err *e);
/* Change person id's name, role ("" removes it) or initials (NULL: keep);
 * a "lead" event on each current action they lead says what changed.
 * ERR_DATA when the new initials are someone else's. */
int plan_person_rename(store_t *db, int64_t id, const char *name, const char *role,
		       const char *initials, const char *author, int *n_actions,
		       struct err *e);
/* Hand every live action of old_id over to new_id and mark old_id as
 * left, replaced by new_id; a "lead" event on each action. ERR_USAGE when
 * they are the same person, ERR_DATA when new_id has left. */
int plan_person_reassign(store_t *db, int64_t old_id, int64_t new_id, const char *author,
			 int *n_moved, struct err *e);
/* Name duty no (1..999) `name`; *old (may be NULL) gets its previous
 * name or NULL (new; caller frees). */
int plan_duty_name(store_t *db, int no, const char *name, char **old, struct err *e);

#endif
