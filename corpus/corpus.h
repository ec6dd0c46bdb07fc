/* corpus.h - the legal document model and the loaders for each source.
 *
 * A record is either a legal document (văn bản) with its body as a tree of
 * provisions, or a codified article of the pháp điển (Bộ pháp điển: chủ đề →
 * đề mục → chương → điều) with its source notes and cross-references, or a
 * source document known only from the pháp điển's notes (metadata, no body).
 *
 * Loaders stream: each record is handed to a callback and is valid only
 * during that call (its memory comes from an arena that is reset after it),
 * so memory does not grow with the number of records. Bad input never stops
 * a run: the problem is reported through the problem callback with file,
 * line or byte offset and reason, the record is skipped (or loaded as far
 * as it goes), and the summary counts it.
 *
 * Every loader reads plain files and `.zst` files the same way.
 * Not thread-safe per loader; separate loads may run in separate threads. */
#ifndef TC_CORPUS_H
#define TC_CORPUS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the model ---- */

typedef enum tc_record_kind {
	TC_RECORD_DOCUMENT,   /* a legal document with its text */
	TC_RECORD_CODIFIED,   /* a codified article of the pháp điển */
	TC_RECORD_SOURCE_DOC, /* a document known from pháp điển notes only (no body) */
} tc_record_kind;

/* Loại văn bản. */
typedef enum tc_doc_type {
	TC_TYPE_UNKNOWN = 0,
	TC_TYPE_HIEN_PHAP,       /* Hiến pháp */
	TC_TYPE_BO_LUAT,         /* Bộ luật */
	TC_TYPE_LUAT,            /* Luật */
	TC_TYPE_PHAP_LENH,       /* Pháp lệnh */
	TC_TYPE_LENH,            /* Lệnh */
	TC_TYPE_NGHI_QUYET,      /* Nghị quyết */
	TC_TYPE_NGHI_QUYET_LT,   /* Nghị quyết liên tịch */
	TC_TYPE_NGHI_DINH,       /* Nghị định */
	TC_TYPE_QUYET_DINH,      /* Quyết định */
	TC_TYPE_CHI_THI,         /* Chỉ thị */
	TC_TYPE_THONG_TU,        /* Thông tư */
	TC_TYPE_THONG_TU_LT,     /* Thông tư liên tịch */
	TC_TYPE_VBHN,            /* Văn bản hợp nhất */
	TC_TYPE_KE_HOACH,        /* Kế hoạch */
	TC_TYPE_CONG_VAN,        /* Công văn */
	TC_TYPE_CONG_DIEN,       /* Công điện */
	TC_TYPE_THONG_BAO,       /* Thông báo */
	TC_TYPE_HUONG_DAN,       /* Hướng dẫn */
	TC_TYPE_SAC_LENH,        /* Sắc lệnh */
	TC_TYPE_OTHER,
	TC_TYPE_COUNT
} tc_doc_type;

/* Hiệu lực, in the national database's vocabulary. */
typedef enum tc_validity {
	TC_VALIDITY_UNKNOWN = 0,     /* không xác định */
	TC_VALIDITY_IN_FORCE,        /* còn hiệu lực */
	TC_VALIDITY_EXPIRED,         /* hết hiệu lực toàn bộ */
	TC_VALIDITY_PARTLY_EXPIRED,  /* hết hiệu lực một phần */
	TC_VALIDITY_NOT_YET,         /* chưa có hiệu lực */
	TC_VALIDITY_SUSPENDED,       /* ngưng hiệu lực */
	TC_VALIDITY_PARTLY_SUSPENDED,/* ngưng hiệu lực một phần */
	TC_VALIDITY_OUTDATED,        /* không còn phù hợp */
	TC_VALIDITY_COUNT
} tc_validity;

typedef enum tc_scope {
	TC_SCOPE_UNKNOWN = 0,
	TC_SCOPE_CENTRAL, /* trung ương */
	TC_SCOPE_LOCAL,   /* địa phương: see province */
} tc_scope;

/* Display name ("Nghị định"), filter slug ("nghi-dinh") and number
 * abbreviation ("NĐ") of a type; the reverse lookups accept any spelling
 * (with or without marks, any case, "VB HN", "TT Liên tịch"...). */
const char *tc_doc_type_name(tc_doc_type type);
const char *tc_doc_type_slug(tc_doc_type type);
tc_doc_type tc_doc_type_from_name(const char *name);
const char *tc_validity_name(tc_validity validity);
const char *tc_validity_slug(tc_validity validity);
tc_validity tc_validity_from_name(const char *name);
/* The abbreviation of a type in document numbers ("NĐ", "TTLT"; "" if none). */
const char *tc_doc_type_abbrev(tc_doc_type type);

