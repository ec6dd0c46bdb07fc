/* test_corpus_bad.c - bad input: a truncated .zst, a corrupt .zst, binary
 * garbage as HTML, an invalid JSONL line, a law.json with a missing field
 * and with a broken item, invalid UTF-8 inside a pháp điển article. Each is
 * reported with its file and line or byte offset, and the rest still loads.
 * Built from the bundled sample. */
#include "test_util.h"

#include <jansson.h>

#include <sys/stat.h>

static const char *const good_id = "012d9b93-c11d-48b6-b08e-14d77515ca1e";
static const char *const other_id = "913b88fd-89da-4fc5-8268-477ae6d71bac";

static int count_record(void *ctx, const tc_record *r)
{
	(void)r;
	(*(long *)ctx)++;
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *data = malloc((size_t)n + 1);
	if (fread(data, 1, (size_t)n, f) != (size_t)n)
		exit(1);
	fclose(f);
	data[n] = '\0';
	*len = (size_t)n;
	return data;
}

/* A pháp điển folder with the good file and a damaged copy of another. */
static void phapdien_case(const char *name, const char *damaged, size_t damaged_len, const char *ext,
                          tc_problem_kind want_kind, const char *want_text)
{
	char dir[4096], p[4300];
	make_temp_dir(dir, sizeof dir);
	snprintf(p, sizeof p, "%s/demuc", dir);
	mkdir(p, 0755);
	size_t len;
	char src[4300];
	snprintf(src, sizeof src, "%s/phapdien/demuc/%s.html.zst", sample_dir(), good_id);
	char *good = slurp(src, &len);
	snprintf(p, sizeof p, "%s/demuc/%s.html.zst", dir, good_id);
	write_bytes(p, good, len);
	free(good);
	snprintf(p, sizeof p, "%s/demuc/%s%s", dir, other_id, ext);
	write_bytes(p, damaged, damaged_len);
	char tsv[1024];
	int n = snprintf(tsv, sizeof tsv,
	                 "demuc_number\tdemuc_id\tdemuc_name\tchude_id\n36.3\t%s\tThanh niên\tx\n7.7\t%s\tSử "
	                 "dụng năng "
	                 "lượng\ty\n",
	                 good_id, other_id);
	snprintf(p, sizeof p, "%s/demuc.tsv", dir);
	write_bytes(p, tsv, (size_t)n);
	problem_log log = {0};
	long records = 0;
	tc_load_summary sum = {0};
	tc_error err = {0};
	CHECK(load_logged(dir, 0, count_record, &records, &log, &sum, &err) == TC_OK, "%s: %s", name,
	      err.message);
	CHECK(records == 126, "%s: the good file still loads: %ld", name, records);
	const char *found = find_problem(&log, want_kind, want_text);
	CHECK(found != NULL, "%s: no %s problem with '%s' (%d problems: %s)", name,
	      tc_problem_kind_name(want_kind), want_text, log.count, log.count ? log.text[0] : "");
	if (found)
		CHECK(strstr(found, other_id) != NULL, "%s: the file is named: %s", name, found);
	CHECK(sum.skipped >= 1, "%s: skipped %lld", name, sum.skipped);
	printf("%s: %s\n", name, found ? found : "(none)");
	remove_tree(dir);
}

