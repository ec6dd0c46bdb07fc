/* xapian-c.h - a C API over Xapian 1.4, in the manner of notmuch.
 *
 * Opaque handles; every call that can fail returns an xc_status and fills a
 * caller-owned tc_error (common.h) with a message. No C++ exception crosses
 * this header: each entry point catches Xapian::Error, std::bad_alloc and
 * everything else. This is the only module that includes Xapian headers.
 *
 * Thread rules (Xapian's): a handle may be used by one thread at a time;
 * separate readers on one database may be used by separate threads.
 *
 * Ownership: objects returned through an out-parameter belong to the caller
 * and are released with their _free call. Queries are immutable values:
 * combining queries copies what it needs, so the caller still frees the
 * arguments. Strings returned by reference are valid until the next call on
 * the same handle unless said otherwise. */
#ifndef XC_XAPIAN_C_H
#define XC_XAPIAN_C_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef tc_status xc_status; /* TC_OK, TC_ERR_* (common.h) */
typedef uint32_t xc_docid;   /* Xapian::docid; 0 is never a document */

typedef struct xc_writer xc_writer;
typedef struct xc_reader xc_reader;
typedef struct xc_doc xc_doc;
typedef struct xc_query xc_query;
typedef struct xc_enquire xc_enquire;
typedef struct xc_mset xc_mset;

/* Xapian's longest term is 245 bytes; longer terms get TC_ERR_LIMIT. */
#define XC_MAX_TERM_LENGTH 245

/* ---- writer ---- */

typedef enum xc_open_mode {
	XC_OPEN_CREATE_OR_OPEN = 0, /* create if missing */
	XC_OPEN_CREATE_OR_OVERWRITE,
	XC_OPEN_EXISTING,           /* TC_ERR_NOT_FOUND if missing */
} xc_open_mode;

/* Open PATH for writing. TC_ERR_LOCKED if another writer holds the lock:
 * the message then names the holder's pid when it can be found. */
xc_status xc_writer_open(const char *path, xc_open_mode mode, xc_writer **writer, tc_error *err);
/* Add DOC; *DOCID (may be NULL) receives its id. */
xc_status xc_writer_add(xc_writer *writer, const xc_doc *doc, xc_docid *docid, tc_error *err);
/* Replace the document indexed by the unique term UNIQUE_TERM (add it if
 * none): Xapian's replace_document(term, doc). */
xc_status xc_writer_replace(xc_writer *writer, const char *unique_term, const xc_doc *doc,
                            xc_docid *docid, tc_error *err);
xc_status xc_writer_replace_docid(xc_writer *writer, xc_docid docid, const xc_doc *doc, tc_error *err);
/* Delete every document indexed by UNIQUE_TERM (none is not an error). */
xc_status xc_writer_delete(xc_writer *writer, const char *unique_term, tc_error *err);
xc_status xc_writer_delete_docid(xc_writer *writer, xc_docid docid, tc_error *err);
xc_status xc_writer_commit(xc_writer *writer, tc_error *err);
xc_status xc_writer_set_metadata(xc_writer *writer, const char *key, const char *value, size_t len,
                                 tc_error *err);
/* The metadata KEY as written so far (pending changes included): a new
 * malloc'd copy in *VALUE (tc_free; NULL with *LEN 0 when unset). */
xc_status xc_writer_get_metadata(xc_writer *writer, const char *key, char **value, size_t *len, tc_error *err);
/* Documents of the last committed and pending state. */
xc_status xc_writer_doc_count(xc_writer *writer, uint32_t *count, tc_error *err);
/* Find the document indexed by UNIQUE_TERM: *DOCID = 0 when none. */
xc_status xc_writer_find(xc_writer *writer, const char *unique_term, xc_docid *docid, tc_error *err);
/* Read a value slot of a document through the writer (for content hashes). */
xc_status xc_writer_get_value(xc_writer *writer, xc_docid docid, unsigned slot, char **value,
                              size_t *len, tc_error *err);
