/* fuzz_phapdien.c - libFuzzer target for the pháp điển loader: the input
 * is one đề mục HTML file (plain or zstd) in a temporary pháp điển folder
 * with a one-row demuc.tsv. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[256];

static void quiet(void *ctx, const tc_problem *p)
{
	(void)ctx;
	(void)p;
}

static int touch_record(void *ctx, const tc_record *r)
{
	(void)ctx;
	/* read every string so the sanitizers see a bad pointer */
	size_t n = strlen(r->id);
	if (r->title)
		n += strlen(r->title);
	for (const tc_node *c = r->body; c; c = c->next)
		n += strlen(c->text);
	return n == (size_t)-1;
}

/* The scratch folder goes when the fuzzer exits. */
static void remove_dir(void) { tc_remove_tree(dir); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/fuzz-phapdien-%ld", (long)getpid());
		atexit(remove_dir);
		char p[512];
		mkdir(dir, 0700);
		snprintf(p, sizeof p, "%s/demuc", dir);
		mkdir(p, 0700);
		snprintf(p, sizeof p, "%s/demuc.tsv", dir);
		FILE *f = fopen(p, "w");
		fputs("demuc_number\tdemuc_id\tdemuc_name\tchude_id\n1.1\tfuzz\tFuzz\tc\n", f);
		fclose(f);
		snprintf(p, sizeof p, "%s/chude.tsv", dir);
		f = fopen(p, "w");
		fputs("chude_number\tchude_id\tchude_name\n1\tc\tChủ đề\n", f);
		fclose(f);
	}
	char p[512];
	snprintf(p, sizeof p, "%s/demuc/fuzz.html", dir);
	FILE *f = fopen(p, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	tc_load_options opt = {0};
	opt.problem_fn = quiet;
	opt.emit_source_docs = 1;
	tc_error err;
	tc_corpus_load(dir, &opt, touch_record, NULL, NULL, &err);
	return 0;
}
