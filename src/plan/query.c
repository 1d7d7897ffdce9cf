/*
 * query: reading the stored plan back as flat items for listing and
 * reporting, and the rules judged at read time — RAG rating and overdue —
 * which depend on the date the report is "as of", not on the import.
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"

static struct date parse_iso(const char *s)
{
	struct date d = {0, 0, 0};
	struct err e;
	err_clear(&e);
	if (s && *s && date_parse_user(s, "date", &d, &e) < 0)
		d.y = 0;
	return d;
}

/* Recurring work: the end of the first occurrence window that ends on or
 * after as_of. The window is the first period's length (start..due), or
 * the whole month for "Each Jan"-style rules, or the day itself. Rules with
 * no anchor date and no month (plain "Quarterly") have no knowable next
 * date: returns a date with y == 0. */
static struct date next_due(const char *rrule, struct date start, struct date due,
			    struct date as_of)
{
	struct icalrecurrencetype rec = icalrecurrencetype_from_string(rrule);
	struct icaltimetype dt, o;
	struct date anchor = start.y ? start : due, none = {0, 0, 0};
	icalrecur_iterator *it;
	long span = 0;
	int whole_month = 0, i;

	if (rec.freq == ICAL_NO_RECURRENCE)
		return none;
	if (!anchor.y) {
		if (rec.freq != ICAL_YEARLY_RECURRENCE || rec.by_month[0] == ICAL_RECURRENCE_ARRAY_MAX)
			return none;
		anchor.y = as_of.y - 1;
		anchor.m = rec.by_month[0];
		anchor.d = rec.by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX &&
				   rec.by_month_day[0] > 0
			   ? rec.by_month_day[0] : 1;
		if (!date_valid(anchor.y, anchor.m, anchor.d))
			return none;
		whole_month = rec.by_month_day[0] == ICAL_RECURRENCE_ARRAY_MAX;
	} else if (start.y && due.y) {
		span = date_to_days(due) - date_to_days(start);
	}
	{
		/* icaltime_from_string sets every field libical's iterator reads;
		 * filling a null date by hand leaves it misreading the day. */
		char ymd[16];
		snprintf(ymd, sizeof ymd, "%04d%02d%02d", anchor.y % 10000,
			 anchor.m % 100, anchor.d % 100);
		dt = icaltime_from_string(ymd);
	}
	it = icalrecur_iterator_new(rec, dt);
	if (!it)
		return none;
	for (i = 0; i < 2000; i++) {
		struct date d, end;
		o = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(o))
			break;
		d.y = o.year, d.m = o.month, d.d = o.day;
		end = whole_month ? date_end_of_month(d.y, d.m) : date_add_days(d, span);
		if (date_cmp(end, as_of) >= 0) {
			icalrecur_iterator_free(it);
			return end;
		}
	}
	icalrecur_iterator_free(it);
	return none;
}

const char *plan_rag(const char *status, struct date due, struct date as_of)
{
	if (strcmp(status, "done") == 0)
		return "blue";
	if (strcmp(status, "dropped") == 0)
		return NULL;
	if (due.y) {
		long days = date_to_days(due) - date_to_days(as_of);
		if (days < 0)
			return "red";
		if (days <= 90 && strcmp(status, "not-started") == 0)
			return "amber";
		return "green";
	}
	return strcmp(status, "not-started") == 0 ? "amber" : "green";
}

/* The leads of one action, with st (prepared once per load, see
 * plan_items_load) run again for it. */
