/* test_phapdien_notes.c - source notes and cross-references of the pháp
 * điển as the real files write them, one table row per case: the document
 * number read whole when the note puts stray spaces in it (these were cut at
 * the first space into ids "src/18", "src/02/2020/"), a note with no number,
 * a number with no "số", and the titles and effective dates of documents
 * that no long note describes. Each row's note is copied from the named
 * file of ../shared/corpus/phapdien; the test builds a pháp điển folder of
 * its own from them, so it always runs. */
#include "test_util.h"

#include <sys/stat.h>

typedef struct note_case {
	const char *file; /* the đề mục file of the current snapshot it comes from */
	const char *note; /* the pGhiChu element as written */
	const char *refs; /* a pChiDan element, "" for none */
	/* the first link */
	const char *number, *title;
	tc_doc_type type;
	/* a source document of the load, with its title, where it came from and
	 * its effective date ("" / 0: not checked) */
	const char *src_id, *src_title;
	tc_field_source src_title_from;
	tc_date src_issue, src_effective;
} note_case;

#define VBPL "http://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID="

static const note_case cases[] = {
        {"66c59035-9acd-430a-affd-86563bc7ce77",
         "<p class='pGhiChu'><a href='" VBPL "130588#Chuong_I_Dieu_1' target='_blank'>(Điều 1 Thông tư số 18 "
         "/2018/TT-NHNN Quy định về an toàn hệ thống thông tin\ntrong hoạt động ngân hàng ngày 21/08/2018 "
         "của "
         "Ngân hàng Nhà nước, có hiệu lực thi hành kể từ ngày 01/01/2019)</a></p>",
         "", "18/2018/TT-NHNN", "Quy định về an toàn hệ thống thông tin trong hoạt động ngân hàng",
         TC_TYPE_THONG_TU, "src/18/2018/tt-nhnn", NULL, TC_FROM_NOTE, 20180821, 20190101},
        {"a5dd4141-f13c-40f3-802d-a6175684bb0a",
         "<p class='pGhiChu'><a href='" VBPL "141161#Dieu_1' target='_blank'>(Điều 1 Thông tư số 02/2020/ "
         "TT-BCT Quy định về nguyên tắc điều hành nhập khẩu theo hạn ngạch thuế quan đối với mặt hàng muối "
         "và "
         "trứng gia cầm năm 2020 ngày 22/01/2020 của Bộ Công thương, có hiệu lực thi hành kể từ ngày "
         "29/02/2020)</a></p>",
         "", "02/2020/TT-BCT", NULL, TC_TYPE_THONG_TU, "src/2/2020/tt-bct", NULL, TC_FROM_NOTE, 0, 20200229},
        {"2bcac534-554f-47d3-b299-bd9cfc1b92d5",
         "<p class='pGhiChu'><a href='" VBPL "68173#Dieu_1' target='_blank'>(Điều 1 Thông tư số 71/2015 "
         "/TT-BTC Quy định việc lập dự toán, quản lý, sử dụng và quyết toán kinh phí hỗ trợ hoạt động của "
         "hội "
         "cựu chiến binh trong các cơ quan nhà nước, tổ chức chính trị - xã hội, đơn vị sự nghiệp, doanh "
         "nghiệp và tổ chức khác ngày 11/05/2015 của Bộ Tài chính, có hiệu lực thi hành kể từ ngày "
         "01/07/2015 "
         ")</a></p>",
         "", "71/2015/TT-BTC", NULL, TC_TYPE_THONG_TU, "src/71/2015/tt-btc", NULL, TC_FROM_NOTE, 0, 0},
        {"74578908-a474-48ba-a2e1-488ce45475aa",
         "<p class='pGhiChu'><a href='" VBPL "57602#Dieu_1' target='_blank'>(Điều 1 Thông tư số 21 - TC/TCT "
         "hướng dẫn về hội đồng tư vấn thuế sử dụng đất nông nghiệp. ngày 18/03/1994 của Bộ Tài chính, có "
         "hiệu "
         "lực thi hành kể từ ngày 18/03/1994)</a></p>",
         "", "21-TC/TCT", NULL, TC_TYPE_THONG_TU, "src/21-tc/tct", NULL, TC_FROM_NOTE, 0, 0},
        {"74578908-a474-48ba-a2e1-488ce45475aa",
         "<p class='pGhiChu'><a href='" VBPL "35600#Dieu_1' target='_blank'>(<a href=\"" VBPL
         "35600#Dieu_1\" target=\"_blank\"><em><span style=\"font-size:12px\">(Điều 1 Thông tư số 60 TC/TCT "
         "hướng dẫn bổ sung việc giảm thuế, miễn thuế sử dụng đất nông nghiệp\xc2\xa0ngày 14/07/1994 của Bộ "
         "Tài chính, có hiệu lực thi hành kể từ ngày 01/01/1994)</span></em></a>)</a></p>",
         "", "60-TC/TCT", NULL, TC_TYPE_THONG_TU, "src/60-tc/tct", NULL, TC_FROM_NOTE, 0, 0},
        {"0cf69ad9-6f29-4ee4-8e16-2c3aa65c3a52",
         "<p class='pGhiChu'><a href='" VBPL "134482#Dieu_2' target='_blank'>(Điều 2 Quyết định số "
         "01/2012/QĐ -TTg, có hiệu lực thi hành kể từ ngày 25/02/2012)</a></p>",
         "", "01/2012/QĐ-TTg", NULL, TC_TYPE_QUYET_DINH, "src/1/2012/qđ-ttg", NULL, TC_FROM_NONE, 0,
         20120225},
        {"7ca2c60d-7e8f-4604-b622-7d297acd506f",
         "<p class='pGhiChu'><a href='" VBPL "102347#Chuong_I_Dieu_1' target='_blank'>(Điều 1 Thông tư liên "
         "tịch số 11/2014/TTLT-BQP-BNV -BLĐTBXH-BTC Hướng dẫn thực hiện chế độ, chính sách đối với người làm "
         "công tác cơ yếu nghỉ hưu, chuyển ngành, thôi việc, hy sinh, từ trần hoặc chuyển sang làm công tác "
         "khác trong tổ chức cơ yếu ngày 05/03/2014 của Bộ Quốc phòng, Bộ Nội vụ, Bộ Lao động - Thương binh "
         "và Xã hội và Bộ Tài chính, có hiệu lực thi hành kể từ ngày 19/04/2014)</a></p>",
         "", "11/2014/TTLT-BQP-BNV-BLĐTBXH-BTC", NULL, TC_TYPE_THONG_TU_LT,
         "src/11/2014/ttlt-bqp-bnv-blđtbxh-btc", NULL, TC_FROM_NOTE, 20140305, 20140419},
        /* no "số" after the type, and a "Quyết định số 11/2011/QĐ-TTg" in the title */
        {"9b1d96e2-feb2-4e7f-824b-b50ed8ee2a7a",
         "<p class='pGhiChu'><a href='" VBPL "44047#Chuong_I_Dieu_1' target='_blank'>(Điều 1 Thông tư liên "
         "tịch 13/2014/TTLT-BNNPTNT-BKHĐT-BTC hướng dẫn một số nội dung thực hiện Quyết định số "
         "11/2011/QĐ-TTg ngày 18/02/2011 của Thủ tướng Chính phủ về chính sách khuyến khích phát triển ngành "
         "mây tre, ngày 28/4/2014 của Bộ Nông nghiệp phát triển và nông thôn, Bộ Kế hoạch và Đầu tư, Bộ Tài "
         "chính, có hiệu lực kể từ ngày 16/6/2014)</a></p>",
         "", "13/2014/TTLT-BNNPTNT-BKHĐT-BTC", NULL, TC_TYPE_THONG_TU_LT,
         "src/13/2014/ttlt-bnnptnt-bkhđt-btc", NULL, TC_FROM_NOTE, 20140428, 20140616},
        /* "số Không số": no number at all (it made "src/không" of two ordinances) */
        {"11be5109-f55e-41ed-b890-0168cc4aacbc",
         "<p class='pGhiChu'><a href='" VBPL "9867#Chuong_I_Dieu_1' target='_blank'>(Điều 1 Pháp lệnh số "
         "Không số Về Hàm, cấp ngoại giao ngày 31/05/1995 của Uỷ ban Thường vụ Quốc hội, có hiệu lực thi "
         "hành "
         "kể từ ngày 31/05/1995)</a></p>",
         "", "", "Về Hàm, cấp ngoại giao ngày 31/05/1995 của Uỷ ban Thường vụ Quốc hội", TC_TYPE_PHAP_LENH,
         NULL, NULL, TC_FROM_NONE, 0, 0},
        /* Luật Đất đai 2013 appears only as the repealing law in short notes: its title and issue date
         * come from a cross-reference to one of its articles (059ac230-…) */
        {"5679c4d3-5ccc-4bd8-8ed9-e849a866f444",
         "<p class='pGhiChu'>(<a href='" VBPL "15068#Chuong_III_Muc_2_Dieu_57' target='_blank'>Điều 57</a> "
         "Luật số 66/2006/QH11, có hiệu lực thi hành kể từ ngày 01/01/2007, bị bãi bỏ bởi <a href='" VBPL
         "32833#Chuong_XIV_Dieu_211' target='_blank'>Điều 211</a> Luật số 45/2013/QH13 có hiệu lực thi hành "
         "kể "
         "từ ngày 01/07/2014)</p>",
         "<p class='pChiDan'>(Điều này có nội dung liên quan đến <a href='" VBPL
         "32833#Chuong_VIII_Muc_1_Dieu_107' target='_blank'>Điều 11.1.LQ.107. Các khoản thu tài chính từ đất "
         "đai của Luật 45/2013/QH13 Đất đai ban hành ngày 29/11/2013</a>)</p>",
         "66/2006/QH11", NULL, TC_TYPE_LUAT, "src/45/2013/qh13", "Đất đai", TC_FROM_LABEL, 20131129,
         20140701},
        /* an amending law named by no long note and no cross-reference: no title (reported), and its
         * effective date from the link that names it */
        {"4342e880-6160-4d52-85ba-671ad605adae",
         "<p class='pGhiChu'>(<a href='" VBPL "24161#Chuong_I_Dieu_6' target='_blank'>Điều 6</a> Luật số "
         "06/2007/QH12, có hiệu lực thi hành kể từ ngày 01/07/2008, có nội dung được sửa đổi bởi <a "
         "href='" VBPL
         "130821#Dieu_7' target='_blank'>Điều 7</a> Luật số 28/2018/QH14 có hiệu lực thi hành kể từ ngày "
         "01/01/2019)</p>",
         "", "06/2007/QH12", NULL, TC_TYPE_LUAT, "src/28/2018/qh14", NULL, TC_FROM_NONE, 0, 20190101},
        {NULL, NULL, NULL, NULL, NULL, TC_TYPE_UNKNOWN, NULL, NULL, TC_FROM_NONE, 0, 0},
};

