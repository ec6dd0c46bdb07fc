/* corpus-private.h - what the corpus loaders share; not for other modules. */
#ifndef TC_CORPUS_PRIVATE_H
#define TC_CORPUS_PRIVATE_H

#include "corpus.h"
#include "analyzer.h"

/* The state of one tc_corpus_load call, handed to each loader. */
typedef struct tc_loader {
	const tc_load_options *options;
	tc_record_fn record_fn;
	void *record_ctx;
	tc_load_summary *summary;
	/* Per-record scratch: every string and node of a record comes from here;
	 * reset after each record is delivered. */
	tc_arena *arena;
	/* For document-number normalization and text cleanup. */
	tc_analyzer *analyzer;
	int stopped; /* the record callback asked to stop */
	int nomem;   /* ... or memory ran out before it (tc__deliver) */
	/* Progress on stderr (load.c): only when asked and stderr is a TTY. */
	int show_progress;
	int progress_shown; /* a progress line is on screen (cleared before a problem is printed) */
	double start_time;
	double last_progress;
	long long delivered;
	long long files_total;   /* input files under the path (for the ETA), 0 if unknown */
	long long files_at_start; /* summary->files when this load began */
} tc_loader;

/* The key of a document number: the analyzer's normalized form
 * ("52/2015/nđ-cp") when it recognizes one, else the number lowercased
 * without spaces (phapdien.c). Returns 0, or -1 when nothing is left. */
int tc__doc_number_key(const char *number, tc_buf *out);

/* tc_read_file into BUF (replacing its content, keeping its memory for the
 * next file): plain or zstd (read.c). */
tc_status tc__read_file_into(const char *path, tc_buf *buf, tc_error *err);

/* Whether PATH starts with the zstd magic number (read.c). */
int tc__file_is_zstd(const char *path);

/* Report a problem (and count it in the summary); FMT is the message. */
void tc__report(tc_loader *loader, tc_problem_kind kind, int skipped, const char *path, long line,
                long long offset, const char *record, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

/* Hand RECORD to the caller, count it, and reset the arena. Returns 0 to go
 * on, non-zero when the caller asked to stop (loader->stopped is then set). */
int tc__deliver(tc_loader *loader, tc_record *record);
/* Give every node of RECORD's body a path unique in the record: its own
 * (kept), or tc_provision_path's, with "~2", "~3" appended to a repeat.
 * tc__deliver does it for every loader. Returns 0, or -1 when memory runs
 * out. */
int tc__record_assign_paths(tc_arena *arena, tc_record *record);

/* A new node from the loader's arena, appended to PARENT (may be NULL). */
tc_node *tc__node_new(tc_loader *loader, tc_node *parent, tc_node_kind kind);

/* Split TEXT (LEN bytes; paragraphs separated by "\n", hard-wrapped lines
 * already joined) into provisions appended under PARENT, nodes and strings
 * from loader->arena (corpus/textdoc.c):
 *  Phần ("Phần thứ nhất", "PHẦN THỨ HAI") > Chương ("Chương I", "CHƯƠNG I",
 *  "Chương 1:") > Mục > Tiểu mục > Điều ("Điều 5.", "Điều 5a.", "Điều 1")
 *  > Khoản ("1.") > Điểm ("a)", "đ)"), and Phụ lục ("PHỤ LỤC I" + title) and
 *  "QUY ĐỊNH (Ban hành kèm theo ...)" blocks as TC_NODE_ANNEX subtrees.
 * Text that belongs to no unit stays in PARENT's text. With
 * TC_STRUCTURE_ARTICLE_BODY, only Khoản and Điểm are recognized (an article
 * body under an existing article node, e.g. from the pháp điển loader).
 * Returns the number of Điều nodes made (0 is fine), or -1 when memory runs
 * out. Node paths are not set (the caller sets them once the id is known). */
#define TC_STRUCTURE_ARTICLE_BODY 1u
long tc__parse_structure(tc_loader *loader, tc_node *parent, const char *text, size_t len, unsigned flags);

/* ---- broken HTML to text (html.c), for the pháp điển export ---- */

#define TC_HTML_MAX_LINKS 512
#define TC_HTML_MAX_FOOTNOTES 128

/* A link met in the walk: its text is raw[start, end); pointers go into the
 * walked input. */
typedef struct tc_html_link {
	size_t start, end;
	const char *href;
	size_t href_len;
	const char *name; /* <a name=...> */
	size_t name_len;
	const char *anchor; /* from onclick="ViewNoiDungPhapDien('...')" */
	size_t anchor_len;
} tc_html_link;

/* Reusable state of the walk; zero-initialise, free with tc__html_free. */
typedef struct tc_html {
	tc_buf raw; /* text with "\n" for block breaks, " | " between cells; not yet cleaned */
	tc_html_link links[TC_HTML_MAX_LINKS];
	size_t link_count, links_dropped;
	struct {
		size_t start; /* where the footnote's text starts in raw (Word's <a name="_ftnN">) */
		int number;
	} footnotes[TC_HTML_MAX_FOOTNOTES];
	size_t footnote_count;
	int cell_open, cells_in_row, link_open;
	long broken_tags; /* "<p1." and the like */
	void *u16a, *u16b; /* UTF-16 scratch for NFC */
	size_t u16_cap;
} tc_html;

/* Walk N bytes of HTML into H->raw (replacing it), recording links and
 * footnote starts. Returns 0, or -1 when memory runs out before any text
 * (later memory errors only shorten the text). */
int tc__html_walk(tc_html *h, const char *s, size_t n);
/* Append the clean text of S[0..N) to OUT: zero-width characters and soft
 * hyphens dropped, spaces unified and collapsed, lines trimmed, empty lines
 * dropped (with KEEP_LINES; else every line break is a space), NFC. Returns
 * 0, or -1 when memory runs out. */
int tc__html_clean(tc_html *h, const char *s, size_t n, int keep_lines, tc_buf *out);
void tc__html_free(tc_html *h);

/* The loaders, one per source kind (corpus.h, tc_corpus_load). Each returns
 * TC_OK unless PATH itself cannot be read. */
tc_status tc__load_phapdien(tc_loader *loader, const char *dir, tc_error *err);
tc_status tc__load_congbao(tc_loader *loader, const char *dir, tc_error *err);
tc_status tc__load_text_document(tc_loader *loader, const char *path, const char *source_name, tc_error *err);
tc_status tc__load_pdf(tc_loader *loader, const char *path, tc_error *err);
tc_status tc__load_jsonl(tc_loader *loader, const char *path, tc_error *err);
tc_status tc__load_alqac(tc_loader *loader, const char *path, tc_error *err);

#endif
