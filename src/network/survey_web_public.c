/*
 * network/survey_web_public.c: answering a survey on the web, without
 * signing in — /public/surveys/TOKEN, where TOKEN is a public survey's
 * link (survey_by_public_token) or a member's personal link to a members
 * survey (survey_token_check; it works once). The form asks each question
 * (radios for one answer and for a scale with its end labels, checkboxes
 * for several, a text box for their own words) and then, under a heading
 * saying they are optional and why they are asked, the characteristics the
 * survey asks, each with "Prefer not to say". Problems are shown at the
 * question; nothing is stored until the whole form is right; then the
 * response is recorded (channel "web") and the visitor is sent to the
 * thank-you page (POST/redirect/GET). Responses are never audited: they
 * may be anonymous. The form is rate-limited per address (net_rate_hit).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "network/survey_web.h"

/* Answers one address may send in RATE_WINDOW seconds: generous, since a
 * whole office may answer from behind one address. */
#define RATE_MAX 200
#define RATE_WINDOW 3600
#define MAX_PROBLEMS (SURVEY_MAX_QUESTIONS + SURVEY_MAX_ASK)

/* What a token in the path opens. */
struct link {
	int64_t survey_id;
	int64_t member_id;
	int personal; /* 1: a member's personal link */
	int used;     /* 1: a personal link already used */
};

/* Find token: a public survey's link, else an unused personal link, else
 * a used one (l->used). 0 with l filled (survey_id 0: nothing). */
static int link_find(store_t *db, const char *token, struct link *l, struct err *e)
{
	char hash[NET_TOKEN_HEX + 1];
	int64_t n = 0;
	int rc;
	memset(l, 0, sizeof *l);
	if (!token || strlen(token) != NET_TOKEN_HEX || strspn(token, "0123456789abcdef") !=
							       NET_TOKEN_HEX)
		return 0;
	if ((rc = survey_by_public_token(db, token, &l->survey_id, e)) < 0)
		return rc;
	if (rc == 1)
		return 0;
	l->survey_id = 0;
	if ((rc = survey_token_check(db, token, &l->survey_id, &l->member_id, e)) < 0)
		return rc;
	if (rc == 1) {
		l->personal = 1;
		return 0;
	}
	l->survey_id = 0;
	net_token_hash(token, hash);
	if ((rc = store_query_int(db, &n, e,
				  "SELECT COUNT(*) FROM net_survey_token WHERE token_hash = ? AND used = 1",
				  "t", hash)) < 0)
		return rc;
	l->used = n > 0;
	l->personal = l->used;
	return 0;
}

static void plain_page(struct web_req *rq, struct web_resp *rs, int status, const char *title,
		       const char *say)
{
	rs->status = status;
	web_page_begin(rq, rs, title, SEC_NONE);
	web_printf(rs, "<h1 class=\"govuk-heading-l\">%s</h1>\n<p class=\"govuk-body\">%s</p>\n",
		   title, say);
	web_page_end(rq, rs);
}

static void used_page(struct web_req *rq, struct web_resp *rs)
{
	plain_page(rq, rs, 410, "This link has already been used",
		   "Each member's link works once, and an answer has already been sent with this "
		   "one. Thank you for taking part.");
}

static void not_found(struct web_req *rq, struct web_resp *rs)
{
	plain_page(rq, rs, 404, "This link does not work",
		   "Check that you copied the whole link from the email or page that gave it to "
		   "you.");
}

/* The field as the form posted it, for showing the form again. */
static const char *posted_value(const struct web_req *rq, int posted, const char *name)
{
	return posted ? web_param(rq, name) : NULL;
}

static int posted_has(const struct web_req *rq, const char *name, const char *value)
{
	const char *v;
	int k;
	for (k = 0; (v = web_param_n(rq, name, k)); k++)
		if (!strcmp(v, value))
			return 1;
	return 0;
}

