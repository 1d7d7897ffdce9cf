/*
 * assess/dir_release.c: the directories' counts on the public pages —
 * parity directory publish, and /public/directories. The counts of
 * reasonable adjustments and of flexible working arrangements in place on
 * a day, by unit and type, go out only through safe publication
 * (publish_protect_grid, the public tables' own disclosure control), are
 * stored as released (withheld counts never stored) and shown from the
 * store. docs/directories.md says what is shown and why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "assess/directory_internal.h"
#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "mail/mail.h"
#include "publish/publish.h"
#include "store/store.h"

#define DIR_MIN_THRESHOLD 10 /* as the public equality tables: never lower */
#define DIR_RELEASE_GAP 183  /* days between two releases' dates, at least */

static const char *const rel_kinds[] = {"adjustment", "flexible"};
static const char *const rel_titles[] = {"Reasonable adjustments in place",
					  "Flexible working arrangements"};

/* The distinct strings of column col of the rows of one kind, sorted. */
struct names {
	char **v;
	size_t n;
};

static size_t name_index(struct names *s, const char *x, int add)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], x))
			return i;
	if (!add)
		return SIZE_MAX;
	s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n] = xstrdup(x);
	return s->n++;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void names_free(struct names *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static json_t *shown_or_null(int shown, int64_t v)
{
	return shown ? json_integer(v) : json_null();
}

/* One kind's protected table as JSON: units, types, counts (null when
 * withheld), unit_totals, type_totals, total. Inside the transaction. */
static int kind_table(store_t *db, const char *kind, const char *title, const char *on,
		      int threshold, json_t **out, struct err *e)
{
	struct names units = {NULL, 0}, types = {NULL, 0};
	store_stmt_t *st;
	int64_t *counts = NULL;
	uint8_t *shown = NULL;
	size_t r, c, nr, nc;
	json_t *rows, *ut, *tt, *ju, *jt;
	int rc;
	*out = NULL;
	/* first the units and types present, then the counts */
	if ((rc = store_prepare(db, &st, e,
				"SELECT DISTINCT unit, type FROM dir_arrangement WHERE kind = ?"
				" AND start_on <= ? AND (end_on IS NULL OR end_on >= ?)"
				" ORDER BY unit, type",
				"ttt", kind, on, on)) < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		name_index(&units, store_col_text(st, 0), 1);
		name_index(&types, store_col_text(st, 1), 1);
	}
	store_done(st);
	if (rc < 0)
		goto done;
	nr = units.n;
	nc = types.n;
	/* types in a fixed order: sorted (units came sorted) */
	if (nc)
		qsort(types.v, nc, sizeof *types.v, cmp_str);
	counts = xcalloc(nr * nc + 1, sizeof *counts);
	shown = xcalloc(nr * nc + nr + nc + 1, 1);
	if ((rc = store_prepare(db, &st, e,
				"SELECT unit, type, COUNT(*) FROM dir_arrangement WHERE kind = ?"
				" AND start_on <= ? AND (end_on IS NULL OR end_on >= ?)"
				" GROUP BY unit, type",
				"ttt", kind, on, on)) < 0)
		goto done;
	while ((rc = store_step(st, e)) == 1) {
		r = name_index(&units, store_col_text(st, 0), 0);
		c = name_index(&types, store_col_text(st, 1), 0);
		counts[r * nc + c] = store_col_int(st, 2);
	}
	store_done(st);
	if (rc < 0)
		goto done;
	if ((rc = publish_protect_grid(nr, nc, counts, threshold, shown, e)) < 0)
		goto done;
	rows = json_array();
	ut = json_array();
	tt = json_array();
	ju = json_array();
	jt = json_array();
	for (r = 0; r < nr; r++) {
		json_t *row = json_array();
		int64_t sum = 0;
		for (c = 0; c < nc; c++) {
			sum += counts[r * nc + c];
			json_array_append_new(row, shown_or_null(shown[r * nc + c], counts[r * nc + c]));
		}
		json_array_append_new(rows, row);
		json_array_append_new(ut, shown_or_null(shown[nr * nc + r], sum));
		json_array_append_new(ju, json_string(units.v[r]));
	}
	{
		int64_t all = 0;
		for (c = 0; c < nc; c++) {
			int64_t sum = 0;
			for (r = 0; r < nr; r++)
				sum += counts[r * nc + c];
			all += sum;
			json_array_append_new(tt, shown_or_null(shown[nr * nc + nr + c], sum));
			json_array_append_new(jt, json_string(types.v[c]));
		}
		*out = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "kind", kind, "title",
				 title, "units", ju, "types", jt, "counts", rows, "unit_totals", ut,
				 "type_totals", tt, "total",
				 shown_or_null(shown[nr * nc + nr + nc], all));
	}
	rc = 0;
done:
	free(counts);
	free(shown);
	names_free(&units);
	names_free(&types);
	return rc;
}

