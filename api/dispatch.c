/* dispatch.c - one request through the route table: method and path,
 * parameters known to the route, the token, ETag and 304, the handler
 * (retried once on a reopened index when the index changed under it), and
 * a problem for every error. Knows nothing of the wire (http.c does). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api-private.h"

uint64_t api_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void remember_revision(api_worker *w, tc_error *err)
{
	if (tc_searcher_revision(w->searcher, w->revision, err) == TC_OK)
		snprintf(w->revision_text, sizeof w->revision_text, "%llu.%llu.%llu",
		         (unsigned long long)w->revision[0], (unsigned long long)w->revision[1],
		         (unsigned long long)w->revision[2]);
}

/* Reopen W's searcher at the latest commit; count it when the state moved. */
static tc_status reopen(tc_api *api, api_worker *w, tc_error *err)
{
	tc_status st = tc_searcher_reopen(w->searcher, err);
	if (st != TC_OK)
		return st;
	char before[sizeof w->revision_text];
	memcpy(before, w->revision_text, sizeof before);
	remember_revision(w, err);
	if (strcmp(before, w->revision_text))
		atomic_fetch_add(&api->reopens, 1);
	w->last_check_ms = api_now_ms();
	return TC_OK;
}

api_worker *api_worker_get(tc_api *api)
{
	api_worker *w = pthread_getspecific(api->worker_key);
	if (!w) {
		pthread_mutex_lock(&api->workers_lock);
		for (size_t i = 0; i < api->worker_count && !w; i++)
			if (!api->workers[i].claimed) {
				w = &api->workers[i];
				w->claimed = 1;
			}
		pthread_mutex_unlock(&api->workers_lock);
		if (!w)
			return NULL;
		pthread_setspecific(api->worker_key, w);
	}
	/* A commit by another process is served within TC_API_REOPEN_MS; one
	 * through the daemon at once, by every worker. */
	uint64_t generation = atomic_load(&api->generation);
	if (api_now_ms() - w->last_check_ms >= TC_API_REOPEN_MS || w->generation != generation) {
		w->generation = generation;
		tc_error err;
		reopen(api, w, &err);
	}
	return w;
}

/* FNV-1a, 64 bits: ETags only need to change when the input does. */
static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Whether the If-None-Match list holds ETAG (or "*"). */
static int etag_matches(const char *header, const char *etag)
{
	size_t n = strlen(etag);
	for (const char *p = header; p && *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!strncmp(p, "W/", 2))
			p += 2;
		if (*p == '*' || !strncmp(p, etag, n))
			return 1;
		p = strchr(p, ',');
	}
	return 0;
}

/* Parameters the route does not take are refused (a typo such as
 * "per-page" would otherwise be ignored without a word). */
static int check_params(const api_route *route, api_request *req, api_response *res)
{
	for (size_t i = 0; i < req->param_count; i++) {
		int known = 0;
		for (const api_route_param *p = route->params; p && p->name && !known; p++)
			known = !strcmp(p->in, "query") && !strcmp(p->name, req->params[i].name);
		if (!known) {
			char names[512] = "";
			size_t used = 0;
			for (const api_route_param *p = route->params; p && p->name; p++)
				if (!strcmp(p->in, "query") && used < sizeof names)
					used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
					                         used ? ", " : "", p->name);
			api_problem(res, 400, "bad-parameter", "%s takes no parameter '%.64s'%s%s",
			            route->pattern, req->params[i].name, used ? "; it takes " : "", names);
			json_object_set_new(res->json, "parameter", json_string(req->params[i].name));
			return -1;
		}
	}
	return 0;
}

int api_route_request(api_request *req, api_response *res, int *path_known)
{
	req->route = api_route_match(req, req->method, req->path, path_known, res->allow, sizeof res->allow);
	if (req->route < 0)
		return -1;
	res->allow[0] = '\0';
	return check_params(&api_routes[req->route], req, res);
}

void api_dispatch(api_request *req, api_response *res)
{
	tc_api *api = req->api;
	int path_known = 0;
	if (api_route_request(req, res, &path_known) < 0 && req->route >= 0)
		return; /* a parameter the route does not take */
	if (req->route < 0) {
		if (path_known && !strcmp(req->method, "OPTIONS")) {
			/* CORS preflight: portals call the read routes from their pages */
			res->status = 204;
			res->cors = 1;
			return;
		}
		if (path_known) {
			api_problem(res, 405, "method-not-allowed", "%s is not allowed on %s; allowed: %s",
			            req->method, req->path, res->allow);
			return;
		}
		if (api->web_root && (!strcmp(req->method, "GET") || !strcmp(req->method, "HEAD"))) {
			api_static(req, res);
			return;
		}
		api_problem(res, 404, "not-found", "no route %s (the routes are listed at /openapi.json)",
		            req->path);
		return;
	}
	const api_route *route = &api_routes[req->route];
	res->cors = !strcmp(route->method, "GET");
	if (route->auth == API_TOKEN) {
		if (!api->token) {
			api_problem(res, 403, "forbidden",
			            "writes are disabled: the daemon was started without --token-file");
			return;
		}
		if (!api_token_ok(api, req->authorization)) {
			api_problem(res, 401, "unauthorized",
			            "%s needs 'Authorization: Bearer TOKEN' with the daemon's token",
			            route->pattern);
			res->challenge = 1;
			return;
		}
	}
	req->worker = api_worker_get(api);
	if (!req->worker) {
		api_problem(res, 503, "unavailable", "no searcher is free for this thread");
		res->retry_after = 1;
		return;
	}
	if (route->cacheable) {
		/* the same request on the same index state gets the same answer */
		uint64_t h = fnv1a(0xcbf29ce484222325ULL, req->worker->revision_text,
		                   strlen(req->worker->revision_text));
		h = fnv1a(h, "\n", 1);
		h = fnv1a(h, req->target, strlen(req->target));
		snprintf(res->etag, sizeof res->etag, "\"%s-%016llx\"", req->worker->revision_text,
		         (unsigned long long)h);
		res->cache_control = "public, max-age=60";
		if (req->if_none_match && etag_matches(req->if_none_match, res->etag)) {
			res->status = 304;
			return;
		}
	} else {
		res->cache_control = "no-store";
	}
	char etag[sizeof res->etag];
	memcpy(etag, res->etag, sizeof etag);
	const char *cache_control = res->cache_control;
	int cors = res->cors;
	tc_error err = {0};
	tc_status st = route->handler(req, res, &err);
	if (st == TC_ERR_XAPIAN) {
		/* Xapian's DatabaseModifiedError: the state this reader was at was
		 * overwritten by a newer commit. Reopen and answer from that. */
		api_response_clear(res);
		if (reopen(api, req->worker, &err) == TC_OK)
			st = route->handler(req, res, &err);
	}
	if (st != TC_OK) {
		api_response_clear(res);
		api_problem_from_error(res, &err, NULL);
		res->cache_control = "no-store";
		if (res->status == 503)
			res->retry_after = 1;
	}
	if (!res->cache_control) {
		/* cleared for a retry */
		memcpy(res->etag, etag, sizeof etag);
		res->cache_control = cache_control;
	}
	res->cors = cors;
	if (res->status >= 400) {
		res->etag[0] = '\0';
		if (res->status != 404)
			res->cache_control = "no-store";
	}
}
