/*
 * demo: the synthetic monitoring extracts of `parity demo generate` (see
 * demo.h, and docs/demo-data.md for the model). Each row is drawn in a
 * fixed order from one gsl_rng_mt19937 stream, so a seed fixes the output
 * byte for byte. Every categorical value is escaped once with esc_csv
 * before the first row; rows are then assembled by hand into a 1 MiB
 * buffer and written with fwrite, which keeps the generator well above a
 * million rows a second with memory that does not grow with the rows.
 */
#include "monitor/demo.h"

#include <assert.h>
#include <errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/escape.h"
#include "core/period.h"
#include "core/str.h"
#include "core/xalloc.h"

/* ------------------------------------------------------------ the model */

/* One value of a categorical column and its share in 1/10000ths. */
struct choice {
	const char *value; /* as written, before CSV quoting */
	unsigned weight;   /* shares of one column sum to 10000 */
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static const struct choice ldus[] = {
	{"Riverside, North", 1500}, {"Riverside South", 1300}, {"Eastgate", 1400},
	{"Millbrook", 1100},	    {"Harbour Point", 1200},   {"Westmoor", 1000},
	{"Kingsford", 1300},	    {"Ashby Vale", 1200},
};

/* Criminal-justice 18+1 codes; "" is a missing value. */
static const struct choice ethnicities[] = {
	{"W1", 7200}, {"W2", 100}, {"W3", 50},	{"W9", 450}, {"M1", 150},
	{"M2", 50},   {"M3", 50},  {"M9", 50},	{"A1", 150}, {"A2", 200},
	{"A3", 70},   {"A4", 30},  {"A9", 50},	{"B1", 300}, {"B2", 200},
	{"B9", 100},  {"O2", 50},  {"O9", 50},	{"NS", 500}, {"", 200},
};

static const struct choice sex_su[] = {{"Male", 8400}, {"Female", 1500}, {"", 100}};
static const struct choice sex_staff[] = {{"Male", 3100}, {"Female", 6800}, {"", 100}};
static const struct choice sex_app[] = {{"Male", 3700}, {"Female", 6200}, {"", 100}};

static const struct choice religion_su[] = {
	{"No religion", 4000}, {"Christian", 3800}, {"Buddhist", 100},
	{"Hindu", 100},	       {"Jewish", 50},	    {"Muslim", 700},
	{"Sikh", 100},	       {"Any other religion", 150}, {"Not stated", 1000},
};
static const struct choice religion_staff[] = {
	{"No religion", 3700}, {"Christian", 4500}, {"Buddhist", 50},
	{"Hindu", 150},	       {"Jewish", 50},	    {"Muslim", 300},
	{"Sikh", 100},	       {"Any other religion", 150}, {"Not stated", 1000},
};

/* "Yes" comes first: index 0 means disabled. */
static const struct choice disability_su[] = {
	{"Yes", 2500}, {"No", 6500}, {"Not stated", 1000}};
static const struct choice disability_staff[] = {
	{"Yes", 900}, {"No", 8100}, {"Not stated", 1000}};
static const struct choice disability_app[] = {
	{"Yes", 1000}, {"No", 8000}, {"Not stated", 1000}};

static const struct choice orientations[] = {
	{"Heterosexual", 8500}, {"Gay or Lesbian", 200}, {"Bisexual", 150},
	{"Other", 50},		{"Not stated", 1100},
};
static const struct choice reassignment[] = {
	{"Yes", 50}, {"No", 8950}, {"Not stated", 1000}};
static const struct choice marital[] = {
	{"Single", 4000},  {"Married", 3800}, {"Civil partnership", 200},
	{"Divorced", 900}, {"Widowed", 100},  {"Separated", 300},
	{"Not stated", 700},
};
static const struct choice pregnancy_female[] = {
	{"Yes", 400}, {"No", 8800}, {"Not stated", 800}};
static const struct choice pregnancy_other[] = {
	{"Yes", 0}, {"No", 9200}, {"Not stated", 800}};

static const struct choice grades[] = {
	{"PSO", 4500}, {"PO", 3500}, {"SPO", 1200}, {"Manager", 800}};
/* Hourly pay range in pence and chance of a bonus, per grade above. */
static const long pay_lo[] = {1100, 1550, 2050, 2500};
static const long pay_hi[] = {1450, 2050, 2500, 3800};
static const double bonus_rate[] = {0.05, 0.08, 0.15, 0.30};
#define BONUS_LO 25000L	 /* pence */
#define BONUS_HI 200000L /* pence */
/* Grade of vacancy v is vacancy_grade[v % 20]: 9 PSO, 7 PO, 3 SPO, 1 Manager. */
static const int vacancy_grade[20] = {0, 1, 0, 0, 1, 2, 0, 1, 0, 0,
				      1, 3, 0, 1, 0, 2, 0, 1, 2, 1};
#define APPLICANTS_PER_VACANCY 40

/* Base rates (the White, non-disabled, male rate wherever an effect
 * applies) and the effects --null switches off. */
#define SU_REFERRED 0.40
#define SU_STARTED 0.80	  /* of referred */
#define SU_COMPLETED 0.70 /* of started */
#define SU_BREACHED 0.15  /* of started */
#define ST_PROMOTED 0.06
#define ST_TRAINED 0.65
#define ST_GRIEVANCE 0.03
#define ST_DISCIPLINARY 0.04
#define ST_LEFT 0.10
#define AP_SHORTLISTED 0.35
#define AP_APPOINTED 0.25 /* of shortlisted */

struct effects {
	double start_disabled;	 /* service users: started, disabled */
	double complete_mixed;	 /* service users: completed, Mixed */
	double breach_black;	 /* service users: breached, Black */
	double promote_black;	 /* staff: promoted, Black */
	double discipline_black; /* staff: disciplinary, Black */
	double pay_female;	 /* staff: hourly pay, women */
	double appoint_asian;	 /* applicants: appointed, Asian */
};

static const struct effects built_in = {0.75, 0.70, 1.60, 0.60, 2.00, 0.92, 0.65};
static const struct effects none = {1, 1, 1, 1, 1, 1, 1};

/* ------------------------------------------------------------ drawing */

#define CAT_MAX 20
#define CAT_TEXT 40

/* A categorical column ready to draw and write. */
struct cat {
	size_t n;		      /* values */
	unsigned cum[CAT_MAX];	      /* cumulative weights; cum[n-1] == 10000 */
	char text[CAT_MAX][CAT_TEXT]; /* each value as a CSV field */
	unsigned char len[CAT_MAX];   /* bytes of text */
};

static void cat_init(struct cat *c, const struct choice *ch, size_t n)
{
	size_t i;
	unsigned sum = 0;
	assert(n <= CAT_MAX);
	c->n = n;
	for (i = 0; i < n; i++) {
		struct buf b = BUF_INIT;
		sum += ch[i].weight;
		c->cum[i] = sum;
		esc_csv(&b, ch[i].value);
		assert(b.len < CAT_TEXT);
		memcpy(c->text[i], buf_str(&b), b.len + 1);
		c->len[i] = (unsigned char)b.len;
		buf_free(&b);
	}
	assert(sum == 10000);
}

/* Index of a value drawn with the column's shares. */
static size_t cat_draw(gsl_rng *g, const struct cat *c)
{
	unsigned u = (unsigned)(gsl_rng_uniform(g) * 10000.0);
	size_t i = 0;
	while (u >= c->cum[i])
		i++;
	return i;
}

static int chance(gsl_rng *g, double p)
{
	return gsl_rng_uniform(g) < p;
}

/* A whole number in [lo, hi], uniformly. */
static long between(gsl_rng *g, long lo, long hi)
{
	return lo + (long)(gsl_rng_uniform(g) * (double)(hi - lo + 1));
}

/* ------------------------------------------------------------ output */

#define OUT_CAP ((size_t)1 << 20)
#define ROW_MAX 1024 /* no row is longer; flushed before each row */

struct out {
	FILE *f;   /* destination */
	char *buf; /* OUT_CAP bytes */
	size_t len; /* bytes waiting */
	int failed; /* a write failed; sticky */
};

static void out_flush(struct out *o)
{
	if (o->len && !o->failed && fwrite(o->buf, 1, o->len, o->f) != o->len)
		o->failed = 1;
	o->len = 0;
}

static void out_mem(struct out *o, const char *s, size_t n)
{
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void out_cat(struct out *o, const struct cat *c, size_t i)
{
	out_mem(o, c->text[i], c->len[i]);
	o->buf[o->len++] = ',';
}

/* v in decimal, at least `width` digits (zero-padded). */
static void out_num(struct out *o, unsigned long v, int width)
{
	char d[24];
	int n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		d[n++] = '0';
	while (n)
		o->buf[o->len++] = d[--n];
}

/* An amount in pence as pounds with two decimals ("12.05"). */
static void out_money(struct out *o, long pence)
{
	out_num(o, (unsigned long)(pence / 100), 1);
	o->buf[o->len++] = '.';
	out_num(o, (unsigned long)(pence % 100), 2);
}

static void out_flag(struct out *o, int v, char end)
{
	o->buf[o->len++] = v ? '1' : '0';
	o->buf[o->len++] = end;
}

/* ------------------------------------------------------------ datasets */

/* Everything a row needs, prepared once. */
struct gen {
	gsl_rng *g;		 /* the one random stream */
	const struct effects *fx; /* built_in or none */
	struct out out;		 /* buffered destination */
	char period[CAT_TEXT];	 /* period as a CSV field */
	size_t period_len;	 /* bytes of period */
	struct cat ldu, eth, sex, religion, disability, orientation, reassign,
		marital, preg_f, preg_o, grade;
};

static void put_period(struct gen *s)
{
	out_mem(&s->out, s->period, s->period_len);
	s->out.buf[s->out.len++] = ',';
}

/* First letter of the ethnicity code: W, M, A, B, O, N(S) or 0 (blank). */
static char eth_group(const struct gen *s, size_t i)
{
	return s->eth.text[i][0];
}

static void row_service_user(struct gen *s, long id)
{
	struct out *o = &s->out;
	size_t sex, eth, dis;
	long age;
	int referred, started = 0, completed = 0, breached = 0;

	o->buf[o->len++] = 'S';
	o->buf[o->len++] = 'U';
	out_num(o, (unsigned long)id, 7);
	o->buf[o->len++] = ',';
	out_cat(o, &s->ldu, cat_draw(s->g, &s->ldu));
	put_period(s);
	sex = cat_draw(s->g, &s->sex);
	out_cat(o, &s->sex, sex);
	do
		age = 18 + (long)gsl_ran_exponential(s->g, 14.0);
	while (age > 80);
	out_num(o, (unsigned long)age, 1);
	o->buf[o->len++] = ',';
	eth = cat_draw(s->g, &s->eth);
	out_cat(o, &s->eth, eth);
	out_cat(o, &s->religion, cat_draw(s->g, &s->religion));
	dis = cat_draw(s->g, &s->disability);
	out_cat(o, &s->disability, dis);
	out_cat(o, &s->orientation, cat_draw(s->g, &s->orientation));

	referred = chance(s->g, SU_REFERRED);
	if (referred)
		started = chance(s->g, SU_STARTED *
					       (dis == 0 ? s->fx->start_disabled : 1.0));
	if (started) {
		completed = chance(s->g, SU_COMPLETED * (eth_group(s, eth) == 'M'
								 ? s->fx->complete_mixed
								 : 1.0));
		breached = chance(s->g, SU_BREACHED * (eth_group(s, eth) == 'B'
							       ? s->fx->breach_black
							       : 1.0));
	}
	out_flag(o, referred, ',');
	out_flag(o, started, ',');
	out_flag(o, completed, ',');
	out_flag(o, breached, '\n');
}

/* The columns staff and applicants share after the period: sex through
 * pregnancy_maternity. Returns the sex index (0 Male, 1 Female, 2 blank)
 * and stores the ethnicity index in *eth. */
static size_t person_columns(struct gen *s, long age_lo, long age_span,
			     size_t *eth /* OUT */)
{
	struct out *o = &s->out;
	size_t sex = cat_draw(s->g, &s->sex);
	double u;

	out_cat(o, &s->sex, sex);
	u = gsl_rng_uniform(s->g) + gsl_rng_uniform(s->g);
	out_num(o, (unsigned long)(age_lo + (long)(u * (double)age_span / 2.0)), 1);
	o->buf[o->len++] = ',';
	*eth = cat_draw(s->g, &s->eth);
	out_cat(o, &s->eth, *eth);
	out_cat(o, &s->religion, cat_draw(s->g, &s->religion));
	out_cat(o, &s->disability, cat_draw(s->g, &s->disability));
	out_cat(o, &s->orientation, cat_draw(s->g, &s->orientation));
	out_cat(o, &s->reassign, cat_draw(s->g, &s->reassign));
	out_cat(o, &s->marital, cat_draw(s->g, &s->marital));
	if (sex == 1)
		out_cat(o, &s->preg_f, cat_draw(s->g, &s->preg_f));
	else
		out_cat(o, &s->preg_o, cat_draw(s->g, &s->preg_o));
	return sex;
}

static void row_staff(struct gen *s, long id)
{
	struct out *o = &s->out;
	size_t grade, sex, eth;
	long pay;
	int black;

	o->buf[o->len++] = 'S';
	o->buf[o->len++] = 'T';
	out_num(o, (unsigned long)id, 6);
	o->buf[o->len++] = ',';
	out_cat(o, &s->ldu, cat_draw(s->g, &s->ldu));
	grade = cat_draw(s->g, &s->grade);
	out_cat(o, &s->grade, grade);
	put_period(s);
	sex = person_columns(s, 20, 47, &eth); /* ages 20..66 */
	black = eth_group(s, eth) == 'B';
	out_flag(o, chance(s->g, ST_PROMOTED * (black ? s->fx->promote_black : 1.0)), ',');
	out_flag(o, chance(s->g, ST_TRAINED), ',');
	out_flag(o, chance(s->g, ST_GRIEVANCE), ',');
	out_flag(o, chance(s->g, ST_DISCIPLINARY * (black ? s->fx->discipline_black : 1.0)),
		 ',');
	out_flag(o, chance(s->g, ST_LEFT), ',');
	pay = between(s->g, pay_lo[grade], pay_hi[grade]);
	if (sex == 1)
		pay = (long)((double)pay * s->fx->pay_female + 0.5);
	out_money(o, pay);
	o->buf[o->len++] = ',';
	if (chance(s->g, bonus_rate[grade]))
		out_money(o, between(s->g, BONUS_LO, BONUS_HI));
	else
		o->buf[o->len++] = '0';
	o->buf[o->len++] = '\n';
}

static void row_applicant(struct gen *s, long id, long n_vacancies)
{
	struct out *o = &s->out;
	long v = between(s->g, 0, n_vacancies - 1);
	size_t eth;
	int shortlisted, appointed = 0;

	o->buf[o->len++] = 'A';
	o->buf[o->len++] = 'P';
	out_num(o, (unsigned long)id, 6);
	o->buf[o->len++] = ',';
	o->buf[o->len++] = 'V';
	out_num(o, (unsigned long)(v + 1), 5);
	o->buf[o->len++] = ',';
	out_cat(o, &s->grade, (size_t)vacancy_grade[v % 20]);
	put_period(s);
	(void)person_columns(s, 18, 48, &eth); /* ages 18..65 */
	shortlisted = chance(s->g, AP_SHORTLISTED);
	if (shortlisted)
		appointed = chance(s->g, AP_APPOINTED * (eth_group(s, eth) == 'A'
								 ? s->fx->appoint_asian
								 : 1.0));
	out_flag(o, shortlisted, ',');
	out_flag(o, appointed, '\n');
}

static const char *const headers[] = {
	"person_id,ldu,quarter,sex,age,ethnicity,religion,disability,"
	"sexual_orientation,referred,started,completed,breached\n",
	"person_id,unit,grade,period,sex,age,ethnicity,religion,disability,"
	"sexual_orientation,gender_reassignment,marital_status,"
	"pregnancy_maternity,promoted,trained,grievance,disciplinary,left,"
	"hourly_pay,bonus\n",
	"applicant_id,vacancy,grade,period,sex,age,ethnicity,religion,disability,"
	"sexual_orientation,gender_reassignment,marital_status,"
	"pregnancy_maternity,shortlisted,appointed\n",
};

/* ------------------------------------------------------------ options */

/* 0 when p is a period (core/period.h) of the kind the dataset's demo
 * makes, else ERR_USAGE; *out gets it. */
static int check_period(enum monitor_demo_dataset d, const char *p, struct period *out,
			struct err *e)
{
	struct err pe;
	err_clear(&pe);
	if (period_parse(p, out, &pe) < 0)
		return err_set(e, ERR_USAGE, "--period: %s", pe.msg);
	if (d == MONITOR_DEMO_SERVICE_USERS) {
		if (out->kind == PERIOD_QUARTER)
			return 0;
		return err_set(e, ERR_USAGE, "--period '%s' is not a quarter; write it "
					     "as YYYYQn, e.g. 2011Q3", p);
	}
	if (out->kind == PERIOD_YEAR || out->kind == PERIOD_FY)
		return 0;
	return err_set(e, ERR_USAGE, "--period '%s' is not a year; write it as YYYY "
				     "(2011) or a financial year FYYYYY-YY (FY2011-12)", p);
}

int monitor_demo_generate(FILE *f, const struct monitor_demo_opts *o,
			  struct err *e)
{
	struct gen s;
	const char *period = o->period;
	struct period per;
	struct buf pb = BUF_INIT;
	long i, n_vacancies = o->rows / APPLICANTS_PER_VACANCY;
	int rc = 0;

	if (o->rows < 1 || o->rows > MONITOR_DEMO_MAX_ROWS)
		return err_set(e, ERR_USAGE, "--rows must be 1..%ld; got %ld",
			       MONITOR_DEMO_MAX_ROWS, o->rows);
	if (o->seed < 1 || o->seed > 4294967295UL)
		return err_set(e, ERR_USAGE, "--seed must be 1..4294967295; got %lu",
			       o->seed);
	if (!period)
		period = o->dataset == MONITOR_DEMO_SERVICE_USERS ? "2011Q3" : "2011";
	if (check_period(o->dataset, period, &per, e) < 0)
		return ERR_USAGE;
	if (n_vacancies < 1)
		n_vacancies = 1;

	memset(&s, 0, sizeof s);
	esc_csv(&pb, per.text);
	memcpy(s.period, buf_str(&pb), pb.len + 1);
	s.period_len = pb.len;
	buf_free(&pb);
	s.fx = o->null_effects ? &none : &built_in;
	cat_init(&s.ldu, ldus, N_OF(ldus));
	cat_init(&s.eth, ethnicities, N_OF(ethnicities));
	cat_init(&s.orientation, orientations, N_OF(orientations));
	cat_init(&s.reassign, reassignment, N_OF(reassignment));
	cat_init(&s.marital, marital, N_OF(marital));
	cat_init(&s.preg_f, pregnancy_female, N_OF(pregnancy_female));
	cat_init(&s.preg_o, pregnancy_other, N_OF(pregnancy_other));
	cat_init(&s.grade, grades, N_OF(grades));
	switch (o->dataset) {
	case MONITOR_DEMO_SERVICE_USERS:
		cat_init(&s.sex, sex_su, N_OF(sex_su));
		cat_init(&s.religion, religion_su, N_OF(religion_su));
		cat_init(&s.disability, disability_su, N_OF(disability_su));
		break;
	case MONITOR_DEMO_STAFF:
		cat_init(&s.sex, sex_staff, N_OF(sex_staff));
		cat_init(&s.religion, religion_staff, N_OF(religion_staff));
		cat_init(&s.disability, disability_staff, N_OF(disability_staff));
		break;
	case MONITOR_DEMO_APPLICANTS:
		cat_init(&s.sex, sex_app, N_OF(sex_app));
		cat_init(&s.religion, religion_staff, N_OF(religion_staff));
		cat_init(&s.disability, disability_app, N_OF(disability_app));
		break;
	}

	s.g = gsl_rng_alloc(gsl_rng_mt19937);
	if (!s.g) {
		fprintf(stderr, "parity: out of memory\n");
		abort();
	}
	gsl_rng_set(s.g, o->seed);
	s.out.f = f;
	s.out.buf = xmalloc(OUT_CAP);
	out_mem(&s.out, headers[o->dataset], strlen(headers[o->dataset]));
	for (i = 1; i <= o->rows && !s.out.failed; i++) {
		if (s.out.len > OUT_CAP - ROW_MAX)
			out_flush(&s.out);
		if (o->dataset == MONITOR_DEMO_SERVICE_USERS)
			row_service_user(&s, i);
		else if (o->dataset == MONITOR_DEMO_STAFF)
			row_staff(&s, i);
		else
			row_applicant(&s, i, n_vacancies);
	}
	out_flush(&s.out);
	if (s.out.failed || fflush(f) != 0 || ferror(f))
		rc = err_set(e, ERR_IO, "could not write the generated rows: %s; check "
					"the disk has space", strerror(errno));
	free(s.out.buf);
	gsl_rng_free(s.g);
	return rc;
}

/* ------------------------------------------------------------ command */

static const char *const dataset_names[] = {"service-users", "staff", "applicants"};

int monitor_demo_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e)
{
	const char *dataset = NULL, *rows_s = NULL, *seed_s = NULL, *out_path = NULL;
	const char *pos[1];
	int null_fx = 0, n_pos, rc;
	long rows, seed = 1;
	size_t d;
	struct monitor_demo_opts o;
	struct period per;
	struct cli_opt opts[] = {
		{"dataset", 0, CLI_STRING, &dataset},
		{"rows", 0, CLI_STRING, &rows_s},
		{"seed", 0, CLI_STRING, &seed_s},
		{"null", 0, CLI_FLAG, &null_fx},
		{"period", 0, CLI_STRING, &o.period},
		{"output", 'o', CLI_STRING, &out_path},
		{NULL, 0, CLI_FLAG, NULL},
	};

	o.period = NULL;
	if (cli_parse(ctx, argc, argv, opts, pos, 0, &n_pos, e) < 0)
		return ERR_USAGE;
	if (!dataset)
		return err_set(e, ERR_USAGE, "'%s' needs --dataset service-users, staff "
					     "or applicants", ctx->command);
	for (d = 0; d < N_OF(dataset_names); d++)
		if (strcmp(dataset, dataset_names[d]) == 0)
			break;
	if (d == N_OF(dataset_names))
		return err_set(e, ERR_USAGE, "unknown --dataset '%s'; use service-users, "
					     "staff or applicants", dataset);
	if (!rows_s)
		return err_set(e, ERR_USAGE, "'%s' needs --rows N (1..%ld)", ctx->command,
			       MONITOR_DEMO_MAX_ROWS);
	if (str_to_int(rows_s, 1, MONITOR_DEMO_MAX_ROWS, &rows) < 0)
		return err_set(e, ERR_USAGE, "--rows takes a whole number 1..%ld; got '%s'",
			       MONITOR_DEMO_MAX_ROWS, rows_s);
	if (seed_s && str_to_int(seed_s, 1, 4294967295L, &seed) < 0)
		return err_set(e, ERR_USAGE, "--seed takes a whole number "
					     "1..4294967295; got '%s'", seed_s);
	o.dataset = (enum monitor_demo_dataset)d;
	o.rows = rows;
	o.seed = (unsigned long)seed;
	o.null_effects = null_fx;
	if (o.period && check_period(o.dataset, o.period, &per, e) < 0)
		return ERR_USAGE;

	if (out_path && strcmp(out_path, "-") != 0) {
		struct buf tmp = BUF_INIT;
		FILE *f;
		buf_printf(&tmp, "%s.tmp", out_path);
		f = fopen(buf_str(&tmp), "wb");
		if (!f) {
			rc = err_set(e, ERR_IO, "cannot write %s: %s; check the folder "
						"exists and is writable", buf_str(&tmp),
				     strerror(errno));
			buf_free(&tmp);
			return rc;
		}
		rc = monitor_demo_generate(f, &o, e);
		if (fclose(f) != 0 && rc == 0)
			rc = err_set(e, ERR_IO, "cannot write %s: %s", buf_str(&tmp),
				     strerror(errno));
		if (rc == 0 && rename(buf_str(&tmp), out_path) != 0)
			rc = err_set(e, ERR_IO, "cannot rename %s to %s: %s", buf_str(&tmp),
				     out_path, strerror(errno));
		if (rc < 0)
			remove(buf_str(&tmp));
		else
			fprintf(ctx->out, "wrote %s (%ld rows)\n", out_path, rows);
		buf_free(&tmp);
		return rc;
	}
	return monitor_demo_generate(ctx->out, &o, e);
}
