/* build.c - the Xapian query of a parsed query (query-private.h
 * "builder"): words (exact or folded, with their title forms), pairs of
 * words, phrases, prefixes, document numbers and citations that put what
 * they name first, the term a question asks to have defined, field
 * filters, and a long text cut to its rarest words (select_words); the
 * lean query of the first stage of ranking (rank.c); and the words to
 * highlight (snippet.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "query-private.h"

static int collect_token(void *vctx, const tc_token *t)
{
	builder *b = vctx;
	if (b->count == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		qtoken *tokens = tc_arena_alloc(b->s->arena, cap * sizeof *tokens);
		if (!tokens)
			return -1;
		if (b->count)
			memcpy(tokens, b->tokens, b->count * sizeof *tokens);
		b->tokens = tokens;
		b->cap = cap;
	}
	qtoken *q = &b->tokens[b->count++];
	q->kind = t->kind;
	q->exact = tc_arena_strndup(b->s->arena, t->exact, t->exact_len);
	q->folded = tc_arena_strndup(b->s->arena, t->folded, t->folded_len);
	q->position = t->position;
	q->start = t->start;
	q->end = t->end;
	q->skip = 0;
	q->repeat = 1;
	return q->exact && q->folded ? 0 : -1;
}

static int analyze_span(builder *b, const char *text, size_t len)
{
	b->count = 0;
	tc_status st =
	        tc_analyzer_run(b->s->analyzer, tc_features_analyze_flags(&b->s->features, TC_ANALYZE_QUERY),
	                        text, len, collect_token, b, NULL, b->err);
	if (st != TC_OK) {
		b->status = st == TC_ERR_ABORTED ? tc_error_set(b->err, TC_ERR_NOMEM, "out of memory") : st;
		return -1;
	}
	return 0;
}

static xc_query *term_query(builder *b, const char *prefix, const char *text, double scale)
{
	if (b->status != TC_OK)
		return NULL;
	if (++b->terms > TC_QUERY_MAX_TERMS) {
		b->status = tc_error_set(
		        b->err, TC_ERR_LIMIT,
		        "the query is too complex: its phrases, OR groups and prefixes would search "
		        "more than %d terms; use fewer of them",
		        TC_QUERY_MAX_TERMS);
		return NULL;
	}
	tc_buf *term = &b->s->term;
	tc_buf_reset(term);
	tc_buf_append_str(term, prefix);
	tc_buf_append_str(term, text);
	if (term->len > XC_MAX_TERM_LENGTH)
		return NULL; /* cannot be in the index either */
	xc_query *q = NULL;
	b->status = xc_query_term(term->data, term->len, 1, 0, &q, b->err);
	if (b->status != TC_OK || scale == 1.0)
		return q;
	xc_query *scaled = NULL;
	b->status = xc_query_scale(q, scale, &scaled, b->err);
	xc_query_free(q);
	return scaled;
}

void tc__qlist_add(builder *b, qlist *list, xc_query *q)
{
	if (!q)
		return;
	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 8;
		xc_query **items = tc_realloc(list->items, cap * sizeof *items);
		if (!items) {
			xc_query_free(q);
			b->status = tc_error_set(b->err, TC_ERR_NOMEM, "out of memory");
			return;
		}
		list->items = items;
		list->cap = cap;
	}
	list->items[list->count++] = q;
}

void tc__qlist_clear(qlist *list)
{
	for (size_t i = 0; i < list->count; i++)
		xc_query_free(list->items[i]);
	tc_free(list->items);
	memset(list, 0, sizeof *list);
}

/* Combine and free the list (NULL when empty). */
static xc_query *qlist_combine(builder *b, qlist *list, xc_query_op op)
{
	xc_query *q = NULL;
	if (b->status == TC_OK && list->count == 1) {
		q = list->items[0];
		list->count = 0;
	} else if (b->status == TC_OK && list->count > 1) {
		b->status = xc_query_combine(op, list->items, list->count, 0, &q, b->err);
	}
	tc__qlist_clear(list);
	return q;
}

static xc_query *combine2(builder *b, xc_query_op op, xc_query *left, xc_query *right)
{
	if (!left)
		return right;
	if (!right)
		return left;
	xc_query *q = NULL;
	xc_query *pair[2] = {left, right};
	if (b->status == TC_OK)
		b->status = xc_query_combine(op, pair, 2, 0, &q, b->err);
	xc_query_free(left);
	xc_query_free(right);
	return q;
}

static xc_query *scale(builder *b, xc_query *q, double factor)
{
	if (!q || factor == 1.0)
		return q;
	xc_query *scaled = NULL;
	if (b->status == TC_OK)
		b->status = xc_query_scale(q, factor, &scaled, b->err);
	xc_query_free(q);
	return scaled;
}

/* Is word T matched by its folded form? In a query typed without marks,
 * every word; in one with marks, a word typed without them that the index
 * does not hold as such ("quyen" in "quyen sử dụng đất": its marks were
 * dropped). A word typed with marks matches exactly: "cấp" is not "cập". */
static int match_folded(builder *b, const qtoken *t)
{
	if (!b->s->features.folded || t->kind == TC_TOKEN_NUMBER)
		return 0;
	if (!b->accented)
		return 1;
	if (strcmp(t->exact, t->folded))
		return 0;
	uint32_t freq = 0;
	tc_buf_reset(&b->s->term);
	tc_buf_append_str(&b->s->term, t->exact);
	if (xc_reader_term_freq(b->reader, b->s->term.data, b->s->term.len, &freq, b->err) != TC_OK)
		b->status = b->err ? b->err->code : TC_ERR_XAPIAN;
	return freq == 0;
}

/* Words to highlight: the exact forms of the words matched exactly, the
 * folded forms of those matched folded. */
static void note_highlight(builder *b, const qtoken *t, int folded)
{
	if (!b->lean)
		json_object_set_new(folded ? b->highlight_folded : b->highlight_exact,
		                    folded ? t->folded : t->exact, json_true());
}

/* MATCH, with BOOSTS (may be NULL) adding weight where they are present:
 * the boosts of a word (its title forms, its exact form under a folded
 * match) never match more than the word itself (title words are in the
 * body too; an exact form folds to the folded one). An OR: Xapian's
 * AND_MAYBE, the same in principle, ranked 6 of ALQAC's 430 unverified
 * questions lower (MRR@10 0.895 against 0.900). */
static xc_query *boosted(builder *b, xc_query *match, qlist *boosts)
{
	tc__qlist_add(b, boosts, match);
	return qlist_combine(b, boosts, XC_OP_OR);
}

/* The term a word or a pair matches on, into PREFIX and TEXT: its folded
 * form when it is matched folded (a word: match_folded; a pair: always, in
 * an index that folds, for pairs are indexed folded only), else its exact
 * one. Returns whether it is folded.
 *
 * Two syllables rarely fold to the same pair as two others, so the folded
 * pair loses next to nothing of the exact one's precision (ALQAC 2024, the
 * definitions and the navigational benchmarks: the same figures within one
 * question) and the index holds one term per pair instead of two. A pair
 * has no title form: a title's pairs weighed on top (0.15) ranked no
 * better on ALQAC 2024 (train MRR@10 0.953 with, 0.954 without; recall@10
 * 0.980, 0.990), the definitions (hit@1 0.945, 0.943) and the navigational
 * benchmark (hit@1 0.985 both), and were terms that every entry held and
 * the second stage of ranking looked up for each pair. */
