/* portal.c - the portal kit's routes: a scoped listing (/v1/listing), the
 * same as an Atom 1.0 feed (/v1/feed.atom, RFC 4287) and the changes for a
 * copy kept in sync (/v1/changes). Provinces and ministries show their own
 * documents on their sites (Nghị định 52/2015/NĐ-CP); these routes and
 * web/embed.js are what they need for it. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "api-private.h"

/* The scope parameters (the listing's filters), as the query syntax's
 * field filters take them (tc_search_filter_add). */
#define SCOPE_PARAMS                                                                                         \
	{"issuer", "query", "string", "issuer: a slug (ubnd-tinh-ha-tinh, chinh-phu) or a name", NULL, 0},   \
	        {"province", "query",                                                                        \
	         "string",   "province of local documents (ha-tinh), trung-uong for central",                \
	         "ha-tinh",  0},                                                                             \
	        {"type", "query", "string", "document type: luat, nghi-dinh, thong-tu, quyet-dinh, ...",     \
	         NULL,   0},                                                                                 \
	        {"field", "query", "string", "field (lĩnh vực)", NULL, 0},                                   \
	        {"status", "query", "string", "validity: con-hieu-luc, het-hieu-luc-toan-bo, ...", NULL, 0}, \
	{                                                                                                    \
		"year", "query", "string", "year of issue or a range 2010..2015", NULL, 0                    \
	}

const api_route_param api_listing_params[] = {
        SCOPE_PARAMS,
        {"since", "query", "string", "documents issued on or after this day (2025-01-01)", NULL, 0},
        {"sort", "query", "string", "newest (default) or oldest, by issue date", NULL, 0},
        {"page", "query", "integer", "page number from 1 (within the first 10000 documents)", NULL, 0},
        {"per_page", "query", "integer", "documents per page, 1 to 100 (default 20)", NULL, 0},
        {"facets", "query", "boolean", "1: count the scope by type, issuer, year, validity, province, field",
         NULL, 0},
        {0},
};

const api_route_param api_feed_params[] = {
        SCOPE_PARAMS,
        {"since", "query", "string", "documents issued on or after this day (2025-01-01)", NULL, 0},
        {"per_page", "query", "integer", "entries, 1 to 100 (default 20): the newest", NULL, 0},
        {0},
};

const api_route_param api_changes_params[] = {
        {"since", "query", "string",
         "changes from this time on (RFC 3339: 2026-01-03T10:15:00Z, or a day); a first sync gives "
         "1970-01-01",
         "1970-01-01T00:00:00Z", 0},
        {"cursor", "query", "string",
         "the cursor of the previous answer (instead of since): the next changes", NULL, 0},
        {"in", "query", "string", "docs (default), provisions or codified", NULL, 0},
        SCOPE_PARAMS,
        {"limit", "query", "integer", "changes per answer, 1 to 500 (default 100)", NULL, 0},
        {0},
};

/* Portal schemas, merged into the OpenAPI document's components. */
static const char *const portal_schemas_json =
        "{"
        "\"Listing\": {\"type\": \"object\", \"required\": [\"total\", \"items\"], \"properties\": "
        "{\"total\": "
        "{\"type\": \"integer\", \"description\": \"exact count\"}, \"page\": {\"type\": \"integer\"}, "
        "\"per_page\": {\"type\": \"integer\"}, \"sort\": {\"type\": \"string\"}, \"filter\": {\"type\": "
        "\"string\"}, \"facets\": {\"type\": \"object\", \"description\": \"counts by type, issuer, year, "
        "validity, province and field (facets=1)\"}, \"items\": {\"type\": \"array\", \"items\": {\"$ref\": "
        "\"#/components/schemas/ListingItem\"}}}},"
        "\"ListingItem\": {\"type\": \"object\", \"required\": [\"id\", \"kind\"], \"properties\": {\"id\": "
        "{\"type\": \"string\"}, \"kind\": {\"type\": \"string\"}, \"doc_number\": {\"type\": \"string\"}, "
        "\"type\": {\"type\": \"string\"}, \"title\": {\"type\": \"string\"}, \"issuer\": {\"type\": "
        "\"string\"}, "
        "\"issue_date\": {\"type\": \"string\"}, \"effective_date\": {\"type\": \"string\"}, \"validity\": "
        "{\"type\": \"string\"}, \"changed\": {\"type\": \"string\", \"description\": \"when the record was "
        "last "
        "written (RFC 3339)\"}}},"
        "\"Changes\": {\"type\": \"object\", \"required\": [\"changes\", \"cursor\", \"more\"], "
        "\"properties\": "
        "{\"db\": {\"type\": \"string\"}, \"cursor\": {\"type\": \"string\", \"description\": \"pass it as "
        "cursor= in the next call\"}, \"more\": {\"type\": \"boolean\", \"description\": \"more changes "
        "wait: "
        "call again now\"}, \"changes\": {\"type\": \"array\", \"items\": {\"type\": \"object\", "
        "\"required\": "
        "[\"change\", \"id\", \"changed\"], \"properties\": {\"change\": {\"type\": \"string\", \"enum\": "
        "[\"upsert\", \"remove\"]}, \"id\": {\"type\": \"string\"}, \"changed\": {\"type\": \"string\"}, "
        "\"record\": {\"$ref\": \"#/components/schemas/ListingItem\"}}}}}}"
        "}";

