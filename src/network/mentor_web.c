/*
 * network/mentor_web.c: the mentoring pages and the mentoring room, for
 * the network's officers (the 'members' capability): the overview of
 * suggested matches (each explained, with "Confirm this pairing" leading
 * to a check page), pairings and profiles; adding a profile; a pairing's
 * page with its meetings, logging a meeting and ending it with feedback.
 * The same model as the 'parity mentor' commands (mentor.c,
 * mentor_pair.c), each change audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "monitor/monitor.h"
#include "network/mentor.h"
#include "web/web.h"

#define TABLE_OPEN(rs, label)                                                                   \
	web_printf(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "        \
		       "aria-label=\"%s\">\n<table class=\"govuk-table\">\n", label)

static void sl_row(struct web_resp *rs, const char *key, const char *value)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n", key, value);
}

/* "4 December 2026" for "2026-12-04" into out (48 bytes). */
static void date_words(const char *iso, char out[48])
{
	struct date d;
	char w[32];
	if (!iso || !*iso || date_parse_user(iso, "date", &d, NULL) < 0) {
		snprintf(out, 48, "%s", iso && *iso ? iso : "Not yet");
		return;
	}
	date_long(d, w);
	snprintf(out, 48, "%s", w);
}

static const char *rating_words(int r)
{
	static const char *const w[6] = {"None given", "1 (poor)", "2", "3", "4", "5 (very good)"};
	return r >= 0 && r <= 5 ? w[r] : "";
}

/* ---- the overview --------------------------------------------------------*/

static void confirm_form(struct web_req *rq, struct web_resp *rs, const struct mentor_person *a,
			 const struct mentor_person *b)
{
	web_raw(rs, "<form method=\"post\" action=\"/network/mentoring/confirm\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"mentee\" value=\"%lld\">\n"
		       "<input type=\"hidden\" name=\"mentor\" value=\"%lld\">\n"
		       "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
		       "data-module=\"govuk-button\">Confirm this pairing<span class=\"govuk-visually-"
		       "hidden\"> of %s with %s</span></button>\n</form>\n",
		   (long long)a->member_id, (long long)b->member_id, a->name, b->name);
}

static void suggestions(struct web_req *rq, struct web_resp *rs, const struct mentor_pool *p)
{
	size_t i, j;
	int shown = 0;
	web_raw(rs, "<h2 class=\"govuk-heading-m\" id=\"suggestions\">Suggested matches</h2>\n");
	for (i = 0; i < p->n_mentees; i++) {
		const struct mentor_person *x = &p->mentees[i];
		int others = 0;
		if (x->pair_id || !x->consent)
			continue;
		shown++;
		web_printf(rs, "<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-"
			       "wrapper\"><h3 class=\"govuk-summary-card__title\">%s</h3></div>\n"
			       "<div class=\"govuk-summary-card__content\">\n", x->name);
		if (p->alloc[i] >= 0) {
			const struct mentor_person *y = &p->mentors[p->alloc[i]];
			const struct mentor_match *m = &p->m[i * p->n_mentors + (size_t)p->alloc[i]];
			web_printf(rs, "<p class=\"govuk-body\"><strong>Proposed mentor: %s</strong> "
				       "(score %d)</p>\n<p class=\"govuk-body-s\">%s</p>\n", y->name,
				   m->score, m->why);
			confirm_form(rq, rs, x, y);
		} else {
			web_raw(rs, "<p class=\"govuk-body\">No mentor can be proposed now.</p>\n");
		}
		for (j = 0; j < p->n_mentors; j++) {
			const struct mentor_match *m = &p->m[i * p->n_mentors + j];
			if (m->excluded || (int)j == p->alloc[i])
				continue;
			if (!others++)
				web_raw(rs, "<h4 class=\"govuk-heading-s\">Other possible mentors</h4>\n");
			web_printf(rs, "<p class=\"govuk-body\">%s (score %d)</p>\n<p class=\"govuk-body-s\">"
				       "%s</p>\n", p->mentors[j].name, m->score, m->why);
			confirm_form(rq, rs, x, &p->mentors[j]);
		}
		web_raw(rs, "</div></div>\n");
	}
	if (!shown)
		web_raw(rs, "<p class=\"govuk-body\">No mentee is waiting for a mentor.</p>\n");
	else
		web_printf(rs, "<p class=\"govuk-body\">The proposed mentors together give the highest "
			       "total score within mentors' places: %d.</p>\n", p->total);
}

static int pairings(struct web_resp *rs, store_t *db, struct err *e)
{
	int64_t *ids = NULL;
	size_t n = 0, i;
	int rc;
	web_raw(rs, "<h2 class=\"govuk-heading-m\" id=\"pairings\">Pairings</h2>\n");
	if ((rc = mentor_pair_ids(db, &ids, &n, e)) < 0)
		return rc;
	if (!n) {
		web_raw(rs, "<p class=\"govuk-body\">No pairings yet.</p>\n");
		return 0;
	}
	TABLE_OPEN(rs, "Pairings");
	web_raw(rs, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Mentee</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Mentor</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Status</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Agreed</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		    "Meetings</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (i = 0; rc >= 0 && i < n; i++) {
		struct mentor_pair_row r;
		char when[48];
		if ((rc = mentor_pair_load(db, ids[i], &r, e)) < 0)
			break;
		date_words(r.agreed_on, when);
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
			       "<a class=\"govuk-link\" href=\"/network/mentoring/pairs/%lld\">%s</a></td>"
			       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">",
			   (long long)r.id, r.mentee_name, r.mentor_name);
		web_raw(rs, !strcmp(r.status, "agreed") ?
			"<strong class=\"govuk-tag govuk-tag--green\">Going on</strong>" :
			"<strong class=\"govuk-tag govuk-tag--grey\">Ended</strong>");
		web_printf(rs, "</td><td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell "
			       "govuk-table__cell--numeric\">%lld</td></tr>\n", when,
			   (long long)r.n_meetings);
	}
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
	free(ids);
	return rc < 0 ? rc : 0;
}

static void withdraw_form(struct web_req *rq, struct web_resp *rs, const struct mentor_person *x,
			  const char *role);

static void profile_rows(struct web_req *rq, struct web_resp *rs, const struct mentor_person *a,
			 size_t n, const char *role)
{
	size_t i;
	for (i = 0; i < n; i++) {
		struct buf b = BUF_INIT;
		char places[48];
		mentor_areas_text(a[i].areas, 1, &b);
		if (!strcmp(role, "Mentor"))
			snprintf(places, sizeof places, "%d of %d taken", a[i].load, a[i].capacity);
		else
			snprintf(places, sizeof places, "%s", a[i].pair_id ? "Has a mentor" : "Waiting");
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
			       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s"
			       "</td><td class=\"govuk-table__cell\">%s%s</td><td class=\"govuk-table__cell\">"
			       "%s%s</td><td class=\"govuk-table__cell\">", a[i].name, role, buf_str(&b),
			   a[i].region, a[i].remote ? ", or remotely" : "", places,
			   a[i].consent ? "" : " (consent withdrawn: not suggested)");
		withdraw_form(rq, rs, &a[i], !strcmp(role, "Mentor") ? "mentor" : "mentee");
		web_raw(rs, "</td></tr>\n");
		buf_free(&b);
	}
}

