/*
 * assess/directory.c: the directories' model and commands (issue 19;
 * docs/directories.md). Arrangements — reasonable adjustments in place
 * and flexible working arrangements — are personal data, often about
 * health: every command on them names with --as an account holding the
 * adjustments capability (granted by name, in no role), and each is one
 * transaction, checked inside it; changes go in the audit log by number,
 * never with the person or unit. Their counts (for adjustments or
 * read-plan) leave only with every count from 1 to 9 shown as "fewer than
 * 10" and every total that would reveal one withheld. Services are the
 * public directory. The dir_* functions are the model the web pages
 * (directory_web.c) share with the commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "assess/directory_internal.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "mail/mail.h"
#include "store/store.h"

/* ---- the documented lists ---------------------------------------------------*/

static const char *const adjustment_types[] = {
	"equipment", "software", "working-pattern", "workplace", "support-worker", "other", NULL};
static const char *const flexible_types[] = {"part-time", "compressed-hours", "term-time",
					      "remote-hybrid", "job-share", "flexitime",
					      "other", NULL};
static const char *const adjustment_words[] = {
	"Equipment", "Software", "Working pattern", "Workplace", "Support worker", "Other", NULL};
static const char *const flexible_words[] = {"Part-time", "Compressed hours", "Term-time",
					      "Remote or hybrid", "Job share", "Flexitime",
					      "Other", NULL};
const char *const dir_service_kinds[] = {"network", "support", "interpreter", "faith-room",
					 "other", NULL};
#define service_kinds dir_service_kinds
static const char *const service_words[] = {"Staff network", "Support group", "Interpreters",
					    "Faith room", "Other", NULL};

/* One of the two kinds of arrangement: its name in the database, its
 * command word and its types. */
struct kind {
	const char *kind;  /* "adjustment" | "flexible" */
	const char *words; /* "reasonable adjustment" */
	const char *const *types;
};
static const struct kind kind_adjustment = {"adjustment", "reasonable adjustment",
					    adjustment_types};
static const struct kind kind_flexible = {"flexible", "flexible working arrangement",
					  flexible_types};

static int in_list(const char *const *list, const char *s)
{
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

/* "a, b or c" of list into b. */
static void list_words(const char *const *list, struct buf *b)
{
	size_t n = 0;
	while (list[n])
		n++;
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", list[i]);
}

const char *const *dir_kind_types(const char *kind)
{
	if (kind && !strcmp(kind, "adjustment"))
		return adjustment_types;
	if (kind && !strcmp(kind, "flexible"))
		return flexible_types;
	return NULL;
}

const char *dir_type_words(const char *kind, const char *type)
{
	const char *const *t = dir_kind_types(kind);
	const char *const *w = t == adjustment_types ? adjustment_words : flexible_words;
	for (size_t i = 0; t && t[i]; i++)
		if (!strcmp(t[i], type))
			return w[i];
	return type;
}

const char *dir_service_kind_words(const char *kind)
{
	for (size_t i = 0; service_kinds[i]; i++)
		if (!strcmp(service_kinds[i], kind))
			return service_words[i];
	return kind;
}

/* ---- shared helpers ---------------------------------------------------------*/

static void now_iso(char out[21])
{
	date_iso_at(mail_now(), out);
}

static void today_iso(char out[11])
{
	date_day_at(mail_now(), out);
}

static int format_ok(const char *format, struct err *e)
{
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "--format takes text or json");
	return 0;
}

static void print_json(struct cli_ctx *ctx, json_t *o)
{
	char *s = json_dumps(o, JSON_INDENT(2));
	fprintf(ctx->out, "%s\n", s ? s : "{}");
	free(s);
	json_decref(o);
}

/* Inside the transaction: 0 when account `as` holds adjustments (or,
 * with counts set, read-plan: the counts are suppressed). */
static int gate(store_t *db, const char *as, int counts, struct err *e)
{
	struct web_user u;
	int rc;
	if ((rc = web_account_get(db, as, &u, e)) < 0)
		return rc;
	if (counts && !(u.caps & (CAP_ADJUSTMENTS | CAP_READ_PLAN)))
		return err_set(e, ERR_DATA, "%s holds neither the adjustments nor the read-plan "
			       "capability, one of which the counts need (an account manager grants "
			       "it: parity user set %s --grant read-plan)", u.name, u.name);
	if (!counts && !(u.caps & CAP_ADJUSTMENTS))
		return err_set(e, ERR_DATA, "%s does not hold the adjustments capability, which "
			       "adjustments and flexible working need (an account manager grants "
			       "it: parity user set %s --grant adjustments)", u.name, u.name);
	return 0;
}

