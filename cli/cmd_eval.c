/* cmd_eval.c - `tracuu eval`: retrieval quality on judged questions.
 *
 * Builds every chosen system once over all articles of the law file (each in
 * a fresh scratch folder, removed afterwards), runs every question of every
 * question file through it, and prints one table per question file with a
 * row per system. See eval.h for the harness and the metrics. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "eval.h"

typedef int (*system_fn)(eval_system *system, const char *options);

static const struct {
	const char *name;
	system_fn create;
	const char *summary;
} known_systems[] = {
        {"tracuu", eval_system_tracuu, "tracuu's own pipeline (analyzer, indexer, query engine)"},
        {"fts5", eval_system_fts5, "SQLite FTS5, unicode61 remove_diacritics 0, bm25, OR of the words"},
        {"xapian", eval_system_xapian_stock, "stock Xapian: TermGenerator + QueryParser (OR), BM25"},
        {"syllables", eval_system_plain_syllables, "tracuu's analyzer, plain syllables only, OR, BM25"},
};
#define SYSTEM_COUNT (sizeof known_systems / sizeof known_systems[0])

static void usage(FILE *out)
{
	fputs("usage: tracuu eval --law LAW.json --questions Q.json [--questions Q2.json ...]\n"
	      "                   [--json FILE] [--unaccented] [--systems LIST] [--tracuu-options STR]\n"
	      "                   [--keep DIR]\n\n"
	      "Measure retrieval quality on judged questions (ALQAC format): build each system\n"
	      "over every article of LAW.json, run every question, and print hit@1/5/10/20,\n"
	      "recall@1/5/10/20, MRR@10 and nDCG@10 per system, one table per question file.\n\n"
	      "options:\n"
	      "  --law FILE             the articles: [{\"id\": LAW, \"articles\": [{\"id\", \"text\"}]}]\n"
	      "  --questions FILE       judged questions (repeatable): [{\"question_id\", \"text\",\n"
	      "                         \"relevant_articles\": [{\"law_id\", \"article_id\"}]}]\n"
	      "  --json FILE            also write every figure and each question's top 20 and\n"
	      "                         gold, per system, as JSON ('-': stdout)\n"
	      "  --unaccented           strip every diacritic (and đ → d) from the questions first\n"
	      "  --systems LIST         comma-separated, from:\n",
	      out);
	for (size_t i = 0; i < SYSTEM_COUNT; i++)
		fprintf(out, "                           %-10s %s\n", known_systems[i].name,
		        known_systems[i].summary);
	fputs("                         (default: all of them)\n"
	      "  --tracuu-options STR   options for the tracuu system (features to turn off, for\n"
	      "                         ablations)\n"
	      "  --keep DIR             build each system in DIR/SYSTEM and keep it there (tracuu's\n"
	      "                         index can then be searched with 'tracuu search --db')\n"
	      "  --help                 this text\n\n"
	      "Exit status: 0 when every system was measured, 1 when one failed (the others\n"
	      "are still measured and printed), 2 on a usage error.\n",
	      out);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void remove_tree(const char *path)
{
	if (tc_remove_tree(path) != 0)
		cli_error("eval: cannot remove %s: %s", path, strerror(errno));
}

/* Parse the --systems list into CHOSEN (indices into known_systems). */
static int parse_systems(const char *list, size_t *chosen, size_t *count)
{
	*count = 0;
	const char *p = list;
	while (*p) {
		size_t len = strcspn(p, ",");
		size_t k = 0;
		while (k < SYSTEM_COUNT &&
		       !(strlen(known_systems[k].name) == len && !strncmp(known_systems[k].name, p, len)))
			k++;
		if (k == SYSTEM_COUNT) {
			cli_error("eval: unknown system '%.*s' (known: tracuu, fts5, xapian, syllables)",
			          (int)len, p);
			return -1;
		}
		int repeated = 0;
		for (size_t i = 0; i < *count; i++)
			repeated |= chosen[i] == k;
		if (!repeated && *count < SYSTEM_COUNT)
			chosen[(*count)++] = k;
		p += len;
		if (*p == ',')
			p++;
	}
	if (*count == 0) {
		cli_error("eval: --systems lists no system");
		return -1;
	}
	return 0;
}

