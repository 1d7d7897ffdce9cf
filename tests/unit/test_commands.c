/*
 * test_commands: the commands every room registers (core/room.h, listed
 * in app/rooms.c) and the dispatch of src/main.c. main.c is compiled into
 * this file (its main renamed parity_main) so the table it gathers can be
 * checked directly: sorted by name, names unique, help text on every
 * entry, each usage line naming its command, a handler on everything but
 * the built-ins, and a test of every command in tests/cli or tests/http. parity_main is then run in-process with
 * stdout and stderr sent to temporary files to check exit codes and the
 * messages users see for mistakes.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define main parity_main
#include "../../src/main.c"
#undef main

#include "core/buf.h"

/* ---------------------------------------------------------------- table */

static void gather(void)
{
	cr_assert_eq(gather_commands(), 0);
}

TestSuite(commands, .init = gather);
TestSuite(dispatch, .init = gather);

Test(commands, table_is_not_empty)
{
	size_t r, n = 2; /* help and version */
	const struct cli_command *c;
	cr_assert_gt(n_commands, 2);
	for (r = 0; r < parity_n_rooms; r++) {
		cr_expect_not_null(parity_rooms[r]->name);
		for (c = parity_rooms[r]->commands; c && c->name; c++)
			n++;
	}
	cr_assert_eq(n_commands, n, "every room's commands are gathered once");
}

/* Every command a room registers is run by some test: its name appears
 * in a CLI or HTTP test script. */
Test(commands, every_command_has_a_test)
{
	static const char *const dirs[] = {"tests/cli", "tests/http"};
	struct buf all = BUF_INIT;
	size_t d, i;
	for (d = 0; d < 2; d++) {
		char cmd[256];
		FILE *ls;
		char line[512];
		snprintf(cmd, sizeof cmd, "ls %s/*.sh", dirs[d]);
		ls = popen(cmd, "r");
		cr_assert_not_null(ls);
		while (fgets(line, sizeof line, ls)) {
			FILE *f;
			char chunk[4096];
			size_t n;
			line[strcspn(line, "\n")] = '\0';
			f = fopen(line, "r");
			if (!f)
				continue;
			while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
				buf_append(&all, chunk, n);
			fclose(f);
		}
		pclose(ls);
	}
	cr_assert_gt(all.len, 1000, "the test scripts were read (run from the project's root)");
	for (i = 0; i < n_commands; i++) {
		const char *name = commands[i]->name, *p = buf_str(&all);
		int found = 0;
		if (!commands[i]->handler)
			continue;
		while (!found && (p = strstr(p, name))) {
			char after = p[strlen(name)];
			found = after == ' ' || after == '\n' || after == '\'' || after == '"';
			p++;
		}
		cr_expect(found, "no test in tests/cli or tests/http runs 'parity %s'", name);
	}
	buf_free(&all);
}

Test(commands, sorted_by_name)
{
	size_t i;
	for (i = 1; i < n_commands; i++)
		cr_expect_lt(strcmp(commands[i - 1]->name, commands[i]->name), 0,
			     "'%s' should come after '%s'", commands[i - 1]->name,
			     commands[i]->name);
}

Test(commands, names_unique)
{
	size_t i, j;
	for (i = 0; i < n_commands; i++)
		for (j = i + 1; j < n_commands; j++)
			cr_expect_neq(strcmp(commands[i]->name, commands[j]->name), 0,
				      "'%s' appears twice", commands[i]->name);
}

Test(commands, names_are_one_or_two_lowercase_words)
{
	size_t i;
	for (i = 0; i < n_commands; i++) {
		const char *n = commands[i]->name;
		const char *sp = strchr(n, ' ');
		cr_expect_gt(strlen(n), 0);
		cr_expect_eq(strspn(n, "abcdefghijklmnopqrstuvwxyz -"), strlen(n),
			     "'%s'", n);
		cr_expect(n[0] != ' ' && n[strlen(n) - 1] != ' ', "'%s'", n);
		if (sp)
			cr_expect_null(strchr(sp + 1, ' '), "'%s' has three words", n);
		/* main() joins two words into a 128-byte buffer to look them up */
		cr_expect_lt(strlen(n), 128, "'%s'", n);
	}
}

Test(commands, every_entry_has_summary_and_usage)
{
	size_t i;
	for (i = 0; i < n_commands; i++) {
		const struct cli_command *c = commands[i];
		cr_expect_not_null(c->summary, "'%s'", c->name);
		cr_expect_not_null(c->usage, "'%s'", c->name);
		if (!c->summary || !c->usage)
			continue;
		cr_expect_gt(strlen(c->summary), 0, "'%s' has an empty summary", c->name);
		cr_expect_gt(strlen(c->usage), 0, "'%s' has an empty usage", c->name);
		cr_expect_null(strchr(c->summary, '\n'), "'%s' summary is one line",
			       c->name);
		cr_expect_eq(c->usage[strlen(c->usage) - 1], '\n',
			     "'%s' usage ends with a newline", c->name);
	}
}

