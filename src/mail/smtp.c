/*
 * mail/smtp.c: delivering the outbox over SMTP with libcurl (parity mail
 * run; serve's worker). One easy handle serves every message of a run,
 * so libcurl keeps one connection open while the server allows. Each due
 * message is first claimed (its next try moved 10 minutes on, only if no
 * other worker moved it first), so that serve's worker and a 'parity mail
 * run' never send one message twice; each outcome is committed in its
 * own short transaction.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <sodium.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "mail/internal.h"

#define CLAIM_SECONDS 600
#define RETRY_FIRST 300
#define RETRY_MAX (6 * 3600)
#define GIVE_UP (5 * 86400)

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_start(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* The body being sent, read by libcurl. */
struct upload {
	const char *data;
	size_t len, off;
};

static size_t read_body(char *out, size_t size, size_t n, void *arg)
{
	struct upload *u = arg;
	size_t want = size * n, left = u->len - u->off;
	if (want > left)
		want = left;
	memcpy(out, u->data + u->off, want);
	u->off += want;
	return want;
}

/* The server's answer, as libcurl saw it (its debug callback gets every
 * line the server sends): its last line, or its first refusal (4xx,
 * 5xx), which the goodbye to QUIT that follows must not hide. */
struct answer {
	struct buf line;
	int refused;
};

static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	struct answer *a = arg;
	struct buf *last = &a->line;
	(void)h;
	if (type != CURLINFO_HEADER_IN || a->refused)
		return 0;
	a->refused = size && (data[0] == '4' || data[0] == '5');
	/* A multi-line answer (250-...) keeps its last line only. */
	buf_reset(last);
	while (size && (data[size - 1] == '\n' || data[size - 1] == '\r'))
		size--;
	buf_append(last, data, size > 400 ? 400 : size);
	return 0;
}

struct due {
	int64_t id, due_at, queued_at, attempts;
};

