/*
 * mail/msg.c: addresses, the settings, and messages — built with GMime
 * (never by hand) and added to the outbox.
 */
#include <ctype.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include <gmime/gmime.h>
#include <jansson.h>
#include <sodium.h>

#include "core/escape.h"
#include "core/xalloc.h"
#include "mail/mail.h"

static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;
static void gmime_start(void)
{
	g_mime_init();
}

/* --- addresses --- */

static int local_char_ok(unsigned char c)
{
	return isalnum(c) || (c && strchr("!#$%&'*+-/=?^_`{|}~.", c));
}

int mail_address_ok(const char *s, struct err *e)
{
	const char *at, *p, *label;
	size_t n;
	if (!s || !*s)
		return err_set(e, ERR_DATA, "give an email address");
	n = strlen(s);
	if (n > 254)
		return err_set(e, ERR_DATA, "the email address is longer than 254 characters");
	at = strrchr(s, '@');
	if (!at || at == s || !at[1])
		return err_set(e, ERR_DATA, "'%s' is not an email address: it needs a name, an @ "
			       "and a domain, like name@example.org", s);
	if (at - s > 64)
		return err_set(e, ERR_DATA, "the part of '%s' before the @ is longer than 64 "
			       "characters", s);
	for (p = s; p < at; p++)
		if (!local_char_ok((unsigned char)*p))
			return err_set(e, ERR_DATA, "'%s' is not an email address: it holds '%c' "
				       "before the @", s, *p == ' ' ? ' ' : *p);
	if (s[0] == '.' || at[-1] == '.' || strstr(s, ".."))
		return err_set(e, ERR_DATA, "'%s' is not an email address: a dot at the start or "
			       "end of the name, or two dots together", s);
	if (!strchr(at + 1, '.'))
		return err_set(e, ERR_DATA, "'%s' is not an email address: the domain after the @ "
			       "needs a dot, like example.org", s);
	label = at + 1;
	for (p = at + 1;; p++) {
		if (*p == '.' || !*p) {
			if (p == label || label[0] == '-' || p[-1] == '-' || p - label > 63)
				return err_set(e, ERR_DATA, "'%s' is not an email address: the domain "
					       "'%s' is not a valid name", s, at + 1);
			if (!*p)
				break;
			label = p + 1;
		} else if (!isalnum((unsigned char)*p) && *p != '-') {
			return err_set(e, ERR_DATA, "'%s' is not an email address: the domain '%s' "
				       "holds '%c'", s, at + 1, *p);
		}
	}
	return 0;
}

