/* test_xapian_c.c - the Xapian shim on real databases in a temporary
 * directory: writing, reading, every query operator, ranking, sorting,
 * collapsing, facets, compaction, and the error paths (missing index, lock
 * held, oversized term, garbage where an index should be). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "xapian-c.h"

/* Value slots of the test documents. */
enum { SLOT_ISSUE_DATE = 0, SLOT_TYPE = 1 };

/* Four documents, with the terms the indexer makes of them: exact syllables
 * with positions, folded syllables (XF) at the same positions, exact
 * bigrams (XB), the document number (XN), the unique id (Q), the type (XT)
 * as a boolean term. Text is given with its folded form, word for word. */
static const struct law {
	const char *unique_id, *doc_number, *type, *issue_date, *text, *folded;
} laws[] = {
        {"Q52/2015/nđ-cp", "XN52/2015/nđ-cp", "nghi-dinh", "20150514", "quyền sử dụng đất của hộ gia đình",
         "quyen su dung dat cua ho gia dinh"},
        {"Q57/2020/qh14", "XN57/2020/qh14", "luat", "20200616", "quyền và nghĩa vụ của thanh niên",
         "quyen va nghia vu cua thanh nien"},
        {"Q01/2016/tt-btp", "XN01/2016/tt-btp", "thong-tu", "20160101", "sử dụng đất theo quyền được giao",
         "su dung dat theo quyen duoc giao"},
        {"Q45/2019/qh14", "XN45/2019/qh14", "luat", "20191120", "bộ luật lao động quyền của người lao động",
         "bo luat lao dong quyen cua nguoi lao dong"},
};
#define N_LAWS (sizeof laws / sizeof laws[0])

static char tmp_root[4096];

static void make_tmp_root(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmp_root, sizeof tmp_root, "%s/tracuu-xc-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmp_root)) {
		perror("mkdtemp");
		exit(1);
	}
}

static const char *tmp_path(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", tmp_root, name);
	return out;
}

/* Add each space-separated word of TEXT with PREFIX at positions 1, 2, ...
 * and, when BIGRAM_PREFIX is set, each pair of neighbours. */
static void add_words(xc_doc *doc, const char *prefix, const char *text, const char *bigram_prefix)
{
	char previous[128] = "";
	uint32_t position = 1;
	tc_error err = {0};
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, " ");
		char term[256];
		int len = snprintf(term, sizeof term, "%s%.*s", prefix, (int)n, p);
		CHECK(xc_doc_add_posting(doc, term, (size_t)len, position++, 1, &err) == TC_OK, "%s",
		      err.message);
		if (bigram_prefix && previous[0]) {
			len = snprintf(term, sizeof term, "%s%s_%.*s", bigram_prefix, previous, (int)n, p);
			CHECK(xc_doc_add_term(doc, term, (size_t)len, 1, &err) == TC_OK, "%s", err.message);
		}
		snprintf(previous, sizeof previous, "%.*s", (int)n, p);
		p += n;
		while (*p == ' ')
			p++;
	}
}

static void build_law(xc_doc *doc, const struct law *law, const char *data)
{
	tc_error err = {0};
	xc_doc_clear(doc);
	add_words(doc, "", law->text, "XB");
	add_words(doc, "XF", law->folded, NULL);
	CHECK(xc_doc_add_term(doc, law->doc_number, strlen(law->doc_number), 0, &err) == TC_OK, "%s",
	      err.message);
	CHECK(xc_doc_add_boolean_term(doc, law->unique_id, strlen(law->unique_id), &err) == TC_OK, "%s",
	      err.message);
	char type_term[64];
	int len = snprintf(type_term, sizeof type_term, "XT%s", law->type);
	CHECK(xc_doc_add_boolean_term(doc, type_term, (size_t)len, &err) == TC_OK, "%s", err.message);
	CHECK(xc_doc_set_value(doc, SLOT_ISSUE_DATE, law->issue_date, strlen(law->issue_date), &err) == TC_OK,
	      "%s", err.message);
	CHECK(xc_doc_set_value(doc, SLOT_TYPE, law->type, strlen(law->type), &err) == TC_OK, "%s",
	      err.message);
	CHECK(xc_doc_set_data(doc, data, strlen(data), &err) == TC_OK, "%s", err.message);
}

static int count_term(void *ctx, const char *term, size_t len)
{
	(void)term, (void)len;
	(*(int *)ctx)++;
	return 0;
}

/* ---- writer ---- */

