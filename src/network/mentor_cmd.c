/*
 * network/mentor_cmd.c: the 'parity mentor' commands — profiles (offer,
 * seek, withdraw, profiles, areas), suggested matches with their scores
 * in words and the proposed allocation (suggest), a pairing's life (pair,
 * meeting, end, list, show) and mentees' outcomes (outcome, and outcomes,
 * which imports them by group into monitoring). Every change is one
 * transaction with its audit log entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/str.h"
#include "mail/mail.h"
#include "monitor/monitor.h"
#include "network/mentor.h"

/* The audit entry of a change made here (who is "cli:NAME"). */
static int cli_audit(store_t *db, const char *as, const char *what, const char *target,
		     const char *after, struct err *e)
{
	char now[21], who[96];
	date_now_iso(now);
	snprintf(who, sizeof who, "cli:%s", cli_author(as));
	return store_exec(db, e, "INSERT INTO audit_log (at, who, what, target, after) "
			  "VALUES (?, ?, ?, ?, ?)", "ttttt", now, who, what, target, after);
}

static int find(store_t *db, const char *email, int64_t *id, struct err *e)
{
	char norm[320];
	mail_address_norm(email, norm, sizeof norm);
	*id = 0;
	if (net_member_by_email(db, norm, id, e) < 0) {
		err_clear(e);
		return err_set(e, ERR_NOTFOUND, "no member with email %s (see 'parity member list')",
			       norm);
	}
	return 0;
}

static int format_ok(const char *format, struct err *e)
{
	if (strcmp(format, "text") && strcmp(format, "json"))
		return err_set(e, ERR_USAGE, "--format takes text or json; got '%s'", format);
	return 0;
}

static void print_json(struct cli_ctx *ctx, json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fprintf(ctx->out, "%s\n", s ? s : "null");
	free(s);
}

static int yes_no(const char *opt, const char *v, int *out, struct err *e)
{
	*out = -1;
	if (!v)
		return 0;
	if (!strcmp(v, "yes"))
		*out = 1;
	else if (!strcmp(v, "no"))
		*out = 0;
	else
		return err_set(e, ERR_USAGE, "--%s takes yes or no; got '%s'", opt, v);
	return 0;
}

static int pair_id_arg(const char *s, int64_t *id, struct err *e)
{
	long v;
	if (str_to_int(s, 1, 2000000000L, &v) < 0)
		return err_set(e, ERR_USAGE, "'%s' is not a pairing number; see 'parity mentor list'",
			       s);
	*id = v;
	return 0;
}

/* ---- profiles ------------------------------------------------------------*/

static int profile_cmd(struct cli_ctx *ctx, int argc, char **argv, const char *role,
		       struct err *e)
{
	const char *areas = NULL, *capacity = NULL, *lm = NULL, *as = NULL, *pos[1];
	int remote = 0, n_pos, rc, created = 0;
	struct cli_opt opts[] = {
		{"areas", 0, CLI_STRING, &areas},
		{"capacity", 0, CLI_STRING, &capacity},
		{"remote", 0, CLI_FLAG, &remote},
		{"line-manager", 0, CLI_STRING, &lm},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	struct mentor_profile_new p;
	char target[64];
	long cap = MENTOR_DEFAULT_CAPACITY;
	int64_t id;
	store_t *db;
	memset(&p, 0, sizeof p);
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1 || !areas)
		return err_set(e, ERR_USAGE, "usage: parity mentor %s EMAIL --areas AREA,AREA ... "
			       "(see 'parity mentor areas')", !strcmp(role, "mentor") ? "offer" : "seek");
	if (capacity && strcmp(role, "mentor"))
		return err_set(e, ERR_USAGE, "--capacity is for mentors (parity mentor offer)");
	if (capacity && str_to_int(capacity, 1, MENTOR_MAX_CAPACITY, &cap) < 0)
		return err_set(e, ERR_USAGE, "--capacity takes a number of mentees from 1 to %d; "
			       "got '%s'", MENTOR_MAX_CAPACITY, capacity);
	if ((rc = mentor_areas_parse(areas, &p.areas, e)) < 0)
		return rc;
	p.email = pos[0];
	p.role = role;
	p.remote = remote;
	p.capacity = (int)cap;
	p.line_manager = lm;
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	if ((rc = find(db, pos[0], &id, e)) >= 0)
		rc = mentor_profile_set(db, &p, cli_author(as), &created, NULL, e);
	if (rc >= 0) {
		struct buf b = BUF_INIT;
		mentor_areas_text(p.areas, 0, &b);
		snprintf(target, sizeof target, "%s profile of member %lld", role, (long long)id);
		rc = cli_audit(db, as, "mentor.profile", target, buf_str(&b), e);
		if (rc >= 0)
			fprintf(ctx->out, "%s %s profile of %s: %s%s%s\n", created ? "recorded" : "replaced",
				role, pos[0], buf_str(&b), remote ? "; willing to meet remotely" : "",
				!strcmp(role, "mentor") ? (cap == 1 ? "; 1 mentee at once" : "") : "");
		buf_free(&b);
	}
	return store_finish(db, rc, e);
}

