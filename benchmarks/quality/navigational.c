/* navigational.c - the navigational benchmark's runner: queries that name a
 * document, an article of a named law, a document number in a loose
 * spelling or a đề mục, each with the ids that may come first.
 *
 *   navigational --db INDEX [--json OUT] [--limit N] [--misses N] QUERIES.jsonl
 *
 * QUERIES.jsonl (written by navigational.py from the data, fixed seed) holds
 * one object per line: {"shape": "name", "query": "Luật Thanh niên",
 * "expect": ["src/57/2020/qh14", ...], ...}; any other key is copied to the
 * report. Each query runs through tc_search in this process (target all,
 * default ranking, the top 10), exactly as `tracuu search` runs it. Prints,
 * per shape, hit@1 (an expected id first), hit@10 and MRR@10 (1/rank of the
 * first expected id, 0 beyond 10), as a table on stdout; --json writes the
 * same figures and each query's rank and top 3 to OUT. Not a test. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "query.h"

#define MAX_SHAPES 64
#define TOP 10

typedef struct shape_stats {
	char name[64];
	long queries, hit1, hit10;
	double rr;
} shape_stats;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static shape_stats *shape_of(shape_stats *shapes, size_t *count, const char *name)
{
	for (size_t i = 0; i < *count; i++)
		if (!strcmp(shapes[i].name, name))
			return &shapes[i];
	if (*count == MAX_SHAPES)
		return NULL;
	shape_stats *s = &shapes[(*count)++];
	memset(s, 0, sizeof *s);
	snprintf(s->name, sizeof s->name, "%s", name);
	return s;
}

static int expected(json_t *expect, const char *id)
{
	size_t i;
	json_t *v;
	json_array_foreach(expect, i, v)
	{
		const char *e = json_string_value(v);
		if (e && !strcmp(e, id))
			return 1;
	}
	return 0;
}

static json_t *shape_json(const shape_stats *s)
{
	double n = s->queries ? (double)s->queries : 1;
	return json_pack("{s:s, s:I, s:f, s:f, s:f}", "shape", s->name, "queries", (json_int_t)s->queries, "hit1",
	                 s->hit1 / n, "hit10", s->hit10 / n, "mrr10", s->rr / n);
}

static void usage(FILE *out)
{
	fputs("usage: navigational --db INDEX [--json OUT] [--misses N] QUERIES.jsonl\n"
	      "Runs each query of QUERIES.jsonl (navigational.py writes it) and prints hit@1,\n"
	      "hit@10 and MRR@10 per shape. --misses N prints up to N queries per shape whose\n"
	      "first hit is wrong.\n",
	      out);
}

int main(int argc, char **argv)
{
	const char *db = NULL, *json_out = NULL, *queries_path = NULL;
	long misses = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			db = argv[++i];
		else if (!strcmp(argv[i], "--json") && i + 1 < argc)
			json_out = argv[++i];
		else if (!strcmp(argv[i], "--misses") && i + 1 < argc)
			misses = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else if (argv[i][0] != '-' && !queries_path)
			queries_path = argv[i];
		else {
			usage(stderr);
			return 2;
		}
	}
	if (!db || !queries_path) {
		usage(stderr);
		return 2;
	}
	FILE *in = fopen(queries_path, "r");
	if (!in) {
		perror(queries_path);
		return 1;
	}
	tc_error err = {0};
	tc_searcher *searcher;
	if (tc_searcher_open(db, &searcher, &err) != TC_OK) {
		fprintf(stderr, "navigational: %s\n", err.message);
		fclose(in);
		return 1;
	}
	tc_search_options options;
	tc_search_options_default(&options);
	options.limit = TOP;
	options.snippets = 0;

	shape_stats shapes[MAX_SHAPES];
	long shown[MAX_SHAPES] = {0};
	size_t shape_count = 0;
	json_t *report = json_array();
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0, failed = 0;
	double started = now();
	while (getline(&line, &cap, in) > 0) {
		lineno++;
		json_error_t jerr;
		json_t *q = json_loads(line, 0, &jerr);
		const char *shape = q ? json_string_value(json_object_get(q, "shape")) : NULL;
		const char *text = q ? json_string_value(json_object_get(q, "query")) : NULL;
		json_t *expect = q ? json_object_get(q, "expect") : NULL;
		if (!shape || !text || !json_is_array(expect)) {
			fprintf(stderr, "%s:%ld: not a query line (shape, query, expect)\n", queries_path, lineno);
			json_decref(q);
			failed++;
			continue;
		}
		shape_stats *s = shape_of(shapes, &shape_count, shape);
		if (!s) {
			fprintf(stderr, "%s:%ld: more than %d shapes\n", queries_path, lineno, MAX_SHAPES);
			json_decref(q);
			failed++;
			continue;
		}
		char *ids[TOP];
		size_t n = 0;
		int rank = 0;
		if (tc_search_ids(searcher, text, &options, ids, TOP, &n, &err) != TC_OK) {
			fprintf(stderr, "%s:%ld: %s: %s\n", queries_path, lineno, text, err.message);
			json_object_set_new(q, "error", json_string(err.message));
			tc_error_clear(&err);
			n = 0;
		}
		json_t *top = json_array();
		for (size_t i = 0; i < n; i++) {
			if (!rank && expected(expect, ids[i]))
				rank = (int)i + 1;
			if (i < 3)
				json_array_append_new(top, json_string(ids[i]));
		}
		for (size_t i = 0; i < n; i++)
			tc_free(ids[i]);
		s->queries++;
		s->hit1 += rank == 1;
		s->hit10 += rank >= 1;
		s->rr += rank ? 1.0 / rank : 0;
		size_t si = (size_t)(s - shapes);
		if (rank != 1 && shown[si] < misses) {
			shown[si]++;
			fprintf(stderr, "miss [%s] %s → rank %d, first %s\n", shape, text, rank,
			        json_string_value(json_array_get(top, 0)) ? json_string_value(json_array_get(top, 0))
			                                                  : "(none)");
		}
		json_object_set_new(q, "rank", json_integer(rank));
		json_object_set_new(q, "top", top);
		json_array_append_new(report, q);
	}
	double elapsed = now() - started;
	free(line);
	fclose(in);
	tc_searcher_free(searcher);

	long total = 0;
	shape_stats all = {.name = "all"};
	printf("| shape | queries | hit@1 | hit@10 | MRR@10 |\n|---|---|---|---|---|\n");
	json_t *by_shape = json_array();
	for (size_t i = 0; i <= shape_count; i++) {
		shape_stats *s = i < shape_count ? &shapes[i] : &all;
		if (i < shape_count) {
			all.queries += s->queries;
			all.hit1 += s->hit1;
			all.hit10 += s->hit10;
			all.rr += s->rr;
			total += s->queries;
		}
		double n = s->queries ? (double)s->queries : 1;
		printf("| %s | %ld | %.3f | %.3f | %.3f |\n", s->name, s->queries, s->hit1 / n, s->hit10 / n,
		       s->rr / n);
		json_array_append_new(by_shape, shape_json(s));
	}
	fprintf(stderr, "navigational: %ld queries in %.1f s (%.1f ms each)%s\n", total, elapsed,
	        total ? elapsed * 1000 / (double)total : 0.0, failed ? ", some lines not read" : "");
	json_t *out = json_pack("{s:s, s:s, s:o, s:o}", "index", db, "queries_file", queries_path, "shapes", by_shape,
	                        "queries", report);
	int rc = failed ? 1 : 0;
	if (json_out && json_dump_file(out, json_out, JSON_INDENT(1)) != 0) {
		fprintf(stderr, "navigational: cannot write %s\n", json_out);
		rc = 1;
	}
	json_decref(out);
	return rc;
}
