/* bench_check.c - what `tracuu check` is worth on the real data (README.md
 * here): overlaps (a codified article's source article given as the draft:
 * is that codified article first? and back, a codified article's text: is
 * its source provision first? and the amending clauses of the Công báo
 * decrees: is the provision they amend found?), citations (every citation
 * recognized in the Công báo documents: the share resolved, the misses by
 * cause, a sample to judge by hand and the precision of the verdicts on
 * the judged ones), and the time a 20-article draft takes. */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "check.h"
#include "indexer.h"

typedef struct options {
	const char *db, *phapdien, *congbao, *alqac, *gold, *sample_out, *json_out;
	size_t draw, sample;
	uint64_t seed;
	int overlap, amend, citations, speed;
} options;

/* ---- a fixed-seed draw (splitmix64) ---- */

static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void shuffle(size_t *v, size_t n, uint64_t seed)
{
	uint64_t state = seed;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(next_random(&state) % i);
		size_t t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The thread's CPU time: what the load of other processes on the machine
 * does not inflate. */
static double cpu_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *str(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

/* ---- the codified articles and their sources ---- */

typedef struct cod {
	char *id;
	char *number;  /* the original source's normalized number */
	char *article; /* its article, ASCII lowercase ("5a") */
	char *title;   /* the source document's type and title, folded */
} cod;

typedef struct cods {
	cod *v;
	size_t n, cap;
	tc_analyzer *analyzer;
	tc_buf norm, folded;
} cods;

static int on_codified(void *vctx, const tc_record *r)
{
	cods *c = vctx;
	if (r->kind != TC_RECORD_CODIFIED || !r->codified)
		return 0;
	const tc_source_link *link = NULL;
	for (size_t i = 0; i < r->codified->source_count && !link; i++)
		if (r->codified->sources[i].relation == TC_SOURCE_ORIGINAL)
			link = &r->codified->sources[i];
	size_t n = 0;
	const char *dieu = link ? tc_cited_article_number(link->article, &n) : NULL;
	if (!link || !link->doc_number || !dieu ||
	    tc_doc_number_normalize(link->doc_number, strlen(link->doc_number), 0, &c->norm) < 0)
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4096;
		c->v = realloc(c->v, c->cap * sizeof *c->v);
	}
	cod *x = &c->v[c->n++];
	x->id = strdup(r->id);
	x->number = strdup(c->norm.data);
	x->article = strndup(dieu, n);
	tc_ascii_lower(x->article, n);
	tc_buf title = {0};
	const char *type = link->doc_type != TC_TYPE_UNKNOWN ? tc_doc_type_name(link->doc_type) : "";
	const char *t = link->doc_title ? link->doc_title : "";
	tc_buf_printf(&title, "%s %s", type, t);
	tc_analyzer_normalize(c->analyzer, title.data, title.len, 1, &c->folded);
	/* "Luật Luật Thanh niên": the title may hold its type already */
	const char *folded = c->folded.data ? c->folded.data : "";
	tc_buf_reset(&c->norm);
	tc_analyzer_normalize(c->analyzer, type, strlen(type), 1, &c->norm);
	size_t tn = c->norm.len;
	if (tn && !strncmp(folded, c->norm.data, tn) && !strncmp(folded + tn + 1, c->norm.data, tn))
		folded += tn + 1;
	x->title = strdup(folded);
	tc_buf_free(&title);
	return 0;
}

static void quiet(void *ctx, const tc_problem *p)
{
	(void)ctx;
	(void)p;
}

/* ---- overlaps ---- */

typedef struct pool_item {
	size_t cod;      /* the codified article */
	char *draft;     /* the source article's text, as a draft */
	char *source_id; /* the source provision's id (Công báo) or "alqac/<law>/<n>" */
	int congbao;
} pool_item;

/* The rank (1-based) in OVERLAPS of an overlap that comes from the same
 * source article as C, 0 when none does. */
static int rank_of_codified(json_t *overlaps, const cod *c, tc_buf *norm)
{
	size_t i;
	json_t *o;
	int rank = 0;
	json_array_foreach(overlaps, i, o)
	{
		if (strcmp(str(o, "kind"), "codified"))
			continue;
		rank++;
		json_t *src = json_object_get(o, "source");
		size_t n = 0;
		const char *dieu = tc_cited_article_number(str(src, "article"), &n);
		const char *number = str(src, "doc_number");
		tc_buf_reset(norm);
		if (!strcmp(str(o, "id"), c->id))
			return rank;
		if (dieu && n == strlen(c->article) && !strncasecmp(dieu, c->article, n) &&
		    tc_doc_number_normalize(number, strlen(number), 0, norm) == 0 &&
		    !strcmp(norm->data, c->number))
			return rank;
	}
	return 0;
}

static int rank_of_id(json_t *overlaps, const char *id, const char *kind)
{
	size_t i;
	json_t *o;
	int rank = 0;
	json_array_foreach(overlaps, i, o)
	{
		if (kind && strcmp(str(o, "kind"), kind))
			continue;
		rank++;
		if (!strcmp(str(o, "id"), id))
			return rank;
	}
	return 0;
}

/* The overlaps of the last article of a report (a draft of one article,
 * perhaps after a header). */
static json_t *overlaps_of(json_t *report)
{
	json_t *articles = json_object_get(report, "articles");
	json_t *all = json_array();
	size_t i;
	json_t *a;
	json_array_foreach(articles, i, a) json_array_extend(all, json_object_get(a, "overlaps"));
	return all;
}

typedef struct ranks {
	size_t n, hit1, hit5, missing;
	double mrr;
	double seconds, cpu;
} ranks;

static void add_rank(ranks *r, int rank)
{
	r->n++;
	r->hit1 += rank == 1;
	r->hit5 += rank >= 1 && rank <= 5;
	r->mrr += rank >= 1 && rank <= 10 ? 1.0 / rank : 0;
	r->missing += rank == 0;
}

static json_t *ranks_json(const ranks *r)
{
	double n = r->n ? (double)r->n : 1;
	return json_pack("{s:I, s:f, s:f, s:f, s:I, s:f, s:f}", "drafts", (json_int_t)r->n, "hit@1",
	                 r->hit1 / n, "hit@5", r->hit5 / n, "mrr@10", r->mrr / n, "not_in_10",
	                 (json_int_t)r->missing, "seconds_per_draft", r->seconds / n, "cpu_seconds_per_draft",
	                 r->cpu / n);
}

/* A map from a normalized number to the id of the indexed document. */
typedef struct doc_ids {
	json_t *map;
} doc_ids;

static int on_doc_id(void *vctx, const char *id, size_t len)
{
	doc_ids *d = vctx;
	if (len >= 4 && !strncmp(id, "src/", 4))
		return 0;
	char *copy = strndup(id, len);
	char *at = strchr(copy, '@');
	if (at)
		*at = '\0';
	json_object_set_new(d->map, copy, json_stringn(id, len));
	free(copy);
	return 0;
}

static json_t *bench_overlap(tc_searcher *s, const options *o, cods *cs)
{
	json_t *out = json_object();
	/* the sources the data has the text of: ALQAC's laws, by name (the
	 * version most codified articles come from), and the indexed Công báo
	 * documents' provisions */
	json_error_t jerr;
	json_t *laws = o->alqac ? json_load_file(o->alqac, 0, &jerr) : NULL;
	json_t *law_numbers = json_object(); /* folded name → number */
	size_t i;
	json_t *law;
	json_array_foreach(laws, i, law)
	{
		tc_buf name = {0};
		tc_analyzer_normalize(cs->analyzer, str(law, "id"), strlen(str(law, "id")), 1, &name);
		json_t *counts = json_object();
		for (size_t k = 0; k < cs->n; k++)
			if (!strcmp(cs->v[k].title, name.data)) {
				json_t *c = json_object_get(counts, cs->v[k].number);
				json_object_set_new(counts, cs->v[k].number,
				                    json_integer(c ? json_integer_value(c) + 1 : 1));
			}
		const char *best = NULL, *key;
		json_int_t most = 0;
		json_t *v;
		json_object_foreach(counts, key, v)
		{
			if (json_integer_value(v) > most)
				most = json_integer_value(v), best = key;
		}
		if (best)
			json_object_set_new(
			        law_numbers, best,
			        json_pack("{s:I, s:s}", "law", (json_int_t)i, "name", str(law, "id")));
		json_decref(counts);
		tc_buf_free(&name);
	}
	doc_ids docs = {json_object()};
	tc_error err;
	tc_searcher_each_id(s, TC_DB_DOCS, on_doc_id, &docs, &err);
	pool_item *pool = NULL;
	size_t pool_n = 0, alqac_n = 0, congbao_n = 0;
	pool = calloc(cs->n, sizeof *pool);
	for (size_t k = 0; k < cs->n; k++) {
		const cod *c = &cs->v[k];
		json_t *law_ref = json_object_get(law_numbers, c->number);
		const char *doc_id = str(docs.map, c->number);
		if (law_ref) {
			json_t *articles = json_object_get(
			        json_array_get(laws,
			                       (size_t)json_integer_value(json_object_get(law_ref, "law"))),
			        "articles");
			size_t a;
			json_t *art;
			json_array_foreach(articles, a, art)
			{
				if (strcasecmp(str(art, "id"), c->article))
					continue;
				/* an article repealed before ALQAC's text ("(được bãi bỏ)")
				 * has a heading and no body: no draft */
				const char *body = strstr(str(art, "text"), "\n\n");
				if (!body || strspn(body, " \n") == strlen(body))
					break;
				/* "Title\n\nBody" → "Điều N. Title\nBody" */
				const char *text = str(art, "text");
				tc_buf draft = {0};
				tc_buf_printf(&draft, "Điều %s. %s\n", str(art, "id"), text);
				pool[pool_n].draft = tc_buf_steal(&draft);
				pool[pool_n].cod = k;
				tc_buf id = {0};
				tc_buf_printf(&id, "alqac/%s/%s", str(law_ref, "name"), str(art, "id"));
				pool[pool_n++].source_id = tc_buf_steal(&id);
				alqac_n++;
				break;
			}
		} else if (*doc_id) {
			tc_buf id = {0};
			tc_buf_printf(&id, "%s/d%s", doc_id, c->article);
			json_t *rec = NULL;
			if (tc_get(s, id.data, &rec, &err) == TC_OK &&
			    strspn(str(rec, "text"), " \n") < strlen(str(rec, "text"))) {
				tc_buf draft = {0};
				tc_buf_printf(&draft, "Điều %s. %s\n%s\n", str(rec, "number"),
				              str(rec, "heading"), str(rec, "text"));
				pool[pool_n].draft = tc_buf_steal(&draft);
				pool[pool_n].cod = k;
				pool[pool_n].congbao = 1;
				pool[pool_n++].source_id = tc_buf_steal(&id);
				congbao_n++;
			} else {
				tc_buf_free(&id);
			}
			json_decref(rec);
		}
	}
	fprintf(stderr,
	        "overlap: %zu codified articles whose source text the data has (%zu ALQAC, %zu Công báo)\n",
	        pool_n, alqac_n, congbao_n);
	size_t *order = malloc((pool_n ? pool_n : 1) * sizeof *order);
	for (size_t k = 0; k < pool_n; k++)
		order[k] = k;
	shuffle(order, pool_n, o->seed);
	size_t draw = pool_n < o->draw ? pool_n : o->draw;
	tc_check_options co;
	tc_check_options_default(&co);
	co.citations = 0;
	co.target = TC_TARGET_CODIFIED;
	co.max_overlaps = 10;
	ranks fwd = {0}, fwd_alqac = {0}, fwd_congbao = {0}, back = {0};
	tc_buf norm = {0};
	json_t *misses = json_array();
	for (size_t d = 0; d < draw; d++) {
		pool_item *p = &pool[order[d]];
		json_t *report = NULL;
		double t0 = now_s(), c0 = cpu_s();
		if (tc_check(s, p->draft, strlen(p->draft), &co, &report, &err) != TC_OK) {
			fprintf(stderr, "check failed on %s: %s\n", p->source_id, err.message);
			continue;
		}
		double dt = now_s() - t0;
		fwd.cpu += cpu_s() - c0;
		json_t *ov = overlaps_of(report);
		int rank = rank_of_codified(ov, &cs->v[p->cod], &norm);
		add_rank(&fwd, rank);
		add_rank(p->congbao ? &fwd_congbao : &fwd_alqac, rank);
		fwd.seconds += dt;
		if (rank != 1 && json_array_size(misses) < 40)
			json_array_append_new(misses,
			                      json_pack("{s:s, s:s, s:i, s:s}", "source", p->source_id,
			                                "codified", cs->v[p->cod].id, "rank", rank, "first",
			                                str(json_array_get(ov, 0), "id")));
		json_decref(ov);
		json_decref(report);
	}
	/* back: the codified article's text, its source provision among the
	 * provisions (where the source is indexed) */
	co.target = TC_TARGET_PROVISIONS;
	for (size_t d = 0; d < pool_n; d++) {
		pool_item *p = &pool[order[d]];
		if (!p->congbao || back.n >= o->draw)
			continue;
		json_t *rec = NULL;
		if (tc_get(s, cs->v[p->cod].id, &rec, &err) != TC_OK)
			continue;
		const char *text = str(rec, "text");
		json_t *report = NULL;
		double t0 = now_s();
		if (tc_check(s, text, strlen(text), &co, &report, &err) == TC_OK) {
			back.seconds += now_s() - t0;
			json_t *ov = overlaps_of(report);
			add_rank(&back, rank_of_id(ov, p->source_id, "provision"));
			json_decref(ov);
			json_decref(report);
		}
		json_decref(rec);
	}
	tc_buf_free(&norm);
	json_object_set_new(out, "pool",
	                    json_pack("{s:I, s:I, s:I}", "codified_with_source_text", (json_int_t)pool_n,
	                              "alqac", (json_int_t)alqac_n, "congbao", (json_int_t)congbao_n));
	json_object_set_new(out, "source_to_codified", ranks_json(&fwd));
	json_object_set_new(out, "source_to_codified_alqac", ranks_json(&fwd_alqac));
	json_object_set_new(out, "source_to_codified_congbao", ranks_json(&fwd_congbao));
	json_object_set_new(out, "codified_to_source", ranks_json(&back));
	json_object_set_new(out, "misses", misses);
	for (size_t k = 0; k < pool_n; k++) {
		free(pool[k].draft);
		free(pool[k].source_id);
	}
	free(pool);
	free(order);
	json_decref(laws);
	json_decref(law_numbers);
	json_decref(docs.map);
	return out;
}

/* ---- the Công báo documents ---- */

typedef struct file_list {
	char **v;
	size_t n, cap;
} file_list;

static void list_texts(const char *dir, file_list *files)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/docs", dir);
	DIR *top = opendir(path);
	struct dirent *e;
	while (top && (e = readdir(top))) {
		if (e->d_name[0] == '.')
			continue;
		char sub[8192];
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		DIR *d = opendir(sub);
		struct dirent *f;
		while (d && (f = readdir(d))) {
			size_t n = strlen(f->d_name);
			if (n < 5 || strcmp(f->d_name + n - 4, ".txt"))
				continue;
			if (files->n == files->cap) {
				files->cap = files->cap ? files->cap * 2 : 512;
				files->v = realloc(files->v, files->cap * sizeof *files->v);
			}
			char full[16384];
			snprintf(full, sizeof full, "%s/%s", sub, f->d_name);
			files->v[files->n++] = strdup(full);
		}
		if (d)
			closedir(d);
	}
	if (top)
		closedir(top);
	/* a fixed order whatever the file system's */
	for (size_t i = 1; i < files->n; i++)
		for (size_t j = i; j > 0 && strcmp(files->v[j - 1], files->v[j]) > 0; j--) {
			char *t = files->v[j];
			files->v[j] = files->v[j - 1];
			files->v[j - 1] = t;
		}
}

