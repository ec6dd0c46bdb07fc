/* eval-baselines.c - the Xapian baselines of the quality evaluation
 * (the FTS5 baseline is in eval-fts5.c).
 *
 * "xapian": stock Xapian through the shim. Each article is one document
 * indexed by Xapian's TermGenerator with its defaults (no stemmer, no
 * prefix): the NFC title, then the NFC body, into the same unprefixed field,
 * each with wdf increment 1 (two xc_stock_index_text calls on one document).
 * A question is parsed by Xapian's QueryParser with its default flags and
 * default operator OR. Ranked by BM25 with Xapian's default parameters.
 *
 * "syllables": tracuu's analyzer reduced to plain syllables
 * (TC_ANALYZE_PLAIN: NFC and lowercase, no tone-placement or i/y
 * unification, no bigrams, numbers, document numbers or citations). Every
 * token's exact form is a term with its position: the title's words first,
 * then the body's (one position gap between them). A question is analyzed the
 * same way (TC_ANALYZE_QUERY | TC_ANALYZE_PLAIN) and becomes an OR of its
 * distinct terms, each with its count as within-query frequency (what BM25's
 * k3 factor expects); BM25 with Xapian's default parameters. */
#include <stdio.h>
#include <string.h>

#include "analyzer.h"
#include "eval.h"
#include "xapian-c.h"

typedef struct xapian_state {
	int plain; /* 1: the syllables baseline; 0: stock Xapian */
	char path[4096];
	xc_reader *reader;
	xc_enquire *enquire;
	tc_analyzer *analyzer;
	tc_buf nfc;
	/* query side of the syllables baseline */
	tc_buf terms; /* distinct terms, each followed by '\0' */
	uint32_t *counts;
	size_t term_count, term_cap;
	/* document side */
	xc_doc *doc;
	uint32_t position_base;
	tc_status doc_status;
	tc_error *doc_err;
} xapian_state;

/* Document side of the syllables baseline: one posting per word token. */
static int add_posting(void *ctx, const tc_token *token)
{
	xapian_state *s = ctx;
	if (token->flags & TC_TOKEN_COLOCATED)
		return 0; /* only the words themselves, nothing laid on top of them */
	if (token->exact_len == 0 || token->exact_len > XC_MAX_TERM_LENGTH)
		return 0;
	s->doc_status = xc_doc_add_posting(s->doc, token->exact, token->exact_len,
	                                   s->position_base + token->position + 1, 1, s->doc_err);
	return s->doc_status != TC_OK;
}

static tc_status analyze_into_doc(xapian_state *s, const char *text, uint32_t *words, tc_error *err)
{
	tc_analysis_info info = {0};
	s->doc_status = TC_OK;
	s->doc_err = err;
	tc_status st = tc_analyzer_run(s->analyzer, TC_ANALYZE_DOCUMENT | TC_ANALYZE_PLAIN, text,
	                               strlen(text), add_posting, s, &info, err);
	if (st == TC_ERR_ABORTED)
		return s->doc_status;
	*words = info.word_count;
	return st;
}

static tc_status xapian_build(void *state, const eval_corpus *corpus, const char *workdir, tc_error *err)
{
	xapian_state *s = state;
	snprintf(s->path, sizeof s->path, "%s/%s", workdir, s->plain ? "syllables" : "xapian");
	xc_writer *writer = NULL;
	tc_status st = xc_writer_open(s->path, XC_OPEN_CREATE_OR_OVERWRITE, &writer, err);
	if (st != TC_OK)
		return st;
	st = xc_doc_new(&s->doc, err);
	for (size_t i = 0; st == TC_OK && i < corpus->count; i++) {
		const eval_article *a = &corpus->articles[i];
		xc_doc_clear(s->doc);
		if (s->plain) {
			uint32_t title_words = 0, body_words = 0;
			s->position_base = 0;
			st = analyze_into_doc(s, a->title, &title_words, err);
			/* one free position between title and body: no phrase
			 * spans the two */
			s->position_base = title_words + 1;
			if (st == TC_OK)
				st = analyze_into_doc(s, a->body, &body_words, err);
		} else {
			if (eval_nfc(a->title, strlen(a->title), &s->nfc) < 0)
				st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
			else
				st = xc_stock_index_text(s->doc, s->nfc.data, s->nfc.len, 1, err);
			if (st == TC_OK && eval_nfc(a->body, strlen(a->body), &s->nfc) < 0)
				st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
			else if (st == TC_OK)
				st = xc_stock_index_text(s->doc, s->nfc.data, s->nfc.len, 1, err);
		}
		xc_docid docid = 0;
		if (st == TC_OK)
			st = xc_writer_add(writer, s->doc, &docid, err);
		/* Document ids of a fresh database run 1, 2, ...: article index + 1. */
		if (st == TC_OK && docid != i + 1)
			st = tc_error_set(err, TC_ERR_INTERNAL,
			                  "%s: article %zu got document id %u, expected %zu", s->path, i,
			                  docid, i + 1);
	}
	if (s->doc)
		xc_doc_free(s->doc);
	s->doc = NULL;
	if (st != TC_OK) {
		xc_writer_close(writer, 1, NULL);
		return st;
	}
	st = xc_writer_close(writer, 0, err);
	if (st == TC_OK)
		st = xc_reader_open(s->path, &s->reader, err);
	if (st == TC_OK)
		st = xc_enquire_new(s->reader, &s->enquire, err);
	return st; /* Xapian's default weighting is BM25 with its defaults */
}

