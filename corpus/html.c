/* html.c - broken-HTML-to-text for the pháp điển export (corpus-private.h,
 * tc__html_*). The export's HTML cannot be trusted as a tree (block
 * elements inside <p>, "<p1." with the ">" missing), so this is a flat walk
 * over tags and text: block tags become line breaks, table cells become
 * " | " within a row, entities are decoded, images dropped, links recorded
 * with their text span so the note parser can split on them. Then a clean
 * pass: zero-width characters and soft hyphens dropped, NBSP and other
 * spaces made a space, runs of spaces collapsed, lines trimmed, empty lines
 * dropped, and NFC applied when the text holds combining marks. */
#include "corpus-private.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* Tags that are really tags; anything else after "<" is text ("<giá" in a
 * body), except "<p" glued to text, which is a broken <p> ("<p1. Hồ sơ"). */
static const char *const known_tags[] = {
        "a",      "abbr",    "address", "area",   "article",  "aside",  "b",      "big",        "blockquote",
        "body",   "br",      "caption", "center", "cite",     "code",   "col",    "colgroup",   "dd",
        "del",    "dfn",     "div",     "dl",     "dt",       "em",     "embed",  "figcaption", "figure",
        "font",   "footer",  "form",    "h1",     "h2",       "h3",     "h4",     "h5",         "h6",
        "head",   "header",  "hr",      "html",   "i",        "iframe", "img",    "input",      "ins",
        "kbd",    "label",   "li",      "link",   "main",     "map",    "meta",   "nav",        "nobr",
        "object", "ol",      "option",  "p",      "param",    "pre",    "q",      "s",          "samp",
        "script", "section", "select",  "small",  "span",     "strike", "strong", "style",      "sub",
        "sup",    "table",   "tbody",   "td",     "textarea", "tfoot",  "th",     "thead",      "title",
        "tr",     "tt",      "u",       "ul",     "var",      "wbr",    "o",      NULL,
};

/* Tags that break a line. */
static const char *const block_tags[] = {
        "p",      "div",    "br",     "h1",    "h2",    "h3",      "h4",         "h5",
        "h6",     "li",     "ul",     "ol",    "table", "tr",      "blockquote", "hr",
        "center", "pre",    "dl",     "dt",    "dd",    "section", "article",    "caption",
        "title",  "header", "footer", "tbody", "thead", "tfoot",   NULL,
};

static int in_list(const char *const *list, const char *name)
{
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(list[i], name))
			return 1;
	return 0;
}

static const struct {
	const char *name;
	const char *utf8;
} entities[] = {
        {"nbsp", "\xC2\xA0"},
        {"amp", "&"},
        {"lt", "<"},
        {"gt", ">"},
        {"quot", "\""},
        {"apos", "'"},
        {"ndash", "\xE2\x80\x93"},
        {"mdash", "\xE2\x80\x94"},
        {"hellip", "\xE2\x80\xA6"},
        {"ldquo", "\xE2\x80\x9C"},
        {"rdquo", "\xE2\x80\x9D"},
        {"lsquo", "\xE2\x80\x98"},
        {"rsquo", "\xE2\x80\x99"},
        {"laquo", "\xC2\xAB"},
        {"raquo", "\xC2\xBB"},
        {"shy", "\xC2\xAD"},
        {"bull", "\xE2\x80\xA2"},
        {"middot", "\xC2\xB7"},
        {"deg", "\xC2\xB0"},
        {"times", "\xC3\x97"},
        {"divide", "\xC3\xB7"},
        {"plusmn", "\xC2\xB1"},
        {"sect", "\xC2\xA7"},
        {"copy", "\xC2\xA9"},
        {"reg", "\xC2\xAE"},
        {"le", "\xE2\x89\xA4"},
        {"ge", "\xE2\x89\xA5"},
        {"frac12", "\xC2\xBD"},
        {"ordm", "\xC2\xBA"},
        {"ordf", "\xC2\xAA"},
        {"micro", "\xC2\xB5"},
        {"euro", "\xE2\x82\xAC"},
        {"rarr", "\xE2\x86\x92"},
        {"sup2", "\xC2\xB2"},
        {"sup3", "\xC2\xB3"},
        {NULL, NULL},
};

