/*
 * mstore: the monitoring tables — the pseudonymisation key, imports of a
 * dataset for a period (replaced whole on re-import), their person-level
 * rows (column blocks, colstore.c; mon_row for imports made before
 * migration 005) and aggregate counts, and the flags raised from them.
 * Person ids are hashed with a keyed SipHash-128 (libsodium) before they
 * touch the database; the raw id is never written, and the key lives in
 * the key file beside the database (store_key_get), never in it.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/period.h"
#include "core/xalloc.h"
#include "monitor/internal.h"

int mon_secret_get(store_t *db, unsigned char key[16], struct err *e)
{
	int64_t used = 0;
	/* Never a new key for a database that holds pseudonyms already:
	 * the same people would get new ones (store_key_get also refuses
	 * once the database has recorded a key). */
	if (store_query_int(db, &used, e,
			    "SELECT CASE WHEN EXISTS (SELECT 1 FROM mon_block)"
			    " OR EXISTS (SELECT 1 FROM mon_row) THEN 1 ELSE 0 END",
			    "") < 0)
		return ERR_DB;
	return store_key_get(db, "pseudonym", key, 16, !used, e);
}

/* SipHash-2-4-128 rather than BLAKE2b: a keyed pseudorandom function is
 * all a pseudonym needs, and on 10M rows the BLAKE2b pseudonyms took ~18%
 * of the import's time (perf); SipHash is the hash the duplicate check
 * already works out for every row, so now one hash serves both. */
void mon_pseudonymise(const unsigned char key[16], const char *id, size_t n,
		      unsigned char out[16])
{
	crypto_shorthash_siphashx24(out, (const unsigned char *)id, n, key);
}

char *dataset_to_json(const struct dataset *d)
{
	json_t *o = json_object(), *chars = json_object(), *outs = json_array();
	char *s;
	int i;
	json_object_set_new(o, "name", json_string(d->name));
	json_object_set_new(o, "id", json_string(d->id_column));
	json_object_set_new(o, "unit", json_string(d->unit_column));
	json_object_set_new(o, "period", json_string(d->period_column));
	json_object_set_new(o, "grade", json_string(d->grade_column));
	json_object_set_new(o, "pay", json_string(d->pay_column));
	json_object_set_new(o, "bonus", json_string(d->bonus_column));
	if (d->full_pay_column[0]) /* definitions stored before it have none */
		json_object_set_new(o, "full_pay", json_string(d->full_pay_column));
	json_object_set_new(o, "ethnicity_codes",
			    json_string(mon_eth_system_name((enum eth_system)d->eth_system)));
	for (i = 0; i < MC_COUNT; i++)
		if (d->char_column[i][0])
			json_object_set_new(chars, mon_char_name((enum mon_char)i),
					    json_string(d->char_column[i]));
	json_object_set_new(o, "characteristics", chars);
	for (i = 0; i < d->n_outcomes; i++) {
		json_t *x = json_object();
		json_object_set_new(x, "name", json_string(d->outcomes[i].name));
		json_object_set_new(x, "column", json_string(d->outcomes[i].column));
		json_object_set_new(x, "stage", d->outcomes[i].stage >= 0
							 ? json_string(d->outcomes[d->outcomes[i].stage].name)
							 : json_null());
		json_object_set_new(x, "favourable", json_boolean(d->outcomes[i].favourable));
		json_array_append_new(outs, x);
	}
	json_object_set_new(o, "outcomes", outs);
	json_object_set_new(o, "rows", json_string(d->rows == DS_ROWS_EVENTS ? "events" : "people"));
	if (d->n_maps > 0) {
		json_t *maps = json_array();
		for (i = 0; i < d->n_maps; i++) {
			json_t *x = json_object();
			json_object_set_new(x, "characteristic",
					    json_string(mon_char_name((enum mon_char)d->maps[i].ch)));
			json_object_set_new(x, "value", json_string(d->maps[i].value));
			json_object_set_new(x, "known", json_string(d->maps[i].known));
			json_array_append_new(maps, x);
		}
		json_object_set_new(o, "maps", maps);
	}
	if (d->n_groups > 0) {
		json_t *gs = json_array();
		for (i = 0; i < d->n_groups; i++) {
			json_t *x = json_object(), *ms = json_array();
			json_object_set_new(x, "characteristic",
					    json_string(mon_char_name((enum mon_char)d->groups[i].ch)));
			json_object_set_new(x, "name", json_string(d->groups[i].name));
			for (int m = 0; m < d->groups[i].n_members; m++)
				json_array_append_new(ms, json_string(d->groups[i].members[m]));
			json_object_set_new(x, "members", ms);
			json_array_append_new(gs, x);
		}
		json_object_set_new(o, "groups", gs);
	}
	{
		json_t *refs = json_object();
		for (i = 0; i < DS_MAX_CHARS && i < MC_COUNT; i++)
			if (d->reference[i][0])
				json_object_set_new(refs, mon_char_name((enum mon_char)i),
						    json_string(d->reference[i]));
		if (json_object_size(refs))
			json_object_set_new(o, "references", refs);
		else
			json_decref(refs);
	}
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return s;
}

