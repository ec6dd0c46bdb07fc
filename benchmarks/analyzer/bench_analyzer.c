/* bench_analyzer.c - tracuu's analyzer against ICU's word BreakIterator on
 * the same text, in the same run.
 *
 *   bench_analyzer CORPUS/phapdien/demuc [passes]
 *
 * Reads every *.html.zst of the folder, strips the tags (the same text for
 * both sides), then times, median of 5 passes each (the sides take turns
 * within a pass; CPU time of the thread, wall clock alongside):
 *   - tracuu: tc_analyzer_run(DOCUMENT) over the UTF-8 text (all terms:
 *     syllables, bigrams, numbers, document numbers, citations, dates),
 *     and the same with TC_ANALYZE_NO_REPAIR;
 *   - ICU: UTF-8 → UTF-16 (counted, since tracuu reads UTF-8 directly),
 *     ubrk_open(UBRK_WORD), iterate, u_strToLower of each word.
 * Prints MB/s and tokens/s for both, their ratio, and the allocations per
 * token of tracuu in the steady state (tc_alloc_count). Not a test. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <zstd.h>

#include "analyzer.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU time of this thread. */
static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int read_zst(const char *path, tc_buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	ZSTD_DStream *ds = ZSTD_createDStream();
	char in[1 << 16], obuf[1 << 17];
	size_t n;
	int rc = 0;
	while (rc == 0 && (n = fread(in, 1, sizeof in, f)) > 0) {
		ZSTD_inBuffer zin = {in, n, 0};
		while (zin.pos < zin.size) {
			ZSTD_outBuffer zout = {obuf, sizeof obuf, 0};
			size_t r = ZSTD_decompressStream(ds, &zout, &zin);
			if (ZSTD_isError(r)) {
				rc = -1;
				break;
			}
			if (tc_buf_append(out, obuf, zout.pos) < 0) {
				rc = -1;
				break;
			}
		}
	}
	ZSTD_freeDStream(ds);
	fclose(f);
	return rc;
}

/* A simple tag stripper: tags become one newline, so paragraphs stay apart. */
static void strip_tags(tc_buf *html, tc_buf *text)
{
	int in_tag = 0;
	for (size_t i = 0; i < html->len; i++) {
		char c = html->data[i];
		if (c == '<') {
			in_tag = 1;
			continue;
		}
		if (in_tag) {
			if (c == '>') {
				in_tag = 0;
				tc_buf_append_char(text, '\n');
			}
			continue;
		}
		tc_buf_append_char(text, c);
	}
}

typedef struct doc {
	char *text;
	size_t len;
} doc;

static size_t tokens_seen;

static int on_token(void *ctx, const tc_token *t)
{
	(void)ctx;
	(void)t;
	tokens_seen++;
	return 0;
}

/* ICU, the baseline: UTF-8 → UTF-16 (counted, since tracuu reads UTF-8
 * directly), ubrk_open(UBRK_WORD), iterate, u_strToLower of each word.
 * U16 (*U16_CAP units) is the caller's, grown as needed. Returns the
 * number of words. */
