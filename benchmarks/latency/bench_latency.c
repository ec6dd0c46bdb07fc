/* bench_latency.c - the latency benchmark of the query engine: tracuu against
 * stock Xapian and SQLite FTS5, one thread, in-process (README.md here).
 *
 * One run: load the pháp điển's codified articles and the ALQAC questions;
 * draw the query sets (latency.h) with a fixed seed; build the peers over
 * the codified articles (the systems of `tracuu eval`, cli/eval-*.c), timed;
 * open the tracuu index; then for every shape, every engine (tracuu in each
 * target) runs the whole set once to warm up and once timed. Prints p50,
 * p99 and queries/s per shape and engine, tracuu's ratios to stock Xapian,
 * the builds (time, entries/s, size, peak RSS) and the searcher's memory, as
 * a table and (--json) as JSON. --loop runs one shape on one engine for a
 * while, for `perf record`. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "latency.h"
#include "query.h"
#include "xapian-c.h"

typedef enum engine { ENGINE_TRACUU, ENGINE_XAPIAN, ENGINE_FTS5, ENGINE_COUNT } engine;
static const char *const engine_names[ENGINE_COUNT] = {"tracuu", "xapian", "fts5"};

#define TARGET_COUNT 4
/* the report's order of tracuu's targets */
static const tc_target targets[TARGET_COUNT] = {TC_TARGET_ALL, TC_TARGET_CODIFIED, TC_TARGET_PROVISIONS,
                                                TC_TARGET_DOCS};
static const char *const target_names[TARGET_COUNT] = {"all", "codified", "provisions", "docs"};

/* Hits asked of every engine: a first page. */
#define PAGE 10

typedef struct options {
	const char *db, *phapdien, *alqac, *tracuu_build, *json_path, *workdir, *label, *baseline;
	int shape_on[LAT_SHAPE_COUNT];
	int target_on[TARGET_COUNT];
	int engine_on[ENGINE_COUNT];
	size_t queries;
	uint32_t count_bound; /* the peers also count up to this many matches */
	uint64_t seed;
	double loop_seconds;
	int print_queries;
} options;

/* One shape through one engine (and target). */
typedef struct measurement {
	lat_shape shape;
	engine engine;
	int target;           /* index into targets[], tracuu only */
	uint32_t count_bound; /* peers: 0 exact totals, else counted up to it */
	size_t n, with_hits, failed;
	char first_error[TC_ERROR_MESSAGE_MAX];
	double p50, p99, qps;    /* ms, ms, queries per second */
	double cpu_p50, cpu_p99; /* the same in CPU time: steadier than wall time on a shared machine */
	uint64_t median_total;   /* the median of the exact counts */
} measurement;

typedef struct build_row {
	char engine[16];
	char what[256];
	long long entries;
	double seconds, cpu_seconds;      /* cpu_seconds < 0: not measured */
	long long bytes, compacted_bytes; /* -1: not measured */
	long long peak_rss_kb, growth_kb; /* growth: over the process before the build; -1: n/a */
} build_row;

typedef struct bench {
	options opt;
	lat_data data;
	tc_analyzer *analyzer;
	tc_arena *arena;
	lat_query_set sets[LAT_SHAPE_COUNT];
	tc_searcher *searcher;
	eval_system peers[ENGINE_COUNT]; /* [ENGINE_XAPIAN], [ENGINE_FTS5] */
	int peer_built[ENGINE_COUNT];
	char workdir[4096];
	int own_workdir; /* a temporary folder, removed at the end */
	build_row builds[ENGINE_COUNT];
	size_t build_count;
	measurement *results;
	size_t result_count, result_cap;
	long long searcher_open_kb, searcher_kb, searcher_peak_kb;
	/* stock Xapian's rows of an earlier report (--baseline), when this run
	 * does not measure it */
	measurement baseline[2][LAT_SHAPE_COUNT]; /* [0] exact counts, [1] bounded */
	int has_baseline[2][LAT_SHAPE_COUNT];
	double load_start[3], load_end[3];
	char date[32];
} bench;