int api_portal_schemas(json_t *schemas)
{
	json_error_t jerr;
	json_t *portal = json_loads(portal_schemas_json, 0, &jerr);
	if (!portal)
		return -1;
	int rc = json_object_update(schemas, portal);
	json_decref(portal);
	return rc;
}

/* The scope parameters of REQ into FILTER (the query syntax); since= as
 * an issue date range when SINCE_IS_DATE. On a bad value, RES holds the
 * problem and -1 is returned. */
static int scope_filter(api_request *req, api_response *res, int since_is_date, tc_buf *filter, tc_error *err)
{
	static const char *const names[] = {"issuer", "province", "type", "field", "status", "year"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *v = api_param_get(req, names[i]);
		if (v && tc_search_filter_add(filter, names[i], v, err) != TC_OK) {
			api_problem_from_error(res, err, names[i]);
			return -1;
		}
	}
	const char *since = since_is_date ? api_param_get(req, "since") : NULL;
	if (since) {
		char range[TC_FILTER_MAX_BYTES + 3];
		snprintf(range, sizeof range, "%s..", since);
		tc_date day;
		if (tc_param_date("since", since, &day, err) != TC_OK ||
		    tc_search_filter_add(filter, "issued", range, err) != TC_OK) {
			api_problem_from_error(res, err, "since");
			return -1;
		}
	}
	return 0;
}

static tc_status listing_of(api_request *req, api_response *res, uint32_t per_page_default, int paged,
                            json_t **result, tc_error *err)
{
	*result = NULL;
	tc_buf filter = {0};
	uint32_t offset = 0, limit = 0;
	const char *bad = NULL, *v;
	tc_sort sort = TC_SORT_NEWEST;
	if (scope_filter(req, res, 1, &filter, err) < 0) {
		tc_buf_free(&filter);
		return TC_OK;
	}
	if ((v = api_param_get(req, "sort")) &&
	    (tc_param_sort("sort", v, &sort, err) != TC_OK ||
	     (sort == TC_SORT_RELEVANCE &&
	      tc_error_set(err, TC_ERR_INPUT, "sort: a listing is newest or oldest"))))
		bad = "sort";
	if (!bad &&
	    api_page_params(req, per_page_default, paged ? TC_LISTING_MAX_WINDOW : API_MAX_PER_PAGE, &offset,
	                    &limit, &bad, err) < 0 &&
	    !bad)
		bad = "page";
	if (bad) {
		tc_buf_free(&filter);
		api_problem_from_error(res, err, bad);
		return TC_OK;
	}
	tc_listing_options options = {
	        .filter = filter.len ? filter.data : NULL, .sort = sort, .offset = offset, .limit = limit};
	if ((v = api_param_get(req, "facets")) && paged)
		options.facets = !strcmp(v, "1") || !strcmp(v, "true");
	tc_status st = tc_listing(req->worker->searcher, &options, result, err);
	tc_buf_free(&filter);
	if (st == TC_ERR_INPUT || st == TC_ERR_LIMIT) {
		api_problem_from_error(res, err, NULL);
		return TC_OK;
	}
	if (st == TC_OK) {
		json_object_set_new(*result, "page", json_integer(offset / limit + 1));
		json_object_set_new(*result, "per_page", json_integer(limit));
	}
	return st;
}

tc_status api_listing(api_request *req, api_response *res, tc_error *err)
{
	json_t *result = NULL;
	tc_status st = listing_of(req, res, 20, 1, &result, err);
	if (st == TC_OK && result) {
		json_object_del(result, "offset");
		json_object_del(result, "limit");
		res->status = 200;
		res->json = result;
	}
	return st;
}