/* GET /network/mentoring */
static int mentoring_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct mentor_pool p;
	int rc;
	if ((rc = mentor_pool_load(rq->db, &p, e)) < 0)
		return rc;
	web_page_begin(rq, rs, "Mentoring", SEC_MENTORING);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Mentoring</h1>\n"
		    "<p class=\"govuk-body\">Members who agreed to mentoring offer or seek help in "
		    "areas such as promotion and interviews. Matches are scored by the areas in common, "
		    "region and the mentor's places; a line manager, or someone with the same line "
		    "manager, is never suggested.</p>\n"
		    "<a href=\"/network/mentoring/new\" role=\"button\" draggable=\"false\" "
		    "class=\"govuk-button\" data-module=\"govuk-button\">Add a profile</a>\n"
		    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/network/mentoring/"
		    "outcomes\">Mentees' outcomes</a>: record whether mentees applied for promotion "
		    "and were promoted, and send a year's outcomes to monitoring.</p>\n");
	suggestions(rq, rs, &p);
	if ((rc = pairings(rs, rq->db, e)) < 0)
		goto out;
	web_raw(rs, "<h2 class=\"govuk-heading-m\" id=\"profiles\">Profiles</h2>\n");
	if (!p.n_mentors && !p.n_mentees) {
		web_raw(rs, "<p class=\"govuk-body\">No profiles yet.</p>\n");
	} else {
		TABLE_OPEN(rs, "Profiles");
		web_raw(rs, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			    "<th scope=\"col\" class=\"govuk-table__header\">Name</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Role</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Areas</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Meets in</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\">Places</th>"
			    "<th scope=\"col\" class=\"govuk-table__header\"><span class=\"govuk-"
			    "visually-hidden\">Withdraw</span></th></tr></thead>\n"
			    "<tbody class=\"govuk-table__body\">\n");
		profile_rows(rq, rs, p.mentors, p.n_mentors, "Mentor");
		profile_rows(rq, rs, p.mentees, p.n_mentees, "Mentee");
		web_raw(rs, "</tbody>\n</table>\n</div>\n");
	}
	web_page_end(rq, rs);
out:
	mentor_pool_free(&p);
	return rc;
}

/* ---- adding a profile ----------------------------------------------------*/

static const struct web_choice roles[2] = {
	{"mentor", "Mentor", "Offers help to other members"},
	{"mentee", "Mentee", "Is looking for a mentor"},
};
static const struct web_choice remote_choices[2] = {
	{"yes", "Yes", NULL},
	{"no", "No, in person only", NULL},
};

static const char *posted(const struct web_req *rq, const char *name, const char *dflt)
{
	const char *v = rq->method[0] == 'P' ? web_param(rq, name) : NULL;
	return v ? v : dflt;
}

static int area_ticked(const struct web_req *rq, const char *key)
{
	int i;
	const char *v;
	if (rq->method[0] != 'P')
		return 0;
	for (i = 0; (v = web_param_n(rq, "areas", i)); i++)
		if (!strcmp(v, key))
			return 1;
	return 0;
}

static int profile_form(struct web_req *rq, struct web_resp *rs,
			const struct web_field_error *errs, int n_errs)
{
	struct web_check checks[MENTOR_N_AREAS];
	struct web_field fd;
	int i;
	for (i = 0; i < MENTOR_N_AREAS; i++)
		checks[i] = (struct web_check){mentor_areas[i].key, mentor_areas[i].words,
					       area_ticked(rq, mentor_areas[i].key)};
	web_page_begin(rq, rs, n_errs ? "Error: Add a mentoring profile" : "Add a mentoring profile",
		       SEC_MENTORING);
	web_raw(rs, "<a href=\"/network/mentoring\" class=\"govuk-back-link\">Mentoring</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Add a mentoring profile</h1>\n"
		    "<p class=\"govuk-body\">The member must have agreed to mentoring. A new profile "
		    "replaces the member's profile in the same role.</p>\n"
		    "<form method=\"post\" action=\"/network/mentoring/new\" novalidate>\n");
	web_csrf_field(rq, rs);
	fd = (struct web_field){"email", NULL, "Member's email address", NULL,
				posted(rq, "email", NULL), NULL, "spellcheck=\"false\" autocomplete=\"off\""};
	web_input(rs, &fd, "email", errs, n_errs);
	fd = (struct web_field){"role", NULL, "Mentor or mentee?", NULL, posted(rq, "role", NULL),
				NULL, NULL};
	web_radios(rs, &fd, roles, 2, 0, errs, n_errs);
	fd = (struct web_field){"areas", NULL, "Areas", "What a mentor offers, or a mentee seeks. "
				"Select all that apply.", NULL, NULL, NULL};
	web_checkboxes(rs, &fd, checks, MENTOR_N_AREAS, errs, n_errs);
	fd = (struct web_field){"remote", NULL, "Willing to meet remotely?",
				"Members in different regions are matched only when both are",
				posted(rq, "remote", NULL), "govuk-radios--inline", NULL};
	web_radios(rs, &fd, remote_choices, 2, 0, errs, n_errs);
	fd = (struct web_field){"capacity", NULL, "How many mentees at once?",
				"Mentors only. From 1 to 10.", posted(rq, "capacity", "2"),
				"govuk-input--width-2", "inputmode=\"numeric\""};
	web_input(rs, &fd, "text", errs, n_errs);
	fd = (struct web_field){"line-manager", NULL, "Line manager's email address (optional)",
				"A line manager, or anyone with the same line manager, is never "
				"suggested as a match", posted(rq, "line-manager", NULL), NULL,
				"spellcheck=\"false\" autocomplete=\"off\""};
	web_input(rs, &fd, "email", errs, n_errs);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Save the profile</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
	return 0;
}

/* GET /network/mentoring/new */
static int profile_new_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	(void)e;
	return profile_form(rq, rs, NULL, 0);
}

