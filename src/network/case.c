/*
 * network/case.c: confidential casework's model — members supported in
 * grievance, disciplinary and capability processes (issue 18). A case has
 * a member, a kind, a status, caseworkers, notes, hearings and documents
 * (migration 024). Need to know and sealing are described in case.h;
 * retention, reminders and counts by group in docs/network.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "mail/mail.h"
#include "monitor/monitor.h"
#include "network/case.h"

const char *const case_kinds[CASE_N_KINDS] = {"grievance", "disciplinary", "capability",
					      "other"};
const char *const case_statuses[CASE_N_STATUSES] = {"open", "hearing", "appeal", "closed"};

const char *case_kind_label(const char *kind)
{
	static const char *const words[CASE_N_KINDS] = {"Grievance", "Disciplinary",
							 "Capability", "Other"};
	int i;
	for (i = 0; i < CASE_N_KINDS; i++)
		if (!strcmp(kind, case_kinds[i]))
			return words[i];
	return kind;
}

const char *case_status_label(const char *status)
{
	static const char *const words[CASE_N_STATUSES] = {"Open", "Hearing due", "Appeal",
							    "Closed"};
	int i;
	for (i = 0; i < CASE_N_STATUSES; i++)
		if (!strcmp(status, case_statuses[i]))
			return words[i];
	return status;
}

/* ---- time, by the network's clock ------------------------------------------*/

static void now_iso(char out[21])
{
	date_iso_at(net_now(), out);
}

static struct date today(time_t now)
{
	return date_from_days((long)(now / 86400));
}

/* ---- sealing -----------------------------------------------------------------*/

/* The casework key; may_create 1 only when sealing something new. A
 * failure says the cases cannot be opened and why (the key file). */
static int case_key(store_t *db, int may_create, unsigned char key[32], struct err *e)
{
	struct err e2 = {0};
	int rc;
	if (sodium_init() < 0)
		return err_set(e, ERR_INTERNAL, "libsodium could not start");
	rc = store_key_get(db, "casework", key, 32, may_create, &e2);
	if (rc < 0)
		return err_set(e, rc, "the cases cannot be opened: %s", e2.msg);
	return 0;
}

/* Seal len bytes of plain into out (nonce, then box). */
static void seal(const unsigned char key[32], const void *plain, size_t len, struct buf *out)
{
	unsigned char nonce[crypto_secretbox_NONCEBYTES];
	unsigned char *box = xmalloc(len + crypto_secretbox_MACBYTES);
	randombytes_buf(nonce, sizeof nonce);
	crypto_secretbox_easy(box, plain, len, nonce, key);
	buf_append(out, (const char *)nonce, sizeof nonce);
	buf_append(out, (const char *)box, len + crypto_secretbox_MACBYTES);
	free(box);
}

/* Unseal n bytes into out (appended; NUL-terminated by buf). ERR_DATA
 * when they do not open with this key. */
