/*
 * network/mentor.c: mentoring's model — the fixed list of areas, mentors'
 * and mentees' profiles (only with mentoring consent held), the score of
 * a match explained in words, and the allocation of mentees to mentors
 * that maximises the total score within mentors' capacities (a 0-1
 * integer program solved by GLPK, as the disclosure audit uses it).
 * docs/network.md, "Mentoring", says the rules in plain English.
 */
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "mail/mail.h"
#include "network/mentor.h"

const struct mentor_area mentor_areas[MENTOR_N_AREAS] = {
	{"promotion", "Applying for promotion"},
	{"assessment-centre", "Assessment centres"},
	{"interview-skills", "Interview skills"},
	{"first-management-post", "A first management post"},
	{"returning-from-leave", "Returning from leave"},
	{"career-change", "Changing career or role"},
	{"confidence", "Confidence at work"},
	{"networking", "Building a network"},
};

int mentor_areas_parse(const char *s, unsigned *mask, struct err *e)
{
	char item[64];
	size_t k;
	int i;
	*mask = 0;
	while (s && *s) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n >= sizeof item)
			n = sizeof item - 1;
		memcpy(item, s, n);
		item[n] = 0;
		if (n) {
			for (i = 0; i < MENTOR_N_AREAS; i++)
				if (str_eq_ci(item, mentor_areas[i].key))
					break;
			if (i == MENTOR_N_AREAS) {
				struct buf b = BUF_INIT;
				for (k = 0; k < MENTOR_N_AREAS; k++)
					buf_printf(&b, "%s%s", k ? ", " : "", mentor_areas[k].key);
				err_set(e, ERR_USAGE, "--areas: '%s' is not an area of mentoring; the "
					"areas are %s", item, buf_str(&b));
				buf_free(&b);
				return ERR_USAGE;
			}
			*mask |= 1u << i;
		}
		s = comma ? comma + 1 : s + strlen(s);
	}
	if (!*mask)
		return err_set(e, ERR_USAGE, "--areas: give at least one area, such as "
			       "--areas promotion,interview-skills (see 'parity help mentor offer')");
	return 0;
}

void mentor_areas_text(unsigned mask, int words, struct buf *b)
{
	int i, n = 0;
	for (i = 0; i < MENTOR_N_AREAS; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (words) {
			const char *w = mentor_areas[i].words;
			buf_puts(b, n++ ? ", " : "");
			/* "Assessment centres" reads "assessment centres" in a list */
			buf_putc(b, (char)(w[0] >= 'A' && w[0] <= 'Z' ? w[0] - 'A' + 'a' : w[0]));
			buf_puts(b, w + 1);
		} else {
			buf_puts(b, n++ ? "," : "");
			buf_puts(b, mentor_areas[i].key);
		}
	}
}

int mentor_areas_count(unsigned mask)
{
	int n = 0;
	for (; mask; mask &= mask - 1)
		n++;
	return n;
}

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* ---- profiles ------------------------------------------------------------*/