static void cp(char *dst, json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	snprintf(dst, DS_NAME_MAX, "%s", v ? v : "");
}

int dataset_from_json(const char *text, struct dataset *d, struct err *e)
{
	json_error_t je;
	json_t *o = json_loads(text, 0, &je), *chars, *outs, *v;
	const char *k;
	size_t i;
	enum eth_system sys = ETH_CJ18;

	memset(d, 0, sizeof *d);
	if (!o || !json_is_object(o)) {
		json_decref(o);
		return err_set(e, ERR_DATA, "stored dataset definition is damaged: %s", je.text);
	}
	cp(d->name, o, "name");
	cp(d->id_column, o, "id");
	cp(d->unit_column, o, "unit");
	cp(d->period_column, o, "period");
	cp(d->grade_column, o, "grade");
	cp(d->pay_column, o, "pay");
	cp(d->bonus_column, o, "bonus");
	cp(d->full_pay_column, o, "full_pay");
	v = json_object_get(o, "ethnicity_codes");
	if (v && json_is_string(v))
		mon_eth_system_from_name(json_string_value(v), &sys);
	d->eth_system = sys;
	chars = json_object_get(o, "characteristics");
	json_object_foreach(chars, k, v) {
		enum mon_char c;
		if (mon_char_from_name(k, &c) == 0 && json_is_string(v))
			snprintf(d->char_column[c], DS_NAME_MAX, "%s", json_string_value(v));
	}
	outs = json_object_get(o, "outcomes");
	json_array_foreach(outs, i, v) {
		struct ds_outcome *x;
		const char *stage;
		if (d->n_outcomes >= DS_MAX_OUTCOMES)
			break;
		x = &d->outcomes[d->n_outcomes++];
		cp(x->name, v, "name");
		cp(x->column, v, "column");
		stage = json_string_value(json_object_get(v, "stage"));
		x->stage = stage ? dataset_outcome_index(d, stage) : -1;
		x->favourable = json_is_true(json_object_get(v, "favourable"));
	}
	v = json_object_get(o, "rows"); /* absent before issue 12: people */
	d->rows = v && json_is_string(v) && !strcmp(json_string_value(v), "events")
			  ? DS_ROWS_EVENTS
			  : DS_ROWS_PEOPLE;
	json_array_foreach(json_object_get(o, "maps"), i, v) {
		struct ds_map *m;
		const struct mon_category *cat;
		enum mon_char c;
		const char *value = json_string_value(json_object_get(v, "value"));
		const char *known = json_string_value(json_object_get(v, "known"));
		const char *ch = json_string_value(json_object_get(v, "characteristic"));
		if (d->n_maps >= DS_MAX_MAPS || !value || !known || !ch ||
		    mon_char_from_name(ch, &c) < 0 || strlen(value) >= DS_NAME_MAX ||
		    strlen(known) >= DS_NAME_MAX ||
		    mon_classify(c, (enum eth_system)d->eth_system, known, &cat, NULL) < 0) {
			json_decref(o);
			return err_set(e, ERR_DATA, "stored dataset definition is damaged: map %zu",
				       i + 1);
		}
		m = &d->maps[d->n_maps++];
		m->ch = (int)c;
		snprintf(m->value, DS_NAME_MAX, "%s", value);
		snprintf(m->known, DS_NAME_MAX, "%s", known);
	}
	/* defined groups and references (absent before issue 12: none) */
	json_array_foreach(json_object_get(o, "groups"), i, v) {
		struct ds_group *g;
		enum mon_char c;
		size_t m;
		json_t *mv;
		const char *cn = json_string_value(json_object_get(v, "characteristic"));
		const char *gn = json_string_value(json_object_get(v, "name"));
		if (d->n_groups >= DS_MAX_GROUPS || !cn || !gn || mon_char_from_name(cn, &c) < 0)
			continue;
		g = &d->groups[d->n_groups++];
		g->ch = (int)c;
		snprintf(g->name, sizeof g->name, "%s", gn);
		json_array_foreach(json_object_get(v, "members"), m, mv)
			if (g->n_members < DS_MAX_MEMBERS && json_is_string(mv))
				snprintf(g->members[g->n_members++], DS_MEMBER_MAX, "%s",
					 json_string_value(mv));
	}
	json_object_foreach(json_object_get(o, "references"), k, v) {
		enum mon_char c;
		if (mon_char_from_name(k, &c) == 0 && (int)c < DS_MAX_CHARS && json_is_string(v))
			snprintf(d->reference[c], DS_GROUP_NAME_MAX, "%s", json_string_value(v));
	}
	json_decref(o);
	return 0;
}

