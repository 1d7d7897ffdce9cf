/*
 * web/users.c: managing accounts — `parity user add|passwd|list` on the
 * command line, and the admin pages: users (add, change role, disable,
 * reset password) and the audit log. Every change is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "core/str.h"
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

int user_add_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *role = NULL, *initials = "", *as = NULL, *pos[1];
	int from_stdin = 0, npos = 0, r, rc;
	char pw[300], detail[160];
	int64_t id = 0;
	store_t *db;
	const struct cli_opt opts[] = {
		{"role", 0, CLI_STRING, &role},
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
	if (r == ROLE_LEAD && str_blank(initials))
		return err_set(e, ERR_USAGE,
			       "a lead needs --lead-initials (as written in the plan's Lead column, e.g. JS)");
	if (get_password(from_stdin, pw, sizeof pw, e) < 0)
		return e->code;
	if (store_open(ctx->db_path, &db, e) < 0)
		return e->code;
	snprintf(detail, sizeof detail, "{\"role\":\"%s\",\"lead_initials\":\"%s\"}", web_role_name(r),
		 initials);
	rc = store_begin(db, e);
	if (rc == 0)
		rc = web_user_create(db, pos[0], r, initials, pw, 0, &id, e);
	if (rc == 0) {
		char who[80];
		snprintf(who, sizeof who, "cli:%s", cli_author(as));
		rc = web_audit_as(db, who, "", "user.add", pos[0], NULL, detail, e);
	}
	if (rc == 0)
		rc = store_commit(db, e);
	sodium_memzero(pw, sizeof pw);
	store_rollback(db);
	store_close(db);
	if (rc == 0)
		fprintf(ctx->out, "added user %s (%s)\n", pos[0], web_role_name(r));
	return rc;
}

int user_passwd_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *as = NULL, *pos[1];
	int from_stdin = 0, npos = 0, rc;
	char pw[300], who[80];
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
	if (store_open(ctx->db_path, &db, e) < 0)
		return e->code;
	rc = web_user_load(db, 0, pos[0], &u, e);
	if (rc == 0)
		rc = get_password(from_stdin, pw, sizeof pw, e);
	if (rc == 0)
		rc = web_password_ok(u.name, pw, e);
	if (rc == 0)
		rc = store_begin(db, e);
	if (rc == 0)
		rc = web_user_set_password(db, u.id, pw, 0, e);
	if (rc == 0) {
		snprintf(who, sizeof who, "cli:%s", cli_author(as));
		rc = web_audit_as(db, who, "", "user.passwd", u.name, NULL, NULL, e);
	}
	if (rc == 0)
		rc = store_commit(db, e);
	sodium_memzero(pw, sizeof pw);
	store_rollback(db);
	store_close(db);
	if (rc == 0)
		fprintf(ctx->out, "password changed for %s; their sessions were ended\n", pos[0]);
	return rc;
}

int user_list_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	store_stmt_t *st;
	store_t *db;
	const char *pos[1];
	int rc, npos = 0;
	const struct cli_opt opts[] = {{NULL, 0, CLI_FLAG, NULL}};
	if (cli_parse(ctx, argc, argv, opts, pos, 0, &npos, e) < 0)
		return e->code;
	if (store_open(ctx->db_path, &db, e) < 0)
		return e->code;
	rc = store_prepare(db, &st, e,
			   "SELECT name, role, lead_initials, disabled, must_change FROM web_user ORDER BY name",
			   "");
	if (rc == 0) {
		fprintf(ctx->out, "%-20s %-8s %-8s %s\n", "NAME", "ROLE", "LEADS", "STATE");
		while ((rc = store_step(st, e)) == 1)
			fprintf(ctx->out, "%-20s %-8s %-8s %s\n", store_col_text(st, 0),
				store_col_text(st, 1), store_col_text(st, 2),
				store_col_int(st, 3) ? "disabled"
				: store_col_int(st, 4) ? "one-time password"
						       : "active");
		store_done(st);
	}
	store_close(db);
	return rc < 0 ? rc : 0;
}

/* ---------- admin pages ---------- */

static void role_select(struct web_resp *rs, const char *id, const char *current)
{
	int r;
	web_printf(rs, "<select class=\"govuk-select\" id=\"%s\" name=\"role\">\n", id);
	for (r = ROLE_VIEWER; r <= ROLE_ADMIN; r++)
		web_printf(rs, "<option value=\"%s\"%s>%s</option>\n", web_role_name(r),
			   current && !strcmp(current, web_role_name(r)) ? " selected" : "",
			   web_role_name(r));
	web_raw(rs, "</select>\n");
}