/* POST /network/mentoring/new */
static int profile_new_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *email = web_param(rq, "email"), *role = web_param(rq, "role"),
		   *remote = web_param(rq, "remote"), *capacity = web_param(rq, "capacity"),
		   *lm = web_param(rq, "line-manager"), *field = NULL, *v;
	struct web_field_error errs[6];
	struct mentor_profile_new p;
	char msg[400], target[64];
	long cap = MENTOR_DEFAULT_CAPACITY;
	int64_t id = 0;
	int n = 0, rc, i, k, created = 0;
	memset(&p, 0, sizeof p);
	if (!email || str_blank(email))
		errs[n++] = (struct web_field_error){"email", "Enter the member's email address"};
	if (!role || (strcmp(role, "mentor") && strcmp(role, "mentee")))
		errs[n++] = (struct web_field_error){"role", "Select mentor or mentee"};
	for (i = 0; (v = web_param_n(rq, "areas", i)); i++)
		for (k = 0; k < MENTOR_N_AREAS; k++)
			if (!strcmp(v, mentor_areas[k].key))
				p.areas |= 1u << k;
	if (!p.areas)
		errs[n++] = (struct web_field_error){"areas", "Select at least one area"};
	if (!remote || (strcmp(remote, "yes") && strcmp(remote, "no")))
		errs[n++] = (struct web_field_error){"remote", "Select whether they are willing to "
							       "meet remotely"};
	if (role && !strcmp(role, "mentor") &&
	    (!capacity || str_to_int(capacity, 1, MENTOR_MAX_CAPACITY, &cap) < 0))
		errs[n++] = (struct web_field_error){"capacity", "Enter a number of mentees from 1 to 10"};
	if (n) {
		rs->status = 400;
		return profile_form(rq, rs, errs, n);
	}
	p.email = email;
	p.role = role;
	p.remote = !strcmp(remote, "yes");
	p.capacity = (int)cap;
	p.line_manager = lm && !str_blank(lm) ? lm : NULL;
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = net_member_by_email(rq->db, email, &id, e);
	if (rc >= 0)
		rc = mentor_profile_set(rq->db, &p, rq->user->name, &created, &field, e);
	if (rc == ERR_NOTFOUND || rc == ERR_DATA) {
		store_rollback(rq->db);
		if (rc == ERR_NOTFOUND)
			snprintf(msg, sizeof msg, "%s", "No member has this email address");
		else if (strstr(e->msg, "not agreed to mentoring"))
			snprintf(msg, sizeof msg, "%s", "This member has not agreed to mentoring: record "
				 "their consent on their member page first");
		else if (field && !strcmp(field, "line-manager"))
			snprintf(msg, sizeof msg, "%s", strstr(e->msg, "own line manager") ?
				 "A member is not their own line manager" :
				 "Enter the line manager's email address in the correct format, "
				 "like name@example.org");
		else
			snprintf(msg, sizeof msg, "%s", "This member is not an active member");
		errs[0] = (struct web_field_error){field && !strcmp(field, "line-manager") ?
						   "line-manager" : "email", msg};
		err_clear(e);
		rs->status = 400;
		return profile_form(rq, rs, errs, 1);
	}
	if (rc >= 0) {
		struct buf b = BUF_INIT;
		mentor_areas_text(p.areas, 0, &b);
		snprintf(target, sizeof target, "%s profile of member %lld", role, (long long)id);
		rc = web_audit(rq, "mentor.profile", target, NULL, buf_str(&b), e);
		buf_free(&b);
	}
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	web_flash(rq, created ? "Profile added" : "Profile replaced");
	web_redirect(rs, "/network/mentoring");
	return 0;
}

/* ---- confirming a pairing ------------------------------------------------*/

static int id_param(const struct web_req *rq, const char *name, int64_t *out)
{
	const char *v = web_param(rq, name);
	long x;
	if (!v || str_to_int(v, 1, 2000000000L, &x) < 0)
		return -1;
	*out = x;
	return 0;
}

/* POST /network/mentoring/confirm: the check page, then (confirm=1) the pairing. */
static int confirm_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct mentor_pool p;
	int64_t a = 0, b = 0, pid = 0;
	int i, j, rc, score = 0;
	char target[48], after[64], to[64];
	if (id_param(rq, "mentee", &a) < 0 || id_param(rq, "mentor", &b) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no such match.");
	if (web_param(rq, "confirm")) {
		if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
			return rc < 0 ? rc : 0;
		rc = mentor_pair_add(rq->db, a, b, rq->user->name, &pid, &score, e);
		if (rc == ERR_DATA) {
			/* the match no longer stands (someone paired them, withdrew ...) */
			char msg[400];
			store_rollback(rq->db);
			snprintf(msg, sizeof msg, "This pairing cannot be made now: %.300s", e->msg);
			err_clear(e);
			web_flash(rq, msg);
			web_redirect(rs, "/network/mentoring");
			return 0;
		}
		if (rc >= 0) {
			snprintf(target, sizeof target, "mentoring pairing %lld", (long long)pid);
			snprintf(after, sizeof after, "member %lld with mentor member %lld", (long long)a,
				 (long long)b);
			rc = web_audit(rq, "mentor.pair", target, NULL, after, e);
		}
		if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
			store_rollback(rq->db);
			return rc;
		}
		web_flash(rq, "Pairing confirmed");
		snprintf(to, sizeof to, "/network/mentoring/pairs/%lld", (long long)pid);
		web_redirect(rs, to);
		return 0;
	}
	if ((rc = mentor_pool_load(rq->db, &p, e)) < 0)
		return rc;
	i = mentor_pool_find(p.mentees, p.n_mentees, a);
	j = mentor_pool_find(p.mentors, p.n_mentors, b);
	if (i < 0 || j < 0) {
		mentor_pool_free(&p);
		return err_set(e, ERR_NOTFOUND, "There is no such match.");
	}
	web_page_begin(rq, rs, "Check the pairing before you confirm it", SEC_MENTORING);
	web_raw(rs, "<a href=\"/network/mentoring\" class=\"govuk-back-link\">Mentoring</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		    "<h1 class=\"govuk-heading-l\">Check the pairing before you confirm it</h1>\n"
		    "<dl class=\"govuk-summary-list\">\n");
	sl_row(rs, "Mentee", p.mentees[i].name);
	sl_row(rs, "Mentor", p.mentors[j].name);
	{
		const struct mentor_match *m = &p.m[(size_t)i * p.n_mentors + (size_t)j];
		char sc[16];
		snprintf(sc, sizeof sc, "%d", m->score);
		if (!m->excluded)
			sl_row(rs, "Score", sc);
		sl_row(rs, "Why", m->why);
	}
	web_raw(rs, "</dl>\n<p class=\"govuk-body\">Confirming records the pairing as agreed from "
		    "today. Tell both members.</p>\n"
		    "<form method=\"post\" action=\"/network/mentoring/confirm\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"mentee\" value=\"%lld\">\n<input type=\"hidden\" "
		       "name=\"mentor\" value=\"%lld\">\n", (long long)a, (long long)b);
	web_raw(rs, "<div class=\"govuk-button-group\"><button type=\"submit\" name=\"confirm\" value=\"1\" "
		    "class=\"govuk-button\" data-module=\"govuk-button\">Confirm the pairing</button>"
		    "<a class=\"govuk-link\" href=\"/network/mentoring\">Cancel</a></div>\n</form>\n"
		    "</div></div>\n");
	web_page_end(rq, rs);
	mentor_pool_free(&p);
	return 0;
}

