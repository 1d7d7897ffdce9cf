/*
 * network/member.h: the members part's own model (member.c), shared by its
 * commands (member_cmd.c), its staff pages (member_web.c) and the public
 * joining page (member_join.c). Only network/member*.c include it.
 */
#ifndef PARITY_NETWORK_MEMBER_H
#define PARITY_NETWORK_MEMBER_H

#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "core/buf.h"
#include "network/internal.h"
#include "web/web.h"

/* One member as stored (member_load); strings allocated, NULL when the
 * column is NULL. Freed with member_free. */
struct member {
	int64_t id;
	char *email, *name, *region, *grade; /* NULL once erased (grade: also when not given) */
	int64_t region_id;
	int manager;	   /* 1: a manager */
	char status[12];   /* pending, active, left, erased */
	char joined[11];   /* YYYY-MM-DD */
	char left_on[11];  /* YYYY-MM-DD, "" when not left */
	char last_active[24], created_at[24], updated_at[24]; /* UTC ISO 8601 */
};
void member_free(struct member *m);
/* The member with this id into m: 0, or ERR_NOTFOUND "no member number N". */
int member_load(store_t *db, int64_t id, struct member *m, struct err *e);

/* A new member's details, as typed (checked by member_insert). */
struct member_new {
	const char *email, *name, *region, *grade;
	int manager;
	const char *joined; /* a date as date_parse_user takes it, or NULL: today */
	const char *status; /* "active" or "pending" */
};
/* Check and insert a member (email checked with mail_address_ok and
 * stored normalised; the region made on first use when make_region is 1);
 * *id the new row. ERR_DATA naming the field for bad details, and for an
 * email some member already has ("already a member"). In the caller's
 * transaction. field (may be NULL) gets the field an ERR_DATA is about:
 * "email", "name", "region", "grade" or "joined". */
int member_insert(store_t *db, const struct member_new *m, int make_region, int64_t *id,
		  const char **field, struct err *e);

/* Consent: give (recording the current wording version of purpose, how
 * and who) or withdraw (filling withdrawn_at/_how of the held row).
 * Giving consent already held, or withdrawing consent not held, is
 * ERR_DATA saying so. Both mark the member active now (last_active). */
int member_consent_give(store_t *db, int64_t id, const char *purpose, const char *how,
			const char *who, struct err *e);
int member_consent_withdraw(store_t *db, int64_t id, const char *purpose, const char *how,
			    struct err *e);
/* 0 when how is a way consent is given or withdrawn here (web, paper,
 * email, cli; import only by an import); ERR_USAGE otherwise. */
int member_how_ok(const char *how, struct err *e);
/* The current wording of purpose: its version into *version and its text
 * into text (appended). */
int member_wording(store_t *db, const char *purpose, int64_t *version, struct buf *text,
		   struct err *e);
/* Add a new version of purpose's wording; *version the new number. */
int member_wording_add(store_t *db, const char *purpose, const char *text, int64_t *version,
		       struct err *e);

/* Everything held about member id as a new JSON object (caller
 * json_decref's it): docs/network.md, "Subject access". */
int member_export(store_t *db, int64_t id, json_t **out, struct err *e);
/* Erase member id inside the caller's transaction: docs/network.md,
 * "Erasure". who names the person erasing (an account or cli:NAME);
 * reason has no personal data. ERR_DATA when already erased. */
int member_erase(store_t *db, int64_t id, const char *who, const char *reason, struct err *e);

/* Read a members CSV (csv_open_mem over data, name for messages) and add
 * every row, or none: each problem is appended to problems as one line,
 * "NAME line N, column C: what; what to do". Returns 0 with *added set
 * when every row went in, ERR_DATA when there were problems (nothing
 * added by this call: the caller rolls back), or another error. In the
 * caller's transaction. */
int member_import(store_t *db, const char *data, size_t len, const char *name, const char *who,
		  struct buf *problems, int *added, struct err *e);

/* The audit log entry of a change to members (who: the account, or
 * cli:NAME on the command line; target "member N", never an email or a
 * name, so an erasure leaves nothing in the log). */
int member_audit(store_t *db, const char *who, const char *address, const char *what,
		 const char *target, const char *detail, struct err *e);

/* Mark member id active now (last_active and updated_at). */
int member_touch(store_t *db, int64_t id, struct err *e);

/* Pending joins older than 7 days, and their pending members, removed. */
int member_join_expire(store_t *db, time_t now, struct err *e);

/* "24m", "2y", "90d" into days (a month 30 days, a year 365). */
int member_period_days(const char *s, long *days, struct err *e);

/* The room's pages (member_web.c, member_join.c). */
int member_list_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int member_new_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int member_new_post(struct web_req *rq, struct web_resp *rs, struct err *e);
int member_import_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int member_import_post(struct web_req *rq, struct web_resp *rs, struct err *e);
int member_one_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int member_one_post(struct web_req *rq, struct web_resp *rs, struct err *e);
int member_public_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int member_join_post(struct web_req *rq, struct web_resp *rs, struct err *e);
int member_sent_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int member_confirm_page(struct web_req *rq, struct web_resp *rs, struct err *e);
int member_confirm_post(struct web_req *rq, struct web_resp *rs, struct err *e);

/* The members commands (member_cmd.c). */
extern const struct cli_command member_commands[];

#endif