static void question_field(struct web_req *rq, struct web_resp *rs,
			   const struct survey_question *q, int posted,
			   const struct web_field_error *errs, int n_errs)
{
	char name[16], legend[SURVEY_QTEXT_MAX + 32], nums[SURVEY_MAX_CHOICES][16];
	char labels[11][SURVEY_CHOICE_MAX + 16];
	struct web_field f;
	int j;
	snprintf(name, sizeof name, "q%d", q->number);
	snprintf(legend, sizeof legend, "%d. %s%s", q->number, q->text,
		 q->required ? "" : " (optional)");
	f = (struct web_field){name, NULL, legend, NULL, posted_value(rq, posted, name), NULL, NULL};
	if (q->type == SQ_SINGLE) {
		struct web_choice c[SURVEY_MAX_CHOICES];
		for (j = 0; j < q->n_choices; j++) {
			snprintf(nums[j], sizeof nums[j], "%d", j + 1);
			c[j] = (struct web_choice){nums[j], q->choices[j], NULL};
		}
		web_radios(rs, &f, c, (size_t)q->n_choices, 0, errs, n_errs);
	} else if (q->type == SQ_MULTIPLE) {
		struct web_check c[SURVEY_MAX_CHOICES];
		f.name = name;
		f.hint = "Select all that apply";
		for (j = 0; j < q->n_choices; j++) {
			snprintf(nums[j], sizeof nums[j], "%d", j + 1);
			c[j] = (struct web_check){nums[j], q->choices[j],
						  posted && posted_has(rq, name, nums[j])};
		}
		web_checkboxes(rs, &f, c, (size_t)q->n_choices, errs, n_errs);
	} else if (q->type == SQ_SCALE) {
		struct web_choice c[11];
		int k = 0;
		for (j = q->scale_lo; j <= q->scale_hi && k < 11; j++, k++) {
			const char *end = j == q->scale_lo ? q->lo_label
					  : j == q->scale_hi ? q->hi_label : "";
			snprintf(nums[k], sizeof nums[k], "%d", j);
			snprintf(labels[k], sizeof labels[k], "%d%s%s", j, *end ? ": " : "", end);
			c[k] = (struct web_choice){nums[k], labels[k], NULL};
		}
		web_radios(rs, &f, c, (size_t)k, 0, errs, n_errs);
	} else {
		f.label = legend;
		web_textarea(rs, &f, 5, errs, n_errs);
	}
}

static void form_render(struct web_req *rq, struct web_resp *rs, const struct survey *s,
			const char *token, int posted, const struct web_field_error *errs,
			int n_errs)
{
	int i;
	size_t j;
	web_page_begin(rq, rs, n_errs ? "Error: Answer the survey" : s->title, SEC_NONE);
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n"
		       "<h1 class=\"govuk-heading-l\">%s</h1>\n",
		   survey_kind_words(s->kind), s->title);
	if (s->anonymous)
		web_raw(rs, "<div class=\"govuk-inset-text\">This survey is anonymous: your answers "
			    "are not kept with your name or email address, and only the date they "
			    "came in is recorded.</div>\n");
	else
		web_raw(rs, "<div class=\"govuk-inset-text\">This survey is not anonymous: your "
			    "answers are kept with your membership of the network. Results are only "
			    "ever shown for groups of at least 10 people.</div>\n");
	web_printf(rs, "<form method=\"post\" action=\"/public/surveys/%s\" novalidate>\n", token);
	web_csrf_field(rq, rs);
	for (i = 0; i < s->n_questions; i++)
		question_field(rq, rs, &s->questions[i], posted, errs, n_errs);
	if (s->n_asks) {
		web_raw(rs, "<h2 class=\"govuk-heading-m\">About you (optional)</h2>\n"
			    "<p class=\"govuk-body\">You do not have to answer these questions. We ask "
			    "them to find out whether people from different groups have different "
			    "experiences, as equality law expects us to. Results are only shown for "
			    "groups of at least 10 people, so no one can be recognised.</p>\n");
		for (i = 0; i < s->n_asks; i++) {
			const char *const *groups;
			size_t ng;
			struct web_choice c[40];
			char name[48], legend[96];
			struct web_field f;
			struct err e2;
			err_clear(&e2);
			if (survey_char_options(s->asks[i], &groups, &ng, &e2) < 0)
				continue;
			for (j = 0; j < ng && j < 39; j++)
				c[j] = (struct web_choice){groups[j], groups[j], NULL};
			c[j++] = (struct web_choice){SURVEY_PREFER_NOT, SURVEY_PREFER_NOT, NULL};
			snprintf(name, sizeof name, "c-%s", s->asks[i]);
			snprintf(legend, sizeof legend, "%s (optional)", monitor_char_label(s->asks[i]));
			f = (struct web_field){name, NULL, legend, NULL, posted_value(rq, posted, name),
					       NULL, NULL};
			web_radios(rs, &f, c, j, 0, errs, n_errs);
		}
	}
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Send your answers</button>\n</form>\n");
	web_page_end(rq, rs);
}

