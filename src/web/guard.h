/*
 * web/guard.h: what keeps the server answering under abuse — deadlines for
 * each request's headers and body (not only an idle timeout), a budget of
 * connections that keeps room for signed-in users, and caps on the bytes
 * of request bodies in flight and on concurrent uploads. web/server.c
 * tells the guard what each connection is doing; a watchdog thread closes
 * those that miss their deadline.
 *
 * How the budget works: a connection counts as anonymous until one of its
 * requests brings a valid session cookie. Anonymous connections are
 * capped overall (three quarters of --max-connections, so a quarter is
 * always left for signed-in users) and per client address
 * (--max-anon-per-address; not applied to trusted proxies, whose
 * connections carry many clients). A new connection over a cap makes
 * room by closing the oldest anonymous connection that is waiting on its
 * client (headers or body not yet in), so a slow client can hold a slot
 * only until someone else needs it, and never past its deadline.
 */
#ifndef PARITY_WEB_GUARD_H
#define PARITY_WEB_GUARD_H
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "core/err.h"
#include "web/http.h"

struct guard_config {
	unsigned max_conns;	      /* all connections (libmicrohttpd's limit) */
	unsigned anon_max;	      /* anonymous connections, overall */
	unsigned anon_per_addr;	      /* anonymous connections from one address */
	int header_seconds;	      /* request line and headers, from the connection
					 (or its request line, on a kept-alive one) */
	int idle_seconds;	      /* a kept-alive connection's wait for its next request */
	int body_seconds;	      /* a form's body; an upload gets one more second per
					 64 KiB announced */
	uint64_t max_inflight;	      /* bytes of request bodies being received, overall */
	int max_uploads;	      /* uploads being received at once */
	const struct http_net *proxies; /* trusted proxies: no per-address cap */
	size_t n_proxies;
	/* Called by the watchdog at most once a minute, when connections
	 * were closed or bodies refused since the last call, with the counts
	 * of that minute (may be NULL). */
	void (*report)(unsigned long timed_out, unsigned long evicted, unsigned long busy);
};

/* One connection as the guard sees it (opaque). */
struct guard_sock;

/* Start the watchdog thread with cfg (kept by pointer). ERR_INTERNAL when
 * the thread cannot start. */
int guard_start(const struct guard_config *cfg, struct err *e);
/* Stop the watchdog and forget every connection (after the server has
 * stopped). */
void guard_stop(void);

/* A connection was accepted on fd from addr: count it, make room if a cap
 * is passed (closing this one if no other can go). Returns the guard's
 * record, freed by guard_close. */
struct guard_sock *guard_open(int fd, const struct sockaddr *addr);
void guard_close(struct guard_sock *s);
/* A request line arrived: the headers are due within header_seconds. */
void guard_request_line(struct guard_sock *s);
/* The headers are in and the server is working on the request; signed_in
 * moves the connection out of the anonymous budget for good. */
void guard_working(struct guard_sock *s, int signed_in);
/* The body is being read; it is due within body_seconds (plus the
 * upload allowance for `bytes` when upload is set). */
void guard_body(struct guard_sock *s, uint64_t bytes, int upload);
/* The answer (bytes long) is queued: it must be gone within
 * idle_seconds plus a second per 64 KiB, or the connection is closed. */
void guard_sending(struct guard_sock *s, uint64_t bytes);
/* The answer has been sent: wait for the next request (idle_seconds). */
void guard_request_done(struct guard_sock *s);

/* A request was refused without reading its body and fd (the socket) is
 * about to be closed: keep a duplicate open for up to two seconds,
 * reading and dropping what arrives, so that the client reads the answer
 * instead of a reset connection (a browser sends its whole upload before
 * it looks). At most 128 sockets linger at once. */
void guard_linger(int fd);

/* Reserve room for a body of `bytes` (an upload also takes one of the
 * upload places). Returns 0, or -1 when over a cap: answer 503 with
 * Retry-After. Give it back with guard_release (same arguments). */
int guard_reserve(uint64_t bytes, int upload);
void guard_release(uint64_t bytes, int upload);

#endif
