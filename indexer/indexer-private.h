/* indexer-private.h - pieces shared by the indexer's files. */
#ifndef TC_INDEXER_PRIVATE_H
#define TC_INDEXER_PRIVATE_H

#include <jansson.h>

#include "analyzer.h"
#include "indexer.h"
#include "xapian-c.h"

/* The record a hit displays, as JSON (stored compressed in the document
 * data). Built for a record (KIND_NAME "document", "source", "codified") or
 * for a provision NODE of a document. Returns a new reference, NULL on
 * ENOMEM. */
json_t *tc__display_record(const tc_record *record, const char *kind_name);
json_t *tc__display_provision(const tc_record *record, const tc_node *node, const char *path, long order);

/* "2015-05-14" for 20150514 into BUF (at least 11 bytes); "" for 0. */
void tc__date_iso(tc_date date, char *buf);

/* 64-bit FNV-1a, for content hashes. */
uint64_t tc__hash64(const void *data, size_t len, uint64_t seed);

/* ---- changes (changes.c): stamps and tombstones for incremental sync ---- */

typedef struct tc__changes tc__changes;
/* Open DIR/removed (created when missing) for writing. */
tc_status tc__changes_open(const char *dir, tc__changes **changes, tc_error *err);
/* The stamp of an entry written now (format.h), strictly increasing. */
void tc__changes_stamp(tc__changes *changes, char stamp[TC_CHANGE_STAMP_LEN + 1]);
/* Keep a tombstone for the entry of WRITER (database KIND) indexed by
 * UNIQUE_TERM ("Q<id>"), before it is deleted; a clause or point entry
 * (a parts database) leaves none. */
tc_status tc__changes_tombstone(tc__changes *changes, xc_writer *writer, tc_db_kind kind, const char *unique_term,
                                tc_error *err);
/* Record the last stamp given in WRITER's metadata (before its commit). */
tc_status tc__changes_mark(tc__changes *changes, xc_writer *writer, tc_error *err);
/* Mark and commit DIR/removed when anything was stamped since its last commit. */
tc_status tc__changes_commit(tc__changes *changes, tc_error *err);
/* Commit (unless DISCARD) and close; frees CHANGES (NULL: nothing). */
tc_status tc__changes_close(tc__changes *changes, int discard, tc_error *err);

/* ---- headings (headings.c): the codification's đề mục and chủ đề as
 * records ---- */

typedef struct tc__headings tc__headings;
tc__headings *tc__headings_new(void);
void tc__headings_free(tc__headings *headings);
/* Note a codified article under its đề mục. 0, or -1 when memory runs out. */
int tc__headings_add(tc__headings *headings, const tc_record *record);
/* One heading's record: its id ("pd/demuc/<GUID>", "pd/chude/36"), its
 * stored JSON (kind "demuc" or "chude"; the text lists what it holds), the
 * heading searched as its title ("Đề mục 36.3 Thanh niên"), the source it
 * came from, and its kind word, number and name (for the names it answers
 * to: "đề mục thanh niên"). */
typedef struct tc__heading {
	const char *id;
	json_t *json;
	const char *heading, *origin;
	const char *kind, *number, *name;
} tc__heading;
typedef tc_status (*tc__heading_fn)(void *ctx, const tc__heading *heading, tc_error *err);
/* Call FN for every đề mục noted, in the codification's order, each chủ đề
 * after its last đề mục. */
tc_status tc__headings_each(tc__headings *headings, tc__heading_fn fn, void *ctx, tc_error *err);

#endif
