/* latency.h - the latency benchmark of the query engine (README.md here).
 *
 * querysets.c loads the data the benchmark is made of (the pháp điển's
 * codified articles, the ALQAC questions) and draws the query sets from it
 * with a fixed seed; bench_latency.c builds the peers, runs every set through
 * every engine and reports. Nothing here is thread-safe; the benchmark is one
 * thread by design. */
#ifndef TC_LATENCY_H
#define TC_LATENCY_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"
#include "common.h"
#include "corpus.h"
#include "eval.h"

/* The query shapes, in the order of the report. */
typedef enum lat_shape {
	LAT_WORD,       /* one word of a codified article's heading */
	LAT_PHRASE,     /* two adjacent syllables of a heading, quoted */
	LAT_AND3,       /* three words of one heading (tracuu: up to 4 words must all match) */
	LAT_QUESTION,   /* an ALQAC question as pasted (~25 words) */
	LAT_UNACCENTED, /* the same questions folded by the analyzer */
	LAT_NUMBER,     /* a source document's number, loosely spelled */
	LAT_CITATION, /* "khoản 2 Điều 5 Nghị định 52/2015/NĐ-CP", "Điều 3 Luật Thanh niên" */
	LAT_LISTING,  /* "loai:nghi-dinh nam:2020..2025", newest first */
	LAT_SHAPE_COUNT
} lat_shape;

/* "word", "phrase", ... (option values, JSON keys), and the report's titles. */
extern const char *const lat_shape_names[LAT_SHAPE_COUNT];
extern const char *const lat_shape_titles[LAT_SHAPE_COUNT];
/* The shape named NAME, or LAT_SHAPE_COUNT. */
lat_shape lat_shape_parse(const char *name, size_t len);
/* Whether the peers (stock Xapian, FTS5) run only the closest equivalent of
 * SHAPE: they know no document numbers, citations or filter syntax. */
int lat_shape_peer_approximate(lat_shape shape);

/* One query: the text typed into tracuu, and the peers' form of it. */
typedef struct lat_query {
	const char *text;
	eval_query peer;
} lat_query;

typedef struct lat_query_set {
	lat_query *queries;
	size_t count;
} lat_query_set;

/* A source note's link of a codified article, for numbers and citations. */
typedef struct lat_source {
	tc_doc_type type;
	const char *number;         /* "52/2015/NĐ-CP" as written */
	const char *title;          /* the document's title from the notes, NULL if none */
	const char *article;        /* "Điều 5", "khoản 2 Điều 3" as written, NULL if none */
	const char *const *clauses; /* the codified article's clause numbers */
	size_t clause_count;
} lat_source;

/* What the query sets are drawn from, and what the peers index. */
typedef struct lat_data {
	/* the codified articles: title (the heading's title), body (the text
	 * under the heading), the type and issue date of the first source */
	eval_corpus articles;
	lat_source *sources; /* every original link that names a document */
	size_t source_count;
	const char **questions; /* every ALQAC question text */
	size_t question_count;
	long long problems; /* loader problems (counted; the corpus README lists them) */
	tc_arena *arena;    /* owns the sources, questions and strings above */
} lat_data;

/* Load the codified articles of the pháp điển folder PHAPDIEN and the
 * question texts of every question file (*.json but law.json) of the ALQAC
 * folder ALQAC into DATA (caller-owned; lat_data_free). Errors: those of
 * tc_corpus_load and the eval loaders, TC_ERR_NOT_FOUND for a folder without
 * codified articles or questions, TC_ERR_NOMEM. */
tc_status lat_data_load(const char *phapdien, const char *alqac, lat_data *data, tc_error *err);
void lat_data_free(lat_data *data);

/* Draw up to COUNT distinct queries of SHAPE from DATA into SET, with SEED
 * (the same seed gives the same queries; the unaccented questions are the
 * questions' folded forms). Strings and arrays come from ARENA. Fewer than
 * COUNT when the data holds fewer (530 questions). Returns TC_OK or
 * TC_ERR_NOMEM. */
tc_status lat_make_queries(const lat_data *data, lat_shape shape, size_t count, uint64_t seed,
                           tc_analyzer *analyzer, tc_arena *arena, lat_query_set *set, tc_error *err);

#endif
