/* corpus-private.h - what the corpus loaders share; not for other modules. */
#ifndef TC_CORPUS_PRIVATE_H
#define TC_CORPUS_PRIVATE_H

#include "corpus.h"
#include "analyzer.h"

/* The state of one tc_corpus_load call, handed to each loader. */
typedef struct tc_loader {
	const tc_load_options *options;
	tc_record_fn record_fn;
	void *record_ctx;
	tc_load_summary *summary;
	/* Per-record scratch: every string and node of a record comes from here;
	 * reset after each record is delivered. */
	tc_arena *arena;
	/* For document-number normalization and text cleanup. */
	tc_analyzer *analyzer;
	int stopped; /* the record callback asked to stop */
} tc_loader;

/* Report a problem (and count it in the summary); FMT is the message. */
void tc__report(tc_loader *loader, tc_problem_kind kind, int skipped, const char *path, long line,
                long long offset, const char *record, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

/* Hand RECORD to the caller, count it, and reset the arena. Returns 0 to go
 * on, non-zero when the caller asked to stop (loader->stopped is then set). */
int tc__deliver(tc_loader *loader, tc_record *record);

/* A new node from the loader's arena, appended to PARENT (may be NULL). */
tc_node *tc__node_new(tc_loader *loader, tc_node *parent, tc_node_kind kind);

/* The loaders, one per source kind (corpus.h, tc_corpus_load). Each returns
 * TC_OK unless PATH itself cannot be read. */
tc_status tc__load_phapdien(tc_loader *loader, const char *dir, tc_error *err);
tc_status tc__load_congbao(tc_loader *loader, const char *dir, tc_error *err);
tc_status tc__load_text_document(tc_loader *loader, const char *path, const char *source_name, tc_error *err);
tc_status tc__load_pdf(tc_loader *loader, const char *path, tc_error *err);
tc_status tc__load_jsonl(tc_loader *loader, const char *path, tc_error *err);
tc_status tc__load_alqac(tc_loader *loader, const char *path, tc_error *err);

#endif
