/* jsonl.c - the JSONL interchange format: one record per line, every field
 * of tc_record (corpus/README.md "JSONL interchange" documents it). Written
 * by tc_record_write_jsonl, read back by tc__load_jsonl into the same model;
 * a line that is not valid JSON or lacks a required field is reported with
 * its line number and skipped. */
#include "corpus-private.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

/* ---- writing ---- */

/* A JSON string of S, with invalid UTF-8 replaced by U+FFFD as the
 * analyzer's repair does (jansson refuses it, and a record must not be lost
 * for one bad byte). */
static json_t *jstr(const char *s)
{
	size_t n = strlen(s);
	json_t *j = json_stringn(s, n);
	if (j)
		return j;
	tc_buf b = {0};
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int invalid;
		size_t l = tc_utf8_next(s, n, i, &cp, &invalid);
		if (invalid)
			tc_buf_append(&b, "\xEF\xBF\xBD", 3);
		else
			tc_buf_append(&b, s + i, l);
		i += l;
	}
	j = json_stringn(b.data ? b.data : "", b.len);
	tc_buf_free(&b);
	return j;
}

static int set_str(json_t *obj, const char *key, const char *value)
{
	if (!value)
		return 0;
	json_t *j = jstr(value);
	return j ? json_object_set_new(obj, key, j) : -1;
}

static int set_date(json_t *obj, const char *key, tc_date date)
{
	if (!date)
		return 0;
	char iso[16];
	snprintf(iso, sizeof iso, "%04u-%02u-%02u", date / 10000 % 10000, date / 100 % 100, date % 100);
	return json_object_set_new(obj, key, json_string(iso));
}

