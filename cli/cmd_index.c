/* cmd_index.c - placeholder until the command lands. */
#include "cli.h"

int cmd_index(int argc, char **argv)
{
	(void)argc;
	cli_error("'%s' is not built yet", argv[0]);
	return 1;
}
