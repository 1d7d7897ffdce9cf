/*
 * web/audit.c: the audit log page (/admin/audit). Every change made on the
 * web, and every sign-in, sign-out and refused sign-in, newest first, 50 a
 * page, filtered by who and by kind. Each entry is said in words: the
 * kind as its room registered it ("Updated an action"), who did it in
 * words ("jsmith, on the command line"; "Someone not signed in" for a
 * failed sign-in), and only what changed, as "Status: from not started to
 * in progress", read from the before and after values the room recorded
 * (JSON objects, or plain text). An account's access (role, grants,
 * revokes, lead initials) is said with the roles and capabilities as the
 * other pages write them ("Granted beyond the role: Import monitoring
 * data").
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "web/internal.h"

/* The words registered for an entry's kind, or NULL. */
static const char *kind_words(const struct web_req *rq, const char *what)
{
	const struct web_ctx *x = rq->priv;
	size_t i;
	for (i = 0; what && x && x->cfg && i < x->cfg->n_audit_words; i++)
		if (!strcmp(x->cfg->audit_words[i].what, what))
			return x->cfg->audit_words[i].words;
	return NULL;
}

/* "Lead initials" for "lead_initials" or "lead-initials". */
static void key_words(struct buf *b, const char *k)
{
	size_t i;
	for (i = 0; k[i]; i++) {
		char c = k[i] == '_' || k[i] == '-' ? ' ' : k[i];
		if (i == 0 && c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		buf_putc(b, c);
	}
}

/* A value in words: text as it is, numbers, yes or no, "none" for
 * nothing, a list joined by commas. */
static void value_words(struct buf *b, const json_t *v)
{
	size_t i;
	json_t *x;
	if (!v || json_is_null(v)) {
		buf_puts(b, "none");
	} else if (json_is_string(v)) {
		buf_puts(b, *json_string_value(v) ? json_string_value(v) : "none");
	} else if (json_is_integer(v)) {
		char n[32];
		str_count(n, (long long)json_integer_value(v));
		buf_puts(b, n);
	} else if (json_is_real(v)) {
		buf_printf(b, "%g", json_real_value(v));
	} else if (json_is_boolean(v)) {
		buf_puts(b, json_is_true(v) ? "yes" : "no");
	} else if (json_is_array(v)) {
		if (!json_array_size(v))
			buf_puts(b, "none");
		json_array_foreach(v, i, x) {
			if (i)
				buf_puts(b, ", ");
			value_words(b, x);
		}
	} else {
		char *t = json_dumps(v, JSON_COMPACT);
		buf_puts(b, t ? t : "");
		free(t);
	}
}

/* 1 for a value that says nothing: null, "", [] or {}. */
static int value_empty(const json_t *v)
{
	return !v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)) ||
	       (json_is_array(v) && !json_array_size(v)) ||
	       (json_is_object(v) && !json_object_size(v));
}

/* A role's name as the pages write it ("Viewer"); other text as it is. */
static void role_words(struct buf *b, const json_t *v)
{
	int r = json_is_string(v) ? web_role_parse(json_string_value(v)) : -1;
	if (r < 0)
		value_words(b, v);
	else
		buf_puts(b, web_role_label(r));
}

/* The capability bit a name in an access list stands for, or 0. */
static unsigned cap_bit(const json_t *v)
{
	unsigned c;
	for (c = 1; json_is_string(v) && (c & WEB_ALL_CAPS); c <<= 1)
		if (!strcmp(web_cap_name(c), json_string_value(v)))
			return c;
	return 0;
}

/* The capabilities named in an access list (unknown names are left out
 * of the set and counted in *odd). */
static unsigned cap_set(const json_t *a, int *odd)
{
	unsigned set = 0, c;
	size_t i;
	json_t *x;
	if (json_is_array(a))
		json_array_foreach(a, i, x) {
			if ((c = cap_bit(x)))
				set |= c;
			else
				(*odd)++;
		}
	return set;
}

/* One line of the changes list (escaped). */
static void change_line(struct web_resp *rs, const struct buf *line)
{
	web_printf(rs, "<li>%s</li>", buf_str(line));
}

/* An access list (grants or revokes) that changed: what was added and
 * what was removed, each with the capabilities' labels. 1 when written,
 * 0 when the lists hold names this parity does not know (then the caller
 * writes them as they are). */
