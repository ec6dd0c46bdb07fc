/* test_rank.c - what the searcher reads and how a longer query matches, on
 * the bundled sample's Thanh niên đề mục:
 *   - a stored record's payload: its JSON without the text, then the text
 *     (tc_stored_record_payload, tc_stored_split); a hit's text and
 *     snippet come from it, and tc_get gives the same text;
 *   - a listing's snippets: the beginning of each text; a long
 *     document's: where the query's words stand together, however far;
 *   - common words: in a query that is no short AND, the words and pairs
 *     held by more than common_share of the entries only add weight where
 *     a rarer one matches: the same first hits, fewer matches (the entries
 *     that hold only common words), and a query of common words only still
 *     matches on them;
 *   - a word or pair written again weighs once more each time (one
 *     subquery scaled by its count);
 *   - a clause hit shows its own article (read where the first stage of
 *     ranking found it), and a snippet's highlights are the query's words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "format.h"
#include "indexer.h"
#include "query.h"

#include "sample_index.h"

static void payload_round_trip(void)
{
	json_error_t jerr;
	json_t *rec = json_loads("{\"id\":\"pd/36.3.LQ.1\",\"text\":\"1. Thanh niên là công dân \\\"Việt "
	                         "Nam\\\"\\nđủ 16 tuổi\",\"title\":\"Thanh niên\"}",
	                         0, &jerr);
	CHECK(rec != NULL, "the record parses: %s", jerr.text);
	tc_buf payload = {0};
	CHECK(tc_stored_record_payload(rec, &payload) == 0, "a payload");
	size_t json_len = 0, text_len = 0;
	const char *text = NULL;
	tc_stored_split(payload.data, payload.len, &json_len, &text, &text_len);
	CHECK(text && text_len == strlen("1. Thanh niên là công dân \"Việt Nam\"\nđủ 16 tuổi") &&
	              !memcmp(text, "1. Thanh niên là công dân \"Việt Nam\"\nđủ 16 tuổi", text_len),
	      "the text follows the JSON as it is, not escaped");
	json_t *fields = tc_stored_fields(payload.data, json_len, NULL);
	CHECK(json_is_object(fields) && !json_object_get(fields, "text") &&
	              !strcmp(json_string_value(json_object_get(fields, "title")), "Thanh niên"),
	      "the fields hold the others, not the text");
	json_decref(fields);
	CHECK(json_is_string(json_object_get(rec, "text")), "the record keeps its text");

	/* a record with no text: the fields alone */
	json_object_del(rec, "text");
	CHECK(tc_stored_record_payload(rec, &payload) == 0, "a payload without text");
	tc_stored_split(payload.data, payload.len, &json_len, &text, &text_len);
	CHECK(json_len == payload.len && !text, "no text: the payload is the fields");
	/* JSON text, as tests and tools write records: with its text after a
	 * NUL, or inside, or without */
	char old[] = "{\"id\":\"x\",\"text\":\"Điều 1\"}";
	tc_stored_split(old, strlen(old), &json_len, &text, &text_len);
	CHECK(json_len == strlen(old) && !text, "a JSON payload without NUL is the whole record");
	fields = tc_stored_fields(old, json_len, NULL);
	CHECK(fields && !strcmp(json_string_value(json_object_get(fields, "text")), "Điều 1"),
	      "a JSON payload's fields are its JSON");
	json_decref(fields);
	char with_nul[] = "{\"id\":\"x\"}\0Điều 2";
	tc_stored_split(with_nul, sizeof with_nul - 1, &json_len, &text, &text_len);
	CHECK(json_len == strlen("{\"id\":\"x\"}") && text && !strcmp(text, "Điều 2"),
	      "a JSON payload's text after its NUL");
	json_decref(rec);

	/* every kind of value packs and unpacks as it was, in its order; the
	 * member to skip goes at the top only; a payload cut short, or with a
	 * byte changed, gives no record or another one, never more than it
	 * holds */
	rec = json_loads("{\"id\":\"pd/1.1.LQ.2\",\"n\":-9007199254740993,\"big\":9223372036854775807,"
	                 "\"r\":-0.125,\"t\":true,\"f\":false,\"z\":null,\"empty\":\"\",\"a\":[1,[],{},"
	                 "[\"đ\",{\"outline\":[2]}]],\"outline\":[{\"heading\":\"Chương I\"}],"
	                 "\"khóa\":{\"x\":[null]}}",
	                 0, &jerr);
	CHECK(rec != NULL, "a record of every kind: %s", jerr.text);
	CHECK(tc_stored_record_payload(rec, &payload) == 0, "packed");
	tc_stored_split(payload.data, payload.len, &json_len, &text, &text_len);
	fields = tc_stored_fields(payload.data, json_len, NULL);
	char *a = json_dumps(rec, JSON_COMPACT), *b = fields ? json_dumps(fields, JSON_COMPACT) : NULL;
	CHECK(a && b && !strcmp(a, b), "unpacked as packed: %s\n  from %s", b ? b : "(none)", a);
	free(b);
	json_decref(fields);
	fields = tc_stored_fields(payload.data, json_len, "outline");
	json_object_del(rec, "outline");
	b = fields ? json_dumps(fields, JSON_COMPACT) : NULL;
	free(a);
	a = json_dumps(rec, JSON_COMPACT);
	CHECK(a && b && !strcmp(a, b), "without its outline, the nested one kept: %s", b ? b : "(none)");
	free(a);
	free(b);
	json_decref(fields);
	json_decref(rec);
	for (size_t cut = 0; cut < json_len; cut++) {
		tc_buf copy = {0};
		tc_buf_append(&copy, payload.data, cut);
		fields = tc_stored_fields(copy.data ? copy.data : "", cut, cut % 2 ? "outline" : NULL);
		CHECK(!fields, "cut to %zu of %zu bytes: no record", cut, json_len);
		json_decref(fields);
		tc_buf_free(&copy);
	}
	for (size_t at = 0; at < json_len; at++) {
		tc_buf copy = {0};
		tc_buf_append(&copy, payload.data, json_len);
		copy.data[at] ^= 0x5A;
		fields = tc_stored_fields(copy.data, json_len, at % 2 ? "outline" : NULL);
		CHECK(!fields || json_is_object(fields), "byte %zu changed: no record, or an object", at);
		json_decref(fields);
		tc_buf_free(&copy);
	}
	tc_buf_free(&payload);

	/* a member taken out as the JSON is written: first, between, last,
	 * alone; strings that look like it and brackets inside strings are
	 * passed over; anything else is left as it is */
	static const struct {
		const char *json, *want;
	} drops[] = {
	        {"{\"outline\":[{\"t\":\"a]\"}],\"id\":\"x\"}", "{\"id\":\"x\"}"},
	        {"{\"id\":\"outline\",\"outline\":[[1,{\"b\":\"}\\\"\"}]],\"n\":2}",
	         "{\"id\":\"outline\",\"n\":2}"},
	        {"{\"id\":\"x\",\"n\":-1.5e3,\"outline\":[]}", "{\"id\":\"x\",\"n\":-1.5e3}"},
	        {"{\"outline\":null}", "{}"},
	        {"{\"within\":{\"outline\":[]},\"id\":\"x\"}", NULL},
	        {"{\"outlines\":[],\"id\":\"x\"}", NULL},
	        {"{ \"outline\": [] }", NULL},
	        {"{\"id\":\"x\",\"outline\":[1,2", NULL},
	        {"[\"outline\"]", NULL},
	        {"", NULL},
	};
	for (size_t i = 0; i < sizeof drops / sizeof *drops; i++) {
		char json[128];
		size_t len = strlen(drops[i].json);
		memcpy(json, drops[i].json, len + 1);
		size_t got = tc_stored_drop_member(json, len, "outline");
		const char *want = drops[i].want ? drops[i].want : drops[i].json;
		CHECK(got == strlen(want) && !memcmp(json, want, got), "drop outline from %s: %.*s", drops[i].json,
		      (int)got, json);
	}
}

