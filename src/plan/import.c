/*
 * import: turning a document (plan/doc.h) into the plan model
 * (plan/internal.h). This is where the mess of real action plans is
 * understood; docs/plan-import.md states every rule in plain English.
 *
 * Columns are found by their header words, not their position. Rows are
 * read top to bottom with a little state — the current section, area and
 * the next expected action letter — because tables split across pages
 * continue areas, actions and even area titles on the next page:
 *  - a row whose first cell is empty continues the current area;
 *  - a row whose actions start with text that has no letter, or with the
 *    next expected letter rather than (a), continues the current area even
 *    if its first cell has words (they finish the area's title / duties);
 *  - a paragraph without a letter continues the previous action's text;
 *  - letters may sit inline, "(a) ... (b) ...", and are split only at the
 *    next expected letter, so "(c) and (d)" inside a sentence stay put;
 *  - Lead and Year cells give one value per action by position; a value
 *    that is a ditto mark repeats the one above; a single-paragraph cell
 *    with run-together values is split when that yields one per action;
 *  - lead/year values that spilled into rows of their own after the row
 *    they belong to are collected and aligned with that row's actions;
 *  - when counts still do not line up, values pair in order, extra values
 *    are ignored and actions without one take the last value — always with
 *    a warning naming the area and letters.
 * After the tables, a glossary of "XY – Name, Role" lines (staff initials)
 * and "ABC – Expansion" lines (terms) is read.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/internal.h"
#include "plan/timescale.h"

enum col { COL_AREA, COL_ACTION, COL_LEAD, COL_YEAR, COL_DUTIES, COL_STATUS, COL_ID, N_COLS,
	   COL_FIELD /* a column kept as a field of each action (Progress, KPI, Team ...) */ };

/* Most columns a table may keep as fields of its actions. */
#define MAX_FIELD_COLS 16

/* A column kept as a field: where it is and its header as written. */
struct field_col {
	int idx;		 /* cell index */
	char name[81];		 /* header text (a header is at most 80 bytes) */
	int progress;		 /* 1 for a Progress column: a status word gives the status */
};

static const char *const col_keys[N_COLS] = {"area", "actions", "lead",
					     "timescale", "duties", "status", "id"};

struct colmap {
	int idx[N_COLS]; /* cell index of each column, -1 when absent */
	const char *matched[N_COLS]; /* the synonym each matched, or "--columns" */
	int over[N_COLS]; /* index of the --columns entry that named it, or -1 */
	size_t n_cells;	 /* cells in the header row */
	struct field_col fields[MAX_FIELD_COLS]; /* other columns, kept as fields */
	int n_fields;
};

/* Rows that may sit above the header of a table: titles such as "Equality
 * action plan 2025-26" merged across a spreadsheet's top rows. */
#define MAX_TITLE_ROWS 10

/* A column the user named with --columns. */
struct override {
	int col;    /* COL_* */
	char *text; /* the header as given */
	char *norm; /* ... tidied as headers are */
	int used;   /* 1 once a header row used it */
};

/* Values waiting to be paired with actions (see file comment). */
struct pending {
	size_t first;  /* index of the first action waiting in the area */
	size_t n_acts; /* number of actions waiting */
	char **vals;   /* values in order */
	size_t n_vals;
	int active;    /* 1 while something waits */
};

struct importer {
	struct plan_model *m;
	const char *name;	 /* file name for messages */
	struct colmap cols;	 /* current column map */
	int have_cols;		 /* 1 once a header row was seen */
	int any_action_col;	 /* 1 once any table had an Actions column */
	int cur_area;		 /* index into m->areas, -1 before the first */
	int cur_section;	 /* index into m->sections, -1 before the first */
	char next_letter;	 /* next expected action letter in cur_area */
	struct pending pend[2];	 /* [0] leads, [1] timescales */
	char *last_val[2];	 /* last value assigned per column, for dittos */
	int glossary;		 /* 0 none, 1 generic, 2 people, 3 terms */
	int saw_title;
	int row_line;		 /* line of the row being read */
	char *lead_line;	 /* lead named by a "Lead ...: NAME" line, for the next table */
	char *table_lead;	 /* lead of the table being read, when it has no Lead column */
	char *heading;		 /* the last heading that was not a section or title */
	char *area_title;	 /* title of the next area of a table with no Area column */
	struct override *over;	 /* --columns, in the order given */
	size_t n_over;
	int table_no;		 /* tables seen so far */
	int blk_mode;		 /* labelled blocks: 0 none, -1 numbered labels start
				    them, 1..6 headings of that level do */
	int blk_active;		 /* 1 inside a block */
	int blk_label;		 /* kind of the label being read (LBL_*, COL_*) */
	char *blk_field;	 /* its words, when it is a field */
	size_t note_before;	 /* actions before the current table note */
};

static const char *const col_names[2] = {"lead", "timescale"};

/* ---- small helpers ---------------------------------------------------- */

static char *join_space(char *a, const char *b)
{
	struct buf out = BUF_INIT;
	if (!a)
		return xstrdup(b);
	buf_puts(&out, a);
	if (*a && *b)
		buf_putc(&out, ' ');
	buf_puts(&out, b);
	free(a);
	return buf_take(&out);
}

static void warn(struct importer *im, const char *kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void warn(struct importer *im, const char *kind, const char *fmt, ...)
{
	struct plan_model *m = im->m;
	struct plan_warning *w;
	struct buf place = BUF_INIT, msg = BUF_INIT;
	va_list ap;

	if (im->cur_area >= 0) {
		struct plan_area *a = &m->areas[im->cur_area];
		buf_printf(&place, "area %d (%.60s%s)", a->no, a->title,
			   strlen(a->title) > 60 ? "..." : "");
	} else {
		buf_printf(&place, "%s:%d", im->name, im->row_line);
	}
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	m->warnings = xrealloc(m->warnings, (m->n_warnings + 1) * sizeof *m->warnings);
	w = &m->warnings[m->n_warnings++];
	w->kind = xstrdup(kind);
	w->place = buf_take(&place);
	w->message = buf_take(&msg);
}

/* A ditto mark: “ ” " 〃 '' do. ditto — alone in the cell. */
static int is_ditto(const char *s)
{
	static const char *const marks[] = {
		"\"", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe3\x80\x83", "''",
		"\xe2\x80\x9e", "do", "do.", "ditto", "\"\"", "\xe2\x80\x9c\xe2\x80\x9c",
		"\xe2\x80\x9d\xe2\x80\x9d", NULL};
	char *t = str_trim_dup(s);
	int i, r = 0;
	for (i = 0; marks[i]; i++)
		if (str_eq_ci(t, marks[i]))
			r = 1;
	free(t);
	return r;
}

static char *cell_text(const struct doc_row *r, int idx)
{
	struct buf b = BUF_INIT;
	size_t i;
	if (idx < 0 || (size_t)idx >= r->n_cells)
		return xstrdup("");
	for (i = 0; i < r->cells[idx].n_paras; i++) {
		if (i)
			buf_putc(&b, ' ');
		buf_puts(&b, r->cells[idx].paras[i]);
	}
	return buf_take(&b);
}

static const struct doc_cell *cell_at(const struct doc_row *r, int idx)
{
	static const struct doc_cell empty = {NULL, 0};
	if (idx < 0 || (size_t)idx >= r->n_cells)
		return &empty;
	return &r->cells[idx];
}

/* ---- columns ---------------------------------------------------------- */

/* Header text as compared: lower case; a bracketed note such as
 * "(MM/YY)" or "(s)" dropped; punctuation other than '/' and '&' made a
 * space; filler words ("required", "proposed", ...) dropped; each word
 * singular (a trailing 's' off, but not "ss"); one space between words.
 * Synonyms go through the same function, so "Actions Required" meets
 * "action" and "Target date (MM/YY)" meets "target date". */
static void header_norm(const char *in, struct buf *out)
{
	static const char *const filler[] = {"required", "proposed", "planned", "key",
					     "our", "the", "to", "be", "taken", NULL};
	struct buf words = BUF_INIT;
	const char *p;
	int depth = 0;
	size_t i, n;
	char *w, *save = NULL, *text;

	for (p = in; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch == '(' || ch == '[') {
			depth++;
			continue;
		}
		if ((ch == ')' || ch == ']') && depth) {
			depth--;
			buf_putc(&words, ' ');
			continue;
		}
		if (depth)
			continue;
		if (isalnum(ch) || ch >= 0x80)
			buf_putc(&words, (char)tolower(ch));
		else if (ch == '/' || ch == '&')
			buf_printf(&words, " %c ", ch);
		else
			buf_putc(&words, ' ');
	}
	buf_reset(out);
	text = buf_take(&words);
	for (w = strtok_r(text ? text : (char *)"", " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		int skip = 0;
		for (i = 0; filler[i]; i++)
			if (!strcmp(w, filler[i]))
				skip = 1;
		if (skip)
			continue;
		n = strlen(w);
		if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's')
			w[--n] = '\0';
		if (out->len)
			buf_putc(out, ' ');
		buf_puts(out, w);
	}
	free(text);
}

static const struct {
	const char *word;
	int col;
} header_words[] = {
		{"area of work", COL_AREA}, {"area", COL_AREA}, {"objective", COL_AREA},
		{"aim", COL_AREA}, {"outcome", COL_AREA}, {"theme", COL_AREA},
		{"priority", COL_AREA}, {"goal", COL_AREA}, {"workstream", COL_AREA},
		{"indicator", COL_AREA}, {"metric", COL_AREA},
		{"action", COL_ACTION}, {"activity", COL_ACTION}, {"activities", COL_ACTION},
		{"task", COL_ACTION}, {"what we will do", COL_ACTION}, {"step", COL_ACTION},
		{"measure", COL_ACTION},
		{"lead", COL_LEAD}, {"lead officer", COL_LEAD}, {"lead responsibility", COL_LEAD},
		{"responsibility", COL_LEAD}, {"responsible", COL_LEAD},
		{"responsible officer", COL_LEAD}, {"owner", COL_LEAD}, {"who", COL_LEAD},
		{"by whom", COL_LEAD}, {"accountable people", COL_LEAD},
		{"accountable person", COL_LEAD}, {"accountable", COL_LEAD},
		{"year", COL_YEAR}, {"timescale", COL_YEAR}, {"target date", COL_YEAR},
		{"deadline", COL_YEAR}, {"due", COL_YEAR}, {"due date", COL_YEAR},
		{"when", COL_YEAR}, {"by when", COL_YEAR}, {"date", COL_YEAR},
		{"timeframe", COL_YEAR}, {"time frame", COL_YEAR}, {"completion date", COL_YEAR},
		{"duty", COL_DUTIES}, {"duties", COL_DUTIES}, {"statutory duty", COL_DUTIES},
		{"statutory duties", COL_DUTIES}, {"protected characteristic", COL_FIELD},
		{"equality strand", COL_FIELD},
		{"status", COL_STATUS}, {"rag", COL_STATUS},
		{"no", COL_ID}, {"number", COL_ID}, {"ref", COL_ID}, {"reference", COL_ID},
		{"ref no", COL_ID}, {"reference no", COL_ID}, {"id", COL_ID},
		{"action no", COL_ID}, {"action number", COL_ID}, {"action ref", COL_ID},
		{"action id", COL_ID},
		{"progress", COL_FIELD}, {"progress update", COL_FIELD}, {"update", COL_FIELD},
		{"comments", COL_FIELD}, {"notes", COL_FIELD},
		{"key performance indicator", COL_FIELD}, {"kpi", COL_FIELD},
		{"measure of success", COL_FIELD}, {"success measure", COL_FIELD},
		{"success criteria", COL_FIELD}, {"outcome measure", COL_FIELD},
		{"evidence", COL_FIELD}, {"team", COL_FIELD}, {"department", COL_FIELD},
		{"directorate", COL_FIELD}, {"resources", COL_FIELD}, {"cost", COL_FIELD},
		{"budget", COL_FIELD}, {"risk", COL_FIELD},
};
#define N_HEADER_WORDS (sizeof header_words / sizeof header_words[0])

