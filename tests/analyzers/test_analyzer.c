/* test_analyzer.c - the Vietnamese analyzer, case by case: one row per real
 * text that motivated a rule (DESIGN.md "Analysis", GLOSSARY.md, the
 * SOURCE.md files of the shared corpus), then the edge cases (empty input,
 * U+FFFD, a 10 MB line, allocation failures, offsets). */
#include <time.h>

/* rows leave "absent" out when there is nothing to exclude */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include "analyzer-test-util.h"

typedef struct row {
	const char *text;
	const char *want[10];  /* "kind exact [folded]" */
	const char *absent[4]; /* "kind exact": must not be produced */
} row;

static const row rows[] = {
        /* ---- DESIGN.md tricky cases ---- */
        /* NFD input (Mac, PDF tools): "Nghị định" decomposed */
        {"Nghi\xcc\xa3 \xc4\x91i\xcc\xa3nh",
         {"syllable nghị nghi", "syllable định dinh", "bigram nghị_định nghi_dinh"}},
        /* NFD with the circumflex and dot below in either order: "Điều kiện" */
        {"\xc4\x90ie\xcc\x80\xcc\x82u kie\xcc\xa3\xcc\x82n", {"syllable điều dieu", "syllable kiện kien"}},
        {"\xc4\x90ie\xcc\x82\xcc\x80u", {"syllable điều dieu"}},
        /* tone typed before the shape mark: "a\u0300\u0306" = "ằ" (hằng năm) */
        {"ha\xcc\x80\xcc\x86ng na\xcc\x86m", {"syllable hằng hang", "syllable năm nam"}},
        {"tru\xcc\x80\xcc\x9bo\xcc\x9bng ho\xcc\x9b\xcc\xa3p",
         {"syllable trường truong", "syllable hợp hop"}},
        /* eth for Đ: "Ðiều 5", "NÐ-CP" */
        {"\xc3\x90i\xe1\xbb\x81u 5 Ngh\xe1\xbb\x8b \xc4\x91\xe1\xbb\x8bnh s\xe1\xbb\x91 52/2015/N\xc3\x90-CP",
         {"syllable điều dieu", "citation điều:5 dieu:5", "docnum 52/2015/nđ-cp 52/2015/nd-cp"}},
        {"\xc3\xb0\xe1\xbb\x83 \xc4\x91\xe1\xba\xa3m b\xe1\xba\xa3o", {"syllable để de", "syllable đảm dam"}},
        /* "Nghi dinh" without marks */
        {"Nghi dinh 52/2015/ND-CP quy dinh chi tiet",
         {"syllable nghi", "syllable dinh", "bigram nghi_dinh", "docnum 52/2015/nd-cp",
          "docnum-part nd:52/2015", "bigram chi_tiet"}},
        /* mixed old and new tone placement in one sentence (ALQAC law.json) */
        {"hoà giải và hòa giải, thuỷ sản và thủy sản, khoẻ mạnh và khỏe mạnh, uỷ ban và ủy ban",
         {"syllable hòa hoa", "syllable thủy thuy", "syllable khỏe khoe", "syllable ủy uy",
          "bigram hòa_giải hoa_giai"},
         {"syllable hoà", "syllable thuỷ", "syllable khoẻ", "syllable uỷ"}},
        /* ALL CAPS headings */
        {"NGHỊ ĐỊNH\n\nĐIỀU 5. Hiệu lực thi hành",
         {"syllable nghị nghi", "syllable định dinh", "citation điều:5 dieu:5", "syllable hiệu hieu"}},
        {"CHƯƠNG I\n\nNHỮNG QUY ĐỊNH CHUNG", {"citation chương:1 chuong:1", "syllable những nhung"}},
        /* articles with letters and dotted numbers */
        {"Điều 5a. Nguyên tắc", {"citation điều:5a dieu:5a", "number 5a"}},
        {"theo quy định tại Điều 12a.1 của Luật này", {"citation điều:12a.1 dieu:12a.1"}},
        {"Điều 36.3.LQ.1. Thanh niên", {"citation điều:36.3.lq.1 dieu:36.3.lq.1"}},
        {"Điều 36.3.NĐ.1.1. Phạm vi", {"citation điều:36.3.nđ.1.1 dieu:36.3.nd.1.1"}},
        /* document numbers at a line break (congbao_chinhphu nghi-dinh-so-112-2021 l.1047) */
        {"Thông tư liên tịch số 17/2007/TTLT-BLĐTBXH-\nNHNNVN ngày 04 tháng 9 năm 2007",
         {"docnum 17/2007/ttlt-blđtbxh-nhnnvn 17/2007/ttlt-bldtbxh-nhnnvn", "docnum-part ttlt:17/2007",
          "docnum-part 17/2007", "date 20070904"}},
        {"Số: 01/2022/TTLT-VKSNDTC-\nTANDTC-BCA-BQP-BLĐTBXH",
         {"docnum 1/2022/ttlt-vksndtc-tandtc-bca-bqp-blđtbxh 1/2022/ttlt-vksndtc-tandtc-bca-bqp-bldtbxh"}},
        /* numbers: Vietnamese thousands and decimals, "10.5" kept as written */
        {"mức phạt 10.000.000 đồng", {"number 10000000", "syllable đồng dong"}, {"number 10"}},
        {"lãi suất 2,5% một năm", {"number 2.5"}},
        {"1.234.567,89 đồng", {"number 1234567.89"}},
        {"phiên bản 10.5 của tiêu chuẩn", {"number 10.5"}, {"number 105"}},
        {"đề mục 36.3", {"number 36.3"}},
        {"khoản 01 Điều 05", {"citation khoản:1 khoan:1", "citation điều:5 dieu:5", "number 1"}},
        /* the three date forms */
        {"Hà Nội, ngày 14 tháng 5 năm 2015", {"date 20150514", "number 14", "number 5", "number 2015"}},
        {"có hiệu lực từ 14/5/2015", {"date 20150514"}, {"docnum-part 5/2015"}},
        {"CÔNG BÁO/Số 302/Ngày 14-05-2015", {"date 20150514"}},
        {"Ngày ký: 2026-06-10 16:59:39 +07:00", {"date 20260610"}},
        {"Thời gian ký: 11.01.2023 10:13:37", {"date 20230111"}},
        /* invalid dates are not dates */
        {"ngày 30 tháng 2 năm 2015 và 31/4/2020 và 29/2/2023",
         {"number 30"},
         {"date 20150230", "date 20200431", "date 20230229"}},
        {"ngày 29/02/2024", {"date 20240229"}},
        /* English and French words in annexes */
        {"Certificate of Free Sale (CFS)", {"word certificate", "word of", "word free", "bigram of_free"}},
        {"Société Générale, café crème",
         {"word société societe", "word générale generale", "word café cafe", "word crème creme"}},
        {"Façade française naïve", {"word façade facade", "word française francaise", "word naïve naive"}},
        /* the closed i/y list: one spelling */
        {"quản lí và quản lý", {"syllable lý ly"}, {"syllable lí"}},
        {"kĩ thuật, kỹ năng, nước Mĩ, nước Mỹ",
         {"syllable kỹ ky", "syllable mỹ my"},
         {"syllable kĩ", "syllable mĩ"}},
        {"bác sỹ và bác sĩ", {"syllable sĩ si"}, {"syllable sỹ"}},
        {"kí kết và ký kết", {"syllable ký ky"}, {"syllable kí"}},
        {"qui định và quy định", {"syllable quy"}, {"syllable qui"}},
        {"hi sinh và hy sinh", {"syllable hy"}, {"syllable hi"}},
        {"tỉ lệ và tỷ lệ, công ti và công ty", {"syllable tỷ ty", "syllable ty"}, {"syllable tỉ"}},
        {"kim loại, lịch sử, tin học", {"syllable kim", "syllable lịch lich", "syllable tin"}},
        /* tone placement by rule */
        {"quý, hóa, hoá, quỳnh, huỳnh, ngoài, khuỷu, thuở, người, giữa, già, gìn",
         {"syllable quý quy", "syllable hóa hoa", "syllable quỳnh quynh", "syllable huỳnh huynh",
          "syllable ngoài ngoai", "syllable khuỷu khuyu", "syllable thuở thuo", "syllable người nguoi",
          "syllable giữa giua", "syllable già gia"},
         {"syllable hoá"}},
        {"toán, hoàng, xoắn, tuần, quyết, khuyến",
         {"syllable toán toan", "syllable hoàng hoang", "syllable xoắn xoan", "syllable tuần tuan",
          "syllable quyết quyet", "syllable khuyến khuyen"}},
        {"toàn, hoạch, hoà, Thanh Hoá, Thanh Hóa",
         {"syllable toàn toan", "syllable hoạch hoach", "syllable hóa hoa"}},
        /* abbreviations are words */
        {"UBND tỉnh, HĐND thành phố, TAND cấp cao, COVID-19",
         {"word ubnd", "word hđnd hdnd", "word tand", "word covid", "number 19",
          "bigram ubnd_tỉnh ubnd_tinh"}},
        /* clauses: no bigram across punctuation or a blank line */
        {"quyền sử dụng đất; nghĩa vụ",
         {"bigram quyền_sử quyen_su", "bigram dụng_đất dung_dat"},
         {"bigram đất_nghĩa"}},
        {"Độc lập - Tự do - Hạnh phúc", {"bigram độc_lập doc_lap", "bigram tự_do tu_do"}, {"bigram lập_tự"}},
        {"Điều 1\n\nPhạm vi", {"syllable phạm pham"}, {"bigram điều_phạm"}},
        {"tổ chức chính trị -\nxã hội", {"bigram tổ_chức to_chuc"}},
        /* cleaning: zero-width characters, soft hyphens, NBSP, curly quotes */
        {"quy\xe2\x80\x8b\xe1\xba\xbfn", {"syllable quyến quyen"}},
        {"b\xc3\xa1o c\xc3\xa1o\xc2\xa0t\xc3\xa0i ch\xc3\xad\xc2\xadnh",
         {"bigram báo_cáo bao_cao", "bigram cáo_tài cao_tai", "syllable chính chinh"}},
        {"\xe2\x80\x9c"
         "an ninh m\xe1\xba\xa1ng"
         "\xe2\x80\x9d",
         {"bigram an_ninh", "bigram ninh_mạng ninh_mang"}},
        {"\xef\xbb\xbf"
         "Điều 1",
         {"citation điều:1 dieu:1"}},
        /* a soft hyphen right before a number (phapdien/demuc 30eb5989…: "\u00AD1. Doanh nghiệp") */
        {"ngày 01/01/2014)\n\n\xc2\xad"
         "1. Doanh nghiệp",
         {"number 1", "syllable doanh", "date 20140101"}},
        /* citations */
        {"điểm a khoản 2 Điều 5 Nghị định số 52/2015/NĐ-CP",
         {"citation điểm:a diem:a", "citation khoản:2 khoan:2", "citation điều:5 dieu:5",
          "docnum 52/2015/nđ-cp 52/2015/nd-cp", "docnum-part nd:52/2015", "docnum-part 52/2015"}},
        {"điểm đ khoản 1 và điểm d khoản 2", {"citation điểm:đ diem:d", "citation điểm:d diem:d"}},
        {"Chương III", {"citation chương:3 chuong:3"}},
        {"Chương 1: Những quy định chung", {"citation chương:1 chuong:1"}},
        {"chương trình mục tiêu quốc gia", {"syllable chương chuong"}, {"citation chương:1"}},
        {"Mục 2. Thủ tục", {"citation mục:2 muc:2"}},
        {"Tiểu mục 1. Quy định chung", {"citation tiểu_mục:1 tieu_muc:1"}},
        {"Phần thứ nhất", {"citation phần:1 phan:1"}},
        {"PHẦN THỨ HAI", {"citation phần:2 phan:2"}},
        {"Phần thứ mười một", {"citation phần:11 phan:11"}},
        {"Phụ lục II ban hành kèm theo", {"citation phụ_lục:2 phu_luc:2"}},
        {"Phụ lục số 01", {"citation phụ_lục:1 phu_luc:1"}},
        {"khoản 1 Điều này", {"citation khoản:1 khoan:1"}, {"citation điều:này"}},
        {"mức 2 và mục 2", {"citation mức:2 muc:2", "citation mục:2 muc:2"}},
        /* ---- document numbers: every form of DESIGN.md step 6 and GLOSSARY.md ---- */
        {"052/2015/NĐ-CP", {"docnum 52/2015/nđ-cp 52/2015/nd-cp"}},
        {"Số: 031/2025/QĐ-UBND", {"docnum 31/2025/qđ-ubnd 31/2025/qd-ubnd", "docnum-part qd:31/2025"}},
        {"Thông tư 01/2016/TT-BTP", {"docnum 1/2016/tt-btp", "docnum-part tt:1/2016", "docnum-part 1/2016"}},
        {"Luật số 24/2018/QH14", {"docnum 24/2018/qh14", "docnum-part luat:24/2018", "docnum-part 24/2018"}},
        {"Luật số: 60/2024/QH15", {"docnum 60/2024/qh15", "docnum-part luat:60/2024"}},
        {"Nghị quyết số: 49/2017/QH14", {"docnum 49/2017/qh14", "docnum-part nq:49/2017"}},
        {"03/VBHN-BTP", {"docnum 3/vbhn-btp", "docnum-part vbhn:3"}},
        {"01/2021/TTLT-BTP-BNV", {"docnum 1/2021/ttlt-btp-bnv", "docnum-part ttlt:1/2021"}},
        {"Quyết định 1819/QĐ-TTg", {"docnum 1819/qđ-ttg 1819/qd-ttg", "docnum-part qd:1819"}},
        {"702b/QĐ-BTP", {"docnum 702b/qđ-btp 702b/qd-btp", "docnum-part qd:702b"}},
        {"204/KH-UBND", {"docnum 204/kh-ubnd", "docnum-part kh:204"}},
        {"Công văn số 2606/BTTTT-CATTT", {"docnum 2606/btttt-cattt"}},
        {"Nghị quyết số 52-NQ/TW", {"docnum 52-nq/tw", "docnum-part nq:52"}},
        {"15/2008/QĐ-UBND", {"docnum 15/2008/qđ-ubnd 15/2008/qd-ubnd"}},
        {"Số: 45/2019/QH14", {"docnum 45/2019/qh14", "docnum-part 45/2019"}},
        {"52 / 2015 / NĐ - CP", {"docnum 52/2015/nđ-cp 52/2015/nd-cp"}},
        {"52/2015/NĐ\xe2\x80\x93"
         "CP",
         {"docnum 52/2015/nđ-cp 52/2015/nd-cp"}},
        {"52/2015/nđ-cp", {"docnum 52/2015/nđ-cp 52/2015/nd-cp"}},
        {"52/2015/ND-CP", {"docnum 52/2015/nd-cp"}},
        {"nđ 52/2015", {"docnum-part nd:52/2015", "docnum-part 52/2015"}},
        {"nd 52/2015", {"docnum-part nd:52/2015", "docnum-part 52/2015"}},
        {"nghị định 52/2015", {"docnum-part nd:52/2015"}},
        {"luật 57/2020", {"docnum-part luat:57/2020"}},
        {"thông tư 01 năm 2016", {"docnum-part tt:1/2016", "docnum-part 1/2016"}},
        /* ---- loose spellings (issue 19: what the public types) ---- */
        {"145 2020 nd cp", {"docnum 145/2020/nd-cp", "docnum-part nd:145/2020", "docnum-part 145/2020"}},
        {"nghị định 145 2020 nđ cp quy định",
         {"docnum 145/2020/nđ-cp 145/2020/nd-cp", "docnum-part nd:145/2020", "syllable quy"},
         {"docnum 145/2020/nđ-cp-quy"}},
        {"57 2020 qh14", {"docnum 57/2020/qh14", "docnum-part 57/2020"}},
        {"52/2015 NĐ-CP", {"docnum 52/2015/nđ-cp 52/2015/nd-cp", "docnum-part nd:52/2015"}},
        {"nghi dinh 293 2025", {"docnum-part nd:293/2025", "docnum-part 293/2025"}},
        {"luat 45 2013", {"docnum-part luat:45/2013", "docnum-part 45/2013"}},
        {"luật 45/2013 qh13", {"docnum 45/2013/qh13", "docnum-part luat:45/2013"}},
        {"TT 13/2026 BNV", {"docnum 13/2026/tt-bnv", "docnum-part tt:13/2026"}},
        {"ttlt 01 2016 tandtc vksndtc btp",
         {"docnum 1/2016/ttlt-tandtc-vksndtc-btp", "docnum-part ttlt:1/2016", "docnum-part 1/2016"}},
        {"52/2015/ndcp", {"docnum 52/2015/nd-cp", "docnum-part nd:52/2015"}},
        /* codes typed in small letters, digits and all */
        {"69/2020/qh14", {"docnum 69/2020/qh14", "docnum-part 69/2020"}},
        {"02/2012/ubtvqh13", {"docnum 2/2012/ubtvqh13"}},
        {"văn bản 15/TTgngay 3", {"number 15"}, {"docnum"}},
        /* congbao_chinhphu, a type glued to its issuer */
        {"Thông tư số 27/2016/TTBLĐTBXH ngày 01/9/2016",
         {"docnum 27/2016/tt-blđtbxh 27/2016/tt-bldtbxh", "docnum-part tt:27/2016", "date 20160901"}},
        {"Nghị định số 214/2025/NĐCP ngày 04/8/2025", {"docnum 214/2025/nđ-cp 214/2025/nd-cp"}},
        /* pháp điển: "Nghị định số 187/2013 NĐ-CP", an attachment's name */
        {"hướng dẫn thi hành Nghị định số 187/2013 NĐ-CP ngày 20 tháng 11 năm 2013",
         {"docnum 187/2013/nđ-cp 187/2013/nd-cp", "date 20131120"}},
        {"Phu luc kem theo Thong tu so 33 2019 TT BCT.pdf",
         {"docnum 33/2019/tt-bct", "docnum-part tt:33/2019"}},
        /* ordinary numbers stay numbers */
        {"phạt tiền từ 10.000.000 đồng đến 20.000.000 đồng năm 2015 cp", {"number 10000000"}, {"docnum"}},
        {"Điều 5 khoản 2 năm 2015 quy định", {"citation điều:5 dieu:5"}, {"docnum"}},
        {"tổng số 120 2021 cp và 15 2020 ubnd", {"number 120"}, {"docnum"}},
        {"Thông tư số 07/2013/TT-TTCP", {"docnum 7/2013/tt-ttcp"}, {"docnum 7/2013/tt-tt-cp"}},
        {"Số: 66.17/2026/NQ-CP", {"docnum 66.17/2026/nq-cp", "docnum-part nq:66.17/2026"}},
        {"Số: 882 /CTBNI-TTHT", {"docnum 882/ctbni-ttht"}},
        {"Số:   59   /2026/TT-BGDĐT", {"docnum 59/2026/tt-bgdđt 59/2026/tt-bgddt"}},
        {"Số:  372 /QĐ-BTC", {"docnum 372/qđ-btc 372/qd-btc"}},
        {"Số: 010/CT-UBND", {"docnum 10/ct-ubnd", "docnum-part ct:10"}},
        {"Lệnh số 05/2019/L-CTN", {"docnum 5/2019/l-ctn", "docnum-part l:5/2019"}},
        {"Số: 02125/QĐ-UBND", {"docnum 2125/qđ-ubnd 2125/qd-ubnd"}},
        {"1654/NQ-UBTVQH15", {"docnum 1654/nq-ubtvqh15", "docnum-part nq:1654"}},
        {"60-NQ/TW", {"docnum 60-nq/tw", "docnum-part nq:60"}},
        /* not document numbers */
        {"100/km và 5/lần, 3/4 số", {"number 100"}, {"docnum 100/km", "docnum 5/lần"}},
        {"Số: ............../..........", {"syllable số so"}, {"docnum-part"}},
        {"NĐ-CP - Quy định", {"word nđ nd"}, {"docnum"}},
        /* a blank template (congbao_chinhphu nghi-dinh-so-112-2021 l.1155) */
        {"Căn cứ Nghị định số.../2021/NĐ-CP ngày... tháng... năm 2021", {"number 2021"}, {"docnum"}},
        /* ---- pháp điển source notes (phapdien/demuc, pGhiChu) ---- */
        {"(Điều 1 Luật số 57/2020/QH14 Luật Thanh niên ngày 16/06/2020 của Quốc hội, có hiệu lực thi hành kể "
         "từ "
         "ngày 01/01/2021)",
         {"citation điều:1 dieu:1", "docnum 57/2020/qh14", "docnum-part luat:57/2020", "date 20200616",
          "date 20210101", "bigram thanh_niên thanh_nien"}},
        {"(Điều 3 Nghị định số 155/2020/NĐ-CP ngày 31/12/2020 của Chính phủ)",
         {"docnum 155/2020/nđ-cp 155/2020/nd-cp", "date 20201231", "docnum-part nd:155/2020"}},
        {"Thông tư số 156/2013/TT-BTC", {"docnum 156/2013/tt-btc", "docnum-part tt:156/2013"}},
        {"Thông tư số 21/2013/TT-BCT", {"docnum 21/2013/tt-bct", "docnum-part tt:21/2013"}},
        {"Luật số 91/2015/QH13", {"docnum 91/2015/qh13", "docnum-part luat:91/2015"}},
        {"Bộ luật số 100/2015/QH13", {"docnum 100/2015/qh13", "docnum-part luat:100/2015"}},
        {"Thông tư số 19/2017/TT-BGTVT", {"docnum 19/2017/tt-bgtvt"}},
        {"Nghị định số 131/2021/NĐ-CP", {"docnum 131/2021/nđ-cp 131/2021/nd-cp"}},
        {"Pháp lệnh số 32/2007/PL-UBTVQH11", {"docnum 32/2007/pl-ubtvqh11", "docnum-part pl:32/2007"}},
        {"Nghị quyết số 04/2016/NQ-HĐTP", {"docnum 4/2016/nq-hđtp 4/2016/nq-hdtp", "docnum-part nq:4/2016"}},
        {"Thông tư liên tịch số 20/2013/TTLT-BYT-BCT-BNNPTNT",
         {"docnum 20/2013/ttlt-byt-bct-bnnptnt", "docnum-part ttlt:20/2013"}},
        {"Thông tư liên tịch số 10/2018/TTLT-BTP-BCA-BQP-BTC-TANDTC-VKSNDTC",
         {"docnum 10/2018/ttlt-btp-bca-bqp-btc-tandtc-vksndtc"}},
        {"Nghị quyết số 05/2008/UBTVQH12", {"docnum 5/2008/ubtvqh12", "docnum-part nq:5/2008"}},
        {"Quyết định số 290/2005/QĐ-TTg",
         {"docnum 290/2005/qđ-ttg 290/2005/qd-ttg", "docnum-part qd:290/2005"}},
        {"Thông tư số 08/2017/TT-BLĐTBXH", {"docnum 8/2017/tt-blđtbxh 8/2017/tt-bldtbxh"}},
        {"Nghị định số 74/CP", {"docnum 74/cp", "docnum-part nd:74"}},
        {"Thông tư số 22/2015/TT-NHNN", {"docnum 22/2015/tt-nhnn"}},
        {"Thông tư số 07/2013/TT-TTCP", {"docnum 7/2013/tt-ttcp"}},
        {"Thông tư số 17/2014/TT-BVHTTDL", {"docnum 17/2014/tt-bvhttdl"}},
        /* ---- congbao headers ("Số: …" lines) ---- */
        {"Số: 982/KH-UBND", {"docnum 982/kh-ubnd", "docnum-part kh:982"}},
        {"Số: 1654/NQ-UBTVQH15         *Hà Nội, ngày 16 tháng 6 năm 2025*",
         {"docnum 1654/nq-ubtvqh15", "date 20250616"}},
        {"Số: 59   /2026/TT-BGDĐT          Hà Nội, ngày 15     tháng 07 năm 2026",
         {"docnum 59/2026/tt-bgdđt 59/2026/tt-bgddt", "date 20260715"}},
        {"**Số: 03/2026/TT-BTC**", {"docnum 3/2026/tt-btc", "docnum-part tt:3/2026"}},
        {"Số: 04/2012/TT-BKHĐT Hà Nội, ngày 13 tháng 08 năm 2012",
         {"docnum 4/2012/tt-bkhđt 4/2012/tt-bkhdt", "date 20120813"}},
        {"Số:  40/VBHN-BCT", {"docnum 40/vbhn-bct", "docnum-part vbhn:40"}},
        {"Số:  9191/VBHN-BKHĐT", {"docnum 9191/vbhn-bkhđt 9191/vbhn-bkhdt"}},
        {"Số:  100/NQ-CP", {"docnum 100/nq-cp", "docnum-part nq:100"}},
        {"Số: 08/2022/QĐ-TTg", {"docnum 8/2022/qđ-ttg 8/2022/qd-ttg"}},
        {"Số: 26/2026/TT-BNNMT", {"docnum 26/2026/tt-bnnmt"}},
        {"Số 2696/QĐ-UBND", {"docnum 2696/qđ-ubnd 2696/qd-ubnd"}},
        {"Số: 01763/QĐ-UBND", {"docnum 1763/qđ-ubnd 1763/qd-ubnd"}},
        {"Số: 06/VBHN-BYT", {"docnum 6/vbhn-byt"}},
        {"017/NĐ-CP Hà Nội, ngày 07 tháng 12 năm 2017", {"docnum 17/nđ-cp 17/nd-cp", "date 20171207"}},
        {"CÔNG BÁO/Số 11 + 12/Ngày 10-01-2023", {"date 20230110"}},
        /* ---- ALQAC law.json text ---- */
        {"Người nghiện ma túy từ đủ 18 tuổi trở lên",
         {"syllable túy tuy", "bigram ma_túy ma_tuy", "number 18"}},
        {"Luật Phòng, chống ma tuý", {"syllable túy tuy"}, {"syllable tuý"}},
        {"Ủy ban Thường vụ Quốc hội", {"syllable ủy uy", "bigram ủy_ban uy_ban", "bigram quốc_hội quoc_hoi"}},
        {"Uỷ ban nhân dân cấp tỉnh", {"syllable ủy uy", "bigram ủy_ban uy_ban"}},
        {"thỏa thuận và thoả thuận", {"syllable thỏa thoa"}, {"syllable thoả"}},
        {"hủy bỏ và huỷ bỏ quyết định", {"syllable hủy huy"}, {"syllable huỷ"}},
};

