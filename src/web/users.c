/*
 * web/users.c: managing accounts — `parity user add|set|passwd|list` on
 * the command line, and the admin pages: users (add, change role, grant
 * and revoke capabilities, disable, reset password) and the audit log.
 * Every change is audited, with its before and after built by jansson.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "mail/mail.h"
#include "web/internal.h"

/* ---------- command line ---------- */

static int read_line(FILE *f, char *out, size_t n)
{
	size_t len;
	if (!fgets(out, (int)n, f))
		return -1;
	len = strlen(out);
	if (len && out[len - 1] == '\n')
		out[--len] = '\0';
	else if (len == n - 1)
		return -2; /* too long */
	if (len && out[len - 1] == '\r')
		out[--len] = '\0';
	return 0;
}

/* Password from stdin (one line) or asked twice at the terminal. */
static int get_password(int from_stdin, char *out, size_t n, struct err *e)
{
	struct termios old, quiet;
	char again[300];
	FILE *tty;
	int rc;
	if (from_stdin) {
		rc = read_line(stdin, out, n);
		if (rc == -2)
			return err_set(e, ERR_DATA, "the password on standard input is longer than 256 characters");
		if (rc < 0)
			return err_set(e, ERR_DATA, "no password on standard input (give one line)");
		return 0;
	}
	tty = fopen("/dev/tty", "r+");
	if (!tty)
		return err_set(e, ERR_USAGE,
			       "no terminal to ask for the password; pipe it in with --password-stdin");
	tcgetattr(fileno(tty), &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	fputs("New password: ", tty);
	fflush(tty);
	rc = read_line(tty, out, n);
	fputs("\nAgain: ", tty);
	fflush(tty);
	if (rc == 0)
		rc = read_line(tty, again, sizeof again);
	fputs("\n", tty);
	tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fclose(tty);
	if (rc < 0)
		return err_set(e, ERR_DATA, "no password given");
	rc = strcmp(out, again);
	sodium_memzero(again, sizeof again);
	if (rc)
		return err_set(e, ERR_DATA, "the two passwords differ; nothing changed");
	return 0;
}

/* --grant and --revoke values into masks. ERR_USAGE for an unknown name
 * (listing the valid ones) or a capability both granted and revoked. */
static int caps_args(const struct cli_multi *grant, const struct cli_multi *revoke,
		     unsigned *grants, unsigned *revokes, struct err *e)
{
	int i;
	unsigned c;
	*grants = *revokes = 0;
	for (i = 0; i < grant->n_values; i++) {
		if (web_cap_parse(grant->values[i], &c, e) < 0)
			return e->code;
		*grants |= c;
	}
	for (i = 0; i < revoke->n_values; i++) {
		if (web_cap_parse(revoke->values[i], &c, e) < 0)
			return e->code;
		if (*grants & c)
			return err_set(e, ERR_USAGE, "--grant and --revoke both name %s; give one",
				       web_cap_name(c));
		*revokes |= c;
	}
	return 0;
}

/* An account that may update its own actions but not every action needs
 * lead initials to know which are its own. */
static int needs_initials(unsigned caps, const char *initials)
{
	return (caps & CAP_UPDATE_OWN_ACTIONS) && !(caps & CAP_UPDATE_ANY_ACTION) &&
	       str_blank(initials);
}

/* Warn about --grant of what the role already gives and --revoke of what
 * it does not: they change nothing. */
static void caps_warn(struct cli_ctx *ctx, int role, unsigned grants, unsigned revokes)
{
	unsigned c, bundle = web_role_caps(role);
	for (c = 1; c & WEB_ALL_CAPS; c <<= 1) {
		if (grants & c & bundle)
			fprintf(ctx->warn, "parity: warning: the role %s already has %s\n",
				web_role_name(role), web_cap_name(c));
		if ((revokes & c) && !(bundle & c))
			fprintf(ctx->warn, "parity: warning: the role %s does not have %s; nothing to revoke\n",
				web_role_name(role), web_cap_name(c));
	}
}

static void cli_who(char who[80], const char *as)
{
	snprintf(who, 80, "cli:%s", cli_author(as));
}

static int user_add_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *role = NULL, *initials = "", *as = NULL, *pos[1];
	struct cli_multi grant = {0}, revoke = {0};
	int from_stdin = 0, npos = 0, r, rc;
	unsigned grants, revokes, caps;
	char pw[300], hash[128], who[80], *detail = NULL;
	struct buf names = BUF_INIT;
	int64_t id = 0;
	store_t *db;
	const struct cli_opt opts[] = {
		{"role", 0, CLI_STRING, &role},
		{"grant", 0, CLI_MULTI, &grant},
		{"revoke", 0, CLI_MULTI, &revoke},
		{"lead-initials", 0, CLI_STRING, &initials},
		{"password-stdin", 0, CLI_FLAG, &from_stdin},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, CLI_FLAG, NULL},
	};
	if (cli_parse(ctx, argc, argv, opts, pos, 1, &npos, e) < 0)
		return e->code;
	if (npos != 1)
		return err_set(e, ERR_USAGE, "give the new user's name");
	if (!role)
		return err_set(e, ERR_USAGE, "give --role admin, monitor, lead or viewer");
	r = web_role_parse(role);
	if (r < 0)
		return err_set(e, ERR_USAGE, "unknown role '%s'; use admin, monitor, lead or viewer", role);
	if (caps_args(&grant, &revoke, &grants, &revokes, e) < 0)
		return e->code;
	caps = web_caps_effective(r, grants, revokes);
	if (needs_initials(caps, initials))
		return err_set(e, ERR_USAGE,
			       "a lead needs --lead-initials (as written in the plan's Lead column, e.g. JS)");
	if (web_initials_ok(initials, e) < 0) {
		e->code = ERR_USAGE;
		return ERR_USAGE;
	}
	if (web_user_name_ok(pos[0], e) < 0)
		return e->code;
	caps_warn(ctx, r, grants, revokes);
	if (get_password(from_stdin, pw, sizeof pw, e) < 0)
		return e->code;
	/* Hash before the transaction: argon2id takes about 85 ms, and the
	 * web server's writers would wait for it. */
	rc = web_password_ok(pos[0], pw, e);
	if (rc == 0)
		rc = web_password_hash(pw, hash, e);
	sodium_memzero(pw, sizeof pw);
	if (rc < 0)
		return rc;
	if (store_open(store_default_path(ctx->db_path), &db, e) < 0)
		return e->code;
	rc = store_begin(db, e);
	if (rc == 0)
		rc = web_user_create(db, pos[0], r, grants, revokes, initials, hash, 0, &id, e);
	if (rc == 0) {
		struct web_user u;
		int dis = 0;
		rc = web_user_load_any(db, id, NULL, &u, &dis, e);
		if (rc == 0)
			detail = web_access_json(r, u.grants, u.revokes, initials);
	}
	if (rc == 0) {
		cli_who(who, as);
		rc = web_audit_as(db, who, "", "user.add", pos[0], NULL, detail, e);
	}
	if (rc == 0)
		rc = store_commit(db, e);
	store_rollback(db);
	store_close(db);
	free(detail);
	if (rc == 0) {
		web_caps_text(&names, caps, ", ");
		fprintf(ctx->out, "added user %s (%s); capabilities: %s\n", pos[0], web_role_name(r),
			buf_str(&names));
	}
	buf_free(&names);
	return rc;
}

