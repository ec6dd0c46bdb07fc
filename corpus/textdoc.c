/* textdoc.c - one legal document's plain text → one tc_record.
 *
 * The text comes from PDF extraction (Công báo), OCR, markdown saved from
 * web pages (thuvienphapluat.vn, a Jekyll site), pandoc/marker markdown or
 * antiword; see /shared/corpus/congbao/SOURCE.md "Oddities". The pipeline:
 *
 *  1. bytes → NFC UTF-8 (ICU), NBSP and odd spaces → " ", Ð → Đ, CR/FF → LF;
 *     a Word binary dumped as text is refused (TC_PROBLEM_BINARY);
 *  2. lines; markdown emphasis spans wrapped over lines are re-joined, then
 *     markup (**, *, #, pandoc "\" escapes, table pipes) is removed;
 *  3. page chrome is dropped: gazette running headers and page numbers,
 *     signature stamps, page markers, the TVPL banner/attribute table and
 *     footer, the diepxuan "THÔNG TIN VĂN BẢN" table; footnotes (VBHN notes
 *     at page bottoms, antiword "[n]" notes at the end) become notes and
 *     their markers leave the running text;
 *  4. the header (issuer, số hiệu, place and date, type, title) is read
 *     from the lines before the body, cell by cell (columns are split on
 *     "|" and on runs of spaces, and OCR may merge them on one line);
 *  5. hard-wrapped body lines are re-joined, then the body is split into
 *     provisions (tc__textdoc_structure), the signature block gives the
 *     signer, the last articles the effective date, a VBHN's "XÁC THỰC"
 *     block its number and date.
 *
 * Everything a record holds comes from the caller's arena; scratch memory
 * is freed before returning. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "textdoc.h"

/* ---------------------------------------------------------------- lines */

enum {
	L_BLANK = 1 << 0,    /* nothing but spaces */
	L_SPACERUN = 1 << 1, /* a long run of spaces and nothing else (VBHN footnote rule) */
	L_GONE = 1 << 2,     /* dropped: chrome, footnote, header */
	L_PAGE = 1 << 3,     /* chrome was dropped just before this line */
};

typedef struct line {
	char *s; /* NUL-terminated, from the arena */
	size_t len;
	long src; /* 1-based line of the input */
	unsigned flags;
} line;

typedef struct note {
	const char *number;
	tc_buf text;
} note;

typedef struct parse {
	tc_arena *arena;
	tc_textdoc *out;
	line *v;
	size_t n;
	note *notes;
	size_t note_count, note_cap;
	int next_note; /* the number the next VBHN footnote should have */
	int oom;
	int markdown;
	const UNormalizer2 *nfd;
	/* fold scratch */
	tc_buf fold;
	size_t *map;
	size_t map_cap;
} parse;

static void add_problem(parse *p, tc_problem_kind kind, int skipped, long line_no, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));

static void add_problem(parse *p, tc_problem_kind kind, int skipped, long line_no, const char *fmt, ...)
{
	tc_textdoc *out = p->out;
	if (out->problem_count >= TC_TEXTDOC_MAX_PROBLEMS)
		return;
	char message[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	tc_textdoc_problem *pr = &out->problems[out->problem_count++];
	pr->kind = kind;
	pr->skipped = skipped;
	pr->line = line_no;
	pr->message = tc_arena_strdup(p->arena, message);
	if (!pr->message)
		p->oom = 1;
}

static char *dup(parse *p, const char *s, size_t n)
{
	char *d = tc_arena_strndup(p->arena, s, n);
	if (!d)
		p->oom = 1;
	return d;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

static int has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* PREFIX begins [S, END): for a line inside a larger text, where has_prefix
 * would read on past the line's end. */
static int begins(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(end - s) >= n && memcmp(s, prefix, n) == 0;
}

static const char *skip_spaces(const char *s)
{
	while (is_space(*s))
		s++;
	return s;
}

/* Trim spaces at both ends of [*S, *S + *N). */
static void trim(const char **s, size_t *n)
{
	while (*n && is_space(**s))
		(*s)++, (*n)--;
	while (*n && is_space((*s)[*n - 1]))
		(*n)--;
}

/* ---------------------------------------------------------------- folding */

/* Fold [S, S+N) into p->fold: lowercase ASCII letters with every diacritic
 * stripped (đ → d), other characters lowercased; p->map[i] is the byte of S
 * that folded byte i comes from (map[len] = N). Used to match header words
 * whatever the marks, OCR damage or case. */
static int fold_map(parse *p, const char *s, size_t n)
{
	tc_buf_reset(&p->fold);
	if (tc_buf_reserve(&p->fold, n + 1) < 0)
		return p->oom = 1, -1;
	if (p->map_cap < n + 1) {
		size_t *m = tc_realloc(p->map, (n + 1) * sizeof *m);
		if (!m)
			return p->oom = 1, -1;
		p->map = m;
		p->map_cap = n + 1;
	}
	size_t i = 0;
	while (i < n) {
		size_t start = i;
		UChar32 c;
		U8_NEXT(s, i, n, c);
		if (c < 0)
			continue;
		UChar32 base = c;
		if (c < 0x80) {
			base = tolower(c);
		} else if (c == 0x110 || c == 0x111 || c == 0xD0 || c == 0xF0) {
			base = 'd';
		} else if (c >= 0x300 && c <= 0x36F) {
			continue;
		} else {
			UChar dec[8];
			UErrorCode ec = U_ZERO_ERROR;
			int32_t k = unorm2_getDecomposition(p->nfd, c, dec, 8, &ec);
			if (U_SUCCESS(ec) && k > 0 && !U16_IS_SURROGATE(dec[0]))
				base = dec[0];
			base = u_tolower(base);
		}
		char enc[4];
		int32_t elen = 0;
		U8_APPEND_UNSAFE(enc, elen, base);
		if (p->fold.len + (size_t)elen >= p->map_cap) {
			size_t cap = p->map_cap * 2 + 8;
			size_t *m = tc_realloc(p->map, cap * sizeof *m);
			if (!m)
				return p->oom = 1, -1;
			p->map = m;
			p->map_cap = cap;
		}
		for (int32_t k = 0; k < elen; k++)
			p->map[p->fold.len + (size_t)k] = start;
		if (tc_buf_append(&p->fold, enc, (size_t)elen) < 0)
			return p->oom = 1, -1;
	}
	p->map[p->fold.len] = n;
	return 0;
}

/* Letters of [S, S+N): *UPPER and *LOWER counts. */
static void letter_case(const char *s, size_t n, size_t *upper, size_t *lower)
{
	*upper = *lower = 0;
	size_t i = 0;
	while (i < n) {
		UChar32 c;
		U8_NEXT(s, i, n, c);
		if (c < 0)
			continue;
		if (u_isupper(c))
			(*upper)++;
		else if (u_islower(c))
			(*lower)++;
	}
}

static int is_caps(const char *s, size_t n)
{
	size_t up, low;
	letter_case(s, n, &up, &low);
	return up >= 2 && low * 8 <= up;
}

static UChar32 first_letter(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		UChar32 c;
		U8_NEXT(s, i, n, c);
		if (c >= 0 && u_isalpha(c))
			return c;
		if (c >= 0 && u_isdigit(c))
			return 0;
	}
	return 0;
}

static UChar32 first_char(const char *s, size_t n)
{
	size_t i = 0;
	UChar32 c = 0;
	if (n)
		U8_NEXT(s, i, n, c);
	return c;
}

/* Append [S, S+N) to OUT with letters lowercased (MODE 0) or uppercased (1). */
static int append_case(tc_buf *out, const char *s, size_t n, int upper)
{
	size_t i = 0;
	while (i < n) {
		UChar32 c;
		U8_NEXT(s, i, n, c);
		if (c < 0)
			continue;
		c = upper ? u_toupper(c) : u_tolower(c);
		char enc[4];
		int32_t elen = 0;
		U8_APPEND_UNSAFE(enc, elen, c);
		if (tc_buf_append(out, enc, (size_t)elen) < 0)
			return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- step 1 */

/* A Word 97 binary dumped as text: the "bjbj" marker of the FIB, control
 * characters, or (when those were turned into spaces) a page of spaces
 * with a few isolated bytes. */
static int looks_binary(const char *t, size_t n)
{
	size_t scan = n < 16384 ? n : 16384, ctl = 0, spaces = 0, nul = 0;
	for (size_t i = 0; i < scan; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == 0)
			nul++;
		else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
			ctl++;
		else if (c == ' ')
			spaces++;
	}
	if (scan >= 64 && memmem(t, scan < 8192 ? scan : 8192, "bjbj", 4) && (spaces * 2 > scan || ctl))
		return 1;
	if (scan >= 64 && (ctl + nul) * 20 > scan)
		return 1;
	return 0;
}

/* NFC, with the character cleanups of step 1. Returns an arena string. */
static char *normalize_text(parse *p, const char *t, size_t n, size_t *out_len)
{
	UErrorCode ec = U_ZERO_ERROR;
	int32_t ulen = 0;
	if (n > INT32_MAX / 2)
		n = INT32_MAX / 2;
	u_strFromUTF8WithSub(NULL, 0, &ulen, t, (int32_t)n, 0xFFFD, NULL, &ec);
	if (ec != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(ec))
		ulen = 0;
	UChar *u = tc_malloc(((size_t)ulen + 1) * sizeof *u);
	UChar *nf = NULL;
	char *result = NULL;
	if (!u)
		goto oom;
	ec = U_ZERO_ERROR;
	u_strFromUTF8WithSub(u, ulen + 1, &ulen, t, (int32_t)n, 0xFFFD, NULL, &ec);
	if (U_FAILURE(ec))
		ulen = 0;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&ec);
	int32_t cap = ulen + 16, nlen = 0;
	nf = tc_malloc(((size_t)cap + 1) * sizeof *nf);
	if (!nf)
		goto oom;
	ec = U_ZERO_ERROR;
	nlen = unorm2_normalize(nfc, u, ulen, nf, cap, &ec);
	if (ec == U_BUFFER_OVERFLOW_ERROR) {
		tc_free(nf);
		cap = nlen + 1;
		nf = tc_malloc(((size_t)cap + 1) * sizeof *nf);
		if (!nf)
			goto oom;
		ec = U_ZERO_ERROR;
		nlen = unorm2_normalize(nfc, u, ulen, nf, cap, &ec);
	}
	if (U_FAILURE(ec)) { /* keep the unnormalized text */
		memcpy(nf, u, (size_t)ulen * sizeof *u);
		nlen = ulen;
	}
	int32_t w = 0;
	for (int32_t r = 0; r < nlen; r++) {
		UChar c = nf[r];
		switch (c) {
		case 0x00A0:
		case 0x2000:
		case 0x2001:
		case 0x2002:
		case 0x2003:
		case 0x2004:
		case 0x2005:
		case 0x2006:
		case 0x2007:
		case 0x2008:
		case 0x2009:
		case 0x200A:
		case 0x202F:
		case 0x205F:
		case 0x3000:
		case '\t':
		case 0:
		case 0x0B: c = ' '; break;
		case 0x200B:
		case 0x200C:
		case 0x200D:
		case 0xFEFF:
		case 0x00AD: continue;
		case 0x00D0: c = 0x0110; break; /* Ð (eth) typed for Đ */
		case 0x00F0: c = 0x0111; break;
		case '\r':
			if (r + 1 < nlen && nf[r + 1] == '\n')
				continue;
			c = '\n';
			break;
		case '\f':
		case 0x2028:
		case 0x2029:
		case 0x85: c = '\n'; break;
		default:
			if (c < 0x20 && c != '\n')
				c = ' ';
		}
		nf[w++] = c;
	}
	int32_t blen = 0;
	ec = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &blen, nf, w, &ec);
	result = tc_arena_alloc(p->arena, (size_t)blen + 1);
	if (!result)
		goto oom;
	ec = U_ZERO_ERROR;
	u_strToUTF8(result, blen + 1, &blen, nf, w, &ec);
	result[blen] = 0;
	*out_len = (size_t)blen;
	tc_free(u);
	tc_free(nf);
	return result;
oom:
	tc_free(u);
	tc_free(nf);
	p->oom = 1;
	return NULL;
}

/* ---------------------------------------------------------------- step 2 */

static int split_lines(parse *p, char *t, size_t n)
{
	size_t count = 1;
	for (size_t i = 0; i < n; i++)
		count += t[i] == '\n';
	p->v = tc_calloc(count, sizeof *p->v);
	if (!p->v)
		return p->oom = 1, -1;
	size_t start = 0;
	long no = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && t[i] != '\n')
			continue;
		t[i] = 0; /* t has its NUL at t[n] */
		line *l = &p->v[p->n++];
		const char *s = t + start;
		size_t len = i - start, spaces = 0;
		for (size_t k = 0; k < len; k++)
			spaces += s[k] == ' ';
		trim(&s, &len);
		l->s = (char *)s;
		l->s[len] = 0;
		l->len = len;
		l->src = ++no;
		if (!len) {
			l->flags |= L_BLANK;
			if (spaces >= 20)
				l->flags |= L_SPACERUN;
		}
		start = i + 1;
	}
	return 0;
}

static size_t count_str(const char *s, const char *needle)
{
	size_t c = 0, nl = strlen(needle);
	for (const char *q = strstr(s, needle); q; q = strstr(q + nl, needle))
		c++;
	return c;
}

static size_t count_single_stars(const char *s)
{
	size_t c = 0;
	for (size_t i = 0; s[i]; i++) {
		if (s[i] == '*' && s[i + 1] == '*') {
			i++;
			continue;
		}
		if (s[i] == '*')
			c++;
	}
	return c;
}

/* Markdown pages wrap inside emphasis: "**ỦY" / "BAN NHÂN DÂN**",
 * "*Lai" / "Châu, ngày 28 tháng 11 năm 2025*", "**Điều 3. Nội dung hỗ
 * trợ; nguồn kinh phí chi hỗ" / "trợ**". Join such lines (with a space)
 * until the markers pair up; never across a blank line, at most 8 lines. */
static void join_emphasis(parse *p)
{
	for (size_t i = 0; i < p->n; i++) {
		line *l = &p->v[i];
		if (l->flags & (L_BLANK | L_GONE))
			continue;
		if (l->s[0] == '|' || l->s[0] == '+')
			continue; /* a table row: its cells pair their own markers, row by row */
		int bold_odd = count_str(l->s, "**") % 2;
		int it_odd = !bold_odd && l->s[0] == '*' && count_single_stars(l->s) % 2;
		if (!bold_odd && !it_odd)
			continue;
		size_t j = i + 1, joined = 0;
		tc_buf b = {0};
		if (tc_buf_append(&b, l->s, l->len) < 0) {
			p->oom = 1;
			return;
		}
		while (j < p->n && joined < 8 && !(p->v[j].flags & L_BLANK)) {
			tc_buf_append_char(&b, ' ');
			tc_buf_append(&b, p->v[j].s, p->v[j].len);
			p->v[j].flags |= L_GONE | L_BLANK;
			joined++;
			j++;
			if (bold_odd ? count_str(b.data, "**") % 2 == 0 : count_single_stars(b.data) % 2 == 0)
				break;
		}
		if (joined) {
			l->s = dup(p, b.data ? b.data : "", b.len);
			l->len = l->s ? b.len : 0;
			if (!l->s)
				l->s = "";
		}
		tc_buf_free(&b);
		i = j - 1;
	}
}

/* A line of table rules or separators: "-----", "___", "|---|---|", "=====". */
static int is_rule(const char *s, size_t n)
{
	if (!n)
		return 1;
	size_t marks = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '-' || c == '_' || c == '=' || c == '|' || c == ':' || c == '*' || c == '~' ||
		    c == '+')
			marks++;
		else if (c == ' ')
			continue;
		else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		         ((unsigned char)s[i + 2] == 0x94 || (unsigned char)s[i + 2] == 0x93)) {
			i += 2; /* — – */
			marks++;
		} else
			return 0;
	}
	return marks >= 1 && (marks >= 3 || n <= 2);
}

/* Remove markdown and pandoc markup from one line; table rows become cells
 * joined by " | ". */
