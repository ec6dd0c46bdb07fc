/* test_eval.c - the quality-evaluation harness and `tracuu eval`.
 *
 *   test_eval unit               metrics on hand-made rankings, diacritic
 *                                stripping, the loaders and their errors
 *   test_eval cli TRACUU         the real binary on the bundled sample
 *                                (corpus/sample/alqac): table shape, and every
 *                                figure recomputed from the --json output
 *   test_eval reference TRACUU   the FTS5 baseline on the full ALQAC train.json
 *                                reproduces SOURCE.md's reference figures
 *                                (skipped without the shared corpus) */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "check.h"
#include "eval.h"

#define NEAR(got, want, tol, what)                                                                           \
	CHECK(fabs((double)(got) - (double)(want)) <= (tol), "%s: got %.6f, want %.6f", what, (double)(got), \
	      (double)(want))

/* ---- metrics on hand-made rankings ---- */

typedef struct score_case {
	const char *name;
	size_t relevant[4];
	size_t relevant_count;
	size_t missing_count;
	size_t hits[EVAL_TOP_K];
	size_t hit_count;
	/* expected: hit@1,5,10,20, recall@1,5,10,20, MRR@10, nDCG@10 */
	double hit[EVAL_CUTOFF_COUNT];
	double recall[EVAL_CUTOFF_COUNT];
	double mrr10;
	double ndcg10;
} score_case;

static void test_metrics(void)
{
	/* log2(2) = 1: rank 1 gains 1; rank 2 gains 1/log2(3); rank 3 gains 1/2. */
	const double g2 = 1.0 / log2(3.0);
	const score_case cases[] = {
	        {"gold at rank 1", {7}, 1, 0, {7, 1, 2}, 3, {1, 1, 1, 1}, {1, 1, 1, 1}, 1.0, 1.0},
	        {"gold at rank 3", {7}, 1, 0, {1, 2, 7, 3}, 4, {0, 1, 1, 1}, {0, 1, 1, 1}, 1.0 / 3, 0.5},
	        {"gold at rank 11",
	         {7},
	         1,
	         0,
	         {20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 7, 30},
	         12,
	         {0, 0, 0, 1},
	         {0, 0, 0, 1},
	         0.0,
	         0.0},
	        {"two gold, one found at rank 2",
	         {7, 8},
	         2,
	         0,
	         {1, 7, 3},
	         3,
	         {0, 1, 1, 1},
	         {0, 0.5, 0.5, 0.5},
	         0.5,
	         g2 / (1.0 + g2)},
	        {"two gold at ranks 1 and 2",
	         {7, 8},
	         2,
	         0,
	         {8, 7},
	         2,
	         {1, 1, 1, 1},
	         {0.5, 1, 1, 1},
	         1.0,
	         1.0},
	        {"a gold pair missing from the corpus",
	         {7},
	         1,
	         1,
	         {7, 2},
	         2,
	         {1, 1, 1, 1},
	         {0.5, 0.5, 0.5, 0.5},
	         1.0,
	         1.0 / (1.0 + g2)},
	        {"only a missing gold pair", {0}, 0, 1, {1, 2, 3}, 3, {0, 0, 0, 0}, {0, 0, 0, 0}, 0.0, 0.0},
	        {"no result", {7}, 1, 0, {0}, 0, {0, 0, 0, 0}, {0, 0, 0, 0}, 0.0, 0.0},
	        /* a duplicate keeps its slot and counts once: 7 is found once,
		 * 8 lands at rank 3 */
	        {"a duplicate in the ranking",
	         {7, 8},
	         2,
	         0,
	         {7, 7, 8},
	         3,
	         {1, 1, 1, 1},
	         {0.5, 1, 1, 1},
	         1.0,
	         (1.0 + 0.5) / (1.0 + g2)},
	        /* eleven relevant articles: the ideal DCG stops at rank 10 */
	        {"more gold than 10, one at rank 1",
	         {0},
	         1,
	         10,
	         {0},
	         1,
	         {1, 1, 1, 1},
	         {1.0 / 11, 1.0 / 11, 1.0 / 11, 1.0 / 11},
	         1.0,
	         1.0 / (1 + g2 + 0.5 + 1 / log2(5.0) + 1 / log2(6.0) + 1 / log2(7.0) + 1 / log2(8.0) +
	                1 / log2(9.0) + 1 / log2(10.0) + 1 / log2(11.0))},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const score_case *c = &cases[i];
		eval_question q = {.id = c->name,
		                   .text = "",
		                   .relevant = (size_t *)c->relevant,
		                   .relevant_count = c->relevant_count,
		                   .missing_count = c->missing_count};
		eval_metrics m;
		eval_score(&q, c->hits, c->hit_count, &m);
		char what[128];
		for (size_t k = 0; k < EVAL_CUTOFF_COUNT; k++) {
			snprintf(what, sizeof what, "%s: hit@%zu", c->name, eval_cutoffs[k]);
			NEAR(m.hit[k], c->hit[k], 1e-12, what);
			snprintf(what, sizeof what, "%s: recall@%zu", c->name, eval_cutoffs[k]);
			NEAR(m.recall[k], c->recall[k], 1e-12, what);
		}
		snprintf(what, sizeof what, "%s: MRR@10", c->name);
		NEAR(m.mrr10, c->mrr10, 1e-12, what);
		snprintf(what, sizeof what, "%s: nDCG@10", c->name);
		NEAR(m.ndcg10, c->ndcg10, 1e-12, what);
	}

	/* The mean over questions. */
	eval_metrics sum = {0},
	             one = {.hit = {1, 1, 1, 1}, .recall = {0.5, 1, 1, 1}, .mrr10 = 1, .ndcg10 = 0.75};
	eval_metrics zero = {0};
	eval_metrics_add(&sum, &one);
	eval_metrics_add(&sum, &zero);
	eval_metrics_scale(&sum, 2);
	NEAR(sum.hit[0], 0.5, 1e-12, "mean hit@1");
	NEAR(sum.recall[0], 0.25, 1e-12, "mean recall@1");
	NEAR(sum.mrr10, 0.5, 1e-12, "mean MRR@10");
	NEAR(sum.ndcg10, 0.375, 1e-12, "mean nDCG@10");
	eval_metrics_scale(&sum, 0); /* no questions: unchanged */
	NEAR(sum.mrr10, 0.5, 1e-12, "scale by 0");
}

