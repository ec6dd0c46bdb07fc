/* lookup.c - a document number or a citation resolved to the records it
 * names (tc_lookup): the document by its own number terms (XM), then its
 * article, clause and point by their entry ids (<doc id>/d5/k2/a), and the
 * codified articles that come from the article (XJ). Each level says
 * whether it was found, so that a caller can tell "Điều 5 exists but has
 * no khoản 9" from "no such document". */
#include <string.h>

#include "query-private.h"

#define LOOKUP_MAX_DOCS   5
#define LOOKUP_CANDIDATES 5

typedef struct cited {
	tc_buf numbers[4]; /* XM terms of the numbers named (exact and folded forms) */
	size_t number_count;
	char article[32], clause[32], point[16];
	json_t *doc_numbers, *citations;
} cited;

static void copy_value(char *out, size_t cap, const char *s, size_t len)
{
	if (len >= cap)
		len = cap - 1;
	memcpy(out, s, len);
	out[len] = '\0';
}

static int on_token(void *vctx, const tc_token *t)
{
	cited *c = vctx;
	if (t->kind == TC_TOKEN_DOC_NUMBER || t->kind == TC_TOKEN_DOC_NUMBER_PART) {
		json_array_append_new(c->doc_numbers, json_stringn(t->exact, t->exact_len));
		/* a whole number before its partial forms: they name more documents */
		if (c->number_count < 4 && (t->kind == TC_TOKEN_DOC_NUMBER || !c->number_count)) {
			tc_buf *b = &c->numbers[c->number_count++];
			tc_buf_printf(b, "%s%.*s", TC_PREFIX_NUMBER, (int)t->exact_len, t->exact);
			if (c->number_count < 4 &&
			    (t->folded_len != t->exact_len || memcmp(t->folded, t->exact, t->exact_len)))
				tc_buf_printf(&c->numbers[c->number_count++], "%s%.*s", TC_PREFIX_NUMBER,
				              (int)t->folded_len, t->folded);
		}
	} else if (t->kind == TC_TOKEN_CITATION) {
		json_array_append_new(c->citations, json_stringn(t->exact, t->exact_len));
		const char *colon = memchr(t->exact, ':', t->exact_len);
		if (!colon)
			return 0;
		const char *value = colon + 1;
		size_t len = t->exact_len - (size_t)(value - t->exact);
		/* the first of each level: "khoản 2 Điều 5" names one khoản */
		if (!strncmp(t->folded, "dieu:", 5) && !*c->article)
			copy_value(c->article, sizeof c->article, value, len);
		else if (!strncmp(t->folded, "khoan:", 6) && !*c->clause)
			copy_value(c->clause, sizeof c->clause, value, len);
		else if (!strncmp(t->folded, "diem:", 5) && !*c->point)
			copy_value(c->point, sizeof c->point, value, len);
	}
	return 0;
}

/* The summary of entry ID in database KIND, or NULL when there is none. */
static json_t *entry_summary(tc_searcher *s, tc_db_kind kind, const char *id, tc_status *st, tc_error *err)
{
	tc_buf_reset(&s->term);
	tc_buf_printf(&s->term, "%s%s", TC_PREFIX_ID, id);
	if (s->term.len > XC_MAX_TERM_LENGTH)
		return NULL;
	xc_docid docid = 0;
	if ((*st = xc_reader_find(s->readers[kind], s->term.data, &docid, err)) != TC_OK || !docid)
		return NULL;
	char *data = NULL;
	size_t len = 0;
	if ((*st = xc_reader_get_data(s->readers[kind], docid, &data, &len, err)) != TC_OK)
		return NULL;
	json_t *rec = tc__decode_record(s, data, len);
	tc_free(data);
	if (!rec) {
		*st = tc_error_set(err, TC_ERR_INTERNAL, "the stored record of '%s' is unreadable", id);
		return NULL;
	}
	json_t *item = json_object();
	static const char *const keys[] = {"id",         "kind",           "doc_number", "type",
	                                   "title",      "number",         "heading",    "issuer",
	                                   "issue_date", "effective_date", "validity",   "path"};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		json_t *v = json_object_get(rec, keys[k]);
		if (v)
			json_object_set(item, keys[k], v);
	}
	json_decref(rec);
	return item;
}

/* One level of a match: {"number", "id", "found", "entry"}. */
static json_t *level(tc_searcher *s, const char *number, const char *id, int *found, tc_status *st,
                     tc_error *err)
{
	/* an article, or a clause or point among the parts */
	json_t *entry = entry_summary(s, TC_DB_PROVISIONS, id, st, err);
	if (!entry && *st == TC_OK)
		entry = entry_summary(s, TC_DB_PROVISION_PARTS, id, st, err);
	*found = entry != NULL;
	json_t *obj = json_pack("{s:s, s:s, s:b}", "number", number, "id", id, "found", *found);
	if (entry)
		json_object_set_new(obj, "entry", entry);
	return obj;
}

