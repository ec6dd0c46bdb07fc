/* test_corpus_model.c - the model's names and lookups, provision paths, the
 * line reader over plain and .zst files, and failing each allocation in
 * turn in the line reader and in a small load. */
#include "test_util.h"

static const struct {
	const char *spelling;
	tc_doc_type type;
} type_rows[] = {
        {"Nghị định", TC_TYPE_NGHI_DINH},
        {"nghi dinh", TC_TYPE_NGHI_DINH},
        {"NGHỊ ĐỊNH", TC_TYPE_NGHI_DINH},
        {"NĐ", TC_TYPE_NGHI_DINH},
        {"nghi-dinh", TC_TYPE_NGHI_DINH},
        {"NÐ", TC_TYPE_NGHI_DINH}, /* eth for Đ */
        {"VB HN", TC_TYPE_VBHN},
        {"Văn bản hợp nhất", TC_TYPE_VBHN},
        {"VBHN", TC_TYPE_VBHN},
        {"TT Liên tịch", TC_TYPE_THONG_TU_LT},
        {"Thông tư liên tịch", TC_TYPE_THONG_TU_LT},
        {"TTLT", TC_TYPE_THONG_TU_LT},
        {"Thông tư", TC_TYPE_THONG_TU},
        {"thong tu", TC_TYPE_THONG_TU},
        {"Luật", TC_TYPE_LUAT},
        {"Bộ luật", TC_TYPE_BO_LUAT},
        {"Hiến pháp", TC_TYPE_HIEN_PHAP},
        {"Pháp lệnh", TC_TYPE_PHAP_LENH},
        {"Quyết định", TC_TYPE_QUYET_DINH},
        {"QĐ", TC_TYPE_QUYET_DINH},
        {"Nghị quyết", TC_TYPE_NGHI_QUYET},
        {"Nghị quyết liên tịch", TC_TYPE_NGHI_QUYET_LT},
        {"Chỉ thị", TC_TYPE_CHI_THI},
        {"Công văn", TC_TYPE_CONG_VAN},
        {"Kế hoạch", TC_TYPE_KE_HOACH},
        {"Nghi dinh ", TC_TYPE_NGHI_DINH},
        {"Nghi\xCC\xA3 \xC4\x91i\xCC\xA3nh", TC_TYPE_NGHI_DINH}, /* NFD */
        {"bánh mì", TC_TYPE_UNKNOWN},
        {"", TC_TYPE_UNKNOWN},
};

static const struct {
	const char *spelling;
	tc_validity validity;
} validity_rows[] = {
        {"Còn hiệu lực", TC_VALIDITY_IN_FORCE},
        {"con hieu luc", TC_VALIDITY_IN_FORCE},
        {"con-hieu-luc", TC_VALIDITY_IN_FORCE},
        {"Hết hiệu lực toàn bộ", TC_VALIDITY_EXPIRED},
        {"Hết hiệu lực", TC_VALIDITY_EXPIRED},
        {"Hết hiệu lực một phần", TC_VALIDITY_PARTLY_EXPIRED},
        {"Chưa có hiệu lực", TC_VALIDITY_NOT_YET},
        {"Ngưng hiệu lực", TC_VALIDITY_SUSPENDED},
        {"Ngưng hiệu lực một phần", TC_VALIDITY_PARTLY_SUSPENDED},
        {"Không còn phù hợp", TC_VALIDITY_OUTDATED},
        {"?", TC_VALIDITY_UNKNOWN},
};

