/* lookup.c - a document number or a citation resolved to the records it
 * names (tc_lookup): the document by its own number terms (XM) or, for a
 * law named without a number, by its type and title; then its article,
 * clause and point by their entry ids (<doc id>/d5/k2/a), or through the
 * codified article that comes from the article (XJ) when the index lacks
 * the document's text; and what the codification's notes say of the
 * article (amended by, repealed by). Each level says whether it was found,
 * so that a caller can tell "Điều 5 exists but has no khoản 9" from "no
 * such document". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "query-private.h"

#define LOOKUP_MAX_DOCS   5
#define LOOKUP_CANDIDATES 5
/* a name is matched on at most this many words after its type */
#define LOOKUP_NAME_WORDS 24
/* documents of one type sharing a name's first words, looked at */
#define LOOKUP_NAMED_MAX 200
/* codified articles that come from one article, looked at */
#define LOOKUP_CODIFIED_MAX 20

typedef struct cited {
	tc_buf numbers[4]; /* XM terms of the numbers named (exact and folded forms) */
	size_t number_count;
	int partial; /* the numbers are partial forms: 1 without a type, 2 with one */
	char article[32], clause[32], point[16];
	char date[9]; /* the first date written, YYYYMMDD */
	int year;     /* a year written ("năm 2024"): the date's, or a lone 4-digit number */
	json_t *doc_numbers, *citations, *dates;
	/* the folded words of the text, in order, for a law named without a
	 * number ("Luật Đất đai"); NULL-terminated strings from ARENA */
	char **words;
	unsigned char *word_is_number;
	size_t word_count, word_cap;
	tc_arena *arena;
	int failed; /* memory ran out */
} cited;

static void copy_value(char *out, size_t cap, const char *s, size_t len)
{
	if (len >= cap)
		len = cap - 1;
	memcpy(out, s, len);
	out[len] = '\0';
}

static void add_word(cited *c, const tc_token *t)
{
	if (c->word_count == c->word_cap) {
		size_t cap = c->word_cap ? c->word_cap * 2 : 32;
		char **words = tc_arena_alloc(c->arena, cap * sizeof *words);
		unsigned char *num = tc_arena_alloc(c->arena, cap);
		if (!words || !num) {
			c->failed = 1;
			return;
		}
		if (c->word_count) {
			memcpy(words, c->words, c->word_count * sizeof *words);
			memcpy(num, c->word_is_number, c->word_count);
		}
		c->words = words;
		c->word_is_number = num;
		c->word_cap = cap;
	}
	char *w = tc_arena_strndup(c->arena, t->folded, t->folded_len);
	if (!w) {
		c->failed = 1;
		return;
	}
	c->word_is_number[c->word_count] = t->kind == TC_TOKEN_NUMBER;
	c->words[c->word_count++] = w;
}

static int on_token(void *vctx, const tc_token *t)
{
	cited *c = vctx;
	if (t->kind == TC_TOKEN_SYLLABLE || t->kind == TC_TOKEN_WORD || t->kind == TC_TOKEN_NUMBER) {
		add_word(c, t);
		if (t->kind == TC_TOKEN_NUMBER && !c->year && t->exact_len == 4) {
			int y = atoi(t->exact);
			if (y >= 1945 && y <= 2200)
				c->year = y;
		}
	} else if (t->kind == TC_TOKEN_DATE) {
		json_array_append_new(c->dates, json_stringn(t->exact, t->exact_len));
		if (!*c->date && t->exact_len == 8) {
			copy_value(c->date, sizeof c->date, t->exact, t->exact_len);
			c->year = atoi(c->date) / 10000;
		}
	} else if (t->kind == TC_TOKEN_DOC_NUMBER || t->kind == TC_TOKEN_DOC_NUMBER_PART) {
		json_array_append_new(c->doc_numbers, json_stringn(t->exact, t->exact_len));
		/* a whole number before its partial forms, as they name more
		 * documents; of partial forms, one with its type ("nd:52/2015")
		 * before one without ("52/2015") */
		int typed = memchr(t->exact, ':', t->exact_len) != NULL;
		if ((t->kind == TC_TOKEN_DOC_NUMBER && c->partial) || (c->partial == 1 && typed)) {
			for (size_t k = 0; k < c->number_count; k++)
				tc_buf_reset(&c->numbers[k]);
			c->number_count = 0;
		}
		if (!c->number_count)
			c->partial = t->kind == TC_TOKEN_DOC_NUMBER ? 0 : typed ? 2 : 1;
		if (c->number_count < 4 && (t->kind == TC_TOKEN_DOC_NUMBER || !c->number_count)) {
			tc_buf *b = &c->numbers[c->number_count++];
			tc_buf_printf(b, "%s%.*s", TC_PREFIX_NUMBER, (int)t->exact_len, t->exact);
			if (c->number_count < 4 &&
			    (t->folded_len != t->exact_len || memcmp(t->folded, t->exact, t->exact_len)))
				tc_buf_printf(&c->numbers[c->number_count++], "%s%.*s", TC_PREFIX_NUMBER,
				              (int)t->folded_len, t->folded);
		}
	} else if (t->kind == TC_TOKEN_CITATION) {
		json_array_append_new(c->citations, json_stringn(t->exact, t->exact_len));
		const char *colon = memchr(t->exact, ':', t->exact_len);
		if (!colon)
			return 0;
		const char *value = colon + 1;
		size_t len = t->exact_len - (size_t)(value - t->exact);
		/* the first of each level: "khoản 2 Điều 5" names one khoản */
		if (!strncmp(t->folded, "dieu:", 5) && !*c->article)
			copy_value(c->article, sizeof c->article, value, len);
		else if (!strncmp(t->folded, "khoan:", 6) && !*c->clause)
			copy_value(c->clause, sizeof c->clause, value, len);
		else if (!strncmp(t->folded, "diem:", 5) && !*c->point)
			copy_value(c->point, sizeof c->point, value, len);
	}
	return 0;
}

