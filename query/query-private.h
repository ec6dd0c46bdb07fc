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
	/* The entries of some of the target all's kinds of article (a bit
	 * each, in the order of articles[TC_TARGET_ALL]: documents, provisions,
	 * codified articles), opened when the second stage of ranking first
	 * needs them (tc__entries_of). */
	xc_reader *entries_of[8];
	/* each database's UUID (xc_reader_uuid): the second stage of ranking
	 * names the databases whose candidates the first stage found */
	char *uuids[TC_DB_COUNT];
	tc_stored_codec *codec; /* decodes stored records, with each database's dictionary */
	tc_features features;
	tc_analyzer *analyzer;
	tc_arena *arena;
	tc_buf term;
	tc_buf text;        /* a stored record's payload, decoded */
	tc_buf hit_text;    /* the text of the hit tc_search is reading */
	tc_buf scratch;
	tc_buf query_text; /* the query being run, repaired */
};

/* ---- the query builder (build.c) ---- */

typedef struct qtoken {
	tc_token_kind kind;
	char *exact;
	char *folded;
	uint32_t position;
	size_t start, end;
	int skip; /* left out of a long text's ranking (select_words) */
	unsigned repeat; /* a word or pair: how often the span writes it (count_repeats); 0 on its later copies */
} qtoken;

/* A growable list of subqueries, combined and freed together. */
typedef struct qlist {
	xc_query **items;
	size_t count, cap;
} qlist;

/* A document a name in the query names (build.c named_documents). */
#define TC_NAMED_MAX 4
typedef struct named_doc {
	char id[192];    /* its unique id ("src/18/2012/qh13") */
	char number[96]; /* its whole number, normalized ("18/2012/qh13"); "" when none */
	long rank;       /* in force today first, then the newest */
} named_doc;

typedef struct builder {
	tc_searcher *s;
	xc_reader *reader; /* the databases searched */
	const char *query;
	tc_target target;
	tc_ranking r;
	int accented; /* the query has diacritics somewhere */
	/* Building the first stage's query (tc__rank): the words and pairs that
	 * match, and the boosts that put a document first, without the lighter
	 * boosts that only order the candidates (title forms, the words of a
	 * law's name); and what the query recognized is not noted again. */
	int lean;
	int excludes;     /* the query takes words out ("-xung") */
	size_t max_words; /* a long text is ranked by this many of its words */
	size_t terms;     /* terms used so far (bounded) */
	uint32_t entries; /* how many entries READER holds (0: not yet read) */
	json_t *term_freqs; /* term → how many searched entries hold it (term_freq), for both builds */
	/* the first stage's articles (tc__rank): article id → its document id
	 * in the target's article databases, so that a clause hit's article is
	 * read where the first stage found it (no lookup by its id term) */
	json_t *candidates;
	tc_error *err;
	tc_status status;
	/* analyzer output of one span */
	qtoken *tokens;
	size_t count, cap;
	/* what the query recognized, and the words to highlight */
	json_t *doc_numbers;
	json_t *citations;
	json_t *ignored_words;   /* words a long text left out (select_words) */
	qlist specials;          /* what the boosts of parts match (constant_in_parts) */
	json_t *highlight_exact; /* object used as a set */
	json_t *highlight_folded;
	/* the documents the name at named_at (named_len bytes of the query)
	 * names, best first: looked up once for both builds */
	size_t named_at, named_len, named_count;
	int named_done;
	named_doc named[TC_NAMED_MAX];
} builder;

/* Build the query of TEXT for OPTIONS into *QUERY, and the lean query of
 * the first stage of ranking into *LEAN (NULL when there is none); B then
 * holds what the query recognized and the words to highlight. Free B with
 * tc__builder_free whatever this returns, and *QUERY and *LEAN. */
tc_status tc__prepare(tc_searcher *s, builder *b, const char *text, const tc_search_options *options,
                      xc_query **query, xc_query **lean, tc_error *err);
void tc__builder_free(builder *b);
/* The boolean query of FILTER (field filters in the query syntax, from
 * tc_search_filter_add; NULL or "": every entry) into *QUERY (free it).
 * TC_ERR_INPUT when FILTER does not parse. */
tc_status tc__filter_query(tc_searcher *s, tc_target target, const char *filter, xc_query **query,
                           tc_error *err);
/* Add Q to LIST (takes Q; NULL is passed over); on failure B's status
 * says so. */
void tc__qlist_add(builder *b, qlist *list, xc_query *q);
/* Free LIST's queries and the list. */
void tc__qlist_clear(qlist *list);

/* ---- ranking (rank.c) ---- */

/* Run Q on READER (see rank.c); *ENQUIRE_OUT and *MSET are the caller's
 * to free. SPIES, when not NULL, receives the six facet spies. */
