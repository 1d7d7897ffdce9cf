/* cli: the shared option parser for command handlers (see cli.h). */
#include "core/cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const struct cli_opt *find_long(const struct cli_opt *opts,
				       const char *name, size_t n)
{
	for (; opts && opts->name; opts++)
		if (strlen(opts->name) == n && strncmp(opts->name, name, n) == 0)
			return opts;
	return NULL;
}

static const struct cli_opt *find_short(const struct cli_opt *opts, char c)
{
	for (; opts && opts->name; opts++)
		if (opts->short_name && opts->short_name == c)
			return opts;
	return NULL;
}

static int take_value(struct cli_ctx *ctx, const struct cli_opt *o,
		      const char *value, struct err *e)
{
	if (o->kind == CLI_STRING) {
		*(const char **)o->target = value;
	} else {
		struct cli_multi *m = o->target;
		if (m->n_values >= (int)(sizeof m->values / sizeof m->values[0]))
			return err_set(e, ERR_USAGE, "too many --%s options for '%s'",
				       o->name, ctx->command);
		m->values[m->n_values++] = value;
	}
	return 0;
}

int cli_parse(struct cli_ctx *ctx, int argc, char **argv,
	      const struct cli_opt *opts, const char **pos, int max_pos,
	      int *n_pos, struct err *e)
{
	int i, only_pos = 0;
	*n_pos = 0;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		const struct cli_opt *o = NULL;
		const char *value = NULL;

		if (only_pos || a[0] != '-' || a[1] == '\0') {
			if (*n_pos >= max_pos)
				return err_set(e, ERR_USAGE,
					       "unexpected argument '%s' for '%s'",
					       a, ctx->command);
			pos[(*n_pos)++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_pos = 1;
			continue;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t n = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);
			o = find_long(opts, a + 2, n);
			if (eq)
				value = eq + 1;
		} else if (a[2] == '\0') {
			o = find_short(opts, a[1]);
		}
		if (!o)
			return err_set(e, ERR_USAGE, "unknown option '%s' for '%s'",
				       a, ctx->command);
		if (o->kind == CLI_FLAG) {
			if (value)
				return err_set(e, ERR_USAGE,
					       "option --%s of '%s' takes no value",
					       o->name, ctx->command);
			*(int *)o->target = 1;
			continue;
		}
		if (!value) {
			if (i + 1 >= argc)
				return err_set(e, ERR_USAGE,
					       "option --%s of '%s' needs a value",
					       o->name, ctx->command);
			value = argv[++i];
		}
		if (take_value(ctx, o, value, e) < 0)
			return ERR_USAGE;
	}
	return 0;
}

const char *cli_author(const char *as)
{
	const char *u;
	if (as && *as)
		return as;
	u = getenv("PARITY_USER");
	if (u && *u)
		return u;
	u = getenv("USER");
	return u && *u ? u : "unknown";
}

int cli_write_out(struct cli_ctx *ctx, const char *path, const char *data, size_t len,
		  struct err *e)
{
	char tmp[4096];
	struct stat sb;
	FILE *f;
	int bad;
	if (!path || !strcmp(path, "-")) {
		fwrite(data, 1, len, ctx->out);
		return 0;
	}
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		snprintf(tmp, sizeof tmp, "%s", path);
	else if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
		return err_set(e, ERR_IO, "cannot write %s: the file name is too long", path);
	f = fopen(tmp, "wb");
	bad = !f;
	if (f) {
		bad = fwrite(data, 1, len, f) != len;
		bad |= fclose(f) != 0;
	}
	if (bad || (strcmp(tmp, path) && rename(tmp, path) != 0)) {
		if (strcmp(tmp, path))
			remove(tmp);
		return err_set(e, ERR_IO, "cannot write %s: check the folder exists and is writable",
			       path);
	}
	fprintf(ctx->out, "wrote %s\n", path);
	return 0;
}