static void test_writer(const char *db_path)
{
	tc_error err = {0};
	xc_writer *writer = NULL;
	xc_doc *doc = NULL;
	uint32_t count = 0;
	xc_docid docid = 0;

	CHECK(xc_writer_open(db_path, XC_OPEN_CREATE_OR_OVERWRITE, &writer, &err) == TC_OK, "%s",
	      err.message);
	CHECK(xc_doc_new(&doc, &err) == TC_OK, "%s", err.message);
	if (!writer || !doc)
		return;
	for (size_t i = 0; i < N_LAWS; i++) {
		char data[64];
		snprintf(data, sizeof data, "doc:%s", laws[i].unique_id + 1);
		build_law(doc, &laws[i], data);
		CHECK(xc_writer_add(writer, doc, &docid, &err) == TC_OK, "%s", err.message);
		CHECK(docid == i + 1, "docid %u for law %zu", docid, i);
	}
	CHECK(xc_writer_doc_count(writer, &count, &err) == TC_OK && count == 4, "pending count %u", count);
	CHECK(xc_writer_commit(writer, &err) == TC_OK, "%s", err.message);

	/* The pid file names us while we hold the lock. */
	char pid_file[4200];
	snprintf(pid_file, sizeof pid_file, "%s/tracuu-writer.pid", db_path);
	CHECK(access(pid_file, F_OK) == 0, "no pid file at %s", pid_file);

	CHECK(xc_writer_find(writer, "Q57/2020/qh14", &docid, &err) == TC_OK && docid == 2, "find gave %u",
	      docid);
	CHECK(xc_writer_find(writer, "Q99/2099/nđ-cp", &docid, &err) == TC_OK && docid == 0, "find gave %u",
	      docid);

	/* Replace by unique id: same docid, same count, new data. */
	build_law(doc, &laws[1], "doc:57/2020/qh14 v2");
	CHECK(xc_writer_replace(writer, "Q57/2020/qh14", doc, &docid, &err) == TC_OK && docid == 2,
	      "replace gave %u: %s", docid, err.message);
	CHECK(xc_writer_doc_count(writer, &count, &err) == TC_OK && count == 4, "count after replace %u",
	      count);

	/* Replace of an unknown id adds; delete removes; deleting nothing is no error. */
	struct law extra = laws[0];
	extra.unique_id = "Q99/2099/nđ-cp";
	build_law(doc, &extra, "doc:99/2099/nđ-cp");
	CHECK(xc_writer_replace(writer, "Q99/2099/nđ-cp", doc, &docid, &err) == TC_OK && docid == 5,
	      "replace-add gave %u", docid);
	CHECK(xc_writer_doc_count(writer, &count, &err) == TC_OK && count == 5, "count %u", count);
	CHECK(xc_writer_delete(writer, "Q99/2099/nđ-cp", &err) == TC_OK, "%s", err.message);
	CHECK(xc_writer_delete(writer, "Q99/2099/nđ-cp", &err) == TC_OK, "%s", err.message);
	CHECK(xc_writer_doc_count(writer, &count, &err) == TC_OK && count == 4, "count after delete %u",
	      count);

	/* By docid: replace document 3 with itself, add and delete one. */
	build_law(doc, &laws[2], "doc:01/2016/tt-btp");
	CHECK(xc_writer_replace_docid(writer, 3, doc, &err) == TC_OK, "%s", err.message);
	build_law(doc, &extra, "doc:99/2099/nđ-cp");
	CHECK(xc_writer_add(writer, doc, &docid, &err) == TC_OK, "%s", err.message);
	CHECK(xc_writer_delete_docid(writer, docid, &err) == TC_OK, "%s", err.message);
	CHECK(xc_writer_delete_docid(writer, docid, &err) == TC_ERR_NOT_FOUND, "deleting a deleted docid: %d",
	      err.code);
	CHECK(xc_writer_doc_count(writer, &count, &err) == TC_OK && count == 4, "count %u", count);

	char *value = NULL;
	size_t len = 0;
	CHECK(xc_writer_get_value(writer, 1, SLOT_ISSUE_DATE, &value, &len, &err) == TC_OK, "%s",
	      err.message);
	CHECK(value && len == 8 && strcmp(value, "20150514") == 0, "value '%s'", value ? value : "(null)");
	tc_free(value);
	CHECK(xc_writer_get_value(writer, 42, SLOT_ISSUE_DATE, &value, &len, &err) == TC_ERR_NOT_FOUND,
	      "value of a missing docid: %d", err.code);

	int unique_ids = 0;
	CHECK(xc_writer_each_term(writer, "Q", count_term, &unique_ids, &err) == TC_OK, "%s", err.message);
	CHECK(unique_ids == 4, "%d unique ids", unique_ids);

	/* Term checks happen on the document, before Xapian sees the term. */
	char long_term[301];
	memset(long_term, 'a', 300);
	memcpy(long_term, "XBquyền_sử", strlen("XBquyền_sử"));
	long_term[300] = '\0';
	CHECK(xc_doc_add_term(doc, long_term, 300, 1, &err) == TC_ERR_LIMIT, "300-byte term: %d", err.code);
	CHECK(strstr(err.message, "300 bytes") && strstr(err.message, "XBquyền_sử"), "message: %s",
	      err.message);
	CHECK(xc_doc_add_posting(doc, long_term, 300, 1, 1, &err) == TC_ERR_LIMIT, "%d", err.code);
	CHECK(xc_doc_add_boolean_term(doc, long_term, 300, &err) == TC_ERR_LIMIT, "%d", err.code);
	CHECK(xc_doc_add_term(doc, long_term, XC_MAX_TERM_LENGTH, 1, &err) == TC_OK, "245 bytes: %s",
	      err.message);
	CHECK(xc_doc_add_term(doc, "", 0, 1, &err) == TC_ERR_INPUT, "empty term: %d", err.code);

	CHECK(xc_writer_set_metadata(writer, "tracuu.analyzer", "vi-1", 4, &err) == TC_OK, "%s", err.message);
	CHECK(xc_writer_close(writer, 0, &err) == TC_OK, "%s", err.message);
	CHECK(access(pid_file, F_OK) != 0, "pid file left behind at %s", pid_file);

	/* Close with discard drops what was not committed. */
	CHECK(xc_writer_open(db_path, XC_OPEN_EXISTING, &writer, &err) == TC_OK, "%s", err.message);
	if (writer) {
		CHECK(xc_writer_add(writer, doc, NULL, &err) == TC_OK, "%s", err.message);
		CHECK(xc_writer_close(writer, 1, &err) == TC_OK, "%s", err.message);
	}
	CHECK(xc_writer_open(db_path, XC_OPEN_EXISTING, &writer, &err) == TC_OK, "%s", err.message);
	if (writer) {
		CHECK(xc_writer_doc_count(writer, &count, &err) == TC_OK && count == 4,
		      "count after discard %u", count);
		CHECK(xc_writer_close(writer, 0, &err) == TC_OK, "%s", err.message);
	}
	xc_doc_free(doc);
}

/* ---- reader ---- */

struct term_list {
	char terms[16][64];
	uint32_t freqs[16];
	int n;
};

static int collect_term(void *ctx, const char *term, size_t len)
{
	struct term_list *list = ctx;
	if (list->n < 16)
		snprintf(list->terms[list->n++], 64, "%.*s", (int)len, term);
	return 0;
}

static int collect_term_freq(void *ctx, const char *term, size_t len, uint32_t freq)
{
	struct term_list *list = ctx;
	if (list->n < 16) {
		list->freqs[list->n] = freq;
		snprintf(list->terms[list->n++], 64, "%.*s", (int)len, term);
	}
	return 0;
}

static void test_reader(const char *db_path)
{
	tc_error err = {0};
	xc_reader *reader = NULL;
	CHECK(xc_reader_open(db_path, &reader, &err) == TC_OK, "%s", err.message);
	if (!reader)
		return;
	uint32_t count = 0, freq = 0;
	uint64_t collection_freq = 0;
	CHECK(xc_reader_doc_count(reader, &count, &err) == TC_OK && count == 4, "count %u", count);
	double avg = 0;
	CHECK(xc_reader_avg_length(reader, &avg, &err) == TC_OK && avg > 10 && avg < 30, "avg length %g",
	      avg);
	CHECK(xc_reader_term_freq(reader, "quyền", strlen("quyền"), &freq, &err) == TC_OK && freq == 4,
	      "freq(quyền) %u", freq);
	CHECK(xc_reader_term_freq(reader, "XFquyen", 7, &freq, &err) == TC_OK && freq == 4,
	      "freq(XFquyen) %u", freq);
	CHECK(xc_reader_term_freq(reader, "đất", strlen("đất"), &freq, &err) == TC_OK && freq == 2,
	      "freq(đất) %u", freq);
	CHECK(xc_reader_term_freq(reader, "XBquyền_sử", strlen("XBquyền_sử"), &freq, &err) == TC_OK &&
	              freq == 1,
	      "freq(XBquyền_sử) %u", freq);
	CHECK(xc_reader_term_freq(reader, "pháp", strlen("pháp"), &freq, &err) == TC_OK && freq == 0,
	      "freq(pháp) %u", freq);
	CHECK(xc_reader_collection_freq(reader, "lao", 3, &collection_freq, &err) == TC_OK &&
	              collection_freq == 2,
	      "collection freq(lao) %llu", (unsigned long long)collection_freq);

	xc_docid docid = 0;
	CHECK(xc_reader_find(reader, "Q52/2015/nđ-cp", &docid, &err) == TC_OK && docid == 1, "find %u",
	      docid);
	CHECK(xc_reader_find(reader, "Q52/2015/nd-cp", &docid, &err) == TC_OK && docid == 0, "find %u",
	      docid);

	char *bytes = NULL;
	size_t len = 0;
	CHECK(xc_reader_get_data(reader, 2, &bytes, &len, &err) == TC_OK, "%s", err.message);
	CHECK_STR(bytes, "doc:57/2020/qh14 v2");
	tc_free(bytes);
	CHECK(xc_reader_get_data(reader, 99, &bytes, &len, &err) == TC_ERR_NOT_FOUND, "data of docid 99: %d",
	      err.code);
	CHECK(strstr(err.message, "99") != NULL, "message: %s", err.message);
	CHECK(xc_reader_get_value(reader, 4, SLOT_TYPE, &bytes, &len, &err) == TC_OK && len == 4, "%s",
	      err.message);
	CHECK_STR(bytes, "luat");
	tc_free(bytes);
	/* An unset slot reads as empty. */
	CHECK(xc_reader_get_value(reader, 4, 7, &bytes, &len, &err) == TC_OK && len == 0, "%s", err.message);
	tc_free(bytes);

	struct term_list list = {0};
	CHECK(xc_reader_doc_terms(reader, 1, "XN", collect_term, &list, &err) == TC_OK, "%s", err.message);
	CHECK(list.n == 1, "%d XN terms", list.n);
	CHECK_STR(list.terms[0], "XN52/2015/nđ-cp");
	memset(&list, 0, sizeof list);
	CHECK(xc_reader_doc_terms(reader, 1, "XB", collect_term, &list, &err) == TC_OK, "%s", err.message);
	CHECK(list.n == 7, "%d bigrams in doc 1", list.n);

	/* All XN terms: four; capped at two, truncated. */
	int truncated = -1;
	memset(&list, 0, sizeof list);
	CHECK(xc_reader_each_term(reader, "XN", 0, collect_term_freq, &list, &truncated, &err) == TC_OK, "%s",
	      err.message);
	CHECK(list.n == 4 && truncated == 0, "%d terms, truncated %d", list.n, truncated);
	CHECK_STR(list.terms[0], "XN01/2016/tt-btp");
	memset(&list, 0, sizeof list);
	CHECK(xc_reader_each_term(reader, "XFqu", 2, collect_term_freq, &list, &truncated, &err) == TC_OK,
	      "%s", err.message);
	CHECK(list.n == 1 && truncated == 0, "%d terms, truncated %d", list.n, truncated);
	CHECK(list.freqs[0] == 4, "freq %u", list.freqs[0]);
	memset(&list, 0, sizeof list);
	CHECK(xc_reader_each_term(reader, "XN", 2, collect_term_freq, &list, &truncated, &err) == TC_OK, "%s",
	      err.message);
	CHECK(list.n == 2 && truncated == 1, "%d terms, truncated %d", list.n, truncated);

	CHECK(xc_reader_get_metadata(reader, "tracuu.analyzer", &bytes, &len, &err) == TC_OK, "%s",
	      err.message);
	CHECK(len == 4, "metadata length %zu", len);
	CHECK_STR(bytes, "vi-1");
	tc_free(bytes);
	CHECK(xc_reader_get_metadata(reader, "tracuu.missing", &bytes, &len, &err) == TC_OK && len == 0, "%s",
	      err.message);
	tc_free(bytes);

	/* Reopen sees a commit made after the reader opened, and says when
	 * there was none. */
	int changed = -1;
	CHECK(xc_reader_reopen(reader, &changed, &err) == TC_OK && changed == 0, "changed %d", changed);
	xc_writer *writer = NULL;
	CHECK(xc_writer_open(db_path, XC_OPEN_EXISTING, &writer, &err) == TC_OK, "%s", err.message);
	xc_doc *doc = NULL;
	CHECK(xc_doc_new(&doc, &err) == TC_OK, "%s", err.message);
	if (writer && doc) {
		struct law extra = laws[3];
		extra.unique_id = "Q10/2012/qh13";
		build_law(doc, &extra, "doc:10/2012/qh13");
		CHECK(xc_writer_add(writer, doc, NULL, &err) == TC_OK, "%s", err.message);
		CHECK(xc_writer_commit(writer, &err) == TC_OK, "%s", err.message);
		CHECK(xc_reader_doc_count(reader, &count, &err) == TC_OK && count == 4,
		      "count before reopen %u", count);
		CHECK(xc_reader_reopen(reader, &changed, &err) == TC_OK && changed == 1, "changed %d",
		      changed);
		CHECK(xc_reader_doc_count(reader, &count, &err) == TC_OK && count == 5,
		      "count after reopen %u", count);
		CHECK(xc_writer_delete(writer, "Q10/2012/qh13", &err) == TC_OK, "%s", err.message);
		CHECK(xc_writer_close(writer, 0, &err) == TC_OK, "%s", err.message);
		CHECK(xc_reader_reopen(reader, &changed, &err) == TC_OK && changed == 1, "changed %d",
		      changed);
		CHECK(xc_reader_doc_count(reader, &count, &err) == TC_OK && count == 4, "count %u", count);
	}
	xc_doc_free(doc);
	xc_reader_free(reader);
}

