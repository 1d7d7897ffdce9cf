/*
 * people: the staff who lead actions (from the plan's glossary of initials
 * or added by hand) and the statutory duties the plan serves. Commands:
 * people, people add, people rename, people reassign, plan duties.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"
#include "plan/plan.h"

int plan_person_find(store_t *db, const char *initials, int64_t *id, char **name,
		     struct err *e)
{
	store_stmt_t *st;
	char want[32], key[32];
	int rc;
	*id = 0;
	if (name)
		*name = NULL;
	plan_initials_key(initials, want, sizeof want);
	if (store_prepare(db, &st, e, "SELECT id, initials, name FROM person ORDER BY id", "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		plan_initials_key(store_col_text(st, 1), key, sizeof key);
		if (strcmp(key, want) == 0) {
			*id = store_col_int(st, 0);
			if (name)
				*name = xstrdup(store_col_text(st, 2));
			break;
		}
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (*id == 0)
		return err_set(e, ERR_NOTFOUND,
			       "no person with initials '%s'; see 'parity people' or add "
			       "them with 'parity people add %s NAME'",
			       initials, initials);
	return 0;
}

int plan_people_load(store_t *db, struct plan_person_row **rows, size_t *n,
		     struct err *e)
{
	store_stmt_t *st;
	struct plan_person_row *v = NULL;
	size_t c = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT p.initials, p.name, p.role, p.active,"
			  " (SELECT COUNT(DISTINCT l.action_id) FROM action_lead l"
			  "  JOIN action a ON a.id = l.action_id"
			  "  WHERE l.person_id = p.id AND a.removed = 0"
			  "  AND a.status IN ('not-started','in-progress')),"
			  " r.initials,"
			  " (SELECT COUNT(DISTINCT l.action_id) FROM action_lead l"
			  "  JOIN action a ON a.id = l.action_id"
			  "  WHERE l.person_id = p.id AND a.removed = 0)"
			  " FROM person p LEFT JOIN person r ON r.id = p.replaced_by"
			  " ORDER BY p.initials",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct plan_person_row *r;
		v = xrealloc(v, (c + 1) * sizeof *v);
		r = &v[c++];
		r->initials = xstrdup(store_col_text(st, 0));
		r->name = xstrdup(store_col_text(st, 1));
		r->role = xstrdup(store_col_text(st, 2));
		r->active = (int)store_col_int(st, 3);
		r->live = (int)store_col_int(st, 4);
		r->replaced_by = xstrdup(store_col_text(st, 5));
		r->total = (int)store_col_int(st, 6);
	}
	store_done(st);
	if (rc < 0) {
		plan_people_free(v, c);
		return ERR_DB;
	}
	*rows = v;
	*n = c;
	return 0;
}

void plan_people_free(struct plan_person_row *rows, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(rows[i].initials);
		free(rows[i].name);
		free(rows[i].role);
		free(rows[i].replaced_by);
	}
	free(rows);
}

int people_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	int n_pos, rc;
	struct cli_opt opts[] = {
		{"format", 0, CLI_STRING, &format},
		{NULL, 0, 0, NULL},
	};
	store_t *db = NULL;
	struct plan_person_row *rows = NULL;
	size_t n = 0, i;
	json_t *arr = NULL;

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "unknown format '%s'; use text or json", format);
	if ((rc = plan_open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = plan_people_load(db, &rows, &n, e)) < 0)
		goto done;
	if (strcmp(format, "json") == 0)
		arr = json_array();
	else
		fprintf(ctx->out, "%-8s %-24s %-6s %s\n", "INITIALS", "NAME", "LIVE", "ROLE");
	for (i = 0; i < n; i++) {
		const struct plan_person_row *r = &rows[i];
		if (arr) {
			json_t *o = json_object();
			json_object_set_new(o, "initials", json_string(r->initials));
			json_object_set_new(o, "name", json_string(r->name));
			json_object_set_new(o, "role", r->role ? json_string(r->role) : json_null());
			json_object_set_new(o, "active", json_boolean(r->active));
			json_object_set_new(o, "live_actions", json_integer(r->live));
			json_object_set_new(o, "replaced_by",
					    r->replaced_by ? json_string(r->replaced_by) : json_null());
			json_array_append_new(arr, o);
		} else {
			fprintf(ctx->out, "%-8s %-24s %-6d %s", r->initials, r->name, r->live,
				r->role ? r->role : "");
			if (!r->active && r->replaced_by)
				fprintf(ctx->out, " (left; actions passed to %s)", r->replaced_by);
			else if (!r->active)
				fprintf(ctx->out, " (left)");
			fputc('\n', ctx->out);
		}
	}
	if (arr) {
		rc = plan_print_json(ctx, arr);
		arr = NULL;
	}
done:
	json_decref(arr);
	plan_people_free(rows, n);
	store_close(db);
	return rc;
}

/* Point unresolved lead tokens that match `initials` at person pid (named
 * name), with a "lead" event by author on each action; *n gets how many. */
