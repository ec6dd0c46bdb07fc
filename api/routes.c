/* routes.c - the routes as data (in the manner of redis's command table):
 * method, path pattern, handler, auth, caching, documentation. The
 * OpenAPI document is generated from this table, so the two cannot drift;
 * tests/api checks that every documented route answers. */
#include <string.h>

#include "api-private.h"
#include "check.h"

static const api_route_param search_params[] = {
        {"q", "query", "string",
         "the query: words, \"phrases\", -exclusions, OR, ( ), field filters, document numbers, citations "
         "(tracuu search --help); may be empty when a filter is given",
         "thanh niên", 0},
        {"in", "query", "string", "all (default), docs, provisions or codified", "codified", 0},
        /* the filters (params.c checks each; the query syntax's field in brackets) */
        {"type", "query", "string", "document type: luat, nghi-dinh, thong-tu, ... (loai:)", "nghi-dinh", 0},
        {"issuer", "query", "string", "issuer, e.g. chinh-phu or \"Bộ Tài chính\" (coquan:)", NULL, 0},
        {"year", "query", "string", "year of issue or a range 2010..2015 (nam:)", NULL, 0},
        {"status", "query", "string", "validity: con-hieu-luc, het-hieu-luc-toan-bo, ... (hieuluc:)", NULL,
         0},
        {"field", "query", "string", "field (lĩnh vực) (linhvuc:)", NULL, 0},
        {"topic", "query", "string", "pháp điển chủ đề number, e.g. 36 (chude:)", NULL, 0},
        {"heading", "query", "string", "pháp điển đề mục number, e.g. 36.3 (demuc:)", NULL, 0},
        {"province", "query", "string", "province of local documents, trung-uong for central (tinh:)", NULL,
         0},
        {"number", "query", "string", "exactly that document number (so:)", NULL, 0},
        {"issued", "query", "string", "issue date range A..B, dates as 2015-05-14 or 14/5/2015 (banhanh:)",
         NULL, 0},
        {"effective", "query", "string", "effective date range A..B (hieuluctu:)", NULL, 0},
        {"inforce", "query", "string", "in force on that day (apdung:)", NULL, 0},
        {"sort", "query", "string", "relevance (default), newest or oldest", NULL, 0},
        {"page", "query", "integer", "page number from 1 (page × per_page within the first 1000 results)",
         NULL, 0},
        {"per_page", "query", "integer", "hits per page, 1 to 100 (default 10)", NULL, 0},
        {"facets", "query", "boolean", "1: count hits by type, issuer, year, validity, topic, province", NULL,
         0},
        {"text", "query", "boolean", "1: each hit's full text", NULL, 0},
        {0},
};
static const api_route_param document_params[] = {
        {"id", "path", "string",
         "the record's id, percent-encoded UTF-8; its slashes may stay literal "
         "(/v1/documents/111/2022/nđ-cp/d5)",
         "111/2022/nđ-cp/d2", 1},
        {0},
};
static const api_route_param lookup_params[] = {
        {"number", "query", "string", "a document number in any spelling (52/2015/NĐ-CP, nd 52/2015)",
         "111/2022/NĐ-CP", 0},
        {"cite", "query", "string", "a citation: khoản 2 Điều 5 Nghị định 52/2015/NĐ-CP", NULL, 0},
        {0},
};
static const api_route_param topic_params[] = {
        {"chude", "path", "string", "chủ đề number (36)", "36", 1},
        {0},
};
static const api_route_param heading_params[] = {
        {"chude", "path", "string", "chủ đề number (36)", "36", 1},
        {"demuc", "path", "string", "đề mục number (36.3)", "36.3", 1},
        {"page", "query", "integer", "page number from 1", NULL, 0},
        {"per_page", "query", "integer", "articles per page, 1 to 100 (default 50)", NULL, 0},
        {0},
};
static const api_route_param suggest_params[] = {
        {"q", "query", "string", "what was typed so far (at most 200 bytes)", "thanh n", 1},
        {"limit", "query", "integer", "at most this many, 1 to 10 (default 10)", NULL, 0},
        {0},
};
static const api_route_param record_params[] = {
        {"id", "path", "string", "the record's id (as in /v1/documents)", NULL, 1},
        {0},
};
static const api_route_param check_params[] = {
        {"date", "query", "string", "in force on that day (2026-07-01 or 1/7/2026; default today)", NULL, 0},
        {"in", "query", "string", "overlaps among all (default), codified or provisions", NULL, 0},
        {"limit", "query", "integer", "overlaps per article and target, 1 to 50 (default 5)", NULL, 0},
        {"overlaps", "query", "boolean", "0: judge the citations only", NULL, 0},
        {"citations", "query", "boolean", "0: find the overlaps only", NULL, 0},
        {"text", "query", "boolean", "1: the full text of what overlaps", NULL, 0},
        {0},
};
static const api_route_param no_params[] = {{0}};

