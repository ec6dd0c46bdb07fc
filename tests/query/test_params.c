/* test_params.c - the strict parameter parsing of query/params.c, one row
 * per case: the values that issue 15 found misread, and their neighbours. */
#include <string.h>

#include "check.h"
#include "query.h"

static void test_uint(void)
{
	static const struct {
		const char *value;
		uint64_t min, max;
		int ok;
		uint64_t want;
	} cases[] = {
	        {"10", 1, 1000, 1, 10},
	        {"1", 1, 1000, 1, 1},
	        {"1000", 1, 1000, 1, 1000},
	        {"0", 0, 999, 1, 0},
	        {"007", 1, 1000, 1, 7},
	        {"abc", 1, 1000, 0, 0},
	        {"0", 1, 1000, 0, 0},
	        {"1e3", 1, 1000, 0, 0},
	        {"-5", 1, 1000, 0, 0},
	        {"+5", 1, 1000, 0, 0},
	        {" 5", 1, 1000, 0, 0},
	        {"5 ", 1, 1000, 0, 0},
	        {"", 1, 1000, 0, 0},
	        {"1001", 1, 1000, 0, 0},
	        {"5000000000", 0, 999, 0, 0},
	        {"99999999999999999999999", 0, UINT64_MAX, 0, 0},
	        {"18446744073709551615", 0, UINT64_MAX, 1, UINT64_MAX},
	        {"18446744073709551616", 0, UINT64_MAX, 0, 0},
	        {"0x10", 0, 1000, 0, 0},
	        {"1.5", 0, 1000, 0, 0},
	        {"١٢", 0, 1000, 0, 0}, /* Arabic-Indic digits are not digits here */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tc_error err = {0};
		uint64_t got = 12345;
		tc_status st =
		        tc_param_uint("per_page", cases[i].value, cases[i].min, cases[i].max, &got, &err);
		CHECK((st == TC_OK) == cases[i].ok, "'%s': status %d (%s)", cases[i].value, st, err.message);
		if (cases[i].ok) {
			CHECK(got == cases[i].want, "'%s' → %llu", cases[i].value, (unsigned long long)got);
		} else {
			CHECK(st == TC_ERR_INPUT && got == 12345, "'%s': input error, value untouched",
			      cases[i].value);
			char range[64];
			snprintf(range, sizeof range, "%llu to %llu", (unsigned long long)cases[i].min,
			         (unsigned long long)cases[i].max);
			CHECK(strstr(err.message, "per_page") && strstr(err.message, range),
			      "'%s': the message names the parameter and the range: %s", cases[i].value,
			      err.message);
			if (*cases[i].value && strlen(cases[i].value) < 60)
				CHECK(strstr(err.message, cases[i].value), "the message quotes the value: %s",
				      err.message);
		}
	}
	tc_error err = {0};
	uint64_t got;
	CHECK(tc_param_uint("limit", NULL, 1, 10, &got, &err) == TC_ERR_INPUT, "a missing value is refused");
	/* a value with control characters is not echoed raw */
	CHECK(tc_param_uint("limit", "1\033[2J", 1, 10, &got, &err) == TC_ERR_INPUT &&
	              !strchr(err.message, '\033'),
	      "control characters never reach the message: %s", err.message);
}

