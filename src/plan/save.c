/*
 * save: writing an imported plan model into the database. Re-importing a
 * plan of the same name updates it in place: actions are matched by their
 * id — the plan's own ("4a", "1.2") when it gives every action a unique
 * one, else area number + letter — so progress history stays attached;
 * changed wording, leads or timescales are recorded as history events;
 * actions that disappeared are marked removed (never deleted) and come
 * back if a later version has them again. The caller owns the transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"
#include "plan/plan.h"
#include "plan/timescale.h"

int plan_find(store_t *db, const char *name, int64_t *id, struct err *e)
{
	if (store_query_int(db, id, e, "SELECT id FROM plan WHERE name = ?", "t",
			    name) < 0)
		return ERR_DB;
	if (*id == 0) {
		int64_t n = 0;
		store_query_int(db, &n, e, "SELECT COUNT(*) FROM plan", "");
		if (n == 0)
			return err_set(e, ERR_NOTFOUND,
				       "no action plan in this database yet; import "
				       "one with 'parity plan import FILE'");
		return err_set(e, ERR_NOTFOUND,
			       "no plan named '%s'; give the name used at import "
			       "with --plan NAME",
			       name);
	}
	return 0;
}

struct known {
	int64_t id;
	char key[32];	 /* plan_initials_key of initials / abbr */
	char *abbr;	 /* for terms */
	char *expansion; /* for terms */
};

static void known_free(struct known *k, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(k[i].abbr);
		free(k[i].expansion);
	}
	free(k);
}

