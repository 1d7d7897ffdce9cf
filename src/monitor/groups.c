/*
 * groups: the groups a dataset defines for itself in its config file, and
 * the reference it chooses per characteristic.
 *
 *     group ethnicity BME = Mixed, Asian, Black, Other
 *     group ethnicity White British = W1
 *     reference ethnicity = rest
 *
 * A member is one of the characteristic's own groups (for ethnicity the
 * five high-level groups), or one category by its code or label; every
 * category a member names is counted in the defined group instead of its
 * usual one, and the categories no member names keep theirs. So "BME
 * against White" and "White British against everyone else" are one line
 * each. Published tables that print merged groups ("BME", "BAME") can be
 * read once such a group is defined.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "monitor/codebook.h"
#include "monitor/dataset.h"

/* The ethnicity systems whose categories a member may name. */
static const enum eth_system systems[] = {ETH_CJ18, ETH_CJ16, ETH_ONS2011, ETH_ONS2021,
					  ETH_USOMB};

static int member_names(const char *m, enum mon_char c, const struct mon_category *cat)
{
	if (cat->kind != MK_RECORDED)
		return 0;
	if (str_eq_ci(m, cat->code) || str_eq_ci(m, cat->label))
		return 1;
	if (c == MC_ETHNICITY)
		return (cat->group && str_eq_ci(m, cat->group)) ||
		       (cat->group_label && str_eq_ci(m, cat->group_label));
	return 0;
}

const char *dataset_group_of(const struct dataset *d, int ch, const struct mon_category *cat)
{
	enum mon_char c = (enum mon_char)ch;
	if (!d || !cat || cat->kind != MK_RECORDED)
		return NULL;
	for (int i = 0; i < d->n_groups; i++) {
		const struct ds_group *g = &d->groups[i];
		if (g->ch != (int)c)
			continue;
		for (int k = 0; k < g->n_members; k++)
			if (member_names(g->members[k], c, cat))
				return g->name;
	}
	return NULL;
}

/* 1 when some recorded category of c (in any ethnicity system) is named
 * by m. */
static int member_known(enum mon_char c, const char *m)
{
	size_t ns = c == MC_ETHNICITY ? sizeof systems / sizeof *systems : 1;
	for (size_t s = 0; s < ns; s++)
		for (size_t i = 0; i < mon_category_count(c, systems[s]); i++)
			if (member_names(m, c, mon_category_at(c, systems[s], i)))
				return 1;
	return 0;
}