static void put_codepoint(tc_buf *out, unsigned long cp)
{
	char u[4];
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		tc_buf_append_char(out, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		tc_buf_append(out, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		tc_buf_append(out, u, 3);
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		tc_buf_append(out, u, 4);
	}
}

/* Decode the entity at S (S[0] == '&'); returns the bytes consumed, 0 when
 * it is not an entity (then "&" is text: "R&CN;" is not one). */
static size_t decode_entity(const char *s, const char *end, tc_buf *out)
{
	const char *p = s + 1;
	if (p < end && *p == '#') {
		p++;
		int hex = p < end && (*p == 'x' || *p == 'X');
		if (hex)
			p++;
		unsigned long cp = 0;
		const char *digits = p;
		while (p < end && p - digits < 8 &&
		       (hex ? isxdigit((unsigned char)*p) : isdigit((unsigned char)*p))) {
			cp = cp * (hex ? 16 : 10) +
			     (unsigned long)(isdigit((unsigned char)*p)
			                             ? *p - '0'
			                             : (tolower((unsigned char)*p) - 'a' + 10));
			p++;
		}
		if (p == digits || p >= end || *p != ';')
			return 0;
		put_codepoint(out, cp);
		return (size_t)(p + 1 - s);
	}
	for (size_t i = 0; entities[i].name; i++) {
		size_t n = strlen(entities[i].name);
		if ((size_t)(end - p) > n && !memcmp(p, entities[i].name, n) && p[n] == ';') {
			tc_buf_append_str(out, entities[i].utf8);
			return n + 2;
		}
	}
	return 0;
}

/* The value of attribute NAME in the tag text [S, E) (between "<x" and
 * ">"), or NULL; *LEN set. Entities in values are left as they are, except
 * "&amp;". */
static const char *attr_value(const char *s, const char *e, const char *name, size_t *len)
{
	size_t n = strlen(name);
	for (const char *p = s; p + n < e; p++) {
		if (strncasecmp(p, name, n) != 0 ||
		    (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '-')))
			continue;
		const char *q = p + n;
		while (q < e && isspace((unsigned char)*q))
			q++;
		if (q >= e || *q != '=')
			continue;
		q++;
		while (q < e && isspace((unsigned char)*q))
			q++;
		if (q < e && (*q == '\'' || *q == '"')) {
			char quote = *q++;
			const char *v = q;
			while (q < e && *q != quote)
				q++;
			*len = (size_t)(q - v);
			return v;
		}
		const char *v = q;
		while (q < e && !isspace((unsigned char)*q) && *q != '>')
			q++;
		*len = (size_t)(q - v);
		return v;
	}
	return NULL;
}

static void add_break(tc_html *h)
{
	if (h->cell_open)
		tc_buf_append_char(&h->raw, ' ');
	else
		tc_buf_append_char(&h->raw, '\n');
}

static void add_link(tc_html *h, const char *tag, const char *tag_end)
{
	if (h->link_count == TC_HTML_MAX_LINKS) {
		h->links_dropped++;
		return;
	}
	tc_html_link *l = &h->links[h->link_count];
	memset(l, 0, sizeof *l);
	size_t n;
	const char *v;
	l->start = h->raw.len;
	l->end = (size_t)-1;
	if ((v = attr_value(tag, tag_end, "href", &n))) {
		l->href = v;
		l->href_len = n;
	}
	if ((v = attr_value(tag, tag_end, "name", &n))) {
		l->name = v;
		l->name_len = n;
	}
	if ((v = attr_value(tag, tag_end, "onclick", &n))) {
		/* ViewNoiDungPhapDien('<anchor>') */
		const char *m = memmem(v, n, "ViewNoiDungPhapDien(", 20);
		if (m) {
			const char *a = m + 20;
			while (a < v + n && (*a == '\'' || *a == '"' || *a == ' '))
				a++;
			const char *b = a;
			while (b < v + n && isalnum((unsigned char)*b))
				b++;
			if (b > a) {
				l->anchor = a;
				l->anchor_len = (size_t)(b - a);
			}
		}
	}
	h->link_count++;
	h->link_open = 1;
	/* Word footnote text: <a href="#_ftnref1" name="_ftn1">[1]</a> */
	if (l->name && l->name_len > 4 && !memcmp(l->name, "_ftn", 4) && isdigit((unsigned char)l->name[4]) &&
	    h->footnote_count < TC_HTML_MAX_FOOTNOTES) {
		h->footnotes[h->footnote_count].start = h->raw.len;
		h->footnotes[h->footnote_count].number = atoi(l->name + 4);
		h->footnote_count++;
	}
}

/* Append the text run RUN[0..N) to H->raw, each invalid UTF-8 sequence
 * replaced by U+FFFD as the analyzer's repair does (tc_utf8_next): one bad
 * byte must not cost the article its text (JSON, and so the stored record,
 * refuses invalid UTF-8). A run ends at an ASCII byte, which no valid
 * sequence contains, so a sequence cut by the run's end is invalid too. */
