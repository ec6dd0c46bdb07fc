/* eval.h - retrieval-quality evaluation on judged questions (ALQAC format).
 *
 * The harness (eval-harness.c) loads a law file and question files, builds
 * each system over the same articles, runs every question through each
 * system, and computes hit@k, recall@k, MRR@10 and nDCG@10. Systems:
 * tracuu's own pipeline (eval-tracuu.c) and three baselines: SQLite FTS5
 * BM25 (eval-fts5.c), stock Xapian and tracuu's analyzer reduced to plain
 * syllables (eval-baselines.c). `tracuu eval` (cmd_eval.c) drives them;
 * benchmarks/quality/README.md has the figures.
 *
 * The latency benchmark (benchmarks/latency) builds the same FTS5 and stock
 * Xapian systems over the codified articles and times them through
 * eval_system.search_counted; both link this code as the library
 * tracuu-eval (cli/meson.build). */
#ifndef TC_EVAL_H
#define TC_EVAL_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

#define EVAL_TOP_K 20

typedef struct eval_article {
	const char *law_id;     /* the law's name, e.g. "Luật Thanh niên" */
	const char *article_id; /* "32" */
	const char *title;      /* the first line of the article text */
	const char *body;       /* the rest */
	/* For listings (the latency benchmark's codified articles: their
	 * source document's); NULL and 0 when unknown, as in ALQAC. */
	const char *type_slug; /* "nghi-dinh" (tc_doc_type_slug) */
	uint32_t issue_date;   /* YYYYMMDD */
} eval_article;

typedef struct eval_corpus {
	eval_article *articles;
	size_t count;
	tc_arena *arena; /* owns the strings (eval_corpus_load) */
} eval_corpus;

/* A gold (law_id, article_id) pair as written in a question file. */
typedef struct eval_gold {
	const char *law_id;
	const char *article_id;
	int in_corpus; /* 0: the pair is not in the law file (counts, never found) */
} eval_gold;

typedef struct eval_question {
	const char *id;
	const char *text;
	size_t *relevant; /* indices into eval_corpus.articles; a gold pair missing
	                     from the corpus counts as relevant but can never be found */
	size_t relevant_count;
	size_t missing_count;  /* gold pairs not in the corpus */
	const eval_gold *gold; /* every distinct gold pair, as written */
	size_t gold_count;
} eval_question;

/* A query in a form every baseline can run (the latency benchmark's query
 * shapes). */
typedef enum eval_query_form {
	EVAL_QUERY_WORDS,   /* TEXT as the system takes a question (what SEARCH does) */
	EVAL_QUERY_PHRASE,  /* the words of TEXT, in this order */
	EVAL_QUERY_ALL,     /* every word of TEXT (AND) */
	EVAL_QUERY_LISTING, /* no words: the articles of TYPE_SLUG issued in the years
	                       YEAR_FROM..YEAR_TO, newest first */
} eval_query_form;

typedef struct eval_query {
	eval_query_form form;
	const char *text;      /* WORDS, PHRASE, ALL */
	const char *type_slug; /* LISTING */
	unsigned year_from, year_to;
	/* SEARCH_COUNTED: 0 counts every match; N counts up to N, a total of N
	 * then meaning "at least N" (a bounded count, as Elasticsearch's
	 * track_total_hits) */
	uint32_t count_bound;
} eval_query;

/* A system under evaluation. BUILD indexes every article of CORPUS (WORKDIR
 * is a fresh scratch folder it may use); SEARCH runs one question text and
 * writes up to MAX article indices, best first, into HITS, and their count
 * into *N. SEARCH_COUNTED (NULL when the system has none) runs QUERY the
 * same way and also counts every match exactly into *TOTAL (or up to the
 * query's count_bound). */
typedef struct eval_system {
	const char *name;
	void *state;
	tc_status (*build)(void *state, const eval_corpus *corpus, const char *workdir, tc_error *err);
	tc_status (*search)(void *state, const char *text, size_t *hits, size_t max, size_t *n,
	                    tc_error *err);
	tc_status (*search_counted)(void *state, const eval_query *query, size_t *hits, size_t max,
	                            size_t *n, uint64_t *total, tc_error *err);
	void (*free)(void *state);
} eval_system;

/* The systems. OPTIONS is a system-specific string (NULL: defaults), e.g.
 * for tracuu a comma-separated list of features to turn off, for the
 * ablation table. Each returns 0, or -1 when memory runs out. SEARCH_COUNTED:
 * fts5 (LISTING over a metadata table with an index on (type, issue date))
 * and xapian (LISTING as boolean type terms, a date value range and a sort on
 * that value; the articles' metadata are indexed only when present, so the
 * quality figures do not move). */
int eval_system_tracuu(eval_system *system, const char *options);
int eval_system_fts5(eval_system *system, const char *options);
int eval_system_xapian_stock(eval_system *system, const char *options);
int eval_system_plain_syllables(eval_system *system, const char *options);

/* ---- the harness (eval-harness.c) ----
 * None of these calls keeps global state; each object is used by one thread
 * at a time. */