static int offer_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	return profile_cmd(ctx, argc, argv, "mentor", e);
}

static int seek_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	return profile_cmd(ctx, argc, argv, "mentee", e);
}

static int withdraw_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *role = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {
		{"role", 0, CLI_STRING, &role},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	char target[64];
	int64_t id;
	store_t *db;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1 || !role)
		return err_set(e, ERR_USAGE, "usage: parity mentor withdraw EMAIL --role mentor|mentee");
	if (strcmp(role, "mentor") && strcmp(role, "mentee"))
		return err_set(e, ERR_USAGE, "--role takes mentor or mentee; got '%s'", role);
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	if ((rc = find(db, pos[0], &id, e)) >= 0)
		rc = mentor_profile_withdraw(db, id, role, e);
	if (rc >= 0) {
		snprintf(target, sizeof target, "%s profile of member %lld", role, (long long)id);
		rc = cli_audit(db, as, "mentor.withdraw", target, NULL, e);
	}
	if (rc >= 0)
		fprintf(ctx->out, "withdrew the %s profile of %s; their pairings stay\n", role, pos[0]);
	return store_finish(db, rc, e);
}

static json_t *person_json(const struct mentor_person *x, const char *role)
{
	struct buf b = BUF_INIT;
	json_t *o;
	mentor_areas_text(x->areas, 0, &b);
	o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:o,s:b}", "email", x->email, "name", x->name,
		      "role", role, "region", x->region, "areas", buf_str(&b), "remote", x->remote,
		      "line_manager", *x->line_manager ? json_string(x->line_manager) : json_null(),
		      "consent", x->consent);
	if (!strcmp(role, "mentor")) {
		json_object_set_new(o, "capacity", json_integer(x->capacity));
		json_object_set_new(o, "mentees_now", json_integer(x->load));
	} else {
		json_object_set_new(o, "pairing", x->pair_id ? json_integer(x->pair_id) : json_null());
	}
	buf_free(&b);
	return o;
}

static void person_text(struct cli_ctx *ctx, const struct mentor_person *x, const char *role)
{
	struct buf b = BUF_INIT;
	mentor_areas_text(x->areas, 0, &b);
	fprintf(ctx->out, "%s\t%s\t%s\t%s\t%s%s", role, x->email, x->name, x->region, buf_str(&b),
		x->remote ? "\tremote" : "");
	if (!strcmp(role, "mentor"))
		fprintf(ctx->out, "\t%d of %d places taken", x->load, x->capacity);
	else if (x->pair_id)
		fprintf(ctx->out, "\tpairing %lld", (long long)x->pair_id);
	if (!x->consent)
		fputs("\tconsent withdrawn: not suggested", ctx->out);
	fputc('\n', ctx->out);
	buf_free(&b);
}