int mentor_profile_set(store_t *db, const struct mentor_profile_new *p, const char *who,
		       int *created, const char **field, struct err *e)
{
	char now[21], lm[256] = "", status[16] = "";
	int64_t id = 0, have = 0;
	store_stmt_t *st;
	int rc;
	if (field)
		*field = "email";
	if ((rc = net_member_by_email(db, p->email, &id, e)) < 0)
		return rc;
	if ((rc = store_prepare(db, &st, e, "SELECT status FROM net_member WHERE id = ?", "i", id)) < 0)
		return rc;
	if ((rc = store_step(st, e)) == 1)
		snprintf(status, sizeof status, "%s", store_col_text(st, 0));
	store_done(st);
	if (rc < 0)
		return rc;
	if (strcmp(status, "active"))
		return err_set(e, ERR_DATA, "%s is not an active member (status %s); only active "
			       "members are mentors or mentees", p->email, status);
	if ((rc = net_consent_held(db, id, "mentoring", e)) < 0)
		return rc;
	if (!rc)
		return err_set(e, ERR_DATA, "%s has not agreed to mentoring; record their consent "
			       "first: parity consent give %s mentoring --how paper|email|web",
			       p->email, p->email);
	if (p->line_manager && *p->line_manager) {
		if (field)
			*field = "line-manager";
		if (strlen(p->line_manager) >= sizeof lm || mail_address_ok(p->line_manager, NULL) < 0)
			return err_set(e, ERR_DATA, "the line manager '%s' is not an email address",
				       p->line_manager);
		snprintf(lm, sizeof lm, "%s", p->line_manager);
		lower(lm);
		if (str_eq_ci(lm, p->email))
			return err_set(e, ERR_DATA, "a member is not their own line manager; give "
				       "their line manager's email");
	}
	if (field)
		*field = NULL;
	date_now_iso(now);
	{
		struct buf areas = BUF_INIT;
		mentor_areas_text(p->areas, 0, &areas);
		rc = store_query_int(db, &have, e, "SELECT COUNT(*) FROM net_mentor_profile WHERE "
				     "member_id = ? AND role = ?", "it", id, p->role);
		if (rc >= 0 && have)
			rc = store_exec(db, e, "UPDATE net_mentor_profile SET areas = ?, remote = ?, "
					"capacity = ?, line_manager = ?, updated_at = ?, updated_by = ? "
					"WHERE member_id = ? AND role = ?", "tiitttit",
					buf_str(&areas), (int64_t)p->remote,
					(int64_t)(strcmp(p->role, "mentor") ? 0 : p->capacity),
					*lm ? lm : NULL, now, who, id, p->role);
		else if (rc >= 0)
			rc = store_exec(db, e, "INSERT INTO net_mentor_profile (member_id, role, areas, "
					"remote, capacity, line_manager, created_at, updated_at, updated_by) "
					"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "ittiitttt",
					id, p->role, buf_str(&areas), (int64_t)p->remote,
					(int64_t)(strcmp(p->role, "mentor") ? 0 : p->capacity),
					*lm ? lm : NULL, now, now, who);
		buf_free(&areas);
	}
	if (rc < 0)
		return rc;
	if (created)
		*created = !have;
	return 0;
}

int mentor_profile_withdraw(store_t *db, int64_t member_id, const char *role, struct err *e)
{
	int rc = store_exec(db, e, "DELETE FROM net_mentor_profile WHERE member_id = ? AND role = ?",
			    "it", member_id, role);
	if (rc < 0)
		return rc;
	if (!store_changes(db))
		return err_set(e, ERR_DATA, "the member has no %s profile; nothing to withdraw "
			       "(see 'parity mentor profiles')", role);
	return 0;
}

/* ---- scoring -------------------------------------------------------------*/

void mentor_score(const struct mentor_person *mentee, const struct mentor_person *mentor,
		  int paired, struct mentor_match *out)
{
	struct buf b = BUF_INIT;
	unsigned common = mentee->areas & mentor->areas;
	int n = mentor_areas_count(common), pts;
	memset(out, 0, sizeof *out);
	out->excluded = 1;
	if (mentee->member_id == mentor->member_id) {
		buf_puts(&b, "not suggested: the same person");
	} else if (!mentee->consent || !mentor->consent) {
		buf_printf(&b, "not suggested: %s has withdrawn consent to mentoring",
			   !mentee->consent ? "the mentee" : "the mentor");
	} else if (*mentee->line_manager && str_eq_ci(mentee->line_manager, mentor->email)) {
		buf_puts(&b, "not suggested: the mentor is the mentee's line manager");
	} else if (*mentor->line_manager && str_eq_ci(mentor->line_manager, mentee->email)) {
		buf_puts(&b, "not suggested: the mentee is the mentor's line manager");
	} else if (*mentee->line_manager && str_eq_ci(mentee->line_manager, mentor->line_manager)) {
		buf_puts(&b, "not suggested: they have the same line manager");
	} else if (paired) {
		buf_puts(&b, "not suggested: already paired");
	} else if (mentor->load >= mentor->capacity) {
		buf_printf(&b, "not suggested: the mentor is full (%d of %d places taken)",
			   mentor->load, mentor->capacity);
	} else if (!n) {
		buf_puts(&b, "not suggested: no area in common (the mentee seeks ");
		mentor_areas_text(mentee->areas, 1, &b);
		buf_puts(&b, "; the mentor offers ");
		mentor_areas_text(mentor->areas, 1, &b);
		buf_putc(&b, ')');
	} else {
		out->excluded = 0;
		pts = n * MENTOR_PTS_AREA;
		out->score = pts;
		buf_printf(&b, "%d area%s in common (", n, n == 1 ? "" : "s");
		mentor_areas_text(common, 1, &b);
		buf_printf(&b, "): +%d; ", pts);
		if (*mentee->region && str_eq_ci(mentee->region, mentor->region)) {
			out->score += MENTOR_PTS_REGION;
			buf_printf(&b, "same region (%s): +%d; ", mentee->region, MENTOR_PTS_REGION);
		} else if (mentee->remote && mentor->remote) {
			out->score += MENTOR_PTS_REMOTE;
			buf_printf(&b, "different regions, both willing to meet remotely: +%d; ",
				   MENTOR_PTS_REMOTE);
		} else {
			buf_printf(&b, "different regions (%s, %s) and not both willing to meet "
				   "remotely: +0; ", mentee->region, mentor->region);
		}
		if (!mentor->load) {
			out->score += MENTOR_PTS_UNLOADED;
			buf_printf(&b, "the mentor has no mentees now (%d place%s): +%d", mentor->capacity,
				   mentor->capacity == 1 ? "" : "s", MENTOR_PTS_UNLOADED);
		} else {
			out->score += MENTOR_PTS_ROOM;
			buf_printf(&b, "the mentor has %d of %d places taken: +%d", mentor->load,
				   mentor->capacity, MENTOR_PTS_ROOM);
		}
		buf_printf(&b, "; score %d", out->score);
	}
	snprintf(out->why, sizeof out->why, "%s", buf_str(&b));
	buf_free(&b);
}