/* ---- withdrawing a profile -----------------------------------------------*/

static void withdraw_form(struct web_req *rq, struct web_resp *rs, const struct mentor_person *x,
			  const char *role)
{
	web_raw(rs, "<form method=\"post\" action=\"/network/mentoring/withdraw\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"member\" value=\"%lld\">\n"
		       "<input type=\"hidden\" name=\"role\" value=\"%s\">\n"
		       "<button type=\"submit\" class=\"govuk-button govuk-button--secondary "
		       "govuk-!-margin-bottom-0\" data-module=\"govuk-button\">Withdraw<span "
		       "class=\"govuk-visually-hidden\"> the %s profile of %s</span></button>\n</form>\n",
		   (long long)x->member_id, role, role, x->name);
}

/* POST /network/mentoring/withdraw: the "are you sure" page, then
 * (confirm=1) the profile withdrawn. */
static int withdraw_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *role = web_param(rq, "role");
	struct mentor_pool p;
	int64_t id = 0;
	int i, rc;
	char target[64], msg[400];
	if (id_param(rq, "member", &id) < 0 || !role || (strcmp(role, "mentor") && strcmp(role, "mentee")))
		return err_set(e, ERR_NOTFOUND, "There is no such profile.");
	if (web_param(rq, "confirm")) {
		if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
			return rc < 0 ? rc : 0;
		rc = mentor_profile_withdraw(rq->db, id, role, e);
		if (rc == ERR_DATA) {
			store_rollback(rq->db);
			err_clear(e);
			web_flash(rq, "This profile had been withdrawn already");
			web_redirect(rs, "/network/mentoring");
			return 0;
		}
		if (rc >= 0) {
			snprintf(target, sizeof target, "%s profile of member %lld", role, (long long)id);
			rc = web_audit(rq, "mentor.withdraw", target, NULL, NULL, e);
		}
		if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
			store_rollback(rq->db);
			return rc;
		}
		web_flash(rq, "Profile withdrawn");
		web_redirect(rs, "/network/mentoring");
		return 0;
	}
	if ((rc = mentor_pool_load(rq->db, &p, e)) < 0)
		return rc;
	i = !strcmp(role, "mentor") ? mentor_pool_find(p.mentors, p.n_mentors, id) :
				      mentor_pool_find(p.mentees, p.n_mentees, id);
	if (i < 0) {
		mentor_pool_free(&p);
		return err_set(e, ERR_NOTFOUND, "There is no such profile.");
	}
	snprintf(msg, sizeof msg, "%s", !strcmp(role, "mentor") ? p.mentors[i].name : p.mentees[i].name);
	mentor_pool_free(&p);
	web_page_begin(rq, rs, "Are you sure you want to withdraw this profile?", SEC_MENTORING);
	web_raw(rs, "<a href=\"/network/mentoring\" class=\"govuk-back-link\">Mentoring</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_printf(rs, "<span class=\"govuk-caption-l\">%s, %s</span>\n<h1 class=\"govuk-heading-l\">"
		       "Are you sure you want to withdraw this profile?</h1>\n<p class=\"govuk-body\">"
		       "The %s profile is deleted: they will no longer be suggested as a %s. Their "
		       "pairings, meetings and outcomes stay. They can be given a profile again.</p>\n",
		   msg, role, role, role);
	web_raw(rs, "<form method=\"post\" action=\"/network/mentoring/withdraw\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"member\" value=\"%lld\">\n<input type=\"hidden\" "
		       "name=\"role\" value=\"%s\">\n", (long long)id, role);
	web_raw(rs, "<div class=\"govuk-button-group\"><button type=\"submit\" name=\"confirm\" "
		    "value=\"1\" class=\"govuk-button govuk-button--warning\" data-module=\"govuk-"
		    "button\">Withdraw the profile</button><a class=\"govuk-link\" href=\"/network/"
		    "mentoring\">Cancel</a></div>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
	return 0;
}

/* ---- outcomes --------------------------------------------------------------*/

static const struct web_choice yes_no_choices[2] = {
	{"yes", "Yes", NULL},
	{"no", "No", NULL},
};

/* The characteristics the outcomes can be counted by (ethnicity first:
 * the default). */
static const char *const outcome_chars[] = {"ethnicity", "sex", "age", "disability", "religion",
					    "sexual_orientation"};
#define N_OUTCOME_CHARS (sizeof outcome_chars / sizeof outcome_chars[0])

static const char *yes_no_words(store_stmt_t *st, int col)
{
	if (store_col_is_null(st, col))
		return "Not known";
	return store_col_int(st, col) ? "Yes" : "No";
}

/* The recorded outcomes, a table per year, newest first. */
static int outcome_tables(struct web_resp *rs, store_t *db, struct err *e)
{
	store_stmt_t *st;
	char year[16] = "";
	int rc, n = 0;
	rc = store_prepare(db, &st, e,
			   "SELECT o.period, m.name, o.applied, o.promoted FROM net_mentor_outcome o "
			   "JOIN net_member m ON m.id = o.member_id WHERE m.status <> 'erased' "
			   "ORDER BY o.period DESC, m.name, m.id", "");
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		if (strcmp(year, store_col_text(st, 0))) {
			if (n)
				web_raw(rs, "</tbody>\n</table>\n</div>\n");
			snprintf(year, sizeof year, "%s", store_col_text(st, 0));
			web_printf(rs, "<h3 class=\"govuk-heading-s\">%s</h3>\n", year);
			{
				char label[48];
				snprintf(label, sizeof label, "Outcomes in %s", year);
				TABLE_OPEN(rs, label);
			}
			web_printf(rs, "<caption class=\"govuk-table__caption govuk-visually-hidden\">"
				       "Outcomes in %s</caption>\n", year);
			web_raw(rs, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
				    "<th scope=\"col\" class=\"govuk-table__header\">Mentee</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Applied for promotion</th>"
				    "<th scope=\"col\" class=\"govuk-table__header\">Promoted</th></tr></thead>\n"
				    "<tbody class=\"govuk-table__body\">\n");
		}
		n++;
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
			       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s"
			       "</td></tr>\n", store_col_text(st, 1), yes_no_words(st, 2),
			   yes_no_words(st, 3));
	}
	store_done(st);
	if (rc < 0)
		return rc;
	web_raw(rs, n ? "</tbody>\n</table>\n</div>\n" :
			"<p class=\"govuk-body\">No outcomes recorded yet.</p>\n");
	return 0;
}

