/* analyzer-test-util.h - collecting the analyzer's tokens in tests. */
#ifndef TC_ANALYZER_TEST_UTIL_H
#define TC_ANALYZER_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "check.h"

/* Every token as one line "kind exact folded position start end flags". */
typedef struct collected {
	tc_buf lines;
	size_t count;
	uint32_t last_position;
	int order_ok; /* positions never decrease; COLOCATED ones repeat the previous position */
	const char
	        *only_kinds; /* when set, keep only tokens whose kind name is in this space-separated list */
} collected;

static inline int collect_token(void *ctx, const tc_token *t)
{
	collected *c = ctx;
	if (c->count > 0) {
		if (t->position < c->last_position)
			c->order_ok = 0;
		if ((t->flags & TC_TOKEN_COLOCATED) && t->position != c->last_position)
			c->order_ok = 0;
	}
	c->last_position = t->position;
	c->count++;
	const char *kind = tc_token_kind_name(t->kind);
	if (c->only_kinds) {
		const char *p = strstr(c->only_kinds, kind);
		size_t kl = strlen(kind);
		if (!p || (p[kl] != ' ' && p[kl] != '\0'))
			return 0;
	}
	tc_buf_printf(&c->lines, "%s %.*s %.*s %u %zu %zu %u\n", kind, (int)t->exact_len, t->exact,
	              (int)t->folded_len, t->folded, t->position, t->start, t->end, t->flags);
	return 0;
}

static inline tc_status collect(tc_analyzer *a, unsigned flags, const char *text, size_t len, collected *c)
{
	tc_buf_reset(&c->lines);
	tc_buf_append(&c->lines, "", 0);
	c->count = 0;
	c->order_ok = 1;
	return tc_analyzer_run(a, flags, text, len, collect_token, c, NULL, NULL);
}

/* Is there a token "kind exact folded" (folded defaults to exact)? SPEC is
 * "kind exact [folded]". */
static inline int has_term(const collected *c, const char *spec)
{
	char kind[32], exact[256], folded[256];
	int n = sscanf(spec, "%31s %255s %255s", kind, exact, folded);
	if (n < 2)
		return 0;
	if (n == 2)
		strcpy(folded, exact);
	char line[600];
	snprintf(line, sizeof line, "%s %s %s ", kind, exact, folded);
	const char *p = c->lines.data;
	size_t ll = strlen(line);
	while (p && *p) {
		if (!strncmp(p, line, ll))
			return 1;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return 0;
}

/* Has some token of KIND the exact form EXACT (whatever its folded form)? */
static inline int has_exact(const collected *c, const char *kind, const char *exact)
{
	char line[400];
	snprintf(line, sizeof line, "%s %s ", kind, exact);
	size_t ll = strlen(line);
	const char *p = c->lines.data;
	while (p && *p) {
		if (!strncmp(p, line, ll))
			return 1;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return 0;
}

#endif
