/* cmd_get.c - tracuu get ID: a document, provision or codified article. */
#include <stdio.h>
#include <stdlib.h>

#include "cli-util.h"
#include "cli.h"
#include "query.h"

static const char *str(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

/* LABEL padded to 16 columns (15 and a space): printf's width counts
 * bytes, and "trích yếu" has more bytes than letters. */
static void print_label(const char *label)
{
	size_t columns = 0;
	for (const char *p = label; *p; p++)
		columns += ((unsigned char)*p & 0xC0) != 0x80;
	fputs(label, stdout);
	for (; columns < 16; columns++)
		putchar(' ');
}

static void print_field(json_t *obj, const char *key, const char *label)
{
	if (*str(obj, key)) {
		print_label(label);
		cli_printf("%s\n", str(obj, key));
	}
}

static void print_list(const char *label, json_t *list)
{
	if (!json_array_size(list))
		return;
	cli_printf("\n%s:\n", label);
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item)
	{
		const char *num = *str(item, "article_number") ? str(item, "article_number") : str(item, "number");
		cli_printf("  %s  Điều %s %s%s\n", str(item, "id"), num, str(item, "title"), str(item, "heading"));
	}
}

static void print_record(json_t *rec)
{
	print_field(rec, "id", "id");
	print_field(rec, "kind", "kind");
	print_field(rec, "doc_number", "số hiệu");
	print_field(rec, "type", "loại");
	/* a đề mục or a chủ đề of the codification: its number and name */
	const char *kind = str(rec, "kind");
	int heading = !strcmp(kind, "demuc") || !strcmp(kind, "chude");
	print_field(rec, "title", heading ? "tên" : "trích yếu");
	print_field(rec, "doc_title", "văn bản");
	print_field(rec, "number", heading ? "số" : "điều");
	print_field(rec, "heading", "tiêu đề");
	print_field(rec, "issuer", "cơ quan");
	print_field(rec, "province", "tỉnh");
	print_field(rec, "signer", "người ký");
	print_field(rec, "issue_date", "ban hành");
	print_field(rec, "effective_date", "hiệu lực từ");
	print_field(rec, "expiry_date", "hết hiệu lực");
	print_field(rec, "validity", "tình trạng");
	print_field(rec, "url", "nguồn");
	json_t *cod = json_object_get(rec, "codified");
	if (cod) {
		print_label("chủ đề");
		cli_printf("%s %s\n", str(cod, "chude_number"), str(cod, "chude_name"));
		if (*str(cod, "demuc_number")) {
			print_label("đề mục");
			cli_printf("%s %s\n", str(cod, "demuc_number"), str(cod, "demuc_name"));
		}
		print_field(cod, "chapter", "chương");
		print_field(cod, "article_number", "điều");
		print_field(cod, "note", "ghi chú");
		size_t i;
		json_t *src;
		json_array_foreach(json_object_get(cod, "sources"), i, src)
		{
			print_label(i ? "" : "nguồn");
			cli_printf("%s %s %s %s\n", str(src, "relation"), str(src, "article"), str(src, "type"),
			       str(src, "doc_number"));
			json_t *prov = json_object_get(src, "provisions");
			size_t j;
			json_t *p;
			json_array_foreach(prov, j, p)
			{
				print_label("");
				cli_printf("  → %s\n", str(p, "id"));
			}
		}
	}
	json_t *outline = json_object_get(rec, "outline");
	if (json_array_size(outline)) {
		cli_printf("\ncấu trúc:\n");
		size_t i;
		json_t *item;
		json_array_foreach(outline, i, item)
			cli_printf("  %-10s %-6s %s%s%s\n", str(item, "kind"), str(item, "number"), str(item, "heading"),
			       *str(item, "path") ? "  → " : "", str(item, "path"));
	}
	print_list("pháp điển hóa từ điều này", json_object_get(rec, "codified_from_this"));
	if (*str(rec, "text"))
		cli_printf("\n%s\n", str(rec, "text"));
}

