/* test_peers.c - the baselines' counted searches (eval_system.search_counted),
 * which the latency benchmark times: stock Xapian and SQLite FTS5 built over
 * the bundled sample's ALQAC articles (corpus/sample/alqac/law.json), each
 * article given a type and an issue date derived from its place in the file.
 *
 * Every expectation is worked out from the articles themselves: a listing
 * must return exactly the articles of its type and years, newest first,
 * with their exact count; an AND of words only articles that hold every
 * word, and both engines the same count; a phrase no more than the AND of
 * its words; a question the same hits as the quality evaluation's search. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer.h"
#include "check.h"
#include "eval.h"

static const char *const types[3] = {"luat", "nghi-dinh", "thong-tu"};

/* Every fifth article has no metadata: listings must leave it out. */
static void give_metadata(eval_corpus *corpus)
{
	for (size_t i = 0; i < corpus->count; i++) {
		eval_article *a = &corpus->articles[i];
		if (i % 5 == 4)
			continue;
		a->type_slug = types[i % 3];
		a->issue_date = (uint32_t)((2000 + (i * 7) % 20) * 10000 + (1 + i % 12) * 100 + 1 + i % 28);
	}
}

/* The canonical lowercase form of TEXT (a tc_malloc'd string). */
static char *canonical(tc_analyzer *analyzer, const char *text)
{
	tc_buf out = {0};
	if (tc_analyzer_normalize(analyzer, text, strlen(text), 0, &out) < 0) {
		tc_buf_free(&out);
		return NULL;
	}
	if (!out.data)
		return tc_strdup("");
	return tc_buf_steal(&out);
}

/* The first N words (letters only) of an article's title: "W1 W2 ...". */
static int title_words(const eval_article *a, size_t n, char *out, size_t size)
{
	size_t got = 0, len = 0;
	out[0] = '\0';
	for (const char *p = a->title; *p && got < n;) {
		size_t skip = strcspn(p, " ,.;:()\"'-/0123456789");
		if (skip == 0) {
			p++;
			continue;
		}
		if (len + skip + 2 > size)
			return 0;
		len += (size_t)snprintf(out + len, size - len, "%s%.*s", got ? " " : "", (int)skip, p);
		got++;
		p += skip;
	}
	return got == n;
}

/* Whether the article at INDEX holds every word of WORDS (canonical forms,
 * as substrings: a necessary condition for a match). */
static int holds_words(tc_analyzer *analyzer, const eval_corpus *corpus, size_t index, const char *words)
{
	const eval_article *a = &corpus->articles[index];
	tc_buf both = {0};
	tc_buf_printf(&both, "%s\n%s", a->title, a->body);
	char *text = canonical(analyzer, both.data), *want = canonical(analyzer, words);
	tc_buf_free(&both);
	int ok = text && want;
	for (char *save = NULL, *w = want ? strtok_r(want, " ", &save) : NULL; ok && w;
	     w = strtok_r(NULL, " ", &save))
		ok = strstr(text, w) != NULL;
	tc_free(text);
	tc_free(want);
	return ok;
}

typedef struct engine {
	const char *name;
	eval_system system;
} engine;

static tc_status counted(engine *e, eval_query_form form, const char *text, uint32_t bound, size_t *hits,
                         size_t *n, uint64_t *total)
{
	tc_error err = {0};
	eval_query q = {.form = form, .text = text, .count_bound = bound};
	tc_status st = e->system.search_counted(e->system.state, &q, hits, 10, n, total, &err);
	CHECK(st == TC_OK, "%s: '%s': %s", e->name, text, err.message);
	return st;
}

