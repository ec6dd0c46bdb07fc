/* phapdien.c - the pháp điển loader: chude.tsv, demuc.tsv and one HTML
 * fragment per đề mục (demuc/<GUID>.html[.zst]), each codified article a
 * TC_RECORD_CODIFIED record (corpus.h; phapdien/SOURCE.md lists what the
 * HTML does wrong).
 *
 * Two passes, both streaming over files: the first reads only the source
 * notes (pGhiChu) of every file and builds a map from normalized document
 * number (and vbpl ItemID) to the metadata of the long notes, so a short
 * note ("Điều 2 Luật số 57/2020/QH14, có hiệu lực ...") resolves to its
 * document's title, issuer and issue date even when the long note comes
 * later; the second makes the records. Only the map (some thousands of
 * documents) is kept; articles never are. */
#include "corpus-private.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- a small string → index hash map ---- */

typedef struct strmap {
	char **keys;
	long *values;
	size_t cap, count;
} strmap;

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static long strmap_get(const strmap *m, const char *key)
{
	if (!m->cap)
		return -1;
	for (size_t i = hash_str(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->keys[i])
			return -1;
		if (!strcmp(m->keys[i], key))
			return m->values[i];
	}
}

/* Set KEY → VALUE (replacing). Returns 0, -1 on ENOMEM. */
static int strmap_put(strmap *m, const char *key, long value)
{
	if ((m->count + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		char **keys = tc_calloc(cap, sizeof *keys);
		long *values = tc_calloc(cap, sizeof *values);
		if (!keys || !values) {
			tc_free(keys);
			tc_free(values);
			return -1;
		}
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->keys[i])
				continue;
			size_t j = hash_str(m->keys[i]) & (cap - 1);
			while (keys[j])
				j = (j + 1) & (cap - 1);
			keys[j] = m->keys[i];
			values[j] = m->values[i];
		}
		tc_free(m->keys);
		tc_free(m->values);
		m->keys = keys;
		m->values = values;
		m->cap = cap;
	}
	size_t i = hash_str(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key))
		i = (i + 1) & (m->cap - 1);
	if (!m->keys[i]) {
		m->keys[i] = tc_strdup(key);
		if (!m->keys[i])
			return -1;
		m->count++;
	}
	m->values[i] = value;
	return 0;
}

static void strmap_clear(strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		tc_free(m->keys[i]);
	tc_free(m->keys);
	tc_free(m->values);
	memset(m, 0, sizeof *m);
}

/* ---- the catalogue and the source documents ---- */

typedef struct pd_chude {
	char *id, *number, *name;
} pd_chude;

typedef struct pd_demuc {
	char *id, *number, *name, *chude_id;
	int seen; /* its file was found */
} pd_demuc;

/* A source document known from the notes. */
typedef struct pd_doc {
	char *key; /* normalized number */
	char *number, *title, *issuer, *item_id, *url, *type_name;
	tc_doc_type type;
	tc_date issue_date, effective_date;
	int has_long; /* title/issuer/issue date from a long note */
	int date_from_original;     /* the effective date is an original link's */
	tc_field_source title_from; /* a long note, else a cross-reference's label */
} pd_doc;

/* What a cross-reference's label says of a document ("Điều 11.1.LQ.107. Các
 * khoản thu tài chính từ đất đai của Luật 45/2013/QH13 Đất đai ban hành
 * ngày 29/11/2013"), kept by number until pass 1 ends. */
typedef struct pd_label {
	char *title;
	tc_date issue_date;
} pd_label;

typedef struct pd_state {
	tc_loader *loader;
	const char *dir;
	pd_chude *chude;
	size_t chude_count;
	pd_demuc *demuc;
	size_t demuc_count;
	strmap demuc_by_id, chude_by_id;
	pd_doc *docs;
	size_t doc_count, doc_cap;
	strmap doc_by_key, doc_by_item;
	pd_label *labels;
	size_t label_count;
	strmap label_by_key;
	strmap anchors; /* per file: anchor → uses so far */
	strmap numbers; /* per run: article number → uses so far (readable ids) */
	tc_html html;
	tc_buf text, tmp, key;
	tc_buf file;              /* the current file's bytes, reused from file to file */
	struct parsed_note *note; /* scratch for one note */
	char *chapter;            /* the current chapter heading (malloc) */
	int chapter_open;         /* last block was a pChuong (headings continue) */
} pd_state;

static char *xstrdup_n(const char *s, size_t n)
{
	return tc_strndup(s, n);
}

/* Split a TSV line in place into at most MAX fields. */
static size_t split_tsv(char *line, char **fields, size_t max)
{
	size_t n = 0;
	fields[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			fields[n++] = p + 1;
		}
	return n;
}

static void trim_bom(char **s)
{
	if (!memcmp(*s, "\xEF\xBB\xBF", 3))
		*s += 3;
}

static tc_status read_catalogue(pd_state *st, tc_error *err)
{
	char path[4096];
	for (int pass = 0; pass < 2; pass++) {
		snprintf(path, sizeof path, "%s/%s", st->dir, pass == 0 ? "chude.tsv" : "demuc.tsv");
		tc_line_reader *r;
		tc_status s = tc_line_reader_open(path, &r, err);
		if (s != TC_OK) {
			if (pass == 0) { /* chude.tsv is optional: names only */
				tc__report(st->loader, TC_PROBLEM_IO, 0, path, 0, -1, NULL, "%s",
				           err->message);
				tc_error_clear(err);
				continue;
			}
			return s;
		}
		const char *line;
		size_t len;
		int rc;
		while ((rc = tc_line_reader_next(r, &line, &len, err)) == 1) {
			long lineno = tc_line_reader_line_number(r);
			char *copy = xstrdup_n(line, len), *f[5];
			if (!copy) {
				tc_line_reader_close(r);
				return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
			}
			char *first = copy;
			trim_bom(&first);
			size_t nf = split_tsv(first, f, 5);
			if (lineno == 1 && strstr(f[0], "_number")) { /* header */
				tc_free(copy);
				continue;
			}
			if (len == 0) {
				tc_free(copy);
				continue;
			}
			if (nf < (pass == 0 ? 3u : 4u)) {
				tc__report(st->loader, TC_PROBLEM_SYNTAX, 0, path, lineno, -1, NULL,
				           "expected %d tab-separated fields, found %zu", pass == 0 ? 3 : 4,
				           nf);
				tc_free(copy);
				continue;
			}
			int bad = 0;
			if (pass == 0) {
				pd_chude *c = tc_realloc(st->chude, (st->chude_count + 1) * sizeof *c);
				if (c) {
					st->chude = c;
					c = &st->chude[st->chude_count];
					c->number = tc_strdup(f[0]);
					c->id = tc_strdup(f[1]);
					c->name = tc_strdup(f[2]);
					st->chude_count++;
					bad = !c->number || !c->id || !c->name ||
					      strmap_put(&st->chude_by_id, c->id, (long)st->chude_count - 1) <
					              0;
				} else
					bad = 1;
			} else {
				pd_demuc *d = tc_realloc(st->demuc, (st->demuc_count + 1) * sizeof *d);
				if (d) {
					st->demuc = d;
					d = &st->demuc[st->demuc_count];
					d->number = tc_strdup(f[0]);
					d->id = tc_strdup(f[1]);
					d->name = tc_strdup(f[2]);
					d->chude_id = tc_strdup(f[3]);
					d->seen = 0;
					st->demuc_count++;
					bad = !d->number || !d->id || !d->name || !d->chude_id;
					if (!bad && strmap_get(&st->demuc_by_id, d->id) >= 0)
						tc__report(st->loader, TC_PROBLEM_DUPLICATE, 0, path, lineno,
						           -1, d->id, "đề mục GUID listed twice");
					bad = bad || strmap_put(&st->demuc_by_id, d->id,
					                        (long)st->demuc_count - 1) < 0;
				} else
					bad = 1;
			}
			tc_free(copy);
			if (bad) {
				tc_line_reader_close(r);
				return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
			}
		}
		tc_line_reader_close(r);
		if (rc < 0)
			return err->code ? err->code : TC_ERR_IO;
		st->loader->summary->files++;
	}
	return TC_OK;
}

