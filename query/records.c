/* records.c - entries by id (tc_get, with the links between a document,
 * its provisions and the codified articles that come from them), every id
 * of a database (tc_searcher_each_id), and the entries a boolean query
 * matches, in their ORDER slot order, as records or summaries
 * (tc__each_match, tc__list_matches: lookup.c, browse.c, suggest.c). */
#include <string.h>

#include "query-private.h"

json_t *tc__summary(const json_t *rec)
{
	json_t *item = json_object();
	static const char *const keys[] = {"id", "kind", "doc_number", "number", "heading", "title"};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		json_t *v = json_object_get(rec, keys[k]);
		if (v)
			json_object_set(item, keys[k], v);
	}
	json_t *cod = json_object_get(rec, "codified");
	if (cod && json_object_get(cod, "article_number"))
		json_object_set(item, "article_number", json_object_get(cod, "article_number"));
	if (cod && json_object_get(cod, "chapter"))
		json_object_set(item, "chapter", json_object_get(cod, "chapter"));
	return item;
}

tc_status tc__each_match(tc_searcher *s, tc_db_kind kind, xc_query *q, uint32_t first, uint32_t max,
                         int (*fn)(void *ctx, json_t *record), void *ctx, tc_error *err)
{
	xc_enquire *enquire = NULL;
	xc_mset *mset = NULL;
	tc_status st = xc_enquire_new(s->readers[kind], &enquire, err);
	if (st == TC_OK)
		st = xc_enquire_set_query(enquire, q, err);
	if (st == TC_OK)
		st = xc_enquire_set_bool_weight(enquire, err);
	if (st == TC_OK)
		st = xc_enquire_set_sort(enquire, TC_SLOT_ORDER, 0, err);
	if (st == TC_OK)
		st = xc_enquire_run(enquire, first, max, first + max, &mset, err);
	for (uint32_t i = 0; st == TC_OK && i < xc_mset_size(mset); i++) {
		char *data = NULL;
		size_t len = 0;
		if ((st = xc_mset_data(mset, i, &data, &len, err)) != TC_OK)
			break;
		json_t *rec = tc__decode_record(s, data, len);
		tc_free(data);
		if (!rec)
			continue;
		int stop = fn(ctx, rec);
		json_decref(rec);
		if (stop)
			break;
	}
	xc_mset_free(mset);
	xc_enquire_free(enquire);
	return st;
}

static int add_summary(void *list, json_t *record)
{
	json_array_append_new(list, tc__summary(record));
	return 0;
}

/* Up to MAX hits of boolean query Q in database KIND, as summaries. */
json_t *tc__list_matches(tc_searcher *s, tc_db_kind kind, xc_query *q, uint32_t first, uint32_t max,
                         tc_error *err)
{
	json_t *list = json_array();
	tc__each_match(s, kind, q, first, max, add_summary, list, err);
	return list;
}

static xc_query *term_of(const char *prefix, const char *value)
{
	tc_buf term = {0};
	tc_buf_printf(&term, "%s%s", prefix, value);
	xc_query *q = NULL;
	tc_error ignored;
	if (term.len <= XC_MAX_TERM_LENGTH)
		xc_query_term(term.data, term.len, 1, 0, &q, &ignored);
	tc_buf_free(&term);
	return q;
}

