/* format.h - the on-disk index format, in one place (docs/index-format.md).
 *
 * The indexer writes an index directory and the query engine reads it; both
 * take every fact about its layout from here, so that reading never depends
 * on writing:
 *   DIR/docs        whole documents (and source documents known from notes)
 *   DIR/provisions  each Điều of each document (and its clauses, points)
 *   DIR/codified    each codified article of the pháp điển (and its parts)
 *   DIR/manifest.json  format and analyzer versions, build time, counts,
 *                      index features
 * Each database's stored records (the document data) are JSON compressed
 * with zstd and the database's own dictionary, kept in its metadata.
 *
 * Thread rules: the tables and pure functions are thread-safe; a
 * tc_stored_codec is used by one thread at a time. */
#ifndef TC_FORMAT_H
#define TC_FORMAT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped when the term scheme, values, ids or stored data change: an index
 * of another version is refused (rebuild it). */
#define TC_INDEX_FORMAT_VERSION 9

/* The databases of an index. Every record and every article has one entry
 * in the first three; the clauses and points of articles, entries of their
 * own that search collapses on their article, live apart in the parts
 * databases, so that counts, facets, listings and the first stage of
 * ranking read only one entry per article, and the second stage reads
 * both (BM25's statistics are those of all entries either way). */
typedef enum tc_db_kind {
	TC_DB_DOCS = 0,
	TC_DB_PROVISIONS,
	TC_DB_CODIFIED,
	TC_DB_PROVISION_PARTS, /* clauses and points of provisions */
	TC_DB_CODIFIED_PARTS,  /* clauses and points of codified articles */
	TC_DB_COUNT
} tc_db_kind;

/* The databases with one entry per record or article: kinds below this. */
#define TC_DB_ARTICLE_KINDS 3

/* "docs", "provisions", "codified", "provision-parts", "codified-parts":
 * also the databases' directory names. */
const char *tc_db_kind_name(tc_db_kind kind);
/* The database of the parts of KIND's articles; -1 when KIND has none (docs)
 * or is itself a parts database. */
int tc_db_parts(tc_db_kind kind);
/* The path of database KIND of index DIR into OUT (reset first). 0, or -1
 * when memory runs out. */
int tc_index_db_path(const char *dir, tc_db_kind kind, tc_buf *out);

/* ---- value slots ----
 * Dates are YYYYMMDD strings, so byte order is date order. */
enum {
	TC_SLOT_ISSUE_DATE = 0,
	TC_SLOT_EFFECTIVE_DATE = 1,
	TC_SLOT_EXPIRY_DATE = 2,
	TC_SLOT_CONTENT_HASH = 3, /* 16 hex digits (incremental updates) */
	TC_SLOT_ORDER = 4,        /* position in the document tree / đề mục, 10 digits */
	TC_SLOT_DOC_NUMBER = 5,   /* normalized số hiệu (collapse, display) */
	TC_SLOT_TYPE = 6,         /* type slug (facet) */
	TC_SLOT_ISSUER = 7,       /* issuer slug (facet) */
	TC_SLOT_YEAR = 8,         /* year of issue (facet) */
	TC_SLOT_VALIDITY = 9,     /* validity slug (facet) */
	TC_SLOT_TOPIC = 10,       /* chủ đề number (facet) */
	TC_SLOT_DEMUC = 11,       /* đề mục number */
	TC_SLOT_PROVINCE = 12,    /* province slug, "trung-uong" for central (facet) */
	TC_SLOT_ORIGIN = 13,      /* the source the record came from (prune) */
	TC_SLOT_ARTICLE = 14,     /* the article's id, on the article and its parts (collapse) */
	TC_SLOT_CHANGED = 15,     /* when the entry was last written (added or changed), a change stamp */
};

/* ---- changes (incremental sync: GET /v1/changes, feeds) ----
 * A change stamp is RFC 3339 UTC with microseconds, "2026-01-03T10:15:00.123456Z"
 * (fixed width, so byte order is time order). The indexer stamps every entry
 * it writes, strictly increasing within a run, so a stamp names one change.
 * An entry removed from the index (by --prune or a DELETE) leaves a
 * tombstone in DIR/removed: a document with the entry's id term (Q), the
 * database it was in (XDB), its filter terms and date values as they were,
 * TC_SLOT_CHANGED set to the time of removal, and as data {"id", "db"}.
 * Search never opens it. */