/* A count as shown: the number, or "[c]" when withheld. */
static void cell_text(json_t *v, char out[24])
{
	if (json_is_integer(v))
		snprintf(out, 24, "%lld", (long long)json_integer_value(v));
	else
		snprintf(out, 24, "[c]");
}

static void table_text(FILE *f, json_t *t)
{
	json_t *units = json_object_get(t, "units"), *types = json_object_get(t, "types");
	json_t *counts = json_object_get(t, "counts");
	size_t r, c;
	char s[24];
	fprintf(f, "%s\n", json_string_value(json_object_get(t, "title")));
	if (!json_array_size(units)) {
		fputs("  none\n", f);
		return;
	}
	fprintf(f, "  %-20s", "unit");
	for (c = 0; c < json_array_size(types); c++)
		fprintf(f, " %16s", json_string_value(json_array_get(types, c)));
	fprintf(f, " %8s\n", "all");
	for (r = 0; r < json_array_size(units); r++) {
		fprintf(f, "  %-20s", json_string_value(json_array_get(units, r)));
		for (c = 0; c < json_array_size(types); c++) {
			cell_text(json_array_get(json_array_get(counts, r), c), s);
			fprintf(f, " %16s", s);
		}
		cell_text(json_array_get(json_object_get(t, "unit_totals"), r), s);
		fprintf(f, " %8s\n", s);
	}
	fprintf(f, "  %-20s", "all units");
	for (c = 0; c < json_array_size(types); c++) {
		cell_text(json_array_get(json_object_get(t, "type_totals"), c), s);
		fprintf(f, " %16s", s);
	}
	cell_text(json_object_get(t, "total"), s);
	fprintf(f, " %8s\n", s);
}