static int match_term(builder *b, const qtoken *t, const char **prefix, const char **text)
{
	int folded;
	if (t->kind == TC_TOKEN_BIGRAM) {
		folded = b->s->features.folded;
		*prefix = tc_features_pair_prefix(&b->s->features);
	} else {
		folded = match_folded(b, t);
		*prefix = folded ? TC_PREFIX_FOLDED : TC_PREFIX_EXACT;
	}
	*text = folded ? t->folded : t->exact;
	return folded;
}

/* One word: its exact form, or its folded form (and, weighted on top, its
 * exact one) when it is matched FOLDED (match_term); its title forms on
 * top. */
static xc_query *word_query(builder *b, const qtoken *t, int folded)
{
	const tc_features *f = &b->s->features;
	qlist boosts = {0};
	note_highlight(b, t, folded);
	xc_query *match;
	if (folded) {
		/* an exact unaccented form in the text gets the extra weight of
		 * its term */
		match = term_query(b, TC_PREFIX_FOLDED, t->folded, 1.0);
		if (!b->lean)
			tc__qlist_add(b, &boosts, term_query(b, TC_PREFIX_EXACT, t->exact, 1.0));
	} else {
		match = term_query(b, TC_PREFIX_EXACT, t->exact, 1.0);
		/* a folded-only match adds what the exact one lacks: an OR */
		if (f->folded && b->r.folded_weight > 0 && t->kind != TC_TOKEN_NUMBER)
			match = combine2(b, XC_OP_OR, match,
			                 term_query(b, TC_PREFIX_FOLDED, t->folded, b->r.folded_weight));
	}
	if (f->title && b->r.title_weight > 0 && t->kind != TC_TOKEN_NUMBER && !b->lean)
		tc__qlist_add(b, &boosts,
		              folded ? term_query(b, TC_PREFIX_FOLDED_TITLE, t->folded, b->r.title_weight)
		                     : term_query(b, TC_PREFIX_TITLE, t->exact, b->r.title_weight));
	return boosted(b, match, &boosts);
}

/* How many entries hold the term PREFIX + TEXT (into *FREQ): of the
 * searched entries (articles and their parts), or with ARTICLES of the
 * articles' own entries only (each holds the terms of its parts too)?
 * Looked up once for both builds (b->term_freqs); 0 on an error, left in
 * b->status. */
static int term_freq(builder *b, int articles, const char *prefix, const char *text, uint32_t *freq)
{
	*freq = 0;
	if (b->status != TC_OK)
		return 0;
	tc_buf *key = &b->s->term;
	tc_buf_reset(key);
	tc_buf_append_char(key, articles ? 'a' : 'e');
	tc_buf_append_str(key, prefix);
	tc_buf_append_str(key, text);
	json_t *known = json_object_get(b->term_freqs, key->data);
	if (known) {
		*freq = (uint32_t)json_integer_value(known);
		return 1;
	}
	xc_reader *reader = articles ? b->s->articles[b->target] : b->reader;
	if (xc_reader_term_freq(reader, key->data + 1, key->len - 1, freq, b->err) != TC_OK) {
		b->status = b->err ? b->err->code : TC_ERR_XAPIAN;
		return 0;
	}
	json_object_set_new(b->term_freqs, key->data, json_integer(*freq));
	return 1;
}

/* Is the term PREFIX + TEXT (a word's or a pair's, match_term) common:
 * held by more than r.common_share of the searched entries ("của", "quy
 * định", "người")? In a longer query such a term adds its weight to the
 * entries that match the others and matches nothing alone (Xapian's
 * AND_MAYBE, as Elasticsearch's common terms): what holds only common
 * words is no answer, and the matcher then walks the rarer terms' postings
 * only. */
static int common_term(builder *b, const char *prefix, const char *text)
{
	uint32_t freq = 0;
	if (b->r.common_share <= 0 || !term_freq(b, 0, prefix, text, &freq))
		return 0;
	if (!b->entries && xc_reader_doc_count(b->reader, &b->entries, b->err) != TC_OK) {
		b->status = b->err ? b->err->code : TC_ERR_XAPIAN;
		return 0;
	}
	return freq > b->r.common_share * b->entries;
}

/* Q restricted to the articles' own entries, not their clauses' and points'
 * (frees Q). */
static xc_query *articles_only(builder *b, xc_query *q)
{
	xc_query *marker = NULL;
	if (q && b->status == TC_OK)
		b->status =
		        xc_query_term(TC_ARTICLE_MARKER, strlen(TC_ARTICLE_MARKER), 1, 0, &marker, b->err);
	return combine2(b, XC_OP_FILTER, q, marker);
}

/* Q as a match of constant weight W (frees Q). */
static xc_query *constant(builder *b, xc_query *q, double w)
{
	if (!q)
		return NULL;
	xc_query *c = NULL;
	if (b->status == TC_OK)
		b->status = xc_query_constant(q, w, &c, b->err);
	xc_query_free(q);
	return c;
}

/* The same for a match that may hold parts of articles only (a clause that
 * defines a term): the first stage of ranking, on the articles' own
 * entries, cannot see it, so what it matches joins the second stage's
 * candidates (tc__rank). A number or a citation matches the articles' own
 * entries too. */
static xc_query *constant_in_parts(builder *b, xc_query *q, double w)
{
	xc_query *copy = NULL;
	if (q && b->status == TC_OK && !b->lean)
		b->status = xc_query_clone(q, &copy, b->err);
	tc__qlist_add(b, &b->specials, copy);
	return constant(b, q, w);
}

static int is_word(const qtoken *t)
{
	return t->kind == TC_TOKEN_SYLLABLE || t->kind == TC_TOKEN_WORD || t->kind == TC_TOKEN_NUMBER;
}

/* The words that ask rather than say ("Tạm vắng là gì?", "cơ quan nào",
 * "ai", "bao lâu"): a short query does not require them, as the text
 * that answers does not contain them. */