/* The summary of stored record REC, with its text when WITH_TEXT. */
static json_t *summary_of(json_t *rec, int with_text)
{
	json_t *item = json_object();
	static const char *const keys[] = {
	        "id",     "kind",       "doc_number",     "type",        "title",    "number", "heading",
	        "issuer", "issue_date", "effective_date", "expiry_date", "validity", "path"};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		json_t *v = json_object_get(rec, keys[k]);
		if (v)
			json_object_set(item, keys[k], v);
	}
	json_t *cod = json_object_get(rec, "codified");
	if (cod && json_object_get(cod, "article_number"))
		json_object_set(item, "article_number", json_object_get(cod, "article_number"));
	if (with_text && json_object_get(rec, "text"))
		json_object_set(item, "text", json_object_get(rec, "text"));
	return item;
}

/* The summary of entry ID in database KIND, or NULL when there is none. */
static json_t *entry_summary(tc_searcher *s, tc_db_kind kind, const char *id, int with_text, tc_status *st,
                             tc_error *err)
{
	json_t *rec = tc__record_by_term(s, kind, TC_PREFIX_ID, id, 1, st, err);
	if (!rec)
		return NULL;
	json_t *item = summary_of(rec, with_text);
	json_decref(rec);
	return item;
}

static int add_document(void *list, json_t *record)
{
	json_array_append_new(list, summary_of(record, 0));
	return 0;
}

/* One level of a match: {"number", "id", "found", "entry"}, looked up in
 * database KIND (an article, or a clause or point among its parts). */
static json_t *level(tc_searcher *s, tc_db_kind kind, const char *number, const char *id, int with_text,
                     int *found, tc_status *st, tc_error *err)
{
	json_t *entry = entry_summary(s, kind, id, with_text, st, err);
	int parts = tc_db_parts(kind);
	if (!entry && *st == TC_OK && parts >= 0)
		entry = entry_summary(s, (tc_db_kind)parts, id, with_text, st, err);
	*found = entry != NULL;
	json_t *obj = json_pack("{s:s, s:s, s:b}", "number", number, "id", id, "found", *found);
	if (entry)
		json_object_set_new(obj, "entry", entry);
	return obj;
}

const char *tc__point_in_text(const char *text, const char *point, size_t *len)
{
	size_t n = strlen(point);
	const char *found = NULL;
	for (const char *line = text; line && *line;
	     line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		const char *p = line;
		while (*p == ' ')
			p++;
		/* a point opens its line: "a) ...", "đ) ..." */
		int opens = !strncmp(p, point, n) && p[n] == ')';
		int other = !opens && ((*p >= 'a' && *p <= 'z' && p[1] == ')') || (!strncmp(p, "đ)", 3)));
		if (found && (opens || other)) {
			*len = (size_t)(line - found);
			while (*len && found[*len - 1] == '\n')
				(*len)--;
			return found;
		}
		if (opens)
			found = p;
	}
	if (found)
		*len = strlen(found);
	return found;
}

/* ---- what the codification's notes say of an article ---- */

typedef struct notes_ctx {
	const char *number;  /* the cited document's normalized number */
	const char *article; /* its article number, ASCII lowercase */
	int with_text;
	json_t *codified;        /* summaries of every codified article with a link to it */
	json_t *current;         /* ... of those that come from it (their original link) */
	json_t *current_records; /* the same, as full records (for the levels under the article) */
	json_t *amended_by, *repealed_by, *amends;
	tc_buf norm, art;
} notes_ctx;