/* ---- queries ---- */

static xc_query *term(const char *text)
{
	xc_query *query = NULL;
	tc_error err = {0};
	CHECK(xc_query_term(text, strlen(text), 1, 0, &query, &err) == TC_OK, "%s", err.message);
	return query;
}

static xc_query *combine2(xc_query_op op, xc_query *a, xc_query *b, uint32_t window)
{
	xc_query *parts[2] = {a, b}, *query = NULL;
	tc_error err = {0};
	CHECK(xc_query_combine(op, parts, 2, window, &query, &err) == TC_OK, "%s", err.message);
	xc_query_free(a);
	xc_query_free(b);
	return query;
}

/* The documents that hold any of N TERMS (xc_query_any_term), those of
 * the databases KNOWN (NKNOWN of them) names as given. */
static xc_query *any_term_known(const char *const *terms, size_t n, const xc_known_docs *known, size_t nknown)
{
	size_t lens[8];
	for (size_t i = 0; i < n && i < 8; i++)
		lens[i] = strlen(terms[i]);
	xc_query *query = NULL;
	tc_error err = {0};
	CHECK(xc_query_any_term(terms, lens, n, known, nknown, &query, &err) == TC_OK, "%s", err.message);
	return query;
}

static xc_query *any_term(const char *const *terms, size_t n)
{
	return any_term_known(terms, n, NULL, 0);
}

/* Run QUERY (freed here) and write the matching docids, in rank order, as
 * "1,3" into OUT; with WEIGHTS (16 entries), the weight of each hit at its
 * docid. Returns the status. */
static tc_status run(xc_reader *reader, xc_query *query, char *out, size_t size, double *weights,
                     tc_error *err)
{
	xc_enquire *enquire = NULL;
	xc_mset *mset = NULL;
	out[0] = '\0';
	tc_status status = xc_enquire_new(reader, &enquire, err);
	if (status == TC_OK)
		status = xc_enquire_set_query(enquire, query, err);
	if (status == TC_OK)
		status = xc_enquire_run(enquire, 0, 10, 100, &mset, err);
	if (status == TC_OK) {
		size_t used = 0;
		for (uint32_t i = 0; i < xc_mset_size(mset); i++) {
			used += (size_t)snprintf(out + used, size - used, "%s%u", i ? "," : "",
			                         xc_mset_docid(mset, i));
			if (weights && xc_mset_docid(mset, i) < 16)
				weights[xc_mset_docid(mset, i)] = xc_mset_weight(mset, i);
		}
	}
	xc_mset_free(mset);
	xc_enquire_free(enquire);
	xc_query_free(query);
	return status;
}

static int compare_docid(const void *a, const void *b)
{
	return (int)*(const unsigned *)a - (int)*(const unsigned *)b;
}

/* The hits of QUERY (freed here) in rank order must be WANT. */
static void check_ranked(xc_reader *reader, xc_query *query, const char *want, const char *what)
{
	char got[128];
	tc_error err = {0};
	CHECK(run(reader, query, got, sizeof got, NULL, &err) == TC_OK, "%s: %s", what, err.message);
	CHECK(strcmp(got, want) == 0, "%s: got '%s', want '%s'", what, got, want);
}

/* The hits of QUERY (freed here), in docid order, must be WANT. */
static void check_matches(xc_reader *reader, xc_query *query, const char *want, const char *what)
{
	char got[128], sorted[128] = "";
	tc_error err = {0};
	CHECK(run(reader, query, got, sizeof got, NULL, &err) == TC_OK, "%s: %s", what, err.message);
	unsigned docids[16];
	size_t n = 0, used = 0;
	for (char *p = got; *p && n < 16; p += strspn(p, ","))
		docids[n++] = (unsigned)strtoul(p, &p, 10);
	qsort(docids, n, sizeof docids[0], compare_docid);
	for (size_t i = 0; i < n; i++)
		used += (size_t)snprintf(sorted + used, sizeof sorted - used, "%s%u", i ? "," : "",
		                         docids[i]);
	CHECK(strcmp(sorted, want) == 0, "%s: got '%s', want '%s'", what, sorted, want);
}

