/* draft.c - a draft read into articles and citations: the corpus's own
 * parsers make the record (plain text as the Công báo loader reads it, or
 * a JSONL record), each Điều of it is an article with its full text, and
 * cite.c recognizes each article's citations. */
#include <stdio.h>
#include <string.h>

#include "check-private.h"
#include "indexer.h"

void tc_check_draft_free(tc_check_draft *draft)
{
	if (!draft)
		return;
	tc_arena_free(draft->arena);
	tc_free(draft);
}

typedef struct article_list {
	tc_check_article *v;
	size_t n, cap;
} article_list;

static int add_article(tc_arena *arena, article_list *list, const tc_node *node, const char *text, size_t len)
{
	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 32;
		tc_check_article *v = tc_arena_alloc(arena, cap * sizeof *v);
		if (!v)
			return -1;
		if (list->n)
			memcpy(v, list->v, list->n * sizeof *v);
		list->v = v;
		list->cap = cap;
	}
	tc_check_article *a = &list->v[list->n++];
	memset(a, 0, sizeof *a);
	a->node = node;
	a->number = node ? node->number : NULL;
	a->heading = node ? node->heading : NULL;
	a->path = node ? node->path : NULL;
	a->text = tc_arena_strndup(arena, text, len);
	a->text_len = len;
	return a->text ? 0 : -1;
}

/* Every Điều of the body, in order (those of an annexed regulation too). */
static int collect(tc_arena *arena, article_list *list, const tc_node *node, tc_buf *text)
{
	for (const tc_node *child = node->first_child; child; child = child->next) {
		if (child->kind == TC_NODE_ARTICLE) {
			tc_buf_reset(text);
			if (tc_node_full_text(child, text) < 0 ||
			    add_article(arena, list, child, text->data ? text->data : "", text->len) < 0)
				return -1;
		} else if (child->kind != TC_NODE_CLAUSE && child->kind != TC_NODE_POINT &&
		           child->kind != TC_NODE_NOTE) {
			if (collect(arena, list, child, text) < 0)
				return -1;
		}
	}
	return 0;
}

/* Whether LEN bytes of S hold nothing but white space. */
static int blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '\f' &&
		    s[i] != '\v')
			return 0;
	return 1;
}

tc_status tc_check_draft_read(const char *bytes, size_t len, tc_check_draft **out, tc_error *err)
{
	*out = NULL;
	if (len > TC_CHECK_MAX_BYTES)
		return tc_error_set(
		        err, TC_ERR_LIMIT,
		        "the draft is %zu bytes long; the limit is %d bytes (1 MB): check it in parts", len,
		        TC_CHECK_MAX_BYTES);
	if (!len || blank(bytes, len))
		return tc_error_set(err, TC_ERR_INPUT,
		                    "the draft is empty: give the text of a draft (or a JSONL record)");
	tc_check_draft *d = tc_calloc(1, sizeof *d);
	tc_analyzer *analyzer = tc_analyzer_new();
	if (!d || !analyzer || !(d->arena = tc_arena_new(256 * 1024))) {
		if (d)
			tc_arena_free(d->arena);
		tc_free(d);
		tc_analyzer_free(analyzer);
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	}
	size_t lead = 0;
	while (lead < len && strchr(" \t\r\n", bytes[lead]))
		lead++;
	tc_record *record = NULL;
	tc_status st;
	if (bytes[lead] == '{') {
		/* one JSONL record; a second one is another draft */
		const char *line = bytes + lead;
		size_t line_len = len - lead;
		const char *nl = memchr(line, '\n', line_len);
		if (nl && !blank(nl, line_len - (size_t)(nl - line))) {
			st = tc_error_set(
			        err, TC_ERR_INPUT,
			        "the draft holds more than one JSONL record (line 2 is not blank): check one "
			        "document at a time");
		} else {
			d->format = "jsonl";
			st = tc_record_parse_jsonl(d->arena, line, nl ? (size_t)(nl - line) : line_len,
			                           &record, err);
			if (st == TC_OK && record->kind != TC_RECORD_DOCUMENT &&
			    record->kind != TC_RECORD_CODIFIED)
				st = tc_error_set(err, TC_ERR_INPUT,
				                  "the JSONL record '%s' has no text to check (a %s)",
				                  record->id, tc_record_kind_name(record->kind));
		}
	} else {
		d->format = "text";
		st = tc_record_parse_text(d->arena, bytes, len, "draft", &record, err);
		if (st == TC_ERR_INPUT && err) {
			char why[TC_ERROR_MESSAGE_MAX];
			snprintf(why, sizeof why, "%s", err->message);
			/* "not a document: data, not text (...)" */
			const char *colon = strstr(why, ": ");
			st = tc_error_set(err, TC_ERR_INPUT, "the draft is not text: %s",
			                  colon ? colon + 2 : why);
		}
	}
	article_list list = {0};
	tc_buf text = {0};
	if (st == TC_OK) {
		d->record = record;
		/* the preamble's legal bases ("Căn cứ Luật ... ngày ...;") */
		const tc_node *root = record->body;
		if (root && root->text && !blank(root->text, strlen(root->text)) && root->first_child) {
			if (add_article(d->arena, &list, root, root->text, strlen(root->text)) < 0)
				st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
			else
				list.v[0].preamble = 1, list.v[0].number = NULL, list.v[0].path = NULL;
		}
		size_t before = list.n;
		if (st == TC_OK && root && collect(d->arena, &list, root, &text) < 0)
			st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		/* a preamble and no article: the whole text is one */
		if (st == TC_OK && before && list.n == before)
			list.n = 0;
		/* a text with no Điều (one article's body, a passage): one article */
		if (st == TC_OK && !list.n) {
			tc_buf_reset(&text);
			if ((record->body && tc_node_full_text(record->body, &text) < 0) ||
			    add_article(d->arena, &list,
			                record->kind == TC_RECORD_CODIFIED ? record->body : NULL,
			                text.data ? text.data : "", text.len) < 0)
				st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
			else if (blank(text.data ? text.data : "", text.len))
				st = tc_error_set(err, TC_ERR_INPUT, "the draft has no body text to check");
		}
	}
	tc_buf_free(&text);
	for (size_t i = 0; st == TC_OK && i < list.n; i++) {
		if (tc__cites_find(analyzer, d->arena, record, &list.v[i]) < 0)
			st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		d->cite_count += list.v[i].cite_count;
	}
	tc_analyzer_free(analyzer);
	if (st != TC_OK) {
		tc_check_draft_free(d);
		return st;
	}
	d->articles = list.v;
	d->article_count = list.n;
	*out = d;
	return TC_OK;
}

