/*
 * test_http: our side of HTTP (src/web/http.c) without a server — the
 * route walk, the Cookie header, the next= check (issue 13 finding 6:
 * "/\t/evil.example" must not pass), trusted proxies and
 * X-Forwarded-For (finding 3), access-log escaping (finding 7), the early
 * decision on a POST body (finding 1) and form fields with uploads
 * spooled to unlinked temporary files. Tables where the input space is
 * wide; inputs copied to exact-size heap blocks so that ASan catches a
 * read past the NUL.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "web/http.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* --------------------------------------------------------------- routes */

static int page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	return 0;
}

static const struct web_route t_auth[] = {
	{"GET", "/login", CAP_PUBLIC, page},
	{"POST", "/login", CAP_PUBLIC, page},
};
static const struct web_route t_site[] = {
	{"GET", "/plan", CAP_READ_PLAN, page},
	{"GET", "/plan/action/*", CAP_READ_PLAN, page},
	{"POST", "/plan/action/*", CAP_UPDATE_OWN_ACTIONS | CAP_UPDATE_ANY_ACTION, page},
};

Test(http_route, exact_prefix_head_and_method_mismatch)
{
	const struct web_route *const tables[] = {t_auth, t_site};
	const size_t n[] = {N_OF(t_auth), N_OF(t_site)};
	static const struct {
		const char *method, *path;
		int found, mismatch;
		const char *route_method, *arg;
	} rows[] = {
		{"GET", "/login", 1, 0, "GET", ""},
		{"POST", "/login", 1, 0, "POST", ""},
		{"HEAD", "/login", 1, 0, "GET", ""},
		{"PUT", "/login", 0, 1, NULL, NULL},
		{"GET", "/plan/action/3.2", 1, 0, "GET", "3.2"},
		{"POST", "/plan/action/3.2", 1, 0, "POST", "3.2"},
		{"GET", "/plan/action/", 0, 0, NULL, NULL}, /* the star needs a character */
		{"GET", "/plan/actio", 0, 0, NULL, NULL},
		{"GET", "/plan/", 0, 0, NULL, NULL},
		{"POST", "/plan", 0, 1, NULL, NULL},
		{"GET", "", 0, 0, NULL, NULL},
		{"GET", "/nowhere", 0, 0, NULL, NULL},
	};
	for (size_t i = 0; i < N_OF(rows); i++) {
		const char *arg = NULL;
		int mismatch = -1;
		const struct web_route *r =
			http_route_find(tables, n, 2, rows[i].method, rows[i].path, &arg, &mismatch);
		cr_assert_eq(r != NULL, rows[i].found, "%s %s", rows[i].method, rows[i].path);
		cr_assert_eq(mismatch, rows[i].mismatch, "%s %s", rows[i].method, rows[i].path);
		if (r) {
			cr_assert_str_eq(r->method, rows[i].route_method);
			cr_assert_str_eq(arg, rows[i].arg);
		}
	}
}

/* -------------------------------------------------------------- cookies */

Test(http_cookie, finds_the_named_cookie)
{
	static const struct {
		const char *header, *name;
		int found;
		const char *value;
	} rows[] = {
		{"parity_session=abc", "parity_session", 1, "abc"},
		{"a=1; parity_session=abc; b=2", "parity_session", 1, "abc"},
		{"a=1;parity_session=abc;b=2", "parity_session", 1, "abc"},
		{"  parity_session=abc  ", "parity_session", 1, "abc"},
		{"parity_session=\"abc\"", "parity_session", 1, "abc"},
		{"parity_session=", "parity_session", 1, ""},
		{"xparity_session=abc", "parity_session", 0, ""},
		{"parity_sessionx=abc", "parity_session", 0, ""},
		{"parity_session", "parity_session", 0, ""},
		{"parity_session=first; parity_session=second", "parity_session", 1, "first"},
		{"a=parity_session=abc", "parity_session", 0, ""},
		{"", "parity_session", 0, ""},
		{";;;", "parity_session", 0, ""},
		{"parity_session=\"", "parity_session", 1, "\""},
	};
	for (size_t i = 0; i < N_OF(rows); i++) {
		char *h = xstrdup(rows[i].header), out[16];
		int r = http_cookie(h, rows[i].name, out, sizeof out);
		cr_assert_eq(r, rows[i].found, "'%s'", rows[i].header);
		cr_assert_str_eq(out, rows[i].value, "'%s'", rows[i].header);
		free(h);
	}
}