static void zst_cases(void)
{
	char src[4300];
	size_t len;
	snprintf(src, sizeof src, "%s/phapdien/demuc/%s.html.zst", sample_dir(), other_id);
	char *zst = slurp(src, &len);
	/* truncated: the first half */
	phapdien_case("truncated zst", zst, len / 2, ".html.zst", TC_PROBLEM_ZSTD, "byte offset");
	/* corrupt: bytes in the middle overwritten */
	char *bad = malloc(len);
	memcpy(bad, zst, len);
	for (size_t i = len / 3; i < len / 3 + 64; i++)
		bad[i] = (char)(bad[i] ^ 0x5A);
	phapdien_case("corrupt zst", bad, len, ".html.zst", TC_PROBLEM_ZSTD,
	              "corrupt zstd data near byte offset");
	/* binary garbage in place of the HTML */
	unsigned seed = 12345;
	for (size_t i = 0; i < len; i++) {
		seed = seed * 1103515245u + 12345u;
		bad[i] = (char)(seed >> 16);
	}
	phapdien_case("binary html", bad, len, ".html", TC_PROBLEM_BINARY, "binary data");
	/* tc_read_file on a truncated .zst: a clear error with the offset */
	char dir[4096], p[4300];
	make_temp_dir(dir, sizeof dir);
	snprintf(p, sizeof p, "%s/cut.zst", dir);
	write_bytes(p, zst, len - 10);
	char *data = NULL;
	size_t dlen;
	tc_error err = {0};
	CHECK(tc_read_file(p, &data, &dlen, &err) == TC_ERR_INPUT, "truncated read fails");
	CHECK(strstr(err.message, "truncated") && strstr(err.message, "byte offset") &&
	              strstr(err.message, "cut.zst"),
	      "message: %s", err.message);
	CHECK(data == NULL, "no data");
	remove_tree(dir);
	free(bad);
	free(zst);
}

/* ---- invalid UTF-8 inside a pháp điển article (issue 15 item 2) ---- */

/* The record of the article whose id ends in ANCHOR, its body text kept. */
typedef struct article_probe {
	const char *anchor;
	long records;
	char *text; /* the article's body text (malloc'd), NULL if not met */
} article_probe;

static int probe_article(void *ctx, const tc_record *r)
{
	article_probe *probe = ctx;
	probe->records++;
	const char *key = r->former_id ? r->former_id : r->id; /* the export's key */
	size_t n = strlen(key), a = strlen(probe->anchor);
	if (n >= a && !strcmp(key + n - a, probe->anchor) && r->body)
		probe->text = strdup(r->body->text ? r->body->text : "");
	return 0;
}

/* Load the Thanh niên đề mục (36.3) as DIR/demuc/<id>.html with the bytes
 * of HTML; the catalogue lists it alone. */
static void load_demuc_html(const char *html, size_t len, article_probe *probe, problem_log *log,
                            tc_load_summary *sum, char *dir, size_t dir_cap)
{
	char p[4300];
	make_temp_dir(dir, dir_cap);
	snprintf(p, sizeof p, "%s/demuc", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof p, "%s/demuc/%s.html", dir, good_id);
	write_bytes(p, html, len);
	char tsv[512];
	int n = snprintf(tsv, sizeof tsv,
	                 "demuc_number\tdemuc_id\tdemuc_name\tchude_id\n36.3\t%s\tThanh niên\tx\n", good_id);
	snprintf(p, sizeof p, "%s/demuc.tsv", dir);
	write_bytes(p, tsv, (size_t)n);
	tc_load_options opt = {0};
	opt.problem_fn = log_problem;
	opt.problem_ctx = log;
	tc_error err = {0};
	CHECK(tc_corpus_load(dir, &opt, probe_article, probe, sum, &err) == TC_OK, "load: %s", err.message);
}

