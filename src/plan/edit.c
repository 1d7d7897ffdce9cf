/*
 * edit: keeping the stored plan by hand between imports — an action's
 * wording, due date, leads and status, and a new action in an area of
 * work, numbered as the plan numbers its actions. The web's edit and add
 * pages call these. Every change is a history event on the action naming
 * who made it and what the field was before and is now. The caller owns
 * the transaction.
 *
 * What an import does with these changes: a later import of the plan's
 * document writes the document's wording, leads and timescale again
 * (each a "reword" event saying what it was), as it always has; an action
 * added here has origin "web" and is never marked removed for being
 * missing from the document.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"
#include "plan/timescale.h"

const char *plan_status_words(const char *status)
{
	static const char *const w[][2] = {
		{"not-started", "Not started"},
		{"in-progress", "In progress"},
		{"done", "Done"},
		{"dropped", "Dropped"},
	};
	size_t i;
	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		if (status && strcmp(status, w[i][0]) == 0)
			return w[i][1];
	return status ? status : "";
}

static int add_event(store_t *db, int64_t action_id, const char *now, const char *author,
		     const char *kind, const char *status, const char *note, struct err *e)
{
	return store_exec(db, e,
			  "INSERT INTO action_event(action_id, at, author, kind, status, note)"
			  " VALUES (?, ?, ?, ?, ?, ?)",
			  "itttt" "t", action_id, now, author, kind, status, note);
}

/* The timescale columns of a due date: "By D/M/YYYY" and what it reads as. */
struct due_cols {
	char words[32], start[11], due[11];
	const char *kind, *precision;
};

static void due_cols(struct date d, struct due_cols *out)
{
	struct timescale ts;
	snprintf(out->words, sizeof out->words, "By %d/%d/%d", d.d, d.m, d.y);
	timescale_parse(out->words, &ts);
	date_format(ts.start, out->start);
	date_format(ts.due, out->due);
	out->kind = timescale_kind_name(ts.kind);
	out->precision = timescale_precision_name(ts.precision);
}

static int same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

