/*
 * web/guard.c: deadlines, the connection budget and the caps on bodies in
 * flight (see guard.h for the rules). One list of open connections under
 * one mutex; libmicrohttpd's threads report each connection's progress, a
 * watchdog thread wakes five times a second and shuts down (shutdown(2))
 * the sockets that missed their deadline. libmicrohttpd then sees the
 * socket end and closes the connection in its own thread, as if the
 * client had gone; it tells us (guard_close) before it closes the
 * descriptor, so the watchdog never touches a reused one.
 */
#include "web/guard.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/xalloc.h"

enum phase {
	PH_WAIT,    /* kept alive, waiting for the next request */
	PH_HEADERS, /* request line and headers on their way */
	PH_BODY,    /* body on its way */
	PH_WORKING, /* the server is working on the answer */
	PH_SENDING, /* the answer is on its way to the client */
};

struct guard_sock {
	struct guard_sock *prev, *next;
	int fd;
	unsigned char addr[16];
	int family;	/* 4 or 6; 0 when unknown */
	int proxy;	/* the peer is a trusted proxy */
	int anon;	/* counted among the anonymous connections */
	int shut;	/* shut down by the guard; gone soon */
	enum phase phase;
	int64_t since;	  /* ms on the monotonic clock: when the phase began */
	int64_t deadline; /* ms on the monotonic clock; none while working */
};

/* A socket kept open after libmicrohttpd closed its descriptor, read and
 * thrown away for a moment so that the client can read our refusal
 * before the connection ends (closing with unread data resets it). */
#define LINGER_MAX 128	   /* sockets lingering at once; more just close */
#define LINGER_MS 2000	   /* how long one lingers at most */
struct lingering {
	int fd;		  /* our duplicate of the socket */
	int64_t deadline; /* ms on the monotonic clock */
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	int running, stop;
	const struct guard_config *cfg;
	struct guard_sock *head, *tail;
	unsigned conns, anon;
	uint64_t inflight;
	int uploads;
	unsigned long timed_out, evicted, busy;
	struct lingering linger[LINGER_MAX];
	int n_linger;
} g = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Shut s down and stop counting it (lock held). */
static void shut(struct guard_sock *s)
{
	shutdown(s->fd, SHUT_RDWR);
	s->shut = 1;
	if (s->anon) {
		s->anon = 0;
		g.anon--;
	}
}

static int evictable(const struct guard_sock *s)
{
	return s->anon && !s->shut && s->phase != PH_WORKING;
}

static int same_addr(const struct guard_sock *a, const struct guard_sock *b)
{
	return a->family && a->family == b->family && !memcmp(a->addr, b->addr, sizeof a->addr);
}

/* Close the evictable anonymous connection (from the address of `like`,
 * when given) that has waited longest in its phase: first among those
 * waiting for their client to send, then among those whose answer is on
 * its way. Lock held. */
static void evict_oldest(const struct guard_sock *like)
{
	struct guard_sock *s, *victim = NULL;
	int pass;
	for (pass = 0; pass < 2 && !victim; pass++)
		for (s = g.head; s; s = s->next)
			if (evictable(s) && (pass == 1 || s->phase != PH_SENDING) &&
			    (!like || same_addr(s, like)) && (!victim || s->since < victim->since))
				victim = s;
	if (victim) {
		shut(victim);
		g.evicted++;
	}
}

