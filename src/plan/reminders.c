/*
 * plan/reminders.c: the plan's email reminders. Each account that wants
 * reminders (an email address, reminders on: web_reminder_accounts) and
 * leads actions gets one message listing its live actions that fall due
 * within a week and those that have become overdue — each action once per
 * due date, so a new due date is reminded of again (reminder_sent,
 * migration 021). Run by serve's mail worker and 'parity mail run'
 * (app_jobs); nothing is done while mail is not set up.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "mail/mail.h"
#include "plan/internal.h"
#include "plan/plan.h"

struct remind {
	store_t *db;
	const struct mail_settings *ms;
	struct plan_item *items;
	size_t n;
	struct date today;
	time_t now;
	int queued;
};

/* 1 when kind/item/due was already mailed to the account, else 0. */
static int already(store_t *db, const char *kind, int64_t item, const char *due, int64_t uid,
		   struct err *e)
{
	int64_t n = 0;
	int rc = store_query_int(db, &n, e,
				 "SELECT COUNT(*) FROM reminder_sent WHERE kind = ? AND item = ? "
				 "AND due = ? AND user_id = ?",
				 "titi", kind, item, due, uid);
	return rc < 0 ? rc : n > 0;
}

/* One line of the message for an action: its id, date, text and link. */
static void item_lines(struct buf *b, const struct mail_settings *ms, const struct plan_item *it,
		       const char *when)
{
	char day[32];
	size_t len = strlen(it->text), cut = len > 200 ? 200 : len;
	/* cut at a character's start, never inside one (UTF-8) */
	while (cut < len && cut > 0 && ((unsigned char)it->text[cut] & 0xC0) == 0x80)
		cut--;
	date_long(it->due, day);
	buf_printf(b, "- Action %s, %s %s: %.*s%s\n  %s/plan/action/%s\n", it->code, when, day,
		   (int)cut, it->text, cut < len ? "..." : "", ms->site_url, it->code);
}

static int per_account(const struct web_user *u, const char *email, void *arg, struct err *e)
{
	struct remind *r = arg;
	struct buf soon = BUF_INIT, late = BUF_INIT, text = BUF_INIT, subject = BUF_INIT;
	struct date week = date_add_days(r->today, 7);
	int n_soon = 0, n_late = 0, rc = 0;
	size_t i;
	char due[11];
	if (!u->lead_initials[0] || !(u->caps & (CAP_READ_PLAN | CAP_UPDATE_OWN_ACTIONS)))
		return 0;
	for (i = 0; rc == 0 && i < r->n; i++) {
		const struct plan_item *it = &r->items[i];
		const char *kind;
		if (!it->live || !it->due.y || !plan_web_led_by(it, u->lead_initials))
			continue;
		if (date_cmp(it->due, r->today) < 0)
			kind = "overdue";
		else if (date_cmp(it->due, r->today) > 0 && date_cmp(it->due, week) <= 0)
			kind = "due-soon";
		else
			continue;
		date_format(it->due, due);
		rc = already(r->db, kind, it->id, due, u->id, e);
		if (rc < 0)
			break;
		if (rc == 1) {
			rc = 0;
			continue;
		}
		rc = store_exec(r->db, e,
				"INSERT INTO reminder_sent (kind, item, due, user_id, at) "
				"VALUES (?, ?, ?, ?, ?)",
				"titii", kind, it->id, due, u->id, (int64_t)r->now);
		if (kind[0] == 'o') {
			item_lines(&late, r->ms, it, "was due on");
			n_late++;
		} else {
			item_lines(&soon, r->ms, it, "is due on");
			n_soon++;
		}
	}
	if (rc == 0 && n_soon + n_late) {
		struct mail_msg m = {0};
		if (n_soon + n_late == 1)
			buf_printf(&subject, "Reminder: an action you lead %s",
				   n_late ? "is overdue" : "is due within a week");
		else
			buf_printf(&subject, "Reminder: %d actions you lead need attention",
				   n_soon + n_late);
		buf_printf(&text, "Hello %s,\n\nThis is a reminder about the equality action plan.\n",
			   u->name);
		if (n_late)
			buf_printf(&text, "\n%s overdue:\n%s", n_late == 1 ? "This action is"
									   : "These actions are",
				   buf_str(&late));
		if (n_soon)
			buf_printf(&text, "\n%s due within a week:\n%s",
				   n_soon == 1 ? "This action is" : "These actions are",
				   buf_str(&soon));
		buf_printf(&text, "\nRecord progress on each action's page. You get these reminders "
				  "because your parity account has this email address. To stop them, "
				  "or to change the address: %s/account/reminders\n",
			   r->ms->site_url);
		m.to = email;
		m.to_name = u->name;
		m.subject = buf_str(&subject);
		m.text = buf_str(&text);
		m.kind = "reminder";
		m.ref = u->id;
		rc = mail_queue(r->db, r->ms, &m, NULL, e);
		if (rc == 0)
			r->queued++;
	}
	buf_free(&soon);
	buf_free(&late);
	buf_free(&text);
	buf_free(&subject);
	return rc;
}

int plan_reminders(store_t *db, time_t now, int *queued, struct err *e)
{
	struct mail_settings ms;
	struct remind r = {0};
	struct tm tm;
	int64_t plan_id;
	int rc;
	if (queued)
		*queued = 0;
	if (!mail_configured(db))
		return 0;
	rc = mail_settings_get(db, &ms, e);
	if (rc < 0)
		return rc;
	rc = plan_web_plan(db, &plan_id, e);
	if (rc != 0)
		return rc < 0 ? rc : 0; /* no plan yet: nothing to remind of */
	gmtime_r(&now, &tm);
	r.today = (struct date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
	r.db = db;
	r.ms = &ms;
	r.now = now;
	rc = store_begin(db, e);
	if (rc == 0)
		rc = plan_items_load(db, plan_id, r.today, &r.items, &r.n, e);
	if (rc == 0)
		rc = web_reminder_accounts(db, per_account, &r, e);
	if (rc == 0)
		rc = store_commit(db, e);
	store_rollback(db);
	plan_items_free(r.items, r.n);
	if (rc == 0 && queued)
		*queued = r.queued;
	return rc;
}
