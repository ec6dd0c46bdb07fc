/* congbao.c - the Công báo folder loader and the one-text-document loader.
 *
 * A Công báo folder holds docs/<source>/<id>.txt (one document's text) with
 * <id>.json (that source's metadata: a hint, see textdoc.h) and, perhaps,
 * pdf-samples/NAME.pdf (read through pdftotext, pdf.c). Files are read in name
 * order so that runs are reproducible. A repeated id (the same document
 * from two sources) is reported and the later copy skipped. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "textdoc.h"

/* Ids already delivered in this load, to report duplicates. */
typedef struct id_set {
	char **v;
	size_t count, cap;
} id_set;

static int id_set_add(id_set *set, const char *id)
{
	for (size_t i = 0; i < set->count; i++)
		if (strcmp(set->v[i], id) == 0)
			return 1;
	if (set->count == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 64;
		char **v = tc_realloc(set->v, cap * sizeof *v);
		if (!v)
			return -1;
		set->v = v;
		set->cap = cap;
	}
	char *copy = tc_strdup(id);
	if (!copy)
		return -1;
	set->v[set->count++] = copy;
	return 0;
}

int tc__congbao_id_seen(void *ids, const char *id)
{
	return id_set_add(ids, id);
}

static void id_set_free(id_set *set)
{
	for (size_t i = 0; i < set->count; i++)
		tc_free(set->v[i]);
	tc_free(set->v);
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int name_order(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* The file name without folder and extension. */
static const char *file_id(tc_arena *arena, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	return tc_arena_strndup(arena, base, dot ? (size_t)(dot - base) : strlen(base));
}

/* Report a parsed document's problems, then deliver it unless it is to be
 * skipped or repeats an id (IDS may be NULL). Returns non-zero to stop. */
static int report_and_deliver(tc_loader *loader, tc_textdoc *doc, const char *path, id_set *ids)
{
	for (size_t k = 0; k < doc->problem_count; k++) {
		const tc_textdoc_problem *pr = &doc->problems[k];
		tc__report(loader, pr->kind, pr->skipped, path, pr->line, -1, doc->record.id, "%s",
		           pr->message);
	}
	if (doc->skip) {
		tc_arena_reset(loader->arena);
		return 0;
	}
	if (ids) {
		int seen = id_set_add(ids, doc->record.id);
		if (seen == 1) {
			tc__report(loader, TC_PROBLEM_DUPLICATE, 1, path, 0, -1, doc->record.id,
			           "document %s was already loaded from another file; this copy is skipped",
			           doc->record.id);
			tc_arena_reset(loader->arena);
			return 0;
		}
	}
	return tc__deliver(loader, &doc->record);
}

static int load_text_file(tc_loader *loader, const char *path, const char *source_name, id_set *ids)
{
	char *text = NULL, *json = NULL;
	size_t len = 0, json_len = 0;
	tc_error err = {0};
	if (tc_read_file(path, &text, &len, &err) != TC_OK) {
		tc__report(loader, TC_PROBLEM_IO, 1, path, 0, -1, NULL, "%s", err.message);
		return 0;
	}
	loader->summary->files++;
	loader->summary->bytes += (long long)len;
	tc_textdoc_hint hint, *hintp = NULL;
	/* the sibling .json: the source's metadata, a hint only */
	tc_buf jp = {0};
	const char *json_path = NULL;
	if (has_suffix(path, ".txt") && tc_buf_append(&jp, path, strlen(path) - 4) == 0 &&
	    tc_buf_append_str(&jp, ".json") == 0)
		json_path = tc_arena_strdup(loader->arena, jp.data);
	tc_buf_free(&jp);
	if (json_path && access(json_path, R_OK) == 0) {
		tc_error jerr = {0};
		if (tc_read_file(json_path, &json, &json_len, &jerr) == TC_OK) {
			loader->summary->files++;
			loader->summary->bytes += (long long)json_len;
			if (tc__textdoc_hint_from_json(loader->arena, json, json_len, &hint) == 0)
				hintp = &hint;
			else
				tc__report(
				        loader, TC_PROBLEM_SYNTAX, 0, json_path, 0, -1, NULL,
				        "not valid JSON: the metadata hint is ignored, the text is loaded");
		}
	}
	tc_textdoc doc;
	tc_status st = tc__textdoc_parse(loader->arena, text, len, source_name, file_id(loader->arena, path),
	                                 path, hintp, &doc, &err);
	tc_free(text);
	tc_free(json);
	if (st != TC_OK) {
		tc__report(loader, TC_PROBLEM_OTHER, 1, path, 0, -1, NULL, "%s", err.message);
		tc_arena_reset(loader->arena);
		return 0;
	}
	return report_and_deliver(loader, &doc, path, ids);
}

tc_status tc__load_text_document(tc_loader *loader, const char *path, const char *source_name, tc_error *err)
{
	if (access(path, R_OK) != 0)
		return tc_error_set(err, TC_ERR_IO, "%s: cannot read the document", path);
	if (load_text_file(loader, path, source_name ? source_name : "text", NULL))
		loader->stopped = 1;
	return TC_OK;
}

static int load_source(tc_loader *loader, const char *dir, const char *source_name, id_set *ids)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, NULL, name_order);
	if (n < 0) {
		tc__report(loader, TC_PROBLEM_IO, 1, dir, 0, -1, NULL, "cannot list the folder");
		return 0;
	}
	int stop = 0;
	for (int i = 0; i < n; i++) {
		if (!stop && has_suffix(names[i]->d_name, ".txt")) {
			char *path = tc_arena_printf(loader->arena, "%s/%s", dir, names[i]->d_name);
			char *copy = path ? tc_strdup(path) : NULL; /* the arena is reset per record */
			if (copy) {
				stop = load_text_file(loader, copy, source_name, ids) != 0;
				tc_free(copy);
			}
		}
		free(names[i]);
	}
	free(names);
	return stop;
}