int plan_action_edit_apply(store_t *db, int64_t action_id, const struct plan_action_edit *c,
			   const char *author, int *n_changed, struct err *e)
{
	store_stmt_t *st;
	char *text = NULL, *lead = NULL, *ts = NULL, *due_iso = NULL, *status = NULL, now[21];
	struct buf note = BUF_INIT;
	int rc, n = 0;

	if (n_changed)
		*n_changed = 0;
	if (store_prepare(db, &st, e,
			  "SELECT text, lead_text, timescale, ts_due, status FROM action WHERE id = ?",
			  "i", action_id) < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1) {
		text = xstrdup(store_col_text(st, 0));
		lead = xstrdup(store_col_text(st, 1));
		ts = xstrdup(store_col_text(st, 2));
		due_iso = xstrdup(store_col_text(st, 3));
		status = xstrdup(store_col_text(st, 4));
	}
	store_done(st);
	if (rc < 0)
		goto done;
	if (rc == 0) {
		rc = err_set(e, ERR_NOTFOUND, "no such action");
		goto done;
	}
	rc = 0;
	date_now_iso(now);

	if (c->text && !same_text(c->text, text)) {
		buf_reset(&note);
		buf_printf(&note, "Text changed from “%s” to “%s”", text ? text : "", c->text);
		if ((rc = store_exec(db, e, "UPDATE action SET text = ? WHERE id = ?", "ti", c->text,
				     action_id)) < 0 ||
		    (rc = add_event(db, action_id, now, author, "reword", NULL, buf_str(&note), e)) < 0)
			goto done;
		n++;
	}
	if (c->due.y) {
		struct due_cols d;
		char was[32] = "", now_words[32];
		struct date old = {0, 0, 0};
		struct err ignore;
		err_clear(&ignore);
		if (due_iso && date_parse_user(due_iso, "due", &old, &ignore) < 0)
			old.y = 0;
		date_long(old, was);
		date_long(c->due, now_words);
		due_cols(c->due, &d);
		if (!same_text(d.words, ts) || date_cmp(old, c->due) != 0) {
			buf_reset(&note);
			buf_printf(&note, "Due date changed from %s to %s", old.y ? was : "none",
				   now_words);
			if (ts && !same_text(ts, d.words))
				buf_printf(&note, " (the timescale was “%s”)", ts);
			if ((rc = store_exec(db, e,
					     "UPDATE action SET timescale = ?, ts_kind = ?,"
					     " ts_start = NULLIF(?, ''), ts_due = NULLIF(?, ''),"
					     " ts_rrule = NULL, ts_precision = ? WHERE id = ?",
					     "ttttti", d.words, d.kind, d.start, d.due, d.precision,
					     action_id)) < 0 ||
			    (rc = add_event(db, action_id, now, author, "due", NULL, buf_str(&note),
					    e)) < 0)
				goto done;
			n++;
		}
	}
	if (c->lead_text && !same_text(c->lead_text, lead)) {
		buf_reset(&note);
		buf_printf(&note, "Lead changed from %s to %s", lead && *lead ? lead : "none",
			   *c->lead_text ? c->lead_text : "none");
		if ((rc = store_exec(db, e, "UPDATE action SET lead_text = NULLIF(?, '') WHERE id = ?",
				     "ti", c->lead_text, action_id)) < 0 ||
		    (rc = plan_action_set_leads(db, action_id, c->lead_text, e)) < 0 ||
		    (rc = add_event(db, action_id, now, author, "lead", NULL, buf_str(&note), e)) < 0)
			goto done;
		n++;
	}
	if (c->status && !same_text(c->status, status)) {
		if (!plan_status_valid(c->status)) {
			rc = err_set(e, ERR_DATA, "unknown status '%s'", c->status);
			goto done;
		}
		buf_reset(&note);
		buf_printf(&note, "Status changed from %s to %s", plan_status_words(status),
			   plan_status_words(c->status));
		if ((rc = store_exec(db, e, "UPDATE action SET status = ? WHERE id = ?", "ti",
				     c->status, action_id)) < 0 ||
		    (rc = add_event(db, action_id, now, author, "status", c->status, buf_str(&note),
				    e)) < 0)
			goto done;
		n++;
	}
	if (n_changed)
		*n_changed = n;
done:
	free(text);
	free(lead);
	free(ts);
	free(due_iso);
	free(status);
	buf_free(&note);
	return rc;
}

/* ---- a new action ------------------------------------------------------*/

/* Count the id on by one: a trailing number plus one ("1.9" -> "1.10"), a
 * trailing letter the next ("4b" -> "4c"), else "1" appended ("4z" ->
 * "4z1"). 0, or -1 when the result would not fit PLAN_CODE_MAX. */
static int code_next(char code[16])
{
	size_t n = strlen(code), i = n;
	char head[16];
	if (n && code[n - 1] >= '0' && code[n - 1] <= '9') {
		long v;
		while (i > 0 && code[i - 1] >= '0' && code[i - 1] <= '9')
			i--;
		if (n - i > 6)
			return -1;
		v = strtol(code + i, NULL, 10) + 1;
		snprintf(head, sizeof head, "%.*s", (int)i, code);
		if (snprintf(code, 16, "%s%ld", head, v) > PLAN_CODE_MAX)
			return -1;
		return 0;
	}
	if (n && ((code[n - 1] >= 'a' && code[n - 1] < 'z') ||
		  (code[n - 1] >= 'A' && code[n - 1] < 'Z'))) {
		code[n - 1]++;
		return 0;
	}
	if (n + 1 > PLAN_CODE_MAX)
		return -1;
	code[n] = '1';
	code[n + 1] = '\0';
	return 0;
}