static int load_leads(store_stmt_t *st, struct plan_item *it, struct err *e)
{
	int rc;
	if (store_rebind(st, e, "i", it->id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct plan_lead *l;
		const char *tok = store_col_text(st, 0);
		it->leads = xrealloc(it->leads, (it->n_leads + 1) * sizeof *it->leads);
		l = &it->leads[it->n_leads++];
		l->token = xstrdup(tok);
		l->initials = NULL;
		if (!store_col_is_null(st, 1)) {
			l->initials = xstrdup(store_col_text(st, 1));
			l->name = xstrdup(store_col_text(st, 2));
			l->kind = xstrdup("person");
		} else if (!store_col_is_null(st, 3)) {
			l->name = xstrdup(store_col_text(st, 4));
			l->kind = xstrdup("group");
		} else {
			l->name = xstrdup(tok);
			l->kind = xstrdup(plan_looks_like_initials(tok) ? "unresolved"
									: "role");
		}
	}
	return rc < 0 ? ERR_DB : 0;
}

/* The fields of an action, st run again as for load_leads. */
static int load_fields(store_stmt_t *st, struct plan_item *it, struct err *e)
{
	int rc;
	if (store_rebind(st, e, "i", it->id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		it->fields = xrealloc(it->fields, (it->n_fields + 1) * sizeof *it->fields);
		it->fields[it->n_fields].name = xstrdup(store_col_text(st, 0));
		it->fields[it->n_fields].value = xstrdup(store_col_text(st, 1));
		it->n_fields++;
	}
	return rc < 0 ? ERR_DB : 0;
}

/* The duties of an action's area and its own (an action made for a
 * monitoring flag serves duties of its own), st run again as for
 * load_leads. */
static int load_duties(store_stmt_t *st, int64_t area_id, struct plan_item *it,
		       struct err *e)
{
	int rc;
	if (store_rebind(st, e, "ii", area_id, it->id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1)
		if (it->n_duties < PLAN_MAX_DUTIES)
			it->duties[it->n_duties++] = (int)store_col_int(st, 0);
	return rc < 0 ? ERR_DB : 0;
}

int plan_items_load(store_t *db, int64_t plan_id, struct date as_of,
		    struct plan_item **items, size_t *n, struct err *e)
{
	store_stmt_t *st, *leads_st = NULL, *duties_st = NULL, *fields_st = NULL;
	struct plan_item *v = NULL;
	int64_t *area_ids = NULL;
	size_t c = 0, i;
	int rc;

	*items = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT a.id, a.code, ar.no, a.letter, s.no, s.title, ar.title,"
			  " ar.duties_text, a.text, a.lead_text, a.timescale, a.ts_kind,"
			  " a.ts_start, a.ts_due, a.ts_rrule, a.ts_precision, a.status,"
			  " a.rag_override, a.rag_reason, ar.id"
			  " FROM action a JOIN area ar ON ar.id = a.area_id"
			  " LEFT JOIN section s ON s.id = ar.section_id"
			  " WHERE a.plan_id = ? AND a.removed = 0"
			  " ORDER BY ar.no, a.letter, a.id",
			  "i", plan_id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct plan_item *it;
		const char *letter;
		v = xrealloc(v, (c + 1) * sizeof *v);
		area_ids = xrealloc(area_ids, (c + 1) * sizeof *area_ids);
		it = &v[c];
		memset(it, 0, sizeof *it);
		it->id = store_col_int(st, 0);
		snprintf(it->code, sizeof it->code, "%s", store_col_text(st, 1));
		it->area_no = (int)store_col_int(st, 2);
		letter = store_col_text(st, 3);
		it->letter = letter ? letter[0] : '?';
		it->section_no = (int)store_col_int(st, 4);
		it->section = xstrdup(store_col_text(st, 5));
		it->area = xstrdup(store_col_text(st, 6));
		it->duties_text = xstrdup(store_col_text(st, 7));
		it->text = xstrdup(store_col_text(st, 8));
		it->lead_text = xstrdup(store_col_text(st, 9));
		it->timescale = xstrdup(store_col_text(st, 10));
		it->ts_kind = xstrdup(store_col_text(st, 11));
		it->start = parse_iso(store_col_text(st, 12));
		it->due = parse_iso(store_col_text(st, 13));
		it->rrule = xstrdup(store_col_text(st, 14));
		it->precision = xstrdup(store_col_text(st, 15));
		it->status = xstrdup(store_col_text(st, 16));
		if (it->rrule && strcmp(it->ts_kind, "recurring") == 0)
			it->due = next_due(it->rrule, it->start, it->due, as_of);
		it->live = strcmp(it->status, "done") != 0 &&
			   strcmp(it->status, "dropped") != 0;
		it->overdue = it->live && it->due.y && date_cmp(it->due, as_of) < 0;
		if (!store_col_is_null(st, 17)) {
			const char *o = store_col_text(st, 17);
			it->rag = strcmp(o, "red") == 0 ? "red"
				  : strcmp(o, "amber") == 0 ? "amber" : "green";
			it->rag_reason = xstrdup(store_col_text(st, 18));
		} else {
			it->rag = plan_rag(it->status, it->due, as_of);
		}
		area_ids[c] = store_col_int(st, 19);
		c++;
	}
	store_done(st);
	if (rc < 0)
		goto fail;
	/* Two statements for all actions: compiling SQL once per action
	 * was most of a web page's time (bench/results/web-*-profile.txt). */
	if (store_prepare(db, &leads_st, e,
			  "SELECT l.token, p.initials, p.name, t.abbr, t.expansion"
			  " FROM action_lead l"
			  " LEFT JOIN person p ON p.id = l.person_id"
			  " LEFT JOIN term t ON t.id = l.term_id"
			  " WHERE l.action_id = ? ORDER BY l.pos",
			  "i", (int64_t)0) < 0 ||
	    store_prepare(db, &duties_st, e,
			  "SELECT duty FROM area_duty WHERE area_id = ?"
			  " UNION SELECT duty FROM action_duty WHERE action_id = ? ORDER BY 1",
			  "ii", (int64_t)0, (int64_t)0) < 0 ||
	    store_prepare(db, &fields_st, e,
			  "SELECT name, value FROM action_field WHERE action_id = ? ORDER BY pos",
			  "i", (int64_t)0) < 0)
		goto fail;
	for (i = 0; i < c; i++)
		if (load_leads(leads_st, &v[i], e) < 0 ||
		    load_duties(duties_st, area_ids[i], &v[i], e) < 0 ||
		    load_fields(fields_st, &v[i], e) < 0)
			goto fail;
	store_done(leads_st);
	store_done(duties_st);
	store_done(fields_st);
	free(area_ids);
	*items = v;
	*n = c;
	return 0;
fail:
	store_done(leads_st);
	store_done(duties_st);
	store_done(fields_st);
	free(area_ids);
	plan_items_free(v, c);
	return ERR_DB;
}

void plan_items_free(struct plan_item *items, size_t n)
{
	size_t i, j;
	for (i = 0; i < n; i++) {
		struct plan_item *it = &items[i];
		for (j = 0; j < it->n_leads; j++) {
			free(it->leads[j].token);
			free(it->leads[j].name);
			free(it->leads[j].kind);
			free(it->leads[j].initials);
		}
		free(it->leads);
		for (j = 0; j < it->n_fields; j++) {
			free(it->fields[j].name);
			free(it->fields[j].value);
		}
		free(it->fields);
		free(it->section);
		free(it->area);
		free(it->duties_text);
		free(it->text);
		free(it->lead_text);
		free(it->timescale);
		free(it->ts_kind);
		free(it->rrule);
		free(it->precision);
		free(it->status);
		free(it->rag_reason);
	}
	free(items);
}

int plan_item_led_by(const struct plan_item *it, const char *who)
{
	char k1[32], k2[32];
	size_t i;
	plan_initials_key(who, k1, sizeof k1);
	for (i = 0; i < it->n_leads; i++) {
		const struct plan_lead *l = &it->leads[i];
		if (str_eq_ci(l->token, who) || str_eq_ci(l->name, who))
			return 1;
		if (l->initials) {
			plan_initials_key(l->initials, k2, sizeof k2);
			if (strcmp(k1, k2) == 0)
				return 1;
		}
		plan_initials_key(l->token, k2, sizeof k2);
		if (!strchr(who, ' ') && strcmp(k1, k2) == 0)
			return 1;
		if (strchr(who, ' ') && str_find_ci(l->name, who))
			return 1;
	}
	return 0;
}

int plan_status_valid(const char *s)
{
	static const char *const statuses[] = {"not-started", "in-progress", "done",
					       "dropped", NULL};
	size_t i;
	if (!s)
		return 0;
	for (i = 0; statuses[i]; i++)
		if (strcmp(statuses[i], s) == 0)
			return 1;
	return 0;
}

/* A section given by number matches that number; by words, any section
 * whose title contains them. */
static int section_matches(const struct plan_item *it, const char *s)
{
	long no;
	if (str_to_int(s, 0, 999, &no) == 0)
		return it->section_no == no;
	return it->section && str_find_ci(it->section, s) != NULL;
}

/* 1 when the words are in the item's id, text, area of work or section
 * title, leads (as written or the names they resolve to), timescale or
 * one of its fields' values. */
static int search_matches(const struct plan_item *it, const char *q)
{
	size_t i;
	if (str_find_ci(it->code, q) || (it->text && str_find_ci(it->text, q)) ||
	    (it->area && str_find_ci(it->area, q)) || (it->section && str_find_ci(it->section, q)) ||
	    (it->lead_text && str_find_ci(it->lead_text, q)) ||
	    (it->timescale && str_find_ci(it->timescale, q)))
		return 1;
	for (i = 0; i < it->n_leads; i++)
		if (str_find_ci(it->leads[i].name, q))
			return 1;
	for (i = 0; i < it->n_fields; i++)
		if (str_find_ci(it->fields[i].value, q))
			return 1;
	return 0;
}

int plan_item_matches(const struct plan_item *it, const struct plan_filter *f)
{
	int j;
	if (f->overdue && !it->overdue)
		return 0;
	if (f->due_before.y &&
	    (!it->due.y || date_cmp(it->due, f->due_before) >= 0 || !it->live))
		return 0;
	if (f->lead && !plan_item_led_by(it, f->lead))
		return 0;
	if (f->duty) {
		for (j = 0; j < it->n_duties && it->duties[j] != f->duty; j++)
			;
		if (j == it->n_duties)
			return 0;
	}
	if (f->section && !section_matches(it, f->section))
		return 0;
	if (f->status && strcmp(it->status, f->status) != 0)
		return 0;
	if (f->rag && (it->rag ? strcmp(it->rag, f->rag) != 0 : strcmp(f->rag, "none") != 0))
		return 0;
	if (f->search && *f->search && !search_matches(it, f->search))
		return 0;
	return 1;
}

int plan_items_find(const struct plan_item *items, size_t n, const char *code)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (str_eq_ci(items[i].code, code))
			return (int)i;
	return -1;
}
