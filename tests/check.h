/* check.h - the tiny harness of tracuu's C tests.
 *
 *   CHECK(cond, "fmt", ...)   records a failure with file:line and goes on
 *   CHECK_STR(got, want)      compares two C strings
 *   return check_done("name") prints "name: N checks, M failed" and the
 *                             exit status (0 pass, 1 fail)
 *   check_skip("why")         prints "skipped: why" and exits 77 (meson's skip)
 */
#ifndef TC_CHECK_H
#define TC_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_count, check_failed;

#define CHECK(cond, ...)                                                                  \
	do {                                                                              \
		check_count++;                                                            \
		if (!(cond)) {                                                            \
			check_failed++;                                                   \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                     \
			fputc('\n', stderr);                                              \
		}                                                                         \
	} while (0)

#define CHECK_STR(got, want)                                                                           \
	do {                                                                                           \
		const char *check_got_ = (got), *check_want_ = (want);                                 \
		CHECK(check_got_ && check_want_ && strcmp(check_got_, check_want_) == 0, "got '%s', want '%s'", \
		      check_got_ ? check_got_ : "(null)", check_want_ ? check_want_ : "(null)");       \
	} while (0)

static inline int check_done(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, check_count, check_failed);
	return check_failed ? 1 : 0;
}

static inline void check_skip(const char *why)
{
	printf("skipped: %s\n", why);
	exit(77);
}

/* The shared corpus folder, or NULL when absent. */
static inline const char *check_shared_corpus(void)
{
	const char *dir = getenv("TRACUU_SHARED_CORPUS");
	if (!dir)
		return NULL;
	char probe[4096];
	snprintf(probe, sizeof probe, "%s/README.md", dir);
	FILE *f = fopen(probe, "r");
	if (!f)
		return NULL;
	fclose(f);
	return dir;
}

#endif
