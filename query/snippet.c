/* snippet.c - a hit's snippet: the window of its text that holds the
 * most of the query's words, with the byte ranges of the words to
 * highlight (the builder's highlight sets, query-private.h). */
#include <stdint.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "query-private.h"

typedef struct snip_token {
	size_t start, end;
	int matched; /* index+1 of the matched query word, 0 if none */
} snip_token;

#define SNIPPET_WORDS      40
#define SNIPPET_SCAN_BYTES (64 * 1024)
/* A text longer than this is first searched for the query's words
 * (snippet_region), and only around the best place analyzed: a document's
 * text runs to hundreds of kilobytes, and the words of a query rarely
 * stand all within one window of it. */
#define SNIPPET_LOCATE_BYTES (4 * 1024)
/* what is analyzed around the stretch found */
#define SNIPPET_LOCATE_BEFORE 512
#define SNIPPET_LOCATE_AFTER  1024
/* the longest word searched for so, in bytes (and in capitals) */
#define SNIPPET_WORD_BYTES 63
/* how far into a text its words are compared with the query's (a
 * document's text runs to megabytes); past it, the first place of a query
 * word as the query has it (memmem) and SNIPPET_SCAN_BYTES from there */
#define SNIPPET_LOCATE_MAX (128 * 1024)
/* the most places of query words a text is searched for */
#define SNIPPET_MAX_PLACES 4096
/* the most distinct words a snippet counts (the rest count as one) */
#define SNIPPET_MAX_WORDS 64

/* The words to highlight (the builder's two sets) as one small hash
 * table that the scan probes for every token of the text: a string that
 * is in both sets is one entry. */
typedef struct snip_word {
	const char *text; /* NULL: an empty slot */
	size_t len;
	unsigned char in_exact, in_folded;
	int id; /* 1.. in the order the text matches them; 0 until then */
} snip_word;

typedef struct snip_ctx {
	builder *b;
	snip_token *tokens;
	size_t count, cap;
	snip_word *table;
	size_t mask; /* the table's size - 1 (a power of two) */
	int ids;     /* words matched so far */
	/* the last SNIPPET_WORDS tokens: how many times each word is in them,
	 * how many distinct; a window with every query word ends the scan */
	int in_window[SNIPPET_MAX_WORDS + 2];
	size_t window_distinct, query_words;
} snip_ctx;