static int need_as(const char *as, int counts, struct err *e)
{
	if (!as || !*as)
		return err_set(e, ERR_USAGE, "give --as USER: an account holding the %s "
			       "capability (these are personal data)",
			       counts ? "adjustments or read-plan" : "adjustments");
	return 0;
}

/* Open, begin and let in --as (for the counts when counts is set); on
 * success the transaction is open. */
static int enter(struct cli_ctx *ctx, const char *as, int counts, store_t **db, struct err *e)
{
	int rc;
	if ((rc = need_as(as, counts, e)) < 0 ||
	    (rc = store_open_begin(store_default_path(ctx->db_path), db, e)) < 0)
		return rc;
	if ((rc = gate(*db, as, counts, e)) < 0) {
		store_rollback(*db);
		store_close(*db);
	}
	return rc;
}

static int audit(store_t *db, const char *as, const char *what, const char *target,
		 struct err *e)
{
	char at[21], who[80];
	now_iso(at);
	snprintf(who, sizeof who, "cli:%s", as);
	return store_exec(db, e,
			  "INSERT INTO audit_log (at, who, address, what, target, before, after)"
			  " VALUES (?, ?, '', ?, ?, NULL, NULL)",
			  "tttt", at, who, what, target);
}

/* A date option into out (YYYY-MM-DD). */
static int date_opt(const char *s, const char *what, char out[11], struct err *e)
{
	struct date d;
	int rc = date_parse_user(s, what, &d, e);
	if (rc < 0)
		return rc;
	date_format(d, out);
	return 0;
}

static int id_arg(const char *s, const char *cmd, int64_t *id, struct err *e)
{
	long v;
	if (!s || str_to_int(s, 1, 2000000000L, &v) < 0)
		return err_set(e, ERR_USAGE, "give the arrangement's number (parity %s list "
			       "shows them), not '%s'", cmd, s ? s : "");
	*id = v;
	return 0;
}

/* ---- arrangements: the model ------------------------------------------------*/

int dir_arrangement_add(store_t *db, const char *kind, const char *person, const char *unit,
			const char *type, const char *start_on, const char *end_on,
			const char *by, int64_t *id, struct err *e)
{
	const char *const *types = dir_kind_types(kind);
	store_stmt_t *st = NULL;
	char at[21];
	int rc;
	if (!types || !in_list(types, type))
		return err_set(e, ERR_DATA, "'%s' is not a type of %s", type, kind ? kind : "");
	if (str_blank(person) || str_blank(unit))
		return err_set(e, ERR_DATA, "an arrangement needs a person and a unit");
	if (end_on && strcmp(end_on, start_on) < 0)
		return err_set(e, ERR_DATA, "--end %s is before --start %s", end_on, start_on);
	now_iso(at);
	rc = store_prepare(db, &st, e,
			   "INSERT INTO dir_arrangement (kind, person, unit, type, start_on, end_on,"
			   " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			   "tttttttt", kind, person, unit, type, start_on, end_on, by, at);
	if (rc >= 0 && (rc = store_step(st, e)) == 1) {
		*id = store_col_int(st, 0);
		rc = 0;
	} else if (rc >= 0) {
		rc = err_set(e, ERR_DB, "the new arrangement has no number");
	}
	store_done(st);
	return rc;
}

/* The row of st (id, person, unit, type, start_on, end_on) as an object. */
static json_t *arr_json(store_stmt_t *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s?}", "id", (json_int_t)store_col_int(st, 0),
			 "person", store_col_text(st, 1), "unit", store_col_text(st, 2), "type",
			 store_col_text(st, 3), "start", store_col_text(st, 4), "end",
			 store_col_text(st, 5));
}