static int unseal(const unsigned char key[32], const void *sealed, size_t n, struct buf *out,
		  struct err *e)
{
	const unsigned char *p = sealed;
	unsigned char *plain;
	size_t len;
	if (n < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return err_set(e, ERR_DATA, "a case's sealed text is damaged; restore the database "
			       "from your backup (docs/backup.md)");
	len = n - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	plain = xmalloc(len + 1);
	if (crypto_secretbox_open_easy(plain, p + crypto_secretbox_NONCEBYTES,
				       n - crypto_secretbox_NONCEBYTES, p, key) != 0) {
		free(plain);
		return err_set(e, ERR_DATA, "the cases cannot be opened with this key file's "
			       "casework key: use the database's own key file (docs/backup.md)");
	}
	buf_append(out, (const char *)plain, len);
	buf_str(out);
	sodium_memzero(plain, len);
	free(plain);
	return 0;
}

/* A sealed column of st as a new string (caller frees). */
static int unseal_col(const unsigned char key[32], store_stmt_t *st, int col, char **out,
		      struct err *e)
{
	struct buf b = BUF_INIT;
	size_t n = 0;
	const void *p = store_col_blob(st, col, &n);
	int rc;
	*out = NULL;
	if (!p) {
		*out = xstrdup("");
		return 0;
	}
	if ((rc = unseal(key, p, n, &b, e)) < 0) {
		buf_free(&b);
		return rc;
	}
	*out = b.data ? buf_take(&b) : xstrdup("");
	return 0;
}

/* Whose case and its kind, sealed together as "MEMBER KIND" (the column
 * net_case.who), so that the file alone does not link a member to a case. */
static void seal_who(const unsigned char key[32], int64_t member_id, const char *kind,
		     struct buf *out)
{
	char plain[48];
	int n = snprintf(plain, sizeof plain, "%lld %s", (long long)member_id, kind);
	seal(key, plain, (size_t)n, out);
	sodium_memzero(plain, sizeof plain);
}

/* Column col of st (net_case.who) into *member_id and kind. */
static int unseal_who(const unsigned char key[32], store_stmt_t *st, int col, int64_t *member_id,
		      char kind[16], struct err *e)
{
	char *plain = NULL, *sp;
	long v;
	int rc = unseal_col(key, st, col, &plain, e);
	if (rc < 0)
		return rc;
	sp = strchr(plain, ' ');
	if (!sp || strlen(sp + 1) >= 16 || (*sp = '\0', str_to_int(plain, 1, INT64_MAX, &v)) < 0) {
		free(plain);
		return err_set(e, ERR_DATA, "a case's sealed record is damaged; restore the database "
			       "from your backup (docs/backup.md)");
	}
	*member_id = v;
	snprintf(kind, 16, "%s", sp + 1);
	free(plain);
	return 0;
}

/* A member's email and name (allocated; "" once erased or gone). */
static int member_words(store_t *db, int64_t member_id, char **email, char **name,
			struct err *e)
{
	store_stmt_t *st;
	int rc;
	*email = *name = NULL;
	if (store_prepare(db, &st, e, "SELECT email, name FROM net_member WHERE id = ?", "i",
			  member_id) < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1) {
		*email = xstrdup(store_col_text(st, 0) ? store_col_text(st, 0) : "");
		*name = xstrdup(store_col_text(st, 1) ? store_col_text(st, 1) : "");
	}
	store_done(st);
	if (!*email)
		*email = xstrdup("");
	if (!*name)
		*name = xstrdup("");
	return rc < 0 ? rc : 0;
}

/* ---- who may ------------------------------------------------------------------*/

int case_refuse(int64_t id, struct err *e)
{
	return err_set(e, ERR_NOTFOUND, "no case %lld that you are assigned to", (long long)id);
}

int case_actor(store_t *db, const char *name, int64_t id, const char *via, int64_t case_id,
	       struct case_actor *a, struct err *e)
{
	struct web_user u;
	int rc;
	memset(a, 0, sizeof *a);
	if (!name) {
		int64_t found = 0;
		store_stmt_t *st;
		if (store_prepare(db, &st, e, "SELECT name FROM web_user WHERE id = ?", "i", id) < 0)
			return ERR_DB;
		rc = store_step(st, e);
		if (rc == 1) {
			snprintf(a->name, sizeof a->name, "%s", store_col_text(st, 0));
			found = 1;
		}
		store_done(st);
		if (rc < 0)
			return rc;
		if (!found)
			return case_refuse(case_id, e);
		name = a->name;
	}
	if ((rc = web_account_get(db, name, &u, e)) < 0)
		return rc;
	if (!(u.caps & CAP_CASEWORK)) {
		if (case_id > 0)
			return case_refuse(case_id, e);
		return err_set(e, ERR_DATA, "%s does not hold the casework capability (an account "
			       "manager grants it: parity user set %s --grant casework)", u.name,
			       u.name);
	}
	a->id = u.id;
	snprintf(a->name, sizeof a->name, "%s", u.name);
	a->via = via;
	a->address = "";
	return 0;
}

int case_gate(store_t *db, const struct case_actor *a, int64_t id, struct err *e)
{
	int64_t n = 0;
	int rc = store_query_int(db, &n, e,
				 "SELECT COUNT(*) FROM net_case_worker WHERE case_id = ? AND user_id = ?",
				 "ii", id, a->id);
	if (rc < 0)
		return rc;
	return n ? 0 : case_refuse(id, e);
}

int case_log(store_t *db, const struct case_actor *a, int64_t id, const char *what,
	     struct err *e)
{
	char at[21];
	now_iso(at);
	return store_exec(db, e,
			  "INSERT INTO net_case_access (case_id, at, who, via, what) VALUES (?, ?, ?, ?, ?)",
			  "itttt", id, at, a->name, a->via, what);
}

/* The audit log's entry of a change to case id (target "case N"; detail
 * never holds case text). */
static int audit(store_t *db, const char *who, const char *via, const char *address,
		 const char *what, int64_t id, const char *detail, struct err *e)
{
	char at[21], target[40], whobuf[80];
	now_iso(at);
	snprintf(target, sizeof target, "case %lld", (long long)id);
	if (!strcmp(via, "cli"))
		snprintf(whobuf, sizeof whobuf, "cli:%s", who);
	else
		snprintf(whobuf, sizeof whobuf, "%s", who);
	return store_exec(db, e,
			  "INSERT INTO audit_log (at, who, address, what, target, before, after)"
			  " VALUES (?, ?, ?, ?, ?, NULL, ?)",
			  "tttttt", at, whobuf, address ? address : "", what, target, detail);
}

/* Log a change in both logs. */
static int changed(store_t *db, const struct case_actor *a, int64_t id, const char *what,
		   const char *audit_what, const char *detail, struct err *e)
{
	int rc = case_log(db, a, id, what, e);
	return rc < 0 ? rc : audit(db, a->name, a->via, a->address, audit_what, id, detail, e);
}

static int text_ok(const char *text, const char *what, struct err *e)
{
	if (!text || str_blank(text))
		return err_set(e, ERR_DATA, "the %s is empty; write what it is", what);
	if (strlen(text) > CASE_TEXT_MAX)
		return err_set(e, ERR_DATA, "the %s is longer than %d characters; shorten it or add "
			       "it as a document", what, CASE_TEXT_MAX);
	return 0;
}

static int kind_ok(const char *kind, struct err *e)
{
	int i;
	for (i = 0; kind && i < CASE_N_KINDS; i++)
		if (!strcmp(kind, case_kinds[i]))
			return 0;
	return err_set(e, ERR_USAGE, "unknown kind '%s'; a case is a grievance, disciplinary, "
		       "capability or other", kind ? kind : "");
}

/* ---- writes -------------------------------------------------------------------*/

int case_open(store_t *db, const struct case_actor *a, const char *member_email,
	      const char *kind, const char *summary, int64_t *id, struct err *e)
{
	unsigned char key[32];
	struct buf sealed = BUF_INIT, who = BUF_INIT;
	int64_t member_id = 0;
	char on[11], at[21];
	int rc;
	if ((rc = kind_ok(kind, e)) < 0 || (rc = text_ok(summary, "summary", e)) < 0 ||
	    (rc = net_member_by_email(db, member_email, &member_id, e)) < 0 ||
	    (rc = case_key(db, 1, key, e)) < 0)
		return rc;
	seal(key, summary, strlen(summary), &sealed);
	seal_who(key, member_id, kind, &who);
	sodium_memzero(key, sizeof key);
	date_format(today(net_now()), on);
	now_iso(at);
	rc = store_exec(db, e,
			"INSERT INTO net_case (who, status, summary, opened_on, opened_by)"
			" VALUES (?, 'open', ?, ?, ?)",
			"bbtt", who.data, who.len, sealed.data, sealed.len, on, a->name);
	buf_free(&sealed);
	buf_free(&who);
	if (rc < 0)
		return rc;
	*id = store_last_id(db);
	rc = store_exec(db, e,
			"INSERT INTO net_case_worker (case_id, user_id, assigned_at, assigned_by)"
			" VALUES (?, ?, ?, ?)",
			"iitt", *id, a->id, at, a->name);
	if (rc >= 0)
		rc = changed(db, a, *id, "opened the case", "case.open", NULL, e);
	return rc < 0 ? rc : 0;
}

int case_assign(store_t *db, const struct case_actor *a, int64_t id, const char *to_name,
		struct err *e)
{
	struct case_actor to;
	int64_t n = 0;
	char at[21], what[120];
	int rc;
	if ((rc = case_actor(db, to_name, 0, a->via, 0, &to, e)) < 0)
		return rc;
	if ((rc = store_query_int(db, &n, e,
				  "SELECT COUNT(*) FROM net_case_worker WHERE case_id = ? AND user_id = ?",
				  "ii", id, to.id)) < 0)
		return rc;
	if (n)
		return err_set(e, ERR_DATA, "%s is already assigned to case %lld; nothing changed",
			       to.name, (long long)id);
	now_iso(at);
	if ((rc = store_exec(db, e,
			     "INSERT INTO net_case_worker (case_id, user_id, assigned_at, assigned_by)"
			     " VALUES (?, ?, ?, ?)",
			     "iitt", id, to.id, at, a->name)) < 0)
		return rc;
	snprintf(what, sizeof what, "assigned %s", to.name);
	return changed(db, a, id, what, "case.assign", to.name, e);
}

int case_note_add(store_t *db, const struct case_actor *a, int64_t id, const char *text,
		  struct err *e)
{
	unsigned char key[32];
	struct buf sealed = BUF_INIT;
	char at[21];
	int rc;
	if ((rc = text_ok(text, "note", e)) < 0 || (rc = case_key(db, 0, key, e)) < 0)
		return rc;
	seal(key, text, strlen(text), &sealed);
	sodium_memzero(key, sizeof key);
	now_iso(at);
	rc = store_exec(db, e,
			"INSERT INTO net_case_note (case_id, body, author, at) VALUES (?, ?, ?, ?)",
			"ibtt", id, sealed.data, sealed.len, a->name, at);
	buf_free(&sealed);
	return rc < 0 ? rc : changed(db, a, id, "added a note", "case.note", NULL, e);
}

int case_status_set(store_t *db, const struct case_actor *a, int64_t id, const char *status,
		    struct err *e)
{
	store_stmt_t *st;
	char old[12] = "", on[11], what[80];
	int i, rc;
	for (i = 0; i < CASE_N_STATUSES; i++)
		if (status && !strcmp(status, case_statuses[i]))
			break;
	if (i == CASE_N_STATUSES)
		return err_set(e, ERR_USAGE, "unknown status '%s'; a case is open, hearing, appeal "
			       "or closed", status ? status : "");
	if (store_prepare(db, &st, e, "SELECT status FROM net_case WHERE id = ?", "i", id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1)
		snprintf(old, sizeof old, "%s", store_col_text(st, 0));
	store_done(st);
	if (rc < 0)
		return rc;
	if (!strcmp(old, status))
		return err_set(e, ERR_DATA, "case %lld is %s already; nothing changed", (long long)id,
			       status);
	date_format(today(net_now()), on);
	if ((rc = store_exec(db, e,
			     "UPDATE net_case SET status = ?, closed_on = CASE WHEN ? = 'closed' THEN ?"
			     " ELSE NULL END WHERE id = ?",
			     "ttti", status, status, on, id)) < 0)
		return rc;
	snprintf(what, sizeof what, "status changed from %s to %s", old, status);
	return changed(db, a, id, what, "case.status", status, e);
}

/* 0 when s is HH:MM (00:00 to 23:59). */
static int time_ok(const char *s)
{
	return strlen(s) == 5 && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
			       s[2] == ':' && s[3] >= '0' && s[3] <= '5' && s[4] >= '0' &&
			       s[4] <= '9' && (s[0] < '2' || s[1] <= '3')
		       ? 0
		       : -1;
}

int case_hearing_add(store_t *db, const struct case_actor *a, int64_t id, const char *date,
		     const char *time_hm, const char *note, struct err *e)
{
	unsigned char key[32];
	struct buf sealed = BUF_INIT;
	struct date d;
	char on[11], at[21], what[80];
	int rc;
	if ((rc = date_parse_user(date, "hearing date", &d, e)) < 0)
		return rc;
	if (date_cmp(d, today(net_now())) < 0)
		return err_set(e, ERR_DATA, "the hearing date %s has passed; give the date of a "
			       "hearing to come", date);
	if (time_hm && *time_hm && time_ok(time_hm) < 0)
		return err_set(e, ERR_DATA, "the hearing time '%s' is not a time; give it as HH:MM, "
			       "for example 14:30", time_hm);
	if (note && !str_blank(note)) {
		if ((rc = text_ok(note, "hearing note", e)) < 0 || (rc = case_key(db, 0, key, e)) < 0)
			return rc;
		seal(key, note, strlen(note), &sealed);
		sodium_memzero(key, sizeof key);
	}
	date_format(d, on);
	now_iso(at);
	rc = store_exec(db, e,
			"INSERT INTO net_case_hearing (case_id, on_date, at_time, note, added_by,"
			" added_at) VALUES (?, ?, ?, ?, ?, ?)",
			"ittbtt", id, on, time_hm ? time_hm : "", sealed.data, sealed.len, a->name, at);
	buf_free(&sealed);
	if (rc < 0)
		return rc;
	{
		char words[32];
		date_long(d, words);
		snprintf(what, sizeof what, "added a hearing on %s", words);
	}
	return changed(db, a, id, what, "case.hearing", on, e);
}

/* The type a document is served with, from its name's ending. */
static const char *doc_mime(const char *name)
{
	static const struct {
		const char *ext, *mime;
	} types[] = {
		{".pdf", "application/pdf"},
		{".txt", "text/plain; charset=utf-8"},
		{".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{".doc", "application/msword"},
		{".odt", "application/vnd.oasis.opendocument.text"},
		{".png", "image/png"},
		{".jpg", "image/jpeg"},
		{".jpeg", "image/jpeg"},
		{".eml", "message/rfc822"},
	};
	size_t i, n = strlen(name);
	for (i = 0; i < sizeof types / sizeof types[0]; i++) {
		size_t k = strlen(types[i].ext);
		if (n > k && str_eq_ci(name + n - k, types[i].ext))
			return types[i].mime;
	}
	return "application/octet-stream";
}

int case_doc_add(store_t *db, const struct case_actor *a, int64_t id, const char *name,
		 const char *data, size_t len, int64_t *doc_id, struct err *e)
{
	unsigned char key[32];
	struct buf sname = BUF_INIT, sbody = BUF_INIT;
	char at[21];
	int rc;
	if (!len)
		return err_set(e, ERR_DATA, "the document %s is empty", name);
	if (len > CASE_DOC_MAX)
		return err_set(e, ERR_DATA, "the document %s is larger than 5 MB; a case keeps "
			       "documents of at most 5 MB", name);
	if (!name || !*name || strlen(name) > 200)
		return err_set(e, ERR_DATA, "a document needs a name of at most 200 characters");
	if ((rc = case_key(db, 0, key, e)) < 0)
		return rc;
	seal(key, name, strlen(name), &sname);
	seal(key, data, len, &sbody);
	sodium_memzero(key, sizeof key);
	now_iso(at);
	rc = store_exec(db, e,
			"INSERT INTO net_case_doc (case_id, name, mime, size, body, added_by, added_at)"
			" VALUES (?, ?, ?, ?, ?, ?, ?)",
			"ibtibtt", id, sname.data, sname.len, doc_mime(name), (int64_t)len,
			sbody.data, sbody.len, a->name, at);
	buf_free(&sname);
	buf_free(&sbody);
	if (rc < 0)
		return rc;
	if (doc_id)
		*doc_id = store_last_id(db);
	return changed(db, a, id, "added a document", "case.document", NULL, e);
}

int case_doc_get(store_t *db, const struct case_actor *a, int64_t id, int64_t doc_id,
		 struct buf *name, char mime[64], struct buf *data, struct err *e)
{
	unsigned char key[32];
	store_stmt_t *st;
	size_t n;
	const void *p;
	int rc;
	if ((rc = case_key(db, 0, key, e)) < 0)
		return rc;
	if (store_prepare(db, &st, e,
			  "SELECT name, mime, body FROM net_case_doc WHERE id = ? AND case_id = ?",
			  "ii", doc_id, id) < 0) {
		sodium_memzero(key, sizeof key);
		return ERR_DB;
	}
	rc = store_step(st, e);
	if (rc == 0)
		rc = err_set(e, ERR_NOTFOUND, "case %lld has no document %lld", (long long)id,
			     (long long)doc_id);
	if (rc == 1) {
		snprintf(mime, 64, "%s", store_col_text(st, 1));
		p = store_col_blob(st, 0, &n);
		rc = unseal(key, p, n, name, e);
		if (rc == 0) {
			p = store_col_blob(st, 2, &n);
			rc = unseal(key, p, n, data, e);
		}
	}
	store_done(st);
	sodium_memzero(key, sizeof key);
	return rc < 0 ? rc : case_log(db, a, id, "downloaded a document", e);
}

/* ---- reading ------------------------------------------------------------------*/

void case_info_free(struct case_info *c)
{
	size_t i;
	if (!c)
		return;
	free(c->member_email);
	free(c->member_name);
	if (c->summary)
		sodium_memzero(c->summary, strlen(c->summary));
	free(c->summary);
	for (i = 0; i < c->n_notes; i++)
		free(c->notes[i].text);
	free(c->notes);
	for (i = 0; i < c->n_hearings; i++)
		free(c->hearings[i].note);
	free(c->hearings);
	for (i = 0; i < c->n_docs; i++)
		free(c->docs[i].name);
	free(c->docs);
	free(c->workers);
	memset(c, 0, sizeof *c);
}

static int load_parts(store_t *db, const unsigned char key[32], struct case_info *c,
		      struct err *e)
{
	store_stmt_t *st;
	int rc;
	if (store_prepare(db, &st, e,
			  "SELECT body, author, at FROM net_case_note WHERE case_id = ? ORDER BY id",
			  "i", c->id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct case_note *n;
		c->notes = xrealloc(c->notes, (c->n_notes + 1) * sizeof *c->notes);
		n = &c->notes[c->n_notes++];
		memset(n, 0, sizeof *n);
		snprintf(n->author, sizeof n->author, "%s", store_col_text(st, 1));
		snprintf(n->at, sizeof n->at, "%s", store_col_text(st, 2));
		if ((rc = unseal_col(key, st, 0, &n->text, e)) < 0)
			break;
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (store_prepare(db, &st, e,
			  "SELECT id, on_date, at_time, note, added_by FROM net_case_hearing"
			  " WHERE case_id = ? ORDER BY on_date, at_time, id",
			  "i", c->id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct case_hearing *h;
		c->hearings = xrealloc(c->hearings, (c->n_hearings + 1) * sizeof *c->hearings);
		h = &c->hearings[c->n_hearings++];
		memset(h, 0, sizeof *h);
		h->id = store_col_int(st, 0);
		snprintf(h->on, sizeof h->on, "%s", store_col_text(st, 1));
		snprintf(h->time_hm, sizeof h->time_hm, "%s", store_col_text(st, 2));
		snprintf(h->by, sizeof h->by, "%s", store_col_text(st, 4));
		if ((rc = unseal_col(key, st, 3, &h->note, e)) < 0)
			break;
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (store_prepare(db, &st, e,
			  "SELECT id, name, mime, size, added_by, added_at FROM net_case_doc"
			  " WHERE case_id = ? ORDER BY id",
			  "i", c->id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct case_doc *d;
		c->docs = xrealloc(c->docs, (c->n_docs + 1) * sizeof *c->docs);
		d = &c->docs[c->n_docs++];
		memset(d, 0, sizeof *d);
		d->id = store_col_int(st, 0);
		snprintf(d->mime, sizeof d->mime, "%s", store_col_text(st, 2));
		d->size = store_col_int(st, 3);
		snprintf(d->by, sizeof d->by, "%s", store_col_text(st, 4));
		snprintf(d->at, sizeof d->at, "%s", store_col_text(st, 5));
		if ((rc = unseal_col(key, st, 1, &d->name, e)) < 0)
			break;
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (store_prepare(db, &st, e,
			  "SELECT w.user_id, u.name, w.assigned_at, w.assigned_by FROM net_case_worker w"
			  " JOIN web_user u ON u.id = w.user_id WHERE w.case_id = ? ORDER BY u.name",
			  "i", c->id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct case_worker *w;
		c->workers = xrealloc(c->workers, (c->n_workers + 1) * sizeof *c->workers);
		w = &c->workers[c->n_workers++];
		w->user_id = store_col_int(st, 0);
		snprintf(w->name, sizeof w->name, "%s", store_col_text(st, 1));
		snprintf(w->at, sizeof w->at, "%s", store_col_text(st, 2));
		snprintf(w->by, sizeof w->by, "%s", store_col_text(st, 3));
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

int case_load(store_t *db, const struct case_actor *a, int64_t id, struct case_info *c,
	      struct err *e)
{
	unsigned char key[32];
	store_stmt_t *st;
	int rc;
	memset(c, 0, sizeof *c);
	if ((rc = case_key(db, 0, key, e)) < 0)
		return rc;
	if (store_prepare(db, &st, e,
			  "SELECT c.id, c.who, c.status, c.opened_on, c.closed_on,"
			  " c.opened_by, c.summary FROM net_case c WHERE c.id = ?",
			  "i", id) < 0) {
		sodium_memzero(key, sizeof key);
		return ERR_DB;
	}
	rc = store_step(st, e);
	if (rc == 0)
		rc = case_refuse(id, e);
	if (rc == 1) {
		c->id = store_col_int(st, 0);
		snprintf(c->status, sizeof c->status, "%s", store_col_text(st, 2));
		snprintf(c->opened_on, sizeof c->opened_on, "%s", store_col_text(st, 3));
		snprintf(c->closed_on, sizeof c->closed_on, "%s",
			 store_col_text(st, 4) ? store_col_text(st, 4) : "");
		snprintf(c->opened_by, sizeof c->opened_by, "%s", store_col_text(st, 5));
		rc = unseal_who(key, st, 1, &c->member_id, c->kind, e);
		if (rc >= 0)
			rc = unseal_col(key, st, 6, &c->summary, e);
	}
	store_done(st);
	if (rc >= 0)
		rc = member_words(db, c->member_id, &c->member_email, &c->member_name, e);
	if (rc >= 0)
		rc = load_parts(db, key, c, e);
	sodium_memzero(key, sizeof key);
	if (rc >= 0)
		rc = case_log(db, a, id, "read the case", e);
	if (rc < 0) {
		case_info_free(c);
		return rc;
	}
	return 0;
}

int case_list(store_t *db, const struct case_actor *a, struct case_row **rows, size_t *n,
	      struct err *e)
{
	store_stmt_t *st;
	unsigned char key[32];
	char on[11];
	int rc, have_key = 0;
	*rows = NULL;
	*n = 0;
	date_format(today(net_now()), on);
	if (store_prepare(db, &st, e,
			  "SELECT c.id, c.who, c.status, c.opened_on,"
			  " (SELECT MIN(h.on_date) FROM net_case_hearing h WHERE h.case_id = c.id"
			  "  AND h.on_date >= ?)"
			  " FROM net_case c JOIN net_case_worker w ON w.case_id = c.id"
			  " WHERE w.user_id = ? ORDER BY c.id DESC",
			  "ti", on, a->id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct case_row *r;
		char *email = NULL, *name = NULL;
		int64_t member_id = 0;
		if (!have_key && (rc = case_key(db, 0, key, e)) < 0)
			break;
		have_key = 1;
		*rows = xrealloc(*rows, (*n + 1) * sizeof **rows);
		r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = store_col_int(st, 0);
		snprintf(r->status, sizeof r->status, "%s", store_col_text(st, 2));
		snprintf(r->opened_on, sizeof r->opened_on, "%s", store_col_text(st, 3));
		snprintf(r->next_hearing, sizeof r->next_hearing, "%s",
			 store_col_text(st, 4) ? store_col_text(st, 4) : "");
		if ((rc = unseal_who(key, st, 1, &member_id, r->kind, e)) < 0 ||
		    (rc = member_words(db, member_id, &email, &name, e)) < 0) {
			free(email);
			free(name);
			break;
		}
		snprintf(r->member, sizeof r->member, "%s", *name ? name : "(erased)");
		free(email);
		free(name);
	}
	store_done(st);
	sodium_memzero(key, sizeof key);
	if (rc < 0) {
		free(*rows);
		*rows = NULL;
		*n = 0;
	}
	return rc < 0 ? rc : 0;
}

int case_access_list(store_t *db, const struct case_actor *a, int64_t id, int log,
		     struct case_access **rows, size_t *n, struct err *e)
{
	store_stmt_t *st;
	int rc;
	*rows = NULL;
	*n = 0;
	if (log && (rc = case_log(db, a, id, "read the access log", e)) < 0)
		return rc;
	if (store_prepare(db, &st, e,
			  "SELECT at, who, via, what FROM net_case_access WHERE case_id = ? ORDER BY id",
			  "i", id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct case_access *r;
		*rows = xrealloc(*rows, (*n + 1) * sizeof **rows);
		r = &(*rows)[(*n)++];
		snprintf(r->at, sizeof r->at, "%s", store_col_text(st, 0));
		snprintf(r->who, sizeof r->who, "%s", store_col_text(st, 1));
		snprintf(r->via, sizeof r->via, "%s", store_col_text(st, 2));
		snprintf(r->what, sizeof r->what, "%s", store_col_text(st, 3));
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

struct workers_acc {
	char (*names)[64];
	size_t n;
};

static int worker_each(const struct web_user *u, const char *email, void *arg, struct err *e)
{
	struct workers_acc *w = arg;
	(void)email;
	(void)e;
	if (!(u->caps & CAP_CASEWORK))
		return 0;
	w->names = xrealloc(w->names, (w->n + 1) * sizeof *w->names);
	snprintf(w->names[w->n++], 64, "%s", u->name);
	return 0;
}

int case_workers_all(store_t *db, char (**names)[64], size_t *n, struct err *e)
{
	struct workers_acc w = {NULL, 0};
	int rc = web_accounts_all(db, worker_each, &w, e);
	if (rc < 0) {
		free(w.names);
		return rc;
	}
	*names = w.names;
	*n = w.n;
	return 0;
}

/* ---- retention ----------------------------------------------------------------*/

int case_retention_get(store_t *db, long *years, struct err *e)
{
	store_stmt_t *st;
	int rc;
	*years = CASE_RETENTION_DEFAULT;
	if (store_prepare(db, &st, e,
			  "SELECT value FROM net_case_setting WHERE name = 'retention_years'", "") < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1 &&
	    str_to_int(store_col_text(st, 0), 1, 100, years) < 0)
		*years = CASE_RETENTION_DEFAULT;
	store_done(st);
	return rc < 0 ? rc : 0;
}

int case_retention_set(store_t *db, long years, const char *who, struct err *e)
{
	char v[24], at[21];
	int rc;
	if (years < 1 || years > 100)
		return err_set(e, ERR_USAGE, "--years takes a whole number of years from 1 to 100");
	snprintf(v, sizeof v, "%ld", years);
	rc = store_exec(db, e,
			"INSERT INTO net_case_setting (name, value) VALUES ('retention_years', ?)"
			" ON CONFLICT (name) DO UPDATE SET value = excluded.value",
			"t", v);
	if (rc < 0)
		return rc;
	now_iso(at);
	return store_exec(db, e,
			  "INSERT INTO audit_log (at, who, address, what, target, before, after)"
			  " VALUES (?, ?, '', 'case.retention', 'cases', NULL, ?)",
			  "ttt", at, who, v);
}

/* The last closing date that is due for purging on now's day into cutoff. */
static int purge_cutoff(store_t *db, time_t now, char cutoff[11], struct err *e)
{
	struct date cut = today(now);
	long years;
	int rc;
	if ((rc = case_retention_get(db, &years, e)) < 0)
		return rc;
	cut.y -= (int)years;
	if (cut.m == 2 && cut.d == 29 && !date_valid(cut.y, 2, 29))
		cut.d = 28;
	date_format(cut, cutoff);
	return 0;
}

int case_purge_due(store_t *db, time_t now, int64_t *n, struct err *e)
{
	char cutoff[11];
	int rc;
	*n = 0;
	if ((rc = purge_cutoff(db, now, cutoff, e)) < 0)
		return rc;
	return store_query_int(db, n, e,
			       "SELECT COUNT(*) FROM net_case WHERE status = 'closed'"
			       " AND closed_on <= ?",
			       "t", cutoff) < 0 ? ERR_DB : 0;
}

int case_purge_log(store_t *db, struct case_purged **rows, size_t *n, struct err *e)
{
	store_stmt_t *st;
	int rc;
	*rows = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT case_id, kind, closed_on, purged_at, purged_by FROM net_case_purge"
			  " ORDER BY purged_at DESC, id DESC",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct case_purged *r;
		*rows = xrealloc(*rows, (*n + 1) * sizeof **rows);
		r = &(*rows)[(*n)++];
		r->case_id = store_col_int(st, 0);
		snprintf(r->kind, sizeof r->kind, "%s", store_col_text(st, 1));
		snprintf(r->closed_on, sizeof r->closed_on, "%s", store_col_text(st, 2));
		snprintf(r->at, sizeof r->at, "%s", store_col_text(st, 3));
		snprintf(r->by, sizeof r->by, "%s", store_col_text(st, 4));
	}
	store_done(st);
	if (rc < 0) {
		free(*rows);
		*rows = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}

int case_purge(store_t *db, time_t now, const char *who, int *n_out, struct err *e)
{
	store_stmt_t *st;
	char cutoff[11], at[21];
	struct {
		int64_t id;
		char kind[16], closed[11];
	} *due = NULL;
	size_t n = 0, i;
	unsigned char key[32];
	int rc, have_key = 0;
	if (n_out)
		*n_out = 0;
	if ((rc = purge_cutoff(db, now, cutoff, e)) < 0)
		return rc;
	if (store_prepare(db, &st, e,
			  "SELECT id, who, closed_on FROM net_case WHERE status = 'closed'"
			  " AND closed_on <= ? ORDER BY id",
			  "t", cutoff) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		int64_t member_id;
		if (!have_key && (rc = case_key(db, 0, key, e)) < 0)
			break;
		have_key = 1;
		due = xrealloc(due, (n + 1) * sizeof *due);
		due[n].id = store_col_int(st, 0);
		if ((rc = unseal_who(key, st, 1, &member_id, due[n].kind, e)) < 0)
			break;
		snprintf(due[n].closed, sizeof due[n].closed, "%s", store_col_text(st, 2));
		n++;
	}
	store_done(st);
	sodium_memzero(key, sizeof key);
	date_iso_at(now, at);
	for (i = 0; rc >= 0 && i < n; i++) {
		char detail[80];
		rc = store_exec(db, e, "DELETE FROM net_case WHERE id = ?", "i", due[i].id);
		if (rc >= 0)
			rc = store_exec(db, e,
					"INSERT INTO net_case_purge (case_id, kind, closed_on, purged_at,"
					" purged_by) VALUES (?, ?, ?, ?, ?)",
					"itttt", due[i].id, due[i].kind, due[i].closed, at, who);
		snprintf(detail, sizeof detail, "%s, closed %s", due[i].kind, due[i].closed);
		if (rc >= 0)
			rc = audit(db, who, "jobs", "", "case.purge", due[i].id, detail, e);
	}
	free(due);
	if (rc >= 0 && n_out)
		*n_out = (int)n;
	return rc < 0 ? rc : 0;
}

/* ---- counts -------------------------------------------------------------------*/

int case_counts_csv(store_t *db, long year, const char *characteristic, struct buf *csv,
		    struct err *e)
{
	const char *const *groups, *column;
	size_t n_groups, n_rec, g;
	int64_t *den = NULL, *num = NULL;
	store_stmt_t *st;
	char from[11], to[11];
	int rc, k;
	if ((rc = monitor_groups_of(characteristic, &groups, &n_groups, &n_rec, &column, e)) < 0)
		return rc;
	den = xcalloc(n_groups, sizeof *den);
	num = xcalloc(n_groups * CASE_N_KINDS, sizeof *num);
	snprintf(from, sizeof from, "%04ld-01-01", year);
	snprintf(to, sizeof to, "%04ld-12-31", year);
	/* every member of the network, in the group they are counted in */
	if (store_prepare(db, &st, e,
			  "SELECT id FROM net_member WHERE status IN ('active', 'left') ORDER BY id",
			  "") < 0) {
		rc = ERR_DB;
		goto done;
	}
	{
		int64_t *ids = NULL;
		size_t n = 0, i;
		while ((rc = store_step(st, e)) == 1) {
			ids = xrealloc(ids, (n + 1) * sizeof *ids);
			ids[n++] = store_col_int(st, 0);
		}
		store_done(st);
		for (i = 0; rc >= 0 && i < n; i++) {
			char grp[64];
			if ((rc = net_member_group(db, ids[i], column, grp, sizeof grp, e)) < 0)
				break;
			for (g = 0; g < n_groups; g++)
				if (!strcmp(grp, groups[g]))
					break;
			if (g == n_groups)
				continue;
			den[g]++;
		}
		free(ids);
		if (rc < 0)
			goto done;
	}
	/* the cases opened in the year, by kind and their member's group */
	if (store_prepare(db, &st, e,
			  "SELECT c.who FROM net_case c WHERE c.opened_on >= ? AND c.opened_on <= ?",
			  "tt", from, to) < 0) {
		rc = ERR_DB;
		goto done;
	}
	{
		struct {
			int64_t member;
			char kind[16];
		} *cs = NULL;
		size_t n = 0, i;
		unsigned char key[32];
		int have_key = 0;
		while ((rc = store_step(st, e)) == 1) {
			if (!have_key && (rc = case_key(db, 0, key, e)) < 0)
				break;
			have_key = 1;
			cs = xrealloc(cs, (n + 1) * sizeof *cs);
			if ((rc = unseal_who(key, st, 0, &cs[n].member, cs[n].kind, e)) < 0)
				break;
			n++;
		}
		store_done(st);
		sodium_memzero(key, sizeof key);
		for (i = 0; rc >= 0 && i < n; i++) {
			char grp[64];
			int64_t counted = 0;
			/* members of the network (active or left), as the denominators */
			if ((rc = store_query_int(db, &counted, e,
						  "SELECT COUNT(*) FROM net_member WHERE id = ? AND"
						  " status IN ('active', 'left')",
						  "i", cs[i].member)) < 0)
				break;
			if (!counted)
				continue;
			if ((rc = net_member_group(db, cs[i].member, column, grp, sizeof grp, e)) < 0)
				break;
			for (g = 0; g < n_groups && strcmp(grp, groups[g]); g++)
				;
			for (k = 0; k < CASE_N_KINDS && strcmp(cs[i].kind, case_kinds[k]); k++)
				;
			if (g < n_groups && k < CASE_N_KINDS)
				num[g * CASE_N_KINDS + k]++;
		}
		free(cs);
		if (rc < 0)
			goto done;
	}
	rc = 0;
	buf_puts(csv, "unit,period,characteristic,group,outcome,numerator,denominator,direction\n");
	for (g = 0; g < n_groups; g++) {
		if (!den[g])
			continue;
		for (k = 0; k < CASE_N_KINDS; k++)
			buf_printf(csv, "Network,%ld,%s,%s,%s,%lld,%lld,unfavourable\n", year, column,
				   groups[g], case_kinds[k], (long long)num[g * CASE_N_KINDS + k],
				   (long long)den[g]);
	}
done:
	free(den);
	free(num);
	return rc < 0 ? rc : 0;
}

/* ---- the network's hooks: erasure, export, jobs ------------------------------*/

int case_member_cases(store_t *db, int64_t member_id, int64_t *n, struct err *e)
{
	store_stmt_t *st;
	unsigned char key[32];
	int rc, have_key = 0;
	*n = 0;
	/* whose case it is is sealed: every case is opened (a database with
	 * no case needs no key) */
	if (store_prepare(db, &st, e, "SELECT who FROM net_case", "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		int64_t whose = 0;
		char kind[16];
		if (!have_key && (rc = case_key(db, 0, key, e)) < 0)
			break;
		have_key = 1;
		if ((rc = unseal_who(key, st, 0, &whose, kind, e)) < 0)
			break;
		if (whose == member_id)
			++*n;
	}
	store_done(st);
	sodium_memzero(key, sizeof key);
	return rc < 0 ? rc : 0;
}

/* The hearing reminders due at now: 7 days and 1 day before each hearing
 * to come, to each assigned caseworker with an email address, once. The
 * message names the case's number, the date and time only. */
static int reminders(store_t *db, time_t now, struct err *e)
{
	struct mail_settings s;
	store_stmt_t *st;
	struct date t = today(now);
	char on[11], until[11];
	struct rem {
		int64_t hearing, user, case_id;
		char on[11], time_hm[6], email[320], name[64];
		long days_left;
	} *due = NULL;
	size_t n = 0, i;
	int rc;
	if (!mail_configured(db))
		return 0;
	if ((rc = mail_settings_get(db, &s, e)) < 0)
		return rc;
	date_format(t, on);
	date_format(date_add_days(t, 7), until);
	if (store_prepare(db, &st, e,
			  "SELECT h.id, w.user_id, h.case_id, h.on_date, h.at_time, u.email, u.name"
			  " FROM net_case_hearing h JOIN net_case_worker w ON w.case_id = h.case_id"
			  " JOIN web_user u ON u.id = w.user_id JOIN net_case c ON c.id = h.case_id"
			  " WHERE h.on_date >= ? AND h.on_date <= ? AND u.disabled = 0"
			  " AND u.email <> '' AND c.status <> 'closed' ORDER BY h.id, u.name",
			  "tt", on, until) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct date d;
		struct rem *r;
		due = xrealloc(due, (n + 1) * sizeof *due);
		r = &due[n++];
		r->hearing = store_col_int(st, 0);
		r->user = store_col_int(st, 1);
		r->case_id = store_col_int(st, 2);
		snprintf(r->on, sizeof r->on, "%s", store_col_text(st, 3));
		snprintf(r->time_hm, sizeof r->time_hm, "%s", store_col_text(st, 4));
		snprintf(r->email, sizeof r->email, "%s", store_col_text(st, 5));
		snprintf(r->name, sizeof r->name, "%s", store_col_text(st, 6));
		r->days_left = date_parse_user(r->on, "hearing", &d, NULL) < 0
				       ? 99
				       : date_to_days(d) - date_to_days(t);
	}
	store_done(st);
	for (i = 0; rc >= 0 && i < n; i++) {
		struct rem *r = &due[i];
		int64_t sent = 0;
		long days = r->days_left <= 1 ? 1 : 7;
		struct buf subject = BUF_INIT, text = BUF_INIT;
		struct mail_msg m;
		struct date d;
		char when[32];
		if ((rc = store_query_int(db, &sent, e,
					  "SELECT COUNT(*) FROM net_case_reminder WHERE hearing_id = ?"
					  " AND user_id = ? AND days = ?",
					  "iii", r->hearing, r->user, (int64_t)days)) < 0)
			break;
		if (sent)
			continue;
		date_parse_user(r->on, "hearing", &d, NULL);
		date_long(d, when);
		buf_printf(&subject, "Reminder: hearing on %s (case %lld)", when,
			   (long long)r->case_id);
		buf_printf(&text,
			   "Hello %s,\n\nA hearing in case %lld, which you are assigned to, is on %s%s%s.\n\n"
			   "Sign in to parity and open Cases to read the case. This message says no more "
			   "about it, as mail is not the place for a confidential case.\n",
			   r->name, (long long)r->case_id, when, r->time_hm[0] ? " at " : "",
			   r->time_hm);
		memset(&m, 0, sizeof m);
		m.to = r->email;
		m.to_name = r->name;
		m.subject = buf_str(&subject);
		m.text = buf_str(&text);
		m.kind = "case-hearing";
		m.ref = r->hearing;
		rc = mail_queue(db, &s, &m, NULL, e);
		buf_free(&subject);
		buf_free(&text);
		/* the 1-day reminder stands for the 7-day one when both are due */
		if (rc >= 0)
			rc = store_exec(db, e,
					"INSERT INTO net_case_reminder (hearing_id, user_id, days, at)"
					" VALUES (?, ?, 7, ?), (?, ?, ?, ?) ON CONFLICT DO NOTHING",
					"iiiiiii", r->hearing, r->user, (int64_t)now, r->hearing,
					r->user, (int64_t)days, (int64_t)now);
	}
	free(due);
	return rc < 0 ? rc : 0;
}

int case_jobs(store_t *db, time_t now, struct err *e)
{
	int rc = store_begin(db, e);
	if (rc < 0)
		return rc;
	if ((rc = case_purge(db, now, "jobs", NULL, e)) >= 0 &&
	    (rc = reminders(db, now, e)) >= 0)
		rc = store_commit(db, e);
	if (rc < 0)
		store_rollback(db);
	return rc < 0 ? rc : 0;
}