static void check_rows(tc_analyzer *a)
{
	collected c = {0};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const row *r = &rows[i];
		tc_status st = collect(a, TC_ANALYZE_DOCUMENT, r->text, strlen(r->text), &c);
		CHECK(st == TC_OK, "row %zu: status %d", i, st);
		CHECK(c.order_ok, "row %zu (%s): positions out of order", i, r->text);
		for (size_t k = 0; k < 10 && r->want[k]; k++)
			CHECK(has_term(&c, r->want[k]), "row %zu \"%s\": missing %s; got\n%s", i, r->text,
			      r->want[k], c.lines.data);
		for (size_t k = 0; k < 4 && r->absent[k]; k++) {
			char kind[32], exact[200] = "";
			sscanf(r->absent[k], "%31s %199s", kind, exact);
			int found =
			        exact[0] ? has_exact(&c, kind, exact) : strstr(c.lines.data, kind) != NULL;
			CHECK(!found, "row %zu \"%s\": unexpected %s; got\n%s", i, r->text, r->absent[k],
			      c.lines.data);
		}
		/* QUERY gives the same terms */
		char *doc = tc_strdup(c.lines.data);
		collect(a, TC_ANALYZE_QUERY, r->text, strlen(r->text), &c);
		CHECK(doc && !strcmp(doc, c.lines.data), "row %zu: QUERY and DOCUMENT differ", i);
		tc_free(doc);
	}
	tc_buf_free(&c.lines);
}

