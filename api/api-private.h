/* api-private.h - the daemon's pieces. Only http.c knows HTTP's wire
 * (libmicrohttpd); everything else works on api_request and api_response. */
#ifndef TC_API_PRIVATE_H
#define TC_API_PRIVATE_H

#include <pthread.h>
#include <stdatomic.h>

#include <jansson.h>

#include "api.h"
#include "query.h"

/* Limits on the parts of a request (the options hold the rest). */
#define API_MAX_PARAMS      32  /* query parameters */
#define API_MAX_PARAM_BYTES 256 /* a parameter's value (q: TC_QUERY_MAX_BYTES) */
#define API_MAX_PER_PAGE    100 /* per_page, limit */
#define API_MAX_CAPTURES    2   /* {name} parts of a route's path */

/* ---- requests and responses (request.c) ---- */

typedef struct api_param {
	char *name;
	char *value; /* percent-decoded, valid UTF-8, no control characters */
} api_param;

typedef struct api_worker api_worker;

typedef struct api_request {
	const char *method;
	char *path;         /* percent-decoded */
	const char *target; /* as received: path and query string */
	api_param params[API_MAX_PARAMS];
	size_t param_count;
	const char *captures[API_MAX_CAPTURES];
	const char *body;
	size_t body_len;
	const char *if_none_match;
	const char *authorization;
	char request_id[40];
	tc_arena *arena; /* everything of the request */
	struct tc_api *api;
	api_worker *worker;
	int route; /* index in the route table, -1 none */
} api_request;

typedef struct api_response {
	int status;
	json_t *json; /* the body as JSON (problem or result) */
	char *text;   /* or a text body (tc_free'd), with content_type */
	size_t text_len;
	const char *content_type; /* NULL: JSON (problem+json when status >= 400) */
	int file_fd;              /* or a static file (-1: none) */
	uint64_t file_size;
	const char *cache_control;
	char etag[96];
	char allow[64];  /* 405 and OPTIONS */
	int cors;        /* Access-Control-Allow-Origin: * */
	int challenge;   /* WWW-Authenticate: Bearer */
	int retry_after; /* seconds, 0: none */
} api_response;

/* Split TARGET ("/v1/search?q=...") into REQ's path and parameters:
 * percent-decoding ('+' is a space in the query string), UTF-8 and control
 * characters checked, limits applied. On failure fills RES with the
 * problem (400 or 414) and returns -1. */
int api_request_parse(api_request *req, const char *target, size_t max_target, api_response *res);
/* The value of parameter NAME, or NULL. */
const char *api_param_get(const api_request *req, const char *name);

/* Fill RES with an RFC 9457 problem: TYPE is a slug ("syntax-error"),
 * DETAIL printf-style. Returns 0. */
