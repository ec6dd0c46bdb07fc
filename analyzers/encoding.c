/* encoding.c - decoding and repair of raw input bytes (DESIGN.md "Analysis",
 * step 1).
 *
 * Three stages:
 *
 * 1. A fast scan over the whole input: UTF-8 validation plus a look at the
 *    few characters that legacy text and mojibake produce and Vietnamese
 *    UTF-8 does not ("§", "Ü", "«", "Ä", "á»", C1 controls...). Real UTF-8
 *    Vietnamese passes without a copy (REPAIR->identical).
 * 2. Otherwise, line by line from the first suspicious line: every line
 *    that is invalid or suspicious is decoded with each candidate (the line
 *    as it is, TCVN3, VNI, VISCII, Windows-1258, UTF-8 read as
 *    Windows-1252) and scored by the share of its non-ASCII words that are
 *    valid Vietnamese syllables. A line that is invalid UTF-8 is read as
 *    raw bytes; a valid one is read as the Windows-1252 bytes its characters
 *    stand for (legacy bytes that a tool "converted to UTF-8" assuming
 *    Windows-1252 or Latin-1).
 * 3. Each such line gets the candidate that is clearly better than the
 *    line as it is; short lines, too short to judge alone, get the
 *    document's winner when it does not make them worse. If nothing is
 *    converted and nothing is invalid, the input is still identical.
 *
 * Legacy charts: TCVN3 and VISCII from glibc's TCVN5712-1 and VISCII
 * converters (the tests check them against iconv); VNI-Windows from the
 * published chart (base letter followed by one mark byte); Windows-1252 and
 * Windows-1258 from ICU at run time. */
#include "encoding.h"

#include <stdint.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unorm2.h>

#define NCAND 6 /* candidates, numbered as tc_encoding */

/* A line is judged on its first SCORE_WINDOW bytes: enough words to
 * decide, and a 10 MB line costs no more than a short one. */
#define SCORE_WINDOW 65536

/* Decision thresholds (DESIGN.md: "convert only when clearly better"). */
#define MIN_SHARE      0.5 /* of the candidate's non-ASCII words, valid syllables */
#define MIN_MARGIN     0.2 /* over the share of the line as it is */
#define MIN_VALID_LINE 3   /* words made valid, for a line to decide on its own */
#define MIN_VALID_DOC  2   /* words made valid, for the document's winner */

struct tc_repair_line {
	size_t start, end;                     /* bytes [start, end) of the input, '\n' included */
	int raw;                               /* invalid UTF-8: candidates read raw bytes */
	int choice;                            /* tc_encoding chosen for the line */
	uint32_t words[NCAND];                 /* non-ASCII words of 2+ letters after each candidate */
	uint32_t valid[NCAND];                 /* of which valid Vietnamese syllables */
	uint32_t words1[NCAND], valid1[NCAND]; /* the same for one-letter words */
};

/* ---- legacy charts ---- */

/* TCVN 5712:1993 VN3 (ABC, .VnTime fonts), bytes 0xA0-0xFF. VN3 has no
 * capitals with tone marks (an uppercase font shows the lowercase codes), so
 * 0x80-0x9F are read as Windows-1252 as in any Windows font; the VN1
 * capitals that glibc puts at 0xAF, 0xBA, 0xBF-0xC5, ... are kept, harmless. */
static const uint16_t tcvn3_high[96] = {
        0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110, //
        0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0, //
        0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3, //
        0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4, //
        0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7, //
        0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD, //
        0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, //
        0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2, //
        0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, //
        0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9, //
        0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF, //
        0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0, //
};

/* VISCII (RFC 1456), bytes 0x80-0xFF; six C0 positions hold capitals too. */
static const uint16_t viscii_high[128] = {
        0x1EA0, 0x1EAE, 0x1EB0, 0x1EB6, 0x1EA4, 0x1EA6, 0x1EA8, 0x1EAC, //
        0x1EBC, 0x1EB8, 0x1EBE, 0x1EC0, 0x1EC2, 0x1EC4, 0x1EC6, 0x1ED0, //
        0x1ED2, 0x1ED4, 0x1ED6, 0x1ED8, 0x1EE2, 0x1EDA, 0x1EDC, 0x1EDE, //
        0x1ECA, 0x1ECE, 0x1ECC, 0x1EC8, 0x1EE6, 0x0168, 0x1EE4, 0x1EF2, //
        0x00D5, 0x1EAF, 0x1EB1, 0x1EB7, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAD, //
        0x1EBD, 0x1EB9, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7, 0x1ED1, //
        0x1ED3, 0x1ED5, 0x1ED7, 0x1EE0, 0x01A0, 0x1ED9, 0x1EDD, 0x1EDF, //
        0x1ECB, 0x1EF0, 0x1EE8, 0x1EEA, 0x1EEC, 0x01A1, 0x1EDB, 0x01AF, //
        0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x1EA2, 0x0102, 0x1EB3, 0x1EB5, //
        0x00C8, 0x00C9, 0x00CA, 0x1EBA, 0x00CC, 0x00CD, 0x0128, 0x1EF3, //
        0x0110, 0x1EE9, 0x00D2, 0x00D3, 0x00D4, 0x1EA1, 0x1EF7, 0x1EEB, //
        0x1EED, 0x00D9, 0x00DA, 0x1EF9, 0x1EF5, 0x00DD, 0x1EE1, 0x01B0, //
        0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x1EA3, 0x0103, 0x1EEF, 0x1EAB, //
        0x00E8, 0x00E9, 0x00EA, 0x1EBB, 0x00EC, 0x00ED, 0x0129, 0x1EC9, //
        0x0111, 0x1EF1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x1ECF, 0x1ECD, //
        0x1EE5, 0x00F9, 0x00FA, 0x0169, 0x1EE7, 0x00FD, 0x1EE3, 0x1EEE, //
};

static uint32_t viscii_low(unsigned byte)
{
	switch (byte) {
	case 0x02: return 0x1EB2;
	case 0x05: return 0x1EB4;
	case 0x06: return 0x1EAA;
	case 0x14: return 0x1EF6;
	case 0x19: return 0x1EF8;
	case 0x1E: return 0x1EF4;
	}
	return byte;
}

/* Combining marks. */
enum {
	MARK_GRAVE = 0x0300,
	MARK_ACUTE = 0x0301,
	MARK_CIRCUMFLEX = 0x0302,
	MARK_TILDE = 0x0303,
	MARK_BREVE = 0x0306,
	MARK_HOOK = 0x0309,
	MARK_HORN = 0x031B,
	MARK_DOT = 0x0323,
};

/* VNI-Windows: a vowel is written as its base letter followed by one mark
 * byte, the mark byte carrying the vowel's shape (circumflex, breve) and its
 * tone together ("aà" = ầ, "Ñieàu" = Điều). Lowercase text uses the
 * lowercase mark bytes, capitals the uppercase ones (same marks, 0x20
 * lower). ơ, ư, đ, the i's with tones and ỵ are single bytes. */
typedef struct vni_mark {
	uint16_t shape, tone;
} vni_mark;

