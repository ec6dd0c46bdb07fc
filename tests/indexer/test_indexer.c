/* test_indexer.c - the indexer and the index format on the bundled sample:
 * the zstd dictionary becomes durable only with the records that need it (a
 * first run stopped after training but before its commit once left every
 * later record undecodable), every stored record decodes, the stored
 * record codec round-trips, and one thread or two write the same index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zdict.h>

#include "check.h"
#include "format.h"
#include "indexer.h"
#include "query.h"
#include "xapian-c.h"

typedef struct run {
	tc_index *index;
	long long stop_after; /* 0: all */
	long long seen;
	long long refused; /* records the index refused (TC_ERR_INPUT), as tracuu index goes on after them */
	tc_error err;
	tc_status status;
} run;

static int on_record(void *ctx, const tc_record *record)
{
	run *r = ctx;
	r->status = tc_index_add(r->index, record, &r->err);
	if (r->status == TC_ERR_INPUT) {
		r->refused++;
		r->status = TC_OK;
	}
	if (r->status != TC_OK)
		return 1;
	return r->stop_after && ++r->seen >= r->stop_after;
}

static void quiet(void *ctx, const tc_problem *problem)
{
	(void)ctx;
	(void)problem;
}

/* Index SOURCE into DIR with THREADS (0: the default); with STOP_AFTER,
 * stop after that many records and close without committing, as a run
 * killed at that moment leaves it. *COUNTS (may be NULL): the run's figures. */
static long long refused_last; /* the last index_with's refused records */

static void index_with(const char *dir, const char *source, long long stop_after, int threads, size_t batch,
                       tc_index_counts *counts_out)
{
	tc_index_options options;
	tc_index_options_default(&options);
	options.batch_bytes = batch;
	options.threads = threads;
	run r = {.stop_after = stop_after, .status = TC_OK};
	tc_error err = {0};
	CHECK(tc_index_open(dir, &options, &r.index, &err) == TC_OK, "open %s: %s", dir, err.message);
	if (!r.index)
		return;
	tc_load_options load = {.problem_fn = quiet, .emit_source_docs = 1};
	tc_corpus_load(source, &load, on_record, &r, NULL, &err);
	CHECK(r.status == TC_OK, "indexing %s: %s", source, r.err.message);
	refused_last = r.refused;
	if (stop_after) {
		tc_index_close(r.index, 1, &err);
		return;
	}
	tc_index_counts counts;
	CHECK(tc_index_finish(r.index, &counts, &err) == TC_OK, "finish: %s", err.message);
	CHECK(tc_index_close(r.index, 0, &err) == TC_OK, "close: %s", err.message);
	if (counts_out)
		*counts_out = counts;
}

