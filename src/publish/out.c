/*
 * publish/out.c: the tables of a release for machines and spreadsheets —
 * JSON (the machine interface, docs/publication.md), CSV (a row a cell)
 * and XLSX (a cover sheet with the notes, a sheet a characteristic). A
 * suppressed cell is null, "[c]" or an empty cell marked [c]: its value
 * is -1 in struct pub_cell and is never written.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/escape.h"
#include "core/period.h"
#include "publish/internal.h"
#include "render/xlsx.h"

static const char *status_name(int s)
{
	return s == PUB_PRIMARY ? "primary" : s == PUB_SECONDARY ? "secondary" : "published";
}

static const char *group_name(const struct pub_tables *t, const struct pub_cell *x)
{
	return x->group == PUB_ALL ? "All" : t->groups[x->ch][x->group];
}

/* A JSON string value (jansson escapes it). */
static void jstr(struct buf *b, const char *s)
{
	json_t *j = json_string(s ? s : "");
	char *d = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
	buf_puts(b, d ? d : "\"\"");
	free(d);
	json_decref(j);
}

void pub_json(const struct pub_tables *t, struct buf *b)
{
	size_t i;
	buf_puts(b, "{\n  \"dataset\": ");
	jstr(b, t->dataset);
	buf_puts(b, ",\n  \"period\": ");
	jstr(b, t->period);
	buf_printf(b, ",\n  \"released\": %s", t->release_id ? "true" : "false");
	if (t->release_id) {
		buf_puts(b, ",\n  \"released_at\": ");
		jstr(b, t->released_at);
	}
	buf_printf(b, ",\n  \"rules\": {\"threshold\": %d, \"rounding\": %d, \"all_or_none\": \"%s\", "
		      "\"small_group\": %d, \"secondary\": \"gaussian-elimination\"}",
		   t->rules.threshold, t->rules.rounding, pub_aon_name(t->rules.all_or_none),
		   t->rules.small_group);
	buf_puts(b, ",\n  \"covers\": [");
	for (i = 0; i < t->n_covers; i++) {
		if (i)
			buf_puts(b, ", ");
		jstr(b, t->covers[i]);
	}
	buf_puts(b, "],\n  \"outcomes\": [");
	for (i = 0; i < t->n_outcomes; i++) {
		buf_puts(b, i ? ", {\"outcome\": " : "{\"outcome\": ");
		jstr(b, t->outcome[i]);
		buf_puts(b, ", \"of\": ");
		if (t->of[i] < 0)
			buf_puts(b, "null");
		else
			jstr(b, t->outcome[t->of[i]]);
		buf_putc(b, '}');
	}
	buf_printf(b, "],\n  \"suppressed\": {\"primary\": %zu, \"secondary\": %zu},\n  \"cells\": [",
		   t->n_primary, t->n_secondary);
	for (i = 0; i < t->n_cells; i++) {
		const struct pub_cell *x = &t->cells[i];
		buf_puts(b, i ? ",\n    {\"unit\": " : "\n    {\"unit\": ");
		jstr(b, t->units[x->unit]);
		buf_puts(b, ", \"characteristic\": ");
		jstr(b, t->char_name[x->ch]);
		buf_puts(b, ", \"group\": ");
		jstr(b, group_name(t, x));
		buf_puts(b, ", \"outcome\": ");
		jstr(b, t->outcome[x->outcome]);
		buf_printf(b, ", \"measure\": \"%s\", \"value\": ",
			   x->measure == PUB_NUMERATOR ? "numerator" : "denominator");
		if (x->status == PUB_PUBLISHED)
			buf_printf(b, "%lld", (long long)x->value);
		else
			buf_puts(b, "null");
		buf_printf(b, ", \"status\": \"%s\"}", status_name(x->status));
	}
	buf_puts(b, t->n_cells ? "\n  ]\n}\n" : "]\n}\n");
}

void pub_csv(const struct pub_tables *t, struct buf *b)
{
	size_t i;
	buf_puts(b, "dataset,period,unit,characteristic,group,outcome,measure,value,status\r\n");
	for (i = 0; i < t->n_cells; i++) {
		const struct pub_cell *x = &t->cells[i];
		esc_csv(b, t->dataset);
		buf_putc(b, ',');
		esc_csv(b, t->period);
		buf_putc(b, ',');
		esc_csv(b, t->units[x->unit]);
		buf_putc(b, ',');
		esc_csv(b, t->char_name[x->ch]);
		buf_putc(b, ',');
		esc_csv(b, group_name(t, x));
		buf_putc(b, ',');
		esc_csv(b, t->outcome[x->outcome]);
		buf_puts(b, x->measure == PUB_NUMERATOR ? ",numerator," : ",denominator,");
		if (x->status == PUB_PUBLISHED)
			buf_printf(b, "%lld", (long long)x->value);
		else
			buf_puts(b, "[c]");
		buf_printf(b, ",%s\r\n", status_name(x->status));
	}
}