int dir_arrangements(store_t *db, const char *kind, const char *unit, int all, json_t **out,
		     struct err *e)
{
	char today[11];
	store_stmt_t *st = NULL;
	json_t *arr = json_array();
	int rc;
	today_iso(today);
	rc = store_prepare(db, &st, e,
			   "SELECT id, person, unit, type, start_on, end_on FROM dir_arrangement"
			   " WHERE kind = ? AND (CAST(? AS TEXT) IS NULL OR unit = ?)"
			   " AND (? = 1 OR end_on IS NULL OR end_on >= ?)"
			   " ORDER BY unit, person, id",
			   "tttit", kind, unit, unit, (int64_t)(all != 0), today);
	while (rc >= 0 && (rc = store_step(st, e)) == 1)
		json_array_append_new(arr, arr_json(st));
	store_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int dir_arrangement_get(store_t *db, const char *kind, int64_t id, json_t **out, struct err *e)
{
	store_stmt_t *st = NULL;
	int rc = store_prepare(db, &st, e,
			       "SELECT id, person, unit, type, start_on, end_on FROM dir_arrangement"
			       " WHERE id = ? AND kind = ?",
			       "it", id, kind);
	if (rc >= 0 && (rc = store_step(st, e)) == 0)
		rc = err_set(e, ERR_NOTFOUND, "no %s %lld", !strcmp(kind, "adjustment") ?
			     kind_adjustment.words : kind_flexible.words, (long long)id);
	else if (rc == 1) {
		*out = arr_json(st);
		rc = 0;
	}
	store_done(st);
	return rc;
}

int dir_arrangement_end(store_t *db, const char *kind, int64_t id, const char *on,
			struct err *e)
{
	const char *words = !strcmp(kind, "adjustment") ? kind_adjustment.words
							 : kind_flexible.words;
	json_t *o = NULL;
	int rc = dir_arrangement_get(db, kind, id, &o, e);
	if (rc < 0)
		return rc;
	const char *s = json_string_value(json_object_get(o, "start")),
		   *was = json_string_value(json_object_get(o, "end"));
	if (was && strcmp(was, on) <= 0)
		rc = err_set(e, ERR_DATA, "%s %lld already ended on %s", words, (long long)id, was);
	else if (strcmp(on, s) < 0)
		rc = err_set(e, ERR_DATA, "%s is before it started (%s)", on, s);
	json_decref(o);
	if (rc >= 0)
		rc = store_exec(db, e, "UPDATE dir_arrangement SET end_on = ? WHERE id = ?", "ti", on,
				id);
	return rc;
}

/* ---- arrangements: the commands ---------------------------------------------*/

static int arr_add(const struct kind *k, struct cli_ctx *ctx, int argc, char **argv,
		   struct err *e)
{
	const char *unit = NULL, *type = NULL, *start = NULL, *end = NULL, *as = NULL,
		   *format = "text", *pos[1];
	struct cli_opt opts[] = {{"unit", 0, CLI_STRING, &unit},   {"type", 0, CLI_STRING, &type},
				 {"start", 0, CLI_STRING, &start}, {"end", 0, CLI_STRING, &end},
				 {"as", 0, CLI_STRING, &as},	   {"format", 0, CLI_STRING, &format},
				 {NULL, 0, 0, NULL}};
	char s_on[11], e_on[11] = "", target[40];
	store_t *db;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0)
		return rc;
	if (!n_pos || str_blank(pos[0]))
		return err_set(e, ERR_USAGE, "give the person's staff number or name");
	if (!unit || str_blank(unit))
		return err_set(e, ERR_USAGE, "give the person's unit with --unit UNIT");
	if (!type || !in_list(k->types, type)) {
		struct buf b = BUF_INIT;
		list_words(k->types, &b);
		rc = err_set(e, ERR_USAGE, "give --type: %s", buf_str(&b));
		buf_free(&b);
		return rc;
	}
	if (!start)
		return err_set(e, ERR_USAGE, "give the date it started with --start DATE");
	if ((rc = date_opt(start, "--start", s_on, e)) < 0 ||
	    (end && (rc = date_opt(end, "--end", e_on, e)) < 0))
		return rc;
	if (end && strcmp(e_on, s_on) < 0)
		return err_set(e, ERR_DATA, "--end %s is before --start %s", e_on, s_on);
	if ((rc = enter(ctx, as, 0, &db, e)) < 0)
		return rc;
	rc = dir_arrangement_add(db, k->kind, pos[0], unit, type, s_on, end ? e_on : NULL, as, &id,
				 e);
	snprintf(target, sizeof target, "%s %lld", k->kind, (long long)id);
	if (rc >= 0) {
		char what[32];
		snprintf(what, sizeof what, "%s.add", k->kind);
		rc = audit(db, as, what, target, e);
	}
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	if (!strcmp(format, "json"))
		print_json(ctx, json_pack("{s:I}", "id", (json_int_t)id));
	else
		fprintf(ctx->out, "recorded %s %lld\n", k->words, (long long)id);
	return 0;
}