static size_t icu_pass(const doc *docs, size_t ndocs, UChar **u16_buf, int32_t *u16_cap_io)
{
	UChar *u16 = *u16_buf;
	int32_t u16_cap = *u16_cap_io;
	UChar lower[512];
	size_t words = 0;
	for (size_t i = 0; i < ndocs; i++) {
		UErrorCode st = U_ZERO_ERROR;
		int32_t n = 0;
		if ((int32_t)docs[i].len + 1 > u16_cap) {
			u16_cap = (int32_t)docs[i].len + 1; /* UTF-16 units ≤ UTF-8 bytes */
			u16 = realloc(u16, (size_t)u16_cap * sizeof *u16);
		}
		u_strFromUTF8Lenient(u16, u16_cap, &n, docs[i].text, (int32_t)docs[i].len, &st);
		if (U_FAILURE(st))
			continue;
		UBreakIterator *bi = ubrk_open(UBRK_WORD, "vi", u16, n, &st);
		if (U_FAILURE(st))
			continue;
		int32_t start = ubrk_first(bi), end;
		while ((end = ubrk_next(bi)) != UBRK_DONE) {
			if (ubrk_getRuleStatus(bi) != UBRK_WORD_NONE) {
				UErrorCode lst = U_ZERO_ERROR;
				int32_t wl = end - start;
				if (wl > 0 && wl < 256)
					u_strToLower(lower, 512, u16 + start, wl, "vi", &lst);
				words++;
			}
			start = end;
		}
		ubrk_close(bi);
	}
	*u16_buf = u16;
	*u16_cap_io = u16_cap;
	return words;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_analyzer CORPUS/phapdien/demuc [passes]\n");
		return 2;
	}
	int passes = argc > 2 ? atoi(argv[2]) : 5;
	if (passes < 1)
		passes = 5;
	DIR *dir = opendir(argv[1]);
	if (!dir) {
		perror(argv[1]);
		return 1;
	}
	doc *docs = NULL;
	size_t ndocs = 0, total = 0;
	struct dirent *de;
	while ((de = readdir(dir))) {
		size_t nl = strlen(de->d_name);
		if (nl < 9 || strcmp(de->d_name + nl - 9, ".html.zst"))
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", argv[1], de->d_name);
		tc_buf html = {0}, text = {0};
		if (read_zst(path, &html) < 0) {
			fprintf(stderr, "cannot read %s\n", path);
			continue;
		}
		strip_tags(&html, &text);
		tc_buf_free(&html);
		docs = realloc(docs, (ndocs + 1) * sizeof *docs);
		docs[ndocs].len = text.len;
		docs[ndocs].text = tc_buf_steal(&text);
		total += docs[ndocs].len;
		ndocs++;
	}
	closedir(dir);
	if (!ndocs) {
		fprintf(stderr, "no *.html.zst in %s\n", argv[1]);
		return 1;
	}
	printf("text: %zu files, %.1f MB after tag stripping\n", ndocs, (double)total / 1e6);

	/* The three runs take turns within each pass (tracuu, tracuu without
	 * repair, ICU), so that a change in the machine's load over the run
	 * falls on all three alike; each is timed by the CPU time of this
	 * thread (time spent descheduled on a shared machine is not the
	 * analyzer's) and by the wall clock. Medians of the passes. */
	tc_analyzer *analyzer = tc_analyzer_new();
	double *cpu[3], *wall[3];
	for (int k = 0; k < 3; k++) {
		cpu[k] = calloc((size_t)passes, sizeof *cpu[k]);
		wall[k] = calloc((size_t)passes, sizeof *wall[k]);
	}
	size_t tc_tokens = 0, allocs = 0, icu_tokens = 0;
	for (size_t i = 0; i < ndocs; i++) /* warm up: buffers reach their size */
		tc_analyzer_run(analyzer, TC_ANALYZE_DOCUMENT, docs[i].text, docs[i].len, on_token, NULL,
		                NULL, NULL);
	UChar *u16 = NULL;
	int32_t u16_cap = 0;
	icu_tokens = icu_pass(docs, ndocs, &u16, &u16_cap); /* warm up ICU's data too */
	for (int p = 0; p < passes; p++) {
		/* tracuu: every term (syllables, bigrams, numbers, document
		 * numbers, citations, dates), after decode and repair */
		tokens_seen = 0;
		size_t a0 = tc_alloc_count();
		double c0 = cpu_now(), t0 = now();
		for (size_t i = 0; i < ndocs; i++)
			tc_analyzer_run(analyzer, TC_ANALYZE_DOCUMENT, docs[i].text, docs[i].len, on_token,
			                NULL, NULL, NULL);
		cpu[0][p] = cpu_now() - c0;
		wall[0][p] = now() - t0;
		allocs = tc_alloc_count() - a0;
		tc_tokens = tokens_seen;
		/* the same without the decode-and-repair step (legacy encoding
		 * detection), for input already known to be good UTF-8 */
		c0 = cpu_now(), t0 = now();
		for (size_t i = 0; i < ndocs; i++)
			tc_analyzer_run(analyzer, TC_ANALYZE_DOCUMENT | TC_ANALYZE_NO_REPAIR, docs[i].text,
			                docs[i].len, on_token, NULL, NULL, NULL);
		cpu[1][p] = cpu_now() - c0;
		wall[1][p] = now() - t0;
		/* ICU */
		c0 = cpu_now(), t0 = now();
		icu_tokens = icu_pass(docs, ndocs, &u16, &u16_cap);
		cpu[2][p] = cpu_now() - c0;
		wall[2][p] = now() - t0;
	}
	tc_analyzer_free(analyzer);
	free(u16);
	for (int k = 0; k < 3; k++) {
		qsort(cpu[k], (size_t)passes, sizeof *cpu[k], cmp_double);
		qsort(wall[k], (size_t)passes, sizeof *wall[k], cmp_double);
	}
	double tc_time = cpu[0][passes / 2], tc_norepair_time = cpu[1][passes / 2],
	       icu_time = cpu[2][passes / 2];

	double mb = (double)total / 1e6;
	printf("tracuu analyzer (DOCUMENT): %8.1f MB/s %12.0f tokens/s  (%zu tokens, median of %d: %.3f s "
	       "CPU, %.3f s wall)\n",
	       mb / tc_time, (double)tc_tokens / tc_time, tc_tokens, passes, tc_time, wall[0][passes / 2]);
	printf("tracuu, NO_REPAIR (analysis only): %8.1f MB/s  (median of %d: %.3f s CPU, %.3f s wall)\n",
	       mb / tc_norepair_time, passes, tc_norepair_time, wall[1][passes / 2]);
	printf("ICU word BreakIterator+lower: %6.1f MB/s %12.0f tokens/s  (%zu words, median of %d: %.3f "
	       "s CPU, %.3f s wall)\n",
	       mb / icu_time, (double)icu_tokens / icu_time, icu_tokens, passes, icu_time,
	       wall[2][passes / 2]);
	printf("ratio (MB/s tracuu / ICU): %.2f (target >= 3); without repair: %.2f; by wall clock: %.2f\n",
	       icu_time / tc_time, icu_time / tc_norepair_time, wall[2][passes / 2] / wall[0][passes / 2]);
	printf("allocations per token: %.6f (%zu allocations in one steady-state pass)\n",
	       tc_tokens ? (double)allocs / (double)tc_tokens : 0.0, allocs);
	for (size_t i = 0; i < ndocs; i++)
		tc_free(docs[i].text);
	free(docs);
	for (int k = 0; k < 3; k++) {
		free(cpu[k]);
		free(wall[k]);
	}
	return 0;
}