static const char *short_name(const char *path)
{
	const char *docs = strstr(path, "/docs/");
	return docs ? docs + 6 : path;
}

/* ---- amending decrees: is what they amend found? ---- */

static json_t *bench_amend(tc_searcher *s, const options *o, const file_list *files)
{
	size_t clauses = 0, measurable = 0, found = 0, first = 0, absent = 0;
	double seconds = 0;
	json_t *examples = json_array();
	tc_check_options co;
	tc_check_options_default(&co);
	co.citations = 0;
	co.max_overlaps = 10;
	tc_error err;
	for (size_t f = 0; f < files->n; f++) {
		char *text = NULL;
		size_t len = 0;
		if (tc_read_file(files->v[f], &text, &len, &err) != TC_OK)
			continue;
		tc_check_draft *d = NULL;
		if (tc_check_draft_read(text, len, &d, &err) != TC_OK) {
			tc_free(text);
			continue;
		}
		for (size_t a = 0; a < d->article_count; a++) {
			const tc_check_article *art = &d->articles[a];
			if (!art->amends || !art->node)
				continue;
			size_t from = 0;
			for (const tc_node *cl = art->node->first_child; cl; cl = cl->next) {
				if (cl->kind != TC_NODE_CLAUSE)
					continue;
				tc_buf ct = {0};
				tc_node_full_text(cl, &ct);
				const char *at = ct.data ? strstr(art->text + from, ct.data) : NULL;
				if (!at) {
					tc_buf_free(&ct);
					continue;
				}
				size_t start = (size_t)(at - art->text), end = start + ct.len;
				from = start + 1;
				/* the clause's first citation outside its quoted new text
				 * names what it amends: "Sửa đổi, bổ sung khoản 2 Điều 5" */
				const tc_cite *target = NULL;
				for (size_t k = 0; k < art->cite_count && !target; k++) {
					const tc_cite *c = &art->cites[k];
					if (c->start >= start && c->end <= end && !c->quoted && c->article &&
					    strcmp(c->article, "this") &&
					    (c->scope == TC_CITE_CONTEXT ||
					     (c->scope == TC_CITE_EXTERNAL && c->doc_number &&
					      !strcmp(c->doc_number, art->amends))))
						target = c;
				}
				if (!target) {
					tc_buf_free(&ct);
					continue;
				}
				clauses++;
				/* what the index holds of the article amended */
				tc_buf q = {0};
				tc_buf_printf(&q, "Điều %s %s", target->article, art->amends);
				json_t *look = NULL;
				tc_lookup_options lo = {0};
				json_t *expected = json_array();
				if (tc_lookup_with(s, q.data, &lo, &look, &err) == TC_OK) {
					json_t *m = json_array_get(json_object_get(look, "matches"), 0);
					json_t *article = json_object_get(m, "article");
					size_t i;
					json_t *c;
					json_array_foreach(json_object_get(article, "current"), i, c)
					        json_array_append_new(expected, json_string(str(c, "id")));
					if (json_is_true(json_object_get(article, "found")) &&
					    !json_object_get(article, "via"))
						json_array_append_new(expected,
						                      json_string(str(article, "id")));
				}
				json_decref(look);
				if (!json_array_size(expected)) {
					absent++;
				} else {
					measurable++;
					json_t *report = NULL;
					double t0 = now_s();
					if (tc_check(s, ct.data, ct.len, &co, &report, &err) == TC_OK) {
						seconds += now_s() - t0;
						json_t *ov = overlaps_of(report);
						int best = 0;
						size_t i;
						json_t *e;
						json_array_foreach(expected, i, e)
						{
							int r = rank_of_id(ov, json_string_value(e), NULL);
							if (r && (!best || r < best))
								best = r;
						}
						found += best > 0;
						first += best == 1;
						if (json_array_size(examples) < 30)
							json_array_append_new(
							        examples,
							        json_pack("{s:s, s:s, s:s, s:i, s:s}", "file",
							                  short_name(files->v[f]), "amends",
							                  q.data, "expected",
							                  json_string_value(json_array_get(
							                          expected, 0)),
							                  "rank", best, "first",
							                  str(json_array_get(ov, 0), "id")));
						json_decref(ov);
						json_decref(report);
					}
				}
				json_decref(expected);
				tc_buf_free(&q);
				tc_buf_free(&ct);
			}
		}
		tc_check_draft_free(d);
		tc_free(text);
	}
	double m = measurable ? (double)measurable : 1;
	return json_pack("{s:I, s:I, s:I, s:f, s:f, s:f, s:o}", "amending_clauses", (json_int_t)clauses,
	                 "amended_not_in_index", (json_int_t)absent, "measurable", (json_int_t)measurable,
	                 "found_in_10", found / m, "found_first", first / m, "seconds_per_clause",
	                 seconds / m, "examples", examples);
}