static json_t *search_in(tc_searcher *s, tc_target target, const char *q, const tc_ranking *ranking,
                         int text)
{
	tc_search_options o;
	tc_search_options_default(&o);
	o.target = target;
	o.ranking = ranking;
	o.text = text;
	o.snippets = 1;
	json_t *out = NULL;
	tc_error err = {0};
	CHECK(tc_search(s, q, &o, &out, &err) == TC_OK, "search '%s': %s", q, err.message);
	return out;
}

static json_t *search(tc_searcher *s, const char *q, const tc_ranking *ranking, int text)
{
	return search_in(s, TC_TARGET_CODIFIED, q, ranking, text);
}

static const char *hit_id(json_t *out, size_t i)
{
	return json_string_value(json_object_get(json_array_get(json_object_get(out, "hits"), i), "id"));
}

static json_int_t total(json_t *out) { return json_integer_value(json_object_get(out, "total")); }

/* The hits of Q in TARGET, with their texts (a clause hit shows its
 * article's) and without: the texts are the records', the snippets there. */
static void hits_and_texts(tc_searcher *s, tc_target target, const char *q, int whole_wanted)
{
	json_t *out = search_in(s, target, q, NULL, 1);
	json_t *hits = json_object_get(out, "hits");
	CHECK(json_array_size(hits) > 0, "hits of '%s'", q);
	size_t whole = 0, longest = 0;
	for (size_t i = 0; i < json_array_size(hits); i++) {
		json_t *hit = json_array_get(hits, i);
		const char *text = json_string_value(json_object_get(hit, "text"));
		const char *snippet = json_string_value(json_object_get(hit, "snippet"));
		json_t *rec = NULL;
		tc_error err = {0};
		CHECK(tc_get(s, hit_id(out, i), &rec, &err) == TC_OK, "get %s: %s", hit_id(out, i), err.message);
		const char *got = json_string_value(json_object_get(rec, "text"));
		/* a source document named by a note has no text */
		CHECK(text ? got && !strcmp(text, got) && snippet && *snippet : !got,
		      "%s: the hit's text is the record's, and its snippet is there", hit_id(out, i));
		const char *clause = json_string_value(json_object_get(hit, "matched_clause"));
		size_t id_len = strlen(hit_id(out, i));
		CHECK(!clause || (!strncmp(clause, hit_id(out, i), id_len) && clause[id_len] == '/'),
		      "%s: the article of its clause %s", hit_id(out, i), clause);
		/* each highlight is a word of the query, as the text writes it */
		json_t *ranges = json_object_get(hit, "highlights");
		for (size_t r = 0; snippet && r < json_array_size(ranges); r++) {
			json_int_t from = json_integer_value(json_array_get(json_array_get(ranges, r), 0));
			json_int_t to = json_integer_value(json_array_get(json_array_get(ranges, r), 1));
			int word = 0;
			for (const char *w = q; *w; w += strcspn(w, " "), w += *w == ' ') {
				size_t n = strcspn(w, " ");
				word |= (size_t)(to - from) == n && !strncasecmp(snippet + from, w, n);
			}
			CHECK(from >= 0 && to <= (json_int_t)strlen(snippet) && word,
			      "%s: highlight %zu (%.*s) is a word of '%s'", hit_id(out, i), r, (int)(to - from),
			      snippet + from, q);
		}
		if (text && !json_object_get(hit, "matched_clause"))
			whole++, longest = strlen(text) > longest ? strlen(text) : longest;
		json_decref(rec);
	}
	printf("'%s': %zu hits, %zu whole with texts (the longest %zu bytes)\n", q, json_array_size(hits),
	       whole, longest);
	CHECK(!whole_wanted || whole > 0, "hits that are whole records with their texts");
	json_decref(out);
	out = search_in(s, target, q, NULL, 0);
	hits = json_object_get(out, "hits");
	CHECK(json_array_size(hits) > 0, "hits of '%s' without their texts", q);
	for (size_t i = 0; i < json_array_size(hits); i++)
		CHECK(!json_object_get(json_array_get(hits, i), "text"), "without their texts: no text");
	json_decref(out);
}