static void index_source(const char *dir, const char *source, long long stop_after)
{
	index_with(dir, source, stop_after, 0, (size_t)1 << 40 /* one commit, at the end */, NULL);
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
		/* the codified articles and their clauses and points */
		tc_searcher_each_id(searcher, TC_DB_CODIFIED, on_id, &ctx, &err);
		tc_searcher_each_id(searcher, TC_DB_CODIFIED_PARTS, on_id, &ctx, &err);
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

	/* a payload (the fields, the text) decoded up to its text's first
	 * N bytes: its fields whole, then the text's beginning, cut at a
	 * character's end; the whole of it once N reaches its end; without a
	 * dictionary and with one, and a frame without one decodes as before
	 * after one with it */
	json = json_pack("{s:s, s:s%}", "id", "111/2022/nđ-cp", "text", text, len);
	tc_buf payload = {0}, plain = {0};
	CHECK(json && tc_stored_record_payload(json, &payload) == 0, "a payload");
	json_decref(json);
	size_t json_len = 0, text_len = 0;
	const char *body = NULL;
	tc_stored_split(payload.data, payload.len, &json_len, &body, &text_len);
	CHECK(body && text_len == len, "the payload holds the text after its JSON");
	/* 64 samples of 512 bytes across the payload, to train a dictionary on */
	size_t sizes[64];
	size_t samples = 0;
	tc_buf samples_buf = {0};
	for (size_t at = 0; samples < 64 && at + 512 <= payload.len; at += payload.len / 64) {
		tc_buf_append(&samples_buf, payload.data + at, 512);
		sizes[samples++] = 512;
	}
	char dict[4096];
	size_t dict_len = ZDICT_trainFromBuffer(dict, sizeof dict, samples_buf.data, sizes, (unsigned)samples);
	CHECK(tc_stored_encode(codec, payload.data, payload.len, 0, &plain) == 0, "encoded without a dictionary");
	for (int with_dict = 0; with_dict < 2; with_dict++) {
		if (with_dict) {
			CHECK(!ZDICT_isError(dict_len) && tc_stored_codec_add_dict(codec, dict, dict_len) == 0,
			      "a dictionary trained on the text: %s",
			      ZDICT_isError(dict_len) ? ZDICT_getErrorName(dict_len) : "added");
			CHECK(tc_stored_encode(codec, payload.data, payload.len, 0, &encoded) == 0 &&
			              tc_stored_codec_has_dict(codec),
			      "encoded with the dictionary");
		}
		const tc_buf *frame = with_dict ? &encoded : &plain;
		const size_t limits[] = {0, 1, 2, 3, 1000, 1001, 1002, 200000, len - 1, len, len + 1, SIZE_MAX - 1};
		for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
			int whole = -1;
			CHECK(tc_stored_decode_upto(codec, frame->data, frame->len, limits[i], &decoded, &whole) == 0,
			      "decode up to %zu bytes of the text (dictionary: %d)", limits[i], with_dict);
			size_t text_at = (size_t)(body - payload.data);
			size_t got = decoded.len > text_at ? decoded.len - text_at : 0;
			int boundary = got == len || ((unsigned char)text[got] & 0xC0) != 0x80;
			CHECK(decoded.len >= text_at && decoded.len <= payload.len &&
			              !memcmp(decoded.data, payload.data, decoded.len) && !decoded.data[decoded.len] &&
			              whole == (limits[i] >= len) && got <= limits[i] && got + 4 > (limits[i] < len ? limits[i] : len) &&
			              boundary,
			      "up to %zu bytes of the text (dictionary: %d): %zu of %zu, whole %d, at a character's end %d",
			      limits[i], with_dict, got, len, whole, boundary);
			CHECK(tc_stored_decode(codec, plain.data, plain.len, &decoded, NULL) == 0 &&
			              decoded.len == payload.len && !memcmp(decoded.data, payload.data, payload.len),
			      "then a frame without a dictionary decodes whole");
		}
		CHECK(tc_stored_decode_upto(codec, frame->data, frame->len - 1, 100, &decoded, &(int){0}) < 0 ||
		              decoded.len <= payload.len,
		      "a cut frame is refused or decodes no more than it holds");
		CHECK(tc_stored_decode_upto(codec, frame->data, frame->len / 2, SIZE_MAX - 1, &decoded, &(int){0}) < 0,
		      "a frame cut in half does not decode whole");
	}
	tc_buf_free(&payload);
	tc_buf_free(&plain);
	tc_buf_free(&samples_buf);
	tc_stored_codec_free(codec);
	tc_buf_free(&encoded);
	tc_buf_free(&decoded);
	free(record);
	tc_free(text);
}


/* ---- one thread or two ---- */

static int on_doc_term(void *ctx, const char *term, size_t len)
{
	tc_buf *terms = ctx;
	tc_buf_append(terms, term, len);
	tc_buf_append(terms, "\n", 1);
	return 0;
}

/* Entry DOCID of two databases: the same stored record, terms and values
 * (but when each was written). Returns whether they are. */
static int same_entry(xc_reader *a, xc_reader *b, xc_docid docid, tc_buf *ta, tc_buf *tb)
{
	tc_error err = {0};
	char *da = NULL, *db = NULL;
	size_t la = 0, lb = 0;
	int same = xc_reader_get_data(a, docid, &da, &la, &err) == TC_OK &&
	           xc_reader_get_data(b, docid, &db, &lb, &err) == TC_OK && la == lb && !memcmp(da, db, la);
	tc_free(da);
	tc_free(db);
	tc_buf_reset(ta);
	tc_buf_reset(tb);
	same = same && xc_reader_doc_terms(a, docid, "", on_doc_term, ta, &err) == TC_OK &&
	       xc_reader_doc_terms(b, docid, "", on_doc_term, tb, &err) == TC_OK && ta->len == tb->len &&
	       (!ta->len || !memcmp(ta->data, tb->data, ta->len));
	for (unsigned slot = 0; same && slot < TC_SLOT_CHANGED; slot++) {
		char *va = NULL, *vb = NULL;
		size_t na = 0, nb = 0;
		same = xc_reader_get_value(a, docid, slot, &va, &na, &err) == TC_OK &&
		       xc_reader_get_value(b, docid, slot, &vb, &nb, &err) == TC_OK && na == nb &&
		       (!na || !memcmp(va, vb, na));
		tc_free(va);
		tc_free(vb);
	}
	return same;
}