static void encoding_cases(void)
{
	/* Điều 36.3.LQ.2 of the Thanh niên đề mục: the bad bytes go right
	 * after "quyền" in its pNoiDung paragraph. */
	static const char anchor[] = "/3600300000000000100000200000000000000000";
	static const char before[] = "Luật này quy định về quyền";
	static const char after[] = ", nghĩa vụ và trách nhiệm của thanh niên";
	/* Each run becomes U+FFFD per maximal subpart (Unicode §3.9), as the
	 * analyzer's repair does. */
	static const struct {
		const char *name;
		const char *bytes;
		const char *want;
	} rows[] = {
	        {"overlong C0 AF", "\xC0\xAF", "\uFFFD\uFFFD"},
	        {"surrogate ED A0 80", "\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},
	        {"above U+10FFFF F4 90 80 80", "\xF4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD"},
	        {"truncated E1 BA", "\xE1\xBA", "\uFFFD"},
	        {"truncated F0 9F 98", "\xF0\x9F\x98", "\uFFFD"},
	        {"stray continuation 80", "\x80", "\uFFFD"},
	        {"byte FF", "\xFF", "\uFFFD"},
	};
	char src[4300], dir[4096];
	snprintf(src, sizeof src, "%s/phapdien/demuc/%s.html.zst", sample_dir(), good_id);
	char *html = NULL;
	size_t len = 0;
	tc_error err = {0};
	CHECK(tc_read_file(src, &html, &len, &err) == TC_OK, "read %s: %s", src, err.message);
	if (!html)
		return;
	const char *at = strstr(html, before);
	CHECK(at != NULL, "the sample still has \"%s\"", before);
	if (!at) {
		tc_free(html);
		return;
	}
	size_t cut = (size_t)(at - html) + strlen(before);
	/* the pristine file: how many records, and that it reports nothing */
	article_probe clean = {.anchor = anchor};
	problem_log clean_log = {0};
	tc_load_summary clean_sum = {0};
	load_demuc_html(html, len, &clean, &clean_log, &clean_sum, dir, sizeof dir);
	CHECK(clean.text && strstr(clean.text, after), "the pristine article has its text");
	CHECK(clean_log.kinds[TC_PROBLEM_ENCODING] == 0, "no encoding problem in the pristine file");
	remove_tree(dir);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		size_t extra = strlen(rows[i].bytes);
		char *bad = malloc(len + extra);
		memcpy(bad, html, cut);
		memcpy(bad + cut, rows[i].bytes, extra);
		memcpy(bad + cut + extra, html + cut, len - cut);
		article_probe probe = {.anchor = anchor};
		problem_log log = {0};
		tc_load_summary sum = {0};
		load_demuc_html(bad, len + extra, &probe, &log, &sum, dir, sizeof dir);
		char want[512];
		snprintf(want, sizeof want, "%s%s%s", before, rows[i].want, after);
		CHECK(probe.text && strstr(probe.text, want), "%s: the text kept with U+FFFD: %.300s",
		      rows[i].name, probe.text ? probe.text : "(no article)");
		CHECK(probe.records == clean.records, "%s: %ld records, as the pristine file's %ld",
		      rows[i].name, probe.records, clean.records);
		CHECK(sum.skipped == 0, "%s: nothing skipped (%lld)", rows[i].name, sum.skipped);
		CHECK(log.kinds[TC_PROBLEM_ENCODING] == 1, "%s: one encoding problem (%d)", rows[i].name,
		      log.kinds[TC_PROBLEM_ENCODING]);
		/* the file, the byte offset (in the problem and in its message) and the record */
		char where[64], said[64];
		snprintf(where, sizeof where, ":%zu: encoding: ", cut);
		snprintf(said, sizeof said, "byte offset %zu", cut);
		const char *found = find_problem(&log, TC_PROBLEM_ENCODING, where);
		char record[128];
		snprintf(record, sizeof record, "[pd/36.3.LQ.2]"); /* Điều 36.3.LQ.2, by its readable id */
		CHECK(found && strstr(found, good_id) && strstr(found, said) && strstr(found, "U+FFFD") &&
		              strstr(found, record),
		      "%s: reported with file and offset %zu: %s", rows[i].name, cut,
		      found       ? found
		      : log.count ? log.text[0]
		                  : "(nothing)");
		printf("%s: %s\n", rows[i].name, found ? found : "(none)");
		free(probe.text);
		free(bad);
		remove_tree(dir);
	}
	free(clean.text);
	tc_free(html);
}

