/*
 * dataset: the built-in dataset presets and the config file that renames
 * their columns or defines new datasets (see dataset.h, docs/datasets.md).
 *
 * The config format is deliberately small, INI-like, one setting a line:
 *
 *     # comment
 *     [dataset referrals]          a section per dataset
 *     base = service-users         start from a preset (optional)
 *     id = case_ref                person id column
 *     unit = office                unit column ("none" for no units)
 *     period = qtr                 period column ("none")
 *     grade = band                 grade column ("none")
 *     pay = hourly_rate            hourly pay column ("none")
 *     bonus = bonus_paid           bonus column ("none")
 *     full_pay = on_full_pay       full pay (1) or reduced (0) column ("none")
 *     ethnicity_codes = cj16       cj18 | cj16 | ons2011 | ons2021 | auto | us-omb
 *     ethnicity = eth              a characteristic's column ("none" drops it)
 *     outcome referred = ref_flag
 *     outcome started = start_flag per referred
 *     outcome breached = breach per started unfavourable
 *     rows = events                people (default) | events
 *     map ethnicity W4 = W9        read a value of the file as a known one
 *     map sex "X" = NS             (quoted when it holds '=', '#' or '"')
 *
 * In a section with `base = PRESET`, an outcome line naming one of the
 * preset's outcomes replaces its definition: stage and direction are
 * what the line says (no `per`: every row is the denominator). In a
 * section named after a preset without `base`, which adjusts the preset,
 * an outcome line renames its column and keeps what it does not say.
 * Map values are checked against the codebook at the end of the section,
 * when its ethnicity_codes are known.
 *
 * Every error names the file and line and says what is expected.
 */
#include "monitor/dataset.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/codebook.h"

const char *const dataset_preset_names[] = {"service-users", "staff", "applicants", NULL};

static void set(char *dst, const char *src)
{
	snprintf(dst, DS_NAME_MAX, "%s", src);
}

static void add_outcome(struct dataset *d, const char *name, const char *stage, int fav)
{
	struct ds_outcome *o = &d->outcomes[d->n_outcomes++];
	set(o->name, name);
	set(o->column, name);
	o->stage = stage ? dataset_outcome_index(d, stage) : -1;
	o->favourable = fav;
}

static void use_chars(struct dataset *d, int all)
{
	static const int some[] = {MC_SEX, MC_AGE, MC_ETHNICITY, MC_RELIGION, MC_DISABILITY,
				   MC_SEXUAL_ORIENTATION};
	size_t i;
	if (all) {
		for (i = 0; i < MC_COUNT; i++)
			set(d->char_column[i], mon_char_name((enum mon_char)i));
		return;
	}
	for (i = 0; i < sizeof some / sizeof some[0]; i++)
		set(d->char_column[some[i]], mon_char_name((enum mon_char)some[i]));
}

int dataset_preset(const char *name, struct dataset *d, struct err *e)
{
	memset(d, 0, sizeof *d);
	d->eth_system = ETH_CJ18;
	set(d->name, name);
	if (strcmp(name, "service-users") == 0) {
		set(d->id_column, "person_id");
		set(d->unit_column, "ldu");
		set(d->period_column, "quarter");
		use_chars(d, 0);
		add_outcome(d, "referred", NULL, 1);
		add_outcome(d, "started", "referred", 1);
		add_outcome(d, "completed", "started", 1);
		add_outcome(d, "breached", "started", 0);
		return 0;
	}
	if (strcmp(name, "staff") == 0) {
		set(d->id_column, "person_id");
		set(d->unit_column, "unit");
		set(d->period_column, "period");
		set(d->grade_column, "grade");
		use_chars(d, 1);
		add_outcome(d, "promoted", NULL, 1);
		add_outcome(d, "trained", NULL, 1);
		add_outcome(d, "grievance", NULL, 0);
		add_outcome(d, "disciplinary", NULL, 0);
		add_outcome(d, "left", NULL, 0);
		set(d->pay_column, "hourly_pay");
		set(d->bonus_column, "bonus");
		set(d->full_pay_column, "full_pay");
		return 0;
	}
	if (strcmp(name, "applicants") == 0) {
		set(d->id_column, "applicant_id");
		set(d->period_column, "period");
		set(d->grade_column, "grade");
		use_chars(d, 1);
		add_outcome(d, "shortlisted", NULL, 1);
		add_outcome(d, "appointed", "shortlisted", 1);
		return 0;
	}
	return err_set(e, ERR_USAGE,
		       "no dataset preset '%s'; the presets are service-users, staff "
		       "and applicants, or define it in a config file (--config FILE)",
		       name);
}