static void test_queries(const char *db_path)
{
	tc_error err = {0};
	xc_reader *reader = NULL;
	CHECK(xc_reader_open(db_path, &reader, &err) == TC_OK, "%s", err.message);
	if (!reader)
		return;
	char got[128];

	/* Positions: "quyền sử" is adjacent in doc 1 only; doc 3 has both
	 * four positions apart. */
	check_matches(reader, combine2(XC_OP_PHRASE, term("quyền"), term("sử"), 0), "1", "PHRASE quyền sử");
	check_matches(reader, combine2(XC_OP_PHRASE, term("sử"), term("quyền"), 0), "", "PHRASE sử quyền");
	check_matches(reader, combine2(XC_OP_PHRASE, term("XFquyen"), term("XFsu"), 2), "1",
	              "PHRASE XFquyen XFsu");
	check_matches(reader, combine2(XC_OP_NEAR, term("quyền"), term("sử"), 6), "1,3", "NEAR quyền sử /6");

	check_matches(reader, combine2(XC_OP_AND, term("quyền"), term("đất"), 0), "1,3", "AND");
	check_matches(reader, combine2(XC_OP_AND_NOT, term("quyền"), term("đất"), 0), "2,4", "AND_NOT");
	check_matches(reader, combine2(XC_OP_FILTER, term("quyền"), term("XTluat"), 0), "2,4", "FILTER");
	check_matches(reader, term("XN52/2015/nđ-cp"), "1", "document number");
	/* any of several terms, as a filter: the matches of an OR of them,
	 * weighing nothing (the ranking is the left side's) */
	static const char *const any[] = {"XTluat", "XN52/2015/nđ-cp", "XTnone"};
	check_matches(reader, combine2(XC_OP_FILTER, term("quyền"), any_term(any, 3), 0), "1,2,4",
	              "FILTER any of three terms");
	check_matches(reader, any_term(any, 3), "1,2,4", "any of three terms alone");
	check_matches(reader, any_term(any + 2, 1), "", "any of a term no document holds");
	check_matches(reader, any_term(NULL, 0), "", "any of no term");
	double by_or[16] = {0}, by_any[16] = {0};
	CHECK(run(reader, combine2(XC_OP_FILTER, term("lao"), combine2(XC_OP_OR, term("XTluat"), term("XN52/2015/nđ-cp"), 0), 0),
	          got, sizeof got, by_or, &err) == TC_OK,
	      "%s", err.message);
	char got_any[128];
	CHECK(run(reader, combine2(XC_OP_FILTER, term("lao"), any_term(any, 2), 0), got_any, sizeof got_any, by_any,
	          &err) == TC_OK,
	      "%s", err.message);
	CHECK(!strcmp(got, got_any) && !memcmp(by_or, by_any, sizeof by_or), "FILTER by any: '%s' as by OR: '%s'",
	      got_any, got);
	check_matches(reader, term("XBquyền_sử"), "1", "bigram");

	/* OR: "lao" weighs doc 4 up (wdf 2), so it comes first. */
	check_ranked(reader, combine2(XC_OP_OR, term("lao"), term("niên"), 0), "4,2", "OR");
	xc_query *nothing = NULL;
	CHECK(xc_query_combine(XC_OP_OR, NULL, 0, 0, &nothing, &err) == TC_OK, "%s", err.message);
	check_matches(reader, nothing, "", "empty OR");
	xc_query *everything = NULL;
	CHECK(xc_query_match_all(&everything, &err) == TC_OK, "%s", err.message);
	check_matches(reader, everything, "1,2,3,4", "match all");

	/* AND_MAYBE: the matches of the left side, ranked up by the right. */
	double plain[16] = {0}, maybe[16] = {0};
	CHECK(run(reader, term("XFquyen"), got, sizeof got, plain, &err) == TC_OK, "%s", err.message);
	check_matches(reader, combine2(XC_OP_AND_MAYBE, term("XFquyen"), term("XFdat"), 0), "1,2,3,4",
	              "AND_MAYBE");
	CHECK(run(reader, combine2(XC_OP_AND_MAYBE, term("XFquyen"), term("XFdat"), 0), got, sizeof got,
	          maybe, &err) == TC_OK,
	      "%s", err.message);
	CHECK(strncmp(got, "1,3,", 4) == 0 || strncmp(got, "3,1,", 4) == 0, "AND_MAYBE order %s", got);
	CHECK(maybe[1] > plain[1] && maybe[3] > plain[3], "AND_MAYBE weights %g>%g %g>%g", maybe[1], plain[1],
	      maybe[3], plain[3]);
	CHECK(maybe[2] == plain[2] && maybe[4] == plain[4], "AND_MAYBE weights %g=%g %g=%g", maybe[2],
	      plain[2], maybe[4], plain[4]);

	/* SCALE_WEIGHT multiplies; FILTER adds nothing to the weight. */
	double base[16] = {0}, scaled_w[16] = {0}, filtered[16] = {0};
	CHECK(run(reader, term("đất"), got, sizeof got, base, &err) == TC_OK, "%s", err.message);
	xc_query *dat = term("đất"), *scaled = NULL;
	CHECK(xc_query_scale(dat, 2.5, &scaled, &err) == TC_OK, "%s", err.message);
	CHECK(xc_query_scale(dat, -1, &nothing, &err) == TC_ERR_INPUT, "negative scale: %d", err.code);
	xc_query_free(dat);
	CHECK(run(reader, scaled, got, sizeof got, scaled_w, &err) == TC_OK, "%s", err.message);
	for (int docid = 1; docid <= 3; docid += 2)
		CHECK(base[docid] > 0 && scaled_w[docid] > 2.49 * base[docid] &&
		              scaled_w[docid] < 2.51 * base[docid],
		      "doc %d scaled %g vs %g", docid, scaled_w[docid], base[docid]);
	check_matches(reader, combine2(XC_OP_FILTER, term("đất"), term("Y2015"), 0), "",
	              "no Y terms indexed");
	CHECK(run(reader, combine2(XC_OP_FILTER, term("đất"), term("XTnghi-dinh"), 0), got, sizeof got,
	          filtered, &err) == TC_OK,
	      "%s", err.message);
	CHECK(strcmp(got, "1") == 0 && filtered[1] > base[1] - 1e-9 && filtered[1] < base[1] + 1e-9,
	      "FILTER %s weight %g vs %g", got, filtered[1], base[1]);

	/* Value ranges on the issue date (YYYYMMDD). */
	xc_query *range = NULL;
	CHECK(xc_query_value_range(SLOT_ISSUE_DATE, "20150101", "20161231", &range, &err) == TC_OK, "%s",
	      err.message);
	check_matches(reader, range, "1,3", "2015-2016");
	CHECK(xc_query_value_range(SLOT_ISSUE_DATE, "20190101", NULL, &range, &err) == TC_OK, "%s",
	      err.message);
	check_matches(reader, range, "2,4", "since 2019");
	CHECK(xc_query_value_range(SLOT_ISSUE_DATE, NULL, "20151231", &range, &err) == TC_OK, "%s",
	      err.message);
	check_matches(reader, range, "1", "until 2015");

	/* Wildcards: XFqu* is one term; XN* is four, over a cap of two. */
	xc_query *wild = NULL;
	CHECK(xc_query_wildcard("XFqu", 2, &wild, &err) == TC_OK, "%s", err.message);
	check_matches(reader, wild, "1,2,3,4", "XFqu*");
	CHECK(xc_query_wildcard("XN", 2, &wild, &err) == TC_OK, "%s", err.message);
	CHECK(run(reader, wild, got, sizeof got, NULL, &err) == TC_ERR_LIMIT, "XN* over its cap: %d %s",
	      err.code, err.message);
	CHECK(strstr(err.message, "XN") != NULL, "message: %s", err.message);
	CHECK(xc_query_wildcard("XN", 10, &wild, &err) == TC_OK, "%s", err.message);
	check_matches(reader, wild, "1,2,3,4", "XN* under its cap");

	/* Clone and describe. */
	xc_query *original = combine2(XC_OP_AND, term("quyền"), term("XFdat"), 0), *copy = NULL;
	CHECK(xc_query_clone(original, &copy, &err) == TC_OK, "%s", err.message);
	xc_query_free(original);
	char *description = copy ? xc_query_describe(copy) : NULL;
	CHECK(description && strstr(description, "quyền") && strstr(description, "AND"), "description %s",
	      description ? description : "(null)");
	tc_free(description);
	check_matches(reader, copy, "1,3", "clone");

	xc_reader_free(reader);
}

