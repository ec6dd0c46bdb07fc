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

/* A JSON string of S, with invalid UTF-8 bytes replaced by U+FFFD (jansson
 * refuses them, and a record must not be lost for one bad byte). */
static json_t *jstr(const char *s)
{
	size_t n = strlen(s);
	json_t *j = json_stringn(s, n);
	if (j)
		return j;
	tc_buf b = {0};
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		size_t l = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
		int ok = l > 0 && (size_t)(end - p) >= l;
		for (size_t i = 1; ok && i < l; i++)
			ok = (p[i] & 0xC0) == 0x80;
		if (ok && l == 1 && *p == 0)
			ok = 0;
		if (ok && l >= 2) { /* overlong forms and surrogates, which jansson refuses */
			json_t *probe = json_stringn((const char *)p, l);
			ok = probe != NULL;
			json_decref(probe);
		}
		if (ok)
			tc_buf_append(&b, p, l);
		else
			tc_buf_append(&b, "\xEF\xBF\xBD", 3);
		p += ok ? l : 1;
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

/* ---- reading ---- */

typedef struct jl_ctx {
	tc_loader *loader;
	const char *path;
	long line;
	const char *problem; /* first problem met in this line */
	char problem_buf[256];
	int nomem;
} jl_ctx;

static void jl_problem(jl_ctx *c, const char *fmt, const char *what)
{
	if (!c->problem) {
		snprintf(c->problem_buf, sizeof c->problem_buf, fmt, what);
		c->problem = c->problem_buf;
	}
}

/* A string field: NULL when absent or null; a wrong type is a problem. */
static const char *get_str(jl_ctx *c, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		jl_problem(c, "field \"%s\" is not a string", key);
		return NULL;
	}
	char *s = tc_arena_strndup(c->loader->arena, json_string_value(v), json_string_length(v));
	if (!s)
		c->nomem = 1;
	return s;
}

static tc_date get_date(jl_ctx *c, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return 0;
	if (json_is_integer(v))
		return (tc_date)json_integer_value(v);
	unsigned y, m, d;
	if (!json_is_string(v) || sscanf(json_string_value(v), "%4u-%2u-%2u", &y, &m, &d) != 3 || m > 12 ||
	    d > 31) {
		jl_problem(c, "field \"%s\" is not a date YYYY-MM-DD", key);
		return 0;
	}
	return (tc_date)(y * 10000 + m * 100 + d);
}

static long long get_int(jl_ctx *c, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v)) {
		jl_problem(c, "field \"%s\" is not an integer", key);
		return 0;
	}
	return json_integer_value(v);
}

static tc_doc_type get_type(jl_ctx *c, json_t *obj, const char *key)
{
	const char *s = get_str(c, obj, key);
	if (!s)
		return TC_TYPE_UNKNOWN;
	tc_doc_type t = tc_doc_type_from_name(s);
	if (t == TC_TYPE_UNKNOWN)
		jl_problem(c, "unknown document type in \"%s\"", key);
	return t;
}

static tc_node *node_from_json(jl_ctx *c, json_t *j, tc_node *parent, int depth)
{
	if (!json_is_object(j)) {
		jl_problem(c, "%s: a body node is not an object", "body");
		return NULL;
	}
	if (depth > 64) {
		jl_problem(c, "%s: the body tree is nested too deep", "body");
		return NULL;
	}
	const char *kind_name = get_str(c, j, "kind");
	tc_node_kind kind = tc_node_kind_from_name(kind_name);
	if (kind == TC_NODE_KIND_COUNT) {
		jl_problem(c, "body node with unknown kind \"%s\"", kind_name ? kind_name : "(none)");
		return NULL;
	}
	tc_node *n = tc__node_new(c->loader, parent, kind);
	if (!n) {
		c->nomem = 1;
		return NULL;
	}
	n->number = get_str(c, j, "number");
	n->heading = get_str(c, j, "heading");
	const char *text = get_str(c, j, "text");
	n->text = text ? text : "";
	n->path = get_str(c, j, "path");
	json_t *children = json_object_get(j, "children");
	if (children && !json_is_array(children))
		jl_problem(c, "field \"%s\" is not an array", "children");
	else if (children) {
		size_t i;
		json_t *cj;
		json_array_foreach(children, i, cj)
		{
			if (!node_from_json(c, cj, n, depth + 1))
				return NULL;
		}
	}
	return n;
}