static int arr_list(const struct kind *k, struct cli_ctx *ctx, int argc, char **argv,
		    struct err *e)
{
	const char *unit = NULL, *as = NULL, *format = "text", *pos[1];
	int all = 0;
	struct cli_opt opts[] = {{"unit", 0, CLI_STRING, &unit}, {"all", 0, CLI_FLAG, &all},
				 {"as", 0, CLI_STRING, &as},	 {"format", 0, CLI_STRING, &format},
				 {NULL, 0, 0, NULL}};
	store_t *db;
	json_t *arr = NULL;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0 || (rc = enter(ctx, as, 0, &db, e)) < 0)
		return rc;
	rc = dir_arrangements(db, k->kind, unit, all, &arr, e);
	if ((rc = store_finish(db, rc, e)) < 0) {
		json_decref(arr);
		return rc;
	}
	if (!strcmp(format, "json")) {
		print_json(ctx, arr);
		return 0;
	}
	if (!json_array_size(arr))
		fprintf(ctx->out, "no %ss%s\n", k->words, all ? "" : " in place");
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o)
	{
		const char *end = json_string_value(json_object_get(o, "end"));
		fprintf(ctx->out, "%lld\t%s\t%s\t%s\tfrom %s%s%s\n",
			(long long)json_integer_value(json_object_get(o, "id")),
			json_string_value(json_object_get(o, "person")),
			json_string_value(json_object_get(o, "unit")),
			json_string_value(json_object_get(o, "type")),
			json_string_value(json_object_get(o, "start")), end ? " to " : "",
			end ? end : "");
	}
	json_decref(arr);
	return 0;
}

static int arr_end(const struct kind *k, struct cli_ctx *ctx, int argc, char **argv,
		   struct err *e)
{
	const char *on = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"on", 0, CLI_STRING, &on}, {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	char on_s[11], target[40], what[32];
	store_t *db;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = id_arg(n_pos ? pos[0] : NULL, k->kind, &id, e)) < 0)
		return rc;
	if (on) {
		if ((rc = date_opt(on, "--on", on_s, e)) < 0)
			return rc;
	} else {
		today_iso(on_s);
	}
	if ((rc = enter(ctx, as, 0, &db, e)) < 0)
		return rc;
	rc = dir_arrangement_end(db, k->kind, id, on_s, e);
	if (rc == ERR_NOTFOUND) {
		err_clear(e);
		rc = err_set(e, ERR_NOTFOUND, "no %s %lld (parity %s list --all shows them)",
			     k->words, (long long)id, k->kind);
	}
	snprintf(target, sizeof target, "%s %lld", k->kind, (long long)id);
	snprintf(what, sizeof what, "%s.end", k->kind);
	if (rc >= 0)
		rc = audit(db, as, what, target, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "%s %lld ends on %s\n", k->words, (long long)id, on_s);
	return 0;
}

static int adj_add(struct cli_ctx *c, int n, char **v, struct err *e)
{
	return arr_add(&kind_adjustment, c, n, v, e);
}
static int adj_list(struct cli_ctx *c, int n, char **v, struct err *e)
{
	return arr_list(&kind_adjustment, c, n, v, e);
}
static int adj_end(struct cli_ctx *c, int n, char **v, struct err *e)
{
	return arr_end(&kind_adjustment, c, n, v, e);
}
static int flex_add(struct cli_ctx *c, int n, char **v, struct err *e)
{
	return arr_add(&kind_flexible, c, n, v, e);
}
static int flex_list(struct cli_ctx *c, int n, char **v, struct err *e)
{
	return arr_list(&kind_flexible, c, n, v, e);
}
static int flex_end(struct cli_ctx *c, int n, char **v, struct err *e)
{
	return arr_end(&kind_flexible, c, n, v, e);
}

/* ---- counts -----------------------------------------------------------------*/

