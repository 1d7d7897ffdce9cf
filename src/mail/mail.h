/*
 * mail: email for parity, knowing no domain. Messages are built with
 * GMime (RFC 2047 headers, multipart/alternative, Message-ID, Date),
 * queued in an outbox in the database (migration 017) and delivered by
 * libcurl over SMTP (STARTTLS required, optional or off), 4xx answers
 * retried with backoff and 5xx marked failed. Bounces come back to a VERP
 * return path (the from address's local part + "+b" + the outbox id and
 * a keyed check) and are read from RFC 3464 delivery-status reports and
 * the common non-standard ones.
 *
 * A domain queues a message with mail_queue, naming what the message is
 * to it (kind "list", ref the subscription id); a bounce read with
 * mail_bounce_read hands that kind and ref back, and the caller (the
 * app, which knows the domains) gives it to the domain that owns it.
 * docs/mail.md says how it is set up and what is sent.
 */
#ifndef PARITY_MAIL_H
#define PARITY_MAIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/room.h"
#include "store/store.h"

/* The mail room: 'parity mail setup', 'parity mail outbox' ... */
extern const struct room mail_room;

/* --- settings (parity mail setup) --- */

enum mail_tls {
	MAIL_TLS_REQUIRED = 0, /* STARTTLS or the message is not sent */
	MAIL_TLS_OPTIONAL = 1, /* STARTTLS when the server offers it */
	MAIL_TLS_OFF = 2,      /* plain SMTP (a relay on the same machine) */
};

struct mail_settings {
	char smtp[512];	    /* smtp://HOST:PORT or smtps://HOST:PORT */
	char from[320];	    /* the sender address, network@example.org */
	char from_name[128]; /* its display name, "" for none */
	char site_url[512]; /* https://parity.example.org, no trailing slash:
			       links in messages start with it */
	int tls;	    /* enum mail_tls */
	char user[256];	    /* SMTP AUTH user, "" for none */
	int has_password;   /* an SMTP password is kept (never read back here) */
	char ca_file[512];  /* a CA bundle to trust (tests: their own CA), "" for
			       the system's */
};

/* The settings, or ERR_DATA "mail is not set up: run 'parity mail setup
 * ...'" when none were saved. */
int mail_settings_get(store_t *db, struct mail_settings *s, struct err *e);
/* 1 when mail is set up, 0 when not (no error). */
int mail_configured(store_t *db);

/* The time mail runs by: time(NULL), or $PARITY_NOW (unix seconds) when
 * set — for tests of retries and expiry only (docs/mail.md). */
time_t mail_now(void);

/* --- addresses --- */

/* 0 when s is one plain email address we send to (local@domain, no
 * display name, no spaces or control characters, at most 254 bytes, a
 * dot in the domain); ERR_DATA saying what is wrong otherwise. */
int mail_address_ok(const char *s, struct err *e);
/* The address with its domain lowercased into out (n bytes). */
void mail_address_norm(const char *s, char *out, size_t n);
/* "local+tag@domain" from the settings' from address, into b: a tagged
 * address that comes back to parity (for a mailto: link such as the
 * List-Unsubscribe one). tag is letters, digits, '-' and '.'. */
void mail_address_tagged(const struct mail_settings *s, const char *tag, struct buf *b);

/* --- queueing --- */

struct mail_header {
	const char *name, *value; /* "List-Id", "Staff network <news.example.org>" */
};

struct mail_msg {
	const char *to;		  /* one address (mail_address_ok) */
	const char *to_name;	  /* display name, or NULL */
	const char *subject;	  /* UTF-8 */
	const char *text;	  /* the text/plain body, UTF-8 (required) */
	const char *html;	  /* an HTML alternative (multipart/alternative), or NULL */
	const struct mail_header *headers; /* more headers (List-*), encoded as needed */
	size_t n_headers;
	const char *reply_to;	  /* or NULL */
	const char *kind;	  /* what the message is to the domain that queued it:
				     "list", "confirm", "invite", "reminder" ... */
	int64_t ref;		  /* that domain's row (a subscription id), or 0 */
	time_t due;		  /* when to send; 0 for now */
};

/* Build m (with the settings' from address, a new Message-ID and Date)
 * and add it to the outbox, inside the caller's transaction if one is
 * open. *id (may be NULL) gets the outbox row. ERR_DATA for a bad
 * address, a missing subject or body; ERR_DATA when mail is not set up. */
int mail_queue(store_t *db, const struct mail_settings *s, const struct mail_msg *m,
	       int64_t *id, struct err *e);
/* The same message, built as mail_queue would, into out (the RFC 5322
 * bytes, CRLF line ends): for previews and tests. */
int mail_build(const struct mail_settings *s, const struct mail_msg *m, struct buf *out,
	       struct err *e);

/* --- delivery (parity mail run; serve's worker) --- */

struct mail_run_result {
	int sent, retried, failed; /* this run */
	int left;		   /* still queued (due later) */
};
/* Deliver what is due at now, at most max messages (0: all), over one
 * SMTP connection where the server allows. A 4xx answer or a lost
 * connection leaves the message queued with its next try later
 * (backoff: 5 minutes doubling, at most 6 hours, failed after 5 days); a
 * 5xx answer marks it failed with the server's words. ERR_DATA when mail
 * is not set up; a server that cannot be reached is not an error of the
 * run (each message records it). */
int mail_run(store_t *db, time_t now, int max, struct mail_run_result *r, struct err *e);

/* Start serve's worker: a thread with its own connection to db_path
 * that runs job(db) and then mail_run every `seconds`. job (may be NULL)
 * is the app's: the domains' reminders. Stop it with mail_worker_stop. */
typedef int (*mail_job)(store_t *db, time_t now, struct err *e);
int mail_worker_start(const char *db_path, int seconds, mail_job job, struct err *e);
void mail_worker_stop(void);

/* --- bounces (parity mail bounce < MESSAGE) --- */

#define MAIL_BOUNCE_MAX 16
struct mail_bounce_rcpt {
	char address[320]; /* the failed recipient, as reported */
	char status[16];   /* "5.1.1", "4.2.2", or "" when not given */
	int hard;	   /* 1: permanent (5.x.x / failed), 0: temporary */
};
struct mail_bounce {
	int is_bounce;	  /* 0: not a delivery report we understand */
	int n;
	struct mail_bounce_rcpt rcpt[MAIL_BOUNCE_MAX];
	int64_t outbox_id; /* the message that bounced (from the VERP address,
			      else its Message-ID), 0 when unknown */
	char kind[32];	   /* that message's kind and ref (mail_msg) */
	int64_t ref;
	char to[320];	   /* the address that message was sent to */
	char tag[128];	   /* not a bounce, but mail to a tagged address
			      (mail_address_tagged): its tag, for the caller
			      to act on (a mailto: unsubscribe); else "" */
};
/* Parse a delivery report (RFC 3464 multipart/report, and the common
 * non-standard forms: qmail, Exim and Postfix plain-text bounces) in
 * bytes; envelope_to is the address it was delivered to (the VERP
 * return path, from the MTA), or NULL to look in Delivered-To,
 * X-Original-To and To. Finds the outbox row it belongs to, checks the
 * VERP's keyed check, and records the bounce on that row. Sets
 * b->is_bounce 0 (and returns 0) for a message that is not a report.
 * ERR_DATA for a message that cannot be read as email. */
int mail_bounce_read(store_t *db, const char *bytes, size_t len, const char *envelope_to,
		     struct mail_bounce *b, struct err *e);

#endif