/* The databases of indexes ONE and TWO: the same entries, entry by entry
 * (same_entry); returns how many clause and point entries were compared. */
static long long same_databases(const char *one, const char *two)
{
	tc_buf path = {0}, ta = {0}, tb = {0};
	long long parts = 0;
	for (int k = 0; k < TC_DB_COUNT; k++) {
		xc_reader *a = NULL, *b = NULL;
		tc_error err = {0};
		tc_index_db_path(one, (tc_db_kind)k, &path);
		CHECK(xc_reader_open(path.data, &a, &err) == TC_OK, "open %s: %s", path.data, err.message);
		tc_index_db_path(two, (tc_db_kind)k, &path);
		CHECK(xc_reader_open(path.data, &b, &err) == TC_OK, "open %s: %s", path.data, err.message);
		uint32_t na = 0, nb = 0;
		if (a && b) {
			xc_reader_doc_count(a, &na, &err);
			xc_reader_doc_count(b, &nb, &err);
		}
		CHECK(na == nb, "%s: %u entries with one thread, %u with two", tc_db_kind_name((tc_db_kind)k), na, nb);
		uint32_t differ = 0, first = 0;
		for (xc_docid d = 1; a && b && d <= na; d++)
			if (!same_entry(a, b, d, &ta, &tb) && !differ++)
				first = d;
		CHECK(differ == 0, "%s: %u of %u entries differ (the first: %u)", tc_db_kind_name((tc_db_kind)k),
		      differ, na, first);
		if (k == TC_DB_CODIFIED_PARTS || k == TC_DB_PROVISION_PARTS)
			parts += na;
		xc_reader_free(a);
		xc_reader_free(b);
	}
	tc_buf_free(&path);
	tc_buf_free(&ta);
	tc_buf_free(&tb);
	return parts;
}

/* The sample's pháp điển and Công báo (codified articles, documents and
 * their provisions, each with clause and point entries), indexed with one
 * thread and with two, committing every 256 kB: every database holds the
 * same entries under the same document ids, with the same terms, stored
 * records and values; the runs count the same; a search ranks the same. */