struct guard_sock *guard_open(int fd, const struct sockaddr *sa)
{
	struct guard_sock *s = xcalloc(1, sizeof *s), *t;
	unsigned from_addr = 0;
	s->fd = fd;
	if (sa && sa->sa_family == AF_INET) {
		memcpy(s->addr, &((const struct sockaddr_in *)sa)->sin_addr, 4);
		s->family = 4;
	} else if (sa && sa->sa_family == AF_INET6) {
		static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		memcpy(s->addr, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
		s->family = 6;
		if (!memcmp(s->addr, mapped, sizeof mapped)) {
			memmove(s->addr, s->addr + 12, 4);
			memset(s->addr + 4, 0, 12);
			s->family = 4;
		}
	}
	pthread_mutex_lock(&g.lock);
	s->proxy = s->family && g.cfg && http_net_match(g.cfg->proxies, g.cfg->n_proxies, s->addr,
							   s->family);
	s->anon = 1;
	s->phase = PH_HEADERS;
	s->since = now_ms();
	s->deadline = s->since + (g.cfg ? g.cfg->header_seconds : 10) * 1000LL;
	s->prev = g.tail;
	if (g.tail)
		g.tail->next = s;
	else
		g.head = s;
	g.tail = s;
	g.conns++;
	g.anon++;
	if (g.cfg) {
		if (!s->proxy && s->family) {
			for (t = g.head; t; t = t->next)
				if (t->anon && same_addr(t, s))
					from_addr++;
			if (from_addr > g.cfg->anon_per_addr)
				evict_oldest(s);
		}
		if (g.anon > g.cfg->anon_max)
			evict_oldest(NULL);
	}
	pthread_mutex_unlock(&g.lock);
	return s;
}

void guard_close(struct guard_sock *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&g.lock);
	if (s->anon)
		g.anon--;
	g.conns--;
	if (s->prev)
		s->prev->next = s->next;
	else
		g.head = s->next;
	if (s->next)
		s->next->prev = s->prev;
	else
		g.tail = s->prev;
	pthread_mutex_unlock(&g.lock);
	free(s);
}

static void set_phase(struct guard_sock *s, enum phase ph, int64_t deadline)
{
	if (!s)
		return;
	pthread_mutex_lock(&g.lock);
	if (s->phase != ph)
		s->since = now_ms();
	s->phase = ph;
	s->deadline = deadline;
	pthread_mutex_unlock(&g.lock);
}

void guard_request_line(struct guard_sock *s)
{
	int64_t d;
	if (!s || !g.cfg)
		return;
	d = now_ms() + g.cfg->header_seconds * 1000LL;
	pthread_mutex_lock(&g.lock);
	if (s->deadline < d)
		d = s->deadline;
	if (s->phase != PH_HEADERS)
		s->since = now_ms();
	s->phase = PH_HEADERS;
	s->deadline = d;
	pthread_mutex_unlock(&g.lock);
}

void guard_working(struct guard_sock *s, int signed_in)
{
	if (!s)
		return;
	pthread_mutex_lock(&g.lock);
	if (s->phase != PH_WORKING)
		s->since = now_ms();
	s->phase = PH_WORKING;
	if (signed_in && s->anon) {
		s->anon = 0;
		g.anon--;
	}
	pthread_mutex_unlock(&g.lock);
}

void guard_body(struct guard_sock *s, uint64_t bytes, int upload)
{
	int64_t secs;
	if (!g.cfg)
		return;
	secs = g.cfg->body_seconds;
	if (upload)
		secs += (int64_t)(bytes / 65536);
	set_phase(s, PH_BODY, now_ms() + secs * 1000);
}

void guard_sending(struct guard_sock *s, uint64_t bytes)
{
	if (!g.cfg)
		return;
	set_phase(s, PH_SENDING,
		  now_ms() + (g.cfg->idle_seconds + (int64_t)(bytes / 65536)) * 1000);
}

void guard_request_done(struct guard_sock *s)
{
	if (!g.cfg)
		return;
	set_phase(s, PH_WAIT, now_ms() + g.cfg->idle_seconds * 1000LL);
}

int guard_reserve(uint64_t bytes, int upload)
{
	int rc = 0;
	if (!g.cfg)
		return 0;
	pthread_mutex_lock(&g.lock);
	if ((upload && g.uploads >= g.cfg->max_uploads) || bytes > g.cfg->max_inflight ||
	    g.inflight > g.cfg->max_inflight - bytes) {
		g.busy++;
		rc = -1;
	} else {
		g.inflight += bytes;
		g.uploads += upload ? 1 : 0;
	}
	pthread_mutex_unlock(&g.lock);
	return rc;
}