/* One count of kind, unit and type. */
struct cell {
	char *kind, *unit, *type;
	long n;
};

static int small(long n)
{
	return n >= 1 && n <= 9;
}

/* Set out[kind] to the counts of one kind (cells[lo..hi), ordered by
 * unit): each cell, each unit's total and the kind's total, suppressed. */
static void counts_kind(const struct cell *c, size_t lo, size_t hi, const char *kind,
			json_t *out)
{
	json_t *rows = json_array(), *totals = json_array();
	long all = 0;
	int all_hidden = 0;
	for (size_t i = lo; i < hi;) {
		size_t j = i;
		long tot = 0;
		int hidden = 0;
		for (; j < hi && !strcmp(c[j].unit, c[i].unit); j++) {
			tot += c[j].n;
			hidden |= small(c[j].n);
			json_array_append_new(
				rows, json_pack("{s:s,s:s,s:o}", "unit", c[j].unit, "type", c[j].type,
						"count", small(c[j].n) ? json_string("fewer than 10")
								       : json_integer(c[j].n)));
		}
		hidden |= small(tot);
		all += tot;
		all_hidden |= hidden;
		json_array_append_new(totals,
				      json_pack("{s:s,s:o}", "unit", c[i].unit, "total",
						hidden ? json_string("withheld") : json_integer(tot)));
		i = j;
	}
	all_hidden |= small(all);
	json_object_set_new(out, kind,
			    json_pack("{s:o,s:o,s:o}", "counts", rows, "unit_totals", totals, "total",
				      all_hidden ? json_string("withheld") : json_integer(all)));
}

int dir_counts(store_t *db, const char *on, json_t **out, struct err *e)
{
	static const char *const kinds[] = {"adjustment", "flexible"};
	store_stmt_t *st = NULL;
	struct cell *cells = NULL;
	size_t n = 0, cap = 0, i = 0;
	int rc;
	rc = store_prepare(db, &st, e,
			   "SELECT kind, unit, type, COUNT(*) FROM dir_arrangement"
			   " WHERE start_on <= ? AND (end_on IS NULL OR end_on >= ?)"
			   " GROUP BY kind, unit, type ORDER BY kind, unit, type",
			   "tt", on, on);
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			cells = xrealloc(cells, cap * sizeof *cells);
		}
		cells[n].kind = xstrdup(store_col_text(st, 0));
		cells[n].unit = xstrdup(store_col_text(st, 1));
		cells[n].type = xstrdup(store_col_text(st, 2));
		cells[n].n = (long)store_col_int(st, 3);
		n++;
	}
	store_done(st);
	if (rc >= 0) {
		*out = json_pack("{s:s}", "on", on);
		for (int k = 0; k < 2; k++) {
			size_t lo = i;
			while (i < n && !strcmp(cells[i].kind, kinds[k]))
				i++;
			counts_kind(cells, lo, i, kinds[k], *out);
		}
		rc = 0;
	}
	for (i = 0; i < n; i++) {
		free(cells[i].kind);
		free(cells[i].unit);
		free(cells[i].type);
	}
	free(cells);
	return rc;
}

/* A count or total of dir_counts: the number, or its words. */
static void count_text(FILE *f, json_t *v)
{
	if (json_is_integer(v))
		fprintf(f, "%lld\n", (long long)json_integer_value(v));
	else
		fprintf(f, "%s\n", json_string_value(v));
}

/* One kind of dir_counts as text: each unit's rows, then its total. */
static void counts_text(FILE *f, json_t *kind)
{
	json_t *rows = json_object_get(kind, "counts"), *tots = json_object_get(kind, "unit_totals");
	size_t r = 0, t;
	json_t *u;
	json_array_foreach(tots, t, u)
	{
		const char *unit = json_string_value(json_object_get(u, "unit"));
		for (; r < json_array_size(rows); r++) {
			json_t *c = json_array_get(rows, r);
			if (strcmp(json_string_value(json_object_get(c, "unit")), unit))
				break;
			fprintf(f, "  %s\t%s\t", unit, json_string_value(json_object_get(c, "type")));
			count_text(f, json_object_get(c, "count"));
		}
		fprintf(f, "  %s\tall types\t", unit);
		count_text(f, json_object_get(u, "total"));
	}
	fprintf(f, "  all units\tall types\t");
	count_text(f, json_object_get(kind, "total"));
}

