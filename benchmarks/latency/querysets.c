/* querysets.c - the data of the latency benchmark and the query sets drawn
 * from it (latency.h).
 *
 * Nothing is written by hand: words and pairs come from the headings of the
 * codified articles, questions from ALQAC, numbers and citations from the
 * codification's source notes, listings from the types and years of the
 * articles' sources. A fixed seed makes every run draw the same queries. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indexer.h"
#include "latency.h"

const char *const lat_shape_names[LAT_SHAPE_COUNT] = {
        "word", "phrase", "and3", "question", "unaccented", "number", "citation", "listing",
};

const char *const lat_shape_titles[LAT_SHAPE_COUNT] = {
        "one word",
        "two-syllable phrase",
        "AND of three words",
        "pasted question (ALQAC)",
        "the same without diacritics",
        "document number, loose spelling",
        "citation",
        "filter-only listing, newest first",
};

lat_shape lat_shape_parse(const char *name, size_t len)
{
	for (int s = 0; s < LAT_SHAPE_COUNT; s++)
		if (strlen(lat_shape_names[s]) == len && !strncmp(lat_shape_names[s], name, len))
			return (lat_shape)s;
	return LAT_SHAPE_COUNT;
}

int lat_shape_peer_approximate(lat_shape shape)
{
	return shape == LAT_NUMBER || shape == LAT_CITATION || shape == LAT_LISTING;
}

/* ---- loading ---- */

typedef struct load_ctx {
	lat_data *data;
	size_t article_cap, source_cap;
	tc_buf text;
} load_ctx;

static void count_problem(void *ctx, const tc_problem *problem)
{
	(void)problem;
	((lat_data *)ctx)->problems++;
}

static int grow(void **array, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t cap2 = *cap ? 2 * *cap : 1024;
	while (cap2 < need)
		cap2 *= 2;
	void *p = tc_realloc(*array, cap2 * size);
	if (!p)
		return -1;
	*array = p;
	*cap = cap2;
	return 0;
}

static const char *copy(tc_arena *arena, const char *s)
{
	return s ? tc_arena_strdup(arena, s) : NULL;
}

/* One codified article: its text for the peers, its sources for the query
 * sets. Returns non-zero (stop) when memory runs out. */
static int on_record(void *vctx, const tc_record *record)
{
	load_ctx *ctx = vctx;
	lat_data *data = ctx->data;
	if (record->kind != TC_RECORD_CODIFIED || !record->codified || !record->body)
		return 0;
	const tc_codified *cod = record->codified;
	if (grow((void **)&data->articles.articles, &ctx->article_cap, data->articles.count + 1,
	         sizeof *data->articles.articles) < 0)
		return 1;
	eval_article *a = &data->articles.articles[data->articles.count];
	memset(a, 0, sizeof *a);
	/* The text under the heading: the article node without its number and
	 * heading, which are the title. */
	tc_node body = *record->body;
	body.number = body.heading = NULL;
	tc_buf_reset(&ctx->text);
	if (tc_node_full_text(&body, &ctx->text) < 0)
		return 1;
	a->law_id = copy(data->arena, cod->demuc_number ? cod->demuc_number : "");
	a->article_id = copy(data->arena, cod->article_number ? cod->article_number : record->id);
	a->title = copy(data->arena, record->title ? record->title : "");
	a->body = tc_arena_strndup(data->arena, ctx->text.data ? ctx->text.data : "", ctx->text.len);
	if (!a->law_id || !a->article_id || !a->title || !a->body)
		return 1;
	data->articles.count++;

	/* the clause numbers, for "khoản K Điều N" */
	size_t clause_count = 0;
	for (const tc_node *c = record->body->first_child; c; c = c->next)
		clause_count += c->kind == TC_NODE_CLAUSE && c->number;
	const char **clauses =
	        clause_count ? tc_arena_alloc(data->arena, clause_count * sizeof *clauses) : NULL;
	if (clause_count && !clauses)
		return 1;
	size_t k = 0;
	for (const tc_node *c = record->body->first_child; c; c = c->next)
		if (c->kind == TC_NODE_CLAUSE && c->number && !(clauses[k++] = copy(data->arena, c->number)))
			return 1;

	for (size_t i = 0; i < cod->source_count; i++) {
		const tc_source_link *link = &cod->sources[i];
		if (link->relation != TC_SOURCE_ORIGINAL)
			continue;
		/* the article's type and date: its first original source's */
		if (!a->type_slug && link->doc_type != TC_TYPE_UNKNOWN && link->doc_type != TC_TYPE_OTHER &&
		    link->issue_date) {
			a->type_slug = tc_doc_type_slug(link->doc_type); /* a static string */
			a->issue_date = link->issue_date;
		}
		if (!link->doc_number)
			continue;
		if (grow((void **)&data->sources, &ctx->source_cap, data->source_count + 1,
		         sizeof *data->sources) < 0)
			return 1;
		lat_source *src = &data->sources[data->source_count];
		src->type = link->doc_type;
		src->number = copy(data->arena, link->doc_number);
		src->title = copy(data->arena, link->doc_title);
		src->article = copy(data->arena, link->article);
		src->clauses = clauses;
		src->clause_count = clause_count;
		if (!src->number || (link->doc_title && !src->title) || (link->article && !src->article))
			return 1;
		data->source_count++;
	}
	return 0;
}

