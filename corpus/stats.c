/* stats.c - figures about a load: per source, records, provisions,
 * metadata fill rates, and for the pháp điển the codification's own figures
 * (corpus.h, tc_corpus_stats_compute). Backs `tracuu corpus stats`. */
#include "corpus-private.h"

#include <string.h>
#include <time.h>

#include <jansson.h>

static const char *const field_names[TC_FIELD_COUNT] = {
        [TC_FIELD_DOC_NUMBER] = "doc_number",
        [TC_FIELD_TYPE] = "type",
        [TC_FIELD_ISSUER] = "issuer",
        [TC_FIELD_SCOPE] = "scope",
        [TC_FIELD_PROVINCE] = "province",
        [TC_FIELD_SIGNER] = "signer",
        [TC_FIELD_PLACE] = "place",
        [TC_FIELD_ISSUE_DATE] = "issue_date",
        [TC_FIELD_EFFECTIVE_DATE] = "effective_date",
        [TC_FIELD_EXPIRY_DATE] = "expiry_date",
        [TC_FIELD_VALIDITY] = "validity",
        [TC_FIELD_FIELD] = "field",
        [TC_FIELD_TITLE] = "title",
        [TC_FIELD_SOURCE_URL] = "source_url",
        [TC_FIELD_BODY] = "body",
};

const char *tc_stats_field_name(tc_stats_field field)
{
	return (unsigned)field < TC_FIELD_COUNT ? field_names[field] : "?";
}

