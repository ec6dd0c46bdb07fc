/* analyzer.h - the Vietnamese text analyzer.
 *
 * One entry point walks a text and calls back once per token, in the manner
 * of SQLite FTS5's xTokenize: the same code serves the document side
 * (indexing), the query side and snippets, so that both sides agree.
 *
 * Steps (DESIGN.md "Analysis"): decode and repair (UTF-8 validation, legacy
 * encodings), clean characters, canonicalize syllables (mark order, one
 * tone placement, i/y list, lowercase), fold (diacritics stripped, đ → d),
 * tokenize (syllables, numbers, words), syllable bigrams within a clause,
 * document numbers and citation parts.
 *
 * Pure C over ICU; no Xapian. An analyzer object holds scratch buffers that
 * are reused from call to call, so the steady state allocates nothing per
 * token. One analyzer per thread: an analyzer is not thread-safe, but any
 * number of analyzers may run at once. */
#ifndef TC_ANALYZER_H
#define TC_ANALYZER_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __SSE2__
/* Which of the 16 bytes at P can be part of a word, bit I for P[I]: an
 * ASCII letter or digit, or any byte >= 0x80 (Vietnamese letters with
 * marks are several bytes). The analyzer's word scan and a snippet's byte
 * search look for the first byte that is not. */
static inline unsigned tc_word_bytes16(const unsigned char *p)
{
	/* bytes >= 0x80 are negative as signed */
	__m128i v = _mm_loadu_si128((const __m128i *)p);
	__m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
	__m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
	                               _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
	__m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
	__m128i in_word = _mm_or_si128(_mm_or_si128(letter, digit), _mm_cmplt_epi8(v, _mm_setzero_si128()));
	return (unsigned)_mm_movemask_epi8(in_word);
}
#endif

/* Bumped whenever the terms produced for some input change; an index built
 * by another version must be rebuilt. */
#define TC_ANALYZER_VERSION 3

typedef enum tc_analyze_flags {
	TC_ANALYZE_DOCUMENT = 1 << 0, /* text being indexed */
	TC_ANALYZE_QUERY = 1 << 1,    /* text typed by a user */
	TC_ANALYZE_NO_BIGRAMS = 1 << 2,
	TC_ANALYZE_NO_DOC_NUMBERS = 1 << 3,
	TC_ANALYZE_NO_CITATIONS = 1 << 4,
	TC_ANALYZE_NO_REPAIR = 1 << 5, /* input is known-good UTF-8: skip legacy detection */
	/* plain syllables only: no canonical tone placement or i/y unification,
	 * no bigrams, numbers, document numbers or citations (the quality
	 * evaluation's "syllables only" baseline) */
	TC_ANALYZE_PLAIN = 1 << 6,
	TC_ANALYZE_NO_DATES = 1 << 7, /* no DATE terms */
} tc_analyze_flags;

typedef enum tc_token_kind {
	TC_TOKEN_SYLLABLE,        /* a Vietnamese syllable: "quyền" (folded "quyen") */
	TC_TOKEN_WORD,            /* another word: Latin, abbreviations ("ubnd", "hđnd", "covid") */
	TC_TOKEN_NUMBER,          /* a number, normalized: "10.000.000" → "10000000", "2,5" → "2.5" */
	TC_TOKEN_BIGRAM,          /* two adjacent syllables/words of one clause: "quyền_sử" */
	TC_TOKEN_DOC_NUMBER,      /* a whole document number, normalized: "52/2015/nđ-cp" */
	TC_TOKEN_DOC_NUMBER_PART, /* a partial form people type: "52/2015", "nđ:52/2015" */
	TC_TOKEN_CITATION,        /* a citation part: "điều:5a", "khoản:2", "điểm:đ", "chương:3" */
	TC_TOKEN_DATE,            /* a date: "ngày 14 tháng 5 năm 2015", "14/5/2015" → "20150514" */
	TC_TOKEN_KIND_COUNT
} tc_token_kind;

/* Token flags. */
enum {
	/* at the same position as the previous token (bigrams, document number
	 * terms, citation parts, dates lie on top of the words they cover) */
	TC_TOKEN_COLOCATED = 1 << 0,
	/* the first word token of a clause (punctuation or a line break before it) */
	TC_TOKEN_CLAUSE_START = 1 << 1,
	/* the word was written in capitals (headings: "NGHỊ ĐỊNH") */
	TC_TOKEN_UPPERCASE = 1 << 2,
};

typedef struct tc_token {
	tc_token_kind kind;
	unsigned flags;
	/* Canonical lowercase form (NFC, one tone placement). Not NUL-terminated
	 * in general; valid only during the callback. */
	const char *exact;
	size_t exact_len;
	/* Folded form: every diacritic stripped, đ → d. Equal to exact when the
	 * word has no marks. Same lifetime as exact. */
	const char *folded;
	size_t folded_len;
	/* Byte offsets [start, end) of the token in the caller's original input
	 * (before any repair or conversion), so that highlights land exactly on
	 * the original text. */
	size_t start;
	size_t end;
	/* Word position, from 0. Co-located tokens share the position of the
	 * first word they cover; bigrams carry the position of their first
	 * syllable. */
	uint32_t position;
} tc_token;

/* Called once per token. Return 0 to go on, anything else to stop: the run
 * then returns TC_ERR_ABORTED. */
typedef int (*tc_token_fn)(void *ctx, const tc_token *token);