tc_status tc__run_enquire(xc_reader *reader, xc_query *q, const tc_search_options *options,
                          const tc_ranking *r, int count_only, int collapse, uint32_t check, int spies[6],
                          xc_enquire **enquire_out, xc_mset **mset, tc_error *err);
/* The total a run saw; *EXACT set when it is exact. */
uint32_t tc__count_of(const xc_mset *mset, int *exact);
/* Count the matches of Q in OPTIONS' target, one an article. */
tc_status tc__count_matches(tc_searcher *s, xc_query *q, const tc_search_options *options,
                            const tc_ranking *r, uint32_t *total, int *exact, tc_error *err);
/* Rank Q (and LEAN, the first stage's query) for OPTIONS into *MSET and
 * its *ENQUIRE: one hit an article. With TOTAL, the same run counts the
 * matches (one an article) up to TC_TOTAL_EXACT_UP_TO into *TOTAL, *EXACT
 * set when the count is exact. */
tc_status tc__rank(tc_searcher *s, builder *b, xc_query *q, xc_query *lean, const tc_search_options *options,
                   uint32_t *total, int *exact, xc_enquire **enquire, xc_mset **mset, tc_error *err);

/* The entries (articles and their parts) of the kinds of article in KINDS
 * (bits, as searcher.entries_of) into *READER, the searcher's. */
tc_status tc__entries_of(tc_searcher *s, unsigned kinds, xc_reader **reader, tc_error *err);

/* ---- snippets (snippet.c) ---- */

/* Set HIT's "snippet" and "highlights" from FULL, its text (CUT: only its
 * beginning, TC_SNIPPET_TEXT_MAX bytes), with B's highlight sets. */
void tc__make_snippet(builder *b, const char *full, int cut, json_t *hit);

/* ---- records (query.c, records.c; tc__point_in_text: lookup.c) ---- */

/* Decode stored data (as returned for a hit) into a JSON object; NULL when
 * corrupt. */
json_t *tc__decode_record(tc_searcher *s, const char *data, size_t len);
/* The stored record of the entry whose unique term is PREFIX + ID
 * (TC_PREFIX_ID, TC_PREFIX_FORMER_ID) in database KIND, whole, or without
 * its text unless WITH_TEXT (tc__decode_hit); NULL when there is none, or
 * *ST says why not (records.c). */
json_t *tc__record_by_term(tc_searcher *s, tc_db_kind kind, const char *prefix, const char *id, int with_text,
                           tc_status *st, tc_error *err);
/* The stored record of document DOCID of READER, as tc__record_by_term
 * gives it (ID names it in the error when it does not decode). */
json_t *tc__record_at(tc_searcher *s, xc_reader *reader, xc_docid docid, const char *id, int with_text,
                      tc_status *st, tc_error *err);
/* A hit's fields: the record without its "text", which goes into TEXT (not
 * kept when NULL; *HAS_TEXT says whether the record has one), no more of
 * it than TEXT_MAX bytes (SIZE_MAX: all; *CUT says whether it was cut
 * short), and without a document's "outline", which no hit shows: neither
 * is parsed (tc_stored_record_payload, tc_stored_drop_member). */
json_t *tc__decode_hit(tc_searcher *s, const char *data, size_t len, size_t text_max, tc_buf *text,
                       int *has_text, int *cut);
/* How much of a hit's text its snippet may read (a document's runs to
 * megabytes): the rest is not decoded unless the text is shown. */
#define TC_SNIPPET_TEXT_MAX (256 * 1024)

/* Up to MAX entries matching the boolean query Q in database KIND (articles,
 * not their clause and point entries), in ORDER slot order, as summaries
 * {"id", "kind", "doc_number", "number", "heading", "title",
 * "article_number", "chapter"}, from the FIRST-th on. A new array (errors leave it short). */
json_t *tc__list_matches(tc_searcher *s, tc_db_kind kind, xc_query *q, uint32_t first, uint32_t max,
                         tc_error *err);
/* The same over full records: FN is called with each decoded record (it
 * is released after the call; FN returns non-zero to stop). Records that
 * do not decode are passed over. */
tc_status tc__each_match(tc_searcher *s, tc_db_kind kind, xc_query *q, uint32_t first, uint32_t max,
                         int (*fn)(void *ctx, json_t *record), void *ctx, tc_error *err);
/* Where point POINT ("a", "đ") opens a line of a clause's TEXT ("a) ..."):
 * its text, *LEN bytes up to the next point; NULL when none does. */
const char *tc__point_in_text(const char *text, const char *point, size_t *len);
/* A record's summary (the keys of tc__list_matches): a new object. */
json_t *tc__summary(const json_t *record);

#endif