static size_t word_hash(const char *s, size_t len)
{
	size_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The entry of S (LEN bytes), or the empty slot where it would go. */
static snip_word *word_slot(const snip_ctx *ctx, const char *s, size_t len)
{
	for (size_t i = word_hash(s, len) & ctx->mask;; i = (i + 1) & ctx->mask) {
		snip_word *w = &ctx->table[i];
		if (!w->text || (w->len == len && !memcmp(w->text, s, len)))
			return w;
	}
}

/* Fill CTX's table with the builder's highlight sets; -1 when out of
 * memory. */
static int snip_words(snip_ctx *ctx)
{
	json_t *sets[2] = {ctx->b->highlight_exact, ctx->b->highlight_folded};
	size_t n = json_object_size(sets[0]) + json_object_size(sets[1]), size = 16;
	while (size < 2 * n)
		size *= 2;
	ctx->table = tc_calloc(size, sizeof *ctx->table);
	if (!ctx->table)
		return -1;
	ctx->mask = size - 1;
	for (int k = 0; k < 2; k++) {
		const char *word;
		json_t *unused;
		json_object_foreach(sets[k], word, unused)
		{
			size_t len = strlen(word);
			snip_word *w = word_slot(ctx, word, len);
			w->text = word;
			w->len = len;
			if (k == 0)
				w->in_exact = 1;
			else
				w->in_folded = 1;
		}
	}
	return 0;
}

static int on_snip_token(void *vctx, const tc_token *t)
{
	snip_ctx *ctx = vctx;
	if (t->kind != TC_TOKEN_SYLLABLE && t->kind != TC_TOKEN_WORD && t->kind != TC_TOKEN_NUMBER)
		return 0;
	if (ctx->count == ctx->cap) {
		size_t cap = ctx->cap ? ctx->cap * 2 : 1024;
		snip_token *tokens = tc_realloc(ctx->tokens, cap * sizeof *tokens);
		if (!tokens)
			return -1;
		ctx->tokens = tokens;
		ctx->cap = cap;
	}
	snip_token *st = &ctx->tokens[ctx->count++];
	st->start = t->start;
	st->end = t->end;
	st->matched = 0;
	/* its exact form among the exact words, else its folded form among
	 * the folded ones */
	snip_word *w = word_slot(ctx, t->exact, t->exact_len);
	if (!w->text || !w->in_exact) {
		w = word_slot(ctx, t->folded, t->folded_len);
		if (w->text && !w->in_folded)
			w = NULL;
	}
	if (w && w->text) {
		if (!w->id)
			w->id = ++ctx->ids;
		st->matched = w->id < SNIPPET_MAX_WORDS ? w->id : SNIPPET_MAX_WORDS + 1;
	}
	/* A window that holds every word of the query is the best there is:
	 * the rest of a long document need not be read; with no word to find
	 * (a listing), the first window is the snippet. */
	if (st->matched && ctx->in_window[st->matched]++ == 0)
		ctx->window_distinct++;
	if (ctx->count > SNIPPET_WORDS) {
		int out = ctx->tokens[ctx->count - 1 - SNIPPET_WORDS].matched;
		if (out && --ctx->in_window[out] == 0)
			ctx->window_distinct--;
	}
	if (!ctx->query_words)
		return ctx->count >= SNIPPET_WORDS ? 1 : 0;
	return ctx->window_distinct >= ctx->query_words ? 1 : 0;
}

/* A word of the query where the text writes it as the query does
 * (snippet_region). */
typedef struct snip_place {
	size_t at;  /* its first byte */
	size_t run; /* how many words of the text before it */
	int word;   /* 0.. */
} snip_place;

/* A form of a query word that the text is searched for: as the query has
 * it (lowercase), capitalized, in capitals. */
typedef struct snip_form {
	const char *text; /* NULL: an empty slot */
	size_t len;
	int word;
} snip_form;

/* The length of the separator at P (LEFT bytes): an ASCII byte that is no
 * letter or digit, a no-break space or guillemet (C2 A0, AB, BB), a mark
 * of General Punctuation (E2 80 xx: quotes, dashes, the ellipsis); 0 at
 * a byte of a word (any other byte of a UTF-8 sequence: Vietnamese letters
 * with marks are several bytes). */
static size_t separator(const unsigned char *p, size_t left)
{
	unsigned char c = p[0];
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? 0 : 1;
	if (c == 0xC2 && left >= 2 && (p[1] == 0xA0 || p[1] == 0xAB || p[1] == 0xBB))
		return 2;
	if (c == 0xE2 && left >= 3 && p[1] == 0x80)
		return 3;
	return 0;
}

/* The first byte at or after I (before END) that may be a separator (ASK:
 * ASCII punctuation and spaces, C2 and E2 leads), 16 bytes at a time where
 * there is SSE2 (tc_word_bytes16, as the analyzer's word scan). */
static size_t next_ask(const unsigned char *u, size_t i, size_t end, const unsigned char ask[256])
{
#ifdef __SSE2__
	for (; i + 16 <= end; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(u + i));
		__m128i lead = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2)),
		                            _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2)));
		unsigned m = (tc_word_bytes16(u + i) ^ 0xFFFFu) | (unsigned)_mm_movemask_epi8(lead);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	while (i < end && !ask[u[i]])
		i++;
	return i;
}

/* One of 64 bits for a word of LEN bytes at S (its length, first and last
 * bytes): a text's word whose bit no form has is none of them, and is not
 * hashed. */
static uint64_t form_bit(const unsigned char *s, size_t len)
{
	return 1ull << ((len * 31 + s[0] * 7 + s[len - 1]) & 63);
}

/* S (LEN bytes of UTF-8) in capitals into OUT (CAP bytes), or only its
 * first letter (FIRST_ONLY); its length, 0 when it does not fit. */
static size_t upper_case(const char *s, size_t len, int first_only, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t pos = 0; pos < len;) {
		uint32_t cp;
		int invalid = 0;
		size_t step = tc_utf8_next(s, len, pos, &cp, &invalid);
		if (invalid || !step)
			return 0;
		UChar32 c = (first_only && pos > 0) ? (UChar32)cp : u_toupper((UChar32)cp);
		UBool error = 0;
		U8_APPEND((uint8_t *)out, n, cap, c, error);
		if (error)
			return 0;
		pos += step;
	}
	return n;
}

