/*
 * mail/bounce.c: reading a bounce (parity mail bounce < MESSAGE). The
 * message is parsed with GMime; a delivery report is either RFC 3464
 * (multipart/report; report-type=delivery-status, whose
 * message/delivery-status part holds a block of fields per recipient)
 * or one of the common plain-text forms: qmail ("Hi. This is the
 * qmail-send program" and "<address>:" paragraphs), Exim ("This message
 * was created automatically by mail delivery software" with the failed
 * addresses indented) and Postfix ("This is the mail system at host"
 * and "<address>: host ... said: 550 ..."). The outbox row it belongs to
 * comes from the VERP return path it was delivered to (its keyed check
 * must be right: a forged one is ignored, and nothing else is tried),
 * else from the original message's Message-ID. Mail to a tagged address
 * that is not a bounce hands its tag back.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "core/str.h"
#include "mail/internal.h"

static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;
static void gmime_start(void)
{
	g_mime_init();
}

struct scan {
	struct mail_bounce *b;
	int dsn;	    /* a message/delivery-status part was read */
	char mid[256];	    /* the original message's Message-ID, without <> */
	struct buf text;    /* the first text/plain part, decoded */
	int have_text;
};

/* The decoded bytes of a leaf part (or the whole of an embedded
 * message) into out. */
static void part_bytes(GMimeObject *part, struct buf *out)
{
	GMimeStream *ms = g_mime_stream_mem_new();
	GByteArray *ba;
	if (GMIME_IS_PART(part)) {
		GMimeDataWrapper *w = g_mime_part_get_content(GMIME_PART(part));
		if (w)
			g_mime_data_wrapper_write_to_stream(w, ms);
	} else if (GMIME_IS_MESSAGE_PART(part)) {
		GMimeMessage *m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
		if (m)
			g_mime_object_write_to_stream(GMIME_OBJECT(m), NULL, ms);
	}
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(ms));
	if (ba && ba->len)
		buf_append(out, (const char *)ba->data, ba->len);
	g_object_unref(ms);
}

/* A block of header fields ("Name: value" lines, folded as in email)
 * parsed by GMime: an object whose headers they are. Caller unrefs. */
static GMimeObject *fields_of(const char *p, size_t n)
{
	GMimeStream *ms = g_mime_stream_mem_new();
	GMimeParser *ps;
	GMimeObject *o;
	g_mime_stream_write(ms, p, n);
	g_mime_stream_write_string(ms, "\n\n");
	g_mime_stream_seek(ms, 0, GMIME_STREAM_SEEK_SET);
	ps = g_mime_parser_new_with_stream(ms);
	o = g_mime_parser_construct_part(ps, NULL);
	g_object_unref(ps);
	g_object_unref(ms);
	return o;
}

/* "rfc822; <a@b>" -> "a@b" into out. */
static void field_address(const char *v, char *out, size_t n)
{
	const char *semi = v ? strchr(v, ';') : NULL, *p = semi ? semi + 1 : v;
	size_t len;
	out[0] = '\0';
	if (!p)
		return;
	while (isspace((unsigned char)*p) || *p == '<')
		p++;
	len = strcspn(p, "> \t\r\n;");
	if (len >= n)
		len = n - 1;
	memcpy(out, p, len);
	out[len] = '\0';
}

/* An enhanced status code (2.x.x, 4.x.x, 5.x.x) at the start of s or
 * anywhere in it when anywhere: into out (16 bytes), 1 when found. */
static int status_code(const char *s, int anywhere, char out[16])
{
	const char *p;
	for (p = s; p && *p; p++) {
		const char *q = p;
		size_t i, d;
		if ((*q == '2' || *q == '4' || *q == '5') && q[1] == '.' &&
		    (p == s || (!isalnum((unsigned char)p[-1]) && p[-1] != '.'))) {
			q += 2;
			for (d = 0; d < 3 && isdigit((unsigned char)*q); d++)
				q++;
			if (d && *q == '.') {
				q++;
				for (i = 0; i < 3 && isdigit((unsigned char)q[i]); i++)
					;
				if (i && !isdigit((unsigned char)q[i]) && q[i] != '.') {
					size_t len = (size_t)(q + i - p);
					if (len < 16) {
						memcpy(out, p, len);
						out[len] = '\0';
						return 1;
					}
				}
			}
		}
		if (!anywhere)
			break;
	}
	return 0;
}

static struct mail_bounce_rcpt *add_rcpt(struct mail_bounce *b, const char *addr)
{
	struct mail_bounce_rcpt *r;
	if (b->n >= MAIL_BOUNCE_MAX || !addr[0])
		return NULL;
	r = &b->rcpt[b->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->address, sizeof r->address, "%s", addr);
	return r;
}

/* The fields of a message/delivery-status part: a block for the
 * message, then one per recipient, blocks separated by blank lines. */
