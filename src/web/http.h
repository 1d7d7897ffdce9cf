/*
 * web/http.h: the parts of HTTP that are our own, as pure functions that
 * need no running server — so that unit tests and the libFuzzer target
 * fuzz/fuzz_http.c can reach them: the route table walk, the Cookie
 * header, the sign-in page's next= check, client addresses behind a
 * trusted proxy (X-Forwarded-For), the access log's escaping, the
 * early decision on a request body from its headers, and the form
 * fields of a body (uploads spooled to temporary files).
 * Used by web/server.c only; nothing here takes a lock or talks to
 * libmicrohttpd.
 */
#ifndef PARITY_WEB_HTTP_H
#define PARITY_WEB_HTTP_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "web/web.h"

/* ---------- routing ---------- */

/* The route for method and path among n_tables tables (searched in
 * order; HEAD is looked up as GET): an exact path, or a prefix ending in
 * '*' that matches when at least one character follows it (*arg is then
 * what followed, else ""). NULL when none; *method_mismatch is set when
 * the path matched a route of another method (answer 405). */
const struct web_route *http_route_find(const struct web_route *const *tables,
					const size_t *n_routes, int n_tables,
					const char *method, const char *path,
					const char **arg /* OUT */, int *method_mismatch /* OUT */);

/* ---------- cookies ---------- */

/* Copy the value of cookie `name` from a Cookie header ("a=1; b=2") into
 * out (cap bytes with the NUL), dropping one pair of surrounding double
 * quotes. The first cookie of that name wins. Returns 1 when found and it
 * fits, 0 otherwise (out is then ""). Allocates nothing. */
int http_cookie(const char *header, const char *name, char *out, size_t cap);

/* ---------- redirects ---------- */

/* True when path (already percent-decoded) is safe to send a browser to
 * after sign-in: it starts with exactly one '/', the next character is
 * not '/' or '\', and it holds no control character (below 32, or 127)
 * anywhere — browsers drop tabs and newlines from URLs, so "/\t/evil"
 * would become "//evil", another site. A query is allowed. */
int http_local_path_ok(const char *path);

/* ---------- addresses and trusted proxies ---------- */

/* An IPv4 or IPv6 network: family 4 or 6, the address in network order
 * (IPv4 in the first 4 bytes), and the prefix length. */
struct http_net {
	unsigned char addr[16];
	int family;
	int bits;
};

/* Parse an address (IPv4 "10.0.0.1", IPv6 "fd00::1"; an IPv4-mapped IPv6
 * address counts as IPv4) into addr (16 bytes) and *family. Returns 0 or
 * -1 when s is not an address. */
int http_addr_parse(const char *s, unsigned char addr[16], int *family);

/* Parse "ADDR" or "ADDR/BITS" (CIDR) for --trusted-proxy. Returns 0, or
 * ERR_USAGE with a message saying what is wrong (bad address, prefix out
 * of range, bits set past the prefix). */
int http_net_parse(const char *s, struct http_net *out, struct err *e);

/* True when the address (family, addr as from http_addr_parse) is in one
 * of the n networks. */
int http_net_match(const struct http_net *nets, size_t n, const unsigned char addr[16],
		   int family);

/* The client's address as text into out: the peer (the socket's address,
 * as text), unless the peer is one of the n trusted proxies and xff (the
 * X-Forwarded-For header's value, several headers joined with ",") is
 * given; then the rightmost address of xff that is not a trusted proxy.
 * Entries may carry a port ("1.2.3.4:5", "[::1]:5"); an entry that is not
 * an address stops the walk, and the last trusted hop is the client. The
 * result is always a normalised address (or the peer text as given). */
void http_client_addr(const char *peer, const char *xff, const struct http_net *nets,
		      size_t n, char out[64]);

/* ---------- the access log ---------- */

/* Append s to b with every control character, DEL, '"' and '\' written as
 * \xHH, so that one request is one line and a field cannot close its
 * quotes. */
void http_log_escape(struct buf *b, const char *s);

/* ---------- the request body, judged from the headers ---------- */

