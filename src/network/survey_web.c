/*
 * network/survey_web.c: consultations and surveys on the web, for
 * accounts holding the members capability — the list of surveys, creating
 * one (its kind, anonymity, who may answer, the characteristics it asks,
 * its dates), one survey's page (its questions, its link or its members'
 * invitations, its responses), adding a question a step at a time (what
 * kind of question, then its words), and opening, closing and inviting
 * members after an "are you sure" page. Results, downloads and feeding
 * monitoring are in survey_web_results.c; the respondents' form in
 * survey_web_public.c. Every change is audited as "survey N"; responses
 * never are (they may be anonymous).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "mail/mail.h"
#include "network/survey_web.h"

/* ---- shared helpers ------------------------------------------------------*/

void survey_web_words(const char *msg, const char *fallback, char *out, size_t n)
{
	const char *p = msg ? msg : "";
	if (p[0] == '-' && p[1] == '-') {
		const char *c = strstr(p, ": ");
		if (c)
			p = c + 2;
	}
	snprintf(out, n, "%s", p);
	if (strstr(out, "parity ") || strstr(out, "--") || !out[0])
		snprintf(out, n, "%s", fallback);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 32);
}

const char *survey_web_status_tag(const char *status)
{
	if (!strcmp(status, "open"))
		return "<strong class=\"govuk-tag govuk-tag--green\">Open</strong>";
	if (!strcmp(status, "closed"))
		return "<strong class=\"govuk-tag govuk-tag--grey\">Closed</strong>";
	return "<strong class=\"govuk-tag govuk-tag--yellow\">Draft</strong>";
}

/* The characteristics a survey may ask, as the create form offers them. */
static const char *const ask_names[] = {"ethnicity", "sex", "age", "disability", "religion",
					"sexual_orientation", "gender_reassignment",
					"marital_status"};
#define N_ASK_NAMES (sizeof ask_names / sizeof ask_names[0])

static void date_words(const char *iso, char out[32])
{
	struct date d = {0, 0, 0};
	if (iso && sscanf(iso, "%4d-%2d-%2d", &d.y, &d.m, &d.d) == 3 && date_valid(d.y, d.m, d.d))
		date_long(d, out);
	else
		snprintf(out, 32, "%s", iso ? iso : "");
}

static void back_link(struct web_resp *rs, const char *href, const char *words)
{
	web_printf(rs, "<a class=\"govuk-back-link\" href=\"%s\">%s</a>\n", href, words);
}

/* ---- GET /network/surveys ------------------------------------------------*/

int survey_list_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	int64_t *ids = NULL;
	size_t n = 0, i;
	int rc;
	if ((rc = survey_list_ids(rq->db, &ids, &n, e)) < 0)
		return rc;
	web_page_begin(rq, rs, "Surveys", SEC_SURVEYS);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Surveys</h1>\n"
		    "<p class=\"govuk-body\">Member consultations, staff surveys and exit interviews. "
		    "Results by group are shown only for groups of at least 10 people.</p>\n"
		    "<a class=\"govuk-button\" data-module=\"govuk-button\" "
		    "href=\"/network/surveys/new\">Create a survey</a>\n");
	if (!n) {
		web_raw(rs, "<p class=\"govuk-body\">There are no surveys yet.</p>\n");
		web_page_end(rq, rs);
		free(ids);
		return 0;
	}
	web_raw(rs, "<div class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" "
		    "aria-label=\"Surveys\">\n<table class=\"govuk-table\">\n"
		    "<caption class=\"govuk-table__caption govuk-visually-hidden\">Surveys, newest "
		    "first</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Title</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Kind</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Status</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
		    "Responses</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (i = 0; i < n; i++) {
		struct survey *s = NULL;
		char cnt[32];
		if ((rc = survey_load_new(rq->db, ids[i], &s, e)) < 0) {
			free(ids);
			return rc;
		}
		str_count(cnt, s->n_responses);
		web_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
			       "<a class=\"govuk-link\" href=\"/network/surveys/%lld\">%s</a></td>"
			       "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">",
			   (long long)s->id, s->title, survey_kind_words(s->kind));
		web_raw(rs, survey_web_status_tag(s->status));
		web_printf(rs, "</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">%s"
			       "</td></tr>\n", cnt);
		survey_free(s);
	}
	web_raw(rs, "</tbody>\n</table>\n</div>\n");
	web_page_end(rq, rs);
	free(ids);
	return 0;
}

/* ---- create --------------------------------------------------------------*/

static const struct web_choice kind_choices[] = {
	{"consultation", "Consultation", "Asking members what they think of a proposal"},
	{"staff-survey", "Staff survey", "Its results can feed the workforce monitoring"},
	{"exit-interview", "Exit interview", "For people leaving the organisation"},
};
static const struct web_choice anon_choices[] = {
	{"yes", "Yes", "No name is kept with an answer, and only the date it came in"},
	{"no", "No", "Each answer is kept with the member who gave it: members only"},
};
static const struct web_choice access_choices[] = {
	{"public", "Anyone with the link", "You hand out one link; it must be anonymous"},
	{"members", "Members only",
	 "Each member who agreed to be consulted is emailed a personal link that works once"},
};

static int ticked(const struct web_req *rq, const char *name, const char *value)
{
	const char *v;
	int k;
	for (k = 0; (v = web_param_n(rq, name, k)); k++)
		if (!strcmp(v, value))
			return 1;
	return 0;
}

