/*
 * assess/eia_remind.c: the review reminders of impact assessments. The
 * owner of an assessment with a review date (set, or a year after its
 * publication) is mailed 30 days before it and once it has passed — each
 * once per review date, so a new date is reminded of again
 * (eia_reminder_sent, migration 029). The owner is the web account whose
 * lead initials include the assessment's owner and which wants reminders
 * (an email address, reminders on: web_reminder_accounts), as the plan's
 * reminders find leads. Run by app_jobs; nothing while mail is not set up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "assess/eia_internal.h"
#include "core/buf.h"
#include "core/dates.h"
#include "mail/mail.h"
#include "web/web.h"

struct eia_due {
	int64_t id;
	char title[320];
	char owner[64];
	char review[11];
};

struct remind {
	store_t *db;
	const struct mail_settings *ms;
	struct eia_due *due;
	size_t n;
	struct date today;
	time_t now;
	int queued;
};

static int per_account(const struct web_user *u, const char *email, void *arg, struct err *e)
{
	struct remind *r = arg;
	struct buf text = BUF_INIT, subject = BUF_INIT;
	size_t i;
	int rc = 0;
	if (!u->lead_initials[0] || !(u->caps & CAP_READ_PLAN))
		return 0;
	for (i = 0; rc == 0 && i < r->n; i++) {
		const struct eia_due *d = &r->due[i];
		struct date rv;
		char day[32];
		const char *kind;
		int64_t had = 0;
		struct mail_msg m = {0};
		if (!web_initials_include(u->lead_initials, d->owner) ||
		    sscanf(d->review, "%4d-%2d-%2d", &rv.y, &rv.m, &rv.d) != 3)
			continue;
		if (date_cmp(r->today, rv) > 0)
			kind = "overdue";
		else if (date_cmp(date_add_days(r->today, 30), rv) >= 0)
			kind = "soon";
		else
			continue;
		if ((rc = store_query_int(r->db, &had, e,
					  "SELECT COUNT(*) FROM eia_reminder_sent WHERE eia_id = ?"
					  " AND kind = ? AND on_date = ? AND user_id = ?",
					  "itti", d->id, kind, d->review, u->id)) < 0)
			break;
		if (had)
			continue;
		if ((rc = store_exec(r->db, e,
				     "INSERT INTO eia_reminder_sent (eia_id, kind, on_date, user_id, at)"
				     " VALUES (?, ?, ?, ?, ?)",
				     "ittii", d->id, kind, d->review, u->id, (int64_t)r->now)) < 0)
			break;
		date_long(rv, day);
		buf_reset(&subject);
		buf_reset(&text);
		buf_printf(&subject, "Reminder: the impact assessment \"%s\" %s", d->title,
			   kind[0] == 'o' ? "is overdue for review" : "is due for review");
		buf_printf(&text, "Hello %s,\n\nThe equality impact assessment \"%s\", which you own, "
				  "%s on %s.\n\nLook at it again: is the evidence still right, "
				  "have the mitigations worked? Open a new version to change it, "
				  "or set a new review date:\n%s/eia/%lld\n\nYou get these reminders "
				  "because your parity account has this email address. To stop them, "
				  "or to change the address: %s/account/reminders\n",
			   u->name, d->title, kind[0] == 'o' ? "was due for review" : "is due for review",
			   day, r->ms->site_url, (long long)d->id, r->ms->site_url);
		m.to = email;
		m.to_name = u->name;
		m.subject = buf_str(&subject);
		m.text = buf_str(&text);
		m.kind = "reminder";
		m.ref = u->id;
		if ((rc = mail_queue(r->db, r->ms, &m, NULL, e)) == 0)
			r->queued++;
	}
	buf_free(&text);
	buf_free(&subject);
	return rc;
}

/* Every assessment with a review date, into r->due. */
static int load_due(struct remind *r, struct err *e)
{
	store_stmt_t *st;
	int64_t *ids = NULL;
	size_t n = 0, i;
	int rc;
	if (store_prepare(r->db, &st, e, "SELECT id FROM eia ORDER BY id", "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		int64_t *grown = realloc(ids, (n + 1) * sizeof *ids);
		if (!grown) {
			rc = err_set(e, ERR_INTERNAL, "out of memory");
			break;
		}
		ids = grown;
		ids[n++] = store_col_int(st, 0);
	}
	store_done(st);
	if (rc < 0)
		goto out;
	r->due = calloc(n ? n : 1, sizeof *r->due);
	if (!r->due) {
		rc = err_set(e, ERR_INTERNAL, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		json_t *o;
		struct eia_due *d = &r->due[r->n];
		if ((rc = eia_load(r->db, ids[i], &o, e)) < 0)
			goto out;
		if (json_is_string(json_object_get(o, "review_date"))) {
			d->id = ids[i];
			snprintf(d->title, sizeof d->title, "%s", eia_js(o, "title"));
			snprintf(d->owner, sizeof d->owner, "%s", eia_js(o, "owner"));
			snprintf(d->review, sizeof d->review, "%s", eia_js(o, "review_date"));
			r->n++;
		}
		json_decref(o);
	}
	rc = 0;
out:
	free(ids);
	return rc;
}

int assess_review_reminders(store_t *db, time_t now, int *queued, struct err *e)
{
	struct mail_settings ms;
	struct remind r = {0};
	struct tm tm;
	int rc;
	if (queued)
		*queued = 0;
	if (!mail_configured(db))
		return 0;
	if ((rc = mail_settings_get(db, &ms, e)) < 0)
		return rc;
	gmtime_r(&now, &tm);
	r.today = (struct date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
	r.db = db;
	r.ms = &ms;
	r.now = now;
	rc = store_begin(db, e);
	if (rc == 0)
		rc = load_due(&r, e);
	if (rc == 0 && r.n)
		rc = web_reminder_accounts(db, per_account, &r, e);
	if (rc == 0)
		rc = store_commit(db, e);
	store_rollback(db);
	free(r.due);
	if (rc == 0 && queued)
		*queued = r.queued;
	return rc;
}

int assess_jobs(store_t *db, time_t now, struct err *e)
{
	return assess_review_reminders(db, now, NULL, e);
}
