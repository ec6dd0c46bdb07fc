/* query.c - the searcher (open, reopen, free; stored records decoded
 * with each database's dictionary) and a search from end to end: the
 * query built (build.c), counted and ranked (rank.c), and its hits
 * assembled into the results, with snippets (snippet.c) and facets. */
#include <stdint.h>
#include <string.h>

#include "query-private.h"

int tc_target_parse(const char *name)
{
	if (!strcmp(name, "all"))
		return TC_TARGET_ALL;
	if (!strcmp(name, "docs") || !strcmp(name, "documents") || !strcmp(name, "vanban"))
		return TC_TARGET_DOCS;
	if (!strcmp(name, "provisions") || !strcmp(name, "dieu"))
		return TC_TARGET_PROVISIONS;
	if (!strcmp(name, "codified") || !strcmp(name, "phapdien"))
		return TC_TARGET_CODIFIED;
	return -1;
}

void tc_search_options_default(tc_search_options *o)
{
	memset(o, 0, sizeof *o);
	o->limit = 10;
}

/* ---- open ---- */

static tc_status read_manifest(tc_searcher *s, tc_error *err)
{
	tc_manifest manifest;
	tc_status st = tc_manifest_read(s->dir, &manifest, err);
	if (st == TC_ERR_NOT_FOUND)
		return tc_error_set(err, TC_ERR_NOT_FOUND,
		                    "no index at '%s' (run 'tracuu index SOURCE... --db %s' first)", s->dir,
		                    s->dir);
	if (st == TC_OK)
		st = tc_manifest_check(s->dir, &manifest, err);
	s->features = manifest.features;
	return st;
}

void tc_searcher_free(tc_searcher *s)
{
	if (!s)
		return;
	for (int k = 0; k < TC_DB_COUNT; k++) {
		xc_reader_free(s->readers[k]);
		tc_free(s->uuids[k]);
	}
	tc_stored_codec_free(s->codec);
	for (int t = 0; t < 4; t++) {
		xc_reader_free(s->articles[t]);
		xc_reader_free(s->entries[t]);
	}
	for (int m = 0; m < 8; m++)
		xc_reader_free(s->entries_of[m]);
	tc_analyzer_free(s->analyzer);
	tc_arena_free(s->arena);
	tc_buf_free(&s->term);
	tc_buf_free(&s->text);
	tc_buf_free(&s->hit_text);
	tc_buf_free(&s->scratch);
	tc_buf_free(&s->query_text);
	tc_free(s->dir);
	tc_free(s);
}

/* Each database's dictionary, from its metadata (again after a reopen: a
 * rebuilt database has another). */
static tc_status load_dictionaries(tc_searcher *s, tc_error *err)
{
	tc_stored_codec_clear_dicts(s->codec);
	for (int k = 0; k < TC_DB_COUNT; k++) {
		char *dict = NULL;
		size_t dict_len = 0;
		tc_status st =
		        xc_reader_get_metadata(s->readers[k], TC_DICT_METADATA_KEY, &dict, &dict_len, err);
		if (st == TC_OK && dict_len && tc_stored_codec_add_dict(s->codec, dict, dict_len) < 0)
			st = tc_error_set(err, TC_ERR_INPUT,
			                  "the dictionary of '%s/%s' is damaged: rebuild the index", s->dir,
			                  tc_db_kind_name((tc_db_kind)k));
		tc_free(dict);
		if (st != TC_OK)
			return st;
	}
	return TC_OK;
}

/* Each database's UUID (again after a reopen: a rebuilt database has
 * another). */
static tc_status load_uuids(tc_searcher *s, tc_error *err)
{
	tc_status st = TC_OK;
	for (int k = 0; st == TC_OK && k < TC_DB_COUNT; k++) {
		tc_free(s->uuids[k]);
		s->uuids[k] = NULL;
		st = xc_reader_uuid(s->readers[k], &s->uuids[k], err);
	}
	return st;
}

/* One reader over the databases of the kinds of article in KINDS (bits:
 * documents, provisions, codified articles, in that order), with their
 * parts' databases when PARTS, into *READER. */