int mon_import_begin(store_t *db, const struct dataset *ds, const char *period,
		     const char *source, const char *kind, int64_t *import_id,
		     int64_t *old_rows, struct err *e)
{
	int64_t old = 0;
	char now[21], *def;
	struct period p;
	int rc;

	*old_rows = -1;
	if (store_query_int(db, &old, e, "SELECT id FROM mon_import WHERE dataset = ? AND period = ?",
			    "tt", ds->name, period) < 0)
		return ERR_DB;
	if (old) {
		if (store_query_int(db, old_rows, e, "SELECT rows FROM mon_import WHERE id = ?", "i",
				    old) < 0)
			return ERR_DB;
		/* Open flags of the replaced data go; flags someone has worked
		 * on (explained, actioned, closed) stay with their history. */
		if (store_exec(db, e,
			       "DELETE FROM mon_flag WHERE dataset = ? AND period = ? AND state = 'open'"
			       " AND action_id IS NULL"
			       " AND NOT EXISTS (SELECT 1 FROM mon_flag f2 WHERE f2.previous_id = mon_flag.id)",
			       "tt", ds->name, period) < 0 ||
		    store_exec(db, e, "DELETE FROM mon_import WHERE id = ?", "i", old) < 0)
			return ERR_DB;
	}
	date_now_iso(now);
	def = dataset_to_json(ds);
	/* its place in time (migration 006); callers pass periods that parse */
	if (period_parse(period, &p, NULL) < 0)
		p.key = 0;
	rc = store_exec(db, e,
			"INSERT INTO mon_import(dataset, period, kind, definition, source, imported_at,"
			" rows, period_key) VALUES (?, ?, ?, ?, ?, ?, 0, NULLIF(?, 0))",
			"tttttti", ds->name, period, kind, def, source, now, (int64_t)p.key);
	free(def);
	if (rc < 0)
		return ERR_DB;
	*import_id = store_last_id(db);
	return 0;
}

int mon_import_set_rows(store_t *db, int64_t import_id, int64_t rows, struct err *e)
{
	return store_exec(db, e, "UPDATE mon_import SET rows = ? WHERE id = ?", "ii", rows,
			  import_id);
}

/* ---- staged imports (migration 010) ------------------------------------*/

/* A period no import has: "~staged " and 16 random hex digits. Periods
 * that users give are checked (mon_period_arg) and never start with '~'. */
