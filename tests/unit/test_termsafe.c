// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "termsafe.h"

static void check(const char *in, size_t len, const char *want)
{
	char *out = termsafe_dup(in, len);

	assert_non_null(out);
	assert_string_equal(out, want);
	assert_int_equal(termsafe_is_plain(in, len), !strcmp(in, want) && strlen(in) == len);
	free(out);
}

/* Control bytes escaped; text, UTF-8 included, unchanged. */
static void test_render(void **state)
{
	(void)state;
	check("spinlock", 8, "spinlock");
	check("6.1.0-57-amd64 ± – µs", strlen("6.1.0-57-amd64 ± – µs"), "6.1.0-57-amd64 ± – µs");
	check("x\x1b[31mred", 9, "x\\x1b[31mred");
	check("\x1b]0;title\x07", 10, "\\x1b]0;title\\x07");
	check("a\nb\tc\rd", 7, "a\\nb\\tc\\rd");
	check("nul\0after", 9, "nul\\x00after");
	check("del\x7f", 4, "del\\x7f");
	/* CSI alone (not UTF-8) and as U+009B */
	check("\x9b" "31m", 4, "\\x9b31m");
	check("\xc2\x9b" "31m", 5, "\\xc2\\x9b31m");
	/* cut or overlong sequences byte by byte */
	check("\xe2\x82", 2, "\\xe2\\x82");
	check("\xc0\xaf", 2, "\\xc0\\xaf");
	check("`touch x` $(id)", 15, "`touch x` $(id)");
}

/* Every string and member name of a document, nested, made safe. */
static void test_doc(void **state)
{
	struct json_object *doc = json_tokener_parse(
		"{\"host\": {\"kernel_release\": \"k\\u001b[2J\"},"
		" \"points\": [{\"workload\": \"w\\nx\", \"latency_ns\": {\"a\\u001bb\": {\"count\": 1}}}],"
		" \"n\": 3}");
	char buf[64] = "file: bad \x1b[31m name";

	(void)state;
	assert_non_null(doc);
	assert_int_equal(termsafe_doc(doc), 0);
	assert_string_equal(json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PLAIN),
			    "{\"host\":{\"kernel_release\":\"k\\\\x1b[2J\"},"
			    "\"points\":[{\"workload\":\"w\\\\nx\",\"latency_ns\":"
			    "{\"a\\\\x1bb\":{\"count\":1}}}],\"n\":3}");
	json_object_put(doc);
	termsafe_line(buf, sizeof(buf));
	assert_string_equal(buf, "file: bad \\x1b[31m name");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_doc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
