/*
 * plan/objective_cmd.c: the `parity objective` commands — equality
 * objectives with measurable targets (docs/objectives.md). Each command
 * parses its options, opens one transaction (or reads), calls the model
 * (plan/objective.h) and writes the audit entry with it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/cli.h"
#include "core/period.h"
#include "core/str.h"
#include "plan/objective.h"
#include "store/store.h"

static int format_ok(const char *format, struct err *e)
{
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "--format takes text or json, not '%s'", format);
	return 0;
}

static int id_of(const char *s, const char *what, int64_t *id, struct err *e)
{
	long v;
	if (str_to_int(s, 1, 1000000000L, &v) < 0)
		return err_set(e, ERR_USAGE, "'%s' is not %s number (see 'parity objective list')",
			       s, what);
	*id = v;
	return 0;
}

/* The first positional as an objective's number. */
static int objective_arg(const char *const *pos, int n_pos, const char *usage, int64_t *id,
			 struct err *e)
{
	if (n_pos < 1)
		return err_set(e, ERR_USAGE, "give the objective's number: %s", usage);
	return id_of(pos[0], "an objective", id, e);
}

/* Repeated --duty / --area values as numbers into out (32 at most). */
static int numbers(const struct cli_multi *m, const char *opt, int *out, struct err *e)
{
	int i;
	for (i = 0; i < m->n_values; i++) {
		long v;
		if (str_to_int(m->values[i], 1, 1000000L, &v) < 0)
			return err_set(e, ERR_USAGE, "--%s takes a number, not '%s'", opt,
				       m->values[i]);
		out[i] = (int)v;
	}
	return 0;
}

static int audit(store_t *db, const char *author, const char *what, int64_t id,
		 const char *after, struct err *e)
{
	char at[21], target[40], who[300];
	date_now_iso(at);
	snprintf(target, sizeof target, "objective %lld", (long long)id);
	snprintf(who, sizeof who, "cli:%s", author);
	return store_exec(db, e,
			  "INSERT INTO audit_log (at, who, address, what, target, before, after)"
			  " VALUES (?, ?, '', ?, ?, NULL, ?)",
			  "ttttt", at, who, what, target, after);
}

static void print_json(struct cli_ctx *ctx, json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	if (s)
		fprintf(ctx->out, "%s\n", s);
	free(s);
}

/* ---- add, update, retire, link, publish --------------------------------- */

struct fields_opts {
	struct cli_multi duty, area;
	int duties[32], areas[32];
};

static int fields_from(struct fields_opts *fo, struct objective_fields *f, struct err *e)
{
	int rc;
	if ((rc = numbers(&fo->duty, "duty", fo->duties, e)) < 0 ||
	    (rc = numbers(&fo->area, "area", fo->areas, e)) < 0)
		return rc;
	if (fo->duty.n_values) {
		f->duties = fo->duties;
		f->n_duties = (size_t)fo->duty.n_values;
		f->set_duties = 1;
	}
	if (fo->area.n_values) {
		f->areas = fo->areas;
		f->n_areas = (size_t)fo->area.n_values;
		f->set_areas = 1;
	}
	return 0;
}

static int add_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *as = NULL, *pos[1];
	struct objective_fields f = {0};
	struct fields_opts fo = {0};
	struct cli_opt opts[] = {{"by", 0, CLI_STRING, &f.by},
				 {"duty", 0, CLI_MULTI, &fo.duty},
				 {"area", 0, CLI_MULTI, &fo.area},
				 {"plan", 0, CLI_STRING, &f.plan},
				 {"description", 0, CLI_STRING, &f.description},
				 {"owner", 0, CLI_STRING, &f.owner},
				 {"review", 0, CLI_STRING, &f.review},
				 {"format", 0, CLI_STRING, &format},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	store_t *db;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0 || (rc = fields_from(&fo, &f, e)) < 0)
		return rc;
	f.title = n_pos ? pos[0] : NULL;
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = objective_create(db, &f, cli_author(as), &id, e);
	if (rc >= 0)
		rc = audit(db, cli_author(as), "objective.add", id, f.title, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	if (!strcmp(format, "json"))
		fprintf(ctx->out, "{\"id\": %lld}\n", (long long)id);
	else
		fprintf(ctx->out, "added objective %lld: %s\n", (long long)id, f.title);
	return 0;
}

