/*
 * fuzz_plan_blocks: libFuzzer target for the importer's labelled-block
 * layout (plans without tables: a heading or numbered label per action,
 * then "Lead", "Date", "Progress" labels) and for --columns. The input's
 * first line is a --columns spec (an empty line: none); its first byte
 * picks the reader of the rest ('<' HTML, anything else Markdown). The
 * model's invariants are checked: ids short, fields named, the notes of
 * how each table or block run was read adding up to the actions.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/doc.h"
#include "plan/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	struct doc *d = NULL;
	struct plan_model *m = NULL;
	struct plan_import_opts o = {NULL, 0};
	struct err e;
	char *spec = NULL;
	const char *body;
	size_t i, j, k, n_body, total = 0, noted = 0;
	int rc;

	if (size > 65536 || !nl)
		return 0;
	if (nl > (const char *)data) {
		spec = strndup((const char *)data, (size_t)(nl - (const char *)data));
		if (!spec || strlen(spec) != (size_t)(nl - (const char *)data)) {
			free(spec);
			return 0; /* a NUL in the spec: not what a command line gives */
		}
		o.columns = spec;
	}
	body = nl + 1;
	n_body = size - (size_t)(body - (const char *)data);
	err_clear(&e);
	rc = n_body && body[0] == '<' ? doc_read_html(body, n_body, "fuzz.html", &d, &e)
				       : doc_read_markdown(body, n_body, "fuzz.md", &d, &e);
	if (rc < 0) {
		free(spec);
		return 0;
	}
	if (plan_model_from_doc_opts(d, "fuzz", &o, &m, &e) == 0) {
		for (i = 0; i < m->n_areas; i++) {
			const struct plan_area *a = &m->areas[i];
			if (!a->title)
				abort();
			for (j = 0; j < a->n_actions; j++, total++) {
				const struct plan_action *ac = &a->actions[j];
				if (!ac->text || (ac->code && (!ac->code[0] ||
							      strlen(ac->code) > PLAN_CODE_MAX)))
					abort();
				for (k = 0; k < ac->n_fields; k++)
					if (!ac->fields[k].name[0] || !ac->fields[k].value)
						abort();
			}
		}
		for (i = 0; i < m->n_tables; i++) {
			noted += m->tables[i].n_actions;
			for (j = 0; j < m->tables[i].n_cols; j++)
				if (!m->tables[i].cols[j].column || !m->tables[i].cols[j].header ||
				    !m->tables[i].cols[j].matched)
					abort();
		}
		if (noted != total)
			abort();
		plan_model_free(m);
	} else if (e.code == 0 || !e.msg[0]) {
		abort();
	}
	doc_free(d);
	free(spec);
	return 0;
}
