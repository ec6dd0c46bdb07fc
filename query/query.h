/* query.h - query syntax → Xapian query; ranking; snippets; facets
 * (DESIGN.md "Query").
 *
 * Syntax (also in README.md and `tracuu search --help`):
 *   words            đất đai, dat dai        diacritics optional
 *   "a phrase"       "quyền sử dụng đất"     positions checked
 *   -word, -"phrase" exclusion
 *   a OR b, ( )      alternatives, grouping
 *   field:value      loai: coquan: nam: hieuluc: linhvuc: chude: demuc: tinh: so:
 *                    (English aliases type: issuer: year: status: field: topic:
 *                    heading: province: number:); nam:2010..2015
 *   banhanh:A..B     issue date range (dates 2015-05-14, 14/5/2015 or 2015)
 *   hieuluctu:A..B   effective date range
 *   apdung:DATE      in force on DATE (effective by then, not expired)
 *   word*            prefix (bounded expansion)
 * A document number ("52/2015/NĐ-CP", "nđ 52/2015") or a citation ("khoản 2
 * Điều 5 Nghị định 52/2015/NĐ-CP", "Điều 3 Luật Đất đai") anywhere in the
 * query puts that document or provision first.
 *
 * A searcher holds one Xapian reader per database of an index directory;
 * one searcher per thread (not thread-safe). */
#ifndef TC_QUERY_H
#define TC_QUERY_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "corpus.h"
#include "format.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tc_target {
	TC_TARGET_ALL = 0,    /* documents, provisions and codified articles */
	TC_TARGET_DOCS,       /* whole documents */
	TC_TARGET_PROVISIONS, /* articles (Điều) of documents */
	TC_TARGET_CODIFIED,   /* codified articles of the pháp điển */
} tc_target;

/* Parse "all", "docs"/"documents", "provisions", "codified"/"phapdien"; -1 if unknown. */
int tc_target_parse(const char *name);

typedef enum tc_sort {
	TC_SORT_RELEVANCE = 0,
	TC_SORT_NEWEST, /* issue date, newest first */
	TC_SORT_OLDEST,
} tc_sort;

/* Ranking weights; every one is measured on judged questions
 * (benchmarks/quality/README.md). */
typedef struct tc_ranking {
	double k1, b; /* BM25 */
	double folded_weight; /* a folded-only match of a word typed with marks, relative to an exact one (0: not searched) */
	double bigram_weight;       /* bigram terms relative to syllables */
	double title_weight;        /* S/XS title terms */
	double doc_title_weight;    /* provisions: words of their document's title ("Luật Cư trú") */
	double number_weight;       /* the entry's own document number in full (its typed and bare
	                             * partial forms add a share of it) */
	double name_weight;         /* a document whose name the whole query is (above any match of its words) */
	double citation_weight;     /* a cited provision */
	double definition_weight;   /* the entries that define the term a question asks about */
	int and_max_words;          /* queries of at most this many words need all of them */
	double common_share;        /* a longer query's words and pairs held by more than this share
	                             * of the entries add weight but match nothing alone (0: off) */
	int first_stage_words;      /* the first stage of ranking picks a longer query's candidates
	                             * by this many of its words, the rarest (0: all it ranks by) */
} tc_ranking;

void tc_ranking_default(tc_ranking *ranking, tc_target target);

