/* cmd_search.c - tracuu search QUERY: the query syntax of query.h. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli-util.h"
#include "cli.h"
#include "query.h"

static void usage(FILE *out)
{
	fputs("usage: tracuu search [OPTIONS] QUERY...\n\n"
	      "Search the index. QUERY takes words (with or without diacritics), \"phrases\",\n"
	      "-exclusions, OR, parentheses, document numbers in any spelling (52/2015/NĐ-CP,\n"
	      "nd 52/2015), citations (khoản 2 Điều 5 Nghị định 52/2015/NĐ-CP, Điều 3 Luật Đất đai)\n"
	      "and filters:\n"
	      "  loai:TYPE      type: luat, nghi-dinh, thong-tu, quyet-dinh, nghi-quyet, ... (type:)\n"
	      "  coquan:NAME    issuer, e.g. coquan:chinh-phu, coquan:\"Bộ Tài chính\"   (issuer:)\n"
	      "  nam:YEAR       year of issue, or a range nam:2010..2015                (year:)\n"
	      "  hieuluc:STATUS con-hieu-luc, het-hieu-luc-toan-bo, ...              (status:)\n"
	      "  linhvuc:FIELD  field (lĩnh vực)                                        (field:)\n"
	      "  chude:N        chủ đề of the pháp điển, e.g. chude:36                  (topic:)\n"
	      "  demuc:N.M      đề mục, e.g. demuc:36.3                                 (heading:)\n"
	      "  tinh:NAME      province of local documents, tinh:trung-uong for central (province:)\n"
	      "  so:NUMBER      document number                                         (number:)\n"
	      "  banhanh:A..B   issue date range (2015-05-14, 14/5/2015 or 2015)        (issued:)\n"
	      "  hieuluctu:A..B effective date range                                    (effective:)\n"
	      "  apdung:DATE    in force on DATE                                        (inforce:)\n"
	      "  word*          words starting with 'word'\n\n"
	      "options:\n"
	      "  --db DIR       the index (default $TRACUU_DB or data/index)\n"
	      "  --in TARGET    all (default), docs, provisions or codified\n"
	      "  --limit N      hits per page (default 10, at most 1000 with --offset)\n"
	      "  --offset N     skip the first N hits\n"
	      "  --sort ORDER   relevance (default), newest or oldest\n"
	      "  --facets       count hits by type, issuer, year, validity, topic, province\n"
	      "  --json         print the results as JSON\n"
	      "  --text         include each hit's full text in the JSON\n",
	      out);
}

static void print_highlighted(const char *snippet, json_t *highlights, int tty)
{
	size_t pos = 0, i;
	json_t *range;
	const char *on = tty ? "\033[1;33m" : "[", *off = tty ? "\033[0m" : "]";
	json_array_foreach(highlights, i, range)
	{
		size_t start = (size_t)json_integer_value(json_array_get(range, 0));
		size_t end = (size_t)json_integer_value(json_array_get(range, 1));
		if (start < pos || end > strlen(snippet))
			continue;
		/* the highlight's own escape codes go straight to the terminal */
		cli_printf("%.*s", (int)(start - pos), snippet + pos);
		fputs(on, stdout);
		cli_printf("%.*s", (int)(end - start), snippet + start);
		fputs(off, stdout);
		pos = end;
	}
	cli_printf("%s\n", snippet + pos);
}

