/* display.c - the stored record of each index entry (what a hit shows and
 * what `tracuu get` prints), as JSON. */
#include <stdio.h>
#include <string.h>

#include "indexer-private.h"

void tc__date_iso(tc_date date, char *buf)
{
	if (!date) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)(date / 10000) % 10000, (unsigned)(date / 100) % 100,
	         (unsigned)date % 100);
}

uint64_t tc__hash64(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = 1469598103934665603ULL ^ seed;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Set KEY to a string when VALUE is not NULL/empty. */
static void set_str(json_t *obj, const char *key, const char *value)
{
	if (value && *value)
		json_object_set_new(obj, key, json_string(value));
}

static void set_date(json_t *obj, const char *key, tc_date date)
{
	char iso[16];
	if (!date)
		return;
	tc__date_iso(date, iso);
	json_object_set_new(obj, key, json_string(iso));
}

static const char *scope_name(tc_scope scope)
{
	switch (scope) {
	case TC_SCOPE_CENTRAL: return "central";
	case TC_SCOPE_LOCAL: return "local";
	default: return NULL;
	}
}

/* The metadata every entry of a record carries. */
static void set_metadata(json_t *obj, const tc_record *record)
{
	set_str(obj, "source", record->source_name);
	set_str(obj, "doc_number", record->doc_number);
	if (record->type != TC_TYPE_UNKNOWN && record->type != TC_TYPE_OTHER)
		set_str(obj, "type", tc_doc_type_name(record->type));
	else
		set_str(obj, "type", record->type_name);
	set_str(obj, "issuer", record->issuer);
	set_str(obj, "scope", scope_name(record->scope));
	set_str(obj, "province", record->province);
	set_str(obj, "signer", record->signer);
	set_str(obj, "place", record->place);
	set_date(obj, "issue_date", record->issue_date);
	set_date(obj, "effective_date", record->effective_date);
	set_date(obj, "expiry_date", record->expiry_date);
	if (record->validity != TC_VALIDITY_UNKNOWN)
		set_str(obj, "validity", tc_validity_name(record->validity));
	set_str(obj, "field", record->field);
	set_str(obj, "url", record->source_url);
}

static const char *node_kind_name(tc_node_kind kind)
{
	static const char *const names[TC_NODE_KIND_COUNT] = {
		"document", "part", "chapter", "section", "subsection", "article", "clause", "point", "annex", "note",
	};
	return (unsigned)kind < TC_NODE_KIND_COUNT ? names[kind] : "node";
}

static void outline_add(json_t *outline, const tc_record *record, const tc_node *node, tc_buf *path)
{
	for (const tc_node *child = node->first_child; child; child = child->next) {
		if (child->kind == TC_NODE_CLAUSE || child->kind == TC_NODE_POINT || child->kind == TC_NODE_NOTE)
			continue;
		json_t *item = json_object();
		json_object_set_new(item, "kind", json_string(node_kind_name(child->kind)));
		set_str(item, "number", child->number);
		set_str(item, "heading", child->heading);
		if (child->kind == TC_NODE_ARTICLE || child->kind == TC_NODE_ANNEX) {
			if (child->path)
				set_str(item, "path", child->path);
			else if (tc_provision_path(record, child, path) == 0)
				set_str(item, "path", path->data);
		}
		json_array_append_new(outline, item);
		outline_add(outline, record, child, path);
	}
}

static json_t *codified_json(const tc_codified *cod)
{
	json_t *obj = json_object();
	set_str(obj, "chude_number", cod->chude_number);
	set_str(obj, "chude_name", cod->chude_name);
	set_str(obj, "demuc_id", cod->demuc_id);
	set_str(obj, "demuc_number", cod->demuc_number);
	set_str(obj, "demuc_name", cod->demuc_name);
	set_str(obj, "chapter", cod->chapter);
	set_str(obj, "article_number", cod->article_number);
	set_str(obj, "anchor", cod->anchor);
	set_str(obj, "note", cod->note);
	json_t *sources = json_array();
	static const char *const relations[] = {"original", "amended_by", "repealed_by", "other"};
	for (size_t i = 0; i < cod->source_count; i++) {
		const tc_source_link *link = &cod->sources[i];
		json_t *s = json_object();
		json_object_set_new(s, "relation", json_string(relations[link->relation & 3]));
		set_str(s, "article", link->article);
		set_str(s, "doc_number", link->doc_number);
		if (link->doc_type != TC_TYPE_UNKNOWN)
			set_str(s, "type", tc_doc_type_name(link->doc_type));
		set_str(s, "title", link->doc_title);
		set_str(s, "issuer", link->issuer);
		set_date(s, "issue_date", link->issue_date);
		set_date(s, "effective_date", link->effective_date);
		set_str(s, "vbpl_item_id", link->vbpl_item_id);
		set_str(s, "url", link->url);
		json_array_append_new(sources, s);
	}
	json_object_set_new(obj, "sources", sources);
	json_t *refs = json_array();
	for (size_t i = 0; i < cod->cross_ref_count; i++) {
		json_t *r = json_object();
		set_str(r, "label", cod->cross_refs[i].label);
		set_str(r, "anchor", cod->cross_refs[i].anchor);
		set_str(r, "url", cod->cross_refs[i].url);
		json_array_append_new(refs, r);
	}
	json_object_set_new(obj, "cross_refs", refs);
	return obj;
}

json_t *tc__display_record(const tc_record *record, const char *kind_name)
{
	json_t *obj = json_object();
	if (!obj)
		return NULL;
	json_object_set_new(obj, "id", json_string(record->id));
	if (record->former_id)
		json_object_set_new(obj, "former_id", json_string(record->former_id));
	json_object_set_new(obj, "kind", json_string(kind_name));
	set_metadata(obj, record);
	set_str(obj, "title", record->title);
	set_str(obj, "consolidates", record->consolidates);
	if (record->body) {
		tc_buf text = {0};
		tc_node_full_text(record->body, &text);
		json_object_set_new(obj, "text", json_stringn(text.data ? text.data : "", text.len));
		tc_buf_free(&text);
		if (record->kind == TC_RECORD_DOCUMENT) {
			json_t *outline = json_array();
			tc_buf path = {0};
			outline_add(outline, record, record->body, &path);
			tc_buf_free(&path);
			json_object_set_new(obj, "outline", outline);
		}
	}
	if (record->codified)
		json_object_set_new(obj, "codified", codified_json(record->codified));
	return obj;
}

json_t *tc__display_provision(const tc_record *record, const tc_node *node, const char *path, long order)
{
	json_t *obj = json_object();
	if (!obj)
		return NULL;
	json_object_set_new(obj, "id", json_string(path));
	json_object_set_new(obj, "kind", json_string("provision"));
	json_object_set_new(obj, "doc_id", json_string(record->id));
	set_metadata(obj, record);
	set_str(obj, "doc_title", record->title);
	set_str(obj, "number", node->number);
	set_str(obj, "heading", node->heading);
	json_object_set_new(obj, "order", json_integer(order));
	/* The chain of enclosing units (Phần, Chương, Mục) for display. */
	json_t *within = json_array();
	for (const tc_node *up = node->parent; up && up->kind != TC_NODE_ROOT; up = up->parent) {
		json_t *unit = json_object();
		json_object_set_new(unit, "kind", json_string(node_kind_name(up->kind)));
		set_str(unit, "number", up->number);
		set_str(unit, "heading", up->heading);
		json_array_insert_new(within, 0, unit);
	}
	json_object_set_new(obj, "within", within);
	tc_buf text = {0};
	/* The article's own text and its khoản/điểm, without the heading (the
	 * heading is its own field). */
	if (node->text && *node->text) {
		tc_buf_append_str(&text, node->text);
	}
	for (const tc_node *child = node->first_child; child; child = child->next) {
		if (text.len)
			tc_buf_append_char(&text, '\n');
		tc_node_full_text(child, &text);
	}
	json_object_set_new(obj, "text", json_stringn(text.data ? text.data : "", text.len));
	tc_buf_free(&text);
	return obj;
}

int tc_node_full_text(const tc_node *node, tc_buf *out)
{
	int rc = 0;
	/* A unit's number and heading make its first line ("Điều 5. Phạm vi");
	 * khoản and điểm numbers go in front of their text, below. */
	if (node->kind != TC_NODE_ROOT && node->kind != TC_NODE_CLAUSE && node->kind != TC_NODE_POINT &&
	    (node->number || node->heading)) {
		static const char *const unit[TC_NODE_KIND_COUNT] = {
			"", "Phần", "Chương", "Mục", "Tiểu mục", "Điều", "", "", "Phụ lục", "",
		};
		if (out->len && out->data[out->len - 1] != '\n')
			rc |= tc_buf_append_char(out, '\n');
		const char *word = (unsigned)node->kind < TC_NODE_KIND_COUNT ? unit[node->kind] : "";
		if (*word && node->number)
			rc |= tc_buf_printf(out, "%s %s", word, node->number);
		else if (node->number)
			rc |= tc_buf_printf(out, "[%s]", node->number);
		if (node->heading)
			rc |= tc_buf_printf(out, "%s%s", node->number ? ". " : "", node->heading);
	}
	if (node->text && *node->text) {
		if (out->len && out->data[out->len - 1] != '\n')
			rc |= tc_buf_append_char(out, '\n');
		/* A khoản or điểm carries its number apart from its text: put it
		 * back ("1. ...", "a) ...") unless the text already starts with it. */
		if ((node->kind == TC_NODE_CLAUSE || node->kind == TC_NODE_POINT) && node->number) {
			size_t n = strlen(node->number);
			if (strncmp(node->text, node->number, n) != 0)
				rc |= tc_buf_printf(out, node->kind == TC_NODE_CLAUSE ? "%s. " : "%s) ", node->number);
		}
		rc |= tc_buf_append_str(out, node->text);
	}
	for (const tc_node *child = node->first_child; child; child = child->next)
		rc |= tc_node_full_text(child, out);
	return rc ? -1 : 0;
}
