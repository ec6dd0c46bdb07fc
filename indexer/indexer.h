/* indexer.h - records (corpus.h) into Xapian databases (DESIGN.md "Index").
 *
 * An index directory holds one database per kind of record, because their
 * length statistics differ by orders of magnitude and BM25 needs each
 * kind's own:
 *   DIR/docs        whole documents (and source documents known from notes)
 *   DIR/provisions  each Điều of each document
 *   DIR/codified    each codified article of the pháp điển
 *   DIR/manifest.json  format and analyzer versions, build time, counts
 *
 * Indexing is incremental: a record whose content hash is unchanged is left
 * untouched, a changed one is replaced, and with prune the records of the
 * same sources that were not seen in this run are removed. Batches commit
 * by size, so an interrupted run leaves the last committed state searchable
 * and the next run completes the job. One writer at a time.
 *
 * Not thread-safe: one tc_index per thread (and one per directory). */
#ifndef TC_INDEXER_H
#define TC_INDEXER_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "common.h"
#include "analyzer.h"
#include "corpus.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped when the term scheme, values or stored data change. */
#define TC_INDEX_FORMAT_VERSION 3

/* The boolean term of the entries that are parts of an article (clauses and
 * points, in the provisions and the codified databases): search collapses
 * them on their article; totals, facets and listings leave them out. */
#define TC_PART_MARKER "XZclause"

/* The prefix of the term an entry defines, as a slug ("XQkhong-gian-mang"),
 * in a definition article; and of the term an entry may define (a clause
 * elsewhere that opens "X là ..."). */
#define TC_DEFINES_PREFIX "XQ"
#define TC_MAY_DEFINE_PREFIX "XY"

typedef enum tc_db_kind {
	TC_DB_DOCS = 0,
	TC_DB_PROVISIONS,
	TC_DB_CODIFIED,
	TC_DB_COUNT
} tc_db_kind;

/* "docs", "provisions", "codified". */
const char *tc_db_kind_name(tc_db_kind kind);

/* Value slots. Dates are YYYYMMDD strings, so byte order is date order. */
enum {
	TC_SLOT_ISSUE_DATE = 0,
	TC_SLOT_EFFECTIVE_DATE = 1,
	TC_SLOT_EXPIRY_DATE = 2,
	TC_SLOT_CONTENT_HASH = 3,
	TC_SLOT_ORDER = 4,      /* position in the document tree / đề mục, 10 digits */
	TC_SLOT_DOC_NUMBER = 5, /* normalized số hiệu (collapse, display) */
	TC_SLOT_TYPE = 6,       /* type slug (facet) */
	TC_SLOT_ISSUER = 7,     /* issuer slug (facet) */
	TC_SLOT_YEAR = 8,       /* year of issue (facet) */
	TC_SLOT_VALIDITY = 9,   /* validity slug (facet) */
	TC_SLOT_TOPIC = 10,     /* chủ đề number (facet) */
	TC_SLOT_DEMUC = 11,     /* đề mục number */
	TC_SLOT_PROVINCE = 12,  /* province slug, "trung-uong" for central (facet) */
	TC_SLOT_ORIGIN = 13,    /* the source the record came from (prune) */
	TC_SLOT_ARTICLE = 14,   /* provisions: the article's id, on the article and its clauses (collapse) */
};

/* Index features; all on by default. Turning one off is for the quality
 * ablation: the query side must be given the same set. */
typedef struct tc_features {
	int folded;      /* XF folded syllables */
	int bigrams;     /* XB/XG bigrams */
	int title;       /* title terms (S/XS) and title weight */
	int doc_numbers; /* XN terms */
	int citations;   /* XR/XA citation terms */
	int canonical;   /* canonical tones and i/y (off: TC_ANALYZE_PLAIN) */
	int clauses;     /* provisions also indexed clause by clause */
	int points;      /* ... and the points of a long clause one by one */
	int definitions; /* a definition's clause titled by the term it defines */
} tc_features;

void tc_features_default(tc_features *features);
/* FEATURES as the manifest's {"name": bool, ...} object (NULL when memory
 * runs out), and back: a name the object lacks stays on. */
