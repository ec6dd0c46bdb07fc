/* check.h - the drafter's cross-check (docs/check.md): a draft (a decree,
 * circular or decision under preparation, or one article of it) read
 * article by article, each article's citations resolved and judged, and
 * the in-force provisions that say the same thing found and compared
 * passage by passage.
 *
 * Built from what the engine has: the corpus's own parsers split the draft
 * (tc_record_parse_text, tc_record_parse_jsonl), the analyzer recognizes
 * document numbers, citation parts and dates, tc_lookup resolves what a
 * citation names, and tc_search finds the candidates of an overlap (a
 * "more like this" query from the article's most informative words);
 * only the passage comparison (syllable n-gram shingles) is this module's
 * own.
 *
 * Work is bounded whatever the input: a draft of at most TC_CHECK_MAX_BYTES,
 * at most TC_CHECK_MAX_CITATIONS citations judged (the rest listed as not
 * checked), overlaps searched for at most TC_CHECK_MAX_OVERLAP_ARTICLES
 * articles.
 *
 * Thread rules: a tc_check_draft is read-only once made and may be shared;
 * tc_check_run uses the searcher it is given, one per thread (query.h). */
#ifndef TC_CHECK_MODULE_H
#define TC_CHECK_MODULE_H

#include <jansson.h>
#include <stddef.h>

#include "common.h"
#include "corpus.h"
#include "query.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TC_CHECK_MAX_BYTES            (1024 * 1024)
#define TC_CHECK_MAX_CITATIONS        5000
#define TC_CHECK_MAX_OVERLAP_ARTICLES 300

/* ---- the draft ---- */

/* What a citation in a draft names. */
typedef enum tc_cite_scope {
	TC_CITE_EXTERNAL = 0, /* another document, by number or by name */
	TC_CITE_INTERNAL, /* the draft itself: "Điều này", "khoản 3 Điều 7 của Nghị định này" */
	TC_CITE_BARE,     /* no document named ("khoản 2 Điều 5"): read as the draft itself */
	TC_CITE_CONTEXT, /* no document named, in an article that amends one document: that one */
} tc_cite_scope;

/* One citation as written: the parts it names, from small to large. A
 * list ("khoản 1, 2 và 3 Điều 5") is one citation per item. */
typedef struct tc_cite {
	size_t start, end; /* bytes of the article's text it spans */
	tc_cite_scope scope;
	const char *point;      /* "đ", NULL if none */
	const char *clause;     /* "2" */
	const char *article;    /* "5", "5a"; "this" for "Điều này" */
	const char *doc_number; /* as written: "52/2015/NĐ-CP", "nđ 52/2015"; NULL if none */
	const char *doc_type; /* the type word written before it: "Nghị định", "Luật"; NULL if none */
	const char *doc_name; /* a document named by its name: "Luật Đất đai" (words as written) */
	tc_date written_date; /* "ngày 28 tháng 5 năm 2015" after the number; 0 if none */
	int written_year;     /* "Luật Đất đai năm 2024", "Luật Đất đai 2024"; 0 if none */
	const char *written_title; /* "về ..." after the number and issuer; NULL if none */
	int quoted;                /* inside quotation marks (the new text of an amended provision) */
	int adds; /* after "bổ sung" ("Bổ sung khoản 5 vào Điều 7"): a provision the draft adds */
} tc_cite;

/* One article of the draft (or the whole text when it has no "Điều"; or
 * the preamble, the text before the first article: its legal bases). */
typedef struct tc_check_article {
	int preamble;       /* the preamble ("Căn cứ ..."): citations only */
	const char *number; /* "5", NULL for a text with no article and the preamble */
	const char *heading;
	const char *path; /* the node's path in the draft's record */
	const char *text; /* heading line and body, as tc_node_full_text gives it */
	size_t text_len;
	const tc_node *node; /* NULL for a text with no article; the root for the preamble */
	tc_cite *cites;
	size_t cite_count;
	/* the one document this article amends ("Sửa đổi, bổ sung một số điều
	 * của Nghị định số 52/2015/NĐ-CP"), as written; NULL if none */
	const char *amends;
} tc_check_article;

typedef struct tc_check_draft {
	tc_arena *arena; /* everything below */
	const tc_record *record;
	tc_check_article *articles;
	size_t article_count;
	size_t cite_count;  /* over all articles */
	const char *format; /* "text" or "jsonl" */
} tc_check_draft;

/* Read LEN bytes of DRAFT: a JSONL record (the corpus interchange format,
 * when its first non-space byte is '{') or plain text (any bytes: invalid
 * UTF-8 and legacy encodings are repaired). Each article is split out by
 * the corpus's structure parser and its citations recognized. Errors:
 * TC_ERR_INPUT for an empty draft, bytes that are no text (binary), a JSONL
 * line that is no record or more than one record; TC_ERR_LIMIT over
 * TC_CHECK_MAX_BYTES; TC_ERR_NOMEM. *DRAFT is freed with
 * tc_check_draft_free. Thread-safe. */