void mail_address_norm(const char *s, char *out, size_t n)
{
	char *at;
	size_t i;
	snprintf(out, n, "%s", s);
	at = strrchr(out, '@');
	for (i = at ? (size_t)(at - out) : strlen(out); out[i]; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
}

void mail_address_tagged(const struct mail_settings *s, const char *tag, struct buf *b)
{
	const char *at = strrchr(s->from, '@');
	if (!at) {
		buf_puts(b, s->from);
		return;
	}
	buf_append(b, s->from, (size_t)(at - s->from));
	buf_putc(b, '+');
	buf_puts(b, tag);
	buf_puts(b, at);
}

/* --- settings --- */

int mail_settings_get(store_t *db, struct mail_settings *s, struct err *e)
{
	store_stmt_t *st;
	int rc;
	memset(s, 0, sizeof *s);
	rc = store_prepare(db, &st, e,
			   "SELECT smtp, from_addr, from_name, site_url, tls, smtp_user, "
			   "smtp_secret IS NOT NULL, ca_file FROM mail_setting WHERE id = 1",
			   "");
	if (rc < 0)
		return rc;
	rc = store_step(st, e);
	if (rc == 1) {
		const char *tls = store_col_text(st, 4);
		snprintf(s->smtp, sizeof s->smtp, "%s", store_col_text(st, 0));
		snprintf(s->from, sizeof s->from, "%s", store_col_text(st, 1));
		snprintf(s->from_name, sizeof s->from_name, "%s", store_col_text(st, 2));
		snprintf(s->site_url, sizeof s->site_url, "%s", store_col_text(st, 3));
		s->tls = !strcmp(tls, "off") ? MAIL_TLS_OFF
			 : !strcmp(tls, "optional") ? MAIL_TLS_OPTIONAL
						    : MAIL_TLS_REQUIRED;
		snprintf(s->user, sizeof s->user, "%s", store_col_text(st, 5));
		s->has_password = (int)store_col_int(st, 6);
		snprintf(s->ca_file, sizeof s->ca_file, "%s", store_col_text(st, 7));
	}
	store_done(st);
	if (rc == 0)
		return err_set(e, ERR_DATA, "mail is not set up: run 'parity mail setup --smtp "
			       "smtp://HOST:PORT --from ADDRESS --site-url URL' first");
	return rc < 0 ? rc : 0;
}

int mail_configured(store_t *db)
{
	struct err e = {0};
	int64_t n = 0;
	if (store_query_int(db, &n, &e, "SELECT COUNT(*) FROM mail_setting", "") < 0)
		return 0;
	return n > 0;
}

/* --- building --- */

static GMimeTextPart *text_part(const char *subtype, const char *text)
{
	GMimeTextPart *p = g_mime_text_part_new_with_subtype(subtype);
	/* GMime picks the smallest charset that holds the text (us-ascii,
	 * iso-8859-1, else utf-8), converts to it and names it. */
	g_mime_text_part_set_text(p, text);
	/* 7bit when it can be, else quoted-printable: never 8bit, which not
	 * every relay carries. */
	g_mime_part_set_content_encoding(
		GMIME_PART(p),
		g_mime_part_get_best_content_encoding(GMIME_PART(p), GMIME_ENCODING_CONSTRAINT_7BIT));
	return p;
}

/* A header whose value is printable ASCII goes out as it is, folded
 * only after its commas: GMime would otherwise encode a long one as
 * RFC 2047 words, which a structured header such as List-Unsubscribe
 * (its URLs in angle brackets, RFC 2369) must never be. */
static void raw_header(GMimeMessage *msg, const char *name, const char *value)
{
	GMimeHeader *h;
	GString *raw;
	const char *p;
	for (p = value; *p; p++)
		if ((unsigned char)*p < 32 || (unsigned char)*p > 126)
			return;
	h = g_mime_header_list_get_header(g_mime_object_get_header_list(GMIME_OBJECT(msg)), name);
	if (!h)
		return;
	raw = g_string_new(" ");
	for (p = value; *p; p++) {
		g_string_append_c(raw, *p);
		if (*p == ',' && p[1] == ' ') {
			g_string_append(raw, "\n");
			p++;
			g_string_append_c(raw, ' ');
		}
	}
	g_string_append_c(raw, '\n');
	g_mime_header_set_raw_value(h, raw->str);
	g_string_free(raw, TRUE);
}

/* Check m before building: ERR_DATA naming what is missing or wrong. */
static int msg_check(const struct mail_settings *s, const struct mail_msg *m, struct err *e)
{
	size_t i;
	if (mail_address_ok(m->to, e) < 0) {
		err_prefix(e, "recipient");
		return ERR_DATA;
	}
	if (!m->subject || !*m->subject)
		return err_set(e, ERR_DATA, "a message needs a subject");
	if (!m->text || !*m->text)
		return err_set(e, ERR_DATA, "a message needs a text body");
	if (strpbrk(m->subject, "\r\n") || (m->to_name && strpbrk(m->to_name, "\r\n")))
		return err_set(e, ERR_DATA, "a subject or name cannot hold a line break");
	for (i = 0; i < m->n_headers; i++)
		if (!m->headers[i].name || !m->headers[i].value ||
		    strpbrk(m->headers[i].value, "\r\n") ||
		    strpbrk(m->headers[i].name, ": \r\n"))
			return err_set(e, ERR_DATA, "header '%s' is not one line of text",
				       m->headers[i].name ? m->headers[i].name : "");
	if (!s->from[0])
		return err_set(e, ERR_DATA, "mail is not set up: no from address");
	return 0;
}

/* Build m into out, its Message-ID (without <>) into mid: a new one when
 * mid is "", else mid as it is. */
static int build(const struct mail_settings *s, const struct mail_msg *m, struct buf *out,
		 char mid[256], struct err *e)
{
	GMimeMessage *msg;
	GMimeObject *body;
	GMimeFormatOptions *fo;
	GMimeStream *ms;
	GByteArray *ba;
	GDateTime *when;
	const char *domain;
	char *id;
	size_t i;
	int rc = msg_check(s, m, e);
	if (rc < 0)
		return rc;
	pthread_once(&gmime_once, gmime_start);
	msg = g_mime_message_new(TRUE);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, s->from_name[0] ? s->from_name : NULL,
				   s->from);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, m->to_name && *m->to_name ? m->to_name : NULL,
				   m->to);
	if (m->reply_to && *m->reply_to)
		g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_REPLY_TO, NULL, m->reply_to);
	g_mime_message_set_subject(msg, m->subject, "utf-8");
	when = g_date_time_new_from_unix_utc((gint64)(m->due ? m->due : mail_now()));
	g_mime_message_set_date(msg, when);
	g_date_time_unref(when);
	if (mid[0]) { /* a batch's row: its Message-ID was given when queued */
		g_mime_message_set_message_id(msg, mid);
	} else {
		domain = strrchr(s->from, '@');
		id = g_mime_utils_generate_message_id(domain ? domain + 1 : "parity.invalid");
		g_mime_message_set_message_id(msg, id);
		snprintf(mid, 256, "%s", id);
		g_free(id);
	}
	for (i = 0; i < m->n_headers; i++) {
		g_mime_object_set_header(GMIME_OBJECT(msg), m->headers[i].name, m->headers[i].value,
					 "utf-8");
		raw_header(msg, m->headers[i].name, m->headers[i].value);
	}
	if (m->html && *m->html) {
		GMimeMultipart *alt = g_mime_multipart_new_with_subtype("alternative");
		GMimeTextPart *t = text_part("plain", m->text), *h = text_part("html", m->html);
		g_mime_multipart_add(alt, GMIME_OBJECT(t));
		g_mime_multipart_add(alt, GMIME_OBJECT(h));
		g_object_unref(t);
		g_object_unref(h);
		body = GMIME_OBJECT(alt);
	} else {
		body = GMIME_OBJECT(text_part("plain", m->text));
	}
	g_mime_message_set_mime_part(msg, body);
	g_object_unref(body);
	fo = g_mime_format_options_clone(NULL);
	g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
	ms = g_mime_stream_mem_new();
	if (g_mime_object_write_to_stream(GMIME_OBJECT(msg), fo, ms) < 0) {
		rc = err_set(e, ERR_INTERNAL, "the message could not be built");
	} else {
		ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(ms));
		buf_append(out, (const char *)ba->data, ba->len);
	}
	g_object_unref(ms);
	g_mime_format_options_free(fo);
	g_object_unref(msg);
	return rc;
}

