/* analyzer.c - the Vietnamese text analyzer (see analyzer.h, DESIGN.md
 * "Analysis" and analyzers/README.md for the token rules).
 *
 * One pass over the repaired UTF-8 text. Each code point is cleaned
 * (zero-width characters dropped, spaces, dashes and quotes unified, eth →
 * Đ) and classified through static tables; a letter run is decomposed into
 * (base letter, shape mark, tone mark) triples, whatever the order and
 * composition of its marks, then re-composed in the canonical form. ICU is
 * used only for code points outside the Latin tables (Greek, Cyrillic, CJK,
 * rare marks). Document numbers, citations and dates are recognised by small
 * hand-written matchers that look ahead in the text from the first word
 * they cover; their terms are emitted right after that word (COLOCATED).
 * Everything lives in fixed buffers inside the analyzer: nothing is
 * allocated per token. */
#include "analyzer.h"
#include "encoding.h"
#include "vn-tables.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ---- limits ---- */

/* letters in one word: longer runs are cut into pieces (Xapian terms must
 * stay below 245 bytes; no real word comes near) */
#define WORD_MAX_LETTERS  48
#define TERM_MAX          256 /* bytes of one word's exact or folded form */
#define NUMBER_MAX_DIGITS 40
#define EXTRA_MAX         160 /* bytes of one document number, citation or date term */
#define EXTRAS_MAX        8   /* co-located terms on one word */
#define HISTORY_MAX       4   /* words remembered for "nghị định số 52/2015" */
#define HISTORY_WORD      8   /* bytes of one, NUL included: see history_push */
/* The forms of the words of one bigram chain sit side by side, joined by
 * '_', so that a bigram is a span of this buffer and never a copy. A chain
 * that reaches the end starts again at the front with its last word. */
#define CHAIN_BYTES 4096

/* The word cache (see word_cache_entry): 2^13 entries of one cache line
 * (64 bytes), 512 KB, hold the syllables of a legal text (about 7,000
 * distinct, plus their capitalized forms); 2^12 and 2^14 measured no
 * better. A syllable has at most 7 letters, about 12 bytes; longer words
 * are not cached. */
#define WORD_CACHE_BITS   13
#define WORD_CACHE_SIZE   (1u << WORD_CACHE_BITS)
#define WORD_CACHE_KEY    16 /* a cached word has fewer raw bytes (scan_word) */
#define WORD_CACHE_EXACT  24 /* bytes of its exact form, NUL included */
#define WORD_CACHE_FOLDED 16

#define CP_DROP 0xFFFFFFFFu
#define CP_PARA 0x2029u

/* ---- character classes ---- */

enum {
	C_SEP, /* a separator that does not end a clause: / - ' * + … */
	C_SPACE,
	C_NEWLINE, /* one line break: no clause end (hard-wrapped lines) */
	C_PARA,    /* a paragraph break: ends a clause */
	C_CLAUSE,  /* punctuation that ends a clause */
	C_DASH,    /* '-': ends a clause when spaced ("Độc lập - Tự do") */
	C_LETTER,
	C_MARK,
	C_DIGIT,
};

static const uint8_t ascii_class[128] = {
        ['\n'] = C_NEWLINE,
        [' '] = C_SPACE,
        ['.'] = C_CLAUSE,
        [','] = C_CLAUSE,
        [';'] = C_CLAUSE,
        [':'] = C_CLAUSE,
        ['!'] = C_CLAUSE,
        ['?'] = C_CLAUSE,
        ['('] = C_CLAUSE,
        [')'] = C_CLAUSE,
        ['['] = C_CLAUSE,
        [']'] = C_CLAUSE,
        ['{'] = C_CLAUSE,
        ['}'] = C_CLAUSE,
        ['"'] = C_CLAUSE,
        ['|'] = C_CLAUSE,
        ['-'] = C_DASH,
        ['0'] = C_DIGIT,
        ['1'] = C_DIGIT,
        ['2'] = C_DIGIT,
        ['3'] = C_DIGIT,
        ['4'] = C_DIGIT,
        ['5'] = C_DIGIT,
        ['6'] = C_DIGIT,
        ['7'] = C_DIGIT,
        ['8'] = C_DIGIT,
        ['9'] = C_DIGIT,
#define L(c) [c] = C_LETTER
        L('a'),
        L('b'),
        L('c'),
        L('d'),
        L('e'),
        L('f'),
        L('g'),
        L('h'),
        L('i'),
        L('j'),
        L('k'),
        L('l'),
        L('m'),
        L('n'),
        L('o'),
        L('p'),
        L('q'),
        L('r'),
        L('s'),
        L('t'),
        L('u'),
        L('v'),
        L('w'),
        L('x'),
        L('y'),
        L('z'),
        L('A'),
        L('B'),
        L('C'),
        L('D'),
        L('E'),
        L('F'),
        L('G'),
        L('H'),
        L('I'),
        L('J'),
        L('K'),
        L('L'),
        L('M'),
        L('N'),
        L('O'),
        L('P'),
        L('Q'),
        L('R'),
        L('S'),
        L('T'),
        L('U'),
        L('V'),
        L('W'),
        L('X'),
        L('Y'),
        L('Z'),
#undef L
};

/* ASCII letters and digits (C_LETTER, C_DIGIT), one bit per byte value
 * (word_candidate without SSE2). */
static const uint32_t ascii_word_mask[4] = {0, 0x03FF0000u, 0x07FFFFFEu, 0x07FFFFFEu};

/* Decode one code point; invalid or truncated UTF-8 gives U+FFFD and
 * advances one byte (the repair step normally removes these first). */
static inline uint32_t utf8_decode(const unsigned char *s, size_t len, size_t *pos)
{
	size_t i = *pos;
	uint32_t c = s[i];
	if (c < 0x80) {
		*pos = i + 1;
		return c;
	}
	/* the common cases first: Vietnamese letters are 2 or 3 bytes */
	if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
		*pos = i + 2;
		return ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
	}
	if (c >= 0xE1 && c <= 0xEC && i + 2 < len && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
		*pos = i + 3;
		return ((c & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
	}
	size_t n;
	uint32_t min;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 1, c &= 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2, c &= 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3, c &= 0x07, min = 0x10000;
	} else {
		*pos = i + 1;
		return 0xFFFD;
	}
	for (size_t k = 1; k <= n; k++) {
		if (i + k >= len || (s[i + k] & 0xC0) != 0x80) {
			*pos = i + 1;
			return 0xFFFD;
		}
		c = (c << 6) | (s[i + k] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*pos = i + 1;
		return 0xFFFD;
	}
	*pos = i + n + 1;
	return c;
}

static inline size_t utf8_encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Step 2, "clean characters", for one code point. */
static inline uint32_t clean_cp(uint32_t c)
{
	if (c < 0x80) {
		if (c == '\t' || c == '\r' || c == '\v')
			return ' ';
		if (c == '\f')
			return CP_PARA;
		return c;
	}
	switch (c) {
	case 0x00AD: /* soft hyphen */
	case 0x200B: /* zero-width space, non-joiner, joiner */
	case 0x200C:
	case 0x200D:
	case 0x2060: /* word joiner */
	case 0xFEFF: /* BOM, zero-width no-break space */ return CP_DROP;
	case 0x00A0:
	case 0x1680:
	case 0x202F:
	case 0x205F:
	case 0x3000: return ' ';
	case 0x2010:
	case 0x2011:
	case 0x2012:
	case 0x2013:
	case 0x2014:
	case 0x2015:
	case 0x2212:
	case 0xFE58:
	case 0xFE63:
	case 0xFF0D: return '-';
	case 0x2018:
	case 0x2019:
	case 0x201A:
	case 0x201B:
	case 0x2032: return '\'';
	case 0x201C:
	case 0x201D:
	case 0x201E:
	case 0x201F:
	case 0x2033:
	case 0x00AB:
	case 0x00BB: return '"';
	case 0x00D0: /* Ð (eth), typed for Đ */ return 0x0110;
	case 0x00F0: return 0x0111;
	case 0x2028: return '\n';
	case 0x0085: return '\n';
	}
	if (c >= 0x2000 && c <= 0x200A)
		return ' ';
	return c;
}

/* Next cleaned code point at *POS (dropped characters skipped); 0 at the end. */
static inline uint32_t next_cp(const unsigned char *s, size_t len, size_t *pos)
{
	while (*pos < len) {
		uint32_t c = clean_cp(utf8_decode(s, len, pos));
		if (c != CP_DROP)
			return c;
	}
	return 0;
}

static inline uint32_t peek_cp(const unsigned char *s, size_t len, size_t pos)
{
	return next_cp(s, len, &pos);
}

static inline const vn_letter *latin_letter(uint32_t c)
{
	if (c >= 0xC0 && c <= 0x24F)
		return &vn_latin1[c - 0xC0];
	if (c >= 0x1E00 && c <= 0x1EFF)
		return &vn_latin_ext[c - 0x1E00];
	return NULL;
}

static int char_class(uint32_t c)
{
	if (c < 0x80)
		return ascii_class[c];
	if (c >= 0x300 && c <= 0x36F)
		return C_MARK;
	const vn_letter *l = latin_letter(c);
	if (l)
		return l->kind ? C_LETTER : C_SEP;
	switch (c) {
	case CP_PARA: return C_PARA;
	case 0x2026: /* … */
	case 0x3002: /* 。 */
	case 0x00BF: /* ¿ */
	case 0x00A1: /* ¡ */
	case 0x2022: /* • */ return C_CLAUSE;
	case 0xFFFD: return C_SEP;
	}
	if (c < 0xC0)
		return C_SEP;
	int8_t type = u_charType((UChar32)c);
	if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK)
		return C_MARK;
	if (u_isalpha((UChar32)c) || type == U_DECIMAL_DIGIT_NUMBER)
		return C_LETTER;
	if (type == U_SPACE_SEPARATOR)
		return C_SPACE;
	return C_SEP;
}

static inline int is_space_class(int cls)
{
	return cls == C_SPACE || cls == C_NEWLINE;
}

/* ---- letters ---- */

enum { LK_VIET = 1, LK_FOREIGN = 2, LK_MARK = 3, LK_DIGIT = 4 };

typedef struct letter {
	uint8_t kind;
	uint8_t base; /* LK_VIET: 'a'..'z' or VN_DD; LK_DIGIT: the digit */
	uint8_t shape;
	uint8_t tone;
	uint8_t upper;
	uint32_t cp; /* LK_FOREIGN: lowercase code point; LK_MARK: the mark */
} letter;

static inline int is_vowel(uint8_t b)
{
	return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' || b == 'y';
}

/* Index in vn_vowel_utf8 of a vowel with its shape. */
static int vowel_index(uint8_t base, uint8_t shape)
{
	switch (base) {
	case 'a': return shape == 1 ? 1 : shape == 2 ? 2 : 0;
	case 'e': return shape == 2 ? 4 : 3;
	case 'i': return 5;
	case 'o': return shape == 2 ? 7 : shape == 3 ? 8 : 6;
	case 'u': return shape == 3 ? 10 : 9;
	case 'y': return 11;
	}
	return -1;
}

static int tone_of_mark(uint32_t m)
{
	switch (m) {
	case 0x300:
	case 0x340: return 1;
	case 0x301:
	case 0x341: return 2;
	case 0x309: return 3;
	case 0x303: return 4;
	case 0x323: return 5;
	}
	return 0;
}

static int shape_of_mark(uint32_t m, uint8_t base)
{
	switch (m) {
	case 0x306: return base == 'a' ? 1 : 0;
	case 0x302: return base == 'a' || base == 'e' || base == 'o' ? 2 : 0;
	case 0x31B: return base == 'o' || base == 'u' ? 3 : 0;
	}
	return 0;
}

/* ---- the analyzer ---- */

typedef struct word {
	tc_token_kind kind;
	unsigned flags;
	size_t start, end;
	uint32_t position;
	/* TERM_MAX bytes each, in the analyzer's chain buffers (word_place) */
	char *exact;
	size_t exact_len;
	char *folded;
	size_t folded_len;
} word;

/* What scanning a letter run gives, kept per distinct run of raw bytes:
 * the run's decomposition, syllable parse, tone placement, i/y spelling,
 * lowercasing and folding are a pure function of its bytes (and of
 * TC_ANALYZE_PLAIN), and a legal text uses a few thousand distinct
 * syllables over and over, so they run once per distinct syllable instead
 * of once per token. Direct-mapped: a collision overwrites, nothing is ever
 * freed or reset. */
