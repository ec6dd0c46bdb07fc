/* verdict.c - one citation judged: the draft's own articles for what the
 * draft cites of itself, tc_lookup for the rest (the document by number or
 * name, its article, clause and point, the codification's notes), then the
 * findings (missing level, validity on the date, amended or repealed, date,
 * title or type written otherwise) and the worst of them as the verdict. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check-private.h"
#include "indexer.h"

const char *tc_verdict_name(tc_verdict verdict)
{
	static const char *const names[TC_VERDICT_COUNT] = {
	        [TC_VERDICT_FOUND] = "found",
	        [TC_VERDICT_NO_DOCUMENT] = "no-document",
	        [TC_VERDICT_NO_PROVISION] = "no-provision",
	        [TC_VERDICT_NOT_IN_FORCE] = "not-in-force",
	        [TC_VERDICT_REPEALED] = "repealed",
	        [TC_VERDICT_AMENDED] = "amended",
	        [TC_VERDICT_MISMATCH] = "mismatch",
	        [TC_VERDICT_AMBIGUOUS] = "ambiguous",
	        [TC_VERDICT_UNVERIFIED] = "unverified",
	        [TC_VERDICT_NOT_CHECKED] = "not-checked",
	};
	return (unsigned)verdict < TC_VERDICT_COUNT ? names[verdict] : "unknown";
}

/* How bad a finding is, for the verdict: the worst wins. */
static int severity(tc_verdict v)
{
	static const int rank[TC_VERDICT_COUNT] = {
	        [TC_VERDICT_FOUND] = 0,       [TC_VERDICT_NOT_CHECKED] = 1,  [TC_VERDICT_UNVERIFIED] = 2,
	        [TC_VERDICT_AMBIGUOUS] = 3,   [TC_VERDICT_MISMATCH] = 4,     [TC_VERDICT_AMENDED] = 5,
	        [TC_VERDICT_REPEALED] = 6,    [TC_VERDICT_NOT_IN_FORCE] = 7, [TC_VERDICT_NO_PROVISION] = 8,
	        [TC_VERDICT_NO_DOCUMENT] = 9,
	};
	return rank[v];
}

typedef struct verdict_out {
	json_t *cite; /* the citation's object, being filled */
	json_t *findings;
	tc_verdict verdict;
} verdict_out;

