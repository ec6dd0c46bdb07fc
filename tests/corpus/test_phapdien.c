/* test_phapdien.c - the pháp điển loader on the bundled sample
 * (corpus/sample/phapdien: four đề mục files): golden values read by hand
 * from the source HTML, and the catalogue figures. Always runs. */
#include "test_util.h"

typedef struct seen {
	long articles, source_docs, with_note;
	long bad_nfc; /* records with combining marks left (U+0300–U+036F) */
	long bad_zw;  /* U+200B or NBSP left in a text */
	int lq1, lq2, d41a, p227, footnote, table;
	long last_order;
	int order_ok;
	tc_buf buf;
} seen;

static int has_marks(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; s && *p; p++)
		if ((p[0] == 0xCC && p[1] >= 0x80) || (p[0] == 0xCD && p[1] <= 0xAF))
			return 1;
	return 0;
}

static int has_zw(const char *s)
{
	return s && (strstr(s, "\xE2\x80\x8B") || strstr(s, "\xC2\xA0") || strstr(s, "&nbsp;"));
}

static void check_texts(seen *s, const tc_node *n)
{
	for (; n; n = n->next) {
		if (has_marks(n->text) || has_marks(n->heading))
			s->bad_nfc++;
		if (has_zw(n->text))
			s->bad_zw++;
		check_texts(s, n->first_child);
	}
}

