/* cmd_corpus.c - `tracuu corpus stats|export`: load sources and print their
 * figures, or write them as JSONL (corpus/README.md). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "corpus.h"

static void usage(FILE *out)
{
	fputs("usage: tracuu corpus stats PATH... [--json] [-v]\n"
	      "       tracuu corpus export PATH... [-o FILE] [--no-source-docs] [-v]\n"
	      "\n"
	      "Load legal sources into tracuu's document model.\n"
	      "\n"
	      "PATH is a pháp điển folder (chude.tsv, demuc.tsv, demuc/), a Công báo folder\n"
	      "(docs/<source>/) or one source folder, a .txt or .pdf document, a JSONL file\n"
	      "(.jsonl or .jsonl.zst) or an ALQAC law.json. Plain and .zst files read alike.\n"
	      "\n"
	      "  stats    per source: records, provisions, problems by kind, skipped records,\n"
	      "           the share of records with each metadata field; for the pháp điển\n"
	      "           also chủ đề/đề mục, source notes parsed, distinct source documents\n"
	      "  export   write every record as one JSON line (to stdout, or FILE with -o);\n"
	      "           the pháp điển's source documents follow its articles unless\n"
	      "           --no-source-docs\n"
	      "\n"
	      "  --json   stats as JSON (an array, one object per PATH)\n"
	      "  -v       print each problem (file:line: reason: message) on stderr; without\n"
	      "           it only their counts are shown\n",
	      out);
}

static void quiet_problem(void *ctx, const tc_problem *problem)
{
	(void)ctx;
	(void)problem;
}

typedef struct export_ctx {
	FILE *out;
	tc_error err;
	int failed;
} export_ctx;

static int export_record(void *ctx, const tc_record *record)
{
	export_ctx *e = ctx;
	if (tc_record_write_jsonl(record, e->out, &e->err) != TC_OK) {
		e->failed = 1;
		return 1;
	}
	return 0;
}

int cmd_corpus(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *sub = argv[1];
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h") || !strcmp(sub, "help")) {
		usage(stdout);
		return 0;
	}
	int is_stats = !strcmp(sub, "stats"), is_export = !strcmp(sub, "export");
	if (!is_stats && !is_export) {
		cli_error("corpus: unknown subcommand '%s' (try 'tracuu corpus --help')", sub);
		return 2;
	}
	int json = 0, verbose = 0, source_docs = 1;
	const char *output = NULL;
	const char *paths[256];
	int npaths = 0;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--json") && is_stats)
			json = 1;
		else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose"))
			verbose = 1;
		else if (!strcmp(argv[i], "--no-source-docs") && is_export)
			source_docs = 0;
		else if (!strcmp(argv[i], "-o") && is_export && i + 1 < argc)
			output = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("corpus %s: unknown option '%s'", sub, argv[i]);
			return 2;
		} else if (npaths < 256)
			paths[npaths++] = argv[i];
	}
	if (npaths == 0) {
		cli_error("corpus %s: give at least one PATH", sub);
		return 2;
	}
	tc_load_options options = {0};
	options.problem_fn = verbose ? NULL : quiet_problem;
	options.progress = 1;
	options.emit_source_docs = source_docs;
	int status = 0;

	if (is_stats) {
		if (json)
			fputs("[\n", stdout);
		for (int i = 0; i < npaths; i++) {
			tc_corpus_stats stats = {0};
			tc_error err = {0};
			tc_status st = tc_corpus_stats_compute(paths[i], &options, &stats, &err);
			if (st != TC_OK) {
				cli_error("%s", err.message);
				status = 1;
			} else {
				if (json && i > 0)
					fputs(",\n", stdout);
				tc_corpus_stats_print(paths[i], &stats, json, stdout);
			}
			tc_corpus_stats_free(&stats);
		}
		if (json)
			fputs("]\n", stdout);
		return status;
	}

	export_ctx e = {stdout, {0}, 0};
	if (output && !(e.out = fopen(output, "w"))) {
		cli_error("corpus export: cannot write %s", output);
		return 1;
	}
	for (int i = 0; i < npaths && !e.failed; i++) {
		tc_load_summary summary = {0};
		tc_error err = {0};
		tc_status st = tc_corpus_load(paths[i], &options, export_record, &e, &summary, &err);
		if (e.failed) {
			cli_error("corpus export: %s", e.err.message);
			status = 1;
		} else if (st != TC_OK) {
			cli_error("%s", err.message);
			status = 1;
		}
		long long problems = 0;
		for (int k = 0; k < TC_PROBLEM_KIND_COUNT; k++)
			problems += summary.problems[k];
		fprintf(stderr, "%s: %lld records written, %lld skipped, %lld problems\n", paths[i],
		        summary.loaded, summary.skipped, problems);
	}
	if (output && fclose(e.out) != 0) {
		cli_error("corpus export: error writing %s", output);
		status = 1;
	}
	return status;
}
