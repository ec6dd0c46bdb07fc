/* listing.c - what a portal takes from the index (Nghị định 52/2015/NĐ-CP
 * has every province and ministry show its documents on its own site): a
 * scoped listing of documents, newest first, with an exact count; and the
 * changes since a point, for a copy kept in sync (format.h "changes"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "query-private.h"

/* A record as a listing shows it: its metadata without the text, and when
 * it last changed. */
static json_t *listing_item(tc_searcher *s, xc_mset *mset, uint32_t i, tc_error *err)
{
	char *data = NULL, *changed = NULL;
	size_t len = 0, changed_len = 0;
	if (xc_mset_data(mset, i, &data, &len, err) != TC_OK)
		return NULL;
	json_t *rec = tc__decode_hit(s, data, len, 0, NULL, NULL, NULL);
	tc_free(data);
	if (!rec) {
		tc_error_set(
		        err, TC_ERR_INTERNAL,
		        "the stored record of a listed entry in '%s' cannot be decoded: the index is damaged "
		        "(re-index into a new directory)",
		        s->dir);
		return NULL;
	}
	json_object_del(rec, "codified_from_this");
	if (xc_mset_value(mset, i, TC_SLOT_CHANGED, &changed, &changed_len, err) != TC_OK) {
		json_decref(rec);
		return NULL;
	}
	if (changed_len)
		json_object_set_new(rec, "changed", json_stringn(changed, changed_len));
	tc_free(changed);
	return rec;
}

static int on_facet_value(void *vctx, const char *value, size_t len, uint32_t count)
{
	json_t *obj = vctx;
	json_t *key = json_stringn(value, len);
	if (key)
		json_object_set_new(obj, json_string_value(key), json_integer(count));
	json_decref(key);
	return 0;
}

typedef struct field_ctx {
	tc_searcher *s;
	xc_query *scope;
	json_t *counts;
	uint32_t doc_count;
	tc_error *err;
	tc_status status;
} field_ctx;

/* The documents of the scope in field TERM ("XL<slug>"): the field has
 * no value slot (a document may have several), so each is counted apart. */
static int on_field_term(void *vctx, const char *term, size_t len, uint32_t freq)
{
	field_ctx *ctx = vctx;
	(void)freq;
	xc_query *field = NULL, *both = NULL;
	xc_enquire *enquire = NULL;
	xc_mset *mset = NULL;
	tc_status st = xc_query_term(term, len, 1, 0, &field, ctx->err);
	xc_query *parts[2] = {ctx->scope, field};
	if (st == TC_OK)
		st = xc_query_combine(XC_OP_FILTER, parts, 2, 0, &both, ctx->err);
	if (st == TC_OK)
		st = xc_enquire_new(ctx->s->readers[TC_DB_DOCS], &enquire, ctx->err);
	if (st == TC_OK)
		st = xc_enquire_set_query(enquire, both, ctx->err);
	if (st == TC_OK)
		st = xc_enquire_set_bool_weight(enquire, ctx->err);
	if (st == TC_OK)
		st = xc_enquire_run(enquire, 0, 0, ctx->doc_count, &mset, ctx->err);
	size_t prefix = strlen(TC_PREFIX_FIELD);
	if (st == TC_OK && xc_mset_matches_estimated(mset)) {
		json_t *key = json_stringn(term + prefix, len - prefix);
		if (key)
			json_object_set_new(ctx->counts, json_string_value(key),
			                    json_integer(xc_mset_matches_estimated(mset)));
		json_decref(key);
	}
	xc_mset_free(mset);
	xc_enquire_free(enquire);
	xc_query_free(both);
	xc_query_free(field);
	ctx->status = st;
	return st != TC_OK;
}

void tc_listing_options_default(tc_listing_options *options)
{
	memset(options, 0, sizeof *options);
	options->sort = TC_SORT_NEWEST;
	options->limit = 10;
}