/* Iterate all terms with PREFIX (e.g. every unique id "Q"): FN is called with
 * each term (not NUL-terminated, LEN bytes); returning non-zero stops. */
xc_status xc_writer_each_term(xc_writer *writer, const char *prefix,
                              int (*fn)(void *ctx, const char *term, size_t len), void *ctx, tc_error *err);
/* Call FN for each term of document DOCID that starts with PREFIX, through
 * the writer (pending changes included), as xc_reader_doc_terms. */
xc_status xc_writer_doc_terms(xc_writer *writer, xc_docid docid, const char *prefix,
                              int (*fn)(void *ctx, const char *term, size_t len), void *ctx, tc_error *err);
/* Close: commits pending changes unless DISCARD is set. Frees WRITER. */
xc_status xc_writer_close(xc_writer *writer, int discard, tc_error *err);

/* Compact the database at SRC into DST (a new directory). */
xc_status xc_compact(const char *src, const char *dst, tc_error *err);

/* ---- documents ---- */

xc_status xc_doc_new(xc_doc **doc, tc_error *err);
void xc_doc_free(xc_doc *doc);
/* Forget every term, value and the data: reuse one document for many. */
void xc_doc_clear(xc_doc *doc);
/* Add a posting: TERM at POSITION (1-based, as Xapian) with WDF_INC. */
xc_status xc_doc_add_posting(xc_doc *doc, const char *term, size_t len, uint32_t position, uint32_t wdf_inc,
                             tc_error *err);
/* Add a term without position (bigrams, document numbers, boolean filters
 * use WDF_INC 0). */
xc_status xc_doc_add_term(xc_doc *doc, const char *term, size_t len, uint32_t wdf_inc, tc_error *err);
xc_status xc_doc_add_boolean_term(xc_doc *doc, const char *term, size_t len, tc_error *err);
xc_status xc_doc_set_value(xc_doc *doc, unsigned slot, const void *value, size_t len, tc_error *err);
xc_status xc_doc_set_data(xc_doc *doc, const void *data, size_t len, tc_error *err);

/* ---- reader ---- */

/* Open one database, or several searched as one (PATHS separated by ':').
 * TC_ERR_NOT_FOUND when missing. */
xc_status xc_reader_open(const char *path, xc_reader **reader, tc_error *err);
void xc_reader_free(xc_reader *reader);
/* Reopen at the latest committed revision; *CHANGED set when it moved. */
xc_status xc_reader_reopen(xc_reader *reader, int *changed, tc_error *err);
/* The committed revision the reader is at (one database only: Xapian has
 * no revision for several searched as one). */
xc_status xc_reader_revision(xc_reader *reader, uint64_t *revision, tc_error *err);
xc_status xc_reader_doc_count(xc_reader *reader, uint32_t *count, tc_error *err);
/* The database's UUID (one database only), a new string (tc_free): it names
 * the database in xc_known_docs. */
xc_status xc_reader_uuid(xc_reader *reader, char **uuid, tc_error *err);
xc_status xc_reader_avg_length(xc_reader *reader, double *avg, tc_error *err);
/* Number of documents containing TERM (0 when none). */
xc_status xc_reader_term_freq(xc_reader *reader, const char *term, size_t len, uint32_t *freq, tc_error *err);
xc_status xc_reader_collection_freq(xc_reader *reader, const char *term, size_t len, uint64_t *freq,
                                    tc_error *err);
xc_status xc_reader_find(xc_reader *reader, const char *unique_term, xc_docid *docid, tc_error *err);
/* Copy a document's data / value into a new malloc'd buffer (tc_free). */
xc_status xc_reader_get_data(xc_reader *reader, xc_docid docid, char **data, size_t *len, tc_error *err);
xc_status xc_reader_get_value(xc_reader *reader, xc_docid docid, unsigned slot, char **value, size_t *len,
                              tc_error *err);
