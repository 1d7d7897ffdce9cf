/*
 * plan/objective_words.h: an objective's figures and status in words,
 * shared by the Board report's section (objective_report.c) and the
 * public page (objective_public.c): a value with its unit, a target with
 * its direction, and the sentence saying why a measure's status is what
 * it is. Nothing here reads the database or allocates beyond b.
 */
#ifndef PARITY_PLAN_OBJECTIVE_WORDS_H
#define PARITY_PLAN_OBJECTIVE_WORDS_H

#include "core/buf.h"
#include "plan/objective.h"

/* v as a reader sees it: "14.2%" (one decimal) when unit is "%", "1.35"
 * (two) otherwise; "not defined" when v is not finite. Into out. */
void objective_value_words(double v, const char *unit, char out[32]);
/* The target: "at least 12%", "at most 1.25" (no trailing zeros). */
void objective_target_words(double target, int at_least, const char *unit, char out[48]);
/* The status a JSON word ("met", ... objective_status_name) stands for;
 * OBJ_NO_DATA for anything else. */
enum objective_status objective_status_parse(const char *word);

/* What the sentence about one measure is made from. */
struct objective_why {
	enum objective_status status;
	const char *unit;		      /* "%" or "" */
	double target;
	int at_least;			      /* 1: at least the target, 0: at most */
	struct date by;			      /* the objective's deadline */
	double latest;			      /* the latest finite value, or NaN */
	const char *latest_period;	      /* its period ("2026Q2"), or NULL */
	const struct objective_projection *p; /* the trend, or NULL */
};
/* One or two sentences, plain English, saying why w->status: "The latest
 * figure, 14.2% for April to June 2026, meets the target of at least
 * 12%." Appended to b, unescaped. */
void objective_why_words(const struct objective_why *w, struct buf *b);

#endif
