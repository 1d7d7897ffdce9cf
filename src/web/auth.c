/*
 * web/auth.c: who is signed in — argon2id passwords (libsodium), sessions
 * kept server-side under a hash of the cookie, idle and absolute expiry,
 * sign-in throttling per account and per address, the audit log, and the
 * sign-in, sign-out and change-password pages.
 */
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/dates.h"
#include "core/str.h"
#include "web/http.h"
#include "web/internal.h"

#define FAIL_WINDOW 900	  /* seconds over which failed sign-ins count */
#define FAIL_PER_NAME 5	  /* failures for one account before it waits */
#define FAIL_PER_ADDR 20  /* failures from one address before it waits */

static void to_hex(const unsigned char *in, size_t n, char *out)
{
	sodium_bin2hex(out, n * 2 + 1, in, n);
}

void web_token_new(char out[WEB_TOKEN_HEX + 1])
{
	unsigned char b[32];
	randombytes_buf(b, sizeof b);
	to_hex(b, sizeof b, out);
}

void web_token_hash(const char *token, char out[WEB_TOKEN_HEX + 1])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	to_hex(h, sizeof h, out);
}

int web_password_hash(const char *password, char out[128], struct err *e)
{
	if (crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return err_set(e, ERR_INTERNAL, "not enough memory to hash the password (argon2id needs 64 MiB)");
	return 0;
}

int web_password_check(const char *password, const char *hash)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int web_password_ok(const char *name, const char *password, struct err *e)
{
	size_t n = strlen(password);
	if (n < 10)
		return err_set(e, ERR_DATA, "the password must be at least 10 characters long");
	if (n > 256)
		return err_set(e, ERR_DATA, "the password must be at most 256 characters long");
	if (name && str_eq_ci(name, password))
		return err_set(e, ERR_DATA, "the password must not be the user name");
	return 0;
}

void web_password_random(char out[17])
{
	/* no 0/O, 1/l/I: easy to read out and type */
	static const char al[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	int i;
	for (i = 0; i < 16; i++)
		out[i] = al[randombytes_uniform(sizeof al - 1)];
	out[16] = '\0';
}

/* The user's grants and revokes from web_user_cap (names this build does
 * not know are skipped: a newer parity may have written them). */
static int caps_load(store_t *db, struct web_user *u, struct err *e)
{
	store_stmt_t *st;
	int rc;
	u->grants = u->revokes = 0;
	if (store_prepare(db, &st, e, "SELECT cap, granted FROM web_user_cap WHERE user_id = ?",
			  "i", u->id) < 0)
		return e->code;
	while ((rc = store_step(st, e)) == 1) {
		unsigned c = 0;
		struct err ignore = {0};
		if (web_cap_parse(store_col_text(st, 0), &c, &ignore) < 0)
			continue;
		if (store_col_int(st, 1))
			u->grants |= c;
		else
			u->revokes |= c;
	}
	store_done(st);
	u->caps = web_caps_effective(u->role, u->grants, u->revokes);
	return rc < 0 ? rc : 0;
}

/* One user by id or name, disabled or not (*disabled says which). */
static int user_load(store_t *db, int64_t id, const char *name, struct web_user *u,
		     int *disabled, struct err *e)
{
	store_stmt_t *st;
	int rc;
	if (name)
		rc = store_prepare(db, &st, e,
				   "SELECT id, name, role, lead_initials, must_change, disabled FROM web_user "
				   "WHERE name = ?",
				   "t", name);
	else
		rc = store_prepare(db, &st, e,
				   "SELECT id, name, role, lead_initials, must_change, disabled FROM web_user "
				   "WHERE id = ?",
				   "i", id);
	if (rc < 0)
		return rc;
	rc = store_step(st, e);
	if (rc == 1) {
		const char *ini = store_col_text(st, 3);
		struct err ie = {0};
		memset(u, 0, sizeof *u);
		u->id = store_col_int(st, 0);
		snprintf(u->name, sizeof u->name, "%s", store_col_text(st, 1));
		u->role = web_role_parse(store_col_text(st, 2));
		/* Initials that break the rules (stored by an older parity)
		 * count as none, rather than being cut to fit. */
		if (ini && web_initials_ok(ini, &ie) == 0)
			snprintf(u->lead_initials, sizeof u->lead_initials, "%s", ini);
		u->must_change = (int)store_col_int(st, 4);
		*disabled = (int)store_col_int(st, 5);
	}
	store_done(st);
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "no user %s", name ? name : "with that id");
	if (rc < 0)
		return rc;
	return caps_load(db, u, e);
}

int web_user_load(store_t *db, int64_t id, const char *name, struct web_user *u, struct err *e)
{
	int disabled = 0, rc = user_load(db, id, name, u, &disabled, e);
	if (rc == 0 && disabled)
		return err_set(e, ERR_NOTFOUND, "no user %s", name ? name : "with that id");
	return rc;
}

int web_user_load_any(store_t *db, int64_t id, const char *name, struct web_user *u,
		      int *disabled, struct err *e)
{
	return user_load(db, id, name, u, disabled, e);
}

const char *web_user_name_problem(const char *name)
{
	size_t i, n = name ? strlen(name) : 0;
	if (str_blank(name))
		return "Enter a user name";
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return "User name must only include lowercase letters, numbers, full stops, "
			       "hyphens and underscores, for example j.smith";
	}
	if (n < 2 || n > 32)
		return "User name must be between 2 and 32 characters";
	return NULL;
}

