/* encoding.c - placeholder: UTF-8 pass-through until the repair lands. */
#include "encoding.h"

#include <string.h>

int tc__repair(tc_repair *repair, const char *input, size_t len, int detect_legacy)
{
	(void)detect_legacy;
	tc_buf_reset(&repair->text);
	repair->identical = 1;
	repair->encoding = TC_ENCODING_UTF8;
	repair->invalid_bytes = 0;
	return tc_buf_append(&repair->text, input, len);
}

void tc__repair_free(tc_repair *repair)
{
	tc_buf_free(&repair->text);
	tc_free(repair->offsets);
	repair->offsets = NULL;
}