/* The token of the path: what follows /public/surveys/. */
static const char *path_token(const struct web_req *rq)
{
	return rq->arg ? rq->arg : "";
}

/* Load the survey of l and say whether it takes answers today: 1 (and *s
 * loaded), 0 when a page saying why has been written into rs. */
static int open_survey(struct web_req *rq, struct web_resp *rs, const struct link *l,
		       struct survey **s, struct err *e)
{
	char why[160];
	int rc;
	*s = NULL;
	if (l->used) {
		used_page(rq, rs);
		return 0;
	}
	if (!l->survey_id) {
		not_found(rq, rs);
		return 0;
	}
	if ((rc = survey_load_new(rq->db, l->survey_id, s, e)) < 0)
		return rc;
	if (!survey_accepting(*s, date_today(), why, sizeof why)) {
		plain_page(rq, rs, 200, (*s)->title, why);
		survey_free(*s);
		*s = NULL;
		return 0;
	}
	return 1;
}

int survey_respond_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct link l;
	struct survey *s;
	int rc;
	if ((rc = link_find(rq->db, path_token(rq), &l, e)) < 0)
		return rc;
	if ((rc = open_survey(rq, rs, &l, &s, e)) <= 0)
		return rc;
	form_render(rq, rs, s, path_token(rq), 0, NULL, 0);
	survey_free(s);
	return 0;
}

/* Read the posted form into r, with every problem into errs (msgs holds
 * their words). Returns the number of problems. */
static int read_form(const struct web_req *rq, const struct survey *s, struct survey_response *r,
		     struct web_field_error *errs, char (*msgs)[300], char (*fields)[40])
{
	struct survey_problem p[MAX_PROBLEMS];
	int n = 0, np = 0, i, k;
	size_t j;
	for (j = 0; j < rq->n_params; j++) {
		const struct web_param *w = &rq->params[j];
		struct survey_problem one;
		if (!strcmp(w->name, "csrf"))
			continue;
		if (survey_response_set(s, r, w->name, w->value, &one) < 0) {
			for (k = 0; k < n && strcmp(fields[k], one.field); k++)
				;
			if (k == n && n < MAX_PROBLEMS) {
				snprintf(fields[n], 40, "%s", one.field);
				snprintf(msgs[n], 300, "%s", one.msg);
				if (msgs[n][0] >= 'a' && msgs[n][0] <= 'z')
					msgs[n][0] = (char)(msgs[n][0] - 32);
				n++;
			}
		}
	}
	survey_response_check(s, r, p, MAX_PROBLEMS, &np);
	for (i = 0; i < np && n < MAX_PROBLEMS; i++) {
		long q = 0;
		for (k = 0; k < n && strcmp(fields[k], p[i].field); k++)
			;
		if (k < n)
			continue;
		snprintf(fields[n], 40, "%s", p[i].field);
		str_to_int(p[i].field + 1, 1, SURVEY_MAX_QUESTIONS, &q);
		if (q >= 1 && q <= s->n_questions && !r->answers[q - 1].given)
			snprintf(msgs[n], 300, "Answer question %ld", q);
		else if (q >= 1)
			snprintf(msgs[n], 300, "Choose one answer to question %ld", q);
		else
			snprintf(msgs[n], 300, "%s", p[i].msg);
		n++;
	}
	/* in the order of the form */
	for (i = 0; i < n; i++)
		errs[i] = (struct web_field_error){fields[i], msgs[i]};
	return n;
}