static int profiles_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	struct mentor_pool p;
	store_t *db;
	size_t i;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0)
		return rc;
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	rc = mentor_pool_load(db, &p, e);
	store_close(db);
	if (rc < 0)
		return rc;
	if (!strcmp(format, "json")) {
		json_t *a = json_array();
		for (i = 0; i < p.n_mentors; i++)
			json_array_append_new(a, person_json(&p.mentors[i], "mentor"));
		for (i = 0; i < p.n_mentees; i++)
			json_array_append_new(a, person_json(&p.mentees[i], "mentee"));
		print_json(ctx, a);
		json_decref(a);
	} else if (!p.n_mentors && !p.n_mentees) {
		fputs("no mentoring profiles yet; see 'parity help mentor offer'\n", ctx->out);
	} else {
		for (i = 0; i < p.n_mentors; i++)
			person_text(ctx, &p.mentors[i], "mentor");
		for (i = 0; i < p.n_mentees; i++)
			person_text(ctx, &p.mentees[i], "mentee");
	}
	mentor_pool_free(&p);
	return 0;
}

static int areas_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *pos[1];
	struct cli_opt opts[] = {{NULL, 0, 0, NULL}};
	int n_pos, rc, i;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	for (i = 0; i < MENTOR_N_AREAS; i++)
		fprintf(ctx->out, "%s\t%s\n", mentor_areas[i].key, mentor_areas[i].words);
	return 0;
}

/* ---- suggestions ---------------------------------------------------------*/

static int suggest_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	struct mentor_pool p;
	json_t *root = NULL, *ms = NULL, *al = NULL;
	int64_t only = 0;
	store_t *db;
	size_t i, j;
	int n_pos, rc, shown = 0, json;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0)
		return rc;
	json = !strcmp(format, "json");
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if (n_pos && (rc = find(db, pos[0], &only, e)) < 0) {
		store_close(db);
		return rc;
	}
	rc = mentor_pool_load(db, &p, e);
	store_close(db);
	if (rc < 0)
		return rc;
	if (only && mentor_pool_find(p.mentees, p.n_mentees, only) < 0) {
		mentor_pool_free(&p);
		return err_set(e, ERR_DATA, "%s has no mentee profile; record one first: parity "
			       "mentor seek %s --areas ...", pos[0], pos[0]);
	}
	if (json) {
		root = json_object();
		ms = json_array();
		al = json_array();
		json_object_set_new(root, "mentees", ms);
		json_object_set_new(root, "allocation", al);
	}
	for (i = 0; i < p.n_mentees; i++) {
		const struct mentor_person *x = &p.mentees[i];
		json_t *mo = NULL, *cands = NULL;
		int *order;
		size_t k, n_order = 0;
		if (only ? x->member_id != only : (x->pair_id != 0 || !x->consent))
			continue;
		shown++;
		/* candidates by score, the excluded after them */
		order = calloc(p.n_mentors + 1, sizeof *order);
		if (!order) {
			rc = err_set(e, ERR_INTERNAL, "out of memory");
			break;
		}
		for (j = 0; j < p.n_mentors; j++) {
			const struct mentor_match *m = &p.m[i * p.n_mentors + j];
			for (k = n_order; k > 0; k--) {
				const struct mentor_match *o = &p.m[i * p.n_mentors + (size_t)order[k - 1]];
				int before = m->excluded < o->excluded ||
					     (m->excluded == o->excluded && m->score > o->score);
				if (!before)
					break;
				order[k] = order[k - 1];
			}
			order[k] = (int)j;
			n_order++;
		}
		if (json) {
			cands = json_array();
			mo = json_pack("{s:s,s:s,s:o,s:o,s:o}", "email", x->email, "name", x->name,
				       "pairing", x->pair_id ? json_integer(x->pair_id) : json_null(),
				       "proposed", p.alloc[i] >= 0 ?
				       json_string(p.mentors[p.alloc[i]].email) : json_null(),
				       "candidates", cands);
			json_array_append_new(ms, mo);
		} else {
			fprintf(ctx->out, "%s (%s)%s\n", x->email, x->name,
				!x->consent ? ": consent to mentoring withdrawn, not suggested" : "");
			if (x->pair_id)
				fprintf(ctx->out, "  has a mentor already (pairing %lld)\n",
					(long long)x->pair_id);
		}
		for (k = 0; k < n_order; k++) {
			const struct mentor_person *y = &p.mentors[order[k]];
			const struct mentor_match *m = &p.m[i * p.n_mentors + (size_t)order[k]];
			if (json)
				json_array_append_new(
					cands, json_pack("{s:s,s:s,s:o,s:b,s:s}", "mentor", y->email,
							 "name", y->name, "score",
							 m->excluded ? json_null() : json_integer(m->score),
							 "excluded", m->excluded, "why", m->why));
			else if (m->excluded)
				fprintf(ctx->out, "  -   %s: %s\n", y->email, m->why);
			else
				fprintf(ctx->out, "  %-3d %s: %s%s\n", m->score, y->email, m->why,
					p.alloc[i] == order[k] ? " [proposed]" : "");
		}
		if (!json && !p.n_mentors)
			fputs("  no mentors have a profile yet\n", ctx->out);
		free(order);
	}
	if (rc >= 0 && json) {
		for (i = 0; i < p.n_mentees; i++)
			if (p.alloc[i] >= 0 && (!only || p.mentees[i].member_id == only))
				json_array_append_new(
					al, json_pack("{s:s,s:s,s:i}", "mentee", p.mentees[i].email,
						      "mentor", p.mentors[p.alloc[i]].email, "score",
						      p.m[i * p.n_mentors + (size_t)p.alloc[i]].score));
		json_object_set_new(root, "total", json_integer(p.total));
		print_json(ctx, root);
	} else if (rc >= 0) {
		if (!shown)
			fputs("no mentees waiting for a mentor; see 'parity help mentor seek'\n", ctx->out);
		fprintf(ctx->out, "\nproposed allocation (the highest total score within mentors' "
			"places): total %d\n", p.total);
		for (i = 0; i < p.n_mentees; i++)
			if (p.alloc[i] >= 0)
				fprintf(ctx->out, "  %s -> %s (score %d)\n", p.mentees[i].email,
					p.mentors[p.alloc[i]].email,
					p.m[i * p.n_mentors + (size_t)p.alloc[i]].score);
		for (i = 0; i < p.n_mentees; i++)
			if (p.alloc[i] < 0 && !p.mentees[i].pair_id && p.mentees[i].consent)
				fprintf(ctx->out, "  %s: no mentor can be proposed\n", p.mentees[i].email);
	}
	json_decref(root);
	mentor_pool_free(&p);
	return rc < 0 ? rc : 0;
}