/* A set of strings (distinct counts): open addressing. */
typedef struct strset {
	char **keys;
	size_t cap, count;
} strset;

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Add KEY; returns 1 when new, 0 when present, -1 on ENOMEM. */
static int strset_add(strset *s, const char *key)
{
	if ((s->count + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		char **keys = tc_calloc(cap, sizeof *keys);
		if (!keys)
			return -1;
		for (size_t i = 0; i < s->cap; i++)
			if (s->keys[i]) {
				size_t j = hash_str(s->keys[i]) & (cap - 1);
				while (keys[j])
					j = (j + 1) & (cap - 1);
				keys[j] = s->keys[i];
			}
		tc_free(s->keys);
		s->keys = keys;
		s->cap = cap;
	}
	size_t i = hash_str(key) & (s->cap - 1);
	while (s->keys[i]) {
		if (!strcmp(s->keys[i], key))
			return 0;
		i = (i + 1) & (s->cap - 1);
	}
	if (!(s->keys[i] = tc_strdup(key)))
		return -1;
	s->count++;
	return 1;
}

static void strset_free(strset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		tc_free(s->keys[i]);
	tc_free(s->keys);
	memset(s, 0, sizeof *s);
}

typedef struct source_sets {
	strset chude, demuc, docs;
} source_sets;

typedef struct stats_ctx {
	tc_corpus_stats *stats;
	source_sets *sets;
	tc_buf key;
	int nomem;
} stats_ctx;

static tc_source_stats *source_for(stats_ctx *c, const char *name)
{
	tc_corpus_stats *st = c->stats;
	if (!name)
		name = "?";
	for (size_t i = 0; i < st->source_count; i++)
		if (!strcmp(st->sources[i].name, name))
			return &st->sources[i];
	tc_source_stats *s = tc_realloc(st->sources, (st->source_count + 1) * sizeof *s);
	source_sets *sets = tc_realloc(c->sets, (st->source_count + 1) * sizeof *sets);
	if (s)
		st->sources = s;
	if (sets)
		c->sets = sets;
	if (!s || !sets)
		return NULL;
	s = &st->sources[st->source_count];
	memset(s, 0, sizeof *s);
	memset(&c->sets[st->source_count], 0, sizeof *c->sets);
	snprintf(s->name, sizeof s->name, "%s", name);
	st->source_count++;
	return s;
}

static void count_nodes(const tc_node *n, tc_source_stats *s, int *has_text)
{
	for (; n; n = n->next) {
		s->nodes++;
		if (n->kind == TC_NODE_ARTICLE)
			s->provisions++;
		else if (n->kind == TC_NODE_ANNEX)
			s->annexes++;
		else if (n->kind == TC_NODE_NOTE)
			s->notes++;
		if (n->text && n->text[0])
			*has_text = 1;
		count_nodes(n->first_child, s, has_text);
	}
}

static int on_record(void *ctx, const tc_record *r)
{
	stats_ctx *c = ctx;
	tc_source_stats *s = source_for(c, r->source_name);
	if (!s) {
		c->nomem = 1;
		return 1;
	}
	source_sets *sets = &c->sets[s - c->stats->sources];
	s->records++;
	if (r->kind == TC_RECORD_DOCUMENT)
		s->documents++;
	else if (r->kind == TC_RECORD_CODIFIED)
		s->codified++;
	else
		s->source_docs++;
	long long *f = s->field_filled;
	f[TC_FIELD_DOC_NUMBER] += r->doc_number && r->doc_number[0];
	f[TC_FIELD_TYPE] += r->type != TC_TYPE_UNKNOWN || (r->type_name && r->type_name[0]);
	f[TC_FIELD_ISSUER] += r->issuer && r->issuer[0];
	f[TC_FIELD_SCOPE] += r->scope != TC_SCOPE_UNKNOWN;
	if (r->scope == TC_SCOPE_LOCAL) {
		s->local_records++;
		f[TC_FIELD_PROVINCE] += r->province && r->province[0];
	}
	f[TC_FIELD_SIGNER] += r->signer && r->signer[0];
	f[TC_FIELD_PLACE] += r->place && r->place[0];
	f[TC_FIELD_ISSUE_DATE] += r->issue_date != 0;
	f[TC_FIELD_EFFECTIVE_DATE] += r->effective_date != 0;
	f[TC_FIELD_EXPIRY_DATE] += r->expiry_date != 0;
	f[TC_FIELD_VALIDITY] += r->validity != TC_VALIDITY_UNKNOWN;
	f[TC_FIELD_FIELD] += r->field && r->field[0];
	f[TC_FIELD_TITLE] += r->title && r->title[0];
	f[TC_FIELD_SOURCE_URL] += r->source_url && r->source_url[0];
	if (r->kind != TC_RECORD_CODIFIED) {
		/* a date or title whose loader does not say where it came from
		 * (JSONL, ALQAC) counts as the text's */
		s->effective_from[!r->effective_date  ? TC_FROM_NONE
		                  : r->effective_from ? r->effective_from
		                                      : TC_FROM_TEXT]++;
		s->title_from[!(r->title && r->title[0]) ? TC_FROM_NONE
		              : r->title_from            ? r->title_from
		                                         : TC_FROM_TEXT]++;
	}
	int has_text = 0;
	long long provisions_before = s->provisions;
	count_nodes(r->body, s, &has_text);
	f[TC_FIELD_BODY] += has_text;
	const tc_codified *cod = r->codified;
	if (cod) {
		/* a codified article is one provision, whatever its tree holds */
		s->provisions = provisions_before + 1;
		int rc = 0;
		if (cod->chude_number)
			rc |= strset_add(&sets->chude, cod->chude_number) < 0;
		if (cod->demuc_id)
			rc |= strset_add(&sets->demuc, cod->demuc_id) < 0;
		if (cod->note && cod->note[0])
			s->with_note++;
		if (cod->source_count > 1)
			s->multi_link++;
		if (cod->source_count) {
			const tc_source_link *l = &cod->sources[0];
			if (l->doc_number)
				s->note_with_number++;
			if (l->doc_number && l->doc_type != TC_TYPE_UNKNOWN && l->effective_date)
				s->note_parsed++;
			if (l->issue_date)
				s->note_with_issue_date++;
		}
		for (size_t i = 0; i < cod->source_count; i++) {
			const tc_source_link *l = &cod->sources[i];
			if ((unsigned)l->relation < 4)
				s->links_by_relation[l->relation]++;
			if (l->doc_number && tc__doc_number_key(l->doc_number, &c->key) == 0)
				rc |= strset_add(&sets->docs, c->key.data) < 0;
		}
		s->cross_refs += (long long)cod->cross_ref_count;
		s->chude = (long long)sets->chude.count;
		s->demuc = (long long)sets->demuc.count;
		s->distinct_source_docs = (long long)sets->docs.count;
		if (rc) {
			c->nomem = 1;
			return 1;
		}
	}
	return 0;
}

tc_status tc_corpus_stats_compute(const char *path, const tc_load_options *options, tc_corpus_stats *stats,
                                  tc_error *err)
{
	stats_ctx c = {stats, NULL, {0}, 0};
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	tc_status st = tc_corpus_load(path, options, on_record, &c, &stats->summary, err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	stats->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	for (size_t i = 0; c.sets && i < stats->source_count; i++) {
		strset_free(&c.sets[i].chude);
		strset_free(&c.sets[i].demuc);
		strset_free(&c.sets[i].docs);
	}
	tc_free(c.sets);
	tc_buf_free(&c.key);
	if (c.nomem)
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory computing statistics", path);
	return st;
}

void tc_corpus_stats_free(tc_corpus_stats *stats)
{
	tc_free(stats->sources);
	stats->sources = NULL;
	stats->source_count = 0;
}

static double pct(long long part, long long whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void print_text(const char *path, const tc_corpus_stats *st, FILE *out)
{
	const tc_load_summary *sum = &st->summary;
	fprintf(out, "%s\n", path);
	fprintf(out, "  files %lld, %.1f MB, %.2f s; records loaded %lld, skipped %lld\n", sum->files,
	        (double)sum->bytes / 1e6, st->seconds, sum->loaded, sum->skipped);
	if (sum->demuc_listed)
		fprintf(out,
		        "  catalogue: %lld chủ đề, %lld đề mục (%lld files missing, %lld files with no "
		        "article)\n",
		        sum->chude_listed, sum->demuc_listed, sum->demuc_missing, sum->demuc_empty);
	int any = 0;
	for (int k = 0; k < TC_PROBLEM_KIND_COUNT; k++)
		if (sum->problems[k]) {
			fprintf(out, "%s%s %lld",
			        any ? ", " : "  problems: ", tc_problem_kind_name((tc_problem_kind)k),
			        sum->problems[k]);
			any = 1;
		}
	if (any)
		fputc('\n', out);
	for (size_t i = 0; i < st->source_count; i++) {
		const tc_source_stats *s = &st->sources[i];
		fprintf(out,
		        "  source %s: %lld records (%lld documents, %lld codified articles, %lld source "
		        "documents)\n",
		        s->name, s->records, s->documents, s->codified, s->source_docs);
		fprintf(out, "    provisions (Điều) %lld, nodes %lld, annexes %lld, notes %lld\n",
		        s->provisions, s->nodes, s->annexes, s->notes);
		if (s->codified) {
			fprintf(out, "    chủ đề %lld, đề mục %lld with articles\n", s->chude, s->demuc);
			fprintf(out, "    articles with a source note %lld (%.2f%%)\n", s->with_note,
			        pct(s->with_note, s->codified));
			fprintf(out,
			        "    notes parsed into a source document with number, type and effective "
			        "date: %lld "
			        "(%.2f%% of notes); with a number %lld (%.2f%%); issue date known (own long "
			        "note or "
			        "resolved) %lld (%.2f%%)\n",
			        s->note_parsed, pct(s->note_parsed, s->with_note), s->note_with_number,
			        pct(s->note_with_number, s->with_note), s->note_with_issue_date,
			        pct(s->note_with_issue_date, s->with_note));
			fprintf(out,
			        "    notes with several links %lld; links: original %lld, amended-by %lld, "
			        "repealed-by "
			        "%lld, other %lld\n",
			        s->multi_link, s->links_by_relation[0], s->links_by_relation[1],
			        s->links_by_relation[2], s->links_by_relation[3]);
			fprintf(out, "    distinct source documents %lld; cross-references %lld\n",
			        s->distinct_source_docs, s->cross_refs);
		}
		if (s->documents + s->source_docs) {
			long long base = s->documents + s->source_docs;
			for (int which = 0; which < 2; which++) {
				const long long *from = which ? s->title_from : s->effective_from;
				fprintf(out, "    %s:", which ? "titles" : "effective dates");
				for (int k = 1; k < TC_FROM_COUNT; k++)
					if (from[k])
						fprintf(out, " from the %s %.1f%%,",
						        tc_field_source_name((tc_field_source)k),
						        pct(from[k], base));
				fprintf(out, " unknown %.1f%%\n", pct(from[TC_FROM_NONE], base));
			}
		}
		fputs("    fields filled:", out);
		for (int f = 0; f < TC_FIELD_COUNT; f++) {
			long long base = f == TC_FIELD_PROVINCE ? s->local_records : s->records;
			if (base)
				fprintf(out, " %s %.1f%%", field_names[f], pct(s->field_filled[f], base));
			else
				fprintf(out, " %s n/a", field_names[f]);
		}
		fputc('\n', out);
	}
}

static void print_json(const char *path, const tc_corpus_stats *st, FILE *out)
{
	const tc_load_summary *sum = &st->summary;
	json_t *j = json_object();
	json_object_set_new(j, "path", json_string(path));
	json_object_set_new(j, "seconds", json_real(st->seconds));
	json_object_set_new(j, "files", json_integer(sum->files));
	json_object_set_new(j, "bytes", json_integer(sum->bytes));
	json_object_set_new(j, "loaded", json_integer(sum->loaded));
	json_object_set_new(j, "skipped", json_integer(sum->skipped));
	if (sum->demuc_listed) {
		json_object_set_new(j, "chude_listed", json_integer(sum->chude_listed));
		json_object_set_new(j, "demuc_listed", json_integer(sum->demuc_listed));
		json_object_set_new(j, "demuc_missing", json_integer(sum->demuc_missing));
		json_object_set_new(j, "demuc_empty", json_integer(sum->demuc_empty));
	}
	json_t *problems = json_object();
	for (int k = 0; k < TC_PROBLEM_KIND_COUNT; k++)
		json_object_set_new(problems, tc_problem_kind_name((tc_problem_kind)k),
		                    json_integer(sum->problems[k]));
	json_object_set_new(j, "problems", problems);
	json_t *sources = json_array();
	for (size_t i = 0; i < st->source_count; i++) {
		const tc_source_stats *s = &st->sources[i];
		json_t *o = json_object();
		json_object_set_new(o, "name", json_string(s->name));
		json_object_set_new(o, "records", json_integer(s->records));
		json_object_set_new(o, "documents", json_integer(s->documents));
		json_object_set_new(o, "codified", json_integer(s->codified));
		json_object_set_new(o, "source_docs", json_integer(s->source_docs));
		json_object_set_new(o, "provisions", json_integer(s->provisions));
		json_object_set_new(o, "nodes", json_integer(s->nodes));
		json_object_set_new(o, "annexes", json_integer(s->annexes));
		json_object_set_new(o, "notes", json_integer(s->notes));
		json_t *fields = json_object();
		for (int f = 0; f < TC_FIELD_COUNT; f++) {
			long long base = f == TC_FIELD_PROVINCE ? s->local_records : s->records;
			json_object_set_new(fields, field_names[f],
			                    base ? json_real(pct(s->field_filled[f], base) / 100.0)
			                         : json_null());
		}
		json_object_set_new(o, "fields_filled", fields);
		if (s->documents + s->source_docs) {
			long long base = s->documents + s->source_docs;
			for (int which = 0; which < 2; which++) {
				const long long *from = which ? s->title_from : s->effective_from;
				json_t *shares = json_object();
				for (int k = 0; k < TC_FROM_COUNT; k++)
					json_object_set_new(shares,
					                    k ? tc_field_source_name((tc_field_source)k)
					                      : "unknown",
					                    json_real(pct(from[k], base) / 100.0));
				json_object_set_new(o, which ? "title_from" : "effective_from", shares);
			}
		}
		if (s->codified) {
			json_object_set_new(o, "chude", json_integer(s->chude));
			json_object_set_new(o, "demuc", json_integer(s->demuc));
			json_object_set_new(o, "with_note", json_integer(s->with_note));
			json_object_set_new(o, "note_parsed", json_integer(s->note_parsed));
			json_object_set_new(o, "note_parsed_share",
			                    json_real(pct(s->note_parsed, s->with_note) / 100.0));
			json_object_set_new(o, "note_with_number", json_integer(s->note_with_number));
			json_object_set_new(o, "note_with_issue_date", json_integer(s->note_with_issue_date));
			json_object_set_new(o, "multi_link", json_integer(s->multi_link));
			json_t *rel = json_object();
			for (int r = 0; r < 4; r++)
				json_object_set_new(rel, tc_source_relation_name((tc_source_relation)r),
				                    json_integer(s->links_by_relation[r]));
			json_object_set_new(o, "links_by_relation", rel);
			json_object_set_new(o, "cross_refs", json_integer(s->cross_refs));
			json_object_set_new(o, "distinct_source_docs", json_integer(s->distinct_source_docs));
		}
		json_array_append_new(sources, o);
	}
	json_object_set_new(j, "sources", sources);
	json_dumpf(j, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(j);
}

void tc_corpus_stats_print(const char *path, const tc_corpus_stats *stats, int json, FILE *out)
{
	if (json)
		print_json(path, stats, out);
	else
		print_text(path, stats, out);
}