static void stage_placeholder(char out[32])
{
	unsigned char r[8];
	char hex[17];
	randombytes_buf(r, sizeof r);
	sodium_bin2hex(hex, sizeof hex, r, sizeof r);
	snprintf(out, 32, "~staged %s", hex);
}

int mon_stage_begin(store_t *db, const struct dataset *ds, const char *source,
		    int64_t *import_id, struct err *e)
{
	char now[21], period[32], *def;
	int rc;

	*import_id = 0;
	date_now_iso(now);
	stage_placeholder(period);
	def = dataset_to_json(ds);
	if ((rc = store_begin(db, e)) == 0 &&
	    (rc = store_exec(db, e,
			     "INSERT INTO mon_import(dataset, period, kind, definition, source,"
			     " imported_at, rows) VALUES (?, ?, 'rows', ?, ?, ?, 0)",
			     "ttttt", ds->name, period, def, source, now)) == 0) {
		*import_id = store_last_id(db);
		if ((rc = store_exec(db, e,
				     "INSERT INTO mon_stage(import_id, owner, started_at) VALUES (?, ?, ?)",
				     "iit", *import_id, (int64_t)getpid(), now)) == 0)
			rc = store_commit(db, e);
	}
	free(def);
	if (rc < 0) {
		store_rollback(db);
		*import_id = 0;
	}
	return rc;
}

int mon_stage_swap(store_t *db, int64_t import_id, const struct dataset *ds,
		   const char *period, int64_t rows, double completeness, int64_t *old_rows,
		   int64_t *retired, struct err *e)
{
	int64_t old = 0, mine = 0;
	char now[21], hidden[32];
	struct period p;

	*old_rows = -1;
	*retired = 0;
	/* still ours: checked inside the writing transaction */
	if (store_query_int(db, &mine, e,
			    "SELECT COUNT(*) FROM mon_stage WHERE import_id = ? AND owner = ?", "ii",
			    import_id, (int64_t)getpid()) < 0)
		return ERR_DB;
	if (!mine)
		return err_set(e, ERR_DATA, "the import was removed while it was being written "
			       "(as if abandoned); nothing was changed: run it again");
	if (store_query_int(db, &old, e, "SELECT id FROM mon_import WHERE dataset = ? AND period = ?",
			    "tt", ds->name, period) < 0)
		return ERR_DB;
	date_now_iso(now);
	if (old) {
		stage_placeholder(hidden);
		if (store_query_int(db, old_rows, e, "SELECT rows FROM mon_import WHERE id = ?", "i",
				    old) < 0 ||
		    /* as mon_import_begin: open flags of the replaced data go */
		    store_exec(db, e,
			       "DELETE FROM mon_flag WHERE dataset = ? AND period = ? AND state = 'open'"
			       " AND action_id IS NULL"
			       " AND NOT EXISTS (SELECT 1 FROM mon_flag f2 WHERE f2.previous_id = mon_flag.id)",
			       "tt", ds->name, period) < 0 ||
		    store_exec(db, e,
			       "UPDATE mon_import SET period = ?, period_key = NULL WHERE id = ?", "ti",
			       hidden, old) < 0 ||
		    store_exec(db, e,
			       "INSERT INTO mon_stage(import_id, owner, started_at) VALUES (?, ?, ?)",
			       "iit", old, (int64_t)getpid(), now) < 0)
			return ERR_DB;
		*retired = old;
	}
	if (period_parse(period, &p, NULL) < 0)
		p.key = 0;
	if (store_exec(db, e,
		       "UPDATE mon_import SET period = ?, period_key = NULLIF(?, 0), imported_at = ?,"
		       " rows = ? WHERE id = ?",
		       "titii", period, (int64_t)p.key, now, rows, import_id) < 0 ||
	    (!isnan(completeness) &&
	     store_exec(db, e, "UPDATE mon_import SET completeness = ? WHERE id = ?", "di",
			completeness, import_id) < 0) ||
	    store_exec(db, e, "DELETE FROM mon_stage WHERE import_id = ?", "i", import_id) < 0)
		return ERR_DB;
	return 0;
}

