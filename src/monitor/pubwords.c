/*
 * monitor/pubwords.c: what the publication pages need from monitoring
 * besides the counts (monitor.h): the datasets that have imports, and the
 * words for a dataset and a characteristic, as the monitoring pages say
 * them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "monitor/codebook.h"
#include "monitor/internal.h"
#include "monitor/monitor.h"

int monitor_datasets(store_t *db, char (**out)[64], size_t *n, struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(db, &st, e,
			  "SELECT DISTINCT i.dataset FROM mon_import i WHERE" MON_IMPORT_SHOWN
			  " ORDER BY i.dataset",
			  "") < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		snprintf((*out)[(*n)++], 64, "%s", store_col_text(st, 0));
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

const char *monitor_dataset_label(const char *name)
{
	return mon_web_dataset_label(name);
}

const char *monitor_char_label(const char *name)
{
	enum mon_char c;
	if (name && mon_char_from_name(name, &c) == 0)
		return mon_char_label(c);
	return name ? name : "";
}