/* The page; errs (n_errs) belong to the form that was posted, named by
 * which: "record" or "send". */
static int outcomes_form(struct web_req *rq, struct web_resp *rs, const char *which,
			 const struct web_field_error *errs, int n_errs, struct err *e)
{
	const struct web_field_error *re = which && !strcmp(which, "record") ? errs : NULL;
	const struct web_field_error *se = which && !strcmp(which, "send") ? errs : NULL;
	int nre = re ? n_errs : 0, nse = se ? n_errs : 0, rc;
	struct web_choice chars[N_OUTCOME_CHARS];
	char this_year[8];
	struct web_field fd;
	store_stmt_t *st;
	const char *chosen = re ? web_param(rq, "mentee") : NULL;
	size_t i;
	snprintf(this_year, sizeof this_year, "%d", date_today().y);
	for (i = 0; i < N_OUTCOME_CHARS; i++)
		chars[i] = (struct web_choice){outcome_chars[i], monitor_char_label(outcome_chars[i]),
					       NULL};
	web_page_begin(rq, rs, n_errs ? "Error: Mentees' outcomes" : "Mentees' outcomes",
		       SEC_MENTORING);
	web_raw(rs, "<a href=\"/network/mentoring\" class=\"govuk-back-link\">Mentoring</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Mentees' outcomes</h1>\n"
		    "<p class=\"govuk-body\">For each year, whether a mentee applied for promotion "
		    "and whether they were promoted. Sent to monitoring, the outcomes are counted by "
		    "group, so that the network can see whether mentoring helps every group alike.</p>\n"
		    "<h2 class=\"govuk-heading-m\" id=\"recorded\">Recorded outcomes</h2>\n");
	if ((rc = outcome_tables(rs, rq->db, e)) < 0)
		return rc;

	web_raw(rs, "<h2 class=\"govuk-heading-m\" id=\"record\">Record an outcome</h2>\n"
		    "<form method=\"post\" action=\"/network/mentoring/outcomes\" novalidate>\n");
	web_csrf_field(rq, rs);
	fd = (struct web_field){"mentee", NULL, "Mentee", "A mentee's outcome for the same year "
				"is replaced", NULL, NULL, NULL};
	web_select_open(rs, &fd, re, nre);
	web_select_option(rs, "", "Choose a mentee", !chosen || !*chosen);
	rc = store_prepare(rq->db, &st, e,
			   "SELECT m.id, m.name FROM net_member m WHERE m.status <> 'erased' AND "
			   "(EXISTS (SELECT 1 FROM net_mentor_profile p WHERE p.member_id = m.id AND "
			   "p.role = 'mentee') OR EXISTS (SELECT 1 FROM net_mentor_pair q WHERE "
			   "q.mentee_id = m.id)) ORDER BY m.name, m.id", "");
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		char v[24];
		snprintf(v, sizeof v, "%lld", (long long)store_col_int(st, 0));
		web_select_option(rs, v, store_col_text(st, 1), chosen && !strcmp(chosen, v));
	}
	store_done(st);
	if (rc < 0)
		return rc;
	web_select_close(rs);
	fd = (struct web_field){"year", NULL, "Year", "For example, 2026",
				re ? web_param(rq, "year") : this_year, "govuk-input--width-4",
				"inputmode=\"numeric\""};
	web_input(rs, &fd, "text", re, nre);
	fd = (struct web_field){"applied", NULL, "Did they apply for promotion in the year?", NULL,
				re ? web_param(rq, "applied") : NULL, "govuk-radios--inline", NULL};
	web_radios(rs, &fd, yes_no_choices, 2, 0, re, nre);
	fd = (struct web_field){"promoted", NULL, "Were they promoted in the year?", NULL,
				re ? web_param(rq, "promoted") : NULL, "govuk-radios--inline", NULL};
	web_radios(rs, &fd, yes_no_choices, 2, 0, re, nre);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Record the outcome</button>\n</form>\n");

	web_raw(rs, "<h2 class=\"govuk-heading-m\" id=\"send\">Send this year's outcomes to "
		    "monitoring</h2>\n<p class=\"govuk-body\">The outcomes of the year are counted by "
		    "group and go to monitoring, which reports them and withholds small numbers when "
		    "they are published. You can check before anything is sent.</p>\n"
		    "<form method=\"post\" action=\"/network/mentoring/outcomes/send\" novalidate>\n");
	web_csrf_field(rq, rs);
	fd = (struct web_field){"send-year", NULL, "Year", "For example, 2026",
				se ? web_param(rq, "send-year") : this_year, "govuk-input--width-4",
				"inputmode=\"numeric\""};
	web_input(rs, &fd, "text", se, nse);
	fd = (struct web_field){"characteristic", NULL, "Count the mentees by", NULL,
				se && web_param(rq, "characteristic") ? web_param(rq, "characteristic")
								      : "ethnicity",
				NULL, NULL};
	web_radios(rs, &fd, chars, N_OUTCOME_CHARS, 0, se, nse);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
		    "data-module=\"govuk-button\">Continue</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
	return 0;
}

/* GET /network/mentoring/outcomes */
static int outcomes_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return outcomes_form(rq, rs, NULL, NULL, 0, e);
}

static int yes_no_param(const struct web_req *rq, const char *name)
{
	const char *v = web_param(rq, name);
	if (!v)
		return -1;
	return !strcmp(v, "yes") ? 1 : !strcmp(v, "no") ? 0 : -1;
}

/* POST /network/mentoring/outcomes: record one. */
static int outcome_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *year = web_param(rq, "year");
	struct web_field_error errs[4];
	struct err pe = {0};
	int64_t id = 0;
	int n = 0, rc, a = yes_no_param(rq, "applied"), p = yes_no_param(rq, "promoted");
	char target[64];
	if (id_param(rq, "mentee", &id) < 0)
		errs[n++] = (struct web_field_error){"mentee", "Select the mentee"};
	if (!year || str_blank(year))
		errs[n++] = (struct web_field_error){"year", "Enter the year"};
	else if (mentor_period_ok(year, &pe) < 0)
		errs[n++] = (struct web_field_error){"year", "Year must be 4 digits, like 2026"};
	if (a < 0)
		errs[n++] = (struct web_field_error){"applied", "Select yes if they applied for "
								"promotion in the year"};
	if (p < 0)
		errs[n++] = (struct web_field_error){"promoted", "Select yes if they were promoted "
								 "in the year"};
	if (n) {
		rs->status = 400;
		return outcomes_form(rq, rs, "record", errs, n, e);
	}
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = mentor_outcome_set(rq->db, id, year, a, p, rq->user->name, e);
	if (rc == ERR_DATA) {
		store_rollback(rq->db);
		err_clear(e);
		errs[0] = (struct web_field_error){"mentee", "This member has never been a mentee: "
							     "choose a mentee"};
		rs->status = 400;
		return outcomes_form(rq, rs, "record", errs, 1, e);
	}
	if (rc >= 0) {
		snprintf(target, sizeof target, "outcome of member %lld in %s", (long long)id, year);
		rc = web_audit(rq, "mentor.outcome", target, NULL, NULL, e);
	}
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	web_flash(rq, "Outcome recorded");
	web_redirect(rs, "/network/mentoring/outcomes");
	return 0;
}