static void read_dsn(struct scan *sc, const struct buf *body)
{
	const char *p = buf_str(body), *end = p + body->len;
	while (p < end) {
		const char *q = p;
		GMimeObject *o;
		/* a block ends at an empty line */
		while (q < end) {
			const char *nl = memchr(q, '\n', (size_t)(end - q));
			const char *next = nl ? nl + 1 : end;
			if (next < end && (*next == '\n' || (*next == '\r' && next + 1 < end && next[1] == '\n'))) {
				q = next;
				break;
			}
			q = next;
		}
		o = fields_of(p, (size_t)(q - p));
		if (o) {
			const char *fr = g_mime_object_get_header(o, "Final-Recipient");
			const char *orr = g_mime_object_get_header(o, "Original-Recipient");
			const char *action = g_mime_object_get_header(o, "Action");
			const char *st = g_mime_object_get_header(o, "Status");
			const char *diag = g_mime_object_get_header(o, "Diagnostic-Code");
			if ((fr || orr) && action) {
				char addr[320], code[16] = "";
				int failed = str_prefix_ci(action, "failed"),
				    delayed = str_prefix_ci(action, "delayed");
				field_address(fr ? fr : orr, addr, sizeof addr);
				if (st)
					status_code(st, 0, code);
				if (!code[0] && diag)
					status_code(diag, 1, code);
				if (failed || delayed || code[0] == '4' || code[0] == '5') {
					struct mail_bounce_rcpt *r = add_rcpt(sc->b, addr);
					if (r) {
						snprintf(r->status, sizeof r->status, "%s", code);
						r->hard = code[0] == '5' || (failed && code[0] != '4');
					}
				}
			}
			g_object_unref(o);
		}
		while (q < end && (*q == '\n' || *q == '\r'))
			q++;
		p = q;
	}
}

/* The Message-ID of a block of header fields (text/rfc822-headers). */
static void mid_of_fields(struct scan *sc, const struct buf *body)
{
	GMimeObject *o = fields_of(buf_str(body), body->len);
	const char *v;
	if (!o)
		return;
	v = g_mime_object_get_header(o, "Message-ID");
	if (v && !sc->mid[0]) {
		char *id = g_mime_utils_decode_message_id(v);
		if (id)
			snprintf(sc->mid, sizeof sc->mid, "%s", id);
		g_free(id);
	}
	g_object_unref(o);
}

static void each_part(GMimeObject *parent, GMimeObject *part, gpointer data)
{
	struct scan *sc = data;
	GMimeContentType *ct = g_mime_object_get_content_type(part);
	struct buf body = BUF_INIT;
	(void)parent;
	if (!ct)
		return;
	if (g_mime_content_type_is_type(ct, "message", "delivery-status") ||
	    g_mime_content_type_is_type(ct, "message", "global-delivery-status")) {
		part_bytes(part, &body);
		sc->dsn = 1;
		read_dsn(sc, &body);
	} else if (g_mime_content_type_is_type(ct, "text", "rfc822-headers")) {
		part_bytes(part, &body);
		mid_of_fields(sc, &body);
	} else if (GMIME_IS_MESSAGE_PART(part)) {
		GMimeMessage *m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
		const char *id = m ? g_mime_message_get_message_id(m) : NULL;
		if (id && !sc->mid[0])
			snprintf(sc->mid, sizeof sc->mid, "%s", id);
	} else if (GMIME_IS_PART(part) && g_mime_content_type_is_type(ct, "text", "plain") &&
		   !sc->have_text) {
		part_bytes(part, &sc->text);
		sc->have_text = 1;
	}
	buf_free(&body);
}

/* The address of a line such as "<a@b>:" (qmail, Postfix) or "  a@b"
 * (Exim, indented) into out; 1 when the line is one. */
static int line_address(const char *line, size_t len, int indented_ok, char out[320])
{
	const char *p = line, *end = line + len, *q;
	struct err e = {0};
	size_t n;
	if (*p == '<') {
		q = memchr(p, '>', len);
		if (!q || q + 1 >= end || q[1] != ':')
			return 0;
		p++;
	} else {
		if (!indented_ok || !isspace((unsigned char)*p))
			return 0;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p < end && *p == '<')
			p++;
		for (q = p; q < end && !isspace((unsigned char)*q) && *q != '>' && *q != ':'; q++)
			;
		{
			const char *r = q;
			while (r < end && (*r == '>' || *r == ':'))
				r++;
			while (r < end && isspace((unsigned char)*r))
				r++;
			if (r != end)
				return 0;
		}
	}
	n = (size_t)(q - p);
	if (!n || n >= 320)
		return 0;
	memcpy(out, p, n);
	out[n] = '\0';
	return mail_address_ok(out, &e) == 0;
}

