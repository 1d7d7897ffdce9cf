/*
 * network/member_join.c: the staff network's public page — what the
 * network is, and joining it from a form (no sign-in). A join makes a
 * 'pending' member and mails a confirmation link (only the token's hash
 * is stored, migration 018); opening the link shows a page with a button,
 * and only the POST of that button makes the member active with the
 * consents ticked, given 'web' in the wording the visitor was shown —
 * mail scanners follow links, so a GET never confirms. Unconfirmed joins
 * expire after 7 days. The form is rate-limited per address
 * (net_rate_hit), answering 429 with when to try again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/dates.h"
#include "core/str.h"
#include "mail/mail.h"
#include "network/member.h"

/* Joins one address may send in JOIN_WINDOW seconds. */
#define JOIN_MAX 5
#define JOIN_WINDOW 3600
#define JOIN_DAYS 7

/* The public pages' section (the site's "Public information" entry). */
#define SEC_PUBLIC "public"

static int64_t region_count(store_t *db)
{
	int64_t n = 0;
	struct err e2;
	err_clear(&e2);
	store_query_int(db, &n, &e2, "SELECT COUNT(*) FROM net_region", "");
	return n;
}

static void public_links(struct web_resp *rs)
{
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Meetings and mailing lists</h2>\n"
		    "<ul class=\"govuk-list\">\n"
		    "<li><a class=\"govuk-link\" href=\"/public/meetings\">The network's meetings "
		    "calendar</a></li>\n"
		    "<li><a class=\"govuk-link\" href=\"/lists\">The network's mailing lists</a></li>\n"
		    "</ul>\n");
}

static void join_render(struct web_req *rq, struct web_resp *rs, int posted,
			const struct web_field_error *errs, int n_errs)
{
	struct web_field f;
	store_stmt_t *st;
	struct err e2;
	int open = mail_configured(rq->db) && region_count(rq->db) > 0;
	web_page_begin(rq, rs, n_errs ? "Error: The staff network" : "The staff network",
		       SEC_PUBLIC);
	web_raw(rs, "<a href=\"/public\" class=\"govuk-back-link\">Equality information</a>\n");
	web_error_summary(rs, errs, n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">The staff network</h1>\n"
		    "<p class=\"govuk-body-l\">An association of Black staff in every region: "
		    "regional meetings every two months, a managers' group each quarter, an annual "
		    "conference with its general meeting, briefings and mentoring.</p>\n"
		    "<h2 class=\"govuk-heading-m\">Join the network</h2>\n");
	if (!open) {
		web_raw(rs, "<div class=\"govuk-inset-text\">Joining is not open yet. When the network "
			    "starts sending email from this site, this page will have a form to join, "
			    "saying exactly what your details are used for.</div>\n");
		public_links(rs);
		web_page_end(rq, rs);
		return;
	}
	web_raw(rs, "<p class=\"govuk-body\">We will email you a link to confirm that the address is "
		    "yours. Nothing is used until you confirm, and an unconfirmed request is deleted "
		    "after a week.</p>\n"
		    "<form method=\"post\" action=\"/public/network\" novalidate>\n");
	web_csrf_field(rq, rs);
	f = (struct web_field){"name", NULL, "Full name", NULL, posted ? web_param(rq, "name") : NULL,
			       NULL, "autocomplete=\"name\" spellcheck=\"false\""};
	web_input(rs, &f, "text", errs, n_errs);
	f = (struct web_field){"email", NULL, "Email address", "Your work or personal email",
			       posted ? web_param(rq, "email") : NULL, NULL,
			       "autocomplete=\"email\" spellcheck=\"false\""};
	web_input(rs, &f, "email", errs, n_errs);
	f = (struct web_field){"region", NULL, "Region", NULL,
			       posted ? web_param(rq, "region") : NULL, NULL, NULL};
	web_select_open(rs, &f, errs, n_errs);
	web_select_option(rs, "", "Choose your region", !posted || str_blank(web_param(rq, "region")));
	err_clear(&e2);
	if (store_prepare(rq->db, &st, &e2, "SELECT name FROM net_region ORDER BY name", "") == 0) {
		while (store_step(st, &e2) == 1) {
			const char *r = store_col_text(st, 0), *v = web_param(rq, "region");
			web_select_option(rs, r, r, posted && v && !strcmp(v, r));
		}
		store_done(st);
	}
	web_select_close(rs);
	f = (struct web_field){"grade", NULL, "Grade (optional)", "For example, PO or SPO",
			       posted ? web_param(rq, "grade") : NULL, "govuk-input--width-10", NULL};
	web_input(rs, &f, "text", errs, n_errs);
	{
		struct web_check boxes[NET_N_PURPOSES];
		struct buf words[NET_N_PURPOSES];
		int i, k;
		f = (struct web_field){"consent", "consent", "What do you agree to?",
				       "Tick each you agree to. You can change your mind at any time.",
				       NULL, NULL, NULL};
		for (i = 0; i < NET_N_PURPOSES; i++) {
			int64_t v = 0;
			err_clear(&e2);
			words[i] = (struct buf)BUF_INIT;
			member_wording(rq->db, net_purposes[i], &v, &words[i], &e2);
			boxes[i] = (struct web_check){net_purposes[i], buf_str(&words[i]), 0};
			for (k = 0; posted; k++) {
				const char *c = web_param_n(rq, "consent", k);
				if (!c)
					break;
				boxes[i].checked |= !strcmp(c, net_purposes[i]);
			}
		}
		web_checkboxes(rs, &f, boxes, NET_N_PURPOSES, errs, n_errs);
		for (i = 0; i < NET_N_PURPOSES; i++)
			buf_free(&words[i]);
	}
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Join the network</button>\n</form>\n");
	public_links(rs);
	web_page_end(rq, rs);
}