/* What a run found out about its input. */
typedef enum tc_encoding {
	TC_ENCODING_UTF8 = 0,
	TC_ENCODING_TCVN3,        /* ABC / TCVN 5712 fonts (.VnTime) */
	TC_ENCODING_VNI,          /* VNI-Windows fonts */
	TC_ENCODING_VISCII,
	TC_ENCODING_CP1258,       /* Windows-1258: base letters plus combining tones */
	TC_ENCODING_UTF8_AS_CP1252, /* mojibake: UTF-8 read as Windows-1252 and saved again */
} tc_encoding;

typedef struct tc_analysis_info {
	tc_encoding encoding;   /* what the input was converted from */
	size_t invalid_bytes;   /* invalid UTF-8 bytes replaced by U+FFFD */
	size_t token_count;     /* tokens delivered to the callback */
	uint32_t word_count;    /* positions used (last position + 1) */
} tc_analysis_info;

/* "UTF-8", "TCVN3", "VNI", "VISCII", "Windows-1258", "UTF-8 read as Windows-1252". */
const char *tc_encoding_name(tc_encoding encoding);

/* Short lowercase name of a token kind: "syllable", "word", "number",
 * "bigram", "docnum", "docnum-part", "citation", "date". */
const char *tc_token_kind_name(tc_token_kind kind);

typedef struct tc_analyzer tc_analyzer;

/* Create an analyzer. Returns NULL when memory runs out. */
tc_analyzer *tc_analyzer_new(void);
void tc_analyzer_free(tc_analyzer *analyzer);

/* Analyze LEN bytes of TEXT (any bytes: invalid UTF-8 and legacy encodings
 * are repaired, never fatal). FLAGS is TC_ANALYZE_DOCUMENT or
 * TC_ANALYZE_QUERY, or-ed with options. TOKEN_FN is called for each token in
 * order of position. INFO (may be NULL) is filled. Returns TC_OK,
 * TC_ERR_ABORTED if the callback stopped the run, or TC_ERR_NOMEM (with ERR
 * filled; ERR may be NULL). */
tc_status tc_analyzer_run(tc_analyzer *analyzer, unsigned flags, const char *text, size_t len,
                          tc_token_fn token_fn, void *ctx, tc_analysis_info *info, tc_error *err);

/* Convenience for callers that need the canonical or folded form of a short
 * string (a title, a name, a filter value): writes the canonical lowercase
 * text of TEXT into OUT (replacing its content), syllables canonicalized
 * and, when FOLD is set, folded. Whitespace runs become one space. Returns 0,
 * or -1 when memory runs out. */
int tc_analyzer_normalize(tc_analyzer *analyzer, const char *text, size_t len, int fold, tc_buf *out);

/* The other spelling of W (LEN bytes, a syllable as the analyzer writes
 * it, lowercase) where its tone may stand on either vowel: the analyzer
 * puts it on the first of "oa", "oe", "uy" ending a syllable ("hóa",
 * "khỏe", "thủy"), many texts on the second ("hoá", "khoẻ", "thuỷ"). Into
 * OUT (CAP bytes); returns its length, 0 when W has no other spelling (or
 * it does not fit). Pure. */
size_t tc_tone_variant(const char *w, size_t len, char *out, size_t cap);

/* W (LEN bytes: letters only, with or without marks, in any case, composed
 * or not) folded as the analyzer folds a syllable (marks dropped, đ → d,
 * lowercase) into OUT (CAP bytes, NUL-terminated); returns its length, 0
 * when W is not all such letters or does not fit. Pure. */
size_t tc_fold_word(const char *w, size_t len, char *out, size_t cap);

/* Decode the UTF-8 character at TEXT[POS] (POS < LEN) into *CP and return
 * its length in bytes. An invalid sequence (a stray or truncated byte run,
 * an overlong form such as C0 AF, a surrogate such as ED A0 80, a code
 * point above U+10FFFF such as F4 90 80 80) gives *CP = U+FFFD with
 * *INVALID set, and returns the length of its maximal subpart (Unicode
 * §3.9): replacing each such run with one U+FFFD is the analyzer's own
 * repair, so a loader that repairs with it agrees with the analyzer. Pure;
 * thread-safe. */
size_t tc_utf8_next(const char *text, size_t len, size_t pos, uint32_t *cp, int *invalid);

/* Repair LEN bytes of TEXT into valid UTF-8 in OUT (replacing its content),
 * as tc_analyzer_run repairs its input: invalid sequences (overlong forms,
 * surrogates, code points above U+10FFFF, truncated sequences) become
 * U+FFFD, the rest is kept byte for byte; with DETECT_LEGACY, legacy
 * encodings are also detected and converted. INFO (may be NULL) says what
 * was done (encoding, invalid_bytes). Returns 0, or -1 when memory runs
 * out. */
int tc_analyzer_repair(tc_analyzer *analyzer, const char *text, size_t len, int detect_legacy, tc_buf *out,
                       tc_analysis_info *info);

/* Normalize a document number as written ("Số: 52 / 2015 / NÐ – CP",
 * "52/2015/ND-CP") into OUT: the DOC_NUMBER exact form ("52/2015/nđ-cp").
 * With FOLD, the folded form ("52/2015/nd-cp"). Returns 0, or -1 when TEXT
 * holds no document number. */
int tc_doc_number_normalize(const char *text, size_t len, int fold, tc_buf *out);

#ifdef __cplusplus
}
#endif

#endif