/* ---- diacritics and NFC ---- */

static void test_text(void)
{
	static const struct {
		const char *in, *out;
	} strip[] = {
	        {"Quyền sử dụng đất", "Quyen su dung dat"},
	        {"ĐIỀU 5. Phạm vi điều chỉnh", "DIEU 5. Pham vi dieu chinh"},
	        /* NFD input (combining dot below, hook above) */
	        {"Nghi\xcc\xa3 \xc4\x91i\xcc\xa3nh", "Nghi dinh"},
	        {"thoả thuận, thỏa thuận, uỷ ban, ủy ban", "thoa thuan, thoa thuan, uy ban, uy ban"},
	        {"", ""},
	        {"52/2015/NĐ-CP", "52/2015/ND-CP"},
	        {"café Ñandú", "cafe Nandu"},
	        /* invalid UTF-8 becomes U+FFFD, the rest goes on */
	        {"a\xff"
	         "b",
	         "a\xef\xbf\xbd"
	         "b"},
	};
	tc_buf out = {0};
	for (size_t i = 0; i < sizeof strip / sizeof strip[0]; i++) {
		CHECK(eval_strip_diacritics(strip[i].in, strlen(strip[i].in), &out) == 0, "strip %s",
		      strip[i].in);
		CHECK_STR(out.data ? out.data : "", strip[i].out);
	}
	/* NFC composes what NFD split. */
	const char *nfd = "Nghi\xcc\xa3 \xc4\x91i\xcc\xa3nh";
	CHECK(eval_nfc(nfd, strlen(nfd), &out) == 0, "nfc");
	CHECK_STR(out.data, "Nghị định");
	tc_buf_free(&out);
}

/* ---- loaders ---- */

static char scratch_dir[256];

static const char *write_file(const char *name, const char *content)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", scratch_dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		return path;
	fputs(content, f);
	fclose(f);
	return path;
}

static const char good_law[] =
        "[\n"
        " {\"id\": \"Luật A\", \"articles\": [\n"
        "  {\"id\": \"1\", \"text\": \"Phạm vi điều chỉnh\\n\\nLuật này quy định.\"},\n"
        "  {\"id\": \"2\", \"text\": \"Giải thích từ ngữ\\n1. Một.\\n\\n2. Hai.\"},\n"
        "  {\"id\": 3, \"text\": \"Nhà nước bảo đảm quyền con người.\"}]},\n"
        " {\"id\": \"Luật B\", \"articles\": [\n"
        "  {\"id\": \"1\", \"text\": \"Đối tượng\\n\\nCơ quan, tổ chức.\"}]}\n"
        "]\n";

