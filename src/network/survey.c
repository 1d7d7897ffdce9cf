/*
 * network/survey.c: surveys and their questions — making, loading,
 * opening and closing them (network/survey.h). Responses are in
 * survey_respond.c, results in survey_results.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "network/survey.h"

static const char *const kinds[3] = {"consultation", "staff-survey", "exit-interview"};
static const char *const kind_words[3] = {"Consultation", "Staff survey", "Exit interview"};
static const char *const qtypes[4] = {"single", "multiple", "scale", "text"};

int survey_kind_ok(const char *kind)
{
	int i;
	for (i = 0; kind && i < 3; i++)
		if (!strcmp(kind, kinds[i]))
			return 1;
	return 0;
}

const char *survey_kind_words(const char *kind)
{
	int i;
	for (i = 0; kind && i < 3; i++)
		if (!strcmp(kind, kinds[i]))
			return kind_words[i];
	return kind ? kind : "";
}

const char *survey_qtype_name(enum survey_qtype t)
{
	return (unsigned)t < 4 ? qtypes[t] : "?";
}

int survey_qtype_parse(const char *s, enum survey_qtype *t, struct err *e)
{
	int i;
	for (i = 0; s && i < 4; i++)
		if (!strcmp(s, qtypes[i])) {
			*t = (enum survey_qtype)i;
			return 0;
		}
	return err_set(e, ERR_USAGE, "--type: '%s' is not a type of question; use single, multiple, "
		       "scale or text", s ? s : "");
}

int survey_char_ok(const char *name, const char **column, struct err *e)
{
	const char *const *groups;
	size_t n, nr;
	if (!name || !*name || monitor_groups_of(name, &groups, &n, &nr, column, e) < 0) {
		err_clear(e);
		return err_set(e, ERR_USAGE, "'%s' is not a protected characteristic a survey can ask; "
			       "use ethnicity, sex, age, disability, religion, sexual_orientation, "
			       "gender_reassignment or marital_status", name ? name : "");
	}
	return 0;
}

int survey_char_options(const char *characteristic, const char *const **groups, size_t *n,
			struct err *e)
{
	const char *column;
	size_t all;
	int rc = monitor_groups_of(characteristic, groups, &all, n, &column, e);
	return rc < 0 ? rc : 0;
}

/* Trimmed copy of s into out (n bytes): ERR_USAGE naming what when empty
 * or longer than max characters. */
static int text_field(const char *s, const char *what, size_t max, char *out, size_t n,
		      struct err *e)
{
	char *t = str_trim_dup(s ? s : "");
	int cut = 0;
	if (!*t) {
		free(t);
		return err_set(e, ERR_USAGE, "%s is empty; give some words", what);
	}
	str_utf8_prefix(t, max, &cut);
	if (strlen(t) >= n || cut) {
		free(t);
		return err_set(e, ERR_USAGE, "%s is longer than %zu characters; shorten it", what,
			       max);
	}
	snprintf(out, n, "%s", t);
	free(t);
	return 0;
}

