/* pdf.c - a PDF document through poppler's pdftotext into the text
 * pipeline (textdoc.c). A PDF whose text is empty or only a digital
 * signature stamp has no text layer (a scan): it is reported as such, not
 * loaded as an empty document. */
#include <string.h>

#include "textdoc.h"

/* Letters outside the signature stamp: a scanned PDF has none. */
static int has_text_layer(const tc_textdoc *doc)
{
	if (doc->skip)
		return 0;
	if (doc->article_count || doc->has_header)
		return 1;
	const tc_node *root = doc->record.body;
	size_t words = 0;
	for (const char *q = root && root->text ? root->text : ""; *q; q++)
		words += *q == ' ';
	return words >= 30 || (root && root->first_child);
}

static int load_one(tc_loader *loader, const char *path, void *ids, tc_error *err)
{
	char *text = NULL;
	size_t len = 0;
	tc_status st = tc__pdf_extract_text(path, &text, &len, err);
	if (st != TC_OK)
		return -1;
	loader->summary->files++;
	loader->summary->bytes += (long long)len;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	const char *id = tc_arena_strndup(loader->arena, base, dot ? (size_t)(dot - base) : strlen(base));
	tc_textdoc doc;
	st = tc__textdoc_parse(loader->arena, text, len, "pdf", id, path, NULL, &doc, err);
	tc_free(text);
	if (st != TC_OK)
		return -1;
	if (!has_text_layer(&doc)) {
		tc__report(loader, TC_PROBLEM_NO_TEXT_LAYER, 1, path, 0, -1, NULL,
		           "no text layer (scanned?): pdftotext found no text but a signature stamp; "
		           "OCR the PDF first");
		tc_arena_reset(loader->arena);
		return 0;
	}
	for (size_t k = 0; k < doc.problem_count; k++)
		tc__report(loader, doc.problems[k].kind, doc.problems[k].skipped, path, doc.problems[k].line,
		           -1, doc.record.id, "%s", doc.problems[k].message);
	if (doc.skip) {
		tc_arena_reset(loader->arena);
		return 0;
	}
	/* the Công báo folder's PDFs repeat documents of its docs/: one record per id */
	if (ids && tc__congbao_id_seen(ids, doc.record.id) == 1) {
		tc__report(loader, TC_PROBLEM_DUPLICATE, 1, path, 0, -1, doc.record.id,
		           "document %s was already loaded from its text; this PDF is skipped",
		           doc.record.id);
		tc_arena_reset(loader->arena);
		return 0;
	}
	return tc__deliver(loader, &doc.record) ? 1 : 0;
}

int tc__congbao_load_pdf_file(tc_loader *loader, const char *path, void *ids)
{
	tc_error err = {0};
	int rc = load_one(loader, path, ids, &err);
	if (rc < 0) {
		tc__report(loader, err.code == TC_ERR_NOT_FOUND ? TC_PROBLEM_IO : TC_PROBLEM_SYNTAX, 1, path,
		           0, -1, NULL, "%s", err.message);
		tc_arena_reset(loader->arena);
		return 0;
	}
	return rc;
}

tc_status tc__load_pdf(tc_loader *loader, const char *path, tc_error *err)
{
	int rc = load_one(loader, path, NULL, err);
	if (rc < 0) {
		tc_arena_reset(loader->arena);
		/* a missing pdftotext is an error of the run, not of the file */
		if (err->code == TC_ERR_NOT_FOUND)
			return err->code;
		tc__report(loader, TC_PROBLEM_SYNTAX, 1, path, 0, -1, NULL, "%s", err->message);
		return TC_OK;
	}
	if (rc > 0)
		loader->stopped = 1;
	return TC_OK;
}
