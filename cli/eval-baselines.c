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
 * k3 factor expects); BM25 with Xapian's default parameters.
 *
 * For the latency benchmark, stock Xapian also runs a phrase (QueryParser on
 * the quoted words), an AND of words (the words joined by QueryParser's AND)
 * and a listing: an article that has a type and an issue date carries the
 * boolean term XT<type slug> and the date in value slot 0 (YYYYMMDD), and a
 * listing is that term AND the date range, with boolean weights, sorted on
 * the value, newest first: what a Xapian application does for a filter-only
 * query. */
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
	xc_enquire *listing; /* boolean weights, sorted by date (made on first use) */
	uint32_t doc_count;
	tc_analyzer *analyzer;
	tc_buf nfc, text;
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

/* The value slot of the issue date (YYYYMMDD) and the prefix of the type
 * terms, for listings. */
#define DATE_SLOT 0
#define TYPE_PREFIX "XT"

static tc_status add_metadata(xapian_state *s, const eval_article *a, tc_error *err)
{
	tc_status st = TC_OK;
	if (a->type_slug) {
		tc_buf_reset(&s->text);
		if (tc_buf_printf(&s->text, TYPE_PREFIX "%s", a->type_slug) < 0)
			return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		st = xc_doc_add_boolean_term(s->doc, s->text.data, s->text.len, err);
	}
	if (st == TC_OK && a->issue_date) {
		char date[16];
		snprintf(date, sizeof date, "%08u", (unsigned)a->issue_date);
		st = xc_doc_set_value(s->doc, DATE_SLOT, date, 8, err);
	}
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
		if (st == TC_OK)
			st = add_metadata(s, a, err);
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
	if (st == TC_OK)
		st = xc_reader_doc_count(s->reader, &s->doc_count, err);
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

/* The listing query: the type term AND the issue dates of the years. */
static tc_status listing_query(const eval_query *q, xc_query **query, tc_error *err)
{
	char term[256], lo[16], hi[16];
	snprintf(term, sizeof term, TYPE_PREFIX "%s", q->type_slug ? q->type_slug : "");
	snprintf(lo, sizeof lo, "%04u0101", q->year_from % 10000);
	snprintf(hi, sizeof hi, "%04u1231", q->year_to % 10000);
	xc_query *parts[2] = {NULL, NULL};
	tc_status st = xc_query_term(term, strlen(term), 1, 0, &parts[0], err);
	if (st == TC_OK)
		st = xc_query_value_range(DATE_SLOT, lo, hi, &parts[1], err);
	if (st == TC_OK)
		st = xc_query_combine(XC_OP_AND, parts, 2, 0, query, err);
	xc_query_free(parts[0]);
	xc_query_free(parts[1]);
	return st;
}

/* Stock Xapian's query for Q: QueryParser on the text (quoted for a phrase,
 * the words joined by AND for ALL), or the listing query. */
static tc_status stock_query(xapian_state *s, const eval_query *q, xc_query **query, tc_error *err)
{
	if (q->form == EVAL_QUERY_LISTING)
		return listing_query(q, query, err);
	const char *text = q->text ? q->text : "";
	tc_buf_reset(&s->text);
	int rc = 0;
	if (q->form == EVAL_QUERY_PHRASE) {
		rc = tc_buf_printf(&s->text, "\"%s\"", text);
	} else if (q->form == EVAL_QUERY_ALL) {
		for (const char *p = text; *p;) {
			size_t gap = strspn(p, " \t\n"), len = strcspn(p + gap, " \t\n");
			if (len)
				rc |= tc_buf_printf(&s->text, "%s%.*s", s->text.len ? " AND " : "", (int)len, p + gap);
			p += gap + len;
		}
	} else {
		rc = tc_buf_append_str(&s->text, text);
	}
	if (rc < 0 || eval_nfc(s->text.data ? s->text.data : "", s->text.len, &s->nfc) < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "xapian: out of memory");
	return xc_stock_parse_query(s->reader, s->nfc.data, query, err);
}

/* Run Q: up to MAX hits, counting at least CHECK_AT_LEAST matches; TOTAL
 * (when not NULL) receives the count: exact, or with Q's count_bound at most
 * that bound. */
static tc_status xapian_run(xapian_state *s, const eval_query *q, uint32_t check_at_least, size_t *hits,
                            size_t max, size_t *n, uint64_t *total, tc_error *err)
{
	*n = 0;
	xc_query *query = NULL;
	tc_status st;
	if (s->plain && q->form != EVAL_QUERY_WORDS)
		return tc_error_set(err, TC_ERR_INPUT, "syllables: only questions, not phrases or listings");
	st = s->plain ? plain_query(s, q->text, &query, err) : stock_query(s, q, &query, err);
	if (st != TC_OK)
		return st;
	xc_enquire *enquire = s->enquire;
	if (q->form == EVAL_QUERY_LISTING) {
		if (!s->listing) {
			st = xc_enquire_new(s->reader, &s->listing, err);
			if (st == TC_OK)
				st = xc_enquire_set_bool_weight(s->listing, err);
			if (st == TC_OK)
				st = xc_enquire_set_sort(s->listing, DATE_SLOT, 1, err);
		}
		enquire = s->listing;
	}
	xc_mset *mset = NULL;
	if (st == TC_OK)
		st = xc_enquire_set_query(enquire, query, err);
	if (st == TC_OK)
		st = xc_enquire_run(enquire, 0, (uint32_t)max, check_at_least, &mset, err);
	xc_query_free(query);
	if (st != TC_OK)
		return st;
	uint32_t size = xc_mset_size(mset);
	for (uint32_t i = 0; i < size && *n < max; i++)
		hits[(*n)++] = (size_t)xc_mset_docid(mset, i) - 1;
	if (total && q->count_bound) {
		/* below the bound the lower bound is the exact count */
		uint32_t lower = xc_mset_matches_lower(mset);
		*total = lower < q->count_bound ? lower : q->count_bound;
	} else if (total) {
		*total = xc_mset_matches_estimated(mset);
	}
	xc_mset_free(mset);
	return TC_OK;
}

static tc_status xapian_search(void *state, const char *text, size_t *hits, size_t max, size_t *n,
                               tc_error *err)
{
	eval_query q = {.form = EVAL_QUERY_WORDS, .text = text};
	return xapian_run(state, &q, 0, hits, max, n, NULL, err);
}

static tc_status xapian_search_counted(void *state, const eval_query *query, size_t *hits, size_t max,
                                       size_t *n, uint64_t *total, tc_error *err)
{
	xapian_state *s = state;
	uint32_t check = query->count_bound && query->count_bound < s->doc_count ? query->count_bound : s->doc_count;
	return xapian_run(s, query, check, hits, max, n, total, err);
}

static void xapian_free(void *state)
{
	xapian_state *s = state;
	if (!s)
		return;
	if (s->enquire)
		xc_enquire_free(s->enquire);
	if (s->listing)
		xc_enquire_free(s->listing);
	if (s->reader)
		xc_reader_free(s->reader);
	if (s->doc)
		xc_doc_free(s->doc);
	if (s->analyzer)
		tc_analyzer_free(s->analyzer);
	tc_buf_free(&s->nfc);
	tc_buf_free(&s->text);
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
	/* the syllables baseline takes questions only */
	system->search_counted = plain ? NULL : xapian_search_counted;
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
