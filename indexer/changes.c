/* changes.c - what incremental sync needs from the indexer (format.h
 * "changes"): a change stamp on every entry written, and a tombstone in
 * DIR/removed for every article or document removed, so that a copy kept
 * by a portal (GET /v1/changes) can delete it.
 *
 * Each database's commit also records the last stamp given so far
 * (TC_LAST_CHANGE_METADATA_KEY): every entry stamped before a commit is in
 * it, and every later stamp is greater, so a reader knows that up to that
 * stamp its database's changes are final. /v1/changes serves changes only up
 * to the least of these marks over the databases it merges, and so never
 * passes a change that another database has yet to commit. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "indexer-private.h"
#include "xapian-c.h"

struct tc__changes {
	xc_writer *writer;
	xc_doc *doc;
	tc_buf path;
	tc_buf term;
	uint64_t last_us; /* the last stamp given, microseconds since 1970 */
	int dirty;        /* tombstones or a stamp not yet committed */
};

tc_status tc__changes_open(const char *dir, tc__changes **out, tc_error *err)
{
	*out = NULL;
	tc__changes *c = tc_calloc(1, sizeof *c);
	if (!c || tc_index_removed_path(dir, &c->path) < 0) {
		tc_free(c);
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	}
	tc_status st = xc_writer_open(c->path.data, XC_OPEN_CREATE_OR_OPEN, &c->writer, err);
	if (st == TC_OK)
		st = xc_doc_new(&c->doc, err);
	char *last = NULL;
	size_t last_len = 0;
	if (st == TC_OK)
		st = xc_writer_get_metadata(c->writer, TC_LAST_CHANGE_METADATA_KEY, &last, &last_len, err);
	if (last)
		c->last_us = tc_change_stamp_parse(last, last_len);
	tc_free(last);
	if (st != TC_OK) {
		tc__changes_close(c, 1, NULL);
		return st;
	}
	*out = c;
	return TC_OK;
}

void tc__changes_stamp(tc__changes *c, char stamp[TC_CHANGE_STAMP_LEN + 1])
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t now = (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
	/* strictly increasing: one stamp names one change, and a cursor
	 * (the last stamp a client saw) never falls between two */
	c->last_us = now > c->last_us ? now : c->last_us + 1;
	c->dirty = 1;
	tc_change_stamp_format(c->last_us, stamp);
}

typedef struct copy_ctx {
	tc__changes *c;
	tc_error *err;
	tc_status status;
} copy_ctx;

static int on_filter_term(void *vctx, const char *term, size_t len)
{
	copy_ctx *ctx = vctx;
	ctx->status = xc_doc_add_boolean_term(ctx->c->doc, term, len, ctx->err);
	return ctx->status != TC_OK;
}

