/* test_jsonl.c - JSONL round trip: load a source, export it, re-import the
 * export and compare record by record (every field, the whole tree, by
 * writing each re-imported record again and comparing with the line it came
 * from, and by comparing the body trees directly). The full pháp điển
 * (62,323 articles, 260 MB of JSONL) takes minutes under ASan, so it runs
 * only with TRACUU_TEST_FULL_JSONL=1 and the shared corpus present. */
#include "test_util.h"

typedef struct export_ctx {
	FILE *out;
	long records;
	FILE *trees; /* each record's dumped tree, one block per record */
	tc_buf buf;
} export_ctx;

static int on_export(void *ctx, const tc_record *r)
{
	export_ctx *e = ctx;
	tc_error err;
	CHECK(tc_record_write_jsonl(r, e->out, &err) == TC_OK, "write: %s", err.message);
	tc_buf_reset(&e->buf);
	dump_tree(r->body, &e->buf, 0);
	fprintf(e->trees, "%s\n%zu\n%s", r->id, e->buf.len, e->buf.data ? e->buf.data : "");
	e->records++;
	return 0;
}

typedef struct reimport_ctx {
	FILE *original; /* the export, read line by line */
	FILE *trees;
	long records, mismatches, tree_mismatches;
	char *line;
	size_t line_cap;
	tc_buf buf, tree;
} reimport_ctx;

static int on_reimport(void *ctx, const tc_record *r)
{
	reimport_ctx *c = ctx;
	c->records++;
	ssize_t n = getline(&c->line, &c->line_cap, c->original);
	char *again = NULL;
	size_t again_len = 0;
	FILE *mem = open_memstream(&again, &again_len);
	tc_error err;
	CHECK(tc_record_write_jsonl(r, mem, &err) == TC_OK, "write again: %s", err.message);
	fclose(mem);
	if (n < 0 || (size_t)n != again_len || memcmp(c->line, again, again_len) != 0) {
		if (c->mismatches++ < 3)
			fprintf(stderr, "record %ld differs:\n  %.400s\n  %.400s\n", c->records,
			        n < 0 ? "(eof)" : c->line, again);
	}
	free(again);
	/* the tree itself */
	char id[4096];
	size_t len = 0;
	if (!fgets(id, sizeof id, c->trees) || fscanf(c->trees, "%zu\n", &len) != 1) {
		c->tree_mismatches++;
		return 0;
	}
	id[strcspn(id, "\n")] = '\0';
	tc_buf_reset(&c->tree);
	tc_buf_reserve(&c->tree, len);
	if (len && fread(c->tree.data, 1, len, c->trees) != len)
		c->tree_mismatches++;
	c->tree.len = len;
	c->tree.data[len] = '\0';
	tc_buf_reset(&c->buf);
	dump_tree(r->body, &c->buf, 0);
	if (strcmp(id, r->id) || c->buf.len != len || (len && memcmp(c->buf.data, c->tree.data, len)))
		c->tree_mismatches++;
	return 0;
}

static void round_trip(const char *source, long min_records)
{
	char dir[4096], jsonl[4200], trees[4200];
	make_temp_dir(dir, sizeof dir);
	snprintf(jsonl, sizeof jsonl, "%s/export.jsonl", dir);
	snprintf(trees, sizeof trees, "%s/trees.txt", dir);
	problem_log log = {0};
	tc_load_options opt = {0};
	opt.problem_fn = log_problem;
	opt.problem_ctx = &log;
	opt.emit_source_docs = 1;
	export_ctx e = {fopen(jsonl, "w"), 0, fopen(trees, "w"), {0}};
	tc_error err = {0};
	CHECK(tc_corpus_load(source, &opt, on_export, &e, NULL, &err) == TC_OK, "%s: %s", source,
	      err.message);
	fclose(e.out);
	fclose(e.trees);
	tc_buf_free(&e.buf);
	CHECK(e.records >= min_records, "%s: %ld records", source, e.records);

	problem_log log2 = {0};
	opt.problem_fn = log_problem;
	opt.problem_ctx = &log2;
	reimport_ctx c = {fopen(jsonl, "r"), fopen(trees, "r"), 0, 0, 0, NULL, 0, {0}, {0}};
	tc_load_summary sum = {0};
	CHECK(tc_corpus_load(jsonl, &opt, on_reimport, &c, &sum, &err) == TC_OK, "re-import: %s",
	      err.message);
	CHECK(c.records == e.records, "%s: re-imported %ld of %ld", source, c.records, e.records);
	CHECK(c.mismatches == 0, "%s: %ld records differ", source, c.mismatches);
	CHECK(c.tree_mismatches == 0, "%s: %ld trees differ", source, c.tree_mismatches);
	CHECK(log2.count == 0, "re-import problems: %d (%s)", log2.count, log2.count ? log2.text[0] : "");
	CHECK(sum.skipped == 0, "skipped %lld", sum.skipped);
	printf("%s: %ld records round-tripped\n", source, c.records);
	fclose(c.original);
	fclose(c.trees);
	free(c.line);
	tc_buf_free(&c.buf);
	tc_buf_free(&c.tree);
	remove_tree(dir);
}

int main(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/phapdien", sample_dir());
	round_trip(path, 1043);
	snprintf(path, sizeof path, "%s/alqac/law.json", sample_dir());
	round_trip(path, 1);
	snprintf(path, sizeof path, "%s/congbao", sample_dir());
	FILE *probe = fopen(path, "r");
	if (probe) {
		fclose(probe);
		round_trip(path, 1);
	}
	const char *shared = check_shared_corpus();
	const char *full = getenv("TRACUU_TEST_FULL_JSONL");
	if (shared && full && !strcmp(full, "1")) {
		snprintf(path, sizeof path, "%s/phapdien", shared);
		round_trip(path, 62323);
	}
	return check_done("jsonl");
}
