/*
 * leads: reading the Lead / Responsibility cells and "Duties ..." text of
 * an action plan. Leads are written as initials, groups and roles joined
 * by slashes and ampersands ("Board Chair/ Chief Officer/ LH & GMack");
 * PDF conversion adds broken hyphenation ("Develop- ment") and confuses
 * capital I with small l ("SMcl" for "SMcI"). These helpers split and
 * normalise them; resolution against people and terms is done in SQL by
 * the caller using plan_initials_key.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"

int plan_duties_parse(const char *text, int *out, int max)
{
	int n = 0, i, j;
	const char *p;
	long prev = -1;
	int range = 0;

	if (!text)
		return 0;
	p = str_find_ci(text, "dut");
	if (p) {
		while (*p && isalpha((unsigned char)*p))
			p++;
	} else {
		p = text;
	}
	while (*p) {
		if (isdigit((unsigned char)*p)) {
			long v = 0;
			while (isdigit((unsigned char)*p) && v < 100000)
				v = v * 10 + (*p++ - '0');
			if (v < 1 || v > 999) {
				range = 0;
				continue;
			}
			if (range && prev >= 1 && v >= prev && v - prev < 200) {
				long k;
				for (k = prev + 1; k <= v && n < max; k++)
					out[n++] = (int)k;
			} else if (n < max) {
				out[n++] = (int)v;
			}
			prev = v;
			range = 0;
		} else if (*p == '-' || (unsigned char)*p == 0xE2) {
			/* '-' or an en/em dash (E2 80 93 / E2 80 94) */
			range = 1;
			p += (*p == '-') ? 1 : (p[1] && p[2] ? 3 : 1);
		} else if (*p == ',' || *p == '&' || isspace((unsigned char)*p)) {
			p++;
		} else if (str_prefix_ci(p, "and ")) {
			p += 4;
		} else {
			break;
		}
	}
	/* sort and dedupe */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && out[j - 1] > out[j]; j--) {
			int t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	for (i = 0, j = 0; i < n; i++)
		if (j == 0 || out[j - 1] != out[i])
			out[j++] = out[i];
	return j;
}

/* Repair "Develop- ment" (a hyphen, a space, then a lower-case letter). */
static char *dehyphenate(const char *s)
{
	struct buf b = BUF_INIT;
	size_t i, n = strlen(s);
	for (i = 0; i < n; i++) {
		if (s[i] == '-' && i > 0 && isalpha((unsigned char)s[i - 1]) &&
		    i + 2 < n && s[i + 1] == ' ' && islower((unsigned char)s[i + 2])) {
			i++; /* skip "- " */
			continue;
		}
		buf_putc(&b, s[i]);
	}
	return buf_take(&b);
}

size_t plan_lead_split(const char *cell, char ***tokens)
{
	char *s, *p, *start;
	char **toks = NULL;
	size_t n = 0;

	*tokens = NULL;
	if (!cell)
		return 0;
	s = dehyphenate(cell);
	start = s;
	for (p = s;; p++) {
		int sep = 0, skip = 1;
		if (*p == '\0' || *p == '/' || *p == '&' || *p == ',' ||
		    *p == ';' || *p == '+')
			sep = 1;
		else if ((p == s || p[-1] == ' ') && str_prefix_ci(p, "and ")) {
			sep = 1;
			skip = 4;
		}
		if (sep) {
			char end = *p;
			char *tok;
			*p = '\0';
			tok = str_squeeze(str_trim_dup(start));
			if (*tok) {
				toks = xrealloc(toks, (n + 1) * sizeof *toks);
				toks[n++] = tok;
			} else {
				free(tok);
			}
			if (end == '\0')
				break;
			p += skip - 1;
			start = p + 1;
		}
	}
	free(s);
	*tokens = toks;
	return n;
}

void plan_tokens_free(char **tokens, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(tokens[i]);
	free(tokens);
}

void plan_initials_key(const char *s, char *out, size_t n)
{
	size_t j = 0;
	if (n == 0)
		return;
	for (; *s && j + 1 < n; s++) {
		char c = (char)tolower((unsigned char)*s);
		if (!isalnum((unsigned char)c))
			continue;
		if (c == 'm' && tolower((unsigned char)s[1]) == 'a' &&
		    tolower((unsigned char)s[2]) == 'c') {
			out[j++] = 'm';
			if (j + 1 < n)
				out[j++] = 'c';
			s += 2;
			continue;
		}
		if (c == 'l')
			c = 'i';
		out[j++] = c;
	}
	out[j] = '\0';
}

int plan_looks_like_initials(const char *tok)
{
	size_t n = strlen(tok), i, upper = 0;
	if (n < 2 || n > 6 || !isupper((unsigned char)tok[0]))
		return 0;
	for (i = 0; i < n; i++) {
		if (!isalpha((unsigned char)tok[i]))
			return 0;
		if (isupper((unsigned char)tok[i]))
			upper++;
	}
	return upper >= 2;
}