typedef struct tc_search_options {
	tc_target target;
	uint32_t offset;
	uint32_t limit; /* hits wanted (default 10) */
	tc_sort sort;
	int facets;                /* count facets */
	int snippets;              /* compute snippets */
	int text;                  /* include each hit's full text */
	const tc_ranking *ranking; /* NULL: defaults per target */
	/* The total: exact when set (a listing's page count needs it; facets
	 * imply it), else exact up to TC_TOTAL_EXACT_UP_TO and "at least" that
	 * many beyond ("total_exact": false in the results). */
	int exact_total;
	/* Field filters in the query syntax (built by tc_search_filter_add),
	 * applied to the query as a filter; with them the query may be empty
	 * (a listing). NULL: none. */
	const char *filter;
	/* A long text is ranked by this many of its most informative words
	 * (0, or more than TC_QUERY_MAX_RANKED_WORDS: that many): a "more like
	 * this" query wants few. */
	uint32_t max_words;
	/* The hits only: the total is not counted ("total" is then the hits
	 * given and "total_exact" false). */
	int no_total;
	/* Rank articles on their own entries only, without the second stage
	 * over their clauses and points: for a query made of a whole article's
	 * words, which an article matches as a whole. */
	int whole_articles;
	/* The index features come from the index's manifest, so that both
	 * sides always agree. */
} tc_search_options;

void tc_search_options_default(tc_search_options *options);

/* Limits: an over-limit query fails with TC_ERR_LIMIT and says which. A
 * query of up to TC_QUERY_MAX_BYTES (about 700 words) is searched; a long
 * text is ranked by its TC_QUERY_MAX_RANKED_WORDS most informative distinct
 * words (the rarest in the index), the others listed in "ignored_words";
 * TC_QUERY_MAX_TERMS bounds the internal terms that phrases, OR groups and
 * prefixes add. */
#define TC_QUERY_MAX_BYTES        4096
#define TC_QUERY_MAX_RANKED_WORDS 64
#define TC_QUERY_MAX_TERMS        2048
#define TC_QUERY_MAX_WILDCARD     200
#define TC_QUERY_MAX_WINDOW       1000
/* Results past the window are never served, so a total past it is exact
 * only when asked (exact_total): a reader cannot use more. */
#define TC_TOTAL_EXACT_UP_TO TC_QUERY_MAX_WINDOW

typedef struct tc_searcher tc_searcher;

/* Open the index directory DIR (built by `tracuu index`). TC_ERR_NOT_FOUND
 * when there is none; TC_ERR_VERSION when another analyzer built it. */
tc_status tc_searcher_open(const char *dir, tc_searcher **searcher, tc_error *err);
void tc_searcher_free(tc_searcher *searcher);
/* Pick up the latest committed state of the index. */
tc_status tc_searcher_reopen(tc_searcher *searcher, tc_error *err);

/* Run QUERY. *RESULTS (a new JSON object; json_decref it) holds:
 *   "query", "target", "total", "total_exact" (false: "at least total",
 *   see exact_total), "offset", "hits": [ {"id",
 *   "kind", "rank", "score", "doc_number", "type", "title", "heading",
 *   "path", "issue_date", "effective_date", "validity", ..., "snippet",
 *   "highlights": [[start, end], ...] (byte ranges in "snippet") } ],
 *   "facets": {"type": {...}, "issuer": {...}, "year": {...}, ...},
 *   "recognized": {"doc_numbers": [...], "citations": [...]}.
 * TC_ERR_INPUT for a syntax error (the message says where), TC_ERR_LIMIT
 * for an over-limit query. */
tc_status tc_search(tc_searcher *searcher, const char *query, const tc_search_options *options,
                    json_t **results, tc_error *err);

/* The stored record of ID (a document, provision, codified article or
 * source document), with links: for codified articles, the provisions of
 * their sources when indexed; for provisions, the codified articles that
 * cite them. TC_ERR_NOT_FOUND when no entry has that id. */
tc_status tc_get(tc_searcher *searcher, const char *id, json_t **record, tc_error *err);

/* Ids of the hits only (for evaluation): up to MAX ids into IDS (each a
 * malloc'd string; tc_free them), count in *N. */
tc_status tc_search_ids(tc_searcher *searcher, const char *query, const tc_search_options *options,
                        char **ids, size_t max, size_t *n, tc_error *err);

/* Call FN with every id in database KIND (sorted bytewise); FN returns
 * non-zero to stop. */