Test(commands, usage_starts_with_parity_and_name)
{
	size_t i;
	for (i = 0; i < n_commands; i++) {
		const struct cli_command *c = commands[i];
		const char *prefix = "usage: parity ";
		size_t np = strlen(prefix), nn = strlen(c->name);
		char after;

		cr_expect_eq(strncmp(c->usage, prefix, np), 0, "'%s': %s", c->name,
			     c->usage);
		cr_expect_eq(strncmp(c->usage + np, c->name, nn), 0, "'%s': %s",
			     c->name, c->usage);
		/* the whole name, not a longer word that starts with it */
		after = c->usage[np + nn];
		cr_expect(after == ' ' || after == '\n', "'%s': %s", c->name, c->usage);
	}
}

Test(commands, handlers_except_builtins)
{
	size_t i;
	int saw_help = 0, saw_version = 0;
	for (i = 0; i < n_commands; i++) {
		const struct cli_command *c = commands[i];
		if (strcmp(c->name, "help") == 0 || strcmp(c->name, "version") == 0) {
			saw_help += strcmp(c->name, "help") == 0;
			saw_version += strcmp(c->name, "version") == 0;
			cr_expect_null(c->handler, "'%s' is handled in main", c->name);
		} else {
			cr_expect_not_null(c->handler, "'%s' has no handler", c->name);
		}
	}
	cr_assert_eq(saw_help, 1);
	cr_assert_eq(saw_version, 1);
}

Test(commands, find_command_exact_match_only)
{
	size_t i;
	for (i = 0; i < n_commands; i++)
		cr_expect_eq(find_command(commands[i]->name), commands[i], "'%s'",
			     commands[i]->name);
	cr_assert_str_eq(find_command("plan list")->name, "plan list");
	cr_assert_str_eq(find_command("help")->name, "help");
	cr_assert_null(find_command("plan"));
	cr_assert_null(find_command("plan lis"));
	cr_assert_null(find_command("Plan list"));
	cr_assert_null(find_command(""));
}

/* ------------------------------------------------------------- dispatch */

struct run {
	int rc;	   /* parity_main's return value */
	char *out; /* everything written to stdout (caller frees) */
	char *err; /* everything written to stderr (caller frees) */
};

static char *slurp(FILE *f)
{
	long n;
	char *s;
	cr_assert_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	cr_assert_geq(n, 0);
	rewind(f);
	s = malloc((size_t)n + 1);
	cr_assert_not_null(s);
	cr_assert_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	return s;
}

/* Run parity_main with the given words (argv[0] is added) and capture
 * what it writes to fds 1 and 2. */
static struct run run_parity(const char *const *words)
{
	char *argv[32];
	int argc = 0, saved_out, saved_err;
	FILE *fo = tmpfile(), *fe = tmpfile();
	struct run r;

	cr_assert_not_null(fo);
	cr_assert_not_null(fe);
	argv[argc++] = "parity";
	for (; *words; words++) {
		cr_assert_lt(argc, 31);
		argv[argc++] = (char *)*words;
	}
	argv[argc] = NULL;

	fflush(stdout);
	fflush(stderr);
	saved_out = dup(1);
	saved_err = dup(2);
	cr_assert_geq(saved_out, 0);
	cr_assert_geq(saved_err, 0);
	cr_assert_geq(dup2(fileno(fo), 1), 0);
	cr_assert_geq(dup2(fileno(fe), 2), 0);

	r.rc = parity_main(argc, argv);

	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);

	r.out = slurp(fo);
	r.err = slurp(fe);
	fclose(fo);
	fclose(fe);
	return r;
}

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

Test(dispatch, help_lists_every_command)
{
	static const char *const w[] = {"help", NULL};
	struct run r = run_parity(w);
	size_t i;

	cr_assert_eq(r.rc, 0, "stderr: %s", r.err);
	cr_assert_str_eq(r.err, "");
	cr_assert_eq(strncmp(r.out, "usage: parity", 13), 0, "%s", r.out);
	for (i = 0; i < n_commands; i++)
		cr_expect_not_null(strstr(r.out, commands[i]->summary), "'%s' missing",
				   commands[i]->name);
	run_free(&r);
}

Test(dispatch, no_arguments_is_usage_error)
{
	static const char *const w[] = {NULL};
	struct run r = run_parity(w);
	cr_assert_eq(r.rc, 2);
	cr_assert_str_eq(r.out, "", "the overview goes to stderr");
	cr_assert_not_null(strstr(r.err, "usage: parity"), "%s", r.err);
	cr_assert_not_null(strstr(r.err, "plan import"), "%s", r.err);
	run_free(&r);
}

Test(dispatch, dash_dash_help_alone_is_success)
{
	static const char *const w[] = {"--help", NULL};
	struct run r = run_parity(w);
	cr_assert_eq(r.rc, 0);
	cr_assert_not_null(strstr(r.out, "usage: parity"), "%s", r.out);
	run_free(&r);
}

