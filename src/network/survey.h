/*
 * network/survey.h: consultations and surveys (issue 18) — the model that
 * the commands (survey_cmd.c) and the web pages (survey_web*.c) share.
 *
 * A survey is a member consultation, a staff survey or an exit interview:
 * a title, numbered questions (single choice, multiple choice, a scale
 * with end labels, free text; each required or optional), the protected
 * characteristics it asks (optionally: every one offers "Prefer not to
 * say", counted as "Not stated"; a skipped one is "Missing"), anonymous or
 * named, and its access:
 *   public  — anyone with the link /public/surveys/TOKEN answers; the
 *             token (s->public_token) is made when the survey opens and
 *             is kept as it is (it is meant to be handed out);
 *   members — each active member holding consent for "consultations" is
 *             mailed a personal single-use link (survey_invite); only the
 *             token's hash is stored (net_token_hash), one response each.
 * A survey goes draft → open → closed; questions are added only while it
 * is a draft. It takes responses while open and, when it has them, from
 * its opening date and up to its closing date (Europe/London days).
 *
 * Anonymity: an anonymous survey's responses hold no member id and only
 * the date (no time) they came in; a token's row records that it was used,
 * not when nor which response. A named survey stores the member id with
 * the response (members access only: a public link knows nobody). Pages
 * keep it so: no audit entry per response of an anonymous survey, no
 * address or time stored with one (net_rate_hit's table forgets an
 * address after an hour).
 *
 * Results (survey_results.c; docs/network.md "Consultations and
 * surveys"): per question and choice, the count and share of those who
 * answered the question, overall and by the groups of one characteristic;
 * a scale question as the share agreeing (its top two points). Each
 * recorded group is compared with the reference group (White for
 * ethnicity, else the largest shown group) by monitor_compare (difference
 * with Newcombe's 95% interval, p), the p-values adjusted by Holm across
 * every comparison of one results run. Publication threshold: a group (or
 * the whole survey) with fewer than threshold responses to a question has
 * no result at all ("fewer than N responses"); free text is never shown by
 * group, and shown overall only when the survey has at least threshold
 * responses. The threshold is at least SURVEY_THRESHOLD_MIN (10); it may
 * be raised, never lowered, for every output alike (text, JSON, CSV, XLSX).
 * Secondary suppression: when what the shown groups leave of the total
 * (the total less the shown groups) is between 1 and threshold - 1, the
 * smallest shown group other than the reference is hidden too, until the
 * rest is 0 or at least the threshold (or, when none is left to hide, the
 * total is hidden) — for the groups' numbers of responses, and for each
 * question's cells, so no hidden group's answers can be worked out by
 * subtraction. All or none: when, in a row of a question, the hidden
 * groups together all gave the answer or none did, the smallest shown
 * group (the reference last) is hidden too until no row is so.
 *
 * The room: survey_room (network.h), its tables in survey_room.c: the
 * commands (survey_cmd.c) and the pages, whose handlers (survey_web*.c)
 * are declared in network/survey_web.h.
 *
 * Every function taking a store_t works inside the caller's transaction
 * unless it says otherwise; none prints.
 */
#ifndef PARITY_NETWORK_SURVEY_H
#define PARITY_NETWORK_SURVEY_H

#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/dates.h"
#include "monitor/monitor.h"
#include "network/internal.h"

#define SURVEY_TITLE_MAX 160	 /* a title's bytes with the NUL (150 characters at most) */
#define SURVEY_QTEXT_MAX 512	 /* a question's text, with the NUL */
#define SURVEY_CHOICE_MAX 128	 /* a choice's or an end label's text, with the NUL */
#define SURVEY_MAX_CHOICES 20	 /* choices of one question */
#define SURVEY_MAX_QUESTIONS 60	 /* questions of one survey */
#define SURVEY_MAX_ASK 8	 /* characteristics one survey asks */
#define SURVEY_TEXT_MAX 4000	 /* a free-text answer's bytes at most */
#define SURVEY_VALUE_MAX 64	 /* a characteristic's answer, with the NUL */
#define SURVEY_THRESHOLD_MIN 10	 /* the publication threshold, and its floor */
#define SURVEY_MAX_RESPONSES 100000 /* responses one survey keeps */