tc_status tc_listing(tc_searcher *s, const tc_listing_options *opts, json_t **result, tc_error *err)
{
	*result = NULL;
	tc_listing_options options;
	if (opts)
		options = *opts;
	else
		tc_listing_options_default(&options);
	if (!options.limit)
		options.limit = 10;
	if ((uint64_t)options.offset + options.limit > TC_LISTING_MAX_WINDOW)
		return tc_error_set(
		        err, TC_ERR_LIMIT,
		        "a listing serves its first %d documents (offset %u + limit %u); for all of them "
		        "use the changes (GET /v1/changes)",
		        TC_LISTING_MAX_WINDOW, options.offset, options.limit);
	const char *filter = options.filter && *options.filter ? options.filter : NULL;
	static const unsigned facet_slots[] = {TC_SLOT_TYPE, TC_SLOT_ISSUER, TC_SLOT_YEAR, TC_SLOT_VALIDITY,
	                                       TC_SLOT_PROVINCE};
	static const char *const facet_names[] = {"type", "issuer", "year", "validity", "province"};
	enum { FACETS = sizeof facet_slots / sizeof facet_slots[0] };
	int spies[FACETS];
	xc_query *q = NULL;
	xc_enquire *enquire = NULL;
	xc_mset *mset = NULL;
	uint32_t doc_count = 0;
	xc_reader *reader = s->readers[TC_DB_DOCS];
	tc_status st = tc__filter_query(s, TC_TARGET_DOCS, filter, &q, err);
	if (st == TC_OK)
		st = xc_reader_doc_count(reader, &doc_count, err);
	if (st == TC_OK)
		st = xc_enquire_new(reader, &enquire, err);
	if (st == TC_OK)
		st = xc_enquire_set_query(enquire, q, err);
	if (st == TC_OK)
		st = xc_enquire_set_bool_weight(enquire, err);
	/* newest first; documents without a date last either way */
	if (st == TC_OK)
		st = xc_enquire_set_sort(enquire, TC_SLOT_ISSUE_DATE, options.sort != TC_SORT_OLDEST, err);
	for (int i = 0; st == TC_OK && options.facets && i < FACETS; i++)
		st = xc_enquire_add_value_spy(enquire, facet_slots[i], &spies[i], err);
	/* checking every match makes the count exact */
	if (st == TC_OK)
		st = xc_enquire_run(enquire, options.offset, options.limit, doc_count, &mset, err);
	json_t *items = json_array();
	for (uint32_t i = 0; st == TC_OK && i < xc_mset_size(mset); i++) {
		json_t *item = listing_item(s, mset, i, err);
		if (!item)
			st = err ? err->code : TC_ERR_INTERNAL;
		else
			json_array_append_new(items, item);
	}
	json_t *facets = NULL;
	if (st == TC_OK && options.facets) {
		facets = json_object();
		for (int i = 0; st == TC_OK && i < FACETS; i++) {
			json_t *counts = json_object();
			st = xc_enquire_spy_values(enquire, spies[i], 100, on_facet_value, counts, err);
			json_object_set_new(facets, facet_names[i], counts);
		}
		field_ctx fctx = {
		        .s = s, .scope = q, .counts = json_object(), .doc_count = doc_count, .err = err};
		int truncated = 0;
		if (st == TC_OK)
			st = xc_reader_each_term(reader, TC_PREFIX_FIELD, 200, on_field_term, &fctx,
			                         &truncated, err);
		if (st == TC_OK)
			st = fctx.status;
		json_object_set_new(facets, "field", fctx.counts);
	}
	if (st == TC_OK) {
		*result = json_pack("{s:s?, s:s, s:I, s:I, s:I, s:o}", "filter", filter, "sort",
		                    options.sort == TC_SORT_OLDEST ? "oldest" : "newest", "total",
		                    (json_int_t)xc_mset_matches_estimated(mset), "offset",
		                    (json_int_t)options.offset, "limit", (json_int_t)options.limit, "items",
		                    items);
		if (facets)
			json_object_set_new(*result, "facets", facets);
	} else {
		json_decref(items);
		json_decref(facets);
	}
	xc_mset_free(mset);
	xc_enquire_free(enquire);
	xc_query_free(q);
	return st;
}

