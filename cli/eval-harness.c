/* eval-harness.c - the retrieval-quality harness: ALQAC loaders, metrics,
 * runs and the JSON report (declared in eval.h).
 *
 * The metrics follow the usual definitions with binary relevance: hit@k (a
 * relevant article in the top k), recall@k (the share of the question's
 * relevant pairs in the top k), MRR@10 (1/rank of the first relevant article
 * within the top 10, else 0) and nDCG@10 (gain 1/log2(rank+1) per relevant
 * article in the top 10, divided by the ideal DCG of min(relevant, 10)
 * relevant articles at ranks 1..). A gold pair that is not in the law file
 * (ALQAC has one: Luật Trồng trọt, Điều 64) counts in every denominator and
 * can never be found, so that a system is not rewarded for a gap in the data. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "eval.h"

const size_t eval_cutoffs[EVAL_CUTOFF_COUNT] = {1, 5, 10, 20};

/* ---- ICU helpers ---- */

/* TEXT (LEN bytes of UTF-8; invalid bytes become U+FFFD) as UTF-16 in a new
 * tc_malloc'd buffer; *ULEN its length. NULL when memory runs out. */
static UChar *utf8_to_utf16(const char *text, size_t len, int32_t *ulen)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t need = 0;
	if (len > INT32_MAX / 2)
		return NULL;
	u_strFromUTF8WithSub(NULL, 0, &need, text, (int32_t)len, 0xFFFD, NULL, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
		return NULL;
	UChar *u = tc_malloc(((size_t)need + 1) * sizeof *u);
	if (!u)
		return NULL;
	status = U_ZERO_ERROR;
	u_strFromUTF8WithSub(u, need + 1, ulen, text, (int32_t)len, 0xFFFD, NULL, &status);
	if (U_FAILURE(status)) {
		tc_free(u);
		return NULL;
	}
	return u;
}

/* Append the UTF-8 form of U (ULEN units) to OUT. 0, or -1. */
static int utf16_append_utf8(const UChar *u, int32_t ulen, tc_buf *out)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t need = 0;
	u_strToUTF8WithSub(NULL, 0, &need, u, ulen, 0xFFFD, NULL, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
		return -1;
	if (tc_buf_reserve(out, (size_t)need + 1) < 0)
		return -1;
	status = U_ZERO_ERROR;
	u_strToUTF8WithSub(out->data + out->len, need + 1, NULL, u, ulen, 0xFFFD, NULL, &status);
	if (U_FAILURE(status))
		return -1;
	out->len += (size_t)need;
	out->data[out->len] = '\0';
	return 0;
}

/* Normalize U (ULEN units) with NORM into a new tc_malloc'd buffer. */
static UChar *normalize16(const UNormalizer2 *norm, const UChar *u, int32_t ulen, int32_t *outlen)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t need = unorm2_normalize(norm, u, ulen, NULL, 0, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
		return NULL;
	UChar *n = tc_malloc(((size_t)need + 1) * sizeof *n);
	if (!n)
		return NULL;
	status = U_ZERO_ERROR;
	*outlen = unorm2_normalize(norm, u, ulen, n, need + 1, &status);
	if (U_FAILURE(status)) {
		tc_free(n);
		return NULL;
	}
	return n;
}

int eval_nfc(const char *text, size_t len, tc_buf *out)
{
	UErrorCode status = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
	if (U_FAILURE(status))
		return -1;
	int32_t ulen = 0, nlen = 0;
	UChar *u = utf8_to_utf16(text, len, &ulen);
	if (!u)
		return -1;
	UChar *n = normalize16(nfc, u, ulen, &nlen);
	tc_free(u);
	if (!n)
		return -1;
	tc_buf_reset(out);
	int rc = utf16_append_utf8(n, nlen, out);
	tc_free(n);
	return rc;
}

