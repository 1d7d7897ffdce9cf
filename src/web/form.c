/*
 * web/form.c: the GOV.UK form fields every room's forms are made of — text
 * and file inputs, textareas, selects, radios and the date input (day,
 * month, year) — each with its label, hint and error message, and the
 * reading of a date input back. Every value is escaped by web_printf.
 */
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "web/web.h"

static const char *field_name(const struct web_field *f)
{
	return f->name ? f->name : f->id;
}

/* The hint and error message under a label or legend. */
static void hint_and_error(struct web_resp *rs, const struct web_field *f, const char *msg)
{
	if (f->hint)
		web_printf(rs, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>\n", f->id, f->hint);
	if (msg)
		web_printf(rs,
			   "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
			   "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			   f->id, msg);
}

/* The opening of a form group, its label, hint and error message. */
static void field_head(struct web_resp *rs, const struct web_field *f, const char *msg)
{
	web_printf(rs, "<div class=\"govuk-form-group%s\">\n",
		   msg ? " govuk-form-group--error" : "");
	web_printf(rs, "<label class=\"govuk-label govuk-label--s\" for=\"%s\">%s</label>\n", f->id,
		   f->label);
	hint_and_error(rs, f, msg);
}

/* aria-describedby="ID-hint ID-error" for what the field has. */
static void described_by(struct web_resp *rs, const struct web_field *f, const char *msg)
{
	if (!f->hint && !msg)
		return;
	web_printf(rs, " aria-describedby=\"%s%s%s%s%s\"", f->hint ? f->id : "",
		   f->hint ? "-hint" : "", f->hint && msg ? " " : "", msg ? f->id : "",
		   msg ? "-error" : "");
}

void web_input(struct web_resp *rs, const struct web_field *f, const char *type,
	       const struct web_field_error *errs, int n)
{
	const char *msg = web_field_error(errs, n, f->id);
	int file = !strcmp(type, "file");
	field_head(rs, f, msg);
	web_printf(rs, "<input class=\"%s%s%s%s\" id=\"%s\" name=\"%s\" type=\"%s\"",
		   file ? "govuk-file-upload" : "govuk-input",
		   msg ? (file ? " govuk-file-upload--error" : " govuk-input--error") : "",
		   f->width ? " " : "", f->width ? f->width : "", f->id, field_name(f), type);
	if (!file)
		web_printf(rs, " value=\"%s\"", f->value ? f->value : "");
	if (f->extra) {
		web_raw(rs, " ");
		web_raw(rs, f->extra);
	}
	described_by(rs, f, msg);
	web_raw(rs, ">\n</div>\n");
}

void web_textarea(struct web_resp *rs, const struct web_field *f, int rows,
		  const struct web_field_error *errs, int n)
{
	const char *msg = web_field_error(errs, n, f->id);
	field_head(rs, f, msg);
	web_printf(rs, "<textarea class=\"govuk-textarea%s\" id=\"%s\" name=\"%s\" rows=\"%d\"",
		   msg ? " govuk-textarea--error" : "", f->id, field_name(f), rows);
	if (f->extra) {
		web_raw(rs, " ");
		web_raw(rs, f->extra);
	}
	described_by(rs, f, msg);
	web_printf(rs, ">%s</textarea>\n</div>\n", f->value ? f->value : "");
}

void web_select_open(struct web_resp *rs, const struct web_field *f,
		     const struct web_field_error *errs, int n)
{
	const char *msg = web_field_error(errs, n, f->id);
	field_head(rs, f, msg);
	web_printf(rs, "<select class=\"govuk-select%s%s%s\" id=\"%s\" name=\"%s\"",
		   msg ? " govuk-select--error" : "", f->width ? " " : "", f->width ? f->width : "",
		   f->id, field_name(f));
	described_by(rs, f, msg);
	web_raw(rs, ">\n");
}

void web_select_option(struct web_resp *rs, const char *value, const char *label, int selected)
{
	web_printf(rs, "<option value=\"%s\"%s>%s</option>\n", value, selected ? " selected" : "",
		   label);
}

void web_select_close(struct web_resp *rs)
{
	web_raw(rs, "</select>\n</div>\n");
}

void web_select(struct web_resp *rs, const struct web_field *f, const char *const *values,
		const char *const *labels, size_t n_opts, const struct web_field_error *errs, int n)
{
	size_t i;
	web_select_open(rs, f, errs, n);
	for (i = 0; i < n_opts; i++)
		web_select_option(rs, values[i], labels[i], f->value && !strcmp(f->value, values[i]));
	web_select_close(rs);
}

/* A fieldset's opening: the group, the legend (f->label; a page heading
 * when heading is set), the hint and error. */
static void fieldset_head(struct web_resp *rs, const struct web_field *f, const char *msg,
			  int heading)
{
	web_printf(rs, "<div class=\"govuk-form-group%s\">\n<fieldset class=\"govuk-fieldset\"",
		   msg ? " govuk-form-group--error" : "");
	described_by(rs, f, msg);
	if (heading)
		web_printf(rs, ">\n<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--l\">"
			       "<h1 class=\"govuk-fieldset__heading\">%s</h1></legend>\n",
			   f->label);
	else
		web_printf(rs, ">\n<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">"
			       "%s</legend>\n",
			   f->label);
	hint_and_error(rs, f, msg);
}

void web_radios(struct web_resp *rs, const struct web_field *f, const struct web_choice *opts,
		size_t n_opts, int heading, const struct web_field_error *errs, int n)
{
	const char *msg = web_field_error(errs, n, f->id);
	size_t i;
	fieldset_head(rs, f, msg, heading);
	web_printf(rs, "<div class=\"govuk-radios%s%s\" data-module=\"govuk-radios\">\n",
		   f->width ? " " : "", f->width ? f->width : "");
	for (i = 0; i < n_opts; i++) {
		/* The first radio carries the field's own id, so that the error
		 * summary's link lands on it. */
		char id[96];
		if (i == 0)
			snprintf(id, sizeof id, "%s", f->id);
		else
			snprintf(id, sizeof id, "%s-%zu", f->id, i + 1);
		web_printf(rs, "<div class=\"govuk-radios__item\">\n<input class=\"govuk-radios__input\" "
			       "id=\"%s\" name=\"%s\" type=\"radio\" value=\"%s\"%s",
			   id, field_name(f), opts[i].value,
			   f->value && !strcmp(f->value, opts[i].value) ? " checked" : "");
		if (opts[i].hint)
			web_printf(rs, " aria-describedby=\"%s-item-hint\"", id);
		web_printf(rs, ">\n<label class=\"govuk-label govuk-radios__label\" for=\"%s\">%s</label>\n",
			   id, opts[i].label);
		if (opts[i].hint)
			web_printf(rs, "<div id=\"%s-item-hint\" class=\"govuk-hint govuk-radios__hint\">%s"
				       "</div>\n",
				   id, opts[i].hint);
		web_raw(rs, "</div>\n");
	}
	web_raw(rs, "</div>\n</fieldset>\n</div>\n");
}

void web_checkboxes(struct web_resp *rs, const struct web_field *f, const struct web_check *opts,
		    size_t n_opts, const struct web_field_error *errs, int n)
{
	const char *msg = web_field_error(errs, n, f->id);
	size_t i;
	fieldset_head(rs, f, msg, 0);
	web_raw(rs, "<div class=\"govuk-checkboxes govuk-checkboxes--small\" "
		    "data-module=\"govuk-checkboxes\">\n");
	for (i = 0; i < n_opts; i++) {
		/* the first box carries the field's own id (the error
		 * summary's link) */
		char id[96];
		if (i == 0)
			snprintf(id, sizeof id, "%s", f->id);
		else
			snprintf(id, sizeof id, "%s-%zu", f->id, i + 1);
		web_printf(rs, "<div class=\"govuk-checkboxes__item\">\n<input "
			       "class=\"govuk-checkboxes__input\" id=\"%s\" name=\"%s\" "
			       "type=\"checkbox\" value=\"%s\"%s>\n<label class=\"govuk-label "
			       "govuk-checkboxes__label\" for=\"%s\">%s</label>\n</div>\n",
			   id, field_name(f), opts[i].value, opts[i].checked ? " checked" : "", id,
			   opts[i].label);
	}
	web_raw(rs, "</div>\n</fieldset>\n</div>\n");
}

void web_date_input(struct web_resp *rs, const struct web_field *f, const char *day,
		    const char *month, const char *year, const struct web_field_error *errs, int n)
{
	static const char *const parts[3][3] = {
		{"day", "Day", "govuk-input--width-2"},
		{"month", "Month", "govuk-input--width-2"},
		{"year", "Year", "govuk-input--width-4"},
	};
	const char *vals[3] = {day, month, year};
	const char *msg = web_field_error(errs, n, f->id);
	int i;
	fieldset_head(rs, f, msg, 0);
	web_printf(rs, "<div class=\"govuk-date-input\" id=\"%s-input\">\n", f->id);
	for (i = 0; i < 3; i++) {
		char id[96];
		/* The day input carries the field's own id (the error summary's
		 * link); the others add -month and -year. */
		if (i == 0)
			snprintf(id, sizeof id, "%s", f->id);
		else
			snprintf(id, sizeof id, "%s-%s", f->id, parts[i][0]);
		web_printf(rs, "<div class=\"govuk-date-input__item\">\n<div class=\"govuk-form-group\">\n"
			       "<label class=\"govuk-label govuk-date-input__label\" for=\"%s\">%s</label>\n"
			       "<input class=\"govuk-input govuk-date-input__input %s%s\" id=\"%s\" "
			       "name=\"%s-%s\" type=\"text\" inputmode=\"numeric\" value=\"%s\">\n"
			       "</div>\n</div>\n",
			   id, parts[i][1], parts[i][2], msg ? " govuk-input--error" : "", id,
			   field_name(f), parts[i][0], vals[i] ? vals[i] : "");
	}
	web_raw(rs, "</div>\n</fieldset>\n</div>\n");
}

/* A whole number of at most max_digits digits from s (spaces around
 * allowed); -1 when s is not one. */
static long small_number(const char *s, int max_digits)
{
	long v = 0;
	int digits = 0;
	while (*s == ' ')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		if (++digits > max_digits)
			return -1;
		else
			v = v * 10 + (*s - '0');
	while (*s == ' ')
		s++;
	return digits && !*s ? v : -1;
}

int web_date_read(const struct web_req *rq, const char *name, const char *what,
		  struct date *out, char msg[160])
{
	char key[96];
	const char *p[3];
	static const char *const part[3] = {"day", "month", "year"};
	long v[3];
	int i, missing = 0, first_missing = -1;

	out->y = out->m = out->d = 0;
	msg[0] = '\0';
	for (i = 0; i < 3; i++) {
		snprintf(key, sizeof key, "%s-%s", name, part[i]);
		p[i] = web_param(rq, key);
		if (str_blank(p[i])) {
			missing++;
			if (first_missing < 0)
				first_missing = i;
		}
	}
	if (missing == 3)
		return 0;
	if (missing) {
		snprintf(msg, 160, "%s must include a %s", what, part[first_missing]);
		return -1;
	}
	v[0] = small_number(p[0], 2);
	v[1] = small_number(p[1], 2);
	v[2] = small_number(p[2], 4);
	if (v[2] >= 0 && v[2] < 1000) {
		snprintf(msg, 160, "Year must include 4 numbers");
		return -1;
	}
	if (v[0] < 0 || v[1] < 0 || v[2] < 0 || !date_valid((int)v[2], (int)v[1], (int)v[0])) {
		snprintf(msg, 160, "%s must be a real date", what);
		return -1;
	}
	out->y = (int)v[2];
	out->m = (int)v[1];
	out->d = (int)v[0];
	return 1;
}

/* One page's link of the pagination. */
static void page_link(struct web_resp *rs, const char *base, long page, int current)
{
	/* aria-current is markup: through web_raw (web_printf escapes each %s,
	 * and wrote it as aria-current=&quot;page&quot;) */
	web_printf(rs, "<li class=\"govuk-pagination__item%s\"><a class=\"govuk-link "
		       "govuk-pagination__link\" href=\"%spage=%ld\" aria-label=\"Page %ld\"",
		   current ? " govuk-pagination__item--current" : "", base, page, page);
	web_raw(rs, current ? " aria-current=\"page\">" : ">");
	web_printf(rs, "%ld</a></li>\n", page);
}

void web_pagination(struct web_resp *rs, const char *base, long page, long n_pages)
{
	long p, last_shown = 0;
	if (n_pages <= 1)
		return;
	web_raw(rs, "<nav class=\"govuk-pagination\" aria-label=\"Pagination\">\n");
	if (page > 1)
		web_printf(rs, "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link "
			       "govuk-pagination__link\" href=\"%spage=%ld\" rel=\"prev\"><svg "
			       "class=\"govuk-pagination__icon govuk-pagination__icon--prev\" "
			       "xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" "
			       "aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path "
			       "d=\"M7 0.5 1 6.5l6 6M1 6.5h14\" fill=\"none\" stroke=\"currentColor\" "
			       "stroke-width=\"2\"></path></svg><span class=\"govuk-pagination__link-title\">"
			       "Previous<span class=\"govuk-visually-hidden\"> page</span></span></a></div>\n",
			   base, page - 1);
	web_raw(rs, "<ul class=\"govuk-pagination__list\">\n");
	for (p = 1; p <= n_pages; p++) {
		/* the first, the last, and the current with its neighbours;
		 * an ellipsis for each run left out */
		if (p != 1 && p != n_pages && (p < page - 1 || p > page + 1))
			continue;
		if (last_shown && p > last_shown + 1)
			web_raw(rs, "<li class=\"govuk-pagination__item govuk-pagination__item--ellipses\">"
				    "&ctdot;</li>\n");
		page_link(rs, base, p, p == page);
		last_shown = p;
	}
	web_raw(rs, "</ul>\n");
	if (page < n_pages)
		web_printf(rs, "<div class=\"govuk-pagination__next\"><a class=\"govuk-link "
			       "govuk-pagination__link\" href=\"%spage=%ld\" rel=\"next\"><span "
			       "class=\"govuk-pagination__link-title\">Next<span class=\"govuk-visually-"
			       "hidden\"> page</span></span><svg class=\"govuk-pagination__icon "
			       "govuk-pagination__icon--next\" xmlns=\"http://www.w3.org/2000/svg\" "
			       "height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" "
			       "viewBox=\"0 0 15 13\"><path d=\"M8 0.5l6 6-6 6M14 6.5H0\" fill=\"none\" "
			       "stroke=\"currentColor\" stroke-width=\"2\"></path></svg></a></div>\n",
			   base, page + 1);
	web_raw(rs, "</nav>\n");
}

long web_page_param(const struct web_req *rq, long n_items, long per_page, long *n_pages)
{
	const char *s = web_param(rq, "page");
	long page = 1, np = n_items > 0 ? (n_items + per_page - 1) / per_page : 1;
	if (s && str_to_int(s, 1, 1000000000L, &page) < 0)
		page = 1;
	if (page > np)
		page = np;
	*n_pages = np;
	return page;
}
