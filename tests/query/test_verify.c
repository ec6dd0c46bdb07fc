/* test_verify.c - tc_searcher_verify on a real index (the Thanh niên đề mục
 * of the bundled sample): sound as built, then each kind of damage a killed
 * or failed run could leave (or a bug could write) put into its codified
 * databases through the Xapian shim, and each reported with its entry:
 *   - a record compressed with a dictionary the database does not hold
 *     (what an interrupted first index once left: every later record);
 *   - a corrupt stored record, a record stored under another entry's id;
 *   - an article removed while its clause and point entries stay;
 *   - two entries with one id, an entry with no id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zdict.h>

#include "check.h"
#include "format.h"
#include "indexer.h"
#include "query.h"
#include "xapian-c.h"

#include "sample_index.h"

/* What verify reported. */
typedef struct report {
	int count;
	char lines[64][600];
} report;

static void on_problem(void *ctx, tc_db_kind db, const char *id, const char *what)
{
	report *r = ctx;
	if (r->count < 64)
		snprintf(r->lines[r->count], sizeof r->lines[0], "%s %s: %s", tc_db_kind_name(db),
		         id ? id : "-", what);
	r->count++;
}

static const char *reported(const report *r, const char *id, const char *what)
{
	for (int i = 0; i < r->count && i < 64; i++)
		if ((!id || strstr(r->lines[i], id)) && strstr(r->lines[i], what))
			return r->lines[i];
	return NULL;
}

static tc_status verify(const char *db, report *r, tc_verify_summary *summary)
{
	memset(r, 0, sizeof *r);
	tc_searcher *searcher = NULL;
	tc_error err = {0};
	tc_status st = tc_searcher_open(db, &searcher, &err);
	CHECK(st == TC_OK, "open %s: %s", db, err.message);
	if (st == TC_OK)
		st = tc_searcher_verify(searcher, on_problem, r, summary, &err);
	CHECK(st == TC_OK, "verify: %s", err.message);
	tc_searcher_free(searcher);
	for (int i = 0; i < r->count && i < 64; i++)
		printf("verify: %s\n", r->lines[i]);
	return st;
}

/* The codified entries: an article with a point entry, two other
 * articles, and the stored JSON of a few records (dictionary samples). */
typedef struct entries {
	xc_reader *reader;
	char article[512], part[512], plain[512], other[512];
	tc_buf samples;
	size_t sizes[512];
	unsigned nsamples;
} entries;

static int on_id(void *vctx, const char *term, size_t len, uint32_t freq)
{
	entries *e = vctx;
	(void)freq;
	char id[512], q[520];
	snprintf(id, sizeof id, "%.*s", (int)len - 1, term + 1);
	snprintf(q, sizeof q, "Q%s", id);
	xc_docid docid = 0;
	tc_error err;
	xc_reader_find(e->reader, q, &docid, &err);
	char *article = NULL;
	size_t alen = 0;
	xc_reader_get_value(e->reader, docid, TC_SLOT_ARTICLE, &article, &alen, &err);
	int part = alen && (alen != strlen(id) || memcmp(article, id, alen));
	/* a point entry (ARTICLE/kN/x): the article has a clause and a point */
	if (part && !e->part[0] && strchr(id + alen + 1, '/')) {
		snprintf(e->part, sizeof e->part, "%s", id);
		snprintf(e->article, sizeof e->article, "%.*s", (int)alen, article);
	}
	tc_free(article);
	int other_article = !part && e->article[0] && strcmp(id, e->article);
	if (other_article && !e->plain[0])
		snprintf(e->plain, sizeof e->plain, "%s", id);
	else if (other_article && !e->other[0])
		snprintf(e->other, sizeof e->other, "%s", id);
	if (e->nsamples < 512) {
		char *data = NULL;
		size_t dlen = 0;
		tc_stored_codec *codec = tc_stored_codec_new();
		tc_buf json = {0};
		xc_reader_get_data(e->reader, docid, &data, &dlen, &err);
		if (tc_stored_decode(codec, data, dlen, &json, NULL) == 0) {
			tc_buf_append(&e->samples, json.data, json.len);
			e->sizes[e->nsamples++] = json.len;
		}
		tc_buf_free(&json);
		tc_stored_codec_free(codec);
		tc_free(data);
	}
	return 0;
}