int dataset_outcome_index(const struct dataset *d, const char *name)
{
	int i;
	for (i = 0; i < d->n_outcomes; i++)
		if (str_eq_ci(d->outcomes[i].name, name))
			return i;
	return -1;
}

int dataset_default_direction(const char *o)
{
	static const char *const fav[] = {"referred", "started", "completed", "appointed",
					  "shortlisted", "promoted", "trained", "offered",
					  "hired", "passed", "successful", NULL};
	static const char *const unfav[] = {"breached", "breach", "disciplinary",
					    "grievance", "dismissed", "left", "recalled",
					    "revoked", "terminated", "complaint", NULL};
	int i;
	for (i = 0; fav[i]; i++)
		if (str_eq_ci(o, fav[i]))
			return 1;
	for (i = 0; unfav[i]; i++)
		if (str_eq_ci(o, unfav[i]))
			return 0;
	return -1;
}

/* ---- config file -------------------------------------------------------*/

/* What the parser of one section remembers besides the dataset. */
struct cfg {
	const char *file;
	int from_base;		   /* the section began with base = PRESET */
	int id_line;		   /* line of 'id = none' (0: none) */
	int rows_line;		   /* line of 'rows = ...' (0: none) */
	int map_line[DS_MAX_MAPS]; /* line of each map */
};

const struct ds_map *dataset_map_find(const struct dataset *d, int ch, const char *s, size_t n)
{
	int i;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	for (i = 0; i < d->n_maps; i++) {
		const struct ds_map *m = &d->maps[i];
		size_t k;
		if (m->ch != ch || strlen(m->value) != n)
			continue;
		for (k = 0; k < n && tolower((unsigned char)m->value[k]) ==
					 tolower((unsigned char)s[k]); k++)
			;
		if (k == n)
			return m;
	}
	return NULL;
}

static int column_value(const char *v, char *dst)
{
	if (str_eq_ci(v, "none")) {
		dst[0] = '\0';
		return 0;
	}
	if (strlen(v) >= DS_NAME_MAX || !*v)
		return -1;
	set(dst, v);
	return 0;
}