static json_t *node_json(const tc_node *node)
{
	json_t *j = json_object();
	if (!j)
		return NULL;
	int rc = json_object_set_new(j, "kind", json_string(tc_node_kind_name(node->kind)));
	rc |= set_str(j, "number", node->number);
	rc |= set_str(j, "heading", node->heading);
	if (node->text && node->text[0])
		rc |= set_str(j, "text", node->text);
	rc |= set_str(j, "path", node->path);
	if (node->first_child) {
		json_t *children = json_array();
		rc |= json_object_set_new(j, "children", children);
		for (const tc_node *c = node->first_child; c && !rc; c = c->next) {
			json_t *cj = node_json(c);
			rc |= cj ? json_array_append_new(children, cj) : -1;
		}
	}
	if (rc) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static json_t *codified_json(const tc_codified *c)
{
	json_t *j = json_object();
	if (!j)
		return NULL;
	int rc = 0;
	rc |= set_str(j, "chude_number", c->chude_number);
	rc |= set_str(j, "chude_name", c->chude_name);
	rc |= set_str(j, "demuc_id", c->demuc_id);
	rc |= set_str(j, "demuc_number", c->demuc_number);
	rc |= set_str(j, "demuc_name", c->demuc_name);
	rc |= set_str(j, "chapter", c->chapter);
	rc |= set_str(j, "article_number", c->article_number);
	rc |= set_str(j, "anchor", c->anchor);
	rc |= json_object_set_new(j, "anchor_occurrence", json_integer(c->anchor_occurrence));
	rc |= json_object_set_new(j, "order", json_integer(c->order));
	rc |= set_str(j, "note", c->note);
	json_t *sources = json_array();
	rc |= json_object_set_new(j, "sources", sources);
	for (size_t i = 0; i < c->source_count && !rc; i++) {
		const tc_source_link *l = &c->sources[i];
		json_t *lj = json_object();
		rc |= json_array_append_new(sources, lj);
		rc |= json_object_set_new(lj, "relation", json_string(tc_source_relation_name(l->relation)));
		rc |= set_str(lj, "article", l->article);
		rc |= set_str(lj, "doc_number", l->doc_number);
		if (l->doc_type != TC_TYPE_UNKNOWN)
			rc |= json_object_set_new(lj, "doc_type", json_string(tc_doc_type_slug(l->doc_type)));
		rc |= set_str(lj, "doc_title", l->doc_title);
		rc |= set_str(lj, "issuer", l->issuer);
		rc |= set_date(lj, "issue_date", l->issue_date);
		rc |= set_date(lj, "effective_date", l->effective_date);
		rc |= set_str(lj, "vbpl_item_id", l->vbpl_item_id);
		rc |= set_str(lj, "url", l->url);
	}
	json_t *refs = json_array();
	rc |= json_object_set_new(j, "cross_refs", refs);
	for (size_t i = 0; i < c->cross_ref_count && !rc; i++) {
		const tc_cross_ref *x = &c->cross_refs[i];
		json_t *xj = json_object();
		rc |= json_array_append_new(refs, xj);
		rc |= set_str(xj, "label", x->label);
		rc |= set_str(xj, "anchor", x->anchor);
		rc |= set_str(xj, "url", x->url);
	}
	if (rc) {
		json_decref(j);
		return NULL;
	}
	return j;
}

tc_status tc_record_write_jsonl(const tc_record *record, FILE *out, tc_error *err)
{
	json_t *j = json_object();
	if (!j)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	int rc = json_object_set_new(j, "kind", json_string(tc_record_kind_name(record->kind)));
	rc |= set_str(j, "id", record->id);
	rc |= set_str(j, "former_id", record->former_id);
	rc |= set_str(j, "source_name", record->source_name);
	rc |= set_str(j, "source_path", record->source_path);
	rc |= set_str(j, "doc_number", record->doc_number);
	if (record->type != TC_TYPE_UNKNOWN)
		rc |= json_object_set_new(j, "type", json_string(tc_doc_type_slug(record->type)));
	rc |= set_str(j, "type_name", record->type_name);
	rc |= set_str(j, "issuer", record->issuer);
	if (record->scope != TC_SCOPE_UNKNOWN)
		rc |= json_object_set_new(j, "scope", json_string(tc_scope_name(record->scope)));
	rc |= set_str(j, "province", record->province);
	rc |= set_str(j, "signer", record->signer);
	rc |= set_str(j, "place", record->place);
	rc |= set_date(j, "issue_date", record->issue_date);
	rc |= set_date(j, "effective_date", record->effective_date);
	rc |= set_date(j, "expiry_date", record->expiry_date);
	if (record->effective_from != TC_FROM_NONE)
		rc |= set_str(j, "effective_from", tc_field_source_name(record->effective_from));
	if (record->title_from != TC_FROM_NONE)
		rc |= set_str(j, "title_from", tc_field_source_name(record->title_from));
	if (record->validity != TC_VALIDITY_UNKNOWN)
		rc |= json_object_set_new(j, "validity", json_string(tc_validity_slug(record->validity)));
	rc |= set_str(j, "field", record->field);
	rc |= set_str(j, "title", record->title);
	rc |= set_str(j, "source_url", record->source_url);
	rc |= set_str(j, "consolidates", record->consolidates);
	if (!rc && record->body) {
		json_t *b = node_json(record->body);
		rc |= b ? json_object_set_new(j, "body", b) : -1;
	}
	if (!rc && record->codified) {
		json_t *c = codified_json(record->codified);
		rc |= c ? json_object_set_new(j, "codified", c) : -1;
	}
	if (rc) {
		json_decref(j);
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory writing record %s",
		                    record->id ? record->id : "?");
	}
	rc = json_dumpf(j, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (rc < 0 || fputc('\n', out) == EOF)
		return tc_error_set(err, TC_ERR_IO, "cannot write record %s", record->id ? record->id : "?");
	return TC_OK;
}

/* ---- reading ----
 *
 * Every field is checked against the format (corpus/README.md): a value of
 * the wrong type, a date that is no real day, a word outside its
 * vocabulary (kind, type, scope, validity, node kind, relation) or a key
 * the format does not have is reported with the file, the line, the field
 * (its place in the record: "codified.sources[0].doc_type") and the value,
 * and ignored; the rest of the record loads. A line that is not a JSON
 * object, or has no usable kind or id, or a codified record without
 * "codified", or a body node of no known kind, is reported and skipped. */

typedef struct jl_ctx {
	tc_loader *loader;
	const char *path;
	long line;
	const char *record_id; /* once known, for the reports */
	int skip;              /* the record cannot be loaded: reported already */
	int nomem;
} jl_ctx;

/* VALUE as compact JSON, cut to fit a message. */
static void value_text(json_t *value, char *out, size_t cap)
{
	char *s = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
	if (!s) {
		snprintf(out, cap, "(a value)");
		return;
	}
	size_t n = strlen(s);
	if (n < cap)
		memcpy(out, s, n + 1);
	else {
		/* cut on a character boundary, and say so */
		size_t cut = cap - 4;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		memcpy(out, s, cut);
		memcpy(out + cut, "...", 4);
	}
	free(s);
}

/* Report that field WHERE.KEY (WHERE "" at the top; KEY "" for WHERE
 * itself) with VALUE (may be NULL) WHAT; the field is ignored unless the
 * caller skips the record (SKIP set). */
static void jl_report(jl_ctx *c, tc_problem_kind kind, int skip, const char *where, const char *key,
                      json_t *value, const char *what)
{
	char shown[128];
	if (value)
		value_text(value, shown, sizeof shown);
	if (skip)
		c->skip = 1;
	tc__report(c->loader, kind, skip, c->path, c->line, -1, c->record_id, "field \"%s%s%s\"%s%s %s: %s",
	           where, *where && *key ? "." : "", key, value ? " = " : "", value ? shown : "", what,
	           skip ? "record skipped" : "field ignored");
}

/* A string field: NULL when absent or null; another type is reported. */
static const char *get_str(jl_ctx *c, json_t *obj, const char *where, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		jl_report(c, TC_PROBLEM_SYNTAX, 0, where, key, v, "is not a string");
		return NULL;
	}
	char *s = tc_arena_strndup(c->loader->arena, json_string_value(v), json_string_length(v));
	if (!s)
		c->nomem = 1;
	return s;
}