static int is_question_file(const struct dirent *entry)
{
	size_t len = strlen(entry->d_name);
	return len > 5 && !strcmp(entry->d_name + len - 5, ".json") && strcmp(entry->d_name, "law.json") != 0;
}

/* Every question text of every question file of ALQAC (sorted by name). */
static tc_status load_questions(const char *alqac, lat_data *data, tc_error *err)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/law.json", alqac);
	eval_corpus law = {0};
	tc_status st = eval_corpus_load(path, &law, err);
	if (st != TC_OK)
		return st;
	struct dirent **entries = NULL;
	int n = scandir(alqac, &entries, is_question_file, alphasort);
	if (n < 0) {
		eval_corpus_free(&law);
		return tc_error_set(err, TC_ERR_IO, "%s: cannot list the folder", alqac);
	}
	size_t cap = 0;
	for (int i = 0; i < n && st == TC_OK; i++) {
		snprintf(path, sizeof path, "%s/%s", alqac, entries[i]->d_name);
		eval_question_file file = {0};
		st = eval_questions_load(path, &law, &file, err);
		for (size_t q = 0; st == TC_OK && q < file.count; q++) {
			if (grow((void **)&data->questions, &cap, data->question_count + 1,
			         sizeof *data->questions) < 0 ||
			    !(data->questions[data->question_count++] =
			              copy(data->arena, file.questions[q].text)))
				st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		}
		if (file.arena)
			eval_questions_free(&file);
	}
	for (int i = 0; i < n; i++)
		free(entries[i]);
	free(entries);
	eval_corpus_free(&law);
	if (st == TC_OK && !data->question_count)
		st = tc_error_set(err, TC_ERR_NOT_FOUND, "%s: no question file (*.json besides law.json)",
		                  alqac);
	return st;
}

tc_status lat_data_load(const char *phapdien, const char *alqac, lat_data *data, tc_error *err)
{
	memset(data, 0, sizeof *data);
	if (!(data->arena = tc_arena_new(1 << 22)))
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	load_ctx ctx = {.data = data};
	tc_load_options options = {.problem_fn = count_problem, .problem_ctx = data};
	tc_status st = tc_corpus_load(phapdien, &options, on_record, &ctx, NULL, err);
	tc_buf_free(&ctx.text);
	if (st == TC_ERR_ABORTED)
		st = tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", phapdien);
	if (st == TC_OK && !data->articles.count)
		st = tc_error_set(err, TC_ERR_NOT_FOUND,
		                  "%s: no codified article (is it a pháp điển folder?)", phapdien);
	if (st == TC_OK)
		st = load_questions(alqac, data, err);
	if (st != TC_OK)
		lat_data_free(data);
	return st;
}

