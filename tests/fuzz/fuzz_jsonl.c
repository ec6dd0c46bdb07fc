/* fuzz_jsonl.c - libFuzzer target for the JSONL reader (and writer: every
 * record read is written again). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corpus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void quiet(void *ctx, const tc_problem *p)
{
	(void)ctx;
	(void)p;
}

static int rewrite(void *ctx, const tc_record *r)
{
	tc_error err;
	tc_record_write_jsonl(r, ctx, &err);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[256];
	snprintf(path, sizeof path, "/tmp/fuzz-jsonl-%ld.jsonl", (long)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	FILE *sink = fopen("/dev/null", "w");
	tc_load_options opt = {0};
	opt.problem_fn = quiet;
	tc_error err;
	tc_corpus_load(path, &opt, rewrite, sink, NULL, &err);
	fclose(sink);
	unlink(path);
	return 0;
}
