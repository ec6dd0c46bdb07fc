/* params.c - strict parsing of the options and parameters that the CLI and
 * the daemon both take (query.h "Parameters"): one place, so that
 * `--limit abc` and `per_page=abc` are refused with the same words.
 *
 * Why strict: strtoul() reads "abc" as 0, "1e3" as 1, "-5" as 4294967291 and
 * wraps "5000000000"; sscanf("%u") takes leading spaces and signs. A value
 * that is not exactly what the parameter allows is refused, naming the
 * parameter, the value and the allowed range. */
#include <stdio.h>
#include <string.h>

#include "query-private.h"

/* The value as it may be quoted in a message: at most 64 bytes, control
 * characters and quotes as '?', so that a message never carries them. */
static const char *quoted(const char *value, char out[80])
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)value; *p && n < 64; p++)
		out[n++] = *p < 0x20 || *p == 0x7f || *p == '\'' ? '?' : (char)*p;
	/* do not cut inside a UTF-8 sequence */
	while (n > 0 && ((unsigned char)value[n] & 0xC0) == 0x80)
		n--;
	memcpy(out + n, value[n] ? "..." : "", value[n] ? 4 : 1);
	return out;
}

tc_status tc_param_uint(const char *name, const char *value, uint64_t min, uint64_t max, uint64_t *out,
                        tc_error *err)
{
	char shown[80];
	if (!value || !*value)
		return tc_error_set(err, TC_ERR_INPUT, "%s needs a whole number from %llu to %llu", name,
		                    (unsigned long long)min, (unsigned long long)max);
	uint64_t n = 0;
	int overflow = 0;
	const char *p = value;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned digit = (unsigned)(*p - '0');
		if (n > (UINT64_MAX - digit) / 10)
			overflow = 1; /* past any range: reported below, never wrapped */
		else
			n = n * 10 + digit;
	}
	if (*p != '\0')
		return tc_error_set(err, TC_ERR_INPUT, "%s: '%s' is not a whole number; give %llu to %llu",
		                    name, quoted(value, shown), (unsigned long long)min,
		                    (unsigned long long)max);
	if (overflow || n < min || n > max)
		return tc_error_set(err, TC_ERR_INPUT, "%s: %s is out of range; give %llu to %llu", name,
		                    quoted(value, shown), (unsigned long long)min, (unsigned long long)max);
	*out = n;
	return TC_OK;
}

tc_status tc_param_target(const char *name, const char *value, tc_target *out, tc_error *err)
{
	char shown[80];
	int target = value ? tc_target_parse(value) : -1;
	if (target < 0)
		return tc_error_set(err, TC_ERR_INPUT,
		                    "%s: '%s' is not a target; give all, docs, provisions or codified", name,
		                    value ? quoted(value, shown) : "");
	*out = (tc_target)target;
	return TC_OK;
}

tc_status tc_param_sort(const char *name, const char *value, tc_sort *out, tc_error *err)
{
	char shown[80];
	static const struct {
		const char *name;
		tc_sort sort;
	} sorts[] = {
	        {"relevance", TC_SORT_RELEVANCE}, {"newest", TC_SORT_NEWEST}, {"oldest", TC_SORT_OLDEST}};
	for (size_t i = 0; value && i < sizeof sorts / sizeof sorts[0]; i++)
		if (!strcmp(value, sorts[i].name)) {
			*out = sorts[i].sort;
			return TC_OK;
		}
	return tc_error_set(err, TC_ERR_INPUT, "%s: '%s' is not an order; give relevance, newest or oldest",
	                    name, value ? quoted(value, shown) : "");
}

/* ---- dates ---- */