/* Call FN for each term of document DOCID that starts with PREFIX. */
xc_status xc_reader_doc_terms(xc_reader *reader, xc_docid docid, const char *prefix,
                              int (*fn)(void *ctx, const char *term, size_t len), void *ctx, tc_error *err);
/* Call FN for each term in the database starting with PREFIX with its
 * document frequency, up to MAX terms (0: no cap; *TRUNCATED set when the
 * cap stopped it). Used for wildcard expansion. */
xc_status xc_reader_each_term(xc_reader *reader, const char *prefix, size_t max,
                              int (*fn)(void *ctx, const char *term, size_t len, uint32_t freq), void *ctx,
                              int *truncated, tc_error *err);
xc_status xc_reader_get_metadata(xc_reader *reader, const char *key, char **value, size_t *len,
                                 tc_error *err);

/* ---- queries ---- */

typedef enum xc_query_op {
	XC_OP_AND,
	XC_OP_OR,
	XC_OP_AND_NOT,
	XC_OP_AND_MAYBE,
	XC_OP_FILTER,
	XC_OP_SYNONYM,
	XC_OP_MAX,
	XC_OP_ELITE_SET,
	XC_OP_PHRASE,
	XC_OP_NEAR,
} xc_query_op;

/* A term query: TERM with WQF and POSITION in the query (1-based; 0 none). */
xc_status xc_query_term(const char *term, size_t len, uint32_t wqf, uint32_t position, xc_query **query,
                        tc_error *err);
/* Combine N subqueries with OP. For PHRASE and NEAR, WINDOW is the window
 * size (0: the number of subqueries); ignored otherwise. N == 0 gives the
 * query that matches nothing. */
xc_status xc_query_combine(xc_query_op op, xc_query *const *subqueries, size_t n, uint32_t window,
                           xc_query **query, tc_error *err);
/* QUERY's weight times FACTOR (Xapian's OP_SCALE_WEIGHT). */
xc_status xc_query_scale(const xc_query *query, double factor, xc_query **scaled, tc_error *err);
/* The documents MATCH matches, each weighing exactly WEIGHT whatever its
 * length (Xapian's FixedWeightPostingSource filtered by MATCH): for
 * matches that must rank by kind, not by term statistics, such as "this
 * is the document the query names". */
xc_status xc_query_constant(const xc_query *match, double weight, xc_query **query, tc_error *err);
/* Documents whose value SLOT lies in [LO, HI] (byte-wise; NULL: open end). */
xc_status xc_query_value_range(unsigned slot, const char *lo, const char *hi, xc_query **query, tc_error *err);
/* All terms starting with PREFIX, OR-ed (Xapian's OP_WILDCARD), at most
 * MAX_EXPANSION terms: a larger expansion fails with TC_ERR_LIMIT. */
xc_status xc_query_wildcard(const char *prefix, size_t max_expansion, xc_query **query, tc_error *err);
/* Documents already known in one database: the N DOCIDS (its own ids, in
 * any order) of the database whose UUID (xc_reader_uuid) is UUID. */
typedef struct xc_known_docs {
	const char *uuid;
	const xc_docid *docids;
	size_t n;
} xc_known_docs;
/* The documents that hold any of the N TERMS (LENS[i] bytes each),
 * weighing nothing: a filter for which Xapian gathers no term statistics,
 * unlike an OR of the terms. In a database that KNOWN (NKNOWN of them)
 * names, its known documents are taken to be those that hold the terms
 * there, and no posting list is read: the caller found them already (a
 * lookup of each term is a B-tree descent, a block read or two each). */
xc_status xc_query_any_term(const char *const *terms, const size_t *lens, size_t n, const xc_known_docs *known,
                            size_t nknown, xc_query **query, tc_error *err);