/* {"email": ..., "reminders": true} for the audit log; caller frees. */
static char *contact_json(const char *email, int remind)
{
	json_t *o = json_pack("{s:s, s:b}", "email", email, "reminders", remind);
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	return s;
}

/* parity user set NAME --email ADDRESS / --reminders on|off: the address
 * the plan's reminders go to (email NULL: keep it; "" clears it) and
 * whether they are wanted (remind -1: keep). One transaction, audited. */
static int user_contact_set(struct cli_ctx *ctx, const char *name, const char *email,
			    int remind, const char *as, struct err *e)
{
	store_t *db;
	store_stmt_t *st;
	char who[80], old_email[320] = "";
	char *before = NULL, *after = NULL;
	int64_t id = 0;
	int rc, old_remind = 1;
	if (store_open(store_default_path(ctx->db_path), &db, e) < 0)
		return e->code;
	rc = store_begin(db, e);
	if (rc == 0)
		rc = store_prepare(db, &st, e,
				   "SELECT id, email, reminders FROM web_user WHERE name = ?", "t", name);
	if (rc == 0) {
		rc = store_step(st, e);
		if (rc == 1) {
			id = store_col_int(st, 0);
			snprintf(old_email, sizeof old_email, "%s", store_col_text(st, 1));
			old_remind = (int)store_col_int(st, 2);
			rc = 0;
		} else if (rc == 0) {
			rc = err_set(e, ERR_NOTFOUND, "no user '%s' (see 'parity user list')", name);
		}
		store_done(st);
	}
	if (!email)
		email = old_email;
	if (remind < 0)
		remind = old_remind;
	if (rc == 0)
		rc = store_exec(db, e, "UPDATE web_user SET email = ?, reminders = ? WHERE id = ?",
				"tii", email, (int64_t)remind, id);
	if (rc == 0) {
		before = contact_json(old_email, old_remind);
		after = contact_json(email, remind);
		cli_who(who, as);
		rc = web_audit_as(db, who, "", "user.contact", name, before, after, e);
	}
	if (rc == 0)
		rc = store_commit(db, e);
	store_rollback(db);
	store_close(db);
	free(before);
	free(after);
	if (rc == 0)
		fprintf(ctx->out, "%s: reminders %s, %s%s\n", name, remind ? "on" : "off",
			*email ? "sent to " : "no email address", email);
	return rc;
}

static int user_set_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *role = NULL, *initials = NULL, *as = NULL, *pos[1], *email = NULL,
		   *reminders = NULL;
	struct cli_multi grant = {0}, revoke = {0};
	int npos = 0, r, rc, dis = 0, remind = -1;
	char email_norm[320] = "";
	unsigned grants, revokes, g, v;
	char who[80], *before = NULL, *after = NULL;
	struct buf names = BUF_INIT;
	struct web_user u;
	store_t *db;
	const struct cli_opt opts[] = {
		{"role", 0, CLI_STRING, &role},
		{"grant", 0, CLI_MULTI, &grant},
		{"revoke", 0, CLI_MULTI, &revoke},
		{"lead-initials", 0, CLI_STRING, &initials},
		{"email", 0, CLI_STRING, &email},
		{"reminders", 0, CLI_STRING, &reminders},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, CLI_FLAG, NULL},
	};
	if (cli_parse(ctx, argc, argv, opts, pos, 1, &npos, e) < 0)
		return e->code;
	if (npos != 1)
		return err_set(e, ERR_USAGE, "give the user's name");
	if (email && *email) {
		if (mail_address_ok(email, e) < 0) {
			err_prefix(e, "--email");
			return e->code = ERR_USAGE;
		}
		mail_address_norm(email, email_norm, sizeof email_norm);
	}
	if (reminders) {
		if (strcmp(reminders, "on") && strcmp(reminders, "off"))
			return err_set(e, ERR_USAGE, "--reminders takes on or off; got '%s'", reminders);
		remind = !strcmp(reminders, "on");
	}
	if (email || reminders) {
		/* The address for reminders, and whether they are wanted: a
		 * change of its own, without touching the access. */
		if (role || initials || grant.n_values || revoke.n_values)
			return err_set(e, ERR_USAGE, "change --email or --reminders on their own, "
				       "not with --role, --grant, --revoke or --lead-initials");
		return user_contact_set(ctx, pos[0], email ? email_norm : NULL, remind, as, e);
	}
	r = role ? web_role_parse(role) : 0;
	if (r < 0)
		return err_set(e, ERR_USAGE, "unknown role '%s'; use admin, monitor, lead or viewer", role);
	if (caps_args(&grant, &revoke, &grants, &revokes, e) < 0)
		return e->code;
	if (!role && !initials && !grant.n_values && !revoke.n_values)
		return err_set(e, ERR_USAGE, "say what to change: --role, --grant, --revoke, "
			       "--lead-initials, --email or --reminders");
	if (initials && web_initials_ok(initials, e) < 0) {
		e->code = ERR_USAGE;
		return ERR_USAGE;
	}
	if (store_open(store_default_path(ctx->db_path), &db, e) < 0)
		return e->code;
	/* Read and change the account in one transaction. */
	rc = store_begin(db, e);
	if (rc == 0)
		rc = web_user_load_any(db, 0, pos[0], &u, &dis, e);
	if (rc == 0) {
		before = web_access_json(u.role, u.grants, u.revokes, u.lead_initials);
		if (!r)
			r = u.role;
		if (!initials)
			initials = u.lead_initials;
		/* --grant gives the capability (lifting a revoke), --revoke
		 * takes it away (dropping a grant); the rest are kept. */
		g = (u.grants | grants) & ~revokes;
		v = (u.revokes | revokes) & ~grants;
		if (needs_initials(web_caps_effective(r, g, v), initials))
			rc = err_set(e, ERR_USAGE,
				     "%s may update their own actions: give --lead-initials (as written "
				     "in the plan's Lead column, e.g. JS)",
				     u.name);
	}
	if (rc == 0)
		rc = web_user_set_access(db, u.id, r, g, v, e);
	if (rc == 0)
		rc = store_exec(db, e, "UPDATE web_user SET lead_initials = ? WHERE id = ?", "ti",
				initials, u.id);
	if (rc == 0)
		rc = web_user_load_any(db, u.id, NULL, &u, &dis, e);
	if (rc == 0) {
		after = web_access_json(u.role, u.grants, u.revokes, u.lead_initials);
		cli_who(who, as);
		rc = web_audit_as(db, who, "", "user.access", u.name, before, after, e);
	}
	if (rc == 0)
		rc = store_commit(db, e);
	store_rollback(db);
	store_close(db);
	if (rc == 0) {
		caps_warn(ctx, u.role, grants & ~revokes, revokes);
		web_caps_text(&names, u.caps, ", ");
		fprintf(ctx->out, "%s: role %s; capabilities: %s\n", u.name, web_role_name(u.role),
			buf_str(&names));
	}
	buf_free(&names);
	free(before);
	free(after);
	return rc;
}