/* Whether HIT's snippet highlights WORD, as written. */
static int highlighted(json_t *hit, const char *word)
{
	const char *snippet = json_string_value(json_object_get(hit, "snippet"));
	json_t *ranges = json_object_get(hit, "highlights");
	for (size_t r = 0; snippet && r < json_array_size(ranges); r++) {
		json_int_t from = json_integer_value(json_array_get(json_array_get(ranges, r), 0));
		json_int_t to = json_integer_value(json_array_get(json_array_get(ranges, r), 1));
		if (to - from == (json_int_t)strlen(word) && !memcmp(snippet + from, word, strlen(word)))
			return 1;
	}
	return 0;
}

/* The hit ID among OUT's, or NULL. */
static json_t *hit_named(json_t *out, const char *id)
{
	json_t *hits = json_object_get(out, "hits");
	for (size_t i = 0; i < json_array_size(hits); i++)
		if (!strcmp(hit_id(out, i), id))
			return json_array_get(hits, i);
	return NULL;
}

/* A long document's snippet is where the query's words stand together,
 * however far into its text: in Nghị định 112/2021/NĐ-CP (111 KB of text)
 * "chịu" and "tập" are each on its first pages, and within a snippet's
 * window of each other only past 90 KB (a form: "thực tập ... Tên người
 * chịu"). The same typed without marks ("chiu tap"): the text's words are
 * compared folded. */