int eval_strip_diacritics(const char *text, size_t len, tc_buf *out)
{
	UErrorCode status = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
	if (U_FAILURE(status))
		return -1;
	int32_t ulen = 0, dlen = 0, clen = 0;
	UChar *u = utf8_to_utf16(text, len, &ulen);
	if (!u)
		return -1;
	UChar *d = normalize16(nfd, u, ulen, &dlen);
	tc_free(u);
	if (!d)
		return -1;
	/* Drop the combining diacritical marks block; đ and Đ have no
	 * decomposition, so they are mapped by hand. Every unit kept is a BMP
	 * character or half of a surrogate pair, neither of which is touched. */
	int32_t kept = 0;
	for (int32_t i = 0; i < dlen; i++) {
		UChar c = d[i];
		if (c >= 0x0300 && c <= 0x036F)
			continue;
		if (c == 0x0111)
			c = 'd';
		else if (c == 0x0110)
			c = 'D';
		d[kept++] = c;
	}
	UChar *c = normalize16(nfc, d, kept, &clen);
	tc_free(d);
	if (!c)
		return -1;
	tc_buf_reset(out);
	int rc = utf16_append_utf8(c, clen, out);
	tc_free(c);
	return rc;
}

/* ---- loaders ---- */

/* The string form of an id: ALQAC writes ids as strings; an integer is
 * accepted too (other releases of the format do so). NULL otherwise. */
