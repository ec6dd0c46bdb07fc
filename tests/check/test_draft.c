/* test_draft.c - a draft read into articles and citations (no index), one
 * row per way of citing that real decrees use; the passage comparison and
 * its number differences; bad drafts; each allocation failing in turn. */
#include <string.h>

#include "../../check/check.h"
#include "../check.h"

/* ---- citations ---- */

typedef struct want_cite {
	const char *scope, *point, *clause, *article, *doc_number, *doc_name, *date, *title;
	int year;
} want_cite;

typedef struct cite_case {
	const char *text; /* an article's body (the draft is "Điều 1. Thử\n" + it) */
	size_t count;
	want_cite cites[4];
} cite_case;

static const cite_case cite_cases[] = {
        {"Thực hiện theo khoản 2 Điều 5 Nghị định số 52/2015/NĐ-CP.",
         1,
         {{"external", NULL, "2", "5", "52/2015/NĐ-CP", NULL, NULL, NULL, 0}}},
        {"Trường hợp quy định tại điểm đ khoản 1 Điều này.",
         1,
         {{"internal", "đ", "1", "this", NULL, NULL, NULL, NULL, 0}}},
        {"Theo khoản 3 Điều 7 của Nghị định này.",
         1,
         {{"internal", NULL, "3", "7", NULL, NULL, NULL, NULL, 0}}},
        {"Đối tượng tại các khoản 1, 2 và 3 Điều 5 Luật Thanh niên.",
         3,
         {{"external", NULL, "1", "5", NULL, "Luật Thanh niên", NULL, NULL, 0},
          {"external", NULL, "2", "5", NULL, "Luật Thanh niên", NULL, NULL, 0},
          {"external", NULL, "3", "5", NULL, "Luật Thanh niên", NULL, NULL, 0}}},
        {"Đất được giao theo Điều 3 Luật Đất đai năm 2024.",
         1,
         {{"external", NULL, NULL, "3", NULL, "Luật Đất đai", NULL, NULL, 2024}}},
        {"Căn cứ Nghị định số 52/2015/NĐ-CP ngày 28 tháng 5 năm 2015 của Chính phủ về cơ sở dữ liệu quốc "
         "gia về pháp luật;",
         1,
         {{"external", NULL, NULL, NULL, "52/2015/NĐ-CP", NULL, "2015-05-28",
           "cơ sở dữ liệu quốc gia về pháp luật", 0}}},
        {"Theo khoản 1 Điều 5 và khoản 2 Điều 6 Nghị định 40/2020/NĐ-CP.",
         2,
         {{"external", NULL, "1", "5", "40/2020/NĐ-CP", NULL, NULL, NULL, 0},
          {"external", NULL, "2", "6", "40/2020/NĐ-CP", NULL, NULL, NULL, 0}}},
        /* a khoản alone is one of the article it is in */
        {"Hồ sơ quy định tại khoản 2 gồm các giấy tờ sau.",
         1,
         {{"internal", NULL, "2", "this", NULL, NULL, NULL, NULL, 0}}},
        {"Thực hiện như Điều 15.", 1, {{"bare", NULL, NULL, "15", NULL, NULL, NULL, NULL, 0}}},
        {"Căn cứ Luật Phòng, chống tham nhũng năm 2018;",
         1,
         {{"external", NULL, NULL, NULL, NULL, "Luật Phòng, chống tham nhũng", NULL, NULL, 2018}}},
        {"Theo Bộ luật Dân sự và Hiến pháp năm 2013.",
         2,
         {{"external", NULL, NULL, NULL, NULL, "Bộ luật Dân sự", NULL, NULL, 0},
          {"external", NULL, NULL, NULL, NULL, "Hiến pháp", NULL, NULL, 2013}}},
        /* "và", "của" and a comma inside a name, and between two names */
        {"Theo Điều 5 Luật Khoa học và công nghệ và Luật Phòng, chống tác hại của rượu, bia năm 2019.",
         2,
         {{"external", NULL, NULL, "5", NULL, "Luật Khoa học và công nghệ", NULL, NULL, 0},
          {"external", NULL, NULL, NULL, NULL, "Luật Phòng, chống tác hại của rượu, bia", NULL, NULL, 2019}}},
        {"Căn cứ Luật Đất đai, Luật Nhà ở và Luật Kinh doanh bất động sản;",
         3,
         {{"external", NULL, NULL, NULL, NULL, "Luật Đất đai", NULL, NULL, 0},
          {"external", NULL, NULL, NULL, NULL, "Luật Nhà ở", NULL, NULL, 0},
          {"external", NULL, NULL, NULL, NULL, "Luật Kinh doanh bất động sản", NULL, NULL, 0}}},
        /* a list marker before the type; the title ends before the next document */
        {"Các Nghị định sau hết hiệu lực:\na) Nghị định số 24/2015/NĐ-CP ngày 27 tháng 02 năm 2015 của "
         "Chính phủ quy định chi tiết Luật Giao thông đường thủy nội địa và Nghị định số 08/2021/NĐ-CP;",
         2,
         {{"external", NULL, NULL, NULL, "24/2015/NĐ-CP", NULL, "2015-02-27",
           "quy định chi tiết Luật Giao thông đường thủy nội địa", 0},
          {"external", NULL, NULL, NULL, "08/2021/NĐ-CP", NULL, NULL, NULL, 0}}},
        {"Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
         1,
         {{"external", NULL, NULL, NULL, NULL, "Luật Tổ chức Chính phủ", "2025-02-18", NULL, 2025}}},
        /* words that are no citation */
        {"Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2026.", 0, {{0}}},
};