int mail_build(const struct mail_settings *s, const struct mail_msg *m, struct buf *out,
	       struct err *e)
{
	char mid[256] = "";
	return build(s, m, out, mid, e);
}

int mail_queue(store_t *db, const struct mail_settings *s, const struct mail_msg *m,
	       int64_t *id, struct err *e)
{
	struct buf b = BUF_INIT;
	char mid[256] = "", rcpt[320];
	time_t now = mail_now();
	int rc = build(s, m, &b, mid, e);
	if (rc < 0) {
		buf_free(&b);
		return rc;
	}
	mail_address_norm(m->to, rcpt, sizeof rcpt);
	rc = store_exec(db, e,
			"INSERT INTO mail_outbox (kind, ref, rcpt, subject, message_id, body, "
			"queued_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			"titttbii", m->kind ? m->kind : "", (int64_t)m->ref, rcpt, m->subject, mid,
			buf_str(&b), b.len, (int64_t)now, (int64_t)(m->due ? m->due : now));
	buf_free(&b);
	if (rc < 0)
		return rc;
	if (id)
		*id = store_last_id(db);
	return 0;
}

/* --- batches: one message to many --- */

struct mail_batch {
	store_t *db;
	int64_t id;
	store_stmt_t *ins;
	const char *kind, *subject;
	char domain[256];
	time_t now, due;
};

