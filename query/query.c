/* query.c - building Xapian queries from the parsed tree, running them,
 * snippets, facets and lookups by id. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query-private.h"

int tc_target_parse(const char *name)
{
	if (!strcmp(name, "all"))
		return TC_TARGET_ALL;
	if (!strcmp(name, "docs") || !strcmp(name, "documents") || !strcmp(name, "vanban"))
		return TC_TARGET_DOCS;
	if (!strcmp(name, "provisions") || !strcmp(name, "dieu"))
		return TC_TARGET_PROVISIONS;
	if (!strcmp(name, "codified") || !strcmp(name, "phapdien"))
		return TC_TARGET_CODIFIED;
	return -1;
}

void tc_ranking_default(tc_ranking *r, tc_target target)
{
	/* Measured on the ALQAC judged questions (benchmarks/quality). */
	r->k1 = 1.2;
	r->b = 0.75;
	/* A word typed with marks matches its exact form only: a folded-only
	 * match (another word, or text without marks) at 0.2 added nothing on
	 * ALQAC (MRR@10 0.953 / 0.900 either way) and cost a third of a
	 * pasted question's time. */
	r->folded_weight = 0;
	r->bigram_weight = 1.0;
	r->title_weight = 0.25;
	r->title_bigram_weight = 0.15;
	r->doc_title_weight = 1.0;
	r->number_weight = 100.0;
	r->citation_weight = 200.0;
	r->definition_weight = 50.0;
	r->and_max_words = 4;
	(void)target;
}

void tc_search_options_default(tc_search_options *o)
{
	memset(o, 0, sizeof *o);
	o->limit = 10;
}

/* ---- open ---- */

static tc_status read_manifest(tc_searcher *s, tc_error *err)
{
	tc_manifest manifest;
	tc_status st = tc_manifest_read(s->dir, &manifest, err);
	if (st == TC_ERR_NOT_FOUND)
		return tc_error_set(err, TC_ERR_NOT_FOUND, "no index at '%s' (run 'tracuu index SOURCE... --db %s' first)",
		                    s->dir, s->dir);
	if (st == TC_OK)
		st = tc_manifest_check(s->dir, &manifest, err);
	s->features = manifest.features;
	return st;
}

void tc_searcher_free(tc_searcher *s)
{
	if (!s)
		return;
	for (int k = 0; k < TC_DB_COUNT; k++)
		xc_reader_free(s->readers[k]);
	tc_stored_codec_free(s->codec);
	for (int t = 0; t < 4; t++) {
		xc_reader_free(s->articles[t]);
		xc_reader_free(s->entries[t]);
	}
	tc_analyzer_free(s->analyzer);
	tc_arena_free(s->arena);
	tc_buf_free(&s->term);
	tc_buf_free(&s->text);
	tc_buf_free(&s->scratch);
	tc_buf_free(&s->query_text);
	tc_free(s->dir);
	tc_free(s);
}

/* Each database's dictionary, from its metadata (again after a reopen: a
 * rebuilt database has another). */
static tc_status load_dictionaries(tc_searcher *s, tc_error *err)
{
	tc_stored_codec_clear_dicts(s->codec);
	for (int k = 0; k < TC_DB_COUNT; k++) {
		char *dict = NULL;
		size_t dict_len = 0;
		tc_status st = xc_reader_get_metadata(s->readers[k], TC_DICT_METADATA_KEY, &dict, &dict_len, err);
		if (st == TC_OK && dict_len && tc_stored_codec_add_dict(s->codec, dict, dict_len) < 0)
			st = tc_error_set(err, TC_ERR_INPUT, "the dictionary of '%s/%s' is damaged: rebuild the index",
			                  s->dir, tc_db_kind_name((tc_db_kind)k));
		tc_free(dict);
		if (st != TC_OK)
			return st;
	}
	return TC_OK;
}

tc_status tc_searcher_open(const char *dir, tc_searcher **out, tc_error *err)
{
	*out = NULL;
	tc_searcher *s = tc_calloc(1, sizeof *s);
	if (!s)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	s->dir = tc_strdup(dir);
	s->analyzer = tc_analyzer_new();
	s->arena = tc_arena_new(64 * 1024);
	s->codec = tc_stored_codec_new();
	if (!s->dir || !s->analyzer || !s->arena || !s->codec) {
		tc_searcher_free(s);
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	}
	tc_status st = read_manifest(s, err);
	tc_buf path = {0}, all = {0};
	for (int k = 0; st == TC_OK && k < TC_DB_COUNT; k++) {
		tc_index_db_path(dir, (tc_db_kind)k, &path);
		st = xc_reader_open(path.data, &s->readers[k], err);
	}
	if (st == TC_OK)
		st = load_dictionaries(s, err);
	/* each target's databases, as one reader each */
	static const tc_db_kind kinds[4][TC_DB_ARTICLE_KINDS] = {
	        [TC_TARGET_ALL] = {TC_DB_DOCS, TC_DB_PROVISIONS, TC_DB_CODIFIED},
	        [TC_TARGET_DOCS] = {TC_DB_DOCS},
	        [TC_TARGET_PROVISIONS] = {TC_DB_PROVISIONS},
	        [TC_TARGET_CODIFIED] = {TC_DB_CODIFIED},
	};
	static const size_t counts[4] = {3, 1, 1, 1};
	for (int t = 0; st == TC_OK && t < 4; t++) {
		for (int stage = 0; st == TC_OK && stage < 2; stage++) {
			tc_buf_reset(&all);
			for (size_t i = 0; i < counts[t]; i++) {
				int parts = tc_db_parts(kinds[t][i]);
				for (int k = kinds[t][i], n = 0; n < (stage && parts >= 0 ? 2 : 1); k = parts, n++) {
					tc_index_db_path(dir, (tc_db_kind)k, &path);
					if ((all.len && tc_buf_append_char(&all, ':') < 0) || tc_buf_append_str(&all, path.data) < 0)
						st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
				}
			}
			if (st == TC_OK)
				st = xc_reader_open(all.data, stage ? &s->entries[t] : &s->articles[t], err);
		}
	}
	tc_buf_free(&path);
	tc_buf_free(&all);
	if (st != TC_OK) {
		tc_searcher_free(s);
		return st;
	}
	*out = s;
	return TC_OK;
}

tc_status tc_searcher_reopen(tc_searcher *s, tc_error *err)
{
	int changed = 0, any = 0;
	for (int k = 0; k < TC_DB_COUNT; k++) {
		tc_status st = xc_reader_reopen(s->readers[k], &changed, err);
		if (st != TC_OK)
			return st;
		any |= changed;
	}
	tc_status st = TC_OK;
	for (int t = 0; st == TC_OK && t < 4; t++) {
		st = xc_reader_reopen(s->articles[t], &changed, err);
		if (st == TC_OK)
			st = xc_reader_reopen(s->entries[t], &changed, err);
	}
	if (st == TC_OK && any)
		st = load_dictionaries(s, err);
	return st;
}