static int is_question_word(const qtoken *t)
{
	static const char *const words[] = {"gì",  "gi",  "nào", "nao",   "ai",
	                                    "đâu", "sao", "bao", "nhiêu", "nhieu"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (!strcmp(t->exact, words[i]))
			return 1;
	return 0;
}

static int folded_is(const qtoken *t, const char *word)
{
	return !strcmp(t->folded, word);
}

/* Do words W[I], W[I+1], ... spell the folded words of PHRASE ("the nao la")? */
static int words_are(const qtoken *tokens, const size_t *w, size_t n, size_t i, const char *phrase)
{
	char copy[32];
	snprintf(copy, sizeof copy, "%s", phrase);
	for (char *save = NULL, *word = strtok_r(copy, " ", &save); word;
	     word = strtok_r(NULL, " ", &save), i++)
		if (i >= n || !folded_is(&tokens[w[i]], word))
			return 0;
	return 1;
}

/* The term a question asks to have defined: "Không gian mạng là gì?",
 * "X được hiểu là gì", "X có nghĩa là gì", "Thế nào là X?", "khái niệm
 * (về) X", "định nghĩa X". X runs back (or on) to the nearest punctuation
 * ("Theo Luật An ninh mạng, không gian mạng là gì?"), at most 12 words. Its
 * slug goes into OUT, as the index writes the term a clause defines;
 * returns 0 when the text asks no such question. */
static int asked_term(builder *b, const char *span, const qtoken *tokens, size_t count, tc_buf *out)
{
	size_t w[64] = {0}, n = 0;
	for (size_t i = 0; i < count; i++)
		if (is_word(&tokens[i])) {
			if (n == sizeof w / sizeof *w)
				return 0;
			w[n++] = i;
		}
	size_t lo = 0, hi = n;
	int backward = 0;
	if (n > 2 && words_are(tokens, w, n, n - 2, "la gi")) {
		hi = n - 2;
		backward = 1;
		static const char *const links[] = {"duoc hieu", "co nghia", "nghia"};
		for (size_t k = 0; k < sizeof links / sizeof *links; k++) {
			size_t len = (size_t)(strchr(links[k], ' ') ? 2 : 1);
			if (hi > len && words_are(tokens, w, n, hi - len, links[k])) {
				hi -= len;
				break;
			}
		}
	} else if (words_are(tokens, w, n, 0, "the nao la")) {
		lo = 3;
	} else if (words_are(tokens, w, n, 0, "khai niem") || words_are(tokens, w, n, 0, "dinh nghia")) {
		lo = 2;
		if (lo < n && (folded_is(&tokens[w[lo]], "ve") || folded_is(&tokens[w[lo]], "cua")))
			lo++;
	} else {
		return 0;
	}
	/* a break: punctuation between two words */
	for (size_t i = lo + 1; i < hi; i++) {
		size_t from = tokens[w[i - 1]].end, gap = tokens[w[i]].start - from;
		if (strcspn(span + from, ",;:.?!") >= gap)
			continue;
		if (backward)
			lo = i;
		else {
			hi = i;
			break;
		}
	}
	if (hi <= lo || hi - lo > 12)
		return 0;
	size_t start = tokens[w[lo]].start;
	return tc_slug(b->s->analyzer, span + start, tokens[w[hi - 1]].end - start, out) == 0 && out->len;
}

/* A long text (a pasted passage) is ranked by its most informative words:
 * at most TC_QUERY_MAX_RANKED_WORDS distinct words, the rarest in the
 * searched databases; the others, and the pairs that hold one, are left out
 * and listed in the results ("ignored_words"). This bounds the work
 * whatever the user pastes; a question of a few dozen words keeps all. */
static void select_words(builder *b, qtoken *tokens, size_t count)
{
	typedef struct word_df {
		const char *folded;
		uint32_t df;
	} word_df;
	word_df *words = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < count; i++) {
		if (!is_word(&tokens[i]))
			continue;
		size_t j = 0;
		while (j < n && strcmp(words[j].folded, tokens[i].folded))
			j++;
		if (j < n)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 128;
			word_df *grown = tc_arena_alloc(b->s->arena, cap * sizeof *grown);
			if (!grown) {
				b->status = tc_error_set(b->err, TC_ERR_NOMEM, "out of memory");
				return;
			}
			if (n)
				memcpy(grown, words, n * sizeof *grown);
			words = grown;
		}
		words[n++] = (word_df){.folded = tokens[i].folded};
	}
	if (n <= b->max_words)
		return;
	json_t *ignored = b->lean ? NULL : b->ignored_words;
	/* looked up once for both builds (term_freq), whose caps differ */
	for (size_t j = 0; j < n; j++)
		if (!term_freq(b, 0, b->s->features.folded ? TC_PREFIX_FOLDED : TC_PREFIX_EXACT, words[j].folded,
		               &words[j].df))
			return;
	/* the K rarest: a partial selection sort, stable on query order */
	for (size_t k = 0; k < b->max_words; k++) {
		size_t best = k;
		for (size_t j = k + 1; j < n; j++)
			if (words[j].df < words[best].df)
				best = j;
		word_df w = words[best];
		memmove(words + k + 1, words + k, (best - k) * sizeof *words);
		words[k] = w;
	}
	for (size_t j = TC_QUERY_MAX_RANKED_WORDS; ignored && j < n; j++)
		json_array_append_new(ignored, json_string(words[j].folded));
	for (size_t i = 0; i < count; i++) {
		qtoken *t = &tokens[i];
		if (!is_word(t) && t->kind != TC_TOKEN_BIGRAM)
			continue;
		/* a word, or each half of a pair ("quyen_su") */
		const char *part = t->folded;
		while (!t->skip && *part) {
			size_t len = t->kind == TC_TOKEN_BIGRAM ? strcspn(part, "_") : strlen(part);
			size_t j = 0;
			while (j < b->max_words &&
			       (strlen(words[j].folded) != len || memcmp(words[j].folded, part, len)))
				j++;
			t->skip = j == b->max_words;
			part += len + (part[len] == '_');
		}
	}
}

/* A word or pair that TOKENS write again weighs as often as it is written
 * (a pasted question: "thông tin ... thông tin"), as before, but as one
 * subquery scaled by its count (the first copy's repeat) rather than a
 * copy per time: the same weights, and its posting lists are read once.
 * Copies are the same kind and exact form, so they match the same terms. */
static void count_repeats(builder *b, qtoken *tokens, size_t count)
{
	json_t *first = json_object();
	tc_buf *key = &b->s->scratch;
	for (size_t i = 0; i < count && first; i++) {
		qtoken *t = &tokens[i];
		if (t->skip || (!is_word(t) && t->kind != TC_TOKEN_BIGRAM))
			continue;
		tc_buf_reset(key);
		tc_buf_printf(key, "%d:%s", (int)t->kind, t->exact);
		json_t *at = json_object_get(first, key->data);
		if (at) {
			tokens[json_integer_value(at)].repeat++;
			t->repeat = 0;
		} else {
			json_object_set_new(first, key->data, json_integer((json_int_t)i));
		}
	}
	json_decref(first);
}

/* Does a document or a heading of the codification answer to NAME (LEN
 * bytes: "Luật Thú y", "luat thu y 2015", "Luật PBGDPL", "BLDS":
 * tc_document_names; "đề mục thanh niên")? Its name's slug, the term's
 * text after TC_PREFIX_NAME, goes into SLUG ("… năm 2015" read as "… 2015"
 * unless the "nam" is a word of the name: "Luật Biển Việt Nam 2012");
 * returns NAMED_DOCUMENT, NAMED_HEADING (or both) for where the name is,
 * 0 when nothing answers to it. */