/* The kinds of survey and of question, as stored and as typed. */
enum survey_qtype { SQ_SINGLE, SQ_MULTIPLE, SQ_SCALE, SQ_TEXT };

/* 1 when kind is "consultation", "staff-survey" or "exit-interview". */
int survey_kind_ok(const char *kind);
/* "Consultation", "Staff survey", "Exit interview" for a kind (static). */
const char *survey_kind_words(const char *kind);
/* "single", "multiple", "scale", "text" for a type (static), and back:
 * 0 and *t set, or ERR_USAGE listing the types. */
const char *survey_qtype_name(enum survey_qtype t);
int survey_qtype_parse(const char *s, enum survey_qtype *t, struct err *e);
/* 0 when name is a characteristic a survey may ask (ethnicity, sex, age,
 * disability, religion, sexual_orientation, gender_reassignment,
 * marital_status, pregnancy ...: monitor_groups_of knows it), its
 * canonical column name into column (static); ERR_USAGE listing them. */
int survey_char_ok(const char *name, const char **column, struct err *e);
/* The values a form offers for a characteristic: its recorded groups
 * (monitor_groups_of: static, *n of them), to which the form adds
 * SURVEY_PREFER_NOT last (counted as "Not stated"). ERR_NOTFOUND for an
 * unknown characteristic. */
#define SURVEY_PREFER_NOT "Prefer not to say"
int survey_char_options(const char *characteristic, const char *const **groups, size_t *n,
			struct err *e);

/* One question. */
struct survey_question {
	int64_t id;			/* net_survey_question.id */
	int number;			/* 1, 2, ... in the survey's order */
	enum survey_qtype type;
	char text[SURVEY_QTEXT_MAX];
	int required;			/* 1 required, 0 optional */
	int scale_lo, scale_hi;		/* a scale's points (1 and 5); 0 otherwise */
	char lo_label[SURVEY_CHOICE_MAX]; /* a scale's end labels ("Strongly disagree"), "" none */
	char hi_label[SURVEY_CHOICE_MAX];
	int n_choices;			/* single and multiple choice: 2 to SURVEY_MAX_CHOICES */
	char choices[SURVEY_MAX_CHOICES][SURVEY_CHOICE_MAX]; /* choice i+1's text */
};

/* A survey with its questions, as survey_load_new gives it. */
struct survey {
	int64_t id;
	char title[SURVEY_TITLE_MAX];
	char kind[16];			/* consultation, staff-survey, exit-interview */
	int anonymous;			/* 1 anonymous, 0 named */
	char access[8];			/* "public" or "members" */
	char status[8];			/* "draft", "open", "closed" */
	char opens[11], closes[11];	/* ISO dates, "" for none */
	char public_token[NET_TOKEN_HEX + 1]; /* the public link's token once open; "" otherwise */
	char created_by[96], created_at[21];
	int n_asks;			/* characteristics asked, in the order given */
	char asks[SURVEY_MAX_ASK][32];	/* their column names: "ethnicity", "sex" */
	int n_questions;
	struct survey_question *questions; /* n_questions of them, by number */
	int64_t n_responses;		/* responses so far */
	int64_t n_invited, n_used;	/* members access: tokens mailed, tokens used */
};

/* What survey_create needs. ask: characteristics separated by commas
 * ("ethnicity,sex"; NULL or "" none). opens, closes: ISO or UK dates as
 * typed, NULL for none. */
struct survey_new {
	const char *title, *kind, *access, *ask, *opens, *closes;
	int anonymous;
};