int web_user_name_ok(const char *name, struct err *e)
{
	if (web_user_name_problem(name))
		return err_set(e, ERR_DATA,
			       "user name '%.80s' is not allowed: use 2 to 32 lowercase letters, digits, "
			       "'.', '_' or '-' (for example j.smith)",
			       name ? name : "");
	return 0;
}

/* Replace the user's rows in web_user_cap with grants and revokes. */
static int caps_store(store_t *db, int64_t id, unsigned grants, unsigned revokes, struct err *e)
{
	unsigned c;
	if (store_exec(db, e, "DELETE FROM web_user_cap WHERE user_id = ?", "i", id) < 0)
		return e->code;
	for (c = 1; c & WEB_ALL_CAPS; c <<= 1)
		if (((grants | revokes) & c) &&
		    store_exec(db, e, "INSERT INTO web_user_cap (user_id, cap, granted) VALUES (?, ?, ?)",
			       "iti", id, web_cap_name(c), (int64_t)((grants & c) != 0)) < 0)
			return e->code;
	return 0;
}

int web_user_set_access(store_t *db, int64_t id, int role, unsigned grants, unsigned revokes,
			struct err *e)
{
	unsigned bundle = web_role_caps(role);
	char now[21];
	if (!bundle)
		return err_set(e, ERR_DATA, "unknown role; use admin, monitor, lead or viewer");
	date_now_iso(now);
	if (store_exec(db, e, "UPDATE web_user SET role = ?, updated_at = ? WHERE id = ?", "tti",
		       web_role_name(role), now, id) < 0)
		return e->code;
	return caps_store(db, id, grants & ~bundle & WEB_ALL_CAPS, revokes & bundle, e);
}

int web_user_create(store_t *db, const char *name, int role, unsigned grants, unsigned revokes,
		    const char *initials, const char *pw_hash, int must_change, int64_t *id,
		    struct err *e)
{
	char now[21];
	int64_t n = 0, uid;
	if (web_user_name_ok(name, e) < 0 || web_initials_ok(initials, e) < 0)
		return e->code;
	if (!web_role_caps(role))
		return err_set(e, ERR_DATA, "unknown role; use admin, monitor, lead or viewer");
	if (store_query_int(db, &n, e, "SELECT count(*) FROM web_user WHERE name = ?", "t", name) < 0)
		return e->code;
	if (n)
		return err_set(e, ERR_DATA, "there is already a user called %s; choose another name", name);
	date_now_iso(now);
	if (store_exec(db, e,
		       "INSERT INTO web_user (name, role, lead_initials, pw_hash, must_change, "
		       "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		       "ttttitt", name, web_role_name(role), initials ? initials : "", pw_hash,
		       (int64_t)must_change, now, now) < 0)
		return e->code;
	uid = store_last_id(db);
	if (id)
		*id = uid;
	return web_user_set_access(db, uid, role, grants, revokes, e);
}