/* The rows due at now, oldest first, at most max (0: all). Caller frees *out. */
static int due_rows(store_t *db, time_t now, int max, struct due **out, size_t *n, struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	rc = store_prepare(db, &st, e,
			   "SELECT id, due_at, queued_at, attempts FROM mail_outbox "
			   "WHERE status = 'queued' AND due_at <= ? ORDER BY due_at, id",
			   "i", (int64_t)now);
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		if (max > 0 && *n >= (size_t)max)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		(*out)[*n].id = store_col_int(st, 0);
		(*out)[*n].due_at = store_col_int(st, 1);
		(*out)[*n].queued_at = store_col_int(st, 2);
		(*out)[*n].attempts = store_col_int(st, 3);
		(*n)++;
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

/* Claim row d: 1 when this worker has it, 0 when another took it. */
static int claim(store_t *db, const struct due *d, time_t now, struct err *e)
{
	int rc = store_exec(db, e,
			    "UPDATE mail_outbox SET due_at = ? WHERE id = ? AND due_at = ? "
			    "AND status = 'queued'",
			    "iii", (int64_t)now + CLAIM_SECONDS, d->id, d->due_at);
	if (rc < 0)
		return rc;
	return store_changes(db) == 1;
}

/* Record one outcome in its own transaction. */
static int record(store_t *db, int64_t id, const char *status, time_t now, int64_t due,
		  long code, const char *words, int tried, struct err *e)
{
	int rc = store_begin(db, e);
	if (rc < 0)
		return rc;
	rc = store_exec(db, e,
			"UPDATE mail_outbox SET status = ?, attempts = attempts + ?, due_at = ?, "
			"sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END, "
			"smtp_code = ?, last_error = ? WHERE id = ?",
			"tiitiiti", status, (int64_t)tried, due, status, (int64_t)now,
			code ? (int64_t)code : (int64_t)0, words, id);
	if (rc == 0 && !code)
		rc = store_exec(db, e, "UPDATE mail_outbox SET smtp_code = NULL WHERE id = ?", "i", id);
	if (rc < 0) {
		store_rollback(db);
		return rc;
	}
	return store_commit(db, e);
}

/* Why libcurl could not deliver, in words, for a failure that is not the
 * server's answer. */
static void curl_words(CURLcode res, const char *errbuf, const struct mail_settings *s,
		       struct buf *out)
{
	switch (res) {
	case CURLE_USE_SSL_FAILED:
		buf_printf(out, "the server does not offer STARTTLS, which the mail settings require "
				"(run 'parity mail setup' with --starttls optional or off to send "
				"without it)");
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		buf_printf(out, "the server's name could not be found (%s)", s->smtp);
		break;
	case CURLE_COULDNT_CONNECT:
		buf_printf(out, "the server could not be reached (%s)", s->smtp);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		buf_printf(out, "the server did not answer in time (%s)", s->smtp);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CONNECT_ERROR:
		buf_printf(out, "the secure connection failed: %s",
			   errbuf[0] ? errbuf : curl_easy_strerror(res));
		break;
	case CURLE_LOGIN_DENIED:
		buf_printf(out, "the server refused the SMTP user name or password");
		break;
	default:
		buf_printf(out, "%s", errbuf[0] ? errbuf : curl_easy_strerror(res));
	}
}

/* The SMTP password, unsealed into pw ("" when none is kept). */
static int password(store_t *db, const struct mail_settings *s, struct buf *pw, struct err *e)
{
	store_stmt_t *st;
	unsigned char key[32];
	int rc;
	if (!s->has_password)
		return 0;
	if ((rc = mail_subkey(db, MAIL_SUBKEY_SEAL, 0, key, e)) < 0)
		return rc;
	rc = store_prepare(db, &st, e, "SELECT smtp_secret FROM mail_setting WHERE id = 1", "");
	if (rc == 0 && (rc = store_step(st, e)) == 1) {
		size_t n = 0;
		const void *p = store_col_blob(st, 0, &n);
		rc = p ? mail_unseal(key, p, n, pw, e) : 0;
	}
	store_done(st);
	sodium_memzero(key, sizeof key);
	return rc < 0 ? rc : 0;
}

/* One handle for the run, set up from the settings. */
static CURL *handle_new(const struct mail_settings *s, const char *pw, struct answer *last,
			char *errbuf)
{
	CURL *h = curl_easy_init();
	if (!h)
		return NULL;
	curl_easy_setopt(h, CURLOPT_URL, s->smtp);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_body);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 300L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, last);
	curl_easy_setopt(h, CURLOPT_USE_SSL, s->tls == MAIL_TLS_REQUIRED   ? (long)CURLUSESSL_ALL
					     : s->tls == MAIL_TLS_OPTIONAL ? (long)CURLUSESSL_TRY
									   : (long)CURLUSESSL_NONE);
	if (s->ca_file[0])
		curl_easy_setopt(h, CURLOPT_CAINFO, s->ca_file);
	if (s->user[0]) {
		curl_easy_setopt(h, CURLOPT_USERNAME, s->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, pw);
	}
	return h;
}

/* Send row id; its outcome into *code and words. Returns the CURLcode. */
static CURLcode send_one(store_t *db, CURL *h, const struct mail_settings *s,
			 const unsigned char key[32], int64_t id, struct answer *last, char *errbuf,
			 long *code, struct err *e, int *db_rc)
{
	store_stmt_t *st;
	struct curl_slist *rcpt = NULL;
	struct buf from = BUF_INIT, to = BUF_INIT, path = BUF_INIT;
	struct upload up = {0};
	CURLcode res = CURLE_OK;
	int rc;
	*code = 0;
	*db_rc = 0;
	rc = store_prepare(db, &st, e, "SELECT rcpt, body FROM mail_outbox WHERE id = ?", "i", id);
	if (rc < 0 || (rc = store_step(st, e)) != 1) {
		store_done(st);
		*db_rc = rc < 0 ? rc : ERR_NOTFOUND;
		return CURLE_OK;
	}
	mail_verp_address(s, key, id, &path);
	buf_printf(&from, "<%s>", buf_str(&path));
	buf_printf(&to, "<%s>", store_col_text(st, 0));
	up.data = store_col_blob(st, 1, &up.len);
	rcpt = curl_slist_append(NULL, buf_str(&to));
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, buf_str(&from));
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READDATA, &up);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)up.len);
	buf_reset(&last->line);
	last->refused = 0;
	errbuf[0] = '\0';
	res = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, code);
	store_done(st);
	curl_slist_free_all(rcpt);
	buf_free(&from);
	buf_free(&to);
	buf_free(&path);
	return res;
}