static int relink_leads(store_t *db, const char *initials, int64_t pid, const char *name,
			const char *author, int *n_linked, struct err *e)
{
	store_stmt_t *st;
	char want[32], key[32], now[21];
	int64_t *ids = NULL, *poss = NULL;
	size_t n = 0, i;
	int rc, linked = 0;
	struct buf note = BUF_INIT;

	plan_initials_key(initials, want, sizeof want);
	if (store_prepare(db, &st, e,
			  "SELECT action_id, pos, token FROM action_lead"
			  " WHERE person_id IS NULL AND term_id IS NULL",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		plan_initials_key(store_col_text(st, 2), key, sizeof key);
		if (strcmp(key, want) == 0) {
			ids = xrealloc(ids, (n + 1) * sizeof *ids);
			poss = xrealloc(poss, (n + 1) * sizeof *poss);
			ids[n] = store_col_int(st, 0);
			poss[n++] = store_col_int(st, 1);
		}
	}
	store_done(st);
	date_now_iso(now);
	buf_printf(&note, "Lead %s is now %s (added to the people who lead actions)", initials,
		   name);
	for (i = 0; i < n && rc == 0; i++) {
		rc = store_exec(db, e,
				"UPDATE action_lead SET person_id = ? WHERE action_id = ? AND pos = ?",
				"iii", pid, ids[i], poss[i]);
		if (rc == 0 && (i == 0 || ids[i] != ids[i - 1]))
			rc = store_exec(db, e,
					"INSERT INTO action_event(action_id, at, author, kind, note)"
					" VALUES (?, ?, ?, 'lead', ?)",
					"ittt", ids[i], now, author, buf_str(&note));
		if (rc == 0 && (i == 0 || ids[i] != ids[i - 1]))
			linked++;
	}
	if (n_linked)
		*n_linked = linked;
	buf_free(&note);
	free(ids);
	free(poss);
	return rc;
}

int plan_person_add(store_t *db, const char *initials, const char *name, const char *role,
		    const char *author, int64_t *id, int *n_linked, struct err *e)
{
	int64_t have = 0, pid;
	int rc;
	struct err ignore;
	err_clear(&ignore);
	if (plan_person_find(db, initials, &have, NULL, &ignore) == ERR_DB)
		return err_set(e, ERR_DB, "%s", ignore.msg);
	if (have)
		return err_set(e, ERR_DATA, "someone already has the initials '%s'", initials);
	if ((rc = store_exec(db, e, "INSERT INTO person(initials, name, role) VALUES (?, ?, ?)",
			     "ttt", initials, name, role && *role ? role : NULL)) < 0)
		return rc;
	pid = store_last_id(db);
	if (id)
		*id = pid;
	/* Leads already written with these initials now resolve to them. */
	return relink_leads(db, initials, pid, name, author, n_linked, e);
}

/* The current actions person id leads (row ids, new; caller frees). */
static int actions_led(store_t *db, int64_t id, int live_only, int64_t **acts, size_t *n,
		       struct err *e)
{
	store_stmt_t *st;
	int rc;
	*acts = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  live_only ? "SELECT DISTINCT l.action_id FROM action_lead l"
				      " JOIN action a ON a.id = l.action_id"
				      " WHERE l.person_id = ? AND a.removed = 0"
				      " AND a.status IN ('not-started','in-progress') ORDER BY 1"
				    : "SELECT DISTINCT l.action_id FROM action_lead l"
				      " JOIN action a ON a.id = l.action_id"
				      " WHERE l.person_id = ? AND a.removed = 0 ORDER BY 1",
			  "i", id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		*acts = xrealloc(*acts, (*n + 1) * sizeof **acts);
		(*acts)[(*n)++] = store_col_int(st, 0);
	}
	store_done(st);
	return rc < 0 ? ERR_DB : 0;
}

int plan_person_rename(store_t *db, int64_t id, const char *name, const char *role,
		       const char *initials, const char *author, int *n_actions,
		       struct err *e)
{
	store_stmt_t *st;
	char *o_ini = NULL, *o_name = NULL, *o_role = NULL, now[21];
	const char *new_role;
	int64_t *acts = NULL, other = 0;
	size_t n = 0, i;
	struct buf note = BUF_INIT, ev = BUF_INIT;
	int rc;
	struct err ignore;