Test(http_cookie, too_long_for_the_buffer_is_not_found)
{
	char out[4];
	cr_assert_eq(http_cookie("s=abcd", "s", out, sizeof out), 0);
	cr_assert_str_eq(out, "");
	cr_assert_eq(http_cookie("s=abc", "s", out, sizeof out), 1);
	cr_assert_eq(http_cookie(NULL, "s", out, sizeof out), 0);
}

/* ---------------------------------------------------------------- next= */

Test(http_next, only_local_paths_without_control_characters)
{
	static const struct {
		const char *path;
		int ok;
	} rows[] = {
		{"/", 1},
		{"/plan", 1},
		{"/plan?lead=TA&overdue=1", 1},
		{"/monitoring/report?dataset=a%20b", 1},
		{"/%2F/evil.example", 1}, /* still one path on this site */
		{"/\t/evil.example/phish", 0}, /* issue 13: browsers drop the tab */
		{"/\n/evil.example", 0},
		{"/\r/evil.example", 0},
		{"/plan\x7f", 0},
		{"/plan\x01", 0},
		{"//evil.example", 0},
		{"/\\evil.example", 0},
		{"\\/evil.example", 0},
		{"https://evil.example/", 0},
		{"evil.example", 0},
		{"", 0},
		{" /plan", 0},
	};
	for (size_t i = 0; i < N_OF(rows); i++) {
		char *p = xstrdup(rows[i].path);
		cr_assert_eq(http_local_path_ok(p), rows[i].ok, "'%s'", rows[i].path);
		free(p);
	}
	cr_assert_eq(http_local_path_ok(NULL), 0);
}

/* ------------------------------------------------------ trusted proxies */

Test(http_proxy, networks_parse_or_say_why)
{
	static const struct {
		const char *text;
		int ok, family, bits;
	} rows[] = {
		{"10.0.0.5", 1, 4, 32},
		{"10.0.0.0/8", 1, 4, 8},
		{"0.0.0.0/0", 1, 4, 0},
		{"::1", 1, 6, 128},
		{"fd00::/8", 1, 6, 8},
		{"::ffff:10.0.0.5", 1, 4, 32},
		{"10.1.2.3/8", 0, 0, 0}, /* bits past the prefix */
		{"10.0.0.0/33", 0, 0, 0},
		{"::/129", 0, 0, 0},
		{"10.0.0.0/", 0, 0, 0},
		{"10.0.0.0/-1", 0, 0, 0},
		{"10.0.0.0/+8", 0, 0, 0},
		{"10.0.0.0/8x", 0, 0, 0},
		{"300.1.1.1", 0, 0, 0},
		{"proxy.example", 0, 0, 0},
		{"", 0, 0, 0},
		{"/8", 0, 0, 0},
	};
	for (size_t i = 0; i < N_OF(rows); i++) {
		struct http_net n;
		struct err e = {0};
		int rc = http_net_parse(rows[i].text, &n, &e);
		cr_assert_eq(rc == 0, rows[i].ok, "'%s': %s", rows[i].text, e.msg);
		if (rows[i].ok) {
			cr_assert_eq(n.family, rows[i].family, "'%s'", rows[i].text);
			cr_assert_eq(n.bits, rows[i].bits, "'%s'", rows[i].text);
		} else {
			cr_assert_eq(rc, ERR_USAGE);
			cr_assert(strstr(e.msg, "--trusted-proxy") != NULL, "%s", e.msg);
		}
	}
}

static struct http_net net(const char *s)
{
	struct http_net n;
	struct err e = {0};
	cr_assert_eq(http_net_parse(s, &n, &e), 0, "%s", e.msg);
	return n;
}

