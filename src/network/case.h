/*
 * network/case.h: the casework part's own model (case.c), shared by its
 * commands (case_cmd.c) and its pages (case_web.c). Only network/case*.c
 * include it. docs/network.md, "Confidential casework", says what it does.
 *
 * Need to know: a case is read and changed only by the caseworkers
 * assigned to it — enabled accounts holding the casework capability,
 * which no role gives. Anyone else is told, in the same words whether or
 * not the case exists, that there is "no case N that you are assigned
 * to" (the web answers 404). Whoever opens a case is assigned to it; an
 * assigned caseworker may assign another account holding casework.
 *
 * Encryption at rest: the summary, notes, hearing notes, documents and
 * documents' names are sealed with libsodium's secretbox under the key
 * file's "casework" key (store_key_get), never kept in the database.
 */
#ifndef PARITY_NETWORK_CASE_H
#define PARITY_NETWORK_CASE_H

#include <stdint.h>
#include <time.h>

#include "core/buf.h"
#include "network/internal.h"
#include "web/web.h"

#define CASE_TEXT_MAX 20000		/* bytes of a summary, note or hearing note */
#define CASE_DOC_MAX (5 * 1024 * 1024)	/* bytes of a document */
#define CASE_RETENTION_DEFAULT 6	/* years a closed case is kept */
#define SEC_CASES "cases"

/* The kinds and statuses a case may have (net_case.kind, .status). */
#define CASE_N_KINDS 4
extern const char *const case_kinds[CASE_N_KINDS];	  /* "grievance", ... */
#define CASE_N_STATUSES 4
extern const char *const case_statuses[CASE_N_STATUSES]; /* "open", "hearing", ... */
/* The kind or status for people: "Grievance", "Hearing due". */
const char *case_kind_label(const char *kind);
const char *case_status_label(const char *status);

/* Who is acting: a caseworker's account as loaded by case_actor. */
struct case_actor {
	int64_t id;	   /* web_user.id */
	char name[64];	   /* the account's name */
	const char *via;   /* "web" or "cli" (static) */
	const char *address; /* the client's address on the web, "" on the command line */
};
/* The enabled account called name (or with id, when name is NULL) into
 * a, when it holds casework. ERR_NOTFOUND "no account called NAME" for no
 * such account; when it lacks casework: for case N > 0 the refusal of
 * case_gate, else ERR_DATA "NAME does not hold the casework capability". */
int case_actor(store_t *db, const char *name, int64_t id, const char *via, int64_t case_id,
	       struct case_actor *a, struct err *e);
/* 0 when case id exists and a is assigned to it; ERR_NOTFOUND "no case N
 * that you are assigned to" otherwise (the same words whether or not the
 * case exists). */
int case_gate(store_t *db, const struct case_actor *a, int64_t id, struct err *e);
/* The refusal of case_gate for case id into e; returns ERR_NOTFOUND. */
int case_refuse(int64_t id, struct err *e);

/* Record in case id's access log that a did what ("read", "note added"
 * ...) now, in the caller's transaction. */
int case_log(store_t *db, const struct case_actor *a, int64_t id, const char *what,
	     struct err *e);

/* The writes; each in the caller's transaction, after case_gate (except
 * open), each logged in the case's access log and the audit log (target
 * "case N", never a member or a text). */
int case_open(store_t *db, const struct case_actor *a, const char *member_email,
	      const char *kind, const char *summary, int64_t *id, struct err *e);
/* Assign the account to_name (enabled, holding casework: ERR_DATA
 * otherwise, and when already assigned). */
int case_assign(store_t *db, const struct case_actor *a, int64_t id, const char *to_name,
		struct err *e);
int case_note_add(store_t *db, const struct case_actor *a, int64_t id, const char *text,
		  struct err *e);
/* Set the status; closing records today as the closing date (the
 * retention period runs from it), reopening clears it. ERR_DATA when the
 * case has that status already. */
int case_status_set(store_t *db, const struct case_actor *a, int64_t id, const char *status,
		    struct err *e);
/* A hearing on date (YYYY-MM-DD, today or later), time "HH:MM" or NULL/"",
 * note or NULL. */
int case_hearing_add(store_t *db, const struct case_actor *a, int64_t id, const char *date,
		     const char *time_hm, const char *note, struct err *e);
/* A document of len bytes (at most CASE_DOC_MAX, not empty) called name;
 * *doc_id (may be NULL) its number. */
int case_doc_add(store_t *db, const struct case_actor *a, int64_t id, const char *name,
		 const char *data, size_t len, int64_t *doc_id, struct err *e);
