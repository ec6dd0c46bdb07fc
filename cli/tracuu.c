/* tracuu.c - the tracuu program: one binary, subcommands. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} subcommand;

static const subcommand subcommands[] = {
	{"analyze", cmd_analyze, "print the tokens of a text (stdin or a file)"},
	{"corpus", cmd_corpus, "load sources and print statistics, or export them as JSONL"},
	{"index", cmd_index, "index sources into a database directory"},
	{"compact", cmd_compact, "compact an index"},
	{"search", cmd_search, "search an index"},
	{"get", cmd_get, "print a document, provision or codified article by id"},
	{"ids", cmd_ids, "list every id in an index"},
	{"serve", cmd_serve, "serve an index as a JSON API over HTTP"},
	{"eval", cmd_eval, "measure retrieval quality on judged questions (ALQAC format)"},
};

/* Write TEXT to OUT with C0 controls (but newlines), DEL and C1 controls
 * (U+0080-U+009F) as U+FFFD. */
static void write_safe(FILE *out, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			fputs("\xEF\xBF\xBD", out);
		else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			fputs("\xEF\xBF\xBD", out), p++;
		else
			fputc(*p, out);
	}
}

static void vprint_safe(FILE *out, const char *fmt, va_list ap)
{
	char *text = NULL;
	if (vasprintf(&text, fmt, ap) < 0)
		return;
	write_safe(out, text);
	free(text);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("tracuu: ", stderr);
	va_start(ap, fmt);
	vprint_safe(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprint_safe(stdout, fmt, ap);
	va_end(ap);
}

static void usage(FILE *out)
{
	fputs("usage: tracuu COMMAND [OPTIONS] [ARGS]\n\n"
	      "Full-text search for Vietnamese law.\n\ncommands:\n",
	      out);
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		fprintf(out, "  %-9s %s\n", subcommands[i].name, subcommands[i].summary);
	fputs("\n'tracuu COMMAND --help' describes a command.\n", out);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		puts("tracuu 0.1.0");
		return 0;
	}
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].run(argc - 1, argv + 1);
	cli_error("unknown command '%s' (try 'tracuu --help')", argv[1]);
	return 2;
}
