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

/* Find a person by initials, tolerant as the importer is. */
static int find_person(store_t *db, const char *initials, int64_t *id,
		       char **name, struct err *e)
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

/* Point unresolved lead tokens that match `initials` at person pid. */
static int relink_leads(store_t *db, const char *initials, int64_t pid, struct err *e)
{
	store_stmt_t *st;
	char want[32], key[32];
	int64_t *ids = NULL, *poss = NULL;
	size_t n = 0, i;
	int rc;

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
	for (i = 0; i < n && rc == 0; i++)
		rc = store_exec(db, e,
				"UPDATE action_lead SET person_id = ? WHERE action_id = ? AND pos = ?",
				"iii", pid, ids[i], poss[i]);
	free(ids);
	free(poss);
	return rc;
}

int people_add_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *role = NULL, *pos[2];
	int n_pos, rc;
	int64_t exists = 0;
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
	if ((rc = store_query_int(db, &exists, e,
				  "SELECT COUNT(*) FROM person WHERE initials = ?", "t",
				  pos[0])) < 0)
		goto done;
	if (exists) {
		rc = err_set(e, ERR_DATA,
			     "someone already has the initials '%s'; use 'parity people "
			     "rename' to change them",
			     pos[0]);
		goto done;
	}
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	rc = store_exec(db, e, "INSERT INTO person(initials, name, role) VALUES (?, ?, ?)",
			"ttt", pos[0], pos[1], role);
	/* Leads already written with these initials now resolve to them. */
	if (rc == 0)
		rc = relink_leads(db, pos[0], store_last_id(db), e);
	if (rc == 0)
		rc = store_commit(db, e);
	if (rc < 0)
		store_rollback(db);
	else
		fprintf(ctx->out, "added %s (%s)\n", pos[0], pos[1]);
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
	if ((rc = find_person(db, pos[0], &id, NULL, e)) < 0)
		goto done;
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	rc = store_exec(db, e,
			"UPDATE person SET name = COALESCE(?, name), role = COALESCE(?, role),"
			" initials = COALESCE(?, initials) WHERE id = ?",
			"ttti", name, role, initials, id);
	if (rc == 0)
		rc = store_commit(db, e);
	if (rc < 0) {
		store_rollback(db);
		err_prefix(e, "could not rename %s (are the new initials taken?)", pos[0]);
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
	int n_pos, rc;
	struct cli_opt opts[] = {
		{"to", 0, CLI_STRING, &to},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	store_t *db = NULL;
	store_stmt_t *st = NULL;
	int64_t old_id, new_id, *acts = NULL;
	char *old_name = NULL, *new_name = NULL, now[21];
	size_t n = 0, i;
	struct buf note = BUF_INIT;
	const char *who;

	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1 || !to)
		return err_set(e, ERR_USAGE,
			       "'people reassign' needs OLD initials and --to NEW, e.g. "
			       "parity people reassign KJ --to FT");
	who = cli_author(as);
	if ((rc = plan_open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = find_person(db, pos[0], &old_id, &old_name, e)) < 0 ||
	    (rc = find_person(db, to, &new_id, &new_name, e)) < 0)
		goto done;
	if (old_id == new_id) {
		rc = err_set(e, ERR_USAGE, "'%s' and '%s' are the same person", pos[0], to);
		goto done;
	}
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	if ((rc = store_prepare(db, &st, e,
				"SELECT DISTINCT l.action_id FROM action_lead l"
				" JOIN action a ON a.id = l.action_id"
				" WHERE l.person_id = ? AND a.removed = 0"
				" AND a.status IN ('not-started','in-progress')",
				"i", old_id)) < 0)
		goto rollback;
	while ((rc = store_step(st, e)) == 1) {
		acts = xrealloc(acts, (n + 1) * sizeof *acts);
		acts[n++] = store_col_int(st, 0);
	}
	store_done(st);
	st = NULL;
	if (rc < 0)
		goto rollback;
	date_now_iso(now);
	buf_printf(&note, "lead %s (%s) handed over to %s (%s)", pos[0], old_name, to,
		   new_name);
	for (i = 0; i < n; i++) {
		if ((rc = store_exec(db, e,
				     "UPDATE action_lead SET person_id = ?"
				     " WHERE action_id = ? AND person_id = ?",
				     "iii", new_id, acts[i], old_id)) < 0 ||
		    (rc = store_exec(db, e,
				     "INSERT INTO action_event(action_id, at, author, kind, note)"
				     " VALUES (?, ?, ?, 'lead', ?)",
				     "ittt", acts[i], now, who, buf_str(&note))) < 0)
			goto rollback;
	}
	if ((rc = store_exec(db, e, "UPDATE person SET active = 0, replaced_by = ? WHERE id = ?",
			     "ii", new_id, old_id)) < 0 ||
	    (rc = store_commit(db, e)) < 0)
		goto rollback;
	fprintf(ctx->out, "%zu actions passed from %s to %s\n", n, pos[0], to);
	goto done;
rollback:
	store_rollback(db);
done:
	free(acts);
	free(old_name);
	free(new_name);
	buf_free(&note);
	store_done(st);
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
		    (rc = store_exec(db, e,
				     "INSERT INTO duty(no, name) VALUES (?, ?)"
				     " ON CONFLICT(no) DO UPDATE SET name = excluded.name",
				     "it", (int64_t)no, pos[2])) == 0)
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
			  " FROM (SELECT duty AS no FROM area_duty UNION SELECT no FROM duty) n"
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