static void test_listings(engine *e, const eval_corpus *corpus)
{
	static const struct {
		int type;
		unsigned from, to;
	} cases[] = {{0, 2000, 2019}, {1, 2005, 2009}, {2, 2012, 2012}, {1, 2019, 2030}, {0, 1990, 1999}};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		eval_query q = {.form = EVAL_QUERY_LISTING,
		                .type_slug = types[cases[c].type],
		                .year_from = cases[c].from,
		                .year_to = cases[c].to};
		uint64_t expected = 0;
		for (size_t i = 0; i < corpus->count; i++) {
			const eval_article *a = &corpus->articles[i];
			expected += a->type_slug && !strcmp(a->type_slug, q.type_slug) &&
			            a->issue_date / 10000 >= q.year_from &&
			            a->issue_date / 10000 <= q.year_to;
		}
		size_t hits[10], n = 0;
		uint64_t total = 0;
		tc_error err = {0};
		tc_status st = e->system.search_counted(e->system.state, &q, hits, 10, &n, &total, &err);
		CHECK(st == TC_OK, "%s: listing: %s", e->name, err.message);
		CHECK(total == expected, "%s: listing %s %u..%u: total %llu, want %llu", e->name, q.type_slug,
		      q.year_from, q.year_to, (unsigned long long)total, (unsigned long long)expected);
		CHECK(n == (expected < 10 ? expected : 10), "%s: listing %s: %zu hits of %llu", e->name,
		      q.type_slug, n, (unsigned long long)expected);
		q.count_bound = 4;
		size_t bounded_hits[10], bounded_n = 0;
		uint64_t bounded = 0;
		CHECK(e->system.search_counted(e->system.state, &q, bounded_hits, 10, &bounded_n, &bounded,
		                               &err) == TC_OK,
		      "%s: listing: %s", e->name, err.message);
		CHECK(bounded == (expected < 4 ? expected : 4) && bounded_n == n,
		      "%s: listing %s up to 4: %llu, %zu hits", e->name, q.type_slug,
		      (unsigned long long)bounded, bounded_n);
		for (size_t i = 0; i < n; i++) {
			const eval_article *a = &corpus->articles[hits[i]];
			CHECK(a->type_slug && !strcmp(a->type_slug, q.type_slug) &&
			              a->issue_date / 10000 >= q.year_from &&
			              a->issue_date / 10000 <= q.year_to,
			      "%s: listing %s %u..%u: hit %zu (%s %u) does not match", e->name, q.type_slug,
			      q.year_from, q.year_to, hits[i], a->type_slug ? a->type_slug : "-",
			      a->issue_date);
			if (i)
				CHECK(corpus->articles[hits[i - 1]].issue_date >= a->issue_date,
				      "%s: listing %s: not newest first at %zu", e->name, q.type_slug, i);
		}
	}
}

/* Words, all words, phrase: the same text in the three forms. Returns the
 * total of the AND, or UINT64_MAX when a search failed. */
static uint64_t test_text(engine *e, tc_analyzer *analyzer, const eval_corpus *corpus, const char *words)
{
	size_t hits[10], or_hits[10], n = 0, or_n = 0, eval_n = 0;
	uint64_t and_total = 0, or_total = 0, phrase_total = 0;
	if (counted(e, EVAL_QUERY_ALL, words, 0, hits, &n, &and_total) != TC_OK ||
	    counted(e, EVAL_QUERY_WORDS, words, 0, or_hits, &or_n, &or_total) != TC_OK)
		return UINT64_MAX;
	CHECK(and_total >= 1, "%s: AND of '%s' (from a title) matches nothing", e->name, words);
	CHECK(and_total <= or_total, "%s: '%s': AND %llu > OR %llu", e->name, words,
	      (unsigned long long)and_total, (unsigned long long)or_total);
	CHECK(n == (and_total < 10 ? and_total : 10), "%s: AND of '%s': %zu hits of %llu", e->name, words, n,
	      (unsigned long long)and_total);
	for (size_t i = 0; i < n; i++)
		CHECK(holds_words(analyzer, corpus, hits[i], words),
		      "%s: AND of '%s': article %zu lacks a word", e->name, words, hits[i]);
	/* the quality evaluation's search: the same question, the same hits */
	size_t eval_hits[10];
	tc_error err = {0};
	CHECK(e->system.search(e->system.state, words, eval_hits, 10, &eval_n, &err) == TC_OK, "%s: %s",
	      e->name, err.message);
	CHECK(eval_n == or_n && !memcmp(eval_hits, or_hits, or_n * sizeof *or_hits),
	      "%s: '%s': counted search and search differ", e->name, words);
	/* a bounded count: the same hits, the total cut at the bound */
	size_t bounded_hits[10], bounded_n = 0;
	uint64_t bounded = 0;
	if (counted(e, EVAL_QUERY_WORDS, words, 7, bounded_hits, &bounded_n, &bounded) == TC_OK) {
		CHECK(bounded == (or_total < 7 ? or_total : 7), "%s: '%s': count up to 7 gave %llu of %llu",
		      e->name, words, (unsigned long long)bounded, (unsigned long long)or_total);
		CHECK(bounded_n == or_n && !memcmp(bounded_hits, or_hits, or_n * sizeof *or_hits),
		      "%s: '%s': a bounded count changed the hits", e->name, words);
	}
	if (counted(e, EVAL_QUERY_PHRASE, words, 0, hits, &n, &phrase_total) == TC_OK)
		CHECK(phrase_total <= and_total, "%s: phrase '%s' %llu > AND %llu", e->name, words,
		      (unsigned long long)phrase_total, (unsigned long long)and_total);
	return and_total;
}

