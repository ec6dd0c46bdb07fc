/* browse.c - the index browsed rather than searched: the codification's
 * tree (chủ đề → đề mục → chương → điều, from the codified database's XC
 * chủ đề and XD đề mục terms and its ORDER slot; names from the stored
 * records' "codified" object) and the index's figures (counts by kind,
 * type and year; revision; build time from manifest.json). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query-private.h"

/* ---- helpers ---- */

static tc_status term_query(const char *prefix, const char *value, xc_query **q, tc_error *err)
{
	char term[XC_MAX_TERM_LENGTH + 1];
	int n = snprintf(term, sizeof term, "%s%s", prefix, value);
	if (n < 0 || (size_t)n >= sizeof term)
		return tc_error_set(err, TC_ERR_INPUT, "'%.40s' is too long", value);
	return xc_query_term(term, (size_t)n, 1, 0, q, err);
}

typedef struct facet_ctx {
	json_t *obj;
} facet_ctx;

static int on_value(void *vctx, const char *value, size_t len, uint32_t count)
{
	facet_ctx *ctx = vctx;
	char key[64];
	snprintf(key, sizeof key, "%.*s", (int)(len < 63 ? len : 63), value);
	json_object_set_new(ctx->obj, key, json_integer(count));
	return 0;
}

/* Articles (not their parts) matching Q in database KIND: the exact count;
 * when FIRST is not NULL, the first one's stored record; when FACETS is not
 * NULL, the counts by the values of SLOT into it. */
static tc_status articles_of(tc_searcher *s, tc_db_kind kind, xc_query *q, uint32_t *count, json_t **first,
                             unsigned slot, json_t *facets, tc_error *err)
{
	xc_enquire *enquire = NULL;
	xc_mset *mset = NULL;
	uint32_t doc_count = 0;
	int spy = 0;
	tc_status st = xc_reader_doc_count(s->readers[kind], &doc_count, err);
	if (st == TC_OK)
		st = xc_enquire_new(s->readers[kind], &enquire, err);
	if (st == TC_OK)
		st = xc_enquire_set_query(enquire, q, err);
	if (st == TC_OK)
		st = xc_enquire_set_bool_weight(enquire, err);
	if (st == TC_OK && first)
		st = xc_enquire_set_sort(enquire, TC_SLOT_ORDER, 0, err);
	if (st == TC_OK && facets)
		st = xc_enquire_add_value_spy(enquire, slot, &spy, err);
	if (st == TC_OK)
		st = xc_enquire_run(enquire, 0, first ? 1 : 0, doc_count, &mset, err);
	facet_ctx ctx = {facets};
	if (st == TC_OK && facets)
		st = xc_enquire_spy_values(enquire, spy, 500, on_value, &ctx, err);
	if (st == TC_OK) {
		*count = xc_mset_matches_estimated(mset);
		if (first && xc_mset_size(mset)) {
			char *data = NULL;
			size_t len = 0;
			if ((st = xc_mset_data(mset, 0, &data, &len, err)) == TC_OK) {
				*first = tc__decode_record(s, data, len);
				if (!*first)
					st = tc_error_set(err, TC_ERR_INTERNAL,
					                  "a stored codified record is unreadable");
			}
			tc_free(data);
		}
	}
	xc_mset_free(mset);
	xc_enquire_free(enquire);
	return st;
}

typedef struct term_list {
	char **values;
	size_t count, cap;
	size_t prefix_len;
	int nomem;
} term_list;

static int on_term(void *vctx, const char *term, size_t len, uint32_t freq)
{
	term_list *l = vctx;
	(void)freq;
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **values = tc_realloc(l->values, cap * sizeof *values);
		if (!values) {
			l->nomem = 1;
			return 1;
		}
		l->values = values;
		l->cap = cap;
	}
	if (!(l->values[l->count] = tc_strndup(term + l->prefix_len, len - l->prefix_len))) {
		l->nomem = 1;
		return 1;
	}
	l->count++;
	return 0;
}

static void term_list_free(term_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		tc_free(l->values[i]);
	tc_free(l->values);
}

/* "36" < "36.3" < "36.10": numbers compared part by part. */
static int number_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	while (*x && *y) {
		char *xe, *ye;
		unsigned long nx = strtoul(x, &xe, 10), ny = strtoul(y, &ye, 10);
		if (xe == x || ye == y)
			return strcmp(x, y);
		if (nx != ny)
			return nx < ny ? -1 : 1;
		x = *xe == '.' ? xe + 1 : xe;
		y = *ye == '.' ? ye + 1 : ye;
	}
	return *x ? 1 : *y ? -1 : 0;
}

/* The values of the terms WALK… of the codified database without their
 * PREFIX (TC_PREFIX_TOPIC or TC_PREFIX_DEMUC), in number order. */