const api_route api_routes[] = {
        {"GET", "/v1/search", api_search, API_PUBLIC, 1, "search",
         "Search documents, provisions and codified articles (the syntax and results of tracuu search "
         "--json)",
         "SearchResults", search_params},
        {"GET", "/v1/documents/{id+}", api_document, API_PUBLIC, 1, "documents",
         "A record by id: metadata, validity, text, outline and links", "Record", document_params},
        {"GET", "/v1/lookup", api_lookup, API_PUBLIC, 1, "lookup",
         "The record(s) a document number or a citation names; 404 with the nearest candidates when none",
         "Lookup", lookup_params},
        {"GET", "/v1/codification", api_codification, API_PUBLIC, 1, "codification",
         "The chủ đề of the pháp điển with their article counts", "Topics", no_params},
        {"GET", "/v1/codification/{chude}", api_codification_topic, API_PUBLIC, 1, "codification_topic",
         "The đề mục of a chủ đề", "Topic", topic_params},
        {"GET", "/v1/codification/{chude}/{demuc}", api_codification_heading, API_PUBLIC, 1,
         "codification_heading", "The articles of a đề mục under their chapters, paginated", "Heading",
         heading_params},
        {"GET", "/v1/suggest", api_suggest, API_PUBLIC, 1, "suggest",
         "As-you-type suggestions: document numbers, titles, codification headings", "Suggestions",
         suggest_params},
        {"GET", "/v1/listing", api_listing, API_PUBLIC, 1, "listing",
         "A portal's scoped listing of documents, newest first, with an exact count", "Listing",
         api_listing_params},
        {"GET", "/v1/feed.atom", api_feed, API_PUBLIC, 1, "feed",
         "The newest documents of a scope as an Atom 1.0 feed (RFC 4287)", NULL, api_feed_params},
        {"GET", "/v1/changes", api_changes, API_PUBLIC, 0, "changes",
         "Incremental sync: every record added, changed or removed since a time, in order, with a cursor",
         "Changes", api_changes_params},
        {"GET", "/v1/stats", api_stats, API_PUBLIC, 1, "stats",
         "Counts by kind, type and year; index revision and build time", "Stats", no_params},
        {"POST", "/v1/records", api_records_post, API_TOKEN, 0, "records_post",
         "Index records sent as JSONL (the corpus interchange format); the good lines land when some are bad",
         "IngestResult", no_params},
        {"DELETE", "/v1/records/{id+}", api_records_delete, API_TOKEN, 0, "records_delete",
         "Remove a record and its parts", "DeleteResult", record_params},
        {"POST", "/v1/check", api_check, API_PUBLIC, 0, "check",
         "Check a draft (the body: plain text, or one JSONL record; at most 1 MB): each article's citations "
         "judged, and the provisions in force that say the same thing (tracuu check --json)",
         "CheckReport", check_params},
        {"GET", "/healthz", api_healthz, API_PUBLIC, 0, "healthz", "The process is up", "Health", no_params},
        {"GET", "/readyz", api_readyz, API_PUBLIC, 0, "readyz", "The index is open and answers", "Health",
         no_params},
        {"GET", "/metrics", api_metrics_route, API_PUBLIC, 0, "metrics", "Prometheus metrics", NULL,
         no_params},
        {"GET", "/openapi.json", api_openapi_route, API_PUBLIC, 1, "openapi", "This document", NULL,
         no_params},
};
const size_t api_route_count = sizeof api_routes / sizeof api_routes[0];

static const api_route_body route_bodies[] = {
        {"check", TC_CHECK_MAX_BYTES, "text/plain",
         "Điều 1. Thanh niên\nThanh niên là công dân Việt Nam từ đủ 18 tuổi đến 30 tuổi theo khoản 2 Điều 1 "
         "Nghị định 111/2022/NĐ-CP."},
};