static const char *str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static void check_cite(const char *text, size_t k, json_t *got, const want_cite *w)
{
	const char *keys[] = {"scope",      "point",    "clause",       "article",
	                      "doc_number", "doc_name", "written_date", "written_title"};
	const char *want[] = {w->scope,      w->point,    w->clause, w->article,
	                      w->doc_number, w->doc_name, w->date,   w->title};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		const char *g = str(got, keys[i]);
		CHECK((!g && !want[i]) || (g && want[i] && !strcmp(g, want[i])),
		      "'%s' citation %zu: %s is '%s', want '%s'", text, k, keys[i], g ? g : "(none)",
		      want[i] ? want[i] : "(none)");
	}
	CHECK(json_integer_value(json_object_get(got, "written_year")) == w->year,
	      "'%s' citation %zu: year %lld", text, k,
	      (long long)json_integer_value(json_object_get(got, "written_year")));
}

static void test_citations(void)
{
	for (size_t i = 0; i < sizeof cite_cases / sizeof *cite_cases; i++) {
		const cite_case *c = &cite_cases[i];
		tc_buf draft = {0};
		tc_buf_printf(&draft, "Điều 1. Thử\n%s\nĐiều 2. Khác\nNội dung.\n", c->text);
		tc_check_draft *d = NULL;
		tc_error err = {0};
		tc_status st = tc_check_draft_read(draft.data, draft.len, &d, &err);
		CHECK(st == TC_OK, "'%s': %s", c->text, err.message);
		if (st == TC_OK) {
			json_t *read = tc_check_draft_json(d);
			json_t *article = json_array_get(json_object_get(read, "articles"), 0);
			json_t *cites = json_object_get(article, "citations");
			CHECK(json_array_size(cites) == c->count, "'%s': %zu citations, want %zu", c->text,
			      json_array_size(cites), c->count);
			for (size_t k = 0; k < c->count && k < json_array_size(cites); k++)
				check_cite(c->text, k, json_array_get(cites, k), &c->cites[k]);
			json_decref(read);
		}
		tc_check_draft_free(d);
		tc_buf_free(&draft);
	}
}

/* An amending decree: its bare citations name what it amends, and "Điều
 * này" in the new text of an article names that article. */