/* ---- small text helpers ---- */

static int starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* Case-insensitive for ASCII; Vietnamese capitals of the words we look for
 * are compared as written. */
static const char *find_word(const char *s, const char *end, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = s; p + n <= end; p++)
		if (!strncasecmp(p, word, n))
			return p;
	return NULL;
}

static const char *find_last(const char *s, const char *end, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = end - n; p >= s; p--)
		if (!strncmp(p, word, n))
			return p;
	return NULL;
}

/* Parse "D/M/YYYY" at P (1–2 digit day and month); returns bytes used or 0. */
static size_t parse_date(const char *p, const char *end, tc_date *date)
{
	const char *q = p;
	int part[3] = {0, 0, 0};
	for (int k = 0; k < 3; k++) {
		const char *start = q;
		while (q < end && isdigit((unsigned char)*q) && q - start < 4)
			part[k] = part[k] * 10 + (*q++ - '0');
		size_t nd = (size_t)(q - start);
		if (nd == 0 || (k < 2 && nd > 2) || (k == 2 && nd != 4))
			return 0;
		if (k < 2) {
			if (q >= end || (*q != '/' && *q != '-' && *q != '.'))
				return 0;
			q++;
		}
	}
	if (part[0] < 1 || part[0] > 31 || part[1] < 1 || part[1] > 12 || part[2] < 1900 || part[2] > 2100)
		return 0;
	*date = (tc_date)(part[2] * 10000 + part[1] * 100 + part[0]);
	return (size_t)(q - p);
}

/* The first date at or after P. */
static const char *find_date(const char *p, const char *end, tc_date *date, size_t *used)
{
	for (; p < end; p++)
		if (isdigit((unsigned char)*p) && (p == end || !isdigit((unsigned char)p[-1])) &&
		    (*used = parse_date(p, end, date)))
			return p;
	return NULL;
}

/* Normalize a document number for keys; the analyzer's rules when they
 * recognize it, else a cleanup of our own (lowercase, no spaces). */
int tc__doc_number_key(const char *number, tc_buf *out)
{
	tc_buf_reset(out);
	if (tc_doc_number_normalize(number, strlen(number), 0, out) == 0 && out->len > 0)
		return 0;
	tc_buf_reset(out);
	for (const unsigned char *p = (const unsigned char *)number; *p; p++) {
		if (isspace(*p))
			continue;
		if (p[0] == 0xC4 && p[1] == 0x90) { /* Đ → đ */
			tc_buf_append(out, "\xC4\x91", 2);
			p++;
		} else if (p[0] == 0xC3 && p[1] == 0x90) { /* Ð (eth) → đ */
			tc_buf_append(out, "\xC4\x91", 2);
			p++;
		} else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94)) {
			tc_buf_append_char(out, '-');
			p += 2;
		} else
			tc_buf_append_char(out, (char)tolower(*p));
	}
	return out->len ? 0 : -1;
}

/* The type of a document from its number: "NĐ-CP" → Nghị định; "QH14" with
 * no abbreviation: a Luật (Nghị quyết of the Quốc hội carry "NQ"). */
static tc_doc_type type_from_number(const char *number)
{
	const char *slash = strrchr(number, '/');
	if (!slash)
		return TC_TYPE_UNKNOWN;
	const char *part = slash + 1;
	const char *dash = strchr(number, '-');
	if (dash && dash < slash) /* "52-NQ/TW" */
		part = dash + 1;
	char abbrev[32];
	size_t n = strcspn(part, "-/");
	if (n == 0 || n >= sizeof abbrev)
		return TC_TYPE_UNKNOWN;
	memcpy(abbrev, part, n);
	abbrev[n] = '\0';
	if (!strncmp(abbrev, "QH", 2))
		return TC_TYPE_LUAT;
	return tc_doc_type_from_name(abbrev);
}

/* ---- source notes ---- */

typedef struct note_link {
	tc_source_relation relation;
	char article[256];
	char number[128];
	char type_name[96];
	tc_doc_type type;
	char title[1024];
	char issuer[256];
	tc_date issue_date, effective_date;
	char item_id[32];
	char url[512];
	int is_long;
} note_link;

#define NOTE_MAX_LINKS 16

struct parsed_note {
	note_link links[NOTE_MAX_LINKS];
	size_t count;
	size_t dropped;
};
typedef struct parsed_note parsed_note;

/* Empty L without clearing its buffers (a note is parsed per article). */
static void link_clear(note_link *l)
{
	l->relation = TC_SOURCE_ORIGINAL;
	l->article[0] = l->number[0] = l->type_name[0] = l->title[0] = l->issuer[0] = '\0';
	l->item_id[0] = l->url[0] = '\0';
	l->type = TC_TYPE_UNKNOWN;
	l->issue_date = l->effective_date = 0;
	l->is_long = 0;
}