/* "COLUMN [per STAGE] [favourable|unfavourable]" */
static int parse_outcome(struct dataset *d, const char *name, const char *value,
			 const char *file, int line, int replace, struct err *e)
{
	char *v = xstrdup(value), *tok, *save = NULL;
	char column[DS_NAME_MAX] = "", stage[DS_NAME_MAX] = "";
	int dir = -2, idx, rc = 0;
	struct ds_outcome *o;

	for (tok = strtok_r(v, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (str_eq_ci(tok, "per")) {
			tok = strtok_r(NULL, " \t", &save);
			if (!tok) {
				rc = err_set(e, ERR_DATA, "%s:%d: 'per' needs the outcome that is "
					     "the denominator, e.g. 'completed = done_flag per started'",
					     file, line);
				goto done;
			}
			set(stage, tok);
		} else if (str_eq_ci(tok, "favourable") || str_eq_ci(tok, "favorable")) {
			dir = 1;
		} else if (str_eq_ci(tok, "unfavourable") || str_eq_ci(tok, "unfavorable")) {
			dir = 0;
		} else if (!column[0]) {
			if (strlen(tok) >= DS_NAME_MAX) {
				rc = err_set(e, ERR_DATA, "%s:%d: column name too long", file, line);
				goto done;
			}
			set(column, tok);
		} else {
			rc = err_set(e, ERR_DATA,
				     "%s:%d: unexpected '%s'; write 'outcome NAME = COLUMN "
				     "[per STAGE] [favourable|unfavourable]'",
				     file, line, tok);
			goto done;
		}
	}
	if (!column[0])
		set(column, name);
	idx = dataset_outcome_index(d, name);
	if (idx < 0) {
		if (d->n_outcomes >= DS_MAX_OUTCOMES) {
			rc = err_set(e, ERR_DATA, "%s:%d: more than %d outcomes", file, line,
				     DS_MAX_OUTCOMES);
			goto done;
		}
		idx = d->n_outcomes++;
		memset(&d->outcomes[idx], 0, sizeof d->outcomes[idx]);
		set(d->outcomes[idx].name, name);
		d->outcomes[idx].stage = -1;
		d->outcomes[idx].favourable = dataset_default_direction(name);
	}
	o = &d->outcomes[idx];
	set(o->column, column);
	if (replace) { /* base = PRESET: the line is the whole definition */
		o->stage = -1;
		o->favourable = dataset_default_direction(name);
	}
	if (stage[0]) {
		int s = dataset_outcome_index(d, stage);
		if (s < 0 || s >= idx) {
			rc = err_set(e, ERR_DATA,
				     "%s:%d: the stage '%s' is not an outcome defined above "
				     "'%s'; define the earlier stage first",
				     file, line, stage, name);
			goto done;
		}
		o->stage = s;
	}
	if (dir != -2)
		o->favourable = dir;
	if (o->favourable < 0) {
		rc = err_set(e, ERR_DATA,
			     "%s:%d: say whether a higher rate of '%s' is good or bad: add "
			     "'favourable' or 'unfavourable' after the column name",
			     file, line, name);
		goto done;
	}
done:
	free(v);
	return rc;
}

static int parse_eth_system(const char *v)
{
	if (str_eq_ci(v, "cj18") || str_eq_ci(v, "18+1"))
		return ETH_CJ18;
	if (str_eq_ci(v, "cj16") || str_eq_ci(v, "16+1"))
		return ETH_CJ16;
	if (str_eq_ci(v, "ons2011"))
		return ETH_ONS2011;
	if (str_eq_ci(v, "ons2021"))
		return ETH_ONS2021;
	if (str_eq_ci(v, "auto"))
		return ETH_AUTO;
	if (str_eq_ci(v, "us-omb"))
		return ETH_USOMB;
	return -1;
}

static int set_key(struct dataset *d, struct cfg *cf, const char *key, const char *value,
		   int line, struct err *e)
{
	const char *file = cf->file;
	struct {
		const char *key;
		char *dst;
	} cols[] = {
		{"id", d->id_column},	    {"unit", d->unit_column},
		{"period", d->period_column}, {"grade", d->grade_column},
		{"pay", d->pay_column},	    {"bonus", d->bonus_column},
		{"full_pay", d->full_pay_column},
	};
	enum mon_char c;
	size_t i;

	if (str_prefix_ci(key, "group ") || str_prefix_ci(key, "group\t"))
		return dataset_group_line(d, key + 6, value, file, line, e);
	if (str_prefix_ci(key, "reference ") || str_prefix_ci(key, "reference\t"))
		return dataset_reference_line(d, key + 10, value, file, line, e);
	if (str_prefix_ci(key, "outcome ") || str_prefix_ci(key, "outcome\t")) {
		char *name = str_trim_dup(key + 8);
		int rc;
		if (!*name || strchr(name, ' ') || strlen(name) >= DS_NAME_MAX) {
			free(name);
			return err_set(e, ERR_DATA, "%s:%d: write 'outcome NAME = COLUMN', with "
				       "NAME one word", file, line);
		}
		rc = parse_outcome(d, name, value, file, line,
				   cf->from_base && dataset_outcome_index(d, name) >= 0, e);
		free(name);
		return rc;
	}
	for (i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		if (str_eq_ci(key, cols[i].key)) {
			if (column_value(value, cols[i].dst) < 0)
				return err_set(e, ERR_DATA, "%s:%d: '%s' needs a column name "
					       "(or 'none')", file, line, key);
			if (cols[i].dst == d->id_column)
				cf->id_line = d->id_column[0] ? 0 : line; /* checked at the end */
			return 0;
		}
	}
	if (str_eq_ci(key, "rows")) {
		if (str_eq_ci(value, "people"))
			d->rows = DS_ROWS_PEOPLE;
		else if (str_eq_ci(value, "events"))
			d->rows = DS_ROWS_EVENTS;
		else
			return err_set(e, ERR_DATA, "%s:%d: rows must be 'people' (a row is a "
				       "person, each once: the default) or 'events' (a row is "
				       "an event such as an order or a referral, every row "
				       "counted); got '%s'", file, line, value);
		cf->rows_line = line;
		return 0;
	}
	if (str_eq_ci(key, "ethnicity_codes")) {
		int s = parse_eth_system(value);
		if (s < 0)
			return err_set(e, ERR_DATA, "%s:%d: ethnicity_codes must be cj18, cj16, "
				       "ons2011, ons2021, auto or us-omb; got '%s'", file, line, value);
		d->eth_system = s;
		return 0;
	}
	if (mon_char_from_name(key, &c) == 0) {
		if (column_value(value, d->char_column[c]) < 0)
			return err_set(e, ERR_DATA, "%s:%d: '%s' needs a column name (or 'none')",
				       file, line, key);
		return 0;
	}
	return err_set(e, ERR_DATA,
		       "%s:%d: unknown setting '%s'; use id, unit, period, grade, pay, "
		       "bonus, full_pay, ethnicity_codes, rows, a characteristic (ethnicity, sex, "
		       "age, disability, religion, sexual_orientation, gender_reassignment, "
		       "marital_status, pregnancy_maternity), 'outcome NAME', 'group CHAR "
		       "NAME', 'reference CHAR' or 'map CHARACTERISTIC VALUE = KNOWN'",
		       file, line, key);
}

/* 1 when s is well-formed UTF-8 (no overlong forms, surrogates or code
 * points past U+10FFFF), as the JSON an import stores the definition in
 * must be. */
static int utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned char c = *p;
		int n, i;
		unsigned char lo = 0x80, hi = 0xBF;
		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3;
		else
			return 0;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		else if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		if (p[1] < lo || p[1] > hi)
			return 0;
		for (i = 2; i <= n; i++)
			if (p[i] < 0x80 || p[i] > 0xBF)
				return 0;
		p += n + 1;
	}
	return 1;
}

