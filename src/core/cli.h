/*
 * cli: what every command handler receives, and the option parser they
 * share. A command is one function registered in its room's table
 * (core/room.h);
 * it parses its own options with cli_parse (which rejects anything it
 * does not know), writes results to ctx->out, warnings to ctx->warn, and
 * reports failure through struct err — only main.c prints errors and
 * chooses the exit code.
 */
#ifndef PARITY_CLI_H
#define PARITY_CLI_H

#include <stdio.h>

#include "core/err.h"

struct cli_ctx {
	const char *db_path; /* database file chosen by --db / PARITY_DB */
	const char *command; /* full command name, e.g. "plan import" */
	FILE *out;	     /* results (stdout) */
	FILE *warn;	     /* warnings (stderr), one "parity: warning: " line each */
};

typedef int (*cli_handler)(struct cli_ctx *ctx, int argc, char **argv,
			   struct err *e);

enum cli_opt_kind { CLI_FLAG, CLI_STRING, CLI_MULTI };

struct cli_opt {
	const char *name;      /* long name without dashes: "due-before" */
	char short_name;       /* one-letter alias ('o' for -o) or 0 */
	enum cli_opt_kind kind; /* flag, single value, or repeatable value */
	void *target;	       /* int* for FLAG, const char** for STRING,
				  struct cli_multi* for MULTI */
};

struct cli_multi {
	const char *values[32]; /* values in order given */
	int n_values;		/* count */
};

/* Who is making a change: the --as value, else $PARITY_USER, else $USER,
 * else "unknown". Returns one of those strings (not allocated). */
const char *cli_author(const char *as);

/* Parse argv (argv[0] is the first word after the command name). Options
 * may come before or after positionals; "--name=value" and "--name value"
 * both work; "--" ends options. Positionals are stored in pos[] (up to
 * max_pos; more is a usage error). Returns 0 or ERR_USAGE naming the
 * option. Nothing is allocated; values point into argv. */
int cli_parse(struct cli_ctx *ctx, int argc, char **argv,
	      const struct cli_opt *opts, const char **pos, int max_pos,
	      int *n_pos, struct err *e);

/* Write the len bytes at data to path, or to ctx->out when path is NULL or
 * "-". A file is replaced whole (written beside it as PATH.tmp, then
 * renamed, and "wrote PATH" is said on ctx->out); a device or a pipe
 * (-o /dev/null) is written to, never replaced by a file. ERR_IO naming
 * the file. */
int cli_write_out(struct cli_ctx *ctx, const char *path, const char *data, size_t len,
		  struct err *e);

#endif