static void copy_trim(char *dst, size_t cap, const char *s, const char *e)
{
	while (s < e && (isspace((unsigned char)*s) || *s == ',' || *s == '('))
		s++;
	while (e > s && (isspace((unsigned char)e[-1]) || e[-1] == ',' || e[-1] == ')' || e[-1] == ';'))
		e--;
	size_t n = (size_t)(e - s);
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--; /* do not cut a character */
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static tc_source_relation relation_of(const char *s, const char *e)
{
	/* the phrase nearest the end decides: "..., có nội dung được sửa đổi, có
	 * nội dung bị bãi bỏ bởi" */
	const char *best = NULL;
	tc_source_relation rel = TC_SOURCE_OTHER;
	static const struct {
		const char *phrase;
		tc_source_relation rel;
	} phrases[] = {
	        {"sửa đổi", TC_SOURCE_AMENDED_BY}, {"bổ sung", TC_SOURCE_AMENDED_BY},
	        {"bãi bỏ", TC_SOURCE_REPEALED_BY}, {"hủy bỏ", TC_SOURCE_REPEALED_BY},
	        {"huỷ bỏ", TC_SOURCE_REPEALED_BY}, {"ngưng hiệu lực", TC_SOURCE_OTHER},
	};
	for (size_t k = 0; k < sizeof phrases / sizeof phrases[0]; k++) {
		const char *p = find_last(s, e, phrases[k].phrase);
		if (p && (!best || p > best)) {
			best = p;
			rel = phrases[k].rel;
		}
	}
	return rel;
}

/* The type words a note or a label names a document by, longest first. */
static const char *const type_words[] = {"Thông tư liên tịch",
                                         "Nghị quyết liên tịch",
                                         "Bộ luật",
                                         "Luật",
                                         "Pháp lệnh",
                                         "Nghị định",
                                         "Nghị quyết",
                                         "Quyết định",
                                         "Thông tư",
                                         "Chỉ thị",
                                         "Hiến pháp",
                                         "Lệnh",
                                         "Sắc lệnh",
                                         NULL};

/* Read the document number that starts at NUM (a digit) into OUT (cleaned:
 * no spaces) and return where it ends. Notes write numbers with stray
 * spaces around a separator ("18 /2018/TT-NHNN", "02/2020/ TT-BCT",
 * "71/2015 /TT-BTC", "21 - TC/TCT"), or a space for the hyphen before the
 * issuer ("60 TC/TCT"), and a department in parentheses ("04/TT-BCA(X13)");
 * stopping at the first space cut 23 of them to "18", "02/2020/". */
static const char *read_number(const char *num, const char *e, char *out, size_t cap)
{
	const char *q = num;
	size_t n = 0;
	int open = 0;
	for (;;) {
		while (q < e && !isspace((unsigned char)*q) && *q != ',' && *q != ';' &&
		       (*q != ')' || open)) {
			if (*q == '(')
				open = 1;
			else if (*q == ')')
				open = 0;
			if (n + 1 < cap)
				out[n++] = *q;
			q++;
		}
		const char *r = q;
		while (r < e && *r == ' ' && r - q < 3)
			r++;
		if (r == q || r >= e || n == 0)
			break;
		char last = out[n - 1];
		if (last == '/' || last == '-') {
			q = r; /* "02/2020/ TT-BCT", "…/UBTVQH15-CP- ĐCTUBTWMTTQVN" */
			continue;
		}
		if (*r == '/' || (*r == '-' && r + 1 < e &&
		                  (r[1] == ' ' || isupper((unsigned char)r[1]) || !strncmp(r + 1, "Đ", 2)))) {
			if (n + 1 < cap)
				out[n++] = *r;
			q = r + 1; /* "18 /2018/TT-NHNN", "21 - TC/TCT", "01/2012/QĐ -TTg" */
			while (q < e && *q == ' ' && q - r < 3)
				q++;
			continue;
		}
		/* "60 TC/TCT": digits, then capitals holding the issuer's slash */
		size_t digits = 0;
		while (digits < n && isdigit((unsigned char)out[digits]))
			digits++;
		const char *w = r;
		while (w < e && (isupper((unsigned char)*w) || *w == '/'))
			w++;
		if (digits == n && w > r + 2 && memchr(r, '/', (size_t)(w - r)) && r[0] != '/' &&
		    (w >= e || !isalnum((unsigned char)*w))) {
			if (n + 1 < cap)
				out[n++] = '-';
			q = r;
			continue;
		}
		break;
	}
	while (n > 0 && (out[n - 1] == '.' || out[n - 1] == ':' || out[n - 1] == '/' || out[n - 1] == '-'))
		n--; /* "77/2016/NĐ-CP., có hiệu lực" */
	while (n > 0 && ((unsigned char)out[n - 1] & 0xC0) == 0x80 && n + 1 >= cap)
		n--; /* do not cut a character */
	out[n] = '\0';
	return q;
}

/* Where the number after " số " starts: right after it, or after a few
 * words that repeat the type ("Thông tư số liên tịch 144/2007/...",
 * "Thông tư số Thông tư 01/2025/..."). NULL when no number follows: "Pháp
 * lệnh số Không số Về Hàm, ..." has none, "một số nội dung" is not one, and
 * a date is not a number. */
static const char *number_after_so(const char *num, const char *e)
{
	const char *d = num;
	while (d < e && d - num < 40 && !(isdigit((unsigned char)*d) && (d == num || d[-1] == ' ')))
		d++;
	if (d >= e || d - num >= 40)
		return NULL;
	for (const char *c = num; c < d; c++)
		if (*c == ',' || *c == '(' || *c == ';')
			return NULL;
	tc_date date;
	if (parse_date(d, e, &date))
		return NULL;
	return d;
}

/* Parse one link's text: "Điều 1 Luật số 57/2020/QH14 Luật Thanh niên ngày
 * 16/06/2020 của Quốc hội, có hiệu lực thi hành kể từ ngày 01/01/2021". */
static void parse_segment(const char *s, const char *e, note_link *l)
{
	while (s < e && (*s == '(' || isspace((unsigned char)*s)))
		s++;
	/* the tail naming the next link's relation is not this link's text */
	const char *by = find_last(s, e, " bởi");
	if (by && e - by <= 6)
		e = by;
	const char *effective = find_word(s, e, "có hiệu lực");
	static const char so_word[] = " số ";
	const size_t so_len = sizeof so_word - 1;
	/* the number: after the type with no "số" ("Điều 1 Thông tư liên tịch
	 * 13/2014/TTLT-BNNPTNT-BKHĐT-BTC hướng dẫn một số nội dung thực hiện
	 * Quyết định số 11/2011/QĐ-TTg ..."), else after the first " số " that
	 * a number follows */
	const char *so = NULL, *num = NULL;
	const char *lead = s, *lead_end = find_word(s, e, "Điều ");
	if (lead_end) {
		lead = lead_end + strlen("Điều ");
		while (lead < e && !isspace((unsigned char)*lead) && *lead != ',')
			lead++;
		while (lead < e && isspace((unsigned char)*lead))
			lead++;
	}
	for (size_t k = 0; type_words[k]; k++) {
		size_t n = strlen(type_words[k]);
		if (starts_with(lead, type_words[k]) && lead + n + 1 < e && lead[n] == ' ' &&
		    isdigit((unsigned char)lead[n + 1])) {
			const char *tok_end = lead + n + 1;
			while (tok_end < e && !isspace((unsigned char)*tok_end) && *tok_end != ',')
				tok_end++;
			if (memchr(lead + n + 1, '/', (size_t)(tok_end - lead - n - 1))) {
				so = lead + n;
				num = lead + n + 1;
			}
			break;
		}
	}
	for (const char *p = s; !so && p + so_len < e; p++)
		if (!strncmp(p, so_word, so_len) && (num = number_after_so(p + so_len, e)))
			so = p;
	const char *prefix_end = so ? so : effective ? effective : e;
	/* article: up to and including the token after the last "Điều " */
	const char *dieu = find_last(s, prefix_end, "Điều ");
	const char *art_end = s;
	if (dieu) {
		art_end = dieu + strlen("Điều ");
		while (art_end < prefix_end && !isspace((unsigned char)*art_end) && *art_end != ',')
			art_end++;
		copy_trim(l->article, sizeof l->article, s, art_end);
	}
	const char *t = art_end;
	while (t < prefix_end && isspace((unsigned char)*t))
		t++;
	size_t name_len = 0;
	for (size_t k = 0; type_words[k] && !name_len; k++)
		if (starts_with(t, type_words[k]))
			name_len = strlen(type_words[k]);
	if (so) {
		copy_trim(l->type_name, sizeof l->type_name, art_end, so);
		if (num > so + so_len && find_word(so + so_len, num, "liên tịch") &&
		    strlen(l->type_name) + 12 < sizeof l->type_name)
			strcat(l->type_name, " liên tịch");
		const char *rest = read_number(num, e, l->number, sizeof l->number);
		while (rest < e && (*rest == '.' || *rest == ':' || *rest == ')'))
			rest++;
		while (rest < e && isspace((unsigned char)*rest))
			rest++;
		if (rest < e && *rest != ',' && (!effective || rest < effective)) {
			/* long form: title up to the last " ngày <date> của " */
			const char *limit = effective ? effective : e;
			const char *title_end = NULL, *issuer = NULL;
			tc_date issue = 0;
			for (const char *p = find_word(rest, limit, " ngày "); p;
			     p = find_word(p + 1, limit, " ngày ")) {
				tc_date d;
				size_t used = parse_date(p + strlen(" ngày "), limit, &d);
				if (!used)
					continue;
				const char *after = p + strlen(" ngày ") + used;
				if (after < limit && !strncmp(after, " của ", strlen(" của "))) {
					title_end = p;
					issue = d;
					issuer = after + strlen(" của ");
				}
			}
			if (title_end) {
				copy_trim(l->title, sizeof l->title, rest, title_end);
				l->issue_date = issue;
				copy_trim(l->issuer, sizeof l->issuer, issuer, limit);
				l->is_long = 1;
			} else {
				/* a title without date or issuer */
				copy_trim(l->title, sizeof l->title, rest, limit);
				l->is_long = l->title[0] != '\0';
			}
		}
	} else if (name_len) {
		/* no number ("Điều 2 Pháp lệnh Về Quyền ưu đãi ..., có hiệu lực ...",
		 * "Điều 1 Pháp lệnh số Không số Về Hàm, ..."): the type is the first
		 * words; the rest is the title */
		const char *title = t + name_len;
		while (title < prefix_end && isspace((unsigned char)*title))
			title++;
		if (starts_with(title, "số Không số "))
			title += strlen("số Không số ");
		copy_trim(l->type_name, sizeof l->type_name, t, t + name_len);
		copy_trim(l->title, sizeof l->title, title, prefix_end);
		l->is_long = l->title[0] != '\0';
	}
	l->type = tc_doc_type_from_name(l->type_name);
	if (l->type == TC_TYPE_UNKNOWN && l->number[0])
		l->type = type_from_number(l->number);
	if (effective) {
		size_t used;
		find_date(effective, e, &l->effective_date, &used);
	}
}

/* ItemID from a vbpl URL ("...aspx?ItemID=142850#Chuong_I_Dieu_1"). */
static void item_id_of(const char *href, size_t n, char *out, size_t cap)
{
	out[0] = '\0';
	const char *m = memmem(href, n, "ItemID=", 7);
	if (!m)
		return;
	const char *v = m + 7, *ve = v;
	while (ve < href + n && isdigit((unsigned char)*ve))
		ve++;
	if (ve > v && (size_t)(ve - v) < cap) {
		memcpy(out, v, (size_t)(ve - v));
		out[ve - v] = '\0';
	}
}

/* Parse the note HTML [S, E) into NOTE; the clean note text into TEXT. */
static int parse_note(pd_state *st, const char *s, size_t n, parsed_note *note, tc_buf *text)
{
	tc_html *h = &st->html;
	note->count = note->dropped = 0;
	if (tc__html_walk(h, s, n) < 0)
		return -1;
	tc_buf_reset(text);
	if (tc__html_clean(h, h->raw.data ? h->raw.data : "", h->raw.len, 0, text) < 0)
		return -1;
	/* segments: one per link (with a vbpl href), the first from the start */
	size_t starts[NOTE_MAX_LINKS + 1];
	const tc_html_link *links[NOTE_MAX_LINKS];
	size_t k = 0;
	for (size_t i = 0; i < h->link_count; i++) {
		if (!h->links[i].href || h->links[i].href_len == 0)
			continue;
		if (k > 0) {
			/* a link nested in another or glued to it ("((<a>Điều 2 ...")
			 * starts no new segment: the segment so far has no text */
			int has_text = 0;
			for (size_t q = starts[k - 1]; q < h->links[i].start && !has_text; q++)
				has_text = isalnum((unsigned char)h->raw.data[q]);
			if (!has_text)
				continue;
		}
		if (k == NOTE_MAX_LINKS) {
			note->dropped++;
			continue;
		}
		links[k] = &h->links[i];
		starts[k] = k == 0 ? 0 : h->links[i].start;
		k++;
	}
	size_t segs = k ? k : 1;
	if (!k)
		starts[0] = 0;
	starts[segs] = h->raw.len;
	for (size_t i = 0; i < segs; i++) {
		note_link *l = &note->links[note->count];
		link_clear(l);
		tc_buf_reset(&st->tmp);
		if (tc__html_clean(h, h->raw.data + starts[i], starts[i + 1] - starts[i], 0, &st->tmp) < 0)
			return -1;
		parse_segment(st->tmp.data ? st->tmp.data : "",
		              st->tmp.data ? st->tmp.data + st->tmp.len : "", l);
		if (i == 0)
			l->relation = TC_SOURCE_ORIGINAL;
		else {
			const note_link *prev = l - 1;
			(void)prev;
			/* the relation is named at the end of the previous segment */
			tc_buf_reset(&st->key);
			if (tc__html_clean(h, h->raw.data + starts[i - 1], starts[i] - starts[i - 1], 0,
			                   &st->key) < 0)
				return -1;
			l->relation =
			        relation_of(st->key.data ? st->key.data : "", st->key.data + st->key.len);
		}
		if (k) {
			item_id_of(links[i]->href, links[i]->href_len, l->item_id, sizeof l->item_id);
			size_t ul = links[i]->href_len < sizeof l->url - 1 ? links[i]->href_len
			                                                   : sizeof l->url - 1;
			memcpy(l->url, links[i]->href, ul);
			l->url[ul] = '\0';
		}
		note->count++;
	}
	return 0;
}

/* The document of a link, created when new. Returns its index, -1 when the
 * link has no number (or memory ran out: *NOMEM set). */
static long doc_for_link(pd_state *st, const note_link *l, int *nomem)
{
	if (!l->number[0] || tc__doc_number_key(l->number, &st->key) < 0)
		return -1;
	long idx = strmap_get(&st->doc_by_key, st->key.data);
	if (idx < 0) {
		if (st->doc_count == st->doc_cap) {
			size_t cap = st->doc_cap ? st->doc_cap * 2 : 1024;
			pd_doc *docs = tc_realloc(st->docs, cap * sizeof *docs);
			if (!docs)
				goto nomem;
			st->docs = docs;
			st->doc_cap = cap;
		}
		pd_doc *d = &st->docs[st->doc_count];
		memset(d, 0, sizeof *d);
		d->key = tc_strdup(st->key.data);
		d->number = tc_strdup(l->number);
		st->doc_count++;
		if (!d->key || !d->number || strmap_put(&st->doc_by_key, d->key, (long)st->doc_count - 1) < 0)
			goto nomem;
		idx = (long)st->doc_count - 1;
	}
	pd_doc *d = &st->docs[idx];
	if (!d->type && l->type)
		d->type = l->type;
	if (!d->type_name && l->type_name[0] && !(d->type_name = tc_strdup(l->type_name)))
		goto nomem;
	/* every link states when its document took effect ("... bởi Điều 11
	 * Luật số 28/2018/QH14 có hiệu lực thi hành kể từ ngày 01/01/2019"):
	 * the original link first, an amending one for a document that only
	 * amends */
	if (l->effective_date &&
	    (!d->effective_date || (l->relation == TC_SOURCE_ORIGINAL && !d->date_from_original))) {
		d->effective_date = l->effective_date;
		d->date_from_original = l->relation == TC_SOURCE_ORIGINAL;
	}
	if (!d->item_id && l->item_id[0]) {
		d->item_id = tc_strdup(l->item_id);
		d->url = tc_strdup(l->url);
		if (!d->item_id || !d->url || strmap_put(&st->doc_by_item, d->item_id, idx) < 0)
			goto nomem;
		/* the document's page, without the article fragment */
		char *hash = strchr(d->url, '#');
		if (hash)
			*hash = '\0';
	}
	if (l->is_long && !d->has_long) {
		d->has_long = 1;
		d->title_from = TC_FROM_NOTE;
		if ((l->title[0] && !(d->title = tc_strdup(l->title))) ||
		    (l->issuer[0] && !(d->issuer = tc_strdup(l->issuer))))
			goto nomem;
		d->issue_date = l->issue_date;
	}
	return idx;
nomem:
	*nomem = 1;
	return -1;
}

/* A cross-reference to a source document's article names the document:
 * "... của Luật 45/2013/QH13 Đất đai ban hành ngày 29/11/2013". Keep the
 * first title and date seen for each number. Returns -1 on ENOMEM. */
static int note_label(pd_state *st, const char *s, const char *e)
{
	const char *of = NULL;
	size_t name_len = 0;
	for (const char *p = find_last(s, e, " của "); p; p = p > s ? find_last(s, p, " của ") : NULL) {
		const char *t = p + strlen(" của ");
		for (size_t k = 0; type_words[k] && !name_len; k++) {
			size_t n = strlen(type_words[k]);
			if (starts_with(t, type_words[k]) && t + n + 1 < e && t[n] == ' ' &&
			    isdigit((unsigned char)t[n + 1]))
				name_len = n;
		}
		if (name_len) {
			of = t;
			break;
		}
	}
	const char *issued = of ? find_last(of, e, " ban hành ngày ") : NULL;
	if (!issued)
		return 0;
	char number[128];
	const char *title = read_number(of + name_len + 1, issued, number, sizeof number);
	char title_buf[1024];
	copy_trim(title_buf, sizeof title_buf, title, issued);
	tc_date date = 0;
	parse_date(issued + strlen(" ban hành ngày "), e, &date);
	if (!number[0] || !title_buf[0] || tc__doc_number_key(number, &st->key) < 0 ||
	    strmap_get(&st->label_by_key, st->key.data) >= 0)
		return 0;
	pd_label *labels = tc_realloc(st->labels, (st->label_count + 1) * sizeof *labels);
	if (!labels)
		return -1;
	st->labels = labels;
	pd_label *l = &labels[st->label_count++];
	l->issue_date = date;
	l->title = tc_strdup(title_buf);
	if (!l->title || strmap_put(&st->label_by_key, st->key.data, (long)st->label_count - 1) < 0)
		return -1;
	return 0;
}

/* After pass 1: a document no long note describes takes its title (and
 * issue date) from a cross-reference's label. */
static int apply_labels(pd_state *st)
{
	for (size_t i = 0; i < st->doc_count; i++) {
		pd_doc *d = &st->docs[i];
		if (d->title)
			continue;
		long k = strmap_get(&st->label_by_key, d->key);
		if (k < 0)
			continue;
		if (!(d->title = tc_strdup(st->labels[k].title)))
			return -1;
		d->title_from = TC_FROM_LABEL;
		if (!d->issue_date)
			d->issue_date = st->labels[k].issue_date;
	}
	return 0;
}

/* ---- the files ---- */

typedef enum { M_NONE, M_CHUONG, M_DIEU, M_GHICHU, M_NOIDUNG, M_CHIDAN } marker_kind;

static const struct {
	const char *cls;
	marker_kind kind;
} marker_classes[] = {
        {"pChuong", M_CHUONG},   {"pDieu", M_DIEU},     {"pGhiChu", M_GHICHU},
        {"pNoiDung", M_NOIDUNG}, {"pChiDan", M_CHIDAN},
};

/* The next marker "<p class='pXxx'>" at or after FROM: its kind, *START
 * (at "<p", never before FROM) and *BODY (after ">"). */
static marker_kind next_marker(const char *from, const char *end, const char **start, const char **body)
{
	const char *p = from;
	while (p < end) {
		const char *m = memmem(p, (size_t)(end - p), "class=", 6);
		if (!m)
			return M_NONE;
		const char *v = m + 6;
		p = v;
		if (v >= end || (*v != '\'' && *v != '"'))
			continue;
		v++;
		for (size_t k = 0; k < sizeof marker_classes / sizeof marker_classes[0]; k++) {
			size_t n = strlen(marker_classes[k].cls);
			if ((size_t)(end - v) > n && !memcmp(v, marker_classes[k].cls, n) &&
			    (v[n] == '\'' || v[n] == '"')) {
				/* back to "<p", on to ">" */
				const char *lt = m, *floor = m - from > 64 ? m - 64 : from;
				while (lt > floor && *lt != '<')
					lt--;
				const char *gt = memchr(v + n, '>', (size_t)(end - v - n));
				if (*lt != '<' || !gt)
					break;
				*start = lt;
				*body = gt + 1;
				return marker_classes[k].kind;
			}
		}
	}
	return M_NONE;
}

static long count_lines(const char *from, const char *to)
{
	long n = 0;
	for (const char *p = from; p < to && (p = memchr(p, '\n', (size_t)(to - p))); p++)
		n++;
	return n;
}

/* Report the invalid UTF-8 that the walks met since the last report (the
 * text keeps U+FFFD in its place), as a problem of RECORD (NULL: of the
 * file), and start counting afresh. */
static void report_invalid_utf8(pd_state *st, const char *path, const char *record)
{
	tc_html *h = &st->html;
	if (h->invalid_bytes && h->first_invalid >= st->file.data &&
	    h->first_invalid < st->file.data + st->file.len) {
		long long offset = h->first_invalid - st->file.data;
		tc__report(
		        st->loader, TC_PROBLEM_ENCODING, 0, path,
		        1 + count_lines(st->file.data, h->first_invalid), offset, record,
		        "invalid UTF-8: %zu byte(s) replaced by U+FFFD, the first at byte offset %lld; the "
		        "rest of the text is kept",
		        h->invalid_bytes, offset);
	}
	h->invalid_bytes = 0;
	h->first_invalid = NULL;
}

/* The article being built. */
typedef struct pd_article {
	int open;
	long line;
	char *anchor, *number, *title, *heading_text;
	const char *note_html, *body_html;
	size_t note_len, body_len;
	const char *refs_html[32];
	size_t refs_len[32];
	size_t ref_count;
} pd_article;

static void article_reset(pd_article *a)
{
	tc_free(a->anchor);
	tc_free(a->number);
	tc_free(a->title);
	tc_free(a->heading_text);
	memset(a, 0, sizeof *a);
}

static char *arena_str(tc_loader *loader, const char *s)
{
	return s && s[0] ? tc_arena_strdup(loader->arena, s) : NULL;
}

/* Build the record of article A and deliver it. Returns 1 to stop, -1 on
 * ENOMEM, 0 otherwise. */
static int emit_article(pd_state *st, pd_article *a, const pd_demuc *dm, const pd_chude *cd, const char *path,
                        long order)
{
	tc_loader *loader = st->loader;
	tc_arena *arena = loader->arena;
	tc_record *rec = tc_arena_calloc(arena, sizeof *rec);
	tc_codified *cod = tc_arena_calloc(arena, sizeof *cod);
	if (!rec || !cod)
		return -1;
	rec->kind = TC_RECORD_CODIFIED;
	rec->codified = cod;
	rec->source_name = "phapdien";
	rec->source_path = path;
	cod->chude_number = cd ? cd->number : NULL;
	cod->chude_name = cd ? cd->name : NULL;
	cod->demuc_id = dm->id;
	cod->demuc_number = dm->number;
	cod->demuc_name = dm->name;
	cod->chapter = arena_str(loader, st->chapter);
	cod->article_number = arena_str(loader, a->number);
	cod->anchor = arena_str(loader, a->anchor);
	cod->order = order;
	int occurrence = 1;
	if (a->anchor) {
		long seen = strmap_get(&st->anchors, a->anchor);
		occurrence = seen < 0 ? 1 : (int)seen + 1;
		if (strmap_put(&st->anchors, a->anchor, occurrence) < 0)
			return -1;
	}
	cod->anchor_occurrence = occurrence;
	/* The export's key: the đề mục's GUID and the article's anchor. */
	const char *key;
	if (a->anchor)
		key = occurrence > 1 ? tc_arena_printf(arena, "pd/%s/%s#%d", dm->id, a->anchor, occurrence)
		                     : tc_arena_printf(arena, "pd/%s/%s", dm->id, a->anchor);
	else
		key = tc_arena_printf(arena, "pd/%s/~%ld", dm->id, order + 1);
	if (!key)
		return -1;
	/* The id a reader can use: the article's number in the codification
	 * ("pd/36.3.LQ.1"), "~2" after a number the export uses twice; the
	 * export's key when there is no usable number, else kept as its former
	 * id, which still resolves. */
	int number_uses = 0;
	if (a->number && *a->number && !strpbrk(a->number, "/#?~ \t\n")) {
		long seen = strmap_get(&st->numbers, a->number);
		number_uses = seen < 0 ? 1 : (int)seen + 1;
		if (strmap_put(&st->numbers, a->number, number_uses) < 0)
			return -1;
	}
	if (number_uses) {
		rec->id = number_uses > 1 ? tc_arena_printf(arena, "pd/%s~%d", a->number, number_uses)
		                          : tc_arena_printf(arena, "pd/%s", a->number);
		rec->former_id = key;
	} else {
		rec->id = key;
	}
	if (!rec->id)
		return -1;
	if (number_uses > 1)
		tc__report(loader, TC_PROBLEM_DUPLICATE, 0, path, a->line, -1, rec->id,
		           "article number %s already used by another article of the codification: id "
		           "suffixed ~%d",
		           a->number, number_uses);
	if (!a->anchor)
		tc__report(loader, TC_PROBLEM_MISSING_FIELD, 0, path, a->line, -1, rec->id,
		           "article heading has no <a name> anchor: %s made from its position",
		           rec->former_id ? "its former id" : "id");
	else if (occurrence > 1)
		tc__report(loader, TC_PROBLEM_DUPLICATE, 0, path, a->line, -1, rec->id,
		           "anchor already used by another article of this file: %s suffixed #%d",
		           rec->former_id ? "its former id" : "id", occurrence);
	rec->title = arena_str(loader, a->title);

	/* the note */
	if (a->note_html) {
		parsed_note *note = st->note;
		if (parse_note(st, a->note_html, a->note_len, note, &st->text) < 0)
			return -1;
		cod->note = tc_arena_strndup(arena, st->text.data ? st->text.data : "", st->text.len);
		cod->sources =
		        note->count ? tc_arena_calloc(arena, note->count * sizeof *cod->sources) : NULL;
		for (size_t i = 0; i < note->count; i++) {
			const note_link *l = &note->links[i];
			tc_source_link *out = &cod->sources[cod->source_count++];
			out->relation = l->relation;
			out->article = arena_str(loader, l->article);
			out->doc_number = arena_str(loader, l->number);
			out->doc_type = l->type;
			out->doc_title = arena_str(loader, l->title);
			out->issuer = arena_str(loader, l->issuer);
			out->issue_date = l->issue_date;
			out->effective_date = l->effective_date;
			out->vbpl_item_id = arena_str(loader, l->item_id);
			out->url = arena_str(loader, l->url);
			/* a short note: the long note's document */
			long idx = -1;
			if (l->number[0] && tc__doc_number_key(l->number, &st->key) == 0)
				idx = strmap_get(&st->doc_by_key, st->key.data);
			if (idx < 0 && l->item_id[0])
				idx = strmap_get(&st->doc_by_item, l->item_id);
			if (idx >= 0) {
				const pd_doc *d = &st->docs[idx];
				if (!out->doc_title && d->title)
					out->doc_title = d->title;
				if (!out->issuer && d->issuer)
					out->issuer = d->issuer;
				if (!out->issue_date)
					out->issue_date = d->issue_date;
				if (out->doc_type == TC_TYPE_UNKNOWN)
					out->doc_type = d->type;
			}
		}
		if (note->count == 0 || !note->links[0].number[0] || !note->links[0].effective_date)
			tc__report(loader, TC_PROBLEM_NOTE, 0, path, a->line, -1, rec->id,
			           "source note not fully parsed (%s): %.200s",
			           note->count == 0 || !note->links[0].number[0] ? "no document number"
			                                                         : "no effective date",
			           cod->note ? cod->note : "");
		if (cod->source_count)
			rec->source_url = cod->sources[0].url;
	}

	/* cross-references */
	for (size_t r = 0; r < a->ref_count; r++) {
		tc_html *h = &st->html;
		if (tc__html_walk(h, a->refs_html[r], a->refs_len[r]) < 0)
			return -1;
		size_t n = 0;
		for (size_t i = 0; i < h->link_count; i++)
			n += h->links[i].end != (size_t)-1;
		if (!n)
			continue;
		tc_cross_ref *refs = tc_arena_calloc(arena, (cod->cross_ref_count + n) * sizeof *refs);
		if (!refs)
			return -1;
		if (cod->cross_ref_count)
			memcpy(refs, cod->cross_refs, cod->cross_ref_count * sizeof *refs);
		cod->cross_refs = refs;
		for (size_t i = 0; i < h->link_count; i++) {
			const tc_html_link *l = &h->links[i];
			if (l->end == (size_t)-1)
				continue;
			tc_cross_ref *x = &refs[cod->cross_ref_count++];
			tc_buf_reset(&st->tmp);
			if (tc__html_clean(h, h->raw.data + l->start, l->end - l->start, 0, &st->tmp) < 0)
				return -1;
			x->label = tc_arena_strndup(arena, st->tmp.data ? st->tmp.data : "", st->tmp.len);
			if (l->anchor)
				x->anchor = tc_arena_strndup(arena, l->anchor, l->anchor_len);
			if (l->href && l->href_len > 4 && strncmp(l->href, "#", 1) != 0)
				x->url = tc_arena_strndup(arena, l->href, l->href_len);
		}
	}

	/* the body */
	tc_node *root = tc__node_new(loader, NULL, TC_NODE_ARTICLE);
	if (!root)
		return -1;
	root->number = cod->article_number;
	root->heading = rec->title;
	rec->body = root;
	if (a->body_html) {
		tc_html *h = &st->html;
		if (tc__html_walk(h, a->body_html, a->body_len) < 0)
			return -1;
		if (h->broken_tags)
			tc__report(loader, TC_PROBLEM_SYNTAX, 0, path, a->line, -1, rec->id,
			           "%ld broken tag(s) such as \"<p1.\" read as paragraph starts",
			           h->broken_tags);
		size_t main_end = h->footnote_count ? h->footnotes[0].start : h->raw.len;
		tc_buf_reset(&st->text);
		if (tc__html_clean(h, h->raw.data ? h->raw.data : "", main_end, 1, &st->text) < 0)
			return -1;
		const char *text = tc_arena_strndup(arena, st->text.data ? st->text.data : "", st->text.len);
		if (!text)
			return -1;
		long made = tc__parse_structure(loader, root, text, st->text.len, TC_STRUCTURE_ARTICLE_BODY);
		if (made < 0)
			return -1;
		if (!root->first_child && (!root->text || !root->text[0]))
			root->text = text;
		for (size_t f = 0; f < h->footnote_count; f++) {
			size_t fs = h->footnotes[f].start;
			size_t fe = f + 1 < h->footnote_count ? h->footnotes[f + 1].start : h->raw.len;
			tc_buf_reset(&st->tmp);
			if (tc__html_clean(h, h->raw.data + fs, fe - fs, 1, &st->tmp) < 0)
				return -1;
			const char *t = st->tmp.data ? st->tmp.data : "";
			/* drop the "[1]" label: the number says it */
			if (*t == '[') {
				const char *close = strchr(t, ']');
				if (close && close - t < 8) {
					t = close + 1;
					while (*t == ' ')
						t++;
				}
			}
			tc_node *fn = tc__node_new(loader, root, TC_NODE_NOTE);
			if (!fn || !(fn->number = tc_arena_printf(arena, "%d", h->footnotes[f].number)) ||
			    !(fn->text = tc_arena_strdup(arena, t)))
				return -1;
		}
	} else {
		tc__report(loader, TC_PROBLEM_NO_BODY, 0, path, a->line, -1, rec->id,
		           "article has no pNoiDung");
	}
	report_invalid_utf8(st, path, rec->id);
	return tc__deliver(loader, rec) ? 1 : 0;
}

/* Parse the heading "Điều 36.3.LQ.1. Thanh niên" (text already clean). */
static int parse_heading(pd_article *a, const char *text)
{
	const char *p = text;
	if (starts_with(p, "Điều "))
		p += strlen("Điều ");
	const char *num = p;
	while (*p && *p != ' ')
		p++;
	const char *num_end = p;
	while (num_end > num && num_end[-1] == '.')
		num_end--;
	while (*p == ' ')
		p++;
	a->number = num_end > num ? tc_strndup(num, (size_t)(num_end - num)) : NULL;
	a->title = *p ? tc_strdup(p) : NULL;
	a->heading_text = tc_strdup(text);
	return (num_end > num && !a->number) || (*p && !a->title) || !a->heading_text ? -1 : 0;
}

static const char *content_start(const char *data, size_t len)
{
	const char *m = memmem(data, len, "class='_content'", 16);
	if (!m)
		m = memmem(data, len, "class=\"_content\"", 16);
	if (!m)
		return NULL;
	const char *gt = memchr(m, '>', len - (size_t)(m - data));
	return gt ? gt + 1 : NULL;
}

/* Pass 1 over one file: the notes only. */
static int prescan_file(pd_state *st, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *start, *body;
	parsed_note *note = st->note;
	marker_kind k = next_marker(p, end, &start, &body);
	while (k != M_NONE) {
		const char *nstart, *nbody;
		marker_kind nk = next_marker(body, end, &nstart, &nbody);
		const char *seg_end = nk == M_NONE ? end : nstart;
		if (k == M_GHICHU) {
			if (parse_note(st, body, (size_t)(seg_end - body), note, &st->text) < 0)
				return -1;
			for (size_t i = 0; i < note->count; i++) {
				int nomem = 0;
				doc_for_link(st, &note->links[i], &nomem);
				if (nomem)
					return -1;
			}
		} else if (k == M_CHIDAN) {
			tc_html *h = &st->html;
			if (tc__html_walk(h, body, (size_t)(seg_end - body)) < 0)
				return -1;
			for (size_t i = 0; i < h->link_count; i++) {
				const tc_html_link *l = &h->links[i];
				if (l->end == (size_t)-1 || !l->href ||
				    !memmem(l->href, l->href_len, "ItemID=", 7))
					continue;
				tc_buf_reset(&st->tmp);
				if (tc__html_clean(h, h->raw.data + l->start, l->end - l->start, 0,
				                   &st->tmp) < 0 ||
				    note_label(st, st->tmp.data ? st->tmp.data : "",
				               st->tmp.data ? st->tmp.data + st->tmp.len : "") < 0)
					return -1;
			}
		}
		k = nk;
		start = nstart;
		body = nbody;
	}
	return 0;
}

/* Pass 2 over one file: the records. Returns 1 to stop, -1 on ENOMEM. */
static int load_file(pd_state *st, const char *path, const char *data, size_t len, const pd_demuc *dm)
{
	tc_loader *loader = st->loader;
	long cd_idx = strmap_get(&st->chude_by_id, dm->chude_id);
	const pd_chude *cd = cd_idx >= 0 ? &st->chude[cd_idx] : NULL;
	const char *content = content_start(data, len);
	strmap_clear(&st->anchors);
	tc_free(st->chapter);
	st->chapter = NULL;
	st->chapter_open = 0;
	if (!content) {
		tc__report(loader, TC_PROBLEM_SYNTAX, 1, path, 0, -1, NULL,
		           "no <div class='_content'>: not a pháp điển đề mục file");
		return 0;
	}
	/* pass 1 walked the notes already: count this pass's invalid UTF-8 only */
	st->html.invalid_bytes = 0;
	st->html.first_invalid = NULL;
	const char *end = data + len, *start, *body;
	long line = 1 + count_lines(data, content);
	const char *line_at = content;
	pd_article a = {0};
	long order = 0, chapter_refs = 0;
	int rc = 0;
	marker_kind k = next_marker(content, end, &start, &body);
	while (k != M_NONE && rc == 0) {
		const char *nstart, *nbody;
		marker_kind nk = next_marker(body, end, &nstart, &nbody);
		const char *seg_end = nk == M_NONE ? end : nstart;
		line += count_lines(line_at, start);
		line_at = start;
		size_t seg_len = (size_t)(seg_end - body);
		if ((k == M_CHUONG || k == M_DIEU) && a.open) {
			rc = emit_article(st, &a, dm, cd, path, order++);
			article_reset(&a);
		}
		if (rc)
			break;
		switch (k) {
		case M_CHUONG: {
			if (tc__html_walk(&st->html, body, seg_len) < 0) {
				rc = -1;
				break;
			}
			tc_buf_reset(&st->text);
			if (tc__html_clean(&st->html, st->html.raw.data ? st->html.raw.data : "",
			                   st->html.raw.len, 0, &st->text) < 0) {
				rc = -1;
				break;
			}
			const char *t = st->text.data ? st->text.data : "";
			int new_chapter =
			        !st->chapter_open || starts_with(t, "Chương") || starts_with(t, "CHƯƠNG");
			if (new_chapter) {
				tc_free(st->chapter);
				st->chapter = tc_strdup(t);
			} else if (t[0]) {
				size_t n = strlen(st->chapter) + strlen(t) + 2;
				char *joined = tc_malloc(n);
				if (joined) {
					snprintf(joined, n, "%s %s", st->chapter, t);
					tc_free(st->chapter);
				}
				st->chapter = joined;
			}
			if (!st->chapter)
				rc = -1;
			st->chapter_open = 1;
			break;
		}
		case M_DIEU: {
			st->chapter_open = 0;
			a.open = 1;
			a.line = line;
			if (tc__html_walk(&st->html, body, seg_len) < 0) {
				rc = -1;
				break;
			}
			for (size_t i = 0; i < st->html.link_count; i++)
				if (st->html.links[i].name && !a.anchor) {
					a.anchor = tc_strndup(st->html.links[i].name,
					                      st->html.links[i].name_len);
					if (!a.anchor)
						rc = -1;
				}
			tc_buf_reset(&st->text);
			if (rc ||
			    tc__html_clean(&st->html, st->html.raw.data ? st->html.raw.data : "",
			                   st->html.raw.len, 0, &st->text) < 0 ||
			    parse_heading(&a, st->text.data ? st->text.data : "") < 0)
				rc = -1;
			break;
		}
		case M_GHICHU:
		case M_NOIDUNG:
		case M_CHIDAN:
			st->chapter_open = 0;
			if (!a.open) {
				if (k != M_CHIDAN)
					tc__report(loader, TC_PROBLEM_SYNTAX, 0, path, line, -1, NULL,
					           "%s outside an article: ignored",
					           k == M_GHICHU ? "pGhiChu" : "pNoiDung");
				else /* under a chapter heading: reported once per file below */
					chapter_refs++;
				break;
			}
			if (k == M_GHICHU) {
				if (a.note_html)
					tc__report(loader, TC_PROBLEM_DUPLICATE, 0, path, line, -1, a.anchor,
					           "second pGhiChu for one article: the first is kept");
				else {
					a.note_html = body;
					a.note_len = seg_len;
				}
			} else if (k == M_NOIDUNG) {
				if (a.body_html) /* a second body: joined */
					a.body_len = (size_t)(seg_end - a.body_html);
				else {
					a.body_html = body;
					a.body_len = seg_len;
				}
			} else if (a.ref_count < 32) {
				a.refs_html[a.ref_count] = body;
				a.refs_len[a.ref_count++] = seg_len;
			}
			break;
		case M_NONE: break;
		}
		k = nk;
		start = nstart;
		body = nbody;
	}
	if (rc == 0 && a.open)
		rc = emit_article(st, &a, dm, cd, path, order++);
	article_reset(&a);
	if (rc == 0) /* in a last chapter heading with no article under it */
		report_invalid_utf8(st, path, NULL);
	if (rc == 0 && order == 0)
		loader->summary->demuc_empty++;
	if (rc == 0 && chapter_refs)
		tc__report(loader, TC_PROBLEM_OTHER, 0, path, 0, -1, NULL,
		           "%ld cross-reference note(s) (pChiDan) under a chapter heading, not an article: "
		           "the model "
		           "has no place for them, not kept",
		           chapter_refs);
	return rc;
}

/* Whether a file looks like binary garbage rather than HTML text. */
static int looks_binary(const char *data, size_t len, long long *offset)
{
	size_t check = len < 65536 ? len : 65536;
	size_t bad = 0;
	for (size_t i = 0; i < check; i++) {
		unsigned char c = (unsigned char)data[i];
		if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
			if (!bad)
				*offset = (long long)i;
			bad++;
		}
	}
	return bad > 0 && bad * 100 >= check / 100 + 1;
}