/* The synonyms tidied as headers are, once per process (imports may run
 * on several server threads). */
static char *header_norms[N_HEADER_WORDS];
static pthread_once_t header_once = PTHREAD_ONCE_INIT;
static void header_norms_make(void)
{
	struct buf w = BUF_INIT;
	size_t i;
	for (i = 0; i < N_HEADER_WORDS; i++) {
		header_norm(header_words[i].word, &w);
		header_norms[i] = xstrdup(buf_str(&w));
	}
	buf_free(&w);
}

/* The column a normalised header names exactly, or -1; *word is the
 * synonym (as written in the table). */
static int header_word_at(const char *norm, const char **word)
{
	size_t i;
	pthread_once(&header_once, header_norms_make);
	for (i = 0; i < N_HEADER_WORDS; i++)
		if (!strcmp(norm, header_norms[i])) {
			*word = header_words[i].word;
			return header_words[i].col;
		}
	return -1;
}

/* The column a header cell names: a --columns entry first (its whole
 * text, as written or tidied; *over is its index); else the whole text,
 * or else its parts split at '/' and '&' ("Action/Target",
 * "Objective/Action": an actions part wins; otherwise the first part
 * known). A column the user named is not guessed from another cell. */
static int header_kind_im(const struct importer *im, const char *cell,
			  const char **matched, int *over)
{
	struct buf norm = BUF_INIT;
	char *save = NULL, *part, *text;
	const char *w = NULL;
	int r, k;
	size_t i;
	*matched = NULL;
	*over = -1;
	if (strlen(cell) > 200) /* a header is a few words; cells of text are not */
		return -1;
	{
		/* "#" is all punctuation, which header_norm drops */
		char *t = str_trim_dup(cell);
		int hash = !strcmp(t, "#");
		free(t);
		if (hash) {
			*matched = "#";
			return COL_ID;
		}
	}
	header_norm(cell, &norm);
	for (i = 0; im && i < im->n_over; i++) {
		char *t = str_trim_dup(cell);
		int same = str_eq_ci(t, im->over[i].text) ||
			   (*buf_str(&norm) && !strcmp(buf_str(&norm), im->over[i].norm));
		free(t);
		if (same) {
			buf_free(&norm);
			*matched = "--columns";
			*over = (int)i;
			return im->over[i].col;
		}
	}
	if (strlen(cell) > 80) {
		buf_free(&norm);
		return -1;
	}
	r = header_word_at(buf_str(&norm), matched);
	text = buf_take(&norm);
	if (r < 0 && text && (strchr(text, '/') || strchr(text, '&'))) {
		for (part = strtok_r(text, "/&", &save); part;
		     part = strtok_r(NULL, "/&", &save)) {
			char *t = str_trim_dup(part);
			k = header_word_at(t, &w);
			free(t);
			if (k == COL_ACTION || (k >= 0 && (r < 0 || r == COL_FIELD))) {
				r = k;
				*matched = w;
			}
		}
	}
	free(text);
	for (i = 0; r >= 0 && im && i < im->n_over; i++)
		if (im->over[i].col == r) {
			*matched = NULL;
			return -1;
		}
	return r;
}

static int header_kind(const struct importer *im, const char *cell)
{
	const char *w;
	int o;
	return header_kind_im(im, cell, &w, &o);
}

/* Column i, headed t, kept as a field of the actions: a column known to
 * be kept (k == COL_FIELD), a second column of a kind already mapped, or
 * one whose header parity does not know. A column with no header is not
 * kept. The name is the header as written, cut to 80 bytes. */
static void keep_field(struct colmap *c, int i, const char *t)
{
	struct field_col *f;
	struct buf norm = BUF_INIT;
	char *name = str_squeeze(str_trim_dup(t));
	size_t n = strlen(name);
	if (n == 0 || c->n_fields >= MAX_FIELD_COLS) {
		free(name);
		return;
	}
	if (n > 80) {
		n = 80;
		while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
			n--; /* cut at a character boundary */
		name[n] = '\0';
	}
	f = &c->fields[c->n_fields++];
	f->idx = i;
	snprintf(f->name, sizeof f->name, "%s", name);
	header_norm(name, &norm);
	f->progress = !strcmp(buf_str(&norm), "progress") ||
		      !strcmp(buf_str(&norm), "progress update");
	buf_free(&norm);
	free(name);
}

/* 1 and fills *cm when the row is a header row naming an Actions column
 * and at least one other known column (or an Actions column the user
 * named with --columns). */
static int read_header(const struct importer *im, const struct doc_row *r,
		       struct colmap *cm)
{
	struct colmap c;
	size_t i;
	int known = 0;

	for (i = 0; i < N_COLS; i++) {
		c.idx[i] = -1;
		c.matched[i] = NULL;
		c.over[i] = -1;
	}
	c.n_cells = r->n_cells;
	c.n_fields = 0;
	for (i = 0; i < r->n_cells; i++) {
		char *t = cell_text(r, (int)i);
		const char *w;
		int o, k = header_kind_im(im, t, &w, &o);
		if (k >= 0 && k < N_COLS && c.idx[k] < 0) {
			c.idx[k] = (int)i;
			c.matched[k] = w;
			c.over[k] = o;
			known++;
		} else {
			known += k == COL_FIELD;
			keep_field(&c, (int)i, t);
		}
		free(t);
	}
	if (c.idx[COL_ACTION] < 0 || (known < 2 && c.over[COL_ACTION] < 0))
		return 0;
	if (cm)
		*cm = c;
	return 1;
}

/* 1 when every cell of the row is a known header word (a header row of a
 * table with no Actions column). */
static int is_header_like(const struct importer *im, const struct doc_row *r)
{
	size_t i;
	int known = 0;
	for (i = 0; i < r->n_cells; i++) {
		char *t = cell_text(r, (int)i);
		if (header_kind(im, t) >= 0)
			known++;
		free(t);
	}
	return known >= 2 && (size_t)known * 2 >= r->n_cells;
}

/* ---- sections and areas ---------------------------------------------- */

/* "1. STRUCTURE", "Section 2: Workforce", "2 STAFFING" -> number + title. */
static int parse_section(const char *s, int need_caps, int *no, char **title)
{
	const char *p = s;
	long v = 0;
	int digits = 0;
	const char *t;

	if (str_prefix_ci(p, "section "))
		p += 8;
	while (isdigit((unsigned char)*p) && digits < 3)
		v = v * 10 + (*p++ - '0'), digits++;
	if (!digits || v < 1)
		return 0;
	if (*p == '.' || *p == ':' || *p == ')')
		p++;
	if (*p != ' ' && *p != '\t')
		return 0;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!isalpha((unsigned char)*p))
		return 0;
	if (need_caps) {
		for (t = p; *t; t++)
			if (islower((unsigned char)*t))
				return 0;
	}
	*no = (int)v;
	*title = str_trim_dup(p);
	return 1;
}

static void add_section(struct importer *im, int no, char *title)
{
	struct plan_model *m = im->m;
	size_t i;
	for (i = 0; i < m->n_sections; i++) {
		if (m->sections[i].no == no) {
			/* a repeated number: keep numbers unique */
			no = (int)m->n_sections + 1;
			break;
		}
	}
	m->sections = xrealloc(m->sections, (m->n_sections + 1) * sizeof *m->sections);
	m->sections[m->n_sections].no = no;
	m->sections[m->n_sections].title = title;
	im->cur_section = (int)m->n_sections++;
}

static void resolve_pending(struct importer *im);

static void end_area(struct importer *im)
{
	struct plan_area *a;
	size_t i;
	if (im->cur_area < 0)
		return;
	resolve_pending(im);
	a = &im->m->areas[im->cur_area];
	for (i = 0; i < a->n_actions; i++) {
		if (!a->actions[i].lead)
			warn(im, "lead", "action %d%c has no lead", a->no,
			     a->actions[i].letter);
		if (!a->actions[i].timescale)
			warn(im, "timescale", "action %d%c has no timescale", a->no,
			     a->actions[i].letter);
	}
	if (a->n_actions == 0)
		warn(im, "structure", "area %d has no lettered actions", a->no);
}

/* Split the first cell into title words and the duties text. */
static void read_area_cell(const struct doc_cell *c, char **title, char **duties)
{
	size_t i;
	*title = NULL;
	*duties = NULL;
	for (i = 0; i < c->n_paras; i++) {
		const char *p = c->paras[i];
		const char *d = str_find_ci(p, "duties ");
		if (!d)
			d = str_find_ci(p, "duty ");
		if (d && (d == p || d[-1] == ' ')) {
			const char *q = d;
			while (*q && !isspace((unsigned char)*q))
				q++;
			while (*q == ' ')
				q++;
			if (isdigit((unsigned char)*q)) {
				if (d > p) {
					char *t = str_trim(xstrndup(p, (size_t)(d - p)));
					*title = join_space(*title, t);
					free(t);
				}
				*duties = join_space(*duties, d);
				continue;
			}
		}
		*title = join_space(*title, p);
	}
}

static void new_area(struct importer *im, char *title, char *duties)
{
	struct plan_model *m = im->m;
	struct plan_area *a;

	end_area(im);
	m->areas = xrealloc(m->areas, (m->n_areas + 1) * sizeof *m->areas);
	a = &m->areas[m->n_areas];
	memset(a, 0, sizeof *a);
	a->no = (int)m->n_areas + 1;
	a->section = im->cur_section;
	a->title = title ? title : xstrdup("(untitled)");
	a->duties_text = duties;
	a->n_duties = plan_duties_parse(duties, a->duties, PLAN_MAX_DUTIES);
	a->line = im->row_line;
	im->cur_area = (int)m->n_areas++;
	im->next_letter = 'a';
}