static vni_mark vni_mark_of(unsigned byte)
{
	switch (byte | 0x20) { /* uppercase mark bytes are the lowercase ones minus 0x20 */
	case 0xF9: return (vni_mark){0, MARK_ACUTE};
	case 0xF8: return (vni_mark){0, MARK_GRAVE};
	case 0xFB: return (vni_mark){0, MARK_HOOK};
	case 0xF5: return (vni_mark){0, MARK_TILDE};
	case 0xEF: return (vni_mark){0, MARK_DOT};
	case 0xE2: return (vni_mark){MARK_CIRCUMFLEX, 0};
	case 0xE1: return (vni_mark){MARK_CIRCUMFLEX, MARK_ACUTE};
	case 0xE0: return (vni_mark){MARK_CIRCUMFLEX, MARK_GRAVE};
	case 0xE5: return (vni_mark){MARK_CIRCUMFLEX, MARK_HOOK};
	case 0xE3: return (vni_mark){MARK_CIRCUMFLEX, MARK_TILDE};
	case 0xE4: return (vni_mark){MARK_CIRCUMFLEX, MARK_DOT};
	case 0xEA: return (vni_mark){MARK_BREVE, 0};
	case 0xE9: return (vni_mark){MARK_BREVE, MARK_ACUTE};
	case 0xE8: return (vni_mark){MARK_BREVE, MARK_GRAVE};
	case 0xFA: return (vni_mark){MARK_BREVE, MARK_HOOK};
	case 0xFC: return (vni_mark){MARK_BREVE, MARK_TILDE};
	case 0xEB: return (vni_mark){MARK_BREVE, MARK_DOT};
	}
	return (vni_mark){0, 0};
}

/* The base letter a VNI byte starts, or 0. */
static uint32_t vni_base(unsigned byte)
{
	switch (byte) {
	case 'a':
	case 'e':
	case 'o':
	case 'u':
	case 'y':
	case 'A':
	case 'E':
	case 'O':
	case 'U':
	case 'Y': return byte;
	case 0xF4: return 0x01A1; /* ơ */
	case 0xD4: return 0x01A0; /* Ơ */
	case 0xF6: return 0x01B0; /* ư */
	case 0xD6: return 0x01AF; /* Ư */
	}
	return 0;
}

/* The letter a VNI byte stands for on its own, or 0. */
static uint32_t vni_letter(unsigned byte)
{
	switch (byte) {
	case 0xF1: return 0x0111; /* đ */
	case 0xD1: return 0x0110; /* Đ */
	case 0xED: return 0x00ED; /* í */
	case 0xCD: return 0x00CD;
	case 0xEC: return 0x00EC; /* ì */
	case 0xCC: return 0x00CC;
	case 0xE6: return 0x1EC9; /* ỉ */
	case 0xC6: return 0x1EC8;
	case 0xF3: return 0x0129; /* ĩ */
	case 0xD3: return 0x0128;
	case 0xF2: return 0x1ECB; /* ị */
	case 0xD2: return 0x1ECA;
	case 0xEE: return 0x1EF5; /* ỵ */
	case 0xCE: return 0x1EF4;
	}
	return 0;
}

static int vni_mark_fits(uint32_t base, vni_mark mark)
{
	uint32_t lower = base < 0x80 ? (base | 0x20) : base;
	if (mark.shape == MARK_BREVE)
		return lower == 'a';
	if (mark.shape == MARK_CIRCUMFLEX)
		return lower == 'a' || lower == 'e' || lower == 'o';
	return mark.tone != 0;
}

/* Windows-1252 and Windows-1258 come from ICU, once per tc_repair. */
static int load_charset(const char *name, uint16_t table[128])
{
	UErrorCode status = U_ZERO_ERROR;
	UConverter *conv = ucnv_open(name, &status);
	if (U_FAILURE(status))
		return -1;
	for (unsigned byte = 0x80; byte < 0x100; byte++) {
		char in = (char)byte;
		UChar out[4];
		status = U_ZERO_ERROR;
		int32_t n = ucnv_toUChars(conv, out, 4, &in, 1, &status);
		/* ICU maps the five undefined bytes of Windows-1252 to the C1
		 * controls, as Windows does; keep that for anything unmapped. */
		table[byte - 0x80] =
		        U_SUCCESS(status) && n == 1 && out[0] != 0xFFFD ? out[0] : (uint16_t)byte;
	}
	ucnv_close(conv);
	return 0;
}

static int load_charsets(tc_repair *repair)
{
	if (repair->charsets_loaded)
		return 0;
	if (load_charset("windows-1252", repair->cp1252) < 0 ||
	    load_charset("windows-1258", repair->cp1258) < 0)
		return -1;
	repair->charsets_loaded = 1;
	return 0;
}

/* ---- UTF-8 ---- */

/* Decode one character at S[POS] (POS < END). Returns its length; an
 * invalid sequence gives U+FFFD and the length of its maximal subpart
 * (Unicode 15, §3.9 "U+FFFD Substitution of Maximal Subparts"), with
 * *INVALID set. */
static size_t utf8_next(const unsigned char *s, size_t pos, size_t end, uint32_t *cp, int *invalid)
{
	unsigned c = s[pos];
	*invalid = 0;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t need;
	uint32_t value;
	unsigned lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		value = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		value = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0; /* overlong */
		else if (c == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		value = c & 0x07;
		if (c == 0xF0)
			lo = 0x90; /* overlong */
		else if (c == 0xF4)
			hi = 0x8F; /* above U+10FFFF */
	} else {
		*cp = 0xFFFD; /* C0, C1 (overlong), F5-FF, stray continuation */
		*invalid = 1;
		return 1;
	}
	size_t i;
	for (i = 1; i <= need; i++) {
		if (pos + i >= end)
			break;
		unsigned b = s[pos + i];
		if (b < lo || b > hi)
			break;
		lo = 0x80;
		hi = 0xBF;
		value = (value << 6) | (b & 0x3F);
	}
	if (i <= need) {
		*cp = 0xFFFD;
		*invalid = 1;
		return i;
	}
	*cp = value;
	return need + 1;
}

size_t tc_utf8_next(const char *text, size_t len, size_t pos, uint32_t *cp, int *invalid)
{
	return utf8_next((const unsigned char *)text, pos, len, cp, invalid);
}

/* ---- the fast scan ---- */

/* Flags of U+00C0-U+00FF (lead byte 0xC3). */
enum {
	L1_ATYPICAL = 1,    /* a letter Vietnamese does not use: legacy bytes shown as Windows-1252 */
	L1_MOJIBAKE = 2,    /* "Ã", "Ì": the lead of mojibake when a Windows-1252 symbol follows */
	L1_MOJIBAKE_C2 = 4, /* "á": the lead of "áº", "á»" (ạ, ị ... as mojibake) */
	L1_TONE_BYTE = 8,   /* "Ì Ò ì ò": Windows-1258 tone bytes, suspicious after a vowel */
};

#define A L1_ATYPICAL
static const unsigned char latin1_flags[64] = {
        /* À Á Â Ã            Ä  Å  Æ  Ç  È  É  Ê  Ë  Ì                       Í  Î  Ï */
        0,
        0,
        0,
        L1_MOJIBAKE,
        A,
        A,
        A,
        A,
        0,
        0,
        0,
        A,
        L1_MOJIBAKE | L1_TONE_BYTE,
        0,
        A,
        A,
        /* Ð  Ñ  Ò             Ó  Ô  Õ  Ö  ×  Ø  Ù  Ú  Û  Ü  Ý  Þ  ß */
        0,
        A,
        L1_TONE_BYTE,
        0,
        0,
        0,
        A,
        0,
        A,
        0,
        0,
        A,
        A,
        0,
        A,
        A,
        /* à  á               â  ã  ä  å  æ  ç  è  é  ê  ë  ì             í  î  ï */
        0,
        L1_MOJIBAKE_C2,
        0,
        0,
        A,
        A,
        A,
        A,
        0,
        0,
        0,
        A,
        L1_TONE_BYTE,
        0,
        A,
        A,
        /* ð  ñ  ò             ó  ô  õ  ö  ÷  ø  ù  ú  û  ü  ý  þ  ÿ */
        A,
        A,
        L1_TONE_BYTE,
        0,
        0,
        0,
        A,
        0,
        A,
        0,
        0,
        A,
        A,
        0,
        A,
        A,
};
#undef A