static int load_known(store_t *db, int people, struct known **out, size_t *n,
		      struct err *e)
{
	store_stmt_t *st;
	struct known *k = NULL;
	size_t c = 0;
	int rc;
	if (store_prepare(db, &st, e,
			  people ? "SELECT COALESCE(replaced_by, id), initials, NULL FROM person"
				 : "SELECT id, abbr, expansion FROM term",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		k = xrealloc(k, (c + 1) * sizeof *k);
		k[c].id = store_col_int(st, 0);
		plan_initials_key(store_col_text(st, 1), k[c].key, sizeof k[c].key);
		k[c].abbr = xstrdup(store_col_text(st, 1));
		k[c].expansion = xstrdup(store_col_text(st, 2));
		c++;
	}
	store_done(st);
	*out = k;
	*n = c;
	return rc < 0 ? ERR_DB : 0;
}

/* Resolve one lead token to a person id or a term id (0 when neither). */
static void resolve_token(const char *tok, const struct known *people,
			  size_t n_people, const struct known *terms,
			  size_t n_terms, int64_t *person, int64_t *term)
{
	char key[32];
	size_t i;
	*person = *term = 0;
	for (i = 0; i < n_terms; i++) {
		if (str_eq_ci(tok, terms[i].abbr) ||
		    (terms[i].expansion && str_eq_ci(tok, terms[i].expansion))) {
			*term = terms[i].id;
			return;
		}
	}
	if (strchr(tok, ' ') || strlen(tok) > 12) {
		/* "Head of Learning (FM)": initials in brackets at the end
		 * name the person; the token (title and all) is kept */
		size_t n = strlen(tok);
		const char *open = strrchr(tok, '(');
		if (n > 3 && tok[n - 1] == ')' && open && open > tok) {
			char *inner = xstrndup(open + 1, (size_t)(tok + n - 1 - (open + 1)));
			if (plan_looks_like_initials(inner)) {
				int64_t t2;
				resolve_token(inner, people, n_people, NULL, 0, person, &t2);
			}
			free(inner);
		}
		return;
	}
	plan_initials_key(tok, key, sizeof key);
	for (i = 0; i < n_people; i++) {
		if (strcmp(key, people[i].key) == 0) {
			*person = people[i].id;
			return;
		}
	}
}

static const char *doc_status(const char *s)
{
	if (!s)
		return NULL;
	if (str_find_ci(s, "not started") || str_eq_ci(s, "not yet started"))
		return "not-started";
	if (str_find_ci(s, "complete") || str_eq_ci(s, "done") ||
	    str_find_ci(s, "achieved"))
		return "done";
	if (str_find_ci(s, "progress") || str_find_ci(s, "started") ||
	    str_find_ci(s, "on track") || str_find_ci(s, "underway"))
		return "in-progress";
	if (str_find_ci(s, "drop") || str_find_ci(s, "cancel") ||
	    str_find_ci(s, "withdrawn"))
		return "dropped";
	return NULL;
}

static int same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int save_leads(store_t *db, int64_t action_id, const char *lead,
		      const struct known *people, size_t n_people,
		      const struct known *terms, size_t n_terms, struct err *e)
{
	char **toks;
	size_t n = plan_lead_split(lead, &toks), i;
	int rc = 0;
	if (store_exec(db, e, "DELETE FROM action_lead WHERE action_id = ?", "i",
		       action_id) < 0) {
		plan_tokens_free(toks, n);
		return ERR_DB;
	}
	for (i = 0; i < n && rc == 0; i++) {
		int64_t person, term;
		resolve_token(toks[i], people, n_people, terms, n_terms, &person, &term);
		if (person)
			rc = store_exec(db, e,
					"INSERT INTO action_lead(action_id, pos, token, person_id)"
					" VALUES (?, ?, ?, ?)",
					"iiti", action_id, (int64_t)i, toks[i], person);
		else if (term)
			rc = store_exec(db, e,
					"INSERT INTO action_lead(action_id, pos, token, term_id)"
					" VALUES (?, ?, ?, ?)",
					"iiti", action_id, (int64_t)i, toks[i], term);
		else
			rc = store_exec(db, e,
					"INSERT INTO action_lead(action_id, pos, token)"
					" VALUES (?, ?, ?)",
					"iit", action_id, (int64_t)i, toks[i]);
	}
	plan_tokens_free(toks, n);
	return rc;
}

/* ---- the plan's own ids ------------------------------------------------*/

static void model_warn(struct plan_model *m, const struct plan_area *a, const char *msg)
{
	struct plan_warning *w;
	struct buf place = BUF_INIT;
	buf_printf(&place, "area %d (%.60s%s)", a->no, a->title,
		   strlen(a->title) > 60 ? "..." : "");
	m->warnings = xrealloc(m->warnings, (m->n_warnings + 1) * sizeof *m->warnings);
	w = &m->warnings[m->n_warnings++];
	w->kind = xstrdup("id");
	w->place = buf_take(&place);
	w->message = xstrdup(msg);
}

struct code_ref {
	const char *code;
	const struct plan_area *area;
	const struct plan_action *action;
};

static int cmp_code_ref(const void *a, const void *b)
{
	const struct code_ref *x = a, *y = b;
	int c = strcasecmp(x->code, y->code);
	if (c)
		return c;
	return x->action->line - y->action->line;
}

void plan_model_ids(struct plan_model *m)
{
	struct code_ref *refs = NULL, none = {NULL, NULL, NULL};
	size_t i, j, n = 0, with = 0;
	struct buf msg = BUF_INIT;

	for (i = 0; i < m->n_areas; i++)
		for (j = 0; j < m->areas[i].n_actions; j++) {
			const struct plan_action *ac = &m->areas[i].actions[j];
			n++;
			if (!ac->code) {
				if (!none.action)
					none = (struct code_ref){NULL, &m->areas[i], ac};
				continue;
			}
			refs = xrealloc(refs, (with + 1) * sizeof *refs);
			refs[with++] = (struct code_ref){ac->code, &m->areas[i], ac};
		}
	if (with == 0)
		return;
	if (none.action) {
		buf_printf(&msg, "the plan gives its own ids to %zu of its %zu actions, but "
				 "action %d%c (line %d, \"%.50s\") has none; parity numbered "
				 "every action itself (area number and letter): give every action "
				 "an id, or none",
			   with, n, none.area->no, none.action->letter, none.action->line,
			   none.action->text);
		model_warn(m, none.area, buf_str(&msg));
	} else {
		qsort(refs, with, sizeof *refs, cmp_code_ref);
		for (i = 1; i < with; i++)
			if (!strcasecmp(refs[i - 1].code, refs[i].code))
				break;
		if (i < with) {
			buf_printf(&msg, "the plan's own id \"%s\" is given to more than one "
					 "action (lines %d and %d); parity numbered every action "
					 "itself (area number and letter): make the ids unique to "
					 "keep them",
				   refs[i].code, refs[i - 1].action->line, refs[i].action->line);
			model_warn(m, refs[i].area, buf_str(&msg));
		}
	}
	free(refs);
	if (msg.len)
		for (i = 0; i < m->n_areas; i++)
			for (j = 0; j < m->areas[i].n_actions; j++) {
				free(m->areas[i].actions[j].code);
				m->areas[i].actions[j].code = NULL;
			}
	buf_free(&msg);
}

/* 1 when one of the model's own ids is already the id of an action parity
 * added itself (a flag's response, "F12"): the ids would clash, and parity
 * numbers the actions instead (the caller says so). */
static int ids_clash(store_t *db, int64_t plan_id, const struct plan_model *m,
		     struct buf *why, struct err *e)
{
	size_t i, j;
	for (i = 0; i < m->n_areas; i++)
		for (j = 0; j < m->areas[i].n_actions; j++) {
			const char *code = m->areas[i].actions[j].code;
			int64_t n = 0;
			if (!code)
				return 0;
			if (store_query_int(db, &n, e,
					    "SELECT COUNT(*) FROM action WHERE plan_id = ?"
					    " AND origin <> 'document' AND LOWER(code) = LOWER(?)",
					    "it", plan_id, code) < 0)
				return ERR_DB;
			if (n) {
				buf_printf(why, "the plan's own id \"%s\" is already the id of an "
						"action parity added (a response to a monitoring "
						"flag); parity numbered every action itself (area "
						"number and letter)",
					   code);
				return 1;
			}
		}
	return 0;
}

/* ---- fields --------------------------------------------------------------*/

static int add_event(store_t *db, int64_t action_id, const char *now,
		     const char *author, const char *kind, const char *status,
		     const char *note, struct err *e);

/* Store the fields of ac for action_id, when they differ from what is
 * stored. For an action that was there before (is_new 0), a change is a
 * history event (kind "field") whose note says what each changed field
 * was, and a line in changes. */
static int save_fields(store_t *db, int64_t action_id, const struct plan_action *ac,
		       int is_new, const char *code, const char *now, const char *author,
		       struct buf *changes, struct err *e)
{
	store_stmt_t *st;
	struct plan_field *old = NULL;
	size_t n_old = 0, i, k;
	struct buf note = BUF_INIT, names = BUF_INIT;
	int rc;