enum { NAMED_DOCUMENT = 1, NAMED_HEADING = 2 };
static int named(builder *b, const char *name, size_t len, tc_buf *slug)
{
	tc_buf_reset(slug);
	if (!len || len > 256 || b->status != TC_OK)
		return 0;
	if (tc_slug(b->s->analyzer, name, len, slug) < 0) {
		b->status = tc_error_set(b->err, TC_ERR_NOMEM, "out of memory");
		return 0;
	}
	tc_buf *term = &b->s->term;
	for (int pass = 0; pass < 2 && slug->len; pass++) {
		if (pass) {
			if (slug->len <= 10 || memcmp(slug->data + slug->len - 9, "-nam-", 5) ||
			    strspn(slug->data + slug->len - 4, "0123456789") != 4)
				break;
			memmove(slug->data + slug->len - 9, slug->data + slug->len - 5, 6);
			slug->len -= 4;
		}
		tc_buf_reset(term);
		tc_buf_append_str(term, TC_PREFIX_NAME);
		tc_buf_append(term, slug->data, slug->len);
		if (term->len > XC_MAX_TERM_LENGTH)
			continue;
		int where = 0;
		static const struct {
			tc_db_kind db;
			int found;
		} in[] = {{TC_DB_DOCS, NAMED_DOCUMENT}, {TC_DB_CODIFIED, NAMED_HEADING}};
		for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
			uint32_t freq = 0;
			tc_error ignored;
			if (xc_reader_term_freq(b->s->readers[in[i].db], term->data, term->len, &freq, &ignored) ==
			            TC_OK &&
			    freq)
				where |= in[i].found;
		}
		if (where)
			return where;
	}
	return 0;
}

/* The whole number among a document's XM terms: the longest without a
 * type ("18/2012/qh13", not "luat:18/2012" or "18/2012"). */
static int on_own_number(void *ctx, const char *term, size_t len)
{
	named_doc *d = ctx;
	const char *v = term + strlen(TC_PREFIX_NUMBER);
	size_t n = len - strlen(TC_PREFIX_NUMBER);
	if (!memchr(v, ':', n) && n > strlen(d->number) && n < sizeof d->number) {
		memcpy(d->number, v, n);
		d->number[n] = '\0';
	}
	return 0;
}

static int on_id(void *ctx, const char *term, size_t len)
{
	named_doc *d = ctx;
	size_t n = len - strlen(TC_PREFIX_ID);
	if (n < sizeof d->id) {
		memcpy(d->id, term + strlen(TC_PREFIX_ID), n);
		d->id[n] = '\0';
	}
	return 1;
}

static long value_number(const xc_mset *mset, uint32_t i, unsigned slot, char *text, size_t cap)
{
	char *v = NULL;
	size_t len = 0;
	tc_error ignored;
	*text = '\0';
	if (xc_mset_value(mset, i, slot, &v, &len, &ignored) != TC_OK)
		return 0;
	snprintf(text, cap, "%.*s", (int)len, v ? v : "");
	tc_free(v);
	return atol(text);
}

/* The documents named SLUG (a slug "named" found), best first: those in
 * force today (not expired, in effect), then the newest; at most
 * TC_NAMED_MAX, in B (looked up once for the query's span AT, LEN). */
static size_t named_documents(builder *b, size_t at, size_t len, const char *slug)
{
	if (b->named_done && b->named_at == at && b->named_len == len)
		return b->named_count;
	b->named_done = 1;
	b->named_at = at;
	b->named_len = len;
	b->named_count = 0;
	xc_reader *docs = b->s->readers[TC_DB_DOCS];
	tc_buf *term = &b->s->term;
	tc_buf_reset(term);
	tc_buf_printf(term, "%s%s", TC_PREFIX_NAME, slug);
	xc_query *q = NULL;
	xc_enquire *e = NULL;
	xc_mset *mset = NULL;
	if (b->status == TC_OK)
		b->status = xc_query_term(term->data, term->len, 1, 0, &q, b->err);
	if (b->status == TC_OK)
		b->status = xc_enquire_new(docs, &e, b->err);
	if (b->status == TC_OK)
		b->status = xc_enquire_set_query(e, q, b->err);
	if (b->status == TC_OK)
		b->status = xc_enquire_set_sort(e, TC_SLOT_ISSUE_DATE, 1, b->err);
	if (b->status == TC_OK)
		b->status = xc_enquire_run(e, 0, 4 * TC_NAMED_MAX, 0, &mset, b->err);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	long today = (tm.tm_year + 1900) * 10000L + (tm.tm_mon + 1) * 100 + tm.tm_mday;
	for (uint32_t i = 0; b->status == TC_OK && i < xc_mset_size(mset); i++) {
		named_doc d = {0};
		char text[64];
		long issued = value_number(mset, i, TC_SLOT_ISSUE_DATE, text, sizeof text);
		long effective = value_number(mset, i, TC_SLOT_EFFECTIVE_DATE, text, sizeof text);
		value_number(mset, i, TC_SLOT_VALIDITY, text, sizeof text);
		int in_force = strcmp(text, "het-hieu-luc") != 0 && (!effective || effective <= today);
		d.rank = (long)in_force * 100000000L + issued;
		xc_docid docid = xc_mset_docid(mset, i);
		b->status = xc_reader_doc_terms(docs, docid, TC_PREFIX_ID, on_id, &d, b->err);
		if (b->status == TC_OK)
			b->status = xc_reader_doc_terms(docs, docid, TC_PREFIX_NUMBER, on_own_number, &d, b->err);
		if (b->status != TC_OK || !*d.id)
			continue;
		/* best first: insertion into a handful */
		size_t j = b->named_count < TC_NAMED_MAX ? b->named_count++ : TC_NAMED_MAX;
		while (j > 0 && b->named[j - 1].rank < d.rank) {
			if (j < TC_NAMED_MAX)
				b->named[j] = b->named[j - 1];
			j--;
		}
		if (j < TC_NAMED_MAX)
			b->named[j] = d;
	}
	xc_mset_free(mset);
	xc_enquire_free(e);
	xc_query_free(q);
	return b->named_count;
}

/* What NODE's text names, when a document or a heading of the
 * codification answers to that name where the target searches; else
 * NULL: everything of that name, the best of the documents (in force, the
 * newest) a tenth above the others. */
static xc_query *name_query(builder *b, const qnode *node)
{
	int searched = (b->target == TC_TARGET_ALL || b->target == TC_TARGET_DOCS ? NAMED_DOCUMENT : 0) |
	               (b->target == TC_TARGET_ALL || b->target == TC_TARGET_CODIFIED ? NAMED_HEADING : 0);
	tc_buf slug = {0};
	xc_query *q = NULL;
	size_t len = node->end - node->start;
	int where = named(b, b->query + node->start, len, &slug);
	if (where & searched) {
		q = constant(b, term_query(b, TC_PREFIX_NAME, slug.data, 1.0), 0.9 * b->r.name_weight);
		if ((where & searched & NAMED_DOCUMENT) && named_documents(b, node->start, len, slug.data))
			q = combine2(b, XC_OP_OR, q,
			             constant(b, term_query(b, TC_PREFIX_ID, b->named[0].id, 1.0),
			                      0.1 * b->r.name_weight));
	}
	tc_buf_free(&slug);
	return q;
}

/* "Điều 8 Luật Trẻ em": the article numbered ARTICLE (its term value,
 * "điều:8") of the document the rest of the text names (the newest in
 * force of that name): its own entry, and the codified articles whose
 * notes cite it. NULL when the rest names no document. The name is the
 * text after the citation CITE ("của" aside), else the text before it. */
