/* cmd_check.c - tracuu check FILE|-: a draft's citations judged and its
 * overlaps with provisions in force (check.h), as a readable report or
 * JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cli-util.h"
#include "cli.h"

static void usage(FILE *out)
{
	fputs("usage: tracuu check [OPTIONS] FILE|-\n\n"
	      "Check a draft (plain text, or one JSONL record in the corpus format; '-' reads\n"
	      "stdin; at most 1 MB) against the index, article by article:\n"
	      "  - every citation resolved and judged: found (with the text cited), no such\n"
	      "    document, no such article/khoản/điểm, not in force on the date, amended or\n"
	      "    repealed (the codification's notes, naming the amendment), date, title or\n"
	      "    type written otherwise, several documents answering; \"Điều này\", \"khoản 3\n"
	      "    Điều 7 của Nghị định này\" are checked against the draft itself;\n"
	      "  - overlaps: the codified articles and provisions in force that say the same or\n"
	      "    nearly the same thing, the passages they share, a similarity figure, and the\n"
	      "    numbers that differ in otherwise equal sentences (ages, amounts, time limits,\n"
	      "    percentages).\n\n"
	      "options:\n"
	      "  --db DIR         the index (default $TRACUU_DB or data/index)\n"
	      "  --date DATE      in force on that day (2026-07-01, 1/7/2026; default today)\n"
	      "  --in TARGET      overlaps among: all (default), codified or provisions\n"
	      "  --limit N        overlaps per article and target (default 5, at most 50)\n"
	      "  --no-overlaps    judge the citations only\n"
	      "  --no-citations   find the overlaps only\n"
	      "  --json           print the report as JSON\n"
	      "  --parse          print the draft as read (articles, citations recognized) as\n"
	      "                   JSON, without an index\n"
	      "  --text           include the full text of what overlaps in the JSON\n",
	      out);
}

/* Read the whole draft from PATH ("-": stdin), at most one byte past the
 * limit (the reader then says the draft is too long). */