/* A date: "YYYY-MM-DD" (or an integer YYYYMMDD) that is a real day. */
static tc_date get_date(jl_ctx *c, json_t *obj, const char *where, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return 0;
	long long date = -1;
	if (json_is_integer(v)) {
		date = json_integer_value(v);
		if (date == 0)
			return 0; /* the model's "unknown" */
	} else if (json_is_string(v)) {
		const char *s = json_string_value(v);
		int digits = json_string_length(v) == 10 && s[4] == '-' && s[7] == '-';
		for (int i = 0; digits && i < 10; i++)
			digits = i == 4 || i == 7 || (s[i] >= '0' && s[i] <= '9');
		if (digits)
			date = atoll(s) * 10000 + atoll(s + 5) * 100 + atoll(s + 8);
	}
	if (date < 0 || date > UINT32_MAX || !tc_date_valid((tc_date)date)) {
		jl_report(c, TC_PROBLEM_SYNTAX, 0, where, key, v, "is not a real day as YYYY-MM-DD");
		return 0;
	}
	return (tc_date)date;
}

/* An integer in [MIN, MAX]; 0 when absent, null or reported. */
static long long get_int(jl_ctx *c, json_t *obj, const char *where, const char *key, long long min,
                         long long max)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v)) {
		jl_report(c, TC_PROBLEM_SYNTAX, 0, where, key, v, "is not an integer");
		return 0;
	}
	long long n = json_integer_value(v);
	if (n < min || n > max) {
		char what[96];
		snprintf(what, sizeof what, "is out of range (%lld to %lld)", min, max);
		jl_report(c, TC_PROBLEM_SYNTAX, 0, where, key, v, what);
		return 0;
	}
	return n;
}

/* An array field: NULL when absent or null; another type is reported. */
static json_t *get_array(jl_ctx *c, json_t *obj, const char *where, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_array(v)) {
		jl_report(c, TC_PROBLEM_SYNTAX, 0, where, key, v, "is not an array");
		return NULL;
	}
	return v;
}

