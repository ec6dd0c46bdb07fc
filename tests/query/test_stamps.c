/* test_stamps.c - the times of incremental sync, one row per case: change
 * stamps (format.h) formatted and read back, and the RFC 3339 times that
 * GET /v1/changes?since= takes (tc_param_time), with offsets, fractions and
 * the forms it refuses. */
#include <string.h>

#include "check.h"
#include "query.h"

static void test_stamps(void)
{
	static const struct {
		uint64_t us;
		const char *stamp;
	} cases[] = {
	        {0, "1970-01-01T00:00:00.000000Z"},
	        {1, "1970-01-01T00:00:00.000001Z"},
	        {1431561600000000ULL, "2015-05-14T00:00:00.000000Z"},
	        {1767435300123456ULL, "2026-01-03T10:15:00.123456Z"},
	        {951782400999999ULL, "2000-02-29T00:00:00.999999Z"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char stamp[TC_CHANGE_STAMP_LEN + 1];
		tc_change_stamp_format(cases[i].us, stamp);
		CHECK_STR(stamp, cases[i].stamp);
		CHECK(strlen(stamp) == TC_CHANGE_STAMP_LEN, "fixed width: %s", stamp);
		if (cases[i].us)
			CHECK(tc_change_stamp_parse(stamp, strlen(stamp)) == cases[i].us, "%s reads back",
			      stamp);
	}
	/* byte order is time order */
	char a[TC_CHANGE_STAMP_LEN + 1], b[TC_CHANGE_STAMP_LEN + 1];
	tc_change_stamp_format(999999, a);
	tc_change_stamp_format(1000000, b);
	CHECK(strcmp(a, b) < 0, "%s < %s", a, b);
	static const char *const not_stamps[] = {
	        "",
	        "2026-01-03T10:15:00Z",
	        "2026-01-03T10:15:00.123456",
	        "2026-01-03 10:15:00.123456Z",
	        "2026-01-03T10:15:00.123456Z ",
	        "garbage-garbage-garbage-gar",
	};
	for (size_t i = 0; i < sizeof not_stamps / sizeof not_stamps[0]; i++)
		CHECK(tc_change_stamp_parse(not_stamps[i], strlen(not_stamps[i])) == 0, "'%s' is not a stamp",
		      not_stamps[i]);
}

static void test_times(void)
{
	static const struct {
		const char *value;
		const char *stamp; /* NULL: refused */
	} cases[] = {
	        {"2026-01-03T10:15:00Z", "2026-01-03T10:15:00.000000Z"},
	        {"2026-01-03t10:15:00z", "2026-01-03T10:15:00.000000Z"},
	        {"2026-01-03 10:15:00Z", "2026-01-03T10:15:00.000000Z"},
	        {"2026-01-03T17:15:00+07:00", "2026-01-03T10:15:00.000000Z"},
	        {"2026-01-03T01:15:00-09:00", "2026-01-03T10:15:00.000000Z"},
	        {"2026-01-03T00:30:00+07:00", "2026-01-02T17:30:00.000000Z"},
	        {"2026-01-03T10:15:00.5Z", "2026-01-03T10:15:00.500000Z"},
	        {"2026-01-03T10:15:00.123456789Z", "2026-01-03T10:15:00.123456Z"},
	        {"2026-01-03", "2026-01-03T00:00:00.000000Z"},
	        {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000Z"},
	        {"2024-02-29T23:59:59Z", "2024-02-29T23:59:59.000000Z"},
	        {"2026-01-03T10:15:00", NULL}, /* no offset: which zone? */
	        {"2026-01-03T10:15Z", NULL},
	        {"2026-02-30T00:00:00Z", NULL}, /* no such day */
	        {"2025-02-29", NULL},
	        {"2026-01-03T24:00:00Z", NULL},
	        {"2026-01-03T10:60:00Z", NULL},
	        {"2026-01-03T10:15:00.Z", NULL},
	        {"2026-01-03T10:15:00+7:00", NULL},
	        {"2026-01-03T10:15:00Zjunk", NULL},
	        {"03/01/2026", NULL},
	        {"yesterday", NULL},
	        {"", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tc_error err = {0};
		char stamp[TC_CHANGE_STAMP_LEN + 1] = "";
		tc_status st = tc_param_time("since", cases[i].value, stamp, &err);
		if (cases[i].stamp) {
			CHECK(st == TC_OK, "'%s': %s", cases[i].value, err.message);
			CHECK_STR(stamp, cases[i].stamp);
		} else {
			CHECK(st == TC_ERR_INPUT, "'%s' is refused", cases[i].value);
			CHECK(strstr(err.message, "since") && strstr(err.message, "RFC 3339"),
			      "the message names the parameter and the form: %s", err.message);
		}
	}
}

int main(void)
{
	test_stamps();
	test_times();
	return check_done("stamps");
}