tc_status tc_searcher_each_id(tc_searcher *searcher, tc_db_kind kind,
                              int (*fn)(void *ctx, const char *id, size_t len), void *ctx, tc_error *err);

/* The committed revision of each database the searcher is at (it moves on
 * tc_searcher_reopen): with the index directory, the state a response
 * reflects (ETags). */
tc_status tc_searcher_revision(tc_searcher *searcher, uint64_t revision[TC_DB_COUNT], tc_error *err);

/* ---- lookups and browsing (lookup.c, browse.c, suggest.c) ----
 * Each returns a new JSON object in *RESULT (json_decref it); one searcher
 * per thread, as for tc_search. */

/* Resolve a document number ("52/2015/NĐ-CP", "nd 52/2015") or a citation
 * ("khoản 2 Điều 5 Nghị định 52/2015/NĐ-CP") in any spelling:
 *   {"query", "recognized": {"doc_numbers", "citations", "dates", "name"},
 *    "resolved": "document"|"article"|"clause"|"point"|null (the deepest
 *    level any match reached),
 *    "matches": [{"document": {...}, "resolved": level, "date_matches",
 *                 "article"|"clause"|"point": {"number", "id", "found",
 *                 "entry": {...} when found}, "codified": [articles codified
 *                 from the article]}],
 *    "candidates": [the nearest documents, when "matches" is empty]}.
 * Besides numbers:
 *  - a law, code or ordinance named without a number ("Điều 3 Luật Đất
 *    đai", "Bộ luật Dân sự năm 2015", "Hiến pháp năm 2013"): the documents
 *    of that type whose title is the name (the longest name first, then the
 *    year written, then the newest);
 *  - a date written in the text ("ngày 28 tháng 5 năm 2015") puts the
 *    documents issued that day first ("date_matches": true);
 *  - an article of a document whose text the index lacks (a source
 *    document known from the codification's notes) is resolved through the
 *    codified article that comes from it ("via": "codified"; its clauses
 *    and points are the codified article's);
 *  - "superseded_by" on a match: the indexed documents whose provisions
 *    say it is no longer in force ("... hết hiệu lực kể từ ngày ...",
 *    "thay thế Nghị định số ...": [{"doc_id", "doc_number", "type",
 *    "doc_title", "issue_date", "effective_date", "provision"}]);
 *  - each article level carries what the codification's notes say of it:
 *    "amended_by" and "repealed_by" ([{"article", "doc_number", "type",
 *    "title", "effective_date", "partly": true when the note says only
 *    some content was repealed}], in the notes' order) and "current" (the
 *    codified articles that hold its text now).
 * TC_ERR_INPUT for an empty text, TC_ERR_LIMIT over TC_QUERY_MAX_BYTES. */
tc_status tc_lookup(tc_searcher *searcher, const char *text, json_t **result, tc_error *err);

/* tc_lookup with options: TEXT puts the "text" of every entry found into
 * it. OPTIONS may be NULL. */
typedef struct tc_lookup_options {
	int text;
} tc_lookup_options;
tc_status tc_lookup_with(tc_searcher *searcher, const char *text, const tc_lookup_options *options,
                         json_t **result, tc_error *err);

/* The chủ đề of the codification: {"topics": [{"number", "name",
 * "articles"}]} in number order. */
tc_status tc_codification_topics(tc_searcher *searcher, json_t **result, tc_error *err);
/* The đề mục of chủ đề CHUDE ("36"): {"number", "name", "headings":
 * [{"number", "name", "id", "articles"}]}. TC_ERR_INPUT when CHUDE is not
 * a number, TC_ERR_NOT_FOUND when the index has none. */
tc_status tc_codification_topic(tc_searcher *searcher, const char *chude, json_t **result, tc_error *err);
/* The articles of đề mục DEMUC ("36.3") from OFFSET, at most LIMIT, in
 * order, under their chapters: {"number", "name", "id", "chude_number",
 * "chude_name", "total", "offset", "limit", "chapters": [{"chapter",
 * "articles": [{"id", "title", "article_number", ...}]}]}. */
