/* format.c - the index format's names, features, manifest and stored-record
 * encoding (format.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zdict.h>
#include <zstd.h>

#include "format.h"

static const char *const db_names[TC_DB_COUNT] = {"docs", "provisions", "codified", "provision-parts",
                                                   "codified-parts"};

const char *tc_db_kind_name(tc_db_kind kind) { return (unsigned)kind < TC_DB_COUNT ? db_names[kind] : "?"; }

int tc_db_parts(tc_db_kind kind)
{
	return kind == TC_DB_PROVISIONS ? TC_DB_PROVISION_PARTS : kind == TC_DB_CODIFIED ? TC_DB_CODIFIED_PARTS : -1;
}

int tc_index_db_path(const char *dir, tc_db_kind kind, tc_buf *out)
{
	tc_buf_reset(out);
	return tc_buf_printf(out, "%s/%s", dir, tc_db_kind_name(kind));
}

int tc_index_removed_path(const char *dir, tc_buf *out)
{
	tc_buf_reset(out);
	return tc_buf_printf(out, "%s/%s", dir, TC_REMOVED_DB);
}

void tc_change_stamp_format(uint64_t us, char out[TC_CHANGE_STAMP_LEN + 1])
{
	time_t seconds = (time_t)(us / 1000000);
	struct tm tm;
	gmtime_r(&seconds, &tm);
	/* years 1970..9999: the fixed width of a stamp */
	char out_full[64];
	snprintf(out_full, sizeof out_full, "%04u-%02u-%02uT%02u:%02u:%02u.%06uZ",
	         (unsigned)(tm.tm_year + 1900) % 10000, (unsigned)(tm.tm_mon + 1) % 100,
	         (unsigned)tm.tm_mday % 100, (unsigned)tm.tm_hour % 100, (unsigned)tm.tm_min % 100,
	         (unsigned)tm.tm_sec % 100, (unsigned)(us % 1000000));
	memcpy(out, out_full, TC_CHANGE_STAMP_LEN);
	out[TC_CHANGE_STAMP_LEN] = '\0';
}

uint64_t tc_change_stamp_parse(const char *s, size_t len)
{
	struct tm tm = {0};
	unsigned micro = 0;
	char z = 0;
	if (len != TC_CHANGE_STAMP_LEN ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d.%6u%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
	           &tm.tm_min, &tm.tm_sec, &micro, &z) != 8 ||
	    z != 'Z')
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t seconds = timegm(&tm);
	return seconds < 0 ? 0 : (uint64_t)seconds * 1000000 + micro;
}

void tc_ascii_lower(char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (text[i] >= 'A' && text[i] <= 'Z')
			text[i] = (char)(text[i] - 'A' + 'a');
}

int tc_article_term_value(const char *number, size_t len, tc_buf *out)
{
	tc_buf_reset(out);
	if (tc_buf_append_str(out, "điều:") < 0 || tc_buf_append(out, number, len) < 0)
		return -1;
	tc_ascii_lower(out->data, out->len);
	return 0;
}

const char *tc_cited_article_number(const char *citation, size_t *len)
{
	const char *dieu = citation ? strstr(citation, "Điều ") : NULL;
	if (!dieu)
		return NULL;
	dieu += strlen("Điều ");
	*len = strcspn(dieu, " ,.;)");
	return *len ? dieu : NULL;
}

int tc_slug(tc_analyzer *analyzer, const char *name, size_t len, tc_buf *out)
{
	tc_buf folded = {0};
	tc_buf_reset(out);
	if (tc_analyzer_normalize(analyzer, name, len, 1, &folded) < 0) {
		tc_buf_free(&folded);
		return -1;
	}
	int pending_dash = 0, rc = 0;
	for (size_t i = 0; i < folded.len && rc == 0; i++) {
		unsigned char c = (unsigned char)folded.data[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.') {
			if (pending_dash && out->len)
				rc = tc_buf_append_char(out, '-');
			pending_dash = 0;
			if (rc == 0)
				rc = tc_buf_append_char(out, (char)c);
		} else {
			pending_dash = 1;
		}
	}
	tc_buf_free(&folded);
	return rc;
}

/* Append to OUT the first letter of each alphabetic part of SLUG. */
static int append_initials(tc_buf *out, const char *slug, size_t *letters)
{
	int rc = 0;
	*letters = 0;
	for (const char *p = slug; *p && rc == 0; p += strcspn(p, "-"), p += *p == '-') {
		if (*p >= 'a' && *p <= 'z') {
			rc = tc_buf_append_char(out, *p);
			++*letters;
		}
	}
	return rc;
}

