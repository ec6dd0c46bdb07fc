/* test_property.c - properties of the analyzer over real sentences:
 *   - NFD text, old-style tones (hoà, thuỷ, khoẻ, uỷ) and new-style tones
 *     (hòa, thủy, khỏe, ủy) give the same exact terms as the original;
 *   - folding the text first gives the same folded terms;
 *   - re-analyzing the bytes [start, end) of a syllable gives the same term.
 * Runs over sentences embedded here, then over 10,000 sentences of the
 * shared corpus (pháp điển and ALQAC law.json) when it is present. */
#include <dirent.h>

#include <jansson.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <zstd.h>

#include "analyzer-test-util.h"

static const char *const embedded[] = {
        "Luật này quy định về phòng ngừa, ngăn chặn, đấu tranh chống tội phạm và tệ nạn ma túy.",
        "Uỷ ban nhân dân cấp tỉnh có trách nhiệm hướng dẫn thi hành Nghị định số 52/2015/NĐ-CP.",
        "Việc hoà giải được thực hiện theo thoả thuận của các bên; trường hợp không thỏa thuận được thì khởi "
        "kiện.",
        "Điều 36.3.LQ.1. Thanh niên (Điều 1 Luật số 57/2020/QH14 Luật Thanh niên ngày 16/06/2020 của Quốc "
        "hội)",
        "Thủ tướng Chính phủ quyết định thành lập Hội đồng quốc gia về tài nguyên nước và thuỷ lợi.",
        "Người lao động được nghỉ ngơi, khỏe mạnh; người sử dụng lao động bảo đảm sức khoẻ cho người lao "
        "động.",
        "Mức phạt tiền từ 10.000.000 đồng đến 20.000.000 đồng; lãi suất 2,5% một năm.",
        "Căn cứ Thông tư liên tịch số 17/2007/TTLT-BLĐTBXH-NHNNVN ngày 04 tháng 9 năm 2007.",
        "Chương III QUYỀN VÀ NGHĨA VỤ CỦA CÔNG DÂN; Phần thứ nhất; Phụ lục II; điểm đ khoản 2 Điều 5a.",
        "Quý cơ quan, tổ chức, cá nhân phản ánh về Văn phòng Chính phủ; quản lý nhà nước về kỹ thuật, hóa "
        "chất.",
        "Certificate of Free Sale do cơ quan có thẩm quyền của nước xuất khẩu cấp (Société Générale).",
        "Khuyến khích tổ chức, cá nhân huy động nguồn lực; người khuyết tật, người cao tuổi được hỗ trợ.",
        "Thành phố Hồ Chí Minh, tỉnh Thanh Hoá và tỉnh Thanh Hóa; Quyết định 1819/QĐ-TTg; 52-NQ/TW.",
        "Chủ tịch Uỷ ban nhân dân xã có quyền phạt cảnh cáo; hủy bỏ, huỷ bỏ quyết định trái pháp luật.",
        "Người nghiện ma tuý từ đủ 18 tuổi trở lên bị đưa vào cơ sở cai nghiện bắt buộc theo quy định.",
};

/* ---- text transformations with ICU ---- */

static int to_utf16(const char *s, size_t len, UChar **out, int32_t *out_len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	u_strFromUTF8(NULL, 0, &n, s, (int32_t)len, &st);
	st = U_ZERO_ERROR;
	*out = malloc(((size_t)n + 1) * sizeof(UChar));
	u_strFromUTF8(*out, n + 1, out_len, s, (int32_t)len, &st);
	return U_FAILURE(st) ? -1 : 0;
}

static char *to_utf8(const UChar *u, int32_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;
	u_strToUTF8(NULL, 0, &len, u, n, &st);
	st = U_ZERO_ERROR;
	char *out = malloc((size_t)len + 1);
	u_strToUTF8(out, len + 1, NULL, u, n, &st);
	return out;
}

static UChar *nfd16(const char *s, int32_t *n)
{
	UChar *u;
	int32_t ul;
	if (to_utf16(s, strlen(s), &u, &ul) < 0) {
		free(u);
		return NULL;
	}
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	UChar *d = malloc(((size_t)ul * 4 + 1) * sizeof(UChar));
	*n = unorm2_normalize(nfd, u, ul, d, ul * 4 + 1, &st);
	free(u);
	return d;
}

static int is_tone(UChar c)
{
	return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
}
static int is_letter_or_mark(UChar c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x300 && c <= 0x36F) || c == 0x111 ||
	       c == 0x110 || c >= 0xC0;
}

/* Move tones between the old (hoà, thuỷ, khoẻ, uỷ) and the new (hòa, thủy,
 * khỏe, ủy) placement in NFD text: open syllables ending in oa, oe, uy. */