Test(dispatch, unknown_command_names_it)
{
	static const char *const w[] = {"frobnicate", "--now", NULL};
	struct run r = run_parity(w);
	cr_assert_eq(r.rc, 2);
	cr_assert_str_eq(r.out, "");
	cr_assert_not_null(strstr(r.err, "parity: error: no command 'frobnicate'"),
			   "%s", r.err);
	cr_assert_not_null(strstr(r.err, "parity help"), "%s", r.err);
	run_free(&r);
}

Test(dispatch, group_without_subcommand_is_usage_error)
{
	static const char *const w[] = {"plan", NULL};
	struct run r = run_parity(w);
	cr_assert_eq(r.rc, 2);
	cr_assert_not_null(strstr(r.err, "'plan' needs a subcommand"), "%s", r.err);
	cr_assert_not_null(strstr(r.err, "plan import"), "the group is listed: %s", r.err);
	cr_assert_null(strstr(r.err, "people add"), "only the plan group: %s", r.err);
	run_free(&r);
}

Test(dispatch, unknown_subcommand_names_both_words)
{
	static const char *const w[] = {"plan", "frob", NULL};
	struct run r = run_parity(w);
	cr_assert_eq(r.rc, 2);
	cr_assert_not_null(strstr(r.err, "no command 'plan frob'"), "%s", r.err);
	run_free(&r);
}

Test(dispatch, version)
{
	static const char *const w[] = {"version", NULL};
	static const char *const extra[] = {"version", "now", NULL};
	struct run r = run_parity(w);
	cr_assert_eq(r.rc, 0);
	cr_assert_str_eq(r.out, "parity " PARITY_VERSION "\n");
	cr_assert_str_eq(r.err, "");
	run_free(&r);

	r = run_parity(extra);
	cr_assert_eq(r.rc, 2);
	cr_assert_not_null(strstr(r.err, "'version' takes no arguments"), "%s", r.err);
	run_free(&r);
}

Test(dispatch, help_for_one_command_prints_its_usage)
{
	static const char *const two[] = {"help", "plan", "list", NULL};
	static const char *const flag[] = {"plan", "list", "--help", NULL};
	static const char *const group[] = {"help", "people", NULL};
	static const char *const missing[] = {"help", "nosuch", NULL};
	const struct cli_command *c = find_command("plan list");
	struct run r;

	cr_assert_not_null(c);
	r = run_parity(two);
	cr_assert_eq(r.rc, 0);
	cr_assert_str_eq(r.out, c->usage);
	run_free(&r);

	r = run_parity(flag);
	cr_assert_eq(r.rc, 0);
	cr_assert_str_eq(r.out, c->usage);
	run_free(&r);

	/* "people" is both a command and a group: the command wins */
	r = run_parity(group);
	cr_assert_eq(r.rc, 0);
	cr_assert_str_eq(r.out, find_command("people")->usage);
	run_free(&r);

	r = run_parity(missing);
	cr_assert_eq(r.rc, 2);
	cr_assert_not_null(strstr(r.err, "no command 'nosuch'"), "%s", r.err);
	run_free(&r);
}

Test(dispatch, db_flag_without_value)
{
	static const char *const w[] = {"plan", "list", "--db", NULL};
	struct run r = run_parity(w);
	cr_assert_eq(r.rc, 2);
	cr_assert_not_null(strstr(r.err, "--db needs a file name"), "%s", r.err);
	run_free(&r);
}

/* STYLE.md: each command rejects options it does not know — before it
 * touches the database (the --db path here cannot be opened, so a handler
 * that opened it first would exit 1, not 2). */
Test(dispatch, every_handler_rejects_unknown_option)
{
	size_t i;
	for (i = 0; i < n_commands; i++) {
		const struct cli_command *c = commands[i];
		char name[128], *sp;
		const char *w[8];
		int k = 0;
		struct run r;
		char want[256];

		if (!c->handler)
			continue;
		snprintf(name, sizeof name, "%s", c->name);
		w[k++] = "--db";
		w[k++] = "/nonexistent-parity-test-dir/x.db";
		sp = strchr(name, ' ');
		if (sp) {
			*sp = '\0';
			w[k++] = name;
			w[k++] = sp + 1;
		} else {
			w[k++] = name;
		}
		w[k++] = "--no-such-option";
		w[k] = NULL;

		r = run_parity(w);
		cr_expect_eq(r.rc, 2, "'%s' exit %d: %s", c->name, r.rc, r.err);
		snprintf(want, sizeof want, "unknown option '--no-such-option' for '%s'",
			 c->name);
		cr_expect_not_null(strstr(r.err, want), "'%s': %s", c->name, r.err);
		snprintf(want, sizeof want, "see 'parity help %s'", c->name);
		cr_expect_not_null(strstr(r.err, want), "'%s': %s", c->name, r.err);
		run_free(&r);
	}
}
