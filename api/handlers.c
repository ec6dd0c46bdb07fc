/* handlers.c - the read routes: parameters into engine calls (query.h),
 * results into JSON. A handler fills RES and returns TC_OK (a problem it
 * found itself included), or returns the engine's error for api_dispatch
 * to answer (and to retry when the index moved under it). */
#include <string.h>

#include "api-private.h"

/* A problem for parameter NAME from ERR (params.c's message); TC_OK: RES
 * holds the answer. */
static tc_status bad_param(api_response *res, const tc_error *err, const char *name)
{
	api_problem_from_error(res, err, name);
	return TC_OK;
}

static tc_status set_json(api_response *res, json_t *json)
{
	res->status = 200;
	res->json = json;
	return TC_OK;
}

/* "1"/"true" or "0"/"false"; absent: 0. -1 when anything else. */
static int flag_param(const api_request *req, const char *name, tc_error *err)
{
	const char *v = api_param_get(req, name);
	if (!v || !strcmp(v, "0") || !strcmp(v, "false"))
		return 0;
	if (!strcmp(v, "1") || !strcmp(v, "true") || !*v)
		return 1;
	tc_error_set(err, TC_ERR_INPUT, "%s: give 1 or 0 (true or false)", name);
	return -1;
}

/* page and per_page into OFFSET and LIMIT, within the result window. */
static int page_params(const api_request *req, uint32_t default_per_page, uint32_t *offset, uint32_t *limit,
                       const char **bad, tc_error *err)
{
	uint64_t page = 1, per_page = default_per_page;
	const char *v;
	if ((v = api_param_get(req, "page")) &&
	    tc_param_uint("page", v, 1, TC_QUERY_MAX_WINDOW, &page, err) != TC_OK)
		return *bad = "page", -1;
	if ((v = api_param_get(req, "per_page")) &&
	    tc_param_uint("per_page", v, 1, API_MAX_PER_PAGE, &per_page, err) != TC_OK)
		return *bad = "per_page", -1;
	if ((page - 1) * per_page + per_page > TC_QUERY_MAX_WINDOW) {
		tc_error_set(
		        err, TC_ERR_LIMIT,
		        "page %llu of %llu is past the result window: only the first %d results are served",
		        (unsigned long long)page, (unsigned long long)per_page, TC_QUERY_MAX_WINDOW);
		return *bad = "page", -1;
	}
	*offset = (uint32_t)((page - 1) * per_page);
	*limit = (uint32_t)per_page;
	return 0;
}

tc_status api_search(api_request *req, api_response *res, tc_error *err)
{
	tc_search_options options;
	tc_search_options_default(&options);
	options.snippets = 1;
	const char *q = api_param_get(req, "q"), *v, *bad = NULL;
	if ((v = api_param_get(req, "in")) && tc_param_target("in", v, &options.target, err) != TC_OK)
		return bad_param(res, err, "in");
	if ((v = api_param_get(req, "sort")) && tc_param_sort("sort", v, &options.sort, err) != TC_OK)
		return bad_param(res, err, "sort");
	if (page_params(req, 10, &options.offset, &options.limit, &bad, err) < 0)
		return bad_param(res, err, bad);
	if ((options.facets = flag_param(req, "facets", err)) < 0)
		return bad_param(res, err, "facets");
	if ((options.text = flag_param(req, "text", err)) < 0)
		return bad_param(res, err, "text");
	tc_buf filter = {0};
	for (size_t i = 0; i < req->param_count; i++) {
		if (!tc_search_filter_known(req->params[i].name))
			continue;
		if (tc_search_filter_add(&filter, req->params[i].name, req->params[i].value, err) != TC_OK) {
			tc_buf_free(&filter);
			return bad_param(res, err, req->params[i].name);
		}
	}
	if ((!q || !*q) && !filter.len) {
		tc_buf_free(&filter);
		api_problem(res, 400, "bad-parameter",
		            "give a query (q) or a filter (type, issuer, year, ...)");
		json_object_set_new(res->json, "parameter", json_string("q"));
		return TC_OK;
	}
	options.filter = filter.len ? filter.data : NULL;
	json_t *results = NULL;
	tc_status st = tc_search(req->worker->searcher, q ? q : "", &options, &results, err);
	tc_buf_free(&filter);
	if (st == TC_ERR_INPUT || st == TC_ERR_LIMIT)
		return bad_param(res, err, "q");
	if (st != TC_OK)
		return st;
	json_object_set_new(results, "page", json_integer(options.offset / options.limit + 1));
	json_object_set_new(results, "per_page", json_integer(options.limit));
	return set_json(res, results);
}

tc_status api_document(api_request *req, api_response *res, tc_error *err)
{
	json_t *record = NULL;
	tc_status st = tc_get(req->worker->searcher, req->captures[0], &record, err);
	if (st == TC_ERR_NOT_FOUND)
		return bad_param(res, err, "id");
	if (st != TC_OK)
		return st;
	return set_json(res, record);
}