/* Document numbers through tc_doc_number_normalize (the loaders' ids). */
static void check_doc_number_normalize(void)
{
	static const struct {
		const char *in, *exact, *folded;
	} cases[] = {
	        {"Số: 52 / 2015 / NÐ \xe2\x80\x93 CP", "52/2015/nđ-cp", "52/2015/nd-cp"},
	        {"52/2015/ND-CP", "52/2015/nd-cp", "52/2015/nd-cp"},
	        {"031/2025/QĐ-UBND", "31/2025/qđ-ubnd", "31/2025/qd-ubnd"},
	        {"01/2016/TT-BTP", "1/2016/tt-btp", "1/2016/tt-btp"},
	        {"Luật số 57/2020/QH14", "57/2020/qh14", "57/2020/qh14"},
	        {"Số: 66.17/2026/NQ-CP", "66.17/2026/nq-cp", "66.17/2026/nq-cp"},
	        {"Số: 882 /CTBNI-TTHT", "882/ctbni-ttht", "882/ctbni-ttht"},
	        {"52-NQ/TW", "52-nq/tw", "52-nq/tw"},
	        {"17/2007/TTLT-BLĐTBXH-\nNHNNVN", "17/2007/ttlt-blđtbxh-nhnnvn",
	         "17/2007/ttlt-bldtbxh-nhnnvn"},
	        {"702b/QĐ-BTP", "702b/qđ-btp", "702b/qd-btp"},
	};
	tc_buf out = {0};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK(tc_doc_number_normalize(cases[i].in, strlen(cases[i].in), 0, &out) == 0, "%s",
		      cases[i].in);
		CHECK_STR(out.data, cases[i].exact);
		CHECK(tc_doc_number_normalize(cases[i].in, strlen(cases[i].in), 1, &out) == 0, "%s",
		      cases[i].in);
		CHECK_STR(out.data, cases[i].folded);
	}
	const char *blank = "Số: ............../..........";
	CHECK(tc_doc_number_normalize(blank, strlen(blank), 0, &out) == -1, "blank template");
	CHECK(tc_doc_number_normalize("52/2015", 7, 0, &out) == -1, "no type, no issuer");
	CHECK(tc_doc_number_normalize("", 0, 0, &out) == -1, "empty");
	tc_buf_free(&out);
}