int tc_document_names(tc_analyzer *analyzer, const char *type, const char *title, unsigned year,
                      tc_buf *out)
{
	tc_buf_reset(out);
	if (!type || !*type || !title || !*title)
		return 0;
	tc_buf type_slug = {0}, title_slug = {0}, name = {0};
	int rc = tc_slug(analyzer, type, strlen(type), &type_slug);
	if (rc == 0)
		rc = tc_slug(analyzer, title, strlen(title), &title_slug);
	if (rc == 0 && type_slug.len && title_slug.len)
		rc = tc_buf_printf(&name, "%s-%s", type_slug.data, title_slug.data) < 0 ? -1 : 0;
	if (rc != 0 || !name.len)
		goto out;
	/* A title that starts with the type word ("Luật Bảo vệ bí mật nhà
	 * nước") is the name itself; type + title is kept too ("Luật Luật
	 * sư"). CORE: the title without the type word. */
	const char *core = title_slug.data;
	const char *names[2] = {name.data, NULL};
	if (title_slug.len > type_slug.len && !strncmp(title_slug.data, type_slug.data, type_slug.len) &&
	    title_slug.data[type_slug.len] == '-') {
		names[1] = title_slug.data;
		core = title_slug.data + type_slug.len + 1;
	}
	for (int i = 0; i < 2 && rc == 0; i++) {
		if (!names[i])
			continue;
		rc = tc_buf_printf(out, "%s\n", names[i]) < 0 ? -1 : 0;
		if (rc == 0 && year)
			rc = tc_buf_printf(out, "%s-%u\n", names[i], year) < 0 ? -1 : 0;
	}
	/* initials: the type and the core's ("luat-pbgdpl"), and the whole
	 * name's ("blds") */
	size_t letters = 0, mark = out->len;
	if (rc == 0)
		rc = tc_buf_printf(out, "%s-", type_slug.data) < 0 ? -1 : 0;
	if (rc == 0)
		rc = append_initials(out, core, &letters);
	if (rc == 0 && letters >= 2)
		rc = tc_buf_append_char(out, '\n');
	else if (rc == 0)
		out->len = mark;
	mark = out->len;
	size_t type_letters = 0;
	if (rc == 0)
		rc = append_initials(out, type_slug.data, &type_letters);
	if (rc == 0)
		rc = append_initials(out, core, &letters);
	if (rc == 0 && type_letters + letters >= 3)
		rc = tc_buf_append_char(out, '\n');
	else if (rc == 0)
		out->len = mark;
	if (rc == 0 && out->data)
		out->data[out->len] = '\0';
out:
	tc_buf_free(&type_slug);
	tc_buf_free(&title_slug);
	tc_buf_free(&name);
	return rc;
}

/* ---- features ---- */

/* Every feature by name, in one place: parsing, the manifest and the
 * content hash all go through this table. */
static const struct {
	const char *name;
	size_t offset;
} feature_table[] = {
        {"folded", offsetof(tc_features, folded)},
        {"bigrams", offsetof(tc_features, bigrams)},
        {"title", offsetof(tc_features, title)},
        {"doc_numbers", offsetof(tc_features, doc_numbers)},
        {"citations", offsetof(tc_features, citations)},
        {"canonical", offsetof(tc_features, canonical)},
        {"clauses", offsetof(tc_features, clauses)},
        {"points", offsetof(tc_features, points)},
        {"definitions", offsetof(tc_features, definitions)},
};
#define FEATURE_COUNT (sizeof feature_table / sizeof feature_table[0])

static int *feature_flag(tc_features *features, size_t i)
{
	return (int *)(void *)((char *)features + feature_table[i].offset);
}

void tc_features_default(tc_features *features)
{
	for (size_t i = 0; i < FEATURE_COUNT; i++)
		*feature_flag(features, i) = 1;
}

json_t *tc_features_to_json(const tc_features *features)
{
	json_t *json = json_object();
	for (size_t i = 0; json && i < FEATURE_COUNT; i++)
		json_object_set_new(json, feature_table[i].name,
		                    json_boolean(*feature_flag((tc_features *)features, i)));
	return json;
}

void tc_features_from_json(tc_features *features, const json_t *json)
{
	tc_features_default(features);
	/* a feature the manifest does not name predates it: on */
	for (size_t i = 0; json && i < FEATURE_COUNT; i++) {
		const json_t *v = json_object_get(json, feature_table[i].name);
		if (v)
			*feature_flag(features, i) = json_is_true(v);
	}
}

uint64_t tc_features_bits(const tc_features *features)
{
	uint64_t bits = 0;
	for (size_t i = 0; i < FEATURE_COUNT; i++)
		bits |= (uint64_t)(*feature_flag((tc_features *)features, i) != 0) << i;
	return bits;
}

const char *tc_features_pair_prefix(const tc_features *f)
{
	return f->folded ? TC_PREFIX_FOLDED_BIGRAM : TC_PREFIX_BIGRAM;
}

