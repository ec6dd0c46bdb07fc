/* fuzz_request.c - the daemon's request handling before the engine: a
 * request target (the input up to its first NUL or newline; what follows is
 * the method) through percent-decoding, UTF-8 and limit checks, the route
 * table, the route's known parameters and the engine's parameter parsing
 * (numbers, targets, sorts, filters), and the problem built for a refusal. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = {"GET", "HEAD", "POST", "DELETE", "OPTIONS", "PUT"};
	size_t n = 0;
	while (n < size && data[n] != '\n' && data[n] != '\0')
		n++;
	char *target = malloc(n + 1);
	if (!target)
		return 0;
	memcpy(target, data, n);
	target[n] = '\0';
	tc_arena *arena = tc_arena_new(4096);
	api_request req = {.method = methods[n < size ? data[size - 1] % 6 : 0], .arena = arena, .route = -1};
	api_response res;
	api_response_init(&res);
	int path_known = 0;
	if (arena && api_request_parse(&req, target, 8192, &res) == 0 &&
	    api_route_request(&req, &res, &path_known) == 0) {
		tc_buf filter = {0};
		for (size_t i = 0; i < req.param_count; i++) {
			const char *name = req.params[i].name, *value = req.params[i].value;
			tc_error err = {0};
			uint64_t number;
			tc_target in;
			tc_sort sort;
			if (tc_search_filter_known(name))
				tc_search_filter_add(&filter, name, value, &err);
			else if (!strcmp(name, "page") || !strcmp(name, "per_page") || !strcmp(name, "limit"))
				tc_param_uint(name, value, 1, 1000, &number, &err);
			else if (!strcmp(name, "in"))
				tc_param_target(name, value, &in, &err);
			else if (!strcmp(name, "sort"))
				tc_param_sort(name, value, &sort, &err);
			else
				continue;
			/* a refusal's problem, as the daemon builds it */
			api_response problem;
			api_response_init(&problem);
			if (err.code != TC_OK)
				api_problem_from_error(&problem, &err, name);
			api_response_clear(&problem);
		}
		tc_buf_free(&filter);
	}
	api_response_clear(&res);
	tc_arena_free(arena);
	free(target);
	return 0;
}