/* "map CHARACTERISTIC VALUE = KNOWN": s is the line after "map". The map
 * is added to d; KNOWN is checked against the codebook by check_maps. */
static int parse_map(struct dataset *d, struct cfg *cf, char *s, int line, struct err *e)
{
	static const char usage[] = "write 'map CHARACTERISTIC VALUE = KNOWN', e.g. 'map "
				    "ethnicity W4 = W9' or 'map sex X = NS'";
	const char *file = cf->file;
	char *p = s, *word, *value, *known, *hash;
	const struct ds_map *dup;
	enum mon_char c;
	struct ds_map *m;

	while (*p == ' ' || *p == '\t')
		p++;
	word = p;
	while (*p && *p != ' ' && *p != '\t' && *p != '=')
		p++;
	if (p == word || (*p != ' ' && *p != '\t'))
		return err_set(e, ERR_DATA, "%s:%d: %s", file, line, usage);
	*p++ = '\0';
	if (mon_char_from_name(word, &c) < 0)
		return err_set(e, ERR_DATA, "%s:%d: '%s' is not a characteristic; %s, with one of "
			       "ethnicity, sex, age, disability, religion, sexual_orientation, "
			       "gender_reassignment, marital_status, pregnancy_maternity",
			       file, line, word, usage);
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '"') { /* "a value, with "" for a quote" */
		char *w = ++p;
		value = w;
		for (;;) {
			if (!*p)
				return err_set(e, ERR_DATA, "%s:%d: the quoted value has no closing "
					       "quote; write \"\" for a quote inside it", file, line);
			if (*p == '"' && p[1] == '"') {
				*w++ = '"';
				p += 2;
			} else if (*p == '"') {
				p++;
				break;
			} else {
				*w++ = *p++;
			}
		}
		*w = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=')
			return err_set(e, ERR_DATA, "%s:%d: expected '=' after the quoted value; %s",
				       file, line, usage);
		p++;
	} else {
		char *eq = strchr(p, '=');
		if (!eq)
			return err_set(e, ERR_DATA, "%s:%d: %s", file, line, usage);
		*eq = '\0';
		value = p;
		p = eq + 1;
	}
	value = str_trim(value);
	known = p;
	if ((hash = strstr(known, " #")) || (hash = strstr(known, "\t#")))
		*hash = '\0';
	known = str_trim(known);
	if (!*value)
		return err_set(e, ERR_DATA, "%s:%d: a map needs the value as it is written in the "
			       "file (a blank cell already reads as Missing); %s", file, line, usage);
	if (!*known)
		return err_set(e, ERR_DATA, "%s:%d: say after '=' what '%s' is read as: a code or "
			       "category parity knows for %s (for example %sNS or Not stated)",
			       file, line, value, mon_char_name(c), c == MC_ETHNICITY ? "W9, " : "");
	if (strlen(value) >= DS_NAME_MAX || strlen(known) >= DS_NAME_MAX)
		return err_set(e, ERR_DATA, "%s:%d: a map's value and what it is read as must "
			       "each be under %d bytes", file, line, DS_NAME_MAX);
	if ((dup = dataset_map_find(d, (int)c, value, strlen(value))))
		return err_set(e, ERR_DATA, "%s:%d: %s '%s' is already mapped on line %d; keep "
			       "one of the two lines", file, line, mon_char_name(c), value,
			       cf->map_line[dup - d->maps]);
	if (d->n_maps >= DS_MAX_MAPS)
		return err_set(e, ERR_DATA, "%s:%d: more than %d map lines in one dataset", file,
			       line, DS_MAX_MAPS);
	cf->map_line[d->n_maps] = line;
	m = &d->maps[d->n_maps++];
	m->ch = (int)c;
	set(m->value, value);
	set(m->known, known);
	return 0;
}