	if (store_prepare(db, &st, e,
			  "SELECT name, value FROM action_field WHERE action_id = ? ORDER BY pos",
			  "i", action_id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		old = xrealloc(old, (n_old + 1) * sizeof *old);
		old[n_old].name = xstrdup(store_col_text(st, 0));
		old[n_old].value = xstrdup(store_col_text(st, 1));
		n_old++;
	}
	store_done(st);
	if (rc < 0)
		goto done;
	rc = 0;
	for (i = 0; i < ac->n_fields; i++) {
		const struct plan_field *f = &ac->fields[i];
		for (k = 0; k < n_old && strcmp(old[k].name, f->name); k++)
			;
		if (k < n_old && !strcmp(old[k].value, f->value))
			continue;
		buf_printf(&note, "%s%s was: %s", note.len ? "; " : "", f->name,
			   k < n_old ? old[k].value : "(none)");
		buf_printf(&names, "%s%s", names.len ? ", " : "", f->name);
	}
	for (k = 0; k < n_old; k++) {
		for (i = 0; i < ac->n_fields && strcmp(old[k].name, ac->fields[i].name); i++)
			;
		if (i < ac->n_fields)
			continue;
		buf_printf(&note, "%s%s was: %s (now none)", note.len ? "; " : "", old[k].name,
			   old[k].value);
		buf_printf(&names, "%s%s", names.len ? ", " : "", old[k].name);
	}
	if (!note.len) {
		/* the same fields; only their order may differ */
		int same_order = n_old == ac->n_fields;
		for (i = 0; same_order && i < n_old; i++)
			same_order = !strcmp(old[i].name, ac->fields[i].name);
		if (same_order)
			goto done;
	}
	if (store_exec(db, e, "DELETE FROM action_field WHERE action_id = ?", "i",
		       action_id) < 0) {
		rc = ERR_DB;
		goto done;
	}
	for (i = 0; i < ac->n_fields; i++)
		if (store_exec(db, e,
			       "INSERT INTO action_field(action_id, pos, name, value)"
			       " VALUES (?, ?, ?, ?)",
			       "iitt", action_id, (int64_t)i, ac->fields[i].name,
			       ac->fields[i].value) < 0) {
			rc = ERR_DB;
			goto done;
		}
	if (!is_new && note.len) {
		if (add_event(db, action_id, now, author, "field", NULL, buf_str(&note), e) < 0) {
			rc = ERR_DB;
			goto done;
		}
		buf_printf(changes, "fields   %-5s %.70s\n", code, buf_str(&names));
	}
done:
	for (k = 0; k < n_old; k++) {
		free(old[k].name);
		free(old[k].value);
	}
	free(old);
	buf_free(&note);
	buf_free(&names);
	return rc;
}

static int add_event(store_t *db, int64_t action_id, const char *now,
		     const char *author, const char *kind, const char *status,
		     const char *note, struct err *e)
{
	return store_exec(db, e,
			  "INSERT INTO action_event(action_id, at, author, kind, status, note)"
			  " VALUES (?, ?, ?, ?, ?, ?)",
			  "itttt" "t", action_id, now, author, kind, status, note);
}

int plan_save(store_t *db, const struct plan_model *m, const char *name,
	      const char *source, const char *author, struct buf *changes,
	      int *n_added, int *n_removed, int *n_reworded, struct err *e)
{
	int64_t plan_id = 0, *section_ids = NULL;
	struct known *people = NULL, *terms = NULL;
	size_t n_people = 0, n_terms = 0, i, j;
	char now[21];
	struct buf note = BUF_INIT, seen = BUF_INIT, clash = BUF_INIT;
	store_stmt_t *st = NULL;
	int rc = ERR_DB, ok = 0, own_ids;
	int64_t had_fields = 0;

	*n_added = *n_removed = *n_reworded = 0;
	date_now_iso(now);
	if (store_query_int(db, &plan_id, e, "SELECT id FROM plan WHERE name = ?",
			    "t", name) < 0)
		goto fail;
	if (plan_id == 0) {
		if (store_exec(db, e,
			       "INSERT INTO plan(name, title, source, imported_at)"
			       " VALUES (?, ?, ?, ?)",
			       "tttt", name, m->title, source, now) < 0)
			goto fail;
		plan_id = store_last_id(db);
	} else if (store_exec(db, e,
			      "UPDATE plan SET title = ?, source = ?, imported_at = ?"
			      " WHERE id = ?",
			      "ttti", m->title, source, now, plan_id) < 0) {
		goto fail;
	}

	for (i = 0; i < m->n_people; i++)
		if (store_exec(db, e,
			       "INSERT INTO person(initials, name, role) VALUES (?, ?, ?)"
			       " ON CONFLICT(initials) DO NOTHING",
			       "ttt", m->people[i].initials, m->people[i].name,
			       m->people[i].role) < 0)
			goto fail;
	for (i = 0; i < m->n_terms; i++)
		if (store_exec(db, e,
			       "INSERT INTO term(abbr, expansion) VALUES (?, ?)"
			       " ON CONFLICT(abbr) DO NOTHING",
			       "tt", m->terms[i].abbr, m->terms[i].expansion) < 0)
			goto fail;
	if (load_known(db, 1, &people, &n_people, e) < 0 ||
	    load_known(db, 0, &terms, &n_terms, e) < 0)
		goto fail;

	/* The plan's own ids (plan_model_ids kept them: all there, unique),
	 * unless one is taken by an action parity added. */
	if ((own_ids = ids_clash(db, plan_id, m, &clash, e)) < 0)
		goto fail;
	own_ids = !own_ids && m->n_areas && m->areas[0].n_actions &&
		  m->areas[0].actions[0].code;
	/* Fields are compared action by action only when the plan has or had
	 * some: most plans have none, and a query per action costs. */
	if (store_query_int(db, &had_fields, e,
			    "SELECT COUNT(*) FROM action_field f JOIN action a ON a.id = f.action_id"
			    " WHERE a.plan_id = ?",
			    "i", plan_id) < 0)
		goto fail;

	/* sections 0 and below are parity's own, for the responses to
	 * monitoring flags and impact assessments (plan_add_linked_action); a
	 * document's sections are numbered from 1 */
	if (store_exec(db, e, "DELETE FROM section WHERE plan_id = ? AND no > 0", "i",
		       plan_id) < 0)
		goto fail;
	section_ids = xcalloc(m->n_sections + 1, sizeof *section_ids);
	for (i = 0; i < m->n_sections; i++) {
		if (store_exec(db, e,
			       "INSERT INTO section(plan_id, no, title) VALUES (?, ?, ?)",
			       "iit", plan_id, (int64_t)m->sections[i].no,
			       m->sections[i].title) < 0)
			goto fail;
		section_ids[i] = store_last_id(db);
	}

	for (i = 0; i < m->n_areas; i++) {
		const struct plan_area *a = &m->areas[i];
		int64_t area_id = 0, sec = a->section >= 0 ? section_ids[a->section] : 0;
		if (store_query_int(db, &area_id, e,
				    "SELECT id FROM area WHERE plan_id = ? AND no = ?", "ii",
				    plan_id, (int64_t)a->no) < 0)
			goto fail;
		if (area_id == 0) {
			if (store_exec(db, e,
				       "INSERT INTO area(plan_id, section_id, no, title, duties_text)"
				       " VALUES (?, NULLIF(?, 0), ?, ?, ?)",
				       "iiitt", plan_id, sec, (int64_t)a->no, a->title,
				       a->duties_text) < 0)
				goto fail;
			area_id = store_last_id(db);
		} else if (store_exec(db, e,
				      "UPDATE area SET section_id = NULLIF(?, 0), title = ?,"
				      " duties_text = ?, removed = 0 WHERE id = ?",
				      "itti", sec, a->title, a->duties_text, area_id) < 0) {
			goto fail;
		}
		if (store_exec(db, e, "DELETE FROM area_duty WHERE area_id = ?", "i",
			       area_id) < 0)
			goto fail;
		for (j = 0; j < (size_t)a->n_duties; j++)
			if (store_exec(db, e,
				       "INSERT INTO area_duty(area_id, duty) VALUES (?, ?)",
				       "ii", area_id, (int64_t)a->duties[j]) < 0)
				goto fail;

		for (j = 0; j < a->n_actions; j++) {
			const struct plan_action *ac = &a->actions[j];
			struct timescale ts;
			char code[16], letter[2] = {ac->letter, 0}, start[11], due[11];
			int64_t action_id = 0;
			int was_removed = 0, changed = 0, is_new = 0;
			char *old_text = NULL, *old_lead = NULL, *old_ts = NULL;

			if (own_ids && ac->code)
				snprintf(code, sizeof code, "%s", ac->code);
			else
				snprintf(code, sizeof code, "%d%c", a->no, ac->letter);
			buf_printf(&seen, "|%s|", code);
			timescale_parse(ac->timescale ? ac->timescale : "", &ts);
			date_format(ts.start, start);
			date_format(ts.due, due);
			if (store_prepare(db, &st, e,
					  "SELECT id, text, lead_text, timescale, removed"
					  " FROM action WHERE plan_id = ? AND code = ?",
					  "it", plan_id, code) < 0)
				goto fail;
			if ((rc = store_step(st, e)) < 0)
				goto fail;
			if (rc == 1) {
				action_id = store_col_int(st, 0);
				old_text = xstrdup(store_col_text(st, 1));
				old_lead = xstrdup(store_col_text(st, 2));
				old_ts = xstrdup(store_col_text(st, 3));
				was_removed = (int)store_col_int(st, 4);
			}
			store_done(st);
			st = NULL;
			rc = ERR_DB;
			if (action_id == 0) {
				const char *status = doc_status(ac->status);
				is_new = 1;
				if (!status)
					status = "not-started";
				if (store_exec(db, e,
					       "INSERT INTO action(plan_id, area_id, code, letter, text,"
					       " lead_text, timescale, ts_kind, ts_start, ts_due,"
					       " ts_rrule, ts_precision, status)"
					       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''),"
					       " NULLIF(?, ''), NULLIF(?, ''), ?, ?)",
					       "iittttttttttt", plan_id, area_id, code, letter,
					       ac->text, ac->lead, ac->timescale,
					       timescale_kind_name(ts.kind), start, due, ts.rrule,
					       timescale_precision_name(ts.precision), status) < 0)
					goto fail_action;
				action_id = store_last_id(db);
				buf_reset(&note);
				buf_printf(&note, "Added by importing %s", str_file_name(source));
				if (add_event(db, action_id, now, author, "import", status,
					      buf_str(&note), e) < 0)
					goto fail_action;
				buf_printf(changes, "added    %-5s %.70s\n", code, ac->text);
				(*n_added)++;
			} else {
				buf_reset(&note);
				if (!same(old_text, ac->text)) {
					buf_printf(&note, "text was: %s", old_text ? old_text : "");
					changed = 1;
				}
				if (!same(old_lead, ac->lead)) {
					buf_printf(&note, "%slead was: %s", note.len ? "; " : "",
						   old_lead ? old_lead : "(none)");
					changed = 1;
				}
				if (!same(old_ts, ac->timescale)) {
					buf_printf(&note, "%stimescale was: %s", note.len ? "; " : "",
						   old_ts ? old_ts : "(none)");
					changed = 1;
				}
				if (store_exec(db, e,
					       "UPDATE action SET area_id = ?, letter = ?, text = ?,"
					       " lead_text = ?, timescale = ?, ts_kind = ?,"
					       " ts_start = NULLIF(?, ''), ts_due = NULLIF(?, ''),"
					       " ts_rrule = NULLIF(?, ''), ts_precision = ?, removed = 0"
					       " WHERE id = ?",
					       "ittttttttti", area_id, letter, ac->text, ac->lead,
					       ac->timescale, timescale_kind_name(ts.kind), start,
					       due, ts.rrule,
					       timescale_precision_name(ts.precision),
					       action_id) < 0)
					goto fail_action;
				if (was_removed) {
					if (add_event(db, action_id, now, author, "restored", NULL,
						      "back in the plan after re-import", e) < 0)
						goto fail_action;
					buf_printf(changes, "restored %-5s %.70s\n", code, ac->text);
					(*n_added)++;
				} else if (changed) {
					if (add_event(db, action_id, now, author, "reword", NULL,
						      buf_str(&note), e) < 0)
						goto fail_action;
					buf_printf(changes, "reworded %-5s %.70s\n", code, ac->text);
					(*n_reworded)++;
				}
			}
			free(old_text);
			free(old_lead);
			free(old_ts);
			if (save_leads(db, action_id, ac->lead, people, n_people, terms,
				       n_terms, e) < 0 ||
			    ((ac->n_fields || had_fields) &&
			     save_fields(db, action_id, ac, is_new, code, now, author, changes,
					 e) < 0))
				goto fail;
			continue;
		fail_action:
			free(old_text);
			free(old_lead);
			free(old_ts);
			goto fail;
		}
	}