static void state_free(pd_state *st)
{
	for (size_t i = 0; i < st->chude_count; i++) {
		tc_free(st->chude[i].id);
		tc_free(st->chude[i].number);
		tc_free(st->chude[i].name);
	}
	tc_free(st->chude);
	for (size_t i = 0; i < st->demuc_count; i++) {
		tc_free(st->demuc[i].id);
		tc_free(st->demuc[i].number);
		tc_free(st->demuc[i].name);
		tc_free(st->demuc[i].chude_id);
	}
	tc_free(st->demuc);
	for (size_t i = 0; i < st->doc_count; i++) {
		pd_doc *d = &st->docs[i];
		tc_free(d->key);
		tc_free(d->number);
		tc_free(d->title);
		tc_free(d->issuer);
		tc_free(d->item_id);
		tc_free(d->url);
		tc_free(d->type_name);
	}
	tc_free(st->docs);
	for (size_t i = 0; i < st->label_count; i++)
		tc_free(st->labels[i].title);
	tc_free(st->labels);
	strmap_clear(&st->label_by_key);
	strmap_clear(&st->demuc_by_id);
	strmap_clear(&st->chude_by_id);
	strmap_clear(&st->doc_by_key);
	strmap_clear(&st->doc_by_item);
	strmap_clear(&st->anchors);
	strmap_clear(&st->numbers);
	tc__html_free(&st->html);
	tc_buf_free(&st->text);
	tc_buf_free(&st->tmp);
	tc_buf_free(&st->key);
	tc_buf_free(&st->file);
	tc_free(st->chapter);
	tc_free(st->note);
}

