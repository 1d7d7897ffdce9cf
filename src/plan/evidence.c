/*
 * plan/evidence: files attached to an update of an action on the web (a
 * report, minutes, a photograph of a poster) as evidence of progress.
 *
 * A file is kept in the database (table action_evidence, migration 013)
 * with the history entry of the update that brought it: its own name, the
 * type it is served with, its size, its SHA-256, who sent it and when. It
 * is at most PLAN_EVIDENCE_MAX bytes (10 MB). Anyone who may read the plan
 * may download it from /plan/evidence/ID, always as an attachment (never
 * shown in the browser's page), with X-Content-Type-Options: nosniff (on
 * every response of the server) and a Content-Type that is one of a short
 * list only when the file's first bytes agree with its name, else
 * application/octet-stream: a file cannot become a page of this site.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/evidence.h"
#include "plan/internal.h"

/* Types served as themselves: the name's ending and the first bytes must
 * both agree. Anything else is application/octet-stream. */
static const struct {
	const char *ext;   /* ".pdf" */
	const char *type;  /* "application/pdf" */
	const char *magic; /* first bytes, or NULL for text */
	size_t n_magic;
	const char *words; /* for the history: "PDF" */
} types[] = {
	{".pdf", "application/pdf", "%PDF-", 5, "PDF"},
	{".png", "image/png", "\x89PNG\r\n\x1a\n", 8, "PNG image"},
	{".jpg", "image/jpeg", "\xff\xd8\xff", 3, "JPEG image"},
	{".jpeg", "image/jpeg", "\xff\xd8\xff", 3, "JPEG image"},
	{".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	 "PK\x03\x04", 4, "Word document"},
	{".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04",
	 4, "Excel workbook"},
	{".txt", "text/plain; charset=utf-8", NULL, 0, "text file"},
	{".csv", "text/csv; charset=utf-8", NULL, 0, "CSV file"},
};
#define N_TYPES (sizeof types / sizeof types[0])
#define OCTETS "application/octet-stream"

static int ends_with_ci(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcasecmp(s + n - m, tail) == 0;
}

/* 1 when the bytes are UTF-8 text without NULs (overlong forms and
 * surrogates are not looked for: the file is only ever downloaded). */
static int is_text(const unsigned char *p, size_t n)
{
	size_t i = 0, k, more;
	while (i < n) {
		unsigned char c = p[i++];
		if (c == 0)
			return 0;
		if (c < 0x80)
			continue;
		more = c >= 0xf0 && c < 0xf5 ? 3 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : 9;
		if (more == 9 || i + more > n)
			return 0;
		for (k = 0; k < more; k++)
			if ((p[i++] & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

/* The stored type as one of ours (a static string), else octets. */
static const char *type_static(const char *type)
{
	size_t i;
	for (i = 0; type && i < N_TYPES; i++)
		if (!strcmp(types[i].type, type))
			return types[i].type;
	return OCTETS;
}

const char *plan_evidence_type(const char *name, const void *data, size_t len)
{
	size_t i;
	for (i = 0; i < N_TYPES; i++) {
		if (!ends_with_ci(name, types[i].ext))
			continue;
		if (types[i].magic ? len >= types[i].n_magic &&
					     memcmp(data, types[i].magic, types[i].n_magic) == 0
				   : is_text(data, len))
			return types[i].type;
		return OCTETS;
	}
	return OCTETS;
}

const char *plan_evidence_problem(const struct web_param *up)
{
	if (!up)
		return NULL;
	if (up->len == 0)
		return "The selected file is empty. Choose a file with something in it";
	if (up->len > PLAN_EVIDENCE_MAX)
		return "The selected file must be smaller than 10 MB";
	return NULL;
}

int plan_evidence_add(store_t *db, int64_t event_id, int64_t action_id, const char *name,
		      const void *data, size_t len, const char *author, char sha_hex[65],
		      struct err *e)
{
	unsigned char sha[crypto_hash_sha256_BYTES];
	char now[21];
	crypto_hash_sha256(sha, data, len);
	sodium_bin2hex(sha_hex, 65, sha, sizeof sha);
	date_now_iso(now);
	return store_exec(db, e,
			  "INSERT INTO action_evidence(event_id, action_id, name, type, size, sha256,"
			  " data, author, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			  "iittitbtt", event_id, action_id, name,
			  plan_evidence_type(name, data, len), (int64_t)len, sha_hex, data, len,
			  author, now);
}

int plan_evidence_load(store_t *db, int64_t action_id, struct plan_evidence_row **rows,
		       size_t *n, struct err *e)
{
	store_stmt_t *st;
	int rc;
	*rows = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT id, event_id, name, type, size FROM action_evidence"
			  " WHERE action_id = ? ORDER BY id",
			  "i", action_id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct plan_evidence_row *r;
		*rows = xrealloc(*rows, (*n + 1) * sizeof **rows);
		r = &(*rows)[(*n)++];
		r->id = store_col_int(st, 0);
		r->event_id = store_col_int(st, 1);
		r->name = xstrdup(store_col_text(st, 2));
		r->type = xstrdup(store_col_text(st, 3));
		r->size = store_col_int(st, 4);
	}
	store_done(st);
	if (rc < 0) {
		plan_evidence_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return ERR_DB;
	}
	return 0;
}

void plan_evidence_free(struct plan_evidence_row *rows, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(rows[i].name);
		free(rows[i].type);
	}
	free(rows);
}

/* "3.4 MB", "820 KB", "512 bytes". */
static void size_words(int64_t n, char out[40])
{
	char c[32];
	if (n >= 1000 * 1000)
		snprintf(out, 40, "%.1f MB", (double)n / 1e6);
	else if (n >= 1000)
		snprintf(out, 40, "%lld KB", (long long)((n + 500) / 1000));
	else {
		str_count(c, n);
		snprintf(out, 40, "%s byte%s", c, n == 1 ? "" : "s");
	}
}

static const char *type_words(const char *type)
{
	size_t i;
	for (i = 0; i < N_TYPES; i++)
		if (!strcmp(types[i].type, type))
			return types[i].words;
	return "file";
}

void plan_evidence_links(struct web_resp *rs, const struct plan_evidence_row *rows, size_t n,
			 int64_t event_id)
{
	size_t i;
	for (i = 0; i < n; i++) {
		char size[40];
		if (rows[i].event_id != event_id)
			continue;
		size_words(rows[i].size, size);
		web_printf(rs, "<p class=\"govuk-body\">File: <a class=\"govuk-link\" "
			       "href=\"/plan/evidence/%lld\" download>%s</a> (%s, %s)</p>",
			   (long long)rows[i].id, rows[i].name, type_words(rows[i].type), size);
	}
}

int plan_evidence_named(const struct plan_evidence_row *rows, size_t n, int64_t event_id,
			const char *name)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (rows[i].event_id == event_id && name && !strcmp(rows[i].name, name))
			return 1;
	return 0;
}

/* Content-Disposition for a download of name: attachment, an ASCII name
 * (other bytes, quotes, backslashes and control characters made '_'),
 * and the UTF-8 name percent-encoded (RFC 6266, 8187) when it fits. */
static void disposition(const char *name, char *out, size_t cap)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = BUF_INIT, u = BUF_INIT;
	const unsigned char *p;
	int ascii = 1;
	buf_puts(&b, "attachment; filename=\"");
	for (p = (const unsigned char *)name; *p; p++) {
		int ok = *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\';
		buf_putc(&b, ok ? (char)*p : '_');
		ascii &= *p < 0x80;
	}
	buf_putc(&b, '"');
	if (!ascii) {
		for (p = (const unsigned char *)name; *p; p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p)) {
				buf_putc(&u, (char)*p);
			} else {
				buf_putc(&u, '%');
				buf_putc(&u, hex[*p >> 4]);
				buf_putc(&u, hex[*p & 15]);
			}
		}
		if (b.len + u.len + 20 < cap) {
			buf_puts(&b, "; filename*=UTF-8''");
			buf_puts(&b, buf_str(&u));
		}
	}
	snprintf(out, cap, "%s", buf_str(&b));
	buf_free(&b);
	buf_free(&u);
}

int plan_evidence_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	store_stmt_t *st;
	long id;
	int rc;
	if (str_to_int(rq->arg, 1, 2000000000L, &id) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no such evidence file. The action's history "
					       "links each file.");
	if (store_prepare(rq->db, &st, e,
			  "SELECT name, type, data FROM action_evidence WHERE id = ?", "i",
			  (int64_t)id) < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1) {
		size_t len = 0;
		const void *data = store_col_blob(st, 2, &len);
		web_send(rs, type_static(store_col_text(st, 1)), data ? data : "", len, NULL);
		disposition(store_col_text(st, 0), rs->disposition, sizeof rs->disposition);
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "There is no such evidence file. The action's history "
					       "links each file.");
	return 0;
}