/* The entry of S (LEN bytes) among FORMS (MASK + 1 slots), or the empty
 * slot where it would go. */
static snip_form *form_slot(snip_form *forms, size_t mask, const char *s, size_t len)
{
	for (size_t i = word_hash(s, len) & mask;; i = (i + 1) & mask) {
		snip_form *f = &forms[i];
		if (!f->text || (f->len == len && !memcmp(f->text, s, len)))
			return f;
	}
}

/* Where in TEXT (LEN bytes, longer than SNIPPET_LOCATE_BYTES) the
 * snippet's scan should look, into [*FROM, *FROM + *SPAN): around the
 * shortest stretch that holds as many distinct query words as any
 * SNIPPET_WORDS words do in its first SNIPPET_LOCATE_MAX bytes (the first
 * that holds them all ends the search), found by the words as the query
 * writes them, capitalized or in capitals, with the tone on either vowel
 * of "oa", "oe", "uy" (tc_tone_variant), and the words matched folded (a
 * query typed without marks) by each of the text's words folded
 * (tc_fold_word) (one pass over the text's words, split at spaces and
 * punctuation, comparing bytes: far cheaper than analyzing it; an
 * otherwise spelled occurrence is not seen: "y" for "i"). Returns 0 when
 * no word is found so: the scan then reads the text from its beginning,
 * or from the first place of a word past SNIPPET_LOCATE_MAX
 * (snippet_start). */