static void test_loaders(void)
{
	tc_error err = {0};
	eval_corpus corpus;
	CHECK(eval_corpus_load(write_file("law.json", good_law), &corpus, &err) == TC_OK, "good law: %s",
	      err.message);
	CHECK(corpus.count == 4, "4 articles, got %zu", corpus.count);
	if (corpus.count == 4) {
		CHECK_STR(corpus.articles[0].law_id, "Luật A");
		CHECK_STR(corpus.articles[0].title, "Phạm vi điều chỉnh");
		CHECK_STR(corpus.articles[0].body, "Luật này quy định.");
		/* title = the first line even when no blank line follows it */
		CHECK_STR(corpus.articles[1].title, "Giải thích từ ngữ");
		CHECK_STR(corpus.articles[1].body, "1. Một.\n\n2. Hai.");
		/* one line: all body (the Hiến pháp's articles have no title) */
		CHECK_STR(corpus.articles[2].article_id, "3");
		CHECK_STR(corpus.articles[2].title, "");
		CHECK_STR(corpus.articles[2].body, "Nhà nước bảo đảm quyền con người.");
		CHECK_STR(corpus.articles[3].law_id, "Luật B");
	}

	const char *questions = write_file(
	        "q.json", "[{\"question_id\": \"q1\", \"question_type\": \"Đúng/Sai\", \"text\": \"Quyền con "
	                  "người?\",\n"
	                  "  \"choices\": {\"A\": \"không dùng\"}, \"answer\": \"Đúng\",\n"
	                  "  \"relevant_articles\": [{\"law_id\": \"Luật A\", \"article_id\": \"3\"},\n"
	                  "                        {\"law_id\": \"Luật A\", \"article_id\": \"3\"},\n"
	                  "                        {\"law_id\": \"Luật C\", \"article_id\": \"64\"}]},\n"
	                  " {\"question_id\": \"q2\", \"text\": \"Đối tượng áp dụng\",\n"
	                  "  \"relevant_articles\": [{\"law_id\": \"Luật B\", \"article_id\": \"1\"}]}]\n");
	eval_question_file file;
	CHECK(eval_questions_load(questions, &corpus, &file, &err) == TC_OK, "good questions: %s",
	      err.message);
	CHECK(file.count == 2, "2 questions, got %zu", file.count);
	if (file.count == 2) {
		const eval_question *q = &file.questions[0];
		CHECK_STR(q->id, "q1");
		CHECK_STR(q->text, "Quyền con người?");
		/* the duplicate pair counts once; the pair absent from the law
		 * file counts as missing */
		CHECK(q->relevant_count == 1 && q->relevant[0] == 2, "q1 relevant: %zu", q->relevant_count);
		CHECK(q->missing_count == 1, "q1 missing: %zu", q->missing_count);
		CHECK(q->gold_count == 2 && q->gold[0].in_corpus && !q->gold[1].in_corpus, "q1 gold");
		CHECK(file.questions[1].relevant_count == 1 && file.questions[1].relevant[0] == 3,
		      "q2 relevant");
		CHECK(file.gold_pairs == 3, "gold pairs: %zu", file.gold_pairs);
		CHECK(eval_questions_strip_diacritics(&file) == 0, "strip");
		CHECK_STR(file.questions[0].text, "Quyen con nguoi?");
		CHECK_STR(file.questions[1].text, "Doi tuong ap dung");
		eval_questions_free(&file);
	}

	/* Broken files: the message says which file and where. */
	static const struct {
		int questions; /* 0: a law file, 1: a question file */
		const char *content;
		tc_status code;
		const char *want[3]; /* substrings of the message */
	} broken[] = {
	        {0,
	         "[\n {\"id\": \"A\", \"articles\": [\n  {\"id\": \"1\", \"text\": \"T\",}\n]}]\n",
	         TC_ERR_INPUT,
	         {"broken.json:3:", "byte", "invalid JSON"}},
	        {0,
	         "[{\"id\": \"A\", \"articles\": [",
	         TC_ERR_INPUT,
	         {"broken.json:1:", "byte", "invalid JSON"}},
	        {0, "", TC_ERR_INPUT, {"broken.json:", "invalid JSON"}},
	        {0, "{\"id\": \"A\"}", TC_ERR_INPUT, {"broken.json", "not an array of laws"}},
	        {0, "[{\"articles\": []}]", TC_ERR_INPUT, {"broken.json", "law [0]", "missing \"id\""}},
	        {0, "[{\"id\": \"A\"}]", TC_ERR_INPUT, {"law [0] (\"A\")", "missing \"articles\""}},
	        {0,
	         "[{\"id\": \"A\", \"articles\": [{\"id\": \"1\", \"text\": \"T\"}, {\"id\": \"2\"}]}]",
	         TC_ERR_INPUT,
	         {"law [0] (\"A\"), article [1]", "missing \"text\""}},
	        {0,
	         "[{\"id\": \"A\", \"articles\": [{\"text\": \"T\"}]}]",
	         TC_ERR_INPUT,
	         {"article [0]", "missing \"id\""}},
	        {0,
	         "[{\"id\": \"A\", \"articles\": [{\"id\": \"1\", \"text\": \"T\"}, {\"id\": \"1\", "
	         "\"text\": \"U\"}]}]",
	         TC_ERR_INPUT,
	         {"article \"1\" of law \"A\" appears twice"}},
	        {0,
	         "[{\"id\": \"A\", \"id\": \"B\", \"articles\": []}]",
	         TC_ERR_INPUT,
	         {"broken.json:1:", "duplicate"}},
	        {1,
	         "[{\"question_id\": \"q1\", \"text\": \"x\", \"relevant_articles\": []},",
	         TC_ERR_INPUT,
	         {"broken.json:1:", "byte", "invalid JSON"}},
	        {1,
	         "[{\"question_id\": \"q1\", \"relevant_articles\": []}]",
	         TC_ERR_INPUT,
	         {"question [0] (\"q1\")", "missing \"text\""}},
	        {1, "[{\"text\": \"x\"}]", TC_ERR_INPUT, {"question [0]", "missing \"question_id\""}},
	        {1,
	         "[{\"question_id\": \"q1\", \"text\": \"x\"}]",
	         TC_ERR_INPUT,
	         {"missing \"relevant_articles\""}},
	        {1,
	         "[{\"question_id\": \"q1\", \"text\": \"x\", \"relevant_articles\": []}]",
	         TC_ERR_INPUT,
	         {"question [0] (\"q1\")", "no relevant_articles"}},
	        {1,
	         "[{\"question_id\": \"q1\", \"text\": \"x\", \"relevant_articles\": [{\"law_id\": \"Luật "
	         "A\", "
	         "\"article_id\": \"1\"}]},\n {\"question_id\": \"q2\", \"text\": \"y\", "
	         "\"relevant_articles\": "
	         "[{\"law_id\": \"Luật A\"}]}]",
	         TC_ERR_INPUT,
	         {"question [1] (\"q2\"), relevant_articles [0]", "missing \"article_id\""}},
	};
	for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
		const char *path = write_file("broken.json", broken[i].content);
		tc_error e = {0};
		tc_status st;
		if (broken[i].questions) {
			eval_question_file f;
			st = eval_questions_load(path, &corpus, &f, &e);
			if (st == TC_OK)
				eval_questions_free(&f);
		} else {
			eval_corpus c;
			st = eval_corpus_load(path, &c, &e);
			if (st == TC_OK)
				eval_corpus_free(&c);
		}
		CHECK(st == broken[i].code, "broken case %zu: status %d, want %d (%s)", i, st, broken[i].code,
		      e.message);
		for (size_t k = 0; k < 3 && broken[i].want[k]; k++)
			CHECK(strstr(e.message, broken[i].want[k]), "broken case %zu: '%s' not in '%s'", i,
			      broken[i].want[k], e.message);
	}
	/* A file that is not there. */
	tc_error e = {0};
	eval_corpus c;
	CHECK(eval_corpus_load(write_file("x", ""), &c, &e) == TC_ERR_INPUT, "empty file");
	char absent[600];
	snprintf(absent, sizeof absent, "%s/absent.json", scratch_dir);
	CHECK(eval_corpus_load(absent, &c, &e) == TC_ERR_IO, "absent file: %s", e.message);
	CHECK(strstr(e.message, "absent.json"), "absent file named: %s", e.message);
	eval_corpus_free(&corpus);
}