int cmd_get(int argc, char **argv)
{
	const char *db = cli_default_db();
	const char *id = NULL;
	int json_out = 0;
	for (int i = 1; i < argc; i++) {
		const char *value = NULL;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			puts("usage: tracuu get [--db DIR] [--json] ID\n\n"
			     "Print a document, provision, codified article or source document by id (as\n"
			     "'tracuu search' shows it): text, metadata, structure; for codified articles their\n"
			     "source articles, for source articles the codified articles that cite them.");
			return 0;
		} else if (!strcmp(argv[i], "--json")) {
			json_out = 1;
		} else if (cli_option(argc, argv, &i, "--db", &value)) {
			if (!value) {
				cli_error("--db needs a value");
				return 2;
			}
			db = value;
		} else if (!id) {
			id = argv[i];
		} else {
			cli_error("one id at a time ('%s' is extra)", argv[i]);
			return 2;
		}
	}
	if (!id) {
		cli_error("usage: tracuu get [--db DIR] [--json] ID");
		return 2;
	}
	tc_error err = {0};
	tc_searcher *searcher = NULL;
	if (tc_searcher_open(db, &searcher, &err) != TC_OK) {
		cli_error("%s", err.message);
		return 1;
	}
	json_t *rec = NULL;
	tc_status st = tc_get(searcher, id, &rec, &err);
	tc_searcher_free(searcher);
	if (st != TC_OK) {
		cli_error("%s", err.message);
		return st == TC_ERR_NOT_FOUND ? 1 : 1;
	}
	if (json_out) {
		json_dumpf(rec, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	} else {
		print_record(rec);
	}
	json_decref(rec);
	return 0;
}

static int print_id(void *ctx, const char *id, size_t len)
{
	(void)ctx;
	cli_printf("%.*s\n", (int)len, id);
	return 0;
}

/* tracuu ids [--db DIR] [--in docs|provisions|codified]: every id, one a
 * line (for synchronisation and for comparing two indexes). */
int cmd_ids(int argc, char **argv)
{
	const char *db = cli_default_db();
	int kinds[TC_DB_COUNT];
	for (int k = 0; k < TC_DB_COUNT; k++)
		kinds[k] = 1;
	for (int i = 1; i < argc; i++) {
		const char *value = NULL;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			puts("usage: tracuu ids [--db DIR] [--in docs|provisions|codified]\n\n"
			     "Print every id in the index, one a line, sorted within each database.");
			return 0;
		} else if (cli_option(argc, argv, &i, "--db", &value) && value) {
			db = value;
		} else if (cli_option(argc, argv, &i, "--in", &value) && value) {
			int target = tc_target_parse(value);
			if (target <= TC_TARGET_ALL) {
				cli_error("--in takes docs, provisions or codified");
				return 2;
			}
			for (int k = 0; k < TC_DB_COUNT; k++)
				kinds[k] = 0;
			tc_db_kind kind = target == TC_TARGET_DOCS         ? TC_DB_DOCS
			                  : target == TC_TARGET_PROVISIONS ? TC_DB_PROVISIONS
			                                                   : TC_DB_CODIFIED;
			kinds[kind] = 1;
			/* the articles' clauses and points with them */
			if (tc_db_parts(kind) >= 0)
				kinds[tc_db_parts(kind)] = 1;
		} else {
			cli_error("unknown argument '%s' (see 'tracuu ids --help')", argv[i]);
			return 2;
		}
	}
	tc_error err = {0};
	tc_searcher *searcher = NULL;
	if (tc_searcher_open(db, &searcher, &err) != TC_OK) {
		cli_error("%s", err.message);
		return 1;
	}
	tc_status st = TC_OK;
	for (int k = 0; st == TC_OK && k < TC_DB_COUNT; k++)
		if (kinds[k])
			st = tc_searcher_each_id(searcher, (tc_db_kind)k, print_id, NULL, &err);
	tc_searcher_free(searcher);
	if (st != TC_OK) {
		cli_error("%s", err.message);
		return 1;
	}
	return 0;
}