/* Where a record's field came from, for the fields whose source varies
 * (`tracuu corpus stats` reports the shares). */
typedef enum tc_field_source {
	TC_FROM_NONE = 0, /* the field is empty: unknown */
	TC_FROM_TEXT,     /* the document's own text ("Điều 220. Hiệu lực thi hành") */
	TC_FROM_NOTE,     /* a pháp điển source note ("có hiệu lực thi hành kể từ ngày ...") */
	TC_FROM_METADATA, /* the source's metadata file, the text saying nothing */
	TC_FROM_LABEL,    /* a pháp điển cross-reference naming the document */
	TC_FROM_COUNT
} tc_field_source;

/* "", "text", "note", "metadata", "label"; the reverse returns
 * TC_FROM_NONE for an unknown name. */
const char *tc_field_source_name(tc_field_source source);
tc_field_source tc_field_source_from_name(const char *name);

/* A date as YYYYMMDD (20150514); 0 when unknown. */
typedef uint32_t tc_date;

/* Whether DATE is a real day of the Gregorian calendar, years 1000-9999
 * (20200229 is, 20190229, 20200230 and 20201345 are not). Thread-safe. */
int tc_date_valid(tc_date date);

/* Node kinds of a document body, largest first. */
typedef enum tc_node_kind {
	TC_NODE_ROOT,       /* the document itself: holds the preamble text */
	TC_NODE_PART,       /* Phần */
	TC_NODE_CHAPTER,    /* Chương */
	TC_NODE_SECTION,    /* Mục */
	TC_NODE_SUBSECTION, /* Tiểu mục */
	TC_NODE_ARTICLE,    /* Điều */
	TC_NODE_CLAUSE,     /* Khoản: "1." */
	TC_NODE_POINT,      /* Điểm: "a)" ("đ" is its own point) */
	TC_NODE_ANNEX,      /* Phụ lục */
	TC_NODE_NOTE,       /* a footnote (VBHN notes, Word footnotes) */
	TC_NODE_KIND_COUNT
} tc_node_kind;

/* A node of the body tree. TEXT is the node's own text (not its children's);
 * paragraphs are separated by "\n", table rows by "\n" with cells separated
 * by " | ". */
typedef struct tc_node {
	tc_node_kind kind;
	const char *number;  /* as written, normalized: "5", "5a", "III", "đ", "thứ nhất"; NULL if none */
	const char *heading; /* title of a Phần/Chương/Mục/Điều/Phụ lục; NULL if none */
	const char *text;    /* own text, never NULL ("" if none) */
	const char *path;    /* stable provision path, see tc_provision_path */
	struct tc_node *parent;
	struct tc_node *first_child;
	struct tc_node *last_child;
	struct tc_node *next;
} tc_node;

/* One link from a codified article to the article of the document it comes
 * from (a source note may hold several: the original and its amendments). */
typedef enum tc_source_relation {
	TC_SOURCE_ORIGINAL = 0, /* the article the codified text comes from */
	TC_SOURCE_AMENDED_BY,   /* "được sửa đổi, bổ sung bởi ..." */
	TC_SOURCE_REPEALED_BY,  /* "bị bãi bỏ bởi", "bị hủy bỏ bởi" */
	TC_SOURCE_OTHER,
} tc_source_relation;

typedef struct tc_source_link {
	tc_source_relation relation;
	const char *article;        /* "Điều 1", "khoản 2 Điều 3" as written */
	const char *doc_number;     /* "57/2020/QH14" as written (cleaned) */
	tc_doc_type doc_type;
	const char *doc_title;      /* from the long note, or resolved from another note */
	const char *issuer;         /* "Quốc hội" */
	tc_date issue_date;
	tc_date effective_date;
	const char *vbpl_item_id;   /* "142850", NULL if none */
	const char *url;
} tc_source_link;

/* A cross-reference (chỉ dẫn) from a codified article to another. */
typedef struct tc_cross_ref {
	const char *label;  /* the link text: "Điều 36.3.NĐ.1.1" */
	const char *anchor; /* the target article's anchor, NULL if the link goes to vbpl */
	const char *url;    /* vbpl link, NULL if none */
} tc_cross_ref;