/* ---- enquire: ranking, sorting, collapsing, facets, counts ---- */

struct facet {
	char values[8][32];
	uint32_t counts[8];
	int n;
};

static int collect_facet(void *ctx, const char *value, size_t len, uint32_t count)
{
	struct facet *facet = ctx;
	if (facet->n < 8) {
		snprintf(facet->values[facet->n], 32, "%.*s", (int)len, value);
		facet->counts[facet->n++] = count;
	}
	return 0;
}

static void test_enquire(const char *db_path)
{
	tc_error err = {0};
	xc_reader *reader = NULL;
	xc_enquire *enquire = NULL;
	xc_query *all = NULL;
	xc_mset *mset = NULL;
	CHECK(xc_reader_open(db_path, &reader, &err) == TC_OK, "%s", err.message);
	CHECK(reader && xc_enquire_new(reader, &enquire, &err) == TC_OK, "%s", err.message);
	CHECK(xc_query_match_all(&all, &err) == TC_OK, "%s", err.message);
	if (!enquire || !all)
		goto out;
	CHECK(xc_enquire_set_query(enquire, all, &err) == TC_OK, "%s", err.message);

	/* Sort by issue date, both ways. */
	CHECK(xc_enquire_set_sort(enquire, SLOT_ISSUE_DATE, 0, &err) == TC_OK, "%s", err.message);
	CHECK(xc_enquire_run(enquire, 0, 10, 10, &mset, &err) == TC_OK, "%s", err.message);
	if (mset) {
		const char *want[] = {"20150514", "20160101", "20191120", "20200616"};
		CHECK(xc_mset_size(mset) == 4, "size %u", xc_mset_size(mset));
		for (uint32_t i = 0; i < xc_mset_size(mset) && i < 4; i++) {
			char *date = NULL;
			size_t len = 0;
			CHECK(xc_mset_value(mset, i, SLOT_ISSUE_DATE, &date, &len, &err) == TC_OK, "%s",
			      err.message);
			CHECK(date && strcmp(date, want[i]) == 0, "hit %u date %s want %s", i,
			      date ? date : "-", want[i]);
			tc_free(date);
		}
		char *data = NULL;
		size_t len = 0;
		CHECK(xc_mset_data(mset, 0, &data, &len, &err) == TC_OK, "%s", err.message);
		CHECK_STR(data, "doc:52/2015/nđ-cp");
		tc_free(data);
		CHECK(xc_mset_data(mset, 4, &data, &len, &err) == TC_ERR_NOT_FOUND, "hit 4 of 4: %d",
		      err.code);
		CHECK(xc_mset_docid(mset, 4) == 0, "docid past the end");
	}
	xc_mset_free(mset);
	CHECK(xc_enquire_set_sort(enquire, SLOT_ISSUE_DATE, 1, &err) == TC_OK, "%s", err.message);
	CHECK(xc_enquire_run(enquire, 0, 1, 10, &mset, &err) == TC_OK, "%s", err.message);
	CHECK(mset && xc_mset_docid(mset, 0) == 2, "newest first: %u", xc_mset_docid(mset, 0));
	xc_mset_free(mset);
	CHECK(xc_enquire_set_sort(enquire, -1, 0, &err) == TC_OK, "%s", err.message);

	/* Collapse on the type: one hit per type, three types. */
	CHECK(xc_enquire_set_collapse(enquire, SLOT_TYPE, 1, &err) == TC_OK, "%s", err.message);
	CHECK(xc_enquire_run(enquire, 0, 10, 10, &mset, &err) == TC_OK, "%s", err.message);
	CHECK(mset && xc_mset_size(mset) == 3, "collapsed size %u", xc_mset_size(mset));
	xc_mset_free(mset);
	CHECK(xc_enquire_set_collapse(enquire, -1, 0, &err) == TC_OK, "%s", err.message);

	/* Facets: counts per type over every match, the same on a second run. */
	int spy = -1;
	struct facet facet = {0};
	CHECK(xc_enquire_add_value_spy(enquire, SLOT_TYPE, &spy, &err) == TC_OK && spy == 0, "spy %d", spy);
	CHECK(xc_enquire_spy_values(enquire, spy, 10, collect_facet, &facet, &err) == TC_ERR_INPUT,
	      "spy before a run: %d", err.code);
	for (int pass = 0; pass < 2; pass++) {
		CHECK(xc_enquire_run(enquire, 0, 1, 4, &mset, &err) == TC_OK, "%s", err.message);
		xc_mset_free(mset);
		memset(&facet, 0, sizeof facet);
		CHECK(xc_enquire_spy_values(enquire, spy, 10, collect_facet, &facet, &err) == TC_OK, "%s",
		      err.message);
		CHECK(facet.n == 3, "%d facet values", facet.n);
		CHECK_STR(facet.values[0], "luat");
		CHECK(facet.counts[0] == 2 && facet.counts[1] == 1 && facet.counts[2] == 1, "counts %u %u %u",
		      facet.counts[0], facet.counts[1], facet.counts[2]);
	}
	memset(&facet, 0, sizeof facet);
	CHECK(xc_enquire_spy_values(enquire, spy, 1, collect_facet, &facet, &err) == TC_OK && facet.n == 1,
	      "capped facets: %d", facet.n);
	CHECK(xc_enquire_spy_values(enquire, 5, 10, collect_facet, &facet, &err) == TC_ERR_INPUT, "spy 5: %d",
	      err.code);

	/* Exact counts with check_at_least, on a term query. */
	xc_query *quyen = term("quyền");
	CHECK(xc_enquire_set_query(enquire, quyen, &err) == TC_OK, "%s", err.message);
	xc_query_free(quyen);
	CHECK(xc_enquire_run(enquire, 0, 1, 4, &mset, &err) == TC_OK, "%s", err.message);
	CHECK(mset && xc_mset_size(mset) == 1, "size %u", xc_mset_size(mset));
	CHECK(xc_mset_matches_lower(mset) == 4 && xc_mset_matches_upper(mset) == 4 &&
	              xc_mset_matches_estimated(mset) == 4,
	      "matches %u..%u ~%u", xc_mset_matches_lower(mset), xc_mset_matches_upper(mset),
	      xc_mset_matches_estimated(mset));
	xc_mset_free(mset);

	/* Boolean weighting: every weight is 0. */
	CHECK(xc_enquire_set_bool_weight(enquire, &err) == TC_OK, "%s", err.message);
	CHECK(xc_enquire_run(enquire, 0, 10, 10, &mset, &err) == TC_OK, "%s", err.message);
	CHECK(mset && xc_mset_size(mset) == 4 && xc_mset_weight(mset, 0) == 0.0, "bool weight %g",
	      xc_mset_weight(mset, 0));
	xc_mset_free(mset);
	xc_bm25_params bad = {-1, 0, 1, 0.5, 0.5};
	CHECK(xc_enquire_set_bm25(enquire, &bad, &err) == TC_ERR_INPUT && strstr(err.message, "k1"),
	      "bad k1: %d %s", err.code, err.message);
out:
	xc_query_free(all);
	xc_enquire_free(enquire);
	xc_reader_free(reader);
}

/* BM25's length normalisation decides between a short document with one
 * "quyền" and a long one with five: b = 0 favours the long one, b = 1 with a
 * large k1 the short one. */
