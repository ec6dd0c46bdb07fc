/* cmd_analyze.c - `tracuu analyze`: print the tokens the analyzer makes of a
 * text, one per line or as JSON. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "analyzer.h"
#include "cli.h"

static void usage(FILE *out)
{
	fputs("usage: tracuu analyze [--json] [--query] [--plain] [FILE]\n\n"
	      "Print the tokens of FILE (or of standard input): position, kind, exact\n"
	      "form, folded form (when different), byte offsets [start,end) in the\n"
	      "input, flags (C co-located, S clause start, U capitals).\n\n"
	      "  --json    one JSON object: {\"tokens\": [...], \"converted_from\": ...}\n"
	      "  --query   analyze as a query (QUERY flag) instead of a document\n"
	      "  --plain   syllables only (the quality baseline)\n"
	      "  --help    this text\n",
	      out);
}

static int read_all(FILE *in, tc_buf *out)
{
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
		if (tc_buf_append(out, chunk, n) < 0)
			return -1;
	return ferror(in) ? -1 : 0;
}

typedef struct print_ctx {
	json_t *tokens; /* --json */
	int failed;
} print_ctx;

static void flags_string(unsigned flags, char out[4])
{
	size_t n = 0;
	if (flags & TC_TOKEN_COLOCATED)
		out[n++] = 'C';
	if (flags & TC_TOKEN_CLAUSE_START)
		out[n++] = 'S';
	if (flags & TC_TOKEN_UPPERCASE)
		out[n++] = 'U';
	out[n] = '\0';
}

static int on_token(void *ctx_, const tc_token *t)
{
	print_ctx *ctx = ctx_;
	char flags[4];
	flags_string(t->flags, flags);
	if (!ctx->tokens) {
		int same = t->exact_len == t->folded_len && !memcmp(t->exact, t->folded, t->exact_len);
		printf("%u\t%s\t%.*s\t%.*s\t%zu-%zu\t%s\n", t->position, tc_token_kind_name(t->kind),
		       (int)t->exact_len, t->exact, same ? 0 : (int)t->folded_len, same ? "" : t->folded,
		       t->start, t->end, flags);
		return 0;
	}
	json_t *o = json_pack("{s:I, s:s, s:s%, s:s%, s:I, s:I, s:s}", "position", (json_int_t)t->position,
	                      "kind", tc_token_kind_name(t->kind), "exact", t->exact, t->exact_len, "folded",
	                      t->folded, t->folded_len, "start", (json_int_t)t->start, "end",
	                      (json_int_t)t->end, "flags", flags);
	if (!o || json_array_append_new(ctx->tokens, o) < 0) {
		ctx->failed = 1;
		return 1;
	}
	return 0;
}

int cmd_analyze(int argc, char **argv)
{
	int json = 0;
	unsigned flags = TC_ANALYZE_DOCUMENT;
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else if (!strcmp(argv[i], "--query")) {
			flags = (flags & ~(unsigned)TC_ANALYZE_DOCUMENT) | TC_ANALYZE_QUERY;
		} else if (!strcmp(argv[i], "--plain")) {
			flags |= TC_ANALYZE_PLAIN;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("analyze: unknown option '%s'", argv[i]);
			usage(stderr);
			return 2;
		} else if (!path) {
			path = argv[i];
		} else {
			cli_error("analyze: one FILE at most");
			return 2;
		}
	}
	FILE *in = stdin;
	if (path && strcmp(path, "-")) {
		in = fopen(path, "rb");
		if (!in) {
			cli_error("analyze: cannot open '%s': %s", path, strerror(errno));
			return 1;
		}
	}
	tc_buf text = {0};
	int rc = read_all(in, &text);
	if (in != stdin)
		fclose(in);
	if (rc < 0) {
		cli_error("analyze: cannot read '%s'", path ? path : "standard input");
		tc_buf_free(&text);
		return 1;
	}
	tc_analyzer *analyzer = tc_analyzer_new();
	if (!analyzer) {
		cli_error("analyze: out of memory");
		tc_buf_free(&text);
		return 1;
	}
	print_ctx ctx = {0};
	if (json && !(ctx.tokens = json_array())) {
		cli_error("analyze: out of memory");
		tc_analyzer_free(analyzer);
		tc_buf_free(&text);
		return 1;
	}
	tc_analysis_info info;
	tc_error err = {0};
	tc_status st = tc_analyzer_run(analyzer, flags, text.data ? text.data : "", text.len, on_token, &ctx,
	                               &info, &err);
	int status = 0;
	if (st != TC_OK || ctx.failed) {
		cli_error("analyze: %s", ctx.failed ? "out of memory" : err.message);
		status = 1;
	} else if (json) {
		json_t *root =
		        json_pack("{s:o, s:I, s:I}", "tokens", ctx.tokens, "token_count",
		                  (json_int_t)info.token_count, "word_count", (json_int_t)info.word_count);
		ctx.tokens = NULL;
		if (root && info.encoding != TC_ENCODING_UTF8)
			json_object_set_new(root, "converted_from",
			                    json_string(tc_encoding_name(info.encoding)));
		if (root && info.invalid_bytes)
			json_object_set_new(root, "invalid_bytes",
			                    json_integer((json_int_t)info.invalid_bytes));
		if (!root || json_dumpf(root, stdout, JSON_INDENT(1)) < 0) {
			cli_error("analyze: cannot write JSON");
			status = 1;
		}
		fputc('\n', stdout);
		json_decref(root);
	} else if (info.encoding != TC_ENCODING_UTF8) {
		fprintf(stderr, "converted from %s\n", tc_encoding_name(info.encoding));
	}
	json_decref(ctx.tokens);
	tc_analyzer_free(analyzer);
	tc_buf_free(&text);
	return status;
}