static void test_amending(void)
{
	const char *draft =
	        "NGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều của Nghị định số 52/2015/NĐ-CP\n"
	        "Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 52/2015/NĐ-CP\n"
	        "1. Sửa đổi, bổ sung khoản 2 Điều 5 như sau:\n"
	        "“2. Hồ sơ quy định tại khoản 1 Điều này được nộp trực tuyến.”\n"
	        "Điều 2. Hiệu lực thi hành\nNghị định này có hiệu lực từ ngày 01 tháng 7 năm 2026.\n";
	tc_check_draft *d = NULL;
	tc_error err = {0};
	CHECK(tc_check_draft_read(draft, strlen(draft), &d, &err) == TC_OK, "amending draft: %s",
	      err.message);
	if (!d)
		return;
	CHECK(d->article_count == 2, "two articles: %zu", d->article_count);
	const tc_check_article *a = &d->articles[0];
	CHECK(a->amends && !strcmp(a->amends, "52/2015/NĐ-CP"), "Điều 1 amends 52/2015/NĐ-CP: %s",
	      a->amends ? a->amends : "(none)");
	int context = 0, quoted = 0;
	for (size_t k = 0; k < a->cite_count; k++) {
		const tc_cite *c = &a->cites[k];
		if (c->scope == TC_CITE_CONTEXT && c->article && !strcmp(c->article, "5") && c->clause &&
		    !strcmp(c->clause, "2") && !c->quoted)
			context++;
		if (c->scope == TC_CITE_CONTEXT && c->quoted && c->article && !strcmp(c->article, "5") &&
		    c->clause && !strcmp(c->clause, "1"))
			quoted++;
	}
	CHECK(context == 1, "'khoản 2 Điều 5' is of the document amended (%d)", context);
	CHECK(quoted == 1, "'khoản 1 Điều này' in the new text is of Điều 5 amended (%d)", quoted);
	CHECK(d->articles[1].amends == NULL, "Điều 2 amends nothing");
	tc_check_draft_free(d);
}

/* The preamble's legal bases are checked; an article's own heading is no
 * citation. */
static void test_preamble(void)
{
	const char *draft =
	        "NGHỊ ĐỊNH\nQuy định chi tiết Luật Thanh niên\n"
	        "Căn cứ Luật Thanh niên ngày 16 tháng 6 năm 2020;\n"
	        "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định chi tiết Điều 22 Luật Thanh niên.\n";
	tc_check_draft *d = NULL;
	tc_error err = {0};
	CHECK(tc_check_draft_read(draft, strlen(draft), &d, &err) == TC_OK, "draft: %s", err.message);
	if (!d)
		return;
	CHECK(d->article_count == 2 && d->articles[0].preamble && !d->articles[1].preamble,
	      "preamble first: %zu", d->article_count);
	CHECK(d->articles[0].cite_count == 1 && d->articles[0].cites[0].written_date == 20200616,
	      "the legal basis with its date");
	CHECK(d->articles[1].cite_count == 1 && !strcmp(d->articles[1].cites[0].article, "22"),
	      "Điều 1's own heading is not cited, Điều 22 is");
	tc_check_draft_free(d);
}

/* ---- bad drafts ---- */