static int counts_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *on = NULL, *as = NULL, *format = "text", *pos[1];
	struct cli_opt opts[] = {{"on", 0, CLI_STRING, &on},
				 {"as", 0, CLI_STRING, &as},
				 {"format", 0, CLI_STRING, &format},
				 {NULL, 0, 0, NULL}};
	char on_s[11];
	store_t *db;
	json_t *out = NULL;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0)
		return rc;
	if (on) {
		if ((rc = date_opt(on, "--on", on_s, e)) < 0)
			return rc;
	} else {
		today_iso(on_s);
	}
	if ((rc = enter(ctx, as, 1, &db, e)) < 0)
		return rc;
	rc = dir_counts(db, on_s, &out, e);
	if ((rc = store_finish(db, rc, e)) < 0) {
		json_decref(out);
		return rc;
	}
	if (!strcmp(format, "json")) {
		print_json(ctx, out);
		return 0;
	}
	fprintf(ctx->out, "Counts on %s by unit and type (a count from 1 to 9 is shown as \"fewer "
			  "than 10\"; a total that would reveal one is withheld)\n", on_s);
	fprintf(ctx->out, "Reasonable adjustments in place\n");
	counts_text(ctx->out, json_object_get(out, "adjustment"));
	fprintf(ctx->out, "Flexible working arrangements\n");
	counts_text(ctx->out, json_object_get(out, "flexible"));
	json_decref(out);
	return 0;
}

/* ---- services ---------------------------------------------------------------*/

int dir_url_ok(const char *url)
{
	if (strncmp(url, "https://", 8) && strncmp(url, "http://", 7))
		return 0;
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>')
			return 0;
	return 1;
}

int dir_service_add(store_t *db, const char *name, const char *kind, const char *contact,
		    const char *url, const char *where, struct err *e)
{
	char at[21];
	int64_t n = 0;
	int rc;
	if (str_blank(name) || strlen(name) > 200 || !in_list(service_kinds, kind) ||
	    str_blank(contact) || (url && !dir_url_ok(url)))
		return err_set(e, ERR_DATA, "a service needs a name of at most 200 characters, a "
			       "kind from the list, a contact and an http(s) web address or none");
	rc = store_query_int(db, &n, e, "SELECT COUNT(*) FROM dir_service WHERE name = ?", "t",
			     name);
	if (rc >= 0 && n)
		return err_set(e, ERR_DATA, "there is already a service called %s", name);
	now_iso(at);
	if (rc >= 0)
		rc = store_exec(db, e,
				"INSERT INTO dir_service (name, kind, contact, url, place, added_at)"
				" VALUES (?, ?, ?, ?, ?, ?)",
				"tttttt", name, kind, contact, url, where, at);
	return rc;
}

int dir_service_remove(store_t *db, const char *name, struct err *e)
{
	int rc = store_exec(db, e, "DELETE FROM dir_service WHERE name = ?", "t", name);
	if (rc >= 0 && !store_changes(db))
		rc = err_set(e, ERR_NOTFOUND, "no service called %s", name);
	return rc;
}

static int service_add(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *kind = NULL, *contact = NULL, *url = NULL, *where = NULL, *pos[1];
	struct cli_opt opts[] = {{"kind", 0, CLI_STRING, &kind}, {"contact", 0, CLI_STRING, &contact},
				 {"url", 0, CLI_STRING, &url},	 {"where", 0, CLI_STRING, &where},
				 {NULL, 0, 0, NULL}};
	char target[300];
	store_t *db;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (!n_pos || str_blank(pos[0]))
		return err_set(e, ERR_USAGE, "give the service's name");
	if (strlen(pos[0]) > 200)
		return err_set(e, ERR_USAGE, "a service's name is at most 200 characters");
	if (!kind || !in_list(service_kinds, kind)) {
		struct buf b = BUF_INIT;
		list_words(service_kinds, &b);
		rc = err_set(e, ERR_USAGE, "give --kind: %s", buf_str(&b));
		buf_free(&b);
		return rc;
	}
	if (!contact || !*contact)
		return err_set(e, ERR_USAGE, "give how to reach it with --contact TEXT");
	if (url && !dir_url_ok(url))
		return err_set(e, ERR_USAGE, "--url takes a web address starting https:// or "
			       "http://, without spaces");
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = dir_service_add(db, pos[0], kind, contact, url, where, e);
	if (rc == ERR_DATA && strstr(e->msg, "already")) {
		err_clear(e);
		rc = err_set(e, ERR_DATA, "there is already a service called %s (parity service "
			     "remove it first to change it)", pos[0]);
	}
	snprintf(target, sizeof target, "service %s", pos[0]);
	if (rc >= 0)
		rc = audit(db, cli_author(NULL), "service.add", target, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "added %s to the directory of services\n", pos[0]);
	return 0;
}