static void text_field(struct web_resp *rs, const char *id, const char *label, const char *hint,
		       const char *value, const char *error, const char *extra)
{
	web_printf(rs, "<div class=\"govuk-form-group%s\">\n<label class=\"govuk-label\" for=\"%s\">%s</label>\n",
		   error ? " govuk-form-group--error" : "", id, label);
	if (hint)
		web_printf(rs, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>\n", id, hint);
	if (error)
		web_printf(rs, "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
			       "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			   id, error);
	web_printf(rs, "<input class=\"govuk-input govuk-!-width-one-third%s\" id=\"%s\" name=\"%s\" ",
		   error ? " govuk-input--error" : "", id, id);
	web_raw(rs, extra);
	web_printf(rs, " value=\"%s\"", value ? value : "");
	if (hint || error)
		web_printf(rs, " aria-describedby=\"%s%s%s%s%s\"", hint ? id : "", hint ? "-hint" : "",
			   hint && error ? " " : "", error ? id : "", error ? "-error" : "");
	web_raw(rs, ">\n</div>\n");
}

static int users_page(struct web_req *rq, struct web_resp *rs, const struct web_field_error *errs,
		      int n, struct err *e)
{
	store_stmt_t *st;
	int rc;
	web_page_begin(rq, rs, n ? "Error: Users" : "Users", SEC_ADMIN);
	web_error_summary(rs, errs, n);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Users</h1>\n"
		    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/admin/audit\">Audit log</a> — "
		    "every change made in parity, by whom and when.</p>\n"
		    "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption govuk-table__caption--m\">"
		    "Accounts</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Name</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Role</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Lead initials</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">State</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Change</th></tr></thead>\n"
		    "<tbody class=\"govuk-table__body\">\n");
	rc = store_prepare(rq->db, &st, e,
			   "SELECT id, name, role, lead_initials, disabled, must_change FROM web_user ORDER BY name",
			   "");
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		int64_t id = store_col_int(st, 0);
		const char *name = store_col_text(st, 1);
		web_printf(rs,
			   "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">%s</th>"
			   "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">",
			   name, store_col_text(st, 2), store_col_text(st, 3),
			   store_col_int(st, 4) ? "Disabled"
			   : store_col_int(st, 5) ? "One-time password"
						  : "Active");
		web_printf(rs, "<form method=\"post\" action=\"/admin/users\" class=\"parity-inline-form\">"
			       "<input type=\"hidden\" name=\"id\" value=\"%lld\">",
			   (long long)id);
		web_csrf_field(rq, rs);
		web_printf(rs, "<label class=\"govuk-label govuk-visually-hidden\" for=\"role-%lld\">Role for %s</label>",
			   (long long)id, name);
		{
			char sid[32];
			snprintf(sid, sizeof sid, "role-%lld", (long long)id);
			role_select(rs, sid, store_col_text(st, 2));
		}
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
			   name, name, store_col_int(st, 4) ? "enable" : "disable",
			   store_col_int(st, 4) ? "Enable" : "Disable", name);
	}
	store_done(st);
	if (rc < 0)
		return rc;
	web_raw(rs, "</tbody>\n</table>\n<h2 class=\"govuk-heading-m\">Add a user</h2>\n"
		    "<form method=\"post\" action=\"/admin/users\" novalidate>\n"
		    "<input type=\"hidden\" name=\"do\" value=\"add\">\n");
	web_csrf_field(rq, rs);
	text_field(rs, "name", "User name", "No spaces, for example jsmith", web_param(rq, "name"),
		   web_field_error(errs, n, "name"), "type=\"text\" spellcheck=\"false\" autocomplete=\"off\"");
	web_raw(rs, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"new-role\">Role</label>\n"
		    "<div id=\"new-role-hint\" class=\"govuk-hint\">Viewer reads; lead updates the actions "
		    "they lead; monitor imports data, handles flags and edits the plan; admin also manages "
		    "users.</div>\n");
	role_select(rs, "new-role", web_param(rq, "role") ? web_param(rq, "role") : "viewer");
	web_raw(rs, "</div>\n");
	text_field(rs, "initials", "Lead initials",
		   "For leads: the initials used in the plan's Lead column, for example JS",
		   web_param(rq, "initials"), web_field_error(errs, n, "initials"),
		   "type=\"text\" spellcheck=\"false\" autocomplete=\"off\"");
	web_raw(rs, "<p class=\"govuk-body\">A one-time password will be shown once the account is "
		    "added. The user chooses their own when they first sign in.</p>\n"
		    "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add user</button>\n"
		    "</form>\n");
	web_page_end(rq, rs);
	return 0;
}

