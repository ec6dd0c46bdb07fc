/* test_corpus_bad.c - bad input: a truncated .zst, a corrupt .zst, binary
 * garbage as HTML, an invalid JSONL line, a law.json with a missing field
 * and with a broken item. Each is reported with its file and line or byte
 * offset, and the rest still loads. Built from the bundled sample. */
#include "test_util.h"

#include <sys/stat.h>

static const char *const good_id = "012d9b93-c11d-48b6-b08e-14d77515ca1e";
static const char *const other_id = "913b88fd-89da-4fc5-8268-477ae6d71bac";

static int count_record(void *ctx, const tc_record *r)
{
	(void)r;
	(*(long *)ctx)++;
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *data = malloc((size_t)n + 1);
	if (fread(data, 1, (size_t)n, f) != (size_t)n)
		exit(1);
	fclose(f);
	data[n] = '\0';
	*len = (size_t)n;
	return data;
}

/* A pháp điển folder with the good file and a damaged copy of another. */
static void phapdien_case(const char *name, const char *damaged, size_t damaged_len, const char *ext,
                          tc_problem_kind want_kind, const char *want_text)
{
	char dir[4096], p[4300];
	make_temp_dir(dir, sizeof dir);
	snprintf(p, sizeof p, "%s/demuc", dir);
	mkdir(p, 0755);
	size_t len;
	char src[4300];
	snprintf(src, sizeof src, "%s/phapdien/demuc/%s.html.zst", sample_dir(), good_id);
	char *good = slurp(src, &len);
	snprintf(p, sizeof p, "%s/demuc/%s.html.zst", dir, good_id);
	write_bytes(p, good, len);
	free(good);
	snprintf(p, sizeof p, "%s/demuc/%s%s", dir, other_id, ext);
	write_bytes(p, damaged, damaged_len);
	char tsv[1024];
	int n = snprintf(tsv, sizeof tsv,
	                 "demuc_number\tdemuc_id\tdemuc_name\tchude_id\n36.3\t%s\tThanh niên\tx\n7.7\t%s\tSử "
	                 "dụng năng "
	                 "lượng\ty\n",
	                 good_id, other_id);
	snprintf(p, sizeof p, "%s/demuc.tsv", dir);
	write_bytes(p, tsv, (size_t)n);
	problem_log log = {0};
	long records = 0;
	tc_load_summary sum = {0};
	tc_error err = {0};
	CHECK(load_logged(dir, 0, count_record, &records, &log, &sum, &err) == TC_OK, "%s: %s", name,
	      err.message);
	CHECK(records == 126, "%s: the good file still loads: %ld", name, records);
	const char *found = find_problem(&log, want_kind, want_text);
	CHECK(found != NULL, "%s: no %s problem with '%s' (%d problems: %s)", name,
	      tc_problem_kind_name(want_kind), want_text, log.count, log.count ? log.text[0] : "");
	if (found)
		CHECK(strstr(found, other_id) != NULL, "%s: the file is named: %s", name, found);
	CHECK(sum.skipped >= 1, "%s: skipped %lld", name, sum.skipped);
	printf("%s: %s\n", name, found ? found : "(none)");
	remove_tree(dir);
}

static void zst_cases(void)
{
	char src[4300];
	size_t len;
	snprintf(src, sizeof src, "%s/phapdien/demuc/%s.html.zst", sample_dir(), other_id);
	char *zst = slurp(src, &len);
	/* truncated: the first half */
	phapdien_case("truncated zst", zst, len / 2, ".html.zst", TC_PROBLEM_ZSTD, "byte offset");
	/* corrupt: bytes in the middle overwritten */
	char *bad = malloc(len);
	memcpy(bad, zst, len);
	for (size_t i = len / 3; i < len / 3 + 64; i++)
		bad[i] = (char)(bad[i] ^ 0x5A);
	phapdien_case("corrupt zst", bad, len, ".html.zst", TC_PROBLEM_ZSTD,
	              "corrupt zstd data near byte offset");
	/* binary garbage in place of the HTML */
	unsigned seed = 12345;
	for (size_t i = 0; i < len; i++) {
		seed = seed * 1103515245u + 12345u;
		bad[i] = (char)(seed >> 16);
	}
	phapdien_case("binary html", bad, len, ".html", TC_PROBLEM_BINARY, "binary data");
	/* tc_read_file on a truncated .zst: a clear error with the offset */
	char dir[4096], p[4300];
	make_temp_dir(dir, sizeof dir);
	snprintf(p, sizeof p, "%s/cut.zst", dir);
	write_bytes(p, zst, len - 10);
	char *data = NULL;
	size_t dlen;
	tc_error err = {0};
	CHECK(tc_read_file(p, &data, &dlen, &err) == TC_ERR_INPUT, "truncated read fails");
	CHECK(strstr(err.message, "truncated") && strstr(err.message, "byte offset") &&
	              strstr(err.message, "cut.zst"),
	      "message: %s", err.message);
	CHECK(data == NULL, "no data");
	remove_tree(dir);
	free(bad);
	free(zst);
}

