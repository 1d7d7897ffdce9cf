/*
 * web/http.c: our side of HTTP as pure functions (see http.h) — routing,
 * cookies, the next= check, trusted proxies and X-Forwarded-For, access
 * log escaping, the early decision on a request body, and form fields
 * with uploads spooled to unlinked temporary files. libmicrohttpd parses
 * the protocol and the form encodings; what it hands over is judged here.
 */
#include "web/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/xalloc.h"

/* ---------- routing ---------- */

const struct web_route *http_route_find(const struct web_route *const *tables,
					const size_t *n_routes, int n_tables,
					const char *method, const char *path,
					const char **arg, int *method_mismatch)
{
	const char *m = strcmp(method, "HEAD") ? method : "GET";
	int t;
	size_t i;
	*method_mismatch = 0;
	*arg = "";
	for (t = 0; t < n_tables; t++)
		for (i = 0; i < n_routes[t]; i++) {
			const struct web_route *r = &tables[t][i];
			size_t n = strlen(r->path);
			int star = n && r->path[n - 1] == '*', hit;
			if (star)
				hit = !strncmp(path, r->path, n - 1) && path[n - 1] != '\0';
			else
				hit = !strcmp(path, r->path);
			if (!hit)
				continue;
			if (strcmp(r->method, m)) {
				*method_mismatch = 1;
				continue;
			}
			*arg = star ? path + n - 1 : "";
			*method_mismatch = 0;
			return r;
		}
	return NULL;
}

/* ---------- cookies ---------- */

int http_cookie(const char *header, const char *name, char *out, size_t cap)
{
	size_t nlen = strlen(name);
	const char *p = header;
	if (cap)
		out[0] = '\0';
	if (!p || !nlen)
		return 0;
	while (*p) {
		const char *end, *eq, *v;
		size_t vlen;
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		end = strchr(p, ';');
		if (!end)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq && (size_t)(eq - p) == nlen && !memcmp(p, name, nlen)) {
			v = eq + 1;
			vlen = (size_t)(end - v);
			while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			if (vlen + 1 > cap)
				return 0;
			memcpy(out, v, vlen);
			out[vlen] = '\0';
			return 1;
		}
		p = end;
	}
	return 0;
}

/* ---------- redirects ---------- */

int http_local_path_ok(const char *path)
{
	const unsigned char *p = (const unsigned char *)path;
	if (!p || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return 0;
	for (; *p; p++)
		if (*p < 32 || *p == 127)
			return 0;
	return 1;
}

/* ---------- addresses ---------- */

int http_addr_parse(const char *s, unsigned char addr[16], int *family)
{
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	memset(addr, 0, 16);
	if (!s)
		return -1;
	if (inet_pton(AF_INET, s, addr) == 1) {
		*family = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, s, addr) == 1) {
		if (!memcmp(addr, mapped, sizeof mapped)) {
			memmove(addr, addr + 12, 4);
			memset(addr + 4, 0, 12);
			*family = 4;
		} else
			*family = 6;
		return 0;
	}
	return -1;
}

static void addr_text(const unsigned char addr[16], int family, char out[64])
{
	if (!inet_ntop(family == 4 ? AF_INET : AF_INET6, addr, out, 64))
		snprintf(out, 64, "unknown");
}

int http_net_parse(const char *s, struct http_net *out, struct err *e)
{
	char host[64];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	long bits;
	int i, max;
	memset(out, 0, sizeof *out);
	if (n == 0 || n >= sizeof host)
		return err_set(e, ERR_USAGE,
			       "--trusted-proxy '%s' is not an address; give an IPv4 or IPv6 address "
			       "or network, e.g. 10.0.0.5, 10.0.0.0/8 or fd00::/8", s);
	memcpy(host, s, n);
	host[n] = '\0';
	if (http_addr_parse(host, out->addr, &out->family) < 0)
		return err_set(e, ERR_USAGE,
			       "--trusted-proxy '%s': '%s' is not an IPv4 or IPv6 address; give e.g. "
			       "10.0.0.5, 10.0.0.0/8 or fd00::/8", s, host);
	max = out->family == 4 ? 32 : 128;
	bits = max;
	if (slash) {
		char *end;
		errno = 0;
		bits = strtol(slash + 1, &end, 10);
		if (!slash[1] || *end || errno || bits < 0 || bits > max || slash[1] == '+' ||
		    slash[1] == '-' || slash[1] == ' ')
			return err_set(e, ERR_USAGE,
				       "--trusted-proxy '%s': the prefix after '/' must be a number from 0 "
				       "to %d", s, max);
	}
	out->bits = (int)bits;
	for (i = 0; i < max; i++)
		if (i >= bits && (out->addr[i / 8] & (0x80 >> (i % 8))))
			return err_set(e, ERR_USAGE,
				       "--trusted-proxy '%s': the address has bits set past the /%ld "
				       "prefix; give the network's first address", s, bits);
	return 0;
}