unsigned tc_features_analyze_flags(const tc_features *f, unsigned base)
{
	unsigned flags = base;
	if (!f->canonical)
		flags |= TC_ANALYZE_PLAIN;
	if (!f->bigrams)
		flags |= TC_ANALYZE_NO_BIGRAMS;
	if (!f->doc_numbers)
		flags |= TC_ANALYZE_NO_DOC_NUMBERS;
	if (!f->citations)
		flags |= TC_ANALYZE_NO_CITATIONS;
	return flags;
}

int tc_features_parse(tc_features *features, const char *spec, tc_error *err)
{
	tc_features_default(features);
	if (!spec)
		return 0;
	const char *p = spec;
	while (*p) {
		size_t n = strcspn(p, ",");
		int on = 1;
		const char *name = p;
		size_t name_len = n;
		if (name_len > 3 && !strncmp(name, "no-", 3)) {
			on = 0;
			name += 3;
			name_len -= 3;
		}
		int found = 0;
		for (size_t i = 0; i < FEATURE_COUNT; i++) {
			if (strlen(feature_table[i].name) == name_len && !strncmp(feature_table[i].name, name, name_len)) {
				*feature_flag(features, i) = on;
				found = 1;
			}
		}
		if (n && !found) {
			tc_buf known = {0};
			for (size_t i = 0; i < FEATURE_COUNT; i++)
				tc_buf_printf(&known, "%s%s", i ? " " : "", feature_table[i].name);
			tc_error_set(err, TC_ERR_INPUT,
			             "unknown feature '%.*s' (known: %s, each optionally prefixed by no-)", (int)n, p,
			             known.data ? known.data : "");
			tc_buf_free(&known);
			return -1;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* ---- the manifest ---- */

tc_status tc_manifest_read(const char *dir, tc_manifest *m, tc_error *err)
{
	memset(m, 0, sizeof *m);
	tc_features_default(&m->features);
	tc_buf path = {0};
	if (tc_buf_printf(&path, "%s/manifest.json", dir) < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	tc_status st = TC_OK;
	json_error_t jerr;
	json_t *json = json_load_file(path.data, 0, &jerr);
	if (!json) {
		if (access(path.data, F_OK) != 0 && errno == ENOENT)
			st = tc_error_set(err, TC_ERR_NOT_FOUND, "no index at '%s' (no manifest.json)", dir);
		else if (access(path.data, R_OK) != 0)
			st = tc_error_set(err, TC_ERR_IO, "cannot read '%s': %s", path.data, strerror(errno));
		else
			st = tc_error_set(err, TC_ERR_INPUT, "'%s' is damaged: %s at line %d", path.data, jerr.text,
			                  jerr.line);
	} else {
		m->format_version = json_integer_value(json_object_get(json, "format_version"));
		m->analyzer_version = json_integer_value(json_object_get(json, "analyzer_version"));
		const char *built = json_string_value(json_object_get(json, "built"));
		snprintf(m->built, sizeof m->built, "%s", built ? built : "");
		json_t *counts = json_object_get(json, "counts");
		for (int k = 0; k < TC_DB_COUNT; k++)
			m->counts[k] = json_integer_value(json_object_get(counts, db_names[k]));
		tc_features_from_json(&m->features, json_object_get(json, "features"));
		json_decref(json);
	}
	tc_buf_free(&path);
	return st;
}

tc_status tc_manifest_check(const char *dir, const tc_manifest *m, tc_error *err)
{
	if (m->format_version == TC_INDEX_FORMAT_VERSION && m->analyzer_version == TC_ANALYZER_VERSION)
		return TC_OK;
	return tc_error_set(err, TC_ERR_VERSION,
	                    "index '%s' was built by format %lld / analyzer %lld; this tracuu has format %d / "
	                    "analyzer %d: rebuild it into a new directory with 'tracuu index'",
	                    dir, m->format_version, m->analyzer_version, TC_INDEX_FORMAT_VERSION,
	                    TC_ANALYZER_VERSION);
}

/* Write TEXT into PATH through a synced temporary file renamed over it. */
static tc_status write_atomically(const char *path, const char *text, tc_error *err)
{
	tc_buf tmp = {0};
	if (tc_buf_printf(&tmp, "%s.tmp", path) < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	tc_status st = TC_OK;
	int fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	size_t len = strlen(text), done = 0;
	while (fd >= 0 && done < len) {
		ssize_t n = write(fd, text + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	if (fd < 0 || done < len || fsync(fd) < 0)
		st = tc_error_set(err, TC_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	if (fd >= 0 && close(fd) < 0 && st == TC_OK)
		st = tc_error_set(err, TC_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	if (st == TC_OK && rename(tmp.data, path) < 0)
		st = tc_error_set(err, TC_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	if (st != TC_OK)
		unlink(tmp.data);
	tc_buf_free(&tmp);
	return st;
}

tc_status tc_manifest_write(const char *dir, const tc_manifest *m, tc_error *err)
{
	json_t *json = json_object();
	json_t *counts = json_object();
	json_t *features = tc_features_to_json(&m->features);
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	int rc = !json || !counts || !features;
	rc |= json_object_set_new(json, "format_version", json_integer(TC_INDEX_FORMAT_VERSION));
	rc |= json_object_set_new(json, "analyzer_version", json_integer(TC_ANALYZER_VERSION));
	rc |= json_object_set_new(json, "built", json_string(when));
	for (int k = 0; k < TC_DB_COUNT; k++)
		rc |= json_object_set_new(counts, db_names[k], json_integer(m->counts[k]));
	rc |= json_object_set_new(json, "counts", counts);
	rc |= json_object_set_new(json, "features", features);
	char *text = rc ? NULL : json_dumps(json, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(json);
	if (!text)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory writing the manifest of '%s'", dir);
	tc_buf path = {0};
	tc_status st = tc_buf_printf(&path, "%s/manifest.json", dir) < 0
	                       ? tc_error_set(err, TC_ERR_NOMEM, "out of memory")
	                       : write_atomically(path.data, text, err);
	free(text);
	tc_buf_free(&path);
	return st;
}

/* ---- stored records ---- */

#define STORED_ZSTD 'z'
#define STORED_RAW 'r'
#define ZSTD_LEVEL 6
#define MAX_DICTS TC_DB_COUNT

struct tc_stored_codec {
	ZSTD_CCtx *cctx;
	ZSTD_DCtx *dctx;
	struct {
		unsigned id;
		ZSTD_DDict *ddict;
	} dicts[MAX_DICTS];
	size_t dict_count;
	ZSTD_CDict *cdict; /* the last dictionary added */
};

tc_stored_codec *tc_stored_codec_new(void)
{
	tc_stored_codec *codec = tc_calloc(1, sizeof *codec);
	if (!codec)
		return NULL;
	codec->cctx = ZSTD_createCCtx();
	codec->dctx = ZSTD_createDCtx();
	if (!codec->cctx || !codec->dctx) {
		tc_stored_codec_free(codec);
		return NULL;
	}
	return codec;
}

void tc_stored_codec_clear_dicts(tc_stored_codec *codec)
{
	for (size_t i = 0; i < codec->dict_count; i++)
		ZSTD_freeDDict(codec->dicts[i].ddict);
	codec->dict_count = 0;
	ZSTD_freeCDict(codec->cdict);
	codec->cdict = NULL;
}

void tc_stored_codec_free(tc_stored_codec *codec)
{
	if (!codec)
		return;
	tc_stored_codec_clear_dicts(codec);
	ZSTD_freeCCtx(codec->cctx);
	ZSTD_freeDCtx(codec->dctx);
	tc_free(codec);
}

int tc_stored_codec_add_dict(tc_stored_codec *codec, const void *dict, size_t len)
{
	unsigned id = ZDICT_getDictID(dict, len);
	if (!id || codec->dict_count == MAX_DICTS)
		return -1;
	ZSTD_DDict *ddict = ZSTD_createDDict(dict, len);
	ZSTD_CDict *cdict = ZSTD_createCDict(dict, len, ZSTD_LEVEL);
	if (!ddict || !cdict) {
		ZSTD_freeDDict(ddict);
		ZSTD_freeCDict(cdict);
		return -1;
	}
	codec->dicts[codec->dict_count].id = id;
	codec->dicts[codec->dict_count++].ddict = ddict;
	ZSTD_freeCDict(codec->cdict);
	codec->cdict = cdict;
	return 0;
}

int tc_stored_codec_has_dict(const tc_stored_codec *codec) { return codec->cdict != NULL; }

int tc_stored_encode(tc_stored_codec *codec, const char *json, size_t len, int without_dict, tc_buf *out)
{
	size_t bound = ZSTD_compressBound(len);
	tc_buf_reset(out);
	if (tc_buf_reserve(out, bound + 1) < 0)
		return -1;
	out->data[0] = STORED_ZSTD;
	size_t n = codec->cdict && !without_dict
	                   ? ZSTD_compress_usingCDict(codec->cctx, out->data + 1, bound, json, len, codec->cdict)
	                   : ZSTD_compressCCtx(codec->cctx, out->data + 1, bound, json, len, ZSTD_LEVEL);
	if (ZSTD_isError(n))
		return -1;
	out->len = n + 1;
	out->data[out->len] = '\0';
	return 0;
}

/* ---- packed fields ----
 * A payload's fields are packed rather than written as JSON text: reading
 * them back builds the JSON object without lexing it (a codified
 * article's 1.3 KB of fields, read for each of a page's hits: jansson's
 * parser 15-18 us, unpacking 3.7). The payload: one byte, PACKED (the
 * fields alone) or PACKED_TEXT (the text follows them), the fields'
 * length (a varint), the fields, then the text as it is. Each value: a
 * tag, then for an integer its zigzag varint, a real its 8 bytes (little
 * endian), a string its length (varint) and bytes, an array its count and
 * values, an object its count and, for each member, its key (length,
 * bytes) and value. A payload of JSON text (it starts with '{') is read as
 * JSON: the records of tests and tools that write JSON. */
#define PACKED 0x01
#define PACKED_TEXT 0x02
#define PACKED_DEPTH 64 /* deeper nesting is refused: unpacking recurses */
enum { P_NULL = 'n', P_TRUE = 't', P_FALSE = 'f', P_INT = 'i', P_REAL = 'r', P_STRING = 's', P_ARRAY = 'a', P_OBJECT = 'o' };

/* V as a varint into B (10 bytes at most); its length. */
static size_t varint(uint64_t v, unsigned char b[10])
{
	size_t n = 0;
	do {
		b[n] = (unsigned char)(v & 0x7F);
		v >>= 7;
		if (v)
			b[n] |= 0x80;
		n++;
	} while (v);
	return n;
}

static int put_varint(tc_buf *out, uint64_t v)
{
	unsigned char b[10];
	return tc_buf_append(out, (const char *)b, varint(v, b));
}

static int put_bytes(tc_buf *out, const char *s, size_t len)
{
	return put_varint(out, len) < 0 || tc_buf_append(out, s, len) < 0 ? -1 : 0;
}

static int pack_value(tc_buf *out, json_t *v, int depth)
{
	if (depth > PACKED_DEPTH)
		return -1;
	switch (json_typeof(v)) {
	case JSON_NULL: return tc_buf_append_char(out, P_NULL);
	case JSON_TRUE: return tc_buf_append_char(out, P_TRUE);
	case JSON_FALSE: return tc_buf_append_char(out, P_FALSE);
	case JSON_INTEGER: {
		uint64_t u = (uint64_t)json_integer_value(v);
		uint64_t zigzag = (u << 1) ^ (json_integer_value(v) < 0 ? UINT64_MAX : 0);
		return tc_buf_append_char(out, P_INT) < 0 ? -1 : put_varint(out, zigzag);
	}
	case JSON_REAL: {
		double d = json_real_value(v);
		uint64_t bits;
		memcpy(&bits, &d, sizeof bits);
		unsigned char b[8];
		for (int i = 0; i < 8; i++)
			b[i] = (unsigned char)(bits >> (8 * i));
		return tc_buf_append_char(out, P_REAL) < 0 ? -1 : tc_buf_append(out, (const char *)b, 8);
	}
	case JSON_STRING:
		return tc_buf_append_char(out, P_STRING) < 0
		               ? -1
		               : put_bytes(out, json_string_value(v), json_string_length(v));
	case JSON_ARRAY: {
		if (tc_buf_append_char(out, P_ARRAY) < 0 || put_varint(out, json_array_size(v)) < 0)
			return -1;
		size_t i;
		json_t *item;
		json_array_foreach(v, i, item)
		{
			if (pack_value(out, item, depth + 1) < 0)
				return -1;
		}
		return 0;
	}
	case JSON_OBJECT: {
		if (tc_buf_append_char(out, P_OBJECT) < 0 || put_varint(out, json_object_size(v)) < 0)
			return -1;
		const char *key;
		json_t *item;
		json_object_foreach(v, key, item)
		{
			if (put_bytes(out, key, strlen(key)) < 0 || pack_value(out, item, depth + 1) < 0)
				return -1;
		}
		return 0;
	}
	}
	return -1;
}

typedef struct unpack {
	const unsigned char *p, *end;
	const char *skip; /* a member of the top object left out (NULL: none) */
} unpack;

static int get_varint(unpack *u, uint64_t *v)
{
	*v = 0;
	for (int shift = 0; shift < 64 && u->p < u->end; shift += 7) {
		unsigned char b = *u->p++;
		*v |= (uint64_t)(b & 0x7F) << shift;
		if (!(b & 0x80))
			return 0;
	}
	return -1;
}

/* A length that the rest of the input can hold (at least MIN bytes an
 * item). */
static int get_count(unpack *u, size_t min, size_t *n)
{
	uint64_t v;
	if (get_varint(u, &v) < 0 || v > (uint64_t)(u->end - u->p) / min)
		return -1;
	*n = (size_t)v;
	return 0;
}

/* Past one packed value, building nothing; -1 when it does not end. */
static int skip_packed(unpack *u, int depth)
{
	if (u->p >= u->end || depth > PACKED_DEPTH)
		return -1;
	size_t n;
	uint64_t v;
	switch (*u->p++) {
	case P_NULL:
	case P_TRUE:
	case P_FALSE: return 0;
	case P_INT: return get_varint(u, &v);
	case P_REAL:
		if (u->end - u->p < 8)
			return -1;
		u->p += 8;
		return 0;
	case P_STRING:
		if (get_count(u, 1, &n) < 0)
			return -1;
		u->p += n;
		return 0;
	case P_ARRAY:
		if (get_count(u, 1, &n) < 0)
			return -1;
		for (size_t i = 0; i < n; i++)
			if (skip_packed(u, depth + 1) < 0)
				return -1;
		return 0;
	case P_OBJECT:
		if (get_count(u, 2, &n) < 0)
			return -1;
		for (size_t i = 0; i < n; i++) {
			size_t key_len;
			if (get_count(u, 1, &key_len) < 0)
				return -1;
			u->p += key_len;
			if (skip_packed(u, depth + 1) < 0)
				return -1;
		}
		return 0;
	}
	return -1;
}

static json_t *unpack_value(unpack *u, int depth)
{
	if (u->p >= u->end || depth > PACKED_DEPTH)
		return NULL;
	size_t n;
	uint64_t v;
	switch (*u->p++) {
	case P_NULL: return json_null();
	case P_TRUE: return json_true();
	case P_FALSE: return json_false();
	case P_INT:
		if (get_varint(u, &v) < 0)
			return NULL;
		return json_integer((json_int_t)((v >> 1) ^ (0 - (v & 1))));
	case P_REAL: {
		if (u->end - u->p < 8)
			return NULL;
		uint64_t bits = 0;
		for (int i = 0; i < 8; i++)
			bits |= (uint64_t)u->p[i] << (8 * i);
		u->p += 8;
		double d;
		memcpy(&d, &bits, sizeof d);
		return json_real(d);
	}
	case P_STRING: {
		if (get_count(u, 1, &n) < 0)
			return NULL;
		const char *str = (const char *)u->p;
		u->p += n;
		return json_stringn(str, n); /* checked to be UTF-8 */
	}
	case P_ARRAY: {
		json_t *array = get_count(u, 1, &n) < 0 ? NULL : json_array();
		for (size_t i = 0; array && i < n; i++) {
			json_t *item = unpack_value(u, depth + 1);
			if (!item || json_array_append_new(array, item) < 0) {
				json_decref(array);
				array = NULL;
			}
		}
		return array;
	}
	case P_OBJECT: {
		json_t *object = get_count(u, 2, &n) < 0 ? NULL : json_object();
		for (size_t i = 0; object && i < n; i++) {
			size_t key_len;
			if (get_count(u, 1, &key_len) < 0) {
				json_decref(object);
				return NULL;
			}
			const char *key = (const char *)u->p;
			u->p += key_len;
			if (depth == 0 && u->skip && strlen(u->skip) == key_len && !memcmp(key, u->skip, key_len)) {
				if (skip_packed(u, depth + 1) < 0) {
					json_decref(object);
					object = NULL;
				}
				continue;
			}
			json_t *item = unpack_value(u, depth + 1);
			if (!item || json_object_setn_new(object, key, key_len, item) < 0) {
				json_decref(object);
				object = NULL;
			}
		}
		return object;
	}
	}
	return NULL;
}

int tc_stored_record_payload(json_t *record, tc_buf *payload)
{
	tc_buf_reset(payload);
	json_t *text = json_object_get(record, "text");
	if (!json_is_string(text))
		text = NULL;
	json_incref(text);
	if (text)
		json_object_del(record, "text");
	/* the fields packed after room for their header (the marker and the
	 * length, at most 1 + 10 bytes), then moved up to it */
	static const char room[11];
	int rc = tc_buf_append(payload, room, sizeof room) < 0 || pack_value(payload, record, 0) < 0 ? -1 : 0;
	if (rc == 0) {
		size_t fields = payload->len - sizeof room;
		unsigned char header[11];
		header[0] = text ? PACKED_TEXT : PACKED;
		size_t header_len = 1 + varint(fields, header + 1);
		memmove(payload->data + header_len, payload->data + sizeof room, fields);
		memcpy(payload->data, header, header_len);
		payload->len = header_len + fields;
		payload->data[payload->len] = '\0';
	}
	if (text) {
		if (rc == 0 && tc_buf_append(payload, json_string_value(text), json_string_length(text)) < 0)
			rc = -1;
		if (json_object_set_new(record, "text", text) < 0)
			rc = -1;
	}
	return rc;
}

/* The length of a packed payload's header and fields, or 0 when PAYLOAD
 * (LEN bytes) is not a packed one that holds them; the header's length
 * into *HEADER (when not NULL). */
static size_t packed_fields_end(const char *payload, size_t len, size_t *header)
{
	if (!len || (payload[0] != PACKED && payload[0] != PACKED_TEXT))
		return 0;
	unpack u = {(const unsigned char *)payload + 1, (const unsigned char *)payload + len, NULL};
	uint64_t fields;
	if (get_varint(&u, &fields) < 0 || fields > (uint64_t)(u.end - u.p))
		return 0;
	size_t header_len = (size_t)(u.p - (const unsigned char *)payload);
	if (header)
		*header = header_len;
	return header_len + (size_t)fields;
}

void tc_stored_split(const char *payload, size_t len, size_t *json_len, const char **text, size_t *text_len)
{
	size_t end = packed_fields_end(payload, len, NULL);
	if (end) {
		*json_len = end;
		*text = payload[0] == PACKED_TEXT ? payload + end : NULL;
		*text_len = *text ? len - end : 0;
		return;
	}
	const char *nul = memchr(payload, '\0', len);
	*json_len = nul ? (size_t)(nul - payload) : len;
	*text = nul ? nul + 1 : NULL;
	*text_len = nul ? len - *json_len - 1 : 0;
}

json_t *tc_stored_fields(char *fields, size_t len, const char *skip)
{
	if (len && (fields[0] == PACKED || fields[0] == PACKED_TEXT)) {
		size_t header = 0;
		if (packed_fields_end(fields, len, &header) != len)
			return NULL;
		unpack u = {(const unsigned char *)fields + header, (const unsigned char *)fields + len, skip};
		json_t *record = unpack_value(&u, 0);
		if (!json_is_object(record) || u.p != u.end) {
			json_decref(record);
			return NULL;
		}
		return record;
	}
	if (skip)
		len = tc_stored_drop_member(fields, len, skip);
	json_error_t jerr;
	json_t *record = json_loadb(fields, len, 0, &jerr);
	if (!json_is_object(record)) {
		json_decref(record);
		return NULL;
	}
	/* a record laid out otherwise than tc_stored_drop_member expects */
	if (skip)
		json_object_del(record, skip);
	return record;
}

/* Past the JSON string at P (its opening quote); END when it does not end. */
static const char *skip_string(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return end;
}

/* Past the JSON value at P: a string, an array or an object (its brackets
 * counted, its strings skipped), or a scalar, which ends at the next ',',
 * '}' or ']'; END when it does not end. */
static const char *skip_value(const char *p, const char *end)
{
	if (p < end && *p == '"')
		return skip_string(p, end);
	if (p < end && (*p == '[' || *p == '{')) {
		size_t depth = 0;
		while (p < end) {
			if (*p == '"') {
				p = skip_string(p, end);
				continue;
			}
			if (*p == '[' || *p == '{')
				depth++;
			else if ((*p == ']' || *p == '}') && --depth == 0)
				return p + 1;
			p++;
		}
		return end;
	}
	while (p < end && *p != ',' && *p != '}' && *p != ']')
		p++;
	return p;
}

size_t tc_stored_drop_member(char *json, size_t len, const char *key)
{
	const char *end = json + len, *p = json;
	size_t key_len = strlen(key);
	if (p == end || *p++ != '{')
		return len;
	while (p < end && *p == '"') {
		const char *member = p, *colon = skip_string(p, end);
		if (colon >= end || *colon != ':')
			return len;
		const char *after = skip_value(colon + 1, end);
		if (after >= end || (*after != ',' && *after != '}'))
			return len;
		if ((size_t)(colon - member) == key_len + 2 && !memcmp(member + 1, key, key_len)) {
			/* the member and the comma that joins it to the next, or to the
			 * one before when it is the last */
			char *from = json + (member - json), *to = json + (after - json);
			if (*to == ',')
				to++;
			else if (from[-1] == ',')
				from--;
			memmove(from, to, (size_t)(end - to));
			return len - (size_t)(to - from);
		}
		if (*after == '}')
			return len;
		p = after + 1;
	}
	return len;
}

/* The frame's content size (-1: unknown, corrupt or too large) and its
 * dictionary (*DDICT; NULL when it names none), or -1 when it names one the
 * codec does not hold (*MISSING, when not NULL, receives its id). */
static long long frame_info(tc_stored_codec *codec, const char *frame, size_t len, const ZSTD_DDict **ddict,
                            unsigned *missing)
{
	unsigned long long size = ZSTD_getFrameContentSize(frame, len);
	/* a damaged frame may claim any size: each block of up to
	 * ZSTD_BLOCKSIZE_MAX bytes takes a 3-byte header at least, so LEN
	 * bytes hold no more than that many blocks' worth (the buffer is
	 * reserved before decoding) */
	if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 31) ||
	    size > ((unsigned long long)len / 3 + 1) * ZSTD_BLOCKSIZE_MAX)
		return -1;
	*ddict = NULL;
	unsigned id = ZSTD_getDictID_fromFrame(frame, len);
	for (size_t i = 0; id && i < codec->dict_count && !*ddict; i++)
		if (codec->dicts[i].id == id)
			*ddict = codec->dicts[i].ddict;
	if (id && !*ddict) {
		if (missing)
			*missing = id;
		return -1;
	}
	return (long long)size;
}

int tc_stored_decode(tc_stored_codec *codec, const char *data, size_t len, tc_buf *out, unsigned *missing_dict)
{
	if (missing_dict)
		*missing_dict = 0;
	tc_buf_reset(out);
	if (len < 1)
		return -1;
	if (data[0] == STORED_RAW)
		return tc_buf_append(out, data + 1, len - 1);
	if (data[0] != STORED_ZSTD)
		return -1;
	const ZSTD_DDict *ddict;
	long long size = frame_info(codec, data + 1, len - 1, &ddict, missing_dict);
	if (size < 0 || tc_buf_reserve(out, (size_t)size + 1) < 0)
		return -1;
	size_t n = ddict ? ZSTD_decompress_usingDDict(codec->dctx, out->data, (size_t)size, data + 1, len - 1, ddict)
	                 : ZSTD_decompressDCtx(codec->dctx, out->data, (size_t)size, data + 1, len - 1);
	if (ZSTD_isError(n) || n != (size_t)size)
		return -1;
	out->len = n;
	out->data[n] = '\0';
	return 0;
}

int tc_stored_decode_upto(tc_stored_codec *codec, const char *data, size_t len, size_t text_max, tc_buf *out,
                          int *whole)
{
	*whole = 1;
	if (len < 1 || data[0] != STORED_ZSTD)
		return tc_stored_decode(codec, data, len, out, NULL);
	tc_buf_reset(out);
	const ZSTD_DDict *ddict;
	long long size = frame_info(codec, data + 1, len - 1, &ddict, NULL);
	/* a payload no longer than TEXT_MAX: whole, in one call */
	if (size >= 0 && (size_t)size <= text_max)
		return tc_stored_decode(codec, data, len, out, NULL);
	if (size < 0 || tc_buf_reserve(out, (size_t)size + 1) < 0)
		return -1;
	/* streamed, in steps from 16 KB up to 128 KB, until the text's first
	 * TEXT_MAX bytes are out (the payload's NUL found: its end known) */
	size_t step = 16 * 1024;
	if (ZSTD_isError(ZSTD_DCtx_reset(codec->dctx, ZSTD_reset_session_only)) ||
	    ZSTD_isError(ZSTD_DCtx_refDDict(codec->dctx, ddict)))
		return -1;
	ZSTD_inBuffer in = {data + 1, len - 1, 0};
	ZSTD_outBuffer o = {out->data, 0, 0};
	size_t want = (size_t)size, looked = 0;
	int found = 0, status = 0;
	while (o.pos < want) {
		o.size = want - o.pos > step ? o.pos + step : want;
		if (step < 128 * 1024)
			step *= 2;
		size_t before = o.pos, left = ZSTD_decompressStream(codec->dctx, &o, &in);
		if (ZSTD_isError(left) || (o.pos == before && in.pos == in.size) || (!left && o.pos != (size_t)size)) {
			status = -1;
			break;
		}
		/* where the fields end: the packed header says, a JSON one's NUL */
		size_t end = found || !o.pos ? 0 : packed_fields_end(out->data, o.pos, NULL);
		const char *nul = found || end || out->data[0] == PACKED || out->data[0] == PACKED_TEXT
		                          ? NULL
		                          : memchr(out->data + looked, '\0', o.pos - looked);
		looked = o.pos;
		if (nul)
			end = (size_t)(nul - out->data) + 1;
		if (end) {
			found = 1;
			if (text_max < (size_t)size - end)
				want = end + text_max;
		}
	}
	/* the next frames decode as tc_stored_decode says, not with this
	 * frame's dictionary */
	ZSTD_DCtx_refDDict(codec->dctx, NULL);
	if (status < 0)
		return -1;
	/* a step may have gone past the text's first TEXT_MAX bytes */
	size_t n = o.pos < want ? o.pos : want;
	*whole = n == (size_t)size;
	/* a text cut short ends at a character's end: not inside the last
	 * character's bytes */
	if (!*whole && n > 0) {
		size_t lead = n - 1;
		while (lead > 0 && ((unsigned char)out->data[lead] & 0xC0) == 0x80)
			lead--;
		unsigned char c = (unsigned char)out->data[lead];
		size_t need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		if (lead + need > n)
			n = lead;
	}
	out->len = n;
	out->data[n] = '\0';
	return 0;
}