/* Does LINK name the article NC is about? */
static int link_names(notes_ctx *nc, json_t *link)
{
	const char *number = json_string_value(json_object_get(link, "doc_number"));
	const char *article = json_string_value(json_object_get(link, "article"));
	size_t n = 0;
	const char *dieu = tc_cited_article_number(article, &n);
	if (!number || !dieu || tc_doc_number_normalize(number, strlen(number), 0, &nc->norm) < 0 ||
	    strcmp(nc->norm.data, nc->number))
		return 0;
	tc_buf_reset(&nc->art);
	tc_buf_append(&nc->art, dieu, n);
	tc_ascii_lower(nc->art.data, nc->art.len);
	return nc->art.data && !strcmp(nc->art.data, nc->article);
}

/* Append LINK (a source note link) to LIST unless it is there already;
 * PARTLY when the note says only some of the article's content was
 * changed ("có nội dung bị bãi bỏ bởi"). */
static void add_link(json_t *list, json_t *link, int partly)
{
	json_t *item = json_object();
	static const char *const keys[] = {"article", "doc_number", "type", "title", "effective_date"};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		if (json_object_get(link, keys[k]))
			json_object_set(item, keys[k], json_object_get(link, keys[k]));
	if (partly)
		json_object_set_new(item, "partly", json_true());
	size_t i;
	json_t *have;
	json_array_foreach(list, i, have)
	{
		if (json_equal(have, item)) {
			json_decref(item);
			return;
		}
	}
	json_array_append_new(list, item);
}

static int on_codified(void *vctx, json_t *rec)
{
	notes_ctx *nc = vctx;
	json_array_append_new(nc->codified, tc__summary(rec));
	json_t *sources = json_object_get(json_object_get(rec, "codified"), "sources");
	const char *note = json_string_value(json_object_get(json_object_get(rec, "codified"), "note"));
	/* "có nội dung bị bãi bỏ bởi ...": some of it; "bị bãi bỏ bởi ...": all */
	int partly_repealed =
	        note && (strstr(note, "có nội dung bị bãi bỏ") || strstr(note, "có nội dung bị hủy bỏ") ||
	                 strstr(note, "có nội dung được bãi bỏ"));
	size_t i;
	json_t *link;
	int original = 0;
	json_array_foreach(sources, i, link)
	{
		const char *relation = json_string_value(json_object_get(link, "relation"));
		if (!relation)
			continue;
		if (!original && link_names(nc, link)) {
			if (!strcmp(relation, "original")) {
				original = 1;
				json_array_append_new(nc->current, summary_of(rec, nc->with_text));
				json_array_append(nc->current_records, rec);
			} else if (!strcmp(relation, "amended_by") || !strcmp(relation, "repealed_by")) {
				/* the article cited is itself an amendment of this one */
				json_array_append_new(nc->amends, tc__summary(rec));
			}
			continue;
		}
		/* what the notes list after the article's own link changed it */
		if (original && !strcmp(relation, "amended_by"))
			add_link(nc->amended_by, link, 0);
		else if (original && !strcmp(relation, "repealed_by"))
			add_link(nc->repealed_by, link, partly_repealed);
	}
	return 0;
}

/* The codified articles with a link to article ARTICLE of the document
 * numbered NUMBER (normalized), into NC. */
static tc_status codified_notes(tc_searcher *s, notes_ctx *nc, tc_error *err)
{
	tc_buf_reset(&s->term);
	tc_buf_printf(&s->term, "%s%s/d%s", TC_PREFIX_SOURCE, nc->number, nc->article);
	size_t prefix = strlen(TC_PREFIX_SOURCE);
	tc_ascii_lower(s->term.data + prefix, s->term.len - prefix);
	if (s->term.len > XC_MAX_TERM_LENGTH)
		return TC_OK;
	xc_query *q = NULL;
	tc_status st = xc_query_term(s->term.data, s->term.len, 1, 0, &q, err);
	if (st == TC_OK)
		st = tc__each_match(s, TC_DB_CODIFIED, q, 0, LOOKUP_CODIFIED_MAX, on_codified, nc, err);
	xc_query_free(q);
	return st;
}

/* ---- a document replaced by another ---- */

typedef struct superseded_ctx {
	tc_searcher *s;
	char number[64];    /* the number's first parts, "24/2015/", as any spelling writes them */
	const char *doc_id; /* the document's own entries are not its replacement */
	json_t *list;
	tc_buf folded;
} superseded_ctx;

/* Whether the line of TEXT at AT (where the number is) says the document
 * stops being in force: "Nghị định số ... hết hiệu lực", "thay thế Nghị
 * định số ...", in the same clause, and not of one article ("Điều 3
 * Nghị định số ..." is a repeal of that article). */
static int says_replaced(const char *text, const char *at)
{
	const char *line = at;
	while (line > text && line[-1] != '\n')
		line--;
	/* the article or clause a repeal names comes just before the number */
	for (const char *p = line; p < at; p++)
		if (!strncmp(p, "Điều ", strlen("Điều ")) || !strncmp(p, "khoản ", strlen("khoản ")) ||
		    !strncmp(p, "Khoản ", strlen("Khoản ")) || !strncmp(p, "điều ", strlen("điều ")))
			return 0;
	return 1;
}