typedef struct word_cache_entry {
	uint64_t key[WORD_CACHE_KEY / 8]; /* the raw bytes, zero-padded */
	uint8_t key_len;                  /* 0: empty */
	uint8_t plain;                    /* made in TC_ANALYZE_PLAIN mode */
	uint8_t kind;                     /* TC_TOKEN_SYLLABLE or TC_TOKEN_WORD */
	uint8_t flags;                    /* TC_TOKEN_UPPERCASE or 0 */
	uint8_t exact_len;
	uint8_t folded_len;
	char exact[WORD_CACHE_EXACT];
	char folded[WORD_CACHE_FOLDED];
} word_cache_entry;

static_assert(sizeof(word_cache_entry) == 64, "a word cache entry is a cache line");
static_assert(WORD_CACHE_KEY == 16, "scan_word hashes and compares two 8-byte halves");

typedef struct extra {
	tc_token_kind kind;
	size_t start, end;
	char exact[EXTRA_MAX];
	size_t exact_len;
	char folded[EXTRA_MAX];
	size_t folded_len;
} extra;

struct tc_analyzer {
	tc_repair repair;
	const UNormalizer2 *nfc, *nfd; /* ICU, fetched on first need */

	/* the current run */
	const unsigned char *text;
	size_t len;
	unsigned flags;
	tc_token_fn token_fn;
	void *ctx;
	int aborted;
	uint32_t position;
	size_t token_count;
	int clause_start;   /* the next word starts a clause */
	int prev_pairable;  /* the previous word can start a bigram */
	int bigrams;        /* bigrams wanted in this run */
	size_t match_until; /* no document number or date starts before this offset */

	word words[2];
	int cur;
	char chain_exact[CHAIN_BYTES];
	char chain_folded[CHAIN_BYTES];
	word_cache_entry *word_cache; /* WORD_CACHE_SIZE entries, on cache-line boundaries */
	void *word_cache_memory;      /* as allocated */
	letter letters[WORD_MAX_LETTERS];
	size_t nletters;
	extra extras[EXTRAS_MAX];
	int nextras;
	/* folded words of the clause: a ring, the newest at (hcount - 1) % HISTORY_MAX */
	char history[HISTORY_MAX][HISTORY_WORD];
	unsigned hcount; /* words pushed since the clause began */
};

const char *tc_encoding_name(tc_encoding encoding)
{
	switch (encoding) {
	case TC_ENCODING_UTF8: return "UTF-8";
	case TC_ENCODING_TCVN3: return "TCVN3";
	case TC_ENCODING_VNI: return "VNI";
	case TC_ENCODING_VISCII: return "VISCII";
	case TC_ENCODING_CP1258: return "Windows-1258";
	case TC_ENCODING_UTF8_AS_CP1252: return "UTF-8 read as Windows-1252";
	}
	return "unknown";
}

const char *tc_token_kind_name(tc_token_kind kind)
{
	switch (kind) {
	case TC_TOKEN_SYLLABLE: return "syllable";
	case TC_TOKEN_WORD: return "word";
	case TC_TOKEN_NUMBER: return "number";
	case TC_TOKEN_BIGRAM: return "bigram";
	case TC_TOKEN_DOC_NUMBER: return "docnum";
	case TC_TOKEN_DOC_NUMBER_PART: return "docnum-part";
	case TC_TOKEN_CITATION: return "citation";
	case TC_TOKEN_DATE: return "date";
	case TC_TOKEN_KIND_COUNT: break;
	}
	return "unknown";
}

tc_analyzer *tc_analyzer_new(void)
{
	tc_analyzer *analyzer = tc_calloc(1, sizeof *analyzer);
	if (!analyzer)
		return NULL;
	/* one entry per cache line: 64 bytes more, to align the first */
	size_t bytes = WORD_CACHE_SIZE * sizeof(word_cache_entry);
	analyzer->word_cache_memory = tc_malloc(bytes + 64);
	if (!analyzer->word_cache_memory) {
		tc_free(analyzer);
		return NULL;
	}
	uintptr_t at = ((uintptr_t)analyzer->word_cache_memory + 63) & ~(uintptr_t)63;
	analyzer->word_cache = (word_cache_entry *)at;
	memset(analyzer->word_cache, 0, bytes);
	return analyzer;
}

void tc_analyzer_free(tc_analyzer *analyzer)
{
	if (!analyzer)
		return;
	tc__repair_free(&analyzer->repair);
	tc_free(analyzer->word_cache_memory);
	tc_free(analyzer);
}

static const UNormalizer2 *get_nfc(tc_analyzer *a)
{
	if (!a->nfc) {
		UErrorCode status = U_ZERO_ERROR;
		a->nfc = unorm2_getNFCInstance(&status);
		if (U_FAILURE(status))
			a->nfc = NULL;
	}
	return a->nfc;
}

static const UNormalizer2 *get_nfd(tc_analyzer *a)
{
	if (!a->nfd) {
		UErrorCode status = U_ZERO_ERROR;
		a->nfd = unorm2_getNFDInstance(&status);
		if (U_FAILURE(status))
			a->nfd = NULL;
	}
	return a->nfd;
}

/* Classify code point C (a letter) into L. */
static void letter_set(tc_analyzer *a, letter *l, uint32_t c)
{
	memset(l, 0, sizeof *l);
	if (c < 0x80) {
		if (c >= '0' && c <= '9') {
			l->kind = LK_DIGIT;
			l->base = (uint8_t)c;
			return;
		}
		l->kind = LK_VIET;
		if (c >= 'A' && c <= 'Z') {
			l->upper = 1;
			c += 'a' - 'A';
		}
		l->base = (uint8_t)c;
		return;
	}
	const vn_letter *v = latin_letter(c);
	if (v && v->kind == VN_VIET) {
		l->kind = LK_VIET;
		l->base = v->base;
		l->shape = v->shape;
		l->tone = v->tone;
		l->upper = v->upper;
		return;
	}
	l->kind = LK_FOREIGN;
	if (v) {
		l->cp = v->lower;
		l->upper = v->upper;
		return;
	}
	UChar32 lower = u_tolower((UChar32)c);
	l->upper = lower != (UChar32)c;
	l->cp = (uint32_t)lower;
	(void)a;
}

/* The code point of a Vietnamese letter without its marks, as written. */
static uint32_t letter_plain_cp(const letter *l)
{
	if (l->base == VN_DD)
		return l->upper ? 0x110 : 0x111;
	return l->upper ? (uint32_t)l->base - 'a' + 'A' : l->base;
}

/* Attach combining mark M to the last letter; stray marks are dropped. */
static void letter_add_mark(tc_analyzer *a, uint32_t m)
{
	if (!a->nletters)
		return;
	letter *l = &a->letters[a->nletters - 1];
	if (l->kind == LK_VIET) {
		int tone = tone_of_mark(m);
		if (tone && is_vowel(l->base) && !l->tone) {
			l->tone = (uint8_t)tone;
			return;
		}
		int shape = shape_of_mark(m, l->base);
		if (shape && !l->shape) {
			l->shape = (uint8_t)shape;
			return;
		}
		if (!l->shape && !l->tone) {
			/* a foreign letter in NFD: "c" + U+0327 → "ç" */
			const UNormalizer2 *nfc = get_nfc(a);
			UChar32 composed =
			        nfc ? unorm2_composePair(nfc, (UChar32)letter_plain_cp(l), (UChar32)m) : -1;
			if (composed > 0) {
				letter_set(a, l, (uint32_t)composed);
				return;
			}
		}
	} else if (l->kind == LK_FOREIGN) {
		const UNormalizer2 *nfc = get_nfc(a);
		UChar32 composed = nfc ? unorm2_composePair(nfc, (UChar32)l->cp, (UChar32)m) : -1;
		if (composed > 0) {
			letter_set(a, l, (uint32_t)composed);
			return;
		}
	}
	if (a->nletters < WORD_MAX_LETTERS) {
		letter *mark = &a->letters[a->nletters++];
		memset(mark, 0, sizeof *mark);
		mark->kind = LK_MARK;
		mark->cp = m;
	}
}

/* ---- syllable structure ---- */

typedef struct syllable {
	size_t onset_end; /* letters [0, onset_end) are the onset */
	size_t vowel_end; /* [onset_end, vowel_end) the vowel cluster; the rest the final */
} syllable;

static const uint8_t vowel_code[128] = {['a'] = 1, ['e'] = 2, ['i'] = 3, ['o'] = 4, ['u'] = 5, ['y'] = 6};

/* Parse the letters as a Vietnamese syllable: onset (b c ch d đ g gh gi h k
 * kh l m n ng ngh nh p ph qu r s t th tr v x), a vowel cluster of
 * vn_cluster_ok (shapes ignored, so unmarked "nguoi" parses), a final (c ch
 * m n ng nh p t). Returns 1 when they are one. */
static int parse_syllable(const letter *l, size_t n, syllable *syl)
{
	uint8_t b[8];
	if (n == 0 || n > 8)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (l[i].kind != LK_VIET)
			return 0;
		b[i] = l[i].base;
	}
	size_t i = 0;
	uint8_t b1 = n > 1 ? b[1] : 0, b2 = n > 2 ? b[2] : 0;
	switch (b[0]) {
	case 'b':
	case 'd':
	case VN_DD:
	case 'l':
	case 'm':
	case 'r':
	case 's':
	case 'v':
	case 'x':
	case 'h': i = 1; break;
	case 'c':
	case 'k':
	case 'p': i = b1 == 'h' ? 2 : 1; break;
	case 't': i = b1 == 'h' || b1 == 'r' ? 2 : 1; break;
	case 'g':
		/* "gi" keeps its i only when another vowel follows: già = gi + à, gìn = g + ìn */
		i = b1 == 'h' || (b1 == 'i' && b2 < 128 && vowel_code[b2]) ? 2 : 1;
		break;
	case 'n': i = b1 == 'g' ? (b2 == 'h' ? 3 : 2) : b1 == 'h' ? 2 : 1; break;
	case 'q':
		if (b1 != 'u' || !(b2 < 128 && vowel_code[b2]))
			return 0;
		i = 2;
		break;
	default:
		if (!(b[0] < 128 && vowel_code[b[0]]))
			return 0;
	}
	size_t v = i;
	unsigned code = 0;
	while (v < n && b[v] < 128 && vowel_code[b[v]] && v - i < 3) {
		code = code * 7 + vowel_code[b[v]];
		v++;
	}
	if (v == i || (v < n && b[v] < 128 && vowel_code[b[v]]))
		return 0;
	for (size_t k = v - i; k < 3; k++)
		code *= 7;
	if (!vn_cluster_ok[code])
		return 0;
	switch (n - v) {
	case 0: break;
	case 1:
		if (b[v] != 'c' && b[v] != 'm' && b[v] != 'n' && b[v] != 'p' && b[v] != 't')
			return 0;
		break;
	case 2:
		if (!((b[v] == 'c' && b[v + 1] == 'h') ||
		      (b[v] == 'n' && (b[v + 1] == 'g' || b[v + 1] == 'h'))))
			return 0;
		break;
	default: return 0;
	}
	for (size_t k = 0; k < n; k++)
		if (l[k].shape && k < i) /* a shape mark on a consonant */
			return 0;
	syl->onset_end = i;
	syl->vowel_end = v;
	return 1;
}

/* Step 3: put the tone where the national legal database puts it, by rule:
 * on the (last) vowel with a shape mark (ươ → ơ, uyê → ê); else on the last
 * vowel when a final consonant follows (hoàng, toán, huỳnh); else on the
 * first of two vowels (hòa, khỏe, thủy, ủy, mía, múa) and the middle of
 * three (ngoài, khuỷu). "qu" and "gi" are onsets: quý, già. */
