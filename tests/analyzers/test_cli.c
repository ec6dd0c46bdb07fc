/* test_cli.c - runs the built `tracuu analyze --json` (path in argv[1]) on a
 * real sentence and checks its JSON output. */
#include <unistd.h>

#include <jansson.h>

#include "check.h"
#include "common.h"

static const char sentence[] = "Căn cứ Nghị định số 52/2015/NĐ-CP ngày 14 tháng 5 năm 2015 của Chính phủ; "
                               "điểm đ khoản 2 Điều 5 được sửa đổi bởi Luật số 57/2020/QH14, hoà giải.\n";

static json_t *find(json_t *tokens, const char *kind, const char *exact)
{
	size_t i;
	json_t *t;
	json_array_foreach(tokens, i, t)
	{
		if (!strcmp(json_string_value(json_object_get(t, "kind")), kind) &&
		    !strcmp(json_string_value(json_object_get(t, "exact")), exact))
			return t;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		check_skip("no tracuu path given");
	char in_path[] = "/tmp/tracuu-analyze-XXXXXX";
	int fd = mkstemp(in_path);
	CHECK(fd >= 0, "mkstemp");
	if (fd < 0)
		return check_done("analyzer-cli");
	CHECK(write(fd, sentence, sizeof sentence - 1) == (ssize_t)(sizeof sentence - 1), "write");
	close(fd);

	char cmd[8192];
	snprintf(cmd, sizeof cmd, "'%s' analyze --json '%s'", argv[1], in_path);
	FILE *p = popen(cmd, "r");
	tc_buf out = {0};
	char chunk[4096];
	size_t n;
	while (p && (n = fread(chunk, 1, sizeof chunk, p)) > 0)
		tc_buf_append(&out, chunk, n);
	int status = p ? pclose(p) : -1;
	CHECK(status == 0, "tracuu analyze exit status %d", status);

	json_error_t jerr;
	json_t *root = out.data ? json_loads(out.data, 0, &jerr) : NULL;
	CHECK(root != NULL, "JSON output: %s", out.data ? jerr.text : "(none)");
	json_t *tokens = json_object_get(root, "tokens");
	CHECK(json_is_array(tokens) && json_array_size(tokens) > 30, "tokens array");
	CHECK(json_object_get(root, "converted_from") == NULL, "UTF-8 input is not converted");

	json_t *t = find(tokens, "syllable", "căn");
	CHECK(t && json_integer_value(json_object_get(t, "start")) == 0 &&
	              json_integer_value(json_object_get(t, "end")) == 4 &&
	              !strcmp(json_string_value(json_object_get(t, "folded")), "can"),
	      "first syllable");
	t = find(tokens, "docnum", "52/2015/nđ-cp");
	CHECK(t && !strcmp(json_string_value(json_object_get(t, "folded")), "52/2015/nd-cp"), "docnum");
	/* the byte offsets point at the number in the file */
	if (t) {
		size_t s = (size_t)json_integer_value(json_object_get(t, "start"));
		size_t e = (size_t)json_integer_value(json_object_get(t, "end"));
		CHECK(e > s && e <= sizeof sentence && !strncmp(sentence + s, "52/2015/NĐ-CP", e - s),
		      "offsets %zu-%zu", s, e);
	}
	CHECK(find(tokens, "docnum-part", "nd:52/2015") != NULL, "docnum part");
	CHECK(find(tokens, "date", "20150514") != NULL, "date");
	CHECK(find(tokens, "citation", "điểm:đ") != NULL, "citation điểm:đ");
	CHECK(find(tokens, "citation", "khoản:2") != NULL, "citation khoản:2");
	CHECK(find(tokens, "docnum-part", "luat:57/2020") != NULL, "luat:57/2020");
	CHECK(find(tokens, "syllable", "hòa") != NULL, "hoà → hòa");
	CHECK(find(tokens, "bigram", "hòa_giải") != NULL, "bigram");

	/* text mode and --help */
	snprintf(cmd, sizeof cmd, "'%s' analyze --query < '%s'", argv[1], in_path);
	p = popen(cmd, "r");
	tc_buf text = {0};
	while (p && (n = fread(chunk, 1, sizeof chunk, p)) > 0)
		tc_buf_append(&text, chunk, n);
	CHECK(p && pclose(p) == 0, "text mode");
	CHECK(text.data && strstr(text.data, "\tdocnum\t52/2015/nđ-cp\t52/2015/nd-cp\t"), "text line");
	snprintf(cmd, sizeof cmd, "'%s' analyze --help > /dev/null", argv[1]);
	CHECK(system(cmd) == 0, "--help");
	snprintf(cmd, sizeof cmd, "'%s' analyze --bogus 2> /dev/null", argv[1]);
	CHECK(system(cmd) != 0, "unknown option fails");

	json_decref(root);
	tc_buf_free(&out);
	tc_buf_free(&text);
	unlink(in_path);
	return check_done("analyzer-cli");
}
