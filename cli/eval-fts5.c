/* eval-fts5.c - the SQLite FTS5 baseline of the quality evaluation.
 *
 * The reference setup of ../shared/corpus/alqac2024/SOURCE.md: one FTS5
 * table with two columns, title and body, tokenizer `unicode61
 * remove_diacritics 0` (diacritics kept, case folded), every text NFC
 * normalised (ICU), ranked by bm25(t) with the default column weights (1, 1).
 * A question becomes an OR of its distinct words, each double-quoted: a word
 * is a run of letters, numbers or '_' (Python's \w, which the reference
 * used), taken from the lowercased NFC text, and kept once in order of first
 * appearance. Distinctness matters: FTS5's bm25 sums over the phrases of the
 * query, so a word given twice would weigh twice. Ties in bm25 are broken by
 * article order, so that a run is reproducible.
 *
 * For the latency benchmark: a phrase is the words as one quoted FTS5 string,
 * an AND of words the quoted words joined by AND, each counted by COUNT(*)
 * over the same MATCH; a listing reads a plain table meta(rowid, type,
 * issue_date) (the articles that have both) through its index on (type,
 * issue_date): the closest an FTS5 application comes to a filter-only
 * query, since FTS5 indexes no column values. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "eval.h"

typedef struct fts5_state {
	sqlite3 *db;
	sqlite3_stmt *search, *count, *listing, *listing_count;
	sqlite3_stmt *count_bounded, *listing_count_bounded; /* up to ?N matches */
	tc_buf nfc, lower, query, word;
} fts5_state;