static void test_bm25(const char *db_path)
{
	tc_error err = {0};
	xc_writer *writer = NULL;
	xc_doc *doc = NULL;
	CHECK(xc_writer_open(db_path, XC_OPEN_CREATE_OR_OVERWRITE, &writer, &err) == TC_OK, "%s",
	      err.message);
	CHECK(xc_doc_new(&doc, &err) == TC_OK, "%s", err.message);
	if (!writer || !doc) {
		xc_writer_close(writer, 1, NULL);
		xc_doc_free(doc);
		return;
	}
	CHECK(xc_doc_add_term(doc, "quyền", strlen("quyền"), 1, &err) == TC_OK, "%s", err.message);
	CHECK(xc_doc_add_term(doc, "đất", strlen("đất"), 1, &err) == TC_OK, "%s", err.message);
	CHECK(xc_writer_add(writer, doc, NULL, &err) == TC_OK, "%s", err.message);
	xc_doc_clear(doc);
	CHECK(xc_doc_add_term(doc, "quyền", strlen("quyền"), 5, &err) == TC_OK, "%s", err.message);
	CHECK(xc_doc_add_term(doc, "luật", strlen("luật"), 95, &err) == TC_OK, "%s", err.message);
	CHECK(xc_writer_add(writer, doc, NULL, &err) == TC_OK, "%s", err.message);
	/* A third document without "quyền" keeps its idf positive. */
	xc_doc_clear(doc);
	CHECK(xc_doc_add_term(doc, "đất", strlen("đất"), 1, &err) == TC_OK, "%s", err.message);
	CHECK(xc_writer_add(writer, doc, NULL, &err) == TC_OK, "%s", err.message);
	CHECK(xc_writer_close(writer, 0, &err) == TC_OK, "%s", err.message);
	xc_doc_free(doc);

	xc_reader *reader = NULL;
	xc_enquire *enquire = NULL;
	xc_mset *mset = NULL;
	CHECK(xc_reader_open(db_path, &reader, &err) == TC_OK, "%s", err.message);
	CHECK(reader && xc_enquire_new(reader, &enquire, &err) == TC_OK, "%s", err.message);
	if (enquire) {
		xc_query *quyen = term("quyền");
		CHECK(xc_enquire_set_query(enquire, quyen, &err) == TC_OK, "%s", err.message);
		xc_query_free(quyen);
		xc_bm25_params no_length = {10, 0, 1, 0, 0.01}, full_length = {10, 0, 1, 1, 0.01};
		CHECK(xc_enquire_set_bm25(enquire, &no_length, &err) == TC_OK, "%s", err.message);
		CHECK(xc_enquire_run(enquire, 0, 10, 10, &mset, &err) == TC_OK, "%s", err.message);
		CHECK(mset && xc_mset_size(mset) == 2 && xc_mset_docid(mset, 0) == 2, "b=0: first %u",
		      xc_mset_docid(mset, 0));
		xc_mset_free(mset);
		CHECK(xc_enquire_set_bm25(enquire, &full_length, &err) == TC_OK, "%s", err.message);
		CHECK(xc_enquire_run(enquire, 0, 10, 10, &mset, &err) == TC_OK, "%s", err.message);
		CHECK(mset && xc_mset_size(mset) == 2 && xc_mset_docid(mset, 0) == 1, "b=1: first %u",
		      xc_mset_docid(mset, 0));
		xc_mset_free(mset);
		CHECK(xc_enquire_set_bm25(enquire, NULL, &err) == TC_OK, "defaults: %s", err.message);
	}
	xc_enquire_free(enquire);
	xc_reader_free(reader);
}

/* A reader left behind by two commits meets Xapian's DatabaseModifiedError;
 * xc_enquire_run reopens and answers from the latest revision. */
static void write_generation(xc_writer *writer, xc_doc *doc, char generation, int replace)
{
	tc_error err = {0};
	char data[128], unique_id[32];
	memset(data, generation, sizeof data);
	for (xc_docid i = 1; i <= 2000; i++) {
		int len = snprintf(unique_id, sizeof unique_id, "Q%u/2015/nđ-cp-%c", i, generation);
		xc_doc_clear(doc);
		CHECK(xc_doc_add_term(doc, "quyền", strlen("quyền"), 1, &err) == TC_OK, "%s", err.message);
		CHECK(xc_doc_add_boolean_term(doc, unique_id, (size_t)len, &err) == TC_OK, "%s", err.message);
		CHECK(xc_doc_set_data(doc, data, sizeof data, &err) == TC_OK, "%s", err.message);
		if (replace)
			CHECK(xc_writer_replace_docid(writer, i, doc, &err) == TC_OK, "%s", err.message);
		else
			CHECK(xc_writer_add(writer, doc, NULL, &err) == TC_OK, "%s", err.message);
	}
	CHECK(xc_writer_commit(writer, &err) == TC_OK, "%s", err.message);
}

static void test_modified(void)
{
	tc_error err = {0};
	char path[4200];
	tmp_path(path, sizeof path, "modified");
	xc_writer *writer = NULL;
	xc_reader *reader = NULL;
	xc_enquire *enquire = NULL;
	xc_mset *mset = NULL;
	xc_doc *doc = NULL;
	xc_query *quyen = NULL;
	CHECK(xc_writer_open(path, XC_OPEN_CREATE_OR_OVERWRITE, &writer, &err) == TC_OK, "%s", err.message);
	CHECK(xc_doc_new(&doc, &err) == TC_OK, "%s", err.message);
	if (!writer || !doc)
		goto out;
	write_generation(writer, doc, 'a', 0);
	CHECK(xc_reader_open(path, &reader, &err) == TC_OK, "%s", err.message);
	if (!reader)
		goto out;
	CHECK(xc_enquire_new(reader, &enquire, &err) == TC_OK, "%s", err.message);
	quyen = term("quyền");
	CHECK(enquire && xc_enquire_set_query(enquire, quyen, &err) == TC_OK, "%s", err.message);
	for (char generation = 'b'; generation <= 'd'; generation++)
		write_generation(writer, doc, generation, 1);
	if (enquire) {
		CHECK(xc_enquire_run(enquire, 0, 10, 10, &mset, &err) == TC_OK, "after three commits: %s",
		      err.message);
		char *data = NULL;
		size_t len = 0;
		CHECK(mset && xc_mset_data(mset, 0, &data, &len, &err) == TC_OK && len == 128 &&
		              data[0] == 'd',
		      "hit from the latest revision: %s", data ? data : err.message);
		tc_free(data);
		xc_mset_free(mset);
	}
	xc_docid docid = 0;
	CHECK(xc_reader_find(reader, "Q7/2015/nđ-cp-d", &docid, &err) == TC_OK && docid == 7, "find %u: %s",
	      docid, err.message);
out:
	xc_query_free(quyen);
	xc_enquire_free(enquire);
	xc_reader_free(reader);
	xc_doc_free(doc);
	CHECK(xc_writer_close(writer, 0, &err) == TC_OK, "%s", err.message);
}

/* ---- compaction, several databases as one, the stock baseline ---- */

