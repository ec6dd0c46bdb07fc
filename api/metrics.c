/* metrics.c - Prometheus metrics: requests by route and status, latency
 * histograms by route, the index's revision and counts, reopens. Counters
 * are atomics bumped by every worker; the exposition reads them as they
 * are (each counter is exact, a scrape is not a snapshot). */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "api-private.h"

static const int statuses[] = {200, 204, 304, 400, 401, 403, 404, 405, 409, 413, 414, 500, 503};
#define STATUS_COUNT (sizeof statuses / sizeof statuses[0])
/* seconds */
static const double buckets[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
#define BUCKET_COUNT (sizeof buckets / sizeof buckets[0])

typedef struct route_metrics {
	atomic_uint_fast64_t by_status[STATUS_COUNT + 1]; /* the last: any other */
	atomic_uint_fast64_t le[BUCKET_COUNT + 1];        /* the last: +Inf */
	atomic_uint_fast64_t micros;
} route_metrics;

struct api_metrics {
	size_t route_count; /* routes + 1 for "none" (404s, static files) */
	route_metrics routes[];
};

api_metrics *api_metrics_new(size_t route_count)
{
	api_metrics *m = tc_calloc(1, sizeof *m + (route_count + 1) * sizeof m->routes[0]);
	if (m)
		m->route_count = route_count + 1;
	return m;
}

void api_metrics_free(api_metrics *metrics)
{
	tc_free(metrics);
}

void api_metrics_count(api_metrics *m, int route, int status, uint64_t micros)
{
	route_metrics *r = &m->routes[route < 0 ? m->route_count - 1 : (size_t)route];
	size_t s = 0;
	while (s < STATUS_COUNT && statuses[s] != status)
		s++;
	atomic_fetch_add(&r->by_status[s], 1);
	size_t b = 0;
	while (b < BUCKET_COUNT && (double)micros / 1e6 > buckets[b])
		b++;
	atomic_fetch_add(&r->le[b], 1);
	atomic_fetch_add(&r->micros, micros);
}

int api_metrics_text(tc_api *api, api_worker *worker, tc_buf *out)
{
	api_metrics *m = api->metrics;
	int rc = 0;
	rc |= tc_buf_append_str(out, "# HELP tracuu_requests_total Requests answered, by route and status.\n"
	                             "# TYPE tracuu_requests_total counter\n");
	for (size_t r = 0; r < m->route_count; r++) {
		const char *name = r < api_route_count ? api_routes[r].name : "none";
		for (size_t s = 0; s <= STATUS_COUNT; s++) {
			uint64_t n = atomic_load(&m->routes[r].by_status[s]);
			if (!n)
				continue;
			if (s < STATUS_COUNT)
				rc |= tc_buf_printf(
				        out, "tracuu_requests_total{route=\"%s\",status=\"%d\"} %llu\n", name,
				        statuses[s], (unsigned long long)n);
			else
				rc |= tc_buf_printf(
				        out, "tracuu_requests_total{route=\"%s\",status=\"other\"} %llu\n",
				        name, (unsigned long long)n);
		}
	}
	rc |= tc_buf_append_str(
	        out, "# HELP tracuu_request_duration_seconds Time from request to response, by route.\n"
	             "# TYPE tracuu_request_duration_seconds histogram\n");
	for (size_t r = 0; r < m->route_count; r++) {
		const char *name = r < api_route_count ? api_routes[r].name : "none";
		uint64_t cumulative = 0;
		for (size_t b = 0; b <= BUCKET_COUNT; b++) {
			cumulative += atomic_load(&m->routes[r].le[b]);
			if (b < BUCKET_COUNT)
				rc |= tc_buf_printf(out,
				                    "tracuu_request_duration_seconds_bucket{route=\"%s\",le="
				                    "\"%g\"} %llu\n",
				                    name, buckets[b], (unsigned long long)cumulative);
			else
				rc |= tc_buf_printf(out,
				                    "tracuu_request_duration_seconds_bucket{route=\"%s\",le="
				                    "\"+Inf\"} %llu\n",
				                    name, (unsigned long long)cumulative);
		}
		rc |= tc_buf_printf(out, "tracuu_request_duration_seconds_sum{route=\"%s\"} %.6f\n", name,
		                    (double)atomic_load(&m->routes[r].micros) / 1e6);
		rc |= tc_buf_printf(out, "tracuu_request_duration_seconds_count{route=\"%s\"} %llu\n", name,
		                    (unsigned long long)cumulative);
	}
	rc |= tc_buf_printf(out,
	                    "# HELP tracuu_index_reopens_total Times a worker moved to a newer index state.\n"
	                    "# TYPE tracuu_index_reopens_total counter\ntracuu_index_reopens_total %llu\n",
	                    (unsigned long long)atomic_load(&api->reopens));
	rc |= tc_buf_append_str(out, "# HELP tracuu_index_revision The committed revision of each database.\n"
	                             "# TYPE tracuu_index_revision gauge\n");
	for (int k = 0; k < TC_DB_COUNT; k++)
		rc |= tc_buf_printf(out, "tracuu_index_revision{db=\"%s\"} %llu\n",
		                    tc_db_kind_name((tc_db_kind)k), (unsigned long long)worker->revision[k]);
	json_t *stats = NULL;
	tc_error err;
	if (tc_stats(worker->searcher, &stats, &err) == TC_OK) {
		rc |= tc_buf_append_str(out, "# HELP tracuu_index_records Records in the index, by kind.\n"
		                             "# TYPE tracuu_index_records gauge\n");
		const char *kind;
		json_t *count;
		json_object_foreach(json_object_get(stats, "records"), kind, count) rc |=
		        tc_buf_printf(out, "tracuu_index_records{kind=\"%s\"} %lld\n", kind,
		                      (long long)json_integer_value(count));
		json_decref(stats);
	}
	rc |= tc_buf_printf(out,
	                    "# HELP tracuu_requests_in_flight Requests being answered.\n"
	                    "# TYPE tracuu_requests_in_flight gauge\ntracuu_requests_in_flight %d\n"
	                    "# HELP tracuu_connections Open connections.\n"
	                    "# TYPE tracuu_connections gauge\ntracuu_connections %d\n"
	                    "# HELP tracuu_uptime_seconds Seconds since the daemon started.\n"
	                    "# TYPE tracuu_uptime_seconds gauge\ntracuu_uptime_seconds %.3f\n",
	                    atomic_load(&api->in_flight), atomic_load(&api->connections),
	                    (double)(api_now_ms() - api->start_ms) / 1000);
	return rc ? -1 : 0;
}