int dataset_group_line(struct dataset *d, const char *rest, const char *value,
		       const char *file, int line, struct err *e)
{
	char buf[256], list[1024], *sp, *name, *p, *comma;
	struct ds_group *g;
	enum mon_char c;

	snprintf(buf, sizeof buf, "%s", rest);
	str_trim(buf);
	sp = strpbrk(buf, " \t");
	if (!sp)
		return err_set(e, ERR_DATA,
			       "%s:%d: write 'group CHARACTERISTIC NAME = MEMBER, MEMBER ...', "
			       "e.g. 'group ethnicity BME = Mixed, Asian, Black, Other'",
			       file, line);
	*sp = '\0';
	name = str_trim(sp + 1);
	if (mon_char_from_name(buf, &c) < 0)
		return err_set(e, ERR_DATA,
			       "%s:%d: '%s' is not a characteristic (ethnicity, sex, age, "
			       "disability, religion, sexual_orientation, gender_reassignment, "
			       "marital_status, pregnancy_maternity)",
			       file, line, buf);
	if (!*name || strlen(name) >= DS_GROUP_NAME_MAX)
		return err_set(e, ERR_DATA, "%s:%d: the group needs a name of at most %d bytes",
			       file, line, DS_GROUP_NAME_MAX - 1);
	if (str_eq_ci(name, "Not stated") || str_eq_ci(name, "Missing") ||
	    str_eq_ci(name, "All"))
		return err_set(e, ERR_DATA, "%s:%d: '%s' is a name parity keeps for itself; "
			       "choose another", file, line, name);
	for (int i = 0; i < d->n_groups; i++)
		if (d->groups[i].ch == (int)c && str_eq_ci(d->groups[i].name, name))
			return err_set(e, ERR_DATA, "%s:%d: group '%s' of %s is defined twice",
				       file, line, name, mon_char_name(c));
	if (d->n_groups >= DS_MAX_GROUPS)
		return err_set(e, ERR_DATA, "%s:%d: at most %d groups can be defined", file, line,
			       DS_MAX_GROUPS);
	g = &d->groups[d->n_groups];
	memset(g, 0, sizeof *g);
	g->ch = (int)c;
	snprintf(g->name, sizeof g->name, "%s", name);
	snprintf(list, sizeof list, "%s", value);
	for (p = list; p; p = comma) {
		char *m;
		comma = strchr(p, ',');
		if (comma)
			*comma++ = '\0';
		m = str_trim(p);
		if (!*m)
			return err_set(e, ERR_DATA, "%s:%d: an empty member in group '%s'; list "
				       "groups, codes or labels separated by commas",
				       file, line, name);
		if (g->n_members >= DS_MAX_MEMBERS || strlen(m) >= DS_MEMBER_MAX)
			return err_set(e, ERR_DATA, "%s:%d: group '%s' has too many or too long "
				       "members (at most %d of %d bytes)",
				       file, line, name, DS_MAX_MEMBERS, DS_MEMBER_MAX - 1);
		if (!member_known(c, m))
			return err_set(e, ERR_DATA,
				       "%s:%d: '%s' in group '%s' is not a group, code or "
				       "category parity knows for %s%s",
				       file, line, m, name, mon_char_name(c),
				       c == MC_ETHNICITY ? " (for example Black, W1 or Indian)" : "");
		snprintf(g->members[g->n_members++], DS_MEMBER_MAX, "%s", m);
	}
	d->n_groups++;
	return 0;
}

int dataset_reference_line(struct dataset *d, const char *rest, const char *value,
			   const char *file, int line, struct err *e)
{
	char buf[128];
	enum mon_char c;

	snprintf(buf, sizeof buf, "%s", rest);
	str_trim(buf);
	if (mon_char_from_name(buf, &c) < 0 || (int)c >= DS_MAX_CHARS)
		return err_set(e, ERR_DATA,
			       "%s:%d: write 'reference CHARACTERISTIC = GROUP' (or default, "
			       "highest, rest, overall); '%s' is not a characteristic",
			       file, line, buf);
	if (!*value || strlen(value) >= DS_GROUP_NAME_MAX)
		return err_set(e, ERR_DATA, "%s:%d: 'reference %s' needs a group, or default, "
			       "highest, rest or overall",
			       file, line, buf);
	snprintf(d->reference[c], sizeof d->reference[c], "%s", value);
	return 0;
}

int dataset_check_groups(const struct dataset *d, const char *file, struct err *e)
{
	/* a category claimed by two groups would be counted twice */
	for (int c = 0; c < MC_COUNT; c++) {
		size_t ns = c == MC_ETHNICITY ? sizeof systems / sizeof *systems : 1;
		for (size_t s = 0; s < ns; s++)
			for (size_t i = 0; i < mon_category_count((enum mon_char)c, systems[s]);
			     i++) {
				const struct mon_category *cat =
					mon_category_at((enum mon_char)c, systems[s], i);
				const char *first = NULL;
				for (int k = 0; k < d->n_groups; k++) {
					const struct ds_group *g = &d->groups[k];
					int hit = 0;
					if (g->ch != c)
						continue;
					for (int m = 0; m < g->n_members && !hit; m++)
						hit = member_names(g->members[m], (enum mon_char)c,
								   cat);
					if (!hit)
						continue;
					if (first)
						return err_set(e, ERR_DATA,
							       "%s: %s '%s' (%s) is in both group "
							       "'%s' and group '%s'; a category can "
							       "be in one group only",
							       file, mon_char_name((enum mon_char)c),
							       cat->code, cat->label, first, g->name);
					first = g->name;
				}
			}
	}
	return 0;
}
