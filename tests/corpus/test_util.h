/* test_util.h - helpers shared by the corpus tests (not test_congbao). */
#ifndef TC_TEST_CORPUS_UTIL_H
#define TC_TEST_CORPUS_UTIL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "corpus.h"

/* Problems met during a load. */
typedef struct problem_log {
	int count;
	int kinds[TC_PROBLEM_KIND_COUNT];
	char text[64][512]; /* the first 64, as "PATH:LINE:OFFSET: kind: message [record]" */
} problem_log;

static void log_problem(void *ctx, const tc_problem *p)
{
	problem_log *log = ctx;
	if (log->count < 64)
		snprintf(log->text[log->count], sizeof log->text[0], "%s:%ld:%lld: %s: %s [%s]",
		         p->path ? p->path : "?", p->line, p->offset, tc_problem_kind_name(p->kind),
		         p->message, p->record ? p->record : "");
	log->count++;
	log->kinds[p->kind]++;
}

/* Load PATH with every problem logged into LOG (the pháp điển's source
 * documents too when SOURCE_DOCS); SUM and ERR as tc_corpus_load fills
 * them. */
static inline tc_status load_logged(const char *path, int source_docs, tc_record_fn fn, void *ctx,
                                    problem_log *log, tc_load_summary *sum, tc_error *err)
{
	tc_load_options opt = {0};
	opt.problem_fn = log_problem;
	opt.problem_ctx = log;
	opt.emit_source_docs = source_docs;
	return tc_corpus_load(path, &opt, fn, ctx, sum, err);
}

/* The first logged problem of KIND whose text holds NEEDLE, or NULL. */
static inline const char *find_problem(const problem_log *log, tc_problem_kind kind, const char *needle)
{
	for (int i = 0; i < log->count && i < 64; i++)
		if (strstr(log->text[i], tc_problem_kind_name(kind)) &&
		    (!needle || strstr(log->text[i], needle)))
			return log->text[i];
	return NULL;
}

static inline const char *sample_dir(void)
{
	const char *dir = getenv("TRACUU_SAMPLE_CORPUS");
	if (!dir) {
		fprintf(stderr, "TRACUU_SAMPLE_CORPUS is not set (run through meson test)\n");
		exit(1);
	}
	return dir;
}

/* A fresh temporary folder (mkdtemp). */
static inline void make_temp_dir(char *out, size_t cap)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(out, cap, "%s/tracuu-test-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	if (!mkdtemp(out)) {
		perror("mkdtemp");
		exit(1);
	}
}

static inline void write_bytes(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static inline void remove_tree(const char *dir)
{
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

/* A node's subtree as text (kind, number, heading, text, path), for
 * comparing trees. */
static inline void dump_tree(const tc_node *n, tc_buf *out, int depth)
{
	for (; n; n = n->next) {
		tc_buf_printf(out, "%d|%s|%s|%s|%s|%s\n", depth, tc_node_kind_name(n->kind),
		              n->number ? n->number : "-", n->heading ? n->heading : "-",
		              n->text ? n->text : "(null)", n->path ? n->path : "-");
		dump_tree(n->first_child, out, depth + 1);
	}
}

#endif