static void check_normalize(tc_analyzer *a)
{
	static const struct {
		const char *in, *canonical, *folded;
	} cases[] = {
	        {"Luật Phòng, chống ma tuý", "luật phòng, chống ma túy", "luat phong, chong ma tuy"},
	        {"  UỶ BAN\tNHÂN  DÂN\n tỉnh Thanh Hoá ", "ủy ban nhân dân tỉnh thanh hóa",
	         "uy ban nhan dan tinh thanh hoa"},
	        {"Nghị định 52/2015/NĐ\xe2\x80\x93"
	         "CP",
	         "nghị định 52/2015/nđ-cp", "nghi dinh 52/2015/nd-cp"},
	        {"Đất đai", "đất đai", "dat dai"},
	        {"", "", ""},
	};
	tc_buf out = {0};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK(tc_analyzer_normalize(a, cases[i].in, strlen(cases[i].in), 0, &out) == 0, "normalize");
		CHECK_STR(out.data, cases[i].canonical);
		CHECK(tc_analyzer_normalize(a, cases[i].in, strlen(cases[i].in), 1, &out) == 0, "normalize");
		CHECK_STR(out.data, cases[i].folded);
	}
	tc_buf_free(&out);
	/* nothing to write, into a buffer never written: the empty string, as
	 * the draft checker's strstr reads it (a fuzzed draft's article) */
	tc_buf fresh = {0};
	CHECK(tc_analyzer_normalize(a, " \t\n ", 4, 1, &fresh) == 0 && fresh.data && fresh.len == 0 &&
	              fresh.data[0] == '\0',
	      "spaces only, into a new buffer: the empty string");
	tc_buf_free(&fresh);
}

