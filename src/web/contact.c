/*
 * web/contact.c: an account's email address for reminders and whether it
 * wants them — shown on the account page, changed on /account/reminders
 * (the command line's 'parity user set NAME --email/--reminders').
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/xalloc.h"
#include "mail/mail.h"
#include "web/internal.h"

/* The account's address and choice. */
static int contact_load(store_t *db, int64_t id, char email[320], int *remind, struct err *e)
{
	store_stmt_t *st;
	int rc = store_prepare(db, &st, e, "SELECT email, reminders FROM web_user WHERE id = ?",
			       "i", id);
	email[0] = '\0';
	*remind = 1;
	if (rc < 0)
		return rc;
	rc = store_step(st, e);
	if (rc == 1) {
		snprintf(email, 320, "%s", store_col_text(st, 0));
		*remind = (int)store_col_int(st, 1);
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

void web_contact_panel(struct web_req *rq, struct web_resp *rs)
{
	char email[320];
	int remind;
	struct err e = {0};
	if (contact_load(rq->db, rq->user->id, email, &remind, &e) < 0)
		return;
	web_raw(rs, "<h2 class=\"govuk-heading-m\" id=\"reminders\">Email reminders</h2>\n"
		    "<dl class=\"govuk-summary-list\">\n<div class=\"govuk-summary-list__row\">\n"
		    "<dt class=\"govuk-summary-list__key\">Email address</dt>\n"
		    "<dd class=\"govuk-summary-list__value\">");
	web_printf(rs, "%s", email[0] ? email : "None given");
	web_raw(rs, "</dd>\n<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" "
		    "href=\"/account/reminders\">Change<span class=\"govuk-visually-hidden\"> email "
		    "reminders</span></a></dd>\n</div>\n<div class=\"govuk-summary-list__row\">\n"
		    "<dt class=\"govuk-summary-list__key\">Reminders</dt>\n"
		    "<dd class=\"govuk-summary-list__value\">");
	web_raw(rs, !email[0] ? "None: there is no address to send them to"
		    : remind ? "Sent: actions you lead a week before they are due and when they are "
			       "overdue, and new flags if you handle flags"
			     : "Not sent: you have turned them off");
	web_raw(rs, "</dd>\n<dd class=\"govuk-summary-list__actions\"></dd>\n</div>\n</dl>\n");
}

static void contact_form(struct web_req *rq, struct web_resp *rs, const char *email,
			 const char *remind, const struct web_field_error *errs, int n)
{
	static const struct web_choice yes_no[] = {
		{"yes", "Yes, send me reminders", NULL},
		{"no", "No, do not send me reminders", NULL},
	};
	struct web_field f_email = {"email", NULL, "Email address",
				    "Reminders go here. Leave it empty to have none.", email,
				    "govuk-!-width-two-thirds",
				    "autocomplete=\"email\" spellcheck=\"false\""};
	struct web_field f_remind = {"remind", NULL, "Do you want email reminders?",
				     "A week before an action you lead is due, when it becomes "
				     "overdue, and when a flag is raised if you handle flags.",
				     remind, NULL, NULL};
	web_page_begin(rq, rs, n ? "Error: Email reminders" : "Email reminders", SEC_NONE);
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Email reminders</h1>\n"
		    "<form method=\"post\" action=\"/account/reminders\" novalidate>\n");
	web_csrf_field(rq, rs);
	web_input(rs, &f_email, "email", errs, n);
	web_radios(rs, &f_remind, yes_no, 2, 0, errs, n);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Save</button>\n</form>\n<p class=\"govuk-body\"><a class=\"govuk-link\" "
		    "href=\"/account/password\">Back to your account</a></p>\n</div></div>\n");
	web_page_end(rq, rs);
}

int web_reminders_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	char email[320];
	int remind;
	if (contact_load(rq->db, rq->user->id, email, &remind, e) < 0)
		return e->code;
	contact_form(rq, rs, email, remind ? "yes" : "no", NULL, 0);
	return 0;
}

static char *contact_json(const char *email, int remind)
{
	json_t *o = json_pack("{s:s, s:b}", "email", email, "reminders", remind);
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	return s;
}