static int leap_year(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned days_in_month(unsigned y, unsigned m)
{
	static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

/* Read 1 to MAX digits at *P (advanced); -1 when none or too many. */
static long digits(const char **p, const char *end, int max)
{
	long n = 0;
	int count = 0;
	while (*p < end && **p >= '0' && **p <= '9') {
		if (++count > max)
			return -1;
		n = n * 10 + (**p - '0');
		(*p)++;
	}
	return count ? n : -1;
}

int tc_date_parse(const char *s, size_t len, int end, tc_date *out)
{
	const char *p = s, *stop = s + len;
	long a = digits(&p, stop, 4), y, m, d;
	size_t first_len = (size_t)(p - s);
	if (a < 0)
		return -1;
	if (p == stop) {
		/* a year alone: its first day, or with END its last */
		if (first_len != 4)
			return -1;
		y = a, m = end ? 12 : 1, d = end ? 31 : 1;
	} else {
		char sep = *p++;
		if (sep != '-' && sep != '/' && sep != '.')
			return -1;
		long b = digits(&p, stop, 2);
		if (b < 0 || p == stop || *p++ != sep)
			return -1;
		const char *third = p;
		long c = digits(&p, stop, 4);
		if (c < 0 || p != stop)
			return -1;
		/* 2015-05-14 (the year first) or 14/5/2015 (the year last) */
		if (first_len == 4 && stop - third <= 2)
			y = a, m = b, d = c;
		else if (first_len <= 2 && stop - third == 4)
			d = a, m = b, y = c;
		else
			return -1;
	}
	if (y < TC_DATE_MIN_YEAR || y > TC_DATE_MAX_YEAR || m < 1 || m > 12 || d < 1 ||
	    d > (long)days_in_month((unsigned)y, (unsigned)m))
		return -1;
	*out = (tc_date)(y * 10000 + m * 100 + d);
	return 0;
}

tc_status tc_param_date(const char *name, const char *value, tc_date *out, tc_error *err)
{
	char shown[80];
	if (value && tc_date_parse(value, strlen(value), 0, out) == 0)
		return TC_OK;
	return tc_error_set(
	        err, TC_ERR_INPUT,
	        "%s: '%s' is not a date; give a real day as 2015-05-14 or 14/5/2015 (years %d to %d)", name,
	        value ? quoted(value, shown) : "", TC_DATE_MIN_YEAR, TC_DATE_MAX_YEAR);
}

int tc_date_range_parse(const char *v, size_t len, tc_date *lo, tc_date *hi)
{
	const char *dots = NULL;
	for (size_t i = 0; i + 1 < len; i++)
		if (v[i] == '.' && v[i + 1] == '.') {
			dots = v + i;
			break;
		}
	*lo = *hi = 0;
	if (!dots)
		return tc_date_parse(v, len, 0, lo) < 0 || tc_date_parse(v, len, 1, hi) < 0 ? -1 : 0;
	size_t left = (size_t)(dots - v), right = len - left - 2;
	if (!left && !right)
		return -1;
	if (left && tc_date_parse(v, left, 0, lo) < 0)
		return -1;
	if (right && tc_date_parse(dots + 2, right, 1, hi) < 0)
		return -1;
	if (left && right && *lo > *hi)
		return -1;
	return 0;
}

/* ---- filters as parameters ---- */

typedef enum filter_check {
	CHECK_TEXT,    /* free text: a name, quoted */
	CHECK_TYPE,    /* a document type known to corpus.h */
	CHECK_STATUS,  /* a validity known to corpus.h */
	CHECK_YEARS,   /* a year or a range of years */
	CHECK_DATES,   /* a date or a range of dates */
	CHECK_DATE,    /* one date */
	CHECK_TOPIC,   /* a chủ đề number */
	CHECK_HEADING, /* a đề mục number N.M */
} filter_check;

static const struct {
	const char *param;  /* the parameter's name */
	const char *syntax; /* its field in the query syntax */
	filter_check check;
} filters[] = {
        {"type", "loai", CHECK_TYPE},
        {"issuer", "coquan", CHECK_TEXT},
        {"year", "nam", CHECK_YEARS},
        {"status", "hieuluc", CHECK_STATUS},
        {"field", "linhvuc", CHECK_TEXT},
        {"topic", "chude", CHECK_TOPIC},
        {"heading", "demuc", CHECK_HEADING},
        {"province", "tinh", CHECK_TEXT},
        {"number", "so", CHECK_TEXT},
        {"issued", "banhanh", CHECK_DATES},
        {"effective", "hieuluctu", CHECK_DATES},
        {"inforce", "apdung", CHECK_DATE},
};

int tc_search_filter_known(const char *name)
{
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
		if (!strcmp(filters[i].param, name))
			return 1;
	return 0;
}

const char *tc_search_filter_name(size_t i)
{
	return i < sizeof filters / sizeof filters[0] ? filters[i].param : NULL;
}

static int all_digits(const char *s, size_t len)
{
	if (!len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

tc_status tc_search_filter_add(tc_buf *filter, const char *name, const char *value, tc_error *err)
{
	char shown[80];
	size_t i = 0, n = sizeof filters / sizeof filters[0];
	while (i < n && strcmp(filters[i].param, name))
		i++;
	if (i == n)
		return tc_error_set(err, TC_ERR_INPUT, "'%s' is not a filter", quoted(name, shown));
	size_t len = strlen(value);
	tc_date lo, hi;
	const char *bad = NULL;
	if (!len)
		bad = "is empty";
	else if (len > TC_FILTER_MAX_BYTES)
		bad = "is too long (at most 200 bytes)";
	for (size_t k = 0; !bad && k < len; k++)
		if ((unsigned char)value[k] < 0x20 || value[k] == 0x7f || value[k] == '"')
			bad = "holds a quote or a control character";
	if (!bad) {
		switch (filters[i].check) {
		case CHECK_TEXT: break;
		case CHECK_TYPE:
			if (tc_doc_type_from_name(value) == TC_TYPE_UNKNOWN)
				bad = "is not a document type (e.g. luat, nghi-dinh, thong-tu, quyet-dinh, "
				      "nghi-quyet)";
			break;
		case CHECK_STATUS:
			if (tc_validity_from_name(value) == TC_VALIDITY_UNKNOWN)
				bad = "is not a validity (e.g. con-hieu-luc, het-hieu-luc-toan-bo)";
			break;
		case CHECK_YEARS:
			if (tc_date_range_parse(value, len, &lo, &hi) < 0 ||
			    strspn(value, "0123456789.") != len)
				bad = "is not a year or a range of years like 2010..2015";
			break;
		case CHECK_DATES:
			if (tc_date_range_parse(value, len, &lo, &hi) < 0)
				bad = "is not a date or a range like 2015-01-01..2016-12-31 of real days";
			break;
		case CHECK_DATE:
			if (tc_date_parse(value, len, 0, &lo) < 0)
				bad = "is not a real day like 2020-07-01";
			break;
		case CHECK_TOPIC:
			if (len > 3 || !all_digits(value, len))
				bad = "is not a chủ đề number like 36";
			break;
		case CHECK_HEADING: {
			const char *dot = memchr(value, '.', len);
			if (!dot || dot - value > 3 || !all_digits(value, (size_t)(dot - value)) ||
			    len - (size_t)(dot - value) - 1 > 3 ||
			    !all_digits(dot + 1, len - (size_t)(dot - value) - 1))
				bad = "is not a đề mục number like 36.3";
			break;
		}
		}
	}
	if (bad)
		return tc_error_set(err, TC_ERR_INPUT, "%s: '%s' %s", name, quoted(value, shown), bad);
	if (tc_buf_printf(filter, "%s%s:\"%s\"", filter->len ? " " : "", filters[i].syntax, value) < 0)
		return tc_error_set(err, TC_ERR_NOMEM, "out of memory");
	return TC_OK;
}