static int snippet_region(const snip_ctx *ctx, const char *text, size_t len, size_t *from, size_t *span)
{
	/* each word: as written, capitalized, in capitals, and the same of its
	 * tc_tone_variant */
	size_t slots = 4;
	while (slots < 2 * 6 * (ctx->mask + 1))
		slots *= 2;
	snip_form *forms = tc_calloc(slots, sizeof *forms);
	/* the words matched folded, as they are (folded), and the text's
	 * words folded to be compared with them */
	snip_form *folds = tc_calloc(slots, sizeof *folds);
	char *spelled = tc_malloc(5 * (ctx->mask + 1) * SNIPPET_WORD_BYTES);
	snip_place *places = tc_malloc(SNIPPET_MAX_PLACES * sizeof *places);
	int words = 0;
	uint64_t sketch = 0, fold_sketch = 0; /* form_bit of each form, of each folded word */
	for (size_t i = 0; forms && folds && spelled && places && i <= ctx->mask && words < SNIPPET_MAX_WORDS;
	     i++) {
		const snip_word *w = &ctx->table[i];
		if (!w->text || !w->len || w->len >= SNIPPET_WORD_BYTES)
			continue;
		if (w->in_folded) {
			snip_form *f = form_slot(folds, slots - 1, w->text, w->len);
			*f = (snip_form){.text = w->text, .len = w->len, .word = words};
			fold_sketch |= form_bit((const unsigned char *)w->text, w->len);
			if (!w->in_exact) {
				words++;
				continue;
			}
		}
		/* this word's five spellings that are not its own */
		char *out = spelled + 5 * i * SNIPPET_WORD_BYTES;
		const char *base[2] = {w->text, out};
		size_t base_len[2] = {w->len, tc_tone_variant(w->text, w->len, out, SNIPPET_WORD_BYTES)};
		out += SNIPPET_WORD_BYTES;
		for (int v = 0; v < (base_len[1] ? 2 : 1); v++) {
			for (int k = 0; k < 3; k++) {
				const char *form = base[v];
				size_t n = base_len[v];
				if (k > 0) {
					form = out;
					n = upper_case(base[v], base_len[v], k == 1, out, SNIPPET_WORD_BYTES);
					out += SNIPPET_WORD_BYTES;
				}
				snip_form *f = n ? form_slot(forms, slots - 1, form, n) : NULL;
				if (f && !f->text) {
					*f = (snip_form){.text = form, .len = n, .word = words};
					sketch |= form_bit((const unsigned char *)form, n);
				}
			}
		}
		words++;
	}
	/* the text's words, one after another; a byte is surely part of a
	 * word, or one to ask separator() about (ASCII punctuation and spaces,
	 * C2 and E2 leads) */
	unsigned char ask[256] = {0};
	for (int c = 0; c < 0x80; c++)
		ask[c] = separator(&(const unsigned char){(unsigned char)c}, 1) != 0;
	ask[0xC2] = ask[0xE2] = 1;
	/* and the most distinct words that stand within SNIPPET_WORDS words
	 * of the text (the places since places[left]): the scan ends at the
	 * first stretch that holds every word */
	size_t n = 0, left = 0, runs = 0;
	int in_span[SNIPPET_MAX_WORDS] = {0};
	int distinct = 0, most = 0;
	const unsigned char *u = (const unsigned char *)text;
	size_t scan = len < SNIPPET_LOCATE_MAX ? len : SNIPPET_LOCATE_MAX;
	char folded[SNIPPET_WORD_BYTES];
	for (size_t i = 0; forms && folds && spelled && places && i < scan && n < SNIPPET_MAX_PLACES &&
	                   most < words;) {
		if (ask[u[i]]) {
			size_t sep = separator(u + i, len - i);
			if (sep) {
				i += sep;
				continue;
			}
		}
		size_t start = i++;
		while ((i = next_ask(u, i, scan, ask)) < scan && !separator(u + i, len - i))
			i++;
		size_t wlen = i - start;
		runs++;
		const snip_form *f = NULL;
		if (wlen < SNIPPET_WORD_BYTES && (sketch & form_bit(u + start, wlen)))
			f = form_slot(forms, slots - 1, text + start, wlen);
		if ((!f || !f->text) && fold_sketch && wlen < SNIPPET_WORD_BYTES) {
			size_t flen = tc_fold_word(text + start, wlen, folded, sizeof folded);
			if (flen && (fold_sketch & form_bit((const unsigned char *)folded, flen)))
				f = form_slot(folds, slots - 1, folded, flen);
		}
		if (!f || !f->text)
			continue;
		places[n++] = (snip_place){.at = start, .run = runs, .word = f->word};
		distinct += in_span[f->word]++ == 0;
		for (; places[left].run + SNIPPET_WORDS <= runs; left++)
			distinct -= --in_span[places[left].word] == 0;
		if (distinct > most)
			most = distinct;
	}
	tc_free(forms);
	tc_free(folds);
	tc_free(spelled);
	if (!n) {
		tc_free(places);
		return 0;
	}
	/* ... and the shortest stretch that holds as many, the first of
	 * equals */
	memset(in_span, 0, sizeof in_span);
	distinct = 0;
	size_t best = 0, best_end = 0, shortest = SIZE_MAX;
	for (size_t i = 0, j = 0; j < n; j++) {
		distinct += in_span[places[j].word]++ == 0;
		for (; distinct >= most; i++) {
			if (places[j].run - places[i].run < shortest) {
				shortest = places[j].run - places[i].run;
				best = places[i].at;
				best_end = places[j].at;
			}
			if (distinct == most && in_span[places[i].word] == 1)
				break;
			distinct -= --in_span[places[i].word] == 0;
		}
	}
	tc_free(places);
	/* from a word's start a little before, to well past the stretch */
	size_t start = best > SNIPPET_LOCATE_BEFORE ? best - SNIPPET_LOCATE_BEFORE : 0;
	while (start > 0 && start < best && !separator(u + start - 1, len - start + 1))
		start++;
	size_t stop = best_end + SNIPPET_LOCATE_AFTER;
	if (stop >= len)
		stop = len;
	else
		while (stop > best && ((unsigned char)text[stop] & 0xC0) == 0x80)
			stop--;
	*from = start;
	*span = stop - start;
	return 1;
}

/* Where in a text longer than SNIPPET_SCAN_BYTES the snippet's scan starts:
 * a little before the first place that holds a query word as the query has
 * it (lowercase; a capitalized or differently spelled occurrence is not
 * seen, and the scan then starts at the beginning). A whole document can
 * run to megabytes; the scan reads at most SNIPPET_SCAN_BYTES from there. */
static size_t snippet_start(builder *b, const char *text, size_t len)
{
	const char *first = NULL;
	json_t *sets[2] = {b->highlight_exact, b->highlight_folded};
	for (int k = 0; k < 2; k++) {
		const char *word;
		json_t *unused;
		json_object_foreach(sets[k], word, unused)
		{
			const char *at =
			        memmem(text, first ? (size_t)(first - text) : len, word, strlen(word));
			if (at)
				first = at;
		}
	}
	size_t from = first && first - text > 512 ? (size_t)(first - text) - 512 : 0;
	while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80)
		from--;
	return from;
}