static void new_render(struct web_req *rq, struct web_resp *rs, int posted,
		       const struct web_field_error *errs, int n_errs)
{
	struct web_field f;
	struct web_check boxes[N_ASK_NAMES];
	size_t i;
	web_page_begin(rq, rs, n_errs ? "Error: Create a survey" : "Create a survey", SEC_SURVEYS);
	back_link(rs, "/network/surveys", "Surveys");
	web_error_summary(rs, errs, n_errs);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Create a survey</h1>\n"
		    "<p class=\"govuk-body\">The survey starts as a draft: you add its questions next, "
		    "then open it.</p>\n"
		    "<form method=\"post\" action=\"/network/surveys/new\" novalidate>\n");
	web_csrf_field(rq, rs);
	f = (struct web_field){"title", NULL, "Title", "People answering see it as the page's heading",
			       posted ? web_param(rq, "title") : NULL, NULL, "autocomplete=\"off\""};
	web_input(rs, &f, "text", errs, n_errs);
	f = (struct web_field){"kind", NULL, "What kind of survey is it?", NULL,
			       posted ? web_param(rq, "kind") : NULL, NULL, NULL};
	web_radios(rs, &f, kind_choices, 3, 0, errs, n_errs);
	f = (struct web_field){"anonymous", NULL, "Is it anonymous?", NULL,
			       posted ? web_param(rq, "anonymous") : NULL, NULL, NULL};
	web_radios(rs, &f, anon_choices, 2, 0, errs, n_errs);
	f = (struct web_field){"access", NULL, "Who can answer it?", NULL,
			       posted ? web_param(rq, "access") : NULL, NULL, NULL};
	web_radios(rs, &f, access_choices, 2, 0, errs, n_errs);
	for (i = 0; i < N_ASK_NAMES; i++)
		boxes[i] = (struct web_check){ask_names[i], monitor_char_label(ask_names[i]),
					      posted && ticked(rq, "ask", ask_names[i])};
	f = (struct web_field){"ask", "ask", "Which protected characteristics should it ask?",
			       "Each is optional for the person answering, with \"Prefer not to "
			       "say\". Results can then be shown by group.",
			       NULL, NULL, NULL};
	web_checkboxes(rs, &f, boxes, N_ASK_NAMES, errs, n_errs);
	f = (struct web_field){"opens", NULL, "Opens on (optional)",
			       "For example, 1 3 2027. Leave empty to take answers as soon as it is "
			       "open.",
			       NULL, NULL, NULL};
	web_date_input(rs, &f, posted ? web_param(rq, "opens-day") : NULL,
		       posted ? web_param(rq, "opens-month") : NULL,
		       posted ? web_param(rq, "opens-year") : NULL, errs, n_errs);
	f = (struct web_field){"closes", NULL, "Closes on (optional)",
			       "The last day it takes answers. Leave empty to close it yourself.",
			       NULL, NULL, NULL};
	web_date_input(rs, &f, posted ? web_param(rq, "closes-day") : NULL,
		       posted ? web_param(rq, "closes-month") : NULL,
		       posted ? web_param(rq, "closes-year") : NULL, errs, n_errs);
	web_raw(rs, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" "
		    "data-module=\"govuk-button\">Create the survey</button>"
		    "<a class=\"govuk-link\" href=\"/network/surveys\">Cancel</a></div>\n</form>\n");
	web_page_end(rq, rs);
}

int survey_new_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	(void)e;
	new_render(rq, rs, 0, NULL, 0);
	return 0;
}

static int one_of(const char *v, const struct web_choice *c, size_t n)
{
	size_t i;
	for (i = 0; v && i < n; i++)
		if (!strcmp(v, c[i].value))
			return 1;
	return 0;
}