/* Matches every document (Xapian's MatchAll). */
xc_status xc_query_match_all(xc_query **query, tc_error *err);
xc_status xc_query_clone(const xc_query *query, xc_query **copy, tc_error *err);
void xc_query_free(xc_query *query);
/* Xapian's description of the query (malloc'd; tc_free), for debugging. */
char *xc_query_describe(const xc_query *query);

/* ---- enquire ---- */

typedef struct xc_bm25_params {
	double k1, k2, k3, b, min_normlen; /* Xapian defaults: 1, 0, 1, 0.5, 0.5 */
} xc_bm25_params;

xc_status xc_enquire_new(xc_reader *reader, xc_enquire **enquire, tc_error *err);
void xc_enquire_free(xc_enquire *enquire);
xc_status xc_enquire_set_query(xc_enquire *enquire, const xc_query *query, tc_error *err);
xc_status xc_enquire_set_bm25(xc_enquire *enquire, const xc_bm25_params *params, tc_error *err);
/* Boolean weighting: every match weighs 0 (for pure listings). */
xc_status xc_enquire_set_bool_weight(xc_enquire *enquire, tc_error *err);
/* Sort by relevance (SLOT < 0), or by value SLOT then relevance. */
xc_status xc_enquire_set_sort(xc_enquire *enquire, int slot, int reverse, tc_error *err);
/* Collapse on value SLOT keeping at most MAX per value (SLOT < 0: off). */
xc_status xc_enquire_set_collapse(xc_enquire *enquire, int slot, uint32_t max, tc_error *err);
/* Count the values in SLOT over all matches (facets). Returns a spy index. */
xc_status xc_enquire_add_value_spy(xc_enquire *enquire, unsigned slot, int *spy, tc_error *err);
/* Run: hits [FIRST, FIRST+MAX), counting at least CHECK_AT_LEAST matches
 * (use the database size for exact counts). */
xc_status xc_enquire_run(xc_enquire *enquire, uint32_t first, uint32_t max, uint32_t check_at_least,
                         xc_mset **mset, tc_error *err);
/* Facet values of spy SPY after a run: FN(value, count) in descending count
 * order, at most MAX values. */
xc_status xc_enquire_spy_values(xc_enquire *enquire, int spy, size_t max,
                                int (*fn)(void *ctx, const char *value, size_t len, uint32_t count),
                                void *ctx, tc_error *err);

/* ---- results ---- */

void xc_mset_free(xc_mset *mset);
uint32_t xc_mset_size(const xc_mset *mset);
/* Estimated, lower and upper bounds of the number of matches (equal when
 * exact). */
uint32_t xc_mset_matches_estimated(const xc_mset *mset);
uint32_t xc_mset_matches_lower(const xc_mset *mset);
uint32_t xc_mset_matches_upper(const xc_mset *mset);
xc_docid xc_mset_docid(const xc_mset *mset, uint32_t i);
double xc_mset_weight(const xc_mset *mset, uint32_t i);
/* Data and value of hit I, copied into a malloc'd buffer (tc_free). */
xc_status xc_mset_data(const xc_mset *mset, uint32_t i, char **data, size_t *len, tc_error *err);
xc_status xc_mset_value(const xc_mset *mset, uint32_t i, unsigned slot, char **value, size_t *len,
                        tc_error *err);

/* ---- stock Xapian, for the quality baseline only ----
 * tracuu's own pipeline never uses these: its analyzer does both sides.
 * The evaluation compares against Xapian's TermGenerator + QueryParser with
 * their defaults (no stemmer), queries as an OR of the words. */

/* Index TEXT with a default TermGenerator into DOC (positions on). */
xc_status xc_stock_index_text(xc_doc *doc, const char *text, size_t len, uint32_t wdf_inc, tc_error *err);
/* Parse TEXT with a default QueryParser, default operator OR. */
xc_status xc_stock_parse_query(xc_reader *reader, const char *text, xc_query **query, tc_error *err);

#ifdef __cplusplus
}
#endif

#endif