static void jsonl_case(void)
{
	char dir[4096], p[4300];
	make_temp_dir(dir, sizeof dir);
	snprintf(p, sizeof p, "%s/records.jsonl", dir);
	FILE *out = fopen(p, "w");
	char src[4300];
	snprintf(src, sizeof src, "%s/alqac/law.json", sample_dir());
	/* line 1, 2: good records; line 3: not JSON; line 4: no id; line 5: good */
	tc_record r = {0};
	r.kind = TC_RECORD_DOCUMENT;
	r.id = "test/1";
	r.title = "Một";
	tc_error err;
	tc_record_write_jsonl(&r, out, &err);
	r.id = "test/2";
	tc_record_write_jsonl(&r, out, &err);
	fputs("{\"kind\": \"document\", \"id\": \"test/3\", oops\n", out);
	fputs("{\"kind\": \"document\", \"title\": \"no id\"}\n", out);
	r.id = "test/5";
	tc_record_write_jsonl(&r, out, &err);
	fclose(out);
	problem_log log = {0};
	long records = 0;
	tc_load_summary sum = {0};
	CHECK(load_logged(p, 0, count_record, &records, &log, &sum, &err) == TC_OK, "jsonl: %s", err.message);
	CHECK(records == 3, "good lines loaded: %ld", records);
	CHECK(sum.skipped == 2, "skipped %lld", sum.skipped);
	const char *syn = find_problem(&log, TC_PROBLEM_SYNTAX, "records.jsonl:3:");
	CHECK(syn != NULL, "line 3 reported: %s", log.count ? log.text[0] : "");
	const char *miss = find_problem(&log, TC_PROBLEM_MISSING_FIELD, "records.jsonl:4:");
	CHECK(miss && strstr(miss, "\"id\""), "line 4 reported: %s", log.count > 1 ? log.text[1] : "");
	remove_tree(dir);
}

/* ---- every JSONL field checked (issue 15 item 7) ---- */

/* Real records of the sample as JSON: the first codified article with
 * source links, cross-references and clauses, and the first Công báo
 * document with an issue date and a body. */
typedef struct base_records {
	json_t *codified, *document;
} base_records;

static json_t *record_json(const tc_record *r)
{
	char *line = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&line, &len);
	tc_error err;
	CHECK(tc_record_write_jsonl(r, mem, &err) == TC_OK, "write: %s", err.message);
	fclose(mem);
	json_error_t jerr;
	json_t *j = json_loadb(line, len, 0, &jerr);
	free(line);
	return j;
}

static int pick_base(void *ctx, const tc_record *r)
{
	base_records *b = ctx;
	if (!b->codified && r->kind == TC_RECORD_CODIFIED && r->codified->source_count &&
	    r->codified->cross_ref_count && r->body && r->body->first_child)
		b->codified = record_json(r);
	if (!b->document && r->kind == TC_RECORD_DOCUMENT && r->issue_date && r->body && r->body->first_child)
		b->document = record_json(r);
	return 0;
}

/* The value at PATH ("codified.sources.0.relation": object keys and array
 * indexes) in J, or NULL. With SET, PATH's last step is set to SET (or
 * removed when SET is json_null() and REMOVE is set). */
static json_t *json_at(json_t *j, const char *path, json_t *set)
{
	char step[64];
	while (j && *path) {
		size_t n = strcspn(path, ".");
		snprintf(step, sizeof step, "%.*s", (int)n, path);
		int last = path[n] == '\0';
		path += n + !last;
		if (json_is_array(j)) {
			size_t i = (size_t)atol(step);
			if (last && set)
				json_array_set(j, i, set);
			j = json_array_get(j, i);
		} else {
			if (last && set)
				json_object_set(j, step, set);
			j = json_object_get(j, step);
		}
	}
	return j;
}

static int collect_record(void *ctx, const tc_record *r)
{
	json_t *loaded = ctx;
	json_t *j = record_json(r);
	json_object_set_new(loaded, r->id, j ? j : json_null());
	return 0;
}