void lat_data_free(lat_data *data)
{
	tc_free(data->articles.articles);
	tc_free(data->sources);
	tc_free(data->questions);
	tc_arena_free(data->arena);
	memset(data, 0, sizeof *data);
}

/* ---- drawing ---- */

/* splitmix64: small, and the same sequence everywhere. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static size_t pick(uint64_t *state, size_t n)
{
	return n ? (size_t)(next_random(state) % n) : 0;
}

/* The syllables of a heading, with their place in it. */
#define MAX_HEADING_TOKENS 64
typedef struct heading_token {
	size_t start, end;
	uint32_t position;
	unsigned flags;
	char form[48]; /* the canonical form (cut short: only compared) */
} heading_token;

typedef struct drawer {
	const lat_data *data;
	tc_analyzer *analyzer;
	tc_arena *arena;
	uint64_t random;
	heading_token tokens[MAX_HEADING_TOKENS];
	size_t token_count;
	tc_buf text, scratch, scratch2;
	const size_t *order; /* questions: the order they are drawn in */
	size_t next_question;
} drawer;

static int on_heading_token(void *ctx, const tc_token *token)
{
	drawer *d = ctx;
	if (token->kind != TC_TOKEN_SYLLABLE || (token->flags & TC_TOKEN_COLOCATED))
		return 0;
	if (d->token_count == MAX_HEADING_TOKENS)
		return 1;
	heading_token *t = &d->tokens[d->token_count++];
	t->start = token->start;
	t->end = token->end;
	t->position = token->position;
	t->flags = token->flags;
	size_t n = token->exact_len < sizeof t->form - 1 ? token->exact_len : sizeof t->form - 1;
	memcpy(t->form, token->exact, n);
	t->form[n] = '\0';
	return 0;
}

/* A random article's heading and its syllables; NULL when it has none. */
static const char *random_heading(drawer *d)
{
	const eval_article *a = &d->data->articles.articles[pick(&d->random, d->data->articles.count)];
	d->token_count = 0;
	tc_status st = tc_analyzer_run(d->analyzer,
	                               TC_ANALYZE_QUERY | TC_ANALYZE_NO_BIGRAMS | TC_ANALYZE_NO_DOC_NUMBERS |
	                                       TC_ANALYZE_NO_CITATIONS | TC_ANALYZE_NO_DATES,
	                               a->title, strlen(a->title), on_heading_token, d, NULL, NULL);
	return (st == TC_OK || st == TC_ERR_ABORTED) && d->token_count ? a->title : NULL;
}

static int append_token(drawer *d, const char *heading, const heading_token *t)
{
	return tc_buf_printf(&d->text, "%s%.*s", d->text.len ? " " : "", (int)(t->end - t->start),
	                     heading + t->start);
}

/* Each drawer fills d->text with the query's words (the peers' text) and Q
 * with the rest; 1: drawn, 0: try again, -1: out of memory. */

static int draw_word(drawer *d, lat_query *q)
{
	const char *heading = random_heading(d);
	if (!heading)
		return 0;
	if (append_token(d, heading, &d->tokens[pick(&d->random, d->token_count)]) < 0)
		return -1;
	q->peer.form = EVAL_QUERY_WORDS;
	return 1;
}

static int draw_phrase(drawer *d, lat_query *q)
{
	const char *heading = random_heading(d);
	if (!heading)
		return 0;
	size_t pairs[MAX_HEADING_TOKENS], n = 0;
	/* two syllables side by side in one clause of the heading */
	for (size_t i = 0; i + 1 < d->token_count; i++)
		if (d->tokens[i + 1].position == d->tokens[i].position + 1 &&
		    !(d->tokens[i + 1].flags & TC_TOKEN_CLAUSE_START))
			pairs[n++] = i;
	if (!n)
		return 0;
	size_t i = pairs[pick(&d->random, n)];
	if (append_token(d, heading, &d->tokens[i]) < 0 || append_token(d, heading, &d->tokens[i + 1]) < 0)
		return -1;
	q->peer.form = EVAL_QUERY_PHRASE;
	return 1;
}