int survey_create(store_t *db, const struct survey_new *n, const char *who, int64_t *id,
		  struct err *e)
{
	char title[SURVEY_TITLE_MAX], opens[11] = "", closes[11] = "", now[21];
	struct buf asks = BUF_INIT;
	const char *access = n->access ? n->access : "public";
	int rc = 0, k = 0;
	if ((rc = text_field(n->title, "the title", 150, title, sizeof title, e)) < 0)
		return rc;
	if (!survey_kind_ok(n->kind))
		return err_set(e, ERR_USAGE, "--kind: '%s' is not a kind of survey; use consultation, "
			       "staff-survey or exit-interview", n->kind ? n->kind : "");
	if (strcmp(access, "public") && strcmp(access, "members"))
		return err_set(e, ERR_USAGE, "--access: '%s' is not an access; use public (a link "
			       "anyone can open) or members (a personal link mailed to each member)",
			       access);
	if (!n->anonymous && !strcmp(access, "public"))
		return err_set(e, ERR_DATA, "a named survey needs --access members (a public link "
			       "knows nobody); or make it --anonymous");
	if (n->ask && *n->ask) {
		char *list = str_trim_dup(n->ask), *p, *save = NULL;
		const char *seen[SURVEY_MAX_ASK];
		for (p = strtok_r(list, ",", &save); p && rc >= 0; p = strtok_r(NULL, ",", &save)) {
			const char *col;
			int j;
			p = str_trim(p);
			if ((rc = survey_char_ok(p, &col, e)) < 0)
				break;
			for (j = 0; j < k; j++)
				if (!strcmp(seen[j], col))
					rc = err_set(e, ERR_USAGE, "--ask: %s is asked twice", col);
			if (rc >= 0 && k >= SURVEY_MAX_ASK)
				rc = err_set(e, ERR_USAGE, "--ask: at most %d characteristics",
					     SURVEY_MAX_ASK);
			if (rc < 0 || k >= SURVEY_MAX_ASK)
				break;
			seen[k++] = col;
			buf_printf(&asks, "%s%s", k > 1 ? "," : "", col);
		}
		free(list);
		if (rc < 0) {
			if (strncmp(e->msg, "--ask", 5))
				err_prefix(e, "--ask");
			buf_free(&asks);
			return ERR_USAGE;
		}
	}
	if (n->opens) {
		struct date d;
		if (date_parse_user(n->opens, "--opens", &d, e) < 0)
			goto usage;
		date_format(d, opens);
	}
	if (n->closes) {
		struct date d;
		if (date_parse_user(n->closes, "--closes", &d, e) < 0)
			goto usage;
		date_format(d, closes);
	}
	if (*opens && *closes && strcmp(closes, opens) < 0) {
		err_set(e, ERR_USAGE, "--closes (%s) is before --opens (%s)", closes, opens);
		goto usage;
	}
	date_now_iso(now);
	rc = store_exec(db, e,
			"INSERT INTO net_survey (title, kind, anonymous, access, status, opens, closes, "
			"asks, created_by, created_at) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)",
			"ttittttt" "t", title, n->kind, (int64_t)(n->anonymous != 0), access,
			*opens ? opens : NULL, *closes ? closes : NULL, buf_str(&asks), who, now);
	if (rc >= 0)
		*id = store_last_id(db);
	buf_free(&asks);
	return rc < 0 ? rc : 0;
usage:
	buf_free(&asks);
	return ERR_USAGE;
}

void survey_free(struct survey *s)
{
	if (!s)
		return;
	free(s->questions);
	free(s);
}

static int load_questions(store_t *db, struct survey *s, struct err *e)
{
	store_stmt_t *st;
	int rc, i;
	s->questions = calloc(SURVEY_MAX_QUESTIONS, sizeof *s->questions);
	if (!s->questions)
		return err_set(e, ERR_INTERNAL, "out of memory");
	rc = store_prepare(db, &st, e,
			   "SELECT id, number, type, text, required, scale_lo, scale_hi, lo_label, "
			   "hi_label FROM net_survey_question WHERE survey_id = ? ORDER BY number",
			   "i", s->id);
	while (rc >= 0 && (rc = store_step(st, e)) == 1 && s->n_questions < SURVEY_MAX_QUESTIONS) {
		struct survey_question *q = &s->questions[s->n_questions++];
		q->id = store_col_int(st, 0);
		q->number = (int)store_col_int(st, 1);
		survey_qtype_parse(store_col_text(st, 2), &q->type, e);
		snprintf(q->text, sizeof q->text, "%s", store_col_text(st, 3));
		q->required = (int)store_col_int(st, 4);
		q->scale_lo = (int)store_col_int(st, 5);
		q->scale_hi = (int)store_col_int(st, 6);
		snprintf(q->lo_label, sizeof q->lo_label, "%s", store_col_text(st, 7));
		snprintf(q->hi_label, sizeof q->hi_label, "%s", store_col_text(st, 8));
	}
	store_done(st);
	for (i = 0; rc >= 0 && i < s->n_questions; i++) {
		struct survey_question *q = &s->questions[i];
		rc = store_prepare(db, &st, e,
				   "SELECT text FROM net_survey_choice WHERE question_id = ? "
				   "ORDER BY number", "i", q->id);
		while (rc >= 0 && (rc = store_step(st, e)) == 1 && q->n_choices < SURVEY_MAX_CHOICES)
			snprintf(q->choices[q->n_choices++], SURVEY_CHOICE_MAX, "%s",
				 store_col_text(st, 0));
		store_done(st);
	}
	return rc < 0 ? rc : 0;
}