int survey_new_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	const char *title = web_param(rq, "title"), *kind = web_param(rq, "kind"),
		   *anon = web_param(rq, "anonymous"), *access = web_param(rq, "access"), *a;
	struct web_field_error errs[8];
	char dmsg[2][160], msg[400], opens[11] = "", closes[11] = "", target[40], to[64];
	struct buf ask = BUF_INIT;
	struct date d;
	int n_errs = 0, rc, k;
	int64_t id = 0;
	struct err ce;
	struct survey_new sn;
	if (str_blank(title))
		errs[n_errs++] = (struct web_field_error){"title", "Enter a title"};
	if (!one_of(kind, kind_choices, 3))
		errs[n_errs++] = (struct web_field_error){"kind", "Select the kind of survey"};
	if (!one_of(anon, anon_choices, 2))
		errs[n_errs++] = (struct web_field_error){"anonymous",
							  "Select whether the survey is anonymous"};
	if (!one_of(access, access_choices, 2))
		errs[n_errs++] = (struct web_field_error){"access", "Select who can answer it"};
	else if (anon && !strcmp(anon, "no") && !strcmp(access, "public"))
		errs[n_errs++] = (struct web_field_error){
			"anonymous", "A survey anyone can answer with the link must be anonymous: "
				     "the link does not know who is answering"};
	for (k = 0; (a = web_param_n(rq, "ask", k)); k++) {
		size_t i;
		for (i = 0; i < N_ASK_NAMES && strcmp(a, ask_names[i]); i++)
			;
		if (i == N_ASK_NAMES) {
			errs[n_errs++] = (struct web_field_error){"ask", "Tick only the boxes shown"};
			break;
		}
	}
	for (k = 0; k < (int)N_ASK_NAMES; k++)
		if (ticked(rq, "ask", ask_names[k]))
			buf_printf(&ask, "%s%s", ask.len ? "," : "", ask_names[k]);
	if ((rc = web_date_read(rq, "opens", "The opening date", &d, dmsg[0])) < 0)
		errs[n_errs++] = (struct web_field_error){"opens", dmsg[0]};
	else if (rc > 0)
		date_format(d, opens);
	if ((rc = web_date_read(rq, "closes", "The closing date", &d, dmsg[1])) < 0)
		errs[n_errs++] = (struct web_field_error){"closes", dmsg[1]};
	else if (rc > 0)
		date_format(d, closes);
	if (*opens && *closes && strcmp(closes, opens) < 0)
		errs[n_errs++] = (struct web_field_error){"closes",
							  "The closing date must be on or after the "
							  "opening date"};
	if (n_errs) {
		buf_free(&ask);
		rs->status = 400;
		new_render(rq, rs, 1, errs, n_errs);
		return 0;
	}
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0) {
		buf_free(&ask);
		return rc < 0 ? rc : 0;
	}
	sn = (struct survey_new){title, kind, access, buf_str(&ask), *opens ? opens : NULL,
				 *closes ? closes : NULL, !strcmp(anon, "yes")};
	err_clear(&ce);
	rc = survey_create(rq->db, &sn, rq->user->name, &id, &ce);
	buf_free(&ask);
	if (rc == ERR_USAGE || rc == ERR_DATA) {
		store_rollback(rq->db);
		survey_web_words(ce.msg, "Check the survey's details", msg, sizeof msg);
		errs[0] = (struct web_field_error){"title", msg};
		rs->status = 400;
		new_render(rq, rs, 1, errs, 1);
		return 0;
	}
	snprintf(target, sizeof target, "survey %lld", (long long)id);
	if (rc < 0 || (rc = web_audit(rq, "survey.create", target, NULL, title, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		if (rc < 0 && !e->msg[0])
			err_set(e, rc, "%s", ce.msg);
		store_rollback(rq->db);
		return rc;
	}
	web_flash(rq, "Survey created: add its questions");
	snprintf(to, sizeof to, "/network/surveys/%lld", (long long)id);
	web_redirect(rs, to);
	return 0;
}

/* ---- one survey ----------------------------------------------------------*/

static void row(struct web_resp *rs, const char *key, const char *value)
{
	web_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		       "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
		   key, value ? value : "");
}

static const char *qtype_words(enum survey_qtype t)
{
	switch (t) {
	case SQ_SINGLE:
		return "One answer from a list";
	case SQ_MULTIPLE:
		return "Any answers from a list";
	case SQ_SCALE:
		return "A scale";
	default:
		return "In their own words";
	}
}

static void questions_list(struct web_resp *rs, const struct survey *s)
{
	int i, j;
	if (!s->n_questions) {
		web_raw(rs, "<p class=\"govuk-body\">No questions yet.</p>\n");
		return;
	}
	web_raw(rs, "<ol class=\"govuk-list govuk-list--number\">\n");
	for (i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		web_printf(rs, "<li><p class=\"govuk-body govuk-!-margin-bottom-1\">%s</p>"
			       "<p class=\"govuk-hint govuk-!-margin-bottom-1\">%s; %s</p>\n",
			   q->text, qtype_words(q->type), q->required ? "must be answered" : "optional");
		if (q->type == SQ_SINGLE || q->type == SQ_MULTIPLE) {
			web_raw(rs, "<ul class=\"govuk-list govuk-list--bullet\">");
			for (j = 0; j < q->n_choices; j++)
				web_printf(rs, "<li>%s</li>", q->choices[j]);
			web_raw(rs, "</ul>\n");
		} else if (q->type == SQ_SCALE) {
			web_printf(rs, "<p class=\"govuk-body\">From %d%s%s%s to %d%s%s%s</p>\n",
				   q->scale_lo, q->lo_label[0] ? " (" : "", q->lo_label,
				   q->lo_label[0] ? ")" : "", q->scale_hi, q->hi_label[0] ? " (" : "",
				   q->hi_label, q->hi_label[0] ? ")" : "");
		}
		web_raw(rs, "</li>\n");
	}
	web_raw(rs, "</ol>\n");
}