/* What the citation C names within document DOC (a summary with its id). */
static json_t *resolve_in(tc_searcher *s, json_t *doc, const cited *c, const char **deepest, tc_status *st,
                          tc_error *err)
{
	json_t *match = json_pack("{s:O}", "document", doc);
	*deepest = "document";
	const char *doc_id = json_string_value(json_object_get(doc, "id"));
	if (!*c->article || !doc_id)
		return match;
	tc_buf id = {0};
	int found = 0;
	tc_buf_printf(&id, "%s/d%s", doc_id, c->article);
	json_object_set_new(match, "article", level(s, c->article, id.data, &found, st, err));
	if (found) {
		*deepest = "article";
		/* the codified articles that come from this article */
		const char *number = json_string_value(json_object_get(doc, "doc_number"));
		tc_buf norm = {0};
		if (number && tc_doc_number_normalize(number, strlen(number), 0, &norm) == 0) {
			tc_buf_printf(&norm, "/d%s", c->article);
			tc_buf_reset(&s->term);
			tc_buf_printf(&s->term, "%s%s", TC_PREFIX_SOURCE, norm.data);
			xc_query *q = NULL;
			if (s->term.len <= XC_MAX_TERM_LENGTH &&
			    xc_query_term(s->term.data, s->term.len, 1, 0, &q, err) == TC_OK) {
				json_object_set_new(match, "codified",
				                    tc__list_matches(s, TC_DB_CODIFIED, q, 0, 20, err));
				xc_query_free(q);
			}
		}
		tc_buf_free(&norm);
	}
	if (found && *c->clause) {
		tc_buf_printf(&id, "/k%s", c->clause);
		json_object_set_new(match, "clause", level(s, c->clause, id.data, &found, st, err));
		if (found)
			*deepest = "clause";
		if (found && *c->point) {
			tc_buf_printf(&id, "/%s", c->point);
			json_object_set_new(match, "point", level(s, c->point, id.data, &found, st, err));
			if (found)
				*deepest = "point";
		}
	}
	tc_buf_free(&id);
	return match;
}

/* The nearest records when nothing is named exactly: the best documents
 * for the text as a search. */
static json_t *candidates(tc_searcher *s, const char *text)
{
	tc_search_options options;
	tc_search_options_default(&options);
	options.target = TC_TARGET_DOCS;
	options.limit = LOOKUP_CANDIDATES;
	json_t *results = NULL, *list = json_array();
	tc_error ignored;
	if (tc_search(s, text, &options, &results, &ignored) != TC_OK)
		return list;
	size_t i;
	json_t *hit;
	json_array_foreach(json_object_get(results, "hits"), i, hit)
	{
		json_t *item = json_object();
		static const char *const keys[] = {"id", "doc_number", "type", "title", "issue_date"};
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			if (json_object_get(hit, keys[k]))
				json_object_set(item, keys[k], json_object_get(hit, keys[k]));
		json_array_append_new(list, item);
	}
	json_decref(results);
	return list;
}

tc_status tc_lookup(tc_searcher *s, const char *text, json_t **result, tc_error *err)
{
	*result = NULL;
	size_t len = strlen(text);
	if (!len)
		return tc_error_set(err, TC_ERR_INPUT,
		                    "nothing to look up: give a document number or a citation");
	if (len > TC_QUERY_MAX_BYTES)
		return tc_error_set(err, TC_ERR_LIMIT, "the text is %zu bytes long; the limit is %d", len,
		                    TC_QUERY_MAX_BYTES);
	cited c = {.doc_numbers = json_array(), .citations = json_array()};
	tc_status st = tc_analyzer_run(s->analyzer, tc_features_analyze_flags(&s->features, TC_ANALYZE_QUERY),
	                               text, len, on_token, &c, NULL, err);
	json_t *matches = json_array();
	const char *resolved = NULL;
	xc_query *q = NULL;
	if (st == TC_OK && c.number_count) {
		xc_query *terms[4] = {0};
		for (size_t i = 0; st == TC_OK && i < c.number_count; i++)
			st = xc_query_term(c.numbers[i].data, c.numbers[i].len, 1, 0, &terms[i], err);
		if (st == TC_OK)
			st = xc_query_combine(XC_OP_OR, terms, c.number_count, 0, &q, err);
		for (size_t i = 0; i < c.number_count; i++)
			xc_query_free(terms[i]);
	}
	json_t *docs = q ? tc__list_matches(s, TC_DB_DOCS, q, 0, LOOKUP_MAX_DOCS, err) : json_array();
	xc_query_free(q);
	size_t i;
	json_t *doc;
	json_array_foreach(docs, i, doc)
	{
		const char *deepest = NULL;
		json_t *match = resolve_in(s, doc, &c, &deepest, &st, err);
		json_object_set_new(match, "resolved", json_string(deepest));
		json_array_append_new(matches, match);
		/* the deepest level any match reached */
		static const char *const order[] = {"document", "article", "clause", "point"};
		int have = -1, got = -1;
		for (int k = 0; k < 4; k++) {
			if (resolved && !strcmp(resolved, order[k]))
				have = k;
			if (!strcmp(deepest, order[k]))
				got = k;
		}
		if (got > have)
			resolved = order[got];
	}
	json_decref(docs);
	for (size_t k = 0; k < 4; k++)
		tc_buf_free(&c.numbers[k]);
	if (st != TC_OK) {
		json_decref(matches);
		json_decref(c.doc_numbers);
		json_decref(c.citations);
		return st;
	}
	json_t *out = json_pack("{s:s, s:{s:o, s:o}, s:o}", "query", text, "recognized", "doc_numbers",
	                        c.doc_numbers, "citations", c.citations, "matches", matches);
	json_object_set_new(out, "resolved", resolved ? json_string(resolved) : json_null());
	if (!json_array_size(matches))
		json_object_set_new(out, "candidates", candidates(s, text));
	*result = out;
	return TC_OK;
}