	if (n_actions)
		*n_actions = 0;
	if (store_prepare(db, &st, e, "SELECT initials, name, role FROM person WHERE id = ?", "i",
			  id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		o_ini = xstrdup(store_col_text(st, 0));
		o_name = xstrdup(store_col_text(st, 1));
		o_role = xstrdup(store_col_text(st, 2));
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "no such person");
	rc = 0;
	/* NULL keeps the role, "" removes it */
	new_role = !role ? o_role : *role ? role : NULL;
	if (initials && strcmp(initials, o_ini) != 0) {
		err_clear(&ignore);
		if (plan_person_find(db, initials, &other, NULL, &ignore) == ERR_DB) {
			rc = err_set(e, ERR_DB, "%s", ignore.msg);
			goto done;
		}
		if (other && other != id) {
			rc = err_set(e, ERR_DATA, "someone else already has the initials '%s'",
				     initials);
			goto done;
		}
		buf_printf(&note, "initials %s → %s", o_ini, initials);
	}
	if (name && strcmp(name, o_name) != 0)
		buf_printf(&note, "%sname %s → %s", note.len ? "; " : "", o_name, name);
	if (strcmp(new_role ? new_role : "", o_role ? o_role : "") != 0)
		buf_printf(&note, "%srole %s → %s", note.len ? "; " : "", o_role ? o_role : "none",
			   new_role ? new_role : "none");
	if (!note.len)
		goto done;
	if ((rc = store_exec(db, e,
			     "UPDATE person SET name = COALESCE(?, name), role = ?,"
			     " initials = COALESCE(?, initials) WHERE id = ?",
			     "ttti", name, new_role, initials, id)) < 0 ||
	    (rc = actions_led(db, id, 0, &acts, &n, e)) < 0)
		goto done;
	date_now_iso(now);
	buf_printf(&ev, "Lead %s (%s) changed: %s", o_ini, o_name, buf_str(&note));
	for (i = 0; i < n && rc == 0; i++)
		rc = store_exec(db, e,
				"INSERT INTO action_event(action_id, at, author, kind, note)"
				" VALUES (?, ?, ?, 'lead', ?)",
				"ittt", acts[i], now, author, buf_str(&ev));
	if (rc == 0 && n_actions)
		*n_actions = (int)n;
done:
	free(acts);
	free(o_ini);
	free(o_name);
	free(o_role);
	buf_free(&note);
	buf_free(&ev);
	return rc;
}

int plan_person_reassign(store_t *db, int64_t old_id, int64_t new_id, const char *author,
			 int *n_moved, struct err *e)
{
	store_stmt_t *st;
	char *o_ini = NULL, *o_name = NULL, *n_ini = NULL, *n_name = NULL, now[21];
	int64_t *acts = NULL, active = 0;
	size_t n = 0, i;
	struct buf note = BUF_INIT;
	int rc = 0;

	if (n_moved)
		*n_moved = 0;
	if (old_id == new_id)
		return err_set(e, ERR_USAGE, "they are the same person");
	if (store_prepare(db, &st, e, "SELECT initials, name, active FROM person WHERE id = ?", "i",
			  old_id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		o_ini = xstrdup(store_col_text(st, 0));
		o_name = xstrdup(store_col_text(st, 1));
	}
	store_done(st);
	if (rc >= 0 && store_prepare(db, &st, e,
				     "SELECT initials, name, active FROM person WHERE id = ?", "i",
				     new_id) == 0) {
		if ((rc = store_step(st, e)) == 1) {
			n_ini = xstrdup(store_col_text(st, 0));
			n_name = xstrdup(store_col_text(st, 1));
			active = store_col_int(st, 2);
		}
		store_done(st);
	} else {
		rc = ERR_DB;
	}
	if (rc < 0)
		goto done;
	if (!o_ini || !n_ini) {
		rc = err_set(e, ERR_NOTFOUND, "no such person");
		goto done;
	}
	if (!active) {
		rc = err_set(e, ERR_DATA, "%s (%s) has left; choose someone who is still here",
			     n_ini, n_name);
		goto done;
	}
	if ((rc = actions_led(db, old_id, 1, &acts, &n, e)) < 0)
		goto done;
	date_now_iso(now);
	buf_printf(&note, "lead %s (%s) handed over to %s (%s)", o_ini, o_name, n_ini, n_name);
	for (i = 0; i < n; i++)
		if ((rc = store_exec(db, e,
				     "UPDATE action_lead SET person_id = ?"
				     " WHERE action_id = ? AND person_id = ?",
				     "iii", new_id, acts[i], old_id)) < 0 ||
		    (rc = store_exec(db, e,
				     "INSERT INTO action_event(action_id, at, author, kind, note)"
				     " VALUES (?, ?, ?, 'lead', ?)",
				     "ittt", acts[i], now, author, buf_str(&note))) < 0)
			goto done;
	if ((rc = store_exec(db, e, "UPDATE person SET active = 0, replaced_by = ? WHERE id = ?",
			     "ii", new_id, old_id)) < 0)
		goto done;
	if (n_moved)
		*n_moved = (int)n;
done:
	free(acts);
	free(o_ini);
	free(o_name);
	free(n_ini);
	free(n_name);
	buf_free(&note);
	return rc;
}

int plan_duty_name(store_t *db, int no, const char *name, char **old, struct err *e)
{
	store_stmt_t *st;
	int rc;
	if (old) {
		*old = NULL;
		if (store_prepare(db, &st, e, "SELECT name FROM duty WHERE no = ?", "i",
				  (int64_t)no) < 0)
			return ERR_DB;
		if ((rc = store_step(st, e)) == 1)
			*old = xstrdup(store_col_text(st, 0));
		store_done(st);
		if (rc < 0)
			return ERR_DB;
	}
	return store_exec(db, e,
			  "INSERT INTO duty(no, name) VALUES (?, ?)"
			  " ON CONFLICT(no) DO UPDATE SET name = excluded.name",
			  "it", (int64_t)no, name);
}

int people_add_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *role = NULL, *pos[2];
	int n_pos, rc;
	struct cli_opt opts[] = {
		{"role", 0, CLI_STRING, &role},
		{NULL, 0, 0, NULL},
	};
	store_t *db = NULL;

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 2, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 2)
		return err_set(e, ERR_USAGE,
			       "'people add' needs INITIALS and NAME, e.g. "
			       "parity people add JB \"Jo Bloggs\"");
	if (str_blank(pos[0]) || strchr(pos[0], ' ') || strlen(pos[0]) > 12)
		return err_set(e, ERR_USAGE, "initials '%s' must be one short word, e.g. JB",
			       pos[0]);
	if (str_blank(pos[1]))
		return err_set(e, ERR_USAGE, "the name must not be empty");
	if ((rc = plan_open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	rc = plan_person_add(db, pos[0], pos[1], role, cli_author(NULL), NULL, NULL, e);
	if (rc == 0)
		rc = store_commit(db, e);
	if (rc < 0) {
		store_rollback(db);
		if (rc == ERR_DATA)
			err_set(e, ERR_DATA,
				"someone already has the initials '%s'; use 'parity people "
				"rename' to change them",
				pos[0]);
	} else {
		fprintf(ctx->out, "added %s (%s)\n", pos[0], pos[1]);
	}
done:
	store_close(db);
	return rc;
}

int people_rename_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *name = NULL, *role = NULL, *initials = NULL, *pos[1];
	int n_pos, rc;
	struct cli_opt opts[] = {
		{"name", 0, CLI_STRING, &name},
		{"role", 0, CLI_STRING, &role},
		{"initials", 0, CLI_STRING, &initials},
		{NULL, 0, 0, NULL},
	};
	store_t *db = NULL;
	int64_t id;

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "'people rename' needs the person's INITIALS");
	if (!name && !role && !initials)
		return err_set(e, ERR_USAGE, "give --name, --role or --initials to change");
	if ((name && str_blank(name)) || (initials && (str_blank(initials) || strchr(initials, ' '))))
		return err_set(e, ERR_USAGE, "names and initials must not be empty");
	if ((rc = plan_open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = plan_person_find(db, pos[0], &id, NULL, e)) < 0)
		goto done;
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	rc = plan_person_rename(db, id, name, role, initials, cli_author(NULL), NULL, e);
	if (rc == 0)
		rc = store_commit(db, e);
	if (rc < 0) {
		store_rollback(db);
		err_prefix(e, "could not rename %s", pos[0]);
	} else {
		fprintf(ctx->out, "updated %s\n", initials ? initials : pos[0]);
	}
done:
	store_close(db);
	return rc;
}