static int update_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *pos[1];
	struct objective_fields f = {0};
	struct fields_opts fo = {0};
	struct cli_opt opts[] = {{"title", 0, CLI_STRING, &f.title},
				 {"by", 0, CLI_STRING, &f.by},
				 {"duty", 0, CLI_MULTI, &fo.duty},
				 {"area", 0, CLI_MULTI, &fo.area},
				 {"plan", 0, CLI_STRING, &f.plan},
				 {"description", 0, CLI_STRING, &f.description},
				 {"owner", 0, CLI_STRING, &f.owner},
				 {"review", 0, CLI_STRING, &f.review},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	store_t *db;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = objective_arg(pos, n_pos, "parity objective update ID [--title T] [--by DATE] ...",
				&id, e)) < 0 ||
	    (rc = fields_from(&fo, &f, e)) < 0)
		return rc;
	if (!f.title && !f.by && !f.description && !f.owner && !f.review && !f.set_duties &&
	    !f.set_areas)
		return err_set(e, ERR_USAGE, "say what to change: --title, --by, --description, "
			       "--owner, --review, --duty or --area");
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = objective_update(db, id, &f, cli_author(as), e);
	if (rc >= 0)
		rc = audit(db, cli_author(as), "objective.update", id, NULL, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "updated objective %lld\n", (long long)id);
	return 0;
}

static int retire_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *reason = NULL, *pos[1];
	struct cli_opt opts[] = {{"reason", 0, CLI_STRING, &reason},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	store_t *db;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = objective_arg(pos, n_pos, "parity objective retire ID --reason TEXT", &id,
				e)) < 0)
		return rc;
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = objective_retire(db, id, reason, cli_author(as), e);
	if (rc >= 0)
		rc = audit(db, cli_author(as), "objective.retire", id, reason, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "retired objective %lld\n", (long long)id);
	return 0;
}

static int link_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *action = NULL, *eia = NULL, *plan = NULL, *pos[1];
	int remove = 0;
	struct cli_opt opts[] = {{"action", 0, CLI_STRING, &action},
				 {"eia", 0, CLI_STRING, &eia},
				 {"plan", 0, CLI_STRING, &plan},
				 {"remove", 0, CLI_FLAG, &remove},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	store_t *db;
	int64_t id = 0, eia_id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = objective_arg(pos, n_pos, "parity objective link ID (--action ID | --eia N)",
				&id, e)) < 0)
		return rc;
	if (!action == !eia)
		return err_set(e, ERR_USAGE, "give one of --action ID (an action of the plan) or "
			       "--eia N (an impact assessment)");
	if (eia && (rc = id_of(eia, "an impact assessment's", &eia_id, e)) < 0)
		return rc;
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = action ? objective_link_action(db, id, plan, action, remove, e)
		    : objective_link_eia(db, id, eia_id, remove, e);
	if (rc >= 0)
		rc = audit(db, cli_author(as), remove ? "objective.unlink" : "objective.link", id,
			   action ? action : eia, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	if (action)
		fprintf(ctx->out, "%s action %s %s objective %lld\n", remove ? "unlinked" : "linked",
			action, remove ? "from" : "to", (long long)id);
	else
		fprintf(ctx->out, "%s impact assessment %lld %s objective %lld\n",
			remove ? "unlinked" : "linked", (long long)eia_id, remove ? "from" : "to",
			(long long)id);
	return 0;
}