static tc_codified *codified_from_json(jl_ctx *c, json_t *j)
{
	tc_arena *arena = c->loader->arena;
	if (!json_is_object(j)) {
		jl_problem(c, "field \"%s\" is not an object", "codified");
		return NULL;
	}
	tc_codified *cod = tc_arena_calloc(arena, sizeof *cod);
	if (!cod) {
		c->nomem = 1;
		return NULL;
	}
	cod->chude_number = get_str(c, j, "chude_number");
	cod->chude_name = get_str(c, j, "chude_name");
	cod->demuc_id = get_str(c, j, "demuc_id");
	cod->demuc_number = get_str(c, j, "demuc_number");
	cod->demuc_name = get_str(c, j, "demuc_name");
	cod->chapter = get_str(c, j, "chapter");
	cod->article_number = get_str(c, j, "article_number");
	cod->anchor = get_str(c, j, "anchor");
	cod->anchor_occurrence = (int)get_int(c, j, "anchor_occurrence");
	cod->order = (long)get_int(c, j, "order");
	cod->note = get_str(c, j, "note");
	json_t *sources = json_object_get(j, "sources");
	if (sources && json_is_array(sources) && json_array_size(sources)) {
		cod->source_count = json_array_size(sources);
		cod->sources = tc_arena_calloc(arena, cod->source_count * sizeof *cod->sources);
		if (!cod->sources) {
			c->nomem = 1;
			return NULL;
		}
		for (size_t i = 0; i < cod->source_count; i++) {
			json_t *lj = json_array_get(sources, i);
			tc_source_link *l = &cod->sources[i];
			if (!json_is_object(lj)) {
				jl_problem(c, "an item of \"%s\" is not an object", "sources");
				continue;
			}
			const char *rel = get_str(c, lj, "relation");
			l->relation = !rel || !strcmp(rel, "original") ? TC_SOURCE_ORIGINAL
			              : !strcmp(rel, "amended-by")     ? TC_SOURCE_AMENDED_BY
			              : !strcmp(rel, "repealed-by")    ? TC_SOURCE_REPEALED_BY
			                                               : TC_SOURCE_OTHER;
			l->article = get_str(c, lj, "article");
			l->doc_number = get_str(c, lj, "doc_number");
			l->doc_type = get_type(c, lj, "doc_type");
			l->doc_title = get_str(c, lj, "doc_title");
			l->issuer = get_str(c, lj, "issuer");
			l->issue_date = get_date(c, lj, "issue_date");
			l->effective_date = get_date(c, lj, "effective_date");
			l->vbpl_item_id = get_str(c, lj, "vbpl_item_id");
			l->url = get_str(c, lj, "url");
		}
	} else if (sources && !json_is_array(sources))
		jl_problem(c, "field \"%s\" is not an array", "sources");
	json_t *refs = json_object_get(j, "cross_refs");
	if (refs && json_is_array(refs) && json_array_size(refs)) {
		cod->cross_ref_count = json_array_size(refs);
		cod->cross_refs = tc_arena_calloc(arena, cod->cross_ref_count * sizeof *cod->cross_refs);
		if (!cod->cross_refs) {
			c->nomem = 1;
			return NULL;
		}
		for (size_t i = 0; i < cod->cross_ref_count; i++) {
			json_t *xj = json_array_get(refs, i);
			if (!json_is_object(xj)) {
				jl_problem(c, "an item of \"%s\" is not an object", "cross_refs");
				continue;
			}
			cod->cross_refs[i].label = get_str(c, xj, "label");
			cod->cross_refs[i].anchor = get_str(c, xj, "anchor");
			cod->cross_refs[i].url = get_str(c, xj, "url");
		}
	} else if (refs && !json_is_array(refs))
		jl_problem(c, "field \"%s\" is not an array", "cross_refs");
	return cod;
}

/* Build a record from one parsed line; NULL when it must be skipped
 * (c->problem says why) or memory ran out (c->nomem). */