static void test_dates(void)
{
	static const struct {
		const char *text;
		int end;
		tc_date want; /* 0: refused */
	} cases[] = {
	        {"2015-05-14", 0, 20150514},
	        {"14/5/2015", 0, 20150514},
	        {"14-05-2015", 0, 20150514},
	        {"2015.05.14", 0, 20150514},
	        {"1/1/2020", 0, 20200101},
	        {"2015", 0, 20150101},
	        {"2015", 1, 20151231},
	        {"2020-02-29", 0, 20200229}, /* leap year */
	        {"2000-02-29", 0, 20000229}, /* divisible by 400 */
	        {"2020-02-30", 0, 0},
	        {"2019-02-29", 0, 0},
	        {"1900-02-29", 0, 0}, /* divisible by 100 */
	        {"2021-04-31", 0, 0},
	        {"2020-13-45", 0, 0},
	        {"2020-00-10", 0, 0},
	        {"2020-01-00", 0, 0},
	        {"31/6/2020", 0, 0},
	        {"2015-05/14", 0, 0}, /* mixed separators */
	        {"15", 0, 0},
	        {"20150514", 0, 0},
	        {"1899", 0, 0},
	        {"2201-01-01", 0, 0},
	        {" 2015", 0, 0},
	        {"2015-5-14x", 0, 0},
	        {"+2015", 0, 0},
	        {"14/5/15", 0, 0}, /* two-digit years are ambiguous */
	        {"", 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tc_date got = 0;
		int rc = tc_date_parse(cases[i].text, strlen(cases[i].text), cases[i].end, &got);
		if (cases[i].want)
			CHECK(rc == 0 && got == cases[i].want, "'%s' → %u (rc %d), want %u", cases[i].text,
			      got, rc, cases[i].want);
		else
			CHECK(rc < 0, "'%s' is refused (got %u)", cases[i].text, got);
	}
	static const struct {
		const char *text;
		int ok;
		tc_date lo, hi;
	} ranges[] = {
	        {"2010..2015", 1, 20100101, 20151231},
	        {"2021..", 1, 20210101, 0},
	        {"..2015-06-30", 1, 0, 20150630},
	        {"2015", 1, 20150101, 20151231},
	        {"2015-01-01..2016-06-30", 1, 20150101, 20160630},
	        {"..", 0, 0, 0},
	        {"2016..2015", 0, 0, 0},
	        {"2020-02-30..2021", 0, 0, 0},
	        {"abc", 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		tc_date lo = 1, hi = 1;
		int rc = tc_date_range_parse(ranges[i].text, strlen(ranges[i].text), &lo, &hi);
		CHECK((rc == 0) == ranges[i].ok, "range '%s': rc %d", ranges[i].text, rc);
		if (ranges[i].ok)
			CHECK(lo == ranges[i].lo && hi == ranges[i].hi, "range '%s' → %u..%u", ranges[i].text,
			      lo, hi);
	}
	tc_error err = {0};
	tc_date day;
	CHECK(tc_param_date("inforce", "2020-02-30", &day, &err) == TC_ERR_INPUT &&
	              strstr(err.message, "inforce") && strstr(err.message, "2020-02-30"),
	      "tc_param_date names both: %s", err.message);
}

static void test_enums(void)
{
	tc_error err = {0};
	tc_target target = TC_TARGET_ALL;
	CHECK(tc_param_target("in", "codified", &target, &err) == TC_OK && target == TC_TARGET_CODIFIED,
	      "codified");
	CHECK(tc_param_target("in", "phapdien", &target, &err) == TC_OK && target == TC_TARGET_CODIFIED,
	      "phapdien");
	CHECK(tc_param_target("in", "everything", &target, &err) == TC_ERR_INPUT &&
	              strstr(err.message, "everything") && strstr(err.message, "provisions"),
	      "an unknown target: %s", err.message);
	tc_sort sort = TC_SORT_RELEVANCE;
	CHECK(tc_param_sort("sort", "newest", &sort, &err) == TC_OK && sort == TC_SORT_NEWEST, "newest");
	CHECK(tc_param_sort("sort", "Newest", &sort, &err) == TC_ERR_INPUT, "sort names are exact");
	CHECK(tc_param_sort("sort", NULL, &sort, &err) == TC_ERR_INPUT, "a missing sort");
}

static void test_filters(void)
{
	static const struct {
		const char *name, *value;
		const char *want; /* NULL: refused */
	} cases[] = {
	        {"type", "nghi-dinh", "loai:\"nghi-dinh\""},
	        {"type", "Nghị định", "loai:\"Nghị định\""},
	        {"type", "khong-co", NULL},
	        {"status", "con-hieu-luc", "hieuluc:\"con-hieu-luc\""},
	        {"status", "bogus", NULL},
	        {"year", "2015", "nam:\"2015\""},
	        {"year", "2010..2015", "nam:\"2010..2015\""},
	        {"year", "2015-01-01", NULL},
	        {"year", "abc", NULL},
	        {"issued", "2022-12-01..2022-12-31", "banhanh:\"2022-12-01..2022-12-31\""},
	        {"issued", "2022-12-01..2022-12-32", NULL},
	        {"effective", "2021..", "hieuluctu:\"2021..\""},
	        {"inforce", "2020-07-01", "apdung:\"2020-07-01\""},
	        {"inforce", "2020-02-30", NULL},
	        {"inforce", "2020", "apdung:\"2020\""},
	        {"topic", "36", "chude:\"36\""},
	        {"topic", "36.3", NULL},
	        {"heading", "36.3", "demuc:\"36.3\""},
	        {"heading", "36", NULL},
	        {"heading", "36.x", NULL},
	        {"issuer", "Bộ Tài chính", "coquan:\"Bộ Tài chính\""},
	        {"issuer", "Bộ \"Tài\" chính", NULL},
	        {"issuer", "a\nb", NULL},
	        {"issuer", "", NULL},
	        {"province", "ha-noi", "tinh:\"ha-noi\""},
	        {"field", "thue", "linhvuc:\"thue\""},
	        {"number", "52/2015/NĐ-CP", "so:\"52/2015/NĐ-CP\""},
	        {"q", "x", NULL},
	        {"color", "red", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tc_buf filter = {0};
		tc_error err = {0};
		tc_status st = tc_search_filter_add(&filter, cases[i].name, cases[i].value, &err);
		if (cases[i].want) {
			CHECK(st == TC_OK, "%s=%s: %s", cases[i].name, cases[i].value, err.message);
			CHECK_STR(filter.data, cases[i].want);
		} else {
			CHECK(st == TC_ERR_INPUT && strstr(err.message, cases[i].name),
			      "%s=%s is refused: %s", cases[i].name, cases[i].value, err.message);
		}
		tc_buf_free(&filter);
	}
	tc_buf filter = {0};
	tc_error err = {0};
	char long_name[300];
	memset(long_name, 'a', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	CHECK(tc_search_filter_add(&filter, "issuer", long_name, &err) == TC_ERR_INPUT &&
	              strstr(err.message, "200"),
	      "an over-long name: %s", err.message);
	CHECK(tc_search_filter_add(&filter, "type", "luat", &err) == TC_OK &&
	              tc_search_filter_add(&filter, "year", "2020", &err) == TC_OK,
	      "two filters");
	CHECK_STR(filter.data, "loai:\"luat\" nam:\"2020\"");
	tc_buf_free(&filter);
	CHECK(tc_search_filter_known("inforce") && !tc_search_filter_known("q"), "known filters");
	size_t n = 0;
	while (tc_search_filter_name(n))
		n++;
	CHECK(n == 12, "twelve filter parameters (%zu)", n);
}

int main(void)
{
	test_uint();
	test_dates();
	test_enums();
	test_filters();
	return check_done("params");
}