int plan_action_next_code(store_t *db, int64_t plan_id, int64_t area_id, char code[16],
			  char *letter, struct err *e)
{
	store_stmt_t *st;
	int64_t area_no = -1, taken;
	char max_letter = 0, last[16] = "";
	int rc, parity = 1, tries;

	if (store_query_int(db, &area_no, e,
			    "SELECT COALESCE(MAX(no), -1) FROM area WHERE id = ? AND plan_id = ?", "ii",
			    area_id, plan_id) < 0)
		return ERR_DB;
	if (area_no < 0)
		return err_set(e, ERR_NOTFOUND, "no such area of work in this plan");
	if (store_prepare(db, &st, e,
			  "SELECT code, letter FROM action WHERE area_id = ? ORDER BY letter, id", "i",
			  area_id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		const char *cd = store_col_text(st, 0), *lt = store_col_text(st, 1);
		char mine[32];
		char l = lt && lt[0] ? lt[0] : 'a';
		if (l > max_letter)
			max_letter = l;
		snprintf(mine, sizeof mine, "%lld%c", (long long)area_no, l);
		if (!cd || strcmp(cd, mine) != 0)
			parity = 0;
		snprintf(last, sizeof last, "%s", cd ? cd : "");
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	*letter = !max_letter ? 'a' : max_letter < 'z' ? (char)(max_letter + 1) : 'z';
	if (parity || !last[0]) {
		snprintf(code, 16, "%lld%c", (long long)area_no, *letter);
	} else {
		snprintf(code, 16, "%s", last);
		if (code_next(code) < 0)
			snprintf(code, 16, "%lld%c", (long long)area_no, *letter);
	}
	/* An id the plan has used, even for an action since removed, is
	 * taken: its history belongs to that action. */
	for (tries = 0; tries < 1000; tries++) {
		if (store_query_int(db, &taken, e,
				    "SELECT COUNT(*) FROM action WHERE plan_id = ? AND LOWER(code) = LOWER(?)",
				    "it", plan_id, code) < 0)
			return ERR_DB;
		if (!taken)
			return 0;
		if (code_next(code) < 0)
			break;
	}
	return err_set(e, ERR_DATA, "could not find a free id for a new action in area %lld",
		       (long long)area_no);
}

int plan_action_add(store_t *db, int64_t plan_id, const struct plan_new_action *a,
		    const char *author, int64_t *action_id, char code[16], struct err *e)
{
	struct due_cols d;
	char now[21], letter_s[2] = {0, 0};
	int rc, i;

	if ((rc = plan_action_next_code(db, plan_id, a->area_id, code, &letter_s[0], e)) < 0)
		return rc;
	memset(&d, 0, sizeof d);
	d.kind = "unknown";
	d.precision = "none";
	if (a->due.y)
		due_cols(a->due, &d);
	date_now_iso(now);
	if (store_exec(db, e,
		       "INSERT INTO action(plan_id, area_id, code, letter, text, lead_text, timescale,"
		       " ts_kind, ts_start, ts_due, ts_rrule, ts_precision, status, origin)"
		       " VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, NULLIF(?, ''),"
		       " NULLIF(?, ''), NULL, ?, 'not-started', ?)",
		       "iitttttttttt", plan_id, a->area_id, code, letter_s, a->text,
		       a->lead_text ? a->lead_text : "", d.words, d.kind, d.start, d.due,
		       d.precision, a->origin ? a->origin : "web") < 0)
		return ERR_DB;
	*action_id = store_last_id(db);
	if ((rc = add_event(db, *action_id, now, author, "added", "not-started", a->note, e)) < 0 ||
	    (rc = plan_action_set_leads(db, *action_id, a->lead_text ? a->lead_text : "", e)) < 0)
		return rc;
	for (i = 0; i < a->n_duties; i++)
		if ((rc = store_exec(db, e,
				     "INSERT INTO action_duty(action_id, duty) VALUES (?, ?)"
				     " ON CONFLICT DO NOTHING",
				     "ii", *action_id, (int64_t)a->duties[i])) < 0)
			return rc;
	return 0;
}