int web_user_set_hash(store_t *db, int64_t id, const char *pw_hash, int must_change,
		      struct err *e)
{
	char now[21];
	date_now_iso(now);
	if (store_exec(db, e, "UPDATE web_user SET pw_hash = ?, must_change = ?, updated_at = ? WHERE id = ?",
		       "titi", pw_hash, (int64_t)must_change, now, id) < 0)
		return e->code;
	return store_exec(db, e, "DELETE FROM web_session WHERE user_id = ?", "i", id);
}

char *web_access_json(int role, unsigned grants, unsigned revokes, const char *initials)
{
	json_t *o = json_object(), *g = json_array(), *r = json_array();
	unsigned c;
	char *s;
	for (c = 1; c & WEB_ALL_CAPS; c <<= 1) {
		if (grants & c)
			json_array_append_new(g, json_string(web_cap_name(c)));
		if (revokes & c)
			json_array_append_new(r, json_string(web_cap_name(c)));
	}
	json_object_set_new(o, "role", json_string(web_role_name(role)));
	json_object_set_new(o, "grants", g);
	json_object_set_new(o, "revokes", r);
	if (initials)
		json_object_set_new(o, "lead_initials", json_string(initials));
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return s;
}

int web_audit_as(store_t *db, const char *who, const char *address, const char *what,
		 const char *target, const char *before, const char *after, struct err *e)
{
	char now[21];
	date_now_iso(now);
	return store_exec(db, e,
			  "INSERT INTO audit_log (at, who, address, what, target, before, after) "
			  "VALUES (?, ?, ?, ?, ?, ?, ?)",
			  "ttttttt", now, who, address ? address : "", what, target ? target : "",
			  before, after);
}

int web_audit(struct web_req *rq, const char *what, const char *target, const char *before,
	      const char *after, struct err *e)
{
	return web_audit_as(rq->db, rq->user ? rq->user->name : "-", rq->remote, what, target,
			    before, after, e);
}

/* A hash of a random password, checked when the name is unknown so that
 * a wrong name costs as much time as a wrong password. */
static char dummy_hash[128];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void dummy_make(void)
{
	char pw[17];
	struct err e = {0};
	web_password_random(pw);
	web_password_hash(pw, dummy_hash, &e);
}

/* ---------- sessions ---------- */

int web_session_load(struct web_req *rq, const char *cookie, int *expired, struct err *e)
{
	struct web_ctx *x = rq->priv;
	char hash[WEB_TOKEN_HEX + 1];
	store_stmt_t *st;
	int64_t uid = 0, created = 0, seen = 0, now = (int64_t)time(NULL);
	int rc;
	*expired = 0;
	web_token_hash(cookie, hash);
	rc = store_prepare(rq->db, &st, e,
			   "SELECT user_id, csrf, created_at, seen_at FROM web_session WHERE token_hash = ?",
			   "t", hash);
	if (rc < 0)
		return rc;
	rc = store_step(st, e);
	if (rc == 1) {
		uid = store_col_int(st, 0);
		snprintf(x->csrf, sizeof x->csrf, "%s", store_col_text(st, 1));
		created = store_col_int(st, 2);
		seen = store_col_int(st, 3);
	}
	store_done(st);
	if (rc <= 0)
		return rc;
	if (now - seen >= x->cfg->idle_seconds || now - created >= x->cfg->absolute_seconds) {
		*expired = 1;
		x->csrf[0] = '\0';
		web_set_cookie(rq, "parity_session", "", -1);
		return store_exec(rq->db, e, "DELETE FROM web_session WHERE token_hash = ?", "t", hash);
	}
	if (web_user_load(rq->db, uid, NULL, &x->user, e) < 0) {
		x->csrf[0] = '\0';
		err_clear(e);
		return store_exec(rq->db, e, "DELETE FROM web_session WHERE token_hash = ?", "t", hash);
	}
	snprintf(x->token_hash, sizeof x->token_hash, "%s", hash);
	rq->user = &x->user;
	/* Touch at most once a minute (sooner for short idle limits), and
	 * never wait for it: a page view is a read and must not queue behind
	 * an import's writes (issue 13, finding 8); a touch skipped because
	 * the database is busy is made by a later view. */
	if (now - seen >= (x->cfg->idle_seconds >= 600 ? 60 : x->cfg->idle_seconds >= 60 ? 15 : 1))
		return store_exec_if_free(rq->db, e,
					  "UPDATE web_session SET seen_at = ? WHERE token_hash = ?",
					  "it", now, hash) < 0 ? e->code : 0;
	return 0;
}

