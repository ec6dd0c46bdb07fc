/* snippet.c - a hit's snippet: the window of its text that holds the
 * most of the query's words, with the byte ranges of the words to
 * highlight (the builder's highlight sets, query-private.h). */
#include <string.h>

#include "query-private.h"

typedef struct snip_token {
	size_t start, end;
	int matched; /* index+1 of the matched query word, 0 if none */
} snip_token;

#define SNIPPET_WORDS      40
#define SNIPPET_SCAN_BYTES (64 * 1024)
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
void tc__make_snippet(builder *b, const char *full, json_t *hit)
{
	size_t full_len = strlen(full);
	size_t skip = full_len > SNIPPET_SCAN_BYTES ? snippet_start(b, full, full_len) : 0;
	const char *text = full + skip;
	size_t len = full_len - skip;
	if (len > SNIPPET_SCAN_BYTES) {
		len = SNIPPET_SCAN_BYTES;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	snip_ctx ctx = {.b = b,
	                .query_words =
	                        json_object_size(b->highlight_exact) + json_object_size(b->highlight_folded)};
	if (snip_words(&ctx) < 0)
		return;
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
	if (last + 1 < ctx.count || stopped || skip + len < full_len)
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
