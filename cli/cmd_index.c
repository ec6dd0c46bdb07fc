/* cmd_index.c - tracuu index SOURCE... --db DIR: load sources into the index. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cli-util.h"
#include "cli.h"
#include "corpus.h"
#include "indexer.h"
#include "query.h"

static volatile int stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

typedef struct index_run {
	tc_index *index;
	tc_error err;
	tc_status status;
	long long skipped; /* records the index refused (an id too long, say) */
} index_run;

static int on_record(void *ctx, const tc_record *record)
{
	index_run *run = ctx;
	tc_status st = tc_index_add(run->index, record, &run->err);
	if (st == TC_ERR_INPUT) {
		/* this record's own fault: reported, the run goes on */
		cli_error("%s: %s (record skipped)", record->source_path ? record->source_path : "?", run->err.message);
		run->skipped++;
	} else if (st != TC_OK) {
		run->status = st;
		return 1;
	}
	return stop_requested;
}

static void usage(FILE *out)
{
	fputs("usage: tracuu index SOURCE... [--db DIR] [--prune] [--batch-mb N] [--threads N]\n"
	      "       [--features SPEC] [--no-dict] [--no-compact]\n\n"
	      "Index sources (a pháp điển folder, a Công báo folder, a document .txt or .pdf, a JSONL\n"
	      "file, an ALQAC law.json) into the index directory DIR (default $TRACUU_DB or data/index).\n"
	      "Re-running replaces what changed and keeps what did not; --prune also removes the\n"
	      "records of the same sources that are gone. Ctrl-C stops after the current record and\n"
	      "commits; a killed run leaves the last commit searchable, and the next run completes it.\n\n"
	      "  --db DIR        the index directory\n"
	      "  --prune         remove records of these sources that were not seen\n"
	      "  --batch-mb N    commit after about N MB of text (default 32)\n"
	      "  --threads N     1, or 2: articles' clauses and points written beside the rest\n"
	      "                  (default: 2 on a machine with two processors or more)\n"
	      "  --features SPEC turn index features off, e.g. no-bigrams,no-folded (for evaluation)\n"
	      "  --no-dict       do not train a zstd dictionary for the stored records\n"
	      "  --no-compact    leave a new index as written (a run that creates the index compacts it)\n",
	      out);
}