static int show_survey(struct web_req *rq, struct web_resp *rs, const struct survey *s)
{
	char cnt[32], buf1[64], path[128];
	struct buf b = BUF_INIT;
	int i;
	web_page_begin(rq, rs, s->title, SEC_SURVEYS);
	back_link(rs, "/network/surveys", "Surveys");
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n"
		       "<h1 class=\"govuk-heading-l\">%s</h1>\n",
		   survey_kind_words(s->kind), s->title);
	web_raw(rs, "<dl class=\"govuk-summary-list\">\n<div class=\"govuk-summary-list__row\">"
		    "<dt class=\"govuk-summary-list__key\">Status</dt>"
		    "<dd class=\"govuk-summary-list__value\">");
	web_raw(rs, survey_web_status_tag(s->status));
	web_raw(rs, "</dd></div>\n");
	row(rs, "Anonymous", s->anonymous ? "Yes: no name is kept with an answer"
					  : "No: each answer is kept with the member's name");
	row(rs, "Who can answer", !strcmp(s->access, "public")
					  ? "Anyone with the link"
					  : "Members, each with a personal link that works once");
	for (i = 0; i < s->n_asks; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", monitor_char_label(s->asks[i]));
	row(rs, "Characteristics asked", s->n_asks ? buf_str(&b) : "None");
	buf_free(&b);
	date_words(s->opens, buf1);
	row(rs, "Opens", s->opens[0] ? buf1 : "When it is opened");
	date_words(s->closes, buf1);
	row(rs, "Closes", s->closes[0] ? buf1 : "When it is closed");
	str_count(cnt, s->n_responses);
	row(rs, "Responses", cnt);
	if (!strcmp(s->access, "members")) {
		snprintf(buf1, sizeof buf1, "%lld mailed, %lld used", (long long)s->n_invited,
			 (long long)s->n_used);
		row(rs, "Personal links", buf1);
	}
	web_raw(rs, "</dl>\n");
	if (s->public_token[0] && !strcmp(s->status, "open")) {
		snprintf(path, sizeof path, "/public/surveys/%s", s->public_token);
		web_self_url(rq, &b, path);
		web_raw(rs, "<h2 class=\"govuk-heading-m\">The survey's link</h2>\n"
			    "<div class=\"govuk-form-group\">\n<label class=\"govuk-label\" "
			    "for=\"survey-link\">Anyone with this link can answer the survey: copy "
			    "it into a newsletter, an email or a poster</label>\n");
		web_printf(rs, "<input class=\"govuk-input\" id=\"survey-link\" name=\"survey-link\" "
			       "type=\"text\" value=\"%s\" readonly spellcheck=\"false\">\n</div>\n"
			       "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s\">Open the "
			       "survey's form</a></p>\n",
			   buf_str(&b), path);
		buf_free(&b);
	}
	web_raw(rs, "<h2 class=\"govuk-heading-m\">Questions</h2>\n");
	questions_list(rs, s);
	web_raw(rs, "<div class=\"govuk-button-group\">\n");
	if (!strcmp(s->status, "draft")) {
		web_printf(rs, "<a class=\"govuk-button\" data-module=\"govuk-button\" "
			       "href=\"/network/surveys/%lld/question\">Add a question</a>\n",
			   (long long)s->id);
		if (s->n_questions)
			web_printf(rs, "<a class=\"govuk-button govuk-button--secondary\" "
				       "data-module=\"govuk-button\" href=\"/network/surveys/%lld/open\">"
				       "Open the survey</a>\n",
				   (long long)s->id);
	} else if (!strcmp(s->status, "open")) {
		if (!strcmp(s->access, "members"))
			web_printf(rs, "<a class=\"govuk-button\" data-module=\"govuk-button\" "
				       "href=\"/network/surveys/%lld/invite\">Invite members</a>\n",
				   (long long)s->id);
		web_printf(rs, "<a class=\"govuk-button govuk-button--warning\" "
			       "data-module=\"govuk-button\" href=\"/network/surveys/%lld/close\">"
			       "Close the survey</a>\n",
			   (long long)s->id);
	} else {
		web_printf(rs, "<a class=\"govuk-button govuk-button--secondary\" "
			       "data-module=\"govuk-button\" href=\"/network/surveys/%lld/open\">"
			       "Open it again</a>\n",
			   (long long)s->id);
	}
	web_raw(rs, "</div>\n");
	if (strcmp(s->status, "draft")) {
		web_raw(rs, "<h2 class=\"govuk-heading-m\">Results</h2>\n"
			    "<ul class=\"govuk-list\">\n");
		web_printf(rs, "<li><a class=\"govuk-link\" href=\"/network/surveys/%lld/results\">"
			       "See the results</a></li>\n",
			   (long long)s->id);
		if (s->n_asks)
			web_printf(rs, "<li><a class=\"govuk-link\" href=\"/network/surveys/%lld/feed\">"
				       "Feed the results into monitoring</a></li>\n",
				   (long long)s->id);
		web_raw(rs, "</ul>\n");
	}
	web_page_end(rq, rs);
	return 0;
}

/* ---- adding a question ---------------------------------------------------*/

static const struct web_choice type_choices[] = {
	{"single", "One answer from a list", "For example, Yes or No"},
	{"multiple", "Any answers from a list", "They tick all that apply"},
	{"scale", "A scale", "For example, from 1 (strongly disagree) to 5 (strongly agree)"},
	{"text", "In their own words", "A box to write in. Shown only for everyone together"},
};
static const struct web_choice required_choices[] = {
	{"yes", "Yes", NULL},
	{"no", "No, it is optional", NULL},
};

static void type_render(struct web_req *rq, struct web_resp *rs, const struct survey *s,
			const struct web_field_error *errs, int n_errs)
{
	struct web_field f = {"type", NULL, "What kind of question is it?", NULL, NULL, NULL, NULL};
	char back[64];
	snprintf(back, sizeof back, "/network/surveys/%lld", (long long)s->id);
	web_page_begin(rq, rs, n_errs ? "Error: Add a question" : "Add a question", SEC_SURVEYS);
	back_link(rs, back, s->title);
	web_error_summary(rs, errs, n_errs);
	web_printf(rs, "<span class=\"govuk-caption-l\">%s: question %d</span>\n"
		       "<form method=\"get\" action=\"/network/surveys/%lld/question\" novalidate>\n"
		       "<input type=\"hidden\" name=\"step\" value=\"2\">\n",
		   s->title, s->n_questions + 1, (long long)s->id);
	web_radios(rs, &f, type_choices, 4, 1, errs, n_errs);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Continue</button>\n</form>\n");
	web_page_end(rq, rs);
}