static void extend_area(struct importer *im, char *title, char *duties)
{
	struct plan_area *a = &im->m->areas[im->cur_area];
	if (title && *title)
		a->title = join_space(a->title, title);
	if (duties && *duties) {
		a->duties_text = a->duties_text ? join_space(a->duties_text, duties)
						: xstrdup(duties);
		a->n_duties = plan_duties_parse(a->duties_text, a->duties,
						PLAN_MAX_DUTIES);
	}
	free(title);
	free(duties);
}

static struct plan_action *add_action(struct importer *im, char letter,
				      const char *text)
{
	struct plan_area *a = &im->m->areas[im->cur_area];
	struct plan_action *act;
	if (a->n_actions > 0 && letter <= a->actions[a->n_actions - 1].letter) {
		/* Letters must rise so ids stay unique; past (z) there is no
		 * letter left, and the text joins the last action. */
		char last = a->actions[a->n_actions - 1].letter;
		if (last >= 'z') {
			act = &a->actions[a->n_actions - 1];
			warn(im, "structure", "more than 26 actions in one area; the "
			     "text \"%.40s\" was added to action %d%c", text, a->no, last);
			act->text = join_space(act->text, text);
			return act;
		}
		letter = (char)(last + 1);
	}
	a->actions = xrealloc(a->actions, (a->n_actions + 1) * sizeof *a->actions);
	act = &a->actions[a->n_actions++];
	memset(act, 0, sizeof *act);
	act->letter = letter;
	act->text = str_squeeze(str_trim_dup(text));
	act->line = im->row_line;
	if (im->table_lead && im->cols.idx[COL_LEAD] < 0)
		act->lead = xstrdup(im->table_lead);
	im->next_letter = (char)(letter < 'z' ? letter + 1 : 'z');
	return act;
}

/* ---- actions within a cell ------------------------------------------- */

struct segment {
	char letter; /* 0 for text that continues the previous action */
	char *text;
};

struct segments {
	struct segment *s;
	size_t n;
};

static void seg_push(struct segments *ss, char letter, const char *text, size_t len)
{
	char *t = str_squeeze(str_trim(xstrndup(text, len)));
	if (!*t && letter == 0) {
		free(t);
		return;
	}
	ss->s = xrealloc(ss->s, (ss->n + 1) * sizeof *ss->s);
	ss->s[ss->n].letter = letter;
	ss->s[ss->n].text = t;
	ss->n++;
}

static void seg_free(struct segments *ss)
{
	size_t i;
	for (i = 0; i < ss->n; i++)
		free(ss->s[i].text);
	free(ss->s);
	ss->s = NULL;
	ss->n = 0;
}

/* Marker for letter L at p: "(l)" anywhere after a space or at the start,
 * or "l)" / "l." at the very start. Returns its length or 0. */
static size_t marker_at(const char *para, const char *p, char l)
{
	int at_start = (p == para);
	if (!at_start && !isspace((unsigned char)p[-1]) && p[-1] != '>')
		return 0;
	if (p[0] == '(' && tolower((unsigned char)p[1]) == l && p[2] == ')')
		return 3;
	if (at_start && tolower((unsigned char)p[0]) == l &&
	    (p[1] == ')' || p[1] == '.') && p[2] == ' ')
		return 2;
	return 0;
}

/* Split the paragraphs of the Actions cell into segments at the expected
 * letters, starting from `next`. */
static void split_actions(const struct doc_cell *c, char next, struct segments *ss)
{
	size_t i;
	for (i = 0; i < c->n_paras; i++) {
		const char *para = c->paras[i], *p, *seg_start = para;
		char cur = 0;
		size_t mlen;
		/* A paragraph may open with a later letter when the plan skips
		 * one ("a) ... c) ..." after an edit). */
		if (next <= 'z') {
			char l;
			for (l = next; l <= 'z' && l < next + 4; l++)
				if (marker_at(para, para, l)) {
					next = l;
					break;
				}
		}
		for (p = para; *p; p++) {
			if (next > 'z')
				break;
			mlen = marker_at(para, p, next);
			if (!mlen)
				continue;
			if (p > seg_start || cur)
				seg_push(ss, cur, seg_start, (size_t)(p - seg_start));
			cur = next;
			next++;
			seg_start = p + mlen;
			p += mlen - 1;
		}
		seg_push(ss, cur, seg_start, strlen(seg_start));
	}
}

/* ---- lead / timescale values ----------------------------------------- */

/* Values of a Lead/Year cell: one per paragraph; a single paragraph is
 * split into exactly k pieces when it holds run-together values. */
static size_t year_split(const char *s, char ***out);
static size_t lead_split_ws(const char *s, char ***out);

static size_t cell_values(struct importer *im, const struct doc_cell *c,
			  int which, size_t k, char ***out)
{
	size_t i, n;
	char **v;
	if (c->n_paras == 1 && k > 1) {
		n = which == 0 ? lead_split_ws(c->paras[0], out)
			       : year_split(c->paras[0], out);
		if (n == k)
			return n;
		if (n > 1)
			warn(im, "align",
			     "the %s cell \"%s\" holds several values but not one "
			     "for each of the %zu actions; it was not split",
			     col_names[which], c->paras[0], k);
		plan_tokens_free(*out, n);
	}
	v = xcalloc(c->n_paras + 1, sizeof *v);
	for (i = 0; i < c->n_paras; i++)
		v[i] = xstrdup(c->paras[i]);
	*out = v;
	return c->n_paras;
}

static int yearish_token(const char *t, size_t n)
{
	size_t i, digits = 0, slashes = 0, dashes = 0;
	if (n >= 7 && str_prefix_ci(t, "ongoing"))
		return 1;
	for (i = 0; i < n; i++) {
		if (isdigit((unsigned char)t[i]))
			digits++;
		else if (t[i] == '/')
			slashes++;
		else if (t[i] == '-')
			dashes++;
		else if (t[i] != ',' && t[i] != '.' && t[i] != ';')
			return 0;
	}
	return (digits == 4 && !slashes && !dashes) ||
	       (dashes == 1 && digits >= 4 && !slashes) ||
	       (slashes == 2 && digits >= 3);
}

/* Split "By August 2011 By August 2011 September 2011" after every year-
 * like token. Returns the number of pieces in *out (caller frees). */
static size_t year_split(const char *s, char ***out)
{
	char **v = NULL;
	size_t n = 0;
	const char *p = s, *start = s;
	while (*p) {
		const char *t;
		while (*p == ' ')
			p++;
		t = p;
		while (*p && *p != ' ')
			p++;
		if (p > t && yearish_token(t, (size_t)(p - t))) {
			/* "2009 -12": keep a following "-12" with its year */
			if (p[0] == ' ' && p[1] == '-' && isdigit((unsigned char)p[2])) {
				p += 2;
				while (isdigit((unsigned char)*p))
					p++;
			}
			v = xrealloc(v, (n + 1) * sizeof *v);
			v[n++] = str_trim(xstrndup(start, (size_t)(p - start)));
			start = p;
		}
	}
	if (!str_blank(start)) {
		v = xrealloc(v, (n + 1) * sizeof *v);
		v[n++] = str_trim_dup(start);
	}
	*out = v;
	return n;
}

/* Split "PG PG PG/KJ" at spaces when every piece is initials (or groups of
 * initials joined by '/'). */
static size_t lead_split_ws(const char *s, char ***out)
{
	char **v = NULL;
	size_t n = 0, i;
	const char *p = s;
	int ok = 1;
	while (*p) {
		const char *t;
		char *piece;
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		t = p;
		while (*p && *p != ' ')
			p++;
		piece = xstrndup(t, (size_t)(p - t));
		{
			char **parts;
			size_t np = plan_lead_split(piece, &parts);
			for (i = 0; i < np; i++)
				if (!plan_looks_like_initials(parts[i]))
					ok = 0;
			if (np == 0)
				ok = 0;
			plan_tokens_free(parts, np);
		}
		v = xrealloc(v, (n + 1) * sizeof *v);
		v[n++] = piece;
	}
	if (!ok) {
		plan_tokens_free(v, n);
		v = xcalloc(1, sizeof *v);
		v[0] = xstrdup(s);
		n = 1;
	}
	*out = v;
	return n;
}

static char **field_of(struct plan_action *a, int which)
{
	return which == 0 ? &a->lead : &a->timescale;
}

/* Give value v to action a in column `which`, resolving a ditto. */
static void assign(struct importer *im, struct plan_action *a, int which,
		   const char *v)
{
	char **f = field_of(a, which);
	if (is_ditto(v)) {
		if (im->last_val[which]) {
			v = im->last_val[which];
		} else {
			warn(im, "align", "action %d%c: a ditto mark in the %s "
			     "column has nothing above it",
			     im->m->areas[im->cur_area].no, a->letter, col_names[which]);
			return;
		}
	}
	free(*f);
	*f = xstrdup(v);
	free(im->last_val[which]);
	im->last_val[which] = xstrdup(*f);
}

static void letters(struct plan_area *a, size_t first, size_t n, char *out)
{
	if (n == 0)
		snprintf(out, 8, "none");
	else if (n == 1)
		snprintf(out, 8, "%c", a->actions[first].letter);
	else
		snprintf(out, 8, "%c-%c", a->actions[first].letter,
			 a->actions[first + n - 1].letter);
}

static void resolve_one(struct importer *im, int which)
{
	struct pending *pd = &im->pend[which];
	struct plan_area *a;
	size_t i;
	char span[8];

	if (!pd->active)
		return;
	a = &im->m->areas[im->cur_area];
	letters(a, pd->first, pd->n_acts, span);
	if (pd->n_vals == pd->n_acts) {
		for (i = 0; i < pd->n_acts; i++)
			assign(im, &a->actions[pd->first + i], which, pd->vals[i]);
	} else if (pd->n_vals == 1) {
		for (i = 0; i < pd->n_acts; i++)
			assign(im, &a->actions[pd->first + i], which, pd->vals[0]);
	} else if (pd->n_vals > pd->n_acts) {
		struct buf extra = BUF_INIT;
		for (i = 0; i < pd->n_acts; i++)
			assign(im, &a->actions[pd->first + i], which, pd->vals[i]);
		for (i = pd->n_acts; i < pd->n_vals; i++)
			buf_printf(&extra, "%s\"%s\"", i > pd->n_acts ? ", " : "",
				   pd->vals[i]);
		warn(im, "align",
		     "%zu %s values for %zu actions (%s); paired in order, the "
		     "extra %s ignored: %s",
		     pd->n_vals, col_names[which], pd->n_acts, span,
		     pd->n_vals - pd->n_acts == 1 ? "value" : "values",
		     buf_str(&extra));
		buf_free(&extra);
	} else if (pd->n_vals > 1) {
		char rest[8];
		for (i = 0; i < pd->n_acts; i++)
			assign(im, &a->actions[pd->first + i], which,
			       pd->vals[i < pd->n_vals ? i : pd->n_vals - 1]);
		letters(a, pd->first + pd->n_vals, pd->n_acts - pd->n_vals, rest);
		warn(im, "align",
		     "%zu %s values for %zu actions (%s); paired in order, "
		     "action(s) %s took the last value \"%s\"",
		     pd->n_vals, col_names[which], pd->n_acts, span, rest,
		     pd->vals[pd->n_vals - 1]);
	}
	plan_tokens_free(pd->vals, pd->n_vals);
	memset(pd, 0, sizeof *pd);
}

