/* cite.c - the citations of one article of a draft, recognized from the
 * analyzer's tokens: its citation parts ("điểm:a", "khoản:2", "điều:5"),
 * document numbers and dates, and the words around them ("này", "của",
 * the type words of "Nghị định số", a law's name).
 *
 * A citation runs from small to large (GLOSSARY.md "Structure of a
 * document"): "điểm a khoản 2 Điều 5 Nghị định số 52/2015/NĐ-CP ngày 28
 * tháng 5 năm 2015 của Chính phủ về ...". Parts are read into chains
 * ("khoản 1, 2 và 3 Điều 5" is one chain of three); chains joined by "và"
 * or a comma make a group, and the document named after the group
 * ("Nghị định này", "Nghị định số ...", "Luật Đất đai") is every chain's.
 * A group that names none is read as the draft itself, or, in an article
 * that amends one document ("Sửa đổi, bổ sung một số điều của Nghị định
 * số ..."), as that document. A number or a law's name cited on its own
 * ("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;") is a
 * citation of the document. */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "check-private.h"

/* ---- the tokens of an article ---- */

typedef struct tok {
	tc_token_kind kind;
	const char *exact, *folded;
	size_t start, end;
	uint32_t position;
	int capital; /* the word is written with a capital first letter */
} tok;

typedef struct reader {
	tc_arena *arena;
	const char *text;
	size_t len;
	tok *words; /* syllables, words and numbers, in order */
	size_t n, cap;
	tok *specials; /* citation parts, document numbers, dates */
	size_t sn, scap;
	int failed;
	/* the citations made */
	tc_cite *cites;
	size_t count, ccap;
} reader;

static int push(reader *r, tok **v, size_t *n, size_t *cap, const tc_token *t)
{
	if (*n == *cap) {
		size_t grown = *cap ? *cap * 2 : 64;
		tok *nv = tc_arena_alloc(r->arena, grown * sizeof *nv);
		if (!nv)
			return -1;
		if (*n)
			memcpy(nv, *v, *n * sizeof *nv);
		*v = nv;
		*cap = grown;
	}
	tok *k = &(*v)[(*n)++];
	k->kind = t->kind;
	k->exact = tc_arena_strndup(r->arena, t->exact, t->exact_len);
	k->folded = tc_arena_strndup(r->arena, t->folded, t->folded_len);
	k->start = t->start;
	k->end = t->end;
	k->position = t->position;
	UChar32 first = 0;
	int32_t at = 0;
	U8_NEXT((const uint8_t *)r->text + t->start, at, (int32_t)(t->end - t->start), first);
	int cap_letter = first > 0 && u_isupper(first);
	k->capital = cap_letter;
	return k->exact && k->folded ? 0 : -1;
}

static int on_token(void *vctx, const tc_token *t)
{
	reader *r = vctx;
	int rc = 0;
	if (t->kind == TC_TOKEN_SYLLABLE || t->kind == TC_TOKEN_WORD || t->kind == TC_TOKEN_NUMBER)
		rc = push(r, &r->words, &r->n, &r->cap, t);
	else if (t->kind == TC_TOKEN_CITATION || t->kind == TC_TOKEN_DOC_NUMBER || t->kind == TC_TOKEN_DATE ||
	         t->kind == TC_TOKEN_DOC_NUMBER_PART)
		rc = push(r, &r->specials, &r->sn, &r->scap, t);
	if (rc < 0)
		r->failed = 1;
	return rc;
}

/* The word at index I is WORD (folded)? */
static int is(const reader *r, size_t i, const char *word)
{
	return i < r->n && !strcmp(r->words[i].folded, word);
}