static tc_status values_of(tc_searcher *s, const char *prefix, const char *walk, term_list *l, tc_error *err)
{
	l->prefix_len = strlen(prefix);
	int truncated = 0;
	tc_status st = xc_reader_each_term(s->readers[TC_DB_CODIFIED], walk, 0, on_term, l, &truncated, err);
	if (st == TC_OK && l->nomem)
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	if (st == TC_OK && l->count)
		qsort(l->values, l->count, sizeof *l->values, number_cmp);
	return st;
}

static int is_number(const char *s, int dots)
{
	if (!*s || strlen(s) > 12)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (dots && *s == '.')))
			return 0;
	return 1;
}

/* ---- codification ---- */

tc_status tc_codification_topics(tc_searcher *s, json_t **result, tc_error *err)
{
	*result = NULL;
	term_list l = {0};
	tc_status st = values_of(s, TC_PREFIX_TOPIC, TC_PREFIX_TOPIC, &l, err);
	json_t *topics = json_array();
	for (size_t i = 0; st == TC_OK && i < l.count; i++) {
		xc_query *q = NULL;
		uint32_t count = 0;
		json_t *first = NULL;
		st = term_query(TC_PREFIX_TOPIC, l.values[i], &q, err);
		if (st == TC_OK)
			st = articles_of(s, TC_DB_CODIFIED, q, &count, &first, 0, NULL, err);
		xc_query_free(q);
		if (st == TC_OK && count) {
			json_t *cod = json_object_get(first, "codified");
			json_array_append_new(topics, json_pack("{s:s, s:O?, s:I}", "number", l.values[i],
			                                        "name", json_object_get(cod, "chude_name"),
			                                        "articles", (json_int_t)count));
		}
		json_decref(first);
	}
	term_list_free(&l);
	if (st != TC_OK) {
		json_decref(topics);
		return st;
	}
	*result = json_pack("{s:o}", "topics", topics);
	return TC_OK;
}

tc_status tc_codification_topic(tc_searcher *s, const char *chude, json_t **result, tc_error *err)
{
	*result = NULL;
	if (!is_number(chude, 0))
		return tc_error_set(err, TC_ERR_INPUT, "'%.40s' is not a chủ đề number (like 36)", chude);
	char prefix[32];
	snprintf(prefix, sizeof prefix, "%s%s.", TC_PREFIX_DEMUC, chude);
	term_list l = {0};
	tc_status st = values_of(s, TC_PREFIX_DEMUC, prefix, &l, err);
	json_t *headings = json_array(), *name = NULL;
	for (size_t i = 0; st == TC_OK && i < l.count; i++) {
		xc_query *q = NULL;
		uint32_t count = 0;
		json_t *first = NULL;
		st = term_query(TC_PREFIX_DEMUC, l.values[i], &q, err);
		if (st == TC_OK)
			st = articles_of(s, TC_DB_CODIFIED, q, &count, &first, 0, NULL, err);
		xc_query_free(q);
		json_t *cod = json_object_get(first, "codified");
		if (st == TC_OK && count) {
			if (!name && json_object_get(cod, "chude_name"))
				name = json_incref(json_object_get(cod, "chude_name"));
			json_array_append_new(headings,
			                      json_pack("{s:s, s:O?, s:O?, s:I}", "number", l.values[i],
			                                "name", json_object_get(cod, "demuc_name"), "id",
			                                json_object_get(cod, "demuc_id"), "articles",
			                                (json_int_t)count));
		}
		json_decref(first);
	}
	term_list_free(&l);
	if (st == TC_OK && !json_array_size(headings))
		st = tc_error_set(err, TC_ERR_NOT_FOUND, "no chủ đề %s in the index", chude);
	if (st != TC_OK) {
		json_decref(headings);
		json_decref(name);
		return st;
	}
	*result = json_pack("{s:s, s:o?, s:o}", "number", chude, "name", name, "headings", headings);
	return TC_OK;
}