/* Report the value S of KEY when it reads as its vocabulary's "unknown"
 * (UNKNOWN set) without being that word itself: it is outside the
 * vocabulary (WHAT says what it should be). */
static void check_word(jl_ctx *c, json_t *obj, const char *where, const char *key, const char *s, int unknown,
                       const char *unknown_slug, const char *unknown_name, const char *what)
{
	if (unknown && strcmp(s, unknown_slug) && strcmp(s, unknown_name))
		jl_report(c, TC_PROBLEM_SYNTAX, 0, where, key, json_object_get(obj, key), what);
}

static tc_doc_type get_type(jl_ctx *c, json_t *obj, const char *where, const char *key)
{
	const char *s = get_str(c, obj, where, key);
	tc_doc_type t = s ? tc_doc_type_from_name(s) : TC_TYPE_UNKNOWN;
	if (s)
		check_word(c, obj, where, key, s, t == TC_TYPE_UNKNOWN, tc_doc_type_slug(TC_TYPE_UNKNOWN),
		           tc_doc_type_name(TC_TYPE_UNKNOWN),
		           "is not a document type (a slug such as \"nghi-dinh\", or a name such as \"Nghị "
		           "định\")");
	return t;
}

static tc_validity get_validity(jl_ctx *c, json_t *obj, const char *where, const char *key)
{
	const char *s = get_str(c, obj, where, key);
	tc_validity v = s ? tc_validity_from_name(s) : TC_VALIDITY_UNKNOWN;
	if (s)
		check_word(c, obj, where, key, s, v == TC_VALIDITY_UNKNOWN,
		           tc_validity_slug(TC_VALIDITY_UNKNOWN), tc_validity_name(TC_VALIDITY_UNKNOWN),
		           "is not a validity status (a slug such as \"con-hieu-luc\")");
	return v;
}

static tc_scope get_scope(jl_ctx *c, json_t *obj, const char *where, const char *key)
{
	const char *s = get_str(c, obj, where, key);
	if (!s)
		return TC_SCOPE_UNKNOWN;
	static const tc_scope scopes[] = {TC_SCOPE_UNKNOWN, TC_SCOPE_CENTRAL, TC_SCOPE_LOCAL};
	for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++)
		if (!strcmp(s, tc_scope_name(scopes[i])))
			return scopes[i];
	jl_report(c, TC_PROBLEM_SYNTAX, 0, where, key, json_object_get(obj, key),
	          "is not a scope (\"central\" or \"local\")");
	return TC_SCOPE_UNKNOWN;
}

/* Where a field's value came from ("text", "note", "metadata", "label"). */
static tc_field_source get_field_source(jl_ctx *c, json_t *obj, const char *where, const char *key)
{
	const char *s = get_str(c, obj, where, key);
	tc_field_source from = tc_field_source_from_name(s);
	if (s && from == TC_FROM_NONE)
		jl_report(c, TC_PROBLEM_SYNTAX, 0, where, key, json_object_get(obj, key),
		          "is not a field source (\"text\", \"note\", \"metadata\" or \"label\")");
	return from;
}

/* A link's relation; one outside the vocabulary is reported and read as
 * "other" (absent means the original, which a bad value must not claim). */
static tc_source_relation get_relation(jl_ctx *c, json_t *obj, const char *where, const char *key)
{
	const char *s = get_str(c, obj, where, key);
	if (!s)
		return json_object_get(obj, key) && !json_is_null(json_object_get(obj, key))
		               ? TC_SOURCE_OTHER
		               : TC_SOURCE_ORIGINAL;
	static const tc_source_relation relations[] = {TC_SOURCE_ORIGINAL, TC_SOURCE_AMENDED_BY,
	                                               TC_SOURCE_REPEALED_BY, TC_SOURCE_OTHER};
	for (size_t i = 0; i < sizeof relations / sizeof relations[0]; i++)
		if (!strcmp(s, tc_source_relation_name(relations[i])))
			return relations[i];
	jl_report(c, TC_PROBLEM_SYNTAX, 0, where, key, json_object_get(obj, key),
	          "is not a relation (\"original\", \"amended-by\", \"repealed-by\" or \"other\"); the link "
	          "counts as \"other\"");
	return TC_SOURCE_OTHER;
}