json_t *tc_features_to_json(const tc_features *features);
void tc_features_from_json(tc_features *features, const json_t *json);
/* The analyzer flags (analyzer.h) that FEATURES imply, or-ed with BASE
 * (TC_ANALYZE_DOCUMENT or TC_ANALYZE_QUERY): both sides of the index use
 * this one mapping, so they always agree. */
unsigned tc_features_analyze_flags(const tc_features *features, unsigned base);
/* A lowercase ASCII slug of NAME ("UBND tỉnh Bắc Ninh" → "ubnd-tinh-bac-ninh")
 * into OUT, folded by ANALYZER: the form of filter terms. Returns 0, or -1
 * when memory runs out. */
int tc_slug(tc_analyzer *analyzer, const char *name, size_t len, tc_buf *out);
/* Parse "no-bigrams,no-folded,..." (names: folded bigrams title doc_numbers
 * citations canonical clauses points definitions) into FEATURES, starting from the defaults. Returns 0,
 * or -1 with ERR filled for an unknown name. */
int tc_features_parse(tc_features *features, const char *spec, tc_error *err);

typedef struct tc_index_options {
	int prune;              /* remove records of the indexed sources not seen */
	size_t batch_bytes;     /* commit after about this much text (0: 32 MB) */
	int progress;           /* a progress line on stderr when it is a TTY */
	int no_dictionary;      /* do not train a zstd dictionary */
	tc_features features;
	/* Set (from a signal handler, say) to stop after the current record:
	 * tc_index_finish then commits what was done. */
	volatile int *stop;
} tc_index_options;

void tc_index_options_default(tc_index_options *options);

typedef struct tc_index_counts {
	long long added, changed, unchanged, removed;
	long long records;          /* records handed to tc_index_add */
	long long entries[TC_DB_COUNT]; /* entries written or kept, per database */
	long long skipped_terms;    /* terms longer than Xapian allows */
	long long text_bytes;       /* stored data before compression */
	long long stored_bytes;     /* stored data after compression */
	long long stored_bytes_nodict; /* the same without the dictionary (sampled) */
	long long sampled_bytes;    /* bytes of the records sampled for the above */
} tc_index_counts;

typedef struct tc_index tc_index;

/* Open (creating when missing) the index directory DIR for writing.
 * TC_ERR_LOCKED when another writer holds it ("index is locked by pid N");
 * TC_ERR_VERSION when it was built by another format or analyzer version
 * (rebuild it into a new directory). */
tc_status tc_index_open(const char *dir, const tc_index_options *options, tc_index **index, tc_error *err);

/* Index one record (and, for documents, each of its provisions). Returns
 * TC_OK or an error that concerns the index itself (I/O, Xapian); a record
 * with bad content is indexed as far as it goes. */
tc_status tc_index_add(tc_index *index, const tc_record *record, tc_error *err);

/* Remove the entry ID and its parts (a document's provisions, an article's
 * clauses and points) from every database; committed by tc_index_finish.
 * *REMOVED (may be NULL) receives the number of entries removed.
 * TC_ERR_NOT_FOUND when no entry has that id. */
tc_status tc_index_delete(tc_index *index, const char *id, long long *removed, tc_error *err);

/* Finish: prune (when asked), commit, write the manifest. COUNTS (may be
 * NULL) receives the run's figures. The index stays open for tc_index_close. */
tc_status tc_index_finish(tc_index *index, tc_index_counts *counts, tc_error *err);

/* Close, committing what is pending unless DISCARD. Frees INDEX. */
tc_status tc_index_close(tc_index *index, int discard, tc_error *err);

/* Compact each database of DIR in place (through a temporary copy). */
tc_status tc_index_compact(const char *dir, tc_error *err);

/* The path of database KIND of index DIR into OUT. */
int tc_index_db_path(const char *dir, tc_db_kind kind, tc_buf *out);

/* Stored data: decompress DATA (as returned for a hit) into OUT (a JSON
 * text). DICT is the database's dictionary (NULL if none, see
 * tc_index_load_dictionary). Returns 0, or -1 when the data is corrupt. */
int tc_stored_decode(const char *data, size_t len, const void *dict, size_t dict_len, tc_buf *out);

/* The text of NODE and all its descendants, in order: headings and text,
 * one paragraph per line, into OUT (appended). */
int tc_node_full_text(const tc_node *node, tc_buf *out);

#ifdef __cplusplus
}
#endif

#endif