static int on_replacing(void *vctx, json_t *rec)
{
	superseded_ctx *sc = vctx;
	const char *text = json_string_value(json_object_get(rec, "text"));
	const char *doc_id = json_string_value(json_object_get(rec, "doc_id"));
	if (!text || (doc_id && !strcmp(doc_id, sc->doc_id)))
		return 0;
	int says = strstr(text, "hết hiệu lực") || strstr(text, "thay thế");
	const char *at = says ? strstr(text, sc->number) : NULL;
	if (!at || !says_replaced(text, at))
		return 0;
	/* a clause's record has its text only: its article's has the rest */
	json_t *article = NULL;
	const char *article_id = json_string_value(json_object_get(rec, "article_id"));
	tc_status st = TC_OK;
	tc_error ignored;
	if (article_id)
		article = tc__record_by_term(sc->s, TC_DB_PROVISIONS, TC_PREFIX_ID, article_id, 1, &st, &ignored);
	json_t *from = article ? article : rec;
	doc_id = json_string_value(json_object_get(from, "doc_id"));
	if (!doc_id || !strcmp(doc_id, sc->doc_id)) {
		json_decref(article);
		return 0;
	}
	json_t *item = json_object();
	static const char *const keys[] = {"doc_id",    "doc_number", "type",
	                                   "doc_title", "issue_date", "effective_date"};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		if (json_object_get(from, keys[k]))
			json_object_set(item, keys[k], json_object_get(from, keys[k]));
	json_object_set(item, "provision", json_object_get(rec, "id"));
	json_decref(article);
	size_t i;
	json_t *have;
	json_array_foreach(sc->list, i, have)
	{
		if (json_equal(json_object_get(have, "doc_id"), json_object_get(item, "doc_id"))) {
			json_decref(item);
			return 0;
		}
	}
	json_array_append_new(sc->list, item);
	return 0;
}

/* The indexed documents whose provisions say DOC is no longer in force
 * ("Nghị định số 24/2015/NĐ-CP ... hết hiệu lực kể từ ngày Nghị định này
 * có hiệu lực", "thay thế Nghị định số ..."): [{"doc_id", "doc_number",
 * "type", "doc_title", "issue_date", "effective_date", "provision"}]. */
static tc_status superseded_by(tc_searcher *s, json_t *doc, json_t **out, tc_error *err)
{
	*out = NULL;
	const char *number = json_string_value(json_object_get(doc, "doc_number"));
	const char *doc_id = json_string_value(json_object_get(doc, "id"));
	tc_buf norm = {0};
	if (!number || !doc_id || tc_doc_number_normalize(number, strlen(number), 0, &norm) < 0) {
		tc_buf_free(&norm);
		return TC_OK;
	}
	superseded_ctx sc = {.s = s, .doc_id = doc_id, .list = json_array()};
	/* "24/2015/": the digits and year, the same in "NĐ-CP", "ND-CP", "NÐ-CP" */
	const char *slash = strchr(norm.data, '/');
	const char *second = slash ? strchr(slash + 1, '/') : NULL;
	size_t key = second ? (size_t)(second - norm.data) + 1 : norm.len;
	snprintf(sc.number, sizeof sc.number, "%.*s", (int)key, norm.data);
	xc_query *parts[3] = {0}, *said = NULL, *q = NULL;
	/* the pairs as indexed (tc_features_pair_prefix) */
	static const char *const exact_pairs[] = {"hết_hiệu", "thay_thế"};
	static const char *const folded_pairs[] = {"het_hieu", "thay_the"};
	const char *const *pairs = s->features.folded ? folded_pairs : exact_pairs;
	tc_buf_reset(&s->term);
	tc_buf_printf(&s->term, "%s%s", TC_PREFIX_MENTION, norm.data);
	tc_status st = s->term.len <= XC_MAX_TERM_LENGTH
	                       ? xc_query_term(s->term.data, s->term.len, 1, 0, &parts[0], err)
	                       : TC_OK;
	for (int k = 0; st == TC_OK && parts[0] && k < 2; k++) {
		tc_buf_reset(&s->term);
		tc_buf_printf(&s->term, "%s%s", tc_features_pair_prefix(&s->features), pairs[k]);
		st = xc_query_term(s->term.data, s->term.len, 1, 0, &parts[1 + k], err);
	}
	if (st == TC_OK && parts[0])
		st = xc_query_combine(XC_OP_OR, parts + 1, 2, 0, &said, err);
	xc_query *both[2] = {parts[0], said};
	if (st == TC_OK && parts[0])
		st = xc_query_combine(XC_OP_AND, both, 2, 0, &q, err);
	/* the clause that says it, or the article when it has no clauses */
	if (st == TC_OK && q)
		st = tc__each_match(s, TC_DB_PROVISION_PARTS, q, 0, 10, on_replacing, &sc, err);
	if (st == TC_OK && q && !json_array_size(sc.list))
		st = tc__each_match(s, TC_DB_PROVISIONS, q, 0, 10, on_replacing, &sc, err);
	for (int k = 0; k < 3; k++)
		xc_query_free(parts[k]);
	xc_query_free(said);
	xc_query_free(q);
	tc_buf_free(&norm);
	tc_buf_free(&sc.folded);
	if (st == TC_OK && json_array_size(sc.list))
		*out = sc.list;
	else
		json_decref(sc.list);
	return st;
}