static void place_tone(letter *l, size_t n, const syllable *syl)
{
	size_t v0 = syl->onset_end, v1 = syl->vowel_end, k = v1 - v0, at;
	size_t shaped = SIZE_MAX;
	for (size_t i = v0; i < v1; i++)
		if (l[i].shape)
			shaped = i;
	if (shaped != SIZE_MAX)
		at = shaped;
	else if (v1 < n)
		at = v1 - 1;
	else if (k == 3)
		at = v0 + 1;
	else
		at = v0;
	/* one tone per syllable: the one already in place wins over a stray
	 * second one ("hỉện" → "hiện"), else the last one typed */
	int tone = l[at].tone;
	for (size_t i = 0; i < n; i++) {
		if (l[i].tone && !l[at].tone)
			tone = l[i].tone;
		if (i != at)
			l[i].tone = 0;
	}
	l[at].tone = (uint8_t)tone;
}

/* The closed i/y list: "lý/lí", "kỹ/kĩ", "mỹ/mĩ", "ký/kí", "hy/hi", "tỷ/tỉ"
 * (công ty, tỷ lệ) are written with y, "sĩ/sỹ" with i, "quy/qui" with y:
 * the spellings of the national legal database. Only open syllables of one
 * consonant and i/y, so "kim", "lịch", "tin" are untouched. */
static void unify_i_y(letter *l, size_t n, const syllable *syl)
{
	if (syl->vowel_end != n || syl->vowel_end - syl->onset_end != 1)
		return;
	letter *v = &l[syl->onset_end];
	if (v->base != 'i' && v->base != 'y')
		return;
	if (syl->onset_end == 2 && l[0].base == 'q') {
		v->base = 'y';
		return;
	}
	if (syl->onset_end != 1)
		return;
	switch (l[0].base) {
	case 'l':
	case 'k':
	case 'm':
	case 'h':
	case 't': v->base = 'y'; break;
	case 's': v->base = 'i'; break;
	}
}

static size_t fold_foreign(tc_analyzer *a, const letter *l, char *out)
{
	if (l->cp < 0x80) {
		out[0] = (char)l->cp;
		return 1;
	}
	const vn_letter *v = latin_letter(l->cp);
	if (v && v->fold[0]) {
		size_t n = strlen(v->fold);
		memcpy(out, v->fold, n);
		return n;
	}
	/* beyond the Latin tables: the first code point of the canonical
	 * decomposition ("ά" → "α") */
	uint32_t c = l->cp;
	const UNormalizer2 *nfd = get_nfd(a);
	if (nfd) {
		UChar buf[8];
		UErrorCode status = U_ZERO_ERROR;
		int32_t n = unorm2_getDecomposition(nfd, (UChar32)c, buf, 8, &status);
		if (U_SUCCESS(status) && n > 0) {
			UChar32 first;
			int32_t i = 0;
			U16_NEXT(buf, i, n, first);
			c = (uint32_t)first;
		}
	}
	return utf8_encode(c, out);
}

/* Write the word's exact and folded forms. */
static void letters_write(tc_analyzer *a, word *w)
{
	char *e = w->exact, *f = w->folded;
	size_t el = 0, fl = 0;
	for (size_t i = 0; i < a->nletters; i++) {
		const letter *l = &a->letters[i];
		switch (l->kind) {
		case LK_VIET:
			if (is_vowel(l->base)) {
				const char *s = vn_vowel_utf8[vowel_index(l->base, l->shape)][l->tone];
				e[el++] = s[0];
				if ((unsigned char)s[0] >= 0x80) {
					e[el++] = s[1];
					if ((unsigned char)s[0] >= 0xE0)
						e[el++] = s[2];
				}
				f[fl++] = (char)l->base;
			} else if (l->base == VN_DD) {
				e[el++] = '\xc4';
				e[el++] = '\x91';
				f[fl++] = 'd';
			} else {
				e[el++] = (char)l->base;
				f[fl++] = (char)l->base;
			}
			break;
		case LK_DIGIT:
			e[el++] = (char)l->base;
			f[fl++] = (char)l->base;
			break;
		case LK_FOREIGN:
			el += utf8_encode(l->cp, e + el);
			fl += fold_foreign(a, l, f + fl);
			break;
		case LK_MARK: el += utf8_encode(l->cp, e + el); break;
		}
	}
	e[el] = f[fl] = '\0';
	w->exact_len = el;
	w->folded_len = fl;
}

/* Scan a letter run at POS (its first letter) into the current word. */
static size_t scan_letters(tc_analyzer *a, size_t pos, word *w, int allow_digits)
{
	const unsigned char *s = a->text;
	size_t len = a->len, end = pos;
	a->nletters = 0;
	while (end < len) {
		unsigned char ch = s[end];
		if (ch < 0x80) {
			/* the fast path: ASCII needs no cleaning, decoding or table */
			uint8_t cls = ascii_class[ch];
			if (cls != C_LETTER && !(cls == C_DIGIT && allow_digits))
				break;
			if (a->nletters >= WORD_MAX_LETTERS)
				break;
			letter *l = &a->letters[a->nletters++];
			l->shape = l->tone = 0;
			l->cp = 0;
			if (cls == C_DIGIT) {
				l->kind = LK_DIGIT;
				l->base = ch;
				l->upper = 0;
			} else {
				l->kind = LK_VIET;
				l->base = ch | 0x20;
				l->upper = ch < 'a';
			}
			end++;
			continue;
		}
		size_t next = end;
		uint32_t c = utf8_decode(s, len, &next);
		const vn_letter *v = latin_letter(c);
		if (v && v->kind == VN_VIET) {
			/* the Vietnamese fast path: precomposed letters (and eth) by table */
			if (a->nletters >= WORD_MAX_LETTERS)
				break;
			letter *l = &a->letters[a->nletters++];
			l->kind = LK_VIET;
			l->base = v->base;
			l->shape = v->shape;
			l->tone = v->tone;
			l->upper = v->upper;
			l->cp = 0;
			end = next;
			continue;
		}
		c = clean_cp(c);
		if (c == CP_DROP) {
			end = next;
			continue;
		}
		int cls = char_class(c);
		if (cls == C_MARK) {
			letter_add_mark(a, c);
		} else if (cls == C_LETTER || (cls == C_DIGIT && allow_digits)) {
			if (a->nletters >= WORD_MAX_LETTERS)
				break;
			letter_set(a, &a->letters[a->nletters++], c);
		} else {
			break;
		}
		end = next;
	}
	size_t n = a->nletters, cased = 0, upper = 0;
	int digits = 0;
	for (size_t i = 0; i < n; i++) {
		const letter *l = &a->letters[i];
		if (l->kind == LK_DIGIT)
			digits = 1;
		if (l->kind == LK_VIET || l->kind == LK_FOREIGN) {
			cased++;
			upper += l->upper;
		}
	}
	syllable syl;
	w->kind = TC_TOKEN_WORD;
	if (!digits && parse_syllable(a->letters, n, &syl)) {
		w->kind = TC_TOKEN_SYLLABLE;
		if (!(a->flags & TC_ANALYZE_PLAIN)) {
			place_tone(a->letters, n, &syl);
			unify_i_y(a->letters, n, &syl);
		}
	}
	w->flags = cased && upper == cased ? TC_TOKEN_UPPERCASE : 0;
	letters_write(a, w);
	w->start = pos;
	w->end = end;
	return end;
}

/* Give W its room in the chain buffers: right after the previous word,
 * joined by '_', when CHAINED (the two may form a bigram), else at the
 * front. */
static inline void word_place(tc_analyzer *a, word *w, int chained)
{
	word *prev = &a->words[a->cur ^ 1];
	size_t e = 0, f = 0;
	if (chained) {
		e = (size_t)(prev->exact - a->chain_exact) + prev->exact_len + 1;
		f = (size_t)(prev->folded - a->chain_folded) + prev->folded_len + 1;
		if (e + TERM_MAX > CHAIN_BYTES || f + TERM_MAX > CHAIN_BYTES) {
			memmove(a->chain_exact, prev->exact, prev->exact_len);
			memmove(a->chain_folded, prev->folded, prev->folded_len);
			prev->exact = a->chain_exact;
			prev->folded = a->chain_folded;
			e = prev->exact_len + 1;
			f = prev->folded_len + 1;
		}
		a->chain_exact[e - 1] = '_';
		a->chain_folded[f - 1] = '_';
	}
	w->exact = a->chain_exact + e;
	w->folded = a->chain_folded + f;
}

/* The length of the candidate word at POS: the run of ASCII letters,
 * digits and non-ASCII bytes there, up to WORD_CACHE_KEY (meaning "too
 * long"). The candidate is the key of the word cache: where it ends, at an
 * ASCII byte that is no letter or digit or at the end of the text,
 * scan_letters stops too, if it gets that far, so a candidate that
 * scan_letters took whole once gives the same word wherever it occurs. */
static inline size_t word_candidate(const unsigned char *s, size_t pos, size_t len)
{
#ifdef __SSE2__
	if (len - pos >= 16) {
		/* 16 bytes at once */
		unsigned stop = tc_word_bytes16(s + pos) ^ 0xFFFFu;
		return stop ? (size_t)__builtin_ctz(stop) : WORD_CACHE_KEY;
	}
#endif
	size_t n = 0;
	while (n < WORD_CACHE_KEY && pos + n < len &&
	       (s[pos + n] >= 0x80 || (ascii_word_mask[s[pos + n] >> 5] & (1u << (s[pos + n] & 31)))))
		n++;
	return n;
}

/* The mask that keeps the first N bytes (0 to 8), in memory order, of a
 * uint64_t loaded with memcpy. */
static inline uint64_t first_bytes_mask(size_t n)
{
	if (n >= 8)
		return ~(uint64_t)0;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return ((uint64_t)1 << (8 * n)) - 1;
#else
	return n ? ~(uint64_t)0 << (8 * (8 - n)) : 0;
#endif
}

/* scan_letters through the word cache, keyed by the word's candidate run
 * of bytes (word_candidate): nearly every word is one lookup, with no
 * decoding. A run that is too long, or that scan_letters does not take
 * whole (it holds a character that is no letter, such as an en dash or a
 * NBSP), goes to scan_letters every time. Same result as
 * scan_letters (a, pos, w, 1). */
static size_t scan_word(tc_analyzer *a, size_t pos, word *w)
{
	const unsigned char *s = a->text;
	size_t len = a->len;
	size_t key_len = word_candidate(s, pos, len);
	if (key_len >= WORD_CACHE_KEY)
		return scan_letters(a, pos, w, 1);
	/* the key: the run's bytes, zero-padded to WORD_CACHE_KEY; built in
	 * registers (bytes stored one by one and read back as words would
	 * stall the load) */
	uint64_t key[WORD_CACHE_KEY / 8] = {0};
	if (len - pos >= WORD_CACHE_KEY) {
		memcpy(&key[0], s + pos, 8);
		memcpy(&key[1], s + pos + 8, 8);
		key[0] &= first_bytes_mask(key_len < 8 ? key_len : 8);
		key[1] &= first_bytes_mask(key_len > 8 ? key_len - 8 : 0);
	} else {
		memcpy(key, s + pos, key_len);
	}
	/* multiplicative hashing: the index comes from the high bits */
	uint8_t plain = (a->flags & TC_ANALYZE_PLAIN) != 0;
	uint64_t hash = (key[0] + plain) * 0x9E3779B97F4A7C15u;
	hash = (hash ^ (hash >> 29) ^ key[1]) * 0x9E3779B97F4A7C15u;
	word_cache_entry *entry = &a->word_cache[hash >> (64 - WORD_CACHE_BITS)];
	if (entry->key_len == key_len && entry->plain == plain && entry->key[0] == key[0] &&
	    entry->key[1] == key[1]) {
		/* fixed-size copies: the chain buffers have room past the word,
		 * and the entry holds the forms' NUL terminators */
		memcpy(w->exact, entry->exact, WORD_CACHE_EXACT);
		memcpy(w->folded, entry->folded, WORD_CACHE_FOLDED);
		w->exact_len = entry->exact_len;
		w->folded_len = entry->folded_len;
		w->kind = (tc_token_kind)entry->kind;
		w->flags = entry->flags;
		w->start = pos;
		w->end = pos + key_len;
		return pos + key_len;
	}
	size_t end = scan_letters(a, pos, w, 1);
	if (end - pos == key_len && w->exact_len < WORD_CACHE_EXACT && w->folded_len < WORD_CACHE_FOLDED) {
		memcpy(entry->key, key, sizeof key);
		entry->key_len = (uint8_t)key_len;
		entry->plain = plain;
		entry->kind = (uint8_t)w->kind;
		entry->flags = (uint8_t)w->flags;
		entry->exact_len = (uint8_t)w->exact_len;
		entry->folded_len = (uint8_t)w->folded_len;
		memcpy(entry->exact, w->exact, w->exact_len + 1);
		memcpy(entry->folded, w->folded, w->folded_len + 1);
	}
	return end;
}