static const char *scope_name(tc_cite_scope scope)
{
	static const char *const names[] = {"external", "internal", "bare", "context"};
	return (unsigned)scope < 4 ? names[scope] : "external";
}

static void set_str(json_t *obj, const char *key, const char *value)
{
	if (value)
		json_object_set_new(obj, key, json_string(value));
}

json_t *tc__cite_json(const tc_check_article *article, const tc_cite *c)
{
	json_t *obj = json_object();
	if (!obj)
		return NULL;
	json_object_set_new(obj, "text", json_stringn(article->text + c->start, c->end - c->start));
	json_object_set_new(obj, "start", json_integer((json_int_t)c->start));
	json_object_set_new(obj, "end", json_integer((json_int_t)c->end));
	json_object_set_new(obj, "scope", json_string(scope_name(c->scope)));
	if (c->quoted)
		json_object_set_new(obj, "quoted", json_true());
	if (c->adds)
		json_object_set_new(obj, "adds", json_true());
	set_str(obj, "point", c->point);
	set_str(obj, "clause", c->clause);
	set_str(obj, "article", c->article);
	set_str(obj, "doc_number", c->doc_number);
	set_str(obj, "doc_type", c->doc_type);
	set_str(obj, "doc_name", c->doc_name);
	if (c->written_date) {
		char iso[16];
		snprintf(iso, sizeof iso, "%04u-%02u-%02u", (unsigned)(c->written_date / 10000),
		         (unsigned)(c->written_date / 100 % 100), (unsigned)(c->written_date % 100));
		json_object_set_new(obj, "written_date", json_string(iso));
	}
	if (c->written_year)
		json_object_set_new(obj, "written_year", json_integer(c->written_year));
	set_str(obj, "written_title", c->written_title);
	return obj;
}

json_t *tc__draft_summary(const tc_check_draft *draft)
{
	const tc_record *r = draft->record;
	json_t *obj = json_object();
	json_object_set_new(obj, "format", json_string(draft->format));
	set_str(obj, "id", r->id);
	set_str(obj, "doc_number", r->doc_number);
	if (r->type != TC_TYPE_UNKNOWN)
		set_str(obj, "type",
		        r->type == TC_TYPE_OTHER && r->type_name ? r->type_name : tc_doc_type_name(r->type));
	set_str(obj, "title", r->title);
	set_str(obj, "issuer", r->issuer);
	json_object_set_new(obj, "article_count", json_integer((json_int_t)draft->article_count));
	json_object_set_new(obj, "citation_count", json_integer((json_int_t)draft->cite_count));
	return obj;
}

json_t *tc_check_draft_json(const tc_check_draft *draft)
{
	json_t *obj = tc__draft_summary(draft);
	json_t *articles = json_array();
	for (size_t i = 0; i < draft->article_count; i++) {
		const tc_check_article *a = &draft->articles[i];
		json_t *item = json_object();
		if (a->preamble)
			json_object_set_new(item, "preamble", json_true());
		set_str(item, "number", a->number);
		set_str(item, "heading", a->heading);
		set_str(item, "path", a->path);
		set_str(item, "amends", a->amends);
		json_t *cites = json_array();
		for (size_t k = 0; k < a->cite_count; k++)
			json_array_append_new(cites, tc__cite_json(a, &a->cites[k]));
		json_object_set_new(item, "citations", cites);
		json_array_append_new(articles, item);
	}
	json_object_set_new(obj, "articles", articles);
	return obj;
}
