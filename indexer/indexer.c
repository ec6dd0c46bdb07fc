/* indexer.c - records into the three Xapian databases, incrementally. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zdict.h>
#include <zstd.h>

#include "indexer-private.h"
#include "xapian-c.h"

/* Documents with this many records sampled train each database's zstd
 * dictionary; records before the dictionary exists are stored without. */
#define DICT_SAMPLE_RECORDS 2000
#define DICT_SIZE (112 * 1024)
/* One record in this many of a database is also compressed without the
 * dictionary, to report what the dictionary gains (counted by the
 * database's entries, which one lane writes: the run's count of records is
 * the other lane's, and sampling by it made the figure vary from run to
 * run). */
#define NODICT_SAMPLE_EVERY 16

void tc_index_options_default(tc_index_options *options)
{
	memset(options, 0, sizeof *options);
	tc_features_default(&options->features);
}

/* A set of strings (the sources seen in this run). Small: a linear list. */
typedef struct origin_list {
	char **names;
	size_t count;
} origin_list;

typedef struct db_state {
	xc_writer *writer;
	xc_doc *doc;
	/* docids seen in this run (kept or written), for prune */
	unsigned char *seen;
	size_t seen_cap;
	/* the stored records' encoding, with the database's dictionary once
	 * trained (or loaded), and the samples that train it */
	tc_stored_codec *codec;
	tc_buf samples;
	size_t *sample_sizes;
	size_t sample_count;
	int dict_done; /* trained or loaded, or given up */
	long long entries;
} db_state;

/* What one thread of a run writes entries with: an analyzer, buffers, its
 * share of the run's figures and the error of the analysis in progress.
 * A run has two lanes: one writes the entries of records and of their
 * articles (databases docs, provisions and codified), the other those of
 * the articles' clauses and points (the parts databases), each database by
 * one lane only, in the same order as one thread would. With two threads
 * (tc_index_options.threads) the parts lane runs beside the other, on
 * copies of the records queued for it (parts_thread). */
typedef struct lane {
	tc_index *index;
	int parts; /* the lane of the parts databases */
	tc_analyzer *analyzer;
	tc_buf term;
	tc_buf scratch;
	tc_buf compressed;
	tc_buf payload; /* a record's stored payload (tc_stored_record_payload) */
	tc_buf path;
	tc_buf slug;
	tc_buf slug2;
	tc_index_counts counts; /* since the last record: added to the index's then */
	size_t pending_bytes;
	uint64_t article_hash; /* the content hash of the last article: its parts' hashes hold it */
	const tc_record *record; /* the record being written: its entries carry its former id */
	tc_error *token_err; /* the error of the run in progress, for the callback */
	tc_status token_status;
} lane;

/* Records queued for the parts lane's thread at most: the caller goes on
 * with the next records while the thread writes the parts of the earlier
 * ones (the loader's reading and parsing runs on the caller's thread).
 * The two lanes' shares of a record differ widely (an article of forty
 * clauses, a run of articles of none), so the queue is long enough to
 * even them out: with 32 records the parts lane's thread waited for work
 * 36 s of a 209 s build of the benchmark's index while the caller waited
 * for room 60 s. Its memory is bounded too: past PARTS_QUEUE_BYTES the
 * caller waits (a few records of several megabytes, a JSONL of whole
 * documents). A copy's arena grows by PARTS_JOB_CHUNK, and keeps that
 * much when its slot is reused. */
#define PARTS_QUEUE 1024
#define PARTS_QUEUE_BYTES ((size_t)16 << 20)
#define PARTS_JOB_CHUNK ((size_t)16 << 10)

/* A record queued for the parts lane: a copy (the loader's record lives
 * only until tc_index_add returns); or the commit of the parts databases
 * at the end of a batch (maybe_commit). */
typedef struct parts_job {
	tc_arena *arena;
	const tc_record *record; /* NULL: the batch's commit */
	size_t bytes;            /* the copy's memory */
	long long records;       /* the batch's commit: the records handed to the index before it */
} parts_job;

/* The thread of the parts lane and its queue, under LOCK. Each database is
 * still written by one lane in the order of the records, so the index is
 * the one a single thread writes. */
typedef struct parts_thread {
	pthread_t thread;
	int started;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	parts_job jobs[PARTS_QUEUE];
	size_t head;  /* the job being written or next */
	size_t count; /* queued, the one being written included */
	size_t bytes; /* their copies' memory */
	int quit;     /* stop when the queue is empty */
	int discard;  /* ... or now, dropping what is queued */
	tc_status status; /* the first failure of the lane's own (I/O, memory): the run stops */
	tc_error err;
} parts_thread;

struct tc_index {
	char *dir;
	int created; /* this run created the index (it had no manifest) */
	tc_index_options options;
	db_state dbs[TC_DB_COUNT];
	lane lanes[2]; /* [0] records and articles, [1] their parts */
	parts_thread worker;
	pthread_mutex_t stamp_lock; /* change stamps come from both lanes */
	origin_list origins;
	tc__changes *changes; /* change stamps and tombstones (changes.c) */
	tc__headings *headings; /* the codification's đề mục and chủ đề (headings.c) */
	size_t pending_bytes;
	tc_index_counts counts; /* the parts lane's share merged under worker.lock */
};

/* ---- small helpers ---- */