static void test_threads_same_index(const char *sample)
{
	char dir[] = "/tmp/tracuu-test-XXXXXX";
	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	char one[4200], two[4200], phapdien[4096], congbao[4096];
	snprintf(one, sizeof one, "%s/one", dir);
	snprintf(two, sizeof two, "%s/two", dir);
	snprintf(phapdien, sizeof phapdien, "%s/phapdien", sample);
	snprintf(congbao, sizeof congbao, "%s/congbao", sample);
	tc_index_counts c1[2] = {{0}}, c2[2] = {{0}};
	index_with(one, phapdien, 0, 1, 256 << 10, &c1[0]);
	index_with(one, congbao, 0, 1, 256 << 10, &c1[1]);
	index_with(two, phapdien, 0, 2, 256 << 10, &c2[0]);
	index_with(two, congbao, 0, 2, 256 << 10, &c2[1]);
	for (int i = 0; i < 2; i++) {
		const tc_index_counts *x = &c1[i], *y = &c2[i];
		CHECK(x->added == y->added && x->changed == y->changed && x->unchanged == y->unchanged &&
		              x->records == y->records && x->records_committed == y->records_committed,
		      "run %d: added %lld / %lld, records %lld / %lld", i, x->added, y->added, x->records,
		      y->records);
		CHECK(x->text_bytes == y->text_bytes && x->stored_bytes == y->stored_bytes &&
		              x->skipped_terms == y->skipped_terms && x->duplicate_ids == y->duplicate_ids,
		      "run %d: stored %lld / %lld bytes", i, x->stored_bytes, y->stored_bytes);
	}
	CHECK(c1[1].added > 100, "the Công báo run added %lld entries", c1[1].added);
	for (int k = 0; k < TC_DB_COUNT; k++)
		CHECK(c1[0].entries[k] + c1[1].entries[k] == c2[0].entries[k] + c2[1].entries[k],
		      "%s: the runs count the same entries", tc_db_kind_name((tc_db_kind)k));
	long long parts = same_databases(one, two);
	CHECK(parts > 1000, "%lld clause and point entries compared", parts);
	/* the same ranking, scores included */
	const char *queries[] = {"thanh niên", "quyền và nghĩa vụ của người lao động", "nghị định 111/2022"};
	tc_searcher *s1 = NULL, *s2 = NULL;
	tc_error err = {0};
	CHECK(tc_searcher_open(one, &s1, &err) == TC_OK && tc_searcher_open(two, &s2, &err) == TC_OK, "open: %s",
	      err.message);
	for (size_t q = 0; s1 && s2 && q < sizeof queries / sizeof *queries; q++) {
		tc_search_options options;
		tc_search_options_default(&options);
		json_t *r1 = NULL, *r2 = NULL;
		tc_search(s1, queries[q], &options, &r1, &err);
		tc_search(s2, queries[q], &options, &r2, &err);
		json_t *h1 = json_object_get(r1, "hits"), *h2 = json_object_get(r2, "hits");
		CHECK(json_array_size(h1) > 0 && json_equal(h1, h2), "'%s': %zu hits, the same with one thread and two",
		      queries[q], json_array_size(h1));
		json_decref(r1);
		json_decref(r2);
	}
	tc_searcher_free(s1);
	tc_searcher_free(s2);
	tc_remove_tree(dir);
}

/* Write to SOURCE a document of three articles of two clauses each; the
 * second article's path is ARTICLE_PATH (NULL: its own), its first
 * clause's CLAUSE_PATH. */
static void write_three_articles(const char *source, const char *article_path, const char *clause_path)
{
	json_t *articles = json_array();
	for (int a = 1; a <= 3; a++) {
		json_t *clauses = json_array();
		for (int k = 1; k <= 2; k++) {
			json_t *clause =
			        json_pack("{s:s, s:s, s:s}", "kind", "clause", "number", k == 1 ? "1" : "2", "text",
			                  k == 1 ? "Người lao động có quyền được trả lương phù hợp với trình độ."
			                         : "Người sử dụng lao động có nghĩa vụ trả lương đúng hạn.");
			if (a == 2 && k == 1 && clause_path)
				json_object_set_new(clause, "path", json_string(clause_path));
			json_array_append_new(clauses, clause);
		}
		char number[8];
		snprintf(number, sizeof number, "%d", a);
		json_t *article = json_pack("{s:s, s:s, s:s, s:o}", "kind", "article", "number", number, "heading",
		                            "Quyền và nghĩa vụ về tiền lương", "children", clauses);
		if (a == 2 && article_path)
			json_object_set_new(article, "path", json_string(article_path));
		json_array_append_new(articles, article);
	}
	json_t *doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:s, s:o}}", "kind", "document", "id",
	                        "99/2020/nđ-cp", "doc_number", "99/2020/NĐ-CP", "type", "nghi-dinh", "title",
	                        "Nghị định quy định về tiền lương", "body", "kind", "root", "children", articles);
	char *line = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	FILE *f = fopen(source, "w");
	CHECK(f && line, "write %s", source);
	if (f) {
		fprintf(f, "%s\n", line);
		fclose(f);
	}
	free(line);
}

