/* compare.c - the passage comparison behind overlaps: two texts as
 * sequences of words (the analyzer's folded syllables; numbers in their
 * normalized form), shingles of TC_CHECK_SHINGLE words, the maximal runs
 * of shared words found from them and laid as non-overlapping tiles,
 * longest first (greedy string tiling), then tiles a few words apart on
 * both sides joined into passages. What differs in such a gap, or right
 * after a passage, and is a number on both sides, is a number difference:
 * the same sentence with another age, amount, time limit or percentage. */
#include <stdlib.h>
#include <string.h>

#include "check-private.h"

/* tiles at most this many words apart (on both sides) make one passage */
#define PASSAGE_GAP 5
/* starts of one shingle looked at in the other text: bounds the work on
 * repetitive texts */
#define CHAIN_MAX 64
#define TILES_MAX 100000

static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int on_word(void *vctx, const tc_token *t)
{
	tc__words *w = vctx;
	if (t->kind != TC_TOKEN_SYLLABLE && t->kind != TC_TOKEN_WORD && t->kind != TC_TOKEN_NUMBER)
		return 0;
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 256;
		tc__word *v = tc_realloc(w->v, cap * sizeof *v);
		if (!v) {
			w->failed = 1;
			return 1;
		}
		w->v = v;
		w->cap = cap;
	}
	tc__word *word = &w->v[w->n++];
	word->is_number = t->kind == TC_TOKEN_NUMBER;
	word->hash = word->is_number ? fnv(t->exact, t->exact_len) : fnv(t->folded, t->folded_len);
	word->start = t->start;
	word->end = t->end;
	return 0;
}

int tc__words_of(tc_analyzer *analyzer, const char *text, size_t len, tc__words *words)
{
	words->n = 0;
	words->failed = 0;
	words->len = len;
	tc_error err;
	tc_status st =
	        tc_analyzer_run(analyzer,
	                        TC_ANALYZE_DOCUMENT | TC_ANALYZE_NO_BIGRAMS | TC_ANALYZE_NO_DOC_NUMBERS |
	                                TC_ANALYZE_NO_CITATIONS | TC_ANALYZE_NO_DATES,
	                        text, len, on_word, words, NULL, &err);
	return st == TC_OK && !words->failed ? 0 : -1;
}

void tc__words_free(tc__words *words)
{
	tc_free(words->v);
	memset(words, 0, sizeof *words);
}

typedef struct tile {
	size_t a, b, len;
} tile;

static int by_length(const void *x, const void *y)
{
	const tile *s = x, *t = y;
	if (s->len != t->len)
		return s->len < t->len ? 1 : -1;
	return s->a < t->a ? -1 : s->a > t->a;
}

static int by_a(const void *x, const void *y)
{
	const tile *s = x, *t = y;
	return s->a < t->a ? -1 : s->a > t->a;
}

static uint64_t shingle(const tc__word *w, size_t i)
{
	uint64_t h = 0;
	for (size_t k = 0; k < TC_CHECK_SHINGLE; k++)
		h = (h ^ w[i + k].hash) * 0x9E3779B97F4A7C15ULL + k;
	return h;
}

/* The byte of TEXT (W's) at AT; NUL at its end: a text given with its
 * length has none there. */
static char byte_at(const tc__words *w, const char *text, size_t at)
{
	return at < w->len ? text[at] : '\0';
}

/* The kind of quantity the number at word I of W is: the word after it
 * says ("18 tuổi", "30 ngày", "10.000.000 đồng", "5%"). */
static const char *quantity(const tc__words *w, const char *text, size_t i)
{
	if (byte_at(w, text, w->v[i].end) == '%')
		return "percent";
	if (i + 1 >= w->n)
		return "number";
	static const struct {
		const char *word;
		const char *kind;
	} units[] = {
	        {"đồng", "money"}, {"triệu", "money"}, {"tỷ", "money"},   {"nghìn", "money"},
	        {"tuổi", "age"},   {"ngày", "time"},   {"tháng", "time"}, {"năm", "time"},
	        {"giờ", "time"},   {"phút", "time"},   {"tuần", "time"},  {"phần", "percent"},
	        {"lần", "number"},
	};
	const char *next = text + w->v[i + 1].start;
	size_t n = w->v[i + 1].end - w->v[i + 1].start;
	for (size_t k = 0; k < sizeof units / sizeof *units; k++)
		if (strlen(units[k].word) == n && !strncasecmp(next, units[k].word, n))
			return units[k].kind;
	/* capitalized units ("Đồng") are rare in running text */
	return "number";
}

/* Whether the number at word I of W counts something: not a clause or
 * article number ("Điều 5", "1." opening a line), a part of a date or of a
 * document number ("52/2015"). */
