/*
 * publish/cmd.c: the `parity publish` commands — tables (the draft, or
 * what was released), release, audit and list.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/cli.h"
#include "core/period.h"
#include "core/str.h"
#include "publish/internal.h"
#include "publish/publish.h"

/* Options every command that builds tables shares. */
struct popts {
	const char *dataset, *period, *threshold, *round, *aon, *small;
};
#define POPTS(p)                                                      \
	{"dataset", 0, CLI_STRING, &(p).dataset},                     \
	{"period", 0, CLI_STRING, &(p).period},                       \
	{"threshold", 0, CLI_STRING, &(p).threshold},                 \
	{"round", 0, CLI_STRING, &(p).round},                         \
	{"all-or-none", 0, CLI_STRING, &(p).aon},                     \
	{"small-group", 0, CLI_STRING, &(p).small}

/* Check the shared options: the dataset and period given, the period in
 * its canonical spelling into canon, the rules into *r. */
static int popts_read(const struct popts *p, char canon[PERIOD_TEXT], struct pub_rules *r,
		      struct err *e)
{
	struct period pp;
	long v;
	pub_rules_default(r);
	if (!p->dataset)
		return err_set(e, ERR_USAGE, "give --dataset NAME (see 'parity data list')");
	if (!p->period)
		return err_set(e, ERR_USAGE, "give --period P: a quarter (2011Q3) or a year "
			       "(2011, FY2011-12) that adds up its imported periods");
	if (period_parse(p->period, &pp, e) < 0) {
		err_prefix(e, "--period");
		return ERR_USAGE;
	}
	snprintf(canon, PERIOD_TEXT, "%s", pp.text);
	if (p->threshold) {
		if (str_to_int(p->threshold, 2, 1000, &v) < 0)
			return err_set(e, ERR_USAGE, "--threshold takes a whole number from 2 to "
				       "1000 (counts below it are suppressed); got '%s'",
				       p->threshold);
		r->threshold = (int)v;
	}
	if (p->round) {
		if (str_to_int(p->round, 0, 1000, &v) < 0 || v == 1)
			return err_set(e, ERR_USAGE, "--round takes 0 (no rounding) or the base to "
				       "round to, such as 5; got '%s'", p->round);
		r->rounding = (int)v;
	}
	if (p->aon && pub_aon_parse(p->aon, &r->all_or_none, e) < 0) {
		err_prefix(e, "--all-or-none");
		return ERR_USAGE;
	}
	if (p->small) {
		if (str_to_int(p->small, 0, 100000, &v) < 0)
			return err_set(e, ERR_USAGE, "--small-group takes a whole number of people "
				       "(0 or more); got '%s'", p->small);
		r->small_group = (int)v;
	}
	return 0;
}

static int blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return !*s;
}

static int open_db(struct cli_ctx *ctx, store_t **db, struct err *e)
{
	return store_open(store_default_path(ctx->db_path), db, e);
}

/* Words of one cell, for messages and the audit. */
static void cell_words(const struct pub_tables *t, const struct pub_cell *x, struct buf *b)
{
	buf_printf(b, "%s, %s %s, %s %s", t->units[x->unit], t->char_name[x->ch],
		   x->group == PUB_ALL ? "All" : t->groups[x->ch][x->group], t->outcome[x->outcome],
		   x->measure == PUB_NUMERATOR ? "numerator" : "denominator");
}

static int write_tables(struct cli_ctx *ctx, const struct pub_tables *t, const char *format,
			const char *out, struct err *e)
{
	struct buf b = BUF_INIT;
	int rc = 0;
	if (!format) {
		const char *dot = out ? strrchr(out, '.') : NULL;
		format = dot && (!strcmp(dot, ".csv") || !strcmp(dot, ".xlsx") ||
				 !strcmp(dot, ".html"))
				 ? dot + 1
				 : "json";
	}
	if (!strcmp(format, "xlsx")) {
		if (!out || !strcmp(out, "-"))
			return err_set(e, ERR_USAGE, "a workbook is a file: give -o FILE.xlsx");
		if ((rc = pub_xlsx(t, out, e)) == 0)
			fprintf(ctx->out, "wrote %s\n", out);
		return rc;
	}
	if (!strcmp(format, "json"))
		pub_json(t, &b);
	else if (!strcmp(format, "csv"))
		pub_csv(t, &b);
	else if (!strcmp(format, "html"))
		pub_html_page(t, &b);
	else
		return err_set(e, ERR_USAGE, "unknown format '%s'; use json, csv, xlsx or html",
			       format);
	if (b.failed)
		rc = err_set(e, ERR_DATA, "the tables are too large to write");
	else
		rc = cli_write_out(ctx, out, buf_str(&b), b.len, e);
	buf_free(&b);
	return rc;
}

