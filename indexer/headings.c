/* headings.c - the codification's headings as records of their own.
 *
 * Every codified article a run indexes is noted here (its chủ đề, đề mục,
 * chapter, number and title); when the run ends, each đề mục and each chủ
 * đề becomes a record of the codified database that lists what it holds:
 * "đề mục thanh niên" then lands on the đề mục itself. A đề mục is keyed by
 * its GUID ("pd/demuc/<GUID>": numbers repeat in the export), a chủ đề by
 * its number ("pd/chude/36"). */
#include <stdlib.h>
#include <string.h>

#include "indexer-private.h"

typedef struct h_demuc {
	const char *guid, *number, *name, *chude_number, *chude_name, *origin;
	size_t articles;
} h_demuc;

typedef struct h_article {
	size_t demuc; /* index into demucs */
	long order;
	const char *chapter, *number, *title;
} h_article;

struct tc__headings {
	tc_arena *arena;
	h_demuc *demucs;
	size_t demuc_count, demuc_cap;
	h_article *articles;
	size_t article_count, article_cap;
	size_t last; /* the đề mục of the last article (they come a file at a time) */
};

tc__headings *tc__headings_new(void)
{
	tc__headings *h = tc_calloc(1, sizeof *h);
	if (h && !(h->arena = tc_arena_new(1 << 16))) {
		tc_free(h);
		return NULL;
	}
	return h;
}

void tc__headings_free(tc__headings *h)
{
	if (!h)
		return;
	tc_arena_free(h->arena);
	tc_free(h->demucs);
	tc_free(h->articles);
	tc_free(h);
}

static const char *keep(tc__headings *h, const char *s, int *failed)
{
	if (!s)
		return NULL;
	char *copy = tc_arena_strdup(h->arena, s);
	if (!copy)
		*failed = 1;
	return copy;
}

static int grow(void **items, size_t *cap, size_t count, size_t size)
{
	if (count < *cap)
		return 0;
	size_t n = *cap ? *cap * 2 : 64;
	void *p = tc_realloc(*items, n * size);
	if (!p)
		return -1;
	*items = p;
	*cap = n;
	return 0;
}

int tc__headings_add(tc__headings *h, const tc_record *record)
{
	const tc_codified *cod = record->codified;
	if (!cod || !cod->demuc_id || !*cod->demuc_id || !cod->demuc_number || !cod->chude_number)
		return 0;
	int failed = 0;
	size_t d = h->last;
	if (d >= h->demuc_count || strcmp(h->demucs[d].guid, cod->demuc_id)) {
		for (d = 0; d < h->demuc_count && strcmp(h->demucs[d].guid, cod->demuc_id); d++)
			;
		if (d == h->demuc_count) {
			if (grow((void **)&h->demucs, &h->demuc_cap, h->demuc_count, sizeof *h->demucs) < 0)
				return -1;
			h_demuc *n = &h->demucs[h->demuc_count++];
			*n = (h_demuc){
			        .guid = keep(h, cod->demuc_id, &failed),
			        .number = keep(h, cod->demuc_number, &failed),
			        .name = keep(h, cod->demuc_name ? cod->demuc_name : "", &failed),
			        .chude_number = keep(h, cod->chude_number, &failed),
			        .chude_name = keep(h, cod->chude_name ? cod->chude_name : "", &failed),
			        .origin = keep(h, record->source_name ? record->source_name : "", &failed),
			};
		}
		h->last = d;
	}
	if (grow((void **)&h->articles, &h->article_cap, h->article_count, sizeof *h->articles) < 0)
		return -1;
	h->articles[h->article_count++] = (h_article){
	        .demuc = d,
	        .order = cod->order,
	        .chapter = keep(h, cod->chapter, &failed),
	        .number = keep(h, cod->article_number ? cod->article_number : "", &failed),
	        .title = keep(h, record->title ? record->title : "", &failed),
	};
	h->demucs[d].articles++;
	return failed ? -1 : 0;
}

/* chủ đề by number ("2" before "10"), then đề mục by number, then the
 * export's order */
static int number_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			char *ea, *eb;
			long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);
			if (x != y)
				return x < y ? -1 : 1;
			a = ea;
			b = eb;
		} else if (*a != *b) {
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		} else {
			a++, b++;
		}
	}
	return *a ? 1 : *b ? -1 : 0;
}

static const tc__headings *sorting;

static int demuc_cmp(size_t a, size_t b)
{
	const h_demuc *x = &sorting->demucs[a], *y = &sorting->demucs[b];
	int c = number_cmp(x->chude_number, y->chude_number);
	if (!c)
		c = number_cmp(x->number, y->number);
	if (!c)
		c = strcmp(x->guid, y->guid);
	return c;
}