static tc_status open_kinds(tc_searcher *s, unsigned kinds, int parts, xc_reader **reader, tc_error *err)
{
	static const tc_db_kind order[TC_DB_ARTICLE_KINDS] = {TC_DB_DOCS, TC_DB_PROVISIONS, TC_DB_CODIFIED};
	tc_buf path = {0}, all = {0};
	tc_status st = TC_OK;
	for (int i = 0; st == TC_OK && i < TC_DB_ARTICLE_KINDS; i++) {
		if (!(kinds & 1u << i))
			continue;
		int part = tc_db_parts(order[i]);
		for (int k = order[i], n = 0; st == TC_OK && n < (parts && part >= 0 ? 2 : 1); k = part, n++) {
			tc_index_db_path(s->dir, (tc_db_kind)k, &path);
			if ((all.len && tc_buf_append_char(&all, ':') < 0) || tc_buf_append_str(&all, path.data) < 0)
				st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		}
	}
	if (st == TC_OK)
		st = xc_reader_open(all.data, reader, err);
	tc_buf_free(&path);
	tc_buf_free(&all);
	return st;
}

tc_status tc_searcher_open(const char *dir, tc_searcher **out, tc_error *err)
{
	*out = NULL;
	tc_searcher *s = tc_calloc(1, sizeof *s);
	if (!s)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	s->dir = tc_strdup(dir);
	s->analyzer = tc_analyzer_new();
	s->arena = tc_arena_new(64 * 1024);
	s->codec = tc_stored_codec_new();
	if (!s->dir || !s->analyzer || !s->arena || !s->codec) {
		tc_searcher_free(s);
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	}
	tc_status st = read_manifest(s, err);
	tc_buf path = {0};
	for (int k = 0; st == TC_OK && k < TC_DB_COUNT; k++) {
		tc_index_db_path(dir, (tc_db_kind)k, &path);
		st = xc_reader_open(path.data, &s->readers[k], err);
	}
	tc_buf_free(&path);
	if (st == TC_OK)
		st = load_dictionaries(s, err);
	if (st == TC_OK)
		st = load_uuids(s, err);
	/* each target's databases, as one reader each */
	static const unsigned target_kinds[4] = {
	        [TC_TARGET_ALL] = 7, [TC_TARGET_DOCS] = 1, [TC_TARGET_PROVISIONS] = 2, [TC_TARGET_CODIFIED] = 4};
	for (int t = 0; st == TC_OK && t < 4; t++) {
		st = open_kinds(s, target_kinds[t], 0, &s->articles[t], err);
		if (st == TC_OK)
			st = open_kinds(s, target_kinds[t], 1, &s->entries[t], err);
	}
	if (st != TC_OK) {
		tc_searcher_free(s);
		return st;
	}
	*out = s;
	return TC_OK;
}

tc_status tc__entries_of(tc_searcher *s, unsigned kinds, xc_reader **reader, tc_error *err)
{
	kinds &= 7;
	if (kinds == 7 || !kinds) {
		*reader = s->entries[TC_TARGET_ALL];
		return TC_OK;
	}
	tc_status st = TC_OK;
	if (!s->entries_of[kinds])
		st = open_kinds(s, kinds, 1, &s->entries_of[kinds], err);
	*reader = s->entries_of[kinds];
	return st;
}

tc_status tc_searcher_reopen(tc_searcher *s, tc_error *err)
{
	int changed = 0, any = 0;
	for (int k = 0; k < TC_DB_COUNT; k++) {
		tc_status st = xc_reader_reopen(s->readers[k], &changed, err);
		if (st != TC_OK)
			return st;
		any |= changed;
	}
	tc_status st = TC_OK;
	for (int t = 0; st == TC_OK && t < 4; t++) {
		st = xc_reader_reopen(s->articles[t], &changed, err);
		if (st == TC_OK)
			st = xc_reader_reopen(s->entries[t], &changed, err);
	}
	for (int m = 0; st == TC_OK && m < 8; m++)
		if (s->entries_of[m])
			st = xc_reader_reopen(s->entries_of[m], &changed, err);
	if (st == TC_OK && any)
		st = load_dictionaries(s, err);
	if (st == TC_OK && any)
		st = load_uuids(s, err);
	return st;
}

