/*
 * fuzz_http: libFuzzer target for our side of HTTP (src/web/http.c) — what
 * a request's bytes reach before any handler runs. The input is split at
 * NUL bytes into fields:
 *   0 method, 1 path            the route table walk (the site's real tables
 *                               are not needed: a small one of each shape)
 *   2 Cookie header             parity_session and parity_csrf
 *   3 next=                     the sign-in redirect check, and the deep
 *                               link round trip through web_urlenc and
 *                               libmicrohttpd's own unescaping
 *   4 peer, 5 X-Forwarded-For   the client address behind trusted proxies,
 *   6 --trusted-proxy           also parsed as a network
 *   7 Content-Type              the early decision on a body
 *   8...                        form events: the first byte of each says
 *                               text or file, continue or new; the rest is
 *                               the name up to '=' and then the data
 * Promises checked: a found route matches method and path and its arg is
 * the path's tail; a cookie value fits and holds no ';'; an accepted next=
 * starts with one '/' and has no control character; the client address
 * is the peer or a normalised address; the access log line has no
 * control character or bare quote; the body decision is one of the
 * documented statuses; form fields stay within their caps and an upload
 * reads back exactly the bytes written, NUL-terminated.
 * Built by `make fuzz`; fuzz/replay.c replays the corpus in `make check`.
 */
#include <assert.h>
#include <microhttpd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "web/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define N_FIELDS 8

static int page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return 0;
}

static const struct web_route routes[] = {
	{"GET", "/", CAP_PUBLIC, page},
	{"GET", "/login", CAP_PUBLIC, page},
	{"POST", "/login", CAP_PUBLIC, page},
	{"GET", "/plan/action/*", CAP_READ_PLAN, page},
	{"POST", "/plan/action/*", CAP_UPDATE_OWN_ACTIONS | CAP_UPDATE_ANY_ACTION, page},
	{"GET", "/*", CAP_READ_PLAN, page},
};

static void check_route(const char *method, const char *path)
{
	const struct web_route *const tables[] = {routes};
	const size_t n[] = {sizeof routes / sizeof routes[0]};
	const char *arg = NULL;
	int mismatch = -1;
	const struct web_route *r = http_route_find(tables, n, 1, method, path, &arg, &mismatch);
	assert(mismatch == 0 || mismatch == 1);
	if (r) {
		size_t plen = strlen(path), alen = strlen(arg);
		assert(!strcmp(r->method, strcmp(method, "HEAD") ? method : "GET"));
		assert(alen <= plen && !strcmp(path + plen - alen, arg));
		assert(mismatch == 0);
	}
}

static void check_cookie(const char *header)
{
	char out[80];
	if (http_cookie(header, "parity_session", out, sizeof out)) {
		assert(strlen(out) < sizeof out);
		assert(!strchr(out, ';'));
	} else
		assert(out[0] == '\0');
	http_cookie(header, "parity_csrf", out, sizeof out);
}

static void check_next(const char *next)
{
	struct buf enc = BUF_INIT;
	char *dec;
	if (http_local_path_ok(next)) {
		const unsigned char *p = (const unsigned char *)next;
		assert(p[0] == '/' && p[1] != '/' && p[1] != '\\');
		for (; *p; p++)
			assert(*p >= 32 && *p != 127);
	}
	/* the deep link round trip: /login?next=ENCODED decodes to the link */
	web_urlenc(&enc, next);
	dec = xstrdup(buf_str(&enc));
	MHD_http_unescape(dec);
	assert(!strcmp(dec, next));
	free(dec);
	buf_free(&enc);
}

static void check_address(const char *peer, const char *xff, const char *proxy)
{
	struct http_net nets[2];
	struct err e = {0};
	size_t n = 0;
	char out[64];
	unsigned char a[16];
	int fam;
	if (http_net_parse(proxy, &nets[n], &e) == 0) {
		assert(nets[n].bits >= 0 && nets[n].bits <= (nets[n].family == 4 ? 32 : 128));
		n++;
	} else
		assert(e.code == ERR_USAGE && e.msg[0]);
	err_clear(&e);
	assert(http_net_parse("10.0.0.0/8", &nets[n], &e) == 0);
	n++;
	http_client_addr(peer, xff, nets, n, out);
	assert(strlen(out) < 64);
	assert(!strcmp(out, peer) || http_addr_parse(out, a, &fam) == 0 ||
	       (strlen(peer) >= 63 && !strncmp(out, peer, 63)));
}

