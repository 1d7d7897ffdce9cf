/*
 * mail/msg.c: addresses, the settings, and messages — built with GMime
 * (never by hand) and added to the outbox.
 */
#include <ctype.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include <gmime/gmime.h>

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

/* Build m into out, its Message-ID (without <>) into mid. */
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
	when = m->due ? g_date_time_new_from_unix_utc((gint64)m->due) : g_date_time_new_now_utc();
	g_mime_message_set_date(msg, when);
	g_date_time_unref(when);
	domain = strrchr(s->from, '@');
	id = g_mime_utils_generate_message_id(domain ? domain + 1 : "parity.invalid");
	g_mime_message_set_message_id(msg, id);
	snprintf(mid, 256, "%s", id);
	g_free(id);
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
	char mid[256];
	return build(s, m, out, mid, e);
}

int mail_queue(store_t *db, const struct mail_settings *s, const struct mail_msg *m,
	       int64_t *id, struct err *e)
{
	struct buf b = BUF_INIT;
	char mid[256], rcpt[320];
	time_t now = time(NULL);
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