static int mkdir_p(const char *dir)
{
	char buf[4096];
	size_t len = strlen(dir);
	if (len >= sizeof buf)
		return -1;
	memcpy(buf, dir, len + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			if (mkdir(buf, 0777) < 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	}
	if (mkdir(buf, 0777) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

static int mark_seen(db_state *db, xc_docid docid)
{
	if (docid >= db->seen_cap) {
		size_t cap = db->seen_cap ? db->seen_cap : 4096;
		while (cap <= docid)
			cap *= 2;
		unsigned char *seen = tc_realloc(db->seen, cap);
		if (!seen)
			return -1;
		memset(seen + db->seen_cap, 0, cap - db->seen_cap);
		db->seen = seen;
		db->seen_cap = cap;
	}
	db->seen[docid] = 1;
	return 0;
}

static int origin_add(origin_list *list, const char *name)
{
	if (!name)
		name = "";
	for (size_t i = 0; i < list->count; i++)
		if (!strcmp(list->names[i], name))
			return 0;
	char **names = tc_realloc(list->names, (list->count + 1) * sizeof *names);
	if (!names)
		return -1;
	list->names = names;
	if (!(names[list->count] = tc_strdup(name)))
		return -1;
	list->count++;
	return 0;
}

static int origin_has(const origin_list *list, const char *name, size_t len)
{
	for (size_t i = 0; i < list->count; i++)
		if (strlen(list->names[i]) == len && !memcmp(list->names[i], name, len))
			return 1;
	return 0;
}

/* ---- the manifest ---- */

static tc_status write_manifest(tc_index *index, tc_error *err)
{
	tc_manifest manifest = {.features = index->options.features};
	for (int k = 0; k < TC_DB_COUNT; k++) {
		uint32_t n = 0;
		tc_status st = xc_writer_doc_count(index->dbs[k].writer, &n, err);
		if (st != TC_OK)
			return st;
		manifest.counts[k] = n;
	}
	return tc_manifest_write(index->dir, &manifest, err);
}

/* ---- open / close ---- */

static void db_state_free(db_state *db)
{
	xc_doc_free(db->doc);
	tc_free(db->seen);
	tc_stored_codec_free(db->codec);
	tc_buf_free(&db->samples);
	tc_free(db->sample_sizes);
	memset(db, 0, sizeof *db);
}

static void lane_free(lane *ln)
{
	tc_analyzer_free(ln->analyzer);
	tc_buf_free(&ln->term);
	tc_buf_free(&ln->scratch);
	tc_buf_free(&ln->compressed);
	tc_buf_free(&ln->payload);
	tc_buf_free(&ln->path);
	tc_buf_free(&ln->slug);
	tc_buf_free(&ln->slug2);
}

static void parts_thread_start(tc_index *index);
static void repair_compaction(const char *path, tc_buf *tmp, tc_buf *old);
static void parts_thread_stop(tc_index *index, int discard);

static void index_free(tc_index *index)
{
	parts_thread_stop(index, 1);
	for (int k = 0; k < TC_DB_COUNT; k++)
		db_state_free(&index->dbs[k]);
	for (int i = 0; i < 2; i++)
		lane_free(&index->lanes[i]);
	pthread_mutex_destroy(&index->stamp_lock);
	for (size_t i = 0; i < index->origins.count; i++)
		tc_free(index->origins.names[i]);
	tc_free(index->origins.names);
	tc__headings_free(index->headings);
	tc_free(index->dir);
	tc_free(index);
}

tc_status tc_index_open(const char *dir, const tc_index_options *options, tc_index **out, tc_error *err)
{
	*out = NULL;
	tc_index *index = tc_calloc(1, sizeof *index);
	if (!index)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory opening index '%s'", dir);
	if (options)
		index->options = *options;
	else
		tc_index_options_default(&index->options);
	if (!index->options.batch_bytes)
		index->options.batch_bytes = 32u << 20;
	index->dir = tc_strdup(dir);
	index->headings = tc__headings_new();
	pthread_mutex_init(&index->stamp_lock, NULL);
	int nomem = !index->dir || !index->headings;
	for (int i = 0; i < 2; i++) {
		index->lanes[i] = (lane){.index = index, .parts = i, .analyzer = tc_analyzer_new()};
		nomem |= !index->lanes[i].analyzer;
	}
	for (int k = 0; k < TC_DB_COUNT; k++)
		nomem |= !(index->dbs[k].codec = tc_stored_codec_new());
	if (nomem) {
		index_free(index);
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory opening index '%s'", dir);
	}
	if (mkdir_p(dir) < 0) {
		tc_status st = tc_error_set(err, TC_ERR_IO, "cannot create index directory '%s': %s", dir,
		                            strerror(errno));
		index_free(index);
		return st;
	}
	tc_manifest manifest;
	tc_status status = tc_manifest_read(dir, &manifest, err);
	int fresh = status == TC_ERR_NOT_FOUND;
	index->created = fresh;
	if (fresh)
		status = TC_OK;
	else if (status == TC_OK)
		status = tc_manifest_check(dir, &manifest, err);
	for (int k = 0; status == TC_OK && k < TC_DB_COUNT; k++) {
		db_state *db = &index->dbs[k];
		tc_index_db_path(dir, (tc_db_kind)k, &index->lanes[0].path);
		repair_compaction(index->lanes[0].path.data, &index->lanes[0].scratch, &index->lanes[0].term);
		status = xc_writer_open(index->lanes[0].path.data, XC_OPEN_CREATE_OR_OPEN, &db->writer, err);
		if (status == TC_OK)
			status = xc_doc_new(&db->doc, err);
	}
	if (status == TC_OK)
		status = tc__changes_open(dir, &index->changes, err);
	if (status != TC_OK) {
		for (int k = 0; k < TC_DB_COUNT; k++)
			if (index->dbs[k].writer)
				xc_writer_close(index->dbs[k].writer, 1, NULL);
		tc__changes_close(index->changes, 1, NULL);
		index_free(index);
		return status;
	}
	/* A first run writes the manifest now, so that what it commits is
	 * searchable even if the run is killed before it finishes. */
	if (fresh && write_manifest(index, err) != TC_OK) {
		tc_status st = err ? err->code : TC_ERR_IO;
		tc_index_close(index, 1, NULL);
		return st;
	}
	/* The dictionary an earlier run committed. It lives only in the
	 * database, written in the same commit as the first records that need
	 * it: a run killed before that commit leaves neither. */
	for (int k = 0; k < TC_DB_COUNT; k++) {
		db_state *db = &index->dbs[k];
		char *dict = NULL;
		size_t dict_len = 0;
		tc_status st = xc_writer_get_metadata(db->writer, TC_DICT_METADATA_KEY, &dict, &dict_len, err);
		if (st == TC_OK && dict_len) {
			if (tc_stored_codec_add_dict(db->codec, dict, dict_len) < 0)
				st = tc_error_set(err, TC_ERR_INPUT,
				                  "the dictionary of database '%s' in '%s' is damaged: rebuild the index",
				                  tc_db_kind_name((tc_db_kind)k), dir);
			db->dict_done = 1;
		}
		tc_free(dict);
		if (st != TC_OK) {
			tc_index_close(index, 1, NULL);
			return st;
		}
	}
	parts_thread_start(index);
	*out = index;
	return TC_OK;
}

/* ---- compression ---- */

static tc_status train_dictionary(lane *ln, db_state *db, tc_error *err)
{
	db->dict_done = 1;
	tc_buf dict = {0};
	tc_status st = TC_OK;
	if (ln->index->options.no_dictionary || db->sample_count < 64)
		goto done;
	if (tc_buf_reserve(&dict, DICT_SIZE) < 0) {
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory training a dictionary");
		goto done;
	}
	size_t size = ZDICT_trainFromBuffer(dict.data, DICT_SIZE, db->samples.data, db->sample_sizes,
	                                    (unsigned)db->sample_count);
	/* Too little or too uniform data: store without a dictionary. */
	if (ZDICT_isError(size))
		goto done;
	if (tc_stored_codec_add_dict(db->codec, dict.data, size) < 0) {
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory loading a dictionary");
		goto done;
	}
	/* Stored in the database's metadata, pending with the records
	 * compressed by it, so that both become durable in one commit; a
	 * copied or replicated database is self-contained. */
	st = xc_writer_set_metadata(db->writer, TC_DICT_METADATA_KEY, dict.data, size, err);
done:
	tc_buf_free(&dict);
	tc_buf_free(&db->samples);
	tc_free(db->sample_sizes);
	db->sample_sizes = NULL;
	db->sample_count = 0;
	return st;
}

static tc_status compress_data(lane *ln, db_state *db, const char *json, size_t len, tc_error *err)
{
	if (!db->dict_done) {
		size_t *sizes = tc_realloc(db->sample_sizes, (db->sample_count + 1) * sizeof *sizes);
		if (!sizes)
			return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		db->sample_sizes = sizes;
		/* Samples of at most 64 kB each: big documents would dominate. */
		size_t take = len < 65536 ? len : 65536;
		if (tc_buf_append(&db->samples, json, take) < 0)
			return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		sizes[db->sample_count++] = take;
		if (db->sample_count >= DICT_SAMPLE_RECORDS) {
			tc_status st = train_dictionary(ln, db, err);
			if (st != TC_OK)
				return st;
		}
	}
	if (tc_stored_encode(db->codec, json, len, 0, &ln->compressed) < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory compressing a stored record");
	size_t n = ln->compressed.len;
	ln->counts.text_bytes += (long long)len;
	ln->counts.stored_bytes += (long long)n;
	if (tc_stored_codec_has_dict(db->codec) && db->entries % NODICT_SAMPLE_EVERY == 0 &&
	    tc_stored_encode(db->codec, json, len, 1, &ln->scratch) == 0) {
		ln->counts.sampled_bytes += (long long)n;
		ln->counts.stored_bytes_nodict += (long long)ln->scratch.len;
	}
	return TC_OK;
}

/* ---- terms ---- */

typedef struct term_ctx {
	lane *ln;
	xc_doc *doc;
	uint32_t position_base; /* added to the analyzer's 0-based positions (Xapian's are 1-based) */
	uint32_t wdf;           /* wdf per occurrence */
	int title;              /* also add S/XS title terms */
	const char *number_prefix; /* "XN" for numbers mentioned, "XM" for the entry's own number */
	int no_positions;          /* words without positions (a part of an article) */
	uint32_t last_position;
} term_ctx;

static int add_prefixed(term_ctx *ctx, const char *prefix, const char *text, size_t len, uint32_t position,
                        uint32_t wdf)
{
	lane *ln = ctx->ln;
	tc_buf *term = &ln->term;
	size_t plen = strlen(prefix);
	if (plen + len > XC_MAX_TERM_LENGTH) {
		ln->counts.skipped_terms++;
		return 0;
	}
	tc_buf_reset(term);
	if (tc_buf_append(term, prefix, plen) < 0 || tc_buf_append(term, text, len) < 0) {
		ln->token_status = tc_error_set(ln->token_err, TC_ERR_NOMEM, "out of memory");
		return -1;
	}
	tc_status st;
	if (position)
		st = xc_doc_add_posting(ctx->doc, term->data, term->len, position, wdf, ln->token_err);
	else
		st = xc_doc_add_term(ctx->doc, term->data, term->len, wdf, ln->token_err);
	if (st != TC_OK) {
		ln->token_status = st;
		return -1;
	}
	return 0;
}

static int on_token(void *vctx, const tc_token *token)
{
	term_ctx *ctx = vctx;
	const tc_features *f = &ctx->ln->index->options.features;
	uint32_t pos = ctx->position_base + token->position + 1;
	if (pos > ctx->last_position)
		ctx->last_position = pos;
	if (ctx->no_positions)
		pos = 0;
	switch (token->kind) {
	case TC_TOKEN_SYLLABLE:
	case TC_TOKEN_WORD:
		if (add_prefixed(ctx, TC_PREFIX_EXACT, token->exact, token->exact_len, pos, ctx->wdf) < 0)
			return -1;
		if (f->folded && add_prefixed(ctx, TC_PREFIX_FOLDED, token->folded, token->folded_len, pos, ctx->wdf) < 0)
			return -1;
		/* Title words weigh on their own (S, XS) without positions:
		 * phrases are matched on the words above, which the title's hold. */
		if (ctx->title) {
			if (add_prefixed(ctx, TC_PREFIX_TITLE, token->exact, token->exact_len, 0, 1) < 0)
				return -1;
			if (f->folded && add_prefixed(ctx, TC_PREFIX_FOLDED_TITLE, token->folded, token->folded_len, 0, 1) < 0)
				return -1;
		}
		return 0;
	case TC_TOKEN_NUMBER:
		return add_prefixed(ctx, TC_PREFIX_EXACT, token->exact, token->exact_len, pos, ctx->wdf);
	case TC_TOKEN_BIGRAM: {
		if (!f->bigrams)
			return 0;
		/* A pair is indexed once (tc_features_pair_prefix): folded in an
		 * index that folds, else exact. */
		const char *text = f->folded ? token->folded : token->exact;
		size_t len = f->folded ? token->folded_len : token->exact_len;
		return add_prefixed(ctx, tc_features_pair_prefix(f), text, len, 0, ctx->wdf);
	}
	case TC_TOKEN_DOC_NUMBER:
	case TC_TOKEN_DOC_NUMBER_PART:
		if (!f->doc_numbers)
			return 0;
		if (add_prefixed(ctx, ctx->number_prefix, token->exact, token->exact_len, 0, 1) < 0)
			return -1;
		if (token->folded_len != token->exact_len || memcmp(token->folded, token->exact, token->exact_len))
			return add_prefixed(ctx, ctx->number_prefix, token->folded, token->folded_len, 0, 1);
		return 0;
	case TC_TOKEN_CITATION:
		if (!f->citations)
			return 0;
		return add_prefixed(ctx, TC_PREFIX_CITATION, token->exact, token->exact_len, 0, 1);
	default:
		return 0;
	}
}

/* Only the document-number terms of a text (for source-note numbers). */
static int on_number_token(void *vctx, const tc_token *token)
{
	if (token->kind != TC_TOKEN_DOC_NUMBER && token->kind != TC_TOKEN_DOC_NUMBER_PART)
		return 0;
	return on_token(vctx, token);
}

/* Index TEXT into CTX's document after the positions used so far. */
static tc_status index_text(lane *ln, term_ctx *ctx, const char *text, size_t len, tc_error *err)
{
	if (!text || !len)
		return TC_OK;
	ln->token_err = err;
	ln->token_status = TC_OK;
	tc_analysis_info info;
	tc_status st = tc_analyzer_run(ln->analyzer, tc_features_analyze_flags(&ln->index->options.features, TC_ANALYZE_DOCUMENT), text, len, on_token, ctx, &info, err);
	if (st == TC_ERR_ABORTED)
		st = ln->token_status;
	/* The next text starts well after this one, so that phrases never match
	 * across two fields. */
	ctx->position_base = ctx->last_position + 100;
	return st;
}

static tc_status add_bool(lane *ln, xc_doc *doc, const char *prefix, const char *value, tc_error *err)
{
	if (!value || !*value)
		return TC_OK;
	tc_buf_reset(&ln->term);
	tc_buf_append_str(&ln->term, prefix);
	tc_buf_append_str(&ln->term, value);
	if (ln->term.len > XC_MAX_TERM_LENGTH) {
		ln->counts.skipped_terms++;
		return TC_OK;
	}
	return xc_doc_add_boolean_term(doc, ln->term.data, ln->term.len, err);
}

static tc_status set_value_str(xc_doc *doc, unsigned slot, const char *value, tc_error *err)
{
	if (!value || !*value)
		return TC_OK;
	return xc_doc_set_value(doc, slot, value, strlen(value), err);
}

static tc_status set_date_value(xc_doc *doc, unsigned slot, tc_date date, tc_error *err)
{
	if (!date)
		return TC_OK;
	char buf[16];
	snprintf(buf, sizeof buf, "%08u", (unsigned)date);
	return xc_doc_set_value(doc, slot, buf, 8, err);
}

/* Filter terms and values shared by every entry of RECORD. */
static tc_status add_filters(lane *ln, xc_doc *doc, const tc_record *record, tc_error *err)
{
	tc_status st = TC_OK;
	char buf[32];
	if (record->type != TC_TYPE_UNKNOWN) {
		const char *slug = tc_doc_type_slug(record->type);
		st = add_bool(ln, doc, TC_PREFIX_TYPE, slug, err);
		if (st == TC_OK)
			st = set_value_str(doc, TC_SLOT_TYPE, slug, err);
	}
	if (st == TC_OK && record->issuer && tc_slug(ln->analyzer, record->issuer, strlen(record->issuer), &ln->slug) == 0) {
		st = add_bool(ln, doc, TC_PREFIX_ISSUER, ln->slug.data, err);
		if (st == TC_OK)
			st = set_value_str(doc, TC_SLOT_ISSUER, ln->slug.data, err);
	}
	const char *province = "trung-uong";
	if (record->scope == TC_SCOPE_LOCAL && record->province &&
	    tc_slug(ln->analyzer, record->province, strlen(record->province), &ln->slug2) == 0)
		province = ln->slug2.data;
	if (st == TC_OK && record->scope != TC_SCOPE_UNKNOWN) {
		st = add_bool(ln, doc, TC_PREFIX_PROVINCE, province, err);
		if (st == TC_OK)
			st = set_value_str(doc, TC_SLOT_PROVINCE, province, err);
	}
	if (st == TC_OK && record->validity != TC_VALIDITY_UNKNOWN) {
		const char *slug = tc_validity_slug(record->validity);
		st = add_bool(ln, doc, TC_PREFIX_VALIDITY, slug, err);
		if (st == TC_OK)
			st = set_value_str(doc, TC_SLOT_VALIDITY, slug, err);
	}
	if (st == TC_OK && record->issue_date) {
		snprintf(buf, sizeof buf, "%u", (unsigned)(record->issue_date / 10000));
		st = add_bool(ln, doc, TC_PREFIX_YEAR, buf, err);
		if (st == TC_OK)
			st = set_value_str(doc, TC_SLOT_YEAR, buf, err);
	}
	if (st == TC_OK && record->field && tc_slug(ln->analyzer, record->field, strlen(record->field), &ln->slug) == 0)
		st = add_bool(ln, doc, TC_PREFIX_FIELD, ln->slug.data, err);
	if (st == TC_OK && record->codified) {
		const tc_codified *cod = record->codified;
		st = add_bool(ln, doc, TC_PREFIX_TOPIC, cod->chude_number, err);
		if (st == TC_OK)
			st = add_bool(ln, doc, TC_PREFIX_DEMUC, cod->demuc_number, err);
		if (st == TC_OK)
			st = add_bool(ln, doc, TC_PREFIX_DEMUC_ID, cod->demuc_id, err);
		if (st == TC_OK)
			st = set_value_str(doc, TC_SLOT_TOPIC, cod->chude_number, err);
		if (st == TC_OK)
			st = set_value_str(doc, TC_SLOT_DEMUC, cod->demuc_number, err);
	}
	if (st == TC_OK)
		st = add_bool(ln, doc, TC_PREFIX_ORIGIN, record->source_name ? record->source_name : "", err);
	if (st == TC_OK)
		st = set_value_str(doc, TC_SLOT_ORIGIN, record->source_name ? record->source_name : "", err);
	if (st == TC_OK)
		st = set_date_value(doc, TC_SLOT_ISSUE_DATE, record->issue_date, err);
	if (st == TC_OK)
		st = set_date_value(doc, TC_SLOT_EFFECTIVE_DATE, record->effective_date, err);
	if (st == TC_OK)
		st = set_date_value(doc, TC_SLOT_EXPIRY_DATE, record->expiry_date, err);
	if (st == TC_OK && record->doc_number &&
	    tc_doc_number_normalize(record->doc_number, strlen(record->doc_number), 0, &ln->slug) == 0)
		st = set_value_str(doc, TC_SLOT_DOC_NUMBER, ln->slug.data, err);
	return st;
}

/* The document number of RECORD as index terms (so that number queries
 * find it even when the number is not in its text). */
static tc_status add_number_terms(lane *ln, term_ctx *ctx, const tc_record *record, const char *prefix,
                                  tc_error *err)
{
	if (!record->doc_number || !ln->index->options.features.doc_numbers)
		return TC_OK;
	/* Analyzing "Nghị định số 52/2015/NĐ-CP" yields the number and its
	 * typed partial forms: XM terms say "this is document N", XK terms "this
	 * is part of document N" (its provisions), apart from the XN terms of
	 * every number a text mentions. */
	tc_buf *text = &ln->scratch;
	tc_buf_reset(text);
	if (record->type != TC_TYPE_UNKNOWN && record->type != TC_TYPE_OTHER)
		tc_buf_printf(text, "%s số ", tc_doc_type_name(record->type));
	tc_buf_append_str(text, record->doc_number);
	/* The analyzer reuses the scratch buffer: give it a copy. */
	char *copy = tc_strndup(text->data, text->len);
	if (!copy)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	term_ctx own = *ctx;
	own.number_prefix = prefix;
	ln->token_err = err;
	ln->token_status = TC_OK;
	tc_status st = tc_analyzer_run(ln->analyzer, TC_ANALYZE_DOCUMENT | TC_ANALYZE_NO_BIGRAMS, copy,
	                               strlen(copy), on_number_token, &own, NULL, err);
	if (st == TC_ERR_ABORTED)
		st = ln->token_status;
	tc_free(copy);
	return st;
}

/* ---- writing one entry ---- */

typedef enum entry_result { ENTRY_ADDED, ENTRY_CHANGED, ENTRY_UNCHANGED } entry_result;

/* Write (or keep) the entry UNIQUE_ID in database KIND: JSON is its stored
 * record; FILL adds its terms. The content hash decides: an entry whose hash
 * is unchanged is kept as it is. A PART of an article (a clause or point
 * entry) takes terms from its article too (heading, sources, filters), so
 * its hash holds the article's: a clause whose own text is unchanged is
 * rewritten when its article changed. */
/* Count entry DOCID of DB as written or kept in this run, once: an id given
 * twice in one run (two records that claim it) is one entry, the later
 * kept, and is counted apart, so that the counts always equal what is
 * stored. */
static tc_status count_entry(lane *ln, db_state *db, xc_docid docid, tc_error *err)
{
	if (docid < db->seen_cap && db->seen[docid]) {
		ln->counts.duplicate_ids++;
		return TC_OK;
	}
	if (mark_seen(db, docid) < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	db->entries++;
	return TC_OK;
}

typedef tc_status (*fill_fn)(lane *ln, xc_doc *doc, const void *arg, tc_error *err);

/* Whether UNIQUE_ID can be an entry's id term (TC_ERR_INPUT, the error
 * write_entry gives, when not). The parts lane asks it of a record and of
 * each article before their parts, so that it stops where the other lane's
 * write_entry does: no part is written whose article is not. */
static tc_status check_id(const char *unique_id, tc_error *err)
{
	if (strlen(TC_PREFIX_ID) + strlen(unique_id) > XC_MAX_TERM_LENGTH)
		return tc_error_set(err, TC_ERR_INPUT, "id too long for the index: '%.60s...'", unique_id);
	return TC_OK;
}

/* Serialize JSON, the stored record of entry UNIQUE_ID, into ln->payload
 * and hash it into *HASH (with the analyzer and format versions and the
 * features; for a PART, with its article's hash, ln->article_hash). */
static tc_status entry_hash(lane *ln, const char *unique_id, json_t *json, int part, uint64_t *hash,
                            tc_error *err)
{
	if (tc_stored_record_payload(json, &ln->payload) < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory serializing '%s'", unique_id);
	uint64_t features = tc_features_bits(&ln->index->options.features);
	uint64_t seed = (uint64_t)TC_ANALYZER_VERSION << 32 | TC_INDEX_FORMAT_VERSION << 8 | features;
	if (part)
		seed ^= ln->article_hash * 0x9E3779B97F4A7C15ULL;
	*hash = tc__hash64(ln->payload.data, ln->payload.len, seed);
	return TC_OK;
}

static tc_status write_entry(lane *ln, tc_db_kind kind, const char *unique_id, json_t *json, int part,
                             fill_fn fill, const void *arg, entry_result *result, tc_error *err)
{
	db_state *db = &ln->index->dbs[kind];
	uint64_t hash = 0;
	tc_status hashed = entry_hash(ln, unique_id, json, part, &hash, err);
	if (hashed != TC_OK)
		return hashed;
	const char *text = ln->payload.data;
	size_t text_len = ln->payload.len;
	if (!part)
		ln->article_hash = hash;
	char hash_hex[17];
	snprintf(hash_hex, sizeof hash_hex, "%016llx", (unsigned long long)hash);

	tc_status st = check_id(unique_id, err);
	if (st != TC_OK) {
		ln->counts.skipped_terms++;
		return st;
	}
	tc_buf_reset(&ln->path);
	tc_buf_append_str(&ln->path, TC_PREFIX_ID);
	tc_buf_append_str(&ln->path, unique_id);
	char *unique_term = tc_strndup(ln->path.data, ln->path.len);
	xc_docid docid = 0;
	if (!unique_term)
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	if (st == TC_OK)
		st = xc_writer_find(db->writer, unique_term, &docid, err);
	if (st == TC_OK && docid) {
		char *old = NULL;
		size_t old_len = 0;
		st = xc_writer_get_value(db->writer, docid, TC_SLOT_CONTENT_HASH, &old, &old_len, err);
		if (st == TC_OK && old && old_len == 16 && !memcmp(old, hash_hex, 16)) {
			tc_free(old);
			*result = ENTRY_UNCHANGED;
			st = count_entry(ln, db, docid, err);
			tc_free(unique_term);
			return st;
		}
		tc_free(old);
	}
	if (st == TC_OK) {
		xc_doc_clear(db->doc);
		st = fill(ln, db->doc, arg, err);
	}
	if (st == TC_OK)
		st = xc_doc_add_boolean_term(db->doc, unique_term, strlen(unique_term), err);
	/* the record's former id, and its parts' under it: "…/k2" */
	const tc_record *rec = ln->record;
	size_t own = rec && rec->former_id ? strlen(rec->id) : 0;
	if (st == TC_OK && own && !strncmp(unique_id, rec->id, own) && (!unique_id[own] || unique_id[own] == '/')) {
		tc_buf_reset(&ln->path);
		tc_buf_printf(&ln->path, "%s%s%s", TC_PREFIX_FORMER_ID, rec->former_id, unique_id + own);
		if (ln->path.len <= XC_MAX_TERM_LENGTH)
			st = xc_doc_add_boolean_term(db->doc, ln->path.data, ln->path.len, err);
	}
	if (st == TC_OK)
		st = xc_doc_set_value(db->doc, TC_SLOT_CONTENT_HASH, hash_hex, 16, err);
	char stamp[TC_CHANGE_STAMP_LEN + 1];
	pthread_mutex_lock(&ln->index->stamp_lock);
	tc__changes_stamp(ln->index->changes, stamp);
	pthread_mutex_unlock(&ln->index->stamp_lock);
	if (st == TC_OK)
		st = xc_doc_set_value(db->doc, TC_SLOT_CHANGED, stamp, TC_CHANGE_STAMP_LEN, err);
	if (st == TC_OK)
		st = compress_data(ln, db, text, text_len, err);
	if (st == TC_OK)
		st = xc_doc_set_data(db->doc, ln->compressed.data, ln->compressed.len, err);
	xc_docid written = 0;
	if (st == TC_OK)
		st = xc_writer_replace(db->writer, unique_term, db->doc, &written, err);
	if (st == TC_OK) {
		*result = docid ? ENTRY_CHANGED : ENTRY_ADDED;
		st = count_entry(ln, db, written, err);
		ln->pending_bytes += text_len;
	}
	tc_free(unique_term);
	return st;
}

/* ---- records and provisions ---- */

typedef struct record_arg {
	const tc_record *record;
	const tc_node *node; /* a provision, or NULL for the whole record */
	const char *text;    /* the entry's full text */
	size_t text_len;
	const char *heading; /* the entry's title */
	const char *number_prefix; /* "XM" for a document, "XK" for its provisions */
	const char *defines;       /* the slug of the term the entry defines, if any ("khong-gian-mang") */
	int defines_surely;        /* ... in a "Giải thích từ ngữ" article, or one titled by the term */
} record_arg;

/* Is the entry a part of an article (a clause or a point entry)? */
static int is_part(const record_arg *arg) { return arg->node && arg->node->kind == TC_NODE_CLAUSE; }

static tc_status fill_entry(lane *ln, xc_doc *doc, const void *varg, tc_error *err)
{
	const record_arg *arg = varg;
	const tc_record *record = arg->record;
	/* A clause or point entry has no positions: phrases are matched on
	 * the article's own entry, which holds the same words. */
	term_ctx ctx = {.ln = ln, .doc = doc, .position_base = 0, .wdf = 1, .number_prefix = TC_PREFIX_MENTION,
	                .no_positions = is_part(arg)};
	tc_status st = add_filters(ln, doc, record, err);
	/* The title first, with double weight (a title word says more about the
	 * entry than a body word), then the number terms, then the text. */
	if (st == TC_OK && arg->heading && *arg->heading) {
		ctx.title = ln->index->options.features.title;
		ctx.wdf = ln->index->options.features.title ? 2 : 1;
		st = index_text(ln, &ctx, arg->heading, strlen(arg->heading), err);
		ctx.title = 0;
		ctx.wdf = 1;
	}
	if (st == TC_OK)
		st = add_number_terms(ln, &ctx, record, arg->number_prefix ? arg->number_prefix : TC_PREFIX_NUMBER, err);
	if (st == TC_OK)
		st = index_text(ln, &ctx, arg->text, arg->text_len, err);
	/* "XQkhong-gian-mang": what "Không gian mạng là gì?" looks up. */
	if (st == TC_OK && arg->defines)
		st = add_bool(ln, doc, arg->defines_surely ? TC_PREFIX_DEFINES : TC_PREFIX_MAY_DEFINE, arg->defines,
		              err);
	return st;
}

/* Terms that place a provision inside its document: the article's own
 * number ("XAđiều:5"), and the document's title words ("XH") for
 * citations such as "Điều 3 Luật Đất đai". */
typedef struct provision_arg {
	record_arg base;
	const char *article_number;
	const char *article_id; /* the article's id: its own, or its clause's article */
	long order;
} provision_arg;

static int on_title_token(void *vctx, const tc_token *token)
{
	term_ctx *ctx = vctx;
	/* Words and word pairs: "Luật Thanh niên" is told from a title that
	 * merely mentions it by its pairs. */
	if (token->kind != TC_TOKEN_SYLLABLE && token->kind != TC_TOKEN_WORD && token->kind != TC_TOKEN_NUMBER &&
	    token->kind != TC_TOKEN_BIGRAM)
		return 0;
	if (add_prefixed(ctx, TC_PREFIX_DOC_TITLE, token->folded, token->folded_len, 0, 1) < 0)
		return -1;
	return 0;
}

/* An article's place: its ORDER in its document or the codification, the
 * ARTICLE_ID its entries collapse on, and for a part of an article (a
 * clause or point entry) the marker by which totals, facets and listings
 * count each article once. */
static tc_status set_place(xc_doc *doc, long order, const char *article_id, int part, tc_error *err)
{
	char value[16];
	snprintf(value, sizeof value, "%010ld", order);
	tc_status st = xc_doc_set_value(doc, TC_SLOT_ORDER, value, 10, err);
	if (st == TC_OK)
		st = set_value_str(doc, TC_SLOT_ARTICLE, article_id, err);
	tc_buf term = {0};
	if (st == TC_OK && (tc_buf_append_str(&term, TC_PREFIX_ARTICLE_ID) < 0 || tc_buf_append_str(&term, article_id) < 0))
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	/* an id too long to be a term cannot be a second-stage candidate: its
	 * entries are found in the first stage or not at all */
	if (st == TC_OK && term.len <= XC_MAX_TERM_LENGTH)
		st = xc_doc_add_boolean_term(doc, term.data, term.len, err);
	tc_buf_free(&term);
	if (st == TC_OK && !part)
		st = xc_doc_add_boolean_term(doc, TC_ARTICLE_MARKER, strlen(TC_ARTICLE_MARKER), err);
	return st;
}

/* A document or a source document: an entry of its own for the second stage
 * of ranking too (it has no parts). */
static tc_status fill_document(lane *ln, xc_doc *doc, const void *varg, tc_error *err)
{
	const record_arg *arg = varg;
	const tc_record *record = arg->record;
	tc_status st = fill_entry(ln, doc, arg, err);
	/* the names it answers to (format.h, TC_PREFIX_NAME) */
	const char *type = record->type != TC_TYPE_UNKNOWN ? tc_doc_type_name(record->type) : record->type_name;
	if (st == TC_OK && tc_document_names(ln->analyzer, type, record->title, record->issue_date / 10000,
	                                     &ln->slug2) < 0)
		st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	for (const char *name = ln->slug2.data; st == TC_OK && name && *name; name += strcspn(name, "\n") + 1) {
		size_t len = strcspn(name, "\n");
		if (strlen(TC_PREFIX_NAME) + len > XC_MAX_TERM_LENGTH)
			continue; /* a name that long is never typed whole */
		tc_buf_reset(&ln->slug);
		if (tc_buf_append(&ln->slug, name, len) < 0)
			st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		else
			st = add_bool(ln, doc, TC_PREFIX_NAME, ln->slug.data, err);
	}
	return st == TC_OK ? set_place(doc, 0, record->id, 0, err) : st;
}

static tc_status fill_provision(lane *ln, xc_doc *doc, const void *varg, tc_error *err)
{
	const provision_arg *arg = varg;
	tc_status st = fill_entry(ln, doc, &arg->base, err);
	if (st == TC_OK)
		st = set_place(doc, arg->order, arg->article_id, is_part(&arg->base), err);
	if (st == TC_OK && arg->article_number && ln->index->options.features.citations) {
		st = tc_article_term_value(arg->article_number, strlen(arg->article_number), &ln->scratch) < 0
		             ? tc_error_set(err, TC_ERR_NOMEM, "out of memory")
		             : add_bool(ln, doc, TC_PREFIX_ARTICLE, ln->scratch.data, err);
	}
	const char *doc_title = arg->base.record->title;
	if (st == TC_OK && doc_title && ln->index->options.features.citations) {
		term_ctx ctx = {.ln = ln, .doc = doc, .number_prefix = TC_PREFIX_MENTION};
		ln->token_err = err;
		ln->token_status = TC_OK;
		st = tc_analyzer_run(ln->analyzer, TC_ANALYZE_DOCUMENT | TC_ANALYZE_NO_DOC_NUMBERS, doc_title,
		                     strlen(doc_title), on_title_token, &ctx, NULL, err);
		if (st == TC_ERR_ABORTED)
			st = ln->token_status;
		if (st == TC_OK && arg->base.record->issue_date) {
			char year[16];
			snprintf(year, sizeof year, "%u", (unsigned)(arg->base.record->issue_date / 10000));
			st = add_bool(ln, doc, TC_PREFIX_DOC_TITLE, year, err);
		}
	}
	return st;
}

/* A codified article: its own text, plus the numbers of its source
 * documents (so "nđ 52/2015" finds the articles codified from it) and one
 * term per source article ("XJ52/2015/nđ-cp/d5"), by which a provision
 * finds the codified articles that cite it. */
static tc_status fill_codified(lane *ln, xc_doc *doc, const void *varg, tc_error *err)
{
	const record_arg *arg = varg;
	const tc_codified *cod = arg->record->codified;
	tc_status st = fill_entry(ln, doc, arg, err);
	if (st != TC_OK || !cod)
		return st;
	st = set_place(doc, cod->order, arg->record->id, is_part(arg), err);
	if (st == TC_OK && cod->article_number && ln->index->options.features.citations) {
		st = tc_article_term_value(cod->article_number, strlen(cod->article_number), &ln->scratch) < 0
		             ? tc_error_set(err, TC_ERR_NOMEM, "out of memory")
		             : add_bool(ln, doc, TC_PREFIX_ARTICLE, ln->scratch.data, err);
	}
	for (size_t i = 0; st == TC_OK && i < cod->source_count; i++) {
		const tc_source_link *link = &cod->sources[i];
		if (!link->doc_number)
			continue;
		if (tc_doc_number_normalize(link->doc_number, strlen(link->doc_number), 0, &ln->slug) < 0)
			continue;
		st = add_bool(ln, doc, TC_PREFIX_SOURCE, ln->slug.data, err);
		const char *article = link->article;
		if (st == TC_OK && article) {
			size_t n = 0;
			const char *dieu = tc_cited_article_number(article, &n);
			if (dieu) {
				if (tc_buf_append_str(&ln->slug, "/d") < 0 || tc_buf_append(&ln->slug, dieu, n) < 0)
					st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
				tc_ascii_lower(ln->slug.data, ln->slug.len);
				if (st == TC_OK)
					st = add_bool(ln, doc, TC_PREFIX_SOURCE, ln->slug.data, err);
				/* "Điều 1 Luật Thanh niên" finds the article codified from it. */
				if (st == TC_OK && ln->index->options.features.citations)
					st = tc_article_term_value(dieu, n, &ln->scratch) < 0
					             ? tc_error_set(err, TC_ERR_NOMEM, "out of memory")
					             : add_bool(ln, doc, TC_PREFIX_ARTICLE, ln->scratch.data, err);
			}
		}
		if (st == TC_OK && ln->index->options.features.citations && link->relation == TC_SOURCE_ORIGINAL) {
			term_ctx ctx = {.ln = ln, .doc = doc, .number_prefix = TC_PREFIX_MENTION};
			tc_buf title = {0};
			if (link->doc_type != TC_TYPE_UNKNOWN)
				tc_buf_printf(&title, "%s ", tc_doc_type_name(link->doc_type));
			if (link->doc_title)
				tc_buf_append_str(&title, link->doc_title);
			ln->token_err = err;
			ln->token_status = TC_OK;
			if (title.len)
				st = tc_analyzer_run(ln->analyzer, TC_ANALYZE_DOCUMENT | TC_ANALYZE_NO_DOC_NUMBERS, title.data,
				                     title.len, on_title_token, &ctx, NULL, err);
			if (st == TC_ERR_ABORTED)
				st = ln->token_status;
			tc_buf_free(&title);
		}
		if (st == TC_OK && ln->index->options.features.doc_numbers) {
			term_ctx ctx = {.ln = ln, .doc = doc, .wdf = 1, .number_prefix = TC_PREFIX_PART_OF};
			ln->token_err = err;
			ln->token_status = TC_OK;
			st = tc_analyzer_run(ln->analyzer, TC_ANALYZE_DOCUMENT | TC_ANALYZE_NO_BIGRAMS,
			                     link->doc_number, strlen(link->doc_number), on_number_token, &ctx,
			                     NULL, err);
			if (st == TC_ERR_ABORTED)
				st = ln->token_status;
		}
	}
	return st;
}

static void count_result(lane *ln, entry_result result)
{
	switch (result) {
	case ENTRY_ADDED: ln->counts.added++; break;
	case ENTRY_CHANGED: ln->counts.changed++; break;
	case ENTRY_UNCHANGED: ln->counts.unchanged++; break;
	}
}

/* The term a clause defines, as drafting writes it: "3. Không gian mạng là
 * mạng lưới ..." or "... được hiểu là ...". The words before "là" on the
 * clause's first line are the term when they are few (at most 12) and
 * hold no punctuation; a clause that merely uses "là" later in a sentence
 * has a comma or more words before it. Returns the term's length and sets
 * *start, or returns 0. */
static size_t defined_term(const char *text, const char **start)
{
	const char *p = text + strspn(text, " ");
	/* the clause's own number, when its text carries it ("1. ", "2a. ") */
	const char *q = p + strspn(p, "0123456789");
	if (q > p) {
		q += strspn(q, "abcdefghijklmnopqrstuvwxyz");
		if (q[0] == '.' && q[1] == ' ')
			p = q + 2 + strspn(q + 2, " ");
	}
	static const char *const links[] = {" là ", " được hiểu là "};
	size_t words = 1;
	for (const char *c = p; *c && *c != '\n'; c++) {
		if (strchr(",;:().\"", *c))
			return 0;
		if (*c != ' ')
			continue;
		for (size_t i = 0; i < sizeof links / sizeof *links; i++)
			if (!strncmp(c, links[i], strlen(links[i]))) {
				*start = p;
				return (size_t)(c - p);
			}
		if (++words > 12)
			return 0;
	}
	return 0;
}

static size_t count_words(const char *text, size_t len)
{
	size_t words = 0;
	for (size_t i = 0; i < len; i++)
		words += text[i] != ' ' && text[i] != '\n' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n');
	return words;
}

/* A clause whose text runs longer than a typical article (ALQAC's 2,249
 * articles: mean 184 words, median 134) also gets one entry per point
 * (điểm), so that a question about one point is not drowned by the rest. */
#define TC_POINT_ENTRY_MIN_WORDS 250

/* What ARTICLE says of the terms its entries define, worked out once per
 * article: whether it is a definition article ("Giải thích từ ngữ", "...
 * thuật ngữ", "Định nghĩa ...", a lead-in "... được hiểu như sau:"), and its
 * heading as a slug, since an article titled by the term it defines
 * ("Điều 1. Thanh niên") is one for that term. Elsewhere a clause that opens
 * "X là ..." may define X ("Thanh niên là lực lượng xã hội ...") or merely
 * describe it: the search weighs the two apart. */
typedef struct definitions {
	int sure;       /* a definition article */
	tc_buf heading; /* the heading's slug */
} definitions;

static int definitions_init(lane *ln, const tc_node *article, definitions *d)
{
	*d = (definitions){0};
	if (article->heading && tc_slug(ln->analyzer, article->heading, strlen(article->heading), &d->heading) < 0)
		return -1;
	const char *h = d->heading.data ? d->heading.data : "";
	d->sure = strstr(h, "giai-thich") || strstr(h, "dinh-nghia") ||
	          (article->text && strstr(article->text, "được hiểu"));
	return 0;
}

/* TERM (LEN bytes), defined under D: its slug into SLUG (what "X là gì?"
 * looks up); returns whether it is surely a definition, -1 when out of
 * memory. */
static int defined_slug(lane *ln, const definitions *d, const char *term, size_t len, tc_buf *slug)
{
	if (tc_slug(ln->analyzer, term, len, slug) < 0)
		return -1;
	return d->sure || (slug->len && d->heading.data && !strcmp(d->heading.data, slug->data));
}

/* The id of NODE's entry: its path, unique in its record (every loader
 * gives each node one); a record built elsewhere gets tc_provision_path's. */
static int node_id(const tc_record *record, const tc_node *node, tc_buf *out)
{
	if (!node->path)
		return tc_provision_path(record, node, out);
	tc_buf_reset(out);
	return tc_buf_append_str(out, node->path);
}

/* One part of an article (a clause, or a point of a long clause) as an entry
 * of its own in database KIND: TEXT under HEADING, id ID. */
static tc_status index_part(lane *ln, tc_db_kind kind, const tc_record *record, const tc_node *article,
                            const tc_node *clause, const char *id, const char *text, size_t text_len,
                            const char *heading, const char *defines, int surely, const char *article_path,
                            long order, tc_error *err)
{
	json_t *json = json_object();
	if (!json)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	json_object_set_new(json, "id", json_string(id));
	json_object_set_new(json, "kind", json_string("clause"));
	json_object_set_new(json, "article_id", json_string(article_path));
	json_object_set_new(json, "text", json_stringn(text ? text : "", text_len));
	provision_arg arg = {
		.base = {.record = record, .node = clause, .text = text, .text_len = text_len,
		         .heading = heading, .number_prefix = TC_PREFIX_PART_OF, .defines = defines, .defines_surely = surely},
		.article_number = article->number,
		.article_id = article_path,
		.order = order,
	};
	entry_result result;
	/* A codified article's part carries the article's sources, as a
	 * provision's part carries its document's number. */
	tc_db_kind parts = (tc_db_kind)tc_db_parts(kind);
	tc_status st = kind == TC_DB_CODIFIED ? write_entry(ln, parts, id, json, 1, fill_codified, &arg.base, &result, err)
	                                      : write_entry(ln, parts, id, json, 1, fill_provision, &arg, &result, err);
	json_decref(json);
	/* a part whose id is too long (its article's fits) is left out, the
	 * others written, and the run says so */
	if (st == TC_ERR_INPUT) {
		if (!ln->counts.refused_parts++)
			snprintf(ln->counts.first_refused, sizeof ln->counts.first_refused, "%.190s", err->message);
		st = TC_OK;
	}
	return st;
}

/* A clause (khoản) of an article as an entry of its own, so that a
 * question about one clause of a long article (a definition in "Giải
 * thích từ ngữ", say) is not drowned by the rest of the article; the points
 * of a long clause likewise. Search collapses them on the article's id. A
 * definition's clause is titled by its article's heading and the term it
 * defines, so that "X là gì?" finds it among the many entries that use X. */
static tc_status index_clause(lane *ln, tc_db_kind kind, const tc_record *record, const tc_node *article,
                              const definitions *d, const tc_node *clause, const char *article_path, long order,
                              tc_error *err)
{
	tc_buf text = {0}, id = {0}, heading = {0}, part = {0}, part_id = {0}, slug = {0};
	int rc = tc_node_full_text(clause, &text);
	rc |= node_id(record, clause, &id);
	const char *term = NULL;
	size_t term_len =
	        clause->text && ln->index->options.features.definitions ? defined_term(clause->text, &term) : 0;
	int surely = 0;
	if (term_len) {
		if (article->heading)
			rc |= tc_buf_printf(&heading, "%s. ", article->heading);
		rc |= tc_buf_append(&heading, term, term_len);
		surely = defined_slug(ln, d, term, term_len, &slug);
		if (surely < 0)
			rc = -1;
	}
	tc_status st = rc < 0 ? tc_error_set(err, TC_ERR_NOMEM, "out of memory") : TC_OK;
	const char *title = term_len ? heading.data : article->heading;
	if (st == TC_OK)
		st = index_part(ln, kind, record, article, clause, id.data, text.data, text.len, title,
		                slug.len ? slug.data : NULL, surely, article_path, order, err);
	size_t points = 0;
	for (const tc_node *c = clause->first_child; c; c = c->next)
		points += c->kind == TC_NODE_POINT && c->number;
	if (!ln->index->options.features.points || points < 2 ||
	    count_words(text.data, text.len) < TC_POINT_ENTRY_MIN_WORDS)
		points = 0;
	/* each point under the clause's own lead-in ("Bản án gồm có ...:") */
	for (const tc_node *pt = clause->first_child; st == TC_OK && points && pt; pt = pt->next) {
		if (pt->kind != TC_NODE_POINT || !pt->number)
			continue;
		tc_buf_reset(&part);
		tc_buf_reset(&part_id);
		rc = clause->text ? tc_buf_printf(&part, "%s\n", clause->text) : 0;
		rc |= tc_node_full_text(pt, &part);
		rc |= node_id(record, pt, &part_id);
		st = rc < 0 ? tc_error_set(err, TC_ERR_NOMEM, "out of memory")
		            : index_part(ln, kind, record, article, clause, part_id.data, part.data, part.len,
		                         title, NULL, 0, article_path, order, err);
	}
	tc_buf_free(&slug);
	tc_buf_free(&text);
	tc_buf_free(&id);
	tc_buf_free(&heading);
	tc_buf_free(&part);
	tc_buf_free(&part_id);
	return st;
}

/* How many clause entries ARTICLE gets: its numbered clauses, where there
 * are several (a lone clause is the article). */
static size_t clause_entries(const lane *ln, const tc_node *article)
{
	size_t clauses = 0;
	for (const tc_node *c = article->first_child; c; c = c->next)
		clauses += c->kind == TC_NODE_CLAUSE && c->number;
	return ln->index->options.features.clauses && clauses > 1 ? clauses : 0;
}

/* The term ARTICLE's own entry (ARG) defines when the whole article is one
 * definition ("Thanh niên là công dân Việt Nam từ đủ 16 tuổi đến 30
 * tuổi."), its slug held in SLUG; an article with clause entries leaves
 * that to its clauses. */
static tc_status article_defines(lane *ln, const tc_node *article, record_arg *arg, tc_buf *slug,
                                 tc_error *err)
{
	const char *body = article->text;
	if (!body && article->first_child && article->first_child->kind == TC_NODE_CLAUSE &&
	    !article->first_child->next)
		body = article->first_child->text;
	if (!ln->index->options.features.definitions || !body || clause_entries(ln, article))
		return TC_OK;
	const char *term = NULL;
	size_t term_len = defined_term(body, &term);
	if (!term_len)
		return TC_OK;
	definitions d;
	int surely = definitions_init(ln, article, &d) < 0 ? -1 : defined_slug(ln, &d, term, term_len, slug);
	tc_buf_free(&d.heading);
	if (surely < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	arg->defines = slug->len ? slug->data : NULL;
	arg->defines_surely = surely;
	return TC_OK;
}

/* The clauses of ARTICLE (whose entry is ARTICLE_ID) as entries of their
 * own in database KIND. */
static tc_status index_clauses(lane *ln, tc_db_kind kind, const tc_record *record, const tc_node *article,
                               const char *article_id, long order, tc_error *err)
{
	if (!clause_entries(ln, article))
		return TC_OK;
	definitions d = {0};
	tc_status st = ln->index->options.features.definitions && definitions_init(ln, article, &d) < 0
	                       ? tc_error_set(err, TC_ERR_NOMEM, "out of memory")
	                       : TC_OK;
	for (const tc_node *c = article->first_child; st == TC_OK && c; c = c->next)
		if (c->kind == TC_NODE_CLAUSE && c->number)
			st = index_clause(ln, kind, record, article, &d, c, article_id, order, err);
	tc_buf_free(&d.heading);
	return st;
}

static tc_status index_article(lane *ln, const tc_record *record, const tc_node *article, long order,
                               tc_error *err)
{
	const char *path = article->path;
	if (!path) {
		if (tc_provision_path(record, article, &ln->slug) < 0)
			return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		path = ln->slug.data;
	}
	char *path_copy = tc_strdup(path);
	json_t *json = tc__display_provision(record, article, path, order);
	if (!path_copy || !json) {
		tc_free(path_copy);
		json_decref(json);
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	}
	const char *text = json_string_value(json_object_get(json, "text"));
	provision_arg arg = {
		.base = {.record = record, .node = article, .text = text, .text_len = text ? strlen(text) : 0,
		         .heading = article->heading, .number_prefix = TC_PREFIX_PART_OF},
		.article_number = article->number,
		.article_id = path_copy,
		.order = order,
	};
	tc_status st = TC_OK;
	if (ln->parts) {
		/* the article's hash, which its parts' hold */
		st = check_id(path_copy, err);
		if (st == TC_OK)
			st = entry_hash(ln, path_copy, json, 0, &ln->article_hash, err);
		if (st == TC_OK)
			st = index_clauses(ln, TC_DB_PROVISIONS, record, article, path_copy, order, err);
	} else {
		tc_buf defined = {0};
		entry_result result;
		st = article_defines(ln, article, &arg.base, &defined, err);
		if (st == TC_OK)
			st = write_entry(ln, TC_DB_PROVISIONS, path_copy, json, 0, fill_provision, &arg, &result, err);
		tc_buf_free(&defined);
		if (st == TC_OK)
			count_result(ln, result);
	}
	json_decref(json);
	tc_free(path_copy);
	return st;
}

static tc_status index_provisions(lane *ln, const tc_record *record, const tc_node *node, long *order,
                                  tc_error *err)
{
	for (const tc_node *child = node->first_child; child; child = child->next) {
		tc_status st = TC_OK;
		if (child->kind == TC_NODE_ARTICLE)
			st = index_article(ln, record, child, (*order)++, err);
		else if (child->kind != TC_NODE_NOTE)
			st = index_provisions(ln, record, child, order, err);
		if (st != TC_OK)
			return st;
	}
	return TC_OK;
}


/* The codified article RECORD is, or NULL. */
static const tc_node *codified_article(const tc_record *record)
{
	return record->kind == TC_RECORD_CODIFIED && record->body && record->body->kind == TC_NODE_ARTICLE
	               ? record->body
	               : NULL;
}

/* The entries of RECORD that lane LN writes: in the lane of records and
 * articles, the record's own entry and its articles' (a document's
 * provisions); in the parts lane, their clauses and points. */
static tc_status add_entries(lane *ln, const tc_record *record, tc_error *err)
{
	tc_index *index = ln->index;
	tc_db_kind kind = record->kind == TC_RECORD_CODIFIED ? TC_DB_CODIFIED : TC_DB_DOCS;
	const char *kind_name = record->kind == TC_RECORD_CODIFIED    ? "codified"
	                        : record->kind == TC_RECORD_SOURCE_DOC ? "source"
	                                                               : "document";
	/* a codified article: what it defines, and its clauses, as a document's article */
	const tc_node *article = codified_article(record);
	/* the parts lane stops where the other does when the record's id is refused */
	tc_status st = ln->parts ? check_id(record->id, err) : TC_OK;
	if (st != TC_OK)
		return st;
	if (!ln->parts || (article && record->codified)) {
		json_t *json = tc__display_record(record, kind_name);
		if (!json)
			return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		if (ln->parts) {
			/* the article's hash, which its parts' hold */
			st = entry_hash(ln, record->id, json, 0, &ln->article_hash, err);
		} else {
			const char *text = json_string_value(json_object_get(json, "text"));
			/* A codified article's number and title make its heading
			 * ("36.3.LQ.1. Thanh niên"); a document's heading is its title. */
			record_arg arg = {.record = record, .text = text, .text_len = text ? strlen(text) : 0,
			                  .heading = record->title};
			tc_buf defined = {0};
			entry_result result;
			st = article ? article_defines(ln, article, &arg, &defined, err) : TC_OK;
			if (st == TC_OK)
				st = write_entry(ln, kind, record->id, json, 0,
				                 kind == TC_DB_CODIFIED ? fill_codified : fill_document, &arg, &result, err);
			tc_buf_free(&defined);
			if (st == TC_OK)
				count_result(ln, result);
			if (st == TC_OK && kind == TC_DB_CODIFIED && tc__headings_add(index->headings, record) < 0)
				st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		}
		json_decref(json);
		if (st != TC_OK)
			return st;
	}
	if (ln->parts && article && record->codified)
		st = index_clauses(ln, kind, record, article, record->id, record->codified->order, err);
	if (st == TC_OK && record->kind == TC_RECORD_DOCUMENT && record->body) {
		long order = 0;
		st = index_provisions(ln, record, record->body, &order, err);
	}
	return st;
}

/* ---- the parts lane's thread ---- */

/* Start a thread running FN(ARG) into *THREAD; whether it started. Signals
 * (Ctrl-C) stay the caller's thread's. */
static int start_thread(pthread_t *thread, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	int started = pthread_create(thread, NULL, fn, arg) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return started;
}

static void lane_merge(tc_index *index, lane *ln);
static tc_status commit_range(tc_index *index, int first, int end, tc_error *err);

/* The outcome of the parts of a record: a failure of the lane's own
 * stops the run (kept in W->status for the caller); an id the index
 * refuses (too long) is the record's or an article's, which the other
 * lane reports (a part's own is left out and counted: index_part). Under
 * W->lock. */
static void parts_job_done(tc_index *index, tc_status st, const tc_error *err)
{
	parts_thread *w = &index->worker;
	if (st != TC_OK && st != TC_ERR_INPUT && w->status == TC_OK) {
		w->status = st;
		w->err = *err;
	}
	lane_merge(index, &index->lanes[1]);
}

static void *parts_thread_main(void *arg)
{
	tc_index *index = arg;
	parts_thread *w = &index->worker;
	lane *ln = &index->lanes[1];
	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->count && !w->quit)
			pthread_cond_wait(&w->changed, &w->lock);
		if (!w->count || w->discard)
			break;
		parts_job *job = &w->jobs[w->head];
		/* after a failure the queued records are dropped: the run stops */
		int write = w->status == TC_OK;
		pthread_mutex_unlock(&w->lock);
		tc_error err = {0};
		tc_status st = TC_OK;
		if (job->record) {
			ln->record = job->record;
			st = write ? add_entries(ln, job->record, &err) : TC_OK;
			ln->record = NULL;
		} else if (write) {
			/* the batch's commit: the articles of every part written
			 * so far are committed (maybe_commit) */
			st = commit_range(index, TC_DB_ARTICLE_KINDS, TC_DB_COUNT, &err);
		}
		pthread_mutex_lock(&w->lock);
		if (!job->record && write && st == TC_OK)
			index->counts.records_committed = job->records;
		parts_job_done(index, st, &err);
		if (job->arena)
			tc_arena_reset(job->arena);
		w->bytes -= job->bytes;
		w->head = (w->head + 1) % PARTS_QUEUE;
		w->count--;
		pthread_cond_broadcast(&w->changed);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* Whether the parts lane writes anything of RECORD (add_entries): the
 * clauses and points of a codified article or of a document's provisions.
 * Other records are not queued for it. */
static int parts_lane_writes(const tc_index *index, const tc_record *record)
{
	if (record->kind == TC_RECORD_DOCUMENT)
		return record->body != NULL;
	const tc_node *article = codified_article(record);
	return article && record->codified && clause_entries(&index->lanes[1], article);
}

/* Queue a copy of RECORD for the parts lane's thread, or with RECORD NULL
 * the batch's commit of the parts databases (maybe_commit), waiting for
 * room. A failure the thread met before is returned: the run stops. */
static tc_status parts_lane_queue(tc_index *index, const tc_record *record, tc_error *err)
{
	parts_thread *w = &index->worker;
	pthread_mutex_lock(&w->lock);
	while ((w->count == PARTS_QUEUE || (w->count && w->bytes >= PARTS_QUEUE_BYTES)) && w->status == TC_OK)
		pthread_cond_wait(&w->changed, &w->lock);
	tc_status st = w->status;
	if (st != TC_OK) {
		if (err)
			*err = w->err;
		pthread_mutex_unlock(&w->lock);
		return st;
	}
	parts_job *job = &w->jobs[(w->head + w->count) % PARTS_QUEUE];
	pthread_mutex_unlock(&w->lock);
	/* the slot is the caller's until counted: the thread reads jobs[head..count) only */
	job->record = NULL;
	job->bytes = 0;
	job->records = index->counts.records;
	if (record) {
		if (!job->arena)
			job->arena = tc_arena_new(PARTS_JOB_CHUNK);
		job->record = job->arena ? tc_record_copy(job->arena, record) : NULL;
		if (!job->record) {
			if (job->arena)
				tc_arena_reset(job->arena);
			return tc_error_set(err, TC_ERR_NOMEM, "out of memory queueing the parts of '%s'",
			                    record->id);
		}
		job->bytes = tc_arena_bytes(job->arena);
	}
	pthread_mutex_lock(&w->lock);
	w->count++;
	w->bytes += job->bytes;
	/* a new batch: what the lanes write from here on */
	if (!record)
		index->pending_bytes = 0;
	pthread_cond_broadcast(&w->changed);
	pthread_mutex_unlock(&w->lock);
	return TC_OK;
}

/* Queue a copy of RECORD's parts for the parts lane's thread (waiting for
 * room); without the thread, write them now. A failure the thread met
 * before is returned: the run stops. */
static tc_status parts_lane_add(tc_index *index, const tc_record *record, tc_error *err)
{
	parts_thread *w = &index->worker;
	if (!parts_lane_writes(index, record))
		return TC_OK;
	if (!w->started) {
		lane *ln = &index->lanes[1];
		ln->record = record;
		tc_status st = add_entries(ln, record, err);
		ln->record = NULL;
		lane_merge(index, ln);
		/* an id refused is the other lane's to report (parts_job_done) */
		return st == TC_ERR_INPUT ? TC_OK : st;
	}
	return parts_lane_queue(index, record, err);
}

/* Wait until the parts lane has written every record queued (before a
 * commit, a prune, a delete, the counts); its failure, if any. */
static tc_status parts_lane_drain(tc_index *index, tc_error *err)
{
	parts_thread *w = &index->worker;
	if (!w->started)
		return TC_OK;
	pthread_mutex_lock(&w->lock);
	while (w->count)
		pthread_cond_wait(&w->changed, &w->lock);
	tc_status st = w->status;
	if (st != TC_OK && err)
		*err = w->err;
	pthread_mutex_unlock(&w->lock);
	return st;
}

/* Start the parts lane's thread when OPTIONS ask for two (or leave it to
 * the machine); without it, the parts are written after the rest of each
 * record, in the same thread. */
static void parts_thread_start(tc_index *index)
{
	int threads = index->options.threads;
	if (threads <= 0)
		threads = sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? 2 : 1;
	if (threads < 2)
		return;
	parts_thread *w = &index->worker;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->changed, NULL);
	w->started = start_thread(&w->thread, parts_thread_main, index);
	if (!w->started) {
		pthread_cond_destroy(&w->changed);
		pthread_mutex_destroy(&w->lock);
	}
}

/* Stop the thread: after writing what is queued, or with DISCARD at once
 * (the record being written is finished, the rest dropped). */
static void parts_thread_stop(tc_index *index, int discard)
{
	parts_thread *w = &index->worker;
	if (w->started) {
		pthread_mutex_lock(&w->lock);
		w->quit = 1;
		w->discard = discard;
		pthread_cond_broadcast(&w->changed);
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->thread, NULL);
		pthread_cond_destroy(&w->changed);
		pthread_mutex_destroy(&w->lock);
		w->started = 0;
	}
	for (size_t i = 0; i < PARTS_QUEUE; i++) {
		tc_arena_free(w->jobs[i].arena);
		w->jobs[i].arena = NULL;
	}
}

/* Add LN's figures since the last record to the index's. */
static void lane_merge(tc_index *index, lane *ln)
{
	tc_index_counts *to = &index->counts, *from = &ln->counts;
	to->added += from->added;
	to->changed += from->changed;
	to->unchanged += from->unchanged;
	to->skipped_terms += from->skipped_terms;
	to->duplicate_ids += from->duplicate_ids;
	if (!to->refused_parts && from->refused_parts)
		memcpy(to->first_refused, from->first_refused, sizeof to->first_refused);
	to->refused_parts += from->refused_parts;
	to->text_bytes += from->text_bytes;
	to->stored_bytes += from->stored_bytes;
	to->stored_bytes_nodict += from->stored_bytes_nodict;
	to->sampled_bytes += from->sampled_bytes;
	index->pending_bytes += ln->pending_bytes;
	ln->counts = (tc_index_counts){0};
	ln->pending_bytes = 0;
}

/* Commit databases FIRST to END - 1, one after another. The parts
 * databases are committed after the articles' (commit_all, and
 * maybe_commit with the parts lane's thread): what a committed state holds
 * of an article's clauses and points, it holds of the article (a run
 * killed between two commits leaves no part without its article). When
 * one fails (a full disk), the message says which were committed in this
 * batch and which not, and the index stays at a state the next run
 * completes. */
static tc_status commit_range(tc_index *index, int first, int end, tc_error *err)
{
	for (int k = first; k < end; k++) {
		/* the last stamp given so far, by either lane */
		pthread_mutex_lock(&index->stamp_lock);
		tc_status st = tc__changes_mark(index->changes, index->dbs[k].writer, err);
		pthread_mutex_unlock(&index->stamp_lock);
		if (st == TC_OK)
			st = xc_writer_commit(index->dbs[k].writer, err);
		if (st == TC_OK)
			continue;
		if (err) {
			char done[128] = "", left[128] = "";
			for (int j = 0; j < TC_DB_COUNT; j++) {
				char *list = j < k ? done : left;
				size_t used = strlen(list);
				snprintf(list + used, sizeof done - used, "%s%s", used ? ", " : "", tc_db_kind_name((tc_db_kind)j));
			}
			char message[TC_ERROR_MESSAGE_MAX];
			snprintf(message, sizeof message, "%s", err->message);
			tc_error_set(err, st, "%s (committed in this batch: %s; not committed: %s)", message,
			             *done ? done : "none", left);
		}
		return st;
	}
	return TC_OK;
}

/* The change log's own commit (its last stamp, its tombstones), after the
 * databases'. */
static tc_status commit_changes(tc_index *index, tc_error *err)
{
	pthread_mutex_lock(&index->stamp_lock);
	tc_status st = tc__changes_commit(index->changes, err);
	pthread_mutex_unlock(&index->stamp_lock);
	return st;
}

/* Commit every database, after the parts lane's thread has written and
 * committed what is queued: a batch's commit of the parts databases may be
 * queued (maybe_commit, from tc_index_add or write_heading), and two
 * commits of one database must not cross. */
static tc_status commit_all(tc_index *index, tc_error *err)
{
	tc_status st = parts_lane_drain(index, err);
	if (st == TC_OK)
		st = commit_range(index, 0, TC_DB_COUNT, err);
	if (st == TC_OK)
		st = commit_changes(index, err);
	if (st != TC_OK)
		return st;
	index->pending_bytes = 0;
	index->counts.records_committed = index->counts.records;
	return TC_OK;
}

/* Commit when the batch is full. With the parts lane's thread, the caller
 * commits the databases of records and articles and goes on, and queues
 * the commit of the parts databases after the batch's last record: the
 * thread commits them when it comes to it (parts_thread_main), what it
 * commits being parts of records whose articles are committed. Neither
 * waits for the other: emptying the queue before each commit kept the
 * caller waiting 20 to 25 s of a full build, and the thread idle 7 s
 * while the caller committed every database. */
static tc_status maybe_commit(tc_index *index, tc_error *err)
{
	parts_thread *w = &index->worker;
	if (!w->started)
		return index->pending_bytes >= index->options.batch_bytes ? commit_all(index, err) : TC_OK;
	pthread_mutex_lock(&w->lock);
	int full = index->pending_bytes >= index->options.batch_bytes;
	pthread_mutex_unlock(&w->lock);
	if (!full)
		return TC_OK;
	tc_status st = commit_range(index, 0, TC_DB_ARTICLE_KINDS, err);
	if (st == TC_OK)
		st = commit_changes(index, err);
	return st == TC_OK ? parts_lane_queue(index, NULL, err) : st;
}

/* Add the figures of the lane of records and articles to the index's
 * (beside the parts lane's thread, which adds its own under the lock). */
static void lane_merge_main(tc_index *index)
{
	parts_thread *w = &index->worker;
	if (w->started)
		pthread_mutex_lock(&w->lock);
	lane_merge(index, &index->lanes[0]);
	if (w->started)
		pthread_mutex_unlock(&w->lock);
}

tc_status tc_index_add(tc_index *index, const tc_record *record, tc_error *err)
{
	if (!record->id || !*record->id)
		return TC_OK; /* nothing to key it on: the loader has reported it */
	if (origin_add(&index->origins, record->source_name) < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	index->counts.records++;
	lane *ln = &index->lanes[0];
	ln->record = record;
	tc_status st = add_entries(ln, record, err);
	ln->record = NULL;
	lane_merge_main(index);
	/* The parts are written even when the rest of the record was refused,
	 * as far as the other lane went (check_id); after any other failure
	 * the run drops what it did not commit. */
	if (st == TC_OK || st == TC_ERR_INPUT) {
		tc_error parts_err = {0};
		tc_status parts_st = parts_lane_add(index, record, &parts_err);
		if (parts_st != TC_OK) {
			if (err)
				*err = parts_err;
			return parts_st;
		}
	}
	return st == TC_OK ? maybe_commit(index, err) : st;
}

/* ---- the codification's headings ---- */

/* A đề mục or a chủ đề (headings.c): found by its heading's words, the
 * headings it lists, and by the names it answers to ("đề mục thanh niên", "de muc 36.3", "pháp điển
 * thanh niên", "chủ đề văn hóa, thể thao, du lịch"); an entry of its own
 * for both stages of ranking, with no chủ đề or đề mục term, so that the
 * codification's tree (browse.c) counts articles only. */
static tc_status fill_heading(lane *ln, xc_doc *doc, const void *varg, tc_error *err)
{
	const tc__heading *h = varg;
	term_ctx ctx = {.ln = ln, .doc = doc, .wdf = 1, .number_prefix = TC_PREFIX_MENTION};
	tc_status st = add_bool(ln, doc, TC_PREFIX_ORIGIN, h->origin, err);
	if (st == TC_OK)
		st = set_value_str(doc, TC_SLOT_ORIGIN, h->origin, err);
	if (st == TC_OK) {
		ctx.title = ln->index->options.features.title;
		ctx.wdf = ln->index->options.features.title ? 2 : 1;
		st = index_text(ln, &ctx, h->heading, strlen(h->heading), err);
		ctx.title = 0;
		ctx.wdf = 1;
	}
	/* its text, the headings it lists, after the words of its place */
	static const char place[] = "Bộ pháp điển.";
	const char *text = json_string_value(json_object_get(h->json, "text"));
	if (st == TC_OK)
		st = index_text(ln, &ctx, place, strlen(place), err);
	if (st == TC_OK && text)
		st = index_text(ln, &ctx, text, strlen(text), err);
	const char *names[][2] = {{h->kind, h->name}, {h->kind, h->number}, {"pháp điển", h->name}};
	for (size_t i = 0; st == TC_OK && i < sizeof names / sizeof *names; i++) {
		if (i == 2 && strcmp(h->kind, "Đề mục"))
			break;
		tc_buf_reset(&ln->scratch);
		if (tc_buf_printf(&ln->scratch, "%s %s", names[i][0], names[i][1]) < 0 ||
		    tc_slug(ln->analyzer, ln->scratch.data, ln->scratch.len, &ln->slug) < 0)
			st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		else if (strlen(TC_PREFIX_NAME) + ln->slug.len <= XC_MAX_TERM_LENGTH)
			st = add_bool(ln, doc, TC_PREFIX_NAME, ln->slug.data, err);
	}
	return st == TC_OK ? set_place(doc, 0, h->id, 0, err) : st;
}

static tc_status write_heading(void *ctx, const tc__heading *heading, tc_error *err)
{
	tc_index *index = ctx;
	lane *ln = &index->lanes[0];
	entry_result result;
	tc_status st = write_entry(ln, TC_DB_CODIFIED, heading->id, heading->json, 0, fill_heading, heading,
	                           &result, err);
	if (st == TC_OK)
		count_result(ln, result);
	lane_merge_main(index);
	return st == TC_OK ? maybe_commit(index, err) : st;
}

/* ---- finishing ---- */

typedef struct prune_ctx {
	tc_index *index;
	db_state *db;
	char **doomed;
	size_t doomed_count, doomed_cap;
	tc_error *err;
	tc_status status;
} prune_ctx;

static int on_unique_term(void *vctx, const char *term, size_t len)
{
	prune_ctx *ctx = vctx;
	db_state *db = ctx->db;
	char *unique = tc_strndup(term, len);
	if (!unique) {
		ctx->status = tc_error_set(ctx->err, TC_ERR_NOMEM, "out of memory");
		return 1;
	}
	xc_docid docid = 0;
	tc_status st = xc_writer_find(db->writer, unique, &docid, ctx->err);
	if (st != TC_OK || !docid || (docid < db->seen_cap && db->seen[docid])) {
		tc_free(unique);
		if (st != TC_OK)
			ctx->status = st;
		return st != TC_OK;
	}
	/* Only records of the sources indexed in this run are pruned. */
	char *origin = NULL;
	size_t origin_len = 0;
	st = xc_writer_get_value(db->writer, docid, TC_SLOT_ORIGIN, &origin, &origin_len, ctx->err);
	int ours = st == TC_OK && origin_has(&ctx->index->origins, origin ? origin : "", origin_len);
	tc_free(origin);
	if (st != TC_OK || !ours) {
		tc_free(unique);
		if (st != TC_OK)
			ctx->status = st;
		return st != TC_OK;
	}
	if (ctx->doomed_count == ctx->doomed_cap) {
		size_t cap = ctx->doomed_cap ? ctx->doomed_cap * 2 : 256;
		char **doomed = tc_realloc(ctx->doomed, cap * sizeof *doomed);
		if (!doomed) {
			tc_free(unique);
			ctx->status = tc_error_set(ctx->err, TC_ERR_NOMEM, "out of memory");
			return 1;
		}
		ctx->doomed = doomed;
		ctx->doomed_cap = cap;
	}
	ctx->doomed[ctx->doomed_count++] = unique;
	return 0;
}

/* Delete each of the N unique TERMS of database KIND (collected first:
 * deleting while walking the term list would change what is being walked),
 * each leaving a tombstone (changes.c), and free them and the array; the
 * first error stops the deleting. */
static tc_status delete_collected(tc_index *index, tc_db_kind kind, char **terms, size_t n, tc_status st,
                                  tc_error *err)
{
	xc_writer *writer = index->dbs[kind].writer;
	for (size_t i = 0; i < n; i++) {
		if (st == TC_OK)
			st = tc__changes_tombstone(index->changes, writer, kind, terms[i], err);
		if (st == TC_OK)
			st = xc_writer_delete(writer, terms[i], err);
		tc_free(terms[i]);
	}
	tc_free(terms);
	return st;
}

/* Prune the databases from FIRST to END (exclusive). */
static tc_status prune(tc_index *index, int first, int end, tc_error *err)
{
	for (int k = first; k < end; k++) {
		prune_ctx ctx = {.index = index, .db = &index->dbs[k], .err = err, .status = TC_OK};
		/* Collect first, delete after: deleting while walking the term list
		 * would change what is being walked. */
		tc_status st = xc_writer_each_term(index->dbs[k].writer, TC_PREFIX_ID, on_unique_term, &ctx, err);
		if (st == TC_OK)
			st = ctx.status;
		st = delete_collected(index, (tc_db_kind)k, ctx.doomed, ctx.doomed_count, st, err);
		if (st != TC_OK)
			return st;
		/* records and articles removed; their parts go with them */
		if (k < TC_DB_ARTICLE_KINDS)
			index->counts.removed += (long long)ctx.doomed_count;
	}
	return TC_OK;
}

tc_status tc_index_finish(tc_index *index, tc_index_counts *counts, tc_error *err)
{
	tc_status st = parts_lane_drain(index, err);
	for (int k = 0; st == TC_OK && k < TC_DB_COUNT; k++)
		if (!index->dbs[k].dict_done && index->dbs[k].sample_count)
			st = train_dictionary(&index->lanes[0], &index->dbs[k], err);
	/* An interrupted run must not prune: what it did not reach is not
	 * gone; nor write the codification's headings, whose lists it did not
	 * see whole. */
	int interrupted = index->options.stop && *index->options.stop;
	if (st == TC_OK && !interrupted)
		st = tc__headings_each(index->headings, write_heading, index, err);
	/* Pruning goes in three commits: what this run wrote, then the parts
	 * of articles that are gone, then the articles and documents. A kill
	 * between them leaves an article without its parts (the next run
	 * prunes it), never a part without its article. */
	if (st == TC_OK && index->options.prune && !interrupted) {
		st = commit_all(index, err);
		if (st == TC_OK)
			st = prune(index, TC_DB_ARTICLE_KINDS, TC_DB_COUNT, err);
		if (st == TC_OK)
			st = commit_all(index, err);
		if (st == TC_OK)
			st = prune(index, 0, TC_DB_ARTICLE_KINDS, err);
	}
	if (st == TC_OK)
		st = commit_all(index, err);
	if (st == TC_OK)
		st = write_manifest(index, err);
	tc_index_get_counts(index, counts);
	return st;
}

typedef struct delete_ctx {
	const char *id;
	size_t id_len;
	char **doomed;
	size_t count, cap;
	int nomem;
} delete_ctx;

/* The entry ID itself and its parts: "<id>/…" (a document's provisions,
 * an article's clauses and points). */
static int on_delete_term(void *vctx, const char *term, size_t len)
{
	delete_ctx *ctx = vctx;
	size_t prefix = strlen(TC_PREFIX_ID);
	if (len - prefix > ctx->id_len && term[prefix + ctx->id_len] != '/')
		return 0;
	if (ctx->count == ctx->cap) {
		size_t cap = ctx->cap ? ctx->cap * 2 : 16;
		char **doomed = tc_realloc(ctx->doomed, cap * sizeof *doomed);
		if (!doomed) {
			ctx->nomem = 1;
			return 1;
		}
		ctx->doomed = doomed;
		ctx->cap = cap;
	}
	if (!(ctx->doomed[ctx->count] = tc_strndup(term, len))) {
		ctx->nomem = 1;
		return 1;
	}
	ctx->count++;
	return 0;
}

tc_status tc_index_delete(tc_index *index, const char *id, long long *removed, tc_error *err)
{
	long long entries = 0;
	tc_status drained = parts_lane_drain(index, err);
	if (drained != TC_OK)
		return drained;
	tc_buf *term = &index->lanes[0].term;
	tc_buf_reset(term);
	if (tc_buf_printf(term, "%s%s", TC_PREFIX_ID, id) < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	for (int k = 0; k < TC_DB_COUNT; k++) {
		delete_ctx ctx = {.id = id, .id_len = strlen(id)};
		tc_status st = xc_writer_each_term(index->dbs[k].writer, term->data, on_delete_term, &ctx, err);
		if (st == TC_OK && ctx.nomem)
			st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
		st = delete_collected(index, (tc_db_kind)k, ctx.doomed, ctx.count, st, err);
		if (st != TC_OK)
			return st;
		entries += (long long)ctx.count;
	}
	if (removed)
		*removed = entries;
	if (!entries)
		return tc_error_set(err, TC_ERR_NOT_FOUND, "no entry has the id '%s'", id);
	index->counts.removed++;
	return TC_OK;
}

int tc_index_created(const tc_index *index) { return index->created; }

void tc_index_get_counts(tc_index *index, tc_index_counts *counts)
{
	if (!counts)
		return;
	/* the parts lane's figures are whole when its queue is empty */
	parts_lane_drain(index, NULL);
	*counts = index->counts;
	for (int k = 0; k < TC_DB_COUNT; k++)
		counts->entries[k] = index->dbs[k].entries;
}

tc_status tc_index_close(tc_index *index, int discard, tc_error *err)
{
	if (!index)
		return TC_OK;
	/* what is queued is written (and committed below), or dropped */
	parts_thread_stop(index, discard);
	tc_status status = TC_OK;
	for (int k = 0; k < TC_DB_COUNT; k++) {
		if (!index->dbs[k].writer)
			continue;
		tc_error close_err;
		tc_status st = discard ? TC_OK : tc__changes_mark(index->changes, index->dbs[k].writer, &close_err);
		tc_status closed = xc_writer_close(index->dbs[k].writer, discard, st == TC_OK ? &close_err : NULL);
		if (st == TC_OK)
			st = closed;
		index->dbs[k].writer = NULL;
		if (st != TC_OK && status == TC_OK) {
			status = st;
			if (err)
				*err = close_err;
		}
	}
	tc_error close_err;
	tc_status st = tc__changes_close(index->changes, discard, &close_err);
	if (st != TC_OK && status == TC_OK) {
		status = st;
		if (err)
			*err = close_err;
	}
	index_free(index);
	return status;
}

/* The compacted copy of database PATH is built in PATH.compact and
 * exchanged with it in one step (renameat2 RENAME_EXCHANGE), so that a kill
 * at any moment leaves PATH whole, the old or the new; where the file
 * system cannot exchange, PATH goes to PATH.old and the copy in its place.
 * What a kill leaves of either is repaired here, before the database is
 * opened or compacted again: a copy half-made is removed, a database moved
 * aside and not replaced is moved back. */
static void repair_compaction(const char *path, tc_buf *tmp, tc_buf *old)
{
	tc_buf_reset(tmp);
	tc_buf_printf(tmp, "%s.compact", path);
	tc_buf_reset(old);
	tc_buf_printf(old, "%s.old", path);
	struct stat st;
	if (stat(old->data, &st) == 0) {
		if (stat(path, &st) < 0 && errno == ENOENT)
			rename(old->data, path);
		else
			tc_remove_tree(old->data);
	}
	tc_remove_tree(tmp->data);
}

/* One database of the index compacted in place (see repair_compaction). */
static tc_status compact_one(const char *dir, tc_db_kind kind, tc_error *err)
{
	tc_buf path = {0}, tmp = {0}, old = {0};
	tc_index_db_path(dir, kind, &path);
	repair_compaction(path.data, &tmp, &old);
	/* A writer holds the lock for the whole compaction, so that nothing
	 * is written between the copy and the swap. */
	xc_writer *writer = NULL;
	tc_status st = xc_writer_open(path.data, XC_OPEN_EXISTING, &writer, err);
	if (st == TC_OK) {
		st = xc_compact(path.data, tmp.data, err);
		if (st == TC_OK && renameat2(AT_FDCWD, tmp.data, AT_FDCWD, path.data, RENAME_EXCHANGE) < 0 &&
		    (errno != EINVAL || rename(path.data, old.data) < 0 || rename(tmp.data, path.data) < 0))
			st = tc_error_set(err, TC_ERR_IO, "cannot swap in the compacted '%s': %s", path.data,
			                  strerror(errno));
		xc_writer_close(writer, 1, NULL);
	}
	/* the old database, where the copy was made (or moved aside) */
	if (st == TC_OK)
		repair_compaction(path.data, &tmp, &old);
	tc_buf_free(&path);
	tc_buf_free(&tmp);
	tc_buf_free(&old);
	return st;
}

/* The databases of an index compacted by two threads, each taking the
 * next database, the largest first: the two databases of the codification
 * are most of an index and take about as long each (the benchmark's
 * index: about 7 s for all five against 12 s one after the other). */
typedef struct compaction {
	const char *dir;
	pthread_mutex_t lock;
	int next; /* into compact_order */
	tc_status status; /* the first failure: the others stop before their next */
	tc_error err;
} compaction;

static const tc_db_kind compact_order[] = {TC_DB_CODIFIED_PARTS, TC_DB_CODIFIED, TC_DB_PROVISION_PARTS,
                                           TC_DB_PROVISIONS, TC_DB_DOCS};
_Static_assert(sizeof compact_order / sizeof *compact_order == TC_DB_COUNT, "every database compacted");

static void *compaction_main(void *arg)
{
	compaction *c = arg;
	for (;;) {
		pthread_mutex_lock(&c->lock);
		int i = c->status == TC_OK && c->next < TC_DB_COUNT ? c->next++ : -1;
		pthread_mutex_unlock(&c->lock);
		if (i < 0)
			return NULL;
		tc_error err = {0};
		tc_status st = compact_one(c->dir, compact_order[i], &err);
		pthread_mutex_lock(&c->lock);
		if (st != TC_OK && c->status == TC_OK) {
			c->status = st;
			c->err = err;
		}
		pthread_mutex_unlock(&c->lock);
	}
}

tc_status tc_index_compact(const char *dir, tc_error *err)
{
	compaction c = {.dir = dir, .status = TC_OK};
	pthread_mutex_init(&c.lock, NULL);
	pthread_t thread;
	int started = sysconf(_SC_NPROCESSORS_ONLN) >= 2 && start_thread(&thread, compaction_main, &c);
	compaction_main(&c);
	if (started)
		pthread_join(thread, NULL);
	pthread_mutex_destroy(&c.lock);
	if (c.status != TC_OK && err)
		*err = c.err;
	return c.status;
}