/* Keys of OBJ outside KNOWN (NULL-terminated) are reported: a misspelt key
 * would otherwise lose its value without a word. */
static void check_keys(jl_ctx *c, json_t *obj, const char *where, const char *const *known)
{
	const char *key;
	json_t *value;
	json_object_foreach(obj, key, value)
	{
		size_t i = 0;
		while (known[i] && strcmp(known[i], key))
			i++;
		if (!known[i])
			jl_report(c, TC_PROBLEM_SYNTAX, 0, where, key, value, "is not a field of the format");
	}
}

static const char *const record_keys[] = {
        "kind",     "id",        "source_name",    "source_path",    "doc_number",
        "type",     "type_name", "issuer",         "scope",          "province",
        "signer",   "place",     "issue_date",     "effective_date", "expiry_date",
        "validity", "field",     "title",          "source_url",     "consolidates",
        "body",     "codified",  "effective_from", "title_from",     "former_id",
        NULL};
static const char *const node_keys[] = {"kind", "number", "heading", "text", "path", "children", NULL};
static const char *const codified_keys[] = {
        "chude_number",   "chude_name", "demuc_id",          "demuc_number", "demuc_name", "chapter",
        "article_number", "anchor",     "anchor_occurrence", "order",        "note",       "sources",
        "cross_refs",     NULL};
static const char *const source_keys[] = {"relation",     "article", "doc_number", "doc_type",
                                          "doc_title",    "issuer",  "issue_date", "effective_date",
                                          "vbpl_item_id", "url",     NULL};
static const char *const cross_ref_keys[] = {"label", "anchor", "url", NULL};

/* WHERE[I] into OUT, for the place of an array item ("body.children[2]"). */
static const char *item_where(char *out, size_t cap, const char *where, const char *key, size_t i)
{
	/* cut long places: a body nested deep */
	snprintf(out, cap, "%.180s%s%.40s[%zu]", where, *where ? "." : "", key, i);
	return out;
}

/* Item I of the array KEY of WHERE, VALUE, as an object of the KNOWN keys
 * (WHAT it is: "a source link"); its place into ITEM. 0 when it is not an
 * object (reported: the item is left out). */
static int array_object(jl_ctx *c, json_t *value, const char *where, const char *key, size_t i,
                        const char *const *known, const char *what, char *item, size_t cap)
{
	item_where(item, cap, where, key, i);
	if (!json_is_object(value)) {
		char said[64];
		snprintf(said, sizeof said, "is not an object (%s)", what);
		jl_report(c, TC_PROBLEM_SYNTAX, 0, item, "", value, said);
		return 0;
	}
	check_keys(c, value, item, known);
	return 1;
}

static tc_node *node_from_json(jl_ctx *c, json_t *j, tc_node *parent, const char *where, int depth)
{
	if (!json_is_object(j)) {
		jl_report(c, TC_PROBLEM_SYNTAX, 1, where, "", j, "is not an object (a body node)");
		return NULL;
	}
	if (depth > 64) {
		jl_report(c, TC_PROBLEM_SYNTAX, 1, where, "children", NULL, "is nested too deep (64 levels)");
		return NULL;
	}
	const char *kind_name = get_str(c, j, where, "kind");
	tc_node_kind kind = tc_node_kind_from_name(kind_name);
	if (kind == TC_NODE_KIND_COUNT) {
		json_t *v = json_object_get(j, "kind");
		jl_report(c, kind_name || !v ? TC_PROBLEM_SYNTAX : TC_PROBLEM_MISSING_FIELD, 1, where, "kind",
		          v,
		          v ? "is not a node kind (root part chapter section subsection article clause point "
		              "annex "
		              "note)"
		            : "is missing");
		return NULL;
	}
	check_keys(c, j, where, node_keys);
	tc_node *n = tc__node_new(c->loader, parent, kind);
	if (!n) {
		c->nomem = 1;
		return NULL;
	}
	n->number = get_str(c, j, where, "number");
	n->heading = get_str(c, j, where, "heading");
	const char *text = get_str(c, j, where, "text");
	n->text = text ? text : "";
	n->path = get_str(c, j, where, "path");
	json_t *children = get_array(c, j, where, "children");
	size_t i;
	json_t *cj;
	json_array_foreach(children, i, cj)
	{
		char child_where[256];
		if (!node_from_json(c, cj, n,
		                    item_where(child_where, sizeof child_where, where, "children", i),
		                    depth + 1))
			return NULL;
	}
	return n;
}