/* A sheet name: at most 31 characters, none of []:*?/\ . */
static void sheet_name(const char *s, char out[32])
{
	size_t i, n = 0;
	for (i = 0; s[i] && n < 31; i++)
		out[n++] = strchr("[]:*?/\\", s[i]) ? '-' : s[i];
	out[n] = 0;
	if (n && out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

int pub_xlsx(const struct pub_tables *t, const char *path, struct err *e)
{
	struct rx_book x;
	struct buf title = BUF_INIT, line = BUF_INIT;
	char when[PERIOD_WORDS];
	lxw_worksheet *ws;
	lxw_row_t row = 0;
	size_t k, o, u, g, i;
	int rc;

	period_words(t->period, when);
	buf_printf(&title, "Equality tables: %s, %s", t->dataset, when);
	rc = rx_open(&x, path, buf_str(&title), e);
	if (rc < 0) {
		buf_free(&title);
		return rc;
	}
	ws = workbook_add_worksheet(x.wb, "Cover");
	rx_note(&x, worksheet_set_column(ws, 0, 0, 100, x.wrap));
	rx_str(&x, ws, row++, 0, buf_str(&title), x.title);
	rx_str(&x, ws, row++, 0, "Counts of people by unit and group, with the organisation (All "
		    "units) and everyone (All groups) as totals.", x.wrap);
	buf_printf(&line, "[c] marks a count that is not published because it could identify "
		   "someone: counts from 1 to %d, and the cells that would let them be worked out "
		   "from the totals or from other releases.", t->rules.threshold - 1);
	rx_str(&x, ws, row++, 0, buf_str(&line), x.wrap);
	buf_reset(&line);
	if (t->rules.rounding > 1) {
		buf_printf(&line, "Published counts are rounded to the nearest %d; totals are "
			   "rounded from the exact figures, so they may not equal the sum of "
			   "their rounded parts.", t->rules.rounding);
		rx_str(&x, ws, row++, 0, buf_str(&line), x.wrap);
		buf_reset(&line);
	}
	if (t->rules.all_or_none != PUB_AON_OFF) {
		buf_printf(&line, "In groups of fewer than %d people, a count of everyone%s is "
			   "not published either.", t->rules.small_group,
			   t->rules.all_or_none == PUB_AON_BOTH ? " or of no one" : "");
		rx_str(&x, ws, row++, 0, buf_str(&line), x.wrap);
		buf_reset(&line);
	}
	buf_puts(&line, "Adds up: ");
	for (i = 0; i < t->n_covers; i++) {
		char w[PERIOD_WORDS];
		period_words(t->covers[i], w);
		buf_printf(&line, "%s%s", i ? "; " : "", w);
	}
	rx_str(&x, ws, row++, 0, buf_str(&line), x.wrap);
	buf_reset(&line);
	for (k = 0; k < t->n_chars; k++) {
		char name[32];
		lxw_col_t c;
		sheet_name(t->char_name[k], name);
		ws = workbook_add_worksheet(x.wb, name);
		row = 0;
		rx_str(&x, ws, row, 0, "Unit", x.head);
		rx_str(&x, ws, row, 1, "Group", x.head);
		c = 2;
		for (o = 0; o < t->n_outcomes; o++) {
			buf_reset(&line);
			buf_printf(&line, "%s (number)", t->outcome[o]);
			rx_str(&x, ws, row, c++, buf_str(&line), x.head);
			buf_reset(&line);
			buf_printf(&line, "%s (out of)", t->outcome[o]);
			rx_str(&x, ws, row, c++, buf_str(&line), x.head);
		}
		rx_note(&x, worksheet_set_column(ws, 0, 1, 24, NULL));
		rx_note(&x, worksheet_set_column(ws, 2, c, 14, NULL));
		worksheet_freeze_panes(ws, 1, 2);
		for (u = 0; u < t->n_units; u++)
			for (g = 0; g <= t->n_groups[k]; g++) {
				size_t gg = g == t->n_groups[k] ? PUB_ALL : g;
				row++;
				rx_str(&x, ws, row, 0, t->units[u], NULL);
				rx_str(&x, ws, row, 1, gg == PUB_ALL ? "All" : t->groups[k][g], NULL);
				c = 2;
				for (o = 0; o < t->n_outcomes; o++) {
					int m;
					for (m = 0; m < 2; m++) {
						const struct pub_cell *y = pub_cell_find(t, u, k, gg, o, m);
						if (y && y->status == PUB_PUBLISHED)
							rx_int(&x, ws, row, c, y->value, NULL);
						else
							rx_str(&x, ws, row, c, "[c]", NULL);
						c++;
					}
				}
			}
		rx_note(&x, worksheet_autofilter(ws, 0, 0, row, (lxw_col_t)(c - 1)));
	}
	buf_free(&title);
	buf_free(&line);
	return rx_close(&x, e);
}