/* Decode stored DATA into the record's fields (a HIT's without the outline
 * of a document, which no hit shows); *BODY (*BODY_LEN bytes) is its text:
 * in the decoded payload (s->text), or, for a record stored with its text
 * inside its JSON, the record's own "text" (NULL: it has none). No more of
 * the text than TEXT_MAX bytes is decoded (SIZE_MAX: all of it); *CUT says
 * whether it was cut short. */
static json_t *decode_fields(tc_searcher *s, const char *data, size_t len, int hit, size_t text_max,
                             const char **body, size_t *body_len, int *cut)
{
	*body = NULL;
	*body_len = 0;
	int whole = 1;
	if ((text_max == SIZE_MAX ? tc_stored_decode(s->codec, data, len, &s->text, NULL)
	                          : tc_stored_decode_upto(s->codec, data, len, text_max, &s->text, &whole)) < 0)
		return NULL;
	*cut = !whole;
	size_t json_len = 0;
	tc_stored_split(s->text.data, s->text.len, &json_len, body, body_len);
	/* the text, after the fields, stays where it is */
	json_t *rec = tc_stored_fields(s->text.data, json_len, hit ? "outline" : NULL);
	if (!rec)
		return NULL;
	json_t *inside = json_object_get(rec, "text");
	if (!*body && json_is_string(inside)) {
		*body = json_string_value(inside);
		*body_len = json_string_length(inside);
	}
	return rec;
}

json_t *tc__decode_hit(tc_searcher *s, const char *data, size_t len, size_t text_max, tc_buf *text,
                       int *has_text, int *cut)
{
	if (text)
		tc_buf_reset(text);
	const char *body = NULL;
	size_t body_len = 0;
	int was_cut = 0;
	json_t *rec = decode_fields(s, data, len, 1, text ? text_max : 0, &body, &body_len, &was_cut);
	if (rec && body && text && tc_buf_append(text, body, body_len) < 0) {
		json_decref(rec);
		rec = NULL;
	}
	if (has_text)
		*has_text = rec && body;
	if (cut)
		*cut = was_cut;
	json_object_del(rec, "text");
	return rec;
}

json_t *tc__decode_record(tc_searcher *s, const char *data, size_t len)
{
	const char *body = NULL;
	size_t body_len = 0;
	int cut = 0;
	json_t *rec = decode_fields(s, data, len, 0, SIZE_MAX, &body, &body_len, &cut);
	/* the text after the JSON as a JSON string: checked to be UTF-8, as
	 * the parser would */
	if (rec && body && !json_object_get(rec, "text") &&
	    json_object_set_new(rec, "text", json_stringn(body, body_len)) < 0) {
		json_decref(rec);
		return NULL;
	}
	return rec;
}

/* ---- searching: hits into results ---- */

/* A clause hit is shown as its article, with the clause it matched (the
 * snippet stays the clause's); the article's text with WITH_TEXT. The
 * article is read where the first stage of ranking found it (B's
 * candidates), else by its id. */
static json_t *clause_to_article(tc_searcher *s, const builder *b, tc_target target, json_t *hit,
                                 int with_text, tc_error *err)
{
	const char *kind = json_string_value(json_object_get(hit, "kind"));
	const char *article_id = json_string_value(json_object_get(hit, "article_id"));
	if (!kind || strcmp(kind, "clause") || !article_id)
		return hit;
	json_t *article = NULL;
	json_int_t docid = json_integer_value(json_object_get(b->candidates, article_id));
	tc_status st = TC_OK;
	if (docid > 0)
		article = tc__record_at(s, s->articles[target], (xc_docid)docid, article_id, with_text, &st, err);
	/* a document's article, or a codified article; one that cannot be read
	 * leaves the clause as the hit */
	static const tc_db_kind kinds[] = {TC_DB_PROVISIONS, TC_DB_CODIFIED};
	for (size_t k = 0; !article && k < sizeof kinds / sizeof *kinds; k++)
		article = tc__record_by_term(s, kinds[k], TC_PREFIX_ID, article_id, with_text, &st, err);
	if (!article)
		return hit;
	json_object_set(article, "matched_clause", json_object_get(hit, "id"));
	json_decref(hit);
	return article;
}