int member_public_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	join_render(rq, rs, 0, NULL, 0);
	return 0;
}

static void sent_page(struct web_req *rq, struct web_resp *rs)
{
	web_page_begin(rq, rs, "Check your email", SEC_PUBLIC);
	web_raw(rs, "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">"
		    "Check your email</h1></div>\n"
		    "<p class=\"govuk-body\">If the address you gave can join, we have sent it a link. "
		    "Open the link and press the button on that page to confirm. The link works for a "
		    "week.</p>\n"
		    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/public/network\">Back to the "
		    "staff network</a></p>\n");
	web_page_end(rq, rs);
}

static void too_many(struct web_req *rq, struct web_resp *rs, time_t now)
{
	char iso[21], when[48];
	date_iso_at(now + JOIN_WINDOW, iso);
	date_when_uk(iso, when);
	rs->status = 429;
	web_page_begin(rq, rs, "Too many requests", SEC_PUBLIC);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">Too many requests</h1>\n"
		       "<p class=\"govuk-body\">Too many requests to join came from your connection. "
		       "Try again after %s.</p>\n"
		       "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/public/network\">Back to "
		       "the staff network</a></p>\n",
		   when);
	web_page_end(rq, rs);
}

/* Queue the confirmation mail to email for member id with token. */
static int queue_confirm(store_t *db, int64_t id, const char *email, const char *name,
			 const char *token, struct err *e)
{
	struct mail_settings s;
	struct buf text = BUF_INIT, html = BUF_INIT;
	struct mail_msg m;
	int rc;
	if ((rc = mail_settings_get(db, &s, e)) < 0)
		return rc;
	buf_printf(&text, "Hello %s,\n\nSomeone, we hope you, asked to join the staff network with "
		   "this email address. To confirm, open this link and press the button on the page:\n\n"
		   "%s/network/join/confirm?t=%s\n\nThe link works for 7 days. If you did not ask to "
		   "join, ignore this email: nothing is kept unless you confirm.\n",
		   name, s.site_url, token);
	m = (struct mail_msg){email, name, "Confirm that you want to join the staff network",
			      buf_str(&text), NULL, NULL, 0, NULL, "join", id, 0};
	rc = mail_queue(db, &s, &m, NULL, e);
	buf_free(&text);
	buf_free(&html);
	return rc;
}