/* ---- pairings ------------------------------------------------------------*/

static int pair_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *pos[2];
	struct cli_opt opts[] = {{"as", 0, CLI_STRING, &as}, {NULL, 0, 0, NULL}};
	int64_t a, b, pid = 0;
	char target[48], after[64];
	store_t *db;
	int n_pos, rc, score = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 2, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 2)
		return err_set(e, ERR_USAGE, "usage: parity mentor pair MENTEE_EMAIL MENTOR_EMAIL");
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	if ((rc = find(db, pos[0], &a, e)) >= 0 && (rc = find(db, pos[1], &b, e)) >= 0)
		rc = mentor_pair_add(db, a, b, cli_author(as), &pid, &score, e);
	if (rc >= 0) {
		snprintf(target, sizeof target, "mentoring pairing %lld", (long long)pid);
		snprintf(after, sizeof after, "member %lld with mentor member %lld", (long long)a,
			 (long long)b);
		rc = cli_audit(db, as, "mentor.pair", target, after, e);
	}
	if (rc >= 0)
		fprintf(ctx->out, "pairing %lld agreed: %s mentored by %s (score %d)\n", (long long)pid,
			pos[0], pos[1], score);
	return store_finish(db, rc, e);
}

static int meeting_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *date = NULL, *note = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {
		{"date", 0, CLI_STRING, &date},
		{"note", 0, CLI_STRING, &note},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	char target[48], iso[11];
	struct date d;
	int64_t pid = 0;
	store_t *db;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1 || !date)
		return err_set(e, ERR_USAGE, "usage: parity mentor meeting PAIR_ID --date DATE "
			       "[--note TEXT]");
	if ((rc = pair_id_arg(pos[0], &pid, e)) < 0)
		return rc;
	if (date_parse_user(date, "--date", &d, e) < 0)
		return ERR_USAGE;
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = mentor_meeting_add(db, pid, d, note, cli_author(as), e);
	date_format(d, iso);
	if (rc >= 0) {
		snprintf(target, sizeof target, "mentoring pairing %lld", (long long)pid);
		rc = cli_audit(db, as, "mentor.meeting", target, iso, e);
	}
	if (rc >= 0)
		fprintf(ctx->out, "logged a meeting of pairing %lld on %s\n", (long long)pid, iso);
	return store_finish(db, rc, e);
}