/* Run sql (binding import_id and bound) in a short transaction of its
 * own; *changed is how many rows it deleted. */
static int stage_delete(store_t *db, const char *sql, int64_t import_id, int64_t bound,
			int *changed, struct err *e)
{
	int rc;
	*changed = 0;
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	if ((rc = store_exec(db, e, sql, "ii", import_id, bound)) < 0) {
		store_rollback(db);
		return rc;
	}
	*changed = store_changes(db);
	return store_commit(db, e);
}

int mon_stage_discard(store_t *db, int64_t import_id, struct err *e)
{
	int64_t last = -1, seq;
	int changed, rc;

	if (store_query_int(db, &last, e,
			    "SELECT COALESCE(MAX(seq), -1) FROM mon_block WHERE import_id = ?", "i",
			    import_id) < 0)
		return ERR_DB;
	/* 2 blocks (about 4 MB of a big import) at a time: freeing a block's
	 * pages reads them all, about 20 ms a block */
	for (seq = 2; seq - 2 <= last; seq += 2)
		if ((rc = stage_delete(db, "DELETE FROM mon_block WHERE import_id = ? AND seq < ?",
				       import_id, seq, &changed, e)) < 0)
			return rc;
	/* an import made before migration 005, one row a person */
	do {
		if ((rc = stage_delete(db,
				       "DELETE FROM mon_row WHERE import_id = ?1 AND pid IN (SELECT pid"
				       " FROM mon_row WHERE import_id = ?1 ORDER BY pid LIMIT ?2)",
				       import_id, 50000, &changed, e)) < 0)
			return rc;
	} while (changed > 0);
	/* the import itself, with its codes, counts and mon_stage row */
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	if ((rc = store_exec(db, e, "DELETE FROM mon_import WHERE id = ?", "i", import_id)) < 0) {
		store_rollback(db);
		return rc;
	}
	return store_commit(db, e);
}

int mon_stage_cleanup(store_t *db, struct err *e)
{
	store_stmt_t *st;
	int64_t gone[64];
	int n = 0, i, rc;

	if (store_prepare(db, &st, e, "SELECT import_id, owner FROM mon_stage ORDER BY import_id",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1 && n < (int)(sizeof gone / sizeof gone[0])) {
		int64_t owner = store_col_int(st, 1);
		/* a process that no longer runs; this one's own are in hand */
		if (owner != (int64_t)getpid() &&
		    (owner <= 0 || (kill((pid_t)owner, 0) < 0 && errno == ESRCH)))
			gone[n++] = store_col_int(st, 0);
	}
	store_done(st);
	if (rc < 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = mon_stage_discard(db, gone[i], e)) < 0)
			return rc;
	return 0;
}

