/* cmd_verify.c - tracuu verify [--db DIR]: is the index sound? */
#include <stdio.h>
#include <stdlib.h>

#include "cli-util.h"
#include "cli.h"
#include "query.h"

static void print_problem(void *ctx, tc_db_kind db, const char *id, const char *what)
{
	(void)ctx;
	if (id)
		cli_printf("%s %s: %s\n", tc_db_kind_name(db), id, what);
	else
		cli_printf("%s: %s\n", tc_db_kind_name(db), what);
}

int cmd_verify(int argc, char **argv)
{
	const char *db = cli_default_db();
	for (int i = 1; i < argc; i++) {
		const char *value = NULL;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			puts("usage: tracuu verify [--db DIR]\n\n"
			     "Check the index DIR (default $TRACUU_DB or data/index) as a reader sees it: "
			     "its\n"
			     "manifest, and every entry of every database: its stored record decodes with "
			     "the\n"
			     "database's dictionary into the record of its id, and each clause or point "
			     "entry's\n"
			     "article is there. Prints each problem as 'DATABASE ID: what' and exits 1 when\n"
			     "there is any (after a killed 'tracuu index', its next run completes the "
			     "index).");
			return 0;
		} else if (cli_option(argc, argv, &i, "--db", &value) && value) {
			db = value;
		} else {
			cli_error("unknown argument '%s' (see 'tracuu verify --help')", argv[i]);
			return 2;
		}
	}
	tc_error err = {0};
	tc_searcher *searcher = NULL;
	if (tc_searcher_open(db, &searcher, &err) != TC_OK) {
		cli_error("%s", err.message);
		return 1;
	}
	tc_verify_summary summary;
	tc_status st = tc_searcher_verify(searcher, print_problem, NULL, &summary, &err);
	tc_searcher_free(searcher);
	if (st != TC_OK) {
		cli_error("%s", err.message);
		return 1;
	}
	long long entries = 0, parts = 0;
	for (int k = 0; k < TC_DB_COUNT; k++) {
		entries += summary.entries[k];
		parts += summary.parts[k];
	}
	cli_printf("verified %s: %lld entries (", db, entries);
	for (int k = 0; k < TC_DB_COUNT; k++)
		cli_printf("%s%lld %s", k ? ", " : "", summary.entries[k], tc_db_kind_name((tc_db_kind)k));
	cli_printf("; %lld of them clauses and points): ", parts);
	if (summary.problems)
		cli_printf("%lld problem%s\n", summary.problems, summary.problems == 1 ? "" : "s");
	else
		cli_printf("no problem\n");
	return summary.problems ? 1 : 0;
}