/* ---- changes ---- */

/* The stamp up to which READER's changes are final (format.h), into
 * MARK; "" when none was recorded (no entry was ever written). */
static tc_status final_mark(xc_reader *reader, char mark[TC_CHANGE_STAMP_LEN + 1], tc_error *err)
{
	char *value = NULL;
	size_t len = 0;
	mark[0] = '\0';
	tc_status st = xc_reader_get_metadata(reader, TC_LAST_CHANGE_METADATA_KEY, &value, &len, err);
	if (st == TC_OK && len == TC_CHANGE_STAMP_LEN && tc_change_stamp_parse(value, len)) {
		memcpy(mark, value, len);
		mark[len] = '\0';
	}
	tc_free(value);
	return st;
}

/* The entries of READER matching Q changed in (AFTER, UPTO], oldest first,
 * at most MAX. */
static tc_status changed_between(xc_reader *reader, xc_query *q, const char *after, const char *upto,
                                 uint32_t max, xc_mset **mset, tc_error *err)
{
	char from[TC_CHANGE_STAMP_LEN + 1];
	tc_change_stamp_format(after && *after ? tc_change_stamp_parse(after, strlen(after)) + 1 : 0, from);
	xc_query *range = NULL, *both = NULL;
	xc_enquire *enquire = NULL;
	tc_status st = xc_query_value_range(TC_SLOT_CHANGED, from, upto, &range, err);
	xc_query *parts[2] = {q, range};
	if (st == TC_OK)
		st = xc_query_combine(XC_OP_FILTER, parts, 2, 0, &both, err);
	if (st == TC_OK)
		st = xc_enquire_new(reader, &enquire, err);
	if (st == TC_OK)
		st = xc_enquire_set_query(enquire, both, err);
	if (st == TC_OK)
		st = xc_enquire_set_bool_weight(enquire, err);
	if (st == TC_OK)
		st = xc_enquire_set_sort(enquire, TC_SLOT_CHANGED, 0, err);
	if (st == TC_OK)
		st = xc_enquire_run(enquire, 0, max, 0, mset, err);
	xc_enquire_free(enquire);
	xc_query_free(both);
	xc_query_free(range);
	return st;
}

static tc_status mset_stamp(xc_mset *mset, uint32_t i, char stamp[TC_CHANGE_STAMP_LEN + 1], tc_error *err)
{
	char *value = NULL;
	size_t len = 0;
	tc_status st = xc_mset_value(mset, i, TC_SLOT_CHANGED, &value, &len, err);
	if (st == TC_OK && len != TC_CHANGE_STAMP_LEN)
		st = tc_error_set(err, TC_ERR_INTERNAL, "an entry has no change stamp: rebuild the index");
	if (st == TC_OK) {
		memcpy(stamp, value, len);
		stamp[len] = '\0';
	}
	tc_free(value);
	return st;
}

static json_t *removal(xc_mset *mset, uint32_t i, const char *stamp, tc_error *err)
{
	char *data = NULL;
	size_t len = 0;
	if (xc_mset_data(mset, i, &data, &len, err) != TC_OK)
		return NULL;
	json_error_t jerr;
	json_t *tomb = json_loadb(data, len, 0, &jerr);
	tc_free(data);
	const char *id = json_string_value(json_object_get(tomb, "id"));
	json_t *item =
	        id ? json_pack("{s:s, s:s, s:s}", "change", "remove", "id", id, "changed", stamp) : NULL;
	json_decref(tomb);
	if (!item)
		tc_error_set(err, TC_ERR_INTERNAL,
		             "a tombstone in the removed database is unreadable: rebuild the index");
	return item;
}