int member_join_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *name = web_param(rq, "name"), *email = web_param(rq, "email"),
		   *region = web_param(rq, "region"), *grade = web_param(rq, "grade"), *c, *field;
	struct web_field_error errs[5];
	char msg[400], norm[320], token[NET_TOKEN_HEX + 1], hash[NET_TOKEN_HEX + 1], target[48];
	int n_errs = 0, rc, k;
	int64_t id = 0, rid = 0, existing = 0, join_id, wid;
	time_t now = time(NULL);
	struct err ce;
	store_stmt_t *st;
	if (!mail_configured(rq->db) || region_count(rq->db) == 0)
		return err_set(e, ERR_NOTFOUND, "Joining the staff network is not open yet.");
	if ((rc = web_begin(rq, rs, CAP_PUBLIC, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = net_rate_hit(rq->db, "join", rq->remote ? rq->remote : "", JOIN_MAX, JOIN_WINDOW,
			       now, e)) < 0)
		goto fail;
	if (rc == 0) {
		/* the hit is not recorded over the limit; nothing to keep */
		store_rollback(rq->db);
		too_many(rq, rs, now);
		return 0;
	}
	if ((rc = member_join_expire(rq->db, now, e)) < 0)
		goto fail;
	err_clear(&ce);
	if (str_blank(name))
		errs[n_errs++] = (struct web_field_error){"name", "Enter your full name"};
	if (str_blank(email))
		errs[n_errs++] = (struct web_field_error){"email", "Enter your email address"};
	else if (mail_address_ok(email, &ce) < 0) {
		snprintf(msg, sizeof msg, "Enter an email address in the correct format, like "
			 "name@example.org");
		errs[n_errs++] = (struct web_field_error){"email", msg};
	}
	if (str_blank(region) || net_region_id(rq->db, region, 0, &rid, &ce) < 0)
		errs[n_errs++] = (struct web_field_error){"region", "Choose your region"};
	for (k = 0; (c = web_param_n(rq, "consent", k)); k++)
		if (net_purpose_ok(c, &ce) < 0)
			errs[n_errs > 4 ? 4 : n_errs++] =
				(struct web_field_error){"consent", "Tick only the boxes shown"};
	if (n_errs) {
		/* keep the rate-limit hit: commit it alone */
		if ((rc = store_commit(rq->db, e)) < 0)
			goto fail;
		rs->status = 400;
		join_render(rq, rs, 1, errs, n_errs);
		return 0;
	}
	mail_address_norm(email, norm, sizeof norm);
	if ((rc = store_query_int(rq->db, &existing, e,
				  "SELECT id FROM net_member WHERE email = ?", "t", norm)) < 0)
		goto fail;
	if (existing) {
		int64_t pending = 0;
		if ((rc = store_query_int(rq->db, &pending, e,
					  "SELECT COUNT(*) FROM net_member WHERE id = ? AND"
					  " status = 'pending'",
					  "i", existing)) < 0)
			goto fail;
		if (!pending) {
			/* Already a member: say the same as for anyone, so the form
			 * tells no one who is a member. */
			if ((rc = store_commit(rq->db, e)) < 0)
				goto fail;
			web_redirect(rs, "/public/network/sent");
			return 0;
		}
		id = existing;
		if ((rc = store_exec(rq->db, e,
				     "DELETE FROM net_join_consent WHERE join_id IN"
				     " (SELECT id FROM net_join WHERE member_id = ?)",
				     "i", id)) < 0 ||
		    (rc = store_exec(rq->db, e, "DELETE FROM net_join WHERE member_id = ?", "i", id)) < 0 ||
		    (rc = store_exec(rq->db, e,
				     "UPDATE net_member SET name = ?, region_id = ?, grade = ? WHERE id = ?",
				     "titi", name, rid, str_blank(grade) ? NULL : grade, id)) < 0 ||
		    (rc = member_touch(rq->db, id, e)) < 0)
			goto fail;
	} else {
		struct member_new m = {norm, name, region, str_blank(grade) ? NULL : grade, 0, NULL,
				       "pending"};
		field = NULL;
		err_clear(&ce);
		rc = member_insert(rq->db, &m, 0, &id, &field, &ce);
		if (rc == ERR_DATA || rc == ERR_NOTFOUND) {
			char m2[1024];
			snprintf(m2, sizeof m2, "%s", ce.msg);
			if (m2[0] >= 'a' && m2[0] <= 'z')
				m2[0] = (char)(m2[0] - 32);
			if ((rc = store_commit(rq->db, e)) < 0)
				goto fail;
			errs[0] = (struct web_field_error){field ? field : "email", m2};
			rs->status = 400;
			join_render(rq, rs, 1, errs, 1);
			return 0;
		}
		if (rc < 0) {
			rc = err_set(e, rc, "%s", ce.msg);
			goto fail;
		}
	}
	net_token_new(token);
	net_token_hash(token, hash);
	if ((rc = store_prepare(rq->db, &st, e,
				"INSERT INTO net_join (member_id, token_hash, created_at, expires_at)"
				" VALUES (?, ?, ?, ?) RETURNING id",
				"itii", id, hash, (int64_t)now,
				(int64_t)now + (int64_t)JOIN_DAYS * 86400)) < 0)
		goto fail;
	join_id = 0;
	if ((rc = store_step(st, e)) == 1)
		join_id = store_col_int(st, 0);
	store_done(st);
	if (rc < 0)
		goto fail;
	for (k = 0; (c = web_param_n(rq, "consent", k)); k++) {
		if ((rc = store_query_int(rq->db, &wid, e,
					  "SELECT id FROM net_consent_wording WHERE purpose = ?"
					  " ORDER BY version DESC LIMIT 1",
					  "t", c)) < 0 ||
		    (rc = store_exec(rq->db, e,
				     "INSERT INTO net_join_consent (join_id, purpose, wording_id)"
				     " VALUES (?, ?, ?)",
				     "iti", join_id, c, wid)) < 0)
			goto fail;
	}
	snprintf(target, sizeof target, "member %lld", (long long)id);
	if ((rc = queue_confirm(rq->db, id, norm, name, token, e)) < 0 ||
	    (rc = web_audit(rq, "member.join", target, NULL, NULL, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0)
		goto fail;
	web_redirect(rs, "/public/network/sent");
	return 0;
fail:
	store_rollback(rq->db);
	return rc;
}

int member_sent_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	sent_page(rq, rs);
	return 0;
}

static void bad_link(struct web_req *rq, struct web_resp *rs)
{
	rs->status = 404;
	web_page_begin(rq, rs, "This link does not work", SEC_PUBLIC);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">This link does not work</h1>\n"
		    "<p class=\"govuk-body\">The link may have been used already, or be more than a "
		    "week old. You can <a class=\"govuk-link\" href=\"/public/network\">ask to join "
		    "again</a>.</p>\n");
	web_page_end(rq, rs);
}

