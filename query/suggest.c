/* suggest.c - as-you-type suggestions (tc_suggest): document numbers by
 * the prefix of their XM terms, and the titles of documents and the
 * headings of codified articles whose title words start with what was
 * typed (XS folded title terms: the last word a prefix), with or without
 * diacritics. Cheap by construction: term-list walks capped at a few dozen
 * terms and one small boolean match per database. */
#include <string.h>

#include "query-private.h"

/* Title terms a typed prefix may expand to: more would cost more than a
 * keystroke is worth, and the first ones in term order are as good. */
#define SUGGEST_EXPANSION 30
#define SUGGEST_WORDS     8

typedef struct expansion {
	xc_query *terms[SUGGEST_EXPANSION];
	size_t count;
	tc_status status;
	tc_error *err;
} expansion;

static int on_expansion(void *vctx, const char *term, size_t len, uint32_t freq)
{
	expansion *e = vctx;
	(void)freq;
	if (e->count < SUGGEST_EXPANSION)
		e->status = xc_query_term(term, len, 1, 0, &e->terms[e->count++], e->err);
	return e->status != TC_OK || e->count == SUGGEST_EXPANSION;
}

static void add_suggestion(json_t *list, size_t max, const char *text, const char *kind, json_t *id)
{
	if (!text || json_array_size(list) >= max)
		return;
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item) if (!strcmp(json_string_value(json_object_get(item, "text")),
	                                              text)) return; /* one suggestion per text */
	json_array_append_new(list, json_pack("{s:s, s:s, s:O}", "text", text, "kind", kind, "id", id));
}

typedef struct number_ctx {
	tc_searcher *s;
	json_t *list;
	size_t max;
	tc_status status;
	tc_error *err;
} number_ctx;

/* Each document number term: the document it names. */
static int on_number(void *vctx, const char *term, size_t len, uint32_t freq)
{
	number_ctx *c = vctx;
	(void)freq;
	xc_query *q = NULL;
	if ((c->status = xc_query_term(term, len, 1, 0, &q, c->err)) != TC_OK)
		return 1;
	json_t *docs = tc__list_matches(c->s, TC_DB_DOCS, q, 0, 1, c->err);
	xc_query_free(q);
	json_t *doc = json_array_get(docs, 0);
	if (doc) {
		const char *number = json_string_value(json_object_get(doc, "doc_number"));
		const char *title = json_string_value(json_object_get(doc, "title"));
		char text[512];
		snprintf(text, sizeof text, "%s%s%s", number ? number : "", title ? " " : "",
		         title ? title : "");
		add_suggestion(c->list, c->max, text, "document", json_object_get(doc, "id"));
	}
	json_decref(docs);
	return json_array_size(c->list) >= c->max;
}

typedef struct words_ctx {
	tc_buf words[SUGGEST_WORDS];
	size_t count;
	int last_complete; /* the text ends with a space: no prefix */
} words_ctx;

static int on_word(void *vctx, const tc_token *t)
{
	words_ctx *w = vctx;
	if ((t->kind == TC_TOKEN_SYLLABLE || t->kind == TC_TOKEN_WORD || t->kind == TC_TOKEN_NUMBER) &&
	    w->count < SUGGEST_WORDS)
		tc_buf_append(&w->words[w->count++], t->folded, t->folded_len);
	return 0;
}

/* Entries of database KIND whose title words are WORDS, the last one a
 * prefix: up to MAX - size(LIST) suggestions. */
