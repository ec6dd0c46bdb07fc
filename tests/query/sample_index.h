/* sample_index.h - the tests of the query module build their index from
 * the bundled sample's Thanh niên đề mục (real codified articles, their
 * clauses and points, and their source documents): build_index(SAMPLE,
 * DIR, DB, CAP) indexes it into DIR/index and names that in DB. Include
 * after check.h. */
#ifndef TC_TEST_SAMPLE_INDEX_H
#define TC_TEST_SAMPLE_INDEX_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "indexer.h"

static const char *const demuc_id = "012d9b93-c11d-48b6-b08e-14d77515ca1e";

static int on_record(void *ctx, const tc_record *record)
{
	tc_error err;
	CHECK(tc_index_add(ctx, record, &err) == TC_OK, "index %s: %s", record->id, err.message);
	return 0;
}

static void quiet(void *ctx, const tc_problem *problem)
{
	(void)ctx;
	(void)problem;
}

static void copy_file(const char *from, const char *to)
{
	char cmd[9000];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", from, to);
	CHECK(system(cmd) == 0, "%s", cmd);
}

/* The sample's Thanh niên đề mục alone, indexed into DIR/index. */
static void build_index(const char *sample, const char *dir, char *db, size_t cap)
{
	char path[4300], from[4300];
	snprintf(path, sizeof path, "%s/phapdien", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/phapdien/demuc", dir);
	mkdir(path, 0755);
	snprintf(from, sizeof from, "%s/phapdien/demuc/%s.html.zst", sample, demuc_id);
	snprintf(path, sizeof path, "%s/phapdien/demuc/%s.html.zst", dir, demuc_id);
	copy_file(from, path);
	snprintf(path, sizeof path, "%s/phapdien/demuc.tsv", dir);
	FILE *f = fopen(path, "w");
	fprintf(f, "demuc_number\tdemuc_id\tdemuc_name\tchude_id\n36.3\t%s\tThanh niên\tx\n", demuc_id);
	fclose(f);
	snprintf(db, cap, "%s/index", dir);
	tc_index *index = NULL;
	tc_error err = {0};
	CHECK(tc_index_open(db, NULL, &index, &err) == TC_OK, "open %s: %s", db, err.message);
	if (!index)
		return;
	tc_load_options load = {.problem_fn = quiet, .emit_source_docs = 1};
	snprintf(path, sizeof path, "%s/phapdien", dir);
	CHECK(tc_corpus_load(path, &load, on_record, index, NULL, &err) == TC_OK, "load: %s", err.message);
	CHECK(tc_index_finish(index, NULL, &err) == TC_OK, "finish: %s", err.message);
	CHECK(tc_index_close(index, 0, &err) == TC_OK, "close: %s", err.message);
}

/* The sample's folder (the test is skipped without it); its đề mục
 * indexed into DIR, a "/tmp/tracuu-test-XXXXXX" made anew, and the index
 * named in DB. */
static const char *sample_index(char *dir, char *db, size_t cap)
{
	const char *sample = getenv("TRACUU_SAMPLE_CORPUS");
	if (!sample)
		check_skip("TRACUU_SAMPLE_CORPUS is not set");
	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	build_index(sample, dir, db, cap);
	return sample;
}

#endif