static int user_passwd_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *pos[1];
	int from_stdin = 0, npos = 0, rc;
	char pw[300], hash[128], who[80];
	struct web_user u;
	store_t *db;
	const struct cli_opt opts[] = {
		{"password-stdin", 0, CLI_FLAG, &from_stdin},
		{"as", 0, CLI_STRING, &as},
		{NULL, 0, CLI_FLAG, NULL},
	};
	if (cli_parse(ctx, argc, argv, opts, pos, 1, &npos, e) < 0)
		return e->code;
	if (npos != 1)
		return err_set(e, ERR_USAGE, "give the user's name");
	if (store_open(store_default_path(ctx->db_path), &db, e) < 0)
		return e->code;
	rc = web_user_load(db, 0, pos[0], &u, e);
	if (rc == 0)
		rc = get_password(from_stdin, pw, sizeof pw, e);
	if (rc == 0)
		rc = web_password_ok(u.name, pw, e);
	/* Hash before the transaction (argon2id takes about 85 ms). */
	if (rc == 0)
		rc = web_password_hash(pw, hash, e);
	sodium_memzero(pw, sizeof pw);
	if (rc == 0)
		rc = store_begin(db, e);
	if (rc == 0)
		rc = web_user_set_hash(db, u.id, hash, 0, e);
	if (rc == 0) {
		cli_who(who, as);
		rc = web_audit_as(db, who, "", "user.passwd", u.name, NULL, NULL, e);
	}
	if (rc == 0)
		rc = store_commit(db, e);
	store_rollback(db);
	store_close(db);
	if (rc == 0)
		fprintf(ctx->out, "password changed for %s; their sessions were ended\n", pos[0]);
	return rc;
}

/* Every account with its access, for the list and the users page. */
struct user_row {
	struct web_user u;
	int disabled;
};

/* All users by name into *out (caller frees). */
static int users_load(store_t *db, struct user_row **out, size_t *n, struct err *e)
{
	store_stmt_t *st;
	size_t i;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(db, &st, e, "SELECT id FROM web_user ORDER BY name", "") < 0)
		return e->code;
	while ((rc = store_step(st, e)) == 1) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		(*out)[(*n)++].u.id = store_col_int(st, 0);
	}
	store_done(st);
	for (i = 0; rc == 0 && i < *n; i++)
		rc = web_user_load_any(db, (*out)[i].u.id, NULL, &(*out)[i].u, &(*out)[i].disabled, e);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc < 0 ? rc : 0;
}

static const char *user_state(const struct user_row *r)
{
	return r->disabled ? "disabled" : r->u.must_change ? "one-time password" : "active";
}

static int user_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	struct user_row *rows = NULL;
	struct buf caps = BUF_INIT;
	store_t *db;
	const char *pos[1];
	size_t n = 0, i;
	int rc, npos = 0;
	const struct cli_opt opts[] = {{NULL, 0, CLI_FLAG, NULL}};
	if (cli_parse(ctx, argc, argv, opts, pos, 0, &npos, e) < 0)
		return e->code;
	if (store_open(store_default_path(ctx->db_path), &db, e) < 0)
		return e->code;
	rc = users_load(db, &rows, &n, e);
	store_close(db);
	if (rc < 0)
		return rc;
	fprintf(ctx->out, "%-20s %-8s %-8s %-17s %s\n", "NAME", "ROLE", "LEADS", "STATE",
		"CAPABILITIES");
	for (i = 0; i < n; i++) {
		buf_reset(&caps);
		web_caps_text(&caps, rows[i].u.caps, ",");
		fprintf(ctx->out, "%-20s %-8s %-8s %-17s %s\n", rows[i].u.name,
			web_role_name(rows[i].u.role), rows[i].u.lead_initials[0] ? rows[i].u.lead_initials : "-",
			user_state(&rows[i]), buf_str(&caps));
	}
	buf_free(&caps);
	free(rows);
	return 0;
}