/* Query side of the syllables baseline: count distinct terms. */
static int collect_term(void *ctx, const tc_token *token)
{
	xapian_state *s = ctx;
	if (token->flags & TC_TOKEN_COLOCATED)
		return 0;
	if (token->exact_len == 0 || token->exact_len > XC_MAX_TERM_LENGTH)
		return 0;
	size_t k = 0, offset = 0;
	for (; k < s->term_count; k++) {
		const char *t = s->terms.data + offset;
		size_t len = strlen(t);
		if (len == token->exact_len && !memcmp(t, token->exact, len)) {
			s->counts[k]++;
			return 0;
		}
		offset += len + 1;
	}
	if (s->term_count == s->term_cap) {
		size_t cap = s->term_cap ? 2 * s->term_cap : 64;
		uint32_t *counts = tc_realloc(s->counts, cap * sizeof *counts);
		if (!counts)
			return 1;
		s->counts = counts;
		s->term_cap = cap;
	}
	if (tc_buf_append(&s->terms, token->exact, token->exact_len) < 0 ||
	    tc_buf_append_char(&s->terms, '\0') < 0)
		return 1;
	s->counts[s->term_count++] = 1;
	return 0;
}

static tc_status plain_query(xapian_state *s, const char *text, xc_query **query, tc_error *err)
{
	tc_buf_reset(&s->terms);
	s->term_count = 0;
	tc_status st = tc_analyzer_run(s->analyzer, TC_ANALYZE_QUERY | TC_ANALYZE_PLAIN, text, strlen(text),
	                               collect_term, s, NULL, err);
	if (st == TC_ERR_ABORTED)
		return tc_error_set(err, TC_ERR_NOMEM, "syllables: out of memory");
	if (st != TC_OK)
		return st;
	xc_query **terms = tc_calloc(s->term_count + 1, sizeof *terms);
	if (!terms)
		return tc_error_set(err, TC_ERR_NOMEM, "syllables: out of memory");
	size_t offset = 0, k = 0;
	for (; st == TC_OK && k < s->term_count; k++) {
		const char *t = s->terms.data + offset;
		size_t len = strlen(t);
		st = xc_query_term(t, len, s->counts[k], 0, &terms[k], err);
		offset += len + 1;
	}
	if (st == TC_OK)
		st = xc_query_combine(XC_OP_OR, terms, s->term_count, 0, query, err);
	for (size_t i = 0; i < s->term_count; i++)
		xc_query_free(terms[i]);
	tc_free(terms);
	return st;
}

static tc_status xapian_search(void *state, const char *text, size_t *hits, size_t max, size_t *n,
                               tc_error *err)
{
	xapian_state *s = state;
	*n = 0;
	xc_query *query = NULL;
	tc_status st;
	if (s->plain) {
		st = plain_query(s, text, &query, err);
	} else if (eval_nfc(text, strlen(text), &s->nfc) < 0) {
		return tc_error_set(err, TC_ERR_NOMEM, "xapian: out of memory");
	} else {
		st = xc_stock_parse_query(s->reader, s->nfc.data, &query, err);
	}
	if (st != TC_OK)
		return st;
	xc_mset *mset = NULL;
	st = xc_enquire_set_query(s->enquire, query, err);
	if (st == TC_OK)
		st = xc_enquire_run(s->enquire, 0, (uint32_t)max, 0, &mset, err);
	xc_query_free(query);
	if (st != TC_OK)
		return st;
	uint32_t size = xc_mset_size(mset);
	for (uint32_t i = 0; i < size && *n < max; i++)
		hits[(*n)++] = (size_t)xc_mset_docid(mset, i) - 1;
	xc_mset_free(mset);
	return TC_OK;
}

static void xapian_free(void *state)
{
	xapian_state *s = state;
	if (!s)
		return;
	if (s->enquire)
		xc_enquire_free(s->enquire);
	if (s->reader)
		xc_reader_free(s->reader);
	if (s->doc)
		xc_doc_free(s->doc);
	if (s->analyzer)
		tc_analyzer_free(s->analyzer);
	tc_buf_free(&s->nfc);
	tc_buf_free(&s->terms);
	tc_free(s->counts);
	tc_free(s);
}

static int xapian_system(eval_system *system, int plain)
{
	xapian_state *s = tc_calloc(1, sizeof *s);
	if (!s)
		return -1;
	s->plain = plain;
	if (plain && !(s->analyzer = tc_analyzer_new())) {
		tc_free(s);
		return -1;
	}
	system->name = plain ? "syllables" : "xapian";
	system->state = s;
	system->build = xapian_build;
	system->search = xapian_search;
	system->free = xapian_free;
	return 0;
}

int eval_system_xapian_stock(eval_system *system, const char *options)
{
	(void)options;
	return xapian_system(system, 0);
}

int eval_system_plain_syllables(eval_system *system, const char *options)
{
	(void)options;
	return xapian_system(system, 1);
}