/* ---- Atom (RFC 4287) ---- */

/* The feed as it is written: a failed allocation sticks, so that the
 * writing goes on without checks and the end says whether it all fit. */
typedef struct xml_out {
	tc_buf buf;
	int failed;
} xml_out;

static void put(xml_out *x, const char *s)
{
	x->failed |= tc_buf_append_str(&x->buf, s) < 0;
}

static void putf(xml_out *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(xml_out *x, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof small)
		x->failed = 1; /* only short pieces are written this way */
	else
		put(x, small);
}

/* TEXT escaped for XML character data and attributes; characters XML 1.0
 * does not allow are left out. */
static void put_text(xml_out *x, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
		switch (*p) {
		case '&': put(x, "&amp;"); break;
		case '<': put(x, "&lt;"); break;
		case '>': put(x, "&gt;"); break;
		case '"': put(x, "&quot;"); break;
		default:
			if (*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
				x->failed |= tc_buf_append(&x->buf, (const char *)p, 1) < 0;
		}
	}
}

/* ID percent-encoded for a URL (its UTF-8 bytes as %XX, '/' kept). */
static void put_url_part(xml_out *x, const char *id)
{
	for (const unsigned char *p = (const unsigned char *)(id ? id : ""); *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p))
			x->failed |= tc_buf_append(&x->buf, (const char *)p, 1) < 0;
		else
			putf(x, "%%%02X", *p);
	}
}

/* <NAME>TEXT</NAME> (and a newline) when TEXT is not NULL. */
static void put_element(xml_out *x, const char *indent, const char *name, const char *text)
{
	if (!text)
		return;
	putf(x, "%s<%s>", indent, name);
	put_text(x, text);
	putf(x, "</%s>\n", name);
}

static const char *str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static void put_entry(xml_out *x, const json_t *item, const char *fallback_updated)
{
	const char *id = str(item, "id"), *number = str(item, "doc_number"), *title = str(item, "title");
	const char *type = str(item, "type"), *issuer = str(item, "issuer"),
	           *issued = str(item, "issue_date");
	const char *effective = str(item, "effective_date");
	put(x, "  <entry>\n    <id>urn:tracuu:record:");
	put_url_part(x, id);
	put(x, "</id>\n    <title>");
	put_text(x, number ? number : "");
	put(x, number && title ? " — " : "");
	put_text(x, title ? title : number ? "" : id);
	put(x, "</title>\n");
	/* updated: when the record last changed; published: its issue date */
	put_element(x, "    ", "updated", str(item, "changed") ? str(item, "changed") : fallback_updated);
	if (issued && strlen(issued) == 10)
		putf(x, "    <published>%sT00:00:00Z</published>\n", issued);
	if (issuer) {
		put(x, "    <author><name>");
		put_text(x, issuer);
		put(x, "</name></author>\n");
	}
	put(x, "    <link rel=\"alternate\" type=\"text/html\" href=\"/doc.html?id=");
	put_url_part(x, id);
	put(x, "\"/>\n");
	if (type) {
		put(x, "    <category term=\"");
		put_text(x, type);
		put(x, "\"/>\n");
	}
	put(x, "    <summary>");
	put_text(x, type ? type : "");
	if (issuer) {
		put(x, ", ");
		put_text(x, issuer);
	}
	if (issued) {
		put(x, ", ban hành ngày ");
		put_text(x, issued);
	}
	if (effective) {
		put(x, ", hiệu lực từ ");
		put_text(x, effective);
	}
	put(x, "</summary>\n  </entry>\n");
}