static int article_cmp(const void *pa, const void *pb)
{
	const h_article *a = pa, *b = pb;
	if (a->demuc != b->demuc) {
		int c = demuc_cmp(a->demuc, b->demuc);
		return c ? c : a->demuc < b->demuc ? -1 : 1;
	}
	return a->order < b->order ? -1 : a->order > b->order;
}

static json_t *codified_of(const h_demuc *d, int with_demuc)
{
	json_t *cod = json_pack("{s:s, s:s}", "chude_number", d->chude_number, "chude_name", d->chude_name);
	if (cod && with_demuc) {
		json_object_set_new(cod, "demuc_id", json_string(d->guid));
		json_object_set_new(cod, "demuc_number", json_string(d->number));
		json_object_set_new(cod, "demuc_name", json_string(d->name));
	}
	return cod;
}

tc_status tc__headings_each(tc__headings *h, tc__heading_fn fn, void *ctx, tc_error *err)
{
	if (!h->article_count)
		return TC_OK;
	sorting = h;
	qsort(h->articles, h->article_count, sizeof *h->articles, article_cmp);
	sorting = NULL;
	tc_status st = TC_OK;
	tc_buf text = {0}, chude_text = {0}, id = {0}, heading = {0};
	size_t chude_demucs = 0;
	int nomem = 0;
	for (size_t i = 0; i < h->article_count && st == TC_OK;) {
		const h_demuc *d = &h->demucs[h->articles[i].demuc];
		/* the đề mục: its chapters and articles, in order */
		tc_buf_reset(&text);
		const char *chapter = NULL;
		size_t j = i;
		for (; j < h->article_count && h->articles[j].demuc == h->articles[i].demuc; j++) {
			const h_article *a = &h->articles[j];
			if (a->chapter && (!chapter || strcmp(chapter, a->chapter))) {
				chapter = a->chapter;
				nomem |= tc_buf_printf(&text, "%s\n", chapter) < 0;
			}
			nomem |= tc_buf_printf(&text, "Điều %s. %s\n", a->number, a->title) < 0;
		}
		tc_buf_reset(&id);
		nomem |= tc_buf_printf(&id, "pd/demuc/%s", d->guid) < 0;
		tc_buf_reset(&heading);
		nomem |= tc_buf_printf(&heading, "Đề mục %s %s", d->number, d->name) < 0;
		json_t *json = json_pack("{s:s, s:s, s:s, s:s, s:o, s:i, s:s%}", "id", id.data, "kind", "demuc", "title",
		                         d->name, "number", d->number, "codified", codified_of(d, 1), "articles",
		                         (json_int_t)(j - i), "text", text.data ? text.data : "", text.len);
		if (!json || nomem) {
			json_decref(json);
			st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
			break;
		}
		tc__heading entry = {.id = id.data, .json = json, .heading = heading.data, .origin = d->origin,
		                     .kind = "Đề mục", .number = d->number, .name = d->name};
		st = fn(ctx, &entry, err);
		json_decref(json);
		/* the chủ đề, after its last đề mục */
		nomem |= tc_buf_printf(&chude_text, "Đề mục %s %s\n", d->number, d->name) < 0;
		chude_demucs++;
		const h_demuc *next = j < h->article_count ? &h->demucs[h->articles[j].demuc] : NULL;
		if (st == TC_OK && (!next || strcmp(next->chude_number, d->chude_number))) {
			tc_buf_reset(&id);
			nomem |= tc_buf_printf(&id, "pd/chude/%s", d->chude_number) < 0;
			tc_buf_reset(&heading);
			nomem |= tc_buf_printf(&heading, "Chủ đề %s %s", d->chude_number, d->chude_name) < 0;
			json = json_pack("{s:s, s:s, s:s, s:s, s:o, s:i, s:s%}", "id", id.data, "kind", "chude", "title",
			                 d->chude_name, "number", d->chude_number, "codified", codified_of(d, 0),
			                 "demuc", (json_int_t)chude_demucs, "text",
			                 chude_text.data ? chude_text.data : "", chude_text.len);
			if (!json || nomem) {
				json_decref(json);
				st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
				break;
			}
			entry = (tc__heading){.id = id.data, .json = json, .heading = heading.data, .origin = d->origin,
			                      .kind = "Chủ đề", .number = d->chude_number, .name = d->chude_name};
			st = fn(ctx, &entry, err);
			json_decref(json);
			tc_buf_reset(&chude_text);
			chude_demucs = 0;
		}
		i = j;
	}
	tc_buf_free(&text);
	tc_buf_free(&chude_text);
	tc_buf_free(&id);
	tc_buf_free(&heading);
	return st;
}