static int draw_and3(drawer *d, lat_query *q)
{
	const char *heading = random_heading(d);
	if (!heading)
		return 0;
	size_t chosen[3], n = 0;
	for (int tries = 0; n < 3 && tries < 32; tries++) {
		size_t i = pick(&d->random, d->token_count);
		int repeated = 0;
		for (size_t k = 0; k < n; k++)
			repeated |= !strcmp(d->tokens[chosen[k]].form, d->tokens[i].form);
		if (!repeated)
			chosen[n++] = i;
	}
	if (n < 3)
		return 0;
	/* in the heading's order, as someone would type them */
	for (size_t a = 0; a < 3; a++)
		for (size_t b = a + 1; b < 3; b++)
			if (chosen[b] < chosen[a]) {
				size_t t = chosen[a];
				chosen[a] = chosen[b];
				chosen[b] = t;
			}
	for (size_t k = 0; k < 3; k++)
		if (append_token(d, heading, &d->tokens[chosen[k]]) < 0)
			return -1;
	q->peer.form = EVAL_QUERY_ALL;
	return 1;
}

static int draw_question(drawer *d, lat_query *q, int fold)
{
	if (d->next_question >= d->data->question_count)
		return 0;
	const char *text = d->data->questions[d->order[d->next_question++]];
	if (fold) {
		if (tc_analyzer_normalize(d->analyzer, text, strlen(text), 1, &d->scratch) < 0)
			return -1;
		text = d->scratch.data ? d->scratch.data : "";
	}
	if (tc_buf_append_str(&d->text, text) < 0)
		return -1;
	q->peer.form = EVAL_QUERY_WORDS;
	return 1;
}

/* "52/2015" of "52/2015/NĐ-CP": the length up to the year's end, or 0 when
 * the number has no year (laws' and decrees' numbers have one). */
static size_t number_with_year(const char *number)
{
	const char *slash = strchr(number, '/');
	if (!slash || slash == number)
		return 0;
	for (int i = 1; i <= 4; i++)
		if (slash[i] < '0' || slash[i] > '9')
			return 0;
	return slash[5] == '/' ? (size_t)(slash + 5 - number) : 0;
}

static const lat_source *random_source(drawer *d, int need_article)
{
	const lat_source *s = &d->data->sources[pick(&d->random, d->data->source_count)];
	if (s->type == TC_TYPE_UNKNOWN || s->type == TC_TYPE_OTHER || !number_with_year(s->number))
		return NULL;
	if (need_article && (!s->article || !strstr(s->article, "Điều ")))
		return NULL;
	return s;
}

/* The three spellings people type: "nd 52/2015", "52/2015/ND-CP",
 * "Nghị định 52/2015". */
static int draw_number(drawer *d, lat_query *q)
{
	const lat_source *s = d->data->source_count ? random_source(d, 0) : NULL;
	if (!s)
		return 0;
	int short_len = (int)number_with_year(s->number);
	const char *name = tc_doc_type_name(s->type), *abbrev = tc_doc_type_abbrev(s->type);
	int rc = 0;
	switch (pick(&d->random, 3)) {
	case 0: /* the abbreviation (or for a law, its name) without marks */
		rc = tc_analyzer_normalize(d->analyzer, *abbrev ? abbrev : name,
		                           strlen(*abbrev ? abbrev : name), 1, &d->scratch);
		if (rc == 0)
			rc = tc_buf_printf(&d->text, "%s %.*s", d->scratch.data, short_len, s->number);
		break;
	case 1: /* the whole number without marks, in capitals */
		if (tc_doc_number_normalize(s->number, strlen(s->number), 1, &d->scratch) < 0)
			return 0;
		for (size_t i = 0; i < d->scratch.len; i++)
			if (d->scratch.data[i] >= 'a' && d->scratch.data[i] <= 'z')
				d->scratch.data[i] = (char)(d->scratch.data[i] - 'a' + 'A');
		rc = tc_buf_append_str(&d->text, d->scratch.data);
		break;
	default: /* the type's name and the number's first part */
		rc = tc_buf_printf(&d->text, "%s %.*s", name, short_len, s->number);
	}
	if (rc < 0)
		return -1;
	q->peer.form = EVAL_QUERY_WORDS;
	return 1;
}