static void resolve_pending(struct importer *im)
{
	resolve_one(im, 0);
	resolve_one(im, 1);
}

/* Values of one column for a row that started k actions at index first
 * (cont = 1 when the row began by continuing the previous action). */
static void place_values(struct importer *im, int which, char **vals,
			 size_t n, size_t first, size_t k, int cont)
{
	struct plan_area *a = &im->m->areas[im->cur_area];
	struct pending *pd = &im->pend[which];
	size_t i;

	if (cont && n == k + 1 && first > 0) {
		char **f = field_of(&a->actions[first - 1], which);
		if (!is_ditto(vals[0]))
			*f = join_space(*f, vals[0]);
		free(vals[0]);
		memmove(vals, vals + 1, (n - 1) * sizeof *vals);
		n--;
		free(im->last_val[which]);
		im->last_val[which] = *f ? xstrdup(*f) : NULL;
	}
	if (k == 0 && n == 0) {
		free(vals);
		return;
	}
	if (which == 0 && k == 1 && n > 1 && !cont && !pd->active) {
		/* One action, several leads in its cell (a line each, as a
		 * spreadsheet cell or a Word cell holds them): all lead it. */
		struct buf all = BUF_INIT;
		for (i = 0; i < n; i++)
			if (!is_ditto(vals[i]))
				buf_printf(&all, "%s%s", all.len ? "; " : "", vals[i]);
		plan_tokens_free(vals, n);
		vals = xmalloc(sizeof *vals);
		vals[0] = buf_take(&all);
		n = 1;
		if (!vals[0])
			vals[0] = xstrdup("");
	}
	if (n == k) {
		for (i = 0; i < k; i++)
			assign(im, &a->actions[first + i], which, vals[i]);
		plan_tokens_free(vals, n);
		return;
	}
	/* Counts differ: wait for spilled rows, align at the end. */
	pd->active = 1;
	pd->first = first;
	pd->n_acts = k;
	pd->vals = vals;
	pd->n_vals = n;
}

/* A row of spilled values: add them to what waits. */
static void spill_values(struct importer *im, const char *lead, const char *year)
{
	const char *v[2] = {lead, year};
	int w;
	for (w = 0; w < 2; w++) {
		struct pending *pd = &im->pend[w];
		if (!v[w] || !*v[w])
			continue;
		if (!pd->active) {
			struct plan_area *a = &im->m->areas[im->cur_area];
			pd->active = 1;
			pd->first = a->n_actions;
			pd->n_acts = 0;
		}
		pd->vals = xrealloc(pd->vals, (pd->n_vals + 1) * sizeof *pd->vals);
		pd->vals[pd->n_vals++] = xstrdup(v[w]);
	}
}

/* ---- rows --------------------------------------------------------------*/

static int looks_like_lead_cell(const char *s)
{
	char **t;
	size_t n = plan_lead_split(s, &t), i;
	int ok = n > 0 && strlen(s) <= 60;
	for (i = 0; i < n && ok; i++)
		if (!plan_looks_like_initials(t[i]) && strchr(t[i], ' ') == NULL &&
		    !isupper((unsigned char)t[i][0]))
			ok = 0;
	plan_tokens_free(t, n);
	return ok;
}

static int looks_like_timescale(const char *s)
{
	struct timescale ts;
	return timescale_parse(s, &ts) == 0 || is_ditto(s);
}

/* Spilled lead/year row: no lettered action, values shifted left (the
 * converter dropped empty cells) or sitting in the lead/year columns with
 * nothing else. Returns 1 and the values when it is one. */
static int read_spill(struct importer *im, const struct doc_row *r,
		      char **lead, char **year)
{
	const int *ix = im->cols.idx;
	char *area = cell_text(r, ix[COL_AREA]), *act = cell_text(r, ix[COL_ACTION]);
	char *l = cell_text(r, ix[COL_LEAD]), *y = cell_text(r, ix[COL_YEAR]);
	int ok = 0;

	*lead = *year = NULL;
	if (im->cur_area < 0)
		goto done;
	if (*area == '\0' && *act == '\0' && (*l || *y)) {
		*lead = l, *year = y;
		l = y = NULL;
		ok = 1;
	} else if (*area && *act && *l == '\0' && ix[COL_AREA] >= 0 &&
		   ix[COL_ACTION] == ix[COL_AREA] + 1 && looks_like_lead_cell(area) &&
		   looks_like_timescale(act) && !strchr(act, '(')) {
		*lead = area;
		*year = *y ? join_space(act, y) : act;
		area = act = NULL;
		ok = 1;
	}
done:
	free(area);
	free(act);
	free(l);
	free(y);
	return ok;
}

/* ---- the plan's own ids and the columns kept as fields ----------------*/

/* s as an action id into out (PLAN_CODE_MAX + 1 bytes): surrounding space
 * and one closing '.' or ')' (with its '(') dropped; then 1 to
 * PLAN_CODE_MAX letters, digits, '.', '-' or '_', starting with a letter
 * or digit — characters safe in a web address and a command line. Returns
 * 1 when it is one. */
static int id_clean(const char *s, char *out)
{
	char *t = str_trim_dup(s), *p = t;
	size_t n = strlen(t), i;
	int ok;
	if (n && (t[n - 1] == '.' || t[n - 1] == ')')) {
		if (t[n - 1] == ')' && *p == '(')
			p++;
		t[--n] = '\0';
	}
	n = strlen(p);
	ok = n >= 1 && n <= PLAN_CODE_MAX && isalnum((unsigned char)p[0]);
	for (i = 0; ok && i < n; i++)
		if (!isalnum((unsigned char)p[i]) && p[i] != '.' && p[i] != '-' && p[i] != '_')
			ok = 0;
	if (ok)
		snprintf(out, PLAN_CODE_MAX + 1, "%s", p);
	free(t);
	return ok;
}

/* The id column of a row that added k actions from index first: one id
 * per action when the cell has one paragraph per action; one id ending in
 * a digit over lettered actions (the plan wrote (a), (b)) gives each the
 * id and its letter ("4" -> 4a, 4b), and lettered actions in later rows of
 * the same area with the id cell empty go on from it (4c). An unusable id
 * is warned about and left out. */
static void take_ids(struct importer *im, const struct doc_row *r, size_t first, size_t k,
		     int lettered)
{
	const struct doc_cell *c = cell_at(r, im->cols.idx[COL_ID]);
	struct plan_area *a;
	size_t i;
	if (im->cols.idx[COL_ID] < 0 || k == 0)
		return;
	a = &im->m->areas[im->cur_area];
	if (c->n_paras == 0) {
		/* (c) under "4" (a), (b): the id of the area's lettered actions */
		const struct plan_action *prev = first ? &a->actions[first - 1] : NULL;
		size_t n = prev && prev->code ? strlen(prev->code) : 0;
		if (!lettered || n < 2 || prev->code[n - 1] != prev->letter ||
		    !isdigit((unsigned char)prev->code[n - 2]))
			return;
		for (i = 0; i < k; i++) {
			struct buf b = BUF_INIT;
			buf_printf(&b, "%.*s%c", (int)(n - 1), prev->code, a->actions[first + i].letter);
			free(a->actions[first + i].code);
			a->actions[first + i].code = buf_take(&b);
		}
		return;
	}
	if (c->n_paras != k && c->n_paras != 1)
		warn(im, "align", "%zu ids for %zu actions; paired in order", c->n_paras, k);
	for (i = 0; i < k && (i < c->n_paras || c->n_paras == 1); i++) {
		struct plan_action *act = &a->actions[first + i];
		const char *v = c->paras[c->n_paras == 1 ? 0 : i];
		char id[PLAN_CODE_MAX + 1];
		if (!id_clean(v, id)) {
			warn(im, "id", "action %d%c: \"%.40s\" in the id column cannot be an "
			     "action id (1 to %d letters, digits, '.', '-' or '_')",
			     a->no, act->letter, v, PLAN_CODE_MAX);
			continue;
		}
		free(act->code);
		if (c->n_paras == 1 && (k > 1 || lettered) &&
		    isdigit((unsigned char)id[strlen(id) - 1]) && strlen(id) < PLAN_CODE_MAX) {
			struct buf b = BUF_INIT;
			buf_printf(&b, "%s%c", id, act->letter);
			act->code = buf_take(&b);
		} else {
			act->code = xstrdup(id);
		}
	}
}

/* Length of the plan's own number at the start of an action's text, or
 * 0: 1-3 digits, up to three more ".digits" groups, one optional letter,
 * an optional '.' or ')', then a space — but a bare number ("2024 survey",
 * "10 staff") is not one: it needs a group, a letter or the '.'/')'. The
 * id (without the '.'/')') goes to out. */
static size_t text_id(const char *s, char *out)
{
	const char *p = s;
	int groups = 0, letter = 0, mark = 0;
	size_t d, n;
	for (d = 0; isdigit((unsigned char)*p) && d < 4; d++, p++)
		;
	if (d == 0 || d > 3)
		return 0;
	while (*p == '.' && isdigit((unsigned char)p[1]) && groups < 3) {
		p++;
		for (d = 0; isdigit((unsigned char)*p) && d < 4; d++, p++)
			;
		if (d > 3)
			return 0;
		groups++;
	}
	if (isalpha((unsigned char)*p) && !isalpha((unsigned char)p[1])) {
		p++;
		letter = 1;
	}
	n = (size_t)(p - s);
	if (*p == '.' || *p == ')') {
		p++;
		mark = 1;
	}
	if (*p != ' ' || !p[1] || (!groups && !letter && !mark) || n > PLAN_CODE_MAX)
		return 0;
	memcpy(out, s, n);
	out[n] = '\0';
	while (*p == ' ')
		p++;
	return (size_t)(p - s);
}

static size_t count_actions(const struct plan_model *m);

/* Actions from index `before` on (those a table added): in a table with
 * no id column, when every one opens with a number as text_id reads it,
 * the numbers become their ids and leave the text. */