static void check_log(const char *s)
{
	struct buf b = BUF_INIT;
	const unsigned char *p;
	http_log_escape(&b, s);
	for (p = (const unsigned char *)buf_str(&b); *p; p++)
		assert(*p >= 32 && *p != 127 && *p != '"');
	buf_free(&b);
}

static void check_body(const char *ctype, uint64_t length, unsigned flags)
{
	struct http_body_rule r = {http_body_kind(ctype), length, (enum http_csrf)(flags % 3),
				   (int)(flags / 3 % 2), 65536, 16384, 1 << 20,
				   (int)(flags / 6 % 2)};
	uint64_t cap;
	int upload;
	const char *why;
	int st = http_body_check(&r, &cap, &upload, &why);
	assert(st == 0 || st == 403 || st == 413 || st == 415);
	assert(why);
	if (st == 0) {
		assert(r.length == HTTP_LEN_UNKNOWN || r.length <= cap);
		assert(!upload || (r.signed_in && r.csrf == HTTP_CSRF_GOOD));
		/* a one-click route takes a small form without any token */
		assert(r.csrf != HTTP_CSRF_BAD || r.one_click);
		assert(!r.one_click || (!upload && cap == r.public_max));
	}
}

/* Form events from p[0..n): each is a flag byte, a name up to '=', and
 * data up to the next 0xff byte (or the end). */
static void check_form(const uint8_t *p, size_t n)
{
	static char dir[] = "/tmp/fuzz_http.XXXXXX";
	static int made;
	struct http_form f = {0};
	struct buf want[HTTP_MAX_PARAMS];
	size_t i, k = 0;
	if (!made && mkdtemp(dir))
		made = 1;
	f.max_mem = 4096;
	f.max_file = 8192;
	f.tmpdir = made ? dir : NULL;
	memset(want, 0, sizeof want);
	while (k < n) {
		uint8_t flag = p[k++];
		const uint8_t *name = p + k, *eq = memchr(name, '=', n - k), *end;
		char nm[64];
		size_t nlen, dlen;
		int file = flag & 1, cont = (flag & 2) != 0, rc;
		if (!eq)
			break;
		nlen = (size_t)(eq - name);
		if (nlen >= sizeof nm)
			nlen = sizeof nm - 1;
		memcpy(nm, name, nlen);
		nm[nlen] = '\0';
		k = (size_t)(eq - p) + 1;
		end = memchr(p + k, 0xff, n - k);
		dlen = end ? (size_t)(end - (p + k)) : n - k;
		rc = http_form_add(&f, nm, file ? "f.csv" : NULL, (const char *)p + k,
				   cont ? 1 : 0, dlen);
		if (rc == 0 && f.n_params > 0)
			buf_append(&want[f.n_params - 1], (const char *)p + k, dlen);
		k += dlen + (end ? 1 : 0);
		if (rc < 0)
			break;
	}
	assert(f.mem <= f.max_mem && f.file_bytes <= f.max_file);
	assert(f.n_params <= HTTP_MAX_PARAMS && f.n_files <= HTTP_MAX_FILES);
	if (!f.error && http_form_finish(&f) == 0)
		for (i = 0; i < f.n_params; i++) {
			assert(f.params[i].len == want[i].len);
			assert(!memcmp(f.params[i].value, buf_str(&want[i]), want[i].len));
			assert(f.params[i].value[f.params[i].len] == '\0');
		}
	for (i = 0; i < HTTP_MAX_PARAMS; i++)
		buf_free(&want[i]);
	http_form_free(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = xmalloc(size + 1), *field[N_FIELDS];
	size_t used = 0;
	int i;
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (i = 0; i < N_FIELDS; i++) {
		field[i] = copy + used;
		used += strlen(copy + used);
		if (used < size)
			used++;
	}
	check_route(field[0], field[1]);
	check_cookie(field[2]);
	check_next(field[3]);
	check_address(field[4], field[5], field[6]);
	check_log(field[1]);
	check_log(field[3]);
	check_body(field[7], size % 7 == 0 ? HTTP_LEN_UNKNOWN : (uint64_t)size * 4099,
		   size > 0 ? data[0] : 0);
	check_form(data + used, size - used);
	free(copy);
	return 0;
}