static int end_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *feedback = NULL, *rating = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {
		{"feedback", 0, CLI_STRING, &feedback},
		{"rating", 0, CLI_STRING, &rating},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	char target[48];
	long r = 0;
	int64_t pid = 0;
	store_t *db;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "usage: parity mentor end PAIR_ID [--feedback TEXT] "
			       "[--rating 1-5]");
	if ((rc = pair_id_arg(pos[0], &pid, e)) < 0)
		return rc;
	if (rating && str_to_int(rating, 1, 5, &r) < 0)
		return err_set(e, ERR_USAGE, "--rating takes a number from 1 (poor) to 5 (very "
			       "good); got '%s'", rating);
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	rc = mentor_pair_end(db, pid, feedback, (int)r, e);
	if (rc >= 0) {
		char after[24] = "";
		if (r)
			snprintf(after, sizeof after, "rating %ld", r);
		snprintf(target, sizeof target, "mentoring pairing %lld", (long long)pid);
		rc = cli_audit(db, as, "mentor.end", target, *after ? after : NULL, e);
	}
	if (rc >= 0)
		fprintf(ctx->out, "ended pairing %lld\n", (long long)pid);
	return store_finish(db, rc, e);
}

static json_t *pair_json(const struct mentor_pair_row *r)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:i,s:s,s:o,s:I,s:o}", "id",
			 (json_int_t)r->id, "mentee", r->mentee_email, "mentee_name", r->mentee_name,
			 "mentor", r->mentor_email, "mentor_name", r->mentor_name, "status",
			 r->status, "agreed_on", r->agreed_on, "agreed_by", r->agreed_by, "ended_on",
			 *r->ended_on ? json_string(r->ended_on) : json_null(), "score", r->score,
			 "feedback", r->feedback, "rating",
			 r->rating ? json_integer(r->rating) : json_null(), "meetings",
			 (json_int_t)r->n_meetings, "last_meeting",
			 *r->last_meeting ? json_string(r->last_meeting) : json_null());
}

static int list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	int64_t *ids = NULL;
	size_t n = 0, i;
	json_t *a = NULL;
	store_t *db;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0)
		return rc;
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	rc = mentor_pair_ids(db, &ids, &n, e);
	if (!strcmp(format, "json"))
		a = json_array();
	for (i = 0; rc >= 0 && i < n; i++) {
		struct mentor_pair_row r;
		if ((rc = mentor_pair_load(db, ids[i], &r, e)) < 0)
			break;
		if (a)
			json_array_append_new(a, pair_json(&r));
		else
			fprintf(ctx->out, "%lld\t%s\t%s -> %s\tagreed %s%s%s\t%lld meeting%s\n",
				(long long)r.id, r.status, r.mentee_email[0] ? r.mentee_email : "(erased)",
				r.mentor_email[0] ? r.mentor_email : "(erased)", r.agreed_on,
				*r.ended_on ? ", ended " : "", r.ended_on, (long long)r.n_meetings,
				r.n_meetings == 1 ? "" : "s");
	}
	store_close(db);
	if (rc >= 0 && a)
		print_json(ctx, a);
	else if (rc >= 0 && !n)
		fputs("no mentoring pairings yet; see 'parity help mentor pair'\n", ctx->out);
	json_decref(a);
	free(ids);
	return rc < 0 ? rc : 0;
}