/* Write a document with id ID (no id term when NULL), article slot ARTICLE
 * and stored DATA into WRITER: added, or replacing the entry of ID. */
static void put_entry(xc_writer *writer, const char *id, const char *article, const char *data, size_t len,
                      int add)
{
	xc_doc *doc = NULL;
	tc_error err = {0};
	CHECK(xc_doc_new(&doc, &err) == TC_OK, "doc: %s", err.message);
	char term[520];
	snprintf(term, sizeof term, "Q%s", id ? id : "");
	if (id)
		xc_doc_add_boolean_term(doc, term, strlen(term), &err);
	if (article)
		xc_doc_set_value(doc, TC_SLOT_ARTICLE, article, strlen(article), &err);
	xc_doc_set_data(doc, data, len, &err);
	tc_status st = add || !id ? xc_writer_add(writer, doc, NULL, &err)
	                          : xc_writer_replace(writer, term, doc, NULL, &err);
	CHECK(st == TC_OK, "write %s: %s", id ? id : "(no id)", err.message);
	xc_doc_free(doc);
}

static void stored(tc_stored_codec *codec, const char *id, int without_dict, tc_buf *out)
{
	char json[600];
	snprintf(json, sizeof json,
	         "{\"id\":\"%s\",\"kind\":\"codified\",\"text\":\"Thanh niên là công dân Việt Nam\"}", id);
	CHECK(tc_stored_encode(codec, json, strlen(json), without_dict, out) == 0, "encode %s", id);
}