int mail_run(store_t *db, time_t now, int max, struct mail_run_result *r, struct err *e)
{
	struct mail_settings s;
	struct due *rows = NULL;
	struct buf pw = BUF_INIT, words = BUF_INIT;
	struct answer last = {BUF_INIT, 0};
	unsigned char key[32];
	char errbuf[CURL_ERROR_SIZE];
	size_t n = 0, i;
	CURL *h = NULL;
	int64_t left = 0;
	int rc;
	memset(r, 0, sizeof *r);
	if ((rc = mail_settings_get(db, &s, e)) < 0)
		return rc;
	if ((rc = due_rows(db, now, max, &rows, &n, e)) < 0)
		goto done;
	if (n) {
		if ((rc = mail_subkey(db, MAIL_SUBKEY_VERP, 1, key, e)) < 0 ||
		    (rc = password(db, &s, &pw, e)) < 0)
			goto done;
		pthread_once(&curl_once, curl_start);
		h = handle_new(&s, buf_str(&pw), &last, errbuf);
		if (!h) {
			rc = err_set(e, ERR_INTERNAL, "libcurl could not start");
			goto done;
		}
	}
	for (i = 0; i < n; i++) {
		const struct due *d = &rows[i];
		long code = 0;
		int db_rc = 0, stop = 0;
		const char *status;
		int64_t due = d->due_at;
		CURLcode res;
		if ((rc = claim(db, d, now, e)) < 0)
			goto done;
		if (rc == 0)
			continue; /* another worker has it */
		res = send_one(db, h, &s, key, d->id, &last, errbuf, &code, e, &db_rc);
		if (db_rc < 0) {
			if (db_rc == ERR_NOTFOUND)
				continue;
			rc = db_rc;
			goto done;
		}
		buf_reset(&words);
		if (res == CURLE_OK) {
			status = "sent";
			buf_puts(&words, last.line.len ? buf_str(&last.line) : "accepted");
			if (!code)
				code = 250;
			r->sent++;
		} else if (code >= 500 && code < 600 && res != CURLE_LOGIN_DENIED) {
			status = "failed";
			buf_puts(&words, buf_str(&last.line)[0] ? buf_str(&last.line) : errbuf);
			r->failed++;
		} else {
			/* 4xx, or no answer at all: try again later. */
			int64_t delay = RETRY_FIRST, k;
			if (code >= 400 && code < 500 && buf_str(&last.line)[0])
				buf_puts(&words, buf_str(&last.line));
			else
				curl_words(res, errbuf, &s, &words);
			if (!(code >= 400 && code < 500)) {
				code = 0;
				stop = 1; /* the server itself: leave the rest for the next run */
			}
			for (k = 0; k < d->attempts && delay < RETRY_MAX; k++)
				delay *= 2;
			if (delay > RETRY_MAX)
				delay = RETRY_MAX;
			due = (int64_t)now + delay;
			if ((int64_t)now - d->queued_at >= GIVE_UP) {
				status = "failed";
				buf_puts(&words, " (gave up after 5 days of trying)");
				r->failed++;
			} else {
				status = "queued";
				r->retried++;
			}
		}
		if ((rc = record(db, d->id, status, now, due, code, buf_str(&words), 1, e)) < 0)
			goto done;
		if (stop)
			break;
	}
	rc = store_query_int(db, &left, e, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'queued'",
			     "");
	r->left = (int)left;
done:
	if (h)
		curl_easy_cleanup(h);
	if (pw.data)
		sodium_memzero(pw.data, pw.len);
	sodium_memzero(key, sizeof key);
	buf_free(&pw);
	buf_free(&last.line);
	buf_free(&words);
	free(rows);
	return rc < 0 ? rc : 0;
}