/* What the citation C names within document DOC (a summary with its id). */
static json_t *resolve_in(tc_searcher *s, json_t *doc, const cited *c, int with_text, const char **deepest,
                          tc_status *st, tc_error *err)
{
	json_t *match = json_pack("{s:O}", "document", doc);
	*deepest = "document";
	json_t *replaced = NULL;
	*st = superseded_by(s, doc, &replaced, err);
	if (replaced)
		json_object_set_new(match, "superseded_by", replaced);
	const char *doc_id = json_string_value(json_object_get(doc, "id"));
	if (*c->date) {
		/* "ngày 28 tháng 5 năm 2015" against the issue date "2015-05-28" */
		const char *issued = json_string_value(json_object_get(doc, "issue_date"));
		char iso[11];
		snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", c->date, c->date + 4, c->date + 6);
		if (issued)
			json_object_set_new(match, "date_matches", json_boolean(!strcmp(issued, iso)));
	}
	if (!*c->article || !doc_id)
		return match;
	tc_buf id = {0};
	int found = 0;
	tc_buf_printf(&id, "%s/d%s", doc_id, c->article);
	json_t *article = level(s, TC_DB_PROVISIONS, c->article, id.data, with_text, &found, st, err);
	json_object_set_new(match, "article", article);
	/* what the codification says of this article */
	const char *number = json_string_value(json_object_get(doc, "doc_number"));
	notes_ctx nc = {.article = c->article, .with_text = with_text};
	tc_buf norm = {0};
	if (*st == TC_OK && number && tc_doc_number_normalize(number, strlen(number), 0, &norm) == 0) {
		nc.number = norm.data;
		nc.codified = json_array();
		nc.current = json_array();
		nc.current_records = json_array();
		nc.amended_by = json_array();
		nc.repealed_by = json_array();
		nc.amends = json_array();
		char lower[sizeof c->article];
		memcpy(lower, c->article, sizeof lower);
		tc_ascii_lower(lower, strlen(lower));
		nc.article = lower;
		*st = codified_notes(s, &nc, err);
		nc.article = c->article;
		json_object_set_new(match, "codified", nc.codified);
		json_object_set_new(article, "current", nc.current);
		if (json_array_size(nc.amended_by))
			json_object_set(article, "amended_by", nc.amended_by);
		if (json_array_size(nc.repealed_by))
			json_object_set(article, "repealed_by", nc.repealed_by);
		if (json_array_size(nc.amends))
			json_object_set(article, "amends", nc.amends);
		json_decref(nc.amended_by);
		json_decref(nc.repealed_by);
		json_decref(nc.amends);
	}
	tc_buf_free(&nc.norm);
	tc_buf_free(&nc.art);
	tc_buf_free(&norm);
	/* An article the index has no text of, resolved through the codified
	 * article that comes from it: the codification keeps the article's
	 * clauses and points as they are numbered in it. */
	tc_db_kind kind = TC_DB_PROVISIONS;
	if (!found && *st == TC_OK && json_array_size(nc.current_records)) {
		json_t *cod = json_array_get(nc.current_records, 0);
		found = 1;
		kind = TC_DB_CODIFIED;
		tc_buf_reset(&id);
		tc_buf_append_str(&id, json_string_value(json_object_get(cod, "id")));
		json_object_set_new(article, "found", json_true());
		json_object_set_new(article, "via", json_string("codified"));
		json_object_set_new(article, "id", json_string(id.data));
		json_object_set_new(article, "entry", summary_of(cod, with_text));
	}
	json_decref(nc.current_records);
	if (found)
		*deepest = "article";
	if (found && *c->clause && *st == TC_OK) {
		tc_buf_printf(&id, "/k%s", c->clause);
		json_object_set_new(match, "clause",
		                    level(s, kind, c->clause, id.data, with_text, &found, st, err));
		if (found)
			*deepest = "clause";
		if (found && *c->point && *st == TC_OK) {
			size_t clause_len = id.len;
			tc_buf_printf(&id, "/%s", c->point);
			json_t *point = level(s, kind, c->point, id.data, with_text, &found, st, err);
			if (!found && *st == TC_OK) {
				/* the points of a short clause have no entries of their
				 * own: the clause's text has them */
				id.data[clause_len] = '\0';
				json_t *clause = entry_summary(s, tc_db_parts(kind), id.data, 1, st, err);
				const char *text = json_string_value(json_object_get(clause, "text"));
				size_t point_len = 0;
				const char *at = text ? tc__point_in_text(text, c->point, &point_len) : NULL;
				if (at) {
					found = 1;
					json_object_set_new(point, "found", json_true());
					json_object_set_new(point, "via", json_string("clause"));
					if (with_text)
						json_object_set_new(point, "entry",
						                    json_pack("{s:O, s:s, s:s%}", "id",
						                              json_object_get(point, "id"),
						                              "kind", "point", "text", at,
						                              point_len));
				}
				json_decref(clause);
			}
			json_object_set_new(match, "point", point);
			if (found)
				*deepest = "point";
		}
	}
	tc_buf_free(&id);
	return match;
}