int main(void)
{
	char dir[] = "/tmp/tracuu-test-XXXXXX";
	char db[4300];
	sample_index(dir, db, sizeof db);

	/* sound as built */
	report r;
	tc_verify_summary sum;
	verify(db, &r, &sum);
	CHECK(sum.problems == 0 && r.count == 0, "a fresh index is sound: %lld problems", sum.problems);
	CHECK(sum.entries[TC_DB_CODIFIED] > 100 && sum.entries[TC_DB_CODIFIED_PARTS] > 300 &&
	              sum.parts[TC_DB_CODIFIED_PARTS] == sum.entries[TC_DB_CODIFIED_PARTS],
	      "every codified entry read: %lld articles, %lld parts (%lld read as parts)",
	      sum.entries[TC_DB_CODIFIED], sum.entries[TC_DB_CODIFIED_PARTS],
	      sum.parts[TC_DB_CODIFIED_PARTS]);
	CHECK(sum.entries[TC_DB_DOCS] > 0, "and the source documents: %lld", sum.entries[TC_DB_DOCS]);
	long long codified = sum.entries[TC_DB_CODIFIED], parts = sum.parts[TC_DB_CODIFIED_PARTS];

	/* the entries to damage */
	tc_buf path_buf = {0};
	entries e = {0};
	tc_error err = {0};
	/* the parts first: the article of a point entry is the one to remove */
	for (int k = 0; k < 2; k++) {
		tc_index_db_path(db, k ? TC_DB_CODIFIED : TC_DB_CODIFIED_PARTS, &path_buf);
		CHECK(xc_reader_open(path_buf.data, &e.reader, &err) == TC_OK, "open %s: %s", path_buf.data,
		      err.message);
		int truncated = 0;
		xc_reader_each_term(e.reader, "Q", 0, on_id, &e, &truncated, &err);
		xc_reader_free(e.reader);
	}
	const char *path = path_buf.data; /* the articles' database */
	CHECK(e.part[0] && e.article[0] && e.plain[0] && e.other[0] && strcmp(e.plain, e.article) &&
	              strcmp(e.other, e.article),
	      "entries to damage: %s %s %s %s", e.part, e.article, e.plain, e.other);
	printf("damaged: article %s (a point entry: %s), %s, %s\n", e.article, e.part, e.plain, e.other);

	/* a dictionary trained on the database's own records, that the
	 * database does not hold */
	tc_buf dict = {0};
	tc_buf_reserve(&dict, 16384);
	size_t dict_len = ZDICT_trainFromBuffer(dict.data, 16384, e.samples.data, e.sizes, e.nsamples);
	CHECK(!ZDICT_isError(dict_len), "a dictionary trained on %u records", e.nsamples);
	tc_stored_codec *codec = tc_stored_codec_new();
	CHECK(tc_stored_codec_add_dict(codec, dict.data, dict_len) == 0, "the trained dictionary loads");
	unsigned dict_id = ZDICT_getDictID(dict.data, dict_len);

	xc_writer *writer = NULL;
	CHECK(xc_writer_open(path, XC_OPEN_EXISTING, &writer, &err) == TC_OK, "write %s: %s", path,
	      err.message);
	tc_buf data = {0};
	/* 1. the record of PLAIN compressed with the dictionary */
	stored(codec, e.plain, 0, &data);
	put_entry(writer, e.plain, e.plain, data.data, data.len, 0);
	/* 2. OTHER's record corrupt: its frame cut short */
	stored(codec, e.other, 1, &data);
	put_entry(writer, e.other, e.other, data.data, data.len - 3, 0);
	/* 3. the article of PART removed: its clause and point entries stay */
	char term[600];
	snprintf(term, sizeof term, "Q%s", e.article);
	CHECK(xc_writer_delete(writer, term, &err) == TC_OK, "delete %s: %s", e.article, err.message);
	/* 4. a record stored under another id */
	static const char *const stray = "pd/test/stray";
	stored(codec, "pd/test/elsewhere", 1, &data);
	put_entry(writer, stray, stray, data.data, data.len, 1);
	/* 5. two entries with one id, and one with none */
	static const char *const twice = "pd/test/twice";
	stored(codec, twice, 1, &data);
	put_entry(writer, twice, twice, data.data, data.len, 1);
	put_entry(writer, twice, twice, data.data, data.len, 1);
	put_entry(writer, NULL, NULL, data.data, data.len, 1);
	CHECK(xc_writer_close(writer, 0, &err) == TC_OK, "commit: %s", err.message);

	verify(db, &r, &sum);
	char want[700];
	snprintf(want, sizeof want, "needs zstd dictionary %u, which the database does not hold", dict_id);
	CHECK(reported(&r, e.plain, want), "a record needing a dictionary the database lacks: %s", e.plain);
	CHECK(reported(&r, e.other, "is corrupt"), "a corrupt record: %s", e.other);
	snprintf(want, sizeof want, "a part of article '%s', which is not in the codified database",
	         e.article);
	CHECK(reported(&r, e.part, want), "a point entry without its article: %s", e.part);
	CHECK(reported(&r, stray, "the stored record is that of 'pd/test/elsewhere'"),
	      "a record under another id");
	CHECK(reported(&r, twice, "2 entries share this id"), "two entries with one id");
	CHECK(reported(&r, NULL, "ids: the others cannot be reached by id"), "an entry with no id");
	CHECK(sum.entries[TC_DB_CODIFIED] == codified - 1 + 2, "entries: %lld", sum.entries[TC_DB_CODIFIED]);
	/* every part of the removed article is reported, and nothing else */
	long long orphans = 0;
	for (int i = 0; i < r.count && i < 64; i++)
		orphans += strstr(r.lines[i], "which is not in the codified database") != NULL;
	CHECK(sum.problems == 5 + orphans && orphans >= 2, "%lld problems: %lld orphaned parts and 5 others",
	      sum.problems, orphans);
	CHECK(sum.parts[TC_DB_CODIFIED_PARTS] == parts, "parts: %lld", sum.parts[TC_DB_CODIFIED_PARTS]);
	for (int i = 0; i < r.count && i < 64; i++)
		CHECK(!strncmp(r.lines[i], strstr(r.lines[i], "a part of") ? "codified-parts " : "codified ",
		               strstr(r.lines[i], "a part of") ? 15 : 9),
		      "in the codified database, or its parts': %s", r.lines[i]);

	tc_stored_codec_free(codec);
	tc_buf_free(&dict);
	tc_buf_free(&data);
	tc_buf_free(&e.samples);
	tc_buf_free(&path_buf);
	tc_remove_tree(dir);
	return check_done("verify");
}