/* Whether TITLE already begins with the type's NAME ("Luật Thanh niên", not
 * "Thanh niên"), compared without marks or case. -1: out of memory. */
static int titled_by_type(drawer *d, const char *title, const char *name)
{
	if (tc_analyzer_normalize(d->analyzer, title, strlen(title), 1, &d->scratch) < 0 ||
	    tc_analyzer_normalize(d->analyzer, name, strlen(name), 1, &d->scratch2) < 0)
		return -1;
	return d->scratch.len >= d->scratch2.len &&
	       !memcmp(d->scratch.data, d->scratch2.data, d->scratch2.len) &&
	       (d->scratch.len == d->scratch2.len || d->scratch.data[d->scratch2.len] == ' ');
}

/* "khoản 2 Điều 5 Nghị định 52/2015/NĐ-CP" or "Điều 3 Luật Thanh niên". */
static int draw_citation(drawer *d, lat_query *q)
{
	const lat_source *s = d->data->source_count ? random_source(d, 1) : NULL;
	if (!s)
		return 0;
	/* the note's article up to the end of its number: "Điều 5",
	 * "khoản 2 Điều 3" */
	const char *dieu = strstr(s->article, "Điều ");
	const char *number = dieu + strlen("Điều ");
	int number_len = (int)strcspn(number, " ,.;:)");
	int cite_len = (int)(number + number_len - s->article);
	const char *name = tc_doc_type_name(s->type);
	int rc;
	/* laws are cited by name; other documents' titles are descriptions
	 * ("Quy định chi tiết ..."), cited by number */
	int by_name = s->type == TC_TYPE_LUAT || s->type == TC_TYPE_BO_LUAT || s->type == TC_TYPE_PHAP_LENH ||
	              s->type == TC_TYPE_HIEN_PHAP;
	if (by_name && s->title && *s->title && pick(&d->random, 2)) {
		/* "Điều 3 Luật Thanh niên" */
		int titled = titled_by_type(d, s->title, name);
		if (titled < 0)
			return -1;
		int title_len = (int)strlen(s->title);
		while (title_len && (s->title[title_len - 1] == '.' || s->title[title_len - 1] == ' '))
			title_len--;
		rc = tc_buf_printf(&d->text, "Điều %.*s %s%s%.*s", number_len, number, titled ? "" : name,
		                   titled ? "" : " ", title_len, s->title);
	} else if (dieu == s->article && s->clause_count) {
		/* a clause of a whole codified article: it has the source
		 * article's clauses */
		rc = tc_buf_printf(&d->text, "khoản %s %.*s %s %s",
		                   s->clauses[pick(&d->random, s->clause_count)], cite_len, s->article, name,
		                   s->number);
	} else {
		rc = tc_buf_printf(&d->text, "%.*s %s %s", cite_len, s->article, name, s->number);
	}
	if (rc < 0)
		return -1;
	q->peer.form = EVAL_QUERY_WORDS;
	return 1;
}

static int draw_listing(drawer *d, lat_query *q)
{
	const eval_article *a = &d->data->articles.articles[pick(&d->random, d->data->articles.count)];
	if (!a->type_slug || !a->issue_date)
		return 0;
	unsigned year = a->issue_date / 10000;
	/* a span of up to seven years around an article's year */
	unsigned from = year - (unsigned)pick(&d->random, 4), to = year + (unsigned)pick(&d->random, 4);
	if (tc_buf_printf(&d->text, "loai:%s nam:%u..%u", a->type_slug, from, to) < 0)
		return -1;
	q->peer.form = EVAL_QUERY_LISTING;
	q->peer.type_slug = a->type_slug;
	q->peer.year_from = from;
	q->peer.year_to = to;
	return 1;
}