/* The unconfirmed, unexpired join of token into *join_id and *member_id;
 * 0 when there is none. */
static int join_find(store_t *db, const char *token, time_t now, int64_t *join_id,
		     int64_t *member_id, struct err *e)
{
	char hash[NET_TOKEN_HEX + 1];
	store_stmt_t *st;
	int rc;
	*join_id = *member_id = 0;
	if (!token || strlen(token) != NET_TOKEN_HEX)
		return 0;
	net_token_hash(token, hash);
	if ((rc = store_prepare(db, &st, e,
				"SELECT j.id, j.member_id FROM net_join j JOIN net_member m"
				" ON m.id = j.member_id WHERE j.token_hash = ? AND j.confirmed_at IS NULL"
				" AND j.expires_at >= ? AND m.status = 'pending'",
				"ti", hash, (int64_t)now)) < 0)
		return rc;
	if ((rc = store_step(st, e)) == 1) {
		*join_id = store_col_int(st, 0);
		*member_id = store_col_int(st, 1);
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

int member_confirm_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *t = web_param(rq, "t");
	int64_t join_id, member_id;
	int rc;
	if ((rc = join_find(rq->db, t, time(NULL), &join_id, &member_id, e)) < 0)
		return rc;
	if (!join_id) {
		bad_link(rq, rs);
		return 0;
	}
	web_page_begin(rq, rs, "Confirm that you want to join", SEC_PUBLIC);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Confirm that you want to join</h1>\n"
		    "<p class=\"govuk-body\">Press the button to join the staff network with the "
		    "choices you made on the form.</p>\n"
		    "<form method=\"post\" action=\"/network/join/confirm\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_printf(rs, "<input type=\"hidden\" name=\"t\" value=\"%s\">\n", t);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Confirm and join</button>\n</form>\n");
	web_page_end(rq, rs);
	return 0;
}

