/*
 * publish/release.c: releases kept in the database (migration 015). A
 * release holds only what was published — a suppressed cell's value is
 * NULL — with the rules, the periods it added up and the names its cells'
 * indices refer to.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/dates.h"
#include "core/period.h"
#include "core/xalloc.h"
#include "publish/internal.h"

static char *rules_json(const struct pub_rules *r)
{
	json_t *o = json_object();
	char *s;
	json_object_set_new(o, "threshold", json_integer(r->threshold));
	json_object_set_new(o, "rounding", json_integer(r->rounding));
	json_object_set_new(o, "all_or_none", json_string(pub_aon_name(r->all_or_none)));
	json_object_set_new(o, "small_group", json_integer(r->small_group));
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return s;
}

static char *covers_json(const struct pub_tables *t)
{
	json_t *a = json_array();
	size_t i;
	char *s;
	for (i = 0; i < t->n_covers; i++)
		json_array_append_new(a, json_string(t->covers[i]));
	s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return s;
}

static char *layout_json(const struct pub_tables *t)
{
	json_t *o = json_object(), *units = json_array(), *outs = json_array(),
	       *chars = json_array();
	size_t i, k;
	char *s;
	for (i = 0; i < t->n_units; i++)
		json_array_append_new(units, json_string(t->units[i]));
	for (i = 0; i < t->n_outcomes; i++)
		json_array_append_new(outs, json_pack("{s:s,s:o}", "outcome", t->outcome[i], "of",
						      t->of[i] < 0 ? json_null()
								   : json_string(t->outcome[t->of[i]])));
	for (k = 0; k < t->n_chars; k++) {
		json_t *g = json_array();
		for (i = 0; i < t->n_groups[k]; i++)
			json_array_append_new(g, json_string(t->groups[k][i]));
		json_array_append_new(chars, json_pack("{s:s,s:o}", "name", t->char_name[k], "groups", g));
	}
	json_object_set_new(o, "units", units);
	json_object_set_new(o, "outcomes", outs);
	json_object_set_new(o, "characteristics", chars);
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return s;
}

/* Read the stored layout, rules and covers into t. */
static int read_stored(struct pub_tables *t, const char *rules, const char *covers,
		       const char *layout, struct err *e)
{
	json_t *r = json_loads(rules ? rules : "", 0, NULL);
	json_t *c = json_loads(covers ? covers : "", 0, NULL);
	json_t *l = json_loads(layout ? layout : "", 0, NULL);
	json_t *units, *outs, *chars;
	size_t i, k;
	int rc = 0;
	units = json_object_get(l, "units");
	outs = json_object_get(l, "outcomes");
	chars = json_object_get(l, "characteristics");
	if (!json_is_object(r) || !json_is_array(c) || !json_is_array(units) ||
	    !json_is_array(outs) || !json_is_array(chars) ||
	    json_array_size(outs) > PUB_MAX_OUTCOMES || json_array_size(chars) > PUB_MAX_CHARS) {
		rc = err_set(e, ERR_DB, "the stored release of %s %s cannot be read", t->dataset,
			     t->period);
		goto done;
	}
	pub_rules_default(&t->rules);
	t->rules.threshold = (int)json_integer_value(json_object_get(r, "threshold"));
	t->rules.rounding = (int)json_integer_value(json_object_get(r, "rounding"));
	t->rules.small_group = (int)json_integer_value(json_object_get(r, "small_group"));
	if (json_string_value(json_object_get(r, "all_or_none")))
		pub_aon_parse(json_string_value(json_object_get(r, "all_or_none")),
			      &t->rules.all_or_none, NULL);
	t->covers = xcalloc(json_array_size(c) + 1, sizeof *t->covers);
	for (i = 0; i < json_array_size(c); i++)
		snprintf(t->covers[t->n_covers++], 24, "%s",
			 json_string_value(json_array_get(c, i)) ? json_string_value(json_array_get(c, i)) : "");
	t->units = xcalloc(json_array_size(units) + 1, sizeof *t->units);
	for (i = 0; i < json_array_size(units); i++) {
		const char *s = json_string_value(json_array_get(units, i));
		t->units[t->n_units++] = xstrdup(s ? s : "");
	}
	for (i = 0; i < json_array_size(outs); i++) {
		json_t *x = json_array_get(outs, i);
		const char *name = json_string_value(json_object_get(x, "outcome"));
		const char *of = json_string_value(json_object_get(x, "of"));
		size_t j;
		snprintf(t->outcome[i], sizeof t->outcome[i], "%s", name ? name : "");
		t->of[i] = -1;
		for (j = 0; of && j < i; j++)
			if (!strcmp(t->outcome[j], of))
				t->of[i] = (int)j;
	}
	t->n_outcomes = json_array_size(outs);
	for (k = 0; k < json_array_size(chars); k++) {
		json_t *x = json_array_get(chars, k), *g = json_object_get(x, "groups");
		const char *name = json_string_value(json_object_get(x, "name"));
		snprintf(t->char_name[k], sizeof t->char_name[k], "%s", name ? name : "");
		t->groups[k] = xcalloc(json_array_size(g) + 1, sizeof *t->groups[k]);
		for (i = 0; i < json_array_size(g); i++) {
			const char *s = json_string_value(json_array_get(g, i));
			t->groups[k][t->n_groups[k]++] = xstrdup(s ? s : "");
		}
	}
	t->n_chars = json_array_size(chars);
done:
	json_decref(r);
	json_decref(c);
	json_decref(l);
	return rc;
}