static void test_bad_input(void)
{
	tc_check_draft *d = NULL;
	tc_error err = {0};
	CHECK(tc_check_draft_read("", 0, &d, &err) == TC_ERR_INPUT && !d && strstr(err.message, "empty"),
	      "empty: %s", err.message);
	CHECK(tc_check_draft_read(" \n\t\n", 4, &d, &err) == TC_ERR_INPUT && strstr(err.message, "empty"),
	      "blank: %s", err.message);
	size_t big = TC_CHECK_MAX_BYTES + 1;
	char *text = tc_malloc(big);
	memset(text, 'a', big);
	CHECK(tc_check_draft_read(text, big, &d, &err) == TC_ERR_LIMIT && strstr(err.message, "1 MB"),
	      "1 MB + 1: %s", err.message);
	/* binary bytes: a Word file's header and zeros */
	static const unsigned char word[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	for (size_t i = 0; i < 4096; i++)
		text[i] = (char)(i < sizeof word ? word[i] : (i * 7919) % 256 < 40 ? 0 : (i * 7919) % 256);
	CHECK(tc_check_draft_read(text, 4096, &d, &err) == TC_ERR_INPUT && strstr(err.message, "not text"),
	      "binary: %s", err.message);
	tc_free(text);
	const char *two =
	        "{\"kind\": \"document\", \"id\": \"a\"}\n{\"kind\": \"document\", \"id\": \"b\"}\n";
	CHECK(tc_check_draft_read(two, strlen(two), &d, &err) == TC_ERR_INPUT &&
	              strstr(err.message, "more than one"),
	      "two JSONL records: %s", err.message);
	const char *broken = "{\"kind\": \"document\", \"id\": ";
	CHECK(tc_check_draft_read(broken, strlen(broken), &d, &err) == TC_ERR_INPUT &&
	              strstr(err.message, "JSON"),
	      "broken JSON: %s", err.message);
	/* a JSONL record is read as the loader reads it */
	const char *jsonl = "{\"kind\": \"document\", \"id\": \"du-thao\", \"title\": \"Dự thảo\", \"body\": "
	                    "{\"kind\": \"root\", \"children\": [{\"kind\": \"article\", \"number\": \"1\", "
	                    "\"heading\": \"Thử\", \"text\": \"Theo khoản 2 Điều 5 Nghị định số "
	                    "52/2015/NĐ-CP.\"}]}}\n";
	CHECK(tc_check_draft_read(jsonl, strlen(jsonl), &d, &err) == TC_OK && d && d->article_count == 1 &&
	              d->articles[0].cite_count == 1 && !strcmp(d->format, "jsonl"),
	      "a JSONL record: %s", err.message);
	tc_check_draft_free(d);
	d = NULL;
	/* a passage with no "Điều" is one article */
	const char *passage =
	        "Thanh niên là công dân Việt Nam từ đủ 16 tuổi đến 30 tuổi theo Điều 1 Luật Thanh niên.";
	CHECK(tc_check_draft_read(passage, strlen(passage), &d, &err) == TC_OK && d &&
	              d->article_count == 1 && !d->articles[0].number && d->articles[0].cite_count == 1,
	      "a passage: %s", err.message);
	tc_check_draft_free(d);
}

/* ---- the passage comparison ---- */

typedef struct compare_case {
	const char *a, *b;
	size_t passages;
	const char *kind; /* of the one number difference, NULL: none */
	const char *a_number, *b_number;
} compare_case;

static const compare_case compare_cases[] = {
        {"Công dân Việt Nam từ đủ 18 tuổi đến 30 tuổi có quyền tham gia tổ chức thanh niên theo quy định.",
         "Công dân Việt Nam từ đủ 16 tuổi đến 30 tuổi có quyền tham gia tổ chức thanh niên theo quy định.", 1,
         "age", "18 tuổi", "16 tuổi"},
        {"Phạt tiền từ 5.000.000 đồng đến 10.000.000 đồng đối với hành vi vi phạm quy định về an toàn lao "
         "động.",
         "Phạt tiền từ 3.000.000 đồng đến 10.000.000 đồng đối với hành vi vi phạm quy định về an toàn lao "
         "động.",
         1, "money", "5.000.000 đồng", "3.000.000 đồng"},
        {"Trong thời hạn 30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ, cơ quan có thẩm quyền phải trả lời bằng "
         "văn bản.",
         "Trong thời hạn 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ, cơ quan có thẩm quyền phải trả lời bằng "
         "văn bản.",
         1, "time", "30 ngày", "15 ngày"},
        {"Hộ gia đình thuộc diện hộ nghèo được giảm 50% mức thu phí theo quy định của Chính phủ về phí.",
         "Hộ gia đình thuộc diện hộ nghèo được giảm 30% mức thu phí theo quy định của Chính phủ về phí.", 1,
         "percent", "50%", "30%"},
        /* clause numbers and articles cited are no quantities */
        {"1. Người lao động có quyền đơn phương chấm dứt hợp đồng lao động theo Điều 35 của Bộ luật này.",
         "2. Người lao động có quyền đơn phương chấm dứt hợp đồng lao động theo Điều 36 của Bộ luật này.", 1,
         NULL, NULL, NULL},
        {"Thanh niên là công dân Việt Nam.", "Ngân hàng Nhà nước quản lý ngoại hối theo quy định.", 0, NULL,
         NULL, NULL},
        /* a number that ends the text (the texts are given with their
         * lengths: no byte after it is read) */
        {"Mức phạt tiền tối đa trong lĩnh vực giao thông đường bộ đối với cá nhân là 75",
         "Mức phạt tiền tối đa trong lĩnh vực giao thông đường bộ đối với cá nhân là 40", 1, "number", "75",
         "40"},
};

/* S's LEN bytes in a buffer of their own, with nothing after them. */
static char *exact_copy(const char *s, size_t len)
{
	char *copy = malloc(len ? len : 1);
	if (copy)
		memcpy(copy, s, len);
	return copy;
}

static void test_compare(void)
{
	tc_analyzer *analyzer = tc_analyzer_new();
	for (size_t i = 0; i < sizeof compare_cases / sizeof *compare_cases; i++) {
		const compare_case *c = &compare_cases[i];
		char *a = exact_copy(c->a, strlen(c->a)), *b = exact_copy(c->b, strlen(c->b));
		json_t *r = a && b ? tc_check_compare(analyzer, a, strlen(c->a), b, strlen(c->b)) : NULL;
		free(a);
		free(b);
		CHECK(r != NULL, "compare %zu", i);
		if (!r)
			continue;
		json_t *passages = json_object_get(r, "passages"),
		       *diffs = json_object_get(r, "number_differences");
		CHECK(json_array_size(passages) == c->passages, "'%s': %zu passages, want %zu", c->a,
		      json_array_size(passages), c->passages);
		CHECK(json_array_size(diffs) == (c->kind ? 1u : 0u), "'%s': %zu number differences", c->a,
		      json_array_size(diffs));
		json_t *d = json_array_get(diffs, 0);
		if (c->kind && d) {
			CHECK_STR(str(d, "kind"), c->kind);
			CHECK_STR(str(json_object_get(d, "a"), "text"), c->a_number);
			CHECK_STR(str(json_object_get(d, "b"), "text"), c->b_number);
		}
		double sim = json_real_value(json_object_get(r, "similarity"));
		CHECK(c->passages ? sim > 0.7 : sim == 0, "'%s': similarity %.2f", c->a, sim);
		json_decref(r);
	}
	/* a text with itself: one passage over all of it */
	const char *t = compare_cases[0].a;
	json_t *r = tc_check_compare(analyzer, t, strlen(t), t, strlen(t));
	CHECK(r && json_real_value(json_object_get(r, "similarity")) == 1.0, "a text with itself");
	json_decref(r);
	tc_analyzer_free(analyzer);
}

/* ---- each allocation failing in turn ---- */

static void test_alloc_failures(void)
{
	const char *draft = "NGHỊ ĐỊNH\nSửa đổi Nghị định số 52/2015/NĐ-CP\nCăn cứ Luật Thanh niên;\n"
	                    "Điều 1. Sửa đổi Nghị định số 52/2015/NĐ-CP\n1. Sửa đổi khoản 2 Điều 5 như sau:\n"
	                    "“2. Theo khoản 1 Điều này.”\nĐiều 2. Hiệu lực\nTheo các khoản 1, 2 Điều 1.\n";
	size_t before = tc_alloc_count();
	tc_check_draft *d = NULL;
	tc_error err;
	tc_check_draft_read(draft, strlen(draft), &d, &err);
	tc_check_draft_free(d);
	size_t total = tc_alloc_count() - before;
	int failures = 0;
	for (size_t n = 1; n <= total; n++) {
		d = NULL;
		tc_alloc_fail_after((long)n);
		tc_status st = tc_check_draft_read(draft, strlen(draft), &d, &err);
		tc_alloc_fail_after(0);
		CHECK(st == TC_OK || st == TC_ERR_NOMEM, "allocation %zu failing: status %d (%s)", n, st,
		      err.message);
		CHECK((st == TC_OK) == (d != NULL), "allocation %zu failing: a draft only on success", n);
		failures += st == TC_ERR_NOMEM;
		tc_check_draft_free(d);
	}
	CHECK(total > 10 && failures > 0, "%zu allocations, %d reported", total, failures);
	tc_analyzer *analyzer = tc_analyzer_new();
	const char *a = compare_cases[1].a, *b = compare_cases[1].b;
	before = tc_alloc_count();
	json_decref(tc_check_compare(analyzer, a, strlen(a), b, strlen(b)));
	total = tc_alloc_count() - before;
	for (size_t n = 1; n <= total; n++) {
		tc_alloc_fail_after((long)n);
		json_decref(tc_check_compare(analyzer, a, strlen(a), b, strlen(b)));
		tc_alloc_fail_after(0);
	}
	tc_analyzer_free(analyzer);
}

int main(void)
{
	test_citations();
	test_amending();
	test_preamble();
	test_bad_input();
	test_compare();
	test_alloc_failures();
	return check_done("check-draft");
}
