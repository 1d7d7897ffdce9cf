/*
 * network/meet_series.c: adding a meeting series and keeping a paper or
 * the minutes with a meeting — the model that both 'parity meeting
 * series add' / 'meeting paper' / 'meeting minutes' (meet_cmd.c) and the
 * staff pages (meet_web_add.c) use, so that the rules are written once.
 * Neither prints nor writes the audit log: the caller does, in its own
 * transaction.
 */
#include <stdio.h>
#include <string.h>

#include "network/meet.h"

int meet_kind_ok(const char *kind)
{
	return kind && (!strcmp(kind, "regional") || !strcmp(kind, "managers") ||
			!strcmp(kind, "conference") || !strcmp(kind, "agm"));
}

int meet_venues_split(const char *s, int sep, char out[][MEET_VENUE_MAX], int *n,
		      struct err *e)
{
	const char *p = s ? s : "";
	*n = 0;
	for (;;) {
		const char *end = strchr(p, sep);
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *a = p;
		while (len && (*a == ' ' || *a == '\t' || *a == '\r'))
			a++, len--;
		while (len && (a[len - 1] == ' ' || a[len - 1] == '\t' || a[len - 1] == '\r'))
			len--;
		if (len || sep == ';') {
			/* on the command line an empty venue is a mistake; in a
			 * list of lines a blank line is nothing */
			if (*n == MEET_MAX_VENUES)
				return err_set(e, ERR_USAGE, "at most %d venues", MEET_MAX_VENUES);
			if (!len || len > 120)
				return err_set(e, ERR_USAGE, "venue %d is empty or longer than 120 "
					       "characters", *n + 1);
			memcpy(out[*n], a, len);
			out[*n][len] = '\0';
			(*n)++;
		}
		if (!end)
			break;
		p = end + 1;
	}
	if (!*n)
		return err_set(e, ERR_USAGE, "give at least one venue");
	return 0;
}

int meet_first_date(int months, int nth, int wday, struct date from, struct date *first,
		    struct err *e)
{
	struct buf rule = BUF_INIT;
	struct date none = {0, 0, 0};
	int nf = 0, rc;
	meet_rrule(months, nth, wday, none, 0, &rule);
	rc = meet_occurrences(buf_str(&rule), from, date_add_days(from, 400), first, 1, &nf, e);
	buf_free(&rule);
	if (rc >= 0 && nf != 1)
		*first = from;
	return rc < 0 ? rc : 0;
}

int meet_series_add(store_t *db, const struct meet_series_new *s, const char *who,
		    int64_t *sid, struct buf *rule, struct err *e)
{
	struct date dfrom;
	char now[21], iso[11], rid[24];
	int64_t dup = 0, region_id = 0;
	int rc, i;

	if (!meet_kind_ok(s->kind))
		return err_set(e, ERR_USAGE, "'%s' is not a kind of meeting", s->kind ? s->kind : "");
	/* the first meeting is the series' start, so that a count counts
	 * meetings (RFC 5545 counts DTSTART as the first) */
	if ((rc = meet_first_date(s->months, s->nth, s->wday, s->from, &dfrom, e)) < 0)
		return rc;
	meet_rrule(s->months, s->nth, s->wday, s->until, s->count, rule);
	if ((rc = store_query_int(db, &dup, e, "SELECT id FROM net_series WHERE slug = ?", "t",
				  s->slug)) < 0)
		return rc;
	if (dup)
		return err_set(e, ERR_DATA, "a meeting series called '%s' already exists", s->slug);
	if (s->region && *s->region) {
		if ((rc = net_region_id(db, s->region, 0, &region_id, e)) < 0)
			return rc;
	} else if (!strcmp(s->kind, "regional")) {
		/* regional-south: the region South */
		if (strncmp(s->slug, "regional-", 9))
			return err_set(e, ERR_USAGE, "a regional series needs its region");
		if ((rc = net_region_id(db, s->slug + 9, 0, &region_id, e)) < 0)
			return rc;
	}
	date_now_iso(now);
	date_format(dfrom, iso);
	snprintf(rid, sizeof rid, "%lld", (long long)region_id); /* NULL when none */
	rc = store_exec(db, e,
			"INSERT INTO net_series (slug, name, kind, region_id, rrule, every_words, "
			"on_words, dtstart, start_time, end_time, invite_days, created_at, created_by) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			"tttttttttt" "i" "tt", s->slug, s->name && *s->name ? s->name : s->slug,
			s->kind, region_id ? rid : NULL, buf_str(rule), s->every_words, s->on_words,
			iso, s->t0, s->t1, (int64_t)s->invite_days, now, who);
	if (rc < 0)
		return rc;
	*sid = store_last_id(db);
	for (i = 0; rc >= 0 && i < s->n_venues; i++)
		rc = store_exec(db, e, "INSERT INTO net_venue (series_id, pos, name) VALUES (?, ?, ?)",
				"iit", *sid, (int64_t)i, s->venues[i]);
	if (rc >= 0)
		rc = meet_materialise(db, *sid, date_today(), e);
	return rc < 0 ? rc : 0;
}

const char *meet_doc_mime(const void *data, size_t n)
{
	const char *d = data;
	if (n >= 5 && !memcmp(d, "%PDF-", 5))
		return "application/pdf";
	if (memchr(d, 0, n))
		return NULL;
	return "text/plain; charset=utf-8";
}

int meet_doc_add(store_t *db, int64_t meeting_id, const char *kind, const char *title,
		 const char *file_name, const void *data, size_t len, int pub, const char *who,
		 struct err *e)
{
	const char *mime;
	char now[21];
	int rc = 0;
	if (strcmp(kind, "paper") && strcmp(kind, "minutes"))
		return err_set(e, ERR_USAGE, "a document is a paper or the minutes");
	if (!strcmp(kind, "paper") && (!title || !*title))
		return err_set(e, ERR_USAGE, "a paper needs a title");
	if (!strcmp(kind, "paper") && pub)
		return err_set(e, ERR_USAGE, "papers are for members only; only minutes are public");
	if (!len)
		return err_set(e, ERR_DATA, "the file is empty");
	if (len > MEET_DOC_MAX)
		return err_set(e, ERR_DATA, "the file is larger than %d MiB", MEET_DOC_MAX >> 20);
	if (!(mime = meet_doc_mime(data, len)))
		return err_set(e, ERR_DATA, "the file is neither a PDF nor a text file");
	date_now_iso(now);
	if (!strcmp(kind, "minutes"))
		rc = store_exec(db, e, "DELETE FROM net_meeting_doc WHERE meeting_id = ? AND "
				"kind = 'minutes'", "i", meeting_id);
	if (rc >= 0)
		rc = store_exec(db, e,
				"INSERT INTO net_meeting_doc (meeting_id, kind, title, file_name, mime, "
				"body, public, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				"ittttbitt", meeting_id, kind, title && *title ? title : "Minutes",
				file_name, mime, data, len, (int64_t)(pub != 0), now, who);
	return rc < 0 ? rc : 0;
}
