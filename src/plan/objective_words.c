/*
 * plan/objective_words.c: an objective's figures and status in words for
 * the Board report and the public page (objective_words.h). The rules
 * the sentences describe are objective_status_of's (objective_status.c,
 * docs/objectives.md); this only says which one decided.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/period.h"
#include "plan/objective_words.h"

void objective_value_words(double v, const char *unit, char out[32])
{
	int pct = unit && !strcmp(unit, "%");
	if (!isfinite(v))
		snprintf(out, 32, "not defined");
	else if (pct)
		snprintf(out, 32, "%.1f%%", v);
	else
		snprintf(out, 32, "%.2f", v);
}

void objective_target_words(double target, int at_least, const char *unit, char out[48])
{
	char num[32];
	size_t n;
	snprintf(num, sizeof num, "%.2f", target);
	/* 12.50 -> 12.5, 12.00 -> 12 */
	n = strlen(num);
	while (n && num[n - 1] == '0')
		num[--n] = '\0';
	if (n && num[n - 1] == '.')
		num[--n] = '\0';
	snprintf(out, 48, "%s %s%s", at_least ? "at least" : "at most", num,
		 unit && !strcmp(unit, "%") ? "%" : "");
}

enum objective_status objective_status_parse(const char *word)
{
	static const enum objective_status all[] = {OBJ_MET, OBJ_ON_TRACK, OBJ_AT_RISK,
						    OBJ_OFF_TRACK, OBJ_NO_DATA};
	size_t i;
	for (i = 0; word && i < sizeof all / sizeof all[0]; i++)
		if (!strcmp(word, objective_status_name(all[i])))
			return all[i];
	return OBJ_NO_DATA;
}

/* "the trend through 4 figures reaches 11.2% by 31 March 2028" */
static void trend_words(const struct objective_why *w, struct buf *b)
{
	char v[32], by[32];
	objective_value_words(w->p->value, w->unit, v);
	date_long(w->by, by);
	if (w->p->n_used > 1)
		buf_printf(b, "the trend through %d figures reaches %s by %s", w->p->n_used, v, by);
	else
		buf_printf(b, "with a single figure the trend is flat: %s by %s", v, by);
}

/* " (95% interval 9.8% to 12.6%)", or nothing when there is none. */
static void interval_words(const struct objective_why *w, struct buf *b)
{
	char lo[32], hi[32];
	if (!isfinite(w->p->low) || !isfinite(w->p->high))
		return;
	objective_value_words(w->p->low, w->unit, lo);
	objective_value_words(w->p->high, w->unit, hi);
	buf_printf(b, " (95%% interval %s to %s)", lo, hi);
}

void objective_why_words(const struct objective_why *w, struct buf *b)
{
	char v[32], t[48], by[32], pw[PERIOD_WORDS] = "";
	objective_value_words(w->latest, w->unit, v);
	objective_target_words(w->target, w->at_least, w->unit, t);
	date_long(w->by, by);
	if (w->latest_period)
		period_words(w->latest_period, pw);
	if (w->status == OBJ_NO_DATA || !isfinite(w->latest)) {
		buf_puts(b, "There are no figures yet to judge it on.");
		return;
	}
	buf_printf(b, "The latest figure, %s for %s, ", v, pw);
	if (w->status == OBJ_MET) {
		buf_printf(b, "meets the target of %s.", t);
		return;
	}
	buf_printf(b, "does not yet meet the target of %s", t);
	if (!w->p) {
		buf_puts(b, ".");
		return;
	}
	if (w->p->past_deadline) {
		buf_printf(b, ", and the deadline, %s, has passed.", by);
		return;
	}
	buf_puts(b, "; ");
	trend_words(w, b);
	switch (w->status) {
	case OBJ_ON_TRACK:
		buf_puts(b, ", which meets it.");
		break;
	case OBJ_AT_RISK:
		buf_puts(b, ", which falls short, but the target is within the trend's uncertainty");
		interval_words(w, b);
		buf_puts(b, ".");
		break;
	default:
		buf_puts(b, ", which falls short");
		if (isfinite(w->p->low) && isfinite(w->p->high)) {
			buf_puts(b, ", and the target is outside the trend's uncertainty");
			interval_words(w, b);
		}
		buf_puts(b, ".");
		break;
	}
}