/* U+00A1-U+00BF that Vietnamese UTF-8 text does not use but TCVN3 (and
 * VISCII) text read as Windows-1252 is full of ("¸" á, "µ" à, "«" ô, "§" Đ):
 * all but soft hyphen, ° ± ² ³ (real in measurements). Bit i is U+00A0+i. */
#define LATIN1_SYMBOL_SIGNS                                                                                  \
	(0xFFFFFFFEu & ~((1u << 0xD) | (1u << 0x10) | (1u << 0x11) | (1u << 0x12) | (1u << 0x13)))

static int is_vowel_byte(unsigned c)
{
	switch (c | 0x20) {
	case 'a':
	case 'e':
	case 'i':
	case 'o':
	case 'u':
	case 'y': return 1;
	}
	return 0;
}

/* Is the two-byte character at S[POS] a sign of legacy text or mojibake? */
static int two_byte_sign(const unsigned char *s, size_t pos, size_t end)
{
	unsigned c1 = s[pos + 1];
	switch (s[pos]) {
	case 0xC2: /* U+0080-U+00BF */ return c1 < 0xA0 || ((LATIN1_SYMBOL_SIGNS >> (c1 - 0xA0)) & 1);
	case 0xC3: {
		unsigned flags = latin1_flags[c1 - 0x80];
		if (!flags)
			return 0;
		if (flags & L1_ATYPICAL)
			return 1;
		unsigned next = pos + 2 < end ? s[pos + 2] : 0;
		/* mojibake: the next character is a Windows-1252 symbol
		 * (U+0080-U+00BF: C2; Œ œ Š š Ÿ Ž ž: C5; ƒ: C6; ˆ ˜: CB; € ‚ „ …
		 * † ‡ ‰ ‹ ‘ ’ “ ” • – — ™ ›: E2) */
		if ((flags & L1_MOJIBAKE) &&
		    (next == 0xC2 || next == 0xC5 || next == 0xC6 || next == 0xCB || next == 0xE2))
			return 1;
		if ((flags & L1_MOJIBAKE_C2) && next == 0xC2)
			return 1;
		if ((flags & L1_TONE_BYTE) && pos >= 1) {
			unsigned prev = s[pos - 1];
			if (prev < 0x80)
				return is_vowel_byte(prev);
			/* a Latin-1 vowel before: "ÐiêÌu" (Điều in Windows-1258) */
			return pos >= 2 && s[pos - 2] == 0xC3 && prev != 0x90 && prev != 0xB0;
		}
		return 0;
	}
	case 0xC5: /* Œ œ Š š Ÿ Ž ž */
		return c1 == 0x92 || c1 == 0x93 || c1 == 0xA0 || c1 == 0xA1 || c1 == 0xB8 || c1 == 0xBD ||
		       c1 == 0xBE;
	case 0xC6: return c1 == 0x92;               /* ƒ */
	case 0xCB: return c1 == 0x86 || c1 == 0x9C; /* ˆ ˜ */
	}
	return 0;
}

#ifdef __SSE2__
#include <emmintrin.h>

static inline __m128i bytes_eq(__m128i x, unsigned char c)
{
	return _mm_cmpeq_epi8(x, _mm_set1_epi8((char)c));
}

/* Bytes of X in [LO, HI], unsigned. */
static inline __m128i bytes_in(__m128i x, unsigned char lo, unsigned char hi)
{
	__m128i d = _mm_sub_epi8(x, _mm_set1_epi8((char)lo));
	return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8((char)(hi - lo))), d);
}

/* Skip 16-byte blocks that are certainly valid UTF-8 and, with DETECT,
 * certainly free of legacy signs; return where the exact scalar scan must
 * take over (a character boundary) and set *SCALAR_END to where it may hand
 * back. POS is a character boundary. The test is coarser than the scalar
 * one (any character of a lead other than C2-DF, E1, E2 - the leads of
 * Vietnamese - and any possible sign send the block to the scalar scan),
 * never finer. */
static size_t simd_skip(const unsigned char *s, size_t pos, size_t end, int detect, size_t *scalar_end)
{
	size_t floor = pos;
	if (pos < 2) { /* the test looks two bytes back */
		*scalar_end = 2;
		return pos;
	}
	while (pos + 18 <= end) { /* and two bytes past the block */
		__m128i v = _mm_loadu_si128((const __m128i *)(s + pos));
		__m128i v1 = _mm_loadu_si128((const __m128i *)(s + pos - 1));
		__m128i v2 = _mm_loadu_si128((const __m128i *)(s + pos - 2));
		__m128i cont = bytes_eq(_mm_and_si128(v, _mm_set1_epi8((char)0xC0)), 0x80);
		__m128i lead3 = _mm_or_si128(bytes_eq(v1, 0xE1), bytes_eq(v1, 0xE2));
		__m128i want = _mm_or_si128(bytes_in(v1, 0xC2, 0xDF), lead3);
		want = _mm_or_si128(want, _mm_or_si128(bytes_eq(v2, 0xE1), bytes_eq(v2, 0xE2)));
		__m128i simple =
		        _mm_or_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-1)), cont); /* ASCII, continuation */
		simple = _mm_or_si128(simple, bytes_in(v, 0xC2, 0xDF));
		simple = _mm_or_si128(simple, _mm_or_si128(bytes_eq(v, 0xE1), bytes_eq(v, 0xE2)));
		__m128i bad =
		        _mm_or_si128(_mm_xor_si128(cont, want), _mm_andnot_si128(simple, _mm_set1_epi8(-1)));
		if (detect) {
			__m128i next = _mm_loadu_si128((const __m128i *)(s + pos + 1));
			__m128i next2 = _mm_loadu_si128((const __m128i *)(s + pos + 2));
			/* U+0080-U+00BF but NBSP; ˆ ˜; Latin Extended-A but ũ Ũ; ƒ */
			__m128i sign = _mm_andnot_si128(bytes_eq(next, 0xA0), bytes_eq(v, 0xC2));
			sign = _mm_or_si128(sign, bytes_eq(v, 0xCB));
			sign = _mm_or_si128(sign,
			                    _mm_andnot_si128(bytes_in(next, 0xA8, 0xA9), bytes_eq(v, 0xC5)));
			sign = _mm_or_si128(sign, _mm_and_si128(bytes_eq(v, 0xC6), bytes_eq(next, 0x92)));
			/* U+00C0-U+00FF: capitals (rare), the lowercase letters that
			 * Vietnamese does not use, and "á" + U+0080-U+00BF (mojibake).
			 * ì ò (1 in 600 bytes of real text) only after a vowel or a
			 * non-ASCII letter: Windows-1258 tone bytes ("cýì" for cứ). */
			__m128i typical =
			        _mm_or_si128(bytes_in(next, 0xA0, 0xA3), bytes_in(next, 0xA8, 0xAA));
			typical = _mm_or_si128(
			        typical, _mm_or_si128(bytes_eq(next, 0xAD), bytes_in(next, 0xB3, 0xB5)));
			typical = _mm_or_si128(
			        typical, _mm_or_si128(bytes_eq(next, 0xB7), bytes_in(next, 0xB9, 0xBA)));
			typical = _mm_or_si128(typical,
			                       _mm_or_si128(bytes_eq(next, 0xBD), bytes_eq(next, 0xAC)));
			typical = _mm_or_si128(typical, bytes_eq(next, 0xB2));
			__m128i latin1 = _mm_or_si128(bytes_in(next, 0x80, 0x9F),
			                              _mm_andnot_si128(typical, bytes_in(next, 0xA0, 0xBF)));
			latin1 = _mm_or_si128(latin1,
			                      _mm_and_si128(bytes_eq(next, 0xA1), bytes_eq(next2, 0xC2)));
			__m128i prev = _mm_or_si128(v1, _mm_set1_epi8(0x20));
			__m128i after_vowel = _mm_or_si128(bytes_eq(prev, 'a'), bytes_eq(prev, 'e'));
			after_vowel = _mm_or_si128(after_vowel,
			                           _mm_or_si128(bytes_eq(prev, 'i'), bytes_eq(prev, 'o')));
			after_vowel = _mm_or_si128(after_vowel,
			                           _mm_or_si128(bytes_eq(prev, 'u'), bytes_eq(prev, 'y')));
			after_vowel = _mm_or_si128(after_vowel, bytes_in(v1, 0x80, 0xBF));
			latin1 = _mm_or_si128(latin1,
			                      _mm_and_si128(after_vowel, _mm_or_si128(bytes_eq(next, 0xAC),
			                                                              bytes_eq(next, 0xB2))));
			sign = _mm_or_si128(sign, _mm_and_si128(bytes_eq(v, 0xC3), latin1));
			bad = _mm_or_si128(bad, sign);
		}
		if (_mm_movemask_epi8(bad)) {
			*scalar_end = pos + 16;
			while (pos > floor && (s[pos] & 0xC0) == 0x80) /* back to the character's lead */
				pos--;
			return pos;
		}
		pos += 16;
	}
	*scalar_end = end;
	while (pos > floor && pos < end && (s[pos] & 0xC0) == 0x80)
		pos--;
	return pos;
}