/* Every map's KNOWN must be read by the codebook as it is (maps are not
 * chained), with the section's final ethnicity_codes. */
static int check_maps(const struct dataset *d, const struct cfg *cf, struct err *e)
{
	int i;
	for (i = 0; i < d->n_maps; i++) {
		const struct ds_map *m = &d->maps[i];
		const struct mon_category *cat;
		struct err ce;
		err_clear(&ce);
		if (mon_classify((enum mon_char)m->ch, (enum eth_system)d->eth_system, m->known,
				 &cat, &ce) < 0)
			return err_set(e, ERR_DATA, "%s:%d: '%s' cannot be read as '%s', which "
				       "parity does not know: %s", cf->file, cf->map_line[i],
				       m->value, m->known, ce.msg);
	}
	return 0;
}

/* dataset_from_config_text; counts: for import-counts, whose section
 * needs no id and no outcomes and must be there. */
static int config_text(const char *text, const char *file, const char *name, int counts,
		       struct dataset *out, struct err *e)
{
	char *copy = xstrdup(text), *p = copy, *nl;
	int line = 0, in_target = 0, found = 0, rc = 0, seen_key = 0, eth_set = 0;
	struct dataset d;
	struct cfg cf;

	memset(&d, 0, sizeof d);
	memset(&cf, 0, sizeof cf);
	cf.file = file;
	for (; p && *p; p = nl) {
		char *s, *eq;
		nl = strchr(p, '\n');
		if (nl)
			*nl++ = '\0';
		line++;
		if (!utf8_ok(p)) {
			rc = err_set(e, ERR_DATA, "%s:%d: the line is not UTF-8 text; save the config "
				     "file as UTF-8", file, line);
			goto done;
		}
		s = str_trim(p);
		if (line == 1 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
		    (unsigned char)s[2] == 0xBF)
			s = str_trim(s + 3);
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *end = strchr(s, ']'), *sec;
			if (!end || !str_blank(end + 1)) {
				rc = err_set(e, ERR_DATA, "%s:%d: a section line looks like "
					     "'[dataset NAME]'", file, line);
				goto done;
			}
			*end = '\0';
			sec = str_trim(s + 1);
			if (!str_prefix_ci(sec, "dataset ") && !str_prefix_ci(sec, "dataset\t")) {
				rc = err_set(e, ERR_DATA, "%s:%d: unknown section '[%s]'; write "
					     "'[dataset NAME]'", file, line, sec);
				goto done;
			}
			sec = str_trim(sec + 8);
			if (!*sec || strlen(sec) >= DS_NAME_MAX) {
				rc = err_set(e, ERR_DATA, "%s:%d: the dataset needs a short name",
					     file, line);
				goto done;
			}
			in_target = strcmp(sec, name) == 0;
			seen_key = 0;
			if (in_target) {
				if (found) {
					rc = err_set(e, ERR_DATA, "%s:%d: dataset '%s' is defined "
						     "twice", file, line, name);
					goto done;
				}
				found = 1;
				memset(&cf, 0, sizeof cf);
				cf.file = file;
				memset(&d, 0, sizeof d);
				d.eth_system = ETH_CJ18;
				set(d.name, name);
				{
					struct err ignore;
					err_clear(&ignore);
					if (dataset_preset(name, &d, &ignore) < 0) {
						memset(&d, 0, sizeof d);
						d.eth_system = ETH_CJ18;
						set(d.name, name);
					}
				}
			}
			continue;
		}
		if (in_target && (str_prefix_ci(s, "map ") || str_prefix_ci(s, "map\t"))) {
			seen_key = 1;
			if ((rc = parse_map(&d, &cf, s + 3, line, e)) < 0)
				goto done;
			continue;
		}
		eq = strchr(s, '=');
		if (!eq) {
			rc = err_set(e, ERR_DATA, "%s:%d: expected 'key = value', got '%s'", file,
				     line, s);
			goto done;
		}
		*eq = '\0';
		{
			char *key = str_trim(s), *value = str_trim(eq + 1);
			char *hash = strstr(value, " #");
			if (hash) {
				*hash = '\0';
				str_trim(value);
			}
			if (!in_target) {
				/* other datasets are still checked for shape */
				if (!*key) {
					rc = err_set(e, ERR_DATA, "%s:%d: missing key before '='",
						     file, line);
					goto done;
				}
				continue;
			}
			if (str_eq_ci(key, "base")) {
				if (seen_key) {
					rc = err_set(e, ERR_DATA, "%s:%d: 'base' must come first "
						     "in its section", file, line);
					goto done;
				}
				struct err pe;
				err_clear(&pe);
				if (dataset_preset(value, &d, &pe) < 0) {
					/* the preset's own message names --config */
					rc = err_set(e, ERR_DATA, "%s:%d: no dataset preset '%s': base "
						     "is service-users, staff or applicants", file, line,
						     value);
					goto done;
				}
				set(d.name, name);
				cf.from_base = 1;
				continue;
			}
			seen_key = 1;
			eth_set |= str_eq_ci(key, "ethnicity_codes");
			if ((rc = set_key(&d, &cf, key, value, line, e)) < 0)
				goto done;
		}
	}
	if (!found && counts) {
		rc = err_set(e, ERR_USAGE, "%s has no '[dataset %s]' section; add one (or give "
			     "--dataset with the name of a section)", file, name);
		goto done;
	}
	if (!found) {
		if ((rc = dataset_preset(name, out, e)) < 0) {
			err_clear(e);
			rc = err_set(e, ERR_USAGE, "dataset '%s' is neither a preset nor defined "
				     "in %s; add a '[dataset %s]' section", name, file, name);
		}
		goto done;
	}
	if (!d.id_column[0] && d.rows != DS_ROWS_EVENTS && !counts) {
		if (cf.id_line)
			rc = err_set(e, ERR_DATA, "%s:%d: 'id = none' needs 'rows = events' (a "
				     "file of events, where a person may have several rows); a file "
				     "of people needs the person id column", file, cf.id_line);
		else
			rc = err_set(e, ERR_DATA, "%s: dataset '%s' has no 'id = COLUMN' line", file,
				     name);
		goto done;
	}
	if (counts && !eth_set)
		d.eth_system = ETH_AUTO; /* count tables mix systems unless told */
	if ((rc = check_maps(&d, &cf, e)) < 0)
		goto done;
	if (d.n_outcomes == 0 && !counts) {
		rc = err_set(e, ERR_DATA, "%s: dataset '%s' has no outcomes; add lines like "
			     "'outcome appointed = appointed_flag'", file, name);
		goto done;
	}
	if ((rc = dataset_check_groups(&d, file, e)) < 0)
		goto done;
	*out = d;