tc_status tc_codification_heading(tc_searcher *s, const char *demuc, uint32_t offset, uint32_t limit,
                                  json_t **result, tc_error *err)
{
	*result = NULL;
	const char *dot = strchr(demuc, '.');
	if (!is_number(demuc, 1) || !dot || dot == demuc || !dot[1] || strchr(dot + 1, '.'))
		return tc_error_set(err, TC_ERR_INPUT, "'%.40s' is not a đề mục number (like 36.3)", demuc);
	xc_query *q = NULL;
	uint32_t total = 0;
	json_t *first = NULL;
	tc_status st = term_query(TC_PREFIX_DEMUC, demuc, &q, err);
	if (st == TC_OK)
		st = articles_of(s, TC_DB_CODIFIED, q, &total, &first, 0, NULL, err);
	if (st == TC_OK && !total)
		st = tc_error_set(err, TC_ERR_NOT_FOUND, "no đề mục %s in the index", demuc);
	json_t *articles = st == TC_OK ? tc__list_matches(s, TC_DB_CODIFIED, q, offset, limit, err) : NULL;
	xc_query_free(q);
	if (st != TC_OK) {
		json_decref(first);
		return st;
	}
	/* chương → điều: consecutive articles of one chapter under it */
	json_t *chapters = json_array(), *current = NULL;
	const char *current_name = NULL;
	size_t i;
	json_t *article;
	json_array_foreach(articles, i, article)
	{
		const char *chapter = json_string_value(json_object_get(article, "chapter"));
		if (!current ||
		    (chapter ? !current_name || strcmp(chapter, current_name) : current_name != NULL)) {
			current = json_array();
			json_t *group = json_pack("{s:s?, s:o}", "chapter", chapter, "articles", current);
			json_array_append_new(chapters, group);
			/* the group's own copy: the article's goes below */
			current_name = json_string_value(json_object_get(group, "chapter"));
		}
		json_object_del(article, "chapter");
		json_array_append(current, article);
	}
	json_decref(articles);
	json_t *cod = json_object_get(first, "codified");
	*result = json_pack("{s:s, s:O?, s:O?, s:O?, s:O?, s:I, s:I, s:I, s:o}", "number", demuc, "name",
	                    json_object_get(cod, "demuc_name"), "id", json_object_get(cod, "demuc_id"),
	                    "chude_number", json_object_get(cod, "chude_number"), "chude_name",
	                    json_object_get(cod, "chude_name"), "total", (json_int_t)total, "offset",
	                    (json_int_t)offset, "limit", (json_int_t)limit, "chapters", chapters);
	json_decref(first);
	return TC_OK;
}

/* ---- figures ---- */

tc_status tc_searcher_revision(tc_searcher *s, uint64_t revision[TC_DB_COUNT], tc_error *err)
{
	for (int k = 0; k < TC_DB_COUNT; k++) {
		tc_status st = xc_reader_revision(s->readers[k], &revision[k], err);
		if (st != TC_OK)
			return st;
	}
	return TC_OK;
}

tc_status tc_stats(tc_searcher *s, json_t **result, tc_error *err)
{
	*result = NULL;
	json_t *out = json_object(), *kinds = json_object(), *entries = json_object(), *types = json_object(),
	       *years = json_object();
	json_object_set_new(out, "records", kinds);
	json_object_set_new(out, "entries", entries);
	json_object_set_new(out, "types", types);
	json_object_set_new(out, "years", years);
	tc_status st = TC_OK;
	uint64_t revision[TC_DB_COUNT];
	for (int k = 0; st == TC_OK && k < TC_DB_COUNT; k++) {
		xc_query *all = NULL;
		uint32_t count = 0, entry_count = 0;
		st = xc_query_match_all(&all, err);
		if (st == TC_OK)
			st = articles_of(s, (tc_db_kind)k, all, &count, NULL, 0, NULL, err);
		if (st == TC_OK)
			st = xc_reader_doc_count(s->readers[k], &entry_count, err);
		xc_query_free(all);
		json_object_set_new(kinds, tc_db_kind_name((tc_db_kind)k), json_integer(count));
		json_object_set_new(entries, tc_db_kind_name((tc_db_kind)k), json_integer(entry_count));
	}
	/* documents by type and by year */
	xc_query *all = NULL;
	uint32_t docs = 0;
	if (st == TC_OK)
		st = xc_query_match_all(&all, err);
	if (st == TC_OK)
		st = articles_of(s, TC_DB_DOCS, all, &docs, NULL, TC_SLOT_TYPE, types, err);
	if (st == TC_OK)
		st = articles_of(s, TC_DB_DOCS, all, &docs, NULL, TC_SLOT_YEAR, years, err);
	xc_query_free(all);
	if (st == TC_OK)
		st = tc_searcher_revision(s, revision, err);
	if (st != TC_OK) {
		json_decref(out);
		return st;
	}
	char rev[96];
	snprintf(rev, sizeof rev, "%llu.%llu.%llu", (unsigned long long)revision[0],
	         (unsigned long long)revision[1], (unsigned long long)revision[2]);
	json_object_set_new(out, "revision", json_string(rev));
	/* build time and versions from the manifest, as written by the last run */
	tc_buf path = {0};
	tc_buf_printf(&path, "%s/manifest.json", s->dir);
	json_error_t jerr;
	json_t *manifest = json_load_file(path.data, 0, &jerr);
	tc_buf_free(&path);
	static const char *const keys[] = {"built", "format_version", "analyzer_version"};
	for (size_t i = 0; manifest && i < sizeof keys / sizeof keys[0]; i++)
		if (json_object_get(manifest, keys[i]))
			json_object_set(out, keys[i], json_object_get(manifest, keys[i]));
	json_decref(manifest);
	*result = out;
	return TC_OK;
}