static int users_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return users_page(rq, rs, NULL, 0, e);
}

static int users_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *what = web_param(rq, "do"), *name = web_param(rq, "name");
	const char *role = web_param(rq, "role"), *initials = web_param(rq, "initials");
	struct web_field_error errs[2];
	struct web_user u;
	char pw[17], msg[200], before[120], after[120];
	int64_t id = 0;
	long lid = 0;
	int rc = 0, r;
	if (!what)
		return err_set(e, ERR_USAGE, "the form did not say what to do");
	if (!strcmp(what, "add")) {
		int n = 0;
		r = web_role_parse(role);
		if (str_blank(name))
			errs[n++] = (struct web_field_error){"name", "Enter a user name"};
		if (r == ROLE_LEAD && str_blank(initials))
			errs[n++] = (struct web_field_error){"initials", "Enter the lead's initials as written in the plan"};
		if (r < 0)
			return err_set(e, ERR_USAGE, "unknown role");
		if (!n) {
			web_password_random(pw);
			if (store_begin(rq->db, e) < 0)
				return e->code;
			rc = web_user_create(rq->db, name, r, initials, pw, 1, &id, e);
			if (rc == ERR_DATA) {
				errs[n++] = (struct web_field_error){"name", e->msg};
				store_rollback(rq->db);
			} else {
				snprintf(after, sizeof after, "{\"role\":\"%s\",\"lead_initials\":\"%s\"}",
					 web_role_name(r), initials ? initials : "");
				if (rc < 0 || web_audit(rq, "user.add", name, NULL, after, e) < 0 ||
				    store_commit(rq->db, e) < 0) {
					store_rollback(rq->db);
					return e->code;
				}
				snprintf(msg, sizeof msg, "Added %s. Their one-time password is %s — give it "
					 "to them privately; they will choose their own at first sign-in.", name, pw);
				web_flash(rq, msg);
				web_redirect(rs, "/admin/users");
				return 0;
			}
		}
		rs->status = 400;
		err_clear(e);
		return users_page(rq, rs, errs, n, e);
	}
	if (!web_param(rq, "id") || str_to_int(web_param(rq, "id"), 1, INT32_MAX, &lid) < 0)
		return err_set(e, ERR_USAGE, "the form did not name a user");
	if (store_begin(rq->db, e) < 0)
		return e->code;
	if (web_user_load(rq->db, lid, NULL, &u, e) < 0) {
		/* a disabled user is not loaded: read the name directly */
		store_stmt_t *st;
		err_clear(e);
		memset(&u, 0, sizeof u);
		if (store_prepare(rq->db, &st, e, "SELECT name, role FROM web_user WHERE id = ?", "i",
				  (int64_t)lid) < 0)
			goto fail;
		if (store_step(st, e) == 1) {
			u.id = lid;
			snprintf(u.name, sizeof u.name, "%s", store_col_text(st, 0));
			u.role = web_role_parse(store_col_text(st, 1));
		}
		store_done(st);
		if (!u.id) {
			err_set(e, ERR_NOTFOUND, "no such user");
			goto fail;
		}
	}
	if (u.id == rq->user->id && strcmp(what, "reset")) {
		store_rollback(rq->db);
		return err_set(e, ERR_DATA, "you cannot change your own role or disable yourself; ask another administrator");
	}
	if (!strcmp(what, "role")) {
		r = web_role_parse(role);
		if (r < 0) {
			err_set(e, ERR_USAGE, "unknown role");
			goto fail;
		}
		snprintf(before, sizeof before, "{\"role\":\"%s\"}", web_role_name(u.role));
		snprintf(after, sizeof after, "{\"role\":\"%s\"}", web_role_name(r));
		rc = store_exec(rq->db, e, "UPDATE web_user SET role = ? WHERE id = ?", "ti",
				web_role_name(r), u.id);
		if (rc == 0)
			rc = web_audit(rq, "user.role", u.name, before, after, e);
		snprintf(msg, sizeof msg, "%s is now %s", u.name, web_role_name(r));
	} else if (!strcmp(what, "disable") || !strcmp(what, "enable")) {
		int dis = !strcmp(what, "disable");
		rc = store_exec(rq->db, e, "UPDATE web_user SET disabled = ? WHERE id = ?", "ii",
				(int64_t)dis, u.id);
		if (rc == 0 && dis)
			rc = store_exec(rq->db, e, "DELETE FROM web_session WHERE user_id = ?", "i", u.id);
		if (rc == 0)
			rc = web_audit(rq, dis ? "user.disable" : "user.enable", u.name, NULL, NULL, e);
		snprintf(msg, sizeof msg, "%s has been %s", u.name, dis ? "disabled" : "enabled");
	} else if (!strcmp(what, "reset")) {
		web_password_random(pw);
		rc = web_user_set_password(rq->db, u.id, pw, 1, e);
		if (rc == 0)
			rc = web_audit(rq, "user.reset", u.name, NULL, NULL, e);
		snprintf(msg, sizeof msg, "New one-time password for %s: %s — give it to them privately.",
			 u.name, pw);
	} else {
		err_set(e, ERR_USAGE, "unknown change '%s'", what);
		goto fail;
	}
	if (rc < 0 || store_commit(rq->db, e) < 0)
		goto fail;
	web_flash(rq, msg);
	web_redirect(rs, "/admin/users");
	return 0;
