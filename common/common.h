/* common.h - the small pieces every tracuu module shares: the error struct,
 * a growable byte buffer and an arena for per-record scratch.
 *
 * Nothing here allocates per call on a hot path once warmed up: buffers and
 * arenas keep their memory across reset. None of these objects is
 * thread-safe; give each thread its own. */
#ifndef TC_COMMON_H
#define TC_COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes returned by every tracuu call that can fail. */
typedef enum tc_status {
	TC_OK = 0,
	TC_ERR_NOMEM,     /* an allocation failed */
	TC_ERR_IO,        /* a file could not be read or written */
	TC_ERR_INPUT,     /* bad input: malformed record, invalid syntax */
	TC_ERR_NOT_FOUND, /* no such file, database, document or id */
	TC_ERR_LOCKED,    /* the index is locked by another writer */
	TC_ERR_LIMIT,     /* a configured limit was exceeded */
	TC_ERR_VERSION,   /* built by another format or analyzer version */
	TC_ERR_XAPIAN,    /* Xapian reported an error */
	TC_ERR_ABORTED,   /* a callback asked to stop */
	TC_ERR_INTERNAL,  /* anything else */
} tc_status;

#define TC_ERROR_MESSAGE_MAX 512

/* A caller-owned error, filled by a failing call (jansson's json_error_t
 * style). The message says what failed and where. */
typedef struct tc_error {
	tc_status code;
	char message[TC_ERROR_MESSAGE_MAX];
} tc_error;

/* A short English name for a status ("out of memory", "input error"...). */
const char *tc_status_string(tc_status status);

/* Fill ERR (if not NULL) with CODE and a printf-style message; returns CODE
 * so that callers can write `return tc_error_set(err, TC_ERR_IO, ...)`. */
tc_status tc_error_set(tc_error *err, tc_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
tc_status tc_error_setv(tc_error *err, tc_status code, const char *fmt, va_list ap);
void tc_error_clear(tc_error *err);

/* A growable byte buffer, always NUL-terminated after its LEN bytes.
 * Zero-initialise ({0}) to use; tc_buf_free releases it. */
typedef struct tc_buf {
	char *data;
	size_t len;
	size_t cap;
} tc_buf;

int tc_buf_reserve(tc_buf *buf, size_t extra); /* 0 on success, -1 on ENOMEM */
int tc_buf_append(tc_buf *buf, const void *bytes, size_t n);
int tc_buf_append_str(tc_buf *buf, const char *s);
int tc_buf_append_char(tc_buf *buf, char c);
int tc_buf_printf(tc_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tc_buf_reset(tc_buf *buf); /* len = 0, memory kept */
void tc_buf_free(tc_buf *buf);
/* Hand the bytes over to the caller (free() them); the buffer is emptied. */
char *tc_buf_steal(tc_buf *buf);

/* An arena: bump allocation from chunks, freed all at once. Reset keeps the
 * first chunk so that a steady state allocates nothing. */
typedef struct tc_arena tc_arena;

tc_arena *tc_arena_new(size_t chunk_size);
void tc_arena_free(tc_arena *arena);
void tc_arena_reset(tc_arena *arena);
size_t tc_arena_bytes(const tc_arena *arena); /* the memory its chunks hold */
void *tc_arena_alloc(tc_arena *arena, size_t size); /* 16-byte aligned; NULL on ENOMEM */
void *tc_arena_calloc(tc_arena *arena, size_t size);
char *tc_arena_strndup(tc_arena *arena, const char *s, size_t n);
char *tc_arena_strdup(tc_arena *arena, const char *s);
char *tc_arena_printf(tc_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Test hook: when set to N > 0, the Nth allocation made through the tracuu
 * allocator from now on fails (and every later one succeeds again). Used by
 * the tests that fail each allocation in turn. Atomic, but with several
 * threads allocating which one makes the Nth allocation is not fixed. */
void tc_alloc_fail_after(long n);
/* Number of tc_malloc/tc_calloc/tc_realloc calls made so far (benchmarks
 * count allocations per token with it). Not thread-safe: a rough figure. */
size_t tc_alloc_count(void);
void *tc_malloc(size_t size);
void *tc_calloc(size_t n, size_t size);
void *tc_realloc(void *p, size_t size);
void tc_free(void *p);
char *tc_strdup(const char *s);
char *tc_strndup(const char *s, size_t n);

/* Remove DIR and everything under it (symbolic links not followed): 0, or -1
 * with errno set at the first entry that cannot be removed. */
int tc_remove_tree(const char *dir);

/* Bytes of the regular files under PATH (a file or a folder), as du -sb;
 * 0 when there is none. */
long long tc_tree_bytes(const char *path);

#ifdef __cplusplus
}
#endif

#endif