static int show_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *format = "text", *pos[1];
	struct cli_opt opts[] = {{"format", 0, CLI_STRING, &format}, {NULL, 0, 0, NULL}};
	struct mentor_pair_row r;
	store_stmt_t *st;
	json_t *o = NULL, *ms = NULL;
	int64_t pid = 0;
	store_t *db;
	int n_pos, rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0 ||
	    (rc = format_ok(format, e)) < 0)
		return rc;
	if (n_pos != 1)
		return err_set(e, ERR_USAGE, "usage: parity mentor show PAIR_ID [--format text|json]");
	if ((rc = pair_id_arg(pos[0], &pid, e)) < 0)
		return rc;
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	if ((rc = mentor_pair_load(db, pid, &r, e)) < 0)
		goto out;
	if (!strcmp(format, "json")) {
		o = pair_json(&r);
		ms = json_array();
		json_object_set_new(o, "meeting_log", ms);
	} else {
		fprintf(ctx->out, "pairing %lld: %s\nmentee: %s (%s)\nmentor: %s (%s)\nagreed: %s by "
			"%s (score %d)\n", (long long)r.id, r.status, r.mentee_name, r.mentee_email,
			r.mentor_name, r.mentor_email, r.agreed_on, r.agreed_by, r.score);
		if (*r.ended_on)
			fprintf(ctx->out, "ended: %s\n", r.ended_on);
		if (r.rating)
			fprintf(ctx->out, "rating: %d of 5\n", r.rating);
		if (*r.feedback)
			fprintf(ctx->out, "feedback: %s\n", r.feedback);
		fprintf(ctx->out, "meetings: %lld\n", (long long)r.n_meetings);
	}
	rc = store_prepare(db, &st, e, "SELECT date, note FROM net_mentor_meeting WHERE pair_id = ? "
			   "ORDER BY date, id", "i", pid);
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		if (ms)
			json_array_append_new(ms, json_pack("{s:s,s:s}", "date", store_col_text(st, 0),
							    "note", store_col_text(st, 1)));
		else
			fprintf(ctx->out, "  %s%s%s\n", store_col_text(st, 0),
				*store_col_text(st, 1) ? ": " : "", store_col_text(st, 1));
	}
	store_done(st);
	if (rc >= 0 && o)
		print_json(ctx, o);
	json_decref(o);
out:
	store_close(db);
	return rc < 0 ? rc : 0;
}

/* ---- outcomes ------------------------------------------------------------*/

static int outcome_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *period = NULL, *applied = NULL, *promoted = NULL, *as = NULL, *pos[1];
	struct cli_opt opts[] = {
		{"period", 0, CLI_STRING, &period},
		{"applied", 0, CLI_STRING, &applied},
		{"promoted", 0, CLI_STRING, &promoted},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	char target[64];
	int64_t id;
	store_t *db;
	int n_pos, rc, a, p;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 1, &n_pos, e)) < 0)
		return rc;
	if (n_pos != 1 || !period)
		return err_set(e, ERR_USAGE, "usage: parity mentor outcome EMAIL --period YYYY "
			       "[--applied yes|no] [--promoted yes|no]");
	if ((rc = mentor_period_ok(period, e)) < 0 || (rc = yes_no("applied", applied, &a, e)) < 0 ||
	    (rc = yes_no("promoted", promoted, &p, e)) < 0)
		return rc;
	if (a < 0 && p < 0)
		return err_set(e, ERR_USAGE, "give --applied yes|no, --promoted yes|no or both");
	if ((rc = store_open_begin(store_default_path(ctx->db_path), &db, e)) < 0)
		return rc;
	if ((rc = find(db, pos[0], &id, e)) >= 0)
		rc = mentor_outcome_set(db, id, period, a, p, cli_author(as), e);
	if (rc >= 0) {
		snprintf(target, sizeof target, "outcome of member %lld in %s", (long long)id, period);
		rc = cli_audit(db, as, "mentor.outcome", target, NULL, e);
	}
	if (rc >= 0)
		fprintf(ctx->out, "recorded the %s outcome of %s\n", period, pos[0]);
	return store_finish(db, rc, e);
}