int people_reassign_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *to = NULL, *as = NULL, *pos[1];
	int n_pos, rc, n = 0;
	struct cli_opt opts[] = {
		{"to", 0, CLI_STRING, &to},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	store_t *db = NULL;
	int64_t old_id, new_id;

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1 || !to)
		return err_set(e, ERR_USAGE,
			       "'people reassign' needs OLD initials and --to NEW, e.g. "
			       "parity people reassign KJ --to FT");
	if ((rc = plan_open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = plan_person_find(db, pos[0], &old_id, NULL, e)) < 0 ||
	    (rc = plan_person_find(db, to, &new_id, NULL, e)) < 0)
		goto done;
	if (old_id == new_id) {
		rc = err_set(e, ERR_USAGE, "'%s' and '%s' are the same person", pos[0], to);
		goto done;
	}
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	if ((rc = plan_person_reassign(db, old_id, new_id, cli_author(as), &n, e)) < 0 ||
	    (rc = store_commit(db, e)) < 0) {
		store_rollback(db);
		goto done;
	}
	fprintf(ctx->out, "%d actions passed from %s to %s\n", n, pos[0], to);
done:
	store_close(db);
	return rc;
}

int plan_duties_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[3];
	int n_pos, rc;
	struct cli_opt opts[] = {
		{"format", 0, CLI_STRING, &format},
		{NULL, 0, 0, NULL},
	};
	store_t *db = NULL;
	struct plan_duty_row *rows = NULL;
	size_t n = 0, i;
	json_t *arr = NULL;
	long no;

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 3, &n_pos, e)) < 0)
		return rc;
	if (n_pos > 0) {
		if (strcmp(pos[0], "set") != 0 || n_pos != 3)
			return err_set(e, ERR_USAGE,
				       "use 'parity plan duties' to list or 'parity plan "
				       "duties set N NAME' to name duty N");
		if (str_to_int(pos[1], 1, 999, &no) < 0)
			return err_set(e, ERR_USAGE, "duty number must be 1..999; got '%s'", pos[1]);
		if (str_blank(pos[2]))
			return err_set(e, ERR_USAGE, "the duty's name must not be empty");
		if ((rc = plan_open_db(ctx, &db, e)) < 0)
			return rc;
		if ((rc = store_begin(db, e)) == 0 &&
		    (rc = plan_duty_name(db, (int)no, pos[2], NULL, e)) == 0)
			rc = store_commit(db, e);
		if (rc < 0)
			store_rollback(db);
		else
			fprintf(ctx->out, "duty %ld: %s\n", no, pos[2]);
		store_close(db);
		return rc;
	}
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "unknown format '%s'; use text or json", format);
	if ((rc = plan_open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = plan_duties_load(db, &rows, &n, e)) < 0)
		goto done;
	if (strcmp(format, "json") == 0)
		arr = json_array();
	else
		fprintf(ctx->out, "%-5s %-6s %s\n", "DUTY", "AREAS", "NAME");
	for (i = 0; i < n; i++) {
		const struct plan_duty_row *d = &rows[i];
		if (arr) {
			json_t *o = json_object();
			json_object_set_new(o, "no", json_integer(d->no));
			json_object_set_new(o, "name", d->name ? json_string(d->name) : json_null());
			json_object_set_new(o, "areas", json_integer(d->areas));
			json_array_append_new(arr, o);
		} else {
			fprintf(ctx->out, "%-5d %-6d %s\n", d->no, d->areas,
				d->name ? d->name : "(unnamed: parity plan duties set N NAME)");
		}
	}
	if (arr) {
		rc = plan_print_json(ctx, arr);
		arr = NULL;
	}