/* Make a draft survey; *id gets its id. ERR_USAGE naming the field for a
 * title empty or too long, an unknown kind or access, a characteristic
 * not known or asked twice, a bad date or closes before opens; ERR_DATA
 * for a named survey with public access (a public link knows nobody). */
int survey_create(store_t *db, const struct survey_new *n, const char *who, int64_t *id,
		  struct err *e);
/* Load survey id with its questions into *out (allocated: survey_free).
 * ERR_NOTFOUND "no survey N (see 'parity survey list')". */
int survey_load_new(store_t *db, int64_t id, struct survey **out, struct err *e);
void survey_free(struct survey *s);
/* The survey whose public link is token into *id: 1 found, 0 none (a
 * members survey's link is never found this way). The public token is
 * stored as it is: it is handed out, not a secret of one person. */
int survey_by_public_token(store_t *db, const char *token, int64_t *id, struct err *e);
/* Ids of every survey, newest first (*ids allocated: free it). */
int survey_list_ids(store_t *db, int64_t **ids, size_t *n, struct err *e);

/* Add q to draft survey id as its next question (q->id, q->number are
 * ignored and set). ERR_DATA when the survey is not a draft or has
 * SURVEY_MAX_QUESTIONS; ERR_USAGE for empty text, a choice question with
 * fewer than 2 choices or a repeated one, choices on a scale or text
 * question, a scale other than lo < hi within 0..10 (hi - lo >= 2). */
int survey_question_add(store_t *db, int64_t id, struct survey_question *q, struct err *e);
/* Parse "1-5" into lo, hi (ERR_USAGE naming --scale). */
int survey_scale_parse(const char *s, int *lo, int *hi, struct err *e);

/* Open a draft (or reopen a closed) survey: ERR_DATA when it has no
 * question. A public survey gets its link token the first time. */
int survey_open(store_t *db, int64_t id, struct err *e);
/* Close an open survey (ERR_DATA when it is not open). */
int survey_close(store_t *db, int64_t id, struct err *e);
/* 1 when s takes responses on today (open, and within its dates); 0 with
 * why (a sentence for people) into why (n bytes) otherwise. */
int survey_accepting(const struct survey *s, struct date today, char *why, size_t n);

/* ---- responses ----------------------------------------------------------*/

/* One answer, by question number - 1. */
struct survey_answer {
	int given;	  /* 0: not answered */
	uint32_t chosen;  /* single and multiple: bit i set for choice i+1 */
	int value;	  /* scale: the point chosen */
	char *text;	  /* free text (allocated; survey_response_clear frees) */
};
/* A response being put together from a form, an answers file or a
 * spreadsheet row. */
struct survey_response {
	struct survey_answer answers[SURVEY_MAX_QUESTIONS];
	char chars[SURVEY_MAX_ASK][SURVEY_VALUE_MAX]; /* value per s->asks[i] as
					   given ("B1", "Prefer not to say"); "" not answered */
};
/* A problem with one field of a response: field is the form field's
 * name ("q3", "c-ethnicity"), msg a sentence naming the question. */
struct survey_problem {
	char field[40];
	char msg[256];
};
void survey_response_init(struct survey_response *r);
void survey_response_clear(struct survey_response *r);
/* Set one field of r as a form posts it: "qN" (question N) with a choice
 * number ("2") or the choice's text for choice questions (repeat the call
 * for each choice of a multiple choice), a point for a scale, the text for
 * free text (an empty value leaves the question unanswered); "c-NAME" a
 * characteristic the survey asks with a value monitor_group_of accepts or
 * "Prefer not to say". Returns 0, or ERR_DATA with the problem into *p
 * (field and message naming the question, e.g. "question 2: 'Maybe' is
 * not one of its choices (Yes, No)"). Unknown fields: ERR_DATA too. */
int survey_response_set(const struct survey *s, struct survey_response *r, const char *field,
			const char *value, struct survey_problem *p);