/* ---- the pool and the allocation -----------------------------------------*/

static int load_people(store_t *db, const char *role, struct mentor_person **out, size_t *n,
		       struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	rc = store_prepare(db, &st, e,
			   "SELECT m.id, m.email, COALESCE(m.name, ''), COALESCE(r.name, ''), "
			   "COALESCE(p.line_manager, ''), p.areas, p.remote, p.capacity, "
			   "(SELECT COUNT(*) FROM net_consent c WHERE c.member_id = m.id AND "
			   " c.purpose = 'mentoring' AND c.withdrawn_at IS NULL), "
			   "(SELECT COUNT(*) FROM net_mentor_pair q WHERE q.mentor_id = m.id AND "
			   " q.status = 'agreed'), "
			   "(SELECT MAX(q.id) FROM net_mentor_pair q WHERE q.mentee_id = m.id AND "
			   " q.status = 'agreed') "
			   "FROM net_mentor_profile p JOIN net_member m ON m.id = p.member_id "
			   "LEFT JOIN net_region r ON r.id = m.region_id "
			   "WHERE p.role = ? AND m.status = 'active' ORDER BY m.email", "t", role);
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		struct mentor_person *x;
		if (*n == cap)
			*out = xrealloc(*out, (cap = cap ? cap * 2 : 16) * sizeof **out);
		x = &(*out)[(*n)++];
		memset(x, 0, sizeof *x);
		x->member_id = store_col_int(st, 0);
		snprintf(x->email, sizeof x->email, "%s", store_col_text(st, 1));
		snprintf(x->name, sizeof x->name, "%s", store_col_text(st, 2));
		snprintf(x->region, sizeof x->region, "%s", store_col_text(st, 3));
		snprintf(x->line_manager, sizeof x->line_manager, "%s", store_col_text(st, 4));
		mentor_areas_parse(store_col_text(st, 5), &x->areas, NULL);
		x->remote = (int)store_col_int(st, 6);
		x->capacity = (int)store_col_int(st, 7);
		x->consent = store_col_int(st, 8) > 0;
		x->load = (int)store_col_int(st, 9);
		x->pair_id = store_col_int(st, 10);
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

int mentor_pool_find(const struct mentor_person *a, size_t n, int64_t member_id)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (a[i].member_id == member_id)
			return (int)i;
	return -1;
}

int mentor_pool_load(store_t *db, struct mentor_pool *p, struct err *e)
{
	size_t i, j;
	int rc;
	memset(p, 0, sizeof *p);
	if ((rc = load_people(db, "mentee", &p->mentees, &p->n_mentees, e)) < 0 ||
	    (rc = load_people(db, "mentor", &p->mentors, &p->n_mentors, e)) < 0) {
		mentor_pool_free(p);
		return rc;
	}
	p->m = xcalloc(p->n_mentees * p->n_mentors + 1, sizeof *p->m);
	p->alloc = xcalloc(p->n_mentees + 1, sizeof *p->alloc);
	for (i = 0; i < p->n_mentees; i++) {
		for (j = 0; j < p->n_mentors; j++) {
			int64_t paired = 0;
			rc = store_query_int(db, &paired, e,
					     "SELECT COUNT(*) FROM net_mentor_pair WHERE mentee_id = ? "
					     "AND mentor_id = ? AND status = 'agreed'", "ii",
					     p->mentees[i].member_id, p->mentors[j].member_id);
			if (rc < 0) {
				mentor_pool_free(p);
				return rc;
			}
			mentor_score(&p->mentees[i], &p->mentors[j], paired > 0,
				     &p->m[i * p->n_mentors + j]);
		}
	}
	if ((rc = mentor_allocate(p, e)) < 0)
		mentor_pool_free(p);
	return rc;
}