/* ---- a run through a fake system ---- */

/* Answers every question with articles 3, 2, 1, 0, except the question
 * "fails", whose search reports an error. */
static tc_status fake_search(void *state, const char *text, size_t *hits, size_t max, size_t *n,
                             tc_error *err)
{
	(void)state;
	*n = 0;
	if (!strcmp(text, "fails"))
		return tc_error_set(err, TC_ERR_INPUT, "cannot parse");
	for (size_t i = 0; i < 4 && i < max; i++)
		hits[(*n)++] = 3 - i;
	return TC_OK;
}

static void test_run(void)
{
	size_t gold_a[] = {3}, gold_b[] = {0};
	eval_question questions[] = {
	        {.id = "a", .text = "x", .relevant = gold_a, .relevant_count = 1},
	        {.id = "b", .text = "y", .relevant = gold_b, .relevant_count = 1},
	        {.id = "c", .text = "fails", .relevant = gold_a, .relevant_count = 1},
	};
	eval_question_file file = {.path = "fake.json", .questions = questions, .count = 3};
	eval_system system = {.name = "fake", .search = fake_search};
	eval_run run;
	tc_error err = {0};
	CHECK(eval_run_file(&system, &file, &run, &err) == TC_OK, "run: %s", err.message);
	CHECK(run.count == 3 && run.failed == 1, "3 questions, 1 failed: %zu %zu", run.count, run.failed);
	CHECK(strstr(run.first_error, "question c") && strstr(run.first_error, "cannot parse"),
	      "first error: %s", run.first_error);
	CHECK(run.hit_count[0] == 4 && run.hits[0] == 3 && run.hit_count[2] == 0, "hits kept");
	/* a at rank 1, b at rank 4, c unanswered */
	NEAR(run.metrics.hit[0], 1.0 / 3, 1e-12, "run hit@1");
	NEAR(run.metrics.hit[1], 2.0 / 3, 1e-12, "run hit@5");
	NEAR(run.metrics.mrr10, (1 + 0.25) / 3, 1e-12, "run MRR@10");
	NEAR(run.metrics.ndcg10, (1 + 1 / log2(5.0)) / 3, 1e-12, "run nDCG@10");
	eval_run_free(&run);
}

/* ---- allocation failures ---- */

/* Fail each tracuu allocation of each call in turn: the call reports it and
 * leaks nothing (AddressSanitizer's leak check runs at exit). */