static int load_pdfs(tc_loader *loader, const char *dir, id_set *ids)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, NULL, name_order);
	if (n < 0)
		return 0;
	int stop = 0;
	for (int i = 0; i < n; i++) {
		if (!stop && has_suffix(names[i]->d_name, ".pdf")) {
			size_t len = strlen(dir) + strlen(names[i]->d_name) + 2;
			char *path = tc_malloc(len);
			if (path) {
				snprintf(path, len, "%s/%s", dir, names[i]->d_name);
				stop = tc__congbao_load_pdf_file(loader, path, ids) != 0;
				tc_free(path);
			}
		}
		free(names[i]);
	}
	free(names);
	return stop;
}

tc_status tc__load_congbao(tc_loader *loader, const char *dir, tc_error *err)
{
	if (!is_dir(dir))
		return tc_error_set(err, TC_ERR_IO, "%s: not a folder", dir);
	id_set ids = {0};
	size_t dl = strlen(dir) + 64;
	char *docs = tc_malloc(dl), *pdfs = tc_malloc(dl);
	if (!docs || !pdfs) {
		tc_free(docs);
		tc_free(pdfs);
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	}
	snprintf(docs, dl, "%s/docs", dir);
	snprintf(pdfs, dl, "%s/pdf-samples", dir);
	int stop = 0;
	if (is_dir(docs)) {
		struct dirent **names = NULL;
		int n = scandir(docs, &names, NULL, name_order);
		for (int i = 0; i < n; i++) {
			if (!stop && names[i]->d_name[0] != '.') {
				size_t len = strlen(docs) + strlen(names[i]->d_name) + 2;
				char *sub = tc_malloc(len);
				if (sub) {
					snprintf(sub, len, "%s/%s", docs, names[i]->d_name);
					if (is_dir(sub))
						stop = load_source(loader, sub, names[i]->d_name, &ids);
					tc_free(sub);
				}
			}
			free(names[i]);
		}
		free(names);
	} else {
		/* one source folder: its name is the source name */
		const char *base = strrchr(dir, '/');
		char *name = tc_strdup(base && base[1] ? base + 1 : dir);
		if (name) {
			size_t nl = strlen(name);
			while (nl && name[nl - 1] == '/')
				name[--nl] = 0;
			stop = load_source(loader, dir, name, &ids);
			tc_free(name);
		}
	}
	if (!stop && is_dir(pdfs))
		stop = load_pdfs(loader, pdfs, &ids);
	if (stop)
		loader->stopped = 1;
	id_set_free(&ids);
	tc_free(docs);
	tc_free(pdfs);
	return TC_OK;
}
