/* fuzz_pdf.c - arbitrary bytes saved as a .pdf and read through pdftotext
 * and the text pipeline (corpus/congbao-pdftotext.c, textdoc.c): the run
 * must report (pdftotext failing, no text layer) and never crash. Needs
 * pdftotext (poppler-utils); without it the input is only checked to be
 * reported as such. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "textdoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/tracuu-fuzz-pdf-XXXXXX.pdf";
	int fd = mkstemps(path, 4);
	if (fd < 0)
		return 0;
	size_t done = 0;
	while (done < size) {
		ssize_t w = write(fd, data + done, size - done);
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	close(fd);
	char *text = NULL;
	size_t len = 0;
	tc_error err = {0};
	tc_status st = tc__pdf_extract_text(path, &text, &len, &err);
	if (st != TC_OK) {
		/* a failure must say what failed */
		if (!err.message[0] || (st != TC_ERR_INPUT && st != TC_ERR_NOT_FOUND && st != TC_ERR_IO))
			abort();
	} else {
		tc_arena *arena = tc_arena_new(1 << 14);
		tc_textdoc doc;
		if (arena &&
		    tc__textdoc_parse(arena, text, len, "pdf", "fuzz", path, NULL, &doc, &err) == TC_OK &&
		    !doc.record.id)
			abort();
		tc_arena_free(arena);
		tc_free(text);
	}
	unlink(path);
	return 0;
}