/* The best window of TEXT: most distinct matched words, then most
 * matches. Highlights are byte ranges within the snippet, taken from the
 * analyzer's offsets, so they land on the original text. */
void tc__make_snippet(builder *b, const char *full, int cut, json_t *hit)
{
	size_t full_len = strlen(full);
	snip_ctx ctx = {.b = b,
	                .query_words =
	                        json_object_size(b->highlight_exact) + json_object_size(b->highlight_folded)};
	if (snip_words(&ctx) < 0)
		return;
	size_t skip = 0, len = full_len;
	int located = full_len > SNIPPET_LOCATE_BYTES && ctx.query_words &&
	              snippet_region(&ctx, full, full_len, &skip, &len);
	if (!located && full_len > SNIPPET_SCAN_BYTES)
		len = full_len - (skip = snippet_start(b, full, full_len));
	const char *text = full + skip;
	if (len > SNIPPET_SCAN_BYTES) {
		len = SNIPPET_SCAN_BYTES;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	tc_error ignored;
	int stopped = tc_analyzer_run(b->s->analyzer,
	                              TC_ANALYZE_DOCUMENT | TC_ANALYZE_NO_BIGRAMS |
	                                      TC_ANALYZE_NO_DOC_NUMBERS | TC_ANALYZE_NO_CITATIONS,
	                              text, len, on_snip_token, &ctx, NULL, &ignored) == TC_ERR_ABORTED;
	if (!ctx.count) {
		tc_free(ctx.tokens);
		tc_free(ctx.table);
		return;
	}
	size_t best = 0;
	int best_distinct = -1, best_total = -1;
	int seen[SNIPPET_MAX_WORDS + 2] = {0};
	/* Sliding window over token indexes [i, i + SNIPPET_WORDS). */
	int distinct = 0, total = 0;
	size_t window = ctx.count < SNIPPET_WORDS ? ctx.count : SNIPPET_WORDS;
	for (size_t i = 0; i < window; i++)
		if (ctx.tokens[i].matched) {
			total++;
			if (seen[ctx.tokens[i].matched]++ == 0)
				distinct++;
		}
	best_distinct = distinct;
	best_total = total;
	for (size_t i = 1; i + window <= ctx.count; i++) {
		snip_token *out = &ctx.tokens[i - 1], *in = &ctx.tokens[i + window - 1];
		if (out->matched) {
			total--;
			if (--seen[out->matched] == 0)
				distinct--;
		}
		if (in->matched) {
			total++;
			if (seen[in->matched]++ == 0)
				distinct++;
		}
		if (distinct > best_distinct || (distinct == best_distinct && total > best_total)) {
			best = i;
			best_distinct = distinct;
			best_total = total;
		}
	}
	/* Start the window a little before the first match it holds. */
	size_t first = best, last = best + window - 1;
	size_t from = ctx.tokens[first].start, to = ctx.tokens[last].end;
	tc_buf snippet = {0};
	if (first > 0 || skip > 0)
		tc_buf_append_str(&snippet, "…");
	size_t base = snippet.len;
	tc_buf_append(&snippet, text + from, to - from);
	if (last + 1 < ctx.count || stopped || skip + len < full_len || cut)
		tc_buf_append_str(&snippet, "…");
	/* Line breaks inside the snippet become spaces. */
	for (size_t i = 0; i < snippet.len; i++)
		if (snippet.data[i] == '\n' || snippet.data[i] == '\r' || snippet.data[i] == '\t')
			snippet.data[i] = ' ';
	json_t *highlights = json_array();
	for (size_t i = first; i <= last; i++)
		if (ctx.tokens[i].matched) {
			json_t *range = json_array();
			json_array_append_new(range,
			                      json_integer((json_int_t)(ctx.tokens[i].start - from + base)));
			json_array_append_new(range,
			                      json_integer((json_int_t)(ctx.tokens[i].end - from + base)));
			json_array_append_new(highlights, range);
		}
	json_object_set_new(hit, "snippet", json_stringn(snippet.data ? snippet.data : "", snippet.len));
	json_object_set_new(hit, "highlights", highlights);
	tc_buf_free(&snippet);
	tc_free(ctx.tokens);
	tc_free(ctx.table);
}