static xc_query *named_article_query(builder *b, const qnode *node, const qtoken *cite, const char *article)
{
	const char *span = b->query + node->start;
	size_t span_len = node->end - node->start;
	tc_buf slug = {0};
	size_t at = 0, len = 0;
	for (int side = 0; side < 2 && !len; side++) {
		at = side ? 0 : cite->end;
		size_t end = side ? cite->start : span_len;
		while (at < end && strchr(" \t,.:;", span[at]))
			at++;
		static const char *const of[] = {"của ", "cua ", "Của ", "Cua "};
		for (size_t k = 0; !side && k < sizeof of / sizeof *of; k++)
			if (end - at > strlen(of[k]) && !strncmp(span + at, of[k], strlen(of[k]))) {
				at += strlen(of[k]);
				break;
			}
		len = end > at ? end - at : 0;
		if (len && !(named(b, span + at, len, &slug) & NAMED_DOCUMENT))
			len = 0;
	}
	xc_query *q = NULL;
	if (len && named_documents(b, node->start + at, len, slug.data) && *b->named[0].number) {
		/* a provision of the document, numbered so; not a codified
		 * article from it, which has the numbers of its own and of every
		 * source ("45.9.LQ.4" from Điều 4 of one law, amended by Điều 9
		 * of another): those by their note's link */
		const char *number = b->named[0].number;
		xc_query *own = combine2(b, XC_OP_AND, term_query(b, TC_PREFIX_PART_OF, number, 1.0),
		                         term_query(b, TC_PREFIX_ARTICLE, article, 1.0));
		own = combine2(b, XC_OP_AND_NOT, own, term_query(b, TC_PREFIX_SOURCE, number, 1.0));
		tc_buf *source = &b->s->scratch;
		tc_buf_reset(source);
		tc_buf_printf(source, "%s/d%s", number, article + strcspn(article, ":") + 1);
		q = combine2(b, XC_OP_OR, own, term_query(b, TC_PREFIX_SOURCE, source->data, 1.0));
	}
	tc_buf_free(&slug);
	return q;
}

/* How precisely token T writes a document number: 3 whole ("52/2015/NĐ-CP"),
 * 2 typed ("nd:52/2015"), 1 bare ("52/2015"), 0 it is no number. */
static int number_form(const qtoken *t)
{
	if (t->kind == TC_TOKEN_DOC_NUMBER)
		return 3;
	if (t->kind == TC_TOKEN_DOC_NUMBER_PART)
		return strchr(t->exact, ':') ? 2 : 1;
	return 0;
}

/* Plain text: words and bigrams, plus recognized document numbers and
 * citations that put their document or provision first. */
