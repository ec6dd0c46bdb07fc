/* http.c - the one file that speaks HTTP: libmicrohttpd with its thread
 * pool on epoll for the connections, and a pool of worker threads (each
 * with its own searcher) that answer the requests: a request is queued and
 * its connection suspended until a worker has its answer. (libmicrohttpd
 * pins each connection to the pool thread that accepted it, and one thread
 * often accepts a whole burst: answering in its threads left the others
 * idle under load, measured.) The raw request target (through the URI log callback,
 * before libmicrohttpd decodes it) and headers into an api_request; an
 * api_response into status, headers (ETag, Cache-Control, CORS, Allow,
 * WWW-Authenticate, X-Request-Id), a gzip body when asked; the access log
 * and the metrics; start, graceful stop. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <zlib.h>

#include "api-private.h"

/* Bodies smaller than this are sent as they are: gzip's header and the
 * CPU would cost more than the bytes saved. */
#define GZIP_MIN_BYTES 512

/* One TCP connection; its requests come one after another. */
typedef struct http_conn {
	tc_api *api;
	tc_buf target; /* the raw request target of the current request */
	tc_buf body;
	int body_too_large;
	size_t body_limit; /* the request's: its route's, or the server's */
	int started;       /* the access handler has seen this request */
	int counted;       /* counted in api->in_flight: a request is (or may be) on its way */
	int over_limit;    /* opened past max_connections: its request gets 503 */
	uint64_t start_us;
	tc_arena *arena;
	/* the request being answered by a worker, while the connection is
	 * suspended */
	struct MHD_Connection *connection;
	api_request req;
	api_response res;
	int queued, answered;
	struct http_conn *next; /* in the queue */
} http_conn;

/* Requests waiting for a worker thread, first come first served. */
typedef struct job_queue {
	pthread_mutex_t lock;
	pthread_cond_t ready;
	http_conn *head, *tail;
	int stopping;
	pthread_t *threads;
	size_t thread_count;
} job_queue;

static void queue_push(job_queue *q, http_conn *conn)
{
	pthread_mutex_lock(&q->lock);
	conn->next = NULL;
	if (q->tail)
		q->tail->next = conn;
	else
		q->head = conn;
	q->tail = conn;
	pthread_cond_signal(&q->ready);
	pthread_mutex_unlock(&q->lock);
}

/* The next request, or NULL when stopping and nothing is left. */
static http_conn *queue_pop(job_queue *q)
{
	pthread_mutex_lock(&q->lock);
	while (!q->head && !q->stopping)
		pthread_cond_wait(&q->ready, &q->lock);
	http_conn *conn = q->head;
	if (conn) {
		q->head = conn->next;
		if (!q->head)
			q->tail = NULL;
	}
	pthread_mutex_unlock(&q->lock);
	return conn;
}

/* A worker thread: parse, dispatch (api_worker_get gives it its own
 * searcher on first use), then hand the connection back. */
static void *worker_main(void *arg)
{
	tc_api *api = arg;
	http_conn *conn;
	while ((conn = queue_pop(api->queue))) {
		if (api_request_parse(&conn->req, conn->target.data ? conn->target.data : "/",
		                      api->options.max_url_bytes, &conn->res) == 0) {
			if (!conn->req.path)
				conn->req.path = "/";
			api_dispatch(&conn->req, &conn->res);
		}
		conn->answered = 1;
		MHD_resume_connection(conn->connection);
	}
	return NULL;
}

static uint64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static void on_connection(void *cls, struct MHD_Connection *connection, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
	tc_api *api = cls;
	(void)connection;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		http_conn *conn = tc_calloc(1, sizeof *conn);
		/* A new connection counts as in flight until its first request is
		 * answered: a graceful stop waits for what clients already sent. */
		int open = atomic_fetch_add(&api->connections, 1) + 1;
		if (conn) {
			conn->api = api;
			conn->arena = tc_arena_new(16384);
			conn->counted = 1;
			conn->over_limit = open > (int)api->options.max_connections;
			atomic_fetch_add(&api->in_flight, 1);
		}
		*socket_context = conn;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		http_conn *conn = *socket_context;
		if (conn) {
			if (conn->counted)
				atomic_fetch_sub(&api->in_flight, 1);
			tc_buf_free(&conn->target);
			tc_buf_free(&conn->body);
			tc_arena_free(conn->arena);
			tc_free(conn);
		}
		*socket_context = NULL;
		atomic_fetch_sub(&api->connections, 1);
	}
}