static int is_quantity(const tc__words *w, const char *text, size_t i)
{
	if (!w->v[i].is_number)
		return 0;
	size_t start = w->v[i].start, end = w->v[i].end;
	char after = byte_at(w, text, end);
	if ((start > 0 && (text[start - 1] == '/' || text[start - 1] == '.')) || after == '/')
		return 0;
	/* "1." or "2)" opening a line */
	size_t b = start;
	while (b > 0 && text[b - 1] == ' ')
		b--;
	if ((b == 0 || text[b - 1] == '\n') && (after == '.' || after == ')'))
		return 0;
	if (i > 0) {
		const char *prev = text + w->v[i - 1].start;
		size_t n = w->v[i - 1].end - w->v[i - 1].start;
		static const char *const refs[] = {"Điều", "điều", "khoản", "Khoản", "Chương", "chương",
		                                   "Mục",  "mục",  "số",    "Số",    "ngày",   "tháng",
		                                   "năm",  "Phần", "phần",  "lần",   "điểm"};
		for (size_t k = 0; k < sizeof refs / sizeof *refs; k++)
			if (strlen(refs[k]) == n && !memcmp(prev, refs[k], n))
				return 0;
	}
	return 1;
}

/* The number at word I of W with its unit word when the other side has the
 * same one. */
static json_t *number_side(const tc__words *w, const char *text, size_t i, int with_unit)
{
	size_t end = with_unit && i + 1 < w->n ? w->v[i + 1].end : w->v[i].end;
	if (byte_at(w, text, w->v[i].end) == '%')
		end = w->v[i].end + 1;
	return json_pack("{s:s%, s:I, s:I}", "text", text + w->v[i].start, end - w->v[i].start, "start",
	                 (json_int_t)w->v[i].start, "end", (json_int_t)end);
}

static void difference(json_t *list, const tc__words *a, const char *a_text, size_t i, const tc__words *b,
                       const char *b_text, size_t j)
{
	if (!is_quantity(a, a_text, i) || !is_quantity(b, b_text, j) || a->v[i].hash == b->v[j].hash)
		return;
	int unit = i + 1 < a->n && j + 1 < b->n && a->v[i + 1].hash == b->v[j + 1].hash;
	json_t *d = json_pack("{s:s, s:o, s:o}", "kind", quantity(a, a_text, i), "a",
	                      number_side(a, a_text, i, unit), "b", number_side(b, b_text, j, unit));
	json_array_append_new(list, d);
}

/* The numbers of the gap [AI, AE) of A and [BJ, BE) of B, paired in order. */
static void gap_differences(json_t *list, const tc__words *a, const char *a_text, size_t ai, size_t ae,
                            const tc__words *b, const char *b_text, size_t bj, size_t be)
{
	while (ai < ae && bj < be) {
		while (ai < ae && !a->v[ai].is_number)
			ai++;
		while (bj < be && !b->v[bj].is_number)
			bj++;
		if (ai < ae && bj < be)
			difference(list, a, a_text, ai++, b, b_text, bj++);
	}
}