Test(http_proxy, client_is_rightmost_untrusted_address)
{
	struct http_net nets[3];
	nets[0] = net("10.0.0.0/8");
	nets[1] = net("fd00::/8");
	nets[2] = net("192.168.1.1");
	static const struct {
		const char *peer, *xff, *client;
	} rows[] = {
		/* a trusted peer: X-Forwarded-For counts */
		{"10.0.0.1", "203.0.113.5", "203.0.113.5"},
		{"10.0.0.1", "1.1.1.1, 203.0.113.5", "203.0.113.5"},
		{"10.0.0.1", "1.1.1.1, 203.0.113.5, 10.9.9.9", "203.0.113.5"},
		{"10.0.0.1", "1.1.1.1,203.0.113.5,192.168.1.1", "203.0.113.5"},
		{"10.0.0.1", "2001:db8::1", "2001:db8::1"},
		{"10.0.0.1", "[2001:db8::1]:4711", "2001:db8::1"},
		{"10.0.0.1", "203.0.113.5:4711", "203.0.113.5"},
		{"10.0.0.1", "::ffff:203.0.113.5", "203.0.113.5"},
		{"fd00::1", "203.0.113.5", "203.0.113.5"},
		{"::ffff:10.0.0.1", "203.0.113.5", "203.0.113.5"},
		/* every hop trusted: the leftmost */
		{"10.0.0.1", "10.1.1.1, 10.2.2.2", "10.1.1.1"},
		/* junk stops the walk at the last trusted hop */
		{"10.0.0.1", "203.0.113.5, junk", "10.0.0.1"},
		{"10.0.0.1", "203.0.113.5, 10.2.2.2, junk", "10.0.0.1"},
		{"10.0.0.1", "junk, 10.2.2.2", "10.2.2.2"},
		{"10.0.0.1", "", "10.0.0.1"},
		{"10.0.0.1", ",", "10.0.0.1"},
		{"10.0.0.1", "[::1", "10.0.0.1"},
		{"10.0.0.1", "[1.2.3.4]", "10.0.0.1"},
		{"10.0.0.1", "1.2.3.4\n", "10.0.0.1"},
		/* an untrusted peer: the header is ignored */
		{"203.0.113.9", "198.51.100.1", "203.0.113.9"},
		{"192.168.1.2", "198.51.100.1", "192.168.1.2"},
		{"11.0.0.1", "198.51.100.1", "11.0.0.1"},
		{"fe00::1", "198.51.100.1", "fe00::1"},
	};
	for (size_t i = 0; i < N_OF(rows); i++) {
		char out[64], *x = xstrdup(rows[i].xff);
		http_client_addr(rows[i].peer, x, nets, N_OF(nets), out);
		cr_assert_str_eq(out, rows[i].client, "peer %s, X-Forwarded-For '%s'", rows[i].peer,
				 rows[i].xff);
		free(x);
	}
	{
		char out[64];
		http_client_addr("10.0.0.1", NULL, nets, N_OF(nets), out);
		cr_assert_str_eq(out, "10.0.0.1");
		http_client_addr("10.0.0.1", "203.0.113.5", nets, 0, out);
		cr_assert_str_eq(out, "10.0.0.1", "no proxies configured: header ignored");
	}
}

Test(http_proxy, prefix_match_at_odd_lengths)
{
	struct http_net n = net("172.16.0.0/12");
	unsigned char a[16];
	int fam;
	cr_assert_eq(http_addr_parse("172.31.255.255", a, &fam), 0);
	cr_assert(http_net_match(&n, 1, a, fam));
	cr_assert_eq(http_addr_parse("172.32.0.0", a, &fam), 0);
	cr_assert_not(http_net_match(&n, 1, a, fam));
	cr_assert_eq(http_addr_parse("172.15.255.255", a, &fam), 0);
	cr_assert_not(http_net_match(&n, 1, a, fam));
	n = net("2001:db8:8000::/33");
	cr_assert_eq(http_addr_parse("2001:db8:ffff::1", a, &fam), 0);
	cr_assert(http_net_match(&n, 1, a, fam));
	cr_assert_eq(http_addr_parse("2001:db8:7fff::1", a, &fam), 0);
	cr_assert_not(http_net_match(&n, 1, a, fam));
	cr_assert_eq(http_addr_parse("32.1.13.184", a, &fam), 0, "an IPv4 address never matches a v6 net");
	cr_assert_not(http_net_match(&n, 1, a, fam));
}