#define TC_CHANGE_STAMP_LEN 27
#define TC_REMOVED_DB "removed"
#define TC_PREFIX_REMOVED_FROM "XDB" /* tombstones: "XDBdocs", "XDBprovisions", "XDBcodified" */
/* The last stamp given before a commit, in the metadata of each database
 * (the three and DIR/removed), written with that commit: a reader knows its
 * database's changes up to it are final. It also keeps stamps increasing
 * across runs when the clock steps back. */
#define TC_LAST_CHANGE_METADATA_KEY "last-change"
/* Microseconds since 1970 (UTC) as a stamp, and back (0 when S, LEN bytes,
 * is not a stamp). */
void tc_change_stamp_format(uint64_t us, char out[TC_CHANGE_STAMP_LEN + 1]);
uint64_t tc_change_stamp_parse(const char *s, size_t len);
/* The path of DIR/removed into OUT (reset first). 0, or -1 when memory runs out. */
int tc_index_removed_path(const char *dir, tc_buf *out);

/* ---- term prefixes (Xapian's conventions: one capital for the usual
 * meanings, X + capitals for ours) ---- */
#define TC_PREFIX_EXACT ""            /* exact syllable, positional: "quyền" */
#define TC_PREFIX_FOLDED "XF"         /* folded syllable, same position: "XFquyen" */
#define TC_PREFIX_BIGRAM "XB"         /* exact syllable pair: "XBquyền_sử" */
#define TC_PREFIX_FOLDED_BIGRAM "XG"  /* folded pair */
#define TC_PREFIX_TITLE "S"           /* title syllable */
#define TC_PREFIX_FOLDED_TITLE "XS"   /* folded title syllable */
#define TC_PREFIX_MENTION "XN"        /* a document number the text mentions */
#define TC_PREFIX_NUMBER "XM"         /* the entry's own document number */
#define TC_PREFIX_PART_OF "XK"        /* the number of the document the entry is part of */
#define TC_PREFIX_ID "Q"              /* unique id */
#define TC_PREFIX_TYPE "XT"
#define TC_PREFIX_ISSUER "XI"
#define TC_PREFIX_PROVINCE "XP"
#define TC_PREFIX_VALIDITY "XV"
#define TC_PREFIX_YEAR "Y"
#define TC_PREFIX_FIELD "XL"
#define TC_PREFIX_TOPIC "XC"          /* chủ đề number */
#define TC_PREFIX_DEMUC "XD"          /* đề mục number */
#define TC_PREFIX_DEMUC_ID "XE"       /* đề mục GUID */
#define TC_PREFIX_ORIGIN "XO"         /* the source (loader) name */
#define TC_PREFIX_CITATION "XR"       /* a citation part the text holds */
#define TC_PREFIX_ARTICLE "XA"        /* the entry's article number: "XAđiều:5" */
#define TC_PREFIX_DOC_TITLE "XH"      /* provisions: folded words and pairs of their document's title */
#define TC_PREFIX_SOURCE "XJ"         /* codified: a source document or article, "XJ52/2015/nđ-cp/d5" */
/* The slug of the term an entry defines ("XQkhong-gian-mang") in a
 * definition article; and of the term an entry may define (a clause
 * elsewhere that opens "X là ..."). */
#define TC_PREFIX_DEFINES "XQ"
#define TC_PREFIX_MAY_DEFINE "XY"
/* The article an entry belongs to, on the article's entry and its parts'
 * ("XX52/2015/nđ-cp/d5"): the second stage of ranking reads the entries of
 * its candidate articles by it. */
#define TC_PREFIX_ARTICLE_ID "XX"
/* The boolean term of an article's own entry in the provisions and
 * codified databases (not its parts'). */
#define TC_ARTICLE_MARKER "XZarticle"
/* A document's name (its type and title) as a slug, in the docs database
 * ("XZNluat-thu-y", "XZNluat-thu-y-2015", "XZNluat-pbgdpl", "XZNblds"):
 * see tc_document_names. */
#define TC_PREFIX_NAME "XZN"
/* An id an entry had before, that still resolves (tc_get): a codified
 * article's export key "XZFpd/<GUID>/<anchor>", and its parts' under it. */
#define TC_PREFIX_FORMER_ID "XZF"

/* The value of the article-number term for NUMBER (LEN bytes): "điều:5a"
 * (ASCII letters lowercased), into OUT. 0, or -1 when memory runs out. */