int mentor_allocate(struct mentor_pool *p, struct err *e)
{
	size_t i, j, n_cols = 0, nz = 0, k;
	int *col_i, *col_j, *ia, *ja, term, rc = 0;
	double *ar;
	glp_prob *lp;
	glp_iocp parm;
	for (i = 0; i < p->n_mentees; i++)
		p->alloc[i] = -1;
	p->total = 0;
	for (i = 0; i < p->n_mentees; i++)
		for (j = 0; j < p->n_mentors; j++)
			if (!p->mentees[i].pair_id && !p->m[i * p->n_mentors + j].excluded)
				n_cols++;
	if (!n_cols)
		return 0;
	col_i = xcalloc(n_cols + 1, sizeof *col_i);
	col_j = xcalloc(n_cols + 1, sizeof *col_j);
	ia = xcalloc(2 * n_cols + 1, sizeof *ia);
	ja = xcalloc(2 * n_cols + 1, sizeof *ja);
	ar = xcalloc(2 * n_cols + 1, sizeof *ar);
	term = glp_term_out(GLP_OFF);
	lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MAX);
	/* rows 1..n_mentees: each mentee at most one mentor; then one row per
	 * mentor: at most their free places */
	glp_add_rows(lp, (int)(p->n_mentees + p->n_mentors));
	for (i = 0; i < p->n_mentees; i++)
		glp_set_row_bnds(lp, (int)i + 1, GLP_UP, 0.0, 1.0);
	for (j = 0; j < p->n_mentors; j++) {
		int free_places = p->mentors[j].capacity - p->mentors[j].load;
		glp_set_row_bnds(lp, (int)(p->n_mentees + j) + 1, GLP_UP, 0.0,
				 free_places > 0 ? free_places : 0);
	}
	glp_add_cols(lp, (int)n_cols);
	k = 0;
	for (i = 0; i < p->n_mentees; i++) {
		for (j = 0; j < p->n_mentors; j++) {
			const struct mentor_match *m = &p->m[i * p->n_mentors + j];
			int c;
			if (p->mentees[i].pair_id || m->excluded)
				continue;
			c = (int)++k;
			col_i[c] = (int)i;
			col_j[c] = (int)j;
			glp_set_col_kind(lp, c, GLP_BV);
			glp_set_obj_coef(lp, c, m->score);
			ia[++nz] = (int)i + 1;
			ja[nz] = c;
			ar[nz] = 1.0;
			ia[++nz] = (int)(p->n_mentees + j) + 1;
			ja[nz] = c;
			ar[nz] = 1.0;
		}
	}
	glp_load_matrix(lp, (int)nz, ia, ja, ar);
	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_ON;
	rc = glp_intopt(lp, &parm);
	if (rc != 0 || (glp_mip_status(lp) != GLP_OPT && glp_mip_status(lp) != GLP_FEAS)) {
		rc = err_set(e, ERR_INTERNAL, "the mentoring allocation's integer program failed "
			     "(GLPK code %d, status %d)", rc, glp_mip_status(lp));
	} else {
		for (k = 1; k <= n_cols; k++) {
			if (glp_mip_col_val(lp, (int)k) > 0.5) {
				p->alloc[col_i[k]] = col_j[k];
				p->total += p->m[(size_t)col_i[k] * p->n_mentors + (size_t)col_j[k]].score;
			}
		}
		rc = 0;
	}
	glp_delete_prob(lp);
	glp_term_out(term);
	/* GLPK keeps an environment per thread; a web server's worker would
	 * keep its own until it ends (as publish/audit.c says): free it. */
	glp_free_env();
	free(col_i);
	free(col_j);
	free(ia);
	free(ja);
	free(ar);
	return rc;
}

void mentor_pool_free(struct mentor_pool *p)
{
	free(p->mentees);
	free(p->mentors);
	free(p->m);
	free(p->alloc);
	memset(p, 0, sizeof *p);
}