tc_status tc__changes_tombstone(tc__changes *c, xc_writer *writer, tc_db_kind kind, const char *unique_term,
                                tc_error *err)
{
	/* The prefixes a listing filters on (query.h's field filters), so that
	 * /v1/changes with a portal's filters finds the removal too. */
	static const char *const filter_prefixes[] = {
	        TC_PREFIX_TYPE,  TC_PREFIX_ISSUER, TC_PREFIX_PROVINCE, TC_PREFIX_VALIDITY, TC_PREFIX_YEAR,
	        TC_PREFIX_FIELD, TC_PREFIX_TOPIC,  TC_PREFIX_DEMUC,    TC_PREFIX_NUMBER,   TC_PREFIX_ORIGIN,
	};
	static const unsigned copied_slots[] = {
	        TC_SLOT_ISSUE_DATE, TC_SLOT_EFFECTIVE_DATE, TC_SLOT_EXPIRY_DATE,
	        TC_SLOT_DOC_NUMBER, TC_SLOT_TYPE,           TC_SLOT_ISSUER,
	        TC_SLOT_YEAR,       TC_SLOT_VALIDITY,       TC_SLOT_PROVINCE};
	/* a clause or point goes with its article: the article's tombstone says it */
	if ((unsigned)kind >= TC_DB_ARTICLE_KINDS)
		return TC_OK;
	xc_docid docid = 0;
	tc_status st = xc_writer_find(writer, unique_term, &docid, err);
	if (st != TC_OK || !docid)
		return st;
	copy_ctx ctx = {.c = c, .err = err, .status = TC_OK};
	xc_doc_clear(c->doc);
	for (size_t i = 0; st == TC_OK && i < sizeof filter_prefixes / sizeof filter_prefixes[0]; i++) {
		st = xc_writer_doc_terms(writer, docid, filter_prefixes[i], on_filter_term, &ctx, err);
		if (st == TC_OK)
			st = ctx.status;
	}
	for (size_t i = 0; st == TC_OK && i < sizeof copied_slots / sizeof copied_slots[0]; i++) {
		char *value = NULL;
		size_t len = 0;
		st = xc_writer_get_value(writer, docid, copied_slots[i], &value, &len, err);
		if (st == TC_OK && len)
			st = xc_doc_set_value(c->doc, copied_slots[i], value, len, err);
		tc_free(value);
	}
	const char *id = unique_term + strlen(TC_PREFIX_ID);
	char stamp[TC_CHANGE_STAMP_LEN + 1];
	tc__changes_stamp(c, stamp);
	tc_buf_reset(&c->term);
	json_t *data = json_pack("{s:s, s:s, s:s}", "id", id, "db", tc_db_kind_name(kind), "removed", stamp);
	char *text = data ? json_dumps(data, JSON_COMPACT) : NULL;
	json_decref(data);
	if (st == TC_OK && !text)
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	if (st == TC_OK)
		st = xc_doc_set_data(c->doc, text, strlen(text), err);
	free(text);
	if (st == TC_OK)
		st = xc_doc_set_value(c->doc, TC_SLOT_CHANGED, stamp, TC_CHANGE_STAMP_LEN, err);
	if (st == TC_OK && tc_buf_printf(&c->term, "%s%s", TC_PREFIX_REMOVED_FROM, tc_db_kind_name(kind)) < 0)
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	if (st == TC_OK)
		st = xc_doc_add_boolean_term(c->doc, c->term.data, c->term.len, err);
	if (st == TC_OK)
		st = xc_doc_add_boolean_term(c->doc, unique_term, strlen(unique_term), err);
	/* one tombstone per id: a second removal (after a re-add) moves it on */
	if (st == TC_OK)
		st = xc_writer_replace(c->writer, unique_term, c->doc, NULL, err);
	return st;
}

tc_status tc__changes_mark(tc__changes *c, xc_writer *writer, tc_error *err)
{
	if (!c->last_us)
		return TC_OK;
	char last[TC_CHANGE_STAMP_LEN + 1];
	tc_change_stamp_format(c->last_us, last);
	return xc_writer_set_metadata(writer, TC_LAST_CHANGE_METADATA_KEY, last, TC_CHANGE_STAMP_LEN, err);
}

tc_status tc__changes_commit(tc__changes *c, tc_error *err)
{
	if (!c->dirty)
		return TC_OK;
	tc_status st = tc__changes_mark(c, c->writer, err);
	if (st == TC_OK)
		st = xc_writer_commit(c->writer, err);
	if (st == TC_OK)
		c->dirty = 0;
	return st;
}

tc_status tc__changes_close(tc__changes *c, int discard, tc_error *err)
{
	if (!c)
		return TC_OK;
	tc_status st = TC_OK;
	if (c->writer && !discard)
		st = tc__changes_commit(c, err);
	if (c->writer) {
		tc_status close_st = xc_writer_close(c->writer, discard, st == TC_OK ? err : NULL);
		if (st == TC_OK)
			st = close_st;
	}
	xc_doc_free(c->doc);
	tc_buf_free(&c->path);
	tc_buf_free(&c->term);
	tc_free(c);
	return st;
}