static tc_codified *codified_from_json(jl_ctx *c, json_t *j)
{
	tc_arena *arena = c->loader->arena;
	const char *where = "codified";
	if (!json_is_object(j)) {
		jl_report(c, TC_PROBLEM_SYNTAX, 1, "", where, j, "is not an object");
		return NULL;
	}
	check_keys(c, j, where, codified_keys);
	tc_codified *cod = tc_arena_calloc(arena, sizeof *cod);
	if (!cod) {
		c->nomem = 1;
		return NULL;
	}
	cod->chude_number = get_str(c, j, where, "chude_number");
	cod->chude_name = get_str(c, j, where, "chude_name");
	cod->demuc_id = get_str(c, j, where, "demuc_id");
	cod->demuc_number = get_str(c, j, where, "demuc_number");
	cod->demuc_name = get_str(c, j, where, "demuc_name");
	cod->chapter = get_str(c, j, where, "chapter");
	cod->article_number = get_str(c, j, where, "article_number");
	cod->anchor = get_str(c, j, where, "anchor");
	cod->anchor_occurrence = (int)get_int(c, j, where, "anchor_occurrence", 0, INT32_MAX);
	cod->order = (long)get_int(c, j, where, "order", 0, INT32_MAX);
	cod->note = get_str(c, j, where, "note");
	char item[256];
	json_t *sources = get_array(c, j, where, "sources");
	if (json_array_size(sources)) {
		cod->sources = tc_arena_calloc(arena, json_array_size(sources) * sizeof *cod->sources);
		if (!cod->sources) {
			c->nomem = 1;
			return NULL;
		}
	}
	size_t i;
	json_t *lj;
	json_array_foreach(sources, i, lj)
	{
		if (!array_object(c, lj, where, "sources", i, source_keys, "a source link", item,
		                  sizeof item))
			continue;
		tc_source_link *l = &cod->sources[cod->source_count++];
		l->relation = get_relation(c, lj, item, "relation");
		l->article = get_str(c, lj, item, "article");
		l->doc_number = get_str(c, lj, item, "doc_number");
		l->doc_type = get_type(c, lj, item, "doc_type");
		l->doc_title = get_str(c, lj, item, "doc_title");
		l->issuer = get_str(c, lj, item, "issuer");
		l->issue_date = get_date(c, lj, item, "issue_date");
		l->effective_date = get_date(c, lj, item, "effective_date");
		l->vbpl_item_id = get_str(c, lj, item, "vbpl_item_id");
		l->url = get_str(c, lj, item, "url");
	}
	json_t *refs = get_array(c, j, where, "cross_refs");
	if (json_array_size(refs)) {
		cod->cross_refs = tc_arena_calloc(arena, json_array_size(refs) * sizeof *cod->cross_refs);
		if (!cod->cross_refs) {
			c->nomem = 1;
			return NULL;
		}
	}
	json_t *xj;
	json_array_foreach(refs, i, xj)
	{
		if (!array_object(c, xj, where, "cross_refs", i, cross_ref_keys, "a cross-reference", item,
		                  sizeof item))
			continue;
		tc_cross_ref *x = &cod->cross_refs[cod->cross_ref_count++];
		x->label = get_str(c, xj, item, "label");
		x->anchor = get_str(c, xj, item, "anchor");
		x->url = get_str(c, xj, item, "url");
	}
	return cod;
}