/* POST /network/mentoring/outcomes/send: the check page, then
 * (confirm=1) the year's outcomes imported into monitoring (in its own
 * transaction), then audited in a second one. */
static int outcomes_send_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *year = web_param(rq, "send-year"), *chr = web_param(rq, "characteristic");
	const char *dataset = "mentoring";
	struct web_field_error errs[2];
	struct err pe = {0};
	struct buf csv = BUF_INIT, problems = BUF_INIT;
	int n = 0, rc, n_mentees = 0, raised = 0;
	int64_t have = 0;
	size_t i;
	char name[64], target[96], to[96];
	if (!year || str_blank(year))
		errs[n++] = (struct web_field_error){"send-year", "Enter the year"};
	else if (mentor_period_ok(year, &pe) < 0)
		errs[n++] = (struct web_field_error){"send-year", "Year must be 4 digits, like 2026"};
	for (i = 0; chr && i < N_OUTCOME_CHARS; i++)
		if (!strcmp(chr, outcome_chars[i]))
			break;
	if (!chr || i == N_OUTCOME_CHARS)
		errs[n++] = (struct web_field_error){"characteristic", "Select what to count the "
								       "mentees by"};
	if (!n) {
		if ((rc = store_query_int(rq->db, &have, e, "SELECT COUNT(*) FROM net_mentor_outcome o "
					  "JOIN net_member m ON m.id = o.member_id WHERE o.period = ? "
					  "AND m.status <> 'erased'", "t", year)) < 0)
			return rc;
		if (!have)
			errs[n++] = (struct web_field_error){"send-year", "No outcome is recorded for "
									  "this year: record the mentees' outcomes first"};
	}
	if (n) {
		rs->status = 400;
		return outcomes_form(rq, rs, "send", errs, n, e);
	}
	if (!web_param(rq, "confirm")) {
		char count[16];
		web_page_begin(rq, rs, "Check before you send the outcomes to monitoring",
			       SEC_MENTORING);
		web_raw(rs, "<a href=\"/network/mentoring/outcomes\" class=\"govuk-back-link\">Back</a>\n"
			    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
			    "<h1 class=\"govuk-heading-l\">Check before you send the outcomes to "
			    "monitoring</h1>\n<dl class=\"govuk-summary-list\">\n");
		sl_row(rs, "Year", year);
		sl_row(rs, "Counted by", monitor_char_label(chr));
		snprintf(count, sizeof count, "%lld", (long long)have);
		sl_row(rs, "Mentees with an outcome", count);
		sl_row(rs, "Dataset in monitoring", monitor_dataset_label(dataset));
		web_printf(rs, "</dl>\n<p class=\"govuk-body\">The numbers of mentees who applied for "
			       "promotion and who were promoted, in each group, go to monitoring as "
			       "the dataset “%s” for %s, replacing any sent for %s before. Monitoring "
			       "reports them and raises flags where a group differs; small numbers are "
			       "withheld when they are published. No counts by group are shown "
			       "here.</p>\n<form method=\"post\" action=\"/network/mentoring/outcomes/"
			       "send\" novalidate>\n", monitor_dataset_label(dataset), year, year);
		web_csrf_field(rq, rs);
		web_printf(rs, "<input type=\"hidden\" name=\"send-year\" value=\"%s\">\n<input "
			       "type=\"hidden\" name=\"characteristic\" value=\"%s\">\n", year, chr);
		web_raw(rs, "<div class=\"govuk-button-group\"><button type=\"submit\" name=\"confirm\" "
			    "value=\"1\" class=\"govuk-button\" data-module=\"govuk-button\">Send to "
			    "monitoring</button><a class=\"govuk-link\" href=\"/network/mentoring/"
			    "outcomes\">Cancel</a></div>\n</form>\n</div></div>\n");
		web_page_end(rq, rs);
		return 0;
	}
	/* the capability checked in a transaction; the counts read there */
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = mentor_outcomes_csv(rq->db, year, chr, &csv, &n_mentees, e);
	store_rollback(rq->db); /* monitoring imports in a transaction of its own */
	if (rc == ERR_DATA) { /* the year's outcomes went meanwhile (a member erased) */
		buf_free(&csv);
		err_clear(e);
		errs[0] = (struct web_field_error){"send-year", "No outcome is recorded for this "
								 "year: record the mentees' outcomes first"};
		rs->status = 400;
		return outcomes_form(rq, rs, "send", errs, 1, e);
	}
	snprintf(name, sizeof name, "mentoring outcomes %s", year);
	if (rc >= 0)
		rc = monitor_counts_import_mem(rq->db, dataset, name, rq->user->name, buf_str(&csv),
					       csv.len, &problems, &raised, e);
	if (rc < 0 && problems.len)
		err_prefix(e, "%s", buf_str(&problems));
	buf_free(&csv);
	buf_free(&problems);
	if (rc < 0)
		return rc;
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	snprintf(target, sizeof target, "dataset %s, %s", dataset, year);
	rc = web_audit(rq, "mentor.outcomes", target, NULL, chr, e);
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	snprintf(to, sizeof to, "/network/mentoring/outcomes/sent?year=%s", year);
	web_redirect(rs, to);
	return 0;
}

/* GET /network/mentoring/outcomes/sent?year=YYYY: the confirmation. */
static int outcomes_sent_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *year = web_param(rq, "year");
	struct err pe = {0};
	struct buf href = BUF_INIT;
	(void)e;
	if (!year || mentor_period_ok(year, &pe) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no such page.");
	buf_puts(&href, "/monitoring/report?dataset=mentoring&period=");
	web_urlenc(&href, year);
	web_page_begin(rq, rs, "Outcomes sent to monitoring", SEC_MENTORING);
	web_printf(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		       "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__"
		       "title\">Outcomes sent to monitoring</h1><div class=\"govuk-panel__body\">%s, "
		       "as the dataset %s</div></div>\n<h2 class=\"govuk-heading-m\">What happens "
		       "next</h2>\n<p class=\"govuk-body\">Monitoring reports the outcomes by group and "
		       "raises flags where a group differs. Small numbers are withheld when the "
		       "report is published.</p>\n<p class=\"govuk-body\"><a class=\"govuk-link\" "
		       "href=\"%s\">See the %s report for %s</a></p>\n<p class=\"govuk-body\"><a "
		       "class=\"govuk-link\" href=\"/network/mentoring/outcomes\">Back to mentees' "
		       "outcomes</a></p>\n</div></div>\n", year, monitor_dataset_label("mentoring"),
		   buf_str(&href), monitor_dataset_label("mentoring"), year);
	web_page_end(rq, rs);
	buf_free(&href);
	return 0;
}

