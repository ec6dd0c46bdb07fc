/* test_indexer.c - the indexer and the index format on the bundled sample:
 * the zstd dictionary becomes durable only with the records that need it (a
 * first run stopped after training but before its commit once left every
 * later record undecodable), every stored record decodes, and the stored
 * record codec round-trips. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "format.h"
#include "indexer.h"
#include "query.h"

typedef struct run {
	tc_index *index;
	long long stop_after; /* 0: all */
	long long seen;
	tc_error err;
	tc_status status;
} run;

static int on_record(void *ctx, const tc_record *record)
{
	run *r = ctx;
	r->status = tc_index_add(r->index, record, &r->err);
	if (r->status != TC_OK)
		return 1;
	return r->stop_after && ++r->seen >= r->stop_after;
}

static void quiet(void *ctx, const tc_problem *problem)
{
	(void)ctx;
	(void)problem;
}

/* Index SOURCE into DIR; with STOP_AFTER, stop after that many records and
 * close without committing, as a run killed at that moment leaves it. */
static void index_source(const char *dir, const char *source, long long stop_after)
{
	tc_index_options options;
	tc_index_options_default(&options);
	options.batch_bytes = (size_t)1 << 40; /* one commit, at the end */
	run r = {.stop_after = stop_after, .status = TC_OK};
	tc_error err = {0};
	CHECK(tc_index_open(dir, &options, &r.index, &err) == TC_OK, "open %s: %s", dir, err.message);
	if (!r.index)
		return;
	tc_load_options load = {.problem_fn = quiet, .emit_source_docs = 1};
	tc_corpus_load(source, &load, on_record, &r, NULL, &err);
	CHECK(r.status == TC_OK, "indexing %s: %s", source, r.err.message);
	if (stop_after) {
		tc_index_close(r.index, 1, &err);
		return;
	}
	tc_index_counts counts;
	CHECK(tc_index_finish(r.index, &counts, &err) == TC_OK, "finish: %s", err.message);
	CHECK(tc_index_close(r.index, 0, &err) == TC_OK, "close: %s", err.message);
}

typedef struct decode_ctx {
	tc_searcher *searcher;
	long long ids, unreadable;
} decode_ctx;

static int on_id(void *vctx, const char *id, size_t len)
{
	decode_ctx *ctx = vctx;
	char *copy = strndup(id, len);
	json_t *record = NULL;
	tc_error err = {0};
	ctx->ids++;
	if (tc_get(ctx->searcher, copy, &record, &err) != TC_OK) {
		if (ctx->unreadable++ < 3)
			fprintf(stderr, "  %s: %s\n", copy, err.message);
	}
	json_decref(record);
	free(copy);
	return 0;
}

static void test_dictionary_durable(const char *sample)
{
	char dir[] = "/tmp/tracuu-test-XXXXXX";
	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	char source[4096], db[4200];
	snprintf(source, sizeof source, "%s/phapdien", sample);
	snprintf(db, sizeof db, "%s/index", dir);
	/* The sample's pháp điển has more than the 2,000 codified entries that
	 * train the dictionary within its first 1,000 records: stop after them,
	 * uncommitted. */
	index_source(db, source, 1000);
	index_source(db, source, 0);

	tc_searcher *searcher = NULL;
	tc_error err = {0};
	CHECK(tc_searcher_open(db, &searcher, &err) == TC_OK, "open: %s", err.message);
	if (searcher) {
		decode_ctx ctx = {.searcher = searcher};
		tc_searcher_each_id(searcher, TC_DB_CODIFIED, on_id, &ctx, &err);
		CHECK(ctx.ids > 4000, "%lld codified entries", ctx.ids);
		CHECK(ctx.unreadable == 0, "%lld of %lld codified records do not decode", ctx.unreadable, ctx.ids);
		json_t *results = NULL;
		tc_search_options options;
		tc_search_options_default(&options);
		options.snippets = 1;
		CHECK(tc_search(searcher, "thanh niên", &options, &results, &err) == TC_OK, "search: %s", err.message);
		json_t *hit = json_array_get(json_object_get(results, "hits"), 0);
		CHECK(json_string_value(json_object_get(hit, "id")) && json_string_value(json_object_get(hit, "title")),
		      "the first hit has an id and a title");
		json_decref(results);
		tc_searcher_free(searcher);
	}
	tc_remove_tree(dir);
}

static void test_codec(const char *sample)
{
	/* a dictionary trained on real records, then records through it */
	char path[4096];
	snprintf(path, sizeof path, "%s/congbao/docs/congbao_chinhphu/nghi-dinh-so-111-2022-nd-cp-38434.txt", sample);
	char *text = NULL;
	size_t len = 0;
	tc_error err = {0};
	CHECK(tc_read_file(path, &text, &len, &err) == TC_OK, "read %s: %s", path, err.message);
	if (!text)
		return;
	json_t *json = json_object();
	json_object_set_new(json, "text", json_stringn(text, len));
	char *record = json_dumps(json, JSON_COMPACT);
	json_decref(json);
	tc_stored_codec *codec = tc_stored_codec_new();
	tc_buf encoded = {0}, decoded = {0};
	CHECK(tc_stored_encode(codec, record, strlen(record), 0, &encoded) == 0, "encode without a dictionary");
	CHECK(tc_stored_decode(codec, encoded.data, encoded.len, &decoded, NULL) == 0 &&
	              decoded.len == strlen(record) && !memcmp(decoded.data, record, decoded.len),
	      "a record round-trips");
	CHECK(tc_stored_decode(codec, encoded.data, encoded.len - 1, &decoded, NULL) < 0, "a cut record does not decode");
	CHECK(tc_stored_decode(codec, "x", 1, &decoded, NULL) < 0, "an unknown encoding does not decode");
	CHECK(tc_stored_codec_add_dict(codec, "not a dictionary", 16) < 0, "a damaged dictionary is refused");
	tc_stored_codec_free(codec);
	tc_buf_free(&encoded);
	tc_buf_free(&decoded);
	free(record);
	tc_free(text);
}

int main(void)
{
	const char *sample = getenv("TRACUU_SAMPLE_CORPUS");
	if (!sample)
		check_skip("TRACUU_SAMPLE_CORPUS is not set");
	test_codec(sample);
	test_dictionary_durable(sample);
	return check_done("indexer");
}