/* The other place of the tone: "hóa" → "hoá", and the analyzer reads the
 * other spelling back as the canonical one; no other for syllables whose
 * tone has one place ("hoàng", "mía", "quý") or none ("hoa"). */
static void check_tone_variant(tc_analyzer *a)
{
	static const struct {
		const char *in, *other;
	} cases[] = {{"hóa", "hoá"},   {"hòa", "hoà"},   {"khỏe", "khoẻ"}, {"thủy", "thuỷ"}, {"ủy", "uỷ"},
	             {"tọa", "toạ"},   {"hõa", "hoã"},   {"hoa", NULL},    {"hoàng", NULL},  {"mía", NULL},
	             {"quý", NULL},    {"khuỷu", NULL},  {"", NULL}};
	tc_buf back = {0};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[64];
		size_t n = tc_tone_variant(cases[i].in, strlen(cases[i].in), out, sizeof out);
		if (!cases[i].other) {
			CHECK(n == 0, "'%s' has one spelling", cases[i].in);
			continue;
		}
		CHECK(n == strlen(cases[i].other) && !memcmp(out, cases[i].other, n), "'%s' → '%s' (got %.*s)",
		      cases[i].in, cases[i].other, (int)n, out);
		CHECK(tc_analyzer_normalize(a, out, n, 0, &back) == 0 && !strcmp(back.data, cases[i].in),
		      "'%s' reads back as '%s'", cases[i].other, cases[i].in);
	}
	char small[3];
	CHECK(tc_tone_variant("hóa", strlen("hóa"), small, sizeof small) == 0, "no room: none");
	tc_buf_free(&back);
}