static void append_text(tc_html *h, const char *run, size_t n)
{
	size_t from = 0;
	for (size_t i = 0; i < n;) {
		if ((unsigned char)run[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		int invalid;
		size_t l = tc_utf8_next(run, n, i, &cp, &invalid);
		if (invalid) {
			tc_buf_append(&h->raw, run + from, i - from);
			tc_buf_append(&h->raw, "\xEF\xBF\xBD", 3);
			if (!h->invalid_bytes)
				h->first_invalid = run + i;
			h->invalid_bytes += l;
			from = i + l;
		}
		i += l;
	}
	tc_buf_append(&h->raw, run + from, n - from);
}

int tc__html_walk(tc_html *h, const char *s, size_t n)
{
	tc_buf_reset(&h->raw);
	if (tc_buf_reserve(&h->raw, 1) < 0) /* raw.data is never NULL, even for no text */
		return -1;
	if (!s)
		s = "", n = 0;
	const char *p = s, *end = s + n;
	h->link_count = 0;
	h->links_dropped = 0;
	h->footnote_count = 0;
	h->cell_open = 0;
	h->link_open = 0;
	h->broken_tags = 0;
	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (c == '<') {
			if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
				const char *close = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
				p = close ? close + 3 : end;
				continue;
			}
			if (end - p >= 2 && (p[1] == '!' || p[1] == '?')) {
				const char *gt = memchr(p, '>', (size_t)(end - p));
				p = gt ? gt + 1 : end;
				continue;
			}
			int closing = end - p >= 2 && p[1] == '/';
			const char *name = p + 1 + closing;
			const char *q = name;
			char tag[16];
			size_t tl = 0;
			while (q < end && (isalnum((unsigned char)*q) || *q == ':')) {
				if (tl < sizeof tag - 1)
					tag[tl++] = (char)tolower((unsigned char)*q);
				q++;
			}
			tag[tl] = '\0';
			int office = memchr(tag, ':', tl) != NULL; /* <o:p>, <w:sdt>: Word's own */
			int known = tl > 0 && (office || in_list(known_tags, tag));
			int at_boundary = q >= end || isspace((unsigned char)*q) || *q == '>' || *q == '/';
			if (tl > 0 && !known && tag[0] == 'p' && !closing) {
				/* "<p1. Hồ sơ", "<pCác": the ">" of "<p" is missing */
				add_break(h);
				h->broken_tags++;
				p = name + 1;
				continue;
			}
			if (!known || !at_boundary) {
				tc_buf_append_char(&h->raw, '<');
				p++;
				continue;
			}
			/* find the end of the tag, respecting quoted values */
			const char *t = q;
			char quote = 0;
			while (t < end && (quote || *t != '>')) {
				if (quote && *t == quote)
					quote = 0;
				else if (!quote && (*t == '\'' || *t == '"'))
					quote = *t;
				t++;
			}
			const char *tag_end = t;
			p = t < end ? t + 1 : end;
			if (!strcmp(tag, "script") || !strcmp(tag, "style")) {
				if (!closing) {
					const char *close = memmem(p, (size_t)(end - p), "</", 2);
					while (close && strncasecmp(close + 2, tag, strlen(tag)) != 0)
						close = memmem(close + 2, (size_t)(end - close - 2), "</", 2);
					p = close ? close : end;
				}
				continue;
			}
			if (!strcmp(tag, "td") || !strcmp(tag, "th")) {
				if (!closing) {
					if (h->cells_in_row > 0)
						tc_buf_append_str(&h->raw, " | ");
					h->cells_in_row++;
					h->cell_open = 1;
				} else {
					h->cell_open = 0;
				}
				continue;
			}
			if (!strcmp(tag, "tr") || !strcmp(tag, "table")) {
				h->cell_open = 0;
				h->cells_in_row = 0;
				tc_buf_append_char(&h->raw, '\n');
				continue;
			}
			if (!strcmp(tag, "a")) {
				if (!closing)
					add_link(h, q, tag_end);
				else if (h->link_open && h->link_count > 0) {
					h->links[h->link_count - 1].end = h->raw.len;
					h->link_open = 0;
				}
				continue;
			}
			if (in_list(block_tags, tag))
				add_break(h);
			continue; /* img, span, font, sup, sub, ...: no text of their own */
		}
		if (c == '&') {
			size_t used = decode_entity(p, end, &h->raw);
			if (used) {
				p += used;
				continue;
			}
		}
		if (c == '\r' || c == '\n' || c == '\t') {
			tc_buf_append_char(&h->raw, ' ');
			p++;
			continue;
		}
		/* a run of plain text at once */
		const char *run = p++; /* at least one byte: an "&" that is no entity */
		while (p < end && *p != '<' && *p != '&' && *p != '\r' && *p != '\n' && *p != '\t')
			p++;
		append_text(h, run, (size_t)(p - run));
	}
	if (h->link_open && h->link_count > 0)
		h->links[h->link_count - 1].end = h->raw.len;
	return 0;
}