static void take_text_ids(struct importer *im, size_t before)
{
	struct plan_model *m = im->m;
	size_t k, j, n = 0, pass;
	char id[PLAN_CODE_MAX + 1];
	if (im->cols.idx[COL_ID] >= 0 || before >= count_actions(m))
		return;
	for (pass = 0; pass < 2; pass++)
		for (k = 0, n = 0; k < m->n_areas; k++)
			for (j = 0; j < m->areas[k].n_actions; j++, n++) {
				struct plan_action *a = &m->areas[k].actions[j];
				size_t len;
				if (n < before)
					continue;
				len = text_id(a->text, id);
				if (!len)
					return; /* one without: the numbers are words */
				if (pass == 1) {
					char *rest = xstrdup(a->text + len);
					free(a->code);
					a->code = xstrdup(id);
					free(a->text);
					a->text = rest;
				}
			}
}

/* 1 when a Progress cell is exactly a status word: then it gives the
 * action its status too (anything longer is only kept as the field). */
static int status_word(const char *v)
{
	static const char *const words[] = {"done", "complete", "completed", "in progress",
					    "not started", "dropped", NULL};
	char *t = str_trim_dup(v);
	size_t n = strlen(t), i;
	int r = 0;
	if (n && t[n - 1] == '.')
		t[n - 1] = '\0';
	for (i = 0; words[i]; i++)
		if (str_eq_ci(t, words[i]))
			r = 1;
	free(t);
	return r;
}

/* The kept columns of a row that added k actions from index first: one
 * paragraph each when the counts match, else the whole cell (paragraphs
 * joined by a newline) to every one; in a row that only continued the
 * last action, the cell is added to that action's field. */
static void take_fields(struct importer *im, const struct doc_row *r, size_t first, size_t k)
{
	struct plan_area *a = &im->m->areas[im->cur_area];
	int f;
	size_t i, j;
	if (k == 0) {
		if (a->n_actions == 0)
			return;
		first = a->n_actions - 1;
	}
	for (f = 0; f < im->cols.n_fields; f++) {
		const struct field_col *fc = &im->cols.fields[f];
		const struct doc_cell *c = cell_at(r, fc->idx);
		struct buf all = BUF_INIT;
		if (c->n_paras == 0)
			continue;
		for (j = 0; j < c->n_paras; j++)
			buf_printf(&all, "%s%s", j ? "\n" : "", c->paras[j]);
		for (i = 0; i < (k ? k : 1); i++) {
			struct plan_action *act = &a->actions[first + i];
			const char *v = c->n_paras == k && k > 1 ? c->paras[i] : buf_str(&all);
			plan_action_add_field(act, fc->name, v);
			if (fc->progress && k && !act->status && status_word(v))
				act->status = str_trim_dup(v);
		}
		buf_free(&all);
	}
}

static void read_row(struct importer *im, const struct doc_row *r)
{
	const int *ix = im->cols.idx;
	const struct doc_cell *ca = cell_at(r, ix[COL_AREA]);
	const struct doc_cell *cx = cell_at(r, ix[COL_ACTION]);
	const struct doc_cell *cl = cell_at(r, ix[COL_LEAD]);
	const struct doc_cell *cy = cell_at(r, ix[COL_YEAR]);
	struct segments ss = {NULL, 0};
	char *title = NULL, *duties = NULL, *lead = NULL, *year = NULL;
	size_t i, k = 0, first;
	int cont = 0, new_one = 0, lettered = 0;
	/* an id starts an action as a lead or year value does */
	size_t n_own_values = cl->n_paras + cy->n_paras + cell_at(r, ix[COL_ID])->n_paras;

	im->row_line = r->line;
	/* Section row: "1. STRUCTURE" alone in the row. */
	if (ca->n_paras == 1 && cx->n_paras == 0 && cl->n_paras == 0 &&
	    cy->n_paras == 0) {
		int no;
		char *st;
		if (parse_section(ca->paras[0], 1, &no, &st)) {
			end_area(im);
			im->cur_area = -1;
			add_section(im, no, st);
			return;
		}
	}
	if (read_spill(im, r, &lead, &year)) {
		spill_values(im, lead, year);
		free(lead);
		free(year);
		return;
	}
	if (ca->n_paras == 0 && cx->n_paras == 0 && n_own_values == 0)
		return; /* blank row */

	read_area_cell(ca, &title, &duties);
	{
		const struct doc_cell *cd = cell_at(r, ix[COL_DUTIES]);
		if (cd->n_paras) {
			char *dt = cell_text(r, ix[COL_DUTIES]);
			duties = duties ? join_space(duties, dt) : xstrdup(dt);
			free(dt);
		}
	}
	/* Split the actions at the expected letter: the next one of the
	 * current area, or (a) when the cell opens with "(a)" (a new area). */
	{
		char start = im->cur_area >= 0 ? im->next_letter : 'a';
		if (cx->n_paras && marker_at(cx->paras[0], cx->paras[0], 'a'))
			start = 'a';
		split_actions(cx, start, &ss);
		for (i = 0; i < ss.n; i++)
			if (ss.s[i].letter)
				lettered = 1;
		if (!lettered && start != 'a' && (title || duties)) {
			struct segments s2 = {NULL, 0};
			split_actions(cx, 'a', &s2);
			if (s2.n && s2.s[0].letter == 'a') {
				seg_free(&ss);
				ss = s2;
				lettered = 1;
			} else {
				seg_free(&s2);
			}
		}
	}
	/* New area or continuation of the current one? */
	if (ca->n_paras == 0 || (!title && duties && im->cur_area >= 0 &&
				 (ss.n == 0 || ss.s[0].letter != 'a'))) {
		new_one = 0;
	} else if (im->cur_area < 0) {
		new_one = 1;
	} else if (ss.n > 0 && ss.s[0].letter == 'a') {
		new_one = 1;
	} else if (ss.n > 0 && ss.s[0].letter == 0 && !lettered) {
		/* unlettered text: a new area unless it continues a sentence */
		struct plan_area *a = &im->m->areas[im->cur_area];
		new_one = a->n_actions == 0 ? 0 : (n_own_values > 0);
	} else {
		new_one = 0; /* starts with continuation text or a later letter */
	}
	if (im->cur_area < 0 && !new_one) {
		if (ix[COL_AREA] >= 0)
			warn(im, "structure", "actions before any area of work; an "
			     "untitled area was started");
		else if (!title && im->area_title) /* no Area column: the heading above */
			title = im->area_title, im->area_title = NULL;
		else if (!title && im->m->title) /* ... else the plan's title */
			title = xstrdup(im->m->title);
		new_one = 1;
	}
	if (!new_one && lettered) {
		/* Letters that go backwards ((a) again) with no area title: the
		 * title is missing, not a second (a) in the same area. */
		for (i = 0; i < ss.n && !ss.s[i].letter; i++)
			;
		if (i < ss.n && ss.s[i].letter < im->next_letter) {
			new_one = 1;
			if (!title) {
				title = xstrdup("(untitled)");
				warn(im, "structure",
				     "line %d: actions start again at (%c) with no area "
				     "title; a new untitled area was started",
				     r->line, ss.s[i].letter);
			}
		}
	}
	/* The same area title again (a spreadsheet's merged cell carried
	 * down, or the title repeated on every row): the same area, unless its
	 * actions start again at (a). */
	if (new_one && title && im->cur_area >= 0 &&
	    str_eq_ci(title, im->m->areas[im->cur_area].title) &&
	    !(ss.n > 0 && ss.s[0].letter == 'a')) {
		const char *dt = im->m->areas[im->cur_area].duties_text;
		new_one = 0;
		free(title);
		title = NULL;
		if (duties && dt && str_eq_ci(duties, dt)) {
			free(duties);
			duties = NULL;
		}
	}
	if (new_one) {
		new_area(im, title, duties);
	} else {
		resolve_pending(im);
		extend_area(im, title, duties);
	}

	{
		struct plan_area *a = &im->m->areas[im->cur_area];
		first = a->n_actions;
		if (!lettered && ss.n > 0) {
			/* No letters in this row. */
			size_t nv = cl->n_paras > cy->n_paras ? cl->n_paras : cy->n_paras;
			if (a->n_actions > 0 && n_own_values == 0) {
				/* continuation text of the previous action */
				struct plan_action *prev = &a->actions[a->n_actions - 1];
				for (i = 0; i < ss.n; i++)
					prev->text = join_space(prev->text, ss.s[i].text);
			} else if (nv > 1 && nv == ss.n) {
				for (i = 0; i < ss.n; i++)
					add_action(im, im->next_letter, ss.s[i].text);
				k = ss.n;
			} else {
				struct buf all = BUF_INIT;
				for (i = 0; i < ss.n; i++) {
					if (i)
						buf_putc(&all, ' ');
					buf_puts(&all, ss.s[i].text);
				}
				add_action(im, im->next_letter, buf_str(&all));
				buf_free(&all);
				k = 1;
			}
		} else {
			for (i = 0; i < ss.n; i++) {
				if (ss.s[i].letter == 0) {
					if (a->n_actions == 0) {
						warn(im, "structure",
						     "text before the first lettered action was "
						     "added to the area's title: \"%.60s\"",
						     ss.s[i].text);
						a->title = join_space(a->title, ss.s[i].text);
						continue;
					}
					if (i == 0)
						cont = 1;
					a = &im->m->areas[im->cur_area];
					a->actions[a->n_actions - 1].text = join_space(
						a->actions[a->n_actions - 1].text, ss.s[i].text);
				} else {
					add_action(im, ss.s[i].letter, ss.s[i].text);
					a = &im->m->areas[im->cur_area];
					k++;
				}
			}
		}
	}
	seg_free(&ss);
	/* Count what was really added (past (z) text joins the last action). */
	k = im->m->areas[im->cur_area].n_actions - first;

	/* Status column, when the plan has one. */
	if (ix[COL_STATUS] >= 0 && k > 0) {
		const struct doc_cell *cs = cell_at(r, ix[COL_STATUS]);
		struct plan_area *a = &im->m->areas[im->cur_area];
		for (i = 0; i < k && i < cs->n_paras; i++)
			a->actions[first + i].status = xstrdup(cs->paras[cs->n_paras == 1 ? 0 : i]);
		if (cs->n_paras == 1)
			for (i = 1; i < k; i++)
				a->actions[first + i].status = xstrdup(cs->paras[0]);
	}

	/* Leads and timescales. */
	{
		char **vals;
		size_t n;
		resolve_pending(im);
		n = cell_values(im, cl, 0, k, &vals);
		place_values(im, 0, vals, n, first, k, cont);
		n = cell_values(im, cy, 1, k, &vals);
		place_values(im, 1, vals, n, first, k, cont);
	}
	/* The plan's own ids and the columns kept as fields. */
	take_ids(im, r, first, k, lettered);
	take_fields(im, r, first, k);
}

/* ---- glossary ----------------------------------------------------------*/

