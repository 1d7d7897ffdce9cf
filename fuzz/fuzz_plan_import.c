/*
 * fuzz_plan_import: libFuzzer target for the action plan importer — the
 * rules that turn a document's tables into sections, areas, lettered
 * actions, leads and timescales, the plan's own ids and the columns kept
 * as fields (plan/import.c, plan/leads.c, plan_model_ids). Input is a
 * Markdown document; it is read with doc_read_markdown and, when that
 * succeeds, turned into a plan model, whose invariants are checked.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/doc.h"
#include "plan/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The plan's own ids: all or none (plan_model_ids), each short and made of
 * letters, digits, '.', '-', '_'; every kept field has a name and a value. */
static void check_own(const struct plan_model *m, const struct plan_action *ac)
{
	const struct plan_action *first = NULL;
	size_t k;
	for (k = 0; k < m->n_areas && !first; k++)
		if (m->areas[k].n_actions)
			first = &m->areas[k].actions[0];
	if (!first || !ac->code != !first->code)
		abort();
	if (ac->code) {
		if (!ac->code[0] || strlen(ac->code) > PLAN_CODE_MAX)
			abort();
		for (k = 0; ac->code[k]; k++)
			if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789.-_", ac->code[k]))
				abort();
	}
	for (k = 0; k < ac->n_fields; k++)
		if (!ac->fields[k].name[0] || !ac->fields[k].value)
			abort();
}

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
				check_own(m, ac);
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