static int emit_source_docs(pd_state *st)
{
	tc_loader *loader = st->loader;
	for (size_t i = 0; i < st->doc_count; i++) {
		const pd_doc *d = &st->docs[i];
		tc_record *rec = tc_arena_calloc(loader->arena, sizeof *rec);
		if (!rec)
			return -1;
		rec->kind = TC_RECORD_SOURCE_DOC;
		rec->id = tc_arena_printf(loader->arena, "src/%s", d->key);
		if (!rec->id)
			return -1;
		rec->source_name = "phapdien";
		rec->source_path = st->dir;
		rec->doc_number = d->number;
		rec->type = d->type;
		if (d->type == TC_TYPE_UNKNOWN && d->type_name)
			rec->type_name = d->type_name;
		rec->title = d->title;
		rec->title_from = d->title_from;
		rec->issuer = d->issuer;
		rec->scope = TC_SCOPE_CENTRAL; /* the codification holds central documents only */
		rec->issue_date = d->issue_date;
		rec->effective_date = d->effective_date;
		rec->effective_from = d->effective_date ? TC_FROM_NOTE : TC_FROM_NONE;
		rec->source_url = d->url;
		if (!d->title)
			tc__report(loader, TC_PROBLEM_MISSING_FIELD, 0, st->dir, 0, -1, rec->id,
			           "%s %s: no title: no long source note or cross-reference names it",
			           tc_doc_type_name(d->type), d->number);
		if (tc__deliver(loader, rec))
			return 1;
	}
	return 0;
}