int survey_load_new(store_t *db, int64_t id, struct survey **out, struct err *e)
{
	struct survey *s = calloc(1, sizeof *s);
	store_stmt_t *st;
	int rc;
	*out = NULL;
	if (!s)
		return err_set(e, ERR_INTERNAL, "out of memory");
	s->id = id;
	rc = store_prepare(db, &st, e,
			   "SELECT title, kind, anonymous, access, status, COALESCE(opens, ''), "
			   "COALESCE(closes, ''), COALESCE(public_token, ''), created_by, created_at, asks, "
			   "(SELECT COUNT(*) FROM net_survey_response r WHERE r.survey_id = s.id), "
			   "(SELECT COUNT(*) FROM net_survey_token t WHERE t.survey_id = s.id), "
			   "(SELECT COUNT(*) FROM net_survey_token t WHERE t.survey_id = s.id "
			   " AND t.used = 1) FROM net_survey s WHERE id = ?", "i", id);
	if (rc >= 0 && (rc = store_step(st, e)) == 1) {
		char asks[SURVEY_MAX_ASK * 32 + 8], *p, *save = NULL;
		snprintf(s->title, sizeof s->title, "%s", store_col_text(st, 0));
		snprintf(s->kind, sizeof s->kind, "%s", store_col_text(st, 1));
		s->anonymous = (int)store_col_int(st, 2);
		snprintf(s->access, sizeof s->access, "%s", store_col_text(st, 3));
		snprintf(s->status, sizeof s->status, "%s", store_col_text(st, 4));
		snprintf(s->opens, sizeof s->opens, "%s", store_col_text(st, 5));
		snprintf(s->closes, sizeof s->closes, "%s", store_col_text(st, 6));
		snprintf(s->public_token, sizeof s->public_token, "%s", store_col_text(st, 7));
		snprintf(s->created_by, sizeof s->created_by, "%s", store_col_text(st, 8));
		snprintf(s->created_at, sizeof s->created_at, "%s", store_col_text(st, 9));
		snprintf(asks, sizeof asks, "%s", store_col_text(st, 10));
		for (p = strtok_r(asks, ",", &save); p && s->n_asks < SURVEY_MAX_ASK;
		     p = strtok_r(NULL, ",", &save))
			snprintf(s->asks[s->n_asks++], sizeof s->asks[0], "%s", p);
		s->n_responses = store_col_int(st, 11);
		s->n_invited = store_col_int(st, 12);
		s->n_used = store_col_int(st, 13);
	} else if (rc == 0) {
		rc = err_set(e, ERR_NOTFOUND, "no survey %lld (see 'parity survey list')",
			     (long long)id);
	}
	store_done(st);
	if (rc >= 0)
		rc = load_questions(db, s, e);
	if (rc < 0) {
		survey_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int survey_by_public_token(store_t *db, const char *token, int64_t *id, struct err *e)
{
	int rc;
	*id = 0;
	if (!token || strlen(token) != NET_TOKEN_HEX)
		return 0;
	rc = store_query_int(db, id, e,
			     "SELECT id FROM net_survey WHERE public_token = ? AND access = 'public'",
			     "t", token);
	if (rc < 0)
		return rc;
	return *id ? 1 : 0;
}

int survey_list_ids(store_t *db, int64_t **ids, size_t *n, struct err *e)
{
	store_stmt_t *st;
	size_t cap = 0;
	int rc;
	*ids = NULL;
	*n = 0;
	rc = store_prepare(db, &st, e, "SELECT id FROM net_survey ORDER BY id DESC", "");
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		if (*n == cap) {
			int64_t *x = realloc(*ids, (cap = cap ? cap * 2 : 16) * sizeof *x);
			if (!x) {
				rc = err_set(e, ERR_INTERNAL, "out of memory");
				break;
			}
			*ids = x;
		}
		(*ids)[(*n)++] = store_col_int(st, 0);
	}
	store_done(st);
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}

int survey_scale_parse(const char *s, int *lo, int *hi, struct err *e)
{
	long a, b;
	const char *dash = s ? strchr(s, '-') : NULL;
	char left[8];
	if (!dash || dash - s == 0 || (size_t)(dash - s) >= sizeof left)
		goto bad;
	memcpy(left, s, (size_t)(dash - s));
	left[dash - s] = 0;
	if (str_to_int(left, 0, 10, &a) < 0 || str_to_int(dash + 1, 0, 10, &b) < 0 || b - a < 2)
		goto bad;
	*lo = (int)a;
	*hi = (int)b;
	return 0;
bad:
	return err_set(e, ERR_USAGE, "--scale: '%s' is not a scale; give its lowest and highest "
		       "points within 0 to 10, at least three points, such as 1-5", s ? s : "");
}

int survey_question_add(store_t *db, int64_t id, struct survey_question *q, struct err *e)
{
	struct survey *s = NULL;
	char text[SURVEY_QTEXT_MAX];
	int rc, i, j;
	int64_t qid;
	if ((rc = text_field(q->text, "the question's text", 500, text, sizeof text, e)) < 0)
		return rc;
	if (q->type == SQ_SINGLE || q->type == SQ_MULTIPLE) {
		if (q->n_choices < 2)
			return err_set(e, ERR_USAGE, "a %s choice question needs at least 2 choices "
				       "(--choice TEXT, once for each)", survey_qtype_name(q->type));
		if (q->n_choices > SURVEY_MAX_CHOICES)
			return err_set(e, ERR_USAGE, "at most %d choices", SURVEY_MAX_CHOICES);
		for (i = 0; i < q->n_choices; i++) {
			char c[SURVEY_CHOICE_MAX], what[32];
			snprintf(what, sizeof what, "choice %d", i + 1);
			if ((rc = text_field(q->choices[i], what, 120, c, sizeof c, e)) < 0)
				return rc;
			snprintf(q->choices[i], SURVEY_CHOICE_MAX, "%s", c);
			for (j = 0; j < i; j++)
				if (str_eq_ci(q->choices[j], c))
					return err_set(e, ERR_USAGE, "choice '%s' is given twice", c);
		}
		q->scale_lo = q->scale_hi = 0;
	} else if (q->n_choices) {
		return err_set(e, ERR_USAGE, "a %s question has no choices (--choice is for single "
			       "and multiple choice questions)", survey_qtype_name(q->type));
	}
	if (q->type == SQ_SCALE) {
		if (q->scale_hi - q->scale_lo < 2 || q->scale_lo < 0 || q->scale_hi > 10)
			return err_set(e, ERR_USAGE, "a scale runs from its lowest to its highest "
				       "point within 0 to 10, at least three points (--scale 1-5)");
	} else {
		q->scale_lo = q->scale_hi = 0;
		if (q->lo_label[0] || q->hi_label[0])
			return err_set(e, ERR_USAGE, "end labels are for scale questions only");
	}
	if ((rc = survey_load_new(db, id, &s, e)) < 0)
		return rc;
	if (strcmp(s->status, "draft")) {
		rc = err_set(e, ERR_DATA, "survey %lld is %s: questions are added only while it is a "
			     "draft (make a new survey to ask more)", (long long)id, s->status);
		goto done;
	}
	if (s->n_questions >= SURVEY_MAX_QUESTIONS) {
		rc = err_set(e, ERR_DATA, "survey %lld has %d questions already, the most it can have",
			     (long long)id, SURVEY_MAX_QUESTIONS);
		goto done;
	}
	q->number = s->n_questions + 1;
	snprintf(q->text, sizeof q->text, "%s", text);
	rc = store_exec(db, e,
			"INSERT INTO net_survey_question (survey_id, number, type, text, required, "
			"scale_lo, scale_hi, lo_label, hi_label) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			"iittiiitt", id, (int64_t)q->number, survey_qtype_name(q->type), q->text,
			(int64_t)(q->required != 0), (int64_t)q->scale_lo, (int64_t)q->scale_hi,
			q->lo_label, q->hi_label);
	qid = store_last_id(db);
	q->id = qid;
	for (i = 0; rc >= 0 && i < q->n_choices; i++)
		rc = store_exec(db, e,
				"INSERT INTO net_survey_choice (question_id, number, text) "
				"VALUES (?, ?, ?)", "iit", qid, (int64_t)(i + 1), q->choices[i]);
done:
	survey_free(s);
	return rc < 0 ? rc : 0;
}

int survey_open(store_t *db, int64_t id, struct err *e)
{
	struct survey *s = NULL;
	int rc;
	if ((rc = survey_load_new(db, id, &s, e)) < 0)
		return rc;
	if (!strcmp(s->status, "open"))
		rc = err_set(e, ERR_DATA, "survey %lld is open already", (long long)id);
	else if (!s->n_questions)
		rc = err_set(e, ERR_DATA, "survey %lld has no questions yet; add one with 'parity "
			     "survey question %lld ...'", (long long)id, (long long)id);
	if (rc >= 0 && !strcmp(s->access, "public") && !s->public_token[0]) {
		char token[NET_TOKEN_HEX + 1];
		net_token_new(token);
		rc = store_exec(db, e, "UPDATE net_survey SET public_token = ? WHERE id = ?", "ti",
				token, id);
	}
	if (rc >= 0)
		rc = store_exec(db, e, "UPDATE net_survey SET status = 'open' WHERE id = ?", "i", id);
	survey_free(s);
	return rc < 0 ? rc : 0;
}

int survey_close(store_t *db, int64_t id, struct err *e)
{
	struct survey *s = NULL;
	int rc;
	if ((rc = survey_load_new(db, id, &s, e)) < 0)
		return rc;
	if (strcmp(s->status, "open"))
		rc = err_set(e, ERR_DATA, "survey %lld is not open (it is %s)", (long long)id,
			     s->status);
	else
		rc = store_exec(db, e, "UPDATE net_survey SET status = 'closed' WHERE id = ?", "i",
				id);
	survey_free(s);
	return rc < 0 ? rc : 0;
}

int survey_accepting(const struct survey *s, struct date today, char *why, size_t n)
{
	char iso[11];
	date_format(today, iso);
	if (!strcmp(s->status, "draft")) {
		snprintf(why, n, "This survey is not open yet.");
		return 0;
	}
	if (!strcmp(s->status, "closed")) {
		snprintf(why, n, "This survey has closed.");
		return 0;
	}
	if (s->opens[0] && strcmp(iso, s->opens) < 0) {
		char w[32];
		struct err e2 = {0};
		struct date d = {0, 0, 0};
		date_parse_user(s->opens, "opens", &d, &e2);
		date_long(d, w);
		snprintf(why, n, "This survey opens on %s.", w);
		return 0;
	}
	if (s->closes[0] && strcmp(iso, s->closes) > 0) {
		char w[32];
		struct err e2 = {0};
		struct date d = {0, 0, 0};
		date_parse_user(s->closes, "closes", &d, &e2);
		date_long(d, w);
		snprintf(why, n, "This survey closed on %s.", w);
		return 0;
	}
	if (n)
		why[0] = 0;
	return 1;
}