static int tables_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	struct popts p = {0};
	const char *format = NULL, *out = NULL, *pos[1];
	struct cli_opt opts[] = {
		POPTS(p),
		{"format", 0, CLI_STRING, &format},
		{"output", 'o', CLI_STRING, &out},
		{NULL, 0, 0, NULL},
	};
	struct pub_rules r;
	struct pub_tables t;
	char canon[PERIOD_TEXT];
	store_t *db = NULL;
	int n_pos, rc, found = 0;

	memset(&t, 0, sizeof t);
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = popts_read(&p, canon, &r, e)) < 0)
		return rc;
	if ((rc = open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = pub_load(db, p.dataset, canon, &t, &found, e)) == 0 && found &&
	    (p.threshold || p.round || p.aon || p.small))
		fprintf(ctx->warn, "parity: warning: %s %s was released; these are the released "
			"tables, under the rules they were released with (the rules given are "
			"not used)\n", p.dataset, canon);
	if (rc == 0 && !found)
		rc = pub_draft(db, p.dataset, canon, &r, 0, &t, NULL, NULL, e);
	store_close(db);
	if (rc == 0)
		rc = write_tables(ctx, &t, format, out, e);
	pub_tables_free(&t);
	return rc;
}

static int release_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	struct popts p = {0};
	const char *reason = NULL, *as = NULL, *format = "text", *pos[1];
	int replace = 0;
	struct cli_opt opts[] = {
		POPTS(p),
		{"replace", 0, CLI_FLAG, &replace},
		{"reason", 0, CLI_STRING, &reason},
		{"as", 0, CLI_STRING, &as},
		{"format", 0, CLI_STRING, &format},
		{NULL, 0, 0, NULL},
	};
	struct pub_rules r;
	struct pub_tables t, old;
	char canon[PERIOD_TEXT];
	store_t *db = NULL;
	int64_t id = 0;
	int n_pos, rc, found = 0;

	memset(&t, 0, sizeof t);
	memset(&old, 0, sizeof old);
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = popts_read(&p, canon, &r, e)) < 0)
		return rc;
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "unknown format '%s'; use text or json", format);
	if (reason && !replace)
		return err_set(e, ERR_USAGE, "--reason goes with --replace (replacing a release)");
	if (replace && (!reason || blank(reason)))
		return err_set(e, ERR_USAGE, "say why the release is replaced: --reason TEXT");
	if ((rc = open_db(ctx, &db, e)) < 0)
		return rc;
	if ((rc = store_begin(db, e)) < 0)
		goto done;
	if ((rc = pub_load(db, p.dataset, canon, &old, &found, e)) < 0)
		goto done;
	if (found && !replace) {
		rc = pub_release(db, &old, cli_author(as), 0, NULL, &id, e); /* says why not */
		goto done;
	}
	if (!found && replace) {
		rc = err_set(e, ERR_NOTFOUND, "%s %s has not been released, so there is nothing to "
			     "replace; leave out --replace", p.dataset, canon);
		goto done;
	}
	if ((rc = pub_draft(db, p.dataset, canon, &r, replace, &t, NULL, NULL, e)) < 0 ||
	    (rc = pub_release(db, &t, cli_author(as), replace, reason, &id, e)) < 0 ||
	    (rc = store_commit(db, e)) < 0)
		goto done;
	if (!strcmp(format, "json")) {
		json_t *o = json_pack("{s:I,s:s,s:s,s:I,s:I,s:I,s:b}", "id", (json_int_t)id,
				      "dataset", p.dataset, "period", canon, "cells",
				      (json_int_t)t.n_cells, "primary", (json_int_t)t.n_primary,
				      "secondary", (json_int_t)t.n_secondary, "replaced", found);
		char *s = json_dumps(o, JSON_COMPACT);
		fprintf(ctx->out, "%s\n", s ? s : "{}");
		free(s);
		json_decref(o);
	} else {
		char words[PERIOD_WORDS];
		period_words(canon, words);
		fprintf(ctx->out, "released %s, %s (%s): %zu cells, %zu suppressed as small, %zu "
			"more to protect them%s\n", p.dataset, canon, words, t.n_cells, t.n_primary,
			t.n_secondary, found ? "; the earlier release is replaced" : "");
	}