static void test_compact_and_union(const char *db_path, const char *bm25_path)
{
	tc_error err = {0};
	char compact_path[4200], both[8500];
	tmp_path(compact_path, sizeof compact_path, "compact");
	CHECK(xc_compact(db_path, compact_path, &err) == TC_OK, "%s", err.message);
	xc_reader *reader = NULL;
	uint32_t count = 0, freq = 0;
	CHECK(xc_reader_open(compact_path, &reader, &err) == TC_OK, "%s", err.message);
	CHECK(reader && xc_reader_doc_count(reader, &count, &err) == TC_OK && count == 4,
	      "compacted count %u", count);
	CHECK(reader && xc_reader_term_freq(reader, "quyền", strlen("quyền"), &freq, &err) == TC_OK &&
	              freq == 4,
	      "compacted freq %u", freq);
	xc_reader_free(reader);

	snprintf(both, sizeof both, "%s:%s", db_path, bm25_path);
	CHECK(xc_reader_open(both, &reader, &err) == TC_OK, "%s", err.message);
	CHECK(reader && xc_reader_doc_count(reader, &count, &err) == TC_OK && count == 7, "union count %u",
	      count);
	CHECK(reader && xc_reader_term_freq(reader, "quyền", strlen("quyền"), &freq, &err) == TC_OK &&
	              freq == 6,
	      "union freq %u", freq);
	/* any of several terms over two databases: each reads them in its own */
	if (reader) {
		static const char *const any[] = {"quyền", "XTnone"};
		char by_term[128], by_any[128];
		CHECK(run(reader, term("quyền"), by_term, sizeof by_term, NULL, &err) == TC_OK, "%s", err.message);
		xc_query *all = NULL;
		CHECK(xc_query_match_all(&all, &err) == TC_OK, "%s", err.message);
		CHECK(run(reader, combine2(XC_OP_FILTER, all, any_term(any, 2), 0), by_any, sizeof by_any, NULL,
		          &err) == TC_OK,
		      "%s", err.message);
		size_t commas = 0;
		for (const char *c = by_any; *c; c++)
			commas += *c == ',';
		CHECK(commas == 5, "union: any of the terms matches the 6 that hold one: '%s' ('%s' by the term)",
		      by_any, by_term);
		/* the first database's documents given (its 2 and 4: 3 and 7
		 * in the union), the second's read by the term (its 1 and 2:
		 * 2 and 4); given none, none of the first's */
		xc_reader *first = NULL;
		char *uuid = NULL;
		CHECK(xc_reader_open(db_path, &first, &err) == TC_OK && xc_reader_uuid(first, &uuid, &err) == TC_OK &&
		              uuid && strlen(uuid) == 36,
		      "uuid: %s", err.message);
		static const xc_docid given[] = {4, 2};
		xc_known_docs known = {.uuid = uuid ? uuid : "", .docids = given, .n = 2};
		CHECK(xc_query_match_all(&all, &err) == TC_OK, "%s", err.message);
		check_matches(reader, combine2(XC_OP_FILTER, all, any_term_known(any, 2, &known, 1), 0), "2,3,4,7",
		              "union: the first's documents given");
		known.n = 0;
		CHECK(xc_query_match_all(&all, &err) == TC_OK, "%s", err.message);
		check_matches(reader, combine2(XC_OP_FILTER, all, any_term_known(any, 2, &known, 1), 0), "2,4",
		              "union: none of the first's given");
		/* an empty UUID names no database: both read the terms */
		known.uuid = "";
		CHECK(xc_query_match_all(&all, &err) == TC_OK, "%s", err.message);
		check_matches(reader, combine2(XC_OP_FILTER, all, any_term_known(any, 2, &known, 1), 0),
		              "1,2,3,4,5,7", "union: an empty UUID");
		tc_free(uuid);
		xc_reader_free(first);
	}
	xc_reader_free(reader);

	char missing[4200];
	tmp_path(missing, sizeof missing, "missing");
	snprintf(both, sizeof both, "%s:%s", db_path, missing);
	CHECK(xc_reader_open(both, &reader, &err) == TC_ERR_NOT_FOUND, "union with a missing one: %d",
	      err.code);
	CHECK(strstr(err.message, missing) != NULL, "message names the missing one: %s", err.message);
	snprintf(both, sizeof both, "%s:", db_path);
	CHECK(xc_reader_open(both, &reader, &err) == TC_ERR_INPUT, "trailing ':': %d", err.code);
	CHECK(xc_compact(missing, compact_path, &err) == TC_ERR_NOT_FOUND, "compact a missing index: %d",
	      err.code);
}

static void test_stock(void)
{
	tc_error err = {0};
	char path[4200];
	tmp_path(path, sizeof path, "stock");
	xc_writer *writer = NULL;
	xc_doc *doc = NULL;
	const char *texts[] = {"Nhà nước giao đất, cho thuê đất, công nhận quyền sử dụng đất.",
	                       "Thanh niên có quyền và nghĩa vụ học tập."};
	CHECK(xc_writer_open(path, XC_OPEN_CREATE_OR_OVERWRITE, &writer, &err) == TC_OK, "%s", err.message);
	CHECK(xc_doc_new(&doc, &err) == TC_OK, "%s", err.message);
	if (!writer || !doc) {
		xc_writer_close(writer, 1, NULL);
		xc_doc_free(doc);
		return;
	}
	for (int i = 0; i < 2; i++) {
		xc_doc_clear(doc);
		CHECK(xc_stock_index_text(doc, texts[i], strlen(texts[i]), 1, &err) == TC_OK, "%s",
		      err.message);
		CHECK(xc_writer_add(writer, doc, NULL, &err) == TC_OK, "%s", err.message);
	}
	CHECK(xc_writer_close(writer, 0, &err) == TC_OK, "%s", err.message);
	xc_doc_free(doc);

	xc_reader *reader = NULL;
	CHECK(xc_reader_open(path, &reader, &err) == TC_OK, "%s", err.message);
	if (!reader)
		return;
	uint32_t freq = 0;
	/* TermGenerator lowercases: "Thanh" is found as "thanh". */
	CHECK(xc_reader_term_freq(reader, "thanh", 5, &freq, &err) == TC_OK && freq == 1, "freq(thanh) %u",
	      freq);
	xc_query *query = NULL;
	CHECK(xc_stock_parse_query(reader, "Đất", &query, &err) == TC_OK, "%s", err.message);
	if (query)
		check_matches(reader, query, "1", "stock: đất");
	/* Default operator OR: either word is enough, both rank first. */
	CHECK(xc_stock_parse_query(reader, "nghĩa vụ đất", &query, &err) == TC_OK, "%s", err.message);
	if (query)
		check_ranked(reader, query, "2,1", "stock: nghĩa vụ đất");
	CHECK(xc_stock_parse_query(reader, "\"quyền sử dụng\"", &query, &err) == TC_OK, "%s", err.message);
	if (query)
		check_matches(reader, query, "1", "stock phrase");
	xc_reader_free(reader);
}

/* A kill while Xapian creates a database leaves its directory with table
 * files and no version file; opening to create or open makes it again. */
static void test_interrupted_creation(void)
{
	tc_error err = {0};
	char path[4200], file[4300];
	tmp_path(path, sizeof path, "interrupted");
	CHECK(mkdir(path, 0755) == 0, "mkdir %s", path);
	const char *left[] = {"flintlock", "postlist.glass", "v.tmp"};
	for (size_t i = 0; i < sizeof left / sizeof *left; i++) {
		snprintf(file, sizeof file, "%s/%s", path, left[i]);
		FILE *f = fopen(file, "w");
		CHECK(f != NULL, "create %s", file);
		if (f)
			fclose(f);
	}
	xc_reader *reader = NULL;
	CHECK(xc_reader_open(path, &reader, &err) != TC_OK, "a half-created database opened for reading");
	xc_reader_free(reader);
	reader = NULL;
	xc_writer *writer = NULL;
	CHECK(xc_writer_open(path, XC_OPEN_CREATE_OR_OPEN, &writer, &err) == TC_OK,
	      "a half-created database is made again: %s", err.message);
	if (writer)
		CHECK(xc_writer_close(writer, 0, &err) == TC_OK, "%s", err.message);
	CHECK(xc_reader_open(path, &reader, &err) == TC_OK, "%s", err.message);
	xc_reader_free(reader);
}

/* ---- error paths ---- */