/* ---- numbers ---- */

static size_t read_digits(const unsigned char *s, size_t len, size_t pos, size_t max)
{
	size_t n = 0;
	while (pos + n < len && n < max && s[pos + n] >= '0' && s[pos + n] <= '9')
		n++;
	return n;
}

static inline int is_digit_at(const unsigned char *s, size_t len, size_t pos)
{
	return pos < len && s[pos] >= '0' && s[pos] <= '9';
}

/* Is the code point at POS a letter, mark or digit (a word goes on)? */
static int alnum_at(const unsigned char *s, size_t len, size_t pos)
{
	if (pos >= len)
		return 0;
	int cls = char_class(peek_cp(s, len, pos));
	return cls == C_LETTER || cls == C_MARK || cls == C_DIGIT;
}

/* Append the digits S[0, N) without leading zeros ("007" → "7", "0" → "0"). */
static size_t put_number(char *out, const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i + 1 < n && s[i] == '0')
		i++;
	memcpy(out, s + i, n - i);
	return n - i;
}

/* Scan a number at POS (a digit). Vietnamese writes "." for thousands and
 * "," for decimals: "10.000.000" → "10000000", "2,5" → "2.5",
 * "1.234,56" → "1234.56". A dot that is not followed by exactly three
 * digits is not a thousands separator, and the number is kept as written:
 * "10.5" → "10.5" (đề mục "36.3", article "12a.1" and English-style
 * decimals; never divided). One letter glued to a plain number stays in
 * it: "12a", "5a" (articles), "702b"; more letters start a word: "10kg". */
static size_t scan_number(tc_analyzer *a, size_t pos, word *w)
{
	const unsigned char *s = a->text;
	size_t len = a->len;
	size_t gstart[16], glen[16];
	char gsep[16];
	int ng = 0;
	size_t p = pos, total = 0;
	for (;;) {
		size_t n = read_digits(s, len, p, NUMBER_MAX_DIGITS - total);
		gstart[ng] = p;
		glen[ng] = n;
		ng++;
		total += n;
		p += n;
		if (ng == 16 || total >= NUMBER_MAX_DIGITS || p + 1 >= len)
			break;
		if ((s[p] == '.' || s[p] == ',') && is_digit_at(s, len, p + 1)) {
			gsep[ng] = (char)s[p];
			p++;
			continue;
		}
		break;
	}
	/* only one decimal comma, after every dot */
	for (int g = 1; g < ng; g++)
		if (gsep[g] == ',' && g != ng - 1) {
			ng = g;
			break;
		}
	int comma = ng > 1 && gsep[ng - 1] == ',';
	int dots = ng - 1 - comma;
	int thousands = glen[0] <= 3;
	for (int g = 1; g <= dots; g++)
		if (glen[g] != 3)
			thousands = 0;
	char *e = w->exact;
	size_t el = 0;
	if (dots == 0 || thousands) {
		/* integer part without separators */
		size_t i = 0, k = 0;
		char digits[NUMBER_MAX_DIGITS];
		for (int g = 0; g <= dots; g++)
			for (k = 0; k < glen[g]; k++)
				digits[i++] = (char)s[gstart[g] + k];
		el = put_number(e, (const unsigned char *)digits, i);
		if (comma) {
			e[el++] = '.';
			memcpy(e + el, s + gstart[ng - 1], glen[ng - 1]);
			el += glen[ng - 1];
		}
		p = gstart[ng - 1] + glen[ng - 1];
	} else {
		/* kept as written, up to a comma */
		int last = comma ? ng - 2 : ng - 1;
		p = gstart[last] + glen[last];
		memcpy(e, s + pos, p - pos);
		el = p - pos;
	}
	if (ng == 1 && p < len) {
		/* "12a": one ASCII letter (or đ) not followed by another word character */
		size_t q = p;
		uint32_t c = next_cp(s, len, &q);
		int lower = -1;
		if (c < 0x80 && ascii_class[c] == C_LETTER)
			lower = (int)(c | 0x20);
		if (lower > 0 && !alnum_at(s, len, q)) {
			e[el++] = (char)lower;
			p = q;
		}
	}
	e[el] = '\0';
	memcpy(w->folded, e, el + 1);
	w->exact_len = w->folded_len = el;
	w->kind = TC_TOKEN_NUMBER;
	w->flags = 0;
	w->start = pos;
	w->end = p;
	return p;
}

/* PLAIN mode: a run of digits (with glued letters) is a plain word. */
static size_t scan_plain_number(tc_analyzer *a, size_t pos, word *w)
{
	size_t end = scan_letters(a, pos, w, 1);
	w->kind = TC_TOKEN_WORD;
	return end;
}

/* ---- emitting ---- */

static void emit(tc_analyzer *a, tc_token_kind kind, unsigned flags, const char *exact, size_t exact_len,
                 const char *folded, size_t folded_len, size_t start, size_t end, uint32_t position)
{
	if (a->aborted)
		return;
	tc_token t;
	t.kind = kind;
	t.flags = flags;
	t.exact = exact;
	t.exact_len = exact_len;
	t.folded = folded;
	t.folded_len = folded_len;
	t.start = tc__repair_input_offset(&a->repair, start);
	t.end = tc__repair_input_offset(&a->repair, end);
	t.position = position;
	a->token_count++;
	if (a->token_fn(a->ctx, &t))
		a->aborted = 1;
}

static void clause_break(tc_analyzer *a, int keep_history)
{
	a->clause_start = 1;
	a->prev_pairable = 0;
	if (!keep_history)
		a->hcount = 0;
}

static void history_push(tc_analyzer *a, const word *w)
{
	unsigned slot = a->hcount++ % HISTORY_MAX;
	/* The words looked for in the history ("so", the types, the words of
	 * type_words) have at most 5 letters, so a word of HISTORY_WORD bytes
	 * or more may be kept as "": it matches nothing either way. A
	 * fixed-size copy (the chain buffer has room past the word) is cheaper
	 * than a call. */
	size_t n = w->folded_len < HISTORY_WORD ? w->folded_len : 0;
	memcpy(a->history[slot], w->folded, HISTORY_WORD);
	a->history[slot][n] = '\0';
}

/* Words remembered: the last HISTORY_MAX of the clause. */
static int history_count(const tc_analyzer *a)
{
	return a->hcount < HISTORY_MAX ? (int)a->hcount : HISTORY_MAX;
}

/* The I-th remembered word, oldest first. */
static const char *history_at(const tc_analyzer *a, int i)
{
	return a->history[(a->hcount - (unsigned)history_count(a) + (unsigned)i) % HISTORY_MAX];
}

/* ---- small string builder for co-located terms ---- */

typedef struct sb {
	char *p;
	size_t len, cap;
	int overflow;
} sb;

static void sb_init(sb *b, char *p, size_t cap)
{
	b->p = p;
	b->len = 0;
	b->cap = cap;
	b->overflow = 0;
	p[0] = '\0';
}