/* ---- a law named without a number ---- */

/* The types that are cited by name ("Luật Đất đai", "Bộ luật Dân sự",
 * "Pháp lệnh Ngoại hối", "Hiến pháp"), by their folded words. */
static const struct {
	const char *words[2];
	size_t count;
	tc_doc_type type;
} named_types[] = {
        {{"bo", "luat"}, 2, TC_TYPE_BO_LUAT},
        {{"phap", "lenh"}, 2, TC_TYPE_PHAP_LENH},
        {{"hien", "phap"}, 2, TC_TYPE_HIEN_PHAP},
        {{"luat", NULL}, 1, TC_TYPE_LUAT},
};

typedef struct named_ctx {
	tc_searcher *s;
	cited *c;
	size_t name_start, name_len; /* the name's words in c->words */
	tc_doc_type type;
	tc_date date;
	json_t *best; /* [summary] of the longest names so far */
	size_t best_len;
	tc_arena *arena;
} named_ctx;

static int collect_folded(void *vctx, const tc_token *t)
{
	cited *words = vctx;
	if (t->kind == TC_TOKEN_SYLLABLE || t->kind == TC_TOKEN_WORD || t->kind == TC_TOKEN_NUMBER)
		add_word(words, t);
	return 0;
}

/* How many of the name's words the title of REC spells out whole (its
 * type's words, when it starts with them, left aside); 0 when the title
 * is not a prefix of the name. */
static size_t name_match(named_ctx *nc, json_t *rec)
{
	/* "Hiến pháp" has no name: the year tells the versions apart */
	if (nc->type == TC_TYPE_HIEN_PHAP)
		return 1;
	const char *title = json_string_value(json_object_get(rec, "title"));
	if (!title)
		return 0;
	cited t = {.arena = nc->arena};
	tc_error ignored;
	if (tc_analyzer_run(nc->s->analyzer,
	                    TC_ANALYZE_QUERY | TC_ANALYZE_NO_BIGRAMS | TC_ANALYZE_NO_DOC_NUMBERS |
	                            TC_ANALYZE_NO_CITATIONS | TC_ANALYZE_NO_DATES,
	                    title, strlen(title), collect_folded, &t, NULL, &ignored) != TC_OK ||
	    t.failed)
		return 0;
	size_t from = 0;
	for (size_t k = 0; k < sizeof named_types / sizeof *named_types; k++) {
		if (named_types[k].type != nc->type || t.word_count < named_types[k].count)
			continue;
		size_t w = 0;
		while (w < named_types[k].count && !strcmp(t.words[w], named_types[k].words[w]))
			w++;
		if (w == named_types[k].count)
			from = w;
	}
	size_t n = t.word_count - from;
	size_t common = n < nc->name_len ? n : nc->name_len;
	for (size_t w = 0; w < common; w++)
		if (strcmp(t.words[from + w], nc->c->words[nc->name_start + w]))
			return 0;
	/* the whole title written (the longer, the better); else a name
	 * written short ("Luật Người lao động Việt Nam đi làm việc ở nước
	 * ngoài" for "... theo hợp đồng"), of three words at least */
	if (n && n <= nc->name_len)
		return 1000 + n;
	return n > nc->name_len && nc->name_len >= 3 ? nc->name_len : 0;
}

static int on_named(void *vctx, json_t *rec)
{
	named_ctx *nc = vctx;
	size_t n = name_match(nc, rec);
	if (!n || n < nc->best_len)
		return 0;
	if (n > nc->best_len) {
		json_array_clear(nc->best);
		nc->best_len = n;
	}
	json_array_append_new(nc->best, summary_of(rec, 0));
	return 0;
}

static int year_of(json_t *doc)
{
	const char *d = json_string_value(json_object_get(doc, "issue_date"));
	return d ? atoi(d) : 0;
}

/* Order of named documents: the year written first, then those in effect
 * on the date, then the newest. */
static long named_rank(json_t *doc, int year, const char *today)
{
	const char *issued = json_string_value(json_object_get(doc, "issue_date"));
	const char *effective = json_string_value(json_object_get(doc, "effective_date"));
	long rank = 0;
	if (year && year_of(doc) == year)
		rank += 1L << 40;
	if (!effective || strcmp(effective, today) <= 0)
		rank += 1L << 39;
	if (issued)
		rank += atol(issued) * 10000 + atol(issued + 5) * 100 + atol(issued + 8);
	return rank;
}