json_t *tc__compare_words(const tc__words *a, const char *a_text, const tc__words *b, const char *b_text)
{
	json_t *out = json_object(), *passages = json_array(), *differences = json_array();
	size_t K = TC_CHECK_SHINGLE;
	tile *tiles = NULL, *kept = NULL;
	size_t tile_count = 0, tile_cap = 0, kept_count = 0, matched = 0;
	size_t *head = NULL, *next = NULL;
	uint64_t *sa = NULL, *sb = NULL;
	unsigned char *used_a = NULL, *used_b = NULL;
	int failed = !out || !passages || !differences;
	if (!failed && a->n >= K && b->n >= K) {
		size_t buckets = 1;
		while (buckets < 2 * b->n)
			buckets <<= 1;
		head = tc_malloc(buckets * sizeof *head);
		next = tc_malloc(b->n * sizeof *next);
		sa = tc_malloc(a->n * sizeof *sa);
		sb = tc_malloc(b->n * sizeof *sb);
		used_a = tc_calloc(a->n, 1);
		used_b = tc_calloc(b->n, 1);
		failed = !head || !next || !sa || !sb || !used_a || !used_b;
		if (!failed) {
			for (size_t k = 0; k < buckets; k++)
				head[k] = SIZE_MAX;
			for (size_t j = 0; j + K <= b->n; j++) {
				sb[j] = shingle(b->v, j);
				size_t slot = sb[j] & (buckets - 1);
				next[j] = head[slot];
				head[slot] = j;
			}
			for (size_t i = 0; i + K <= a->n; i++)
				sa[i] = shingle(a->v, i);
		}
		/* the maximal runs of shared words, from their first shingle */
		for (size_t i = 0; !failed && i + K <= a->n; i++) {
			size_t seen = 0;
			for (size_t j = head[sa[i] & (buckets - 1)]; j != SIZE_MAX && seen < CHAIN_MAX;
			     j = next[j], seen++) {
				if (sb[j] != sa[i] ||
				    (i > 0 && j > 0 && a->v[i - 1].hash == b->v[j - 1].hash))
					continue;
				size_t len = 0;
				while (i + len < a->n && j + len < b->n &&
				       a->v[i + len].hash == b->v[j + len].hash)
					len++;
				if (len < K || tile_count >= TILES_MAX)
					continue;
				if (tile_count == tile_cap) {
					size_t cap = tile_cap ? tile_cap * 2 : 64;
					tile *v = tc_realloc(tiles, cap * sizeof *v);
					if (!v) {
						failed = 1;
						break;
					}
					tiles = v;
					tile_cap = cap;
				}
				tiles[tile_count++] = (tile){i, j, len};
			}
		}
		/* lay the tiles, longest first, where both sides are still free */
		if (!failed && tile_count) {
			qsort(tiles, tile_count, sizeof *tiles, by_length);
			kept = tc_malloc(tile_count * sizeof *kept);
			failed = !kept;
			for (size_t t = 0; !failed && t < tile_count; t++) {
				tile *x = &tiles[t];
				int free_run = !used_a[x->a] && !used_a[x->a + x->len - 1] && !used_b[x->b] &&
				               !used_b[x->b + x->len - 1];
				for (size_t k = 0; free_run && k < x->len; k++)
					free_run = !used_a[x->a + k] && !used_b[x->b + k];
				if (!free_run)
					continue;
				memset(used_a + x->a, 1, x->len);
				memset(used_b + x->b, 1, x->len);
				kept[kept_count++] = *x;
			}
			if (kept_count)
				qsort(kept, kept_count, sizeof *kept, by_a);
		}
	}
	/* tiles in the same order on both sides and a few words apart make
	 * one passage */
	for (size_t t = 0; !failed && t < kept_count;) {
		size_t u = t, words = kept[t].len;
		json_t *found = json_array();
		while (u + 1 < kept_count) {
			const tile *x = &kept[u], *y = &kept[u + 1];
			size_t a_end = x->a + x->len, b_end = x->b + x->len;
			if (y->b < b_end || y->a - a_end > PASSAGE_GAP || y->b - b_end > PASSAGE_GAP)
				break;
			gap_differences(found, a, a_text, a_end, y->a, b, b_text, b_end, y->b);
			words += y->len;
			u++;
		}
		if (words >= TC_CHECK_MIN_PASSAGE) {
			const tile *first = &kept[t], *last = &kept[u];
			size_t a_end = last->a + last->len, b_end = last->b + last->len;
			/* a number right before or after the passage */
			if (first->a > 0 && first->b > 0)
				difference(found, a, a_text, first->a - 1, b, b_text, first->b - 1);
			if (a_end < a->n && b_end < b->n &&
			    (a_end + 1 == a->n || b_end + 1 == b->n ||
			     a->v[a_end + 1].hash == b->v[b_end + 1].hash))
				difference(found, a, a_text, a_end, b, b_text, b_end);
			matched += words;
			json_array_append_new(passages, json_pack("{s:[I,I], s:[I,I], s:I, s:[I,I]}", "a",
			                                          (json_int_t)a->v[first->a].start,
			                                          (json_int_t)a->v[a_end - 1].end, "b",
			                                          (json_int_t)b->v[first->b].start,
			                                          (json_int_t)b->v[b_end - 1].end, "words",
			                                          (json_int_t)words, "a_words",
			                                          (json_int_t)first->a, (json_int_t)a_end));
			size_t k;
			json_t *diff;
			json_array_foreach(found, k, diff) json_object_set_new(
			        diff, "passage", json_integer((json_int_t)json_array_size(passages) - 1));
			json_array_extend(differences, found);
		}
		json_decref(found);
		t = u + 1;
	}
	tc_free(tiles);
	tc_free(kept);
	tc_free(head);
	tc_free(next);
	tc_free(sa);
	tc_free(sb);
	tc_free(used_a);
	tc_free(used_b);
	if (failed) {
		json_decref(out);
		json_decref(passages);
		json_decref(differences);
		return NULL;
	}
	double total = (double)(a->n + b->n);
	json_object_set_new(out, "similarity", json_real(total > 0 ? 2.0 * (double)matched / total : 0));
	json_object_set_new(out, "a_share", json_real(a->n ? (double)matched / (double)a->n : 0));
	json_object_set_new(out, "b_share", json_real(b->n ? (double)matched / (double)b->n : 0));
	json_object_set_new(out, "a_count", json_integer((json_int_t)a->n));
	json_object_set_new(out, "b_count", json_integer((json_int_t)b->n));
	json_object_set_new(out, "passages", passages);
	json_object_set_new(out, "number_differences", differences);
	return out;
}

json_t *tc_check_compare(tc_analyzer *analyzer, const char *a, size_t a_len, const char *b, size_t b_len)
{
	tc__words wa = {0}, wb = {0};
	json_t *out = NULL;
	if (tc__words_of(analyzer, a, a_len, &wa) == 0 && tc__words_of(analyzer, b, b_len, &wb) == 0)
		out = tc__compare_words(&wa, a, &wb, b);
	tc__words_free(&wa);
	tc__words_free(&wb);
	return out;
}