static int service_remove(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *pos[1];
	struct cli_opt opts[] = {{NULL, 0, 0, NULL}};
	char target[300];
	store_t *db;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (!n_pos)
		return err_set(e, ERR_USAGE, "give the service's name (parity service list)");
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = dir_service_remove(db, pos[0], e);
	if (rc == ERR_NOTFOUND) {
		err_clear(e);
		rc = err_set(e, ERR_NOTFOUND, "no service called %s (parity service list shows "
			     "them)", pos[0]);
	}
	snprintf(target, sizeof target, "service %s", pos[0]);
	if (rc >= 0)
		rc = audit(db, cli_author(NULL), "service.remove", target, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "removed %s from the directory of services\n", pos[0]);
	return 0;
}

static int service_list(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	store_t *db;
	store_stmt_t *st = NULL;
	json_t *arr = json_array();
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0 ||
	    (rc = store_open(store_default_path(ctx->db_path), &db, e)) < 0) {
		json_decref(arr);
		return rc;
	}
	rc = store_prepare(db, &st, e,
			   "SELECT name, kind, contact, url, place FROM dir_service ORDER BY kind, name",
			   "");
	while (rc >= 0 && (rc = store_step(st, e)) == 1)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s?,s:s?}", "name",
						     store_col_text(st, 0), "kind",
						     store_col_text(st, 1), "contact",
						     store_col_text(st, 2), "url",
						     store_col_text(st, 3), "where",
						     store_col_text(st, 4)));
	store_done(st);
	store_close(db);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	if (!strcmp(format, "json")) {
		print_json(ctx, arr);
		return 0;
	}
	if (!json_array_size(arr))
		fprintf(ctx->out, "no services in the directory\n");
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o)
	{
		const char *url = json_string_value(json_object_get(o, "url")),
			   *where = json_string_value(json_object_get(o, "where"));
		fprintf(ctx->out, "%s\t%s\t%s\t%s\t%s\n",
			json_string_value(json_object_get(o, "name")),
			json_string_value(json_object_get(o, "kind")),
			json_string_value(json_object_get(o, "contact")), url ? url : "-",
			where ? where : "-");
	}
	json_decref(arr);
	return 0;
}

/* ---- the commands -----------------------------------------------------------*/

#define AS_HELP                                                                          \
	"--as USER names the account acting: one holding the import-data capability\n"   \
	"(parity user add NAME --role viewer --grant import-data), since these are\n"     \
	"personal data. Changes go in the audit log by number only.\n"