/* ---- citations ---- */

typedef struct cite_row {
	char *file, *article, *text, *scope, *verdict, *detail, *resolved;
} cite_row;

static char *one_line(const char *s)
{
	char *copy = strdup(s ? s : "");
	for (char *p = copy; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	return copy;
}

static json_t *bench_citations(tc_searcher *s, const options *o, const file_list *files)
{
	tc_check_options co;
	tc_check_options_default(&co);
	co.overlaps = 0;
	tc_error err;
	cite_row *rows = NULL;
	size_t n = 0, cap = 0, documents = 0;
	json_t *verdicts = json_object(), *scopes = json_object(), *misses = json_object();
	double t0 = now_s();
	for (size_t f = 0; f < files->n; f++) {
		char *text = NULL;
		size_t len = 0;
		if (tc_read_file(files->v[f], &text, &len, &err) != TC_OK)
			continue;
		json_t *report = NULL;
		tc_status st = tc_check(s, text, len, &co, &report, &err);
		tc_free(text);
		if (st != TC_OK)
			continue;
		documents++;
		size_t a;
		json_t *art;
		json_array_foreach(json_object_get(report, "articles"), a, art)
		{
			size_t k;
			json_t *c;
			json_array_foreach(json_object_get(art, "citations"), k, c)
			{
				if (n == cap) {
					cap = cap ? cap * 2 : 4096;
					rows = realloc(rows, cap * sizeof *rows);
				}
				cite_row *r = &rows[n++];
				r->file = strdup(short_name(files->v[f]));
				r->article = strdup(json_is_true(json_object_get(art, "preamble"))
				                            ? "preamble"
				                            : str(art, "number"));
				r->text = one_line(str(c, "text"));
				r->scope = strdup(str(c, "scope"));
				r->verdict = strdup(str(c, "verdict"));
				tc_buf detail = {0};
				size_t i;
				json_t *fd;
				json_array_foreach(json_object_get(c, "findings"), i, fd) tc_buf_printf(
				        &detail, "%s%s", detail.len ? " | " : "", str(fd, "detail"));
				r->detail = one_line(detail.data);
				tc_buf_free(&detail);
				json_t *res = json_object_get(c, "resolved");
				const char *rid = *str(json_object_get(res, "entry"), "id")
				                          ? str(json_object_get(res, "entry"), "id")
				                  : *str(json_object_get(res, "document"), "id")
				                          ? str(json_object_get(res, "document"), "id")
				                          : str(res, "path");
				r->resolved = strdup(rid);
				json_t *v = json_object_get(verdicts, r->verdict);
				json_object_set_new(verdicts, r->verdict,
				                    json_integer(v ? json_integer_value(v) + 1 : 1));
				v = json_object_get(scopes, r->scope);
				json_object_set_new(scopes, r->scope,
				                    json_integer(v ? json_integer_value(v) + 1 : 1));
				/* the misses by cause: verdict and how the document was named */
				if (!strcmp(r->verdict, "no-document") ||
				    !strcmp(r->verdict, "no-provision") ||
				    !strcmp(r->verdict, "unverified") || !strcmp(r->verdict, "not-checked")) {
					char key[96];
					const char *how =
					        !strcmp(r->scope, "external") || !strcmp(r->scope, "context")
					                ? (*str(c, "doc_number") ? "by number" : "by name")
					                : "in the document itself";
					snprintf(key, sizeof key, "%s, %s", r->verdict, how);
					v = json_object_get(misses, key);
					json_object_set_new(misses, key,
					                    json_integer(v ? json_integer_value(v) + 1 : 1));
				}
			}
		}
		json_decref(report);
	}
	double seconds = now_s() - t0;
	size_t resolved = 0, doc_found = 0, external = 0;
	for (size_t i = 0; i < n; i++) {
		const char *v = rows[i].verdict;
		int missing = !strcmp(v, "no-document") || !strcmp(v, "no-provision") ||
		              !strcmp(v, "unverified") || !strcmp(v, "not-checked");
		resolved += !missing;
		if (strcmp(rows[i].scope, "external") == 0 || strcmp(rows[i].scope, "context") == 0) {
			external++;
			doc_found += strcmp(v, "no-document") != 0;
		}
	}
	json_t *out =
	        json_pack("{s:I, s:I, s:f, s:I, s:f, s:o, s:o, s:o, s:f}", "documents", (json_int_t)documents,
	                  "citations", (json_int_t)n, "resolved_share", n ? (double)resolved / (double)n : 0,
	                  "to_other_documents", (json_int_t)external, "document_found_share",
	                  external ? (double)doc_found / (double)external : 0, "verdicts", verdicts, "scopes",
	                  scopes, "misses", misses, "seconds", seconds);
	/* a sample to judge by hand */
	if (o->sample_out && n) {
		size_t *order = malloc(n * sizeof *order);
		for (size_t i = 0; i < n; i++)
			order[i] = i;
		shuffle(order, n, o->seed);
		FILE *out_f = fopen(o->sample_out, "w");
		fprintf(out_f, "file\tarticle\tcitation\tscope\tverdict\tresolved\tdetail\n");
		for (size_t i = 0; out_f && i < n && i < o->sample; i++) {
			cite_row *r = &rows[order[i]];
			fprintf(out_f, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r->file, r->article, r->text, r->scope,
			        r->verdict, r->resolved, r->detail);
		}
		if (out_f)
			fclose(out_f);
		free(order);
	}
	/* the precision of the verdicts on the citations judged by hand */
	if (o->gold) {
		FILE *g = fopen(o->gold, "r");
		char line[16384];
		size_t judged = 0, right = 0, unmatched = 0;
		json_t *wrong = json_array(), *by_verdict = json_object();
		while (g && fgets(line, sizeof line, g)) {
			if (line[0] == '#' || !strncmp(line, "file\t", 5))
				continue;
			line[strcspn(line, "\n")] = '\0';
			/* file, article, citation, right verdict, note (then what
			 * tracuu gave when judged, and the context: for the reader);
			 * a field may be empty (the article of a text without one) */
			char *field[8] = {0};
			size_t nf = 0;
			for (char *p = line; p && nf < 8;)
				field[nf++] = strsep(&p, "\t");
			if (nf < 5)
				continue;
			const cite_row *now = NULL;
			for (size_t i = 0; i < n && !now; i++)
				if (!strcmp(rows[i].file, field[0]) && !strcmp(rows[i].article, field[1]) &&
				    !strcmp(rows[i].text, field[2]))
					now = &rows[i];
			if (!now) {
				unmatched++;
				continue;
			}
			judged++;
			int ok = !strcmp(now->verdict, field[3]);
			right += ok;
			json_t *bv = json_object_get(by_verdict, now->verdict);
			if (!bv) {
				bv = json_pack("{s:i, s:i}", "given", 0, "right", 0);
				json_object_set_new(by_verdict, now->verdict, bv);
			}
			json_object_set_new(
			        bv, "given",
			        json_integer(json_integer_value(json_object_get(bv, "given")) + 1));
			json_object_set_new(
			        bv, "right",
			        json_integer(json_integer_value(json_object_get(bv, "right")) + ok));
			if (!ok)
				json_array_append_new(
				        wrong, json_pack("{s:s, s:s, s:s, s:s, s:s}", "file", field[0],
				                         "citation", field[2], "given", now->verdict, "right",
				                         field[3], "note", nf > 4 ? field[4] : ""));
		}
		if (g)
			fclose(g);
		json_object_set_new(out, "gold",
		                    json_pack("{s:I, s:I, s:f, s:I, s:o, s:o}", "judged", (json_int_t)judged,
		                              "right", (json_int_t)right, "precision",
		                              judged ? (double)right / (double)judged : 0, "unmatched",
		                              (json_int_t)unmatched, "by_verdict", by_verdict, "wrong",
		                              wrong));
	}
	for (size_t i = 0; i < n; i++) {
		free(rows[i].file);
		free(rows[i].article);
		free(rows[i].text);
		free(rows[i].scope);
		free(rows[i].verdict);
		free(rows[i].detail);
		free(rows[i].resolved);
	}
	free(rows);
	return out;
}

/* ---- speed: a 20-article draft ---- */

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Where the line of article NUMBER's heading ("Điều 21.", after blanks)
 * starts in TEXT: the parsed article's text is joined and trimmed, not the
 * file's bytes, so it cannot be looked for as it is. */
static const char *heading_line(const char *text, size_t len, const char *number)
{
	char want[64];
	int n = snprintf(want, sizeof want, "Điều %s.", number ? number : "");
	const char *end = text + len, *line = text;
	while (n > 0 && (size_t)n < sizeof want && line && line < end) {
		const char *p = line;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if ((size_t)(end - p) >= (size_t)n && !memcmp(p, want, (size_t)n))
			return line;
		line = memchr(line, '\n', (size_t)(end - line));
		if (line)
			line++;
	}
	return NULL;
}

static json_t *bench_speed(tc_searcher *s, const file_list *files)
{
	/* the first document with 20 articles or more: its first 20, as a
	 * draft (the header and legal bases too) */
	tc_error err;
	for (size_t f = 0; f < files->n; f++) {
		char *text = NULL;
		size_t len = 0;
		if (tc_read_file(files->v[f], &text, &len, &err) != TC_OK)
			continue;
		tc_check_draft *d = NULL;
		if (tc_check_draft_read(text, len, &d, &err) != TC_OK) {
			tc_free(text);
			continue;
		}
		size_t articles = 0;
		const tc_check_article *twenty = NULL;
		for (size_t a = 0; a < d->article_count; a++)
			if (!d->articles[a].preamble && ++articles == 21)
				twenty = &d->articles[a];
		if (!twenty || !strstr(files->v[f], "congbao_chinhphu")) {
			tc_check_draft_free(d);
			tc_free(text);
			continue;
		}
		/* the draft: the text up to the 21st article's heading (the
		 * whole document when it cannot be found: said in "cut") */
		const char *cut = heading_line(text, len, twenty->number);
		size_t draft_len = cut ? (size_t)(cut - text) : len;
		tc_check_draft_free(d);
		double times[7], cpu[7];
		json_t *report = NULL;
		size_t citations = 0, overlaps = 0, drafted = 0;
		for (int run = 0; run < 7; run++) {
			double t0 = now_s(), c0 = cpu_s();
			if (tc_check(s, text, draft_len, NULL, &report, &err) != TC_OK) {
				tc_free(text);
				return json_pack("{s:s}", "error", err.message);
			}
			times[run] = now_s() - t0;
			cpu[run] = cpu_s() - c0;
			citations = (size_t)json_integer_value(
			        json_object_get(json_object_get(report, "summary"), "citations"));
			overlaps = (size_t)json_integer_value(
			        json_object_get(json_object_get(report, "summary"), "overlaps"));
			drafted = 0;
			size_t a;
			json_t *art;
			json_array_foreach(json_object_get(report, "articles"), a, art) drafted +=
			        !json_is_true(json_object_get(art, "preamble"));
			json_decref(report);
		}
		tc_free(text);
		double warm[6], warm_cpu[6];
		memcpy(warm, times + 1, sizeof warm);
		memcpy(warm_cpu, cpu + 1, sizeof warm_cpu);
		qsort(warm, 6, sizeof *warm, by_double);
		qsort(warm_cpu, 6, sizeof *warm_cpu, by_double);
		return json_pack("{s:s, s:b, s:I, s:I, s:I, s:I, s:f, s:f, s:f, s:f, s:f, s:f}", "draft",
		                 short_name(files->v[f]), "cut", cut != NULL, "bytes", (json_int_t)draft_len,
		                 "articles", (json_int_t)drafted, "citations",
		                 (json_int_t)citations, "overlaps", (json_int_t)overlaps, "first_run_seconds",
		                 times[0], "first_run_cpu_seconds", cpu[0], "median_seconds",
		                 (warm[2] + warm[3]) / 2, "median_cpu_seconds",
		                 (warm_cpu[2] + warm_cpu[3]) / 2, "max_seconds", warm[5], "max_cpu_seconds",
		                 warm_cpu[5]);
	}
	return json_pack("{s:s}", "error", "no Công báo document with 20 articles");
}

/* ---- main ---- */

static void usage(FILE *out)
{
	fputs("usage: bench_check --db DIR --phapdien DIR --congbao DIR [--alqac law.json] [OPTIONS]\n\n"
	      "  --overlap, --amend, --citations, --speed   what to measure (default: all)\n"
	      "  --draw N          drafts drawn for the overlap figures (default 500)\n"
	      "  --seed N          the draw's seed (default 1)\n"
	      "  --sample FILE     write N citations drawn at random (--sample-size, default 60) to judge by "
	      "hand\n"
	      "  --sample-size N\n"
	      "  --gold FILE       the citations judged by hand: the precision of the verdicts\n"
	      "  --json FILE       every figure as JSON\n",
	      out);
}

int main(int argc, char **argv)
{
	options o = {.draw = 500, .seed = 1, .sample = 60};
	static const struct option longs[] = {
	        {"db", required_argument, 0, 'd'},
	        {"phapdien", required_argument, 0, 'p'},
	        {"congbao", required_argument, 0, 'c'},
	        {"alqac", required_argument, 0, 'a'},
	        {"gold", required_argument, 0, 'g'},
	        {"sample", required_argument, 0, 's'},
	        {"sample-size", required_argument, 0, 'S'},
	        {"json", required_argument, 0, 'j'},
	        {"draw", required_argument, 0, 'n'},
	        {"seed", required_argument, 0, 'r'},
	        {"overlap", no_argument, 0, 'O'},
	        {"amend", no_argument, 0, 'A'},
	        {"citations", no_argument, 0, 'C'},
	        {"speed", no_argument, 0, 'T'},
	        {"help", no_argument, 0, 'h'},
	        {0, 0, 0, 0},
	};
	int ch;
	while ((ch = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
		switch (ch) {
		case 'd': o.db = optarg; break;
		case 'p': o.phapdien = optarg; break;
		case 'c': o.congbao = optarg; break;
		case 'a': o.alqac = optarg; break;
		case 'g': o.gold = optarg; break;
		case 's': o.sample_out = optarg; break;
		case 'S': o.sample = strtoul(optarg, NULL, 10); break;
		case 'j': o.json_out = optarg; break;
		case 'n': o.draw = strtoul(optarg, NULL, 10); break;
		case 'r': o.seed = strtoull(optarg, NULL, 10); break;
		case 'O': o.overlap = 1; break;
		case 'A': o.amend = 1; break;
		case 'C': o.citations = 1; break;
		case 'T': o.speed = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (!o.db || !o.congbao || ((o.overlap || !(o.amend || o.citations || o.speed)) && !o.phapdien)) {
		usage(stderr);
		return 2;
	}
	if (!o.overlap && !o.amend && !o.citations && !o.speed)
		o.overlap = o.amend = o.citations = o.speed = 1;
	tc_searcher *s = NULL;
	tc_error err;
	if (tc_searcher_open(o.db, &s, &err) != TC_OK) {
		fprintf(stderr, "bench_check: %s\n", err.message);
		return 1;
	}
	file_list files = {0};
	list_texts(o.congbao, &files);
	json_t *out = json_pack("{s:s, s:I, s:I}", "db", o.db, "seed", (json_int_t)o.seed, "draw",
	                        (json_int_t)o.draw);
	if (o.overlap) {
		cods cs = {.analyzer = tc_analyzer_new()};
		tc_load_options lo = {.problem_fn = quiet};
		double t0 = now_s();
		tc_corpus_load(o.phapdien, &lo, on_codified, &cs, NULL, &err);
		fprintf(stderr, "overlap: %zu codified articles with a source note (%.0f s)\n", cs.n,
		        now_s() - t0);
		json_object_set_new(out, "overlap", bench_overlap(s, &o, &cs));
		for (size_t i = 0; i < cs.n; i++) {
			free(cs.v[i].id);
			free(cs.v[i].number);
			free(cs.v[i].article);
			free(cs.v[i].title);
		}
		free(cs.v);
		tc_buf_free(&cs.norm);
		tc_buf_free(&cs.folded);
		tc_analyzer_free(cs.analyzer);
	}
	if (o.amend)
		json_object_set_new(out, "amend", bench_amend(s, &o, &files));
	if (o.citations)
		json_object_set_new(out, "citations", bench_citations(s, &o, &files));
	if (o.speed)
		json_object_set_new(out, "speed", bench_speed(s, &files));
	json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	if (o.json_out)
		json_dump_file(out, o.json_out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(out);
	for (size_t i = 0; i < files.n; i++)
		free(files.v[i]);
	free(files.v);
	tc_searcher_free(s);
	return 0;
}