/* The same test as simd_skip, 32 bytes at a time, for the CPUs that have
 * AVX2 (chosen at run time: the build targets plain x86-64). Half the
 * instructions per byte of the SSE2 version; the scan is a tenth of the
 * analyzer's time on real text. */
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#include <immintrin.h>
#define TC_HAVE_AVX2 1
#define TC_AVX2      __attribute__((target("avx2")))

TC_AVX2 static inline __m256i bytes_eq32(__m256i x, unsigned char c)
{
	return _mm256_cmpeq_epi8(x, _mm256_set1_epi8((char)c));
}

TC_AVX2 static inline __m256i bytes_in32(__m256i x, unsigned char lo, unsigned char hi)
{
	__m256i d = _mm256_sub_epi8(x, _mm256_set1_epi8((char)lo));
	return _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8((char)(hi - lo))), d);
}

TC_AVX2 static size_t simd_skip_avx2(const unsigned char *s, size_t pos, size_t end, int detect,
                                     size_t *scalar_end)
{
	size_t floor = pos;
	if (pos < 2)
		return simd_skip(s, pos, end, detect, scalar_end);
	while (pos + 34 <= end) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(s + pos));
		__m256i v1 = _mm256_loadu_si256((const __m256i *)(s + pos - 1));
		__m256i v2 = _mm256_loadu_si256((const __m256i *)(s + pos - 2));
		__m256i cont = bytes_eq32(_mm256_and_si256(v, _mm256_set1_epi8((char)0xC0)), 0x80);
		__m256i lead3 = _mm256_or_si256(bytes_eq32(v1, 0xE1), bytes_eq32(v1, 0xE2));
		__m256i want = _mm256_or_si256(bytes_in32(v1, 0xC2, 0xDF), lead3);
		want = _mm256_or_si256(want, _mm256_or_si256(bytes_eq32(v2, 0xE1), bytes_eq32(v2, 0xE2)));
		__m256i simple = _mm256_or_si256(_mm256_cmpgt_epi8(v, _mm256_set1_epi8(-1)),
		                                 cont); /* ASCII, continuation */
		simple = _mm256_or_si256(simple, bytes_in32(v, 0xC2, 0xDF));
		simple = _mm256_or_si256(simple, _mm256_or_si256(bytes_eq32(v, 0xE1), bytes_eq32(v, 0xE2)));
		__m256i bad = _mm256_or_si256(_mm256_xor_si256(cont, want),
		                              _mm256_andnot_si256(simple, _mm256_set1_epi8(-1)));
		if (detect) {
			__m256i next = _mm256_loadu_si256((const __m256i *)(s + pos + 1));
			__m256i next2 = _mm256_loadu_si256((const __m256i *)(s + pos + 2));
			/* U+0080-U+00BF but NBSP; ˆ ˜; Latin Extended-A but ũ Ũ; ƒ */
			__m256i sign = _mm256_andnot_si256(bytes_eq32(next, 0xA0), bytes_eq32(v, 0xC2));
			sign = _mm256_or_si256(sign, bytes_eq32(v, 0xCB));
			sign = _mm256_or_si256(
			        sign, _mm256_andnot_si256(bytes_in32(next, 0xA8, 0xA9), bytes_eq32(v, 0xC5)));
			sign = _mm256_or_si256(sign,
			                       _mm256_and_si256(bytes_eq32(v, 0xC6), bytes_eq32(next, 0x92)));
			/* U+00C0-U+00FF: capitals (rare), the lowercase letters that
			 * Vietnamese does not use, and "á" + U+0080-U+00BF (mojibake).
			 * ì ò (1 in 600 bytes of real text) only after a vowel or a
			 * non-ASCII letter: Windows-1258 tone bytes ("cýì" for cứ). */
			__m256i typical =
			        _mm256_or_si256(bytes_in32(next, 0xA0, 0xA3), bytes_in32(next, 0xA8, 0xAA));
			typical = _mm256_or_si256(typical, _mm256_or_si256(bytes_eq32(next, 0xAD),
			                                                   bytes_in32(next, 0xB3, 0xB5)));
			typical = _mm256_or_si256(typical, _mm256_or_si256(bytes_eq32(next, 0xB7),
			                                                   bytes_in32(next, 0xB9, 0xBA)));
			typical = _mm256_or_si256(
			        typical, _mm256_or_si256(bytes_eq32(next, 0xBD), bytes_eq32(next, 0xAC)));
			typical = _mm256_or_si256(typical, bytes_eq32(next, 0xB2));
			__m256i latin1 =
			        _mm256_or_si256(bytes_in32(next, 0x80, 0x9F),
			                        _mm256_andnot_si256(typical, bytes_in32(next, 0xA0, 0xBF)));
			latin1 = _mm256_or_si256(
			        latin1, _mm256_and_si256(bytes_eq32(next, 0xA1), bytes_eq32(next2, 0xC2)));
			__m256i prev = _mm256_or_si256(v1, _mm256_set1_epi8(0x20));
			__m256i after_vowel = _mm256_or_si256(bytes_eq32(prev, 'a'), bytes_eq32(prev, 'e'));
			after_vowel = _mm256_or_si256(
			        after_vowel, _mm256_or_si256(bytes_eq32(prev, 'i'), bytes_eq32(prev, 'o')));
			after_vowel = _mm256_or_si256(
			        after_vowel, _mm256_or_si256(bytes_eq32(prev, 'u'), bytes_eq32(prev, 'y')));
			after_vowel = _mm256_or_si256(after_vowel, bytes_in32(v1, 0x80, 0xBF));
			latin1 = _mm256_or_si256(
			        latin1,
			        _mm256_and_si256(after_vowel, _mm256_or_si256(bytes_eq32(next, 0xAC),
			                                                      bytes_eq32(next, 0xB2))));
			sign = _mm256_or_si256(sign, _mm256_and_si256(bytes_eq32(v, 0xC3), latin1));
			bad = _mm256_or_si256(bad, sign);
		}
		if (_mm256_movemask_epi8(bad)) {
			*scalar_end = pos + 32;
			while (pos > floor && (s[pos] & 0xC0) == 0x80) /* back to the character's lead */
				pos--;
			return pos;
		}
		pos += 32;
	}
	/* the tail, in 16-byte blocks, from the lead of the character there */
	while (pos > floor && pos < end && (s[pos] & 0xC0) == 0x80)
		pos--;
	return simd_skip(s, pos, end, detect, scalar_end);
}
#endif
#endif