int pub_load(store_t *db, const char *dataset, const char *period, struct pub_tables *out,
	     int *found, struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	memset(out, 0, sizeof *out);
	*found = 0;
	if (store_prepare(db, &st, e,
			  "SELECT id, rules, covers, layout, released_at, released_by, reason, replaced"
			  " FROM pub_release WHERE dataset = ? AND period = ?",
			  "tt", dataset, period) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		*found = 1;
		snprintf(out->dataset, sizeof out->dataset, "%s", dataset);
		snprintf(out->period, sizeof out->period, "%s", period);
		out->release_id = store_col_int(st, 0);
		snprintf(out->released_at, sizeof out->released_at, "%s", store_col_text(st, 4));
		snprintf(out->released_by, sizeof out->released_by, "%s", store_col_text(st, 5));
		if (store_col_text(st, 6))
			out->reason = xstrdup(store_col_text(st, 6));
		out->replaced = (int)store_col_int(st, 7);
		rc = read_stored(out, store_col_text(st, 1), store_col_text(st, 2),
				 store_col_text(st, 3), e);
	}
	store_done(st);
	if (rc < 0 || !*found)
		return rc < 0 ? rc : 0;
	if (store_prepare(db, &st, e,
			  "SELECT unit, ch, grp, outcome, measure, value, status, why FROM pub_cell"
			  " WHERE release_id = ? ORDER BY seq",
			  "i", out->release_id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct pub_cell *x;
		int64_t unit = store_col_int(st, 0), ch = store_col_int(st, 1),
			grp = store_col_int(st, 2), o = store_col_int(st, 3);
		if (unit < 0 || (size_t)unit >= out->n_units || ch < 0 ||
		    (size_t)ch >= out->n_chars || o < 0 || (size_t)o >= out->n_outcomes ||
		    (grp != PUB_ALL && (grp < 0 || (size_t)grp >= out->n_groups[ch]))) {
			rc = err_set(e, ERR_DB, "the stored release of %s %s cannot be read (a cell "
				     "outside its tables)", dataset, period);
			break;
		}
		if (out->n_cells == cap) {
			cap = cap ? cap * 2 : 1024;
			out->cells = xrealloc(out->cells, cap * sizeof *out->cells);
		}
		x = &out->cells[out->n_cells++];
		memset(x, 0, sizeof *x);
		x->unit = (uint16_t)unit;
		x->ch = (uint8_t)ch;
		x->group = (uint8_t)grp;
		x->outcome = (uint8_t)o;
		x->measure = (uint8_t)store_col_int(st, 4);
		x->status = (uint8_t)store_col_int(st, 6);
		x->why = (uint8_t)store_col_int(st, 7);
		x->value = store_col_is_null(st, 5) ? -1 : store_col_int(st, 5);
		if (x->status == PUB_PRIMARY)
			out->n_primary++;
		else if (x->status == PUB_SECONDARY)
			out->n_secondary++;
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

int pub_release(store_t *db, const struct pub_tables *t, const char *who, int replace,
		const char *reason, int64_t *id, struct err *e)
{
	store_stmt_t *st = NULL;
	struct pub_tables old;
	struct period pp;
	char now[21], *rules = NULL, *covers = NULL, *layout = NULL;
	int found = 0, rc;
	size_t i;

	*id = 0;
	date_now_iso(now);
	if ((rc = pub_load(db, t->dataset, t->period, &old, &found, e)) < 0)
		goto done;
	if (found && !replace) {
		char when[48];
		date_when_uk(old.released_at, when);
		rc = err_set(e, ERR_DATA, "%s %s was released on %s by %s; a release is replaced "
			     "only with a reason: give --replace --reason TEXT",
			     t->dataset, t->period, when, old.released_by);
		goto done;
	}
	if (replace && (!reason || !*reason)) {
		rc = err_set(e, ERR_USAGE, "say why the release is replaced: --reason TEXT");
		goto done;
	}
	if (found) {
		struct buf js = {0};
		pub_json(&old, &js);
		if ((rc = store_exec(db, e,
				     "INSERT INTO pub_release_old (dataset, period, released_at,"
				     " released_by, replaced_at, replaced_by, reason, tables)"
				     " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				     "tttttttt", old.dataset, old.period, old.released_at,
				     old.released_by, now, who, reason, buf_str(&js))) < 0) {
			buf_free(&js);
			goto done;
		}
		buf_free(&js);
		if ((rc = store_exec(db, e, "DELETE FROM pub_cell WHERE release_id = ?", "i",
				     old.release_id)) < 0 ||
		    (rc = store_exec(db, e, "DELETE FROM pub_release WHERE id = ?", "i",
				     old.release_id)) < 0)
			goto done;
	}
	rules = rules_json(&t->rules);
	covers = covers_json(t);
	layout = layout_json(t);
	if ((rc = store_exec(db, e,
			     "INSERT INTO pub_release (dataset, period, period_key, rules, covers,"
			     " layout, released_at, released_by, reason, replaced, cells, suppressed)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			     "ttittttttiii", t->dataset, t->period,
			     (int64_t)(period_parse(t->period, &pp, NULL) == 0 ? pp.key : 0), rules,
			     covers, layout, now, who, found ? reason : NULL, (int64_t)found,
			     (int64_t)t->n_cells, (int64_t)(t->n_primary + t->n_secondary))) < 0)
		goto done;
	*id = store_last_id(db);
	if (store_prepare(db, &st, e,
			  "INSERT INTO pub_cell (release_id, seq, unit, ch, grp, outcome, measure,"
			  " value, status, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			  "") < 0) {
		rc = ERR_DB;
		goto done;
	}
	for (i = 0; i < t->n_cells; i++) {
		const struct pub_cell *x = &t->cells[i];
		int pub = x->status == PUB_PUBLISHED;
		if (pub)
			rc = store_rebind(st, e, "iiiiiiiiii", *id, (int64_t)i, (int64_t)x->unit,
					  (int64_t)x->ch, (int64_t)x->group, (int64_t)x->outcome,
					  (int64_t)x->measure, x->value, (int64_t)x->status,
					  (int64_t)x->why);
		else /* the value of a suppressed cell is never stored */
			rc = store_rebind(st, e, "iiiiiiinii", *id, (int64_t)i, (int64_t)x->unit,
					  (int64_t)x->ch, (int64_t)x->group, (int64_t)x->outcome,
					  (int64_t)x->measure, (int64_t)x->status, (int64_t)x->why);
		if (rc < 0)
			goto done;
		if ((rc = store_step(st, e)) < 0)
			goto done;
	}
	rc = 0;
done:
	store_done(st);
	free(rules);
	free(covers);
	free(layout);
	pub_tables_free(&old);
	return rc;
}

int pub_list(store_t *db, struct pub_release_row **rows, size_t *n, struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT id, dataset, period, released_at, released_by, cells, suppressed,"
			  " replaced FROM pub_release ORDER BY period_key DESC, dataset, period",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct pub_release_row *x;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*rows = xrealloc(*rows, cap * sizeof **rows);
		}
		x = &(*rows)[(*n)++];
		memset(x, 0, sizeof *x);
		x->id = store_col_int(st, 0);
		snprintf(x->dataset, sizeof x->dataset, "%s", store_col_text(st, 1));
		snprintf(x->period, sizeof x->period, "%s", store_col_text(st, 2));
		snprintf(x->released_at, sizeof x->released_at, "%s", store_col_text(st, 3));
		snprintf(x->released_by, sizeof x->released_by, "%s", store_col_text(st, 4));
		x->cells = store_col_int(st, 5);
		x->suppressed = store_col_int(st, 6);
		x->replaced = (int)store_col_int(st, 7);
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}