static void jsonl_case(void)
{
	char dir[4096], p[4300];
	make_temp_dir(dir, sizeof dir);
	snprintf(p, sizeof p, "%s/records.jsonl", dir);
	FILE *out = fopen(p, "w");
	char src[4300];
	snprintf(src, sizeof src, "%s/alqac/law.json", sample_dir());
	/* line 1, 2: good records; line 3: not JSON; line 4: no id; line 5: good */
	tc_record r = {0};
	r.kind = TC_RECORD_DOCUMENT;
	r.id = "test/1";
	r.title = "Một";
	tc_error err;
	tc_record_write_jsonl(&r, out, &err);
	r.id = "test/2";
	tc_record_write_jsonl(&r, out, &err);
	fputs("{\"kind\": \"document\", \"id\": \"test/3\", oops\n", out);
	fputs("{\"kind\": \"document\", \"title\": \"no id\"}\n", out);
	r.id = "test/5";
	tc_record_write_jsonl(&r, out, &err);
	fclose(out);
	problem_log log = {0};
	long records = 0;
	tc_load_summary sum = {0};
	CHECK(load_logged(p, 0, count_record, &records, &log, &sum, &err) == TC_OK, "jsonl: %s", err.message);
	CHECK(records == 3, "good lines loaded: %ld", records);
	CHECK(sum.skipped == 2, "skipped %lld", sum.skipped);
	const char *syn = find_problem(&log, TC_PROBLEM_SYNTAX, "records.jsonl:3:");
	CHECK(syn != NULL, "line 3 reported: %s", log.count ? log.text[0] : "");
	const char *miss = find_problem(&log, TC_PROBLEM_MISSING_FIELD, "records.jsonl:4:");
	CHECK(miss && strstr(miss, "\"id\""), "line 4 reported: %s", log.count > 1 ? log.text[1] : "");
	remove_tree(dir);
}

static void alqac_case(void)
{
	char dir[4096], p[4300];
	make_temp_dir(dir, sizeof dir);
	snprintf(p, sizeof p, "%s/law.json", dir);
	const char *json =
	        "[\n"
	        "  {\n    \"id\": \"Luật Một\",\n    \"articles\": [\n      {\"id\": \"1\", \"text\": "
	        "\"Phạm vi\\n\\nLuật này quy định.\"}\n    ]\n  },\n"
	        "  {\n    \"id\": \"Luật Hai\"\n  },\n"
	        "  {\n    \"id\": \"Luật Ba\",\n    \"articles\": [\n      {\"id\": \"1\", \"text\": "
	        "\"Đối tượng\\n\\nÁp dụng\", }\n    ]\n  },\n"
	        "  {\n    \"id\": \"Bộ luật Bốn\",\n    \"articles\": [\n      {\"id\": \"2\", \"text\": "
	        "\"Điều\\n\\nThân\"},\n      {\"text\": \"no id\"}\n    ]\n  }\n"
	        "]\n";
	write_bytes(p, json, strlen(json));
	problem_log log = {0};
	long records = 0;
	tc_load_summary sum = {0};
	tc_error err = {0};
	CHECK(load_logged(p, 0, count_record, &records, &log, &sum, &err) == TC_OK, "alqac: %s", err.message);
	CHECK(records == 2, "laws loaded: %ld (Luật Một, Bộ luật Bốn)", records);
	const char *miss = find_problem(&log, TC_PROBLEM_MISSING_FIELD, "law.json:8:");
	CHECK(miss != NULL, "Luật Hai (line 8) reported: %s", log.count ? log.text[0] : "");
	const char *syn = find_problem(&log, TC_PROBLEM_SYNTAX, "law.json:");
	CHECK(syn != NULL, "the broken item of Luật Ba reported");
	const char *art = find_problem(&log, TC_PROBLEM_MISSING_FIELD, "lacks \"id\"");
	CHECK(art != NULL, "the article without id reported");
	CHECK(sum.skipped == 2, "skipped %lld", sum.skipped);
	for (int i = 0; i < log.count && i < 64; i++)
		printf("alqac problem: %s\n", log.text[i]);
	remove_tree(dir);
}

static void unknown_case(void)
{
	tc_error err = {0};
	CHECK(tc_corpus_load("/nonexistent/tracuu/path", NULL, count_record, NULL, NULL, &err) ==
	              TC_ERR_NOT_FOUND,
	      "missing path");
	CHECK(strstr(err.message, "/nonexistent/tracuu/path") != NULL, "message names the path: %s",
	      err.message);
	char dir[4096];
	make_temp_dir(dir, sizeof dir);
	err.code = TC_OK;
	CHECK(tc_corpus_load(dir, NULL, count_record, NULL, NULL, &err) == TC_ERR_INPUT, "an empty folder");
	CHECK(strstr(err.message, "cannot tell") != NULL, "message: %s", err.message);
	remove_tree(dir);
}

int main(void)
{
	zst_cases();
	jsonl_case();
	alqac_case();
	unknown_case();
	return check_done("corpus-bad-input");
}