/* Build a record from one parsed line; NULL when it is skipped (reported
 * already) or memory ran out (c->nomem). */
static tc_record *record_from_json(jl_ctx *c, json_t *j)
{
	if (!json_is_object(j)) {
		tc__report(c->loader, TC_PROBLEM_SYNTAX, 1, c->path, c->line, -1, NULL,
		           "the line is not a JSON object: record skipped");
		return NULL;
	}
	tc_record *r = tc_arena_calloc(c->loader->arena, sizeof *r);
	if (!r) {
		c->nomem = 1;
		return NULL;
	}
	/* the id first, so that every report names the record */
	json_t *idj = json_object_get(j, "id");
	if (json_is_string(idj) && json_string_length(idj))
		c->record_id = r->id =
		        tc_arena_strndup(c->loader->arena, json_string_value(idj), json_string_length(idj));
	if (json_is_string(idj) && json_string_length(idj) && !r->id) {
		c->nomem = 1;
		return NULL;
	}
	json_t *kindj = json_object_get(j, "kind");
	const char *kind = json_string_value(kindj);
	if (!kind || !r->id) {
		json_t *bad = !kind ? kindj : idj;
		const char *key = !kind ? "kind" : "id";
		int missing = !bad || json_is_null(bad);
		int empty = json_is_string(bad) && !json_string_length(bad);
		jl_report(c, missing || empty ? TC_PROBLEM_MISSING_FIELD : TC_PROBLEM_SYNTAX, 1, "", key,
		          missing ? NULL : bad,
		          missing               ? "is missing"
		          : json_is_string(bad) ? "is empty (a record needs one to be indexed)"
		                                : "is not a string");
		return NULL;
	}
	if (!strcmp(kind, tc_record_kind_name(TC_RECORD_DOCUMENT)))
		r->kind = TC_RECORD_DOCUMENT;
	else if (!strcmp(kind, tc_record_kind_name(TC_RECORD_CODIFIED)))
		r->kind = TC_RECORD_CODIFIED;
	else if (!strcmp(kind, tc_record_kind_name(TC_RECORD_SOURCE_DOC)))
		r->kind = TC_RECORD_SOURCE_DOC;
	else {
		jl_report(c, TC_PROBLEM_SYNTAX, 1, "", "kind", kindj,
		          "is not a record kind (\"document\", \"codified\" or \"source-doc\")");
		return NULL;
	}
	check_keys(c, j, "", record_keys);
	r->former_id = get_str(c, j, "", "former_id");
	r->source_name = get_str(c, j, "", "source_name");
	if (!r->source_name)
		r->source_name = "jsonl";
	r->source_path = get_str(c, j, "", "source_path");
	if (!r->source_path)
		r->source_path = c->path;
	r->doc_number = get_str(c, j, "", "doc_number");
	r->type = get_type(c, j, "", "type");
	r->type_name = get_str(c, j, "", "type_name");
	r->issuer = get_str(c, j, "", "issuer");
	r->scope = get_scope(c, j, "", "scope");
	r->province = get_str(c, j, "", "province");
	r->signer = get_str(c, j, "", "signer");
	r->place = get_str(c, j, "", "place");
	r->issue_date = get_date(c, j, "", "issue_date");
	r->effective_date = get_date(c, j, "", "effective_date");
	r->expiry_date = get_date(c, j, "", "expiry_date");
	r->effective_from = get_field_source(c, j, "", "effective_from");
	r->title_from = get_field_source(c, j, "", "title_from");
	r->validity = get_validity(c, j, "", "validity");
	r->field = get_str(c, j, "", "field");
	r->title = get_str(c, j, "", "title");
	r->source_url = get_str(c, j, "", "source_url");
	r->consolidates = get_str(c, j, "", "consolidates");
	json_t *body = json_object_get(j, "body");
	if (body && !json_is_null(body)) {
		r->body = node_from_json(c, body, NULL, "body", 0);
		if (!r->body)
			return NULL;
	}
	json_t *cod = json_object_get(j, "codified");
	if (cod && !json_is_null(cod)) {
		r->codified = codified_from_json(c, cod);
		if (!r->codified)
			return NULL;
	} else if (r->kind == TC_RECORD_CODIFIED) {
		jl_report(c, TC_PROBLEM_MISSING_FIELD, 1, "", "codified", NULL,
		          "is missing for a codified record");
		return NULL;
	}
	if (c->nomem || c->skip)
		return NULL;
	return r;
}

