/* query-private.h - the query module's pieces. */
#ifndef TC_QUERY_PRIVATE_H
#define TC_QUERY_PRIVATE_H

#include "analyzer.h"
#include "query.h"
#include "xapian-c.h"

typedef enum qnode_kind { QN_TEXT, QN_PHRASE, QN_FIELD, QN_WILDCARD, QN_AND, QN_OR } qnode_kind;

typedef enum qfield {
	QF_TYPE,
	QF_ISSUER,
	QF_YEAR,
	QF_STATUS,
	QF_FIELD,
	QF_TOPIC,
	QF_HEADING,
	QF_PROVINCE,
	QF_NUMBER,
	QF_ISSUED,
	QF_EFFECTIVE,
	QF_IN_FORCE,
} qfield;

typedef struct qnode {
	qnode_kind kind;
	int negated;
	qfield field;
	size_t start, end; /* the span of the query text (field: the value) */
	struct qnode **children;
	size_t count, cap;
} qnode;

typedef struct qparse {
	const char *query;
	size_t len;
	tc_arena *arena;
	tc_error *err;
} qparse;

/* Parse P->query into a tree allocated from P->arena; NULL with P->err
 * filled on a syntax error. */
qnode *tc__query_parse(qparse *p);

struct tc_searcher {
	char *dir;
	xc_reader *readers[TC_DB_COUNT];
	/* Per target (tc_target): its databases of records and articles
	 * (counts, facets, listings, the first stage of ranking), and the same
	 * with their parts (the second stage). */
	xc_reader *articles[4];
	xc_reader *entries[4];
	tc_stored_codec *codec; /* decodes stored records, with each database's dictionary */
	tc_features features;
	tc_analyzer *analyzer;
	tc_arena *arena;
	tc_buf term;
	tc_buf text;
	tc_buf scratch;
	tc_buf query_text; /* the query being run, repaired */
};

/* Decode stored data (as returned for a hit) into a JSON object; NULL when
 * corrupt. */
json_t *tc__decode_record(tc_searcher *s, const char *data, size_t len);

/* Up to MAX entries matching the boolean query Q in database KIND (articles,
 * not their clause and point entries), in ORDER slot order, as summaries
 * {"id", "kind", "doc_number", "number", "heading", "title",
 * "article_number", "chapter"}, from the FIRST-th on. A new array (errors leave it short). */
json_t *tc__list_matches(tc_searcher *s, tc_db_kind kind, xc_query *q, uint32_t first, uint32_t max,
                         tc_error *err);
/* Q AND NOT the part marker (TC_PART_MARKER): articles and documents, not
 * the clause and point entries of articles. Q is not freed. */

#endif