static int on_record(void *ctx, const tc_record *r)
{
	seen *s = ctx;
	if (r->kind == TC_RECORD_SOURCE_DOC) {
		s->source_docs++;
		CHECK(!strncmp(r->id, "src/", 4), "source doc id %s", r->id);
		CHECK(r->body == NULL, "a source doc has no body");
		if (!strcmp(r->id, "src/57/2020/qh14")) {
			CHECK_STR(r->doc_number, "57/2020/QH14");
			CHECK(r->type == TC_TYPE_LUAT, "type %d", r->type);
			CHECK_STR(r->title, "Luật Thanh niên");
			CHECK_STR(r->issuer, "Quốc hội");
			CHECK(r->issue_date == 20200616, "issue %u", r->issue_date);
			CHECK(r->effective_date == 20210101, "effective %u", r->effective_date);
			CHECK_STR(r->source_url, "http://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=142850");
		}
		return 0;
	}
	CHECK(r->kind == TC_RECORD_CODIFIED, "kind %d", r->kind);
	CHECK(s->source_docs == 0, "source documents come after the articles");
	const tc_codified *c = r->codified;
	CHECK(c != NULL, "codified block");
	if (!c)
		return 0;
	s->articles++;
	if (c->note)
		s->with_note++;
	CHECK(r->body && r->body->kind == TC_NODE_ARTICLE, "body root is an article");
	CHECK(r->body && r->body->path && !strcmp(r->body->path, r->id), "root path is the id");
	check_texts(s, r->body);
	if (has_marks(c->note) || has_marks(r->title))
		s->bad_nfc++;
	if (c->order != s->last_order + 1 && c->order != 0)
		s->order_ok = 0;
	s->last_order = c->order;
	const char *num = c->article_number ? c->article_number : "";
	if (!strcmp(num, "36.3.LQ.1")) {
		/* <p class='pNoiDung'><p>\r\n\tThanh niên là ...</p></p> */
		s->lq1 = 1;
		/* a readable id; the export's key still resolves */
		CHECK_STR(r->id, "pd/36.3.LQ.1");
		CHECK_STR(r->former_id,
		          "pd/012d9b93-c11d-48b6-b08e-14d77515ca1e/3600300000000000100000100000000000000000");
		CHECK_STR(r->title, "Thanh niên");
		CHECK_STR(r->body->text, "Thanh niên là công dân Việt Nam từ đủ 16 tuổi đến 30 tuổi.");
		CHECK(r->body->first_child == NULL, "no clauses");
		CHECK_STR(c->chude_number, "36");
		CHECK_STR(c->demuc_number, "36.3");
		CHECK_STR(c->demuc_name, "Thanh niên");
		CHECK_STR(c->chapter, "Chương I NHỮNG QUY ĐỊNH CHUNG");
		CHECK(c->order == 0 && c->anchor_occurrence == 1, "order %ld occ %d", c->order,
		      c->anchor_occurrence);
		CHECK(c->source_count == 1, "links %zu", c->source_count);
		if (c->source_count == 1) {
			const tc_source_link *l = &c->sources[0];
			CHECK(l->relation == TC_SOURCE_ORIGINAL, "relation");
			CHECK_STR(l->article, "Điều 1");
			CHECK_STR(l->doc_number, "57/2020/QH14");
			CHECK(l->doc_type == TC_TYPE_LUAT, "type");
			CHECK_STR(l->doc_title, "Luật Thanh niên");
			CHECK_STR(l->issuer, "Quốc hội");
			CHECK(l->issue_date == 20200616 && l->effective_date == 20210101, "dates %u %u",
			      l->issue_date, l->effective_date);
			CHECK_STR(l->vbpl_item_id, "142850");
		}
		CHECK(c->cross_ref_count == 0, "no refs");
	} else if (!strcmp(num, "36.3.LQ.2")) {
		/* the short note resolves to the long one's document */
		s->lq2 = 1;
		CHECK(c->source_count == 1, "links");
		if (c->source_count) {
			CHECK_STR(c->sources[0].doc_title, "Luật Thanh niên");
			CHECK_STR(c->sources[0].issuer, "Quốc hội");
			CHECK(c->sources[0].issue_date == 20200616, "resolved issue date %u",
			      c->sources[0].issue_date);
			CHECK_STR(c->sources[0].article, "Điều 2");
		}
	} else if (!strcmp(num, "36.3.TL.1.1")) {
		/* the file's first pChiDan, after this article's body:
		 * ViewNoiDungPhapDien('360030000000000030000220000000000000000000402389100120001900') */
		CHECK(c->cross_ref_count == 1, "refs %zu", c->cross_ref_count);
		if (c->cross_ref_count) {
			CHECK_STR(c->cross_refs[0].anchor,
			          "360030000000000030000220000000000000000000402389100120001900");
			CHECK_STR(c->cross_refs[0].label, "Điều 36.3.NĐ.1.19. Kinh phí thực hiện chính sách "
			                                  "đối với thanh niên xung phong");
			CHECK(c->cross_refs[0].url == NULL, "internal link has no url");
		}
	} else if (!strcmp(num, "41a")) {
		/* "Điều 41a. Quỹ thúc đẩy ..." (913b88fd): no code, no note */
		s->d41a = 1;
		CHECK_STR(r->title, "Quỹ thúc đẩy sử dụng năng lượng tiết kiệm và hiệu quả");
		CHECK(c->note == NULL && c->source_count == 0, "no note");
		const tc_node *k1 = r->body->first_child;
		CHECK(k1 && k1->kind == TC_NODE_CLAUSE && k1->number && !strcmp(k1->number, "1"), "clause 1");
		if (k1)
			CHECK(!strncmp(k1->text,
			               "Quỹ thúc đẩy sử dụng năng lượng tiết kiệm và hiệu quả là Quỹ tài "
			               "chính",
			               strlen("Quỹ thúc đẩy sử dụng năng lượng tiết kiệm và hiệu quả là Quỹ "
			                      "tài chính")),
			      "clause text %s", k1->text);
		if (k1)
			CHECK(k1->path && strstr(k1->path, "/k1") && !strncmp(k1->path, r->id, strlen(r->id)),
			      "path %s", k1->path);
	} else if (!strcmp(num, "34.11.LQ.227")) {
		/* <p class='pNoiDung'><p1. Hồ sơ dự thầu ...</p>\n\n<pCác tiêu chuẩn ... */
		s->p227 = 1;
		const tc_node *k1 = r->body->first_child;
		CHECK(k1 && k1->kind == TC_NODE_CLAUSE, "clause from a broken <p1. tag");
		if (k1) {
			CHECK_STR(k1->number, "1");
			CHECK_STR(k1->text,
			          "Hồ sơ dự thầu được đánh giá và so sánh theo từng tiêu chuẩn làm căn cứ để "
			          "đánh giá toàn diện.\nCác tiêu chuẩn đánh giá hồ sơ dự thầu do bên mời "
			          "thầu quy "
			          "định.");
		}
		CHECK(k1 && k1->next && k1->next->number && !strcmp(k1->next->number, "2"), "clause 2");
		CHECK(c->source_count == 1 && !strcmp(c->sources[0].doc_number, "36/2005/QH11"),
		      "note of 227");
	}
	/* the Word footnote (295ceaf7): [1] Loại trừ các công trình ... */
	for (const tc_node *n = r->body ? r->body->first_child : NULL; n; n = n->next)
		if (n->kind == TC_NODE_NOTE) {
			s->footnote++;
			CHECK_STR(n->number, "1");
			CHECK_STR(n->text,
			          "Loại trừ các công trình xây dựng ở nông thôn được miễn giấy phép xây dựng "
			          "tại điểm I, điểm k khoản 2 Điều 98 Luật Xây dựng 2014");
			CHECK(n->path && strstr(n->path, "/n1"), "note path %s", n->path);
		}
	if (!strcmp(num, "43.1.NĐ.1.3")) {
		/* a table, as rows of cells */
		tc_buf_reset(&s->buf);
		dump_tree(r->body, &s->buf, 0);
		s->table = strstr(s->buf.data, "\nSTT | Tiêu chí | Điểm | Điểm tối thiểu đạt\n") != NULL;
		CHECK(s->table, "table rows as cells: %.300s", s->buf.data);
	}
	return 0;
}