tc_status tc_codification_heading(tc_searcher *searcher, const char *demuc, uint32_t offset, uint32_t limit,
                                  json_t **result, tc_error *err);

#define TC_SUGGEST_MAX       10
#define TC_SUGGEST_MAX_BYTES 200
/* As-you-type suggestions for TEXT: document numbers that start with it,
 * titles of documents and headings of codified articles whose words start
 * with it (the last word a prefix; with or without diacritics); at most MAX
 * (0 or over TC_SUGGEST_MAX: TC_SUGGEST_MAX): {"query", "suggestions":
 * [{"text", "kind", "id"}]}. */
tc_status tc_suggest(tc_searcher *searcher, const char *text, size_t max, json_t **result, tc_error *err);

/* The index's figures: {"records": {kind: count of documents or articles},
 * "entries": {kind: entries incl. clauses and points}, "types": {slug:
 * documents}, "years": {year: documents}, "revision", "built",
 * "format_version", "analyzer_version"}. */
tc_status tc_stats(tc_searcher *searcher, json_t **result, tc_error *err);

/* ---- parameters (params.c) ----
 * Options and parameters as the CLI and the daemon take them, parsed
 * strictly in one place: digits only, range checked, calendar-checked
 * dates. Each call fills ERR with TC_ERR_INPUT and a message that names
 * the parameter (NAME: "--limit", "per_page"), the value and what is
 * allowed. Thread-safe (no state). */

#define TC_DATE_MIN_YEAR    1900
#define TC_DATE_MAX_YEAR    2200
#define TC_FILTER_MAX_BYTES 200

/* A whole number in [MIN, MAX]: "abc", "", "1e3", "-5", "+5", " 5" and
 * anything past MAX (no wrap-around) are refused. */
tc_status tc_param_uint(const char *name, const char *value, uint64_t min, uint64_t max, uint64_t *out,
                        tc_error *err);
/* "all", "docs", "provisions", "codified" (tc_target_parse's names). */
tc_status tc_param_target(const char *name, const char *value, tc_target *out, tc_error *err);
/* "relevance", "newest", "oldest". */
tc_status tc_param_sort(const char *name, const char *value, tc_sort *out, tc_error *err);
/* One real day: "2015-05-14", "14/5/2015", "14-05-2015", "2015.05.14". */
tc_status tc_param_date(const char *name, const char *value, tc_date *out, tc_error *err);
/* The date forms above and a year alone ("2015": its first day, or with END
 * its last), the first LEN bytes of S. 0, or -1 when not a real day
 * ("2020-02-30" and "2020-13-45" alike). The query syntax uses it too. */
int tc_date_parse(const char *s, size_t len, int end, tc_date *out);
/* "A..B", "A..", "..B" or "A" (a date or year) into [*LO, *HI] (0: open);
 * -1 when a side is not a date or A is after B. */
int tc_date_range_parse(const char *s, size_t len, tc_date *lo, tc_date *hi);

/* Append the filter parameter NAME=VALUE (type issuer year status field
 * topic heading province number issued effective inforce: the English
 * names of the query syntax's fields) to FILTER in the query syntax, for
 * tc_search_options.filter. VALUE is checked as the field takes it (a known
 * type or validity, real dates, a chủ đề or đề mục number; names without
 * quotes or control characters, at most TC_FILTER_MAX_BYTES). */
tc_status tc_search_filter_add(tc_buf *filter, const char *name, const char *value, tc_error *err);
/* 1 when NAME is one of those filter parameters; the Ith name (NULL past
 * the last), for documentation. */
int tc_search_filter_known(const char *name);
const char *tc_search_filter_name(size_t i);

/* ---- verification (verify.c) ---- */

