/* common.c - errors, buffers, arenas and the allocator hook. */
#include "common.h"

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The allocation-failure hook is the one piece of global mutable state in
 * tracuu, and only tests set it (see common.h). Both counters are atomic:
 * the daemon's threads and the indexer's second thread allocate too. */
static long alloc_fail_countdown;

static size_t alloc_count; /* every tc_malloc/calloc/realloc call, for benchmarks */

void tc_alloc_fail_after(long n) { __atomic_store_n(&alloc_fail_countdown, n, __ATOMIC_RELAXED); }

size_t tc_alloc_count(void) { return __atomic_load_n(&alloc_count, __ATOMIC_RELAXED); }

static int alloc_should_fail(void)
{
	__atomic_fetch_add(&alloc_count, 1, __ATOMIC_RELAXED);
	if (__atomic_load_n(&alloc_fail_countdown, __ATOMIC_RELAXED) <= 0)
		return 0;
	return __atomic_sub_fetch(&alloc_fail_countdown, 1, __ATOMIC_RELAXED) == 0;
}

void *tc_malloc(size_t size)
{
	if (alloc_should_fail())
		return NULL;
	return malloc(size ? size : 1);
}

void *tc_calloc(size_t n, size_t size)
{
	if (alloc_should_fail())
		return NULL;
	return calloc(n ? n : 1, size ? size : 1);
}

void *tc_realloc(void *p, size_t size)
{
	if (alloc_should_fail())
		return NULL;
	return realloc(p, size ? size : 1);
}

void tc_free(void *p) { free(p); }

char *tc_strndup(const char *s, size_t n)
{
	char *copy = tc_malloc(n + 1);
	if (!copy)
		return NULL;
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

char *tc_strdup(const char *s) { return tc_strndup(s, strlen(s)); }

const char *tc_status_string(tc_status status)
{
	switch (status) {
	case TC_OK: return "ok";
	case TC_ERR_NOMEM: return "out of memory";
	case TC_ERR_IO: return "I/O error";
	case TC_ERR_INPUT: return "input error";
	case TC_ERR_NOT_FOUND: return "not found";
	case TC_ERR_LOCKED: return "locked";
	case TC_ERR_LIMIT: return "limit exceeded";
	case TC_ERR_VERSION: return "version mismatch";
	case TC_ERR_XAPIAN: return "Xapian error";
	case TC_ERR_ABORTED: return "aborted";
	case TC_ERR_INTERNAL: return "internal error";
	}
	return "unknown status";
}

tc_status tc_error_setv(tc_error *err, tc_status code, const char *fmt, va_list ap)
{
	if (err) {
		err->code = code;
		vsnprintf(err->message, sizeof err->message, fmt, ap);
	}
	return code;
}

tc_status tc_error_set(tc_error *err, tc_status code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tc_error_setv(err, code, fmt, ap);
	va_end(ap);
	return code;
}

void tc_error_clear(tc_error *err)
{
	if (err) {
		err->code = TC_OK;
		err->message[0] = '\0';
	}
}

/* ---- buffers ---- */

int tc_buf_reserve(tc_buf *buf, size_t extra)
{
	if (buf->len + extra + 1 <= buf->cap)
		return 0;
	size_t cap = buf->cap ? buf->cap : 64;
	while (cap < buf->len + extra + 1) {
		if (cap > SIZE_MAX / 2)
			return -1;
		cap *= 2;
	}
	char *data = tc_realloc(buf->data, cap);
	if (!data)
		return -1;
	/* NUL-terminated from its first allocation, before anything is
	 * appended (a reserved, still empty buffer is the empty string) */
	data[buf->len] = '\0';
	buf->data = data;
	buf->cap = cap;
	return 0;
}

int tc_buf_append(tc_buf *buf, const void *bytes, size_t n)
{
	if (tc_buf_reserve(buf, n) < 0)
		return -1;
	if (n)
		memcpy(buf->data + buf->len, bytes, n);
	buf->len += n;
	buf->data[buf->len] = '\0';
	return 0;
}

int tc_buf_append_str(tc_buf *buf, const char *s) { return tc_buf_append(buf, s, strlen(s)); }

int tc_buf_append_char(tc_buf *buf, char c) { return tc_buf_append(buf, &c, 1); }

int tc_buf_printf(tc_buf *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || tc_buf_reserve(buf, (size_t)n) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf->len += (size_t)n;
	return 0;
}

void tc_buf_reset(tc_buf *buf)
{
	buf->len = 0;
	if (buf->data)
		buf->data[0] = '\0';
}

void tc_buf_free(tc_buf *buf)
{
	tc_free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
}

char *tc_buf_steal(tc_buf *buf)
{
	char *data = buf->data;
	if (!data)
		data = tc_strdup("");
	buf->data = NULL;
	buf->len = buf->cap = 0;
	return data;
}

/* ---- arenas ---- */

typedef struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	size_t used;
	_Alignas(16) unsigned char data[];
} arena_chunk;