static void finding(verdict_out *o, tc_verdict kind, json_t *extra, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* Add a finding KIND with its detail (and EXTRA's keys, taken over). */
static void finding(verdict_out *o, tc_verdict kind, json_t *extra, const char *fmt, ...)
{
	char detail[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	json_t *f = json_pack("{s:s, s:s}", "kind", kind == TC_VERDICT_FOUND ? "note" : tc_verdict_name(kind),
	                      "detail", detail);
	if (extra) {
		json_object_update(f, extra);
		json_decref(extra);
	}
	json_array_append_new(o->findings, f);
	if (severity(kind) > severity(o->verdict))
		o->verdict = kind;
}

static const char *str(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

/* "khoản 2 Điều 5" of C, as a reader would write it (into OUT). */
static void parts_text(const tc_cite *c, const char *article, tc_buf *out)
{
	if (c->point)
		tc_buf_printf(out, "điểm %s ", c->point);
	if (c->clause)
		tc_buf_printf(out, "khoản %s ", strcmp(c->clause, "this") ? c->clause : "này");
	if (article)
		tc_buf_printf(out, "Điều %s ", article);
	if (out->len && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
}

/* ---- what the draft cites of itself ---- */

static int same_number(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	size_t n = strlen(a);
	if (n != strlen(b))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char x = a[i], y = b[i];
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return 1;
}

/* The annex an article belongs to, or the root: a regulation annexed to a
 * decision numbers its articles from 1 again. */
static const tc_node *scope_of(const tc_node *node)
{
	const tc_node *from =
	        node && node->kind != TC_NODE_ROOT && node->kind != TC_NODE_ANNEX ? node->parent : node;
	for (const tc_node *up = from; up; up = up->parent)
		if (up->kind == TC_NODE_ANNEX || up->kind == TC_NODE_ROOT)
			return up;
	return NULL;
}

static const tc_node *child_numbered(const tc_node *node, tc_node_kind kind, const char *number)
{
	for (const tc_node *c = node ? node->first_child : NULL; c; c = c->next)
		if (c->kind == kind && same_number(c->number, number))
			return c;
	return NULL;
}

static void judge_internal(const tc_check_draft *d, const tc_check_article *a, const tc_cite *c,
                           verdict_out *o)
{
	const tc_node *article = NULL;
	int whole_text = !a->node;
	const char *number = c->article;
	if (!number || !strcmp(number, "this")) {
		article = a->node ? a->node : d->record->body;
		number = a->number;
	} else {
		const tc_node *scope = scope_of(a->node);
		for (size_t i = 0; i < d->article_count && !article; i++) {
			const tc_node *n = d->articles[i].node;
			if (n && n->kind == TC_NODE_ARTICLE && scope_of(n) == scope &&
			    same_number(n->number, number))
				article = n;
		}
	}
	tc_buf what = {0};
	parts_text(c, number, &what);
	json_object_set_new(o->cite, "names", json_pack("{s:s}", "in", "draft"));
	if (c->scope == TC_CITE_BARE)
		finding(o, TC_VERDICT_FOUND, NULL, "no document named: read as this draft");
	if (!article) {
		finding(o, TC_VERDICT_NO_PROVISION, NULL, "the draft has no Điều %s%s", number ? number : "?",
		        whole_text ? " (it has no articles)" : "");
		tc_buf_free(&what);
		return;
	}
	const tc_node *node = article, *clause = NULL;
	if (c->clause && strcmp(c->clause, "this")) {
		clause = child_numbered(article, TC_NODE_CLAUSE, c->clause);
		if (!clause) {
			finding(o, TC_VERDICT_NO_PROVISION, NULL, "Điều %s of the draft has no khoản %s",
			        number ? number : "", c->clause);
			tc_buf_free(&what);
			return;
		}
		node = clause;
	}
	if (c->point) {
		const tc_node *point = NULL;
		if (clause)
			point = child_numbered(clause, TC_NODE_POINT, c->point);
		else /* "điểm a khoản này" or "điểm a" alone: a clause of this article has it */
			for (const tc_node *k = article->first_child; k && !point; k = k->next)
				point = child_numbered(k, TC_NODE_POINT, c->point);
		if (!point) {
			finding(o, TC_VERDICT_NO_PROVISION, NULL, "%s of the draft has no điểm %s",
			        clause ? "that khoản" : "that article", c->point);
			tc_buf_free(&what);
			return;
		}
		node = point;
	}
	tc_buf text = {0};
	tc_node_full_text(node, &text);
	json_object_set_new(o->cite, "resolved",
	                    json_pack("{s:s, s:s, s:s%}", "in", "draft", "path", node->path ? node->path : "",
	                              "text", text.data ? text.data : "", text.len));
	tc_buf_free(&text);
	tc_buf_free(&what);
}

/* ---- what it cites of other documents ---- */

/* The words' bigrams of TITLE shared with those of OTHER, as a share of
 * TITLE's (both folded): a title written shorter or with a word less
 * still shares most of them. */
static double title_overlap(tc_analyzer *analyzer, const char *title, const char *other)
{
	tc__words a = {0}, b = {0};
	double share = 1.0;
	if (tc__words_of(analyzer, title, strlen(title), &a) == 0 &&
	    tc__words_of(analyzer, other, strlen(other), &b) == 0 && a.n >= 3) {
		size_t have = 0;
		for (size_t i = 0; i + 1 < a.n; i++) {
			int found = 0;
			for (size_t j = 0; j + 1 < b.n && !found; j++)
				found = a.v[i].hash == b.v[j].hash && a.v[i + 1].hash == b.v[j + 1].hash;
			have += (size_t)found;
		}
		share = (double)have / (double)(a.n - 1);
	}
	tc__words_free(&a);
	tc__words_free(&b);
	return share;
}

static void iso_date(tc_date d, char *out)
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(d / 10000) % 10000, (unsigned)(d / 100 % 100),
	         (unsigned)(d % 100));
}

/* The text tc_lookup is given for C: its parts, the type and number or
 * name, the year and date written. */
static void lookup_text(const tc_cite *c, tc_buf *out)
{
	parts_text(c, c->article, out);
	if (c->doc_number) {
		tc_buf_printf(out, "%s%s%s%s", out->len ? " " : "", c->doc_type ? c->doc_type : "",
		              c->doc_type ? " " : "", c->doc_number);
	} else if (c->doc_name) {
		tc_buf_printf(out, "%s%s", out->len ? " " : "", c->doc_name);
		if (c->written_year && !c->written_date)
			tc_buf_printf(out, " năm %d", c->written_year);
	}
	if (c->written_date)
		tc_buf_printf(out, " ngày %u tháng %u năm %u", (unsigned)(c->written_date % 100),
		              (unsigned)(c->written_date / 100 % 100), (unsigned)(c->written_date / 10000));
}

static int depth_of(const char *level)
{
	static const char *const order[] = {"document", "article", "clause", "point"};
	for (int k = 0; k < 4; k++)
		if (level && !strcmp(level, order[k]))
			return k;
	return -1;
}

/* The match to read C as: one issued on the date written, then the one
 * resolved deepest, a document with its text before a source document. */
static json_t *pick(json_t *matches)
{
	json_t *best = NULL;
	int best_score = -1;
	size_t i;
	json_t *m;
	json_array_foreach(matches, i, m)
	{
		int score = depth_of(str(m, "resolved")) * 4;
		if (json_is_true(json_object_get(m, "date_matches")))
			score += 100;
		if (!strcmp(str(json_object_get(m, "document"), "kind"), "document"))
			score += 1;
		if (score > best_score)
			best = m, best_score = score;
	}
	return best;
}

/* The normalized numbers of MATCHES other than that of CHOSEN. */
static json_t *others(json_t *matches, json_t *chosen)
{
	json_t *list = json_array();
	tc_buf a = {0}, b = {0};
	const char *mine = str(json_object_get(chosen, "document"), "doc_number");
	int have_mine = *mine && tc_doc_number_normalize(mine, strlen(mine), 0, &a) == 0;
	size_t i;
	json_t *m;
	json_array_foreach(matches, i, m)
	{
		const char *n = str(json_object_get(m, "document"), "doc_number");
		const char *id = str(json_object_get(m, "document"), "id");
		tc_buf_reset(&b);
		int same = *n && have_mine && tc_doc_number_normalize(n, strlen(n), 0, &b) == 0 &&
		           !strcmp(a.data, b.data);
		if (m != chosen && !same)
			json_array_append_new(list, json_string(*n ? n : id));
	}
	tc_buf_free(&a);
	tc_buf_free(&b);
	return list;
}

/* "Nghị định 111/2022/NĐ-CP", or the id of a document with no number. */
static const char *doc_label(json_t *doc, tc_buf *out)
{
	tc_buf_reset(out);
	const char *number = str(doc, "doc_number");
	tc_buf_printf(out, "%s%s%s", str(doc, "type"), *str(doc, "type") ? " " : "",
	              *number               ? number
	              : *str(doc, "doc_id") ? str(doc, "doc_id")
	                                    : str(doc, "id"));
	return out->data ? out->data : "";
}

static const char *link_text(json_t *link, tc_buf *out)
{
	tc_buf_reset(out);
	tc_buf_printf(out, "%s%s%s%s%s", str(link, "article"), *str(link, "article") ? " " : "",
	              str(link, "type"), *str(link, "type") ? " " : "", str(link, "doc_number"));
	if (*str(link, "effective_date"))
		tc_buf_printf(out, " (in force from %s)", str(link, "effective_date"));
	return out->data ? out->data : "";
}

static void judge_external(tc__judge *j, const tc_cite *c, verdict_out *o, tc_status *st)
{
	tc_buf text = {0};
	lookup_text(c, &text);
	json_object_set_new(o->cite, "names",
	                    json_pack("{s:s, s:s}", "in", "index", "lookup", text.data ? text.data : ""));
	if (c->scope == TC_CITE_CONTEXT)
		finding(o, TC_VERDICT_FOUND, NULL,
		        "no document named: read as %s, the document this article amends",
		        c->doc_number ? c->doc_number : c->doc_name);
	if (!text.len) {
		finding(o, TC_VERDICT_NOT_CHECKED, NULL, "nothing to look up");
		tc_buf_free(&text);
		return;
	}
	json_t *result = json_object_get(j->cache, text.data);
	if (result) {
		json_incref(result);
	} else {
		tc_lookup_options options = {.text = 1};
		*st = tc_lookup_with(j->searcher, text.data, &options, &result, j->err);
		if (*st != TC_OK) {
			tc_buf_free(&text);
			return;
		}
		json_object_set(j->cache, text.data, result);
	}
	tc_buf_free(&text);
	json_t *matches = json_object_get(result, "matches");
	const char *named = c->doc_number ? c->doc_number : c->doc_name;
	if (!json_array_size(matches)) {
		json_t *nearest = json_array();
		size_t i;
		json_t *cand;
		json_array_foreach(json_object_get(result, "candidates"), i, cand)
		{
			if (i < 3)
				json_array_append_new(nearest, json_pack("{s:s, s:s}", "id", str(cand, "id"),
				                                         "title", str(cand, "title")));
		}
		json_t *replaced = json_array_get(json_object_get(result, "superseded_by"), 0);
		tc_buf label = {0};
		if (replaced)
			finding(o, TC_VERDICT_NO_DOCUMENT,
			        json_pack("{s:o, s:O}", "nearest", nearest, "by", replaced),
			        "no document %s in the index; %s says it is no longer in force%s%s", named,
			        doc_label(replaced, &label), *str(replaced, "effective_date") ? " from " : "",
			        str(replaced, "effective_date"));
		else
			finding(o, TC_VERDICT_NO_DOCUMENT, json_pack("{s:o}", "nearest", nearest),
			        "no document %s in the index", named);
		tc_buf_free(&label);
		json_decref(result);
		return;
	}
	json_t *m = pick(matches);
	json_t *doc = json_object_get(m, "document");
	json_t *rest = others(matches, m);
	int by_name = json_is_true(json_object_get(json_object_get(result, "recognized"), "name"));
	if (json_array_size(rest) && !json_is_true(json_object_get(m, "date_matches"))) {
		if (by_name)
			finding(o, TC_VERDICT_FOUND, json_pack("{s:O}", "others", rest),
			        "several documents bear that name: read as %s of %.4s",
			        str(doc, "doc_number"), str(doc, "issue_date"));
		else
			finding(o, TC_VERDICT_AMBIGUOUS, json_pack("{s:O}", "others", rest),
			        "%zu documents answer to %s: read as %s", json_array_size(rest) + 1, named,
			        *str(doc, "doc_number") ? str(doc, "doc_number") : str(doc, "id"));
	}
	json_decref(rest);
	const char *doc_name = *str(doc, "doc_number") ? str(doc, "doc_number") : str(doc, "title");
	int has_text = !strcmp(str(doc, "kind"), "document");
	/* the levels */
	json_t *resolved = json_pack("{s:s, s:O}", "in", "index", "document", doc);
	json_t *deepest = NULL;
	json_t *article = json_object_get(m, "article"), *clause = json_object_get(m, "clause"),
	       *point = json_object_get(m, "point");
	const char *missing = c->article && !json_is_true(json_object_get(article, "found")) ? "article"
	                      : c->clause && !json_is_true(json_object_get(clause, "found")) ? "clause"
	                      : c->point && !json_is_true(json_object_get(point, "found"))   ? "point"
	                                                                                     : NULL;
	/* "Bổ sung khoản 5 vào Điều 7": the last level is the draft's new one */
	const char *last = c->point ? "point" : c->clause ? "clause" : c->article ? "article" : NULL;
	if (c->adds && missing && last && (!strcmp(missing, last) || c->scope == TC_CITE_CONTEXT)) {
		finding(o, TC_VERDICT_FOUND, NULL, "the draft adds it: %s does not have it yet", doc_name);
		missing = NULL;
	}
	if (missing && !strcmp(missing, "article")) {
		if (!has_text)
			finding(o, TC_VERDICT_UNVERIFIED, NULL,
			        "the text of %s is not in the index, and no codified article comes from its "
			        "Điều %s",
			        doc_name, c->article);
		else
			finding(o, TC_VERDICT_NO_PROVISION, NULL, "%s has no Điều %s", doc_name, c->article);
	} else if (c->article) {
		const char *via = json_string_value(json_object_get(article, "via"));
		if (missing && !strcmp(missing, "clause"))
			finding(o, TC_VERDICT_NO_PROVISION, NULL, "Điều %s of %s has no khoản %s%s",
			        c->article, doc_name, c->clause, via ? " (in its codified text)" : "");
		else if (missing && !strcmp(missing, "point"))
			finding(o, TC_VERDICT_NO_PROVISION, NULL, "khoản %s Điều %s of %s has no điểm %s%s",
			        c->clause ? c->clause : "", c->article, doc_name, c->point,
			        via ? " (in its codified text)" : "");
		/* the deepest level that exists */
		deepest = json_is_true(json_object_get(point, "found"))    ? point
		          : json_is_true(json_object_get(clause, "found")) ? clause
		                                                           : article;
		if (via)
			finding(o, TC_VERDICT_FOUND, NULL,
			        "the index has the text of %s through the pháp điển", doc_name);
	}
	if (deepest)
		json_object_set(resolved, "entry", json_object_get(deepest, "entry"));
	if (article)
		json_object_set(resolved, "article_id", json_object_get(article, "id"));
	size_t i;
	json_t *l;
	/* in force on the date */
	const char *validity = str(doc, "validity");
	const char *expiry = str(doc, "expiry_date"), *effective = str(doc, "effective_date");
	if (tc_validity_from_name(validity) == TC_VALIDITY_EXPIRED)
		finding(o, TC_VERDICT_NOT_IN_FORCE, NULL, "%s is no longer in force (%s%s%s)", doc_name,
		        validity, *expiry ? " since " : "", expiry);
	else if (*expiry && strcmp(expiry, j->date_iso) <= 0)
		finding(o, TC_VERDICT_NOT_IN_FORCE, NULL, "%s expired on %s", doc_name, expiry);
	else if (*effective && strcmp(effective, j->date_iso) > 0)
		finding(o, TC_VERDICT_NOT_IN_FORCE, NULL, "%s takes effect only on %s", doc_name, effective);
	json_array_foreach(json_object_get(m, "superseded_by"), i, l)
	{
		/* in force until the replacement takes effect */
		const char *from = str(l, "effective_date");
		if (*from && strcmp(from, j->date_iso) > 0)
			continue;
		tc_buf label = {0};
		finding(o, TC_VERDICT_NOT_IN_FORCE, json_pack("{s:O}", "by", l),
		        "%s is no longer in force: %s%s%s says so (%s)", doc_name, doc_label(l, &label),
		        *from ? ", in force from " : "", from, str(l, "provision"));
		tc_buf_free(&label);
	}
	/* what the codification's notes say of the article */
	tc_buf link = {0};
	json_t *current = json_object_get(article, "current");
	const char *now_in =
	        json_array_size(current) ? str(json_array_get(current, 0), "article_number") : "";
	json_array_foreach(json_object_get(article, "repealed_by"), i, l)
	{
		if (*str(l, "effective_date") && strcmp(str(l, "effective_date"), j->date_iso) > 0)
			continue;
		if (json_is_true(json_object_get(l, "partly")))
			finding(o, TC_VERDICT_AMENDED, json_pack("{s:O}", "by", l),
			        "parts of Điều %s of %s were repealed by %s%s%s", c->article, doc_name,
			        link_text(l, &link), *now_in ? "; its text in force is Điều " : "", now_in);
		else
			finding(o, TC_VERDICT_REPEALED, json_pack("{s:O}", "by", l),
			        "Điều %s of %s was repealed by %s", c->article, doc_name,
			        link_text(l, &link));
	}
	json_array_foreach(json_object_get(article, "amended_by"), i, l)
	{
		if (*str(l, "effective_date") && strcmp(str(l, "effective_date"), j->date_iso) > 0)
			continue;
		json_t *extra = json_pack("{s:O}", "by", l);
		if (json_array_size(current))
			json_object_set(extra, "current", json_array_get(current, 0));
		finding(o, TC_VERDICT_AMENDED, extra, "Điều %s of %s was amended by %s%s%s", c->article,
		        doc_name, link_text(l, &link), *now_in ? "; its text in force is Điều " : "", now_in);
	}
	tc_buf_free(&link);
	/* the date, title and type written */
	const char *issued = str(doc, "issue_date");
	if (c->written_date && *issued) {
		char iso[16];
		iso_date(c->written_date, iso);
		if (strcmp(iso, issued))
			finding(o, TC_VERDICT_MISMATCH,
			        json_pack("{s:s, s:s}", "written", iso, "actual", issued),
			        "the date written, %s, is not the date of %s (%s)", iso, doc_name, issued);
	} else if (c->written_year && *issued && atoi(issued) != c->written_year) {
		finding(o, TC_VERDICT_MISMATCH, NULL, "the year written, %d, is not that of %s (%.4s)",
		        c->written_year, doc_name, issued);
	}
	const char *title = str(doc, "title");
	if (c->written_title && *title && title_overlap(j->analyzer, c->written_title, title) < 0.5)
		finding(o, TC_VERDICT_MISMATCH,
		        json_pack("{s:s, s:s}", "written", c->written_title, "actual", title),
		        "the title written differs from that of %s: \"%s\"", doc_name, title);
	tc_doc_type written = c->doc_type ? tc_doc_type_from_name(c->doc_type) : TC_TYPE_UNKNOWN;
	tc_doc_type actual = tc_doc_type_from_name(str(doc, "type"));
	if (written != TC_TYPE_UNKNOWN && actual != TC_TYPE_UNKNOWN && written != actual &&
	    !(written == TC_TYPE_LUAT && actual == TC_TYPE_BO_LUAT))
		finding(o, TC_VERDICT_MISMATCH, NULL, "%s is a %s, not a %s", doc_name,
		        tc_doc_type_name(actual), tc_doc_type_name(written));
	json_object_set_new(o->cite, "resolved", resolved);
	json_decref(result);
}

json_t *tc__judge_cite(tc__judge *j, const tc_check_article *a, const tc_cite *c, tc_status *st)
{
	verdict_out o = {.cite = tc__cite_json(a, c), .findings = json_array(), .verdict = TC_VERDICT_FOUND};
	*st = TC_OK;
	if (!o.cite || !o.findings) {
		json_decref(o.cite);
		json_decref(o.findings);
		*st = tc_error_set(j->err, TC_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (j->judged >= TC_CHECK_MAX_CITATIONS) {
		finding(&o, TC_VERDICT_NOT_CHECKED, NULL, "not checked: the draft has more than %d citations",
		        TC_CHECK_MAX_CITATIONS);
	} else {
		j->judged++;
		if (c->scope == TC_CITE_INTERNAL || c->scope == TC_CITE_BARE)
			judge_internal(j->draft, a, c, &o);
		else if (c->scope == TC_CITE_CONTEXT && !c->doc_number && !c->doc_name)
			finding(&o, TC_VERDICT_NOT_CHECKED, NULL, "the document it names is not known");
		else
			judge_external(j, c, &o, st);
	}
	json_object_set_new(o.cite, "verdict", json_string(tc_verdict_name(o.verdict)));
	json_object_set_new(o.cite, "findings", o.findings);
	j->counts[o.verdict]++;
	return o.cite;
}
