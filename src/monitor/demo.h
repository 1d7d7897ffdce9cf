/*
 * demo: `parity demo generate` — synthetic person-level monitoring
 * extracts (service users, staff, job applicants) for demonstrations,
 * tests and benchmarks. Rows are drawn from GSL's Mersenne Twister, so
 * the same options and seed give the same bytes on every machine; they
 * are streamed, so memory stays flat however many rows are asked for.
 * Unless --null is given, known disparities are built in so that the
 * monitoring report has something real to find; docs/demo-data.md lists
 * every column, value, base rate and effect.
 */
#ifndef PARITY_MONITOR_DEMO_H
#define PARITY_MONITOR_DEMO_H

#include <stdio.h>

#include "core/cli.h"
#include "core/err.h"

#define MONITOR_DEMO_MAX_ROWS 100000000L

enum monitor_demo_dataset {
	MONITOR_DEMO_SERVICE_USERS, /* probation caseload: referral to outcome */
	MONITOR_DEMO_STAFF,	    /* workforce: grade, pay, employment events */
	MONITOR_DEMO_APPLICANTS,    /* recruitment: shortlisting, appointment */
};

struct monitor_demo_opts {
	enum monitor_demo_dataset dataset; /* which extract to write */
	long rows;			   /* data rows, 1..MONITOR_DEMO_MAX_ROWS */
	unsigned long seed;		   /* RNG seed, 1..4294967295 */
	int null_effects;		   /* 1: every group has the same rates */
	const char *period; /* value of the quarter/period column; NULL gives
			       2011Q3 (service users) or 2011 (the others) */
};

/* Write the header and o->rows rows of CSV to out (RFC 4180, quoted as
 * esc_csv does, LF line ends). Returns 0, ERR_USAGE for options out of
 * range (rows, seed, a period not of the form YYYYQn for service users
 * or YYYY / YYYY-YY for the others), or ERR_IO when writing fails.
 * Allocates only a fixed 1 MiB output buffer and the RNG, freed before
 * returning. */
int monitor_demo_generate(FILE *out, const struct monitor_demo_opts *o,
			  struct err *e);

/* `parity demo generate --dataset service-users|staff|applicants
 * --rows N [--seed S] [--null] [--period P] [-o FILE]`: parse the
 * options and run monitor_demo_generate into ctx->out, or into FILE by
 * way of FILE.tmp renamed when complete (then "wrote FILE (N rows)" goes
 * to ctx->out). Unknown options and bad values are ERR_USAGE. */
int monitor_demo_cmd(struct cli_ctx *ctx, int argc, char **argv, struct err *e);

#endif