/* ---- a pairing -----------------------------------------------------------*/

static int pair_page(struct web_req *rq, struct web_resp *rs, const struct mentor_pair_row *r,
		     const struct web_field_error *errs, int n_errs, struct err *e)
{
	char when[48], title[80], action[80];
	struct web_field fd;
	store_stmt_t *st;
	int rc, n = 0;
	snprintf(title, sizeof title, "%sMentoring pairing %lld", n_errs ? "Error: " : "",
		 (long long)r->id);
	web_page_begin(rq, rs, title, SEC_MENTORING);
	web_raw(rs, "<a href=\"/network/mentoring\" class=\"govuk-back-link\">Mentoring</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<span class=\"govuk-caption-l\">Mentoring pairing %lld</span>\n"
		       "<h1 class=\"govuk-heading-l\">%s and %s</h1>\n<dl class=\"govuk-summary-list\">\n",
		   (long long)r->id, r->mentee_name, r->mentor_name);
	sl_row(rs, "Mentee", r->mentee_name);
	sl_row(rs, "Mentor", r->mentor_name);
	sl_row(rs, "Status", !strcmp(r->status, "agreed") ? "Going on" : "Ended");
	date_words(r->agreed_on, when);
	sl_row(rs, "Agreed", when);
	if (*r->ended_on) {
		date_words(r->ended_on, when);
		sl_row(rs, "Ended", when);
		sl_row(rs, "Rating", rating_words(r->rating));
		sl_row(rs, "Feedback", *r->feedback ? r->feedback : "None given");
	}
	web_raw(rs, "</dl>\n<h2 class=\"govuk-heading-m\">Meetings</h2>\n");
	rc = store_prepare(rq->db, &st, e, "SELECT date, note FROM net_mentor_meeting WHERE "
			   "pair_id = ? ORDER BY date, id", "i", r->id);
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		if (!n++)
			web_raw(rs, "<ul class=\"govuk-list govuk-list--bullet\">\n");
		date_words(store_col_text(st, 0), when);
		web_printf(rs, "<li>%s%s%s</li>\n", when, *store_col_text(st, 1) ? ": " : "",
			   store_col_text(st, 1));
	}
	store_done(st);
	if (rc < 0)
		return rc;
	web_raw(rs, n ? "</ul>\n" : "<p class=\"govuk-body\">No meetings logged yet.</p>\n");
	if (!strcmp(r->status, "agreed")) {
		web_raw(rs, "<h2 class=\"govuk-heading-m\">Log a meeting</h2>\n");
		snprintf(action, sizeof action, "/network/mentoring/pairs/%lld/meeting", (long long)r->id);
		web_printf(rs, "<form method=\"post\" action=\"%s\" novalidate>\n", action);
		web_csrf_field(rq, rs);
		fd = (struct web_field){"date", NULL, "Date of the meeting", "For example, 3 2 2026",
					NULL, NULL, NULL};
		web_date_input(rs, &fd, posted(rq, "date-day", NULL), posted(rq, "date-month", NULL),
			       posted(rq, "date-year", NULL), errs, n_errs);
		fd = (struct web_field){"note", NULL, "Note (optional)",
					"What was discussed, in a few words", posted(rq, "note", NULL),
					NULL, NULL};
		web_textarea(rs, &fd, 3, errs, n_errs);
		web_printf(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			       "Log the meeting</button>\n</form>\n<p class=\"govuk-body\"><a class=\"govuk-link\" "
			       "href=\"/network/mentoring/pairs/%lld/end\">End this pairing</a></p>\n",
			   (long long)r->id);
	}
	web_raw(rs, "</div></div>\n");
	web_page_end(rq, rs);
	return 0;
}

static const struct web_choice ratings[6] = {
	{"5", "5 (very good)", NULL}, {"4", "4", NULL}, {"3", "3", NULL},
	{"2", "2", NULL},	      {"1", "1 (poor)", NULL}, {"0", "No rating", NULL},
};

static int end_form(struct web_req *rq, struct web_resp *rs, const struct mentor_pair_row *r,
		    const struct web_field_error *errs, int n_errs)
{
	struct web_field fd;
	char back[64];
	web_page_begin(rq, rs, n_errs ? "Error: End the pairing" : "End the pairing", SEC_MENTORING);
	snprintf(back, sizeof back, "/network/mentoring/pairs/%lld", (long long)r->id);
	web_printf(rs, "<a href=\"%s\" class=\"govuk-back-link\">Back</a>\n", back);
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<span class=\"govuk-caption-l\">%s and %s</span>\n<h1 class=\"govuk-heading-l\">"
		       "End the pairing</h1>\n<div class=\"govuk-warning-text\"><span class=\"govuk-"
		       "warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"govuk-warning-"
		       "text__text\"><span class=\"govuk-visually-hidden\">Warning</span> An ended "
		       "pairing cannot be restarted; the mentee can be paired again.</strong></div>\n"
		       "<form method=\"post\" action=\"%s/end\" novalidate>\n", r->mentee_name,
		   r->mentor_name, back);
	web_csrf_field(rq, rs);
	fd = (struct web_field){"feedback", NULL, "Feedback (optional)",
				"What went well, what could be better", posted(rq, "feedback", NULL),
				NULL, NULL};
	web_textarea(rs, &fd, 4, errs, n_errs);
	fd = (struct web_field){"rating", NULL, "How helpful was the mentoring?", NULL,
				posted(rq, "rating", NULL), NULL, NULL};
	web_radios(rs, &fd, ratings, 6, 0, errs, n_errs);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
		    "data-module=\"govuk-button\">End the pairing</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
	return 0;
}

/* GET /network/mentoring/pairs/N and /N/end */
static int pair_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct mentor_pair_row *r;
	const char *what;
	int64_t id;
	int rc;
	if (web_arg_id(rq->arg, &id, &what) < 0 || (*what && strcmp(what, "end")))
		return err_set(e, ERR_NOTFOUND, "There is no such pairing.");
	r = calloc(1, sizeof *r);
	if (!r)
		return err_set(e, ERR_INTERNAL, "out of memory");
	if ((rc = mentor_pair_load(rq->db, id, r, e)) == ERR_NOTFOUND) {
		err_clear(e);
		rc = err_set(e, ERR_NOTFOUND, "There is no such pairing.");
	} else if (rc >= 0 && *what && strcmp(r->status, "agreed")) {
		rc = err_set(e, ERR_NOTFOUND, "This pairing has ended.");
	} else if (rc >= 0) {
		rc = *what ? end_form(rq, rs, r, NULL, 0) : pair_page(rq, rs, r, NULL, 0, e);
	}
	free(r);
	return rc;
}

