/*
 * fuzz_dataset_config: libFuzzer target for the dataset config parser
 * (monitor/dataset.c dataset_from_config_text). Any bytes are made into a
 * NUL-terminated text and read for three dataset names: a preset adjusted
 * in place ("service-users"), one defined from nothing or from a base
 * ("r"), and "orders". Promises checked whatever the input: the parser
 * returns 0 or a negative code with a message naming the file; a dataset
 * it returns has a name, outcomes whose stages are outcomes above them,
 * a person id unless its rows are events, and map lines whose values are
 * trimmed, short and each read by the codebook as it is; and its
 * definition survives the JSON an import stores (dataset_to_json, then
 * dataset_from_json, gives the same JSON again).
 * Built by `make fuzz`; fuzz/replay.c replays the corpus in `make check`.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/codebook.h"
#include "monitor/dataset.h"
#include "monitor/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *text, const char *name)
{
	struct dataset d, back;
	struct err e;
	char *json, *again;
	int rc, i;

	err_clear(&e);
	rc = dataset_from_config_text(text, "fuzz.conf", name, &d, &e);
	if (rc < 0) {
		assert(e.msg[0]);
		assert(strstr(e.msg, "fuzz.conf") || strstr(e.msg, "preset"));
		return;
	}
	assert(rc == 0);
	assert(d.name[0]);
	assert(d.n_outcomes > 0 && d.n_outcomes <= DS_MAX_OUTCOMES);
	for (i = 0; i < d.n_outcomes; i++)
		assert(d.outcomes[i].stage >= -1 && d.outcomes[i].stage < i);
	assert(d.id_column[0] || d.rows == DS_ROWS_EVENTS);
	assert(d.n_maps >= 0 && d.n_maps <= DS_MAX_MAPS);
	for (i = 0; i < d.n_maps; i++) {
		const struct ds_map *m = &d.maps[i];
		const struct mon_category *cat;
		size_t n = strlen(m->value);
		assert(n > 0 && n < DS_NAME_MAX && m->value[0] != ' ' && m->value[n - 1] != ' ');
		assert(m->ch >= 0 && m->ch < MC_COUNT);
		assert(mon_classify((enum mon_char)m->ch, (enum eth_system)d.eth_system, m->known,
				    &cat, NULL) == 0);
		assert(dataset_map_find(&d, m->ch, m->value, n) == m);
	}
	json = dataset_to_json(&d);
	assert(json);
	assert(dataset_from_json(json, &back, &e) == 0);
	again = dataset_to_json(&back);
	assert(again && strcmp(json, again) == 0);
	free(json);
	free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;
	if (size > 65536)
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	text[size] = '\0';
	check(text, "service-users");
	check(text, "r");
	check(text, "orders");
	free(text);
	return 0;
}