int survey_respond_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *token = path_token(rq);
	struct link l;
	struct survey *s = NULL;
	struct survey_response *r = NULL;
	struct web_field_error errs[MAX_PROBLEMS];
	char (*msgs)[300] = NULL, (*fields)[40] = NULL;
	int rc, n;
	struct err ce;
	if ((rc = web_begin(rq, rs, CAP_PUBLIC, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = net_rate_hit(rq->db, "survey", rq->remote ? rq->remote : "", RATE_MAX,
			       RATE_WINDOW, net_now(), e)) < 0)
		goto fail;
	if (rc == 0) {
		store_rollback(rq->db);
		plain_page(rq, rs, 429, "Too many answers",
			   "Too many answers came from your connection in the last hour. Try again "
			   "in an hour.");
		return 0;
	}
	/* the rate-limit hit is kept whatever follows */
	if ((rc = store_commit(rq->db, e)) < 0)
		goto fail;
	if ((rc = store_begin(rq->db, e)) < 0)
		return rc;
	if ((rc = link_find(rq->db, token, &l, e)) < 0)
		goto fail;
	if ((rc = open_survey(rq, rs, &l, &s, e)) <= 0) {
		store_rollback(rq->db);
		return rc;
	}
	r = calloc(1, sizeof *r);
	msgs = calloc(MAX_PROBLEMS, sizeof *msgs);
	fields = calloc(MAX_PROBLEMS, sizeof *fields);
	if (!r || !msgs || !fields) {
		rc = err_set(e, ERR_INTERNAL, "out of memory");
		goto fail;
	}
	survey_response_init(r);
	if ((n = read_form(rq, s, r, errs, msgs, fields)) > 0) {
		store_rollback(rq->db);
		rs->status = 400;
		form_render(rq, rs, s, token, 1, errs, n);
		rc = 0;
		goto done;
	}
	err_clear(&ce);
	rc = survey_respond(rq->db, s, r, l.personal ? token : NULL, l.member_id, "web",
			    date_today(), NULL, &ce);
	if (rc == ERR_DATA) {
		store_rollback(rq->db);
		if (strstr(ce.msg, "already been used"))
			used_page(rq, rs);
		else {
			char msg[300];
			survey_web_words(ce.msg, "Check the link you were given and try again.", msg,
					 sizeof msg);
			plain_page(rq, rs, 400, "Your answers could not be sent", msg);
		}
		rc = 0;
		goto done;
	}
	if (rc < 0) {
		err_set(e, rc, "%s", ce.msg);
		goto fail;
	}
	if ((rc = store_commit(rq->db, e)) < 0)
		goto fail;
	web_redirect(rs, "/public/surveys/thanks");
	rc = 0;
	goto done;
fail:
	store_rollback(rq->db);
done:
	if (r)
		survey_response_clear(r);
	free(r);
	free(msgs);
	free(fields);
	survey_free(s);
	return rc;
}

int survey_thanks_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	(void)e;
	web_page_begin(rq, rs, "Thank you", SEC_NONE);
	web_raw(rs, "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 "
		    "class=\"govuk-panel__title\">Thank you</h1><div class=\"govuk-panel__body\">"
		    "Your answers have been sent</div></div>\n"
		    "<p class=\"govuk-body\">Results are shared only for groups of at least 10 "
		    "people, so that no one can be recognised from them.</p>\n");
	web_page_end(rq, rs);
	return 0;
}