static void question_render(struct web_req *rq, struct web_resp *rs, const struct survey *s,
			    enum survey_qtype t, int posted, const struct web_field_error *errs,
			    int n_errs)
{
	struct web_field f;
	char back[64], cap[SURVEY_TITLE_MAX + 40];
	snprintf(back, sizeof back, "/network/surveys/%lld/question", (long long)s->id);
	web_page_begin(rq, rs, n_errs ? "Error: Add a question" : "Add a question", SEC_SURVEYS);
	back_link(rs, back, "Back");
	web_error_summary(rs, errs, n_errs);
	snprintf(cap, sizeof cap, "%s: question %d", s->title, s->n_questions + 1);
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n"
		       "<h1 class=\"govuk-heading-l\">%s</h1>\n"
		       "<form method=\"post\" action=\"/network/surveys/%lld/question\" novalidate>\n"
		       "<input type=\"hidden\" name=\"type\" value=\"%s\">\n",
		   cap, type_choices[t].label, (long long)s->id, survey_qtype_name(t));
	web_csrf_field(rq, rs);
	f = (struct web_field){"text", NULL, "The question", NULL,
			       posted ? web_param(rq, "text") : NULL, NULL, NULL};
	web_textarea(rs, &f, 3, errs, n_errs);
	if (t == SQ_SINGLE || t == SQ_MULTIPLE) {
		f = (struct web_field){"choices", NULL, "The choices",
				       "Write each on its own line: from 2 to 20 choices",
				       posted ? web_param(rq, "choices") : NULL, NULL, NULL};
		web_textarea(rs, &f, 6, errs, n_errs);
	} else if (t == SQ_SCALE) {
		f = (struct web_field){"lo", NULL, "Lowest point", "For example, 1",
				       posted ? web_param(rq, "lo") : "1", "govuk-input--width-2",
				       "inputmode=\"numeric\""};
		web_input(rs, &f, "text", errs, n_errs);
		f = (struct web_field){"lo_label", NULL, "What the lowest point means (optional)",
				       "For example, Strongly disagree",
				       posted ? web_param(rq, "lo_label") : NULL, NULL, NULL};
		web_input(rs, &f, "text", errs, n_errs);
		f = (struct web_field){"hi", NULL, "Highest point", "For example, 5",
				       posted ? web_param(rq, "hi") : "5", "govuk-input--width-2",
				       "inputmode=\"numeric\""};
		web_input(rs, &f, "text", errs, n_errs);
		f = (struct web_field){"hi_label", NULL, "What the highest point means (optional)",
				       "For example, Strongly agree",
				       posted ? web_param(rq, "hi_label") : NULL, NULL, NULL};
		web_input(rs, &f, "text", errs, n_errs);
	}
	f = (struct web_field){"required", NULL, "Must it be answered?", NULL,
			       posted && web_param(rq, "required") ? web_param(rq, "required") : "yes",
			       "govuk-radios--inline", NULL};
	web_radios(rs, &f, required_choices, 2, 0, errs, n_errs);
	web_raw(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Add the question</button>\n</form>\n");
	web_page_end(rq, rs);
}

static int draft_only(struct web_req *rq, struct web_resp *rs, const struct survey *s)
{
	char back[64];
	snprintf(back, sizeof back, "/network/surveys/%lld", (long long)s->id);
	rs->status = 409;
	web_page_begin(rq, rs, "The survey is not a draft", SEC_SURVEYS);
	back_link(rs, back, s->title);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">Questions can no longer be added</h1>\n"
		    "<p class=\"govuk-body\">Questions are added only while a survey is a draft: once "
		    "people have seen it, its questions stay as they were.</p>\n");
	web_page_end(rq, rs);
	return 0;
}

static int question_page(struct web_req *rq, struct web_resp *rs, const struct survey *s)
{
	const char *type = web_param(rq, "type"), *step = web_param(rq, "step");
	enum survey_qtype t;
	struct err ce;
	if (strcmp(s->status, "draft"))
		return draft_only(rq, rs, s);
	err_clear(&ce);
	if (str_blank(type) || survey_qtype_parse(type, &t, &ce) < 0) {
		struct web_field_error err1 = {"type", "Select the kind of question"};
		int bad = step != NULL;
		if (bad)
			rs->status = 400;
		type_render(rq, rs, s, bad ? &err1 : NULL, bad);
		return 0;
	}
	question_render(rq, rs, s, t, 0, NULL, 0);
	return 0;
}

/* The lines of text as choices of q (trimmed, empty lines skipped):
 * 0, or a message into msg. */