static void strip_markup(parse *p, line *l)
{
	const char *s = l->s;
	size_t n = l->len;
	tc_buf b = {0};
	if (tc_buf_reserve(&b, n + 1) < 0) {
		p->oom = 1;
		return;
	}
	/* blockquotes: "> BỘ CÔNG THƯƠNG — CỘNG HÒA ..." */
	while (n && s[0] == '>' && (n == 1 || s[1] == ' ' || s[1] == '>')) {
		s++, n--;
		while (n && *s == ' ')
			s++, n--;
	}
	/* headings: "# NGHỊ ĐỊNH", "## VĂN BẢN" */
	if (s[0] == '#') {
		size_t k = 0;
		while (k < n && s[k] == '#')
			k++;
		if (k < n && s[k] == ' ')
			s += k + 1, n -= k + 1;
		else if (k == n)
			n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\\') {
			char d = i + 1 < n ? s[i + 1] : ' ';
			if (d == ' ')
				continue; /* pandoc hard line break before a column gap */
			if (ispunct((unsigned char)d)) {
				tc_buf_append_char(&b, d);
				i++;
			}
			continue;
		}
		if (c == '*') {
			if (i + 1 < n && s[i + 1] == '*') {
				i++;
				continue;
			}
			char prev = i ? s[i - 1] : ' ', next = i + 1 < n ? s[i + 1] : ' ';
			/* keep "(*)" and a lone "*" bullet */
			if (!(prev == '(' && next == ')') && !(i == 0 && next == ' '))
				continue;
		}
		tc_buf_append_char(&b, c);
	}
	/* table rows: antiword "|a |b |", markdown "| a | b |" */
	if (b.len && (b.data[0] == '|' || b.data[b.len - 1] == '|' || strstr(b.data, " | "))) {
		tc_buf cells = {0};
		const char *q = b.data, *end = b.data + b.len;
		while (q < end) {
			const char *bar = memchr(q, '|', (size_t)(end - q));
			const char *ce = bar ? bar : end;
			const char *cs = q;
			size_t cl = (size_t)(ce - cs);
			trim(&cs, &cl);
			if (cl && !is_rule(cs, cl)) {
				if (cells.len)
					tc_buf_append_str(&cells, " | ");
				tc_buf_append(&cells, cs, cl);
			}
			q = bar ? bar + 1 : end;
		}
		tc_buf_free(&b);
		b = cells;
	}
	const char *r = b.data ? b.data : "";
	size_t rl = b.len;
	trim(&r, &rl);
	if (is_rule(r, rl)) {
		l->s = "";
		l->len = 0;
		l->flags |= L_BLANK;
	} else {
		l->s = dup(p, r, rl);
		l->len = l->s ? rl : 0;
		if (!l->s)
			l->s = "";
	}
	tc_buf_free(&b);
}

/* ---------------------------------------------------------------- step 3 */