/* Check r is complete for s: every required question answered, a single
 * choice question one choice. Problems into p (at most max, *n of them):
 * 0 when none, ERR_DATA otherwise. */
int survey_response_check(const struct survey *s, const struct survey_response *r,
			  struct survey_problem *p, int max, int *n);
/* Record r (checked again: ERR_DATA with the first problem) as a
 * response to s on today's date. channel "web": s must take responses
 * today (survey_accepting), and a members survey needs token, the
 * member's personal token (ERR_DATA "this link has already been used" /
 * "this link is not valid" otherwise; it is marked used). channel "paper"
 * or "import" (staff entering returns): the survey must be open or closed,
 * token may be NULL. member_id (0 none; taken from the token when one is
 * given) is stored only when s is named; a named survey takes one
 * response per member (ERR_DATA for a second). *response_id (may be
 * NULL) gets the response's id. */
int survey_respond(store_t *db, const struct survey *s, const struct survey_response *r,
		   const char *token, int64_t member_id, const char *channel, struct date today,
		   int64_t *response_id, struct err *e);
/* The members survey whose unused personal token is token: 1 and *id,
 * *member_id set; 0 when it is not valid or already used. */
int survey_token_check(store_t *db, const char *token, int64_t *id, int64_t *member_id,
		       struct err *e);
/* Mail a personal link to every active member holding consent for
 * consultations who has none yet for members survey id (open): kind
 * "survey" mail (ref the token's row) with the link SITE/public/surveys/
 * TOKEN — the same path as a public survey's link: the page tries
 * survey_by_public_token, then survey_token_check. *n gets how many were invited. ERR_DATA when mail is not
 * set up, the survey is not a members survey or not open. */
int survey_invite(store_t *db, int64_t id, time_t now, int *n, struct err *e);

/* Read a JSON answers document — one response object or an array of them:
 * {"answers": {"1": "Yes", "2": ["A", "B"], "3": 4, "4": "text"},
 *  "characteristics": {"ethnicity": "B1"}, "member": "ada@example.org"}
 * (values as survey_response_set takes them; a choice may be its number;
 * "member" only for a named survey, as an email, resolved by the caller)
 * — into out (allocated array of *n, each survey_response_clear'ed and the
 * array freed by survey_responses_free), members' emails into emails
 * (allocated strings or NULL, same length). A problem is ERR_DATA naming
 * the response (its position from 1) and the question. Pure: no store;
 * fuzzed by fuzz/fuzz_survey_answers.c. */
int survey_answers_parse(const struct survey *s, const char *json, size_t len,
			 struct survey_response **out, char ***emails, size_t *n, struct err *e);
void survey_responses_free(struct survey_response *r, char **emails, size_t n);
/* Read a CSV of responses for s: a header row naming q1..qN (multiple
 * choices separated by ';' in one cell) and the asked characteristics by
 * name (and, for a named survey, a "member" column of emails); each
 * problem appended to problems as "line L, column C (qN): ..."
 * and ERR_DATA then (nothing kept). Same ownership as survey_answers_parse. */
int survey_csv_parse(const struct survey *s, const char *csv, size_t len, const char *name,
		     struct survey_response **out, char ***emails, size_t *n,
		     struct buf *problems, struct err *e);

/* ---- results ------------------------------------------------------------*/

/* One result: k of n who answered the question chose it (the share k/n),
 * or hidden (n below the threshold: nothing of it is shown). A group's
 * comparison with the reference group when both are shown and the group
 * is a recorded one. */