static void jsonl_field_cases(void)
{
	/* Each row: a real record with one field set to a bad (or a good) value,
	 * as one line of a JSONL file. What must happen: the record skipped or
	 * loaded; the problem's kind and what it says (the field's place and
	 * value); and in the loaded record, the field's value (NULL: absent). */
	static const struct {
		const char *base; /* "codified" or "document" */
		const char *field;
		const char *value; /* JSON */
		int skipped;
		int kind; /* tc_problem_kind, -1 for none */
		const char *says;
		const char *loaded; /* JSON the field reads back as, NULL: absent */
	} rows[] = {
	        {"document", "id", "\"\"", 1, TC_PROBLEM_MISSING_FIELD, "field \"id\" = \"\" is empty", NULL},
	        {"document", "id", "52", 1, TC_PROBLEM_SYNTAX, "field \"id\" = 52 is not a string", NULL},
	        {"document", "kind", "\"law\"", 1, TC_PROBLEM_SYNTAX,
	         "field \"kind\" = \"law\" is not a record kind", NULL},
	        {"codified", "codified", "null", 1, TC_PROBLEM_MISSING_FIELD, "field \"codified\" is missing",
	         NULL},
	        {"document", "body.kind", "\"chapterx\"", 1, TC_PROBLEM_SYNTAX,
	         "field \"body.kind\" = \"chapterx\" is not a node kind", NULL},
	        {"document", "body.children.0", "7", 1, TC_PROBLEM_SYNTAX,
	         "field \"body.children[0]\" = 7 is not an object", NULL},
	        {"document", "issue_date", "20201345", 0, TC_PROBLEM_SYNTAX,
	         "field \"issue_date\" = 20201345 is not a real day", NULL},
	        {"document", "issue_date", "\"2020-02-30\"", 0, TC_PROBLEM_SYNTAX,
	         "field \"issue_date\" = \"2020-02-30\" is not a real day", NULL},
	        {"document", "effective_date", "\"2021-1-1\"", 0, TC_PROBLEM_SYNTAX,
	         "field \"effective_date\" = \"2021-1-1\" is not a real day", NULL},
	        {"document", "expiry_date", "true", 0, TC_PROBLEM_SYNTAX,
	         "field \"expiry_date\" = true is not a real day", NULL},
	        {"document", "issue_date", "\"2020-02-29\"", 0, -1, NULL, "\"2020-02-29\""},
	        {"document", "issue_date", "20200229", 0, -1, NULL, "\"2020-02-29\""},
	        {"document", "scope", "\"galactic\"", 0, TC_PROBLEM_SYNTAX,
	         "field \"scope\" = \"galactic\" is not a scope", NULL},
	        {"document", "scope", "\"local\"", 0, -1, NULL, "\"local\""},
	        {"document", "validity", "\"bogus-status\"", 0, TC_PROBLEM_SYNTAX,
	         "field \"validity\" = \"bogus-status\" is not a validity status", NULL},
	        {"document", "validity", "\"het-hieu-luc-mot-phan\"", 0, -1, NULL,
	         "\"het-hieu-luc-mot-phan\""},
	        {"document", "type", "\"sac-lenh-moi\"", 0, TC_PROBLEM_SYNTAX,
	         "field \"type\" = \"sac-lenh-moi\" is not a document type", NULL},
	        {"document", "title", "42", 0, TC_PROBLEM_SYNTAX, "field \"title\" = 42 is not a string",
	         NULL},
	        {"document", "isue_date", "\"2020-01-01\"", 0, TC_PROBLEM_SYNTAX,
	         "field \"isue_date\" = \"2020-01-01\" is not a field of the format", NULL},
	        {"document", "body.children.0.children", "{}", 0, TC_PROBLEM_SYNTAX,
	         "field \"body.children[0].children\" = {} is not an array", NULL},
	        {"codified", "codified.sources.0.relation", "\"inspired-by\"", 0, TC_PROBLEM_SYNTAX,
	         "field \"codified.sources[0].relation\" = \"inspired-by\" is not a relation", "\"other\""},
	        {"codified", "codified.sources.0.doc_type", "\"bogus\"", 0, TC_PROBLEM_SYNTAX,
	         "field \"codified.sources[0].doc_type\" = \"bogus\" is not a document type", NULL},
	        {"codified", "codified.sources.0.issue_date", "\"2019-02-29\"", 0, TC_PROBLEM_SYNTAX,
	         "field \"codified.sources[0].issue_date\" = \"2019-02-29\" is not a real day", NULL},
	        {"codified", "codified.sources.0", "\"Điều 1\"", 0, TC_PROBLEM_SYNTAX,
	         "field \"codified.sources[0]\" = \"Điều 1\" is not an object", NULL},
	        {"codified", "codified.order", "\"5\"", 0, TC_PROBLEM_SYNTAX,
	         "field \"codified.order\" = \"5\" is not an integer", "0"},
	        {"codified", "codified.anchor_occurrence", "-1", 0, TC_PROBLEM_SYNTAX,
	         "field \"codified.anchor_occurrence\" = -1 is out of range", "0"},
	        {"codified", "codified.cross_refs", "\"x\"", 0, TC_PROBLEM_SYNTAX,
	         "field \"codified.cross_refs\" = \"x\" is not an array", "[]"},
	        {"codified", "codified.cross_refs.0.anchor", "[1]", 0, TC_PROBLEM_SYNTAX,
	         "field \"codified.cross_refs[0].anchor\" = [1] is not a string", NULL},
	};
	base_records base = {0};
	char src[4300];
	snprintf(src, sizeof src, "%s/phapdien", sample_dir());
	tc_error err = {0};
	CHECK(tc_corpus_load(src, NULL, pick_base, &base, NULL, &err) == TC_OK, "%s: %s", src, err.message);
	snprintf(src, sizeof src, "%s/congbao/docs/congbao_chinhphu", sample_dir());
	CHECK(tc_corpus_load(src, NULL, pick_base, &base, NULL, &err) == TC_OK, "%s: %s", src, err.message);
	CHECK(base.codified && base.document, "the sample has the base records");
	if (!base.codified || !base.document)
		return;
	char dir[4096], path[4300];
	make_temp_dir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/fields.jsonl", dir);
	FILE *out = fopen(path, "w");
	size_t nrows = sizeof rows / sizeof rows[0];
	for (size_t i = 0; i < nrows; i++) {
		json_t *rec =
		        json_deep_copy(!strcmp(rows[i].base, "codified") ? base.codified : base.document);
		/* one id per line, so that each loaded record is told apart */
		if (strcmp(rows[i].field, "id")) {
			char id[64];
			snprintf(id, sizeof id, "row/%zu", i + 1);
			json_object_set_new(rec, "id", json_string(id));
		}
		json_error_t jerr;
		json_t *value = json_loads(rows[i].value, JSON_DECODE_ANY, &jerr);
		CHECK(value != NULL, "row %zu: value %s", i + 1, rows[i].value);
		json_at(rec, rows[i].field, value);
		json_decref(value);
		json_dumpf(rec, out, JSON_COMPACT);
		fputc('\n', out);
		json_decref(rec);
	}
	fclose(out);
	problem_log log = {0};
	tc_load_options opt = {0};
	opt.problem_fn = log_problem;
	opt.problem_ctx = &log;
	tc_load_summary sum = {0};
	json_t *loaded = json_object();
	CHECK(tc_corpus_load(path, &opt, collect_record, loaded, &sum, &err) == TC_OK, "load: %s",
	      err.message);
	long long want_skipped = 0;
	for (size_t i = 0; i < nrows; i++) {
		want_skipped += rows[i].skipped;
		char line_tag[64], id[64];
		snprintf(line_tag, sizeof line_tag, "fields.jsonl:%zu:", i + 1);
		snprintf(id, sizeof id, "row/%zu", i + 1);
		/* the problems of this line */
		int problems = 0;
		const char *said = NULL;
		for (int k = 0; k < log.count && k < 64; k++)
			if (strstr(log.text[k], line_tag)) {
				problems++;
				said = log.text[k];
			}
		if (rows[i].kind < 0) {
			CHECK(problems == 0, "row %zu (%s = %s): no problem, got %s", i + 1, rows[i].field,
			      rows[i].value, said ? said : "");
		} else {
			CHECK(problems == 1, "row %zu (%s = %s): one problem, got %d", i + 1, rows[i].field,
			      rows[i].value, problems);
			CHECK(said && strstr(said, tc_problem_kind_name((tc_problem_kind)rows[i].kind)) &&
			              strstr(said, rows[i].says) &&
			              strstr(said, rows[i].skipped ? "record skipped" : "field ignored"),
			      "row %zu: want '%s', got %s", i + 1, rows[i].says, said ? said : "(nothing)");
			printf("jsonl field: %s\n", said ? said : "(none)");
		}
		json_t *rec = json_object_get(loaded, id);
		if (rows[i].skipped || !strcmp(rows[i].field, "id")) {
			CHECK(!rec, "row %zu: skipped", i + 1);
			continue;
		}
		CHECK(rec != NULL, "row %zu: loaded", i + 1);
		if (!rec)
			continue;
		/* the rest of the record is there: its title and its body */
		CHECK(json_object_get(rec, "body") != NULL, "row %zu: the body is kept", i + 1);
		json_t *got = json_at(rec, rows[i].field, NULL);
		char *got_text = got ? json_dumps(got, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
		if (rows[i].loaded)
			CHECK(got_text && !strcmp(got_text, rows[i].loaded),
			      "row %zu: %s reads back as %s, want %s", i + 1, rows[i].field,
			      got_text ? got_text : "(absent)", rows[i].loaded);
		else
			CHECK(!got, "row %zu: %s is ignored, reads back as %s", i + 1, rows[i].field,
			      got_text);
		free(got_text);
	}
	CHECK(sum.skipped == want_skipped, "skipped %lld, want %lld", sum.skipped, want_skipped);
	CHECK(sum.loaded == (long long)nrows - want_skipped, "loaded %lld of %zu", sum.loaded, nrows);
	json_decref(loaded);
	json_decref(base.codified);
	json_decref(base.document);
	remove_tree(dir);
}

static void alqac_case(void)
{
	char dir[4096], p[4300];
	make_temp_dir(dir, sizeof dir);
	snprintf(p, sizeof p, "%s/law.json", dir);
	const char *json =
	        "[\n"
	        "  {\n    \"id\": \"Luật Một\",\n    \"articles\": [\n      {\"id\": \"1\", \"text\": "
	        "\"Phạm vi\\n\\nLuật này quy định.\"}\n    ]\n  },\n"
	        "  {\n    \"id\": \"Luật Hai\"\n  },\n"
	        "  {\n    \"id\": \"Luật Ba\",\n    \"articles\": [\n      {\"id\": \"1\", \"text\": "
	        "\"Đối tượng\\n\\nÁp dụng\", }\n    ]\n  },\n"
	        "  {\n    \"id\": \"Bộ luật Bốn\",\n    \"articles\": [\n      {\"id\": \"2\", \"text\": "
	        "\"Điều\\n\\nThân\"},\n      {\"text\": \"no id\"}\n    ]\n  }\n"
	        "]\n";
	write_bytes(p, json, strlen(json));
	problem_log log = {0};
	long records = 0;
	tc_load_summary sum = {0};
	tc_error err = {0};
	CHECK(load_logged(p, 0, count_record, &records, &log, &sum, &err) == TC_OK, "alqac: %s", err.message);
	CHECK(records == 2, "laws loaded: %ld (Luật Một, Bộ luật Bốn)", records);
	const char *miss = find_problem(&log, TC_PROBLEM_MISSING_FIELD, "law.json:8:");
	CHECK(miss != NULL, "Luật Hai (line 8) reported: %s", log.count ? log.text[0] : "");
	const char *syn = find_problem(&log, TC_PROBLEM_SYNTAX, "law.json:");
	CHECK(syn != NULL, "the broken item of Luật Ba reported");
	const char *art = find_problem(&log, TC_PROBLEM_MISSING_FIELD, "lacks \"id\"");
	CHECK(art != NULL, "the article without id reported");
	CHECK(sum.skipped == 2, "skipped %lld", sum.skipped);
	for (int i = 0; i < log.count && i < 64; i++)
		printf("alqac problem: %s\n", log.text[i]);
	remove_tree(dir);
}

static void unknown_case(void)
{
	tc_error err = {0};
	CHECK(tc_corpus_load("/nonexistent/tracuu/path", NULL, count_record, NULL, NULL, &err) ==
	              TC_ERR_NOT_FOUND,
	      "missing path");
	CHECK(strstr(err.message, "/nonexistent/tracuu/path") != NULL, "message names the path: %s",
	      err.message);
	char dir[4096];
	make_temp_dir(dir, sizeof dir);
	err.code = TC_OK;
	CHECK(tc_corpus_load(dir, NULL, count_record, NULL, NULL, &err) == TC_ERR_INPUT, "an empty folder");
	CHECK(strstr(err.message, "cannot tell") != NULL, "message: %s", err.message);
	remove_tree(dir);
}

int main(void)
{
	zst_cases();
	encoding_cases();
	jsonl_case();
	jsonl_field_cases();
	alqac_case();
	unknown_case();
	return check_done("corpus-bad-input");
}