int member_confirm_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *t = web_param(rq, "t");
	int64_t join_id, member_id;
	time_t now = time(NULL);
	store_stmt_t *st;
	char iso[21], target[48];
	int rc;
	if ((rc = web_begin(rq, rs, CAP_PUBLIC, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = join_find(rq->db, t, now, &join_id, &member_id, e)) < 0)
		goto fail;
	if (!join_id) {
		store_rollback(rq->db);
		bad_link(rq, rs);
		return 0;
	}
	date_now_iso(iso);
	if ((rc = store_prepare(rq->db, &st, e,
				"SELECT purpose, wording_id FROM net_join_consent WHERE join_id = ?",
				"i", join_id)) < 0)
		goto fail;
	while ((rc = store_step(st, e)) == 1) {
		struct err e2;
		err_clear(&e2);
		if (store_exec(rq->db, &e2,
			       "INSERT INTO net_consent (member_id, purpose, wording_id, given_at,"
			       " given_how, recorded_by) VALUES (?, ?, ?, ?, 'web', 'web form')",
			       "itit", member_id, store_col_text(st, 0), store_col_int(st, 1), iso) < 0) {
			rc = err_set(e, e2.code, "%s", e2.msg);
			break;
		}
	}
	store_done(st);
	if (rc < 0)
		goto fail;
	snprintf(target, sizeof target, "member %lld", (long long)member_id);
	if ((rc = store_exec(rq->db, e, "UPDATE net_join SET confirmed_at = ? WHERE id = ?", "ii",
			     (int64_t)now, join_id)) < 0 ||
	    (rc = store_exec(rq->db, e, "DELETE FROM net_join_consent WHERE join_id = ?", "i",
			     join_id)) < 0 ||
	    (rc = store_exec(rq->db, e, "UPDATE net_member SET status = 'active' WHERE id = ?", "i",
			     member_id)) < 0 ||
	    (rc = member_touch(rq->db, member_id, e)) < 0 ||
	    (rc = web_audit(rq, "member.confirm", target, NULL, NULL, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0)
		goto fail;
	web_page_begin(rq, rs, "You have joined the staff network", SEC_PUBLIC);
	web_raw(rs, "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">"
		    "You have joined the staff network</h1></div>\n"
		    "<p class=\"govuk-body\">Thank you. You can withdraw any consent you gave at any "
		    "time: reply to any email from the network, or use the link in it.</p>\n");
	public_links(rs);
	web_page_end(rq, rs);
	return 0;
fail:
	store_rollback(rq->db);
	return rc;
}
