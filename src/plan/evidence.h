/*
 * plan/evidence.h: evidence files attached to updates of actions
 * (evidence.c), shared by the action page (web.c) and nobody else.
 */
#ifndef PARITY_PLAN_EVIDENCE_H
#define PARITY_PLAN_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"
#include "web/web.h"

/* Largest evidence file: 10 MB (decimal megabytes, as people count them). */
#define PLAN_EVIDENCE_MAX ((size_t)10 * 1000 * 1000)

/* One stored file, without its bytes. */
struct plan_evidence_row {
	int64_t id;	  /* /plan/evidence/ID */
	int64_t event_id; /* the history entry it belongs to */
	char *name;	  /* its own name as sent */
	char *type;	  /* the Content-Type it is served with */
	int64_t size;	  /* bytes */
};

/* The type a file called name with these bytes is served as: one of a
 * short list (PDF, PNG, JPEG, Word, Excel, text, CSV) when the name's
 * ending and the first bytes agree, else application/octet-stream. A
 * static string. */
const char *plan_evidence_type(const char *name, const void *data, size_t len);
/* What is wrong with an uploaded file (empty, over PLAN_EVIDENCE_MAX) as
 * a GOV.UK error message, or NULL (also for no file). */
const char *plan_evidence_problem(const struct web_param *up);
/* Store a file for history entry event_id of action_id, sent by author;
 * sha_hex gets its SHA-256. The caller owns the transaction. */
int plan_evidence_add(store_t *db, int64_t event_id, int64_t action_id, const char *name,
		      const void *data, size_t len, const char *author, char sha_hex[65],
		      struct err *e);
/* Every file of action_id, oldest first. *rows is new; free with
 * plan_evidence_free. */
int plan_evidence_load(store_t *db, int64_t action_id, struct plan_evidence_row **rows,
		       size_t *n, struct err *e);
void plan_evidence_free(struct plan_evidence_row *rows, size_t n);
/* The download links of the files of history entry event_id. */
void plan_evidence_links(struct web_resp *rs, const struct plan_evidence_row *rows, size_t n,
			 int64_t event_id);
/* 1 when history entry event_id has a file called name (its evidence
 * text is then the file's name and is not repeated). */
int plan_evidence_named(const struct plan_evidence_row *rows, size_t n, int64_t event_id,
			const char *name);

#endif