typedef struct tc_codified {
	const char *chude_number; /* chủ đề: "36" */
	const char *chude_name;
	const char *demuc_id;     /* đề mục GUID (the key: numbers repeat) */
	const char *demuc_number; /* "36.3" */
	const char *demuc_name;
	const char *chapter;      /* "Chương I NHỮNG QUY ĐỊNH CHUNG", NULL if none */
	const char *article_number; /* "36.3.LQ.1" */
	const char *anchor;       /* the export's anchor (digits; not unique) */
	int anchor_occurrence;    /* 1 for the first use of the anchor in its file, 2... */
	long order;               /* position of the article in its đề mục, from 0 */
	const char *note;         /* the source note text (ghi chú) */
	tc_source_link *sources;
	size_t source_count;
	tc_cross_ref *cross_refs;
	size_t cross_ref_count;
} tc_codified;

typedef struct tc_record {
	tc_record_kind kind;
	/* Stable id: for documents the normalized số hiệu plus a disambiguator
	 * where numbers repeat (see corpus/README.md); for codified articles
	 * "pd/<article number>[~n]" ("pd/36.3.LQ.1"); for source documents
	 * "src/<number>". */
	const char *id;
	/* An id the record had before, that still resolves: for codified
	 * articles the export's key "pd/<demuc_id>/<anchor>[#n]"; NULL if none. */
	const char *former_id;
	const char *source_name;  /* the loader/source: "phapdien", "congbao_chinhphu", "pdf", "jsonl", "alqac" */
	const char *source_path;  /* the file it came from */
	const char *doc_number;   /* số hiệu as written (cleaned): "52/2015/NĐ-CP"; NULL if none */
	tc_doc_type type;
	const char *type_name;    /* the type as written when unknown to the enum, else NULL */
	const char *issuer;       /* cơ quan ban hành: "Chính phủ", "UBND tỉnh Bắc Ninh" */
	tc_scope scope;
	const char *province;     /* for local documents: "Bắc Ninh" */
	const char *signer;       /* người ký, NULL if unknown */
	const char *place;        /* "Hà Nội" */
	tc_date issue_date;
	tc_date effective_date;
	tc_date expiry_date;
	tc_field_source effective_from; /* where effective_date came from */
	tc_field_source title_from;     /* where title came from (NONE: not said) */
	tc_validity validity;
	const char *field;        /* lĩnh vực, NULL if unknown */
	const char *title;        /* trích yếu; for codified articles the heading's title */
	const char *source_url;
	tc_node *body;            /* the tree (root node); NULL for source documents */
	tc_codified *codified;    /* for TC_RECORD_CODIFIED, else NULL */
	/* For VBHN: the "được sửa đổi, bổ sung bởi" list as written. */
	const char *consolidates;
} tc_record;

/* A deep copy of RECORD, every node and string of it from ARENA (a
 * record a loader delivers lives until the callback returns; the copy
 * until ARENA is reset). NULL when ARENA is out of memory. */
tc_record *tc_record_copy(tc_arena *arena, const tc_record *record);

/* Build a node's provision path into OUT: the record's id followed by one
 * step per level from the article down, e.g. "52/2015/nđ-cp/d5/k2/đ"
 * (d = Điều, k = Khoản, then the điểm letter); Phần/Chương/Mục do not appear,
 * so paths survive regrouping, and a number, not a position, names each
 * step, so they survive renumbered siblings elsewhere. Annexes: "/pl1";
 * notes "/n3". */
int tc_provision_path(const tc_record *record, const tc_node *node, tc_buf *out);

/* Short stable names of the enums, as used in the JSONL format
 * (corpus/README.md): "document"/"codified"/"source-doc"; "root", "part",
 * "chapter", "section", "subsection", "article", "clause", "point", "annex",
 * "note"; "original"/"amended-by"/"repealed-by"/"other";
 * "unknown"/"central"/"local". tc_node_kind_from_name returns
 * TC_NODE_KIND_COUNT for an unknown name. */
const char *tc_record_kind_name(tc_record_kind kind);
const char *tc_node_kind_name(tc_node_kind kind);
/* Split ARTICLE's text at the lines that open a clause ("1. ", "12. ") into
 * clause children, and each clause's text at the lines that open a point
 * ("a) ", "đ) ") into point children; each node keeps the text before its
 * first part. For text that arrives as one block (ALQAC's law.json).
 * Nodes and strings come from ARENA. Returns 0, or -1 when memory runs
 * out. */
int tc_split_article(tc_arena *arena, tc_node *article);
/* Link NODE as the last child of PARENT. */
void tc_node_append(tc_node *parent, tc_node *node);
tc_node_kind tc_node_kind_from_name(const char *name);
const char *tc_source_relation_name(tc_source_relation relation);
const char *tc_scope_name(tc_scope scope);

/* ---- loading ---- */