static void add_links(tc_searcher *s, json_t *record, tc_error *err)
{
	const char *kind = json_string_value(json_object_get(record, "kind"));
	const char *number = json_string_value(json_object_get(record, "doc_number"));
	tc_buf norm = {0}, art = {0};
	if (!kind)
		return;
	if (!strcmp(kind, "provision") && number && json_string_value(json_object_get(record, "number")) &&
	    tc_doc_number_normalize(number, strlen(number), 0, &norm) == 0) {
		/* The codified articles whose source is this article. */
		tc_buf_printf(&norm, "/d%s", json_string_value(json_object_get(record, "number")));
		tc_ascii_lower(norm.data, norm.len);
		xc_query *q = term_of(TC_PREFIX_SOURCE, norm.data);
		if (q) {
			json_object_set_new(record, "codified_from_this",
			                    tc__list_matches(s, TC_DB_CODIFIED, q, 0, 50, err));
			xc_query_free(q);
		}
	} else if (!strcmp(kind, "document") && number &&
	           tc_doc_number_normalize(number, strlen(number), 0, &norm) == 0) {
		xc_query *q = term_of(TC_PREFIX_SOURCE, norm.data);
		if (q) {
			json_object_set_new(record, "codified_from_this",
			                    tc__list_matches(s, TC_DB_CODIFIED, q, 0, 50, err));
			xc_query_free(q);
		}
	} else if (!strcmp(kind, "codified")) {
		/* Each source article's provision, when that document is indexed. */
		json_t *sources = json_object_get(json_object_get(record, "codified"), "sources");
		size_t i;
		json_t *src;
		json_array_foreach(sources, i, src)
		{
			const char *num = json_string_value(json_object_get(src, "doc_number"));
			size_t n = 0;
			const char *dieu = tc_cited_article_number(
			        json_string_value(json_object_get(src, "article")), &n);
			if (!num || !dieu || tc_doc_number_normalize(num, strlen(num), 0, &norm) < 0 ||
			    tc_article_term_value(dieu, n, &art) < 0)
				continue;
			xc_query *own = term_of(TC_PREFIX_PART_OF, norm.data);
			xc_query *cited = term_of(TC_PREFIX_ARTICLE, art.data);
			if (own && cited) {
				xc_query *pair[2] = {own, cited};
				xc_query *q = NULL;
				if (xc_query_combine(XC_OP_AND, pair, 2, 0, &q, err) == TC_OK) {
					json_object_set_new(
					        src, "provisions",
					        tc__list_matches(s, TC_DB_PROVISIONS, q, 0, 5, err));
					xc_query_free(q);
				}
			}
			xc_query_free(own);
			xc_query_free(cited);
		}
	}
	tc_buf_free(&norm);
	tc_buf_free(&art);
}

json_t *tc__record_by_term(tc_searcher *s, tc_db_kind kind, const char *prefix, const char *id, int with_text,
                           tc_status *st, tc_error *err)
{
	*st = TC_OK;
	tc_buf_reset(&s->term);
	if (tc_buf_printf(&s->term, "%s%s", prefix, id) < 0) {
		*st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (s->term.len > XC_MAX_TERM_LENGTH)
		return NULL;
	xc_docid docid = 0;
	if ((*st = xc_reader_find(s->readers[kind], s->term.data, &docid, err)) != TC_OK || !docid)
		return NULL;
	return tc__record_at(s, s->readers[kind], docid, id, with_text, st, err);
}

json_t *tc__record_at(tc_searcher *s, xc_reader *reader, xc_docid docid, const char *id, int with_text,
                      tc_status *st, tc_error *err)
{
	char *data = NULL;
	size_t len = 0;
	if ((*st = xc_reader_get_data(reader, docid, &data, &len, err)) != TC_OK)
		return NULL;
	json_t *rec = with_text ? tc__decode_record(s, data, len) : tc__decode_hit(s, data, len, 0, NULL, NULL, NULL);
	tc_free(data);
	if (!rec)
		*st = tc_error_set(err, TC_ERR_INTERNAL, "the stored record of '%s' is unreadable", id);
	return rec;
}

tc_status tc_get(tc_searcher *s, const char *id, json_t **record, tc_error *err)
{
	*record = NULL;
	/* its id, else an id it had before ("pd/<GUID>/<anchor>") */
	static const char *const prefixes[] = {TC_PREFIX_ID, TC_PREFIX_FORMER_ID};
	for (size_t p = 0; p < sizeof prefixes / sizeof *prefixes; p++)
		for (int k = 0; k < TC_DB_COUNT; k++) {
			tc_status st = TC_OK;
			json_t *rec = tc__record_by_term(s, (tc_db_kind)k, prefixes[p], id, 1, &st, err);
			if (st != TC_OK)
				return st;
			if (rec) {
				add_links(s, rec, err);
				*record = rec;
				return TC_OK;
			}
		}
	return tc_error_set(err, TC_ERR_NOT_FOUND, "no document, provision or codified article with id '%s'",
	                    id);
}

typedef struct each_id_ctx {
	int (*fn)(void *ctx, const char *id, size_t len);
	void *ctx;
} each_id_ctx;

static int on_id_term(void *vctx, const char *term, size_t len, uint32_t freq)
{
	each_id_ctx *ctx = vctx;
	(void)freq;
	return ctx->fn(ctx->ctx, term + 1, len - 1);
}

tc_status tc_searcher_each_id(tc_searcher *s, tc_db_kind kind,
                              int (*fn)(void *ctx, const char *id, size_t len), void *ctx, tc_error *err)
{
	if ((unsigned)kind >= TC_DB_COUNT)
		return tc_error_set(err, TC_ERR_INPUT, "no database kind %d", (int)kind);
	each_id_ctx each = {.fn = fn, .ctx = ctx};
	int truncated = 0;
	return xc_reader_each_term(s->readers[kind], TC_PREFIX_ID, 0, on_id_term, &each, &truncated, err);
}