static int digits_only(const char *s, size_t n)
{
	if (!n || n > 4)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static const char *const gazette_prefixes[] = {"cong bao/", "cong bao /", "cong bao so", NULL};

/* The folded line starts with one of the prefixes. */
static int fold_starts(parse *p, const line *l, const char *const *prefixes)
{
	if (fold_map(p, l->s, l->len < 80 ? l->len : 80) < 0)
		return 0;
	const char *f = p->fold.data;
	/* "38     CÔNG BÁO/Số 347 + 348/Ngày 25-02-2025": the page number on the same line */
	const char *g = f;
	while (isdigit((unsigned char)*g))
		g++;
	if (g > f && g - f <= 4 && *g == ' ')
		g = skip_spaces(g);
	else
		g = f;
	for (size_t i = 0; prefixes[i]; i++)
		if (has_prefix(f, prefixes[i]) ||
		    (g != f && has_prefix(g, prefixes[i]) && prefixes == gazette_prefixes))
			return 1;
	return 0;
}

static const char *const stamp_first[] = {"nguoi ky:", "ky boi:", "ky boi :", "nguoi ky :", NULL};
static const char *const stamp_next[] = {"email:", "co quan:", "thoi gian ky:", "ngay ky:", "ky boi:", NULL};

static int is_page_marker(const line *l)
{
	const char *s = l->s;
	if (has_prefix(s, "--- PAGE") || has_prefix(s, "---PAGE") || has_prefix(s, "<!-- PageBreak") ||
	    strcmp(s, "[pic]") == 0)
		return 1;
	return 0;
}

static void drop(line *l)
{
	l->flags |= L_GONE;
}

/* The next line after I that is not blank or dropped, or N. */
static size_t next_live(const parse *p, size_t i)
{
	for (i++; i < p->n; i++)
		if (!(p->v[i].flags & (L_BLANK | L_GONE)))
			return i;
	return p->n;
}

static size_t prev_live(const parse *p, size_t i)
{
	while (i-- > 0)
		if (!(p->v[i].flags & (L_BLANK | L_GONE)))
			return i;
	return (size_t)-1;
}

static note *note_new(parse *p, const char *number, size_t len)
{
	if (p->note_count == p->note_cap) {
		size_t cap = p->note_cap ? p->note_cap * 2 : 16;
		note *v = tc_realloc(p->notes, cap * sizeof *v);
		if (!v)
			return p->oom = 1, NULL;
		p->notes = v;
		p->note_cap = cap;
	}
	note *nt = &p->notes[p->note_count++];
	memset(nt, 0, sizeof *nt);
	nt->number = dup(p, number, len);
	return nt;
}

/* Remove the footnote marker N glued to a word ("phụ cấp lương2") from the
 * last live lines before line END (searching back at most 120 lines). */
static int strip_glued_marker(parse *p, size_t end, const char *number, int dry_run)
{
	size_t nl = strlen(number);
	for (size_t k = end, steps = 0; k-- > 0 && steps < 120; steps++) {
		line *l = &p->v[k];
		if (l->flags & (L_BLANK | L_GONE))
			continue;
		for (size_t i = l->len; i-- > 0;) {
			if (i + nl > l->len || memcmp(l->s + i, number, nl) != 0)
				continue;
			char after = l->s[i + nl];
			if (after &&
			    !(after == ' ' || after == '.' || after == ',' || after == ';' || after == ':'))
				continue;
			if (i == 0 || isdigit((unsigned char)l->s[i - 1]) || l->s[i - 1] == ' ')
				continue;
			unsigned char before = (unsigned char)l->s[i - 1];
			if (before == '.' || before == ',' || before == ';' || before == ':') {
				if (i < 2 || isdigit((unsigned char)l->s[i - 2]) || l->s[i - 2] == ' ')
					continue;
			} else if (ispunct(before) && before != ')') {
				continue;
			}
			if (!dry_run) {
				memmove(l->s + i, l->s + i + nl, l->len - i - nl + 1);
				l->len -= nl;
			}
			return 1;
		}
	}
	return 0;
}

/* VBHN footnotes: a rule (of spaces; a blank line in 2026 issues), then
 * "2 Điều này được sửa đổi ..." and its continuation lines. A note is taken
 * after a rule of spaces, or when its number is the next one expected and
 * it is glued to a word above or reads like a note. MARK is where the
 * marker search starts (backwards). Returns -1 when memory runs out. */
static int collect_notes(parse *p, size_t mark, size_t j, int rule)
{
	if (!isdigit((unsigned char)p->v[j].s[0]))
		return 0;
	note *cur = NULL;
	for (; j < p->n; j++) {
		line *f = &p->v[j];
		if (f->flags & (L_BLANK | L_GONE))
			break;
		if (fold_starts(p, f, gazette_prefixes) || fold_starts(p, f, stamp_first))
			break;
		size_t d = 0;
		while (d < f->len && isdigit((unsigned char)f->s[d]))
			d++;
		UChar32 next = d + 1 < f->len ? first_char(f->s + d + 1, f->len - d - 1) : 0;
		char num[8];
		snprintf(num, sizeof num, "%.*s", (int)(d < 7 ? d : 7), f->s);
		int is_note = d && d <= 3 && f->s[d] == ' ' && (u_isupper(next) || next == 0x201C) &&
		              (rule ||
		               (atoi(num) == p->next_note && (strip_glued_marker(p, mark, num, 1) ||
		                                              strstr(f->s, " được ") || strchr(f->s, '/'))));
		if (is_note) {
			cur = note_new(p, f->s, d);
			if (!cur)
				return -1;
			tc_buf_append_str(&cur->text, skip_spaces(f->s + d));
			strip_glued_marker(p, mark, cur->number, 0);
			p->next_note = atoi(num) + 1;
		} else if (cur) {
			tc_buf_append_char(&cur->text, ' ');
			tc_buf_append(&cur->text, f->s, f->len);
		} else {
			break;
		}
		drop(f);
	}
	return 0;
}

static void drop_chrome(parse *p)
{
	for (size_t i = 0; i < p->n; i++) {
		line *l = &p->v[i];
		if (l->flags & (L_GONE | L_BLANK)) {
			if (!(l->flags & L_GONE)) {
				size_t j = i + 1;
				while (j < p->n && (p->v[j].flags & L_BLANK) && !(p->v[j].flags & L_GONE) &&
				       j < i + 2)
					j++;
				if (j < p->n && collect_notes(p, i, j, (l->flags & L_SPACERUN) != 0) < 0)
					return;
			}
			continue;
		}
		/* a note right after the previous note's last line (no rule between) */
		if (p->note_count && isdigit((unsigned char)l->s[0])) {
			if (collect_notes(p, i, i, 0) < 0)
				return;
			if (l->flags & L_GONE)
				continue;
		}
		if (fold_starts(p, l, gazette_prefixes)) {
			drop(l);
			/* the page number next to it, either side */
			size_t a = prev_live(p, i), b = next_live(p, i);
			if (a != (size_t)-1 && i - a <= 3 && digits_only(p->v[a].s, p->v[a].len))
				drop(&p->v[a]);
			if (b < p->n && b - i <= 3 && digits_only(p->v[b].s, p->v[b].len))
				drop(&p->v[b]);
			continue;
		}
		if (fold_starts(p, l, stamp_first)) {
			drop(l);
			for (size_t j = i + 1; j < p->n && j <= i + 6; j++) {
				if (p->v[j].flags & L_BLANK)
					continue;
				if (!fold_starts(p, &p->v[j], stamp_next))
					break;
				drop(&p->v[j]);
			}
			continue;
		}
		if (is_page_marker(l)) {
			drop(l);
			size_t a = prev_live(p, i);
			if (a != (size_t)-1 && i - a <= 2 && digits_only(p->v[a].s, p->v[a].len))
				drop(&p->v[a]);
			continue;
		}
		if (strcmp(l->s, "VĂN BẢN QUY PHẠM PHÁP LUẬT") == 0 ||
		    strcmp(l->s, "VĂN BẢN PHÁP LUẬT KHÁC") == 0) {
			drop(l);
			continue;
		}
	}
	/* a page number alone on the first or last line */
	size_t f = next_live(p, (size_t)-1);
	if (f < p->n && digits_only(p->v[f].s, p->v[f].len))
		drop(&p->v[f]);
	size_t z = prev_live(p, p->n);
	if (z != (size_t)-1 && digits_only(p->v[z].s, p->v[z].len))
		drop(&p->v[z]);
	/* mark page joins: a line whose predecessor (ignoring blanks) was dropped */
	int gone = 0;
	for (size_t i = 0; i < p->n; i++) {
		line *l = &p->v[i];
		if (l->flags & L_GONE) {
			gone = 1;
			continue;
		}
		if (l->flags & L_BLANK)
			continue;
		if (gone)
			l->flags |= L_PAGE;
		gone = 0;
	}
}

/* antiword: footnote markers "[1]" in the text, the notes after a line of
 * dashes at the end ("[1] Luật Hải quan số 54/2014/QH13 ..."). */
static void antiword_notes(parse *p)
{
	size_t sep = p->n;
	for (size_t i = p->n; i-- > 0;) {
		if (p->v[i].s[0] == '[' && isdigit((unsigned char)p->v[i].s[1])) {
			size_t k = prev_live(p, i);
			/* the separator is a rule, turned blank by strip_markup */
			while (k != (size_t)-1 && p->v[k].s[0] == '[')
				k = prev_live(p, k);
			(void)k;
			sep = i;
		}
	}
	if (sep == p->n)
		return;
	/* the notes block starts at the first "[n]" line after the last body text */
	size_t first = p->n;
	for (size_t i = p->n; i-- > 0;) {
		line *l = &p->v[i];
		if (l->flags & (L_BLANK | L_GONE))
			continue;
		if (l->s[0] == '[' && isdigit((unsigned char)l->s[1]) && strchr(l->s, ']'))
			first = i;
		else if (first != p->n && i + 1 < first && (p->v[i + 1].flags & L_BLANK) && i + 3 < first)
			break;
	}
	if (first == p->n)
		return;
	/* require the notes to be preceded by blank lines (the rule) and to be numbered from 1 */
	if (strncmp(p->v[first].s, "[1]", 3) != 0)
		return;
	note *cur = NULL;
	for (size_t i = first; i < p->n; i++) {
		line *l = &p->v[i];
		if (l->flags & (L_BLANK | L_GONE))
			continue;
		const char *close = l->s[0] == '[' ? strchr(l->s, ']') : NULL;
		if (close && close - l->s <= 5 && isdigit((unsigned char)l->s[1])) {
			cur = note_new(p, l->s + 1, (size_t)(close - l->s - 1));
			if (!cur)
				return;
			tc_buf_append_str(&cur->text, skip_spaces(close + 1));
		} else if (cur) {
			tc_buf_append_char(&cur->text, '\n');
			tc_buf_append(&cur->text, l->s, l->len);
		}
		drop(l);
	}
	/* remove "[n]" markers from the text above */
	for (size_t i = 0; i < first; i++) {
		line *l = &p->v[i];
		char *q = l->s;
		while ((q = strchr(q, '[')) != NULL) {
			size_t d = 1;
			while (isdigit((unsigned char)q[d]))
				d++;
			if (d > 1 && d <= 4 && q[d] == ']') {
				memmove(q, q + d + 1, strlen(q + d + 1) + 1);
				l->len -= d + 1;
			} else {
				q++;
			}
		}
	}
}

/* thuvienphapluat.vn pages: a copyright banner, "Đang tải văn bản...", the
 * attribute table, then the document, then the site's footer. diepxuan
 * pages: "# title", "## THÔNG TIN VĂN BẢN" table, "## VĂN BẢN", document
 * (or "# TYPE" / "# TITLE" / summary / "---"). */
static void drop_site_chrome(parse *p)
{
	size_t limit = p->n < 400 ? p->n : 400;
	for (size_t i = 0; i < limit; i++) {
		line *l = &p->v[i];
		if (strcmp(l->s, "Đang tải văn bản...") == 0) {
			size_t end = i;
			/* the attribute table: labels ending in ":" and values, up to "Tình trạng:" + value */
			for (size_t j = i + 1; j < p->n && j < i + 90; j++) {
				if (has_prefix(p->v[j].s, "Tình trạng:")) {
					end = next_live(p, j);
					if (end < p->n && strlen(p->v[end].s) < 40)
						; /* the value */
					else
						end = j;
					break;
				}
			}
			for (size_t j = 0; j <= end && j < p->n; j++)
				drop(&p->v[j]);
			break;
		}
		if (strcmp(l->s, "VĂN BẢN") == 0 && i < 60) {
			for (size_t j = 0; j <= i; j++)
				drop(&p->v[j]);
			break;
		}
	}
	/* diepxuan without the table: "# NGHỊ ĐỊNH" / "# TITLE" / "*summary*" / "---" */
	size_t f = next_live(p, (size_t)-1);
	if (f < p->n && p->markdown) {
		for (size_t j = f; j < p->n && j < f + 12; j++) {
			if (p->v[j].flags & L_GONE)
				continue;
			if (strstr(p->v[j].s, "Nội dung được số hóa") || strstr(p->v[j].s, "Cấu trúc:")) {
				for (size_t k = 0; k <= j; k++)
					drop(&p->v[k]);
				break;
			}
		}
	}
	/* the TVPL footer */
	static const char *const footer[] = {"Văn bản này chưa cập nhật nội dung Tiếng Anh",
	                                     "Văn bản liên quan",
	                                     "Cảm ơn đã dùng ThuVienPhapLuat.vn",
	                                     "Bản dịch này thuộc quyền sở hữu của",
	                                     "Lưu trữ",
	                                     "Ghi chú",
	                                     "Ý kiến",
	                                     "Facebook",
	                                     "Email",
	                                     "In",
	                                     NULL};
	for (size_t i = 0; i < p->n; i++) {
		line *l = &p->v[i];
		if (l->flags & (L_GONE | L_BLANK))
			continue;
		int hit = 0;
		for (size_t k = 0; k < 4 && footer[k]; k++)
			if (has_prefix(l->s, footer[k]))
				hit = 1;
		if (!hit)
			continue;
		/* the banner at the top is dropped with the table; a hit below the document ends it */
		size_t a = prev_live(p, i);
		/* the one-line summary "Quyết định 89/2025/QĐ-UBND phân cấp ..." just before */
		if (a != (size_t)-1 && strchr(p->v[a].s, '/') && !strstr(p->v[a].s, "./.") &&
		    p->v[a].len > 20 && first_letter(p->v[a].s, p->v[a].len) &&
		    u_isupper(first_letter(p->v[a].s, p->v[a].len)) && !is_caps(p->v[a].s, p->v[a].len) &&
		    !has_prefix(p->v[a].s, "-"))
			drop(&p->v[a]);
		for (size_t j = i; j < p->n; j++)
			drop(&p->v[j]);
		break;
	}
}

/* ---------------------------------------------------------------- step 4: header */

typedef struct type_word {
	const char *folded; /* folded type line */
	tc_doc_type type;
	const char *name;
} type_word;

static const type_word type_words[] = {
        {"hien phap", TC_TYPE_HIEN_PHAP, "Hiến pháp"},
        {"bo luat", TC_TYPE_BO_LUAT, "Bộ luật"},
        {"luat", TC_TYPE_LUAT, "Luật"},
        {"phap lenh", TC_TYPE_PHAP_LENH, "Pháp lệnh"},
        {"lenh", TC_TYPE_LENH, "Lệnh"},
        {"nghi quyet lien tich", TC_TYPE_NGHI_QUYET_LT, "Nghị quyết liên tịch"},
        {"nghi quyet", TC_TYPE_NGHI_QUYET, "Nghị quyết"},
        {"nghi dinh", TC_TYPE_NGHI_DINH, "Nghị định"},
        {"quyet dinh", TC_TYPE_QUYET_DINH, "Quyết định"},
        {"chi thi", TC_TYPE_CHI_THI, "Chỉ thị"},
        {"thong tu lien tich", TC_TYPE_THONG_TU_LT, "Thông tư liên tịch"},
        {"thong tu", TC_TYPE_THONG_TU, "Thông tư"},
        {"van ban hop nhat", TC_TYPE_VBHN, "Văn bản hợp nhất"},
        {"ke hoach", TC_TYPE_KE_HOACH, "Kế hoạch"},
        {"cong dien", TC_TYPE_CONG_DIEN, "Công điện"},
        {"cong dien hoa toc", TC_TYPE_CONG_DIEN, "Công điện"},
        {"thong bao", TC_TYPE_THONG_BAO, "Thông báo"},
        {"huong dan", TC_TYPE_HUONG_DAN, "Hướng dẫn"},
        {"sac lenh", TC_TYPE_SAC_LENH, "Sắc lệnh"},
        {"bao cao", TC_TYPE_OTHER, "Báo cáo"},
        {"to trinh", TC_TYPE_OTHER, "Tờ trình"},
        {"cong van", TC_TYPE_CONG_VAN, "Công văn"},
        {"ket luan", TC_TYPE_OTHER, "Kết luận"},
        {"quy dinh", TC_TYPE_OTHER, "Quy định"},
        {NULL, TC_TYPE_UNKNOWN, NULL},
};

/* Levenshtein distance of two short ASCII strings, capped. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 99;
	size_t d[41][41];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

/* A type line: the whole line (in capitals) is a type name, allowing one
 * OCR error in names of 8 letters or more ("NGHỆ ĐỊNH"). */
static const type_word *type_line(parse *p, const line *l)
{
	const char *s = l->s;
	size_t n = l->len;
	const char *bar = NULL;
	for (const char *q = strstr(s, " | "); q; q = strstr(q + 1, " | "))
		bar = q;
	if (bar) {
		s = bar + 3;
		n = strlen(s);
	}
	if (n > 60 || !is_caps(s, n))
		return NULL;
	if (fold_map(p, s, n) < 0)
		return NULL;
	char key[64];
	size_t k = 0;
	for (size_t i = 0; i < p->fold.len && k < sizeof key - 1; i++) {
		char c = p->fold.data[i];
		if (c == ':' || c == '.' || c == '*')
			continue;
		if (c == ' ' && (k == 0 || key[k - 1] == ' '))
			continue;
		key[k++] = c;
	}
	while (k && key[k - 1] == ' ')
		k--;
	key[k] = 0;
	for (const type_word *t = type_words; t->folded; t++)
		if (strcmp(key, t->folded) == 0)
			return t;
	for (const type_word *t = type_words; t->folded; t++)
		if (strlen(t->folded) >= 8 && edit_distance(key, t->folded) <= 1)
			return t;
	return NULL;
}

typedef struct header {
	tc_buf issuer;
	const char *number;
	const char *place;
	tc_date date;
	const type_word *type;
	size_t type_line; /* index, or p->n */
	size_t body_start;
	tc_buf title;
	int vbhn_caption; /* "VĂN BẢN HỢP NHẤT - <issuer>" in the header */
	int motto;        /* the national motto was seen */
} header;

static int valid_date(long d, long m, long y)
{
	return d >= 1 && d <= 31 && m >= 1 && m <= 12 && y >= 1900 && y <= 2100;
}

/* Find "ngày D tháng M năm Y" (any marks or OCR damage in the words) in the
 * folded text of the last fold_map; returns the date, and *AT the folded
 * offset of "ngay" (or of the digits when "ngày" is missing). */
static tc_date find_date_folded(const char *f, size_t *at)
{
	for (const char *q = strstr(f, "ngay"); q; q = strstr(q + 1, "ngay")) {
		const char *r = q + 4;
		while (*r == ' ')
			r++;
		char *e;
		long d = strtol(r, &e, 10);
		if (e == r)
			continue;
		r = skip_spaces(e);
		if (*r == '/' || *r == '-' || *r == '.') { /* ngày 14/5/2015 */
			long m = strtol(r + 1, &e, 10);
			if (*e == r[0]) {
				long y = strtol(e + 1, &e, 10);
				if (valid_date(d, m, y)) {
					*at = (size_t)(q - f);
					return (tc_date)(y * 10000 + m * 100 + d);
				}
			}
			continue;
		}
		if (strncmp(r, "thang", 5) != 0 && strncmp(r, "thag", 4) != 0)
			continue;
		r = skip_spaces(r + (r[3] == 'n' ? 5 : 4));
		long m = strtol(r, &e, 10);
		if (e == r)
			continue;
		r = skip_spaces(e);
		if (strncmp(r, "nam", 3) != 0)
			continue;
		r = skip_spaces(r + 3);
		long y = 0;
		for (int k = 0; k < 4 && isdigit((unsigned char)r[k]); k++)
			y = y * 10 + (r[k] - '0');
		if (valid_date(d, m, y)) {
			*at = (size_t)(q - f);
			return (tc_date)(y * 10000 + m * 100 + d);
		}
	}
	return 0;
}

/* Read a document number starting at S: digits, letters, "/", "-", ".",
 * spaces only around "/" and "-" ("882 /CTBNI-TTHT"). Returns the cleaned
 * number (arena) or NULL when it does not look like one. */
static const char *read_number(parse *p, const char *s, size_t n, size_t *used)
{
	tc_buf b = {0};
	size_t i = 0;
	while (i < n) {
		size_t at = i;
		UChar32 c;
		U8_NEXT(s, i, n, c);
		if (c < 0)
			break;
		if (c == ' ') {
			/* a space continues the number only next to a separator */
			size_t j = i;
			while (j < n && s[j] == ' ')
				j++;
			char next = j < n ? s[j] : 0;
			char prev = b.len ? b.data[b.len - 1] : 0;
			if (next == '/' || next == '-' || prev == '/' || prev == '-') {
				i = j;
				continue;
			}
			i = at;
			break;
		}
		if (c == 0x2013 || c == 0x2014 || c == 0x2010 || c == 0x2011)
			c = '-';
		if (!(u_isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_')) {
			i = at;
			break;
		}
		if (c == '_')
			c = '-';
		char enc[4];
		int32_t elen = 0;
		U8_APPEND_UNSAFE(enc, elen, c);
		tc_buf_append(&b, enc, (size_t)elen);
	}
	*used = i;
	/* trailing "." / "," end a sentence, not the number */
	while (b.len && (b.data[b.len - 1] == '.' || b.data[b.len - 1] == ','))
		b.data[--b.len] = 0;
	const char *result = NULL;
	if (b.len >= 3 && b.len < 80 && strchr(b.data, '/')) {
		size_t digits = 0, dots = 0;
		for (size_t k = 0; k < b.len; k++) {
			digits += isdigit((unsigned char)b.data[k]) != 0;
			dots += b.data[k] == '.';
		}
		if (digits && dots * 2 < b.len && isalnum((unsigned char)b.data[0]))
			result = dup(p, b.data, b.len);
	}
	tc_buf_free(&b);
	return result;
}

/* Split a header line into cells: "|" and runs of 3+ spaces separate columns. */
typedef struct cell {
	const char *s;
	size_t n;
} cell;

static size_t split_cells(const char *s, size_t n, cell *cells, size_t max)
{
	size_t count = 0, i = 0;
	while (i < n && count < max) {
		size_t start = i;
		while (i < n) {
			if (s[i] == '|')
				break;
			if (s[i] == ' ' && i + 2 < n && s[i + 1] == ' ' && s[i + 2] == ' ')
				break;
			i++;
		}
		const char *cs = s + start;
		size_t cl = i - start;
		trim(&cs, &cl);
		if (cl)
			cells[count++] = (cell){cs, cl};
		while (i < n && (s[i] == '|' || s[i] == ' '))
			i++;
	}
	return count;
}

static const char *const number_prefixes[] = {
        "so:",           "so :",         "so ",     "luat so",  "bo luat so",
        "nghi quyet so", "phap lenh so", "lenh so", "so hieu:", NULL,
};

/* Parse one header cell; returns 1 when it was a number, date, motto or
 * chrome (not an issuer candidate). */
static int header_cell(parse *p, header *h, const char *s, size_t n, int *issuer_phase)
{
	if (fold_map(p, s, n) < 0)
		return 1;
	const char *f = p->fold.data;
	/* the national motto, possibly with the issuer in front when OCR merged the columns */
	const char *motto = strstr(f, "cong hoa xa hoi");
	if (!motto)
		motto = strstr(f, "cong hoa xa");
	if (!motto)
		motto = strstr(f, "xa hoi chu nghia");
	if (!motto)
		motto = strstr(f, "chu nghia viet nam");
	if (!motto)
		motto = strstr(
		        f,
		        "dang cong san viet nam"); /* the Party's documents: its name in the right column */
	if (motto) {
		h->motto = 1;
		size_t off = p->map[motto - f];
		const char *is = s;
		size_t il = off;
		trim(&is, &il);
		for (;;) {
			trim(&is, &il);
			if (il && (is[il - 1] == '-' || is[il - 1] == ',' || is[il - 1] == '>'))
				il--;
			else if (il >= 3 &&
			         (memcmp(is + il - 3, "—", 3) == 0 || memcmp(is + il - 3, "–", 3) == 0))
				il -= 3;
			else
				break;
		}
		while (il && (*is == '>' || *is == ' '))
			is++, il--;
		if (il >= 2 && *issuer_phase && is_caps(is, il)) {
			if (h->issuer.len)
				tc_buf_append_char(&h->issuer, ' ');
			tc_buf_append(&h->issuer, is, il);
		}
		return 1;
	}
	if (strstr(f, "dien tu chinh phu") || strstr(f, "thong tin dien tu"))
		return 1; /* the OCR'd e-signature stamp "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ" */
	/* "Số: 111/2022/NĐ-CP", "Luật số: 60/2024/QH15", "Nghị quyết số: 24/2022/UBTVQH15" */
	for (size_t k = 0; number_prefixes[k]; k++) {
		size_t pl = strlen(number_prefixes[k]);
		if (strncmp(f, number_prefixes[k], pl) != 0)
			continue;
		size_t q = pl;
		while (f[q] == ' ' || f[q] == ':')
			q++;
		if (!isdigit((unsigned char)f[q]))
			continue;
		size_t off = p->map[q], used = 0;
		const char *num = read_number(p, s + off, n - off, &used);
		if (!num)
			return 1; /* a blank template number "Số: ..../....." */
		if (!h->number)
			h->number = num;
		*issuer_phase = 0;
		/* the rest may hold place and date ("Số: 08/2015/NĐ-CP Ha Nội, ngày 21 tháng 01 năm 2015") */
		if (off + used < n) {
			const char *r = s + off + used;
			size_t rl = n - off - used;
			trim(&r, &rl);
			if (rl)
				header_cell(p, h, r, rl, issuer_phase);
		}
		return 1;
	}
	if (strstr(f, "doc lap") || strstr(f, "tu do - hanh phuc") || strstr(f, "hanh phuc"))
		return 1;
	size_t at = 0;
	tc_date d = find_date_folded(f, &at);
	if (d) {
		if (!h->date) {
			h->date = d;
			size_t off = p->map[at];
			const char *pl = s;
			size_t pn = off;
			trim(&pl, &pn);
			/* the place has no digits: "Quyết định 3608/QĐ-BYT ngày 21/11/2025" is a sentence, not
			 * a header; but OCR may put a damaged number before the place ("017/NĐ-CP Hà Nội") */
			const char *sp1 = memchr(pl, ' ', pn);
			const char *rest = sp1 ? sp1 : pl + pn;
			int digits_after_first = 0, digits_first = 0;
			for (const char *q = pl; q < pl + pn; q++) {
				if (isdigit((unsigned char)*q)) {
					if (q < rest)
						digits_first = 1;
					else
						digits_after_first = 1;
				}
			}
			if (digits_after_first ||
			    (digits_first && !(memchr(pl, '/', (size_t)(rest - pl)) && rest < pl + pn))) {
				h->date = 0;
				return 0;
			}
			while (pn && (pl[pn - 1] == ',' || pl[pn - 1] == '*'))
				pn--;
			while (pn && (*pl == '*' || *pl == ','))
				pl++, pn--;
			trim(&pl, &pn);
			/* an OCR'd number may sit before the place: "017/NĐ-CP Hà Nội" */
			const char *sp = memchr(pl, '/', pn);
			if (sp && pn) {
				const char *space = memchr(pl, ' ', pn);
				if (space && space > sp) {
					if (!h->number)
						h->number =
						        NULL; /* damaged: "017/NĐ-CP" without "Số:" is not trusted */
					pn -= (size_t)(space + 1 - pl);
					pl = space + 1;
				}
			}
			if (pn && pn < 60)
				h->place = dup(p, pl, pn);
		}
		*issuer_phase = 0;
		return 1;
	}
	if (strncmp(f, "van ban quy pham", 16) == 0 || strncmp(f, "van ban phap luat khac", 22) == 0)
		return 1;
	if (strncmp(f, "van ban hop nhat", 16) == 0 && n > 20) {
		/* "VĂN BẢN HỢP NHẤT - BỘ LAO ĐỘNG ..." : the gazette's caption of a VBHN */
		h->vbhn_caption = 1;
		const char *dash = memchr(s, '-', n);
		if (dash && *issuer_phase) {
			const char *is = dash + 1;
			size_t il = n - (size_t)(is - s);
			trim(&is, &il);
			if (il) {
				if (h->issuer.len)
					tc_buf_append_char(&h->issuer, ' ');
				tc_buf_append(&h->issuer, is, il);
			}
		}
		return 1;
	}
	if (strncmp(f, "van ban hop nhat", 16) == 0) {
		h->vbhn_caption = 1;
		return 1;
	}
	return 0;
}

/* Collapse "X X" (the gazette's section heading repeating the issuer) and
 * whitespace in the issuer text. */
static void tidy_issuer(tc_buf *b)
{
	/* collapse spaces */
	size_t w = 0;
	for (size_t r = 0; r < b->len; r++) {
		if (b->data[r] == ' ' && (w == 0 || b->data[w - 1] == ' '))
			continue;
		b->data[w++] = b->data[r];
	}
	while (w && (b->data[w - 1] == ' ' || b->data[w - 1] == '-'))
		w--;
	b->len = w;
	if (b->data)
		b->data[w] = 0;
	/* exact repetition: "CHÍNH PHỦ CHÍNH PHỦ", "BỘ X BỘ X"; a dash may have moved */
	for (size_t half = w / 2; half > 2 && b->len; half--) {
		if (b->data[half] != ' ')
			continue;
		size_t a_len = half, b_off = half + 1;
		size_t b_len = w - b_off;
		/* compare ignoring spaces and dashes */
		size_t i = 0, j = 0;
		int same = 1;
		while (same) {
			while (i < a_len && (b->data[i] == ' ' || b->data[i] == '-'))
				i++;
			while (j < b_len && (b->data[b_off + j] == ' ' || b->data[b_off + j] == '-'))
				j++;
			if (i == a_len || j == b_len)
				break;
			if (b->data[i] != b->data[b_off + j])
				same = 0;
			i++, j++;
		}
		if (same && i == a_len && j == b_len) {
			memmove(b->data, b->data + b_off, b_len + 1);
			b->len = b_len;
			return;
		}
	}
}

typedef struct known_issuer {
	const char *folded;
	const char *name;
} known_issuer;

static const known_issuer known_issuers[] = {
        {"chinh phu", "Chính phủ"},
        {"thu tuong chinh phu", "Thủ tướng Chính phủ"},
        {"thu tuong", "Thủ tướng Chính phủ"},
        {"quoc hoi", "Quốc hội"},
        {"uy ban thuong vu quoc hoi", "Ủy ban Thường vụ Quốc hội"},
        {"van phong quoc hoi", "Văn phòng Quốc hội"},
        {"chu tich nuoc", "Chủ tịch nước"},
        {"van phong chinh phu", "Văn phòng Chính phủ"},
        {"ngan hang nha nuoc viet nam", "Ngân hàng Nhà nước Việt Nam"},
        {"toa an nhan dan toi cao", "Tòa án nhân dân tối cao"},
        {"hoi dong tham phan toa an nhan dan toi cao", "Hội đồng Thẩm phán Tòa án nhân dân tối cao"},
        {"vien kiem sat nhan dan toi cao", "Viện kiểm sát nhân dân tối cao"},
        {"kiem toan nha nuoc", "Kiểm toán nhà nước"},
        {"bo cong thuong", "Bộ Công Thương"},
        {"bo tai chinh", "Bộ Tài chính"},
        {"bo tu phap", "Bộ Tư pháp"},
        {"bo cong an", "Bộ Công an"},
        {"bo quoc phong", "Bộ Quốc phòng"},
        {"bo noi vu", "Bộ Nội vụ"},
        {"bo y te", "Bộ Y tế"},
        {"bo xay dung", "Bộ Xây dựng"},
        {"bo ngoai giao", "Bộ Ngoại giao"},
        {"bo lao dong - thuong binh va xa hoi", "Bộ Lao động - Thương binh và Xã hội"},
        {"bo ke hoach va dau tu", "Bộ Kế hoạch và Đầu tư"},
        {"bo giao duc va dao tao", "Bộ Giáo dục và Đào tạo"},
        {"bo khoa hoc va cong nghe", "Bộ Khoa học và Công nghệ"},
        {"bo nong nghiep va moi truong", "Bộ Nông nghiệp và Môi trường"},
        {"bo nong nghiep va phat trien nong thon", "Bộ Nông nghiệp và Phát triển nông thôn"},
        {"bo tai nguyen va moi truong", "Bộ Tài nguyên và Môi trường"},
        {"bo giao thong van tai", "Bộ Giao thông vận tải"},
        {"bo thong tin va truyen thong", "Bộ Thông tin và Truyền thông"},
        {"bo van hoa, the thao va du lich", "Bộ Văn hóa, Thể thao và Du lịch"},
        {"bo dan toc va ton giao", "Bộ Dân tộc và Tôn giáo"},
        {"ban chap hanh trung uong", "Ban Chấp hành Trung ương"},
        {"bo chinh tri", "Bộ Chính trị"},
        {"tong cuc thue", "Tổng cục Thuế"},
        {"cuc thue", "Cục Thuế"},
        {NULL, NULL},
};

/* "LAI CHÂU" → "Lai Châu": every word capitalized. */
static int append_title_words(tc_buf *out, const char *s, size_t n)
{
	int start = 1;
	size_t i = 0;
	while (i < n) {
		UChar32 c;
		U8_NEXT(s, i, n, c);
		if (c < 0)
			continue;
		c = start ? u_toupper(c) : u_tolower(c);
		start = c == ' ' || c == '-' || c == '(';
		char enc[4];
		int32_t elen = 0;
		U8_APPEND_UNSAFE(enc, elen, c);
		if (tc_buf_append(out, enc, (size_t)elen) < 0)
			return -1;
	}
	return 0;
}

/* The issuer as it is usually written: "CHÍNH PHỦ" → "Chính phủ",
 * "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" → "Bộ Lao động - Thương binh và
 * Xã hội", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU" → "UBND tỉnh Lai Châu" (with
 * province "Lai Châu"). */
static void issuer_display(parse *p, const char *raw, size_t n, const char **issuer, const char **province)
{
	*issuer = NULL;
	*province = NULL;
	if (!n)
		return;
	if (fold_map(p, raw, n) < 0)
		return;
	char *f = dup(p, p->fold.data, p->fold.len);
	if (!f)
		return;
	for (const known_issuer *k = known_issuers; k->folded; k++)
		if (strcmp(f, k->folded) == 0) {
			*issuer = k->name;
			return;
		}
	tc_buf out = {0};
	/* provincial councils and committees */
	static const struct {
		const char *folded, *abbrev;
	} local[] = {
	        {"uy ban nhan dan ", "UBND "},
	        {"ubnd ", "UBND "},
	        {"hoi dong nhan dan ", "HĐND "},
	        {"hdnd ", "HĐND "},
	        {NULL, NULL},
	};
	const char *unit = strstr(f, "tinh ");
	const char *city = strstr(f, "thanh pho ");
	const char *tp = strstr(f, "tp. ");
	const char *where = NULL;
	size_t skip = 0;
	const char *unit_word = NULL;
	if (unit && (!city || unit < city))
		where = unit, skip = 5, unit_word = "tỉnh ";
	else if (city)
		where = city, skip = 10, unit_word = "thành phố ";
	else if (tp)
		where = tp, skip = 4, unit_word = "thành phố ";
	if (where) {
		size_t w_off = (size_t)(where - f);
		size_t src = p->map[w_off + skip];
		const char *prov = raw + src;
		size_t pn = n - src;
		trim(&prov, &pn);
		tc_buf pb = {0};
		append_title_words(&pb, prov, pn);
		if (pb.len && pb.len < 60) {
			*province = dup(p, pb.data, pb.len);
			const char *abbrev = NULL;
			for (size_t k = 0; local[k].folded; k++)
				if (has_prefix(f, local[k].folded))
					abbrev = local[k].abbrev;
			if (abbrev) {
				tc_buf_append_str(&out, abbrev);
			} else {
				size_t head = p->map[w_off];
				const char *hs = raw;
				size_t hn = head;
				trim(&hs, &hn);
				tc_buf_append(&out, "", 0);
				/* "CỤC THUẾ TỈNH BẮC NINH" → "Cục Thuế tỉnh Bắc Ninh" */
				append_title_words(&out, hs, hn);
				tc_buf_append_char(&out, ' ');
			}
			tc_buf_append_str(&out, unit_word);
			tc_buf_append(&out, pb.data, pb.len);
		}
		tc_buf_free(&pb);
	}
	if (!out.len) {
		/* sentence case per conjunct: capitals after "Bộ ", " - ", ", ", " và " */
		tc_buf low = {0};
		append_case(&low, raw, n, 0);
		int cap = 1;
		for (size_t i = 0; i < low.len;) {
			size_t at = i;
			UChar32 c;
			U8_NEXT(low.data, i, low.len, c);
			if (c < 0)
				continue;
			if (cap && u_isalpha(c)) {
				c = u_toupper(c);
				cap = 0;
			}
			char enc[4];
			int32_t elen = 0;
			U8_APPEND_UNSAFE(enc, elen, c);
			tc_buf_append(&out, enc, (size_t)elen);
			(void)at;
			static const char *const before_cap[] = {"Bộ ", " - ", ", ", " và ", NULL};
			for (size_t k = 0; before_cap[k]; k++) {
				size_t bl = strlen(before_cap[k]);
				if (out.len >= bl &&
				    memcmp(out.data + out.len - bl, before_cap[k], bl) == 0 &&
				    (k || out.len == bl))
					cap = 1;
			}
		}
		tc_buf_free(&low);
	}
	*issuer = out.len ? dup(p, out.data, out.len) : NULL;
	tc_buf_free(&out);
}

/* Lines that end the title (and start the preamble or body). */
static int starts_body(parse *p, const line *l)
{
	static const char *const prefixes[] = {
	        "can cu",   "theo de nghi", "xet de nghi", "xet ",     "thuc hien ",  "dieu 1", "chuong ",
	        "phan thu", "quyet nghi",   "quyet dinh:", "kinh gui", "loi noi dau", NULL,
	};
	if (fold_map(p, l->s, l->len < 60 ? l->len : 60) < 0)
		return 1;
	for (size_t k = 0; prefixes[k]; k++)
		if (has_prefix(p->fold.data, prefixes[k]))
			return 1;
	return 0;
}

static int is_motto(parse *p, const line *l)
{
	if (fold_map(p, l->s, l->len) < 0)
		return 0;
	return strstr(p->fold.data, "cong hoa xa hoi") || strstr(p->fold.data, "xa hoi chu nghia") ||
	       strstr(p->fold.data, "chu nghia viet nam");
}

/* Where the header begins: the national motto, or the issuer and number
 * lines just before it (capitals, "Số: ..."). Anything before that is
 * chrome (a TVPL page's summary article, a gazette's section captions). */
static size_t header_start(parse *p, size_t first)
{
	size_t m = first, seen = 0;
	for (; m < p->n && seen < 200; m = next_live(p, m), seen++) {
		const line *l = &p->v[m];
		if (type_line(p, l) || has_prefix(l->s, "Điều 1.") || has_prefix(l->s, "Điều 1 "))
			return first;
		if (l->len < 160 && is_caps(l->s, l->len) && is_motto(p, l))
			break;
	}
	if (m >= p->n || seen >= 200)
		return first;
	size_t start = m;
	for (size_t k = prev_live(p, m), steps = 0; k != (size_t)-1 && k >= first && steps < 8;
	     k = prev_live(p, k), steps++) {
		const line *l = &p->v[k];
		if (fold_map(p, l->s, l->len) < 0)
			break;
		const char *f = p->fold.data;
		if (is_caps(l->s, l->len) || has_prefix(f, "so:") || has_prefix(f, "so ") ||
		    strcmp(f, "so") == 0 || strstr(f, " so:") ||
		    (isdigit((unsigned char)f[0]) && strchr(f, '/') && l->len < 60))
			start = k;
		else
			break;
	}
	return start;
}

static const char *const issuer_codes[] = {
        "VKSNDTC", "TANDTC",  "BCA",   "BQP",           "BLĐTBXH", "BTC",        "BTP",   "BNV",
        "BYT",     "BXD",     "BCT",   "BGDĐT",         "BKHĐT",   "BNNPTNT",    "BTNMT", "BGTVT",
        "BTTTT",   "BVHTTDL", "BKHCN", "BNG",           "NHNN",    "UBTƯMTTQVN", "BNNMT", "BDTTG",
        "KTNN",    "UBDT",    "TTCP",  "BTTUBTWMTTQVN", NULL,
};

/* pdftotext joins a word broken after a hyphen at the end of a line and drops
 * the hyphen ("…/TTLT-VKSNDTC-" + "TANDTC-…" → "VKSNDTCTANDTC"): split a part
 * of a joint number that is two issuer codes glued together. */
static const char *repair_joint_number(parse *p, const char *number)
{
	if (!number || !strstr(number, "TTLT-"))
		return number;
	tc_buf b = {0};
	const char *q = number;
	while (*q) {
		size_t part = strcspn(q, "-/");
		int split = 0;
		for (size_t a = 0; issuer_codes[a] && !split; a++) {
			size_t al = strlen(issuer_codes[a]);
			if (al >= part || strncmp(q, issuer_codes[a], al) != 0)
				continue;
			for (size_t c = 0; issuer_codes[c]; c++)
				if (strlen(issuer_codes[c]) == part - al &&
				    strncmp(q + al, issuer_codes[c], part - al) == 0) {
					tc_buf_append(&b, q, al);
					tc_buf_append_char(&b, '-');
					tc_buf_append(&b, q + al, part - al);
					split = 1;
					break;
				}
		}
		if (!split)
			tc_buf_append(&b, q, part);
		q += part;
		if (*q)
			tc_buf_append_char(&b, *q++);
	}
	const char *r = b.data ? dup(p, b.data, b.len) : number;
	tc_buf_free(&b);
	return r ? r : number;
}

/* A cell that names a place and date at its start ("Hà Nội, ngày 30
 * tháng 12 năm 2022"): after the type line only these are header cells,
 * so that a date inside the title is left alone. */
static int place_date_cell(parse *p, const char *s, size_t n)
{
	if (n > 90 || fold_map(p, s, n) < 0)
		return 0;
	size_t at;
	if (!find_date_folded(p->fold.data, &at) || at >= 40)
		return 0;
	/* the place: capitalized words and a comma ("Hà Nội,", "TP. Hồ Chí Minh,"), or nothing */
	const char *pl = s;
	size_t pn = p->map[at];
	while (pn && (*pl == '*' || *pl == ' '))
		pl++, pn--;
	trim(&pl, &pn);
	if (!pn)
		return 1;
	if (pl[pn - 1] != ',')
		return 0;
	for (size_t i = 0; i < pn;) {
		UChar32 c;
		U8_NEXT(pl, i, pn, c);
		if (c >= 0 && u_isalpha(c) && !u_isupper(c))
			return 0;
		while (i < pn && pl[i] != ' ')
			i++;
		while (i < pn && pl[i] == ' ')
			i++;
	}
	return 1;
}

static int number_cell(parse *p, const char *s, size_t n)
{
	if (fold_map(p, s, n < 40 ? n : 40) < 0)
		return 0;
	const char *f = p->fold.data;
	return (has_prefix(f, "so:") || has_prefix(f, "so :") ||
	        (has_prefix(f, "so ") && isdigit((unsigned char)f[3])));
}

static void parse_header(parse *p, header *h)
{
	size_t first = next_live(p, (size_t)-1);
	h->type_line = p->n;
	h->body_start = first;
	if (first >= p->n)
		return;
	size_t start = header_start(p, first);
	for (size_t i = first; i < start; i++)
		drop(&p->v[i]);
	first = start;
	/* "Số:" alone on its line, the number on the next (TVPL) */
	for (size_t i = first, seen = 0; i < p->n && seen < 30; i = next_live(p, i), seen++) {
		line *l = &p->v[i];
		if (strcmp(l->s, "Số:") != 0 && strcmp(l->s, "Số") != 0)
			continue;
		size_t j = next_live(p, i);
		if (j < p->n && isdigit((unsigned char)p->v[j].s[0])) {
			char *joined = tc_arena_printf(p->arena, "Số: %s", p->v[j].s);
			if (joined) {
				l->s = joined;
				l->len = strlen(joined);
				drop(&p->v[j]);
			}
		}
		break;
	}
	/* the window: up to the preamble or body, at most 40 live lines; the type line in it */
	size_t window = first, seen = 0;
	for (; window < p->n && seen < 40; window = next_live(p, window), seen++) {
		const line *l = &p->v[window];
		if (!h->type) {
			const type_word *t = type_line(p, l);
			if (t) {
				h->type = t;
				h->type_line = window;
				continue;
			}
		}
		if (starts_body(p, l))
			break;
		if (!h->type &&
		    (has_prefix(l->s, "V/v") || has_prefix(l->s, "V/V") || has_prefix(l->s, "Về việc")))
			break;
	}
	if (seen >= 40 && !h->type)
		window = first; /* no header here: do not eat the text */
	size_t type_at = h->type ? h->type_line : window;
	int issuer_phase = 1;
	size_t undo[64], undo_n = 0;
	/* header cells: before the type line all of them; after it, only "Số:" and place-date cells */
	for (size_t i = first; i < window; i++) {
		line *l = &p->v[i];
		if (l->flags & (L_BLANK | L_GONE) || i == h->type_line)
			continue;
		cell cells[8];
		size_t nc = split_cells(l->s, l->len, cells, 8);
		int all_used = 1;
		for (size_t c = 0; c < nc; c++) {
			if (i > type_at && !number_cell(p, cells[c].s, cells[c].n) &&
			    !place_date_cell(p, cells[c].s, cells[c].n)) {
				all_used = 0;
				continue;
			}
			int used = header_cell(p, h, cells[c].s, cells[c].n, &issuer_phase);
			if (used)
				continue;
			/* a number wrapped after its hyphen: "…/TTLT-VKSNDTC-TANDTC-" / "BCA-BQP" */
			if (h->number && h->number[strlen(h->number) - 1] == '-' &&
			    is_caps(cells[c].s, cells[c].n) && !memchr(cells[c].s, ' ', cells[c].n)) {
				char *joined = tc_arena_printf(p->arena, "%s%.*s", h->number, (int)cells[c].n,
				                               cells[c].s);
				if (joined)
					h->number = joined;
				continue;
			}
			if (issuer_phase && i < type_at && is_caps(cells[c].s, cells[c].n) &&
			    cells[c].n < 120) {
				if (h->issuer.len)
					tc_buf_append_char(&h->issuer, ' ');
				tc_buf_append(&h->issuer, cells[c].s, cells[c].n);
			} else if (i < type_at && !is_caps(cells[c].s, cells[c].n)) {
				all_used = 0;
			}
		}
		if (all_used || i < type_at) {
			drop(l);
			if (undo_n < sizeof undo / sizeof undo[0])
				undo[undo_n++] = i;
		}
	}
	/* capitals alone (a signature block "TM. CHÍNH PHỦ", a caption) are no header: give them back */
	if (!h->motto && !h->number && !h->date && !h->type) {
		for (size_t k = 0; k < undo_n; k++)
			p->v[undo[k]].flags &= ~(unsigned)L_GONE;
		tc_buf_reset(&h->issuer);
		window = first;
	}
	/* a letter's date may follow its "V/v ..." line */
	if (!h->date && !h->type) {
		int ip = 0;
		for (size_t i = window, k = 0; i < p->n && k < 5; i = next_live(p, i), k++) {
			line *l = &p->v[i];
			if (l->len > 90 || has_prefix(l->s, "Kính gửi"))
				break;
			if (place_date_cell(p, l->s, l->len)) {
				header_cell(p, h, l->s, l->len, &ip);
				drop(l);
				break;
			}
		}
	}
	if (h->number) {
		size_t nl = strlen(h->number);
		while (nl && h->number[nl - 1] == '-')
			nl--;
		h->number = repair_joint_number(p, dup(p, h->number, nl));
	}
	tidy_issuer(&h->issuer);
	/* the title: lines after the type line (or the "V/v" line of a letter) up to the preamble or body */
	size_t i = h->type ? h->type_line + 1 : window;
	if (h->type)
		drop(&p->v[h->type_line]);
	size_t title_lines = 0;
	int title_caps = -1;
	for (; i < p->n; i++) {
		line *l = &p->v[i];
		if (l->flags & L_GONE)
			continue;
		if (l->flags & L_BLANK) {
			if (title_lines)
				break;
			continue;
		}
		if (title_lines >= 8 || starts_body(p, l))
			break;
		if (fold_map(p, l->s, l->len) < 0)
			break;
		const char *f = p->fold.data;
		/* VBHN: "Thông tư số 45/2016/TT-BLĐTBXH ngày ... được sửa đổi, bổ sung bởi:" */
		if (strstr(f, "duoc sua doi, bo sung bo") || strstr(f, "sua doi, bo sung boi"))
			break;
		int caps = is_caps(l->s, l->len);
		if (title_lines && title_caps == 0 && caps)
			break; /* "BỘ TRƯỞNG BỘ TÀI CHÍNH" after a mixed-case title */
		if (!h->type && !(has_prefix(l->s, "V/v") || has_prefix(l->s, "V/V") ||
		                  has_prefix(l->s, "Về việc") || title_lines))
			break;
		/* the issuer repeated under the title ("ỦY BAN THƯỜNG VỤ QUỐC HỘI") */
		if (title_lines && caps && h->issuer.len) {
			char *pf = dup(p, p->fold.data, p->fold.len);
			if (pf && fold_map(p, h->issuer.data, h->issuer.len) == 0 &&
			    strcmp(pf, p->fold.data) == 0) {
				drop(l);
				i++;
				break;
			}
		}
		const char *ts = l->s;
		size_t tn = l->len;
		if (has_prefix(ts, "V/v") || has_prefix(ts, "V/V")) {
			ts += 3, tn -= 3;
			while (tn && (*ts == ':' || *ts == ' '))
				ts++, tn--;
		}
		if (h->title.len)
			tc_buf_append_char(&h->title, ' ');
		tc_buf_append(&h->title, ts, tn);
		if (title_caps < 0)
			title_caps = caps;
		title_lines++;
		drop(l);
	}
	/* the issuer repeated over the preamble ("ỦY BAN THƯỜNG VỤ QUỐC HỘI", "BỘ TRƯỞNG BỘ TÀI CHÍNH" is kept) */
	size_t k = i < p->n && !(p->v[i].flags & (L_BLANK | L_GONE))
	                   ? i
	                   : next_live(p, i == 0 ? (size_t)-1 : i - 1);
	if (k < p->n && h->issuer.len && is_caps(p->v[k].s, p->v[k].len) &&
	    fold_map(p, p->v[k].s, p->v[k].len) == 0) {
		char *pf = dup(p, p->fold.data, p->fold.len);
		if (pf && fold_map(p, h->issuer.data, h->issuer.len) == 0 && strcmp(pf, p->fold.data) == 0)
			drop(&p->v[k]);
	}
	h->body_start = i;
}

/* ---------------------------------------------------------------- step 5: body */

/* Structural starts that a wrapped line must not be joined onto. */
typedef enum unit_kind {
	U_NONE,
	U_PART,
	U_CHAPTER,
	U_SECTION,
	U_SUBSECTION,
	U_ARTICLE,
	U_CLAUSE,
	U_POINT,
	U_ANNEX,
	U_ROMAN
} unit_kind;

static const char *const point_letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                            "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y", NULL};

static int point_index(const char *s, size_t n)
{
	for (int i = 0; point_letters[i]; i++)
		if (strlen(point_letters[i]) == n && memcmp(point_letters[i], s, n) == 0)
			return i;
	return -1;
}

static int roman_value(const char *s, size_t n)
{
	int total = 0, prev = 0;
	if (!n || n > 8)
		return 0;
	for (size_t i = n; i-- > 0;) {
		int v;
		switch (s[i]) {
		case 'I': v = 1; break;
		case 'V': v = 5; break;
		case 'X': v = 10; break;
		case 'L': v = 50; break;
		case 'C': v = 100; break;
		default: return 0;
		}
		total += v < prev ? -v : v;
		if (v > prev)
			prev = v;
	}
	return total > 0 ? total : 0;
}

typedef struct unit {
	unit_kind kind;
	const char *number; /* start of the number in the line */
	size_t number_len;
	const char *rest; /* after the number and its separator */
	int strong;       /* "Điều 5." / "Điều 5:" / "Điều 5" at the end of the line */
} unit;

static int is_number_char(char c)
{
	return isdigit((unsigned char)c);
}

/* Classify the start of a paragraph. */
static unit classify(const char *s, size_t n)
{
	unit u = {U_NONE, NULL, 0, NULL, 0};
	static const struct {
		const char *word;
		unit_kind kind;
	} words[] = {
	        {"Điều ", U_ARTICLE},        {"ĐIỀU ", U_ARTICLE},
	        {"Chương ", U_CHAPTER},      {"CHƯƠNG ", U_CHAPTER},
	        {"Phần ", U_PART},           {"PHẦN ", U_PART},
	        {"Tiểu mục ", U_SUBSECTION}, {"TIỂU MỤC ", U_SUBSECTION},
	        {"Mục ", U_SECTION},         {"MỤC ", U_SECTION},
	        {"PHỤ LỤC", U_ANNEX},        {"Phụ lục", U_ANNEX},
	        {"Phụ Lục", U_ANNEX},        {NULL, U_NONE},
	};
	for (size_t k = 0; words[k].word; k++) {
		size_t wl = strlen(words[k].word);
		if (n < wl || memcmp(s, words[k].word, wl) != 0)
			continue;
		const char *q = s + wl;
		const char *end = s + n;
		while (q < end && *q == ' ')
			q++;
		if (words[k].kind == U_ANNEX) {
			/* "PHỤ LỤC", "PHỤ LỤC I", "PHỤ LỤC SỐ 01", "Phụ lục I: TITLE"; not "Phụ lục I ban hành kèm theo" */
			if (begins(q, end, "SỐ ") || begins(q, end, "số "))
				q += 4;
			while (q < end && *q == ' ')
				q++;
			const char *num = q;
			while (q < end && (isalnum((unsigned char)*q)))
				q++;
			const char *r = q;
			while (r < end && (*r == ' ' || *r == '.' || *r == ':' || *r == '-'))
				r++;
			int sep = r > q && memchr(".:-", *(r - 1), 3) != NULL;
			size_t rl = (size_t)(end - r);
			if (q > num &&
			    !(roman_value(num, (size_t)(q - num)) || isdigit((unsigned char)*num) ||
			      (q - num == 1 && isupper((unsigned char)*num))))
				return u; /* "Phụ lục kèm theo": a word, not a number */
			if (rl && !sep && !is_caps(r, rl))
				return u;
			if (rl && sep && !is_caps(r, rl) && q == num)
				return u;
			u.kind = U_ANNEX;
			u.number = num;
			u.number_len = (size_t)(q - num);
			u.rest = r;
			u.strong = 1;
			return u;
		}
		const char *num = q;
		if (words[k].kind == U_PART && (begins(q, end, "thứ ") || begins(q, end, "THỨ "))) {
			q += strlen("thứ ");
			while (q < end && *q != ' ' && *q != '.' && *q != ':')
				q++;
		} else {
			while (q < end &&
			       (is_number_char(*q) || (words[k].kind != U_ARTICLE && *q && strchr("IVXLC", *q))))
				q++;
			if (q == num)
				return u;
			/* "Điều 5a", "Điều 12a.1" (pháp điển), "Điều 5đ" */
			if (words[k].kind == U_ARTICLE) {
				if (q < end && islower((unsigned char)*q) &&
				    (q + 1 == end || !isalpha((unsigned char)q[1])))
					q++;
				else if (begins(q, end, "đ") &&
				         (q + 2 == end || !isalpha((unsigned char)q[2])))
					q += 2;
			}
		}
		u.number = num;
		u.number_len = (size_t)(q - num);
		const char *r = q;
		if (r == end || *r == '.' || *r == ':' || (*r == ' ' && (r + 1 == end || r[1] == '-')))
			u.strong = 1;
		/* "Chương I" + title on the same line: strong too when followed by a separator or capitals */
		while (r < end && (*r == ' ' || *r == '.' || *r == ':' || *r == '-'))
			r++;
		if (begins(r, end, "– ") || begins(r, end, "— "))
			r += 4;
		u.rest = r;
		u.kind = words[k].kind;
		if (u.kind != U_ARTICLE && !u.strong) {
			size_t rl = (size_t)(end - r);
			u.strong = is_caps(r, rl);
		}
		return u;
	}
	/* "1. ", "12. " (clause); "a) " (point); "I. " (roman section of plans and letters) */
	size_t d = 0;
	while (d < n && isdigit((unsigned char)s[d]))
		d++;
	size_t text = 0;
	if (d && d <= 3 && d + 1 < n && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ')
		text = d + 2;
	/* "1.Hôn nhân là ...": the space left out, as typed in some texts; a
	 * capital letter says it is a clause, not a number ("1.5 triệu"). */
	else if (d && d <= 3 && d + 2 < n && s[d] == '.' &&
	         (isupper((unsigned char)s[d + 1]) || begins(s + d + 1, s + n, "Đ")))
		text = d + 1;
	if (text) {
		u.kind = U_CLAUSE;
		u.number = s;
		u.number_len = d;
		u.rest = s + text;
		u.strong = 1;
		return u;
	}
	size_t lead = begins(s, s + n, "đ") ? 2 : (n && islower((unsigned char)s[0]) ? 1 : 0);
	if (lead && lead + 1 < n && s[lead] == ')' && s[lead + 1] == ' ' && point_index(s, lead) >= 0) {
		u.kind = U_POINT;
		u.number = s;
		u.number_len = lead;
		u.rest = s + lead + 2;
		u.strong = 1;
		return u;
	}
	size_t r = 0;
	while (r < n && s[r] && strchr("IVXL", s[r]))
		r++;
	if (r && r <= 5 && r + 1 < n && s[r] == '.' && s[r + 1] == ' ' && roman_value(s, r)) {
		u.kind = U_ROMAN;
		u.number = s;
		u.number_len = r;
		u.rest = s + r + 2;
		u.strong = 1;
	}
	return u;
}

/* A wrapped line is not joined onto the line before when it starts a unit. */
static int starts_unit(const line *l)
{
	unit u = classify(l->s, l->len);
	if (u.kind == U_NONE)
		return has_prefix(l->s, "- ") || has_prefix(l->s, "+ ") || has_prefix(l->s, "Căn cứ") ||
		       has_prefix(l->s, "Nơi nhận") || has_prefix(l->s, "(Ban hành kèm theo") ||
		       has_prefix(l->s, "(Kèm theo") || has_prefix(l->s, "“") || has_prefix(l->s, "\"");
	if (u.kind == U_ARTICLE)
		return u.strong;
	if (u.kind == U_ANNEX || u.kind == U_PART || u.kind == U_CHAPTER || u.kind == U_SECTION)
		return u.strong;
	return 1;
}

static int ends_sentence(const char *s, size_t n)
{
	if (!n)
		return 1;
	const char *e = s + n;
	char c = e[-1];
	if (c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' || c == ')' || c == '|')
		return 1;
	if (n >= 3 && memcmp(e - 3, "”", 3) == 0)
		return 1;
	return 0;
}

/* Re-join hard-wrapped lines of the body into paragraphs (one per "\n"). */
static int join_body(parse *p, size_t from, tc_buf *out)
{
	/* the wrap width: lines shorter than half of it that do not end a
	 * sentence are table cells or headings, not wrapped lines */
	size_t hist[8] = {0}, total = 0;
	for (size_t i = from; i < p->n; i++) {
		if (p->v[i].flags & (L_GONE | L_BLANK))
			continue;
		size_t len = p->v[i].len;
		hist[len >= 140 ? 7 : len / 20]++;
		total++;
	}
	size_t width = 80, acc = 0;
	for (size_t b = 0; b < 8; b++) {
		acc += hist[b];
		if (acc * 10 >= total * 9) {
			width = (b + 1) * 20;
			break;
		}
	}
	const line *prev = NULL;
	int prev_heading = 0;
	for (size_t i = from; i < p->n; i++) {
		line *l = &p->v[i];
		if (l->flags & L_GONE)
			continue;
		if (l->flags & L_BLANK) {
			if (prev && !(l->flags & L_GONE)) {
				/* a blank line ends a paragraph, except between the halves of a page */
				prev = NULL;
			}
			continue;
		}
		int join = 0;
		if (prev && !starts_unit(l) && !ends_sentence(prev->s, prev->len)) {
			UChar32 c = first_char(l->s, l->len);
			int lower = u_islower(c);
			size_t plen = prev->len;
			if (prev_heading)
				/* a long heading line was wrapped: "Điều 14. Xác nhận ... đi làm việc tại" / "Đài Loan" */
				join = lower || (is_caps(prev->s, prev->len) && is_caps(l->s, l->len)) ||
				       (plen * 10 >= width * 8 && !is_caps(prev->s, prev->len) &&
				        l->len * 2 < width);
			else if (is_caps(prev->s, prev->len) && !is_caps(l->s, l->len))
				join = lower;
			else
				join = lower || plen * 2 >= width || (l->flags & L_PAGE);
		} else if (prev && (l->flags & L_PAGE) && !starts_unit(l) &&
		           !ends_sentence(prev->s, prev->len)) {
			join = 1;
		}
		if (join) {
			/* "…/TTLT-BLĐTBXH-" + "NHNNVN": a hyphen inside a document number joins without a space */
			int glue = out->len && out->data[out->len - 1] == '-' && out->len >= 2 &&
			           out->data[out->len - 2] != ' ' && isupper((unsigned char)l->s[0]);
			if (glue) {
				const char *w = out->data + out->len;
				while (w > out->data && w[-1] != ' ')
					w--;
				glue = memchr(w, '/', (size_t)(out->data + out->len - w)) != NULL;
			}
			if (!glue)
				tc_buf_append_char(out, ' ');
		} else if (out->len) {
			tc_buf_append_char(out, '\n');
		}
		if (tc_buf_append(out, l->s, l->len) < 0)
			return p->oom = 1, -1;
		unit u = classify(l->s, l->len);
		prev_heading = join ? prev_heading
		                    : (u.kind == U_ARTICLE || u.kind == U_CHAPTER || u.kind == U_PART ||
		                       u.kind == U_SECTION || u.kind == U_ANNEX || is_caps(l->s, l->len));
		prev = l;
	}
	return 0;
}

/* ---------------------------------------------------------------- structure */

typedef struct builder {
	tc_arena *arena;
	tc_node *root;
	tc_buf pending; /* text for CUR */
	tc_node *cur;
	int oom;
} builder;

static tc_node *node_new(builder *b, tc_node *parent, tc_node_kind kind)
{
	tc_node *n = tc_arena_calloc(b->arena, sizeof *n);
	if (!n) {
		b->oom = 1;
		return NULL;
	}
	n->kind = kind;
	n->text = "";
	if (parent)
		tc_node_append(parent, n);
	return n;
}

static void flush(builder *b)
{
	if (!b->cur || !b->pending.len)
		return;
	const char *old = b->cur->text;
	char *t;
	if (old && *old)
		t = tc_arena_printf(b->arena, "%s\n%s", old, b->pending.data);
	else
		t = tc_arena_strndup(b->arena, b->pending.data, b->pending.len);
	if (!t)
		b->oom = 1;
	else
		b->cur->text = t;
	tc_buf_reset(&b->pending);
}

static void set_current(builder *b, tc_node *n)
{
	flush(b);
	b->cur = n;
}

static void add_text(builder *b, const char *s, size_t n)
{
	if (b->pending.len)
		tc_buf_append_char(&b->pending, '\n');
	if (tc_buf_append(&b->pending, s, n) < 0)
		b->oom = 1;
}

static const char *number_str(builder *b, const char *s, size_t n, int lower)
{
	tc_buf t = {0};
	if (lower)
		append_case(&t, s, n, 0);
	else
		tc_buf_append(&t, s, n);
	const char *r = tc_arena_strndup(b->arena, t.data ? t.data : "", t.len);
	tc_buf_free(&t);
	if (!r)
		b->oom = 1;
	return r;
}

static const char *heading_str(builder *b, const char *s, size_t n)
{
	trim(&s, &n);
	while (n && (s[n - 1] == '*'))
		n--;
	if (!n)
		return NULL;
	const char *r = tc_arena_strndup(b->arena, s, n);
	if (!r)
		b->oom = 1;
	return r;
}

/* Signature titles that open the signature block. */
static int signature_line(const char *s, size_t n)
{
	static const char *const titles[] = {
	        "TM. ",
	        "T/M ",
	        "KT. ",
	        "K/T ",
	        "Q. ",
	        "TL. ",
	        "TUQ. ",
	        "CHỦ TỊCH",
	        "PHÓ CHỦ TỊCH",
	        "THỦ TƯỚNG",
	        "PHÓ THỦ TƯỚNG",
	        "BỘ TRƯỞNG",
	        "THỨ TRƯỞNG",
	        "CHỦ NHIỆM",
	        "TỔNG KIỂM TOÁN",
	        "THỐNG ĐỐC",
	        "PHÓ THỐNG ĐỐC",
	        "CHÁNH ÁN",
	        "VIỆN TRƯỞNG",
	        "GIÁM ĐỐC",
	        "CỤC TRƯỞNG",
	        "TỔNG CỤC TRƯỞNG",
	        "TỔNG BÍ THƯ",
	        "CHÁNH VĂN PHÒNG",
	        "PHÓ CHÁNH VĂN PHÒNG",
	        "TỔNG THƯ KÝ",
	        "XÁC THỰC VĂN BẢN HỢP NHẤT",
	        "PHÓ CỤC TRƯỞNG",
	        "PHÓ GIÁM ĐỐC",
	        "CHỦ TỊCH NƯỚC",
	        "CHỦ TỊCH QUỐC HỘI",
	        "XÁC NHẬN VĂN BẢN HỢP NHẤT",
	        NULL,
	};
	if (n > 80 || !is_caps(s, n))
		return 0;
	for (size_t k = 0; titles[k]; k++)
		if (has_prefix(s, titles[k]))
			return 1;
	return 0;
}

typedef struct structure_state {
	builder *b;
	unsigned flags;
	int no_articles; /* the text has no Điều at all: Kế hoạch, Công văn */
	tc_node *part, *chapter, *section, *subsection, *article, *clause, *point, *annex, *roman;
	long last_article; /* in the current annex (or the main body) */
	int last_clause, last_point;
	long articles;
	int in_signature;
} structure_state;

static tc_node *deepest_container(structure_state *st)
{
	if (st->subsection)
		return st->subsection;
	if (st->section)
		return st->section;
	if (st->chapter)
		return st->chapter;
	if (st->part)
		return st->part;
	if (st->annex)
		return st->annex;
	return st->b->root;
}

/* "QUY ĐỊNH" / "QUY CHẾ" / "ĐIỀU LỆ" followed by "(Ban hành kèm theo ...)": a
 * regulation issued by a Quyết định, whose Chương/Điều numbering starts
 * again at 1. */
static int regulation_block(const char *const *paras, const size_t *lens, size_t i, size_t count)
{
	static const char *const words[] = {"QUY ĐỊNH",  "QUY CHẾ",      "ĐIỀU LỆ",  "QUY TRÌNH",
	                                    "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "DANH MỤC", NULL};
	int hit = 0;
	for (size_t k = 0; words[k]; k++)
		if (has_prefix(paras[i], words[k]) && is_caps(paras[i], lens[i]))
			hit = 1;
	if (!hit)
		return 0;
	for (size_t j = i + 1; j < count && j <= i + 5; j++)
		if (has_prefix(paras[j], "(Ban hành kèm theo") ||
		    has_prefix(paras[j], "(ban hành kèm theo") || has_prefix(paras[j], "(Kèm theo") ||
		    has_prefix(paras[j], "(kèm theo"))
			return (int)(j - i);
	return 0;
}

static long article_number(const char *s, size_t n)
{
	long v = 0;
	/* a run of digits longer than any article number stops growing it */
	for (size_t i = 0; i < n && isdigit((unsigned char)s[i]) && v < 100000000; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static long structure(tc_arena *arena, tc_node *parent, const char *text, size_t len, unsigned flags)
{
	builder b = {arena, parent, {0}, NULL, 0};
	structure_state st = {0};
	st.b = &b;
	st.flags = flags;
	/* paragraphs */
	size_t count = 1;
	for (size_t i = 0; i < len; i++)
		count += text[i] == '\n';
	const char **paras = tc_malloc(count * sizeof *paras);
	size_t *lens = tc_malloc(count * sizeof *lens);
	if (!paras || !lens) {
		tc_free(paras);
		tc_free(lens);
		return -1;
	}
	size_t np = 0, start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		const char *s = text + start;
		size_t n = i - start;
		trim(&s, &n);
		if (n) {
			paras[np] = s;
			lens[np++] = n;
		}
		start = i + 1;
	}
	/* a text with no strong Điều is a plan or letter: "I.", "1.", "a)" */
	if (!(flags & TC_STRUCTURE_ARTICLE_BODY)) {
		st.no_articles = 1;
		for (size_t i = 0; i < np && st.no_articles; i++) {
			unit u = classify(paras[i], lens[i]);
			if (u.kind == U_ARTICLE && u.strong)
				st.no_articles = 0;
		}
	}
	set_current(&b, parent);
	if (flags & TC_STRUCTURE_ARTICLE_BODY)
		st.article = parent;
	for (size_t i = 0; i < np && !b.oom; i++) {
		const char *s = paras[i];
		size_t n = lens[i];
		unit u = classify(s, n);
		if (flags & TC_STRUCTURE_ARTICLE_BODY) {
			if (u.kind != U_CLAUSE && u.kind != U_POINT)
				u.kind = U_NONE;
		}
		/* the signature block and "Nơi nhận:" list leave the provisions */
		/* (not before the first article: "BỘ TRƯỞNG BỘ TÀI CHÍNH" over the preamble names the enacting authority) */
		if (!(flags & TC_STRUCTURE_ARTICLE_BODY) && (st.articles || st.no_articles) &&
		    (signature_line(s, n) || has_prefix(s, "Nơi nhận"))) {
			st.in_signature = 1;
			set_current(&b, NULL);
			continue;
		}
		if (st.in_signature) {
			if (u.kind == U_NONE && !regulation_block(paras, lens, i, np)) {
				continue;
			}
			st.in_signature = 0;
		}
		int reg = !(flags & TC_STRUCTURE_ARTICLE_BODY) && u.kind == U_NONE
		                  ? regulation_block(paras, lens, i, np)
		                  : 0;
		if (reg && (st.articles || st.no_articles == 0)) {
			tc_node *a = node_new(&b, parent, TC_NODE_ANNEX);
			if (!a)
				break;
			/* heading: "QUY ĐỊNH" + title lines up to "(Ban hành kèm theo ...)" */
			tc_buf h = {0};
			for (int k = 0; k < reg; k++) {
				if (h.len)
					tc_buf_append_char(&h, ' ');
				tc_buf_append(&h, paras[i + (size_t)k], lens[i + (size_t)k]);
			}
			a->heading = heading_str(&b, h.data ? h.data : "", h.len);
			a->number = NULL;
			tc_buf_free(&h);
			st.annex = a;
			st.part = st.chapter = st.section = st.subsection = st.article = st.clause =
			        st.point = st.roman = NULL;
			st.last_article = 0;
			set_current(&b, a);
			i += (size_t)reg - 1; /* the "(Ban hành kèm theo ...)" line goes to the text */
			continue;
		}
		switch (u.kind) {
		case U_ANNEX: {
			tc_node *a = node_new(&b, parent, TC_NODE_ANNEX);
			if (!a)
				break;
			a->number = u.number_len ? number_str(&b, u.number, u.number_len, 0) : NULL;
			size_t rl = (size_t)(s + n - u.rest);
			tc_buf h = {0};
			tc_buf_append(&h, u.rest, rl);
			/* title lines in capitals after a bare "PHỤ LỤC I" */
			while (i + 1 < np && h.len < 400 && is_caps(paras[i + 1], lens[i + 1]) &&
			       classify(paras[i + 1], lens[i + 1]).kind == U_NONE) {
				if (h.len)
					tc_buf_append_char(&h, ' ');
				tc_buf_append(&h, paras[i + 1], lens[i + 1]);
				i++;
			}
			a->heading = heading_str(&b, h.data ? h.data : "", h.len);
			tc_buf_free(&h);
			st.annex = a;
			st.part = st.chapter = st.section = st.subsection = st.article = st.clause =
			        st.point = st.roman = NULL;
			st.last_article = 0;
			set_current(&b, a);
			continue;
		}
		case U_PART:
		case U_CHAPTER:
		case U_SECTION:
		case U_SUBSECTION: {
			if (!u.strong)
				break;
			tc_node_kind kind = u.kind == U_PART      ? TC_NODE_PART
			                    : u.kind == U_CHAPTER ? TC_NODE_CHAPTER
			                    : u.kind == U_SECTION ? TC_NODE_SECTION
			                                          : TC_NODE_SUBSECTION;
			tc_node *container = u.kind == U_PART      ? (st.annex ? st.annex : parent)
			                     : u.kind == U_CHAPTER ? (st.part    ? st.part
			                                              : st.annex ? st.annex
			                                                         : parent)
			                     : u.kind == U_SECTION
			                             ? (st.chapter ? st.chapter
			                                : st.part  ? st.part
			                                : st.annex ? st.annex
			                                           : parent)
			                             : (st.section ? st.section : deepest_container(&st));
			tc_node *node = node_new(&b, container, kind);
			if (!node)
				break;
			node->number = number_str(&b, u.number, u.number_len, u.kind == U_PART);
			size_t rl = (size_t)(s + n - u.rest);
			tc_buf h = {0};
			tc_buf_append(&h, u.rest, rl);
			/* the title on the next line(s): "Chương I" / "QUY ĐỊNH CHUNG" */
			while (i + 1 < np && h.len < 300 &&
			       classify(paras[i + 1], lens[i + 1]).kind == U_NONE &&
			       (is_caps(paras[i + 1], lens[i + 1]) ||
			        (!h.len && lens[i + 1] < 200 && !ends_sentence(paras[i + 1], lens[i + 1])))) {
				if (h.len)
					tc_buf_append_char(&h, ' ');
				tc_buf_append(&h, paras[i + 1], lens[i + 1]);
				i++;
			}
			node->heading = heading_str(&b, h.data ? h.data : "", h.len);
			tc_buf_free(&h);
			if (u.kind == U_PART) {
				st.part = node;
				st.chapter = st.section = st.subsection = NULL;
			} else if (u.kind == U_CHAPTER) {
				st.chapter = node;
				st.section = st.subsection = NULL;
			} else if (u.kind == U_SECTION) {
				st.section = node;
				st.subsection = NULL;
			} else {
				st.subsection = node;
			}
			st.article = st.clause = st.point = NULL;
			set_current(&b, node);
			continue;
		}
		case U_ARTICLE: {
			if (!u.strong)
				break;
			long num = article_number(u.number, u.number_len);
			int suffix = u.number_len > 0 && !isdigit((unsigned char)u.number[u.number_len - 1]);
			/* numbering must move forward: quoted or cited "Điều 5." inside an article is text */
			if (st.last_article &&
			    !(num == st.last_article + 1 || (suffix && num == st.last_article) ||
			      (num > st.last_article && num <= st.last_article + 5) || num == 1))
				break;
			tc_node *node = node_new(&b, deepest_container(&st), TC_NODE_ARTICLE);
			if (!node)
				break;
			node->number = number_str(&b, u.number, u.number_len, 1);
			node->heading = heading_str(&b, u.rest, (size_t)(s + n - u.rest));
			/* the title on its own line: "Điều 1." / "Phạm vi điều chỉnh" (not a constitution's
			 * untitled "Điều 1" followed by its text, which ends a sentence) */
			if (!node->heading && i + 1 < np && lens[i + 1] < 160 &&
			    !ends_sentence(paras[i + 1], lens[i + 1]) &&
			    u_isupper(first_char(paras[i + 1], lens[i + 1])) &&
			    classify(paras[i + 1], lens[i + 1]).kind == U_NONE &&
			    !signature_line(paras[i + 1], lens[i + 1])) {
				node->heading = heading_str(&b, paras[i + 1], lens[i + 1]);
				i++;
			}
			st.article = node;
			st.clause = st.point = NULL;
			st.last_article = num;
			st.last_clause = 0;
			st.last_point = -1;
			st.articles++;
			set_current(&b, node);
			continue;
		}
		case U_ROMAN: {
			if (!st.no_articles || (flags & TC_STRUCTURE_ARTICLE_BODY))
				break;
			tc_node *node = node_new(&b, st.annex ? st.annex : parent, TC_NODE_SECTION);
			if (!node)
				break;
			node->number = number_str(&b, u.number, u.number_len, 0);
			node->heading = heading_str(&b, u.rest, (size_t)(s + n - u.rest));
			st.roman = st.section = node;
			st.clause = st.point = NULL;
			st.last_clause = 0;
			set_current(&b, node);
			continue;
		}
		case U_CLAUSE: {
			int num = (int)article_number(u.number, u.number_len);
			tc_node *owner = st.article       ? st.article
			                 : st.no_articles ? (st.roman   ? st.roman
			                                     : st.annex ? st.annex
			                                                : parent)
			                                  : NULL;
			if (!owner || !(num == st.last_clause + 1 || (num == 1 && st.last_clause == 0)))
				break;
			if (u.number[u.number_len] == ')' && st.last_clause == 0 && num != 1)
				break;
			tc_node *node = node_new(&b, owner, TC_NODE_CLAUSE);
			if (!node)
				break;
			node->number = number_str(&b, u.number, u.number_len, 0);
			st.clause = node;
			st.point = NULL;
			st.last_clause = num;
			st.last_point = -1;
			set_current(&b, node);
			add_text(&b, u.rest, (size_t)(s + n - u.rest));
			continue;
		}
		case U_POINT: {
			int idx = point_index(u.number, u.number_len);
			tc_node *owner = st.clause        ? st.clause
			                 : st.article     ? st.article
			                 : st.no_articles ? (st.roman ? st.roman : parent)
			                                  : NULL;
			if (!owner || !(idx == st.last_point + 1 || idx == 0))
				break;
			tc_node *node = node_new(&b, owner, TC_NODE_POINT);
			if (!node)
				break;
			node->number = number_str(&b, u.number, u.number_len, 0);
			st.point = node;
			st.last_point = idx;
			set_current(&b, node);
			add_text(&b, u.rest, (size_t)(s + n - u.rest));
			continue;
		}
		default: break;
		}
		/* plain text: to the current node; after a list of points, text goes on in the point */
		if (!b.cur)
			set_current(&b, st.annex ? st.annex : parent);
		add_text(&b, s, n);
	}
	flush(&b);
	tc_buf_free(&b.pending);
	tc_free(paras);
	tc_free(lens);
	return b.oom ? -1 : st.articles;
}

long tc__textdoc_structure(tc_arena *arena, tc_node *parent, const char *text, size_t len, unsigned flags)
{
	return structure(arena, parent, text, len, flags);
}

long tc__parse_structure(tc_loader *loader, tc_node *parent, const char *text, size_t len, unsigned flags)
{
	return structure(loader->arena, parent, text, len, flags);
}

/* ---------------------------------------------------------------- ids and paths */

/* The DOC_NUMBER exact form: lowercase, no spaces ("52/2015/nđ-cp"). */
static const char *normalize_number(parse *p, const char *number)
{
	/* the same key as the other loaders' (phapdien.c): the analyzer's
	 * normalized form, or the number lowercased without spaces */
	tc_buf out = {0};
	const char *result = tc__doc_number_key(number, &out) == 0 ? dup(p, out.data, out.len) : NULL;
	tc_buf_free(&out);
	return result;
}

/* "Bắc Ninh" → "bac-ninh" */
static const char *slug(parse *p, const char *s)
{
	if (fold_map(p, s, strlen(s)) < 0)
		return NULL;
	tc_buf b = {0};
	for (size_t i = 0; i < p->fold.len; i++) {
		char c = p->fold.data[i];
		if (isalnum((unsigned char)c))
			tc_buf_append_char(&b, c);
		else if (b.len && b.data[b.len - 1] != '-')
			tc_buf_append_char(&b, '-');
	}
	while (b.len && b.data[b.len - 1] == '-')
		b.len--;
	const char *r = dup(p, b.data ? b.data : "", b.len);
	tc_buf_free(&b);
	return r;
}

/* A number that repeats from year to year: no year, and not a Quốc hội
 * term number ("57/2020/QH14" has a year; "1819/QĐ-TTg", "03/VBHN-BTP" do
 * not). */
static int number_has_year(const char *number)
{
	const char *q = strchr(number, '/');
	if (!q)
		return 0;
	return isdigit((unsigned char)q[1]) && isdigit((unsigned char)q[2]) && isdigit((unsigned char)q[3]) &&
	       isdigit((unsigned char)q[4]) && q[5] == '/';
}

/* ---------------------------------------------------------------- the rest of the record */

static tc_doc_type type_from_number(const char *number)
{
	/* "52/2015/NĐ-CP": the part before the first "-" after the last "/" */
	static const struct {
		const char *abbrev;
		tc_doc_type type;
	} abbrevs[] = {
	        {"NĐ", TC_TYPE_NGHI_DINH},       {"QĐ", TC_TYPE_QUYET_DINH},
	        {"TTLT", TC_TYPE_THONG_TU_LT},   {"TT", TC_TYPE_THONG_TU},
	        {"NQLT", TC_TYPE_NGHI_QUYET_LT}, {"NQ", TC_TYPE_NGHI_QUYET},
	        {"CT", TC_TYPE_CHI_THI},         {"VBHN", TC_TYPE_VBHN},
	        {"KH", TC_TYPE_KE_HOACH},        {"TB", TC_TYPE_THONG_BAO},
	        {"CĐ", TC_TYPE_CONG_DIEN},       {"HD", TC_TYPE_HUONG_DAN},
	        {"PL", TC_TYPE_PHAP_LENH},       {"L", TC_TYPE_LENH},
	        {NULL, TC_TYPE_UNKNOWN},
	};
	const char *slash = strrchr(number, '/');
	if (!slash)
		return TC_TYPE_UNKNOWN;
	const char *part = slash + 1;
	/* Party documents: "60-NQ/TW" */
	const char *dash = strchr(number, '-');
	if (dash && dash < slash)
		part = dash + 1;
	size_t pl = strcspn(part, "-/");
	for (size_t k = 0; abbrevs[k].abbrev; k++)
		if (strlen(abbrevs[k].abbrev) == pl && strncmp(part, abbrevs[k].abbrev, pl) == 0)
			return abbrevs[k].type;
	return TC_TYPE_UNKNOWN;
}

/* The issuer named by a number's last part ("…/NĐ-CP" → Chính phủ), for
 * texts whose header lost the issuer line (OCR, gazette layouts that put
 * it at the end). Joint numbers name several issuers: none is taken. */
static const char *issuer_from_number(const char *number)
{
	static const struct {
		const char *code, *name;
	} codes[] = {
	        {"CP", "Chính phủ"},
	        {"TTg", "Thủ tướng Chính phủ"},
	        {"QH", "Quốc hội"},
	        {"UBTVQH", "Ủy ban Thường vụ Quốc hội"},
	        {"VPQH", "Văn phòng Quốc hội"},
	        {"CTN", "Chủ tịch nước"},
	        {"NHNN", "Ngân hàng Nhà nước Việt Nam"},
	        {"BTC", "Bộ Tài chính"},
	        {"BCT", "Bộ Công Thương"},
	        {"BTP", "Bộ Tư pháp"},
	        {"BCA", "Bộ Công an"},
	        {"BQP", "Bộ Quốc phòng"},
	        {"BNV", "Bộ Nội vụ"},
	        {"BYT", "Bộ Y tế"},
	        {"BXD", "Bộ Xây dựng"},
	        {"BGDĐT", "Bộ Giáo dục và Đào tạo"},
	        {"BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội"},
	        {"BKHĐT", "Bộ Kế hoạch và Đầu tư"},
	        {"BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn"},
	        {"BTNMT", "Bộ Tài nguyên và Môi trường"},
	        {"BGTVT", "Bộ Giao thông vận tải"},
	        {"BTTTT", "Bộ Thông tin và Truyền thông"},
	        {"BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch"},
	        {"BKHCN", "Bộ Khoa học và Công nghệ"},
	        {"BNNMT", "Bộ Nông nghiệp và Môi trường"},
	        {"BNG", "Bộ Ngoại giao"},
	        {"BDTTG", "Bộ Dân tộc và Tôn giáo"},
	        {"TANDTC", "Tòa án nhân dân tối cao"},
	        {"VKSNDTC", "Viện kiểm sát nhân dân tối cao"},
	        {"KTNN", "Kiểm toán nhà nước"},
	        {"VPCP", "Văn phòng Chính phủ"},
	        {NULL, NULL},
	};
	const char *slash = strrchr(number, '/');
	if (!slash)
		return NULL;
	const char *code = slash + 1;
	const char *dash = strchr(code, '-');
	if (dash) {
		if (strchr(dash + 1, '-'))
			return NULL; /* joint */
		code = dash + 1;
	}
	size_t cl = strlen(code);
	while (cl && isdigit((unsigned char)code[cl - 1]))
		cl--; /* "QH15", "UBTVQH15" */
	for (size_t k = 0; codes[k].code; k++)
		if (strlen(codes[k].code) == cl && strncmp(code, codes[k].code, cl) == 0)
			return codes[k].name;
	return NULL;
}

/* The signer: the name after the last signature block (titles in
 * capitals), before any annex. */
static const char *find_signer(parse *p, const char *body, size_t len)
{
	const char *best = NULL;
	size_t best_len = 0;
	const char *q = body, *end = body + len;
	int after_title = 0, scanned = 0;
	while (q < end) {
		const char *e = memchr(q, '\n', (size_t)(end - q));
		if (!e)
			e = end;
		size_t n = (size_t)(e - q);
		const char *s = q;
		trim(&s, &n);
		/* a signature in a table: "- Ủy ban TW Mặt trận Tổ quốc Việt Nam; | Trần Thanh Mẫn" */
		for (const char *bar = s;
		     n && (bar = memmem(bar, (size_t)(s + n - bar), " | ", 3)) != NULL;) {
			n -= (size_t)(bar + 3 - s);
			s = bar + 3;
			bar = s;
		}
		if (n) {
			if (signature_line(s, n)) {
				after_title = 1;
				scanned = 0;
			} else if (after_title) {
				scanned++;
				size_t up, low;
				letter_case(s, n, &up, &low);
				int words = 1;
				for (size_t k = 0; k < n; k++)
					words += s[k] == ' ';
				int digits = 0;
				for (size_t k = 0; k < n; k++)
					digits |= isdigit((unsigned char)s[k]) != 0;
				UChar32 c0 = first_char(s, n);
				if (!digits && words >= 2 && words <= 6 && n < 60 && u_isupper(c0) &&
				    up >= 2 && up <= (size_t)words + 1 && !memchr(s, ':', n) &&
				    !memchr(s, ',', n) && !has_prefix(s, "Nơi nhận") &&
				    !has_prefix(s, "Đã ký") && !has_prefix(s, "(Đã ký)")) {
					best = s;
					best_len = n;
					after_title = 0;
				} else if (!is_caps(s, n) && !has_prefix(s, "(") && !has_prefix(s, "Đã ký") &&
				           !has_prefix(s, "-") && !has_prefix(s, "Nơi nhận") &&
				           scanned > 12) {
					after_title = 0;
				}
			}
		}
		q = e + 1;
	}
	if (!best)
		return NULL;
	while (best_len && (best[best_len - 1] == '.' || best[best_len - 1] == '*'))
		best_len--;
	return dup(p, best, best_len);
}

/* "có hiệu lực thi hành kể từ ngày 22 tháng 02 năm 2023", "có hiệu lực từ
 * ngày 01/01/2021", "có hiệu lực kể từ ngày ký" (→ the issue date). */
static tc_date find_effective(parse *p, const char *body, size_t len, tc_date issue)
{
	if (fold_map(p, body, len) < 0)
		return 0;
	const char *f = p->fold.data;
	for (const char *q = strstr(f, "co hieu luc"); q; q = strstr(q + 1, "co hieu luc")) {
		const char *r = q + 11;
		const char *lim = r + 40;
		const char *tu = strstr(r, "tu ngay");
		if (!tu || tu > lim)
			continue;
		const char *after = skip_spaces(tu + 7);
		if (has_prefix(after, "ky") || has_prefix(after, "thong qua") ||
		    has_prefix(after, "ban hanh"))
			return issue;
		size_t at = 0;
		char window[80];
		size_t wl = strlen(tu);
		if (wl > sizeof window - 1)
			wl = sizeof window - 1;
		memcpy(window, tu + 3, wl > 3 ? wl - 3 : 0);
		window[wl > 3 ? wl - 3 : 0] = 0;
		tc_date d = find_date_folded(window, &at);
		if (d && at == 0)
			return d;
	}
	return 0;
}

/* VBHN: the "XÁC THỰC VĂN BẢN HỢP NHẤT" block near the end gives the
 * number ("Số: 466/VBHN-BLĐTBXH", just before it) and the date. */
static void vbhn_block(parse *p, const char **number, tc_date *date, tc_buf *issuer)
{
	for (size_t i = 0; i < p->n; i++) {
		line *l = &p->v[i];
		if (!strstr(l->s, "XÁC THỰC VĂN BẢN HỢP NHẤT") && !strstr(l->s, "XÁC NHẬN VĂN BẢN HỢP NHẤT"))
			continue;
		/* the issuer: capitals in the left column before "Số:" */
		if (!issuer->len) {
			size_t k = i;
			size_t lines_back = 0;
			const char *cells_txt[6];
			size_t cells_len[6], nb = 0;
			while (k-- > 0 && lines_back < 8 && nb < 6) {
				if (p->v[k].flags & L_BLANK)
					continue;
				lines_back++;
				cell cs[4];
				size_t nc = split_cells(p->v[k].s, p->v[k].len, cs, 4);
				if (!nc)
					continue;
				if (has_prefix(cs[0].s, "Số") || cs[0].n <= 2)
					continue;
				if (!is_caps(cs[0].s, cs[0].n) || strstr(cs[0].s, "XÁC"))
					break;
				cells_txt[nb] = cs[0].s;
				cells_len[nb++] = cs[0].n;
			}
			/* same line (antiword table): "|VĂN PHÒNG QUỐC HỘI |XÁC THỰC ...|" */
			cell cs[4];
			size_t nc = split_cells(l->s, l->len, cs, 4);
			if (!nb && nc >= 2 && is_caps(cs[0].s, cs[0].n) && !strstr(cs[0].s, "XÁC")) {
				cells_txt[nb] = cs[0].s;
				cells_len[nb++] = cs[0].n;
			}
			for (size_t c = nb; c-- > 0;) {
				if (issuer->len)
					tc_buf_append_char(issuer, ' ');
				tc_buf_append(issuer, cells_txt[c], cells_len[c]);
			}
		}
		size_t from = i > 10 ? i - 10 : 0, to = i + 10 < p->n ? i + 10 : p->n;
		for (size_t j = from; j < to; j++) {
			cell cells[6];
			size_t nc = split_cells(p->v[j].s, p->v[j].len, cells, 6);
			for (size_t c = 0; c < nc; c++) {
				if (fold_map(p, cells[c].s, cells[c].n) < 0)
					return;
				const char *f = p->fold.data;
				if (has_prefix(f, "so") && !*number) {
					size_t q = 2;
					while (f[q] == ' ' || f[q] == ':')
						q++;
					size_t used;
					const char *num = isdigit((unsigned char)f[q])
					                          ? read_number(p, cells[c].s + p->map[q],
					                                        cells[c].n - p->map[q], &used)
					                          : NULL;
					if (num && strstr(num, "VBHN"))
						*number = num;
					continue;
				}
				size_t at;
				tc_date d = find_date_folded(f, &at);
				if (d && !*date && j >= i)
					*date = d;
			}
		}
		if (*number || *date)
			return;
	}
}

/* Spaced-out letters from a bad .doc conversion: "C n c L u t T c h c". */
static int spaced_letters(const char *t, size_t n)
{
	size_t singles = 0, words = 0, i = 0;
	size_t lim = n < 20000 ? n : 20000;
	while (i < lim) {
		while (i < lim && (t[i] == ' ' || t[i] == '\n'))
			i++;
		size_t s = i;
		while (i < lim && t[i] != ' ' && t[i] != '\n')
			i++;
		if (i > s) {
			words++;
			singles += i - s == 1;
		}
	}
	return words > 50 && singles * 10 > words * 6;
}

/* diepxuan's "nguoi_ky" is often a title ("Thủ tướng"), not a name. */
static int looks_like_name(parse *p, const char *s)
{
	static const char *const titles[] = {
	        "thu tuong", "bo truong",  "thu truong", "pho ",   "chu tich",    "kt", "tm",
	        "giam doc",  "cuc truong", "tong ",      "chanh ", "vien truong", NULL};
	if (fold_map(p, s, strlen(s)) < 0)
		return 0;
	for (size_t k = 0; titles[k]; k++)
		if (has_prefix(p->fold.data, titles[k]))
			return 0;
	return 1;
}

static void fill_from_hint(parse *p, tc_record *r, const tc_textdoc_hint *hint, header *h, unsigned *from)
{
	if (!hint)
		return;
	if (!r->doc_number && hint->doc_number) {
		size_t used;
		const char *num = read_number(p, hint->doc_number, strlen(hint->doc_number), &used);
		/* the crawler's slug ("nghi-dinh-so-111-2022-nd-cp-38434") is not a number */
		if (num && used == strlen(hint->doc_number)) {
			r->doc_number = num;
			*from |= TC_TEXTDOC_HINT_NUMBER;
		}
	}
	if (r->type == TC_TYPE_UNKNOWN && hint->type_name) {
		if (fold_map(p, hint->type_name, strlen(hint->type_name)) == 0) {
			char key[64];
			snprintf(key, sizeof key, "%s", p->fold.data);
			static const struct {
				const char *key;
				tc_doc_type type;
			} extra[] = {{"vb hn", TC_TYPE_VBHN},    {"nq", TC_TYPE_NGHI_QUYET},
			             {"qd", TC_TYPE_QUYET_DINH}, {"tt lien tich", TC_TYPE_THONG_TU_LT},
			             {"nd", TC_TYPE_NGHI_DINH},  {"tt", TC_TYPE_THONG_TU},
			             {NULL, TC_TYPE_UNKNOWN}};
			for (const type_word *t = type_words; t->folded; t++)
				if (strcmp(key, t->folded) == 0)
					r->type = t->type;
			for (size_t k = 0; extra[k].key; k++)
				if (strcmp(key, extra[k].key) == 0)
					r->type = extra[k].type;
			if (r->type != TC_TYPE_UNKNOWN)
				*from |= TC_TEXTDOC_HINT_TYPE;
		}
	}
	if (!r->issuer && hint->issuer && *hint->issuer) {
		r->issuer = hint->issuer;
		*from |= TC_TEXTDOC_HINT_ISSUER;
	}
	if (!r->issue_date && hint->issue_date) {
		r->issue_date = hint->issue_date;
		*from |= TC_TEXTDOC_HINT_DATE;
	}
	if (!r->signer && hint->signer && *hint->signer && looks_like_name(p, hint->signer)) {
		r->signer = hint->signer;
		*from |= TC_TEXTDOC_HINT_SIGNER;
	}
	if (!r->title && hint->title && *hint->title) {
		r->title = hint->title;
		*from |= TC_TEXTDOC_HINT_TITLE;
	}
	if (!r->effective_date && hint->effective_date)
		r->effective_date = hint->effective_date;
	if (hint->source_url)
		r->source_url = hint->source_url;
	(void)h;
}

tc_status tc__textdoc_parse(tc_arena *arena, const char *text, size_t len, const char *source_name,
                            const char *file_id, const char *path, const tc_textdoc_hint *hint,
                            tc_textdoc *out, tc_error *err)
{
	memset(out, 0, sizeof *out);
	parse p = {0};
	p.arena = arena;
	p.out = out;
	UErrorCode ec = U_ZERO_ERROR;
	p.nfd = unorm2_getNFDInstance(&ec);
	tc_record *r = &out->record;
	r->kind = TC_RECORD_DOCUMENT;
	r->source_name = source_name;
	r->source_path = path;
	r->validity = TC_VALIDITY_UNKNOWN;
	header h = {0};
	tc_buf body = {0};

	if (looks_binary(text, len)) {
		out->skip = 1;
		add_problem(&p, TC_PROBLEM_BINARY, 1, 0,
		            "binary data, not text (a Word .doc dumped as text?)");
		goto done;
	}
	size_t n = 0;
	char *t = normalize_text(&p, text, len, &n);
	if (!t || U_FAILURE(ec))
		goto done;
	p.next_note = 1;
	p.markdown = strstr(t, "**") != NULL || strstr(t, "\n#") != NULL || has_prefix(t, "#");
	if (split_lines(&p, t, n) < 0)
		goto done;
	if (p.markdown)
		join_emphasis(&p);
	for (size_t i = 0; i < p.n && !p.oom; i++)
		if (!(p.v[i].flags & (L_GONE | L_BLANK)))
			strip_markup(&p, &p.v[i]);
	drop_site_chrome(&p);
	drop_chrome(&p);
	antiword_notes(&p);
	if (p.oom)
		goto done;

	size_t live = 0;
	for (size_t i = 0; i < p.n; i++)
		live += !(p.v[i].flags & (L_GONE | L_BLANK));
	if (!live) {
		out->skip = 1;
		add_problem(&p, TC_PROBLEM_NO_BODY, 1, 0, "no text");
		goto done;
	}
	parse_header(&p, &h);
	out->has_header = h.number || h.date || (h.issuer.len && (h.type || h.motto));
	/* VBHN: number and date at the end */
	const char *vbhn_number = NULL;
	tc_date vbhn_date = 0;
	int vbhn = h.vbhn_caption || (h.number && strstr(h.number, "VBHN"));
	for (size_t i = 0; i < p.n && !vbhn; i++)
		vbhn = strstr(p.v[i].s, "XÁC THỰC VĂN BẢN HỢP NHẤT") ||
		       strstr(p.v[i].s, "XÁC NHẬN VĂN BẢN HỢP NHẤT");
	if (vbhn) {
		tc_buf block_issuer = {0};
		vbhn_block(&p, &vbhn_number, &vbhn_date, &block_issuer);
		if (!h.issuer.len && block_issuer.len)
			tc_buf_append(&h.issuer, block_issuer.data, block_issuer.len);
		tc_buf_free(&block_issuer);
		if (!h.number && vbhn_number)
			h.number = vbhn_number;
		if (vbhn_date)
			h.date = vbhn_date; /* the consolidation's date, not the original's */
		out->has_header = out->has_header || vbhn_number || vbhn_date;
	}

	r->doc_number = h.number;
	r->place = h.place;
	r->issue_date = h.date;
	if (h.type) {
		r->type = h.type->type;
		if (h.type->type == TC_TYPE_OTHER)
			r->type_name = h.type->name;
	}
	if (vbhn)
		r->type = TC_TYPE_VBHN;
	if (r->type == TC_TYPE_UNKNOWN && h.number) {
		r->type = type_from_number(h.number);
		if (r->type == TC_TYPE_UNKNOWN && strchr(h.number, '/'))
			r->type = TC_TYPE_CONG_VAN; /* "2606/BTTTT-CATTT": no type abbreviation */
	}
	if (h.issuer.len)
		issuer_display(&p, h.issuer.data, h.issuer.len, &r->issuer, &r->province);
	if (!r->issuer && h.number)
		r->issuer = issuer_from_number(h.number);
	if (!r->issuer &&
	    (r->type == TC_TYPE_HIEN_PHAP || r->type == TC_TYPE_LUAT || r->type == TC_TYPE_BO_LUAT))
		r->issuer = "Quốc hội"; /* only the Quốc hội passes these (Hiến pháp 2013, Điều 70) */
	r->scope = r->province ? TC_SCOPE_LOCAL : r->issuer ? TC_SCOPE_CENTRAL : TC_SCOPE_UNKNOWN;
	if (h.title.len)
		r->title = dup(&p, h.title.data, h.title.len);

	/* the body */
	if (join_body(&p, h.body_start, &body) < 0)
		goto done;
	tc_node *root = NULL;
	builder rb = {arena, NULL, {0}, NULL, 0};
	root = node_new(&rb, NULL, TC_NODE_ROOT);
	if (!root) {
		p.oom = 1;
		goto done;
	}
	r->body = root;
	long articles = structure(arena, root, body.data ? body.data : "", body.len, 0);
	if (articles < 0) {
		p.oom = 1;
		goto done;
	}
	out->article_count = (size_t)articles;
	/* VBHN: the "được sửa đổi, bổ sung bởi:" list of the preamble */
	if (vbhn && root->text && *root->text) {
		const char *by = strstr(root->text, "bổ sung bởi:");
		if (!by)
			by = strstr(root->text, "bổ sung bởi");
		if (by) {
			by = strchr(by, ':') ? strchr(by, ':') + 1 : by + strlen("bổ sung bởi");
			by = skip_spaces(by);
			if (*by == '\n')
				by++;
			const char *stop = strstr(by, "Căn cứ");
			size_t cl = stop ? (size_t)(stop - by) : strlen(by);
			while (cl && (by[cl - 1] == '\n' || by[cl - 1] == ' '))
				cl--;
			if (cl)
				r->consolidates = dup(&p, by, cl);
		}
	}
	/* notes */
	for (size_t k = 0; k < p.note_count; k++) {
		tc_node *nn = node_new(&rb, root, TC_NODE_NOTE);
		if (!nn) {
			p.oom = 1;
			goto done;
		}
		nn->number = p.notes[k].number;
		nn->text = dup(&p, p.notes[k].text.data ? p.notes[k].text.data : "", p.notes[k].text.len);
		if (!nn->text)
			nn->text = "";
	}
	out->note_count = p.note_count;
	if (!r->issue_date && body.len && fold_map(&p, body.data, body.len) == 0) {
		const char *f = p.fold.data;
		const char *q = NULL;
		for (const char *t2 = strstr(f, "thong qua ngay"); t2; t2 = strstr(t2 + 1, "thong qua ngay"))
			q = t2; /* the last one: the passage of this law, not a cited one */
		size_t at;
		if (q) {
			char window[96];
			snprintf(window, sizeof window, "%s", q + 10);
			tc_date d = find_date_folded(window, &at);
			if (d && at == 0)
				r->issue_date = d;
		}
	}
	r->signer = find_signer(&p, body.data ? body.data : "", body.len);
	r->effective_date = find_effective(&p, body.data ? body.data : "", body.len, r->issue_date);
	fill_from_hint(&p, r, hint, &h, &out->from_hint);
	if (!r->scope && r->issuer)
		r->scope = TC_SCOPE_CENTRAL;

	/* problems */
	if (!out->has_header) {
		if (spaced_letters(t, n))
			add_problem(
			        &p, TC_PROBLEM_NO_HEADER, 0, 0,
			        "no recognizable header: the text is spaced-out letters without Vietnamese "
			        "letters (a bad .doc conversion)");
		else
			add_problem(
			        &p, TC_PROBLEM_NO_HEADER, 0,
			        p.n ? p.v[next_live(&p, (size_t)-1) < p.n ? next_live(&p, (size_t)-1) : 0].src
			            : 0,
			        "no recognizable header (no \"Số:\" line, date or type line)");
	}
	int body_text = articles > 0 || root->first_child;
	if (!body_text) {
		size_t words = 0;
		for (const char *q = root->text; q && *q; q++)
			words += *q == ' ';
		body_text = words >= 30;
	}
	if (!body_text)
		add_problem(&p, TC_PROBLEM_NO_BODY, 0, 0,
		            "no body text: nothing but %s came out of the source (text extraction failed?)",
		            r->signer ? "page headers, stamps and the signature block"
		                      : "page headers and the header");

	/* the id */
	if (r->doc_number) {
		const char *norm = normalize_number(&p, r->doc_number);
		const char *prov = r->province ? slug(&p, r->province) : NULL;
		if (norm && !number_has_year(r->doc_number) && !strstr(r->doc_number, "/QH") && r->issue_date)
			r->id = prov ? tc_arena_printf(arena, "%s@%s-%u", norm, prov, (unsigned)r->issue_date)
			             : tc_arena_printf(arena, "%s@%u", norm, (unsigned)r->issue_date);
		else if (norm && prov)
			r->id = tc_arena_printf(arena, "%s@%s", norm, prov);
		else
			r->id = norm;
	}
	if (!r->id)
		r->id = tc_arena_printf(arena, "%s/%s", source_name ? source_name : "text",
		                        file_id ? file_id : "?");
	/* paths now, for the callers that parse without a loader (tests) */
	if (!r->id || tc__record_assign_paths(arena, r) < 0)
		p.oom = 1;
done:
	if (!r->id && !p.oom) {
		r->id = tc_arena_printf(arena, "%s/%s", source_name ? source_name : "text",
		                        file_id ? file_id : "?");
		if (!r->id)
			p.oom = 1;
	}
	tc_buf_free(&body);
	tc_buf_free(&h.issuer);
	tc_buf_free(&h.title);
	for (size_t k = 0; k < p.note_count; k++)
		tc_buf_free(&p.notes[k].text);
	tc_free(p.notes);
	tc_free(p.v);
	tc_free(p.map);
	tc_buf_free(&p.fold);
	if (p.oom)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory while parsing %s",
		                    path ? path : "a document");
	return TC_OK;
}

/* ---------------------------------------------------------------- hints */

static const char *json_str(tc_arena *arena, json_t *obj, const char *const *keys)
{
	for (size_t k = 0; keys[k]; k++) {
		json_t *v = json_object_get(obj, keys[k]);
		if (json_is_string(v) && json_string_length(v))
			return tc_arena_strdup(arena, json_string_value(v));
		if (json_is_integer(v) && json_integer_value(v) > 0)
			return tc_arena_printf(arena, "%lld", (long long)json_integer_value(v));
	}
	return NULL;
}

/* "28/11/2025", "2026-07-16", "16 tháng 7 năm 2026" → YYYYMMDD */
static tc_date parse_hint_date(const char *s)
{
	if (!s)
		return 0;
	int a, b, c;
	if (sscanf(s, "%4d-%2d-%2d", &a, &b, &c) == 3 && valid_date(c, b, a))
		return (tc_date)(a * 10000 + b * 100 + c);
	if (sscanf(s, "%2d/%2d/%4d", &a, &b, &c) == 3 && valid_date(a, b, c))
		return (tc_date)(c * 10000 + b * 100 + a);
	if (sscanf(s, "%d tháng %d năm %d", &a, &b, &c) == 3 && valid_date(a, b, c))
		return (tc_date)(c * 10000 + b * 100 + a);
	return 0;
}

int tc__textdoc_hint_from_json(tc_arena *arena, const char *json, size_t len, tc_textdoc_hint *hint)
{
	memset(hint, 0, sizeof *hint);
	json_error_t jerr;
	json_t *root = json_loadb(json, len, 0, &jerr);
	if (!json_is_object(root)) {
		json_decref(root);
		return -1;
	}
	static const char *const number_keys[] = {"Số hiệu", "sohieu", "so_hieu", "so-hieu", NULL};
	static const char *const type_keys[] = {"Loại văn bản", "loaivanban", "loai_van_ban", "loai", NULL};
	static const char *const issuer_keys[] = {"Nơi ban hành", "cquanbanhanh", "co_quan_ban_hanh",
	                                          "co-quan-ban-hanh", NULL};
	static const char *const signer_keys[] = {"Người ký", "nguoiky", "nguoi_ky", NULL};
	static const char *const title_keys[] = {"trichyeu", "trich_yeu", NULL};
	static const char *const date_keys[] = {"Ngày ban hành", "ngaybanhanh", "ngay_ban_hanh",
	                                        "ngay-ban-hanh", NULL};
	static const char *const eff_keys[] = {"Ngày hiệu lực", "ngayhieuluc", "ngay_hieu_luc", "hieu_luc",
	                                       NULL};
	static const char *const url_keys[] = {"source_url", NULL};
	hint->doc_number = json_str(arena, root, number_keys);
	hint->type_name = json_str(arena, root, type_keys);
	hint->issuer = json_str(arena, root, issuer_keys);
	hint->signer = json_str(arena, root, signer_keys);
	hint->title = json_str(arena, root, title_keys);
	hint->source_url = json_str(arena, root, url_keys);
	hint->issue_date = parse_hint_date(json_str(arena, root, date_keys));
	hint->effective_date = parse_hint_date(json_str(arena, root, eff_keys));
	/* "Nơi ban hành": "Tỉnh Lai Châu" is a place, not an issuer */
	json_decref(root);
	return 0;
}