static tc_record *record_from_json(jl_ctx *c, json_t *j)
{
	if (!json_is_object(j)) {
		jl_problem(c, "%s", "the line is not a JSON object");
		return NULL;
	}
	tc_record *r = tc_arena_calloc(c->loader->arena, sizeof *r);
	if (!r) {
		c->nomem = 1;
		return NULL;
	}
	const char *kind = get_str(c, j, "kind");
	r->id = get_str(c, j, "id");
	if (!kind || !r->id) {
		c->problem = NULL;
		jl_problem(c, "missing field \"%s\"", !kind ? "kind" : "id");
		return NULL;
	}
	if (!strcmp(kind, "document"))
		r->kind = TC_RECORD_DOCUMENT;
	else if (!strcmp(kind, "codified"))
		r->kind = TC_RECORD_CODIFIED;
	else if (!strcmp(kind, "source-doc"))
		r->kind = TC_RECORD_SOURCE_DOC;
	else {
		jl_problem(c, "unknown record kind \"%s\"", kind);
		return NULL;
	}
	r->source_name = get_str(c, j, "source_name");
	if (!r->source_name)
		r->source_name = "jsonl";
	r->source_path = get_str(c, j, "source_path");
	if (!r->source_path)
		r->source_path = c->path;
	r->doc_number = get_str(c, j, "doc_number");
	r->type = get_type(c, j, "type");
	r->type_name = get_str(c, j, "type_name");
	r->issuer = get_str(c, j, "issuer");
	const char *scope = get_str(c, j, "scope");
	r->scope = !scope                      ? TC_SCOPE_UNKNOWN
	           : !strcmp(scope, "central") ? TC_SCOPE_CENTRAL
	           : !strcmp(scope, "local")   ? TC_SCOPE_LOCAL
	                                       : TC_SCOPE_UNKNOWN;
	r->province = get_str(c, j, "province");
	r->signer = get_str(c, j, "signer");
	r->place = get_str(c, j, "place");
	r->issue_date = get_date(c, j, "issue_date");
	r->effective_date = get_date(c, j, "effective_date");
	r->expiry_date = get_date(c, j, "expiry_date");
	const char *validity = get_str(c, j, "validity");
	r->validity = validity ? tc_validity_from_name(validity) : TC_VALIDITY_UNKNOWN;
	r->field = get_str(c, j, "field");
	r->title = get_str(c, j, "title");
	r->source_url = get_str(c, j, "source_url");
	r->consolidates = get_str(c, j, "consolidates");
	json_t *body = json_object_get(j, "body");
	if (body && !json_is_null(body)) {
		r->body = node_from_json(c, body, NULL, 0);
		if (!r->body)
			return NULL;
	}
	json_t *cod = json_object_get(j, "codified");
	if (cod && !json_is_null(cod)) {
		r->codified = codified_from_json(c, cod);
		if (!r->codified)
			return NULL;
	} else if (r->kind == TC_RECORD_CODIFIED) {
		jl_problem(c, "missing field \"%s\" for a codified record", "codified");
		return NULL;
	}
	if (c->nomem)
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
	jl_ctx c = {loader, path, 0, NULL, {0}, 0};
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
		c.problem = NULL;
		c.nomem = 0;
		tc_record *r = record_from_json(&c, j);
		if (c.nomem) {
			json_decref(j);
			tc_line_reader_close(reader);
			return tc_error_set(err, TC_ERR_NOMEM, "%s:%ld: out of memory", path, c.line);
		}
		if (!r) {
			json_t *idj = json_object_get(j, "id");
			tc__report(loader,
			           strstr(c.problem, "missing") ? TC_PROBLEM_MISSING_FIELD
			                                        : TC_PROBLEM_SYNTAX,
			           1, path, c.line, -1, json_is_string(idj) ? json_string_value(idj) : NULL,
			           "%s", c.problem);
			json_decref(j);
			tc_arena_reset(loader->arena);
			continue;
		}
		if (c.problem)
			tc__report(loader, TC_PROBLEM_SYNTAX, 0, path, c.line, -1, r->id,
			           "%s (field ignored)", c.problem);
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

tc_status tc_record_parse_jsonl(tc_arena *arena, const char *line, size_t len, tc_record **record,
                                tc_error *err)
{
	*record = NULL;
	json_error_t jerr;
	json_t *j = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!j)
		return tc_error_set(err, TC_ERR_INPUT, "invalid JSON at column %d: %s", jerr.column, jerr.text);
	/* the loader's record reader, with an arena and no file */
	tc_loader loader = {.arena = arena};
	jl_ctx c = {&loader, "draft", 1, NULL, {0}, 0};
	tc_record *r = record_from_json(&c, j);
	json_decref(j);
	if (c.nomem || (r && tc__record_assign_paths(arena, r) < 0))
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory reading a JSONL record");
	if (!r || c.problem)
		return tc_error_set(err, TC_ERR_INPUT, "not a record in the JSONL format (corpus/README.md): %s",
		                    c.problem ? c.problem : "unreadable");
	*record = r;
	return TC_OK;
}