tc_status tc__load_jsonl(tc_loader *loader, const char *path, tc_error *err)
{
	tc_line_reader *reader;
	tc_status st = tc_line_reader_open(path, &reader, err);
	if (st != TC_OK)
		return st;
	loader->summary->files++;
	jl_ctx c = {.loader = loader, .path = path};
	const char *line;
	size_t len;
	int rc;
	tc_error rerr;
	while ((rc = tc_line_reader_next(reader, &line, &len, &rerr)) == 1) {
		c.line = tc_line_reader_line_number(reader);
		loader->summary->bytes += (long long)len + 1;
		size_t i = 0;
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i == len)
			continue; /* blank lines are allowed */
		json_error_t jerr;
		json_t *j = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
		if (!j) {
			tc__report(loader, TC_PROBLEM_SYNTAX, 1, path, c.line, -1, NULL,
			           "invalid JSON at column %d: %s", jerr.column, jerr.text);
			continue;
		}
		c.record_id = NULL;
		c.skip = 0;
		c.nomem = 0;
		tc_record *r = record_from_json(&c, j);
		if (c.nomem) {
			json_decref(j);
			tc_line_reader_close(reader);
			return tc_error_set(err, TC_ERR_NOMEM, "%s:%ld: out of memory", path, c.line);
		}
		if (!r) {
			json_decref(j);
			tc_arena_reset(loader->arena);
			continue;
		}
		int stop = tc__deliver(loader, r);
		json_decref(j);
		if (stop)
			break;
	}
	if (rc < 0) {
		tc__report(loader, strstr(rerr.message, "zstd") ? TC_PROBLEM_ZSTD : TC_PROBLEM_IO, 1, path,
		           tc_line_reader_line_number(reader) + 1, -1, NULL, "%s", rerr.message);
	}
	tc_line_reader_close(reader);
	return TC_OK;
}

/* The first problem that makes a record unloadable (tc_record_parse_jsonl). */
typedef struct first_problem {
	char message[512];
} first_problem;

static void keep_first_skip(void *ctx, const tc_problem *problem)
{
	first_problem *first = ctx;
	if (problem->skipped && !first->message[0])
		snprintf(first->message, sizeof first->message, "%s", problem->message);
}

tc_status tc_record_parse_jsonl(tc_arena *arena, const char *line, size_t len, tc_record **record,
                                tc_error *err)
{
	*record = NULL;
	json_error_t jerr;
	json_t *j = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!j)
		return tc_error_set(err, TC_ERR_INPUT, "invalid JSON at column %d: %s", jerr.column, jerr.text);
	/* the loader's record reader, with an arena and no file; a problem
	 * that does not cost the record (a field ignored) is not an error */
	first_problem first = {{0}};
	tc_load_options options = {.problem_fn = keep_first_skip, .problem_ctx = &first};
	tc_load_summary summary = {0};
	tc_loader loader = {.options = &options, .summary = &summary, .arena = arena};
	jl_ctx c = {.loader = &loader, .path = "draft", .line = 1};
	tc_record *r = record_from_json(&c, j);
	json_decref(j);
	if (c.nomem || (r && tc__record_assign_paths(arena, r) < 0))
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory reading a JSONL record");
	if (!r || c.skip)
		return tc_error_set(err, TC_ERR_INPUT, "not a record in the JSONL format (corpus/README.md): %s",
		                    first.message[0] ? first.message : "unreadable");
	*record = r;
	return TC_OK;
}