static xc_query *text_query(builder *b, const qnode *node)
{
	if (analyze_span(b, b->query + node->start, node->end - node->start) < 0)
		return NULL;
	size_t count = b->count;
	qtoken *tokens = b->tokens;
	select_words(b, tokens, count);
	count_repeats(b, tokens, count);
	qlist words = {0}, asks = {0}, bigrams = {0}, common = {0}, numbers = {0}, parts = {0},
	      part_ranks = {0}, mentions = {0}, articles = {0}, titles = {0};
	size_t nwords = 0;
	const qtoken *cite = NULL; /* the first article cited, and its term value */
	const char *cite_article = NULL;
	int precise = 0;
	int known_number = 0; /* a number that articles of the target hold */
	/* a query that is no short AND (below): a number or an article cited,
	 * or more words than and_max_words; its common words and pairs only
	 * add weight (common_term) */
	size_t all_words = 0;
	int special = 0;
	for (size_t i = 0; i < count; i++) {
		if (!tokens[i].skip && number_form(&tokens[i]) > precise)
			precise = number_form(&tokens[i]);
		all_words += is_word(&tokens[i]);
		special |= !tokens[i].skip && (tokens[i].kind == TC_TOKEN_DOC_NUMBER ||
		                               tokens[i].kind == TC_TOKEN_DOC_NUMBER_PART ||
		                               (tokens[i].kind == TC_TOKEN_CITATION &&
		                                !strncmp(tokens[i].folded, "dieu:", 5)));
	}
	int any = special || all_words > (size_t)b->r.and_max_words;
	for (size_t i = 0; i < count && b->status == TC_OK; i++) {
		const qtoken *t = &tokens[i];
		if (t->skip || !t->repeat) {
			nwords += is_word(t);
			continue;
		}
		if (is_word(t) || t->kind == TC_TOKEN_BIGRAM) {
			/* a word or a pair, weighed as often as it is written */
			int word = is_word(t);
			nwords += word;
			const char *prefix, *text;
			int folded = match_term(b, t, &prefix, &text);
			qlist *list = any && common_term(b, prefix, text) ? &common
			              : !word                              ? &bigrams
			              : is_question_word(t)                ? &asks
			                                                   : &words;
			tc__qlist_add(b, list,
			              scale(b, word ? word_query(b, t, folded)
			                         : term_query(b, prefix, text, b->r.bigram_weight),
			                    t->repeat));
			if (b->s->features.citations && b->target != TC_TARGET_DOCS)
				tc__qlist_add(b, &titles,
				              term_query(b, TC_PREFIX_DOC_TITLE, t->folded, t->repeat));
		} else if (t->kind == TC_TOKEN_DOC_NUMBER || t->kind == TC_TOKEN_DOC_NUMBER_PART) {
			if (!b->lean)
				json_array_append_new(b->doc_numbers, json_string(t->exact));
			/* The document itself, then its provisions and the articles
			 * codified from it: constant weights, so a long document is
			 * not outranked by its own short articles; the words order
			 * each tier. The most precise form the query writes (the
			 * whole "69/2020/QH14", else the typed "nd:52/2015", else a
			 * bare "69/2020") carries the weight; a less precise one
			 * adds a tenth: the document with that very number first,
			 * then its provisions, then others with "69/2020". */
			double share = number_form(t) == precise ? 1.0 : 0.1;
			const char *form = b->accented ? t->exact : t->folded;
			uint32_t freq = 0;
			for (int k = 0; k < 3 && !known_number; k++) {
				static const char *const prefixes[3] = {TC_PREFIX_NUMBER, TC_PREFIX_PART_OF,
				                                        TC_PREFIX_MENTION};
				known_number = term_freq(b, 1, prefixes[k], form, &freq) && freq;
			}
			tc__qlist_add(b, &numbers,
			              constant(b, term_query(b, TC_PREFIX_NUMBER, form, 1.0),
			                       share * b->r.number_weight));
			tc__qlist_add(b, &part_ranks,
			              constant(b, term_query(b, TC_PREFIX_PART_OF, form, 1.0),
			                       share * b->r.number_weight / 2));
			tc__qlist_add(b, &parts, term_query(b, TC_PREFIX_PART_OF, form, 1.0));
			tc__qlist_add(
			        b, &mentions,
			        term_query(b, TC_PREFIX_MENTION, b->accented ? t->exact : t->folded, 1.0));
		} else if (t->kind == TC_TOKEN_CITATION) {
			if (!b->lean)
				json_array_append_new(b->citations, json_string(t->exact));
			/* Only the article level is a provision of its own here. */
			if (!strncmp(t->folded, "dieu:", 5)) {
				tc_buf_reset(&b->s->scratch);
				tc_buf_printf(&b->s->scratch, "điều:%s",
				              t->exact + strcspn(t->exact, ":") + 1);
				if (!cite) {
					cite = t;
					cite_article = tc_arena_strndup(b->s->arena, b->s->scratch.data,
					                                b->s->scratch.len);
				}
				tc__qlist_add(b, &articles,
				              term_query(b, TC_PREFIX_ARTICLE, b->s->scratch.data, 1.0));
			}
		}
	}
	xc_query *number_q = qlist_combine(b, &numbers, XC_OP_OR);
	xc_query *part_q = qlist_combine(b, &parts, XC_OP_OR);
	xc_query *part_rank_q = qlist_combine(b, &part_ranks, XC_OP_OR);
	xc_query *mention_q = qlist_combine(b, &mentions, XC_OP_OR);
	xc_query *article_q = qlist_combine(b, &articles, XC_OP_OR);
	xc_query *title_q = qlist_combine(b, &titles, XC_OP_OR);
	xc_query *bigram_q = qlist_combine(b, &bigrams, XC_OP_OR);
	xc_query *base;
	xc_query *ask_q = qlist_combine(b, &asks, XC_OP_OR);
	xc_query *common_q = qlist_combine(b, &common, XC_OP_OR);
	if (!any && words.count) {
		/* A short query: every word must match, question words aside;
		 * bigrams reward the words that stand together. */
		base = qlist_combine(b, &words, XC_OP_AND);
		base = combine2(b, XC_OP_AND_MAYBE, base, combine2(b, XC_OP_OR, bigram_q, ask_q));
	} else {
		base = qlist_combine(b, &words, XC_OP_OR);
		base = combine2(b, XC_OP_OR, base, combine2(b, XC_OP_OR, bigram_q, ask_q));
	}
	/* the common words and pairs weigh where the others match; alone (a
	 * query of common words only) they match */
	base = base ? combine2(b, XC_OP_AND_MAYBE, base, common_q) : common_q;
	if (number_q) {
		/* A document number says what the query is about: the entries
		 * that are that document, are part of it or mention it match,
		 * and the words weigh among them only. The words of "nd
		 * 46/2023" ("46", "2023") alone would match every text that
		 * writes 2023, and the total would count them. A number no
		 * entry holds (mistyped, or of a document not indexed) leaves
		 * the words to match on their own: the nearest, not nothing. */
		xc_query *named = combine2(b, XC_OP_OR, mention_q, number_q);
		if (article_q) {
			/* "Điều 5 Nghị định 52/2015/NĐ-CP": that provision first, then
			 * its document. */
			xc_query *copy = NULL;
			if (b->status == TC_OK)
				b->status = xc_query_clone(part_q, &copy, b->err);
			xc_query *cited = combine2(b, XC_OP_AND, copy, article_q);
			article_q = NULL;
			named = combine2(b, XC_OP_OR, named, constant(b, cited, b->r.citation_weight));
		}
		named = combine2(b, XC_OP_OR, named, part_rank_q);
		part_rank_q = NULL;
		base = combine2(b, known_number ? XC_OP_AND_MAYBE : XC_OP_OR, named, base);
	} else {
		xc_query_free(mention_q);
	}
	xc_query_free(part_q);
	xc_query_free(part_rank_q);
	xc_query *name_q = name_query(b, node);
	if (name_q) {
		/* the document named: the whole query is its name, which no
		 * match of the name's words elsewhere outweighs */
		base = combine2(b, XC_OP_OR, base, name_q);
	}
	if (article_q && cite && cite_article) {
		/* "Điều 3 Luật Đất đai 2024": that law's article, when the rest
		 * names a document */
		xc_query *cited = named_article_query(b, node, cite, cite_article);
		if (cited) {
			/* named: no other law's article by its title's words */
			base = combine2(b, XC_OP_OR, base, constant(b, cited, b->r.citation_weight));
			xc_query_free(article_q);
			article_q = NULL;
			xc_query_free(title_q);
			title_q = NULL;
		}
	}
	if (article_q) {
		/* "Điều 3 Luật Đất đai": the articles numbered 3, ranked by how well
		 * their document's title matches the other words; the articles' own
		 * entries, as a short clause entry would weigh the same title more. */
		xc_query *cited = title_q ? combine2(b, XC_OP_AND, article_q, title_q) : article_q;
		cited = articles_only(b, cited);
		title_q = NULL;
		base = combine2(b, XC_OP_OR, base, scale(b, cited, b->r.citation_weight / 10));
	}
	if (title_q && b->r.doc_title_weight > 0 && nwords > (size_t)b->r.and_max_words && !b->lean) {
		/* A question that names its law ("theo Luật Cư trú") leans to
		 * that law's articles. */
		base = combine2(b, XC_OP_OR, base, scale(b, title_q, b->r.doc_title_weight));
		title_q = NULL;
	}
	xc_query_free(title_q);
	tc_buf asked = {0};
	if (b->s->features.definitions && b->target != TC_TARGET_DOCS &&
	    asked_term(b, b->query + node->start, tokens, count, &asked)) {
		/* "Không gian mạng là gì?": the clauses that define exactly that
		 * term first. */
		xc_query *defines = term_query(b, TC_PREFIX_DEFINES, asked.data, 1.0);
		xc_query *may = term_query(b, TC_PREFIX_MAY_DEFINE, asked.data, 1.0);
		base = combine2(b, XC_OP_OR, base, constant_in_parts(b, defines, b->r.definition_weight));
		base = combine2(b, XC_OP_OR, base, constant_in_parts(b, may, b->r.definition_weight / 2));
	}
	tc_buf_free(&asked);
	return base;
}

static xc_query *phrase_query(builder *b, const qnode *node)
{
	if (analyze_span(b, b->query + node->start, node->end - node->start) < 0)
		return NULL;
	qlist parts = {0};
	for (size_t i = 0; i < b->count; i++) {
		const qtoken *t = &b->tokens[i];
		if (!is_word(t))
			continue;
		/* folded terms share their exact word's position: a phrase may mix them */
		int folded = match_folded(b, t);
		note_highlight(b, t, folded);
		tc__qlist_add(b, &parts,
		              folded ? term_query(b, TC_PREFIX_FOLDED, t->folded, 1.0)
		                     : term_query(b, TC_PREFIX_EXACT, t->exact, 1.0));
	}
	if (parts.count <= 1)
		return qlist_combine(b, &parts, XC_OP_OR);
	xc_query *q = NULL;
	if (b->status == TC_OK)
		b->status = xc_query_combine(XC_OP_PHRASE, parts.items, parts.count, (uint32_t)parts.count,
		                             &q, b->err);
	tc__qlist_clear(&parts);
	return q;
}