tc_status tc_changes(tc_searcher *s, tc_db_kind kind, const char *filter, const char *after, uint32_t limit,
                     json_t **result, tc_error *err)
{
	*result = NULL;
	/* articles and documents: their clauses and points go with them */
	if ((unsigned)kind >= TC_DB_ARTICLE_KINDS)
		return tc_error_set(err, TC_ERR_INPUT,
		                    "database %d has no changes of its own (docs, provisions or codified)", (int)kind);
	if (after && *after && !tc_change_stamp_parse(after, strlen(after)))
		return tc_error_set(
		        err, TC_ERR_INPUT,
		        "'%.40s' is not a change stamp (2026-01-03T10:15:00.123456Z, as a cursor gives it)",
		        after);
	if (!limit || limit > TC_CHANGES_MAX)
		limit = TC_CHANGES_MAX;
	xc_reader *live = s->readers[kind];
	xc_reader *removed = NULL;
	tc_buf path = {0};
	if (tc_index_removed_path(s->dir, &path) < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	tc_error open_err;
	tc_status st = xc_reader_open(path.data, &removed, &open_err);
	tc_buf_free(&path);
	if (st == TC_ERR_NOT_FOUND)
		st = TC_OK; /* nothing was ever removed */
	else if (st != TC_OK)
		return err ? (*err = open_err, st) : st;

	/* Serve changes only up to the point where both databases are final. */
	char live_mark[TC_CHANGE_STAMP_LEN + 1], removed_mark[TC_CHANGE_STAMP_LEN + 1] = "";
	st = final_mark(live, live_mark, err);
	if (st == TC_OK && removed)
		st = final_mark(removed, removed_mark, err);
	const char *horizon = live_mark;
	if (*removed_mark && (!*horizon || strcmp(removed_mark, horizon) < 0))
		horizon = removed_mark;

	xc_query *filtered = NULL, *from_kind = NULL, *tomb_q = NULL;
	xc_mset *up = NULL, *down = NULL;
	if (st == TC_OK)
		st = tc__filter_query(s, kind == TC_DB_DOCS ? TC_TARGET_DOCS : TC_TARGET_ALL, filter,
		                      &filtered, err);
	char kind_term[32];
	snprintf(kind_term, sizeof kind_term, "%s%s", TC_PREFIX_REMOVED_FROM, tc_db_kind_name(kind));
	if (st == TC_OK)
		st = xc_query_term(kind_term, strlen(kind_term), 1, 0, &from_kind, err);
	xc_query *tomb_parts[2] = {filtered, from_kind};
	if (st == TC_OK)
		st = xc_query_combine(XC_OP_FILTER, tomb_parts, 2, 0, &tomb_q, err);
	/* one more than a page from each: enough to merge a page and to know
	 * whether more follow */
	if (st == TC_OK && *horizon)
		st = changed_between(live, filtered, after, horizon, limit + 1, &up, err);
	if (st == TC_OK && *horizon && removed)
		st = changed_between(removed, tomb_q, after, horizon, limit + 1, &down, err);

	json_t *changes = json_array();
	char cursor[TC_CHANGE_STAMP_LEN + 1] = "";
	if (after)
		snprintf(cursor, sizeof cursor, "%s", after);
	uint32_t i = 0, j = 0, n_up = up ? xc_mset_size(up) : 0, n_down = down ? xc_mset_size(down) : 0;
	char a[TC_CHANGE_STAMP_LEN + 1] = "", b[TC_CHANGE_STAMP_LEN + 1] = "";
	while (st == TC_OK && json_array_size(changes) < limit && (i < n_up || j < n_down)) {
		if (i < n_up && !*a)
			st = mset_stamp(up, i, a, err);
		if (st == TC_OK && j < n_down && !*b)
			st = mset_stamp(down, j, b, err);
		if (st != TC_OK)
			break;
		json_t *item;
		int take_up = i < n_up && (j >= n_down || strcmp(a, b) <= 0);
		if (take_up) {
			item = listing_item(s, up, i++, err);
			if (item) {
				json_t *change =
				        json_pack("{s:s, s:O, s:s, s:o}", "change", "upsert", "id",
				                  json_object_get(item, "id"), "changed", a, "record", item);
				item = change;
			}
			snprintf(cursor, sizeof cursor, "%s", a);
			a[0] = '\0';
		} else {
			item = removal(down, j++, b, err);
			snprintf(cursor, sizeof cursor, "%s", b);
			b[0] = '\0';
		}
		if (!item) {
			st = err && err->code != TC_OK ? err->code : TC_ERR_INTERNAL;
			break;
		}
		json_array_append_new(changes, item);
	}
	int more = i < n_up || j < n_down;
	/* caught up: every change up to the horizon has been served */
	if (st == TC_OK && !more && *horizon && (!*cursor || strcmp(horizon, cursor) > 0))
		snprintf(cursor, sizeof cursor, "%s", horizon);
	if (st == TC_OK)
		*result = json_pack("{s:s, s:o, s:s, s:b}", "db", tc_db_kind_name(kind), "changes", changes,
		                    "cursor", cursor, "more", more);
	else
		json_decref(changes);
	xc_mset_free(up);
	xc_mset_free(down);
	xc_query_free(tomb_q);
	xc_query_free(from_kind);
	xc_query_free(filtered);
	xc_reader_free(removed);
	return st;
}

tc_status tc_param_time(const char *name, const char *value, char stamp[TC_CHANGE_STAMP_LEN + 1],
                        tc_error *err)
{
	/* RFC 3339: 2026-01-03T10:15:00Z, with a fraction, an offset
	 * (+07:00), 't'/' ' for 'T', 'z'; or a day alone (its midnight, UTC). */
	struct tm tm = {0};
	int year, month, day, hour = 0, minute = 0, second = 0, used = 0;
	size_t len = strlen(value);
	if (sscanf(value, "%4d-%2d-%2d%n", &year, &month, &day, &used) != 3 || used != 10)
		goto bad;
	const char *p = value + used;
	long micro = 0, offset = 0;
	if (*p) {
		if (*p != 'T' && *p != 't' && *p != ' ')
			goto bad;
		if (sscanf(p + 1, "%2d:%2d:%2d%n", &hour, &minute, &second, &used) != 3 || used != 8)
			goto bad;
		p += 1 + used;
		if (*p == '.') {
			long scale = 100000;
			if (!(p[1] >= '0' && p[1] <= '9'))
				goto bad;
			for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
				micro += scale ? (*p - '0') * scale : 0;
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int oh, om;
			if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &used) != 2 || used != 5 || oh > 23 ||
			    om > 59)
				goto bad;
			offset = (*p == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
			p += 1 + used;
		} else {
			goto bad;
		}
		if (*p)
			goto bad;
	}
	tc_date date;
	char day_text[11];
	memcpy(day_text, value, 10);
	day_text[10] = '\0';
	if (tc_date_parse(day_text, 10, 0, &date) < 0 || hour > 23 || minute > 59 || second > 60)
		goto bad;
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_sec = second;
	long long seconds = (long long)timegm(&tm) - offset;
	if (seconds < 0)
		seconds = 0;
	tc_change_stamp_format((uint64_t)seconds * 1000000 + (uint64_t)micro, stamp);
	(void)len;
	return TC_OK;
bad:
	return tc_error_set(
	        err, TC_ERR_INPUT,
	        "%s: '%.64s' is not an RFC 3339 time (2026-01-03T10:15:00Z, 2026-01-03T17:15:00+07:00) "
	        "or a day (2026-01-03)",
	        name, value);
}