/* Load an ALQAC law file (`[{"id": LAW, "articles": [{"id": "N", "text":
 * "Title\n\nBody"}]}]`) into CORPUS (caller-owned; eval_corpus_free). The
 * title is the text before the first blank line (or the first line when there
 * is no blank line; a text of one line is all body: the Hiến pháp's articles
 * have no title). Errors: TC_ERR_IO (cannot read), TC_ERR_INPUT (bad JSON, with
 * file, line, column and byte position; a missing or mistyped field, with the
 * file, the law's and the article's index; a duplicate (law, article) pair),
 * TC_ERR_NOMEM. */
tc_status eval_corpus_load(const char *path, eval_corpus *corpus, tc_error *err);
void eval_corpus_free(eval_corpus *corpus);

/* One question file. */
typedef struct eval_question_file {
	const char *path;
	eval_question *questions;
	size_t count;
	size_t gold_pairs; /* distinct gold pairs over all questions */
	tc_arena *arena;   /* owns everything above */
} eval_question_file;

/* Load an ALQAC question file (`[{"question_id", "text", "relevant_articles":
 * [{"law_id", "article_id"}], ...}]`) into FILE, resolving each gold pair
 * against CORPUS (a pair missing from CORPUS is kept and counted, see
 * eval_question). Other keys ("question_type", "choices", "answer") are
 * ignored: systems see the text only. Errors as eval_corpus_load, plus
 * TC_ERR_INPUT for a question without gold pairs. */
tc_status eval_questions_load(const char *path, const eval_corpus *corpus, eval_question_file *file,
                              tc_error *err);
void eval_questions_free(eval_question_file *file);

/* Replace every question's text by its eval_strip_diacritics form. Returns 0,
 * or -1 when memory runs out. */
int eval_questions_strip_diacritics(eval_question_file *file);

/* Write TEXT (LEN bytes of UTF-8) into OUT (replacing its content) with every
 * diacritic removed and đ/Đ mapped to d/D, case kept: NFD, drop U+0300–U+036F,
 * NFC (ICU). Invalid UTF-8 becomes U+FFFD. Returns 0, or -1 when memory runs
 * out. */
int eval_strip_diacritics(const char *text, size_t len, tc_buf *out);

/* Write the NFC form of TEXT (LEN bytes of UTF-8) into OUT (replacing its
 * content). Returns 0, or -1 when memory runs out. */
int eval_nfc(const char *text, size_t len, tc_buf *out);

/* The cutoffs of hit@k and recall@k. */
#define EVAL_CUTOFF_COUNT 4
extern const size_t eval_cutoffs[EVAL_CUTOFF_COUNT]; /* 1, 5, 10, 20 */

/* Retrieval figures: of one question, or the mean over a file. */
typedef struct eval_metrics {
	double hit[EVAL_CUTOFF_COUNT];    /* a relevant article in the top k */
	double recall[EVAL_CUTOFF_COUNT]; /* relevant articles in the top k / all relevant */
	double mrr10;                     /* 1 / rank of the first relevant article, within 10 */
	double ndcg10;                    /* binary gains, log2 discount; ideal from min(relevant, 10) */
} eval_metrics;

/* Score one ranking: HITS holds N article indices, best first; rank r is
 * HITS[r-1] (a duplicate keeps its slot but counts only once). Relevant articles are Q's relevant[]
 * plus its missing_count pairs that no ranking can hold. A question without
 * any relevant pair scores 0 everywhere. */
void eval_score(const eval_question *q, const size_t *hits, size_t n, eval_metrics *score);
/* SUM += ONE, figure by figure. */
void eval_metrics_add(eval_metrics *sum, const eval_metrics *one);
/* Divide every figure of M by COUNT (nothing when COUNT is 0). */
void eval_metrics_scale(eval_metrics *m, size_t count);

/* One system on one question file. */
typedef struct eval_run {
	size_t *hits;      /* count * EVAL_TOP_K article indices, row by row */
	size_t *hit_count; /* per question */
	size_t count;      /* questions */
	size_t failed;     /* questions whose search failed (scored as no result) */
	char first_error[TC_ERROR_MESSAGE_MAX];
	eval_metrics metrics; /* means over the file */
	double seconds;       /* wall-clock time of the searches */
} eval_run;

/* Run every question of FILE through SYSTEM (already built) and score it.
 * RUN is caller-owned (eval_run_free). A failing search is counted in
 * run->failed, its first message kept, and the run goes on. Returns TC_OK or
 * TC_ERR_NOMEM. */
tc_status eval_run_file(eval_system *system, const eval_question_file *file, eval_run *run, tc_error *err);
void eval_run_free(eval_run *run);

/* Everything measured in one `tracuu eval`, for eval_write_json. */
typedef struct eval_system_result {
	const char *name;
	int built; /* 0: the build failed, see error */
	char error[TC_ERROR_MESSAGE_MAX];
	double build_seconds;
	eval_run *runs; /* one per question file, when built */
} eval_system_result;

typedef struct eval_report {
	const char *law_path;
	int unaccented;
	const char *tracuu_options;
	const eval_corpus *corpus;
	const eval_question_file *files;
	size_t file_count;
	const eval_system_result *results;
	size_t result_count;
} eval_report;

/* Write REPORT as JSON to PATH ("-": stdout): per system and file, every
 * figure, and for each question its gold pairs and its top EVAL_TOP_K
 * (law_id, article_id, rank). Errors: TC_ERR_IO, TC_ERR_NOMEM. */
tc_status eval_write_json(const char *path, const eval_report *report, tc_error *err);

#endif