done:
	free(copy);
	return rc;
}

int dataset_from_config_text(const char *text, const char *file, const char *name,
			     struct dataset *out, struct err *e)
{
	return config_text(text, file, name, 0, out, e);
}

int dataset_counts_config_text(const char *text, const char *file, const char *name,
			       struct dataset *out, struct err *e)
{
	return config_text(text, file, name, 1, out, e);
}

static int config_file(const char *path, const char *name, int counts, struct dataset *out,
		       struct err *e)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	int rc;

	if (!f)
		return err_set(e, ERR_IO, "cannot open config %s: check the path", path);
	b.max = 1 << 20;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	if (b.failed) {
		buf_free(&b);
		return err_set(e, ERR_DATA, "%s: config file larger than 1 MiB", path);
	}
	if (memchr(buf_str(&b), '\0', b.len)) {
		buf_free(&b);
		return err_set(e, ERR_DATA, "%s: not a text file", path);
	}
	rc = config_text(buf_str(&b), path, name, counts, out, e);
	buf_free(&b);
	return rc;
}

int dataset_from_config(const char *path, const char *name, struct dataset *out,
			struct err *e)
{
	return config_file(path, name, 0, out, e);
}

int dataset_counts_config(const char *path, const char *name, struct dataset *out,
			  struct err *e)
{
	return config_file(path, name, 1, out, e);
}