int web_session_start(struct web_req *rq, int64_t user_id, struct err *e)
{
	struct web_ctx *x = rq->priv;
	char token[WEB_TOKEN_HEX + 1], hash[WEB_TOKEN_HEX + 1];
	int64_t now = (int64_t)time(NULL);
	web_token_new(token);
	web_token_hash(token, hash);
	web_token_new(x->csrf);
	if (store_exec(rq->db, e,
		       "DELETE FROM web_session WHERE seen_at < ? OR created_at < ?", "ii",
		       now - x->cfg->idle_seconds, now - x->cfg->absolute_seconds) < 0)
		return e->code;
	if (store_exec(rq->db, e,
		       "INSERT INTO web_session (token_hash, user_id, csrf, created_at, seen_at) "
		       "VALUES (?, ?, ?, ?, ?)",
		       "titii", hash, user_id, x->csrf, now, now) < 0)
		return e->code;
	snprintf(x->token_hash, sizeof x->token_hash, "%s", hash);
	web_set_cookie(rq, "parity_session", token, 0);
	x->set_csrf_cookie = 0;
	sodium_memzero(token, sizeof token);
	return 0;
}

int web_session_end(struct web_req *rq, struct err *e)
{
	struct web_ctx *x = rq->priv;
	web_set_cookie(rq, "parity_session", "", -1);
	if (!x->token_hash[0])
		return 0;
	return store_exec(rq->db, e, "DELETE FROM web_session WHERE token_hash = ?", "t",
			  x->token_hash);
}

/* The first step of a sign-in, in one short transaction: throttle, or
 * record the attempt as a failure in advance and read the account's hash.
 * Returns 0 (found set, hash filled when found), 2 when throttled. */