int dir_release_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *on = NULL, *as = NULL, *format = "text", *threshold_s = NULL, *pos[1];
	int dry = 0;
	struct cli_opt opts[] = {{"on", 0, CLI_STRING, &on},
				 {"as", 0, CLI_STRING, &as},
				 {"format", 0, CLI_STRING, &format},
				 {"threshold", 0, CLI_STRING, &threshold_s},
				 {"dry-run", 0, CLI_FLAG, &dry},
				 {NULL, 0, 0, NULL}};
	char on_s[11], at[21];
	struct web_user u;
	store_t *db;
	json_t *tables = json_array(), *doc = NULL;
	long threshold = DIR_MIN_THRESHOLD;
	int n_pos, rc, k;
	int64_t id = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		goto out;
	if (strcmp(format, "text") && strcmp(format, "json")) {
		rc = err_set(e, ERR_USAGE, "--format is text or json, not '%s'", format);
		goto out;
	}
	if (!as || !*as) {
		rc = err_set(e, ERR_USAGE, "give --as USER: an account holding the publish "
			     "capability");
		goto out;
	}
	if (threshold_s && (str_to_int(threshold_s, DIR_MIN_THRESHOLD, 1000, &threshold) < 0)) {
		rc = err_set(e, ERR_USAGE, "--threshold is a whole number from %d to 1000, not "
			     "'%s' (the public tables never show a count below %d)",
			     DIR_MIN_THRESHOLD, threshold_s, DIR_MIN_THRESHOLD);
		goto out;
	}
	if (on) {
		struct date d;
		if ((rc = date_parse_user(on, "--on", &d, e)) < 0)
			goto out;
		date_format(d, on_s);
	} else {
		date_day_at(mail_now(), on_s);
	}
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		goto out;
	if ((rc = web_account_get(db, as, &u, e)) >= 0 && !(u.caps & CAP_PUBLISH))
		rc = err_set(e, ERR_DATA, "%s does not hold the publish capability, which "
			     "releasing tables to the public pages needs (an account manager "
			     "grants it: parity user set %s --grant publish)", u.name, u.name);
	if (rc >= 0 && !dry) { /* releases far enough apart that two cannot be compared */
		store_stmt_t *st;
		if ((rc = store_prepare(db, &st, e,
					"SELECT on_date FROM dir_release ORDER BY on_date", "")) >= 0) {
			struct date want, have;
			date_parse_user(on_s, "--on", &want, e);
			while (rc >= 0 && (rc = store_step(st, e)) == 1) {
				long gap;
				if (date_parse_user(store_col_text(st, 0), "on_date", &have, e) < 0)
					continue;
				gap = date_to_days(want) - date_to_days(have);
				if (gap < 0)
					gap = -gap;
				if (gap < DIR_RELEASE_GAP) {
					rc = err_set(e, ERR_DATA, "the counts on %s were released already; "
						     "a new release must be at least %d days from every "
						     "earlier one, so that two cannot be compared to find "
						     "one person's change (--dry-run shows the counts "
						     "without releasing them)",
						     store_col_text(st, 0), DIR_RELEASE_GAP);
					break;
				}
			}
			store_done(st);
			if (rc == 0 || rc == 1)
				rc = 0;
		}
	}
	for (k = 0; rc >= 0 && k < 2; k++) {
		json_t *t;
		if ((rc = kind_table(db, rel_kinds[k], rel_titles[k], on_s, (int)threshold, &t, e)) >= 0)
			json_array_append_new(tables, t);
	}
	if (rc >= 0) {
		doc = json_pack("{s:s, s:i, s:O}", "on", on_s, "threshold", (int)threshold, "tables",
				tables);
		if (!dry) {
			char *body = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
			date_now_iso(at);
			rc = store_exec(db, e,
					"INSERT INTO dir_release (on_date, threshold, released_at,"
					" released_by, tables) VALUES (?, ?, ?, ?, ?)",
					"tittt", on_s, (int64_t)threshold, at, u.name, body);
			id = store_last_id(db);
			free(body);
			if (rc >= 0) {
				char who[80], target[40];
				snprintf(who, sizeof who, "cli:%s", u.name);
				snprintf(target, sizeof target, "directories %s", on_s);
				rc = store_exec(db, e,
						"INSERT INTO audit_log (at, who, address, what, target,"
						" before, after) VALUES (?, ?, '', 'directory.publish', ?,"
						" NULL, NULL)",
						"ttt", at, who, target);
			}
		}
	}
	if ((rc = store_finish(db, rc, e)) < 0)
		goto out;
	if (!strcmp(format, "json")) {
		char *s;
		if (!dry)
			json_object_set_new(doc, "release", json_integer(id));
		s = json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS);
		fprintf(ctx->out, "%s\n", s ? s : "{}");
		free(s);
	} else {
		if (dry)
			fprintf(ctx->out, "Not released (a dry run). ");
		else
			fprintf(ctx->out, "Released %lld: ", (long long)id);
		fprintf(ctx->out, "counts on %s by unit and type; [c]: withheld so that nobody "
				  "can be identified (counts from 1 to %ld, and others that would "
				  "reveal them)\n",
			on_s, threshold - 1);
		for (k = 0; k < 2; k++)
			table_text(ctx->out, json_array_get(tables, (size_t)k));
		if (!dry)
			fprintf(ctx->out, "Shown at /public/directories\n");
	}
	rc = 0;
out:
	json_decref(tables);
	json_decref(doc);
	return rc;
}

/* ---- GET /public/directories[?release=N] -----------------------------------------*/