int tc_article_term_value(const char *number, size_t len, tc_buf *out);
/* The article number a citation names: "5a" (*LEN bytes, pointing into
 * CITATION) of "Điều 5a" or "khoản 2 Điều 5a, ..."; NULL when none. */
const char *tc_cited_article_number(const char *citation, size_t *len);
/* Lowercase the ASCII letters of TEXT (LEN bytes) in place: ids and number
 * terms keep their other letters ("Đ") as written. */
void tc_ascii_lower(char *text, size_t len);

/* A lowercase ASCII slug of NAME ("UBND tỉnh Bắc Ninh" → "ubnd-tinh-bac-ninh")
 * into OUT, folded by ANALYZER: the form of filter terms. Returns 0, or -1
 * when memory runs out. */
int tc_slug(tc_analyzer *analyzer, const char *name, size_t len, tc_buf *out);

/* The names a document answers to, as slugs, each ended by '\n', into OUT
 * (reset first): its type and title ("Luật" "Thú y": "luat-thu-y"; a title
 * that already starts with its type word also as written: "Luật Bảo vệ bí
 * mật nhà nước"); the same with the year of issue ("luat-thu-y-2015"); the
 * type and the initials of a title of two syllables or more ("luat-pbgdpl"
 * for Phổ biến giáo dục pháp luật) and the initials of the whole name when
 * they are three or more letters ("blds" for Bộ luật Dân sự). A query
 * whose slug is one of them names the document (query/build.c). YEAR 0:
 * unknown. Returns 0, or -1 when memory runs out. */
int tc_document_names(tc_analyzer *analyzer, const char *type, const char *title, unsigned year,
                      tc_buf *out);

/* ---- index features ----
 * All on by default. Turning one off is for the quality ablation; the
 * manifest records them, so the query side always uses the same set. */
typedef struct tc_features {
	int folded;      /* XF folded syllables */
	int bigrams;     /* XB/XG bigrams */
	int title;       /* title terms (S/XS) and title weight */
	int doc_numbers; /* XN terms */
	int citations;   /* XR/XA citation terms */
	int canonical;   /* canonical tones and i/y (off: TC_ANALYZE_PLAIN) */
	int clauses;     /* provisions also indexed clause by clause */
	int points;      /* ... and the points of a long clause one by one */
	int definitions; /* a definition's clause titled by the term it defines */
} tc_features;

void tc_features_default(tc_features *features);
/* FEATURES as the manifest's {"name": bool, ...} object (NULL when memory
 * runs out), and back: a name the object lacks stays on. */
json_t *tc_features_to_json(const tc_features *features);
void tc_features_from_json(tc_features *features, const json_t *json);
/* The features as bits (for content hashes: an entry indexed under other
 * features is another entry). */
uint64_t tc_features_bits(const tc_features *features);
/* The analyzer flags (analyzer.h) that FEATURES imply, or-ed with BASE
 * (TC_ANALYZE_DOCUMENT or TC_ANALYZE_QUERY): both sides of the index use
 * this one mapping, so they always agree. */
unsigned tc_features_analyze_flags(const tc_features *features, unsigned base);
/* The prefix of a syllable pair's term. A pair is indexed once: folded
 * (XG; its text the pair's folded form) in an index that folds, else
 * exact (XB). The indexer and the query both ask this one rule. */
const char *tc_features_pair_prefix(const tc_features *features);
/* Parse "no-bigrams,no-folded,..." (names: folded bigrams title doc_numbers
 * citations canonical clauses points definitions) into FEATURES, starting
 * from the defaults. Returns 0, or -1 with ERR filled for an unknown name. */
int tc_features_parse(tc_features *features, const char *spec, tc_error *err);

/* ---- the manifest ---- */

typedef struct tc_manifest {
	long long format_version;
	long long analyzer_version;
	char built[32];                /* "2026-12-03T10:00:00Z" */
	long long counts[TC_DB_COUNT]; /* entries per database */
	tc_features features;
} tc_manifest;

/* Read DIR/manifest.json. TC_ERR_NOT_FOUND when there is none (no index
 * there), TC_ERR_INPUT when it cannot be parsed; the message names the
 * file. */
tc_status tc_manifest_read(const char *dir, tc_manifest *manifest, tc_error *err);
/* TC_ERR_VERSION (with what to do) unless MANIFEST is of this format and
 * analyzer version. */