static double clock_seconds(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now_seconds(void)
{
	return clock_seconds(CLOCK_MONOTONIC);
}

/* A query's time: wall and this thread's CPU, in ms. */
typedef struct stopwatch {
	double wall, cpu;
} stopwatch;

static stopwatch stopwatch_start(void)
{
	return (stopwatch){now_seconds(), clock_seconds(CLOCK_THREAD_CPUTIME_ID)};
}

static void stopwatch_stop(const stopwatch *start, double *ms, double *cpu_ms)
{
	*ms = (now_seconds() - start->wall) * 1e3;
	*cpu_ms = (clock_seconds(CLOCK_THREAD_CPUTIME_ID) - start->cpu) * 1e3;
}

/* ---- memory and disk ---- */

/* A "Key:   N kB" line of /proc/self/status, in kB; -1 when absent. */
static long long status_kb(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	char line[256];
	long long kb = -1;
	size_t n = strlen(key);
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, key, n) && line[n] == ':') {
			kb = strtoll(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return kb;
}

/* Start a new peak (VmHWM) from the current RSS (Linux 4.0+: clear_refs 5). */
static void reset_peak_rss(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	if (f) {
		fputs("5", f);
		fclose(f);
	}
}

static void read_loadavg(double load[3])
{
	FILE *f = fopen("/proc/loadavg", "r");
	load[0] = load[1] = load[2] = -1;
	if (f) {
		if (fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3)
			load[0] = load[1] = load[2] = -1;
		fclose(f);
	}
}

/* ---- running queries ---- */

/* Run Q once on engine ENG (tracuu: in TARGET): *MS and *CPU_MS its time,
 * *HITS the hits returned, *TOTAL the exact count. */
static tc_status run_one(bench *b, engine eng, int target, uint32_t count_bound, lat_shape shape,
                         const lat_query *q, double *ms, double *cpu_ms, size_t *hits, uint64_t *total,
                         tc_error *err)
{
	tc_status st;
	*hits = 0;
	*total = 0;
	if (eng == ENGINE_TRACUU) {
		/* what `tracuu search --json` asks: a page of 10, snippets, the
		 * total */
		tc_search_options o;
		tc_search_options_default(&o);
		o.target = targets[target];
		o.limit = PAGE;
		o.snippets = 1;
		o.sort = shape == LAT_LISTING ? TC_SORT_NEWEST : TC_SORT_RELEVANCE;
		json_t *results = NULL;
		stopwatch start = stopwatch_start();
		st = tc_search(b->searcher, q->text, &o, &results, err);
		stopwatch_stop(&start, ms, cpu_ms);
		if (st == TC_OK) {
			*hits = json_array_size(json_object_get(results, "hits"));
			*total = (uint64_t)json_integer_value(json_object_get(results, "total"));
		}
		json_decref(results);
		return st;
	}
	eval_system *peer = &b->peers[eng];
	size_t ids[PAGE];
	eval_query peer_query = q->peer;
	peer_query.count_bound = count_bound;
	stopwatch start = stopwatch_start();
	st = peer->search_counted(peer->state, &peer_query, ids, PAGE, hits, total, err);
	stopwatch_stop(&start, ms, cpu_ms);
	return st;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* The nearest-rank percentile P (0..1) of the N sorted values V. */
static double percentile(const double *v, size_t n, double p)
{
	if (!n)
		return NAN;
	size_t rank = (size_t)ceil(p * (double)n);
	return v[rank ? rank - 1 : 0];
}

/* Fill M's figures from the N query times TIMES and CPU_TIMES (both sorted
 * here). */
static void summarize(measurement *m, double *times, double *cpu_times, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += times[i];
	qsort(times, n, sizeof *times, compare_double);
	qsort(cpu_times, n, sizeof *cpu_times, compare_double);
	m->n = n;
	m->p50 = percentile(times, n, 0.50);
	m->p99 = percentile(times, n, 0.99);
	m->cpu_p50 = percentile(cpu_times, n, 0.50);
	m->cpu_p99 = percentile(cpu_times, n, 0.99);
	m->qps = sum > 0 ? (double)n / (sum / 1e3) : 0;
}

/* One pass over SET: TIMES, CPU_TIMES and TOTALS (when not NULL) receive
 * each query's figures. */
static void run_pass(bench *b, engine eng, int target, lat_shape shape, const lat_query_set *set,
                     double *times, double *cpu_times, uint64_t *totals, measurement *m)
{
	for (size_t i = 0; i < set->count; i++) {
		tc_error err = {0};
		double ms = 0, cpu_ms = 0;
		size_t hits = 0;
		uint64_t total = 0;
		tc_status st = run_one(b, eng, target, m->count_bound, shape, &set->queries[i], &ms, &cpu_ms,
		                       &hits, &total, &err);
		if (!times)
			continue;
		times[i] = ms;
		cpu_times[i] = cpu_ms;
		totals[i] = total;
		if (st != TC_OK) {
			if (!m->failed++)
				snprintf(m->first_error, sizeof m->first_error, "%.200s: %.300s",
				         set->queries[i].text, err.message);
		} else if (hits) {
			m->with_hits++;
		}
	}
}

static measurement *new_result(bench *b)
{
	if (b->result_count == b->result_cap) {
		size_t cap = b->result_cap ? 2 * b->result_cap : 64;
		measurement *r = tc_realloc(b->results, cap * sizeof *r);
		if (!r)
			return NULL;
		b->results = r;
		b->result_cap = cap;
	}
	measurement *m = &b->results[b->result_count++];
	memset(m, 0, sizeof *m);
	return m;
}

/* Warm up, then time one pass of SHAPE on ENG (tracuu: TARGET; a peer:
 * counting up to COUNT_BOUND matches, 0 all). */
static int measure(bench *b, engine eng, int target, uint32_t count_bound, lat_shape shape)
{
	const lat_query_set *set = &b->sets[shape];
	measurement *m = new_result(b);
	double *times = tc_calloc(2 * (set->count + 1), sizeof *times), *cpu_times = times + set->count + 1;
	uint64_t *totals = tc_calloc(set->count + 1, sizeof *totals);
	if (!m || !times || !totals) {
		tc_free(times);
		tc_free(totals);
		return -1;
	}
	m->shape = shape;
	m->engine = eng;
	m->target = target;
	m->count_bound = count_bound;
	if (eng == ENGINE_TRACUU)
		reset_peak_rss();
	long long rss_before = eng == ENGINE_TRACUU ? status_kb("VmRSS") : 0;
	run_pass(b, eng, target, shape, set, NULL, NULL, NULL, m);
	run_pass(b, eng, target, shape, set, times, cpu_times, totals, m);
	if (eng == ENGINE_TRACUU) {
		/* what the searcher keeps after serving these queries, and what
		 * it needed at most while serving them */
		long long grown = status_kb("VmRSS") - rss_before, peak = status_kb("VmHWM") - rss_before;
		if (grown > 0)
			b->searcher_kb += grown;
		if (peak > b->searcher_peak_kb)
			b->searcher_peak_kb = peak;
	}
	summarize(m, times, cpu_times, set->count);
	qsort(totals, set->count, sizeof *totals, compare_u64);
	m->median_total = set->count ? totals[(set->count - 1) / 2] : 0;
	tc_free(times);
	tc_free(totals);
	fprintf(stderr,
	        "bench_latency: %-10s %-6s %-10s %4zu queries: p50 %8.2f ms  p99 %8.2f ms  %5.1f%% with "
	        "hits\n",
	        lat_shape_names[shape], engine_names[eng], eng == ENGINE_TRACUU ? target_names[target] : "",
	        m->n, m->p50, m->p99, m->n ? 100.0 * (double)m->with_hits / (double)m->n : 0.0);
	return 0;
}

/* perf mode: SHAPE on ENG for b->opt.loop_seconds after a warm-up pass. */
static int loop(bench *b, engine eng, int target, lat_shape shape)
{
	const lat_query_set *set = &b->sets[shape];
	if (!set->count)
		return 0;
	measurement m = {.shape = shape, .engine = eng, .target = target};
	run_pass(b, eng, target, shape, set, NULL, NULL, NULL, &m);
	size_t cap = 1024, n = 0;
	double *times = tc_malloc(cap * sizeof *times), *cpu_times = tc_malloc(cap * sizeof *cpu_times);
	if (!times || !cpu_times) {
		tc_free(times);
		tc_free(cpu_times);
		return -1;
	}
	fprintf(stderr, "bench_latency: pid %ld: looping over %zu %s queries on %s%s%s for %.0f s\n",
	        (long)getpid(), set->count, lat_shape_names[shape], engine_names[eng],
	        eng == ENGINE_TRACUU ? " in " : "", eng == ENGINE_TRACUU ? target_names[target] : "",
	        b->opt.loop_seconds);
	double end = now_seconds() + b->opt.loop_seconds;
	while (now_seconds() < end) {
		if (n == cap) {
			double *t = tc_realloc(times, 2 * cap * sizeof *t),
			       *c = t ? tc_realloc(cpu_times, 2 * cap * sizeof *c) : NULL;
			if (t)
				times = t;
			if (c)
				cpu_times = c;
			if (!t || !c) {
				tc_free(times);
				tc_free(cpu_times);
				return -1;
			}
			cap *= 2;
		}
		tc_error err = {0};
		size_t hits;
		uint64_t total;
		run_one(b, eng, target, 0, shape, &set->queries[n % set->count], &times[n], &cpu_times[n],
		        &hits, &total, &err);
		n++;
	}
	summarize(&m, times, cpu_times, n);
	printf("loop: %s on %s%s%s: %zu queries: p50 %.2f ms, p99 %.2f ms (CPU %.2f / %.2f), "
	       "%.1f queries/s\n",
	       lat_shape_names[shape], engine_names[eng], eng == ENGINE_TRACUU ? " in " : "",
	       eng == ENGINE_TRACUU ? target_names[target] : "", n, m.p50, m.p99, m.cpu_p50, m.cpu_p99,
	       m.qps);
	tc_free(times);
	tc_free(cpu_times);
	return 0;
}

/* ---- builds ---- */

static int build_peer(bench *b, engine eng)
{
	eval_system *peer = &b->peers[eng];
	int rc = eng == ENGINE_XAPIAN ? eval_system_xapian_stock(peer, NULL) : eval_system_fts5(peer, NULL);
	if (rc < 0) {
		fprintf(stderr, "bench_latency: out of memory\n");
		return -1;
	}
	char dir[4200];
	snprintf(dir, sizeof dir, "%s/%s", b->workdir, engine_names[eng]);
	if (tc_remove_tree(dir) < 0 && errno != ENOENT) {
		fprintf(stderr, "bench_latency: cannot remove %s: %s\n", dir, strerror(errno));
		return -1;
	}
	if (mkdir(dir, 0777) < 0) {
		fprintf(stderr, "bench_latency: cannot create %s: %s\n", dir, strerror(errno));
		return -1;
	}
	fprintf(stderr, "bench_latency: building %s over %zu codified articles\n", engine_names[eng],
	        b->data.articles.count);
	tc_error err = {0};
	reset_peak_rss();
	long long before = status_kb("VmRSS");
	double start = now_seconds(), cpu_start = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
	tc_status st = peer->build(peer->state, &b->data.articles, dir, &err);
	double seconds = now_seconds() - start,
	       cpu_seconds = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
	long long peak = status_kb("VmHWM");
	if (st != TC_OK) {
		fprintf(stderr, "bench_latency: %s: build failed: %s\n", engine_names[eng], err.message);
		return -1;
	}
	b->peer_built[eng] = 1;
	build_row *row = &b->builds[b->build_count++];
	snprintf(row->engine, sizeof row->engine, "%s", engine_names[eng]);
	snprintf(row->what, sizeof row->what, "%zu codified articles", b->data.articles.count);
	row->entries = (long long)b->data.articles.count;
	row->seconds = seconds;
	row->cpu_seconds = cpu_seconds;
	row->bytes = tc_tree_bytes(dir);
	row->compacted_bytes = -1;
	row->peak_rss_kb = peak;
	row->growth_kb = peak >= 0 && before >= 0 ? peak - before : -1;
	if (eng == ENGINE_XAPIAN) {
		/* the same database compacted, as `tracuu compact` does the index */
		char db[4300], compacted[4300];
		snprintf(db, sizeof db, "%s/xapian", dir);
		snprintf(compacted, sizeof compacted, "%s/../xapian-compacted", dir);
		tc_remove_tree(compacted);
		if (xc_compact(db, compacted, &err) == TC_OK)
			row->compacted_bytes = tc_tree_bytes(compacted);
		else
			fprintf(stderr, "bench_latency: xapian: compact: %s\n", err.message);
		tc_remove_tree(compacted);
	}
	fprintf(stderr, "bench_latency: %s: %.1f s, %.1f MB\n", engine_names[eng], seconds,
	        (double)row->bytes / 1e6);
	return 0;
}

/* The row of tracuu's full build, from run.sh's figures (JSON). */
static int read_tracuu_build(bench *b)
{
	json_error_t jerr;
	json_t *root = json_load_file(b->opt.tracuu_build, 0, &jerr);
	if (!root) {
		fprintf(stderr, "bench_latency: %s: %s (the build row is left out)\n", b->opt.tracuu_build,
		        jerr.text);
		return 0;
	}
	build_row *row = &b->builds[b->build_count++];
	json_t *entries = json_object_get(root, "entries"), *compact = json_object_get(root, "compact");
	long long total = 0;
	int len = snprintf(row->what, sizeof row->what,
	                   "full index, pháp điển + Công báo: %lld records; entries:",
	                   (long long)json_integer_value(json_object_get(root, "records")));
	const char *key;
	json_t *value;
	/* the databases as the index's manifest names them */
	json_object_foreach(entries, key, value)
	{
		total += json_integer_value(value);
		if (len > 0 && (size_t)len < sizeof row->what)
			len += snprintf(row->what + len, sizeof row->what - (size_t)len, " %s %lld,", key,
			                (long long)json_integer_value(value));
	}
	if (len > 0 && (size_t)len < sizeof row->what && row->what[len - 1] == ',')
		row->what[len - 1] = '\0';
	snprintf(row->engine, sizeof row->engine, "tracuu");
	row->entries = total;
	row->seconds = json_real_value(json_object_get(root, "seconds"));
	json_t *cpu = json_object_get(root, "cpu_seconds");
	row->cpu_seconds = cpu ? json_real_value(cpu) : -1;
	row->bytes = json_integer_value(json_object_get(root, "bytes"));
	row->compacted_bytes = compact ? json_integer_value(json_object_get(compact, "bytes")) : -1;
	row->peak_rss_kb = json_integer_value(json_object_get(root, "peak_rss_kb"));
	row->growth_kb = -1;
	json_decref(root);
	return 0;
}

/* Stock Xapian's rows of the report FILE (an earlier --json), for the
 * ratios of a run that leaves Xapian out. */
static int read_baseline(bench *b, const char *file)
{
	json_error_t jerr;
	json_t *root = json_load_file(file, 0, &jerr);
	if (!root) {
		fprintf(stderr, "bench_latency: --baseline %s: %s\n", file, jerr.text);
		return -1;
	}
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(root, "results"), i, r)
	{
		const char *engine_name = json_string_value(json_object_get(r, "engine"));
		const char *shape = json_string_value(json_object_get(r, "shape"));
		lat_shape s = shape ? lat_shape_parse(shape, strlen(shape)) : LAT_SHAPE_COUNT;
		json_int_t bound = json_integer_value(json_object_get(r, "count_bound"));
		if (!engine_name || strcmp(engine_name, "xapian") != 0 || s == LAT_SHAPE_COUNT ||
		    (bound && bound != (json_int_t)b->opt.count_bound))
			continue;
		int bounded = bound != 0;
		measurement *m = &b->baseline[bounded][s];
		m->count_bound = (uint32_t)bound;
		m->shape = s;
		m->engine = ENGINE_XAPIAN;
		m->n = (size_t)json_integer_value(json_object_get(r, "queries"));
		m->p50 = json_number_value(json_object_get(r, "p50_ms"));
		m->p99 = json_number_value(json_object_get(r, "p99_ms"));
		m->cpu_p50 = json_number_value(json_object_get(r, "cpu_p50_ms"));
		m->cpu_p99 = json_number_value(json_object_get(r, "cpu_p99_ms"));
		b->has_baseline[bounded][s] = 1;
	}
	json_decref(root);
	return 0;
}

/* ---- the report ---- */

/* The row of SHAPE on ENG (tracuu: in TARGET; a peer: counting up to
 * COUNT_BOUND, 0 exact). */
static const measurement *find_result(const bench *b, lat_shape shape, engine eng, int target,
                                      uint32_t count_bound)
{
	for (size_t i = 0; i < b->result_count; i++) {
		const measurement *m = &b->results[i];
		if (m->shape == shape && m->engine == eng && (eng != ENGINE_TRACUU || m->target == target) &&
		    m->count_bound == count_bound)
			return m;
	}
	return NULL;
}

/* Stock Xapian's row of SHAPE, counting exactly or (BOUNDED) up to
 * --count-bound: this run's, else the --baseline report's. */
static const measurement *xapian_row(const bench *b, lat_shape shape, int bounded)
{
	if (bounded && !b->opt.count_bound)
		return NULL;
	const measurement *x = find_result(b, shape, ENGINE_XAPIAN, 0, bounded ? b->opt.count_bound : 0);
	if (!x && b->has_baseline[bounded][shape])
		x = &b->baseline[bounded][shape];
	return x && x->p50 > 0 && x->p99 > 0 && x->cpu_p50 > 0 && x->cpu_p99 > 0 ? x : NULL;
}

static void row_name(const measurement *m, char *out, size_t size)
{
	if (m->engine == ENGINE_TRACUU)
		snprintf(out, size, "tracuu %s", target_names[m->target]);
	else if (m->count_bound)
		snprintf(out, size, "%s%s, count ≤ %u", engine_names[m->engine],
		         lat_shape_peer_approximate(m->shape) ? " ≈" : "", m->count_bound);
	else
		snprintf(out, size, "%s%s", engine_names[m->engine],
		         lat_shape_peer_approximate(m->shape) ? " ≈" : "");
}

static double mb(long long bytes)
{
	return (double)bytes / 1e6;
}

/* The targets at a glance (p50 ≤ 1.0×, p99 ≤ 1.5× stock Xapian),
 * in wall time, or in CPU time: on a shared machine the steadier of the two;
 * against stock Xapian counting exactly, or (BOUNDED) up to --count-bound. */
static void print_ratios(const bench *b, int cpu, int bounded)
{
	int any = 0;
	for (int s = 0; s < LAT_SHAPE_COUNT; s++)
		any |= xapian_row(b, (lat_shape)s, bounded) != NULL;
	if (!any)
		return;
	printf("\ntracuu ÷ stock Xapian counting %s, p50 / p99 in %s (targets: p50 ≤ 1.0, "
	       "p99 ≤ 1.5):\n\n| shape |",
	       bounded ? "up to --count-bound" : "exactly", cpu ? "CPU time" : "wall time");
	for (int t = 0; t < TARGET_COUNT; t++)
		if (b->opt.target_on[t])
			printf(" %s |", target_names[t]);
	printf("\n|---|");
	for (int t = 0; t < TARGET_COUNT; t++)
		if (b->opt.target_on[t])
			printf("---|");
	printf("\n");
	for (int s = 0; s < LAT_SHAPE_COUNT; s++) {
		const measurement *x = xapian_row(b, (lat_shape)s, bounded);
		if (!x || !b->opt.shape_on[s])
			continue;
		printf("| %s |", lat_shape_titles[s]);
		for (int t = 0; t < TARGET_COUNT; t++) {
			if (!b->opt.target_on[t])
				continue;
			const measurement *m = find_result(b, (lat_shape)s, ENGINE_TRACUU, t, 0);
			if (!m)
				printf(" – |");
			else if (cpu)
				printf(" %.1f / %.1f |", m->cpu_p50 / x->cpu_p50, m->cpu_p99 / x->cpu_p99);
			else
				printf(" %.1f / %.1f |", m->p50 / x->p50, m->p99 / x->p99);
		}
		printf("\n");
	}
}

static void print_report(const bench *b)
{
	printf("## Latency, %s%s%s\n\n", b->date, b->opt.label ? ", " : "", b->opt.label ? b->opt.label : "");
	printf("One thread, in-process, after one warm-up pass; %zu queries per shape at most "
	       "(seed %llu); load average %.2f at the start, %.2f at the end (%ld cores).\n\n",
	       b->opt.queries, (unsigned long long)b->opt.seed, b->load_start[0], b->load_end[0],
	       sysconf(_SC_NPROCESSORS_ONLN));
	if (b->build_count) {
		printf("| engine | built | entries | seconds | CPU s | entries/s | size MB | compacted MB "
		       "| peak RSS MB |\n");
		printf("|---|---|---|---|---|---|---|---|---|\n");
		for (size_t i = 0; i < b->build_count; i++) {
			const build_row *r = &b->builds[i];
			printf("| %s | %s | %lld | %.1f | ", r->engine, r->what, r->entries, r->seconds);
			if (r->cpu_seconds >= 0)
				printf("%.1f", r->cpu_seconds);
			else
				printf("–");
			printf(" | %.0f | %.0f | ", r->seconds > 0 ? (double)r->entries / r->seconds : 0,
			       mb(r->bytes));
			if (r->compacted_bytes >= 0)
				printf("%.0f", mb(r->compacted_bytes));
			else
				printf("–");
			printf(" | %.0f", (double)r->peak_rss_kb / 1024);
			if (r->growth_kb >= 0)
				printf(" (+%.0f building)", (double)r->growth_kb / 1024);
			printf(" |\n");
		}
		printf("\n");
	}
	if (b->searcher)
		printf("tracuu's searcher: +%.0f MB RSS opening the index, +%.0f MB kept after serving "
		       "every query, +%.0f MB at the peak of a pass (over the process before it).\n\n",
		       (double)b->searcher_open_kb / 1024,
		       (double)(b->searcher_open_kb + b->searcher_kb) / 1024,
		       (double)b->searcher_peak_kb / 1024);
	if (!b->result_count)
		return;

	printf("| shape | engine | queries | p50 ms | p99 ms | queries/s | CPU p50 ms | ≥1 hit "
	       "| median total | p50 ÷ xapian | p99 ÷ xapian |\n");
	printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
	for (int s = 0; s < LAT_SHAPE_COUNT; s++) {
		const measurement *x = xapian_row(b, (lat_shape)s, 0);
		int first = 1;
		for (size_t i = 0; i < b->result_count; i++) {
			const measurement *m = &b->results[i];
			if (m->shape != (lat_shape)s)
				continue;
			char name[64];
			row_name(m, name, sizeof name);
			printf("| %s | %s | %zu | %.2f | %.2f | %.1f | %.2f | %.0f%% | %llu |",
			       first ? lat_shape_titles[s] : "", name, m->n, m->p50, m->p99, m->qps,
			       m->cpu_p50, m->n ? 100.0 * (double)m->with_hits / (double)m->n : 0.0,
			       (unsigned long long)m->median_total);
			if (m->engine == ENGINE_TRACUU && x)
				printf(" %.2f× | %.2f× |\n", m->p50 / x->p50, m->p99 / x->p99);
			else
				printf(" | |\n");
			first = 0;
		}
	}
	printf("\n≈: the peer runs the closest equivalent it has: the words of the number or citation "
	       "(it recognizes neither); for the listing, stock Xapian a boolean type term and a date "
	       "range sorted on a date value, FTS5 an ORDER BY over an indexed metadata table. "
	       "\"count ≤ N\": the peer counts up to N matches, as tracuu does (\"at least N\" beyond).\n");
	if (b->opt.baseline && !b->opt.engine_on[ENGINE_XAPIAN])
		printf("Stock Xapian's figures (the ratios) come from %s.\n", b->opt.baseline);
	for (size_t i = 0; i < b->result_count; i++)
		if (b->results[i].failed) {
			char name[64];
			row_name(&b->results[i], name, sizeof name);
			printf("%s, %s: %zu queries failed; first: %s\n",
			       lat_shape_names[b->results[i].shape], name, b->results[i].failed,
			       b->results[i].first_error);
		}

	print_ratios(b, 0, 0);
	print_ratios(b, 1, 0);
	print_ratios(b, 1, 1);
}

static json_t *query_json(const lat_query *q)
{
	static const char *const forms[] = {"words", "phrase", "all", "listing"};
	json_t *peer = json_pack("{s:s}", "form", forms[q->peer.form]);
	if (q->peer.form == EVAL_QUERY_LISTING) {
		json_object_set_new(peer, "type", json_string(q->peer.type_slug));
		json_object_set_new(peer, "year_from", json_integer(q->peer.year_from));
		json_object_set_new(peer, "year_to", json_integer(q->peer.year_to));
	} else {
		json_object_set_new(peer, "text", json_string(q->peer.text));
	}
	return json_pack("{s:s, s:o}", "text", q->text, "peer", peer);
}

static json_t *number_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static int write_json(const bench *b)
{
	json_t *root = json_object();
	json_object_set_new(root, "date", json_string(b->date));
	json_object_set_new(root, "label", b->opt.label ? json_string(b->opt.label) : json_null());
	json_object_set_new(root, "machine",
	                    json_pack("{s:i, s:[f,f,f], s:[f,f,f]}", "cores",
	                              (json_int_t)sysconf(_SC_NPROCESSORS_ONLN), "loadavg_start",
	                              b->load_start[0], b->load_start[1], b->load_start[2], "loadavg_end",
	                              b->load_end[0], b->load_end[1], b->load_end[2]));
	json_object_set_new(root, "seed", json_integer((json_int_t)b->opt.seed));
	json_object_set_new(root, "queries_per_shape", json_integer((json_int_t)b->opt.queries));
	json_object_set_new(root, "codified_articles", json_integer((json_int_t)b->data.articles.count));
	json_t *builds = json_array();
	for (size_t i = 0; i < b->build_count; i++) {
		const build_row *r = &b->builds[i];
		json_t *row = json_pack("{s:s, s:s, s:I, s:f, s:f, s:I, s:I}", "engine", r->engine, "built",
		                        r->what, "entries", (json_int_t)r->entries, "seconds", r->seconds,
		                        "entries_per_second",
		                        r->seconds > 0 ? (double)r->entries / r->seconds : 0.0, "bytes",
		                        (json_int_t)r->bytes, "peak_rss_kb", (json_int_t)r->peak_rss_kb);
		json_object_set_new(row, "cpu_seconds",
		                    r->cpu_seconds >= 0 ? json_real(r->cpu_seconds) : json_null());
		json_object_set_new(row, "compacted_bytes",
		                    r->compacted_bytes >= 0 ? json_integer(r->compacted_bytes) : json_null());
		json_object_set_new(row, "build_rss_growth_kb",
		                    r->growth_kb >= 0 ? json_integer(r->growth_kb) : json_null());
		json_array_append_new(builds, row);
	}
	json_object_set_new(root, "builds", builds);
	if (b->searcher)
		json_object_set_new(root, "searcher",
		                    json_pack("{s:I, s:I, s:I}", "rss_open_kb",
		                              (json_int_t)b->searcher_open_kb, "rss_kb",
		                              (json_int_t)(b->searcher_open_kb + b->searcher_kb),
		                              "rss_peak_kb", (json_int_t)b->searcher_peak_kb));
	json_t *results = json_array();
	for (size_t i = 0; i < b->result_count; i++) {
		const measurement *m = &b->results[i];
		json_t *r =
		        json_pack("{s:s, s:s, s:b, s:I, s:I, s:I, s:o, s:o, s:f, s:f, s:I}", "shape",
		                  lat_shape_names[m->shape], "engine", engine_names[m->engine], "approximate",
		                  m->engine != ENGINE_TRACUU && lat_shape_peer_approximate(m->shape),
		                  "queries", (json_int_t)m->n, "with_hits", (json_int_t)m->with_hits,
		                  "failed", (json_int_t)m->failed, "p50_ms", number_or_null(m->p50), "p99_ms",
		                  number_or_null(m->p99), "queries_per_second", m->qps, "hit_share",
		                  m->n ? (double)m->with_hits / (double)m->n : 0.0, "median_total",
		                  (json_int_t)m->median_total);
		json_object_set_new(r, "count_bound",
		                    m->count_bound ? json_integer(m->count_bound) : json_null());
		json_object_set_new(r, "cpu_p50_ms", number_or_null(m->cpu_p50));
		json_object_set_new(r, "cpu_p99_ms", number_or_null(m->cpu_p99));
		if (m->engine == ENGINE_TRACUU) {
			json_object_set_new(r, "target", json_string(target_names[m->target]));
			for (int bounded = 0; bounded < 2; bounded++) {
				const measurement *x = xapian_row(b, m->shape, bounded);
				if (!x)
					continue;
				const char *suffix = bounded ? "_bounded" : "";
				char key[64];
				snprintf(key, sizeof key, "p50_ratio_xapian%s", suffix);
				json_object_set_new(r, key, json_real(m->p50 / x->p50));
				snprintf(key, sizeof key, "p99_ratio_xapian%s", suffix);
				json_object_set_new(r, key, json_real(m->p99 / x->p99));
				snprintf(key, sizeof key, "cpu_p50_ratio_xapian%s", suffix);
				json_object_set_new(r, key, json_real(m->cpu_p50 / x->cpu_p50));
				snprintf(key, sizeof key, "cpu_p99_ratio_xapian%s", suffix);
				json_object_set_new(r, key, json_real(m->cpu_p99 / x->cpu_p99));
			}
		}
		if (m->failed)
			json_object_set_new(r, "first_error", json_string(m->first_error));
		json_array_append_new(results, r);
	}
	json_object_set_new(root, "results", results);
	json_t *queries = json_object();
	for (int s = 0; s < LAT_SHAPE_COUNT; s++) {
		if (!b->opt.shape_on[s])
			continue;
		json_t *list = json_array();
		for (size_t i = 0; i < b->sets[s].count; i++)
			json_array_append_new(list, query_json(&b->sets[s].queries[i]));
		json_object_set_new(queries, lat_shape_names[s], list);
	}
	json_object_set_new(root, "queries", queries);
	int rc = json_dump_file(root, b->opt.json_path, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (rc < 0)
		fprintf(stderr, "bench_latency: cannot write %s\n", b->opt.json_path);
	return rc;
}

/* ---- options ---- */

static void usage(FILE *out)
{
	fputs("usage: bench_latency --db INDEX [OPTIONS]\n\n"
	      "The latency of tracuu's search (tc_search: a page of 10, snippets, the total) against\n"
	      "stock Xapian and SQLite FTS5 built over the same codified articles, per query shape,\n"
	      "one thread, after a warm-up pass. See benchmarks/latency/README.md.\n\n"
	      "options:\n"
	      "  --db DIR            the full tracuu index (run.sh builds it)\n"
	      "  --phapdien DIR      the pháp điển (default ../shared/corpus/phapdien)\n"
	      "  --alqac DIR         the ALQAC questions (default ../shared/corpus/alqac2024)\n"
	      "  --shape LIST        comma-separated, from: word phrase and3 question unaccented\n"
	      "                      number citation listing (default: all)\n"
	      "  --target LIST       tracuu's targets: all codified provisions docs (default: all four)\n"
	      "  --engines LIST      tracuu xapian fts5 (default: all three)\n"
	      "  --queries N         queries per shape (default 100)\n"
	      "  --seed N            the seed of the query sets (default 1)\n"
	      "  --loop SECONDS      perf mode: one shape on one engine (and target), looped for\n"
	      "                      SECONDS after the warm-up; prints the pid to attach perf to\n"
	      "  --print-queries     print the query sets (tracuu's text) and stop\n"
	      "  --json FILE         also write every figure and the query sets as JSON\n"
	      "  --tracuu-build FILE the index build's figures (run.sh writes them) for the build table\n"
	      "  --workdir DIR       build the peers in DIR/xapian and DIR/fts5 and keep them (default:\n"
	      "                      a temporary folder, removed at the end)\n"
	      "  --label TEXT        a note for the report (run.sh: the commit)\n"
	      "  --baseline FILE     without xapian among --engines: its figures for the ratios from an\n"
	      "                      earlier report (--json FILE), to iterate on tracuu alone\n"
	      "  --count-bound N     the peers also run counting up to N matches (\"at least N\"), in rows\n"
	      "                      of their own (default: as tracuu, TC_TOTAL_EXACT_UP_TO; 0: not)\n",
	      out);
}

/* Parse a comma-separated LIST of NAMES (COUNT of them) into ON. */
static int parse_list(const char *list, const char *const *names, int count, int *on, const char *what)
{
	memset(on, 0, (size_t)count * sizeof *on);
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		int k = 0;
		while (k < count && !(strlen(names[k]) == len && !strncmp(names[k], p, len)))
			k++;
		if (k == count) {
			fprintf(stderr, "bench_latency: unknown %s '%.*s'\n", what, (int)len, p);
			return -1;
		}
		on[k] = 1;
		p += len + (p[len] == ',');
	}
	return 0;
}

static int parse_options(int argc, char **argv, options *opt)
{
	static const struct option long_options[] = {
	        {"db", required_argument, NULL, 'd'},       {"phapdien", required_argument, NULL, 'p'},
	        {"alqac", required_argument, NULL, 'a'},    {"shape", required_argument, NULL, 's'},
	        {"target", required_argument, NULL, 't'},   {"engines", required_argument, NULL, 'e'},
	        {"queries", required_argument, NULL, 'n'},  {"seed", required_argument, NULL, 'r'},
	        {"loop", required_argument, NULL, 'l'},     {"print-queries", no_argument, NULL, 'q'},
	        {"json", required_argument, NULL, 'j'},     {"tracuu-build", required_argument, NULL, 'b'},
	        {"workdir", required_argument, NULL, 'w'},  {"label", required_argument, NULL, 'L'},
	        {"baseline", required_argument, NULL, 'B'}, {"count-bound", required_argument, NULL, 'c'},
	        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0},
	};
	memset(opt, 0, sizeof *opt);
	opt->phapdien = "../shared/corpus/phapdien";
	opt->alqac = "../shared/corpus/alqac2024";
	opt->queries = 100;
	/* tracuu counts exactly up to this many matches (query.h): the peers
	 * do both */
	opt->count_bound = TC_TOTAL_EXACT_UP_TO;
	opt->seed = 1;
	for (int i = 0; i < LAT_SHAPE_COUNT; i++)
		opt->shape_on[i] = 1;
	for (int i = 0; i < TARGET_COUNT; i++)
		opt->target_on[i] = 1;
	for (int i = 0; i < ENGINE_COUNT; i++)
		opt->engine_on[i] = 1;
	int c;
	char *end;
	while ((c = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
		switch (c) {
		case 'd': opt->db = optarg; break;
		case 'p': opt->phapdien = optarg; break;
		case 'a': opt->alqac = optarg; break;
		case 's':
			if (parse_list(optarg, lat_shape_names, LAT_SHAPE_COUNT, opt->shape_on, "shape") < 0)
				return -1;
			break;
		case 't':
			if (parse_list(optarg, target_names, TARGET_COUNT, opt->target_on, "target") < 0)
				return -1;
			break;
		case 'e':
			if (parse_list(optarg, engine_names, ENGINE_COUNT, opt->engine_on, "engine") < 0)
				return -1;
			break;
		case 'n':
			opt->queries = strtoul(optarg, &end, 10);
			if (*end || !opt->queries) {
				fprintf(stderr, "bench_latency: --queries takes a positive number\n");
				return -1;
			}
			break;
		case 'r': opt->seed = strtoull(optarg, NULL, 10); break;
		case 'l':
			opt->loop_seconds = strtod(optarg, &end);
			if (*end || opt->loop_seconds <= 0) {
				fprintf(stderr, "bench_latency: --loop takes a number of seconds\n");
				return -1;
			}
			break;
		case 'q': opt->print_queries = 1; break;
		case 'j': opt->json_path = optarg; break;
		case 'b': opt->tracuu_build = optarg; break;
		case 'w': opt->workdir = optarg; break;
		case 'L': opt->label = optarg; break;
		case 'B': opt->baseline = optarg; break;
		case 'c':
			opt->count_bound = (uint32_t)strtoul(optarg, &end, 10);
			if (*end || !*optarg) {
				fprintf(stderr, "bench_latency: --count-bound takes a number (0: none)\n");
				return -1;
			}
			break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "bench_latency: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	if (opt->engine_on[ENGINE_TRACUU] && !opt->db && !opt->print_queries) {
		fprintf(stderr,
		        "bench_latency: --db INDEX is needed for tracuu (or --engines xapian,fts5)\n");
		return -1;
	}
	if (opt->loop_seconds > 0) {
		int shapes = 0, engines = 0, target_count = 0;
		for (int i = 0; i < LAT_SHAPE_COUNT; i++)
			shapes += opt->shape_on[i];
		for (int i = 0; i < ENGINE_COUNT; i++)
			engines += opt->engine_on[i];
		for (int i = 0; i < TARGET_COUNT; i++)
			target_count += opt->target_on[i];
		if (shapes != 1 || engines != 1 || (opt->engine_on[ENGINE_TRACUU] && target_count != 1)) {
			fprintf(stderr,
			        "bench_latency: --loop takes one --shape, one engine (--engines) and, for "
			        "tracuu, one --target\n");
			return -1;
		}
	}
	return 0;
}

/* ---- main ---- */

static int prepare_workdir(bench *b)
{
	if (b->opt.workdir) {
		snprintf(b->workdir, sizeof b->workdir, "%s", b->opt.workdir);
		if (mkdir(b->workdir, 0777) < 0 && errno != EEXIST) {
			fprintf(stderr, "bench_latency: cannot create %s: %s\n", b->workdir, strerror(errno));
			return -1;
		}
		return 0;
	}
	const char *tmp = getenv("TMPDIR");
	snprintf(b->workdir, sizeof b->workdir, "%s/tracuu-latency-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(b->workdir)) {
		fprintf(stderr, "bench_latency: cannot create a scratch folder %s: %s\n", b->workdir,
		        strerror(errno));
		return -1;
	}
	b->own_workdir = 1;
	return 0;
}

static int run(bench *b)
{
	tc_error err = {0};
	double start = now_seconds();
	fprintf(stderr, "bench_latency: loading %s and %s\n", b->opt.phapdien, b->opt.alqac);
	if (lat_data_load(b->opt.phapdien, b->opt.alqac, &b->data, &err) != TC_OK) {
		fprintf(stderr, "bench_latency: %s\n", err.message);
		return 1;
	}
	fprintf(stderr, "bench_latency: %zu codified articles, %zu source links, %zu questions in %.1f s\n",
	        b->data.articles.count, b->data.source_count, b->data.question_count, now_seconds() - start);
	for (int s = 0; s < LAT_SHAPE_COUNT; s++) {
		if (!b->opt.shape_on[s])
			continue;
		if (lat_make_queries(&b->data, (lat_shape)s, b->opt.queries, b->opt.seed, b->analyzer,
		                     b->arena, &b->sets[s], &err) != TC_OK) {
			fprintf(stderr, "bench_latency: %s\n", err.message);
			return 1;
		}
		if (b->sets[s].count < b->opt.queries)
			fprintf(stderr, "bench_latency: %s: %zu queries (the data holds no more)\n",
			        lat_shape_names[s], b->sets[s].count);
	}
	if (b->opt.print_queries) {
		for (int s = 0; s < LAT_SHAPE_COUNT; s++)
			for (size_t i = 0; b->opt.shape_on[s] && i < b->sets[s].count; i++) {
				/* one line per query (questions may hold line breaks) */
				printf("%s\t", lat_shape_names[s]);
				for (const char *p = b->sets[s].queries[i].text; *p; p++)
					putchar(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
				putchar('\n');
			}
		return 0;
	}

	if (b->opt.tracuu_build && b->opt.loop_seconds <= 0)
		read_tracuu_build(b);
	if (b->opt.baseline && !b->opt.engine_on[ENGINE_XAPIAN] && read_baseline(b, b->opt.baseline) < 0)
		return 1;
	if ((b->opt.engine_on[ENGINE_XAPIAN] || b->opt.engine_on[ENGINE_FTS5]) && prepare_workdir(b) < 0)
		return 1;
	for (int e = ENGINE_XAPIAN; e < ENGINE_COUNT; e++)
		if (b->opt.engine_on[e] && build_peer(b, (engine)e) < 0)
			return 1;
	if (b->opt.engine_on[ENGINE_TRACUU]) {
		long long before = status_kb("VmRSS");
		if (tc_searcher_open(b->opt.db, &b->searcher, &err) != TC_OK) {
			fprintf(stderr, "bench_latency: %s\n", err.message);
			return 1;
		}
		b->searcher_open_kb = status_kb("VmRSS") - before;
	}

	if (b->opt.loop_seconds > 0) {
		for (int s = 0; s < LAT_SHAPE_COUNT; s++)
			for (int e = 0; e < ENGINE_COUNT; e++)
				for (int t = 0; t < TARGET_COUNT; t++)
					if (b->opt.shape_on[s] && b->opt.engine_on[e] &&
					    b->opt.target_on[t] && (e == ENGINE_TRACUU || t == 0))
						return loop(b, (engine)e, t, (lat_shape)s) < 0 ? 1 : 0;
		return 0;
	}
	/* shape by shape, every engine in turn: the engines of one shape are
	 * measured minutes apart, under the same load */
	for (int s = 0; s < LAT_SHAPE_COUNT; s++) {
		if (!b->opt.shape_on[s] || !b->sets[s].count)
			continue;
		for (int t = 0; b->opt.engine_on[ENGINE_TRACUU] && t < TARGET_COUNT; t++)
			if (b->opt.target_on[t] && measure(b, ENGINE_TRACUU, t, 0, (lat_shape)s) < 0)
				return 1;
		for (int e = ENGINE_XAPIAN; e < ENGINE_COUNT; e++)
			if (b->opt.engine_on[e] &&
			    (measure(b, (engine)e, 0, 0, (lat_shape)s) < 0 ||
			     (b->opt.count_bound &&
			      measure(b, (engine)e, 0, b->opt.count_bound, (lat_shape)s) < 0)))
				return 1;
	}
	read_loadavg(b->load_end);
	print_report(b);
	if (b->opt.json_path && write_json(b) < 0)
		return 1;
	return 0;
}

int main(int argc, char **argv)
{
	bench *b = tc_calloc(1, sizeof *b);
	if (!b)
		return 1;
	if (parse_options(argc, argv, &b->opt) < 0) {
		tc_free(b);
		return 2;
	}
	read_loadavg(b->load_start);
	time_t now = time(NULL);
	strftime(b->date, sizeof b->date, "%Y-%m-%d %H:%M UTC", gmtime(&now));
	b->analyzer = tc_analyzer_new();
	b->arena = tc_arena_new(1 << 20);
	int status = b->analyzer && b->arena ? run(b) : 1;
	tc_searcher_free(b->searcher);
	for (int e = 0; e < ENGINE_COUNT; e++)
		if (b->peers[e].free)
			b->peers[e].free(b->peers[e].state);
	if (b->own_workdir && tc_remove_tree(b->workdir) < 0)
		fprintf(stderr, "bench_latency: cannot remove %s: %s\n", b->workdir, strerror(errno));
	lat_data_free(&b->data);
	tc_analyzer_free(b->analyzer);
	tc_arena_free(b->arena);
	tc_free(b->results);
	tc_free(b);
	return status;
}