/* The template's headers as JSON [[name, value], ...]; caller frees. */
static char *headers_json(const struct mail_msg *m)
{
	json_t *a = json_array();
	char *s;
	size_t i;
	for (i = 0; i < m->n_headers; i++)
		json_array_append_new(a, json_pack("[s,s]", m->headers[i].name, m->headers[i].value));
	s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return s;
}

int mail_batch_begin(store_t *db, const struct mail_settings *s, const struct mail_msg *m,
		     struct mail_batch **out, struct err *e)
{
	struct mail_msg check = *m;
	struct mail_batch *b;
	const char *at = strrchr(s->from, '@');
	char *hj;
	int rc;
	*out = NULL;
	check.to = "someone@example.org"; /* the template alone: recipients come later */
	check.to_name = NULL;
	if ((rc = msg_check(s, &check, e)) < 0)
		return rc;
	b = xcalloc(1, sizeof *b);
	b->db = db;
	b->kind = m->kind ? m->kind : "";
	b->subject = m->subject;
	b->now = mail_now();
	b->due = m->due ? m->due : b->now;
	snprintf(b->domain, sizeof b->domain, "%s", at ? at + 1 : "parity.invalid");
	hj = headers_json(m);
	rc = store_exec(db, e,
			"INSERT INTO mail_batch (kind, subject, text, html, headers, reply_to, queued_at) "
			"VALUES (?, ?, ?, ?, ?, ?, ?)",
			"tttttti", b->kind, m->subject, m->text,
			m->html && *m->html ? m->html : NULL, hj, m->reply_to, (int64_t)b->now);
	free(hj);
	if (rc == 0) {
		b->id = store_last_id(db);
		rc = store_prepare(db, &b->ins, e,
				   "INSERT INTO mail_outbox (kind, ref, rcpt, subject, message_id, batch_id, "
				   "to_name, vars, queued_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				   "titttittii", b->kind, (int64_t)0, "",
				   "", "", b->id, NULL, NULL, (int64_t)0, (int64_t)0);
	}
	if (rc < 0) {
		mail_batch_end(b);
		return rc;
	}
	*out = b;
	return 0;
}

int mail_batch_add(struct mail_batch *b, const char *to, const char *to_name, int64_t ref,
		   const struct mail_var *vars, size_t n_vars, struct err *e)
{
	unsigned char r[16];
	char mid[300], hex[33], rcpt[320], *vj;
	json_t *o;
	size_t i;
	int rc;
	if (mail_address_ok(to, e) < 0) {
		err_prefix(e, "recipient");
		return ERR_DATA;
	}
	if (to_name && strpbrk(to_name, "\r\n"))
		return err_set(e, ERR_DATA, "a name cannot hold a line break");
	o = json_object();
	for (i = 0; i < n_vars; i++) {
		if (strpbrk(vars[i].value, "\r\n")) {
			json_decref(o);
			return err_set(e, ERR_DATA, "the value of {{%s}} cannot hold a line break",
				       vars[i].name);
		}
		json_object_set_new(o, vars[i].name, json_string(vars[i].value));
	}
	vj = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	/* The Message-ID now (bounces find the row by it): random, not
	 * GMime's, which reads the system's random source each time. */
	randombytes_buf(r, sizeof r);
	for (i = 0; i < sizeof r; i++)
		snprintf(hex + 2 * i, 3, "%02x", r[i]);
	snprintf(mid, sizeof mid, "%s@%s", hex, b->domain);
	mail_address_norm(to, rcpt, sizeof rcpt);
	rc = store_rebind(b->ins, e, "titttittii", b->kind, ref, rcpt, b->subject, mid, b->id,
			  to_name && *to_name ? to_name : NULL, vj, (int64_t)b->now, (int64_t)b->due);
	if (rc == 0 && (rc = store_step(b->ins, e)) > 0)
		rc = 0;
	free(vj);
	return rc;
}

void mail_batch_end(struct mail_batch *b)
{
	if (!b)
		return;
	store_done(b->ins);
	free(b);
}

