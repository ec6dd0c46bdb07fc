/* rank.c - running a built query: Xapian enquires (BM25 or a boolean
 * count, collapsed to one hit an article, date orders, the facet spies),
 * counting matches exactly or "at least", and relevance ranking of
 * articles in two stages (candidates on the articles' own entries, then
 * their clauses and points); and the default ranking weights. */
#include <string.h>

#include "query-private.h"

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
	r->doc_title_weight = 1.0;
	r->number_weight = 100.0;
	r->name_weight = 1000.0;
	r->citation_weight = 200.0;
	r->definition_weight = 50.0;
	r->and_max_words = 4;
	r->common_share = 0.1;
	/* A pasted question of more distinct words than this picks its
	 * candidates by its rarest 32 (select_words), and the second stage
	 * ranks them by all of them: ALQAC's figures the same to the third
	 * decimal as with every word (28 lowered unverified recall@10 0.963
	 * -> 0.960 without marks, 16 with marks 0.963 -> 0.958), the p99 of a
	 * question at all half (124 -> 65 ms): the longest questions' first
	 * stage was an OR of up to 64 words and their pairs. */
	r->first_stage_words = 32;
	(void)target;
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
uint32_t tc__count_of(const xc_mset *mset, int *exact)
{
	uint32_t lower = xc_mset_matches_lower(mset), upper = xc_mset_matches_upper(mset);
	*exact = lower == upper;
	return lower;
}

/* The one kind of article TARGET searches, -1 for all of them. */
static int target_kind(tc_target target)
{
	switch (target) {
	case TC_TARGET_DOCS: return TC_DB_DOCS;
	case TC_TARGET_PROVISIONS: return TC_DB_PROVISIONS;
	case TC_TARGET_CODIFIED: return TC_DB_CODIFIED;
	case TC_TARGET_ALL: break;
	}
	return -1;
}

/* Count the matches of Q in the record and article databases of OPTIONS'
 * target (one entry per article) into *TOTAL: exactly up to count_check, "at least" past
 * it (*EXACT cleared). tc_search counts here when it must count exactly (a
 * bounded total comes from the ranking run, tc__rank). Each database on its own, the counts summed: Xapian
 * stops a boolean count early on one database, never on several. */