enum http_body {
	HTTP_BODY_NONE,	     /* no Content-Type */
	HTTP_BODY_FORM,	     /* application/x-www-form-urlencoded */
	HTTP_BODY_MULTIPART, /* multipart/form-data */
	HTTP_BODY_OTHER,
};
/* The kind of body a Content-Type header announces (NULL: none). */
enum http_body http_body_kind(const char *content_type);

#define HTTP_LEN_UNKNOWN UINT64_MAX /* chunked: no Content-Length */

/* Token sent outside the body (X-CSRF-Token header, or csrf= in the
 * query of an upload), as the server found it. */
enum http_csrf { HTTP_CSRF_NONE, HTTP_CSRF_GOOD, HTTP_CSRF_BAD };

struct http_body_rule {
	enum http_body kind;
	uint64_t length;       /* Content-Length, or HTTP_LEN_UNKNOWN */
	enum http_csrf csrf;   /* token outside the body */
	int signed_in;	       /* a valid session came with the request */
	size_t form_max;       /* cap on a signed-in user's form */
	size_t public_max;     /* cap on a signed-out visitor's form (sign-in) */
	uint64_t upload_max;   /* cap on an upload (--max-upload) */
	int one_click;	       /* a CAP_ONE_CLICK route: no token needed, a small
				  form urlencoded or multipart, never a file */
};
/* What to do with a POST body whose route exists and whose sender may use
 * it: returns 0 when the body may be read, with *cap set to the most
 * bytes to accept (the body is refused with 413 past it) and *upload set
 * for multipart (spooled to disk); otherwise the HTTP status to answer at
 * once, without reading the body: 403 (a wrong token; or an upload
 * without its token in the header or query), 413 (Content-Length over
 * the cap), 415 (not a form). *why gets a sentence for the page. */
int http_body_check(const struct http_body_rule *r, uint64_t *cap /* OUT */,
		    int *upload /* OUT */, const char **why /* OUT */);

/* ---------- form fields ---------- */

#define HTTP_MAX_PARAMS 512 /* fields of one request, query or body */
#define HTTP_MAX_FILES 8    /* file fields of one upload */

enum http_form_error {
	HTTP_FORM_OK,
	HTTP_FORM_TOO_BIG,  /* fields over max_mem, or files over max_file: 413 */
	HTTP_FORM_TOO_MANY, /* more than HTTP_MAX_PARAMS fields or HTTP_MAX_FILES files: 400 */
	HTTP_FORM_IO,	    /* a temporary file could not be made or written: 500 */
};

/* The fields of one request as they arrive. Text fields are kept in
 * memory (at most max_mem bytes of names and values together); a file
 * field (one with a filename) is written to a temporary file made with
 * mkstemp in tmpdir and unlinked at once, so nothing is left behind even
 * if the server is killed — its web_param keeps the descriptor (fd). */
struct http_form {
	struct web_param *params; /* fields in arrival order */
	size_t n_params, cap_params;
	size_t mem;	      /* bytes of text fields held */
	size_t max_mem;	      /* cap on mem */
	uint64_t file_bytes;  /* bytes written to files */
	uint64_t max_file;    /* cap on file_bytes */
	int n_files;
	const char *tmpdir;   /* directory for files: NULL means $TMPDIR, else /tmp */
	enum http_form_error error; /* sticky: the first failure */
};

/* Add a field, or `size` more bytes of it: a piece continues the last
 * field when off > 0 and the name is the same (how libmicrohttpd's post
 * processor hands a long value over). filename is not NULL for a file.
 * Returns 0, or -1 once f->error is set (nothing more is kept). */
int http_form_add(struct http_form *f, const char *name, const char *filename,
		  const char *data, uint64_t off, size_t size);
/* Add a field whole (query arguments). Same return as http_form_add. */
int http_form_add_text(struct http_form *f, const char *name, const char *value);
/* Once the body is complete: map each file read-only into its param's
 * value (len bytes and a NUL after them), so handlers read an upload as
 * they read any field. Returns 0 or -1 (f->error set to HTTP_FORM_IO). */
int http_form_finish(struct http_form *f);
/* Free the fields, unmap and close the files; f can be reused empty. */
void http_form_free(struct http_form *f);

#endif