typedef struct fold_ctx {
	const char *text;
	int syllables, same;
	char first_diff[160];
} fold_ctx;

static int on_fold_token(void *vctx, const tc_token *t)
{
	fold_ctx *ctx = vctx;
	if (t->kind != TC_TOKEN_SYLLABLE)
		return 0;
	char out[64];
	size_t n = tc_fold_word(ctx->text + t->start, t->end - t->start, out, sizeof out);
	ctx->syllables++;
	if (n == t->folded_len && !memcmp(out, t->folded, n))
		ctx->same++;
	else if (!ctx->first_diff[0])
		snprintf(ctx->first_diff, sizeof ctx->first_diff, "'%.*s': '%.*s', the analyzer '%s'",
		         (int)(t->end - t->start), ctx->text + t->start, (int)n, out, t->folded);
	return 0;
}

/* A word folded on its own (tc_fold_word, for locating snippets) is the
 * analyzer's folded syllable: every syllable of a real article, in
 * capitals and lowercase, composed and decomposed; what is not all letters
 * has no fold. */
static void check_fold_word(tc_analyzer *a)
{
	static const char *const texts[] = {
	        "Điều 5. QUYỀN VÀ NGHĨA VỤ CỦA NGƯỜI SỬ DỤNG ĐẤT\nNgười sử dụng đất được Nhà nước giao "
	        "đất, cho thuê đất, công nhận quyền sử dụng đất; hộ gia đình, cá nhân trực tiếp sản "
	        "xuất nông nghiệp được hưởng thành quả lao động, kết quả đầu tư trên đất.",
	        /* "Quyền sử dụng" decomposed (NFD) */
	        "Quye\xcc\x82\xcc\x80n su\xcc\x9b\xcc\x89 du\xcc\xa3ng"};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		fold_ctx ctx = {.text = texts[i]};
		tc_error err;
		CHECK(tc_analyzer_run(a, TC_ANALYZE_DOCUMENT | TC_ANALYZE_NO_BIGRAMS, texts[i], strlen(texts[i]),
		                      on_fold_token, &ctx, NULL, &err) == TC_OK,
		      "analyze: %s", err.message);
		CHECK(ctx.syllables > 2 && ctx.same == ctx.syllables, "text %zu: %d of %d syllables fold the same; %s",
		      i, ctx.same, ctx.syllables, ctx.first_diff);
	}
	char out[8];
	CHECK(tc_fold_word("ĐỊNH", strlen("ĐỊNH"), out, sizeof out) == 4 && !strcmp(out, "dinh"), "ĐỊNH → dinh");
	CHECK(tc_fold_word("2015", 4, out, sizeof out) == 0, "a number has no fold");
	CHECK(tc_fold_word("nđ-cp", strlen("nđ-cp"), out, sizeof out) == 0, "a dash is no letter");
	CHECK(tc_fold_word("naïve", strlen("naïve"), out, sizeof out) == 0, "a letter of another language");
	CHECK(tc_fold_word("nghiệp", strlen("nghiệp"), out, 4) == 0, "no room: none");
	CHECK(tc_fold_word("", 0, out, sizeof out) == 0, "the empty word");
}