struct survey_cell {
	int64_t n, k;
	double share;			/* k / n; NaN when n is 0 */
	int hidden;			/* 1: fewer than the threshold answered */
	int compared;			/* 1 when cmp and p_adj hold */
	struct monitor_comparison cmp;	/* group against reference */
	double p_adj;			/* Holm-adjusted p over the results run */
};
/* One row: a choice of a choice question, or a scale's agreeing share. */
struct survey_row {
	int question;			/* its number */
	int choice;			/* the choice number; 0 for a scale's agreeing share */
	char label[SURVEY_CHOICE_MAX + 32]; /* the choice's text, or "Agreeing (4 or 5)" */
	struct survey_cell all;		/* every response */
	struct survey_cell *groups;	/* n_groups cells (NULL when no --by) */
};
/* One free-text answer shown overall (never by group). */
struct survey_text {
	int question;
	char *text;
};
struct survey_results {
	int64_t survey_id;
	int threshold;
	char by[32];			/* the characteristic, "" for overall only */
	int64_t n_responses;
	size_t n_groups;
	char (*groups)[32];		/* the characteristic's groups, report order */
	int64_t *group_n;		/* responses per group */
	int *group_hidden;		/* 1: the group's number is not shown (below the
					   threshold, or hidden so that it cannot be
					   worked out from the others: see below) */
	int total_hidden;		/* 1: n_responses is not shown */
	int ref;			/* the reference group's index, -1 none */
	size_t n_comparisons;		/* comparisons made (Holm's family) */
	size_t n_rows;
	struct survey_row *rows;
	int texts_shown;		/* 1 when free text is shown (enough responses) */
	size_t n_texts;
	struct survey_text *texts;
};
/* Results of survey s (loaded) by characteristic by (NULL or "" for
 * overall only; one the survey asks, else ERR_USAGE naming those it asks)
 * with threshold (below SURVEY_THRESHOLD_MIN: ERR_USAGE). *out allocated:
 * survey_results_free. */
int survey_results_new(store_t *db, const struct survey *s, const char *by, int threshold,
		       struct survey_results **out, struct err *e);
void survey_results_free(struct survey_results *r);
/* The results as text for people (appended to out), as a JSON object (new
 * reference into *out), as CSV (RFC 4180, formulas defused: esc_csv; one
 * row per result cell: question,choice,group,responses,count,share,
 * difference,lo,hi,p,p_adjusted — a hidden cell says "fewer than N
 * responses"; free text in rows with group "All"), or as an XLSX workbook
 * at path (rx_open; a results sheet and, when shown, a free-text sheet).
 * All obey r's threshold: they show only what r shows. */
void survey_results_text(const struct survey *s, const struct survey_results *r,
			 struct buf *out);
int survey_results_json(const struct survey *s, const struct survey_results *r, json_t **out,
			struct err *e);
void survey_results_csv(const struct survey *s, const struct survey_results *r,
			struct buf *out);
int survey_results_xlsx(const struct survey *s, const struct survey_results *r, const char *path,
			struct err *e);

/* Feed favourable answers of survey id into monitoring as dataset
 * ("staff-survey" or "exit-interviews"; ERR_USAGE otherwise) for period:
 * for each question of questions (n of them; a scale's favourable answer
 * is agreeing, a choice question's is choice number favourable[i], 0 for a
 * scale) and each characteristic the survey asks, a count table row per
 * group (unit "All", outcome the question as "qN ..." words, numerator
 * the favourable answers, denominator those who answered) imported with
 * monitor_counts_import_mem (its own transaction: none may be open), so
 * flags, the Diversity Report and publication are monitoring's. *raised
 * gets the flags raised. The table built is appended to csv_out (may be
 * NULL). */
int survey_feed(store_t *db, int64_t id, const char *period, const char *dataset,
		const int *questions, const int *favourable, int n, const char *author,
		struct buf *csv_out, int *raised, struct err *e);

/* ---- the room -----------------------------------------------------------*/

extern const struct cli_command survey_commands[];

/* Page sections (web_page_begin) and the capability the staff pages use:
 * consultations are the members' business (CAP_MEMBERS). */
#define SEC_SURVEYS "surveys"

#endif
