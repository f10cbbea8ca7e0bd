// SPDX-License-Identifier: GPL-2.0
/* csv_text: one RFC 4180 field whatever the text, and no formula. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "csv.h"

static void expect(const char *in, const char *want)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	csv_text(f, in);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(text, want);
	free(text);
}

static void test_plain_as_is(void **state)
{
	(void)state;
	expect("spinlock", "spinlock");
	expect("a b\tc", "a b\tc");
	expect("", "");
	expect(NULL, "");
}

static void test_quoted_when_it_must_be(void **state)
{
	(void)state;
	expect("a,b", "\"a,b\"");
	expect("say \"hi\"", "\"say \"\"hi\"\"\"");
	expect("x\n1,999999,0", "\"x\n1,999999,0\"");
	expect("cr\rlf", "\"cr\rlf\"");
}

static void test_no_formula(void **state)
{
	(void)state;
	expect("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"");
	expect("+1", "\"'+1\"");
	expect("-cmd|' /C calc'!A0", "\"'-cmd|' /C calc'!A0\"");
	expect("@SUM(A1)", "\"'@SUM(A1)\"");
	expect("\tx", "\"'\tx\"");
	expect("a=b", "a=b");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_as_is),
		cmocka_unit_test(test_quoted_when_it_must_be),
		cmocka_unit_test(test_no_formula),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