/* A problem tc_searcher_verify found: in database DB, entry ID (NULL: the
 * database as a whole), WHAT is wrong. The strings live during the call. */
typedef void (*tc_verify_fn)(void *ctx, tc_db_kind db, const char *id, const char *what);

typedef struct tc_verify_summary {
	long long entries[TC_DB_COUNT]; /* entries read, per database */
	long long parts[TC_DB_COUNT];   /* of them, parts of an article (clause and point entries) */
	long long problems;
} tc_verify_summary;

/* Read every entry of SEARCHER's index (opening it checked the manifest):
 * each id names one entry; each entry's stored record decodes, with its own
 * database's dictionary, into the JSON object of that id; each part of an
 * article (in the parts databases) names an article present in the
 * articles' database; every entry has an id. Each problem goes to FN (may be NULL) and is counted in SUMMARY.
 * Returns TC_OK when the whole index was read, sound or not (see
 * SUMMARY->problems), or the error that stopped the reading. Uses
 * SEARCHER: not thread-safe. */
tc_status tc_searcher_verify(tc_searcher *searcher, tc_verify_fn fn, void *ctx, tc_verify_summary *summary,
                             tc_error *err);
/* ---- portals: listings and sync (listing.c) ----
 * One searcher per thread, as for tc_search. */

#define TC_LISTING_MAX_WINDOW 10000
#define TC_CHANGES_MAX 500

typedef struct tc_listing_options {
	const char *filter; /* field filters in the query syntax (tc_search_filter_add); NULL: all */
	tc_sort sort;       /* TC_SORT_NEWEST (default) or TC_SORT_OLDEST, by issue date */
	uint32_t offset;
	uint32_t limit;     /* default 10 */
	int facets;         /* count the scope's documents by type, issuer, year, validity, province, field */
} tc_listing_options;

void tc_listing_options_default(tc_listing_options *options);

/* The documents (the docs database: documents and source documents, not
 * their provisions) matching the options' filter, in date order:
 * {"filter", "sort", "total" (exact), "offset", "limit", "items": [each
 * record's metadata without its text, and "changed", its change stamp],
 * "facets": {"type": {slug: count}, "issuer", "year", "validity",
 * "province", "field"} when asked}. TC_ERR_LIMIT past
 * TC_LISTING_MAX_WINDOW, TC_ERR_INPUT for a bad filter. */
tc_status tc_listing(tc_searcher *searcher, const tc_listing_options *options, json_t **result, tc_error *err);

/* The entries of database KIND (articles and documents, not their parts)
 * matching FILTER that were written or removed after the change stamp
 * AFTER (format.h; NULL or "": from the start), in the order they
 * happened, at most LIMIT (0 or over TC_CHANGES_MAX: TC_CHANGES_MAX):
 * {"db", "changes": [{"change": "upsert", "id", "changed", "record":
 * as a listing item} or {"change": "remove", "id", "changed"}], "cursor":
 * the AFTER of the next call, "more": whether changes are already waiting
 * past it}. Applying the changes in order to a copy, then calling again
 * with the cursor, keeps the copy equal to the index (for removals: as far
 * as the filter held when the entry was removed). Changes are served only
 * as far as every database involved has committed them, so a cursor never
 * passes a change that has yet to appear. TC_ERR_INPUT when AFTER is not a
 * stamp or FILTER does not parse. */
tc_status tc_changes(tc_searcher *searcher, tc_db_kind kind, const char *filter, const char *after, uint32_t limit,
                     json_t **result, tc_error *err);

/* An RFC 3339 time ("2026-01-03T10:15:00Z", "...:00.5+07:00") or a day
 * ("2026-01-03", its midnight UTC) as a change stamp into STAMP;
 * TC_ERR_INPUT naming NAME when it is neither. */
tc_status tc_param_time(const char *name, const char *value, char stamp[TC_CHANGE_STAMP_LEN + 1], tc_error *err);

#ifdef __cplusplus
}
#endif

#endif
