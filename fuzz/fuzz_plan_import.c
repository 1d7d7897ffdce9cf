/*
 * fuzz_plan_import: libFuzzer target for the action plan importer — the
 * rules that turn a document's tables into sections, areas, lettered
 * actions, leads and timescales (plan/import.c, plan/leads.c). Input is a
 * Markdown document; it is read with doc_read_markdown and, when that
 * succeeds, turned into a plan model, whose invariants are checked.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/doc.h"
#include "plan/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc *d = NULL;
	struct plan_model *m = NULL;
	struct err e;
	size_t i, j;

	if (size > 65536)
		return 0;
	err_clear(&e);
	if (doc_read_markdown((const char *)data, size, "fuzz.md", &d, &e) < 0)
		return 0;
	if (plan_model_from_doc(d, "fuzz.md", &m, &e) == 0) {
		for (i = 0; i < m->n_areas; i++) {
			const struct plan_area *a = &m->areas[i];
			if (a->no != (int)i + 1 || !a->title)
				abort();
			if (a->section >= (int)m->n_sections)
				abort();
			for (j = 0; j < a->n_actions; j++) {
				const struct plan_action *ac = &a->actions[j];
				if (ac->letter < 'a' || ac->letter > 'z' || !ac->text)
					abort();
				if (j > 0 && ac->letter <= a->actions[j - 1].letter)
					abort();
			}
		}
		for (i = 0; i < m->n_warnings; i++)
			if (!m->warnings[i].message[0])
				abort();
		plan_model_free(m);
	} else if (e.code == 0 || !e.msg[0]) {
		abort();
	}
	doc_free(d);
	return 0;
}