static tc_status title_matches(tc_searcher *s, tc_db_kind kind, const words_ctx *w, json_t *list, size_t max,
                               tc_error *err)
{
	xc_query *parts[SUGGEST_WORDS] = {0}, *q = NULL;
	tc_status st = TC_OK;
	size_t n = 0;
	for (size_t i = 0; st == TC_OK && i < w->count; i++) {
		tc_buf_reset(&s->term);
		tc_buf_printf(&s->term, "%s%s", TC_PREFIX_FOLDED_TITLE, w->words[i].data);
		if (s->term.len > XC_MAX_TERM_LENGTH)
			return TC_OK;
		if (i + 1 < w->count || w->last_complete) {
			st = xc_query_term(s->term.data, s->term.len, 1, 0, &parts[n++], err);
			continue;
		}
		expansion e = {.status = TC_OK, .err = err};
		int truncated = 0;
		st = xc_reader_each_term(s->readers[kind], s->term.data, 0, on_expansion, &e, &truncated,
		                         err);
		if (st == TC_OK)
			st = e.status;
		if (st == TC_OK)
			st = xc_query_combine(XC_OP_OR, e.terms, e.count, 0, &parts[n++], err);
		for (size_t k = 0; k < e.count; k++)
			xc_query_free(e.terms[k]);
	}
	if (st == TC_OK && n)
		st = xc_query_combine(XC_OP_AND, parts, n, 0, &q, err);
	for (size_t i = 0; i < n; i++)
		xc_query_free(parts[i]);
	if (st != TC_OK || !q)
		return st;
	size_t room = max - json_array_size(list);
	json_t *hits = tc__list_matches(s, kind, q, 0, (uint32_t)room * 2, err);
	xc_query_free(q);
	size_t i;
	json_t *hit;
	json_array_foreach(hits, i, hit)
	{
		const char *title = json_string_value(json_object_get(hit, "title"));
		if (kind == TC_DB_DOCS) {
			const char *type = json_string_value(json_object_get(hit, "doc_number"));
			char text[512];
			snprintf(text, sizeof text, "%s%s%s", title ? title : "", type ? " " : "",
			         type ? type : "");
			add_suggestion(list, max, text, "document", json_object_get(hit, "id"));
		} else {
			add_suggestion(list, max, title, "codified", json_object_get(hit, "id"));
		}
	}
	json_decref(hits);
	return TC_OK;
}

tc_status tc_suggest(tc_searcher *s, const char *text, size_t max, json_t **result, tc_error *err)
{
	*result = NULL;
	size_t len = strlen(text);
	if (!len)
		return tc_error_set(err, TC_ERR_INPUT, "nothing to complete: give the first letters");
	if (len > TC_SUGGEST_MAX_BYTES)
		return tc_error_set(err, TC_ERR_LIMIT, "suggestions take at most %d bytes (got %zu)",
		                    TC_SUGGEST_MAX_BYTES, len);
	if (!max || max > TC_SUGGEST_MAX)
		max = TC_SUGGEST_MAX;
	json_t *list = json_array();
	tc_status st = TC_OK;
	if (text[0] >= '0' && text[0] <= '9' && !strchr(text, ' ')) {
		/* a document number being typed: "52/2015/n" */
		tc_buf prefix = {0};
		if (tc_analyzer_normalize(s->analyzer, text, len, 0, &prefix) < 0) {
			json_decref(list);
			return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		}
		tc_buf_reset(&s->term);
		tc_buf_printf(&s->term, "%s%s", TC_PREFIX_NUMBER, prefix.data);
		tc_buf_free(&prefix);
		number_ctx c = {.s = s, .list = list, .max = max, .status = TC_OK, .err = err};
		int truncated = 0;
		if (s->term.len <= XC_MAX_TERM_LENGTH)
			st = xc_reader_each_term(s->readers[TC_DB_DOCS], s->term.data, 0, on_number, &c,
			                         &truncated, err);
		if (st == TC_OK)
			st = c.status;
	}
	words_ctx w = {0};
	w.last_complete = text[len - 1] == ' ';
	if (st == TC_OK)
		st = tc_analyzer_run(s->analyzer,
		                     TC_ANALYZE_QUERY | TC_ANALYZE_NO_BIGRAMS | TC_ANALYZE_NO_DOC_NUMBERS |
		                             TC_ANALYZE_NO_CITATIONS | TC_ANALYZE_NO_DATES,
		                     text, len, on_word, &w, NULL, err);
	if (st == TC_OK && w.count && json_array_size(list) < max)
		st = title_matches(s, TC_DB_DOCS, &w, list, max, err);
	if (st == TC_OK && w.count && json_array_size(list) < max)
		st = title_matches(s, TC_DB_CODIFIED, &w, list, max, err);
	for (size_t i = 0; i < SUGGEST_WORDS; i++)
		tc_buf_free(&w.words[i]);
	if (st != TC_OK) {
		json_decref(list);
		return st;
	}
	*result = json_pack("{s:s, s:o}", "query", text, "suggestions", list);
	return *result ? TC_OK : tc_error_set(err, TC_ERR_INPUT, "the text is not valid UTF-8");
}