/* PLAIN: syllables as written (NFC lowercase), nothing else. */
static void check_plain(tc_analyzer *a)
{
	collected c = {0};
	const char *text =
	        "Hoà giải theo Nghị định 52/2015/NĐ-CP, Điều 5, ngày 14/5/2015: quản lí 10.000 đồng";
	collect(a, TC_ANALYZE_DOCUMENT | TC_ANALYZE_PLAIN, text, strlen(text), &c);
	CHECK(has_term(&c, "syllable hoà hoa"), "plain keeps the old tone placement:\n%s", c.lines.data);
	CHECK(has_term(&c, "syllable lí li"), "plain keeps i/y:\n%s", c.lines.data);
	CHECK(has_term(&c, "word 52"), "plain numbers are words:\n%s", c.lines.data);
	CHECK(has_term(&c, "word 000"), "plain splits 10.000:\n%s", c.lines.data);
	CHECK(has_term(&c, "word nđ nd"), "plain:\n%s", c.lines.data);
	CHECK(!strstr(c.lines.data, "bigram") && !strstr(c.lines.data, "docnum") &&
	              !strstr(c.lines.data, "citation") && !strstr(c.lines.data, "date") &&
	              !strstr(c.lines.data, "number"),
	      "plain has only syllables and words:\n%s", c.lines.data);
	tc_buf_free(&c.lines);
}

static void check_flags(tc_analyzer *a)
{
	collected c = {0};
	const char *text = "Điều 5 Nghị định 52/2015/NĐ-CP ngày 14/5/2015 quyền sử dụng";
	collect(a,
	        TC_ANALYZE_DOCUMENT | TC_ANALYZE_NO_BIGRAMS | TC_ANALYZE_NO_DOC_NUMBERS |
	                TC_ANALYZE_NO_CITATIONS | TC_ANALYZE_NO_DATES,
	        text, strlen(text), &c);
	CHECK(!strstr(c.lines.data, "bigram") && !strstr(c.lines.data, "docnum") &&
	              !strstr(c.lines.data, "citation") && !strstr(c.lines.data, "date"),
	      "options off:\n%s", c.lines.data);
	CHECK(has_term(&c, "number 10000000") == 0 && has_term(&c, "syllable quyền quyen"), "words stay");
	tc_buf_free(&c.lines);
}

static int stop_after_first(void *ctx, const tc_token *t)
{
	(void)ctx;
	(void)t;
	return 1;
}

/* Token structure: positions, flags, offsets into the original input. */
static void check_structure(tc_analyzer *a)
{
	collected c = {0};
	const char *text = "NGHỊ ĐỊNH\nQuy định chi tiết. Điều 5";
	collect(a, TC_ANALYZE_DOCUMENT, text, strlen(text), &c);
	/* "NGHỊ" at 0, bytes 0-6, capitals and clause start */
	char want[64];
	snprintf(want, sizeof want, "syllable nghị nghi 0 0 6 %d\n",
	         TC_TOKEN_UPPERCASE | TC_TOKEN_CLAUSE_START);
	CHECK(!strncmp(c.lines.data, want, strlen(want)), "got %s", c.lines.data);
	snprintf(want, sizeof want, "bigram nghị_định nghi_dinh 0 0 14 %d\n", TC_TOKEN_COLOCATED);
	CHECK(strstr(c.lines.data, want) != NULL, "got %s", c.lines.data);
	/* "Điều" starts a clause after the full stop; its citation is co-located */
	snprintf(want, sizeof want, "syllable điều dieu 6 %zu %zu %d\n",
	         strlen("NGHỊ ĐỊNH\nQuy định chi tiết. "), strlen("NGHỊ ĐỊNH\nQuy định chi tiết. Điều"),
	         TC_TOKEN_CLAUSE_START);
	CHECK(strstr(c.lines.data, want) != NULL, "want %s got %s", want, c.lines.data);
	snprintf(want, sizeof want, "citation điều:5 dieu:5 6 %zu %zu %d\n",
	         strlen("NGHỊ ĐỊNH\nQuy định chi tiết. "), strlen(text), TC_TOKEN_COLOCATED);
	CHECK(strstr(c.lines.data, want) != NULL, "want %s got %s", want, c.lines.data);

	/* info */
	tc_analysis_info info;
	CHECK(tc_analyzer_run(a, TC_ANALYZE_DOCUMENT, text, strlen(text), collect_token, &c, &info, NULL) ==
	              TC_OK,
	      "run");
	CHECK(info.word_count == 8 && info.encoding == TC_ENCODING_UTF8, "word_count %u", info.word_count);

	/* the callback can stop the run */
	tc_error err = {0};
	CHECK(tc_analyzer_run(a, TC_ANALYZE_DOCUMENT, text, strlen(text), stop_after_first, NULL, NULL,
	                      &err) == TC_ERR_ABORTED,
	      "abort");
	CHECK(err.code == TC_ERR_ABORTED, "abort code");
	tc_buf_free(&c.lines);
}