static int read_choices(const char *text, struct survey_question *q, char *msg, size_t n)
{
	const char *p = text ? text : "";
	q->n_choices = 0;
	while (*p) {
		size_t len = strcspn(p, "\r\n");
		struct buf one = BUF_INIT;
		char *t;
		int j;
		buf_append(&one, p, len);
		t = len ? str_trim(one.data) : NULL;
		if (t && *t) {
			if (q->n_choices >= SURVEY_MAX_CHOICES) {
				buf_free(&one);
				snprintf(msg, n, "Give at most %d choices", SURVEY_MAX_CHOICES);
				return -1;
			}
			if (strlen(t) >= SURVEY_CHOICE_MAX) {
				buf_free(&one);
				snprintf(msg, n, "Each choice must be %d characters or fewer",
					 SURVEY_CHOICE_MAX - 8);
				return -1;
			}
			for (j = 0; j < q->n_choices; j++)
				if (str_eq_ci(q->choices[j], t)) {
					snprintf(msg, n, "Give each choice once: '%.60s' is there twice", t);
					buf_free(&one);
					return -1;
				}
			snprintf(q->choices[q->n_choices++], SURVEY_CHOICE_MAX, "%s", t);
		}
		buf_free(&one);
		p += len;
		while (*p == '\r' || *p == '\n')
			p++;
	}
	if (q->n_choices < 2) {
		snprintf(msg, n, "Give at least 2 choices, each on its own line");
		return -1;
	}
	return 0;
}

static int question_post(struct web_req *rq, struct web_resp *rs, const struct survey *s,
			 struct err *e)
{
	const char *type = web_param(rq, "type"), *text = web_param(rq, "text"),
		   *req_ = web_param(rq, "required");
	struct survey_question *q;
	struct web_field_error errs[6];
	char cmsg[160], msg[400], target[40], to[64], flash[64];
	enum survey_qtype t;
	int n_errs = 0, rc;
	long lo = 0, hi = 0;
	struct err ce;
	err_clear(&ce);
	if (strcmp(s->status, "draft"))
		return draft_only(rq, rs, s);
	if (str_blank(type) || survey_qtype_parse(type, &t, &ce) < 0)
		return err_set(e, ERR_USAGE, "Choose the kind of question first.");
	q = calloc(1, sizeof *q);
	if (!q)
		return err_set(e, ERR_INTERNAL, "out of memory");
	q->type = t;
	if (str_blank(text))
		errs[n_errs++] = (struct web_field_error){"text", "Enter the question"};
	else if (strlen(text) >= SURVEY_QTEXT_MAX)
		errs[n_errs++] = (struct web_field_error){"text",
							  "The question must be 500 characters or "
							  "fewer"};
	else
		snprintf(q->text, sizeof q->text, "%s", text);
	if ((t == SQ_SINGLE || t == SQ_MULTIPLE) &&
	    read_choices(web_param(rq, "choices"), q, cmsg, sizeof cmsg) < 0)
		errs[n_errs++] = (struct web_field_error){"choices", cmsg};
	if (t == SQ_SCALE) {
		const char *ll = web_param(rq, "lo_label"), *hl = web_param(rq, "hi_label");
		int lo_ok = str_to_int(web_param(rq, "lo"), 0, 10, &lo) == 0;
		if (!lo_ok)
			errs[n_errs++] = (struct web_field_error){"lo", "Enter the lowest point as a "
									"whole number from 0 to 10"};
		if (str_to_int(web_param(rq, "hi"), 0, 10, &hi) < 0)
			errs[n_errs++] = (struct web_field_error){"hi", "Enter the highest point as a "
									"whole number from 0 to 10"};
		else if (lo_ok && hi - lo < 2)
			errs[n_errs++] = (struct web_field_error){"hi", "The highest point must be at "
									"least 2 more than the lowest"};
		if (ll && strlen(ll) >= SURVEY_CHOICE_MAX)
			errs[n_errs++] = (struct web_field_error){"lo_label", "Shorten what the lowest "
									      "point means"};
		else
			snprintf(q->lo_label, sizeof q->lo_label, "%s", ll ? ll : "");
		if (hl && strlen(hl) >= SURVEY_CHOICE_MAX)
			errs[n_errs++] = (struct web_field_error){"hi_label", "Shorten what the highest "
									      "point means"};
		else
			snprintf(q->hi_label, sizeof q->hi_label, "%s", hl ? hl : "");
		q->scale_lo = (int)lo;
		q->scale_hi = (int)hi;
	}
	if (!one_of(req_, required_choices, 2))
		errs[n_errs++] = (struct web_field_error){"required",
							  "Select whether it must be answered"};
	q->required = req_ && !strcmp(req_, "yes");
	if (n_errs) {
		free(q);
		rs->status = 400;
		question_render(rq, rs, s, t, 1, errs, n_errs);
		return 0;
	}
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0) {
		free(q);
		return rc < 0 ? rc : 0;
	}
	rc = survey_question_add(rq->db, s->id, q, &ce);
	if (rc == ERR_USAGE || rc == ERR_DATA) {
		store_rollback(rq->db);
		survey_web_words(ce.msg, "Check the question", msg, sizeof msg);
		errs[0] = (struct web_field_error){"text", msg};
		rs->status = 400;
		question_render(rq, rs, s, t, 1, errs, 1);
		free(q);
		return 0;
	}
	snprintf(target, sizeof target, "survey %lld", (long long)s->id);
	if (rc < 0) {
		err_set(e, rc, "%s", ce.msg);
	} else if ((rc = web_audit(rq, "survey.question", target, NULL, q->text, e)) >= 0) {
		rc = store_commit(rq->db, e);
	}
	if (rc < 0) {
		store_rollback(rq->db);
		free(q);
		return rc;
	}
	snprintf(flash, sizeof flash, "Question %d added", q->number);
	free(q);
	web_flash(rq, flash);
	snprintf(to, sizeof to, "/network/surveys/%lld", (long long)s->id);
	web_redirect(rs, to);
	return 0;
}