static void located_snippet(tc_searcher *s, const char *q)
{
	json_t *out = search_in(s, TC_TARGET_DOCS, q, NULL, 1);
	json_t *hit = hit_named(out, "112/2021/nđ-cp");
	CHECK(hit != NULL, "'%s' finds 112/2021/nđ-cp", q);
	const char *text = json_string_value(json_object_get(hit, "text"));
	const char *snippet = json_string_value(json_object_get(hit, "snippet"));
	if (!text || !snippet) {
		CHECK(0, "112/2021/nđ-cp: a text and a snippet");
		json_decref(out);
		return;
	}
	CHECK(highlighted(hit, "chịu") && highlighted(hit, "tập"),
	      "112/2021/nđ-cp, '%s': the snippet holds both words: %s", q, snippet);
	/* where it is: the snippet's first 60 bytes after its "…", in the
	 * text with its line breaks as spaces */
	char *flat = strdup(text);
	for (char *c = flat; *c; c++)
		if (*c == '\n' || *c == '\r' || *c == '\t')
			*c = ' ';
	const char *core = !strncmp(snippet, "…", strlen("…")) ? snippet + strlen("…") : snippet;
	char start[61];
	snprintf(start, sizeof start, "%s", core);
	const char *at = strstr(flat, start);
	CHECK(at && at - flat > 90000, "112/2021/nđ-cp, '%s': the snippet is past 90 KB of the text (at %td)",
	      q, at ? at - flat : -1);
	free(flat);
	json_decref(out);
}

/* The query's words have the analyzer's canonical tone ("khỏe"), the text
 * may put it on the other vowel ("khoẻ"): in the Hiến pháp 1992
 * (68-LCT/HĐNN8) "sức khỏe" is found where the text writes "sức khoẻ",
 * not only where it writes "sức" (the one word the snippet held before). */
static void tone_variant_snippet(tc_searcher *s)
{
	json_t *out = search_in(s, TC_TARGET_DOCS, "sức khỏe", NULL, 0);
	json_t *hit = hit_named(out, "vbpl_doc/11234--68-lct_hdnn8_38238");
	CHECK(hit != NULL, "'sức khỏe' finds 68-LCT/HĐNN8");
	CHECK(hit && highlighted(hit, "sức") && (highlighted(hit, "khoẻ") || highlighted(hit, "khỏe")),
	      "68-LCT/HĐNN8: the snippet holds both words: %s",
	      hit ? json_string_value(json_object_get(hit, "snippet")) : "");
	json_decref(out);
}

/* A listing (filters, no words) of documents newest first: each hit's
 * snippet is the beginning of its text, read no further. */
static void listing_snippets(tc_searcher *s)
{
	tc_search_options o;
	tc_search_options_default(&o);
	o.target = TC_TARGET_DOCS;
	o.sort = TC_SORT_NEWEST;
	o.snippets = 1;
	o.text = 1;
	o.filter = "loai:nghi-dinh";
	json_t *out = NULL;
	tc_error err = {0};
	CHECK(tc_search(s, "", &o, &out, &err) == TC_OK, "listing: %s", err.message);
	json_t *hits = json_object_get(out, "hits");
	size_t with_text = 0;
	for (size_t i = 0; i < json_array_size(hits); i++) {
		json_t *hit = json_array_get(hits, i);
		const char *text = json_string_value(json_object_get(hit, "text"));
		const char *snippet = json_string_value(json_object_get(hit, "snippet"));
		if (!text || strlen(text) < 1000)
			continue;
		with_text++;
		/* the snippet's line breaks are spaces */
		size_t n = 0;
		while (snippet && snippet[n] && text[n] &&
		       (snippet[n] == text[n] || (snippet[n] == ' ' && strchr("\n\r\t", text[n]))))
			n++;
		CHECK(snippet && n >= 40 && json_array_size(json_object_get(hit, "highlights")) == 0,
		      "%s: the snippet is the text's beginning (%zu bytes alike)", hit_id(out, i), n);
	}
	CHECK(with_text > 0, "listed documents with texts: %zu", with_text);
	json_decref(out);
}

