/* fuzz_analyzer.c - the analyzer on arbitrary bytes, document and query
 * side: no crash, offsets inside the input, positions never decreasing. */
#include <stdint.h>
#include <stdlib.h>

#include "analyzer.h"

typedef struct fuzz_ctx {
	size_t len;
	uint32_t last_position;
} fuzz_ctx;

static int on_token(void *vctx, const tc_token *t)
{
	fuzz_ctx *ctx = vctx;
	if (t->start > t->end || t->end > ctx->len || t->exact_len == 0)
		abort();
	if (t->position < ctx->last_position && !(t->flags & TC_TOKEN_COLOCATED))
		abort();
	ctx->last_position = t->position;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static tc_analyzer *analyzer;
	if (!analyzer)
		analyzer = tc_analyzer_new();
	static const unsigned modes[] = {TC_ANALYZE_DOCUMENT, TC_ANALYZE_QUERY, TC_ANALYZE_DOCUMENT | TC_ANALYZE_PLAIN};
	for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
		fuzz_ctx ctx = {.len = size};
		tc_error err;
		tc_analyzer_run(analyzer, modes[m], (const char *)data, size, on_token, &ctx, NULL, &err);
	}
	tc_buf out = {0};
	tc_analyzer_normalize(analyzer, (const char *)data, size, 1, &out);
	tc_doc_number_normalize((const char *)data, size, 0, &out);
	tc_buf_free(&out);
	return 0;
}
