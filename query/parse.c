/* parse.c - the query syntax (query.h) into a small tree. */
#include <ctype.h>
#include <string.h>

#include "query-private.h"

/* Field names and their canonical form. */
static const struct {
	const char *name;
	qfield field;
} field_names[] = {
        {"loai", QF_TYPE},           {"type", QF_TYPE},       {"coquan", QF_ISSUER},
        {"issuer", QF_ISSUER},       {"nam", QF_YEAR},        {"year", QF_YEAR},
        {"hieuluc", QF_STATUS},      {"status", QF_STATUS},   {"linhvuc", QF_FIELD},
        {"field", QF_FIELD},         {"chude", QF_TOPIC},     {"topic", QF_TOPIC},
        {"demuc", QF_HEADING},       {"heading", QF_HEADING}, {"tinh", QF_PROVINCE},
        {"province", QF_PROVINCE},   {"so", QF_NUMBER},       {"number", QF_NUMBER},
        {"banhanh", QF_ISSUED},      {"issued", QF_ISSUED},   {"hieuluctu", QF_EFFECTIVE},
        {"effective", QF_EFFECTIVE}, {"apdung", QF_IN_FORCE}, {"inforce", QF_IN_FORCE},
};

typedef enum tok_kind {
	T_END,
	T_LPAREN,
	T_RPAREN,
	T_OR,
	T_NOT,
	T_WORD,
	T_PHRASE,
	T_FIELD,
	T_WILDCARD
} tok_kind;

typedef struct lexer {
	const char *q;
	size_t len;
	size_t pos;
	/* the current token */
	tok_kind kind;
	size_t start, end; /* span of a word/phrase (phrase: inside the quotes) */
	qfield field;
	size_t value_start, value_end;
} lexer;

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_stop(unsigned char c)
{
	return is_space(c) || c == '(' || c == ')' || c == '"';
}

static void next_token(lexer *lx)
{
	while (lx->pos < lx->len && is_space((unsigned char)lx->q[lx->pos]))
		lx->pos++;
	if (lx->pos >= lx->len) {
		lx->kind = T_END;
		return;
	}
	char c = lx->q[lx->pos];
	lx->start = lx->pos;
	if (c == '(') {
		lx->kind = T_LPAREN;
		lx->pos++;
		return;
	}
	if (c == ')') {
		lx->kind = T_RPAREN;
		lx->pos++;
		return;
	}
	if (c == '"') {
		size_t close = lx->pos + 1;
		while (close < lx->len && lx->q[close] != '"')
			close++;
		lx->kind = T_PHRASE;
		lx->start = lx->pos + 1;
		lx->end = close;
		lx->pos = close < lx->len ? close + 1 : close;
		return;
	}
	/* "-" starts an exclusion when a word or phrase follows at once
	 * ("-thuế", "-\"thuế giá trị\""); "NĐ - CP" is not one. */
	if (c == '-' && lx->pos + 1 < lx->len && !is_space((unsigned char)lx->q[lx->pos + 1]) &&
	    lx->q[lx->pos + 1] != '-' && lx->q[lx->pos + 1] != ')') {
		lx->kind = T_NOT;
		lx->pos++;
		return;
	}
	size_t end = lx->pos;
	while (end < lx->len && !is_stop((unsigned char)lx->q[end]))
		end++;
	lx->end = end;
	lx->pos = end;
	size_t n = end - lx->start;
	const char *w = lx->q + lx->start;
	if (n == 2 && !memcmp(w, "OR", 2)) {
		lx->kind = T_OR;
		return;
	}
	/* field:value (the value may be quoted: coquan:"Bộ Tư pháp") */
	const char *colon = memchr(w, ':', n);
	if (colon && colon > w) {
		size_t name_len = (size_t)(colon - w);
		for (size_t i = 0; i < sizeof field_names / sizeof field_names[0]; i++) {
			if (strlen(field_names[i].name) != name_len ||
			    strncasecmp(field_names[i].name, w, name_len))
				continue;
			lx->kind = T_FIELD;
			lx->field = field_names[i].field;
			lx->value_start = (size_t)(colon - lx->q) + 1;
			lx->value_end = end;
			if (lx->value_start == end && end < lx->len && lx->q[end] == '"') {
				size_t close = end + 1;
				while (close < lx->len && lx->q[close] != '"')
					close++;
				lx->value_start = end + 1;
				lx->value_end = close;
				lx->pos = close < lx->len ? close + 1 : close;
			}
			return;
		}
	}
	if (n > 1 && w[n - 1] == '*') {
		lx->kind = T_WILDCARD;
		lx->end = end - 1;
		return;
	}
	lx->kind = T_WORD;
}

static qnode *node_new(qparse *p, qnode_kind kind)
{
	qnode *node = tc_arena_calloc(p->arena, sizeof *node);
	if (node)
		node->kind = kind;
	return node;
}

/* A node covering the query text [START, END). */
static qnode *span_node(qparse *p, qnode_kind kind, size_t start, size_t end)
{
	qnode *node = node_new(p, kind);
	if (node) {
		node->start = start;
		node->end = end;
	}
	return node;
}

static int add_child(qparse *p, qnode *parent, qnode *child)
{
	if (parent->count == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 4;
		qnode **children = tc_arena_alloc(p->arena, cap * sizeof *children);
		if (!children)
			return -1;
		if (parent->count)
			memcpy(children, parent->children, parent->count * sizeof *children);
		parent->children = children;
		parent->cap = cap;
	}
	parent->children[parent->count++] = child;
	return 0;
}

static qnode *parse_or(qparse *p, lexer *lx, int depth);

