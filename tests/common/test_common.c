/* test_common.c - buffers, arenas, errors and the allocation-failure hook. */
#include "check.h"
#include "common.h"

static void test_buf(void)
{
	tc_buf buf = {0};
	CHECK(tc_buf_append_str(&buf, "Nghị định") == 0, "append");
	CHECK(tc_buf_printf(&buf, " %d/%d/NĐ-CP", 52, 2015) == 0, "printf");
	CHECK_STR(buf.data, "Nghị định 52/2015/NĐ-CP");
	tc_buf_reset(&buf);
	CHECK(buf.len == 0 && buf.data[0] == '\0', "reset keeps an empty string");
	tc_buf fresh = {0};
	CHECK(tc_buf_reserve(&fresh, 100) == 0 && fresh.data && fresh.data[0] == '\0',
	      "a reserved buffer with nothing in it is the empty string");
	tc_buf_free(&fresh);
	tc_alloc_fail_after(1);
	tc_buf big = {0};
	CHECK(tc_buf_append_str(&big, "x") == -1, "a failed allocation is reported");
	CHECK(big.data == NULL, "and leaves the buffer empty");
	tc_buf_free(&buf);
}

static void test_arena(void)
{
	tc_arena *arena = tc_arena_new(64);
	CHECK(arena != NULL, "new");
	char *a = tc_arena_strdup(arena, "Điều 5");
	char *b = tc_arena_printf(arena, "khoản %d", 2);
	CHECK_STR(a, "Điều 5");
	CHECK_STR(b, "khoản 2");
	void *large = tc_arena_alloc(arena, 10000); /* larger than a chunk */
	CHECK(large != NULL && ((size_t)large % 16) == 0, "large, aligned allocation");
	tc_arena_reset(arena);
	char *c = tc_arena_strdup(arena, "điểm đ");
	CHECK_STR(c, "điểm đ");
	tc_alloc_fail_after(1);
	tc_arena_reset(arena);
	CHECK(tc_arena_alloc(arena, 100000) == NULL, "a failed chunk allocation returns NULL");
	tc_arena_free(arena);
}

static void test_error(void)
{
	tc_error err;
	CHECK(tc_error_set(&err, TC_ERR_IO, "cannot read %s", "x.zst") == TC_ERR_IO, "returns the code");
	CHECK_STR(err.message, "cannot read x.zst");
	CHECK_STR(tc_status_string(TC_ERR_LOCKED), "locked");
	CHECK(tc_error_set(NULL, TC_ERR_INPUT, "ignored") == TC_ERR_INPUT, "NULL error is allowed");
}

int main(void)
{
	test_buf();
	test_arena();
	test_error();
	return check_done("common");
}
