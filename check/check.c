/* check.c - a draft checked against an index, article by article: its
 * citations judged (verdict.c), its overlaps found (overlap.c), and the
 * report that holds both. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "check-private.h"

void tc_check_options_default(tc_check_options *options)
{
	memset(options, 0, sizeof *options);
	options->target = TC_TARGET_ALL;
	options->citations = 1;
	options->overlaps = 1;
	options->max_overlaps = 5;
}

tc_date tc__today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	return (tc_date)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

static const char *target_name(tc_target target)
{
	return target == TC_TARGET_CODIFIED     ? "codified"
	       : target == TC_TARGET_PROVISIONS ? "provisions"
	                                        : "all";
}

tc_status tc_check_run(tc_searcher *s, const tc_check_draft *d, const tc_check_options *opts, json_t **report,
                       tc_error *err)
{
	*report = NULL;
	tc_check_options options;
	if (opts)
		options = *opts;
	else
		tc_check_options_default(&options);
	if (options.target == TC_TARGET_DOCS)
		return tc_error_set(
		        err, TC_ERR_INPUT,
		        "overlaps are looked for among codified articles and provisions (in: all, "
		        "codified or provisions), not whole documents");
	if (!options.max_overlaps)
		options.max_overlaps = 5;
	tc_date date = options.date ? options.date : tc__today();
	tc__judge j = {
	        .searcher = s, .draft = d, .analyzer = tc_analyzer_new(), .cache = json_object(), .err = err};
	snprintf(j.date_iso, sizeof j.date_iso, "%04u-%02u-%02u", (unsigned)(date / 10000) % 10000,
	         (unsigned)(date / 100 % 100), (unsigned)(date % 100));
	json_t *articles = json_array();
	tc_status st =
	        j.analyzer && j.cache && articles ? TC_OK : tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	size_t overlap_count = 0, difference_count = 0;
	for (size_t i = 0; st == TC_OK && i < d->article_count; i++) {
		const tc_check_article *a = &d->articles[i];
		json_t *item = json_object();
		if (a->preamble)
			json_object_set_new(item, "preamble", json_true());
		if (a->number)
			json_object_set_new(item, "number", json_string(a->number));
		if (a->heading)
			json_object_set_new(item, "heading", json_string(a->heading));
		if (a->path)
			json_object_set_new(item, "path", json_string(a->path));
		if (a->amends)
			json_object_set_new(item, "amends", json_string(a->amends));
		json_object_set_new(item, "text", json_stringn(a->text, a->text_len));
		json_array_append_new(articles, item);
		json_t *cites = json_array();
		json_object_set_new(item, "citations", cites);
		for (size_t k = 0; options.citations && st == TC_OK && k < a->cite_count; k++) {
			json_t *c = tc__judge_cite(&j, a, &a->cites[k], &st);
			if (c)
				json_array_append_new(cites, c);
		}
		if (st != TC_OK || !options.overlaps || a->preamble)
			continue;
		if (i >= TC_CHECK_MAX_OVERLAP_ARTICLES) {
			json_object_set_new(
			        item, "overlaps_skipped",
			        json_sprintf("overlaps are looked for in the first %d articles only",
			                     TC_CHECK_MAX_OVERLAP_ARTICLES));
			continue;
		}
		json_t *overlaps = tc__overlaps(s, j.analyzer, d, a, &options, j.date_iso, &st, err);
		if (!overlaps)
			continue;
		size_t k;
		json_t *o;
		json_array_foreach(overlaps, k, o) difference_count +=
		        json_array_size(json_object_get(o, "number_differences"));
		overlap_count += json_array_size(overlaps);
		json_object_set_new(item, "overlaps", overlaps);
	}
	json_t *out = NULL;
	if (st == TC_OK) {
		json_t *verdicts = json_object();
		for (int v = 0; v < TC_VERDICT_COUNT; v++)
			if (j.counts[v])
				json_object_set_new(verdicts, tc_verdict_name((tc_verdict)v),
				                    json_integer((json_int_t)j.counts[v]));
		size_t cites = 0;
		for (int v = 0; v < TC_VERDICT_COUNT; v++)
			cites += j.counts[v];
		out = json_pack("{s:o, s:s, s:s, s:{s:I, s:I, s:o, s:I, s:I}, s:O}", "draft",
		                tc__draft_summary(d), "date", j.date_iso, "in", target_name(options.target),
		                "summary", "articles", (json_int_t)d->article_count, "citations",
		                (json_int_t)cites, "verdicts", verdicts, "overlaps",
		                (json_int_t)overlap_count, "number_differences", (json_int_t)difference_count,
		                "articles", articles);
		if (!out)
			st = tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	}
	json_decref(articles);
	json_decref(j.cache);
	tc_analyzer_free(j.analyzer);
	if (st != TC_OK) {
		json_decref(out);
		return st;
	}
	*report = out;
	return TC_OK;
}

tc_status tc_check(tc_searcher *s, const char *draft, size_t len, const tc_check_options *options,
                   json_t **report, tc_error *err)
{
	*report = NULL;
	tc_check_draft *d = NULL;
	tc_status st = tc_check_draft_read(draft, len, &d, err);
	if (st == TC_OK)
		st = tc_check_run(s, d, options, report, err);
	tc_check_draft_free(d);
	return st;
}
