/*
 * assess/eia_internal.h: the model of equality impact assessments, shared
 * by the command line (eia.c), the staff pages (eia_web.c) and the public
 * pages (eia_public.c). Every writing function runs inside the caller's
 * transaction (store_open_begin for the CLI, web_begin for the pages),
 * re-checks the assessment's state there and leaves the audit entry to
 * the caller. Messages of ERR_DATA/ERR_NOTFOUND are the command line's;
 * pages check the state first and say it in their own words.
 */
#ifndef PARITY_ASSESS_EIA_INTERNAL_H
#define PARITY_ASSESS_EIA_INTERNAL_H

#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "core/err.h"
#include "store/store.h"
#include "web/web.h"

#define EIA_TEXT_MAX 10000 /* characters of one piece of text */
#define EIA_NAME_MAX 200   /* characters of a name, role or "with whom" */

/* The aims of the duty by number: 0 all three, 1 to 3 each (static). */
extern const char *const eia_aims[4];
/* The nine protected characteristics by monitoring's column names, in
 * the order pages list them (static, n of them). */
extern const char *const eia_characteristics[];
extern const size_t eia_n_characteristics;

/* Where an assessment stands, read inside the caller's transaction. */
struct eia_state {
	int decided;	/* a decision is recorded */
	int published;	/* published and not reopened */
	int signed_off; /* a sign-off is recorded */
	int screened;	/* -1 not screened, 0 screened out, 1 full assessment needed */
	int n_versions; /* versions published so far */
};
/* The state of assessment id into *s: 0, or ERR_NOTFOUND "no impact
 * assessment N; see 'parity eia list'". */
int eia_state_get(store_t *db, int64_t id, struct eia_state *s, struct err *e);
/* eia_state_get, then ERR_DATA "... is published: it can no longer be
 * changed" when published and may_be_published is 0. */
int eia_check(store_t *db, int64_t id, int may_be_published, struct eia_state *s,
	      struct err *e);

/* Start an assessment owned by the active person owner (any case); the
 * stored initials into initials (64 bytes), its number into *id.
 * ERR_DATA when owner is nobody active. */
int eia_create(store_t *db, const char *title, const char *owner, const char *author,
	       char initials[64], int64_t *id, struct err *e);
/* Evidence on characteristic column; report "DATASET:PERIOD" or NULL
 * (ERR_USAGE when malformed, ERR_DATA when not an imported period). */
int eia_evidence_add(store_t *db, int64_t id, const char *column, const char *text,
		     const char *report, const char *author, struct err *e);
/* The impact on column for aim (0-3), replacing one recorded before
 * (*replaced 1 then). */
int eia_assess_set(store_t *db, int64_t id, const char *column, int aim, const char *impact,
		   const char *text, const char *author, int *replaced, struct err *e);
/* A mitigation: an action of the plan, its id into code (40 bytes) and
 * its number within the assessment into *no. ERR_DATA naming --lead or
 * --due for a lead who is nobody active or a date not understood. */
int eia_mitigate(store_t *db, int64_t id, const char *text, const char *lead, const char *due,
		 const char *author, char code[40], int64_t *no, struct err *e);
/* The decision (outcome proceed|adjust|justify|stop); a sign-off
 * recorded for an earlier decision is cleared. */
int eia_decide(store_t *db, int64_t id, const char *outcome, const char *text, const char *by,
	       struct err *e);
/* Screening: needed 1 (a full assessment) or 0 (screened out), and why. */
int eia_screen(store_t *db, int64_t id, int needed, const char *text, const char *author,
	       struct err *e);
/* One entry of the engagement log: with whom, on date_iso (YYYY-MM-DD). */
int eia_engage(store_t *db, int64_t id, const char *with, const char *date_iso,
	       const char *text, const char *author, struct err *e);
/* Sign-off by name in role; ERR_DATA before the decision. */
int eia_signoff(store_t *db, int64_t id, const char *name, const char *role,
		const char *author, struct err *e);
/* The review date (YYYY-MM-DD); allowed at any stage, published or not:
 * it is when to look again, not part of what was published. */
int eia_review_set(store_t *db, int64_t id, const char *date_iso, const char *author,
		   struct err *e);
/* Publish: refused (ERR_DATA) without a decision; stores the assessment
 * as version N (*version) and freezes it. */
int eia_publish(store_t *db, int64_t id, const char *author, int64_t *version, struct err *e);
/* Open a new draft of a published assessment (ERR_DATA when it is not
 * published); the sign-off is cleared, the rest kept to be changed.
 * *version gets the draft's number. */
int eia_revise(store_t *db, int64_t id, const char *author, int64_t *version, struct err *e);

/* The assessment as 'eia show --format json' gives it, into *out (the
 * caller json_decrefs it); ERR_NOTFOUND when there is none. Besides the
 * command's fields: "owner_name" (the owner's name as the plan's people
 * list has it, or the initials), "decided_at". */
int eia_load(store_t *db, int64_t id, json_t **out, struct err *e);
/* Version no of assessment id as published, into *out (json_decref);
 * ERR_NOTFOUND when there is none. */
int eia_version_load(store_t *db, int64_t id, int64_t no, json_t **out, struct err *e);
/* The owner's name for pages: "Jo Whitfield" for "JW" when JW is an
 * active person of the plan, else the initials (out 200 bytes). */
int eia_person_name(store_t *db, const char *initials, char out[200], struct err *e);

/* The room's pages and navigation (eia_web.c), for assess_room. */
#define EIA_N_PAGES 5
#define EIA_N_NAV 1
extern const struct web_route eia_pages[];
extern const struct web_nav eia_nav[];

/* Shared by the staff and public pages (eia_web.c). */
/* The outcome and impact in words for pages (static). */
const char *eia_outcome_words(const char *outcome);
const char *eia_impact_words(const char *impact);
/* The whole assessment o as summary lists: staff pages link reports and
 * plan actions and name leads; with change_base ("/eia/3") each row has a
 * Change link to its task. */
void eia_render(struct web_resp *rs, const json_t *o, int staff, const char *change_base);
/* The assessments' numbers, newest first, all or only those published at
 * least once (*ids allocated, free it). */
int eia_ids(store_t *db, int published_only, int64_t **ids, size_t *n, struct err *e);
/* The public pages (eia_public.c). */
int eia_public_list(struct web_req *rq, struct web_resp *rs, struct err *e);
int eia_public_page(struct web_req *rq, struct web_resp *rs, struct err *e);

/* Small readers of a JSON object's members: "" / 0 when absent. */
const char *eia_js(const json_t *o, const char *key);
int64_t eia_ji(const json_t *o, const char *key);

#endif