/* "XY – Name, Role": split at the first dash surrounded by spaces. */
static int split_gloss(const char *s, char **key, char **rest)
{
	const char *p;
	static const char *const dashes[] = {" \xe2\x80\x93 ", " \xe2\x80\x94 ",
					     " - ", " : ", "\xe2\x80\x93 ", NULL};
	int i;
	for (i = 0; dashes[i]; i++) {
		p = strstr(s, dashes[i]);
		if (p && p > s && p - s <= 16) {
			*key = str_trim(xstrndup(s, (size_t)(p - s)));
			*rest = str_trim_dup(p + strlen(dashes[i]));
			if (strchr(*key, ' ') || !**key || !**rest) {
				free(*key);
				free(*rest);
				return 0;
			}
			return 1;
		}
	}
	return 0;
}

static int is_gloss_line(const char *t)
{
	char *key, *rest;
	if (!split_gloss(t, &key, &rest))
		return 0;
	free(key);
	free(rest);
	return 1;
}

/* 1 and *name (to free) for a line such as "Lead Manager: NAME",
 * "Lead officer: NAME" or "Lead: NAME": the word Lead, at most three more
 * words, a colon, and a name of at most 120 bytes. */
static int lead_line(const char *t, char **name)
{
	const char *colon = strchr(t, ':'), *p;
	int words = 0;
	size_t n;
	if (!colon || strncasecmp(t, "lead", 4) || (t[4] != ' ' && t[4] != ':'))
		return 0;
	for (p = t + 4; p < colon; p++)
		if (*p == ' ' && p[1] != ' ' && p + 1 < colon)
			words++;
	if (words > 3)
		return 0;
	for (p = colon + 1; *p == ' '; p++)
		;
	n = strlen(p);
	while (n && p[n - 1] == ' ')
		n--;
	if (n == 0 || n > 120)
		return 0;
	*name = xstrndup(p, n);
	return 1;
}

/* Actions in the model so far (they are only ever appended, to the
 * last area, so the first n of a later count are these). */
static size_t count_actions(const struct plan_model *m)
{
	size_t k, n = 0;
	for (k = 0; k < m->n_areas; k++)
		n += m->areas[k].n_actions;
	return n;
}

/* ---- labelled blocks ------------------------------------------------- */

/* Plans written without tables: a heading or numbered label per action
 * ("WRES action 1", "### Action 2: Publish ..."), the action's words, then
 * labelled fields ("Lead", "Date", "Progress" alone on a line with the
 * values below, often a bullet list; or "Lead: NAME" inline). */
enum { LBL_TEXT = -1, LBL_FIELD = -2 };

/* Labels that are kept as fields of the action rather than read. Some of
 * these name other columns in a table ("Measure" is the action, "Outcome"
 * the area); in a block they describe the action. */
static const char *const field_labels[] = {
	"progress", "progress update", "update", "measure", "measure of success",
	"success measure", "success criteria", "kpi", "key performance indicator",
	"outcome", "expected outcome", "evidence", "team", "comment", "note",
	"resource", "cost", "risk", "objective", "duties", "protected characteristic",
	NULL};

/* The kind of a label line: *name (to free) the label as written, *value
 * (to free) what follows its colon, or NULL. LBL_TEXT when t is no label. */
static int block_label(const struct importer *im, const char *t, char **name, char **value)
{
	const char *colon = strchr(t, ':');
	struct buf norm = BUF_INIT;
	size_t n = colon ? (size_t)(colon - t) : strlen(t), i;
	char *label;
	int kind = LBL_TEXT, words = 0;

	*name = *value = NULL;
	if (n == 0 || n > 40)
		return LBL_TEXT;
	for (i = 0; i < n; i++)
		if (t[i] == ' ' && i + 1 < n && t[i + 1] != ' ')
			words++;
	if (words > 4)
		return LBL_TEXT;
	label = str_trim(xstrndup(t, n));
	header_norm(label, &norm);
	for (i = 0; field_labels[i] && kind == LBL_TEXT; i++) {
		struct buf f = BUF_INIT;
		header_norm(field_labels[i], &f);
		if (!strcmp(buf_str(&f), buf_str(&norm)))
			kind = LBL_FIELD;
		buf_free(&f);
	}
	if (kind == LBL_TEXT) {
		int k = header_kind((const struct importer *)im, label);
		if (k == COL_LEAD || k == COL_YEAR || k == COL_STATUS || k == COL_ACTION)
			kind = k;
		else if (k >= 0)
			kind = LBL_FIELD;
	}
	buf_free(&norm);
	if (kind == LBL_TEXT) {
		free(label);
		return LBL_TEXT;
	}
	*name = label;
	if (colon) {
		char *v = str_trim_dup(colon + 1);
		if (*v)
			*value = v;
		else
			free(v);
	}
	return kind;
}

/* A numbered label that starts an action: at most three words, a keyword
 * (action, objective, priority, commitment, aim, step, goal), a number
 * such as 1, 4a, 2.3 or 3.1.4, then optionally ':', '.', a dash and the
 * action's words ("WRES action 1", "Action 2: Publish the pay gap").
 * *code and *rest (NULL when nothing follows) are new strings. */
static int block_start(const char *t, char **code, char **rest)
{
	static const char *const keys[] = {"action", "objective", "priority", "commitment",
					   "aim", "step", "goal", NULL};
	const char *p = t, *num;
	int words = 0, i;
	size_t klen = 0;

	for (;;) {
		for (i = 0; keys[i]; i++) {
			klen = strlen(keys[i]);
			if (!strncasecmp(p, keys[i], klen) && p[klen] == ' ')
				break;
		}
		if (keys[i])
			break;
		while (*p && *p != ' ')
			p++;
		while (*p == ' ')
			p++;
		if (!*p || ++words > 3)
			return 0;
	}
	num = p + klen + 1;
	while (*num == ' ')
		num++;
	p = num;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1])))
		p++;
	if (islower((unsigned char)*p) && !isalpha((unsigned char)p[1]))
		p++;
	if ((size_t)(p - num) > PLAN_CODE_MAX)
		return 0;
	if (*p && *p != ' ' && *p != ':' && *p != '.' && *p != ')' && *p != '-')
		return 0;
	*code = xstrndup(num, (size_t)(p - num));
	while (*p == ' ' || *p == ':' || *p == '.' || *p == ')' || *p == '-')
		p++;
	if (!strncmp(p, "\xe2\x80\x93", 3) || !strncmp(p, "\xe2\x80\x94", 3))
		p += 3;
	while (*p == ' ')
		p++;
	*rest = *p ? xstrdup(p) : NULL;
	return 1;
}

/* 1 when t is a short line that opens a glossary. */
static int opens_glossary(const char *t)
{
	return strlen(t) < 80 && (str_find_ci(t, "glossary") || str_find_ci(t, "who's who") ||
				  str_find_ci(t, "who is who") || str_find_ci(t, "key to "));
}

/* Which lines start blocks, decided before reading (0 when the plan has a
 * table of actions or no label follows a start): numbered labels (-1),
 * or headings of the level most often followed by a label. */
static int blocks_mode(const struct importer *im, const struct doc *d)
{
	int by_level[7] = {0}, numbered = 0, level = 0, num_open = 0, best = 0, i;
	size_t b, r;
	for (b = 0; b < d->n_blocks; b++) {
		const struct doc_block *k = &d->blocks[b];
		char *code, *rest, *name, *value;
		if (k->kind == DOC_TABLE) {
			for (r = 0; r < k->table.n_rows && r <= MAX_TITLE_ROWS; r++)
				if (read_header(im, &k->table.rows[r], NULL))
					return 0;
			continue;
		}
		if (block_start(k->text, &code, &rest)) {
			free(code);
			free(rest);
			num_open = 1;
		}
		if (k->heading) {
			level = k->heading;
			continue;
		}
		if (block_label(im, k->text, &name, &value) != LBL_TEXT) {
			free(name);
			free(value);
			if (num_open)
				numbered++;
			if (level)
				by_level[level]++;
			num_open = 0;
			level = 0;
		}
	}
	for (i = 1; i <= 6; i++)
		if (by_level[i] >= by_level[best] && by_level[i] > 0)
			best = i;
	if (numbered > 0 && numbered >= by_level[best])
		return -1;
	return best;
}

/* Note a label of the blocks layout for --dry-run (once per label). */
static void note_label(struct importer *im, int kind, const char *name)
{
	struct plan_tablenote *n = &im->m->tables[im->m->n_tables - 1];
	size_t i;
	for (i = 0; i < n->n_cols; i++)
		if (str_eq_ci(n->cols[i].header, name))
			return;
	n->cols = xrealloc(n->cols, (n->n_cols + 1) * sizeof *n->cols);
	n->cols[n->n_cols].column = kind == COL_LEAD ? "lead" : kind == COL_YEAR ? "timescale"
				  : kind == COL_STATUS ? "status" : kind == COL_ACTION ? "actions"
				  : "field";
	n->cols[n->n_cols].header = xstrdup(name);
	n->cols[n->n_cols].matched = xstrdup("label");
	n->n_cols++;
}

/* Start the action of a block: in the current area, or a new one titled
 * by the heading above (else the plan's title). */
static void block_begin(struct importer *im, const struct doc_block *b, char *code,
			char *rest)
{
	struct plan_action *act;
	struct plan_model *m = im->m;
	if (!im->blk_active && !m->n_tables) {
		m->tables = xrealloc(m->tables, sizeof *m->tables);
		memset(m->tables, 0, sizeof *m->tables);
		m->n_tables = 1;
		m->tables[0].line = b->line;
		m->tables[0].layout = "blocks";
		im->note_before = count_actions(m);
		m->tables[0].cols = xcalloc(1, sizeof *m->tables[0].cols);
		m->tables[0].n_cols = 1;
		m->tables[0].cols[0].column = "actions";
		m->tables[0].cols[0].header = xstrdup(b->text);
		if (im->blk_mode < 0) {
			m->tables[0].cols[0].matched = xstrdup("a numbered label starts each");
		} else {
			struct buf w = BUF_INIT;
			buf_printf(&w, "a heading of level %d starts each", im->blk_mode);
			m->tables[0].cols[0].matched = buf_take(&w);
		}
	}
	im->any_action_col = 1;
	if (im->cur_area < 0) {
		char *title = im->area_title ? im->area_title
					     : m->title ? xstrdup(m->title) : NULL;
		im->area_title = NULL;
		new_area(im, title, NULL);
	}
	act = add_action(im, im->next_letter, rest ? rest : "");
	if (code && strlen(code) <= PLAN_CODE_MAX && !act->code)
		act->code = xstrdup(code);
	im->blk_active = 1;
	im->blk_label = LBL_TEXT;
	free(im->blk_field);
	im->blk_field = NULL;
}

