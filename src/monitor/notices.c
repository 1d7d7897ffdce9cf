/*
 * monitor/notices.c: mail to those who handle flags when a flag is raised.
 * Each account that wants reminders (web_reminder_accounts) and holds
 * handle-flags gets one message listing the open flags raised in the last
 * 14 days that it has not been told of (reminder_sent, kind 'flag').
 * Older flags are not mailed: turning mail on does not send the whole
 * history. A flag another room raised (an objective off track) is told
 * in its own words, with the page about it. Run by serve's mail worker and 'parity mail run' (app_jobs).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/period.h"
#include "mail/mail.h"
#include "monitor/monitor.h"

#define FLAG_NOTICE_DAYS 14

struct notice {
	store_t *db;
	const struct mail_settings *ms;
	char since[21]; /* ISO: flags raised from then on */
	time_t now;
	int queued;
};

static int per_account(const struct web_user *u, const char *email, void *arg, struct err *e)
{
	struct notice *x = arg;
	struct buf list = BUF_INIT, text = BUF_INIT, subject = BUF_INIT;
	store_stmt_t *st;
	int rc, n = 0, n_ext = 0;
	if (!(u->caps & CAP_HANDLE_FLAGS))
		return 0;
	rc = store_prepare(x->db, &st, e,
			   "SELECT f.id, f.dataset, f.unit, f.characteristic, f.grp, f.reference, "
			   "f.outcome, f.period, x.finding, x.href, x.source FROM mon_flag f "
			   "LEFT JOIN mon_flag_external x ON x.flag_id = f.id WHERE f.state = 'open' "
			   "AND f.created_at >= ? AND NOT EXISTS (SELECT 1 FROM reminder_sent r "
			   "WHERE r.kind = 'flag' AND r.item = f.id AND r.due = '' "
			   "AND r.user_id = ?) ORDER BY f.id",
			   "ti", x->since, u->id);
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		char words[PERIOD_WORDS];
		period_words(store_col_text(st, 7), words);
		if (store_col_text(st, 8)) {
			/* raised by another room (an objective off track): its
			 * finding, the flag, and the page about it */
			buf_printf(&list, "- %s, %s: %s\n  %s/monitoring/flag/%lld\n",
				   monitor_dataset_label(store_col_text(st, 1)), words,
				   store_col_text(st, 8), x->ms->site_url,
				   (long long)store_col_int(st, 0));
			if (store_col_text(st, 9))
				buf_printf(&list, "  See the %s: %s%s\n", store_col_text(st, 10),
					   x->ms->site_url, store_col_text(st, 9));
			n++;
			n_ext++;
			continue;
		}
		buf_printf(&list, "- %s, %s, %s: %s compared with %s, outcome %s, %s\n  %s/monitoring/flag/%lld\n",
			   monitor_dataset_label(store_col_text(st, 1)), store_col_text(st, 2),
			   monitor_char_label(store_col_text(st, 3)), store_col_text(st, 4),
			   store_col_text(st, 5), store_col_text(st, 6), words, x->ms->site_url,
			   (long long)store_col_int(st, 0));
		n++;
	}
	store_done(st);
	if (rc == 0 && n)
		rc = store_exec(x->db, e,
				"INSERT INTO reminder_sent (kind, item, due, user_id, at) "
				"SELECT 'flag', f.id, '', ?, ? FROM mon_flag f WHERE f.state = 'open' "
				"AND f.created_at >= ? AND NOT EXISTS (SELECT 1 FROM reminder_sent r "
				"WHERE r.kind = 'flag' AND r.item = f.id AND r.due = '' "
				"AND r.user_id = ?)",
				"iiti", u->id, (int64_t)x->now, x->since, u->id);
	if (rc == 0 && n) {
		struct mail_msg m = {0};
		if (n == 1)
			buf_puts(&subject, "A flag has been raised in the monitoring data");
		else
			buf_printf(&subject, "%d flags have been raised in the monitoring data", n);
		if (n_ext)
			buf_printf(&text, "Hello %s,\n\n%s explaining or acting on:\n\n", u->name,
				   n == 1 ? "A flag has been raised that needs"
					  : "Flags have been raised that need");
		else
			buf_printf(&text, "Hello %s,\n\nThe monitoring found %s that %s explaining "
				   "or acting on:\n\n", u->name,
				   n == 1 ? "a difference" : "differences", n == 1 ? "needs" : "need");
		buf_printf(&text,
			   "%s\nYou get this because you handle flags and your parity "
			   "account has this email address. To stop these messages, or to change "
			   "the address: %s/account/reminders\n",
			   buf_str(&list), x->ms->site_url);
		m.to = email;
		m.to_name = u->name;
		m.subject = buf_str(&subject);
		m.text = buf_str(&text);
		m.kind = "flag-notice";
		m.ref = u->id;
		rc = mail_queue(x->db, x->ms, &m, NULL, e);
		if (rc == 0)
			x->queued++;
	}
	buf_free(&list);
	buf_free(&text);
	buf_free(&subject);
	return rc;
}

int monitor_flag_notices(store_t *db, time_t now, int *queued, struct err *e)
{
	struct mail_settings ms;
	struct notice x = {0};
	time_t since = now - FLAG_NOTICE_DAYS * 86400;
	int rc;
	if (queued)
		*queued = 0;
	if (!mail_configured(db))
		return 0;
	rc = mail_settings_get(db, &ms, e);
	if (rc < 0)
		return rc;
	date_iso_at(since, x.since);
	x.db = db;
	x.ms = &ms;
	x.now = now;
	rc = store_begin(db, e);
	if (rc == 0)
		rc = web_reminder_accounts(db, per_account, &x, e);
	if (rc == 0)
		rc = store_commit(db, e);
	store_rollback(db);
	if (rc == 0 && queued)
		*queued = x.queued;
	return rc;
}