/* A request begins: keep its raw target (libmicrohttpd decodes the one it
 * hands the access handler, and drops the query string). */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *connection)
{
	tc_api *api = cls;
	const union MHD_ConnectionInfo *info =
	        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	http_conn *conn = info ? info->socket_context : NULL;
	if (!conn)
		return NULL;
	tc_buf_reset(&conn->target);
	tc_buf_reset(&conn->body);
	tc_arena_reset(conn->arena);
	conn->body_too_large = 0;
	conn->started = 0;
	conn->start_us = now_us();
	/* an over-long target is answered 414, not kept whole */
	size_t len = strlen(uri),
	       keep = len > api->options.max_url_bytes ? api->options.max_url_bytes + 1 : len;
	if (tc_buf_append(&conn->target, uri, keep) < 0)
		return NULL;
	if (keep < len)
		conn->target.len = len; /* remembered for the message; the bytes past it are not */
	if (!conn->counted) {
		conn->counted = 1;
		atomic_fetch_add(&api->in_flight, 1);
	}
	return conn;
}

static void on_completed(void *cls, struct MHD_Connection *connection, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
	tc_api *api = cls;
	http_conn *conn = *con_cls;
	(void)connection;
	(void)code;
	if (conn && conn->counted) {
		conn->counted = 0;
		atomic_fetch_sub(&api->in_flight, 1);
	}
}

static int accepts_gzip(const char *header)
{
	if (!header)
		return 0;
	for (const char *p = strstr(header, "gzip"); p; p = strstr(p + 4, "gzip")) {
		const char *q = p + 4;
		while (*q == ' ')
			q++;
		/* "gzip;q=0" refuses it */
		if (!strncmp(q, ";q=0", 4) &&
		    (q[4] == '\0' || q[4] == ',' ||
		     (q[4] == '.' && strspn(q + 5, "0") > 0 &&
		      (q[5 + strspn(q + 5, "0")] == '\0' || q[5 + strspn(q + 5, "0")] == ','))))
			return 0;
		return 1;
	}
	return 0;
}

/* DATA gzipped into OUT (tc_malloc'd); -1 when zlib fails. */
static int gzip(const char *data, size_t len, char **out, size_t *out_len)
{
	z_stream zs = {0};
	if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	size_t cap = deflateBound(&zs, len) + 32;
	char *buf = tc_malloc(cap);
	if (!buf) {
		deflateEnd(&zs);
		return -1;
	}
	zs.next_in = (Bytef *)data;
	zs.avail_in = (uInt)len;
	zs.next_out = (Bytef *)buf;
	zs.avail_out = (uInt)cap;
	int rc = deflate(&zs, Z_FINISH);
	*out_len = cap - zs.avail_out;
	deflateEnd(&zs);
	if (rc != Z_STREAM_END) {
		tc_free(buf);
		return -1;
	}
	*out = buf;
	return 0;
}

/* The client's X-Request-Id when it is a plain token, else a new one. */
static void request_id(tc_api *api, struct MHD_Connection *connection, char out[40])
{
	const char *given = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "X-Request-Id");
	if (given && *given && strlen(given) < 40 &&
	    strspn(given, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
	            strlen(given)) {
		strcpy(out, given);
		return;
	}
	uint64_t n = atomic_fetch_add(&api->request_counter, 1);
	snprintf(out, 40, "%08llx-%llu", (unsigned long long)(api->start_ms & 0xffffffffULL),
	         (unsigned long long)n);
}