json_t *tc__decode_record(tc_searcher *s, const char *data, size_t len)
{
	if (tc_stored_decode(s->codec, data, len, &s->text, NULL) < 0)
		return NULL;
	json_error_t jerr;
	return json_loadb(s->text.data, s->text.len, 0, &jerr);
}

/* ---- building queries ---- */

typedef struct qtoken {
	tc_token_kind kind;
	char *exact;
	char *folded;
	uint32_t position;
	size_t start, end;
	int skip; /* left out of a long text's ranking (select_words) */
} qtoken;

/* A growable list of subqueries, combined and freed together. */
typedef struct qlist {
	xc_query **items;
	size_t count, cap;
} qlist;

typedef struct builder {
	tc_searcher *s;
	xc_reader *reader; /* the databases searched */
	const char *query;
	tc_target target;
	tc_ranking r;
	int accented; /* the query has diacritics somewhere */
	int excludes; /* the query takes words out ("-xung") */
	size_t terms; /* terms used so far (bounded) */
	tc_error *err;
	tc_status status;
	/* analyzer output of one span */
	qtoken *tokens;
	size_t count, cap;
	/* what the query recognized, and the words to highlight */
	json_t *doc_numbers;
	json_t *citations;
	json_t *ignored_words;    /* words a long text left out (select_words) */
	qlist specials;           /* what the constant-weight boosts match (rank) */
	json_t *highlight_exact;  /* object used as a set */
	json_t *highlight_folded;
} builder;

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
	return q->exact && q->folded ? 0 : -1;
}