int cmd_index(int argc, char **argv)
{
	const char *db = cli_default_db();
	tc_index_options options;
	tc_index_options_default(&options);
	const char **sources = calloc((size_t)argc, sizeof *sources);
	int nsources = 0, no_compact = 0;
	tc_error err = {0};
	for (int i = 1; i < argc; i++) {
		const char *value = NULL;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			free(sources);
			return 0;
		} else if (cli_option(argc, argv, &i, "--db", &value)) {
			db = value;
		} else if (!strcmp(argv[i], "--prune")) {
			options.prune = 1;
		} else if (!strcmp(argv[i], "--no-dict")) {
			options.no_dictionary = 1;
		} else if (!strcmp(argv[i], "--no-compact")) {
			no_compact = 1;
		} else if (cli_option(argc, argv, &i, "--batch-mb", &value)) {
			uint64_t mb = 0;
			if (value && tc_param_uint("--batch-mb", value, 1, 65536, &mb, &err) != TC_OK) {
				cli_error("%s", err.message);
				free(sources);
				return 2;
			}
			options.batch_bytes = (size_t)mb << 20;
		} else if (cli_option(argc, argv, &i, "--threads", &value)) {
			uint64_t n = 0;
			if (value && tc_param_uint("--threads", value, 1, 2, &n, &err) != TC_OK) {
				cli_error("%s", err.message);
				free(sources);
				return 2;
			}
			options.threads = (int)n;
		} else if (cli_option(argc, argv, &i, "--features", &value)) {
			if (!value || tc_features_parse(&options.features, value, &err) < 0) {
				cli_error("%s", value ? err.message : "--features needs a value");
				free(sources);
				return 2;
			}
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("unknown option '%s' (see 'tracuu index --help')", argv[i]);
			free(sources);
			return 2;
		} else {
			sources[nsources++] = argv[i];
		}
		if (!value && (!strcmp(argv[i], "--db") || !strcmp(argv[i], "--batch-mb") || !strcmp(argv[i], "--threads"))) {
			cli_error("%s needs a value", argv[i]);
			free(sources);
			return 2;
		}
	}
	if (!db || !nsources) {
		usage(stderr);
		free(sources);
		return 2;
	}
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	options.stop = &stop_requested;
	options.progress = isatty(2);

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	index_run run = {.status = TC_OK};
	tc_status st = tc_index_open(db, &options, &run.index, &err);
	if (st != TC_OK) {
		cli_error("%s", err.message);
		free(sources);
		return 1;
	}
	tc_load_options load = {.progress = options.progress, .emit_source_docs = 1};
	tc_load_summary summary = {0};
	int failed = 0, bad_source = 0; /* the index failed; a source could not be read */
	for (int i = 0; i < nsources && !stop_requested && run.status == TC_OK; i++) {
		st = tc_corpus_load(sources[i], &load, on_record, &run, &summary, &err);
		if (run.status != TC_OK) {
			cli_error("indexing stopped: %s", run.err.message);
			failed = 1;
		} else if (st != TC_OK && st != TC_ERR_ABORTED) {
			cli_error("%s: %s", sources[i], err.message);
			bad_source = 1;
		}
	}
	tc_index_counts counts = {0};
	if (run.status == TC_OK) {
		st = tc_index_finish(run.index, &counts, &err);
		if (st != TC_OK) {
			cli_error("%s", err.message);
			failed = 1;
		}
	} else {
		tc_index_get_counts(run.index, &counts);
	}
	/* After a failure what is pending is dropped: the index keeps its last
	 * commit, which the next run completes. */
	int created = tc_index_created(run.index);
	st = tc_index_close(run.index, failed || run.status != TC_OK, &err);
	if (st != TC_OK) {
		cli_error("%s", err.message);
		failed = 1;
	}
	/* A first build's databases are written in many flushes, their blocks
	 * part full and out of order: compacted, the index is a third smaller
	 * and its short queries 10-15 % faster (benchmarks/latency). */
	long long written = 0, compacted = 0;
	double compact_seconds = 0;
	if (!failed && created && !no_compact && !stop_requested) {
		struct timespec c0, c1;
		clock_gettime(CLOCK_MONOTONIC, &c0);
		written = tc_tree_bytes(db);
		st = tc_index_compact(db, &err);
		if (st != TC_OK) {
			/* the index stays as it was written: whole and searchable */
			cli_error("%s (the index is whole, not compacted: 'tracuu compact' retries)", err.message);
		}
		compacted = st == TC_OK ? tc_tree_bytes(db) : 0;
		clock_gettime(CLOCK_MONOTONIC, &c1);
		compact_seconds = (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) / 1e9;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (failed) {
		printf("failed after %lld records into %s in %.1f s: %lld of them committed; the index holds its last "
		       "commit (remove the cause and run the same command again to complete it)\n",
		       counts.records, db, seconds, counts.records_committed);
		free(sources);
		return 1;
	}

	long long problems = 0;
	for (int k = 0; k < TC_PROBLEM_KIND_COUNT; k++)
		problems += summary.problems[k];
	printf("%s %lld records into %s in %.1f s: %lld added, %lld changed, %lld unchanged, %lld removed\n",
	       stop_requested ? "interrupted after" : "indexed", counts.records, db, seconds, counts.added,
	       counts.changed, counts.unchanged, counts.removed);
	printf("entries: %lld docs, %lld provisions (and %lld of their clauses and points), %lld codified (and %lld); "
	       "%lld files, %.1f MB read\n",
	       counts.entries[TC_DB_DOCS], counts.entries[TC_DB_PROVISIONS], counts.entries[TC_DB_PROVISION_PARTS],
	       counts.entries[TC_DB_CODIFIED], counts.entries[TC_DB_CODIFIED_PARTS], summary.files,
	       (double)summary.bytes / 1e6);
	if (problems || summary.skipped) {
		printf("skipped %lld records; problems:", summary.skipped);
		for (int k = 0; k < TC_PROBLEM_KIND_COUNT; k++)
			if (summary.problems[k])
				printf(" %s %lld", tc_problem_kind_name((tc_problem_kind)k), summary.problems[k]);
		printf("\n");
	}
	if (counts.text_bytes)
		printf("stored records: %.1f MB → %.1f MB compressed (%.2fx)", (double)counts.text_bytes / 1e6,
		       (double)counts.stored_bytes / 1e6, (double)counts.text_bytes / (double)counts.stored_bytes);
	if (counts.sampled_bytes)
		printf("; the dictionary saves %.0f%% on sampled records",
		       100.0 * (1.0 - (double)counts.sampled_bytes / (double)counts.stored_bytes_nodict));
	if (counts.text_bytes)
		printf("\n");
	if (counts.skipped_terms)
		printf("%lld terms longer than Xapian allows were left out\n", counts.skipped_terms);
	if (compacted)
		printf("compacted: %.1f MB → %.1f MB in %.1f s (of the %.1f s)\n", (double)written / 1e6,
		       (double)compacted / 1e6, compact_seconds, seconds);
	if (counts.refused_parts)
		printf("%lld clause or point entries were left out (first: %s)\n",
		       counts.refused_parts, counts.first_refused);
	if (counts.duplicate_ids)
		printf("%lld entries were given an id already used in this run (the later kept)\n", counts.duplicate_ids);
	if (run.skipped)
		printf("%lld records refused by the index (reported above)\n", run.skipped);
	free(sources);
	if (stop_requested)
		return 130;
	return bad_source ? 1 : 0;
}
