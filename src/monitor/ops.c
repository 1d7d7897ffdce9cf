/*
 * ops: what the monitoring room does, once, for both of its front ends —
 * the commands (cmd.c) and the web pages (web.c, web_flags.c). Reading a
 * person-level extract (from a file or from bytes already in memory, as
 * an upload is), importing it, building the Diversity Report of a stored
 * period, changing a flag's state, creating the plan action for a flag,
 * and the few figures the dashboard shows. Nothing here prints, and
 * nothing here opens or commits a transaction: the caller owns the
 * transaction, so that the web can write its audit entry in the same one.
 */
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/dates.h"
#include "core/period.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "monitor/internal.h"
#include "monitor/monitor.h"
#include "monitor/stats.h"
#include "plan/plan.h"

/* ---- periods -----------------------------------------------------------*/

int mon_period_ok(const char *period)
{
	struct period p;
	return period && period_parse(period, &p, NULL) == 0;
}

int mon_period_arg(const char *period, char canon[PERIOD_TEXT], struct err *e)
{
	struct period p;
	struct err pe;
	err_clear(&pe);
	canon[0] = '\0';
	if (period_parse(period, &p, &pe) < 0)
		return err_set(e, ERR_USAGE, "%s", pe.msg);
	memcpy(canon, p.text, sizeof p.text);
	return 0;
}

/* ---- reading rows --------------------------------------------------------*/

/* ---- reading rows (analyze, and import, which also keeps them) -----------
 * Problems are held, not passed on at once, because a row's duplicate is
 * known only after the whole file was read (dupcheck.c). Once it is, the
 * held problems and the duplicates are merged in file order and passed
 * on exactly as reading row by row with every id in memory would have:
 * a row's own problems first, then its duplicate, stopping at the limit.
 */

/* A problem held until its place in file order is known. */
struct held {
	int64_t row;	 /* data row (1 = the first after the header) */
	long line, col;
	int field, kind; /* as in struct mon_problem */
	char *column, *value, *what; /* owned */
	int dup;	 /* 1: a duplicate (what is built when passed on) */
	size_t slot;	 /* the suspect's slot (dupcheck_part_seen), for sightings */
};

struct held_list {
	struct held *v;
	size_t n, cap;
	const struct ingest *in; /* for the row number of ingest's problems */
};

static void held_push(struct held_list *l, int64_t row, long line, long col, int field,
		      int kind, const char *column, const char *value, const char *what, int dup)
{
	struct held *h;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	h = &l->v[l->n++];
	h->row = row;
	h->line = line;
	h->col = col;
	h->field = field;
	h->kind = kind;
	h->column = xstrdup(column);
	h->value = xstrdup(value);
	h->what = what ? xstrdup(what) : NULL;
	h->dup = dup;
}