int mon_import_find(store_t *db, const char *dataset, const char *period,
		    int64_t *import_id, char **kind, struct dataset *ds, struct err *e)
{
	store_stmt_t *st;
	int rc;
	*import_id = 0;
	if (store_prepare(db, &st, e,
			  "SELECT id, kind, definition FROM mon_import WHERE dataset = ? AND period = ?",
			  "tt", dataset, period) < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1) {
		*import_id = store_col_int(st, 0);
		*kind = xstrdup(store_col_text(st, 1));
		rc = dataset_from_json(store_col_text(st, 2), ds, e);
	} else if (rc == 0) {
		rc = err_set(e, ERR_NOTFOUND,
			     "no %s data for period %s; see 'parity data list' for what has "
			     "been imported",
			     dataset, period);
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

int mon_import_load(store_t *db, int64_t import_id, const char *kind, struct agg *a,
		    struct err *e)
{
	return mon_import_load_where(db, import_id, kind, a, NULL, e);
}

/* 1 when w (may be NULL) keeps rec, a row of an import made before
 * migration 005, noting which value it matched. */
static int where_keeps(const struct mon_where *w, const struct dataset *ds,
		       const struct mon_record *rec)
{
	int m;
	if (!w)
		return 1;
	m = mon_where_match(w, ds,
			    w->column == MON_WHERE_UNIT	   ? rec->unit
			    : w->column == MON_WHERE_GRADE ? rec->grade
							   : NULL,
			    w->column >= 0 && w->column < MC_COUNT ? rec->cat[w->column] : NULL);
	if (m >= 0 && w->matched)
		w->matched[m] = 1;
	return m >= 0;
}

int mon_import_load_where(store_t *db, int64_t import_id, const char *kind, struct agg *a,
			  const struct mon_where *w, struct err *e)
{
	store_stmt_t *st;
	int rc, found;
	if (w && strcmp(kind, "counts") == 0)
		return err_set(e, ERR_DATA, "import %lld holds counts, not rows: its rows cannot "
			       "be chosen by a column's values", (long long)import_id);
	if (strcmp(kind, "counts") == 0) {
		if (store_query_int(db, &a->rounded, e,
				    "SELECT rounded FROM mon_import WHERE id = ?", "i", import_id) < 0)
			return ERR_DB;
		if (store_prepare(db, &st, e,
				  "SELECT unit, characteristic, grp, outcome, numerator, denominator,"
				  " unknown, parts FROM mon_count WHERE import_id = ? ORDER BY rowid",
				  "i", import_id) < 0)
			return ERR_DB;
		while ((rc = store_step(st, e)) == 1) {
			enum mon_char c;
			const char *unit = store_col_text(st, 0), *g = store_col_text(st, 2);
			int o = dataset_outcome_index(a->ds, store_col_text(st, 3));
			int kind_g = strcmp(g, "Not stated") == 0 ? MK_NOT_STATED
				     : strcmp(g, "Missing") == 0  ? MK_MISSING
								  : MK_RECORDED;
			if (o < 0 || mon_char_from_name(store_col_text(st, 1), &c) < 0)
				continue;
			if (strcmp(unit, "All") == 0)
				unit = "";
			if ((rc = agg_add_counts_ex(a, unit, c, g, kind_g, o, store_col_int(st, 4),
						    store_col_int(st, 5),
						    (unsigned)store_col_int(st, 6) &
							    (MON_UNK_NUM | MON_UNK_DEN),
						    (uint32_t)store_col_int(st, 7), e)) < 0)
				break;
		}
		store_done(st);
		return rc < 0 ? rc : 0;
	}
	if ((rc = (w ? mon_blocks_load_where(db, import_id, a, w, &found, e)
		     : mon_blocks_load(db, import_id, a, &found, e))) < 0 ||
	    found)
		return rc;
	/* an import made before migration 005: one row per person */
	if (store_prepare(db, &st, e,
			  "SELECT unit, grade, cats, outcomes, pay, bonus FROM mon_row"
			  " WHERE import_id = ?",
			  "i", import_id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct mon_record rec;
		memset(&rec, 0, sizeof rec);
		rec.unit = store_col_text(st, 0);
		rec.grade = store_col_text(st, 1);
		if ((rc = mon_cats_decode(store_col_text(st, 2), a->ds, &rec, e)) < 0)
			break;
		rec.outcomes = (uint32_t)store_col_int(st, 3);
		rec.has_pay = !store_col_is_null(st, 4);
		rec.pay = store_col_double(st, 4);
		rec.has_bonus = !store_col_is_null(st, 5);
		rec.bonus = store_col_double(st, 5);
		if (!where_keeps(w, a->ds, &rec))
			continue;
		if ((rc = agg_add(a, &rec, e)) < 0)
			break;
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

int mon_periods_before(store_t *db, const char *dataset, const char *period,
		       char periods[][24], int max, int *n, struct err *e)
{
	store_stmt_t *st;
	int rc;
	*n = 0;
	/* In time, by the key of migration 006, not as strings (which put
	 * FY2011-12 after 2011Q3 and 2011-07 before 2011Q1). A period
	 * without a key (text an earlier version accepted) has none before
	 * it and is before none. */
	if (store_prepare(db, &st, e,
			  "SELECT period FROM mon_import WHERE dataset = ?1 AND period_key <"
			  " (SELECT period_key FROM mon_import WHERE dataset = ?1 AND period = ?2)"
			  " ORDER BY period_key DESC",
			  "tt", dataset, period) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1 && *n < max)
		snprintf(periods[(*n)++], 24, "%s", store_col_text(st, 0));
	store_done(st);
	return rc < 0 ? rc : 0;
}

int mon_flags_record(store_t *db, const struct mon_report *r, const char *author,
		     int *raised, int *recurring, struct err *e)
{
	size_t i;
	char now[21];
	date_now_iso(now);
	*raised = *recurring = 0;
	for (i = 0; i < r->n_cmp; i++) {
		const struct mon_comparison *x = &r->cmp[i];
		const char *ch = mon_char_name(x->ch), *out = r->ds->outcomes[x->outcome].name;
		int64_t existing = 0, prev = 0, id;
		if (!x->flag)
			continue;
		if (store_query_int(db, &existing, e,
				    "SELECT id FROM mon_flag WHERE dataset = ? AND unit = ? AND"
				    " characteristic = ? AND grp = ? AND outcome = ? AND period = ?",
				    "tttttt", r->dataset, x->unit, ch, x->group, out, r->period) < 0)
			return ERR_DB;
		if (existing) {
			if (store_exec(db, e,
				       "UPDATE mon_flag SET rr = ?, rr_low = ?, rr_high = ?, p_adj = ?,"
				       " numerator = ?, denominator = ?, reference = ? WHERE id = ?",
				       "ddddiiti", x->rr, x->rr_low, x->rr_high, x->p_adj, x->num,
				       x->den, x->reference, existing) < 0 ||
			    store_exec(db, e, "DELETE FROM mon_flag_ref WHERE flag_id = ?", "i",
				       existing) < 0 ||
			    store_exec(db, e,
				       "INSERT INTO mon_flag_ref(flag_id, numerator, denominator)"
				       " VALUES (?, ?, ?)",
				       "iii", existing, x->ref_num, x->ref_den) < 0)
				return ERR_DB;
			(*raised)++;
			continue;
		}
		/* the same finding in the latest earlier period, in time */
		if (store_query_int(db, &prev, e,
				    "SELECT f.id FROM mon_flag f JOIN mon_import i"
				    " ON i.dataset = f.dataset AND i.period = f.period"
				    " WHERE f.dataset = ?1 AND f.unit = ?2 AND f.characteristic = ?3"
				    " AND f.grp = ?4 AND f.outcome = ?5 AND i.period_key <"
				    " (SELECT period_key FROM mon_import WHERE dataset = ?1 AND period = ?6)"
				    " ORDER BY i.period_key DESC LIMIT 1",
				    "tttttt", r->dataset, x->unit, ch, x->group, out, r->period) < 0)
			return ERR_DB;
		if (store_exec(db, e,
			       "INSERT INTO mon_flag(dataset, unit, characteristic, grp, reference,"
			       " outcome, period, rr, rr_low, rr_high, p_adj, numerator, denominator,"
			       " previous_id, created_at)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?)",
			       "tttttttddddiiit", r->dataset, x->unit, ch, x->group, x->reference,
			       out, r->period, x->rr, x->rr_low, x->rr_high, x->p_adj, x->num,
			       x->den, prev, now) < 0)
			return ERR_DB;
		id = store_last_id(db);
		if (store_exec(db, e,
			       "INSERT INTO mon_flag_ref(flag_id, numerator, denominator)"
			       " VALUES (?, ?, ?)",
			       "iii", id, x->ref_num, x->ref_den) < 0)
			return ERR_DB;
		if (store_exec(db, e,
			       "INSERT INTO mon_flag_event(flag_id, at, author, kind, note)"
			       " VALUES (?, ?, ?, ?, ?)",
			       /* no note: the earlier flag is previous_id, and a note
				* is what people write (the report showed this line
				* as an explanation; issue 15) */
			       "itttt", id, now, author, prev ? "reopened" : "raised", NULL) < 0)
			return ERR_DB;
		(*raised)++;
		if (prev)
			(*recurring)++;
	}
	return 0;
}