/* ---- open, close, invite: a page to confirm, then the POST ---------------*/

enum step { STEP_OPEN, STEP_CLOSE, STEP_INVITE };

/* The members the invitation would mail now (survey_invite's choice). */
static int invite_count(store_t *db, int64_t id, int64_t *n, struct err *e)
{
	return store_query_int(db, n, e,
			       "SELECT COUNT(*) FROM net_member m WHERE m.status = 'active' AND "
			       "m.email IS NOT NULL AND EXISTS (SELECT 1 FROM net_consent c WHERE "
			       "c.member_id = m.id AND c.purpose = 'consultations' AND "
			       "c.withdrawn_at IS NULL) AND NOT EXISTS (SELECT 1 FROM "
			       "net_survey_token t WHERE t.survey_id = ? AND t.member_id = m.id)",
			       "i", id);
}

static int confirm_render(struct web_req *rq, struct web_resp *rs, const struct survey *s,
			  enum step st, const char *problem, struct err *e)
{
	static const char *const verbs[] = {"open", "close", "invite"};
	char back[64], cnt[32], when[32];
	int64_t n = 0;
	int can = 1, rc;
	snprintf(back, sizeof back, "/network/surveys/%lld", (long long)s->id);
	if (st == STEP_INVITE && (rc = invite_count(rq->db, s->id, &n, e)) < 0)
		return rc;
	web_page_begin(rq, rs, problem ? "Error: Are you sure?" : "Are you sure?", SEC_SURVEYS);
	back_link(rs, back, s->title);
	if (problem) {
		struct web_field_error one = {"confirm", problem};
		web_error_summary(rs, &one, 1);
	}
	web_printf(rs, "<span class=\"govuk-caption-l\">%s</span>\n", s->title);
	if (st == STEP_OPEN) {
		web_raw(rs, "<h1 class=\"govuk-heading-l\">Are you sure you want to open the "
			    "survey?</h1>\n");
		if (!s->n_questions) {
			can = 0;
			web_raw(rs, "<p class=\"govuk-body\">The survey has no questions yet: add a "
				    "question first.</p>\n");
		} else {
			date_words(s->opens, when);
			web_printf(rs, "<p class=\"govuk-body\">%s can answer it%s%s. Its questions can "
				       "no longer be changed or added to.</p>\n",
				   !strcmp(s->access, "public") ? "Anyone with its link"
								: "Members you invite",
				   s->opens[0] ? " from " : " from now", s->opens[0] ? when : "");
		}
	} else if (st == STEP_CLOSE) {
		web_raw(rs, "<h1 class=\"govuk-heading-l\">Are you sure you want to close the "
			    "survey?</h1>\n<p class=\"govuk-body\">It will take no more answers. You "
			    "can open it again later.</p>\n");
	} else {
		str_count(cnt, n);
		web_raw(rs, "<h1 class=\"govuk-heading-l\">Invite members to answer</h1>\n");
		if (strcmp(s->access, "members")) {
			can = 0;
			web_raw(rs, "<p class=\"govuk-body\">This survey has one link for anyone: hand "
				    "out its link instead.</p>\n");
		} else if (strcmp(s->status, "open")) {
			can = 0;
			web_raw(rs, "<p class=\"govuk-body\">Open the survey first: members are invited "
				    "to an open survey.</p>\n");
		} else if (!mail_configured(rq->db)) {
			can = 0;
			web_raw(rs, "<p class=\"govuk-body\">Email is not set up on this site yet, so no "
				    "invitations can be sent.</p>\n");
		} else if (!n) {
			can = 0;
			web_raw(rs, "<p class=\"govuk-body\">Every member who agreed to be consulted has "
				    "been sent a link already.</p>\n");
		} else {
			web_printf(rs, "<p class=\"govuk-body\">%s member%s will be emailed a personal "
				       "link to the survey: each active member who agreed to be "
				       "consulted and has not been sent one yet. Each link works "
				       "once.</p>\n",
				   cnt, n == 1 ? "" : "s");
		}
	}
	if (can) {
		web_printf(rs, "<form method=\"post\" action=\"/network/surveys/%lld/%s\" "
			       "novalidate>\n",
			   (long long)s->id, verbs[st]);
		web_csrf_field(rq, rs);
		web_raw(rs, "<input type=\"hidden\" name=\"confirm\" id=\"confirm\" value=\"yes\">\n"
			    "<div class=\"govuk-button-group\">");
		web_printf(rs, "<button type=\"submit\" class=\"govuk-button%s\" "
			       "data-module=\"govuk-button\">%s</button>",
			   st == STEP_CLOSE ? " govuk-button--warning" : "",
			   st == STEP_OPEN ? "Open the survey"
			   : st == STEP_CLOSE ? "Close the survey" : "Send the links");
		web_printf(rs, "<a class=\"govuk-link\" href=\"%s\">Cancel</a></div>\n</form>\n", back);
	} else {
		web_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s\">Back to "
			       "the survey</a></p>\n", back);
	}
	web_page_end(rq, rs);
	return 0;
}