/* The index of the first word at or after byte OFFSET. */
static size_t word_at(const reader *r, size_t offset)
{
	size_t lo = 0, hi = r->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->words[mid].start < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The special of KIND that starts at word I (a citation part "Điều 5", a
 * number, a date), or NULL. For numbers, a whole number before its partial
 * forms. */
static const tok *special_at(const reader *r, size_t i, tc_token_kind kind)
{
	if (i >= r->n)
		return NULL;
	const tok *best = NULL;
	for (size_t k = 0; k < r->sn; k++) {
		const tok *s = &r->specials[k];
		if (s->start != r->words[i].start)
			continue;
		if (s->kind == kind)
			return s;
		if (kind == TC_TOKEN_DOC_NUMBER && s->kind == TC_TOKEN_DOC_NUMBER_PART && !best)
			best = s;
	}
	return best;
}

/* Whether the text between words I-1 and I holds one of CHARS (a boundary
 * or a separator). */
static int gap_has(const reader *r, size_t i, const char *chars)
{
	if (i == 0 || i >= r->n)
		return i >= r->n;
	for (size_t b = r->words[i - 1].end; b < r->words[i].start; b++)
		if (strchr(chars, r->text[b]))
			return 1;
	/* quotation marks open and close a quoted passage */
	const char *gap = r->text + r->words[i - 1].end;
	size_t n = r->words[i].start - r->words[i - 1].end;
	return memmem(gap, n, "\xE2\x80\x9C", 3) || memmem(gap, n, "\xE2\x80\x9D", 3);
}

#define BOUNDARY ".;:\n()\"?!"

/* ---- the document a group names ---- */

typedef struct designation {
	tc_cite_scope scope;
	const char *doc_number, *doc_type, *doc_name, *written_title;
	tc_date written_date;
	int written_year;
	size_t end;  /* byte where it ends */
	size_t next; /* the word after it */
} designation;

/* Type words, folded, longest first where one starts another. */
static const char *const type_phrases[][4] = {
        {"nghi", "quyet", "lien", "tich"},
        {"thong", "tu", "lien", "tich"},
        {"van", "ban", "hop", "nhat"},
        {"nghi", "dinh"},
        {"nghi", "quyet"},
        {"thong", "tu"},
        {"quyet", "dinh"},
        {"bo", "luat"},
        {"phap", "lenh"},
        {"hien", "phap"},
        {"chi", "thi"},
        {"luat"},
        {"lenh"},
        {"van", "ban"},
        {"quy", "dinh"},
        {"quy", "che"},
        {"dieu", "le"},
        {"ke", "hoach"},
        {"thong", "bao"},
        {"huong", "dan"},
        {"cong", "van"},
        {"chuong", "trinh"},
        {"de", "an"},
};

/* The number of words of the type phrase at word I, 0 when none. */
static size_t type_at(const reader *r, size_t i)
{
	for (size_t k = 0; k < sizeof type_phrases / sizeof *type_phrases; k++) {
		size_t n = 0;
		while (n < 4 && type_phrases[k][n] && is(r, i + n, type_phrases[k][n]) &&
		       (n == 0 || !gap_has(r, i + n, BOUNDARY ",")))
			n++;
		if (n && (n == 4 || !type_phrases[k][n]))
			return n;
	}
	return 0;
}

/* Whether words I.. are a type cited by name: Luật, Bộ luật, Pháp lệnh,
 * Hiến pháp. */
static int named_type(const reader *r, size_t i, size_t n)
{
	return (n == 1 && is(r, i, "luat")) ||
	       (n == 2 && (is(r, i, "bo") || is(r, i, "phap") || is(r, i, "hien")));
}

static const char *span(reader *r, size_t start, size_t end)
{
	char *s = tc_arena_strndup(r->arena, r->text + start, end - start);
	if (!s)
		r->failed = 1;
	return s;
}

/* Words that open the title written after a number and its issuer:
 * "... của Chính phủ về cơ sở dữ liệu", "... quy định chi tiết ...". */
static int title_opens(const reader *r, size_t i)
{
	static const char *const first[] = {"ve", "huong", "quy", "sua", "ban", "bai", "phe", "thanh", "ban"};
	static const char *const second[] = {NULL, "dan",   "dinh", "doi", "hanh",
	                                     "bo", "duyet", "lap",  "hanh"};
	for (size_t k = 0; k < sizeof first / sizeof *first; k++)
		if (is(r, i, first[k]) && (!second[k] || is(r, i + 1, second[k])))
			return 1;
	return 0;
}

/* After a number (ending before word I): its date ("ngày 28 tháng 5 năm
 * 2015") and the title written after the issuer ("của Chính phủ về ..."). */
static void date_and_title(reader *r, size_t i, designation *d)
{
	if (i < r->n && !gap_has(r, i, BOUNDARY)) {
		const tok *date = special_at(r, i, TC_TOKEN_DATE);
		if (date) {
			d->written_date = (tc_date)strtoul(date->exact, NULL, 10);
			d->end = date->end;
			i = word_at(r, date->end);
		}
	}
	/* the issuer ("của Chính phủ", "của Bộ trưởng Bộ Tài chính"), then the
	 * title, all in one clause */
	size_t j = i, limit = i + 16;
	if (!is(r, j, "cua") && !title_opens(r, j))
		return;
	while (j < r->n && j < limit && !title_opens(r, j) && !gap_has(r, j + 1, BOUNDARY ","))
		j++;
	if (j >= r->n || !title_opens(r, j) || (j > i && gap_has(r, j, BOUNDARY)))
		return;
	size_t from = is(r, j, "ve") ? j + 1 : j, last = from;
	for (size_t k = from; k < r->n && k < from + 60; k++) {
		if (k > from && gap_has(r, k, BOUNDARY))
			break;
		if (special_at(r, k, TC_TOKEN_CITATION) ||
		    (k > from && special_at(r, k, TC_TOKEN_DOC_NUMBER)))
			break;
		/* "... và Nghị định số 08/2021/NĐ-CP": another document */
		size_t n = k > from ? type_at(r, k) : 0;
		if (n && (special_at(r, k + n, TC_TOKEN_DOC_NUMBER) ||
		          (is(r, k + n, "so") && special_at(r, k + n + 1, TC_TOKEN_DOC_NUMBER))))
			break;
		last = k;
	}
	while (last > from && (is(r, last, "va") || is(r, last, "hoac") || is(r, last, "cua")))
		last--;
	if (from < r->n && last >= from && last - from >= 2) {
		d->written_title = span(r, r->words[from].start, r->words[last].end);
		d->end = r->words[last].end;
	}
}

/* Whether the name begun before word W ends there: at the words that
 * follow a law's name ("Luật Đất đai năm 2024", "... đã được sửa đổi",
 * "... quy định"), written in lower case; at "và", "hoặc", "của" or a comma
 * before another name ("... và Luật Nhà ở", "..., Luật Đầu tư") but not
 * inside one ("Luật Khoa học và công nghệ", "Luật Phòng, chống tác hại của
 * rượu, bia"), where a word in lower case follows. */
static int name_ends(const reader *r, size_t w)
{
	const tok *word = &r->words[w];
	int next_named = w + 1 >= r->n || r->words[w + 1].capital ||
	                 r->words[w + 1].kind == TC_TOKEN_NUMBER || gap_has(r, w + 1, BOUNDARY) ||
	                 type_at(r, w + 1);
	if (gap_has(r, w, BOUNDARY) || (gap_has(r, w, ",") && (word->capital || type_at(r, w))))
		return 1;
	if (word->capital)
		return 0;
	static const char *const joins[] = {"và", "hoặc", "của"};
	for (size_t k = 0; k < sizeof joins / sizeof *joins; k++)
		if (!strcmp(word->exact, joins[k]))
			return next_named;
	static const char *const words[] = {"năm", "số",  "ngày", "đã",  "được",  "thì", "về",  "này",
	                                    "để",  "có",  "theo", "tại", "trong", "như", "sau", "gồm",
	                                    "mà",  "khi", "đối",  "là",  "phải",  "do",  "với", "đến"};
	for (size_t k = 0; k < sizeof words / sizeof *words; k++)
		if (!strcmp(word->exact, words[k]))
			return 1;
	return !strcmp(word->exact, "quy") && w + 1 < r->n && !strcmp(r->words[w + 1].exact, "định");
}

/* The document named from word I on, if any: "này", "của Nghị định này",
 * "Nghị định số 52/2015/NĐ-CP ngày ...", "Luật Đất đai năm 2024". */
static int designation_at(reader *r, size_t i, designation *d, int standalone)
{
	memset(d, 0, sizeof *d);
	/* after citation parts, in the same clause; a document cited on its
	 * own may start anywhere ("a) Nghị định số ...") */
	if (i >= r->n || (!standalone && gap_has(r, i, BOUNDARY)))
		return 0;
	size_t k = i;
	for (int skipped = 0; skipped < 2 && (is(r, k, "cua") || is(r, k, "tai") || is(r, k, "thuoc"));
	     skipped++)
		k++;
	if (is(r, k, "nay")) {
		d->scope = TC_CITE_INTERNAL;
		d->end = r->words[k].end;
		d->next = k + 1;
		return 1;
	}
	size_t type_start = k, n = type_at(r, k);
	if (n) {
		d->doc_type = span(r, r->words[k].start, r->words[k + n - 1].end);
		k += n;
		if (is(r, k, "nay")) {
			d->scope = TC_CITE_INTERNAL;
			d->end = r->words[k].end;
			d->next = k + 1;
			return 1;
		}
		if (is(r, k, "so") && !gap_has(r, k, BOUNDARY))
			k++;
	}
	const tok *number =
	        k < r->n && !gap_has(r, k, BOUNDARY) ? special_at(r, k, TC_TOKEN_DOC_NUMBER) : NULL;
	if (number) {
		d->scope = TC_CITE_EXTERNAL;
		d->doc_number = span(r, number->start, number->end);
		d->end = number->end;
		size_t after = word_at(r, number->end);
		date_and_title(r, after, d);
		d->next = word_at(r, d->end);
		return 1;
	}
	/* a law, a code, an ordinance or the constitution named: "Luật Đất
	 * đai", "Bộ luật Dân sự năm 2015", "Hiến pháp năm 2013" */
	if (n && named_type(r, type_start, n) && r->words[type_start].capital &&
	    (is(r, type_start, "hien") || (k < r->n && r->words[k].capital && !gap_has(r, k, BOUNDARY)))) {
		size_t last = k - 1;
		for (size_t w = k; w < r->n && w < k + 16; w++) {
			if (r->words[w].kind == TC_TOKEN_NUMBER || special_at(r, w, TC_TOKEN_CITATION) ||
			    special_at(r, w, TC_TOKEN_DATE) || special_at(r, w, TC_TOKEN_DOC_NUMBER))
				break;
			if ((w > k || !r->words[w].capital) && name_ends(r, w))
				break;
			last = w;
		}
		d->scope = TC_CITE_EXTERNAL;
		d->doc_name = span(r, r->words[type_start].start, r->words[last].end);
		d->end = r->words[last].end;
		size_t w = last + 1;
		/* "năm 2024", "2024", "số 31/2024/QH15", "ngày 18 tháng 01 năm 2024" */
		if (is(r, w, "nam") && w + 1 < r->n && r->words[w + 1].kind == TC_TOKEN_NUMBER &&
		    !gap_has(r, w, BOUNDARY))
			w++;
		if (w < r->n && r->words[w].kind == TC_TOKEN_NUMBER && strlen(r->words[w].exact) == 4 &&
		    !gap_has(r, w, BOUNDARY) && !special_at(r, w, TC_TOKEN_DOC_NUMBER)) {
			d->written_year = atoi(r->words[w].exact);
			d->end = r->words[w].end;
			w++;
		} else if (is(r, w, "so") && special_at(r, w + 1, TC_TOKEN_DOC_NUMBER) &&
		           !gap_has(r, w, BOUNDARY)) {
			const tok *num = special_at(r, w + 1, TC_TOKEN_DOC_NUMBER);
			d->doc_number = span(r, num->start, num->end);
			d->end = num->end;
			w = word_at(r, num->end);
		}
		date_and_title(r, w, d);
		if (d->written_date && !d->written_year)
			d->written_year = (int)(d->written_date / 10000);
		d->next = word_at(r, d->end);
		return 1;
	}
	return 0;
}

/* ---- chains of parts ---- */

enum { LEVEL_NONE = 0, LEVEL_POINT, LEVEL_CLAUSE, LEVEL_ARTICLE };

typedef struct ref {
	const char *part[4]; /* by level */
	int open;            /* in the group being read */
} ref;

#define MAX_GROUP 64

typedef struct group {
	ref refs[MAX_GROUP];
	size_t count;
	size_t chain_from; /* the current chain's first ref */
	int top;           /* the current chain's largest level */
	size_t start;      /* byte where the group starts */
	int adds;          /* after "bổ sung" (not "sửa đổi, bổ sung"): what it names is added */
	size_t end;
} group;

static int level_of(const tok *s)
{
	if (!strncmp(s->folded, "diem:", 5))
		return LEVEL_POINT;
	if (!strncmp(s->folded, "khoan:", 6))
		return LEVEL_CLAUSE;
	if (!strncmp(s->folded, "dieu:", 5))
		return LEVEL_ARTICLE;
	return LEVEL_NONE;
}

/* A point's letter: one letter of the point alphabet ("đ" included). */
static int point_letter(const tok *w)
{
	return (strlen(w->exact) == 1 && w->exact[0] >= 'a' && w->exact[0] <= 'y') || !strcmp(w->exact, "đ");
}

/* Add VALUE at LEVEL to the group: to every ref of the current chain when
 * the level is new to it, else as a new chain. */
static void add_part(reader *r, group *g, int level, const char *value, int continues)
{
	if (continues) {
		/* another item of the list just read: a copy of each ref of the
		 * chain's last item with this value */
		size_t from = g->chain_from, end = g->count;
		for (size_t k = from; k < end && g->count < MAX_GROUP; k++) {
			if (g->refs[k].part[level] != g->refs[end - 1].part[level])
				continue;
			g->refs[g->count] = g->refs[k];
			g->refs[g->count++].part[level] = value;
		}
		return;
	}
	if (g->count > g->chain_from && g->top < level) {
		for (size_t k = g->chain_from; k < g->count; k++)
			g->refs[k].part[level] = value;
		/* "khoản 1 và khoản 3 Điều 4": the earlier chains that stop below
		 * this level are of it too */
		for (size_t k = 0; k < g->chain_from; k++) {
			int top = LEVEL_NONE;
			for (int l = LEVEL_POINT; l <= LEVEL_ARTICLE; l++)
				if (g->refs[k].part[l])
					top = l;
			if (top < level)
				g->refs[k].part[level] = value;
		}
	} else if (g->count < MAX_GROUP) {
		g->chain_from = g->count;
		memset(&g->refs[g->count], 0, sizeof g->refs[g->count]);
		g->refs[g->count++].part[level] = value;
	}
	g->top = level;
	(void)r;
}

/* Whether the word after a list item can follow a citation part: a
 * boundary, a separator, a larger part, "này", "của" or a type word. */
static int can_follow(const reader *r, size_t i)
{
	return i >= r->n || gap_has(r, i, BOUNDARY ",") || is(r, i, "va") || is(r, i, "hoac") ||
	       is(r, i, "nay") || is(r, i, "cua") || special_at(r, i, TC_TOKEN_CITATION) || type_at(r, i) ||
	       special_at(r, i, TC_TOKEN_DOC_NUMBER);
}

/* Read the list items after a part ending before word I: ", 2 và 3",
 * "; b, c" (points). Returns the word after the list. */
static size_t read_list(reader *r, group *g, int level, size_t i)
{
	while (i < r->n) {
		size_t j = i;
		int sep = gap_has(r, j, ",") && !gap_has(r, j, ".;:\n()");
		if (!sep && (is(r, j, "va") || is(r, j, "hoac") || is(r, j, "den")) &&
		    !gap_has(r, j, ".;:\n()"))
			j++, sep = 1;
		if (!sep || j >= r->n || gap_has(r, j, ".;:\n()"))
			break;
		const tok *w = &r->words[j];
		int ok = level == LEVEL_POINT ? point_letter(w) : w->kind == TC_TOKEN_NUMBER;
		if (!ok || special_at(r, j, TC_TOKEN_DOC_NUMBER) || special_at(r, j, TC_TOKEN_DATE) ||
		    !can_follow(r, j + 1))
			break;
		const char *value = span(r, w->start, w->end);
		if (level == LEVEL_POINT)
			value = w->exact;
		add_part(r, g, level, value, 1);
		g->end = w->end;
		i = j + 1;
	}
	return i;
}

static void emit(reader *r, group *g, const designation *d, tc_cite_scope scope)
{
	for (size_t k = 0; k < g->count; k++) {
		if (r->count == r->ccap) {
			size_t cap = r->ccap ? r->ccap * 2 : 16;
			tc_cite *v = tc_arena_alloc(r->arena, cap * sizeof *v);
			if (!v) {
				r->failed = 1;
				return;
			}
			if (r->count)
				memcpy(v, r->cites, r->count * sizeof *v);
			r->cites = v;
			r->ccap = cap;
		}
		/* "khoản 2 Điều 7 và khoản 3": what the one before has above the
		 * level both stop at */
		ref *x = &g->refs[k];
		if (k > 0) {
			const ref *prev = &g->refs[k - 1];
			int top = LEVEL_NONE;
			for (int l = LEVEL_POINT; l <= LEVEL_ARTICLE; l++)
				if (x->part[l])
					top = l;
			if (top != LEVEL_NONE && prev->part[top])
				for (int l = top + 1; l <= LEVEL_ARTICLE; l++)
					if (!x->part[l])
						x->part[l] = prev->part[l];
		}
		tc_cite *c = &r->cites[r->count++];
		memset(c, 0, sizeof *c);
		c->adds = g->adds;
		c->start = g->start;
		c->end = d && d->end > g->end ? d->end : g->end;
		c->scope = scope;
		c->point = g->refs[k].part[LEVEL_POINT];
		c->clause = g->refs[k].part[LEVEL_CLAUSE];
		c->article = g->refs[k].part[LEVEL_ARTICLE];
		if (d) {
			c->doc_number = d->doc_number;
			c->doc_type = d->doc_type;
			c->doc_name = d->doc_name;
			c->written_date = d->written_date;
			c->written_year = d->written_year;
			c->written_title = d->written_title;
		}
	}
}

/* The value of a citation part ("điều:5a" → "5a"). */
static const char *part_value(const tok *s)
{
	const char *colon = strchr(s->exact, ':');
	return colon ? colon + 1 : s->exact;
}

/* Read a group starting at word I (a citation part or "Điều này"); returns
 * the word after it. */
static size_t read_group(reader *r, size_t i)
{
	group g = {0};
	g.start = r->words[i].start;
	/* "Bổ sung khoản 5 vào Điều 7", "bổ sung điểm đ": a new provision */
	g.adds = i >= 2 && is(r, i - 2, "bo") && is(r, i - 1, "sung") && !(i >= 4 && is(r, i - 4, "sua")) &&
	         !(i >= 3 && is(r, i - 3, "sua"));
	while (i < r->n) {
		const tok *s = special_at(r, i, TC_TOKEN_CITATION);
		int level = s ? level_of(s) : LEVEL_NONE;
		if (s && level != LEVEL_NONE) {
			add_part(r, &g, level, part_value(s), 0);
			g.end = s->end;
			i = read_list(r, &g, level, word_at(r, s->end));
		} else if ((is(r, i, "dieu") || is(r, i, "khoan")) && is(r, i + 1, "nay") &&
		           !gap_has(r, i + 1, BOUNDARY)) {
			/* "Điều này", "khoản này": the article (clause) the text is in */
			add_part(r, &g, is(r, i, "dieu") ? LEVEL_ARTICLE : LEVEL_CLAUSE, "this", 0);
			g.end = r->words[i + 1].end;
			if (is(r, i, "dieu")) {
				emit(r, &g, NULL, TC_CITE_INTERNAL);
				return i + 2;
			}
			i += 2;
		} else {
			break;
		}
		designation d;
		if (designation_at(r, i, &d, 0)) {
			emit(r, &g, &d, d.scope);
			return d.next > i ? d.next : i + 1;
		}
		/* the next part, right after ("khoản 2 Điều 5") or after "và" or a
		 * comma ("khoản 1 Điều 5 và khoản 2 Điều 6 Nghị định ...": one
		 * group, a new chain) */
		size_t j = i;
		int joined = 0;
		if (j < r->n && (is(r, j, "va") || is(r, j, "hoac")) && !gap_has(r, j, BOUNDARY))
			j++, joined = 1;
		else if (j < r->n && is(r, j, "vao") && !gap_has(r, j, BOUNDARY))
			j++; /* "bổ sung khoản 5 vào Điều 7": one chain */
		else if (j < r->n && gap_has(r, j, ",") && !gap_has(r, j, BOUNDARY))
			joined = 1;
		if (j < r->n && !gap_has(r, j, BOUNDARY) &&
		    ((special_at(r, j, TC_TOKEN_CITATION) && level_of(special_at(r, j, TC_TOKEN_CITATION))) ||
		     ((is(r, j, "dieu") || is(r, j, "khoan")) && is(r, j + 1, "nay")))) {
			i = j;
			if (joined)
				g.top = LEVEL_ARTICLE + 1; /* the next part starts a new chain */
			continue;
		}
		break;
	}
	emit(r, &g, NULL, TC_CITE_BARE);
	return i;
}

/* Whether citation part S ("Điều 3") opens a line (after spaces and an
 * opening quote) and is followed by a full stop: an article's heading. */
static int heading_at(const reader *r, const tok *s)
{
	if (s->end >= r->len || r->text[s->end] != '.')
		return 0;
	size_t b = s->start;
	while (b > 0 && (r->text[b - 1] == ' ' || r->text[b - 1] == '"'))
		b--;
	while (b >= 3 && !memcmp(r->text + b - 3, "\xE2\x80\x9C", 3))
		b -= 3;
	return b == 0 || r->text[b - 1] == '\n';
}

/* ---- quoted passages and the document an article amends ---- */

/* Whether byte AT of TEXT is inside a quotation (“…” or "…"). */
static int quoted_at(const char *text, size_t at)
{
	int depth = 0, ascii = 0;
	for (size_t b = 0; b < at; b++) {
		if (text[b] == '"')
			ascii = !ascii;
		else if (b + 3 <= at && !memcmp(text + b, "\xE2\x80\x9C", 3))
			depth++;
		else if (b + 3 <= at && !memcmp(text + b, "\xE2\x80\x9D", 3) && depth > 0)
			depth--;
	}
	return depth > 0 || ascii;
}

/* Does TEXT (LEN bytes) say it amends, repeals or replaces? */
static int says_amends(tc_analyzer *analyzer, const char *text, size_t len, tc_buf *folded)
{
	if (!text || tc_analyzer_normalize(analyzer, text, len, 1, folded) < 0 || !folded->data)
		return 0;
	return strstr(folded->data, "sua doi") || strstr(folded->data, "bo sung") ||
	       strstr(folded->data, "bai bo") || strstr(folded->data, "thay the");
}

/* Does TITLE open with what an amending document's title opens with
 * ("Sửa đổi, bổ sung một số điều của Nghị định số ...")? */
static int opens_amending(tc_analyzer *analyzer, const char *title, tc_buf *folded)
{
	if (tc_analyzer_normalize(analyzer, title, strlen(title), 1, folded) < 0 || !folded->data)
		return 0;
	return !strncmp(folded->data, "sua doi", 7) || !strncmp(folded->data, "bo sung", 7) ||
	       !strncmp(folded->data, "bai bo", 6) || !strncmp(folded->data, "quy dinh sua doi", 16);
}

int tc__cites_find(tc_analyzer *analyzer, tc_arena *arena, const tc_record *record, tc_check_article *article)
{
	reader r = {.arena = arena, .text = article->text, .len = article->text_len};
	tc_error err;
	tc_status st = tc_analyzer_run(analyzer, TC_ANALYZE_DOCUMENT | TC_ANALYZE_NO_BIGRAMS, r.text, r.len,
	                               on_token, &r, NULL, &err);
	if (st != TC_OK || r.failed)
		return -1;
	/* the article's own "Điều 5." heading is no citation */
	size_t i0 = 0;
	if (article->number && !article->preamble && !strncmp(r.text, "Điều ", strlen("Điều ")))
		i0 = word_at(&r, strcspn(r.text, ".\n"));
	for (size_t i = i0; i < r.n && !r.failed;) {
		const tok *s = special_at(&r, i, TC_TOKEN_CITATION);
		if (s && level_of(s) == LEVEL_ARTICLE && heading_at(&r, s)) {
			/* "“Điều 3. Thủ tục ...": the heading of an article's new text */
			i = word_at(&r, s->end);
			continue;
		}
		if ((s && level_of(s)) || ((is(&r, i, "dieu") || is(&r, i, "khoan")) &&
		                           is(&r, i + 1, "nay") && !gap_has(&r, i + 1, BOUNDARY))) {
			size_t next = read_group(&r, i);
			i = next > i ? next : i + 1;
			continue;
		}
		/* a document cited on its own: "Nghị định số 52/2015/NĐ-CP ...",
		 * "Luật Đất đai"; its type word may come first */
		designation d;
		if ((special_at(&r, i, TC_TOKEN_DOC_NUMBER) || type_at(&r, i)) &&
		    designation_at(&r, i, &d, 1) && d.scope == TC_CITE_EXTERNAL) {
			group g = {0};
			g.count = 1;
			g.start = r.words[i].start;
			g.end = d.end;
			emit(&r, &g, &d, TC_CITE_EXTERNAL);
			i = d.next > i ? d.next : i + 1;
			continue;
		}
		i++;
	}
	if (r.failed)
		return -1;
	/* The document an amending article amends: the one its heading (or
	 * its opening line) names, or the draft's title when it names one. */
	tc_buf folded = {0};
	size_t first_line = strcspn(article->text, "\n");
	const char *amends = NULL;
	int ambiguous = 0;
	if (says_amends(analyzer, article->text, first_line, &folded)) {
		for (size_t k = 0; k < r.count; k++) {
			const tc_cite *c = &r.cites[k];
			if (c->start >= first_line || c->scope != TC_CITE_EXTERNAL ||
			    (!c->doc_number && !c->doc_name))
				continue;
			const char *name = c->doc_number ? c->doc_number : c->doc_name;
			if (amends && strcmp(amends, name))
				ambiguous = 1;
			amends = name;
		}
	}
	if (!amends && record && record->title && opens_amending(analyzer, record->title, &folded) &&
	    says_amends(analyzer, article->text, first_line, &folded)) {
		/* "Nghị định sửa đổi, bổ sung một số điều của Nghị định số ..." */
		reader t = {.arena = arena, .text = record->title, .len = strlen(record->title)};
		if (tc_analyzer_run(analyzer, TC_ANALYZE_DOCUMENT | TC_ANALYZE_NO_BIGRAMS, t.text, t.len,
		                    on_token, &t, NULL, &err) == TC_OK &&
		    !t.failed) {
			for (size_t k = 0; k < t.sn; k++)
				if (t.specials[k].kind == TC_TOKEN_DOC_NUMBER) {
					const char *name =
					        tc_arena_strndup(arena, t.text + t.specials[k].start,
					                         t.specials[k].end - t.specials[k].start);
					if (amends && name && strcmp(amends, name))
						ambiguous = 1;
					amends = name;
				}
		}
	}
	tc_buf_free(&folded);
	article->amends = ambiguous ? NULL : amends;
	/* bare citations of an amending article name what it amends; inside
	 * a quoted passage (the new text), "này" names it too */
	const char *last_article = NULL;
	for (size_t k = 0; k < r.count; k++) {
		tc_cite *c = &r.cites[k];
		c->quoted = quoted_at(r.text, c->start);
		if (!c->quoted && (c->scope == TC_CITE_EXTERNAL || c->scope == TC_CITE_BARE) && c->article &&
		    strcmp(c->article, "this"))
			last_article = c->article;
		if (!article->amends) {
			/* "khoản 2", "điểm a khoản 1" alone: of the article it is in */
			if (c->scope == TC_CITE_BARE && !c->article) {
				c->scope = TC_CITE_INTERNAL;
				c->article = "this";
			}
			continue;
		}
		int is_number = strchr(article->amends, '/') != NULL;
		if (c->scope == TC_CITE_BARE || (c->quoted && c->scope == TC_CITE_INTERNAL)) {
			c->scope = TC_CITE_CONTEXT;
			c->doc_number = is_number ? article->amends : NULL;
			c->doc_name = is_number ? NULL : article->amends;
			/* "khoản 2", or "Điều này" in the new text of an article: of
			 * the article amended */
			if (!c->article || !strcmp(c->article, "this"))
				c->article = last_article;
		}
	}
	/* what the article adds ("Bổ sung Điều 15a vào sau Điều 15", "bổ sung
	 * khoản 5 vào Điều 7"), cited again in its new text, is added too */
	for (size_t k = 0; article->amends && k < r.count; k++) {
		const tc_cite *added = &r.cites[k];
		if (!added->adds || !added->article || added->point)
			continue;
		for (size_t m = 0; m < r.count; m++) {
			tc_cite *c = &r.cites[m];
			if (c->scope != TC_CITE_CONTEXT || !c->article || strcmp(c->article, added->article))
				continue;
			if (!added->clause || (c->clause && !strcmp(c->clause, added->clause)))
				c->adds = 1;
		}
	}
	article->cites = r.cites;
	article->cite_count = r.count;
	return 0;
}