/* FNV-1a of the canonical form of a query: drawn queries are distinct. */
static uint64_t query_key(drawer *d, const char *text)
{
	uint64_t h = 0xcbf29ce484222325u;
	const char *s = text;
	size_t len = strlen(text);
	if (tc_analyzer_normalize(d->analyzer, text, len, 0, &d->scratch) == 0) {
		s = d->scratch.data ? d->scratch.data : "";
		len = d->scratch.len;
	}
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
	return h;
}

tc_status lat_make_queries(const lat_data *data, lat_shape shape, size_t count, uint64_t seed,
                           tc_analyzer *analyzer, tc_arena *arena, lat_query_set *set, tc_error *err)
{
	memset(set, 0, sizeof *set);
	/* the unaccented questions are the questions: the same stream */
	lat_shape stream = shape == LAT_UNACCENTED ? LAT_QUESTION : shape;
	drawer d = {.data = data,
	            .analyzer = analyzer,
	            .arena = arena,
	            .random = seed * 1000003u + (uint64_t)stream};
	size_t *order = NULL;
	uint64_t *keys = tc_calloc(count + 1, sizeof *keys);
	set->queries = tc_arena_calloc(arena, (count + 1) * sizeof *set->queries);
	if (!keys || !set->queries)
		goto nomem;
	if (shape == LAT_QUESTION || shape == LAT_UNACCENTED) {
		/* a shuffle of all questions (Fisher-Yates), drawn in order */
		if (!(order = tc_malloc((data->question_count + 1) * sizeof *order)))
			goto nomem;
		for (size_t i = 0; i < data->question_count; i++)
			order[i] = i;
		for (size_t i = data->question_count; i > 1; i--) {
			size_t j = pick(&d.random, i), t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
		d.order = order;
	}
	/* Enough tries for the rarer shapes; the data runs out before this
	 * does (questions: 530). */
	for (size_t tries = 0; set->count < count && tries < 1000 * (count + 10); tries++) {
		lat_query q = {0};
		tc_buf_reset(&d.text);
		int rc;
		switch (shape) {
		case LAT_WORD: rc = draw_word(&d, &q); break;
		case LAT_PHRASE: rc = draw_phrase(&d, &q); break;
		case LAT_AND3: rc = draw_and3(&d, &q); break;
		case LAT_QUESTION: rc = draw_question(&d, &q, 0); break;
		case LAT_UNACCENTED: rc = draw_question(&d, &q, 1); break;
		case LAT_NUMBER: rc = draw_number(&d, &q); break;
		case LAT_CITATION: rc = draw_citation(&d, &q); break;
		default: rc = draw_listing(&d, &q); break;
		}
		if (rc < 0)
			goto nomem;
		if (rc == 0) {
			if ((shape == LAT_QUESTION || shape == LAT_UNACCENTED) &&
			    d.next_question >= data->question_count)
				break;
			continue;
		}
		const char *words = d.text.data ? d.text.data : "";
		uint64_t key = query_key(&d, words);
		int seen = 0;
		for (size_t i = 0; i < set->count && !seen; i++)
			seen = keys[i] == key;
		if (seen)
			continue;
		keys[set->count] = key;
		q.peer.text = q.peer.form == EVAL_QUERY_LISTING ? NULL : tc_arena_strdup(arena, words);
		/* tracuu's phrase syntax is the quotes; otherwise it reads what
		 * a user types */
		q.text = shape == LAT_PHRASE ? tc_arena_printf(arena, "\"%s\"", words)
		                             : tc_arena_strdup(arena, words);
		if (!q.text || (q.peer.form != EVAL_QUERY_LISTING && !q.peer.text))
			goto nomem;
		set->queries[set->count++] = q;
	}
	tc_free(keys);
	tc_free(order);
	tc_buf_free(&d.text);
	tc_buf_free(&d.scratch);
	tc_buf_free(&d.scratch2);
	return TC_OK;
nomem:
	tc_free(keys);
	tc_free(order);
	tc_buf_free(&d.text);
	tc_buf_free(&d.scratch);
	tc_buf_free(&d.scratch2);
	return tc_error_set(err, TC_ERR_NOMEM, "out of memory drawing the %s queries",
	                    lat_shape_names[shape]);
}