/* tmpl with each {{name}} that vars holds replaced by its value (escaped
 * for HTML when html is set), into out. */
static void subst(const char *tmpl, const json_t *vars, int html, struct buf *out)
{
	const char *p = tmpl, *open, *close;
	char name[64];
	while ((open = strstr(p, "{{")) && (close = strstr(open + 2, "}}"))) {
		const json_t *v;
		size_t n = (size_t)(close - open - 2);
		buf_append(out, p, (size_t)(open - p));
		if (n < sizeof name) {
			memcpy(name, open + 2, n);
			name[n] = '\0';
		} else {
			name[0] = '\0';
		}
		v = name[0] ? json_object_get(vars, name) : NULL;
		if (!json_is_string(v)) {
			buf_append(out, open, (size_t)(close + 2 - open));
		} else if (html) {
			esc_html(out, json_string_value(v));
		} else {
			buf_puts(out, json_string_value(v));
		}
		p = close + 2;
	}
	buf_puts(out, p);
}

int mail_batch_build(store_t *db, const struct mail_settings *s, int64_t outbox_id,
		     struct buf *out, struct err *e)
{
	store_stmt_t *st;
	struct mail_msg m = {0};
	struct mail_header *hs = NULL;
	struct buf subject = BUF_INIT, text = BUF_INIT, html = BUF_INIT, *hv = NULL;
	json_t *vars = NULL, *heads = NULL, *h;
	char mid[256];
	size_t i, nh = 0;
	int rc = store_prepare(db, &st, e,
			       "SELECT o.rcpt, o.to_name, o.vars, o.message_id, o.queued_at, b.subject, "
			       "b.text, b.html, b.headers, b.reply_to, b.kind, o.ref FROM mail_outbox o "
			       "JOIN mail_batch b ON b.id = o.batch_id WHERE o.id = ?",
			       "i", outbox_id);
	if (rc < 0)
		return rc;
	if ((rc = store_step(st, e)) != 1) {
		store_done(st);
		return rc < 0 ? rc : err_set(e, ERR_NOTFOUND, "outbox message %lld is not part of a "
					     "batch", (long long)outbox_id);
	}
	vars = json_loads(store_col_text(st, 2) ? store_col_text(st, 2) : "{}", 0, NULL);
	heads = json_loads(store_col_text(st, 8), 0, NULL);
	if (!json_is_object(vars) || !json_is_array(heads)) {
		rc = err_set(e, ERR_DATA, "outbox message %lld: its batch is damaged",
			     (long long)outbox_id);
		goto done;
	}
	subst(store_col_text(st, 5), vars, 0, &subject);
	subst(store_col_text(st, 6), vars, 0, &text);
	if (store_col_text(st, 7))
		subst(store_col_text(st, 7), vars, 1, &html);
	nh = json_array_size(heads);
	hs = xcalloc(nh ? nh : 1, sizeof *hs);
	hv = xcalloc(nh ? nh : 1, sizeof *hv);
	json_array_foreach(heads, i, h) {
		subst(json_string_value(json_array_get(h, 1)) ? json_string_value(json_array_get(h, 1))
							       : "",
		      vars, 0, &hv[i]);
		hs[i].name = json_string_value(json_array_get(h, 0));
		hs[i].value = buf_str(&hv[i]);
	}
	m.to = store_col_text(st, 0);
	m.to_name = store_col_text(st, 1);
	m.subject = buf_str(&subject);
	m.text = buf_str(&text);
	m.html = store_col_text(st, 7) ? buf_str(&html) : NULL;
	m.headers = hs;
	m.n_headers = nh;
	m.reply_to = store_col_text(st, 9);
	m.kind = store_col_text(st, 10);
	m.ref = store_col_int(st, 11);
	snprintf(mid, sizeof mid, "%s", store_col_text(st, 3));
	rc = build(s, &m, out, mid, e);
done:
	store_done(st);
	for (i = 0; hv && i < nh; i++)
		buf_free(&hv[i]);
	free(hv);
	free(hs);
	buf_free(&subject);
	buf_free(&text);
	buf_free(&html);
	json_decref(vars);
	json_decref(heads);
	return rc;
}