static const api_route_body *body_of(const api_route *route)
{
	for (size_t i = 0; i < sizeof route_bodies / sizeof *route_bodies; i++)
		if (!strcmp(route_bodies[i].name, route->name))
			return &route_bodies[i];
	return NULL;
}

/* Match PATH against PATTERN, capturing {x} (one segment) and {x+} (the
 * rest, slashes included) into REQ when REQ is not NULL. */
static int pattern_match(const char *pattern, const char *path, api_request *req)
{
	size_t captures = 0;
	while (*pattern) {
		if (*pattern == '{') {
			const char *close = strchr(pattern, '}');
			int rest = close[-1] == '+';
			size_t n = rest ? strlen(path) : strcspn(path, "/");
			if (n == 0)
				return 0;
			if (req && captures < API_MAX_CAPTURES)
				req->captures[captures] = tc_arena_strndup(req->arena, path, n);
			captures++;
			path += n;
			pattern = close + 1;
		} else if (*pattern++ != *path++) {
			return 0;
		}
	}
	return *path == '\0';
}

int api_route_match(api_request *req, const char *method, const char *path, int *path_known, char *allow,
                    size_t allow_cap)
{
	*path_known = 0;
	allow[0] = '\0';
	int found = -1;
	int is_head = !strcmp(method, "HEAD");
	for (size_t i = 0; i < api_route_count; i++) {
		if (!pattern_match(api_routes[i].pattern, path, NULL))
			continue;
		*path_known = 1;
		size_t used = strlen(allow);
		snprintf(allow + used, allow_cap - used, "%s%s%s", used ? ", " : "", api_routes[i].method,
		         strcmp(api_routes[i].method, "GET") ? "" : ", HEAD");
		if (found < 0 && (!strcmp(api_routes[i].method, method) ||
		                  (is_head && !strcmp(api_routes[i].method, "GET"))))
			found = (int)i;
	}
	if (*path_known) {
		size_t used = strlen(allow);
		snprintf(allow + used, allow_cap - used, ", OPTIONS");
	}
	if (found >= 0 && req)
		pattern_match(api_routes[found].pattern, path, req);
	return found;
}

size_t api_route_body_limit(const char *method, const char *path, size_t limit)
{
	char copy[256];
	size_t n = strcspn(path, "?");
	if (n >= sizeof copy)
		return limit;
	memcpy(copy, path, n);
	copy[n] = '\0';
	for (size_t i = 0; i < api_route_count; i++) {
		const api_route_body *body = body_of(&api_routes[i]);
		if (body && !strcmp(api_routes[i].method, method) &&
		    pattern_match(api_routes[i].pattern, copy, NULL))
			return body->max_body < limit ? body->max_body : limit;
	}
	return limit;
}

/* ---- OpenAPI ---- */

/* The response schemas, by name. Kept small: the fields a client relies
 * on; every object allows more. */