/* The plain-text forms: qmail, Exim, Postfix. */
static void read_plain(struct scan *sc)
{
	const char *t = buf_str(&sc->text), *p, *end = t + sc->text.len;
	int qmail = str_find_ci(t, "This is the qmail-send program") != NULL;
	int exim = str_find_ci(t, "created automatically by mail delivery software") != NULL;
	int postfix = str_find_ci(t, "This is the mail system at host") != NULL ||
		      str_find_ci(t, "could not be delivered to one or more recipients") != NULL;
	int delay = str_find_ci(t, "has not yet been delivered") != NULL ||
		    str_find_ci(t, "delivery to the following recipients has been delayed") != NULL ||
		    str_find_ci(t, "will continue trying") != NULL ||
		    str_find_ci(t, "will keep trying") != NULL;
	int in_list = 0; /* Exim: after "...failed:" or a delay's heading */
	struct mail_bounce_rcpt *cur = NULL;
	if (!qmail && !exim && !postfix)
		return;
	for (p = t; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		char addr[320], code[16];
		if (len && p[len - 1] == '\r')
			len--;
		/* where the copy of the original begins, the report ends */
		if (str_prefix_ci(p, "--- Below this line is a copy") ||
		    str_prefix_ci(p, "------ This is a copy of the message") ||
		    str_prefix_ci(p, "------ This is a copy of your message"))
			break;
		if (exim && len && p[len - 1] == ':' && !isspace((unsigned char)*p))
			in_list = 1;
		int is_addr = line_address(p, len, exim && in_list, addr);
		if (is_addr) {
			cur = add_rcpt(sc->b, addr);
			if (cur)
				cur->hard = !delay;
		}
		/* the status may follow on the address's own line (Postfix) */
		if (cur && !cur->status[0]) {
			char line[1024];
			size_t n = len < sizeof line - 1 ? len : sizeof line - 1;
			const char *s;
			memcpy(line, p, n);
			line[n] = '\0';
			if (status_code(line, 1, code)) {
				snprintf(cur->status, sizeof cur->status, "%s", code);
			} else {
				/* a bare SMTP code: "said: 550 ..." */
				for (s = line; *s; s++)
					if ((*s == '4' || *s == '5') && isdigit((unsigned char)s[1]) &&
					    isdigit((unsigned char)s[2]) && (s[3] == ' ' || s[3] == '-') &&
					    (s == line || s[-1] == ' ')) {
						snprintf(cur->status, sizeof cur->status, "%c.0.0", *s);
						break;
					}
			}
			if (cur->status[0])
				cur->hard = cur->status[0] == '5';
		}
		p = nl ? nl + 1 : end;
	}
	/* the original's Message-ID, when the copy is inline */
	if (!sc->mid[0]) {
		const char *m = str_find_ci(t, "\nMessage-ID:");
		if (m) {
			const char *lt = strchr(m + 1, '<'), *gt = lt ? strchr(lt, '>') : NULL,
				   *eol = strchr(m + 1, '\n');
			if (lt && gt && (!eol || gt < eol) && (size_t)(gt - lt - 1) < sizeof sc->mid) {
				memcpy(sc->mid, lt + 1, (size_t)(gt - lt - 1));
				sc->mid[gt - lt - 1] = '\0';
			}
		}
	}
}

/* The first address of a header's value (To may hold a name). */
static void header_address(GMimeMessage *msg, const char *name, char out[320])
{
	const char *v = g_mime_object_get_header(GMIME_OBJECT(msg), name);
	InternetAddressList *l;
	out[0] = '\0';
	if (!v)
		return;
	l = internet_address_list_parse(NULL, v);
	if (l) {
		int i, n = internet_address_list_length(l);
		for (i = 0; i < n && !out[0]; i++) {
			InternetAddress *a = internet_address_list_get_address(l, i);
			if (INTERNET_ADDRESS_IS_MAILBOX(a))
				snprintf(out, 320, "%s",
					 internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)));
		}
		g_object_unref(l);
	}
}

/* The tag of addr when it is the settings' from address with "+TAG":
 * into tag (128 bytes), 1 when it is. */