/* Kinds of problems a loader reports (the summary counts them). */
typedef enum tc_problem_kind {
	TC_PROBLEM_IO,          /* unreadable file */
	TC_PROBLEM_ZSTD,        /* truncated or corrupt .zst */
	TC_PROBLEM_ENCODING,    /* not UTF-8 / converted from a legacy encoding */
	TC_PROBLEM_SYNTAX,      /* malformed HTML, JSON, TSV */
	TC_PROBLEM_NO_HEADER,   /* a document with no recognizable header */
	TC_PROBLEM_NO_BODY,     /* a document with no body text */
	TC_PROBLEM_NO_TEXT_LAYER, /* a PDF with no text layer (scanned?) */
	TC_PROBLEM_MISSING_FIELD, /* a required field absent */
	TC_PROBLEM_BINARY,      /* binary garbage */
	TC_PROBLEM_NOTE,        /* a source note that could not be parsed */
	TC_PROBLEM_DUPLICATE,   /* a repeated id */
	TC_PROBLEM_OTHER,
	TC_PROBLEM_KIND_COUNT
} tc_problem_kind;

const char *tc_problem_kind_name(tc_problem_kind kind);

typedef struct tc_problem {
	tc_problem_kind kind;
	int skipped;        /* the record was skipped (else loaded as far as it goes) */
	const char *path;   /* file */
	long line;          /* 1-based line, 0 if not known */
	long long offset;   /* byte offset, -1 if not known */
	const char *record; /* record id or anchor, NULL if not known */
	const char *message;
} tc_problem;

typedef int (*tc_record_fn)(void *ctx, const tc_record *record);
typedef void (*tc_problem_fn)(void *ctx, const tc_problem *problem);

typedef struct tc_load_summary {
	long long loaded;                /* records handed to the callback */
	long long skipped;               /* records skipped */
	long long problems[TC_PROBLEM_KIND_COUNT];
	long long files;                 /* files read */
	long long bytes;                 /* bytes read (uncompressed) */
	/* pháp điển only: the catalogue (chude.tsv, demuc.tsv) and its files */
	long long chude_listed;          /* chủ đề in chude.tsv */
	long long demuc_listed;          /* đề mục in demuc.tsv */
	long long demuc_missing;         /* listed, but no file (reported) */
	long long demuc_empty;           /* a file with no article */
} tc_load_summary;

typedef struct tc_load_options {
	tc_problem_fn problem_fn;        /* NULL: problems go to stderr */
	void *problem_ctx;
	int progress;                    /* show progress on stderr (only if a TTY) */
	int emit_source_docs;            /* pháp điển: also emit TC_RECORD_SOURCE_DOC records at the end */
} tc_load_options;

/* Load every record under PATH, detecting its kind:
 *  - a pháp điển folder (chude.tsv, demuc.tsv, demuc/<GUID>.html[.zst]);
 *  - a Công báo folder (docs/<source>/<id>.txt + .json) or one source folder;
 *  - a single document text (.txt) or PDF (.pdf, through pdftotext);
 *  - a JSONL interchange file (.jsonl[.zst]);
 *  - an ALQAC law.json.
 * Calls RECORD_FN for each record (return non-zero to stop: TC_ERR_ABORTED).
 * SUMMARY (may be NULL) is added to, not reset. Returns TC_OK even when
 * records were skipped; an error only when PATH itself cannot be read or
 * its kind cannot be told. */
tc_status tc_corpus_load(const char *path, const tc_load_options *options, tc_record_fn record_fn,
                         void *ctx, tc_load_summary *summary, tc_error *err);

/* ---- one document in memory (a draft to check) ----
 * The same parsers as the loaders, on bytes the caller holds, with no file
 * and no callback: what `tracuu check` reads. Every string and node of
 * *RECORD comes from ARENA (valid until it is reset or freed), node paths
 * are set as a loader sets them. Thread-safe with one arena per thread. */

/* Parse LEN bytes of TEXT (any bytes) as the plain text of one document,
 * as the Công báo and text loaders do: the header when there is one, the
 * body tree (Phần … Điều, Khoản, Điểm; annexes). FILE_ID names a document
 * with no number ("draft" → id "text/draft"). TC_ERR_INPUT, *RECORD NULL,
 * when the bytes are no document (a binary file, no text); TC_ERR_NOMEM. */
tc_status tc_record_parse_text(tc_arena *arena, const char *text, size_t len, const char *file_id,
                               tc_record **record, tc_error *err);

/* Parse one line of the JSONL interchange format (below) into *RECORD.
 * TC_ERR_INPUT with the reason (invalid JSON at column N, a missing or
 * mistyped field) when it is no record; a field of the wrong type that the
 * loader would ignore is an error here too. */
tc_status tc_record_parse_jsonl(tc_arena *arena, const char *line, size_t len, tc_record **record,
                                tc_error *err);