int web_reminders_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *email = web_param(rq, "email"), *remind = web_param(rq, "remind");
	struct web_field_error errs[2];
	struct err ae = {0};
	char norm[320] = "", old[320], msg[sizeof ae.msg + 32];
	char *before = NULL, *after = NULL;
	int n = 0, old_remind, rc;
	if (!email)
		email = "";
	while (*email == ' ')
		email++;
	if (*email && mail_address_ok(email, &ae) < 0) {
		snprintf(msg, sizeof msg, "Enter an email address like name@example.org, or leave it "
					  "empty");
		errs[n++] = (struct web_field_error){"email", msg};
	}
	if (!remind || (strcmp(remind, "yes") && strcmp(remind, "no")))
		errs[n++] = (struct web_field_error){"remind", "Select yes if you want email reminders"};
	if (n) {
		rs->status = 400;
		contact_form(rq, rs, email, remind, errs, n);
		return 0;
	}
	if (*email)
		mail_address_norm(email, norm, sizeof norm);
	if (web_begin(rq, rs, CAP_SIGNED_IN, e) != 0)
		return e->code;
	rc = contact_load(rq->db, rq->user->id, old, &old_remind, e);
	if (rc == 0)
		rc = store_exec(rq->db, e, "UPDATE web_user SET email = ?, reminders = ? WHERE id = ?",
				"tii", norm, (int64_t)!strcmp(remind, "yes"), rq->user->id);
	if (rc == 0) {
		before = contact_json(old, old_remind);
		after = contact_json(norm, !strcmp(remind, "yes"));
		rc = web_audit(rq, "user.contact", rq->user->name, before, after, e);
	}
	if (rc == 0)
		rc = store_commit(rq->db, e);
	free(before);
	free(after);
	if (rc < 0) {
		store_rollback(rq->db);
		return e->code;
	}
	web_flash(rq, "Your email reminders have been saved");
	web_redirect(rs, "/account/password#reminders");
	return 0;
}

/* The accounts of web_reminder_accounts (all 0) or web_accounts_all (1). */
static int accounts_each(store_t *db, int all, web_reminder_fn fn, void *arg, struct err *e)
{
	store_stmt_t *st;
	int64_t *ids = NULL;
	char **emails = NULL;
	size_t n = 0, cap = 0, i;
	int rc = all ? store_prepare(db, &st, e,
				     "SELECT id, email FROM web_user WHERE disabled = 0 ORDER BY name", "")
		     : store_prepare(db, &st, e,
				     "SELECT id, email FROM web_user WHERE disabled = 0 AND email <> '' "
				     "AND reminders = 1 ORDER BY id",
				     "");
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			ids = xrealloc(ids, cap * sizeof *ids);
			emails = xrealloc(emails, cap * sizeof *emails);
		}
		ids[n] = store_col_int(st, 0);
		emails[n++] = xstrdup(store_col_text(st, 1));
	}
	store_done(st);
	for (i = 0; rc == 0 && i < n; i++) {
		struct web_user u;
		int disabled = 0;
		rc = web_user_load_any(db, ids[i], NULL, &u, &disabled, e);
		if (rc == 0 && !disabled)
			rc = fn(&u, emails[i], arg, e);
	}
	for (i = 0; i < n; i++)
		free(emails[i]);
	free(ids);
	free(emails);
	return rc < 0 ? rc : 0;
}

int web_reminder_accounts(store_t *db, web_reminder_fn fn, void *arg, struct err *e)
{
	return accounts_each(db, 0, fn, arg, e);
}

int web_accounts_all(store_t *db, web_reminder_fn fn, void *arg, struct err *e)
{
	return accounts_each(db, 1, fn, arg, e);
}

int web_account_get(store_t *db, const char *name, struct web_user *u, struct err *e)
{
	struct err e2 = {0};
	int rc = web_user_load(db, 0, name, u, &e2);
	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no account called %s (see 'parity user list')", name);
	if (rc < 0)
		return err_set(e, rc, "%s", e2.msg);
	return 0;
}
