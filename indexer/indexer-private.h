/* indexer-private.h - pieces shared by the indexer's files. */
#ifndef TC_INDEXER_PRIVATE_H
#define TC_INDEXER_PRIVATE_H

#include <jansson.h>

#include "analyzer.h"
#include "indexer.h"

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


#endif
