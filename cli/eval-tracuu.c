/* eval-tracuu.c - tracuu's own pipeline as an evaluation system: each law
 * becomes a document whose articles are provisions, indexed by the real
 * indexer and searched by the real query engine (target: provisions). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "eval.h"
#include "indexer.h"
#include "query.h"

typedef struct tracuu_state {
	tc_features features;
	tc_ranking ranking;
	tc_searcher *searcher;
	json_t *ids; /* provision id -> article index */
	char *dir;
} tracuu_state;

/* "no-bigrams,k1=1.1,b=0.7,folded=0.3,bigram=1,title=0.5,and=4": feature
 * switches (indexer.h) and ranking weights (query.h). */
static int parse_options(tracuu_state *state, const char *options, tc_error *err)
{
	tc_features_default(&state->features);
	tc_ranking_default(&state->ranking, TC_TARGET_PROVISIONS);
	if (!options || !*options)
		return 0;
	char *copy = strdup(options);
	tc_buf features = {0};
	int rc = 0;
	for (char *save = NULL, *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(item, '=');
		if (!eq) {
			if (features.len)
				tc_buf_append_char(&features, ',');
			tc_buf_append_str(&features, item);
			continue;
		}
		*eq = '\0';
		double v = atof(eq + 1);
		tc_ranking *r = &state->ranking;
		if (!strcmp(item, "k1"))
			r->k1 = v;
		else if (!strcmp(item, "b"))
			r->b = v;
		else if (!strcmp(item, "folded"))
			r->folded_weight = v;
		else if (!strcmp(item, "bigram"))
			r->bigram_weight = v;
		else if (!strcmp(item, "title"))
			r->title_weight = v;
		else if (!strcmp(item, "law"))
			r->doc_title_weight = v;
		else if (!strcmp(item, "define"))
			r->definition_weight = v;
		else if (!strcmp(item, "and"))
			r->and_max_words = (int)v;
		else if (!strcmp(item, "common"))
			r->common_share = v;
		else if (!strcmp(item, "first"))
			r->first_stage_words = (int)v;
		else {
			tc_error_set(err, TC_ERR_INPUT,
			             "unknown tracuu option '%s' (k1, b, folded, bigram, title, law, define, and, common, first, or a feature)",
			             item);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && features.len && tc_features_parse(&state->features, features.data, err) < 0)
		rc = -1;
	tc_buf_free(&features);
	free(copy);
	return rc;
}

static tc_status build(void *vstate, const eval_corpus *corpus, const char *workdir, tc_error *err)
{
	tracuu_state *state = vstate;
	tc_buf dir = {0};
	tc_buf_printf(&dir, "%s/tracuu-index", workdir);
	state->dir = tc_buf_steal(&dir);
	tc_index_options options;
	tc_index_options_default(&options);
	options.features = state->features;
	tc_index *index = NULL;
	tc_status st = tc_index_open(state->dir, &options, &index, err);
	if (st != TC_OK)
		return st;
	state->ids = json_object();
	tc_arena *arena = tc_arena_new(1 << 20);
	/* Articles of one law are consecutive in law.json; each run of one
	 * law_id becomes one document. */
	size_t i = 0;
	while (st == TC_OK && i < corpus->count) {
		const char *law = corpus->articles[i].law_id;
		tc_arena_reset(arena);
		tc_record record = {0};
		record.kind = TC_RECORD_DOCUMENT;
		record.id = tc_arena_printf(arena, "alqac/%s", law);
		record.source_name = "alqac";
		record.title = law;
		record.type = tc_doc_type_from_name(law);
		tc_node *root = tc_arena_calloc(arena, sizeof *root);
		root->kind = TC_NODE_ROOT;
		root->text = "";
		record.body = root;
		for (; i < corpus->count && !strcmp(corpus->articles[i].law_id, law); i++) {
			const eval_article *a = &corpus->articles[i];
			tc_node *node = tc_arena_calloc(arena, sizeof *node);
			node->kind = TC_NODE_ARTICLE;
			node->number = a->article_id;
			node->heading = a->title;
			node->text = a->body ? a->body : "";
			node->path = tc_arena_printf(arena, "alqac/%s/d%s", law, a->article_id);
			tc_node_append(root, node);
			json_object_set_new(state->ids, node->path, json_integer((json_int_t)i));
			if (tc_split_article(arena, node) < 0) {
				st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
				break;
			}
		}
		if (st == TC_OK)
			st = tc_index_add(index, &record, err);
	}
	tc_arena_free(arena);
	if (st == TC_OK)
		st = tc_index_finish(index, NULL, err);
	tc_status close_st = tc_index_close(index, st != TC_OK, NULL);
	if (st == TC_OK)
		st = close_st;
	if (st == TC_OK)
		st = tc_searcher_open(state->dir, &state->searcher, err);
	return st;
}

static tc_status search(void *vstate, const char *text, size_t *hits, size_t max, size_t *n, tc_error *err)
{
	tracuu_state *state = vstate;
	tc_search_options options;
	tc_search_options_default(&options);
	options.target = TC_TARGET_PROVISIONS;
	options.ranking = &state->ranking;
	char *ids[EVAL_TOP_K * 2];
	if (max > EVAL_TOP_K * 2)
		max = EVAL_TOP_K * 2;
	size_t count = 0;
	*n = 0;
	tc_status st = tc_search_ids(state->searcher, text, &options, ids, max, &count, err);
	for (size_t i = 0; i < count; i++) {
		json_t *index = json_object_get(state->ids, ids[i]);
		if (index)
			hits[(*n)++] = (size_t)json_integer_value(index);
		tc_free(ids[i]);
	}
	return st;
}

static void state_free(void *vstate)
{
	tracuu_state *state = vstate;
	if (!state)
		return;
	tc_searcher_free(state->searcher);
	json_decref(state->ids);
	tc_free(state->dir);
	free(state);
}

int eval_system_tracuu(eval_system *system, const char *options)
{
	tracuu_state *state = calloc(1, sizeof *state);
	if (!state)
		return -1;
	tc_error err = {0};
	if (parse_options(state, options, &err) < 0) {
		fprintf(stderr, "tracuu: %s\n", err.message);
		free(state);
		return -1;
	}
	system->name = "tracuu";
	system->state = state;
	system->build = build;
	system->search = search;
	system->free = state_free;
	return 0;
}