static int outcomes_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *period = NULL, *chr = "ethnicity", *dataset = "mentoring", *as = NULL, *pos[1];
	struct cli_opt opts[] = {
		{"period", 0, CLI_STRING, &period},
		{"characteristic", 0, CLI_STRING, &chr},
		{"dataset", 0, CLI_STRING, &dataset},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, 0, NULL},
	};
	struct buf csv = BUF_INIT, problems = BUF_INIT;
	char author[96], name[64];
	store_t *db;
	int n_pos, rc, n = 0, raised = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e)) < 0)
		return rc;
	if (!period)
		return err_set(e, ERR_USAGE, "give --period YYYY: parity mentor outcomes --period 2026");
	if ((rc = mentor_period_ok(period, e)) < 0)
		return rc;
	if (!*dataset || strlen(dataset) > 40)
		return err_set(e, ERR_USAGE, "--dataset takes a dataset name of 1 to 40 characters");
	if ((rc = net_cli_open(ctx, &db, e)) < 0)
		return rc;
	rc = mentor_outcomes_csv(db, period, chr, &csv, &n, e);
	snprintf(author, sizeof author, "cli:%s", cli_author(as));
	snprintf(name, sizeof name, "mentoring outcomes %s", period);
	if (rc >= 0)
		rc = monitor_counts_import_mem(db, dataset, name, author, buf_str(&csv), csv.len,
					       &problems, &raised, e);
	if (rc < 0 && problems.len)
		err_prefix(e, "%s", buf_str(&problems));
	if (rc >= 0 && (rc = store_begin(db, e)) >= 0) {
		char target[96];
		snprintf(target, sizeof target, "dataset %s, %s", dataset, period);
		rc = cli_audit(db, as, "mentor.outcomes", target, NULL, e);
		rc = rc < 0 ? (store_rollback(db), rc) : store_commit(db, e);
	}
	if (rc >= 0)
		fprintf(ctx->out, "imported the %s outcomes of %d mentee%s by %s as dataset %s "
			"(%d flag%s raised); see 'parity report diversity --dataset %s --period %s' "
			"and publish it with 'parity publish release --dataset %s --period %s'\n",
			period, n, n == 1 ? "" : "s", chr, dataset, raised, raised == 1 ? "" : "s",
			dataset, period, dataset, period);
	store_close(db);
	buf_free(&csv);
	buf_free(&problems);
	return rc < 0 ? rc : 0;
}