static int meeting_post(struct web_req *rq, struct web_resp *rs, struct mentor_pair_row *r,
			struct err *e)
{
	struct web_field_error errs[2];
	const char *note = web_param(rq, "note");
	char msg[160], target[48], iso[11], to[64];
	struct date d;
	int n = 0, k, rc;
	k = web_date_read(rq, "date", "Date of the meeting", &d, msg);
	if (k < 0)
		errs[n++] = (struct web_field_error){"date", msg};
	else if (k == 0)
		errs[n++] = (struct web_field_error){"date", "Enter the date of the meeting"};
	else if (date_cmp(d, date_today()) > 0)
		errs[n++] = (struct web_field_error){"date", "Date of the meeting must be today or in the past"};
	else {
		date_format(d, iso);
		if (strcmp(iso, r->agreed_on) < 0)
			errs[n++] = (struct web_field_error){"date", "Date of the meeting must be on or "
								     "after the day the pairing was agreed"};
	}
	if (note && strlen(note) > MENTOR_TEXT_MAX)
		errs[n++] = (struct web_field_error){"note", "Note must be 2000 characters or fewer"};
	if (n) {
		rs->status = 400;
		return pair_page(rq, rs, r, errs, n, e);
	}
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = mentor_meeting_add(rq->db, r->id, d, note, rq->user->name, e);
	if (rc >= 0) {
		snprintf(target, sizeof target, "mentoring pairing %lld", (long long)r->id);
		rc = web_audit(rq, "mentor.meeting", target, NULL, iso, e);
	}
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	web_flash(rq, "Meeting logged");
	snprintf(to, sizeof to, "/network/mentoring/pairs/%lld", (long long)r->id);
	web_redirect(rs, to);
	return 0;
}

static int end_post(struct web_req *rq, struct web_resp *rs, struct mentor_pair_row *r,
		    struct err *e)
{
	struct web_field_error errs[2];
	const char *feedback = web_param(rq, "feedback"), *rating = web_param(rq, "rating");
	char target[48], to[64], after[24] = "";
	long rt = 0;
	int n = 0, rc;
	if (feedback && strlen(feedback) > MENTOR_TEXT_MAX)
		errs[n++] = (struct web_field_error){"feedback", "Feedback must be 2000 characters or fewer"};
	if (!rating || str_to_int(rating, 0, 5, &rt) < 0)
		errs[n++] = (struct web_field_error){"rating", "Select how helpful the mentoring was, "
							       "or No rating"};
	if (n) {
		rs->status = 400;
		return end_form(rq, rs, r, errs, n);
	}
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	rc = mentor_pair_end(rq->db, r->id, feedback, (int)rt, e);
	if (rc >= 0) {
		if (rt)
			snprintf(after, sizeof after, "rating %ld", rt);
		snprintf(target, sizeof target, "mentoring pairing %lld", (long long)r->id);
		rc = web_audit(rq, "mentor.end", target, NULL, *after ? after : NULL, e);
	}
	if (rc < 0 || (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	web_flash(rq, "Pairing ended");
	snprintf(to, sizeof to, "/network/mentoring/pairs/%lld", (long long)r->id);
	web_redirect(rs, to);
	return 0;
}

/* POST /network/mentoring/pairs/N/meeting and /N/end */
static int pair_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct mentor_pair_row *r;
	const char *what;
	int64_t id;
	int rc;
	if (web_arg_id(rq->arg, &id, &what) < 0 || (strcmp(what, "meeting") && strcmp(what, "end")))
		return err_set(e, ERR_NOTFOUND, "There is no such pairing.");
	r = calloc(1, sizeof *r);
	if (!r)
		return err_set(e, ERR_INTERNAL, "out of memory");
	if ((rc = mentor_pair_load(rq->db, id, r, e)) == ERR_NOTFOUND) {
		err_clear(e);
		rc = err_set(e, ERR_NOTFOUND, "There is no such pairing.");
	} else if (rc >= 0 && strcmp(r->status, "agreed")) {
		rc = err_set(e, ERR_NOTFOUND, "This pairing has ended.");
	} else if (rc >= 0) {
		rc = !strcmp(what, "end") ? end_post(rq, rs, r, e) : meeting_post(rq, rs, r, e);
	}
	free(r);
	return rc;
}

/* ---- the room ------------------------------------------------------------*/

static const struct web_route mentor_pages[] = {
	{"GET", "/network/mentoring", CAP_MEMBERS, mentoring_page},
	{"GET", "/network/mentoring/new", CAP_MEMBERS, profile_new_page},
	{"POST", "/network/mentoring/new", CAP_MEMBERS, profile_new_post},
	{"POST", "/network/mentoring/confirm", CAP_MEMBERS, confirm_post},
	{"POST", "/network/mentoring/withdraw", CAP_MEMBERS, withdraw_post},
	{"GET", "/network/mentoring/outcomes", CAP_MEMBERS, outcomes_page},
	{"POST", "/network/mentoring/outcomes", CAP_MEMBERS, outcome_post},
	{"POST", "/network/mentoring/outcomes/send", CAP_MEMBERS, outcomes_send_post},
	{"GET", "/network/mentoring/outcomes/sent", CAP_MEMBERS, outcomes_sent_page},
	{"GET", "/network/mentoring/pairs/*", CAP_MEMBERS, pair_get},
	{"POST", "/network/mentoring/pairs/*", CAP_MEMBERS, pair_post},
};

static const struct web_nav mentor_nav[] = {
	{73, SEC_MENTORING, CAP_MEMBERS, "/network/mentoring", "Mentoring"},
};

static const struct web_audit_word mentor_audit_words[] = {
	{"mentor.profile", "Recorded a mentoring profile"},
	{"mentor.withdraw", "Withdrew a mentoring profile"},
	{"mentor.pair", "Confirmed a mentoring pairing"},
	{"mentor.meeting", "Logged a mentoring meeting"},
	{"mentor.end", "Ended a mentoring pairing"},
	{"mentor.outcome", "Recorded a mentee's outcome"},
	{"mentor.outcomes", "Imported mentoring outcomes into monitoring"},
};

const struct room mentoring_room = {
	"mentoring",
	mentor_commands,
	mentor_pages,
	sizeof mentor_pages / sizeof mentor_pages[0],
	mentor_nav,
	sizeof mentor_nav / sizeof mentor_nav[0],
	mentor_audit_words,
	sizeof mentor_audit_words / sizeof mentor_audit_words[0],
};