/* Clause entries in DIR whose article is not in its provisions. */
static uint32_t orphan_parts(const char *dir, uint32_t *parts_count)
{
	tc_buf path = {0};
	xc_reader *parts = NULL, *provisions = NULL;
	tc_error err = {0};
	tc_index_db_path(dir, TC_DB_PROVISION_PARTS, &path);
	xc_reader_open(path.data, &parts, &err);
	tc_index_db_path(dir, TC_DB_PROVISIONS, &path);
	xc_reader_open(path.data, &provisions, &err);
	uint32_t n = 0, orphans = 0;
	if (parts && provisions)
		xc_reader_doc_count(parts, &n, &err);
	for (xc_docid d = 1; d <= n; d++) {
		char *article = NULL;
		size_t len = 0;
		xc_reader_get_value(parts, d, TC_SLOT_ARTICLE, &article, &len, &err);
		tc_buf_reset(&path);
		tc_buf_printf(&path, "%s%.*s", TC_PREFIX_ID, (int)len, article ? article : "");
		xc_docid at = 0;
		orphans += xc_reader_find(provisions, path.data, &at, &err) != TC_OK || !at;
		tc_free(article);
	}
	xc_reader_free(parts);
	xc_reader_free(provisions);
	tc_buf_free(&path);
	*parts_count = n;
	return orphans;
}

/* A document whose second article has an id too long for the index (the
 * record is refused from there, as tracuu index reports and goes on): with
 * two threads the parts lane stops at the same article as the other, so
 * the index is the same as with one, and no clause entry is left without
 * its article. Then one whose second article's id fits but its first
 * clause's does not: the record is not refused, that clause is left out,
 * the others written, and the run counts it, the same with one thread and
 * two. */
static void test_threads_refused_article(void)
{
	char dir[] = "/tmp/tracuu-test-XXXXXX";
	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	char source[4200], one[4200], two[4200];
	snprintf(source, sizeof source, "%s/doc.jsonl", dir);
	snprintf(one, sizeof one, "%s/one", dir);
	snprintf(two, sizeof two, "%s/two", dir);
	char long_path[400];
	memset(long_path, 'd', sizeof long_path - 1);
	long_path[sizeof long_path - 1] = 0;
	for (int part_only = 0; part_only <= 1; part_only++) {
		/* the id term is TC_PREFIX_ID + the path: an article's fits at 243 bytes */
		char article_path[244];
		memcpy(article_path, long_path, sizeof article_path - 1);
		article_path[sizeof article_path - 1] = 0;
		write_three_articles(source, part_only ? article_path : long_path, part_only ? long_path : NULL);
		tc_index_counts c1 = {0}, c2 = {0};
		index_with(one, source, 0, 1, (size_t)1 << 40, &c1);
		long long refused1 = refused_last;
		index_with(two, source, 0, 2, (size_t)1 << 40, &c2);
		CHECK(refused1 == !part_only && refused_last == !part_only,
		      "the record is refused %d time(s) in each run (%lld, %lld)", !part_only, refused1, refused_last);
		CHECK(c1.refused_parts == part_only && c2.refused_parts == part_only,
		      "clauses left out: %lld, %lld (want %d)", c1.refused_parts, c2.refused_parts, part_only);
		CHECK(!part_only || strstr(c2.first_refused, "id too long for the index: 'ddd"), "the first left out: '%s'",
		      c2.first_refused);
		long long articles = part_only ? 3 : 1, clauses = part_only ? 5 : 2;
		CHECK(c1.entries[TC_DB_PROVISIONS] == articles && c1.entries[TC_DB_PROVISION_PARTS] == clauses,
		      "one thread: %lld articles and %lld clauses (%lld, %lld)", articles, clauses,
		      c1.entries[TC_DB_PROVISIONS], c1.entries[TC_DB_PROVISION_PARTS]);
		for (int k = 0; k < TC_DB_COUNT; k++)
			CHECK(c1.entries[k] == c2.entries[k], "%s: %lld entries with one thread, %lld with two",
			      tc_db_kind_name((tc_db_kind)k), c1.entries[k], c2.entries[k]);
		same_databases(one, two);
		/* every clause entry's article is in the provisions */
		uint32_t n = 0, orphans = orphan_parts(two, &n);
		CHECK(n == clauses && orphans == 0, "%u clause entries, %u without their article", n, orphans);
		tc_remove_tree(one);
		tc_remove_tree(two);
	}
	tc_remove_tree(dir);
}

int main(void)
{
	const char *sample = getenv("TRACUU_SAMPLE_CORPUS");
	if (!sample)
		check_skip("TRACUU_SAMPLE_CORPUS is not set");
	test_codec(sample);
	test_dictionary_durable(sample);
	test_threads_same_index(sample);
	test_threads_refused_article();
	return check_done("indexer");
}