static int caps_change(struct web_resp *rs, const char *key, const json_t *old, const json_t *now)
{
	static const struct {
		const char *key, *added, *removed;
	} words[] = {
		{"grants", "Granted beyond the role", "No longer granted"},
		{"revokes", "Taken away from the role", "Given back"},
	};
	struct buf line = BUF_INIT;
	unsigned was, is;
	int odd = 0, w, k;
	for (w = 0; w < 2 && strcmp(words[w].key, key); w++)
		;
	if (w == 2)
		return 0;
	was = cap_set(old, &odd);
	is = cap_set(now, &odd);
	if (odd)
		return 0;
	for (k = 0; k < 2; k++) {
		unsigned set = k ? was & ~is : is & ~was;
		if (!set)
			continue;
		buf_reset(&line);
		buf_printf(&line, "%s: ", k ? words[w].removed : words[w].added);
		web_caps_words(&line, set);
		change_line(rs, &line);
	}
	buf_free(&line);
	return 1;
}

/* What changed between before and after, as a list of lines in words:
 * only the values that differ (on a new thing, only those it has). */
static void changes(struct web_resp *rs, const char *before, const char *after)
{
	json_t *jb = before ? json_loads(before, 0, NULL) : NULL;
	json_t *ja = after ? json_loads(after, 0, NULL) : NULL;
	struct buf line = BUF_INIT;
	const char *k;
	json_t *v;
	int any = 0;

	if ((before && !json_is_object(jb)) || (after && !json_is_object(ja))) {
		/* text a room recorded as it is */
		web_raw(rs, "<ul class=\"govuk-list\">");
		if (before)
			web_printf(rs, "<li>Before: %s</li>", before);
		if (after)
			web_printf(rs, "<li>After: %s</li>", after);
		web_raw(rs, "</ul>");
		goto done;
	}
	if (!jb && !ja)
		goto done;
	web_raw(rs, "<ul class=\"govuk-list\">");
	if (ja)
		json_object_foreach(ja, k, v) {
			json_t *old = jb ? json_object_get(jb, k) : NULL;
			int role = !strcmp(k, "role");
			if (jb && old && json_equal(old, v))
				continue;
			if ((!old || value_empty(old)) && value_empty(v))
				continue; /* nothing then, nothing now */
			any = 1;
			if (caps_change(rs, k, old, v))
				continue;
			buf_reset(&line);
			key_words(&line, k);
			if (old) {
				buf_puts(&line, ": from ");
				(role ? role_words : value_words)(&line, old);
				buf_puts(&line, " to ");
			} else {
				buf_puts(&line, ": ");
			}
			(role ? role_words : value_words)(&line, v);
			change_line(rs, &line);
		}
	if (jb)
		json_object_foreach(jb, k, v) {
			if ((ja && json_object_get(ja, k)) || (!ja && value_empty(v)))
				continue;
			buf_reset(&line);
			key_words(&line, k);
			buf_puts(&line, ": ");
			value_words(&line, v);
			buf_puts(&line, ja ? " (now removed)" : "");
			change_line(rs, &line);
			any = 1;
		}
	if (!any)
		web_raw(rs, "<li>Nothing changed</li>");
	web_raw(rs, "</ul>");
done:
	json_decref(jb);
	json_decref(ja);
	buf_free(&line);
}

/* Who made an entry, in words: "jsmith" and the address it came from;
 * "jsmith, on the command line" for the CLI's "cli:jsmith"; "Someone not
 * signed in" for "-" (a failed or refused sign-in), with its address. */
static void who_words(struct web_resp *rs, const char *who, const char *addr)
{
	int cli = who && !strncmp(who, "cli:", 4);
	if (!who || !*who || !strcmp(who, "-"))
		web_raw(rs, "Someone not signed in");
	else if (cli)
		web_printf(rs, "%s, on the command line", who + 4);
	else
		web_printf(rs, "%s", who);
	if (addr && *addr)
		web_printf(rs, "<br><span class=\"govuk-body-s\">(from %s)</span>", addr);
	else if (!cli)
		web_raw(rs, "<br><span class=\"govuk-body-s\">on the command line</span>");
}

/* The filter form: who (text) and kind (a select of the kinds in the log). */
static int filters(struct web_req *rq, struct web_resp *rs, const char *who, const char *what,
		   struct err *e)
{
	struct web_field fw = {"who", NULL, "Who", "A user name", who, "govuk-input--width-10",
			       "spellcheck=\"false\" autocomplete=\"off\""};
	struct web_field fk = {"what", NULL, "What happened", NULL, NULL, NULL, NULL};
	store_stmt_t *st;
	int rc;