static void sb_put(sb *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->overflow = 1;
		return;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_str(sb *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static extra *extra_add(tc_analyzer *a, tc_token_kind kind, const char *exact, const char *folded,
                        size_t start, size_t end)
{
	if (a->nextras == EXTRAS_MAX)
		return NULL;
	size_t el = strlen(exact), fl = strlen(folded);
	if (el >= EXTRA_MAX || fl >= EXTRA_MAX || !el)
		return NULL;
	for (int i = 0; i < a->nextras; i++) /* no duplicates on one word */
		if (a->extras[i].kind == kind && !strcmp(a->extras[i].exact, exact))
			return NULL;
	extra *x = &a->extras[a->nextras++];
	x->kind = kind;
	x->start = start;
	x->end = end;
	memcpy(x->exact, exact, el + 1);
	memcpy(x->folded, folded, fl + 1);
	x->exact_len = el;
	x->folded_len = fl;
	return x;
}

/* Append the decimal digits of V (what snprintf "%u" gives, for less). */
static void sb_uint(sb *b, unsigned v)
{
	char digits[12];
	size_t n = sizeof digits;
	do
		digits[--n] = (char)('0' + v % 10);
	while (v /= 10);
	sb_put(b, digits + n, sizeof digits - n);
}

/* OUT (CAP bytes) = the decimal digits of V. */
static void sb_uint_to(char *out, size_t cap, unsigned v)
{
	sb b;
	sb_init(&b, out, cap);
	sb_uint(&b, v);
}

/* ---- matchers: shared helpers over cleaned code points ---- */

/* Skip spaces; with NEWLINES, also up to that many line breaks. */
static size_t skip_ws(const unsigned char *s, size_t len, size_t pos, int newlines)
{
	for (;;) {
		size_t q = pos;
		uint32_t c = next_cp(s, len, &q);
		if (c == ' ' || (c == '\n' && newlines-- > 0))
			pos = q;
		else
			return pos;
	}
}

/* Code point C as a letter of a word folded to ASCII lowercase (đ → d):
 * 1 and the letter in *CH (*MARKED set when it carries a Vietnamese mark,
 * *LOWER when it is lowercase); 0 for a combining mark, which folds away
 * (*MARKED set); -1 for no letter. */
static inline int fold_letter(uint32_t c, char *ch, int *marked, int *lower)
{
	if (c >= 0x300 && c <= 0x36F) {
		*marked = 1;
		return 0;
	}
	if (c < 0x80) {
		if (ascii_class[c] != C_LETTER)
			return -1;
		*ch = (char)(c | 0x20);
		*lower |= c >= 'a';
		return 1;
	}
	const vn_letter *v = latin_letter(c);
	if (!v || v->kind != VN_VIET)
		return -1;
	*ch = v->base == VN_DD ? 'd' : (char)v->base;
	*marked = 1;
	*lower |= !v->upper;
	return 1;
}

/* Read the letter run at POS, folded to ASCII lowercase (đ → d) into OUT;
 * returns the end offset, or POS when there is no letter or it does not fit.
 * *MARKED is set when a letter carries a Vietnamese mark. */
static size_t read_word_folded(const unsigned char *s, size_t len, size_t pos, char *out, size_t cap,
                               int *marked, int *upper)
{
	size_t n = 0, p = pos;
	int any_mark = 0, any_lower = 0;
	for (;;) {
		size_t q = p;
		char ch;
		int kind = fold_letter(next_cp(s, len, &q), &ch, &any_mark, &any_lower);
		if (kind < 0)
			break;
		if (kind > 0 && n + 1 >= cap)
			return pos;
		if (kind > 0)
			out[n++] = ch;
		p = q;
	}
	int all_upper = !any_lower;
	out[n] = '\0';
	if (marked)
		*marked = any_mark;
	if (upper)
		*upper = all_upper;
	return n ? p : pos;
}

/* Does the word at POS fold to WANT? Returns its end, or 0. */
static size_t match_word(const unsigned char *s, size_t len, size_t pos, const char *want)
{
	char buf[16];
	size_t end = read_word_folded(s, len, pos, buf, sizeof buf, NULL, NULL);
	if (end == pos || strcmp(buf, want) || alnum_at(s, len, end))
		return 0;
	return end;
}

/* Read 1..MAX digits at POS not followed by a digit; value in *VAL. */
static size_t read_int(const unsigned char *s, size_t len, size_t pos, size_t max, unsigned *val)
{
	size_t n = read_digits(s, len, pos, max + 1);
	if (n == 0 || n > max)
		return 0;
	unsigned v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned)(s[pos + i] - '0');
	*val = v;
	return n;
}

/* ---- dates ---- */

static int valid_date(unsigned y, unsigned m, unsigned d)
{
	static const unsigned days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

static void add_date(tc_analyzer *a, unsigned y, unsigned m, unsigned d, size_t start, size_t end)
{
	/* YYYYMMDD by hand: snprintf costs more than the whole date match */
	char buf[9] = {(char)('0' + y / 1000), (char)('0' + y / 100 % 10), (char)('0' + y / 10 % 10),
	               (char)('0' + y % 10),   (char)('0' + m / 10),       (char)('0' + m % 10),
	               (char)('0' + d / 10),   (char)('0' + d % 10),       '\0'};
	assert(y <= 9999 && m <= 12 && d <= 31);
	extra_add(a, TC_TOKEN_DATE, buf, buf, start, end);
}

/* "14/5/2015", "14-05-2015", "14.05.2015", "2015-05-14" at POS. */
static size_t match_numeric_date(tc_analyzer *a, size_t pos)
{
	const unsigned char *s = a->text;
	size_t len = a->len;
	unsigned x, y, z;
	size_t n1 = read_int(s, len, pos, 4, &x);
	if (!n1 || pos + n1 >= len)
		return 0;
	char sep = (char)s[pos + n1];
	if (sep != '/' && sep != '-' && sep != '.')
		return 0;
	size_t p = pos + n1 + 1;
	size_t n2 = read_int(s, len, p, 2, &y);
	if (!n2 || p + n2 >= len || s[p + n2] != sep)
		return 0;
	p += n2 + 1;
	size_t n3 = read_int(s, len, p, 4, &z);
	if (!n3)
		return 0;
	p += n3;
	if (p + 1 < len && (s[p] == sep || s[p] == '.' || s[p] == ',') && is_digit_at(s, len, p + 1))
		return 0; /* "1.2.3.4", "10.000.000" */
	if (n1 <= 2 && n3 == 4 && valid_date(z, y, x)) {
		add_date(a, z, y, x, pos, p);
		return p;
	}
	if (n1 == 4 && n3 <= 2 && sep == '-' && valid_date(x, y, z)) {
		add_date(a, x, y, z, pos, p);
		return p;
	}
	return 0;
}

/* "ngày 14 tháng 5 năm 2015" from the end of "ngày" (AFTER). */
static size_t match_word_date(tc_analyzer *a, size_t start, size_t after)
{
	const unsigned char *s = a->text;
	size_t len = a->len;
	unsigned d, m, y;
	size_t p = skip_ws(s, len, after, 1), n;
	if (!(n = read_int(s, len, p, 2, &d)))
		return 0;
	p = skip_ws(s, len, p + n, 1);
	if (!(p = match_word(s, len, p, "thang")))
		return 0;
	p = skip_ws(s, len, p, 1);
	if (!(n = read_int(s, len, p, 2, &m)))
		return 0;
	p = skip_ws(s, len, p + n, 1);
	if (!(p = match_word(s, len, p, "nam")))
		return 0;
	p = skip_ws(s, len, p, 1);
	if (!(n = read_int(s, len, p, 4, &y)) || n != 4)
		return 0;
	if (!valid_date(y, m, d))
		return 0;
	add_date(a, y, m, d, start, p + n);
	return p + n;
}

/* ---- document numbers ---- */

/* Type abbreviations (folded) that may open the issuer part of a number
 * or be typed before it: GLOSSARY.md "Document numbers". */
static const char *const doc_types[] = {"nd", "qd", "tt", "ttlt", "nq",  "nqlt", "ct", "pl", "l", "vbhn",
                                        "kh", "tb", "bc", "hd",   "ttr", "cd",   "kl", "qc", "qy"};

static int is_doc_type(const char *folded)
{
	for (size_t i = 0; i < sizeof doc_types / sizeof doc_types[0]; i++)
		if (!strcmp(folded, doc_types[i]))
			return 1;
	return 0;
}

/* Type words before a number: "Nghị định số 52/2015", "luật 57/2020". */
static const struct {
	const char *words;
	const char *type;
} type_words[] = {
        {"van ban hop nhat", "vbhn"},
        {"thong tu lien tich", "ttlt"},
        {"nghi quyet lien tich", "nqlt"},
        {"nghi dinh", "nd"},
        {"quyet dinh", "qd"},
        {"thong tu", "tt"},
        {"nghi quyet", "nq"},
        {"chi thi", "ct"},
        {"phap lenh", "pl"},
        {"bo luat", "luat"},
        {"ke hoach", "kh"},
        {"thong bao", "tb"},
        {"bao cao", "bc"},
        {"huong dan", "hd"},
        {"to trinh", "ttr"},
        {"cong dien", "cd"},
        {"ket luan", "kl"},
        {"luat", "luat"},
        {"lenh", "l"},
};

static const char *history_type(const tc_analyzer *a)
{
	int n = history_count(a);
	while (n > 0 && !strcmp(history_at(a, n - 1), "so")) /* "số", "số:" */
		n--;
	if (n == 0)
		return NULL;
	if (is_doc_type(history_at(a, n - 1)))
		return history_at(a, n - 1);
	for (size_t t = 0; t < sizeof type_words / sizeof type_words[0]; t++) {
		/* compare the phrase, word by word from its end, with the history */
		const char *phrase = type_words[t].words;
		size_t plen = strlen(phrase);
		int h = n - 1, ok = 1;
		size_t end = plen;
		while (end > 0) {
			size_t begin = end;
			while (begin > 0 && phrase[begin - 1] != ' ')
				begin--;
			if (h < 0 || strlen(history_at(a, h)) != end - begin ||
			    memcmp(history_at(a, h), phrase + begin, end - begin)) {
				ok = 0;
				break;
			}
			h--;
			end = begin ? begin - 1 : 0;
		}
		if (ok)
			return type_words[t].type;
	}
	return NULL;
}

typedef struct doc_number {
	char seq[24];          /* "52", "66.17", "702b" (leading zeros removed) */
	char year[8];          /* "2015" or "" */
	char codes_exact[128]; /* "nđ-cp" */
	char codes_folded[128];
	char first_code[24]; /* folded first code: "nd" */
	int party;           /* "52-NQ/TW" */
	size_t end;
} doc_number;

/* Read one code of an issuer part ("NĐ", "QH14", "BLĐTBXH") at POS: ASCII
 * letters, Đ (or eth) and digits, starting with a letter, and not followed
 * by another letter (so "tháng" is no code). */
static size_t read_code(const unsigned char *s, size_t len, size_t pos, sb *exact, sb *folded, int *upper)
{
	size_t p = pos, n = 0, letters = 0, lowers = 0;
	int all_upper = 1;
	for (;;) {
		size_t q = p;
		uint32_t c = next_cp(s, len, &q);
		if (c < 0x80 && (ascii_class[c] == C_LETTER || (ascii_class[c] == C_DIGIT && n > 0))) {
			char ch = ascii_class[c] == C_LETTER ? (char)(c | 0x20) : (char)c;
			letters += ascii_class[c] == C_LETTER;
			if (c >= 'a' && c <= 'z')
				all_upper = 0, lowers++;
			sb_put(exact, &ch, 1);
			sb_put(folded, &ch, 1);
		} else if (c == 0x110 || c == 0x111) {
			letters++;
			if (c == 0x111)
				all_upper = 0, lowers++;
			sb_put(exact, "\xc4\x91", 2);
			sb_put(folded, "d", 1);
		} else {
			if (n && (char_class(c) == C_LETTER || char_class(c) == C_MARK))
				return 0;
			break;
		}
		n++;
		p = q;
		if (n > 16)
			return 0;
	}
	/* "TTg" is a code, "TTgngay" (a missing space) is not; the digits of a
	 * code in small letters ("qh14") make no mixed case */
	if (!all_upper && lowers > 1 && lowers < letters)
		return 0;
	*upper = all_upper;
	return n ? p : 0;
}

/* The issuer part: codes joined by '-' ("TTLT-BLĐTBXH-\nNHNNVN"). A code
 * after spaces or a line break must be in capitals, so that "NĐ-CP - Quy
 * định" stops at "CP". */
static size_t read_codes(const unsigned char *s, size_t len, size_t pos, doc_number *dn, int *first_upper,
                         int *ncodes)
{
	sb ex, fo;
	sb_init(&ex, dn->codes_exact, sizeof dn->codes_exact);
	sb_init(&fo, dn->codes_folded, sizeof dn->codes_folded);
	int upper;
	size_t p = read_code(s, len, pos, &ex, &fo, &upper);
	if (!p || ex.overflow)
		return 0;
	size_t fl = fo.len < sizeof dn->first_code ? fo.len : sizeof dn->first_code - 1;
	memcpy(dn->first_code, fo.p, fl);
	dn->first_code[fl] = '\0';
	*first_upper = upper;
	*ncodes = 1;
	while (*ncodes < 8) {
		size_t q = skip_ws(s, len, p, 0);
		size_t r = q;
		if (next_cp(s, len, &r) != '-')
			break;
		size_t t = skip_ws(s, len, r, 1);
		int spaced = q != p || t != r;
		size_t el = ex.len, fl2 = fo.len;
		sb_put(&ex, "-", 1);
		sb_put(&fo, "-", 1);
		size_t e = read_code(s, len, t, &ex, &fo, &upper);
		if (!e || (spaced && !upper) || ex.overflow || fo.overflow) {
			ex.len = el, fo.len = fl2;
			ex.p[el] = fo.p[fl2] = '\0';
			break;
		}
		p = e;
		(*ncodes)++;
	}
	return p;
}

/* Match a document number at POS (a digit). Returns 2 for a whole number,
 * 1 for a bare "N/YYYY", 0 for none. */
static int match_doc_number(const unsigned char *s, size_t len, size_t pos, doc_number *dn)
{
	memset(dn, 0, sizeof *dn);
	size_t n = read_digits(s, len, pos, 7);
	if (!n || n > 6 || (pos > 0 && alnum_at(s, len, pos - 1) && s[pos - 1] < 0x80))
		return 0;
	/* "số.../2021/NĐ-CP" (a blank template): the year is no sequence number */
	size_t back = pos;
	while (back > 0 && s[back - 1] == ' ')
		back--;
	if (back > 0 && (s[back - 1] == '/' || s[back - 1] == '.'))
		return 0;
	size_t p = pos + n;
	sb seq;
	sb_init(&seq, dn->seq, sizeof dn->seq);
	char tmp[8];
	sb_put(&seq, tmp, put_number(tmp, s + pos, n));
	/* dotted sequence numbers: "66.17/2026/NQ-CP" */
	if (p + 1 < len && s[p] == '.' && is_digit_at(s, len, p + 1)) {
		size_t m = read_digits(s, len, p + 1, 5);
		size_t q = skip_ws(s, len, p + 1 + m, 0);
		if (m <= 4 && q < len && s[q] == '/') {
			sb_put(&seq, (const char *)s + p, m + 1);
			p += m + 1;
		}
	}
	/* "702b/QĐ-BTP" */
	if (p < len && s[p] < 0x80 && ascii_class[s[p]] == C_LETTER && !alnum_at(s, len, p + 1)) {
		char c = (char)(s[p] | 0x20);
		sb_put(&seq, &c, 1);
		p++;
	}
	size_t q = skip_ws(s, len, p, 1);
	if (q >= len)
		return 0;
	int first_upper, ncodes;
	size_t after_sep = q;
	uint32_t sep = next_cp(s, len, &after_sep);
	if (sep == '-') {
		/* party documents: "52-NQ/TW" */
		size_t r = skip_ws(s, len, after_sep, 0);
		size_t e = read_codes(s, len, r, dn, &first_upper, &ncodes);
		if (!e || ncodes != 1 || !is_doc_type(dn->first_code))
			return 0;
		char type_exact[32], type_folded[32], first[24];
		if (strlen(dn->codes_exact) >= sizeof type_exact)
			return 0;
		memcpy(type_exact, dn->codes_exact, strlen(dn->codes_exact) + 1);
		memcpy(type_folded, dn->codes_folded, strlen(dn->codes_folded) + 1);
		memcpy(first, dn->first_code, sizeof first);
		size_t t = skip_ws(s, len, e, 0);
		if (t >= len || s[t] != '/')
			return 0;
		t = skip_ws(s, len, t + 1, 0);
		e = read_codes(s, len, t, dn, &first_upper, &ncodes);
		if (!e)
			return 0;
		char issuer[128];
		sb b;
		memcpy(issuer, dn->codes_exact, sizeof issuer);
		sb_init(&b, dn->codes_exact, sizeof dn->codes_exact);
		sb_str(&b, type_exact);
		sb_str(&b, "/");
		sb_str(&b, issuer);
		if (b.overflow)
			return 0;
		memcpy(issuer, dn->codes_folded, sizeof issuer);
		sb_init(&b, dn->codes_folded, sizeof dn->codes_folded);
		sb_str(&b, type_folded);
		sb_str(&b, "/");
		sb_str(&b, issuer);
		if (b.overflow)
			return 0;
		memcpy(dn->first_code, first, sizeof first);
		dn->party = 1;
		dn->end = e;
		return 2;
	}
	if (sep != '/')
		return 0;
	q = skip_ws(s, len, after_sep, 1);
	if (is_digit_at(s, len, q)) {
		unsigned year;
		size_t m = read_int(s, len, q, 4, &year);
		if (m != 4 || year < 1900 || year > 2100)
			return 0;
		memcpy(dn->year, s + q, 4);
		size_t after = q + 4;
		size_t r = skip_ws(s, len, after, 1);
		if (r < len && s[r] == '/') {
			size_t t = skip_ws(s, len, r + 1, 1);
			if (is_digit_at(s, len, t))
				return 0; /* "1/2/2015": a date */
			size_t e = read_codes(s, len, t, dn, &first_upper, &ncodes);
			if (e) {
				dn->end = e;
				return 2;
			}
		}
		if (r < len && (s[r] == '.' || s[r] == ',') && is_digit_at(s, len, r + 1))
			return 0;
		dn->end = after;
		return 1;
	}
	size_t e = read_codes(s, len, q, dn, &first_upper, &ncodes);
	/* without a year, "100/km" or "5/lần" are not numbers: a code in
	 * capitals or two codes ("204/kh-ubnd") */
	if (!e || (!first_upper && ncodes < 2))
		return 0;
	dn->end = e;
	return 2;
}

/* ---- loose spellings of document numbers ---- */

/* Types that open the codes of a number typed with spaces ("145 2020 nd
 * cp"): the usual normative types only, so that a stray "l" or "cd" after
 * a year is no number. */
static const char *const spaced_types[] = {"ttlt", "nqlt", "vbhn", "nd", "qd", "tt", "nq", "ct", "pl"};

/* Issuer codes that may follow them after a space ("TT 13/2026 BNV",
 * "ttlt 01 2016 tandtc vksndtc btp"): the codes seen five times or more in
 * the numbers of the pháp điển and the Công báo (GLOSSARY.md "Document
 * numbers"), folded; short codes that are also words ("ca", "tc", "tp") are
 * left out. The Quốc hội's codes carry its term: see law_code. */
static const char *const issuer_codes[] = {
        "cp",    "ttg",   "tw",   "btc",   "bgtvt", "byt",   "bnnptnt", "bkhcn",   "bca",    "bldtbxh",
        "bqp",   "bgddt", "bct",  "btnmt", "btp",   "btttt", "nhnn",    "bvhttdl", "tandtc", "vksndtc",
        "bkhdt", "bnv",   "bng",  "ttcp",  "hdtp",  "bnn",   "ubnd",    "hdnd",    "bxd",    "vkstc",
        "ctn",   "vpcp",  "vpqh", "ubdt",  "bnnmt", "bdttg", "ktnn",    "nhnnvn",  "bvhtt",  "hdnn",
};

static int in_list(const char *folded, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(folded, list[i]))
			return 1;
	return 0;
}

/* "qh14", "ubtvqh15": the Quốc hội (or its standing committee) and its
 * term, the issuer part of a law's number. */
static int law_code(const char *folded)
{
	const char *d = !strncmp(folded, "qh", 2)       ? folded + 2
	                : !strncmp(folded, "ubtvqh", 6) ? folded + 6
	                                                : NULL;
	return d && d[0] >= '1' && d[0] <= '9' && (!d[1] || (d[1] >= '0' && d[1] <= '9' && !d[2]));
}

/* A code at POS that is a type opening a number (TYPE set) or an issuer
 * code, or the Quốc hội's: appended to EX and FO ("-" first when they are
 * not empty); its end, or 0. */
static size_t read_known_code(const unsigned char *s, size_t len, size_t pos, int type, sb *ex, sb *fo)
{
	char e[40], f[40];
	sb be, bf;
	sb_init(&be, e, sizeof e);
	sb_init(&bf, f, sizeof f);
	/* any case: "qh14" and "QH14" alike (read_code refuses "qh14" for
	 * "TTgngày"'s sake, a case that a known code cannot be) */
	size_t end = pos;
	for (;;) {
		size_t q = end;
		uint32_t c = next_cp(s, len, &q);
		if (c < 0x80 && (ascii_class[c] == C_LETTER || (ascii_class[c] == C_DIGIT && end > pos))) {
			char ch = (char)(ascii_class[c] == C_LETTER ? c | 0x20 : c);
			sb_put(&be, &ch, 1);
			sb_put(&bf, &ch, 1);
		} else if (c == 0x110 || c == 0x111 || c == 0xD0 || c == 0xF0) { /* Đ đ, and eth */
			sb_put(&be, "\xc4\x91", 2);
			sb_put(&bf, "d", 1);
		} else
			break;
		end = q;
	}
	if (end == pos || be.overflow || bf.overflow || alnum_at(s, len, end))
		return 0;
	int ok = law_code(f) ||
	         (type ? in_list(f, spaced_types, sizeof spaced_types / sizeof spaced_types[0])
	               : in_list(f, issuer_codes, sizeof issuer_codes / sizeof issuer_codes[0]));
	if (!ok)
		return 0;
	if (ex->len) {
		sb_put(ex, "-", 1);
		sb_put(fo, "-", 1);
	}
	sb_str(ex, e);
	sb_str(fo, f);
	return end;
}

/* The exact form of a folded type abbreviation ("nd" → "nđ"). */
static const char *type_exact(const char *folded)
{
	return !strcmp(folded, "nd") ? "nđ" : !strcmp(folded, "qd") ? "qđ" : folded;
}

/* A number as the public types it (GLOSSARY.md "Spelling in the wild"),
 * at POS (a digit):
 *  - spaces for the separators: "145 2020 nd cp", "57 2020 qh14",
 *    "52/2015 NĐ-CP";
 *  - the type before the number and the issuer after it (TYPE, from the
 *    words before): "TT 13/2026 BNV", "ttlt 01 2016 tandtc vksndtc btp";
 *  - sequence number and year alone after a type (TYPE set): "nghi dinh 293
 *    2025", "luật 45 2013".
 * Codes after a space must be known (spaced_types, issuer_codes, law_code),
 * so that the words after a number ("2015 quy định") stay words. Returns 2
 * for a whole number (DN filled as match_doc_number fills it), 1 for a
 * sequence number and year, 0 for none. */
static int match_loose_number(const unsigned char *s, size_t len, size_t pos, const char *type,
                              doc_number *dn)
{
	memset(dn, 0, sizeof *dn);
	size_t n = read_digits(s, len, pos, 6);
	if (!n || n > 5 || (pos > 0 && alnum_at(s, len, pos - 1) && s[pos - 1] < 0x80) ||
	    (pos > 0 && (s[pos - 1] == '/' || s[pos - 1] == '.' || s[pos - 1] == ',' || s[pos - 1] == '-')))
		return 0;
	sb seq;
	sb_init(&seq, dn->seq, sizeof dn->seq);
	char tmp[8];
	sb_put(&seq, tmp, put_number(tmp, s + pos, n));
	size_t p = pos + n, q = skip_ws(s, len, p, 0);
	int slash = q < len && s[q] == '/';
	if (slash)
		q = skip_ws(s, len, q + 1, 0);
	else if (q == p)
		return 0;
	unsigned year;
	if (read_int(s, len, q, 4, &year) != 4 || year < 1900 || year > 2100)
		return 0;
	size_t after = q + 4;
	/* "1/2/2015", "2015.5", "2015abc" */
	if (alnum_at(s, len, after) || (after < len && s[after] == '/') ||
	    (after + 1 < len && (s[after] == '.' || s[after] == ',') && is_digit_at(s, len, after + 1)))
		return 0;
	memcpy(dn->year, s + q, 4);
	dn->end = after;
	sb ex, fo;
	sb_init(&ex, dn->codes_exact, sizeof dn->codes_exact);
	sb_init(&fo, dn->codes_folded, sizeof dn->codes_folded);
	size_t r = skip_ws(s, len, after, 0), e = 0;
	if (r > after) {
		e = read_known_code(s, len, r, 1, &ex, &fo);
		if (!e && type && strcmp(type, "luat")) {
			sb_str(&ex, type_exact(type));
			sb_str(&fo, type);
			e = read_known_code(s, len, r, 0, &ex, &fo);
			if (!e)
				ex.p[ex.len = 0] = fo.p[fo.len = 0] = '\0';
		}
	}
	if (!e)
		return !slash && type ? 1 : 0;
	size_t fl = strcspn(fo.p, "-");
	memcpy(dn->first_code, fo.p, fl < sizeof dn->first_code ? fl : sizeof dn->first_code - 1);
	for (int codes = 1; codes < 8; codes++) {
		size_t t = skip_ws(s, len, e, 0), u = t;
		if (u < len && s[u] == '-')
			u = skip_ws(s, len, u + 1, 0);
		if (u == e)
			break;
		size_t e2 = read_known_code(s, len, u, 0, &ex, &fo);
		if (!e2)
			break;
		e = e2;
	}
	if (ex.overflow || fo.overflow)
		return 0;
	dn->end = e;
	return 2;
}

/* "52/2015/ndcp", "52/2015/NĐCP": a type glued to its issuer is split
 * ("nd-cp") when the rest is a known issuer code. */
static void split_glued_type(doc_number *dn)
{
	if (is_doc_type(dn->first_code) ||
	    in_list(dn->first_code, issuer_codes, sizeof issuer_codes / sizeof issuer_codes[0]))
		return;
	for (size_t t = 0; t < sizeof spaced_types / sizeof spaced_types[0]; t++) {
		size_t tl = strlen(spaced_types[t]);
		const char *rest = dn->first_code + tl;
		if (strncmp(dn->first_code, spaced_types[t], tl) || !*rest ||
		    !(in_list(rest, issuer_codes, sizeof issuer_codes / sizeof issuer_codes[0]) ||
		      law_code(rest)))
			continue;
		/* the exact form: after as many characters as the type has ("nđ" is
		 * two characters, three bytes) */
		size_t eb = 0;
		for (size_t k = 0; k < tl; k++)
			eb += (unsigned char)dn->codes_exact[eb] >= 0xC0 ? 2 : 1;
		char ex[sizeof dn->codes_exact], fo[sizeof dn->codes_folded];
		if (strlen(dn->codes_exact) + 2 > sizeof ex || strlen(dn->codes_folded) + 2 > sizeof fo)
			return;
		snprintf(ex, sizeof ex, "%.*s-%s", (int)eb, dn->codes_exact, dn->codes_exact + eb);
		snprintf(fo, sizeof fo, "%.*s-%s", (int)tl, dn->codes_folded, dn->codes_folded + tl);
		memcpy(dn->codes_exact, ex, sizeof ex);
		memcpy(dn->codes_folded, fo, sizeof fo);
		dn->first_code[tl] = '\0';
		return;
	}
}

static void doc_number_write(const doc_number *dn, int fold, sb *out)
{
	sb_str(out, dn->seq);
	if (dn->party) {
		sb_str(out, "-");
	} else {
		sb_str(out, "/");
		if (dn->year[0]) {
			sb_str(out, dn->year);
			sb_str(out, "/");
		}
	}
	sb_str(out, fold ? dn->codes_folded : dn->codes_exact);
}

/* At a number: dates, then document numbers and their parts. */
static void match_at_number(tc_analyzer *a, size_t pos)
{
	if (pos < a->match_until)
		return;
	if (!(a->flags & TC_ANALYZE_NO_DATES)) {
		size_t end = match_numeric_date(a, pos);
		if (end) {
			a->match_until = end;
			return;
		}
	}
	if (a->flags & TC_ANALYZE_NO_DOC_NUMBERS)
		return;
	doc_number dn;
	int found = match_doc_number(a->text, a->len, pos, &dn);
	const char *type;
	char ex[EXTRA_MAX], fo[EXTRA_MAX];
	sb b;
	if (found == 2 && !dn.party)
		split_glued_type(&dn);
	if (found != 2) {
		/* "145 2020 nd cp", "52/2015 NĐ-CP", "TT 13/2026 BNV", "nghi dinh 293 2025" */
		doc_number loose;
		int lf = match_loose_number(a->text, a->len, pos, history_type(a), &loose);
		if (lf == 2 || (lf == 1 && !found)) {
			dn = loose;
			found = lf;
		}
	}
	if (found) {
		type = found == 2 && is_doc_type(dn.first_code) ? dn.first_code : history_type(a);
		a->match_until = dn.end;
		if (found == 2) {
			sb_init(&b, ex, sizeof ex);
			doc_number_write(&dn, 0, &b);
			if (!b.overflow) {
				sb_init(&b, fo, sizeof fo);
				doc_number_write(&dn, 1, &b);
				extra_add(a, TC_TOKEN_DOC_NUMBER, ex, fo, pos, dn.end);
			}
		}
		/* the parts are short (type, seq and year are bounded): no overflow */
		if (dn.year[0]) {
			sb_init(&b, ex, sizeof ex);
			sb_str(&b, dn.seq);
			sb_put(&b, "/", 1);
			sb_str(&b, dn.year);
			extra_add(a, TC_TOKEN_DOC_NUMBER_PART, ex, ex, pos, dn.end);
			if (type) {
				sb_init(&b, ex, sizeof ex);
				sb_str(&b, type);
				sb_put(&b, ":", 1);
				sb_str(&b, dn.seq);
				sb_put(&b, "/", 1);
				sb_str(&b, dn.year);
				extra_add(a, TC_TOKEN_DOC_NUMBER_PART, ex, ex, pos, dn.end);
			}
		} else if (type) {
			sb_init(&b, ex, sizeof ex);
			sb_str(&b, type);
			sb_put(&b, ":", 1);
			sb_str(&b, dn.seq);
			extra_add(a, TC_TOKEN_DOC_NUMBER_PART, ex, ex, pos, dn.end);
		}
		return;
	}
	/* "thông tư 01 năm 2016"; the type words before it are looked up last,
	 * as most numbers are followed by no "năm" */
	const unsigned char *s = a->text;
	size_t len = a->len;
	unsigned seq, year;
	size_t n = read_int(s, len, pos, 6, &seq);
	if (!n)
		return;
	size_t p = skip_ws(s, len, pos + n, 1);
	if (!(p = match_word(s, len, p, "nam")))
		return;
	p = skip_ws(s, len, p, 1);
	size_t m = read_int(s, len, p, 4, &year);
	if (m != 4 || year < 1900 || year > 2100)
		return;
	if (!(type = history_type(a)))
		return;
	sb_init(&b, ex, sizeof ex);
	sb_uint(&b, seq);
	sb_put(&b, "/", 1);
	sb_uint(&b, year);
	extra_add(a, TC_TOKEN_DOC_NUMBER_PART, ex, ex, pos, p + m);
	sb_init(&b, ex, sizeof ex);
	sb_str(&b, type);
	sb_put(&b, ":", 1);
	sb_uint(&b, seq);
	sb_put(&b, "/", 1);
	sb_uint(&b, year);
	extra_add(a, TC_TOKEN_DOC_NUMBER_PART, ex, ex, pos, p + m);
	a->match_until = p + m;
}

/* ---- citations ---- */

/* A roman numeral (I to about C); 0 when S is none. */
static unsigned roman_value(const char *s)
{
	static const char *const romans[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
	static const char *const tens[] = {"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"};
	for (unsigned t = 0; t < 10; t++) {
		size_t tl = strlen(tens[t]);
		if (strncmp(s, tens[t], tl))
			continue;
		for (unsigned u = 0; u < 10; u++)
			if (!strcmp(s + tl, romans[u]) && (t || u))
				return t * 10 + u;
	}
	return 0;
}

/* A number after a unit word: arabic ("1", "01") or roman ("III"). */
static size_t read_unit_number(const unsigned char *s, size_t len, size_t pos, int roman, char *out,
                               size_t cap)
{
	unsigned v;
	size_t n = read_int(s, len, pos, 4, &v);
	if (n) {
		if (alnum_at(s, len, pos + n))
			return 0;
		sb_uint_to(out, cap, v);
		return pos + n;
	}
	if (!roman)
		return 0;
	char buf[12];
	size_t e = read_word_folded(s, len, pos, buf, sizeof buf, NULL, NULL);
	if (e == pos || alnum_at(s, len, e))
		return 0;
	unsigned r = roman_value(buf);
	if (!r)
		return 0;
	sb_uint_to(out, cap, r);
	return e;
}

/* "Điều 5", "Điều 5a", "Điều 12a.1", "Điều 36.3.LQ.1": digits with an
 * optional letter, then dotted parts of digits or capitals. */
static size_t read_article_number(const unsigned char *s, size_t len, size_t pos, sb *ex, sb *fo)
{
	size_t p = pos;
	for (int part = 0; part < 8; part++) {
		size_t ex_len = ex->len, fo_len = fo->len, part_start = p;
		int ok = 0;
		if (part > 0) {
			if (p + 1 >= len || s[p] != '.')
				break;
			sb_put(ex, ".", 1);
			sb_put(fo, ".", 1);
			p++;
		}
		size_t n = read_digits(s, len, p, 5);
		if (n) {
			char tmp[8];
			size_t k = put_number(tmp, s + p, n);
			sb_put(ex, tmp, k);
			sb_put(fo, tmp, k);
			p += n;
			ok = 1;
			/* one letter: "5a" */
			if (p < len && s[p] < 0x80 && ascii_class[s[p]] == C_LETTER &&
			    !alnum_at(s, len, p + 1)) {
				char c = (char)(s[p] | 0x20);
				sb_put(ex, &c, 1);
				sb_put(fo, &c, 1);
				p++;
			}
		} else if (part > 0) {
			/* "LQ", "NĐ" in codified numbers: capitals followed by ".digit" */
			int upper = 0;
			size_t e = read_code(s, len, p, ex, fo, &upper);
			if (e && upper && e - p <= 8 && e + 1 < len && s[e] == '.' &&
			    is_digit_at(s, len, e + 1)) {
				p = e;
				ok = 1;
			}
		}
		if (!ok) {
			if (part == 0)
				return 0;
			ex->len = ex_len;
			fo->len = fo_len;
			ex->p[ex_len] = fo->p[fo_len] = '\0';
			p = part_start;
			break;
		}
	}
	if (alnum_at(s, len, p))
		return 0;
	return p;
}

static const char *const ordinals[] = {"nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi"};

/* "Phần thứ nhất" → 1 … "thứ mười" → 10, "thứ mười một" → 11. */
static size_t read_ordinal(const unsigned char *s, size_t len, size_t pos, char *out, size_t cap)
{
	size_t p = match_word(s, len, pos, "thu");
	if (!p)
		return 0;
	p = skip_ws(s, len, p, 0);
	char buf[16];
	size_t e = read_word_folded(s, len, p, buf, sizeof buf, NULL, NULL);
	if (e == p || alnum_at(s, len, e))
		return 0;
	for (unsigned i = 0; i < 10; i++)
		if (!strcmp(buf, ordinals[i])) {
			unsigned v = i + 1;
			if (v == 10) {
				size_t q = skip_ws(s, len, e, 0);
				size_t f = read_word_folded(s, len, q, buf, sizeof buf, NULL, NULL);
				static const char *const units[] = {"mot", "hai", "ba",  "bon", "lam",
				                                    "sau", "bay", "tam", "chin"};
				for (unsigned u = 0; f != q && u < 9; u++)
					if (!strcmp(buf, units[u]) && !alnum_at(s, len, f)) {
						v = 11 + u;
						e = f;
						break;
					}
			}
			sb_uint_to(out, cap, v);
			return e;
		}
	return 0;
}

static void add_citation(tc_analyzer *a, const char *unit_exact, const char *unit_folded,
                         const char *value_exact, const char *value_folded, size_t start, size_t end)
{
	char ex[EXTRA_MAX], fo[EXTRA_MAX];
	sb be, bf;
	sb_init(&be, ex, sizeof ex);
	sb_init(&bf, fo, sizeof fo);
	sb_str(&be, unit_exact);
	sb_str(&be, ":");
	sb_str(&be, value_exact);
	sb_str(&bf, unit_folded);
	sb_str(&bf, ":");
	sb_str(&bf, value_folded);
	if (!be.overflow && !bf.overflow)
		extra_add(a, TC_TOKEN_CITATION, ex, fo, start, end);
}

/* Citation parts and dates start at a unit word. */
static void match_unit(tc_analyzer *a, const word *w, int unit);

/* The folded unit words as memcpy to a uint64_t reads their bytes (zero
 * past the word): "ngay" 0, "dieu" 1, "diem" 2, "khoan" 3, "chuong" 4,
 * "muc" 5, "tieu" 6, "phu" 7, "phan" 8. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define BYTES6(a, b, c, d, e, f)                                                                             \
	((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16 | (uint64_t)(d) << 24 |                    \
	 (uint64_t)(e) << 32 | (uint64_t)(f) << 40)
#else
#define BYTES6(a, b, c, d, e, f)                                                                             \
	((uint64_t)(a) << 56 | (uint64_t)(b) << 48 | (uint64_t)(c) << 40 | (uint64_t)(d) << 32 |             \
	 (uint64_t)(e) << 24 | (uint64_t)(f) << 16)
#endif
static const uint64_t unit_words[9] = {
        BYTES6('n', 'g', 'a', 'y', 0, 0),     BYTES6('d', 'i', 'e', 'u', 0, 0),
        BYTES6('d', 'i', 'e', 'm', 0, 0),     BYTES6('k', 'h', 'o', 'a', 'n', 0),
        BYTES6('c', 'h', 'u', 'o', 'n', 'g'), BYTES6('m', 'u', 'c', 0, 0, 0),
        BYTES6('t', 'i', 'e', 'u', 0, 0),     BYTES6('p', 'h', 'u', 0, 0, 0),
        BYTES6('p', 'h', 'a', 'n', 0, 0),
};
#undef BYTES6

/* Which unit word W is (unit_words), or -1; inlined in the word loop, so
 * that the other words cost no call. The word's first 8 bytes (the chain
 * buffer has room past it) are compared with all nine at once, without a
 * branch: a test per first letter mispredicts on every other syllable. */
static inline int unit_of_word(const word *w)
{
	if (w->kind != TC_TOKEN_SYLLABLE)
		return -1;
	uint64_t folded;
	memcpy(&folded, w->folded, 8);
	folded &= first_bytes_mask(w->folded_len); /* 8 bytes or more match none */
	int unit = -1;
	for (int i = 0; i < 9; i++)
		unit = folded == unit_words[i] ? i : unit;
	return unit;
}

static inline void match_at_word(tc_analyzer *a, const word *w)
{
	int unit = unit_of_word(w);
	if (unit >= 0)
		match_unit(a, w, unit);
}

/* Citation parts and "ngày … tháng … năm …" at the unit word W. */
static void match_unit(tc_analyzer *a, const word *w, int unit)
{
	const unsigned char *s = a->text;
	size_t len = a->len;
	if (unit == 0) {
		if (!(a->flags & TC_ANALYZE_NO_DATES) && w->start >= a->match_until) {
			size_t end = match_word_date(a, w->start, w->end);
			if (end)
				a->match_until = end;
		}
		return;
	}
	if (a->flags & TC_ANALYZE_NO_CITATIONS)
		return;
	char vex[64], vfo[64];
	size_t p = skip_ws(s, len, w->end, 1), e;
	switch (unit) {
	case 1: {
		sb ex, fo;
		sb_init(&ex, vex, sizeof vex);
		sb_init(&fo, vfo, sizeof vfo);
		if ((e = read_article_number(s, len, p, &ex, &fo)) && !ex.overflow && !fo.overflow)
			add_citation(a, w->exact, "dieu", vex, vfo, w->start, e);
		break;
	}
	case 2: {
		/* one point letter: a b c d đ e … (đ is its own point) */
		size_t q = p;
		uint32_t c = next_cp(s, len, &q);
		if (c < 0x80 && ascii_class[c] == C_LETTER && !alnum_at(s, len, q)) {
			char v[2] = {(char)(c | 0x20), 0};
			add_citation(a, w->exact, "diem", v, v, w->start, q);
		} else if ((c == 0x111 || c == 0x110) && !alnum_at(s, len, q)) {
			add_citation(a, w->exact, "diem", "đ", "d", w->start, q);
		}
		break;
	}
	case 3:
		if ((e = read_unit_number(s, len, p, 0, vex, sizeof vex)))
			add_citation(a, w->exact, "khoan", vex, vex, w->start, e);
		break;
	case 4:
		if ((e = read_unit_number(s, len, p, 1, vex, sizeof vex)))
			add_citation(a, w->exact, "chuong", vex, vex, w->start, e);
		break;
	case 5:
		if ((e = read_unit_number(s, len, p, 1, vex, sizeof vex)))
			add_citation(a, w->exact, "muc", vex, vex, w->start, e);
		break;
	case 6: {
		size_t q = match_word(s, len, p, "muc");
		if (q && (e = read_unit_number(s, len, skip_ws(s, len, q, 1), 1, vex, sizeof vex)))
			add_citation(a, strcmp(w->exact, "tiểu") ? "tieu_muc" : "tiểu_mục", "tieu_muc", vex,
			             vex, w->start, e);
		break;
	}
	case 7: {
		size_t q = match_word(s, len, p, "luc");
		if (q) {
			q = skip_ws(s, len, q, 1);
			size_t r = match_word(s, len, q, "so");
			if (r)
				q = skip_ws(s, len, r, 0);
			if ((e = read_unit_number(s, len, q, 1, vex, sizeof vex)))
				add_citation(a, strcmp(w->exact, "phụ") ? "phu_luc" : "phụ_lục", "phu_luc",
				             vex, vex, w->start, e);
		}
		break;
	}
	case 8:
		if ((e = read_ordinal(s, len, p, vex, sizeof vex)) ||
		    (e = read_unit_number(s, len, p, 1, vex, sizeof vex)))
			add_citation(a, w->exact, "phan", vex, vex, w->start, e);
		break;
	}
}

/* ---- the run ---- */

/* Emit the word just scanned: the bigram it closes, itself, its co-located
 * terms. */
static void emit_word(tc_analyzer *a, word *w)
{
	word *prev = &a->words[a->cur ^ 1];
	int pairable = w->kind == TC_TOKEN_SYLLABLE || w->kind == TC_TOKEN_WORD;
	unsigned flags = w->flags;
	if (a->clause_start)
		flags |= TC_TOKEN_CLAUSE_START;
	a->clause_start = 0;
	w->position = a->position++;
	if (pairable && a->prev_pairable && a->bigrams) {
		/* word_place put W right after PREV: the bigram is the span */
		emit(a, TC_TOKEN_BIGRAM, TC_TOKEN_COLOCATED, prev->exact, prev->exact_len + 1 + w->exact_len,
		     prev->folded, prev->folded_len + 1 + w->folded_len, prev->start, w->end, prev->position);
	}
	emit(a, w->kind, flags, w->exact, w->exact_len, w->folded, w->folded_len, w->start, w->end,
	     w->position);
	for (int i = 0; i < a->nextras; i++) {
		const extra *x = &a->extras[i];
		emit(a, x->kind, TC_TOKEN_COLOCATED, x->exact, x->exact_len, x->folded, x->folded_len,
		     x->start, x->end, w->position);
	}
	a->nextras = 0;
	a->prev_pairable = pairable;
	history_push(a, w);
	a->cur ^= 1;
}

static void run_text(tc_analyzer *a)
{
	const unsigned char *s = a->text;
	size_t len = a->len, pos = 0;
	int plain = (a->flags & TC_ANALYZE_PLAIN) != 0;
	int newlines = 0, after_space = 1;
	while (pos < len && !a->aborted) {
		size_t start = pos;
		if (s[pos] == ' ') {
			pos++;
			after_space = 1;
			continue;
		}
		uint32_t c;
		int cls;
		if (s[pos] >= 0x20 && s[pos] < 0x80) {
			/* printable ASCII: nothing to decode or clean */
			c = s[pos++];
			cls = ascii_class[c];
		} else {
			c = clean_cp(utf8_decode(s, len, &pos));
			if (c == CP_DROP)
				continue; /* a token starts after soft hyphens and zero-width characters */
			cls = char_class(c);
		}
		if (cls != C_NEWLINE && cls != C_SPACE)
			newlines = 0;
		switch (cls) {
		case C_SPACE: after_space = 1; continue;
		case C_NEWLINE:
			/* a blank line is a paragraph break; one line break is not
			 * (hard-wrapped text) */
			if (++newlines >= 2)
				clause_break(a, 0);
			after_space = 1;
			continue;
		case C_PARA: clause_break(a, 0); break;
		case C_CLAUSE: clause_break(a, c == ':'); break;
		case C_DASH:
			if (after_space || is_space_class(char_class(peek_cp(s, len, pos))))
				clause_break(a, 0);
			break;
		case C_SEP:
		case C_MARK: break;
		case C_LETTER: {
			word *w = &a->words[a->cur];
			word_place(a, w, a->prev_pairable && a->bigrams);
			pos = scan_word(a, start, w);
			assert(pos > start);
			if (!plain)
				match_at_word(a, w);
			emit_word(a, w);
			break;
		}
		case C_DIGIT: {
			word *w = &a->words[a->cur];
			word_place(a, w, a->prev_pairable && a->bigrams);
			if (plain) {
				pos = scan_plain_number(a, start, w);
			} else {
				match_at_number(a, start);
				pos = scan_number(a, start, w);
			}
			assert(pos > start);
			emit_word(a, w);
			break;
		}
		}
		after_space = 0;
	}
}

static void run_reset(tc_analyzer *a, unsigned flags, tc_token_fn token_fn, void *ctx)
{
	a->flags = flags;
	a->bigrams = !(flags & (TC_ANALYZE_NO_BIGRAMS | TC_ANALYZE_PLAIN));
	a->token_fn = token_fn;
	a->ctx = ctx;
	a->aborted = 0;
	a->position = 0;
	a->token_count = 0;
	a->clause_start = 1;
	a->prev_pairable = 0;
	a->match_until = 0;
	a->nextras = 0;
	a->hcount = 0;
	a->cur = 0;
}

tc_status tc_analyzer_run(tc_analyzer *analyzer, unsigned flags, const char *text, size_t len,
                          tc_token_fn token_fn, void *ctx, tc_analysis_info *info, tc_error *err)
{
	tc_analyzer *a = analyzer;
	if (info)
		memset(info, 0, sizeof *info);
	if (tc__repair(&a->repair, text ? text : "", text ? len : 0, !(flags & TC_ANALYZE_NO_REPAIR)) < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "analyzer: out of memory repairing %zu bytes of input",
		                    len);
	if (a->repair.identical) {
		a->text = (const unsigned char *)(text ? text : "");
		a->len = text ? len : 0;
	} else {
		a->text = (const unsigned char *)a->repair.text.data;
		a->len = a->repair.text.len;
	}
	run_reset(a, flags, token_fn, ctx);
	run_text(a);
	if (info) {
		info->encoding = a->repair.encoding;
		info->invalid_bytes = a->repair.invalid_bytes;
		info->token_count = a->token_count;
		info->word_count = a->position;
	}
	if (a->aborted)
		return tc_error_set(err, TC_ERR_ABORTED, "analyzer: the token callback stopped the run");
	return TC_OK;
}

int tc_analyzer_repair(tc_analyzer *analyzer, const char *text, size_t len, int detect_legacy, tc_buf *out,
                       tc_analysis_info *info)
{
	tc_repair *repair = &analyzer->repair;
	tc_buf_reset(out);
	if (tc__repair(repair, text ? text : "", text ? len : 0, detect_legacy) < 0)
		return -1;
	if (info) {
		memset(info, 0, sizeof *info);
		info->encoding = repair->encoding;
		info->invalid_bytes = repair->invalid_bytes;
	}
	return tc_buf_append(out, tc__repair_text(repair, text ? text : ""), tc__repair_len(repair, text ? len : 0));
}

/* ---- normalization of short strings ---- */

int tc_analyzer_normalize(tc_analyzer *analyzer, const char *text, size_t len, int fold, tc_buf *out)
{
	tc_analyzer *a = analyzer;
	tc_buf_reset(out);
	if (tc_buf_reserve(out, 0) < 0)
		return -1;
	if (tc__repair(&a->repair, text ? text : "", text ? len : 0, 1) < 0)
		return -1;
	if (a->repair.identical) {
		a->text = (const unsigned char *)(text ? text : "");
		a->len = text ? len : 0;
	} else {
		a->text = (const unsigned char *)a->repair.text.data;
		a->len = a->repair.text.len;
	}
	a->flags = TC_ANALYZE_DOCUMENT;
	const unsigned char *s = a->text;
	size_t pos = 0;
	int pending_space = 0;
	while (pos < a->len) {
		size_t start = pos;
		uint32_t c = clean_cp(utf8_decode(s, a->len, &pos));
		if (c == CP_DROP)
			continue;
		int cls = char_class(c);
		const char *bytes;
		size_t n;
		char enc[4];
		if (cls == C_SPACE || cls == C_NEWLINE || cls == C_PARA) {
			pending_space = out->len > 0;
			continue;
		}
		if (cls == C_MARK)
			continue;
		if (cls == C_LETTER) {
			word *w = &a->words[0];
			w->exact = a->chain_exact;
			w->folded = a->chain_folded;
			pos = scan_letters(a, start, w, 0);
			bytes = fold ? w->folded : w->exact;
			n = fold ? w->folded_len : w->exact_len;
		} else {
			n = utf8_encode(c, enc);
			bytes = enc;
		}
		if (pending_space && tc_buf_append_char(out, ' ') < 0)
			return -1;
		pending_space = 0;
		if (tc_buf_append(out, bytes, n) < 0)
			return -1;
	}
	return 0;
}

size_t tc_tone_variant(const char *w, size_t len, char *out, size_t cap)
{
	/* the two vowels' rows in vn_vowel_utf8: o+a, o+e, u+y */
	static const struct {
		int first, second;
	} pairs[3] = {{6, 0}, {6, 3}, {9, 11}};
	for (size_t p = 0; len && p < 3; p++) {
		const char *plain = vn_vowel_utf8[pairs[p].second][0];
		if (w[len - 1] != plain[0])
			continue;
		for (int t = 1; t < 6; t++) {
			const char *v = vn_vowel_utf8[pairs[p].first][t], *v2 = vn_vowel_utf8[pairs[p].second][t];
			size_t vl = strlen(v), v2l = strlen(v2);
			if (len < vl + 1 || memcmp(w + len - 1 - vl, v, vl))
				continue;
			size_t head = len - 1 - vl;
			if (head + 1 + v2l > cap)
				return 0;
			memcpy(out, w, head);
			out[head] = vn_vowel_utf8[pairs[p].first][0][0];
			memcpy(out + head + 1, v2, v2l);
			return head + 1 + v2l;
		}
	}
	return 0;
}

size_t tc_fold_word(const char *w, size_t len, char *out, size_t cap)
{
	/* read_word_folded's letters (fold_letter) on a word already split:
	 * all of it must be letters */
	const unsigned char *s = (const unsigned char *)w;
	size_t n = 0, pos = 0;
	int marked = 0, lower = 0;
	while (pos < len) {
		char ch;
		/* ASCII as it is (clean_cp changes no letter there): most words */
		uint32_t c = s[pos] < 0x80 ? s[pos++] : next_cp(s, len, &pos);
		if (!c && pos >= len)
			break; /* what ended it folds away (a zero-width space) */
		int kind = fold_letter(c, &ch, &marked, &lower);
		if (kind < 0 || (kind > 0 && n + 1 >= cap))
			return 0;
		if (kind > 0)
			out[n++] = ch;
	}
	if (n)
		out[n] = '\0';
	return n;
}

int tc_doc_number_normalize(const char *text, size_t len, int fold, tc_buf *out)
{
	const unsigned char *s = (const unsigned char *)text;
	tc_buf_reset(out);
	if (!text)
		return -1;
	for (size_t pos = 0; pos < len; pos++) {
		if (s[pos] < '0' || s[pos] > '9' || (pos > 0 && s[pos - 1] >= '0' && s[pos - 1] <= '9'))
			continue;
		doc_number dn;
		if (match_doc_number(s, len, pos, &dn) != 2)
			continue;
		char buf[EXTRA_MAX];
		sb b;
		sb_init(&b, buf, sizeof buf);
		doc_number_write(&dn, fold, &b);
		if (b.overflow)
			return -1;
		if (tc_buf_append(out, buf, b.len) < 0)
			return -1;
		return 0;
	}
	return -1;
}