done:
	if (rc < 0)
		store_rollback(db);
	store_close(db);
	pub_tables_free(&t);
	pub_tables_free(&old);
	return rc;
}

static int audit_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	struct popts p = {0};
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {
		POPTS(p),
		{"format", 0, CLI_STRING, &format},
		{NULL, 0, 0, NULL},
	};
	struct pub_rules r;
	struct pub_tables t;
	struct pub_bound *bd = NULL;
	size_t n_bd = 0, i, pinned = 0;
	char canon[PERIOD_TEXT];
	store_t *db = NULL;
	json_t *arr = NULL;
	int n_pos, rc, found = 0;

	memset(&t, 0, sizeof t);
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = popts_read(&p, canon, &r, e)) < 0)
		return rc;
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "unknown format '%s'; use text or json", format);
	if ((rc = open_db(ctx, &db, e)) < 0)
		return rc;
	{
		struct pub_tables probe;
		if ((rc = pub_load(db, p.dataset, canon, &probe, &found, e)) == 0)
			pub_tables_free(&probe);
	}
	if (rc == 0)
		rc = found ? pub_audit_release(db, p.dataset, canon, &t, &bd, &n_bd, e)
			   : pub_draft(db, p.dataset, canon, &r, 0, &t, &bd, &n_bd, e);
	store_close(db);
	if (rc < 0)
		goto done;
	if (!strcmp(format, "json"))
		arr = json_array();
	else
		fprintf(ctx->out, "%s %s (%s): %zu cells, %zu suppressed; what someone holding every "
			"release can work out of each suppressed cell:\n", p.dataset, canon,
			found ? "released" : "draft, not released", t.n_cells, t.n_primary + t.n_secondary);
	for (i = 0; i < n_bd; i++) {
		const struct pub_cell *x = &t.cells[bd[i].cell];
		struct buf w = BUF_INIT;
		int pin = bd[i].lo == bd[i].hi && x->status == PUB_PRIMARY;
		pinned += pin;
		cell_words(&t, x, &w);
		if (arr) {
			json_t *o = json_object();
			json_object_set_new(o, "unit", json_string(t.units[x->unit]));
			json_object_set_new(o, "characteristic", json_string(t.char_name[x->ch]));
			json_object_set_new(o, "group", json_string(x->group == PUB_ALL
									? "All"
									: t.groups[x->ch][x->group]));
			json_object_set_new(o, "outcome", json_string(t.outcome[x->outcome]));
			json_object_set_new(o, "measure", json_string(x->measure == PUB_NUMERATOR
									  ? "numerator"
									  : "denominator"));
			json_object_set_new(o, "status", json_string(x->status == PUB_PRIMARY
									 ? "primary"
									 : "secondary"));
			json_object_set_new(o, "low", json_integer(bd[i].lo));
			json_object_set_new(o, "high", bd[i].hi == INT64_MAX ? json_null()
									    : json_integer(bd[i].hi));
			json_array_append_new(arr, o);
		} else if (bd[i].hi == INT64_MAX) {
			fprintf(ctx->out, "  %s (%s): %lld or more%s\n", buf_str(&w),
				x->status == PUB_PRIMARY ? "primary" : "secondary",
				(long long)bd[i].lo, pin ? "  PINNED" : "");
		} else {
			fprintf(ctx->out, "  %s (%s): between %lld and %lld%s\n", buf_str(&w),
				x->status == PUB_PRIMARY ? "primary" : "secondary",
				(long long)bd[i].lo, (long long)bd[i].hi, pin ? "  PINNED" : "");
		}
		buf_free(&w);
	}
	if (arr) {
		json_t *o = json_pack("{s:s,s:s,s:b,s:o,s:i}", "dataset", p.dataset, "period", canon,
				      "released", found, "cells", arr, "pinned", (json_int_t)pinned);
		char *s = json_dumps(o, JSON_INDENT(2));
		fprintf(ctx->out, "%s\n", s ? s : "");
		free(s);
		json_decref(o);
	} else if (!n_bd) {
		fputs("  nothing is suppressed\n", ctx->out);
	}
	if (pinned)
		rc = err_set(e, ERR_DATA, "%zu suppressed cell%s can be worked out exactly; replace "
			     "the release (publish release --replace) with more protection",
			     pinned, pinned == 1 ? "" : "s");