int http_net_match(const struct http_net *nets, size_t n, const unsigned char addr[16],
		   int family)
{
	size_t k;
	for (k = 0; k < n; k++) {
		int full = nets[k].bits / 8, rest = nets[k].bits % 8;
		if (nets[k].family != family)
			continue;
		if (memcmp(nets[k].addr, addr, (size_t)full))
			continue;
		if (rest && ((nets[k].addr[full] ^ addr[full]) & (0xff00 >> rest) & 0xff))
			continue;
		return 1;
	}
	return 0;
}

/* One X-Forwarded-For entry [s, s+n) as an address: bare, "[v6]",
 * "[v6]:port" or "v4:port". Returns 0 or -1. */
static int xff_entry(const char *s, size_t n, unsigned char addr[16], int *family)
{
	char tmp[64];
	const char *colon;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof tmp)
		return -1;
	if (s[0] == '[') {
		const char *close = memchr(s, ']', n);
		if (!close)
			return -1;
		n = (size_t)(close - s - 1);
		memcpy(tmp, s + 1, n);
		tmp[n] = '\0';
		return http_addr_parse(tmp, addr, family) < 0 || *family != 6 ? -1 : 0;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	colon = strchr(tmp, ':');
	if (colon && !strchr(colon + 1, ':') && strchr(tmp, '.')) /* v4:port */
		tmp[colon - tmp] = '\0';
	return http_addr_parse(tmp, addr, family);
}

void http_client_addr(const char *peer, const char *xff, const struct http_net *nets,
		      size_t n, char out[64])
{
	unsigned char a[16], cand[16];
	int fam, cfam;
	const char *end;
	snprintf(out, 64, "%s", peer ? peer : "unknown");
	if (!n || !xff || !peer || http_addr_parse(peer, cand, &cfam) < 0 ||
	    !http_net_match(nets, n, cand, cfam))
		return;
	end = xff + strlen(xff);
	while (end > xff) {
		const char *start = end;
		while (start > xff && start[-1] != ',')
			start--;
		if (xff_entry(start, (size_t)(end - start), a, &fam) < 0)
			break;
		memcpy(cand, a, sizeof cand);
		cfam = fam;
		if (!http_net_match(nets, n, a, fam))
			break;
		end = start > xff ? start - 1 : xff;
	}
	addr_text(cand, cfam, out);
}

/* ---------- the access log ---------- */

void http_log_escape(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	for (; *p; p++) {
		if (*p < 32 || *p == 127 || *p == '"' || *p == '\\')
			buf_printf(b, "\\x%02X", *p);
		else
			buf_putc(b, (char)*p);
	}
}

/* ---------- the request body ---------- */

enum http_body http_body_kind(const char *ct)
{
	size_t n;
	if (!ct)
		return HTTP_BODY_NONE;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	n = strcspn(ct, "; \t");
	if (n == 33 && !strncasecmp(ct, "application/x-www-form-urlencoded", n))
		return HTTP_BODY_FORM;
	if (n == 19 && !strncasecmp(ct, "multipart/form-data", n))
		return HTTP_BODY_MULTIPART;
	return HTTP_BODY_OTHER;
}

int http_body_check(const struct http_body_rule *r, uint64_t *cap, int *upload,
		    const char **why)
{
	*cap = 0;
	*upload = 0;
	*why = "";
	if (r->one_click) {
		if (r->kind != HTTP_BODY_FORM && r->kind != HTTP_BODY_MULTIPART &&
		    !(r->kind == HTTP_BODY_NONE && r->length == 0)) {
			*why = "The request body was not a form this server understands.";
			return 415;
		}
		*cap = r->public_max;
		if (r->length != HTTP_LEN_UNKNOWN && r->length > *cap) {
			*why = "The form sent more than this server accepts.";
			return 413;
		}
		return 0;
	}
	if (r->csrf == HTTP_CSRF_BAD) {
		*why = "The form had expired or did not come from this site. Go back, reload the "
		       "page and try again.";
		return 403;
	}
	if (r->kind == HTTP_BODY_MULTIPART) {
		if (!r->signed_in || r->csrf != HTTP_CSRF_GOOD) {
			*why = r->signed_in ? "The upload did not carry this site's form token. Go "
					      "back, reload the page and try again."
					    : "You need to sign in to do that.";
			return 403;
		}
		*cap = r->upload_max;
		*upload = 1;
	} else if (r->kind == HTTP_BODY_FORM || (r->kind == HTTP_BODY_NONE && r->length == 0)) {
		*cap = r->signed_in ? r->form_max : r->public_max;
	} else {
		*why = "The request body was not a form this server understands.";
		return 415;
	}
	if (r->length != HTTP_LEN_UNKNOWN && r->length > *cap) {
		*why = *upload ? "Uploads are limited in size. Split the extract into smaller files, "
				 "or ask your administrator to raise the server's upload limit."
			       : "The form sent more than this server accepts.";
		return 413;
	}
	return 0;
}