tc_status tc_manifest_check(const char *dir, const tc_manifest *manifest, tc_error *err);
/* Write DIR/manifest.json atomically (a synced temporary file renamed over
 * it), stamped with this format and analyzer version and the time now. */
tc_status tc_manifest_write(const char *dir, const tc_manifest *manifest, tc_error *err);

/* ---- stored records ----
 * A stored record is one byte saying how the rest is encoded ('z': a zstd
 * frame, with or without the database's dictionary; 'r': raw) followed by
 * the encoded payload (tc_stored_record_payload). The dictionary is stored in the
 * database's metadata under TC_DICT_METADATA_KEY, in the same commit as
 * the first records compressed with it. */
#define TC_DICT_METADATA_KEY "zstd-dict"

typedef struct tc_stored_codec tc_stored_codec;

tc_stored_codec *tc_stored_codec_new(void); /* NULL when memory runs out */
void tc_stored_codec_free(tc_stored_codec *codec);
/* Use DICT (LEN bytes, copied) for encoding and for decoding the frames that
 * name its id; several dictionaries may be added for decoding (an index's
 * databases each have one). Returns 0, or -1 when it is not a usable
 * dictionary or memory runs out. The last one added encodes. */
int tc_stored_codec_add_dict(tc_stored_codec *codec, const void *dict, size_t len);
/* Forget every dictionary (before reloading them). */
void tc_stored_codec_clear_dicts(tc_stored_codec *codec);
/* Does CODEC hold a dictionary to encode with? */
int tc_stored_codec_has_dict(const tc_stored_codec *codec);
/* Encode JSON (LEN bytes) into OUT (reset first), with the codec's encoding
 * dictionary unless WITHOUT_DICT. 0, or -1 on failure. */
int tc_stored_encode(tc_stored_codec *codec, const char *json, size_t len, int without_dict, tc_buf *out);
/* A stored record's payload (what tc_stored_encode compresses) is the
 * record's fields (the record without its "text"), packed (format.c: a
 * hit's fields are unpacked, not lexed as JSON), then, when the record has
 * a text, that text (UTF-8, the rest of the payload): a whole document's
 * text is copied, not parsed. tc_stored_record_payload builds PAYLOAD
 * (reset first) from RECORD, which it leaves as it was but for its "text"
 * moved last; tc_stored_split finds the fields' length and the text (*TEXT
 * NULL when there is none) in a decoded payload. A payload of JSON text
 * (tests, tools) is read too: the record's JSON without its text, then
 * when it has one a NUL byte and the text; with no NUL, the whole record. */
int tc_stored_record_payload(json_t *record, tc_buf *payload);
void tc_stored_split(const char *payload, size_t len, size_t *json_len, const char **text, size_t *text_len);
/* The FIELDS (LEN bytes, as tc_stored_split finds them) as a new JSON
 * object, without the member SKIP (NULL: none; a hit does not show a
 * document's outline, the largest of its fields); NULL when they do not
 * decode (a damaged record). FIELDS of JSON text are changed in place. */
json_t *tc_stored_fields(char *fields, size_t len, const char *skip);
/* Take the member KEY out of the record JSON (LEN bytes, compact, as
 * tc_stored_record_payload writes it) in place, without parsing the rest:
 * a hit does not show a document's outline, the largest of its fields.
 * Returns the JSON's new length; LEN, the JSON untouched, when KEY is not a
 * member of the object or the JSON is not laid out as written. */
size_t tc_stored_drop_member(char *json, size_t len, const char *key);
/* Decode stored DATA into OUT (reset first; NUL-terminated payload).
 * Returns 0, or -1 when the data is corrupt or needs a dictionary the codec
 * does not hold (MISSING_DICT, when not NULL, receives that dictionary's
 * id, else 0). */
int tc_stored_decode(tc_stored_codec *codec, const char *data, size_t len, tc_buf *out, unsigned *missing_dict);
/* The same, but no more of the payload's text than its first TEXT_MAX
 * bytes (cut at a character's end; its JSON always whole): *WHOLE says
 * whether OUT holds the whole payload. A hit's snippet reads the beginning
 * of a document's text, which runs to megabytes. */
int tc_stored_decode_upto(tc_stored_codec *codec, const char *data, size_t len, size_t text_max, tc_buf *out,
                          int *whole);

#ifdef __cplusplus
}
#endif

#endif