/* A stored record that does not decode is a damaged index, never a blank
 * hit: say so, and what to do. DOCID is the hit's (in the searched
 * databases). */
static tc_status unreadable(tc_searcher *s, xc_docid docid, tc_error *err)
{
	return tc_error_set(
	        err, TC_ERR_INTERNAL,
	        "the stored record of hit %u in '%s' cannot be decoded: the index is damaged ('tracuu "
	        "verify' lists what; re-index into a new directory)",
	        (unsigned)docid, s->dir);
}

static const char *target_name(tc_target target)
{
	static const char *const names[] = {"all", "docs", "provisions", "codified"};
	return (unsigned)target < 4 ? names[target] : "all";
}

typedef struct facet_ctx {
	json_t *obj;
} facet_ctx;

static int on_facet(void *vctx, const char *value, size_t len, uint32_t count)
{
	facet_ctx *ctx = vctx;
	char *key = tc_strndup(value, len);
	if (!key)
		return 1;
	json_object_set_new(ctx->obj, key, json_integer(count));
	tc_free(key);
	return 0;
}
tc_status tc_search(tc_searcher *s, const char *text, const tc_search_options *opts, json_t **results,
                    tc_error *err)
{
	*results = NULL;
	tc_search_options options;
	if (opts)
		options = *opts;
	else
		tc_search_options_default(&options);
	if (!options.limit)
		options.limit = 10;
	if ((uint64_t)options.offset + options.limit > TC_QUERY_MAX_WINDOW)
		return tc_error_set(err, TC_ERR_LIMIT,
		                    "results beyond %d are not served (offset %u + limit %u)",
		                    TC_QUERY_MAX_WINDOW, options.offset, options.limit);
	builder b;
	xc_query *q = NULL;
	xc_query *lean = NULL;
	tc_status st = tc__prepare(s, &b, text, &options, &q, &lean, err);
	if (st != TC_OK) {
		tc__builder_free(&b);
		return st;
	}
	xc_enquire *enquire = NULL;
	xc_mset *mset = NULL;
	int spies[6] = {0};
	xc_enquire *facet_enquire = NULL;
	uint32_t total = 0;
	int total_exact = 0;
	/* The total and the facets count each article once: they read the
	 * articles' own entries (each holds all its clauses' words), never
	 * their parts'. */
	if (options.facets) {
		xc_mset *none = NULL;
		st = tc__run_enquire(s->articles[options.target], q, &options, &b.r, 1, 0, UINT32_MAX, spies,
		                     &facet_enquire, &none, err);
		if (st == TC_OK)
			total = tc__count_of(none, &total_exact);
		xc_mset_free(none);
	} else if (!options.no_total && options.exact_total) {
		st = tc__count_matches(s, lean ? lean : q, &options, &b.r, &total, &total_exact, err);
	}
	/* a total up to TC_TOTAL_EXACT_UP_TO: counted by the ranking run */
	int counted = !options.facets && !options.no_total && !options.exact_total;
	if (st == TC_OK)
		st = tc__rank(s, &b, q, lean, &options, counted ? &total : NULL, &total_exact, &enquire, &mset,
		              err);
	xc_query_free(lean);
	if (st == TC_OK && options.no_total && !options.facets)
		total = options.offset + xc_mset_size(mset);
	xc_query_free(q);
	if (st != TC_OK) {
		tc__builder_free(&b);
		return st;
	}
	json_t *out = json_object();
	json_object_set_new(out, "query", json_string(b.query));
	json_object_set_new(out, "target", json_string(target_name(options.target)));
	json_object_set_new(out, "total", json_integer(total));
	json_object_set_new(out, "total_exact", json_boolean(total_exact));
	json_object_set_new(out, "offset", json_integer(options.offset));
	json_t *recognized = json_object();
	json_object_set(recognized, "doc_numbers", b.doc_numbers);
	json_object_set(recognized, "citations", b.citations);
	json_object_set_new(out, "recognized", recognized);
	if (json_array_size(b.ignored_words))
		json_object_set(out, "ignored_words", b.ignored_words);
	json_t *hits = json_array();
	uint32_t size = xc_mset_size(mset);
	for (uint32_t i = 0; st == TC_OK && i < size; i++) {
		char *data = NULL;
		size_t data_len = 0;
		st = xc_mset_data(mset, i, &data, &data_len, err);
		if (st != TC_OK)
			break;
		/* the hit's text (a clause's, when the hit is a clause) is the
		 * snippet's; it is parsed only as a string when shown */
		int has_text = 0, cut = 0;
		json_t *hit = tc__decode_hit(s, data, data_len,
		                             options.text ? SIZE_MAX : options.snippets ? TC_SNIPPET_TEXT_MAX : 0,
		                             &s->hit_text, &has_text, &cut);
		tc_free(data);
		if (!hit) {
			st = unreadable(s, xc_mset_docid(mset, i), err);
			break;
		}
		json_t *article = clause_to_article(s, &b, options.target, hit, options.text, err);
		if (article == hit && options.text && has_text &&
		    json_object_set_new(hit, "text", json_stringn(s->hit_text.data, s->hit_text.len)) < 0) {
			json_decref(hit);
			st = unreadable(s, xc_mset_docid(mset, i), err);
			break;
		}
		hit = article;
		json_object_set_new(hit, "rank", json_integer(options.offset + i + 1));
		json_object_set_new(hit, "score", json_real(xc_mset_weight(mset, i)));
		if (options.snippets && has_text)
			tc__make_snippet(&b, s->hit_text.data, cut, hit);
		json_array_append_new(hits, hit);
	}
	json_object_set_new(out, "hits", hits);
	if (st == TC_OK && options.facets) {
		static const char *const facet_names[6] = {"type",     "issuer", "year",
		                                           "validity", "topic",  "province"};
		json_t *facets = json_object();
		for (int i = 0; st == TC_OK && i < 6; i++) {
			facet_ctx fctx = {.obj = json_object()};
			st = xc_enquire_spy_values(facet_enquire, spies[i], 50, on_facet, &fctx, err);
			json_object_set_new(facets, facet_names[i], fctx.obj);
		}
		json_object_set_new(out, "facets", facets);
	}
	xc_mset_free(mset);
	xc_enquire_free(enquire);
	xc_enquire_free(facet_enquire);
	tc__builder_free(&b);
	if (st != TC_OK) {
		json_decref(out);
		return st;
	}
	*results = out;
	return TC_OK;
}