/* ---------- admin pages ---------- */

static void role_select(struct web_resp *rs, const char *id, const char *current)
{
	int r;
	web_printf(rs, "<select class=\"govuk-select\" id=\"%s\" name=\"role\">\n", id);
	for (r = ROLE_VIEWER; r <= ROLE_ADMIN; r++)
		web_printf(rs, "<option value=\"%s\"%s>%s</option>\n", web_role_name(r),
			   current && !strcmp(current, web_role_name(r)) ? " selected" : "",
			   web_role_label(r));
	web_raw(rs, "</select>\n");
}

/* A success banner with a message (escaped). */
static void notice_banner(struct web_resp *rs, const char *msg)
{
	web_printf(rs,
		   "<div class=\"govuk-notification-banner govuk-notification-banner--success\" "
		   "role=\"alert\" aria-labelledby=\"notice-title\" "
		   "data-module=\"govuk-notification-banner\">\n"
		   "<div class=\"govuk-notification-banner__header\"><h2 "
		   "class=\"govuk-notification-banner__title\" id=\"notice-title\">Success</h2></div>\n"
		   "<div class=\"govuk-notification-banner__content\"><p "
		   "class=\"govuk-notification-banner__heading\">%s</p></div>\n</div>\n",
		   msg);
}

/* Capability labels for a table cell, one a line. */
static void caps_cell(struct web_resp *rs, unsigned set)
{
	unsigned c;
	int n = 0;
	for (c = 1; c & WEB_ALL_CAPS; c <<= 1)
		if (set & c) {
			if (!n++)
				web_raw(rs, "<ul class=\"govuk-list govuk-body-s\">");
			web_printf(rs, "<li>%s</li>", web_cap_label(c));
		}
	web_raw(rs, n ? "</ul>" : "Nothing");
}

/* The users page. errs: problems with the add form, shown with what was
 * typed. notice: a message for the top of the page (escaped): the
 * one-time password of an account just added or reset is shown this
 * way, in the answer to the POST, and is never written anywhere. */
static int users_page(struct web_req *rq, struct web_resp *rs, const struct web_field_error *errs,
		      int n, const char *notice, struct err *e)
{
	struct user_row *rows = NULL;
	size_t n_rows = 0, i;
	int rc;
	if ((rc = users_load(rq->db, &rows, &n_rows, e)) < 0)
		return rc;
	web_page_begin(rq, rs, n ? "Error: Users" : "Users", SEC_ADMIN);
	web_error_summary(rs, errs, n);
	if (notice)
		notice_banner(rs, notice);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Users</h1>\n");
	if (web_can(rq, CAP_READ_AUDIT))
		web_raw(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/admin/audit\">Audit log</a> — "
			    "every change made in parity, by whom and when.</p>\n");
	web_raw(rs, "<p class=\"govuk-body\">Each account has a role, a bundle of capabilities, "
		    "and may have capabilities granted beyond it or taken away from it. Choose a "
		    "name to change what that account may do.</p>\n"
		    "<div class=\"parity-table-scroll\" id=\"accounts\" tabindex=\"0\" role=\"region\" aria-label=\"Accounts\">"
		    "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption govuk-table__caption--m\">"
		    "Accounts</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Name</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Role</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Capabilities</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Lead initials</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">State</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Change</th></tr></thead>\n"
		    "<tbody class=\"govuk-table__body\">\n");
	for (i = 0; i < n_rows; i++) {
		const struct web_user *u = &rows[i].u;
		const char *name = u->name, *st = rows[i].disabled ? "Disabled"
						  : u->must_change ? "One-time password"
								   : "Active";
		char sid[32];
		web_printf(rs,
			   "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">"
			   "<a class=\"govuk-link\" href=\"/admin/users/%lld\">%s<span "
			   "class=\"govuk-visually-hidden\">: change access</span></a></th>"
			   "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">",
			   (long long)u->id, name, web_role_label(u->role));
		caps_cell(rs, u->caps);
		if (u->grants) {
			web_raw(rs, "<p class=\"govuk-body-s govuk-!-margin-bottom-1\">Granted beyond the role:</p>");
			caps_cell(rs, u->grants);
		}
		if (u->revokes) {
			web_raw(rs, "<p class=\"govuk-body-s govuk-!-margin-bottom-1\">Taken away from the role:</p>");
			caps_cell(rs, u->revokes);
		}
		web_printf(rs,
			   "</td><td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">",
			   u->lead_initials, st);
		if (u->id == rq->user->id) {
			/* no buttons that would be refused: an administrator does
			 * not change their own role or disable themselves */
			web_raw(rs, "<p class=\"govuk-body-s govuk-!-margin-bottom-0\">This is you. "
				    "Another administrator can change your role or account; "
				    "<a class=\"govuk-link\" href=\"/account/password\">change your "
				    "password</a>.</p></td></tr>\n");
			continue;
		}
		web_printf(rs, "<form method=\"post\" action=\"/admin/users\" class=\"parity-inline-form\">"
			       "<input type=\"hidden\" name=\"id\" value=\"%lld\">",
			   (long long)u->id);
		web_csrf_field(rq, rs);
		web_printf(rs, "<label class=\"govuk-label govuk-visually-hidden\" for=\"role-%lld\">Role for %s</label>",
			   (long long)u->id, name);
		snprintf(sid, sizeof sid, "role-%lld", (long long)u->id);
		role_select(rs, sid, web_role_name(u->role));
		web_printf(rs,
			   " <button type=\"submit\" name=\"do\" value=\"role\" class=\"govuk-button "
			   "govuk-button--secondary govuk-!-margin-bottom-0\">Set role<span "
			   "class=\"govuk-visually-hidden\"> for %s</span></button> "
			   "<button type=\"submit\" name=\"do\" value=\"reset\" class=\"govuk-button "
			   "govuk-button--secondary govuk-!-margin-bottom-0\">Reset password<span "
			   "class=\"govuk-visually-hidden\"> for %s</span></button> "
			   "<button type=\"submit\" name=\"do\" value=\"%s\" class=\"govuk-button "
			   "govuk-button--warning govuk-!-margin-bottom-0\">%s<span "
			   "class=\"govuk-visually-hidden\"> %s</span></button></form></td></tr>\n",
			   name, name, rows[i].disabled ? "enable" : "disable",
			   rows[i].disabled ? "Enable" : "Disable", name);
	}
	free(rows);
	web_raw(rs, "</tbody>\n</table></div>\n<h2 class=\"govuk-heading-m\">Add a user</h2>\n"
		    "<form method=\"post\" action=\"/admin/users\" novalidate>\n"
		    "<input type=\"hidden\" name=\"do\" value=\"add\">\n");
	web_csrf_field(rq, rs);
	{
		struct web_field f = {"name", NULL, "User name",
				      "2 to 32 lowercase letters, numbers, full stops, hyphens or "
				      "underscores, for example j.smith",
				      n ? web_param(rq, "name") : NULL, "govuk-!-width-one-third",
				      "spellcheck=\"false\" autocomplete=\"off\""};
		web_input(rs, &f, "text", errs, n);
	}
	{
		/* four roles: radios, each saying what it may do */
		static const struct web_choice roles[] = {
			{"viewer", "Viewer", "Reads the plan, the monitoring data, reports and flags"},
			{"lead", "Lead", "Also updates the actions they lead"},
			{"monitor", "Monitor",
			 "Also updates any action, imports data and handles flags"},
			{"admin", "Admin", "Also manages users and reads the audit log"},
		};
		struct web_field f = {"new-role", "role", "Role",
				      "Capabilities can be granted or taken away afterwards, on the "
				      "account's page.",
				      n && web_param(rq, "role") ? web_param(rq, "role") : "viewer", NULL,
				      NULL};
		web_radios(rs, &f, roles, sizeof roles / sizeof roles[0], 0, errs, n);
	}
	{
		struct web_field f = {"initials", NULL, "Lead initials",
				      "For leads: the initials used in the plan's Lead column, "
				      "letters only, for example JS",
				      n ? web_param(rq, "initials") : NULL, "govuk-!-width-one-third",
				      "spellcheck=\"false\" autocomplete=\"off\""};
		web_input(rs, &f, "text", errs, n);
	}
	web_raw(rs, "<p class=\"govuk-body\">A one-time password will be shown once the account is "
		    "added. The user chooses their own when they first sign in.</p>\n"
		    "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add user</button>\n"
		    "</form>\n");
	web_page_end(rq, rs);
	return 0;
}