static int tag_of(const struct mail_settings *s, const char *addr, char tag[128])
{
	const char *fat = strrchr(s->from, '@'), *at = strrchr(addr, '@'), *plus, *p;
	size_t local = fat ? (size_t)(fat - s->from) : 0, n;
	if (!fat || !at || !str_eq_ci(fat, at))
		return 0;
	plus = addr + local;
	if ((size_t)(at - addr) <= local + 1 || *plus != '+' || strncasecmp(addr, s->from, local))
		return 0;
	n = (size_t)(at - plus - 1);
	if (n >= 128)
		return 0;
	for (p = plus + 1; p < at; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.')
			return 0;
	memcpy(tag, plus + 1, n);
	tag[n] = '\0';
	return 1;
}

/* Find the outbox row: from the VERP addresses, else the Message-ID. */
static int find_row(store_t *db, struct mail_bounce *b, char cand[4][320], const char *mid,
		    struct err *e)
{
	unsigned char key[32];
	int i, rc, forged = 0;
	int64_t id = 0;
	store_stmt_t *st;
	if ((rc = mail_subkey(db, MAIL_SUBKEY_VERP, 1, key, e)) < 0)
		return rc;
	/* the envelope recipient when the MTA gave it, else the first of
	 * Delivered-To, X-Original-To and To that is there */
	for (i = 0; i < 4 && !cand[i][0]; i++)
		;
	if (i < 4) {
		rc = mail_verp_parse(key, cand[i], &id);
		if (rc < 0)
			forged = 1;
		if (rc <= 0)
			id = 0;
	}
	if (!id && forged)
		return 0; /* a forged check: ignored, nothing else tried */
	if (id)
		rc = store_prepare(db, &st, e, "SELECT id, kind, ref, rcpt FROM mail_outbox WHERE id = ?",
				   "i", id);
	else if (mid[0])
		rc = store_prepare(db, &st, e,
				   "SELECT id, kind, ref, rcpt FROM mail_outbox WHERE message_id = ? "
				   "ORDER BY id LIMIT 1",
				   "t", mid);
	else
		return 0;
	if (rc < 0)
		return rc;
	if ((rc = store_step(st, e)) == 1) {
		b->outbox_id = store_col_int(st, 0);
		snprintf(b->kind, sizeof b->kind, "%s", store_col_text(st, 1));
		b->ref = store_col_int(st, 2);
		snprintf(b->to, sizeof b->to, "%s", store_col_text(st, 3));
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

int mail_bounce_read(store_t *db, const char *bytes, size_t len, const char *envelope_to,
		     struct mail_bounce *b, struct err *e)
{
	GMimeStream *ms;
	GMimeParser *ps;
	GMimeMessage *msg;
	struct scan sc = {0};
	char cand[4][320] = {{0}};
	int rc = 0, i, hard = 0;
	memset(b, 0, sizeof *b);
	if (!len)
		return err_set(e, ERR_DATA, "the message is empty");
	pthread_once(&gmime_once, gmime_start);
	ms = g_mime_stream_mem_new_with_buffer(bytes, len);
	ps = g_mime_parser_new_with_stream(ms);
	msg = g_mime_parser_construct_message(ps, NULL);
	g_object_unref(ps);
	g_object_unref(ms);
	if (!msg || !g_mime_object_get_header_list(GMIME_OBJECT(msg)) ||
	    g_mime_header_list_get_count(g_mime_object_get_header_list(GMIME_OBJECT(msg))) == 0) {
		if (msg)
			g_object_unref(msg);
		return err_set(e, ERR_DATA, "the message cannot be read as email (no header fields)");
	}
	sc.b = b;
	if (GMIME_IS_PART(g_mime_message_get_mime_part(msg)) ||
	    GMIME_IS_MULTIPART(g_mime_message_get_mime_part(msg)))
		g_mime_message_foreach(msg, each_part, &sc);
	if (!sc.dsn && sc.have_text)
		read_plain(&sc);
	b->is_bounce = b->n > 0;
	if (envelope_to && *envelope_to)
		snprintf(cand[0], sizeof cand[0], "%s", envelope_to);
	header_address(msg, "Delivered-To", cand[1]);
	header_address(msg, "X-Original-To", cand[2]);
	header_address(msg, "To", cand[3]);
	if (b->is_bounce) {
		if ((rc = find_row(db, b, cand, sc.mid, e)) < 0)
			goto done;
		for (i = 0; i < b->n; i++)
			hard |= b->rcpt[i].hard;
		if (b->outbox_id)
			rc = store_exec(db, e,
					"UPDATE mail_outbox SET bounced_at = ?, bounce_hard = ?, "
					"status = CASE WHEN ? = 1 THEN 'bounced' ELSE status END "
					"WHERE id = ?",
					"iiii", (int64_t)mail_now(), (int64_t)hard, (int64_t)hard,
					b->outbox_id);
	} else if (mail_configured(db)) {
		struct mail_settings s;
		unsigned char key[32];
		if ((rc = mail_settings_get(db, &s, e)) < 0 ||
		    (rc = mail_subkey(db, MAIL_SUBKEY_VERP, 1, key, e)) < 0)
			goto done;
		int64_t id;
		for (i = 0; i < 4 && !cand[i][0]; i++)
			;
		if (i < 4 && mail_verp_parse(key, cand[i], &id) == 0)
			tag_of(&s, cand[i], b->tag);
	}
done:
	buf_free(&sc.text);
	g_object_unref(msg);
	return rc;
}
