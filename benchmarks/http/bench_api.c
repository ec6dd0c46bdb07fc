/* bench_api.c - the daemon's requests answered in process on one thread:
 * the same handlers as `tracuu serve` (parameters, engine calls, the JSON
 * text of the answer), without sockets or HTTP. The HTTP benchmark
 * (run.sh) compares wrk's figures against these.
 *
 *   bench_api DB REQUESTS SECONDS
 * REQUESTS: lines "SHAPE<TAB>TARGET" (/v1/search?q=...). Prints one JSON
 * object: requests, qps, p50 and p99 in ms, overall and per shape. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api-private.h"

typedef struct line {
	char *shape, *target;
} line;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double percentile(double *v, size_t n, double p)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof *v, cmp_double);
	size_t i = (size_t)ceil(p * (double)n) - 1;
	return v[i < n ? i : n - 1];
}

/* One request through the daemon's handlers; its status. */
static int answer(tc_api *api, tc_arena *arena, const char *target)
{
	api_request req = {.method = "GET", .arena = arena, .api = api, .route = -1};
	strcpy(req.request_id, "bench");
	api_response res;
	api_response_init(&res);
	if (api_request_parse(&req, target, 8192, &res) == 0)
		api_dispatch(&req, &res);
	if (res.json) {
		char *text = json_dumps(res.json, JSON_COMPACT | JSON_PRESERVE_ORDER);
		free(text);
	}
	int status = res.status;
	api_response_clear(&res);
	tc_arena_reset(arena);
	return status;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: bench_api DB REQUESTS SECONDS\n");
		return 2;
	}
	FILE *f = fopen(argv[2], "r");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	line *lines = NULL;
	size_t count = 0, cap = 0;
	char buf[8192];
	while (fgets(buf, sizeof buf, f)) {
		buf[strcspn(buf, "\n")] = '\0';
		char *tab = strchr(buf, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		if (count == cap) {
			cap = cap ? cap * 2 : 64;
			lines = realloc(lines, cap * sizeof *lines);
		}
		lines[count].shape = strdup(buf);
		lines[count].target = strdup(tab + 1);
		count++;
	}
	fclose(f);
	tc_api_options options;
	tc_api_options_default(&options);
	options.db = argv[1];
	options.port = 0;
	options.threads = 1;
	tc_api *api = NULL;
	tc_error err;
	if (tc_api_start(&options, &api, &err) != TC_OK) {
		fprintf(stderr, "bench_api: %s\n", err.message);
		return 1;
	}
	tc_arena *arena = tc_arena_new(16384);
	/* warm the caches once, as the daemon is warm after its first minutes */
	for (size_t i = 0; i < count; i++)
		answer(api, arena, lines[i].target);
	double seconds = atof(argv[3]), start = now_ms();
	size_t n = 0, vcap = 1 << 16, errors = 0;
	double *latency = malloc(vcap * sizeof *latency);
	size_t *which = malloc(vcap * sizeof *which);
	while (now_ms() - start < seconds * 1e3) {
		for (size_t i = 0; i < count; i++) {
			double t0 = now_ms();
			int status = answer(api, arena, lines[i].target);
			double dt = now_ms() - t0;
			errors += status != 200;
			if (n == vcap) {
				vcap *= 2;
				latency = realloc(latency, vcap * sizeof *latency);
				which = realloc(which, vcap * sizeof *which);
			}
			latency[n] = dt;
			which[n] = i;
			n++;
		}
	}
	double elapsed = (now_ms() - start) / 1e3;
	printf("{\"requests\": %zu, \"errors\": %zu, \"seconds\": %.2f, \"qps\": %.1f", n, errors, elapsed,
	       n / elapsed);
	double *copy = malloc(n * sizeof *copy);
	memcpy(copy, latency, n * sizeof *copy);
	printf(", \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"shapes\": {", percentile(copy, n, 0.5),
	       percentile(copy, n, 0.99));
	/* per shape, in the order of first appearance */
	int first = 1;
	for (size_t i = 0; i < count; i++) {
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++)
			seen = !strcmp(lines[k].shape, lines[i].shape);
		if (seen)
			continue;
		size_t m = 0;
		double total = 0;
		for (size_t r = 0; r < n; r++)
			if (!strcmp(lines[which[r]].shape, lines[i].shape)) {
				copy[m++] = latency[r];
				total += latency[r];
			}
		double p50 = percentile(copy, m, 0.5), p99 = percentile(copy, m, 0.99);
		printf("%s\"%s\": {\"requests\": %zu, \"mean_ms\": %.3f, \"p50_ms\": %.3f, \"p99_ms\": %.3f}",
		       first ? "" : ", ", lines[i].shape, m, total / (double)(m ? m : 1), p50, p99);
		first = 0;
	}
	printf("}}\n");
	free(copy);
	free(latency);
	free(which);
	for (size_t i = 0; i < count; i++) {
		free(lines[i].shape);
		free(lines[i].target);
	}
	free(lines);
	tc_arena_free(arena);
	tc_api_stop(api, &err);
	return errors ? 1 : 0;
}
