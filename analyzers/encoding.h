/* encoding.h - decoding and repair of raw input bytes (private to analyzers).
 *
 * Turns any bytes into valid UTF-8: invalid sequences become U+FFFD; legacy
 * Vietnamese encodings (TCVN3, VNI, VISCII, Windows-1258) and UTF-8 that was
 * read as Windows-1252 and saved again are detected by the share of valid
 * Vietnamese syllables after each candidate conversion, and converted. An
 * offset map lets callers translate output offsets back to input offsets. */
#ifndef TC_ENCODING_H
#define TC_ENCODING_H

#include "analyzer.h"

typedef struct tc_repair {
	tc_buf text;           /* the repaired UTF-8 text */
	/* offsets[i] = byte offset in the input of output byte i, for
	 * i in [0, text.len]; offsets[text.len] = input length. Only filled when
	 * the output differs from the input (see identical). */
	size_t *offsets;
	size_t offsets_cap;
	int identical;         /* output == input byte for byte: offsets unused */
	tc_encoding encoding;
	size_t invalid_bytes;
} tc_repair;

/* Repair LEN bytes of INPUT into REPAIR (reused across calls; zero it
 * before first use). Valid UTF-8 with no legacy signs is the fast path:
 * nothing is copied and REPAIR->identical is set. Returns 0, or -1 when
 * memory runs out. */
int tc__repair(tc_repair *repair, const char *input, size_t len, int detect_legacy);
void tc__repair_free(tc_repair *repair);

/* Input offset of output offset OUT_OFFSET. */
static inline size_t tc__repair_input_offset(const tc_repair *repair, size_t out_offset)
{
	return repair->identical ? out_offset : repair->offsets[out_offset];
}

#endif