static int analyze_span(builder *b, const char *text, size_t len)
{
	b->count = 0;
	tc_status st = tc_analyzer_run(b->s->analyzer, tc_features_analyze_flags(&b->s->features, TC_ANALYZE_QUERY), text, len, collect_token, b,
	                               NULL, b->err);
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
		b->status = tc_error_set(b->err, TC_ERR_LIMIT,
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

static void qlist_add(builder *b, qlist *list, xc_query *q)
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

static void qlist_clear(qlist *list)
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
	qlist_clear(list);
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
	json_object_set_new(folded ? b->highlight_folded : b->highlight_exact, folded ? t->folded : t->exact,
	                    json_true());
}

/* One word: its exact form, or its folded form and (weighted on top) its
 * exact one when it is matched folded; and its title forms. */
static xc_query *word_query(builder *b, const qtoken *t)
{
	const tc_features *f = &b->s->features;
	qlist alts = {0};
	int folded = match_folded(b, t);
	note_highlight(b, t, folded);
	if (folded) {
		/* the folded form is the match; an exact unaccented form in the
		 * text gets the extra weight of its term */
		qlist_add(b, &alts, term_query(b, TC_PREFIX_FOLDED, t->folded, 1.0));
		qlist_add(b, &alts, term_query(b, TC_PREFIX_EXACT, t->exact, 1.0));
	} else {
		qlist_add(b, &alts, term_query(b, TC_PREFIX_EXACT, t->exact, 1.0));
		if (f->folded && b->r.folded_weight > 0 && t->kind != TC_TOKEN_NUMBER)
			qlist_add(b, &alts, term_query(b, TC_PREFIX_FOLDED, t->folded, b->r.folded_weight));
	}
	if (f->title && b->r.title_weight > 0 && t->kind != TC_TOKEN_NUMBER)
		qlist_add(b, &alts, folded ? term_query(b, TC_PREFIX_FOLDED_TITLE, t->folded, b->r.title_weight)
		                           : term_query(b, TC_PREFIX_TITLE, t->exact, b->r.title_weight));
	return qlist_combine(b, &alts, XC_OP_OR);
}

/* A pair of words: exact when typed with marks, else folded (a pair without
 * marks in a query with them matches the pairs that fold to it). */
static xc_query *bigram_query(builder *b, const qtoken *t)
{
	const tc_features *f = &b->s->features;
	qlist alts = {0};
	int title = f->title && b->r.title_bigram_weight > 0;
	int folded = f->folded && (!b->accented || !strcmp(t->exact, t->folded));
	if (!folded) {
		qlist_add(b, &alts, term_query(b, TC_PREFIX_BIGRAM, t->exact, b->r.bigram_weight));
		if (f->folded && b->r.folded_weight > 0)
			qlist_add(b, &alts, term_query(b, TC_PREFIX_FOLDED_BIGRAM, t->folded, b->r.bigram_weight * b->r.folded_weight));
		if (title)
			qlist_add(b, &alts, term_query(b, TC_PREFIX_TITLE_BIGRAM, t->exact, b->r.title_bigram_weight));
	} else {
		qlist_add(b, &alts, term_query(b, TC_PREFIX_FOLDED_BIGRAM, t->folded, b->r.bigram_weight));
		if (title)
			qlist_add(b, &alts, term_query(b, TC_PREFIX_FOLDED_TITLE_BIGRAM, t->folded, b->r.title_bigram_weight));
	}
	return qlist_combine(b, &alts, XC_OP_OR);
}

/* Q restricted to the articles' own entries, not their clauses' and points'
 * (frees Q). */
static xc_query *articles_only(builder *b, xc_query *q)
{
	xc_query *marker = NULL;
	if (q && b->status == TC_OK)
		b->status = xc_query_term(TC_ARTICLE_MARKER, strlen(TC_ARTICLE_MARKER), 1, 0, &marker, b->err);
	return combine2(b, XC_OP_FILTER, q, marker);
}

/* Q as a match of constant weight W (frees Q). */
static xc_query *constant(builder *b, xc_query *q, double w)
{
	if (!q)
		return NULL;
	xc_query *c = NULL, *copy = NULL;
	if (b->status == TC_OK)
		b->status = xc_query_constant(q, w, &c, b->err);
	/* what it matches is a candidate of the second stage of ranking
	 * whatever the first stage found (rank) */
	if (b->status == TC_OK)
		b->status = xc_query_clone(q, &copy, b->err);
	qlist_add(b, &b->specials, copy);
	xc_query_free(q);
	return c;
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
	static const char *const words[] = {"gì", "gi", "nào", "nao", "ai", "đâu", "sao", "bao", "nhiêu", "nhieu"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (!strcmp(t->exact, words[i]))
			return 1;
	return 0;
}

static int folded_is(const qtoken *t, const char *word) { return !strcmp(t->folded, word); }

/* Do words W[I], W[I+1], ... spell the folded words of PHRASE ("the nao la")? */
static int words_are(const qtoken *tokens, const size_t *w, size_t n, size_t i, const char *phrase)
{
	char copy[32];
	snprintf(copy, sizeof copy, "%s", phrase);
	for (char *save = NULL, *word = strtok_r(copy, " ", &save); word; word = strtok_r(NULL, " ", &save), i++)
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
	if (n <= TC_QUERY_MAX_RANKED_WORDS)
		return;
	xc_reader *reader = b->reader;
	for (size_t j = 0; j < n; j++) {
		tc_buf_reset(&b->s->term);
		tc_buf_printf(&b->s->term, "%s%s", b->s->features.folded ? TC_PREFIX_FOLDED : TC_PREFIX_EXACT,
		              words[j].folded);
		if (xc_reader_term_freq(reader, b->s->term.data, b->s->term.len, &words[j].df, b->err) != TC_OK) {
			b->status = b->err ? b->err->code : TC_ERR_XAPIAN;
			return;
		}
	}
	/* the K rarest: a partial selection sort, stable on query order */
	for (size_t k = 0; k < TC_QUERY_MAX_RANKED_WORDS; k++) {
		size_t best = k;
		for (size_t j = k + 1; j < n; j++)
			if (words[j].df < words[best].df)
				best = j;
		word_df w = words[best];
		memmove(words + k + 1, words + k, (best - k) * sizeof *words);
		words[k] = w;
	}
	for (size_t j = TC_QUERY_MAX_RANKED_WORDS; j < n; j++)
		json_array_append_new(b->ignored_words, json_string(words[j].folded));
	for (size_t i = 0; i < count; i++) {
		qtoken *t = &tokens[i];
		if (!is_word(t) && t->kind != TC_TOKEN_BIGRAM)
			continue;
		/* a word, or each half of a pair ("quyen_su") */
		const char *part = t->folded;
		while (!t->skip && *part) {
			size_t len = t->kind == TC_TOKEN_BIGRAM ? strcspn(part, "_") : strlen(part);
			size_t j = 0;
			while (j < TC_QUERY_MAX_RANKED_WORDS &&
			       (strlen(words[j].folded) != len || memcmp(words[j].folded, part, len)))
				j++;
			t->skip = j == TC_QUERY_MAX_RANKED_WORDS;
			part += len + (part[len] == '_');
		}
	}
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
	qlist words = {0}, asks = {0}, bigrams = {0}, numbers = {0}, parts = {0}, mentions = {0}, articles = {0},
	      titles = {0};
	size_t nwords = 0;
	for (size_t i = 0; i < count && b->status == TC_OK; i++) {
		const qtoken *t = &tokens[i];
		if (t->skip) {
			nwords += is_word(t);
			continue;
		}
		if (is_word(t)) {
			nwords++;
			qlist_add(b, is_question_word(t) ? &asks : &words, word_query(b, t));
			if (b->s->features.citations && b->target != TC_TARGET_DOCS)
				qlist_add(b, &titles, term_query(b, TC_PREFIX_DOC_TITLE, t->folded, 1.0));
		} else if (t->kind == TC_TOKEN_BIGRAM) {
			qlist_add(b, &bigrams, bigram_query(b, t));
			if (b->s->features.citations && b->target != TC_TARGET_DOCS)
				qlist_add(b, &titles, term_query(b, TC_PREFIX_DOC_TITLE, t->folded, 1.0));
		} else if (t->kind == TC_TOKEN_DOC_NUMBER || t->kind == TC_TOKEN_DOC_NUMBER_PART) {
			json_array_append_new(b->doc_numbers, json_string(t->exact));
			qlist_add(b, &numbers, term_query(b, TC_PREFIX_NUMBER, b->accented ? t->exact : t->folded, 1.0));
			qlist_add(b, &parts, term_query(b, TC_PREFIX_PART_OF, b->accented ? t->exact : t->folded, 1.0));
			qlist_add(b, &mentions, term_query(b, TC_PREFIX_MENTION, b->accented ? t->exact : t->folded, 1.0));
		} else if (t->kind == TC_TOKEN_CITATION) {
			json_array_append_new(b->citations, json_string(t->exact));
			/* Only the article level is a provision of its own here. */
			if (!strncmp(t->folded, "dieu:", 5)) {
				tc_buf_reset(&b->s->scratch);
				tc_buf_printf(&b->s->scratch, "điều:%s", t->exact + strcspn(t->exact, ":") + 1);
				qlist_add(b, &articles, term_query(b, TC_PREFIX_ARTICLE, b->s->scratch.data, 1.0));
			}
		}
	}
	xc_query *number_q = qlist_combine(b, &numbers, XC_OP_OR);
	xc_query *part_q = qlist_combine(b, &parts, XC_OP_OR);
	xc_query *mention_q = qlist_combine(b, &mentions, XC_OP_OR);
	xc_query *article_q = qlist_combine(b, &articles, XC_OP_OR);
	xc_query *title_q = qlist_combine(b, &titles, XC_OP_OR);
	xc_query *bigram_q = qlist_combine(b, &bigrams, XC_OP_OR);
	xc_query *base;
	int special = number_q || article_q;
	xc_query *ask_q = qlist_combine(b, &asks, XC_OP_OR);
	if (!special && nwords <= (size_t)b->r.and_max_words && words.count) {
		/* A short query: every word must match, question words aside;
		 * bigrams reward the words that stand together. */
		base = qlist_combine(b, &words, XC_OP_AND);
		base = combine2(b, XC_OP_AND_MAYBE, base, combine2(b, XC_OP_OR, bigram_q, ask_q));
	} else {
		base = qlist_combine(b, &words, XC_OP_OR);
		base = combine2(b, XC_OP_OR, base, combine2(b, XC_OP_OR, bigram_q, ask_q));
	}
	if (mention_q)
		base = combine2(b, XC_OP_OR, base, mention_q);
	if (number_q) {
		if (article_q) {
			/* "Điều 5 Nghị định 52/2015/NĐ-CP": that provision first, then
			 * its document. */
			xc_query *copy = NULL;
			if (b->status == TC_OK)
				b->status = xc_query_clone(part_q, &copy, b->err);
			xc_query *cited = combine2(b, XC_OP_AND, copy, article_q);
			article_q = NULL;
			base = combine2(b, XC_OP_OR, base, constant(b, cited, b->r.citation_weight));
		}
		/* The document itself, then its provisions and the articles
		 * codified from it: constant weights, so a long document is not
		 * outranked by its own short articles; the words order each tier. */
		base = combine2(b, XC_OP_OR, base, constant(b, number_q, b->r.number_weight));
		base = combine2(b, XC_OP_OR, base, constant(b, part_q, b->r.number_weight / 2));
		part_q = NULL;
	}
	xc_query_free(part_q);
	if (article_q) {
		/* "Điều 3 Luật Đất đai": the articles numbered 3, ranked by how well
		 * their document's title matches the other words; the articles' own
		 * entries, as a short clause entry would weigh the same title more. */
		xc_query *cited = title_q ? combine2(b, XC_OP_AND, article_q, title_q) : article_q;
		cited = articles_only(b, cited);
		title_q = NULL;
		base = combine2(b, XC_OP_OR, base, scale(b, cited, b->r.citation_weight / 10));
	}
	if (title_q && b->r.doc_title_weight > 0 && nwords > (size_t)b->r.and_max_words) {
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
		base = combine2(b, XC_OP_OR, base, constant(b, defines, b->r.definition_weight));
		base = combine2(b, XC_OP_OR, base, constant(b, may, b->r.definition_weight / 2));
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
		qlist_add(b, &parts, folded ? term_query(b, TC_PREFIX_FOLDED, t->folded, 1.0)
		                            : term_query(b, TC_PREFIX_EXACT, t->exact, 1.0));
	}
	if (parts.count <= 1)
		return qlist_combine(b, &parts, XC_OP_OR);
	xc_query *q = NULL;
	if (b->status == TC_OK)
		b->status = xc_query_combine(XC_OP_PHRASE, parts.items, parts.count, (uint32_t)parts.count, &q, b->err);
	qlist_clear(&parts);
	return q;
}

static xc_query *wildcard_query(builder *b, const qnode *node)
{
	tc_buf *norm = &b->s->scratch;
	if (tc_analyzer_normalize(b->s->analyzer, b->query + node->start, node->end - node->start, 1, norm) < 0) {
		b->status = tc_error_set(b->err, TC_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (norm->len < 2) {
		b->status = tc_error_set(b->err, TC_ERR_LIMIT,
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
			b->status = tc_error_set(b->err, TC_ERR_INPUT,
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
		q = bool_term(b, node->field == QF_ISSUER ? TC_PREFIX_ISSUER : node->field == QF_FIELD ? TC_PREFIX_FIELD : TC_PREFIX_PROVINCE,
		              slug.data ? slug.data : "");
		break;
	case QF_TOPIC:
		q = bool_term(b, TC_PREFIX_TOPIC, value);
		break;
	case QF_HEADING:
		q = bool_term(b, TC_PREFIX_DEMUC, value);
		break;
	case QF_NUMBER:
		if (tc_doc_number_normalize(v, len, !b->accented, &slug) < 0) {
			b->status = tc_error_set(b->err, TC_ERR_INPUT, "'%s' at character %zu is not a document number",
			                         value, node->start + 1);
			break;
		}
		/* the document, or (for provisions and codified articles) its parts */
		q = combine2(b, XC_OP_OR, bool_term(b, TC_PREFIX_NUMBER, slug.data), bool_term(b, TC_PREFIX_PART_OF, slug.data));
		break;
	case QF_YEAR:
		if (parse_range(v, len, &lo, &hi) < 0) {
			b->status = tc_error_set(b->err, TC_ERR_INPUT,
			                         "'%s' at character %zu is not a year or a range like 2010..2015", value,
			                         node->start + 1);
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
		q = value_range(b, node->field == QF_ISSUED ? TC_SLOT_ISSUE_DATE : TC_SLOT_EFFECTIVE_DATE, lo, hi);
		break;
	case QF_IN_FORCE: {
		tc_date day = parse_date(v, len, 0);
		if (!day) {
			b->status = tc_error_set(b->err, TC_ERR_INPUT, "'%s' at character %zu is not a date", value,
			                         node->start + 1);
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
			qlist_add(b, &negative, q);
		else if (child->kind == QN_FIELD)
			qlist_add(b, &filters, q);
		else
			qlist_add(b, &positive, q);
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
			qlist_add(b, &alts, build(b, node->children[i]));
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

/* ---- snippets ---- */

typedef struct snip_token {
	size_t start, end;
	int matched;     /* index+1 of the matched query word, 0 if none */
} snip_token;

typedef struct snip_ctx {
	builder *b;
	snip_token *tokens;
	size_t count, cap;
	json_t *words; /* matched word -> id */
} snip_ctx;

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
	char key[256];
	size_t n = t->exact_len < sizeof key - 1 ? t->exact_len : sizeof key - 1;
	memcpy(key, t->exact, n);
	key[n] = '\0';
	json_t *hit = json_object_get(ctx->b->highlight_exact, key);
	if (!hit) {
		n = t->folded_len < sizeof key - 1 ? t->folded_len : sizeof key - 1;
		memcpy(key, t->folded, n);
		key[n] = '\0';
		hit = json_object_get(ctx->b->highlight_folded, key);
	}
	if (hit) {
		json_t *id = json_object_get(ctx->words, key);
		if (!id) {
			id = json_integer((json_int_t)json_object_size(ctx->words) + 1);
			json_object_set_new(ctx->words, key, id);
		}
		st->matched = (int)json_integer_value(id);
	}
	return 0;
}

#define SNIPPET_WORDS 40
#define SNIPPET_SCAN_BYTES (512 * 1024)

/* The best window of TEXT: most distinct matched words, then most
 * matches. Highlights are byte ranges within the snippet, taken from the
 * analyzer's offsets, so they land on the original text. */
static void make_snippet(builder *b, const char *text, json_t *hit)
{
	size_t len = strlen(text);
	if (len > SNIPPET_SCAN_BYTES) {
		len = SNIPPET_SCAN_BYTES;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	snip_ctx ctx = {.b = b, .words = json_object()};
	tc_error ignored;
	tc_analyzer_run(b->s->analyzer, TC_ANALYZE_DOCUMENT | TC_ANALYZE_NO_BIGRAMS | TC_ANALYZE_NO_DOC_NUMBERS |
	                                        TC_ANALYZE_NO_CITATIONS,
	                text, len, on_snip_token, &ctx, NULL, &ignored);
	if (!ctx.count) {
		tc_free(ctx.tokens);
		json_decref(ctx.words);
		return;
	}
	size_t best = 0;
	int best_distinct = -1, best_total = -1;
	size_t nwords = json_object_size(ctx.words);
	int *seen = tc_calloc(nwords + 2, sizeof *seen);
	if (!seen) {
		tc_free(ctx.tokens);
		json_decref(ctx.words);
		return;
	}
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
	tc_free(seen);
	/* Start the window a little before the first match it holds. */
	size_t first = best, last = best + window - 1;
	size_t from = ctx.tokens[first].start, to = ctx.tokens[last].end;
	tc_buf snippet = {0};
	if (first > 0)
		tc_buf_append_str(&snippet, "…");
	size_t base = snippet.len;
	tc_buf_append(&snippet, text + from, to - from);
	if (last + 1 < ctx.count || len < strlen(text))
		tc_buf_append_str(&snippet, "…");
	/* Line breaks inside the snippet become spaces. */
	for (size_t i = 0; i < snippet.len; i++)
		if (snippet.data[i] == '\n' || snippet.data[i] == '\r' || snippet.data[i] == '\t')
			snippet.data[i] = ' ';
	json_t *highlights = json_array();
	for (size_t i = first; i <= last; i++)
		if (ctx.tokens[i].matched) {
			json_t *range = json_array();
			json_array_append_new(range, json_integer((json_int_t)(ctx.tokens[i].start - from + base)));
			json_array_append_new(range, json_integer((json_int_t)(ctx.tokens[i].end - from + base)));
			json_array_append_new(highlights, range);
		}
	json_object_set_new(hit, "snippet", json_stringn(snippet.data ? snippet.data : "", snippet.len));
	json_object_set_new(hit, "highlights", highlights);
	tc_buf_free(&snippet);
	tc_free(ctx.tokens);
	json_decref(ctx.words);
}

/* A clause hit is shown as its article, with the clause it matched. */
static json_t *clause_to_article(tc_searcher *s, json_t *hit, tc_error *err)
{
	const char *kind = json_string_value(json_object_get(hit, "kind"));
	const char *article_id = json_string_value(json_object_get(hit, "article_id"));
	if (!kind || strcmp(kind, "clause") || !article_id)
		return hit;
	tc_buf term = {0};
	tc_buf_printf(&term, TC_PREFIX_ID "%s", article_id);
	json_t *article = NULL;
	/* a document's article, or a codified article */
	static const tc_db_kind kinds[] = {TC_DB_PROVISIONS, TC_DB_CODIFIED};
	for (size_t k = 0; !article && k < sizeof kinds / sizeof *kinds && term.len <= XC_MAX_TERM_LENGTH; k++) {
		xc_docid docid = 0;
		if (xc_reader_find(s->readers[kinds[k]], term.data, &docid, err) != TC_OK || !docid)
			continue;
		char *data = NULL;
		size_t len = 0;
		if (xc_reader_get_data(s->readers[kinds[k]], docid, &data, &len, err) == TC_OK)
			article = tc__decode_record(s, data, len);
		tc_free(data);
	}
	tc_buf_free(&term);
	if (!article)
		return hit;
	json_object_set(article, "matched_clause", json_object_get(hit, "id"));
	/* The snippet comes from the clause that matched. */
	json_object_set(article, "clause_text", json_object_get(hit, "text"));
	json_decref(hit);
	return article;
}

/* A stored record that does not decode is a damaged index, never a blank
 * hit: say so, and what to do. DOCID is the hit's (in the searched
 * databases). */
static tc_status unreadable(tc_searcher *s, xc_docid docid, tc_error *err)
{
	return tc_error_set(err, TC_ERR_INTERNAL,
	                    "the stored record of hit %u in '%s' cannot be decoded: the index is damaged ('tracuu "
	                    "verify' lists what; re-index into a new directory)",
	                    (unsigned)docid, s->dir);
}

/* ---- running ---- */

static const char *target_name(tc_target target)
{
	static const char *const names[] = {"all", "docs", "provisions", "codified"};
	return (unsigned)target < 4 ? names[target] : "all";
}

typedef struct facet_ctx {
	json_t *obj;
} facet_ctx;

static int on_facet(void *vctx, const char *value, size_t len, uint32_t count)
{
	facet_ctx *ctx = vctx;
	char *key = tc_strndup(value, len);
	if (!key)
		return 1;
	json_object_set_new(ctx->obj, key, json_integer(count));
	tc_free(key);
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
static tc_status prepare(tc_searcher *s, builder *b, const char *text, const tc_search_options *options,
                         xc_query **query, tc_error *err)
{
	*query = NULL;
	memset(b, 0, sizeof *b);
	size_t len = strlen(text);
	if (len > TC_QUERY_MAX_BYTES)
		return tc_error_set(err, TC_ERR_LIMIT,
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
	b->doc_numbers = json_array();
	b->citations = json_array();
	b->ignored_words = json_array();
	b->highlight_exact = json_object();
	b->highlight_folded = json_object();
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
	*query = q;
	return TC_OK;
}

static void builder_free(builder *b)
{
	json_decref(b->doc_numbers);
	json_decref(b->citations);
	json_decref(b->ignored_words);
	qlist_clear(&b->specials);
	json_decref(b->highlight_exact);
	json_decref(b->highlight_folded);
}

/* How many matches a run must see: every one for an exact total (asked
 * for, or for facets, whose spies count every match), else
 * TC_TOTAL_EXACT_UP_TO, as Elasticsearch's track_total_hits: a total past
 * it is "at least" that many, and a broad query (a pasted question matches
 * most of the index) stops counting early. */
static uint32_t count_check(const tc_search_options *options)
{
	return options->exact_total || options->facets ? UINT32_MAX : TC_TOTAL_EXACT_UP_TO;
}

/* The total a run saw: exact (*EXACT set) when Xapian's bounds agree, else
 * the lower bound ("at least"). */
static uint32_t count_of(const xc_mset *mset, int *exact)
{
	uint32_t lower = xc_mset_matches_lower(mset), upper = xc_mset_matches_upper(mset);
	*exact = lower == upper;
	return lower;
}

static tc_status run_enquire(xc_reader *reader, xc_query *q, const tc_search_options *options, const tc_ranking *r,
                             int count_only, int collapse, uint32_t check, int spies[6], xc_enquire **enquire_out,
                             xc_mset **mset, tc_error *err);

/* Count the matches of Q in the record and article databases of OPTIONS'
 * target (one entry per article) into *TOTAL: exactly up to count_check, "at least" past
 * it (*EXACT cleared). Each database on its own, the counts summed: Xapian
 * stops a boolean count early on one database, never on several. */
static tc_status count_matches(tc_searcher *s, xc_query *q, const tc_search_options *options, const tc_ranking *r,
                               uint32_t *total, int *exact, tc_error *err)
{
	static const tc_db_kind all[] = {TC_DB_DOCS, TC_DB_PROVISIONS, TC_DB_CODIFIED};
	tc_db_kind one[1];
	const tc_db_kind *kinds = all;
	size_t n = 3;
	switch (options->target) {
	case TC_TARGET_DOCS: one[0] = TC_DB_DOCS, kinds = one, n = 1; break;
	case TC_TARGET_PROVISIONS: one[0] = TC_DB_PROVISIONS, kinds = one, n = 1; break;
	case TC_TARGET_CODIFIED: one[0] = TC_DB_CODIFIED, kinds = one, n = 1; break;
	case TC_TARGET_ALL: break;
	}
	uint32_t check = count_check(options);
	*total = 0;
	*exact = 1;
	for (size_t i = 0; i < n; i++) {
		xc_enquire *enquire = NULL;
		xc_mset *mset = NULL;
		tc_status st = run_enquire(s->readers[kinds[i]], q, options, r, 1, 0, check, NULL, &enquire, &mset, err);
		if (st != TC_OK)
			return st;
		int db_exact = 0;
		uint32_t count = count_of(mset, &db_exact);
		*total += count;
		*exact &= db_exact;
		/* past the bound, the other databases need not be counted */
		if (!db_exact && *total >= check)
			i = n;
		xc_mset_free(mset);
		xc_enquire_free(enquire);
	}
	return TC_OK;
}

/* Run Q. With COUNT_ONLY, no hits are kept: the run counts matches (and
 * feeds the facet spies when FACETS is set). The run looks at CHECK matches
 * at least (count_check), so that a count up to CHECK is exact; past the
 * page of hits and CHECK it stops as soon as the page is sure. */
static tc_status run_enquire(xc_reader *reader, xc_query *q, const tc_search_options *options, const tc_ranking *r,
                             int count_only, int collapse, uint32_t check, int spies[6], xc_enquire **enquire_out,
                             xc_mset **mset, tc_error *err)
{
	xc_enquire *enquire = NULL;
	tc_status st = xc_enquire_new(reader, &enquire, err);
	if (st == TC_OK)
		st = xc_enquire_set_query(enquire, q, err);
	xc_bm25_params bm25 = {.k1 = r->k1, .k2 = 0, .k3 = 1, .b = r->b, .min_normlen = 0.5};
	/* A count weighs nothing: the optional parts of the query (bigrams,
	 * question words, the boosts) then cost no postlist reads. */
	if (st == TC_OK)
		st = count_only ? xc_enquire_set_bool_weight(enquire, err) : xc_enquire_set_bm25(enquire, &bm25, err);
	/* An article and its clauses are one hit: the best of them. */
	if (st == TC_OK && collapse)
		st = xc_enquire_set_collapse(enquire, TC_SLOT_ARTICLE, 1, err);
	/* a count needs no order (and a boolean count in docid order stops
	 * early) */
	if (st == TC_OK && !count_only && options->sort != TC_SORT_RELEVANCE)
		st = xc_enquire_set_sort(enquire, TC_SLOT_ISSUE_DATE, options->sort == TC_SORT_NEWEST, err);
	static const unsigned facet_slots[6] = {TC_SLOT_TYPE, TC_SLOT_ISSUER, TC_SLOT_YEAR,
	                                        TC_SLOT_VALIDITY, TC_SLOT_TOPIC, TC_SLOT_PROVINCE};
	for (int i = 0; st == TC_OK && spies && i < 6; i++)
		st = xc_enquire_add_value_spy(enquire, facet_slots[i], &spies[i], err);
	uint32_t doc_count = 0;
	if (st == TC_OK)
		st = xc_reader_doc_count(reader, &doc_count, err);
	if (st == TC_OK)
		st = xc_enquire_run(enquire, options->offset, count_only ? 0 : options->limit,
		                    check > doc_count ? doc_count : check, mset, err);
	if (st != TC_OK) {
		xc_enquire_free(enquire);
		return st;
	}
	*enquire_out = enquire;
	return TC_OK;
}

/* The first stage of ranking keeps at least this many articles (or twice
 * the page's end): ranked on the articles' own entries, which hold all of
 * their text, so that the second stage, which ranks the candidates on
 * those entries and their clauses and points, reads only their entries.
 * The best article of a question is nearly always among the first stage's
 * first hundreds (ALQAC: benchmarks/quality/README.md). */
#define TC_RANK_CANDIDATES 200

/* Rank Q for OPTIONS into *MSET (and its *ENQUIRE): one entry per article,
 * the best of the article's own entry and its parts (then "matched_clause"
 * names the part). Relevance ranking of articles goes in two stages (see
 * TC_RANK_CANDIDATES): what a constant-weight boost matches (a number, a
 * citation, a defined term) joins the candidates whatever the first stage
 * found. Documents and date orders need no second stage: their entries
 * have no parts, and a date order reads every match anyway. */
static tc_status rank(tc_searcher *s, builder *b, xc_query *q, const tc_search_options *options,
                      xc_enquire **enquire, xc_mset **mset, tc_error *err)
{
	if (options->target == TC_TARGET_DOCS || options->sort != TC_SORT_RELEVANCE)
		return run_enquire(s->articles[options->target], q, options, &b->r, 0, 0, 0, NULL, enquire, mset, err);
	uint32_t end = options->offset + options->limit;
	tc_search_options first = *options;
	first.offset = 0;
	first.limit = end * 2 > TC_RANK_CANDIDATES ? end * 2 : TC_RANK_CANDIDATES;
	xc_enquire *first_enquire = NULL;
	xc_mset *candidates = NULL;
	tc_status st = run_enquire(s->articles[options->target], q, &first, &b->r, 0, 0, 0, NULL, &first_enquire,
	                           &candidates, err);
	/* the candidates' entries: each article's and its parts', by the
	 * article id they share */
	qlist ids = {0};
	for (uint32_t i = 0; st == TC_OK && b->status == TC_OK && i < xc_mset_size(candidates); i++) {
		char *article = NULL;
		size_t len = 0;
		st = xc_mset_value(candidates, i, TC_SLOT_ARTICLE, &article, &len, err);
		if (st == TC_OK && len && len + strlen(TC_PREFIX_ARTICLE_ID) <= XC_MAX_TERM_LENGTH) {
			tc_buf_reset(&s->term);
			tc_buf_append_str(&s->term, TC_PREFIX_ARTICLE_ID);
			tc_buf_append(&s->term, article, len);
			xc_query *term = NULL;
			b->status = xc_query_term(s->term.data, s->term.len, 1, 0, &term, b->err);
			qlist_add(b, &ids, term);
		}
		tc_free(article);
	}
	xc_mset_free(candidates);
	xc_enquire_free(first_enquire);
	for (size_t i = 0; st == TC_OK && b->status == TC_OK && i < b->specials.count; i++) {
		xc_query *copy = NULL;
		b->status = xc_query_clone(b->specials.items[i], &copy, b->err);
		qlist_add(b, &ids, copy);
	}
	xc_query *wanted = NULL;
	if (st == TC_OK && b->status == TC_OK)
		b->status = xc_query_combine(XC_OP_OR, ids.items, ids.count, 0, &wanted, err);
	qlist_clear(&ids);
	xc_query *second = NULL;
	xc_query *pair[2] = {q, wanted};
	if (st == TC_OK && b->status == TC_OK)
		b->status = xc_query_combine(XC_OP_FILTER, pair, 2, 0, &second, err);
	xc_query_free(wanted);
	if (st == TC_OK && b->status != TC_OK)
		st = b->status;
	if (st == TC_OK)
		st = run_enquire(s->entries[options->target], second, options, &b->r, 0, 1, 0, NULL, enquire, mset, err);
	xc_query_free(second);
	return st;
}

tc_status tc_search(tc_searcher *s, const char *text, const tc_search_options *opts, json_t **results,
                    tc_error *err)
{
	*results = NULL;
	tc_search_options options;
	if (opts)
		options = *opts;
	else
		tc_search_options_default(&options);
	if (!options.limit)
		options.limit = 10;
	if ((uint64_t)options.offset + options.limit > TC_QUERY_MAX_WINDOW)
		return tc_error_set(err, TC_ERR_LIMIT, "results beyond %d are not served (offset %u + limit %u)",
		                    TC_QUERY_MAX_WINDOW, options.offset, options.limit);
	builder b;
	xc_query *q = NULL;
	tc_status st = prepare(s, &b, text, &options, &q, err);
	if (st != TC_OK) {
		builder_free(&b);
		return st;
	}
	xc_enquire *enquire = NULL;
	xc_mset *mset = NULL;
	int spies[6] = {0};
	xc_enquire *facet_enquire = NULL;
	uint32_t total = 0;
	int total_exact = 0;
	/* The total and the facets count each article once: they read the
	 * articles' own entries (each holds all its clauses' words), never
	 * their parts'. */
	if (options.facets) {
		xc_mset *none = NULL;
		st = run_enquire(s->articles[options.target], q, &options, &b.r, 1, 0, UINT32_MAX, spies, &facet_enquire,
		                 &none, err);
		if (st == TC_OK)
			total = count_of(none, &total_exact);
		xc_mset_free(none);
	} else {
		st = count_matches(s, q, &options, &b.r, &total, &total_exact, err);
	}
	if (st == TC_OK)
		st = rank(s, &b, q, &options, &enquire, &mset, err);
	xc_query_free(q);
	if (st != TC_OK) {
		builder_free(&b);
		return st;
	}
	json_t *out = json_object();
	json_object_set_new(out, "query", json_string(b.query));
	json_object_set_new(out, "target", json_string(target_name(options.target)));
	json_object_set_new(out, "total", json_integer(total));
	json_object_set_new(out, "total_exact", json_boolean(total_exact));
	json_object_set_new(out, "offset", json_integer(options.offset));
	json_t *recognized = json_object();
	json_object_set(recognized, "doc_numbers", b.doc_numbers);
	json_object_set(recognized, "citations", b.citations);
	json_object_set_new(out, "recognized", recognized);
	if (json_array_size(b.ignored_words))
		json_object_set(out, "ignored_words", b.ignored_words);
	json_t *hits = json_array();
	uint32_t size = xc_mset_size(mset);
	for (uint32_t i = 0; st == TC_OK && i < size; i++) {
		char *data = NULL;
		size_t data_len = 0;
		st = xc_mset_data(mset, i, &data, &data_len, err);
		if (st != TC_OK)
			break;
		json_t *hit = tc__decode_record(s, data, data_len);
		tc_free(data);
		if (!hit) {
			st = unreadable(s, xc_mset_docid(mset, i), err);
			break;
		}
		hit = clause_to_article(s, hit, err);
		json_object_set_new(hit, "rank", json_integer(options.offset + i + 1));
		json_object_set_new(hit, "score", json_real(xc_mset_weight(mset, i)));
		const char *full = json_string_value(json_object_get(hit, "clause_text"));
		if (!full)
			full = json_string_value(json_object_get(hit, "text"));
		if (options.snippets && full)
			make_snippet(&b, full, hit);
		json_object_del(hit, "clause_text");
		if (!options.text)
			json_object_del(hit, "text");
		json_object_del(hit, "outline");
		json_array_append_new(hits, hit);
	}
	json_object_set_new(out, "hits", hits);
	if (st == TC_OK && options.facets) {
		static const char *const facet_names[6] = {"type", "issuer", "year", "validity", "topic", "province"};
		json_t *facets = json_object();
		for (int i = 0; st == TC_OK && i < 6; i++) {
			facet_ctx fctx = {.obj = json_object()};
			st = xc_enquire_spy_values(facet_enquire, spies[i], 50, on_facet, &fctx, err);
			json_object_set_new(facets, facet_names[i], fctx.obj);
		}
		json_object_set_new(out, "facets", facets);
	}
	xc_mset_free(mset);
	xc_enquire_free(enquire);
	xc_enquire_free(facet_enquire);
	builder_free(&b);
	if (st != TC_OK) {
		json_decref(out);
		return st;
	}
	*results = out;
	return TC_OK;
}

tc_status tc_search_ids(tc_searcher *s, const char *text, const tc_search_options *opts, char **ids, size_t max,
                        size_t *n, tc_error *err)
{
	*n = 0;
	tc_search_options options;
	if (opts)
		options = *opts;
	else
		tc_search_options_default(&options);
	options.limit = (uint32_t)max;
	builder b;
	xc_query *q = NULL;
	tc_status st = prepare(s, &b, text, &options, &q, err);
	if (st != TC_OK) {
		builder_free(&b);
		return st;
	}
	xc_enquire *enquire = NULL;
	xc_mset *mset = NULL;
	st = rank(s, &b, q, &options, &enquire, &mset, err);
	xc_query_free(q);
	builder_free(&b);
	if (st != TC_OK)
		return st;
	uint32_t size = xc_mset_size(mset);
	for (uint32_t i = 0; st == TC_OK && i < size && *n < max; i++) {
		char *data = NULL;
		size_t len = 0;
		st = xc_mset_data(mset, i, &data, &len, err);
		if (st != TC_OK)
			break;
		json_t *hit = tc__decode_record(s, data, len);
		tc_free(data);
		if (!hit) {
			st = unreadable(s, xc_mset_docid(mset, i), err);
			break;
		}
		const char *id = json_string_value(json_object_get(hit, "article_id"));
		if (!id)
			id = json_string_value(json_object_get(hit, "id"));
		ids[(*n)++] = tc_strdup(id ? id : "");
		json_decref(hit);
	}
	xc_mset_free(mset);
	xc_enquire_free(enquire);
	return st;
}

/* ---- lookups by id ---- */

/* Up to MAX hits of boolean query Q in database KIND, as summaries. */
json_t *tc__list_matches(tc_searcher *s, tc_db_kind kind, xc_query *q, uint32_t first, uint32_t max,
                         tc_error *err)
{
	json_t *list = json_array();
	xc_enquire *enquire = NULL;
	xc_mset *mset = NULL;
	tc_status st = xc_enquire_new(s->readers[kind], &enquire, err);
	if (st == TC_OK)
		st = xc_enquire_set_query(enquire, q, err);
	if (st == TC_OK)
		st = xc_enquire_set_bool_weight(enquire, err);
	if (st == TC_OK)
		st = xc_enquire_set_sort(enquire, TC_SLOT_ORDER, 0, err);
	if (st == TC_OK)
		st = xc_enquire_run(enquire, first, max, first + max, &mset, err);
	for (uint32_t i = 0; st == TC_OK && i < xc_mset_size(mset); i++) {
		char *data = NULL;
		size_t len = 0;
		if (xc_mset_data(mset, i, &data, &len, err) != TC_OK)
			break;
		json_t *rec = tc__decode_record(s, data, len);
		tc_free(data);
		if (!rec)
			continue;
		json_t *item = json_object();
		static const char *const keys[] = {"id", "kind", "doc_number", "number", "heading", "title"};
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			json_t *v = json_object_get(rec, keys[k]);
			if (v)
				json_object_set(item, keys[k], v);
		}
		json_t *cod = json_object_get(rec, "codified");
		if (cod && json_object_get(cod, "article_number"))
			json_object_set(item, "article_number", json_object_get(cod, "article_number"));
		if (cod && json_object_get(cod, "chapter"))
			json_object_set(item, "chapter", json_object_get(cod, "chapter"));
		json_array_append_new(list, item);
		json_decref(rec);
	}
	xc_mset_free(mset);
	xc_enquire_free(enquire);
	return list;
}

static xc_query *term_of(const char *prefix, const char *value)
{
	tc_buf term = {0};
	tc_buf_printf(&term, "%s%s", prefix, value);
	xc_query *q = NULL;
	tc_error ignored;
	if (term.len <= XC_MAX_TERM_LENGTH)
		xc_query_term(term.data, term.len, 1, 0, &q, &ignored);
	tc_buf_free(&term);
	return q;
}

static void add_links(tc_searcher *s, json_t *record, tc_error *err)
{
	const char *kind = json_string_value(json_object_get(record, "kind"));
	const char *number = json_string_value(json_object_get(record, "doc_number"));
	tc_buf norm = {0}, art = {0};
	if (!kind)
		return;
	if (!strcmp(kind, "provision") && number && json_string_value(json_object_get(record, "number")) &&
	    tc_doc_number_normalize(number, strlen(number), 0, &norm) == 0) {
		/* The codified articles whose source is this article. */
		tc_buf_printf(&norm, "/d%s", json_string_value(json_object_get(record, "number")));
		tc_ascii_lower(norm.data, norm.len);
		xc_query *q = term_of(TC_PREFIX_SOURCE, norm.data);
		if (q) {
			json_object_set_new(record, "codified_from_this", tc__list_matches(s, TC_DB_CODIFIED, q, 0, 50, err));
			xc_query_free(q);
		}
	} else if (!strcmp(kind, "document") && number && tc_doc_number_normalize(number, strlen(number), 0, &norm) == 0) {
		xc_query *q = term_of(TC_PREFIX_SOURCE, norm.data);
		if (q) {
			json_object_set_new(record, "codified_from_this", tc__list_matches(s, TC_DB_CODIFIED, q, 0, 50, err));
			xc_query_free(q);
		}
	} else if (!strcmp(kind, "codified")) {
		/* Each source article's provision, when that document is indexed. */
		json_t *sources = json_object_get(json_object_get(record, "codified"), "sources");
		size_t i;
		json_t *src;
		json_array_foreach(sources, i, src)
		{
			const char *num = json_string_value(json_object_get(src, "doc_number"));
			size_t n = 0;
			const char *dieu = tc_cited_article_number(json_string_value(json_object_get(src, "article")), &n);
			if (!num || !dieu || tc_doc_number_normalize(num, strlen(num), 0, &norm) < 0 ||
			    tc_article_term_value(dieu, n, &art) < 0)
				continue;
			xc_query *own = term_of(TC_PREFIX_PART_OF, norm.data);
			xc_query *cited = term_of(TC_PREFIX_ARTICLE, art.data);
			if (own && cited) {
				xc_query *pair[2] = {own, cited};
				xc_query *q = NULL;
				if (xc_query_combine(XC_OP_AND, pair, 2, 0, &q, err) == TC_OK) {
					json_object_set_new(src, "provisions", tc__list_matches(s, TC_DB_PROVISIONS, q, 0, 5, err));
					xc_query_free(q);
				}
			}
			xc_query_free(own);
			xc_query_free(cited);
		}
	}
	tc_buf_free(&norm);
	tc_buf_free(&art);
}

tc_status tc_get(tc_searcher *s, const char *id, json_t **record, tc_error *err)
{
	*record = NULL;
	tc_buf term = {0};
	tc_buf_printf(&term, TC_PREFIX_ID "%s", id);
	if (term.len > XC_MAX_TERM_LENGTH) {
		tc_buf_free(&term);
		return tc_error_set(err, TC_ERR_NOT_FOUND, "no entry with id '%.60s...'", id);
	}
	for (int k = 0; k < TC_DB_COUNT; k++) {
		xc_docid docid = 0;
		tc_status st = xc_reader_find(s->readers[k], term.data, &docid, err);
		if (st != TC_OK) {
			tc_buf_free(&term);
			return st;
		}
		if (!docid)
			continue;
		char *data = NULL;
		size_t len = 0;
		st = xc_reader_get_data(s->readers[k], docid, &data, &len, err);
		tc_buf_free(&term);
		if (st != TC_OK)
			return st;
		json_t *rec = tc__decode_record(s, data, len);
		tc_free(data);
		if (!rec)
			return tc_error_set(err, TC_ERR_INTERNAL, "the stored record of '%s' is unreadable", id);
		add_links(s, rec, err);
		*record = rec;
		return TC_OK;
	}
	tc_buf_free(&term);
	return tc_error_set(err, TC_ERR_NOT_FOUND, "no document, provision or codified article with id '%s'", id);
}

typedef struct each_id_ctx {
	int (*fn)(void *ctx, const char *id, size_t len);
	void *ctx;
} each_id_ctx;

static int on_id_term(void *vctx, const char *term, size_t len, uint32_t freq)
{
	each_id_ctx *ctx = vctx;
	(void)freq;
	return ctx->fn(ctx->ctx, term + 1, len - 1);
}

tc_status tc_searcher_each_id(tc_searcher *s, tc_db_kind kind, int (*fn)(void *ctx, const char *id, size_t len),
                              void *ctx, tc_error *err)
{
	if ((unsigned)kind >= TC_DB_COUNT)
		return tc_error_set(err, TC_ERR_INPUT, "no database kind %d", (int)kind);
	each_id_ctx each = {.fn = fn, .ctx = ctx};
	int truncated = 0;
	return xc_reader_each_term(s->readers[kind], TC_PREFIX_ID, 0, on_id_term, &each, &truncated, err);
}