/* The file of đề mục DM: demuc/<GUID>.html.zst or .html. */
static int demuc_file(const pd_state *st, const pd_demuc *dm, char *path, size_t cap)
{
	static const char *const exts[] = {".html.zst", ".html", ".htm.zst", ".htm"};
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, cap, "%s/demuc/%s%s", st->dir, dm->id, exts[i]);
		/* there, readable or not: reading it says what is wrong */
		if (access(path, F_OK) == 0)
			return 1;
	}
	snprintf(path, cap, "%s/demuc/%s.html[.zst]", st->dir, dm->id);
	return 0;
}

tc_status tc__load_phapdien(tc_loader *loader, const char *dir, tc_error *err)
{
	pd_state st = {0};
	st.loader = loader;
	st.dir = dir;
	st.note = tc_malloc(sizeof *st.note);
	if (!st.note)
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", dir);
	tc_status status = read_catalogue(&st, err);
	if (status != TC_OK) {
		state_free(&st);
		return status;
	}
	loader->summary->chude_listed += (long long)st.chude_count;
	loader->summary->demuc_listed += (long long)st.demuc_count;
	char path[4096];
	int rc = 0;
	/* files not in the catalogue: reported (their đề mục is unknown) */
	char demuc_dir[4096];
	snprintf(demuc_dir, sizeof demuc_dir, "%s/demuc", dir);
	DIR *d = opendir(demuc_dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			char id[256];
			size_t n = strcspn(e->d_name, ".");
			if (n >= sizeof id)
				continue;
			memcpy(id, e->d_name, n);
			id[n] = '\0';
			if (strmap_get(&st.demuc_by_id, id) < 0)
				tc__report(loader, TC_PROBLEM_MISSING_FIELD, 1, demuc_dir, 0, -1, e->d_name,
				           "file not listed in demuc.tsv: skipped");
		}
		closedir(d);
	}

	/* pass 1: notes → documents */
	for (size_t i = 0; i < st.demuc_count && rc == 0; i++) {
		if (!demuc_file(&st, &st.demuc[i], path, sizeof path))
			continue;
		tc_error ferr;
		tc_status fs = tc__read_file_into(path, &st.file, &ferr);
		if (fs == TC_ERR_NOMEM)
			rc = -1;
		if (fs != TC_OK)
			continue; /* reported in pass 2 */
		long long off;
		if (!looks_binary(st.file.data, st.file.len, &off) &&
		    prescan_file(&st, st.file.data, st.file.len) < 0)
			rc = -1;
	}
	if (rc == 0 && apply_labels(&st) < 0)
		rc = -1;
	/* pass 2: the records */
	for (size_t i = 0; i < st.demuc_count && rc == 0; i++) {
		pd_demuc *dm = &st.demuc[i];
		if (!demuc_file(&st, dm, path, sizeof path)) {
			loader->summary->demuc_missing++;
			tc__report(loader, TC_PROBLEM_IO, 1, path, 0, -1, dm->id,
			           "đề mục %s \"%s\" is in demuc.tsv but its file is missing", dm->number,
			           dm->name);
			continue;
		}
		dm->seen = 1;
		tc_error ferr;
		tc_status fs = tc__read_file_into(path, &st.file, &ferr);
		const char *data = st.file.data;
		size_t len = st.file.len;
		if (fs != TC_OK) {
			if (fs == TC_ERR_NOMEM) {
				rc = -1;
				break;
			}
			tc__report(loader, fs == TC_ERR_INPUT ? TC_PROBLEM_ZSTD : TC_PROBLEM_IO, 1, path, 0,
			           -1, dm->id, "%s", ferr.message);
			continue;
		}
		loader->summary->files++;
		loader->summary->bytes += (long long)len;
		long long off = -1;
		if (looks_binary(data, len, &off))
			tc__report(loader, TC_PROBLEM_BINARY, 1, path, 0, off, dm->id,
			           "binary data, not HTML text: file skipped");
		else
			rc = load_file(&st, path, data, len, dm);
	}
	if (rc == 0 && loader->options->emit_source_docs)
		rc = emit_source_docs(&st);
	state_free(&st);
	if (rc < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", dir);
	return TC_OK;
}

/* The number of distinct source documents named in the notes is
 * what emit_source_docs delivers; stats.c counts them from the records. */