static void common_words(tc_searcher *s)
{
	tc_ranking all;
	tc_ranking_default(&all, TC_TARGET_CODIFIED);
	CHECK(all.common_share > 0 && all.common_share < 1, "common words by default: %g", all.common_share);
	all.common_share = 0;
	const char *q = "Thanh niên có quyền và nghĩa vụ gì trong việc tham gia quản lý nhà nước và xã hội";
	json_t *with = search(s, q, NULL, 0), *without = search(s, q, &all, 0);
	printf("common words: total %lld, every word matching %lld\n", (long long)total(with),
	       (long long)total(without));
	CHECK(total(with) > 0 && total(with) < total(without),
	      "the entries that hold only common words are no match: %lld < %lld", (long long)total(with),
	      (long long)total(without));
	for (size_t i = 0; i < 5; i++)
		CHECK(hit_id(with, i) && hit_id(without, i) && !strcmp(hit_id(with, i), hit_id(without, i)),
		      "the same hit %zu: %s, %s", i, hit_id(with, i), hit_id(without, i));
	json_decref(with);
	json_decref(without);

	/* common words alone (apart, so no pair of them is a rarer term) match
	 * on them: "của" is in 104 of the 133 articles here */
	const char *commons = "của, các, và, được, có";
	with = search(s, commons, NULL, 0);
	without = search(s, commons, &all, 0);
	CHECK(total(with) > 0 && total(with) == total(without) && hit_id(with, 0) && hit_id(without, 0) &&
	              !strcmp(hit_id(with, 0), hit_id(without, 0)),
	      "a query of common words only: %lld, %lld", (long long)total(with), (long long)total(without));
	json_decref(with);
	json_decref(without);
}

/* A pasted passage of more distinct words than the first stage of
 * ranking picks its candidates by (first_stage_words): the article it is
 * from still comes first, as when every word picks them, and the first
 * stage's fewer words match fewer articles (the total is its count: 86
 * against 102 here). */
static void first_stage_words(tc_searcher *s)
{
	tc_ranking every;
	tc_ranking_default(&every, TC_TARGET_ALL);
	CHECK(every.first_stage_words > 0 && every.first_stage_words < TC_QUERY_MAX_RANKED_WORDS,
	      "a long query's first stage is bounded by default: %d", every.first_stage_words);
	every.first_stage_words = 0;
	const char *passage =
	        "Thông báo việc đồng ý tiếp nhận hoạt động tình nguyện tại địa phương với cơ quan, tổ chức, "
	        "đơn vị tổ chức hoạt động tình nguyện theo thẩm quyền (về mục tiêu, phạm vi, nội dung, số "
	        "lượng, thành phần thanh niên tham gia hoạt động tình nguyện); trường hợp không đồng ý phải "
	        "nêu rõ lý do. Tạo điều kiện, bảo đảm an ninh, trật tự để các cơ quan, tổ chức, cá nhân hoạt "
	        "động tình nguyện theo đúng kế hoạch tổ chức hoạt động tình nguyện.";
	json_t *bounded = search(s, passage, NULL, 0), *all = search(s, passage, &every, 0);
	printf("a passage: total %lld by the first stage's words, %lld by every word; first hit %s, %s\n",
	       (long long)total(bounded), (long long)total(all), hit_id(bounded, 0) ? hit_id(bounded, 0) : "-",
	       hit_id(all, 0) ? hit_id(all, 0) : "-");
	CHECK(hit_id(bounded, 0) && !strcmp(hit_id(bounded, 0), "pd/36.3.NĐ.3.18") && hit_id(all, 0) &&
	              !strcmp(hit_id(all, 0), "pd/36.3.NĐ.3.18"),
	      "the passage's article first: %s, %s", hit_id(bounded, 0), hit_id(all, 0));
	CHECK(total(bounded) > 0 && total(bounded) < total(all), "the first stage's words match fewer: %lld, %lld",
	      (long long)total(bounded), (long long)total(all));
	json_decref(bounded);
	json_decref(all);
}