tc_status tc_search_ids(tc_searcher *s, const char *text, const tc_search_options *opts, char **ids,
                        size_t max, size_t *n, tc_error *err)
{
	*n = 0;
	tc_search_options options;
	if (opts)
		options = *opts;
	else
		tc_search_options_default(&options);
	options.limit = (uint32_t)max;
	builder b;
	xc_query *q = NULL;
	xc_query *lean = NULL;
	tc_status st = tc__prepare(s, &b, text, &options, &q, &lean, err);
	if (st != TC_OK) {
		tc__builder_free(&b);
		return st;
	}
	xc_enquire *enquire = NULL;
	xc_mset *mset = NULL;
	st = tc__rank(s, &b, q, lean, &options, NULL, NULL, &enquire, &mset, err);
	xc_query_free(q);
	xc_query_free(lean);
	tc__builder_free(&b);
	if (st != TC_OK)
		return st;
	uint32_t size = xc_mset_size(mset);
	for (uint32_t i = 0; st == TC_OK && i < size && *n < max; i++) {
		char *data = NULL;
		size_t len = 0;
		st = xc_mset_data(mset, i, &data, &len, err);
		if (st != TC_OK)
			break;
		json_t *hit = tc__decode_hit(s, data, len, 0, NULL, NULL, NULL);
		tc_free(data);
		if (!hit) {
			st = unreadable(s, xc_mset_docid(mset, i), err);
			break;
		}
		const char *id = json_string_value(json_object_get(hit, "article_id"));
		if (!id)
			id = json_string_value(json_object_get(hit, "id"));
		ids[(*n)++] = tc_strdup(id ? id : "");
		json_decref(hit);
	}
	xc_mset_free(mset);
	xc_enquire_free(enquire);
	return st;
}