static int publish_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *on = NULL, *pos[1];
	struct cli_opt opts[] = {{"on", 0, CLI_STRING, &on},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	char day[11], next[11], words[32];
	struct date d;
	store_t *db;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if (!on)
		date_format(objective_today(), day);
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = objective_publication_add(db, on ? on : day, cli_author(as), e);
	if (rc >= 0)
		rc = objective_publication_get(db, day, next, e);
	if (rc >= 0) { /* the audit log shows its entries as they are: in words */
		char on_words[32];
		date_parse_user(day, "on", &d, NULL);
		date_long(d, on_words);
		rc = audit(db, cli_author(as), "objective.publish", 0, on_words, e);
	}
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	date_parse_user(next, "next", &d, NULL);
	date_long(d, words);
	fprintf(ctx->out, "objectives published on %s; the next set is due by %s\n", day, words);
	return 0;
}

/* ---- measures ----------------------------------------------------------- */

/* "CHAR=GROUP" of opt into char and group (pointing into buf). */
static int char_group(const char *arg, const char *opt, char *buf, size_t n, const char **ch,
		      const char **group, struct err *e)
{
	char *eq;
	snprintf(buf, n, "%s", arg);
	eq = strchr(buf, '=');
	if (!eq || eq == buf || !eq[1])
		return err_set(e, ERR_USAGE, "%s takes CHARACTERISTIC=GROUP, such as "
			       "ethnicity=Black, not '%s'", opt, arg);
	*eq = '\0';
	*ch = buf;
	*group = eq + 1;
	return 0;
}

/* A target: a number, perhaps ending in %. */
static int target_of(const char *s, const char *opt, double *out, struct err *e)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || (*end && strcmp(end, "%")) || !isfinite(v))
		return err_set(e, ERR_USAGE, "%s takes a number (a percentage such as 12 or 12.5, "
			       "or a relative rate such as 0.8), not '%s'", opt, s);
	*out = v;
	return 0;
}

static const char *const measure_usage =
	"parity objective measure ID --dataset D (--share CHAR=GROUP | --rate OUTCOME --of "
	"CHAR=GROUP | --ratio OUTCOME --of CHAR=GROUP | --completeness CHAR | --pay-gap "
	"sex|ethnicity --mean|--median) [--where COLUMN=V1,V2...] (--at-least X | --at-most X) "
	"[--label TEXT]";