static void access_log(tc_api *api, const api_request *req, int status, size_t bytes, uint64_t micros)
{
	if (!api->options.access_log)
		return;
	char when[40];
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	size_t n = strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(when + n, sizeof when - n, ".%03ldZ", ts.tv_nsec / 1000000);
	/* the path only: query strings may hold what a user would not want
	 * kept, and the token is never part of a line */
	json_t *path = json_string(req->path ? req->path : "");
	if (!path)
		path = json_string("(invalid UTF-8)");
	json_t *line = json_pack("{s:s, s:s, s:s, s:o, s:s?, s:i, s:I, s:I}", "time", when, "id",
	                         req->request_id, "method", req->method, "path", path, "route",
	                         req->route >= 0 ? api_routes[req->route].name : NULL, "status", status,
	                         "bytes", (json_int_t)bytes, "us", (json_int_t)micros);
	char *text = line ? json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	if (text) {
		/* one fprintf per line: stdio's lock keeps lines whole across threads */
		fprintf(api->options.access_log, "%s\n", text);
		fflush(api->options.access_log);
	}
	free(text);
	json_decref(line);
}

static enum MHD_Result respond(http_conn *conn, struct MHD_Connection *connection, api_request *req,
                               api_response *res)
{
	tc_api *api = conn->api;
	struct MHD_Response *response = NULL;
	char *body = NULL, *zipped = NULL;
	size_t body_len = 0;
	int compressible = 0, zipped_ok = 0;
	const char *content_type = res->content_type;
	if (res->file_fd >= 0) {
		response = MHD_create_response_from_fd64(res->file_size, res->file_fd);
		body_len = (size_t)res->file_size;
		if (!response)
			close(res->file_fd);
		res->file_fd = -1;
	} else {
		if (res->status == 304 || res->status == 204) {
			json_decref(res->json);
			res->json = NULL;
		} else if (res->json) {
			body = json_dumps(res->json, JSON_COMPACT | JSON_PRESERVE_ORDER);
			body_len = body ? strlen(body) : 0;
			if (!content_type)
				content_type =
				        res->status >= 400 ? "application/problem+json" : "application/json";
		} else if (res->text) {
			body_len = res->text_len;
		}
		const char *data = body ? body : res->text ? res->text : "";
		compressible = body_len >= GZIP_MIN_BYTES;
		if (compressible &&
		    accepts_gzip(MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
		                                             MHD_HTTP_HEADER_ACCEPT_ENCODING)) &&
		    gzip(data, body_len, &zipped, &body_len) == 0) {
			data = zipped;
			zipped_ok = 1;
		}
		response = MHD_create_response_from_buffer(body_len, (void *)data, MHD_RESPMEM_MUST_COPY);
	}
	free(body);
	tc_free(zipped);
	if (!response)
		return MHD_NO;
	if (content_type)
		MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	if (zipped_ok)
		MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	if (compressible || res->etag[0])
		MHD_add_response_header(response, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
	if (res->cache_control || res->status >= 400)
		MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL,
		                        res->cache_control ? res->cache_control : "no-store");
	if (res->etag[0])
		MHD_add_response_header(response, MHD_HTTP_HEADER_ETAG, res->etag);
	if (res->allow[0])
		MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW, res->allow);
	if (res->cors) {
		MHD_add_response_header(response, "Access-Control-Allow-Origin", "*");
		MHD_add_response_header(response, "Access-Control-Expose-Headers", "ETag, X-Request-Id");
		if (!strcmp(req->method, "OPTIONS")) {
			MHD_add_response_header(response, "Access-Control-Allow-Methods",
			                        "GET, HEAD, OPTIONS");
			MHD_add_response_header(response, "Access-Control-Allow-Headers",
			                        "If-None-Match, X-Request-Id");
			MHD_add_response_header(response, "Access-Control-Max-Age", "86400");
		}
	}
	if (res->challenge)
		MHD_add_response_header(response, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
		                        "Bearer realm=\"tracuu\"");
	if (res->retry_after) {
		char seconds[16];
		snprintf(seconds, sizeof seconds, "%d", res->retry_after);
		MHD_add_response_header(response, MHD_HTTP_HEADER_RETRY_AFTER, seconds);
	}
	if (conn->over_limit || conn->body_too_large)
		MHD_add_response_header(response, MHD_HTTP_HEADER_CONNECTION, "close");
	MHD_add_response_header(response, "X-Request-Id", req->request_id);
	MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
	enum MHD_Result rc = MHD_queue_response(connection, (unsigned)res->status, response);
	MHD_destroy_response(response);
	uint64_t micros = now_us() - conn->start_us;
	access_log(api, req, res->status, body_len, micros);
	api_metrics_count(api->metrics, req->route, res->status, micros);
	return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *connection, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	tc_api *api = cls;
	http_conn *conn = *con_cls;
	(void)version;
	if (!conn)
		return MHD_NO; /* out of memory when the request began */
	int is_post = !strcmp(method, MHD_HTTP_METHOD_POST);
	if (!conn->started) {
		conn->started = 1;
		const char *length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
		                                                 MHD_HTTP_HEADER_CONTENT_LENGTH);
		conn->body_limit = api_route_body_limit(method, conn->target.data ? conn->target.data : url,
		                                        api->options.max_body_bytes);
		if (is_post && length && strtoull(length, NULL, 10) > conn->body_limit) {
			conn->body_too_large = 1; /* answered before the body is read */
			goto answer;
		}
		/* Answered on the next call, once the request (and any body) is
		 * read: an answer queued earlier makes libmicrohttpd close the
		 * connection instead of keeping it alive. */
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!conn->body_too_large) {
			if (conn->body.len + *upload_data_size > conn->body_limit)
				conn->body_too_large = 1;
			else if (tc_buf_append(&conn->body, upload_data, *upload_data_size) < 0)
				return MHD_NO;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
answer:
	if (conn->queued) {
		/* resumed: a worker has the answer */
		if (!conn->answered)
			return MHD_YES;
		enum MHD_Result rc = respond(conn, connection, &conn->req, &conn->res);
		api_response_clear(&conn->res);
		conn->queued = conn->answered = 0;
		return rc;
	}
	memset(&conn->req, 0, sizeof conn->req);
	api_request *req = &conn->req;
	req->method = method;
	req->arena = conn->arena;
	req->api = api;
	req->route = -1;
	api_response_init(&conn->res);
	request_id(api, connection, req->request_id);
	/* header values live as long as the request, suspended or not */
	req->if_none_match =
	        MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
	req->authorization =
	        MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
	req->body = conn->body.data;
	req->body_len = conn->body.len;
	if (conn->over_limit || conn->body_too_large) {
		if (conn->over_limit) {
			api_problem(&conn->res, 503, "unavailable",
			            "too many connections: the limit is %u; try again",
			            api->options.max_connections);
			conn->res.retry_after = 1;
		} else {
			/* the rest of the body is not read: the connection closes
			 * after this answer */
			api_problem(&conn->res, 413, "too-large",
			            "the body is larger than the limit of %zu bytes", conn->body_limit);
		}
		enum MHD_Result rc = respond(conn, connection, req, &conn->res);
		api_response_clear(&conn->res);
		return rc;
	}
	conn->connection = connection;
	conn->queued = 1;
	conn->answered = 0;
	MHD_suspend_connection(connection);
	queue_push(api->queue, conn);
	return MHD_YES;
}

