/* cli-util.h - option helpers shared by the subcommands. */
#ifndef TC_CLI_UTIL_H
#define TC_CLI_UTIL_H

#include <string.h>

/* The index directory: --db DIR, else $TRACUU_DB, else "data/index". */
static inline const char *cli_default_db(void)
{
	const char *env = getenv("TRACUU_DB");
	return env && *env ? env : "data/index";
}

/* Match "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i. */
static inline int cli_option(int argc, char **argv, int *i, const char *name, const char **value)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return 0;
	if (argv[*i][n] == '=') {
		*value = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		*value = NULL;
		return 1;
	}
	*value = argv[++*i];
	return 1;
}

#endif