tc_status tc__count_matches(tc_searcher *s, xc_query *q, const tc_search_options *options,
                            const tc_ranking *r, uint32_t *total, int *exact, tc_error *err)
{
	/* the largest first: a broad query passes the bound there */
	static const tc_db_kind all[] = {TC_DB_CODIFIED, TC_DB_PROVISIONS, TC_DB_DOCS};
	tc_db_kind one[1];
	const tc_db_kind *kinds = all;
	size_t n = 3;
	if (target_kind(options->target) >= 0)
		one[0] = (tc_db_kind)target_kind(options->target), kinds = one, n = 1;
	uint32_t check = count_check(options);
	*total = 0;
	*exact = 1;
	for (size_t i = 0; i < n; i++) {
		xc_enquire *enquire = NULL;
		xc_mset *mset = NULL;
		/* Xapian's bounds from the term statistics alone are often exact
		 * (one word, a filter): then nothing need be counted */
		tc_status st = tc__run_enquire(s->readers[kinds[i]], q, options, r, 1, 0, 0, NULL, &enquire,
		                               &mset, err);
		int db_exact = 0;
		uint32_t count = st == TC_OK ? tc__count_of(mset, &db_exact) : 0;
		if (st == TC_OK && !db_exact) {
			xc_mset_free(mset);
			xc_enquire_free(enquire);
			mset = NULL;
			enquire = NULL;
			st = tc__run_enquire(s->readers[kinds[i]], q, options, r, 1, 0, check, NULL, &enquire,
			                     &mset, err);
			if (st == TC_OK)
				count = tc__count_of(mset, &db_exact);
		}
		if (st != TC_OK)
			return st;
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
tc_status tc__run_enquire(xc_reader *reader, xc_query *q, const tc_search_options *options,
                          const tc_ranking *r, int count_only, int collapse, uint32_t check, int spies[6],
                          xc_enquire **enquire_out, xc_mset **mset, tc_error *err)
{
	xc_enquire *enquire = NULL;
	tc_status st = xc_enquire_new(reader, &enquire, err);
	if (st == TC_OK)
		st = xc_enquire_set_query(enquire, q, err);
	xc_bm25_params bm25 = {.k1 = r->k1, .k2 = 0, .k3 = 1, .b = r->b, .min_normlen = 0.5};
	/* A count weighs nothing: the optional parts of the query (bigrams,
	 * question words, the boosts) then cost no postlist reads. */
	if (st == TC_OK)
		st = count_only ? xc_enquire_set_bool_weight(enquire, err)
		                : xc_enquire_set_bm25(enquire, &bm25, err);
	/* An article and its clauses are one hit: the best of them. */
	if (st == TC_OK && collapse)
		st = xc_enquire_set_collapse(enquire, TC_SLOT_ARTICLE, 1, err);
	/* a count needs no order (and a boolean count in docid order stops
	 * early) */
	if (st == TC_OK && !count_only && options->sort != TC_SORT_RELEVANCE)
		st = xc_enquire_set_sort(enquire, TC_SLOT_ISSUE_DATE, options->sort == TC_SORT_NEWEST, err);
	static const unsigned facet_slots[6] = {TC_SLOT_TYPE,     TC_SLOT_ISSUER, TC_SLOT_YEAR,
	                                        TC_SLOT_VALIDITY, TC_SLOT_TOPIC,  TC_SLOT_PROVINCE};
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

/* The total of a ranking run that looked at CHECK matches at least: exact
 * (*EXACT set) up to CHECK, else "at least CHECK". Past CHECK, how many
 * more a run happened to see depends on the order of the documents (an
 * index updated in place and one built afresh would say other numbers for
 * the same entries), so it is not shown. */
static uint32_t bounded_count(const xc_mset *mset, uint32_t check, int *exact)
{
	uint32_t count = tc__count_of(mset, exact);
	return !*exact && count > check ? check : count;
}

/* The first stage of ranking keeps at least this many articles (or the
 * page's end and two more): ranked on the articles' own entries, which
 * hold all of their text, so that the second stage, which ranks the
 * candidates on those entries and their clauses and points, reads only
 * their entries. An article's own entry holds all of its words, so the
 * best articles by their parts are among the best by themselves: 20, 50,
 * 100 or 200 candidates gave the same ALQAC figures (MRR@10 0.953 / 0.900)
 * and definition lookups; 12 (the page's end + 2 beyond it) gives the same
 * ALQAC MRR@10 and recall@10, navigational hit@1 (0.984) and definition
 * hit@1 (0.945 on 600 terms), and each candidate fewer is a term fewer
 * for the second stage to look up in each of its databases (one word
 * 1.72 -> 1.53 ms p50 at all). */
#define TC_RANK_CANDIDATES 12

/* Rank Q for OPTIONS into *MSET (and its *ENQUIRE): one entry per article,
 * the best of the article's own entry and its parts (then "matched_clause"
 * names the part). Relevance ranking of articles goes in two stages (see
 * TC_RANK_CANDIDATES), the first on LEAN (the query without the boosts
 * that only order candidates; NULL: Q); a clause that defines the term a
 * question asks about joins the candidates whatever the first stage found
 * (constant_in_parts, build.c). Documents and date orders need no second stage: their entries
 * have no parts, and a date order reads every match anyway. */
tc_status tc__rank(tc_searcher *s, builder *b, xc_query *q, xc_query *lean, const tc_search_options *options,
                   uint32_t *total, int *exact, xc_enquire **enquire, xc_mset **mset, tc_error *err)
{
	/* the run on the articles' own entries counts them too: Xapian looks
	 * at this many matches at least (a count up to it is exact), and
	 * no second run reads the query's postings again */
	uint32_t check = total ? TC_TOTAL_EXACT_UP_TO : 0;
	if (options->target == TC_TARGET_DOCS || options->sort != TC_SORT_RELEVANCE ||
	    options->whole_articles) {
		tc_status st = tc__run_enquire(s->articles[options->target], q, options, &b->r, 0, 0, check,
		                               NULL, enquire, mset, err);
		if (st == TC_OK && total)
			*total = bounded_count(*mset, check, exact);
		return st;
	}
	uint32_t end = options->offset + options->limit;
	tc_search_options first = *options;
	first.offset = 0;
	first.limit = end + 2 > TC_RANK_CANDIDATES ? end + 2 : TC_RANK_CANDIDATES;
	xc_enquire *first_enquire = NULL;
	xc_mset *candidates = NULL;
	tc_status st = tc__run_enquire(s->articles[options->target], lean ? lean : q, &first, &b->r, 0, 0,
	                               check, NULL, &first_enquire, &candidates, err);
	if (st == TC_OK && total)
		*total = bounded_count(candidates, check, exact);
	/* the candidates' entries: each article's and its parts', by the
	 * article id they share (terms that only filter: no statistics are
	 * gathered for them, xc_query_any_term) */
	uint32_t n = xc_mset_size(candidates);
	const char **terms = tc_arena_alloc(s->arena, (n ? n : 1) * sizeof *terms);
	size_t *lens = tc_arena_alloc(s->arena, (n ? n : 1) * sizeof *lens);
	size_t count = 0;
	if (!terms || !lens)
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	/* the kinds of the candidates, and their ids in their own databases:
	 * a database of several interleaves their document ids (Xapian: the
	 * Nth database's document d is (d - 1) * databases + N + 1 in all;
	 * the target all's databases are the kinds in their order) */
	int only = target_kind(options->target);
	xc_docid *own = tc_arena_alloc(s->arena, TC_DB_ARTICLE_KINDS * (n ? n : 1) * sizeof *own);
	size_t owned[TC_DB_ARTICLE_KINDS] = {0};
	if (!own)
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	for (uint32_t i = 0; st == TC_OK && i < n; i++) {
		xc_docid docid = xc_mset_docid(candidates, i);
		int kind = only;
		if (kind < 0) {
			kind = (int)((docid - 1) % TC_DB_ARTICLE_KINDS);
			docid = (docid - 1) / TC_DB_ARTICLE_KINDS + 1;
		}
		own[(size_t)kind * n + owned[kind]++] = docid;
		char *article = NULL;
		size_t len = 0;
		st = xc_mset_value(candidates, i, TC_SLOT_ARTICLE, &article, &len, err);
		if (st == TC_OK && len && len + strlen(TC_PREFIX_ARTICLE_ID) <= XC_MAX_TERM_LENGTH) {
			json_object_setn_new(b->candidates, article, len,
			                     json_integer(xc_mset_docid(candidates, i)));
			char *term = tc_arena_printf(s->arena, "%s%.*s", TC_PREFIX_ARTICLE_ID, (int)len, article);
			if (!term)
				st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
			else
				terms[count] = term, lens[count++] = strlen(term);
		}
		tc_free(article);
	}
	xc_mset_free(candidates);
	xc_enquire_free(first_enquire);
	/* in the target's databases of articles, the candidates are the
	 * entries that hold their ids: no lookup of those there, only in the
	 * parts' databases */
	xc_known_docs known[TC_DB_ARTICLE_KINDS];
	size_t nknown = 0;
	unsigned kinds = 0; /* the kinds of the candidates */
	for (int kind = 0; kind < TC_DB_ARTICLE_KINDS; kind++) {
		kinds |= owned[kind] ? 1u << kind : 0;
		if (only < 0 || only == kind)
			known[nknown++] = (xc_known_docs){
			        .uuid = s->uuids[kind], .docids = own ? own + (size_t)kind * n : NULL, .n = owned[kind]};
	}
	qlist ids = {0};
	if (st == TC_OK && b->status == TC_OK) {
		xc_query *any = NULL;
		b->status = xc_query_any_term(terms, lens, count, known, nknown, &any, b->err);
		tc__qlist_add(b, &ids, any);
	}
	for (size_t i = 0; st == TC_OK && b->status == TC_OK && i < b->specials.count; i++) {
		xc_query *copy = NULL;
		b->status = xc_query_clone(b->specials.items[i], &copy, b->err);
		tc__qlist_add(b, &ids, copy);
	}
	xc_query *wanted = NULL;
	if (st == TC_OK && b->status == TC_OK)
		b->status = xc_query_combine(XC_OP_OR, ids.items, ids.count, 0, &wanted, err);
	tc__qlist_clear(&ids);
	xc_query *second = NULL;
	xc_query *pair[2] = {q, wanted};
	if (st == TC_OK && b->status == TC_OK)
		b->status = xc_query_combine(XC_OP_FILTER, pair, 2, 0, &second, err);
	xc_query_free(wanted);
	if (st == TC_OK && b->status != TC_OK)
		st = b->status;
	/* The second stage reads the databases that hold the candidates (and
	 * their parts) only: every term of the query is looked up in each
	 * database it runs on. A clause that defines the asked term
	 * (b->specials) may be in any. */
	xc_reader *entries = s->entries[options->target];
	if (st == TC_OK && options->target == TC_TARGET_ALL && !b->specials.count)
		st = tc__entries_of(s, kinds, &entries, err);
	if (st == TC_OK)
		st = tc__run_enquire(entries, second, options, &b->r, 0, 1, 0, NULL, enquire, mset, err);
	xc_query_free(second);
	return st;
}