void tc_api_options_default(tc_api_options *o)
{
	memset(o, 0, sizeof *o);
	o->host = "127.0.0.1";
	o->port = 8080;
	o->max_connections = 512;
	o->timeout_seconds = 15;
	o->max_url_bytes = 8192;
	o->max_body_bytes = 64u << 20;
	o->shutdown_seconds = 10;
}

/* Let the workers answer what is queued, then end them. */
static void queue_stop(tc_api *api)
{
	job_queue *q = api->queue;
	if (!q)
		return;
	pthread_mutex_lock(&q->lock);
	q->stopping = 1;
	pthread_cond_broadcast(&q->ready);
	pthread_mutex_unlock(&q->lock);
	for (size_t i = 0; i < q->thread_count; i++)
		pthread_join(q->threads[i], NULL);
	pthread_mutex_destroy(&q->lock);
	pthread_cond_destroy(&q->ready);
	tc_free(q->threads);
	tc_free(q);
	api->queue = NULL;
}

static tc_status queue_start(tc_api *api, unsigned threads, tc_error *err)
{
	job_queue *q = tc_calloc(1, sizeof *q);
	if (!q || !(q->threads = tc_calloc(threads, sizeof *q->threads))) {
		tc_free(q);
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	}
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->ready, NULL);
	api->queue = q;
	for (unsigned i = 0; i < threads; i++) {
		if (pthread_create(&q->threads[i], NULL, worker_main, api) != 0)
			return tc_error_set(err, TC_ERR_INTERNAL, "cannot start worker thread %u of %u",
			                    i + 1, threads);
		q->thread_count++;
	}
	return TC_OK;
}