/* The documents C names by type and name ("Luật Đất đai năm 2024"), best
 * first, into DOCS; 0 when the text names none that way. */
static tc_status named_documents(tc_searcher *s, cited *c, tc_date date, json_t *docs, int *named,
                                 tc_error *err)
{
	*named = 0;
	named_ctx nc = {.s = s, .c = c, .date = date, .arena = c->arena};
	for (size_t i = 0; i < c->word_count && !*named; i++) {
		for (size_t k = 0; k < sizeof named_types / sizeof *named_types && !*named; k++) {
			size_t n = named_types[k].count;
			if (i + n > c->word_count)
				continue;
			size_t w = 0;
			while (w < n && !strcmp(c->words[i + w], named_types[k].words[w]))
				w++;
			if (w < n)
				continue;
			*named = 1;
			nc.type = named_types[k].type;
			nc.name_start = i + n;
			nc.name_len = 0;
			/* up to a number, or "năm 2024", "số 31/2024", "ngày 18 ..." */
			for (size_t x = nc.name_start; x < c->word_count && nc.name_len < LOOKUP_NAME_WORDS;
			     x++) {
				int before_number = x + 1 < c->word_count && c->word_is_number[x + 1];
				if (c->word_is_number[x] || (before_number && (!strcmp(c->words[x], "nam") ||
				                                               !strcmp(c->words[x], "so") ||
				                                               !strcmp(c->words[x], "ngay"))))
					break;
				nc.name_len++;
			}
		}
	}
	if (!*named || (!nc.name_len && nc.type != TC_TYPE_HIEN_PHAP)) {
		*named = 0;
		return TC_OK;
	}
	/* the documents of that type whose title holds the name's first words */
	xc_query *parts[3] = {0};
	size_t count = 0;
	tc_status st = TC_OK;
	tc_buf_reset(&s->term);
	tc_buf_printf(&s->term, "%s%s", TC_PREFIX_TYPE, tc_doc_type_slug(nc.type));
	st = xc_query_term(s->term.data, s->term.len, 1, 0, &parts[count++], err);
	for (size_t w = 0; st == TC_OK && w < nc.name_len && w < 2; w++) {
		tc_buf_reset(&s->term);
		tc_buf_printf(&s->term, "%s%s", TC_PREFIX_FOLDED_TITLE, c->words[nc.name_start + w]);
		if (s->term.len <= XC_MAX_TERM_LENGTH)
			st = xc_query_term(s->term.data, s->term.len, 1, 0, &parts[count++], err);
	}
	xc_query *q = NULL;
	if (st == TC_OK)
		st = xc_query_combine(XC_OP_AND, parts, count, 0, &q, err);
	for (size_t i = 0; i < count; i++)
		xc_query_free(parts[i]);
	nc.best = json_array();
	if (st == TC_OK)
		st = tc__each_match(s, TC_DB_DOCS, q, 0, LOOKUP_NAMED_MAX, on_named, &nc, err);
	xc_query_free(q);
	/* best first: a stable insertion sort (a handful of versions) */
	char today[16];
	snprintf(today, sizeof today, "%04u-%02u-%02u", (unsigned)(date / 10000),
	         (unsigned)(date / 100 % 100), (unsigned)(date % 100));
	size_t n = json_array_size(nc.best);
	long *ranks = tc_calloc(n ? n : 1, sizeof *ranks);
	json_t **items = tc_calloc(n ? n : 1, sizeof *items);
	if (!ranks || !items)
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; st == TC_OK && i < n; i++) {
		json_t *item = json_array_get(nc.best, i);
		long rank = named_rank(item, c->year, today);
		size_t j = i;
		while (j > 0 && ranks[j - 1] < rank) {
			ranks[j] = ranks[j - 1];
			items[j] = items[j - 1];
			j--;
		}
		ranks[j] = rank;
		items[j] = item;
	}
	for (size_t i = 0; st == TC_OK && i < n && i < LOOKUP_MAX_DOCS; i++)
		json_array_append(docs, items[i]);
	tc_free(ranks);
	tc_free(items);
	json_decref(nc.best);
	return st;
}

/* The nearest records when nothing is named exactly: the best documents
 * for the text as a search. */
static json_t *candidates(tc_searcher *s, const char *text)
{
	tc_search_options options;
	tc_search_options_default(&options);
	options.target = TC_TARGET_DOCS;
	options.limit = LOOKUP_CANDIDATES;
	json_t *results = NULL, *list = json_array();
	tc_error ignored;
	if (tc_search(s, text, &options, &results, &ignored) != TC_OK)
		return list;
	size_t i;
	json_t *hit;
	json_array_foreach(json_object_get(results, "hits"), i, hit)
	{
		json_t *item = json_object();
		static const char *const keys[] = {"id", "doc_number", "type", "title", "issue_date"};
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			if (json_object_get(hit, keys[k]))
				json_object_set(item, keys[k], json_object_get(hit, keys[k]));
		json_array_append_new(list, item);
	}
	json_decref(results);
	return list;
}