static char *retone(const char *s, int to_old)
{
	int32_t n;
	UChar *d = nfd16(s, &n);
	if (!d)
		return strdup(s);
	for (int32_t i = 0; i + 2 < n; i++) {
		UChar c0 = (UChar)(d[i] | 0x20);
		int32_t end;
		if (to_old && (c0 == 'o' || c0 == 'u') && is_tone(d[i + 1])) {
			UChar v = (UChar)(d[i + 2] | 0x20);
			end = i + 3;
			if (!((c0 == 'o' && (v == 'a' || v == 'e')) || (c0 == 'u' && v == 'y')))
				continue;
			if (end < n && is_letter_or_mark(d[end]))
				continue;
			if (i > 0 && (d[i - 1] | 0x20) == 'q')
				continue;
			UChar tone = d[i + 1];
			d[i + 1] = d[i + 2];
			d[i + 2] = tone;
		} else if (!to_old && (c0 == 'o' || c0 == 'u')) {
			UChar v = (UChar)(d[i + 1] | 0x20);
			if (!((c0 == 'o' && (v == 'a' || v == 'e')) || (c0 == 'u' && v == 'y')) ||
			    !is_tone(d[i + 2]))
				continue;
			end = i + 3;
			if (end < n && is_letter_or_mark(d[end]))
				continue;
			if (i > 0 && (d[i - 1] | 0x20) == 'q')
				continue;
			UChar tone = d[i + 2];
			d[i + 2] = d[i + 1];
			d[i + 1] = tone;
		}
	}
	char *out = to_utf8(d, n);
	free(d);
	return out;
}

static char *nfd(const char *s)
{
	int32_t n;
	UChar *d = nfd16(s, &n);
	if (!d)
		return strdup(s);
	char *out = to_utf8(d, n);
	free(d);
	return out;
}

/* Strip every combining mark, đ → d. */
static char *fold_text(const char *s)
{
	int32_t n;
	UChar *d = nfd16(s, &n);
	if (!d)
		return strdup(s);
	int32_t k = 0;
	for (int32_t i = 0; i < n; i++) {
		if (d[i] >= 0x300 && d[i] <= 0x36F)
			continue;
		d[k++] = d[i] == 0x111 ? 'd' : d[i] == 0x110 ? 'D' : d[i];
	}
	char *out = to_utf8(d, k);
	free(d);
	return out;
}

/* ---- terms ---- */

typedef struct terms {
	tc_buf exact;  /* "kind exact position\n" */
	tc_buf folded; /* "kind folded position\n" */
	const char *text;
	int offsets_ok;
	tc_analyzer *inner;
	char bad_offset[200];
} terms;

typedef struct first_term {
	char exact[300];
	int found;
} first_term;

static int take_first(void *ctx, const tc_token *t)
{
	first_term *f = ctx;
	snprintf(f->exact, sizeof f->exact, "%.*s", (int)t->exact_len, t->exact);
	f->found = 1;
	return 1;
}

static int on_term(void *ctx, const tc_token *t)
{
	terms *c = ctx;
	const char *kind = tc_token_kind_name(t->kind);
	tc_buf_printf(&c->exact, "%s %.*s %u\n", kind, (int)t->exact_len, t->exact, t->position);
	tc_buf_printf(&c->folded, "%s %.*s %u\n", kind, (int)t->folded_len, t->folded, t->position);
	if (c->inner && t->kind == TC_TOKEN_SYLLABLE) {
		first_term f = {{0}, 0};
		tc_analyzer_run(c->inner, TC_ANALYZE_DOCUMENT, c->text + t->start, t->end - t->start,
		                take_first, &f, NULL, NULL);
		if (!f.found || strlen(f.exact) != t->exact_len || memcmp(f.exact, t->exact, t->exact_len)) {
			c->offsets_ok = 0;
			snprintf(c->bad_offset, sizeof c->bad_offset, "%.*s → %s", (int)t->exact_len,
			         t->exact, f.exact);
		}
	}
	return 0;
}

static void analyze_terms(tc_analyzer *a, tc_analyzer *inner, const char *text, terms *c)
{
	tc_buf_reset(&c->exact);
	tc_buf_reset(&c->folded);
	tc_buf_append(&c->exact, "", 0);
	tc_buf_append(&c->folded, "", 0);
	c->text = text;
	c->offsets_ok = 1;
	c->inner = inner;
	tc_analyzer_run(a, TC_ANALYZE_DOCUMENT, text, strlen(text), on_term, c, NULL, NULL);
}

static int reported;

