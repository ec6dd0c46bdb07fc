/* overlap.c - the in-force provisions that say what an article of the
 * draft says. The candidates come from the engine: tc_search given the
 * article's words (a "more like this" query: tc_search ranks a long text
 * by its TC_QUERY_MAX_RANKED_WORDS rarest words and their pairs, BM25 over
 * the codified articles or the provisions and their clauses); the
 * citations and numbers are left out of it, as they would put the cited
 * document first rather than what says the same thing. Each candidate's
 * text is then compared with the article passage by passage (compare.c),
 * and those that share a passage are kept, most similar first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check-private.h"

/* candidates asked of tc_search per target: the twin of an article is
 * nearly always among a MLT query's first ten (benchmarks/check) */
#define OVERLAP_CANDIDATES 12
/* the query stays under TC_QUERY_MAX_BYTES */
#define OVERLAP_QUERY_BYTES 3800
/* the rarest words of the article the search ranks by (the rest are too
 * common to tell its twin from the others, and cost time:
 * benchmarks/check) */
#define OVERLAP_MLT_WORDS 24
/* ... and its words, each making a few terms, under TC_QUERY_MAX_TERMS */
#define OVERLAP_QUERY_WORDS 300

typedef struct mlt {
	const tc_check_article *a;
	tc_buf *query;
	size_t last_end; /* where the last word kept ended */
	size_t skip_to;  /* the heading's "Điều 5" */
	int pending_break;
	size_t cite; /* the first citation that may hold the next word */
	size_t words;
	json_t *seen;   /* words and pairs given already: a repeated one adds nothing */
	char prev[128]; /* the word before, when no break came since */
} mlt;

/* Whether the word at START lies in a citation (words come in order, so
 * the citations before it are passed for good). */
static int in_citation(mlt *m, size_t start)
{
	const tc_check_article *a = m->a;
	while (m->cite < a->cite_count && a->cites[m->cite].end <= start)
		m->cite++;
	for (size_t k = m->cite; k < a->cite_count && a->cites[k].start <= start; k++)
		if (start < a->cites[k].end)
			return 1;
	return 0;
}

static int on_mlt_word(void *vctx, const tc_token *t)
{
	mlt *m = vctx;
	if ((t->kind != TC_TOKEN_SYLLABLE && t->kind != TC_TOKEN_WORD) || t->end <= m->skip_to)
		return 0;
	if (in_citation(m, t->start)) {
		m->pending_break = 1;
		return 0;
	}
	/* a clause ends at punctuation or a line: word pairs do not cross it */
	for (size_t b = m->last_end; b < t->start && !m->pending_break; b++)
		if (strchr(".,;:!?()\n\"", m->a->text[b]))
			m->pending_break = 1;
	m->last_end = t->end;
	char word[128], pair[260];
	snprintf(word, sizeof word, "%.*s", (int)t->exact_len, t->exact);
	snprintf(pair, sizeof pair, "%s_%s", m->pending_break ? "" : m->prev, word);
	int new_word = !json_object_get(m->seen, word),
	    new_pair = !m->pending_break && !json_object_get(m->seen, pair);
	snprintf(m->prev, sizeof m->prev, "%s", word);
	if (!new_word && !new_pair) {
		/* said already: the next word starts afresh */
		m->pending_break = 1;
		m->prev[0] = '\0';
		return 0;
	}
	json_object_set_new(m->seen, word, json_true());
	if (!m->pending_break)
		json_object_set_new(m->seen, pair, json_true());
	if (m->query->len + t->exact_len + 3 > OVERLAP_QUERY_BYTES || ++m->words > OVERLAP_QUERY_WORDS)
		return 1;
	if (m->query->len)
		tc_buf_append_str(m->query, m->pending_break ? ", " : " ");
	tc_buf_append(m->query, t->exact, t->exact_len);
	m->pending_break = 0;
	return 0;
}

/* The "more like this" text of article A: its words in order, citations
 * and numbers left out, clause breaks kept. */
static int mlt_text(tc_analyzer *analyzer, const tc_check_article *a, tc_buf *out)
{
	tc_buf_reset(out);
	mlt m = {.a = a, .query = out, .seen = json_object()};
	/* the heading line's "Điều 5." is no word of the article's */
	if (a->number && !strncmp(a->text, "Điều ", strlen("Điều ")))
		m.skip_to = strcspn(a->text, ".\n");
	m.last_end = m.skip_to;
	tc_error err;
	tc_status st = tc_analyzer_run(analyzer,
	                               TC_ANALYZE_QUERY | TC_ANALYZE_NO_BIGRAMS | TC_ANALYZE_NO_DOC_NUMBERS |
	                                       TC_ANALYZE_NO_CITATIONS | TC_ANALYZE_NO_DATES,
	                               a->text, a->text_len, on_mlt_word, &m, NULL, &err);
	json_decref(m.seen);
	return (st == TC_OK || st == TC_ERR_ABORTED) && m.seen ? 0 : -1;
}