/* The offset of the first byte in [POS, END) that is invalid UTF-8 or, with
 * DETECT, a sign of legacy text or mojibake; END if none. POS is a
 * character boundary. This is the fast path: blocks of 16 bytes go through
 * SSE2 when they are clean, and only the others are read character by
 * character here. */
static size_t scan(const unsigned char *s, size_t pos, size_t end, int detect)
{
	size_t scalar_end = pos;
	while (pos < end) {
#ifdef __SSE2__
		if (pos >= scalar_end) {
#ifdef TC_HAVE_AVX2
			pos = __builtin_cpu_supports("avx2")
			              ? simd_skip_avx2(s, pos, end, detect, &scalar_end)
			              : simd_skip(s, pos, end, detect, &scalar_end);
#else
			pos = simd_skip(s, pos, end, detect, &scalar_end);
#endif
			if (pos >= end)
				break;
		}
#endif
		unsigned c = s[pos];
		if (c < 0x80) {
			pos++;
			continue;
		}
		if (c < 0xC2)
			return pos;
		if (c < 0xE0) {
			if (pos + 1 >= end || (s[pos + 1] & 0xC0) != 0x80)
				return pos;
			if (detect && c <= 0xCB && two_byte_sign(s, pos, end))
				return pos;
			pos += 2;
			continue;
		}
		if (c < 0xF0) {
			if (pos + 2 >= end)
				return pos;
			unsigned c1 = s[pos + 1];
			if ((s[pos + 2] & 0xC0) != 0x80 || (c1 & 0xC0) != 0x80 || (c == 0xE0 && c1 < 0xA0) ||
			    (c == 0xED && c1 > 0x9F))
				return pos;
			pos += 3;
			continue;
		}
		if (c < 0xF5) {
			if (pos + 3 >= end)
				return pos;
			unsigned c1 = s[pos + 1];
			if ((c1 & 0xC0) != 0x80 || (s[pos + 2] & 0xC0) != 0x80 ||
			    (s[pos + 3] & 0xC0) != 0x80 || (c == 0xF0 && c1 < 0x90) ||
			    (c == 0xF4 && c1 > 0x8F))
				return pos;
			pos += 4;
			continue;
		}
		return pos;
	}
	return end;
}

/* ---- syllables ---- */

static const UNormalizer2 *nfd_instance(void)
{
	UErrorCode status = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
	return U_SUCCESS(status) ? nfd : NULL;
}

static const UNormalizer2 *nfc_instance(void)
{
	UErrorCode status = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
	return U_SUCCESS(status) ? nfc : NULL;
}

/* A syllable's letters are spelled in one byte each: plain letters in
 * lowercase ASCII, and A = â, W = ă, E = ê, O = ô, P = ơ, U = ư, D = đ. */
static const char *const onsets[] = {
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d",
        "D",   "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",  "t",  "v", "x", "",
};
static const char *const codas[] = {"ch", "ng", "nh", "c", "m", "n", "p", "t", "i", "y", "o", "u", ""};
/* The vowel nucleus, medial glide included: "oa" (hoa), "uyE" (quyền). */
static const char *const nuclei[] = {
        "a",  "W",  "A",  "e",  "E",  "i",  "o",  "O",  "P",  "u",  "U",  "y",   "iE",  "ia", "yE",
        "ya", "uO", "ua", "UP", "Ua", "oa", "oW", "oe", "uA", "uE", "uy", "uya", "uyE", "uP", "oo",
};

static int in_list(const char *const *list, size_t count, const char *s, size_t len)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
			return 1;
	return 0;
}

static int is_vowel_letter(char c)
{
	return strchr("aeiouyAWEOPU", c) != NULL;
}

/* Add a combining mark to the last letter of FORM; *TONE counts tones. */
static int apply_mark(char *form, size_t len, uint32_t mark, uint32_t *tone, size_t *tone_at)
{
	if (len == 0)
		return 0;
	char *letter = &form[len - 1];
	switch (mark) {
	case MARK_CIRCUMFLEX:
		if (*letter != 'a' && *letter != 'e' && *letter != 'o')
			return 0;
		*letter = *letter == 'a' ? 'A' : *letter == 'e' ? 'E' : 'O';
		return 1;
	case MARK_BREVE:
		if (*letter != 'a')
			return 0;
		*letter = 'W';
		return 1;
	case MARK_HORN:
		if (*letter != 'o' && *letter != 'u')
			return 0;
		*letter = *letter == 'o' ? 'P' : 'U';
		return 1;
	case MARK_GRAVE:
	case MARK_ACUTE:
	case MARK_TILDE:
	case MARK_HOOK:
	case MARK_DOT:
		if (*tone || !is_vowel_letter(*letter))
			return 0;
		*tone = mark;
		*tone_at = len - 1;
		return 1;
	}
	return 0;
}

#define FORM_MAX 10

/* Is the word CPS[0..N) one valid Vietnamese syllable? Onset from the
 * closed list of initial consonants, a nucleus from the closed list, an
 * optional final, at most one tone mark, and the rule that a syllable
 * ending in c, ch, p, t takes the sắc or nặng tone; the tone is not on the
 * final ("aò" is no syllable). Case-insensitive; Ð
 * (eth) counts as Đ, since it is often typed for it. */
static int syllable_valid(const UNormalizer2 *nfd, const uint32_t *cps, size_t n)
{
	char form[FORM_MAX + 1];
	size_t len = 0;
	uint32_t tone = 0;
	size_t tone_at = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t cp = cps[i];
		if (cp < 0x80) {
			if (len == FORM_MAX)
				return 0;
			form[len++] = (char)(cp | 0x20);
			continue;
		}
		if (cp >= 0x300 && cp <= 0x36F) {
			if (!apply_mark(form, len, cp, &tone, &tone_at))
				return 0;
			continue;
		}
		if (cp == 0x0110 || cp == 0x0111 || cp == 0x00D0 || cp == 0x00F0) {
			if (len == FORM_MAX)
				return 0;
			form[len++] = 'D';
			continue;
		}
		UChar decomposed[8];
		UErrorCode status = U_ZERO_ERROR;
		int32_t dlen = nfd ? unorm2_getDecomposition(nfd, (UChar32)cp, decomposed, 8, &status) : -1;
		if (U_FAILURE(status) || dlen < 2 || decomposed[0] >= 0x80 || len == FORM_MAX)
			return 0;
		unsigned base = decomposed[0] | 0x20;
		if (base < 'a' || base > 'z')
			return 0;
		form[len++] = (char)base;
		for (int32_t k = 1; k < dlen; k++)
			if (!apply_mark(form, len, decomposed[k], &tone, &tone_at))
				return 0;
	}
	for (size_t o = 0; o < sizeof onsets / sizeof *onsets; o++) {
		size_t olen = strlen(onsets[o]);
		if (olen >= len || memcmp(form, onsets[o], olen) != 0)
			continue;
		for (size_t c = 0; c < sizeof codas / sizeof *codas; c++) {
			size_t clen = strlen(codas[c]);
			if (olen + clen >= len || memcmp(form + len - clen, codas[c], clen) != 0)
				continue;
			if (!in_list(nuclei, sizeof nuclei / sizeof *nuclei, form + olen, len - olen - clen))
				continue;
			int stop = clen && strchr("cpt", codas[c][0]) != NULL; /* c, ch, p, t */
			if (stop && tone != MARK_ACUTE && tone != MARK_DOT)
				continue;
			if (tone && tone_at >= len - clen)
				continue; /* the tone goes on the vowel, never on the final: "ào", not "aò" */
			return 1;
		}
	}
	return 0;
}