/* Document doc_id of case id, unsealed: its name and bytes appended to
 * name and data, its type into mime (64 bytes). ERR_NOTFOUND when the
 * case has no such document. Logged as read. */
int case_doc_get(store_t *db, const struct case_actor *a, int64_t id, int64_t doc_id,
		 struct buf *name, char mime[64], struct buf *data, struct err *e);

/* One case, unsealed (case_load). Strings owned by the struct; free with
 * case_info_free. */
struct case_note {
	char *text;
	char author[64], at[21];
};
struct case_hearing {
	int64_t id;
	char on[11], time_hm[6]; /* YYYY-MM-DD, HH:MM or "" */
	char *note;		 /* "" when none */
	char by[64];
};
struct case_doc {
	int64_t id;
	char *name;
	char mime[64];
	int64_t size;
	char by[64], at[21];
};
struct case_worker {
	int64_t user_id;
	char name[64], at[21], by[64];
};
struct case_info {
	int64_t id, member_id;
	char kind[16], status[12], opened_on[11], closed_on[11], opened_by[64];
	char *member_email, *member_name; /* the member's, "" once erased */
	char *summary;
	struct case_note *notes;
	size_t n_notes;
	struct case_hearing *hearings; /* by date */
	size_t n_hearings;
	struct case_doc *docs;
	size_t n_docs;
	struct case_worker *workers;
	size_t n_workers;
};
/* Load and unseal case id into c (after case_gate). ERR_DATA, saying so
 * plainly, when the key file is missing or not the cases' key: nothing
 * is shown then. Logged as read by a. */
int case_load(store_t *db, const struct case_actor *a, int64_t id, struct case_info *c,
	      struct err *e);
void case_info_free(struct case_info *c);

/* A's cases, newest first (case_list): no sealed text. */
struct case_row {
	int64_t id;
	char kind[16], status[12], opened_on[11];
	char member[200];     /* the member's name, "(erased)" once erased */
	char next_hearing[11]; /* the next hearing's date from today, or "" */
};
int case_list(store_t *db, const struct case_actor *a, struct case_row **rows, size_t *n,
	      struct err *e);

/* Case id's access log, oldest first. Reading it is itself logged when
 * log is 1 (the command; the case page logs its one reading). */
struct case_access {
	char at[21], who[64], via[8], what[64];
};
int case_access_list(store_t *db, const struct case_actor *a, int64_t id, int log,
		     struct case_access **rows, size_t *n, struct err *e);

/* The caseworkers (enabled accounts holding casework) by name: names
 * appended, one per n. */
int case_workers_all(store_t *db, char (**names)[64], size_t *n, struct err *e);

/* Retention: years a closed case is kept (net_case_setting). */
int case_retention_get(store_t *db, long *years, struct err *e);
int case_retention_set(store_t *db, long years, const char *who, struct err *e);
/* Purge the cases closed on or before today (net_now) less the retention
 * period: each case and all it holds deleted, a row left in
 * net_case_purge and the audit log (who: the account, cli:NAME or
 * "jobs"). *n (may be NULL) the number purged. In the caller's
 * transaction. */
int case_purge(store_t *db, time_t now, const char *who, int *n, struct err *e);

/* How many closed cases case_purge would purge now (the count only). */
int case_purge_due(store_t *db, time_t now, int64_t *n, struct err *e);
/* The purge log (net_case_purge), newest first: no personal data. *rows
 * allocated; the caller frees it. */
struct case_purged {
	int64_t case_id;
	char kind[16], closed_on[11], at[21], by[80];
};
int case_purge_log(store_t *db, struct case_purged **rows, size_t *n, struct err *e);

/* A count table (monitor_counts_import_mem's columns) of the cases opened
 * in year, by kind (the outcome) and the members' group of characteristic
 * (the members of the network, not erased nor pending, the denominator),
 * appended to csv. */
int case_counts_csv(store_t *db, long year, const char *characteristic, struct buf *csv,
		    struct err *e);

/* The cases' pages (case_web.c) and commands (case_cmd.c). */
int case_list_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int case_new_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int case_new_post(struct web_req *rq, struct web_resp *rs, struct err *e);
int case_one_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int case_one_post(struct web_req *rq, struct web_resp *rs, struct err *e);
int case_retention_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int case_retention_post(struct web_req *rq, struct web_resp *rs, struct err *e);
int case_purge_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int case_purge_post(struct web_req *rq, struct web_resp *rs, struct err *e);
int case_counts_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int case_counts_post(struct web_req *rq, struct web_resp *rs, struct err *e);
extern const struct cli_command case_commands[];

#endif