tc_status api_feed(api_request *req, api_response *res, tc_error *err)
{
	json_t *result = NULL;
	tc_status st = listing_of(req, res, 20, 0, &result, err);
	if (st != TC_OK || !result)
		return st;
	json_t *items = json_object_get(result, "items");
	/* the feed changed when its newest-changed entry did */
	const char *updated = "1970-01-01T00:00:00Z";
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item)
	{
		const char *changed = str(item, "changed");
		if (changed && strcmp(changed, updated) > 0)
			updated = changed;
	}
	const char *filter = str(result, "filter");
	xml_out x = {0};
	put(&x, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n");
	/* The feed's id names its scope, so that two scopes are two feeds.
	 * Links are relative: they resolve against the feed's own URL. */
	put(&x, "  <id>urn:tracuu:feed:");
	put_url_part(&x, filter ? filter : "all");
	put(&x, "</id>\n  <title>Văn bản mới");
	int named = 0;
	for (size_t p = 0; p < req->param_count; p++)
		if (strcmp(req->params[p].name, "per_page")) {
			put(&x, named++ ? ", " : " — ");
			put_text(&x, req->params[p].name);
			put(&x, "=");
			put_text(&x, req->params[p].value);
		}
	put(&x, "</title>\n");
	put_element(&x, "  ", "updated", updated);
	put(&x, "  <author><name>tracuu</name></author>\n");
	put(&x, "  <link rel=\"self\" type=\"application/atom+xml\" href=\"");
	put_text(&x, req->target);
	put(&x, "\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"/thuvien.html\"/>\n");
	put(&x, "  <generator>tracuu</generator>\n");
	json_array_foreach(items, i, item) put_entry(&x, item, updated);
	put(&x, "</feed>\n");
	json_decref(result);
	if (x.failed) {
		tc_buf_free(&x.buf);
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory writing the feed");
	}
	res->status = 200;
	res->text_len = x.buf.len;
	res->text = tc_buf_steal(&x.buf);
	res->content_type = "application/atom+xml; charset=utf-8";
	return TC_OK;
}

/* ---- changes ---- */

tc_status api_changes(api_request *req, api_response *res, tc_error *err)
{
	const char *since = api_param_get(req, "since"), *cursor = api_param_get(req, "cursor"), *v;
	tc_db_kind kind = TC_DB_DOCS;
	uint64_t limit = 100;
	char after[TC_CHANGE_STAMP_LEN + 1] = "";
	if (!since == !cursor) {
		tc_error_set(err, TC_ERR_INPUT,
		             "give since= (an RFC 3339 time; 1970-01-01 for a first sync) or cursor= (from "
		             "the last "
		             "answer), one of them");
		api_problem_from_error(res, err, since ? "cursor" : "since");
		return TC_OK;
	}
	if (since) {
		char stamp[TC_CHANGE_STAMP_LEN + 1];
		if (tc_param_time("since", since, stamp, err) != TC_OK) {
			api_problem_from_error(res, err, "since");
			return TC_OK;
		}
		/* "since then" takes in a change at that very instant */
		uint64_t us = tc_change_stamp_parse(stamp, TC_CHANGE_STAMP_LEN);
		if (us > 1)
			tc_change_stamp_format(us - 1, after);
	} else if (!tc_change_stamp_parse(cursor, strlen(cursor))) {
		tc_error_set(err, TC_ERR_INPUT, "cursor: '%.40s' is not a cursor this daemon gave", cursor);
		api_problem_from_error(res, err, "cursor");
		return TC_OK;
	} else {
		snprintf(after, sizeof after, "%s", cursor);
	}
	if ((v = api_param_get(req, "in"))) {
		tc_target target = TC_TARGET_DOCS;
		if (tc_param_target("in", v, &target, err) != TC_OK) {
			api_problem_from_error(res, err, "in");
			return TC_OK;
		}
		if (target == TC_TARGET_ALL) {
			tc_error_set(err, TC_ERR_INPUT,
			             "in: one of docs, provisions or codified (each syncs apart)");
			api_problem_from_error(res, err, "in");
			return TC_OK;
		}
		kind = target == TC_TARGET_PROVISIONS ? TC_DB_PROVISIONS
		       : target == TC_TARGET_CODIFIED ? TC_DB_CODIFIED
		                                      : TC_DB_DOCS;
	}
	if ((v = api_param_get(req, "limit")) &&
	    tc_param_uint("limit", v, 1, TC_CHANGES_MAX, &limit, err) != TC_OK) {
		api_problem_from_error(res, err, "limit");
		return TC_OK;
	}
	tc_buf filter = {0};
	if (scope_filter(req, res, 0, &filter, err) < 0) {
		tc_buf_free(&filter);
		return TC_OK;
	}
	json_t *result = NULL;
	tc_status st = tc_changes(req->worker->searcher, kind, filter.len ? filter.data : NULL, after,
	                          (uint32_t)limit, &result, err);
	tc_buf_free(&filter);
	if (st == TC_ERR_INPUT) {
		api_problem_from_error(res, err, NULL);
		return TC_OK;
	}
	if (st != TC_OK)
		return st;
	res->status = 200;
	res->json = result;
	return TC_OK;
}