static int read_draft(const char *path, char **data, size_t *len, tc_error *err)
{
	if (strcmp(path, "-")) {
		tc_status st = tc_read_file(path, data, len, err);
		return st == TC_OK ? 0 : -1;
	}
	tc_buf buf = {0};
	char chunk[65536];
	size_t n;
	while (buf.len <= TC_CHECK_MAX_BYTES && (n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		if (tc_buf_append(&buf, chunk, n) < 0) {
			tc_buf_free(&buf);
			tc_error_set(err, TC_ERR_NOMEM, "out of memory reading stdin");
			return -1;
		}
	*len = buf.len;
	*data = buf.data ? tc_buf_steal(&buf) : tc_strdup("");
	return *data ? 0 : -1;
}

static const char *str(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

static long long integer(const json_t *obj, const char *key)
{
	return (long long)json_integer_value(json_object_get(obj, key));
}

/* TEXT on one line, at most MAX bytes (cut at a character boundary). */
static void print_excerpt(const char *prefix, const char *text, size_t max)
{
	size_t n = strlen(text), cut = n > max ? max : n;
	while (cut < n && cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
		cut--;
	char *line = tc_strndup(text, cut);
	if (!line)
		return;
	for (char *p = line; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	cli_printf("%s%s%s\n", prefix, line, cut < n ? " …" : "");
	tc_free(line);
}

static const char *marker(const char *verdict)
{
	if (!strcmp(verdict, "found"))
		return "  ok ";
	if (!strcmp(verdict, "unverified") || !strcmp(verdict, "not-checked") ||
	    !strcmp(verdict, "ambiguous"))
		return "  ?  ";
	return "  !! ";
}

static void print_citation(json_t *c)
{
	const char *verdict = str(c, "verdict");
	cli_printf("%s%-13s %s\n", marker(verdict), verdict, str(c, "text"));
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(c, "findings"), i, f)
	        cli_printf("                    %s\n", str(f, "detail"));
	json_t *resolved = json_object_get(c, "resolved");
	json_t *entry = json_object_get(resolved, "entry");
	if (!strcmp(str(resolved, "in"), "draft") && *str(resolved, "text"))
		print_excerpt("                    → the draft: ", str(resolved, "text"), 160);
	else if (entry && *str(entry, "id")) {
		cli_printf("                    → %s\n", str(entry, "id"));
		if (*str(entry, "text"))
			print_excerpt("                      ", str(entry, "text"), 160);
	} else if (resolved && *str(json_object_get(resolved, "document"), "id")) {
		json_t *doc = json_object_get(resolved, "document");
		cli_printf("                    → %s %s %s\n", str(doc, "type"), str(doc, "doc_number"),
		           str(doc, "title"));
	}
}

static void print_overlap(json_t *o)
{
	const char *kind = str(o, "kind");
	if (!strcmp(kind, "codified"))
		cli_printf("    %.2f  Điều %s. %s (pháp điển, đề mục %s %s)\n",
		           json_number_value(json_object_get(o, "similarity")), str(o, "article_number"),
		           str(o, "title"), str(o, "demuc_number"), str(o, "demuc_name"));
	else
		cli_printf("    %.2f  Điều %s%s%s, %s %s\n",
		           json_number_value(json_object_get(o, "similarity")), str(o, "number"),
		           *str(o, "heading") ? ". " : "", str(o, "heading"), str(o, "type"),
		           str(o, "doc_number"));
	cli_printf("          %s; %.0f%% of the article, %.0f%% of it shared\n", str(o, "id"),
	           100 * json_number_value(json_object_get(o, "draft_share")),
	           100 * json_number_value(json_object_get(o, "other_share")));
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(o, "passages"), i, p)
	{
		if (i == 2) {
			cli_printf("          (%zu more passages)\n",
			           json_array_size(json_object_get(o, "passages")) - 2);
			break;
		}
		print_excerpt("          draft: ", str(p, "draft_text"), 200);
		print_excerpt("          other: ", str(p, "other_text"), 200);
	}
	json_array_foreach(json_object_get(o, "number_differences"), i, p) cli_printf(
	        "          !! %s differs: the draft says \"%s\", this says \"%s\"\n", str(p, "kind"),
	        str(json_object_get(p, "draft"), "text"), str(json_object_get(p, "other"), "text"));
}

static void print_report(json_t *report)
{
	json_t *draft = json_object_get(report, "draft"), *summary = json_object_get(report, "summary");
	cli_printf("Draft: %s%s%s (%s; %lld articles, %lld citations), checked on %s, overlaps among %s\n",
	           *str(draft, "type") ? str(draft, "type") : "a text", *str(draft, "doc_number") ? " " : "",
	           str(draft, "doc_number"), str(draft, "format"), integer(draft, "article_count"),
	           integer(draft, "citation_count"), str(report, "date"), str(report, "in"));
	if (*str(draft, "title"))
		print_excerpt("       ", str(draft, "title"), 300);
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(report, "articles"), i, a)
	{
		json_t *cites = json_object_get(a, "citations"), *overlaps = json_object_get(a, "overlaps");
		if (json_is_true(json_object_get(a, "preamble")))
			cli_printf("\nThe preamble\n");
		else if (*str(a, "number"))
			cli_printf("\nĐiều %s%s%s\n", str(a, "number"), *str(a, "heading") ? ". " : "",
			           str(a, "heading"));
		else
			cli_printf("\nThe text\n");
		if (*str(a, "amends"))
			cli_printf("  amends %s\n", str(a, "amends"));
		if (json_array_size(cites)) {
			cli_printf("  citations\n");
			size_t k;
			json_t *c;
			json_array_foreach(cites, k, c) print_citation(c);
		}
		if (json_array_size(overlaps)) {
			cli_printf("  overlaps\n");
			size_t k;
			json_t *o;
			json_array_foreach(overlaps, k, o) print_overlap(o);
		} else if (*str(a, "overlaps_skipped")) {
			cli_printf("  %s\n", str(a, "overlaps_skipped"));
		}
	}
	cli_printf("\n%lld citations", integer(summary, "citations"));
	const char *name;
	json_t *count;
	const char *sep = ": ";
	json_object_foreach(json_object_get(summary, "verdicts"), name, count)
	{
		cli_printf("%s%s %lld", sep, name, (long long)json_integer_value(count));
		sep = ", ";
	}
	cli_printf("; %lld overlaps, %lld number differences\n", integer(summary, "overlaps"),
	           integer(summary, "number_differences"));
}

int cmd_check(int argc, char **argv)
{
	const char *db = cli_default_db(), *path = NULL;
	tc_check_options options;
	tc_check_options_default(&options);
	int json_out = 0, parse_only = 0;
	tc_error err = {0};
	for (int i = 1; i < argc; i++) {
		const char *value = NULL;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--json")) {
			json_out = 1;
		} else if (!strcmp(argv[i], "--parse")) {
			parse_only = 1;
		} else if (!strcmp(argv[i], "--text")) {
			options.text = 1;
		} else if (!strcmp(argv[i], "--no-overlaps")) {
			options.overlaps = 0;
		} else if (!strcmp(argv[i], "--no-citations")) {
			options.citations = 0;
		} else if (cli_option(argc, argv, &i, "--db", &value)) {
			if (!(db = value))
				goto missing;
		} else if (cli_option(argc, argv, &i, "--date", &value)) {
			if (!value)
				goto missing;
			if (tc_param_date("--date", value, &options.date, &err) != TC_OK)
				goto usage_error;
		} else if (cli_option(argc, argv, &i, "--in", &value)) {
			if (!value)
				goto missing;
			if (tc_param_target("--in", value, &options.target, &err) != TC_OK)
				goto usage_error;
			if (options.target == TC_TARGET_DOCS) {
				tc_error_set(&err, TC_ERR_INPUT,
				             "--in: overlaps are among all, codified or provisions");
				goto usage_error;
			}
		} else if (cli_option(argc, argv, &i, "--limit", &value)) {
			uint64_t n = 0;
			if (!value)
				goto missing;
			if (tc_param_uint("--limit", value, 1, 50, &n, &err) != TC_OK)
				goto usage_error;
			options.max_overlaps = (unsigned)n;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("unknown option '%s' (try 'tracuu check --help')", argv[i]);
			return 2;
		} else if (!path) {
			path = argv[i];
		} else {
			cli_error("one draft at a time: '%s' and '%s'", path, argv[i]);
			return 2;
		}
	}
	if (!path) {
		usage(stderr);
		return 2;
	}
	char *draft = NULL;
	size_t len = 0;
	if (read_draft(path, &draft, &len, &err) < 0) {
		cli_error("%s", err.message);
		return 1;
	}
	tc_check_draft *d = NULL;
	tc_status st = tc_check_draft_read(draft, len, &d, &err);
	tc_free(draft);
	if (st != TC_OK) {
		cli_error("%s: %s", strcmp(path, "-") ? path : "stdin", err.message);
		return st == TC_ERR_NOMEM ? 1 : 2;
	}
	if (parse_only) {
		json_t *read = tc_check_draft_json(d);
		tc_check_draft_free(d);
		if (!read) {
			cli_error("out of memory");
			return 1;
		}
		json_dumpf(read, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(read);
		return 0;
	}
	tc_searcher *searcher = NULL;
	if (tc_searcher_open(db, &searcher, &err) != TC_OK) {
		cli_error("%s", err.message);
		tc_check_draft_free(d);
		return 1;
	}
	json_t *report = NULL;
	st = tc_check_run(searcher, d, &options, &report, &err);
	tc_check_draft_free(d);
	tc_searcher_free(searcher);
	if (st != TC_OK) {
		cli_error("%s", err.message);
		return 1;
	}
	if (json_out) {
		json_dumpf(report, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	} else {
		print_report(report);
	}
	json_decref(report);
	return 0;

missing:
	cli_error("%s needs a value", argv[argc - 1]);
	return 2;
usage_error:
	cli_error("%s", err.message);
	return 2;
}
