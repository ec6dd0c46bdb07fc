/* alqac.c - the ALQAC law.json loader: [{"id": LAW_NAME, "articles":
 * [{"id": "N", "text": "Title\n\nBody"}]}]. Each law becomes one
 * TC_RECORD_DOCUMENT (id "alqac/<law name>") with one TC_NODE_ARTICLE per
 * article. The array is read item by item (jansson with
 * JSON_DISABLE_EOF_CHECK), so a bad item is reported with its line and
 * byte offset and the next items still load. */
#include "corpus-private.h"

#include <ctype.h>
#include <string.h>

#include <jansson.h>

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

static long line_of(const char *start, const char *p)
{
	long n = 1;
	for (const char *q = start; q < p && (q = memchr(q, '\n', (size_t)(p - q))); q++)
		n++;
	return n;
}

/* A copy of N bytes of S with soft hyphens (U+00AD) dropped, from ARENA. */
static char *clean_copy(tc_arena *arena, const char *s, size_t n)
{
	char *out = tc_arena_alloc(arena, n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xAD) {
			i++;
			continue;
		}
		out[k++] = s[i];
	}
	/* trim */
	size_t b = 0;
	while (b < k && isspace((unsigned char)out[b]))
		b++;
	while (k > b && isspace((unsigned char)out[k - 1]))
		k--;
	memmove(out, out + b, k - b);
	out[k - b] = '\0';
	return out;
}

static tc_doc_type type_of_law(const char *name)
{
	static const struct {
		const char *prefix;
		tc_doc_type type;
	} prefixes[] = {
	        {"Bộ luật", TC_TYPE_BO_LUAT},     {"Bộ Luật", TC_TYPE_BO_LUAT},
	        {"BỘ LUẬT", TC_TYPE_BO_LUAT},     {"Luật", TC_TYPE_LUAT},
	        {"LUẬT", TC_TYPE_LUAT},           {"Hiến pháp", TC_TYPE_HIEN_PHAP},
	        {"HIẾN PHÁP", TC_TYPE_HIEN_PHAP}, {"Pháp lệnh", TC_TYPE_PHAP_LENH},
	        {"Nghị định", TC_TYPE_NGHI_DINH},
	};
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (!strncmp(name, prefixes[i].prefix, strlen(prefixes[i].prefix)))
			return prefixes[i].type;
	return TC_TYPE_UNKNOWN;
}

/* One law. Returns 1 to stop, -1 on ENOMEM, 0 otherwise. */
static int load_law(tc_loader *loader, const char *path, json_t *law, long line, long long offset,
                    tc_buf *buf)
{
	tc_arena *arena = loader->arena;
	json_t *idj = json_object_get(law, "id");
	json_t *articles = json_object_get(law, "articles");
	if (!json_is_object(law) || !json_is_string(idj) || !json_is_array(articles)) {
		tc__report(loader, TC_PROBLEM_MISSING_FIELD, 1, path, line, offset, json_string_value(idj),
		           "a law needs \"id\" (a string) and \"articles\" (an array)%s",
		           !json_is_object(law) ? ": the item is not an object" : "");
		return 0;
	}
	const char *name = json_string_value(idj);
	tc_record *rec = tc_arena_calloc(arena, sizeof *rec);
	tc_node *root = rec ? tc__node_new(loader, NULL, TC_NODE_ROOT) : NULL;
	if (!rec || !root)
		return -1;
	rec->kind = TC_RECORD_DOCUMENT;
	rec->id = tc_arena_printf(arena, "alqac/%s", name);
	rec->source_name = "alqac";
	rec->source_path = path;
	rec->title = tc_arena_strdup(arena, name);
	rec->type = type_of_law(name);
	rec->scope = TC_SCOPE_CENTRAL;
	rec->issuer = rec->type == TC_TYPE_UNKNOWN ? NULL : "Quốc hội";
	rec->body = root;
	if (!rec->id || !rec->title)
		return -1;
	size_t i;
	json_t *art;
	json_array_foreach(articles, i, art)
	{
		json_t *aid = json_object_get(art, "id");
		json_t *text = json_object_get(art, "text");
		char number[32];
		if (json_is_integer(aid))
			snprintf(number, sizeof number, "%lld", (long long)json_integer_value(aid));
		else if (json_is_string(aid) && json_string_length(aid) < sizeof number)
			snprintf(number, sizeof number, "%s", json_string_value(aid));
		else
			number[0] = '\0';
		if (!number[0] || !json_is_string(text)) {
			tc__report(loader, TC_PROBLEM_MISSING_FIELD, 0, path, line, offset, rec->id,
			           "article %zu of \"%s\" lacks \"%s\": article skipped", i + 1, name,
			           !number[0] ? "id" : "text");
			continue;
		}
		const char *t = json_string_value(text);
		size_t tl = json_string_length(text);
		/* "Title\n\nBody": the first line is the heading */
		const char *nl = memchr(t, '\n', tl);
		size_t hl = nl ? (size_t)(nl - t) : tl;
		tc_node *a = tc__node_new(loader, root, TC_NODE_ARTICLE);
		if (!a || !(a->number = tc_arena_strdup(arena, number)) ||
		    !(a->heading = clean_copy(arena, t, hl)) ||
		    !(a->text = clean_copy(arena, t + hl, tl - hl)))
			return -1;
		if (!a->heading[0])
			a->heading = NULL;
		/* the body comes as one block: its clauses and points by their numbers */
		if (tc_split_article(arena, a) < 0)
			return -1;
	}
	return tc__deliver(loader, rec) ? 1 : 0;
}

