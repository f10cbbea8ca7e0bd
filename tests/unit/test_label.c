// SPDX-License-Identifier: GPL-2.0
/* label_printable: text from a file made safe to show, and cut to fit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "label.h"

static void expect(const char *in, size_t len, const char *want)
{
	char buf[64];

	memset(buf, 'Z', sizeof(buf));
	label_printable(in, buf, len);
	assert_string_equal(buf, want);
	assert_true(strlen(buf) < len);
}

static void test_plain_and_utf8_kept(void **state)
{
	(void)state;
	expect("spinlock", 64, "spinlock");
	expect("x`touch p` $(a) 'q' \"d\" %s @m", 64, "x`touch p` $(a) 'q' \"d\" %s @m");
	expect("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 64, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	expect(NULL, 64, "");
}

static void test_controls_and_bad_bytes_become_question_marks(void **state)
{
	(void)state;
	expect("a\nb\tc\rd\x1b[31me\x7f", 64, "a?b?c?d?[31me?");
	expect("c1 \xc2\x9b x", 64, "c1 ? x");			/* U+009B, CSI */
	/* one '?' per byte that is not part of a character */
	expect("bad \xff \xc3 \xe2\x82 end", 64, "bad ? ? ?? end");
	expect("overlong \xc0\xaf \xe0\x80\xaf", 64, "overlong ?? ???");
	expect("surrogate \xed\xa0\x80", 64, "surrogate ???");
	expect("cut \xe2\x82", 64, "cut ??");
}

static void test_cut_with_dots_at_a_character(void **state)
{
	(void)state;
	expect("abcdef", 7, "abcdef");
	expect("abcdefg", 7, "abc...");
	expect("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 8, "\xc3\xa9\xc3\xa9...");
	expect("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 7, "\xc3\xa9...");
	expect("abcdef", 4, "abc");
	expect("abcdef", 1, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_utf8_kept),
		cmocka_unit_test(test_controls_and_bad_bytes_become_question_marks),
		cmocka_unit_test(test_cut_with_dots_at_a_character),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