static int users_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return users_page(rq, rs, NULL, 0, NULL, e);
}

/* The initials sent by a form, checked; NULL and an error entry when they
 * break the rules. */
static const char *initials_field(struct web_req *rq, struct web_field_error *err)
{
	const char *ini = web_param(rq, "initials");
	struct err ie = {0};
	if (!ini)
		return "";
	if (web_initials_ok(ini, &ie) < 0) {
		*err = (struct web_field_error){
			"initials", "Enter the lead initials as letters only, 1 to 8 letters, for "
				    "example JS (several are separated by commas: JS,HR)"};
		return NULL;
	}
	return ini;
}


/* "Are you sure?" before disabling an account: what it does, and the
 * button that does it (the same form with confirm=yes) or a way back. */
static int disable_confirm_page(struct web_req *rq, struct web_resp *rs, const struct web_user *u)
{
	char title[128];
	snprintf(title, sizeof title, "Disable %s?", u->name);
	web_page_begin(rq, rs, title, SEC_ADMIN);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/admin/users\">Back to users</a>\n");
	web_printf(rs, "<h1 class=\"govuk-heading-l\">Are you sure you want to disable %s?</h1>\n"
		       "<dl class=\"govuk-summary-list\">\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "User name</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "Role</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
		   u->name, u->name, web_role_label(u->role));
	if (u->lead_initials[0])
		web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			       "Lead initials</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
			   u->lead_initials);
	web_printf(rs, "</dl>\n<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
		       "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span "
		       "class=\"govuk-visually-hidden\">Warning</span>The account %s is signed out at once and cannot "
		       "sign in until an administrator enables it again. Nothing they did is "
		       "removed, and the actions they lead keep their lead.</strong></div>\n"
		       "<form method=\"post\" action=\"/admin/users\" novalidate>\n"
		       "<input type=\"hidden\" name=\"do\" value=\"disable\">\n"
		       "<input type=\"hidden\" name=\"confirm\" value=\"yes\">\n"
		       "<input type=\"hidden\" name=\"id\" value=\"%lld\">\n",
		   u->name, (long long)u->id);
	web_csrf_field(rq, rs);
	web_printf(rs, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button "
		       "govuk-button--warning\" data-module=\"govuk-button\">Yes, disable %s</button>\n"
		       "<a class=\"govuk-link\" href=\"/admin/users\">No, keep the account</a></div>\n"
		       "</form>\n",
		   u->name);
	web_page_end(rq, rs);
	return 0;
}

/* POST /admin/users do=add: make the account with a one-time password
 * and show it, once, in the answer. */