done:
	json_decref(arr);
	plan_duties_free(rows, n);
	store_close(db);
	return rc;
}

int plan_duties_load(store_t *db, struct plan_duty_row **rows, size_t *n, struct err *e)
{
	store_stmt_t *st;
	struct plan_duty_row *v = NULL;
	size_t c = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT n.no, d.name,"
			  " (SELECT COUNT(*) FROM area_duty ad JOIN area ar ON ar.id = ad.area_id"
			  "  WHERE ad.duty = n.no AND ar.removed = 0)"
			  " FROM (SELECT duty AS no FROM area_duty UNION SELECT duty FROM action_duty"
			  "  UNION SELECT no FROM duty) n"
			  " LEFT JOIN duty d ON d.no = n.no ORDER BY n.no",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		v = xrealloc(v, (c + 1) * sizeof *v);
		v[c].no = (int)store_col_int(st, 0);
		v[c].name = xstrdup(store_col_text(st, 1));
		v[c].areas = (int)store_col_int(st, 2);
		c++;
	}
	store_done(st);
	if (rc < 0) {
		plan_duties_free(v, c);
		return ERR_DB;
	}
	*rows = v;
	*n = c;
	return 0;
}

void plan_duties_free(struct plan_duty_row *rows, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(rows[i].name);
	free(rows);
}