static const char *str(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

static void print_results(json_t *results)
{
	int tty = isatty(1);
	json_t *hits = json_object_get(results, "hits");
	size_t i;
	json_t *hit;
	cli_printf("%lld results for %s (in %s)\n", (long long)json_integer_value(json_object_get(results, "total")),
	       str(results, "query"), str(results, "target"));
	json_array_foreach(hits, i, hit)
	{
		const char *kind = str(hit, "kind");
		cli_printf("\n%lld. [%s] %s\n", (long long)json_integer_value(json_object_get(hit, "rank")), kind,
		       str(hit, "id"));
		if (!strcmp(kind, "provision")) {
			cli_printf("   %s %s — Điều %s%s%s\n", str(hit, "type"), str(hit, "doc_number"), str(hit, "number"),
			       *str(hit, "heading") ? ". " : "", str(hit, "heading"));
			if (*str(hit, "doc_title"))
				cli_printf("   %s\n", str(hit, "doc_title"));
		} else if (!strcmp(kind, "codified")) {
			json_t *cod = json_object_get(hit, "codified");
			cli_printf("   Điều %s. %s\n", str(cod, "article_number"), str(hit, "title"));
			cli_printf("   Đề mục %s %s\n", str(cod, "demuc_number"), str(cod, "demuc_name"));
		} else if (!strcmp(kind, "demuc") || !strcmp(kind, "chude")) {
			json_t *cod = json_object_get(hit, "codified");
			cli_printf("   %s %s %s\n", !strcmp(kind, "demuc") ? "Đề mục" : "Chủ đề", str(hit, "number"),
			           str(hit, "title"));
			if (!strcmp(kind, "demuc"))
				cli_printf("   Chủ đề %s %s\n", str(cod, "chude_number"), str(cod, "chude_name"));
		} else {
			cli_printf("   %s %s %s\n", str(hit, "type"), str(hit, "doc_number"), str(hit, "title"));
		}
		if (*str(hit, "issuer") || *str(hit, "issue_date"))
			cli_printf("   %s%s%s%s%s\n", str(hit, "issuer"), *str(hit, "issue_date") ? ", ban hành " : "",
			       str(hit, "issue_date"), *str(hit, "validity") ? " — " : "", str(hit, "validity"));
		if (*str(hit, "snippet")) {
			cli_printf("   ");
			print_highlighted(str(hit, "snippet"), json_object_get(hit, "highlights"), tty);
		}
	}
	json_t *facets = json_object_get(results, "facets");
	if (facets) {
		const char *name;
		json_t *values;
		cli_printf("\n");
		json_object_foreach(facets, name, values)
		{
			if (!json_object_size(values))
				continue;
			cli_printf("%s:", name);
			const char *value;
			json_t *count;
			json_object_foreach(values, value, count)
				cli_printf(" %s (%lld)", value, (long long)json_integer_value(count));
			cli_printf("\n");
		}
	}
}

int cmd_search(int argc, char **argv)
{
	const char *db = cli_default_db();
	tc_search_options options;
	tc_search_options_default(&options);
	options.snippets = 1;
	int json_out = 0;
	tc_buf query = {0};
	tc_error err = {0};
	for (int i = 1; i < argc; i++) {
		const char *value = NULL;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			tc_buf_free(&query);
			return 0;
		} else if (!strcmp(argv[i], "--json")) {
			json_out = 1;
		} else if (!strcmp(argv[i], "--text")) {
			options.text = 1;
		} else if (!strcmp(argv[i], "--facets")) {
			options.facets = 1;
		} else if (cli_option(argc, argv, &i, "--db", &value)) {
			db = value;
		} else if (cli_option(argc, argv, &i, "--in", &value)) {
			if (tc_param_target("--in", value, &options.target, &err) != TC_OK)
				goto usage_error;
		} else if (cli_option(argc, argv, &i, "--limit", &value)) {
			uint64_t n = 0;
			if (tc_param_uint("--limit", value, 1, TC_QUERY_MAX_WINDOW, &n, &err) != TC_OK)
				goto usage_error;
			options.limit = (uint32_t)n;
		} else if (cli_option(argc, argv, &i, "--offset", &value)) {
			uint64_t n = 0;
			if (tc_param_uint("--offset", value, 0, TC_QUERY_MAX_WINDOW - 1, &n, &err) != TC_OK)
				goto usage_error;
			options.offset = (uint32_t)n;
		} else if (cli_option(argc, argv, &i, "--sort", &value)) {
			if (tc_param_sort("--sort", value, &options.sort, &err) != TC_OK)
				goto usage_error;
		} else if (!strcmp(argv[i], "--")) {
			for (i++; i < argc; i++) {
				if (query.len)
					tc_buf_append_char(&query, ' ');
				tc_buf_append_str(&query, argv[i]);
			}
		} else {
			if (query.len)
				tc_buf_append_char(&query, ' ');
			tc_buf_append_str(&query, argv[i]);
		}
		if (!db) {
			cli_error("--db needs a value");
			tc_buf_free(&query);
			return 2;
		}
	}
	if (!query.len) {
		usage(stderr);
		return 2;
	}
	tc_searcher *searcher = NULL;
	if (tc_searcher_open(db, &searcher, &err) != TC_OK) {
		cli_error("%s", err.message);
		tc_buf_free(&query);
		return 1;
	}
	json_t *results = NULL;
	tc_status st = tc_search(searcher, query.data, &options, &results, &err);
	tc_buf_free(&query);
	if (st != TC_OK) {
		cli_error("%s", err.message);
		tc_searcher_free(searcher);
		return st == TC_ERR_INPUT || st == TC_ERR_LIMIT ? 2 : 1;
	}
	if (json_out) {
		json_dumpf(results, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	} else {
		print_results(results);
	}
	json_decref(results);
	tc_searcher_free(searcher);
	return 0;

usage_error:
	cli_error("%s", err.message);
	tc_buf_free(&query);
	return 2;
}