static int user_add_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *name = web_param(rq, "name"), *role = web_param(rq, "role");
	const char *initials;
	struct web_field_error errs[3];
	char pw[17], hash[128], msg[sizeof e->msg + 240], *after = NULL;
	int64_t id = 0;
	int n = 0, rc, r = web_role_parse(role);
	if (r < 0)
		return err_set(e, ERR_USAGE, "unknown role");
	if (web_user_name_problem(name))
		errs[n++] = (struct web_field_error){"name", web_user_name_problem(name)};
	initials = initials_field(rq, &errs[n]);
	if (!initials)
		n++;
	else if (needs_initials(web_role_caps(r), initials))
		errs[n++] = (struct web_field_error){"initials", "Enter the lead's initials as written in the plan"};
	if (!n) {
		/* Hash outside the transaction (argon2id: about 85 ms). */
		web_password_random(pw);
		if (web_password_hash(pw, hash, e) < 0)
			return e->code;
		if ((rc = web_begin(rq, rs, CAP_MANAGE_USERS, e)) != 0)
			return rc < 0 ? rc : 0;
		rc = web_user_create(rq->db, name, r, 0, 0, initials, hash, 1, &id, e);
		if (rc == ERR_DATA) { /* the name is checked above: it is taken */
			snprintf(msg, sizeof msg, "There is already a user called %s; choose another "
				 "name", name);
			errs[n++] = (struct web_field_error){"name", msg};
			store_rollback(rq->db);
			err_clear(e);
		} else {
			after = web_access_json(r, 0, 0, initials);
			if (rc < 0 || web_audit(rq, "user.add", name, NULL, after, e) < 0 ||
			    store_commit(rq->db, e) < 0) {
				free(after);
				store_rollback(rq->db);
				sodium_memzero(pw, sizeof pw);
				return e->code;
			}
			free(after);
			snprintf(msg, sizeof msg, "Added %s. Their one-time password is %s — give it "
				 "to them privately; they will choose their own at first sign-in. It "
				 "is not kept and will not be shown again.", name, pw);
			sodium_memzero(pw, sizeof pw);
			rc = users_page(rq, rs, NULL, 0, msg, e);
			sodium_memzero(msg, sizeof msg);
			return rc;
		}
	}
	rs->status = 400;
	return users_page(rq, rs, errs, n, NULL, e);
}

static int users_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *what = web_param(rq, "do"), *role = web_param(rq, "role");
	struct web_user u;
	char pw[17], hash[128], msg[240], *before = NULL, *after = NULL;
	long lid = 0;
	int rc = 0, r, dis = 0, reset;
	if (!what)
		return err_set(e, ERR_USAGE, "the form did not say what to do");
	if (!strcmp(what, "add"))
		return user_add_post(rq, rs, e);
	if (!web_param(rq, "id") || str_to_int(web_param(rq, "id"), 1, INT32_MAX, &lid) < 0)
		return err_set(e, ERR_USAGE, "the form did not name a user");
	if (strcmp(what, "role") && strcmp(what, "disable") && strcmp(what, "enable") &&
	    strcmp(what, "reset"))
		return err_set(e, ERR_USAGE, "unknown change '%s'", what);
	reset = !strcmp(what, "reset");
	if (reset) {
		/* Hash outside the transaction (argon2id: about 85 ms). */
		web_password_random(pw);
		if (web_password_hash(pw, hash, e) < 0)
			return e->code;
	}
	if ((rc = web_begin(rq, rs, CAP_MANAGE_USERS, e)) != 0)
		return rc < 0 ? rc : 0;
	if (web_user_load_any(rq->db, lid, NULL, &u, &dis, e) < 0) {
		if (e->code == ERR_NOTFOUND) {
			err_clear(e);
			err_set(e, ERR_NOTFOUND, "no such user");
		}
		goto fail;
	}
	if (u.id == rq->user->id && !reset) {
		/* the page offers no such button; a form sent anyway gets the
		 * page again with the reason, not a bare error */
		static const struct web_field_error self = {
			"accounts", "You cannot change your own role or disable your own account. "
				    "Ask another administrator"};
		store_rollback(rq->db);
		rs->status = 400;
		return users_page(rq, rs, &self, 1, NULL, e);
	}
	if (!strcmp(what, "disable") && !web_param(rq, "confirm")) {
		/* GOV.UK: ask before a change that locks someone out */
		store_rollback(rq->db);
		return disable_confirm_page(rq, rs, &u);
	}
	if (!strcmp(what, "role")) {
		r = web_role_parse(role);
		if (r < 0) {
			err_set(e, ERR_USAGE, "unknown role");
			goto fail;
		}
		before = web_access_json(u.role, u.grants, u.revokes, NULL);
		/* grants and revokes that still make a difference are kept */
		rc = web_user_set_access(rq->db, u.id, r, u.grants, u.revokes, e);
		if (rc == 0)
			rc = web_user_load_any(rq->db, u.id, NULL, &u, &dis, e);
		if (rc == 0) {
			after = web_access_json(u.role, u.grants, u.revokes, NULL);
			rc = web_audit(rq, "user.role", u.name, before, after, e);
		}
		snprintf(msg, sizeof msg, "The role of %s is now %s", u.name, web_role_label(r));
	} else if (!reset) {
		int d = !strcmp(what, "disable");
		rc = store_exec(rq->db, e, "UPDATE web_user SET disabled = ? WHERE id = ?", "ii",
				(int64_t)d, u.id);
		if (rc == 0 && d)
			rc = store_exec(rq->db, e, "DELETE FROM web_session WHERE user_id = ?", "i", u.id);
		if (rc == 0)
			rc = web_audit(rq, d ? "user.disable" : "user.enable", u.name, NULL, NULL, e);
		snprintf(msg, sizeof msg, "%s has been %s", u.name, d ? "disabled" : "enabled");
	} else {
		rc = web_user_set_hash(rq->db, u.id, hash, 1, e);
		if (rc == 0)
			rc = web_audit(rq, "user.reset", u.name, NULL, NULL, e);
		snprintf(msg, sizeof msg, "New one-time password for %s: %s — give it to them "
			 "privately. It is not kept and will not be shown again.", u.name, pw);
	}
	if (rc < 0 || store_commit(rq->db, e) < 0)
		goto fail;
	free(before);
	free(after);
	if (reset) {
		/* shown in this answer only: never in the session's flash */
		sodium_memzero(pw, sizeof pw);
		rc = users_page(rq, rs, NULL, 0, msg, e);
		sodium_memzero(msg, sizeof msg);
		return rc;
	}
	web_flash(rq, msg);
	web_redirect(rs, "/admin/users");
	return 0;
fail:
	if (reset)
		sodium_memzero(pw, sizeof pw);
	free(before);
	free(after);
	store_rollback(rq->db);
	return e->code;
}

/* ---------- one account's access: /admin/users/ID ---------- */

/* The account the path names (disabled ones too); ERR_NOTFOUND if none. */
static int access_target(struct web_req *rq, struct web_user *u, int *disabled, struct err *e)
{
	long id;
	if (str_to_int(rq->arg, 1, INT32_MAX, &id) < 0 ||
	    web_user_load_any(rq->db, id, NULL, u, disabled, e) < 0) {
		err_clear(e);
		return err_set(e, ERR_NOTFOUND, "There is no account '%s'. The users page lists "
			       "every account.", rq->arg);
	}
	return 0;
}