static void words_of_type(const char *type, char out[64])
{
	size_t i;
	snprintf(out, 64, "%s", type);
	for (i = 0; out[i]; i++)
		if (out[i] == '-')
			out[i] = ' ';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

static void cell_html(struct web_resp *rs, json_t *v, int head)
{
	char n[32];
	if (json_is_integer(v)) {
		str_count(n, (long long)json_integer_value(v));
		web_printf(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric%s\">%s</td>",
			   head ? " parity-total" : "", n);
	} else {
		web_raw(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">[c]</td>");
	}
}

static void table_html(struct web_resp *rs, json_t *t, const char *on_words)
{
	json_t *units = json_object_get(t, "units"), *types = json_object_get(t, "types");
	json_t *counts = json_object_get(t, "counts");
	const char *title = json_string_value(json_object_get(t, "title"));
	size_t r, c;
	char w[64];
	web_printf(rs, "<h2 class=\"govuk-heading-m\">%s</h2>\n", title);
	if (!json_array_size(units)) {
		web_printf(rs, "<p class=\"govuk-body\">None on %s.</p>\n", on_words);
		return;
	}
	web_printf(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		       "aria-label=\"%s by unit and type\">\n<table class=\"govuk-table\">\n"
		       "<caption class=\"govuk-table__caption govuk-table__caption--s\">%s on %s, "
		       "by unit and type</caption>\n<thead class=\"govuk-table__head\"><tr "
		       "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">"
		       "Unit</th>",
		   title, title, on_words);
	for (c = 0; c < json_array_size(types); c++) {
		words_of_type(json_string_value(json_array_get(types, c)), w);
		web_printf(rs, "<th scope=\"col\" class=\"govuk-table__header "
			       "govuk-table__header--numeric\">%s</th>", w);
	}
	web_raw(rs, "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		    "All types</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (r = 0; r < json_array_size(units); r++) {
		web_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
			       "class=\"govuk-table__header\">%s</th>",
			   json_string_value(json_array_get(units, r)));
		for (c = 0; c < json_array_size(types); c++)
			cell_html(rs, json_array_get(json_array_get(counts, r), c), 0);
		cell_html(rs, json_array_get(json_object_get(t, "unit_totals"), r), 1);
		web_raw(rs, "</tr>\n");
	}
	web_raw(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">"
		    "All units</th>");
	for (c = 0; c < json_array_size(types); c++)
		cell_html(rs, json_array_get(json_object_get(t, "type_totals"), c), 1);
	cell_html(rs, json_object_get(t, "total"), 1);
	web_raw(rs, "</tr>\n</tbody>\n</table>\n</div>\n");
}

int dir_release_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *want = web_param(rq, "release");
	store_stmt_t *st;
	json_t *doc = NULL;
	struct buf earlier = BUF_INIT;
	long id = 0;
	int rc;
	char on_words[32] = "";
	if (want && str_to_int(want, 1, 2000000000L, &id) < 0)
		id = -1;
	if ((rc = store_prepare(rq->db, &st, e,
				"SELECT id, on_date, tables FROM dir_release ORDER BY on_date DESC",
				"")) < 0)
		return rc;
	/* the release asked for (else the latest), and the others to link */
	while ((rc = store_step(st, e)) == 1) {
		struct date d;
		struct err ig;
		char words[32];
		err_clear(&ig);
		if (date_parse_user(store_col_text(st, 1), "on", &d, &ig) < 0)
			continue;
		date_long(d, words);
		if (!doc && (id == 0 || id == store_col_int(st, 0))) {
			doc = json_loads(store_col_text(st, 2), 0, NULL);
			snprintf(on_words, sizeof on_words, "%s", words);
		} else {
			buf_printf(&earlier, "%lld\t%s\n", (long long)store_col_int(st, 0), words);
		}
	}
	store_done(st);
	if (rc < 0) {
		json_decref(doc);
		buf_free(&earlier);
		return rc;
	}
	web_page_begin(rq, rs, "Reasonable adjustments and flexible working", "public");
	web_raw(rs, "<a href=\"/public\" class=\"govuk-back-link\">Equality information</a>\n"
		    "<h1 class=\"govuk-heading-l\">Reasonable adjustments and flexible working"
		    "</h1>\n");
	if (!doc) {
		if (id) {
			rs->status = 404;
			web_raw(rs, "<p class=\"govuk-body\">There is no such release of these "
				    "counts.</p>\n");
		} else {
			web_raw(rs, "<p class=\"govuk-body\">No counts have been released yet.</p>\n");
		}
	} else {
		size_t k;
		web_printf(rs, "<p class=\"govuk-body\">How many reasonable adjustments and "
			       "flexible working arrangements were in place on %s, in each unit and "
			       "of each type. No one is named.</p>\n<p class=\"govuk-body\">[c] means "
			       "a count is withheld so that nobody can be identified: counts from 1 "
			       "to %lld, and others that would let them be worked out.</p>\n",
			   on_words,
			   (long long)json_integer_value(json_object_get(doc, "threshold")) - 1);
		for (k = 0; k < json_array_size(json_object_get(doc, "tables")); k++)
			table_html(rs, json_array_get(json_object_get(doc, "tables"), k), on_words);
	}
	if (earlier.len) {
		char *line = buf_take(&earlier), *p = line, *nl;
		web_raw(rs, "<h2 class=\"govuk-heading-m\">Other releases</h2>\n<ul class=\"govuk-list\">\n");
		for (; (nl = strchr(p, '\n')); p = nl + 1) {
			char *tab = strchr(p, '\t');
			*nl = '\0';
			*tab = '\0';
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"/public/directories?release=%s\">"
				       "Counts on %s</a></li>\n", p, tab + 1);
		}
		web_raw(rs, "</ul>\n");
		free(line);
	}
	web_raw(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/public/services\">"
		    "Services and support for staff</a></p>\n");
	json_decref(doc);
	buf_free(&earlier);
	web_page_end(rq, rs);
	return 0;
}