static int login_start(struct web_req *rq, const char *name, int64_t now, int64_t *user_id,
		       char hash[128], int *found, struct err *e)
{
	int64_t by_name = 0, by_addr = 0, oldest = 0;
	store_stmt_t *st;
	int rc;
	if (store_begin(rq->db, e) < 0)
		return e->code;
	if (store_query_int(rq->db, &by_name, e,
			    "SELECT count(*) FROM web_login_fail WHERE name = ? AND at > ?", "ti",
			    name, now - FAIL_WINDOW) < 0 ||
	    store_query_int(rq->db, &by_addr, e,
			    "SELECT count(*) FROM web_login_fail WHERE address = ? AND at > ?", "ti",
			    rq->remote, now - FAIL_WINDOW) < 0)
		goto fail;
	if (by_name >= FAIL_PER_NAME || by_addr >= FAIL_PER_ADDR) {
		if (store_query_int(rq->db, &oldest, e,
				    "SELECT min(at) FROM web_login_fail WHERE (name = ? OR address = ?) AND at > ?",
				    "tti", name, rq->remote, now - FAIL_WINDOW) < 0)
			goto fail;
		store_rollback(rq->db);
		err_set(e, ERR_DATA,
			"Too many failed sign-in attempts. Wait %lld minutes, then try again, or ask an "
			"administrator to reset your password.",
			(long long)((oldest + FAIL_WINDOW - now) / 60 + 1));
		return 2;
	}
	if (store_exec(rq->db, e, "INSERT INTO web_login_fail (name, address, at) VALUES (?, ?, ?)",
		       "tti", name, rq->remote, now) < 0 ||
	    store_exec(rq->db, e, "DELETE FROM web_login_fail WHERE at < ?", "i", now - FAIL_WINDOW) < 0)
		goto fail;
	if (store_prepare(rq->db, &st, e,
			  "SELECT id, pw_hash FROM web_user WHERE name = ? AND disabled = 0", "t",
			  name) < 0)
		goto fail;
	if ((rc = store_step(st, e)) == 1) {
		*user_id = store_col_int(st, 0);
		snprintf(hash, 128, "%s", store_col_text(st, 1));
		*found = 1;
	}
	store_done(st);
	if (rc < 0 || store_commit(rq->db, e) < 0)
		goto fail;
	return 0;
fail:
	store_rollback(rq->db);
	return e->code ? e->code : ERR_DB;
}

int web_login_check(struct web_req *rq, const char *name, const char *password,
		    int64_t *user_id, struct err *e)
{
	int64_t now = (int64_t)time(NULL);
	char hash[128] = "";
	int rc, found = 0;
	if ((rc = login_start(rq, name, now, user_id, hash, &found, e)) != 0)
		return rc;
	/* The slow part, outside any transaction: writers are not held up. */
	pthread_once(&dummy_once, dummy_make);
	if (web_password_check(password, found ? hash : dummy_hash) && found)
		return 0;
	return 1;
}

int web_login_clear(struct web_req *rq, const char *name, struct err *e)
{
	return store_exec(rq->db, e, "DELETE FROM web_login_fail WHERE name = ?", "t", name);
}

/* Begin the writing transaction of a handler and check the user's
 * capabilities again inside it (see web.h). */
int web_recheck(struct web_req *rq, struct web_resp *rs, unsigned need, struct err *e)
{
	struct web_ctx *x = rq->priv;
	struct web_user u;
	int rc;
	if (need == CAP_PUBLIC || !rq->user)
		return 0;
	rc = web_user_load(rq->db, rq->user->id, NULL, &u, e);
	if (rc == ERR_NOTFOUND) {
		err_clear(e);
		memset(&u, 0, sizeof u); /* disabled meanwhile: no capabilities */
	} else if (rc < 0) {
		return rc;
	}
	if (x && rq->user == &x->user)
		x->user = u; /* pages written after this see the account as it is */
	if (rc == ERR_NOTFOUND || (need != CAP_SIGNED_IN && !(u.caps & need))) {
		if (x && rq->user == &x->user)
			rq->user = u.id ? &x->user : NULL;
		web_forbidden(rq, rs, need);
		return 1;
	}
	return 0;
}

int web_begin(struct web_req *rq, struct web_resp *rs, unsigned need, struct err *e)
{
	int rc;
	if (store_begin(rq->db, e) < 0)
		return e->code;
	if ((rc = web_recheck(rq, rs, need, e)) != 0)
		store_rollback(rq->db);
	return rc;
}

/* ---------- pages ---------- */

/* next= (decoded) names a page of this site: see http_local_path_ok. */
static int safe_next(const char *next)
{
	return http_local_path_ok(next);
}