static tc_status sqlite_fail(sqlite3 *db, int rc, const char *what, tc_error *err)
{
	return tc_error_set(err, rc == SQLITE_NOMEM ? TC_ERR_NOMEM : TC_ERR_INTERNAL, "fts5: %s: %s", what,
	                    db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

static tc_status fts5_build(void *state, const eval_corpus *corpus, const char *workdir, tc_error *err)
{
	fts5_state *s = state;
	char path[4096];
	snprintf(path, sizeof path, "%s/fts5.db", workdir);
	int rc = sqlite3_open(path, &s->db);
	if (rc != SQLITE_OK)
		return sqlite_fail(s->db, rc, path, err);
	/* A scratch database: no journal, no fsync. */
	rc = sqlite3_exec(s->db,
	                  "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;"
	                  "CREATE VIRTUAL TABLE t USING fts5(title, body,"
	                  " tokenize = 'unicode61 remove_diacritics 0');"
	                  "CREATE TABLE meta(rowid INTEGER PRIMARY KEY, type TEXT, issue_date INTEGER);",
	                  NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sqlite_fail(s->db, rc, "cannot create the table (is FTS5 compiled in?)", err);
	sqlite3_stmt *insert = NULL, *insert_meta = NULL;
	rc = sqlite3_prepare_v2(s->db, "INSERT INTO t(rowid, title, body) VALUES (?1, ?2, ?3)", -1, &insert,
	                        NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(s->db, "INSERT INTO meta(rowid, type, issue_date) VALUES (?1, ?2, ?3)",
		                        -1, &insert_meta, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(insert);
		return sqlite_fail(s->db, rc, "prepare insert", err);
	}
	tc_buf title = {0};
	for (size_t i = 0; i < corpus->count; i++) {
		const eval_article *a = &corpus->articles[i];
		if (eval_nfc(a->title, strlen(a->title), &title) < 0 ||
		    eval_nfc(a->body, strlen(a->body), &s->nfc) < 0) {
			rc = SQLITE_NOMEM;
			break;
		}
		/* rowid = article index + 1 (rowid 0 is legal but unusual). */
		sqlite3_bind_int64(insert, 1, (sqlite3_int64)i + 1);
		sqlite3_bind_text(insert, 2, title.data, (int)title.len, SQLITE_STATIC);
		sqlite3_bind_text(insert, 3, s->nfc.data, (int)s->nfc.len, SQLITE_STATIC);
		rc = sqlite3_step(insert);
		sqlite3_reset(insert);
		if (rc != SQLITE_DONE)
			break;
		rc = SQLITE_OK;
		if (a->type_slug && a->issue_date) {
			sqlite3_bind_int64(insert_meta, 1, (sqlite3_int64)i + 1);
			sqlite3_bind_text(insert_meta, 2, a->type_slug, -1, SQLITE_STATIC);
			sqlite3_bind_int64(insert_meta, 3, (sqlite3_int64)a->issue_date);
			rc = sqlite3_step(insert_meta);
			sqlite3_reset(insert_meta);
			if (rc != SQLITE_DONE)
				break;
			rc = SQLITE_OK;
		}
	}
	tc_buf_free(&title);
	sqlite3_finalize(insert);
	sqlite3_finalize(insert_meta);
	if (rc != SQLITE_OK)
		return sqlite_fail(s->db, rc, "insert", err);
	rc = sqlite3_exec(s->db, "CREATE INDEX meta_type_date ON meta(type, issue_date); COMMIT", NULL, NULL,
	                  NULL);
	if (rc != SQLITE_OK)
		return sqlite_fail(s->db, rc, "commit", err);
	static const struct {
		size_t offset;
		const char *sql;
	} statements[] = {
	        {offsetof(fts5_state, search),
	         "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY bm25(t), rowid LIMIT ?2"},
	        {offsetof(fts5_state, count), "SELECT count(*) FROM t WHERE t MATCH ?1"},
	        {offsetof(fts5_state, listing),
	         "SELECT rowid FROM meta WHERE type = ?1 AND issue_date BETWEEN ?2 AND ?3"
	         " ORDER BY issue_date DESC, rowid LIMIT ?4"},
	        {offsetof(fts5_state, listing_count),
	         "SELECT count(*) FROM meta WHERE type = ?1 AND issue_date BETWEEN ?2 AND ?3"},
	        {offsetof(fts5_state, count_bounded),
	         "SELECT count(*) FROM (SELECT 1 FROM t WHERE t MATCH ?1 LIMIT ?2)"},
	        {offsetof(fts5_state, listing_count_bounded),
	         "SELECT count(*) FROM (SELECT 1 FROM meta WHERE type = ?1 AND issue_date BETWEEN ?2 AND ?3"
	         " LIMIT ?4)"},
	};
	for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++) {
		sqlite3_stmt **stmt = (sqlite3_stmt **)((char *)s + statements[i].offset);
		rc = sqlite3_prepare_v2(s->db, statements[i].sql, -1, stmt, NULL);
		if (rc != SQLITE_OK)
			return sqlite_fail(s->db, rc, statements[i].sql, err);
	}
	return TC_OK;
}

/* A word character in Python's sense (\w): letters, numbers, '_'. */
static int is_word_char(UChar32 c)
{
	if (c == '_' || u_isalpha(c))
		return 1;
	int8_t type = u_charType(c);
	return type == U_DECIMAL_DIGIT_NUMBER || type == U_LETTER_NUMBER || type == U_OTHER_NUMBER;
}

/* Lowercase TEXT (NFC already) into OUT with ICU's root locale rules. */
static int lowercase(const char *text, size_t len, tc_buf *out)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t ulen = 0;
	u_strFromUTF8WithSub(NULL, 0, &ulen, text, (int32_t)len, 0xFFFD, NULL, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
		return -1;
	/* Lowercasing may lengthen a string (İ → i̇): leave room. */
	int32_t cap = 2 * ulen + 2;
	UChar *u = tc_malloc((size_t)cap * 2 * sizeof *u);
	if (!u)
		return -1;
	UChar *l = u + cap;
	status = U_ZERO_ERROR;
	u_strFromUTF8WithSub(u, cap, &ulen, text, (int32_t)len, 0xFFFD, NULL, &status);
	int32_t llen = U_SUCCESS(status) ? u_strToLower(l, cap, u, ulen, "", &status) : 0;
	int32_t need = 0;
	if (U_SUCCESS(status)) {
		u_strToUTF8(NULL, 0, &need, l, llen, &status);
		if (status == U_BUFFER_OVERFLOW_ERROR)
			status = U_ZERO_ERROR;
	}
	if (U_FAILURE(status) || tc_buf_reserve(out, (size_t)need + 1) < 0) {
		tc_free(u);
		return -1;
	}
	tc_buf_reset(out);
	u_strToUTF8(out->data, need + 1, NULL, l, llen, &status);
	tc_free(u);
	if (U_FAILURE(status))
		return -1;
	out->len = (size_t)need;
	out->data[need] = '\0';
	return 0;
}

/* Build the MATCH expression of TEXT in FORM into s->query: its distinct
 * words OR-ed (a question) or AND-ed, or all its words as one phrase. 0, or
 * -1. */
static int text_to_match(fts5_state *s, const char *text, eval_query_form form)
{
	if (eval_nfc(text, strlen(text), &s->nfc) < 0 || lowercase(s->nfc.data, s->nfc.len, &s->lower) < 0)
		return -1;
	tc_buf_reset(&s->query);
	/* s->word holds the distinct words seen so far, each followed by '\0'. */
	tc_buf_reset(&s->word);
	const char *p = s->lower.data;
	int32_t len = (int32_t)s->lower.len, i = 0;
	while (i < len) {
		UChar32 c;
		int32_t start = i;
		U8_NEXT(p, i, len, c);
		if (!is_word_char(c))
			continue;
		int32_t end = i;
		while (end < len) {
			int32_t next = end;
			U8_NEXT(p, next, len, c);
			if (!is_word_char(c))
				break;
			end = next;
		}
		i = end;
		size_t wlen = (size_t)(end - start);
		int seen = 0;
		for (size_t k = 0; k < s->word.len && !seen && form != EVAL_QUERY_PHRASE;
		     k += strlen(s->word.data + k) + 1)
			seen = strlen(s->word.data + k) == wlen && !memcmp(s->word.data + k, p + start, wlen);
		if (seen)
			continue;
		if (tc_buf_append(&s->word, p + start, wlen) < 0 || tc_buf_append_char(&s->word, '\0') < 0)
			return -1;
		/* No word holds '"' (not a word character): quoting is safe. */
		const char *glue = !s->query.len                 ? ""
		                   : form == EVAL_QUERY_PHRASE ? " "
		                   : form == EVAL_QUERY_ALL    ? "\" AND \""
		                                               : "\" OR \"";
		if ((!s->query.len && tc_buf_append_char(&s->query, '"') < 0) ||
		    tc_buf_append_str(&s->query, glue) < 0 || tc_buf_append(&s->query, p + start, wlen) < 0)
			return -1;
	}
	if (s->query.len && tc_buf_append_char(&s->query, '"') < 0)
		return -1;
	return 0;
}

/* Step STMT (bound) for up to MAX rowids into HITS as article indices. */
static tc_status read_hits(fts5_state *s, sqlite3_stmt *stmt, size_t *hits, size_t max, size_t *n,
                           tc_error *err)
{
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && *n < max)
		hits[(*n)++] = (size_t)sqlite3_column_int64(stmt, 0) - 1;
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sqlite_fail(s->db, rc, "search", err);
	return TC_OK;
}

/* Step STMT (bound) for its one count into *TOTAL. */
static tc_status read_count(fts5_state *s, sqlite3_stmt *stmt, uint64_t *total, tc_error *err)
{
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*total = (uint64_t)sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return sqlite_fail(s->db, rc, "count", err);
	return TC_OK;
}

static tc_status fts5_listing(fts5_state *s, const eval_query *q, size_t *hits, size_t max, size_t *n,
                              uint64_t *total, tc_error *err)
{
	sqlite3_stmt *count = q->count_bound ? s->listing_count_bounded : s->listing_count;
	sqlite3_stmt *stmts[2] = {s->listing, count};
	for (int i = 0; i < 2; i++) {
		sqlite3_bind_text(stmts[i], 1, q->type_slug ? q->type_slug : "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmts[i], 2, (sqlite3_int64)q->year_from * 10000 + 101);
		sqlite3_bind_int64(stmts[i], 3, (sqlite3_int64)q->year_to * 10000 + 1231);
	}
	sqlite3_bind_int64(s->listing, 4, (sqlite3_int64)max);
	if (q->count_bound)
		sqlite3_bind_int64(count, 4, (sqlite3_int64)q->count_bound);
	tc_status st = read_hits(s, s->listing, hits, max, n, err);
	return st == TC_OK ? read_count(s, count, total, err) : st;
}

/* Run Q: up to MAX hits, and with TOTAL every match counted. */
static tc_status fts5_run(fts5_state *s, const eval_query *q, size_t *hits, size_t max, size_t *n,
                          uint64_t *total, tc_error *err)
{
	*n = 0;
	if (total)
		*total = 0;
	if (q->form == EVAL_QUERY_LISTING)
		return fts5_listing(s, q, hits, max, n, total ? total : &(uint64_t){0}, err);
	if (text_to_match(s, q->text ? q->text : "", q->form) < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "fts5: out of memory");
	if (!s->query.len)
		return TC_OK; /* no word at all: nothing matches */
	sqlite3_bind_text(s->search, 1, s->query.data, (int)s->query.len, SQLITE_STATIC);
	sqlite3_bind_int64(s->search, 2, (sqlite3_int64)max);
	tc_status st = read_hits(s, s->search, hits, max, n, err);
	if (st != TC_OK || !total)
		return st;
	sqlite3_stmt *count = q->count_bound ? s->count_bounded : s->count;
	sqlite3_bind_text(count, 1, s->query.data, (int)s->query.len, SQLITE_STATIC);
	if (q->count_bound)
		sqlite3_bind_int64(count, 2, (sqlite3_int64)q->count_bound);
	return read_count(s, count, total, err);
}

static tc_status fts5_search(void *state, const char *text, size_t *hits, size_t max, size_t *n,
                             tc_error *err)
{
	eval_query q = {.form = EVAL_QUERY_WORDS, .text = text};
	return fts5_run(state, &q, hits, max, n, NULL, err);
}

static tc_status fts5_search_counted(void *state, const eval_query *query, size_t *hits, size_t max,
                                     size_t *n, uint64_t *total, tc_error *err)
{
	return fts5_run(state, query, hits, max, n, total, err);
}

static void fts5_free(void *state)
{
	fts5_state *s = state;
	if (!s)
		return;
	sqlite3_finalize(s->search);
	sqlite3_finalize(s->count);
	sqlite3_finalize(s->listing);
	sqlite3_finalize(s->listing_count);
	sqlite3_finalize(s->count_bounded);
	sqlite3_finalize(s->listing_count_bounded);
	sqlite3_close(s->db);
	tc_buf_free(&s->nfc);
	tc_buf_free(&s->lower);
	tc_buf_free(&s->query);
	tc_buf_free(&s->word);
	tc_free(s);
}

int eval_system_fts5(eval_system *system, const char *options)
{
	(void)options;
	fts5_state *s = tc_calloc(1, sizeof *s);
	if (!s)
		return -1;
	system->name = "fts5";
	system->state = s;
	system->build = fts5_build;
	system->search = fts5_search;
	system->search_counted = fts5_search_counted;
	system->free = fts5_free;
	return 0;
}