	/* Areas and actions that are no longer in the document. */
	if (store_exec(db, e, "UPDATE area SET removed = 1 WHERE plan_id = ? AND no > ?"
		       " AND origin = 'document'",
		       "ii", plan_id, (int64_t)m->n_areas) < 0)
		goto fail;
	if (store_prepare(db, &st, e,
			  "SELECT id, code, text FROM action WHERE plan_id = ? AND removed = 0"
			  " AND origin = 'document' ORDER BY id",
			  "i", plan_id) < 0)
		goto fail;
	{
		int64_t *gone = NULL;
		size_t n_gone = 0;
		while ((rc = store_step(st, e)) == 1) {
			char key[32];
			snprintf(key, sizeof key, "|%s|", store_col_text(st, 1));
			if (!strstr(buf_str(&seen), key)) {
				gone = xrealloc(gone, (n_gone + 1) * sizeof *gone);
				gone[n_gone++] = store_col_int(st, 0);
				buf_printf(changes, "removed  %-5s %.70s\n",
					   store_col_text(st, 1), store_col_text(st, 2));
			}
		}
		store_done(st);
		st = NULL;
		if (rc < 0) {
			free(gone);
			goto fail;
		}
		for (i = 0; i < n_gone; i++) {
			if (store_exec(db, e, "UPDATE action SET removed = 1 WHERE id = ?",
				       "i", gone[i]) < 0 ||
			    add_event(db, gone[i], now, author, "removed", NULL,
				      "no longer in the imported plan", e) < 0) {
				free(gone);
				goto fail;
			}
			(*n_removed)++;
		}
		free(gone);
	}