tc_status tc_check_draft_read(const char *draft, size_t len, tc_check_draft **out, tc_error *err);
void tc_check_draft_free(tc_check_draft *draft);

/* The draft as read: {"format", "doc_number", "type", "title", "articles":
 * [{"number", "heading", "path", "citations": [{"text", "start", "end",
 * "scope", "point", "clause", "article", "doc_number", "doc_type",
 * "doc_name", "written_date", "written_year", "written_title"}]}]}
 * (NULL when memory runs out). */
json_t *tc_check_draft_json(const tc_check_draft *draft);

/* ---- checking it against an index ---- */

/* The verdict on one citation, worst first in the report's order. */
typedef enum tc_verdict {
	TC_VERDICT_FOUND = 0,    /* what it names exists: its text is given */
	TC_VERDICT_NO_DOCUMENT,  /* no such document in the index */
	TC_VERDICT_NO_PROVISION, /* the document has no such article, khoản or điểm */
	TC_VERDICT_NOT_IN_FORCE, /* the document has expired, or is not yet in force, on the date */
	TC_VERDICT_REPEALED,     /* the article was repealed (codification notes) */
	TC_VERDICT_AMENDED,      /* the article was amended since (codification notes): by what */
	TC_VERDICT_MISMATCH,     /* the date or title written differs from the document's */
	TC_VERDICT_AMBIGUOUS,    /* several documents answer to what is written */
	TC_VERDICT_UNVERIFIED,   /* the document is known, its text is not in the index */
	TC_VERDICT_NOT_CHECKED,  /* over TC_CHECK_MAX_CITATIONS, or nothing to look up */
	TC_VERDICT_COUNT
} tc_verdict;

/* "found", "no-document", "no-provision", "not-in-force", "repealed",
 * "amended", "mismatch", "ambiguous", "unverified", "not-checked". */
const char *tc_verdict_name(tc_verdict verdict);

typedef struct tc_check_options {
	tc_target target;      /* overlaps among: TC_TARGET_ALL (codified articles and
	                      * provisions), TC_TARGET_CODIFIED or TC_TARGET_PROVISIONS */
	tc_date date;          /* in force on this day (0: today, UTC) */
	int citations;         /* judge the citations (default 1) */
	int overlaps;          /* find overlaps (default 1) */
	unsigned max_overlaps; /* per article and target (default 5) */
	int text;              /* include the full text of what overlaps */
} tc_check_options;

void tc_check_options_default(tc_check_options *options);

/* Check DRAFT against the index of SEARCHER. *REPORT (json_decref it):
 *   {"draft": {...}, "date", "in",
 *    "summary": {"articles", "citations", "verdicts": {name: count},
 *                "overlaps", "number_differences"},
 *    "articles": [{"number", "heading", "path", "text",
 *      "citations": [{"text", "start", "end", "scope", "names": {...},
 *                     "verdict", "findings": [{"kind", "detail", ...}],
 *                     "resolved": {"id", "kind", "doc_number", "title",
 *                                  "text", ...}}],
 *      "overlaps": [{"id", "kind", "doc_number", "title", "heading",
 *                    "article_number", "similarity", "draft_share",
 *                    "other_share", "passages": [{"draft": [start, end],
 *                    "other": [start, end], "words", "draft_text",
 *                    "other_text"}], "number_differences": [{"kind",
 *                    "draft": {"text", "start", "end"}, "other": {...}}]}]}]}
 * Offsets are bytes of the article's "text" and of the other's full text.
 * TC_ERR_INPUT for a bad target; engine errors (TC_ERR_XAPIAN, NOMEM) as
 * tc_search and tc_lookup return them. */
tc_status tc_check_run(tc_searcher *searcher, const tc_check_draft *draft, const tc_check_options *options,
                       json_t **report, tc_error *err);

/* tc_check_draft_read then tc_check_run. */
tc_status tc_check(tc_searcher *searcher, const char *draft, size_t len, const tc_check_options *options,
                   json_t **report, tc_error *err);

/* ---- comparing two texts (the passage comparison behind overlaps) ---- */

/* Compare texts A and B (LEN bytes each) by syllable n-gram shingles:
 * {"similarity" (Dice over the words in shared passages), "a_share",
 *  "b_share", "a_count", "b_count" (words), "passages": [{"a": [start,
 *  end], "b": [start, end], "words", "a_words": [first, end)}],
 *  "number_differences": [{"kind": "money"|"age"|"time"|"percent"|
 *  "number", "a": {"text", "start", "end"}, "b": {...}, "passage"}]}.
 * Passages of at least TC_CHECK_MIN_PASSAGE words; two passages a few
 * words apart on both sides make one, and a number that differs in such a
 * gap (or right after a passage) is a number difference. ANALYZER is the
 * caller's (one per thread). NULL when memory runs out. */
#define TC_CHECK_SHINGLE     4
#define TC_CHECK_MIN_PASSAGE 8
json_t *tc_check_compare(tc_analyzer *analyzer, const char *a, size_t a_len, const char *b, size_t b_len);

#ifdef __cplusplus
}
#endif

#endif
