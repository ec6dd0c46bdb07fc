/* fuzz_check.c - libFuzzer target for the draft reader of tracuu check
 * (plain text or a JSONL record into articles and citations) and for the
 * passage comparison (the input's two halves compared). */
#include <stdint.h>
#include <stdlib.h>

#include "../../check/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tc_check_draft *draft = NULL;
	tc_error err;
	if (tc_check_draft_read((const char *)data, size, &draft, &err) == TC_OK) {
		json_decref(tc_check_draft_json(draft));
		/* every citation lies within its article's text */
		for (size_t i = 0; i < draft->article_count; i++)
			for (size_t k = 0; k < draft->articles[i].cite_count; k++)
				if (draft->articles[i].cites[k].end > draft->articles[i].text_len ||
				    draft->articles[i].cites[k].start > draft->articles[i].cites[k].end)
					abort();
		tc_check_draft_free(draft);
	}
	static tc_analyzer *analyzer;
	if (!analyzer)
		analyzer = tc_analyzer_new();
	size_t half = size / 2;
	json_decref(
	        tc_check_compare(analyzer, (const char *)data, half, (const char *)data + half, size - half));
	return 0;
}
