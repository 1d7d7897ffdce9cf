/*
 * network/survey_respond.c: a survey's responses — put together from a
 * form's fields, an answers file (JSON) or a spreadsheet (CSV), checked,
 * and recorded, with the members' personal single-use links (survey.h).
 * An anonymous survey's response keeps no member and only its date.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/dates.h"
#include "core/str.h"
#include "mail/mail.h"
#include "network/survey.h"

#define SURVEY_FILE_MAX 10000 /* responses one answers file or spreadsheet holds */

void survey_response_init(struct survey_response *r)
{
	memset(r, 0, sizeof *r);
}

void survey_response_clear(struct survey_response *r)
{
	int i;
	for (i = 0; i < SURVEY_MAX_QUESTIONS; i++)
		free(r->answers[i].text);
	memset(r, 0, sizeof *r);
}

static int problem(struct survey_problem *p, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int problem(struct survey_problem *p, const char *field, const char *fmt, ...)
{
	va_list ap;
	snprintf(p->field, sizeof p->field, "%s", field);
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof p->msg, fmt, ap);
	va_end(ap);
	return ERR_DATA;
}

/* The choices of q as "A, B, C" into out. */
static void choice_list(const struct survey_question *q, char *out, size_t n)
{
	size_t used = 0;
	int i;
	out[0] = 0;
	for (i = 0; i < q->n_choices && used + 4 < n; i++) {
		int w = snprintf(out + used, n - used, "%s%s", i ? ", " : "", q->choices[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	if (used >= n)
		out[n - 1] = 0;
}

static int set_question(const struct survey *s, struct survey_response *r, int num,
			const char *field, const char *value, struct survey_problem *p)
{
	const struct survey_question *q = &s->questions[num - 1];
	struct survey_answer *a = &r->answers[num - 1];
	char *v = str_trim_dup(value);
	long x;
	int i, rc = 0;
	if (!*v && q->type != SQ_TEXT)
		goto done;
	switch (q->type) {
	case SQ_SINGLE:
	case SQ_MULTIPLE:
		if (str_to_int(v, 1, q->n_choices, &x) < 0) {
			x = 0;
			for (i = 0; i < q->n_choices; i++)
				if (str_eq_ci(v, q->choices[i]))
					x = i + 1;
		}
		if (!x) {
			char list[512];
			choice_list(q, list, sizeof list);
			rc = problem(p, field, "question %d: '%.80s' is not one of its choices (%s)",
				     num, v, list);
			goto done;
		}
		a->given = 1;
		a->chosen |= (uint32_t)1 << (x - 1);
		break;
	case SQ_SCALE:
		if (str_to_int(v, q->scale_lo, q->scale_hi, &x) < 0) {
			rc = problem(p, field, "question %d: '%.80s' is not a point of its scale "
				     "(a whole number from %d to %d)", num, v, q->scale_lo,
				     q->scale_hi);
			goto done;
		}
		a->given = 1;
		a->value = (int)x;
		break;
	case SQ_TEXT:
		if (strlen(value) > SURVEY_TEXT_MAX) {
			rc = problem(p, field, "question %d: the answer is longer than %d characters; "
				     "shorten it", num, SURVEY_TEXT_MAX);
			goto done;
		}
		free(a->text);
		a->text = NULL;
		a->given = 0;
		if (*v) {
			a->text = v;
			v = NULL;
			a->given = 1;
		}
		break;
	}
done:
	free(v);
	return rc;
}

int survey_response_set(const struct survey *s, struct survey_response *r, const char *field,
			const char *value, struct survey_problem *p)
{
	long num;
	int i;
	if (!field)
		field = "";
	if (!value)
		value = "";
	if (field[0] == 'q' && str_to_int(field + 1, 1, s->n_questions, &num) == 0)
		return set_question(s, r, (int)num, field, value, p);
	if (!strncmp(field, "c-", 2)) {
		for (i = 0; i < s->n_asks; i++)
			if (str_eq_ci(field + 2, s->asks[i]))
				break;
		if (i < s->n_asks) {
			char *v = str_trim_dup(value);
			const char *grp = NULL;
			struct err e = {0};
			int rc = 0;
			if (!*v || str_eq_ci(v, SURVEY_PREFER_NOT))
				;
			else if (strlen(v) >= SURVEY_VALUE_MAX ||
				 monitor_group_of(s->asks[i], v, &grp, &e) < 0 ||
				 !strcmp(grp, "Missing"))
				rc = problem(p, field, "%s: '%.60s' is not an answer we understand; "
					     "choose one of the options or \"%s\"",
					     monitor_char_label(s->asks[i]), v, SURVEY_PREFER_NOT);
			if (!rc)
				snprintf(r->chars[i], SURVEY_VALUE_MAX, "%s", v);
			free(v);
			return rc;
		}
		{
			char asks[SURVEY_MAX_ASK * 34] = "";
			size_t used = 0;
			for (i = 0; i < s->n_asks && used < sizeof asks; i++)
				used += (size_t)snprintf(asks + used, sizeof asks - used, "%s%s",
							 i ? ", " : "", s->asks[i]);
			return problem(p, field, "the survey does not ask '%.40s' (it asks %s)",
				       field + 2, s->n_asks ? asks : "none");
		}
	}
	if (field[0] == 'q')
		return problem(p, field, "there is no question '%.20s': the survey has questions 1 to "
			       "%d", field + 1, s->n_questions);
	return problem(p, field, "'%.40s' is not a question (q1 to q%d) nor a characteristic "
		       "(c-NAME)", field, s->n_questions);
}

int survey_response_check(const struct survey *s, const struct survey_response *r,
			  struct survey_problem *p, int max, int *n)
{
	int i;
	*n = 0;
	for (i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		const struct survey_answer *a = &r->answers[i];
		char field[16];
		snprintf(field, sizeof field, "q%d", i + 1);
		if (*n >= max)
			break;
		if (!a->given && q->required)
			problem(&p[(*n)++], field, "question %d: answer it (it is required)", i + 1);
		else if (a->given && q->type == SQ_SINGLE && (a->chosen & (a->chosen - 1)))
			problem(&p[(*n)++], field, "question %d: choose one answer only", i + 1);
	}
	return *n ? ERR_DATA : 0;
}

int survey_token_check(store_t *db, const char *token, int64_t *id, int64_t *member_id,
		       struct err *e)
{
	char hash[NET_TOKEN_HEX + 1];
	store_stmt_t *st;
	int rc;
	*id = *member_id = 0;
	if (!token || strlen(token) != NET_TOKEN_HEX)
		return 0;
	net_token_hash(token, hash);
	rc = store_prepare(db, &st, e,
			   "SELECT t.survey_id, COALESCE(t.member_id, 0) FROM net_survey_token t "
			   "WHERE t.token_hash = ? AND t.used = 0", "t", hash);
	if (rc >= 0 && (rc = store_step(st, e)) == 1) {
		*id = store_col_int(st, 0);
		*member_id = store_col_int(st, 1);
	}
	store_done(st);
	return rc;
}

static int insert_answers(store_t *db, const struct survey *s, const struct survey_response *r,
			  int64_t rid, struct err *e)
{
	int i, j, rc = 0;
	for (i = 0; rc >= 0 && i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		const struct survey_answer *a = &r->answers[i];
		if (!a->given)
			continue;
		if (q->type == SQ_SINGLE || q->type == SQ_MULTIPLE) {
			for (j = 0; rc >= 0 && j < q->n_choices; j++)
				if (a->chosen & ((uint32_t)1 << j))
					rc = store_exec(db, e,
							"INSERT INTO net_survey_answer (response_id, "
							"question_id, choice) VALUES (?, ?, ?)",
							"iii", rid, q->id, (int64_t)(j + 1));
		} else if (q->type == SQ_SCALE) {
			rc = store_exec(db, e,
					"INSERT INTO net_survey_answer (response_id, question_id, value) "
					"VALUES (?, ?, ?)", "iii", rid, q->id, (int64_t)a->value);
		} else {
			rc = store_exec(db, e,
					"INSERT INTO net_survey_answer (response_id, question_id, text) "
					"VALUES (?, ?, ?)", "iit", rid, q->id, a->text);
		}
	}
	for (i = 0; rc >= 0 && i < s->n_asks; i++) {
		const char *grp = "Missing";
		struct err e2 = {0};
		if (str_eq_ci(r->chars[i], SURVEY_PREFER_NOT))
			grp = "Not stated";
		else if (r->chars[i][0] && monitor_group_of(s->asks[i], r->chars[i], &grp, &e2) < 0)
			return err_set(e, ERR_DATA, "%s", e2.msg);
		rc = store_exec(db, e,
				"INSERT INTO net_survey_char (response_id, characteristic, value, grp) "
				"VALUES (?, ?, ?, ?)", "itt" "t", rid, s->asks[i], r->chars[i], grp);
	}
	return rc;
}

int survey_respond(store_t *db, const struct survey *s, const struct survey_response *r,
		   const char *token, int64_t member_id, const char *channel, struct date today,
		   int64_t *response_id, struct err *e)
{
	struct survey_problem p[4];
	char why[128], iso[11], hash[NET_TOKEN_HEX + 1] = "";
	int64_t tid = 0, n = 0;
	int np, rc, web = !strcmp(channel, "web");
	if (response_id)
		*response_id = 0;
	if (web && !survey_accepting(s, today, why, sizeof why))
		return err_set(e, ERR_DATA, "%s", why);
	if (!web && !strcmp(s->status, "draft"))
		return err_set(e, ERR_DATA, "survey %lld is still a draft: open it first ('parity "
			       "survey open %lld')", (long long)s->id, (long long)s->id);
	if (survey_response_check(s, r, p, 4, &np) < 0)
		return err_set(e, ERR_DATA, "%s", p[0].msg);
	if (token && !strcmp(s->access, "public"))
		return err_set(e, ERR_DATA, "survey %lld has a public link, not personal ones: give "
			       "no token", (long long)s->id);
	if (token) {
		store_stmt_t *st;
		int found = 0, used = 0;
		int64_t sid = 0, mid = 0;
		net_token_hash(token, hash);
		rc = store_prepare(db, &st, e,
				   "SELECT id, survey_id, COALESCE(member_id, 0), used FROM "
				   "net_survey_token WHERE token_hash = ?", "t", hash);
		if (rc >= 0 && (rc = store_step(st, e)) == 1) {
			found = 1;
			tid = store_col_int(st, 0);
			sid = store_col_int(st, 1);
			mid = store_col_int(st, 2);
			used = (int)store_col_int(st, 3);
		}
		store_done(st);
		if (rc < 0)
			return rc;
		if (!found || sid != s->id)
			return err_set(e, ERR_DATA, "this link is not valid: use the link in the mail "
				       "you were sent");
		if (used)
			return err_set(e, ERR_DATA, "this link has already been used: each member "
				       "answers once");
		member_id = mid;
	} else if (web && !strcmp(s->access, "members")) {
		return err_set(e, ERR_DATA, "this survey is for members: use the personal link in "
			       "the mail you were sent");
	}
	if (s->anonymous)
		member_id = 0;
	if (member_id) {
		rc = store_query_int(db, &n, e,
				     "SELECT COUNT(*) FROM net_survey_response WHERE survey_id = ? "
				     "AND member_id = ?", "ii", s->id, member_id);
		if (rc < 0)
			return rc;
		if (n)
			return err_set(e, ERR_DATA, "that member has already answered survey %lld",
				       (long long)s->id);
		/* a paper return uses up the member's link too */
		if (!tid && (rc = store_exec(db, e,
					     "UPDATE net_survey_token SET used = 1 WHERE survey_id = ? "
					     "AND member_id = ?", "ii", s->id, member_id)) < 0)
			return rc;
	}
	if (tid) {
		rc = store_exec(db, e, "UPDATE net_survey_token SET used = 1 WHERE id = ? AND used = 0",
				"i", tid);
		if (rc < 0)
			return rc;
		if (store_changes(db) != 1)
			return err_set(e, ERR_DATA, "this link has already been used: each member "
				       "answers once");
	}
	rc = store_query_int(db, &n, e,
			     "SELECT COUNT(*) FROM net_survey_response WHERE survey_id = ?", "i", s->id);
	if (rc < 0)
		return rc;
	if (n >= SURVEY_MAX_RESPONSES)
		return err_set(e, ERR_DATA, "survey %lld has %d responses, the most it keeps",
			       (long long)s->id, SURVEY_MAX_RESPONSES);
	date_format(today, iso);
	if (member_id)
		rc = store_exec(db, e,
				"INSERT INTO net_survey_response (survey_id, member_id, received_on, "
				"channel) VALUES (?, ?, ?, ?)", "iitt", s->id, member_id, iso, channel);
	else
		rc = store_exec(db, e,
				"INSERT INTO net_survey_response (survey_id, member_id, received_on, "
				"channel) VALUES (?, NULL, ?, ?)", "itt", s->id, iso, channel);
	if (rc < 0)
		return rc;
	n = store_last_id(db);
	if (response_id)
		*response_id = n;
	return insert_answers(db, s, r, n, e);
}

struct invitee {
	int64_t member_id;
	char email[320], name[200];
};

int survey_invite(store_t *db, int64_t id, time_t now, int *n, struct err *e)
{
	struct mail_settings ms;
	struct survey *s = NULL;
	struct invitee *who = NULL;
	size_t nw = 0, cap = 0, i;
	store_stmt_t *st;
	char today[11];
	int rc;
	*n = 0;
	if ((rc = survey_load_new(db, id, &s, e)) < 0)
		return rc;
	if (strcmp(s->access, "members")) {
		rc = err_set(e, ERR_DATA, "survey %lld has a public link: hand out its link instead "
			     "(see 'parity survey show %lld')", (long long)id, (long long)id);
		goto done;
	}
	if (strcmp(s->status, "open")) {
		rc = err_set(e, ERR_DATA, "survey %lld is %s: open it first ('parity survey open "
			     "%lld')", (long long)id, s->status, (long long)id);
		goto done;
	}
	if ((rc = mail_settings_get(db, &ms, e)) < 0)
		goto done;
	date_day_at(now, today);
	rc = store_prepare(db, &st, e,
			   "SELECT m.id, m.email, COALESCE(m.name, '') FROM net_member m "
			   "WHERE m.status = 'active' AND m.email IS NOT NULL "
			   "AND EXISTS (SELECT 1 FROM net_consent c WHERE c.member_id = m.id "
			   "            AND c.purpose = 'consultations' AND c.withdrawn_at IS NULL) "
			   "AND NOT EXISTS (SELECT 1 FROM net_survey_token t WHERE t.survey_id = ? "
			   "                AND t.member_id = m.id) ORDER BY m.id", "i", id);
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		if (nw == cap) {
			struct invitee *x = realloc(who, (cap = cap ? cap * 2 : 32) * sizeof *who);
			if (!x) {
				rc = err_set(e, ERR_INTERNAL, "out of memory");
				break;
			}
			who = x;
		}
		who[nw].member_id = store_col_int(st, 0);
		snprintf(who[nw].email, sizeof who[nw].email, "%s", store_col_text(st, 1));
		snprintf(who[nw].name, sizeof who[nw].name, "%s", store_col_text(st, 2));
		nw++;
	}
	store_done(st);
	for (i = 0; rc >= 0 && i < nw; i++) {
		char token[NET_TOKEN_HEX + 1], hash[NET_TOKEN_HEX + 1];
		struct buf text = BUF_INIT, subj = BUF_INIT;
		struct mail_msg m = {0};
		net_token_new(token);
		net_token_hash(token, hash);
		rc = store_exec(db, e,
				"INSERT INTO net_survey_token (survey_id, member_id, token_hash, sent_on) "
				"VALUES (?, ?, ?, ?)", "iitt", id, who[i].member_id, hash, today);
		if (rc < 0)
			break;
		buf_printf(&subj, "%s: %s", survey_kind_words(s->kind), s->title);
		buf_printf(&text, "Dear %s,\n\nThe staff network asks for your views: %s.\n\n",
			   who[i].name[0] ? who[i].name : "member", s->title);
		if (s->closes[0]) {
			char w[32];
			struct err e2 = {0};
			struct date d = {0, 0, 0};
			date_parse_user(s->closes, "closes", &d, &e2);
			date_long(d, w);
			buf_printf(&text, "Please answer by %s.\n\n", w);
		}
		buf_printf(&text, "Your personal link (it works once):\n\n  %s/public/surveys/%s\n\n",
			   ms.site_url, token);
		buf_puts(&text, s->anonymous
				 ? "Your answers are anonymous: they are not stored with your name.\n"
				 : "Your answers are stored with your name, as the survey says.\n");
		buf_puts(&text, "\nYou receive this because you agreed to be consulted by the staff "
			 "network. To stop it, reply to this message and say so.\n");
		m.to = who[i].email;
		m.to_name = who[i].name;
		m.subject = buf_str(&subj);
		m.text = buf_str(&text);
		m.kind = "survey";
		m.ref = store_last_id(db);
		rc = mail_queue(db, &ms, &m, NULL, e);
		buf_free(&text);
		buf_free(&subj);
		if (rc >= 0)
			(*n)++;
	}
done:
	free(who);
	survey_free(s);
	return rc < 0 ? rc : 0;
}

void survey_responses_free(struct survey_response *r, char **emails, size_t n)
{
	size_t i;
	for (i = 0; r && i < n; i++)
		survey_response_clear(&r[i]);
	for (i = 0; emails && i < n; i++)
		free(emails[i]);
	free(r);
	free(emails);
}

/* ---- an answers file (JSON) ----------------------------------------------*/

/* One JSON value of question field as survey_response_set takes it. */
static int set_json(const struct survey *s, struct survey_response *r, const char *field,
		    json_t *v, struct survey_problem *p)
{
	char num[32];
	if (json_is_null(v))
		return 0;
	if (json_is_string(v))
		return survey_response_set(s, r, field, json_string_value(v), p);
	if (json_is_integer(v)) {
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		return survey_response_set(s, r, field, num, p);
	}
	return problem(p, field, "%s: give a text or a number", field);
}

static int parse_one(const struct survey *s, json_t *o, struct survey_response *r,
		     char **email, struct survey_problem *p)
{
	const char *k;
	json_t *v, *answers = NULL, *chars = NULL;
	if (!json_is_object(o))
		return problem(p, "", "a response is an object {\"answers\": {...}}");
	json_object_foreach(o, k, v) {
		if (!strcmp(k, "answers"))
			answers = v;
		else if (!strcmp(k, "characteristics"))
			chars = v;
		else if (!strcmp(k, "member")) {
			if (!json_is_string(v))
				return problem(p, "member", "\"member\" is a member's email address");
			if (s->anonymous)
				return problem(p, "member", "the survey is anonymous: give no "
					       "\"member\"");
			free(*email);
			*email = strdup(json_string_value(v));
		} else
			return problem(p, "", "'%.40s' is not known; use answers, characteristics "
				       "and member", k);
	}
	if (!json_is_object(answers))
		return problem(p, "", "\"answers\" is missing: an object keyed by question number");
	json_object_foreach(answers, k, v) {
		char field[48];
		long num;
		int rc;
		if (str_to_int(k, 1, s->n_questions, &num) < 0)
			return problem(p, "", "\"%.20s\" is not a question number (1 to %d)", k,
				       s->n_questions);
		snprintf(field, sizeof field, "q%ld", num);
		if (json_is_array(v)) {
			size_t i;
			json_t *x;
			if (s->questions[num - 1].type != SQ_MULTIPLE)
				return problem(p, field, "question %ld: a list of answers is for "
					       "multiple choice questions only", num);
			json_array_foreach(v, i, x)
				if ((rc = set_json(s, r, field, x, p)) < 0)
					return rc;
		} else if ((rc = set_json(s, r, field, v, p)) < 0) {
			return rc;
		}
	}
	if (chars && !json_is_object(chars))
		return problem(p, "", "\"characteristics\" is an object {\"ethnicity\": \"B1\"}");
	if (chars)
		json_object_foreach(chars, k, v) {
			char field[48];
			int rc;
			if (!json_is_string(v))
				return problem(p, k, "%.40s: give a text", k);
			snprintf(field, sizeof field, "c-%.40s", k);
			if ((rc = survey_response_set(s, r, field, json_string_value(v), p)) < 0)
				return rc;
		}
	return 0;
}

int survey_answers_parse(const struct survey *s, const char *json, size_t len,
			 struct survey_response **out, char ***emails, size_t *n, struct err *e)
{
	json_error_t je;
	json_t *root, *x;
	size_t count, i;
	int np, rc = 0;
	*out = NULL;
	*emails = NULL;
	*n = 0;
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return err_set(e, ERR_DATA, "the answers are not JSON: %s (line %d, column %d)",
			       je.text, je.line, je.column);
	count = json_is_array(root) ? json_array_size(root) : 1;
	if (count == 0 || count > SURVEY_FILE_MAX) {
		json_decref(root);
		return err_set(e, ERR_DATA, "give 1 to %d responses", SURVEY_FILE_MAX);
	}
	*out = calloc(count, sizeof **out);
	*emails = calloc(count, sizeof **emails);
	if (!*out || !*emails) {
		json_decref(root);
		survey_responses_free(*out, *emails, 0);
		*out = NULL;
		*emails = NULL;
		return err_set(e, ERR_INTERNAL, "out of memory");
	}
	for (i = 0; i < count; i++) {
		struct survey_problem p[1];
		x = json_is_array(root) ? json_array_get(root, i) : root;
		*n = i + 1;
		if (parse_one(s, x, &(*out)[i], &(*emails)[i], p) < 0 ||
		    survey_response_check(s, &(*out)[i], p, 1, &np) < 0) {
			rc = err_set(e, ERR_DATA, "response %zu: %s", i + 1, p[0].msg);
			break;
		}
	}
	json_decref(root);
	if (rc < 0) {
		survey_responses_free(*out, *emails, *n);
		*out = NULL;
		*emails = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- a spreadsheet of responses (CSV) ------------------------------------*/

/* The cells of the current record of cr into r: each problem appended to
 * problems ("NAME: line L, column C (qN): ..."); returns how many. */
static int read_row(const struct survey *s, struct csv_reader *cr, const int *col_q,
		    const int *col_c, const char *name, struct survey_response *r,
		    struct buf *problems)
{
	int i, bad = 0;
	for (i = 0; i < s->n_questions; i++) {
		const char *v;
		char field[16];
		struct survey_problem p;
		size_t fi;
		if (col_q[i] < 0 || !(v = csv_field(cr, (size_t)col_q[i])))
			continue;
		fi = (size_t)col_q[i];
		snprintf(field, sizeof field, "q%d", i + 1);
		if (s->questions[i].type == SQ_MULTIPLE && strchr(v, ';')) {
			char *copy = strdup(v), *tok, *save = NULL;
			if (!copy)
				abort(); /* out of memory */
			for (tok = strtok_r(copy, ";", &save); tok;
			     tok = strtok_r(NULL, ";", &save))
				if (survey_response_set(s, r, field, tok, &p) < 0) {
					buf_printf(problems, "%s: line %ld, column %ld (%s): %s\n",
						   name, csv_field_line(cr, fi),
						   csv_field_col(cr, fi), field, p.msg);
					bad++;
					break;
				}
			free(copy);
		} else if (survey_response_set(s, r, field, v, &p) < 0) {
			buf_printf(problems, "%s: line %ld, column %ld (%s): %s\n", name,
				   csv_field_line(cr, fi), csv_field_col(cr, fi), field, p.msg);
			bad++;
		}
	}
	for (i = 0; i < s->n_asks; i++) {
		const char *v;
		char field[48];
		struct survey_problem p;
		if (col_c[i] < 0 || !(v = csv_field(cr, (size_t)col_c[i])))
			continue;
		snprintf(field, sizeof field, "c-%s", s->asks[i]);
		if (survey_response_set(s, r, field, v, &p) < 0) {
			buf_printf(problems, "%s: line %ld, column %ld (%s): %s\n", name,
				   csv_field_line(cr, (size_t)col_c[i]),
				   csv_field_col(cr, (size_t)col_c[i]), s->asks[i], p.msg);
			bad++;
		}
	}
	return bad;
}

int survey_csv_parse(const struct survey *s, const char *csv, size_t len, const char *name,
		     struct survey_response **out, char ***emails, size_t *n,
		     struct buf *problems, struct err *e)
{
	struct csv_reader *cr = NULL;
	int col_q[SURVEY_MAX_QUESTIONS], col_c[SURVEY_MAX_ASK], col_m = -1, i, rc, bad = 0,
	    head_bad = 0, row_start = 0;
	size_t cap = 0, h;
	*out = NULL;
	*emails = NULL;
	*n = 0;
	if ((rc = csv_open_mem(csv, len, name, &cr, e)) < 0)
		return rc;
	if ((rc = csv_read_header(cr, e)) < 0)
		goto fail;
	for (i = 0; i < s->n_questions; i++) {
		char q[16];
		snprintf(q, sizeof q, "q%d", i + 1);
		col_q[i] = csv_header_index(cr, q);
	}
	for (i = 0; i < s->n_asks; i++)
		col_c[i] = csv_header_index(cr, s->asks[i]);
	col_m = csv_header_index(cr, "member");
	for (h = 0; h < csv_n_header(cr); h++) {
		const char *hn = csv_header_name(cr, h);
		long num;
		int known = (hn[0] == 'q' || hn[0] == 'Q') && str_to_int(hn + 1, 1, s->n_questions,
									 &num) == 0;
		for (i = 0; !known && i < s->n_asks; i++)
			known = str_eq_ci(hn, s->asks[i]);
		if (!known && str_eq_ci(hn, "member"))
			known = !s->anonymous;
		if (!known) {
			buf_printf(problems, "%s: line 1, column %zu: '%s' is not a column of this "
				   "survey (q1 to q%d%s%s%s)\n", name, h + 1, hn, s->n_questions,
				   s->n_asks ? ", the characteristics it asks" : "",
				   s->anonymous ? "" : ", member", "");
			bad++;
			head_bad = 1;
		}
	}
	while (!head_bad && (rc = csv_next(cr, e)) == 1) {
		struct survey_response *r;
		if (*n == SURVEY_FILE_MAX) {
			buf_printf(problems, "%s: more than %d responses; split the file\n", name,
				   SURVEY_FILE_MAX);
			bad++;
			break;
		}
		if (*n == cap) {
			struct survey_response *x;
			char **y;
			cap = cap ? cap * 2 : 16;
			x = realloc(*out, cap * sizeof *x);
			if (x)
				*out = x;
			y = realloc(*emails, cap * sizeof *y);
			if (y)
				*emails = y;
			if (!x || !y) {
				rc = err_set(e, ERR_INTERNAL, "out of memory");
				break;
			}
		}
		row_start = bad;
		r = &(*out)[*n];
		survey_response_init(r);
		(*emails)[*n] = NULL;
		(*n)++;
		bad += read_row(s, cr, col_q, col_c, name, r, problems);
		if (col_m >= 0 && csv_field(cr, (size_t)col_m) && *csv_field(cr, (size_t)col_m))
			(*emails)[*n - 1] = str_trim_dup(csv_field(cr, (size_t)col_m));
		if (bad == row_start) { /* a complete response, once its cells read well */
			struct survey_problem p[SURVEY_MAX_QUESTIONS];
			int np, k;
			if (survey_response_check(s, r, p, SURVEY_MAX_QUESTIONS, &np) < 0)
				for (k = 0; k < np; k++, bad++)
					buf_printf(problems, "%s: line %ld: %s\n", name,
						   csv_record_line(cr), p[k].msg);
		}
		if (bad >= 50)
			break;
	}
	if (rc < 0)
		goto fail;
	if (!bad && !*n) {
		buf_printf(problems, "%s: no responses below the header row\n", name);
		bad++;
	}
	csv_close(cr);
	if (bad) {
		survey_responses_free(*out, *emails, *n);
		*out = NULL;
		*emails = NULL;
		*n = 0;
		return err_set(e, ERR_DATA, "%s: %d problem%s; nothing was imported", name, bad,
			       bad == 1 ? "" : "s");
	}
	return 0;
fail:
	csv_close(cr);
	survey_responses_free(*out, *emails, *n);
	*out = NULL;
	*emails = NULL;
	*n = 0;
	return rc;
}

/* ---- what the members' part asks of us -----------------------------------*/

int survey_export_member(store_t *db, int64_t member_id, json_t *out, struct err *e)
{
	json_t *a = json_array();
	store_stmt_t *st, *st2;
	int rc;
	rc = store_prepare(db, &st, e,
			   "SELECT r.id, s.title, r.received_on, r.channel FROM net_survey_response r "
			   "JOIN net_survey s ON s.id = r.survey_id WHERE r.member_id = ? ORDER BY r.id",
			   "i", member_id);
	while (rc >= 0 && (rc = store_step(st, e)) == 1) {
		json_t *o = json_object(), *ans = json_array();
		json_object_set_new(o, "survey", json_string(store_col_text(st, 1)));
		json_object_set_new(o, "received_on", json_string(store_col_text(st, 2)));
		json_object_set_new(o, "channel", json_string(store_col_text(st, 3)));
		rc = store_prepare(db, &st2, e,
				   "SELECT q.number, q.text, a.choice, c.text, a.value, a.text "
				   "FROM net_survey_answer a JOIN net_survey_question q "
				   "ON q.id = a.question_id LEFT JOIN net_survey_choice c "
				   "ON c.question_id = q.id AND c.number = a.choice "
				   "WHERE a.response_id = ? ORDER BY q.number, a.choice", "i",
				   store_col_int(st, 0));
		while (rc >= 0 && (rc = store_step(st2, e)) == 1) {
			json_t *x = json_object();
			json_object_set_new(x, "question", json_integer(store_col_int(st2, 0)));
			json_object_set_new(x, "text", json_string(store_col_text(st2, 1)));
			if (!store_col_is_null(st2, 3))
				json_object_set_new(x, "answer", json_string(store_col_text(st2, 3)));
			else if (!store_col_is_null(st2, 4))
				json_object_set_new(x, "answer", json_integer(store_col_int(st2, 4)));
			else
				json_object_set_new(x, "answer", json_string(store_col_text(st2, 5)
									       ? store_col_text(st2, 5) : ""));
			json_array_append_new(ans, x);
		}
		store_done(st2);
		json_object_set_new(o, "answers", ans);
		json_array_append_new(a, o);
	}
	store_done(st);
	if (rc < 0) {
		json_decref(a);
		return rc;
	}
	json_object_set_new(out, "survey_responses", a);
	return 0;
}

int survey_erase_member(store_t *db, int64_t member_id, struct err *e)
{
	/* the responses stay, anonymous: the survey's counts hold */
	int rc = store_exec(db, e, "UPDATE net_survey_response SET member_id = NULL "
			    "WHERE member_id = ?", "i", member_id);
	if (rc >= 0)
		rc = store_exec(db, e, "UPDATE net_survey_token SET member_id = NULL "
				"WHERE member_id = ?", "i", member_id);
	return rc;
}