done:
	free(bd);
	pub_tables_free(&t);
	return rc;
}

static int list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {
		{"format", 0, CLI_STRING, &format},
		{NULL, 0, 0, NULL},
	};
	struct pub_release_row *rows = NULL;
	size_t n = 0, i;
	store_t *db = NULL;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "unknown format '%s'; use text or json", format);
	if ((rc = open_db(ctx, &db, e)) < 0)
		return rc;
	rc = pub_list(db, &rows, &n, e);
	store_close(db);
	if (rc < 0)
		goto done;
	if (!strcmp(format, "json")) {
		json_t *a = json_array();
		char *s;
		for (i = 0; i < n; i++)
			json_array_append_new(
				a, json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:I,s:b}", "id",
					     (json_int_t)rows[i].id, "dataset", rows[i].dataset,
					     "period", rows[i].period, "released_at",
					     rows[i].released_at, "released_by", rows[i].released_by,
					     "cells", (json_int_t)rows[i].cells, "suppressed",
					     (json_int_t)rows[i].suppressed, "replaced", rows[i].replaced));
		s = json_dumps(a, JSON_INDENT(2));
		fprintf(ctx->out, "%s\n", s ? s : "[]");
		free(s);
		json_decref(a);
	} else if (!n) {
		fputs("nothing released yet; see 'parity help publish release'\n", ctx->out);
	} else {
		for (i = 0; i < n; i++)
			fprintf(ctx->out, "%-16s %-10s released %.10s by %s: %lld cells, %lld "
				"suppressed%s\n", rows[i].dataset, rows[i].period, rows[i].released_at,
				rows[i].released_by, (long long)rows[i].cells,
				(long long)rows[i].suppressed, rows[i].replaced ? " (a replacement)" : "");
	}
done:
	free(rows);
	return rc;
}

#define RULES_USAGE                                                                      \
	"                  [--threshold N] [--round N] [--all-or-none off|all|both]\n"    \
	"                  [--small-group N]\n"

const struct cli_command publish_commands[] = {
	{"publish audit", audit_cmd, "what an attacker can work out of each suppressed cell",
	 "usage: parity publish audit --dataset D --period P [--format text|json]\n" RULES_USAGE
	 "\n"
	 "For every suppressed cell of the release of P (or of the draft, when P is\n"
	 "not released yet), the range of values someone holding every release of\n"
	 "the dataset can prove it lies in (linear programming; docs/publication.md).\n"
	 "Exits 1 when a primary cell is pinned to one value. Example:\n"
	 "  parity publish audit --dataset service-users --period 2011\n"},
	{"publish list", list_cmd, "the releases made so far",
	 "usage: parity publish list [--format text|json]\n"},
	{"publish release", release_cmd, "freeze and publish the tables of a period",
	 "usage: parity publish release --dataset D --period P [--as NAME]\n" RULES_USAGE
	 "                  [--replace --reason TEXT] [--format text|json]\n"
	 "\n"
	 "Protects the tables of P (a quarter, or a year adding up its imported\n"
	 "periods) against every earlier and later release of the dataset, and\n"
	 "stores what is published with the rules used. A period is released once;\n"
	 "--replace --reason TEXT replaces its release. Counts from 1 to threshold-1\n"
	 "(default 10) are suppressed; --round 5 rounds the others to 5 (the ONS\n"
	 "10-5 rule); --all-or-none (default all) also suppresses a count of\n"
	 "everyone (all) or of everyone and no one (both) in groups smaller than\n"
	 "--small-group (default 20). Example:\n"
	 "  parity publish release --dataset service-users --period 2011Q3\n"},
	{"publish tables", tables_cmd, "the published tables of a period (or the draft)",
	 "usage: parity publish tables --dataset D --period P\n"
	 "                  [--format json|csv|xlsx|html] [-o FILE]\n" RULES_USAGE
	 "\n"
	 "The tables released for P, or, when P is not released yet, the draft that\n"
	 "'publish release' would publish under the rules given. A suppressed cell\n"
	 "is null in JSON and [c] elsewhere; its count is in no output. Example:\n"
	 "  parity publish tables --dataset service-users --period 2011Q3 --format csv\n"},
	{NULL, NULL, NULL, NULL},
};

/* publish_room itself is in publish/web.c, with the pages. */