typedef struct seen {
	int article[32];
	int src[32];
	char ids[64][128];
	int id_count;
} seen;

static int on_record(void *ctx, const tc_record *r)
{
	seen *s = ctx;
	if (r->kind == TC_RECORD_SOURCE_DOC) {
		if (s->id_count < 64)
			snprintf(s->ids[s->id_count++], sizeof s->ids[0], "%s", r->id);
		for (int i = 0; cases[i].note; i++) {
			const note_case *c = &cases[i];
			if (!c->src_id || strcmp(r->id, c->src_id))
				continue;
			s->src[i] = 1;
			if (c->src_title)
				CHECK_STR(r->title, c->src_title);
			CHECK(r->title_from == c->src_title_from, "%s: title from %s", r->id,
			      tc_field_source_name(r->title_from));
			if (c->src_issue)
				CHECK(r->issue_date == c->src_issue, "%s: issued %u", r->id,
				      (unsigned)r->issue_date);
			if (c->src_effective) {
				CHECK(r->effective_date == c->src_effective, "%s: effective %u", r->id,
				      (unsigned)r->effective_date);
				CHECK(r->effective_from == TC_FROM_NOTE, "%s: effective date from %s", r->id,
				      tc_field_source_name(r->effective_from));
			}
		}
		return 0;
	}
	/* the articles are numbered 1.1.LQ.<row> */
	const char *num = r->codified->article_number;
	int i = num ? atoi(num + strlen("1.1.LQ.")) : -1;
	CHECK(i >= 0 && i < 32 && cases[i].note, "article %s", num ? num : "(none)");
	if (i < 0 || i >= 32 || !cases[i].note)
		return 0;
	const note_case *c = &cases[i];
	s->article[i] = 1;
	const tc_codified *cod = r->codified;
	CHECK(cod->source_count >= 1, "row %d: links %zu", i, cod->source_count);
	if (!cod->source_count)
		return 0;
	const tc_source_link *l = &cod->sources[0];
	if (c->number[0])
		CHECK(l->doc_number && !strcmp(l->doc_number, c->number), "row %d: number %s, want %s", i,
		      l->doc_number ? l->doc_number : "(none)", c->number);
	else
		CHECK(!l->doc_number, "row %d: no number, got %s", i, l->doc_number);
	CHECK(l->doc_type == c->type, "row %d: type %s", i, tc_doc_type_name(l->doc_type));
	if (c->title)
		CHECK(l->doc_title && !strcmp(l->doc_title, c->title), "row %d: title %s", i,
		      l->doc_title ? l->doc_title : "(none)");
	return 0;
}