static xc_query *wildcard_query(builder *b, const qnode *node)
{
	tc_buf *norm = &b->s->scratch;
	if (tc_analyzer_normalize(b->s->analyzer, b->query + node->start, node->end - node->start, 1, norm) <
	    0) {
		b->status = tc_error_set(b->err, TC_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (norm->len < 2) {
		b->status =
		        tc_error_set(b->err, TC_ERR_LIMIT,
		                     "a prefix search needs at least 2 letters before '*' (character %zu)",
		                     node->start + 1);
		return NULL;
	}
	tc_buf_reset(&b->s->term);
	tc_buf_printf(&b->s->term, TC_PREFIX_FOLDED "%s", norm->data);
	xc_query *q = NULL;
	b->status = xc_query_wildcard(b->s->term.data, TC_QUERY_MAX_WILDCARD, &q, b->err);
	return q;
}

/* Dates as params.c reads them (calendar-checked); 0 when not a date. */
static tc_date parse_date(const char *s, size_t len, int end)
{
	tc_date day = 0;
	return tc_date_parse(s, len, end, &day) < 0 ? 0 : day;
}

static xc_query *value_range(builder *b, unsigned slot, tc_date lo, tc_date hi)
{
	char lo_buf[16], hi_buf[16];
	snprintf(lo_buf, sizeof lo_buf, "%08u", (unsigned)lo);
	snprintf(hi_buf, sizeof hi_buf, "%08u", (unsigned)hi);
	xc_query *q = NULL;
	if (b->status == TC_OK)
		b->status = xc_query_value_range(slot, lo ? lo_buf : NULL, hi ? hi_buf : NULL, &q, b->err);
	return q;
}

/* "A..B", "A..", "..B" or "A" (a single date or year: that day or year). */
static int parse_range(const char *v, size_t len, tc_date *lo, tc_date *hi)
{
	return tc_date_range_parse(v, len, lo, hi);
}

static xc_query *bool_term(builder *b, const char *prefix, const char *value)
{
	tc_buf_reset(&b->s->term);
	tc_buf_printf(&b->s->term, "%s%s", prefix, value);
	xc_query *q = NULL;
	if (b->status == TC_OK)
		b->status = xc_query_term(b->s->term.data, b->s->term.len, 1, 0, &q, b->err);
	return q;
}

static xc_query *field_query(builder *b, const qnode *node)
{
	const char *v = b->query + node->start;
	size_t len = node->end - node->start;
	tc_buf slug = {0};
	xc_query *q = NULL;
	tc_date lo = 0, hi = 0;
	char *value = tc_strndup(v, len);
	if (!value) {
		b->status = tc_error_set(b->err, TC_ERR_NOMEM, "out of memory");
		return NULL;
	}
	switch (node->field) {
	case QF_TYPE: {
		tc_doc_type type = tc_doc_type_from_name(value);
		if (type == TC_TYPE_UNKNOWN) {
			b->status = tc_error_set(
			        b->err, TC_ERR_INPUT,
			        "unknown document type '%s' at character %zu (e.g. luat, nghi-dinh, "
			        "thong-tu, quyet-dinh, nghi-quyet)",
			        value, node->start + 1);
			break;
		}
		q = bool_term(b, TC_PREFIX_TYPE, tc_doc_type_slug(type));
		break;
	}
	case QF_STATUS: {
		tc_validity validity = tc_validity_from_name(value);
		if (validity == TC_VALIDITY_UNKNOWN) {
			b->status = tc_error_set(b->err, TC_ERR_INPUT,
			                         "unknown validity '%s' at character %zu (e.g. con-hieu-luc, "
			                         "het-hieu-luc-toan-bo)",
			                         value, node->start + 1);
			break;
		}
		q = bool_term(b, TC_PREFIX_VALIDITY, tc_validity_slug(validity));
		break;
	}
	case QF_ISSUER:
	case QF_FIELD:
	case QF_PROVINCE:
		tc_slug(b->s->analyzer, v, len, &slug);
		q = bool_term(b,
		              node->field == QF_ISSUER  ? TC_PREFIX_ISSUER
		              : node->field == QF_FIELD ? TC_PREFIX_FIELD
		                                        : TC_PREFIX_PROVINCE,
		              slug.data ? slug.data : "");
		break;
	case QF_TOPIC: q = bool_term(b, TC_PREFIX_TOPIC, value); break;
	case QF_HEADING: q = bool_term(b, TC_PREFIX_DEMUC, value); break;
	case QF_NUMBER:
		if (tc_doc_number_normalize(v, len, !b->accented, &slug) < 0) {
			b->status = tc_error_set(b->err, TC_ERR_INPUT,
			                         "'%s' at character %zu is not a document number", value,
			                         node->start + 1);
			break;
		}
		/* the document, or (for provisions and codified articles) its parts */
		q = combine2(b, XC_OP_OR, bool_term(b, TC_PREFIX_NUMBER, slug.data),
		             bool_term(b, TC_PREFIX_PART_OF, slug.data));
		break;
	case QF_YEAR:
		if (parse_range(v, len, &lo, &hi) < 0) {
			b->status =
			        tc_error_set(b->err, TC_ERR_INPUT,
			                     "'%s' at character %zu is not a year or a range like 2010..2015",
			                     value, node->start + 1);
			break;
		}
		q = value_range(b, TC_SLOT_ISSUE_DATE, lo, hi);
		break;
	case QF_ISSUED:
	case QF_EFFECTIVE:
		if (parse_range(v, len, &lo, &hi) < 0) {
			b->status = tc_error_set(b->err, TC_ERR_INPUT,
			                         "'%s' at character %zu is not a date or a range like "
			                         "2015-01-01..2016-12-31",
			                         value, node->start + 1);
			break;
		}
		q = value_range(b, node->field == QF_ISSUED ? TC_SLOT_ISSUE_DATE : TC_SLOT_EFFECTIVE_DATE, lo,
		                hi);
		break;
	case QF_IN_FORCE: {
		tc_date day = parse_date(v, len, 0);
		if (!day) {
			b->status = tc_error_set(b->err, TC_ERR_INPUT, "'%s' at character %zu is not a date",
			                         value, node->start + 1);
			break;
		}
		/* In force on DAY: issued by then, not yet expired, and not taking
		 * effect only later. */
		xc_query *issued = value_range(b, TC_SLOT_ISSUE_DATE, 0, day);
		xc_query *later = value_range(b, TC_SLOT_EFFECTIVE_DATE, day + 1 > day ? day + 1 : day, 0);
		xc_query *expired = value_range(b, TC_SLOT_EXPIRY_DATE, 0, day);
		q = combine2(b, XC_OP_AND_NOT, issued, combine2(b, XC_OP_OR, later, expired));
		break;
	}
	}
	tc_free(value);
	tc_buf_free(&slug);
	return q;
}

static xc_query *build(builder *b, const qnode *node);

/* AND group: scoring parts are and-ed, exclusions taken out, filters
 * applied without weight. */
static xc_query *and_query(builder *b, const qnode *node)
{
	qlist positive = {0}, negative = {0}, filters = {0};
	for (size_t i = 0; i < node->count && b->status == TC_OK; i++) {
		const qnode *child = node->children[i];
		xc_query *q = build(b, child);
		if (!q)
			continue;
		if (child->negated)
			tc__qlist_add(b, &negative, q);
		else if (child->kind == QN_FIELD)
			tc__qlist_add(b, &filters, q);
		else
			tc__qlist_add(b, &positive, q);
	}
	xc_query *pos = qlist_combine(b, &positive, XC_OP_AND);
	xc_query *neg = qlist_combine(b, &negative, XC_OP_OR);
	b->excludes |= neg != NULL;
	xc_query *fil = qlist_combine(b, &filters, XC_OP_AND);
	if (!pos && b->status == TC_OK)
		b->status = xc_query_match_all(&pos, b->err);
	pos = combine2(b, XC_OP_FILTER, pos, fil);
	return combine2(b, XC_OP_AND_NOT, pos, neg);
}

static xc_query *build(builder *b, const qnode *node)
{
	if (b->status != TC_OK)
		return NULL;
	if (node->negated && node->kind != QN_AND) {
		/* a lone "-word" at the top: everything but it */
		qnode copy = *node;
		copy.negated = 0;
		xc_query *q = build(b, &copy);
		return q;
	}
	switch (node->kind) {
	case QN_TEXT: return text_query(b, node);
	case QN_PHRASE: return phrase_query(b, node);
	case QN_WILDCARD: return wildcard_query(b, node);
	case QN_FIELD: return field_query(b, node);
	case QN_AND: return and_query(b, node);
	case QN_OR: {
		qlist alts = {0};
		for (size_t i = 0; i < node->count; i++)
			tc__qlist_add(b, &alts, build(b, node->children[i]));
		return qlist_combine(b, &alts, XC_OP_OR);
	}
	}
	return NULL;
}

/* Does the query carry any diacritic? Then words typed without marks are
 * still matched exactly first; a query typed without any marks at all is
 * matched on folded forms. */
static int query_has_marks(const char *q, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)q[i] >= 0xC3)
			return 1;
	return 0;
}

