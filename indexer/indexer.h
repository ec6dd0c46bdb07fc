/* indexer.h - records (corpus.h) into Xapian databases (DESIGN.md "Index").
 *
 * An index directory holds one database per kind of record, because their
 * length statistics differ by orders of magnitude and BM25 needs each
 * kind's own; format.h owns its layout (databases, slots, prefixes, stored
 * records, dictionary, manifest).
 *
 * Indexing is incremental: a record whose content hash is unchanged is left
 * untouched, a changed one is replaced, and with prune the records of the
 * same sources that were not seen in this run are removed. Batches commit
 * by size, so an interrupted run leaves the last committed state searchable
 * and the next run completes the job. One writer at a time.
 *
 * A tc_index is used by one thread at a time (and one per directory); it
 * may write with a second thread of its own (tc_index_options.threads). */
#ifndef TC_INDEXER_H
#define TC_INDEXER_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "common.h"
#include "analyzer.h"
#include "corpus.h"
#include "format.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tc_index_options {
	int prune;              /* remove records of the indexed sources not seen */
	size_t batch_bytes;     /* commit after about this much text (0: 32 MB) */
	int progress;           /* a progress line on stderr when it is a TTY */
	int no_dictionary;      /* do not train a zstd dictionary */
	/* Threads that write: 1, or 2 (the clauses and points of a record's
	 * articles beside the rest; the same index either way). 0: 2 where the
	 * machine has two processors or more, else 1. */
	int threads;
	tc_features features;
	/* Set (from a signal handler, say) to stop after the current record:
	 * tc_index_finish then commits what was done. */
	volatile int *stop;
} tc_index_options;

void tc_index_options_default(tc_index_options *options);

typedef struct tc_index_counts {
	long long added, changed, unchanged, removed;
	long long records;          /* records handed to tc_index_add */
	long long records_committed; /* ... of them, committed (every database) */
	long long entries[TC_DB_COUNT]; /* entries written or kept, per database */
	long long skipped_terms;    /* terms longer than Xapian allows */
	long long duplicate_ids;    /* entries whose id was given again in this run (the later kept) */
	long long refused_parts;    /* clause and point entries left out: their id too long for the
	                               index (their article's fits) */
	char first_refused[200];    /* the message of the first */
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

/* Whether this run created the index (DIR had none): tracuu index then
 * compacts it when it finishes. */
int tc_index_created(const tc_index *index);

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

/* The run's figures so far (also after a failure). */
void tc_index_get_counts(tc_index *index, tc_index_counts *counts);

/* Close, committing what is pending unless DISCARD. Frees INDEX. */
tc_status tc_index_close(tc_index *index, int discard, tc_error *err);

/* Compact each database of DIR in place (through a temporary copy). */
tc_status tc_index_compact(const char *dir, tc_error *err);

/* The text of NODE and all its descendants, in order: headings and text,
 * one paragraph per line, into OUT (appended). */
int tc_node_full_text(const tc_node *node, tc_buf *out);

#ifdef __cplusplus
}
#endif

#endif