struct tc_arena {
	arena_chunk *head; /* current chunk; the first chunk is last in the list */
	size_t chunk_size;
};

tc_arena *tc_arena_new(size_t chunk_size)
{
	tc_arena *arena = tc_calloc(1, sizeof *arena);
	if (!arena)
		return NULL;
	arena->chunk_size = chunk_size ? chunk_size : 64 * 1024;
	return arena;
}

void tc_arena_free(tc_arena *arena)
{
	if (!arena)
		return;
	arena_chunk *c = arena->head;
	while (c) {
		arena_chunk *next = c->next;
		tc_free(c);
		c = next;
	}
	tc_free(arena);
}

void tc_arena_reset(tc_arena *arena)
{
	/* Keep the oldest chunk (the one of regular size), free the rest. */
	arena_chunk *c = arena->head;
	while (c && c->next) {
		arena_chunk *next = c->next;
		tc_free(c);
		c = next;
	}
	arena->head = c;
	if (c)
		c->used = 0;
}

size_t tc_arena_bytes(const tc_arena *arena)
{
	size_t total = 0;
	for (const arena_chunk *c = arena->head; c; c = c->next)
		total += c->size;
	return total;
}

void *tc_arena_alloc(tc_arena *arena, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	arena_chunk *c = arena->head;
	if (!c || c->size - c->used < size) {
		size_t chunk = arena->chunk_size;
		if (chunk < size)
			chunk = size;
		arena_chunk *fresh = tc_malloc(sizeof *fresh + chunk);
		if (!fresh)
			return NULL;
		fresh->size = chunk;
		fresh->used = 0;
		if (c && c->used == 0 && c->next == NULL && c->size < size) {
			/* an unused first chunk too small for this: replace it */
			tc_free(c);
			c = NULL;
		}
		fresh->next = c;
		arena->head = c = fresh;
	}
	void *p = c->data + c->used;
	c->used += size;
	return p;
}

void *tc_arena_calloc(tc_arena *arena, size_t size)
{
	void *p = tc_arena_alloc(arena, size);
	if (p)
		memset(p, 0, size);
	return p;
}

char *tc_arena_strndup(tc_arena *arena, const char *s, size_t n)
{
	char *copy = tc_arena_alloc(arena, n + 1);
	if (!copy)
		return NULL;
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

char *tc_arena_strdup(tc_arena *arena, const char *s) { return tc_arena_strndup(arena, s, strlen(s)); }

char *tc_arena_printf(tc_arena *arena, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = tc_arena_alloc(arena, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path) == 0 ? 0 : -1;
}

int tc_remove_tree(const char *dir) { return nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1; }

long long tc_tree_bytes(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return 0;
	if (!S_ISDIR(st.st_mode))
		return S_ISREG(st.st_mode) ? (long long)st.st_size : 0;
	long long total = 0;
	DIR *dir = opendir(path);
	struct dirent *e;
	while (dir && (e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		tc_buf child = {0};
		if (tc_buf_printf(&child, "%s/%s", path, e->d_name) >= 0)
			total += tc_tree_bytes(child.data);
		tc_buf_free(&child);
	}
	if (dir)
		closedir(dir);
	return total;
}
