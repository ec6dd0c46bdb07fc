/* cmd_compact.c - tracuu compact [--db DIR]. */
#include <stdio.h>
#include <stdlib.h>

#include "cli-util.h"
#include "cli.h"
#include "indexer.h"

int cmd_compact(int argc, char **argv)
{
	const char *db = cli_default_db();
	for (int i = 1; i < argc; i++) {
		const char *value = NULL;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			puts("usage: tracuu compact [--db DIR]\n\nCompact each database of the index (default "
			     "$TRACUU_DB or data/index).");
			return 0;
		} else if (cli_option(argc, argv, &i, "--db", &value) && value) {
			db = value;
		} else {
			cli_error("unknown argument '%s' (see 'tracuu compact --help')", argv[i]);
			return 2;
		}
	}
	tc_error err = {0};
	if (tc_index_compact(db, &err) != TC_OK) {
		cli_error("%s", err.message);
		return 1;
	}
	printf("compacted %s\n", db);
	return 0;
}
