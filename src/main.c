/*
 * main: dispatch — nothing else. Each command is one handler registered
 * with its help text in its room's table (core/room.h; the rooms are
 * listed in app/rooms.c); main gathers them, sorted by name, adds help
 * and version, picks the command (two words first, "plan import", then
 * one), handles --help and --db, runs the handler, and is the only
 * place that prints errors and chooses the exit code:
 *   0 success, 1 runtime or data error, 2 usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/room.h"

#define PARITY_VERSION "0.1.0"

/* main's own commands; every other command belongs to a room. */
static const struct cli_command own_commands[] = {
	{"help", NULL, "show help for parity or for one command",
	 "usage: parity help [COMMAND]\n"
	 "\n"
	 "Without COMMAND, list every command. With it, show that command's\n"
	 "options. 'parity COMMAND --help' does the same.\n"},
	{"version", NULL, "print parity's version",
	 "usage: parity version\n"},
};

/* Every command, sorted by name (built by main). */
static const struct cli_command **commands;
static size_t n_commands;

static int cmp_command(const void *a, const void *b)
{
	const struct cli_command *const *x = a, *const *y = b;
	return strcmp((*x)->name, (*y)->name);
}

/* Gather the commands of every room and main's own. */
static int gather_commands(void)
{
	size_t r, i, total = sizeof own_commands / sizeof own_commands[0];
	const struct cli_command *c;
	if (commands)
		return 0;
	for (r = 0; r < parity_n_rooms; r++)
		for (c = parity_rooms[r]->commands; c && c->name; c++)
			total++;
	commands = calloc(total, sizeof *commands);
	if (!commands)
		return -1;
	for (i = 0; i < sizeof own_commands / sizeof own_commands[0]; i++)
		commands[n_commands++] = &own_commands[i];
	for (r = 0; r < parity_n_rooms; r++)
		for (c = parity_rooms[r]->commands; c && c->name; c++)
			commands[n_commands++] = c;
	qsort(commands, n_commands, sizeof *commands, cmp_command);
	return 0;
}

static const struct cli_command *find_command(const char *name)
{
	size_t i;
	for (i = 0; i < n_commands; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static void print_overview(FILE *f)
{
	size_t i;
	fprintf(f, "usage: parity [--db FILE] COMMAND [ARGS]\n\n"
		   "parity: equality monitoring for public services.\n\n"
		   "Commands:\n");
	for (i = 0; i < n_commands; i++)
		fprintf(f, "  %-16s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f, "\nThe database is --db FILE, else $PARITY_DB, else ./parity.db.\n"
		   "Run 'parity help COMMAND' for a command's options.\n");
}

/* Commands starting with `prefix ` (for "parity plan" with no subcommand). */
static int print_group(FILE *f, const char *prefix)
{
	size_t i, n = strlen(prefix), found = 0;
	for (i = 0; i < n_commands; i++) {
		if (strncmp(commands[i]->name, prefix, n) == 0 &&
		    commands[i]->name[n] == ' ') {
			if (!found)
				fprintf(f, "'%s' commands:\n", prefix);
			fprintf(f, "  %-16s %s\n", commands[i]->name, commands[i]->summary);
			found++;
		}
	}
	return (int)found;
}

static int help(const char *topic)
{
	const struct cli_command *c;
	if (!topic) {
		print_overview(stdout);
		return 0;
	}
	c = find_command(topic);
	if (c) {
		fputs(c->usage, stdout);
		return 0;
	}
	if (print_group(stdout, topic))
		return 0;
	fprintf(stderr, "parity: error: no command '%s' (run 'parity help' for the list)\n",
		topic);
	return 2;
}

int main(int argc, char **argv)
{
	const char *db_flag = NULL;
	char *args[256];
	int n_args = 0, i, want_help = 0, consumed;
	const struct cli_command *c = NULL;
	char two[128];
	struct cli_ctx ctx;
	struct err e;
	int rc;

	if (gather_commands() < 0) {
		fprintf(stderr, "parity: error: out of memory\n");
		return 1;
	}
	/* Pull out global options: --db FILE anywhere before "--". */
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc && n_args < 255)
				args[n_args++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "parity: error: --db needs a file name\n");
				return 2;
			}
			db_flag = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			db_flag = argv[i] + 5;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			want_help = 1;
		} else if (n_args < 255) {
			args[n_args++] = argv[i];
		} else {
			fprintf(stderr, "parity: error: too many arguments\n");
			return 2;
		}
	}
	args[n_args] = NULL;

	if (n_args == 0) {
		if (want_help)
			return help(NULL);
		print_overview(stderr);
		return 2;
	}
	if (n_args >= 2 && snprintf(two, sizeof two, "%s %s", args[0], args[1]) <
				   (int)sizeof two)
		c = find_command(two);
	consumed = 2;
	if (!c) {
		c = find_command(args[0]);
		consumed = 1;
	}
	if (!c) {
		if (print_group(stderr, args[0])) {
			if (n_args >= 2)
				fprintf(stderr, "parity: error: no command '%s %s'\n",
					args[0], args[1]);
			else
				fprintf(stderr, "parity: error: '%s' needs a subcommand\n",
					args[0]);
			return 2;
		}
		fprintf(stderr, "parity: error: no command '%s' (run 'parity help' for the list)\n",
			args[0]);
		return 2;
	}
	if (want_help)
		return help(c->name);
	if (strcmp(c->name, "help") == 0) {
		if (n_args > 2) {
			char topic[128];
			snprintf(topic, sizeof topic, "%s %s", args[1], args[2]);
			if (find_command(topic))
				return help(topic);
		}
		return help(n_args > 1 ? args[1] : NULL);
	}
	if (strcmp(c->name, "version") == 0) {
		if (n_args > 1) {
			fprintf(stderr, "parity: error: 'version' takes no arguments\n");
			return 2;
		}
		printf("parity %s\n", PARITY_VERSION);
		return 0;
	}

	ctx.db_path = db_flag;
	ctx.command = c->name;
	ctx.out = stdout;
	ctx.warn = stderr;
	err_clear(&e);
	rc = c->handler(&ctx, n_args - consumed, args + consumed, &e);
	fflush(stdout);
	if (rc == 0)
		return 0;
	if (e.msg[0])
		fprintf(stderr, "parity: error: %s\n", e.msg);
	if (rc == ERR_USAGE) {
		fprintf(stderr, "see 'parity help %s'\n", c->name);
		return 2;
	}
	return 1;
}
