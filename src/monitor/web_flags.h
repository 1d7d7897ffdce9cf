/*
 * monitor/web_flags.h: what the flag pages (web_flags.c: the list and one
 * flag's page) and their steps (web_flag_steps.c: explain, act, link,
 * close) share. Internal to the monitoring room.
 */
#ifndef PARITY_MONITOR_WEB_FLAGS_H
#define PARITY_MONITOR_WEB_FLAGS_H

#include <stdint.h>

#include "core/buf.h"
#include "monitor/dataset.h"
#include "monitor/internal.h"
#include "store/store.h"
#include "web/web.h"

#define FLAG_NOTE_MAX 5000 /* characters in an explanation or a reason */
#define FLAG_TEXT_MAX 2000 /* characters in an action's text */

/* A flag as stored. */
struct flag_row {
	int64_t id, previous_id, numerator, denominator;
	int64_t ref_num, ref_den; /* the comparison group's counts */
	int has_ref;		  /* 0 for flags raised before they were kept */
	char dataset[DS_NAME_MAX], period[24], unit[256], characteristic[64], group[128],
		reference[128], outcome[DS_NAME_MAX], state[16], created_at[32],
		previous_period[24], action[16];
	double rr, rr_low, rr_high, p_adj;
	/* raised by another room (flag_raise.c): source[0] is not '\0', rr is
	 * its measure's value, reference "the target", outcome "<source>
	 * <ref>"; its finding in words and the page about it ("" when none) */
	char source[32], finding[MON_FLAG_FINDING_MAX + 1], href[MON_FLAG_HREF_MAX + 1];
};

/* A flag of the same finding (dataset, characteristic, group, outcome). */
struct flag_member {
	int64_t id;
	char period[24], unit[256], state[16], action[16];
};

/* The flag a path names: "12" or "12/act" (step set to "act", else "");
 * ERR_NOTFOUND when the number is not a flag's. */
int flag_path(const char *arg, int64_t *id, char step[16], struct err *e);
/* Load flag id into f; ERR_NOTFOUND when there is none. */
int flag_load(store_t *db, int64_t id, struct flag_row *f, struct err *e);
/* The flags of f's finding that are not closed (and, with no_action set,
 * have no plan action), oldest first; f itself among them when it
 * qualifies. *out is new (free it). */
int flag_members(store_t *db, const struct flag_row *f, int no_action, struct flag_member **out,
		 size_t *n, struct err *e);
/* "#3 (2011Q2, All units), #12 (2011Q3, Eastgate)" into b. */
void flag_members_words(struct buf *b, const struct flag_member *m, size_t n);

/* What flag f found, for a caption: "July to September 2011, all units,
 * Disability: Disabled" (period in words, unit, characteristic: group;
 * a flag another room raised: "July to September 2011, objective measure
 * 4" and its characteristic: group when it has one), appended to b. */
void flag_finding_words(struct buf *b, const struct flag_row *f);
/* A GOV.UK tag for a flag's state. */
void flag_state_tag(struct web_resp *rs, const char *state);
/* The link to the page about flag f that another room raised ("See the
 * objective"), as a paragraph with id; nothing when it has none. */
void flag_ext_link(struct web_resp *rs, const struct flag_row *f, const char *id);
/* A link to plan action code's page. */
void flag_action_link(struct web_resp *rs, const char *code);
/* "ethnicity" -> "Ethnicity"; unknown names as they are. */
const char *flag_char_label(const char *name);
/* "/monitoring/flag/ID[/step][?group=1]" into b. */
void flag_href(struct buf *b, int64_t id, const char *step, int group);

/* The flag page; errs (n_errs) are the errors of its choice form, or of
 * a step refused because the flag is closed ("closed"); chosen the radio
 * to show chosen. Sets a 400 status when there are errors. */
int flag_render(struct web_req *rq, struct web_resp *rs, const struct flag_row *f, int group,
		const char *chosen, const struct web_field_error *errs, int n_errs,
		struct err *e);

/* The steps (web_flag_steps.c): GET and POST /monitoring/flag/ID/STEP. */
int flag_step_page(struct web_req *rq, struct web_resp *rs, const struct flag_row *f,
		   const char *step, struct err *e);
int flag_step_post(struct web_req *rq, struct web_resp *rs, const char *step, int64_t id,
		   struct err *e);

#endif
