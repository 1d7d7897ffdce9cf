/* str: trimming, case folding and integer parsing helpers (see str.h). */
#include "core/str.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* Length of a whitespace sequence at p (ASCII space or UTF-8 NBSP). */
static size_t ws_len(const char *p)
{
	if (*p && isspace((unsigned char)*p))
		return 1;
	if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
		return 2;
	return 0;
}

char *str_trim(char *s)
{
	size_t n, start = 0, w;
	while ((w = ws_len(s + start)) > 0)
		start += w;
	if (start)
		memmove(s, s + start, strlen(s + start) + 1);
	n = strlen(s);
	for (;;) {
		if (n >= 1 && isspace((unsigned char)s[n - 1]))
			n--;
		else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 &&
			 (unsigned char)s[n - 1] == 0xA0)
			n -= 2;
		else
			break;
	}
	s[n] = '\0';
	return s;
}

char *str_trim_dup(const char *s)
{
	return str_trim(xstrdup(s ? s : ""));
}

int str_eq_ci(const char *a, const char *b)
{
	while (*a && *b) {
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++, b++;
	}
	return *a == *b;
}

int str_prefix_ci(const char *s, const char *prefix)
{
	while (*prefix) {
		if (tolower((unsigned char)*s) != tolower((unsigned char)*prefix))
			return 0;
		s++, prefix++;
	}
	return 1;
}

const char *str_find_ci(const char *hay, const char *needle)
{
	if (!*needle)
		return hay;
	for (; *hay; hay++)
		if (str_prefix_ci(hay, needle))
			return hay;
	return NULL;
}

char *str_squeeze(char *s)
{
	char *w = s;
	const char *r = s;
	int space = 0;
	size_t n;

	while (*r) {
		if ((n = ws_len(r)) > 0) {
			space = 1;
			r += n;
			continue;
		}
		if (space && w != s)
			*w++ = ' ';
		space = 0;
		*w++ = *r++;
	}
	*w = '\0';
	return s;
}

int str_blank(const char *s)
{
	size_t n;
	if (!s)
		return 1;
	while (*s) {
		if ((n = ws_len(s)) == 0)
			return 0;
		s += n;
	}
	return 1;
}

int str_to_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;
	if (!s || !*s || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int str_utf8_prefix(const char *s, size_t max_chars, int *cut)
{
	size_t i = 0, chars = 0;
	*cut = 0;
	while (s[i]) {
		size_t len = 1;
		unsigned char c = (unsigned char)s[i];
		if (chars == max_chars) {
			*cut = 1;
			break;
		}
		if (c >= 0xF0)
			len = 4;
		else if (c >= 0xE0)
			len = 3;
		else if (c >= 0xC0)
			len = 2;
		while (len > 1 && s[i + 1] && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
			i++;
			len--;
		}
		i++;
		chars++;
	}
	return (int)i;
}

void str_count(char out[32], long long v)
{
	char digits[32];
	size_t len, i, o = 0;
	int neg = v < 0;
	/* -(v + 1) + 1 keeps LLONG_MIN in range. */
	snprintf(digits, sizeof digits, "%llu",
		 neg ? (unsigned long long)(-(v + 1)) + 1 : (unsigned long long)v);
	len = strlen(digits);
	if (neg)
		out[o++] = '-';
	for (i = 0; i < len && o < 31; i++) {
		out[o++] = digits[i];
		if ((len - i - 1) % 3 == 0 && i + 1 < len && o < 31)
			out[o++] = ',';
	}
	out[o] = '\0';
}

const char *str_file_name(const char *path)
{
	const char *slash;
	if (!path)
		return "";
	slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}
