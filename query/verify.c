/* verify.c - tc_searcher_verify: is an index sound? After a killed or
 * failed `tracuu index` the last commit must be searchable as it stands:
 * every entry readable and every part of an article (a clause or point
 * entry) beside its article. This reads every entry of every database the
 * way a reader would, and says what is wrong with each one that is not. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "query-private.h"

typedef struct verify_db {
	tc_searcher *s;
	tc_db_kind kind;
	xc_reader *reader;
	tc_stored_codec *codec; /* this database's dictionary only */
	tc_verify_fn fn;
	void *ctx;
	tc_verify_summary *summary;
	tc_buf id, term, json;
	tc_error *err;
	tc_status status;
} verify_db;

static void problem(verify_db *v, const char *id, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void problem(verify_db *v, const char *id, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	v->summary->problems++;
	if (v->fn)
		v->fn(v->ctx, v->kind, id, what);
}

/* The stored record of DOCID decodes, with this database's own dictionary,
 * into the JSON object of entry ID. */
static tc_status check_record(verify_db *v, xc_docid docid, const char *id)
{
	char *data = NULL;
	size_t len = 0;
	tc_status st = xc_reader_get_data(v->reader, docid, &data, &len, v->err);
	if (st != TC_OK)
		return st;
	unsigned missing = 0;
	if (tc_stored_decode(v->codec, data, len, &v->json, &missing) < 0) {
		if (missing)
			problem(v, id,
			        "the stored record needs zstd dictionary %u, which the database does not "
			        "hold "
			        "(the record is unreadable: index the same sources again into a new "
			        "directory)",
			        missing);
		else
			problem(v, id, "the stored record (%zu bytes) is corrupt", len);
		tc_free(data);
		return TC_OK;
	}
	tc_free(data);
	size_t json_len = 0, text_len = 0;
	const char *text = NULL;
	tc_stored_split(v->json.data, v->json.len, &json_len, &text, &text_len);
	json_t *record = tc_stored_fields(v->json.data, json_len, NULL);
	const char *stored_id = json_string_value(json_object_get(record, "id"));
	json_t *as_string = text ? json_stringn(text, text_len) : NULL;
	if (!record)
		problem(v, id, "the stored record's fields (%zu bytes) do not decode into a JSON object",
		        json_len);
	else if (!stored_id || strcmp(stored_id, id))
		problem(v, id, "the stored record is that of '%s'", stored_id ? stored_id : "(no id)");
	else if (text && !as_string)
		problem(v, id, "the stored record's text (%zu bytes) is not UTF-8", text_len);
	json_decref(as_string);
	json_decref(record);
	return TC_OK;
}

/* The database of the articles whose parts database is KIND (KIND itself
 * for the others). */
static tc_db_kind articles_of(tc_db_kind kind)
{
	for (int k = 0; k < TC_DB_ARTICLE_KINDS; k++)
		if (tc_db_parts((tc_db_kind)k) == (int)kind)
			return (tc_db_kind)k;
	return kind;
}

/* A part of an article (a clause or point entry: its article slot names
 * another entry) needs that article in the articles' database: search
 * ranks parts on their article, and a part whose article is missing would
 * be a hit with no article to show. */
static tc_status check_part(verify_db *v, xc_docid docid, const char *id)
{
	char *article = NULL;
	size_t len = 0;
	tc_status st = xc_reader_get_value(v->reader, docid, TC_SLOT_ARTICLE, &article, &len, v->err);
	if (st != TC_OK || !len || (len == strlen(id) && !memcmp(article, id, len))) {
		tc_free(article);
		return st;
	}
	v->summary->parts[v->kind]++;
	tc_buf_reset(&v->term);
	tc_buf_append_str(&v->term, TC_PREFIX_ID);
	tc_buf_append(&v->term, article, len);
	xc_docid article_docid = 0;
	tc_db_kind articles = articles_of(v->kind);
	if (v->term.len <= XC_MAX_TERM_LENGTH)
		st = xc_reader_find(v->s->readers[articles], v->term.data, &article_docid, v->err);
	if (st == TC_OK && !article_docid)
		problem(v, id, "a part of article '%.*s', which is not in the %s database", (int)len, article,
		        tc_db_kind_name(articles));
	tc_free(article);
	return st;
}

static int on_id(void *vctx, const char *term, size_t len, uint32_t freq)
{
	verify_db *v = vctx;
	tc_buf_reset(&v->id);
	tc_buf_append(&v->id, term + strlen(TC_PREFIX_ID), len - strlen(TC_PREFIX_ID));
	tc_buf_reset(&v->term);
	tc_buf_append(&v->term, term, len);
	const char *id = v->id.data;
	v->summary->entries[v->kind]++;
	if (freq != 1)
		problem(v, id, "%u entries share this id (the later ones are unreachable by id)", freq);
	xc_docid docid = 0;
	tc_status st = xc_reader_find(v->reader, v->term.data, &docid, v->err);
	if (st == TC_OK && !docid)
		problem(v, id, "the id is listed but names no entry");
	if (st == TC_OK && docid)
		st = check_record(v, docid, id);
	if (st == TC_OK && docid)
		st = check_part(v, docid, id);
	v->status = st;
	return st != TC_OK;
}

static tc_status verify_db_run(verify_db *v)
{
	tc_status st = TC_OK;
	char *dict = NULL;
	size_t dict_len = 0;
	const char *name = tc_db_kind_name(v->kind);
	st = xc_reader_get_metadata(v->reader, TC_DICT_METADATA_KEY, &dict, &dict_len, v->err);
	if (st == TC_OK && dict_len && tc_stored_codec_add_dict(v->codec, dict, dict_len) < 0)
		problem(v, NULL, "the database's zstd dictionary (%zu bytes) is damaged", dict_len);
	tc_free(dict);
	if (st != TC_OK)
		return st;
	int truncated = 0;
	st = xc_reader_each_term(v->reader, TC_PREFIX_ID, 0, on_id, v, &truncated, v->err);
	if (st == TC_OK)
		st = v->status;
	uint32_t count = 0;
	if (st == TC_OK)
		st = xc_reader_doc_count(v->reader, &count, v->err);
	if (st == TC_OK && count != v->summary->entries[v->kind])
		problem(v, NULL,
		        "%u entries in the database but %lld ids: the others cannot be reached by id", count,
		        v->summary->entries[v->kind]);
	if (st != TC_OK && v->err) {
		char cause[TC_ERROR_MESSAGE_MAX];
		snprintf(cause, sizeof cause, "%s", v->err->message);
		return tc_error_set(v->err, st, "verifying database '%s' of '%s': %s", name, v->s->dir,
		                    cause);
	}
	return st;
}

tc_status tc_searcher_verify(tc_searcher *searcher, tc_verify_fn fn, void *ctx, tc_verify_summary *summary,
                             tc_error *err)
{
	memset(summary, 0, sizeof *summary);
	tc_status st = TC_OK;
	for (int k = 0; st == TC_OK && k < TC_DB_COUNT; k++) {
		verify_db v = {.s = searcher,
		               .kind = (tc_db_kind)k,
		               .reader = searcher->readers[k],
		               .fn = fn,
		               .ctx = ctx,
		               .summary = summary,
		               .err = err,
		               .status = TC_OK};
		v.codec = tc_stored_codec_new();
		st = v.codec ? verify_db_run(&v) : tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		tc_stored_codec_free(v.codec);
		tc_buf_free(&v.id);
		tc_buf_free(&v.term);
		tc_buf_free(&v.json);
	}
	return st;
}