tc_status tc__load_alqac(tc_loader *loader, const char *path, tc_error *err)
{
	char *data;
	size_t len;
	tc_status st = tc_read_file(path, &data, &len, err);
	if (st != TC_OK)
		return st;
	loader->summary->files++;
	loader->summary->bytes += (long long)len;
	const char *end = data + len, *p = data;
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	p = skip_ws(p, end);
	if (p >= end || *p != '[') {
		tc_free(data);
		return tc_error_set(err, TC_ERR_INPUT, "%s: not an ALQAC law.json: expected a JSON array",
		                    path);
	}
	p++;
	tc_buf buf = {0};
	int rc = 0;
	while (rc == 0) {
		p = skip_ws(p, end);
		if (p >= end) {
			tc__report(loader, TC_PROBLEM_SYNTAX, 0, path, line_of(data, p),
			           (long long)(p - data), NULL, "the array is not closed (truncated file?)");
			break;
		}
		if (*p == ']')
			break;
		long line = line_of(data, p);
		long long offset = (long long)(p - data);
		json_error_t jerr;
		json_t *law = json_loadb(p, (size_t)(end - p), JSON_DISABLE_EOF_CHECK, &jerr);
		if (!law) {
			tc__report(loader, TC_PROBLEM_SYNTAX, 1, path, line + jerr.line - 1,
			           offset + jerr.position, NULL, "invalid JSON: %s", jerr.text);
			/* go on at the next law: the next line that starts with "{" at
			 * the failed item's indentation (the file is pretty-printed) */
			const char *bol = p;
			while (bol > data && bol[-1] != '\n')
				bol--;
			size_t indent = (size_t)(p - bol);
			const char *q = p + (jerr.position > 0 ? jerr.position : 1);
			const char *next = NULL;
			for (; q < end && !next; q++) {
				if (*q != '\n')
					continue;
				const char *r = q + 1;
				size_t k = 0;
				while (r + k < end && (r[k] == ' ' || r[k] == '\t') && k <= indent)
					k++;
				if (k == indent && r + k < end && r[k] == '{')
					next = r + k;
			}
			if (!next)
				break;
			p = next;
			continue;
		}
		p += jerr.position;
		rc = load_law(loader, path, law, line, offset, &buf);
		json_decref(law);
		p = skip_ws(p, end);
		if (p < end && *p == ',')
			p++;
	}
	tc_buf_free(&buf);
	tc_free(data);
	if (rc < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
	return TC_OK;
}