int main(void)
{
	char dir[4096], p[4300];
	make_temp_dir(dir, sizeof dir);
	snprintf(p, sizeof p, "%s/demuc", dir);
	mkdir(p, 0755);
	static const char guid[] = "00000000-0000-0000-0000-000000000001";
	tc_buf html = {0};
	tc_buf_append_str(&html, "<div class='_content'>");
	for (int i = 0; cases[i].note; i++) {
		tc_buf_printf(&html,
		              "<p class='pDieu'><a name='%040d'></a>Điều 1.1.LQ.%d. Điều của %s</p>%s"
		              "<p class='pNoiDung'><p>Nội dung.</p></p>%s",
		              i + 1, i, cases[i].file, cases[i].note, cases[i].refs);
	}
	tc_buf_append_str(&html, "</div>");
	snprintf(p, sizeof p, "%s/demuc/%s.html", dir, guid);
	write_bytes(p, html.data, html.len);
	char tsv[512];
	int n = snprintf(tsv, sizeof tsv, "demuc_number\tdemuc_id\tdemuc_name\tchude_id\n1.1\t%s\tThử\tx\n",
	                 guid);
	snprintf(p, sizeof p, "%s/demuc.tsv", dir);
	write_bytes(p, tsv, (size_t)n);

	problem_log log = {0};
	seen s = {0};
	tc_load_summary sum = {0};
	tc_error err = {0};
	CHECK(load_logged(dir, 1, on_record, &s, &log, &sum, &err) == TC_OK, "load: %s", err.message);
	for (int i = 0; cases[i].note; i++) {
		CHECK(s.article[i], "row %d (%s): article seen", i, cases[i].file);
		CHECK(!cases[i].src_id || s.src[i], "row %d: source document %s emitted", i, cases[i].src_id);
	}
	/* no id cut at a space, and none made of a word */
	for (int k = 0; k < s.id_count; k++) {
		const char *id = s.ids[k] + strlen("src/");
		CHECK(strchr(id, '/') || strchr(id, '-'), "source document id %s has no number's shape",
		      s.ids[k]);
		CHECK(id[strlen(id) - 1] != '/', "source document id %s ends with /", s.ids[k]);
	}
	CHECK(find_problem(&log, TC_PROBLEM_MISSING_FIELD, "28/2018/QH14: no title") != NULL,
	      "the law without a title is reported (%d problems: %s)", log.count,
	      log.count ? log.text[0] : "");
	CHECK(find_problem(&log, TC_PROBLEM_NOTE, "Không số") != NULL,
	      "the note without a number is reported");
	tc_buf_free(&html);
	remove_tree(dir);
	return check_done("phapdien-notes");
}