static int confirm_post(struct web_req *rq, struct web_resp *rs, const struct survey *s,
			enum step st, struct err *e)
{
	static const char *const whats[] = {"survey.open", "survey.close", "survey.invite"};
	const char *c = web_param(rq, "confirm");
	char target[40], to[64], flash[96], msg[400], after[40] = "";
	int rc, n = 0;
	struct err ce;
	if (!c || strcmp(c, "yes"))
		return err_set(e, ERR_USAGE, "Press the button on the page to confirm.");
	if ((rc = web_begin(rq, rs, CAP_MEMBERS, e)) != 0)
		return rc < 0 ? rc : 0;
	err_clear(&ce);
	if (st == STEP_OPEN)
		rc = survey_open(rq->db, s->id, &ce);
	else if (st == STEP_CLOSE)
		rc = survey_close(rq->db, s->id, &ce);
	else
		rc = survey_invite(rq->db, s->id, net_now(), &n, &ce);
	if (rc == ERR_DATA || rc == ERR_USAGE) {
		store_rollback(rq->db);
		survey_web_words(ce.msg, st == STEP_OPEN ? "The survey cannot be opened now"
					 : st == STEP_CLOSE ? "The survey is not open"
					 : "Invitations cannot be sent now", msg, sizeof msg);
		rs->status = 400;
		return confirm_render(rq, rs, s, st, msg, e);
	}
	if (rc < 0) {
		store_rollback(rq->db);
		return err_set(e, rc, "%s", ce.msg);
	}
	snprintf(target, sizeof target, "survey %lld", (long long)s->id);
	if (st == STEP_INVITE)
		snprintf(after, sizeof after, "%d members", n);
	if ((rc = web_audit(rq, whats[st], target, NULL, after[0] ? after : NULL, e)) < 0 ||
	    (rc = store_commit(rq->db, e)) < 0) {
		store_rollback(rq->db);
		return rc;
	}
	if (st == STEP_INVITE) {
		char cnt[32];
		str_count(cnt, n);
		snprintf(flash, sizeof flash, "%s member%s emailed a link", cnt, n == 1 ? "" : "s");
	} else {
		snprintf(flash, sizeof flash, "Survey %s", st == STEP_OPEN ? "opened" : "closed");
	}
	web_flash(rq, flash);
	snprintf(to, sizeof to, "/network/surveys/%lld", (long long)s->id);
	web_redirect(rs, to);
	return 0;
}

/* ---- dispatch on /network/surveys/ID[/what] ------------------------------*/

/* The survey of the route's argument into *s (allocated) and what follows
 * its id into *what ("" for the survey itself). ERR_NOTFOUND otherwise. */
static int load_arg(struct web_req *rq, struct survey **s, const char **what, struct err *e)
{
	const char *a = rq->arg ? rq->arg : "";
	size_t n = strspn(a, "0123456789");
	char num[16];
	long id;
	int rc;
	*s = NULL;
	if (!n || n >= sizeof num || (a[n] && a[n] != '/'))
		return err_set(e, ERR_NOTFOUND, "There is no such survey. See the list of surveys.");
	memcpy(num, a, n);
	num[n] = 0;
	if (str_to_int(num, 1, 2000000000L, &id) < 0)
		return err_set(e, ERR_NOTFOUND, "There is no such survey. See the list of surveys.");
	*what = a[n] ? a + n + 1 : "";
	if ((rc = survey_load_new(rq->db, id, s, e)) == ERR_NOTFOUND) {
		err_clear(e);
		return err_set(e, ERR_NOTFOUND, "There is no survey %ld. See the list of surveys.", id);
	}
	return rc;
}

int survey_one_page(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct survey *s;
	const char *what;
	int rc;
	if ((rc = load_arg(rq, &s, &what, e)) < 0)
		return rc;
	if (!*what)
		rc = show_survey(rq, rs, s);
	else if (!strcmp(what, "question"))
		rc = question_page(rq, rs, s);
	else if (!strcmp(what, "open"))
		rc = confirm_render(rq, rs, s, STEP_OPEN, NULL, e);
	else if (!strcmp(what, "close"))
		rc = confirm_render(rq, rs, s, STEP_CLOSE, NULL, e);
	else if (!strcmp(what, "invite"))
		rc = confirm_render(rq, rs, s, STEP_INVITE, NULL, e);
	else if (!strcmp(what, "results"))
		rc = survey_web_results(rq, rs, s, NULL, e);
	else if (!strcmp(what, "results.csv"))
		rc = survey_web_results(rq, rs, s, "csv", e);
	else if (!strcmp(what, "results.xlsx"))
		rc = survey_web_results(rq, rs, s, "xlsx", e);
	else if (!strcmp(what, "feed"))
		rc = survey_web_feed_page(rq, rs, s, e);
	else
		rc = err_set(e, ERR_NOTFOUND, "The survey has no page '%s'.", what);
	survey_free(s);
	return rc;
}

int survey_one_post(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	struct survey *s;
	const char *what;
	int rc;
	if ((rc = load_arg(rq, &s, &what, e)) < 0)
		return rc;
	if (!strcmp(what, "question"))
		rc = question_post(rq, rs, s, e);
	else if (!strcmp(what, "open"))
		rc = confirm_post(rq, rs, s, STEP_OPEN, e);
	else if (!strcmp(what, "close"))
		rc = confirm_post(rq, rs, s, STEP_CLOSE, e);
	else if (!strcmp(what, "invite"))
		rc = confirm_post(rq, rs, s, STEP_INVITE, e);
	else if (!strcmp(what, "feed"))
		rc = survey_web_feed_post(rq, rs, s, e);
	else
		rc = err_set(e, ERR_NOTFOUND, "The survey has no form '%s'.", what);
	survey_free(s);
	return rc;
}