static const char *const schemas_json =
        "{"
        "\"Problem\": {\"type\": \"object\", \"description\": \"RFC 9457 problem details\", \"required\": "
        "[\"type\", \"title\", \"status\", \"detail\"], \"properties\": {\"type\": {\"type\": \"string\"}, "
        "\"title\": {\"type\": \"string\"}, \"status\": {\"type\": \"integer\"}, \"detail\": {\"type\": "
        "\"string\"}, \"parameter\": {\"type\": \"string\", \"description\": \"the parameter at fault\"}, "
        "\"position\": {\"type\": \"integer\", \"description\": \"1-based character of the query where a "
        "syntax error is\"}, \"candidates\": {\"type\": \"array\", \"items\": {\"$ref\": "
        "\"#/components/schemas/Summary\"}}}},"
        "\"Summary\": {\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"string\"}, \"kind\": "
        "{\"type\": \"string\"}, \"doc_number\": {\"type\": \"string\"}, \"title\": {\"type\": \"string\"}, "
        "\"heading\": {\"type\": \"string\"}, \"number\": {\"type\": \"string\"}}},"
        "\"Hit\": {\"allOf\": [{\"$ref\": \"#/components/schemas/Summary\"}], \"properties\": {\"rank\": "
        "{\"type\": \"integer\"}, \"score\": {\"type\": \"number\"}, \"snippet\": {\"type\": \"string\"}, "
        "\"highlights\": {\"type\": \"array\", \"description\": \"byte ranges [start, end) in snippet\", "
        "\"items\": {\"type\": \"array\", \"items\": {\"type\": \"integer\"}}}, \"matched_clause\": "
        "{\"type\": \"string\"}}},"
        "\"SearchResults\": {\"type\": \"object\", \"required\": [\"query\", \"total\", \"hits\"], "
        "\"properties\": {\"query\": {\"type\": \"string\"}, \"target\": {\"type\": \"string\"}, \"total\": "
        "{\"type\": \"integer\"}, \"offset\": {\"type\": \"integer\"}, \"page\": {\"type\": \"integer\"}, "
        "\"per_page\": {\"type\": \"integer\"}, \"hits\": {\"type\": \"array\", \"items\": {\"$ref\": "
        "\"#/components/schemas/Hit\"}}, \"facets\": {\"type\": \"object\", \"additionalProperties\": "
        "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"integer\"}}}, \"recognized\": "
        "{\"type\": \"object\", \"properties\": {\"doc_numbers\": {\"type\": \"array\", \"items\": "
        "{\"type\": "
        "\"string\"}}, \"citations\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}}}}},"
        "\"Record\": {\"type\": \"object\", \"required\": [\"id\", \"kind\"], \"properties\": {\"id\": "
        "{\"type\": \"string\"}, \"kind\": {\"type\": \"string\", \"enum\": [\"document\", \"source\", "
        "\"provision\", \"clause\", \"point\", \"codified\", \"demuc\", \"chude\"]}, \"text\": {\"type\": "
        "\"string\"}, \"validity\": {\"type\": "
        "\"string\"}, \"outline\": {\"type\": \"array\"}, \"codified_from_this\": {\"type\": \"array\"}}},"
        "\"Level\": {\"type\": \"object\", \"properties\": {\"number\": {\"type\": \"string\"}, \"id\": "
        "{\"type\": \"string\"}, \"found\": {\"type\": \"boolean\"}, \"entry\": {\"$ref\": "
        "\"#/components/schemas/Summary\"}}},"
        "\"Lookup\": {\"type\": \"object\", \"required\": [\"matches\", \"resolved\"], \"properties\": "
        "{\"query\": {\"type\": \"string\"}, \"resolved\": {\"type\": [\"string\", \"null\"], \"enum\": "
        "[\"document\", \"article\", \"clause\", \"point\", null]}, \"matches\": {\"type\": \"array\", "
        "\"items\": {\"type\": \"object\", \"properties\": {\"document\": {\"$ref\": "
        "\"#/components/schemas/Summary\"}, \"article\": {\"$ref\": \"#/components/schemas/Level\"}, "
        "\"clause\": {\"$ref\": \"#/components/schemas/Level\"}, \"point\": {\"$ref\": "
        "\"#/components/schemas/Level\"}, \"codified\": {\"type\": \"array\"}}}}}},"
        "\"Topics\": {\"type\": \"object\", \"properties\": {\"topics\": {\"type\": \"array\", \"items\": "
        "{\"type\": \"object\", \"properties\": {\"number\": {\"type\": \"string\"}, \"name\": {\"type\": "
        "\"string\"}, \"articles\": {\"type\": \"integer\"}}}}}},"
        "\"Topic\": {\"type\": \"object\", \"properties\": {\"number\": {\"type\": \"string\"}, \"name\": "
        "{\"type\": \"string\"}, \"headings\": {\"type\": \"array\", \"items\": {\"type\": \"object\", "
        "\"properties\": {\"number\": {\"type\": \"string\"}, \"name\": {\"type\": \"string\"}, \"id\": "
        "{\"type\": \"string\"}, \"articles\": {\"type\": \"integer\"}}}}}},"
        "\"Heading\": {\"type\": \"object\", \"properties\": {\"number\": {\"type\": \"string\"}, \"name\": "
        "{\"type\": \"string\"}, \"total\": {\"type\": \"integer\"}, \"page\": {\"type\": \"integer\"}, "
        "\"per_page\": {\"type\": \"integer\"}, \"chapters\": {\"type\": \"array\", \"items\": {\"type\": "
        "\"object\", \"properties\": {\"chapter\": {\"type\": \"string\"}, \"articles\": {\"type\": "
        "\"array\", \"items\": {\"$ref\": \"#/components/schemas/Summary\"}}}}}}},"
        "\"Suggestions\": {\"type\": \"object\", \"properties\": {\"query\": {\"type\": \"string\"}, "
        "\"suggestions\": {\"type\": \"array\", \"maxItems\": 10, \"items\": {\"type\": \"object\", "
        "\"properties\": {\"text\": {\"type\": \"string\"}, \"kind\": {\"type\": \"string\"}, \"id\": "
        "{\"type\": \"string\"}}}}}},"
        "\"Stats\": {\"type\": \"object\", \"properties\": {\"records\": {\"type\": \"object\"}, "
        "\"entries\": "
        "{\"type\": \"object\"}, \"types\": {\"type\": \"object\"}, \"years\": {\"type\": \"object\"}, "
        "\"revision\": {\"type\": \"string\"}, \"built\": {\"type\": \"string\"}}},"
        "\"IngestResult\": {\"type\": \"object\", \"description\": \"records: lines indexed; added, changed, "
        "unchanged: entries (documents and their articles, codified articles) as tracuu index counts them; "
        "rejected: "
        "lines skipped, each in errors\", \"properties\": {\"records\": {\"type\": \"integer\"}, "
        "\"added\": {\"type\": \"integer\"}, "
        "\"changed\": {\"type\": \"integer\"}, \"unchanged\": {\"type\": \"integer\"}, \"rejected\": "
        "{\"type\": \"integer\"}, \"errors\": {\"type\": \"array\", \"items\": {\"type\": \"object\", "
        "\"properties\": {\"line\": {\"type\": \"integer\"}, \"id\": {\"type\": \"string\"}, \"error\": "
        "{\"type\": \"string\"}}}}}},"
        "\"DeleteResult\": {\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"string\"}, "
        "\"removed_entries\": {\"type\": \"integer\"}}},"
        "\"Health\": {\"type\": \"object\", \"properties\": {\"status\": {\"type\": \"string\"}}},"
        "\"Citation\": {\"type\": \"object\", \"properties\": {\"text\": {\"type\": \"string\"}, \"start\": "
        "{\"type\": \"integer\"}, \"end\": {\"type\": \"integer\"}, \"scope\": {\"type\": \"string\", "
        "\"enum\": "
        "[\"external\", \"internal\", \"bare\", \"context\"]}, \"verdict\": {\"type\": \"string\", \"enum\": "
        "[\"found\", \"no-document\", \"no-provision\", \"not-in-force\", \"repealed\", \"amended\", "
        "\"mismatch\", \"ambiguous\", \"unverified\", \"not-checked\"]}, \"findings\": {\"type\": \"array\", "
        "\"items\": {\"type\": \"object\", \"properties\": {\"kind\": {\"type\": \"string\"}, \"detail\": "
        "{\"type\": \"string\"}}}}, \"resolved\": {\"type\": \"object\"}}},"
        "\"Overlap\": {\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"string\"}, \"kind\": "
        "{\"type\": \"string\"}, \"similarity\": {\"type\": \"number\"}, \"draft_share\": {\"type\": "
        "\"number\"}, \"other_share\": {\"type\": \"number\"}, \"passages\": {\"type\": \"array\", "
        "\"description\": \"byte ranges [start, end) of the article's text and of the other's\"}, "
        "\"number_differences\": {\"type\": \"array\"}}},"
        "\"CheckReport\": {\"type\": \"object\", \"required\": [\"draft\", \"summary\", \"articles\"], "
        "\"properties\": {\"draft\": {\"type\": \"object\"}, \"date\": {\"type\": \"string\"}, \"in\": "
        "{\"type\": \"string\"}, \"summary\": {\"type\": \"object\"}, \"articles\": {\"type\": \"array\", "
        "\"items\": {\"type\": \"object\", \"properties\": {\"number\": {\"type\": \"string\"}, \"heading\": "
        "{\"type\": \"string\"}, \"text\": {\"type\": \"string\"}, \"citations\": {\"type\": \"array\", "
        "\"items\": {\"$ref\": \"#/components/schemas/Citation\"}}, \"overlaps\": {\"type\": \"array\", "
        "\"items\": {\"$ref\": \"#/components/schemas/Overlap\"}}}}}}}"
        "}";

