/* eval.h - retrieval-quality evaluation on judged questions (ALQAC format).
 *
 * The harness (eval-harness.c) loads a law file and question files, builds
 * each system over the same articles, runs every question through each
 * system, and computes hit@k, recall@k, MRR@10 and nDCG@10. Systems:
 * tracuu's own pipeline (eval-tracuu.c) and three baselines
 * (eval-baselines.c): SQLite FTS5 BM25, stock Xapian, and tracuu's analyzer
 * reduced to plain syllables. */
#ifndef TC_EVAL_H
#define TC_EVAL_H

#include <stddef.h>

#include "common.h"

#define EVAL_TOP_K 20

typedef struct eval_article {
	const char *law_id;     /* the law's name, e.g. "Luật Thanh niên" */
	const char *article_id; /* "32" */
	const char *title;      /* the first line of the article text */
	const char *body;       /* the rest */
} eval_article;

typedef struct eval_corpus {
	eval_article *articles;
	size_t count;
} eval_corpus;

typedef struct eval_question {
	const char *id;
	const char *text;
	size_t *relevant; /* indices into eval_corpus.articles; a gold pair missing
	                     from the corpus counts as relevant but can never be found */
	size_t relevant_count;
	size_t missing_count; /* gold pairs not in the corpus */
} eval_question;

/* A system under evaluation. BUILD indexes every article of CORPUS (WORKDIR
 * is a fresh scratch folder it may use); SEARCH runs one question text and
 * writes up to MAX article indices, best first, into HITS, and their count
 * into *N. */
typedef struct eval_system {
	const char *name;
	void *state;
	tc_status (*build)(void *state, const eval_corpus *corpus, const char *workdir, tc_error *err);
	tc_status (*search)(void *state, const char *text, size_t *hits, size_t max, size_t *n, tc_error *err);
	void (*free)(void *state);
} eval_system;

/* The systems. OPTIONS is a system-specific string (NULL: defaults), e.g.
 * for tracuu a comma-separated list of features to turn off, for the
 * ablation table. Each returns 0, or -1 when memory runs out. */
int eval_system_tracuu(eval_system *system, const char *options);
int eval_system_fts5(eval_system *system, const char *options);
int eval_system_xapian_stock(eval_system *system, const char *options);
int eval_system_plain_syllables(eval_system *system, const char *options);

#endif
