/*
 * plan/objective_remind.c: the review reminders of equality objectives.
 * The owner of each live objective with a review date is mailed 30 days
 * before it and once it has passed — each kind once per review date, so
 * a new date is reminded of again (objective_reminder, migration 032).
 * The owner is a person's initials; the message goes to each web account
 * whose lead initials include them and which wants reminders (an email
 * address, reminders on: web_reminder_accounts), as the plan's and the
 * impact assessments' reminders find their leads and owners. While no such
 * account wants it nothing is recorded, so an owner who turns reminders
 * on is still reminded. Run by app_jobs; nothing while mail is not set up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/xalloc.h"
#include "mail/mail.h"
#include "plan/objective.h"
#include "web/web.h"

/* A live objective with an owner and a review date. */
struct obj_due {
	int64_t id;
	char *title;
	char owner[64];
	char review[11];
};

/* An account that wants reminders and may read the objectives. */
struct obj_reader {
	struct web_user u;
	char *email;
};

struct remind {
	struct obj_reader *readers;
	size_t n_readers;
};

static int reader_add(const struct web_user *u, const char *email, void *arg, struct err *e)
{
	struct remind *r = arg;
	(void)e;
	if (!u->lead_initials[0] || !(u->caps & CAP_READ_PLAN))
		return 0;
	r->readers = xrealloc(r->readers, (r->n_readers + 1) * sizeof *r->readers);
	r->readers[r->n_readers].u = *u;
	r->readers[r->n_readers].email = xstrdup(email);
	r->n_readers++;
	return 0;
}

/* Every live objective with an owner and a review date, oldest first,
 * into *out (allocated; free with due_free) and *n. */
static int due_load(store_t *db, struct obj_due **out, size_t *n, struct err *e)
{
	store_stmt_t *st;
	struct obj_due *v = NULL;
	size_t c = 0;
	int rc;
	if (store_prepare(db, &st, e,
			  "SELECT id, title, owner, review_date FROM objective WHERE retired_at IS NULL"
			  " AND owner IS NOT NULL AND owner <> '' AND review_date IS NOT NULL"
			  " AND review_date <> '' ORDER BY id",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		v = xrealloc(v, (c + 1) * sizeof *v);
		v[c].id = store_col_int(st, 0);
		v[c].title = xstrdup(store_col_text(st, 1));
		snprintf(v[c].owner, sizeof v[c].owner, "%s", store_col_text(st, 2));
		snprintf(v[c].review, sizeof v[c].review, "%s", store_col_text(st, 3));
		c++;
	}
	store_done(st);
	*out = v;
	*n = c;
	return rc < 0 ? ERR_DB : 0;
}

static void due_free(struct obj_due *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i].title);
	free(v);
}

/* The reminder of kind ("soon" or "overdue") about d to one account. */
static int remind_one(store_t *db, const struct mail_settings *ms, const struct obj_due *d,
		      const char *kind, struct date rv, const struct obj_reader *to, struct err *e)
{
	struct buf text = BUF_INIT, subject = BUF_INIT;
	struct mail_msg m = {0};
	char day[32];
	int overdue = kind[0] == 'o', rc;
	date_long(rv, day);
	buf_printf(&subject, "Reminder: the equality objective \"%s\" %s", d->title,
		   overdue ? "is overdue for review" : "is due for review");
	buf_printf(&text, "Hello %s,\n\nThe equality objective \"%s\", which you own, %s on %s.\n\n"
			  "Look at it again: are its measures and targets still the right ones, "
			  "is it on track, and do its actions need changing? Then set the next "
			  "review date:\n%s/objectives/%lld\n\nYou get these reminders because your "
			  "parity account has this email address. To stop them, or to change the "
			  "address: %s/account/reminders\n",
		   to->u.name, d->title, overdue ? "was due for review" : "is due for review", day,
		   ms->site_url, (long long)d->id, ms->site_url);
	m.to = to->email;
	m.to_name = to->u.name;
	m.subject = buf_str(&subject);
	m.text = buf_str(&text);
	m.kind = "reminder";
	m.ref = to->u.id;
	rc = mail_queue(db, ms, &m, NULL, e);
	buf_free(&text);
	buf_free(&subject);
	return rc;
}

/* The reminders due about d on today: none, or one kind to each of its
 * owner's accounts, recorded once. *queued grows by the messages. */
static int remind_due(store_t *db, const struct mail_settings *ms, const struct remind *r,
		      const struct obj_due *d, struct date today, time_t now, int *queued,
		      struct err *e)
{
	struct date rv;
	const char *kind;
	char at[21];
	int64_t had = 0;
	size_t i;
	int sent = 0, rc;
	if (!(rv = date_of_iso(d->review)).y)
		return 0;
	if (date_cmp(today, rv) > 0)
		kind = "overdue";
	else if (date_cmp(date_add_days(today, 30), rv) >= 0)
		kind = "soon";
	else
		return 0;
	if ((rc = store_query_int(db, &had, e,
				  "SELECT COUNT(*) FROM objective_reminder WHERE objective_id = ?"
				  " AND review_date = ? AND kind = ?",
				  "itt", d->id, d->review, kind)) < 0)
		return rc;
	if (had)
		return 0;
	for (i = 0; i < r->n_readers; i++) {
		if (!web_initials_include(r->readers[i].u.lead_initials, d->owner))
			continue;
		if ((rc = remind_one(db, ms, d, kind, rv, &r->readers[i], e)) < 0)
			return rc;
		sent++;
	}
	if (!sent)
		return 0;
	date_iso_at(now, at);
	if ((rc = store_exec(db, e,
			     "INSERT INTO objective_reminder (objective_id, review_date, kind, sent_at)"
			     " VALUES (?, ?, ?, ?)",
			     "ittt", d->id, d->review, kind, at)) < 0)
		return rc;
	*queued += sent;
	return 0;
}

int objective_reminders(store_t *db, time_t now, int *queued, struct err *e)
{
	struct mail_settings ms;
	struct remind r = {0};
	struct obj_due *due = NULL;
	struct date today;
	struct tm tm;
	size_t n = 0, i;
	int rc, count = 0;
	if (queued)
		*queued = 0;
	if (!mail_configured(db))
		return 0;
	if ((rc = mail_settings_get(db, &ms, e)) < 0)
		return rc;
	gmtime_r(&now, &tm);
	today = (struct date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	rc = due_load(db, &due, &n, e);
	if (rc == 0 && n)
		rc = web_reminder_accounts(db, reader_add, &r, e);
	for (i = 0; rc == 0 && i < n; i++)
		rc = remind_due(db, &ms, &r, &due[i], today, now, &count, e);
	if (rc == 0)
		rc = store_commit(db, e);
	store_rollback(db);
	due_free(due, n);
	for (i = 0; i < r.n_readers; i++)
		free(r.readers[i].email);
	free(r.readers);
	if (rc == 0 && queued)
		*queued = count;
	return rc;
}