/* Q filtered by FILTER (field filters in the query syntax, from
 * tc_search_filter_add): parsed and built on its own text, so that the
 * user's query keeps its own reading (a pasted question stays text). */
static xc_query *apply_filter(builder *b, xc_query *q, const char *filter)
{
	qparse p = {.query = filter, .len = strlen(filter), .arena = b->s->arena, .err = b->err};
	qnode *root = tc__query_parse(&p);
	if (!root) {
		b->status = b->err && b->err->code != TC_OK ? b->err->code : TC_ERR_INPUT;
		return q;
	}
	const char *query = b->query;
	b->query = filter;
	xc_query *fq = build(b, root);
	b->query = query;
	xc_query *parts[2] = {q, fq};
	xc_query *filtered = NULL;
	if (b->status == TC_OK && fq)
		b->status = xc_query_combine(XC_OP_FILTER, parts, 2, 0, &filtered, b->err);
	xc_query_free(fq);
	if (!filtered)
		return q;
	xc_query_free(q);
	return filtered;
}

/* Build the query for TEXT; on success *QUERY is set and B holds what was
 * recognized. */
tc_status tc__prepare(tc_searcher *s, builder *b, const char *text, const tc_search_options *options,
                      xc_query **query, xc_query **lean, tc_error *err)
{
	*query = NULL;
	*lean = NULL;
	memset(b, 0, sizeof *b);
	size_t len = strlen(text);
	if (len > TC_QUERY_MAX_BYTES)
		return tc_error_set(
		        err, TC_ERR_LIMIT,
		        "the query is %zu bytes long; the limit is %d bytes (about 700 words): shorten it",
		        len, TC_QUERY_MAX_BYTES);
	/* The query's text as it is searched and shown: invalid UTF-8 becomes
	 * U+FFFD as in the documents, and control characters (an escape
	 * sequence pasted into a terminal) spaces. */
	if (tc_analyzer_repair(s->analyzer, text, len, 0, &s->query_text, NULL) < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < s->query_text.len; i++)
		if ((unsigned char)s->query_text.data[i] < 0x20 || s->query_text.data[i] == 0x7f)
			s->query_text.data[i] = ' ';
	text = s->query_text.data;
	len = s->query_text.len;
	tc_arena_reset(s->arena);
	b->s = s;
	b->query = text;
	b->reader = s->entries[options->target];
	b->target = options->target;
	b->err = err;
	b->status = TC_OK;
	if (options->ranking)
		b->r = *options->ranking;
	else
		tc_ranking_default(&b->r, options->target);
	b->accented = query_has_marks(text, len);
	b->max_words = options->max_words && options->max_words < TC_QUERY_MAX_RANKED_WORDS
	                       ? options->max_words
	                       : TC_QUERY_MAX_RANKED_WORDS;
	b->doc_numbers = json_array();
	b->citations = json_array();
	b->ignored_words = json_array();
	b->highlight_exact = json_object();
	b->highlight_folded = json_object();
	b->term_freqs = json_object();
	b->candidates = json_object();
	qparse p = {.query = text, .len = len, .arena = s->arena, .err = err};
	tc_error_clear(err);
	int listing = options->filter && *options->filter && strspn(text, " \t\r\n") == len;
	qnode *root = listing ? NULL : tc__query_parse(&p);
	if (!root && !listing)
		return err ? err->code : TC_ERR_INPUT;
	xc_query *q = NULL;
	if (listing)
		b->status = xc_query_match_all(&q, err);
	else
		q = build(b, root);
	if (b->status == TC_OK && options->filter && *options->filter)
		q = apply_filter(b, q, options->filter);
	if (b->status != TC_OK) {
		xc_query_free(q);
		return b->status;
	}
	if (!q) {
		/* Only words that make no terms (punctuation, say): nothing matches. */
		tc_status st = xc_query_combine(XC_OP_OR, NULL, 0, 0, &q, err);
		if (st != TC_OK)
			return st;
	}
	/* A word taken out (b->excludes) is taken out of the whole article: the
	 * first stage of ranking, on the articles' own entries, leaves out the
	 * articles that hold it, and the second reads only its candidates. */
	xc_query *q1 = NULL;
	if (!listing && options->target != TC_TARGET_DOCS && options->sort == TC_SORT_RELEVANCE) {
		b->lean = 1;
		size_t all_words = b->max_words;
		if (b->r.first_stage_words > 0 && b->max_words > (size_t)b->r.first_stage_words)
			b->max_words = (size_t)b->r.first_stage_words;
		q1 = build(b, root);
		b->max_words = all_words;
		b->lean = 0;
		if (b->status == TC_OK && q1 && options->filter && *options->filter)
			q1 = apply_filter(b, q1, options->filter);
		if (b->status != TC_OK) {
			xc_query_free(q);
			xc_query_free(q1);
			return b->status;
		}
	}
	*query = q;
	*lean = q1;
	return TC_OK;
}

void tc__builder_free(builder *b)
{
	json_decref(b->doc_numbers);
	json_decref(b->citations);
	json_decref(b->ignored_words);
	tc__qlist_clear(&b->specials);
	json_decref(b->highlight_exact);
	json_decref(b->highlight_folded);
	json_decref(b->term_freqs);
	json_decref(b->candidates);
}

tc_status tc__filter_query(tc_searcher *s, tc_target target, const char *filter, xc_query **query,
                           tc_error *err)
{
	if (!filter || !*filter)
		return xc_query_match_all(query, err);
	builder b;
	tc_search_options options;
	tc_search_options_default(&options);
	options.target = target;
	options.filter = filter;
	xc_query *lean = NULL;
	tc_status st = tc__prepare(s, &b, "", &options, query, &lean, err);
	xc_query_free(lean);
	tc__builder_free(&b);
	return st;
}
