/* textdoc.h - the plain-text legal document parser behind the Công báo,
 * plain-text and PDF loaders (private to the corpus module).
 *
 * The parser is pure: it turns a text buffer into a tc_record whose strings
 * and nodes all come from a caller-given arena, and returns the problems it
 * found instead of reporting them, so that it can be tested, fuzzed and
 * reused without a loader (the loaders in congbao.c and pdf.c report and
 * deliver). Not thread-safe per arena; separate arenas may parse at once. */
#ifndef TC_TEXTDOC_H
#define TC_TEXTDOC_H

#include "corpus-private.h"

/* Metadata from the source's own .json, a HINT only: the text's header is
 * the authority, and a hint fills a field only where the text has none. */
typedef struct tc_textdoc_hint {
	const char *doc_number;
	const char *type_name; /* "Nghị định", "VB HN", "NQ" ... */
	const char *issuer;
	const char *signer;
	const char *title;
	const char *source_url;
	tc_date issue_date;
	tc_date effective_date;
} tc_textdoc_hint;

/* Which fields of the record came from the hint, not from the text. */
enum {
	TC_TEXTDOC_HINT_NUMBER = 1 << 0,
	TC_TEXTDOC_HINT_TYPE = 1 << 1,
	TC_TEXTDOC_HINT_ISSUER = 1 << 2,
	TC_TEXTDOC_HINT_DATE = 1 << 3,
	TC_TEXTDOC_HINT_SIGNER = 1 << 4,
	TC_TEXTDOC_HINT_TITLE = 1 << 5,
};

typedef struct tc_textdoc_problem {
	tc_problem_kind kind;
	int skipped;
	long line; /* 1-based line of the input, 0 if none */
	const char *message;
} tc_textdoc_problem;

#define TC_TEXTDOC_MAX_PROBLEMS 8

typedef struct tc_textdoc {
	tc_record record;
	int has_header;       /* a header (number, date or type line) was recognized in the text */
	int skip;             /* not a document (binary garbage, no text): do not deliver */
	unsigned from_hint;   /* TC_TEXTDOC_HINT_* */
	size_t article_count; /* Điều nodes in the body */
	size_t note_count;
	size_t problem_count;
	tc_textdoc_problem problems[TC_TEXTDOC_MAX_PROBLEMS];
} tc_textdoc;

/* Parse LEN bytes of TEXT (any bytes) into OUT->record. SOURCE_NAME and
 * FILE_ID (the file name without extension) make the id of a document with
 * no number; PATH is recorded as source_path; HINT may be NULL. Every string
 * and node comes from ARENA. Returns TC_OK (problems are in OUT), or
 * TC_ERR_NOMEM. */
tc_status tc__textdoc_parse(tc_arena *arena, const char *text, size_t len, const char *source_name,
                            const char *file_id, const char *path, const tc_textdoc_hint *hint,
                            tc_textdoc *out, tc_error *err);

/* Read a source's .json (any of the six sources' field names) into HINT;
 * strings from ARENA. Returns 0, or -1 when JSON is not valid JSON. */
int tc__textdoc_hint_from_json(tc_arena *arena, const char *json, size_t len, tc_textdoc_hint *hint);

/* Split TEXT (paragraphs separated by "\n") into provisions under PARENT;
 * nodes from ARENA. FLAGS: TC_STRUCTURE_ARTICLE_BODY (corpus-private.h).
 * Returns the number of Điều nodes made, or -1 when memory runs out. */
long tc__textdoc_structure(tc_arena *arena, tc_node *parent, const char *text, size_t len, unsigned flags);


/* Run pdftotext on PATH and return its text (free with tc_free). Returns
 * TC_ERR_NOT_FOUND when pdftotext is not installed (message names
 * poppler-utils), TC_ERR_INPUT when it fails on the file. */
tc_status tc__pdf_extract_text(const char *path, char **text, size_t *len, tc_error *err);

/* Load one PDF of a Công báo folder (pdf.c): problems are reported, a
 * missing pdftotext included; IDS (the folder's id set, may be NULL) makes
 * a PDF whose document was already loaded from its text a duplicate.
 * Returns non-zero when the caller asked to stop. */
int tc__congbao_load_pdf_file(tc_loader *loader, const char *path, void *ids);

/* Add ID to IDS (congbao.c): 0 when new, 1 when already there, -1 when
 * memory runs out. */
int tc__congbao_id_seen(void *ids, const char *id);

#endif