static qnode *syntax_error(qparse *p, const char *fmt, size_t where)
{
	tc_error_set(p->err, TC_ERR_INPUT, fmt, where + 1);
	return NULL;
}

/* A run of plain words becomes one text node spanning them (with the
 * spaces between), so the analyzer sees "52 / 2015 / NĐ - CP" whole. */
static qnode *parse_unary(qparse *p, lexer *lx, int depth)
{
	int negated = 0;
	if (lx->kind == T_NOT) {
		negated = 1;
		next_token(lx);
	}
	qnode *node = NULL;
	switch (lx->kind) {
	case T_LPAREN: {
		size_t open = lx->start;
		next_token(lx);
		node = parse_or(p, lx, depth + 1);
		if (!node)
			return NULL;
		if (lx->kind != T_RPAREN)
			return syntax_error(
			        p, "unbalanced parenthesis: the one at character %zu is never closed", open);
		next_token(lx);
		break;
	}
	case T_PHRASE:
		if (!(node = span_node(p, QN_PHRASE, lx->start, lx->end)))
			return NULL;
		next_token(lx);
		break;
	case T_FIELD:
		if (!(node = span_node(p, QN_FIELD, lx->value_start, lx->value_end)))
			return NULL;
		node->field = lx->field;
		if (node->start == node->end)
			return syntax_error(p, "a field filter without a value at character %zu", lx->start);
		next_token(lx);
		break;
	case T_WILDCARD:
		if (!(node = span_node(p, QN_WILDCARD, lx->start, lx->end)))
			return NULL;
		next_token(lx);
		break;
	case T_WORD:
		if (!(node = span_node(p, QN_TEXT, lx->start, lx->end)))
			return NULL;
		next_token(lx);
		/* An excluded word stands alone; a positive run goes on. */
		while (!negated && lx->kind == T_WORD) {
			node->end = lx->end;
			next_token(lx);
		}
		break;
	case T_RPAREN:
		return syntax_error(p, "unbalanced parenthesis: nothing opens the one at character %zu",
		                    lx->start);
	case T_OR: return syntax_error(p, "OR at character %zu has nothing on its left", lx->start);
	default:
		return syntax_error(p, "the query ends where a word was expected (character %zu)", lx->start);
	}
	if (node)
		node->negated = negated;
	return node;
}

static qnode *parse_and(qparse *p, lexer *lx, int depth)
{
	qnode *and_node = node_new(p, QN_AND);
	if (!and_node)
		return NULL;
	while (lx->kind != T_END && lx->kind != T_RPAREN && lx->kind != T_OR) {
		qnode *child = parse_unary(p, lx, depth);
		if (!child || add_child(p, and_node, child) < 0)
			return NULL;
	}
	if (and_node->count == 0)
		return syntax_error(p, "an empty group or alternative near character %zu", lx->start);
	return and_node->count == 1 && !and_node->children[0]->negated ? and_node->children[0] : and_node;
}

static qnode *parse_or(qparse *p, lexer *lx, int depth)
{
	if (depth > 32) {
		tc_error_set(p->err, TC_ERR_LIMIT, "parentheses nested deeper than 32");
		return NULL;
	}
	qnode *left = parse_and(p, lx, depth);
	if (!left || lx->kind != T_OR)
		return left;
	qnode *or_node = node_new(p, QN_OR);
	if (!or_node || add_child(p, or_node, left) < 0)
		return NULL;
	while (lx->kind == T_OR) {
		size_t where = lx->start;
		next_token(lx);
		if (lx->kind == T_END || lx->kind == T_RPAREN || lx->kind == T_OR)
			return syntax_error(p, "OR at character %zu has nothing on its right", where);
		qnode *right = parse_and(p, lx, depth);
		if (!right || add_child(p, or_node, right) < 0)
			return NULL;
	}
	return or_node;
}

/* A long text with no operator (a pasted question or sentence) is text:
 * its quotes and parentheses are punctuation, not syntax, so a quoted term
 * with a typo or a parenthesised aside does not make the whole query fail. */
#define PASTED_TEXT_WORDS 12

static int is_pasted_text(const char *q, size_t len)
{
	lexer lx = {.q = q, .len = len};
	size_t words = 0;
	for (next_token(&lx); lx.kind != T_END; next_token(&lx)) {
		switch (lx.kind) {
		case T_OR:
		case T_NOT:
		case T_FIELD:
		case T_WILDCARD: return 0;
		case T_WORD: words++; break;
		case T_PHRASE:
			for (size_t i = lx.start; i < lx.end; i++)
				if (!is_space((unsigned char)q[i]) &&
				    (i == lx.start || is_space((unsigned char)q[i - 1])))
					words++;
			break;
		default: break;
		}
	}
	return words > PASTED_TEXT_WORDS;
}

qnode *tc__query_parse(qparse *p)
{
	lexer lx = {.q = p->query, .len = p->len};
	if (is_pasted_text(p->query, p->len))
		return span_node(p, QN_TEXT, 0, p->len);
	next_token(&lx);
	if (lx.kind == T_END) {
		tc_error_set(p->err, TC_ERR_INPUT, "empty query");
		return NULL;
	}
	qnode *root = parse_or(p, &lx, 0);
	if (root && lx.kind != T_END) {
		if (lx.kind == T_RPAREN)
			return syntax_error(p,
			                    "unbalanced parenthesis: nothing opens the one at character %zu",
			                    lx.start);
		return syntax_error(p, "unexpected text at character %zu", lx.start);
	}
	if (!root && p->err && p->err->code == TC_OK)
		tc_error_set(p->err, TC_ERR_NOMEM, "out of memory parsing the query");
	return root;
}