static void login_form(struct web_req *rq, struct web_resp *rs, const char *name,
		       const struct web_field_error *errs, int n, const char *notice)
{
	const char *next = web_param(rq, "next");
	const char *ename = web_field_error(errs, n, "name");
	const char *epw = web_field_error(errs, n, "password");
	web_page_begin(rq, rs, n ? "Error: Sign in" : "Sign in", SEC_NONE);
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n);
	if (notice)
		web_printf(rs, "<div class=\"govuk-inset-text\">%s</div>\n", notice);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Sign in</h1>\n"
		    "<form method=\"post\" action=\"/login\" novalidate>\n");
	web_csrf_field(rq, rs);
	if (safe_next(next))
		web_printf(rs, "<input type=\"hidden\" name=\"next\" value=\"%s\">\n", next);
	web_printf(rs,
		   "<div class=\"govuk-form-group%s\">\n<label class=\"govuk-label\" for=\"name\">User name</label>\n",
		   ename ? " govuk-form-group--error" : "");
	if (ename)
		web_printf(rs, "<p id=\"name-error\" class=\"govuk-error-message\"><span "
			       "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			   ename);
	web_printf(rs,
		   "<input class=\"govuk-input govuk-!-width-one-half%s\" id=\"name\" name=\"name\" "
		   "type=\"text\" autocomplete=\"username\" spellcheck=\"false\" value=\"%s\"",
		   ename ? " govuk-input--error" : "", name ? name : "");
	web_raw(rs, ename ? " aria-describedby=\"name-error\">\n</div>\n" : ">\n</div>\n");
	web_printf(rs,
		   "<div class=\"govuk-form-group%s\">\n<label class=\"govuk-label\" for=\"password\">Password</label>\n",
		   epw ? " govuk-form-group--error" : "");
	if (epw)
		web_printf(rs, "<p id=\"password-error\" class=\"govuk-error-message\"><span "
			       "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			   epw);
	web_printf(rs,
		   "<input class=\"govuk-input govuk-!-width-one-half%s\" id=\"password\" name=\"password\" "
		   "type=\"password\" autocomplete=\"current-password\"",
		   epw ? " govuk-input--error" : "");
	web_raw(rs, epw ? " aria-describedby=\"password-error\">\n</div>\n" : ">\n</div>\n");
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Sign in</button>\n"
		    "</form>\n<p class=\"govuk-body\">Forgotten your password? Ask an administrator of "
		    "this site to reset it.</p>\n</div></div>\n");
	web_page_end(rq, rs);
}

static int login_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	if (rq->user) {
		web_redirect(rs, "/");
		return 0;
	}
	login_form(rq, rs, NULL, NULL, 0,
		   web_param(rq, "expired") ? "Your session has expired. Sign in again." : NULL);
	return 0;
}

static int login_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *name = web_param(rq, "name"), *pw = web_param(rq, "password");
	const char *next = web_param(rq, "next");
	struct web_field_error errs[2];
	int n = 0, rc;
	int64_t uid = 0;
	if (str_blank(name))
		errs[n++] = (struct web_field_error){"name", "Enter your user name"};
	if (!pw || !*pw)
		errs[n++] = (struct web_field_error){"password", "Enter your password"};
	if (n) {
		rs->status = 400;
		login_form(rq, rs, name, errs, n, NULL);
		return 0;
	}
	rc = web_login_check(rq, name, pw, &uid, e);
	if (rc == 0) {
		struct web_user u;
		/* The password was checked outside the transaction: the account
		 * must still be there, and enabled, inside it. */
		if ((rc = store_begin(rq->db, e)) == 0 &&
		    (rc = web_user_load(rq->db, uid, NULL, &u, e)) == ERR_NOTFOUND) {
			store_rollback(rq->db);
			err_clear(e);
			rc = 1;
		}
		if (rc == 0)
			rc = web_login_clear(rq, name, e);
		if (rc == 0)
			rc = web_session_start(rq, uid, e);
		if (rc == 0) {
			rq->user = &u;
			rc = web_audit(rq, "user.signin", name, NULL, NULL, e);
			rq->user = NULL;
		}
		if (rc == 0)
			rc = store_commit(rq->db, e);
	}
	if (rc < 0) {
		store_rollback(rq->db);
		return rc;
	}
	if (rc == 1 || rc == 2) {
		/* a failed or refused sign-in is recorded too (who: nobody
		 * signed in; the name tried, at most 64 characters, as target) */
		char tried[65];
		snprintf(tried, sizeof tried, "%s", name);
		if (web_audit_as(rq->db, "-", rq->remote,
				 rc == 1 ? "user.signin-failed" : "user.signin-refused", tried, NULL,
				 NULL, e) < 0)
			return e->code;
	}
	if (rc == 1) {
		rs->status = 401;
		/* GOV.UK: the message at the first field and the summary's link
		 * to it, saying that the two together were not right */
		errs[0] = (struct web_field_error){"name", "Enter a correct user name and password"};
		login_form(rq, rs, name, errs, 1, NULL);
		return 0;
	}
	if (rc == 2) {
		rs->status = 429;
		errs[0] = (struct web_field_error){"name", e->msg};
		login_form(rq, rs, name, errs, 1, NULL);
		err_clear(e);
		return 0;
	}
	web_redirect(rs, safe_next(next) ? next : "/");
	return 0;
}

