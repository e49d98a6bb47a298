/*
 * test_common.c: buffers, JSON escaping, number parsing, log levels.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/util.h"
#include "unit.h"

START_TEST(buf_appends_and_formats)
{
	struct buf	b = BUF_INIT;
	int		i;

	for (i = 0; i < 1000; i++)
		buf_addf(&b, "%d,", i);
	ck_assert_uint_eq(b.len, strlen(b.data));
	ck_assert(strncmp(b.data, "0,1,2,", 6) == 0);
	ck_assert(strcmp(b.data + b.len - 4, "999,") == 0);
	buf_free(&b);
	buf_free(NULL);
}
END_TEST

START_TEST(buf_json_escapes_controls_and_quotes)
{
	struct buf	b = BUF_INIT;
	const char	in[] = "a\"b\\c\n\x01\x7f\xc3\xa9";

	buf_add_json_string(&b, in, sizeof(in) - 1);
	ck_assert_str_eq(b.data, "\"a\\\"b\\\\c\\n\\u0001\x7f\xc3\xa9\"");
	buf_free(&b);
}
END_TEST

START_TEST(strtou64_is_strict)
{
	uint64_t	v;

	ck_assert_int_eq(util_strtou64("42", 0, 100, &v), 0);
	ck_assert_uint_eq(v, 42);
	ck_assert_int_eq(util_strtou64("101", 0, 100, &v), -1);
	ck_assert_int_eq(errno, ERANGE);
	ck_assert_int_eq(util_strtou64("-1", 0, 100, &v), -1);
	ck_assert_int_eq(util_strtou64(" 1", 0, 100, &v), -1);
	ck_assert_int_eq(util_strtou64("1x", 0, 100, &v), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(util_strtou64("99999999999999999999999", 0,
	    UINT64_MAX, &v), -1);
	ck_assert_int_eq(errno, ERANGE);
}
END_TEST

START_TEST(log_levels_parse)
{
	enum log_level	l;

	ck_assert_int_eq(log_level_from_string("debug", &l), 0);
	ck_assert_int_eq(l, LOG_LVL_DEBUG);
	ck_assert_int_eq(log_level_from_string("WARN", &l), 0);
	ck_assert_int_eq(l, LOG_LVL_WARN);
	ck_assert_int_eq(log_level_from_string("loud", &l), -1);
}
END_TEST

START_TEST(rfc3339_formats_utc)
{
	char	s[64];

	util_format_rfc3339(1700000000123ULL, s, sizeof(s));
	ck_assert_str_eq(s, "2023-11-14T22:13:20.123Z");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("common");
	TCase	*tc = tcase_create("common");

	tcase_add_test(tc, buf_appends_and_formats);
	tcase_add_test(tc, buf_json_escapes_controls_and_quotes);
	tcase_add_test(tc, strtou64_is_strict);
	tcase_add_test(tc, log_levels_parse);
	tcase_add_test(tc, rfc3339_formats_utc);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
