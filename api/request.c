/* request.c - a request target into a path and parameters, and problems
 * (RFC 9457) for what is wrong with it. Everything a client sends passes
 * here first: the fuzz target tests/fuzz/fuzz_request.c drives it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api-private.h"

void api_response_init(api_response *res)
{
	memset(res, 0, sizeof *res);
	res->file_fd = -1;
}

void api_response_clear(api_response *res)
{
	json_decref(res->json);
	tc_free(res->text);
	api_response_init(res);
}

static const struct {
	const char *slug;
	const char *title;
} problem_titles[] = {
        {"bad-parameter", "A parameter is not valid"},
        {"syntax-error", "The query has a syntax error"},
        {"over-limit", "A limit was exceeded"},
        {"not-found", "Not found"},
        {"method-not-allowed", "Method not allowed"},
        {"unauthorized", "A bearer token is needed"},
        {"forbidden", "Writes are disabled"},
        {"conflict", "Another write is in progress"},
        {"too-large", "The request body is too large"},
        {"uri-too-long", "The request target is too long"},
        {"unavailable", "The service is not available"},
        {"internal", "Internal error"},
};

int api_problem(api_response *res, int status, const char *type, const char *fmt, ...)
{
	char detail[TC_ERROR_MESSAGE_MAX + 64];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	const char *title = type;
	for (size_t i = 0; i < sizeof problem_titles / sizeof problem_titles[0]; i++)
		if (!strcmp(problem_titles[i].slug, type))
			title = problem_titles[i].title;
	char type_uri[96];
	snprintf(type_uri, sizeof type_uri, "/problems/%s", type);
	json_decref(res->json);
	/* a detail that quotes bad input may hold bad UTF-8: jansson refuses it */
	json_t *detail_json = json_string(detail);
	if (!detail_json)
		detail_json = json_string("(the detail held invalid UTF-8)");
	res->json = json_pack("{s:s, s:s, s:i, s:o}", "type", type_uri, "title", title, "status", status,
	                      "detail", detail_json);
	res->status = status;
	res->content_type = NULL;
	return 0;
}

int api_status_for(tc_status status)
{
	switch (status) {
	case TC_OK: return 200;
	case TC_ERR_INPUT: return 400;
	case TC_ERR_LIMIT: return 400;
	case TC_ERR_NOT_FOUND: return 404;
	case TC_ERR_LOCKED: return 409;
	case TC_ERR_VERSION: return 503;
	case TC_ERR_XAPIAN: return 503;
	default: return 500;
	}
}

int api_problem_from_error(api_response *res, const tc_error *err, const char *parameter)
{
	int status = api_status_for(err->code);
	const char *type = err->code == TC_ERR_INPUT
	                           ? (parameter && !strcmp(parameter, "q") ? "syntax-error" : "bad-parameter")
	                   : err->code == TC_ERR_LIMIT     ? "over-limit"
	                   : err->code == TC_ERR_NOT_FOUND ? "not-found"
	                   : err->code == TC_ERR_LOCKED    ? "conflict"
	                   : status == 503                 ? "unavailable"
	                                                   : "internal";
	api_problem(res, status, type, "%s", err->message);
	if (parameter)
		json_object_set_new(res->json, "parameter", json_string(parameter));
	/* where in the query: the engine says "at character N" (1-based) */
	const char *at = strstr(err->message, "character ");
	if (at && parameter && !strcmp(parameter, "q")) {
		long position = strtol(at + strlen("character "), NULL, 10);
		if (position > 0)
			json_object_set_new(res->json, "position", json_integer(position));
	}
	return 0;
}

/* ---- text checks ---- */

int api_text_ok(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		unsigned c = *p;
		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f)
				return 0;
			p++;
			continue;
		}
		size_t n;
		unsigned cp;
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, cp = c & 0x07;
		else
			return 0;
		if ((size_t)(end - p) <= n)
			return 0;
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i] & 0x3F);
		}
		/* overlong forms, surrogates, past U+10FFFF, C1 controls */
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp < 0xA0))
			return 0;
		p += n + 1;
	}
	return 1;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode [S, S+LEN) into a new arena string; PLUS: '+' is a space.
 * NULL when a '%' is not followed by two hex digits. */
