/* load.c - tc_corpus_load: tell what a path holds, set up the loader state
 * and hand over to the loader for that kind of source; the helpers every
 * loader shares (reporting, delivering, nodes, progress). */
#include "corpus-private.h"

#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* MESSAGE (NUL-terminated, in a buffer of CAP bytes) as valid UTF-8: what
 * it quotes may be cut inside a character (a "%.200s", the buffer's end) or
 * be invalid input; each such sequence becomes U+FFFD, as the analyzer
 * repairs text, and the end is cut on a character boundary. */
static void repair_message(char *message, size_t cap)
{
	char out[1024];
	size_t len = strlen(message), n = 0;
	for (size_t pos = 0; pos < len;) {
		uint32_t cp;
		int invalid = 0;
		size_t step = tc_utf8_next(message, len, pos, &cp, &invalid);
		const char *bytes = invalid ? "\xEF\xBF\xBD" : message + pos;
		size_t count = invalid ? 3 : step;
		if (n + count >= sizeof out || n + count >= cap)
			break;
		memcpy(out + n, bytes, count);
		n += count;
		pos += step ? step : 1;
	}
	memcpy(message, out, n);
	message[n] = '\0';
}

void tc__report(tc_loader *loader, tc_problem_kind kind, int skipped, const char *path, long line,
                long long offset, const char *record, const char *fmt, ...)
{
	char message[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	repair_message(message, sizeof message);
	if ((unsigned)kind >= TC_PROBLEM_KIND_COUNT)
		kind = TC_PROBLEM_OTHER;
	loader->summary->problems[kind]++;
	if (skipped)
		loader->summary->skipped++;
	if (loader->options->problem_fn) {
		tc_problem problem = {kind, skipped, path, line, offset, record, message};
		loader->options->problem_fn(loader->options->problem_ctx, &problem);
		return;
	}
	if (loader->progress_shown) {
		fputs("\r\033[K", stderr);
		loader->progress_shown = 0;
	}
	/* "PATH:LINE: reason: message" (the form editors and grep understand) */
	fprintf(stderr, "%s", path ? path : "?");
	if (line > 0)
		fprintf(stderr, ":%ld", line);
	fprintf(stderr, ": %s: %s", tc_problem_kind_name(kind), message);
	if (offset >= 0 && line <= 0)
		fprintf(stderr, " (byte offset %lld)", offset);
	if (record)
		fprintf(stderr, " [%s]", record);
	fputs(skipped ? " (skipped)\n" : "\n", stderr);
}

/* Regular files under PATH (PATH itself when it is a file), to depth 4:
 * the denominator of the progress line's ETA. */
static long long count_files(const char *path, int depth)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return 0;
	if (!S_ISDIR(st.st_mode))
		return S_ISREG(st.st_mode);
	DIR *d = depth < 4 ? opendir(path) : NULL;
	if (!d)
		return 0;
	long long n = 0;
	struct dirent *e;
	char child[4096];
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(child, sizeof child, "%s/%s", path, e->d_name);
		n += count_files(child, depth + 1);
	}
	closedir(d);
	return n;
}

static void show_progress(tc_loader *loader, int final)
{
	double t = now_seconds();
	if (!final && t - loader->last_progress < 0.25)
		return;
	loader->last_progress = t;
	double elapsed = t - loader->start_time;
	double rate = elapsed > 0 ? (double)loader->delivered / elapsed : 0;
	fprintf(stderr, "\r\033[K%lld records, %.0f/s, %.1f s", loader->delivered, rate, elapsed);
	/* The ETA counts files, the one unit every source shares; a file
	 * read twice (pháp điển notes, then articles) makes it an estimate. */
	long long done = loader->summary->files - loader->files_at_start;
	if (!final && loader->files_total > 0 && done > 0 && done < loader->files_total) {
		double left = elapsed * (double)(loader->files_total - done) / (double)done;
		fprintf(stderr, ", file %lld of %lld, ETA %.0f s", done, loader->files_total, left);
	}
	loader->progress_shown = 1;
	if (final) {
		fputc('\n', stderr);
		loader->progress_shown = 0;
	}
}

int tc__deliver(tc_loader *loader, tc_record *record)
{
	int rc;
	if (tc__record_assign_paths(loader->arena, record) < 0) {
		loader->nomem = 1;
		rc = 1;
	} else {
		rc = loader->record_fn ? loader->record_fn(loader->record_ctx, record) : 0;
	}
	loader->summary->loaded++;
	loader->delivered++;
	tc_arena_reset(loader->arena);
	if (loader->show_progress && (loader->delivered & 63) == 0)
		show_progress(loader, 0);
	if (rc) {
		loader->stopped = 1;
		return 1;
	}
	return 0;
}