/* The score of the hit ID in OUT; -1 when it is not there (its matched
 * clause into *CLAUSE). */
static double score_of(json_t *out, const char *id, const char **clause)
{
	json_t *hits = json_object_get(out, "hits");
	for (size_t i = 0; i < json_array_size(hits); i++)
		if (!strcmp(hit_id(out, i), id)) {
			*clause = json_string_value(json_object_get(json_array_get(hits, i), "matched_clause"));
			return json_real_value(json_object_get(json_array_get(hits, i), "score"));
		}
	return -1;
}

/* A word (and its pair) written once, twice, three times: each copy adds
 * the same weight to an entry that holds it (commas keep the copies from
 * making new pairs). An article's hit is its best entry, which may change
 * as the weights do (a clause with the word more often overtakes another),
 * so the check is over the hits whose matched entry stays the same: there
 * must be some, and each must gain the same from each copy. */
static void repeated_words(tc_searcher *s)
{
	const char *qs[3] = {"thanh niên, tham gia, hoạt động, tình nguyện",
	                     "thanh niên, tham gia, hoạt động, tình nguyện, tình nguyện",
	                     "thanh niên, tham gia, hoạt động, tình nguyện, tình nguyện, tình nguyện"};
	json_t *outs[3];
	for (int i = 0; i < 3; i++)
		outs[i] = search(s, qs[i], NULL, 0);
	size_t stable = 0;
	for (size_t h = 0; h < json_array_size(json_object_get(outs[0], "hits")); h++) {
		const char *id = hit_id(outs[0], h);
		double score[3];
		const char *clause[3] = {0};
		int same = 1;
		for (int i = 0; i < 3; i++) {
			score[i] = score_of(outs[i], id, &clause[i]);
			same &= score[i] > 0 && (clause[i] == clause[0] ||
			                         (clause[i] && clause[0] && !strcmp(clause[i], clause[0])));
		}
		if (!same)
			continue;
		stable++;
		printf("repeated words: %s (%s) %.6f, %.6f, %.6f\n", id, clause[0] ? clause[0] : "-", score[0],
		       score[1], score[2]);
		CHECK(score[1] > score[0] && score[2] > score[1], "each copy adds weight to %s", id);
		double once = score[1] - score[0], twice = score[2] - score[1];
		CHECK(once - twice < 1e-9 * score[2] && twice - once < 1e-9 * score[2],
		      "the second copy adds what the first did to %s: %.9f, %.9f", id, once, twice);
	}
	CHECK(stable > 0, "a hit of '%s' matched by the same entry in all three", qs[0]);
	for (int i = 0; i < 3; i++)
		json_decref(outs[i]);
}

int main(void)
{
	payload_round_trip();
	char dir[] = "/tmp/tracuu-test-XXXXXX";
	char db[4300];
	const char *sample = sample_index(dir, db, sizeof db);
	/* and the sample's documents of the Công báo: whole texts */
	tc_index *index = NULL;
	tc_error err = {0};
	CHECK(tc_index_open(db, NULL, &index, &err) == TC_OK, "open %s: %s", db, err.message);
	if (index) {
		char path[4300];
		snprintf(path, sizeof path, "%s/congbao", sample);
		tc_load_options load = {.problem_fn = quiet};
		CHECK(tc_corpus_load(path, &load, on_record, index, NULL, &err) == TC_OK, "load: %s", err.message);
		CHECK(tc_index_finish(index, NULL, &err) == TC_OK, "finish: %s", err.message);
		CHECK(tc_index_close(index, 0, &err) == TC_OK, "close: %s", err.message);
	}
	tc_searcher *s = NULL;
	CHECK(tc_searcher_open(db, &s, &err) == TC_OK, "open %s: %s", db, err.message);
	if (s) {
		hits_and_texts(s, TC_TARGET_ALL, "thanh niên tình nguyện", 0); /* clauses */
		hits_and_texts(s, TC_TARGET_DOCS, "thanh niên", 1);
		listing_snippets(s);
		located_snippet(s, "chịu tập");
		located_snippet(s, "chiu tap");
		tone_variant_snippet(s);
		common_words(s);
		repeated_words(s);
		first_stage_words(s);
		tc_searcher_free(s);
	}
	char cmd[4400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return check_done("rank");
}