static int measure_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *as = NULL, *dataset = NULL, *share = NULL, *rate = NULL;
	const char *ratio = NULL, *of = NULL, *completeness = NULL, *pay_gap = NULL;
	const char *where = NULL, *at_least = NULL, *at_most = NULL, *label = NULL;
	const char *remove = NULL, *pos[1], *wv[32];
	int mean = 0, median = 0, kinds, n_pos, rc;
	struct cli_opt opts[] = {{"dataset", 0, CLI_STRING, &dataset},
				 {"share", 0, CLI_STRING, &share},
				 {"rate", 0, CLI_STRING, &rate},
				 {"ratio", 0, CLI_STRING, &ratio},
				 {"of", 0, CLI_STRING, &of},
				 {"completeness", 0, CLI_STRING, &completeness},
				 {"pay-gap", 0, CLI_STRING, &pay_gap},
				 {"mean", 0, CLI_FLAG, &mean},
				 {"median", 0, CLI_FLAG, &median},
				 {"where", 0, CLI_STRING, &where},
				 {"at-least", 0, CLI_STRING, &at_least},
				 {"at-most", 0, CLI_STRING, &at_most},
				 {"label", 0, CLI_STRING, &label},
				 {"remove", 0, CLI_STRING, &remove},
				 {"format", 0, CLI_STRING, &format},
				 {"as", 0, CLI_STRING, &as},
				 {NULL, 0, 0, NULL}};
	struct objective_measure_spec sp;
	char cg[256], wbuf[1024];
	store_t *db;
	int64_t id = 0, mid = 0;

	memset(&sp, 0, sizeof sp);
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0 ||
	    (rc = objective_arg(pos, n_pos, measure_usage, &id, e)) < 0)
		return rc;
	if (remove) {
		if ((rc = id_of(remove, "a measure's", &mid, e)) < 0 ||
		    (rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
			return rc;
		rc = objective_measure_remove(db, id, mid, e);
		if (rc >= 0)
			rc = audit(db, cli_author(as), "objective.measure.remove", id, remove, e);
		if ((rc = store_finish(db, rc, e)) < 0)
			return rc;
		fprintf(ctx->out, "removed measure %lld of objective %lld\n", (long long)mid,
			(long long)id);
		return 0;
	}
	kinds = !!share + !!rate + !!ratio + !!completeness + !!pay_gap;
	if (kinds != 1)
		return err_set(e, ERR_USAGE, "give one of --share, --rate, --ratio, --completeness "
			       "or --pay-gap: %s", measure_usage);
	if (!dataset)
		return err_set(e, ERR_USAGE, "give --dataset D: the monitoring dataset the measure "
			       "is computed from (see 'parity data list')");
	if (!at_least == !at_most)
		return err_set(e, ERR_USAGE, "give one target: --at-least X or --at-most X");
	if ((rc = target_of(at_least ? at_least : at_most, at_least ? "--at-least" : "--at-most",
			    &sp.target, e)) < 0)
		return rc;
	sp.at_least = !!at_least;
	sp.label = label;
	sp.m.dataset = dataset;
	if (share) {
		sp.m.kind = MONITOR_SHARE;
		if ((rc = char_group(share, "--share", cg, sizeof cg, &sp.m.characteristic,
				     &sp.m.group, e)) < 0)
			return rc;
	} else if (rate || ratio) {
		sp.m.kind = rate ? MONITOR_RATE : MONITOR_RATIO;
		sp.m.outcome = rate ? rate : ratio;
		if (!of)
			return err_set(e, ERR_USAGE, "%s needs --of CHARACTERISTIC=GROUP (whose rate)",
				       rate ? "--rate" : "--ratio");
		if ((rc = char_group(of, "--of", cg, sizeof cg, &sp.m.characteristic, &sp.m.group,
				     e)) < 0)
			return rc;
	} else if (completeness) {
		sp.m.kind = MONITOR_COMPLETENESS;
		sp.m.characteristic = completeness;
	} else {
		sp.m.kind = MONITOR_PAY_GAP;
		if (strcmp(pay_gap, "sex") && strcmp(pay_gap, "ethnicity"))
			return err_set(e, ERR_USAGE, "--pay-gap takes sex or ethnicity, not '%s'",
				       pay_gap);
		if (mean == median)
			return err_set(e, ERR_USAGE, "--pay-gap needs one of --mean or --median");
		sp.m.characteristic = pay_gap;
		sp.m.median = median;
		if (of && (rc = char_group(of, "--of", cg, sizeof cg, &sp.m.characteristic,
					   &sp.m.group, e)) < 0)
			return rc;
		if (of && strcmp(sp.m.characteristic, pay_gap))
			return err_set(e, ERR_USAGE, "--of names a group of %s for --pay-gap %s",
				       pay_gap, pay_gap);
	}
	if (!share && !rate && !ratio && !pay_gap && of)
		return err_set(e, ERR_USAGE, "--of goes with --rate, --ratio or --pay-gap");
	if ((mean || median) && !pay_gap)
		return err_set(e, ERR_USAGE, "--mean and --median go with --pay-gap");
	if (where) {
		char *eq, *p;
		size_t n = 0;
		snprintf(wbuf, sizeof wbuf, "%s", where);
		eq = strchr(wbuf, '=');
		if (!eq || eq == wbuf || !eq[1])
			return err_set(e, ERR_USAGE, "--where takes COLUMN=VALUE1,VALUE2..., such as "
				       "grade=SPO,ACO, not '%s'", where);
		*eq = '\0';
		for (p = eq + 1; p && n < 32;) {
			char *comma = strchr(p, ',');
			if (comma)
				*comma = '\0';
			p = str_trim(p);
			if (*p)
				wv[n++] = p;
			p = comma ? comma + 1 : NULL;
		}
		if (p)
			return err_set(e, ERR_USAGE, "--where takes at most 32 values");
		if (!n)
			return err_set(e, ERR_USAGE, "--where: give the values to keep after '='");
		sp.m.where_column = str_trim(wbuf);
		sp.m.where_values = wv;
		sp.m.n_where = n;
	}
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = objective_measure_add(db, id, &sp, cli_author(as), &mid, e);
	if (rc >= 0)
		rc = audit(db, cli_author(as), "objective.measure", id, dataset, e);
	if (rc >= 0) /* a measure off track at once raises its flag at once */
		rc = objective_check(db, objective_today(), cli_author(as), NULL, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	if (!strcmp(format, "json"))
		fprintf(ctx->out, "{\"id\": %lld}\n", (long long)mid);
	else
		fprintf(ctx->out, "added measure %lld to objective %lld\n", (long long)mid,
			(long long)id);
	return 0;
}

/* ---- list, show, check --------------------------------------------------- */

/* A value for the text output: "12.3%" or "0.84", "-" when none. */
static void value_text(double v, const char *unit, char out[32])
{
	if (!isfinite(v))
		snprintf(out, 32, "-");
	else if (*unit)
		snprintf(out, 32, "%.1f%s", v, unit);
	else
		snprintf(out, 32, "%.2f", v);
}

static void measure_text(struct cli_ctx *ctx, const json_t *m)
{
	const json_t *vals = json_object_get(m, "values"), *last = NULL, *pr;
	const char *unit = objective_js(m, "unit");
	char v[32], lo[32], hi[32], t[32];
	size_t n = json_array_size(vals);
	if (n)
		last = json_array_get(vals, n - 1);
	value_text(objective_jd(m, "target"), unit, t);
	fprintf(ctx->out, "  measure %lld: %s\n    target %s %s; status %s\n",
		(long long)objective_ji(m, "id"), objective_js(m, "label"),
		strcmp(objective_js(m, "direction"), "at-least") ? "at most" : "at least", t,
		objective_js(m, "status"));
	if (last) {
		value_text(objective_jd(last, "value"), unit, v);
		value_text(objective_jd(last, "low"), unit, lo);
		value_text(objective_jd(last, "high"), unit, hi);
		if (isfinite(objective_jd(last, "low")))
			fprintf(ctx->out, "    latest %s: %s (95%% interval %s to %s)\n",
				objective_js(last, "period"), v, lo, hi);
		else /* a median pay gap, a value not defined */
			fprintf(ctx->out, "    latest %s: %s\n", objective_js(last, "period"), v);
	}
	pr = json_object_get(m, "projection");
	if (isfinite(objective_jd(pr, "value"))) {
		value_text(objective_jd(pr, "value"), unit, v);
		value_text(objective_jd(pr, "low"), unit, lo);
		value_text(objective_jd(pr, "high"), unit, hi);
		fprintf(ctx->out, "    trend at the deadline: %s (95%% interval %s to %s)\n", v, lo,
			hi);
	}
	if (*objective_js(m, "problem"))
		fprintf(ctx->out, "    no values: %s\n", objective_js(m, "problem"));
}

static void objective_text(struct cli_ctx *ctx, const json_t *o, int full)
{
	const json_t *ms = json_object_get(o, "measures"), *m, *x;
	size_t i;
	fprintf(ctx->out, "%lld  %-10s by %s  %s%s\n", (long long)objective_ji(o, "id"),
		objective_js(o, "status"), objective_js(o, "by"), objective_js(o, "title"),
		*objective_js(o, "retired_at") ? " (retired)" : "");
	if (full) {
		if (*objective_js(o, "description"))
			fprintf(ctx->out, "  %s\n", objective_js(o, "description"));
		if (*objective_js(o, "owner"))
			fprintf(ctx->out, "  owner: %s\n", objective_js(o, "owner_name"));
		if (*objective_js(o, "review_date"))
			fprintf(ctx->out, "  review: %s\n", objective_js(o, "review_date"));
		if (json_array_size(json_object_get(o, "duties"))) {
			fprintf(ctx->out, "  duties:");
			json_array_foreach(json_object_get(o, "duties"), i, x)
				fprintf(ctx->out, " %lld", (long long)json_integer_value(x));
			fprintf(ctx->out, "\n");
		}
		json_array_foreach(json_object_get(o, "areas"), i, x)
			fprintf(ctx->out, "  area %lld: %s\n", (long long)objective_ji(x, "no"),
				objective_js(x, "title"));
		json_array_foreach(json_object_get(o, "actions"), i, x)
			fprintf(ctx->out, "  action %s (%s%s): %s\n", objective_js(x, "code"),
				objective_js(x, "status"),
				json_is_true(json_object_get(x, "overdue")) ? ", overdue" : "",
				objective_js(x, "text"));
		json_array_foreach(json_object_get(o, "eias"), i, x)
			fprintf(ctx->out, "  impact assessment %lld: %s\n",
				(long long)objective_ji(x, "id"), objective_js(x, "title"));
		if (*objective_js(o, "retired_at"))
			fprintf(ctx->out, "  retired %s: %s\n", objective_js(o, "retired_at"),
				objective_js(o, "retired_why"));
	}
	json_array_foreach(ms, i, m)
		measure_text(ctx, m);
}

static int list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	int all = 0, n_pos, rc;
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format},
				 {"all", 0, CLI_FLAG, &all},
				 {NULL, 0, 0, NULL}};
	json_t *arr = NULL, *o;
	store_t *db;
	size_t i;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0 ||
	    (rc = store_open(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = objective_load_all(db, all, objective_today(), &arr, e);
	store_close(db);
	if (rc < 0)
		return rc;
	if (!strcmp(format, "json"))
		print_json(ctx, arr);
	else if (!json_array_size(arr))
		fprintf(ctx->out, "no objectives yet; add one with 'parity objective add TITLE "
				  "--by DATE'\n");
	else
		json_array_foreach(arr, i, o)
			objective_text(ctx, o, 0);
	json_decref(arr);
	return 0;
}

static int show_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	json_t *o = NULL;
	store_t *db;
	int64_t id = 0;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0 ||
	    (rc = objective_arg(pos, n_pos, "parity objective show ID", &id, e)) < 0 ||
	    (rc = store_open(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = objective_load(db, id, objective_today(), &o, e);
	store_close(db);
	if (rc < 0)
		return rc;
	if (!strcmp(format, "json"))
		print_json(ctx, o);
	else
		objective_text(ctx, o, 1);
	json_decref(o);
	return 0;
}

static int check_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *pos[1];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as}, {NULL, 0, 0, NULL}};
	store_t *db;
	int n_pos, rc, raised = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = objective_check(db, objective_today(), cli_author(as), &raised, e);
	if ((rc = store_finish(db, rc, e)) < 0)
		return rc;
	fprintf(ctx->out, "%d flag%s raised for measures off track\n", raised,
		raised == 1 ? "" : "s");
	return 0;
}