const struct cli_command mentor_commands[] = {
	{"mentor areas", areas_cmd, "the areas of mentoring a profile can name",
	 "usage: parity mentor areas\n"
	 "Lists the keys that --areas takes and what each means. Example:\n"
	 "  parity mentor areas\n"},
	{"mentor offer", offer_cmd, "record a member's mentor profile (needs mentoring consent)",
	 "usage: parity mentor offer EMAIL --areas AREA,AREA [--capacity N] [--remote]\n"
	 "                  [--line-manager EMAIL] [--as NAME]\n"
	 "\n"
	 "The member must be active and hold consent for mentoring (parity consent\n"
	 "give EMAIL mentoring --how paper). --areas: what they offer (parity mentor\n"
	 "areas); --capacity: mentees at once, 1 to 10 (default 2); --remote: willing\n"
	 "to meet remotely; --line-manager: their own line manager, so that nobody who\n"
	 "shares it is suggested to them. Giving it again replaces the profile. Example:\n"
	 "  parity mentor offer ben@example.org --areas promotion,interview-skills --capacity 2\n"},
	{"mentor seek", seek_cmd, "record a member's mentee profile (needs mentoring consent)",
	 "usage: parity mentor seek EMAIL --areas AREA,AREA [--remote] [--line-manager EMAIL]\n"
	 "                  [--as NAME]\n"
	 "\n"
	 "--areas: what they seek; --line-manager: their line manager, who is never\n"
	 "suggested as their mentor, nor anyone with the same line manager. Example:\n"
	 "  parity mentor seek ada@example.org --areas promotion --line-manager cy@example.org\n"},
	{"mentor withdraw", withdraw_cmd, "withdraw a member's mentor or mentee profile",
	 "usage: parity mentor withdraw EMAIL --role mentor|mentee [--as NAME]\n"
	 "The profile is deleted and no longer suggested; pairings stay. Example:\n"
	 "  parity mentor withdraw ben@example.org --role mentor\n"},
	{"mentor profiles", profiles_cmd, "mentors' and mentees' profiles",
	 "usage: parity mentor profiles [--format text|json]\n"
	 "Example:\n  parity mentor profiles --format json\n"},
	{"mentor suggest", suggest_cmd, "suggested matches, their scores explained, and an allocation",
	 "usage: parity mentor suggest [MENTEE_EMAIL] [--format text|json]\n"
	 "\n"
	 "Scores every mentor for each mentee waiting for one (or the mentee named):\n"
	 "10 points an area in common, 4 for the same region (2 when both are willing\n"
	 "to meet remotely), 2 when the mentor has no mentees now, 1 when they have\n"
	 "room. Never suggested: the same person, a line manager of the other, the\n"
	 "same line manager, a pair already agreed, a full mentor, no area in common,\n"
	 "consent withdrawn. Then proposes the allocation with the highest total score\n"
	 "within mentors' places (GLPK). Example:\n"
	 "  parity mentor suggest --format json\n"},
	{"mentor pair", pair_cmd, "confirm a pairing of a mentee and a mentor",
	 "usage: parity mentor pair MENTEE_EMAIL MENTOR_EMAIL [--as NAME]\n"
	 "Refused, saying why, when the rules exclude the match. Example:\n"
	 "  parity mentor pair ada@example.org ben@example.org --as coordinator\n"},
	{"mentor meeting", meeting_cmd, "log a meeting of a pairing",
	 "usage: parity mentor meeting PAIR_ID --date DATE [--note TEXT] [--as NAME]\n"
	 "Example:\n  parity mentor meeting 1 --date 2026-02-03 --note \"CV review\"\n"},
	{"mentor end", end_cmd, "end a pairing, with feedback",
	 "usage: parity mentor end PAIR_ID [--feedback TEXT] [--rating 1-5] [--as NAME]\n"
	 "Example:\n  parity mentor end 1 --feedback \"Very helpful\" --rating 5\n"},
	{"mentor list", list_cmd, "the mentoring pairings",
	 "usage: parity mentor list [--format text|json]\n"
	 "Example:\n  parity mentor list --format json\n"},
	{"mentor show", show_cmd, "one pairing with its meetings",
	 "usage: parity mentor show PAIR_ID [--format text|json]\n"
	 "Example:\n  parity mentor show 1\n"},
	{"mentor outcome", outcome_cmd, "record a mentee's outcome in a year",
	 "usage: parity mentor outcome EMAIL --period YYYY [--applied yes|no]\n"
	 "                  [--promoted yes|no] [--as NAME]\n"
	 "Did the mentee apply for promotion, were they promoted. Example:\n"
	 "  parity mentor outcome ada@example.org --period 2026 --applied yes --promoted no\n"},
	{"mentor outcomes", outcomes_cmd, "import mentees' outcomes by group into monitoring",
	 "usage: parity mentor outcomes --period YYYY [--characteristic ethnicity]\n"
	 "                  [--dataset mentoring] [--as NAME]\n"
	 "\n"
	 "Counts the year's mentees by group (from their equality details) who applied\n"
	 "and who were promoted, and imports the table as a monitoring dataset: the\n"
	 "Diversity Report, flags and safe publication (parity publish) then treat it\n"
	 "as any other. No count by group is printed here. Example:\n"
	 "  parity mentor outcomes --period 2026 --characteristic ethnicity\n"},
	{NULL, NULL, NULL, NULL},
};