/* ------------------------------------------------------------ the log */

Test(http_log, control_characters_quotes_and_backslashes_escaped)
{
	static const struct {
		const char *in, *out;
	} rows[] = {
		{"/public", "/public"},
		{"/public\n2026-01-01 fake line", "/public\\x0A2026-01-01 fake line"},
		{"/a\r\tb", "/a\\x0D\\x09b"},
		{"/\"quoted\"", "/\\x22quoted\\x22"},
		{"/back\\slash", "/back\\x5Cslash"},
		{"/del\x7f", "/del\\x7F"},
		{"/caf\xc3\xa9", "/caf\xc3\xa9"},
		{"", ""},
	};
	for (size_t i = 0; i < N_OF(rows); i++) {
		struct buf b = BUF_INIT;
		http_log_escape(&b, rows[i].in);
		cr_assert_str_eq(buf_str(&b), rows[i].out);
		buf_free(&b);
	}
}

/* ------------------------------------------------------------ the body */

Test(http_body, kind_from_content_type)
{
	cr_assert_eq(http_body_kind(NULL), HTTP_BODY_NONE);
	cr_assert_eq(http_body_kind("application/x-www-form-urlencoded"), HTTP_BODY_FORM);
	cr_assert_eq(http_body_kind("Application/X-WWW-Form-Urlencoded; charset=UTF-8"),
		     HTTP_BODY_FORM);
	cr_assert_eq(http_body_kind("multipart/form-data; boundary=----x"), HTTP_BODY_MULTIPART);
	cr_assert_eq(http_body_kind(" multipart/form-data;boundary=x"), HTTP_BODY_MULTIPART);
	cr_assert_eq(http_body_kind("multipart/form-datax"), HTTP_BODY_OTHER);
	cr_assert_eq(http_body_kind("text/plain"), HTTP_BODY_OTHER);
	cr_assert_eq(http_body_kind("application/json"), HTTP_BODY_OTHER);
}

Test(http_body, decided_from_the_headers)
{
	static const struct {
		enum http_body kind;
		uint64_t length;
		enum http_csrf csrf;
		int signed_in;
		int status, upload;
		uint64_t cap;
	} rows[] = {
		/* forms: the token is checked in the body later */
		{HTTP_BODY_FORM, 100, HTTP_CSRF_NONE, 1, 0, 0, 65536},
		{HTTP_BODY_FORM, 100, HTTP_CSRF_NONE, 0, 0, 0, 16384},
		{HTTP_BODY_FORM, 65536, HTTP_CSRF_NONE, 1, 0, 0, 65536},
		{HTTP_BODY_FORM, 65537, HTTP_CSRF_NONE, 1, 413, 0, 0},
		{HTTP_BODY_FORM, 16385, HTTP_CSRF_NONE, 0, 413, 0, 0},
		{HTTP_BODY_FORM, HTTP_LEN_UNKNOWN, HTTP_CSRF_NONE, 1, 0, 0, 65536},
		{HTTP_BODY_FORM, 100, HTTP_CSRF_GOOD, 1, 0, 0, 65536},
		{HTTP_BODY_FORM, 100, HTTP_CSRF_BAD, 1, 403, 0, 0},
		{HTTP_BODY_NONE, 0, HTTP_CSRF_NONE, 1, 0, 0, 65536},
		/* uploads: signed in, token outside the body */
		{HTTP_BODY_MULTIPART, 1000, HTTP_CSRF_GOOD, 1, 0, 1, 1 << 20},
		{HTTP_BODY_MULTIPART, 1 << 20, HTTP_CSRF_GOOD, 1, 0, 1, 1 << 20},
		{HTTP_BODY_MULTIPART, (1 << 20) + 1, HTTP_CSRF_GOOD, 1, 413, 1, 0},
		{HTTP_BODY_MULTIPART, HTTP_LEN_UNKNOWN, HTTP_CSRF_GOOD, 1, 0, 1, 1 << 20},
		{HTTP_BODY_MULTIPART, 1000, HTTP_CSRF_NONE, 1, 403, 0, 0},
		{HTTP_BODY_MULTIPART, 1000, HTTP_CSRF_BAD, 1, 403, 0, 0},
		{HTTP_BODY_MULTIPART, 1000, HTTP_CSRF_GOOD, 0, 403, 0, 0},
		{HTTP_BODY_MULTIPART, 33554432, HTTP_CSRF_NONE, 0, 403, 0, 0},
		/* anything else is not read */
		{HTTP_BODY_OTHER, 10, HTTP_CSRF_GOOD, 1, 415, 0, 0},
		{HTTP_BODY_NONE, 10, HTTP_CSRF_GOOD, 1, 415, 0, 0},
	};
	for (size_t i = 0; i < N_OF(rows); i++) {
		struct http_body_rule r = {rows[i].kind, rows[i].length, rows[i].csrf,
					   rows[i].signed_in, 65536, 16384, 1 << 20, 0};
		uint64_t cap = 99;
		int upload = 99;
		const char *why = NULL;
		int st = http_body_check(&r, &cap, &upload, &why);
		cr_assert_eq(st, rows[i].status, "row %zu: status %d", i, st);
		cr_assert_not_null(why);
		if (st == 0) {
			cr_assert_eq(cap, rows[i].cap, "row %zu: cap %llu", i, (unsigned long long)cap);
			cr_assert_eq(upload, rows[i].upload, "row %zu", i);
		} else
			cr_assert(why[0] != '\0', "row %zu says why", i);
	}
}

