/* fuzz_alqac.c - libFuzzer target for the ALQAC law.json loader. The input
 * is written as law.json; one that does not start with "[" is given one, so
 * that the loader (not the kind detection) sees most inputs. */
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

static int touch(void *ctx, const tc_record *r)
{
	(void)ctx;
	size_t n = strlen(r->id);
	for (const tc_node *a = r->body ? r->body->first_child : NULL; a; a = a->next)
		n += strlen(a->text) + strlen(a->path);
	return n == (size_t)-1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[256];
	snprintf(path, sizeof path, "/tmp/fuzz-alqac-%ld.json", (long)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	if (size == 0 || data[0] != '[')
		fputc('[', f);
	fwrite(data, 1, size, f);
	fclose(f);
	tc_load_options opt = {0};
	opt.problem_fn = quiet;
	tc_error err;
	tc_corpus_load(path, &opt, touch, NULL, NULL, &err);
	unlink(path);
	return 0;
}