tc_status api_lookup(api_request *req, api_response *res, tc_error *err)
{
	const char *number = api_param_get(req, "number"), *cite = api_param_get(req, "cite");
	if (!number == !cite) {
		tc_error_set(err, TC_ERR_INPUT,
		             "give one of number= (a document number) or cite= (a citation)");
		return bad_param(res, err, number ? "cite" : "number");
	}
	json_t *result = NULL;
	tc_status st = tc_lookup(req->worker->searcher, number ? number : cite, &result, err);
	if (st == TC_ERR_INPUT || st == TC_ERR_LIMIT)
		return bad_param(res, err, number ? "number" : "cite");
	if (st != TC_OK)
		return st;
	if (!json_array_size(json_object_get(result, "matches"))) {
		api_problem(res, 404, "not-found",
		            "no indexed document is named by '%s'; the nearest are listed",
		            number ? number : cite);
		json_object_set(res->json, "candidates", json_object_get(result, "candidates"));
		json_object_set(res->json, "recognized", json_object_get(result, "recognized"));
		json_decref(result);
		return TC_OK;
	}
	return set_json(res, result);
}

tc_status api_codification(api_request *req, api_response *res, tc_error *err)
{
	json_t *result = NULL;
	tc_status st = tc_codification_topics(req->worker->searcher, &result, err);
	return st == TC_OK ? set_json(res, result) : st;
}

tc_status api_codification_topic(api_request *req, api_response *res, tc_error *err)
{
	json_t *result = NULL;
	tc_status st = tc_codification_topic(req->worker->searcher, req->captures[0], &result, err);
	if (st == TC_ERR_INPUT || st == TC_ERR_NOT_FOUND)
		return bad_param(res, err, "chude");
	return st == TC_OK ? set_json(res, result) : st;
}

tc_status api_codification_heading(api_request *req, api_response *res, tc_error *err)
{
	const char *chude = req->captures[0], *demuc = req->captures[1], *bad = NULL;
	size_t n = strlen(chude);
	if (strncmp(demuc, chude, n) || demuc[n] != '.') {
		tc_error_set(err, TC_ERR_NOT_FOUND,
		             "đề mục '%.40s' is not in chủ đề '%.40s' (đề mục 36.3 is in chủ đề 36)", demuc,
		             chude);
		return bad_param(res, err, "demuc");
	}
	uint32_t offset = 0, limit = 0;
	if (page_params(req, 50, &offset, &limit, &bad, err) < 0)
		return bad_param(res, err, bad);
	json_t *result = NULL;
	tc_status st = tc_codification_heading(req->worker->searcher, demuc, offset, limit, &result, err);
	if (st == TC_ERR_INPUT || st == TC_ERR_NOT_FOUND)
		return bad_param(res, err, "demuc");
	if (st != TC_OK)
		return st;
	json_object_del(result, "offset");
	json_object_del(result, "limit");
	json_object_set_new(result, "page", json_integer(offset / limit + 1));
	json_object_set_new(result, "per_page", json_integer(limit));
	return set_json(res, result);
}

tc_status api_suggest(api_request *req, api_response *res, tc_error *err)
{
	const char *q = api_param_get(req, "q"), *v;
	uint64_t limit = TC_SUGGEST_MAX;
	if ((v = api_param_get(req, "limit")) &&
	    tc_param_uint("limit", v, 1, TC_SUGGEST_MAX, &limit, err) != TC_OK)
		return bad_param(res, err, "limit");
	if (!q || !*q) {
		tc_error_set(err, TC_ERR_INPUT,
		             "q: give the first letters of a number, a title or a heading");
		return bad_param(res, err, "q");
	}
	json_t *result = NULL;
	tc_status st = tc_suggest(req->worker->searcher, q, (size_t)limit, &result, err);
	if (st == TC_ERR_INPUT || st == TC_ERR_LIMIT)
		return bad_param(res, err, "q");
	return st == TC_OK ? set_json(res, result) : st;
}

tc_status api_stats(api_request *req, api_response *res, tc_error *err)
{
	json_t *result = NULL;
	tc_status st = tc_stats(req->worker->searcher, &result, err);
	return st == TC_OK ? set_json(res, result) : st;
}

tc_status api_healthz(api_request *req, api_response *res, tc_error *err)
{
	(void)req;
	(void)err;
	return set_json(res, json_pack("{s:s}", "status", "ok"));
}

tc_status api_readyz(api_request *req, api_response *res, tc_error *err)
{
	uint64_t revision[TC_DB_COUNT];
	tc_status st = tc_searcher_revision(req->worker->searcher, revision, err);
	if (st != TC_OK)
		return st;
	return set_json(res,
	                json_pack("{s:s, s:s}", "status", "ready", "revision", req->worker->revision_text));
}

tc_status api_openapi_route(api_request *req, api_response *res, tc_error *err)
{
	(void)err;
	return set_json(res, json_incref(req->api->openapi));
}

tc_status api_metrics_route(api_request *req, api_response *res, tc_error *err)
{
	tc_buf text = {0};
	if (api_metrics_text(req->api, req->worker, &text) < 0) {
		tc_buf_free(&text);
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	}
	res->status = 200;
	res->text_len = text.len;
	res->text = tc_buf_steal(&text);
	res->content_type = "text/plain; version=0.0.4; charset=utf-8";
	return TC_OK;
}