static void test_names(void)
{
	for (size_t i = 0; i < sizeof type_rows / sizeof type_rows[0]; i++)
		CHECK(tc_doc_type_from_name(type_rows[i].spelling) == type_rows[i].type, "'%s' → %d, want %d",
		      type_rows[i].spelling, tc_doc_type_from_name(type_rows[i].spelling), type_rows[i].type);
	for (size_t i = 0; i < sizeof validity_rows / sizeof validity_rows[0]; i++)
		CHECK(tc_validity_from_name(validity_rows[i].spelling) == validity_rows[i].validity, "'%s'",
		      validity_rows[i].spelling);
	CHECK_STR(tc_doc_type_slug(TC_TYPE_NGHI_DINH), "nghi-dinh");
	CHECK_STR(tc_doc_type_name(TC_TYPE_NGHI_DINH), "Nghị định");
	CHECK_STR(tc_doc_type_abbrev(TC_TYPE_NGHI_DINH), "NĐ");
	CHECK_STR(tc_validity_slug(TC_VALIDITY_IN_FORCE), "con-hieu-luc");
	/* every name and slug maps back to its own value */
	for (int t = 1; t < TC_TYPE_COUNT; t++) {
		CHECK(tc_doc_type_from_name(tc_doc_type_name((tc_doc_type)t)) == (tc_doc_type)t, "name of %d",
		      t);
		CHECK(tc_doc_type_from_name(tc_doc_type_slug((tc_doc_type)t)) == (tc_doc_type)t, "slug of %d",
		      t);
	}
	for (int v = 0; v < TC_VALIDITY_COUNT; v++)
		CHECK(tc_validity_from_name(tc_validity_slug((tc_validity)v)) == (tc_validity)v,
		      "validity slug %d", v);
	for (int k = 0; k < TC_NODE_KIND_COUNT; k++)
		CHECK(tc_node_kind_from_name(tc_node_kind_name((tc_node_kind)k)) == (tc_node_kind)k,
		      "node kind %d", k);
	CHECK_STR(tc_problem_kind_name(TC_PROBLEM_ZSTD), "zstd");
}

static void test_paths(void)
{
	tc_record rec = {0};
	rec.kind = TC_RECORD_DOCUMENT;
	rec.id = "52/2015/nđ-cp";
	tc_node root = {0}, chapter = {0}, article = {0}, clause = {0}, point = {0}, annex = {0};
	root.kind = TC_NODE_ROOT;
	chapter.kind = TC_NODE_CHAPTER;
	chapter.number = "II";
	chapter.parent = &root;
	article.kind = TC_NODE_ARTICLE;
	article.number = "5";
	article.parent = &chapter;
	clause.kind = TC_NODE_CLAUSE;
	clause.number = "2";
	clause.parent = &article;
	point.kind = TC_NODE_POINT;
	point.number = "đ";
	point.parent = &clause;
	annex.kind = TC_NODE_ANNEX;
	annex.number = "I";
	annex.parent = &root;
	tc_buf b = {0};
	tc_provision_path(&rec, &point, &b);
	CHECK_STR(b.data, "52/2015/nđ-cp/d5/k2/đ");
	tc_provision_path(&rec, &chapter, &b);
	CHECK_STR(b.data, "52/2015/nđ-cp/cii");
	tc_provision_path(&rec, &annex, &b);
	CHECK_STR(b.data, "52/2015/nđ-cp/pli");
	tc_provision_path(&rec, &root, &b);
	CHECK_STR(b.data, "52/2015/nđ-cp");
	/* a codified article: the id names the article */
	rec.kind = TC_RECORD_CODIFIED;
	rec.id = "pd/x/123";
	article.parent = NULL;
	article.number = "36.3.LQ.1";
	tc_provision_path(&rec, &clause, &b);
	CHECK_STR(b.data, "pd/x/123/k2");
	tc_buf_free(&b);
}