static const char *str(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

/* Is codified article HIT in force on DATE_ISO? The pháp điển holds what is
 * in force (as of its export); an article whose source takes effect later
 * is not yet. */
static int codified_in_force(const json_t *hit, const char *date_iso)
{
	json_t *sources = json_object_get(json_object_get(hit, "codified"), "sources");
	size_t i;
	json_t *link;
	json_array_foreach(sources, i, link)
	{
		const char *relation = str(link, "relation"), *effective = str(link, "effective_date");
		if (!strcmp(relation, "repealed_by") && *effective && strcmp(effective, date_iso) <= 0)
			return 0;
		if (!strcmp(relation, "original") && *effective && strcmp(effective, date_iso) > 0)
			return 0;
	}
	return 1;
}

static double number(const json_t *obj, const char *key)
{
	return json_number_value(json_object_get(obj, key));
}

static int by_similarity(const void *x, const void *y)
{
	double a = number(*(json_t *const *)x, "similarity"), b = number(*(json_t *const *)y, "similarity");
	return a < b ? 1 : a > b ? -1 : 0;
}

/* A passage of fewer words than this, whose words of the article most of
 * the candidates share too, is the boilerplate of legal texts ("Phạm vi
 * điều chỉnh Nghị định này quy định chi tiết ...", "có hiệu lực thi hành
 * kể từ ngày"), not an overlap. */
#define BOILERPLATE_WORDS  20
#define BOILERPLATE_SHARED 4

typedef struct candidate {
	int target;  /* index in targets[] */
	int rank;    /* in its search */
	json_t *hit; /* the search hit (with its text) */
	json_t *cmp; /* the comparison with the article */
} candidate;

/* One overlap from candidate C: the hit's fields, the figures and passages
 * of the comparison without the boilerplate ones (KEEP[i] for passage i). */
static json_t *overlap_of(const tc_check_article *a, const candidate *c, const unsigned char *keep,
                          int with_text)
{
	json_t *hit = c->hit, *cmp = c->cmp;
	const char *other = str(hit, "text");
	json_t *o = json_object();
	static const char *const keys[] = {"id",         "kind",           "doc_number", "doc_title",
	                                   "type",       "number",         "heading",    "title",
	                                   "issue_date", "effective_date", "validity",   "matched_clause"};
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
		if (json_object_get(hit, keys[k]))
			json_object_set(o, keys[k], json_object_get(hit, keys[k]));
	json_t *cod = json_object_get(hit, "codified");
	if (cod) {
		json_object_set(o, "article_number", json_object_get(cod, "article_number"));
		json_object_set(o, "demuc_number", json_object_get(cod, "demuc_number"));
		json_object_set(o, "demuc_name", json_object_get(cod, "demuc_name"));
		json_t *first = json_array_get(json_object_get(cod, "sources"), 0);
		if (first)
			json_object_set_new(o, "source",
			                    json_pack("{s:s, s:s}", "article", str(first, "article"),
			                              "doc_number", str(first, "doc_number")));
	}
	json_t *passages = json_array();
	size_t i, words = 0;
	json_t *p;
	json_array_foreach(json_object_get(cmp, "passages"), i, p)
	{
		if (!keep[i])
			continue;
		json_t *ra = json_object_get(p, "a"), *rb = json_object_get(p, "b");
		size_t as = (size_t)json_integer_value(json_array_get(ra, 0)),
		       ae = (size_t)json_integer_value(json_array_get(ra, 1));
		size_t bs = (size_t)json_integer_value(json_array_get(rb, 0)),
		       be = (size_t)json_integer_value(json_array_get(rb, 1));
		words += (size_t)json_integer_value(json_object_get(p, "words"));
		json_array_append_new(passages,
		                      json_pack("{s:O, s:O, s:O, s:s%, s:s%}", "draft", ra, "other", rb,
		                                "words", json_object_get(p, "words"), "draft_text",
		                                a->text + as, ae - as, "other_text", other + bs, be - bs));
	}
	/* the figures over the passages kept */
	double na = (double)json_integer_value(json_object_get(cmp, "a_count"));
	double nb = (double)json_integer_value(json_object_get(cmp, "b_count"));
	json_object_set_new(o, "similarity", json_real(na + nb > 0 ? 2.0 * (double)words / (na + nb) : 0));
	json_object_set_new(o, "draft_share", json_real(na > 0 ? (double)words / na : 0));
	json_object_set_new(o, "other_share", json_real(nb > 0 ? (double)words / nb : 0));
	json_object_set_new(o, "search_rank", json_integer(c->rank));
	json_object_set_new(o, "passages", passages);
	json_t *diffs = json_array();
	json_array_foreach(json_object_get(cmp, "number_differences"), i, p)
	{
		if (!keep[json_integer_value(json_object_get(p, "passage"))])
			continue;
		json_array_append_new(diffs, json_pack("{s:O, s:O, s:O}", "kind", json_object_get(p, "kind"),
		                                       "draft", json_object_get(p, "a"), "other",
		                                       json_object_get(p, "b")));
	}
	json_object_set_new(o, "number_differences", diffs);
	if (with_text)
		json_object_set_new(o, "text", json_string(other));
	return o;
}

static const tc_target targets[] = {TC_TARGET_CODIFIED, TC_TARGET_PROVISIONS};

/* The candidates of article A in TARGET: the hits of its "more like this"
 * query, in force on the day, compared with it (CANDS grows). */
static tc_status search_target(tc_searcher *s, tc_analyzer *analyzer, const tc_check_article *a,
                               const tc__words *words, const char *query, int t,
                               const tc_check_options *options, const char *date_iso, const char *own,
                               candidate **cands, size_t *count, size_t *cap, tc_error *err)
{
	tc_search_options so;
	tc_search_options_default(&so);
	so.target = targets[t];
	so.limit = OVERLAP_CANDIDATES > options->max_overlaps * 2 ? OVERLAP_CANDIDATES
	                                                          : options->max_overlaps * 2;
	so.text = 1;
	so.max_words = OVERLAP_MLT_WORDS;
	so.no_total = 1;
	so.whole_articles = 1;
	/* the article's words alone: a title's words are in its text too, and
	 * their own terms would only add postlists to read */
	tc_ranking ranking;
	tc_ranking_default(&ranking, targets[t]);
	ranking.title_weight = ranking.doc_title_weight = 0;
	so.ranking = &ranking;
	tc_buf filter = {0}, num = {0};
	tc__words other = {0};
	tc_status st = TC_OK;
	if (targets[t] == TC_TARGET_PROVISIONS) {
		/* provisions of documents in force on the day; the codified
		 * articles carry no dates (codified_in_force) */
		st = tc_search_filter_add(&filter, "inforce", date_iso, err);
		tc_buf_append_str(&filter, " -hieuluc:het-hieu-luc");
		so.filter = filter.data;
	}
	json_t *results = NULL;
	if (st == TC_OK)
		st = tc_search(s, query, &so, &results, err);
	size_t i;
	json_t *hit;
	json_array_foreach(json_object_get(results, "hits"), i, hit)
	{
		if (st != TC_OK)
			break;
		const char *text = str(hit, "text");
		/* provisions only: not a đề mục's or chủ đề's list of headings */
		if (!strcmp(str(hit, "kind"), "demuc") || !strcmp(str(hit, "kind"), "chude"))
			continue;
		if (targets[t] == TC_TARGET_CODIFIED && !codified_in_force(hit, date_iso))
			continue;
		if (targets[t] == TC_TARGET_PROVISIONS && *own && *str(hit, "doc_number")) {
			tc_buf_reset(&num);
			if (tc_doc_number_normalize(str(hit, "doc_number"), strlen(str(hit, "doc_number")), 0,
			                            &num) == 0 &&
			    !strcmp(num.data, own))
				continue;
		}
		json_t *cmp = NULL;
		if (tc__words_of(analyzer, text, strlen(text), &other) < 0 ||
		    !(cmp = tc__compare_words(words, a->text, &other, text))) {
			st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
			break;
		}
		if (!json_array_size(json_object_get(cmp, "passages"))) {
			json_decref(cmp);
			continue;
		}
		if (*count == *cap) {
			size_t grown = *cap ? *cap * 2 : 32;
			candidate *v = tc_realloc(*cands, grown * sizeof *v);
			if (!v) {
				json_decref(cmp);
				st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
				break;
			}
			*cands = v;
			*cap = grown;
		}
		(*cands)[(*count)++] = (candidate){t, (int)i + 1, json_incref(hit), cmp};
	}
	json_decref(results);
	tc_buf_free(&filter);
	tc_buf_free(&num);
	tc__words_free(&other);
	return st;
}

json_t *tc__overlaps(tc_searcher *s, tc_analyzer *analyzer, const tc_check_draft *d,
                     const tc_check_article *a, const tc_check_options *options, const char *date_iso,
                     tc_status *st, tc_error *err)
{
	*st = TC_OK;
	json_t *found = json_array();
	tc_buf query = {0}, own = {0};
	tc__words words = {0};
	candidate *cands = NULL;
	size_t count = 0, cap = 0;
	unsigned *shared = NULL;
	if (mlt_text(analyzer, a, &query) < 0 || tc__words_of(analyzer, a->text, a->text_len, &words) < 0) {
		*st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		goto done;
	}
	if (!query.len)
		goto done;
	/* the draft's own provisions, when it is itself in the index */
	if (d->record->doc_number)
		tc_doc_number_normalize(d->record->doc_number, strlen(d->record->doc_number), 0, &own);
	for (int t = 0; t < 2 && *st == TC_OK; t++)
		if (options->target == TC_TARGET_ALL || options->target == targets[t])
			*st = search_target(s, analyzer, a, &words, query.data, t, options, date_iso,
			                    own.data ? own.data : "", &cands, &count, &cap, err);
	if (*st != TC_OK)
		goto done;
	/* how many candidates share each word of the article */
	shared = tc_calloc(words.n ? words.n : 1, sizeof *shared);
	if (!shared) {
		*st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		goto done;
	}
	for (size_t c = 0; c < count; c++) {
		size_t i;
		json_t *p;
		json_array_foreach(json_object_get(cands[c].cmp, "passages"), i, p)
		{
			json_t *w = json_object_get(p, "a_words");
			for (json_int_t k = json_integer_value(json_array_get(w, 0));
			     k < json_integer_value(json_array_get(w, 1)); k++)
				shared[k]++;
		}
	}
	/* the overlaps of each target, most similar first, at most
	 * max_overlaps of each; then all of them by similarity */
	json_t *per[2] = {json_array(), json_array()};
	for (size_t c = 0; c < count; c++) {
		json_t *passages = json_object_get(cands[c].cmp, "passages");
		size_t n = json_array_size(passages), kept = 0;
		unsigned char *keep = tc_calloc(n ? n : 1, 1);
		for (size_t i = 0; keep && i < n; i++) {
			json_t *p = json_array_get(passages, i), *w = json_object_get(p, "a_words");
			json_int_t from = json_integer_value(json_array_get(w, 0)),
			           to = json_integer_value(json_array_get(w, 1));
			double mean = 0;
			for (json_int_t k = from; k < to; k++)
				mean += shared[k];
			mean = to > from ? mean / (double)(to - from) : 0;
			keep[i] = json_integer_value(json_object_get(p, "words")) >= BOILERPLATE_WORDS ||
			          mean < BOILERPLATE_SHARED;
			kept += keep[i];
		}
		if (keep && kept)
			json_array_append_new(per[cands[c].target],
			                      overlap_of(a, &cands[c], keep, options->text));
		tc_free(keep);
	}
	for (int t = 0; t < 2; t++) {
		size_t n = json_array_size(per[t]);
		json_t **items = tc_calloc(n ? n : 1, sizeof *items);
		for (size_t k = 0; items && k < n; k++)
			items[k] = json_array_get(per[t], k);
		if (items && n)
			qsort(items, n, sizeof *items, by_similarity);
		for (size_t k = 0; items && k < n && k < options->max_overlaps; k++)
			json_array_append(found, items[k]);
		tc_free(items);
		json_decref(per[t]);
	}
	size_t n = json_array_size(found);
	json_t **items = tc_calloc(n ? n : 1, sizeof *items);
	for (size_t k = 0; items && k < n; k++)
		items[k] = json_incref(json_array_get(found, k));
	if (items && n)
		qsort(items, n, sizeof *items, by_similarity);
	json_array_clear(found);
	for (size_t k = 0; items && k < n; k++)
		json_array_append_new(found, items[k]);
	tc_free(items);
done:
	for (size_t c = 0; c < count; c++) {
		json_decref(cands[c].hit);
		json_decref(cands[c].cmp);
	}
	tc_free(cands);
	tc_free(shared);
	tc_buf_free(&query);
	tc_buf_free(&own);
	tc__words_free(&words);
	if (*st != TC_OK) {
		json_decref(found);
		return NULL;
	}
	return found;
}