static void held_free(struct held_list *l)
{
	size_t i;
	for (i = 0; i < l->n; i++) {
		free(l->v[i].column);
		free(l->v[i].value);
		free(l->v[i].what);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void hold_problem(void *ctx, const struct mon_problem *p)
{
	struct held_list *l = ctx;
	held_push(l, l->in->rows, p->line, p->col, p->field, p->kind, p->column, p->value,
		  p->what, 0);
}

static int held_by_row(const void *a, const void *b)
{
	const struct held *x = a, *y = b;
	return x->row < y->row ? -1 : x->row > y->row;
}

static int open_reader(const struct mon_read *j, const char *name, struct csv_reader **r,
		       struct err *e)
{
	if (j->path)
		return csv_open_file(j->path, r, e);
	return csv_open_mem(j->data ? j->data : "", j->data ? j->len : 0, name, r, e);
}

/* Fields of each row that the duplicate check's later passes look at
 * (ingest_row_id: the id, and the period when other periods are skipped),
 * for csv_set_wanted: the reader then only counts the others. */
static size_t id_fields(const struct ingest *in)
{
	int last = in->col_id;
	if (in->col_period > last && in->want_period && in->skip_other_periods)
		last = in->col_period;
	return (size_t)last + 1;
}

/* The later passes of the duplicate check, on one thread: rows up to
 * `last` (0: all) read again, only their ids looked at; the first max
 * duplicates in file order go to dups, and every one is counted in t
 * and *n_dups. */
static int find_duplicates(const struct mon_read *j, const char *name, struct dupcheck *d,
			   int n_passes, int64_t last, struct held_list *dups,
			   struct mon_tally *t, int64_t *n_dups, struct err *e)
{
	int pass, rc = 0, max = j->in.max_errors;
	for (pass = 0; pass < n_passes && rc >= 0; pass++) {
		struct csv_reader *r = NULL;
		struct ingest in;
		int found = 0;
		memset(&in, 0, sizeof in);
		in.ds = j->ds;
		in.file = name;
		in.want_period = j->period;
		in.skip_other_periods = j->skip_other;
		in.web = j->web;
		in.max_errors = 1 << 30;
		dupcheck_pass_begin(d, pass);
		if ((rc = open_reader(j, name, &r, e)) == 0 && (rc = ingest_header(&in, r, e)) == 0) {
			csv_set_wanted(r, id_fields(&in));
			while ((!last || in.rows < last) && (rc = csv_next(r, e)) == 1) {
				const char *pid;
				unsigned char h[16];
				if (!ingest_row_id(&in, r, &pid))
					continue;
				dupcheck_hash(d, pid, strlen(pid), h);
				if (dupcheck_seen(d, pass, n_passes, h)) {
					size_t c = (size_t)in.col_id;
					mon_tally_add(t, MP_DUPLICATE, in.col_id, j->ds->id_column, NULL,
						      1, in.rows, csv_field_line(r, c));
					(*n_dups)++;
					if (found++ < max)
						held_push(dups, in.rows, csv_field_line(r, c),
							  csv_field_col(r, c), in.col_id, MP_DUPLICATE,
							  j->ds->id_column, pid, NULL, 1);
				}
			}
		}
		ingest_free(&in);
		csv_close(r);
	}
	if (rc < 0)
		return rc;
	qsort(dups->v, dups->n, sizeof *dups->v, held_by_row);
	return 0;
}

/* Pass a held problem on to j->on_problem. */
static void pass_on(struct mon_read *j, const char *name, const struct held *h)
{
	struct buf what = BUF_INIT, text = BUF_INIT;
	struct mon_problem p;
	if (!j->on_problem)
		return;
	p.file = name;
	p.line = h->line;
	p.col = h->col;
	p.field = h->field;
	p.kind = h->kind;
	p.column = h->column;
	p.value = h->value;
	if (h->dup)
		buf_printf(&what, "person '%s' appears more than once in this period; "
			   "each person needs one row", h->value);
	else
		buf_puts(&what, h->what);
	p.what = buf_str(&what);
	buf_printf(&text, "%s:%ld:%ld: column '%s': %s", name, p.line, p.col, p.column, p.what);
	p.text = buf_str(&text);
	j->on_problem(j->ctx, &p);
	buf_free(&what);
	buf_free(&text);
}

/* One part of the file read by one thread: its own reader, counts and
 * held problems; rows and lines count from the part's start. */
struct part {
	struct mon_read *j;
	const char *name;
	struct csv_reader *r;
	struct ingest in;
	struct agg *agg;	/* j->agg for part 0 */
	struct held_list probs;
	struct dupcheck *d;
	struct mon_cols *cols;	/* import: the part's good rows, else NULL */
	struct err fatal;	/* the reader's or the counts' error */
	int64_t stop;		/* row where the part's own problems hit the limit */
	int64_t fatal_row;	/* row of fatal (0: none) */
	int rc;
};

/* Pass 1 over one part: count every good row, hold every problem, note
 * suspects of the duplicate check. */
static void *part_scan(void *arg)
{
	struct part *pt = arg;
	unsigned char h[16], pending[16]; /* the id of the row before, added a row late */
	uint64_t pending_key = 0;	  /* and its dupcheck_id_key */
	int rc, have_pending = 0;
	pt->probs.in = &pt->in;
	pt->in.on_error = hold_problem;
	pt->in.ctx = &pt->probs;
	while ((rc = csv_next(pt->r, &pt->fatal)) == 1) {
		struct mon_record rec;
		const char *pid;
		int st = ingest_record(&pt->in, pt->r, &rec, &pid, &pt->fatal);
		if (st < 0) {
			pt->stop = pt->in.rows;
			break;
		}
		if (st == 2)
			continue;
		if (!pt->in.id_blank) {
			size_t n = pt->in.id_len;
			if (dupcheck_numbered(pt->d, pid, n) >= 0) {
				if (pt->cols) /* stored with the row */
					dupcheck_hash(pt->d, pid, n, h);
			} else {
				/* The filter block is a cache miss: fetch it
				 * now, add a row later (the order of adds does
				 * not matter). */
				dupcheck_hash(pt->d, pid, n, h);
				dupcheck_prefetch(pt->d, h);
				if (have_pending)
					dupcheck_add(pt->d, pending, pending_key);
				memcpy(pending, h, sizeof h);
				pending_key = dupcheck_id_key(pid, n);
				have_pending = 1;
			}
		}
		if (st == 1)
			continue;
		if ((rc = agg_tally(pt->agg, &rec, &pt->fatal)) < 0 ||
		    (pt->cols && (rc = mon_cols_add(pt->cols, &rec, pid, pt->in.id_blank ? NULL : h,
						    &pt->fatal)) < 0)) {
			pt->fatal_row = pt->in.rows;
			break;
		}
	}
	if (have_pending)
		dupcheck_add(pt->d, pending, pending_key);
	agg_tally_fold(pt->agg);
	if (rc < 0 && !pt->fatal_row)
		pt->fatal_row = pt->in.rows + 1; /* the reader's error, at the next row */
	pt->rc = rc;
	return NULL;
}

static void part_free(struct part *pt)
{
	mon_tally_free(pt->in.tally);
	pt->in.tally = NULL;
	held_free(&pt->probs);
	ingest_free(&pt->in);
	csv_close(pt->r);
	mon_cols_free(pt->cols);
	if (pt->agg != pt->j->agg)
		agg_free(pt->agg);
}

/* Threads for reading: j->threads, else $PARITY_THREADS, else the cores. */
static int n_threads(const struct mon_read *j)
{
	const char *env = getenv("PARITY_THREADS");
	long v;
	if (j->threads > 0)
		return j->threads;
	if (env && str_to_int(env, 1, MON_MAX_THREADS, &v) == 0)
		return (int)v;
	v = sysconf(_SC_NPROCESSORS_ONLN);
	return v < 1 ? 1 : v > MON_MAX_THREADS ? MON_MAX_THREADS : (int)v;
}

/* The input as a source of parts: bytes in memory (j->data), or a
 * regular file read through one handle per part. */
struct source {
	const char *data;	/* in memory, or NULL for a file */
	const char *path;	/* the file, or NULL */
	size_t len;		/* bytes of input */
	int fd;			/* the file, open while splitting (-1: none) */
};

/* Offset just after the first LF at or after `at`, or 0 when there is
 * none before the end (or the file cannot be read). */
static size_t next_line(const struct source *s, size_t at)
{
	char win[4096];
	if (s->data) {
		const char *lf = memchr(s->data + at, '\n', s->len - at);
		return lf ? (size_t)(lf - s->data) + 1 : 0;
	}
	while (at < s->len) {
		ssize_t n = pread(s->fd, win, sizeof win, (off_t)at);
		const char *lf;
		if (n <= 0)
			return 0;
		if ((lf = memchr(win, '\n', (size_t)n)))
			return at + (size_t)(lf - win) + 1;
		at += (size_t)n;
	}
	return 0;
}

/* Split the input after part 0 (which starts at `from`) into up to n
 * parts, each starting just after a LF. A boundary inside a quoted field
 * is found out afterwards: the part before it ends inside quotes, an
 * error, and the input is then read again in one part. starts[] gets n+1
 * offsets (the last is len); returns the number of parts. */
static int split_parts(const struct source *s, size_t from, int n, size_t *starts)
{
	size_t len = s->len;
	int k = 1, i;
	starts[0] = 0;
	for (i = 1; i < n; i++) {
		size_t at = from + (len - from) / (size_t)n * (size_t)i;
		if (at <= starts[k - 1] || at >= len)
			continue;
		at = next_line(s, at);
		if (!at || at >= len)
			break;
		/* a reader in memory takes bytes EF BB BF at its start for a BOM */
		if (s->data && len - at >= 3 && (unsigned char)s->data[at] == 0xEF &&
		    (unsigned char)s->data[at + 1] == 0xBB && (unsigned char)s->data[at + 2] == 0xBF)
			continue;
		if (at <= starts[k - 1])
			continue;
		starts[k++] = at;
	}
	starts[k] = len;
	return k;
}

/* What can be read in parts: j->data, or a regular file (opened into
 * s->fd; the caller closes it). 0 for standard input or a pipe, which
 * are read in one part. */
static int source_open(const struct mon_read *j, struct source *s)
{
	struct stat sb;
	memset(s, 0, sizeof *s);
	s->fd = -1;
	if (!j->path) {
		s->data = j->data ? j->data : "";
		s->len = j->data ? j->len : 0;
		return 1;
	}
	if (!strcmp(j->path, "-") || (s->fd = open(j->path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	if (fstat(s->fd, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_size <= 0) {
		close(s->fd);
		s->fd = -1;
		return 0;
	}
	s->path = j->path;
	s->len = (size_t)sb.st_size;
	return 1;
}

/* A reader of bytes [off, off + len) of the source. */
static int source_part(const struct source *s, size_t off, size_t len, const char *name,
		       struct csv_reader **r, struct err *e)
{
	if (s->data)
		return csv_open_mem(s->data + off, len, name, r, e);
	return csv_open_range(s->path, (long long)off, len, r, e);
}

/* A part's share of the duplicate check's second pass, read by one
 * thread: every row of a suspect that is the first of its id in the part
 * (a duplicate or not, known only when the parts are put in file order)
 * or a later one (a duplicate for sure). */
struct dup_part {
	const struct mon_read *j;
	struct csv_reader *r;
	struct ingest in;	 /* the columns; rows count from the part's start */
	struct dupcheck *d;
	struct dupcheck_part *met; /* suspects met in this part */
	struct held_list seen;	 /* the sightings, in file order, slot set */
	struct err err;		 /* the reader's error */
	int rc;
	int full;		 /* too many first sightings: read in one part */
	int sure;		 /* later sightings held (at most max_errors) */
	int64_t sure_all;	 /* later sightings met */
};

/* First sightings one part may hold (j->dup_firsts unless 0): a file
 * where more ids repeat is checked on one thread instead, so that memory
 * stays bounded (a sighting takes about 130 bytes with its strings, so
 * at most some 4 MiB a part). At 10 million rows a part meets a few
 * thousand (false alarms of the filter). */
#define DUP_PART_FIRSTS 16384

static void *dup_part_scan(void *arg)
{
	struct dup_part *dp = arg;
	size_t firsts = 0, cap = dp->j->dup_firsts ? dp->j->dup_firsts : DUP_PART_FIRSTS;
	int rc = 0, max = dp->j->in.max_errors;
	while ((rc = csv_next(dp->r, &dp->err)) == 1) {
		const char *pid;
		unsigned char h[16];
		size_t slot, c = (size_t)dp->in.col_id, n;
		int st;
		if (!ingest_row_id(&dp->in, dp->r, &pid))
			continue;
		n = csv_field_len(dp->r, c);
		if (!dupcheck_may_repeat(dp->d, dupcheck_id_key(pid, n)))
			continue; /* no suspect has this id */
		dupcheck_hash(dp->d, pid, n, h);
		if ((st = dupcheck_part_seen(dp->d, dp->met, h, &slot)) < 0)
			continue;
		if (st == 0 && ++firsts > cap) {
			dp->full = 1;
			break;
		}
		/* a later sighting is a duplicate for sure: counted, and held
		 * while it may be among the first listed */
		dp->sure_all += st;
		if (st && dp->sure >= max)
			continue;
		dp->sure += st;
		held_push(&dp->seen, dp->in.rows, csv_field_line(dp->r, c), csv_field_col(dp->r, c),
			  dp->in.col_id, MP_DUPLICATE, dp->j->ds->id_column, pid, NULL, 1);
		dp->seen.v[dp->seen.n - 1].slot = slot;
	}
	dp->rc = rc < 0 ? rc : 0;
	return NULL;
}

/* The second pass of the duplicate check in the parts that pass 1 read
 * (starts[], n_parts; the rows and lines before each part in row0[] and
 * line0[]), one thread a part. The sightings are then taken in file order
 * and the first max duplicates go to dups, as find_duplicates would find
 * them, and every one is counted in t and *n_dups. Returns 1 (dups, t
 * and *n_dups untouched) when a part met too many suspects: the caller
 * then uses find_duplicates. */
static int find_duplicates_parts(const struct mon_read *j, const struct source *src,
				 const char *name, struct csv_reader *head,
				 const struct ingest *cols, struct dupcheck *d, int n_parts,
				 const size_t *starts, const int64_t *row0, const long *line0,
				 struct held_list *dups, struct mon_tally *t, int64_t *n_dups,
				 struct err *e)
{
	struct dup_part dps[MON_MAX_THREADS];
	pthread_t tid[MON_MAX_THREADS];
	int k, rc = 0, full = 0, max = j->in.max_errors;
	memset(dps, 0, sizeof dps);
	for (k = 0; k < n_parts; k++) {
		struct dup_part *dp = &dps[k];
		dp->j = j;
		dp->d = d;
		dp->in = *cols;
		dp->in.memo = NULL;
		dp->in.rows = 0;
		dp->met = dupcheck_part_new();
		if ((rc = source_part(src, starts[k], starts[k + 1] - starts[k], name, &dp->r, e)) < 0)
			goto done;
		if (k == 0 && (rc = csv_read_header(dp->r, e)) < 0)
			goto done;
		if (k > 0)
			csv_copy_header(dp->r, head);
		csv_set_wanted(dp->r, id_fields(&dp->in));
	}
	for (k = 1; k < n_parts; k++)
		if (pthread_create(&tid[k], NULL, dup_part_scan, &dps[k]) != 0)
			abort();
	dup_part_scan(&dps[0]);
	for (k = 1; k < n_parts; k++)
		pthread_join(tid[k], NULL);
	for (k = 0; k < n_parts; k++) {
		full |= dps[k].full;
		if (dps[k].rc < 0 && rc >= 0)
			rc = err_set(e, dps[k].err.code, "%s", dps[k].err.msg);
	}
	if (rc < 0 || full)
		goto done;
	for (k = 0; k < n_parts; k++) {
		struct held_list *l = &dps[k].seen;
		size_t i;
		for (i = 0; i < l->n; i++) {
			struct held *h = &l->v[i];
			if (!dupcheck_mark(d, h->slot))
				continue;
			mon_tally_add(t, MP_DUPLICATE, cols->col_id, h->column, NULL, 1,
				      h->row + row0[k], h->line + line0[k]);
			(*n_dups)++;
			if ((int)dups->n < max)
				held_push(dups, h->row + row0[k], h->line + line0[k], h->col,
					  h->field, MP_DUPLICATE, h->column, h->value, NULL, 1);
		}
		/* later sightings past those held: duplicates, after the first */
		mon_tally_add(t, MP_DUPLICATE, cols->col_id, j->ds->id_column, NULL,
			      dps[k].sure_all - dps[k].sure, INT64_MAX, 0);
		*n_dups += dps[k].sure_all - dps[k].sure;
	}
done:
	for (k = 0; k < n_parts; k++) {
		held_free(&dps[k].seen);
		dupcheck_part_free(dps[k].met);
		csv_close(dps[k].r);
	}
	return rc < 0 ? rc : full;
}

/* Inputs smaller than this are read in one part (j->split_min unless 0). */
#define MON_SPLIT_MIN ((size_t)1 << 20)

static int read_rows_analyze(struct mon_read *j, struct err *e)
{
	struct part parts[MON_MAX_THREADS];
	pthread_t tid[MON_MAX_THREADS];
	size_t starts[MON_MAX_THREADS + 1];
	int64_t part_row0[MON_MAX_THREADS];
	long part_line0[MON_MAX_THREADS];
	struct dupcheck *d = NULL;
	struct held_list dups = {0};
	struct source src;
	const char *name = j->name ? j->name : j->path;
	size_t fi, di, split_min = j->split_min ? j->split_min : MON_SPLIT_MIN;
	int64_t stop = 0, fatal_row = 0, total = 0, row0 = 0, n_dups = 0, n_all = 0;
	struct err *fatal = NULL;
	int rc = 0, n_passes, n = 0, stopped = 0, n_parts = 1, k, splittable, one = 0;

	memset(parts, 0, sizeof parts);
	j->file_error = 0;
	j->dup_parts = 0;
	j->duplicates = 0;
	j->tally = NULL;
	if (sodium_init() < 0) {
		j->file_error = 1;
		return err_set(e, ERR_INTERNAL, "libsodium could not start");
	}
	splittable = source_open(j, &src);
again:
	memset(&j->in, 0, sizeof j->in);
	j->in.ds = j->ds;
	j->in.file = name;
	j->in.want_period = j->period;
	j->in.skip_other_periods = j->skip_other;
	j->in.web = j->web;
	j->in.max_errors = j->max_errors;
	parts[0].j = j;
	parts[0].name = name;
	parts[0].agg = j->agg;
	if (j->db)
		parts[0].cols = mon_cols_new(j->ds, j->key);
	rc = open_reader(j, name, &parts[0].r, e);
	if (rc < 0 || (rc = ingest_header(&j->in, parts[0].r, e)) < 0) {
		j->file_error = 1;
		goto done;
	}
	parts[0].in = j->in;
	memset(&j->in.memo, 0, sizeof j->in.memo); /* part 0 owns it now */
	d = dupcheck_new();
	if (j->db)
		dupcheck_set_key(d, j->key);
	parts[0].d = d;
	n_parts = 1;
	if (splittable && !one && src.len >= split_min && n_threads(j) > 1) {
		/* the header's bytes: part 0's reader reads them again */
		size_t from = next_line(&src, 0);
		if (from)
			n_parts = split_parts(&src, from, n_threads(j), starts);
	}
	if (n_parts > 1) {
		csv_close(parts[0].r);
		parts[0].r = NULL;
		ingest_free(&parts[0].in);
		memset(&parts[0].in, 0, sizeof parts[0].in);
		parts[0].in = j->in;
		if ((rc = source_part(&src, 0, starts[1], name, &parts[0].r, e)) < 0 ||
		    (rc = ingest_header(&parts[0].in, parts[0].r, e)) < 0) {
			j->file_error = 1;
			goto done;
		}
		parts[0].in.tally = mon_tally_new();
		for (k = 1; k < n_parts; k++) {
			struct part *pt = &parts[k];
			pt->j = j;
			pt->name = name;
			pt->d = d;
			pt->agg = agg_new(j->ds);
			if (j->db)
				pt->cols = mon_cols_new(j->ds, j->key);
			ingest_fork(&pt->in, &parts[0].in);
			pt->in.tally = mon_tally_new();
			if ((rc = source_part(&src, starts[k], starts[k + 1] - starts[k], name,
					      &pt->r, e)) < 0) {
				j->file_error = 1;
				goto done;
			}
			csv_copy_header(pt->r, parts[0].r);
		}
		for (k = 1; k < n_parts; k++)
			if (pthread_create(&tid[k], NULL, part_scan, &parts[k]) != 0)
				abort();
		part_scan(&parts[0]);
		for (k = 1; k < n_parts; k++)
			pthread_join(tid[k], NULL);
		/* Any part ending in an error (a boundary inside quotes among
		 * them) or passing a limit (more than MON_TALLY_VALUES different
		 * wrong values in a part): read the whole file in one part, so
		 * that every message is exactly as before. */
		for (k = 0; k < n_parts; k++)
			if (parts[k].rc < 0 || parts[k].stop || mon_tally_overflowed(parts[k].in.tally))
				break;
		if (k < n_parts) {
			for (k = 0; k < n_parts; k++)
				part_free(&parts[k]);
			memset(parts, 0, sizeof parts);
			dupcheck_free(d);
			d = NULL;
			agg_free(j->agg);
			j->agg = agg_new(j->ds);
			one = 1;
			goto again;
		}
	} else {
		parts[0].in.tally = mon_tally_new();
		part_scan(&parts[0]);
	}
	/* Parts in file order: counts merged, problems renumbered. */
	j->tally = mon_tally_new();
	{
		long line0 = 0;
		for (k = 0; k < n_parts; k++) {
			struct part *pt = &parts[k];
			size_t i;
			part_row0[k] = row0;
			part_line0[k] = line0;
			mon_tally_merge(j->tally, pt->in.tally, row0, line0);
			for (i = 0; i < pt->probs.n; i++) {
				pt->probs.v[i].row += row0;
				pt->probs.v[i].line += line0;
			}
			if (k > 0 && rc >= 0 && (rc = agg_merge(j->agg, pt->agg, e)) < 0) {
				j->file_error = 1;
				goto done;
			}
			line0 += csv_line(pt->r) - 1;
			row0 += pt->in.rows;
			if (k > 0) {
				j->in.blank_outcomes += pt->in.blank_outcomes;
				if (pt->in.period_seen[0] && !j->in.period_seen[0])
					memcpy(j->in.period_seen, pt->in.period_seen,
					       sizeof j->in.period_seen);
				else if (pt->in.period_seen[0] &&
					 !str_eq_ci(pt->in.period_seen, j->in.period_seen))
					j->in.mixed_periods = 1;
				j->in.mixed_periods |= pt->in.mixed_periods;
				j->in.skipped += pt->in.skipped;
			} else {
				j->in.blank_outcomes = pt->in.blank_outcomes;
				memcpy(j->in.period_seen, pt->in.period_seen, sizeof j->in.period_seen);
				j->in.mixed_periods = pt->in.mixed_periods;
				j->in.skipped = pt->in.skipped;
			}
		}
		total = row0;
		/* one part only when anything stopped it */
		stop = parts[0].stop;
		fatal_row = parts[0].fatal_row;
		fatal = &parts[0].fatal;
	}
	/* The later passes, only when an id may repeat. */
	n_passes = dupcheck_passes(d, total);
	if (n_passes > 0) {
		int64_t last = stop ? stop : fatal_row ? fatal_row - 1 : 0;
		rc = 1;
		/* parts only after a reading in parts, which nothing stopped */
		if (n_parts > 1 && n_passes == 1 && dupcheck_exact(d) && !last) {
			rc = find_duplicates_parts(j, &src, name, parts[0].r, &parts[0].in, d,
						   n_parts, starts, part_row0, part_line0, &dups,
						   j->tally, &n_dups, e);
			j->dup_parts = n_parts;
		}
		if (rc == 1) {
			rc = find_duplicates(j, name, d, n_passes, last, &dups, j->tally, &n_dups, e);
			j->dup_parts = 1;
		}
		if (rc < 0) {
			j->file_error = 1;
			goto done;
		}
	}
	/* The first max_errors problems in file order are passed on (a row's
	 * own, then its duplicate); every one was counted in j->tally. */
	fi = di = 0;
	for (k = 0; k < n_parts; k++) {
		struct held_list *probs = &parts[k].probs;
		for (fi = 0; fi < probs->n || (k == n_parts - 1 && di < dups.n);) {
			int64_t row = fi < probs->n ? probs->v[fi].row : INT64_MAX;
			if (di < dups.n && dups.v[di].row < row)
				row = dups.v[di].row;
			if (fatal_row && row > fatal_row)
				break;
			if (row == INT64_MAX)
				break;
			for (; fi < probs->n && probs->v[fi].row == row && n < j->in.max_errors;
			     fi++, n++)
				pass_on(j, name, &probs->v[fi]);
			if (n >= j->in.max_errors) {
				stopped = 1;
				break;
			}
			if (di < dups.n && dups.v[di].row == row) {
				pass_on(j, name, &dups.v[di++]);
				n++;
				if (n >= j->in.max_errors) {
					stopped = 1;
					break;
				}
			}
		}
		if (stopped)
			break;
	}
	j->duplicates = n_dups;
	n_all = mon_tally_total(j->tally);
	j->in.n_errors = n_all > INT_MAX ? INT_MAX : (int)n_all;
	j->in.rows = total;
	if (n_all > 0 || (!stopped && fatal_row)) {
		/* Nothing was analysed, so nothing is said of the rows beyond
		 * their problems. (Read in parts, these counts would also take
		 * in rows after the one where the problems reached the limit,
		 * which one part never reads: fuzz_parts found it.) */
		j->in.blank_outcomes = j->in.skipped = 0;
		j->in.mixed_periods = 0;
		j->in.period_seen[0] = '\0';
	}
	if (!stopped && fatal_row) {
		rc = err_set(e, fatal->code, "%s", fatal->msg);
		j->file_error = 1;
	} else if (n_all > 0) {
		char listed[64] = "";
		if (n_all > n)
			snprintf(listed, sizeof listed, " (the first %d are listed)", n);
		/* a broken line after the listed problems ends the reading */
		rc = err_set(e, ERR_DATA, "%s: %lld error%s in %lld rows%s; nothing was %s — "
			     "correct the file and run the command again%s%s%s",
			     name, (long long)n_all, n_all == 1 ? "" : "s", (long long)j->in.rows,
			     listed, j->db ? "imported" : "analysed",
			     fatal_row ? " (and then the reading stopped: " : "",
			     fatal_row ? fatal->msg : "", fatal_row ? ")" : "");
	} else if (j->db) {
		struct mon_cols *cols[MON_MAX_THREADS];
		for (k = 0; k < n_parts; k++)
			cols[k] = parts[k].cols;
		rc = mon_cols_store(j->db, j->import_id, cols, n_parts, j->chunked, e);
	} else {
		rc = 0;
	}
done:
	j->in.on_error = j->on_problem;
	j->in.ctx = j->ctx;
	ingest_free(&j->in); /* its memo, when the header failed before part 0 took it */
	for (k = 0; k < MON_MAX_THREADS; k++)
		if (parts[k].j)
			part_free(&parts[k]);
	held_free(&dups);
	dupcheck_free(d);
	if (src.fd >= 0)
		close(src.fd);
	j->n_parts = n_parts;
	if (!j->keep_tally) {
		mon_tally_free(j->tally);
		j->tally = NULL;
	}
	return rc;
}

int mon_read_rows(struct mon_read *j, struct err *e)
{
	return read_rows_analyze(j, e);
}

int mon_open_parts(const struct mon_read *j, int one, struct csv_reader **r, int *n_parts,
		   struct err *e)
{
	struct source src;
	size_t starts[MON_MAX_THREADS + 1];
	const char *name = j->name ? j->name : j->path;
	size_t split_min = j->split_min ? j->split_min : MON_SPLIT_MIN;
	int splittable = source_open(j, &src), n = 1, k, rc;

	*n_parts = 0;
	for (k = 0; k < MON_MAX_THREADS; k++)
		r[k] = NULL;
	if ((rc = open_reader(j, name, &r[0], e)) < 0 || (rc = csv_read_header(r[0], e)) < 0)
		goto done;
	if (splittable && !one && src.len >= split_min && n_threads(j) > 1) {
		size_t from = next_line(&src, 0); /* the header's bytes */
		if (from)
			n = split_parts(&src, from, n_threads(j), starts);
	}
	if (n > 1) {
		csv_close(r[0]);
		r[0] = NULL;
		if ((rc = source_part(&src, 0, starts[1], name, &r[0], e)) < 0 ||
		    (rc = csv_read_header(r[0], e)) < 0)
			goto done;
		for (k = 1; k < n; k++) {
			if ((rc = source_part(&src, starts[k], starts[k + 1] - starts[k], name, &r[k],
					      e)) < 0)
				goto done;
			csv_copy_header(r[k], r[0]);
		}
	}
	*n_parts = n;
done:
	if (src.fd >= 0)
		close(src.fd);
	if (rc < 0)
		for (k = 0; k < MON_MAX_THREADS; k++) {
			csv_close(r[k]);
			r[k] = NULL;
		}
	return rc;
}

static double overall_completeness(const struct agg *a);

/* ---- importing -----------------------------------------------------------*/

/* The swap of a staged import (mon_import_csv with j->staged): one short
 * transaction that makes staged the import of the period and records the
 * flags of its report, built beforehand. *retired: the import it
 * replaced, now hidden, for the caller to delete. */
static int swap_staged(store_t *db, struct mon_import_job *j, int64_t staged, double pct,
		       const struct mon_report *rep, int64_t *retired, struct err *e)
{
	int rc;
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	if ((rc = mon_stage_swap(db, staged, j->ds, j->period, j->rows, pct, &j->old_rows, retired,
				 e)) < 0 ||
	    (rc = mon_flags_record(db, rep, j->author, &j->raised, &j->recurring, e)) < 0 ||
	    (j->in_swap && (rc = j->in_swap(db, j, j->swap_ctx, e)) < 0) ||
	    (rc = store_commit(db, e)) < 0) {
		store_rollback(db);
		j->old_rows = -1;
		j->raised = j->recurring = 0;
		*retired = 0;
		return rc;
	}
	return 0;
}

int mon_import_csv(store_t *db, struct mon_import_job *j, struct err *e)
{
	struct mon_settings set;
	struct mon_report rep;
	struct mon_read rd;
	unsigned char key[16];
	int64_t staged = 0, retired = 0;
	double pct;
	int rc;

	memset(&rep, 0, sizeof rep);
	memset(&rd, 0, sizeof rd);
	j->rows = j->blank_outcomes = 0;
	j->tally = NULL;
	j->old_rows = -1;
	j->n_errors = j->raised = j->recurring = 0;
	j->held_id = 0;
	stats_init();
	mon_settings_default(&set);
	if ((rc = mon_secret_get(db, key, e)) < 0)
		goto done;
	if (j->staged) {
		/* what an import killed earlier left, then a hidden import */
		if ((rc = mon_stage_cleanup(db, e)) < 0 ||
		    (rc = mon_stage_begin(db, j->ds, j->source, &staged, e)) < 0)
			goto done;
		rd.import_id = staged;
		rd.chunked = 1;
	} else if ((rc = mon_import_begin(db, j->ds, j->period, j->source, "rows", &rd.import_id,
					  &j->old_rows, e)) < 0) {
		goto done;
	}
	rd.path = j->path;
	rd.data = j->data;
	rd.len = j->len;
	rd.name = j->source;
	rd.ds = j->ds;
	rd.period = j->period;
	rd.max_errors = j->max_errors;
	rd.on_problem = j->on_problem;
	rd.ctx = j->ctx;
	rd.agg = agg_new(j->ds);
	rd.key = key;
	rd.db = db;
	rd.keep_tally = j->keep_tally;
	rd.web = j->web;
	rc = mon_read_rows(&rd, e);
	j->tally = rd.tally;
	j->rows_read = rd.in.rows;
	j->n_errors = rd.in.n_errors;
	j->file_error = rd.file_error;
	j->blank_outcomes = rd.in.blank_outcomes;
	if (rc < 0)
		goto done;
	j->rows = rd.agg->rows;
	if (rd.agg->rows == 0) {
		rc = err_set(e, ERR_DATA, "%s has a header but no rows; nothing was imported",
			     j->source);
		goto done;
	}
	pct = overall_completeness(rd.agg);
	if (j->staged && j->hold) {
		int64_t old = 0;
		if ((rc = store_query_int(db, &old, e,
					  "SELECT rows FROM mon_import WHERE dataset = ? AND period = ?"
					  " UNION ALL SELECT -1 ORDER BY 1 DESC LIMIT 1",
					  "tt", j->ds->name, j->period)) < 0)
			goto done;
		if (old >= 0) { /* a replacement: kept hidden until confirmed */
			if ((rc = store_exec(db, e, "UPDATE mon_import SET rows = ? WHERE id = ?",
					     "ii", j->rows, staged)) < 0)
				goto done;
			j->old_rows = old;
			j->held_id = staged;
			staged = 0;
			goto done;
		}
	}
	if (j->staged) {
		if ((rc = mon_report_build(rd.agg, &set, j->ds->name, j->period, NULL, 0, &rep, e)) < 0 ||
		    (rc = swap_staged(db, j, staged, pct, &rep, &retired, e)) < 0)
			goto done;
		staged = 0; /* swapped in: it stays */
		goto done;
	}
	if ((rc = mon_import_set_rows(db, rd.import_id, rd.agg->rows, e)) < 0 ||
	    (!isnan(pct) && (rc = store_exec(db, e, "UPDATE mon_import SET completeness = ? WHERE id = ?",
					     "di", pct, rd.import_id)) < 0) ||
	    (rc = mon_report_build(rd.agg, &set, j->ds->name, j->period, NULL, 0, &rep, e)) < 0 ||
	    (rc = mon_flags_record(db, &rep, j->author, &j->raised, &j->recurring, e)) < 0)
		goto done;
done:
	/* Staged: a failed import's hidden rows, or the rows the new import
	 * replaced, are deleted a few blocks at a time. The import's outcome
	 * does not depend on it: what is left (a full disk, the process
	 * killed) is hidden, and the next import removes it. */
	if (staged || retired) {
		struct err ig;
		err_clear(&ig);
		mon_stage_discard(db, staged ? staged : retired, &ig);
	}
	mon_report_free(&rep);
	agg_free(rd.agg);
	sodium_memzero(key, sizeof key);
	return rc;
}

/* Column 0 of the first row of sql (binding id), a copy into *out (NULL
 * when no row or NULL); the caller frees it. */
static int text_of(store_t *db, char **out, struct err *e, const char *sql, int64_t id)
{
	store_stmt_t *st;
	int rc;
	*out = NULL;
	if (store_prepare(db, &st, e, sql, "i", id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1 && store_col_text(st, 0))
		*out = xstrdup(store_col_text(st, 0));
	store_done(st);
	return rc < 0 ? rc : 0;
}

/* The definition and counts of hidden import id, and the report they give
 * as (dataset, period) under the default settings. */
static int held_report(store_t *db, int64_t id, const char *period, struct dataset *ds,
		       struct agg **agg, struct mon_report *rep, struct err *e)
{
	struct mon_settings set;
	char *def = NULL;
	int64_t staged = 0;
	int rc;

	*agg = NULL;
	if (store_query_int(db, &staged, e, "SELECT COUNT(*) FROM mon_stage WHERE import_id = ?",
			    "i", id) < 0)
		return ERR_DB;
	if (!staged)
		return err_set(e, ERR_NOTFOUND, "the checked upload is no longer kept (it waited "
			       "too long, or was confirmed or cancelled already)");
	if ((rc = text_of(db, &def, e, "SELECT definition FROM mon_import WHERE id = ?", id)) < 0)
		return rc;
	rc = dataset_from_json(def ? def : "", ds, e);
	free(def);
	if (rc < 0)
		return rc;
	*agg = agg_new(ds);
	if ((rc = mon_import_load(db, id, "rows", *agg, e)) < 0)
		return rc;
	mon_settings_default(&set);
	return mon_report_build(*agg, &set, ds->name, period, NULL, 0, rep, e);
}

int mon_import_preview(store_t *db, int64_t held_id, const char *period,
		       struct mon_replace_preview *out, struct err *e)
{
	struct dataset ds;
	struct agg *a = NULL;
	struct mon_report rep;
	int rc;

	memset(out, 0, sizeof *out);
	memset(&rep, 0, sizeof rep);
	stats_init();
	if ((rc = held_report(db, held_id, period, &ds, &a, &rep, e)) < 0)
		goto done;
	snprintf(out->dataset, sizeof out->dataset, "%s", ds.name);
	out->rows_after = a->rows;
	out->flags_after = rep.n_flags;
	out->rows_before = -1;
	if ((rc = store_query_int(db, &out->rows_before, e,
				  "SELECT rows FROM mon_import WHERE dataset = ? AND period = ?"
				  " UNION ALL SELECT -1 ORDER BY 1 DESC LIMIT 1",
				  "tt", ds.name, period)) < 0 ||
	    (rc = store_query_int(db, &out->flags_removed, e,
				  "SELECT COUNT(*) FROM mon_flag WHERE dataset = ? AND period = ?"
				  " AND state = 'open' AND action_id IS NULL AND NOT EXISTS"
				  " (SELECT 1 FROM mon_flag f2 WHERE f2.previous_id = mon_flag.id)",
				  "tt", ds.name, period)) < 0 ||
	    (rc = store_query_int(db, &out->flags_kept, e,
				  "SELECT COUNT(*) FROM mon_flag WHERE dataset = ? AND period = ?",
				  "tt", ds.name, period)) < 0)
		goto done;
	out->flags_kept -= out->flags_removed;
	rc = text_of(db, &out->source, e, "SELECT source FROM mon_import WHERE id = ?", held_id);
done:
	mon_report_free(&rep);
	agg_free(a);
	return rc;
}

void mon_replace_preview_free(struct mon_replace_preview *p)
{
	free(p->source);
	p->source = NULL;
}

int mon_import_confirm(store_t *db, struct mon_import_job *j, struct err *e)
{
	struct dataset ds;
	struct agg *a = NULL;
	struct mon_report rep;
	int64_t retired = 0;
	int rc;

	memset(&rep, 0, sizeof rep);
	j->old_rows = -1;
	j->raised = j->recurring = 0;
	j->rows = 0;
	stats_init();
	if ((rc = held_report(db, j->held_id, j->period, &ds, &a, &rep, e)) < 0)
		goto done;
	j->ds = &ds;
	j->rows = a->rows;
	if ((rc = swap_staged(db, j, j->held_id, overall_completeness(a), &rep, &retired, e)) < 0)
		goto done;
	j->held_id = 0;
done:
	if (retired) {
		struct err ig;
		err_clear(&ig);
		mon_stage_discard(db, retired, &ig);
	}
	j->ds = NULL; /* it pointed here */
	mon_report_free(&rep);
	agg_free(a);
	return rc;
}

/* ---- the report of a stored period --------------------------------------*/

/* Count the stored data of (dataset, period) and build its report. */
static int build_period(store_t *db, const char *dataset, const char *period,
			const struct mon_settings *set, const struct mon_benchmark *bench,
			size_t n_bench, struct dataset *ds, struct agg **agg,
			struct mon_report *rep, struct err *e)
{
	int64_t id;
	char *kind = NULL;
	int rc;
	*agg = NULL;
	if ((rc = mon_import_find(db, dataset, period, &id, &kind, ds, e)) < 0)
		return rc;
	*agg = agg_new(ds);
	rc = mon_import_load(db, id, kind, *agg, e);
	free(kind);
	if (rc == 0)
		rc = mon_report_build(*agg, set, dataset, period, bench, n_bench, rep, e);
	return rc;
}

/* The one dataset imported for period, into out. */
static int pick_dataset(store_t *db, const char *period, char out[DS_NAME_MAX], struct err *e)
{
	store_stmt_t *st;
	int rc, n = 0;
	if (store_prepare(db, &st, e, "SELECT dataset FROM mon_import WHERE period = ? ORDER BY dataset",
			  "t", period) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1)
		if (n++ == 0)
			snprintf(out, DS_NAME_MAX, "%s", store_col_text(st, 0));
	store_done(st);
	if (rc < 0)
		return rc;
	if (n == 0)
		return err_set(e, ERR_NOTFOUND, "nothing imported for period %s; see 'parity data "
			       "list'", period);
	if (n > 1)
		return err_set(e, ERR_USAGE, "several datasets have period %s; choose one with "
			       "--dataset NAME (see 'parity data list')", period);
	return 0;
}

/* The records counted in unit u of a: every record is counted once in
 * each characteristic the data has, so the cells of the first one add up
 * to them. Aggregate counts keep the report's own figure. */
static int64_t unit_rows(const struct agg *a, size_t u, int64_t whole)
{
	size_t c, g;
	int64_t n = 0;
	if (a->counts_only)
		return whole;
	for (c = 0; c < MC_COUNT; c++) {
		if (a->n_groups[c] == 0)
			continue;
		for (g = 0; g < a->n_groups[c]; g++)
			n += agg_cell_at(a, u, (enum mon_char)c, g)->n;
		return n;
	}
	return 0;
}

/* Keep only the rows of unit (and the by-grade representation); its
 * record count is the unit's own (issue 15: it was the organisation's). */
static void keep_unit(struct mon_report *r, const struct agg *a, const char *unit)
{
	size_t i, k = 0;
	for (i = 0; a && i < a->n_units; i++)
		if (!strcmp(a->units[i], unit)) {
			r->rows = unit_rows(a, i, r->rows);
			break;
		}
	for (i = 0; i < r->n_cmp; i++) {
		if (!strcmp(r->cmp[i].unit, unit)) {
			r->cmp[k++] = r->cmp[i];
		} else {
			free(r->cmp[i].unit);
			free(r->cmp[i].group);
			free(r->cmp[i].reference);
		}
	}
	r->n_cmp = k;
	for (i = 0, k = 0; i < r->n_comp; i++) {
		if (!strcmp(r->comp[i].unit, unit))
			r->comp[k++] = r->comp[i];
		else
			free(r->comp[i].unit);
	}
	r->n_comp = k;
	for (i = 0, k = 0; i < r->n_rep; i++) {
		if (r->rep[i].by_grade || !strcmp(r->rep[i].unit, unit)) {
			r->rep[k++] = r->rep[i];
		} else {
			free(r->rep[i].unit);
			free(r->rep[i].group);
		}
	}
	r->n_rep = k;
	r->n_flags = 0;
	for (i = 0; i < r->n_cmp; i++)
		r->n_flags += r->cmp[i].flag;
}

/* Open (not closed) flags of the dataset up to the report's period. */
static int load_flag_views(store_t *db, struct mon_report *r, const char *unit, struct err *e)
{
	store_stmt_t *st;
	int rc;
	if (store_prepare(db, &st, e,
			  "SELECT f.id, f.period, f.unit, f.characteristic, f.grp, f.reference,"
			  " f.outcome, f.state, f.rr, f.previous_id IS NOT NULL, a.code,"
			  /* people's explanations only: not parity's own line on a
			   * flag that recurs (issue 15), nor an action's text */
			  " (SELECT note FROM mon_flag_event v WHERE v.flag_id = f.id"
			  "  AND v.kind = 'explained' AND v.note IS NOT NULL"
			  "  ORDER BY v.id DESC LIMIT 1),"
			  " f.previous_id, p.period, x.source, x.finding, x.href"
			  " FROM mon_flag f LEFT JOIN action a ON a.id = f.action_id"
			  " LEFT JOIN mon_flag p ON p.id = f.previous_id"
			  " LEFT JOIN mon_flag_external x ON x.flag_id = f.id"
			  " JOIN mon_import i ON i.dataset = f.dataset AND i.period = f.period"
			  " WHERE f.dataset = ?1 AND f.state <> 'closed' AND (f.period = ?2 OR"
			  " i.period_key <= (SELECT period_key FROM mon_import"
			  "  WHERE dataset = ?1 AND period = ?2))"
			  " AND (?3 IS NULL OR f.unit = ?3)"
			  " ORDER BY i.period_key DESC, f.unit, f.characteristic, f.grp, f.outcome",
			  "ttt", r->dataset, r->period, unit) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1) {
		struct mon_flag_view *f;
		const char *note = store_col_text(st, 11), *code = store_col_text(st, 10);
		r->flags = xrealloc(r->flags, (r->n_flag_views + 1) * sizeof *r->flags);
		f = &r->flags[r->n_flag_views++];
		f->id = store_col_int(st, 0);
		f->period = xstrdup(store_col_text(st, 1));
		f->unit = xstrdup(store_col_text(st, 2));
		f->characteristic = xstrdup(store_col_text(st, 3));
		f->group = xstrdup(store_col_text(st, 4));
		f->reference = xstrdup(store_col_text(st, 5));
		f->outcome = xstrdup(store_col_text(st, 6));
		f->state = xstrdup(store_col_text(st, 7));
		f->rr = store_col_double(st, 8);
		f->recurs = (int)store_col_int(st, 9);
		f->action = code ? xstrdup(code) : NULL;
		f->note = note ? xstrdup(note) : NULL;
		f->prev_id = store_col_is_null(st, 12) ? 0 : store_col_int(st, 12);
		f->prev_period = f->prev_id ? xstrdup(store_col_text(st, 13)) : NULL;
		f->source = store_col_text(st, 14) ? xstrdup(store_col_text(st, 14)) : NULL;
		f->finding = f->source ? xstrdup(store_col_text(st, 15)) : NULL;
		f->href = f->source && store_col_text(st, 16) ? xstrdup(store_col_text(st, 16))
							      : NULL;
	}
	store_done(st);
	return rc < 0 ? rc : 0;
}

int mon_report_period(store_t *db, const char *dataset, const char *period, const char *unit,
		      const struct mon_settings *set, const struct mon_benchmark *bench,
		      size_t n_bench, struct mon_period_report *out, struct err *e)
{
	char before[MON_MAX_TREND][24];
	size_t i;
	int rc, n_before = 0, k;

	memset(out, 0, sizeof *out);
	stats_init();
	if (dataset)
		snprintf(out->dataset, sizeof out->dataset, "%s", dataset);
	else if ((rc = pick_dataset(db, period, out->dataset, e)) < 0)
		return rc;
	if ((rc = build_period(db, out->dataset, period, set, bench, n_bench, &out->ds, &out->agg,
			       &out->rep, e)) < 0)
		return rc;
	if (unit && out->agg) {
		int found = 0;
		for (i = 0; i < out->agg->n_units; i++)
			found |= !strcmp(out->agg->units[i], unit);
		if (!found)
			return err_set(e, ERR_NOTFOUND, "no unit '%s' in %s %s", unit, out->dataset,
				       period);
	}
	/* Trend: the same comparisons in earlier periods, oldest first. */
	if ((rc = mon_periods_before(db, out->dataset, period, before, MON_MAX_TREND, &n_before,
				     e)) < 0)
		return rc;
	for (k = n_before - 1; k >= 0; k--) {
		struct dataset pds;
		struct agg *pagg = NULL;
		struct mon_report prev;
		memset(&prev, 0, sizeof prev);
		rc = build_period(db, out->dataset, before[k], set, NULL, 0, &pds, &pagg, &prev, e);
		if (rc == 0) {
			for (i = 0; i < out->rep.n_cmp; i++) {
				struct mon_comparison *x = &out->rep.cmp[i];
				const struct mon_comparison *p;
				int o = dataset_outcome_index(&pds, out->ds.outcomes[x->outcome].name);
				if (o < 0 || x->n_trend >= MON_MAX_TREND)
					continue;
				p = mon_report_find(&prev, x->unit, x->ch, x->group, o);
				if (!p)
					continue;
				snprintf(x->trend_period[x->n_trend], 24, "%s", before[k]);
				x->trend_rr[x->n_trend++] = p->rr;
			}
		}
		mon_report_free(&prev);
		agg_free(pagg);
		if (rc < 0)
			return rc;
	}
	if (unit)
		keep_unit(&out->rep, out->agg, unit);
	return load_flag_views(db, &out->rep, unit, e);
}

void mon_period_report_free(struct mon_period_report *p)
{
	if (!p)
		return;
	mon_report_free(&p->rep);
	agg_free(p->agg);
	p->agg = NULL;
}

/* ---- flags ---------------------------------------------------------------*/

int mon_flag_set_state(store_t *db, int64_t id, const char *to, const char *author,
		       const char *note, struct err *e)
{
	int64_t exists = 0;
	char now[21];
	date_now_iso(now);
	if (store_query_int(db, &exists, e, "SELECT COUNT(*) FROM mon_flag WHERE id = ?", "i", id) < 0)
		return ERR_DB;
	if (!exists)
		return err_set(e, ERR_NOTFOUND, "no flag #%lld; see 'parity flags list'",
			       (long long)id);
	if (store_exec(db, e, "UPDATE mon_flag SET state = ? WHERE id = ?", "ti", to, id) < 0 ||
	    store_exec(db, e,
		       "INSERT INTO mon_flag_event(flag_id, at, author, kind, note) VALUES (?, ?, ?, ?, ?)",
		       "itttt", id, now, author, to, note) < 0)
		return ERR_DB;
	return 0;
}

int mon_flag_finding(store_t *db, int64_t id, struct buf *out, struct err *e)
{
	store_stmt_t *st;
	int rc;
	enum mon_char c;
	if (store_prepare(db, &st, e,
			  "SELECT f.dataset, f.period, f.unit, f.characteristic, f.grp, f.reference,"
			  " f.outcome, f.rr, x.finding FROM mon_flag f"
			  " LEFT JOIN mon_flag_external x ON x.flag_id = f.id WHERE f.id = ?",
			  "i", id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1 && store_col_text(st, 8)) {
		/* raised by another room: its own words (flag_raise.c) */
		buf_printf(out, "%s %s: %s", store_col_text(st, 0), store_col_text(st, 1),
			   store_col_text(st, 8));
	} else if (rc == 1) {
		const char *ch = store_col_text(st, 3);
		buf_printf(out, "%s %s, %s: %s, %s compared with %s, %s", store_col_text(st, 0),
			   store_col_text(st, 1),
			   strcmp(store_col_text(st, 2), "All") ? store_col_text(st, 2) : "all units",
			   mon_char_from_name(ch, &c) == 0 ? mon_char_label(c) : ch,
			   store_col_text(st, 4), store_col_text(st, 5), store_col_text(st, 6));
		if (!store_col_is_null(st, 7))
			buf_printf(out, ", relative rate %.2f", store_col_double(st, 7));
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "no flag #%lld; see 'parity flags list'",
			       (long long)id);
	return 0;
}

/* The flag's state and action (0 when none); ERR_NOTFOUND when no flag. */
static int flag_state(store_t *db, int64_t id, char state[16], int64_t *action_id,
		      struct err *e)
{
	store_stmt_t *st;
	int rc;
	if (store_prepare(db, &st, e, "SELECT state, COALESCE(action_id, 0) FROM mon_flag WHERE id = ?",
			  "i", id) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1) {
		snprintf(state, 16, "%s", store_col_text(st, 0));
		*action_id = store_col_int(st, 1);
	}
	store_done(st);
	if (rc < 0)
		return ERR_DB;
	if (rc == 0)
		return err_set(e, ERR_NOTFOUND, "no flag #%lld; see 'parity flags list'",
			       (long long)id);
	return 0;
}

int mon_flag_act(store_t *db, int64_t id, const struct plan_flag_action *a, char code[16],
		 struct err *e)
{
	struct plan_flag_action x = *a;
	struct buf finding = BUF_INIT;
	int64_t action_id = 0, existing = 0;
	char state[16];
	int rc;

	code[0] = '\0';
	if ((rc = flag_state(db, id, state, &existing, e)) < 0)
		return rc;
	if (existing)
		return err_set(e, ERR_DATA, "flag #%lld already has an action; see 'parity plan "
			       "show F%lld'", (long long)id, (long long)id);
	if (!strcmp(state, "closed"))
		return err_set(e, ERR_DATA, "flag #%lld is closed: nothing more can be recorded "
			       "on it", (long long)id);
	if ((rc = mon_flag_finding(db, id, &finding, e)) < 0)
		goto done;
	x.flag_id = id;
	x.finding = buf_str(&finding);
	if ((rc = plan_add_flag_action(db, &x, &action_id, code, e)) < 0)
		goto done;
	if (store_exec(db, e, "UPDATE mon_flag SET action_id = ? WHERE id = ?", "ii", action_id,
		       id) < 0) {
		rc = ERR_DB;
		goto done;
	}
	rc = mon_flag_set_state(db, id, "actioned", a->author, a->text, e);
done:
	buf_free(&finding);
	return rc;
}

int mon_flag_link(store_t *db, int64_t id, int64_t action_id, const char *code,
		  const char *author, struct err *e)
{
	struct buf finding = BUF_INIT, note = BUF_INIT;
	int64_t existing = 0;
	char state[16];
	int rc;

	if ((rc = flag_state(db, id, state, &existing, e)) < 0)
		return rc;
	if (existing)
		return err_set(e, ERR_DATA, "flag #%lld already has an action", (long long)id);
	if (!strcmp(state, "closed"))
		return err_set(e, ERR_DATA, "flag #%lld is closed: nothing more can be recorded "
			       "on it", (long long)id);
	if ((rc = mon_flag_finding(db, id, &finding, e)) < 0)
		goto done;
	buf_printf(&note, "Linked to action %s", code);
	if (store_exec(db, e, "UPDATE mon_flag SET action_id = ? WHERE id = ?", "ii", action_id,
		       id) < 0) {
		rc = ERR_DB;
		goto done;
	}
	if ((rc = plan_link_flag(db, action_id, id, author, buf_str(&finding), e)) < 0 ||
	    (rc = mon_flag_set_state(db, id, "actioned", author, buf_str(&note), e)) < 0)
		goto done;
done:
	buf_free(&finding);
	buf_free(&note);
	return rc;
}

/* ---- the dashboard -------------------------------------------------------*/

/* Recorded share (%) of every characteristic of unit "All" together. */
static double overall_completeness(const struct agg *a)
{
	int64_t recorded = 0, total = 0;
	size_t c, g;
	if (a->n_units == 0)
		return NAN;
	for (c = 0; c < MC_COUNT; c++) {
		if (!a->ds->char_column[c][0])
			continue;
		for (g = 0; g < a->n_groups[c]; g++) {
			int64_t n = agg_cell_at(a, 0, (enum mon_char)c, g)->n;
			total += n;
			if (a->group_kind[c][g] == MK_RECORDED)
				recorded += n;
		}
	}
	return total ? 100.0 * (double)recorded / (double)total : NAN;
}

int monitor_dashboard_summary(store_t *db, struct monitor_summary *out, struct err *e)
{
	store_stmt_t *st = NULL;
	struct dataset ds;
	struct agg *a = NULL;
	char *kind = NULL;
	int64_t id = 0;
	int rc;

	memset(out, 0, sizeof *out);
	out->completeness = NAN;
	if (store_query_int(db, &out->open_flags, e,
			    "SELECT COUNT(*) FROM mon_flag WHERE state = 'open'", "") < 0 ||
	    store_query_int(db, &out->unclosed_flags, e,
			    "SELECT COUNT(*) FROM mon_flag WHERE state <> 'closed'", "") < 0)
		return ERR_DB;
	if (store_prepare(db, &st, e,
			  "SELECT dataset, period, imported_at, rows FROM mon_import i"
			  " WHERE" MON_IMPORT_SHOWN " ORDER BY imported_at DESC, id DESC LIMIT 1",
			  "") < 0)
		return ERR_DB;
	rc = store_step(st, e);
	if (rc == 1) {
		out->has_import = 1;
		snprintf(out->last_dataset, sizeof out->last_dataset, "%s", store_col_text(st, 0));
		snprintf(out->last_period, sizeof out->last_period, "%s", store_col_text(st, 1));
		snprintf(out->last_at, sizeof out->last_at, "%s", store_col_text(st, 2));
		out->last_rows = store_col_int(st, 3);
	}
	store_done(st);
	if (rc <= 0)
		return rc;
	/* The latest period of the dataset imported last. */
	if (store_prepare(db, &st, e,
			  "SELECT period FROM mon_import i WHERE dataset = ? AND" MON_IMPORT_SHOWN
			  " ORDER BY CASE WHEN period_key IS NULL THEN 1 ELSE 0 END, period_key DESC,"
			  " period DESC LIMIT 1",
			  "t", out->last_dataset) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1)
		snprintf(out->latest_period, sizeof out->latest_period, "%s", store_col_text(st, 0));
	store_done(st);
	if (rc <= 0)
		return rc;
	if ((rc = mon_import_find(db, out->last_dataset, out->latest_period, &id, &kind, &ds,
				  e)) < 0)
		return rc;
	/* Worked out at import (migration 004); older imports are counted
	 * here, which reads every row of the period. */
	if (store_prepare(db, &st, e, "SELECT completeness FROM mon_import WHERE id = ?", "i", id) < 0) {
		free(kind);
		return ERR_DB;
	}
	if ((rc = store_step(st, e)) == 1 && !store_col_is_null(st, 0))
		out->completeness = store_col_double(st, 0);
	store_done(st);
	if (rc < 0 || !isnan(out->completeness)) {
		free(kind);
		return rc < 0 ? rc : 0;
	}
	a = agg_new(&ds);
	if ((rc = mon_import_load(db, id, kind, a, e)) == 0)
		out->completeness = overall_completeness(a);
	agg_free(a);
	free(kind);
	return rc;
}