/* The capabilities no page uses yet (casework): kept in
 * the data model and the command line, not offered on the access page. */
static unsigned reserved_caps(void)
{
	unsigned c, set = 0;
	for (c = 1; c & WEB_ALL_CAPS; c <<= 1)
		if (web_cap_reserved(c))
			set |= c;
	return set;
}

/* The account's page: what its role gives, and a form of checkboxes, one
 * per capability, with the lead initials. checked and initials are what
 * a failed form sent (else the account's own). */
static void access_page(struct web_req *rq, struct web_resp *rs, const struct web_user *u,
			int disabled, unsigned checked, const char *initials,
			const struct web_field_error *errs, int n)
{
	struct buf t = BUF_INIT;
	unsigned bundle = web_role_caps(u->role), c;
	char title[120];
	snprintf(title, sizeof title, "%sAccess for %s", n ? "Error: " : "", u->name);
	web_page_begin(rq, rs, title, SEC_ADMIN);
	web_raw(rs, "<a class=\"govuk-back-link\" href=\"/admin/users\">Users</a>\n"
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">Access for %s</h1>\n"
		       "<dl class=\"govuk-summary-list\">\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Role</dt>"
		       "<dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
		   u->name, web_role_label(u->role));
	web_caps_words(&t, bundle);
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "The role gives</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n"
		       "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">State</dt>"
		       "<dd class=\"govuk-summary-list__value\">%s</dd></div>\n</dl>\n",
		   buf_str(&t), disabled ? "Disabled" : u->must_change ? "One-time password" : "Active");
	if (u->caps & reserved_caps()) {
		/* granted on the command line, for pages still to come */
		buf_reset(&t);
		web_caps_words(&t, u->caps & reserved_caps());
		web_printf(rs, "<p class=\"govuk-body\">Also granted, for pages still to come: %s. "
			       "Saving this page keeps it.</p>\n",
			   buf_str(&t));
	}
	buf_free(&t);
	if (rq->user && u->id == rq->user->id) {
		web_raw(rs, "<div class=\"govuk-inset-text\">You cannot change your own access; ask "
			    "another administrator.</div>\n</div></div>\n");
		web_page_end(rq, rs);
		return;
	}
	web_printf(rs, "<form method=\"post\" action=\"/admin/users/%lld\" novalidate>\n"
		       "<input type=\"hidden\" name=\"do\" value=\"access\">\n",
		   (long long)u->id);
	web_csrf_field(rq, rs);
	web_raw(rs, "<div class=\"govuk-form-group\">\n"
		    "<fieldset class=\"govuk-fieldset\" aria-describedby=\"cap-hint\">\n"
		    "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">"
		    "<h2 class=\"govuk-fieldset__heading\">Capabilities</h2></legend>\n"
		    "<div id=\"cap-hint\" class=\"govuk-hint\">Tick what this account may do. What "
		    "differs from the role is kept, and stays when the role changes.</div>\n"
		    "<div class=\"govuk-checkboxes\" data-module=\"govuk-checkboxes\">\n");
	for (c = 1; c & WEB_ALL_CAPS; c <<= 1) {
		const char *name = web_cap_name(c);
		const char *src = (bundle & c) && (u->revokes & c) ? " Taken away from the role."
				  : (bundle & c)		      ? " From the role."
				  : (u->grants & c)		      ? " Granted beyond the role."
								      : "";
		if (web_cap_reserved(c))
			continue; /* no page uses it yet */
		web_printf(rs,
			   "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" "
			   "id=\"cap-%s\" name=\"cap\" type=\"checkbox\" value=\"%s\"%s "
			   "aria-describedby=\"cap-%s-hint\">\n"
			   "<label class=\"govuk-label govuk-checkboxes__label\" for=\"cap-%s\">%s</label>\n"
			   "<div id=\"cap-%s-hint\" class=\"govuk-hint govuk-checkboxes__hint\">%s.%s</div></div>\n",
			   name, name, (checked & c) ? " checked" : "", name, name, web_cap_label(c),
			   name, web_cap_about(c), src);
	}
	web_raw(rs, "</div>\n</fieldset>\n</div>\n");
	{
		struct web_field f = {"initials", NULL, "Lead initials",
				      "The initials used in the plan's Lead column, letters only, "
				      "for example JS; needed to update the actions they lead",
				      initials, "govuk-!-width-one-third",
				      "spellcheck=\"false\" autocomplete=\"off\""};
		web_input(rs, &f, "text", errs, n);
	}
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Save access</button>\n</form>\n</div></div>\n");
	web_page_end(rq, rs);
}

static int access_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct web_user u;
	int disabled = 0, rc;
	if ((rc = access_target(rq, &u, &disabled, e)) < 0)
		return rc;
	access_page(rq, rs, &u, disabled, u.caps, u.lead_initials, NULL, 0);
	return 0;
}

/* POST /admin/users/ID do=access: the ticked capabilities (cap, repeated)
 * and the lead initials. Judged inside the transaction, on the account as
 * it is then. */