	web_raw(rs, "<form method=\"get\" action=\"/admin/audit\" class=\"parity-filters\" "
		    "novalidate>\n");
	web_input(rs, &fw, "text", NULL, 0);
	web_select_open(rs, &fk, NULL, 0);
	web_select_option(rs, "", "Anything", !what || !*what);
	if (store_prepare(rq->db, &st, e, "SELECT DISTINCT what FROM audit_log ORDER BY what", "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		const char *k = store_col_text(st, 0), *words = kind_words(rq, k);
		web_select_option(rs, k, words ? words : k, what && !strcmp(what, k));
	}
	store_done(st);
	if (rc < 0)
		return rc;
	web_select_close(rs);
	web_raw(rs, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button "
		    "govuk-button--secondary\" data-module=\"govuk-button\">Filter</button>\n"
		    "<a class=\"govuk-link\" href=\"/admin/audit\">Clear filters</a></div>\n</form>\n");
	return 0;
}

int web_audit_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *who = web_param(rq, "who"), *what = web_param(rq, "what");
	store_stmt_t *st;
	int64_t total = 0;
	long page, n_pages, first;
	struct buf base = BUF_INIT;
	char n1[32], n2[32], n3[32];
	int rc;

	if (!who || !*who)
		who = NULL;
	if (!what || !*what)
		what = NULL;
	if (store_query_int(rq->db, &total, e,
			    "SELECT COUNT(*) FROM audit_log WHERE (? IS NULL OR who = ? OR who = 'cli:' || ?) "
			    "AND (? IS NULL OR what = ?)",
			    "ttttt", who, who, who, what, what) < 0)
		return ERR_DB;
	page = web_page_param(rq, (long)total, WEB_PAGE_ROWS, &n_pages);
	first = (page - 1) * WEB_PAGE_ROWS;

	web_page_begin(rq, rs, "Audit log", SEC_AUDIT);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Audit log</h1>\n<p class=\"govuk-body\">Every "
		    "change made on the web, and every sign-in and sign-out, newest first.</p>\n");
	if ((rc = filters(rq, rs, who, what, e)) < 0)
		return rc;
	if (!total) {
		web_raw(rs, "<p class=\"govuk-body\">Nothing in the audit log matches.</p>\n");
		web_page_end(rq, rs);
		return 0;
	}
	str_count(n1, first + 1);
	str_count(n2, first + WEB_PAGE_ROWS < total ? first + WEB_PAGE_ROWS : (long)total);
	str_count(n3, total);
	rc = store_prepare(rq->db, &st, e,
			   "SELECT at, who, address, what, target, before, after FROM audit_log "
			   "WHERE (? IS NULL OR who = ? OR who = 'cli:' || ?) AND (? IS NULL OR what = ?) "
			   "ORDER BY id DESC LIMIT ? OFFSET ?",
			   "tttttii", who, who, who, what, what, (int64_t)WEB_PAGE_ROWS, (int64_t)first);
	if (rc < 0)
		return rc;
	web_printf(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		       "aria-label=\"Audit log\"><table class=\"govuk-table\">\n"
		       "<caption class=\"govuk-table__caption govuk-table__caption--s\">Entries %s to "
		       "%s of %s, newest first</caption>\n",
		   n1, n2, n3);
	web_raw(rs, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">When</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Who</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">What happened</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">What changed</th></tr></thead>\n"
		    "<tbody class=\"govuk-table__body\">\n");
	while ((rc = store_step(st, e)) == 1) {
		const char *k = store_col_text(st, 3), *words = kind_words(rq, k);
		const char *target = store_col_text(st, 4);
		char when[48];
		date_when_uk(store_col_text(st, 0), when);
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
			       "<td class=\"govuk-table__cell\">",
			   when);
		who_words(rs, store_col_text(st, 1), store_col_text(st, 2));
		web_printf(rs, "</td><td class=\"govuk-table__cell\">%s", words ? words : k);
		if (target && *target)
			web_printf(rs, ": <strong>%s</strong>", target);
		web_raw(rs, "</td><td class=\"govuk-table__cell\">");
		changes(rs, store_col_text(st, 5), store_col_text(st, 6));
		web_raw(rs, "</td></tr>\n");
	}
	store_done(st);
	if (rc < 0)
		return rc;
	web_raw(rs, "</tbody>\n</table></div>\n");
	buf_puts(&base, "/admin/audit?");
	if (who) {
		buf_puts(&base, "who=");
		web_urlenc(&base, who);
		buf_putc(&base, '&');
	}
	if (what) {
		buf_puts(&base, "what=");
		web_urlenc(&base, what);
		buf_putc(&base, '&');
	}
	web_pagination(rs, buf_str(&base), page, n_pages);
	buf_free(&base);
	web_page_end(rq, rs);
	return 0;
}