static void test_line_reader(void)
{
	char dir[4096], plain[4300], zst[4300], cmd[9000];
	make_temp_dir(dir, sizeof dir);
	snprintf(plain, sizeof plain, "%s/lines.txt", dir);
	/* 3000 lines, CRLF and LF mixed, a last line without a newline */
	FILE *f = fopen(plain, "w");
	for (int i = 0; i < 3000; i++)
		fprintf(f, "dòng %d%s", i, i % 2 ? "\r\n" : "\n");
	fputs("cuối", f);
	fclose(f);
	snprintf(zst, sizeof zst, "%s/lines.dat", dir); /* compressed, but not named .zst */
	snprintf(cmd, sizeof cmd, "zstd -q -c '%s' > '%s'", plain, zst);
	int have_zstd = system(cmd) == 0;
	for (int pass = 0; pass < (have_zstd ? 2 : 1); pass++) {
		tc_line_reader *r;
		tc_error err;
		CHECK(tc_line_reader_open(pass ? zst : plain, &r, &err) == TC_OK, "open: %s", err.message);
		const char *line;
		size_t len;
		int n = 0, ok = 1;
		char want[64];
		while (tc_line_reader_next(r, &line, &len, &err) == 1) {
			if (n < 3000)
				snprintf(want, sizeof want, "dòng %d", n);
			else
				snprintf(want, sizeof want, "cuối");
			if (len != strlen(want) || memcmp(line, want, len))
				ok = 0;
			n++;
		}
		CHECK(n == 3001 && ok, "pass %d: %d lines, ok %d", pass, n, ok);
		CHECK(tc_line_reader_line_number(r) == 3001, "line number");
		tc_line_reader_close(r);
		char *data;
		size_t dlen;
		CHECK(tc_read_file(pass ? zst : plain, &data, &dlen, &err) == TC_OK && dlen > 3000 * 7,
		      "read_file");
		tc_free(data);
	}
	/* every allocation of the reader fails in turn: an error, never a crash or leak */
	for (long k = 1; k < 40; k++) {
		tc_alloc_fail_after(k);
		tc_line_reader *r = NULL;
		tc_error err = {0};
		tc_status st = tc_line_reader_open(have_zstd ? zst : plain, &r, &err);
		int rc = 1;
		if (st == TC_OK) {
			const char *line;
			size_t len;
			while ((rc = tc_line_reader_next(r, &line, &len, &err)) == 1)
				;
			tc_line_reader_close(r);
		}
		tc_alloc_fail_after(0);
		CHECK(st == TC_OK || st == TC_ERR_NOMEM, "open under failure %ld: %d", k, st);
		if (st == TC_ERR_NOMEM || rc < 0)
			CHECK(strstr(err.message, "out of memory") != NULL, "message %s", err.message);
	}
	remove_tree(dir);
}

static int count_record(void *ctx, const tc_record *r)
{
	(void)r;
	(*(long *)ctx)++;
	return 0;
}

static void test_load_alloc_failures(void)
{
	/* a small JSONL file: each allocation of the load fails in turn */
	char dir[4096], p[4300];
	make_temp_dir(dir, sizeof dir);
	snprintf(p, sizeof p, "%s/small.jsonl", dir);
	const char *text =
	        "{\"kind\":\"document\",\"id\":\"a\",\"title\":\"Một\",\"body\":{\"kind\":\"root\","
	        "\"children\":"
	        "[{\"kind\":\"article\",\"number\":\"1\",\"text\":\"Điều một\"}]}}\n"
	        "{\"kind\":\"codified\",\"id\":\"b\",\"codified\":{\"demuc_id\":\"x\",\"sources\":[{"
	        "\"relation\":"
	        "\"original\",\"doc_number\":\"1/2020/NĐ-CP\"}],\"cross_refs\":[{\"label\":\"Điều 2\"}]}}\n";
	write_bytes(p, text, strlen(text));
	long clean_runs = 0;
	for (long k = 1; k < 200; k++) {
		long records = 0;
		tc_error err = {0};
		tc_load_options opt = {0};
		problem_log log = {0};
		opt.problem_fn = log_problem;
		opt.problem_ctx = &log;
		tc_alloc_fail_after(k);
		tc_status st = tc_corpus_load(p, &opt, count_record, &records, NULL, &err);
		tc_alloc_fail_after(0);
		CHECK(st == TC_OK || st == TC_ERR_NOMEM, "load under failure %ld: %d %s", k, st, err.message);
		if (st == TC_ERR_NOMEM)
			CHECK(strstr(err.message, "out of memory") != NULL, "message %s", err.message);
		if (st == TC_OK && records == 2)
			clean_runs++;
	}
	CHECK(clean_runs > 0, "some runs got past every failure");
	remove_tree(dir);
}

int main(void)
{
	test_names();
	test_paths();
	test_line_reader();
	test_load_alloc_failures();
	return check_done("corpus-model");
}