static void api_free(tc_api *api)
{
	queue_stop(api);
	for (size_t i = 0; api->workers && i < api->worker_count; i++)
		tc_searcher_free(api->workers[i].searcher);
	tc_free(api->workers);
	if (api->token) {
		/* the token leaves no copy behind */
		memset(api->token, 0, api->token_len);
		tc_free(api->token);
	}
	tc_free(api->db);
	free(api->web_root);
	api_metrics_free(api->metrics);
	json_decref(api->openapi);
	pthread_key_delete(api->worker_key);
	pthread_mutex_destroy(&api->workers_lock);
	pthread_mutex_destroy(&api->write_lock);
	pthread_mutex_destroy(&api->holder_lock);
	tc_free(api);
}

static tc_status read_token(tc_api *api, const char *path, tc_error *err)
{
	char *data = NULL;
	size_t len;
	FILE *f = fopen(path, "rb");
	if (!f)
		return tc_error_set(err, TC_ERR_IO, "cannot read the token file '%s': %s", path,
		                    strerror(errno));
	char buf[1024];
	len = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r' || buf[len - 1] == ' '))
		len--;
	if (len < 16 || len == sizeof buf - 1) {
		memset(buf, 0, sizeof buf);
		return tc_error_set(err, TC_ERR_INPUT,
		                    "the token in '%s' must be one line of 16 to 1000 characters (e.g. from "
		                    "'head -c 32 /dev/urandom | base64')",
		                    path);
	}
	data = tc_strndup(buf, len);
	memset(buf, 0, sizeof buf);
	if (!data)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	api->token = data;
	api->token_len = len;
	return TC_OK;
}

