/*
 * main: the command table and dispatch — nothing else. Each command is
 * one handler registered in the sorted table below with its help text
 * beside it. main() picks the command (two words first, "plan import",
 * then one), handles --help and --db, runs the handler, and is the only
 * place that prints errors and chooses the exit code:
 *   0 success, 1 runtime or data error, 2 usage error.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/cli.h"
#include "monitor/monitor.h"
#include "plan/plan.h"
#include "web/web.h"

#define PARITY_VERSION "0.1.0"

struct command {
	const char *name;    /* "plan import"; the table is sorted by name */
	cli_handler handler; /* NULL for "help" and "version", handled here */
	const char *summary; /* one line for 'parity help' */
	const char *usage;   /* full help for 'parity help CMD' */
};

static const struct command commands[] = {
	{"analyze", analyze_cmd, "the Diversity Report straight from a CSV, nothing stored",
	 "usage: parity analyze FILE --dataset NAME [--config FILE] [--period P]\n"
	 "                      [--sheet NAME (FILE .xlsx, .ods or .xls)]\n"
	 "                      [--format text|json|csv|html|xlsx] [-o FILE]\n"
	 "                      [--benchmark FILE] [--reference default|highest|rest|overall]\n"
	 "                      [--reference CHARACTERISTIC=GROUP|highest|rest|overall ...]\n"
	 "                      [--per 100|1000] [--adjust holm|bh] [--min-count N]\n"
	 "                      [--alpha A] [--target PCT]\n"
	 "                      [--threads N (reading the file; default: one per core)]\n"
	 "\n"
	 "Reads a person-level extract (see 'parity help data import' for datasets)\n"
	 "and computes the same report as 'report diversity' without importing.\n"
	 "--reference chooses who groups are compared with, for every characteristic\n"
	 "or, repeated, for one each (ethnicity=White, sex=rest); --per 1000 shows\n"
	 "rates per 1,000 people.\n"
	 "--period keeps only rows of that period. The format follows -o's extension\n"
	 "when --format is not given. Example:\n"
	 "  parity analyze q3.csv --dataset service-users --format html -o q3.html\n"},
	{"data import", data_import_cmd, "import a person-level monitoring extract (CSV, .xlsx, .ods, .xls)",
	 "usage: parity data import FILE --dataset NAME --period P [--config FILE]\n"
	 "                          [--as NAME] [--sheet NAME]\n"
	 "\n"
	 "FILE is CSV, or a spreadsheet (.xlsx, .ods, .xls): its first sheet, or the\n"
	 "one --sheet names; problems then name the sheet's row and cell.\n"
	 "Datasets: service-users, staff, applicants (columns in docs/datasets.md),\n"
	 "or one defined in a config file. Every row is checked (codes, numbers,\n"
	 "stages, duplicates); any error means nothing is imported. Person ids are\n"
	 "replaced by a keyed hash. Importing a period again replaces it. Flags are\n"
	 "raised for the period (see 'parity flags list'). A period is a year (2011),\n"
	 "a quarter (2011Q3), a month (2011-07) or a financial year, April to March\n"
	 "(FY2011-12), as docs/datasets.md (\"Periods\") says. Example:\n"
	 "  parity data import q3.csv --dataset service-users --period 2011Q3\n"
	 "  parity data import extract.xlsx --sheet Q3 --dataset staff --period 2011Q3\n"},
	{"data import-counts", data_import_counts_cmd, "import aggregate count tables (CSV, .xlsx, .ods, .xls)",
	 "usage: parity data import-counts FILE [--dataset NAME] [--config FILE]\n"
	 "                                 [--rounded N] [--as NAME] [--sheet NAME]\n"
	 "\n"
	 "FILE is CSV, or a spreadsheet (.xlsx, .ods, .xls): its first sheet, or the\n"
	 "one --sheet names.\n"
	 "Columns: unit, period, characteristic, group, outcome, numerator,\n"
	 "denominator, and optionally direction (favourable / unfavourable; known\n"
	 "outcomes such as appointed or breached have defaults) and status. Groups may\n"
	 "be codes, category names or high-level groups. The dataset name defaults to\n"
	 "'counts'; --config FILE reads its [dataset NAME] section for ethnicity_codes\n"
	 "(us-omb for US tables) and the outcomes' directions and stages.\n"
	 "A count suppressed in a published table (*, <5, c, x, .., or any text in\n"
	 "the status column) is not known: comparisons that need it are reported as\n"
	 "not available. --rounded N declares the counts rounded to the nearest N:\n"
	 "the report says its intervals are approximate and flags nothing the\n"
	 "rounding could explain. Example:\n"
	 "  parity data import-counts rri.csv --config us.conf --rounded 10\n"},
	{"data list", data_list_cmd, "list imported datasets and periods",
	 "usage: parity data list [--format text|json]\n"},
	{"data profile", data_profile_cmd, "every value of each column of an extract, before analysing it",
	 "usage: parity data profile FILE.csv --dataset NAME [--config FILE]\n"
	 "                           [--format text|json] [-o FILE] [--threads N]\n"
	 "                           [--sheet NAME (FILE .xlsx, .ods or .xls instead)]\n"
	 "\n"
	 "For each column the dataset reads: every distinct value with its exact\n"
	 "count and the line it first appears on, which values parity does not\n"
	 "know (codes the codebook does not read, outcomes that are not 0 or 1,\n"
	 "pay that is not an amount), and map lines to add to the config file so\n"
	 "that those values are read (docs/datasets.md). Reads a large file in\n"
	 "parts on every core, as analyze does. Example:\n"
	 "  parity data profile q3.csv --dataset service-users --config ours.conf\n"},
	{"demo generate", monitor_demo_cmd, "write a synthetic monitoring extract",
	 "usage: parity demo generate --dataset service-users|staff|applicants --rows N\n"
	 "                            [--seed S] [--null] [--period P] [-o FILE]\n"
	 "\n"
	 "Realistic synthetic data with known disproportionality built in (see\n"
	 "docs/demo-data.md); --null builds none. Same seed, same file.\n"
	 "Example: parity demo generate --dataset staff --rows 5000 -o staff.csv\n"},
	{"flags act", flags_act_cmd, "create an action in the plan for a flag",
	 "usage: parity flags act ID --lead X --due DATE --text TEXT [--duties LIST]\n"
	 "                        [--plan NAME] [--as NAME]\n"
	 "\n"
	 "Adds action F<ID> to the action plan (area 'Responses to diversity\n"
	 "monitoring flags'), linked to the flag both ways; the flag becomes\n"
	 "actioned. --lead is the initials of someone active in 'parity people\n"
	 "list'; --duties the plan's duty numbers the action serves (1,3 or 6-8).\n"
	 "Example:\n"
	 "  parity flags act 3 --lead MD --due 2027-03-31 --duties 1,2 --text \"Review breach decisions\"\n"},
	{"flags close", flags_close_cmd, "close a flag",
	 "usage: parity flags close ID [--note TEXT] [--as NAME]\n"},
	{"flags explain", flags_explain_cmd, "record why a flagged difference is justified",
	 "usage: parity flags explain ID --note TEXT [--as NAME]\n"},
	{"flags list", flags_list_cmd, "list disproportionality flags",
	 "usage: parity flags list [--unit U] [--state open|explained|actioned|closed]\n"
	 "                         [--dataset NAME] [--format text|json]\n"},
	{"help", NULL, "show help for parity or for one command",
	 "usage: parity help [COMMAND]\n"
	 "\n"
	 "Without COMMAND, list every command. With it, show that command's\n"
	 "options. 'parity COMMAND --help' does the same.\n"},
	{"people", people_list_cmd, "list people (staff initials) and what they lead",
	 "usage: parity people [--format text|json]\n"
	 "\n"
	 "List the people known to the plan (from the glossary of staff initials\n"
	 "or added by hand) with the number of live actions each leads.\n"},
	{"people add", people_add_cmd, "add a person who can lead actions",
	 "usage: parity people add INITIALS NAME [--role ROLE]\n"
	 "\n"
	 "Example: parity people add JB \"Jo Bloggs\" --role \"Equality Officer\"\n"},
	{"people reassign", people_reassign_cmd,
	 "hand every action of a person who leaves to someone else",
	 "usage: parity people reassign OLD --to NEW [--as NAME]\n"
	 "\n"
	 "Every live action led by OLD (initials) is now led by NEW; each change\n"
	 "is written to the action's history. OLD is marked as left.\n"
	 "Example: parity people reassign KJ --to FT\n"},
	{"people rename", people_rename_cmd, "correct a person's name, role or initials",
	 "usage: parity people rename INITIALS [--name NAME] [--role ROLE]\n"
	 "                             [--initials NEW]\n"},
	{"plan duties", plan_duties_cmd, "list the statutory duties, or name one",
	 "usage: parity plan duties [--format text|json]\n"
	 "       parity plan duties set N NAME\n"
	 "\n"
	 "Action plans refer to duties by number (\"Duties 1,2,4, 6-9\"). List the\n"
	 "numbers in use with their names and how many areas serve each, or give\n"
	 "duty N a name. Example: parity plan duties set 1 \"Eliminate unlawful\n"
	 "discrimination\"\n"},
	{"plan import", plan_import_cmd, "import an action plan (.md, .html, .docx, .xlsx, .ods, .xls, .csv)",
	 "usage: parity plan import FILE [--name NAME] [--as NAME] [--dry-run]\n"
	 "                               [--columns COLUMN=HEADER,...] [--sheet NAME]\n"
	 "\n"
	 "Read the action plan in FILE (Markdown tables, HTML, Word .docx, or a\n"
	 "spreadsheet: .xlsx, .ods, .xls, .csv; --sheet picks the sheet, default\n"
	 "the first), find its columns by their headers (or its actions written\n"
	 "as labelled blocks), and store sections, areas of work,\n"
	 "duties, actions, leads and timescales, plus the glossary of staff\n"
	 "initials and terms. The plan's own action numbers (a No./Ref/# column,\n"
	 "or 4a./1.2 opening every action) become the ids when all are there and\n"
	 "unique; other columns (Progress, KPI, Team ...) are kept as fields.\n"
	 "Importing a new version of the same plan (same NAME, default 'main')\n"
	 "updates it in place, keeps all progress history and prints what was\n"
	 "added, removed or reworded. Warnings (leads and\n"
	 "dates that did not line up with actions) go to stderr; see 'plan lint'.\n"
	 "--dry-run reads and checks the file without changing the database, and\n"
	 "prints which header became which column, table by table.\n"
	 "--columns names columns the guess gets wrong or misses; COLUMN is one\n"
	 "of area, actions, lead, timescale, duties, status, id, and HEADER the\n"
	 "header cell as the plan writes it (quote it if it has a comma).\n"
	 "Every rule: docs/plan-import.md.\n"
	 "Examples: parity plan import action-plan.docx\n"
	 "          parity plan import plan.xlsx --sheet Actions\n"
	 "          parity plan import plan.docx --dry-run \\\n"
	 "            --columns 'actions=\"Action/Target\",lead=\"Accountable People\"'\n"},
	{"plan lint", plan_lint_cmd, "list import warnings, unresolved leads, unread timescales",
	 "usage: parity plan lint [--plan NAME]\n"
	 "\n"
	 "Exit 0 when there is nothing to report, 1 when there is.\n"},
	{"plan list", plan_list_cmd, "list actions, filtered",
	 "usage: parity plan list [--overdue] [--due-before DATE] [--lead X]\n"
	 "                        [--duty N] [--section S] [--status S]\n"
	 "                        [--search TEXT] [--as-of DATE] [--plan NAME]\n"
	 "                        [--format text|json|csv]\n"
	 "\n"
	 "DATE is YYYY-MM-DD or day/month/year. --lead matches initials, a group\n"
	 "(CMT) or a role. --section takes a number or words of its title.\n"
	 "--search keeps the actions whose id, text, leads, timescale or kept\n"
	 "columns (Progress, KPI, Team ...) hold TEXT, case aside.\n"
	 "--format json is the machine interface (see docs/plan.md); csv has a\n"
	 "column for each kept column of the plan.\n"
	 "Examples: parity plan list --overdue --as-of 2011-12-01\n"
	 "          parity plan list --search \"listening events\"\n"},
	{"plan report", plan_report_cmd, "progress, overdue, due soon, duty coverage, calendar",
	 "usage: parity plan report [--as-of DATE] [--format text|md|html|csv|json|ics]\n"
	 "                          [-o FILE] [--plan NAME] [--days N]\n"
	 "\n"
	 "Progress by section and by lead, overdue actions, actions due in the next\n"
	 "N days (default 90), and the duty coverage matrix. --format ics writes an\n"
	 "iCalendar feed of due dates. Example:\n"
	 "  parity plan report --as-of 2011-10-01 --format html -o plan.html\n"},
	{"plan show", plan_show_cmd, "show one action with its history",
	 "usage: parity plan show ID [--plan NAME] [--as-of DATE] [--format text|json]\n"
	 "\n"
	 "ID is the short id from 'plan list': 11d (area 11, action d), or the\n"
	 "plan's own number (4a, 1.2) when it gives every action a unique one.\n"
	 "Shows the action's other columns (Progress, KPI, Team ...) too.\n"},
	{"plan timescale", plan_timescale_cmd, "show how parity reads a timescale phrase",
	 "usage: parity plan timescale TEXT [--format text|json]\n"
	 "\n"
	 "Example: parity plan timescale \"3rd Qtr 2011-12\" --format json\n"},
	{"plan update", plan_update_cmd, "record progress on an action",
	 "usage: parity plan update ID [--status not-started|in-progress|done|dropped]\n"
	 "                          [--note TEXT] [--evidence URL-or-path]\n"
	 "                          [--rag red|amber|green --reason TEXT]\n"
	 "                          [--clear-rag] [--as NAME] [--plan NAME]\n"
	 "\n"
	 "Appends to the action's history (never rewrites it) with a timestamp and\n"
	 "author (--as, else $PARITY_USER, else $USER). --rag overrides the derived\n"
	 "RAG rating and needs --reason. Example:\n"
	 "  parity plan update 11d --status in-progress --note \"Q2 report issued\"\n"},
	{"report diversity", report_diversity_cmd, "the quarterly Diversity Report",
	 "usage: parity report diversity --period P [--dataset NAME] [--unit U]\n"
	 "                               [--format text|json|csv|html|xlsx] [-o FILE]\n"
	 "                               [--benchmark FILE] [--adjust holm|bh]\n"
	 "                               [--reference default|highest|rest|overall]\n"
	 "                               [--reference CHARACTERISTIC=GROUP|highest|rest|overall ...]\n"
	 "                               [--per 100|1000] [--min-count N] [--alpha A]\n"
	 "                               [--target PCT]\n"
	 "\n"
	 "Rates, relative rates with confidence intervals, significance adjusted\n"
	 "across the report, the four-fifths rule, flags, completeness, pay gaps,\n"
	 "representation and trends over earlier periods (docs/methods.md).\n"
	 "--reference may be repeated, one characteristic each:\n"
	 "  parity report diversity --period 2011Q3 --reference ethnicity=White --reference sex=rest\n"
	 "Example: parity report diversity --period 2011Q3 --format html -o q3.html\n"},
	{"serve", serve_cmd, "run the web application (intranet and public pages)",
	 "usage: parity serve [--bind ADDR] [--port N] [--threads N] [--secure-cookies]\n"
	 "                    [--session-idle SECONDS] [--session-max SECONDS]\n"
	 "                    [--max-upload MB] [--access-log FILE|-|off]\n"
	 "                    [--trusted-proxy ADDR[/BITS]]...\n"
	 "                    [--header-timeout SECONDS] [--body-timeout SECONDS]\n"
	 "                    [--max-connections N] [--max-anon-per-address N]\n"
	 "                    [--max-uploads N] [--max-inflight MB]\n"
	 "       parity serve --list-routes\n"
	 "\n"
	 "Serves parity to a browser from this database until Ctrl-C or SIGTERM,\n"
	 "which finish the requests in flight. Defaults: 127.0.0.1:8080, a thread per core,\n"
	 "sessions end after 30 minutes idle (1800) or 12 hours (43200), uploads\n"
	 "up to 32 MB, access log on standard error. --port 0 picks a free port.\n"
	 "Use --secure-cookies when a TLS proxy (nginx, Apache) is in front, and\n"
	 "--trusted-proxy with the proxy's address (repeatable; CIDR such as\n"
	 "10.0.0.0/8 or fd00::/8 allowed): only from those addresses is the client\n"
	 "taken from X-Forwarded-For, for sign-in throttling and the logs.\n"
	 "Limits against abuse (defaults): request line and headers within 10 s, a\n"
	 "form's body within 30 s (an upload 1 s more per 64 KB), 1000 connections of\n"
	 "which a quarter kept for signed-in users, 64 without a session from one\n"
	 "address, 4 uploads at once, 4 x --max-upload of bodies in flight.\n"
	 "On first run an 'admin' account is made and its one-time password printed.\n"
	 "--list-routes prints every page with the capability it needs, and exits.\n"
	 "Pages, capabilities and limits: docs/web.md. Examples:\n"
	 "  parity --db scheme.db serve --port 8080\n"
	 "  parity --db scheme.db serve --secure-cookies --trusted-proxy 127.0.0.1\n"},
	{"user add", user_add_cmd, "add a web account",
	 "usage: parity user add NAME --role admin|monitor|lead|viewer [--grant CAP]...\n"
	 "                       [--revoke CAP]... [--lead-initials XY] [--password-stdin]\n"
	 "                       [--as NAME]\n"
	 "\n"
	 "An account has a role, a bundle of capabilities, and may have capabilities\n"
	 "granted beyond it (--grant) or taken away from it (--revoke), each option\n"
	 "naming one. Capabilities: read-plan, update-own-actions, update-any-action,\n"
	 "import-data, handle-flags, manage-users, read-audit; casework, mailing and\n"
	 "publish are reserved for modules to come and in no role.\n"
	 "Roles: viewer = read-plan; lead = viewer + update-own-actions (the actions\n"
	 "whose Lead names their --lead-initials, letters only, required for leads);\n"
	 "monitor = lead + update-any-action, import-data, handle-flags; admin =\n"
	 "monitor + manage-users, read-audit. The password (10 to 256 characters) is\n"
	 "asked twice at the terminal, or read as one line from standard input with\n"
	 "--password-stdin. It is stored only as an argon2id hash. Examples:\n"
	 "  parity user add jsmith --role lead --lead-initials JS\n"
	 "  parity user add data --role viewer --grant import-data\n"},
	{"user list", user_list_cmd, "list web accounts and their capabilities",
	 "usage: parity user list\n"
	 "\n"
	 "One line per account: name, role, lead initials, state and the\n"
	 "capabilities it has (its role's, plus grants, minus revokes).\n"},
	{"user passwd", user_passwd_cmd, "set a web account's password",
	 "usage: parity user passwd NAME [--password-stdin] [--as NAME]\n"
	 "\n"
	 "Sets a new password (asked twice, or one line on standard input with\n"
	 "--password-stdin) and signs the user out everywhere. Example:\n"
	 "  printf '%s\\n' \"$NEWPW\" | parity user passwd admin --password-stdin\n"},
	{"user set", user_set_cmd, "change a web account's role, capabilities or lead initials",
	 "usage: parity user set NAME [--role admin|monitor|lead|viewer] [--grant CAP]...\n"
	 "                       [--revoke CAP]... [--lead-initials XY] [--as NAME]\n"
	 "\n"
	 "--grant gives the account a capability (lifting a revoke), --revoke takes\n"
	 "one away (dropping a grant); the others stay as they were. --role changes\n"
	 "the bundle and keeps the grants and revokes that still make a difference.\n"
	 "The change is audited as user.access. 'parity help user add' lists the\n"
	 "capabilities and roles. Examples:\n"
	 "  parity user set jsmith --grant handle-flags\n"
	 "  parity user set board --role viewer --revoke read-plan --grant read-audit\n"},
	{"version", NULL, "print parity's version",
	 "usage: parity version\n"},
};