/* ---- sinks: where a candidate's characters go ---- */

#define WORD_MAX 24

typedef struct sink {
	tc_repair *out;   /* write mode: append to out->text and out->offsets */
	int compose;      /* write mode: compose base + combining mark (legacy) */
	int failed;       /* write mode: memory ran out */
	uint32_t pending; /* write mode: last character, not yet written */
	size_t pending_offset;
	int has_pending;
	const UNormalizer2 *nfc, *nfd;
	/* score mode */
	uint32_t word[WORD_MAX];
	size_t word_len;
	int word_nonascii, word_overflow;
	size_t word_letters;
	uint32_t words, valid;   /* words of two letters or more */
	uint32_t words1, valid1; /* one-letter words ("ở", "Ê"): weak evidence */
} sink;

static int out_grow(tc_repair *repair, size_t extra)
{
	if (tc_buf_reserve(&repair->text, extra) < 0)
		return -1;
	if (repair->offsets_cap < repair->text.cap) {
		size_t *offsets = tc_realloc(repair->offsets, repair->text.cap * sizeof *offsets);
		if (!offsets)
			return -1;
		repair->offsets = offsets;
		repair->offsets_cap = repair->text.cap;
	}
	return 0;
}

/* Room for EXTRA more output bytes, their offsets and the final ones. */
static int out_room(tc_repair *repair, size_t extra)
{
	size_t need = repair->text.len + extra + 1;
	if (need <= repair->text.cap && need <= repair->offsets_cap)
		return 0;
	return out_grow(repair, extra);
}