static void check_edges(tc_analyzer *a)
{
	collected c = {0};
	/* empty input: no tokens */
	CHECK(collect(a, TC_ANALYZE_DOCUMENT, "", 0, &c) == TC_OK && c.count == 0, "empty");
	CHECK(collect(a, TC_ANALYZE_DOCUMENT, NULL, 0, &c) == TC_OK && c.count == 0, "NULL");
	CHECK(collect(a, TC_ANALYZE_DOCUMENT, " \n\n\xe2\x80\x8b\xc2\xad ;.", 10, &c) == TC_OK &&
	              c.count == 0,
	      "only separators");
	/* U+FFFD in the middle of a word splits it */
	const char *fffd = "quy\xef\xbf\xbd"
	                   "định";
	collect(a, TC_ANALYZE_DOCUMENT, fffd, strlen(fffd), &c);
	CHECK(has_term(&c, "syllable quy") && has_term(&c, "syllable định dinh"), "U+FFFD: %s", c.lines.data);
	/* invalid UTF-8 never crashes and splits words like U+FFFD */
	const char *bad = "quy\xff\xc3"
	                  "định\xe1\xba";
	collect(a, TC_ANALYZE_DOCUMENT, bad, strlen(bad), &c);
	CHECK(has_term(&c, "syllable quy") && has_term(&c, "syllable định dinh"), "invalid: %s",
	      c.lines.data);
	/* a lone combining mark, a NUL byte */
	collect(a, TC_ANALYZE_DOCUMENT, "\xcc\x81 a\0b", 6, &c);
	CHECK(has_term(&c, "syllable a") && has_term(&c, "word b"), "marks/NUL: %s", c.lines.data);
	/* a very long letter run is cut into words of bounded length */
	char longword[400];
	memset(longword, 'x', sizeof longword);
	collect(a, TC_ANALYZE_DOCUMENT, longword, sizeof longword, &c);
	CHECK(c.count > 1, "long word cut: %zu", c.count);
	tc_buf_free(&c.lines);
}

/* A 10 MB line of real legal text in linear time. */
static size_t count_tokens;
static int count_token(void *ctx, const tc_token *t)
{
	(void)ctx;
	(void)t;
	count_tokens++;
	return 0;
}

static void check_big_line(tc_analyzer *a)
{
	const char *sentence =
	        "Căn cứ Nghị định số 52/2015/NĐ-CP ngày 14 tháng 5 năm 2015 của Chính phủ về cơ sở "
	        "dữ liệu quốc gia về pháp luật, điểm a khoản 2 Điều 5 mức phạt 10.000.000 đồng; ";
	size_t sl = strlen(sentence), n = 10u * 1024 * 1024 / sl;
	tc_buf big = {0};
	for (size_t i = 0; i < n; i++)
		tc_buf_append(&big, sentence, sl);
	double times[2];
	size_t counts[2];
	for (int k = 0; k < 2; k++) {
		size_t len = k == 0 ? big.len / 10 : big.len;
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		count_tokens = 0;
		tc_status st =
		        tc_analyzer_run(a, TC_ANALYZE_DOCUMENT, big.data, len, count_token, NULL, NULL, NULL);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		CHECK(st == TC_OK, "10 MB run");
		times[k] = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		counts[k] = count_tokens;
	}
	/* tokens grow with the text, time about linearly (generous bound for sanitizers) */
	CHECK(counts[1] > 9 * counts[0], "tokens %zu vs %zu", counts[1], counts[0]);
	CHECK(times[1] < 25 * times[0] + 0.5, "10 MB: %.3fs, 1 MB: %.3fs", times[1], times[0]);
	tc_buf_free(&big);
}

/* Fail each allocation in turn: NULL / TC_ERR_NOMEM, no leak (ASan). */
static void check_alloc_failures(void)
{
	/* valid text (no copy in the repair) and text with an invalid byte (the
	 * repair copies it, so the run itself allocates) */
	static const char *const texts[] = {"Điều 5 Nghị định 52/2015/NĐ-CP quyền sử dụng đất",
	                                    "Điều 5 Nghị \xff định 52/2015/NĐ-CP quyền sử dụng đất"};
	int new_failed = 0, run_failed = 0, normalize_failed = 0;
	for (size_t t = 0; t < 2; t++) {
		const char *text = texts[t];
		int done = 0;
		for (long n = 1; n < 50 && !done; n++) {
			tc_alloc_fail_after(n);
			tc_analyzer *a = tc_analyzer_new();
			if (!a) {
				new_failed++;
				tc_alloc_fail_after(0);
				continue;
			}
			tc_error err = {0};
			tc_status st = tc_analyzer_run(a, TC_ANALYZE_DOCUMENT, text, strlen(text),
			                               count_token, NULL, NULL, &err);
			CHECK(st == TC_OK || (st == TC_ERR_NOMEM && err.code == TC_ERR_NOMEM),
			      "n=%ld: status %d", n, st);
			run_failed += st == TC_ERR_NOMEM;
			tc_buf out = {0};
			int rc = tc_analyzer_normalize(a, text, strlen(text), 1, &out);
			normalize_failed += rc < 0;
			if (st == TC_OK && rc == 0)
				done = 1;
			tc_alloc_fail_after(0);
			tc_buf_free(&out);
			tc_analyzer_free(a);
		}
		CHECK(done, "some allocation count lets everything succeed");
	}
	/* every failure path was taken; ASan's leak checker sees the rest */
	CHECK(new_failed > 0 && run_failed > 0 && normalize_failed > 0,
	      "failures: new %d, run %d, normalize %d", new_failed, run_failed, normalize_failed);
}

int main(void)
{
	tc_analyzer *a = tc_analyzer_new();
	CHECK(a != NULL, "new");
	if (!a)
		return check_done("analyzer");
	check_rows(a);
	check_doc_number_normalize();
	check_normalize(a);
	check_tone_variant(a);
	check_fold_word(a);
	check_plain(a);
	check_flags(a);
	check_structure(a);
	check_edges(a);
	check_big_line(a);
	tc_analyzer_free(a);
	check_alloc_failures();
	CHECK(!strcmp(tc_token_kind_name(TC_TOKEN_DOC_NUMBER_PART), "docnum-part"), "kind name");
	CHECK(!strcmp(tc_encoding_name(TC_ENCODING_TCVN3), "TCVN3"), "encoding name");
	return check_done("analyzer");
}