static const size_t n_commands = sizeof commands / sizeof commands[0];

static const struct command *find_command(const char *name)
{
	size_t i;
	for (i = 0; i < n_commands; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void print_overview(FILE *f)
{
	size_t i;
	fprintf(f, "usage: parity [--db FILE] COMMAND [ARGS]\n\n"
		   "parity: equality monitoring for public services.\n\n"
		   "Commands:\n");
	for (i = 0; i < n_commands; i++)
		fprintf(f, "  %-16s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nThe database is --db FILE, else $PARITY_DB, else ./parity.db.\n"
		   "Run 'parity help COMMAND' for a command's options.\n");
}

/* Commands starting with `prefix ` (for "parity plan" with no subcommand). */
static int print_group(FILE *f, const char *prefix)
{
	size_t i, n = strlen(prefix), found = 0;
	for (i = 0; i < n_commands; i++) {
		if (strncmp(commands[i].name, prefix, n) == 0 &&
		    commands[i].name[n] == ' ') {
			if (!found)
				fprintf(f, "'%s' commands:\n", prefix);
			fprintf(f, "  %-16s %s\n", commands[i].name, commands[i].summary);
			found++;
		}
	}
	return (int)found;
}

static int help(const char *topic)
{
	const struct command *c;
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
	const struct command *c = NULL;
	char two[128];
	struct cli_ctx ctx;
	struct err e;
	int rc;

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
