/* encoding.h - decoding and repair of raw input bytes (private to analyzers).
 *
 * Turns any bytes into valid UTF-8: invalid sequences become U+FFFD; legacy
 * Vietnamese encodings (TCVN3, VNI, VISCII, Windows-1258) and UTF-8 that was
 * read as Windows-1252 and saved again are detected by the share of valid
 * Vietnamese syllables after each candidate conversion, and converted. An
 * offset map lets callers translate output offsets back to input offsets.
 *
 * Legacy text is recognised both as raw single bytes (invalid UTF-8) and as
 * those bytes already decoded as Windows-1252/Latin-1 into UTF-8 ("§iÒu",
 * "Ñieàu"). The decision is taken per line: a line that is valid UTF-8 with
 * no sign of legacy text is kept byte for byte; a line with such signs is
 * converted when one candidate is clearly better than the line as it is,
 * or, for lines too short to judge, when the document's winner does not
 * make it worse. So one legacy paragraph inside a UTF-8 document is
 * converted and the rest is left alone.
 *
 * Not thread-safe: one tc_repair per thread (each analyzer owns one). */
#ifndef TC_ENCODING_H
#define TC_ENCODING_H

#include "analyzer.h"

typedef struct tc_repair_line tc_repair_line; /* private to encoding.c */

typedef struct tc_repair {
	tc_buf text; /* the repaired UTF-8 text */
	/* offsets[i] = byte offset in the input of output byte i, for
	 * i in [0, text.len]; offsets[text.len] = input length. Only filled when
	 * the output differs from the input (see identical). */
	size_t *offsets;
	size_t offsets_cap;
	int identical; /* output == input byte for byte: offsets unused */
	tc_encoding encoding;
	size_t invalid_bytes;

	/* Private scratch of encoding.c, kept across calls so that a warm
	 * tc_repair allocates nothing. */
	tc_repair_line *lines; /* the lines that needed a closer look */
	size_t lines_cap;
	uint16_t cp1252[128]; /* bytes 0x80-0xFF of Windows-1252, from ICU */
	uint16_t cp1258[128]; /* bytes 0x80-0xFF of Windows-1258, from ICU */
	int charsets_loaded;
} tc_repair;

/* Repair LEN bytes of INPUT into REPAIR (reused across calls; zero it
 * before first use). Valid UTF-8 with no legacy signs is the fast path:
 * nothing is copied, REPAIR->identical is set and REPAIR->text is left
 * empty (use tc__repair_text). With DETECT_LEGACY 0, only invalid UTF-8 is
 * repaired. Returns 0, or -1 when memory runs out (REPAIR then holds no
 * usable result, but can be reused or freed). */
int tc__repair(tc_repair *repair, const char *input, size_t len, int detect_legacy);
void tc__repair_free(tc_repair *repair);

/* Input offset of output offset OUT_OFFSET. */
static inline size_t tc__repair_input_offset(const tc_repair *repair, size_t out_offset)
{
	return repair->identical ? out_offset : repair->offsets[out_offset];
}

/* The repaired text and its length: INPUT itself on the fast path. */
static inline const char *tc__repair_text(const tc_repair *repair, const char *input)
{
	return repair->identical ? input : repair->text.data;
}

static inline size_t tc__repair_len(const tc_repair *repair, size_t input_len)
{
	return repair->identical ? input_len : repair->text.len;
}

#endif