static void test_alloc_failures(void)
{
	char law[512], questions[512];
	snprintf(law, sizeof law, "%s", write_file("law.json", good_law));
	snprintf(questions, sizeof questions, "%s",
	         write_file("q.json",
	                    "[{\"question_id\": \"q1\", \"text\": \"Quyền con người?\",\n"
	                    "  \"relevant_articles\": [{\"law_id\": \"Luật A\", \"article_id\": \"3\"},\n"
	                    "                        {\"law_id\": \"Luật C\", \"article_id\": \"64\"}]}]\n"));
	eval_corpus corpus;
	tc_error err;
	long n, failures = 0;
	for (n = 1; n < 10000; n++) {
		tc_alloc_fail_after(n);
		tc_status st = eval_corpus_load(law, &corpus, &err);
		tc_alloc_fail_after(0);
		if (st == TC_OK)
			break;
		failures++;
		CHECK(st == TC_ERR_NOMEM && strstr(err.message, "out of memory"),
		      "corpus, allocation %ld: %s", n, err.message);
	}
	CHECK(failures > 0 && n < 10000, "eval_corpus_load allocates and then succeeds");
	eval_question_file file;
	for (n = 1, failures = 0; n < 10000; n++) {
		tc_alloc_fail_after(n);
		tc_status st = eval_questions_load(questions, &corpus, &file, &err);
		if (st == TC_OK) {
			int rc = eval_questions_strip_diacritics(&file);
			tc_alloc_fail_after(0);
			eval_questions_free(&file);
			if (rc == 0)
				break;
			failures++;
			continue;
		}
		tc_alloc_fail_after(0);
		failures++;
		CHECK(st == TC_ERR_NOMEM && strstr(err.message, "out of memory"),
		      "questions, allocation %ld: %s", n, err.message);
	}
	CHECK(failures > 0 && n < 10000, "eval_questions_load allocates and then succeeds");
	tc_buf out = {0};
	for (n = 1, failures = 0; n < 100; n++) {
		tc_alloc_fail_after(n);
		int rc = eval_strip_diacritics("Quyền sử dụng đất", strlen("Quyền sử dụng đất"), &out);
		tc_alloc_fail_after(0);
		if (rc == 0)
			break;
		failures++;
	}
	CHECK(failures > 0 && n < 100, "eval_strip_diacritics allocates and then succeeds");
	CHECK_STR(out.data, "Quyen su dung dat");
	tc_buf_free(&out);
	eval_corpus_free(&corpus);
}

/* ---- the real binary ---- */

/* Run TRACUU with ARGS (NULL-terminated), stdout and stderr into files of
 * the scratch folder. Returns the exit status, or -1. */