int main(void)
{
	const char *sample = getenv("TRACUU_SAMPLE_CORPUS");
	if (!sample)
		check_skip("TRACUU_SAMPLE_CORPUS is not set");
	char path[4096], scratch[256];
	snprintf(path, sizeof path, "%s/alqac/law.json", sample);
	eval_corpus corpus = {0};
	tc_error err = {0};
	if (eval_corpus_load(path, &corpus, &err) != TC_OK) {
		fprintf(stderr, "%s\n", err.message);
		return 1;
	}
	give_metadata(&corpus);
	const char *tmp = getenv("TMPDIR");
	snprintf(scratch, sizeof scratch, "%s/test-peers-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(scratch)) {
		fprintf(stderr, "cannot create a scratch folder\n");
		return 1;
	}
	tc_analyzer *analyzer = tc_analyzer_new();
	engine engines[2] = {{.name = "xapian"}, {.name = "fts5"}};
	CHECK(eval_system_xapian_stock(&engines[0].system, NULL) == 0, "xapian: out of memory");
	CHECK(eval_system_fts5(&engines[1].system, NULL) == 0, "fts5: out of memory");
	for (int k = 0; k < 2; k++) {
		snprintf(path, sizeof path, "%s/%s", scratch, engines[k].name);
		CHECK(mkdir(path, 0777) == 0, "mkdir %s: %s", path, strerror(errno));
		CHECK(engines[k].system.build(engines[k].system.state, &corpus, path, &err) == TC_OK,
		      "%s: build: %s", engines[k].name, err.message);
		CHECK(engines[k].system.search_counted != NULL, "%s: no counted search", engines[k].name);
	}
	if (check_failed)
		goto done;
	for (int k = 0; k < 2; k++)
		test_listings(&engines[k], &corpus);
	/* words from titles spread over the file */
	size_t texts = 0;
	for (size_t i = 0; i < corpus.count && texts < 12; i += corpus.count / 12 + 1) {
		char words[256];
		if (!title_words(&corpus.articles[i], 2 + i % 2, words, sizeof words))
			continue;
		texts++;
		uint64_t totals[2];
		for (int k = 0; k < 2; k++)
			totals[k] = test_text(&engines[k], analyzer, &corpus, words);
		/* letters-only words: both tokenizers see the same words */
		CHECK(totals[0] == totals[1], "AND of '%s': xapian %llu, fts5 %llu", words,
		      (unsigned long long)totals[0], (unsigned long long)totals[1]);
	}
	CHECK(texts >= 6, "only %zu titles gave words", texts);
done:
	for (int k = 0; k < 2; k++)
		if (engines[k].system.free)
			engines[k].system.free(engines[k].system.state);
	tc_analyzer_free(analyzer);
	eval_corpus_free(&corpus);
	if (tc_remove_tree(scratch) != 0)
		fprintf(stderr, "cannot remove %s: %s\n", scratch, strerror(errno));
	return check_done("eval-peers");
}
