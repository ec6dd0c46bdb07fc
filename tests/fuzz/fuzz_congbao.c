/* fuzz_congbao.c - the plain-text document parser (corpus/textdoc.c) on
 * arbitrary bytes: no crash, no leak, a record with an id and a body whose
 * every node has a path, or a report that it was skipped; and the structure
 * parser on the same bytes as an article body. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "textdoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_tree(const tc_node *n)
{
	for (; n; n = n->next) {
		if (!n->path || !n->text)
			abort();
		check_tree(n->first_child);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tc_arena *arena = tc_arena_new(1 << 14);
	if (!arena)
		return 0;
	tc_textdoc doc;
	tc_error err = {0};
	if (tc__textdoc_parse(arena, (const char *)data, size, "fuzz", "input", "fuzz.txt", NULL, &doc,
	                      &err) == TC_OK) {
		if (!doc.record.id || !doc.record.id[0])
			abort();
		if (doc.skip ? doc.problem_count == 0 : !doc.record.body)
			abort();
		if (!doc.skip)
			check_tree(doc.record.body);
	}
	tc_arena_reset(arena);
	/* the same bytes as an article body (the pháp điển loader's use) */
	char *text = malloc(size + 1);
	if (text) {
		memcpy(text, data, size);
		text[size] = 0;
		tc_node *article = tc_arena_calloc(arena, sizeof *article);
		if (article) {
			article->kind = TC_NODE_ARTICLE;
			article->text = "";
			if (tc__textdoc_structure(arena, article, text, strlen(text),
			                          TC_STRUCTURE_ARTICLE_BODY) < 0)
				abort();
			for (const tc_node *n = article->first_child; n; n = n->next)
				if (n->kind != TC_NODE_CLAUSE && n->kind != TC_NODE_POINT)
					abort();
		}
		free(text);
	}
	tc_arena_free(arena);
	return 0;
}