static void check_sentence(tc_analyzer *a, tc_analyzer *inner, const char *sentence)
{
	terms orig = {0}, other = {0};
	analyze_terms(a, inner, sentence, &orig);
	CHECK(orig.offsets_ok, "offsets: %s in \"%s\"", orig.bad_offset, sentence);
	char *variants[3] = {nfd(sentence), retone(sentence, 1), retone(sentence, 0)};
	static const char *const names[3] = {"NFD", "old-style tones", "new-style tones"};
	for (int v = 0; v < 3; v++) {
		analyze_terms(a, NULL, variants[v], &other);
		int same = !strcmp(orig.exact.data, other.exact.data);
		CHECK(same || reported > 10, "%s: exact terms differ for \"%s\"", names[v], sentence);
		if (!same && reported++ < 10)
			fprintf(stderr, "--- original\n%s--- %s\n%s", orig.exact.data, names[v],
			        other.exact.data);
		free(variants[v]);
	}
	char *folded = fold_text(sentence);
	analyze_terms(a, NULL, folded, &other);
	int same = !strcmp(orig.folded.data, other.folded.data);
	CHECK(same || reported > 10, "folded text: folded terms differ for \"%s\"", sentence);
	if (!same && reported++ < 10)
		fprintf(stderr, "--- original\n%s--- folded text\n%s", orig.folded.data, other.folded.data);
	free(folded);
	tc_buf_free(&orig.exact);
	tc_buf_free(&orig.folded);
	tc_buf_free(&other.exact);
	tc_buf_free(&other.folded);
}

/* ---- corpus sentences ---- */

static char *read_zst(const char *path, size_t *out_len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	tc_buf in = {0}, out = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		tc_buf_append(&in, chunk, n);
	fclose(f);
	ZSTD_DStream *ds = ZSTD_createDStream();
	ZSTD_inBuffer zin = {in.data, in.len, 0};
	char obuf[1 << 16];
	while (zin.pos < zin.size) {
		ZSTD_outBuffer zout = {obuf, sizeof obuf, 0};
		size_t r = ZSTD_decompressStream(ds, &zout, &zin);
		if (ZSTD_isError(r))
			break;
		tc_buf_append(&out, obuf, zout.pos);
	}
	ZSTD_freeDStream(ds);
	tc_buf_free(&in);
	*out_len = out.len;
	return tc_buf_steal(&out);
}

/* Strip tags and entities' ampersands roughly, then cut sentences at ". ",
 * ";" and line ends; call FN on each of 20 to 600 bytes. */
static size_t split_sentences(char *text, size_t len, int html, size_t max, tc_analyzer *a,
                              tc_analyzer *inner)
{
	size_t k = 0, count = 0;
	int in_tag = 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (html && c == '<')
			in_tag = 1;
		if (in_tag) {
			if (c == '>') {
				in_tag = 0;
				text[k++] = '\n';
			}
			continue;
		}
		text[k++] = c;
	}
	size_t start = 0;
	for (size_t i = 0; i <= k && count < max; i++) {
		int end = i == k || text[i] == '\n' || (text[i] == '.' && i + 1 < k && text[i + 1] == ' ');
		if (!end)
			continue;
		size_t n = i - start;
		if (n >= 20 && n <= 600 && !memchr(text + start, '&', n)) {
			char save = i < k ? text[i + 0] : 0;
			if (i < k)
				text[i] = '\0';
			char *sentence = strndup(text + start, n);
			check_sentence(a, inner, sentence);
			free(sentence);
			if (i < k)
				text[i] = save;
			count++;
		}
		start = i + 1;
	}
	return count;
}

int main(void)
{
	tc_analyzer *a = tc_analyzer_new(), *inner = tc_analyzer_new();
	for (size_t i = 0; i < sizeof embedded / sizeof embedded[0]; i++)
		check_sentence(a, inner, embedded[i]);
	const char *corpus = check_shared_corpus();
	size_t total = 0;
	if (corpus) {
		char path[4096];
		snprintf(path, sizeof path, "%s/phapdien/demuc", corpus);
		DIR *dir = opendir(path);
		struct dirent *de;
		int files = 0;
		while (dir && (de = readdir(dir)) && total < 8000) {
			if (!strstr(de->d_name, ".html.zst"))
				continue;
			if (files++ % 7) /* spread over the đề mục */
				continue;
			char file[4400];
			snprintf(file, sizeof file, "%s/%s", path, de->d_name);
			size_t len;
			char *html = read_zst(file, &len);
			if (html)
				total += split_sentences(html, len, 1, 400, a, inner);
			free(html);
		}
		if (dir)
			closedir(dir);
		snprintf(path, sizeof path, "%s/alqac2024/law.json", corpus);
		json_t *laws = json_load_file(path, 0, NULL);
		size_t li;
		json_t *law;
		json_array_foreach(laws, li, law)
		{
			size_t ai;
			json_t *art;
			json_array_foreach(json_object_get(law, "articles"), ai, art)
			{
				if (total >= 10000)
					break;
				const char *t = json_string_value(json_object_get(art, "text"));
				if (!t)
					continue;
				char *copy = strdup(t);
				total += split_sentences(copy, strlen(copy), 0, 10000 - total, a, inner);
				free(copy);
			}
		}
		json_decref(laws);
		printf("corpus sentences: %zu\n", total);
		CHECK(total >= 10000, "10,000 sentences from the corpus, got %zu", total);
	} else {
		printf("shared corpus absent: embedded sentences only\n");
	}
	tc_analyzer_free(a);
	tc_analyzer_free(inner);
	return check_done("analyzer-property");
}