fail:
	store_rollback(rq->db);
	return e->code;
}

static int audit_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	store_stmt_t *st;
	const char *who = web_param(rq, "who"), *what = web_param(rq, "what");
	int rc, n = 0;
	web_page_begin(rq, rs, "Audit log", SEC_ADMIN);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Audit log</h1>\n"
		    "<form method=\"get\" action=\"/admin/audit\" class=\"parity-filters\">\n");
	text_field(rs, "who", "Who", NULL, who, NULL, "type=\"text\" spellcheck=\"false\"");
	text_field(rs, "what", "Change", "For example plan.update", what, NULL, "type=\"text\" spellcheck=\"false\"");
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\">Filter</button>\n</form>\n");
	rc = store_prepare(rq->db, &st, e,
			   "SELECT at, who, address, what, target, before, after FROM audit_log "
			   "WHERE (? IS NULL OR ? = '' OR who = ?) AND (? IS NULL OR ? = '' OR what LIKE ? || '%') "
			   "ORDER BY id DESC LIMIT 500",
			   "tttttt", who, who, who, what, what, what);
	if (rc < 0)
		return rc;
	web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Audit log\"><table class=\"govuk-table\">\n"
		    "<caption class=\"govuk-table__caption govuk-table__caption--m\">Latest 500 changes, newest first</caption>\n"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">When (UTC)</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Who</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Change</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Of</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Before</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">After</th></tr></thead>\n"
		    "<tbody class=\"govuk-table__body\">\n");
	while ((rc = store_step(st, e)) == 1) {
		n++;
		web_printf(rs,
			   "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell parity-nowrap\">%s</td>"
			   "<td class=\"govuk-table__cell\">%s<br><span class=\"govuk-body-s\">%s</span></td>"
			   "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
			   "<td class=\"govuk-table__cell parity-pre\">%s</td>"
			   "<td class=\"govuk-table__cell parity-pre\">%s</td></tr>\n",
			   store_col_text(st, 0), store_col_text(st, 1), store_col_text(st, 2),
			   store_col_text(st, 3), store_col_text(st, 4),
			   store_col_text(st, 5) ? store_col_text(st, 5) : "",
			   store_col_text(st, 6) ? store_col_text(st, 6) : "");
	}
	store_done(st);
	if (rc < 0)
		return rc;
	web_raw(rs, "</tbody>\n</table></div>\n");
	if (!n)
		web_raw(rs, "<p class=\"govuk-body\">No changes match.</p>\n");
	web_page_end(rq, rs);
	return 0;
}

const struct web_route web_admin_pages[] = {
	{"GET", "/admin/users", ROLE_ADMIN, users_get},
	{"POST", "/admin/users", ROLE_ADMIN, users_post},
	{"GET", "/admin/audit", ROLE_ADMIN, audit_get},
};
const size_t web_admin_n_pages = sizeof web_admin_pages / sizeof web_admin_pages[0];