tc_status tc_api_start(const tc_api_options *options, tc_api **out, tc_error *err)
{
	*out = NULL;
	if (!options->db)
		return tc_error_set(err, TC_ERR_INPUT, "no index directory given (--db DIR)");
	union {
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
	} addr;
	memset(&addr, 0, sizeof addr);
	int ipv6 = 0;
	const char *host = options->host ? options->host : "127.0.0.1";
	if (options->port > 65535)
		return tc_error_set(err, TC_ERR_INPUT, "port %u is out of range (0 to 65535)", options->port);
	if (inet_pton(AF_INET, host, &addr.v4.sin_addr) == 1) {
		addr.v4.sin_family = AF_INET;
		addr.v4.sin_port = htons((uint16_t)options->port);
	} else if (inet_pton(AF_INET6, host, &addr.v6.sin6_addr) == 1) {
		addr.v6.sin6_family = AF_INET6;
		addr.v6.sin6_port = htons((uint16_t)options->port);
		ipv6 = 1;
	} else {
		return tc_error_set(err, TC_ERR_INPUT,
		                    "'%s' is not an IP address to listen on (e.g. 127.0.0.1 or ::1)", host);
	}
	tc_api *api = tc_calloc(1, sizeof *api);
	if (!api)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	api->options = *options;
	pthread_mutex_init(&api->workers_lock, NULL);
	pthread_mutex_init(&api->write_lock, NULL);
	pthread_mutex_init(&api->holder_lock, NULL);
	pthread_key_create(&api->worker_key, NULL);
	api->start_ms = api_now_ms();
	tc_status st = TC_OK;
	unsigned threads = options->threads;
	if (!threads) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cores > 0 ? (unsigned)cores : 2;
	}
	api->options.threads = threads;
	if (!(api->db = tc_strdup(options->db)))
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	if (st == TC_OK && options->web_dir && !(api->web_root = realpath(options->web_dir, NULL)))
		st = tc_error_set(err, TC_ERR_NOT_FOUND, "the web folder '%s' cannot be opened: %s",
		                  options->web_dir, strerror(errno));
	if (st == TC_OK && options->token_file)
		st = read_token(api, options->token_file, err);
	/* one searcher per pool thread, opened now so that a bad index stops
	 * the start and the first requests pay nothing */
	api->worker_count = threads;
	if (st == TC_OK && !(api->workers = tc_calloc(api->worker_count, sizeof *api->workers)))
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; st == TC_OK && i < api->worker_count; i++) {
		st = tc_searcher_open(api->db, &api->workers[i].searcher, err);
		if (st == TC_OK &&
		    tc_searcher_revision(api->workers[i].searcher, api->workers[i].revision, err) == TC_OK)
			snprintf(api->workers[i].revision_text, sizeof api->workers[i].revision_text,
			         "%llu.%llu.%llu", (unsigned long long)api->workers[i].revision[0],
			         (unsigned long long)api->workers[i].revision[1],
			         (unsigned long long)api->workers[i].revision[2]);
		api->workers[i].last_check_ms = api->start_ms;
	}
	if (st == TC_OK && !(api->metrics = api_metrics_new(api_route_count)))
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	if (st == TC_OK && !(api->openapi = api_openapi()))
		st = tc_error_set(err, TC_ERR_INTERNAL, "the OpenAPI document could not be built");
	if (st != TC_OK) {
		api_free(api);
		return st;
	}
	if (st == TC_OK)
		st = queue_start(api, threads, err);
	if (st != TC_OK) {
		api_free(api);
		return st;
	}
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | (ipv6 ? MHD_USE_IPv6 : 0);
	struct MHD_Daemon *daemon = MHD_start_daemon(
	        flags, (uint16_t)options->port, NULL, NULL, on_request, api, MHD_OPTION_SOCK_ADDR,
	        (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(threads > 1 ? threads : 0),
	        MHD_OPTION_CONNECTION_LIMIT, options->max_connections * 2 + threads * 8,
	        MHD_OPTION_CONNECTION_TIMEOUT, options->timeout_seconds, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	        (size_t)(options->max_url_bytes + 32768), MHD_OPTION_URI_LOG_CALLBACK, on_uri, api,
	        MHD_OPTION_NOTIFY_COMPLETED, on_completed, api, MHD_OPTION_NOTIFY_CONNECTION, on_connection,
	        api, MHD_OPTION_END);
	if (!daemon) {
		int e = errno;
		api_free(api);
		return tc_error_set(err, TC_ERR_IO,
		                    "cannot listen on %s port %u: %s (another process on that port?)", host,
		                    options->port, e ? strerror(e) : "libmicrohttpd refused the options");
	}
	api->http = daemon;
	*out = api;
	return TC_OK;
}

unsigned tc_api_port(const tc_api *api)
{
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(api->http, MHD_DAEMON_INFO_BIND_PORT);
	return info ? info->port : api->options.port;
}

unsigned tc_api_threads(const tc_api *api)
{
	return api->options.threads;
}

tc_status tc_api_stop(tc_api *api, tc_error *err)
{
	if (!api)
		return TC_OK;
	struct MHD_Daemon *daemon = api->http;
	/* stop accepting; the requests in flight go on */
	MHD_socket listener = MHD_quiesce_daemon(daemon);
	uint64_t deadline = api_now_ms() + (uint64_t)api->options.shutdown_seconds * 1000;
	while (atomic_load(&api->in_flight) > 0 && api_now_ms() < deadline) {
		struct timespec pause = {0, 10 * 1000 * 1000};
		nanosleep(&pause, NULL);
	}
	int left = atomic_load(&api->in_flight);
	unsigned bound = api->options.shutdown_seconds;
	/* every suspended connection is resumed before libmicrohttpd stops */
	queue_stop(api);
	MHD_stop_daemon(daemon);
	if (listener != MHD_INVALID_SOCKET)
		close(listener);
	api_free(api);
	if (left > 0)
		return tc_error_set(err, TC_ERR_LIMIT,
		                    "%d requests were still running after %u s and were cut off", left,
		                    bound);
	return TC_OK;
}
