/* api.h - the query daemon: the index served as a JSON API over HTTP
 * (DESIGN.md "Daemon"; README.md "The API" lists the routes).
 *
 * A server owns a pool of worker threads (libmicrohttpd's, with epoll),
 * each with its own searcher (query.h: a searcher is not thread-safe).
 * Read routes are public; write routes need the bearer token of
 * TOKEN_FILE. Each worker picks up a newly committed index state within
 * TC_API_REOPEN_MS, and a query that meets a state changed under it is
 * retried on the new one. */
#ifndef TC_API_H
#define TC_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How often a worker looks for a newer committed index state. */
#define TC_API_REOPEN_MS 200

typedef struct tc_api_options {
	const char *db;         /* the index directory (required) */
	const char *host;       /* address to listen on: "127.0.0.1" (default), "::1", "0.0.0.0" */
	unsigned port;          /* 0: any free port (tc_api_port tells which); default 8080 */
	unsigned threads;       /* worker threads; 0: the number of cores */
	const char *token_file; /* the write token (one line); NULL: writes disabled (403) */
	const char *web_dir;    /* static files served under / (NULL: none) */
	FILE *access_log;       /* one JSON line per request; NULL: none */
	/* Limits: each over-limit request gets a 4xx that names the limit. */
	unsigned max_connections;  /* open connections (default 512) */
	unsigned timeout_seconds;  /* an idle or stalled connection is closed (default 15) */
	size_t max_url_bytes;      /* request target (default 8192): 414 past it */
	size_t max_body_bytes;     /* POST body (default 64 MB): 413 past it */
	unsigned shutdown_seconds; /* tc_api_stop waits this long for requests in flight (default 10) */
} tc_api_options;

void tc_api_options_default(tc_api_options *options);

typedef struct tc_api tc_api;

/* Open the index (one searcher per worker), read the token, and start
 * listening. TC_ERR_NOT_FOUND / TC_ERR_VERSION for the index as
 * tc_searcher_open says, TC_ERR_IO when the token file cannot be read or the
 * address cannot be bound (the message names it), TC_ERR_INPUT for bad
 * options. */
tc_status tc_api_start(const tc_api_options *options, tc_api **api, tc_error *err);

/* The port the server listens on (useful with port 0), and its number of
 * worker threads (the cores when none was asked). */
unsigned tc_api_port(const tc_api *api);
unsigned tc_api_threads(const tc_api *api);

/* Stop gracefully: stop accepting connections, let the requests in flight
 * finish (up to shutdown_seconds), close everything and free API. Returns
 * TC_ERR_LIMIT when requests were still running at the bound (they are cut
 * off). Call from one thread, once. */
tc_status tc_api_stop(tc_api *api, tc_error *err);

#ifdef __cplusplus
}
#endif

#endif
