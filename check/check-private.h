/* check-private.h - the check module's pieces: reading a draft and its
 * citations (draft.c, cite.c), judging citations (verdict.c), overlaps
 * (overlap.c, compare.c). */
#ifndef TC_CHECK_PRIVATE_H
#define TC_CHECK_PRIVATE_H

#include "analyzer.h"
#include "check.h"

/* Recognize the citations of ARTICLE's text (article->text) into
 * article->cites, from ARENA; RECORD is the draft (its title may name the
 * document an amending article amends). Returns 0, or -1 when memory runs
 * out. */
int tc__cites_find(tc_analyzer *analyzer, tc_arena *arena, const tc_record *record,
                   tc_check_article *article);

/* One citation as the draft JSON shows it (tc_check_draft_json). */
json_t *tc__cite_json(const tc_check_article *article, const tc_cite *cite);
/* The draft's own fields (format, id, number, type, title, counts). */
json_t *tc__draft_summary(const tc_check_draft *draft);

/* The words of a text for the passage comparison: folded forms hashed, byte
 * ranges in the text, numbers marked. */
typedef struct tc__word {
	uint64_t hash;
	size_t start, end;
	int is_number;
} tc__word;

typedef struct tc__words {
	tc__word *v;
	size_t n, cap;
	size_t len; /* of the text the words are of (not NUL-terminated: tc_check_compare) */
	int failed;
} tc__words;

/* Fill WORDS (reset first) with the words of TEXT. 0, or -1 when memory
 * runs out. */
int tc__words_of(tc_analyzer *analyzer, const char *text, size_t len, tc__words *words);
void tc__words_free(tc__words *words);

/* Compare two texts given as words (tc__words_of): tc_check_compare's
 * object with passages as [a_start, a_end] and [b_start, b_end] byte ranges
 * of A_TEXT and B_TEXT. NULL when memory runs out. */
json_t *tc__compare_words(const tc__words *a, const char *a_text, const tc__words *b, const char *b_text);

/* Judging the citations of one run. */
typedef struct tc__judge {
	tc_searcher *searcher;
	const tc_check_draft *draft;
	tc_analyzer *analyzer;
	char date_iso[11]; /* the day a document must be in force on */
	json_t *cache;     /* lookup text → tc_lookup's result */
	size_t judged;     /* citations judged so far (TC_CHECK_MAX_CITATIONS) */
	size_t counts[TC_VERDICT_COUNT];
	tc_error *err;
} tc__judge;

/* Judge citation C of article A: the citation's object (tc__cite_json) with
 * "names", "verdict", "findings" and "resolved". NULL with *ST set when the
 * engine fails. */
json_t *tc__judge_cite(tc__judge *j, const tc_check_article *a, const tc_cite *c, tc_status *st);

/* The overlaps of article A (tc_check_run's "overlaps"), or NULL with *ST
 * set when the engine fails. */
json_t *tc__overlaps(tc_searcher *searcher, tc_analyzer *analyzer, const tc_check_draft *draft,
                     const tc_check_article *a, const tc_check_options *options, const char *date_iso,
                     tc_status *st, tc_error *err);

/* Today (UTC) as YYYYMMDD. */
tc_date tc__today(void);

#endif