/* A value under the current label of the block being read. */
static void block_value(struct importer *im, const char *v)
{
	struct plan_area *a = &im->m->areas[im->cur_area];
	struct plan_action *act = &a->actions[a->n_actions - 1];
	switch (im->blk_label) {
	case LBL_TEXT:
	case COL_ACTION:
		act->text = str_squeeze(join_space(act->text, v));
		break;
	case COL_LEAD:
		if (act->lead) {
			struct buf l = BUF_INIT;
			buf_printf(&l, "%s; %s", act->lead, v);
			free(act->lead);
			act->lead = buf_take(&l);
		} else {
			act->lead = xstrdup(v);
		}
		break;
	case COL_YEAR:
		if (act->timescale) {
			struct buf l = BUF_INIT;
			buf_printf(&l, "%s; %s", act->timescale, v);
			free(act->timescale);
			act->timescale = buf_take(&l);
		} else {
			act->timescale = xstrdup(v);
		}
		break;
	case COL_STATUS:
		if (!act->status)
			act->status = xstrdup(v);
		break;
	default:
		plan_action_add_field(act, im->blk_field ? im->blk_field : "Note", v);
		break;
	}
}

/* Read line b as part of the blocks layout; 0 when it is not (the title,
 * a glossary, a section), for read_text to go on with. */
static int block_line(struct importer *im, const struct doc_block *b)
{
	const char *t = b->text;
	char *code = NULL, *rest = NULL, *name, *value;
	int start, kind, no;

	if (!im->saw_title || (im->glossary && !b->heading))
		return 0;
	if (opens_glossary(t)) {
		im->blk_active = 0;
		return 0;
	}
	if (im->blk_mode < 0) {
		start = block_start(t, &code, &rest);
	} else {
		start = b->heading == im->blk_mode;
		if (start && !block_start(t, &code, &rest))
			rest = xstrdup(t);
	}
	if (start) {
		im->glossary = 0;
		block_begin(im, b, code, rest);
		free(code);
		free(rest);
		return 1;
	}
	if (b->heading && (im->blk_mode < 0 || b->heading < im->blk_mode)) {
		char *st = NULL;
		im->blk_active = 0;
		im->glossary = 0; /* a heading that opens no glossary ends one */
		if (parse_section(t, 0, &no, &st)) {
			free(st);
			return 0;
		}
		/* a heading over blocks: the title of their area */
		end_area(im);
		im->cur_area = -1;
		free(im->area_title);
		im->area_title = xstrdup(t);
		return 1;
	}
	if (!im->blk_active)
		return 0;
	kind = block_label(im, t, &name, &value);
	if (kind != LBL_TEXT) {
		im->blk_label = kind;
		free(im->blk_field);
		im->blk_field = name;
		note_label(im, kind, name);
		if (value)
			block_value(im, value);
		free(value);
		return 1;
	}
	block_value(im, t);
	return 1;
}

static void read_text(struct importer *im, const struct doc_block *b)
{
	struct plan_model *m = im->m;
	const char *t = b->text;
	char *key, *rest;
	int no;
	char *title;

	im->row_line = b->line;
	if (im->blk_mode && block_line(im, b))
		return;
	if (!b->heading && lead_line(t, &rest)) {
		free(im->lead_line);
		im->lead_line = rest;
		return;
	}
	if (strlen(t) < 80 && !is_gloss_line(t)) {
		int start = str_find_ci(t, "glossary") || str_find_ci(t, "who's who") ||
			    str_find_ci(t, "who is who") || str_find_ci(t, "key to ");
		/* The plan's first line is its title, whatever words it uses
		 * ("... shown by their initials"), unless it opens a glossary. */
		if (!im->saw_title && !start && !im->glossary) {
			im->saw_title = 1;
			m->title = xstrdup(t);
			return;
		}
		if (start || im->glossary || b->heading) {
			int mode = 0;
			if (str_find_ci(t, "initials") ||
			    ((start || im->glossary) &&
			     (str_find_ci(t, "staff") || str_find_ci(t, "people") ||
			      str_find_ci(t, "names"))))
				mode = 2;
			else if ((start || im->glossary || b->heading) &&
				 (str_find_ci(t, "terms") || str_find_ci(t, "abbreviation") ||
				  str_find_ci(t, "acronym")))
				mode = 3;
			else if (start)
				mode = 1;
			if (mode) {
				if (!im->glossary) {
					end_area(im);
					im->cur_area = -1;
				}
				im->glossary = mode;
				return;
			}
			/* A heading that names no glossary ends one ("## 1.
			 * Workforce" after a key to initials at the top). */
			if (im->glossary && b->heading) {
				im->glossary = 0;
			} else if (im->glossary) {
				return;
			}
		}
	}
	if (im->glossary && split_gloss(t, &key, &rest)) {
		const char *comma = strchr(rest, ',');
		if (im->glossary == 2) {
			struct plan_person *p;
			m->people = xrealloc(m->people, (m->n_people + 1) * sizeof *m->people);
			p = &m->people[m->n_people++];
			p->initials = key;
			p->name = comma ? str_trim(xstrndup(rest, (size_t)(comma - rest)))
					: xstrdup(rest);
			p->role = comma ? str_trim_dup(comma + 1) : NULL;
			free(rest);
		} else {
			struct plan_term *tm;
			m->terms = xrealloc(m->terms, (m->n_terms + 1) * sizeof *m->terms);
			tm = &m->terms[m->n_terms++];
			tm->abbr = key;
			tm->expansion = rest;
		}
		return;
	}
	if (!im->saw_title) {
		im->saw_title = 1;
		m->title = xstrdup(t);
		return;
	}
	if (parse_section(t, b->heading == 0, &no, &title)) {
		end_area(im);
		im->cur_area = -1;
		add_section(im, no, title);
		free(im->heading);
		im->heading = NULL;
	} else if (b->heading) {
		free(im->heading);
		im->heading = xstrdup(t);
	}
}


/* 1 when the row can sit above a header row as a title: at most one
 * distinct text in its cells (a title merged across a spreadsheet's
 * columns repeats in each). */
static int is_title_row(const struct doc_row *r)
{
	char *first = NULL;
	size_t i;
	int ok = 1;
	for (i = 0; i < r->n_cells && ok; i++) {
		char *t = cell_text(r, (int)i);
		if (*t && !first)
			first = t, t = NULL;
		else if (*t && strcmp(t, first))
			ok = 0;
		free(t);
	}
	free(first);
	return ok;
}

/* 1 when the row's first cell is a section heading ("2. STAFFING"): a
 * continuation table's first row, not a title above a header. */
static int is_section_row(const struct doc_row *r)
{
	char *t = cell_text(r, 0), *title = NULL;
	int no, yes = *t && parse_section(t, 1, &no, &title);
	free(title);
	free(t);
	return yes;
}

/* Note how the header row r (row `row` of table `table`) was read. */
static void note_table(struct importer *im, const struct doc_row *r, size_t row,
		       const struct colmap *cm)
{
	struct plan_model *m = im->m;
	struct plan_tablenote *n;
	size_t i;
	int k;
	if (m->n_tables)
		m->tables[m->n_tables - 1].n_actions = count_actions(m) - im->note_before;
	im->note_before = count_actions(m);
	m->tables = xrealloc(m->tables, (m->n_tables + 1) * sizeof *m->tables);
	n = &m->tables[m->n_tables++];
	memset(n, 0, sizeof *n);
	n->table = im->table_no;
	n->line = r->line;
	n->header_row = (int)row + 1;
	n->layout = "table";
	for (i = 0; i < r->n_cells; i++)
		for (k = 0; k < N_COLS; k++) {
			if (cm->idx[k] != (int)i)
				continue;
			n->cols = xrealloc(n->cols, (n->n_cols + 1) * sizeof *n->cols);
			n->cols[n->n_cols].column = col_keys[k];
			n->cols[n->n_cols].header = cell_text(r, (int)i);
			n->cols[n->n_cols].matched = xstrdup(cm->matched[k] ? cm->matched[k] : "");
			n->n_cols++;
			if (cm->over[k] >= 0)
				im->over[cm->over[k]].used = 1;
		}
	for (i = 0; i < (size_t)cm->n_fields; i++) { /* the columns kept as fields */
		n->cols = xrealloc(n->cols, (n->n_cols + 1) * sizeof *n->cols);
		n->cols[n->n_cols].column = "field";
		n->cols[n->n_cols].header = xstrdup(cm->fields[i].name);
		n->cols[n->n_cols].matched = xstrdup("a column kept as a field");
		n->n_cols++;
	}
}


static void read_table(struct importer *im, const struct doc_table *t)
{
	size_t i = 0, h, before;
	struct colmap cm;
	im->table_no++;
	/* The header: row 0, or a row below title rows. */
	for (h = 0; h < t->n_rows && h <= MAX_TITLE_ROWS; h++) {
		if (read_header(im, &t->rows[h], &cm))
			break;
		if (!is_title_row(&t->rows[h]) || is_section_row(&t->rows[h]))
			h = MAX_TITLE_ROWS;
	}
	if (h >= t->n_rows || h > MAX_TITLE_ROWS)
		h = (size_t)-1;
	if (im->glossary && h == (size_t)-1)
		return;
	im->glossary = 0; /* a table of actions ends a glossary */
	if (h != (size_t)-1) {
		for (i = 0; i < h; i++) { /* title rows: the first is the plan's title */
			char *tt = cell_text(&t->rows[i], 0);
			size_t c;
			for (c = 1; !*tt && c < t->rows[i].n_cells; c++) {
				free(tt);
				tt = cell_text(&t->rows[i], (int)c);
			}
			char *lead = NULL;
			if (*tt && lead_line(tt, &lead)) { /* "Lead officer: NAME" */
				free(im->lead_line);
				im->lead_line = lead;
			} else if (*tt && !im->saw_title) {
				im->saw_title = 1;
				im->m->title = tt;
				tt = NULL;
			}
			free(tt);
		}
		im->cols = cm;
		im->have_cols = 1;
		im->any_action_col = 1;
		note_table(im, &t->rows[h], h, &cm);
		if (cm.idx[COL_AREA] < 0 && (im->heading || im->cur_area < 0)) {
			/* no Area column: the table is an area, titled by the
			 * heading above it (a table with no heading of its own
			 * goes on with the area before) */
			end_area(im);
			im->cur_area = -1;
			free(im->area_title);
			im->area_title = im->heading;
			im->heading = NULL;
		}
		/* a new table: the lead line above it, if any, is its lead */
		free(im->table_lead);
		im->table_lead = im->lead_line;
		im->lead_line = NULL;
		i = h + 1;
	} else if (t->n_rows > 0 && t->has_header && is_header_like(im, &t->rows[0])) {
		return; /* a table of something else */
	} else if (!im->have_cols) {
		return;
	}
	before = count_actions(im->m);
	for (; i < t->n_rows; i++) {
		if (read_header(im, &t->rows[i], &cm)) { /* repeated header */
			im->cols = cm;
			continue;
		}
		read_row(im, &t->rows[i]);
	}
	take_text_ids(im, before);
}