static int access_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *what = web_param(rq, "do"), *v, *initials;
	struct web_field_error errs[2];
	struct web_user u;
	unsigned checked = 0, c, bundle;
	char *before = NULL, *after = NULL, msg[400];
	struct buf names = BUF_INIT;
	int i, n = 0, rc, disabled = 0;
	if (!what || strcmp(what, "access"))
		return err_set(e, ERR_USAGE, "the form did not say what to do");
	for (i = 0; (v = web_param_n(rq, "cap", i)); i++) {
		if (web_cap_parse(v, &c, e) < 0)
			return e->code;
		checked |= c;
	}
	initials = initials_field(rq, &errs[n]);
	if (!initials)
		n++;
	if ((rc = web_begin(rq, rs, CAP_MANAGE_USERS, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = access_target(rq, &u, &disabled, e)) < 0)
		goto fail;
	if (u.id == rq->user->id) {
		rc = err_set(e, ERR_DATA, "you cannot change your own access; ask another administrator");
		goto fail;
	}
	if (initials && needs_initials(checked, initials))
		errs[n++] = (struct web_field_error){
			"initials", "Enter the lead initials: they say which actions this account "
				    "leads, so that it can update them"};
	if (n) {
		store_rollback(rq->db);
		rs->status = 400;
		access_page(rq, rs, &u, disabled, checked, web_param(rq, "initials"), errs, n);
		return 0;
	}
	/* what the page does not offer stays as it is; a forged tick of it is
	 * ignored */
	checked = (checked & ~reserved_caps()) | (u.caps & reserved_caps());
	bundle = web_role_caps(u.role);
	before = web_access_json(u.role, u.grants, u.revokes, u.lead_initials);
	if ((rc = web_user_set_access(rq->db, u.id, u.role, checked & ~bundle, bundle & ~checked,
				      e)) < 0 ||
	    (rc = store_exec(rq->db, e, "UPDATE web_user SET lead_initials = ? WHERE id = ?", "ti",
			     initials, u.id)) < 0 ||
	    (rc = web_user_load_any(rq->db, u.id, NULL, &u, &disabled, e)) < 0)
		goto fail;
	after = web_access_json(u.role, u.grants, u.revokes, u.lead_initials);
	if ((rc = web_audit(rq, "user.access", u.name, before, after, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0)
		goto fail;
	web_caps_words(&names, u.caps);
	snprintf(msg, sizeof msg, "Access for %s saved. What they may do: %s.", u.name,
		 buf_str(&names));
	web_flash(rq, msg);
	snprintf(msg, sizeof msg, "/admin/users/%lld", (long long)u.id);
	web_redirect(rs, msg);
	rc = 0;
	goto done;
fail:
	store_rollback(rq->db);
done:
	buf_free(&names);
	free(before);
	free(after);
	return rc;
}

const struct web_route web_admin_pages[] = {
	{"GET", "/admin/audit", CAP_READ_AUDIT, web_audit_page},
	{"GET", "/admin/users", CAP_MANAGE_USERS, users_get},
	{"POST", "/admin/users", CAP_MANAGE_USERS, users_post},
	{"GET", "/admin/users/*", CAP_MANAGE_USERS, access_get},
	{"POST", "/admin/users/*", CAP_MANAGE_USERS, access_post},
};
const size_t web_admin_n_pages = sizeof web_admin_pages / sizeof web_admin_pages[0];

/* The commands of this room, with their help (core/room.h); sorted by
 * name, ended by a NULL name. */
const struct cli_command web_commands[] = {
	{"user add", user_add_cmd, "add a web account",
	 "usage: parity user add NAME --role admin|monitor|lead|viewer [--grant CAP]...\n"
	 "                       [--revoke CAP]... [--lead-initials XY] [--password-stdin]\n"
	 "                       [--as NAME]\n"
	 "\n"
	 "An account has a role, a bundle of capabilities, and may have capabilities\n"
	 "granted beyond it (--grant) or taken away from it (--revoke), each option\n"
	 "naming one. Capabilities: read-plan, update-own-actions, update-any-action,\n"
	 "import-data, handle-flags, publish, manage-users, read-audit, and members and\n"
	 "mailing (the staff network's; in no role: grant them by name), casework\n"
	 "(the network's confidential cases; in no role, never implied by admin), and\n"
	 "adjustments (reasonable adjustments and flexible working; in no role).\n"
	 "Roles: viewer = read-plan; lead = viewer + update-own-actions (the actions\n"
	 "whose Lead names their --lead-initials, letters only, required for leads);\n"
	 "monitor = lead + update-any-action, import-data, handle-flags, publish; admin =\n"
	 "monitor + manage-users, read-audit. The password (10 to 256 characters) is\n"
	 "asked twice at the terminal, or read as one line from standard input with\n"
	 "--password-stdin. It is stored only as an argon2id hash. Examples:\n"
	 "  parity user add jsmith --role lead --lead-initials JS\n"
	 "  parity user add data --role viewer --grant import-data\n"},
	{"user list", user_list_cmd, "list web accounts and their capabilities",
	 "usage: parity user list\n"
	 "\n"
	 "One line per account: name, role, lead initials, state and the\n"
	 "capabilities it has (its role's, plus grants, minus revokes).\n"},
	{"user passwd", user_passwd_cmd, "set a web account's password",
	 "usage: parity user passwd NAME [--password-stdin] [--as NAME]\n"
	 "\n"
	 "Sets a new password (asked twice, or one line on standard input with\n"
	 "--password-stdin) and signs the user out everywhere. Example:\n"
	 "  printf '%s\\n' \"$NEWPW\" | parity user passwd admin --password-stdin\n"},
	{"user set", user_set_cmd, "change a web account's role, capabilities, lead initials or email",
	 "usage: parity user set NAME [--role admin|monitor|lead|viewer] [--grant CAP]...\n"
	 "                       [--revoke CAP]... [--lead-initials XY] [--as NAME]\n"
	 "       parity user set NAME [--email ADDRESS] [--reminders on|off]\n"
	 "\n"
	 "--grant gives the account a capability (lifting a revoke), --revoke takes\n"
	 "one away (dropping a grant); the others stay as they were. --role changes\n"
	 "the bundle and keeps the grants and revokes that still make a difference.\n"
	 "The change is audited as user.access. 'parity help user add' lists the\n"
	 "capabilities and roles.\n"
	 "\n"
	 "--email gives the address the plan's reminders go to (a lead's actions due\n"
	 "in a week or overdue; flags raised, for those who handle flags); --email ''\n"
	 "clears it. --reminders off stops them, on starts them again. Audited as\n"
	 "user.contact. Examples:\n"
	 "  parity user set jsmith --grant handle-flags\n"
	 "  parity user set board --role viewer --revoke read-plan --grant read-audit\n"
	 "  parity user set jsmith --email j.smith@example.org\n"
	 "  parity user set jsmith --reminders off\n"},
	{NULL, NULL, NULL, NULL},
};
