/* fuzz_query.c - the query parser and builder on arbitrary text, run
 * against a small real index (built once, in a scratch folder). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indexer.h"
#include "query.h"

static tc_searcher *searcher;
static char dir[] = "/tmp/tracuu-fuzz-query-XXXXXX";

/* The scratch index goes when the fuzzer exits. */
static void remove_index(void)
{
	tc_searcher_free(searcher);
	tc_remove_tree(dir);
}

static void build_index(void)
{
	if (!mkdtemp(dir))
		abort();
	atexit(remove_index);
	tc_index *index = NULL;
	tc_error err;
	if (tc_index_open(dir, NULL, &index, &err) != TC_OK)
		abort();
	/* a text past the length at which a snippet is first located by its
	 * words' bytes (snippet.c): capitals, quotes, dashes, no-break spaces */
	static char text[16384];
	size_t used = 0;
	for (int i = 0; used + 512 < sizeof text; i++)
		used += (size_t)snprintf(text + used, sizeof text - used,
		                         "%d. Nghị định này quy định về hợp đồng lao động.\na) Thanh niên là công dân "
		                         "Việt Nam; “ĐIỀU %d”\u00a0– khoản 2… Hợp đồng (hoà giải, hòa giải).\n",
		                         i + 1, i + 5);
	tc_node root = {.kind = TC_NODE_ROOT, .text = ""};
	tc_node article = {.kind = TC_NODE_ARTICLE, .number = "5", .heading = "Phạm vi điều chỉnh",
	                   .text = text, .parent = &root, .path = "111/2022/nđ-cp/d5"};
	root.first_child = root.last_child = &article;
	tc_record record = {.kind = TC_RECORD_DOCUMENT, .id = "111/2022/nđ-cp", .source_name = "fuzz",
	                    .doc_number = "111/2022/NĐ-CP", .type = TC_TYPE_NGHI_DINH, .issuer = "Chính phủ",
	                    .scope = TC_SCOPE_CENTRAL, .issue_date = 20221230,
	                    .title = "Về hợp đồng đối với một số loại công việc", .body = &root};
	if (tc_index_add(index, &record, &err) != TC_OK || tc_index_finish(index, NULL, &err) != TC_OK)
		abort();
	tc_index_close(index, 0, &err);
	if (tc_searcher_open(dir, &searcher, &err) != TC_OK)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!searcher)
		build_index();
	char *query = malloc(size + 1);
	memcpy(query, data, size);
	query[size] = '\0';
	for (int target = TC_TARGET_ALL; target <= TC_TARGET_CODIFIED; target++) {
		tc_search_options options;
		tc_search_options_default(&options);
		options.target = (tc_target)target;
		options.snippets = 1;
		options.facets = target == TC_TARGET_ALL;
		json_t *results = NULL;
		tc_error err;
		if (tc_search(searcher, query, &options, &results, &err) == TC_OK)
			json_decref(results);
	}
	free(query);
	return 0;
}