int api_problem(api_response *res, int status, const char *type, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* Fill RES with the problem for an engine error (status from ERR's code;
 * a syntax error's "character N" becomes "position"). */
int api_problem_from_error(api_response *res, const tc_error *err, const char *parameter);
/* The HTTP status for an engine status. */
int api_status_for(tc_status status);
/* Whether S is valid UTF-8 without control characters (LEN bytes). */
int api_text_ok(const char *s, size_t len);

/* ---- routes (routes.c) ---- */

typedef tc_status (*api_handler)(api_request *req, api_response *res, tc_error *err);

typedef struct api_route_param {
	const char *name;
	const char *in;   /* "query" or "path" */
	const char *type; /* "string", "integer", "boolean" */
	const char *description;
	const char *example; /* a value that answers (the OpenAPI test calls it) */
	int required;
} api_route_param;

enum { API_PUBLIC = 0, API_TOKEN = 1 };

typedef struct api_route {
	const char *method;  /* "GET", "POST", "DELETE" (GET answers HEAD too) */
	const char *pattern; /* "/v1/documents/{id+}": {x} one segment, {x+} the rest */
	api_handler handler;
	int auth;         /* API_TOKEN: the bearer token */
	int cacheable;    /* ETag, 304, Cache-Control public */
	const char *name; /* metrics label */
	const char *summary;
	const char *schema; /* the 200 response's schema (components) */
	const api_route_param *params;
} api_route;

/* What a POST route takes as its body, when not JSONL up to the server's
 * max_body_bytes. */
typedef struct api_route_body {
	const char *name;     /* the route's */
	size_t max_body;      /* the body's limit (at most the server's) */
	const char *type;     /* its media type, for OpenAPI */
	const char *example;  /* a body that answers (the OpenAPI test sends it) */
} api_route_body;

extern const api_route api_routes[];
extern const size_t api_route_count;

/* The route for METHOD and PATH (captures into REQ): its index, or -1 with
 * *PATH_KNOWN set when another method has that path (405), and ALLOW the
 * methods it has. */
int api_route_match(api_request *req, const char *method, const char *path, int *path_known, char *allow,
                    size_t allow_cap);
/* The body limit of a request METHOD PATH (PATH as received, the query
 * string ignored): its route's max_body when it has one, else LIMIT. */
size_t api_route_body_limit(const char *method, const char *path, size_t limit);
/* The OpenAPI 3.1 document generated from the route table. */
json_t *api_openapi(void);

/* ---- the server's state shared by the handlers (dispatch.c) ---- */

typedef struct api_metrics api_metrics;

struct api_worker {
	tc_searcher *searcher;
	uint64_t last_check_ms; /* the last look for a newer index state */
	uint64_t generation;    /* api->generation when it last looked */
	uint64_t revision[TC_DB_COUNT];
	char revision_text[64];
	int claimed;
};

typedef struct tc_api {
	tc_api_options options;
	char *db;
	char *web_root; /* realpath of web_dir */
	char *token;    /* NULL: writes disabled */
	size_t token_len;
	api_worker *workers;
	size_t worker_count;
	pthread_mutex_t workers_lock;
	pthread_key_t worker_key;
	/* one write at a time: who holds it (under holder_lock, write.c) */
	pthread_mutex_t write_lock;
	pthread_mutex_t holder_lock;
	char write_holder[96];
	atomic_uint_fast64_t request_counter;
	atomic_int in_flight;
	atomic_int connections;
	atomic_uint_fast64_t reopens;
	atomic_uint_fast64_t generation; /* bumped by each write through the daemon */
	uint64_t start_ms;
	api_metrics *metrics;
	json_t *openapi; /* generated once */
	void *http;      /* http.c's daemon */
	void *queue;     /* http.c's requests waiting for a worker thread */
} tc_api;

/* The route of REQ (parsed), its captures, and a check that it takes
 * each parameter given: 0, or -1 with REQ->route -1 (no route; *PATH_KNOWN
 * when another method has the path) or with RES holding the problem. */
int api_route_request(api_request *req, api_response *res, int *path_known);
/* Handle REQ (parsed) into RES: routing, method, token, ETag/304, the
 * handler with a reopen-and-retry when the index changed under it, and the
 * problem for an error. */
void api_dispatch(api_request *req, api_response *res);
/* The calling thread's worker (claimed on first use), reopened when the
 * index moved on; NULL when none is left. */
api_worker *api_worker_get(tc_api *api);
/* Milliseconds on a monotonic clock. */
uint64_t api_now_ms(void);
void api_response_init(api_response *res);
void api_response_clear(api_response *res);

/* ---- handlers (handlers.c, write.c, static.c) ---- */

tc_status api_search(api_request *req, api_response *res, tc_error *err);
tc_status api_document(api_request *req, api_response *res, tc_error *err);
tc_status api_lookup(api_request *req, api_response *res, tc_error *err);
tc_status api_codification(api_request *req, api_response *res, tc_error *err);
tc_status api_codification_topic(api_request *req, api_response *res, tc_error *err);
tc_status api_codification_heading(api_request *req, api_response *res, tc_error *err);
tc_status api_suggest(api_request *req, api_response *res, tc_error *err);
tc_status api_stats(api_request *req, api_response *res, tc_error *err);
tc_status api_healthz(api_request *req, api_response *res, tc_error *err);
tc_status api_readyz(api_request *req, api_response *res, tc_error *err);
tc_status api_openapi_route(api_request *req, api_response *res, tc_error *err);
tc_status api_metrics_route(api_request *req, api_response *res, tc_error *err);
tc_status api_records_post(api_request *req, api_response *res, tc_error *err);
tc_status api_records_delete(api_request *req, api_response *res, tc_error *err);
tc_status api_check(api_request *req, api_response *res, tc_error *err);
/* The portal kit (portal.c): /v1/listing, /v1/feed.atom, /v1/changes. */
tc_status api_listing(api_request *req, api_response *res, tc_error *err);
tc_status api_feed(api_request *req, api_response *res, tc_error *err);
tc_status api_changes(api_request *req, api_response *res, tc_error *err);
extern const api_route_param api_listing_params[], api_feed_params[], api_changes_params[];
/* Add the portal routes' response schemas to SCHEMAS (OpenAPI components). */
int api_portal_schemas(json_t *schemas);
/* page and per_page of REQ into OFFSET and LIMIT within the first WINDOW
 * results; -1 with *BAD naming the parameter and ERR filled. */
int api_page_params(const api_request *req, uint32_t default_per_page, uint32_t window, uint32_t *offset,
                    uint32_t *limit, const char **bad, tc_error *err);
/* A static file of the web folder for REQ's path, or 404. */
void api_static(api_request *req, api_response *res);
/* Whether AUTHORIZATION ("Bearer X") carries the token, compared in
 * constant time. */
int api_token_ok(const tc_api *api, const char *authorization);

/* ---- metrics (metrics.c) ---- */

api_metrics *api_metrics_new(size_t route_count);
void api_metrics_free(api_metrics *metrics);
/* Count one request of ROUTE (-1: none matched) with STATUS taking MICROS. */
void api_metrics_count(api_metrics *metrics, int route, int status, uint64_t micros);
/* The Prometheus text exposition into OUT. */
int api_metrics_text(tc_api *api, api_worker *worker, tc_buf *out);

#endif