static void print_table(const eval_question_file *file, const eval_system_result *results, size_t count,
                        size_t file_index)
{
	size_t missing = 0;
	for (size_t i = 0; i < file->count; i++)
		missing += file->questions[i].missing_count;
	printf("### %s (%zu questions, %zu gold pairs, %zu not in the law file)\n\n", file->path, file->count,
	       file->gold_pairs, missing);
	printf("| system | hit@1 | hit@5 | hit@10 | hit@20 | recall@1 | recall@5 | recall@10 | recall@20 "
	       "| MRR@10 | nDCG@10 | questions |\n");
	printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
	for (size_t s = 0; s < count; s++) {
		if (!results[s].built)
			continue;
		const eval_metrics *m = &results[s].runs[file_index].metrics;
		printf("| %s", results[s].name);
		for (size_t c = 0; c < EVAL_CUTOFF_COUNT; c++)
			printf(" | %.3f", m->hit[c]);
		for (size_t c = 0; c < EVAL_CUTOFF_COUNT; c++)
			printf(" | %.3f", m->recall[c]);
		printf(" | %.3f | %.3f | %zu |\n", m->mrr10, m->ndcg10, results[s].runs[file_index].count);
	}
	for (size_t s = 0; s < count; s++) {
		if (!results[s].built)
			printf("\nnot measured: %s (%s)\n", results[s].name, results[s].error);
		else if (results[s].runs[file_index].failed)
			printf("\n%s: %zu questions failed and count as unanswered; first: %s\n",
			       results[s].name, results[s].runs[file_index].failed,
			       results[s].runs[file_index].first_error);
	}
	printf("\n");
}

/* Build SYSTEM in a fresh scratch folder and run every file through it. */
static int measure(eval_system *system, const eval_corpus *corpus, const eval_question_file *files,
                   size_t file_count, const char *keep, eval_system_result *result)
{
	const char *tmp = getenv("TMPDIR");
	char workdir[4096];
	if (keep) {
		/* KEEP/SYSTEM, made fresh and left in place for inspection */
		snprintf(workdir, sizeof workdir, "%s/%s", keep, system->name);
		remove_tree(workdir);
		if ((mkdir(keep, 0777) < 0 && errno != EEXIST) || mkdir(workdir, 0777) < 0) {
			snprintf(result->error, sizeof result->error, "cannot create %.400s: %s", workdir,
			         strerror(errno));
			cli_error("eval: %s: %s", system->name, result->error);
			return 0;
		}
	} else {
		snprintf(workdir, sizeof workdir, "%s/tracuu-eval-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp",
		         system->name);
		if (!mkdtemp(workdir)) {
			snprintf(result->error, sizeof result->error, "cannot create a scratch folder %.400s",
			         workdir);
			cli_error("eval: %s: %s", system->name, result->error);
			return 0;
		}
	}
	tc_error err = {0};
	double start = now_seconds();
	tc_status st = system->build(system->state, corpus, workdir, &err);
	result->build_seconds = now_seconds() - start;
	if (st != TC_OK) {
		snprintf(result->error, sizeof result->error, "build failed: %.480s", err.message);
		cli_error("eval: %s: %s", system->name, result->error);
		remove_tree(workdir);
		return 0;
	}
	fprintf(stderr, "tracuu: eval: %s: %zu articles indexed in %.2f s\n", system->name, corpus->count,
	        result->build_seconds);
	result->runs = tc_calloc(file_count + 1, sizeof *result->runs);
	if (!result->runs) {
		snprintf(result->error, sizeof result->error, "out of memory");
		remove_tree(workdir);
		return -1;
	}
	for (size_t f = 0; f < file_count; f++) {
		if (eval_run_file(system, &files[f], &result->runs[f], &err) != TC_OK) {
			snprintf(result->error, sizeof result->error, "%s", err.message);
			cli_error("eval: %s: %s", system->name, err.message);
			remove_tree(workdir);
			return -1;
		}
		fprintf(stderr, "tracuu: eval: %s: %s: %zu questions in %.2f s\n", system->name,
		        files[f].path, files[f].count, result->runs[f].seconds);
	}
	result->built = 1;
	if (!keep)
		remove_tree(workdir);
	return 0;
}