static int run_tracuu(const char *tracuu, const char *const *args, const char *out_name, const char *err_name)
{
	char out_path[512], err_path[512];
	snprintf(out_path, sizeof out_path, "%s/%s", scratch_dir, out_name);
	snprintf(err_path, sizeof err_path, "%s/%s", scratch_dir, err_name);
	const char *argv[32];
	size_t n = 0;
	argv[n++] = tracuu;
	for (size_t i = 0; args[i] && n < 31; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (out < 0 || err < 0)
			_exit(127);
		dup2(out, 1);
		dup2(err, 2);
		execv(tracuu, (char *const *)argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *read_scratch(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", scratch_dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *text = malloc((size_t)size + 1);
	if (text && fread(text, 1, (size_t)size, f) != (size_t)size) {
		free(text);
		text = NULL;
	}
	if (text)
		text[size] = '\0';
	fclose(f);
	return text;
}

/* One row of a printed table. */
typedef struct table_row {
	char system[32];
	double figures[10]; /* hit@1,5,10,20, recall@1,5,10,20, MRR@10, nDCG@10 */
	long questions;
} table_row;

typedef struct table {
	char title[512];
	table_row rows[8];
	size_t row_count;
} table;

static const char expected_header[] =
        "| system | hit@1 | hit@5 | hit@10 | hit@20 | recall@1 | recall@5 | recall@10 "
        "| recall@20 | MRR@10 | nDCG@10 | questions |";

/* Parse the tables of `tracuu eval`'s output; checks their shape. */
static size_t parse_tables(char *text, table *tables, size_t max)
{
	size_t count = 0;
	table *t = NULL;
	int expect = 0; /* 0 title, 1 blank, 2 header, 3 separator, 4 rows */
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (!strncmp(line, "### ", 4)) {
			CHECK(count < max, "too many tables");
			if (count >= max)
				return count;
			t = &tables[count++];
			memset(t, 0, sizeof *t);
			snprintf(t->title, sizeof t->title, "%s", line + 4);
			expect = 2; /* strtok skips the blank line */
			continue;
		}
		if (!t)
			continue;
		if (expect == 2) {
			CHECK_STR(line, expected_header);
			expect = 3;
		} else if (expect == 3) {
			CHECK(!strncmp(line, "|---|", 5), "separator: %s", line);
			expect = 4;
		} else if (expect == 4 && line[0] == '|') {
			table_row *r = &t->rows[t->row_count];
			int used = 0;
			int got =
			        sscanf(line,
			               "| %31s | %lf | %lf | %lf | %lf | %lf | %lf | %lf | %lf | %lf | %lf | "
			               "%ld |%n",
			               r->system, &r->figures[0], &r->figures[1], &r->figures[2],
			               &r->figures[3], &r->figures[4], &r->figures[5], &r->figures[6],
			               &r->figures[7], &r->figures[8], &r->figures[9], &r->questions, &used);
			CHECK(got == 12 && line[used] == '\0', "row has 12 cells: %s", line);
			/* three decimals, each figure within [0, 1] */
			int cells = 0;
			for (const char *p = line; (p = strchr(p, '.')); p++)
				cells += p[-1] >= '0' && p[-1] <= '1' && p[1] >= '0' && p[1] <= '9' &&
				         p[3] >= '0' && p[3] <= '9' && p[4] == ' ';
			CHECK(cells == 10, "10 figures with 3 decimals in: %s", line);
			for (int k = 0; k < 10; k++)
				CHECK(r->figures[k] >= 0 && r->figures[k] <= 1, "figure %d in [0,1]: %s", k,
				      line);
			if (t->row_count < sizeof t->rows / sizeof t->rows[0] - 1)
				t->row_count++;
		} else {
			expect = 5; /* notes after the table */
		}
	}
	return count;
}

/* Recompute the figures of one system on one file from the JSON report,
 * independently of the harness: relevant = the gold pairs; a hit is
 * relevant when its (law_id, article_id) is a gold pair. */
static void recompute(json_t *results, double figures[10])
{
	static const int cutoffs[4] = {1, 5, 10, 20};
	memset(figures, 0, 10 * sizeof figures[0]);
	size_t qi;
	json_t *q;
	json_array_foreach(results, qi, q)
	{
		json_t *gold = json_object_get(q, "gold"), *top = json_object_get(q, "top");
		size_t total = json_array_size(gold), found = 0, first = 0;
		double dcg = 0, idcg = 0;
		size_t found_at[4] = {0};
		for (size_t r = 0; r < json_array_size(top); r++) {
			json_t *hit = json_array_get(top, r);
			CHECK(json_integer_value(json_object_get(hit, "rank")) == (json_int_t)r + 1,
			      "ranks 1, 2, ...");
			int relevant = 0;
			for (size_t g = 0; g < total; g++) {
				json_t *pair = json_array_get(gold, g);
				relevant |= !strcmp(json_string_value(json_object_get(pair, "law_id")),
				                    json_string_value(json_object_get(hit, "law_id"))) &&
				            !strcmp(json_string_value(json_object_get(pair, "article_id")),
				                    json_string_value(json_object_get(hit, "article_id")));
			}
			if (relevant) {
				found++;
				if (!first)
					first = r + 1;
				if (r < 10)
					dcg += 1 / log2((double)r + 2);
			}
			for (int c = 0; c < 4; c++)
				if ((int)r < cutoffs[c])
					found_at[c] = found;
		}
		for (size_t r = 0; r < total && r < 10; r++)
			idcg += 1 / log2((double)r + 2);
		for (int c = 0; c < 4; c++) {
			figures[c] += found_at[c] > 0;
			figures[4 + c] += (double)found_at[c] / (double)total;
		}
		figures[8] += first && first <= 10 ? 1.0 / (double)first : 0;
		figures[9] += dcg / idcg;
	}
	for (int k = 0; k < 10; k++)
		figures[k] /= (double)json_array_size(results);
}

static const char *const metric_keys[10] = {"hit@1",    "hit@5",     "hit@10",    "hit@20", "recall@1",
                                            "recall@5", "recall@10", "recall@20", "mrr@10", "ndcg@10"};

/* The figures of SYSTEM on the FILE_INDEX-th file, from the report; checks
 * them against an independent recomputation. */
static void check_report_file(json_t *report, const char *system, size_t file_index, double figures[10])
{
	size_t si;
	json_t *s, *file = NULL;
	json_array_foreach(json_object_get(report, "systems"), si,
	                   s) if (!strcmp(json_string_value(json_object_get(s, "name")), system)) file =
	        json_array_get(json_object_get(s, "files"), file_index);
	CHECK(file != NULL, "%s: file %zu in the report", system, file_index);
	if (!file)
		return;
	json_t *metrics = json_object_get(file, "metrics");
	for (int k = 0; k < 10; k++)
		figures[k] = json_real_value(json_object_get(metrics, metric_keys[k]));
	double again[10];
	recompute(json_object_get(file, "results"), again);
	for (int k = 0; k < 10; k++) {
		char what[128];
		snprintf(what, sizeof what, "%s file %zu %s recomputed from the top 20", system, file_index,
		         metric_keys[k]);
		NEAR(figures[k], again[k], 2e-6, what);
	}
}

static size_t count_questions(const char *path)
{
	json_t *root = json_load_file(path, 0, NULL);
	size_t n = json_array_size(root);
	json_decref(root);
	return n;
}

static void test_cli(const char *tracuu)
{
	const char *sample = getenv("TRACUU_SAMPLE_CORPUS");
	char law[512], train[512], unverified[512], report_path[512];
	snprintf(law, sizeof law, "%s/alqac/law.json", sample);
	snprintf(train, sizeof train, "%s/alqac/train.json", sample);
	snprintf(unverified, sizeof unverified, "%s/alqac/unverified_train.json", sample);
	snprintf(report_path, sizeof report_path, "%s/report.json", scratch_dir);

	/* Usage errors. */
	const char *const no_args[] = {"eval", NULL};
	CHECK(run_tracuu(tracuu, no_args, "out", "err") == 2, "no arguments: exit 2");
	const char *const bad_system[] = {"eval", "--law",     law,          "--questions",
	                                  train,  "--systems", "fts5,bogus", NULL};
	CHECK(run_tracuu(tracuu, bad_system, "out", "err") == 2, "unknown system: exit 2");
	char *err_text = read_scratch("err");
	CHECK(err_text && strstr(err_text, "bogus"), "unknown system named: %s", err_text ? err_text : "");
	free(err_text);
	const char *const help[] = {"eval", "--help", NULL};
	CHECK(run_tracuu(tracuu, help, "out", "err") == 0, "--help: exit 0");
	/* A broken law file: exit 1, the position in the message. */
	const char *broken = write_file("broken-law.json", "[{\"id\": \"A\",\n \"articles\": [}]");
	const char *const bad_law[] = {"eval", "--law",     broken, "--questions",
	                               train,  "--systems", "fts5", NULL};
	CHECK(run_tracuu(tracuu, bad_law, "out", "err") == 1, "broken law file: exit 1");
	err_text = read_scratch("err");
	CHECK(err_text && strstr(err_text, "broken-law.json:2:"), "position of the error: %s",
	      err_text ? err_text : "");
	free(err_text);

	/* The three baselines on the sample, both question files. */
	const char *const args[] = {"eval",        "--law",    law,         "--questions",           train,
	                            "--questions", unverified, "--systems", "fts5,xapian,syllables", "--json",
	                            report_path,   NULL};
	int status = run_tracuu(tracuu, args, "table.md", "log");
	char *log = read_scratch("log");
	CHECK(status == 0, "tracuu eval: exit %d; stderr:\n%s", status, log ? log : "");
	free(log);
	char *text = read_scratch("table.md");
	CHECK(text != NULL, "output");
	if (!text)
		return;
	table tables[4];
	size_t n = parse_tables(text, tables, 4);
	CHECK(n == 2, "one table per question file, got %zu", n);
	json_error_t jerr;
	json_t *report = json_load_file(report_path, 0, &jerr);
	CHECK(report != NULL, "report: %s", jerr.text);
	static const char *const systems[] = {"fts5", "xapian", "syllables"};
	const char *paths[2] = {train, unverified};
	for (size_t f = 0; f < n && f < 2; f++) {
		table *t = &tables[f];
		CHECK(strstr(t->title, paths[f]) != NULL, "table %zu is about %s: %s", f, paths[f], t->title);
		CHECK(t->row_count == 3, "table %zu: 3 rows, got %zu", f, t->row_count);
		size_t questions = count_questions(paths[f]);
		CHECK(questions > 10, "the sample has questions");
		for (size_t r = 0; r < t->row_count && r < 3; r++) {
			table_row *row = &t->rows[r];
			CHECK_STR(row->system, systems[r]);
			CHECK(row->questions == (long)questions, "%s: %ld questions, want %zu", row->system,
			      row->questions, questions);
			/* hit@k and recall@k grow with k; recall@k <= hit@k */
			for (int k = 1; k < 4; k++) {
				CHECK(row->figures[k] >= row->figures[k - 1], "%s hit@k grows", row->system);
				CHECK(row->figures[4 + k] >= row->figures[3 + k], "%s recall@k grows",
				      row->system);
			}
			for (int k = 0; k < 4; k++)
				CHECK(row->figures[4 + k] <= row->figures[k], "%s recall <= hit",
				      row->system);
			if (!report)
				continue;
			double figures[10];
			check_report_file(report, row->system, f, figures);
			/* the table's figures are the report's, to 3 decimals */
			for (int k = 0; k < 10; k++) {
				char what[128];
				snprintf(what, sizeof what, "%s table vs report %s", row->system,
				         metric_keys[k]);
				NEAR(row->figures[k], figures[k], 0.0005 + 1e-9, what);
			}
		}
		/* FTS5 finds something on this easy sample: a broken pipeline
		 * scoring 0 everywhere would pass the checks above. */
		if (t->row_count)
			CHECK(t->rows[0].figures[2] >= 0.5, "fts5 hit@10 on the sample: %.3f",
			      t->rows[0].figures[2]);
	}
	/* The gold pair missing from the law file is reported as such. */
	if (report) {
		json_t *s = json_array_get(json_object_get(report, "systems"), 0);
		json_t *file = json_array_get(json_object_get(s, "files"), 1);
		size_t qi;
		json_t *q;
		int seen = 0;
		json_array_foreach(
		        json_object_get(file, "results"), qi,
		        q) if (!strcmp(json_string_value(json_object_get(q, "question_id")), "02-TN-169"))
		{
			json_t *gold = json_array_get(json_object_get(q, "gold"), 0);
			seen = 1;
			CHECK(json_is_false(json_object_get(gold, "in_corpus")),
			      "02-TN-169's gold is not in the sample");
		}
		CHECK(seen, "02-TN-169 in the report");
	}
	json_decref(report);
	free(text);

	/* --unaccented runs the same questions without diacritics. */
	const char *const unaccented[] = {"eval", "--law",        law,      "--questions", train, "--systems",
	                                  "fts5", "--unaccented", "--json", report_path,   NULL};
	CHECK(run_tracuu(tracuu, unaccented, "table-unaccented.md", "log") == 0, "--unaccented: exit 0");
	report = json_load_file(report_path, 0, &jerr);
	CHECK(report && json_is_true(json_object_get(report, "unaccented")), "report says unaccented");
	if (report) {
		double figures[10];
		check_report_file(report, "fts5", 0, figures);
	}
	json_decref(report);

	/* --keep leaves each system's index in DIR/SYSTEM, searchable. */
	char keep[512], db[600];
	snprintf(keep, sizeof keep, "%s/kept", scratch_dir);
	snprintf(db, sizeof db, "%s/tracuu/tracuu-index", keep);
	const char *const kept[] = {"eval", "--law", law, "--questions", train, "--systems", "tracuu", "--keep", keep, NULL};
	CHECK(run_tracuu(tracuu, kept, "out", "log") == 0, "--keep: exit 0");
	const char *const search[] = {"search", "--db", db, "--in", "provisions", "Tạm vắng là gì?", NULL};
	CHECK(run_tracuu(tracuu, search, "search.txt", "log") == 0, "the kept index is searchable");
	text = read_scratch("search.txt");
	CHECK(text && strstr(text, "alqac/Luật Cư trú/d2"), "the kept index answers: %s", text ? text : "");
	free(text);
}

static void test_reference(const char *tracuu)
{
	const char *shared = check_shared_corpus();
	char law[1024], train[1024], report_path[512];
	snprintf(law, sizeof law, "%s/alqac2024/law.json", shared);
	snprintf(train, sizeof train, "%s/alqac2024/train.json", shared);
	snprintf(report_path, sizeof report_path, "%s/reference.json", scratch_dir);
	const char *const args[] = {"eval",      "--law", law,      "--questions", train,
	                            "--systems", "fts5",  "--json", report_path,   NULL};
	int status = run_tracuu(tracuu, args, "reference.md", "log");
	char *log = read_scratch("log");
	CHECK(status == 0, "tracuu eval: exit %d; stderr:\n%s", status, log ? log : "");
	free(log);
	json_error_t jerr;
	json_t *report = json_load_file(report_path, 0, &jerr);
	CHECK(report != NULL, "report: %s", jerr.text);
	if (!report)
		return;
	double figures[10];
	check_report_file(report, "fts5", 0, figures);
	/* ../shared/corpus/alqac2024/SOURCE.md, "Reference baseline" */
	NEAR(figures[8], 0.791, 0.005, "FTS5 MRR@10 on train.json");
	NEAR(figures[6], 0.98, 0.0005, "FTS5 recall@10 on train.json");
	NEAR(figures[0], 0.69, 0.0005, "FTS5 hit@1 on train.json");
	NEAR(figures[9], 0.837, 0.005, "FTS5 nDCG@10 on train.json");
	json_decref(report);
}

/* The scratch folder holds only files this test wrote. */
static void remove_scratch(void)
{
	if (tc_remove_tree(scratch_dir) != 0)
		fprintf(stderr, "cannot remove %s: %s\n", scratch_dir, strerror(errno));
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "unit";
	if (!strcmp(mode, "cli") && !getenv("TRACUU_SAMPLE_CORPUS"))
		check_skip("TRACUU_SAMPLE_CORPUS is not set");
	if (!strcmp(mode, "reference") && !check_shared_corpus())
		check_skip("the shared corpus is absent");
	const char *tmp = getenv("TMPDIR");
	snprintf(scratch_dir, sizeof scratch_dir, "%s/test-eval-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(scratch_dir)) {
		fprintf(stderr, "cannot create a scratch folder\n");
		return 1;
	}
	if (!strcmp(mode, "unit")) {
		test_metrics();
		test_text();
		test_loaders();
		test_run();
		test_alloc_failures();
	} else if (!strcmp(mode, "cli") && argc > 2) {
		test_cli(argv[2]);
	} else if (!strcmp(mode, "reference") && argc > 2) {
		test_reference(argv[2]);
	} else {
		fprintf(stderr, "usage: test_eval unit | cli TRACUU | reference TRACUU\n");
		remove_scratch();
		return 2;
	}
	remove_scratch();
	return check_done(mode);
}