static json_t *problem_response(const char *description)
{
	return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", description, "content",
	                 "application/problem+json", "schema", "$ref", "#/components/schemas/Problem");
}

json_t *api_openapi(void)
{
	json_error_t jerr;
	json_t *schemas = json_loads(schemas_json, 0, &jerr);
	if (!schemas || api_portal_schemas(schemas) < 0) {
		json_decref(schemas);
		return NULL;
	}
	json_t *paths = json_object();
	for (size_t i = 0; i < api_route_count; i++) {
		const api_route *r = &api_routes[i];
		/* "{id+}" is written "{id}" in OpenAPI */
		char path[128];
		size_t n = 0;
		for (const char *p = r->pattern; *p && n + 1 < sizeof path; p++)
			if (*p != '+')
				path[n++] = *p;
		path[n] = '\0';
		json_t *item = json_object_get(paths, path);
		if (!item) {
			item = json_object();
			json_object_set_new(paths, path, item);
		}
		json_t *params = json_array();
		for (const api_route_param *p = r->params; p && p->name; p++) {
			json_t *param = json_pack("{s:s, s:s, s:s, s:b, s:{s:s}}", "name", p->name, "in",
			                          p->in, "description", p->description, "required",
			                          p->required, "schema", "type", p->type);
			if (p->example)
				json_object_set_new(param, "example", json_string(p->example));
			json_array_append_new(params, param);
		}
		json_t *ok = json_pack("{s:s}", "description", "success");
		const char *type = !strcmp(r->name, "metrics") ? "text/plain"
		                   : !strcmp(r->name, "feed")  ? "application/atom+xml"
		                                               : "application/json";
		json_t *schema = r->schema ? json_pack("{s:s}", "$ref", "") : json_pack("{s:s}", "type", "object");
		if (r->schema) {
			char ref[96];
			snprintf(ref, sizeof ref, "#/components/schemas/%s", r->schema);
			json_object_set_new(schema, "$ref", json_string(ref));
		}
		if (strcmp(type, "application/json"))
			json_object_set_new(schema, "type", json_string("string"));
		json_object_set_new(ok, "content", json_pack("{s:{s:o}}", type, "schema", schema));
		json_t *responses = json_pack("{s:o}", r->auth ? "200" : "200", ok);
		json_object_set_new(responses, "400",
		                    problem_response("a parameter is not valid or over a limit"));
		if (strchr(r->pattern, '{') || !strcmp(r->name, "lookup"))
			json_object_set_new(responses, "404", problem_response("not found"));
		if (r->cacheable)
			json_object_set_new(
			        responses, "304",
			        json_pack("{s:s}", "description", "not modified (If-None-Match)"));
		if (r->auth) {
			json_object_set_new(responses, "401", problem_response("no or wrong bearer token"));
			json_object_set_new(responses, "403",
			                    problem_response("writes are disabled (no token configured)"));
			json_object_set_new(responses, "409",
			                    problem_response("another write is in progress"));
		}
		if (!strcmp(r->method, "POST"))
			json_object_set_new(responses, "413", problem_response("the body is too large"));
		json_t *op = json_pack("{s:s, s:s, s:o, s:o}", "operationId", r->name, "summary", r->summary,
		                       "parameters", params, "responses", responses);
		if (r->auth)
			json_object_set_new(op, "security", json_pack("[{s:[]}]", "bearer"));
		if (!strcmp(r->method, "POST")) {
			const api_route_body *body = body_of(r);
			json_t *media = json_pack("{s:{s:s}}", "schema", "type", "string");
			if (body) {
				json_object_set_new(media, "example", json_string(body->example));
				json_object_set_new(
				        json_object_get(media, "schema"), "description",
				        json_sprintf("at most %zu bytes (413 past it)", body->max_body));
			}
			json_object_set_new(op, "requestBody",
			                    json_pack("{s:b, s:{s:o}}", "required", 1, "content",
			                              body ? body->type : "application/x-ndjson", media));
		}
		char method[16];
		size_t m = 0;
		for (const char *p = r->method; *p && m + 1 < sizeof method; p++)
			method[m++] = (char)(*p - 'A' + 'a');
		method[m] = '\0';
		json_object_set_new(item, method, op);
	}
	return json_pack(
	        "{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:o, s:{s:{s:s, s:s}}}}", "openapi", "3.1.0", "info",
	        "title", "tracuu", "version", "1", "description",
	        "Full-text search for Vietnamese law: documents, provisions and the codification (pháp điển)",
	        "paths", paths, "components", "schemas", schemas, "securitySchemes", "bearer", "type", "http",
	        "scheme", "bearer");
}