static const char *id_string(json_t *value, char *scratch, size_t size)
{
	if (json_is_string(value))
		return json_string_value(value);
	if (json_is_integer(value)) {
		snprintf(scratch, size, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
		return scratch;
	}
	return NULL;
}

static tc_status load_json(const char *path, json_t **root, tc_error *err)
{
	json_error_t jerr;
	*root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (*root)
		return TC_OK;
	if (json_error_code(&jerr) == json_error_cannot_open_file)
		return tc_error_set(err, TC_ERR_IO, "%s: cannot read: %s", path, jerr.text);
	if (json_error_code(&jerr) == json_error_out_of_memory)
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
	return tc_error_set(err, TC_ERR_INPUT, "%s:%d:%d (byte %d): invalid JSON: %s", path, jerr.line,
	                    jerr.column, jerr.position, jerr.text);
}

/* Split an article's text into title and body (see eval_corpus_load). */
static int split_article(tc_arena *arena, const char *text, eval_article *article)
{
	const char *newline = strchr(text, '\n');
	if (!newline) {
		article->title = "";
		article->body = tc_arena_strdup(arena, text);
		return article->body ? 0 : -1;
	}
	size_t title_len = (size_t)(newline - text);
	if (title_len && text[title_len - 1] == '\r')
		title_len--;
	const char *body = newline;
	while (*body == '\n' || *body == '\r')
		body++;
	article->title = tc_arena_strndup(arena, text, title_len);
	article->body = tc_arena_strdup(arena, body);
	return article->title && article->body ? 0 : -1;
}

/* Articles sorted by (law_id, article_id), to find duplicates and to
 * resolve gold pairs. */
static int compare_pair(const char *law_a, const char *art_a, const char *law_b, const char *art_b)
{
	int c = strcmp(law_a, law_b);
	return c ? c : strcmp(art_a, art_b);
}

static int compare_article_ptrs(const void *a, const void *b)
{
	const eval_article *const *x = a, *const *y = b;
	return compare_pair((*x)->law_id, (*x)->article_id, (*y)->law_id, (*y)->article_id);
}

/* Pointers to CORPUS's articles, sorted by pair (tc_free it). NULL when
 * memory runs out. */
static const eval_article **sorted_articles(const eval_corpus *corpus)
{
	const eval_article **sorted = tc_malloc((corpus->count + 1) * sizeof *sorted);
	if (!sorted)
		return NULL;
	for (size_t i = 0; i < corpus->count; i++)
		sorted[i] = &corpus->articles[i];
	qsort(sorted, corpus->count, sizeof *sorted, compare_article_ptrs);
	return sorted;
}

/* The index of (LAW_ID, ARTICLE_ID) in CORPUS, or corpus->count when absent. */
static size_t find_article(const eval_corpus *corpus, const eval_article *const *sorted, const char *law_id,
                           const char *article_id)
{
	size_t lo = 0, hi = corpus->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = compare_pair(sorted[mid]->law_id, sorted[mid]->article_id, law_id, article_id);
		if (c == 0)
			return (size_t)(sorted[mid] - corpus->articles);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return corpus->count;
}

tc_status eval_corpus_load(const char *path, eval_corpus *corpus, tc_error *err)
{
	memset(corpus, 0, sizeof *corpus);
	json_t *root;
	tc_status st = load_json(path, &root, err);
	if (st != TC_OK)
		return st;
	if (!json_is_array(root)) {
		json_decref(root);
		return tc_error_set(err, TC_ERR_INPUT, "%s: the top level is not an array of laws", path);
	}
	size_t total = 0, li, ai;
	json_t *law, *article;
	char scratch[2][32];
	json_array_foreach(root, li, law)
	{
		json_t *articles = json_object_get(law, "articles");
		if (!json_is_object(law) ||
		    !id_string(json_object_get(law, "id"), scratch[0], sizeof scratch[0])) {
			st = tc_error_set(err, TC_ERR_INPUT, "%s: law [%zu]: missing \"id\" (a string)", path,
			                  li);
			goto fail;
		}
		if (!json_is_array(articles)) {
			st = tc_error_set(
			        err, TC_ERR_INPUT, "%s: law [%zu] (\"%s\"): missing \"articles\" (an array)",
			        path, li,
			        id_string(json_object_get(law, "id"), scratch[0], sizeof scratch[0]));
			goto fail;
		}
		total += json_array_size(articles);
	}
	corpus->arena = tc_arena_new(1 << 20);
	corpus->articles = tc_calloc(total + 1, sizeof *corpus->articles);
	if (!corpus->arena || !corpus->articles)
		goto nomem;
	json_array_foreach(root, li, law)
	{
		const char *law_id = tc_arena_strdup(
		        corpus->arena, id_string(json_object_get(law, "id"), scratch[0], sizeof scratch[0]));
		if (!law_id)
			goto nomem;
		json_array_foreach(json_object_get(law, "articles"), ai, article)
		{
			const char *article_id =
			        id_string(json_object_get(article, "id"), scratch[1], sizeof scratch[1]);
			json_t *text = json_object_get(article, "text");
			if (!json_is_object(article) || !article_id || !json_is_string(text)) {
				st = tc_error_set(
				        err, TC_ERR_INPUT,
				        "%s: law [%zu] (\"%s\"), article [%zu]: missing \"%s\" (a string)",
				        path, li, law_id, ai, !article_id ? "id" : "text");
				goto fail;
			}
			eval_article *a = &corpus->articles[corpus->count];
			a->law_id = law_id;
			a->article_id = tc_arena_strdup(corpus->arena, article_id);
			if (!a->article_id || split_article(corpus->arena, json_string_value(text), a) < 0)
				goto nomem;
			corpus->count++;
		}
	}
	json_decref(root);
	root = NULL;
	/* (law, article) is the key of a gold pair: it must be unique. */
	const eval_article **sorted = sorted_articles(corpus);
	if (!sorted)
		goto nomem;
	for (size_t i = 1; i < corpus->count; i++)
		if (!compare_article_ptrs(&sorted[i - 1], &sorted[i])) {
			st = tc_error_set(err, TC_ERR_INPUT, "%s: article \"%s\" of law \"%s\" appears twice",
			                  path, sorted[i]->article_id, sorted[i]->law_id);
			tc_free(sorted);
			goto fail;
		}
	tc_free(sorted);
	return TC_OK;
nomem:
	st = tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
fail:
	json_decref(root);
	eval_corpus_free(corpus);
	return st;
}

void eval_corpus_free(eval_corpus *corpus)
{
	tc_free(corpus->articles);
	tc_arena_free(corpus->arena);
	memset(corpus, 0, sizeof *corpus);
}

tc_status eval_questions_load(const char *path, const eval_corpus *corpus, eval_question_file *file,
                              tc_error *err)
{
	memset(file, 0, sizeof *file);
	json_t *root = NULL;
	const eval_article **sorted = NULL;
	tc_status st = load_json(path, &root, err);
	if (st != TC_OK)
		return st;
	if (!json_is_array(root)) {
		json_decref(root);
		return tc_error_set(err, TC_ERR_INPUT, "%s: the top level is not an array of questions",
		                    path);
	}
	file->arena = tc_arena_new(1 << 16);
	file->questions = tc_calloc(json_array_size(root) + 1, sizeof *file->questions);
	sorted = sorted_articles(corpus);
	if (!file->arena || !file->questions || !sorted || !(file->path = tc_arena_strdup(file->arena, path)))
		goto nomem;
	size_t qi, gi;
	json_t *question, *pair;
	char scratch[3][32];
	json_array_foreach(root, qi, question)
	{
		eval_question *q = &file->questions[qi];
		const char *id =
		        id_string(json_object_get(question, "question_id"), scratch[0], sizeof scratch[0]);
		json_t *text = json_object_get(question, "text");
		json_t *gold = json_object_get(question, "relevant_articles");
		const char *missing = !json_is_object(question) ? "question_id"
		                      : !id                     ? "question_id"
		                      : !json_is_string(text)   ? "text"
		                      : !json_is_array(gold)    ? "relevant_articles"
		                                                : NULL;
		if (missing) {
			st = tc_error_set(err, TC_ERR_INPUT, "%s: question [%zu]%s%s%s: missing \"%s\" (%s)",
			                  path, qi, id ? " (\"" : "", id ? id : "", id ? "\")" : "", missing,
			                  !strcmp(missing, "relevant_articles") ? "an array" : "a string");
			goto fail;
		}
		if (json_array_size(gold) == 0) {
			st = tc_error_set(err, TC_ERR_INPUT,
			                  "%s: question [%zu] (\"%s\"): no relevant_articles", path, qi, id);
			goto fail;
		}
		q->id = tc_arena_strdup(file->arena, id);
		q->text = tc_arena_strdup(file->arena, json_string_value(text));
		eval_gold *golds = tc_arena_calloc(file->arena, json_array_size(gold) * sizeof *golds);
		q->relevant = tc_arena_calloc(file->arena, json_array_size(gold) * sizeof *q->relevant);
		if (!q->id || !q->text || !golds || !q->relevant)
			goto nomem;
		q->gold = golds;
		json_array_foreach(gold, gi, pair)
		{
			const char *law_id =
			        id_string(json_object_get(pair, "law_id"), scratch[1], sizeof scratch[1]);
			const char *article_id =
			        id_string(json_object_get(pair, "article_id"), scratch[2], sizeof scratch[2]);
			if (!law_id || !article_id) {
				st = tc_error_set(err, TC_ERR_INPUT,
				                  "%s: question [%zu] (\"%s\"), relevant_articles [%zu]: "
				                  "missing \"%s\" "
				                  "(a string)",
				                  path, qi, id, gi, !law_id ? "law_id" : "article_id");
				goto fail;
			}
			/* A pair given twice is one relevant article. */
			int seen = 0;
			for (size_t k = 0; k < q->gold_count; k++)
				seen |= !compare_pair(golds[k].law_id, golds[k].article_id, law_id,
				                      article_id);
			if (seen)
				continue;
			eval_gold *g = &golds[q->gold_count++];
			g->law_id = tc_arena_strdup(file->arena, law_id);
			g->article_id = tc_arena_strdup(file->arena, article_id);
			if (!g->law_id || !g->article_id)
				goto nomem;
			size_t index = find_article(corpus, sorted, law_id, article_id);
			g->in_corpus = index < corpus->count;
			if (g->in_corpus)
				q->relevant[q->relevant_count++] = index;
			else
				q->missing_count++;
		}
		file->gold_pairs += q->gold_count;
		file->count++;
	}
	tc_free(sorted);
	json_decref(root);
	return TC_OK;
nomem:
	st = tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
fail:
	tc_free(sorted);
	json_decref(root);
	eval_questions_free(file);
	return st;
}

void eval_questions_free(eval_question_file *file)
{
	tc_free(file->questions);
	tc_arena_free(file->arena);
	memset(file, 0, sizeof *file);
}

int eval_questions_strip_diacritics(eval_question_file *file)
{
	tc_buf stripped = {0};
	for (size_t i = 0; i < file->count; i++) {
		eval_question *q = &file->questions[i];
		if (eval_strip_diacritics(q->text, strlen(q->text), &stripped) < 0 ||
		    !(q->text = tc_arena_strndup(file->arena, stripped.data, stripped.len))) {
			tc_buf_free(&stripped);
			return -1;
		}
	}
	tc_buf_free(&stripped);
	return 0;
}

/* ---- metrics ---- */

static int is_relevant(const eval_question *q, size_t article)
{
	for (size_t i = 0; i < q->relevant_count; i++)
		if (q->relevant[i] == article)
			return 1;
	return 0;
}

void eval_score(const eval_question *q, const size_t *hits, size_t n, eval_metrics *score)
{
	memset(score, 0, sizeof *score);
	size_t total = q->relevant_count + q->missing_count;
	if (total == 0)
		return;
	/* A rank is a position in HITS: a duplicate takes its slot (the system
	 * wasted it) but is not counted again. */
	size_t found = 0, first_rank = 0;
	size_t found_at[EVAL_CUTOFF_COUNT] = {0};
	double dcg = 0;
	for (size_t i = 0; i < n; i++) {
		size_t rank = i + 1;
		int duplicate = 0;
		for (size_t j = 0; j < i; j++)
			duplicate |= hits[j] == hits[i];
		if (!duplicate && is_relevant(q, hits[i])) {
			found++;
			if (!first_rank)
				first_rank = rank;
			if (rank <= 10)
				dcg += 1.0 / log2((double)rank + 1.0);
		}
		for (size_t c = 0; c < EVAL_CUTOFF_COUNT; c++)
			if (rank <= eval_cutoffs[c])
				found_at[c] = found;
	}
	for (size_t c = 0; c < EVAL_CUTOFF_COUNT; c++) {
		score->hit[c] = found_at[c] > 0;
		score->recall[c] = (double)found_at[c] / (double)total;
	}
	score->mrr10 = first_rank && first_rank <= 10 ? 1.0 / (double)first_rank : 0.0;
	double ideal = 0;
	for (size_t r = 1; r <= total && r <= 10; r++)
		ideal += 1.0 / log2((double)r + 1.0);
	score->ndcg10 = dcg / ideal;
}

void eval_metrics_add(eval_metrics *sum, const eval_metrics *one)
{
	for (size_t c = 0; c < EVAL_CUTOFF_COUNT; c++) {
		sum->hit[c] += one->hit[c];
		sum->recall[c] += one->recall[c];
	}
	sum->mrr10 += one->mrr10;
	sum->ndcg10 += one->ndcg10;
}

void eval_metrics_scale(eval_metrics *m, size_t count)
{
	if (!count)
		return;
	for (size_t c = 0; c < EVAL_CUTOFF_COUNT; c++) {
		m->hit[c] /= (double)count;
		m->recall[c] /= (double)count;
	}
	m->mrr10 /= (double)count;
	m->ndcg10 /= (double)count;
}

/* ---- runs ---- */

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

tc_status eval_run_file(eval_system *system, const eval_question_file *file, eval_run *run, tc_error *err)
{
	memset(run, 0, sizeof *run);
	run->hits = tc_calloc(file->count * EVAL_TOP_K + 1, sizeof *run->hits);
	run->hit_count = tc_calloc(file->count + 1, sizeof *run->hit_count);
	if (!run->hits || !run->hit_count) {
		eval_run_free(run);
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	}
	run->count = file->count;
	double start = now_seconds();
	for (size_t i = 0; i < file->count; i++) {
		const eval_question *q = &file->questions[i];
		size_t *hits = run->hits + i * EVAL_TOP_K, n = 0;
		tc_error qerr = {0};
		if (system->search(system->state, q->text, hits, EVAL_TOP_K, &n, &qerr) != TC_OK) {
			if (qerr.code == TC_ERR_NOMEM) {
				eval_run_free(run);
				return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", system->name);
			}
			if (!run->failed++)
				snprintf(run->first_error, sizeof run->first_error, "question %.100s: %.400s",
				         q->id, qerr.message);
			n = 0;
		}
		if (n > EVAL_TOP_K)
			n = EVAL_TOP_K;
		run->hit_count[i] = n;
		eval_metrics score;
		eval_score(q, hits, n, &score);
		eval_metrics_add(&run->metrics, &score);
	}
	run->seconds = now_seconds() - start;
	eval_metrics_scale(&run->metrics, file->count);
	return TC_OK;
}

void eval_run_free(eval_run *run)
{
	tc_free(run->hits);
	tc_free(run->hit_count);
	memset(run, 0, sizeof *run);
}

/* ---- the JSON report ---- */

/* Round to 6 decimals so that the file reads well and the figures still
 * reproduce the 3-decimal table. */
static json_t *figure(double value)
{
	return json_real(round(value * 1e6) / 1e6);
}

static json_t *metrics_json(const eval_metrics *m)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	char key[32];
	int bad = 0;
	for (size_t c = 0; c < EVAL_CUTOFF_COUNT; c++) {
		snprintf(key, sizeof key, "hit@%zu", eval_cutoffs[c]);
		bad |= json_object_set_new(o, key, figure(m->hit[c]));
	}
	for (size_t c = 0; c < EVAL_CUTOFF_COUNT; c++) {
		snprintf(key, sizeof key, "recall@%zu", eval_cutoffs[c]);
		bad |= json_object_set_new(o, key, figure(m->recall[c]));
	}
	bad |= json_object_set_new(o, "mrr@10", figure(m->mrr10));
	bad |= json_object_set_new(o, "ndcg@10", figure(m->ndcg10));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *question_json(const eval_corpus *corpus, const eval_question *q, const size_t *hits, size_t n)
{
	json_t *gold = json_array(), *top = json_array();
	json_t *o = json_pack("{s:s, s:s, s:o, s:o}", "question_id", q->id, "text", q->text, "gold", gold,
	                      "top", top);
	if (!o)
		return NULL;
	for (size_t g = 0; g < q->gold_count; g++)
		if (json_array_append_new(gold, json_pack("{s:s, s:s, s:b}", "law_id", q->gold[g].law_id,
		                                          "article_id", q->gold[g].article_id, "in_corpus",
		                                          q->gold[g].in_corpus)))
			goto nomem;
	for (size_t i = 0; i < n; i++) {
		const eval_article *a = &corpus->articles[hits[i]];
		if (json_array_append_new(top, json_pack("{s:s, s:s, s:I}", "law_id", a->law_id, "article_id",
		                                         a->article_id, "rank", (json_int_t)(i + 1))))
			goto nomem;
	}
	return o;
nomem:
	json_decref(o);
	return NULL;
}

static json_t *report_json(const eval_report *report)
{
	json_t *systems = json_array();
	json_t *root = json_pack("{s:s, s:I, s:b, s:s?, s:o}", "law", report->law_path, "articles",
	                         (json_int_t)report->corpus->count, "unaccented", report->unaccented,
	                         "tracuu_options", report->tracuu_options, "systems", systems);
	if (!root)
		return NULL;
	for (size_t s = 0; s < report->result_count; s++) {
		const eval_system_result *r = &report->results[s];
		json_t *files = json_array();
		json_t *system = json_pack("{s:s, s:b, s:s?, s:o, s:o}", "name", r->name, "built", r->built,
		                           "error", r->built ? NULL : r->error, "build_seconds",
		                           figure(r->build_seconds), "files", files);
		if (json_array_append_new(systems, system))
			goto nomem;
		for (size_t f = 0; r->built && f < report->file_count; f++) {
			const eval_question_file *file = &report->files[f];
			const eval_run *run = &r->runs[f];
			json_t *questions = json_array();
			json_t *entry = json_pack(
			        "{s:s, s:I, s:I, s:o, s:o, s:I, s:s?, s:o}", "path", file->path, "questions",
			        (json_int_t)file->count, "gold_pairs", (json_int_t)file->gold_pairs,
			        "metrics", metrics_json(&run->metrics), "search_seconds",
			        figure(run->seconds), "failed", (json_int_t)run->failed, "first_error",
			        run->failed ? run->first_error : NULL, "results", questions);
			if (json_array_append_new(files, entry))
				goto nomem;
			for (size_t i = 0; i < file->count; i++)
				if (json_array_append_new(questions,
				                          question_json(report->corpus, &file->questions[i],
				                                        run->hits + i * EVAL_TOP_K,
				                                        run->hit_count[i])))
					goto nomem;
		}
	}
	return root;
nomem:
	json_decref(root);
	return NULL;
}

tc_status eval_write_json(const char *path, const eval_report *report, tc_error *err)
{
	json_t *root = report_json(report);
	if (!root)
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory while building the report", path);
	size_t flags = JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(8);
	int rc;
	if (!strcmp(path, "-")) {
		rc = json_dumpf(root, stdout, flags);
		if (rc == 0)
			fputc('\n', stdout);
	} else {
		rc = json_dump_file(root, path, flags);
	}
	json_decref(root);
	if (rc)
		return tc_error_set(err, TC_ERR_IO, "%s: cannot write the report: %s", path, strerror(errno));
	return TC_OK;
}