/* ---- the room ------------------------------------------------------------ */

const struct cli_command objective_commands[] = {
	{"objective add", add_cmd, "add an equality objective with a deadline",
	 "usage: parity objective add TITLE --by DATE [--duty N]... [--area AREA_NO]...\n"
	 "                            [--description TEXT] [--owner INITIALS]\n"
	 "                            [--review DATE] [--plan NAME] [--format text|json]\n"
	 "\n"
	 "An objective is something the organisation commits to achieve by a date,\n"
	 "serving the plan's statutory duties (--duty, repeatable) and its areas of\n"
	 "work (--area, the area's number in the plan; --plan, default main). The\n"
	 "owner (initials of someone in 'parity people') is reminded before the\n"
	 "review date. Add what it is measured by with 'parity objective measure'.\n"
	 "--format json prints {\"id\": N}.\n"
	 "Example: parity objective add \"A workforce that reflects the community\" \\\n"
	 "           --by 2028-03-31 --duty 1 --duty 2 --area 3 --owner JB\n"},
	{"objective check", check_cmd, "raise flags for measures that are off track",
	 "usage: parity objective check\n"
	 "\n"
	 "Judge every measure of every live objective and raise a monitoring flag\n"
	 "for each one off track at its latest period that has none yet; the flag\n"
	 "is explained or acted on like any other ('parity flags'). 'parity serve'\n"
	 "does this by itself; run it from cron without the server.\n"},
	{"objective link", link_cmd, "link a plan action or an impact assessment to an objective",
	 "usage: parity objective link ID (--action ACTION_ID [--plan NAME] | --eia N)\n"
	 "                             [--remove]\n"
	 "\n"
	 "Example: parity objective link 1 --action 3b\n"
	 "         parity objective link 1 --eia 2\n"},
	{"objective list", list_cmd, "list objectives with their measures and status",
	 "usage: parity objective list [--all] [--format text|json]\n"
	 "\n"
	 "Each live objective (--all: retired ones too) with each measure's values\n"
	 "for every imported period (oldest first, with 95% intervals), its target\n"
	 "and status: met, on-track, at-risk, off-track or no-data. The rules are in\n"
	 "docs/objectives.md; --format json is the machine interface documented\n"
	 "there.\n"},
	{"objective measure", measure_cmd, "add a measure with a target to an objective",
	 "usage: parity objective measure ID --dataset D\n"
	 "         (--share CHAR=GROUP | --rate OUTCOME --of CHAR=GROUP |\n"
	 "          --ratio OUTCOME --of CHAR=GROUP | --completeness CHAR |\n"
	 "          --pay-gap sex|ethnicity --mean|--median [--of CHAR=GROUP])\n"
	 "         [--where COLUMN=V1,V2...] (--at-least X | --at-most X)\n"
	 "         [--label TEXT] [--format text|json]\n"
	 "       parity objective measure ID --remove MEASURE_ID\n"
	 "\n"
	 "The measure is computed from the monitoring dataset D for every imported\n"
	 "period. A share is of the people whose characteristic is recorded (Not\n"
	 "stated and Missing left out); a rate is the group's rate of an outcome; a\n"
	 "ratio that rate against the report's reference group; completeness the\n"
	 "share recorded; a pay gap the difference in hourly pay as a % of men's\n"
	 "(sex) or White staff's (ethnicity). --where keeps only the rows whose\n"
	 "COLUMN (the unit, the grade, or a characteristic) has one of the values.\n"
	 "Targets are percentages (12 or 12%), or a relative rate for --ratio.\n"
	 "--format json prints {\"id\": M}.\n"
	 "Examples:\n"
	 "  parity objective measure 1 --dataset staff --share ethnicity=Black \\\n"
	 "    --where grade=SPO,ACO --at-least 12\n"
	 "  parity objective measure 1 --dataset staff --pay-gap sex --median --at-most 5\n"},
	{"objective publish", publish_cmd, "record that the objectives were published",
	 "usage: parity objective publish [--on DATE]\n"
	 "\n"
	 "The equality duty asks for objectives to be published at least every four\n"
	 "years. Record the date they were (default today); the public page shows it\n"
	 "and when the next set is due.\n"
	 "Example: parity objective publish --on 2024-04-01\n"},
	{"objective retire", retire_cmd, "retire an objective, saying why",
	 "usage: parity objective retire ID --reason TEXT\n"
	 "\n"
	 "A retired objective leaves the lists, the dashboard and the checks; its\n"
	 "history stays ('parity objective list --all').\n"},
	{"objective show", show_cmd, "show one objective with its measures and links",
	 "usage: parity objective show ID [--format text|json]\n"},
	{"objective update", update_cmd, "change an objective's title, deadline, owner, links",
	 "usage: parity objective update ID [--title TEXT] [--by DATE] [--description TEXT]\n"
	 "                               [--owner INITIALS] [--review DATE]\n"
	 "                               [--duty N]... [--area AREA_NO]... [--plan NAME]\n"
	 "\n"
	 "--duty and --area replace the lists given before. An empty --owner or\n"
	 "--review clears it.\n"},
	{NULL, NULL, NULL, NULL},
};

const struct room objective_room = {"objectives",	 objective_commands,	 objective_pages,
				    OBJECTIVE_N_PAGES, objective_nav,	 OBJECTIVE_N_NAV,
				    objective_audit_words, OBJECTIVE_N_AUDIT_WORDS};