tc_node *tc__node_new(tc_loader *loader, tc_node *parent, tc_node_kind kind)
{
	tc_node *node = tc_arena_calloc(loader->arena, sizeof *node);
	if (!node)
		return NULL;
	node->kind = kind;
	node->text = "";
	if (parent)
		tc_node_append(parent, node);
	return node;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static int path_join_exists(const char *dir, const char *name, int want_dir)
{
	char buf[4096];
	if ((size_t)snprintf(buf, sizeof buf, "%s/%s", dir, name) >= sizeof buf)
		return 0;
	return want_dir ? is_dir(buf) : exists(buf);
}

/* A folder of *.txt files (a Công báo source folder). */
static int dir_has_txt(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int found = 0;
	struct dirent *e;
	while (!found && (e = readdir(d)))
		found = ends_with(e->d_name, ".txt") || ends_with(e->d_name, ".txt.zst");
	closedir(d);
	return found;
}

/* The first non-space bytes of a file (decompressed), to tell JSON from
 * JSONL. Returns the first significant byte, and in *SECOND the one after
 * it (skipping space). */
static int peek_first(const char *path, int *second)
{
	tc_line_reader *r;
	*second = 0;
	if (tc_line_reader_open(path, &r, NULL) != TC_OK)
		return 0;
	const char *line;
	size_t len;
	int first = 0;
	tc_error err;
	for (int lines = 0; lines < 50 && tc_line_reader_next(r, &line, &len, &err) == 1; lines++) {
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)line[i];
			if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
				continue;
			if (i == 0 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
				i += 2;
				continue;
			}
			if (!first)
				first = c;
			else {
				*second = c;
				tc_line_reader_close(r);
				return first;
			}
		}
	}
	tc_line_reader_close(r);
	return first;
}

tc_status tc_corpus_load(const char *path, const tc_load_options *options, tc_record_fn record_fn, void *ctx,
                         tc_load_summary *summary, tc_error *err)
{
	static const tc_load_options default_options = {0};
	tc_load_summary local_summary = {0};
	tc_loader loader = {0};
	loader.options = options ? options : &default_options;
	loader.record_fn = record_fn;
	loader.record_ctx = ctx;
	loader.summary = summary ? summary : &local_summary;

	if (!exists(path))
		return tc_error_set(err, TC_ERR_NOT_FOUND, "%s: no such file or folder", path);

	enum { K_NONE, K_PHAPDIEN, K_CONGBAO, K_PDF, K_JSONL, K_ALQAC, K_TEXT } kind = K_NONE;
	if (is_dir(path)) {
		if (path_join_exists(path, "demuc", 1) && path_join_exists(path, "demuc.tsv", 0))
			kind = K_PHAPDIEN;
		else if (path_join_exists(path, "docs", 1) || dir_has_txt(path))
			kind = K_CONGBAO;
	} else if (ends_with(path, ".pdf")) {
		kind = K_PDF;
	} else if (ends_with(path, ".jsonl") || ends_with(path, ".jsonl.zst")) {
		kind = K_JSONL;
	} else if (ends_with(path, ".txt") || ends_with(path, ".txt.zst")) {
		kind = K_TEXT;
	} else {
		int second;
		int first = peek_first(path, &second);
		if (first == '[')
			kind = K_ALQAC; /* a JSON array: ALQAC law.json (checked item by item) */
		else if (first == '{')
			kind = K_JSONL;
	}
	if (kind == K_NONE)
		return tc_error_set(
		        err, TC_ERR_INPUT,
		        "%s: cannot tell what this is (expected a pháp điển folder with demuc/ and "
		        "demuc.tsv, a Công báo folder, a .txt, .pdf or .jsonl[.zst] file, or an ALQAC "
		        "law.json)",
		        path);

	loader.arena = tc_arena_new(256 * 1024);
	loader.analyzer = tc_analyzer_new();
	if (!loader.arena || !loader.analyzer) {
		tc_arena_free(loader.arena);
		tc_analyzer_free(loader.analyzer);
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
	}
	loader.show_progress = loader.options->progress && isatty(2);
	loader.start_time = loader.last_progress = now_seconds();
	loader.files_at_start = loader.summary->files;
	if (loader.show_progress)
		loader.files_total = count_files(path, 0);

	tc_status st = TC_OK;
	switch (kind) {
	case K_PHAPDIEN: st = tc__load_phapdien(&loader, path, err); break;
	case K_CONGBAO: st = tc__load_congbao(&loader, path, err); break;
	case K_PDF: st = tc__load_pdf(&loader, path, err); break;
	case K_JSONL: st = tc__load_jsonl(&loader, path, err); break;
	case K_ALQAC: st = tc__load_alqac(&loader, path, err); break;
	case K_TEXT: st = tc__load_text_document(&loader, path, "text", err); break;
	case K_NONE: break;
	}
	if (loader.show_progress)
		show_progress(&loader, 1);
	tc_arena_free(loader.arena);
	tc_analyzer_free(loader.analyzer);
	if (st == TC_OK && loader.nomem)
		st = tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
	else if (st == TC_OK && loader.stopped)
		st = tc_error_set(err, TC_ERR_ABORTED, "%s: loading stopped by the caller", path);
	return st;
}
