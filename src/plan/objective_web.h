/*
 * plan/objective_web.h: what the files of the objectives' staff pages
 * share — objective_web.c (the list, an objective's page with its charts,
 * the dashboard panel and the routes), objective_web_forms.c (adding,
 * changing and retiring an objective, and the frame every form shares),
 * objective_web_measure.c (adding and removing measures) and
 * objective_web_links.c (linking actions and impact assessments).
 * Private to those files; other rooms see only plan/objective.h.
 */
#ifndef PARITY_PLAN_OBJECTIVE_WEB_H
#define PARITY_PLAN_OBJECTIVE_WEB_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "web/web.h"

/* Changing an objective needs what changing the plan needs. */
#define OBJECTIVE_CHANGE CAP_UPDATE_ANY_ACTION

/* Load objective id (judged today) into *o (the caller json_decrefs it):
 * ERR_NOTFOUND "There is no such objective." when there is none. */
int objective_web_load(struct web_req *rq, int64_t id, json_t **o, struct err *e);

/* After a store call inside web_begin's transaction that gave rc: write
 * the audit entry (what, "objective ID", after), commit, flash and go to
 * `to`. A failure rolls back and is returned (a retired objective's
 * ERR_DATA in the page's words). */
int objective_web_finish(struct web_req *rq, struct web_resp *rs, int rc, const char *what,
			 int64_t id, const char *after, const char *flash, const char *to,
			 struct err *e);

/* ---- what every form shares (objective_web_forms.c) ---- */

/* The value of field name as sent by a POST, else dflt (a GET shows what
 * is stored). Not allocated: the request's or dflt. */
const char *objective_web_posted(const struct web_req *rq, const char *name, const char *dflt);
/* 1 when s (may be NULL) has more than max characters of UTF-8. */
int objective_web_too_long(const char *s, size_t max);
/* The start of a form page: its title ("Error: " first when n), a back
 * link to objective id (0: the list), the error summary of errs, the
 * caption (may be NULL) and the h1; the end closes its grid and page. */
void objective_web_form_begin(struct web_req *rq, struct web_resp *rs, const char *h1,
			      const char *caption, int64_t id, const struct web_field_error *errs,
			      int n);
void objective_web_form_end(struct web_req *rq, struct web_resp *rs);
/* A submit button saying words, red when warning. */
void objective_web_button(struct web_resp *rs, const char *words, int warning);
/* objective_web_load, refusing a retired objective (ERR_DATA "This
 * objective is retired and can no longer be changed."): every form. */
int objective_web_load_live(struct web_req *rq, int64_t id, json_t **o, struct err *e);

/* The forms (objective_web_forms.c, _measure.c, _links.c). Each GET draws the form (errs: n
 * of them, shown at their fields, NULL for none); each POST checks what
 * was sent in the page's own words, makes the change in one transaction,
 * audits it and redirects (POST-redirect-GET), or draws the form again
 * with status 400. id 0 is a new objective. */
int objective_web_fields_get(struct web_req *rq, struct web_resp *rs, int64_t id,
			     const struct web_field_error *errs, int n, struct err *e);
int objective_web_fields_post(struct web_req *rq, struct web_resp *rs, int64_t id,
			      struct err *e);
int objective_web_measure_get(struct web_req *rq, struct web_resp *rs, int64_t id,
			      const struct web_field_error *errs, int n, struct err *e);
int objective_web_measure_post(struct web_req *rq, struct web_resp *rs, int64_t id,
			       struct err *e);
/* Removing measure mid: "are you sure", then the removal. */
int objective_web_remove_get(struct web_req *rq, struct web_resp *rs, int64_t id, int64_t mid,
			     struct err *e);
int objective_web_remove_post(struct web_req *rq, struct web_resp *rs, int64_t id,
			      int64_t mid, struct err *e);
/* Linking actions and impact assessments, and taking links away. */
int objective_web_link_get(struct web_req *rq, struct web_resp *rs, int64_t id,
			   const struct web_field_error *errs, int n, struct err *e);
int objective_web_link_post(struct web_req *rq, struct web_resp *rs, int64_t id,
			    struct err *e);
int objective_web_unlink_post(struct web_req *rq, struct web_resp *rs, int64_t id,
			      struct err *e);
/* Retiring it, with a reason. */
int objective_web_retire_get(struct web_req *rq, struct web_resp *rs, int64_t id,
			     const struct web_field_error *errs, int n, struct err *e);
int objective_web_retire_post(struct web_req *rq, struct web_resp *rs, int64_t id,
			      struct err *e);

#endif