const struct cli_command directory_commands[] = {
	{"adjustment add", adj_add, "record a reasonable adjustment in place for a person",
	 "usage: parity adjustment add PERSON --unit UNIT --type TYPE --start DATE\n"
	 "                             [--end DATE] --as USER [--format text|json]\n"
	 "\n"
	 "PERSON is a staff number or name. TYPE is one of equipment, software,\n"
	 "working-pattern, workplace, support-worker or other. With --format json\n"
	 "prints {\"id\": N}.\n" AS_HELP
	 "Example:\n  parity adjustment add E1001 --unit Finance --type equipment "
	 "--start 2026-01-05 --as hr1\n"},
	{"adjustment end", adj_end, "record that a reasonable adjustment ended",
	 "usage: parity adjustment end ID [--on DATE] --as USER\n"
	 "\n"
	 "Ends adjustment ID (parity adjustment list shows the numbers) on the date\n"
	 "(default today). It is kept, and listed with --all.\n" AS_HELP
	 "Example:\n  parity adjustment end 1 --on 2026-06-30 --as hr1\n"},
	{"adjustment list", adj_list, "the reasonable adjustments in place",
	 "usage: parity adjustment list [--unit UNIT] [--all] --as USER [--format text|json]\n"
	 "\n"
	 "The adjustments in place today (number, person, unit, type, dates); --all\n"
	 "adds those that have ended; --unit keeps one unit's.\n" AS_HELP
	 "Example:\n  parity adjustment list --unit Finance --as hr1\n"},
	{"directory counts", counts_cmd, "adjustments and flexible working by unit and type, "
	 "small counts suppressed",
	 "usage: parity directory counts [--on DATE] --as USER [--format text|json]\n"
	 "\n"
	 "Counts the arrangements in place on the date (default today) by unit and\n"
	 "type, with each unit's total and the total. Every count from 1 to 9 is\n"
	 "shown as \"fewer than 10\", and a total is withheld when a count in it is\n"
	 "(or it is itself from 1 to 9), so that no small number can be worked out.\n"
	 AS_HELP
	 "Example:\n  parity directory counts --as hr1 --format json\n"},
	{"directory publish", dir_release_cmd,
	 "release the counts by unit and type to the public pages",
	 "usage: parity directory publish --as USER [--on DATE] [--threshold N] [--dry-run]\n"
	 "                                [--format text|json]\n"
	 "Counts the reasonable adjustments and the flexible working arrangements in place\n"
	 "on the day (default today) by unit and type, protects them as the public equality\n"
	 "tables are (a count from 1 to 9 is withheld, with the fewest others that would\n"
	 "reveal it; --threshold raises the 10), and releases them to /public/directories.\n"
	 "Only the counts shown are stored. Two releases must be at least 183 days apart.\n"
	 "USER must hold the publish capability. --dry-run shows the counts, releasing\n"
	 "nothing.\n"
	 "Example:\n  parity directory publish --on 2026-03-31 --as pub1\n"},
	{"flexible add", flex_add, "record a flexible working arrangement for a person",
	 "usage: parity flexible add PERSON --unit UNIT --type TYPE --start DATE\n"
	 "                           [--end DATE] --as USER [--format text|json]\n"
	 "\n"
	 "PERSON is a staff number or name. TYPE is one of part-time,\n"
	 "compressed-hours, term-time, remote-hybrid, job-share, flexitime or other.\n"
	 "With --format json prints {\"id\": N}.\n" AS_HELP
	 "Example:\n  parity flexible add E1001 --unit Finance --type part-time "
	 "--start 2026-02-01 --as hr1\n"},
	{"flexible end", flex_end, "record that a flexible working arrangement ended",
	 "usage: parity flexible end ID [--on DATE] --as USER\n"
	 "\n"
	 "Ends arrangement ID (parity flexible list shows the numbers) on the date\n"
	 "(default today). It is kept, and listed with --all.\n" AS_HELP
	 "Example:\n  parity flexible end 1 --on 2026-06-30 --as hr1\n"},
	{"flexible list", flex_list, "the flexible working arrangements in place",
	 "usage: parity flexible list [--unit UNIT] [--all] --as USER [--format text|json]\n"
	 "\n"
	 "The arrangements in place today (number, person, unit, type, dates); --all\n"
	 "adds those that have ended; --unit keeps one unit's.\n" AS_HELP
	 "Example:\n  parity flexible list --as hr1\n"},
	{"service add", service_add, "add a service to the public directory of services",
	 "usage: parity service add NAME --kind network|support|interpreter|faith-room|other\n"
	 "                          --contact TEXT [--url URL] [--where TEXT]\n"
	 "\n"
	 "Adds a service — a staff network, a support group, interpreters, a faith\n"
	 "room — to the public page /public/services. --url takes an https:// or\n"
	 "http:// address; --where says where it is (a room, a building).\n"
	 "Example:\n  parity service add 'Quiet room' --kind faith-room --contact "
	 "'Facilities, ext 4000' --where 'Floor 2, room 2.14'\n"},
	{"service list", service_list, "the public directory of services",
	 "usage: parity service list [--format text|json]\n"
	 "\n"
	 "Every service: name, kind, contact, web address and where (- for none).\n"
	 "Example:\n  parity service list\n"},
	{"service remove", service_remove, "take a service off the public directory",
	 "usage: parity service remove NAME\n"
	 "\n"
	 "Removes the service called NAME from the directory and its public page.\n"
	 "Example:\n  parity service remove 'Quiet room'\n"},
	{NULL, NULL, NULL, NULL},
};