/* A CAP_ONE_CLICK route (RFC 8058 one-click unsubscribe): a mail program
 * POSTs without session or token, urlencoded or multipart; the body is a
 * small form, never an upload. */
Test(http, one_click_body_needs_no_token)
{
	static const struct {
		enum http_body kind;
		uint64_t length;
		enum http_csrf csrf;
		int status;
		uint64_t cap;
	} rows[] = {
		{HTTP_BODY_FORM, 26, HTTP_CSRF_NONE, 0, 16384},
		{HTTP_BODY_FORM, 26, HTTP_CSRF_BAD, 0, 16384},
		{HTTP_BODY_MULTIPART, 200, HTTP_CSRF_NONE, 0, 16384},
		{HTTP_BODY_MULTIPART, 20000, HTTP_CSRF_NONE, 413, 0},
		{HTTP_BODY_NONE, 0, HTTP_CSRF_NONE, 0, 16384},
		{HTTP_BODY_OTHER, 26, HTTP_CSRF_NONE, 415, 0},
	};
	for (size_t i = 0; i < N_OF(rows); i++) {
		struct http_body_rule r = {rows[i].kind, rows[i].length, rows[i].csrf, 0,
					   65536, 16384, 1 << 20, 1};
		uint64_t cap = 99;
		int upload = 99;
		const char *why = NULL;
		int st = http_body_check(&r, &cap, &upload, &why);
		cr_assert_eq(st, rows[i].status, "row %zu: status %d", i, st);
		if (st == 0) {
			cr_assert_eq(cap, rows[i].cap, "row %zu: cap %llu", i, (unsigned long long)cap);
			cr_assert_eq(upload, 0, "row %zu: never an upload", i);
		}
	}
}

/* --------------------------------------------------------------- forms */

static char tmpdir[] = "/tmp/test_http.XXXXXX";

static void dir_setup(void)
{
	cr_assert_not_null(mkdtemp(tmpdir));
}

static void dir_teardown(void)
{
	rmdir(tmpdir);
}

static int dir_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	int n = 0;
	cr_assert_not_null(d);
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n == 0;
}