int cmd_eval(int argc, char **argv)
{
	static const struct option options[] = {
	        {"law", required_argument, NULL, 'l'},     {"questions", required_argument, NULL, 'q'},
	        {"json", required_argument, NULL, 'j'},    {"unaccented", no_argument, NULL, 'u'},
	        {"systems", required_argument, NULL, 's'}, {"tracuu-options", required_argument, NULL, 't'},
	        {"keep", required_argument, NULL, 'k'},    {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	const char *law_path = NULL, *json_path = NULL, *systems_list = "tracuu,fts5,xapian,syllables";
	const char *tracuu_options = NULL, *keep = NULL;
	int unaccented = 0, c;
	const char **question_paths = tc_calloc((size_t)argc + 1, sizeof *question_paths);
	size_t question_count = 0;
	if (!question_paths) {
		cli_error("eval: out of memory");
		return 1;
	}
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'l': law_path = optarg; break;
		case 'q': question_paths[question_count++] = optarg; break;
		case 'j': json_path = optarg; break;
		case 'u': unaccented = 1; break;
		case 's': systems_list = optarg; break;
		case 't': tracuu_options = optarg; break;
		case 'k': keep = optarg; break;
		case 'h':
			usage(stdout);
			tc_free(question_paths);
			return 0;
		default:
			cli_error("eval: unknown or incomplete option '%s' (try 'tracuu eval --help')",
			          argv[optind - 1]);
			tc_free(question_paths);
			return 2;
		}
	}
	size_t chosen[SYSTEM_COUNT], chosen_count = 0;
	if (optind < argc || !law_path || !question_count) {
		if (optind < argc)
			cli_error("eval: unexpected argument '%s'", argv[optind]);
		else
			cli_error("eval: --law and at least one --questions are required (try 'tracuu eval "
			          "--help')");
		tc_free(question_paths);
		return 2;
	}
	if (parse_systems(systems_list, chosen, &chosen_count) < 0) {
		tc_free(question_paths);
		return 2;
	}

	int status = 0;
	tc_error err = {0};
	eval_corpus corpus = {0};
	eval_question_file *files = tc_calloc(question_count + 1, sizeof *files);
	eval_system_result results[SYSTEM_COUNT];
	memset(results, 0, sizeof results);
	size_t loaded = 0;
	if (!files) {
		cli_error("eval: out of memory");
		status = 1;
		goto done;
	}
	if (eval_corpus_load(law_path, &corpus, &err) != TC_OK) {
		cli_error("eval: %s", err.message);
		status = 1;
		goto done;
	}
	for (; loaded < question_count; loaded++) {
		if (eval_questions_load(question_paths[loaded], &corpus, &files[loaded], &err) != TC_OK) {
			cli_error("eval: %s", err.message);
			status = 1;
			goto done;
		}
		if (unaccented && eval_questions_strip_diacritics(&files[loaded]) < 0) {
			loaded++;
			cli_error("eval: out of memory");
			status = 1;
			goto done;
		}
	}
	fprintf(stderr, "tracuu: eval: %zu articles from %s\n", corpus.count, law_path);

	for (size_t s = 0; s < chosen_count; s++) {
		eval_system system = {0};
		results[s].name = known_systems[chosen[s]].name;
		if (known_systems[chosen[s]].create(
		            &system, !strcmp(results[s].name, "tracuu") ? tracuu_options : NULL) < 0) {
			cli_error("eval: out of memory");
			status = 1;
			goto done;
		}
		int rc = measure(&system, &corpus, files, question_count, keep, &results[s]);
		system.free(system.state);
		if (rc < 0) {
			status = 1;
			goto done;
		}
		if (!results[s].built)
			status = 1;
	}

	for (size_t f = 0; f < question_count; f++)
		print_table(&files[f], results, chosen_count, f);
	fflush(stdout);
	if (json_path) {
		eval_report report = {
		        .law_path = law_path,
		        .unaccented = unaccented,
		        .tracuu_options = tracuu_options,
		        .corpus = &corpus,
		        .files = files,
		        .file_count = question_count,
		        .results = results,
		        .result_count = chosen_count,
		};
		if (eval_write_json(json_path, &report, &err) != TC_OK) {
			cli_error("eval: %s", err.message);
			status = 1;
		}
	}

done:
	for (size_t s = 0; s < chosen_count; s++) {
		for (size_t f = 0; results[s].runs && f < question_count; f++)
			eval_run_free(&results[s].runs[f]);
		tc_free(results[s].runs);
	}
	for (size_t f = 0; f < loaded; f++)
		eval_questions_free(&files[f]);
	tc_free(files);
	eval_corpus_free(&corpus);
	tc_free(question_paths);
	return status;
}