/* ---- JSONL interchange (corpus/README.md documents the format) ---- */

/* Write RECORD as one JSON line (ending in "\n") to OUT. */
tc_status tc_record_write_jsonl(const tc_record *record, FILE *out, tc_error *err);

/* ---- statistics (stats.c) ---- */

/* Metadata fields whose fill rate `tracuu corpus stats` reports. */
typedef enum tc_stats_field {
	TC_FIELD_DOC_NUMBER,
	TC_FIELD_TYPE,
	TC_FIELD_ISSUER,
	TC_FIELD_SCOPE,
	TC_FIELD_PROVINCE, /* share of local records (scope local) that name it */
	TC_FIELD_SIGNER,
	TC_FIELD_PLACE,
	TC_FIELD_ISSUE_DATE,
	TC_FIELD_EFFECTIVE_DATE,
	TC_FIELD_EXPIRY_DATE,
	TC_FIELD_VALIDITY,
	TC_FIELD_FIELD,
	TC_FIELD_TITLE,
	TC_FIELD_SOURCE_URL,
	TC_FIELD_BODY, /* a body with some text */
	TC_FIELD_COUNT
} tc_stats_field;

const char *tc_stats_field_name(tc_stats_field field); /* "doc_number", "type", ... */

/* Figures for the records of one source (records with one source_name). */
typedef struct tc_source_stats {
	char name[64];            /* source_name */
	long long records;
	long long documents, codified, source_docs; /* by record kind */
	long long provisions;     /* Điều nodes; a codified article counts as one */
	long long nodes;          /* body nodes of every kind */
	long long annexes, notes; /* Phụ lục and note nodes */
	long long field_filled[TC_FIELD_COUNT]; /* records that have the field */
	long long local_records;  /* records with scope local (the base of TC_FIELD_PROVINCE) */
	/* documents and source documents by where their effective date and
	 * title came from; [TC_FROM_NONE] counts those without one */
	long long effective_from[TC_FROM_COUNT];
	long long title_from[TC_FROM_COUNT];
	/* codified articles (pháp điển) */
	long long chude, demuc;   /* distinct chủ đề and đề mục that have articles */
	long long with_note;      /* articles with a source note */
	/* notes whose first (original) link has a document number, a type and
	 * the effective date (every note states it) */
	long long note_parsed;
	long long note_with_number; /* ... with at least a document number */
	/* ... whose first link has an issue date: its own long note, or the long
	 * note of the same document elsewhere (short notes carry none; for
	 * documents whose long note is in no stored file it stays unknown) */
	long long note_with_issue_date;
	long long multi_link;     /* notes with several links (amendment chains) */
	long long links_by_relation[4]; /* tc_source_relation */
	long long cross_refs;
	long long distinct_source_docs; /* distinct normalized numbers in the links */
} tc_source_stats;

typedef struct tc_corpus_stats {
	tc_source_stats *sources; /* in order of first appearance */
	size_t source_count;
	tc_load_summary summary;
	double seconds;           /* wall time of the load */
} tc_corpus_stats;

/* Load PATH (as tc_corpus_load, OPTIONS may be NULL) and fill STATS (zero it
 * first; free with tc_corpus_stats_free). Returns tc_corpus_load's status. */
tc_status tc_corpus_stats_compute(const char *path, const tc_load_options *options, tc_corpus_stats *stats,
                                  tc_error *err);
void tc_corpus_stats_free(tc_corpus_stats *stats);
/* Print STATS for PATH to OUT as text, or as one JSON object. */
void tc_corpus_stats_print(const char *path, const tc_corpus_stats *stats, int json, FILE *out);

/* ---- reading files ---- */

/* Read a whole file, decompressing it when its name ends in .zst or it
 * starts with the zstd magic number. On success *DATA (free with tc_free)
 * holds *LEN bytes plus a NUL. */
tc_status tc_read_file(const char *path, char **data, size_t *len, tc_error *err);

/* A streaming line reader over a plain or .zst file. */
typedef struct tc_line_reader tc_line_reader;
tc_status tc_line_reader_open(const char *path, tc_line_reader **reader, tc_error *err);
/* Next line without its "\n" / "\r\n": returns 1 with *LINE and *LEN set, 0 at
 * the end, -1 on error (ERR filled: corrupt .zst, I/O). */
int tc_line_reader_next(tc_line_reader *reader, const char **line, size_t *len, tc_error *err);
long tc_line_reader_line_number(const tc_line_reader *reader);
void tc_line_reader_close(tc_line_reader *reader);

#ifdef __cplusplus
}
#endif

#endif