int main(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/phapdien", sample_dir());
	problem_log log = {0};
	seen s = {0};
	s.last_order = -1;
	s.order_ok = 1;
	tc_load_summary sum = {0};
	tc_error err = {0};
	tc_status st = load_logged(path, 1, on_record, &s, &log, &sum, &err);
	CHECK(st == TC_OK, "load: %s", err.message);
	/* counted by hand: occurrences of class='pDieu' in the four files: 126 + 92 + 682 + 143 */
	CHECK(s.articles == 1043, "articles %ld", s.articles);
	CHECK(s.with_note == 1042, "articles with a note %ld (41a has none)", s.with_note);
	CHECK(s.source_docs >= 50, "source documents %ld", s.source_docs);
	CHECK(sum.loaded == s.articles + s.source_docs, "summary loaded %lld", sum.loaded);
	CHECK(sum.chude_listed == 45 && sum.demuc_listed == 4, "catalogue %lld %lld", sum.chude_listed,
	      sum.demuc_listed);
	CHECK(sum.demuc_missing == 0 && sum.skipped == 0, "missing %lld skipped %lld", sum.demuc_missing,
	      sum.skipped);
	CHECK(s.lq1 && s.lq2 && s.d41a && s.p227, "golden articles seen %d %d %d %d", s.lq1, s.lq2, s.d41a,
	      s.p227);
	CHECK(s.footnote == 1, "footnotes %d", s.footnote);
	CHECK(s.table, "table seen");
	CHECK(s.bad_nfc == 0, "texts with combining marks: %ld", s.bad_nfc);
	CHECK(s.bad_zw == 0, "texts with U+200B/NBSP: %ld", s.bad_zw);
	CHECK(s.order_ok, "order runs 0, 1, 2 ... within each file");
	CHECK(find_problem(&log, TC_PROBLEM_SYNTAX, "<p1.") != NULL, "the broken tag is reported");
	tc_buf_free(&s.buf);

	/* stats over the same sample */
	tc_corpus_stats stats = {0};
	tc_load_options opt = {.problem_fn = log_problem, .problem_ctx = &log, .emit_source_docs = 1};
	st = tc_corpus_stats_compute(path, &opt, &stats, &err);
	CHECK(st == TC_OK && stats.source_count == 1, "stats %d %zu", st, stats.source_count);
	if (stats.source_count == 1) {
		const tc_source_stats *ss = &stats.sources[0];
		CHECK(ss->codified == 1043 && ss->provisions == 1043, "codified %lld provisions %lld",
		      ss->codified, ss->provisions);
		CHECK(ss->chude == 4 && ss->demuc == 4, "chủ đề %lld đề mục %lld", ss->chude, ss->demuc);
		CHECK(ss->note_parsed * 100 >= ss->with_note * 99, "parsed %lld of %lld", ss->note_parsed,
		      ss->with_note);
		CHECK(ss->distinct_source_docs == s.source_docs, "distinct %lld vs emitted %ld",
		      ss->distinct_source_docs, s.source_docs);
		CHECK(ss->multi_link > 0, "chained notes %lld", ss->multi_link);
		/* every note states when its document took effect */
		CHECK(ss->source_docs > 0 && ss->effective_from[TC_FROM_NOTE] == ss->source_docs,
		      "effective dates from a note: %lld of %lld", ss->effective_from[TC_FROM_NOTE],
		      ss->source_docs);
	}
	tc_corpus_stats_free(&stats);
	return check_done("phapdien");
}