static tc_date today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	return (tc_date)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

tc_status tc_lookup(tc_searcher *s, const char *text, json_t **result, tc_error *err)
{
	return tc_lookup_with(s, text, NULL, result, err);
}

tc_status tc_lookup_with(tc_searcher *s, const char *text, const tc_lookup_options *options, json_t **result,
                         tc_error *err)
{
	*result = NULL;
	size_t len = strlen(text);
	int with_text = options && options->text;
	if (!len)
		return tc_error_set(err, TC_ERR_INPUT,
		                    "nothing to look up: give a document number or a citation");
	if (len > TC_QUERY_MAX_BYTES)
		return tc_error_set(err, TC_ERR_LIMIT, "the text is %zu bytes long; the limit is %d", len,
		                    TC_QUERY_MAX_BYTES);
	cited c = {.doc_numbers = json_array(),
	           .citations = json_array(),
	           .dates = json_array(),
	           .arena = tc_arena_new(4096)};
	if (!c.arena) {
		json_decref(c.doc_numbers);
		json_decref(c.citations);
		json_decref(c.dates);
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	}
	tc_status st = tc_analyzer_run(s->analyzer, tc_features_analyze_flags(&s->features, TC_ANALYZE_QUERY),
	                               text, len, on_token, &c, NULL, err);
	if (st == TC_OK && c.failed)
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	json_t *matches = json_array();
	const char *resolved = NULL;
	xc_query *q = NULL;
	if (st == TC_OK && c.number_count) {
		xc_query *terms[4] = {0};
		for (size_t i = 0; st == TC_OK && i < c.number_count; i++)
			st = xc_query_term(c.numbers[i].data, c.numbers[i].len, 1, 0, &terms[i], err);
		if (st == TC_OK)
			st = xc_query_combine(XC_OP_OR, terms, c.number_count, 0, &q, err);
		for (size_t i = 0; i < c.number_count; i++)
			xc_query_free(terms[i]);
	}
	json_t *docs = json_array();
	if (q && st == TC_OK)
		st = tc__each_match(s, TC_DB_DOCS, q, 0, LOOKUP_MAX_DOCS, add_document, docs, err);
	xc_query_free(q);
	int named = 0;
	if (st == TC_OK && !c.number_count)
		st = named_documents(s, &c, today(), docs, &named, err);
	size_t i;
	json_t *doc;
	json_array_foreach(docs, i, doc)
	{
		if (st != TC_OK)
			break;
		const char *deepest = NULL;
		json_t *match = resolve_in(s, doc, &c, with_text, &deepest, &st, err);
		json_object_set_new(match, "resolved", json_string(deepest));
		/* a document issued on the date written comes first */
		if (json_is_true(json_object_get(match, "date_matches")))
			json_array_insert_new(matches, 0, match);
		else
			json_array_append_new(matches, match);
		/* the deepest level any match reached */
		static const char *const order[] = {"document", "article", "clause", "point"};
		int have = -1, got = -1;
		for (int k = 0; k < 4; k++) {
			if (resolved && !strcmp(resolved, order[k]))
				have = k;
			if (!strcmp(deepest, order[k]))
				got = k;
		}
		if (got > have)
			resolved = order[got];
	}
	json_decref(docs);
	/* a document the index lacks, that an indexed one says is replaced */
	json_t *replaced = NULL;
	if (st == TC_OK && !json_array_size(matches) && c.number_count && !c.partial) {
		json_t *absent = json_pack("{s:s, s:s%}", "id", "", "doc_number",
		                           c.numbers[0].data + strlen(TC_PREFIX_NUMBER),
		                           c.numbers[0].len - strlen(TC_PREFIX_NUMBER));
		st = superseded_by(s, absent, &replaced, err);
		json_decref(absent);
	}
	for (size_t k = 0; k < 4; k++)
		tc_buf_free(&c.numbers[k]);
	tc_arena_free(c.arena);
	if (st != TC_OK) {
		json_decref(replaced);
		json_decref(matches);
		json_decref(c.doc_numbers);
		json_decref(c.citations);
		json_decref(c.dates);
		return st;
	}
	json_t *out =
	        json_pack("{s:s, s:{s:o, s:o, s:o}, s:o}", "query", text, "recognized", "doc_numbers",
	                  c.doc_numbers, "citations", c.citations, "dates", c.dates, "matches", matches);
	if (named)
		json_object_set_new(json_object_get(out, "recognized"), "name", json_true());
	if (replaced)
		json_object_set_new(out, "superseded_by", replaced);
	json_object_set_new(out, "resolved", resolved ? json_string(resolved) : json_null());
	if (!json_array_size(matches))
		json_object_set_new(out, "candidates", candidates(s, text));
	*result = out;
	return TC_OK;
}