static int logout_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	if (rq->user && web_audit(rq, "user.signout", rq->user->name, NULL, NULL, e) < 0)
		return e->code;
	if (web_session_end(rq, e) < 0)
		return e->code;
	web_redirect(rs, "/login");
	return 0;
}

static void password_form(struct web_req *rq, struct web_resp *rs,
			  const struct web_field_error *errs, int n)
{
	static const char *const fields[3][3] = {
		{"current", "Current password", "current-password"},
		{"new", "New password", "new-password"},
		{"confirm", "Confirm the new password", "new-password"},
	};
	char describedby[80], title[48];
	/* With a one-time password the page is only the password form; else
	 * it is the account page: the password, then the calendar address,
	 * each a section with its own heading. */
	int account = !rq->user->must_change;
	int i;
	snprintf(title, sizeof title, "%s%s", n ? "Error: " : "",
		 account ? "Your account" : "Change your password");
	web_page_begin(rq, rs, title, SEC_NONE);
	web_raw(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	web_error_summary(rs, errs, n);
	web_raw(rs, account ? "<h1 class=\"govuk-heading-l\">Your account</h1>\n"
			      "<h2 class=\"govuk-heading-m\" id=\"change-password\">Change your password</h2>\n"
			    : "<h1 class=\"govuk-heading-l\">Change your password</h1>\n");
	if (rq->user->must_change)
		web_raw(rs, "<div class=\"govuk-inset-text\">You signed in with a one-time password. "
			    "Choose your own password to continue.</div>\n");
	web_raw(rs, "<form method=\"post\" action=\"/account/password\" novalidate>\n");
	web_csrf_field(rq, rs);
	for (i = 0; i < 3; i++) {
		const char *msg = web_field_error(errs, n, fields[i][0]);
		web_printf(rs, "<div class=\"govuk-form-group%s\">\n<label class=\"govuk-label\" for=\"%s\">%s</label>\n",
			   msg ? " govuk-form-group--error" : "", fields[i][0], fields[i][1]);
		if (i == 1)
			web_raw(rs, "<div id=\"new-hint\" class=\"govuk-hint\">At least 10 characters. "
				    "A few unrelated words make a good password.</div>\n");
		if (msg)
			web_printf(rs, "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
				       "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
				   fields[i][0], msg);
		describedby[0] = '\0';
		if (i == 1 || msg)
			snprintf(describedby, sizeof describedby, " aria-describedby=\"%s%s%s\"",
				 i == 1 ? "new-hint" : "", i == 1 && msg ? " " : "",
				 msg ? (i == 0 ? "current-error" : i == 1 ? "new-error" : "confirm-error") : "");
		web_printf(rs,
			   "<input class=\"govuk-input govuk-!-width-one-half%s\" id=\"%s\" name=\"%s\" "
			   "type=\"password\" autocomplete=\"%s\"",
			   msg ? " govuk-input--error" : "", fields[i][0], fields[i][0], fields[i][2]);
		web_raw(rs, describedby);
		web_raw(rs, ">\n</div>\n");
	}
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Change password</button>\n</form>\n");
	if (account && web_can(rq, CAP_READ_PLAN | CAP_UPDATE_OWN_ACTIONS)) {
		web_raw(rs, "<hr class=\"govuk-section-break govuk-section-break--l "
			    "govuk-section-break--visible\">\n");
		web_feed_panel(rq, rs, "/account/password");
	}
	if (account) {
		web_raw(rs, "<hr class=\"govuk-section-break govuk-section-break--l "
			    "govuk-section-break--visible\">\n");
		web_contact_panel(rq, rs);
	}
	web_raw(rs, "</div></div>\n");
	web_page_end(rq, rs);
}

static int password_get(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	password_form(rq, rs, NULL, 0);
	return 0;
}

static int password_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *cur = web_param(rq, "current"), *nw = web_param(rq, "new"),
		   *cf = web_param(rq, "confirm");
	struct web_field_error errs[3];
	struct err pe = {0};
	char msg[sizeof pe.msg + 64];
	int64_t uid = 0;
	int n = 0, rc;
	if (!cur || !*cur)
		errs[n++] = (struct web_field_error){"current", "Enter your current password"};
	if (!nw || web_password_ok(rq->user->name, nw, &pe) < 0) {
		snprintf(msg, sizeof msg, "Enter a new password: %s", nw ? pe.msg : "it is missing");
		errs[n++] = (struct web_field_error){"new", msg};
	} else if (cur && !strcmp(nw, cur)) {
		/* a one-time password "changed" to itself would stay known to
		 * whoever handed it over */
		errs[n++] = (struct web_field_error){"new", "Enter a new password that is different "
							    "from your current one"};
	} else if (!cf || strcmp(nw, cf))
		errs[n++] = (struct web_field_error){"confirm", "The two new passwords are not the same"};
	if (!n) {
		char hash[128];
		rc = web_login_check(rq, rq->user->name, cur, &uid, e);
		if (rc == 1 || rc == 2) {
			errs[n++] = (struct web_field_error){"current", rc == 1 ? "The current password is not right" : e->msg};
			err_clear(e);
		} else if (rc < 0 || web_password_hash(nw, hash, e) < 0) {
			return e->code;
		} else if (web_begin(rq, rs, CAP_SIGNED_IN, e) != 0) {
			return e->code;
		} else if (web_login_clear(rq, rq->user->name, e) < 0 ||
			   web_user_set_hash(rq->db, rq->user->id, hash, 0, e) < 0 ||
			   web_audit(rq, "user.passwd", rq->user->name, NULL, NULL, e) < 0 ||
			   web_session_start(rq, rq->user->id, e) < 0 || store_commit(rq->db, e) < 0) {
			store_rollback(rq->db);
			return e->code;
		} else {
			web_flash(rq, "Your password has been changed");
			web_redirect(rs, "/");
			return 0;
		}
	}
	rs->status = 400;
	password_form(rq, rs, errs, n);
	return 0;
}

const struct web_route web_auth_pages[] = {
	{"GET", "/login", CAP_PUBLIC, login_get},
	{"POST", "/login", CAP_PUBLIC, login_post},
	{"POST", "/logout", CAP_SIGNED_IN, logout_post},
	{"GET", "/account/password", CAP_SIGNED_IN, password_get},
	{"POST", "/account/password", CAP_SIGNED_IN, password_post},
	{"GET", "/account/reminders", CAP_SIGNED_IN, web_reminders_get},
	{"POST", "/account/reminders", CAP_SIGNED_IN, web_reminders_post},
	{"POST", "/account/feed-key", CAP_READ_PLAN | CAP_UPDATE_OWN_ACTIONS, web_feed_key_post},
};
const size_t web_auth_n_pages = sizeof web_auth_pages / sizeof web_auth_pages[0];