/* ---- cleaning ---- */

static int apply_nfc(tc_html *h, tc_buf *out, size_t from)
{
	size_t len = out->len - from;
	int32_t ulen = 0;
	UErrorCode status = U_ZERO_ERROR;
	if (len > INT32_MAX / 2)
		return 0;
	size_t need = (len + 1) * sizeof(UChar);
	if (h->u16_cap < need) {
		UChar *a = tc_realloc(h->u16a, need), *b;
		if (!a)
			return -1;
		h->u16a = a;
		b = tc_realloc(h->u16b, need * 2);
		if (!b)
			return -1;
		h->u16b = b;
		h->u16_cap = need;
	}
	u_strFromUTF8Lenient(h->u16a, (int32_t)(len + 1), &ulen, out->data + from, (int32_t)len, &status);
	if (U_FAILURE(status))
		return 0;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
	int32_t nlen = unorm2_normalize(nfc, h->u16a, ulen, h->u16b, (int32_t)(len + 1) * 2, &status);
	if (U_FAILURE(status))
		return 0; /* keep the text as it is */
	int32_t blen = 0;
	status = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &blen, h->u16b, nlen, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
		return 0;
	status = U_ZERO_ERROR;
	out->len = from;
	if (tc_buf_reserve(out, (size_t)blen + 1) < 0)
		return -1;
	u_strToUTF8(out->data + from, blen + 1, &blen, h->u16b, nlen, &status);
	out->len = from + (size_t)blen;
	out->data[out->len] = '\0';
	return 0;
}

int tc__html_clean(tc_html *h, const char *s, size_t n, int keep_lines, tc_buf *out)
{
	if (!s)
		s = "", n = 0;
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	/* the output is at most 3 bytes per input byte (an invalid byte becomes
	 * U+FFFD); reserve once and write in place */
	if (n > SIZE_MAX / 3 - 2 || tc_buf_reserve(out, 3 * n + 2) < 0)
		return -1;
	char *o = out->data + out->len;
	char *const base = out->data;
	size_t from = out->len;
	size_t line_start = out->len;
	int pending_space = 0, pending_break = 0, marks = 0;
#define OUT_LEN ((size_t)(o - base))
	while (p < end) {
		unsigned char b = *p;
		if (b < 0x80) {
			if (b == '\n' && keep_lines) {
				pending_break = OUT_LEN > line_start || pending_break;
				pending_space = 0;
				p++;
				continue;
			}
			if (b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f' || b == '\v') {
				pending_space = 1;
				p++;
				continue;
			}
			if (b == 0) {
				p++;
				continue;
			}
		}
		uint32_t cp;
		int invalid;
		size_t l = tc_utf8_next(s, n, (size_t)(p - (const unsigned char *)s), &cp, &invalid);
		if (l > 1 && (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
		              cp == 0x3000)) {
			pending_space = 1;
			p += l;
			continue;
		}
		if (l > 1 && ((cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF || cp == 0xAD || cp == 0x2060)) {
			p += l; /* zero-width characters, soft hyphens */
			continue;
		}
		if (pending_break && OUT_LEN > from) {
			*o++ = '\n';
			line_start = OUT_LEN;
		} else if (pending_space && OUT_LEN > line_start) {
			*o++ = ' ';
		}
		pending_break = pending_space = 0;
		if (l == 2 && (p[0] == 0xCC || p[0] == 0xCD))
			marks = 1; /* combining marks U+0300–U+036F */
		if (invalid) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			memcpy(o, p, l);
			o += l;
		}
		p += l;
	}
#undef OUT_LEN
	out->len = (size_t)(o - base);
	out->data[out->len] = '\0';
	if (marks && apply_nfc(h, out, from) < 0)
		return -1;
	return 0;
}

void tc__html_free(tc_html *h)
{
	tc_buf_free(&h->raw);
	tc_free(h->u16a);
	tc_free(h->u16b);
	h->u16a = h->u16b = NULL;
	h->u16_cap = 0;
}