static void out_utf8(sink *k, uint32_t cp, size_t offset)
{
	tc_repair *repair = k->out;
	if (k->failed)
		return;
	if (out_room(repair, 4) < 0) {
		k->failed = 1;
		return;
	}
	unsigned char *p = (unsigned char *)repair->text.data + repair->text.len;
	size_t n;
	if (cp < 0x80) {
		p[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		p[0] = (unsigned char)(0xC0 | (cp >> 6));
		p[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		p[0] = (unsigned char)(0xE0 | (cp >> 12));
		p[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		p[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		p[0] = (unsigned char)(0xF0 | (cp >> 18));
		p[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		p[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		p[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	for (size_t i = 0; i < n; i++)
		repair->offsets[repair->text.len + i] = offset;
	repair->text.len += n;
}

/* BASE + MARK as one character, or 0. A mark of a lower combining class
 * may go under a precomposed letter's own mark (â + dot below = ậ, from
 * Windows-1258's "â" then 0xF2): that reordering is canonical. */
static uint32_t compose_mark(const UNormalizer2 *nfc, uint32_t base, uint32_t mark)
{
	UChar32 composed = unorm2_composePair(nfc, (UChar32)base, (UChar32)mark);
	if (composed >= 0)
		return (uint32_t)composed;
	UChar parts[4];
	UErrorCode status = U_ZERO_ERROR;
	int32_t n = unorm2_getRawDecomposition(nfc, (UChar32)base, parts, 4, &status);
	if (U_FAILURE(status) || n != 2 || u_getCombiningClass(mark) >= u_getCombiningClass(parts[1]))
		return 0;
	composed = unorm2_composePair(nfc, parts[0], (UChar32)mark);
	if (composed < 0)
		return 0;
	composed = unorm2_composePair(nfc, composed, parts[1]);
	return composed >= 0 ? (uint32_t)composed : 0;
}

/* Characters that legacy text and mojibake put inside words and real
 * Vietnamese does not (the signs of the fast scan): "Nghá»‹", "kh«ng",
 * "§iÒu". The scorer keeps them inside the word, which they make invalid,
 * instead of letting them cut it into valid-looking pieces ("Nghá"). */
static int is_sign_char(uint32_t cp)
{
	if (cp >= 0x80 && cp <= 0xBF)
		return cp < 0xA0 || ((LATIN1_SYMBOL_SIGNS >> (cp - 0xA0)) & 1);
	switch (cp) {
	case 0x0152:
	case 0x0153:
	case 0x0160:
	case 0x0161:
	case 0x0178:
	case 0x017D:
	case 0x017E: /* Œ œ Š š Ÿ Ž ž */
	case 0x0192:
	case 0x02C6:
	case 0x02DC: /* ƒ ˆ ˜ */
	case 0x2020:
	case 0x2021:
	case 0x2022:
	case 0x2030:
	case 0x2039:
	case 0x203A: /* † ‡ • ‰ ‹ › */
	case 0x20AC:
	case 0x2122: /* € ™ */ return 1;
	}
	return 0;
}

static void score_word_end(sink *k)
{
	if (k->word_nonascii && k->word_letters > 0) {
		int valid = !k->word_overflow && syllable_valid(k->nfd, k->word, k->word_len);
		if (k->word_letters > 1) {
			k->words++;
			k->valid += (uint32_t)valid;
		} else {
			k->words1++;
			k->valid1 += (uint32_t)valid;
		}
	}
	k->word_len = k->word_letters = 0;
	k->word_nonascii = k->word_overflow = 0;
}

/* Take one character of the candidate's output, from input offset OFFSET. */
static void sink_put(sink *k, uint32_t cp, size_t offset)
{
	if (!k->out) {
		int letter = cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
		                       : !is_sign_char(cp) && cp != 0xFFFD && u_isalpha((UChar32)cp);
		if (letter || cp >= 0x80) {
			if (!letter && !(cp >= 0x300 && cp <= 0x36F) && cp != 0xFFFD && !is_sign_char(cp)) {
				/* other non-ASCII: a space, a dash, a quote: ends the word */
				if (k->word_len)
					score_word_end(k);
				return;
			}
			if (k->word_len < WORD_MAX)
				k->word[k->word_len++] = cp;
			else
				k->word_overflow = 1;
			k->word_letters += (size_t)letter;
			if (cp >= 0x80)
				k->word_nonascii = 1;
		} else if (k->word_len) {
			score_word_end(k);
		}
		return;
	}
	if (!k->compose) {
		out_utf8(k, cp, offset);
		return;
	}
	if (k->has_pending && cp >= 0x300 && cp <= 0x36F && k->nfc) {
		uint32_t composed = compose_mark(k->nfc, k->pending, cp);
		if (composed) {
			k->pending = composed;
			return;
		}
	}
	if (k->has_pending)
		out_utf8(k, k->pending, k->pending_offset);
	k->pending = cp;
	k->pending_offset = offset;
	k->has_pending = 1;
}

static void sink_flush(sink *k)
{
	if (k->out) {
		if (k->has_pending)
			out_utf8(k, k->pending, k->pending_offset);
		k->has_pending = 0;
	} else if (k->word_len) {
		score_word_end(k);
	}
}

/* ---- candidates ---- */

typedef struct unit {
	uint32_t cp; /* the character as read */
	int byte;    /* the legacy byte it stands for, or -1 */
} unit;

/* The byte that Windows-1252 (or Latin-1, for C1 controls) shows as CP,
 * or -1. */
static int cp1252_byte(const tc_repair *repair, uint32_t cp)
{
	if (cp < 0x100)
		return (int)cp;
	for (int i = 0; i < 32; i++)
		if (repair->cp1252[i] == cp)
			return 0x80 + i;
	return -1;
}

/* Read one unit at POS: a raw byte of an invalid line, or a character of a
 * valid line with the byte it stands for. */
static size_t read_unit(const tc_repair *repair, const unsigned char *s, int raw, size_t pos, size_t end,
                        unit *u)
{
	if (raw) {
		u->cp = s[pos];
		u->byte = s[pos];
		return 1;
	}
	int invalid;
	size_t n = utf8_next(s, pos, end, &u->cp, &invalid);
	u->byte = u->cp < 0x80 ? (int)u->cp : cp1252_byte(repair, u->cp);
	return n;
}

static void decode_utf8(tc_repair *repair, const unsigned char *s, size_t pos, size_t end, sink *k)
{
	while (pos < end) {
		uint32_t cp;
		int invalid;
		size_t n = utf8_next(s, pos, end, &cp, &invalid);
		if (invalid && k->out)
			repair->invalid_bytes += n;
		sink_put(k, cp, pos);
		pos += n;
	}
}

static uint32_t single_byte_char(const tc_repair *repair, tc_encoding encoding, unsigned byte)
{
	switch (encoding) {
	case TC_ENCODING_TCVN3:
		return byte < 0x80   ? byte
		       : byte < 0xA0 ? repair->cp1252[byte - 0x80]
		                     : tcvn3_high[byte - 0xA0];
	case TC_ENCODING_VISCII: return byte < 0x80 ? viscii_low(byte) : viscii_high[byte - 0x80];
	case TC_ENCODING_CP1258: return byte < 0x80 ? byte : repair->cp1258[byte - 0x80];
	default: return byte < 0x80 ? byte : repair->cp1252[byte - 0x80];
	}
}

static void decode_single_byte(tc_repair *repair, tc_encoding encoding, const unsigned char *s, int raw,
                               size_t pos, size_t end, sink *k)
{
	while (pos < end) {
		unit u;
		size_t n = read_unit(repair, s, raw, pos, end, &u);
		sink_put(k, u.byte < 0 ? u.cp : single_byte_char(repair, encoding, (unsigned)u.byte), pos);
		pos += n;
	}
}

static void decode_vni(tc_repair *repair, const unsigned char *s, int raw, size_t pos, size_t end, sink *k)
{
	while (pos < end) {
		unit u;
		size_t n = read_unit(repair, s, raw, pos, end, &u);
		if (u.byte < 0) {
			sink_put(k, u.cp, pos);
			pos += n;
			continue;
		}
		uint32_t base = vni_base((unsigned)u.byte);
		if (base) {
			vni_mark mark = {0, 0};
			size_t n2 = 0;
			if (pos + n < end) {
				unit next;
				n2 = read_unit(repair, s, raw, pos + n, end, &next);
				if (next.byte >= 0x80)
					mark = vni_mark_of((unsigned)next.byte);
			}
			sink_put(k, base, pos);
			if ((mark.shape || mark.tone) && vni_mark_fits(base, mark)) {
				/* canonical order: dot below (class 220) before the
				 * shape marks (230), so that the sink composes */
				if (mark.tone == MARK_DOT)
					sink_put(k, MARK_DOT, pos);
				if (mark.shape)
					sink_put(k, mark.shape, pos);
				if (mark.tone && mark.tone != MARK_DOT)
					sink_put(k, mark.tone, pos);
				n += n2;
			}
			pos += n;
			continue;
		}
		uint32_t letter = vni_letter((unsigned)u.byte);
		if (!letter)
			letter = single_byte_char(repair, TC_ENCODING_UTF8, (unsigned)u.byte);
		sink_put(k, letter, pos);
		pos += n;
	}
}

/* UTF-8 read as Windows-1252 and saved again: the characters' bytes are
 * UTF-8 again ("Nghá»‹" -> "Nghị"). Characters whose bytes do not form
 * UTF-8 are kept as they are. */
static void decode_mojibake(tc_repair *repair, const unsigned char *s, size_t pos, size_t end, sink *k)
{
	while (pos < end) {
		unit u;
		size_t n = read_unit(repair, s, 0, pos, end, &u);
		if (u.byte >= 0xC2 && u.byte <= 0xF4) {
			unsigned char bytes[4] = {(unsigned char)u.byte};
			size_t need = u.byte >= 0xF0 ? 3 : u.byte >= 0xE0 ? 2 : 1;
			size_t at = pos + n, got = 0;
			while (got < need && at < end) {
				unit next;
				size_t m = read_unit(repair, s, 0, at, end, &next);
				if (next.byte < 0x80 || next.byte > 0xBF)
					break;
				bytes[++got] = (unsigned char)next.byte;
				at += m;
			}
			uint32_t cp;
			int invalid;
			if (got == need && utf8_next(bytes, 0, need + 1, &cp, &invalid) == need + 1 &&
			    !invalid) {
				sink_put(k, cp, pos);
				pos = at;
				continue;
			}
		}
		sink_put(k, u.cp, pos);
		pos += n;
	}
}

static void decode(tc_repair *repair, tc_encoding encoding, const unsigned char *s, int raw, size_t pos,
                   size_t end, sink *k)
{
	switch (encoding) {
	case TC_ENCODING_UTF8: decode_utf8(repair, s, pos, end, k); break;
	case TC_ENCODING_VNI: decode_vni(repair, s, raw, pos, end, k); break;
	case TC_ENCODING_UTF8_AS_CP1252: decode_mojibake(repair, s, pos, end, k); break;
	default: decode_single_byte(repair, encoding, s, raw, pos, end, k); break;
	}
	sink_flush(k);
}

/* ---- decisions ---- */

static double share(uint32_t valid, uint32_t words)
{
	return words ? (double)valid / words : 0.0;
}

/* Is candidate C clearly better than the text as it is? */
static int clearly_better(const uint32_t *words, const uint32_t *valid, int c, uint32_t min_valid)
{
	double s = share(valid[c], words[c]);
	return valid[c] >= valid[TC_ENCODING_UTF8] + min_valid && s >= MIN_SHARE &&
	       s >= share(valid[TC_ENCODING_UTF8], words[TC_ENCODING_UTF8]) + MIN_MARGIN;
}

/* The best candidate that is clearly better, or UTF8 (the text as it is).
 * Ties go to PREFERRED (the document's winner), then to the lower number. */
static int best_candidate(const uint32_t *words, const uint32_t *valid, uint32_t min_valid, int preferred)
{
	int best = TC_ENCODING_UTF8;
	double best_share = -1;
	for (int c = 1; c < NCAND; c++) {
		if (!clearly_better(words, valid, c, min_valid))
			continue;
		double s = share(valid[c], words[c]);
		if (s > best_share || (s == best_share && c == preferred)) {
			best = c;
			best_share = s;
		}
	}
	return best;
}

static void score_line(tc_repair *repair, const unsigned char *s, tc_repair_line *line,
                       const UNormalizer2 *nfc, const UNormalizer2 *nfd)
{
	size_t end = line->end - line->start > SCORE_WINDOW ? line->start + SCORE_WINDOW : line->end;
	/* An invalid line with as many valid multibyte characters as invalid
	 * sequences is UTF-8 with errors: legacy bytes almost never happen to
	 * form UTF-8. */
	int utf8_with_errors = 0;
	if (line->raw) {
		size_t multibyte = 0, invalid_seqs = 0;
		for (size_t pos = line->start; pos < end;) {
			uint32_t cp;
			int invalid;
			size_t n = utf8_next(s, pos, end, &cp, &invalid);
			multibyte += !invalid && n > 1;
			invalid_seqs += (size_t)invalid;
			pos += n;
		}
		utf8_with_errors = multibyte >= invalid_seqs;
	}
	for (int c = 0; c < NCAND; c++) {
		line->words[c] = line->valid[c] = line->words1[c] = line->valid1[c] = 0;
		if (c != TC_ENCODING_UTF8 &&
		    (utf8_with_errors || (line->raw && c == TC_ENCODING_UTF8_AS_CP1252)))
			continue; /* raw bytes that are not UTF-8 are no mojibake */
		sink k = {.nfc = nfc, .nfd = nfd};
		/* the window may cut a character; the unit readers stop at END */
		decode(repair, (tc_encoding)c, s, line->raw, line->start, end, &k);
		line->words[c] = k.words;
		line->valid[c] = k.valid;
		line->words1[c] = k.words1;
		line->valid1[c] = k.valid1;
	}
}

static int lines_reserve(tc_repair *repair, size_t count)
{
	if (count <= repair->lines_cap)
		return 0;
	size_t cap = repair->lines_cap ? repair->lines_cap * 2 : 16;
	while (cap < count)
		cap *= 2;
	tc_repair_line *lines = tc_realloc(repair->lines, cap * sizeof *lines);
	if (!lines)
		return -1;
	repair->lines = lines;
	repair->lines_cap = cap;
	return 0;
}

/* Copy input bytes [POS, END) unchanged. */
static int copy_bytes(tc_repair *repair, const unsigned char *s, size_t pos, size_t end)
{
	size_t n = end - pos;
	if (out_room(repair, n) < 0)
		return -1;
	memcpy(repair->text.data + repair->text.len, s + pos, n);
	for (size_t i = 0; i < n; i++)
		repair->offsets[repair->text.len + i] = pos + i;
	repair->text.len += n;
	return 0;
}

/* Write [POS, END) as it is, each invalid sequence replaced by U+FFFD. */
static int write_utf8(tc_repair *repair, const unsigned char *s, size_t pos, size_t end)
{
	while (pos < end) {
		size_t bad = scan(s, pos, end, 0);
		if (copy_bytes(repair, s, pos, bad) < 0)
			return -1;
		if (bad == end)
			break;
		uint32_t cp;
		int invalid;
		size_t n = utf8_next(s, bad, end, &cp, &invalid);
		sink k = {.out = repair};
		out_utf8(&k, cp, bad);
		if (k.failed)
			return -1;
		repair->invalid_bytes += n;
		pos = bad + n;
	}
	return 0;
}

int tc__repair(tc_repair *repair, const char *input, size_t len, int detect_legacy)
{
	const unsigned char *s = (const unsigned char *)input;
	tc_buf_reset(&repair->text);
	repair->identical = 1;
	repair->encoding = TC_ENCODING_UTF8;
	repair->invalid_bytes = 0;

	size_t first = scan(s, 0, len, detect_legacy);
	if (first == len)
		return 0;

	const UNormalizer2 *nfc = nfc_instance(), *nfd = nfd_instance();
	if (detect_legacy && load_charsets(repair) < 0)
		detect_legacy = 0; /* no ICU data: repair UTF-8 only */

	/* Pass 1: the lines that need a closer look, and their scores. */
	size_t first_line = first;
	while (first_line > 0 && s[first_line - 1] != '\n')
		first_line--;
	size_t nlines = 0;
	uint32_t total_words[NCAND] = {0}, total_valid[NCAND] = {0};
	int any_raw = 0;
	/* The scan goes on over the rest of the text, not line by line: what it
	 * finds in a line depends only on that line and the bytes before it,
	 * and a long run of clean lines costs one SIMD pass instead of a call
	 * (and a scalar tail) per line. */
	for (size_t pos = first_line; pos < len;) {
		size_t sign = pos == first_line ? first : scan(s, pos, len, detect_legacy);
		if (sign == len)
			break;
		size_t start = sign; /* the line of the sign */
		while (start > pos && s[start - 1] != '\n')
			start--;
		const unsigned char *eol = memchr(s + sign, '\n', len - sign);
		size_t end = eol ? (size_t)(eol - s) + 1 : len;
		if (lines_reserve(repair, nlines + 1) < 0)
			return -1;
		tc_repair_line *line = &repair->lines[nlines++];
		line->start = start;
		line->end = end;
		line->raw = scan(s, sign, end, 0) < end;
		line->choice = TC_ENCODING_UTF8;
		any_raw |= line->raw;
		if (detect_legacy) {
			score_line(repair, s, line, nfc, nfd);
			for (int c = 0; c < NCAND; c++) {
				total_words[c] += line->words[c];
				total_valid[c] += line->valid[c];
			}
		}
		pos = end;
	}

	/* Decide: per line when the line says enough, else the document's
	 * winner when it does not make the line worse. */
	size_t weight[NCAND] = {0};
	int converted = 0;
	if (detect_legacy) {
		int winner = best_candidate(total_words, total_valid, MIN_VALID_DOC, TC_ENCODING_UTF8);
		for (size_t i = 0; i < nlines; i++) {
			tc_repair_line *line = &repair->lines[i];
			int choice = best_candidate(line->words, line->valid, MIN_VALID_LINE, winner);
			/* the document's winner, unless the line clearly says
			 * otherwise (a second legacy encoding in one document) */
			if (winner != TC_ENCODING_UTF8 && choice != winner) {
				/* one-letter words count here: a heading "§1" has no other */
				uint32_t w = line->valid[winner] + line->valid1[winner];
				uint32_t id = line->valid[TC_ENCODING_UTF8] + line->valid1[TC_ENCODING_UTF8];
				double w_share = share(w, line->words[winner] + line->words1[winner]);
				int winner_fits =
				        w > 0 && w >= id &&
				        w_share >= share(id, line->words[TC_ENCODING_UTF8] +
				                                     line->words1[TC_ENCODING_UTF8]);
				if (winner_fits && (choice == TC_ENCODING_UTF8 ||
				                    share(line->valid[choice] + line->valid1[choice],
				                          line->words[choice] + line->words1[choice]) <
				                            w_share + MIN_MARGIN))
					choice = winner;
			}
			line->choice = choice;
			if (choice != TC_ENCODING_UTF8) {
				converted = 1;
				weight[choice] += line->valid[choice] + 1;
			}
		}
	}
	if (!converted && !any_raw)
		return 0; /* the signs were false alarms: still identical */

	/* Pass 2: write. */
	repair->identical = 0;
	if (out_room(repair, len) < 0)
		return -1;
	size_t pos = 0;
	for (size_t i = 0; i <= nlines; i++) {
		size_t start = i < nlines ? repair->lines[i].start : len;
		if (copy_bytes(repair, s, pos, start) < 0)
			return -1;
		if (i == nlines)
			break;
		tc_repair_line *line = &repair->lines[i];
		if (line->choice == TC_ENCODING_UTF8) {
			if (write_utf8(repair, s, line->start, line->end) < 0)
				return -1;
			pos = line->end;
			continue;
		}
		sink k = {.out = repair,
		          .compose = line->choice != TC_ENCODING_UTF8 &&
		                     line->choice != TC_ENCODING_UTF8_AS_CP1252,
		          .nfc = nfc,
		          .nfd = nfd};
		decode(repair, (tc_encoding)line->choice, s, line->raw, line->start, line->end, &k);
		if (k.failed)
			return -1;
		pos = line->end;
	}
	repair->offsets[repair->text.len] = len;
	repair->text.data[repair->text.len] = '\0';
	for (int c = 1; c < NCAND; c++)
		if (weight[c] > weight[repair->encoding])
			repair->encoding = (tc_encoding)c;
	return 0;
}

void tc__repair_free(tc_repair *repair)
{
	tc_buf_free(&repair->text);
	tc_free(repair->offsets);
	repair->offsets = NULL;
	repair->offsets_cap = 0;
	tc_free(repair->lines);
	repair->lines = NULL;
	repair->lines_cap = 0;
}