static void test_errors(const char *db_path)
{
	tc_error err = {0};
	char path[4200];
	xc_reader *reader = NULL;
	xc_writer *writer = NULL, *second = NULL;

	/* A missing index, for reading and for writing without create. */
	tmp_path(path, sizeof path, "nowhere");
	CHECK(xc_reader_open(path, &reader, &err) == TC_ERR_NOT_FOUND && !reader, "missing: %d", err.code);
	CHECK(strstr(err.message, path) && strstr(err.message, "tracuu index"), "message: %s", err.message);
	CHECK(xc_writer_open(path, XC_OPEN_EXISTING, &writer, &err) == TC_ERR_NOT_FOUND && !writer,
	      "missing for writing: %d %s", err.code, err.message);
	CHECK(strstr(err.message, path) != NULL, "message: %s", err.message);

	/* An empty directory is no index either. */
	tmp_path(path, sizeof path, "empty");
	CHECK(mkdir(path, 0755) == 0, "mkdir %s", path);
	CHECK(xc_reader_open(path, &reader, &err) == TC_ERR_NOT_FOUND, "empty dir: %d %s", err.code,
	      err.message);

	/* A file where a database should be: an error that names it. */
	tmp_path(path, sizeof path, "garbage");
	FILE *f = fopen(path, "w");
	CHECK(f != NULL, "cannot write %s", path);
	if (f) {
		fputs("Nghị định 52/2015/NĐ-CP\nnot a database\n", f);
		fclose(f);
	}
	CHECK(xc_reader_open(path, &reader, &err) != TC_OK && !reader, "garbage opened");
	CHECK(strstr(err.message, path) != NULL, "message: %s", err.message);
	CHECK(xc_writer_open(path, XC_OPEN_CREATE_OR_OPEN, &writer, &err) != TC_OK && !writer,
	      "garbage opened for writing");
	CHECK(strstr(err.message, path) && strstr(err.message, "for writing"), "message: %s", err.message);
	char inside[4300];
	snprintf(inside, sizeof inside, "%s/docs", path);
	CHECK(xc_writer_open(inside, XC_OPEN_CREATE_OR_OPEN, &writer, &err) != TC_OK && !writer,
	      "database under a file");

	/* A database directory with garbage tables. */
	tmp_path(path, sizeof path, "broken");
	CHECK(mkdir(path, 0755) == 0, "mkdir %s", path);
	snprintf(inside, sizeof inside, "%s/iamglass", path);
	f = fopen(inside, "w");
	if (f) {
		fputs("garbage", f);
		fclose(f);
	}
	CHECK(xc_reader_open(path, &reader, &err) != TC_OK && !reader, "broken database opened");
	CHECK(err.message[0] != '\0' && strstr(err.message, path), "message: %s", err.message);

	/* The lock: the second writer is told our pid. */
	CHECK(xc_writer_open(db_path, XC_OPEN_EXISTING, &writer, &err) == TC_OK, "%s", err.message);
	if (writer) {
		char want[64];
		snprintf(want, sizeof want, "locked by pid %ld", (long)getpid());
		CHECK(xc_writer_open(db_path, XC_OPEN_CREATE_OR_OPEN, &second, &err) == TC_ERR_LOCKED &&
		              !second,
		      "second writer: %d %s", err.code, err.message);
		CHECK(strstr(err.message, want) && strstr(err.message, db_path), "message: %s", err.message);
		/* Without the pid file, the message still says what is wrong. */
		snprintf(inside, sizeof inside, "%s/tracuu-writer.pid", db_path);
		CHECK(unlink(inside) == 0, "unlink %s", inside);
		CHECK(xc_writer_open(db_path, XC_OPEN_EXISTING, &second, &err) == TC_ERR_LOCKED, "%d",
		      err.code);
		CHECK(strstr(err.message, "locked by another writer") && strstr(err.message, db_path),
		      "message: %s", err.message);
		/* Readers are not blocked by the writer. */
		CHECK(xc_reader_open(db_path, &reader, &err) == TC_OK, "%s", err.message);
		xc_reader_free(reader);
		CHECK(xc_writer_close(writer, 0, &err) == TC_OK, "%s", err.message);
	}
	CHECK(xc_writer_open(db_path, XC_OPEN_EXISTING, &second, &err) == TC_OK, "after close: %s",
	      err.message);
	CHECK(xc_writer_close(second, 0, &err) == TC_OK, "%s", err.message);
	CHECK(xc_writer_close(NULL, 0, &err) == TC_OK, "closing NULL");

	/* Bad arguments are reported, not passed on to Xapian. */
	CHECK(xc_writer_open(db_path, XC_OPEN_EXISTING, &writer, &err) == TC_OK, "%s", err.message);
	if (writer) {
		xc_doc *doc = NULL;
		CHECK(xc_doc_new(&doc, &err) == TC_OK, "%s", err.message);
		CHECK(xc_writer_replace(writer, "", doc, NULL, &err) == TC_ERR_INPUT, "empty unique id: %d",
		      err.code);
		CHECK(xc_writer_set_metadata(writer, "", "x", 1, &err) == TC_ERR_INPUT, "empty key: %d",
		      err.code);
		xc_doc_free(doc);
		CHECK(xc_writer_close(writer, 1, &err) == TC_OK, "%s", err.message);
	}
}

/* Every handle comes from the tracuu allocator: failing it is reported as
 * TC_ERR_NOMEM and leaks nothing (ASan checks the leaks). */
static void test_alloc_failure(const char *db_path)
{
	tc_error err = {0};
	xc_reader *reader = NULL;
	CHECK(xc_reader_open(db_path, &reader, &err) == TC_OK, "%s", err.message);
	if (!reader)
		return;
	int failures = 0;
	for (long n = 1; n < 50; n++) {
		xc_query *query = NULL;
		xc_enquire *enquire = NULL;
		xc_mset *mset = NULL;
		char *data = NULL;
		size_t len = 0;
		tc_alloc_fail_after(n);
		tc_status status = xc_query_term("quyền", strlen("quyền"), 1, 0, &query, &err);
		if (status == TC_OK)
			status = xc_enquire_new(reader, &enquire, &err);
		if (status == TC_OK)
			status = xc_enquire_set_query(enquire, query, &err);
		if (status == TC_OK)
			status = xc_enquire_run(enquire, 0, 10, 10, &mset, &err);
		if (status == TC_OK)
			status = xc_mset_data(mset, 0, &data, &len, &err);
		if (status == TC_OK) {
			tc_free(data);
			data = NULL;
			status = xc_reader_get_data(reader, 1, &data, &len, &err);
		}
		tc_alloc_fail_after(0);
		tc_free(data);
		xc_mset_free(mset);
		xc_enquire_free(enquire);
		xc_query_free(query);
		if (status == TC_OK)
			break;
		failures++;
		CHECK(status == TC_ERR_NOMEM, "allocation %ld: %d %s", n, status, err.message);
		CHECK(strstr(err.message, "out of memory") != NULL, "message: %s", err.message);
	}
	CHECK(failures >= 4, "only %d allocations could fail", failures);
	xc_reader_free(reader);
}

/* Writers buffer few documents before Xapian merges them (xapian-c.cc,
 * XC_FLUSH_THRESHOLD): the layer sets it before main, and a value the
 * environment gives wins. */
static void test_flush_threshold(void)
{
	const char *given = getenv("XAPIAN_FLUSH_THRESHOLD");
	CHECK(given && atoi(given) > 0, "XAPIAN_FLUSH_THRESHOLD is set (%s)", given ? given : "unset");
}

int main(void)
{
	test_flush_threshold();
	make_tmp_root();
	char docs[4200], bm25[4200];
	tmp_path(docs, sizeof docs, "docs");
	tmp_path(bm25, sizeof bm25, "bm25");

	test_writer(docs);
	test_reader(docs);
	test_queries(docs);
	test_enquire(docs);
	test_bm25(bm25);
	test_compact_and_union(docs, bm25);
	test_modified();
	test_stock();
	test_interrupted_creation();
	test_errors(docs);
	test_alloc_failure(docs);

	tc_remove_tree(tmp_root);
	return check_done("xapian-c");
}