Test(http_form, fields_in_pieces_and_files_on_disk, .init = dir_setup, .fini = dir_teardown)
{
	struct http_form f = {0};
	f.max_mem = 1000;
	f.max_file = 1 << 20;
	f.tmpdir = tmpdir;
	cr_assert_eq(http_form_add(&f, "name", NULL, "jo", 0, 2), 0);
	cr_assert_eq(http_form_add(&f, "name", NULL, "hn", 2, 2), 0);
	cr_assert_eq(http_form_add(&f, "file", "a.csv", "x,y\n", 0, 4), 0);
	cr_assert_eq(http_form_add(&f, "file", "a.csv", "1,2\n", 4, 4), 0);
	cr_assert_eq(http_form_add(&f, "name", NULL, "again", 0, 5), 0);
	cr_assert_eq(http_form_add(&f, "empty", "", "", 0, 0), 0);
	cr_assert(dir_empty(tmpdir), "upload files are unlinked at once");
	cr_assert_eq(http_form_finish(&f), 0);
	cr_assert_eq(f.n_params, 4);
	cr_assert_str_eq(f.params[0].value, "john");
	cr_assert_eq(f.params[0].fd, -1);
	cr_assert_str_eq(f.params[1].name, "file");
	cr_assert_str_eq(f.params[1].filename, "a.csv");
	cr_assert_geq(f.params[1].fd, 0);
	cr_assert_eq(f.params[1].len, 8);
	cr_assert_eq(memcmp(f.params[1].value, "x,y\n1,2\n", 8), 0);
	cr_assert_eq(f.params[1].value[8], '\0', "an upload's value ends with a NUL");
	cr_assert_str_eq(f.params[2].value, "again");
	cr_assert_eq(f.params[3].len, 0);
	cr_assert_str_eq(f.params[3].value, "");
	cr_assert_eq(f.file_bytes, 8);
	http_form_free(&f);
	cr_assert_eq(f.n_params, 0);
	http_form_free(&f); /* twice is harmless */
}

Test(http_form, caps_on_text_files_and_count, .init = dir_setup, .fini = dir_teardown)
{
	struct http_form f = {0};
	char big[2000];
	memset(big, 'a', sizeof big);
	f.max_mem = 100;
	f.max_file = 10;
	f.tmpdir = tmpdir;
	cr_assert_eq(http_form_add(&f, "t", NULL, big, 0, 101), -1);
	cr_assert_eq(f.error, HTTP_FORM_TOO_BIG);
	cr_assert_eq(http_form_add(&f, "u", NULL, "a", 0, 1), -1, "the first error sticks");
	http_form_free(&f);

	f.max_mem = 100;
	f.max_file = 10;
	f.tmpdir = tmpdir;
	cr_assert_eq(http_form_add(&f, "file", "a", big, 0, 10), 0);
	cr_assert_eq(http_form_add(&f, "file", "a", big, 10, 1), -1);
	cr_assert_eq(f.error, HTTP_FORM_TOO_BIG);
	http_form_free(&f);

	f.max_mem = 100000;
	f.max_file = 1000;
	f.tmpdir = tmpdir;
	for (int i = 0; i < HTTP_MAX_FILES; i++)
		cr_assert_eq(http_form_add(&f, "f", "a", "x", 0, 1), 0);
	cr_assert_eq(http_form_add(&f, "f", "a", "x", 0, 1), -1);
	cr_assert_eq(f.error, HTTP_FORM_TOO_MANY);
	http_form_free(&f);

	f.max_mem = 100000;
	for (int i = 0; i < HTTP_MAX_PARAMS; i++)
		cr_assert_eq(http_form_add_text(&f, "k", "v"), 0);
	cr_assert_eq(http_form_add_text(&f, "k", "v"), -1);
	cr_assert_eq(f.error, HTTP_FORM_TOO_MANY);
	http_form_free(&f);

	f.tmpdir = "/nonexistent-dir-for-test";
	f.max_mem = 100;
	f.max_file = 100;
	cr_assert_eq(http_form_add(&f, "f", "a", "x", 0, 1), -1);
	cr_assert_eq(f.error, HTTP_FORM_IO);
	http_form_free(&f);
	cr_assert(dir_empty(tmpdir));
}

Test(http_form, query_text_fields)
{
	struct http_form f = {0};
	f.max_mem = 100;
	cr_assert_eq(http_form_add_text(&f, "a", "1"), 0);
	cr_assert_eq(http_form_add_text(&f, "a", "2"), 0);
	cr_assert_eq(http_form_add_text(&f, "b", NULL), 0);
	cr_assert_eq(f.n_params, 3);
	cr_assert_str_eq(f.params[0].value, "1");
	cr_assert_str_eq(f.params[1].value, "2");
	cr_assert_str_eq(f.params[2].value, "");
	http_form_free(&f);
}
