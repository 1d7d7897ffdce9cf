/*
 * configs: dataset configs kept in the database (migration 012) — the
 * text of a config file (docs/datasets.md: column names, `map` lines,
 * outcomes, groups) saved under a name, so that the web upload page can
 * offer it instead of asking for the file each time. The text is checked
 * with the config parser of dataset.c when it is saved (every section must
 * read) and read again with it on each use; nothing is kept half-parsed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/internal.h"

/* 1 when the comma-separated list holds name. */
static int listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;
	while (*p) {
		const char *c = strchr(p, ',');
		size_t k = c ? (size_t)(c - p) : strlen(p);
		if (k == n && !memcmp(p, name, n))
			return 1;
		if (!c)
			break;
		p = c + 1;
	}
	return 0;
}

/* The names of the [dataset NAME] sections of text, comma separated, into
 * b (as the config parser reads them: trimmed, in order, each once). */
static void section_names(const char *text, struct buf *b)
{
	const char *p = text;
	int n = 0;
	while (p && *p) {
		const char *nl = strchr(p, '\n'), *end = nl ? nl : p + strlen(p);
		char *line = xmalloc((size_t)(end - p) + 1), *s;
		memcpy(line, p, (size_t)(end - p));
		line[end - p] = '\0';
		s = str_trim(line);
		if (*s == '[' && strchr(s, ']')) {
			*strchr(s, ']') = '\0';
			s = str_trim(s + 1);
			if (str_prefix_ci(s, "dataset ") || str_prefix_ci(s, "dataset\t")) {
				s = str_trim(s + 8);
				if (*s && !strchr(s, ',') && !listed(buf_str(b), s))
					buf_printf(b, "%s%s", n++ ? "," : "", s);
			}
		}
		free(line);
		p = nl ? nl + 1 : NULL;
	}
}

int mon_config_check(const char *text, size_t len, const char *file, struct buf *names,
		     struct err *e)
{
	struct buf list = BUF_INIT;
	char *copy, *save = NULL, *name;
	int rc = 0;

	if (len == 0)
		return err_set(e, ERR_DATA, "%s is empty", file);
	if (len > (1u << 20))
		return err_set(e, ERR_DATA, "%s is larger than 1 MiB; a config is a short text file",
			       file);
	if (memchr(text, '\0', len))
		return err_set(e, ERR_DATA, "%s is not a text file; a config is plain text, "
			       "one setting a line", file);
	copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	section_names(copy, &list);
	if (!list.len) {
		rc = err_set(e, ERR_DATA, "%s has no section: a config starts each dataset with a "
			     "line like [dataset service-users]", file);
		goto done;
	}
	for (name = strtok_r(list.data, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		struct dataset ds;
		struct err e2;
		err_clear(&e2);
		/* a section for person-level extracts, or one for count tables
		 * (which needs no id and no outcomes) */
		if (dataset_from_config_text(copy, file, name, &ds, e) == 0)
			continue;
		if (dataset_counts_config_text(copy, file, name, &ds, &e2) == 0) {
			err_clear(e);
			continue;
		}
		rc = ERR_DATA;
		goto done;
	}
	buf_reset(&list);
	section_names(copy, &list);
	if (names)
		buf_puts(names, buf_str(&list));
done:
	buf_free(&list);
	free(copy);
	return rc;
}

int mon_config_save(store_t *db, const char *name, const char *text, size_t len,
		    const char *file, const char *who, int *replaced, struct err *e)
{
	struct buf names = BUF_INIT, body = BUF_INIT;
	int64_t had = 0;
	char now[21];
	int rc;

	*replaced = 0;
	if ((rc = mon_config_check(text, len, file, &names, e)) < 0)
		goto done;
	buf_append(&body, text, len);
	date_now_iso(now);
	if ((rc = store_query_int(db, &had, e, "SELECT COUNT(*) FROM mon_config WHERE name = ?",
				  "t", name)) < 0)
		goto done;
	if (had)
		rc = store_exec(db, e,
				"UPDATE mon_config SET body = ?, file = ?, datasets = ?, saved_by = ?,"
				" saved_at = ? WHERE name = ?",
				"tttttt", buf_str(&body), file, buf_str(&names), who, now, name);
	else
		rc = store_exec(db, e,
				"INSERT INTO mon_config(name, body, file, datasets, saved_by, saved_at)"
				" VALUES (?, ?, ?, ?, ?, ?)",
				"tttttt", name, buf_str(&body), file, buf_str(&names), who, now);
	*replaced = had > 0;
done:
	buf_free(&names);
	buf_free(&body);
	return rc;
}

int mon_config_get(store_t *db, const char *name, char **body, char **file, struct err *e)
{
	store_stmt_t *st;
	int rc;
	*body = *file = NULL;
	if (store_prepare(db, &st, e, "SELECT body, file FROM mon_config WHERE name = ?", "t",
			  name) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		*body = xstrdup(store_col_text(st, 0));
		*file = xstrdup(store_col_text(st, 1));
	}
	store_done(st);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "there is no dataset config called '%s'", name);
	return 0;
}

int mon_config_dataset(store_t *db, const char *config, const char *dataset, int counts,
		       struct dataset *ds, struct err *e)
{
	char *body = NULL, *file = NULL;
	int rc;
	if ((rc = mon_config_get(db, config, &body, &file, e)) < 0)
		return rc;
	rc = counts ? dataset_counts_config_text(body, config, dataset, ds, e)
		    : dataset_from_config_text(body, config, dataset, ds, e);
	free(body);
	free(file);
	return rc;
}