/* ---------- form fields ---------- */

static struct web_param *form_new(struct http_form *f, const char *name, const char *filename)
{
	struct web_param *p;
	size_t nlen = strlen(name ? name : "");
	if (f->n_params >= HTTP_MAX_PARAMS || (filename && f->n_files >= HTTP_MAX_FILES)) {
		f->error = HTTP_FORM_TOO_MANY;
		return NULL;
	}
	if (f->mem + nlen > f->max_mem) {
		f->error = HTTP_FORM_TOO_BIG;
		return NULL;
	}
	if (f->n_params == f->cap_params) {
		f->cap_params = f->cap_params ? f->cap_params * 2 : 16;
		f->params = xrealloc(f->params, f->cap_params * sizeof *f->params);
	}
	p = &f->params[f->n_params];
	memset(p, 0, sizeof *p);
	p->fd = -1;
	if (filename) {
		const char *dir = f->tmpdir ? f->tmpdir : getenv("TMPDIR");
		struct buf path = BUF_INIT;
		buf_printf(&path, "%s/parity-upload-XXXXXX", dir && *dir ? dir : "/tmp");
		p->fd = path.failed ? -1 : mkstemp(path.data);
		if (p->fd < 0) {
			buf_free(&path);
			f->error = HTTP_FORM_IO;
			return NULL;
		}
		unlink(path.data);
		buf_free(&path);
		f->n_files++;
		p->filename = xstrdup(filename);
		p->value = NULL;
	} else
		p->value = xstrdup("");
	p->name = xstrdup(name ? name : "");
	f->mem += nlen;
	f->n_params++;
	return p;
}

static int write_all(int fd, const char *data, size_t n)
{
	while (n) {
		ssize_t w = write(fd, data, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		data += w;
		n -= (size_t)w;
	}
	return 0;
}

int http_form_add(struct http_form *f, const char *name, const char *filename,
		  const char *data, uint64_t off, size_t size)
{
	struct web_param *p = NULL;
	if (f->error)
		return -1;
	if (off > 0 && f->n_params > 0 && !strcmp(f->params[f->n_params - 1].name, name ? name : ""))
		p = &f->params[f->n_params - 1];
	if (!p && !(p = form_new(f, name, filename)))
		return -1;
	if (!size)
		return 0;
	if (p->fd >= 0) {
		if (size > f->max_file || f->file_bytes > f->max_file - size) {
			f->error = HTTP_FORM_TOO_BIG;
			return -1;
		}
		if (write_all(p->fd, data, size) < 0) {
			f->error = HTTP_FORM_IO;
			return -1;
		}
		f->file_bytes += size;
	} else {
		if (size > f->max_mem || f->mem > f->max_mem - size) {
			f->error = HTTP_FORM_TOO_BIG;
			return -1;
		}
		p->value = xrealloc(p->value, p->len + size + 1);
		memcpy(p->value + p->len, data, size);
		p->value[p->len + size] = '\0';
		f->mem += size;
	}
	p->len += size;
	return 0;
}

int http_form_add_text(struct http_form *f, const char *name, const char *value)
{
	if (http_form_add(f, name, NULL, "", 0, 0) < 0)
		return -1;
	return value ? http_form_add(f, name, NULL, value, 1, strlen(value)) : 0;
}

int http_form_finish(struct http_form *f)
{
	size_t i;
	for (i = 0; i < f->n_params; i++) {
		struct web_param *p = &f->params[i];
		void *m;
		if (p->fd < 0 || p->value)
			continue;
		/* a NUL after the data, so the value is a C string too */
		if (write_all(p->fd, "", 1) < 0) {
			f->error = HTTP_FORM_IO;
			return -1;
		}
		m = mmap(NULL, p->len + 1, PROT_READ | PROT_WRITE, MAP_PRIVATE, p->fd, 0);
		if (m == MAP_FAILED) {
			f->error = HTTP_FORM_IO;
			return -1;
		}
		p->value = m;
	}
	return 0;
}

void http_form_free(struct http_form *f)
{
	size_t i;
	for (i = 0; i < f->n_params; i++) {
		struct web_param *p = &f->params[i];
		if (p->fd >= 0) {
			if (p->value)
				munmap(p->value, p->len + 1);
			close(p->fd);
		} else
			free(p->value);
		free(p->name);
		free(p->filename);
	}
	free(f->params);
	f->params = NULL;
	f->n_params = f->cap_params = 0;
	f->mem = 0;
	f->file_bytes = 0;
	f->n_files = 0;
	f->error = HTTP_FORM_OK;
}