/* The column a --columns key names, or -1. */
static int column_key(const char *k)
{
	static const struct {
		const char *key;
		int col;
	} keys[] = {
		{"area", COL_AREA},	{"areas", COL_AREA},	    {"objective", COL_AREA},
		{"action", COL_ACTION}, {"actions", COL_ACTION},   {"lead", COL_LEAD},
		{"leads", COL_LEAD},	{"timescale", COL_YEAR},   {"date", COL_YEAR},
		{"deadline", COL_YEAR}, {"year", COL_YEAR},	    {"duties", COL_DUTIES},
		{"duty", COL_DUTIES},	{"status", COL_STATUS},	    {"id", COL_ID},
	};
	size_t i;
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (str_eq_ci(k, keys[i].key))
			return keys[i].col;
	return -1;
}

/* Parse --columns "actions=Action/Target,lead=\"Lead, officer\"". */
static int columns_parse(struct importer *im, const char *spec, struct err *e)
{
	const char *p = spec;
	struct buf norm = BUF_INIT;
	int rc = 0;
	while (*p && rc == 0) {
		const char *eq, *v, *ve;
		char *key, *val;
		int col;
		size_t i;
		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		eq = strchr(p, '=');
		if (!eq) {
			rc = err_set(e, ERR_USAGE, "--columns: '%s' has no '='; write "
				     "COLUMN=HEADER pairs separated by commas, for example "
				     "actions=\"Action/Target\",lead=\"Accountable People\"", p);
			break;
		}
		key = str_trim(xstrndup(p, (size_t)(eq - p)));
		v = eq + 1;
		while (*v == ' ')
			v++;
		if (*v == '"') {
			v++;
			ve = strchr(v, '"');
			if (!ve) {
				rc = err_set(e, ERR_USAGE, "--columns: the quote after '%s=' "
					     "is not closed", key);
				free(key);
				break;
			}
			p = ve + 1;
		} else {
			ve = strchr(v, ',');
			if (!ve)
				ve = v + strlen(v);
			p = ve;
		}
		val = str_trim(xstrndup(v, (size_t)(ve - v)));
		col = column_key(key);
		if (col < 0)
			rc = err_set(e, ERR_USAGE, "--columns: unknown column '%s'; use area, "
				     "actions, lead, timescale, duties, status or id", key);
		else if (!*val)
			rc = err_set(e, ERR_USAGE, "--columns: %s= names no header; give the "
				     "header as the plan writes it", key);
		for (i = 0; rc == 0 && i < im->n_over; i++)
			if (im->over[i].col == col)
				rc = err_set(e, ERR_USAGE, "--columns: %s is named twice", key);
		if (rc == 0) {
			im->over = xrealloc(im->over, (im->n_over + 1) * sizeof *im->over);
			header_norm(val, &norm);
			im->over[im->n_over].col = col;
			im->over[im->n_over].text = val;
			im->over[im->n_over].norm = buf_take(&norm);
			im->over[im->n_over].used = 0;
			im->n_over++;
			val = NULL;
		}
		while (*p == ' ')
			p++;
		if (rc == 0 && *p && *p != ',')
			rc = err_set(e, ERR_USAGE, "--columns: expected ',' after %s=\"%s\"",
				     key, im->over[im->n_over - 1].text);
		free(key);
		free(val);
	}
	buf_free(&norm);
	if (rc == 0 && im->n_over == 0)
		rc = err_set(e, ERR_USAGE, "--columns is empty; write COLUMN=HEADER pairs, for "
			     "example actions=\"Action/Target\"");
	return rc;
}

/* The first rows of the document's tables, for an error naming a column
 * nobody wrote: every distinct cell of up to MAX_TITLE_ROWS + 1 rows of
 * each table, quoted. */
static void headers_seen(const struct doc *d, struct buf *out)
{
	size_t b, r, c, n = 0;
	for (b = 0; b < d->n_blocks && n < 40; b++) {
		const struct doc_table *t = &d->blocks[b].table;
		if (d->blocks[b].kind != DOC_TABLE)
			continue;
		for (r = 0; r < t->n_rows && r <= MAX_TITLE_ROWS && n < 40; r++)
			for (c = 0; c < t->rows[r].n_cells && n < 40; c++) {
				char *x = cell_text(&t->rows[r], (int)c);
				if (*x && strlen(x) <= 80) {
					struct buf q = BUF_INIT;
					buf_printf(&q, "\"%s\"", x);
					if (!strstr(buf_str(out), buf_str(&q))) {
						buf_printf(out, "%s%s", out->len ? ", " : "", buf_str(&q));
						n++;
					}
					buf_free(&q);
				}
				free(x);
			}
	}
}

static void importer_free(struct importer *im)
{
	size_t i;
	free(im->lead_line);
	free(im->table_lead);
	free(im->heading);
	free(im->area_title);
	free(im->blk_field);
	free(im->last_val[0]);
	free(im->last_val[1]);
	for (i = 0; i < im->n_over; i++) {
		free(im->over[i].text);
		free(im->over[i].norm);
	}
	free(im->over);
}

int plan_model_from_doc(const struct doc *d, const char *name,
			struct plan_model **out, struct err *e)
{
	return plan_model_from_doc_opts(d, name, NULL, out, e);
}

int plan_model_from_doc_opts(const struct doc *d, const char *name,
			     const struct plan_import_opts *o, struct plan_model **out,
			     struct err *e)
{
	struct importer im;
	size_t i, n_actions = 0;
	int rc;

	memset(&im, 0, sizeof im);
	im.m = xcalloc(1, sizeof *im.m);
	im.name = name;
	im.cur_area = -1;
	im.cur_section = -1;
	if (o && o->columns && (rc = columns_parse(&im, o->columns, e)) < 0) {
		importer_free(&im);
		plan_model_free(im.m);
		return rc;
	}
	im.blk_mode = blocks_mode(&im, d);
	for (i = 0; i < d->n_blocks; i++) {
		if (d->blocks[i].kind == DOC_TABLE)
			read_table(&im, &d->blocks[i].table);
		else
			read_text(&im, &d->blocks[i]);
	}
	end_area(&im);
	if (im.m->n_tables)
		im.m->tables[im.m->n_tables - 1].n_actions = count_actions(im.m) - im.note_before;
	for (i = 0; i < im.n_over; i++) {
		struct buf seen = BUF_INIT;
		if (im.over[i].used)
			continue;
		headers_seen(d, &seen);
		rc = err_set(e, ERR_DATA,
			     "%s: the %s column was named \"%s\", but no header row has a "
			     "cell that reads so; %s%s",
			     name, col_keys[im.over[i].col], im.over[i].text,
			     seen.len ? "the tables' top rows read: " : "the document has no table",
			     buf_str(&seen));
		buf_free(&seen);
		importer_free(&im);
		plan_model_free(im.m);
		return rc;
	}
	importer_free(&im);
	for (i = 0; i < im.m->n_areas; i++)
		n_actions += im.m->areas[i].n_actions;
	if (!im.any_action_col && o && o->web) {
		plan_model_free(im.m);
		return err_set(e, ERR_DATA,
			       "%s: no table with an Actions column was found, and the "
			       "actions are not written as labelled blocks. The plan needs "
			       "a header row naming its Actions column (Action, Activity, "
			       "Task, Measure or What we will do) and one more column (Lead, "
			       "Timescale or Area of work); or name its columns under "
			       "\"Name the columns yourself\"",
			       name);
	}
	if (!im.any_action_col) {
		plan_model_free(im.m);
		return err_set(e, ERR_DATA,
			       "%s: no table with an Actions column was found; "
			       "the plan needs a table whose header row names an "
			       "Actions column (Action, Activity, Task, Measure, What "
			       "we will do) and at least one of Area of work/Objective, "
			       "Lead/Responsibility/Owner, Timescale/Target date/"
			       "Deadline (every word parity knows: docs/plan-import.md, "
			       "\"Finding the columns\"), or name the columns with "
			       "--columns actions=\"HEADER\",lead=\"HEADER\"",
			       name);
	}
	if (n_actions == 0) {
		plan_model_free(im.m);
		return err_set(e, ERR_DATA,
			       "%s: the Actions column holds no actions; check "
			       "that the table has rows below its header",
			       name);
	}
	plan_model_ids(im.m);
	*out = im.m;
	return 0;
}

void plan_action_add_field(struct plan_action *a, const char *name, const char *value)
{
	size_t k;
	for (k = 0; k < a->n_fields; k++) {
		if (!strcmp(a->fields[k].name, name)) {
			struct buf b = BUF_INIT;
			buf_printf(&b, "%s\n%s", a->fields[k].value, value);
			free(a->fields[k].value);
			a->fields[k].value = buf_take(&b);
			return;
		}
	}
	a->fields = xrealloc(a->fields, (a->n_fields + 1) * sizeof *a->fields);
	a->fields[a->n_fields].name = xstrdup(name);
	a->fields[a->n_fields].value = xstrdup(value);
	a->n_fields++;
}

void plan_model_free(struct plan_model *m)
{
	size_t i, j, k;
	if (!m)
		return;
	free(m->title);
	for (i = 0; i < m->n_tables; i++) {
		for (j = 0; j < m->tables[i].n_cols; j++) {
			free(m->tables[i].cols[j].header);
			free(m->tables[i].cols[j].matched);
		}
		free(m->tables[i].cols);
	}
	free(m->tables);
	for (i = 0; i < m->n_sections; i++)
		free(m->sections[i].title);
	free(m->sections);
	for (i = 0; i < m->n_areas; i++) {
		struct plan_area *a = &m->areas[i];
		for (j = 0; j < a->n_actions; j++) {
			free(a->actions[j].text);
			free(a->actions[j].lead);
			free(a->actions[j].timescale);
			free(a->actions[j].status);
			free(a->actions[j].code);
			for (k = 0; k < a->actions[j].n_fields; k++) {
				free(a->actions[j].fields[k].name);
				free(a->actions[j].fields[k].value);
			}
			free(a->actions[j].fields);
		}
		free(a->actions);
		free(a->title);
		free(a->duties_text);
	}
	free(m->areas);
	for (i = 0; i < m->n_people; i++) {
		free(m->people[i].initials);
		free(m->people[i].name);
		free(m->people[i].role);
	}
	free(m->people);
	for (i = 0; i < m->n_terms; i++) {
		free(m->terms[i].abbr);
		free(m->terms[i].expansion);
	}
	free(m->terms);
	for (i = 0; i < m->n_warnings; i++) {
		free(m->warnings[i].kind);
		free(m->warnings[i].place);
		free(m->warnings[i].message);
	}
	free(m->warnings);
	free(m);
}