static char *decode(tc_arena *arena, const char *s, size_t len, int plus, size_t *out_len)
{
	char *out = tc_arena_alloc(arena, len + 1);
	if (!out)
		return NULL;
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%') {
			int hi = i + 1 < len ? hex_value(s[i + 1]) : -1;
			int lo = i + 2 < len ? hex_value(s[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				return NULL;
			out[n++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (plus && s[i] == '+') {
			out[n++] = ' ';
		} else {
			out[n++] = s[i];
		}
	}
	out[n] = '\0';
	*out_len = n;
	return out;
}

int api_request_parse(api_request *req, const char *target, size_t max_target, api_response *res)
{
	size_t target_len = strlen(target);
	req->target = target;
	if (target_len > max_target)
		return api_problem(res, 414, "uri-too-long",
		                   "the request target is %zu bytes long; the limit is %zu bytes", target_len,
		                   max_target),
		       -1;
	if (target[0] != '/')
		return api_problem(res, 400, "bad-parameter", "the request target must start with '/'"), -1;
	const char *question = strchr(target, '?');
	size_t path_len = question ? (size_t)(question - target) : target_len;
	size_t decoded_len = 0;
	req->path = decode(req->arena, target, path_len, 0, &decoded_len);
	if (!req->path)
		return api_problem(res, 400, "bad-parameter",
		                   "the path has a '%%' not followed by two hex digits"),
		       -1;
	if (decoded_len != strlen(req->path) || !api_text_ok(req->path, decoded_len))
		return api_problem(res, 400, "bad-parameter",
		                   "the path is not valid UTF-8 or holds control characters (percent-encode "
		                   "UTF-8)"),
		       -1;
	if (!question)
		return 0;
	const char *p = question + 1, *end = target + target_len;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		if (stop > p) {
			const char *eq = memchr(p, '=', (size_t)(stop - p));
			const char *name_end = eq ? eq : stop;
			if (req->param_count == API_MAX_PARAMS)
				return api_problem(res, 400, "over-limit", "more than %d parameters",
				                   API_MAX_PARAMS),
				       -1;
			size_t name_len = 0, value_len = 0;
			char *name = decode(req->arena, p, (size_t)(name_end - p), 1, &name_len);
			char *value = eq ? decode(req->arena, eq + 1, (size_t)(stop - eq - 1), 1, &value_len)
			                 : tc_arena_strdup(req->arena, "");
			if (!name || !value)
				return api_problem(res, 400, "bad-parameter",
				                   "a parameter has a '%%' not followed by two hex digits"),
				       -1;
			if (!api_text_ok(name, name_len) || strlen(name) != name_len || !name_len)
				return api_problem(res, 400, "bad-parameter",
				                   "a parameter name is empty, not valid UTF-8 or holds "
				                   "control characters"),
				       -1;
			if (!api_text_ok(value, value_len) || strlen(value) != value_len) {
				api_problem(res, 400, "bad-parameter",
				            "the value of parameter '%.64s' is not valid UTF-8 or holds "
				            "control characters",
				            name);
				json_object_set_new(res->json, "parameter", json_string(name));
				return -1;
			}
			size_t max = !strcmp(name, "q") || !strcmp(name, "number") || !strcmp(name, "cite")
			                     ? TC_QUERY_MAX_BYTES
			                     : API_MAX_PARAM_BYTES;
			if (value_len > max) {
				api_problem(res, 400, "over-limit",
				            "parameter '%.64s' is %zu bytes long; the limit is %zu", name,
				            value_len, max);
				json_object_set_new(res->json, "parameter", json_string(name));
				return -1;
			}
			for (size_t i = 0; i < req->param_count; i++)
				if (!strcmp(req->params[i].name, name)) {
					api_problem(res, 400, "bad-parameter",
					            "parameter '%.64s' is given twice", name);
					json_object_set_new(res->json, "parameter", json_string(name));
					return -1;
				}
			req->params[req->param_count].name = name;
			req->params[req->param_count].value = value;
			req->param_count++;
		}
		p = stop + 1;
	}
	return 0;
}

const char *api_param_get(const api_request *req, const char *name)
{
	for (size_t i = 0; i < req->param_count; i++)
		if (!strcmp(req->params[i].name, name))
			return req->params[i].value;
	return NULL;
}