	if (store_exec(db, e, "DELETE FROM import_warning WHERE plan_id = ?", "i",
		       plan_id) < 0)
		goto fail;
	for (i = 0; i < m->n_warnings; i++)
		if (store_exec(db, e,
			       "INSERT INTO import_warning(plan_id, kind, place, message)"
			       " VALUES (?, ?, ?, ?)",
			       "ittt", plan_id, m->warnings[i].kind, m->warnings[i].place,
			       m->warnings[i].message) < 0)
			goto fail;
	if (clash.len &&
	    store_exec(db, e,
		       "INSERT INTO import_warning(plan_id, kind, place, message)"
		       " VALUES (?, 'id', ?, ?)",
		       "itt", plan_id, source, buf_str(&clash)) < 0)
		goto fail;
	if (clash.len)
		buf_printf(changes, "warning: %s\n", buf_str(&clash));
	ok = 1;
fail:
	store_done(st);
	free(section_ids);
	known_free(people, n_people);
	known_free(terms, n_terms);
	buf_free(&note);
	buf_free(&seen);
	buf_free(&clash);
	return ok ? 0 : (e->code ? e->code : ERR_DB);
}

int plan_add_linked_action(struct sqlite3 *db, const struct plan_linked_action *a,
			   int64_t *action_id, struct err *e)
{
	int64_t plan_id = 0, area_id = 0, section_id = 0;
	struct known *people = NULL, *terms = NULL;
	size_t n_people = 0, n_terms = 0, i;
	struct timescale ts;
	char now[21], start[11], due[11], words[32], initials[64];
	struct date d;
	int rc;

	date_now_iso(now);
	/* the lead is someone in the list of people, still active (issue 15:
	 * any text was taken, 'ZZ' included) */
	if ((rc = plan_person_active(db, a->lead, initials, e)) < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_DATA, "the lead '%s' is not the initials of anyone active in "
			       "the list of people", a->lead ? a->lead : "");
	for (i = 0; i < a->n_duties; i++)
		if ((rc = plan_duty_known(db, a->duties[i], e)) <= 0)
			return rc < 0 ? rc
				      : err_set(e, ERR_DATA, "duty %d is not one of the plan's duties",
						a->duties[i]);
	if (store_query_int(db, &plan_id, e, "SELECT id FROM plan WHERE name = ?", "t",
			    a->plan) < 0)
		return ERR_DB;
	if (!plan_id) {
		if (store_exec(db, e, "INSERT INTO plan(name, title, imported_at) VALUES (?, ?, ?)",
			       "ttt", a->plan, "Action plan", now) < 0)
			return ERR_DB;
		plan_id = store_last_id(db);
	}
	/* the area, in a section of its own (0: a document's are numbered
	 * from 1, and an import keeps it), so that the action is not left
	 * outside every section (issue 15) */
	if (store_query_int(db, &section_id, e,
			    "SELECT id FROM section WHERE plan_id = ? AND no = ?", "ii", plan_id,
			    (int64_t)a->area_no) < 0)
		return ERR_DB;
	if (!section_id) {
		if (store_exec(db, e,
			       "INSERT INTO section(plan_id, no, title) VALUES (?, ?, ?)", "iit",
			       plan_id, (int64_t)a->area_no, a->area_title) < 0)
			return ERR_DB;
		section_id = store_last_id(db);
	}
	if (store_query_int(db, &area_id, e,
			    "SELECT id FROM area WHERE plan_id = ? AND origin = ?", "it", plan_id,
			    a->origin) < 0)
		return ERR_DB;
	if (!area_id) {
		if (store_exec(db, e,
			       "INSERT INTO area(plan_id, section_id, no, title, origin)"
			       " VALUES (?, ?, ?, ?, ?)",
			       "iiitt", plan_id, section_id, (int64_t)a->area_no, a->area_title,
			       a->origin) < 0)
			return ERR_DB;
		area_id = store_last_id(db);
	} else if (store_exec(db, e, "UPDATE area SET section_id = ? WHERE id = ?", "ii",
			      section_id, area_id) < 0) {
		return ERR_DB;
	}
	if (date_parse_user(a->due_iso, "--due", &d, e) < 0)
		return ERR_DATA;
	snprintf(words, sizeof words, "By %d/%d/%d", d.d, d.m, d.y);
	timescale_parse(words, &ts);
	date_format(ts.start, start);
	date_format(ts.due, due);
	if (store_exec(db, e,
		       "INSERT INTO action(plan_id, area_id, code, letter, text, lead_text, timescale,"
		       " ts_kind, ts_start, ts_due, ts_rrule, ts_precision, status, origin)"
		       " VALUES (?, ?, ?, 'a', ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), NULL, ?,"
		       " 'not-started', ?)",
		       "iittttttttt", plan_id, area_id, a->code, a->text, initials, words,
		       timescale_kind_name(ts.kind), start, due,
		       timescale_precision_name(ts.precision), a->origin) < 0)
		return ERR_DB;
	*action_id = store_last_id(db);
	/* what happened, truthfully: not an import */
	if (add_event(db, *action_id, now, a->author, a->event, "not-started", a->note, e) < 0)
		return ERR_DB;
	for (i = 0; i < a->n_duties; i++)
		if (store_exec(db, e,
			       "INSERT INTO action_duty(action_id, duty) SELECT ?, ?"
			       " WHERE NOT EXISTS (SELECT 1 FROM action_duty"
			       "  WHERE action_id = ? AND duty = ?)",
			       "iiii", *action_id, (int64_t)a->duties[i], *action_id,
			       (int64_t)a->duties[i]) < 0)
			return ERR_DB;
	if (load_known(db, 1, &people, &n_people, e) < 0 ||
	    load_known(db, 0, &terms, &n_terms, e) < 0) {
		known_free(people, n_people);
		return ERR_DB;
	}
	rc = save_leads(db, *action_id, initials, people, n_people, terms, n_terms, e);
	known_free(people, n_people);
	known_free(terms, n_terms);
	return rc;
}

int plan_add_flag_action(struct sqlite3 *db, const struct plan_flag_action *a,
			 int64_t *action_id, char code[16], struct err *e)
{
	struct plan_linked_action x = {0};
	struct buf note = BUF_INIT;
	int rc;

	snprintf(code, 16, "F%lld", (long long)a->flag_id);
	buf_printf(&note, "Created from flag #%lld by %s", (long long)a->flag_id, a->author);
	if (a->finding && *a->finding)
		buf_printf(&note, ": %s", a->finding);
	x.plan = a->plan;
	x.origin = "monitor";
	x.area_no = 0;
	x.area_title = "Responses to diversity monitoring flags";
	x.code = code;
	x.text = a->text;
	x.lead = a->lead;
	x.due_iso = a->due_iso;
	x.duties = a->duties;
	x.n_duties = a->n_duties;
	x.author = a->author;
	x.event = "flag";
	x.note = buf_str(&note);
	rc = plan_add_linked_action(db, &x, action_id, e);
	buf_free(&note);
	if (rc < 0)
		return rc;
	if (store_exec(db, e, "UPDATE action SET flag_id = ? WHERE id = ?", "ii", a->flag_id,
		       *action_id) < 0 ||
	    store_exec(db, e, "INSERT INTO action_flag(action_id, flag_id) VALUES (?, ?)", "ii",
		       *action_id, a->flag_id) < 0)
		return ERR_DB;
	return 0;
}

int plan_link_flag(struct sqlite3 *db, int64_t action_id, int64_t flag_id, const char *author,
		   const char *finding, struct err *e)
{
	struct buf note = BUF_INIT;
	char now[21];
	int rc;

	date_now_iso(now);
	if (store_exec(db, e,
		       "INSERT INTO action_flag(action_id, flag_id) SELECT ?, ?"
		       " WHERE NOT EXISTS (SELECT 1 FROM action_flag WHERE action_id = ? AND flag_id = ?)",
		       "iiii", action_id, flag_id, action_id, flag_id) < 0)
		return ERR_DB;
	buf_printf(&note, "Linked to flag #%lld by %s", (long long)flag_id, author);
	if (finding && *finding)
		buf_printf(&note, ": %s", finding);
	rc = add_event(db, action_id, now, author, "flag-link", NULL, buf_str(&note), e);
	buf_free(&note);
	return rc < 0 ? ERR_DB : 0;
}

int plan_action_set_leads(store_t *db, int64_t action_id, const char *lead_text,
			  struct err *e)
{
	struct known *people = NULL, *terms = NULL;
	size_t n_people = 0, n_terms = 0;
	int rc;
	if (load_known(db, 1, &people, &n_people, e) < 0 ||
	    load_known(db, 0, &terms, &n_terms, e) < 0) {
		known_free(people, n_people);
		return ERR_DB;
	}
	rc = save_leads(db, action_id, lead_text, people, n_people, terms, n_terms, e);
	known_free(people, n_people);
	known_free(terms, n_terms);
	return rc;
}
