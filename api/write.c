/* write.c - the write routes: records in the corpus interchange format
 * (JSONL, corpus/README.md) indexed by the same loader and indexer as
 * `tracuu index`, and deletions. One write at a time: a second one gets
 * 409 naming the holder; the token is compared in constant time and never
 * logged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "api-private.h"
#include "corpus.h"
#include "indexer.h"

int api_token_ok(const tc_api *api, const char *authorization)
{
	if (!api->token || !authorization || strncasecmp(authorization, "Bearer ", 7))
		return 0;
	const char *given = authorization + 7;
	while (*given == ' ')
		given++;
	size_t n = strlen(given);
	/* every byte of the token is looked at, whatever was given */
	unsigned char diff = (unsigned char)(n != api->token_len);
	for (size_t i = 0; i < api->token_len; i++)
		diff |= (unsigned char)(api->token[i] ^ (i < n ? given[i] : 0));
	return diff == 0;
}

/* Take the write lock for REQ, or fill RES with 409 naming the holder.
 * The holder's description is written and read under holder_lock, taken
 * before the write lock is tried: a refused request names the write that
 * holds the lock, never the one before it. */
static int write_begin(api_request *req, api_response *res)
{
	tc_api *api = req->api;
	pthread_mutex_lock(&api->holder_lock);
	if (pthread_mutex_trylock(&api->write_lock) != 0) {
		char holder[sizeof api->write_holder];
		memcpy(holder, api->write_holder, sizeof holder);
		pthread_mutex_unlock(&api->holder_lock);
		holder[sizeof holder - 1] = '\0';
		api_problem(res, 409, "conflict", "another write is in progress: %s; try again when it ends",
		            holder);
		res->retry_after = 1;
		return -1;
	}
	snprintf(api->write_holder, sizeof api->write_holder, "request %s (%s %.40s)", req->request_id,
	         req->method, req->path);
	pthread_mutex_unlock(&api->holder_lock);
	return 0;
}

static void write_end(api_request *req)
{
	/* every worker reopens before its next request */
	atomic_fetch_add(&req->api->generation, 1);
	pthread_mutex_unlock(&req->api->write_lock);
}

typedef struct ingest {
	tc_index *index;
	json_t *errors, *warnings;
	long long rejected;
	tc_status status;
	tc_error *err;
} ingest;

static void on_problem(void *vctx, const tc_problem *problem)
{
	ingest *c = vctx;
	json_t *item = json_pack("{s:I, s:s}", "line", (json_int_t)problem->line, "error", problem->message);
	if (item && problem->record)
		json_object_set_new(item, "id", json_string(problem->record));
	if (problem->skipped)
		c->rejected++;
	json_array_append_new(problem->skipped ? c->errors : c->warnings, item);
}

static int on_record(void *vctx, const tc_record *record)
{
	ingest *c = vctx;
	c->status = tc_index_add(c->index, record, c->err);
	return c->status != TC_OK;
}

static tc_status index_problem(api_response *res, tc_status st, const tc_error *err)
{
	api_problem_from_error(res, err, NULL);
	(void)st;
	return TC_OK;
}

tc_status api_records_post(api_request *req, api_response *res, tc_error *err)
{
	if (!req->body_len) {
		api_problem(res, 400, "bad-parameter", "the body is empty: send records as JSON lines");
		return TC_OK;
	}
	if (write_begin(req, res) < 0)
		return TC_OK;
	/* The loader reads files: the body goes to a private temporary one. */
	char path[] = "/tmp/tracuu-ingest-XXXXXX.jsonl";
	int fd = mkstemps(path, 6);
	tc_status st = TC_OK;
	if (fd < 0 || write(fd, req->body, req->body_len) != (ssize_t)req->body_len)
		st = tc_error_set(err, TC_ERR_IO, "cannot write the records to a temporary file");
	if (fd >= 0)
		close(fd);
	ingest c = {.errors = json_array(), .warnings = json_array(), .status = TC_OK, .err = err};
	tc_index_options options;
	tc_index_options_default(&options);
	if (st == TC_OK)
		st = tc_index_open(req->api->db, &options, &c.index, err);
	tc_load_options load = {.problem_fn = on_problem, .problem_ctx = &c};
	tc_load_summary summary = {0};
	if (st == TC_OK)
		st = tc_corpus_load(path, &load, on_record, &c, &summary, err);
	if (st == TC_ERR_ABORTED)
		st = c.status;
	tc_index_counts counts = {0};
	if (st == TC_OK)
		st = tc_index_finish(c.index, &counts, err);
	tc_error close_err;
	if (c.index && tc_index_close(c.index, st != TC_OK, &close_err) != TC_OK && st == TC_OK) {
		st = close_err.code;
		*err = close_err;
	}
	if (fd >= 0)
		unlink(path);
	write_end(req);
	if (st != TC_OK) {
		json_decref(c.errors);
		json_decref(c.warnings);
		return index_problem(res, st, err);
	}
	res->status = 200;
	res->json = json_pack("{s:I, s:I, s:I, s:I, s:I, s:o, s:o}", "records", (json_int_t)summary.loaded,
	                      "added", (json_int_t)counts.added, "changed", (json_int_t)counts.changed,
	                      "unchanged", (json_int_t)counts.unchanged, "rejected", (json_int_t)c.rejected,
	                      "errors", c.errors, "warnings", c.warnings);
	return TC_OK;
}

tc_status api_records_delete(api_request *req, api_response *res, tc_error *err)
{
	const char *id = req->captures[0];
	if (write_begin(req, res) < 0)
		return TC_OK;
	tc_index *index = NULL;
	tc_index_options options;
	tc_index_options_default(&options);
	long long removed = 0;
	tc_status st = tc_index_open(req->api->db, &options, &index, err);
	if (st == TC_OK)
		st = tc_index_delete(index, id, &removed, err);
	if (st == TC_OK)
		st = tc_index_finish(index, NULL, err);
	tc_error close_err;
	if (index && tc_index_close(index, st != TC_OK, &close_err) != TC_OK && st == TC_OK) {
		st = close_err.code;
		*err = close_err;
	}
	write_end(req);
	if (st != TC_OK)
		return index_problem(res, st, err);
	res->status = 200;
	res->json = json_pack("{s:s, s:I}", "id", id, "removed_entries", (json_int_t)removed);
	return TC_OK;
}