void guard_release(uint64_t bytes, int upload)
{
	if (!g.cfg)
		return;
	pthread_mutex_lock(&g.lock);
	g.inflight -= bytes;
	g.uploads -= upload ? 1 : 0;
	pthread_mutex_unlock(&g.lock);
}

void guard_linger(int fd)
{
	int d;
	if (fd < 0)
		return;
	pthread_mutex_lock(&g.lock);
	if (g.running && g.n_linger < LINGER_MAX && (d = fcntl(fd, F_DUPFD_CLOEXEC, 0)) >= 0) {
		fcntl(d, F_SETFL, fcntl(d, F_GETFL) | O_NONBLOCK);
		g.linger[g.n_linger].fd = d;
		g.linger[g.n_linger].deadline = now_ms() + LINGER_MS;
		g.n_linger++;
	}
	pthread_mutex_unlock(&g.lock);
}

/* Read what the lingering sockets have (at most 1 MiB each a turn);
 * close those that ended or whose time is up. Lock held. */
static void linger_turn(int64_t now)
{
	static char sink[65536];
	int i = 0;
	while (i < g.n_linger) {
		struct lingering *l = &g.linger[i];
		ssize_t r = 1;
		int k;
		for (k = 0; k < 16 && r > 0; k++)
			r = recv(l->fd, sink, sizeof sink, 0);
		if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) ||
		    now >= l->deadline) {
			close(l->fd);
			*l = g.linger[--g.n_linger];
			continue;
		}
		i++;
	}
}

static void *watchdog(void *arg)
{
	unsigned long seen[3] = {0, 0, 0};
	int64_t last_report = now_ms();
	pthread_mutex_lock(&g.lock);
	while (!g.stop) {
		struct timespec t;
		struct guard_sock *s;
		int64_t now;
		clock_gettime(CLOCK_REALTIME, &t);
		t.tv_nsec += 200 * 1000000L;
		if (t.tv_nsec >= 1000000000L) {
			t.tv_sec++;
			t.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&g.wake, &g.lock, &t);
		now = now_ms();
		linger_turn(now);
		for (s = g.head; s; s = s->next)
			if (!s->shut && s->phase != PH_WORKING && now >= s->deadline) {
				shut(s);
				g.timed_out++;
			}
		if (g.cfg && g.cfg->report && now - last_report >= 60000 &&
		    (g.timed_out != seen[0] || g.evicted != seen[1] || g.busy != seen[2])) {
			unsigned long d[3] = {g.timed_out - seen[0], g.evicted - seen[1], g.busy - seen[2]};
			void (*report)(unsigned long, unsigned long, unsigned long) = g.cfg->report;
			seen[0] = g.timed_out;
			seen[1] = g.evicted;
			seen[2] = g.busy;
			last_report = now;
			pthread_mutex_unlock(&g.lock);
			report(d[0], d[1], d[2]);
			pthread_mutex_lock(&g.lock);
		}
	}
	pthread_mutex_unlock(&g.lock);
	return NULL;
}

int guard_start(const struct guard_config *cfg, struct err *e)
{
	pthread_mutex_lock(&g.lock);
	g.cfg = cfg;
	g.stop = 0;
	g.inflight = 0;
	g.uploads = 0;
	g.timed_out = g.evicted = g.busy = 0;
	pthread_mutex_unlock(&g.lock);
	if (pthread_create(&g.thread, NULL, watchdog, NULL) != 0) {
		g.cfg = NULL;
		return err_set(e, ERR_INTERNAL, "cannot start the server's watchdog thread");
	}
	pthread_mutex_lock(&g.lock);
	g.running = 1;
	pthread_mutex_unlock(&g.lock);
	return 0;
}

void guard_stop(void)
{
	if (!g.running)
		return;
	pthread_mutex_lock(&g.lock);
	g.stop = 1;
	pthread_cond_signal(&g.wake);
	pthread_mutex_unlock(&g.lock);
	pthread_join(g.thread, NULL);
	pthread_mutex_lock(&g.lock);
	g.running = 0;
	while (g.n_linger > 0)
		close(g.linger[--g.n_linger].fd);
	g.cfg = NULL;
	pthread_mutex_unlock(&g.lock);
}
